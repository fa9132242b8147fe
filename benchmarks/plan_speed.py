"""Speed of the integrated model (issue #2 targets).

- warm in-process evaluation of the Colossus II plan: < 20 ms
- `gigawatt plan examples/colossus2.yaml` cold, as a process: < 1.5 s
- the same graph on 100,000-element array inputs: < 1 s

Run: python benchmarks/plan_speed.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "colossus2.yaml"


def best_of(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    import gigawatt
    from gigawatt.campus import Campus
    from gigawatt.scenario import load_scenario

    scenario = load_scenario(EXAMPLE)
    gigawatt.plan(scenario)  # warm caches (catalog, graph)
    lo, med = best_of(lambda: gigawatt.plan(scenario), 50)
    print(
        f"warm plan (Scenario -> Plan, colossus2): best {lo * 1e3:.2f} ms, "
        f"median {med * 1e3:.2f} ms  [target < 20 ms]"
    )
    lo, med = best_of(lambda: gigawatt.plan(EXAMPLE), 20)
    print(
        f"warm plan from file (read + validate + plan): best {lo * 1e3:.2f} ms, "
        f"median {med * 1e3:.2f} ms"
    )

    campus = Campus(scenario)
    n = 100_000
    rng = np.random.default_rng(0)
    arrays = {
        "compute.gpu_count": rng.uniform(100_000, 1_000_000, n).round(),
        "power.gas_price_usd_per_mmbtu": rng.triangular(2.0, 4.28, 8.0, n),
        "finance.wacc_frac": rng.uniform(0.06, 0.14, n),
        "power.grid_price_usd_per_mwh": rng.uniform(40, 90, n),
    }
    campus.evaluate(arrays)
    lo, med = best_of(lambda: campus.evaluate(arrays), 5)
    print(
        f"graph on {n:,}-element arrays ({len(campus.graph.nodes)} nodes): best {lo:.3f} s, "
        f"median {med:.3f} s  [target < 1 s]"
    )

    cmd = [sys.executable, "-m", "gigawatt", "plan", str(EXAMPLE)]
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    print(
        f"cold process `gigawatt plan colossus2.yaml`: best {min(runs):.2f} s, "
        f"median {statistics.median(runs):.2f} s  [target < 1.5 s]"
    )


if __name__ == "__main__":
    main()

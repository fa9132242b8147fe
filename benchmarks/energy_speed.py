"""Speed of the energy models (prints figures; not a timed test).

1. The 8,760-hour LP: grid, three turbine classes, batteries and solar (target < 20 s).
2. The fast path for 10,000 Monte Carlo samples (target < 2 s).
3. One hour of power waveform at 10 ms and its evaluation (target < 1 s), and the
   mitigation sizing on top.
4. A warm `gigawatt plan` (target < 20 ms).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from gigawatt.campus import Campus
from gigawatt.energy import dynamics as dy
from gigawatt.energy import lp
from gigawatt.scenario import load_scenario
from gigawatt.step import StepBreakdown

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    sets = [
        "power.grid_mw=50",
        "power.turbine=ge-lm6000",
        "power.turbine_options=[f-class-sc, wartsila-18v50sg]",
        "power.solar_max_mw=300",
    ]
    campus = Campus(load_scenario(ROOT / "examples/colossus1.yaml", sets))
    values = campus.plan().values
    t = time.perf_counter()
    import pypsa  # noqa: F401  (import cost reported separately)

    t_import = time.perf_counter() - t
    p = lp.supply_problem(campus, values)
    t = time.perf_counter()
    r = lp.solve(p)
    t_lp = time.perf_counter() - t
    print(f"LP 8760 h, grid + 3 turbine classes + battery + solar: {t_lp:.2f} s "
          f"(+ {t_import:.2f} s importing pypsa); capacities "
          + ", ".join(f"{k} {v:,.0f} MW" for k, v in r.capacity_mw.items()))  # fmt: skip

    n = 10_000
    rng = np.random.default_rng(1)
    samples = {
        "gas_price_usd_per_mmbtu": rng.uniform(2, 8, n),
        "grid_price_usd_per_mwh": rng.uniform(40, 90, n),
        "compute.gpu_count": rng.uniform(50_000, 150_000, n).round(),
    }
    t = time.perf_counter()
    v = campus.evaluate(samples, targets=["gas_energy_mwh_per_year", "lcoe_usd_per_mwh"])
    t_fast = time.perf_counter() - t
    print(f"fast path, {n:,} samples x 8,760 h: {t_fast:.2f} s "
          f"(median LCOE {np.median(v['lcoe_usd_per_mwh']):.1f} USD/MWh)")  # fmt: skip

    step = StepBreakdown(10.0, {"dp_comm": 1.5, "bubble": 0.5, "optimizer": 0.3})
    from gigawatt.graph.wiring.energy import dynamics_graph

    dc = Campus(load_scenario(ROOT / "examples/colossus2.yaml"), graph=dynamics_graph())
    given = {"training_step_spec": step}
    dc.evaluate(given, targets=["facility_power_avg_mw"])
    t = time.perf_counter()
    w = dc.evaluate(given, targets=["power_waveform_spec"])["power_waveform_spec"]
    m = dy.waveform_metrics(w.raw_mw, w.training, w.dt_s, 0.1, 20.0)
    t_wave = time.perf_counter() - t
    print(f"waveform 1 h at 10 ms ({len(w.t_s):,} samples) + evaluation: {t_wave:.3f} s "
          f"(swing {m['swing_mw']:,.0f} MW, ramp {m['max_ramp_mw_per_s']:,.0f} MW/s)")  # fmt: skip
    t = time.perf_counter()
    mit = dc.evaluate(given, targets=["mitigation_spec"])["mitigation_spec"]
    t_mit = time.perf_counter() - t
    print(f"mitigation sizing (waveform + bisection on the smoothing constant): {t_mit:.2f} s "
          f"(battery {mit.battery_mw:,.0f} MW / {mit.battery_mwh:,.1f} MWh)")  # fmt: skip

    plan_campus = Campus(load_scenario(ROOT / "examples/colossus2.yaml"))
    plan_campus.plan()
    t = time.perf_counter()
    for _ in range(20):
        plan_campus.plan()
    print(f"warm plan (colossus2): {(time.perf_counter() - t) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main()

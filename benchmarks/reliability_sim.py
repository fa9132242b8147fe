"""Speed of the reliability simulation: 1,048,576 GPUs, 180 days, 100 replications.

Target (issue 5): under 5 s. Prints, for each strategy, the wall time of the simulation, the
interruptions it drew, and its mean ETTR next to the closed form.

    .venv/bin/python benchmarks/reliability_sim.py [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import os
import time

from gigawatt.campus import Campus
from gigawatt.reliability.simulate import simulate
from gigawatt.scenario.io import validate_document

JOB_GPUS = 1_048_576
DAYS = 180.0
REPLICATIONS = 100


def campus(strategy: str) -> Campus:
    racks = math.ceil(JOB_GPUS * 1.05 / 72)  # the job plus 5 % hot spares, in NVL72 racks
    return Campus(
        validate_document(
            {
                "compute": {"system": "gb200-nvl72", "gpu_count": racks * 72},
                "reliability": {"strategy": strategy, "job_gpu_count": JOB_GPUS},
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per strategy")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{JOB_GPUS:,} GPUs, {DAYS:g} days, {REPLICATIONS} replications "
        f"(load average {load:.1f} on {os.cpu_count()} cores)"
    )
    for strategy in ("replica", "spares", "restart"):
        plan = campus(strategy).plan()
        spec = plan.values["reliability_spec"]
        ideal = float(plan["job_ideal_time_to_train_days"])
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            sim = simulate(spec.model, ideal, DAYS, REPLICATIONS, seed=0)
            times.append(time.perf_counter() - t0)
        events = float(plan["interruption_count_per_day"]) * DAYS * REPLICATIONS
        median = sorted(times)[len(times) // 2]
        print(
            f"{strategy:8s} best {min(times):5.2f} s, median {median:5.2f} s"
            f"  ({events / 1e6:.1f} M interruptions)  ETTR simulated {sim.ettr.mean():.4f}"
            f" (P10 {sorted(sim.ettr)[10]:.4f}), closed form {float(spec.ettr_frac):.4f}"
        )


if __name__ == "__main__":
    main()

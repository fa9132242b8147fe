"""Schedule Monte Carlo speed: 10,000 samples of a four-building greenfield campus.

Target (issue 7): under 2 s. Prints the time of the Monte Carlo node alone (sampling, the
topological pass, milestones), of the goal checks and of a whole plan evaluation with it.

    python benchmarks/schedule_mc.py [samples]
"""

from __future__ import annotations

import sys
import time

from gigawatt.campus import Campus
from gigawatt.scenario.io import validate_document

SCENARIO = {
    "compute": {"system": "gb200-nvl72", "gpu_count": 1_000_008},
    "power": {"grid_mw": 600, "battery_mw": 300},
    "schedule": {
        "start_date": "2026-01-01",
        "template": "greenfield",
        "phases": [
            {
                "name": f"building {i + 1}",
                "date": f"{2028 + i // 2}-{1 + 6 * (i % 2):02d}-01",
                "gpu_count": 250_002 * (i + 1),
            }
            for i in range(4)
        ],
        "goals": [
            {"metric": "facility_power_mw", "value": 1000, "date": "2029-06-30"},
            {"metric": "training_run_flop", "value": 1e27, "date": "2029-12-31"},
        ],
    },
}


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(samples: int = 10_000) -> None:
    data = dict(SCENARIO)
    data["schedule"] = {**SCENARIO["schedule"], "sample_count": samples}
    campus = Campus(validate_document(data))
    values = campus.evaluate(use_memo=False)  # warm up (imports, caches)
    spec = values["schedule_spec"]
    n_tasks = len(spec.network.tasks)
    mc = best_of(
        lambda: campus.evaluate(
            targets=["full_capacity_days", "first_training_days"], use_memo=False
        )
    )
    goals = best_of(lambda: campus.evaluate(targets=["goals_missed_count"], use_memo=False))
    plan = best_of(lambda: campus.plan(), repeat=3)
    print(f"campus: 4 buildings, {n_tasks} tasks, {spec.sample_count:,} samples")
    print(f"schedule Monte Carlo (sample, pass, milestones): {mc * 1e3:8.1f} ms  (target < 2000)")
    print(f"  ... with goal checks (partial-cluster runs):    {goals * 1e3:8.1f} ms")
    print(f"whole plan (every domain, finance included):     {plan * 1e3:8.1f} ms")
    print(
        f"full capacity P50 {values['full_capacity_days']:.0f} days, "
        f"P90 {values['full_capacity_p90_days']:.0f} days"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

"""Speed of the energy models (prints figures; not a timed test).

1. The 8,760-hour LP: grid, three turbine classes, batteries and solar (target < 20 s), with
   PyPSA/linopy model building and the HiGHS solve timed apart.
2. The fast path for 10,000 Monte Carlo samples (target < 2 s): above `EXACT_SAMPLES_MAX`
   samples the hourly load is an `HourlyAffine` and the dispatch sums come from hour classes;
   also 100,000 samples, and the exact hour-by-hour dispatch of 1,000 samples for scale.
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
from gigawatt.energy import hours, lp
from gigawatt.energy import supply_problem as sp
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
    p = sp.supply_problem(campus, values)
    t, c = time.perf_counter(), time.process_time()
    r = lp.solve(p)
    t_lp, c_lp = time.perf_counter() - t, time.process_time() - c
    print(f"LP 8760 h, grid + 3 turbine classes + battery + solar: {t_lp:.2f} s (CPU {c_lp:.2f} s;"
          f" building {r.timings['build_s']:.2f} s, HiGHS {r.timings['solve_s']:.2f} s; "
          f"+ {t_import:.2f} s importing pypsa); capacities "
          + ", ".join(f"{k} {v:,.0f} MW" for k, v in r.capacity_mw.items()))  # fmt: skip

    targets = ["gas_energy_mwh_per_year", "fuel_mmbtu_per_year", "lcoe_usd_per_mwh"]
    for n in (1_000, 10_000, 100_000):
        rng = np.random.default_rng(1)
        samples = {
            "gas_price_usd_per_mmbtu": rng.uniform(2, 8, n),
            "grid_price_usd_per_mwh": rng.uniform(40, 90, n),
            "compute.gpu_count": rng.uniform(50_000, 150_000, n).round(),
        }
        campus.evaluate(
            samples, targets=targets, use_memo=False
        )  # hour classes and fronts built once
        t, c = time.perf_counter(), time.process_time()
        v = campus.evaluate(samples, targets=targets, use_memo=False)
        t_fast, c_fast = time.perf_counter() - t, time.process_time() - c
        print(f"fast path, {n:,} samples: {t_fast:.2f} s (CPU {c_fast:.2f} s; median LCOE "
              f"{np.median(v['lcoe_usd_per_mwh']):.1f} USD/MWh)"
              + ("  [target < 2 s]" if n == 10_000 else ""))  # fmt: skip
    saved = hours.EXACT_SAMPLES_MAX
    hours.EXACT_SAMPLES_MAX = 10**9
    try:
        rng = np.random.default_rng(1)
        samples = {"gas_price_usd_per_mmbtu": rng.uniform(2, 8, 1_000),
                   "compute.gpu_count": rng.uniform(50_000, 150_000, 1_000).round()}  # fmt: skip
        t = time.perf_counter()
        campus.evaluate(samples, targets=targets, use_memo=False)
        print(f"exact hour-by-hour dispatch, 1,000 samples: {time.perf_counter() - t:.2f} s")
    finally:
        hours.EXACT_SAMPLES_MAX = saved

    step = StepBreakdown(10.0, {"dp_comm": 1.5, "bubble": 0.5, "optimizer": 0.3})
    from gigawatt.graph.wiring.energy import dynamics_graph

    dc = Campus(load_scenario(ROOT / "examples/colossus2.yaml"), graph=dynamics_graph())
    given = {"training_step_spec": step}
    dc.evaluate(given, targets=["facility_power_avg_mw"], use_memo=False)
    t = time.perf_counter()
    w = dc.evaluate(given, targets=["power_waveform_spec"], use_memo=False)["power_waveform_spec"]
    m = dy.waveform_metrics(w.raw_mw, w.training, w.dt_s, 0.1, 20.0)
    t_wave = time.perf_counter() - t
    print(f"waveform 1 h at 10 ms ({len(w.t_s):,} samples) + evaluation: {t_wave:.3f} s "
          f"(swing {m['swing_mw']:,.0f} MW, ramp {m['max_ramp_mw_per_s']:,.0f} MW/s)")  # fmt: skip
    t = time.perf_counter()
    mit = dc.evaluate(given, targets=["mitigation_spec"], use_memo=False)["mitigation_spec"]
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

"""Error of the energy fast path against the exact 8,760-hour dispatch (prints a table).

For each configuration, N random samples (GPU count 20k-1M, gas $1.5-9/MMBtu, grid $30-120/MWh)
are evaluated twice through the graph: once with the fast path (hour classes, above
`EXACT_SAMPLES_MAX`), once hour by hour. Energies are compared relative to the annual facility
energy, fuel relative to itself where gas supplies at least 20 % of the energy (otherwise
relative to the fuel the whole load would burn on gas), CO2, demand charges and the peak load
relative to themselves. The last configuration reads a weather file with day-to-day weather
(an AR(1) anomaly of 3.5 °C on the typical year), which the hour classes fit less well.

Run: python benchmarks/energy_fastpath_error.py [samples]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from gigawatt.campus import Campus
from gigawatt.energy import hours
from gigawatt.energy.climate import climate_spec
from gigawatt.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
ENERGY = ("grid", "gas", "solar", "backup")
RELATIVE = ("co2_t_per_year", "grid_demand_cost_usd_per_year", "peak_facility_hourly_mw")


def noisy_weather_file(folder: Path) -> Path:
    """Memphis's typical year plus a day-to-day anomaly (AR(1), 0.8 per day, 3.5 °C)."""
    c = climate_spec("memphis-tn")
    rng = np.random.default_rng(7)
    days = np.zeros(365)
    for d in range(1, 365):
        days[d] = 0.8 * days[d - 1] + rng.normal(0.0, 3.5 * np.sqrt(1 - 0.8**2))
    anomaly = np.repeat(days, 24)
    path = folder / "memphis-noisy.csv"
    rows = ["dry_bulb_c,wet_bulb_c"]
    dry, wet = c.dry_bulb_c + anomaly, c.wet_bulb_c + 0.8 * anomaly
    rows += [f"{t:.3f},{w:.3f}" for t, w in zip(dry, wet, strict=True)]
    path.write_text("\n".join(rows) + "\n")
    return path


def compare(example: str, sets: list[str], n: int, short: bool = False) -> dict:
    """Max and p99 errors of the fast path on n random samples; `short`: turbine capacity drawn
    at 30-110 % of the peak load, so that some load goes unserved."""
    campus = Campus(load_scenario(ROOT / "examples" / f"{example}.yaml", sets))
    rng = np.random.default_rng(0)
    arrays = {
        "compute.gpu_count": rng.uniform(20_000, 1_000_000, n).round(),
        "power.gas_price_usd_per_mmbtu": rng.uniform(1.5, 9.0, n),
        "power.grid_price_usd_per_mwh": rng.uniform(30, 120, n),
    }
    if short:
        peak = campus.evaluate(arrays, targets=["facility_power_mw"], use_memo=False)[
            "facility_power_mw"
        ]
        arrays["turbine_capacity_mw"] = peak * rng.uniform(0.3, 1.1, n)
    targets = [f"{k}_energy_mwh_per_year" for k in ENERGY] + [
        "unserved_mwh_per_year",
        "fuel_mmbtu_per_year",
        "facility_energy_mwh_per_year",
        "turbine_heat_rate_mmbtu_per_mwh",
        *RELATIVE,
    ]
    saved = hours.EXACT_SAMPLES_MAX
    try:
        hours.EXACT_SAMPLES_MAX = min(saved, n // 4)
        t = time.perf_counter()
        fast = campus.evaluate(arrays, targets=targets, use_memo=False)
        t_fast = time.perf_counter() - t
        hours.EXACT_SAMPLES_MAX = 10 * n
        t = time.perf_counter()
        exact = campus.evaluate(arrays, targets=targets, use_memo=False)
        t_exact = time.perf_counter() - t
    finally:
        hours.EXACT_SAMPLES_MAX = saved
    load = exact["facility_energy_mwh_per_year"]
    out = {}
    for k in [f"{k}_energy_mwh_per_year" for k in ENERGY] + ["unserved_mwh_per_year"]:
        out[k] = np.abs(fast[k] - exact[k]) / load
    gas = exact["gas_energy_mwh_per_year"] >= 0.2 * load
    err = np.abs(fast["fuel_mmbtu_per_year"] - exact["fuel_mmbtu_per_year"])
    all_gas = load * exact["turbine_heat_rate_mmbtu_per_mwh"]
    out["fuel_mmbtu_per_year"] = np.where(
        gas, err / np.maximum(exact["fuel_mmbtu_per_year"], 1e-300), err / all_gas
    )
    for k in RELATIVE:
        b = np.asarray(exact[k], dtype=float)
        out[k] = np.abs(np.asarray(fast[k]) - b) / np.where(np.abs(b) > 0, np.abs(b), 1.0)
    summary = {k: (float(np.max(v)), float(np.percentile(v, 99))) for k, v in out.items()}
    summary["time_s"] = (t_fast, t_exact)
    return summary


def main(n: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        weather = noisy_weather_file(Path(tmp))
        configs = [
            ("colossus2", []),
            ("colossus2", ["short"]),
            ("colossus1", []),
            ("colossus1", ["power.solar_mw=200", "power.backup_mw=20",
                           "power.grid_demand_charge_usd_per_kw_month=15"]),
            ("minimal", ["power.solar_mw=500", "power.grid_demand_charge_usd_per_kw_month=15"]),
            ("colossus1", ["power.solar_mw=200", f"site.climate={weather}",
                           "power.grid_demand_charge_usd_per_kw_month=15"]),
        ]  # fmt: skip
        print(f"fast path vs exact dispatch, {n:,} random samples each: max / p99 error")
        for example, sets in configs:
            short = "short" in sets
            sets = [x for x in sets if x != "short"]
            s = compare(example, sets, n, short)
            label = example + (" turbines 30-110 % of peak" if short else "")
            label += "".join(f" {x.split('=')[0].split('.')[-1]}={x.split('=')[1][-18:]}"
                             for x in sets)  # fmt: skip
            print(f"\n{label}  (fast {s['time_s'][0]:.2f} s, exact {s['time_s'][1]:.2f} s)")
            for k, (mx, p99) in s.items():
                if k != "time_s":
                    print(f"  {k:34s} {mx:9.1e} {p99:9.1e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

"""The energy report of a campus (`gigawatt energy`): optimised supply or the fast path, with
the hourly tables behind it. Library code: the CLI only renders what this returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from gigawatt.energy import lp
from gigawatt.energy import supply_problem as sp


def optimiser_available() -> bool:
    """True when the optional `energy` extra (pypsa, linopy, highspy) is installed."""
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("pypsa", "linopy", "highspy"))


def _plan_capacities(values: dict, p: sp.SupplyProblem) -> dict[str, float]:
    cap = {u.name: 0.0 for u in p.units}
    cap[p.units[0].name] = float(values["turbine_capacity_mw"])
    cap["solar"] = float(values["solar_mw"])
    return cap


def energy_report(
    campus,
    optimize: bool = True,
    days: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(summary, hourly tables) of the campus's supply.

    With `optimize` (and the extra installed) the LP sizes the supply; otherwise the plan's
    capacities are dispatched by the fast merit order.
    """
    plan = campus.plan()
    values = plan.values
    problem = sp.supply_problem(campus, values, days)
    method = "fast merit-order dispatch of the plan's capacities"
    notes = []
    if optimize and optimiser_available():
        result = lp.solve(problem, progress)
        method = "linear programme (PyPSA + HiGHS), capacity expansion and hourly dispatch"
    else:
        if optimize:
            notes.append("the optional `energy` extra is not installed: fast path used")
        sp.precheck_fixed(problem, _plan_capacities(values, problem))
        result = lp.dispatch_given(problem, _plan_capacities(values, problem))
    load = float(np.sum(problem.weights * problem.load_mw))
    cost = sp.annual_cost_usd(problem, result)
    summary = {
        "method": method,
        "capacity_mw": {k: round(v, 3) + 0.0 for k, v in result.capacity_mw.items()},
        "unit_count": {
            u.name: int(np.ceil(result.capacity_mw.get(u.name, 0.0) / u.unit_mw - 1e-6))
            for u in problem.units
        },
        "energy_mwh_per_year": {k: round(v, 1) + 0.0 for k, v in result.energy_mwh.items()},
        "lcoe_usd_per_mwh": cost / load,
        "fuel_mmbtu_per_year": result.fuel_mmbtu,
        "co2_t_per_year": result.co2_t,
        "water_m3_per_year": float(values["water_m3_per_year"]),
        "pue_annual": float(values["pue_annual"]),
        "peak_facility_mw": float(values["facility_power_mw"]),
        "unserved_mwh": result.unserved_mwh,
        "binding_constraints": result.binding,
        "facility_energy_mwh_per_year": load,
        "supply_cost_usd_per_year": cost,
        "notes": notes,
    }
    climate = values["climate_spec"]
    h = problem.hours
    it = float(values["it_power_avg_mw"])
    hourly = {
        "hour": h,
        "dry_bulb_c": climate.dry_bulb_c[h],
        "wet_bulb_c": climate.wet_bulb_c[h],
        "load_mw": problem.load_mw,
        "pue": problem.load_mw / it,
        **{f"{k}_mw": v for k, v in result.dispatch_mw.items()},
    }
    return summary, hourly


def write_tables(hourly: dict[str, Any], out_dir) -> list[str]:
    """Write the hourly tables (dispatch, temperature, PUE) as CSV and Parquet."""
    from pathlib import Path

    import pandas as pd

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(hourly)
    df.to_csv(out / "hourly.csv", index=False)
    df.to_parquet(out / "hourly.parquet", index=False)
    return ["hourly.csv", "hourly.parquet"]

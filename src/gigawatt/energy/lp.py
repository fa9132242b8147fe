"""Supply design by optimisation: capacity expansion and hourly dispatch over a year.

A linear programme on PyPSA (linopy + HiGHS, the optional `energy` extra, imported inside the
functions): one bus, the campus load every hour; grid import (fixed capacity, energy price,
monthly demand charge), gas units by class (extendable, annualised capex + fixed O&M, marginal
cost from heat rate and fuel price, hourly availability after forced outage, maintenance and
temperature derating), solar PV (extendable up to its limit), batteries (extendable, fixed
duration, round-trip efficiency, wear cost per MWh discharged), backup generators; constraints:
serve the load every hour, firm capacity at the hottest hour ≥ peak · (1 + reserve margin) plus
k of the largest units (N+k), optional CO2 cap, island mode (no grid). Objective: least
annualised cost. Unit minimum load and start-up are not modelled (a linear relaxation); the
part-load fuel curve is applied to the resulting dispatch, as in the fast path.

`precheck` names the constraint that makes a problem infeasible before any solver runs.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from gigawatt.energy.climate import HOURS, MONTH_OF_HOUR
from gigawatt.energy.dispatch import fuel_mmbtu, merit_order_dispatch
from gigawatt.errors import GigawattInputError, Problem
from gigawatt.units import KW_PER_MW


@dataclass(frozen=True)
class Unit:
    """A gas-unit class the optimiser may build."""

    name: str
    unit_mw: float
    capital_usd_per_mw_year: float
    marginal_usd_per_mwh: float
    heat_rate_mmbtu_per_mwh: float
    no_load_fuel_frac: float
    co2_t_per_mwh: float
    available_hourly_frac: np.ndarray
    derate_peak_frac: float
    fuel_price_usd_per_mmbtu: float = 0.0
    vom_usd_per_mwh: float = 0.0
    max_mw: float = math.inf
    min_mw: float = 0.0


@dataclass
class SupplyProblem:
    """Everything the LP needs, in plain numbers (built from a plan by `supply_problem`)."""

    load_mw: np.ndarray
    grid_mw: float
    grid_price_usd_per_mwh: float
    grid_co2_t_per_mwh: float
    grid_firm_frac: float
    grid_demand_charge_usd_per_kw_month: float
    units: list[Unit]
    solar_max_mw: float
    solar_capital_usd_per_mw_year: float
    solar_profile_frac: np.ndarray
    battery_capital_usd_per_mw_year: float
    battery_max_hours: float
    battery_rte_frac: float
    battery_wear_usd_per_mwh: float
    backup_mw: float
    backup_marginal_usd_per_mwh: float
    backup_co2_t_per_mwh: float
    firm_requirement_mw: float
    redundancy_count: int
    co2_cap_t_per_year: float | None = None
    weights: np.ndarray = field(default_factory=lambda: np.ones(HOURS))
    hours: np.ndarray = field(default_factory=lambda: np.arange(HOURS))

    @property
    def largest_unit_mw(self) -> float:
        """The largest unit (derated) among the classes that may be built: N+k spares."""
        built = [u.unit_mw * u.derate_peak_frac for u in self.units if u.max_mw > 0]
        return max(built, default=0.0)


@dataclass
class SupplyResult:
    """Optimal (or given) capacities and the year's dispatch."""

    capacity_mw: dict[str, float]
    energy_mwh: dict[str, float]
    dispatch_mw: dict[str, np.ndarray]
    fuel_mmbtu: float
    co2_t: float
    cost_usd_per_year: float
    unserved_mwh: float
    binding: list[str]
    timings: dict[str, float] = field(default_factory=dict)


# -- pre-check ---------------------------------------------------------------------------


def precheck(p: SupplyProblem) -> None:
    """Raise an input error naming the constraint that makes the problem infeasible."""
    problems = []
    other = p.grid_mw * p.grid_firm_frac + p.backup_mw
    need = p.firm_requirement_mw + p.redundancy_count * p.largest_unit_mw
    onsite = sum(u.max_mw * u.derate_peak_frac for u in p.units)
    if other + onsite < need * (1 - 1e-9):
        where = "power.island_mode" if p.grid_mw == 0 else "power.turbine_max_mw"
        problems.append(
            Problem(
                where,
                f"firm capacity: at most {other + onsite:,.1f} MW can be firm at the hottest "
                f"hour (grid {p.grid_mw * p.grid_firm_frac:,.1f} + backup {p.backup_mw:,.1f} + "
                f"on-site units {onsite:,.1f}) but the peak load with reserve needs "
                f"{p.firm_requirement_mw:,.1f} MW plus {p.redundancy_count} spare unit(s) of "
                f"{p.largest_unit_mw:,.1f} MW = {need:,.1f} MW",
            )
        )
    avail = p.grid_mw + p.backup_mw + p.solar_max_mw * p.solar_profile_frac
    for u in p.units:
        avail = avail + u.max_mw * u.available_hourly_frac
    short = p.load_mw - avail
    if np.max(short) > 1e-6 and not problems:
        h = int(np.argmax(short))
        problems.append(
            Problem(
                "power.turbine_max_mw",
                f"hourly supply: in hour {h} of the year the load is {p.load_mw[h]:,.1f} MW "
                f"but at most {avail[h]:,.1f} MW is available (units after outages, "
                "maintenance and temperature derating, grid, solar, backup)",
            )
        )
    if p.co2_cap_t_per_year is not None:
        solar = p.solar_max_mw * p.solar_profile_frac
        residual = float(np.sum(p.weights * np.maximum(p.load_mw - solar, 0.0)))
        on_grid = float(np.sum(p.weights * np.minimum(np.maximum(p.load_mw - solar, 0), p.grid_mw)))
        cleanest_onsite = min((u.co2_t_per_mwh for u in p.units), default=math.inf)
        grid_i = p.grid_co2_t_per_mwh
        if grid_i <= cleanest_onsite:
            low = on_grid * grid_i + (residual - on_grid) * cleanest_onsite
        else:
            low = residual * cleanest_onsite
        if p.battery_max_hours > 0 and p.solar_max_mw > 0:  # storage may shift solar
            total = float(np.sum(p.weights * (p.load_mw - solar)))
            low = max(total, 0.0) * min(grid_i, cleanest_onsite)
        if low > p.co2_cap_t_per_year * (1 + 1e-9):
            problems.append(
                Problem(
                    "power.co2_cap_t_per_year",
                    f"CO2 cap: serving the load emits at least {low:,.0f} t/yr with the "
                    "cleanest sources allowed (grid, the cleanest gas class, all the solar "
                    f"allowed) but the cap is {p.co2_cap_t_per_year:,.0f} t/yr",
                    p.co2_cap_t_per_year,
                    True,
                )
            )
    if problems:
        raise GigawattInputError(problems)


# -- the LP ------------------------------------------------------------------------------

SOLVER_OPTIONS = {
    "output_flag": False,
    "solver": "simplex",
    "simplex_strategy": 1,
    "simplex_dual_edge_weight_strategy": 1,
}
"""HiGHS dual simplex with Devex pricing. Measured on the 8,760-hour benchmark (grid, three gas
classes, batteries, solar; 166k rows, 70k columns): interior point (IPX) without crossover
124 s (26 iterations, 17 dense columns: every capacity variable appears in 8,760 rows), PDLP
23 s (to 1e-7 only), dual simplex 9-11 s, with Devex pricing 6.2 s; same optimum."""


def _quiet():
    import logging
    import warnings

    for name in ("linopy", "pypsa"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = warnings.catch_warnings()
    ctx.__enter__()
    warnings.simplefilter("ignore")
    return ctx


@contextlib.contextmanager
def _stdout_to_stderr():
    """Send what the solver library prints on file descriptor 1 (its banner) to stderr, so
    that `--json` output stays clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def solve(p: SupplyProblem, progress: Callable[[str], None] | None = None) -> SupplyResult:
    """Least-cost capacities and dispatch (PyPSA + HiGHS). Pre-checks feasibility first."""
    precheck(p)
    say = progress or (lambda _msg: None)
    ctx = _quiet()
    try:
        import pandas as pd
        import pypsa

        pypsa.options.api.legacy_string_dtype = False
        say("building the model")
        start = time.perf_counter()
        n = pypsa.Network()
        snaps = pd.RangeIndex(len(p.load_mw), name="snapshot")
        n.set_snapshots(snaps)
        for col in n.snapshot_weightings.columns:
            n.snapshot_weightings[col] = np.asarray(p.weights, dtype=float)
        n.add("Bus", "campus")
        n.add("Carrier", "grid", co2_emissions=p.grid_co2_t_per_mwh)
        n.add("Carrier", "gas", co2_emissions=0.0)
        n.add("Load", "load", bus="campus", p_set=pd.Series(p.load_mw, index=snaps))
        if p.grid_mw > 0:
            n.add(
                "Generator",
                "grid",
                bus="campus",
                carrier="grid",
                p_nom=p.grid_mw,
                marginal_cost=p.grid_price_usd_per_mwh,
            )
        for u in p.units:
            n.add("Carrier", u.name, co2_emissions=u.co2_t_per_mwh)
            n.add(
                "Generator",
                u.name,
                bus="campus",
                carrier=u.name,
                p_nom_extendable=True,
                p_nom_min=u.min_mw,
                p_nom_max=u.max_mw,
                capital_cost=u.capital_usd_per_mw_year,
                marginal_cost=u.marginal_usd_per_mwh,
                p_max_pu=pd.Series(u.available_hourly_frac, index=snaps),
            )
        if p.solar_max_mw > 0:
            n.add(
                "Generator",
                "solar",
                bus="campus",
                p_nom_extendable=True,
                p_nom_max=p.solar_max_mw,
                capital_cost=p.solar_capital_usd_per_mw_year,
                marginal_cost=0.0,
                p_max_pu=pd.Series(p.solar_profile_frac, index=snaps),
            )
        if p.backup_mw > 0:
            n.add("Carrier", "backup", co2_emissions=p.backup_co2_t_per_mwh)
            n.add(
                "Generator",
                "backup",
                bus="campus",
                carrier="backup",
                p_nom=p.backup_mw,
                marginal_cost=p.backup_marginal_usd_per_mwh,
            )
        if p.battery_max_hours > 0:
            leg = math.sqrt(p.battery_rte_frac)
            n.add(
                "StorageUnit",
                "battery",
                bus="campus",
                p_nom_extendable=True,
                max_hours=p.battery_max_hours,
                capital_cost=p.battery_capital_usd_per_mw_year,
                efficiency_store=leg,
                efficiency_dispatch=leg,
                marginal_cost=p.battery_wear_usd_per_mwh,
                cyclic_state_of_charge=True,
            )
        if p.co2_cap_t_per_year is not None:
            n.add(
                "GlobalConstraint",
                "co2_cap",
                type="primary_energy",
                carrier_attribute="co2_emissions",
                sense="<=",
                constant=p.co2_cap_t_per_year,
            )

        def extra(n, _snapshots):
            m = n.model
            fixed = p.grid_mw * p.grid_firm_frac + p.backup_mw
            need = p.firm_requirement_mw + p.redundancy_count * p.largest_unit_mw - fixed
            pnom = m["Generator-p_nom"]
            if p.units:
                lhs = sum(pnom.sel(name=u.name) * u.derate_peak_frac for u in p.units)
                m.add_constraints(lhs >= need, name="firm_capacity")
            if p.grid_mw > 0 and p.grid_demand_charge_usd_per_kw_month > 0:
                months = pd.RangeIndex(12, name="month")
                peak = m.add_variables(lower=0, coords=[months], name="grid_peak")
                grid_p = m["Generator-p"].sel(name="grid")
                month_of = xr_month(snaps)
                m.add_constraints(grid_p - peak.sel(month=month_of) <= 0, name="grid_peak_def")
                m.objective += (peak * (KW_PER_MW * p.grid_demand_charge_usd_per_kw_month)).sum()

        def xr_month(snaps):
            import xarray as xr

            return xr.DataArray(MONTH_OF_HOUR[p.hours], coords=[snaps], dims="snapshot")

        with _stdout_to_stderr():
            n.optimize.create_model()
            extra(n, snaps)
            built = time.perf_counter()
            say(f"solving {len(p.load_mw):,} hours with HiGHS (dual simplex)")
            status, cond = n.optimize.solve_model(
                solver_name="highs",
                log_to_console=False,
                solver_options=SOLVER_OPTIONS,
                io_api="direct",
                progress=False,
            )
        timings = {"build_s": built - start, "solve_s": time.perf_counter() - built}
        if status != "ok":
            raise GigawattInputError(
                [
                    Problem(
                        "power",
                        f"the optimiser found no solution ({cond}); the pre-check found no "
                        "single violated limit, so a combination of the CO2 cap, capacity "
                        "limits and firm capacity is infeasible",
                    )
                ]
            )
        say("reading the solution")
        result = _result(p, n)
        result.timings = timings
        return result
    finally:
        ctx.__exit__(None, None, None)


def _result(p: SupplyProblem, n) -> SupplyResult:
    gens = n.generators
    cap = {name: float(gens.p_nom_opt[name]) for name in gens.index}
    disp = {name: n.generators_t.p[name].to_numpy() for name in gens.index}
    if "battery" in n.storage_units.index:
        cap["battery"] = float(n.storage_units.p_nom_opt["battery"])
        disp["battery"] = n.storage_units_t.p["battery"].to_numpy()
    energy = {k: float(np.sum(p.weights * v)) for k, v in disp.items()}
    fuel, co2 = _fuel_co2(p, cap, disp)
    binding = _binding(p, n, cap, disp, co2)
    return SupplyResult(cap, energy, disp, fuel, co2, float(n.objective), 0.0, binding)


def _fuel_co2(p: SupplyProblem, cap: dict, disp: dict) -> tuple[float, float]:
    fuel = co2 = 0.0
    for u in p.units:
        out = disp.get(u.name, np.zeros(len(p.load_mw)))
        unit = max(u.unit_mw, 1e-9) * u.available_hourly_frac.clip(min=1e-9)
        avail = cap.get(u.name, 0.0) * u.available_hourly_frac
        committed = np.minimum(np.ceil(out / unit - 1e-9) * unit, np.maximum(avail, out))
        f = float(np.sum(p.weights * fuel_mmbtu(out, committed, u.heat_rate_mmbtu_per_mwh,
                                                 u.no_load_fuel_frac)))  # fmt: skip
        fuel += f
        co2 += f * u.co2_t_per_mwh / u.heat_rate_mmbtu_per_mwh
    grid = float(np.sum(p.weights * disp.get("grid", 0.0)))
    backup = float(np.sum(p.weights * disp.get("backup", 0.0)))
    co2 += grid * p.grid_co2_t_per_mwh + backup * p.backup_co2_t_per_mwh
    return fuel, co2


def _binding(p: SupplyProblem, n, cap: dict, disp: dict, co2: float) -> list[str]:
    out = []
    if p.units:
        firm = sum(cap[u.name] * u.derate_peak_frac for u in p.units)
        need = (
            p.firm_requirement_mw
            + p.redundancy_count * p.largest_unit_mw
            - p.grid_mw * p.grid_firm_frac
            - p.backup_mw
        )
        if firm <= need + 1e-3 * max(need, 1.0):
            out.append(
                f"firm capacity (power.reserve_margin_frac, power.turbine_redundancy): on-site "
                f"firm {firm:,.1f} MW = requirement {need:,.1f} MW"
            )
    if p.grid_mw > 0:
        at_cap = np.mean(disp["grid"] >= p.grid_mw * (1 - 1e-6))
        if at_cap > 0:
            out.append(f"grid import capacity (power.grid_mw = {p.grid_mw:,.0f} MW) in "
                       f"{100 * at_cap:.0f} % of hours")  # fmt: skip
    for u in p.units:
        if math.isfinite(u.max_mw) and cap[u.name] >= u.max_mw * (1 - 1e-6) and u.max_mw > 0:
            out.append(f"capacity limit of {u.name} (power.turbine_max_mw = {u.max_mw:,.0f} MW)")
    if p.solar_max_mw > 0 and cap.get("solar", 0.0) >= p.solar_max_mw * (1 - 1e-6):
        out.append(f"solar limit (power.solar_max_mw = {p.solar_max_mw:,.0f} MW)")
    if p.co2_cap_t_per_year is not None and co2 >= p.co2_cap_t_per_year * (1 - 1e-4):
        out.append(f"CO2 cap (power.co2_cap_t_per_year = {p.co2_cap_t_per_year:,.0f} t/yr)")
    return out


# -- the fast path on the same problem ---------------------------------------------------


def dispatch_given(p: SupplyProblem, capacity_mw: dict[str, float]) -> SupplyResult:
    """Merit-order dispatch of the same problem for given capacities (batteries idle)."""
    names, avail, cost = [], [], []
    if p.solar_max_mw > 0 or capacity_mw.get("solar", 0) > 0:
        names.append("solar")
        avail.append(capacity_mw.get("solar", 0.0) * p.solar_profile_frac)
        cost.append(0.0)
    if p.grid_mw > 0:
        names.append("grid")
        avail.append(np.full(len(p.load_mw), p.grid_mw))
        cost.append(p.grid_price_usd_per_mwh)
    for u in p.units:
        names.append(u.name)
        avail.append(capacity_mw.get(u.name, 0.0) * u.available_hourly_frac)
        cost.append(u.marginal_usd_per_mwh)
    if p.backup_mw > 0:
        names.append("backup")
        avail.append(np.full(len(p.load_mw), p.backup_mw))
        cost.append(p.backup_marginal_usd_per_mwh)
    d, unserved = merit_order_dispatch(p.load_mw, np.array(avail), np.array(cost))
    disp = {k: d[i] for i, k in enumerate(names)}
    cap = {k: capacity_mw.get(k, p.grid_mw if k == "grid" else 0.0) for k in names}
    fuel, co2 = _fuel_co2(p, cap, disp)
    energy = {k: float(np.sum(p.weights * v)) for k, v in disp.items()}
    variable = sum(c * energy[k] for k, c in zip(names, cost, strict=True))
    return SupplyResult(cap, energy, disp, fuel, co2, variable,
                        float(np.sum(p.weights * unserved)), [])  # fmt: skip


# -- building the problem from a plan ---------------------------------------------------


def _unit(entry, values: dict, derate_h: np.ndarray, max_mw: float) -> Unit:
    from gigawatt.finance import capital_recovery_factor

    crf = capital_recovery_factor(
        float(values["wacc_frac"]), float(values["generation_life_years"])
    )
    hr = entry.turbine_heat_rate_mmbtu_per_mwh
    gas = float(values["gas_price_usd_per_mmbtu"])
    avail = (
        1.0 - entry.turbine_forced_outage_frac - entry.turbine_maintenance_h_per_year / HOURS
    ) * derate_h
    return Unit(
        name=entry.id,
        unit_mw=entry.turbine_mw,
        capital_usd_per_mw_year=KW_PER_MW
        * (entry.turbine_capex_usd_per_kw * crf + entry.turbine_fom_usd_per_kw_year),
        marginal_usd_per_mwh=hr * gas + entry.turbine_vom_usd_per_mwh,
        heat_rate_mmbtu_per_mwh=hr,
        no_load_fuel_frac=entry.turbine_no_load_fuel_frac,
        co2_t_per_mwh=hr * float(values["gas_co2_t_per_mmbtu"]),
        available_hourly_frac=avail,
        derate_peak_frac=float(np.min(derate_h)),
        fuel_price_usd_per_mmbtu=gas,
        vom_usd_per_mwh=entry.turbine_vom_usd_per_mwh,
        max_mw=max_mw,
    )


def supply_problem(campus, values: dict, days: int | None = None) -> SupplyProblem:
    """The LP of a planned campus: its hourly load, the scenario's options and the catalog."""
    from gigawatt.energy.dispatch import derate_hourly_frac
    from gigawatt.finance import capital_recovery_factor

    sc = campus.scenario.power
    climate = values["climate_spec"]
    ids = list(dict.fromkeys([sc.turbine, *sc.turbine_options]))
    problems = [
        campus.catalog.unknown("turbine", t, "power.turbine_options")
        for t in ids
        if t not in campus.catalog.entries.get("turbine", {})
    ]
    if problems:
        raise GigawattInputError(problems)
    max_mw = float(values.get("turbine_max_mw", math.inf))
    units = []
    for t in ids:
        e = campus.catalog.entries["turbine"][t]
        units.append(_unit(e, values, derate_hourly_frac(climate, e.turbine_derate_frac_per_c),
                           max_mw))  # fmt: skip
    wacc = float(values["wacc_frac"])
    crf_solar = capital_recovery_factor(wacc, float(values["solar_life_years"]))
    crf_bat = capital_recovery_factor(wacc, float(values["battery_life_years"]))
    hours_bat = float(values["battery_unit_mwh"]) / float(values["battery_unit_mw"])
    bat_kwh = float(values["battery_capex_usd_per_kwh"])
    solar_kw_year = float(values["solar_capex_usd_per_kw"]) * crf_solar + float(
        values["solar_fom_usd_per_kw_year"]
    )
    backup_hr = float(values["backup_turbine_heat_rate_mmbtu_per_mwh"])
    problem = SupplyProblem(
        load_mw=np.asarray(values["facility_load_hourly_mw"], dtype=float),
        grid_mw=float(values["grid_mw"]),
        grid_price_usd_per_mwh=float(values["grid_price_usd_per_mwh"]),
        grid_co2_t_per_mwh=float(values["grid_co2_t_per_mwh"]),
        grid_firm_frac=float(values["grid_firm_frac"]),
        grid_demand_charge_usd_per_kw_month=float(values["grid_demand_charge_usd_per_kw_month"]),
        units=units,
        solar_max_mw=float(values["solar_max_mw"]),
        solar_capital_usd_per_mw_year=KW_PER_MW * solar_kw_year,
        solar_profile_frac=np.asarray(values["solar_profile_hourly_frac"], dtype=float),
        battery_capital_usd_per_mw_year=KW_PER_MW
        * (bat_kwh * hours_bat * crf_bat + float(values["battery_fom_usd_per_kw_year"])),
        battery_max_hours=hours_bat,
        battery_rte_frac=float(values["battery_rte_frac"]),
        battery_wear_usd_per_mwh=bat_kwh * KW_PER_MW / float(values["battery_cycle_life_count"]),
        backup_mw=float(values["backup_mw"]),
        backup_marginal_usd_per_mwh=float(values["backup_marginal_usd_per_mwh"]),
        backup_co2_t_per_mwh=backup_hr * float(values["diesel_co2_t_per_mmbtu"]),
        firm_requirement_mw=float(values["firm_requirement_mw"]),
        redundancy_count=int(values["turbine_redundancy_count"]),
        co2_cap_t_per_year=(
            float(values["co2_cap_t_per_year"]) if "co2_cap_t_per_year" in values else None
        ),
    )
    return representative_days(problem, days) if days else problem


def representative_days(p: SupplyProblem, days: int) -> SupplyProblem:
    """The same problem on `days` evenly spaced days, each weighted 365 / days."""
    import dataclasses

    if not 1 <= days <= 365:
        raise GigawattInputError([Problem("--days", "must be between 1 and 365", days, True)])
    picked = np.unique(np.linspace(0, 364, days).round().astype(int))
    hours = (picked[:, None] * 24 + np.arange(24)[None, :]).ravel()
    w = np.full(len(hours), 365.0 / len(picked))

    def cut(a):
        return np.asarray(a)[hours]

    units = [dataclasses.replace(u, available_hourly_frac=cut(u.available_hourly_frac))
             for u in p.units]  # fmt: skip
    return dataclasses.replace(
        p,
        load_mw=cut(p.load_mw),
        solar_profile_frac=cut(p.solar_profile_frac),
        units=units,
        weights=w,
        hours=hours,
    )


def annual_cost_usd(p: SupplyProblem, r: SupplyResult) -> float:
    """Annualised cost of a supply result: capital and fixed O&M of what is built, fuel at the
    part-load fuel curve, variable O&M, grid energy and demand charges, battery wear."""
    cost = 0.0
    for u in p.units:
        cap = r.capacity_mw.get(u.name, 0.0)
        out = r.dispatch_mw.get(u.name, np.zeros(len(p.load_mw)))
        unit = max(u.unit_mw, 1e-9) * u.available_hourly_frac.clip(min=1e-9)
        committed = np.minimum(np.ceil(out / unit - 1e-9) * unit,
                               np.maximum(cap * u.available_hourly_frac, out))  # fmt: skip
        fuel = np.sum(p.weights * fuel_mmbtu(out, committed, u.heat_rate_mmbtu_per_mwh,
                                             u.no_load_fuel_frac))  # fmt: skip
        energy = r.energy_mwh.get(u.name, 0.0)
        cost += cap * u.capital_usd_per_mw_year + fuel * u.fuel_price_usd_per_mmbtu
        cost += energy * u.vom_usd_per_mwh
    cost += r.capacity_mw.get("solar", 0.0) * p.solar_capital_usd_per_mw_year
    cost += r.capacity_mw.get("battery", 0.0) * p.battery_capital_usd_per_mw_year
    bat = r.dispatch_mw.get("battery")
    if bat is not None:
        cost += float(np.sum(p.weights * np.maximum(bat, 0.0))) * p.battery_wear_usd_per_mwh
    grid = r.dispatch_mw.get("grid")
    if grid is not None:
        cost += r.energy_mwh["grid"] * p.grid_price_usd_per_mwh
        months = MONTH_OF_HOUR[p.hours]
        peaks = sum(float(grid[months == m].max()) for m in np.unique(months))
        cost += peaks * KW_PER_MW * p.grid_demand_charge_usd_per_kw_month
    cost += r.energy_mwh.get("backup", 0.0) * p.backup_marginal_usd_per_mwh
    return float(cost)


def precheck_fixed(p: SupplyProblem, capacity_mw: dict[str, float]) -> None:
    """Pre-check of given capacities: the same checks with each class limited to its size."""
    import dataclasses

    units = [dataclasses.replace(u, max_mw=capacity_mw.get(u.name, 0.0)) for u in p.units]
    precheck(dataclasses.replace(p, units=units, solar_max_mw=capacity_mw.get("solar", 0.0)))

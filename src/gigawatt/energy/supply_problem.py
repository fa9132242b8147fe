"""The supply-design problem of the LP (`lp`): its units, the problem built from the campus
graph's values, a shorter horizon of representative days, its annual cost, and the pre-check
that names the constraint making a problem infeasible before any solver runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from gigawatt.energy.climate import HOURS, MONTH_OF_HOUR
from gigawatt.energy.dispatch import fuel_mmbtu
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

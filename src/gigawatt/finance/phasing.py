"""Capex and depreciation in time: each item spread over the schedule task that builds it.

Times come from the P50 realisation of the schedule (one consistent sample, see
`ScheduleResult.p50_sample`). Months are 365.25/12 days from the construction start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.schedule import curves
from gigawatt.schedule.templates import DAYS_PER_MONTH

ITEM_GROUP = {
    "it_capex_usd": "it",
    "storage_capex_usd": "it",
    "network_capex_usd": "it",
    "facility_shell_capex_usd": "facility",
    "facility_electrical_mechanical_capex_usd": "facility",
    "facility_site_fitout_capex_usd": "facility",
    "grid_interconnect_capex_usd": "facility",
    "land_capex_usd": "facility",
    "generation_capex_usd": "generation",
    "battery_capex_usd": "generation",
}
"""Capex items and the financing group each belongs to."""

ITEM_LIFE = {
    "it_capex_usd": "gpu_life_years",
    "storage_capex_usd": "gpu_life_years",
    "network_capex_usd": "network_life_years",
    "facility_shell_capex_usd": "facility_life_years",
    "facility_electrical_mechanical_capex_usd": "facility_life_years",
    "facility_site_fitout_capex_usd": "facility_life_years",
    "grid_interconnect_capex_usd": "facility_life_years",
    "land_capex_usd": "",  # land is not depreciated
    "generation_capex_usd": "generation_life_years",
    "battery_capex_usd": "battery_life_years",
}
"""Depreciation life of each item (straight line from its in-service day)."""


@dataclass
class Times:
    """Schedule times [day] per building (K, plan) and campus windows (plan,)."""

    fracs: np.ndarray  # (K, plan) share of the GPUs (and of the building capex) per hall
    shell: tuple[np.ndarray, np.ndarray]
    fitout: tuple[np.ndarray, np.ndarray]
    commissioned: np.ndarray
    delivery: np.ndarray
    ramp_start: np.ndarray
    ramp_days: np.ndarray
    gpus: np.ndarray
    grid: tuple[np.ndarray, np.ndarray]
    generation: tuple[np.ndarray, np.ndarray]
    battery: tuple[np.ndarray, np.ndarray]
    full_capacity: np.ndarray
    bridge: Bridge  # temporary power until the permanent supply covers the load

    def delayed(self, days: float) -> Times:
        """The halls slip by `days` after commissioning; deliveries and capex do not. The
        temporary-power bridge, which serves the halls' load, slips with them."""
        return Times(
            self.fracs,
            self.shell,
            self.fitout,
            self.commissioned + days,
            self.delivery,
            self.ramp_start + days,
            self.ramp_days,
            self.gpus,
            self.grid,
            self.generation,
            self.battery,
            self.full_capacity + days,
            self.bridge.delayed(days),
        )


def schedule_times(spec) -> Times:
    """Times of the P50 realisation of a `ScheduleResult`."""
    net = spec.network
    start, finish = spec.realised(spec.passed.start), spec.realised(spec.passed.finish)
    k = len(net.buildings)

    def per_building(key, arr):
        return np.stack([arr[net.building_task(key, b)] for b in range(k)])

    def window(kind):
        idx = [t.index for t in net.tasks if t.template.kind == kind]
        if not idx:
            zero = np.zeros(start.shape[1:])
            return zero, zero
        return start[idx].min(axis=0), finish[idx].max(axis=0)

    milestone = {k: spec.realised(v) for k, v in spec.milestones.items()}
    fit_s = np.minimum(per_building("electrical", start), per_building("mechanical", start))
    fit_f = np.maximum(per_building("electrical", finish), per_building("mechanical", finish))
    return Times(
        fracs=spec.gpus / np.maximum(spec.gpus.sum(axis=0, keepdims=True), 1e-300),
        shell=(per_building("shell", start), per_building("shell", finish)),
        fitout=(fit_s, fit_f),
        commissioned=per_building("commissioning", finish),
        delivery=spec.realised(spec.delivery),
        ramp_start=spec.realised(spec.ramp_start),
        ramp_days=spec.realised(spec.ramp_days),
        gpus=spec.gpus,
        grid=window("grid_build"),
        generation=window("generation"),
        battery=window("battery"),
        full_capacity=milestone["full_capacity"],
        bridge=bridge_of(spec, milestone),
    )


@dataclass
class Bridge:
    """Temporary generation carrying the load until the permanent supply covers it: on line
    from `start_days`; the first permanent source (grid or on-site generation) at
    `first_days`, both at `both_days` (inf when absent); the temporary MW still needed in
    each of the three intervals, and the campus load (all (plan,))."""

    start_days: np.ndarray
    first_days: np.ndarray
    both_days: np.ndarray
    need_mw: tuple[np.ndarray, np.ndarray, np.ndarray]
    load_mw: np.ndarray

    def delayed(self, days: float) -> Bridge:
        shift = (self.start_days, self.first_days, self.both_days)
        return Bridge(*(x + days for x in shift), self.need_mw, self.load_mw)

    def segments(self, end_days) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(start, finish, MW) of the three intervals, within [start_days, end) (empty
        without temporary power)."""
        end = np.asarray(end_days, dtype=float)
        s = np.where(np.isfinite(self.start_days), np.minimum(self.start_days, end), end)
        cuts = [s, *(np.clip(x, s, end) for x in (self.first_days, self.both_days)), end]
        return [(cuts[i], cuts[i + 1], self.need_mw[i]) for i in range(3)]


def bridge_of(spec, milestone: dict) -> Bridge:
    """The bridge of a `ScheduleResult` (its P50 realisation `milestone`).

    need_mw = min(temporary MW, max(0, load − permanent MW on line)) before the first
    permanent source, between the first and the second, after both
    """
    grid_t, gen_t = milestone["grid_available"], milestone["generation_available"]
    grid_mw = spec.capacities["grid_available"]
    gen_mw = spec.capacities["generation_available"]
    temp_mw = spec.capacities["temporary_power_available"]
    load = spec.demand_mw
    grid_first = grid_t <= gen_t
    first_mw = np.where(grid_first, grid_mw, gen_mw)
    need = tuple(
        np.minimum(temp_mw, np.maximum(load - on_line, 0.0))
        for on_line in (0.0, first_mw, grid_mw + gen_mw)
    )
    return Bridge(
        start_days=milestone["temporary_power_available"],
        first_days=np.where(grid_first, grid_t, gen_t),
        both_days=np.maximum(grid_t, gen_t),
        need_mw=need,
        load_mw=np.asarray(load, dtype=float),
    )


def bridge_usd_per_day(t: Times, segment, rent_usd_per_mw_day, premium_usd_per_gpu_day):
    """Cost rate of one interval of the temporary-power bridge, spread evenly over it. The
    temporary units carry the share MW / load of the load online (mobilised as the halls
    fill): their rent, and the premium of their fuel over the permanent supply's energy
    cost, follow the GPU-days online in the interval.

    bridge_usd_per_day = (rent · load / GPUs + premium) · MW / load · (G(f) − G(s)) / (f − s),
        G = cumulative GPU-days online (`schedule.curves.cumulative_gpu_days`)

    Parameters
    ----------
    t : Times
        Schedule times.
    segment : tuple
        (start, finish, MW) of the interval (`Bridge.segments`) [day, day, MW].
    rent_usd_per_mw_day : numeric
        Rent of temporary generation [USD/MW-day].
    premium_usd_per_gpu_day : numeric
        Extra energy cost of a GPU-day on temporary generation [USD/GPU-day].

    Returns
    -------
    numeric
        [USD/day]; 0 for an empty interval.
    """
    start, finish, mw = segment
    width = finish - start
    a, d, g = t.ramp_start, t.ramp_days, t.gpus
    gpu_days = curves.cumulative_gpu_days(finish, a, d, g) - curves.cumulative_gpu_days(
        start, a, d, g
    )
    load = np.maximum(t.bridge.load_mw, 1e-300)
    per_gpu_day = rent_usd_per_mw_day * load / np.maximum(g.sum(axis=0), 1e-300)
    rate = (per_gpu_day + premium_usd_per_gpu_day) * (mw / load) * gpu_days
    return np.where(width > 0, rate / np.maximum(width, 1e-9), 0.0)


def bridge_flows(t: Times, end_days, econ) -> list:
    """(start, finish, USD/day) of each interval of the bridge (`bridge_usd_per_day`), with
    the rent and premium of `econ` (a `cashflow.Economics`)."""
    rent, premium = econ.temporary_rent_usd_per_mw_day, econ.bridge_premium_usd_per_gpu_day
    return [
        (seg[0], seg[1], bridge_usd_per_day(t, seg, rent, premium))
        for seg in t.bridge.segments(end_days)
    ]


def bridge_total_usd(flows: list):
    """Unescalated cost of the whole bridge: Σ_intervals rate · (finish − start) [USD]."""
    return sum(rate * (finish - start) for start, finish, rate in flows)


def month_edges(months: int) -> np.ndarray:
    """Start day of each month and the end of the last: (months + 1,) [day]."""
    return np.arange(months + 1) * DAYS_PER_MONTH


def spent_frac(start_days, finish_days, edges_days):
    """Share of an amount spent evenly over [start, finish) by each month edge (cumulative);
    all of it at the start when the window is empty.

    spent_frac[e] = clip((edge_e − start) / (finish − start), 0, 1), or [edge_e > start]

    Parameters
    ----------
    start_days, finish_days : numeric
        Window, any shape [day].
    edges_days : array
        Month edges (M + 1,) [day].

    Returns
    -------
    array
        (M + 1, ...) [1].
    """
    start = np.asarray(start_days, dtype=float)
    width = np.asarray(finish_days, dtype=float) - start
    e = edges_days.reshape((-1,) + (1,) * start.ndim)
    lump = width <= 1e-9
    with np.errstate(divide="ignore", invalid="ignore"):
        ramp = (e - start) / np.where(lump, 0.0, width)
    return np.clip(np.where(lump, (e > start).astype(float), ramp), 0.0, 1.0)


def spread_usd(amount_usd, start_days, finish_days, edges_days):
    """An amount spent evenly over [start, finish), by month; lump sum in the start month
    when the window is empty.

    spread_usd[m] = amount_usd · |[start, finish) ∩ month m| / (finish − start)

    Parameters
    ----------
    amount_usd : numeric
        Per plan (or per building and plan) [USD].
    start_days, finish_days : numeric
        Window, broadcastable against amount_usd [day].
    edges_days : array
        Month edges (M + 1,) [day].

    Returns
    -------
    array
        (M, ...) [USD].
    """
    return np.asarray(amount_usd) * np.diff(spent_frac(start_days, finish_days, edges_days), axis=0)


def _profile(t: Times, start, finish, per_hall: bool, edges: np.ndarray) -> np.ndarray:
    """Monthly share (M, plan) of one unit spread over a window (per hall: by GPU share)."""
    frac = spent_frac(start, finish, edges)
    if per_hall:
        frac = np.einsum("ekp,kp->ep", frac, t.fracs)
    return np.diff(frac, axis=0)


def item_windows(t: Times) -> dict[str, tuple]:
    """Spend window and in-service day of each capex item: (start, finish, in_service, per_hall)."""
    zero = np.zeros_like(t.full_capacity)
    return {
        "land_capex_usd": (zero, zero, zero, False),
        "grid_interconnect_capex_usd": (*t.grid, t.grid[1], False),
        "facility_shell_capex_usd": (*t.shell, t.commissioned, True),
        "facility_site_fitout_capex_usd": (*t.shell, t.commissioned, True),
        "facility_electrical_mechanical_capex_usd": (*t.fitout, t.commissioned, True),
        "generation_capex_usd": (*t.generation, t.generation[1], False),
        "battery_capex_usd": (*t.battery, t.battery[1], False),
        "it_capex_usd": (t.delivery, t.delivery, t.delivery, True),
        "storage_capex_usd": (t.delivery, t.delivery, t.delivery, True),
        "network_capex_usd": (t.delivery, t.delivery, t.delivery, True),
    }


def _by_window(windows: dict[str, tuple], edges: np.ndarray, t: Times) -> dict[str, np.ndarray]:
    """Monthly profile of every item, computed once per distinct window."""
    profiles: dict[tuple, np.ndarray] = {}
    out = {}
    for name, (start, finish, per_hall) in windows.items():
        key = (id(start), id(finish), per_hall)
        if key not in profiles:
            profiles[key] = _profile(t, start, finish, per_hall, edges)
        out[name] = profiles[key]
    return out


def phased_capex(
    items: dict[str, np.ndarray], t: Times, edges: np.ndarray
) -> dict[str, np.ndarray]:
    """Monthly capex of each item (M, plan) [USD]."""
    windows = {k: (s, f, hall) for k, (s, f, _, hall) in item_windows(t).items()}
    profiles = _by_window(windows, edges, t)
    return {k: np.asarray(items[k], dtype=float) * profiles[k] for k in windows}


def depreciation(
    items: dict[str, np.ndarray],
    lives: dict[str, np.ndarray],
    t: Times,
    edges: np.ndarray,
    only: tuple[str, ...] | None = None,
) -> dict[str, np.ndarray]:
    """Straight-line depreciation of each item by month (M, plan) [USD]; land: none.
    `only` limits the items computed."""
    windows, ends = {}, {}
    for name, (_, _, in_service, per_hall) in item_windows(t).items():
        life = ITEM_LIFE[name]
        if (only is not None and name not in only) or not life:
            continue
        ends.setdefault((id(in_service), life), in_service + np.asarray(lives[life]) * 365.25)
        windows[name] = (in_service, ends[(id(in_service), life)], per_hall)
    profiles = _by_window(windows, edges, t)
    out = {k: np.asarray(items[k], dtype=float) * profiles[k] for k in windows}
    if only is None or "land_capex_usd" in only:
        out["land_capex_usd"] = np.zeros((len(edges) - 1, *np.shape(t.full_capacity)))
    return out


def in_service_days(name: str, t: Times) -> np.ndarray:
    """Day the last part of an item enters service (plan,)."""
    s = item_windows(t)[name][2]
    return s.max(axis=0) if s.ndim > np.ndim(t.full_capacity) else s

"""Fast path: hourly merit-order dispatch for given capacities, vectorised over hours and samples.

Every hour the load is served by the cheapest available sources first (solar at zero marginal
cost, then grid, turbines and backup in order of their marginal cost, which may differ between
samples). Without storage arbitrage and unit commitment this is exactly the optimum of the
hourly dispatch LP for fixed capacities, so it agrees with `gigawatt.energy.lp` on the same
capacities (tested). Batteries are held for power smoothing and outages: cycling them for
arbitrage costs their wear (capex / cycle life, ~$80/MWh for a Megapack) more than the spread
between grid and gas, and the LP (which may cycle them) finds the same.

Up to `EXACT_SAMPLES_MAX` samples every hour is dispatched (in chunks of samples); above it the
load arrives as an `HourlyAffine` and `gigawatt.energy.fastpath` takes the annual sums without
hourly arrays (memory bounded whatever the number of samples).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gigawatt.energy import hours
from gigawatt.energy.climate import HOURS, MONTH_OF_HOUR
from gigawatt.energy.hours import HourlyAffine, as_hourly_affine
from gigawatt.graph.readers import reader
from gigawatt.units import KW_PER_MW

ISO_TEMPERATURE_C = 15.0
"""Ambient temperature of gas-turbine ratings (ISO 3977-2: 15 °C, 60 % RH, sea level)."""

CHUNK_SAMPLES = 256
MONTH_STARTS = np.searchsorted(MONTH_OF_HOUR, np.arange(12))
"""First hour of each month (the hours of a month are contiguous)."""
TECHNOLOGIES = ("solar", "grid", "turbine", "backup")


def merit_order_dispatch(load_mw, available_mw, cost_usd_per_mwh):
    """Serve the load from the cheapest available sources first, hour by hour.

    merit_order_dispatch = for technologies in order of cost: p_k = min(residual, available_k)

    Parameters
    ----------
    load_mw : array_like
        Load, shape (..., H) [MW].
    available_mw : array_like
        Available power of K technologies, shape (K, ..., H) [MW].
    cost_usd_per_mwh : array_like
        Marginal cost of each technology, shape (K, ...) broadcastable to the samples [USD/MWh].

    Returns
    -------
    tuple of numpy.ndarray
        Dispatch (K, ..., H) [MW] and unserved load (..., H) [MW].

    Examples
    --------
    >>> d, u = merit_order_dispatch([100.0], [[60.0], [80.0]], [50.0, 40.0])
    >>> d.tolist(), u.tolist()
    ([[20.0], [80.0]], [0.0])
    """
    load = np.asarray(load_mw, dtype=float)
    avail = np.broadcast_to(np.asarray(available_mw, dtype=float), (len(available_mw), *load.shape))
    cost = np.asarray(cost_usd_per_mwh, dtype=float)
    cost = np.broadcast_to(cost.reshape(cost.shape + (1,) * (avail.ndim - cost.ndim)), avail.shape)
    order = np.argsort(cost[..., :1], axis=0, kind="stable")
    dispatch = np.zeros(avail.shape)
    residual = load.copy()
    for rank in range(avail.shape[0]):
        idx = np.broadcast_to(order[rank : rank + 1], (1, *avail.shape[1:]))
        a = np.take_along_axis(avail, idx, axis=0)[0]
        out = np.minimum(residual, a)
        residual = residual - out
        np.put_along_axis(dispatch, idx, out[None], axis=0)
    return dispatch, np.maximum(residual, 0.0)


def derate_hourly_frac(climate_spec, turbine_derate_frac_per_c):
    """Capacity of a combustion unit relative to its ISO rating, every hour.

    derate_hourly_frac = 1 − d · max(T_dry,h − 15 °C, 0)

    Parameters
    ----------
    climate_spec : Climate
        Hourly weather [spec].
    turbine_derate_frac_per_c : numeric
        Capacity lost per °C above 15 °C [1/°C].

    Returns
    -------
    numpy.ndarray
        Shape (..., 8760) [1].

    References
    ----------
    .. [1] acnewkirk/AI-Datacenter-Microgrid-Analysis, src/config.py (aeroderivative −1 %/°C
       above 15 °C, EST); ISO 3977-2 reference conditions.
    """
    return _derate(climate_spec.dry_bulb_c, turbine_derate_frac_per_c)


def _derate(dry_bulb_c, derate_frac_per_c):
    d = np.asarray(derate_frac_per_c, dtype=float)[..., None]
    return np.clip(1.0 - d * np.maximum(dry_bulb_c - ISO_TEMPERATURE_C, 0.0), 0, 1)


def turbine_derate_peak_frac(climate_spec, turbine_derate_frac_per_c):
    """Capacity of a unit relative to its rating in the hottest hour of the year.

    turbine_derate_peak_frac = min_h derate_hourly_frac

    The derate is monotone in the dry bulb, so the minimum lies at the hottest or the coldest
    hour: evaluated there, for any number of samples.

    Parameters
    ----------
    climate_spec : Climate
        Hourly weather [spec].
    turbine_derate_frac_per_c : numeric
        [1/°C].

    Returns
    -------
    numeric
        [1].
    """
    t = climate_spec.dry_bulb_c
    out = np.min(_derate(t[[np.argmax(t), np.argmin(t)]], turbine_derate_frac_per_c), axis=-1)
    return out if out.ndim else float(out)


def unit_availability_frac(turbine_forced_outage_frac, turbine_maintenance_h_per_year):
    """Expected share of a fleet's capacity not on forced outage or maintenance.

    unit_availability_frac = 1 − forced_outage − maintenance_h / 8760

    Parameters
    ----------
    turbine_forced_outage_frac : numeric
        Equivalent forced-outage rate [1].
    turbine_maintenance_h_per_year : numeric
        Planned maintenance [h/yr].

    Returns
    -------
    numeric
        [1].
    """
    return 1.0 - turbine_forced_outage_frac - turbine_maintenance_h_per_year / HOURS


def fuel_mmbtu(output_mw, committed_mw, heat_rate_mmbtu_per_mwh, no_load_fuel_frac):
    """Fuel of a fleet with a linear fuel curve: a no-load share on the committed capacity plus
    the incremental share on output.

    fuel_mmbtu = heat_rate · (no_load · committed_mw + (1 − no_load) · output_mw)

    At full load this equals heat_rate · output; at half load of the committed units the heat
    rate is (1 + no_load) times the full-load one (25 % no-load fuel: +25 %).

    Parameters
    ----------
    output_mw, committed_mw : numeric
        Output and capacity of the units running [MW].
    heat_rate_mmbtu_per_mwh : numeric
        Full-load heat rate (HHV) [MMBtu/MWh].
    no_load_fuel_frac : numeric
        Fuel at zero output as a fraction of full-load fuel [1].

    Returns
    -------
    numeric
        [MMBtu] per hour of the arrays given.
    """
    return heat_rate_mmbtu_per_mwh * (
        no_load_fuel_frac * committed_mw + (1.0 - no_load_fuel_frac) * output_mw
    )


@dataclass
class DispatchResult:
    """Annual results of the fast dispatch (arrays with the samples' shape)."""

    energy_mwh: dict[str, np.ndarray]
    unserved_mwh: np.ndarray
    fuel_mmbtu: np.ndarray
    backup_fuel_mmbtu: np.ndarray
    grid_demand_mw_months: np.ndarray
    hourly: dict[str, np.ndarray] = field(default_factory=dict)


def _chunks(shape: tuple[int, ...]):
    n = int(np.prod(shape)) if shape else 1
    for start in range(0, n, CHUNK_SAMPLES):
        yield slice(start, min(n, start + CHUNK_SAMPLES))


def _flat(x, shape):
    return np.broadcast_to(np.asarray(x, dtype=float), shape).reshape(-1)


def energy_balance_spec(
    facility_load_hourly_mw,
    climate_spec,
    solar_profile_hourly_frac,
    solar_mw,
    grid_mw,
    grid_price_usd_per_mwh,
    turbine_capacity_mw,
    turbine_mw,
    turbine_marginal_usd_per_mwh,
    turbine_heat_rate_mmbtu_per_mwh,
    turbine_no_load_fuel_frac,
    turbine_derate_frac_per_c,
    turbine_forced_outage_frac,
    turbine_maintenance_h_per_year,
    backup_mw,
    backup_marginal_usd_per_mwh,
    backup_turbine_heat_rate_mmbtu_per_mwh,
):
    """Fast-path year: merit-order dispatch of solar, grid, turbines and backup every hour.

    energy_balance_spec = merit_order_dispatch(load_h, [solar_mw·cf_h, grid_mw,
        turbine_capacity_mw·avail·derate_h, backup_mw], [0, price, turbine marginal, backup
        marginal])

    Parameters
    ----------
    facility_load_hourly_mw : numpy.ndarray
        Facility load every hour, shape (..., 8760) [MW].
    climate_spec : Climate
        Hourly weather (turbine derating) [spec].
    solar_profile_hourly_frac : numpy.ndarray
        PV output per MW, shape (..., 8760) [1].
    solar_mw, grid_mw, turbine_capacity_mw, turbine_mw, backup_mw : numeric
        Capacities; `turbine_mw` is one unit [MW].
    grid_price_usd_per_mwh, turbine_marginal_usd_per_mwh, backup_marginal_usd_per_mwh : numeric
        Marginal costs [USD/MWh].
    turbine_heat_rate_mmbtu_per_mwh, backup_turbine_heat_rate_mmbtu_per_mwh : numeric
        Full-load heat rates [MMBtu/MWh].
    turbine_no_load_fuel_frac : numeric
        [1].
    turbine_derate_frac_per_c : numeric
        [1/°C].
    turbine_forced_outage_frac : numeric
        [1].
    turbine_maintenance_h_per_year : numeric
        [h/yr].

    Returns
    -------
    DispatchResult
        Annual energy by technology, unserved energy, fuel, monthly grid peaks [spec].

    Notes
    -----
    Up to `EXACT_SAMPLES_MAX` samples every hour is dispatched; above it (the load is then an
    `HourlyAffine`) the annual sums come from `gigawatt.energy.fastpath` without hourly arrays,
    within the tolerances stated in docs/energy.md.
    """
    scalars = (
        solar_mw,
        grid_mw,
        grid_price_usd_per_mwh,
        turbine_capacity_mw,
        turbine_mw,
        turbine_marginal_usd_per_mwh,
        turbine_heat_rate_mmbtu_per_mwh,
        turbine_no_load_fuel_frac,
        turbine_derate_frac_per_c,
        turbine_forced_outage_frac,
        turbine_maintenance_h_per_year,
        backup_mw,
        backup_marginal_usd_per_mwh,
        backup_turbine_heat_rate_mmbtu_per_mwh,
    )
    load = facility_load_hourly_mw
    solar_prof = np.asarray(solar_profile_hourly_frac, dtype=float)
    load_shape = load.shape if isinstance(load, HourlyAffine) else np.shape(load)[:-1]
    shape = np.broadcast_shapes(load_shape, solar_prof.shape[:-1], *(np.shape(x) for x in scalars))
    n = int(np.prod(shape)) if shape else 1
    flat = [_flat(x, shape) for x in scalars]
    fast = isinstance(load, HourlyAffine) or (n > hours.EXACT_SAMPLES_MAX and np.ndim(load) == 1)
    if fast and solar_prof.ndim == 1:
        return _fast_balance(load, climate_spec, solar_prof, flat, shape)
    load_f = np.broadcast_to(np.asarray(load, dtype=float), (*shape, HOURS)).reshape(n, HOURS)
    prof_f = np.broadcast_to(solar_prof, (*shape, HOURS)).reshape(n, HOURS)
    return _exact_balance(lambda sl: load_f[sl], climate_spec, prof_f, flat, shape)


def _exact_balance(load_of, climate_spec, prof_f, flat, shape) -> DispatchResult:
    """Every hour of the year, in chunks of samples (`load_of(slice)` gives their load)."""
    (s_mw, g_mw, g_price, t_cap, t_unit, t_cost, t_hr, t_nl, t_der, t_for, t_mnt, b_mw, b_cost,
     b_hr) = flat  # fmt: skip
    n = len(s_mw)
    names = TECHNOLOGIES
    energy = {k: np.zeros(n) for k in names}
    unserved = np.zeros(n)
    fuel = np.zeros(n)
    bfuel = np.zeros(n)
    peaks = np.zeros((n, 12))
    hourly: dict[str, np.ndarray] = {}
    for sl in _chunks((n,)):
        load = load_of(sl)
        derate = derate_hourly_frac(climate_spec, t_der[sl])
        t_firm = (t_cap[sl] * unit_availability_frac(t_for[sl], t_mnt[sl]))[:, None] * derate
        avail = np.stack(
            [
                s_mw[sl][:, None] * prof_f[sl],
                np.broadcast_to(g_mw[sl][:, None], t_firm.shape),
                t_firm,
                np.broadcast_to(b_mw[sl][:, None], t_firm.shape),
            ]
        )
        cost = np.stack([np.zeros_like(g_price[sl]), g_price[sl], t_cost[sl], b_cost[sl]])
        d, u = merit_order_dispatch(load, avail, cost)
        for k, name in enumerate(names):
            energy[name][sl] = d[k].sum(axis=-1)
        unserved[sl] = u.sum(axis=-1)
        unit = (t_unit[sl][:, None] * derate).clip(min=1e-9)
        committed = np.minimum(np.ceil(d[2] / unit - 1e-9) * unit, t_firm.clip(min=d[2]))
        fuel_t = fuel_mmbtu(d[2], committed, t_hr[sl][:, None], t_nl[sl][:, None])
        fuel_b = d[3] * b_hr[sl][:, None]
        bfuel[sl] = fuel_b.sum(axis=-1)
        fuel[sl] = fuel_t.sum(axis=-1) + bfuel[sl]
        peaks[sl] = np.maximum.reduceat(d[1], MONTH_STARTS, axis=-1)
        if n == 1:
            hourly = {f"{k}_mw": d[i][0] for i, k in enumerate(names)}
            hourly["unserved_mw"] = u[0]
            hourly["load_mw"] = load[0]
    return DispatchResult(
        {k: v.reshape(shape) for k, v in energy.items()},
        unserved.reshape(shape),
        fuel.reshape(shape),
        bfuel.reshape(shape),
        peaks.reshape((*shape, 12)),
        hourly,
    )


def _fast_balance(load, climate_spec, solar_prof, flat, shape) -> DispatchResult:
    """Annual sums without hourly arrays (`gigawatt.energy.fastpath`); samples whose derate
    leaves the linear range are dispatched hour by hour."""
    from gigawatt.energy import fastpath

    (s_mw, g_mw, g_price, t_cap, t_unit, t_cost, t_hr, t_nl, t_der, t_for, t_mnt, b_mw, b_cost,
     b_hr) = flat  # fmt: skip
    n = len(s_mw)
    load = as_hourly_affine(load, shape)
    hot = float(np.max(climate_spec.dry_bulb_c)) - ISO_TEMPERATURE_C
    linear = (t_der >= 0) & (t_der * max(hot, 0.0) <= 1.0)
    firm = t_cap * unit_availability_frac(t_for, t_mnt)
    energy = {k: np.zeros(n) for k in TECHNOLOGIES}
    unserved, fuel, bfuel, peaks = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros((n, 12))
    ok = np.nonzero(linear)[0]
    if ok.size:
        sub = HourlyAffine(*(_take(x, shape, ok) for x in (load.base,)),
                           tuple(_take(c, shape, ok) for c in load.coefs),
                           load.profiles)  # fmt: skip
        e, u, f, fb, pk = fastpath.annual_dispatch(
            sub, climate_spec, solar_prof, s_mw[ok], g_mw[ok], g_price[ok], firm[ok],
            t_unit[ok], t_cost[ok], t_hr[ok], t_nl[ok], t_der[ok], b_mw[ok], b_cost[ok],
            b_hr[ok],
        )  # fmt: skip
        for k in TECHNOLOGIES:
            energy[k][ok] = e[k]
        unserved[ok], fuel[ok], bfuel[ok], peaks[ok] = u, f, fb, pk
    rest = np.nonzero(~linear)[0]
    if rest.size:
        prof = np.broadcast_to(solar_prof, (rest.size, HOURS))
        r = _exact_balance(lambda sl: load.hours(rest[sl]), climate_spec, prof,
                           [x[rest] for x in flat], (rest.size,))  # fmt: skip
        for k in TECHNOLOGIES:
            energy[k][rest] = r.energy_mwh[k]
        unserved[rest], fuel[rest] = r.unserved_mwh, r.fuel_mmbtu
        bfuel[rest], peaks[rest] = r.backup_fuel_mmbtu, r.grid_demand_mw_months
    return DispatchResult(
        {k: v.reshape(shape) for k, v in energy.items()},
        unserved.reshape(shape),
        fuel.reshape(shape),
        bfuel.reshape(shape),
        peaks.reshape((*shape, 12)),
    )


def _take(x, shape, index):
    return np.broadcast_to(np.asarray(x, dtype=float), shape).reshape(-1)[index]


def _scalar(x):
    return x if np.ndim(x) else float(x)


def _read(name: str, get, unit: str, summary: str, formula: str):
    """A node reading one total of the dispatch (`energy_balance_spec`)."""
    return reader(name, "energy_balance_spec", "DispatchResult", lambda r: _scalar(get(r)),
                  unit, summary, formula)  # fmt: skip


grid_energy_mwh_per_year = _read(
    "grid_energy_mwh_per_year", lambda r: r.energy_mwh["grid"], "MWh/yr",
    "Energy imported from the grid (fast dispatch).", "Σ_h grid_h",
)  # fmt: skip
gas_energy_mwh_per_year = _read(
    "gas_energy_mwh_per_year", lambda r: r.energy_mwh["turbine"], "MWh/yr",
    "Energy generated by the on-site gas units (fast dispatch).", "Σ_h turbine_h",
)  # fmt: skip
solar_energy_mwh_per_year = _read(
    "solar_energy_mwh_per_year", lambda r: r.energy_mwh["solar"], "MWh/yr",
    "Solar PV energy used by the campus (fast dispatch; surplus is curtailed).", "Σ_h solar_h",
)  # fmt: skip
backup_energy_mwh_per_year = _read(
    "backup_energy_mwh_per_year", lambda r: r.energy_mwh["backup"], "MWh/yr",
    "Energy from the backup generators (fast dispatch).", "Σ_h backup_h",
)  # fmt: skip
unserved_mwh_per_year = _read(
    "unserved_mwh_per_year", lambda r: r.unserved_mwh, "MWh/yr",
    "Load no source could serve (the capacities are short in some hours).", "Σ_h unserved_h",
)  # fmt: skip
fuel_mmbtu_per_year = _read(
    "fuel_mmbtu_per_year", lambda r: r.fuel_mmbtu, "MMBtu/yr",
    "Fuel burnt on site, gas and diesel, with the part-load fuel curve (HHV).",
    "Σ_h heat_rate · (no_load · committed_h + (1 − no_load) · output_h)\n"
    "        + Σ_h backup_h · backup heat rate",
)  # fmt: skip
backup_fuel_mmbtu_per_year = _read(
    "backup_fuel_mmbtu_per_year", lambda r: r.backup_fuel_mmbtu, "MMBtu/yr",
    "Diesel burnt by the backup generators (HHV).", "Σ_h backup_h · backup heat rate",
)  # fmt: skip


def grid_demand_cost_usd_per_year(energy_balance_spec, grid_demand_charge_usd_per_kw_month):
    """Demand charges: each month's peak grid import times the charge.

    grid_demand_cost_usd_per_year = Σ_months max_h∈month grid_h · 1000 · charge

    Parameters
    ----------
    energy_balance_spec : DispatchResult
        [spec].
    grid_demand_charge_usd_per_kw_month : numeric
        [USD/kW-month].

    Returns
    -------
    numeric
        [USD/yr].
    """
    peaks = energy_balance_spec.grid_demand_mw_months.sum(axis=-1)
    return _scalar(peaks * KW_PER_MW * grid_demand_charge_usd_per_kw_month)

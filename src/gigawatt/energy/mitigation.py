"""Mitigation of the training power swing: the power floor and the smoothing battery that make
the campus meet the utility's ramp, dynamic-range and oscillation-band limits, and its cost.

A power floor (GB300's smoothing or software dummy load) lifts the low phases of the waveform
(`dynamics.power_waveform_spec`); a battery makes the grid see a first-order low-pass of the
load, with the shortest time constant that meets the limits. The battery's power is the
largest gap between load and grid, its energy the swing of their integrated difference.

References
----------
.. [1] E. Choukse et al., arXiv 2508.14318, 2025: synchronous training swings the whole
   cluster's power; mitigations in software, GPU hardware and energy storage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.energy.dynamics import (
    SECONDS_PER_HOUR,
    low_pass_mw,
    steady_mask,
    waveform_metrics,
)
from gigawatt.graph.readers import reader
from gigawatt.units import HOURS_PER_YEAR, KW_PER_MW


@dataclass(frozen=True)
class Mitigation:
    """The mitigation that meets the limits and what the grid then sees."""

    tau_s: float
    battery_mw: float
    battery_mwh: float
    grid_mw: np.ndarray
    raw: dict[str, float]
    residual: dict[str, float]
    floor_energy_mwh_per_year: float
    battery_throughput_mwh_per_year: float
    meets_limits: bool


def _ok(m: dict[str, float], ramp, dyn, band) -> bool:
    return (
        m["max_ramp_mw_per_s"] <= ramp * (1 + 1e-9)
        and m["dynamic_range_frac"] <= dyn * (1 + 1e-9)
        and m["band_rms_mw"] <= band * (1 + 1e-9)
    )


def mitigation_spec(
    power_waveform_spec,
    oscillation_band_low_hz,
    oscillation_band_high_hz,
    utility_ramp_mw_per_s,
    utility_dynamic_range_frac,
    oscillation_limit_frac,
    facility_power_mw,
):
    """Size the battery behind the power floor: the shortest low-pass time constant whose
    grid-visible power meets the ramp, dynamic-range and band limits (bisection on τ).

    mitigation_spec = min τ such that limits(lowpass(P_floored, τ)) hold;
        battery_mw = max |P − P_grid|, battery_mwh = range ∫(P − P_grid) dt

    Parameters
    ----------
    power_waveform_spec : Waveform
        [spec].
    oscillation_band_low_hz, oscillation_band_high_hz : float
        [Hz].
    utility_ramp_mw_per_s : float
        [MW/s].
    utility_dynamic_range_frac, oscillation_limit_frac : float
        Limits; the band limit is a fraction of the peak facility load [1].
    facility_power_mw : float
        Peak facility load [MW].

    Returns
    -------
    Mitigation
        [spec].
    """
    w = power_waveform_spec
    lo, hi = float(oscillation_band_low_hz), float(oscillation_band_high_hz)
    ramp, dyn = float(utility_ramp_mw_per_s), float(utility_dynamic_range_frac)
    band = float(oscillation_limit_frac) * float(facility_power_mw)

    settle = 10.0 * float(w.step_s)

    def metrics(p, tau):
        mask = steady_mask(w.training, w.dt_s, settle + 5.0 * tau)
        return waveform_metrics(p, mask, w.dt_s, lo, hi)

    def passes(tau):
        return _ok(metrics(low_pass_mw(w.floored_mw, w.dt_s, tau), tau), ramp, dyn, band)

    raw = metrics(w.raw_mw, 0.0)
    tau, meets = 0.0, True
    if not passes(0.0):
        top = 1.0
        while not passes(top):
            top *= 4.0
            if top > 1e4:
                meets = False
                break
        low = top / 4.0 if top > 1.0 else 0.0
        for _ in range(8 if meets else 0):
            mid = 0.5 * (low + top)
            if passes(mid):
                top = mid
            else:
                low = mid
        tau = top
    grid = low_pass_mw(w.floored_mw, w.dt_s, tau)
    gap = w.floored_mw - grid
    stored = np.cumsum(gap) * w.dt_s / SECONDS_PER_HOUR
    horizon_h = len(w.t_s) * w.dt_s / SECONDS_PER_HOUR
    scale = HOURS_PER_YEAR / horizon_h
    floor_extra = np.sum(w.floored_mw - w.raw_mw) * w.dt_s / SECONDS_PER_HOUR
    throughput = np.sum(np.maximum(gap, 0.0)) * w.dt_s / SECONDS_PER_HOUR
    return Mitigation(
        tau_s=tau,
        battery_mw=float(np.max(np.abs(gap))),
        battery_mwh=float(stored.max() - stored.min()),
        grid_mw=grid,
        raw=raw,
        residual=metrics(grid, tau),
        floor_energy_mwh_per_year=float(floor_extra * scale),
        battery_throughput_mwh_per_year=float(throughput * scale),
        meets_limits=meets,
    )


def utility_ramp_mw_per_s(facility_power_mw):
    """Ramp limit when the utility gives none: the peak load over one minute, the fastest
    that generation follows load (1 to 90 minutes, NVIDIA).

    utility_ramp_mw_per_s = facility_power_mw / 60 s

    Parameters
    ----------
    facility_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW/s].

    References
    ----------
    .. [1] NVIDIA, "How new GB300 NVL72 features provide steady power for AI" (2025):
       generation takes 1 to 90 minutes to ramp.
    """
    return facility_power_mw / 60.0


def no_limit_frac(facility_power_mw):
    """A fractional utility limit that is not given: 1 (no limit).

    no_limit_frac = 1

    Parameters
    ----------
    facility_power_mw : numeric
        Unused; ties the default to the campus [MW].

    Returns
    -------
    numeric
        [1].
    """
    return np.ones_like(np.asarray(facility_power_mw, dtype=float)) + 0.0


def _read(name: str, get, unit: str, summary: str, formula: str):
    """A node reading one figure of `mitigation_spec`."""
    return reader(name, "mitigation_spec", "Mitigation", get, unit, summary, formula,
                  kind="float")  # fmt: skip


max_ramp_mw_per_s = _read(
    "max_ramp_mw_per_s", lambda m: m.raw["max_ramp_mw_per_s"], "MW/s",
    "Steepest ramp of the unmitigated campus power.", "max_t |ΔP| / Δt",
)  # fmt: skip
band_rms_unmitigated_mw = _read(
    "band_rms_unmitigated_mw", lambda m: m.raw["band_rms_mw"], "MW",
    "RMS of the unmitigated power in the oscillation band.", "sqrt(2 Σ_band |X_k|²) / N",
)  # fmt: skip
swing_battery_mw = _read(
    "swing_battery_mw", lambda m: m.battery_mw, "MW",
    "Battery power that smooths the load to what the grid may see.",
    "max_t |P_floored − P_grid|",
)  # fmt: skip
swing_battery_mwh = _read(
    "swing_battery_mwh", lambda m: m.battery_mwh, "MWh",
    "Battery energy that smooths the load.", "max − min of ∫(P_floored − P_grid) dt",
)  # fmt: skip
residual_swing_mw = _read(
    "residual_swing_mw", lambda m: m.residual["training_swing_mw"], "MW",
    "Grid-visible swing left while training, after the mitigation.",
    "max − min of P_grid while training",
)  # fmt: skip


def mitigation_cost_usd_per_year(
    mitigation_spec,
    battery_unit_mw,
    battery_unit_mwh,
    battery_capex_usd_per_kwh,
    battery_fom_usd_per_kw_year,
    battery_crf_frac_per_year,
    battery_rte_frac,
    grid_price_usd_per_mwh,
):
    """Yearly cost of the mitigation: the smoothing battery (whole units, annualised capex and
    fixed O&M), its round-trip losses, and the energy the power floor burns.

    mitigation_cost_usd_per_year = units · unit_mwh · 1000 · capex_per_kwh · crf
        + units · unit_mw · 1000 · fom + (throughput · (1/rte − 1) + floor energy) · price,
        units = ceil(max(battery_mw / unit_mw, battery_mwh / unit_mwh))

    Parameters
    ----------
    mitigation_spec : Mitigation
        [spec].
    battery_unit_mw, battery_unit_mwh : numeric
        One battery unit [MW], [MWh].
    battery_capex_usd_per_kwh : numeric
        [USD/kWh].
    battery_fom_usd_per_kw_year : numeric
        [USD/kW-yr].
    battery_crf_frac_per_year : numeric
        [1/yr].
    battery_rte_frac : numeric
        [1].
    grid_price_usd_per_mwh : numeric
        Price of the energy lost or burnt [USD/MWh].

    Returns
    -------
    float
        [USD/yr].
    """
    m = mitigation_spec
    units = np.ceil(max(m.battery_mw / battery_unit_mw, m.battery_mwh / battery_unit_mwh) - 1e-9)
    capex = units * battery_unit_mwh * KW_PER_MW * battery_capex_usd_per_kwh
    fom = units * battery_unit_mw * KW_PER_MW * battery_fom_usd_per_kw_year
    losses = m.battery_throughput_mwh_per_year * (1.0 / battery_rte_frac - 1.0)
    energy = (losses + m.floor_energy_mwh_per_year) * grid_price_usd_per_mwh
    return float(capex * battery_crf_frac_per_year + fom + energy)

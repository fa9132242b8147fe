"""Annuities: capital recovery at the WACC per asset class, total cost of ownership per year,
cost per GPU-hour. Every annuity in gigawatt comes from `capital_recovery_factor`.
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import HOURS_PER_YEAR


def capital_recovery_factor(rate_frac, lifetime_years):
    """Capital recovery factor: the level annual payment per unit of capex.

    capital_recovery_factor = r·(1+r)^n / ((1+r)^n − 1), and 1/n when r = 0

    Parameters
    ----------
    rate_frac : numeric
        Discount rate r per year [1].
    lifetime_years : numeric
        Life n [yr].

    Returns
    -------
    numeric
        [1/yr].

    References
    ----------
    .. [1] E. L. Grant, W. G. Ireson, Principles of Engineering Economy, Wiley (capital
       recovery factor); numpy-financial `pmt(r, n, -1)` gives the same value.

    Examples
    --------
    >>> round(float(capital_recovery_factor(0.08, 10)), 6)
    0.149029
    >>> float(capital_recovery_factor(0.0, 4))
    0.25
    >>> float(capital_recovery_factor(1e-135, 4))  # tiny rates: no 0/0
    0.25
    """
    r = np.asarray(rate_frac, dtype=float)
    n = np.asarray(lifetime_years, dtype=float)
    growth_less_one = np.expm1(n * np.log1p(r))  # (1+r)^n − 1, exact even for tiny r
    safe_r = np.where(r == 0, 1.0, r)
    crf = np.where(
        r == 0, 1.0 / n, safe_r * (growth_less_one + 1.0) / np.where(r == 0, 1.0, growth_less_one)
    )
    return crf if crf.ndim else float(crf)


def annualized_capex_usd_per_year(
    it_capex_usd,
    storage_capex_usd,
    network_capex_usd,
    facility_capex_usd,
    grid_interconnect_capex_usd,
    generation_capex_usd,
    battery_capex_usd,
    land_capex_usd,
    gpu_crf_frac_per_year,
    network_crf_frac_per_year,
    facility_crf_frac_per_year,
    generation_crf_frac_per_year,
    battery_crf_frac_per_year,
    wacc_frac,
):
    """Capex turned into level annual payments, each asset class over its own life.

    annualized_capex_usd_per_year = (it_capex_usd + storage_capex_usd)·gpu_crf_frac_per_year
        + network_capex_usd·network_crf_frac_per_year + (facility_capex_usd
        + grid_interconnect_capex_usd)·facility_crf_frac_per_year
        + generation_capex_usd·generation_crf_frac_per_year
        + battery_capex_usd·battery_crf_frac_per_year + land_capex_usd·wacc_frac

    Land does not wear out: it costs its return at the WACC.

    Parameters
    ----------
    it_capex_usd, storage_capex_usd, network_capex_usd, facility_capex_usd,
    grid_interconnect_capex_usd, generation_capex_usd, battery_capex_usd, land_capex_usd : numeric
        Capex by class [USD].
    gpu_crf_frac_per_year, network_crf_frac_per_year, facility_crf_frac_per_year,
    generation_crf_frac_per_year, battery_crf_frac_per_year : numeric
        Capital recovery factors [1/yr].
    wacc_frac : numeric
        [1].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return (
        (it_capex_usd + storage_capex_usd) * gpu_crf_frac_per_year
        + network_capex_usd * network_crf_frac_per_year
        + (facility_capex_usd + grid_interconnect_capex_usd) * facility_crf_frac_per_year
        + generation_capex_usd * generation_crf_frac_per_year
        + battery_capex_usd * battery_crf_frac_per_year
        + land_capex_usd * wacc_frac
    )


def tco_usd_per_year(annualized_capex_usd_per_year, opex_usd_per_year):
    """Total cost of ownership per year.

    tco_usd_per_year = annualized_capex_usd_per_year + opex_usd_per_year

    Parameters
    ----------
    annualized_capex_usd_per_year, opex_usd_per_year : numeric
        [USD/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return annualized_capex_usd_per_year + opex_usd_per_year


def cost_usd_per_gpu_hour(tco_usd_per_year, gpu_count):
    """Cost of one installed GPU-hour (all hours of the year, busy or not).

    cost_usd_per_gpu_hour = tco_usd_per_year / (gpu_count · 8760)

    Parameters
    ----------
    tco_usd_per_year : numeric
        [USD/yr].
    gpu_count : numeric
        [count].

    Returns
    -------
    numeric
        [USD/GPU-h].
    """
    return tco_usd_per_year / (gpu_count * HOURS_PER_YEAR)

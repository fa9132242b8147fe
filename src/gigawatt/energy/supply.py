"""Supply sizing: grid, on-site turbines (N+k at the hottest hour, plus a reserve margin),
batteries, backup; lead time, CO2 and the levelised cost of the campus's electricity.

The annual energy by source comes from the hourly dispatch (`gigawatt.energy.dispatch`).
"""

from __future__ import annotations

import numpy as np

from gigawatt.energy.hours import HourlyAffine
from gigawatt.units import HOURS_PER_YEAR


def grid_mw(facility_power_mw):
    """Grid capacity when the scenario leaves it empty: the whole peak (a grid-only campus).

    grid_mw = facility_power_mw

    Parameters
    ----------
    facility_power_mw : numeric
        Peak facility power [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return facility_power_mw


def onsite_need_mw(facility_power_mw, grid_mw):
    """Peak load the grid cannot serve, to be met by on-site generation.

    onsite_need_mw = max(facility_power_mw − grid_mw, 0)

    Parameters
    ----------
    facility_power_mw, grid_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return np.maximum(facility_power_mw - grid_mw, 0.0)


def turbine_count(onsite_need_mw, turbine_mw, turbine_redundancy_count):
    """Generating units: enough for the unmet peak, plus k spares (N+k) when any are needed.

    turbine_count = ceil(onsite_need_mw / turbine_mw) + k · [onsite_need_mw > 0]

    Parameters
    ----------
    onsite_need_mw : numeric
        [MW].
    turbine_mw : numeric
        Rating of one unit [MW].
    turbine_redundancy_count : numeric
        k spare units [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(turbine_count(1000.0, 34.0, 1))  # 30 x 34 MW = 1,020 MW, plus one spare
    31
    """
    need = np.asarray(onsite_need_mw, dtype=float)
    n = np.ceil(need / turbine_mw - 1e-9)
    return n + np.where(need > 0, turbine_redundancy_count, 0.0)


def turbine_capacity_mw(turbine_count, turbine_mw):
    """Installed on-site generating capacity.

    turbine_capacity_mw = turbine_count · turbine_mw

    Parameters
    ----------
    turbine_count : numeric
        [count].
    turbine_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return turbine_count * turbine_mw


def firm_capacity_mw(grid_mw, turbine_capacity_mw, turbine_mw, turbine_redundancy_count):
    """Supply that remains with the k largest units out (N+k firm capacity).

    firm_capacity_mw = grid_mw + max(turbine_capacity_mw − k · turbine_mw, 0)

    Parameters
    ----------
    grid_mw, turbine_capacity_mw, turbine_mw : numeric
        [MW].
    turbine_redundancy_count : numeric
        [count].

    Returns
    -------
    numeric
        [MW].
    """
    return grid_mw + np.maximum(turbine_capacity_mw - turbine_redundancy_count * turbine_mw, 0.0)


def battery_mwh(battery_mw, battery_unit_mwh, battery_unit_mw):
    """Battery energy at the product's duration.

    battery_mwh = battery_mw · battery_unit_mwh / battery_unit_mw

    Parameters
    ----------
    battery_mw : numeric
        [MW].
    battery_unit_mwh, battery_unit_mw : numeric
        One unit's energy [MWh] and power [MW].

    Returns
    -------
    numeric
        [MWh].
    """
    return battery_mw * battery_unit_mwh / battery_unit_mw


def battery_unit_count(battery_mw, battery_unit_mw):
    """Battery units for the power.

    battery_unit_count = ceil(battery_mw / battery_unit_mw)

    Parameters
    ----------
    battery_mw, battery_unit_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [count].
    """
    return np.ceil(np.asarray(battery_mw) / battery_unit_mw - 1e-9)


def facility_energy_mwh_per_year(facility_power_avg_mw):
    """Energy the campus uses in a year of training.

    facility_energy_mwh_per_year = facility_power_avg_mw · 8760

    Parameters
    ----------
    facility_power_avg_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MWh/yr].
    """
    return facility_power_avg_mw * HOURS_PER_YEAR


def co2_t_per_year(
    fuel_mmbtu_per_year,
    gas_co2_t_per_mmbtu,
    grid_energy_mwh_per_year,
    grid_co2_t_per_mwh,
    backup_fuel_mmbtu_per_year=0.0,
    diesel_co2_t_per_mmbtu=0.0,
):
    """CO2 from burning gas and diesel on site plus the grid's average emissions.

    co2_t_per_year = (fuel_mmbtu_per_year − backup_fuel_mmbtu_per_year) · gas_co2_t_per_mmbtu
        + backup_fuel_mmbtu_per_year · diesel_co2_t_per_mmbtu
        + grid_energy_mwh_per_year · grid_co2_t_per_mwh

    Parameters
    ----------
    fuel_mmbtu_per_year : numeric
        All fuel burnt on site [MMBtu/yr].
    gas_co2_t_per_mmbtu : numeric
        [t/MMBtu].
    grid_energy_mwh_per_year : numeric
        [MWh/yr].
    grid_co2_t_per_mwh : numeric
        [t/MWh].
    backup_fuel_mmbtu_per_year : numeric
        Diesel part of the fuel [MMBtu/yr].
    diesel_co2_t_per_mmbtu : numeric
        [t/MMBtu].

    Returns
    -------
    numeric
        [t/yr].

    References
    ----------
    .. [1] EIA, Electric Power Annual, Table A.3 (natural gas: 117 lb CO2/MMBtu).
    """
    gas = fuel_mmbtu_per_year - backup_fuel_mmbtu_per_year
    return (
        gas * gas_co2_t_per_mmbtu
        + backup_fuel_mmbtu_per_year * diesel_co2_t_per_mmbtu
        + grid_energy_mwh_per_year * grid_co2_t_per_mwh
    )


def firm_requirement_mw(facility_power_mw, reserve_margin_frac):
    """Firm capacity the supply must hold: the peak load plus the reserve margin.

    firm_requirement_mw = facility_power_mw · (1 + reserve_margin_frac)

    Parameters
    ----------
    facility_power_mw : numeric
        Peak facility load [MW].
    reserve_margin_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return facility_power_mw * (1.0 + reserve_margin_frac)


def firm_other_mw(grid_mw, grid_firm_frac, backup_mw):
    """Firm capacity that is not on-site prime generation: the firm share of the grid plus
    backup generators.

    firm_other_mw = grid_mw · grid_firm_frac + backup_mw

    Parameters
    ----------
    grid_mw : numeric
        [MW].
    grid_firm_frac : numeric
        [1].
    backup_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return grid_mw * grid_firm_frac + backup_mw


def turbine_derated_mw(turbine_mw, turbine_derate_peak_frac):
    """One unit's capacity in the hottest hour of the site's year.

    turbine_derated_mw = turbine_mw · turbine_derate_peak_frac

    Parameters
    ----------
    turbine_mw : numeric
        ISO rating [MW].
    turbine_derate_peak_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return turbine_mw * turbine_derate_peak_frac


def turbine_derated_capacity_mw(turbine_capacity_mw, turbine_derate_peak_frac):
    """Installed on-site capacity in the hottest hour.

    turbine_derated_capacity_mw = turbine_capacity_mw · turbine_derate_peak_frac

    Parameters
    ----------
    turbine_capacity_mw : numeric
        [MW].
    turbine_derate_peak_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return turbine_capacity_mw * turbine_derate_peak_frac


def marginal_cost_usd_per_mwh(heat_rate_mmbtu_per_mwh, fuel_price_usd_per_mmbtu, vom_usd_per_mwh):
    """Marginal cost of a fuel-burning unit at full load.

    marginal_cost_usd_per_mwh = heat_rate · fuel_price + vom

    Parameters
    ----------
    heat_rate_mmbtu_per_mwh : numeric
        [MMBtu/MWh].
    fuel_price_usd_per_mmbtu : numeric
        [USD/MMBtu].
    vom_usd_per_mwh : numeric
        Variable O&M [USD/MWh].

    Returns
    -------
    numeric
        [USD/MWh].
    """
    return heat_rate_mmbtu_per_mwh * fuel_price_usd_per_mmbtu + vom_usd_per_mwh


def facility_load_hourly_mw(
    it_power_avg_mw, distribution_loss_avg_mw, misc_power_mw, cooling_power_hourly_mw
):
    """Facility load every hour of a year of training (IT flat at its training average;
    cooling follows the weather).

    facility_load_hourly_mw = it_power_avg_mw + distribution_loss_avg_mw + misc_power_mw
        + cooling_power_hourly_mw

    Parameters
    ----------
    it_power_avg_mw, distribution_loss_avg_mw, misc_power_mw : numeric
        [MW].
    cooling_power_hourly_mw : numpy.ndarray
        Shape (..., 8760) [MW].

    Returns
    -------
    numpy.ndarray or HourlyAffine
        Shape (..., 8760) [MW]; an `HourlyAffine` above `EXACT_SAMPLES_MAX` samples.
    """
    flat = np.asarray(it_power_avg_mw + distribution_loss_avg_mw + misc_power_mw, dtype=float)
    if isinstance(cooling_power_hourly_mw, HourlyAffine):
        return cooling_power_hourly_mw.plus(flat)
    return flat[..., None] + cooling_power_hourly_mw


def peak_facility_hourly_mw(facility_load_hourly_mw):
    """Highest hourly facility load of the typical year.

    peak_facility_hourly_mw = max_h facility_load_hourly_mw

    Parameters
    ----------
    facility_load_hourly_mw : numpy.ndarray or HourlyAffine
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    if isinstance(facility_load_hourly_mw, HourlyAffine):
        return facility_load_hourly_mw.peak()
    out = np.max(facility_load_hourly_mw, axis=-1)
    return out if out.ndim else float(out)


def supply_lead_time_months(
    grid_mw,
    grid_lead_time_months,
    turbine_capacity_mw,
    turbine_lead_time_months,
    battery_mw,
    battery_lead_time_months,
    solar_mw,
    solar_lead_time_months,
):
    """Months from construction start until every part of the supply is available: the
    slowest of the grid connection, turbines, batteries and solar that the plan uses. The
    grid's lead time is the schedule's `grid_interconnection_months` (one input for both).

    supply_lead_time_months = max over used parts (capacity > 0) of their lead time

    Parameters
    ----------
    grid_mw, turbine_capacity_mw, battery_mw, solar_mw : numeric
        Capacities (0: not used) [MW].
    grid_lead_time_months, turbine_lead_time_months, battery_lead_time_months,
    solar_lead_time_months : numeric
        [month].

    Returns
    -------
    numeric
        [month].

    References
    ----------
    .. [1] Lead times in reference power-cooling-energy.md §2.2 and §4 (aero 1-2 yrs, frame
       5-7 yrs, recips 12-18 months; large-load energisation 36-48 months).
    """
    parts = [
        np.where(np.asarray(cap) > 0, lead, 0.0)
        for cap, lead in (
            (grid_mw, grid_lead_time_months),
            (turbine_capacity_mw, turbine_lead_time_months),
            (battery_mw, battery_lead_time_months),
            (solar_mw, solar_lead_time_months),
        )
    ]
    out = np.maximum.reduce(np.broadcast_arrays(*parts))
    return out if out.ndim else float(out)


def lcoe_usd_per_mwh(
    generation_capex_usd,
    generation_crf_frac_per_year,
    battery_capex_usd,
    battery_crf_frac_per_year,
    grid_interconnect_capex_usd,
    facility_crf_frac_per_year,
    grid_energy_cost_usd_per_year,
    fuel_cost_usd_per_year,
    generation_om_usd_per_year,
    battery_om_usd_per_year,
    facility_energy_mwh_per_year,
):
    """Levelised cost of the campus's electricity: annualised supply capex plus energy, fuel
    and O&M, per MWh consumed.

    lcoe_usd_per_mwh = (generation_capex_usd · generation_crf + battery_capex_usd · battery_crf
        + grid_interconnect_capex_usd · facility_crf + grid_energy_cost + fuel_cost
        + generation_om + battery_om) / facility_energy_mwh_per_year

    Parameters
    ----------
    generation_capex_usd, battery_capex_usd, grid_interconnect_capex_usd : numeric
        [USD].
    generation_crf_frac_per_year, battery_crf_frac_per_year, facility_crf_frac_per_year : numeric
        Capital recovery factors [1/yr].
    grid_energy_cost_usd_per_year, fuel_cost_usd_per_year, generation_om_usd_per_year,
    battery_om_usd_per_year : numeric
        [USD/yr].
    facility_energy_mwh_per_year : numeric
        [MWh/yr].

    Returns
    -------
    numeric
        [USD/MWh].

    References
    ----------
    .. [1] W. Short, D. J. Packey, T. Holt, "A Manual for the Economic Evaluation of Energy
       Efficiency and Renewable Energy Technologies", NREL/TP-462-5173 (1995).
    """
    annual = (
        generation_capex_usd * generation_crf_frac_per_year
        + battery_capex_usd * battery_crf_frac_per_year
        + grid_interconnect_capex_usd * facility_crf_frac_per_year
        + grid_energy_cost_usd_per_year
        + fuel_cost_usd_per_year
        + generation_om_usd_per_year
        + battery_om_usd_per_year
    )
    return annual / facility_energy_mwh_per_year

"""Energy supply: grid, on-site turbines (N+k) and batteries sized to the peak load; annual
energy by source, fuel and CO2.

First model: the load is flat at its average, the grid serves up to its capacity and the
turbines serve the rest (the energy issue replaces this with hourly dispatch).
"""

from __future__ import annotations

import numpy as np

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


def grid_energy_mwh_per_year(facility_power_avg_mw, grid_mw):
    """Energy bought from the grid (flat load served by the grid up to its capacity).

    grid_energy_mwh_per_year = min(facility_power_avg_mw, grid_mw) · 8760

    Parameters
    ----------
    facility_power_avg_mw, grid_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MWh/yr].
    """
    return np.minimum(facility_power_avg_mw, grid_mw) * HOURS_PER_YEAR


def gas_energy_mwh_per_year(facility_energy_mwh_per_year, grid_energy_mwh_per_year):
    """Energy generated on site: what the grid does not supply.

    gas_energy_mwh_per_year = facility_energy_mwh_per_year − grid_energy_mwh_per_year

    Parameters
    ----------
    facility_energy_mwh_per_year, grid_energy_mwh_per_year : numeric
        [MWh/yr].

    Returns
    -------
    numeric
        [MWh/yr].
    """
    return facility_energy_mwh_per_year - grid_energy_mwh_per_year


def fuel_mmbtu_per_year(gas_energy_mwh_per_year, turbine_heat_rate_mmbtu_per_mwh):
    """Fuel burnt by the on-site units (HHV).

    fuel_mmbtu_per_year = gas_energy_mwh_per_year · turbine_heat_rate_mmbtu_per_mwh

    Parameters
    ----------
    gas_energy_mwh_per_year : numeric
        [MWh/yr].
    turbine_heat_rate_mmbtu_per_mwh : numeric
        Heat rate, HHV [MMBtu/MWh].

    Returns
    -------
    numeric
        [MMBtu/yr].
    """
    return gas_energy_mwh_per_year * turbine_heat_rate_mmbtu_per_mwh


def co2_t_per_year(
    fuel_mmbtu_per_year, gas_co2_t_per_mmbtu, grid_energy_mwh_per_year, grid_co2_t_per_mwh
):
    """CO2 from burning fuel on site plus the grid's average emissions.

    co2_t_per_year = fuel_mmbtu_per_year · gas_co2_t_per_mmbtu
        + grid_energy_mwh_per_year · grid_co2_t_per_mwh

    Parameters
    ----------
    fuel_mmbtu_per_year : numeric
        [MMBtu/yr].
    gas_co2_t_per_mmbtu : numeric
        [t/MMBtu].
    grid_energy_mwh_per_year : numeric
        [MWh/yr].
    grid_co2_t_per_mwh : numeric
        [t/MWh].

    Returns
    -------
    numeric
        [t/yr].

    References
    ----------
    .. [1] EIA, Electric Power Annual, Table A.3 (natural gas: 117 lb CO2/MMBtu).
    """
    return fuel_mmbtu_per_year * gas_co2_t_per_mmbtu + grid_energy_mwh_per_year * grid_co2_t_per_mwh

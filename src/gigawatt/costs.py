"""Costs: overnight capex by item and annual operating cost by item.

`capex_usd` and `opex_usd_per_year` are plain sums of their items, so the breakdown tables
are the inputs of these two quantities and always add up.
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import KW_PER_MW


def it_capex_usd(system_count, system_price_usd):
    """GPU systems.

    it_capex_usd = system_count · system_price_usd

    Parameters
    ----------
    system_count : numeric
        [count].
    system_price_usd : numeric
        One system, NICs included [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return system_count * system_price_usd


def facility_capex_usd(it_power_mw, facility_capex_usd_per_mw):
    """Construction of the data-centre buildings per MW of critical IT load.

    facility_capex_usd = it_power_mw · facility_capex_usd_per_mw

    Parameters
    ----------
    it_power_mw : numeric
        Design IT load [MW].
    facility_capex_usd_per_mw : numeric
        [USD/MW].

    Returns
    -------
    numeric
        [USD].

    References
    ----------
    .. [1] Cushman & Wakefield, Data Center Development Cost Guide 2025 ($11.7M/MW US average,
       excluding IT, land and soft costs).
    """
    return it_power_mw * facility_capex_usd_per_mw


def facility_item_capex_usd(facility_capex_usd, share_frac):
    """One item of facility capex: its share of the total.

    facility_item_capex_usd = facility_capex_usd · share_frac

    Parameters
    ----------
    facility_capex_usd : numeric
        [USD].
    share_frac : numeric
        Share of the item (Cushman & Wakefield 2025: electrical and mechanical 53 %, shell
        21 %, site, white space, back of house and offices 26 %) [1].

    Returns
    -------
    numeric
        [USD].

    References
    ----------
    .. [1] Cushman & Wakefield, Data Center Development Cost Guide 2025 (cost split).
    """
    return facility_capex_usd * share_frac


def generation_capex_usd(
    turbine_capacity_mw,
    turbine_capex_usd_per_kw,
    solar_mw=0.0,
    solar_capex_usd_per_kw=0.0,
    backup_mw=0.0,
    backup_turbine_capex_usd_per_kw=0.0,
):
    """On-site generation, installed: prime units, solar PV and backup generators.

    generation_capex_usd = 1000 · (turbine_capacity_mw · turbine_capex_usd_per_kw
        + solar_mw · solar_capex_usd_per_kw + backup_mw · backup_turbine_capex_usd_per_kw)

    Parameters
    ----------
    turbine_capacity_mw, solar_mw, backup_mw : numeric
        [MW].
    turbine_capex_usd_per_kw, solar_capex_usd_per_kw, backup_turbine_capex_usd_per_kw : numeric
        [USD/kW].

    Returns
    -------
    numeric
        [USD].
    """
    return KW_PER_MW * (
        turbine_capacity_mw * turbine_capex_usd_per_kw
        + solar_mw * solar_capex_usd_per_kw
        + backup_mw * backup_turbine_capex_usd_per_kw
    )


def battery_capex_usd(battery_mwh, battery_capex_usd_per_kwh):
    """Battery system, installed.

    battery_capex_usd = battery_mwh · 1000 · battery_capex_usd_per_kwh

    Parameters
    ----------
    battery_mwh : numeric
        [MWh].
    battery_capex_usd_per_kwh : numeric
        [USD/kWh].

    Returns
    -------
    numeric
        [USD].
    """
    return battery_mwh * KW_PER_MW * battery_capex_usd_per_kwh


def land_capex_usd(land_acres, land_price_usd_per_acre):
    """Land.

    land_capex_usd = land_acres · land_price_usd_per_acre

    Parameters
    ----------
    land_acres : numeric
        [acre].
    land_price_usd_per_acre : numeric
        [USD/acre].

    Returns
    -------
    numeric
        [USD].
    """
    return land_acres * land_price_usd_per_acre


def grid_interconnect_capex_usd(grid_mw, grid_interconnect_capex_usd_per_mw):
    """Substation and grid interconnection.

    grid_interconnect_capex_usd = grid_mw · grid_interconnect_capex_usd_per_mw

    Parameters
    ----------
    grid_mw : numeric
        [MW].
    grid_interconnect_capex_usd_per_mw : numeric
        [USD/MW].

    Returns
    -------
    numeric
        [USD].
    """
    return grid_mw * grid_interconnect_capex_usd_per_mw


def capex_usd(
    it_capex_usd,
    network_capex_usd,
    storage_capex_usd,
    facility_electrical_mechanical_capex_usd,
    facility_shell_capex_usd,
    facility_site_fitout_capex_usd,
    generation_capex_usd,
    battery_capex_usd,
    land_capex_usd,
    grid_interconnect_capex_usd,
):
    """Overnight capex of the campus: the sum of its items.

    capex_usd = it_capex_usd + network_capex_usd + storage_capex_usd
        + facility_electrical_mechanical_capex_usd + facility_shell_capex_usd
        + facility_site_fitout_capex_usd + generation_capex_usd + battery_capex_usd + land_capex_usd
        + grid_interconnect_capex_usd

    Parameters
    ----------
    it_capex_usd, network_capex_usd, storage_capex_usd,
    facility_electrical_mechanical_capex_usd, facility_shell_capex_usd,
    facility_site_fitout_capex_usd, generation_capex_usd, battery_capex_usd, land_capex_usd,
    grid_interconnect_capex_usd : numeric
        Items [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return (
        it_capex_usd
        + network_capex_usd
        + storage_capex_usd
        + facility_electrical_mechanical_capex_usd
        + facility_shell_capex_usd
        + facility_site_fitout_capex_usd
        + generation_capex_usd
        + battery_capex_usd
        + land_capex_usd
        + grid_interconnect_capex_usd
    )


def grid_energy_cost_usd_per_year(
    grid_energy_mwh_per_year, grid_price_usd_per_mwh, grid_demand_cost_usd_per_year=0.0
):
    """Grid bill: energy at the tariff's energy price plus demand charges.

    grid_energy_cost_usd_per_year = grid_energy_mwh_per_year · grid_price_usd_per_mwh
        + grid_demand_cost_usd_per_year

    Parameters
    ----------
    grid_energy_mwh_per_year : numeric
        [MWh/yr].
    grid_price_usd_per_mwh : numeric
        [USD/MWh].
    grid_demand_cost_usd_per_year : numeric
        [USD/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return grid_energy_mwh_per_year * grid_price_usd_per_mwh + grid_demand_cost_usd_per_year


def fuel_cost_usd_per_year(
    fuel_mmbtu_per_year,
    gas_price_usd_per_mmbtu,
    backup_fuel_mmbtu_per_year=0.0,
    diesel_price_usd_per_mmbtu=0.0,
):
    """Fuel bill of on-site generation: gas for the prime units, diesel for the backup.

    fuel_cost_usd_per_year = (fuel_mmbtu_per_year − backup_fuel_mmbtu_per_year)
        · gas_price_usd_per_mmbtu + backup_fuel_mmbtu_per_year · diesel_price_usd_per_mmbtu

    Parameters
    ----------
    fuel_mmbtu_per_year, backup_fuel_mmbtu_per_year : numeric
        All fuel, and its diesel part [MMBtu/yr].
    gas_price_usd_per_mmbtu, diesel_price_usd_per_mmbtu : numeric
        [USD/MMBtu].

    Returns
    -------
    numeric
        [USD/yr].
    """
    gas = fuel_mmbtu_per_year - backup_fuel_mmbtu_per_year
    return gas * gas_price_usd_per_mmbtu + backup_fuel_mmbtu_per_year * diesel_price_usd_per_mmbtu


def temporary_premium_usd_per_mwh(
    temporary_marginal_usd_per_mwh,
    grid_energy_cost_usd_per_year,
    fuel_cost_usd_per_year,
    facility_energy_mwh_per_year,
):
    """Extra cost of a MWh from temporary generation over the permanent supply's average
    energy cost (negative if the temporary units are the cheaper source).

    temporary_premium_usd_per_mwh = temporary_marginal_usd_per_mwh
        − (grid_energy_cost_usd_per_year + fuel_cost_usd_per_year) / facility_energy_mwh_per_year

    Parameters
    ----------
    temporary_marginal_usd_per_mwh : numeric
        Fuel and variable O&M of the temporary units [USD/MWh].
    grid_energy_cost_usd_per_year, fuel_cost_usd_per_year : numeric
        Energy bill of the permanent supply [USD/yr].
    facility_energy_mwh_per_year : numeric
        [MWh/yr].

    Returns
    -------
    numeric
        [USD/MWh].
    """
    permanent = (grid_energy_cost_usd_per_year + fuel_cost_usd_per_year) / np.maximum(
        facility_energy_mwh_per_year, 1e-300
    )
    return temporary_marginal_usd_per_mwh - permanent


def generation_om_usd_per_year(
    turbine_capacity_mw,
    turbine_fom_usd_per_kw_year,
    gas_energy_mwh_per_year,
    turbine_vom_usd_per_mwh,
    solar_mw=0.0,
    solar_fom_usd_per_kw_year=0.0,
    backup_mw=0.0,
    backup_turbine_fom_usd_per_kw_year=0.0,
    backup_energy_mwh_per_year=0.0,
    backup_turbine_vom_usd_per_mwh=0.0,
):
    """Fixed and variable O&M of on-site generation (prime units, solar, backup).

    generation_om_usd_per_year = 1000 · (turbine_capacity_mw · turbine_fom
        + solar_mw · solar_fom + backup_mw · backup_fom) + gas_energy · turbine_vom
        + backup_energy · backup_vom

    Parameters
    ----------
    turbine_capacity_mw, solar_mw, backup_mw : numeric
        [MW].
    turbine_fom_usd_per_kw_year, solar_fom_usd_per_kw_year,
    backup_turbine_fom_usd_per_kw_year : numeric
        [USD/kW-yr].
    gas_energy_mwh_per_year, backup_energy_mwh_per_year : numeric
        [MWh/yr].
    turbine_vom_usd_per_mwh, backup_turbine_vom_usd_per_mwh : numeric
        [USD/MWh].

    Returns
    -------
    numeric
        [USD/yr].
    """
    fixed = (
        turbine_capacity_mw * turbine_fom_usd_per_kw_year
        + solar_mw * solar_fom_usd_per_kw_year
        + backup_mw * backup_turbine_fom_usd_per_kw_year
    )
    return (
        KW_PER_MW * fixed
        + gas_energy_mwh_per_year * turbine_vom_usd_per_mwh
        + backup_energy_mwh_per_year * backup_turbine_vom_usd_per_mwh
    )


def battery_om_usd_per_year(battery_mw, battery_fom_usd_per_kw_year):
    """Fixed O&M of the batteries.

    battery_om_usd_per_year = battery_mw · 1000 · battery_fom_usd_per_kw_year

    Parameters
    ----------
    battery_mw : numeric
        [MW].
    battery_fom_usd_per_kw_year : numeric
        [USD/kW-yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return battery_mw * KW_PER_MW * battery_fom_usd_per_kw_year


def it_maintenance_usd_per_year(
    it_capex_usd, network_capex_usd, storage_capex_usd, it_maintenance_frac_per_year
):
    """Maintenance of IT, network and storage hardware.

    it_maintenance_usd_per_year = (it_capex_usd + network_capex_usd
        + storage_capex_usd) · it_maintenance_frac_per_year

    Parameters
    ----------
    it_capex_usd, network_capex_usd, storage_capex_usd : numeric
        [USD].
    it_maintenance_frac_per_year : numeric
        [1/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return (it_capex_usd + network_capex_usd + storage_capex_usd) * it_maintenance_frac_per_year


def facility_maintenance_usd_per_year(facility_capex_usd, facility_maintenance_frac_per_year):
    """Maintenance of the buildings and their plant.

    facility_maintenance_usd_per_year = facility_capex_usd · facility_maintenance_frac_per_year

    Parameters
    ----------
    facility_capex_usd : numeric
        [USD].
    facility_maintenance_frac_per_year : numeric
        [1/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return facility_capex_usd * facility_maintenance_frac_per_year


def insurance_usd_per_year(capex_usd, insurance_frac_per_year):
    """Property insurance.

    insurance_usd_per_year = capex_usd · insurance_frac_per_year

    Parameters
    ----------
    capex_usd : numeric
        [USD].
    insurance_frac_per_year : numeric
        [1/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return capex_usd * insurance_frac_per_year


def staff_usd_per_year(it_power_mw, staff_fte_per_mw, staff_cost_usd_per_fte_year):
    """Operations staff.

    staff_usd_per_year = it_power_mw · staff_fte_per_mw · staff_cost_usd_per_fte_year

    Parameters
    ----------
    it_power_mw : numeric
        [MW].
    staff_fte_per_mw : numeric
        [FTE/MW].
    staff_cost_usd_per_fte_year : numeric
        [USD/FTE-yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return it_power_mw * staff_fte_per_mw * staff_cost_usd_per_fte_year


def opex_usd_per_year(
    grid_energy_cost_usd_per_year,
    fuel_cost_usd_per_year,
    generation_om_usd_per_year,
    battery_om_usd_per_year,
    it_maintenance_usd_per_year,
    facility_maintenance_usd_per_year,
    insurance_usd_per_year,
    staff_usd_per_year,
):
    """Annual operating cost: the sum of its items.

    opex_usd_per_year = grid_energy_cost_usd_per_year + fuel_cost_usd_per_year
        + generation_om_usd_per_year + battery_om_usd_per_year + it_maintenance_usd_per_year
        + facility_maintenance_usd_per_year + insurance_usd_per_year + staff_usd_per_year

    Parameters
    ----------
    grid_energy_cost_usd_per_year, fuel_cost_usd_per_year, generation_om_usd_per_year,
    battery_om_usd_per_year, it_maintenance_usd_per_year, facility_maintenance_usd_per_year,
    insurance_usd_per_year, staff_usd_per_year : numeric
        Items [USD/yr].

    Returns
    -------
    numeric
        [USD/yr].
    """
    return (
        grid_energy_cost_usd_per_year
        + fuel_cost_usd_per_year
        + generation_om_usd_per_year
        + battery_om_usd_per_year
        + it_maintenance_usd_per_year
        + facility_maintenance_usd_per_year
        + insurance_usd_per_year
        + staff_usd_per_year
    )

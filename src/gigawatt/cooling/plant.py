"""Cooling: electric power and water of the heat-rejection plants, from their components.

Heat is split between a liquid-cooled share (cold plates -> CDU -> facility water -> heat
rejection) and an air-cooled share (air handlers -> chilled water). Each plant's electric
power per kW of heat is the sum of its pumps, fans and compressors:

    liquid: kw_per_kw = cdu_pump + facility_pump + heat_rejection_fan + duty / COP
    air:    kw_per_kw = air_handling + facility_pump + heat_rejection_fan + duty / COP

where `duty` is the fraction of the heat that goes through chiller compressors (1 on the
design day for a chiller plant; far less over a year with an economiser). Fan and pump power
are taken as proportional to heat (a first-order model; the energy issue adds hourly weather).
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import HOURS_PER_YEAR


def _compressor_kw_per_kw(chiller_cop_ratio, chiller_duty_frac):
    """Compressor power per kW of heat: duty / COP, and 0 for a plant without chillers."""
    cop = np.asarray(chiller_cop_ratio, dtype=float)
    shape = np.broadcast(cop, chiller_duty_frac).shape
    out = np.divide(chiller_duty_frac, cop, out=np.zeros(shape), where=cop > 0)
    return out if out.ndim else float(out)


def liquid_plant_kw_per_kw(
    cdu_pump_kw_per_kw,
    facility_pump_kw_per_kw,
    heat_rejection_fan_kw_per_kw,
    chiller_cop_ratio,
    chiller_duty_frac,
):
    """Electric power of the liquid-cooling path per kW of heat it removes.

    liquid_plant_kw_per_kw = cdu_pump_kw_per_kw + facility_pump_kw_per_kw
        + heat_rejection_fan_kw_per_kw + chiller_duty_frac / chiller_cop_ratio

    Parameters
    ----------
    cdu_pump_kw_per_kw : numeric
        Coolant distribution unit pumps [kW/kW].
    facility_pump_kw_per_kw : numeric
        Facility water pumps [kW/kW].
    heat_rejection_fan_kw_per_kw : numeric
        Dry-cooler or cooling-tower fans [kW/kW].
    chiller_cop_ratio : numeric
        Chiller coefficient of performance; 0 for a plant without chillers [1].
    chiller_duty_frac : numeric
        Fraction of the heat that passes through the compressors [1].

    Returns
    -------
    numeric
        [kW/kW].

    References
    ----------
    .. [1] ASHRAE 90.1-2022, Table 6.8.1-3 (minimum chiller efficiencies).

    Examples
    --------
    >>> round(float(liquid_plant_kw_per_kw(0.013, 0.01, 0.02, 2.96, 0.25)), 4)
    0.1275
    """
    return (
        cdu_pump_kw_per_kw
        + facility_pump_kw_per_kw
        + heat_rejection_fan_kw_per_kw
        + _compressor_kw_per_kw(chiller_cop_ratio, chiller_duty_frac)
    )


def air_plant_kw_per_kw(
    air_handling_kw_per_kw,
    facility_pump_kw_per_kw,
    heat_rejection_fan_kw_per_kw,
    chiller_cop_ratio,
    chiller_duty_frac,
):
    """Electric power of the air-cooling path per kW of heat it removes.

    air_plant_kw_per_kw = air_handling_kw_per_kw + facility_pump_kw_per_kw
        + heat_rejection_fan_kw_per_kw + chiller_duty_frac / chiller_cop_ratio

    Parameters
    ----------
    air_handling_kw_per_kw : numeric
        Air handlers / fan walls [kW/kW].
    facility_pump_kw_per_kw : numeric
        Chilled-water pumps [kW/kW].
    heat_rejection_fan_kw_per_kw : numeric
        Cooling-tower or condenser fans [kW/kW].
    chiller_cop_ratio : numeric
        Chiller coefficient of performance; 0 for a plant without chillers [1].
    chiller_duty_frac : numeric
        Fraction of the heat that passes through the compressors [1].

    Returns
    -------
    numeric
        [kW/kW].

    References
    ----------
    .. [1] ASHRAE 90.1-2022, Table 6.8.1-3 (minimum chiller efficiencies).
    """
    return (
        air_handling_kw_per_kw
        + facility_pump_kw_per_kw
        + heat_rejection_fan_kw_per_kw
        + _compressor_kw_per_kw(chiller_cop_ratio, chiller_duty_frac)
    )


def liquid_heat_mw(gpu_power_mw, host_power_mw, scaleup_switch_power_mw, liquid_cooled_frac):
    """Heat removed by liquid at design load.

    liquid_heat_mw = (gpu_power_mw + host_power_mw + scaleup_switch_power_mw) · liquid_cooled_frac

    Parameters
    ----------
    gpu_power_mw, host_power_mw, scaleup_switch_power_mw : numeric
        Design power of the GPU systems [MW].
    liquid_cooled_frac : numeric
        Share of the systems' heat captured by cold plates [1].

    Returns
    -------
    numeric
        [MW].
    """
    return (gpu_power_mw + host_power_mw + scaleup_switch_power_mw) * liquid_cooled_frac


def air_heat_mw(it_power_mw, distribution_loss_mw, misc_power_mw, liquid_heat_mw):
    """Heat removed by air at design load: all heat released indoors minus the liquid share.

    air_heat_mw = it_power_mw + distribution_loss_mw + misc_power_mw − liquid_heat_mw

    Parameters
    ----------
    it_power_mw, distribution_loss_mw, misc_power_mw, liquid_heat_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_mw + distribution_loss_mw + misc_power_mw - liquid_heat_mw


def cooling_power_mw(liquid_heat_mw, air_heat_mw, liquid_plant_kw_per_kw, air_plant_kw_per_kw):
    """Electric power of cooling at design load.

    cooling_power_mw = liquid_heat_mw · liquid_plant_kw_per_kw + air_heat_mw · air_plant_kw_per_kw

    Parameters
    ----------
    liquid_heat_mw, air_heat_mw : numeric
        Heat by path [MW].
    liquid_plant_kw_per_kw, air_plant_kw_per_kw : numeric
        Plant power per kW of heat at design conditions [kW/kW].

    Returns
    -------
    numeric
        [MW].
    """
    return liquid_heat_mw * liquid_plant_kw_per_kw + air_heat_mw * air_plant_kw_per_kw


def cooling_power_avg_mw(
    liquid_heat_mw, air_heat_mw, avg_power_frac, liquid_plant_avg_kw_per_kw, air_plant_avg_kw_per_kw
):
    """Average electric power of cooling over a year of training.

    cooling_power_avg_mw = avg_power_frac · (liquid_heat_mw · liquid_plant_avg_kw_per_kw
        + air_heat_mw · air_plant_avg_kw_per_kw)

    Parameters
    ----------
    liquid_heat_mw, air_heat_mw : numeric
        Design heat by path [MW].
    avg_power_frac : numeric
        Average load as a fraction of design [1].
    liquid_plant_avg_kw_per_kw, air_plant_avg_kw_per_kw : numeric
        Plant power per kW of heat, annual average [kW/kW].

    Returns
    -------
    numeric
        [MW].
    """
    return avg_power_frac * (
        liquid_heat_mw * liquid_plant_avg_kw_per_kw + air_heat_mw * air_plant_avg_kw_per_kw
    )


def water_m3_per_year(
    liquid_heat_mw, air_heat_mw, avg_power_frac, water_l_per_kwh, air_plant_water_l_per_kwh
):
    """Site water used by heat rejection over a year.

    water_m3_per_year = avg_power_frac · (liquid_heat_mw · water_l_per_kwh
        + air_heat_mw · air_plant_water_l_per_kwh) · 8760

    (MW · L/kWh · h = 1000 L = 1 m³ per MWh-L/kWh.)

    Parameters
    ----------
    liquid_heat_mw, air_heat_mw : numeric
        Design heat by path [MW].
    avg_power_frac : numeric
        [1].
    water_l_per_kwh, air_plant_water_l_per_kwh : numeric
        Water per kWh of heat rejected by each plant [L/kWh].

    Returns
    -------
    numeric
        [m³/yr].
    """
    return (
        avg_power_frac
        * (liquid_heat_mw * water_l_per_kwh + air_heat_mw * air_plant_water_l_per_kwh)
        * HOURS_PER_YEAR
    )

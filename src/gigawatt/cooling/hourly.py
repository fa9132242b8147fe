"""Hour-by-hour cooling: how much of the heat the chillers must lift, from the site's weather.

A plant rejects heat to outdoor air (dry coolers: the dry bulb is the sink) or by evaporation
(cooling towers: the wet bulb is the sink). The outdoor sink, plus the approach of the
heat-rejection equipment, sets the coldest water the plant can make without compressors. With
the economiser in series ahead of the chillers, the compressors carry the part of the loop's
temperature drop the outdoor air cannot:

    duty_h = clip((T_sink,h + approach − T_supply) / ΔT_loop, duty_min, 1)

so a warm-water liquid loop (supply ~32 °C) is free-cooled most hours even in Memphis, while a
conventional chilled-water plant (supply ~12 °C) runs its compressors most of the year.
Parameters may be arrays of samples; the hourly axis is the last one.
"""

from __future__ import annotations

import numpy as np

from gigawatt.energy import hours
from gigawatt.energy.hours import HourlyAffine, sample_count, use_fast_path
from gigawatt.errors import GigawattInputError, Problem


def _col(x):
    """A parameter as (..., 1) so that it broadcasts against 8,760 hours."""
    return np.asarray(x, dtype=float)[..., None]


def sink_temperature_c(climate_spec, heat_rejection_wet_frac):
    """Outdoor heat sink of the plant: wet bulb for evaporative towers, dry bulb for dry coolers.

    sink_temperature_c = wet_frac · T_wet,h + (1 − wet_frac) · T_dry,h

    Parameters
    ----------
    climate_spec : Climate
        Hourly weather [spec].
    heat_rejection_wet_frac : numeric
        1 for evaporative heat rejection, 0 for dry coolers [1].

    Returns
    -------
    numpy.ndarray
        Hourly sink temperature, shape (..., 8760) [°C].
    """
    w = _col(heat_rejection_wet_frac)
    return w * climate_spec.wet_bulb_c + (1.0 - w) * climate_spec.dry_bulb_c


def chiller_duty_hourly_frac(
    climate_spec,
    heat_rejection_wet_frac,
    economizer_supply_c,
    heat_rejection_approach_c,
    loop_delta_c,
    chiller_duty_min_frac,
):
    """Fraction of the heat the compressors carry, every hour (series economiser).

    chiller_duty_hourly_frac = clip((T_sink + approach − T_supply) / ΔT_loop, duty_min, 1)

    Parameters
    ----------
    climate_spec : Climate
        Hourly weather [spec].
    heat_rejection_wet_frac : numeric
        1 evaporative, 0 dry [1].
    economizer_supply_c : numeric
        Water temperature the plant supplies [°C].
    heat_rejection_approach_c : numeric
        Approach of the heat-rejection equipment and heat exchanger to the sink [°C].
    loop_delta_c : numeric
        Temperature drop across the loop (return − supply) [°C].
    chiller_duty_min_frac : numeric
        Least compressor duty (1 for a plant without economiser) [1].

    Returns
    -------
    numpy.ndarray
        Shape (..., 8760) [1].

    References
    ----------
    .. [1] ASHRAE Standard 90.1-2022, §6.5.1.2 (water economizers: integrated operation, the
       economiser precooling the return water ahead of the chillers).
    """
    params = (
        heat_rejection_wet_frac,
        economizer_supply_c,
        heat_rejection_approach_c,
        loop_delta_c,
        chiller_duty_min_frac,
    )
    if use_fast_path(*params):
        raise GigawattInputError(
            [
                Problem(
                    "facility.cooling",
                    f"the hourly compressor duty of a cooling plant can be evaluated for at most "
                    f"{hours.EXACT_SAMPLES_MAX} sets of plant parameters at once (got "
                    f"{sample_count(*params)}); sample the plant's parameters in batches",
                )
            ]
        )
    sink = sink_temperature_c(climate_spec, heat_rejection_wet_frac)
    duty = (sink + _col(heat_rejection_approach_c) - _col(economizer_supply_c)) / _col(loop_delta_c)
    return np.clip(duty, _col(chiller_duty_min_frac), 1.0)


def chiller_duty_annual_frac(chiller_duty_hourly_frac):
    """Annual mean compressor duty.

    chiller_duty_annual_frac = mean_h chiller_duty_hourly_frac

    Parameters
    ----------
    chiller_duty_hourly_frac : numpy.ndarray
        Shape (..., 8760) [1].

    Returns
    -------
    numeric
        [1].
    """
    out = np.mean(chiller_duty_hourly_frac, axis=-1)
    return out if out.ndim else float(out)


def chiller_duty_peak_frac(chiller_duty_hourly_frac, chiller_duty_design_frac):
    """Compressor duty that sizes the plant: the worst hour of the typical year or the
    catalog's design-day duty, whichever is higher (a typical year has no heat waves).

    chiller_duty_peak_frac = max(max_h chiller_duty_hourly_frac, chiller_duty_design_frac)

    Parameters
    ----------
    chiller_duty_hourly_frac : numpy.ndarray
        Shape (..., 8760) [1].
    chiller_duty_design_frac : numeric
        Design-day duty from the catalog [1].

    Returns
    -------
    numeric
        [1].
    """
    out = np.maximum(np.max(chiller_duty_hourly_frac, axis=-1), chiller_duty_design_frac)
    return out if np.ndim(out) else float(out)


def cooling_power_hourly_mw(
    cooling_power_avg_mw,
    liquid_heat_mw,
    air_heat_mw,
    avg_power_frac,
    chiller_duty_hourly_frac,
    chiller_duty_annual_frac,
    chiller_cop_ratio,
    air_plant_chiller_duty_hourly_frac,
    air_plant_chiller_duty_annual_frac,
    air_plant_chiller_cop_ratio,
):
    """Electric power of cooling every hour of a year of training: the annual average plus
    the compressors' departure from their annual mean duty.

    cooling_power_hourly_mw = cooling_power_avg_mw + avg_power_frac · (liquid_heat_mw
        · (duty_h − duty_annual) / COP + air_heat_mw · (air_duty_h − air_duty_annual) / air_COP)

    Parameters
    ----------
    cooling_power_avg_mw : numeric
        Annual average cooling power [MW].
    liquid_heat_mw, air_heat_mw : numeric
        Design heat by path [MW].
    avg_power_frac : numeric
        Average load as a fraction of design [1].
    chiller_duty_hourly_frac, air_plant_chiller_duty_hourly_frac : numpy.ndarray
        Hourly compressor duty of each path [1].
    chiller_duty_annual_frac, air_plant_chiller_duty_annual_frac : numeric
        Their annual means [1].
    chiller_cop_ratio, air_plant_chiller_cop_ratio : numeric
        Chiller COP; 0 for a plant without chillers [1].

    Returns
    -------
    numpy.ndarray or HourlyAffine
        Shape (..., 8760) [MW]; above `EXACT_SAMPLES_MAX` samples an `HourlyAffine` (the same
        values as base + Σ coefficient · duty profile, without an (N × 8,760) array).
    """
    per_sample = (cooling_power_avg_mw, liquid_heat_mw, air_heat_mw, avg_power_frac,
                  chiller_duty_annual_frac, chiller_cop_ratio,
                  air_plant_chiller_duty_annual_frac, air_plant_chiller_cop_ratio)  # fmt: skip
    shared = (
        np.ndim(chiller_duty_hourly_frac) == 1 and np.ndim(air_plant_chiller_duty_hourly_frac) == 1
    )
    if shared and use_fast_path(*per_sample):
        paths = (
            (liquid_heat_mw, chiller_duty_hourly_frac, chiller_duty_annual_frac, chiller_cop_ratio),
            (air_heat_mw, air_plant_chiller_duty_hourly_frac, air_plant_chiller_duty_annual_frac,
             air_plant_chiller_cop_ratio),
        )  # fmt: skip
        base = np.asarray(cooling_power_avg_mw, dtype=float)
        coefs = []
        for heat, _, annual, cop in paths:
            c = np.asarray(cop, dtype=float)
            per_duty = np.divide(avg_power_frac * np.asarray(heat, dtype=float), c,
                                 out=np.zeros(np.broadcast(heat, c, avg_power_frac).shape),
                                 where=c > 0)  # fmt: skip
            base = base - per_duty * annual
            coefs.append(per_duty)
        return HourlyAffine(base, tuple(coefs), tuple(np.asarray(p[1], dtype=float) for p in paths))

    def comp(duty, annual, cop):
        c = _col(cop)
        dev = duty - _col(annual)
        return np.divide(dev, c, out=np.zeros(np.broadcast(dev, c).shape), where=c > 0)

    swing = _col(liquid_heat_mw) * comp(
        chiller_duty_hourly_frac, chiller_duty_annual_frac, chiller_cop_ratio
    ) + _col(air_heat_mw) * comp(
        air_plant_chiller_duty_hourly_frac,
        air_plant_chiller_duty_annual_frac,
        air_plant_chiller_cop_ratio,
    )
    return _col(cooling_power_avg_mw) + _col(avg_power_frac) * swing

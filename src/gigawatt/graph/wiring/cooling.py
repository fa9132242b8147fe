"""Cooling quantities: the liquid and air paths (`facility.cooling`, `facility.air_cooling`),
each with its compressor duty hour by hour from the site's weather, at the worst hour (sizing)
and on average (energy)."""

from gigawatt import cooling as c
from gigawatt.graph.engine import node


def _path(func, name: str, prefix: str, duty: str):
    first = "cdu_pump_kw_per_kw" if func is c.liquid_plant_kw_per_kw else "air_handling_kw_per_kw"
    return node(
        func,
        name=name,
        **{first: prefix + first},
        facility_pump_kw_per_kw=f"{prefix}facility_pump_kw_per_kw",
        heat_rejection_fan_kw_per_kw=f"{prefix}heat_rejection_fan_kw_per_kw",
        chiller_cop_ratio=f"{prefix}chiller_cop_ratio",
        chiller_duty_frac=f"{prefix}chiller_duty_{duty}_frac",
    )


def _duty(prefix: str):
    hourly = f"{prefix}chiller_duty_hourly_frac"
    return [
        node(
            c.chiller_duty_hourly_frac,
            name=hourly,
            **{
                p: prefix + p
                for p in (
                    "heat_rejection_wet_frac",
                    "economizer_supply_c",
                    "heat_rejection_approach_c",
                    "loop_delta_c",
                    "chiller_duty_min_frac",
                )
            },
        ),
        node(
            c.chiller_duty_annual_frac,
            name=f"{prefix}chiller_duty_annual_frac",
            chiller_duty_hourly_frac=hourly,
        ),
        node(
            c.chiller_duty_peak_frac,
            name=f"{prefix}chiller_duty_peak_frac",
            chiller_duty_hourly_frac=hourly,
            chiller_duty_design_frac=f"{prefix}chiller_duty_design_frac",
        ),
    ]


NODES = [
    *_duty(""),
    *_duty("air_plant_"),
    _path(c.liquid_plant_kw_per_kw, "liquid_plant_kw_per_kw", "", "peak"),
    _path(c.liquid_plant_kw_per_kw, "liquid_plant_avg_kw_per_kw", "", "annual"),
    _path(c.air_plant_kw_per_kw, "air_plant_kw_per_kw", "air_plant_", "peak"),
    _path(c.air_plant_kw_per_kw, "air_plant_avg_kw_per_kw", "air_plant_", "annual"),
    node(c.liquid_heat_mw),
    node(c.air_heat_mw),
    node(c.cooling_power_mw),
    node(c.cooling_power_avg_mw),
    node(c.cooling_power_hourly_mw),
    node(c.water_m3_per_year),
]

"""Cooling quantities: the liquid and air paths, each at design and annual-average compressor
duty, with the plant chosen for that path (`facility.cooling`, `facility.air_cooling`)."""

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


NODES = [
    _path(c.liquid_plant_kw_per_kw, "liquid_plant_kw_per_kw", "", "design"),
    _path(c.liquid_plant_kw_per_kw, "liquid_plant_avg_kw_per_kw", "", "annual"),
    _path(c.air_plant_kw_per_kw, "air_plant_kw_per_kw", "air_plant_", "design"),
    _path(c.air_plant_kw_per_kw, "air_plant_avg_kw_per_kw", "air_plant_", "annual"),
    node(c.liquid_heat_mw),
    node(c.air_heat_mw),
    node(c.cooling_power_mw),
    node(c.cooling_power_avg_mw),
    node(c.water_m3_per_year),
]

"""`site`: where the campus is, its land, and the cap on the power it may draw."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Site(Section):
    """The campus site."""

    name: str = choice("unnamed campus", description="Campus name, shown in reports.")
    location: str = choice("", description="Free-text location, shown in reports.")
    power_cap_mw: num(gt=0, le=100_000, optional=True) = param(
        None,
        unit="MW",
        description="Cap on the campus's peak facility power; empty: no cap. With "
        "compute.gpu_count empty, the plan holds the most GPUs under this cap",
        source="none: no cap unless given",
    )
    land_acres: num(gt=0, le=1_000_000) = param(
        224.0,
        unit="acre",
        description="Land area bought for the campus",
        source="Cushman & Wakefield Data Center Development Cost Guide 2025: average parcel "
        "224 acres (EST)",
    )
    land_price_usd_per_acre: num(ge=0, le=1e8) = param(
        244_000.0,
        unit="USD/acre",
        description="Price of land",
        source="Cushman & Wakefield Data Center Development Cost Guide 2025: $244k/acre US "
        "average (EST)",
    )
    buildings: num(ge=1, le=1_000, integer=True) = param(
        1,
        unit="count",
        description="Halls or buildings, each with its own scale-out fabric, joined by a "
        "campus tier (link budget: network.building_gbps_per_gpu, "
        "network.building_distance_m)",
        source="one building, as xAI Colossus 1 (a single converted factory; reference sites.md)",
        quantity="building_count",
    )

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
    climate: str = choice(
        "memphis-tn",
        description="Site climate: a site id with shipped monthly normals (memphis-tn, "
        "abilene-tx, new-albany-oh, richland-parish-la, mount-pleasant-wi) or a weather file "
        "(EPW, or CSV with dry_bulb_c and wet_bulb_c/dew_point_c/relative_humidity_frac, 8,760 "
        "rows; relative to the scenario file).",
        source="Memphis TN, the site of xAI Colossus 1 and 2",
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

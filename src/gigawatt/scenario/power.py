"""`power`: grid connection, on-site generation and batteries."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Power(Section):
    """Energy supply of the campus."""

    grid_mw: num(ge=0, le=100_000, optional=True) = param(
        None,
        unit="MW",
        description="Grid import capacity; empty: sized to the peak facility load (a "
        "grid-only campus). On-site turbines cover what the grid does not",
    )
    grid_price_usd_per_mwh: num(ge=0, le=10_000) = param(
        62.0,
        unit="USD/MWh",
        description="Average price of grid energy",
        source="MLGW industrial rate ~$62/MWh, Dec 2024 (REP, smartcitymemphis.com)",
    )
    grid_co2_t_per_mwh: num(ge=0, le=2) = param(
        0.366,
        unit="t/MWh",
        description="CO2 emitted per MWh of grid energy",
        source="DER: 1.53 Gt CO2 / 4.18 PWh, US utility-scale generation 2023 (OFF, EIA FAQ "
        "'How much carbon dioxide is produced per kilowatthour')",
    )
    grid_interconnect_usd_per_mw: num(ge=0, le=1e8) = param(
        160_000.0,
        unit="USD/MW",
        description="Cost of the substation and interconnection per MW of grid capacity",
        source="DER: ~$24M margin allowance for xAI's 150 MW substation (OFF, MLGW via "
        "512pixels.net 2025) / 150 MW",
        quantity="grid_interconnect_capex_usd_per_mw",
    )
    turbine: str = choice(
        "solar-titan-130",
        description="Catalog id of the on-site gas turbine (`gigawatt catalog turbine`).",
        source="Solar Titan 130 units, as permitted at xAI Colossus 1 (OFF, Shelby County "
        "Health Department permit, 2025)",
    )
    turbine_redundancy: num(ge=0, le=100, integer=True) = param(
        1,
        unit="count",
        description="Spare turbines beyond those needed for the peak (N+k)",
        source="N+1: the usual redundancy of on-site generation (Uptime Institute Tier III, "
        "concurrently maintainable)",
        quantity="turbine_redundancy_count",
    )
    gas_price_usd_per_mmbtu: num(ge=0, le=1_000) = param(
        4.28,
        unit="USD/MMBtu",
        description="Delivered natural-gas price",
        source="EIA STEO Sep 2025: Henry Hub forecast 2026 $4.28/MMBtu (OFF)",
    )
    gas_co2_t_per_mmbtu: num(ge=0, le=1) = param(
        0.05307,
        unit="t/MMBtu",
        description="CO2 from burning natural gas",
        source="EIA Electric Power Annual Table A.3: 117 lb CO2/MMBtu (OFF) = 0.05307 t",
    )
    battery: str = choice(
        "megapack-2xl",
        description="Catalog id of the battery system (`gigawatt catalog battery`).",
        source="xAI uses Tesla Megapacks at Colossus 1 and 2 (REP/OFF, benzinga.com)",
    )
    battery_mw: num(ge=0, le=100_000) = param(
        0.0,
        unit="MW",
        description="Battery power (to ride through training power swings and outages)",
        source="none unless given",
    )

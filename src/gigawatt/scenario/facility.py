"""`facility`: the building, its cooling plant and its power distribution."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param

_CHAIN = "acnewkirk/AI-Datacenter-Microgrid-Analysis src/config.py power-chain defaults (EST, 2025)"


class Facility(Section):
    """Building, cooling and electrical distribution. PUE is an output of these."""

    cooling: str = choice(
        "dlc-dry-cooler",
        description="Catalog id of the heat-rejection plant for the liquid-cooled share "
        "(`gigawatt catalog cooling`).",
        source="GB200/GB300 NVL72 require direct liquid cooling (REP, leviathansystems.co)",
    )
    air_cooling: str = choice(
        "chiller-economizer",
        description="Catalog id of the plant serving the air-cooled share of the heat "
        "(network, storage, power conversion and the systems' air-cooled parts).",
        source="water-cooled chillers with waterside economiser, the usual chilled-water "
        "plant of a new hall (ASHRAE 90.1-2022 minimum efficiencies in the catalog entry)",
    )
    transformer_eff_frac: num(gt=0.5, le=1) = param(
        0.98, unit="1", description="Efficiency of the step-down transformers", source=_CHAIN
    )
    switchgear_eff_frac: num(gt=0.5, le=1) = param(
        0.99, unit="1", description="Efficiency of the switchgear", source=_CHAIN
    )
    ups_eff_frac: num(gt=0.5, le=1) = param(
        0.98,
        unit="1",
        description="Efficiency of the UPS (eco mode; double conversion is 0.94-0.96)",
        source="eco-mode UPS ~98-99 % vs double-conversion ~94-96 % (WEAK, aidatacenterguide"
        ".com 15.2); the lower end of eco mode is taken",
    )
    cable_eff_frac: num(gt=0.5, le=1) = param(
        0.99, unit="1", description="Efficiency of the low-voltage cabling", source=_CHAIN
    )
    pdu_eff_frac: num(gt=0.5, le=1) = param(
        0.99, unit="1", description="Efficiency of the rack power distribution units", source=_CHAIN
    )
    misc_power_frac: num(ge=0, le=0.2) = param(
        0.005,
        unit="1",
        description="Lighting, offices and security power as a fraction of IT power",
        source="OWN estimate: a few MW on a gigawatt campus",
    )
    capex_usd_per_mw: num(ge=0, le=1e9) = param(
        11.7e6,
        unit="USD/MW",
        description="Facility construction cost per MW of IT (critical) load, excluding IT "
        "equipment, land and on-site generation",
        source="Cushman & Wakefield Data Center Development Cost Guide 2025: US average "
        "$11.7M/MW (range 9.3-15.0) (EST); AI liquid-cooled $15-20M/MW (JLL Q1 2026, EST)",
        quantity="facility_capex_usd_per_mw",
    )

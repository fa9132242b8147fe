"""Finance quantities: one capital-recovery factor per asset class, TCO, cost per GPU-hour."""

from gigawatt import finance as f
from gigawatt.graph.engine import node

_CLASS_LIFE = {
    "gpu": "gpu_life_years",
    "network": "network_life_years",
    "facility": "facility_life_years",
    "generation": "generation_life_years",
    "battery": "battery_life_years",
}

NODES = [
    *(
        node(
            f.capital_recovery_factor,
            name=f"{cls}_crf_frac_per_year",
            rate_frac="wacc_frac",
            lifetime_years=life,
        )
        for cls, life in _CLASS_LIFE.items()
    ),
    node(f.annualized_capex_usd_per_year),
    node(f.tco_usd_per_year),
    node(f.cost_usd_per_gpu_hour),
]

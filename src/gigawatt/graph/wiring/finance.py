"""Finance quantities: one capital-recovery factor per asset class, TCO, cost per GPU-hour;
the monthly cash-flow model (capex phased by the schedule, financing, tax) and its metrics."""

from gigawatt import finance as f
from gigawatt.finance import model as m
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
    node(m.finance_costs_spec, cache=True),
    node(m.levelized_usd_per_gpu_hour),
    node(m.levelized_usd_per_pflop_day),
    node(m.price_usd_per_gpu_hour),
    node(m.cash_flow_spec, cache=True),
    node(m.npv_usd),
    node(m.irr_frac),
    node(m.equity_irr_frac),
    node(m.dscr_min_ratio),
    node(m.payback_years),
    node(m.interest_during_construction_usd),
    node(m.debt_usd),
    node(m.equity_usd),
    node(m.financing_fees_usd),
    node(m.temporary_power_usd),
    node(m.delay_cost_usd_per_month),
    node(m.cost_per_training_run_usd),
]

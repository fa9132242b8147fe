"""Finance quantities: one capital-recovery factor per asset class, TCO, cost per GPU-hour;
the monthly cash-flow model (capex phased by the schedule, financing, tax) and its metrics."""

from gigawatt import finance as f
from gigawatt.finance import model as m
from gigawatt.finance import readers as rd
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
    node(rd.levelized_usd_per_gpu_hour),
    node(rd.levelized_usd_per_pflop_day),
    node(rd.price_usd_per_gpu_hour),
    node(m.cash_flow_spec, cache=True),
    node(rd.npv_usd),
    node(rd.irr_frac),
    node(rd.equity_irr_frac),
    node(rd.dscr_min_ratio),
    node(rd.payback_years),
    node(rd.interest_during_construction_usd),
    node(rd.debt_usd),
    node(rd.equity_usd),
    node(rd.financing_fees_usd),
    node(rd.temporary_power_usd),
    node(rd.delay_cost_usd_per_month),
    node(rd.cost_per_training_run_usd),
]

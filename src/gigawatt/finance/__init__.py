"""Finance: annuities (`capital_recovery_factor` and the TCO per year), capex phased by the
schedule, financing (project debt, GPU-backed loans, lease vehicles, equity), depreciation,
tax and the monthly cash-flow waterfall with NPV, IRR, DSCR, payback and levelised costs.

`annuity` holds the functions every other annuity goes through; `phasing`, `debt`,
`cashflow` and `metrics` the monthly model; `model` the graph's finance quantities.
"""

from gigawatt.finance.annuity import (
    annualized_capex_usd_per_year,
    capital_recovery_factor,
    cost_usd_per_gpu_hour,
    tco_usd_per_year,
)

__all__ = [
    "annualized_capex_usd_per_year",
    "capital_recovery_factor",
    "cost_usd_per_gpu_hour",
    "tco_usd_per_year",
]

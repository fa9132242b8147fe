"""Finance: annuities (`capital_recovery_factor` and the TCO per year), capex phased by the
schedule, financing (project debt, GPU-backed loans, lease vehicles, equity), depreciation,
tax and the monthly cash-flow waterfall with NPV, IRR, DSCR, payback and levelised costs.

`annuity` holds the functions every other annuity goes through; `phasing`, `debt`,
`cashflow` and `metrics` the monthly model; `moments` and `annual` its yearly-moment fast
path; `model` the two cached sub-models of the graph and `readers` what is read from them.
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

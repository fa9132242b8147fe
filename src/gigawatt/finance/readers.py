"""Finance quantities read from the cash-flow sub-models (`finance_costs_spec`,
`cash_flow_spec`): levelised costs, NPV, IRRs, DSCR, payback, financing totals, the cost of a
training run and of a month's delay, the temporary-power bridge."""

from __future__ import annotations

from gigawatt.finance.model import as_result
from gigawatt.graph.readers import reader

_SPEC_TYPE = {"finance_costs_spec": "FinanceCosts", "cash_flow_spec": "CashFlows"}


def _reader(name: str, spec: str, unit: str, summary: str, formula: str, key: str = "", refs=""):
    """A node reading the per-plan result `key` (default: `name`) of the sub-model `spec`
    (`finance_costs_spec` or `cash_flow_spec`)."""
    key = key or name

    def get(result):
        return as_result(result.summary[key], result.scalar)

    return reader(name, spec, _SPEC_TYPE[spec], get, unit, summary, formula, refs=refs)


levelized_usd_per_gpu_hour = _reader(
    "levelized_usd_per_gpu_hour",
    "finance_costs_spec",
    "USD/GPU-h",
    "Levelised cost of a GPU-hour: the flat nominal price that recovers every cost of the\n"
    "    sponsor (equity, debt service, lease rent, opex, less the book value left at the end),\n"
    "    discounted at the nominal WACC, over the GPU-hours online. Pre-tax.",
    "Σ_m sponsor cost_m · v^m / Σ_m GPU-hours online_m · v^m",
    refs="""
    References
    ----------
    .. [1] W. Short, D. J. Packey, T. Holt, "A manual for the economic evaluation of energy
       efficiency and renewable energy technologies", NREL/TP-462-5173 (1995) (levelised cost).
    """,
)
levelized_usd_per_pflop_day = _reader(
    "levelized_usd_per_pflop_day",
    "finance_costs_spec",
    "USD/PFLOP-day",
    "Levelised cost of a PFLOP/s-day of dense BF16 peak compute online.",
    "Σ_m sponsor cost_m · v^m / Σ_m PFLOP-days online_m · v^m",
)


def price_usd_per_gpu_hour(levelized_usd_per_gpu_hour):
    """Value of a GPU-hour when no price is given: internal use valued at cost.

    price_usd_per_gpu_hour = levelized_usd_per_gpu_hour

    Parameters
    ----------
    levelized_usd_per_gpu_hour : numeric
        [USD/GPU-h].

    Returns
    -------
    numeric
        [USD/GPU-h].
    """
    return levelized_usd_per_gpu_hour


npv_usd = _reader(
    "npv_usd",
    "cash_flow_spec",
    "USD",
    "Net present value of the project's after-tax, unlevered cash flows (capex, revenue,\n"
    "    opex, tax, book value at the end) at the nominal WACC.",
    "Σ_m project cash flow_m · v^m,  v = 1 / (1 + nominal WACC)^(1/12)",
)
irr_frac = _reader(
    "irr_frac",
    "cash_flow_spec",
    "1/yr",
    "Internal rate of return of the project (after tax, unlevered), per year, nominal.",
    "(1 + r_m)^12 − 1, r_m: Σ_m project cash flow_m / (1 + r_m)^m = 0",
)
equity_irr_frac = _reader(
    "equity_irr_frac",
    "cash_flow_spec",
    "1/yr",
    "Internal rate of return of the sponsor's equity (after debt service and tax).",
    "(1 + r_m)^12 − 1 on the equity cash flows",
)
dscr_min_ratio = _reader(
    "dscr_min_ratio",
    "cash_flow_spec",
    "1",
    "Lowest yearly debt-service coverage ratio (inf without debt or leases).",
    "min over years with debt service of CFADS / (interest + principal + rent)",
)
payback_years = _reader(
    "payback_years",
    "cash_flow_spec",
    "yr",
    "Years from the construction start until the project's cumulative cash flow turns\n"
    "    positive for good (inf if it never does within the horizon).",
    "(last month with Σ project cash flow < 0 + 1) / 12",
)
interest_during_construction_usd = _reader(
    "interest_during_construction_usd",
    "finance_costs_spec",
    "USD",
    "Interest capitalised on debt before the funded assets enter service.",
    "Σ_sources (balance at operation − draws)",
    key="idc_usd",
)
debt_usd = _reader(
    "debt_usd",
    "finance_costs_spec",
    "USD",
    "Debt and lease financing drawn.",
    "Σ_sources Σ_m draws_m",
    key="drawn_usd",
)
financing_fees_usd = _reader(
    "financing_fees_usd",
    "finance_costs_spec",
    "USD",
    "Upfront fees and original-issue discount of the financing.",
    "Σ_sources upfront_fee_frac · draws",
    key="fees_usd",
)
equity_usd = _reader(
    "equity_usd",
    "finance_costs_spec",
    "USD",
    "Equity paid in during construction: capex not financed, plus financing fees.",
    "Σ_m (capex_m − draws_m + fees_m)",
)
delay_cost_usd_per_month = _reader(
    "delay_cost_usd_per_month",
    "cash_flow_spec",
    "USD/month",
    "What one month of delay costs: the fall in the value of the campus (GPU-hours at\n"
    "    their price less the sponsor's costs, pre-tax, present values) when every hall comes\n"
    "    online one month later while GPUs still land on their dates and the horizon ends on\n"
    "    the same day.",
    "(PV value − PV sponsor cost)(P50 schedule)\n"
    "        − (PV value − PV sponsor cost)(one month late)",
)
temporary_power_usd = _reader(
    "temporary_power_usd",
    "finance_costs_spec",
    "USD",
    "Cost of the temporary-power bridge: rent of the temporary MW the permanent supply\n"
    "    (grid, on-site generation) does not yet cover, and their fuel premium over the\n"
    "    permanent supply's energy cost (P50 schedule; in the opex, before escalation).",
    "Σ_intervals (rent · load / GPUs + premium) · MW / load · GPU-days online",
    key="bridge_usd",
)


def cost_per_training_run_usd(
    levelized_usd_per_gpu_hour, gpu_count, time_to_train_days, idle_gpu_cost_usd
):
    """Cost of the scenario's training run: its time on the whole cluster at the levelised
    cost, plus the cost of GPUs idle while the cluster ramps up.

    cost_per_training_run_usd = levelized_usd_per_gpu_hour · gpu_count · 24
        · time_to_train_days + idle_gpu_cost_usd

    Parameters
    ----------
    levelized_usd_per_gpu_hour : numeric
        [USD/GPU-h].
    gpu_count : numeric
        [count].
    time_to_train_days : numeric
        [day].
    idle_gpu_cost_usd : numeric
        [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return levelized_usd_per_gpu_hour * gpu_count * 24.0 * time_to_train_days + idle_gpu_cost_usd

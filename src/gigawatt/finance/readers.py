"""Finance quantities read from the cash-flow sub-models (`finance_costs_spec`,
`cash_flow_spec`): levelised costs, NPV, IRRs, DSCR, payback, financing totals, the cost of a
training run and of a month's delay, the temporary-power bridge."""

from __future__ import annotations

from gigawatt.finance.model import as_result


def levelized_usd_per_gpu_hour(finance_costs_spec):
    """Levelised cost of a GPU-hour: the flat nominal price that recovers every cost of the
    sponsor (equity, debt service, lease rent, opex, less the book value left at the end),
    discounted at the nominal WACC, over the GPU-hours online. Pre-tax.

    levelized_usd_per_gpu_hour = Σ_m sponsor cost_m · v^m / Σ_m GPU-hours online_m · v^m

    Parameters
    ----------
    finance_costs_spec : FinanceCosts
        [spec].

    Returns
    -------
    numeric
        [USD/GPU-h].

    References
    ----------
    .. [1] W. Short, D. J. Packey, T. Holt, "A manual for the economic evaluation of energy
       efficiency and renewable energy technologies", NREL/TP-462-5173 (1995) (levelised cost).
    """
    return as_result(
        finance_costs_spec.summary["levelized_usd_per_gpu_hour"], finance_costs_spec.scalar
    )


def levelized_usd_per_pflop_day(finance_costs_spec):
    """Levelised cost of a PFLOP/s-day of dense BF16 peak compute online.

    levelized_usd_per_pflop_day = Σ_m sponsor cost_m · v^m / Σ_m PFLOP-days online_m · v^m

    Parameters
    ----------
    finance_costs_spec : FinanceCosts
        [spec].

    Returns
    -------
    numeric
        [USD/PFLOP-day].
    """
    return as_result(
        finance_costs_spec.summary["levelized_usd_per_pflop_day"], finance_costs_spec.scalar
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


def npv_usd(cash_flow_spec):
    """Net present value of the project's after-tax, unlevered cash flows (capex, revenue,
    opex, tax, book value at the end) at the nominal WACC.

    npv_usd = Σ_m project cash flow_m · v^m,  v = 1 / (1 + nominal WACC)^(1/12)

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [USD].
    """
    return as_result(cash_flow_spec.summary["npv_usd"], cash_flow_spec.scalar)


def irr_frac(cash_flow_spec):
    """Internal rate of return of the project (after tax, unlevered), per year, nominal.

    irr_frac = (1 + r_m)^12 − 1, r_m: Σ_m project cash flow_m / (1 + r_m)^m = 0

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [1/yr].
    """
    return as_result(cash_flow_spec.summary["irr_frac"], cash_flow_spec.scalar)


def equity_irr_frac(cash_flow_spec):
    """Internal rate of return of the sponsor's equity (after debt service and tax).

    equity_irr_frac = (1 + r_m)^12 − 1 on the equity cash flows

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [1/yr].
    """
    return as_result(cash_flow_spec.summary["equity_irr_frac"], cash_flow_spec.scalar)


def dscr_min_ratio(cash_flow_spec):
    """Lowest yearly debt-service coverage ratio (inf without debt or leases).

    dscr_min_ratio = min over years with debt service of CFADS / (interest + principal + rent)

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [1].
    """
    return as_result(cash_flow_spec.summary["dscr_min_ratio"], cash_flow_spec.scalar)


def payback_years(cash_flow_spec):
    """Years from the construction start until the project's cumulative cash flow turns
    positive for good (inf if it never does within the horizon).

    payback_years = (last month with Σ project cash flow < 0 + 1) / 12

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [yr].
    """
    return as_result(cash_flow_spec.summary["payback_years"], cash_flow_spec.scalar)


def _summary_total(name: str, field: str, summary: str, formula: str):
    """A node reading one per-plan total of `finance_costs_spec` (financing sources, bridge)."""

    def total(finance_costs_spec):
        return as_result(finance_costs_spec.summary[field], finance_costs_spec.scalar)

    total.__name__ = total.__qualname__ = name
    total.__doc__ = f"""{summary}

    {name} = {formula}

    Parameters
    ----------
    finance_costs_spec : FinanceCosts
        [spec].

    Returns
    -------
    numeric
        [USD].
    """
    return total


interest_during_construction_usd = _summary_total(
    "interest_during_construction_usd",
    "idc_usd",
    "Interest capitalised on debt before the funded assets enter service.",
    "Σ_sources (balance at operation − draws)",
)
debt_usd = _summary_total(
    "debt_usd", "drawn_usd", "Debt and lease financing drawn.", "Σ_sources Σ_m draws_m"
)
financing_fees_usd = _summary_total(
    "financing_fees_usd",
    "fees_usd",
    "Upfront fees and original-issue discount of the financing.",
    "Σ_sources upfront_fee_frac · draws",
)


def equity_usd(finance_costs_spec):
    """Equity paid in during construction: capex not financed, plus financing fees.

    equity_usd = Σ_m (capex_m − draws_m + fees_m)

    Parameters
    ----------
    finance_costs_spec : FinanceCosts
        [spec].

    Returns
    -------
    numeric
        [USD].
    """
    return as_result(finance_costs_spec.summary["equity_usd"], finance_costs_spec.scalar)


def delay_cost_usd_per_month(cash_flow_spec):
    """What one month of delay costs: the fall in the value of the campus (GPU-hours at
    their price less the sponsor's costs, pre-tax, present values) when every hall comes
    online one month later while GPUs still land on their dates and the horizon ends on
    the same day.

    delay_cost_usd_per_month = (PV value − PV sponsor cost)(P50 schedule)
        − (PV value − PV sponsor cost)(one month late)

    Parameters
    ----------
    cash_flow_spec : CashFlows
        [spec].

    Returns
    -------
    numeric
        [USD/month].
    """
    return as_result(cash_flow_spec.summary["delay_cost_usd_per_month"], cash_flow_spec.scalar)


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


temporary_power_usd = _summary_total(
    "temporary_power_usd",
    "bridge_usd",
    "Cost of the temporary-power bridge: rent of the temporary MW the permanent supply (grid, "
    "on-site generation) does not yet cover, and their fuel premium over the permanent "
    "supply's energy cost (P50 schedule; in the opex, before escalation).",
    "Σ_intervals (rent · load / GPUs + premium) · MW / load · GPU-days online",
)

"""The monthly cash-flow model: capex phased by the schedule, opex as halls come online,
financing, depreciation and tax, and the sponsor's cost of every GPU-hour.

Two stages, so that internal use can be valued at cost without a cycle:
`CostFlows` (capex, opex, financing; no revenue) gives the levelised cost; `ValueFlows` adds
revenue at a price (given, or the levelised cost) and gives taxes, NPV, IRR, DSCR and payback.
Arrays are (month, plan); months are 365.25/12 days from the construction start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from gigawatt.arrays import running
from gigawatt.finance import metrics
from gigawatt.finance.debt import SourceFlows, source_flows
from gigawatt.finance.phasing import (
    ITEM_GROUP,
    Times,
    bridge_flows,
    bridge_total_usd,
    depreciation,
    in_service_days,
    month_edges,
    phased_capex,
)
from gigawatt.schedule import curves
from gigawatt.schedule.templates import DAYS_PER_MONTH

FIXED_OPEX = ("facility_maintenance_usd_per_year", "insurance_usd_per_year", "staff_usd_per_year")

COMMISSIONED_ITEMS = (
    "facility_shell_capex_usd",
    "facility_site_fitout_capex_usd",
    "facility_electrical_mechanical_capex_usd",
)
"""Capex items in service from their hall's commissioning (what a delay of the halls moves)."""
"""Opex items paid from commissioning whatever the load; the rest scales with GPUs online."""

GROUPS = {
    "it": ("it",),
    "facility": ("facility",),
    "generation": ("generation",),
    "all": ("it", "facility", "generation"),
}


def monthly_rate_frac(annual_frac):
    """Monthly rate with the same yearly compounding.

    monthly_rate_frac = (1 + annual_frac)^(1/12) − 1

    Parameters
    ----------
    annual_frac : numeric
        [1/yr].

    Returns
    -------
    numeric
        [1/month].
    """
    return (1.0 + np.asarray(annual_frac, dtype=float)) ** (1.0 / 12.0) - 1.0


@dataclass
class Economics:
    """Scalar or per-plan economic inputs of the cash-flow model."""

    wacc_frac: np.ndarray
    inflation_frac: np.ndarray
    horizon_years: np.ndarray
    lives: dict[str, np.ndarray]
    opex_usd_per_year: np.ndarray
    fixed_opex_usd_per_year: np.ndarray
    gpu_count: np.ndarray
    flop_per_s_per_gpu: np.ndarray
    temporary_rent_usd_per_mw_day: np.ndarray
    bridge_premium_usd_per_gpu_day: np.ndarray

    @property
    def discount_monthly_frac(self) -> np.ndarray:
        """Nominal discount rate per month: ((1 + WACC real)(1 + inflation))^(1/12) − 1."""
        return monthly_rate_frac((1.0 + self.wacc_frac) * (1.0 + self.inflation_frac) - 1.0)


@dataclass
class CostFlows:
    """Capex, opex and financing by month; the sponsor's cost per GPU-hour."""

    months: int
    end_month: np.ndarray
    capex: dict[str, np.ndarray]
    depreciation: dict[str, np.ndarray]
    book_end_usd: np.ndarray
    online_gpu_days: np.ndarray
    opex: np.ndarray
    sources: list[SourceFlows]
    lease_share: dict[str, np.ndarray]
    equity_draws: np.ndarray
    sponsor_cost: np.ndarray
    discount: np.ndarray  # discount factor by month
    econ: Economics
    bridge_usd: np.ndarray  # temporary-power bridge, unescalated (plan,)
    notes: list[str] = field(default_factory=list)

    @property
    def capex_total(self) -> np.ndarray:
        return sum(self.capex.values())

    @property
    def gpu_hours(self) -> np.ndarray:
        return self.online_gpu_days * 24.0

    @property
    def pflop_days(self) -> np.ndarray:
        return self.online_gpu_days * self.econ.flop_per_s_per_gpu / 1e15

    @property
    def debt_service(self) -> np.ndarray:
        return sum((s.service for s in self.sources), start=np.zeros_like(self.opex))

    def pv(self, flows: np.ndarray) -> np.ndarray:
        return np.sum(flows * self.discount, axis=0)

    @property
    def levelized_usd_per_gpu_hour(self) -> np.ndarray:
        return self.pv(self.sponsor_cost) / self.pv(self.gpu_hours)

    @property
    def levelized_usd_per_pflop_day(self) -> np.ndarray:
        return self.pv(self.sponsor_cost) / self.pv(self.pflop_days)


def days_in_service(start_days, edges_days):
    """Days of each month after `start_days` (an asset in service from then on).

    days_in_service[m] = clip(month end − max(start, month start), 0, month length)

    Parameters
    ----------
    start_days : numeric
        In-service day, any shape [day].
    edges_days : array
        Month edges (M + 1,) [day].

    Returns
    -------
    array
        (M, ...) [day].
    """
    shape = (-1,) + (1,) * np.ndim(start_days)
    m0, m1 = edges_days[:-1].reshape(shape), edges_days[1:].reshape(shape)
    return np.clip(m1 - np.maximum(start_days, m0), 0.0, m1 - m0)


def _mask(months: int, end_month: np.ndarray) -> np.ndarray:
    return np.arange(months).reshape(-1, 1) < end_month


def cost_flows(
    times: Times,
    items: dict[str, np.ndarray],
    econ: Economics,
    financing: tuple,
    delay_days: float = 0.0,
    end_day: np.ndarray | None = None,
    reuse: CostFlows | None = None,
) -> CostFlows:
    """Capex, opex, financing and the sponsor's cost by month (see module docstring).

    `delay_days` slips every hall after commissioning (GPUs still land on their dates);
    `end_day` fixes the end of the analysis (default: full capacity + horizon). `reuse`: the
    flows of the same plans without delay and with the same end, whose capex and depreciation
    of assets not tied to commissioning are taken as they are.
    """
    t = times.delayed(delay_days) if delay_days else times
    if end_day is None:
        end_day = times.full_capacity + econ.horizon_years * 365.25
    end_month = np.ceil(np.asarray(end_day) / DAYS_PER_MONTH).astype(int)
    months = int(end_month.max())
    edges = month_edges(months)
    live = _mask(months, end_month)

    if reuse is None:
        capex = phased_capex(items, t, edges)
        dep = {k: v * live for k, v in depreciation(items, econ.lives, t, edges).items()}
    else:
        capex = reuse.capex
        moved = depreciation(items, econ.lives, t, edges, only=COMMISSIONED_ITEMS)
        dep = {**reuse.depreciation, **{k: v * live for k, v in moved.items()}}
    book_end = sum(np.asarray(items[k], dtype=float) - dep[k].sum(axis=0) for k in items)

    a, d, g = t.ramp_start[:, None], t.ramp_days[:, None], t.gpus[:, None]
    cum = curves.cumulative_gpu_days(edges.reshape(-1, 1), a, d, g)
    online = np.diff(cum, axis=0) * live
    mid_years = (edges[:-1] + DAYS_PER_MONTH / 2).reshape(-1, 1) / 365.25
    esc = (1.0 + econ.inflation_frac) ** mid_years
    commissioned_days = np.sum(t.fracs * days_in_service(t.commissioned, edges), axis=1)
    variable = econ.opex_usd_per_year - econ.fixed_opex_usd_per_year
    bridge = bridge_flows(t, end_day, econ)
    opex = (
        esc
        * live
        * (
            variable * online / (econ.gpu_count * 365.25)
            + econ.fixed_opex_usd_per_year * commissioned_days / 365.25
            + sum(
                r * (days_in_service(b0, edges) - days_in_service(b1, edges))
                for b0, b1, r in bridge
            )
        )
    )

    # financing: each source takes its share of its groups' draws, in order
    group_capex = {
        grp: sum(capex[k] for k, g2 in ITEM_GROUP.items() if g2 == grp) for grp in GROUPS["all"]
    }
    group_total = {grp: c.sum(axis=0) for grp, c in group_capex.items()}
    sources, drawn = [], np.zeros_like(opex)
    shares, lease_share = source_shares(financing, group_total, econ.gpu_count)
    for src, groups, share in shares:
        draws = share * sum(group_capex[grp] for grp in groups)
        cod_day = np.max(
            [in_service_days(k, t) for k, g2 in ITEM_GROUP.items() if g2 in groups], axis=0
        )
        cod = np.minimum(np.ceil(cod_day / DAYS_PER_MONTH).astype(int), months)
        sources.append(source_flows(src, draws, cod, end_month, months))
        drawn = drawn + draws
    fees = sum((s.fees for s in sources), start=np.zeros_like(opex))
    capex_total = sum(capex.values())
    equity = capex_total - drawn + fees
    owed_end = sum((s.balance_end_usd for s in sources), start=np.zeros_like(econ.gpu_count))
    debt_service = sum((s.service for s in sources), start=np.zeros_like(opex))
    last = np.arange(months).reshape(-1, 1) == (end_month - 1)
    sponsor = equity + opex + debt_service + last * (owed_end - book_end)
    discount = (1.0 + econ.discount_monthly_frac) ** -np.arange(months).reshape(-1, 1)
    return CostFlows(
        months=months,
        end_month=end_month,
        capex=capex,
        depreciation=dep,
        book_end_usd=book_end,
        online_gpu_days=online,
        opex=opex,
        sources=sources,
        lease_share=lease_share,
        equity_draws=equity,
        sponsor_cost=sponsor,
        discount=discount,
        econ=econ,
        bridge_usd=bridge_total_usd(bridge),
    )


def source_shares(financing, group_total: dict, like) -> tuple[list, dict]:
    """Each source's share of the draws of the asset groups it finances, sources in order
    (`share_frac`, or `amount_usd` over the groups' capex, capped by what earlier sources
    left), and the share of each group held by leases.

    Returns ([(source, groups, share (plan,))], {group: leased share (plan,)}).
    """
    from gigawatt.scenario import central

    left = {grp: np.ones_like(like) for grp in GROUPS["all"]}
    lease_share = {grp: np.zeros_like(like) for grp in GROUPS["all"]}
    out = []
    for src in financing:
        groups = GROUPS[src.finances]
        room = np.min([left[grp] for grp in groups], axis=0)
        total = sum(group_total[grp] for grp in groups)
        if src.share_frac is not None:
            want = float(central(src.share_frac))
        else:
            want = float(central(src.amount_usd)) / np.maximum(total, 1e-300)
        share = np.minimum(want, room)
        for grp in groups:
            left[grp] = left[grp] - share
            if src.kind == "lease":
                lease_share[grp] = lease_share[grp] + share
        out.append((src, groups, share))
    return out, lease_share


def taxes_usd(taxable_usd, tax_rate_frac):
    """Income tax by month with losses carried forward without limit.

    taxes_usd = rate · Δ max(0, running max of Σ taxable), i.e. tax is paid only once the
        cumulative taxable income exceeds its previous high

    Parameters
    ----------
    taxable_usd : array
        Taxable income by month, time on axis 0 [USD].
    tax_rate_frac : numeric
        [1].

    Returns
    -------
    array
        [USD].
    """
    cum = running(np.maximum, np.maximum(running(np.add, taxable_usd), 0.0))
    paid = np.asarray(tax_rate_frac) * cum
    return np.diff(paid, axis=0, prepend=np.zeros_like(paid[:1]))


@dataclass
class ValueFlows:
    """Revenue, taxes and the cash-flow waterfall on top of `CostFlows`."""

    costs: CostFlows
    delayed: CostFlows
    price_usd_per_gpu_hour: np.ndarray
    revenue: np.ndarray
    tax_unlevered: np.ndarray
    tax: np.ndarray
    interest_expense: np.ndarray
    project_cf: np.ndarray
    equity_cf: np.ndarray
    cfads: np.ndarray
    value_delayed: np.ndarray
    start_date: dt.date | None = None

    @property
    def ebitda(self) -> np.ndarray:
        return self.revenue - self.costs.opex

    def yearly(self, flows: np.ndarray) -> np.ndarray:
        """Sum of a monthly series by year (12-month blocks from the start): (years, plan)."""
        m = flows.shape[0]
        pad = (-m) % 12
        full = np.concatenate([flows, np.zeros((pad, *flows.shape[1:]))])
        return full.reshape(-1, 12, *flows.shape[1:]).sum(axis=1)


def revenue_usd(
    costs: CostFlows, price_usd_per_gpu_hour, utilization_frac, price_decline_frac_per_year
):
    """Revenue (or the value of internal use) by month.

    revenue_usd = price · (1 − decline)^years · utilization_frac · GPU-hours online

    Parameters
    ----------
    costs : CostFlows
        [spec].
    price_usd_per_gpu_hour : numeric
        [USD/GPU-h].
    utilization_frac : numeric
        [1].
    price_decline_frac_per_year : numeric
        [1/yr].

    Returns
    -------
    array
        (M, plan) [USD].
    """
    years = (np.arange(costs.months) + 0.5).reshape(-1, 1) / 12.0
    decline = (1.0 - np.asarray(price_decline_frac_per_year)) ** years
    return np.asarray(price_usd_per_gpu_hour) * decline * utilization_frac * costs.gpu_hours


def value_flows(
    costs: CostFlows,
    delayed: CostFlows,
    price_usd_per_gpu_hour,
    utilization_frac,
    price_decline_frac_per_year,
    tax_rate_frac,
    start_date=None,
) -> ValueFlows:
    """Revenue, taxes, project and equity cash flows (see module docstring)."""
    c = costs
    revenue = revenue_usd(c, price_usd_per_gpu_hour, utilization_frac, price_decline_frac_per_year)
    dep_all = sum(c.depreciation.values())
    dep_owned = sum(v * (1.0 - c.lease_share[ITEM_GROUP[k]]) for k, v in c.depreciation.items())
    interest = sum((s.interest for s in c.sources), start=np.zeros_like(c.opex))
    rent = sum((s.rent for s in c.sources), start=np.zeros_like(c.opex))
    ebitda = revenue - c.opex
    tax_u = taxes_usd(ebitda - dep_all, tax_rate_frac)
    tax = taxes_usd(ebitda - dep_owned - interest - rent, tax_rate_frac)
    last = np.arange(c.months).reshape(-1, 1) == (c.end_month - 1)
    owed_end = sum((s.balance_end_usd for s in c.sources), start=np.zeros_like(c.econ.gpu_count))
    project = -c.capex_total + ebitda - tax_u + last * c.book_end_usd
    equity = -c.equity_draws + ebitda - tax - c.debt_service + last * (c.book_end_usd - owed_end)
    rev_delayed = revenue_usd(
        delayed, price_usd_per_gpu_hour, utilization_frac, price_decline_frac_per_year
    )
    value_delayed = delayed.pv(rev_delayed) - delayed.pv(delayed.sponsor_cost)
    return ValueFlows(
        costs=c,
        delayed=delayed,
        price_usd_per_gpu_hour=np.asarray(price_usd_per_gpu_hour),
        revenue=revenue,
        tax_unlevered=tax_u,
        tax=tax,
        interest_expense=interest,
        project_cf=project,
        equity_cf=equity,
        cfads=ebitda - tax,
        value_delayed=value_delayed,
        start_date=start_date,
    )


def annual_irr_frac(monthly_cash_flows_usd):
    """Yearly IRR of monthly flows.

    annual_irr_frac = (1 + monthly IRR)^12 − 1

    Parameters
    ----------
    monthly_cash_flows_usd : array
        Time on axis 0 [USD].

    Returns
    -------
    numeric
        [1/yr].
    """
    return (1.0 + metrics.irr(monthly_cash_flows_usd)) ** 12 - 1.0

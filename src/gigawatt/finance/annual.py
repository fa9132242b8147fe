"""The cash-flow model on yearly moments: the fast path for large arrays of plans.

The monthly model (`cashflow`) keeps ~50 flows × 72+ months per plan. Every one of its flows
is a sum of a few shapes — an amount spread evenly over a window of days, a lump in one month,
the linear ramp of a hall's GPUs, an integer-month sequence α + β·m — so each year of each
flow is summarised exactly by its moments about mid-year (`moments`). What is linear in the
flows is then exact up to the third-order Taylor series of the monthly weights within a year
(present values, escalation, interest during construction, debt service, lease rent; relative
error < 1e-6 at usual rates). Taxes (losses carried forward) follow the line through each
year's months (`annual_tax.taxes_of_moments`), DSCR and payback are taken on yearly sums, and
the IRR solves the yearly-moment NPV; their errors against the monthly model
are measured by `benchmarks/finance_fastpath_error.py` and tested with stated tolerances.

The conventions are those of the monthly model (a month's flow falls at its start, opex
escalates with inflation from mid-month, nominal rates compounded monthly, debt repaid in
arrears from the month its assets are in service, leases paid for n months from the month
after each delivery).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.arrays import running, serial_matmul
from gigawatt.finance import metrics
from gigawatt.finance import moments as mo
from gigawatt.finance.annual_financing import financing_sources, service_flows
from gigawatt.finance.annual_tax import line_through_months, taxes_of_moments, year_line
from gigawatt.finance.cashflow import (
    COMMISSIONED_ITEMS,
    GROUPS,
    Economics,
)
from gigawatt.finance.phasing import (
    ITEM_GROUP,
    ITEM_LIFE,
    Times,
    bridge_flows,
    bridge_total_usd,
    item_windows,
)
from gigawatt.schedule import curves
from gigawatt.schedule.templates import DAYS_PER_MONTH

D = DAYS_PER_MONTH


@dataclass
class Term:
    """An amount spent evenly over the days [s, f) (a lump in the month of s when f ≤ s + 1e-9;
    `lump`: for every plan, the window being one day array used as start and finish)."""

    group: str
    amount: np.ndarray
    s: np.ndarray
    f: np.ndarray
    lump: bool

    def add_to(self, acc: mo.YearlySum, share=1.0, lo_day=None, hi_day=None) -> None:
        """Add share · the monthly amounts to `acc` (only the days [lo, hi) if given)."""
        index = np.floor(self.s / D)
        if self.lump:
            amount = share * self.amount
            if lo_day is not None:
                amount = amount * ((index * D >= lo_day) & (index * D < hi_day))
            acc.point(amount, index)
            return
        lump = self.f - self.s <= 1e-9  # a lump fills the month of s
        s2 = np.where(lump, index * D, self.s)
        f2 = np.where(lump, index * D + D, self.f)
        density = share * self.amount / (f2 - s2)
        if lo_day is not None:
            s2, f2 = np.clip(s2, lo_day, hi_day), np.clip(f2, lo_day, hi_day)
        acc.window(density, s2, f2)


@dataclass
class AnnualCosts:
    """The cost stage on yearly moments (per plan; moments are (4, year, plan))."""

    end_month: np.ndarray
    first_month: np.ndarray  # first month of the taxable flows (plan,)
    lv: np.ndarray  # log monthly discount factor
    online: np.ndarray  # GPU-days online
    online_last: np.ndarray  # GPU-days online in the last month (plan,)
    project_out: np.ndarray  # capex + opex
    equity_out: np.ndarray  # equity draws + opex + debt service and rent
    opex_y: np.ndarray  # (year, plan)
    deductions: np.ndarray  # opex + depreciation (unlevered tax)
    deductions_levered: np.ndarray  # opex + owned depreciation + interest + lease rent
    service_y: np.ndarray  # (year, plan)
    book_end_usd: np.ndarray
    owed_end_usd: np.ndarray
    sponsor_pv: np.ndarray
    sponsor_late_pv: np.ndarray
    summary: dict
    financed: bool = False


def _log_discount(econ: Economics) -> np.ndarray:
    return -np.log1p(econ.discount_monthly_frac)


def capex_terms(t: Times, items: dict[str, np.ndarray]) -> list[Term]:
    """One term per capex window and hall (per-hall items by the hall's GPU share), the
    items of a group sharing a window summed."""
    seen: dict[tuple, Term] = {}
    for name, (start, finish, _, per_hall) in item_windows(t).items():
        amount = np.asarray(items[name], float)
        halls = range(t.fracs.shape[0]) if per_hall else (None,)
        for k in halls:
            key = (ITEM_GROUP[name], id(start), id(finish), k)
            share = amount if k is None else amount * t.fracs[k]
            if key in seen:
                seen[key].amount = seen[key].amount + share
                continue
            s, f = (start, finish) if k is None else (start[k], finish[k])
            seen[key] = Term(ITEM_GROUP[name], share, s, f, start is finish)
    return list(seen.values())


def _depreciation(t: Times, items, lives, cap, grid: mo.Grid, owned: dict | None):
    """Moments of the depreciation (4, year, plan) of every item and of the owned items
    (each group's items times its `owned` share per plan; None: nothing is leased, the
    same moments) [USD]: straight line from in service over the life, to the end (its total:
    `_depreciated_usd`). Items in service together with the same life share one window per
    hall."""
    windows: dict[tuple, list] = {}
    for name, (_, _, in_service, per_hall) in item_windows(t).items():
        life = ITEM_LIFE[name]
        if not life:
            continue
        amount = np.asarray(items[name], float)
        keep = 1.0 if owned is None else owned[ITEM_GROUP[name]]
        for k in range(t.fracs.shape[0]) if per_hall else (None,):
            key = (id(in_service), life, k)
            share = amount if k is None else amount * t.fracs[k]
            if key in windows:
                windows[key][1] = windows[key][1] + share
                windows[key][2] = windows[key][2] + share * keep
            else:
                windows[key] = [in_service if k is None else in_service[k], share, share * keep]
    every, kept = grid.sum(), grid.sum()
    for (_, life, _), (start, amount, owned_amount) in windows.items():
        days = np.asarray(lives[life], float) * 365.25
        lo, hi = np.minimum(start, cap), np.minimum(start + days, cap)
        hi = cap if np.all(hi == cap) else hi  # one edge for every window to the end
        every.window(amount / days, lo, hi)
        if owned is not None:
            kept.window(owned_amount / days, lo, hi)
    moments = every.moments()
    return moments, (moments if owned is None else kept.moments())


def _depreciated_usd(t: Times, items, lives, cap, only) -> np.ndarray:
    """Depreciation of the items `only` from in service to the end (plan,) [USD]."""
    total = 0.0
    for name, (_, _, in_service, per_hall) in item_windows(t).items():
        life = ITEM_LIFE[name]
        if not life or name not in only:
            continue
        days = np.asarray(lives[life], float) * 365.25
        starts = in_service if per_hall else in_service[None]
        fracs = t.fracs if per_hall else np.ones((1, 1))
        lo, hi = np.minimum(starts, cap), np.minimum(starts + days, cap)
        total = total + np.asarray(items[name], float) / days * np.sum(fracs * (hi - lo), axis=0)
    return total


def _online(t: Times, cap, grid: mo.Grid) -> tuple[np.ndarray, np.ndarray]:
    """Moments of the GPU-days online (each hall's ramp, then its GPUs at full strength) and
    the GPU-days of the last month."""
    acc = grid.sum()
    for k in range(t.gpus.shape[0]):
        a, d, g = t.ramp_start[k], t.ramp_days[k], t.gpus[k]
        small = d < 1e-3  # a step: no ramp to integrate
        lo = np.minimum(np.where(small, a + 0.5 * d, a), cap)
        mid = np.minimum(np.where(small, a + 0.5 * d, a + d), cap)
        slope = np.where(small, 0.0, g / np.maximum(d, 1e-3))
        # ramp g·(t − a)/d on [lo, mid), t = 365.25·y + τ; then g from mid
        acc.edge(lo, a=-a * slope, b=slope, c=slope)
        acc.edge(mid, a=a * slope + g, b=-slope, c=-slope)
    acc.edge(cap, a=-t.gpus.sum(axis=0))
    edges = np.stack([cap - D, cap])
    a, d, g = t.ramp_start[:, None], t.ramp_days[:, None], t.gpus[:, None]
    last = np.diff(curves.cumulative_gpu_days(edges, a, d, g), axis=0)
    return acc.moments(), last[0]


def _opex(t: Times, econ: Economics, online, online_last, cap, grid: mo.Grid, bridge: list):
    """Moments of the opex (variable with GPUs online, fixed per hall from commissioning,
    the temporary-power bridge over its intervals `bridge`, escalated with inflation from
    mid-month), its log escalation per month, its unescalated amount in the last month and
    the bridge's unescalated total."""
    acc = grid.sum()
    fixed = econ.fixed_opex_usd_per_year / 365.25
    for k in range(t.fracs.shape[0]):
        acc.edge(np.minimum(t.commissioned[k], cap), a=fixed * t.fracs[k])
    acc.edge(cap, a=-fixed * t.fracs.sum(axis=0))
    last_days = np.sum(t.fracs * np.clip(cap - np.maximum(t.commissioned, cap - D), 0.0, D), 0)
    for b0, b1, rate in bridge:
        acc.window(rate, b0, b1)
    bridge_last = sum(r * np.clip(b1 - np.maximum(b0, cap - D), 0.0, D) for b0, b1, r in bridge)
    variable = (econ.opex_usd_per_year - econ.fixed_opex_usd_per_year) / (econ.gpu_count * 365.25)
    base = variable * online + acc.moments()
    lq = np.log1p(econ.inflation_frac) / 12.0
    last = variable * online_last + fixed * last_days + bridge_last
    return np.exp(0.5 * lq) * mo.escalate(base, lq), lq, last, bridge_total_usd(bridge)


def _first_taxable_day(t: Times, items, bridge: list) -> np.ndarray:
    """The first day of the taxable flows (plan,) [day]: the earliest of GPUs online
    (revenue, variable opex), a hall commissioned (fixed opex), the bridge on and an item
    with a depreciation life in service (interest is paid, and lease rent runs, only after
    that: `debt`, `phasing`)."""
    days = [t.ramp_start.min(axis=0), t.commissioned.min(axis=0)]
    days += [np.where(rate > 0, b0, np.inf) for b0, _, rate in bridge]
    for name, (_, _, in_service, per_hall) in item_windows(t).items():
        if ITEM_LIFE[name]:
            day = in_service.min(axis=0) if per_hall else in_service
            days.append(np.where(np.asarray(items[name], float) > 0, day, np.inf))
    first = np.minimum.reduce(np.broadcast_arrays(*days))
    return np.where(np.isfinite(first), first, 0.0)


def annual_costs(
    times: Times, items, econ: Economics, financing, months: int, years: int
) -> AnnualCosts:
    """The cost stage (capex, opex, financing, levelised cost) of a block of plans on
    yearly moments; `months` and `years` are those of the whole array.

    The schedule one month late (halls and GPUs online one month later, the same end) shifts
    the monthly GPU-days and fixed opex by exactly one month: its present values follow from
    those of the P50 schedule, Σ_{m<E} w^m a_{m−1} = w·(Σ_m w^m a_m − w^{E−1} a_{E−1}).
    """
    t = times
    end = np.ceil((t.full_capacity + econ.horizon_years * 365.25) / D)
    cap = end * D
    lv = _log_discount(econ)
    terms = capex_terms(t, items)
    plans = end.size
    grid = mo.Grid(years, plans)
    acc = grid.sum()
    group_total = {g: np.zeros_like(econ.gpu_count) for g in GROUPS["all"]}
    for x in terms:
        x.add_to(acc)
        group_total[x.group] = group_total[x.group] + x.amount
    capex = acc.moments()

    def capex_of(groups) -> np.ndarray:
        """Moments of the capex of some asset groups (a financing source's)."""
        if set(groups) >= set(GROUPS["all"]):
            return capex
        part = grid.sum()
        for x in terms:
            if x.group in groups:
                x.add_to(part)
        return part.moments()

    sources, fin = financing_sources(terms, capex_of, group_total, econ, financing)
    leased = fin["lease_share"]
    owned = {g: 1.0 - x for g, x in leased.items()}
    owned = owned if any(x.any() for x in leased.values()) else None  # None: nothing leased
    dep, dep_owned = _depreciation(t, items, econ.lives, cap, grid, owned)
    items_total = sum(np.asarray(v, float) for v in items.values())
    book_end = items_total - _depreciated_usd(t, items, econ.lives, cap, items)
    online, online_last = _online(t, cap, grid)
    bridge = bridge_flows(t, cap, econ)  # (start, finish, USD/day) of each interval
    opex, lq, base_last, bridge_usd = _opex(t, econ, online, online_last, cap, grid, bridge)
    leases: dict = {}
    fin.update(service_flows(t, sources, end, months, grid, leases))
    equity = capex - fin["draws"] + fin["fees"]
    sponsor = equity + opex + fin["service"]
    v_last = np.exp(lv * (end - 1.0))
    equity_pv, opex_pv = mo.pv(equity, lv), mo.pv(opex, lv)
    sponsor_pv = equity_pv + opex_pv + mo.pv(fin["service"], lv) + v_last * (fin["owed"] - book_end)
    online_pv = mo.pv(online, lv)

    late = t.delayed(D)
    fin_late = service_flows(late, sources, end, months, grid, leases)
    fixed = [k for k in items if k not in COMMISSIONED_ITEMS]
    kept = _depreciated_usd(t, items, econ.lives, cap, fixed)
    moved = _depreciated_usd(late, items, econ.lives, cap, COMMISSIONED_ITEMS)
    book_late = items_total - kept - moved
    w = np.exp(lq + lv)  # opex escalation × discount per month
    opex_late_pv = w * (opex_pv - np.exp(0.5 * lq) * np.exp((lq + lv) * (end - 1.0)) * base_last)
    sponsor_late = equity_pv + opex_late_pv + mo.pv(fin_late["service"], lv)
    sponsor_late = sponsor_late + v_last * (fin_late["owed"] - book_late)

    summary = {
        "levelized_usd_per_gpu_hour": sponsor_pv / (24.0 * online_pv),
        "levelized_usd_per_pflop_day": sponsor_pv / (online_pv * econ.flop_per_s_per_gpu / 1e15),
        "idc_usd": fin["idc"],
        "drawn_usd": fin["drawn"],
        "fees_usd": fin["fees_usd"],
        "equity_usd": sum(group_total.values()) - fin["drawn"] + fin["fees_usd"],
        "bridge_usd": bridge_usd,
    }
    return AnnualCosts(
        end_month=end,
        first_month=np.floor(_first_taxable_day(t, items, bridge) / D),
        lv=lv,
        online=online,
        online_last=online_last,
        project_out=capex + opex,
        equity_out=sponsor,
        opex_y=opex[0],
        deductions=opex + dep,
        deductions_levered=opex + dep_owned + fin["interest_rent"],
        service_y=fin["service"][0],
        book_end_usd=book_end,
        owed_end_usd=fin["owed"],
        sponsor_pv=sponsor_pv,
        sponsor_late_pv=sponsor_late,
        summary=summary,
        financed=bool(sources),
    )


IRR_INNER_FRAC = 0.03
"""Rates per month (±) of the ladder tried first (±43 %/yr); plans with no sign change there
take the whole ladder."""


def irr_of_moments(flows: np.ndarray, steps: int = 2) -> np.ndarray:
    """IRR per month of flows given as yearly moments: the root nearest zero of
    NPV(v) = Σ_y v^{c_y} Σ_p (ln v)^p / p! · M_p[y] (the ladder of `metrics.irr`, then from
    the secant of the bracket a fixed number of safeguarded Newton steps for every plan:
    the bracket is 0.25-5 % per month wide; after 2 steps the root is within ~1e-11 per
    month of the converged one (3e-13 on 100,000 Colossus 2 plans), after 1 within ~1e-7;
    the moments themselves are ~1e-5 from the monthly IRR).

    The ladder's rates within ±`IRR_INNER_FRAC` come first: a sign change there brackets the
    root nearest zero (a root beyond the inner rates is farther from zero than one within),
    so only the plans without one take the whole ladder. The roots are those of the whole
    ladder (the brackets are the same).

    Parameters
    ----------
    flows : array
        (4, year, plan) [USD].
    steps : int
        Newton steps [count].

    Returns
    -------
    array
        (plan,) [1/month].
    """
    rates = metrics.ladder()
    out = _irr_on_ladder(flows, rates[np.abs(rates) <= IRR_INNER_FRAC], steps)
    rest = np.flatnonzero(np.isnan(out))
    if rest.size:
        out[rest] = _irr_on_ladder(flows[:, :, rest], rates, steps)
    return out


def _irr_on_ladder(flows: np.ndarray, rates: np.ndarray, steps: int) -> np.ndarray:
    """`irr_of_moments` with the sign changes looked for at `rates` only (NaN: none)."""
    ell = -np.log1p(rates)  # (rate,)
    years = flows.shape[1]
    c = 12.0 * np.arange(years) + mo.CENTRE
    # NPV at every rate of the ladder: one product with e^{ℓ c_y} ℓ^p / p!, (p·year, rate)
    kernel = np.exp(c[None, :, None] * ell) * (ell ** np.arange(mo.NP)[:, None, None])
    kernel /= np.array([1.0, 1.0, 2.0, 6.0])[:, None, None]
    values = serial_matmul(flows.reshape(mo.NP * years, -1).T, kernel.reshape(mo.NP * years, -1))

    subset: dict = {}  # the plans of one side, taken once for its Newton steps

    def fn(cols, v):
        if cols.size == flows.shape[2]:
            m = flows
        else:
            if subset.get("cols") is not cols:
                subset.update(cols=cols, m=flows[:, :, cols])
            m = subset["m"]
        lw = np.log(v)
        # poly(ℓ) = M_0 + ℓ(M_1 + ℓ/2 (M_2 + ℓ/3 M_3)) and its derivative, Horner (in place)
        slope = m[3] / 3.0
        poly = (lw / 3.0) * m[3]
        poly += m[2]
        for p in (1, 0):
            slope = lw * slope
            slope += poly
            if p:
                slope /= p + 1.0
            poly = (lw / (p + 1.0)) * poly if p else lw * poly
            poly += m[p]
        w = mo.year_weights(lw, len(c))
        f = np.sum(w * poly, axis=0)
        poly *= c[:, None]
        poly += slope
        poly *= w
        return f, np.sum(poly, axis=0) / v

    return metrics.nearest_root(values, rates, fn, None, steps)


def _payback(project: np.ndarray, book: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Years until the cumulative project cash flow turns non-negative for good: the last
    negative year end, then the month within the next year from the line through its
    months before the end (`annual_tax.year_line`; the book value at the end kept in its
    month)."""
    years = project.shape[1]
    smooth = project.copy()
    mo.add_point(smooth, -book, end - 1.0)
    cum = running(np.add, project[0])
    neg = cum < 0
    last = np.where(neg.any(axis=0), years - 1 - np.argmax(neg[::-1], axis=0), -1)
    yc = np.minimum(last + 1, years - 1)
    cols = np.arange(project.shape[2])
    start = np.where(last >= 0, cum[np.maximum(last, 0), cols], 0.0)
    count = np.clip(end - 12.0 * yc, 1.0, 12.0)  # months of flows in that year
    a, b = year_line(smooth[0, yc, cols], smooth[1, yc, cols], 0.0, count)
    partial = line_through_months(a, b, 0.0, count)
    j = np.arange(12.0)[:, None]
    lump = np.where(12.0 * yc + j >= end - 1.0, book, 0.0)
    months_neg = np.sum(start + partial + lump < 0, axis=0)
    out = (12.0 * yc + months_neg) / 12.0
    out = np.where((last < 0) & (months_neg == 0), 0.0, out)
    return np.where(neg[-1], np.inf, out)


def annual_values(
    c: AnnualCosts, price_usd_per_gpu_hour, utilization_frac, price_decline, tax_rate_frac
) -> dict[str, np.ndarray]:
    """The value stage on yearly moments: revenue, taxes (`annual_tax.taxes_of_moments`), NPV,
    both IRRs, DSCR, payback and the cost of a month's delay (`model.value_summary`'s keys)."""
    ld = np.log1p(-np.asarray(price_decline, float)) / 12.0
    scale = np.asarray(price_usd_per_gpu_hour) * utilization_frac * 24.0 * np.exp(0.5 * ld)
    revenue = scale * mo.escalate(c.online, ld)
    ebitda_y = revenue[0] - c.opex_y
    same = not c.financed  # no debt or lease: the equity's flows are the project's
    taxable_u = revenue - c.deductions
    tax_u = taxes_of_moments(taxable_u, tax_rate_frac, c.first_month, c.end_month)
    if same:
        tax = tax_u
    else:
        taxable = revenue - c.deductions_levered
        tax = taxes_of_moments(taxable, tax_rate_frac, c.first_month, c.end_month)
    last = c.end_month - 1.0
    # + book value − debt owed in the last month (in place: one cell per plan)
    project = revenue - c.project_out - tax_u
    mo.add_point(project, c.book_end_usd, last)
    equity = revenue - c.equity_out - tax
    mo.add_point(equity, c.book_end_usd, last)
    mo.add_point(equity, -c.owed_end_usd, last)
    # one month late: every month's GPU-days one month later, the same end (see annual_costs)
    wl = ld + c.lv
    rev_pv = mo.pv(revenue, c.lv)
    late = np.exp(wl) * (rev_pv - scale * np.exp(wl * (c.end_month - 1.0)) * c.online_last)
    irr = (1.0 + irr_of_moments(project)) ** 12 - 1.0
    return {
        "npv_usd": mo.pv(project, c.lv),
        "irr_frac": irr,
        "equity_irr_frac": irr if same else (1.0 + irr_of_moments(equity)) ** 12 - 1.0,
        "dscr_min_ratio": metrics.dscr_min(ebitda_y - tax[0], c.service_y),
        "payback_years": _payback(project, c.book_end_usd, c.end_month),
        "delay_cost_usd_per_month": rev_pv - c.sponsor_pv - (late - c.sponsor_late_pv),
    }

"""Financing on yearly moments (the fast path's debt and leases): each source's draws, debt
service (annuity, linear or bullet amortisation, interest capitalised to commercial
operation) and lease rent, the amounts owed at the end and the interest during construction.

The conventions are those of the monthly model (`cashflow`): debt repaid in arrears from
the month its assets are in service, leases paid for n months from the month after each
delivery; draws are the capex terms of `annual.Term` (spread evenly over their windows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.finance import moments as mo
from gigawatt.finance.annuity import capital_recovery_factor
from gigawatt.finance.cashflow import source_shares
from gigawatt.finance.phasing import ITEM_GROUP, in_service_days
from gigawatt.schedule.templates import DAYS_PER_MONTH

D = DAYS_PER_MONTH


def _last_draw_month(terms, share, months: int) -> np.ndarray:
    """Last month with a positive draw (months − 1 when nothing is drawn, as the monthly model)."""
    last = np.full(np.shape(share), -1.0)
    for x in terms:
        lump = x.f - x.s <= 1e-9
        month = np.where(lump, np.floor(x.s / D), np.ceil(x.f / D) - 1.0)
        last = np.where((x.amount * share > 0) & (month > last), month, last)
    return np.where(last < 0, months - 1.0, last)


def _restricted(terms, share, lo_day, hi_day, grid: mo.Grid) -> np.ndarray:
    """Moments of the draws share · Σ terms that fall in the days [lo, hi)."""
    acc = grid.sum()
    for x in terms:
        x.add_to(acc, share, lo_day, hi_day)
    return acc.moments()


def _lease(src, terms, share, end, grid: mo.Grid):
    """Rent moments and the amount owed at the end of one lease source."""
    from gigawatt.scenario import central

    i = float(central(src.rate_frac)) / 12.0
    n = max(1, round(float(central(src.tenor_years)) * 12))
    crf = capital_recovery_factor(i, n)
    rent = grid.sum()
    for x in terms:
        # cumulative draws at month edge m: F(mD) = clip((mD − s)/(f − s), 0, 1); rent of
        # month m: crf · (F(mD) − F((m − n)D)) · draws
        s, f = x.s, x.f
        k = crf * share * x.amount
        m_a = np.floor(s / D) + 1.0
        if x.lump:  # a step at m_a: rent for n months from it
            rent.sequence(k, 0.0, m_a, np.minimum(m_a + n, end))
            continue
        lump = f - s <= 1e-9
        width = np.where(lump, 1.0, f - s)
        m_b = np.where(lump, m_a, np.ceil(f / D))
        beta = np.where(lump, 0.0, k * D / width)
        for shift, sign in ((0.0, 1.0), (float(n), -1.0)):
            alpha = np.where(lump, 0.0, -k * (s + shift * D) / width)
            rent.sequence(sign * alpha, sign * beta, m_a + shift, np.minimum(m_b + shift, end))
            rent.sequence(sign * k, 0.0, m_b + shift, end)
    tail = _restricted(terms, share, np.maximum(end - n, 0) * D, end * D, grid)
    drawn_tail = tail[0].sum(axis=0)
    if i > 0:
        lg = np.log1p(i)
        late = np.exp(lg * (end - 1.0)) * mo.pv(tail, -lg)  # Σ D_k (1+i)^(E−1−k)
        owed = ((1.0 + i) ** n * drawn_tail - late) / ((1.0 + i) ** n - 1.0)
    else:
        c = 12.0 * np.arange(tail.shape[1])[:, None] + mo.CENTRE
        k_draws = np.sum(tail[1] + c * tail[0], axis=0)  # Σ k · D_k
        owed = drawn_tail * (1.0 - (end - 1.0) / n) + k_draws / n
    return 0.0, 0.0, rent.moments(), owed


def _debt(src, draws, cod, end, grid: mo.Grid):
    """Interest and principal moments and the amount owed at the end of one debt source;
    its balance at the commercial-operation month `cod` (interest capitalised)."""
    from gigawatt.scenario import central

    i = float(central(src.rate_frac)) / 12.0
    n = max(1, round(float(central(src.tenor_years)) * 12))
    lg = np.log1p(i)
    # Σ_k D_k (1+i)^(cod−k), exactly the draws when i = 0
    b = np.exp(lg * cod) * mo.pv(draws, -lg) if i > 0 else draws[0].sum(axis=0)
    m0, m1 = cod + 1.0, np.minimum(cod + n + 1.0, end)
    acc = grid.sum()
    acc.sequence(1.0, 0.0, m0, m1)
    ones = acc.moments()
    if src.amortization == "annuity":
        crf = capital_recovery_factor(i, n)
        if i > 0:
            g_n = (1.0 + i) ** n
            geo = mo.escalate(ones, lg) * np.exp(-lg * (cod + 1.0))  # (1+i)^τ, τ = m − cod − 1
            interest = (i * b / (g_n - 1.0)) * (g_n * ones - geo)
        else:
            interest = 0.0 * ones
        principal = b * crf * ones - interest
    elif src.amortization == "linear":
        acc = grid.sum()
        acc.sequence(i * b * (1.0 + (cod + 1.0) / n), -i * b / n, m0, m1)
        interest = acc.moments()
        principal = (b / n) * ones
    else:  # bullet
        interest = i * b * ones
        due = cod + n
        acc = grid.sum()
        acc.point(np.where(due < end, b, 0.0), np.minimum(due, end))
        principal = acc.moments()
    owed = b - principal[0].sum(axis=0)
    return interest, principal, b, owed


@dataclass
class Source:
    """One financing source's draws on the plans: its share of its groups' capex."""

    src: object
    groups: tuple
    share: np.ndarray
    terms: list
    draws: np.ndarray  # moments
    drawn: np.ndarray  # total


def financing_sources(terms, capex_of, group_total, econ, financing):
    """Each source's draws (its share of the assets it finances, as the monthly model; the
    moments of their capex from `capex_of(groups)`), the draws and fees of all sources, and
    the share of each group held by leases."""
    from gigawatt.scenario import central

    zeros = np.zeros_like(econ.gpu_count)
    shares, lease_share = source_shares(financing, group_total, zeros)
    out, draws, fees, drawn, fees_usd = [], 0.0, 0.0, zeros, zeros
    for src, groups, share in shares:
        mine = [x for x in terms if x.group in groups]
        total = sum(group_total[g] for g in groups)
        x = Source(src, groups, share, mine, share * capex_of(groups),
                   share * total)  # fmt: skip
        fee = float(central(src.upfront_fee_frac))
        draws, fees = draws + x.draws, fees + fee * x.draws
        drawn, fees_usd = drawn + x.drawn, fees_usd + fee * x.drawn
        out.append(x)
    return out, {"draws": draws, "fees": fees, "drawn": drawn, "fees_usd": fees_usd,
                 "lease_share": lease_share}  # fmt: skip


def service_flows(t, sources: list[Source], end, months, grid: mo.Grid, leases: dict):
    """Debt service, interest and rent (moments), the amount owed at the end and the interest
    during construction; these move with commissioning, the lease flows (`leases`, by
    source, computed on the first call) do not."""
    zeros = np.zeros_like(end)
    out = {"service": None, "interest_rent": None, "owed": zeros, "idc": zeros}
    for number, x in enumerate(sources):
        if x.src.kind == "lease":
            if number not in leases:
                leases[number] = _lease(x.src, x.terms, x.share, end, grid)
            interest, principal, rent, owed = leases[number]
        else:
            cod_day = np.max(
                [in_service_days(k, t) for k, g in ITEM_GROUP.items() if g in x.groups], axis=0
            )
            cod = np.minimum(np.ceil(cod_day / D), months)
            last = _last_draw_month(x.terms, x.share, months)
            cod = np.clip(np.maximum(cod, last), 0, months - 1)
            interest, principal, b, owed = _debt(x.src, x.draws, cod, end, grid)
            rent = 0.0
            out["idc"] = out["idc"] + b - x.drawn
        out["service"] = plus(out["service"], interest, principal, rent)
        out["interest_rent"] = plus(out["interest_rent"], interest, rent)
        out["owed"] = out["owed"] + owed
    for key in ("service", "interest_rent"):
        if out[key] is None:
            out[key] = np.zeros((mo.NP, grid.years, end.size))
    return out


def plus(total, *terms):
    """total + terms in order, scalar zeros (no debt, no rent) skipped; total None: empty.
    The arguments are not changed: the first sum is a new array, the next are added into it."""
    fresh = False  # total is an array made here
    for x in terms:
        if not (np.ndim(x) or x != 0):
            continue
        if total is None:
            total = x
        elif fresh and np.shape(total) == np.broadcast_shapes(np.shape(total), np.shape(x)):
            total += x
        else:
            total = total + x
            fresh = isinstance(total, np.ndarray)
    return total

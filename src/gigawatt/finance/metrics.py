"""Investment metrics on cash-flow arrays (time on axis 0, plans after it): NPV, IRR,
payback, minimum DSCR. Each equals numpy-financial on a single series (tests check it);
these versions take many plans at once.
"""

from __future__ import annotations

import numpy as np


def npv(rate_frac, cash_flows_usd):
    """Net present value, the first flow undiscounted (numpy-financial's convention).

    npv = Σ_t cash_flows_usd[t] / (1 + rate_frac)^t

    Parameters
    ----------
    rate_frac : numeric
        Discount rate per period [1].
    cash_flows_usd : array
        Flows per period, time on axis 0 [USD].

    Returns
    -------
    numeric
        [USD].

    References
    ----------
    .. [1] numpy-financial `npv(rate, values)`.
    """
    cf = np.asarray(cash_flows_usd, dtype=float)
    t = np.arange(cf.shape[0]).reshape((-1,) + (1,) * (cf.ndim - 1))
    return np.sum(cf * np.exp(-t * np.log1p(np.asarray(rate_frac, dtype=float))), axis=0)


def irr(cash_flows_usd, low_frac=-0.5, high_frac=1.0, rounds=6, points=33):
    """Internal rate of return per period: the rate at which the NPV is zero, for every plan
    at once (the first sign change of the NPV on a grid of rates, refined `rounds` times;
    NaN where the NPV does not change sign on [low, high]).

    irr = r such that Σ_t cash_flows_usd[t] / (1 + r)^t = 0

    Parameters
    ----------
    cash_flows_usd : array
        Flows per period, time on axis 0 [USD].
    low_frac, high_frac : float
        Bracket of the search [1].
    rounds : int
        Refinements; each divides the bracket by points − 1 (6 × 32: 1.4e-9) [count].
    points : int
        Rates per refinement [count].

    Returns
    -------
    numeric
        [1] per period.

    References
    ----------
    .. [1] numpy-financial `irr(values)` (which picks the root nearest 0 among the
       polynomial's real roots; for flows with one sign change the root is unique).
    """
    cf = np.asarray(cash_flows_usd, dtype=float)
    flat = cf.reshape(cf.shape[0], -1)
    t = np.arange(cf.shape[0]).reshape(-1, 1, 1)
    lo = np.full(flat.shape[1], float(low_frac))
    hi = np.full(flat.shape[1], float(high_frac))
    steps = np.linspace(0.0, 1.0, points).reshape(-1, 1)
    found = np.zeros(flat.shape[1], dtype=bool)
    for _ in range(rounds):
        rates = lo + (hi - lo) * steps  # (points, plan)
        value = np.sum(flat[:, None, :] * np.exp(-t * np.log1p(rates)[None]), axis=0)
        change = np.sign(value[1:]) != np.sign(value[:-1])
        found = change.any(axis=0)
        j = np.argmax(change, axis=0)
        cols = np.arange(flat.shape[1])
        lo, hi = rates[j, cols], rates[j + 1, cols]
    out = np.where(found, 0.5 * (lo + hi), np.nan).reshape(cf.shape[1:])
    return float(out) if out.ndim == 0 else out


def payback(cash_flows_usd, period_years):
    """Time until the cumulative cash flow turns non-negative for good (inf if never).

    payback = period_years · (1 + last t with Σ_{s≤t} cash_flows_usd[s] < 0)

    Parameters
    ----------
    cash_flows_usd : array
        Flows per period, time on axis 0 [USD].
    period_years : float
        Length of a period [yr].

    Returns
    -------
    numeric
        [yr].
    """
    cum = np.cumsum(np.asarray(cash_flows_usd, dtype=float), axis=0)
    neg = cum < 0
    n = cum.shape[0]
    last_neg = n - 1 - np.argmax(neg[::-1], axis=0)
    out = np.where(~neg.any(axis=0), 0.0, (last_neg + 1) * period_years)
    return np.where(neg[-1], np.inf, out)


def dscr_min(cfads_usd, debt_service_usd):
    """Lowest debt-service coverage over the periods with debt service (inf without debt).

    dscr_min = min over periods with debt_service_usd > 0 of cfads_usd / debt_service_usd

    Parameters
    ----------
    cfads_usd : array
        Cash flow available for debt service per period, time on axis 0 [USD].
    debt_service_usd : array
        Interest, principal and lease rent per period [USD].

    Returns
    -------
    numeric
        [1].
    """
    ds = np.asarray(debt_service_usd, dtype=float)
    has = ds > 1e-6 * np.maximum(np.max(np.abs(ds), axis=0, keepdims=True), 1.0)
    ratio = np.where(has, np.asarray(cfads_usd) / np.where(has, ds, 1.0), np.inf)
    return np.min(ratio, axis=0)

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


def irr(cash_flows_usd, low_frac=-0.5, high_frac=1.0, iterations=100):
    """Internal rate of return per period: the rate at which the NPV is zero (bisection on
    every plan at once; NaN where the NPV does not change sign on [low, high]).

    irr = r such that Σ_t cash_flows_usd[t] / (1 + r)^t = 0

    Parameters
    ----------
    cash_flows_usd : array
        Flows per period, time on axis 0 [USD].
    low_frac, high_frac : float
        Bracket of the search [1].
    iterations : int
        Bisection steps [count].

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
    lo = np.full(cf.shape[1:], low_frac)
    hi = np.full(cf.shape[1:], high_frac)
    f_lo = npv(lo, cf)
    f_hi = npv(hi, cf)
    ok = np.sign(f_lo) != np.sign(f_hi)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        f_mid = npv(mid, cf)
        left = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(left, mid, lo)
        f_lo = np.where(left, f_mid, f_lo)
        hi = np.where(left, hi, mid)
    out = np.where(ok, 0.5 * (lo + hi), np.nan)
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

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


def _npv_and_slope(cf: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(v) = Σ_t cf[t] v^t and dP/dv, per column (time on axis 0, plans on axis 1): powers
    of v for a few columns, Horner's rule in place (no time x plan temporaries) for many."""
    if cf.shape[1] <= 512:
        powers = np.cumprod(np.broadcast_to(v, cf.shape), axis=0) / v  # v^t
        t = np.arange(cf.shape[0]).reshape(-1, 1)
        return np.sum(cf * powers, axis=0), np.sum(cf[1:] * t[1:] * powers[:-1], axis=0)
    p = np.zeros_like(v)
    dp = np.zeros_like(v)
    for row in cf[::-1]:
        dp *= v
        dp += p
        p *= v
        p += row
    return p, dp


def _step(fn, cols, v, a, b, fa, tol: float = 0.0):
    """One Newton step on P(v) for the columns `cols`, kept inside the bracket [a, b] that
    is first narrowed by the sign of P(v) (bisection when the step leaves it); `done`: the
    step moved v by at most tol · v, or P(v) = 0."""
    p, dp = fn(cols, v)
    same = np.sign(p) == np.sign(fa)
    a, fa, b = np.where(same, v, a), np.where(same, p, fa), np.where(same, b, v)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = v - p / dp
    inside = (step >= np.minimum(a, b)) & (step <= np.maximum(a, b))
    new = np.where(p == 0, v, np.where(inside, step, 0.5 * (a + b)))
    done = (inside & (np.abs(step - v) <= tol * np.abs(v))) | (p == 0)
    return new, a, b, fa, done


def _newton_steps(fn, a: np.ndarray, b: np.ndarray, fa: np.ndarray, v: np.ndarray, steps: int):
    """`steps` Newton steps on every column at once, each kept inside the bracket [a, b]
    (bisection otherwise); no convergence test (a fixed cost per column)."""
    cols = np.arange(a.size)
    for _ in range(steps):
        v, a, b, fa, _ = _step(fn, cols, v, a, b, fa)
    return v


_STEPS = (0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06,
          0.08, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.0)  # fmt: skip
BRACKET_RATES = (0.0, *(x for r in _STEPS for x in (r, -r) if x > -1.0))
"""Rates per period at which the NPV is evaluated to bracket the IRR nearest zero."""


def _newton(fn, a: np.ndarray, b: np.ndarray, tol: float, max_iter: int, fa=None, v=None):
    """Root of P(v) in [a, b] (opposite signs at the ends), per column: Newton steps kept
    inside the bracket, bisection when a step leaves it. `fn(cols, v)` gives P and dP/dv of
    the columns `cols` at v; `fa`: P(a) if known; `v`: the first trial (default mid-bracket)."""
    fa = fn(np.arange(a.size), a)[0] if fa is None else fa
    v = 0.5 * (a + b) if v is None else v
    act = np.arange(a.size)
    for _ in range(max_iter):
        if not act.size:
            break
        v[act], a[act], b[act], fa[act], done = _step(fn, act, v[act], a[act], b[act], fa[act], tol)
        act = act[~done]
    return v


def ladder(low_frac: float = -0.5, high_frac: float = 1.0) -> np.ndarray:
    """The rates of `BRACKET_RATES` within [low, high], with both ends and zero, sorted."""
    inner = {r for r in BRACKET_RATES if low_frac < r < high_frac}
    return np.array(sorted(inner | {0.0, float(low_frac), float(high_frac)}))


def nearest_root(values: np.ndarray, rates: np.ndarray, fn, tol: float, max_iter: int):
    """Per plan, the root nearest zero of an NPV given at a ladder of rates: `values`
    (plan, rate) bracket the roots on each side of zero; Newton steps on v = 1/(1+r) (`fn`,
    as in `_newton`, over all plans; `max_iter` of them for every plan when `tol` is None)
    solve the innermost bracket of each side and the root nearer zero is kept; NaN where the
    NPV does not change sign on the ladder."""
    n = values.shape[0]
    v = 1.0 / (1.0 + rates)
    if np.isnan(values).any():
        sign = np.sign(values)
    else:  # the same signs in one byte each
        sign = (values > 0).view(np.int8) - (values < 0).view(np.int8)
    zero = int(np.nonzero(rates == 0.0)[0][0])
    change = sign[:, 1:] != sign[:, :-1]  # between rates j and j + 1
    out = np.full(n, np.nan)
    hit = sign[:, zero] == 0
    out[hit] = 0.0
    best = np.full(n, np.inf)
    sides = (
        (change[:, zero:], zero, False),  # first change above zero
        (change[:, :zero], 0, True),  # last change below zero
    )
    for part, offset, last in sides:
        if not part.shape[1]:
            continue
        j = (part.shape[1] - 1 - np.argmax(part[:, ::-1], axis=1)) if last else np.argmax(part, 1)
        has = part[np.arange(n), j] & ~hit  # (argmax is a change where the row has one)
        j = j + offset
        idx = np.nonzero(has)[0]
        if not idx.size:
            continue
        # the bracket in v, its NPVs from the ladder, and the secant through them to start
        va, vb = v[j[idx]], v[j[idx] + 1]
        fa, fb = values[idx, j[idx]], values[idx, j[idx] + 1]
        start = va - fa * (vb - va) / (fb - fa)
        swap = va > vb
        lo, hi = np.where(swap, vb, va), np.where(swap, va, vb)
        f_lo = np.where(swap, fb, fa)

        def fit(cols, x, idx=idx):  # (the same index array while every column is solved)
            return fn(idx if cols.size == idx.size else idx[cols], x)

        if tol is None:
            root = 1.0 / _newton_steps(fit, lo, hi, f_lo, start, max_iter) - 1.0
        else:
            root = 1.0 / _newton(fit, lo, hi, tol, max_iter, f_lo, start) - 1.0
        nearer = np.abs(root) < best[idx]
        out[idx[nearer]] = root[nearer]
        best[idx[nearer]] = np.abs(root[nearer])
    return out


def irr(cash_flows_usd, low_frac=-0.5, high_frac=1.0, tol=1e-13, max_iter=60):
    """Internal rate of return per period: the rate at which the NPV is zero, for every plan
    at once (the root nearest zero: the NPV on a ladder of rates within [low, high] brackets
    the roots on each side of zero; Newton steps on v = 1/(1+r), kept inside the bracket,
    solve the innermost bracket of each side and the root nearer zero is kept; NaN where the
    NPV does not change sign on [low, high]).

    irr = r such that Σ_t cash_flows_usd[t] / (1 + r)^t = 0

    Parameters
    ----------
    cash_flows_usd : array
        Flows per period, time on axis 0 [USD].
    low_frac, high_frac : float
        Range searched [1].
    tol : float
        Stop when a Newton step moves v by less than tol · v [1].
    max_iter : int
        Most Newton/bisection steps [count].

    Returns
    -------
    numeric
        [1] per period.

    References
    ----------
    .. [1] numpy-financial `irr(values)` (the real root of the NPV polynomial nearest zero;
       for flows with one sign change the root is unique).
    """
    cf = np.asarray(cash_flows_usd, dtype=float)
    flat = np.ascontiguousarray(cf.reshape(cf.shape[0], -1))
    rates = ladder(low_frac, high_frac)
    v = 1.0 / (1.0 + rates)
    values = flat.T @ (v[None, :] ** np.arange(flat.shape[0])[:, None])  # (plan, rate)
    out = nearest_root(
        values, rates, lambda cols, x: _npv_and_slope(flat[:, cols], x), tol, max_iter
    ).reshape(cf.shape[1:])
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

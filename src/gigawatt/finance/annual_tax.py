"""Income tax with losses carried forward on yearly moments (the fast path's taxes).

The monthly model taxes rate · Δ max(0, running max of the cumulative taxable income)
(`cashflow.taxes_usd`): a peak within a year that losses later in the same year undo is
taxed, which yearly sums do not see. Here each year's months are rebuilt from its moments
M_0, M_1 as a line, and the running maximum is taken on them (`taxes_of_moments`).
"""

from __future__ import annotations

import numpy as np

from gigawatt.arrays import running, serial_matmul
from gigawatt.finance.moments import CENTRE, NP

_J = np.arange(12.0)  # the months of a year
_MONTHS = (_J[:, None] - CENTRE) ** np.arange(NP)  # (j − c)^p (12, p)


def _rise(k, alpha, beta, n):
    """Cumulative amount of the first k months of a line of n months (k ≤ n) with mean
    alpha and slope beta per month: f(k) = (β/2)k² + (α − βn/2)k."""
    return (0.5 * beta * k + (alpha - 0.5 * beta * n)) * k


def year_line(m0, m1, lo, count):
    """Mean α and slope β of the least-squares line through the `count` months from `lo`
    of a year (none outside them) with moments M_0 and M_1 about its centre c:

        â_j = α + β(j − c'), α = M_0/n, c' = lo + (n − 1)/2,
        β = (M_1 − M_0(c' − c)) / (n(n² − 1)/12)   (0 for one month)

    Parameters
    ----------
    m0, m1 : array
        [USD], [USD·month].
    lo, count : array
        First month of the flows in the year (0-11) and their number (1-12) [month].

    Returns
    -------
    tuple of array
        α [USD/month], β [USD/month²].
    """
    centre = lo + 0.5 * (count - 1.0)
    spread = count * (count * count - 1.0) / 12.0  # Σ (j − c')² over the months: 0 for one
    beta = np.where(spread > 0.0, m1 - m0 * (centre - CENTRE), 0.0) / np.maximum(spread, 0.5)
    return m0 / count, beta


def line_through_months(alpha, beta, lo, count) -> np.ndarray:
    """Cumulative amounts of a `year_line` through each month j = 0..11 (12, ...) [USD]."""
    return _rise(np.clip(_J[:, None] + 1.0 - lo, 0.0, count), alpha, beta, count)


def taxes_of_moments(taxable: np.ndarray, tax_rate_frac, first_month, end_month) -> np.ndarray:
    """Moments of the income tax with losses carried forward (`cashflow.taxes_usd`) on the
    monthly taxable income rebuilt from its yearly moments.

    tax_m = rate · Δ max(0, running max of Σ_{m' ≤ m} â_{m'});
    taxes_of_moments[p, y] = Σ_j tax_{12y+j} (j − c)^p

    â is the least-squares line through the months of each year that hold flows (from
    `first_month`, before `end_month`; `year_line`), from M_0 and M_1 alone
    (`moments.escalate` keeps the higher moments only to the order that weights need), and
    in the first year no higher than at its end (a line through a year that starts from
    nothing overshoots into a peak that is not there). The cumulative income is exact at
    every year end and follows the line within a year, so that a peak within a year, which
    losses later in the year undo, is taxed as in the monthly model (yearly sums do not see
    it): the peak of Σ_{k months} â is at the vertex k* = n/2 − α/β (β < 0). A year that
    starts at the high of the cumulative income and whose line has no month below zero is
    taxed in full, rate · its moments (after the first year); only the other years taxed
    are rebuilt month by month.

    Parameters
    ----------
    taxable : array
        Moments of the taxable income (4, year, plan) [USD].
    tax_rate_frac : array
        (plan,) or scalar [1].
    first_month, end_month : array
        The first month of the flows and the month after the last (plan,) [month].

    Returns
    -------
    array
        (4, year, plan) [USD].
    """
    _, years, n = taxable.shape
    m0, m1 = taxable[0], taxable[1]
    start = np.zeros((years, n))  # cumulative income before each year
    start[1:] = running(np.add, m0[:-1])
    end = np.asarray(end_month, float)
    first = np.clip(np.asarray(first_month, float), 0.0, end - 1.0)
    y12 = 12.0 * np.arange(years, dtype=float)[:, None]
    lo = np.clip(first - y12, 0.0, 12.0)
    count = np.clip(end - y12, 0.0, 12.0) - lo  # months of flows in each year
    count = np.maximum(count, 1.0)
    alpha, beta = year_line(m0, m1, lo, count)
    first_year = np.broadcast_to(y12 == 12.0 * np.floor(first / 12.0), beta.shape)
    with np.errstate(divide="ignore", invalid="ignore"):  # no peak within the first year
        vertex = np.where((beta < 0.0) & ~first_year, 0.5 * count - alpha / beta, 0.0)
    vertex = np.clip(vertex, 0.0, count)
    peak = np.maximum(np.maximum(m0, 0.0), _rise(np.floor(vertex), alpha, beta, count))
    np.maximum(peak, _rise(np.ceil(vertex), alpha, beta, count), out=peak)
    peak += start
    high = np.zeros((years + 1, n))  # the high before each year, and after the last
    high[1:] = running(np.maximum, np.maximum(peak, 0.0, out=peak))
    before, after = high[:-1], high[1:]
    rate = np.broadcast_to(np.asarray(tax_rate_frac, float), (n,))
    rising = alpha - 0.5 * np.abs(beta) * (count - 1.0) >= 0.0  # no month of the line < 0
    # at the high: to rounding (a year that ends at the high starts the next one there)
    at_high = start >= before - 1e-12 * (np.abs(before) + np.abs(m0))
    full = at_high & rising & ~first_year
    out = taxable * (full * rate)
    part = np.flatnonzero(~full & (after > before))
    if part.size:  # the years taxed in part, month by month
        cols = part % n
        cell = {"lo": lo, "n": count, "a": alpha, "b": beta, "s": start, "m0": m0, "h": before}
        c = {k: np.broadcast_to(v, (years, n)).reshape(-1)[part] for k, v in cell.items()}
        cum = c["s"] + line_through_months(c["a"], c["b"], c["lo"], c["n"])
        if first_year.any():  # no higher than the year's end in the first year
            cap = np.where(first_year.reshape(-1)[part], c["s"] + c["m0"], np.inf)
            np.minimum(cum, cap, out=cum)
        was = c["h"]
        np.maximum(cum[0], was, out=cum[0])
        for j in range(1, 12):
            np.maximum(cum[j], cum[j - 1], out=cum[j])
        paid = np.diff(cum, axis=0, prepend=was[None])
        paid *= rate[cols]
        # (cell, month) @ (month, p) in row blocks BLAS keeps on one thread (its threads spin)
        out.reshape(NP, -1)[:, part] = serial_matmul(paid.T, _MONTHS).T
    return out

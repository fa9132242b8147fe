"""Closed forms of checkpoint/restart goodput: Young/Daly intervals, first-order waste, the
exact exponential (Daly) efficiency, Kokolis's ETTR, and the spare-pool tail of an M/G/∞ repair
pipeline (Palm's theorem, Sherbrooke's backorders).

Notation: M job mean time between interruptions, δ blocking checkpoint write, R restart stall
(failure to resumed training, lost work excluded), τ checkpoint interval (compute between
checkpoints). All functions take numbers or numpy arrays and return the same.

References
----------
.. [1] J. W. Young, "A first order approximation to the optimum checkpoint interval",
   Comm. ACM 17(9):530-531, 1974. doi:10.1145/361147.361115
.. [2] J. T. Daly, "A higher order estimate of the optimum checkpoint interval for restart
   dumps", Future Generation Computer Systems 22(3):303-312, 2006.
   doi:10.1016/j.future.2004.11.016
.. [3] A. Kokolis et al., "Revisiting Reliability in Large-Scale Machine Learning Research
   Clusters", HPCA 2025, arXiv 2410.21680.
.. [4] C. C. Sherbrooke, "METRIC: A Multi-Echelon Technique for Recoverable Item Control",
   Operations Research 16(1):122-141, 1968. doi:10.1287/opre.16.1.122
"""

from __future__ import annotations

import math

import numpy as np


def young_interval(write_s, mtbf_s):
    """Young's optimum checkpoint interval.

    young_interval = sqrt(2 · write_s · mtbf_s)

    Parameters
    ----------
    write_s : numeric
        Blocking checkpoint write time δ [s] (any time unit, the same for both).
    mtbf_s : numeric
        Mean time between the failures that roll back to this checkpoint, M [s].

    Returns
    -------
    numeric
        Interval τ [s].

    References
    ----------
    .. [1] Young 1974, doi:10.1145/361147.361115
    """
    return np.sqrt(2.0 * np.asarray(write_s, dtype=float) * mtbf_s)


def daly_interval(write_s, mtbf_s):
    """Daly's higher-order optimum checkpoint interval (δ ≥ 2M gives τ = M).

    daly_interval = sqrt(2δM)·[1 + (1/3)·sqrt(δ/(2M)) + (1/9)·δ/(2M)] − δ   (δ < 2M), else M

    Parameters
    ----------
    write_s : numeric
        Blocking checkpoint write time δ [s].
    mtbf_s : numeric
        Mean time between failures M [s].

    Returns
    -------
    numeric
        Interval τ [s].

    References
    ----------
    .. [1] Daly 2006, Eq. (37), doi:10.1016/j.future.2004.11.016

    Examples
    --------
    Daly's worked examples (M = 24 h, 6 h, 15 min; δ = 5 min; he quotes 117, 57 and 9.1 min):

    >>> [round(float(daly_interval(5.0, m)), 1) for m in (1440.0, 360.0, 15.0)]
    [116.7, 56.7, 9.1]
    """
    d = np.asarray(write_s, dtype=float)
    m = np.asarray(mtbf_s, dtype=float)
    x = d / (2.0 * m)
    tau = np.sqrt(2.0 * d * m) * (1.0 + np.sqrt(x) / 3.0 + x / 9.0) - d
    return np.where(d < 2.0 * m, tau, m)


def first_order_waste_frac(interval_s, write_s, restart_s, mtbf_s):
    """First-order fraction of wall time wasted by checkpoints, lost work and restarts.

    first_order_waste_frac = δ/τ + (τ/2 + R)/M

    Valid when τ, δ and R are all much shorter than M.

    Parameters
    ----------
    interval_s : numeric
        Checkpoint interval τ [s].
    write_s : numeric
        Blocking checkpoint write δ [s].
    restart_s : numeric
        Restart stall R [s].
    mtbf_s : numeric
        Mean time between interruptions M [s].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] Young 1974; Daly 2006 (the low-order terms of Eq. 13).
    """
    return write_s / interval_s + (interval_s / 2.0 + restart_s) / mtbf_s


def restart_cycle_s(restart_s, mtbf_s):
    """Expected stall per interruption when failures during a restart start it again.

    restart_cycle_s = M · (exp(R/M) − 1)

    Parameters
    ----------
    restart_s : numeric
        Restart stall R without further failures [s].
    mtbf_s : numeric
        Mean time between interruptions M (failures keep arriving during restarts) [s].

    Returns
    -------
    numeric
        [s].

    References
    ----------
    .. [1] Daly 2006 §3 (the exp(R/M) factor of the restart term).
    """
    return mtbf_s * np.expm1(np.asarray(restart_s, dtype=float) / mtbf_s)


def daly_ettr_frac(interval_s, write_s, restart_s, mtbf_s):
    """Fraction of wall time that becomes kept work under exponential failures (exact).

    daly_ettr_frac = τ / (M · exp(R/M) · (exp((τ + δ)/M) − 1))

    Failures may strike during checkpoints and restarts; each rolls back to the last completed
    checkpoint. This is the expectation the stochastic simulation converges to.

    Parameters
    ----------
    interval_s : numeric
        Checkpoint interval τ (compute between checkpoints) [s].
    write_s : numeric
        Blocking checkpoint write δ [s].
    restart_s : numeric
        Restart stall R [s].
    mtbf_s : numeric
        Mean time between interruptions M [s].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] Daly 2006, Eq. (13): T_w = M·e^{R/M}·(e^{(τ+δ)/M} − 1)·T_s/τ.
    """
    tau = np.asarray(interval_s, dtype=float)
    return tau / (mtbf_s * np.exp(restart_s / mtbf_s) * np.expm1((tau + write_s) / mtbf_s))


def kokolis_ettr_frac(node_count, failure_rate_per_node_s, restart_s, interval_s, write_s):
    """Kokolis et al.'s expected ETTR of a job restarted from checkpoints (queue time dropped).

    kokolis_ettr_frac = (1 − N·r_f·(u0 + Δt/2)) / (1 + w/Δt)

    Parameters
    ----------
    node_count : numeric
        Nodes of the job N [count].
    failure_rate_per_node_s : numeric
        Failures per node per unit time r_f [1/s].
    restart_s : numeric
        Restart overhead u0 [s].
    interval_s : numeric
        Checkpoint interval Δt [s].
    write_s : numeric
        Checkpoint write w [s].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] Kokolis et al., HPCA 2025, arXiv 2410.21680 (model section; the paper reports it
       within 5 % of its Monte Carlo).
    """
    load = node_count * failure_rate_per_node_s * (restart_s + interval_s / 2.0)
    return (1.0 - load) / (1.0 + write_s / interval_s)


def kokolis_interval(node_count, failure_rate_per_node_s, write_s):
    """Kokolis et al.'s optimum checkpoint interval (Young's form in their notation).

    kokolis_interval = sqrt(2 · w / (N · r_f))

    Parameters
    ----------
    node_count : numeric
        [count].
    failure_rate_per_node_s : numeric
        [1/s].
    write_s : numeric
        [s].

    Returns
    -------
    numeric
        [s].

    References
    ----------
    .. [1] Kokolis et al., arXiv 2410.21680.
    """
    return np.sqrt(2.0 * write_s / (node_count * failure_rate_per_node_s))


def stall_union_frac(event_rate_per_s, stall_s):
    """Fraction of time inside at least one stall when each Poisson event stalls for s.

    stall_union_frac = 1 − exp(−λ · s)

    Parameters
    ----------
    event_rate_per_s : numeric
        Event rate λ [1/s].
    stall_s : numeric
        Stall per event s (overlapping stalls merge) [s].

    Returns
    -------
    numeric
        [1].
    """
    return -np.expm1(-np.asarray(event_rate_per_s, dtype=float) * stall_s)


# -- Poisson tails (numpy only: scipy.special would add ~0.4 s to every CLI start) --------------

_EXACT_MEAN = 40.0
"""Means up to this are summed exactly (over x < 200, where the tail beyond is below 1e-60)."""
_WINDOW = np.arange(200, dtype=float)


def _normal_cdf(z):
    """Standard normal CDF, Abramowitz & Stegun 7.1.26 for erfc (|error| < 1.5e-7)."""
    z = np.asarray(z, dtype=float)
    x = np.abs(z) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erfc = poly * np.exp(-x * x)
    return np.where(z >= 0, 1.0 - 0.5 * erfc, 0.5 * erfc)


def _exact_sum(k, mean, weight):
    """Σ_x weight(x, k)·pmf(x; mean) over x < 200, computed only where mean ≤ 40; the terms
    from x = μ_max + 10√μ_max + 30 on are left out (their sum is below 1e-25 of the mean:
    Chernoff, P(X ≥ x) ≤ e^{−μ}(eμ/x)^x, e^{−67} at μ = 40), so small means take few terms."""
    out = np.zeros(k.shape)
    small = mean <= _EXACT_MEAN
    if small.any():
        mu = np.maximum(mean[small], 1e-300)[:, None]
        top = float(mu.max())
        terms = min(_WINDOW.size, math.ceil(top + 10.0 * math.sqrt(top) + 30.0))
        x = _WINDOW[:terms]
        pmf = np.empty((mu.shape[0], terms))  # e^{−μ}, then pmf(x) = pmf(x − 1)·μ/x
        pmf[:, 0] = np.exp(-mu[:, 0])
        np.divide(mu, x[1:], out=pmf[:, 1:])
        np.cumprod(pmf, axis=1, out=pmf)
        out[small] = (pmf * weight(x, k[small][:, None])).sum(axis=-1)
    return out


def poisson_sf(k, mean):
    """P(Y > k) for Y ~ Poisson(mean), vectorised.

    poisson_sf = Σ_{x>k} e^{−μ} μ^x / x!   (exact for μ ≤ 40; Wilson–Hilferty above)

    The method depends on the mean only, so the result falls monotonically in k.

    Parameters
    ----------
    k : numeric
        Threshold (floored; negative gives 1) [count].
    mean : numeric
        Poisson mean μ [count].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] E. B. Wilson, M. M. Hilferty, "The distribution of chi-square", PNAS 17:684, 1931
       (P(Y ≥ k) = P(χ²_{2k} ≤ 2μ)). Abramowitz & Stegun 7.1.26 for the normal tail.
    """
    k, mean = np.broadcast_arrays(np.floor(np.asarray(k, dtype=float)), np.asarray(mean, float))
    exact = _exact_sum(k, mean, lambda x, kk: kk < x)
    mu = np.maximum(mean, 1e-300)
    kk = np.maximum(k + 1.0, 1.0)  # P(Y > k) = P(Y >= k + 1) = P(chi2_{2(k+1)} <= 2 mu)
    approx = _normal_cdf(3.0 * np.sqrt(kk) * (np.cbrt(mu / kk) - 1.0 + 1.0 / (9.0 * kk)))
    out = np.where(mean <= _EXACT_MEAN, exact, approx)
    return np.clip(np.where(k < 0, 1.0, out), 0.0, 1.0)


def poisson_backorders(k, mean):
    """Expected excess E[(Y − k)+] of Y ~ Poisson(mean) over a stock k, vectorised.

    poisson_backorders = Σ_{x>k} (x − k)·e^{−μ} μ^x / x!   (exact for μ ≤ 40; above,
        E[(X − k)+] for X = μ·(a + bZ)³, a = 1 − 1/(9μ), b = 1/(3√μ), Z standard normal)

    The cube-root-normal proxy (the Wilson–Hilferty form of the Poisson) has a closed-form
    excess through truncated-normal moments; it is within ~5 % near the mean, high in the far
    tail, and like the exact sum it falls monotonically in k.

    Parameters
    ----------
    k : numeric
        Stock [count].
    mean : numeric
        Poisson mean μ [count].

    Returns
    -------
    numeric
        [count].

    References
    ----------
    .. [1] Sherbrooke 1968 (METRIC), doi:10.1287/opre.16.1.122 (expected backorders);
       Wilson & Hilferty 1931 (cube-root normal).
    """
    k, mean = np.broadcast_arrays(np.floor(np.asarray(k, dtype=float)), np.asarray(mean, float))
    exact = _exact_sum(k, mean, lambda x, kk: np.maximum(x - kk, 0.0))
    mu = np.maximum(mean, 1e-300)
    a, b = 1.0 - 1.0 / (9.0 * mu), 1.0 / (3.0 * np.sqrt(mu))
    z0 = (np.cbrt(np.maximum(k, 0.0) / mu) - a) / b
    phi = np.exp(-0.5 * z0 * z0) / math.sqrt(2.0 * math.pi)
    q = 1.0 - _normal_cdf(z0)
    cube = (
        a**3 * q + 3 * a * a * b * phi + 3 * a * b * b * (z0 * phi + q) + b**3 * (z0 * z0 + 2) * phi
    )
    approx = np.maximum(mu * cube - k * q, 0.0)
    out = np.where(mean <= _EXACT_MEAN, exact, approx)
    return np.where(k < 0, mean - k, out)


def pool_shortfall(spare_units, demand_mean, demand_var):
    """Probability that units in repair exceed the spare pool, and the expected shortfall.

    pool_shortfall = (P(X > S), E[(X − S)+]) with X ≈ c·Poisson(m/c), c = var/m

    X is the number of units in repair: an M/G/∞ queue (Palm's theorem: Poisson with mean
    rate × mean repair time, whatever the repair-time distribution). Events that remove
    several units at once make X compound Poisson; a scaled Poisson with the same mean and
    variance stands in for it (exact when every event removes the same number of units).

    Parameters
    ----------
    spare_units : numeric
        Spare pool S [count].
    demand_mean : numeric
        Mean units in repair m [count].
    demand_var : numeric
        Variance of units in repair [count²].

    Returns
    -------
    tuple of numeric
        (probability [1], expected backorders [count]).

    References
    ----------
    .. [1] Sherbrooke 1968 (METRIC), doi:10.1287/opre.16.1.122
    """
    c, mu = pool_scale(demand_mean, demand_var)
    s = np.floor(np.asarray(spare_units, dtype=float) / c)
    return poisson_sf(s, mu), c * poisson_backorders(s, mu)


def pool_scale(demand_mean, demand_var):
    """Scale c = var/m (at least 1) and mean m/c of the scaled Poisson standing in for the
    units in repair (see `pool_shortfall`)."""
    m = np.asarray(demand_mean, dtype=float)
    var = np.asarray(demand_var, dtype=float)
    c = np.where(m > 0, np.maximum(var / np.maximum(m, 1e-300), 1.0), 1.0)
    return c, m / c

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

_EXACT_MAX = 64
_LOG_FACT = np.array([math.lgamma(k + 1.0) for k in range(_EXACT_MAX + 1)])


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


def poisson_sf(k, mean):
    """P(Y > k) for Y ~ Poisson(mean), vectorised.

    poisson_sf = 1 − Σ_{x≤k} e^{−μ} μ^x / x!   (exact for k ≤ 64; Wilson–Hilferty above)

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
    mu = np.maximum(mean, 1e-300)
    xs = np.arange(_EXACT_MAX + 1, dtype=float)
    logp = xs * np.log(mu)[..., None] - mu[..., None] - _LOG_FACT
    pmf = np.exp(logp) * (xs <= k[..., None])
    exact = 1.0 - pmf.sum(axis=-1)
    kk = np.maximum(k + 1.0, 1.0)  # P(Y > k) = P(Y >= k + 1) = P(chi2_{2(k+1)} <= 2 mu)
    z = 3.0 * np.sqrt(kk) * (np.cbrt(mu / kk) - 1.0 + 1.0 / (9.0 * kk))
    approx = _normal_cdf(z)
    out = np.where(k <= _EXACT_MAX, exact, approx)
    out = np.where(k < 0, 1.0, out)
    return np.clip(np.where(mean <= 0, (k < 0) * 1.0, out), 0.0, 1.0)


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
    .. [1] Sherbrooke 1968 (METRIC), doi:10.1287/opre.16.1.122 — expected backorders
       EBO(S) = μ·P(Y ≥ S) − S·P(Y ≥ S+1).
    """
    m = np.asarray(demand_mean, dtype=float)
    c = np.where(
        m > 0, np.maximum(np.asarray(demand_var, dtype=float) / np.maximum(m, 1e-300), 1.0), 1.0
    )
    mu = m / c
    s = np.floor(np.asarray(spare_units, dtype=float) / c)
    p_short = poisson_sf(s, mu)
    ebo = mu * poisson_sf(s - 1.0, mu) - s * poisson_sf(s, mu)
    return p_short, c * np.maximum(ebo, 0.0)

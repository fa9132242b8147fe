"""GPUs online over time: ramps per building, their integral, and when they reach a level.

Building k brings `g_k` GPUs online linearly from `a_k` (first rack installed and burned in)
over `d_k` days (its crew-limited installation). All functions take arrays with buildings on
axis 0 and anything (samples, plans) after it, and are exact (piecewise linear/quadratic).
"""

from __future__ import annotations

import numpy as np

_TINY = 1e-9


def _ramp(t, a, d):
    return np.clip((t - a) / np.maximum(d, _TINY), 0.0, 1.0)


def online_gpus(t, a, d, g):
    """GPUs online at time t.

    online_gpus = Σ_k g_k · clip((t − a_k) / d_k, 0, 1)

    Parameters
    ----------
    t : numeric
        Time [day], broadcastable against a[0].
    a, d : numeric
        Ramp start and duration per building (axis 0) [day].
    g : numeric
        GPUs per building (axis 0) [count].

    Returns
    -------
    numeric
        [count].
    """
    return np.sum(g * _ramp(np.asarray(t)[None], a, d), axis=0)


def cumulative_gpu_days(t, a, d, g):
    """GPU-days online from day 0 to t (the integral of `online_gpus`).

    cumulative_gpu_days = Σ_k g_k · R(t − a_k), R(x) = 0 (x ≤ 0), x²/(2d) (x < d), x − d/2

    Parameters
    ----------
    t : numeric
        [day].
    a, d : numeric
        Per building (axis 0) [day].
    g : numeric
        Per building (axis 0) [count].

    Returns
    -------
    numeric
        [GPU-day].
    """
    x = np.asarray(t)[None] - a
    dd = np.maximum(d, _TINY)
    r = np.where(x <= 0, 0.0, np.where(x < dd, x * x / (2 * dd), x - dd / 2))
    return np.sum(g * r, axis=0)


def _at(x, j):
    """x[j] along axis 0, with j an index array over the other axes."""
    return np.take_along_axis(x, j[None], 0)[0]


def _breakpoints(a, d, g):
    """Sorted ramp corners (2K, ...) and the online GPUs at each."""
    b = np.sort(np.concatenate([a, a + d], axis=0), axis=0)
    f = g[0] * _ramp(b, a[0], d[0])  # building by building: (2K, ...) temporaries, not K x 2K
    for k in range(1, a.shape[0]):
        f += g[k] * _ramp(b, a[k], d[k])
    return b, f


def time_to_reach(level, a, d, g):
    """First time the GPUs online reach `level` (inf if they never do).

    time_to_reach = min t such that online_gpus(t) ≥ level

    Parameters
    ----------
    level : numeric
        [count], broadcastable against a[0].
    a, d : numeric
        Per building (axis 0) [day].
    g : numeric
        Per building (axis 0) [count].

    Returns
    -------
    numeric
        [day].
    """
    shape = np.broadcast_shapes(a.shape[1:], np.shape(level))
    a, d, g = (np.broadcast_to(x, (a.shape[0], *shape)) for x in (a, d, g))
    b, f = _breakpoints(a, d, g)
    level = np.broadcast_to(np.asarray(level, dtype=float), shape)
    reached = f >= level[None] - 1e-9 * np.maximum(g.sum(axis=0), 1.0)  # rounding at corners
    j = np.argmax(reached, axis=0)
    never = ~reached.any(axis=0)
    jp = np.maximum(j - 1, 0)
    b1, b0, f1, f0 = _at(b, j), _at(b, jp), _at(f, j), _at(f, jp)
    slope = np.where(f1 > f0, (b1 - b0) / np.where(f1 > f0, f1 - f0, 1.0), 0.0)
    t = np.where(j == 0, b1, b0 + (level - f0) * slope)
    return np.where(never, np.inf, t)


def time_to_accumulate(t0, work_gpu_days, a, d, g):
    """When a job started at t0 on every GPU online (growing as GPUs arrive) has used
    `work_gpu_days` GPU-days.

    time_to_accumulate = min T such that cumulative_gpu_days(T) − cumulative_gpu_days(t0)
        ≥ work_gpu_days

    Parameters
    ----------
    t0 : numeric
        Start of the job [day].
    work_gpu_days : numeric
        GPU-days the job needs [GPU-day].
    a, d : numeric
        Per building (axis 0) [day].
    g : numeric
        Per building (axis 0) [count].

    Returns
    -------
    numeric
        [day].
    """
    with np.errstate(invalid="ignore"):  # a job that never starts (t0 = inf) never ends
        out = _accumulate(t0, work_gpu_days, a, d, g)
    return np.where(np.isfinite(out), out, np.inf)


def _accumulate(t0, work_gpu_days, a, d, g):
    shape = np.broadcast_shapes(a.shape[1:], np.shape(t0), np.shape(work_gpu_days))
    a, d, g = (np.broadcast_to(x, (a.shape[0], *shape)) for x in (a, d, g))
    t0 = np.broadcast_to(np.asarray(t0, dtype=float), shape)
    target = cumulative_gpu_days(t0, a, d, g) + np.broadcast_to(work_gpu_days, shape)
    if np.isfinite(a).all() and np.isfinite(d).all():
        # GPU-days at every corner by trapezoids: the GPUs online are linear between corners
        # (ramps of width max(d, tiny), as cumulative_gpu_days integrates them), none before
        b, f = _breakpoints(a, np.maximum(d, _TINY), g)
        cum = np.zeros_like(b)
        for j in range(1, b.shape[0]):  # (a loop: np.cumsum over axis 0 is slow)
            cum[j] = cum[j - 1] + 0.5 * (f[j] + f[j - 1]) * (b[j] - b[j - 1])
    else:
        b, f = _breakpoints(a, d, g)
        cum = cumulative_gpu_days(b, a[:, None], d[:, None], g[:, None])  # at every corner
    # segment j runs from b[j-1] to b[j]; after the last corner every GPU is online
    past = cum >= target[None]
    j = np.argmax(past, axis=0)
    after_all = ~past.any(axis=0)
    j = np.where(after_all, b.shape[0], j)
    jp = np.clip(j - 1, 0, b.shape[0] - 1)
    jn = np.minimum(j, b.shape[0] - 1)
    b0, f0, c0, b1, f1 = _at(b, jp), _at(f, jp), _at(cum, jp), _at(b, jn), _at(f, jn)
    total = g.sum(axis=0)
    q = np.where((j < b.shape[0]) & (b1 > b0), (f1 - f0) / np.where(b1 > b0, b1 - b0, 1.0), 0.0)
    rest = np.maximum(target - c0, 0.0)
    rate = np.where(after_all, total, f0)
    disc = np.sqrt(rate * rate + 2 * q * rest)
    tau = np.where(
        q > _TINY, (disc - rate) / np.where(q > _TINY, q, 1.0), rest / np.maximum(rate, _TINY)
    )
    start = np.where(j == 0, np.minimum(b0, t0), b0)
    return np.maximum(start + tau, t0)

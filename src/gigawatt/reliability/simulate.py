"""Seeded stochastic simulation of a training job's interruptions, vectorised in numpy.

No Python loop runs per failure or per GPU: replications are processed in chunks, and within a
chunk every array has one row per replication.

1. Interruptions form a Poisson process whose hardware part follows the hazard profile
   (lemons, infant mortality): exponential gaps in cumulative-hazard time, mapped to wall time
   through the piecewise-linear cumulative hazard of fine time bins (exact for a hazard that
   is constant within a bin). Each event's cause is drawn from the class mix of its bin.
2. The spare pool is kept per time bin: units removed (blast radius) and units returned after
   their repair (automatic or manual) are binned and accumulated; where the pool is negative
   the job is short of hardware.
3. Rolling-back events give the job's timeline directly: with R the restart stall plus any wait
   for a spare, the down time after event i is min(t_{i+1} − t_i, R) (an event during a restart
   starts it again) and the up time before it is what remains. Work accrues at 1/(1+σ) of wall
   time; an event loses the progress since the newest checkpoint of its recovery tier.
4. Replica events (replica strategy) stall every replica for s (overlapping stalls merge:
   min(gap, s) per event) and keep their replicas out for the rejoin time, or until a repaired
   unit returns when the pool is short.

Where both apply, the mean ETTR converges to `strategies.closed_form` (Daly's exponential model
in the simplest case); the replications give distributions (P10/P50/P90).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gigawatt.reliability.strategies import BREAKDOWN, CLASSES, HARDWARE, Model

MAX_BINS = 20_000
BIN_H = 0.25
"""Pool bookkeeping resolution: 15-minute bins (coarser for very long horizons)."""
CDF_CELLS = 4096
"""Cells of the class-lookup table (`_inverse_cdf`)."""
CHUNK_ELEMENTS = 1_500_000
"""Events held in memory at once (replications × events per replication)."""


@dataclass
class SimulationResult:
    """Per-replication results (arrays of length `replications`) and their summaries."""

    ettr: np.ndarray
    breakdown: dict[str, np.ndarray]
    time_to_train_days: np.ndarray
    completed: np.ndarray
    interruptions_per_day_by_cause: dict[str, float]
    lost_gpu_hours_by_cause: dict[str, float]
    mtti_h: np.ndarray
    horizon_days: float
    replications: int
    seed: int

    def percentiles(self, values: np.ndarray) -> dict[str, float]:
        p10, p50, p90 = np.percentile(values, [10, 50, 90])
        return {"p10": float(p10), "p50": float(p50), "p90": float(p90)}


def _scalar(x) -> float:
    a = np.asarray(x, dtype=float)
    if a.size != 1:
        raise ValueError("the simulation runs one scenario at a time (scalar inputs)")
    return float(a.reshape(()))


def _compact(mask: np.ndarray, arrays: dict[str, np.ndarray], fills: dict[str, float]):
    """Keep the masked events of each row, left-aligned (rows padded with `fills`)."""
    b = mask.shape[0]
    counts = mask.sum(axis=1)
    width = int(counts.max(initial=0))
    pos = np.cumsum(mask, axis=1) - 1
    rows, cols = np.nonzero(mask)
    out = {}
    for name, a in arrays.items():
        o = np.full((b, width), fills[name], dtype=a.dtype)
        o[rows, pos[rows, cols]] = a[rows, cols]
        out[name] = o
    valid = np.arange(width)[None, :] < counts[:, None]
    return out, valid


def _class_index(cls: np.ndarray) -> np.ndarray:
    """Flat (row, class) index of each event, for `_by_class`."""
    return (np.arange(cls.shape[0])[:, None] * len(CLASSES) + cls).ravel()


def _by_class(index: np.ndarray, weights: np.ndarray, rows: int) -> np.ndarray:
    """Per-row sums of `weights` by class: (rows, classes)."""
    n = len(CLASSES)
    return np.bincount(index, weights=weights.ravel(), minlength=rows * n).reshape(rows, n)


class _Setup:
    """Scalars and per-class tables shared by every chunk."""

    def __init__(self, m: Model, horizon_days: float, job_ideal_days: float):
        self.m = m
        self.horizon_h = 24.0 * horizon_days
        self.work_h = 24.0 * job_ideal_days
        nb = int(min(max(np.ceil(self.horizon_h / BIN_H), 1), MAX_BINS))
        self.nbins, self.dt = nb, self.horizon_h / nb
        edges = np.linspace(0.0, self.horizon_h, nb + 1)
        mid = 0.5 * (edges[1:] + edges[:-1])
        base = np.array([_scalar(r) for r in np.asarray(m.base_rate_per_h, float)])
        hz = np.asarray(m.hazard_at(mid), dtype=float) * np.ones(nb)
        l_hw = base[HARDWARE].sum() * hz
        l_ot = np.full(nb, base[~HARDWARE].sum())
        total = l_hw + l_ot
        self.edges = edges
        self.cum_hazard = np.concatenate([[0.0], np.cumsum(total * self.dt)])
        self.share_hw = np.where(total > 0, l_hw / np.where(total > 0, total, 1.0), 0.0)
        # Classes ordered hardware first; an event's uniform is mapped into this base mix.
        self.order = np.concatenate([np.nonzero(HARDWARE)[0], np.nonzero(~HARDWARE)[0]])
        self.base_cdf = np.cumsum(base[self.order]) / max(base.sum(), 1e-300)
        self.base_hw = base[HARDWARE].sum() / max(base.sum(), 1e-300)
        self.constant_hazard = bool(np.ptp(hz) == 0.0)
        self.base_cdf[-1] = np.inf  # every draw in [0, 1) falls in some class
        lower = np.arange(CDF_CELLS) / CDF_CELLS
        self.cell_class = np.searchsorted(self.base_cdf, lower, side="right")
        self.blast = np.array([_scalar(x) for x in np.asarray(m.blast_units, float)])
        self.hit = np.array([_scalar(x) for x in np.asarray(m.replicas_hit, float)])
        self.back = m.rolls_back
        self.planned = np.array([c.scope == "planned" for c in CLASSES])
        # repair time of each class when the automatic-repair draw succeeds / fails
        times = {
            "none": (0.0, 0.0),
            "auto": (m.auto_repair_h, m.auto_repair_h),
            "manual": (m.manual_repair_h, m.manual_repair_h),
            "mixed": (m.auto_repair_h, m.manual_repair_h),
        }
        self.repair_if_auto = np.array([_scalar(times[c.repair][0]) for c in CLASSES])
        self.repair_if_manual = np.array([_scalar(times[c.repair][1]) for c in CLASSES])
        self.tiers = tuple(m.tiers)
        tau = {t: _scalar(m.interval_h[t]) for t in self.tiers}
        self.tau_p = tau[m.primary_tier]
        self.tau_class = np.array([tau[t] if t is not None else np.inf for t in m.class_tier])
        self.deep = np.array([t is not None and t != m.primary_tier for t in m.class_tier])
        self.sigma = _scalar(m.stall_frac)
        self.restart_h = _scalar(m.restart_h)
        self.stall_h = _scalar(m.replica_stall_h)
        self.rejoin_h = _scalar(m.replica_rejoin_h)
        self.spares = _scalar(m.spare_units)
        self.auto_h = _scalar(m.auto_repair_h)
        self.manual_h = _scalar(m.manual_repair_h)
        self.auto_frac = _scalar(m.auto_repair_frac)
        self.job = _scalar(m.job_gpus)
        self.replicas = self.job / _scalar(m.replica_gpus)
        self.per_unit = _scalar(m.unit_gpus) / _scalar(m.replica_gpus)
        lam = self.cum_hazard[-1]
        self.kmax = int(np.ceil(lam + 8.0 * np.sqrt(lam) + 20.0))


def _inverse_cdf(s: _Setup, w: np.ndarray) -> np.ndarray:
    """Index i with cdf[i-1] <= w < cdf[i] (searchsorted 'right'), by table lookup: the
    class at each cell's lower edge, then a step up for the few draws past a boundary."""
    cls = s.cell_class[(w * CDF_CELLS).astype(np.int64)]
    last = len(s.base_cdf) - 1
    todo = np.nonzero((w >= s.base_cdf[cls]) & (cls < last))
    while todo[0].size:
        cls[todo] += 1
        sub = cls[todo]
        more = (w[todo] >= s.base_cdf[sub]) & (sub < last)
        todo = tuple(i[more] for i in todo)
    return cls


def _events(s: _Setup, rng: np.random.Generator, b: int):
    """Event times and classes, one row per replication (`valid` marks events within the
    horizon; the others sit at the horizon)."""
    lam = s.cum_hazard[-1]
    u = np.cumsum(rng.standard_exponential((b, s.kmax)), axis=1)
    short = u[:, -1] < lam
    while short.any():  # vanishingly rare: more events than kmax; extend those rows
        more = u[:, -1:] + np.cumsum(rng.standard_exponential((b, s.kmax)), axis=1)
        u = np.concatenate([u, more], axis=1)
        short = u[:, -1] < lam
    valid = u < lam
    np.minimum(u, lam, out=u)
    # a constant hazard makes the cumulative hazard linear in time
    t = u * (s.horizon_h / lam) if s.constant_hazard else np.interp(u, s.cum_hazard, s.edges)
    bins = (t * (1.0 / s.dt)).astype(np.int64)
    np.minimum(bins, s.nbins - 1, out=bins)
    w = rng.random(t.shape)
    if not s.constant_hazard:
        # an event is hardware with the share of its bin: map [0, sh) onto the base mix's
        # hardware part [0, a) and [sh, 1) onto the rest [a, 1)
        sh, a = s.share_hw[bins], s.base_hw
        w = np.where(
            w < sh,
            w / np.maximum(sh, 1e-300) * a,
            a + (w - sh) / np.maximum(1.0 - sh, 1e-300) * (1.0 - a),
        )
    cls = s.order[_inverse_cdf(s, w)]
    return t, cls, valid, bins


def _pool(s: _Setup, rng, t, cls, valid, bins):
    """Spare-pool level per bin (negative: units short) from removals and repair returns."""
    b = t.shape[0]
    units = np.where(valid, s.blast[cls], 0.0)
    auto = rng.random(t.shape) < s.auto_frac
    rep = np.where(auto, s.repair_if_auto[cls], s.repair_if_manual[cls])
    rows = np.arange(b)[:, None] * s.nbins
    out = np.bincount((rows + bins).ravel(), weights=units.ravel(), minlength=b * s.nbins).reshape(
        b, s.nbins
    )
    ret_bin = np.floor((t + rep) / s.dt)
    back = valid & (ret_bin < s.nbins)
    ret = np.bincount(
        (rows + np.where(back, ret_bin, 0).astype(np.int64)).ravel(),
        weights=np.where(back, units, 0.0).ravel(),
        minlength=b * s.nbins,
    ).reshape(b, s.nbins)
    level = s.spares - np.cumsum(out - ret, axis=1)
    return level, units, rep


def _waits(s: _Setup, level, t, bins, valid):
    """Wait for a repaired unit when an event finds the pool short (synchronous strategies)."""
    ok = level >= 0
    idx = np.where(ok, np.arange(s.nbins)[None, :], s.nbins)
    nxt = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]
    first_ok = np.take_along_axis(nxt, bins, axis=1)
    start = np.minimum(first_ok * s.dt, s.horizon_h)
    short = ~np.take_along_axis(ok, bins, axis=1)
    return np.where(valid & short, np.maximum(start - t, 0.0), 0.0)


def _rollback_timeline(s: _Setup, t, cls, wait, valid):
    """Up/down periods and work of the rolling-back events of each row.

    Rows hold events in time order; past its last event a row sits at the horizon, so those
    slots get no down time and no up time (the time after the last restart is `final_up`).
    """
    h = s.horizon_h
    if s.back.all():
        tt, c, ok = t, cls, valid
        stall = s.restart_h + wait
    else:
        ev, ok = _compact(
            valid & s.back[cls], {"t": t, "cls": cls, "wait": wait}, {"t": h, "cls": 0, "wait": 0.0}
        )
        tt, c = ev["t"], ev["cls"]
        stall = s.restart_h + ev["wait"]
    rows = tt.shape[0]
    nxt = np.concatenate([tt[:, 1:], np.full((rows, 1), h)], axis=1)
    down = np.minimum(nxt - tt, stall)  # 0 past the last event (both at the horizon)
    resume = tt + down
    prev_resume = np.concatenate([np.zeros((rows, 1)), resume[:, :-1]], axis=1)
    up = (tt - prev_resume) * ok  # past the last event: the final up time, counted apart
    n = ok.sum(axis=1)
    last_resume = np.take_along_axis(resume, np.maximum(n - 1, 0)[:, None], axis=1)[:, 0]
    last_resume = np.where(n > 0, last_resume, 0.0)
    final_up = np.maximum(h - last_resume, 0.0)
    prog = up * (1.0 / (1.0 + s.sigma))
    kept = s.tau_p * np.floor(prog * (1.0 / s.tau_p))
    deep = np.nonzero(ok & s.deep[c])
    if deep[0].size:  # rare: roll back to the newest checkpoint of a deeper tier
        base = np.cumsum(kept, axis=1) - kept  # restored progress before each event
        kept[deep] = prog[deep] - np.mod(base[deep] + prog[deep], s.tau_class[c[deep]])
    planned = np.nonzero(ok & s.planned[c])
    kept[planned] = prog[planned]  # maintenance drains at a checkpoint
    restart = np.minimum(down, s.restart_h)
    return {
        "t": tt,
        "cls": c,
        "ok": ok,
        "up": up,
        "down": down,
        "prog": prog,
        "kept": kept,
        "restart": restart,
        "wait": down - restart,
        "prev_resume": prev_resume,
        "final_up": final_up,
        "last_resume": last_resume,
    }


def _replica_losses(s: _Setup, t, cls, valid, level):
    """Replica strategy: merged global stalls, replicas out in transit, and backorders."""
    h = s.horizon_h
    ok = valid & ~s.back[cls]
    # a stall ends early at the next event of any kind: another replica stall merges with
    # it, and a rolling-back event stops the whole job anyway
    nxt = np.concatenate([t[:, 1:], np.full((t.shape[0], 1), h)], axis=1)
    stall = np.where(ok, np.minimum(nxt - t, s.stall_h), 0.0)
    transit = np.where(ok, s.hit[cls] * np.minimum(s.rejoin_h, h - t), 0.0)
    backorder = np.maximum(-level, 0.0).sum(axis=1) * s.dt * s.per_unit
    return stall, transit, backorder


def _chunk(s: _Setup, rng: np.random.Generator, b: int) -> dict[str, np.ndarray]:
    m, h, n_cls = s.m, s.horizon_h, len(CLASSES)
    t, cls, valid, bins = _events(s, rng, b)
    level, units, rep = _pool(s, rng, t, cls, valid, bins)
    sync = m.strategy != "replica"
    wait = _waits(s, level, t, bins, valid) if sync else np.zeros_like(t)
    tl = _rollback_timeline(s, t, cls, wait, valid)
    kept = tl["kept"].sum(axis=1) + tl["final_up"] / (1.0 + s.sigma)
    total_up = tl["up"].sum(axis=1) + tl["final_up"]
    f = {
        "kept": kept / h,
        "checkpoint_stall": total_up * s.sigma / (1.0 + s.sigma) / h,
        "lost_work": (tl["prog"] - tl["kept"]).sum(axis=1) / h,
        "restart": tl["restart"].sum(axis=1) / h,
        "spare_wait": tl["wait"].sum(axis=1) / h,
    }
    index = _class_index(cls)
    tl_index = index if tl["cls"] is cls else _class_index(tl["cls"])
    demand = _by_class(index, units * rep, b)
    demand_share = demand / np.maximum(demand.sum(axis=1, keepdims=True), 1e-300)
    shares = {
        "lost_work": _by_class(tl_index, tl["prog"] - tl["kept"], b),
        "restart": _by_class(tl_index, tl["restart"], b),
        "spare_wait": demand_share,
    }
    stall_frac = degraded = np.zeros(b)
    if not sync:
        stall, transit, backorder = _replica_losses(s, t, cls, valid, level)
        stall_frac = stall.sum(axis=1) / h
        degraded = np.minimum((transit.sum(axis=1) + backorder) / (s.replicas * h), 1.0)
        shares["replica_stall"] = _by_class(index, stall, b)
        shares["degraded"] = _by_class(index, transit, b) + demand_share * backorder[:, None]
    f["replica_stall"] = f["kept"] * stall_frac
    f["degraded"] = f["kept"] * (1.0 - stall_frac) * degraded
    ettr = f["kept"] * (1.0 - stall_frac) * (1.0 - degraded)
    ttt = _time_to_train(s, tl, ettr, (1.0 - stall_frac) * (1.0 - degraded))
    lost = np.zeros((b, n_cls + 1))
    for comp, share in shares.items():
        norm = share / np.maximum(share.sum(axis=1, keepdims=True), 1e-300)
        lost[:, :n_cls] += f[comp][:, None] * norm
    lost[:, n_cls] = f["checkpoint_stall"]
    run_h = np.where(np.isfinite(ttt), ttt * 24.0, h)
    lost *= (s.job * run_h)[:, None]
    counts = _by_class(index, valid.astype(float), b)
    return {
        "ettr": ettr,
        "ttt": ttt,
        "done": ttt * 24.0 <= h + 1e-9,
        "lost": lost,
        "counts": counts,
        "mtti": h / np.maximum(valid.sum(axis=1), 1),
        **{k: f[k] for k in BREAKDOWN},
    }


def _time_to_train(s: _Setup, tl, ettr, replica_rate) -> np.ndarray:
    """Days until the kept work reaches the job's failure-free time (extrapolated past the
    horizon at the replication's own ETTR)."""
    need = s.work_h / np.maximum(replica_rate, 1e-12)
    before = np.cumsum(tl["kept"], axis=1) - tl["kept"]
    reach = tl["ok"] & (before + tl["prog"] >= need[:, None])
    hit = reach.any(axis=1)
    i = np.argmax(reach, axis=1)[:, None]
    t_in = np.take_along_axis(tl["prev_resume"], i, axis=1)[:, 0] + (
        need - np.take_along_axis(before, i, axis=1)[:, 0]
    ) * (1.0 + s.sigma)
    kept_events = tl["kept"].sum(axis=1)
    t_final = tl["last_resume"] + (need - kept_events) * (1.0 + s.sigma)
    final_ok = kept_events + tl["final_up"] / (1.0 + s.sigma) >= need
    rate = np.maximum(ettr, 1e-12)
    t_extra = s.horizon_h + (s.work_h - ettr * s.horizon_h) / rate
    t = np.where(hit, t_in, np.where(final_ok, t_final, t_extra))
    return t / 24.0


def simulate(
    model: Model,
    job_ideal_days: float,
    horizon_days: float,
    replications: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate `replications` independent runs of `horizon_days` (scalar model inputs).

    The result depends only on the inputs and `seed` (chunks draw from spawned streams).
    `progress(done, total)` is called after each chunk of replications.
    """
    s = _Setup(model, float(horizon_days), float(job_ideal_days))
    per_chunk = max(1, min(replications, CHUNK_ELEMENTS // max(s.kmax, 1)))
    starts = list(range(0, replications, per_chunk))
    streams = np.random.SeedSequence(int(seed)).spawn(len(starts))
    parts = []
    for k, (start, stream) in enumerate(zip(starts, streams, strict=True)):
        b = min(per_chunk, replications - start)
        parts.append(_chunk(s, np.random.default_rng(stream), b))
        if progress is not None:
            progress(start + b, replications)
        del k
    cat = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    days = s.horizon_h / 24.0
    names = [c.name for c in CLASSES]
    by_cause = dict(zip(names, (cat["counts"].mean(axis=0) / days).tolist(), strict=True))
    lost = cat["lost"].mean(axis=0)
    lost_by_cause = dict(zip([*names, "checkpoint"], lost.tolist(), strict=True))
    return SimulationResult(
        ettr=cat["ettr"],
        breakdown={k: cat[k] for k in BREAKDOWN},
        time_to_train_days=cat["ttt"],
        completed=cat["done"],
        interruptions_per_day_by_cause=by_cause,
        lost_gpu_hours_by_cause=lost_by_cause,
        mtti_h=cat["mtti"],
        horizon_days=days,
        replications=replications,
        seed=int(seed),
    )

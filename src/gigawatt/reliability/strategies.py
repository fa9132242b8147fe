"""Recovery strategies and checkpoint tiers: how each interruption class costs time, and the
closed-form expected goodput of a job (vectorised over any broadcastable inputs).

Strategies:

- `restart`: every interruption stops the whole job; the scheduler finds replacement hosts
  among the campus's spares (cold: rescheduling and start-up), the job reloads its newest
  surviving checkpoint and redoes the work since.
- `spares`: as `restart`, but the replacement is a hot spare, booted and health-checked, so no
  rescheduling wait.
- `replica`: the data-parallel replica is the fault domain (TorchFT, FT-HSDP): a failure drops
  the affected replica(s); the others continue at reduced throughput after a short global stall,
  and the replica rejoins once its hardware is replaced. Only silent data corruption, which
  spreads through the gradient all-reduce, still rolls the whole job back.

Every strategy draws replacement hardware from one spare pool fed by a repair pipeline
(automatic repair, else manual); when the pool is empty, a synchronous job waits and a
replica-level job runs with fewer replicas.

Checkpoint tiers (fastest first): `peer` (a copy in a peer node's host memory), `local` (the
node's SSD), `remote` (the storage system). Each tier has its own blocking write and interval;
an interruption rolls back to the newest checkpoint of the fastest tier that survives it
(`rates.Category.tiers`). The finest tier in use sets the restore grid; work accrues at rate
1/(1+σ) with σ = Σ δ_j/τ_j the checkpoint stall fraction.

References
----------
.. [1] J. T. Daly, FGCS 22(3), 2006, doi:10.1016/j.future.2004.11.016 (exponential model).
.. [2] O. Salpekar et al., "Training LLMs with Fault Tolerant HSDP on 100,000 GPUs",
   arXiv 2602.00277, 2026 (replica-level fault domain; 10 -> 3 min stall, ETTR 44 -> 80 %).
.. [3] A. Moody et al., "Design, modeling, and evaluation of a scalable multi-level
   checkpointing system", SC 2010, doi:10.1109/SC.2010.18 (multi-level checkpoint tiers).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from gigawatt.reliability import closedform as cf
from gigawatt.reliability.rates import CATEGORIES, ZONE, Category, hazard_ratio

STRATEGIES = ("restart", "spares", "replica")
TIERS = ("peer", "local", "remote")
TIER_CHOICES = ("remote", "local+remote", "peer+remote", "peer+local+remote")
CLASSES: tuple[Category, ...] = (*CATEGORIES, ZONE)
HARDWARE = np.array([c.scope in ("hardware", "sdc") for c in CLASSES])
"""Classes whose rate follows the hardware hazard (lemons, infant mortality)."""
BREAKDOWN = (
    "checkpoint_stall",
    "lost_work",
    "restart",
    "spare_wait",
    "replica_stall",
    "degraded",
)
"""Components of 1 − ETTR."""


def enabled_tiers(checkpoint_tiers_name: str) -> tuple[str, ...]:
    """The tiers named in `checkpoint_tiers` ('peer+remote' -> ('peer', 'remote'))."""
    names = tuple(checkpoint_tiers_name.split("+"))
    if names not in [tuple(c.split("+")) for c in TIER_CHOICES]:
        raise ValueError(f"unknown checkpoint tiers {checkpoint_tiers_name!r}")
    return names


def rolls_back(strategy: str) -> np.ndarray:
    """Per class: does an interruption of this class roll the whole job back?"""
    if strategy == "replica":
        return np.array([c.global_in_replica for c in CLASSES])
    return np.ones(len(CLASSES), dtype=bool)


def recovery_tiers(strategy: str, checkpoint_tiers_name: str) -> tuple[list[str | None], str]:
    """Per class, the fastest enabled tier that survives it (None: no rollback); and the
    primary tier (the finest one that some rolling-back class recovers from)."""
    tiers = enabled_tiers(checkpoint_tiers_name)
    back = rolls_back(strategy)
    per_class: list[str | None] = []
    for c, b in zip(CLASSES, back, strict=True):
        per_class.append(next(t for t in tiers if t in c.tiers) if b else None)
    used = [t for t in TIERS if t in per_class]
    return per_class, (used[0] if used else tiers[-1])


def class_rates_per_h(
    shares, failure_rate_per_gpu_hour, zone_event_rate_per_gpu_hour, job_gpu_count, hazard
):
    """Job-level interruption rate of each class [1/h], shape (classes, *inputs).

    Λ_c = N · (λ · s_c + zone rate for the zone class) · (hazard for hardware classes)
    """
    lam = np.asarray(failure_rate_per_gpu_hour, dtype=float)
    zone = np.asarray(zone_event_rate_per_gpu_hour, dtype=float)
    job = np.asarray(job_gpu_count, dtype=float)
    hz = np.asarray(hazard, dtype=float)
    shape = np.broadcast_shapes(lam.shape, zone.shape, job.shape, hz.shape)
    col = (-1,) + (1,) * len(shape)
    calibrated = np.broadcast_to(
        np.asarray(shares, float).reshape(col) * lam, (len(shares), *shape)
    )
    per_gpu = np.concatenate([calibrated, np.broadcast_to(zone, shape)[None]])
    return per_gpu * job * np.where(HARDWARE.reshape(col), hz, 1.0)


@dataclass(frozen=True)
class Model:
    """Everything the closed form and the simulation need (numbers or broadcastable arrays).

    Times are in hours unless the name says otherwise. `base_rate_per_h` is the class rate at
    the calibration's hazard (the simulation applies `hazard_ratio` over time); `rate_per_h`
    is the rate averaged over the run (the closed form uses it).
    """

    strategy: str
    tiers: tuple[str, ...]
    class_tier: tuple[str | None, ...]
    primary_tier: str
    base_rate_per_h: Any
    rate_per_h: Any
    lemon_frac: Any
    lemon_rate_ratio: Any
    infant_mortality_ratio: Any
    infant_mortality_days: Any
    job_gpus: Any
    unit_gpus: Any
    spare_units: Any
    replica_gpus: Any
    blast_units: Any
    replicas_hit: Any
    restart_h: Any
    replica_stall_h: Any
    replica_rejoin_h: Any
    interval_h: dict[str, Any]
    write_h: dict[str, Any]
    auto_repair_h: Any
    manual_repair_h: Any
    auto_repair_frac: Any
    restart_h_by_strategy: dict[str, Any] = field(default_factory=dict)

    def with_strategy(self, strategy: str) -> Model:
        """The same campus under another strategy, at that strategy's optimal checkpoint
        intervals (tier routing and restart stall follow the strategy)."""
        tiers = "+".join(self.tiers)
        per_class, primary = recovery_tiers(strategy, tiers)
        restart = self.restart_h_by_strategy.get(strategy, self.restart_h)
        intervals = {
            t: optimal_interval_h(t, strategy, tiers, self.rate_per_h, self.write_h[t])
            for t in self.tiers
        }
        return replace(
            self,
            strategy=strategy,
            class_tier=tuple(per_class),
            primary_tier=primary,
            restart_h=restart,
            interval_h=intervals,
        )

    def with_spares(self, spare_units) -> Model:
        return replace(self, spare_units=spare_units)

    def hazard_at(self, time_h):
        return hazard_ratio(
            time_h,
            self.lemon_frac,
            self.lemon_rate_ratio,
            self.infant_mortality_ratio,
            self.infant_mortality_days,
        )

    @property
    def rolls_back(self) -> np.ndarray:
        return rolls_back(self.strategy)

    @property
    def mean_repair_h(self) -> np.ndarray:
        """Mean repair time of each class's hardware [h], shape (classes, *inputs)."""
        mixed = self.auto_repair_frac * self.auto_repair_h + (1 - self.auto_repair_frac) * (
            self.manual_repair_h
        )
        table = {
            "mixed": mixed,
            "auto": self.auto_repair_h,
            "manual": self.manual_repair_h,
            "none": 0.0,
        }
        return np.stack(np.broadcast_arrays(*[np.asarray(table[c.repair], float) for c in CLASSES]))

    @property
    def batch_ndim(self) -> int:
        """Dimensions of the inputs (per-class arrays have one more, leading)."""
        batch = [
            self.spare_units,
            self.job_gpus,
            self.unit_gpus,
            self.replica_gpus,
            self.restart_h,
            self.replica_stall_h,
            self.replica_rejoin_h,
            self.auto_repair_h,
            self.manual_repair_h,
            self.auto_repair_frac,
            *self.interval_h.values(),
            *self.write_h.values(),
        ]
        per_class = [np.ndim(self.rate_per_h) - 1, np.ndim(self.blast_units) - 1]
        return max([np.ndim(x) for x in batch] + per_class)

    @property
    def stall_frac(self):
        """σ = Σ_tiers δ_j/τ_j (checkpoint stall per unit of compute)."""
        return sum(np.asarray(self.write_h[t], float) / self.interval_h[t] for t in self.tiers)


def _classwise(values, nd: int) -> np.ndarray:
    """Per-class array (classes, *batch) reshaped to broadcast against nd-dimensional inputs."""
    a = np.asarray(values, dtype=float)
    return a.reshape((a.shape[0],) + (1,) * (nd - (a.ndim - 1)) + a.shape[1:])


def _safe_div(a, b):
    b = np.asarray(b, dtype=float)
    return np.where(b > 0, a / np.where(b > 0, b, 1.0), 0.0)


@dataclass
class Renewal:
    """The parts of the closed form that do not depend on the spare pool (`renewal`); with
    the pool's shortfall and backorders they give the ETTR (`ettr_with_pool`)."""

    nd: int
    rate: np.ndarray
    back: np.ndarray
    lam_g: Any
    f_kept: Any
    f_ckpt: Any
    f_restart: Any
    f_lost: Any
    p: Any
    lost_c: np.ndarray
    up: Any
    demand: np.ndarray
    repair: np.ndarray
    pool_mean: Any
    pool_var: Any
    replica: dict[str, Any] = field(default_factory=dict)

    def take(self, shape: tuple[int, ...], sel) -> Renewal:
        """What `ettr_with_pool` reads, broadcast to `shape`, flattened and indexed by `sel`."""

        def pick(x):
            return np.broadcast_to(x, shape).reshape(-1)[sel]

        return replace(
            self,
            f_kept=pick(self.f_kept),
            replica={k: pick(self.replica[k]) for k in _REPLICA_PER_INPUT if self.replica},
        )


_REPLICA_PER_INPUT = ("f_stall", "in_transit", "per_unit", "replicas")


def renewal(m: Model) -> Renewal:
    """Rolling-back classes (rate Λ_g): cycle = up time 1/Λ_g + restarts M·(e^{Λ_g R} − 1);
    kept work per cycle = τ_P/(e^{Λ_g τ_P (1+σ)} − 1) (restore grid of the primary tier P),
    less (τ_j − τ_P)/2 for classes restored from a deeper tier j, and the whole progress
    for planned events (they drain at a checkpoint); the spare pool's demand (units in
    repair, Palm); for the replica strategy its stall and the replicas in transit."""
    nd = m.batch_ndim
    rate = _classwise(m.rate_per_h, nd)
    back = m.rolls_back.reshape((-1,) + (1,) * nd)
    lam_g = np.sum(np.where(back, rate, 0.0), axis=0)
    sigma = m.stall_frac
    tau_p = np.asarray(m.interval_h[m.primary_tier], float)
    up = _safe_div(1.0, lam_g)  # mean up time per cycle
    prog = up / (1.0 + sigma)
    grid = _safe_div(tau_p, np.expm1(np.minimum(lam_g * tau_p * (1.0 + sigma), 700.0)))
    grid = np.where(lam_g > 0, grid, prog)
    kept_c, lost_c = [], []
    for i, c in enumerate(CLASSES):
        tier = m.class_tier[i]
        if tier is None:
            k = np.zeros_like(prog)
        elif c.scope == "planned":
            k = prog
        else:
            deep = np.asarray(m.interval_h[tier], float) - tau_p if tier != m.primary_tier else 0.0
            k = grid - deep / 2.0
        kept_c.append(k)
        lost_c.append(prog - k)
    p = _safe_div(np.where(back, rate, 0.0), lam_g)
    restart = _safe_div(np.expm1(np.minimum(lam_g * m.restart_h, 700.0)), lam_g)
    # Events during a restart (λ·restart of them per cycle) lose no new work, except that a
    # class restored from a deeper tier still rolls back to that tier's newest checkpoint.
    for i, tier in enumerate(m.class_tier):
        if tier is not None and tier != m.primary_tier:
            loss = lam_g * restart * np.asarray(m.interval_h[tier], float) / 2.0
            kept_c[i] = kept_c[i] - loss
            lost_c[i] = lost_c[i] + loss
    kept = np.sum(p * np.stack(kept_c), axis=0)
    cycle = up + restart
    f_kept = np.where(lam_g > 0, kept / np.where(cycle > 0, cycle, 1.0), 1.0 / (1.0 + sigma))
    f_ckpt = np.where(
        lam_g > 0, _safe_div(up * sigma / (1.0 + sigma), cycle), sigma / (1.0 + sigma)
    )
    f_restart = _safe_div(restart, cycle)
    f_kept = np.clip(f_kept, 0.0, 1.0 - f_ckpt - f_restart)
    f_lost = 1.0 - f_kept - f_ckpt - f_restart

    # Spare pool: units in repair ~ compound Poisson (Palm), vs the spare units.
    blast = _classwise(m.blast_units, nd)
    repair = _classwise(m.mean_repair_h, nd)
    demand = rate * blast
    out = Renewal(
        nd=nd,
        rate=rate,
        back=back,
        lam_g=lam_g,
        f_kept=f_kept,
        f_ckpt=f_ckpt,
        f_restart=f_restart,
        f_lost=f_lost,
        p=p,
        lost_c=np.stack(lost_c),
        up=up,
        demand=demand,
        repair=repair,
        pool_mean=np.sum(demand * repair, axis=0),
        pool_var=np.sum(demand * blast * repair, axis=0),
    )
    if m.strategy == "replica":
        rep = np.where(back, 0.0, rate)
        lam_r = np.sum(rep, axis=0)
        lam = np.sum(rate, axis=0)
        # a stall ends early at the next event of any kind (merged, or overtaken by a rollback)
        f_stall = _safe_div(lam_r, lam) * cf.stall_union_frac(lam, m.replica_stall_h)
        transit = rep * _classwise(m.replicas_hit, nd) * m.replica_rejoin_h
        out.replica = {
            "rep": rep,
            "lam_r": lam_r,
            "f_stall": f_stall,
            "replicas": np.asarray(m.job_gpus, float) / m.replica_gpus,
            # during a long shortage the job re-forms replicas from healthy units
            "per_unit": np.asarray(m.unit_gpus, float) / m.replica_gpus,
            "transit": transit,
            "in_transit": np.sum(transit, axis=0),
        }
    return out


def _degraded(r: Renewal, backorders):
    """Replica strategy: share of the replicas out (in transit, or waiting for spares)."""
    x = r.replica
    out_replicas = x["in_transit"] + backorders * x["per_unit"]
    return out_replicas, np.clip(_safe_div(out_replicas, x["replicas"]), 0.0, 1.0)


def ettr_with_pool(m: Model, r: Renewal, short, backorders):
    """ETTR given the pool's shortfall probability and expected backorders: a synchronous
    job stops while the pool is short, a replica-level job loses the replicas out."""
    if m.strategy == "replica":
        return r.f_kept * (1.0 - r.replica["f_stall"]) * (1.0 - _degraded(r, backorders)[1])
    return r.f_kept * (1.0 - short)


def closed_form(m: Model, r: Renewal | None = None, per_class: bool = True) -> dict[str, Any]:
    """Expected ETTR and its breakdown (renewal-reward over restart cycles, Poisson failures).

    `renewal` holds the cycle: rolling-back classes (rate Λ_g) give kept work, checkpoint
    stalls, lost work and restarts per cycle. Synchronous strategies also stop while the
    spare pool is short: P(units in repair > spares). Replica strategy: each replica event
    stalls everyone for s (union 1 − e^{−Λ_r s}) and takes its replicas out for the rejoin
    time, plus the pool's expected backorders.

    Returns a dict: `ettr_frac`, one entry per `BREAKDOWN` component (fractions of wall time;
    with `ettr_frac` they sum to 1), `per_class_loss` (classes, ...) fractions of wall time by
    cause (only if `per_class`), `pool_short_frac`, `backorder_units`, `mtti_h`.
    `r`: `renewal(m)` if known.
    """
    r = renewal(m) if r is None else r
    short, backorders = cf.pool_shortfall(m.spare_units, r.pool_mean, r.pool_var)
    f_kept, f_ckpt, f_restart, f_lost = r.f_kept, r.f_ckpt, r.f_restart, r.f_lost
    zeros = np.zeros_like(f_kept)
    ettr = ettr_with_pool(m, r, short, backorders)
    if m.strategy == "replica":
        x = r.replica
        degraded = _degraded(r, backorders)[1]
        base = f_kept
        out = {
            "checkpoint_stall": f_ckpt,
            "lost_work": f_lost,
            "restart": f_restart,
            "spare_wait": zeros,
            "replica_stall": base * x["f_stall"],
            "degraded": base * (1.0 - x["f_stall"]) * degraded,
        }
    else:
        keep = 1.0 - short
        out = {
            "checkpoint_stall": f_ckpt * keep,
            "lost_work": f_lost * keep,
            "restart": f_restart * keep,
            "spare_wait": short,
            "replica_stall": zeros,
            "degraded": zeros,
        }
    if per_class:
        per_class_loss = _per_class_loss(m, r, out, short, backorders)
    out = {k: np.asarray(v, dtype=float) + zeros for k, v in out.items()}
    out["ettr_frac"] = np.asarray(ettr, dtype=float)
    if per_class:
        out["per_class_loss"] = per_class_loss
    out["pool_short_frac"] = np.asarray(short, float)
    out["backorder_units"] = np.asarray(backorders, float)
    out["mtti_h"] = _safe_div(1.0, np.sum(r.rate, axis=0)) + zeros
    out["rollback_mtti_h"] = r.up + zeros
    return out


def _per_class_loss(m: Model, r: Renewal, out: dict[str, Any], short, backorders) -> np.ndarray:
    """Fractions of wall time lost by cause (classes, ...): each component of the breakdown
    shared among the classes that cause it."""
    p = r.p
    lost_share = _safe_div(p * r.lost_c, np.sum(p * r.lost_c, axis=0))
    restart_share = p
    wait_share = _safe_div(r.demand * r.repair, r.pool_mean)
    if m.strategy == "replica":
        x = r.replica
        out_replicas = _degraded(r, backorders)[0]
        stall_share = _safe_div(x["rep"], x["lam_r"])
        back_part = backorders * x["per_unit"]
        degraded_share = _safe_div(x["transit"] + wait_share * back_part, out_replicas)
        return (
            r.f_lost * lost_share
            + r.f_restart * restart_share
            + out["replica_stall"] * stall_share
            + out["degraded"] * degraded_share
        )
    return out["lost_work"] * lost_share + out["restart"] * restart_share + short * wait_share


def optimal_interval_h(tier: str, strategy: str, checkpoint_tiers_name: str, rate_per_h, write_h):
    """Optimal interval of one tier: Daly for the primary tier (every rollback restarts its
    grid), Young for a deeper tier (only the classes it restores cost it). Infinite (never)
    when the tier is not enabled; capped at one week when no class needs the tier."""
    if tier not in enabled_tiers(checkpoint_tiers_name):
        return np.full(np.shape(write_h), np.inf) if np.ndim(write_h) else np.inf
    per_class, primary = recovery_tiers(strategy, checkpoint_tiers_name)
    rate = np.asarray(rate_per_h, dtype=float)
    back = rolls_back(strategy).reshape((-1,) + (1,) * (rate.ndim - 1))
    if tier == primary:
        lam = np.sum(np.where(back, rate, 0.0), axis=0)
        mtbf = _safe_div(1.0, lam)
        tau = np.where(lam > 0, cf.daly_interval(write_h, np.where(lam > 0, mtbf, 1.0)), np.inf)
    else:
        mine = np.array([t == tier for t in per_class]).reshape(back.shape)
        lam = np.sum(np.where(mine, rate, 0.0), axis=0)
        tau = np.where(lam > 0, cf.young_interval(write_h, _safe_div(1.0, lam)), np.inf)
    week_h = 7 * 24.0
    return np.minimum(np.maximum(tau, 1e-6), week_h)

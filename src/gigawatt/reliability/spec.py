"""The reliability sub-model's result: closed-form goodput of the chosen strategy with its
breakdown by component and cause, the other strategies for comparison, the spare fraction a
target ETTR needs, and plain-language warnings for the planner."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np

from gigawatt.reliability import closedform as cf
from gigawatt.reliability.rates import category_shares
from gigawatt.reliability.strategies import (
    BREAKDOWN,
    CLASSES,
    STRATEGIES,
    Model,
    Renewal,
    class_rates_per_h,
    closed_form,
    enabled_tiers,
    ettr_with_pool,
    recovery_tiers,
    renewal,
)

SPARE_GRID = np.linspace(0.0, 0.5, 201)
"""Hot-spare fractions searched for the target ETTR (0 to 50 % in 0.25 % steps)."""
FULL_GRID_ELEMENTS = 50_000
"""Up to this many (inputs x grid) points the spare search evaluates the grid in one call."""
POOL_SHORT_OK = 0.01
"""A spare pool empty less than this share of the time counts as stocked (OWN threshold)."""


@dataclass(eq=False)
class ReliabilitySpec:
    """Closed-form reliability results (numbers, or arrays when the inputs are arrays).

    What the graph reads (ETTR, breakdown, MTTI, the spare fraction a target needs) is
    computed at once; what only reports and warnings read (losses and interruptions by cause,
    the other strategies, the spare fraction that keeps the pool stocked, the warnings) is
    computed on first use, so a large array evaluation does not pay for it.
    """

    model: Model
    ettr_frac: Any
    breakdown: dict[str, Any]
    target_ettr_frac: Any
    required_hot_spare_frac: Any
    pool_short_frac: Any
    job_mtti_h: Any
    rollback_mtti_h: Any
    run_days: Any
    renewal: Renewal | None = field(repr=False, default=None)

    def __str__(self) -> str:
        e = np.asarray(self.ettr_frac)
        text = f"{e:.3f}" if e.ndim == 0 else f"{e.size} values"
        return f"reliability ({self.model.strategy}, ETTR {text})"

    @cached_property
    def _renewal(self) -> Renewal:
        return self.renewal if self.renewal is not None else renewal(self.model)

    @cached_property
    def interruption_count_per_day_by_cause(self) -> dict[str, Any]:
        rate = np.asarray(self.model.rate_per_h, float)
        return {c.name: 24.0 * rate[i] for i, c in enumerate(CLASSES)}

    @cached_property
    def lost_gpu_hours_by_cause(self) -> dict[str, Any]:
        gpu_hours = self.run_days * 24.0 * np.asarray(self.model.job_gpus, float)
        per_class = closed_form(self.model, self._renewal)["per_class_loss"]
        lost = {c.name: _times(per_class[i], gpu_hours) for i, c in enumerate(CLASSES)}
        lost["checkpoint"] = _times(self.breakdown["checkpoint_stall"], gpu_hours)
        return lost

    @cached_property
    def _by_strategy(self) -> dict[str, dict[str, Any]]:
        m = self.model
        mine = {"ettr_frac": self.ettr_frac, "restart": self.breakdown["restart"]}
        return {s: mine if s == m.strategy else closed_form(m.with_strategy(s)) for s in STRATEGIES}

    @cached_property
    def ettr_by_strategy(self) -> dict[str, Any]:
        return {s: r["ettr_frac"] for s, r in self._by_strategy.items()}

    @cached_property
    def restart_frac_by_strategy(self) -> dict[str, Any]:
        return {s: r["restart"] for s, r in self._by_strategy.items()}

    @cached_property
    def stocked_hot_spare_frac(self) -> Any:
        return _spare_search(self.model, self._renewal, None, "stocked")

    @cached_property
    def warnings(self) -> list[str]:
        return warnings(self) if np.ndim(self.ettr_frac) == 0 else []


def _spare_search(model: Model, r: Renewal, target, which: str) -> Any:
    """Smallest hot-spare fraction (of the job, on `SPARE_GRID`) whose closed-form ETTR
    reaches the target (`which` = "target"), or that keeps the spare pool empty less than 1 %
    of the time ("stocked"); infinite: none up to 50 %. Only the pool changes with the spares,
    so each trial evaluates its Poisson tail (or backorders) on the spare-free parts `r`.
    Small inputs evaluate the whole grid at once. Large arrays check no spares and 50 %
    first; the inputs between (met only with some spares) are bisected, 8 steps (both
    criteria improve monotonically with spares)."""
    job_units = np.asarray(model.job_gpus, float) / model.unit_gpus
    c, mu = cf.pool_scale(r.pool_mean, r.pool_var)
    replica_target = which == "target" and model.strategy == "replica"
    goal = None if target is None else np.asarray(target, float) - 1e-12

    def ok(index, job_units, c, mu, r, goal):
        s = np.floor(np.floor(SPARE_GRID[index] * job_units) / c)
        if replica_target:
            return ettr_with_pool(model, r, None, c * cf.poisson_backorders(s, mu)) >= goal
        short = cf.poisson_sf(s, mu)
        if which == "target":
            return ettr_with_pool(model, r, short, None) >= goal
        return short <= POOL_SHORT_OK

    ettr_shape = np.shape(ettr_with_pool(model, r, 0.0, 0.0))
    shape = np.broadcast_shapes(np.shape(job_units), ettr_shape, np.shape(mu), np.shape(goal))
    top = len(SPARE_GRID) - 1
    if int(np.prod(shape)) * len(SPARE_GRID) <= FULL_GRID_ELEMENTS:  # one call on the grid
        index = np.arange(len(SPARE_GRID)).reshape((-1,) + (1,) * len(shape))
        good = np.broadcast_to(ok(index, job_units, c, mu, r, goal), (top + 1, *shape))
        return np.where(good.any(axis=0), SPARE_GRID[np.argmax(good, axis=0)], np.inf)
    size = int(np.prod(shape))
    flat = [np.broadcast_to(x, shape).reshape(-1) for x in (job_units, c, mu)]
    flat.append(r.take(shape, slice(None)))
    flat.append(None if goal is None else np.broadcast_to(goal, shape).reshape(-1))
    out = np.full(size, np.inf)
    none_needed = ok(0, *flat)
    out[none_needed] = 0.0
    todo = np.nonzero(ok(top, *flat) & ~none_needed)[0]
    part = [x[todo] for x in flat[:3]]
    part += [r.take(shape, todo), None if goal is None else flat[4][todo]]
    lo, hi = np.zeros(todo.size, dtype=int), np.full(todo.size, top)
    while np.any(hi - lo > 1):
        mid = (lo + hi) // 2  # every element takes the same 8 steps
        good = ok(mid, *part)
        hi, lo = np.where(good, mid, hi), np.where(good, lo, mid)
    out[todo] = SPARE_GRID[hi]
    return out.reshape(shape)


def _times(share, gpu_hours):
    """share · gpu_hours, with 0 · ∞ = 0 (a cause that loses nothing on an endless run)."""
    share = np.asarray(share, float)
    return np.where(share > 0, share * np.where(share > 0, gpu_hours, 0.0), 0.0)


def model_of(
    reliability_strategy_name,
    checkpoint_tiers_name,
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    hazard_mean_ratio,
    lemon_frac,
    lemon_rate_ratio,
    infant_mortality_ratio,
    infant_mortality_days,
    job_gpu_count,
    spare_gpu_count,
    fault_unit_gpus,
    scaleup_domain_gpus,
    switch_blast_gpus,
    zone_gpus,
    replica_gpu_count,
    restart_minutes,
    reschedule_s,
    spare_swap_s,
    replica_stall_s,
    replica_rejoin_s,
    checkpoint_interval_minutes,
    remote_checkpoint_write_s,
    peer_checkpoint_interval_minutes,
    peer_checkpoint_write_s,
    local_checkpoint_interval_minutes,
    local_checkpoint_write_s,
    auto_repair_h,
    manual_repair_h,
    auto_repair_frac,
) -> Model:
    """The closed form's model of the inputs of `reliability_spec` (its parameters, but the
    target ETTR and the ideal run days)."""
    strategy = reliability_strategy_name
    per_class, primary = recovery_tiers(strategy, checkpoint_tiers_name)
    shares = category_shares(failure_data_spec)
    base = class_rates_per_h(
        shares, failure_rate_per_gpu_hour, zone_event_rate_per_gpu_hour, job_gpu_count, 1.0
    )
    rate = class_rates_per_h(
        shares,
        failure_rate_per_gpu_hour,
        zone_event_rate_per_gpu_hour,
        job_gpu_count,
        hazard_mean_ratio,
    )
    unit = np.asarray(fault_unit_gpus, float)
    blast_gpus = {
        "unit": unit,
        "domain": np.maximum(unit, scaleup_domain_gpus),
        "leaf": switch_blast_gpus,
        "zone": zone_gpus,
        "none": 0.0,
    }
    gpus = [np.asarray(blast_gpus[c.blast], float) for c in CLASSES]
    blast = np.stack(
        np.broadcast_arrays(*[np.ceil(np.maximum(g / unit - 1e-9, 0.0)) for g in gpus])
    )
    hit = np.stack(
        np.broadcast_arrays(
            *[
                np.maximum(1.0, np.ceil(g / np.asarray(replica_gpu_count, float) - 1e-9))
                for g in gpus
            ]
        )
    )
    intervals = {
        "remote": checkpoint_interval_minutes,
        "peer": peer_checkpoint_interval_minutes,
        "local": local_checkpoint_interval_minutes,
    }
    writes = {
        "remote": remote_checkpoint_write_s,
        "peer": peer_checkpoint_write_s,
        "local": local_checkpoint_write_s,
    }
    tiers = enabled_tiers(checkpoint_tiers_name)
    restart_h = np.asarray(restart_minutes, float) / 60.0
    swap = {"restart": reschedule_s, "spares": spare_swap_s, "replica": spare_swap_s}
    by_strategy = {
        s: np.maximum(restart_h + (np.asarray(swap[s], float) - swap[strategy]) / 3600.0, 0.0)
        for s in STRATEGIES
    }
    return Model(
        strategy=strategy,
        tiers=tiers,
        class_tier=tuple(per_class),
        primary_tier=primary,
        base_rate_per_h=base,
        rate_per_h=rate,
        lemon_frac=lemon_frac,
        lemon_rate_ratio=lemon_rate_ratio,
        infant_mortality_ratio=infant_mortality_ratio,
        infant_mortality_days=infant_mortality_days,
        job_gpus=job_gpu_count,
        unit_gpus=fault_unit_gpus,
        spare_units=np.floor(np.asarray(spare_gpu_count, float) / unit + 1e-9),
        replica_gpus=replica_gpu_count,
        blast_units=blast,
        replicas_hit=hit,
        restart_h=restart_h,
        replica_stall_h=np.asarray(replica_stall_s, float) / 3600.0,
        replica_rejoin_h=np.asarray(replica_rejoin_s, float) / 3600.0,
        interval_h={t: np.asarray(intervals[t], float) / 60.0 for t in tiers},
        write_h={t: np.asarray(writes[t], float) / 3600.0 for t in tiers},
        auto_repair_h=auto_repair_h,
        manual_repair_h=manual_repair_h,
        auto_repair_frac=auto_repair_frac,
        restart_h_by_strategy=by_strategy,
    )


def spread(part: ReliabilitySpec, inverse, model: Model, target_ettr_frac) -> ReliabilitySpec:
    """The results of representative samples (`part`) copied to every sample (`inverse`: the
    representative of each), for the full `model`; the renewal of every sample on first use."""

    m = int(inverse.max()) + 1

    def back(x):
        return x[..., inverse] if np.ndim(x) and np.shape(x)[-1] == m else x

    return replace(
        part,
        model=model,
        ettr_frac=back(part.ettr_frac),
        breakdown={k: back(v) for k, v in part.breakdown.items()},
        target_ettr_frac=target_ettr_frac,
        required_hot_spare_frac=back(part.required_hot_spare_frac),
        pool_short_frac=back(part.pool_short_frac),
        job_mtti_h=back(part.job_mtti_h),
        rollback_mtti_h=back(part.rollback_mtti_h),
        run_days=back(part.run_days),
        renewal=None,
    )


def build_spec(model: Model, target_ettr_frac, job_ideal_days) -> ReliabilitySpec:
    """Evaluate the closed form for the model's strategy (the other strategies, losses by
    cause and warnings follow on first use)."""
    r = renewal(model)
    res = closed_form(model, r, per_class=False)
    ettr = res["ettr_frac"]
    return ReliabilitySpec(
        model=model,
        ettr_frac=ettr,
        breakdown={k: res[k] for k in BREAKDOWN},
        target_ettr_frac=target_ettr_frac,
        required_hot_spare_frac=_spare_search(model, r, target_ettr_frac, "target"),
        pool_short_frac=res["pool_short_frac"],
        job_mtti_h=res["mtti_h"],
        rollback_mtti_h=res["rollback_mtti_h"],
        run_days=np.asarray(job_ideal_days, float) / np.maximum(ettr, 1e-9),
        renewal=r,
    )


def _pct(x) -> str:
    return f"{100 * float(x):.1f} %"


def _minutes(h) -> str:
    m = 60.0 * float(h)
    return f"{m:.2g} min" if m < 10 else f"{m:,.0f} min"


def warnings(spec: ReliabilitySpec) -> list[str]:
    """What the planner must know about goodput (scalar inputs only)."""
    m, out = spec.model, []
    ettr, target = float(spec.ettr_frac), float(spec.target_ettr_frac)
    parts = {k: float(v) for k, v in spec.breakdown.items()}
    worst = max(parts, key=parts.get)
    mtti = float(spec.job_mtti_h)
    if ettr < target:
        out.append(
            f"ETTR {_pct(ettr)} under strategy '{m.strategy}' is below the target "
            f"{_pct(target)}: the job is interrupted every {_minutes(mtti)} and the largest "
            f"loss is {worst.replace('_', ' ')} ({_pct(parts[worst])} of wall time)"
        )
    if parts["restart"] > 0.5:
        out.append(
            f"the job spends {_pct(parts['restart'])} of its time restarting: each whole-job "
            f"restart takes {_minutes(m.restart_h)} but an interruption comes every "
            f"{_minutes(float(spec.rollback_mtti_h))}"
        )
    elif float(spec.restart_frac_by_strategy["restart"]) > 0.5:
        restart_h = m.restart_h_by_strategy.get("restart", m.restart_h)
        out.append(
            f"with whole-job restarts (strategy 'restart') the job would spend "
            f"{_pct(spec.restart_frac_by_strategy['restart'])} of its time restarting "
            f"({_minutes(restart_h)} per restart, an interruption every {_minutes(mtti)}); "
            f"ETTR {_pct(spec.ettr_by_strategy['restart'])}"
        )
    best = max(STRATEGIES, key=lambda s: float(spec.ettr_by_strategy[s]))
    if best != m.strategy and float(spec.ettr_by_strategy[best]) > ettr + 0.02:
        cmp = ", ".join(f"{s} {_pct(spec.ettr_by_strategy[s])}" for s in STRATEGIES)
        out.append(f"strategy '{best}' would do better (closed-form ETTR: {cmp})")
    if float(spec.pool_short_frac) > 0.01 and m.strategy != "replica":
        need = float(spec.stocked_hot_spare_frac)
        hint = (
            f"; reliability.hot_spare_frac >= {need:.4g} keeps it empty less than 1 % of the time"
            if np.isfinite(need)
            else ""
        )
        out.append(
            f"the spare pool ({int(m.spare_units):,} units of {int(m.unit_gpus)} GPUs) is empty "
            f"{_pct(spec.pool_short_frac)} of the time, and the synchronous job waits for "
            f"repairs{hint}"
        )
    if m.strategy == "replica" and ettr < target:
        lam_r = float(np.sum(np.where(m.rolls_back, 0.0, np.asarray(m.rate_per_h, float))))
        if lam_r > 0:
            limit_s = -np.log(target) / lam_r * 3600.0
            out.append(
                f"reaching {_pct(target)} needs a global stall per replica failure below "
                f"{limit_s:.3g} s (reliability.replica_stall_seconds is "
                f"{3600 * float(m.replica_stall_h):.3g} s)"
            )
    return out

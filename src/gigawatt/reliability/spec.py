"""The reliability sub-model's result: closed-form goodput of the chosen strategy with its
breakdown by component and cause, the other strategies for comparison, the spare fraction a
target ETTR needs, and plain-language warnings for the planner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gigawatt.reliability.strategies import BREAKDOWN, CLASSES, STRATEGIES, Model, closed_form

SPARE_GRID = np.linspace(0.0, 0.5, 201)
"""Hot-spare fractions searched for the target ETTR (0 to 50 % in 0.25 % steps)."""
FULL_GRID_ELEMENTS = 50_000
"""Up to this many (inputs x grid) points the spare search evaluates the grid in one call."""
POOL_SHORT_OK = 0.01
"""A spare pool empty less than this share of the time counts as stocked (OWN threshold)."""


@dataclass
class ReliabilitySpec:
    """Closed-form reliability results (numbers, or arrays when the inputs are arrays)."""

    model: Model
    ettr_frac: Any
    breakdown: dict[str, Any]
    interruption_count_per_day_by_cause: dict[str, Any]
    lost_gpu_hours_by_cause: dict[str, Any]
    ettr_by_strategy: dict[str, Any]
    restart_frac_by_strategy: dict[str, Any]
    target_ettr_frac: Any
    required_hot_spare_frac: Any
    stocked_hot_spare_frac: Any
    pool_short_frac: Any
    job_mtti_h: Any
    rollback_mtti_h: Any
    run_days: Any
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        e = np.asarray(self.ettr_frac)
        text = f"{e:.3f}" if e.ndim == 0 else f"{e.size} values"
        return f"reliability ({self.model.strategy}, ETTR {text})"


def _spare_search(model: Model, target) -> tuple[Any, Any]:
    """Smallest hot-spare fractions (of the job, on `SPARE_GRID`) whose closed-form ETTR reaches
    the target, and that keep the spare pool empty less than 1 % of the time (infinite: none
    up to 50 %). Small inputs evaluate the whole grid at once; large arrays use a vectorised
    bisection (both criteria improve monotonically with spares), 8 steps, little memory."""
    job_units = np.asarray(model.job_gpus, float) / model.unit_gpus

    def ok(index, which):
        res = closed_form(model.with_spares(np.floor(SPARE_GRID[index] * job_units)))
        if which == "target":
            return res["ettr_frac"] >= np.asarray(target) - 1e-12
        return res["pool_short_frac"] <= POOL_SHORT_OK

    out = []
    shape = np.broadcast_shapes(np.shape(job_units), np.shape(closed_form(model)["ettr_frac"]))
    if int(np.prod(shape)) * len(SPARE_GRID) <= FULL_GRID_ELEMENTS:  # one call on the grid
        index = np.arange(len(SPARE_GRID)).reshape((-1,) + (1,) * len(shape))
        for which in ("target", "stocked"):
            good = ok(index, which)
            first = SPARE_GRID[np.argmax(good, axis=0)]
            out.append(np.where(good.any(axis=0), first, np.inf))
        return out[0], out[1]
    for which in ("target", "stocked"):
        lo = np.full(shape, -1)
        hi = np.full(shape, len(SPARE_GRID) - 1)
        reachable = ok(hi, which)
        while np.any(hi - lo > 1):
            active = hi - lo > 1
            mid = np.where(active, (lo + hi) // 2, hi)  # converged elements stay put
            good = ok(mid, which)
            hi, lo = np.where(active & good, mid, hi), np.where(active & ~good, mid, lo)
        out.append(np.where(reachable, SPARE_GRID[hi], np.inf))
    return out[0], out[1]


def _times(share, gpu_hours):
    """share · gpu_hours, with 0 · ∞ = 0 (a cause that loses nothing on an endless run)."""
    share = np.asarray(share, float)
    return np.where(share > 0, share * np.where(share > 0, gpu_hours, 0.0), 0.0)


def build_spec(model: Model, target_ettr_frac, job_ideal_days) -> ReliabilitySpec:
    """Evaluate the closed form for the model's strategy (and the others, for comparison)."""
    res = closed_form(model)
    ettr = res["ettr_frac"]
    run_days = np.asarray(job_ideal_days, float) / np.maximum(ettr, 1e-9)
    gpu_hours = run_days * 24.0 * np.asarray(model.job_gpus, float)
    per_class = res["per_class_loss"]
    lost = {c.name: _times(per_class[i], gpu_hours) for i, c in enumerate(CLASSES)}
    lost["checkpoint"] = _times(res["checkpoint_stall"], gpu_hours)
    rate = np.asarray(model.rate_per_h, float)
    by_cause = {c.name: 24.0 * rate[i] for i, c in enumerate(CLASSES)}
    others = {
        s: res if s == model.strategy else closed_form(model.with_strategy(s)) for s in STRATEGIES
    }
    required, stocked = _spare_search(model, target_ettr_frac)
    spec = ReliabilitySpec(
        model=model,
        ettr_frac=ettr,
        breakdown={k: res[k] for k in BREAKDOWN},
        interruption_count_per_day_by_cause=by_cause,
        lost_gpu_hours_by_cause=lost,
        ettr_by_strategy={s: r["ettr_frac"] for s, r in others.items()},
        restart_frac_by_strategy={s: r["restart"] for s, r in others.items()},
        target_ettr_frac=target_ettr_frac,
        required_hot_spare_frac=required,
        stocked_hot_spare_frac=stocked,
        pool_short_frac=res["pool_short_frac"],
        job_mtti_h=res["mtti_h"],
        rollback_mtti_h=res["rollback_mtti_h"],
        run_days=run_days,
    )
    if np.ndim(ettr) == 0:
        spec.warnings = warnings(spec)
    return spec


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

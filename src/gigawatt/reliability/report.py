"""The reliability report of a plan: closed-form results and the simulated distributions, as
plain data (what `gigawatt reliability` prints; front ends only render it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from gigawatt.reliability.simulate import SimulationResult, simulate
from gigawatt.reliability.strategies import BREAKDOWN, TIERS

MAX_HORIZON_DAYS = 730.0
"""Longest simulated run when `reliability.days` is empty; beyond it time to train is
extrapolated at each replication's own ETTR."""
HORIZON_MARGIN = 1.5
"""Default horizon: this multiple of the closed-form time to train (so P90 runs finish)."""


def _num(x) -> float | None:
    v = float(np.asarray(x, dtype=float).reshape(()))
    return v if np.isfinite(v) else None


def horizon_days(plan) -> float:
    """Simulated days: `reliability.days`, else enough for the training run to finish."""
    days = plan.scenario.reliability.days
    if days is not None:
        from gigawatt.scenario import central

        return float(central(days))
    ttt = float(np.asarray(plan.values["time_to_train_days"], float))
    if not np.isfinite(ttt):
        return MAX_HORIZON_DAYS
    return float(min(max(HORIZON_MARGIN * ttt, 1.0), MAX_HORIZON_DAYS))


def run_simulation(plan, progress: Callable[[int, int], None] | None = None) -> SimulationResult:
    """Simulate the plan's job (`reliability.replications` runs from `reliability.seed`)."""
    v = plan.values
    return simulate(
        v["reliability_spec"].model,
        float(v["job_ideal_time_to_train_days"]),
        horizon_days(plan),
        int(v["simulation_replication_count"]),
        int(v["simulation_seed_index"]),
        progress=progress,
    )


def expected_events(plan) -> float:
    """Interruptions the simulation will draw in all (to decide whether to show progress)."""
    v = plan.values
    per_day = float(np.asarray(v["interruption_count_per_day"], float))
    return per_day * horizon_days(plan) * float(v["simulation_replication_count"])


def reliability_report(plan, sim: SimulationResult | None = None) -> dict[str, Any]:
    """Closed form and simulation of the plan's training job, as JSON-ready data.

    Keys: `job_mtti_hours`, `interruptions_per_day` (total and by cause), `ettr` (simulated
    mean) with `ettr_p10/p50/p90` and `ettr_closed_form`, `ettr_breakdown` (simulated; with
    `ettr` it sums to 1) and `ettr_breakdown_closed_form`, `checkpoint_interval_minutes` per
    tier (null: tier off, or no rollback restores from it), `lost_gpu_hours_by_cause` over
    the training run, `time_to_train_days` {p10, p50, p90, mean, closed_form, ideal}, the
    strategy comparison, the spare fractions, the simulation settings and the warnings.
    """
    v = plan.values
    spec = v["reliability_spec"]
    sim = sim if sim is not None else run_simulation(plan)
    rel = plan.scenario.reliability
    intervals = v["checkpoint_intervals_spec"]
    given = {
        "remote": "checkpoint_interval_minutes",
        "peer": "peer_checkpoint_interval_minutes",
        "local": "local_checkpoint_interval_minutes",
    }
    by_cause_cf = {k: _num(x) for k, x in spec.interruption_count_per_day_by_cause.items()}
    ttt = sim.time_to_train_days
    used = {t for t in spec.model.class_tier if t is not None}  # tiers some rollback restores
    return {
        "strategy": rel.strategy,
        "checkpoint_tiers": rel.checkpoint_tiers,
        "job_gpu_count": _num(v["job_gpu_count"]),
        "spare_gpu_count": _num(v["spare_gpu_count"]),
        "fault_unit_gpus": _num(v["fault_unit_gpus"]),
        "job_mtti_hours": _num(v["job_mtti_h"]),
        "job_mtti_hours_simulated": _num(np.mean(sim.mtti_h)),
        "interruptions_per_day": {
            "total": _num(v["interruption_count_per_day"]),
            "by_cause": by_cause_cf,
            "simulated_total": float(sum(sim.interruptions_per_day_by_cause.values())),
            "simulated_by_cause": sim.interruptions_per_day_by_cause,
        },
        "restart_minutes": _num(v["restart_minutes"]),
        "ettr": float(np.mean(sim.ettr)),
        **{f"ettr_{k}": x for k, x in sim.percentiles(sim.ettr).items()},
        "ettr_closed_form": _num(spec.ettr_frac),
        "ettr_breakdown": {k: float(np.mean(sim.breakdown[k])) for k in BREAKDOWN},
        "ettr_breakdown_closed_form": {k: _num(spec.breakdown[k]) for k in BREAKDOWN},
        "ettr_by_strategy": {k: _num(x) for k, x in spec.ettr_by_strategy.items()},
        "checkpoint_interval_minutes": {t: _num(v[given[t]]) if t in used else None for t in TIERS},
        "checkpoint_tiers_used": [t for t in TIERS if t in used],
        "optimal_checkpoint_interval_minutes": {t: _num(intervals[t]) for t in TIERS},
        "lost_gpu_hours_by_cause": sim.lost_gpu_hours_by_cause,
        "lost_gpu_hours_by_cause_closed_form": {
            k: _num(x) for k, x in spec.lost_gpu_hours_by_cause.items()
        },
        "time_to_train_days": {
            **sim.percentiles(ttt),
            "mean": float(np.mean(ttt)),
            "closed_form": _num(v["time_to_train_days"]),
            "ideal": _num(v["job_ideal_time_to_train_days"]),
        },
        "target_ettr": _num(spec.target_ettr_frac),
        "required_hot_spare_frac": _num(spec.required_hot_spare_frac),
        "stocked_hot_spare_frac": _num(spec.stocked_hot_spare_frac),
        "pool_short_frac": _num(spec.pool_short_frac),
        "simulation": {
            "replications": sim.replications,
            "seed": sim.seed,
            "horizon_days": sim.horizon_days,
            "completed_frac": float(np.mean(sim.completed)),
        },
        "warnings": list(spec.warnings),
    }

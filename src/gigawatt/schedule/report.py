"""The schedule of a plan as one JSON-ready document (what `gigawatt schedule` prints)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gigawatt.errors import GigawattInputError, Problem
from gigawatt.schedule.result import PERCENTILES, ScheduleResult, percentile

MILESTONES = (
    ("first_rack", "first rack installed"),
    ("first_training", "first training run can start"),
    ("full_capacity", "every GPU online"),
    ("temporary_power_available", "temporary power on line"),
    ("generation_available", "permanent generation in service"),
    ("grid_available", "grid connection energised"),
)
SERIES_POINTS = 60


def _num(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None


def _milestone(spec: ScheduleResult, name: str, label: str, days: np.ndarray) -> dict[str, Any]:
    p = percentile(days[:, 0], PERCENTILES)
    return {
        "name": name,
        "label": label,
        **{f"p{q:g}": spec.date(v) for q, v in zip(PERCENTILES, p, strict=True)},
        **{f"p{q:g}_days": _num(v) for q, v in zip(PERCENTILES, p, strict=True)},
    }


def schedule_report(plan) -> dict[str, Any]:
    """Milestones (P10/P50/P90 dates), critical path, tasks, GPUs online, goals, idle GPUs."""
    spec: ScheduleResult = plan.values["schedule_spec"]
    if spec.start_date is None:
        raise GigawattInputError(
            [
                Problem(
                    "schedule.start_date",
                    "is empty: give the construction start (YYYY-MM-DD) to date the milestones",
                )
            ]
        )
    v = plan.values
    net = spec.network
    milestones = [_milestone(spec, n, label, spec.milestones[n]) for n, label in MILESTONES[:2]]
    for k, name in enumerate(net.buildings):
        if len(net.buildings) > 1:
            milestones.append(
                _milestone(spec, f"phase:{name}", f"{name} online", spec.phase_online[k])
            )
    milestones += [_milestone(spec, n, label, spec.milestones[n]) for n, label in MILESTONES[2:]]
    s = int(spec.p50_sample[0])
    start, finish = spec.passed.start[:, s, 0], spec.passed.finish[:, s, 0]
    crit = spec.criticality[:, 0]
    tasks = [
        {
            "name": t.name,
            "label": t.label,
            "building": net.buildings[t.building] if t.building >= 0 else None,
            "start": spec.date(start[t.index]),
            "finish": spec.date(finish[t.index]),
            "start_days": float(start[t.index]),
            "duration_days": float(finish[t.index] - start[t.index]),
            "criticality_frac": float(crit[t.index]),
        }
        for t in net.tasks
    ]
    full = spec.milestones["full_capacity"][:, 0]
    horizon = float(np.percentile(full, 95.0)) * 1.05
    grid = np.linspace(0.0, horizon, SERIES_POINTS)
    online = spec.online_gpus(grid)[:, :, 0]
    band = np.percentile(online, PERCENTILES, axis=1)
    delivered = np.percentile(spec.delivered_gpus(grid)[:, :, 0], 50.0, axis=1)
    per_gpu = float(v["peak_bf16_flop_per_s"]) / float(v["gpu_count"])
    series = [
        {
            "date": spec.date(t),
            "day": float(t),
            "p10": float(band[0, i]),
            "p50": float(band[1, i]),
            "p90": float(band[2, i]),
            "delivered_p50": float(delivered[i]),
            "peak_bf16_flop_per_s_p50": float(band[1, i]) * per_gpu,
        }
        for i, t in enumerate(grid)
    ]
    goals = [c.as_dict() for c in v["schedule_goals_spec"].checks]
    return {
        "template": net.template.name,
        "start_date": spec.start_date.isoformat(),
        "sample_count": spec.sample_count,
        "milestones": milestones,
        "critical_path": spec.critical_path("full_capacity"),
        "tasks": tasks,
        "gpus_online": series,
        "goals": goals,
        "idle_gpu_days": _num(v["idle_gpu_days"]),
        "idle_gpu_cost_usd": _num(v["idle_gpu_cost_usd"]),
        "training_run": {
            "time_to_train_days": _num(v["time_to_train_days"]),
            "finish_partial_start": spec.date(v["run_finish_partial_start_days"]),
            "finish_wait_for_full_cluster": spec.date(v["run_finish_wait_days"]),
            "partial_start_gain_days": _num(v["partial_start_gain_days"]),
        },
        "notes": list(spec.notes),
    }

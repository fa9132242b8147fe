"""Goals checked against the schedule: planned phase dates and `schedule.goals`.

Each check gives the P10/P50/P90 day the goal is reached, the probability it is reached by
its date, and the binding task: the longest task on the chain that sets the hall being
brought online when the goal is reached (in the P50 realisation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.schedule import curves
from gigawatt.schedule.result import PERCENTILES, ScheduleResult, percentile


@dataclass(frozen=True, eq=False)
class GoalCheck:
    """One goal against the schedule: the day it is reached per sample and plan."""

    spec: ScheduleResult
    name: str
    metric: str
    value: float
    target_day: float
    reached: np.ndarray  # (sample, plan) [day]

    @property
    def p50_days(self) -> np.ndarray:
        return percentile(self.reached, 50.0, axis=0)

    @property
    def missed(self) -> np.ndarray:
        """Per plan: the P50 day is after the target."""
        return self.p50_days > self.target_day

    def binding(self, plan: int = 0) -> tuple[str, list[str]]:
        """Longest task on the chain to the hall coming online when the goal is reached."""
        spec = self.spec
        day = float(spec.realised(self.reached)[plan])
        task = spec.network.building_task("burn_in", spec._building_of(day, plan))
        chain = [spec.network.tasks[i].name for i in spec.binding_chain(task, plan)]
        return spec.binding_task(task, plan), chain

    def as_dict(self, plan: int = 0) -> dict:
        spec = self.spec
        days = percentile(self.reached[:, plan], PERCENTILES)
        task, chain = self.binding(plan)
        return {
            "name": self.name,
            "metric": self.metric,
            "value": self.value,
            "target": spec.date(self.target_day),
            "p10": spec.date(days[0]),
            "p50": spec.date(days[1]),
            "p90": spec.date(days[2]),
            "p50_days": _finite(days[1]),
            "slack_days": _finite(self.target_day - days[1]),
            "met_at_p50": bool(days[1] <= self.target_day),
            "probability_met_frac": float(np.mean(self.reached[:, plan] <= self.target_day)),
            "binding_task": task,
            "binding_chain": chain,
        }


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


@dataclass(frozen=True, eq=False, repr=False)
class GoalChecks:
    """Every goal checked (`schedule_goals_spec`)."""

    checks: tuple[GoalCheck, ...]
    scalar: bool

    def __repr__(self) -> str:
        return f"GoalChecks({', '.join(c.name for c in self.checks) or 'none'})"

    def missed_count(self):
        n = sum((c.missed.astype(float) for c in self.checks), start=np.zeros(1))
        return float(n[0]) if self.scalar else n


def schedule_goals_spec(
    schedule_spec,
    schedule_options_spec,
    gpu_count,
    facility_power_mw,
    training_flop,
    time_to_train_days,
):
    """Planned phase dates and goals checked against the schedule.

    schedule_goals_spec = for each goal: day reached per sample (GPUs online ≥ level; MW
        online = GPUs online · facility_power_mw / gpu_count; run of F FLOP = GPU-days
        gpu_count · time_to_train_days · F / training_flop from first training), P10/P50/P90,
        P(reached by date), binding task

    Parameters
    ----------
    schedule_spec : ScheduleResult
        [spec].
    schedule_options_spec : ScheduleOptions
        Goals and start date [spec].
    gpu_count : numeric
        [count].
    facility_power_mw : numeric
        Peak facility power [MW].
    training_flop : numeric
        FLOP of the scenario's training run [FLOP].
    time_to_train_days : numeric
        Its time on the full cluster [day].

    Returns
    -------
    GoalChecks
        [spec].
    """
    spec = schedule_spec
    start = schedule_options_spec.start_date
    given = (gpu_count, facility_power_mw, training_flop, time_to_train_days)
    plans = np.broadcast(*given).size  # (a shared schedule: each plan's own draw if many)
    a, d = (spec.per_plan(x, plans) for x in (spec.ramp_start, spec.ramp_days))
    g = spec.gpus[:, None, :]
    gpus = np.atleast_1d(np.asarray(gpu_count, dtype=float))
    checks = []
    for k, target in enumerate(spec.target_days):
        if target is not None:
            name = spec.network.buildings[k]
            gpus_k = float(spec.gpus[: k + 1].sum(axis=0)[0])
            checks.append(
                GoalCheck(
                    spec,
                    f"{name} online",
                    "phase",
                    gpus_k,
                    target,
                    spec.per_plan(spec.phase_online[k], plans),
                )
            )
    from gigawatt.scenario import central

    for goal in schedule_options_spec.goals:
        value = float(central(goal.value))
        target = float((goal.date - start).days)
        if goal.metric == "gpu_count":
            reached = curves.time_to_reach(np.full(a.shape[1:], value), a, d, g)
        elif goal.metric == "facility_power_mw":
            level = value / np.atleast_1d(np.asarray(facility_power_mw, dtype=float)) * gpus
            reached = curves.time_to_reach(level, a, d, g)
        else:
            work = gpus * np.asarray(time_to_train_days) * value / np.asarray(training_flop)
            first = spec.per_plan(spec.milestones["first_training"], plans)
            reached = curves.time_to_accumulate(first, work, a, d, g)
        label = goal.name or f"{goal.metric} {value:g} by {goal.date.isoformat()}"
        checks.append(GoalCheck(spec, label, goal.metric, value, target, reached))
    return GoalChecks(tuple(checks), spec.scalar and all(np.ndim(x) == 0 for x in given))


def goals_missed_count(schedule_goals_spec):
    """Goals (planned phase dates included) whose P50 day is after their date.

    goals_missed_count = Σ_goals [P50 day > target day]

    Parameters
    ----------
    schedule_goals_spec : GoalChecks
        [spec].

    Returns
    -------
    numeric
        [count].
    """
    return schedule_goals_spec.missed_count()

"""The schedule's Monte Carlo result (`schedule_spec`): task times, milestones, GPUs online."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from gigawatt.schedule import curves
from gigawatt.schedule.network import TaskNetwork, critical_path
from gigawatt.schedule.simulate import SHARED_DRAWS_MAX_PLANS, Pass, chain

PERCENTILES = (10.0, 50.0, 90.0)


def percentile(x, q, axis=0):
    """Percentile over samples without interpolation (an infinite day, never, stays inf)."""
    return np.percentile(x, q, axis=axis, method="nearest")


@dataclass(eq=False, repr=False)
class ScheduleResult:
    """Monte Carlo result of one schedule (arrays are (task|building, sample, plan)).

    `milestones` maps a name to its day per sample and plan (inf: never, e.g. no grid).
    `ramp_start` / `ramp_days` / `gpus` describe each building's GPUs coming online.
    """

    network: TaskNetwork
    durations: np.ndarray
    passed: Pass
    gpus: np.ndarray  # (K, plan)
    ramp_start: np.ndarray  # (K, S, plan)
    ramp_days: np.ndarray  # (K, S, plan)
    delivery: np.ndarray  # (K, S, plan)
    phase_online: np.ndarray  # (K, S, plan): every hall up to k online
    milestones: dict[str, np.ndarray]
    capacities: dict[str, np.ndarray]  # source milestone -> MW (plan,)
    stagger_days: np.ndarray  # (plan,)
    scalar: bool
    start_date: dt.date | None = None
    target_days: tuple = ()
    notes: list[str] = field(default_factory=list)
    demand_mw: np.ndarray | None = None  # facility load of the whole campus (plan,)

    def __repr__(self) -> str:
        n = self.network
        return (
            f"ScheduleResult({n.template.name}, {len(n.tasks)} tasks, {len(n.buildings)} "
            f"hall(s), {self.sample_count} samples)"
        )

    # -- statistics ------------------------------------------------------------------------
    @property
    def sample_count(self) -> int:
        return self.durations.shape[1]

    def percentile(self, name: str, q: float = 50.0):
        """Percentile of a milestone over the samples, per plan (scalar for a scalar plan)."""
        x = percentile(self.milestones[name], q)
        return float(x[0]) if self.scalar else x

    @cached_property
    def p50_sample(self) -> np.ndarray:
        """Per plan, the sample whose full-capacity day is closest to the median: one
        internally consistent realisation of the P50 schedule (drives the cash flows)."""
        full = self.milestones["full_capacity"]
        med = np.median(full, axis=0)
        return np.argmin(np.abs(full - med[None]), axis=0)

    def per_plan(self, x: np.ndarray, plans: int) -> np.ndarray:
        """`x` (.., sample, plan) for a result with `plans` plans of their own (a work, a power
        level): unchanged, or — one schedule shared by more than `SHARED_DRAWS_MAX_PLANS`
        plans — each plan's own realisation among the draws, (.., 1, plans), plan i taking
        draw i mod S. Above that many plans every plan is one sample of a Monte Carlo over the
        inputs, as when the schedule varies per plan, and the work grows with the plans, not
        with plans × draws (10,000 plans × 2,000 draws took 41 s and 5.8 GB)."""
        draws = x.shape[-2]
        if x.shape[-1] != 1 or draws == 1 or plans <= SHARED_DRAWS_MAX_PLANS:
            return x
        return x[..., np.arange(plans) % draws, 0][..., None, :]

    def realised(self, array: np.ndarray) -> np.ndarray:
        """`array` (first axis anything, then sample, plan) at the P50 realisation: (.., plan)
        (one sample per plan: a read-only view)."""
        if array.shape[-2] == 1:
            out = array[..., 0, :]
            out.flags.writeable = False
            return out
        plans = np.arange(array.shape[-1])
        return array[..., self.p50_sample, plans]

    # -- critical path ---------------------------------------------------------------------
    def _building_of(self, day: float, plan: int = 0) -> int:
        """Building being brought online at `day` in the P50 realisation (last if after all)."""
        s = self.p50_sample[plan]
        ends = self.ramp_start[:, s, plan] + self.ramp_days[:, s, plan]
        late = np.nonzero(ends >= day - 1e-9)[0]
        return int(late[np.argmin(ends[late])]) if late.size else int(np.argmax(ends))

    def target_task(self, milestone: str = "full_capacity", plan: int = 0) -> int:
        """Task whose finish sets a milestone in the P50 realisation."""
        net = self.network
        day = float(self.realised(self.milestones[milestone])[plan])
        if milestone in ("grid_available", "generation_available", "temporary_power_available"):
            return net.by_milestone(milestone)
        return net.building_task("burn_in", self._building_of(day, plan))

    def critical_path(self, milestone: str = "full_capacity", plan: int = 0) -> list[str]:
        """Critical path (networkx longest path) to a milestone in the P50 realisation."""
        p, s = self.passed, self.p50_sample[plan]
        supply = {
            t.index: int(p.binder[t.index, s, plan])
            for t in self.network.tasks
            if t.template.kind == "supply"
        }
        return critical_path(
            self.network,
            p.start[:, s, plan],
            p.finish[:, s, plan],
            supply,
            self.target_task(milestone, plan),
            float(self.stagger_days[plan]),
        )

    def binding_chain(self, target: int, plan: int = 0) -> list[int]:
        """Tasks that set `target`'s start, back to the project start (numpy trace)."""
        s = self.p50_sample[plan]
        out, cur = [], target
        while cur >= 0:
            out.append(cur)
            cur = int(self.passed.binder[cur, s, plan])
        return out[::-1]

    def binding_task(self, target: int, plan: int = 0) -> str:
        """The longest task on the binding chain to `target` (what to accelerate first)."""
        s = self.p50_sample[plan]
        idx = self.binding_chain(target, plan)
        dur = self.durations[idx, s, plan]
        return self.network.tasks[idx[int(np.argmax(dur))]].name

    @cached_property
    def criticality(self) -> np.ndarray:
        """Share of samples in which each task is on the chain to full capacity (task, plan)."""
        k = np.argmax(self.ramp_start + self.ramp_days, axis=0)  # last building online
        burn = np.array([self.network.building_task("burn_in", b) for b in range(len(self.gpus))])
        on = chain(self.network, self.passed.binder, burn[k])
        return on.mean(axis=1)

    # -- GPUs online -------------------------------------------------------------------------
    def online_gpus(self, t) -> np.ndarray:
        """GPUs online at day(s) t, per sample and plan: (len(t), S, plan)."""
        t = np.atleast_1d(np.asarray(t, dtype=float))
        a, d = self.ramp_start[:, None], self.ramp_days[:, None]
        g = self.gpus[:, None, None, :]
        return curves.online_gpus(t[:, None, None], a, d, g)

    def delivered_gpus(self, t) -> np.ndarray:
        """GPUs on site (delivered), per sample and plan: (len(t), S, plan)."""
        t = np.atleast_1d(np.asarray(t, dtype=float))
        on_site = t[None, :, None, None] >= self.delivery[:, None]
        return np.sum(self.gpus[:, None, None, :] * on_site, axis=0)

    def phase_dates(self, k: int, plan: int = 0) -> dict[str, object]:
        """P10/P50/P90 of phase k online: days since the start and dates (plan's table)."""
        days = percentile(self.phase_online[k, :, plan], PERCENTILES)
        out: dict[str, object] = {}
        for q, d in zip(PERCENTILES, days, strict=True):
            out[f"online_p{q:g}_days"] = float(d)
            out[f"online_p{q:g}_date"] = self.date(d) or ""
        return out

    def date(self, days: float) -> str | None:
        """ISO date `days` after the start (None without a start date or for never)."""
        if self.start_date is None or not np.isfinite(days):
            return None
        return (self.start_date + dt.timedelta(days=round(float(days)))).isoformat()

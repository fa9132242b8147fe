"""`schedule`: construction start, delivery phases, the task-network template and its knobs.

Phases keep their meaning (cumulative GPUs online by a planned date); the schedule model
builds one hall (shell, fit-out, commissioning, crew-limited rack installation, burn-in) per
phase, computes when each phase is really online (P10/P50/P90), and checks the planned dates
and any `goals` against it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import field_validator, model_validator

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param

_OWN_STAGGER = (
    "OWN: hyperscale campuses deliver buildings 'on a rolling schedule' (Cortex Construct 2026, "
    "WEAK); one quarter between shell starts"
)


class Phase(Section):
    """A delivery phase: by `date`, `gpu_count` GPUs in total are online (cumulative)."""

    name: str = choice("", description="Phase name, shown in reports.")
    date: dt.date = choice(
        ...,
        description="Planned date the phase is online (YYYY-MM-DD); the schedule model checks "
        "it (P50, probability met) and names the binding task.",
    )
    gpu_count: num(ge=0, le=100_000_000, integer=True) = param(
        ..., unit="count", description="GPUs online in total once this phase is complete"
    )
    delivery_date: dt.date | None = choice(
        None,
        description="Date this phase's GPUs arrive on site (YYYY-MM-DD); GPUs that arrive "
        "before their hall is ready sit idle and cost money. Empty: just in time for "
        "installation.",
    )


class Goal(Section):
    """A target to check against the schedule, e.g. a 1e27-FLOP run finished by a date."""

    name: str = choice("", description="Goal name, shown in reports.")
    metric: Literal["training_run_flop", "gpu_count", "facility_power_mw"] = choice(
        ...,
        description="What must be reached: a training run of `value` FLOP finished (started "
        "on the partial cluster at first training and growing with it), `value` GPUs online, "
        "or `value` MW of facility load online.",
    )
    value: num(gt=0, le=1e40) = param(
        ..., unit="FLOP | count | MW", description="Level to reach, in the unit of `metric`"
    )
    date: dt.date = choice(..., description="Date by which it must be reached (YYYY-MM-DD).")


class Schedule(Section):
    """When the campus is built, and how fast."""

    start_date: dt.date | None = choice(
        None,
        description="Construction start (YYYY-MM-DD); empty: milestones in days from the start "
        "only (`gigawatt schedule` needs it to print dates).",
    )
    phases: list[Phase] = choice(
        [],
        description="Delivery phases in date order with cumulative GPU counts, one hall each; "
        "empty: `building_count` equal buildings.",
    )
    template: Literal["greenfield", "brownfield", "fast_track"] = choice(
        "greenfield",
        description="Task-network template: greenfield (new shells, grid interconnection), "
        "brownfield (conversion of an existing building, substation upgrade) or fast_track "
        "(conversion bridged by temporary power, equipment from stock).",
        source="greenfield: the usual case ('3 years to plan ... then 1 year to get it all "
        "working', Jensen Huang, OFF interview 2024)",
    )
    building_count: num(ge=1, le=200, integer=True, optional=True) = choice(
        None, description="Buildings of equal size when no phases are given; empty: one."
    )
    durations_days: dict[str, num(ge=0, le=7300)] = choice(
        {},
        description="Duration of template tasks by task key (days; a number or a "
        "distribution), replacing the template's distribution, e.g. {shell: 180}. Lead "
        "times and rack installation are set by their own fields.",
    )
    rack_install_racks_per_day: num(gt=0, le=100_000) = param(
        75.0,
        unit="rack/day",
        description="Racks the installation crews set, connect and test per day, campus-wide",
        source="DER: Colossus 1 installed >1,500 racks in about three weeks, ~70-80 racks/day "
        "(ServeTheHome tour and NVIDIA/Huang, REP/DER)",
    )
    install_parallel_buildings: num(ge=1, le=200, integer=True) = param(
        1,
        unit="count",
        description="Buildings the crew pool works at once (its rate is shared among them); "
        "the crews move on in building order",
        source="OWN: one campus-wide pool finishing halls one after another gets the first "
        "ones online soonest",
        quantity="install_parallel_buildings_count",
    )
    building_stagger_days: num(ge=0, le=3650) = param(
        90.0,
        unit="day",
        description="Days between the shell starts of successive buildings",
        source=_OWN_STAGGER,
    )
    transformer_lead_time_months: num(ge=0, le=120) = param(
        128 * 7 / (365.25 / 12),
        unit="month",
        description="Lead time of large power transformers",
        source="128 weeks average (Wood Mackenzie via bixbitusa.io, EST)",
    )
    grid_interconnection_months: num(ge=0, le=240, optional=True) = param(
        None,
        unit="month",
        description="Utility studies, agreement and utility-side works until the grid can "
        "deliver; empty: the template's value (greenfield 42, brownfield and fast_track 18)",
        source="greenfield: Northern Virginia 36-48 months (CBRE via build.inc, REP/EST); "
        "conversions: substation upgrade 12-24 months (aiinframap, EST)",
    )
    temporary_power_mw: num(ge=0, le=100_000, optional=True) = param(
        None,
        unit="MW",
        description="Temporary (trailer-mounted) generation bridging until the grid and "
        "permanent plant arrive; empty: the whole facility load in fast_track, none otherwise",
        source="Colossus 1 ran up to 35 temporary turbines before its permanent supply (OFF/REP, "
        "SELC)",
    )
    first_training_gpus: num(ge=1, le=100_000_000, integer=True, optional=True) = param(
        None,
        unit="count",
        description="GPUs online for the first training run to start; empty: the first phase",
        quantity="first_training_gpu_count",
    )
    duration_spread_frac: num(ge=0, le=5) = param(
        1.0,
        unit="1",
        description="Scale of every duration's spread around its mode (0: deterministic, "
        "1: the template's ranges)",
        source="the template ranges as sourced (1.0)",
    )
    sample_count: num(ge=1, le=1_000_000, integer=True) = param(
        2000,
        unit="count",
        description="Monte Carlo samples of the schedule",
        source="OWN: the P10 and P90 are placed to within ±0.7 % of probability at 2,000 "
        "samples (binomial standard error √(0.1·0.9/2000))",
        quantity="schedule_sample_count",
    )
    seed: int = choice(0, description="Seed of the schedule's random draws (reproducible runs).")
    goals: list[Goal] = choice(
        [],
        description="Targets to check, e.g. {metric: training_run_flop, value: 1e27, date: "
        "2027-01-01} or {metric: facility_power_mw, value: 1000, date: 2026-06-30}.",
    )

    @field_validator("phases")
    @classmethod
    def _ordered(cls, phases: list[Phase]) -> list[Phase]:
        prev = None
        for i, ph in enumerate(phases):
            if prev is not None and ph.date < prev.date:
                raise ValueError(f"phases[{i}].date {ph.date} is before phases[{i - 1}].date")
            if prev is not None and _c(ph.gpu_count) < _c(prev.gpu_count):
                raise ValueError(
                    f"phases[{i}].gpu_count is cumulative and must not fall below "
                    f"phases[{i - 1}].gpu_count"
                )
            prev = ph
        if phases and _c(phases[-1].gpu_count) <= 0:
            raise ValueError("the last phase must bring GPUs online (gpu_count > 0)")
        return phases

    @model_validator(mode="after")
    def _consistent(self):
        from gigawatt.schedule.templates import TEMPLATES

        template = TEMPLATES[self.template]
        fixed = template.fixed_keys()
        for key in self.durations_days:
            if key not in fixed:
                derived = key in [t.key for t in template.tasks]
                why = (
                    "is derived (a lead time or rack installation): set its own field"
                    if derived
                    else f"is no task of the {self.template} template"
                )
                raise ValueError(
                    f"durations_days.{key} {why}; tasks with durations: {', '.join(fixed)}"
                )
        if self.phases and self.building_count is not None:
            raise ValueError(
                "building_count applies only without phases (each phase is one hall); "
                "remove one of them"
            )
        if self.start_date is None:
            dated = [
                f"phases[{i}].delivery_date" for i, p in enumerate(self.phases) if p.delivery_date
            ]
            dated += [f"goals[{i}]" for i in range(len(self.goals))]
            if dated:
                raise ValueError(f"{dated[0]} is a date: give schedule.start_date too")
        else:
            for i, p in enumerate(self.phases):
                if p.delivery_date and p.delivery_date < self.start_date:
                    raise ValueError(f"phases[{i}].delivery_date is before schedule.start_date")
        return self

    def graph_inputs(self) -> dict[str, Any]:
        """Non-numeric inputs of the schedule model (shape of the campus, options)."""
        return {
            "schedule_template_name": self.template,
            "schedule_phases_spec": PhasePlan.from_section(self),
            "schedule_options_spec": ScheduleOptions(
                seed=self.seed,
                durations={k: v for k, v in self.durations_days.items()},
                goals=tuple(self.goals),
                start_date=self.start_date,
            ),
        }


@dataclass(frozen=True)
class PhasePlan:
    """Halls of the campus: names, share of the GPUs, fixed delivery and planned dates [day]."""

    names: tuple[str, ...]
    fracs: tuple[float, ...]
    delivery_days: tuple[float | None, ...]
    target_days: tuple[float | None, ...]
    start_date: dt.date | None

    @classmethod
    def from_section(cls, s: Schedule) -> PhasePlan:
        if not s.phases:
            n = int(_c(s.building_count) or 1)
            names = ("campus",) if n == 1 else tuple(f"building {i + 1}" for i in range(n))
            return cls(names, (1.0 / n,) * n, (None,) * n, (None,) * n, s.start_date)
        counts = [float(_c(p.gpu_count)) for p in s.phases]
        fracs = [(c - p) / counts[-1] for c, p in zip(counts, [0.0, *counts[:-1]], strict=True)]

        def days(d):
            return None if d is None or s.start_date is None else float((d - s.start_date).days)

        return cls(
            tuple(p.name or f"phase {i + 1}" for i, p in enumerate(s.phases)),
            tuple(fracs),
            tuple(days(p.delivery_date) for p in s.phases),
            tuple(days(p.date) for p in s.phases),
            s.start_date,
        )


@dataclass(frozen=True, eq=False)
class ScheduleOptions:
    """Seed, task-duration overrides and goals of the schedule model."""

    seed: int
    durations: dict
    goals: tuple
    start_date: dt.date | None


def _c(x):
    from gigawatt.scenario.distributions import central

    return central(x)

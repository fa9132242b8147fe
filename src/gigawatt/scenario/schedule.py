"""`schedule`: when GPUs arrive and come online (the schedule issue adds the task network)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Phase(Section):
    """A delivery phase: by `date`, `gpu_count` GPUs in total are online (cumulative)."""

    name: str = choice("", description="Phase name, shown in reports.")
    date: dt.date = choice(..., description="Date the phase is online (YYYY-MM-DD).")
    gpu_count: num(ge=0, le=100_000_000, integer=True) = param(
        ..., unit="count", description="GPUs online in total once this phase is complete"
    )


class Schedule(Section):
    """Delivery phases of the campus."""

    start_date: dt.date | None = choice(
        None, description="Construction start (YYYY-MM-DD); empty: not modelled."
    )
    phases: list[Phase] = choice(
        [],
        description="Delivery phases in date order with cumulative GPU counts; empty: every "
        "GPU online at once.",
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
        return phases


def _c(x):
    from gigawatt.scenario.distributions import central

    return central(x)

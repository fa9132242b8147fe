"""Training step breakdown: the contract between the training model (which computes it) and
the power-dynamics model (which turns the phases of a step into a power waveform).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PHASES = ("compute", "tp_comm", "cp_comm", "pp_comm", "dp_comm", "ep_comm", "bubble", "optimizer")
"""Phase names, in the order they occur within a step for waveform synthesis: exposed
communication and the pipeline bubble are low-power phases, compute and the optimizer step
high-power ones."""


@dataclass(frozen=True)
class StepBreakdown:
    """One training step: its duration and the exposed time of each phase (they sum to it)."""

    step_time_s: float
    phases_s: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        unknown = set(self.phases_s) - set(PHASES)
        if unknown:
            raise ValueError(f"unknown step phases {sorted(unknown)}; known: {PHASES}")

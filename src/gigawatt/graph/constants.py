"""Sourced constants that enter the graph as inputs (not scenario knobs, not products).

Each is shown by `explain` with its source like any other input.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Constant:
    """A fixed, sourced value."""

    value: float
    source: str
    year: int
    confidence: str


_CW = "Cushman & Wakefield, Data Center Development Cost Guide 2025: cost split"

CONSTANTS: dict[str, Constant] = {
    "facility_electrical_mechanical_share_frac": Constant(
        0.53, _CW + " (critical capacity: electrical and mechanical 53 %)", 2025, "EST"
    ),
    "facility_shell_share_frac": Constant(0.21, _CW + " (shell 21 %)", 2025, "EST"),
    "facility_site_fitout_share_frac": Constant(
        0.26, _CW + " (site 10 % + white space 10 % + back of house 4 % + office 2 %)", 2025, "EST"
    ),
    "fibre_delay_ns_per_m": Constant(
        4.5,
        "NVIDIA, twin-port OSFP transceiver documentation (MMS4X00-NS-T): fibres of a link "
        "should be of similar length 'to avoid inducing different latency delays in the "
        "fibers (4.5ns/meter)'; used for copper too (reference network.md §7: ~5 ns/m)",
        2025,
        "OFF",
    ),
}

"""`compute`: which GPU system, and how many GPUs."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Compute(Section):
    """The GPUs of the campus (the only required section)."""

    system: str = choice(
        ..., description="Catalog id of the GPU system (`gigawatt catalog system`)."
    )
    gpu_count: num(ge=1, le=100_000_000, integer=True, optional=True) = param(
        None,
        unit="count",
        description="GPUs to install, rounded up to whole systems. Empty: the last "
        "schedule phase's count, else the most GPUs under site.power_cap_mw and/or "
        "finance.budget_usd",
        quantity="target_gpu_count",
    )
    systems_per_rack: num(ge=1, le=64, integer=True, optional=True) = param(
        None,
        unit="count",
        description="Systems per rack; empty: the catalog's value for the system",
    )
    avg_power_frac: num(gt=0, le=1) = param(
        0.72,
        unit="1",
        description="Average IT draw while training, as a fraction of the systems' maximum "
        "power (sets annual energy, not the design load)",
        source="DER: 7.3 kW average training draw of a DGX H100 node (EST, Newkirk et al., "
        "AI-Datacenter-Microgrid-Analysis src/config.py, 2025) / 10.2 kW DGX H100 maximum "
        "(OFF, NVIDIA DGX H100 user guide)",
    )

"""gigawatt: one consistent model of a gigawatt-scale AI training campus.

>>> import gigawatt
>>> p = gigawatt.plan("examples/minimal.yaml")  # doctest: +SKIP
>>> p.metrics["facility_power_mw"]              # doctest: +SKIP

Heavy modules load on first use so that `import gigawatt` and the CLI stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Campus", "Plan", "Scenario", "load_scenario", "plan"]


def __getattr__(name: str):
    if name in ("plan", "Campus"):
        from gigawatt import campus

        return getattr(campus, name)
    if name == "Plan":
        from gigawatt.result import Plan

        return Plan
    if name in ("Scenario", "load_scenario"):
        from gigawatt import scenario

        return getattr(scenario, name)
    raise AttributeError(f"module 'gigawatt' has no attribute {name!r}")

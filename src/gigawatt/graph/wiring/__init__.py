"""Wiring (tier 2): which domain function computes which named quantity, one module per domain.

A domain issue adds its module here and to `MODULES`.
"""

from __future__ import annotations

from gigawatt.graph.engine import Node
from gigawatt.graph.wiring import (
    compute,
    cooling,
    costs,
    energy,
    finance,
    network,
    power,
    reliability,
    schedule,
    training,
)

MODULES = (
    compute,
    power,
    cooling,
    network,
    energy,
    costs,
    finance,
    training,
    reliability,
    schedule,
)


def all_nodes() -> list[Node]:
    """Every node of every domain."""
    return [n for m in MODULES for n in m.NODES]

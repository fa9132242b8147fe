"""The quantity graph: engine, wiring of the domain functions, and inputs from scenario+catalog."""

from __future__ import annotations

from functools import lru_cache

from gigawatt.graph.engine import Graph, GraphError, Node, node


@lru_cache(maxsize=1)
def default_graph() -> Graph:
    """The graph of every domain (built once per process)."""
    from gigawatt.graph.wiring import all_nodes

    return Graph(all_nodes())


__all__ = ["Graph", "GraphError", "Node", "default_graph", "node"]

"""The task network: a template expanded per building, with its dependencies.

Edges are finish-to-start (FS) unless noted. Two kinds of edge join buildings: the shells
start `building_stagger_days` apart (start-to-start), and the rack-installation crews move
from building to building (the crew pool works `install_parallel_buildings_count` buildings
at once, in building order: rack installation of building k follows that of building k − p).
The supply task of each building is not a max over predecessors but a min over sources (the
first moment the energy supply covers the load so far); its binding source is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from gigawatt.schedule.templates import TEMPLATES, Delivery, Supply, TaskTemplate, Template

FS, SS = "FS", "SS"


@dataclass(frozen=True)
class Edge:
    """Predecessor `pred` of a task: FS (after it finishes) or SS (after it starts) + lag."""

    pred: int
    kind: str = FS
    lag: str = ""  # "" (no lag) or "stagger" (building_stagger_days)


@dataclass(frozen=True)
class Task:
    """One task of the expanded network."""

    index: int
    key: str
    name: str
    label: str
    building: int  # -1 for campus tasks
    template: TaskTemplate
    edges: tuple[Edge, ...]

    @property
    def duration(self):
        return self.template.duration


@dataclass(frozen=True)
class TaskNetwork:
    """Tasks in topological order, the building names and the supply sources."""

    template: Template
    tasks: tuple[Task, ...]
    buildings: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]  # (milestone, task index) of each supply source

    @cached_property
    def _by_name(self) -> dict[str, int]:
        return {t.name: t.index for t in self.tasks}

    def index(self, name: str) -> int:
        return self._by_name[name]

    def building_task(self, key: str, building: int) -> int:
        return self.index(f"{key}[{building + 1}]" if len(self.buildings) > 1 else key)

    def by_milestone(self, milestone: str) -> int | None:
        for t in self.tasks:
            if t.template.milestone == milestone:
                return t.index
        return None


def _name(key: str, building: int, n_buildings: int) -> str:
    return key if building < 0 or n_buildings == 1 else f"{key}[{building + 1}]"


@lru_cache(maxsize=64)
def build_network(
    template_name: str,
    buildings: tuple[str, ...],
    fixed_delivery: tuple[bool, ...],
    parallel_buildings: int,
) -> TaskNetwork:
    """Expand a template over the buildings (phases); `fixed_delivery[k]` when the phase's
    GPUs arrive on a given date rather than just in time."""
    template = TEMPLATES[template_name] if isinstance(template_name, str) else template_name
    return expand(template, buildings, fixed_delivery, parallel_buildings)


def expand(
    template: Template,
    buildings: tuple[str, ...],
    fixed_delivery: tuple[bool, ...],
    parallel_buildings: int,
) -> TaskNetwork:
    """Expand `template` (see `build_network`); any Template, not only the built-in ones."""
    n = len(buildings)
    if n < 1:
        raise ValueError("a schedule needs at least one building")
    campus = [t for t in template.tasks if t.scope == "campus"]
    per_building = [t for t in template.tasks if t.scope == "building"]
    tasks: list[Task] = []
    where: dict[tuple[str, int], int] = {}

    def find(key: str, building: int) -> int:
        if (key, building) in where:
            return where[(key, building)]
        if (key, -1) in where:
            return where[(key, -1)]
        raise ValueError(f"template {template.name}: task depends on unknown or later {key!r}")

    def add(tt: TaskTemplate, b: int, extra: tuple[Edge, ...] = ()) -> None:
        edges = [Edge(find(k, b)) for k in tt.after]
        if isinstance(tt.duration, Delivery) and not fixed_delivery[b]:
            # just in time: when the hall is commissioned and the crews are free for it
            edges.append(Edge(find("commissioning", b)))
            if b >= parallel_buildings:
                edges.append(Edge(where[("rack_install", b - parallel_buildings)]))
        edges += extra
        i = len(tasks)
        tasks.append(Task(i, tt.key, _name(tt.key, b, n), tt.label, b, tt, tuple(edges)))
        where[(tt.key, b)] = i

    for tt in campus:
        add(tt, -1)
    for b in range(n):
        for tt in per_building:
            extra: tuple[Edge, ...] = ()
            if tt.kind == "shell" and b > 0:
                extra = (Edge(where[(tt.key, b - 1)], SS, "stagger"),)
            if tt.kind == "install" and b >= parallel_buildings:
                extra = (Edge(where[(tt.key, b - parallel_buildings)]),)
            add(tt, b, extra)
    for t in tasks:
        assert all(e.pred < t.index for e in t.edges), t.name  # topological by construction
    sources = tuple(
        (t.template.milestone, t.index)
        for t in tasks
        if t.template.milestone
        in ("grid_available", "generation_available", "temporary_power_available")
    )
    if any(isinstance(t.duration, Supply) for t in tasks) and not sources:
        raise ValueError(f"template {template.name} has a supply task but no supply sources")
    return TaskNetwork(template, tuple(tasks), buildings, sources)


def critical_path(
    network: TaskNetwork,
    start_days,
    finish_days,
    supply_binder: dict[int, int],
    target: int,
    stagger_days: float = 0.0,
) -> list[str]:
    """Longest path to `target` with networkx over one realisation of the schedule.

    Edges carry the time from the predecessor's start to the successor's earliest start
    (FS: its duration; SS: the lag); the supply task keeps only its binding source.
    """
    import networkx as nx

    g = nx.DiGraph()
    dur = [float(f) - float(s) for s, f in zip(start_days, finish_days, strict=True)]
    g.add_node("START")
    for t in network.tasks:
        g.add_edge("START", t.index, weight=0.0)
        if isinstance(t.duration, Delivery) and not t.edges:
            g.add_edge("START", t.index, weight=float(start_days[t.index]))
        preds = list(t.edges)
        if isinstance(t.duration, Supply):
            preds = [Edge(supply_binder[t.index])] if t.index in supply_binder else []
        for e in preds:
            w = dur[e.pred] if e.kind == FS else (stagger_days if e.lag else 0.0)
            if not g.has_edge(e.pred, t.index) or g[e.pred][t.index]["weight"] < w:
                g.add_edge(e.pred, t.index, weight=w)
    keep = nx.ancestors(g, target) | {target}
    sub = g.subgraph(keep).copy()
    sub.add_edge(target, "END", weight=dur[target])
    assert nx.is_directed_acyclic_graph(sub)
    path = nx.dag_longest_path(sub, weight="weight")
    return [network.tasks[i].name for i in path if i not in ("START", "END")]

"""The quantity graph engine: named quantities wired by name, evaluated in dependency order.

A `Node` is a pure domain function plus the names of the quantities fed to its parameters
(by default the parameter names themselves). A value given for a node's name (an input, or a
what-if override) replaces the node's formula. Arrays flow through unchanged, so one
evaluation with N-element inputs computes N scenarios.
"""

from __future__ import annotations

import inspect
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from gigawatt import parallel
from gigawatt.graph.memo import Memo
from gigawatt.units import unit_of


@dataclass(frozen=True)
class Node:
    """One computed quantity: `name = func(**{param: value_of[quantity]})`."""

    name: str
    func: Callable[..., Any]
    args: tuple[tuple[str, str], ...]
    cache: bool = False  # reuse results for equal inputs (heavy sub-models; see memo.py)

    @property
    def unit(self) -> str:
        return unit_of(self.name)

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(q for _, q in self.args)

    @cached_property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ").strip()

    @cached_property
    def formula(self) -> str:
        """The docstring line `<function name> = ...` (every node function must have one)."""
        fname = self.func.__name__
        lines = self.doc.splitlines()
        for i, line in enumerate(lines):
            s = line.strip()
            if s.startswith(f"{fname} = ") or s.startswith(f"{self.name} = "):
                for more in lines[i + 1 :]:  # continuation lines, up to a blank line
                    if not more.strip():
                        break
                    s += " " + more.strip()
                expr = s.split(" = ", 1)[1]
                # Show the formula in terms of the wired quantity names.
                for param, quantity in self.args:
                    if param != quantity:
                        expr = re.sub(rf"\b{re.escape(param)}\b", quantity, expr)
                return f"{self.name} = {expr}"
        return ""

    @cached_property
    def references(self) -> str:
        """The numpydoc `References` section of the docstring, if any."""
        m = re.search(r"References\n-+\n(.*?)(\n\n[A-Z][a-z]+\n-+\n|\Z)", self.doc, re.S)
        return m.group(1).strip() if m else ""


def node(
    func: Callable[..., Any], name: str | None = None, cache: bool = False, **rename: str
) -> Node:
    """Wire a domain function as a node; `rename` maps parameter -> quantity name, `cache`
    marks a heavy sub-model whose results are reused for equal inputs."""
    params = list(inspect.signature(func).parameters)
    unknown = set(rename) - set(params)
    if unknown:
        raise ValueError(f"{func.__name__} has no parameters {sorted(unknown)}")
    args = tuple((p, rename.get(p, p)) for p in params)
    return Node(name or func.__name__, func, args, cache)


class GraphError(Exception):
    """A wiring mistake (a developer error, not bad user input)."""


@dataclass
class Graph:
    """Nodes in dependency order; evaluates all of them, or only what some targets need."""

    nodes: dict[str, Node]
    order: list[Node] = field(init=False)
    free_inputs: frozenset[str] = field(init=False)

    def __init__(self, nodes: Iterable[Node]):
        self.nodes = {}
        for n in nodes:
            if n.name in self.nodes:
                raise GraphError(f"quantity {n.name!r} is defined twice")
            self.nodes[n.name] = n
        self.order = self._topological()
        needed = {q for n in self.nodes.values() for q in n.inputs}
        self.free_inputs = frozenset(needed - set(self.nodes))
        self._ancestors: dict[tuple[str, ...], list[Node]] = {}
        self.memo = Memo()
        self.seconds: dict[str, float] = {}  # per node, its last time on threads (scheduling)

    def _topological(self) -> list[Node]:
        order: list[Node] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done

        def visit(name: str, trail: tuple[str, ...]) -> None:
            if state.get(name) == 2 or name not in self.nodes:
                return
            if state.get(name) == 1:
                raise GraphError("cycle: " + " -> ".join((*trail, name)))
            state[name] = 1
            for q in self.nodes[name].inputs:
                visit(q, (*trail, name))
            state[name] = 2
            order.append(self.nodes[name])

        for name in self.nodes:
            visit(name, ())
        return order

    def needed_for(self, targets: Iterable[str]) -> list[Node]:
        """Nodes needed to compute `targets`, in dependency order (cached)."""
        key = tuple(sorted(targets))
        if key not in self._ancestors:
            want: set[str] = set()
            stack = list(key)
            while stack:
                q = stack.pop()
                if q in want:
                    continue
                want.add(q)
                if q in self.nodes:
                    stack.extend(self.nodes[q].inputs)
            self._ancestors[key] = [n for n in self.order if n.name in want]
        return self._ancestors[key]

    def evaluate(
        self,
        inputs: Mapping[str, Any],
        targets: Iterable[str] | None = None,
        overrides: Mapping[str, Any] | None = None,
        use_memo: bool = True,
    ) -> dict[str, Any]:
        """Values of every node (or of `targets` and their ancestors).

        A name present in `inputs` or `overrides` is taken as given, not computed. Nodes
        marked `cache` reuse an earlier result for equal inputs unless `use_memo` is False.
        """
        values = dict(inputs)
        if overrides:
            values.update(overrides)
        todo = self.order if targets is None else self.needed_for(targets)

        def compute(n: Node, values: dict[str, Any]) -> Any:
            try:
                kwargs = {p: values[q] for p, q in n.args}
            except KeyError as exc:
                raise GraphError(f"{n.name} needs {exc.args[0]!r}, which has no value") from None
            key = self.memo.key(kwargs) if n.cache and use_memo else None
            if key is None:
                return n.func(**kwargs)
            found, value = self.memo.get(n.name, key)
            if not found:
                value = n.func(**kwargs)
                self.memo.put(n.name, key, value)
            return value

        if parallel.use_threads(values):
            seconds = self.seconds

            def timed(n: Node, values: dict[str, Any]) -> Any:
                t0 = time.perf_counter()
                value = compute(n, values)
                seconds[n.name] = time.perf_counter() - t0
                return value

            # heavy nodes count 1 s until measured (they start first on the first evaluation)
            known = {n.name: 1.0 for n in todo if n.cache} | seconds
            parallel.run_graph(todo, values, timed, parallel.critical_rank(todo, known))
            return values
        for n in todo:
            if n.name not in values:
                values[n.name] = compute(n, values)
        return values

    def downstream(self, name: str) -> set[str]:
        """Every quantity that depends on `name`, directly or not."""
        users: dict[str, list[str]] = {}
        for n in self.nodes.values():
            for q in n.inputs:
                users.setdefault(q, []).append(n.name)
        out: set[str] = set()
        stack = [name]
        while stack:
            for u in users.get(stack.pop(), []):
                if u not in out:
                    out.add(u)
                    stack.append(u)
        return out

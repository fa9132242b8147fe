"""Threads for large array evaluations (one element per sample).

numpy releases the GIL inside its loops (ufuncs, `take`, `bincount`, sorting, BLAS), so on
arrays of thousands of samples Python threads run the numeric work of independent pieces on
separate cores. Two uses:

- `thread_map`: a heavy node's blocks of samples (the finance fast path) on the workers
  left free;
- `run_graph`: the independent nodes of a graph evaluation, heaviest chains first (the
  engine uses it when `use_threads`: an input array has `GRAPH_MIN_ELEMENTS` elements or
  more).

The results are the same as in one thread: node functions are pure, blocks are disjoint and
every reduction keeps its order. `GIGAWATT_THREADS=1` turns threads off.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Any

import numpy as np

GRAPH_MIN_ELEMENTS = 20_000
"""Smallest input array for which a graph evaluation runs its nodes on threads (below it the
~20 µs per node of scheduling is not repaid; own estimate from benchmarks/plan_speed.py)."""

_PREFIX = "gigawatt-worker"
_shared: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def workers() -> int:
    """Threads to use: $GIGAWATT_THREADS, else the cores this process may run on."""
    given = os.environ.get("GIGAWATT_THREADS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool() -> ThreadPoolExecutor:
    """The worker threads (one pool: a graph evaluation and the block maps of its nodes share
    the cores instead of oversubscribing them)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = ThreadPoolExecutor(workers(), thread_name_prefix=_PREFIX)
        return _shared


def thread_map(fn: Callable[..., Any], *iterables: Iterable) -> list:
    """[fn(*args) for args in zip(*iterables)] (results in order). The calling thread works
    through the items and up to `workers() − 1` helpers on the pool take items too while it
    does; a helper that has not started when the items run out is cancelled, so a map never
    waits for a busy pool (a graph node mapping its blocks uses the cores left free)."""
    items = list(zip(*iterables, strict=True))
    if len(items) < 2 or workers() < 2:
        return [fn(*args) for args in items]
    results: list = [None] * len(items)
    errors: list[BaseException] = []
    turn = itertools.count()  # next() is atomic: each item is taken once

    def work() -> None:
        for i in iter(turn.__next__, None):
            if i >= len(items) or errors:
                return
            try:
                results[i] = fn(*items[i])
            except BaseException as exc:  # re-raised in the caller
                errors.append(exc)

    pool = _pool()
    helpers = [pool.submit(work) for _ in range(min(workers(), len(items)) - 1)]
    work()
    for h in helpers:
        if not h.cancel():
            h.result()
    if errors:
        raise errors[0]
    return results


def critical_rank(nodes: list, seconds: Mapping[str, float]) -> dict[str, float]:
    """Per node, the longest chain of work from it to an output: its own time plus the
    longest of its users' ranks (`seconds` from an earlier evaluation; 0 if not known)."""
    users: dict[str, list[str]] = {}
    for n in nodes:
        for q in n.inputs:
            users.setdefault(q, []).append(n.name)
    rank: dict[str, float] = {}
    for n in reversed(nodes):
        below = max((rank[u] for u in users.get(n.name, ()) if u in rank), default=0.0)
        rank[n.name] = below + seconds.get(n.name, 0.0)
    return rank


def run_graph(
    nodes: list, values: dict[str, Any], compute: Callable[[Any, dict], Any], rank: Mapping
) -> None:
    """Evaluate `nodes` (in dependency order) into `values` on the graph pool: a node starts
    when its inputs are known; among ready nodes the one with the highest `rank` (the work
    downstream of it, `critical_rank`) goes first. `compute(node, values)` returns the
    node's value. Exceptions propagate after the nodes in flight finish."""
    pending = {n.name: n for n in nodes if n.name not in values}
    users: dict[str, list[str]] = {}
    missing: dict[str, int] = {}
    for n in pending.values():
        deps = {q for q in n.inputs if q in pending}
        missing[n.name] = len(deps)
        for q in deps:
            users.setdefault(q, []).append(n.name)
    order = {n.name: i for i, n in enumerate(nodes)}
    ready = [(-rank.get(k, 0), order[k], k) for k, c in missing.items() if c == 0]
    heapq.heapify(ready)
    pool, running = _pool(), {}
    size = workers()
    while ready or running:
        while ready and len(running) < size:
            name = heapq.heappop(ready)[2]
            running[pool.submit(compute, pending[name], values)] = name
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for f in done:
            name = running.pop(f)
            error = f.exception()
            if error is not None:
                wait(running)
                raise error
            values[name] = f.result()
            for u in users.get(name, ()):
                missing[u] -= 1
                if missing[u] == 0:
                    heapq.heappush(ready, (-rank.get(u, 0), order[u], u))


def use_threads(inputs: Mapping[str, Any]) -> bool:
    """Whether a graph evaluation runs on threads: an input array of `GRAPH_MIN_ELEMENTS` or
    more, more than one worker, and not already on a worker (an evaluation inside a pool
    thread would wait for nodes queued behind itself)."""
    largest = max((np.size(v) for v in inputs.values() if isinstance(v, np.ndarray)), default=0)
    on_worker = threading.current_thread().name.startswith(_PREFIX)
    return largest >= GRAPH_MIN_ELEMENTS and not on_worker and workers() > 1


__all__ = [
    "GRAPH_MIN_ELEMENTS",
    "critical_rank",
    "run_graph",
    "thread_map",
    "use_threads",
    "workers",
]

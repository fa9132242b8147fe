"""Threads for large array evaluations (one element per sample).

numpy releases the GIL inside its loops (ufuncs, `take`, `bincount`, sorting, BLAS), so on
arrays of thousands of samples Python threads run the numeric work of independent pieces on
separate cores. One pool of one thread per core (`_Pool`: graph work before helpers) serves:

- `run_graph`: the nodes of a graph evaluation (the engine uses it when `use_threads`: an
  input array has `GRAPH_MIN_ELEMENTS` elements or more); a worker takes ready nodes,
  heaviest chain first, until none is left;
- `thread_map`: a heavy node's blocks of samples (the finance fast path) on the workers left
  free; its helpers give their worker up to waiting graph nodes between blocks.

The results are the same as in one thread: node functions are pure, blocks are disjoint and
every reduction keeps its order. `GIGAWATT_THREADS=1` turns threads off.
"""

from __future__ import annotations

import heapq
import itertools
import os
import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from typing import Any

import numpy as np

GRAPH_MIN_ELEMENTS = 20_000
"""Smallest input array for which a graph evaluation runs its nodes on threads (below it the
~20 µs per node of scheduling is not repaid; own estimate from benchmarks/plan_speed.py)."""

_PREFIX = "gigawatt-worker"
GRAPH, HELPER = 0, 1
"""Pool priorities: graph nodes before the helpers of block maps."""


class _Pool:
    """Worker threads taking tasks by priority (then in order): `submit(fn, *args,
    priority=...)` returns a `concurrent.futures.Future` (cancellable until it starts)."""

    def __init__(self, size: int):
        self._tasks: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        for i in range(size):
            threading.Thread(target=self._run, name=f"{_PREFIX}_{i}", daemon=True).start()

    def submit(self, fn: Callable[..., Any], *args: Any, priority: int = GRAPH) -> Future:
        future: Future = Future()
        self._tasks.put((priority, next(self._order), future, fn, args))
        return future

    def _run(self) -> None:
        while True:
            _, _, future, fn, args = self._tasks.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:
                future.set_exception(exc)


_shared: _Pool | None = None
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


def _pool() -> _Pool:
    """The worker threads (one pool: a graph evaluation and the block maps of its nodes share
    the cores instead of oversubscribing them)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = _Pool(workers())
        return _shared


class _Waiting:
    """Graph tasks submitted to the pool and not yet started (helpers of a block map give
    their worker up to them between blocks)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def add(self, k: int) -> None:
        with self._lock:
            self.count += k


_waiting = _Waiting()


class _Map:
    """The state of one `thread_map` (a class, not closures: a closure that queues itself
    would make a reference cycle, keeping the blocks alive until the garbage collector runs)."""

    def __init__(self, fn: Callable[..., Any], items: list):
        self.fn, self.items = fn, items
        self.results: list = [None] * len(items)
        self.errors: list[BaseException] = []
        self.turn = itertools.count()  # next() is atomic: each item is taken once
        self.helpers: list[tuple] = []  # (future, the item it was handed or None)

    def run(self, i: int) -> None:
        try:
            self.results[i] = self.fn(*self.items[i])
        except BaseException as exc:  # re-raised in the caller
            self.errors.append(exc)

    def work(self, i: int | None = None, helper: bool = True) -> None:
        while True:
            i = next(self.turn) if i is None else i
            if i >= len(self.items) or self.errors:
                return
            if helper and _waiting.count > 0:  # hand item i on, behind the graph's work
                self.helpers.append((_pool().submit(self.work, i, priority=HELPER), i))
                return
            self.run(i)
            i = None


def thread_map(fn: Callable[..., Any], *iterables: Iterable) -> list:
    """[fn(*args) for args in zip(*iterables)] (results in order). The calling thread works
    through the items and up to `workers() − 1` helpers on the pool take items too while it
    does. A helper that has not started when the items run out is cancelled, so a map never
    waits for a busy pool (a graph node mapping its blocks uses the cores left free); a
    helper gives its worker up between items when graph work is waiting (it hands its next
    item to a new helper queued behind it), so other branches of the graph run beside a
    heavy node's blocks instead of after them."""
    items = list(zip(*iterables, strict=True))
    if len(items) < 2 or workers() < 2:
        return [fn(*args) for args in items]
    m = _Map(fn, items)
    for _ in range(min(workers(), len(items)) - 1):
        m.helpers.append((_pool().submit(m.work, priority=HELPER), None))
    m.work(helper=False)
    while m.helpers:  # a helper running now may queue another before it ends
        future, handed = m.helpers.pop()
        if not future.cancel():
            future.result()
        elif handed is not None and not m.errors:
            m.run(handed)
    if m.errors:
        raise m.errors[0]
    return m.results


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


class _GraphRun:
    """The state of one `run_graph` (a class: see `_Map`)."""

    def __init__(self, nodes: list, values: dict, compute: Callable, rank: Mapping):
        self.values, self.compute, self.rank = values, compute, rank
        self.pending = {n.name: n for n in nodes if n.name not in values}
        self.users: dict[str, list[str]] = {}
        self.missing: dict[str, int] = {}
        for n in self.pending.values():
            deps = {q for q in n.inputs if q in self.pending}
            self.missing[n.name] = len(deps)
            for q in deps:
                self.users.setdefault(q, []).append(n.name)
        self.order = {n.name: i for i, n in enumerate(nodes)}
        self.ready = [self._entry(k) for k, c in self.missing.items() if c == 0]
        heapq.heapify(self.ready)
        self.size, self.lock, self.finished = workers(), threading.Lock(), threading.Event()
        self.loops, self.error = 0, None

    def _entry(self, name: str) -> tuple:
        return -self.rank.get(name, 0), self.order[name], name

    def spawn(self, k: int) -> None:
        """Ask for up to k more workers (under the lock)."""
        k = max(min(k, self.size - self.loops), 0)
        self.loops += k
        for _ in range(k):
            _waiting.add(1)
            _pool().submit(self.loop)

    def loop(self) -> None:
        """Take ready nodes, highest rank first, until none is left."""
        _waiting.add(-1)
        while True:
            with self.lock:
                if not self.ready or self.error is not None:
                    self.loops -= 1
                    if self.loops == 0:
                        self.finished.set()
                    return
                name = heapq.heappop(self.ready)[2]
            try:
                value = self.compute(self.pending[name], self.values)
            except BaseException as exc:
                with self.lock:
                    self.error = self.error or exc
                continue
            with self.lock:
                self.values[name] = value
                for u in self.users.get(name, ()):
                    self.missing[u] -= 1
                    if self.missing[u] == 0:
                        heapq.heappush(self.ready, self._entry(u))
                self.spawn(len(self.ready) - 1)  # this worker takes one of them


def run_graph(
    nodes: list, values: dict[str, Any], compute: Callable[[Any, dict], Any], rank: Mapping
) -> None:
    """Evaluate `nodes` (in dependency order) into `values` on the pool. A node starts when
    its inputs are known; among ready nodes the one with the highest `rank` (the work
    downstream of it, `critical_rank`) goes first. Each worker takes ready nodes until none
    is left: a chain of small nodes runs back to back in one thread, and a worker is asked
    for only when more nodes are ready than workers are running. `compute(node, values)`
    returns the node's value. Exceptions propagate after the nodes in flight finish."""
    run = _GraphRun(nodes, values, compute, rank)
    if not run.pending:
        return
    with run.lock:
        run.spawn(len(run.ready))
        if run.loops == 0:  # nothing ready (a cycle): reported below, not waited for
            run.finished.set()
    run.finished.wait()
    if run.error is not None:
        raise run.error
    left = [k for k in run.pending if k not in values]
    if left:  # (a cycle, or an input that is never computed)
        raise RuntimeError(f"graph evaluation stopped with {len(left)} nodes left: {left[:3]}")


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

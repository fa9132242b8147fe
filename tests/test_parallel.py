"""Threads for large arrays (gigawatt.parallel): the same values as one thread, in order,
errors propagated; the graph evaluated on threads equals the serial evaluation."""

import gc
import time

import numpy as np
import pytest

from gigawatt import parallel
from gigawatt.campus import Campus
from gigawatt.graph import Graph, node


def sq(x):
    """Square.

    sq = x²
    """
    return x * x


def plus_one(sq):
    """sq + 1.

    plus_one = sq + 1
    """
    return sq + 1.0


def fails(plus_one):
    """A node that raises (for the error path).

    fails = error
    """
    raise ValueError("bad value in fails")


def test_thread_map_keeps_order_and_values(monkeypatch):
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    blocks = [np.arange(i, i + 1000.0) for i in range(7)]
    got = parallel.thread_map(lambda a, k: a.sum() * k, blocks, range(7))
    assert got == [b.sum() * k for k, b in enumerate(blocks)]


def test_thread_map_propagates_errors(monkeypatch):
    monkeypatch.setenv("GIGAWATT_THREADS", "2")

    def boom(x):
        raise KeyError(x)

    with pytest.raises(KeyError):
        parallel.thread_map(boom, [1, 2, 3])


def test_workers_reads_the_environment(monkeypatch):
    monkeypatch.setenv("GIGAWATT_THREADS", "3")
    assert parallel.workers() == 3
    monkeypatch.setenv("GIGAWATT_THREADS", "0")  # not a count: the cores
    assert parallel.workers() >= 1


def test_critical_rank_is_the_longest_chain_below():
    g = Graph([node(sq), node(plus_one)])
    rank = parallel.critical_rank(g.order, {"sq": 2.0, "plus_one": 3.0})
    assert rank == {"plus_one": 3.0, "sq": 5.0}


def test_graph_on_threads_equals_one_thread_and_raises_node_errors(monkeypatch):
    x = np.linspace(0.0, 1.0, parallel.GRAPH_MIN_ELEMENTS)
    g = Graph([node(sq), node(plus_one)])
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    threaded = g.evaluate({"x": x})
    assert set(g.seconds) == {"sq", "plus_one"}  # ran on the threaded path
    monkeypatch.setenv("GIGAWATT_THREADS", "1")
    serial = g.evaluate({"x": x})
    np.testing.assert_array_equal(threaded["plus_one"], serial["plus_one"])
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    with pytest.raises(ValueError, match="bad value"):
        Graph([node(sq), node(plus_one), node(fails)]).evaluate({"x": x})


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)
    if isinstance(a, float):
        return a == b or (np.isnan(a) and np.isnan(b))
    return True  # sub-model objects: compared through the quantities read from them


def test_campus_graph_on_threads_equals_one_thread(monkeypatch, root):
    """25,000 plans: the graph on threads (finance blocks on threads too) gives every quantity
    bit for bit as in one thread (pure nodes, disjoint blocks, reductions in order)."""
    n = 25_000
    rng = np.random.default_rng(1)
    arrays = {
        "compute.gpu_count": rng.uniform(100_000, 1_000_000, n).round(),
        "finance.wacc_frac": rng.uniform(0.06, 0.14, n),
    }
    campus = Campus.from_file(root / "examples" / "colossus2.yaml")
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    threaded = campus.evaluate(arrays, use_memo=False)
    monkeypatch.setenv("GIGAWATT_THREADS", "1")
    serial = campus.evaluate(arrays, use_memo=False)
    differ = [k for k in serial if not _same(threaded[k], serial[k])]
    assert not differ
    assert np.ndim(serial["npv_usd"]) == 1 and np.isfinite(serial["npv_usd"]).all()


def test_an_evaluation_on_a_worker_runs_in_its_thread(monkeypatch):
    """A graph evaluated on a pool worker (inside a block map) does not queue its nodes
    behind itself on the pool: they run in that worker's thread."""
    import threading

    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    ran_on = []

    def where(x):
        """The thread a node runs on (for this test).

        where = x
        """
        ran_on.append(threading.current_thread().name)
        return x

    g = Graph([node(where)])
    x = np.zeros(parallel.GRAPH_MIN_ELEMENTS)
    caller = (
        parallel._pool()
        .submit(lambda: (g.evaluate({"x": x}), threading.current_thread().name)[1])
        .result(timeout=60)
    )
    assert ran_on == [caller]


_finished: dict[str, float] = {}


def late(x):
    """A node that takes a little while (for the scheduling test).

    late = x
    """
    time.sleep(0.05)
    return x


def chain_a(late):
    """First of a chain of small nodes.

    chain_a = late
    """
    return late


def chain_b(chain_a):
    """Last of a chain of small nodes; records when it ends.

    chain_b = chain_a
    """
    _finished["chain_b"] = time.perf_counter()
    return chain_a


def blocks(x):
    """A heavy node mapping 20 blocks of 20 ms on the pool; records when it ends.

    blocks = x
    """
    parallel.thread_map(lambda k: time.sleep(0.02), range(20))
    _finished["blocks"] = time.perf_counter()
    return x


def test_graph_nodes_go_before_the_helpers_of_a_block_map(monkeypatch):
    """A chain that becomes ready while another node maps its blocks runs beside the blocks
    (the helper gives its worker up between blocks), not after them."""
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    g = Graph([node(late), node(chain_a), node(chain_b), node(blocks)])
    g.evaluate({"x": np.zeros(parallel.GRAPH_MIN_ELEMENTS)})
    assert _finished["chain_b"] < _finished["blocks"] - 0.05


def test_threads_leave_no_reference_cycles(monkeypatch):
    """The maps and the graph run free their state at once (a reference cycle would keep
    every block's inputs alive until the garbage collector runs: ~600 MB per evaluation of
    100,000 plans)."""
    monkeypatch.setenv("GIGAWATT_THREADS", "2")
    g = Graph([node(sq), node(plus_one)])
    x = np.linspace(0.0, 1.0, parallel.GRAPH_MIN_ELEMENTS)
    gc.collect()
    gc.disable()
    try:
        parallel.thread_map(lambda a: a * 2.0, [x, x, x])
        g.evaluate({"x": x})
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_graph_with_nothing_ready_is_reported_not_waited_for(monkeypatch):
    """Nodes that wait on each other (no node ready) raise at once instead of hanging."""
    monkeypatch.setenv("GIGAWATT_THREADS", "2")

    class N:  # the fields run_graph reads of a node
        def __init__(self, name, inputs):
            self.name, self.inputs = name, inputs

    nodes = [N("a", ("b",)), N("b", ("a",))]
    with pytest.raises(RuntimeError, match="nodes left"):
        parallel.run_graph(nodes, {}, lambda n, v: 0.0, {})

"""The quantity graph: dependency order, overrides, targets, cycles, arrays."""

import numpy as np
import pytest

from gigawatt.campus import Campus
from gigawatt.graph import Graph, GraphError, default_graph, node


def double_mw(base_mw):
    """Twice the base.

    double_mw = 2 · base_mw
    """
    return 2 * base_mw


def total_mw(double_mw, base_mw):
    """Sum.

    total_mw = double_mw + base_mw
    """
    return double_mw + base_mw


def test_evaluates_in_dependency_order_whatever_the_listing_order():
    g = Graph([node(total_mw), node(double_mw)])
    assert g.evaluate({"base_mw": 3.0})["total_mw"] == 9.0
    assert g.free_inputs == {"base_mw"}


def test_a_given_value_replaces_the_formula():
    g = Graph([node(total_mw), node(double_mw)])
    assert g.evaluate({"base_mw": 3.0}, overrides={"double_mw": 10.0})["total_mw"] == 13.0


def test_targets_compute_only_what_they_need():
    g = Graph([node(total_mw), node(double_mw)])
    out = g.evaluate({"base_mw": 1.0}, targets=["double_mw"])
    assert "total_mw" not in out and out["double_mw"] == 2.0


def test_renamed_inputs_and_formula_text():
    n = node(double_mw, name="twice_grid_mw", base_mw="grid_mw")
    assert n.inputs == ("grid_mw",)
    assert n.formula == "twice_grid_mw = 2 · grid_mw"


def test_cycles_and_duplicates_are_wiring_errors():
    def a_mw(b_mw):
        return b_mw

    def b_mw(a_mw):
        return a_mw

    with pytest.raises(GraphError, match="cycle"):
        Graph([node(a_mw), node(b_mw)])
    with pytest.raises(GraphError, match="defined twice"):
        Graph([node(double_mw), node(double_mw)])


def test_every_node_documents_its_formula_and_units():
    for n in default_graph().nodes.values():
        assert n.formula, f"{n.name}: docstring needs a '{n.func.__name__} = ...' line"
        for param, _ in n.args:
            assert param in n.doc, f"{n.name}: parameter {param} undocumented"
        assert "[" in n.doc and "]" in n.doc, f"{n.name}: units in [brackets]"


def test_array_inputs_give_the_same_numbers_as_scalar_runs(root):
    """One vectorised evaluation equals N scalar ones, for every quantity in the graph."""
    campus = Campus.from_file(root / "examples" / "colossus1.yaml")
    counts = np.array([8.0, 80_000.0, 1_000_000.0])
    prices = np.array([40.0, 62.0, 90.0])
    arr = campus.evaluate({"compute.gpu_count": counts, "grid_price_usd_per_mwh": prices})
    for i in range(3):
        one = campus.evaluate({"compute.gpu_count": counts[i], "grid_price_usd_per_mwh": prices[i]})
        for name in default_graph().nodes:
            a, s = arr[name], one[name]
            if isinstance(s, int | float | np.floating) and not isinstance(s, bool):
                assert np.broadcast_to(a, counts.shape)[i] == pytest.approx(float(s), rel=1e-12), (
                    name
                )


def test_array_inputs_hold_one_value_per_plan(root):
    """Arrays for numeric scenario fields are 1-D and of one length (lists are arrays); a
    2-D array, arrays of different lengths, text or several values of a field that shapes
    the task network get a message naming the fields."""
    from gigawatt.errors import GigawattInputError

    campus = Campus.from_file(root / "examples" / "minimal.yaml")
    as_list = campus.evaluate({"finance.wacc_frac": [0.05, 0.08]}, targets=["npv_usd"])
    as_array = campus.evaluate({"finance.wacc_frac": np.array([0.05, 0.08])}, targets=["npv_usd"])
    assert np.array_equal(as_list["npv_usd"], as_array["npv_usd"])
    bad = [
        ({"finance.wacc_frac": np.full((3, 4), 0.08)}, r"finance\.wacc_frac.*shape \(3, 4\)"),
        (
            {"finance.wacc_frac": np.full(3, 0.08), "compute.gpu_count": np.full(5, 1e5)},
            r"different lengths: finance\.wacc_frac \(3\), compute\.gpu_count \(5\)",
        ),
        ({"wacc_frac": ["a", "b"]}, r"wacc_frac.*must be a number or an array of numbers"),
        ({"schedule.sample_count": [100, 200]}, r"schedule\.sample_count: shapes the task"),
    ]
    for values, message in bad:
        with pytest.raises(GigawattInputError, match=message):
            campus.evaluate(values)


def test_memo_reuses_heavy_nodes_and_changes_nothing(root):
    """Cached heavy sub-models give exactly the numbers of a fresh evaluation, and a what-if
    recomputes what depends on the changed input (and only reuses what does not)."""
    campus = Campus.from_file(root / "examples" / "colossus1.yaml")
    graph = campus.graph
    graph.memo.clear()
    fresh = graph.evaluate(campus.inputs, use_memo=False)
    first = campus.evaluate()
    again = campus.evaluate()
    assert graph.memo.hits > 0
    for name in graph.nodes:
        if isinstance(fresh[name], int | float | np.floating):
            assert again[name] == fresh[name] == first[name], name
    assert again["training_plan_spec"] is first["training_plan_spec"]  # reused
    cheap = campus.evaluate({"power.gas_price_usd_per_mmbtu": 9.0})
    assert cheap["training_plan_spec"] is first["training_plan_spec"]  # not an input of it
    assert cheap["fuel_cost_usd_per_year"] != first["fuel_cost_usd_per_year"]
    nocache = graph.evaluate({**campus.inputs, "gas_price_usd_per_mmbtu": 9.0}, use_memo=False)
    for name in ("fuel_cost_usd_per_year", "opex_usd_per_year", "npv_usd", "lcoe_usd_per_mwh"):
        assert cheap[name] == pytest.approx(nocache[name], rel=1e-12), name
    bigger = campus.evaluate({"compute.gpu_count": 120_000})
    assert bigger["training_plan_spec"] is not first["training_plan_spec"]

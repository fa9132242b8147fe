"""Properties of the whole model (hypothesis): monotonicity, conservation, goal-seek."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.scenario.io import validate_document

BASE = {"compute": {"system": "gb200-nvl72", "gpu_count": 72}, "power": {"grid_mw": 50}}


@pytest.fixture(scope="module")
def campus():
    return Campus(validate_document(BASE))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 3_000_000), min_size=2, max_size=40))
def test_monotone_in_gpu_count(campus, counts):
    counts = np.sort(np.array(counts, dtype=float))
    v = campus.evaluate({"compute.gpu_count": counts})
    for q in (
        "it_power_mw",
        "facility_power_mw",
        "capex_usd",
        "opex_usd_per_year",
        "switch_count",
        "turbine_count",
        "peak_bf16_flop_per_s",
    ):
        assert np.all(np.diff(np.broadcast_to(v[q], counts.shape)) >= -1e-6), q


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 2_000_000), st.floats(0, 3_000), st.floats(0.1, 1.0))
def test_energy_and_power_balances_close(campus, gpus, grid, avg):
    v = campus.evaluate(
        {"compute.gpu_count": float(gpus), "power.grid_mw": grid, "compute.avg_power_frac": avg}
    )
    served = sum(
        v[f"{k}_mwh_per_year"]
        for k in ("grid_energy", "gas_energy", "solar_energy", "backup_energy", "unserved")
    )
    assert served == pytest.approx(v["facility_energy_mwh_per_year"], rel=1e-9)
    assert v["gas_energy_mwh_per_year"] >= -1e-6
    assert v["facility_power_mw"] == pytest.approx(
        v["it_power_mw"] + v["distribution_loss_mw"] + v["cooling_power_mw"] + v["misc_power_mw"],
        rel=1e-12,
    )
    assert v["firm_capacity_mw"] >= v["facility_power_mw"] - 1e-6  # supply always serves peak


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 2_000_000))
def test_capex_equals_the_sum_of_its_items(campus, gpus):
    v = campus.evaluate({"compute.gpu_count": float(gpus)})
    items = campus.graph.nodes["capex_usd"].inputs
    assert sum(float(v[i]) for i in items) == pytest.approx(float(v["capex_usd"]), rel=1e-12)
    opex_items = campus.graph.nodes["opex_usd_per_year"].inputs
    assert sum(float(v[i]) for i in opex_items) == pytest.approx(float(v["opex_usd_per_year"]))


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 5_000.0), st.one_of(st.none(), st.floats(1e7, 1e11)))
def test_goal_seek_meets_the_caps_and_one_more_system_breaks_one(cap_mw, budget):
    data = {"compute": {"system": "gb200-nvl72"}, "site": {"power_cap_mw": cap_mw}}
    if budget is not None:
        data["finance"] = {"budget_usd": budget}
    campus = Campus(validate_document(data))
    try:
        n, binding = campus.largest_system_count()
    except Exception as exc:  # not even one rack fits: must be an input error
        assert "not even one system fits" in str(exc)
        return
    fit = campus.evaluate({"system_count": float(n)})
    assert fit["facility_power_mw"] <= cap_mw * (1 + 1e-9)
    if budget is not None:
        assert fit["capex_usd"] <= budget * (1 + 1e-9)
    over = campus.evaluate({"system_count": float(n + 1)})
    broken = over["facility_power_mw"] > cap_mw or (
        budget is not None and over["capex_usd"] > budget
    )
    assert broken and binding

"""Schedule properties (hypothesis): with common random numbers, longer lead times or slower
crews never bring a milestone earlier; the plans of one array evaluation share their draws."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.scenario.io import validate_document

BASE = {
    "compute": {"system": "gb200-nvl72", "gpu_count": 200_016},
    "power": {"grid_mw": 100},
    "schedule": {"start_date": "2026-01-01", "building_count": 3, "sample_count": 300},
}
MILESTONES = ("first_rack_days", "first_training_days", "full_capacity_days", "idle_gpu_days")


@pytest.fixture(scope="module")
def campus():
    return Campus(validate_document(BASE))


def _sorted(values):
    return np.sort(np.array(values, dtype=float))


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(
        ["transformer_lead_time_months", "turbine_lead_time_months", "grid_interconnection_months"]
    ),
    st.lists(st.floats(1.0, 90.0), min_size=2, max_size=8),
)
def test_longer_lead_times_never_bring_milestones_earlier(campus, quantity, months):
    x = _sorted(months)
    v = campus.evaluate({quantity: x}, targets=["schedule_spec"])
    spec = v["schedule_spec"]
    for name in ("first_rack", "full_capacity", "first_training"):
        per_sample = spec.milestones[name]  # (sample, plan), common random numbers
        assert np.all(np.diff(per_sample, axis=1) >= -1e-9), name


@settings(max_examples=20, deadline=None)
@given(st.lists(st.floats(5.0, 2000.0), min_size=2, max_size=8))
def test_faster_crews_never_delay_full_capacity(campus, rates):
    x = _sorted(rates)
    v = campus.evaluate({"rack_install_racks_per_day": x}, targets=["full_capacity_days"])
    assert np.all(np.diff(v["full_capacity_days"]) <= 1e-9)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(0.0, 400.0), min_size=2, max_size=6))
def test_staggering_halls_never_brings_full_capacity_earlier(campus, stagger):
    x = _sorted(stagger)
    v = campus.evaluate({"building_stagger_days": x}, targets=list(MILESTONES))
    assert np.all(np.diff(v["full_capacity_days"]) >= -1e-9)
    assert np.all(np.diff(v["first_rack_days"]) >= -1e-9)


def test_array_evaluation_equals_scalar_runs(campus):
    x = np.array([10.0, 30.0, 60.0])
    arr = campus.evaluate({"transformer_lead_time_months": x}, targets=list(MILESTONES))
    for i, xi in enumerate(x):
        one = campus.evaluate({"transformer_lead_time_months": xi}, targets=list(MILESTONES))
        for name in MILESTONES:
            assert arr[name][i] == pytest.approx(one[name], rel=1e-12), name

"""Temporary power until the permanent supply covers the load (issue 7, coupling): the
bridge's intervals and cost by hand, its place in the cash flows, the examples, and
properties (a bigger grid never costs more bridge; a supply on line before the temporary
units needs none)."""

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.finance.phasing import bridge_flows, bridge_of, bridge_total_usd, schedule_times
from gigawatt.scenario import load_scenario

INF = np.inf


def _spec(temp_day, grid_day, gen_day, temp_mw, grid_mw, gen_mw, load_mw):
    caps = {
        "temporary_power_available": np.array([temp_mw], float),
        "grid_available": np.array([grid_mw], float),
        "generation_available": np.array([gen_mw], float),
    }
    milestone = {
        "temporary_power_available": np.array([temp_day], float),
        "grid_available": np.array([grid_day], float),
        "generation_available": np.array([gen_day], float),
    }
    return SimpleNamespace(capacities=caps, demand_mw=np.array([load_mw], float)), milestone


def _times(bridge, gpus=1000.0, ramp_start=0.0, ramp_days=0.0):
    """One hall whose GPUs come online linearly from `ramp_start` over `ramp_days`."""
    return SimpleNamespace(
        bridge=bridge,
        ramp_start=np.array([[ramp_start]]),
        ramp_days=np.array([[ramp_days]]),
        gpus=np.array([[gpus]]),
    )


def _econ(rent, premium):
    return SimpleNamespace(
        temporary_rent_usd_per_mw_day=rent, bridge_premium_usd_per_gpu_day=premium
    )


def _total(t, end, rent, premium):
    return float(bridge_total_usd(bridge_flows(t, end, _econ(rent, premium)))[0])


def test_bridge_by_hand():
    """10 MW load, 10 MW temporary from day 0, 6 MW grid at day 100, 10 MW generation at day
    300; 1,000 GPUs all online from day 0; rent $1,000/MW-day, premium $2/GPU-day.
    Needs: 10 MW on [0, 100), 4 MW on [100, 300), none after.
    Per GPU-day: rent 1,000 · 10 / 1,000 = $10, + $2 premium = $12 at full share.
    [0, 100): 12 · 1.0 · 1,000 GPUs · 100 d = $1.2M; [100, 300): 12 · 0.4 · 1,000 · 200 = $0.96M.
    """
    spec, ms = _spec(0.0, 100.0, 300.0, 10.0, 6.0, 10.0, 10.0)
    bridge = bridge_of(spec, ms)
    assert [float(x[0]) for x in bridge.need_mw] == pytest.approx([10.0, 4.0, 0.0])
    t = _times(bridge)
    flows = bridge_flows(t, np.array([2000.0]), _econ(1000.0, 2.0))
    assert [float(f[2][0]) for f in flows] == pytest.approx([12_000.0, 4_800.0, 0.0])
    assert _total(t, np.array([2000.0]), 1000.0, 2.0) == pytest.approx(2.16e6)


def test_bridge_follows_the_gpus_online():
    """Halls filling linearly over [0, 100): on [0, 100) the GPU-days are half of 1,000 · 100;
    with the grid (covering everything) at day 100 the bridge costs 12 · 50,000 = $0.6M."""
    spec, ms = _spec(0.0, 100.0, INF, 10.0, 10.0, 0.0, 10.0)
    t = _times(bridge_of(spec, ms), ramp_days=100.0)
    assert _total(t, np.array([2000.0]), 1000.0, 2.0) == pytest.approx(6e5)


def test_no_bridge_without_temporary_power_or_when_the_supply_comes_first():
    spec, ms = _spec(INF, 100.0, INF, 0.0, 10.0, 0.0, 10.0)  # no temporary units
    assert _total(_times(bridge_of(spec, ms)), np.array([2000.0]), 1000.0, 2.0) == 0.0
    spec, ms = _spec(200.0, 100.0, INF, 10.0, 10.0, 0.0, 10.0)  # grid before temporary power
    assert _total(_times(bridge_of(spec, ms)), np.array([2000.0]), 1000.0, 2.0) == 0.0


def test_supply_short_of_the_load_keeps_the_bridge_to_the_end():
    """Grid 4 MW only: 6 of the 10 MW stay on temporary units until the analysis ends."""
    spec, ms = _spec(0.0, 100.0, INF, 10.0, 4.0, 0.0, 10.0)
    t = _times(bridge_of(spec, ms))
    total = _total(t, np.array([1000.0]), 1000.0, 2.0)
    assert total == pytest.approx(12.0 * 1000 * 100 + 12.0 * 0.6 * 1000 * 900)


@settings(max_examples=60, deadline=None)
@given(
    grid_mw=st.floats(0.0, 20.0),
    more_mw=st.floats(0.0, 10.0),
    grid_day=st.floats(0.0, 500.0),
    gen_day=st.floats(0.0, 500.0),
    gen_mw=st.floats(0.0, 20.0),
    ramp_days=st.floats(0.0, 300.0),
)
def test_a_bigger_grid_never_costs_more_bridge(
    grid_mw, more_mw, grid_day, gen_day, gen_mw, ramp_days
):
    end = np.array([1500.0])
    costs = []
    for g in (grid_mw, grid_mw + more_mw):
        spec, ms = _spec(10.0, grid_day, gen_day, 12.0, g, gen_mw, 10.0)
        t = _times(bridge_of(spec, ms), ramp_start=20.0, ramp_days=ramp_days)
        costs.append(_total(t, end, 1000.0, 2.0))
    assert costs[0] >= 0.0
    assert costs[1] <= costs[0] * (1 + 1e-12) + 1e-9


@pytest.fixture(scope="module")
def colossus1(root):
    return Campus.from_file(root / "examples" / "colossus1.yaml").plan()


def test_colossus1_bridges_to_the_grid_then_to_its_own_turbines(colossus1):
    """150 MW of grid (OFF) does not carry the ~193 MW facility: after the grid the temporary
    units carry the rest until the permanent turbines are in service."""
    flows = colossus1.values["finance_costs_spec"].base
    b = schedule_times(colossus1.values["schedule_spec"]).bridge
    load = colossus1["facility_power_mw"]
    assert float(b.need_mw[0][0]) == pytest.approx(load)
    assert float(b.need_mw[1][0]) == pytest.approx(load - 150.0)
    assert float(b.need_mw[2][0]) == 0.0
    assert colossus1["temporary_power_usd"] > 0
    assert flows.bridge_usd[0] == pytest.approx(colossus1["temporary_power_usd"])


def test_the_bridge_is_in_the_opex_and_nowhere_else(root):
    """Without inflation the monthly opex of two plans differing only in the rent differ by
    exactly the difference of their bridge costs; capex does not change."""
    path = root / "examples" / "colossus1.yaml"
    plans = []
    for rent in (30.0, 0.0):
        sets = ["finance.inflation_frac=0", f"power.temporary_rent_usd_per_kw_month={rent}"]
        plans.append(Campus(load_scenario(path, sets)).plan())
    a, b = (p.values["finance_costs_spec"].base for p in plans)
    assert a.opex.sum() - b.opex.sum() == pytest.approx(
        plans[0]["temporary_power_usd"] - plans[1]["temporary_power_usd"], rel=1e-9
    )
    assert plans[0]["temporary_power_usd"] > plans[1]["temporary_power_usd"]
    assert plans[0]["capex_usd"] == plans[1]["capex_usd"]
    assert plans[0]["levelized_usd_per_gpu_hour"] > plans[1]["levelized_usd_per_gpu_hour"]


def test_no_temporary_power_no_bridge(root):
    path = root / "examples" / "colossus1.yaml"
    plan = Campus(load_scenario(path, ["schedule.temporary_power_mw=0"])).plan()
    assert plan["temporary_power_usd"] == 0.0
    minimal = Campus(load_scenario(root / "examples" / "minimal.yaml")).plan()
    assert minimal["temporary_power_usd"] == 0.0  # greenfield template: no temporary units

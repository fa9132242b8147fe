"""Schedule and finance on large arrays (docs/schedule-finance.md, "Arrays"): one schedule
realisation per plan above `SHARED_DRAWS_MAX_PLANS` and the vectorised IRR equal to
numpy-financial (the finance fast path: tests/test_finance_fastpath.py)."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest

from gigawatt.campus import Campus
from gigawatt.finance import metrics
from gigawatt.schedule import model as schedule_model
from gigawatt.schedule.result import percentile

FINANCE = [
    "levelized_usd_per_gpu_hour",
    "levelized_usd_per_pflop_day",
    "npv_usd",
    "irr_frac",
    "equity_irr_frac",
    "dscr_min_ratio",
    "payback_years",
    "interest_during_construction_usd",
    "debt_usd",
    "equity_usd",
    "financing_fees_usd",
    "delay_cost_usd_per_month",
]


@pytest.fixture(scope="module")
def colossus2(root):
    return Campus.from_file(root / "examples" / "colossus2.yaml")


def _plans(n: int) -> dict:
    rng = np.random.default_rng(4)
    return {
        "compute.gpu_count": rng.uniform(1e5, 1e6, n).round(),
        "finance.wacc_frac": rng.uniform(0.06, 0.14, n),
    }


def test_irr_equals_numpy_financial_on_the_produced_flows_of_many_plans(colossus2):
    v = colossus2.evaluate(_plans(6), targets=["cash_flow_spec"])
    f = v["cash_flow_spec"].flows
    for flows in (f.project_cf, f.equity_cf):
        ours = metrics.irr(flows)
        ref = [npf.irr(flows[:, i]) for i in range(flows.shape[1])]
        assert ours == pytest.approx(ref, abs=1e-8)


def test_irr_on_random_conventional_flows_equals_numpy_financial():
    """Outlay over 1-24 periods then income, with a terminal value of either sign."""
    rng = np.random.default_rng(5)
    flows = np.zeros((60, 200))
    build = rng.integers(1, 24, 200)
    for i, b in enumerate(build):
        flows[:b, i] = -rng.uniform(1, 3, b)
        flows[b:, i] = rng.uniform(0.05, 0.6, 60 - b)
    flows[-1] += rng.uniform(-3, 3, 200)
    ours = metrics.irr(flows)
    ref = np.array([npf.irr(flows[:, i]) for i in range(200)])
    assert np.array_equal(np.isnan(ours), np.isnan(ref))
    assert ours[~np.isnan(ref)] == pytest.approx(ref[~np.isnan(ref)], abs=1e-8)


def test_many_plans_get_one_schedule_realisation_each(colossus2, monkeypatch):
    """Above the threshold each plan is one Monte Carlo sample: the spread over the plans
    matches the P10/P50/P90 of the scalar run's 2,000 samples (within 1 %)."""
    scalar = colossus2.evaluate(
        targets=["full_capacity_p10_days", "full_capacity_days", "full_capacity_p90_days"]
    )
    monkeypatch.setattr(schedule_model, "SHARED_DRAWS_MAX_PLANS", 8)
    v = colossus2.evaluate({"compute.gpu_count": np.full(2000, 1e6)}, ["full_capacity_days"])
    days = v["full_capacity_days"]
    assert v["schedule_spec"].sample_count == 1
    assert np.std(days) > 1.0  # not one shared draw
    want = [scalar[k] for k in ("full_capacity_p10_days", "full_capacity_days",
                                "full_capacity_p90_days")]  # fmt: skip
    assert np.percentile(days, [10, 50, 90]) == pytest.approx(want, rel=0.01)


def test_arrays_the_schedule_does_not_depend_on(colossus2):
    """An array of an input the schedule does not use (the failure rate: one shared schedule
    for every plan) still gives one run finish and one goal count per plan, equal to the
    scalar runs (the partial-cluster run and the 1e27-FLOP goal depend on time to train)."""
    lam = np.array([1e-6, 3e-5, 1e-4])
    names = ["run_finish_partial_start_days", "goals_missed_count", "partial_start_gain_days"]
    v = colossus2.evaluate({"failure_rate_per_gpu_hour": lam}, targets=names)
    for i, x in enumerate(lam):
        one = colossus2.evaluate({"failure_rate_per_gpu_hour": x}, targets=names)
        for name in names:
            assert np.shape(v[name]) == (3,), name
            assert v[name][i] == pytest.approx(one[name], rel=1e-12), name
    assert v["run_finish_partial_start_days"][2] > v["run_finish_partial_start_days"][0]


def test_many_plans_sharing_one_schedule_take_a_draw_each(root):
    """More than `SHARED_DRAWS_MAX_PLANS` plans that share one schedule (arrays of inputs it
    does not use): each plan's run finish and goal days come from its own draw (plan i, draw
    i mod S), so the work grows with the plans, not plans × draws (10,000 plans × 2,000
    draws took 41 s and 5.8 GB before). With 600 equal plans on 300 draws every draw is
    taken twice: the P50 over the plans is the scalar run's P50 over its draws."""
    campus = Campus.from_file(root / "examples" / "colossus2.yaml", ["schedule.sample_count=300"])
    names = ["run_finish_partial_start_days", "schedule_goals_spec", "goals_missed_count"]
    one = campus.evaluate(targets=[*names, "failure_rate_per_gpu_hour"])
    lam = np.full(600, float(one["failure_rate_per_gpu_hour"]))
    many = campus.evaluate({"failure_rate_per_gpu_hour": lam}, targets=names)
    finish = many["run_finish_partial_start_days"]
    assert finish.shape == (600,) and np.ptp(finish) > 0  # one realisation each
    p50 = percentile(finish, 50.0)  # (nearest sample, as the schedule's percentiles)
    assert p50 == pytest.approx(one["run_finish_partial_start_days"], rel=1e-12)
    checks = zip(many["schedule_goals_spec"].checks, one["schedule_goals_spec"].checks, strict=True)
    for a, b in checks:
        assert a.reached.shape == (1, 600) and b.reached.shape == (300, 1), a.name
        assert percentile(a.reached[0], 50.0) == pytest.approx(b.p50_days[0], rel=1e-12), a.name
    assert many["goals_missed_count"].shape == (600,)

"""Finance properties (hypothesis): delay never lowers the cost of compute; a higher rate, or
more debt at a rate at or above the sponsor's discount rate, never lowers it either."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.finance.cashflow import cost_flows, monthly_rate_frac
from gigawatt.finance.phasing import schedule_times
from gigawatt.scenario.finance import Source


@pytest.fixture(scope="module")
def base(root):
    plan = Campus.from_file(root / "examples" / "colossus1.yaml").plan()
    costs = plan.values["finance_costs_spec"].base
    items = {k: np.atleast_1d(plan[k]).astype(float) for k in costs.capex}
    times = schedule_times(plan.values["schedule_spec"])
    return times, items, costs.econ


def _lcoe(base, financing=(), delay_days=0.0):
    times, items, econ = base
    end = times.full_capacity + econ.horizon_years * 365.25
    c = cost_flows(times, items, econ, tuple(financing), delay_days, end_day=end)
    return float(c.levelized_usd_per_gpu_hour[0])


def _source(kind, share, rate, tenor=5.0, amortization="annuity", fee=0.0):
    return Source(
        kind=kind,
        finances="all" if kind == "project_debt" else "it",
        share_frac=share,
        rate_frac=rate,
        tenor_years=tenor,
        amortization=amortization,
        upfront_fee_frac=fee,
    )


@settings(max_examples=30, deadline=None)
@given(st.floats(0.0, 400.0), st.floats(0.0, 400.0))
def test_delay_never_lowers_the_cost_of_compute(base, d1, d2):
    d1, d2 = sorted((d1, d2))
    assert _lcoe(base, delay_days=d2) >= _lcoe(base, delay_days=d1) * (1 - 1e-12)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["project_debt", "gpu_loan", "lease"]),
    st.sampled_from(["annuity", "linear", "bullet"]),
    st.floats(0.05, 1.0),
    st.floats(0.0, 0.3),
    st.floats(0.0, 0.3),
    st.floats(1.0, 10.0),
)
def test_a_higher_rate_never_lowers_the_cost(base, kind, amortization, share, r1, r2, tenor):
    r1, r2 = sorted((r1, r2))
    low = _lcoe(base, [_source(kind, share, r1, tenor, amortization)])
    high = _lcoe(base, [_source(kind, share, r2, tenor, amortization)])
    assert high >= low * (1 - 1e-12)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["project_debt", "gpu_loan", "lease"]),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.1),
    st.floats(0.0, 0.05),
)
def test_more_debt_at_or_above_the_discount_rate_never_lowers_the_cost(
    base, kind, s1, s2, premium, fee
):
    _, _, econ = base
    discount = 12 * float(
        monthly_rate_frac((1 + econ.wacc_frac[0]) * (1 + econ.inflation_frac[0]) - 1)
    )
    rate = discount + premium
    s1, s2 = sorted((s1, s2))
    less = _lcoe(base, [_source(kind, s1, rate, fee=fee)] if s1 > 0 else [])
    more = _lcoe(base, [_source(kind, s2, rate, fee=fee)] if s2 > 0 else [])
    assert more >= less * (1 - 1e-9)

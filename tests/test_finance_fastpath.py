"""The finance fast path on large arrays (docs/schedule-finance.md, "Arrays and speed"): the
switch at `EXACT_PLANS_MAX`, yearly moments exact against the monthly flows they summarise,
and the stated tolerances of every result against the monthly model on random plans
(`benchmarks/finance_fastpath_error.py` measures them on 1,000 plans per configuration)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.finance import annual, metrics
from gigawatt.finance import model as finance_model
from gigawatt.finance import moments as mo
from gigawatt.finance.annual import irr_of_moments
from gigawatt.finance.annual_tax import taxes_of_moments
from gigawatt.finance.cashflow import taxes_usd
from gigawatt.finance.phasing import month_edges, spread_usd
from gigawatt.scenario import load_scenario
from gigawatt.schedule import curves
from gigawatt.schedule.templates import DAYS_PER_MONTH

# Stated tolerances (docs/schedule-finance.md); largest errors measured on configurations 1-7
# of benchmarks/finance_fastpath_error.py × 1,000 random plans (2026-11-28): levelised
# 6.2e-7, NPV 4.1e-5 of capex, project IRR 1.6e-5, equity IRR 4.4e-5, DSCR 2.0 % (p99
# 0.65 %), payback 1 month, financing totals exact to 1.2e-8 of capex, delay 1.2e-7 of
# capex. The equity IRR's 5e-3 covers a loss-making levered equity (IRR −5 %), which is
# ill-conditioned.
TOLERANCE = {
    "levelized_usd_per_gpu_hour": ("rel", 2e-6),
    "levelized_usd_per_pflop_day": ("rel", 2e-6),
    "npv_usd": ("capex", 3e-4),
    "irr_frac": ("abs", 1.5e-4),
    "equity_irr_frac": ("abs", 5e-3),
    "dscr_min_ratio": ("rel", 0.03),
    "payback_years": ("abs", 1.0 / 12 + 1e-9),
    "interest_during_construction_usd": ("capex", 1e-7),
    "debt_usd": ("rel", 1e-12),
    "equity_usd": ("rel", 1e-12),
    "financing_fees_usd": ("capex", 1e-12),
    "delay_cost_usd_per_month": ("capex", 1e-6),
    "cost_per_training_run_usd": ("rel", 2e-6),
}
DEBT = (
    "[{kind: project_debt, finances: all, share_frac: 0.6, rate_frac: 0.08, tenor_years: 10,"
    " amortization: annuity, upfront_fee_frac: 0.01}, {kind: gpu_loan, finances: it,"
    " share_frac: 0.3, rate_frac: 0.11, tenor_years: 4, amortization: linear}]"
)
BULLET_LEASE = (
    "[{kind: lease, finances: facility, share_frac: 0.5, rate_frac: 0.1, tenor_years: 6},"
    " {kind: project_debt, finances: generation, share_frac: 0.8, rate_frac: 0.07,"
    " tenor_years: 15, amortization: bullet}]"
)


def _plans(n: int, seed: int = 0, gpus: bool = True) -> dict:
    """Random plans; without `gpus` the GPU count stays that of the scenario, so every plan
    shares one schedule (its times have one plan, broadcast over the plans of the fast
    path's blocks)."""
    rng = np.random.default_rng(seed)
    plans = {
        "compute.gpu_count": rng.uniform(1e5, 1e6, n).round(),
        "finance.wacc_frac": rng.uniform(0.04, 0.16, n),
        "power.gas_price_usd_per_mmbtu": rng.uniform(2.0, 8.0, n),
    }
    if not gpus:
        del plans["compute.gpu_count"]
    return plans


def _both(campus: Campus, values: dict, monkeypatch, block: int = 16) -> tuple[dict, dict]:
    targets = [*TOLERANCE, "capex_usd", "cash_flow_spec"]
    exact = campus.evaluate(values, targets=targets, use_memo=False)
    monkeypatch.setattr(finance_model, "EXACT_PLANS_MAX", 0)
    monkeypatch.setattr(finance_model, "FAST_BLOCK_PLANS", block)
    fast = campus.evaluate(values, targets=targets, use_memo=False)
    return exact, fast


@pytest.mark.parametrize(
    "example, sets, gpus",
    [
        ("colossus2", [], True),  # the GPU lease vehicle
        ("colossus1", [], True),  # all equity
        ("colossus2", [f"finance.financing={DEBT}"], True),
        ("colossus2", [f"finance.financing={BULLET_LEASE}"], True),
        (
            "colossus2",
            ["finance.price_usd_per_gpu_hour=2.2", "finance.price_decline_frac_per_year=0.2"],
            True,
        ),
        ("colossus2", [], False),  # one schedule shared by the plans of several blocks
        ("colossus1", [], False),
        ("colossus2", [f"finance.financing={DEBT}"], False),
    ],
)
def test_fast_path_meets_the_stated_tolerances(root, example, sets, gpus, monkeypatch):
    campus = Campus(load_scenario(root / "examples" / f"{example}.yaml", sets or None))
    exact, fast = _both(campus, _plans(24, gpus=gpus), monkeypatch)
    assert exact["cash_flow_spec"].flows is not None  # monthly flows kept
    assert fast["cash_flow_spec"].flows is None  # per-plan results only
    capex = np.asarray(exact["capex_usd"])
    for name, (kind, tol) in TOLERANCE.items():
        x, y = np.asarray(exact[name], float), np.asarray(fast[name], float)
        assert np.array_equal(np.isfinite(x), np.isfinite(y)), name
        ok = np.isfinite(x)
        scale = {"rel": np.maximum(np.abs(x), 1e-300), "capex": capex, "abs": 1.0}[kind]
        err = np.abs(x[ok] - y[ok]) / np.broadcast_to(scale, x.shape)[ok]
        assert np.all(err <= tol), (name, float(err.max()))


def test_blocks_of_plans_do_not_change_the_fast_path(root, monkeypatch):
    campus = Campus(load_scenario(root / "examples" / "colossus2.yaml"))
    values = _plans(20, seed=3)
    monkeypatch.setattr(finance_model, "EXACT_PLANS_MAX", 0)
    one = campus.evaluate(values, targets=list(TOLERANCE), use_memo=False)
    monkeypatch.setattr(finance_model, "FAST_BLOCK_PLANS", 7)
    blocks = campus.evaluate(values, targets=list(TOLERANCE), use_memo=False)
    for name in TOLERANCE:
        assert blocks[name] == pytest.approx(one[name], rel=1e-12, abs=1e-12), name


def test_irr_of_moments_inner_rates_first_gives_the_whole_ladder_root():
    """Plans whose IRR lies beyond the inner rates (±3 % per month) get the root the whole
    ladder gives: the inner rates only save work."""
    rng = np.random.default_rng(11)
    flows = np.zeros((72, 60))
    for i in range(60):
        b = rng.integers(3, 24)
        flows[:b, i] = -rng.uniform(1, 3, b)
        gain = [0.05, 0.3, 0.8, 1.5, 4.0, 12.0][i % 6]  # paid back 0.05 to 12 times
        flows[b:, i] = -flows[:b, i].sum() * gain / (72 - b)
    moments = _yearly_moments(flows, 6)
    got = irr_of_moments(moments)
    whole = annual._irr_on_ladder(moments, metrics.ladder(), 2)
    assert np.nanmax(np.abs(whole)) > 0.05 and np.nanmin(whole) < -0.03  # beyond the inner rates
    np.testing.assert_allclose(got, whole, rtol=0, atol=1e-14)


@pytest.mark.parametrize(
    "threads, n, size, count",
    [
        (2, 100_000, 12_500, 8),
        (2, 100_000, 8_192, 14),
        (1, 100_000, 8_192, 13),
        (2, 5_000, 12_500, 1),
    ],
)
def test_blocks_cover_the_plans_in_a_multiple_of_the_workers(monkeypatch, threads, n, size, count):
    """Blocks of at most `size` plans, as many as a multiple of the workers and of near equal
    size (a last small block would leave a thread idle at the end)."""
    monkeypatch.setenv("GIGAWATT_THREADS", str(threads))
    blocks = finance_model._blocks(n, size)
    sizes = [b.stop - b.start for b in blocks]
    assert len(blocks) == count and sum(sizes) == n and max(sizes) <= size
    assert blocks[0].start == 0 and all(a.stop == b.start for a, b in pairwise(blocks))
    assert max(sizes) - min(sizes) < count


def _yearly_moments(monthly: np.ndarray, years: int) -> np.ndarray:
    """Σ_{m in year y} a_m (m − 12y − 5.5)^p from monthly flows (month, plan), by hand."""
    m = np.arange(monthly.shape[0])[:, None]
    out = np.zeros((mo.NP, years, monthly.shape[1]))
    for y in range(years):
        part = slice(12 * y, 12 * y + 12)
        for p in range(mo.NP):
            out[p, y] = np.sum(monthly[part] * (m[part] - 12 * y - mo.CENTRE) ** p, axis=0)
    return out


def test_yearly_moments_are_exact_for_every_shape_of_the_monthly_model():
    """Spreads and lumps (capex, depreciation), a hall's GPU ramp, month sequences α + βm
    (debt service, lease rent) and single months, against the monthly arrays."""
    rng = np.random.default_rng(1)
    plans, months, years = 300, 120, 10
    edges = month_edges(months)
    m = np.arange(months)[:, None]

    s = rng.uniform(0, 2000, plans)
    f = s + rng.choice([0.0, 5.0, DAYS_PER_MONTH, 200.0, 900.0], plans) * rng.uniform(0.5, 1.5)
    amount = rng.uniform(1, 10, plans)
    acc = mo.YearlySum(years, plans)
    lump = f - s <= 1e-9
    month = np.floor(s / DAYS_PER_MONTH) * DAYS_PER_MONTH
    s2, f2 = np.where(lump, month, s), np.where(lump, month + DAYS_PER_MONTH, f)
    acc.window(amount / (f2 - s2), s2, f2)
    want = _yearly_moments(spread_usd(amount, s, f, edges), years)
    assert np.allclose(acc.moments(), want, rtol=0, atol=1e-9 * amount.max())

    a, d = rng.uniform(0, 1500, plans), rng.uniform(1.0, 400, plans)
    cap = np.ceil(rng.uniform(1500, 3500, plans) / DAYS_PER_MONTH) * DAYS_PER_MONTH
    cum = curves.cumulative_gpu_days(edges.reshape(-1, 1), a[None], d[None], np.ones((1, plans)))
    online = np.diff(cum, axis=0) * (m < cap / DAYS_PER_MONTH)
    acc = mo.YearlySum(years, plans)
    lo, mid = np.minimum(a, cap), np.minimum(a + d, cap)
    acc.edge(lo, a=-a / d, b=1 / d, c=1 / d)
    acc.edge(mid, a=a / d + 1, b=-1 / d, c=-1 / d)
    acc.edge(cap, a=-np.ones(plans))
    want = _yearly_moments(online, years)
    assert np.allclose(acc.moments(), want, rtol=0, atol=1e-7 * np.abs(want).max())

    m0 = rng.integers(0, 100, plans).astype(float)
    m1 = m0 + rng.integers(0, 60, plans)
    alpha, beta = rng.normal(size=plans), rng.normal(size=plans)
    at = rng.integers(0, months, plans).astype(float)
    acc = mo.YearlySum(years, plans)
    acc.sequence(alpha, beta, m0, m1)
    acc.point(amount, at)
    monthly = np.where((m >= m0) & (m < m1), alpha + beta * m, 0.0) + np.where(m == at, amount, 0)
    want = _yearly_moments(monthly, years)
    assert np.allclose(acc.moments(), want, rtol=0, atol=1e-9 * np.abs(want).max())


def _line_years(first, end, slopes, levels, years):
    """Monthly flows (month, plan) that are a line within each year over the months
    first ≤ m < end, flat in the first year: the shapes `taxes_of_moments` rebuilds exactly."""
    m = np.arange(12 * years)[:, None]
    j = m % 12 - mo.CENTRE
    year = m // 12
    level, slope = levels[year], slopes[year]
    slope = np.where(year == first // 12, 0.0, slope)
    return np.where((m >= first) & (m < end), level + slope * j, 0.0)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 30),
    st.integers(1, 40),
    st.lists(st.floats(-60, 60), min_size=6, max_size=6),
    st.lists(st.floats(-40, 40), min_size=6, max_size=6),
    st.floats(0.0, 0.4),
)
def test_taxes_of_moments_equal_the_monthly_taxes_on_flows_linear_within_years(
    first, span, levels, slopes, rate
):
    """Losses carried forward, a peak of the cumulative income within a year (a year of
    income then of losses), the flows' first and last months inside a year: on flows that
    are linear within each year (flat in the first) the moments of the tax equal those of
    `cashflow.taxes_usd` on the months (hand-derivable: the same running maximum)."""
    years = 6
    end = min(first + span, 12 * years)
    monthly = _line_years(first, end, np.array(slopes) / 5.5, np.array(levels), years)
    got = taxes_of_moments(
        _yearly_moments(monthly, years), rate, np.array([float(first)]), np.array([float(end)])
    )
    want = _yearly_moments(taxes_usd(monthly, rate), years)
    assert np.allclose(got, want, rtol=0, atol=1e-9 * max(1.0, np.abs(want).max()))


def test_taxes_of_moments_see_a_peak_within_a_year_that_yearly_sums_miss():
    """A loss of 1 a month in the first year, then six months of income (+10) and six of
    losses (-12): the cumulative income peaks at 48 within the second year, which sums to
    -12. The monthly model taxes the peak (rate 0.25: 12); yearly sums see no income at
    all; the moments see the peak of the year's line a_j = α + β(j − 5.5), α = -1,
    β = M_1/143 = -396/143, whose cumulative is highest after k* = 6 − α/β ≈ 5.6 months:
    Σ_{6 months} = -18β + 6α = 43.85 (hand-derived), so the tax is 0.25·(43.85 − 12)."""
    monthly = np.zeros((24, 2))
    monthly[:12], monthly[12:18], monthly[18:] = -1.0, 10.0, -12.0
    monthly[:, 1] *= 2.0  # a second plan: twice the first
    assert taxes_usd(monthly, 0.25)[:, 0].sum() == pytest.approx(12.0)
    moments = _yearly_moments(monthly, 2)
    assert moments[0, :, 0] == pytest.approx([-12.0, -12.0])
    got = taxes_of_moments(moments, 0.25, np.zeros(2), np.full(2, 24.0))
    alpha, beta = -1.0, -396.0 / 143.0
    assert got[0, 1, 0] == pytest.approx(0.25 * (-18.0 * beta + 6.0 * alpha - 12.0), rel=1e-12)
    assert got[:, :, 1] == pytest.approx(2.0 * got[:, :, 0], rel=1e-12)
    assert np.all(got[:, 0] == 0.0)  # nothing taxed in the first year


@settings(max_examples=60, deadline=None)
@given(
    st.integers(25, 72),
    st.lists(st.floats(-50, 50), min_size=6, max_size=6),
    st.lists(st.floats(-20, 20), min_size=6, max_size=6),
    st.floats(0.0, 400.0),
)
def test_payback_of_moments_equals_the_monthly_payback_on_flows_linear_within_years(
    end, levels, slopes, book
):
    """Construction spend, then income, ending in the middle of a year with the book value
    in the last month: on flows that are a line within each year the month of payback
    from the moments (the line through the months before the end) is the monthly model's
    (`metrics.payback`), also when only the book value at the end pays back (that month
    was up to three months late when the last year's line ran over all twelve months)."""
    years = 6
    m = np.arange(12 * years)[:, None]
    level, slope = np.array(levels)[m // 12], np.array(slopes)[m // 12] / 5.5
    monthly = np.where(m < end, level + slope * (m % 12 - mo.CENTRE), 0.0)
    monthly[:12] -= 100.0  # the first year's spend
    monthly[end - 1] += book
    cum = np.cumsum(monthly)
    assume(np.all(np.abs(cum) > 1e-9 * np.abs(monthly).sum()))  # a tie at zero: rounding
    got = annual._payback(_yearly_moments(monthly, years), np.array([book]), np.array([end]))
    want = metrics.payback(monthly, 1.0 / 12.0)
    assert got == pytest.approx(want, abs=1e-9) or (np.isinf(got) and np.isinf(want))


def test_weights_from_moments_within_the_stated_bound():
    """Σ a_m e^{ℓm} from the moments is within (5.5 ℓ)^4/24 of each year's flow; escalating
    then discounting equals discounting at the sum of the rates."""
    rng = np.random.default_rng(2)
    monthly = rng.uniform(0, 1, (96, 50)) * (rng.uniform(size=(96, 50)) < 0.5)
    moments = _yearly_moments(monthly, 8)
    m = np.arange(96)[:, None]
    for ell in (-0.0088, -0.03, 0.0017):
        exact = np.sum(monthly * np.exp(ell * m), axis=0)
        bound = (5.5 * abs(ell)) ** 4 / 24 * np.sum(monthly * np.exp(ell * m), axis=0)
        assert np.all(np.abs(mo.pv(moments, ell) - exact) <= bound * 1.01)
    both = mo.pv(mo.escalate(moments, 0.0017), -0.0088)
    assert both == pytest.approx(mo.pv(moments, 0.0017 - 0.0088), rel=1e-14)


def test_irr_of_moments_agrees_with_the_monthly_irr():
    """Monthly flows summarised by their yearly moments: the IRR from the moments equals the
    monthly IRR to the Taylor error of e^{ℓ(m − c)} (IRRs of 0.2 to 3 % per month here)."""
    rng = np.random.default_rng(5)
    flows = np.zeros((72, 40))
    build = rng.integers(3, 24, 40)
    for i, b in enumerate(build):
        flows[:b, i] = -rng.uniform(1, 3, b)
        flows[b:, i] = -flows[:b, i].sum() * rng.uniform(1.1, 2.5) / (72 - b)
    exact = metrics.irr(flows)
    assert np.nanmax(np.abs(exact)) < 0.035
    moments = _yearly_moments(flows, 6)
    assert irr_of_moments(moments) == pytest.approx(exact, abs=1e-6)
    # the default two Newton steps from the bracket's secant: converged to ~1e-11 per month
    assert irr_of_moments(moments) == pytest.approx(irr_of_moments(moments, steps=12), abs=1e-10)


def test_many_revenue_plans_on_one_cost_stage_take_the_fast_path(root, monkeypatch):
    """Prices, utilisation, decline and tax varied over more than `EXACT_PLANS_MAX` plans
    while the costs do not vary: the cost stage's moments of its one plan are broadcast to
    the value stage's blocks (100,000 plans: 1.8 s on the monthly path, ~0.3 s), within the
    fast path's stated errors against the monthly model. Revenue well above the levelised
    cost is taxed from the first years, with peaks of the cumulative income within a year
    (`annual_tax.taxes_of_moments`; measured on 300 such plans: NPV 2.2e-5 of capex, project
    IRR 1.0e-5, equity IRR 2.4e-4, DSCR 1.9e-3 relative; with yearly sums of the taxable
    income, before 2026-11-28: NPV 6.0e-4, project IRR 2.5e-4; docs/schedule-finance.md)."""
    campus = Campus(
        load_scenario(root / "examples" / "colossus2.yaml", [f"finance.financing={DEBT}"])
    )
    rng = np.random.default_rng(2)
    values = {
        "finance.price_usd_per_gpu_hour": rng.uniform(1.5, 3.5, 24),
        "finance.utilization_frac": rng.uniform(0.5, 0.95, 24),
        "finance.price_decline_frac_per_year": rng.uniform(0.0, 0.3, 24),
        "finance.tax_rate_frac": rng.uniform(0.1, 0.3, 24),
    }
    names = ["npv_usd", "irr_frac", "equity_irr_frac", "dscr_min_ratio", "delay_cost_usd_per_month"]
    targets = [*names, "capex_usd", "cash_flow_spec", "finance_costs_spec"]
    exact = campus.evaluate(values, targets=targets, use_memo=False)
    monkeypatch.setattr(finance_model, "EXACT_PLANS_MAX", 16)
    monkeypatch.setattr(finance_model, "FAST_BLOCK_PLANS", 10)
    fast = campus.evaluate(values, targets=targets, use_memo=False)
    assert fast["finance_costs_spec"].base is not None  # one plan of costs, monthly
    assert fast["cash_flow_spec"].flows is None and exact["cash_flow_spec"].flows is not None
    capex = float(exact["capex_usd"])
    tolerance = {
        "npv_usd": 2e-5 * capex,  # these 24 plans: 9.9e-6 (yearly sums of the income: 2.9e-5)
        "irr_frac": 1e-5,  # 7.3e-6 (yearly sums: 1.6e-5)
        "equity_irr_frac": 5e-4,
        "dscr_min_ratio": 0.03 * np.abs(exact["dscr_min_ratio"]),
        "delay_cost_usd_per_month": 1e-6 * capex,
    }
    for name in names:
        x, y = exact[name], fast[name]
        assert np.shape(y) == (24,), name
        assert np.array_equal(np.isfinite(x), np.isfinite(y)), name
        ok = np.isfinite(x)
        assert np.all(np.abs(x - y)[ok] <= np.broadcast_to(tolerance[name], x.shape)[ok]), name


def test_costs_of_one_plan_on_the_fast_path_and_values_of_many(root, monkeypatch):
    """Costs of one plan on the fast path (`EXACT_PLANS_MAX` 0) under values of several
    plans: the one plan's moments serve every value plan (this raised a reshape error
    before 2026-11-28), and each plan's results are those of its values alone."""
    monkeypatch.setattr(finance_model, "EXACT_PLANS_MAX", 0)
    campus = Campus(load_scenario(root / "examples" / "colossus2.yaml"))
    prices = np.array([1.2, 1.9, 2.6, 3.3, 4.0])
    names = ["npv_usd", "irr_frac", "dscr_min_ratio", "payback_years"]
    # not from or into the memo: its plans would carry the fast path into other tests
    many = campus.evaluate(
        {"finance.price_usd_per_gpu_hour": prices}, targets=names, use_memo=False
    )
    for i, price in enumerate(prices):
        one = campus.evaluate(
            {"finance.price_usd_per_gpu_hour": price}, targets=names, use_memo=False
        )
        for name in names:
            assert np.shape(many[name]) == (5,), name
            np.testing.assert_allclose(many[name][i], one[name], rtol=1e-12, err_msg=name)

"""Reliability closed forms against published worked examples and hand-derived values."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.reliability import closedform as cf


@pytest.mark.parametrize(
    ("mtbf_min", "expected_min", "tol"),
    [(24 * 60.0, 117.0, 0.5), (6 * 60.0, 57.0, 0.5), (15.0, 9.1, 0.05)],
)
def test_daly_worked_examples(mtbf_min, expected_min, tol):
    """Daly 2006 (FGCS 22(3), abstract): R = 10 min, δ = 5 min; M = 24 h -> 117 min,
    M = 6 h -> 57 min, M = 15 min -> 9.1 min (reference reliability.md §2). R does not enter
    the optimum interval."""
    assert float(cf.daly_interval(5.0, mtbf_min)) == pytest.approx(expected_min, abs=tol)


def test_daly_beyond_two_mtbf_is_the_mtbf_and_young_is_the_first_term():
    assert float(cf.daly_interval(50.0, 20.0)) == 20.0  # δ ≥ 2M: τ = M (Daly Eq. 37)
    # Young 1974: sqrt(2 δ M): δ = 5 min, M = 24 h -> 120 min
    assert float(cf.young_interval(5.0, 1440.0)) == pytest.approx(120.0)
    # Daly tends to Young as δ/M -> 0
    assert float(cf.daly_interval(1e-3, 1e4)) == pytest.approx(
        float(cf.young_interval(1e-3, 1e4)), rel=1e-3
    )


def test_exponential_efficiency_matches_first_order_waste_when_failures_are_rare():
    """Daly's exact exponential form, expanded to first order, is δ/τ + (τ/2 + R)/M."""
    tau, delta, r, m = 30.0, 0.3, 5.0, 10_000.0
    exact = 1.0 - float(cf.daly_ettr_frac(tau, delta, r, m))
    first = float(cf.first_order_waste_frac(tau, delta, r, m))
    assert exact == pytest.approx(first, rel=0.02)
    # and the optimum of the exact form sits at Daly's interval (within a grid step)
    grid = np.linspace(5.0, 400.0, 40_000)
    best = grid[np.argmax(cf.daly_ettr_frac(grid, delta, r, m))]
    assert best == pytest.approx(float(cf.daly_interval(delta, m)), rel=0.01)


def test_restart_cycle_counts_failures_during_restarts():
    """M·(e^{R/M} − 1): R for rare failures, and Llama-3-like numbers by hand."""
    assert float(cf.restart_cycle_s(10.0, 1e9)) == pytest.approx(10.0, rel=1e-6)
    assert float(cf.restart_cycle_s(10.0, 10.0)) == pytest.approx(10.0 * (math.e - 1.0))


def test_kokolis_form_agrees_with_young_and_first_order():
    """Kokolis et al. (arXiv 2410.21680): Δt* = sqrt(2w/(N r_f)) is Young's with M = 1/(N r_f);
    the ETTR is 1 − first-order waste to leading order."""
    n, rf, w, u0 = 2048, 3.79e-3 / 86400.0, 60.0, 600.0  # Llama 3 rate per node-second
    m = 1.0 / (n * rf)
    dt = float(cf.kokolis_interval(n, rf, w))
    assert dt == pytest.approx(float(cf.young_interval(w, m)))
    kok = float(cf.kokolis_ettr_frac(n, rf, u0, dt, w))
    assert 1.0 - kok == pytest.approx(float(cf.first_order_waste_frac(dt, w, u0, m)), rel=0.05)


def _poisson_sf_exact(k, mu):
    term, total = math.exp(-mu), 0.0
    for x in range(int(k) + 1):
        total += term
        term *= mu / (x + 1)
    return 1.0 - total


@pytest.mark.parametrize(
    ("k", "mu"), [(0, 0.5), (3, 2.0), (10, 4.0), (64, 50.0), (65, 50.0), (90, 80.0), (300, 280.0)]
)
def test_poisson_tail(k, mu):
    """Exact sum up to k = 64, Wilson–Hilferty beyond (error well below 1e-3)."""
    assert float(cf.poisson_sf(k, mu)) == pytest.approx(_poisson_sf_exact(k, mu), abs=5e-4)


def test_pool_shortfall_is_exact_for_single_unit_events():
    """Palm: units in repair ~ Poisson(m); EBO(S) = Σ_{x>S} (x − S) P(x) by direct sum."""
    m, s = 12.0, 15
    p_short, ebo = cf.pool_shortfall(s, m, m)
    pmf = [math.exp(-m + x * math.log(m) - math.lgamma(x + 1)) for x in range(200)]
    assert float(p_short) == pytest.approx(sum(pmf[s + 1 :]), rel=1e-9)
    assert float(ebo) == pytest.approx(sum((x - s) * p for x, p in enumerate(pmf) if x > s))
    # a batch of b units per event is b·Poisson(m/b): the same tail at S/b
    p_b, ebo_b = cf.pool_shortfall(4 * s, 4 * m, 16 * m)
    assert float(p_b) == pytest.approx(float(p_short))
    assert float(ebo_b) == pytest.approx(4 * float(ebo))


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 500.0), st.integers(0, 400))
def test_more_spares_never_raise_the_shortfall(mean, spares):
    p0, e0 = cf.pool_shortfall(spares, mean, mean)
    p1, e1 = cf.pool_shortfall(spares + 1, mean, mean)
    assert p1 <= p0 + 1e-12 and e1 <= e0 + 1e-12 and 0.0 <= p1 <= 1.0


def test_stall_union():
    """Poisson events each stalling s: P(inside a stall) = 1 − e^{−λs}."""
    assert float(cf.stall_union_frac(2.0, 0.1)) == pytest.approx(1.0 - math.exp(-0.2))


@pytest.mark.parametrize(
    ("k", "mu"), [(5, 4.0), (30, 41.0), (45, 41.0), (90, 100.0), (110, 100.0), (520, 500.0)]
)
def test_expected_backorders_against_direct_sums(k, mu):
    """E[(Y − k)+] by direct summation; exact up to μ = 40, the cube-root-normal proxy within
    6 % near the mean beyond."""
    xs = np.arange(int(mu + 40 * np.sqrt(mu) + 100))
    pmf = np.exp(xs * np.log(mu) - mu - np.array([math.lgamma(x + 1.0) for x in xs]))
    direct = float((np.maximum(xs - k, 0) * pmf).sum())
    rel = 1e-9 if mu <= 40 else 0.06
    assert float(cf.poisson_backorders(k, mu)) == pytest.approx(direct, rel=rel)


def test_tails_and_backorders_fall_monotonically_in_the_stock():
    """What makes "spares never hurt" exact in the closed form: no method switch along k."""
    mu = np.geomspace(1e-3, 5000, 600)[None, :]
    k = np.arange(0, 400)[:, None]
    assert np.diff(cf.poisson_sf(k, mu), axis=0).max() <= 1e-13
    assert np.diff(cf.poisson_backorders(k, mu), axis=0).max() <= 1e-10


def test_exact_sums_of_a_batch_equal_the_full_window():
    """The exact sums take μ_max + 10√μ_max + 30 terms of the recursion pmf(x) = pmf(x − 1)·μ/x
    (not all 200 by exp-log): on 500 means up to 40, equal to the 200-term sums by exp-log,
    and each mean alone to the batch (1e-12)."""
    rng = np.random.default_rng(3)
    mu = np.geomspace(1e-6, 40.0, 500)
    k = rng.integers(0, 60, mu.size).astype(float)
    xs = np.arange(200.0)
    lf = np.array([math.lgamma(x + 1.0) for x in xs])
    pmf = np.exp(xs * np.log(mu[:, None]) - mu[:, None] - lf)
    sf = (pmf * (xs > k[:, None])).sum(axis=1)
    backorders = (pmf * np.maximum(xs - k[:, None], 0.0)).sum(axis=1)
    assert cf.poisson_sf(k, mu) == pytest.approx(sf, abs=1e-12)
    assert cf.poisson_backorders(k, mu) == pytest.approx(backorders, rel=1e-11, abs=1e-12)
    for i in (0, 250, 499):
        assert float(cf.poisson_backorders(k[i], mu[i])) == pytest.approx(
            float(cf.poisson_backorders(k, mu)[i]), rel=1e-12, abs=1e-15
        )

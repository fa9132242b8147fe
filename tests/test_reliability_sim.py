"""The stochastic simulation: convergence to the closed forms, seeds, conservation, and
properties (ETTR falls as failures rise; spares never hurt)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write
from gigawatt.campus import Campus
from gigawatt.reliability import closedform as cf
from gigawatt.reliability.simulate import simulate
from gigawatt.reliability.strategies import BREAKDOWN
from gigawatt.scenario.io import load_scenario, validate_document

GPU_ONLY = """catalog_version: test
kind: failure
entries:
  - id: gpu-only
    name: one cause
    failure_observed_gpu_count: 1000
    failure_observed_days: 10
    source: test
    year: 2026
    confidence: OWN
    rows:
      - {component: GPU, count: 100, category: {gpu: 1.0}}
"""


def campus_of(data) -> Campus:
    return Campus(validate_document(data))


@pytest.fixture(scope="module")
def daly_case(tmp_path_factory):
    """One cause, one tier, a deterministic restart and a pool that never runs dry: exactly
    the model behind Daly's exponential formula."""
    d = tmp_path_factory.mktemp("daly")
    write(d, GPU_ONLY, "failures.yaml")
    path = write(
        d,
        """catalog: [failures.yaml]
compute: {system: h100-sxm-hgx, gpu_count: 2000}
reliability:
  failure_data: gpu-only
  failure_rate_per_gpu_hour: 0.001
  strategy: restart
  checkpoint_tiers: remote
  checkpoint_write_seconds: 60
  restart_minutes: 10
  hot_spare_frac: 1.0
  job_gpu_count: 1000
""",
    )
    return Campus(load_scenario(path)).plan()


def test_simulation_converges_to_dalys_exponential_formula(daly_case):
    """Daly 2006 Eq. 13 with M = 1 h, R = 10 min, δ = 1 min and his optimum τ."""
    v = daly_case.values
    m_s = float(v["job_mtti_h"]) * 3600
    tau_s = float(v["checkpoint_interval_minutes"]) * 60
    assert tau_s == pytest.approx(float(cf.daly_interval(60.0, m_s)))
    exact = float(cf.daly_ettr_frac(tau_s, 60.0, 600.0, m_s))
    assert float(v["ettr_frac"]) == pytest.approx(exact, rel=1e-9)  # closed form = Daly
    sim = simulate(v["reliability_spec"].model, 10.0, 200.0, 40, seed=3)
    se = sim.ettr.std(ddof=1) / np.sqrt(sim.ettr.size)
    assert abs(sim.ettr.mean() - exact) < 4 * se + 1e-3
    assert sim.breakdown["spare_wait"].max() == 0.0


def test_same_seed_same_result_other_seed_other_result(daly_case):
    model = daly_case.values["reliability_spec"].model
    a, b = simulate(model, 10.0, 30.0, 6, seed=11), simulate(model, 10.0, 30.0, 6, seed=11)
    c = simulate(model, 10.0, 30.0, 6, seed=12)
    assert np.array_equal(a.ettr, b.ettr) and np.array_equal(
        a.time_to_train_days, b.time_to_train_days
    )
    assert not np.array_equal(a.ettr, c.ettr)


@pytest.mark.parametrize(
    "reliability",
    [
        {"strategy": "replica"},
        {"strategy": "replica", "infant_mortality_factor": 3.0, "days": 60},
        {"strategy": "spares", "hot_spare_frac": 0.1},
        {"strategy": "restart", "checkpoint_tiers": "peer+local+remote", "hot_spare_frac": 0.2},
    ],
    ids=["replica", "replica-infant", "spares", "restart-3-tiers"],
)
def test_simulation_agrees_with_the_closed_form(reliability):
    """100k GB200 (the minimal example): mean ETTR and every breakdown component."""
    plan = campus_of(
        {"compute": {"system": "gb200-nvl72", "gpu_count": 100_000}, "reliability": reliability}
    ).plan()
    spec = plan.values["reliability_spec"]
    sim = simulate(spec.model, float(plan["job_ideal_time_to_train_days"]), 60.0, 16, seed=5)
    assert sim.ettr.mean() == pytest.approx(float(spec.ettr_frac), abs=0.01)
    for k in BREAKDOWN:
        assert sim.breakdown[k].mean() == pytest.approx(float(spec.breakdown[k]), abs=0.01), k
    # conservation: every simulated hour is training or one of the losses
    total = sim.ettr + sum(sim.breakdown[k] for k in BREAKDOWN)
    assert np.allclose(total, 1.0)


def test_distributions_and_time_to_train(daly_case):
    v = daly_case.values
    sim = simulate(v["reliability_spec"].model, 20.0, 40.0, 30, seed=1)
    q = sim.percentiles(sim.time_to_train_days)
    assert q["p10"] <= q["p50"] <= q["p90"]
    assert q["p10"] > 20.0  # never faster than failure-free
    # time to train ≈ ideal / ETTR per replication
    assert np.median(sim.time_to_train_days) == pytest.approx(20.0 / np.median(sim.ettr), rel=0.02)


def test_spares_never_hurt_pathwise():
    """Same seed, same failures: more spares can only shorten waits (every replication)."""
    base = {"compute": {"system": "gb200-nvl72", "gpu_count": 130_000}}
    ettr = []
    for strategy in ("spares", "replica"):
        runs = []
        for frac in (0.0, 0.02, 0.05, 0.2):
            rel = {
                "strategy": strategy,
                "hot_spare_frac": frac,
                "job_gpu_count": 100_008,
                "checkpoint_tiers": "remote",
            }
            spec = campus_of({**base, "reliability": rel}).plan().values["reliability_spec"]
            runs.append(simulate(spec.model, 5.0, 20.0, 8, seed=2).ettr)
        ettr.append(runs)
        for lo, hi in itertools.pairwise(runs):
            assert np.all(hi >= lo - 1e-12), strategy
    assert ettr[0][-1].mean() > ettr[0][0].mean()  # and spares do help a synchronous job


@pytest.fixture(scope="module")
def campus_100k():
    return campus_of(
        {
            "compute": {"system": "gb200-nvl72", "gpu_count": 100_000},
            "reliability": {"job_gpu_count": 90_000},
        }
    )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(1e-7, 3e-4), min_size=2, max_size=12),
    st.sampled_from(["restart", "spares", "replica"]),
)
def test_ettr_falls_as_the_failure_rate_rises(campus_100k, lam, strategy):
    lam = np.sort(np.array(lam))
    v = campus_100k.evaluate(
        {"failure_rate_per_gpu_hour": lam, "reliability_strategy_name": strategy},
        targets=["ettr_frac", "reliability_spec"],
    )
    e = np.broadcast_to(v["ettr_frac"], lam.shape)
    assert np.all(np.diff(e) <= 1e-12)
    assert np.all((e >= 0) & (e <= 1))
    parts = sum(np.broadcast_to(v["reliability_spec"].breakdown[k], lam.shape) for k in BREAKDOWN)
    assert np.allclose(e + parts, 1.0)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(0.0, 0.12), min_size=2, max_size=12),
    st.sampled_from(["restart", "spares", "replica"]),
    st.floats(1e-6, 1e-4),
)
def test_spares_never_hurt(campus_100k, fracs, strategy, lam):
    f = np.sort(np.array(fracs))
    v = campus_100k.evaluate(
        {
            "hot_spare_frac": f,
            "reliability_strategy_name": strategy,
            "failure_rate_per_gpu_hour": lam,
        },
        targets=["ettr_frac"],
    )
    e = np.broadcast_to(v["ettr_frac"], f.shape)
    assert np.all(np.diff(e) >= -1e-12)


def test_spare_search_bisection_matches_the_full_grid(campus_100k, monkeypatch):
    """Large arrays search by bisection, small ones on the whole grid: same answers."""
    from gigawatt.reliability import spec as spec_module

    lam = np.geomspace(1e-7, 3e-5, 40)
    values = {"failure_rate_per_gpu_hour": lam, "reliability_strategy_name": "spares"}
    grid = campus_100k.evaluate(values, ["reliability_spec"], use_memo=False)["reliability_spec"]
    monkeypatch.setattr(spec_module, "FULL_GRID_ELEMENTS", 0)
    bis = campus_100k.evaluate(values, ["reliability_spec"], use_memo=False)["reliability_spec"]
    assert np.array_equal(grid.required_hot_spare_frac, bis.required_hot_spare_frac)
    assert np.array_equal(grid.stocked_hot_spare_frac, bis.stocked_hot_spare_frac)
    assert np.isfinite(grid.required_hot_spare_frac[0])  # rare failures: reachable
    assert np.all(np.diff(grid.stocked_hot_spare_frac) >= 0)  # more failures, more spares


def test_report_extras_on_arrays_equal_the_scalar_runs(campus_100k):
    """The strategy comparison, losses by cause and the stocked-pool spares are computed on
    first use; on arrays they equal the scalar runs element by element (warnings: scalar
    plans only)."""
    lam = np.array([3e-6, 2e-5, 1e-4])
    values = {"failure_rate_per_gpu_hour": lam, "reliability_strategy_name": "spares"}
    spec = campus_100k.evaluate(values, targets=["reliability_spec"])["reliability_spec"]
    assert spec.warnings == []
    for i, x in enumerate(lam):
        one = campus_100k.evaluate(
            {**values, "failure_rate_per_gpu_hour": x}, targets=["reliability_spec"]
        )["reliability_spec"]
        for s in ("restart", "spares", "replica"):
            assert spec.ettr_by_strategy[s][i] == pytest.approx(one.ettr_by_strategy[s], 1e-12)
        for cause, lost in one.lost_gpu_hours_by_cause.items():
            assert spec.lost_gpu_hours_by_cause[cause][i] == pytest.approx(lost, rel=1e-12)
        assert spec.stocked_hot_spare_frac[i] == one.stocked_hot_spare_frac
    assert one.warnings  # 1e-4 per GPU-hour: the scalar plan warns


def test_many_samples_evaluate_each_class_of_equal_inputs_once(campus_100k, monkeypatch):
    """From `CLASS_SAMPLES_MIN` samples the closed form runs once per class of equal inputs
    (here 5,000 samples of 50 failure rates x 2 spare fractions) and copies the results
    back: the same numbers as every sample evaluated, report extras included."""
    import gigawatt.reliability as rel

    rng = np.random.default_rng(3)
    values = {
        "failure_rate_per_gpu_hour": rng.choice(np.geomspace(3e-6, 1e-4, 50), 5000),
        "hot_spare_frac": rng.choice([0.0, 0.02], 5000),
        "reliability_strategy_name": "spares",
    }
    fast = campus_100k.evaluate(values, ["reliability_spec"], use_memo=False)["reliability_spec"]
    assert fast.renewal is None  # the classes path ran
    monkeypatch.setattr(rel, "CLASS_SAMPLES_MIN", 10**9)
    full = campus_100k.evaluate(values, ["reliability_spec"], use_memo=False)["reliability_spec"]
    assert full.renewal is not None
    pairs = [(fast.ettr_frac, full.ettr_frac), (fast.run_days, full.run_days)]
    pairs += [(fast.required_hot_spare_frac, full.required_hot_spare_frac)]
    pairs += [(fast.breakdown[k], full.breakdown[k]) for k in BREAKDOWN]
    pairs += [(fast.stocked_hot_spare_frac, full.stocked_hot_spare_frac)]
    pairs += [(fast.ettr_by_strategy[s], full.ettr_by_strategy[s]) for s in ("restart", "replica")]
    for a, b in pairs:
        np.testing.assert_allclose(a, np.broadcast_to(b, np.shape(a)), rtol=1e-15, atol=0)

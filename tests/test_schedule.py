"""Schedule: hand-solved networks, Monte Carlo against the deterministic case, crews, supply,
idle GPUs, partial-cluster runs, goals and the Colossus 1 fast-track build."""

import itertools

import numpy as np
import pytest

from gigawatt.campus import Campus
from gigawatt.scenario.io import validate_document
from gigawatt.schedule import curves
from gigawatt.schedule.network import critical_path, expand
from gigawatt.schedule.simulate import Inputs, forward_pass, sample_durations, triangular_ppf
from gigawatt.schedule.templates import Days, Delivery, Install, TaskTemplate, Template


def fixed(days):
    return Days(days, days, days, "test")


def _inputs(n_buildings=1, racks=(0.0,), rate=1.0, stagger=0.0, release=None, spread=1.0):
    k = n_buildings
    return Inputs(
        quantities={"grid_mw": np.array([0.0])},
        racks=np.array(racks, dtype=float).reshape(k, 1),
        demand_mw=np.zeros((k, 1)),
        release_days=np.array(release if release is not None else [np.nan] * k, dtype=float),
        racks_per_day_per_building=np.array([rate]),
        stagger_days=np.array([stagger]),
        spread=np.array([spread]),
        overrides={},
    )


# A textbook activity network solved by hand (forward pass):
#   A(3) -> B(4) -> D(5) -> F(2);  A -> C(2) -> E(1) -> F;  B -> E
#   EF: A 3, B 7, C 5, D 12, E max(5, 7) + 1 = 8, F max(12, 8) + 2 = 14
#   critical path A-B-D-F, 14 days; E has 4 days of float.
HAND = Template(
    name="hand",
    description="hand-solved",
    grid_interconnection_months=0,
    grid_interconnection_source="test",
    tasks=(
        TaskTemplate("A", "A", "campus", fixed(3)),
        TaskTemplate("B", "B", "campus", fixed(4), after=("A",)),
        TaskTemplate("C", "C", "campus", fixed(2), after=("A",)),
        TaskTemplate("D", "D", "campus", fixed(5), after=("B",)),
        TaskTemplate("E", "E", "campus", fixed(1), after=("C", "B")),
        TaskTemplate("F", "F", "campus", fixed(2), after=("D", "E")),
    ),
)


def test_hand_solved_network_forward_pass_and_critical_path():
    net = expand(HAND, ("campus",), (False,), 1)
    inp = _inputs()
    p = forward_pass(net, sample_durations(net, inp, 5, seed=1), inp)
    finish = {t.name: p.finish[t.index, 0, 0] for t in net.tasks}
    assert finish == {"A": 3, "B": 7, "C": 5, "D": 12, "E": 8, "F": 14}
    assert np.all(p.finish == p.finish[:, :1])  # fixed durations: every sample equal
    path = critical_path(net, p.start[:, 0, 0], p.finish[:, 0, 0], {}, net.index("F"))
    assert path == ["A", "B", "D", "F"]
    # the numpy trace of binding predecessors finds the same chain
    chain, cur = [], net.index("F")
    while cur >= 0:
        chain.append(net.tasks[cur].name)
        cur = int(p.binder[cur, 0, 0])
    assert chain[::-1] == path


def test_buildings_stagger_and_crew_chain_by_hand():
    """Two halls: shells 10 days, started 4 days apart (SS); each hall 100 racks at 10
    racks/day = 10 days by one crew pool, so hall 2 waits for the crews:
    hall 1 installs 10-20, hall 2 is ready at 14 but installs 20-30; burn-in 1 day."""
    tpl = Template(
        name="halls",
        description="",
        grid_interconnection_months=0,
        grid_interconnection_source="test",
        tasks=(
            TaskTemplate("shell", "shell", "building", fixed(10), kind="shell"),
            TaskTemplate("commissioning", "cx", "building", fixed(0), after=("shell",)),
            TaskTemplate("gpu_delivery", "d", "building", Delivery()),
            TaskTemplate(
                "rack_install",
                "i",
                "building",
                Install(1, 1, "test"),
                after=("commissioning", "gpu_delivery"),
                kind="install",
            ),
            TaskTemplate("burn_in", "b", "building", fixed(1), after=("rack_install",)),
        ),
    )
    net = expand(tpl, ("h1", "h2"), (False, False), 1)
    inp = _inputs(2, racks=(100, 100), rate=10.0, stagger=4.0)
    p = forward_pass(net, sample_durations(net, inp, 3, seed=0), inp)

    def f(name):
        return p.start[net.index(name), 0, 0], p.finish[net.index(name), 0, 0]

    assert f("shell[2]") == (4, 14)
    assert f("rack_install[1]") == (10, 20)
    assert f("gpu_delivery[2]") == (20, 20)  # just in time: hall ready and crews free
    assert f("rack_install[2]") == (20, 30)
    assert f("burn_in[2]") == (30, 31)
    # two crews (parallel buildings = 2) at 5 racks/day each: hall 2 is not held back
    net2 = expand(tpl, ("h1", "h2"), (False, False), 2)
    inp2 = _inputs(2, racks=(100, 100), rate=5.0, stagger=4.0)
    p2 = forward_pass(net2, sample_durations(net2, inp2, 3, seed=0), inp2)
    assert p2.start[net2.index("rack_install[2]"), 0, 0] == 14
    assert p2.finish[net2.index("rack_install[2]"), 0, 0] == 34


def test_fixed_delivery_date_makes_gpus_wait():
    tpl = Template(
        name="t",
        description="",
        grid_interconnection_months=0,
        grid_interconnection_source="test",
        tasks=(
            TaskTemplate("commissioning", "cx", "building", fixed(50)),
            TaskTemplate("gpu_delivery", "d", "building", Delivery()),
            TaskTemplate(
                "rack_install",
                "i",
                "building",
                Install(1, 1, "t"),
                after=("commissioning", "gpu_delivery"),
            ),
        ),
    )
    net = expand(tpl, ("h",), (True,), 1)
    early = _inputs(1, racks=(10,), rate=1.0, release=[20.0])
    p = forward_pass(net, sample_durations(net, early, 2, seed=0), early)
    assert p.finish[net.index("gpu_delivery"), 0, 0] == 20  # GPUs land on day 20...
    assert p.start[net.index("rack_install"), 0, 0] == 50  # ...and wait 30 days for the hall
    late = _inputs(1, racks=(10,), rate=1.0, release=[70.0])
    p = forward_pass(net, sample_durations(net, late, 2, seed=0), late)
    assert p.start[net.index("rack_install"), 0, 0] == 70  # the hall waits for the GPUs


def test_triangular_inverse_cdf_matches_numpy_moments():
    u = np.random.default_rng(3).random(200_000)
    x = triangular_ppf(u, 2.0, 3.0, 7.0)
    assert x.min() >= 2 and x.max() <= 7
    assert x.mean() == pytest.approx((2 + 3 + 7) / 3, rel=5e-3)  # mean of a triangular
    assert np.all(triangular_ppf(u[:10], 4.0, 4.0, 4.0) == 4.0)


class TestRamps:
    """One hall of 100 GPUs ramping linearly from day 0 to day 10."""

    a, d, g = np.array([[0.0]]), np.array([[10.0]]), np.array([[100.0]])

    def test_online_and_integral(self):
        assert curves.online_gpus(np.array([5.0]), self.a, self.d, self.g)[0] == 50
        # ∫ 10 t dt from 0 to 10 = 500 GPU-days, then 100 per day
        assert curves.cumulative_gpu_days(np.array([10.0]), self.a, self.d, self.g)[0] == 500
        assert curves.cumulative_gpu_days(np.array([12.0]), self.a, self.d, self.g)[0] == 700

    def test_time_to_reach_and_accumulate(self):
        assert curves.time_to_reach(np.array([25.0]), self.a, self.d, self.g)[0] == 2.5
        assert curves.time_to_reach(np.array([101.0]), self.a, self.d, self.g)[0] == np.inf
        # 500 GPU-days from day 0 end at day 10; 1,500 end at day 20
        t = curves.time_to_accumulate(np.array([0.0]), 500.0, self.a, self.d, self.g)
        assert t[0] == pytest.approx(10.0)
        t = curves.time_to_accumulate(np.array([0.0]), 1500.0, self.a, self.d, self.g)
        assert t[0] == pytest.approx(20.0)
        # from day 5 (50 online, growing 10/day): 125 GPU-days take τ with 50τ + 5τ² = 125
        t = curves.time_to_accumulate(np.array([5.0]), 125.0, self.a, self.d, self.g)
        assert t[0] == pytest.approx(5.0 + (-50 + np.sqrt(2500 + 20 * 125)) / 10)


FOUR = {
    "compute": {"system": "gb200-nvl72", "gpu_count": 400_032},
    "schedule": {"start_date": "2026-01-01", "building_count": 4},
}


def _campus(data, **schedule):
    d = {**data, "schedule": {**data["schedule"], **schedule}}
    return Campus(validate_document(d))


@pytest.fixture(scope="module")
def deterministic():
    return _campus(FOUR, duration_spread_frac=0, sample_count=50).plan()


def test_zero_spread_is_the_deterministic_schedule(deterministic):
    """At zero spread every sample equals the deterministic pass, and its full-capacity day
    equals the networkx longest path through the mode durations."""
    spec = deterministic.values["schedule_spec"]
    full = spec.milestones["full_capacity"][:, 0]
    assert np.ptp(full) == 0
    path = spec.critical_path()
    dur = spec.durations[:, 0, 0]
    by_name = {t.name: t for t in spec.network.tasks}
    start = spec.passed.start[by_name[path[0]].index, 0, 0]
    assert start == 0
    assert deterministic["full_capacity_days"] == pytest.approx(
        sum(dur[by_name[n].index] for n in path) + _lags(spec, path), rel=1e-12
    )


def _lags(spec, path):
    """Stagger lags on start-to-start edges of the path (shells of successive halls)."""
    by_name = {t.name: t for t in spec.network.tasks}
    extra = 0.0
    for a, b in itertools.pairwise(path):
        for e in by_name[b].edges:
            if e.pred == by_name[a].index and e.kind == "SS":
                extra += float(spec.stagger_days[0]) - spec.durations[e.pred, 0, 0]
    return extra


def test_monte_carlo_converges_to_the_deterministic_case(deterministic):
    det = deterministic["full_capacity_days"]
    gaps = []
    for spread in (0.5, 0.1, 0.01):
        p = _campus(FOUR, duration_spread_frac=spread, sample_count=2000).plan()
        gaps.append(abs(p["full_capacity_days"] - det))
        assert p["full_capacity_p10_days"] <= p["full_capacity_days"] <= p["full_capacity_p90_days"]
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 0.01 * det


def test_colossus1_fast_track_reproduces_its_122_day_build(root):
    """xAI Colossus 1: 122 days start to finish (OFF, Musk 2 Sep 2024), 19 days from first
    rack to training (OFF, NVIDIA 2024-10-28), >1,500 racks at ~70-80 racks/day (REP/DER,
    ServeTheHome). Given 1,563 racks of 8 HGX H100 (from the plan), 75 racks/day and the
    fast-track conversion template (whose pre-rack durations are OWN, calibrated on this one
    build), the P50 lands within 5 % of 122 days, and first rack to training follows from the
    crew rate alone (1,563 / 75 = 20.8 days + burn-in, vs 19 published)."""
    plan = Campus.from_file(root / "examples" / "colossus1.yaml").plan()
    assert plan["rack_count"] == 1563
    assert plan["full_capacity_days"] == pytest.approx(122, rel=0.05)
    assert plan["full_capacity_p10_days"] < 122 < plan["full_capacity_p90_days"]
    ramp = plan["first_training_days"] - plan["first_rack_days"]
    assert 19 <= ramp <= 25
    assert plan.values["schedule_spec"].critical_path()[-2:] == ["rack_install", "burn_in"]
    goal = plan.values["schedule_goals_spec"].checks[0].as_dict()
    assert goal["target"] == "2024-09-02" and 0.3 < goal["probability_met_frac"] < 0.8


def test_power_gates_the_halls_and_temporary_power_bridges(root):
    fast = Campus.from_file(root / "examples" / "colossus1.yaml").plan()
    none = Campus.from_file(
        root / "examples" / "colossus1.yaml", ["schedule.temporary_power_mw=0"]
    ).plan()
    assert fast["temporary_power_available_days"] < fast["first_rack_days"]
    assert none["temporary_power_available_days"] == np.inf
    # without the bridge the hall waits for permanent turbines and the grid
    assert (
        none["first_rack_days"]
        > max(none["grid_available_days"], none["generation_available_days"]) - 1
    )
    assert none["idle_gpu_cost_usd"] >= fast["idle_gpu_cost_usd"] * 0.9


def test_idle_gpus_from_early_delivery_by_hand():
    """GPUs delivered on day 0 to a hall whose installation starts on day S wait S days;
    with zero spread idle GPU-days = G · (S + burn-in + install / 2)."""
    data = {
        "compute": {"system": "h100-sxm-hgx", "gpu_count": 64_000},
        "schedule": {
            "start_date": "2026-01-01",
            "template": "fast_track",
            "duration_spread_frac": 0,
            "sample_count": 10,
            "phases": [{"date": "2026-12-31", "gpu_count": 64_000, "delivery_date": "2026-01-01"}],
        },
    }
    p = Campus(validate_document(data)).plan()
    spec = p.values["schedule_spec"]
    net = spec.network
    s = spec.passed.start[net.index("rack_install"), 0, 0]
    install = spec.durations[net.index("rack_install"), 0, 0]
    burn = spec.durations[net.index("burn_in"), 0, 0]
    assert install == pytest.approx(1000 / 75)  # 1,000 racks of 64 GPUs at 75 racks/day
    assert p["idle_gpu_days"] == pytest.approx(64_000 * (s + burn + install / 2))
    per_gpu_day = p["it_capex_usd"] / 64_000 * p["gpu_crf_frac_per_year"] / 365.25
    assert p["idle_gpu_cost_usd"] == pytest.approx(p["idle_gpu_days"] * per_gpu_day)


def test_partial_start_never_finishes_later_than_waiting(root):
    p = Campus.from_file(root / "examples" / "colossus2.yaml").plan()
    assert p["run_finish_partial_start_days"] <= p["run_finish_wait_days"]
    assert p["partial_start_gain_days"] > 0  # three phases: starting early helps
    assert p["run_finish_wait_days"] == pytest.approx(
        p["full_capacity_days"] + p["time_to_train_days"]
    )


def test_goals_report_probability_and_binding_task(root):
    assert Campus.from_file(root / "examples" / "colossus2.yaml").plan()["goals_missed_count"] == 0
    late = Campus(
        validate_document(
            {
                "compute": {"system": "gb200-nvl72", "gpu_count": 100_008},
                "schedule": {
                    "start_date": "2026-01-01",
                    "goals": [
                        {"metric": "facility_power_mw", "value": 50, "date": "2026-02-01"},
                        {"metric": "training_run_flop", "value": 1e27, "date": "2040-01-01"},
                    ],
                },
            }
        )
    ).plan()
    checks = [c.as_dict() for c in late.values["schedule_goals_spec"].checks]
    assert checks[0]["probability_met_frac"] == 0 and not checks[0]["met_at_p50"]
    assert checks[0]["binding_task"] in checks[0]["binding_chain"]
    assert checks[1]["met_at_p50"]
    assert late["goals_missed_count"] == 1


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"durations_days": {"shel": 10}}, "durations_days.shel is no task"),
        ({"durations_days": {"rack_install": 10}}, "durations_days.rack_install is derived"),
        (
            {"building_count": 2, "phases": [{"date": "2026-01-01", "gpu_count": 8}]},
            "building_count applies only without phases",
        ),
        (
            {"goals": [{"metric": "gpu_count", "value": 8, "date": "2026-01-01"}]},
            "give schedule.start_date",
        ),
        ({"template": "instant"}, "schedule.template"),
        ({"rack_install_racks_per_day": 0}, "schedule.rack_install_racks_per_day = 0"),
    ],
)
def test_bad_schedule_input_names_the_field(schedule, message):
    from gigawatt.errors import GigawattInputError

    with pytest.raises(GigawattInputError) as exc:
        validate_document({"compute": {"system": "x", "gpu_count": 8}, "schedule": schedule})
    assert message in str(exc.value)

"""`gigawatt reliability`, and what `gigawatt plan` says about goodput."""

import json

import pytest

from conftest import ROOT, write
from gigawatt.cli import app

MINIMAL = ROOT / "examples" / "minimal.yaml"
FAST = ["--set", "reliability.replications=12", "--set", "reliability.days=10"]


def run(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_json_keys_and_consistency(runner):
    r = run(runner, "reliability", MINIMAL, "--json", *FAST)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    for key in (
        "job_mtti_hours",
        "interruptions_per_day",
        "ettr",
        "ettr_breakdown",
        "checkpoint_interval_minutes",
        "lost_gpu_hours_by_cause",
        "time_to_train_days",
    ):
        assert key in doc, key
    assert 0.0 < doc["ettr"] < 1.0
    assert doc["ettr"] + sum(doc["ettr_breakdown"].values()) == pytest.approx(1.0)
    t = doc["time_to_train_days"]
    assert t["ideal"] < t["p10"] <= t["p50"] <= t["p90"]
    assert doc["ettr"] == pytest.approx(doc["ettr_closed_form"], abs=0.02)
    assert doc["interruptions_per_day"]["total"] == pytest.approx(24 / doc["job_mtti_hours"])
    assert set(doc["interruptions_per_day"]["by_cause"]) >= {"gpu", "hbm", "software"}
    assert doc["simulation"]["replications"] == 12


def test_text_report_and_same_seed_same_numbers(runner):
    a = run(runner, "reliability", MINIMAL, *FAST)
    assert a.exit_code == 0, a.output
    assert "ETTR" in a.output and "time to train" in a.output
    b = run(runner, "reliability", MINIMAL, *FAST)
    assert a.output == b.output


@pytest.mark.parametrize(
    ("sets", "path"),
    [
        (["reliability.strategy=bogus"], "reliability.strategy"),
        (["reliability.hot_spare_frac=2"], "reliability.hot_spare_frac"),
        (["reliability.job_gpu_count=500000"], "reliability.job_gpu_count"),
        (["reliability.replica_gpu_count=99000"], "reliability.replica_gpu_count"),
        (["reliability.checkpoint_tiers=peer"], "reliability.checkpoint_tiers"),
        (["reliability.failure_data=nope"], "reliability.failure_data"),
        (["reliability.mtbf=3"], "reliability.mtbf"),
    ],
)
def test_bad_input_exits_2_and_names_the_field(runner, sets, path):
    args = [a for s in sets for a in ("--set", s)]
    r = run(runner, "reliability", MINIMAL, "--json", *args)
    assert r.exit_code == 2, r.output
    assert path in r.output


def test_plan_shows_ettr_and_warns_about_whole_job_restarts_at_a_million_gpus(runner, tmp_path):
    p = write(tmp_path, "compute: {system: gb200-nvl72, gpu_count: 1000000}\n")
    r = run(runner, "plan", p)
    assert r.exit_code == 0, r.output
    assert "ettr_frac" in r.output and "time_to_train_days" in r.output
    assert "warning" in r.output and "restarting" in r.output
    doc = json.loads(run(runner, "plan", p, "--json").output)
    ettr = doc["metrics"]["ettr_frac"]["value"]
    assert 0.05 < ettr < 0.9  # default (replica) strategy: meaningful, not zero
    ideal = doc["metrics"]["job_ideal_time_to_train_days"]["value"]
    assert doc["metrics"]["time_to_train_days"]["value"] == pytest.approx(ideal / ettr)
    assert any("strategy 'restart'" in w for w in doc["warnings"])

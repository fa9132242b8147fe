"""`gigawatt schedule`: JSON keys, text, chart, and bad input (exit 2 naming the field)."""

import json

import pytest

from conftest import write
from gigawatt.cli import app


def run(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def doc(root):
    from typer.testing import CliRunner

    r = CliRunner().invoke(app, ["schedule", str(root / "examples/colossus2.yaml"), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_json_interface(doc):
    assert {"milestones", "critical_path", "gpus_online"} <= set(doc)
    first = {m["name"]: m for m in doc["milestones"]}
    for name in ("first_training", "full_capacity", "phase:first batch"):
        m = first[name]
        assert m["p10"] <= m["p50"] <= m["p90"]  # ISO dates sort as text
    assert first["grid_available"]["p50"] is None  # islanded campus: no grid, ever
    assert doc["critical_path"][-1].startswith("burn_in")
    series = doc["gpus_online"]
    assert series[0]["p50"] == 0 and series[-1]["p50"] == pytest.approx(1_000_008, rel=1e-6)
    assert all(p["p10"] <= p["p50"] <= p["p90"] + 1e-6 for p in series)
    assert {g["name"] for g in doc["goals"]} >= {"1 GW online", "first 1e27-FLOP run"}
    assert all(g["binding_task"] for g in doc["goals"])


def test_text_and_chart(runner, root, tmp_path):
    out = tmp_path / "gantt.html"
    r = run(runner, "schedule", root / "examples/colossus1.yaml", "--chart", out)
    assert r.exit_code == 0, r.output
    assert "critical path" in r.output and "Milestones" in r.output
    html = out.read_text()
    assert "plotly" in html.lower() and '<script src="http' not in html  # offline, no CDN
    assert "rack_install" in html


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["examples/minimal.yaml"], "schedule.start_date: is empty"),
        (["examples/colossus1.yaml", "--set", "schedule.template=instant"], "schedule.template"),
        (
            ["examples/colossus1.yaml", "--set", "schedule.durations_days.bogus=3"],
            "durations_days.bogus",
        ),
        (["examples/colossus1.yaml", "--chart", "/nonexistent/dir/x.html"], "--chart"),
    ],
)
def test_bad_input_exits_2_naming_the_field(runner, root, args, expected):
    r = run(runner, "schedule", root / args[0], *args[1:])
    assert r.exit_code == 2, r.output
    assert expected in r.output


def test_bad_file(runner, tmp_path):
    r = run(runner, "schedule", write(tmp_path, "compute: {system: [x\n"))
    assert r.exit_code == 2 and "malformed YAML" in r.output

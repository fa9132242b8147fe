"""The command line: outputs, explain, what-if, and bad input (exit 2, never a traceback)."""

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, write
from gigawatt.cli import app

REQUIRED_METRICS = [
    "gpu_count",
    "it_power_mw",
    "facility_power_mw",
    "pue",
    "capex_usd",
    "opex_usd_per_year",
    "cost_usd_per_gpu_hour",
    "peak_bf16_flop_per_s",
    "time_to_train_days",
]


def run(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_plans(runner, path):
    r = run(runner, "plan", path)
    assert r.exit_code == 0, r.output
    assert "binding constraint" in r.output
    r = run(runner, "plan", path, "--json")
    doc = json.loads(r.output)
    assert set(REQUIRED_METRICS) <= set(doc["metrics"])
    assert doc["scenario"]["compute"]["system"]


def test_json_shape(runner, root):
    doc = json.loads(run(runner, "plan", root / "examples/minimal.yaml", "--json").output)
    assert set(doc) >= {"scenario", "metrics"}
    m = doc["metrics"]["facility_power_mw"]
    assert set(m) == {"value", "unit"} and m["unit"] == "MW" and m["value"] > 0


def test_set_changes_every_dependent_number(runner, root):
    base = json.loads(run(runner, "plan", root / "examples/minimal.yaml", "--json").output)
    more = json.loads(
        run(
            runner,
            "plan",
            root / "examples/minimal.yaml",
            "--json",
            "--set",
            "compute.gpu_count=200016",
        ).output
    )
    for q in ("facility_power_mw", "capex_usd", "switch_count"):
        assert more["metrics"][q]["value"] > base["metrics"][q]["value"]
    assert more["scenario"]["compute"]["gpu_count"] == 200016


def test_goal_seek_from_the_command_line(runner, root):
    r = run(
        runner,
        "plan",
        root / "examples/minimal.yaml",
        "--json",
        "--set",
        "compute.gpu_count=null",
        "--set",
        "site.power_cap_mw=1200",
    )
    doc = json.loads(r.output)
    assert doc["metrics"]["facility_power_mw"]["value"] <= 1200
    assert "site.power_cap_mw" in doc["binding_constraint"]


def test_out_writes_tables(runner, root, tmp_path):
    r = run(runner, "plan", root / "examples/minimal.yaml", "--out", tmp_path, "--json")
    assert r.exit_code == 0
    for name in (
        "scenario.yaml",
        "plan.json",
        "capex.csv",
        "capex.parquet",
        "power.csv",
        "bom.parquet",
        "opex.csv",
        "schedule.csv",
        "metrics.parquet",
    ):
        assert (tmp_path / name).is_file(), name
    import pandas as pd

    capex = pd.read_parquet(tmp_path / "capex.parquet")
    doc = json.loads((tmp_path / "plan.json").read_text())
    assert capex["usd"].sum() == pytest.approx(doc["metrics"]["capex_usd"]["value"])


def test_explain_shows_formula_inputs_and_sources(runner, root):
    r = run(runner, "explain", root / "examples/minimal.yaml", "pue", "--depth", "3")
    assert r.exit_code == 0
    assert "pue = facility_power_mw / it_power_mw" in r.output
    assert "Cushman" in r.output or "acnewkirk" in r.output
    r = run(runner, "explain", root / "examples/minimal.yaml", "compute.gpu_count")
    assert "target_gpu_count" in r.output and "scenario compute.gpu_count" in r.output
    r = run(runner, "explain", root / "examples/minimal.yaml", "gpu_tdp_w")
    assert "catalog system gb200-nvl72" in r.output


def test_explain_unknown_quantity(runner, root):
    r = run(runner, "explain", root / "examples/minimal.yaml", "facility_power")
    assert r.exit_code == 2 and "did you mean" in r.output


def test_schema_and_catalog(runner):
    schema = json.loads(run(runner, "schema").output)
    assert "compute" in schema["required"]
    r = run(runner, "catalog", "system")
    assert r.exit_code == 0 and "gb300-nvl72" in r.output
    assert run(runner, "catalog").exit_code == 0
    assert run(runner, "catalog", "widgets").exit_code == 2


def test_validate_ok(runner, root):
    r = run(runner, "validate", root / "examples/colossus1.yaml")
    assert r.exit_code == 0 and r.output.startswith("ok:")


BAD = {
    "malformed.yaml": ("compute: {system: [unclosed\n", "malformed YAML"),
    "scalar.yaml": ("42\n", "mapping"),
    "empty.yaml": ("", "compute: required field is missing"),
    "types.yaml": ("compute: {system: h100-sxm-hgx, gpu_count: many}\n", "compute.gpu_count"),
    "unknown.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\npowr: {}\n",
        "powr: unknown key",
    ),
    "negative.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\npower: {grid_mw: -5}\n",
        "power.grid_mw = -5",
    ),
    "absurd.yaml": ("compute: {system: h100-sxm-hgx, gpu_count: 1e12}\n", "compute.gpu_count"),
    "catalog_id.yaml": (
        "compute: {system: h100, gpu_count: 8}\nnetwork: {switch: sn5600}\n",
        "network.switch",
    ),
    "over_cap.yaml": (
        "compute: {system: gb200-nvl72, gpu_count: 1000000}\nsite: {power_cap_mw: 1000}\n",
        "site.power_cap_mw",
    ),
    "nothing_sizes.yaml": ("compute: {system: gb200-nvl72}\n", "nothing sizes the campus"),
    "fp4_on_hopper.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\nworkload: {precision: fp4}\n",
        "workload.precision",
    ),
    "override.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\noverrides: {gpu_tdp: 500}\n",
        "overrides.gpu_tdp",
    ),
    # the fuzzer's find: an override far outside its quantity's bounds overflowed downstream
    "override_bounds.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\noverrides: {liquid_cooled_frac: 156265}\n",
        "overrides.liquid_cooled_frac = 156265.0: outside [0, 1] (catalog system)",
    ),
    "override_scenario_bounds.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\noverrides: {wacc_frac: 3}\n",
        "outside [0, 0.5] (scenario field finance.wacc_frac)",
    ),
    "tiers.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 100000}\nnetwork: {tiers: 1}\n",
        "network.tiers",
    ),
    "tiny_cap.yaml": (
        "compute: {system: gb200-nvl72}\nsite: {power_cap_mw: 0.01}\n",
        "not even one system fits",
    ),
    "dist.yaml": (
        "compute: {system: h100-sxm-hgx, gpu_count: 8}\n"
        "power: {grid_mw: {dist: normal, mean: 5}}\n",
        "power.grid_mw",
    ),
    # a key given twice: PyYAML keeps the last value silently, we refuse (TOML does too)
    "duplicate.yaml": (
        "compute:\n  system: h100-sxm-hgx\n  gpu_count: 8\n  gpu_count: 16\n",
        "line 4, column 3: found the key 'gpu_count' twice",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["plan", "validate", "explain"])
def test_bad_input_gives_a_message_and_exit_2(runner, tmp_path, name, command):
    text, expected = BAD[name]
    path = write(tmp_path, text, name)
    args = [command, path] + (["pue"] if command == "explain" else [])
    r = run(runner, *args)
    assert r.exit_code == 2, r.output
    assert expected in r.output


def test_bad_set_and_missing_file(runner, root, tmp_path):
    r = run(runner, "plan", root / "examples/minimal.yaml", "--set", "compute.gpu_count=-1")
    assert r.exit_code == 2 and "compute.gpu_count = -1" in r.output
    r = run(runner, "plan", root / "examples/minimal.yaml", "--set", "compute")
    assert r.exit_code == 2
    r = run(runner, "plan", root / "examples/minimal.yaml", "--set", "compute.system.x=1")
    assert r.exit_code == 2
    assert run(runner, "plan", tmp_path / "nope.yaml").exit_code == 2
    assert run(runner, "plan", tmp_path).exit_code == 2
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\xff\xfe garbage")
    assert run(runner, "plan", binary).exit_code == 2


def test_console_script_runs_as_a_process(root):
    r = subprocess.run(
        [sys.executable, "-m", "gigawatt", "plan", str(root / "examples/minimal.yaml"), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["metrics"]["gpu_count"]["value"] == 100_008

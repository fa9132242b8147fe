"""`gigawatt network`: design output, side-by-side comparison, refused designs (exit 2)."""

import json

import pytest

from conftest import write
from test_cli import run

KEYS = {
    "tiers",
    "switches",
    "transceivers",
    "cables",
    "network_power_mw",
    "network_capex_usd",
    "bisection_tbps",
    "latency_us",
}


def test_design_json_has_the_interface_keys(runner, root):
    path = root / "examples/colossus1.yaml"
    doc = json.loads(run(runner, "network", path, "--json").output)
    assert set(doc) >= KEYS
    assert doc["tiers"] == 3
    assert set(doc["switches"]) == {"leaf", "spine", "superspine"}
    assert sum(doc["switches"].values()) == doc["switch_count"]
    plan = json.loads(run(runner, "plan", path, "--json").output)["metrics"]
    assert doc["network_power_mw"] == pytest.approx(plan["network_power_mw"]["value"])
    assert doc["network_capex_usd"] == pytest.approx(plan["network_capex_usd"]["value"])
    assert sum(doc["transceivers"].values()) == plan["transceiver_count"]["value"]
    assert sum(c["count"] for c in doc["cables"].values()) == plan["cable_count"]["value"]


def test_design_text(runner, root):
    r = run(runner, "network", root / "examples/colossus2.yaml")
    assert r.exit_code == 0, r.output
    for text in ("Switches by tier", "Transceivers by type", "Cables by distance class",
                 "Levels seen by collectives", "Storage"):  # fmt: skip
        assert text in r.output


def test_compare_planes_side_by_side(runner, root):
    path = root / "examples/colossus2.yaml"
    r = run(runner, "network", path, "--compare", "planes=1,2,4")
    assert r.exit_code == 0, r.output
    assert "network.planes alternatives" in r.output and "latency_us" in r.output
    doc = json.loads(run(runner, "network", path, "--compare", "planes=1,2,4", "--json").output)
    assert [row["value"] for row in doc["rows"]] == ["1", "2", "4"]
    alone = json.loads(run(runner, "network", path, "--set", "network.planes=2", "--json").output)
    two = doc["rows"][1]
    assert (two["tiers"], two["switches"]) == (alone["tiers"], alone["switch_count"])
    assert two["network_capex_usd"] == pytest.approx(alone["network_capex_usd"])


def test_compare_marks_unbuildable_alternatives(runner, root):
    doc = json.loads(
        run(
            runner, "network", root / "examples/colossus1.yaml", "--compare",
            "switch=spectrum4-sn5600,quantum2-qm9700", "--json",
        ).output
    )  # fmt: skip
    ok, ib = doc["rows"]
    assert ok["buildable"] and not ib["buildable"]
    assert "48,895" in ib["problems"][0]


def test_compare_lists_and_other_sections(runner, root):
    path = root / "examples/colossus1.yaml"
    doc = json.loads(
        run(runner, "network", path, "--compare", "oversubscription=1,[1,7]", "--json").output
    )
    assert doc["rows"][1]["bisection_tbps"] < doc["rows"][0]["bisection_tbps"]
    doc = json.loads(
        run(runner, "network", path, "--compare", "site.buildings=1,4", "--json").output
    )
    assert doc["field"] == "site.buildings"
    assert doc["rows"][1]["hops"] == doc["rows"][1]["tiers"] * 2 + 1


BAD = {
    "ib_subnet": (
        "compute: {system: h100-sxm-hgx, gpu_count: 100000}\nnetwork: {switch: quantum2-qm9700}\n",
        ["network.switch", "48,895", "Ethernet", "IB routers", "rail-only"],
    ),
    "port_too_fast": (
        "compute: {system: gb300-nvl72, gpu_count: 7200}\nnetwork: {switch: quantum2-qm9700}\n",
        ["network.switch", "fastest port is 400", "network.planes = 2"],
    ),
    "ratios_too_many": (
        "compute: {system: h100-sxm-hgx, gpu_count: 1000}\nnetwork: {oversubscription: [1, 2]}\n",
        ["network.oversubscription", "2 tier(s)"],
    ),
    "ratio_below_one": (
        "compute: {system: h100-sxm-hgx, gpu_count: 1000}\nnetwork: {oversubscription: [1, 0.5]}\n",
        ["network.oversubscription", "entry 1"],
    ),
    "scaleup_multiple": (
        "compute: {system: gb200-nvl72, gpu_count: 7200}\nnetwork: {scaleup_gpus: 100}\n",
        ["network.scaleup_gpus", "72-GPU domains"],
    ),
    "campus_reach": (
        "compute: {system: h100-sxm-hgx, gpu_count: 100000}\nsite: {buildings: 2}\n"
        "network: {building_distance_m: 5000}\n",
        ["network.optic_campus", "osfp-800g-zr"],
    ),
    "nvlink_as_scaleout": (
        "compute: {system: h100-sxm-hgx, gpu_count: 1000}\n"
        "network: {switch: nvlink5-switch-tray}\n",
        ["network.switch", "NVLink"],
    ),
    "tiers_given_too_few": (
        "compute: {system: h100-sxm-hgx, gpu_count: 100000}\nnetwork: {tiers: 2}\n",
        ["network.tiers", "leave it empty"],
    ),
    "unknown_topology": (
        "compute: {system: h100-sxm-hgx, gpu_count: 1000}\nnetwork: {topology: torus}\n",
        ["network.topology"],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["network", "plan"])
def test_refused_designs_exit_2_and_say_what_works(runner, tmp_path, name, command):
    text, expected = BAD[name]
    r = run(runner, command, write(tmp_path, text, name + ".yaml"))
    assert r.exit_code == 2, r.output
    for part in expected:
        assert part in r.output, (part, r.output)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("planes", "FIELD=V1,V2"), ("planes=4", "at least two"), ("planes=1,0", "network.planes"),
     ("nosuchfield=1,2", "network.nosuchfield")],
)  # fmt: skip
def test_bad_compare_exit_2(runner, root, spec, expected):
    r = run(runner, "network", root / "examples/minimal.yaml", "--compare", spec)
    assert r.exit_code == 2, r.output
    assert expected in r.output

"""Properties of the network designer (hypothesis): monotonicity, conservation, vectorisation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.catalog import builtin
from gigawatt.network import fattree as f
from gigawatt.network.compare import design_space
from gigawatt.scenario.io import validate_document

SWITCHES = [e for e in builtin().entries["switch"].values() if e.technology != "nvlink"]
RATIOS = st.one_of(st.floats(1, 8), st.lists(st.floats(1, 8), min_size=1, max_size=5).map(tuple))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 5_000_000), min_size=2, max_size=60),
    st.sampled_from(SWITCHES),
    st.sampled_from([100, 200, 400, 800]),
    RATIOS,
)
def test_switch_count_monotone_in_endpoints(counts, switch, port, ratios):
    """More endpoints never need fewer switches, links or tiers (tiers grow as needed)."""
    inputs = switch.derived_inputs()
    k = f.switch_radix_count(
        switch.switch_capacity_gbps, port, inputs["switch_max_ports_count"],
        inputs["switch_max_port_gbps"],
    )  # fmt: skip
    if k < 2:
        return
    n = np.sort(np.asarray(counts, dtype=float))
    tiers = f.tier_count(n, k, ratios)
    ok = tiers <= f.MAX_TIERS
    spec = f.fabric_spec(n[ok], k, tiers[ok], ratios)
    for series in (tiers[ok], spec.total_switches(), spec.total_links()):
        assert np.all(np.diff(series) >= 0)
    assert np.all(spec.reach() >= n[ok])


@settings(max_examples=40, deadline=None)
@given(st.integers(8, 2_000_000), st.sampled_from([s.id for s in SWITCHES]))
def test_more_planes_never_fewer_nic_ports(gpus, switch):
    """Each plane adds a NIC port per GPU: ports grow with planes, bandwidth per GPU is
    conserved, and the NIC-side optics carry the same bandwidth whatever the split."""
    campus = Campus(
        validate_document(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": gpus},
                "network": {"switch": switch},
            }
        )
    )
    planes = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    v = campus.evaluate({"network.planes": planes})
    ports = np.asarray(v["endpoint_port_count"])
    assert np.all(np.diff(ports) > 0)
    assert np.asarray(v["port_gbps"] * planes) == pytest.approx(400.0)
    nic_gbps = np.asarray(v["nic_transceiver_count"]) * float(v["nic_optic_gbps"])
    assert np.all(nic_gbps >= ports * np.asarray(v["port_gbps"]) - 1e-6)


def test_more_planes_can_mean_fewer_switch_ports():
    """Not a monotone quantity: 130 GPUs on one 400G plane need two tiers of 128-port
    switches (5 x 128 ports); two 200G planes fit one 256-port switch each (2 x 256)."""
    one = f.fabric_spec(130, 128, f.tier_count(130, 128, 1.0), 1.0)
    two = f.fabric_spec(130, 256, f.tier_count(130, 256, 1.0), 1.0)
    assert one.total_switches() * 128 == 640
    assert 2 * two.total_switches() * 256 == 512


@settings(max_examples=30, deadline=None)
@given(st.integers(72, 3_000_000), st.sampled_from(["fat-tree", "rail-optimized", "rail-only"]))
def test_links_and_optics_conserve_bandwidth(gpus, topology):
    """Every GPU port has a link; optical links have a switch-side module share at each
    switch end; cables by class add up to the links."""
    campus = Campus(
        validate_document(
            {
                "compute": {"system": "gb200-nvl72", "gpu_count": gpus},
                "network": {"topology": topology},
            }
        )
    )
    v = campus.evaluate()
    assert v["endpoint_link_count"] >= v["gpu_count"]
    assert v["link_count"] == pytest.approx(v["endpoint_link_count"] + v["switch_link_count"])
    rack_row = v["endpoint_link_count"] * (v["rack_link_frac"] + v["row_link_frac"])
    assert v["hall_link_count"] + rack_row == pytest.approx(v["link_count"])
    assert v["network_power_mw"] > 0 and v["network_capex_usd"] > 0


def test_design_space_equals_separate_plans():
    """The vectorised design space gives each design's numbers as a separate plan would."""
    base = {"compute": {"system": "h100-sxm-hgx", "gpu_count": 65_536}}
    campus = Campus(validate_document(base))
    space = design_space(
        campus,
        switches=["spectrum4-sn5600", "tomahawk6"],
        planes=[1, 4],
        topologies=["fat-tree", "rail-only"],
        oversubscriptions=[1.0, (1.0, 3.0)],
        buildings=[1, 2],
    )
    assert len(space["designs"]) == 32
    for i in (0, 7, 18, 31):
        d = space["designs"][i]
        over = d["oversubscription"]
        doc = {
            **base,
            "site": {"buildings": d["buildings"]},
            "network": {
                "switch": d["switch"],
                "planes": d["planes"],
                "topology": d["topology"],
                "oversubscription": list(over) if isinstance(over, tuple) else over,
            },
        }
        alone = Campus(validate_document(doc)).evaluate()
        for name in ("switch_count", "transceiver_count", "network_power_mw", "latency_us",
                     "bisection_tbps", "storage_power_mw"):  # fmt: skip
            got = np.broadcast_to(space["values"][name], (32,))[i]
            assert got == pytest.approx(float(alone[name])), (i, name)

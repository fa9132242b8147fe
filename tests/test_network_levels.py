"""The network-levels contract (network -> training): sizes, bandwidth and latency by level."""

import numpy as np
import pytest

from gigawatt.campus import Campus
from gigawatt.levels import Levels
from gigawatt.scenario.io import validate_document


def levels_of(doc) -> Levels:
    return Campus(validate_document(doc)).evaluate()["network_levels_spec"]


def test_api_on_a_three_tier_hopper_fabric():
    """100k H100 on SN5600 (400G, radix 128), rail-optimized: NVLink 8, leaf 64 x 8 rails,
    spine pod 64 x 64, whole fabric; 450 GB/s inside the domain, 50 GB/s outside."""
    lv = levels_of({"compute": {"system": "h100-sxm-hgx", "gpu_count": 100_000}})
    assert lv.names == ("scaleup", "leaf", "spine", "superspine")
    assert lv.gpus.tolist() == [8, 512, 4_096, 100_000]
    assert lv.level_of([8, 9, 512, 513, 4_097]).tolist() == [0, 1, 1, 2, 3]
    assert lv.bandwidth_gb_per_s([8, 100]).tolist() == [450, 50]
    # switch hops 1, 3, 5 at 600 ns; 2, 4, 6 links of 50 m at 4.5 ns/m; PXN hop at the leaf
    assert lv.latency([100, 1_000, 50_000]).tolist() == pytest.approx(
        [0.25 + 0.6 + 2 * 50 * 0.0045, 3 * 0.6 + 4 * 50 * 0.0045, 5 * 0.6 + 6 * 50 * 0.0045]
    )


def test_oversubscription_slows_the_outer_levels_only():
    lv = levels_of(
        {
            "compute": {"system": "h100-sxm-hgx", "gpu_count": 100_000},
            "network": {"oversubscription": [1, 4]},
        }
    )
    assert lv.bandwidth_gb_per_s([500, 4_000, 90_000]).tolist() == [50, 50, 12.5]


def test_buildings_add_a_campus_level():
    """Four buildings 1 km from the campus tier at 100 Gb/s per GPU: groups beyond one
    building see 12.5 GB/s and 2 km more fibre (9 µs) plus two more hops."""
    lv = levels_of(
        {
            "compute": {"system": "h100-sxm-hgx", "gpu_count": 100_000},
            "site": {"buildings": 4},
            "network": {"building_gbps_per_gpu": 100},
        }
    )
    assert lv.names[-1] == "campus"
    assert lv.gpus[-2] == 25_000 and lv.gpus[-1] == 100_000
    inside, across = lv.latency(20_000), lv.latency(30_000)
    assert lv.bandwidth_gb_per_s(30_000) == 12.5
    assert across - inside == pytest.approx(2 * 0.6 + 2 * 1_000 * 0.0045)


def test_rail_only_joins_rails_through_nvlink():
    """Rail-only (Wang et al., arXiv 2307.12169): every scale-out crossing forwards through
    the high-bandwidth domain; a leaf joins 64 domains of 8 GPUs."""
    lv = levels_of(
        {
            "compute": {"system": "h100-sxm-hgx", "gpu_count": 4_096},
            "network": {"topology": "rail-only"},
        }
    )
    assert lv.gpus.tolist() == [8, 512, 4_096]  # 8 rail networks of 512 GPUs, 2 tiers each
    # one NVLink forward to the destination's rail, one leaf hop, two 50 m links
    assert lv.latency(100) == pytest.approx(0.25 + 0.6 + 2 * 50 * 0.0045)


def test_one_domain_holds_every_gpu():
    lv = levels_of({"compute": {"system": "gb200-nvl72", "gpu_count": 72}})
    assert lv.level_of(72) == 0 and lv.bandwidth_gb_per_s(72) == 900


def test_batches_keep_one_level_axis():
    campus = Campus(validate_document({"compute": {"system": "h100-sxm-hgx", "gpu_count": 8}}))
    counts = np.array([8.0, 10_000.0, 1_000_000.0])
    lv = campus.evaluate({"compute.gpu_count": counts})["network_levels_spec"]
    assert lv.gpus.shape == (len(lv.names), 3)
    assert np.all(np.diff(lv.gpus, axis=0) >= 0)
    bw = lv.bandwidth_gb_per_s(np.array([4.0, 5_000.0, 900_000.0]))
    assert bw.tolist() == [450, 50, 50]

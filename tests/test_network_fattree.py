"""Fat-tree designer against k-ary fat-tree counts, DGX SuperPOD scalable units and the
published fabrics of reference network.md (citations inline)."""

import numpy as np
import pytest

from gigawatt.campus import Campus
from gigawatt.network import fabric_totals as ft
from gigawatt.network import fattree as f
from gigawatt.scenario.io import validate_document


def design(n, k, oversubscription=1.0, tiers=None):
    L = f.tier_count(n, k, oversubscription) if tiers is None else tiers
    return f.fabric_spec(n, k, L, oversubscription)


def plan_values(doc):
    return Campus(validate_document(doc)).evaluate()


class TestKaryFatTree:
    @pytest.mark.parametrize("k", [4, 8, 16, 48, 64])
    def test_three_tier_maximum(self, k):
        """Al-Fares et al. SIGCOMM'08: a k-ary fat tree has k³/4 hosts and 5k²/4 switches
        (k²/2 edge + k²/2 aggregation + k²/4 core), 3·k³/4 links."""
        n = k**3 // 4
        spec = design(n, k)
        assert f.tier_count(n, k, 1.0) == 3
        assert f.tier_count(n + 1, k, 1.0) == 4
        assert list(spec.switches[:3]) == [k * k / 2, k * k / 2, k * k / 4]
        assert spec.total_switches() == 5 * k * k / 4
        assert spec.total_links() == 3 * n

    def test_cornelis_k48_example(self):
        """Cornelis CN5000 worked example (reference network.md §2): k = 48 -> 27,648
        endpoints, 48 pods x (24 edge + 24 agg) + 576 core = 2,880 switches."""
        spec = design(27_648, 48)
        assert float(spec.reach()) == 27_648
        assert spec.total_switches() == 2_880
        assert spec.switches[2] == 576

    @pytest.mark.parametrize(
        ("k", "two_tier", "three_tier", "switches_at_max"),
        [(64, 2_048, 65_536, 5_120), (128, 8_192, 524_288, 20_480), (144, 10_368, 746_496, 25_920),
         (512, 131_072, 33_554_432, 327_680)],
    )  # fmt: skip
    def test_reach_by_radix_table(self, k, two_tier, three_tier, switches_at_max):
        """Reference network.md §3 (derived): max endpoints by radix and the 3-tier switch
        count at the maximum; Broadcom claims '>128,000 XPUs in two tiers' for TH6 (k=512)."""
        spec = design(three_tier, k)
        assert spec.reach_by_tiers[1] == two_tier
        assert spec.reach_by_tiers[2] == three_tier
        assert spec.total_switches() == switches_at_max

    def test_million_gpu_examples(self):
        """Reference network.md §3: one 800G plane on k=64 needs 4 tiers, ≈ 7N/64 ≈ 109k
        switches; 4 planes x 200G on k=512 need 3 tiers, ≈ 5N/512 ≈ 9,766 per plane."""
        n = 1_000_000
        assert f.tier_count(n, 64, 1.0) == 4
        assert design(n, 64).total_switches() == pytest.approx(109_375, rel=1e-3)
        assert f.tier_count(n, 512, 1.0) == 3
        assert design(n, 512).total_switches() == pytest.approx(9_766, rel=1e-3)


class TestDgxSuperPod:
    def test_h100_four_scalable_units(self):
        """NVIDIA DGX SuperPOD H100 RA (reference network.md §1): 4 SU = 127 nodes / 1,016
        GPUs on 32 leaf + 16 spine Quantum-2 QM9700 (64 x 400G), 1,024 spine-leaf cables."""
        k = f.switch_radix_count(25_600, 400, 128, 400)
        assert k == 64
        assert f.leaf_down_ports_count(k, 1.0) == 32
        spec = design(1_016, k)
        assert f.tier_count(1_016, k, 1.0) == 2
        assert list(spec.switches[:2]) == [32, 16]
        assert spec.links[1] == 1_024

    def test_h100_superpod_through_the_graph(self):
        """Same 4-SU fabric from a scenario: rail-optimized, the leaf group is the 256-GPU
        scalable unit (32 nodes x 8 rails)."""
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": 1_016},
                "network": {"switch": "quantum2-qm9700", "topology": "rail-optimized"},
            }
        )
        assert (v["tier_count"], v["switch_count"]) == (2, 48)
        levels = v["network_levels_spec"]
        assert levels.names[:2] == ("scaleup", "leaf")
        assert levels.gpus[1] == 256

    def test_gb200_scalable_unit_is_eight_nvl72_racks(self):
        """DGX SuperPOD GB200 (RA-11338-001, reference network.md §1): SU = 8 NVL72 racks =
        576 GPUs on QM9700, rail-optimized. With 18 rails (one per compute-tray position,
        network.scaleup_gpus stays 72) a 32-port leaf joins 8 racks x 4 GPUs: 18 leaves per SU
        and one leaf hop (plus NVLink) between any two GPUs of the SU."""
        k, racks, rails = 64, 8, 18
        d = f.leaf_down_ports_count(k, 1.0)
        assert d * rails == racks * 72  # 32 x 18 = 576: the SU
        spec = design(racks * 72, k)
        assert spec.switches[0] == rails


class TestPublishedFabrics:
    def test_colossus1_three_tier_spectrum_x(self):
        """xAI Colossus 1 (reference network.md §1, OFF): 100,000 H100 at 400GbE per GPU on
        SN5600 switches, 'three-tier fabric'."""
        v = plan_values({"compute": {"system": "h100-sxm-hgx", "gpu_count": 100_000}})
        assert v["switch_radix_count"] == 128
        assert v["tier_count"] == 3

    def test_meta_24k_with_one_to_seven_above_the_zone(self):
        """Meta's 24,576-GPU clusters (Llama 3 §3.3.1): full bisection inside an AI zone,
        1:7 oversubscription at the ATSW layer joining zones. The ATSW tier shrinks ~7x, the
        bandwidth between zones is 1/7 of that inside."""
        n, k = 24_576, 128
        full, over = design(n, k), design(n, k, [1, 7])
        assert f.tier_count(n, k, [1, 7]) == 3
        assert over.switches[2] == pytest.approx(full.switches[2] / 7, rel=0.15)
        assert ft.oversubscription_ratio(over) == 7
        assert ft.bisection_tbps(n, 400, 7, 1, 400) == pytest.approx(n * 400 / 7 / 2 / 1000)
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": n},
                "network": {"oversubscription": [1, 7], "topology": "fat-tree"},
            }
        )
        levels = v["network_levels_spec"]
        assert levels.bandwidth_gb_per_s(n) == pytest.approx(50 / 7)
        assert levels.bandwidth_gb_per_s(1_000) == pytest.approx(50)

    def test_alibaba_hpn_dual_plane_is_two_tier(self):
        """Alibaba HPN (SIGCOMM'24, reference network.md §1): 2-tier dual-plane, 15K GPUs per
        pod, each 400G NIC as 2 x 200G to two ToRs, 1,024-GPU rail-optimized segments. On a
        51.2 Tb/s switch the 200G planes double the radix (256): 15K GPUs fit in two tiers,
        which a single 400G plane (radix 128) cannot; a leaf joins 128 hosts x 8 rails."""
        one = plan_values({"compute": {"system": "h100-sxm-hgx", "gpu_count": 15_360}})
        two = plan_values(
            {"compute": {"system": "h100-sxm-hgx", "gpu_count": 15_360}, "network": {"planes": 2}}
        )
        assert (one["tier_count"], two["tier_count"]) == (3, 2)
        assert two["port_gbps"] == 200 and two["switch_radix_count"] == 256
        assert two["network_levels_spec"].gpus[1] == 1_024
        assert two["endpoint_port_count"] == 2 * 15_360

    def test_rail_only_savings_of_wang_et_al(self):
        """Wang et al., arXiv 2307.12169: Rail-only cuts network cost by 38-77 % and power by
        37-75 % against a rail-optimized Clos. Our configurations (not the paper's exact
        ones): 4k-64k GPUs, 256-GPU HB domains (GH200), 400G per GPU, 64- and 128-port
        switches; savings must fall in the published band (±3 points) and span most of it."""
        cost, power = [], []
        for switch in ("quantum2-qm9700", "spectrum4-sn5600"):
            for n in (4_096, 16_384, 65_536):
                out = {}
                for topology in ("rail-optimized", "rail-only"):
                    v = plan_values(
                        {
                            "compute": {"system": "h100-sxm-hgx", "gpu_count": n},
                            "network": {
                                "switch": switch,
                                "topology": topology,
                                "scaleup_gpus": 256,
                            },
                        }
                    )
                    out[topology] = (
                        v["network_capex_usd"] - v["scaleup_extension_capex_usd"],
                        v["network_power_mw"] - v["scaleup_extension_power_mw"],
                    )
                cost.append(1 - out["rail-only"][0] / out["rail-optimized"][0])
                power.append(1 - out["rail-only"][1] / out["rail-optimized"][1])
        assert min(cost) >= 0.35 and max(cost) <= 0.80
        assert min(power) >= 0.34 and max(power) <= 0.78
        assert min(cost) < 0.45 and max(cost) > 0.70


def test_radix_by_port_speed():
    """SN5600: 64 x 800G, 128 x 400G, 256 x 200G (NVIDIA SN5000 documentation); no port
    beyond the fastest; QM9700 has no 800G port."""
    assert [int(f.switch_radix_count(51_200, s, 256, 800)) for s in (1600, 800, 400, 200, 100)] == [
        0,
        64,
        128,
        256,
        256,
    ]
    assert f.switch_radix_count(25_600, 800, 128, 400) == 0


def test_oversubscription_by_tier():
    """A number oversubscribes the leaf uplinks only; a list goes tier by tier."""
    assert f.by_tier(3.0).tolist() == [3, 1, 1, 1, 1]
    assert f.by_tier([1, 7]).tolist() == [1, 7, 1, 1, 1]
    assert f.leaf_down_ports_count(64, 7.0) == 56
    spec = design(24_576, 64, 7.0)
    assert spec.down_ports[0] == 56 and spec.down_ports[1] == 32


def test_vectorised_design_equals_scalar_designs():
    """Arrays of alternatives give exactly the per-design numbers."""
    n = np.array([1_000.0, 50_000.0, 1_000_000.0])
    k = np.array([64.0, 128.0, 512.0])
    o = np.array([1.0, 3.0, 1.0])
    L = f.tier_count(n, k, o)
    spec = f.fabric_spec(n, k, L, o)
    for i in range(3):
        one = design(n[i], k[i], o[i])
        assert L[i] == f.tier_count(n[i], k[i], o[i])
        assert spec.total_switches()[i] == one.total_switches()
        assert spec.total_links()[i] == one.total_links()


def test_hops_and_reach():
    assert ft.hop_count(3, 1) == 5 and ft.hop_count(3, 4) == 7
    spec = design(100_000, 128)
    assert ft.network_reach_count(spec, 1, 2) == 2 * 524_288

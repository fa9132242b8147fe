"""Optics and cables by distance class, scale-up domains, buildings, storage (citations inline)."""

import math

import pytest

from gigawatt.campus import Campus
from gigawatt.network import optics, scaleup, storage
from gigawatt.scenario.io import validate_document


def plan_values(doc):
    return Campus(validate_document(doc)).evaluate()


class TestOptics:
    def test_fibermall_two_tier_module_counts(self):
        """FiberMall (reference network.md §2): H100 + CX7 + QM9700 two-tier fabric = one
        400G NIC module plus 1.5 twin-port 800G modules per GPU, all optical."""
        n = 1_024
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": n},
                "network": {"switch": "quantum2-qm9700", "topology": "rail-optimized"},
            }
        )
        assert v["tier_count"] == 2
        assert v["nic_transceiver_count"] == n
        assert v["hall_transceiver_count"] == 1.5 * n
        assert v["transceiver_count"] == 2.5 * n
        assert v["hall_link_count"] == 2 * n  # one fibre per link
        assert v["rack_cable_count"] == v["row_cable_count"] == 0

    def test_tor_fat_tree_uses_copper_in_the_rack(self):
        """Meta RoCE clusters: DAC from server to the rack's RTSW (Gangidi et al., SIGCOMM'24).
        Eight HGX servers (64 GPUs) fit under one 128-port leaf: every GPU link is copper,
        two 400G links per 800G splitter cable, no NIC-side optics."""
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": 8_192},
                "network": {"topology": "fat-tree"},
            }
        )
        assert v["rack_link_frac"] == 1
        assert v["rack_cable_count"] == 8_192 / 2
        assert v["nic_transceiver_count"] == 0
        assert v["rack_optic_power_w"] == 0  # passive copper (NVIDIA cabling guide)

    def test_nvl72_fat_tree_uses_aec_to_the_next_rack(self):
        """72 GPUs of an NVL72 rack do not fit under a 64-port leaf: active electrical
        cables (Credo: 800G AEC up to 7 m) to a leaf in the row."""
        v = plan_values(
            {
                "compute": {"system": "gb200-nvl72", "gpu_count": 7_200},
                "network": {"topology": "fat-tree"},
            }
        )
        assert v["row_link_frac"] == 1 and v["rack_link_frac"] == 0
        assert v["row_cable_count"] == 7_200 / 2
        assert v["optics_power_mw"] > v["row_cable_count"] * 20 / 1e6 - 1e-12

    def test_planes_do_not_multiply_optics(self):
        """Splitting 400G into 2 x 200G planes halves each link's share of a module."""
        assert optics.hall_transceiver_count(2_000, 1_000, 200, 800) == 750
        assert optics.hall_transceiver_count(1_000, 500, 400, 800) == 750

    def test_buildings_add_single_mode_links(self):
        """Four buildings of 25k GPUs with 100 Gb/s per GPU between them (1/4 of 400G):
        6,250 400G links per building to the campus tier, 2xFR4 at both ends, each link on
        one campus-switch port and one more top-tier port."""
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": 100_000},
                "site": {"buildings": 4},
                "network": {"building_gbps_per_gpu": 100, "building_distance_m": 800},
            }
        )
        assert v["building_gpus"] == 25_000
        assert v["campus_link_count"] == 4 * 6_250
        assert v["campus_transceiver_count"] == 2 * 25_000 * 400 / 800
        assert v["campus_switch_count"] == 2 * math.ceil(25_000 / 128)
        assert v["hop_count"] == 2 * v["tier_count"] + 1
        assert v["bisection_tbps"] == pytest.approx(100_000 * 100 / 2 / 1000)


class TestScaleUp:
    def test_nvl72_has_nine_switch_trays(self):
        """GB200 NVL72: 18 compute trays + 9 NVLink switch trays (NVIDIA BCM docs); 18
        NVLink 5 links of 100 GB/s per GPU (nvidia.com)."""
        assert scaleup.gpu_scaleup_link_count(900, 400) == 18
        assert scaleup.nvlink_asic_radix_count(144, 2) == 72
        v = plan_values({"compute": {"system": "gb200-nvl72", "gpu_count": 72 * 10}})
        assert v["scaleup_switch_tray_count"] == 90
        assert v["scaleup_extension_tray_count"] == 0
        assert v["scaleup_extension_power_mw"] == 0

    def test_hgx_switches_sit_on_the_baseboard(self):
        v = plan_values({"compute": {"system": "h100-sxm-hgx", "gpu_count": 800}})
        assert v["scaleup_gpus"] == 8 and v["scaleup_switch_tray_count"] == 0

    def test_nvl576_adds_a_second_nvlink_tier(self):
        """NVLink 5 reaches 576 GPUs in one domain (docs.nvidia.com). Built as a non-blocking
        two-tier tree of 72-port ASICs per link plane: 16 leaf + 8 spine ASICs per plane,
        18 planes, 2 ASICs per tray = 216 trays per 576 GPUs, 144 more than 8 NVL72 racks."""
        v = plan_values(
            {
                "compute": {"system": "gb200-nvl72", "gpu_count": 576},
                "network": {"scaleup_gpus": 576},
            }
        )
        assert v["scaleup_tier_count"] == 2
        assert v["scaleup_switch_tray_count"] == 216
        assert v["scaleup_extension_tray_count"] == 144
        assert v["scaleup_extension_power_mw"] == pytest.approx(144 * 1_720 / 1e6)
        levels = v["network_levels_spec"]
        assert levels.gpus[0] == 576 and levels.gb_per_s[0] == 900
        assert levels.latency_us[0] == pytest.approx(3 * 0.25)


class TestStorage:
    def test_llama3_storage(self):
        """Llama 3 (arXiv 2407.21783 §3.3.4): 240 PB on 7,500 servers, 7 TB/s peak."""
        n = storage.storage_server_count(240, 32, 0, 0, 0.93)
        assert n == 7_500
        assert storage.storage_write_gb_per_s(n, 0.93) == pytest.approx(6_975)

    def test_bloom_checkpoint(self):
        """BLOOM 176B (arXiv 2211.05100): 2.3 TB checkpoints (≈13 B/param) in ~40 s on
        GPFS, i.e. ≈57.5 GB/s (reference reliability.md §6)."""
        assert storage.checkpoint_size_gb(176e9, 13.0) == pytest.approx(2_288)
        assert storage.checkpoint_write_s(2_300, 57.5, 1e9) == pytest.approx(40)
        assert storage.checkpoint_write_s(2_300, 57.5, 23.0) == pytest.approx(100)  # network

    def test_bandwidth_binds_for_a_huge_model(self):
        """Reference reliability.md §6 (derived): a 10T-parameter model at 16 B/param is a
        160 TB checkpoint; persisting it in 60 s needs 2.7 TB/s."""
        need = storage.storage_write_needed_gb_per_s(storage.checkpoint_size_gb(10e12, 16), 60)
        assert need == pytest.approx(2_667, rel=1e-3)
        by_bandwidth = storage.storage_server_count(1.0, 32, need, 0, 0.93)
        assert by_bandwidth == pytest.approx(need / 0.93, abs=1)

    def test_capacity_sized_from_checkpoints_and_data(self):
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": 16_384},
                "storage": {"checkpoints_kept": 10, "dataset_pb": 100},
            }
        )
        assert v["storage_capacity_pb"] == pytest.approx(10 * v["checkpoint_size_gb"] / 1e6 + 100)
        assert v["checkpoint_write_s"] <= 60
        assert v["storage_power_mw"] > v["storage_server_count"] * 1_200 / 1e6
        assert v["frontend_switch_count"] > 0

    def test_given_capacity_replaces_the_formula(self):
        v = plan_values(
            {
                "compute": {"system": "h100-sxm-hgx", "gpu_count": 16_384},
                "storage": {"capacity_pb": 32},
            }
        )
        assert v["storage_capacity_pb"] == 32

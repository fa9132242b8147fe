"""The network design of an evaluated plan as plain data: what `gigawatt network` prints, and
the network lines of the bill of materials. Only reads quantities; computes nothing new.
"""

from __future__ import annotations

from typing import Any

from gigawatt.levels import LEVEL_NAMES
from gigawatt.network.fabric_totals import tier_switch_totals

TIER_NAMES = LEVEL_NAMES[1:-1]  # leaf, spine, superspine, tier4, tier5, tier6


def _num(x: Any) -> float | int:
    x = float(x)
    return int(x) if x == int(x) and abs(x) < 2**53 else x


def switches_by_tier(values: dict[str, Any]) -> dict[str, float | int]:
    """Scale-out switches of every tier (all planes, buildings and rails), and the campus tier."""
    totals = tier_switch_totals(
        values["fabric_spec"],
        values["plane_count"],
        values["building_count"],
        values["rail_network_count"],
    )
    tiers = int(float(values["tier_count"]))
    out = {TIER_NAMES[j]: _num(totals[j]) for j in range(tiers)}
    if float(values["campus_switch_count"]) > 0:
        out["campus"] = _num(values["campus_switch_count"])
    return out


def transceivers_by_type(values: dict[str, Any], scenario) -> dict[str, float | int]:
    """Optical modules by catalog id (NIC side, switch side in the halls, between buildings)."""
    net = scenario.network
    out: dict[str, float] = {}
    for optic, name in (
        (net.optic_nic, "nic_transceiver_count"),
        (net.optic_hall, "hall_transceiver_count"),
        (net.optic_campus, "campus_transceiver_count"),
    ):
        n = float(values[name])
        if n > 0:
            out[optic] = out.get(optic, 0.0) + n
    return {k: _num(v) for k, v in out.items()}


def cables_by_class(values: dict[str, Any], scenario) -> dict[str, dict[str, Any]]:
    """Cables by distance class: copper in the rack, AEC in the row, fibre in the hall,
    single-mode fibre between buildings."""
    net = scenario.network
    rows = (
        ("rack", net.optic_rack, "rack_cable_count"),
        ("row", net.optic_row, "row_cable_count"),
        ("hall", net.fibre, "hall_link_count"),
        ("campus", net.fibre, "campus_link_count"),
    )
    return {
        cls: {"type": kind, "count": _num(values[name])}
        for cls, kind, name in rows
        if float(values[name]) > 0
    }


def levels_rows(values: dict[str, Any]) -> list[dict[str, Any]]:
    """The network levels the training model sees: size, bandwidth per GPU, latency."""
    spec = values["network_levels_spec"]
    return [
        {
            "level": name,
            "gpus": _num(spec.gpus[i]),
            "gb_per_s": _num(spec.gb_per_s[i]),
            "latency_us": _num(spec.latency_us[i]),
        }
        for i, name in enumerate(spec.names)
    ]


def design_report(values: dict[str, Any], scenario) -> dict[str, Any]:
    """The network design of one evaluated plan (scalar values), JSON-ready."""
    fabric = values["fabric_spec"]
    net = scenario.network
    reach = fabric.reach_by_tiers * float(values["rail_network_count"])
    return {
        "switch": net.switch,
        "topology": net.topology,
        "planes": _num(values["plane_count"]),
        "buildings": _num(values["building_count"]),
        "port_gbps": _num(values["port_gbps"]),
        "switch_radix": _num(values["switch_radix_count"]),
        "tiers": _num(values["tier_count"]),
        "switches": switches_by_tier(values),
        "switches_per_plane": {
            tier: _num(float(n) / float(values["plane_count"]))
            for tier, n in switches_by_tier(values).items()
        },
        "switch_count": _num(values["switch_count"]),
        "nic_ports": _num(values["endpoint_port_count"]),
        "transceivers": transceivers_by_type(values, scenario),
        "cables": cables_by_class(values, scenario),
        "network_power_mw": _num(values["network_power_mw"]),
        "network_capex_usd": _num(values["network_capex_usd"]),
        "bisection_tbps": _num(values["bisection_tbps"]),
        "latency_us": _num(values["latency_us"]),
        "hops": _num(values["hop_count"]),
        # GPUs one building's fabric reaches with 1, 2, ... tiers
        "largest_cluster_by_tiers": {str(t + 1): _num(reach[t]) for t in range(reach.shape[0])},
        "levels": levels_rows(values),
        "scaleup": {
            "gpus": _num(values["scaleup_gpus"]),
            "tiers": _num(values["scaleup_tier_count"]),
            "switch_trays": _num(values["scaleup_switch_tray_count"]),
            "extension_trays": _num(values["scaleup_extension_tray_count"]),
            "gb_per_s_per_gpu": _num(values["gpu_scaleup_gb_per_s"]),
            "extension_power_mw": _num(values["scaleup_extension_power_mw"]),
        },
        "storage": {
            "checkpoint_size_gb": _num(values["checkpoint_size_gb"]),
            "capacity_pb": _num(values["storage_capacity_pb"]),
            "servers": _num(values["storage_server_count"]),
            "write_gb_per_s": _num(values["storage_write_gb_per_s"]),
            "checkpoint_write_s": _num(values["checkpoint_write_s"]),
            "frontend_switches": _num(values["frontend_switch_count"]),
            "frontend_tiers": _num(values["frontend_tier_count"]),
            "storage_power_mw": _num(values["storage_power_mw"]),
            "storage_capex_usd": _num(values["storage_capex_usd"]),
        },
    }


def bom_items(values: dict[str, Any], scenario) -> list[tuple[str, str, float, float]]:
    """Network lines of the bill of materials: (item, catalog id, count, unit price)."""
    net, sto = scenario.network, scenario.storage
    v = values
    items = [
        ("scale-out switches", net.switch, v["switch_count"], v["switch_price_usd"]),
        ("NIC-side transceivers", net.optic_nic, v["nic_transceiver_count"],
         v["nic_optic_price_usd"]),
        ("switch-side transceivers", net.optic_hall, v["hall_transceiver_count"],
         v["hall_optic_price_usd"]),
        ("inter-building transceivers", net.optic_campus, v["campus_transceiver_count"],
         v["campus_optic_price_usd"]),
        ("in-rack copper cables", net.optic_rack, v["rack_cable_count"],
         v["rack_optic_price_usd"]),
        ("in-row active cables", net.optic_row, v["row_cable_count"], v["row_optic_price_usd"]),
        ("fibre cables", net.fibre, float(v["hall_link_count"]) + float(v["campus_link_count"]),
         v["fibre_optic_price_usd"]),
        ("NVLink switch trays (domain extension)", net.scaleup_switch,
         v["scaleup_extension_tray_count"], v["nvlink_switch_price_usd"]),
        ("front-end switches", sto.switch, v["frontend_switch_count"],
         v["frontend_switch_price_usd"]),
        ("front-end host/server transceivers", net.optic_nic,
         v["frontend_nic_transceiver_count"], v["nic_optic_price_usd"]),
        ("front-end switch transceivers", net.optic_hall,
         v["frontend_switch_transceiver_count"], v["hall_optic_price_usd"]),
        ("front-end fibre cables", net.fibre, v["frontend_link_count"],
         v["fibre_optic_price_usd"]),
    ]  # fmt: skip
    return [(a, b, float(c), float(d)) for a, b, c, d in items if float(c) > 0]

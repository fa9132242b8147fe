"""Network quantities: scale-out fabric, optics, scale-up domains, buildings, storage."""

from gigawatt import levels
from gigawatt.graph.engine import node
from gigawatt.network import buildings as b
from gigawatt.network import fabric_totals as ft
from gigawatt.network import fattree as f
from gigawatt.network import optics as o
from gigawatt.network import scaleup as u
from gigawatt.network import storage as s
from gigawatt.network import totals as t

SCALE_UP = [
    node(u.scaleup_gpus),
    node(u.gpu_scaleup_link_count),
    node(u.nvlink_asic_radix_count),
    node(u.scaleup_tier_count),
    node(u.scaleup_switch_tray_count),
    node(u.scaleup_extension_tray_count),
    node(u.scaleup_extension_power_mw),
    node(u.scaleup_extension_capex_usd),
    node(u.scaleup_latency_us),
]

SCALE_OUT = [
    node(f.scaleout_gbps_per_gpu),
    node(f.port_gbps),
    node(f.switch_radix_count),
    node(f.rail_network_count),
    node(b.building_gpus),
    node(f.fabric_endpoint_count),
    node(f.fabric_count),
    node(f.leaf_down_ports_count),
    node(f.tier_count),
    node(f.fabric_spec),
    node(ft.network_reach_count),
    node(ft.oversubscription_ratio),
    node(ft.endpoint_port_count),
    node(b.building_gbps_per_gpu),
    node(b.campus_link_count),
    node(b.campus_switch_count),
    node(ft.switch_count),
    node(ft.link_count),
    node(ft.hop_count),
    node(ft.bisection_tbps),
]

OPTICS = [
    node(o.endpoint_link_count),
    node(o.switch_link_count),
    node(o.rack_link_frac),
    node(o.row_link_frac),
    node(o.rack_cable_count),
    node(o.row_cable_count),
    node(o.hall_link_count),
    node(o.nic_transceiver_count),
    node(o.hall_transceiver_count),
    node(o.campus_transceiver_count),
    node(o.transceiver_count),
    node(o.cable_count),
    node(o.optics_power_mw),
    node(o.optics_capex_usd),
    node(o.endpoint_link_m),
]

TOTALS = [
    node(t.network_power_mw),
    node(t.network_capex_usd),
    node(levels.network_levels_spec),
    node(t.latency_us),
]

# The front-end (storage) fabric reuses the fat-tree functions on its own inputs.
_FRONTEND = {
    "fabric_endpoint_count": "frontend_endpoint_count",
    "switch_radix_count": "frontend_switch_radix_count",
    "oversubscription_spec": "frontend_oversubscription_ratio",
}

STORAGE = [
    node(s.checkpoint_size_gb),
    node(s.storage_write_needed_gb_per_s),
    node(s.dataset_read_gb_per_s),
    node(s.storage_capacity_pb),
    node(s.storage_server_count),
    node(s.storage_write_gb_per_s),
    node(s.storage_server_port_count),
    node(s.frontend_endpoint_count),
    node(
        f.switch_radix_count,
        name="frontend_switch_radix_count",
        switch_capacity_gbps="frontend_switch_capacity_gbps",
        port_gbps="frontend_port_gbps",
        switch_max_ports_count="frontend_switch_max_ports_count",
        switch_max_port_gbps="frontend_switch_max_port_gbps",
    ),
    node(f.tier_count, name="frontend_tier_count", **_FRONTEND),
    node(f.fabric_spec, name="frontend_fabric_spec", tier_count="frontend_tier_count", **_FRONTEND),
    node(s.frontend_switch_count),
    node(s.frontend_link_count),
    node(s.frontend_nic_transceiver_count),
    node(s.frontend_switch_transceiver_count),
    node(s.frontend_power_mw),
    node(s.frontend_capex_usd),
    node(s.storage_network_gb_per_s),
    node(s.checkpoint_write_s),
    node(s.storage_power_mw),
    node(s.storage_capex_usd),
]

NODES = [*SCALE_UP, *SCALE_OUT, *OPTICS, *TOTALS, *STORAGE]

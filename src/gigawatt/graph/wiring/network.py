"""Scale-out network and storage quantities."""

from gigawatt import levels
from gigawatt import network as n
from gigawatt.graph.engine import node

NODES = [
    node(n.scaleout_gbps_per_gpu),
    node(n.port_gbps),
    node(n.switch_radix_count),
    node(n.leaf_down_ports_count),
    node(n.tier_count),
    node(n.max_endpoints_count, name="network_reach_count"),
    node(n.switch_count),
    node(n.link_count),
    node(n.transceiver_count),
    node(n.network_power_mw),
    node(n.network_capex_usd),
    node(levels.network_levels_spec),
    node(n.storage_server_count),
    node(n.storage_power_mw),
    node(n.storage_capex_usd),
    node(n.storage_write_gb_per_s),
    node(n.checkpoint_size_gb),
    node(n.checkpoint_write_s),
]

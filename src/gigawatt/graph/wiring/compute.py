"""Compute quantities."""

from gigawatt import compute as c
from gigawatt.graph.engine import node

NODES = [
    node(c.system_count),
    node(c.gpu_count),
    node(c.rack_count),
    node(c.scaleup_domain_count),
    node(c.peak_bf16_flop_per_s),
    node(c.peak_fp8_flop_per_s),
    node(c.peak_fp4_flop_per_s),
    node(c.hbm_total_tb),
]

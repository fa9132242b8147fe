"""IT and facility power quantities."""

from gigawatt import power as p
from gigawatt.graph.engine import node

NODES = [
    node(p.gpu_power_mw),
    node(p.host_power_mw),
    node(p.scaleup_switch_power_mw),
    node(p.it_power_mw),
    node(p.it_power_avg_mw),
    node(p.distribution_eff_frac),
    node(p.distribution_loss_mw),
    node(p.distribution_loss_avg_mw),
    node(p.misc_power_mw),
    node(p.facility_power_mw),
    node(p.facility_power_avg_mw),
    node(p.pue),
    node(p.pue_annual),
]

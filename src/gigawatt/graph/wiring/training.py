"""Training quantities (first model: 6·P·D at an assumed MFU)."""

from gigawatt import training as t
from gigawatt.graph.engine import node

NODES = [
    node(t.param_count),
    node(t.active_param_count),
    node(t.training_flop),
    node(t.gpu_train_peak_flop_per_s),
    node(t.ideal_time_to_train_days),
]

"""Training quantities: parameters, the parallel-plan search and its best plan's metrics."""

from gigawatt.graph.engine import node
from gigawatt.training import quantities as t

NODES = [
    node(t.param_count),
    node(t.active_param_count),
    node(t.training_flop),
    node(t.gpu_train_peak_flop_per_s),
    node(t.training_plan_spec, cache=True),
    node(t.training_step_time_s),
    node(t.training_tokens_per_s),
    node(t.training_flop_per_s_per_gpu),
    node(t.training_mfu_frac),
    node(t.training_hfu_frac),
    node(t.training_memory_gb_per_gpu),
    node(t.training_gpus_used_count),
    node(t.training_step_spec),
    node(t.ideal_time_to_train_days),
]

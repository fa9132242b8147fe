"""Reliability quantities: failure rates, restart stall, checkpoint intervals, the goodput
sub-model (`reliability_spec`), ETTR and the expected time to train."""

from gigawatt import reliability as r
from gigawatt.graph.engine import node

NODES = [
    node(r.failure_rate_per_gpu_hour),
    node(r.reliability_days),
    node(r.hazard_mean_ratio),
    node(r.fault_unit_gpus),
    node(r.switch_blast_gpus),
    node(r.replica_gpu_count),
    node(r.job_gpu_count),
    node(r.spare_gpu_count),
    node(r.job_ideal_time_to_train_days),
    node(r.interruption_count_per_day),
    node(r.job_mtti_h),
    node(r.communicator_init_s),
    node(r.snapshot_write_s, name="peer_checkpoint_write_s"),
    node(r.snapshot_write_s, name="local_checkpoint_write_s"),
    node(r.remote_checkpoint_write_s),
    node(r.checkpoint_load_s),
    node(r.restart_minutes),
    node(r.replica_rejoin_s),
    node(r.checkpoint_intervals_spec),
    node(r.checkpoint_interval_minutes),
    node(r.peer_checkpoint_interval_minutes),
    node(r.local_checkpoint_interval_minutes),
    node(r.reliability_spec, cache=True),
    node(r.ettr_frac),
    node(r.required_hot_spare_frac),
    node(r.time_to_train_days),
]

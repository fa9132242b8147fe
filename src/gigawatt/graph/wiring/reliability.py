"""Reliability quantities: failure rates, restart stall, checkpoint intervals, the goodput
sub-model (`reliability_spec`), ETTR and the expected time to train."""

from gigawatt import reliability as r
from gigawatt.graph.engine import node
from gigawatt.reliability import job as j
from gigawatt.reliability import recovery as rc

NODES = [
    node(j.failure_rate_per_gpu_hour),
    node(j.reliability_days),
    node(j.hazard_mean_ratio),
    node(j.fault_unit_gpus),
    node(j.switch_blast_gpus),
    node(j.replica_gpu_count),
    node(j.job_gpu_count),
    node(j.spare_gpu_count),
    node(j.job_ideal_time_to_train_days),
    node(j.interruption_count_per_day),
    node(j.job_mtti_h),
    node(rc.communicator_init_s),
    node(rc.snapshot_write_s, name="peer_checkpoint_write_s"),
    node(rc.snapshot_write_s, name="local_checkpoint_write_s"),
    node(rc.remote_checkpoint_write_s),
    node(rc.checkpoint_load_s),
    node(rc.restart_minutes),
    node(rc.replica_rejoin_s),
    node(rc.checkpoint_intervals_spec),
    node(rc.checkpoint_interval_minutes),
    node(rc.peer_checkpoint_interval_minutes),
    node(rc.local_checkpoint_interval_minutes),
    node(r.reliability_spec, cache=True),
    node(r.ettr_frac),
    node(r.required_hot_spare_frac),
    node(r.time_to_train_days),
]

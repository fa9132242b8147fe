"""Recovery from an interruption: communicator start-up, checkpoint writes and loads by
tier, the restart stall, a replica's rejoin, and the optimal checkpoint interval of each tier.

References
----------
.. [1] J. T. Daly, FGCS 22(3):303-312, 2006, doi:10.1016/j.future.2004.11.016
.. [2] O. Salpekar et al., "Training LLMs with Fault Tolerant HSDP on 100,000 GPUs",
   arXiv 2602.00277, 2026.
"""

from __future__ import annotations

import numpy as np

from gigawatt.graph.readers import reader
from gigawatt.reliability import strategies as _st
from gigawatt.reliability.job import class_rates

INIT_REFERENCE_GPUS = 98_304.0
"""Job size at which `communicator_init_ref_s` is given (96k GPUs, the NCCLX measurement)."""


def communicator_init_s(job_gpu_count, communicator_init_ref_s, communicator_init_exponent_ratio):
    """Time to build the job's collective communicators, growing with the job.

    communicator_init_s = communicator_init_ref_s · (job_gpu_count / 98,304)^α

    Parameters
    ----------
    job_gpu_count : numeric
        [count].
    communicator_init_ref_s : numeric
        Start-up time at 98,304 GPUs [s].
    communicator_init_exponent_ratio : numeric
        Growth exponent α [1].

    Returns
    -------
    numeric
        [s].

    References
    ----------
    .. [1] M. Si et al., "Collective Communication for 100k+ GPUs" (NCCLX), arXiv 2510.20171.
    """
    scale = np.asarray(job_gpu_count, float) / INIT_REFERENCE_GPUS
    return communicator_init_ref_s * scale**communicator_init_exponent_ratio


def snapshot_write_s(checkpoint_size_gb, job_gpu_count, gpu_snapshot_gb_per_s):
    """Blocking part of an in-node checkpoint: each GPU copies its shard to host memory.

    snapshot_write_s = checkpoint_size_gb / job_gpu_count / gpu_snapshot_gb_per_s

    Parameters
    ----------
    checkpoint_size_gb : numeric
        Whole checkpoint [GB].
    job_gpu_count : numeric
        GPUs sharing it [count].
    gpu_snapshot_gb_per_s : numeric
        Device-to-host copy rate per GPU [GB/s].

    Returns
    -------
    numeric
        [s].
    """
    return checkpoint_size_gb / np.asarray(job_gpu_count, float) / gpu_snapshot_gb_per_s


def remote_checkpoint_write_s(checkpoint_write_s):
    """Blocking write of a checkpoint to remote storage, from the storage model.

    remote_checkpoint_write_s = checkpoint_write_s

    Parameters
    ----------
    checkpoint_write_s : numeric
        [s].

    Returns
    -------
    numeric
        [s].
    """
    return checkpoint_write_s


def checkpoint_load_s(
    reliability_strategy_name,
    checkpoint_tiers_name,
    checkpoint_size_gb,
    storage_write_gb_per_s,
    job_gpu_count,
    gpu_snapshot_gb_per_s,
):
    """Time to load the checkpoint the job restarts from (the finest tier in use).

    checkpoint_load_s = checkpoint_size_gb / storage_write_gb_per_s   (remote tier)
        or checkpoint_size_gb / job_gpu_count / gpu_snapshot_gb_per_s  (peer or local)

    Parameters
    ----------
    reliability_strategy_name : str
        restart, spares or replica.
    checkpoint_tiers_name : str
        Enabled tiers, e.g. 'peer+remote'.
    checkpoint_size_gb : numeric
        [GB].
    storage_write_gb_per_s : numeric
        Storage bandwidth, read taken equal to write [GB/s].
    job_gpu_count : numeric
        [count].
    gpu_snapshot_gb_per_s : numeric
        Host-to-device copy rate per GPU [GB/s].

    Returns
    -------
    numeric
        [s].
    """
    _, primary = _st.recovery_tiers(reliability_strategy_name, checkpoint_tiers_name)
    if primary == "remote":
        return checkpoint_size_gb / np.asarray(storage_write_gb_per_s, float)
    return snapshot_write_s(checkpoint_size_gb, job_gpu_count, gpu_snapshot_gb_per_s)


def restart_minutes(
    reliability_strategy_name,
    detection_s,
    diagnosis_s,
    reschedule_s,
    spare_swap_s,
    communicator_init_s,
    checkpoint_load_s,
):
    """Whole-job stall from failure to resumed training, lost work excluded, from its parts.

    restart_minutes = (detection_s + diagnosis_s + (reschedule_s | spare_swap_s)
        + communicator_init_s + checkpoint_load_s) / 60

    `restart` reschedules onto cold spares; `spares` and `replica` swap in a hot spare.

    Parameters
    ----------
    reliability_strategy_name : str
        restart, spares or replica.
    detection_s : numeric
        Failure to job stopped [s].
    diagnosis_s : numeric
        Locating and draining the faulty hardware [s].
    reschedule_s : numeric
        Scheduler allocation and process start on cold spares [s].
    spare_swap_s : numeric
        Joining a hot spare [s].
    communicator_init_s : numeric
        [s].
    checkpoint_load_s : numeric
        [s].

    Returns
    -------
    numeric
        [min].

    References
    ----------
    .. [1] Kokolis et al., arXiv 2410.21680: restart overhead u0 of 5-20 min at RSC.
    """
    replace = reschedule_s if reliability_strategy_name == "restart" else spare_swap_s
    total = detection_s + diagnosis_s + replace + communicator_init_s + checkpoint_load_s
    return np.asarray(total, float) / 60.0


def replica_rejoin_s(
    spare_swap_s,
    replica_gpu_count,
    communicator_init_ref_s,
    communicator_init_exponent_ratio,
    checkpoint_size_gb,
    gpu_snapshot_gb_per_s,
):
    """Time a dropped replica is out when a spare is at hand: swap, start-up, state transfer.

    replica_rejoin_s = spare_swap_s + communicator_init_s(replica_gpu_count)
        + checkpoint_size_gb / replica_gpu_count / gpu_snapshot_gb_per_s

    Parameters
    ----------
    spare_swap_s : numeric
        [s].
    replica_gpu_count : numeric
        [count].
    communicator_init_ref_s : numeric
        [s].
    communicator_init_exponent_ratio : numeric
        [1].
    checkpoint_size_gb : numeric
        The replica holds a full copy of the training state [GB].
    gpu_snapshot_gb_per_s : numeric
        [GB/s].

    Returns
    -------
    numeric
        [s].
    """
    init = communicator_init_s(
        replica_gpu_count, communicator_init_ref_s, communicator_init_exponent_ratio
    )
    return (
        spare_swap_s
        + init
        + snapshot_write_s(checkpoint_size_gb, replica_gpu_count, gpu_snapshot_gb_per_s)
    )


def checkpoint_intervals_spec(
    reliability_strategy_name,
    checkpoint_tiers_name,
    remote_checkpoint_write_s,
    peer_checkpoint_write_s,
    local_checkpoint_write_s,
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    job_gpu_count,
    hazard_mean_ratio,
):
    """Optimal checkpoint interval of each tier, in minutes: Daly for the tier the job restores
    from after most rollbacks, Young for a deeper tier on the interruptions only it survives.

    checkpoint_intervals_spec = {tier: daly_interval(δ_j, 1/Λ_rollback) or sqrt(2·δ_j/Λ_j)}

    A tier that is off gets an infinite interval (never written); a tier no interruption
    needs is capped at one week.

    Parameters
    ----------
    reliability_strategy_name : str
        restart, spares or replica.
    checkpoint_tiers_name : str
        Enabled tiers, e.g. 'peer+remote'.
    remote_checkpoint_write_s, peer_checkpoint_write_s, local_checkpoint_write_s : numeric
        Blocking write δ_j of each tier [s].
    failure_data_spec : FailureData
        Calibration (shares of each cause).
    failure_rate_per_gpu_hour : numeric
        [1/GPU-h].
    zone_event_rate_per_gpu_hour : numeric
        [1/GPU-h].
    job_gpu_count : numeric
        [count].
    hazard_mean_ratio : numeric
        [1].

    Returns
    -------
    dict
        Tier -> interval [min].

    References
    ----------
    .. [1] Daly 2006, doi:10.1016/j.future.2004.11.016; Young 1974, doi:10.1145/361147.361115
    """
    rate = class_rates(
        failure_data_spec,
        failure_rate_per_gpu_hour,
        zone_event_rate_per_gpu_hour,
        job_gpu_count,
        hazard_mean_ratio,
    )
    writes = {
        "remote": remote_checkpoint_write_s,
        "peer": peer_checkpoint_write_s,
        "local": local_checkpoint_write_s,
    }
    return {
        tier: 60.0
        * _st.optimal_interval_h(
            tier,
            reliability_strategy_name,
            checkpoint_tiers_name,
            rate,
            np.asarray(write, float) / 3600.0,
        )
        for tier, write in writes.items()
    }


def _interval(name: str, tier: str, summary: str):
    """A node reading one tier's interval from `checkpoint_intervals_spec`."""
    return reader(name, "checkpoint_intervals_spec", "dict", lambda spec: spec[tier], "min",
                  summary, f"checkpoint_intervals_spec['{tier}']")  # fmt: skip


checkpoint_interval_minutes = _interval(
    "checkpoint_interval_minutes", "remote",
    "Interval of remote-storage checkpoints (optimal unless the scenario sets it).",
)  # fmt: skip
peer_checkpoint_interval_minutes = _interval(
    "peer_checkpoint_interval_minutes", "peer",
    "Interval of peer-memory checkpoints (infinite when the tier is off).",
)  # fmt: skip
local_checkpoint_interval_minutes = _interval(
    "local_checkpoint_interval_minutes", "local",
    "Interval of local-SSD checkpoints (infinite when the tier is off).",
)  # fmt: skip

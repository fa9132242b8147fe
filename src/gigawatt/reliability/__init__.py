"""Reliability and goodput: how much of a campus's GPU time becomes training.

The quantity-graph functions of the domain live here (pure, vectorised); the sub-modules hold
the model: `rates` (calibrated failure mix, hazard options, blast radius), `closedform`
(Young/Daly, first-order waste, Daly's exponential efficiency, Kokolis's ETTR, spare-pool
tails), `strategies` (recovery strategies, checkpoint tiers, the closed-form goodput),
`spec` (the sub-model's result and warnings) and `simulate` (the seeded, vectorised
stochastic simulation that gives distributions).

References
----------
.. [1] A. Grattafiori et al., "The Llama 3 Herd of Models", arXiv 2407.21783, §3.3.4, Table 5.
.. [2] J. T. Daly, FGCS 22(3):303-312, 2006, doi:10.1016/j.future.2004.11.016
.. [3] O. Salpekar et al., "Training LLMs with Fault Tolerant HSDP on 100,000 GPUs",
   arXiv 2602.00277, 2026.
"""

from __future__ import annotations

import numpy as np

from gigawatt.arrays import classes, per_sample_rows, subset
from gigawatt.reliability import rates as _rates
from gigawatt.reliability import strategies as _st
from gigawatt.reliability.spec import ReliabilitySpec, build_spec, model_of, spread

INIT_REFERENCE_GPUS = 98_304.0
"""Job size at which `communicator_init_ref_s` is given (96k GPUs, the NCCLX measurement)."""

__all__ = ["ReliabilitySpec", "input_problems"]


def input_problems(values) -> list:
    """Reliability inputs that cannot be (the job must fit on the campus, a replica in the
    job); `Campus` reports them with the other problems of a plan."""
    from gigawatt.errors import Problem

    out = []
    gpus, job = float(values["gpu_count"]), float(values["job_gpu_count"])
    if job > gpus:
        out.append(
            Problem(
                "reliability.job_gpu_count",
                f"the job needs {job:,.0f} GPUs but the campus has {gpus:,.0f}",
                int(job),
                True,
            )
        )
    replica = float(values["replica_gpu_count"])
    if replica > job:
        out.append(
            Problem(
                "reliability.replica_gpu_count",
                f"a replica of {replica:,.0f} GPUs is larger than the job ({job:,.0f} GPUs)",
                int(replica),
                True,
            )
        )
    return out


def failure_rate_per_gpu_hour(failure_data_spec):
    """Interruptions per GPU-hour in the calibration data (all categories, planned included).

    failure_rate_per_gpu_hour = Σ counts / (failure_observed_gpu_count · failure_observed_days · 24)

    Parameters
    ----------
    failure_data_spec : FailureData
        Published interruption counts (catalog kind `failure`).

    Returns
    -------
    float
        [1/GPU-h].

    References
    ----------
    .. [1] Llama 3, arXiv 2407.21783, Table 5: 466 / (16,384 · 54 · 24) = 2.19e-5.
    """
    s = failure_data_spec
    total = _rates.category_counts(s).sum()
    return total / (s.failure_observed_gpu_count * s.failure_observed_days * 24.0)


def reliability_days(job_ideal_time_to_train_days):
    """Run length over which the hazard options are averaged: the failure-free training time.

    reliability_days = job_ideal_time_to_train_days

    Parameters
    ----------
    job_ideal_time_to_train_days : numeric
        [day].

    Returns
    -------
    numeric
        [day].
    """
    return job_ideal_time_to_train_days


def hazard_mean_ratio(
    reliability_days, lemon_frac, lemon_rate_ratio, infant_mortality_ratio, infant_mortality_days
):
    """Hardware failure rate over the run relative to the calibration (lemons, infant mortality).

    hazard_mean_ratio = (1 + f_L·(k_L − 1)) · (1 + (F − 1)·(τ/H)·(1 − exp(−H/τ)))

    Parameters
    ----------
    reliability_days : numeric
        Run length H [day].
    lemon_frac : numeric
        Fraction of fault units that are lemons f_L [1].
    lemon_rate_ratio : numeric
        Failure-rate multiple of a lemon k_L [1].
    infant_mortality_ratio : numeric
        Hazard multiple of new hardware F [1].
    infant_mortality_days : numeric
        Decay time constant of the infant excess τ [day].

    Returns
    -------
    numeric
        [1].
    """
    return _rates.mean_hazard_ratio(
        reliability_days,
        lemon_frac,
        lemon_rate_ratio,
        infant_mortality_ratio,
        infant_mortality_days,
    )


def fault_unit_gpus(gpus_per_system):
    """GPUs taken out of the job and sent to repair by one ordinary failure: one system.

    fault_unit_gpus = gpus_per_system

    Parameters
    ----------
    gpus_per_system : numeric
        [count/system].

    Returns
    -------
    numeric
        [GPU].

    References
    ----------
    .. [1] Kokolis et al., arXiv 2410.21680 §VI: GB200 moves the repair unit from node to rack.
    """
    return gpus_per_system


def switch_blast_gpus(leaf_down_ports_count):
    """GPUs cut off by one scale-out switch failure: the down ports of a leaf, one GPU each.

    switch_blast_gpus = leaf_down_ports_count

    Parameters
    ----------
    leaf_down_ports_count : numeric
        [count].

    Returns
    -------
    numeric
        [GPU].
    """
    return leaf_down_ports_count


def replica_gpu_count(replica_domain_count, scaleup_domain_gpus):
    """GPUs in one data-parallel replica: pipeline stages of one scale-up domain each.

    replica_gpu_count = replica_domain_count · scaleup_domain_gpus

    Parameters
    ----------
    replica_domain_count : numeric
        Scale-up domains per replica [count].
    scaleup_domain_gpus : numeric
        [count].

    Returns
    -------
    numeric
        [count].

    References
    ----------
    .. [1] Llama 3 405B on 16k H100: TP 8 × PP 16 = 128 GPUs per replica (arXiv 2407.21783,
       Table 4).
    """
    return replica_domain_count * scaleup_domain_gpus


def job_gpu_count(gpu_count, hot_spare_frac, fault_unit_gpus):
    """GPUs of the training job when not given: the campus less its spare pool, in whole units.

    job_gpu_count = floor(gpu_count / (1 + hot_spare_frac) / fault_unit_gpus) · fault_unit_gpus

    Parameters
    ----------
    gpu_count : numeric
        GPUs on the campus [count].
    hot_spare_frac : numeric
        Spare GPUs per job GPU [1].
    fault_unit_gpus : numeric
        [GPU].

    Returns
    -------
    numeric
        [count].
    """
    units = np.floor(np.asarray(gpu_count, float) / (1.0 + hot_spare_frac) / fault_unit_gpus)
    return np.maximum(units, 1.0) * fault_unit_gpus


def spare_gpu_count(gpu_count, job_gpu_count, hot_spare_frac, fault_unit_gpus):
    """Spare GPUs held for the job, in whole fault units, within the campus's other GPUs.

    spare_gpu_count = floor(min(hot_spare_frac · job_gpu_count, gpu_count − job_gpu_count)
        / fault_unit_gpus) · fault_unit_gpus

    Parameters
    ----------
    gpu_count : numeric
        [count].
    job_gpu_count : numeric
        [count].
    hot_spare_frac : numeric
        [1].
    fault_unit_gpus : numeric
        [GPU].

    Returns
    -------
    numeric
        [count].
    """
    room = np.maximum(np.asarray(gpu_count, float) - job_gpu_count, 0.0)
    want = np.minimum(hot_spare_frac * np.asarray(job_gpu_count, float), room)
    return np.floor(want / fault_unit_gpus + 1e-9) * fault_unit_gpus


def job_ideal_time_to_train_days(ideal_time_to_train_days, gpu_count, job_gpu_count):
    """Failure-free training time of the job (the ideal time scales with the GPUs it uses).

    job_ideal_time_to_train_days = ideal_time_to_train_days · gpu_count / job_gpu_count

    Parameters
    ----------
    ideal_time_to_train_days : numeric
        Failure-free time on every GPU of the campus [day].
    gpu_count : numeric
        [count].
    job_gpu_count : numeric
        [count].

    Returns
    -------
    numeric
        [day].
    """
    return ideal_time_to_train_days * (np.asarray(gpu_count, float) / job_gpu_count)


def _class_rates(
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    job_gpu_count,
    hazard_mean_ratio,
):
    shares = _rates.category_shares(failure_data_spec)
    return _st.class_rates_per_h(
        shares,
        failure_rate_per_gpu_hour,
        zone_event_rate_per_gpu_hour,
        job_gpu_count,
        hazard_mean_ratio,
    )


def interruption_count_per_day(
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    job_gpu_count,
    hazard_mean_ratio,
):
    """Interruptions of the job per day, every cause (hardware causes scaled by the hazard).

    interruption_count_per_day = 24 · job_gpu_count · (failure_rate_per_gpu_hour · Σ_c s_c·h_c
        + zone_event_rate_per_gpu_hour · h)

    with s_c the calibrated share of cause c and h_c = hazard_mean_ratio for hardware causes,
    1 for software and planned maintenance.

    Parameters
    ----------
    failure_data_spec : FailureData
        Calibration (shares of each cause).
    failure_rate_per_gpu_hour : numeric
        [1/GPU-h].
    zone_event_rate_per_gpu_hour : numeric
        Power/cooling zone outages [1/GPU-h].
    job_gpu_count : numeric
        [count].
    hazard_mean_ratio : numeric
        [1].

    Returns
    -------
    numeric
        [1/day].
    """
    rate = _class_rates(
        failure_data_spec,
        failure_rate_per_gpu_hour,
        zone_event_rate_per_gpu_hour,
        job_gpu_count,
        hazard_mean_ratio,
    )
    return 24.0 * rate.sum(axis=0)


def job_mtti_h(interruption_count_per_day):
    """Mean time between interruptions of the job.

    job_mtti_h = 24 / interruption_count_per_day

    Parameters
    ----------
    interruption_count_per_day : numeric
        [1/day].

    Returns
    -------
    numeric
        [h].
    """
    return 24.0 / np.asarray(interruption_count_per_day, float)


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
    rate = _class_rates(
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


def checkpoint_interval_minutes(checkpoint_intervals_spec):
    """Interval of remote-storage checkpoints (optimal unless the scenario sets it).

    checkpoint_interval_minutes = checkpoint_intervals_spec['remote']

    Parameters
    ----------
    checkpoint_intervals_spec : dict
        [spec].

    Returns
    -------
    numeric
        [min].
    """
    return checkpoint_intervals_spec["remote"]


def peer_checkpoint_interval_minutes(checkpoint_intervals_spec):
    """Interval of peer-memory checkpoints (infinite when the tier is off).

    peer_checkpoint_interval_minutes = checkpoint_intervals_spec['peer']

    Parameters
    ----------
    checkpoint_intervals_spec : dict
        [spec].

    Returns
    -------
    numeric
        [min].
    """
    return checkpoint_intervals_spec["peer"]


def local_checkpoint_interval_minutes(checkpoint_intervals_spec):
    """Interval of local-SSD checkpoints (infinite when the tier is off).

    local_checkpoint_interval_minutes = checkpoint_intervals_spec['local']

    Parameters
    ----------
    checkpoint_intervals_spec : dict
        [spec].

    Returns
    -------
    numeric
        [min].
    """
    return checkpoint_intervals_spec["local"]


def reliability_spec(
    reliability_strategy_name,
    checkpoint_tiers_name,
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    hazard_mean_ratio,
    lemon_frac,
    lemon_rate_ratio,
    infant_mortality_ratio,
    infant_mortality_days,
    job_gpu_count,
    spare_gpu_count,
    fault_unit_gpus,
    scaleup_domain_gpus,
    switch_blast_gpus,
    zone_gpus,
    replica_gpu_count,
    restart_minutes,
    reschedule_s,
    spare_swap_s,
    replica_stall_s,
    replica_rejoin_s,
    checkpoint_interval_minutes,
    remote_checkpoint_write_s,
    peer_checkpoint_interval_minutes,
    peer_checkpoint_write_s,
    local_checkpoint_interval_minutes,
    local_checkpoint_write_s,
    auto_repair_h,
    manual_repair_h,
    auto_repair_frac,
    target_ettr_frac,
    job_ideal_time_to_train_days,
):
    """Closed-form goodput of the job: ETTR, its breakdown, losses by cause, strategy comparison.

    reliability_spec = renewal-reward over restart cycles (Daly's exponential model) × spare-pool
        availability (M/G/∞), or × replica stall and degraded throughput (replica strategy)

    Parameters
    ----------
    reliability_strategy_name : str
        restart, spares or replica.
    checkpoint_tiers_name : str
        Enabled tiers.
    failure_data_spec : FailureData
        Calibration (shares per cause).
    failure_rate_per_gpu_hour : numeric
        [1/GPU-h].
    zone_event_rate_per_gpu_hour : numeric
        [1/GPU-h].
    hazard_mean_ratio : numeric
        [1].
    lemon_frac, lemon_rate_ratio, infant_mortality_ratio : numeric
        Hazard options (kept for the simulation's time profile) [1].
    infant_mortality_days : numeric
        [day].
    job_gpu_count, spare_gpu_count : numeric
        [count].
    fault_unit_gpus, scaleup_domain_gpus, switch_blast_gpus, zone_gpus : numeric
        Blast radius of a unit, an NVLink domain, a leaf switch and a zone [GPU].
    replica_gpu_count : numeric
        [count].
    restart_minutes : numeric
        [min].
    reschedule_s, spare_swap_s : numeric
        Replacement time of a cold and a hot spare; their difference turns the restart stall
        of one strategy into another's for the comparison [s].
    replica_stall_s, replica_rejoin_s : numeric
        [s].
    checkpoint_interval_minutes, peer_checkpoint_interval_minutes,
    local_checkpoint_interval_minutes : numeric
        [min] (infinite for a tier that is off).
    remote_checkpoint_write_s, peer_checkpoint_write_s, local_checkpoint_write_s : numeric
        [s].
    auto_repair_h, manual_repair_h : numeric
        [h].
    auto_repair_frac : numeric
        Share of repairs done automatically [1].
    target_ettr_frac : numeric
        ETTR the spare search aims at [1].
    job_ideal_time_to_train_days : numeric
        [day].

    Returns
    -------
    ReliabilitySpec
        [spec].

    References
    ----------
    .. [1] Daly 2006; Sherbrooke 1968 (METRIC); Salpekar et al., arXiv 2602.00277.
    """
    args = dict(locals())
    target, days = args.pop("target_ettr_frac"), args.pop("job_ideal_time_to_train_days")
    model = model_of(**args)
    given = (*args.values(), target, days)
    shape = np.broadcast_shapes(*(np.shape(x) for x in given if isinstance(x, np.ndarray)))
    n = shape[0] if len(shape) == 1 else 0
    if n >= CLASS_SAMPLES_MIN:
        # samples with equal inputs (job and spare sizes repeat over a GPU-count Monte
        # Carlo) evaluated once, the results copied back: the same numbers
        reps, inverse = classes([r for x in given for r in per_sample_rows(x, n)])
        if reps.size <= n // 2:
            part = {k: subset(v, reps, n) for k, v in args.items()}
            small = build_spec(model_of(**part), subset(target, reps, n), subset(days, reps, n))
            return spread(small, inverse, model, target)
    return build_spec(model, target, days)


CLASS_SAMPLES_MIN = 4096
"""From this many samples `reliability_spec` evaluates each class of equal samples once."""


def ettr_frac(reliability_spec):
    """Effective training time ratio: kept training time over wall time (closed form).

    ettr_frac = reliability_spec.ettr_frac

    Parameters
    ----------
    reliability_spec : ReliabilitySpec
        [spec].

    Returns
    -------
    numeric
        [1].
    """
    return reliability_spec.ettr_frac


def required_hot_spare_frac(reliability_spec):
    """Smallest hot-spare fraction whose ETTR reaches the target (infinite if none up to 50 %).

    required_hot_spare_frac = min{f : ettr_frac(f) ≥ target_ettr_frac}

    Parameters
    ----------
    reliability_spec : ReliabilitySpec
        [spec].

    Returns
    -------
    numeric
        [1].
    """
    return reliability_spec.required_hot_spare_frac


def time_to_train_days(job_ideal_time_to_train_days, ettr_frac):
    """Expected days to train: the job's failure-free time over its effective training time ratio.

    time_to_train_days = job_ideal_time_to_train_days / ettr_frac

    Parameters
    ----------
    job_ideal_time_to_train_days : numeric
        [day].
    ettr_frac : numeric
        [1].

    Returns
    -------
    numeric
        [day] (infinite when the ETTR is 0).
    """
    e = np.asarray(ettr_frac, float)
    return np.where(e > 0, job_ideal_time_to_train_days / np.where(e > 0, e, 1.0), np.inf)

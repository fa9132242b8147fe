"""Reliability and goodput: how much of a campus's GPU time becomes training.

The quantity-graph functions of the domain are here (the goodput sub-model and what is read
from it), in `job` (job size, fault domains, interruptions) and `recovery` (restart stall,
checkpoint tiers and intervals); the other sub-modules hold the model: `rates` (calibrated
failure mix, hazard options, blast radius), `closedform` (Young/Daly, first-order waste,
Daly's exponential efficiency, Kokolis's ETTR, spare-pool tails), `strategies` (recovery
strategies, checkpoint tiers, the closed-form goodput), `spec` (the sub-model's result and
warnings) and `simulate` (the seeded, vectorised stochastic simulation that gives
distributions).

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
from gigawatt.reliability.spec import ReliabilitySpec, build_spec, model_of, spread

__all__ = ["ReliabilitySpec"]


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

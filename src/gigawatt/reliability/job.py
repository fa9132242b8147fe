"""Reliability of the job: its size and fault domains, failure rates by class and the
interruptions they cause (the quantity-graph functions; the model is in `rates` and
`strategies`).

References
----------
.. [1] A. Grattafiori et al., "The Llama 3 Herd of Models", arXiv 2407.21783, §3.3.4, Table 5.
"""

from __future__ import annotations

import numpy as np

from gigawatt.reliability import rates as _rates
from gigawatt.reliability import strategies as _st


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


def class_rates(
    failure_data_spec,
    failure_rate_per_gpu_hour,
    zone_event_rate_per_gpu_hour,
    job_gpu_count,
    hazard_mean_ratio,
):
    """Failure rates of the job by class (`strategies.CLASSES`) from the calibrated mix [1/h]."""
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
    rate = class_rates(
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

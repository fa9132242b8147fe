"""Training runs on the growing cluster, and the cost of GPUs that wait (tier 1).

A run that starts at first training on the partial cluster accumulates GPU-days as halls
come online (`curves.time_to_accumulate`); one that waits starts at full capacity. Idle
GPUs (on site, not yet online) cost their capital charge while they wait.
"""

from __future__ import annotations

import numpy as np

from gigawatt.schedule import curves
from gigawatt.schedule.result import ScheduleResult, percentile


def idle_gpu_cost_usd(idle_gpu_days, it_capex_usd, gpu_count, gpu_crf_frac_per_year):
    """Cost of idle GPUs: their capital charge (return and depreciation at the WACC) while
    they wait, from the same capital recovery factor as every other annuity.

    idle_gpu_cost_usd = idle_gpu_days · it_capex_usd / gpu_count · gpu_crf_frac_per_year / 365.25

    Parameters
    ----------
    idle_gpu_days : numeric
        [GPU-day].
    it_capex_usd : numeric
        GPU systems [USD].
    gpu_count : numeric
        [count].
    gpu_crf_frac_per_year : numeric
        Capital recovery factor of GPU systems [1/yr].

    Returns
    -------
    numeric
        [USD].
    """
    return idle_gpu_days * it_capex_usd / gpu_count * gpu_crf_frac_per_year / 365.25


def _run_finish(spec: ScheduleResult, work):
    work = np.asarray(work, dtype=float)  # per plan (the last axis)
    t0 = spec.milestones["first_training"]
    a, d, t0 = (spec.per_plan(x, work.size) for x in (spec.ramp_start, spec.ramp_days, t0))
    finish = curves.time_to_accumulate(t0, work, a, d, spec.gpus[:, None, :])
    x = percentile(finish, 50.0, axis=0)
    return float(x[0]) if spec.scalar and work.ndim == 0 else x


def run_finish_partial_start_days(schedule_spec, gpu_count, time_to_train_days):
    """P50 day a training run finishes if it starts at first training on the partial
    cluster and grows as halls come online (throughput per GPU as on the full cluster).

    run_finish_partial_start_days = P50(min T: ∫_{first training}^{T} GPUs online dt
        ≥ gpu_count · time_to_train_days)

    Parameters
    ----------
    schedule_spec : ScheduleResult
        [spec].
    gpu_count : numeric
        [count].
    time_to_train_days : numeric
        Time to train on the full cluster [day].

    Returns
    -------
    numeric
        [day].
    """
    return _run_finish(schedule_spec, np.asarray(gpu_count) * np.asarray(time_to_train_days))


def run_finish_wait_days(full_capacity_days, time_to_train_days):
    """Day a training run finishes if it waits for the full cluster.

    run_finish_wait_days = full_capacity_days + time_to_train_days

    Parameters
    ----------
    full_capacity_days : numeric
        [day].
    time_to_train_days : numeric
        [day].

    Returns
    -------
    numeric
        [day].
    """
    return full_capacity_days + time_to_train_days


def partial_start_gain_days(run_finish_wait_days, run_finish_partial_start_days):
    """Days gained by starting the run on the partial cluster instead of waiting.

    partial_start_gain_days = run_finish_wait_days − run_finish_partial_start_days

    Parameters
    ----------
    run_finish_wait_days, run_finish_partial_start_days : numeric
        [day].

    Returns
    -------
    numeric
        [day]; 0 when the run never finishes either way (no goodput: infinite time to train).
    """
    wait = np.asarray(run_finish_wait_days, dtype=float)
    partial = np.asarray(run_finish_partial_start_days, dtype=float)
    never = np.isinf(wait) & np.isinf(partial)
    out = np.where(never, 0.0, wait - np.where(never, 0.0, partial))
    return out if out.ndim else float(out)

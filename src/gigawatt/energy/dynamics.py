"""Training power dynamics: the campus power waveform at 10-100 ms from the training step's
phases and its evaluation against utility limits (the mitigation that meets them:
`gigawatt.energy.mitigation`).

Synchronous training swings every GPU together: compute phases (and the optimizer step) at high
power, exposed communication, the pipeline bubble and checkpoints at low power (Choukse et al.
2025, arXiv 2508.14318). The waveform repeats the step from the training model's breakdown
(`gigawatt.step.StepBreakdown`) between job start and stop, drops to idle at a failure for the
restart time, and has edges of finite rise time. Power levels are calibrated so that the
step-average equals the plan's average training draw (`avg_power_frac`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.step import PHASES, StepBreakdown

HIGH_PHASES = frozenset({"compute", "optimizer"})
"""Phases at compute power; the others (exposed communication, bubble) at low power."""

SECONDS_PER_HOUR = 3600.0


@dataclass(frozen=True)
class Waveform:
    """Campus power over the horizon (raw and with the power floor), and when it trains."""

    t_s: np.ndarray
    raw_mw: np.ndarray
    floored_mw: np.ndarray
    training: np.ndarray
    dt_s: float
    step_s: float


def step_profile(step: StepBreakdown) -> tuple[np.ndarray, np.ndarray]:
    """Phase end times within one step and whether each phase is high-power.

    Phases run in the order of `gigawatt.step.PHASES`; time not covered by the listed phases
    counts as compute.
    """
    names = [p for p in PHASES if step.phases_s.get(p, 0.0) > 0]
    dur = np.array([step.phases_s[p] for p in names], dtype=float)
    rest = max(step.step_time_s - dur.sum(), 0.0)
    names, dur = ["compute", *names], np.concatenate([[rest], dur])
    return np.cumsum(dur), np.array([n in HIGH_PHASES for n in names])


def high_power_frac(step: StepBreakdown, low_power_frac, avg_power_frac):
    """Compute-phase power of the GPU systems (fraction of their maximum) such that the
    step-average equals the average training draw.

    high_power_frac = min(avg_power_frac / (f_high + low_power_frac · (1 − f_high)), 1)

    Parameters
    ----------
    step : StepBreakdown
        Training step [spec].
    low_power_frac : numeric
        Low-phase power / compute-phase power [1].
    avg_power_frac : numeric
        Average training draw / maximum [1].

    Returns
    -------
    numeric
        [1].
    """
    ends, high = step_profile(step)
    dur = np.diff(np.concatenate([[0.0], ends]))
    f_high = dur[high].sum() / max(dur.sum(), 1e-12)
    return np.minimum(avg_power_frac / (f_high + low_power_frac * (1.0 - f_high)), 1.0)


def _smooth(x: np.ndarray, n: int) -> np.ndarray:
    """Moving average over n samples (linear edges of n samples)."""
    if n <= 1:
        return x
    c = np.cumsum(np.concatenate([np.full(n, x[0]), x]))
    return (c[n:] - c[:-n]) / n


def power_waveform_spec(
    training_step_spec,
    gpu_power_mw,
    host_power_mw,
    scaleup_switch_power_mw,
    distribution_eff_frac,
    facility_power_avg_mw,
    avg_power_frac,
    low_power_frac,
    idle_power_frac,
    power_floor_frac,
    swing_edge_s,
    swing_dt_s,
    swing_horizon_s,
    job_start_s,
    job_stop_s,
    failure_at_s,
    restart_s,
):
    """Campus power at each time step: constant loads plus the GPU systems at their phase level.

    power_waveform_spec = P_const + P_systems / η · level(t), with level = high in compute,
        low_power_frac · high in the other phases, idle before start, after stop and during a
        restart; edges of swing_edge_s; the floored variant lifts training levels to
        power_floor_frac · high

    Parameters
    ----------
    training_step_spec : StepBreakdown
        Step time and exposed phase times from the training model [spec].
    gpu_power_mw, host_power_mw, scaleup_switch_power_mw : numeric
        Design power of the GPU systems [MW].
    distribution_eff_frac : numeric
        Power-chain efficiency [1].
    facility_power_avg_mw : numeric
        Average facility power while training [MW].
    avg_power_frac, low_power_frac, idle_power_frac, power_floor_frac : numeric
        Levels as fractions (see the scenario's `power` section) [1].
    swing_edge_s, swing_dt_s, swing_horizon_s, job_start_s, job_stop_s, restart_s : numeric
        Times [s].
    failure_at_s : numeric
        Failure time; negative or beyond the horizon: none [s].

    Returns
    -------
    Waveform
        [spec].
    """
    step = training_step_spec
    dt = float(swing_dt_s)
    t = np.arange(0.0, float(swing_horizon_s), dt)
    systems = (gpu_power_mw + host_power_mw + scaleup_switch_power_mw) / distribution_eff_frac
    constant = facility_power_avg_mw - systems * avg_power_frac
    high = float(high_power_frac(step, low_power_frac, avg_power_frac))
    ends, is_high = step_profile(step)
    period = ends[-1]
    fail = float(failure_at_s)
    has_fail = 0 <= fail < float(job_stop_s)
    resume = fail + float(restart_s)
    training = (t >= job_start_s) & (t < job_stop_s)
    if has_fail:
        training &= ~((t >= fail) & (t < resume))
    origin = np.where(has_fail & (t >= resume), resume, float(job_start_s))
    phase = np.searchsorted(ends, np.mod(t - origin, period), side="right")
    level_train = np.where(is_high[np.minimum(phase, len(ends) - 1)], high, low_power_frac * high)
    raw = np.where(training, level_train, idle_power_frac)
    floored = np.where(training, np.maximum(level_train, power_floor_frac * high), raw)
    n = max(round(float(swing_edge_s) / dt), 1)
    raw_mw = constant + systems * _smooth(raw, n)
    floored_mw = constant + systems * _smooth(floored, n)
    return Waveform(t, raw_mw, floored_mw, training, dt, float(period))


def band_rms_mw(power_mw, dt_s, low_hz, high_hz):
    """RMS of the power fluctuation inside a frequency band (FFT, Parseval).

    band_rms_mw = sqrt(2 · Σ_{f_k ∈ band} |X_k|²) / N, X = rfft(P − mean P)

    Parameters
    ----------
    power_mw : numpy.ndarray
        Power samples [MW].
    dt_s : float
        Sample spacing [s].
    low_hz, high_hz : float
        Band edges [Hz].

    Returns
    -------
    float
        [MW].

    Examples
    --------
    >>> t = np.arange(0, 100, 0.01)
    >>> round(band_rms_mw(10 * np.sin(2 * np.pi * 0.5 * t), 0.01, 0.1, 20), 3)  # 10/√2
    7.071
    """
    x = np.asarray(power_mw, dtype=float)
    spec = np.fft.rfft(x - x.mean())
    f = np.fft.rfftfreq(len(x), dt_s)
    sel = (f >= low_hz) & (f <= high_hz) & (f > 0)
    return float(np.sqrt(2.0 * np.sum(np.abs(spec[sel]) ** 2)) / len(x))


def waveform_metrics(power_mw, training, dt_s, low_hz, high_hz) -> dict[str, float]:
    """Swing, steepest ramp, dynamic range while training and RMS in the oscillation band."""
    p = np.asarray(power_mw, dtype=float)
    tr = p[training] if np.any(training) else p
    return {
        "swing_mw": float(p.max() - p.min()),
        "max_ramp_mw_per_s": float(np.max(np.abs(np.diff(p))) / dt_s) if len(p) > 1 else 0.0,
        "dynamic_range_frac": float((tr.max() - tr.min()) / tr.max()) if tr.max() > 0 else 0.0,
        "training_swing_mw": float(tr.max() - tr.min()),
        "band_rms_mw": band_rms_mw(p, dt_s, low_hz, high_hz),
    }


def low_pass_mw(power_mw, dt_s, tau_s):
    """First-order low-pass of the load (what the grid sees behind a battery), by FFT with the
    ends padded so the filter does not wrap around.

    low_pass_mw = IFFT(FFT(P) / (1 + j·2π·f·τ))

    Parameters
    ----------
    power_mw : numpy.ndarray
        [MW].
    dt_s, tau_s : float
        Sample spacing and time constant [s].

    Returns
    -------
    numpy.ndarray
        [MW].
    """
    x = np.asarray(power_mw, dtype=float)
    if tau_s <= 0:
        return x
    pad = min(int(8 * tau_s / dt_s) + 1, 4 * len(x))
    size = 1 << int(np.ceil(np.log2(len(x) + 2 * pad)))  # a fast FFT length
    right = size - len(x) - pad
    y = np.concatenate([np.full(pad, x[0]), x, np.full(right, x[-1])])
    f = np.fft.rfftfreq(size, dt_s)
    out = np.fft.irfft(np.fft.rfft(y) / (1.0 + 2j * np.pi * f * tau_s), n=size)
    return out[pad : pad + len(x)]


def steady_mask(training, dt_s, settle_s):
    """Samples that have been training for at least `settle_s` (transients of start and
    restart excluded).

    steady_mask = training and no idle sample within the preceding settle_s

    Parameters
    ----------
    training : numpy.ndarray
        Boolean mask [1].
    dt_s, settle_s : float
        [s].

    Returns
    -------
    numpy.ndarray
        Boolean mask [1].
    """
    k = max(int(np.ceil(settle_s / dt_s)), 1)
    idle = np.cumsum(np.concatenate([[0], ~np.asarray(training, dtype=bool)]))
    start = np.maximum(np.arange(len(training)) + 1 - k, 0)
    return training & (idle[np.arange(len(training)) + 1] - idle[start] == 0)


def swing_mw(power_waveform_spec, oscillation_band_low_hz, oscillation_band_high_hz):
    """Largest minus smallest campus power over the horizon (start, stop and failure included).

    swing_mw = max_t P − min_t P

    Parameters
    ----------
    power_waveform_spec : Waveform
        [spec].
    oscillation_band_low_hz, oscillation_band_high_hz : float
        [Hz].

    Returns
    -------
    float
        [MW].
    """
    w = power_waveform_spec
    m = waveform_metrics(
        w.raw_mw, w.training, w.dt_s, oscillation_band_low_hz, oscillation_band_high_hz
    )
    return m["swing_mw"]


def no_failure_s(swing_horizon_s):
    """Failure time when none is given: never (−1 s).

    no_failure_s = −1

    Parameters
    ----------
    swing_horizon_s : numeric
        Unused; ties the default to the horizon [s].

    Returns
    -------
    numeric
        [s].
    """
    return np.zeros_like(np.asarray(swing_horizon_s, dtype=float)) - 1.0

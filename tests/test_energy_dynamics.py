"""Training power dynamics: waveform, FFT band energy, mitigation sizing, CLI."""

import json

import numpy as np
import pytest

from conftest import write
from gigawatt.campus import Campus
from gigawatt.cli import app
from gigawatt.energy import dynamics as dy
from gigawatt.graph.wiring.energy import dynamics_graph
from gigawatt.scenario.io import validate_document
from gigawatt.step import StepBreakdown

STEP = StepBreakdown(10.0, {"dp_comm": 2.0})
TARGETS = ["swing_mw", "max_ramp_mw_per_s", "swing_battery_mw", "swing_battery_mwh",
           "residual_swing_mw", "mitigation_cost_usd_per_year", "mitigation_spec",
           "power_waveform_spec"]  # fmt: skip


def evaluate(power=None, step=STEP):
    doc = {"compute": {"system": "gb200-nvl72", "gpu_count": 72_000}, "power": power or {}}
    c = Campus(validate_document(doc), graph=dynamics_graph())
    return c.evaluate({"training_step_spec": step}, targets=TARGETS)


def test_levels_reproduce_the_average_draw():
    """Compute 8 s at h, comm 2 s at 0.58·h; the step mean must equal avg_power_frac 0.72."""
    h = dy.high_power_frac(STEP, 0.58, 0.72)
    assert (0.8 * h + 0.2 * 0.58 * h) == pytest.approx(0.72)


def test_square_wave_band_energy_by_hand():
    """A 0/100 MW square wave of 10 s period: fundamental 0.1 Hz; RMS of the AC part is 50 MW
    and the 0.1-20 Hz band holds all of it except harmonics above 20 Hz (none at 10 ms edges
    of a square wave sampled at 100 Hz: ≥ 99 %)."""
    t = np.arange(0, 600, 0.01)
    p = np.where(np.mod(t, 10) < 5, 100.0, 0.0)
    assert dy.band_rms_mw(p, 0.01, 0.1, 20) == pytest.approx(50.0, rel=0.01)
    assert dy.band_rms_mw(p, 0.01, 0.2, 20) < 25.0  # the fundamental carries most energy


def test_waveform_swings_between_phase_levels_and_idles_on_failure():
    v = evaluate()
    w = v["power_waveform_spec"]
    assert len(w.t_s) == 360_000
    during = w.raw_mw[(w.t_s > 1000) & (w.t_s < 1700)]
    assert np.ptp(during) > 0.1 * during.max()  # compute vs communication phases
    assert np.all(w.raw_mw[(w.t_s > 1900) & (w.t_s < 2300)] < during.min())  # restart idle
    assert v["swing_mw"] >= during.max() - during.min()


def test_mitigation_meets_the_ramp_limit_and_battery_covers_the_gap():
    v = evaluate({"utility_ramp_mw_per_s": 5.0})
    m = v["mitigation_spec"]
    assert m.meets_limits
    assert m.residual["max_ramp_mw_per_s"] <= 5.0 * (1 + 1e-6)
    assert v["max_ramp_mw_per_s"] > 5.0
    assert v["swing_battery_mw"] == pytest.approx(np.max(np.abs(
        v["power_waveform_spec"].floored_mw - m.grid_mw)))  # fmt: skip
    assert v["residual_swing_mw"] < v["swing_mw"]


def test_looser_limit_never_needs_more_battery():
    tight = evaluate({"utility_ramp_mw_per_s": 2.0})
    loose = evaluate({"utility_ramp_mw_per_s": 20.0})
    assert loose["swing_battery_mwh"] <= tight["swing_battery_mwh"] + 1e-9
    assert loose["mitigation_cost_usd_per_year"] <= tight["mitigation_cost_usd_per_year"]


def test_power_floor_shrinks_the_training_swing():
    plain = evaluate()
    floored = evaluate({"power_floor_frac": 0.95})
    w0, w1 = plain["power_waveform_spec"], floored["power_waveform_spec"]
    sel = (w0.t_s > 1000) & (w0.t_s < 1700)
    assert np.ptp(w1.floored_mw[sel]) < 0.2 * np.ptp(w0.floored_mw[sel])


def test_cli_power_swing(runner, tmp_path):
    text = (
        "compute: {system: gb200-nvl72, gpu_count: 7200}\n"
        "power: {swing_horizon_s: 600, job_stop_s: 550, failure_at_s: 300, restart_s: 60}\n"
    )
    p = write(tmp_path, text)
    r = runner.invoke(app, ["power-swing", str(p), "--json", "--phase", "compute=8",
                            "--phase", "dp_comm=2"])  # fmt: skip
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert {"swing_mw", "max_ramp_mw_per_s", "band_energy", "battery_mw", "battery_mwh",
            "mitigation_cost_usd_per_year", "residual_swing_mw"} <= set(doc)  # fmt: skip
    r = runner.invoke(app, ["power-swing", str(p), "--phase", "lunch=8"])
    assert r.exit_code == 2 and "--phase" in r.output

"""Validation of the training model against published runs (the dev set).

Reached (2026-11, src/gigawatt/data/training_efficiency.yaml): median |error| 1.7 %, max
6.4 % over all 17 rows; held-out rows median 2.9 %, max 5.8 %. The bounds below leave a
little room for numerical noise, not for regressions.
"""

import csv
from pathlib import Path

import numpy as np
import pytest

from gigawatt.training.efficiency import load_table
from gigawatt.training.validation import RUNS, calibrate, load_runs, summary, validate


@pytest.fixture(scope="module")
def results():
    return validate()


def test_every_dev_row_is_rerun(results):
    assert len(results) == len(load_runs()) == 17
    assert {r["split"] for r in results} == {"fit", "holdout"}


def test_errors_stay_within_what_the_model_reaches(results):
    s = summary(results)
    assert s["all"]["median_abs_error_frac"] <= 0.02
    assert s["all"]["max_abs_error_frac"] <= 0.07
    assert s["holdout"]["median_abs_error_frac"] <= 0.035
    assert s["holdout"]["max_abs_error_frac"] <= 0.065


def test_held_out_generations_and_scales(results):
    """Megatron's 3,072-A100 run (2021 software) and Llama 3 at 16,384 H100 (also at 131k
    context with CP16) were not used to fit anything."""
    by_id = {r["id"]: r for r in results}
    for rid in ("megatron21_1t_tflops", "llama3_405b_16k_tflops", "llama3_405b_16k_cp16_tflops"):
        assert by_id[rid]["split"] == "holdout"
        assert abs(by_id[rid]["error_frac"]) < 0.065, rid
    assert by_id["llama3_405b_16k_cp16_tflops"]["plan"]["cp"] == 16


def test_the_packaged_runs_equal_the_test_copy(root):
    """tests/data keeps the dev set with its notes; the package ships the same file."""
    test_copy = root / "tests" / "data" / "training_runs_dev.csv"
    assert Path(RUNS).read_text() == test_copy.read_text()
    with open(test_copy, newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 17


def test_calibration_reproduces_the_table():
    """The fitted values in the efficiency table are what `calibrate` finds on the fit rows."""
    found = calibrate(sweeps=1)
    table = load_table()
    for arch, value in found["gemm_mamf_ratio"].items():
        assert table.calibrated_value("gemm_mamf_ratio", arch) == pytest.approx(value)
    assert table.calibrated["softmax_bw_frac"] == pytest.approx(found["softmax_bw_frac"])


def test_errors_are_signed_relative_errors(results):
    for r in results:
        assert r["error_frac"] == pytest.approx(r["predicted"] / r["measured"] - 1)
        assert np.isfinite(r["predicted"]) and r["predicted"] > 0

"""`gigawatt train`, `gigawatt validate training`, the pandas API and the workload schema."""

import json

import pytest

from conftest import write
from gigawatt.errors import GigawattInputError
from gigawatt.scenario.io import validate_document
from test_cli import run

SCENARIO = """
compute: {system: h100-sxm-hgx, gpu_count: 8192}
workload:
  model: llama3-405b
  global_batch_size: 2048
  parallelism: {tp: 8, pp: 16, cp: 1}
"""

INLINE = """
compute: {system: gb200-nvl72, gpu_count: 1152}
workload:
  model: {layers: 32, hidden_size: 4096, ffn_hidden_size: 14336, attention_heads: 32,
          kv_heads: 8, seq_length: 8192, vocab_size: 128256, gated_mlp: true}
  global_batch_size: 512
  precision: fp8
"""

PARALLELISM = {"tp", "pp", "vpp", "dp", "cp", "ep", "micro_batch_size", "recompute", "zero_stage"}
BEST = {
    "parallelism",
    "step_time_s",
    "tokens_per_s",
    "tokens_per_s_per_gpu",
    "tflops_per_gpu",
    "mfu",
    "hfu",
    "memory_gb_per_gpu",
    "breakdown_s",
}


def test_train_json_has_the_issue_keys(runner, tmp_path):
    r = run(runner, "train", write(tmp_path, SCENARIO), "--json", "--top", "3")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert set(doc) >= {"best", "time_to_train_days", "plans_evaluated", "top"}
    assert set(doc["best"]) == BEST
    assert set(doc["best"]["parallelism"]) == PARALLELISM
    assert set(doc["best"]["breakdown_s"]) == {
        "compute",
        "tp_comm",
        "cp_comm",
        "pp_comm",
        "dp_comm",
        "ep_comm",
        "bubble",
        "optimizer",
    }
    assert len(doc["top"]) == 3 and doc["top"][0] == doc["best"]
    best = doc["best"]
    assert best["parallelism"]["tp"] == 8 and best["parallelism"]["pp"] == 16
    assert sum(best["breakdown_s"].values()) == pytest.approx(best["step_time_s"])
    assert best["tokens_per_s"] == pytest.approx(2048 * 8192 / best["step_time_s"])
    assert best["tokens_per_s_per_gpu"] == pytest.approx(best["tokens_per_s"] / 8192)
    # Llama 3 405B: 15.6T tokens (default) at ~1.3M tokens/s is ~135 days.
    ideal = 15.6e12 / best["tokens_per_s"] / 86400
    assert doc["ideal_time_to_train_days"] == pytest.approx(ideal)
    # Expected time: the job (campus minus hot spares) at the reliability model's goodput.
    assert doc["time_to_train_days"] > ideal
    assert 0 < doc["ettr"] < 1


def test_train_text_and_set(runner, tmp_path):
    path = write(tmp_path, INLINE)
    r = run(runner, "train", path)
    assert r.exit_code == 0, r.output
    assert "best plan" in r.output and "step breakdown" in r.output
    r = run(runner, "train", path, "--json", "--set", "workload.parallelism.tp=4")
    assert json.loads(r.output)["best"]["parallelism"]["tp"] == 4


BAD = {
    "heads": (
        "workload: {model: {layers: 2, hidden_size: 64, ffn_hidden_size: 256, "
        "attention_heads: 6, kv_heads: 4, seq_length: 128, vocab_size: 100}}\n",
        "workload.model",
    ),
    "tp": ("workload: {parallelism: {tp: 3}}\n", "workload.parallelism.tp"),
    "unknown": ("workload: {parallelism: {tensor: 8}}\n", "workload.parallelism.tensor"),
    "recompute": ("workload: {parallelism: {recompute: some}}\n", "workload.parallelism.recompute"),
    "zero": ("workload: {parallelism: {zero_stage: 4}}\n", "workload.parallelism.zero_stage"),
    "mfu": ("workload: {mfu_frac: 0.4}\n", "workload.mfu_frac: unknown key"),
    "preset": ("workload: {model: llama-405b}\n", "did you mean llama3-405b"),
    "too_big": ("", "HBM capacity"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_workload_input_exits_2_naming_the_field(runner, tmp_path, name):
    text, expected = BAD[name]
    path = write(tmp_path, "compute: {system: h100-sxm-hgx, gpu_count: 64}\n" + text)
    r = run(runner, "train", path)
    assert r.exit_code == 2, r.output
    assert expected in r.output


def test_train_goal_seeks_the_campus_under_a_power_cap(runner, tmp_path):
    path = write(tmp_path, "compute: {system: gb200-nvl72}\nsite: {power_cap_mw: 50}\n")
    doc = json.loads(run(runner, "train", path, "--json").output)
    plan = json.loads(run(runner, "plan", path, "--json").output)
    gpus = plan["metrics"]["gpu_count"]["value"]
    best = doc["best"]
    used = best["tokens_per_s"] / best["tokens_per_s_per_gpu"]
    assert 0 < used <= gpus
    assert plan["metrics"]["training_tokens_per_s"]["value"] == pytest.approx(best["tokens_per_s"])


def test_model_state_that_cannot_fit_names_hbm_before_the_plans(runner, tmp_path):
    """405B x 18 B/param over 64 H100 is 114 GB per GPU even fully sharded."""
    r = run(runner, "train", write(tmp_path, "compute: {system: h100-sxm-hgx, gpu_count: 64}\n"))
    assert r.exit_code == 2
    assert "even sharded over all 64 GPUs" in r.output and "HBM capacity" in r.output


def test_validate_training_prints_every_row_and_the_summary(runner, root):
    r = run(runner, "validate", "training")
    assert r.exit_code == 0, r.output
    assert "median |error|" in r.output and "holdout" in r.output
    doc = json.loads(run(runner, "validate", "training", "--json").output)
    assert len(doc["runs"]) == 17
    assert run(runner, "validate", root / "examples/minimal.yaml").exit_code == 0


def test_plan_shows_the_training_metrics(runner, root):
    r = run(runner, "plan", root / "examples/colossus1.yaml")
    assert "training_mfu_frac" in r.output and "training_tokens_per_s" in r.output
    doc = json.loads(run(runner, "plan", root / "examples/colossus1.yaml", "--json").output)
    m = doc["metrics"]
    assert m["ideal_time_to_train_days"]["value"] == pytest.approx(
        15.6e12 / m["training_tokens_per_s"]["value"] / 86400
    )
    assert m["training_memory_gb_per_gpu"]["unit"] == "GB/GPU"


def test_python_api_returns_dataframes():
    import gigawatt.training as gt

    df = gt.search(
        model="llama3-70b", system="h100-sxm-hgx", gpu_count=512, global_batch_size=256, top=4
    )
    assert len(df) == 4 and list(df["step_time_s"]) == sorted(df["step_time_s"])
    assert {"tp", "recompute", "mfu", "compute_s", "bubble_s"} <= set(df.columns)
    one = gt.evaluate(
        model="llama3-70b",
        system="h100-sxm-hgx",
        gpu_count=512,
        global_batch_size=256,
        parallelism={
            "tp": 4,
            "pp": 4,
            "vpp": 1,
            "cp": 1,
            "ep": 1,
            "micro_batch_size": 1,
            "recompute": "full",
            "zero_stage": 1,
        },
    )
    assert len(one) == 1 and one.loc[0, "dp"] == 32 and bool(one.loc[0, "fits_memory"])
    assert one.loc[0, "step_time_s"] >= df.loc[0, "step_time_s"]
    given = {
        "tp": 8,
        "pp": 1,
        "vpp": 1,
        "cp": 1,
        "ep": 1,
        "micro_batch_size": 1,
        "recompute": "none",
        "zero_stage": 0,
    }
    oom = gt.evaluate(
        model="llama3-70b",
        system="h100-sxm-hgx",
        gpu_count=512,
        global_batch_size=256,
        parallelism=given,
    )
    assert not bool(oom.loc[0, "fits_memory"]) and oom.loc[0, "memory_gb_per_gpu"] > 80


def test_inline_shape_is_the_model_spec():
    from gigawatt.campus import Campus
    from gigawatt.training import param_count

    doc = {
        "compute": {"system": "gb200-nvl72", "gpu_count": 1152},
        "workload": {
            "model": {
                "layers": 80,
                "hidden_size": 8192,
                "ffn_hidden_size": 28672,
                "attention_heads": 64,
                "kv_heads": 8,
                "seq_length": 8192,
                "vocab_size": 128256,
            }
        },
    }
    campus = Campus(validate_document(doc))
    spec = campus.inputs["model_spec"]
    # Same shape as the Llama 3.1 70B release: 70,553,706,496 parameters.
    assert param_count(spec) == 70_553_706_496
    assert campus.provenance["model_spec"].path == "workload.model"


def test_moe_inline_shape_must_be_complete():
    doc = {
        "compute": {"system": "gb200-nvl72", "gpu_count": 72},
        "workload": {
            "model": {
                "layers": 4,
                "hidden_size": 64,
                "ffn_hidden_size": 256,
                "attention_heads": 4,
                "seq_length": 128,
                "vocab_size": 100,
                "experts": 8,
            }
        },
    }
    with pytest.raises(GigawattInputError, match="experts_per_token"):
        validate_document(doc)

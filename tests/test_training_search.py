"""The parallel-plan search: feasibility, conservation of the breakdown, monotonicity, errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.catalog import builtin
from gigawatt.errors import GigawattInputError
from gigawatt.step import PHASES
from gigawatt.training.plans import search
from test_training_model import gpt, hardware

H100 = hardware("h100-sxm-hgx")
LLAMA = builtin().get("model", "llama3-405b")


def levels(gpus, system="h100-sxm-hgx"):
    """The network model's levels for `gpus` GPUs (numbers or an array) of `system`, default
    fabric (Spectrum-4 SN5600, 400 Gb/s per GPU, non-blocking)."""
    from gigawatt.campus import Campus
    from gigawatt.scenario.io import validate_document

    campus = Campus(validate_document({"compute": {"system": system, "gpu_count": 8}}))
    values = campus.evaluate({"compute.gpu_count": gpus}, targets=["network_levels_spec"])
    return values["network_levels_spec"]


def run(model=LLAMA, gpus=8192, batch=2048, precision="bf16", fixed=None, hw=H100, **kw):
    return search(model, hw, levels(gpus), gpus, batch, precision, fixed or {}, **kw)


def phases_sum(plan, i=0):
    return sum(float(np.ravel(plan.phases[p])[i]) for p in PHASES)


def test_llama3_405b_layout_reproduces_the_paper_throughput():
    """Llama 3 405B on 8,192 H100, TP8 PP16 DP64 (arXiv 2407.21783 Table 4): 430 TFLOP/s
    per GPU, causal FLOP count. Calibration row; the model must stay within 3 %."""
    from gigawatt.training.shapes import dims, model_flop_per_token

    plan = run(fixed={"tp": 8, "pp": 16, "dp": 64, "cp": 1})
    d = dims(LLAMA)
    tflops = 2048 * d.seq * model_flop_per_token(d, causal=True) / plan.value("step_time_s")
    assert tflops / 8192 / 1e12 == pytest.approx(430, rel=0.03)
    assert plan.parallelism()["tp"] == 8 and plan.parallelism()["dp"] == 64


def test_breakdown_sums_to_the_step_and_fits_memory():
    plan = run(gpus=4096)
    assert phases_sum(plan) == pytest.approx(plan.value("step_time_s"), rel=1e-12)
    assert set(plan.phases) == set(PHASES)
    assert plan.value("memory_gb_per_gpu") * 1e9 <= float(H100.usable_hbm_bytes)
    for row in plan.top:
        assert sum(row["phases"].values()) == pytest.approx(row["step_time_s"], rel=1e-12)
    steps = [r["step_time_s"] for r in plan.top]
    assert steps == sorted(steps) and steps[0] == pytest.approx(plan.value("step_time_s"))


def test_bubble_matches_the_interleaved_formula():
    """Narayanan et al. SC'21: bubble / steady time = (p − 1)/(v·m) for uniform stages."""
    model = gpt(layers=64, h=8192, heads=64, seq=2048)
    fixed = {
        "tp": 8,
        "pp": 8,
        "vpp": 2,
        "dp": 4,
        "cp": 1,
        "micro_batch_size": 1,
        "recompute": "selective",
        "zero_stage": 1,
    }
    plan = run(model=model, gpus=256, batch=128, fixed=fixed)
    m = 128 / 4
    steady = sum(plan.value(k) for k in ("compute", "tp_comm", "cp_comm", "ep_comm"))
    assert plan.value("bubble") / steady == pytest.approx(7 / (2 * m), rel=1e-9)


def test_fixed_degrees_are_respected_and_the_rest_is_searched():
    plan = run(gpus=4096, fixed={"tp": 4, "zero_stage": 3})
    par = plan.parallelism()
    assert par["tp"] == 4 and par["zero_stage"] == 3
    full = run(gpus=4096)
    assert full.value("step_time_s") <= plan.value("step_time_s") + 1e-12
    assert full.plans_evaluated > plan.plans_evaluated


@pytest.mark.parametrize(
    ("fixed", "path"),
    [
        ({"tp": 3}, "workload.parallelism.tp"),
        ({"tp": 16}, "workload.parallelism.tp"),  # larger than the 8-GPU NVLink domain
        ({"cp": 3}, "workload.parallelism.cp"),
        ({"ep": 2}, "workload.parallelism.ep"),  # dense model
        ({"pp": 500}, "workload.parallelism.pp"),
        ({"micro_batch_size": 3}, "workload.parallelism.micro_batch_size"),
        ({"pp": 1, "vpp": 2}, "workload.parallelism.vpp"),
    ],
)
def test_impossible_degrees_name_the_field(fixed, path):
    with pytest.raises(GigawattInputError) as exc:
        run(gpus=1024, fixed=fixed)
    assert exc.value.problems[0].path == path


def test_too_few_gpus_is_infeasible_and_names_hbm():
    """405B parameters x 18 B do not fit on 8 H100 whatever the plan."""
    plan = run(gpus=8)
    assert plan.value("step_time_s") == np.inf and plan.value("tokens_per_s") == 0.0
    assert plan.value("memory_gb_per_gpu") > 80
    with pytest.raises(GigawattInputError, match="HBM capacity") as exc:
        plan.require()
    assert exc.value.problems[0].path == "workload.model"


def test_a_fully_given_plan_is_reported_even_above_the_memory_estimate():
    fixed = {
        "tp": 8,
        "pp": 1,
        "vpp": 1,
        "dp": 64,
        "cp": 1,
        "ep": 1,
        "micro_batch_size": 1,
        "recompute": "none",
        "zero_stage": 0,
    }
    plan = run(gpus=512, batch=512, fixed=fixed)
    assert np.isfinite(plan.value("step_time_s"))
    assert not bool(plan.value("fits_memory"))


def test_precision_recipes_speed_up_in_order_on_blackwell():
    """FP8 and NVFP4 raise the GEMM peak (2x, 4x on GB200) but not attention, communication
    or the optimizer, so the speed-up is real but below the peak ratio."""
    hw = hardware("gb200-nvl72")
    model = builtin().get("model", "llama3-70b")
    t = {
        p: run(model=model, gpus=576, batch=512, precision=p, hw=hw).value("step_time_s")
        for p in ("bf16", "fp8", "fp4")
    }
    assert t["bf16"] > t["fp8"] > t["fp4"]
    assert t["bf16"] / t["fp8"] < 2.0 and t["bf16"] / t["fp4"] < 4.0


def test_moe_model_uses_expert_parallelism():
    """DeepSeek-V3 (256 experts) on 2,048 H800 in FP8: the search shards the experts."""
    hw = hardware("h800-sxm-hgx")
    plan = run(
        model=builtin().get("model", "deepseek-v3"), gpus=2048, batch=4096, precision="fp8", hw=hw
    )
    assert plan.parallelism()["ep"] > 1
    assert plan.value("ep_comm") > 0
    assert phases_sum(plan) == pytest.approx(plan.value("step_time_s"), rel=1e-12)


def test_context_parallelism_for_long_sequences():
    """Llama 3's 131k-token stage used CP16 (arXiv 2407.21783 Table 4); at that length the
    search needs context parallelism to fit activations."""
    model = LLAMA.model_copy(update={"seq_length": 131072})
    plan = run(model=model, gpus=16384, batch=128, fixed={"tp": 8, "pp": 16})
    assert plan.parallelism()["cp"] >= 8


def test_array_of_gpu_counts_equals_scalar_runs():
    counts = np.array([1024.0, 3000.0, 8192.0])
    many = search(LLAMA, H100, levels(counts), counts, 2048, "bf16", {})
    for i, n in enumerate(counts):
        one = run(gpus=int(n))
        assert many.best["step_time_s"][i] == pytest.approx(one.value("step_time_s"), rel=1e-12)
        assert many.parallelism(i) == one.parallelism()


@settings(max_examples=12, deadline=None)
@given(st.integers(256, 20_000), st.integers(1, 4))
def test_more_gpus_never_train_slower(gpus, factor):
    """Tokens per second do not fall when GPUs are added (the search may leave them idle)."""
    small, big = run(gpus=gpus), run(gpus=gpus * factor)
    assert big.value("tokens_per_s") >= small.value("tokens_per_s") * (1 - 1e-9)
    assert big.value("gpus_used") <= gpus * factor


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from([1, 2, 4, 8]),
    st.sampled_from([1, 2, 4, 8, 16]),
    st.sampled_from([1, 2]),
    st.sampled_from([1, 2, 4]),
)
def test_memory_falls_with_zero_stage_and_recompute(tp, pp, cp, mbs):
    """More sharding or more recomputation never needs more memory, and recomputing never
    makes a step faster (it can hide behind exposed data-parallel traffic: equal then)."""
    base = {"tp": tp, "pp": pp, "vpp": 1, "cp": cp, "ep": 1, "micro_batch_size": mbs}
    mem, step = {}, {}
    for rc in ("none", "selective", "full"):
        for z in (0, 1, 2, 3):
            plan = run(gpus=4096, fixed={**base, "recompute": rc, "zero_stage": z})
            mem[rc, z] = plan.value("memory_gb_per_gpu")
            step[rc, z] = plan.value("step_time_s")
    for rc in ("none", "selective", "full"):
        assert mem[rc, 0] >= mem[rc, 1] >= mem[rc, 2] >= mem[rc, 3]
    for z in (0, 1, 2, 3):
        assert mem["none", z] >= mem["selective", z] >= mem["full", z]
        tol = 1 + 1e-12
        assert step["none", z] <= step["selective", z] * tol <= step["full", z] * tol**2


def test_faster_gpus_train_faster_in_one_vectorised_evaluation():
    """Arrays of catalog rates flow through the graph node: one sample per peak."""
    from gigawatt.campus import Campus
    from gigawatt.scenario.io import validate_document

    campus = Campus(validate_document({"compute": {"system": "h100-sxm-hgx", "gpu_count": 8192}}))
    peaks = np.array([800e12, 989e12, 1200e12])
    v = campus.evaluate({"gpu_bf16_flop_per_s": peaks}, targets=["training_tokens_per_s"])
    assert np.all(np.diff(v["training_tokens_per_s"]) > 0)
    with pytest.raises(GigawattInputError, match=r"workload\.global_batch_size"):
        campus.evaluate(
            {"global_batch_sequence_count": np.array([1024.0, 2048.0])},
            targets=["training_tokens_per_s"],
        )


def test_monte_carlo_search_evaluates_equal_samples_once(monkeypatch):
    """The anchored search on many samples runs each class of samples that its plans see
    alike (dp, levels, hardware) once: the same numbers as running every sample; the
    anchors (batched full searches) give the full search's step at the extreme samples."""
    from gigawatt import arrays
    from gigawatt.training import quantities

    counts = np.random.default_rng(1).uniform(2_000, 40_000, 300).round()
    counts[-50:] = counts[:50]  # repeated samples
    lv = levels(counts)
    inputs = {"model_spec": LLAMA, "precision_name": "bf16"}
    seen = []

    def spy(rows):
        seen.append(arrays.classes(rows))
        return seen[-1]

    monkeypatch.setattr(quantities, "classes", spy)
    fast = quantities._anchored_search(inputs, H100, lv, counts, 2048, {}, 10, True)
    assert seen[0][0].size < counts.size // 2 and seen[0][0][0] == 0
    monkeypatch.setattr(quantities, "classes", lambda rows: (np.arange(300), np.arange(300)))
    full = quantities._anchored_search(inputs, H100, lv, counts, 2048, {}, 10, True)
    for table in ("best", "phases"):
        for key, value in getattr(full, table).items():
            assert np.array_equal(getattr(fast, table)[key], value, equal_nan=True), key
    assert np.array_equal(fast.plans_valid, full.plans_valid) and fast.top == full.top
    for i in (np.argmin(counts), np.argmax(counts)):
        one = run(gpus=int(counts[i]))
        assert fast.best["step_time_s"][i] == pytest.approx(one.value("step_time_s"), rel=1e-12)


def test_an_array_of_a_network_input_with_one_gpu_count_takes_the_anchored_search(
    root, monkeypatch
):
    """Scale-out bandwidth varied with one GPU count (only the network levels carry the
    samples): the sample count comes from the levels, so many samples take the anchored
    search (3,000 samples of a network input took ~60 s on the full search, ~0.15 s
    anchored), with the full search's time to train on each of 40 samples (checked against
    the full search forced on)."""
    from gigawatt.campus import Campus
    from gigawatt.training import quantities

    campus = Campus.from_file(root / "examples" / "colossus2.yaml")
    gbps = {"network.gbps_per_gpu": np.linspace(50.0, 800.0, 40)}
    calls = []
    anchored = quantities._anchored_search

    def spy(*a, **k):
        calls.append(a[3].size)
        return anchored(*a, **k)

    monkeypatch.setattr(quantities, "_anchored_search", spy)
    fast = campus.evaluate(gbps, targets=["time_to_train_days"])
    assert calls == [40]
    monkeypatch.setattr(quantities, "ARRAY_SEARCH_MAX", 10**9)
    full = campus.evaluate(gbps, targets=["time_to_train_days"], use_memo=False)
    assert calls == [40]  # the full search this time
    assert np.shape(fast["time_to_train_days"]) == (40,)
    assert fast["time_to_train_days"] == pytest.approx(full["time_to_train_days"], rel=1e-12)
    assert np.ptp(full["time_to_train_days"]) > 1.0  # the bandwidth matters [day]

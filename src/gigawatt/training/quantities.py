"""Graph quantities of training: parameters, the parallel-plan search as a node, and the
throughput, utilisation, memory and time-to-train of its best plan."""

from __future__ import annotations

import dataclasses

import numpy as np

from gigawatt.arrays import classes, per_sample_rows, subset
from gigawatt.graph.readers import reader
from gigawatt.step import StepBreakdown
from gigawatt.training.shapes import dims, total_params
from gigawatt.units import SECONDS_PER_DAY


def param_count(model_spec):
    """Parameters of a dense or MoE transformer, embeddings included.

    param_count = Σ_layers [attention + norms + m·h·f·E_l (+ h·E router)] + V·h·(2 − tied)

    with m = 3 for a gated (SwiGLU) MLP and 2 otherwise, f the MLP width and E_l the experts
    of the layer (1 for dense layers, routed + shared for MoE layers). Attention is
    2h² + 2h·kv·h/a for grouped-query attention, or the low-rank projections of MLA.

    Parameters
    ----------
    model_spec : Model
        Model shape (catalog kind `model`, or the inline `workload.model`) [spec].

    Returns
    -------
    float
        [count].

    References
    ----------
    .. [1] D. Narayanan et al., "Efficient large-scale language model training on GPU clusters
       using Megatron-LM", SC'21, arXiv 2104.04473, Eq. 2 (dense form 12·l·h²).
    .. [2] DeepSeek-AI, "DeepSeek-V3 technical report", arXiv 2412.19437, s2.1 (MLA).
    """
    d = dims(model_spec)
    return total_params(d, d.experts)


def active_param_count(model_spec):
    """Parameters that act on each token (MoE: only the routed experts it is sent to).

    active_param_count = param_count with E_l = experts_per_token + shared_experts

    Parameters
    ----------
    model_spec : Model
        Model shape [spec].

    Returns
    -------
    float
        [count].
    """
    d = dims(model_spec)
    return total_params(d, d.topk)


def training_flop(active_param_count, training_tokens):
    """Model FLOPs of training: 6 per active parameter per token (forward 2, backward 4).

    training_flop = 6 · active_param_count · training_tokens

    Parameters
    ----------
    active_param_count : numeric
        [count].
    training_tokens : numeric
        [tokens].

    Returns
    -------
    numeric
        [FLOP].

    References
    ----------
    .. [1] J. Kaplan et al., "Scaling laws for neural language models", arXiv 2001.08361, 2020.
    """
    return 6.0 * active_param_count * training_tokens


def gpu_train_peak_flop_per_s(
    precision_name, gpu_bf16_flop_per_s, gpu_fp8_flop_per_s, gpu_fp4_flop_per_s
):
    """Dense peak of one GPU at the training precision.

    gpu_train_peak_flop_per_s = gpu_{precision}_flop_per_s

    Parameters
    ----------
    precision_name : str
        'bf16', 'fp8' or 'fp4' [name].
    gpu_bf16_flop_per_s, gpu_fp8_flop_per_s, gpu_fp4_flop_per_s : numeric
        [FLOP/s].

    Returns
    -------
    numeric
        [FLOP/s].
    """
    return {"bf16": gpu_bf16_flop_per_s, "fp8": gpu_fp8_flop_per_s, "fp4": gpu_fp4_flop_per_s}[
        precision_name
    ]


def training_plan_spec(
    model_spec,
    precision_name,
    parallelism_spec,
    global_batch_sequence_count,
    gpu_count,
    network_levels_spec,
    gpu_architecture_name,
    gpu_bf16_flop_per_s,
    gpu_fp8_flop_per_s,
    gpu_fp4_flop_per_s,
    gpu_mamf_bf16_frac,
    gpu_mamf_fp8_frac,
    gpu_hbm_gb,
    gpu_hbm_gb_per_s,
    gpu_scaleup_gb_per_s,
    scaleup_domain_gpus,
):
    """Best parallel plan of the training job on the campus, with the top plans and the step
    breakdown (the search over every valid plan, vectorised).

    training_plan_spec = argmin over plans (tp, cp, ep, pp, vpp, dp, micro-batch, recompute,
        ZeRO) of step_time_s subject to memory_per_gpu <= usable HBM

    Step time = m·(compute + exposed TP/CP/EP communication) per micro-batch on the busiest
    pipeline stage + bubble (p−1)/v + exposed PP, DP communication + optimizer step, with
    GEMMs at the catalog dense peak x measured matmul ceiling x a calibrated ratio, flash
    attention at its measured efficiency, and collectives on the network levels.

    Parameters
    ----------
    model_spec : Model
        Transformer shape [spec].
    precision_name : str
        Training recipe: bf16, fp8 or fp4 [name].
    parallelism_spec : Parallelism or None
        Degrees fixed by the scenario (the rest is searched) [spec].
    global_batch_sequence_count : numeric
        Global batch [count] of sequences.
    gpu_count : numeric
        GPUs of the campus; the job may leave a remainder idle [count].
    network_levels_spec : Levels
        Per-GPU bandwidth and latency by group reach [spec].
    gpu_architecture_name : str
        Catalog architecture, key of the efficiency table [name].
    gpu_bf16_flop_per_s, gpu_fp8_flop_per_s, gpu_fp4_flop_per_s : numeric
        Dense peaks [FLOP/s].
    gpu_mamf_bf16_frac, gpu_mamf_fp8_frac : numeric
        Measured matmul ceilings over the dense peak (0: use the table's) [1].
    gpu_hbm_gb : numeric
        HBM capacity [GB].
    gpu_hbm_gb_per_s : numeric
        HBM bandwidth [GB/s].
    gpu_scaleup_gb_per_s : numeric
        Unidirectional scale-up bandwidth [GB/s].
    scaleup_domain_gpus : numeric
        GPUs per NVLink domain [count].

    Returns
    -------
    TrainingPlan
        [spec].

    References
    ----------
    .. [1] D. Narayanan et al., SC'21, arXiv 2104.04473.
    .. [2] V. Korthikanti et al., "Reducing activation recomputation in large transformer
       models", MLSys'23, arXiv 2205.05198.
    .. [3] S. Rajbhandari et al., "ZeRO", SC'20, arXiv 1910.02054.
    .. [4] Efficiency table `gigawatt/data/training_efficiency.yaml` (flash-attention,
       NCCL and matmul-ceiling figures with their sources; calibration in docs/training.md).
    """
    return plan_from_inputs(**locals())


def plan_from_inputs(top_k: int = 10, memory_check: bool = True, **inputs):
    """The search behind `training_plan_spec`, keeping `top_k` plans (API and CLI use)."""
    from gigawatt.training.efficiency import make_hardware
    from gigawatt.training.plans import search

    hw = make_hardware(inputs["gpu_architecture_name"], *(inputs[k] for k in HARDWARE_KEYS))
    par = inputs["parallelism_spec"]
    batch = np.unique(np.asarray(inputs["global_batch_sequence_count"], dtype=float))
    if batch.size != 1:
        from gigawatt.errors import GigawattInputError, Problem

        raise GigawattInputError(
            [
                Problem(
                    "workload.global_batch_size",
                    "must be one value per evaluation (the "
                    "plan search varies GPU counts and networks per sample, not the batch)",
                )
            ]
        )
    fixed = par.fixed() if par is not None else {}
    n = np.atleast_1d(np.asarray(inputs["gpu_count"], dtype=float))
    levels = inputs["network_levels_spec"]
    samples = sample_count(inputs)
    if samples > ARRAY_SEARCH_MAX and not all(k in fixed for k in KNOB_KEYS):
        n = np.broadcast_to(n, (samples,))  # (one GPU count: networks or GPUs vary instead)
        return _anchored_search(inputs, hw, levels, n, int(batch[0]), fixed, top_k, memory_check)
    return search(
        inputs["model_spec"],
        hw,
        levels,
        inputs["gpu_count"],
        int(batch[0]),
        inputs["precision_name"],
        fixed,
        top_k=top_k,
        memory_check=memory_check,
    )


HARDWARE_KEYS = (
    "gpu_bf16_flop_per_s",
    "gpu_fp8_flop_per_s",
    "gpu_fp4_flop_per_s",
    "gpu_mamf_bf16_frac",
    "gpu_mamf_fp8_frac",
    "gpu_hbm_gb",
    "gpu_hbm_gb_per_s",
    "gpu_scaleup_gb_per_s",
    "scaleup_domain_gpus",
)
"""Inputs of `make_hardware` after the architecture (each a number or one per sample)."""


def sample_count(inputs: dict) -> int:
    """Samples of one evaluation of `training_plan_spec`: the longest per-sample axis of the
    GPU count and hardware inputs (sample,) and of the network levels (level, sample)."""
    levels = inputs["network_levels_spec"]
    sizes = [np.size(inputs[k]) for k in ("gpu_count", *HARDWARE_KEYS)]
    sizes += [np.shape(a)[-1] for a in (levels.gpus, levels.gb_per_s, levels.latency_us)
              if np.ndim(a) == 2]  # fmt: skip
    return max(sizes)


def _anchored_search(inputs, hw, levels, n, batch, fixed, top_k, memory_check):
    """Monte Carlo path: full searches at a few quantiles of the GPU count (the anchors; with
    one GPU count for all, the samples at those ranks, networks or GPUs varying), then each
    anchor's plan run on every sample (dp follows the sample's GPUs) and the fastest kept
    per sample: N samples cost about N·anchors plan evaluations instead of N full searches."""
    from gigawatt.training.plans import search

    ranks = sorted({round(q * (n.size - 1)) for q in ANCHOR_QUANTILES})
    picks = np.array(sorted(set(_ranked(n, ranks))))
    # the anchors' full searches in one call (samples are independent columns), unless the
    # hardware varies per sample (the searched TP degrees follow each sample's NVLink domain)
    groups = [picks] if not per_sample_rows(hw, n.size) else [[i] for i in picks]
    candidates = []
    for group in groups:
        anchors = search(
            inputs["model_spec"], subset(hw, group, n.size), subset(levels, group, n.size),
            n[group], batch, inputs["precision_name"], fixed, top_k=top_k,
            memory_check=memory_check,
        )  # fmt: skip
        for j in range(len(group)):
            if anchors.plans_valid[j] > 0:
                chosen = anchors.parallelism(j)
                candidates.append({**{k: chosen[k] for k in KNOB_KEYS}, **fixed})
    candidates = list({tuple(sorted(c.items())): c for c in candidates}.values()) or [fixed]

    def run_all(hw, levels, n):
        return _fastest([
            search(inputs["model_spec"], hw, levels, n, batch, inputs["precision_name"], c,
                   top_k=top_k, memory_check=memory_check)
            for c in candidates
        ])  # fmt: skip

    if all(all(k in c for k in KNOB_KEYS) for c in candidates):
        reps, inverse = _sample_classes(hw, levels, n, batch, candidates)
        if reps.size <= n.size // 2:
            plan = run_all(subset(hw, reps, n.size), subset(levels, reps, n.size), n[reps])
            if plan.infeasible is None:  # (else the message names the samples' GPU counts)
                return _expand(plan, inverse)
    return run_all(hw, levels, n)


def _sample_classes(hw, levels, n, batch, candidates):
    """Classes of samples that every candidate plan sees alike (`arrays.classes`): equal
    dp and tp·cp·pp·dp ≤ GPUs for each plan, network levels and hardware rates. The GPUs of
    the outermost level are left out: collectives never read them (its groups are the
    job's own members, `comm._members_within`, `comm.p2p_s`)."""
    from gigawatt.training.plans import data_parallel

    rows = []
    for c in candidates:
        g = {k: np.float64(c[k]) for k in ("tp", "cp", "pp")}
        g["mbs"] = np.float64(c["micro_batch_size"])
        dp = np.broadcast_to(data_parallel(g, batch, n, c.get("dp")), n.shape)
        rows += [dp, (g["tp"] * g["cp"] * g["pp"] * dp <= n + 1e-9).astype(float)]
    outer = dataclasses.replace(levels, gpus=np.asarray(levels.gpus)[:-1])
    rows += per_sample_rows(outer, n.size) + per_sample_rows(hw, n.size)
    return classes(rows)


def _fastest(runs):
    """Per sample, the run with the shortest step (the first run's top table is kept)."""

    steps = np.stack([np.asarray(r.best["step_time_s"], dtype=float) for r in runs])
    k = np.argmin(steps, axis=0)

    def choose(key, table):
        return np.choose(k, [np.asarray(getattr(r, table)[key]) for r in runs])

    return dataclasses.replace(
        runs[0],
        best={key: choose(key, "best") for key in runs[0].best},
        phases={key: choose(key, "phases") for key in runs[0].phases},
        plans_evaluated=sum(r.plans_evaluated for r in runs),
        plans_valid=np.sum([np.asarray(r.plans_valid) for r in runs], axis=0),
        infeasible=runs[0].infeasible if np.all(np.isinf(steps)) else None,
    )


def _expand(plan, inverse: np.ndarray):
    """A `TrainingPlan` of the class representatives copied back to every sample."""
    return dataclasses.replace(
        plan,
        best={k: v[inverse] for k, v in plan.best.items()},
        phases={k: v[inverse] for k, v in plan.phases.items()},
        plans_valid=np.asarray(plan.plans_valid)[inverse],
    )


ANCHOR_QUANTILES = (0.0, 0.25, 0.5, 0.75, 1.0)
"""GPU-count quantiles at which the Monte Carlo path runs a full plan search."""

ARRAY_SEARCH_MAX = 16
"""Above this many samples the plan is searched at the median sample and evaluated on all."""

KNOB_KEYS = ("tp", "pp", "vpp", "cp", "ep", "micro_batch_size", "recompute", "zero_stage")


def _ranked(n: np.ndarray, ranks: list[int]) -> list[int]:
    """The samples at `ranks` of the stable ascending order of `n`, i.e.
    np.argsort(n, kind="stable")[ranks], by partition (no full sort)."""
    if np.isnan(n).any():
        return [int(i) for i in np.argsort(n, kind="stable")[ranks]]
    values = np.partition(n, ranks)[ranks]
    return [
        int(np.flatnonzero(n == v)[r - np.count_nonzero(n < v)])
        for r, v in zip(ranks, values, strict=True)
    ]


def _best(plan, key):
    value = plan.value(key)
    return value if np.ndim(value) else float(value)


def _read(name: str, key: str, unit: str, summary: str, formula: str, refs: str = ""):
    """A node reading the best plan's `key` from `training_plan_spec`."""
    return reader(name, "training_plan_spec", "TrainingPlan", lambda p: _best(p, key), unit,
                  summary, formula, refs=refs)  # fmt: skip


training_step_time_s = _read(
    "training_step_time_s", "step_time_s", "s",
    "Time of one training step of the best plan.", "training_plan_spec.step_time_s",
)  # fmt: skip
training_tokens_per_s = _read(
    "training_tokens_per_s", "tokens_per_s", "tokens/s",
    "Tokens trained per second by the best plan (global batch x sequence / step time).",
    "global_batch · seq_length / training_step_time_s",
)  # fmt: skip
training_flop_per_s_per_gpu = _read(
    "training_flop_per_s_per_gpu", "flop_per_s_per_gpu", "FLOP/s/GPU",
    "Model FLOP/s per GPU of the job (Megatron-LM FLOP count, non-causal attention).",
    "model_flop_per_step / step_time / gpus_used",
)  # fmt: skip
training_mfu_frac = _read(
    "training_mfu_frac", "mfu", "1",
    "Model FLOPs utilisation: model FLOP/s per GPU over the dense peak at the training\n"
    "    precision (Megatron-LM FLOP count: non-causal attention, output layer included).",
    "training_flop_per_s_per_gpu / gpu_train_peak_flop_per_s",
    refs="""
    References
    ----------
    .. [1] A. Chowdhery et al., "PaLM", arXiv 2204.02311, App. B (MFU).
    """,
)  # fmt: skip
training_hfu_frac = _read(
    "training_hfu_frac", "hfu", "1",
    "Hardware FLOPs utilisation: as MFU, counting the recomputed forward FLOPs too.",
    "(model_flop + recompute_flop) / step_time / gpus_used / peak",
)  # fmt: skip
training_memory_gb_per_gpu = _read(
    "training_memory_gb_per_gpu", "memory_gb_per_gpu", "GB/GPU",
    "Peak memory per GPU of the best plan (first pipeline stage).",
    "weights + gradients + optimizer (by ZeRO) + activations",
)  # fmt: skip
training_gpus_used_count = _read(
    "training_gpus_used_count", "gpus_used", "count",
    "GPUs the best plan uses (tp·cp·pp·dp; the rest of the campus idles).", "tp · cp · pp · dp",
)  # fmt: skip


def training_step_spec(training_plan_spec):
    """The best plan's step as exposed time per phase (for the power-dynamics model).

    training_step_spec = StepBreakdown(step_time_s, {compute, tp_comm, cp_comm, pp_comm,
        dp_comm, ep_comm, bubble, optimizer})

    Parameters
    ----------
    training_plan_spec : TrainingPlan
        [spec].

    Returns
    -------
    StepBreakdown
        [spec].
    """
    plan = training_plan_spec
    phases = {k: plan.value(k) for k in plan.phases}
    return StepBreakdown(plan.value("step_time_s"), phases)


def ideal_time_to_train_days(training_tokens, training_tokens_per_s):
    """Days to train the workload's tokens at the best plan's throughput, with no
    interruptions.

    ideal_time_to_train_days = training_tokens / training_tokens_per_s / 86400

    Parameters
    ----------
    training_tokens : numeric
        [tokens].
    training_tokens_per_s : numeric
        [tokens/s].

    Returns
    -------
    numeric
        [day].
    """
    with np.errstate(divide="ignore"):  # no feasible plan: zero throughput, infinite time
        return np.divide(training_tokens, training_tokens_per_s) / SECONDS_PER_DAY

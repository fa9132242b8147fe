"""Memory per GPU: weights, gradients and optimizer state by ZeRO stage; activations by
recompute mode with sequence parallelism; in-flight micro-batches of the pipeline schedule.

Activation bytes follow Korthikanti et al. (arXiv 2205.05198) Table 2, term by term, so that
a GPT layer without FlashAttention reproduces their 34·s·b·h + 5·a·s²·b bytes, and extend
it to grouped-query and latent attention, gated MLPs, MoE layers and low-precision copies of
linear-layer inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.training.shapes import Dims, layer_param_counts

RECOMPUTE = ("none", "selective", "full")

WEIGHT_BYTES = {"bf16": 2.0, "fp8": 4.0, "fp4": 3.125}
"""Bytes per parameter of model weights: BF16 weights, plus under FP8 (Transformer Engine) an
FP8 copy and its transpose cached for the step (+2 B), under NVFP4 two 0.5625 B copies."""
GRAD_BYTES = 4.0
"""FP32 main gradients (Megatron: 'bf16 param, fp32 grads' = 18 B/param undistributed,
docs.nvidia.com/megatron-core distrib_optimizer)."""
OPTIMIZER_BYTES = 12.0
"""Adam in FP32: master weights, first and second moments (4 + 4 + 4 B)."""
LINEAR_INPUT_BYTES = {"bf16": 2.0, "fp8": 1.0, "fp4": 0.5625}
"""Bytes per element of a saved linear-layer input: FP8/NVFP4 recipes save the quantised copy."""


@dataclass(frozen=True)
class ActivationBytes:
    """Activation bytes per token of one layer, split by where the tensor lives."""

    sharded: float  # split by tensor (or sequence) parallelism
    replicated: float  # replicated across TP ranks unless sequence parallelism is on
    scores: float  # materialised attention scores per token per key (unfused only), x seq


def activation_bytes_per_token(d: Dims, precision: str, moe: bool, flash: bool, mode: str):
    """Bytes a layer keeps for backward per token (before dividing by TP) [B].

    none: every tensor backward needs; selective: norms, the MLP activation function and MLA's
    up-projected queries/keys/values are recomputed (Megatron-Core recompute modules
    layernorm, moe_act, mla_up_proj; DeepSeek-V3 s3.2.3), or without flash attention the
    softmax/dropout scores (Korthikanti's selective); full: only the layer input.
    """
    h, x = d.hidden, LINEAR_INPUT_BYTES[precision]
    if mode == "full":
        return ActivationBytes(0.0, 2.0 * h, 0.0)
    qkv = 2.0 * (d.heads * d.qk_dim + d.kv_heads * (d.qk_dim + d.v_dim))
    latent = 2.0 * (d.q_lora + d.kv_lora + d.rope_dim) if d.mla else 0.0
    out_in = 2.0 * d.heads * d.v_dim
    norm_out = 2.0 * h * x  # inputs of the QKV and MLP-up GEMMs (norm outputs)
    norm_in = 4.0 * h  # the residual stream at both norms
    masks = 2.0 * h if d.dropout else 0.0  # two 1-byte dropout masks of h elements
    if moe:
        routed = d.topk * (2.0 * (d.mlp_mats - 1) * d.expert_ffn + h * x + 2.0 * h)
        shared = 2.0 * (d.mlp_mats - 1) * d.shared_ffn + d.shared_ffn * x
        mlp_keep, act_out = routed + shared, d.topk * d.expert_ffn * x + d.shared_ffn * x
    else:
        mlp_keep, act_out = 2.0 * (d.mlp_mats - 1) * d.ffn, d.ffn * x
    sharded = qkv + latent + out_in + mlp_keep + act_out
    replicated = norm_in + norm_out + masks
    scores = 0.0 if flash else (5.0 if d.dropout else 2.0) * d.heads
    if mode == "selective":
        if flash:  # Megatron-Core recompute modules layernorm, moe_act/MLP act, mla_up_proj
            replicated -= norm_out
            sharded -= act_out + (qkv if d.mla else 0.0)
        scores = 0.0
    return ActivationBytes(sharded, replicated, scores)


def layer_activation_bytes(ab: ActivationBytes, tokens, seq, tp, sequence_parallel: bool):
    """Bytes of one layer for one micro-batch on one GPU [B]; `tokens` = b·s/cp."""
    rep = np.where(sequence_parallel, ab.replicated / tp, ab.replicated)
    return tokens * (ab.sharded / tp + rep + ab.scores * seq / tp)


def params_per_layer_on_gpu(d: Dims, tp, ep):
    """(dense-kind, expert) parameters of one dense and one MoE layer on a GPU [count]."""
    p = layer_param_counts(d)
    dense_layer = (p["attention"] + p["dense_mlp"]) / tp
    moe_dense_part = (p["attention"] + p["shared"]) / tp + p["router"]
    moe_experts = d.experts / np.maximum(ep, 1) * p["expert"] if d.experts else 0.0
    return dense_layer, moe_dense_part, moe_experts


def static_bytes(p_dense, p_expert, precision: str, zero: int, dense_shards, expert_shards):
    """Weights + gradients + optimizer state on a GPU at ZeRO stage `zero` [B].

    static_bytes = P·(w/s3 + g/s2 + o/s1), s_k = shards if zero >= k else 1
    """
    w = WEIGHT_BYTES[precision]

    def one(p, shards):
        s1, s2, s3 = (shards if zero >= k else 1.0 for k in (1, 2, 3))
        return p * (w / s3 + GRAD_BYTES / s2 + OPTIMIZER_BYTES / s1)

    return one(p_dense, dense_shards) + one(p_expert, expert_shards)


def in_flight_layers(layers_on_gpu, pp, vpp, microbatches):
    """Layer-activations the first pipeline stage holds at its peak (1F1B) [count].

    in_flight = layers_on_gpu · min(pp, m) · (1 + (pp − 1)/(pp·vpp)) for interleaving
    (Korthikanti et al. s4.2.3).
    """
    inter = np.where(vpp > 1, 1.0 + (pp - 1.0) / (pp * vpp), 1.0)
    return layers_on_gpu * np.minimum(pp, microbatches) * inter

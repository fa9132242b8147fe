"""Transformer shapes: parameters, model FLOPs per token and the GEMMs of one layer.

Everything here depends on the model only (a catalog `Model` entry or an inline shape), not
on the parallel plan. Dense and MoE decoders are covered, with grouped-query attention and
DeepSeek's multi-head latent attention (MLA).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dims:
    """The sizes the step model needs, read once from a model spec."""

    layers: int
    hidden: int
    heads: int
    kv_heads: int
    qk_dim: int  # per-head query/key size
    v_dim: int  # per-head value size
    ffn: int
    gated: bool
    vocab: int
    seq: int
    experts: int
    topk: int
    expert_ffn: int
    shared_ffn: int  # shared experts x expert width
    dense_layers: int
    moe_layers: int
    q_lora: int
    kv_lora: int
    rope_dim: int
    mla: bool
    tied: bool
    dropout: bool
    rotary: bool
    learned_positions: bool

    @property
    def mlp_mats(self) -> int:
        """Weight matrices of one MLP: 3 for a gated (SwiGLU) MLP, else 2."""
        return 3 if self.gated else 2


def dims(spec) -> Dims:
    """Sizes of a model spec."""
    h, a = spec.hidden_size, spec.attention_heads
    head = spec.head_dim or h // a
    mla = spec.kv_lora_rank > 0
    qk = head + spec.qk_rope_head_dim if mla else head
    moe = spec.layers - spec.dense_layers if spec.experts else 0
    return Dims(
        layers=spec.layers,
        hidden=h,
        heads=a,
        kv_heads=a if mla else spec.kv_heads,
        qk_dim=qk,
        v_dim=spec.v_head_dim or head,
        ffn=spec.ffn_hidden_size,
        gated=spec.gated_mlp,
        vocab=spec.vocab_size,
        seq=spec.seq_length,
        experts=spec.experts,
        topk=spec.experts_per_token,
        expert_ffn=spec.moe_ffn_hidden_size,
        shared_ffn=spec.shared_experts * spec.moe_ffn_hidden_size,
        dense_layers=spec.layers - moe,
        moe_layers=moe,
        q_lora=spec.q_lora_rank,
        kv_lora=spec.kv_lora_rank,
        rope_dim=spec.qk_rope_head_dim,
        mla=mla,
        tied=spec.tied_embeddings,
        dropout=spec.dropout,
        rotary=spec.position_embedding == "rotary",
        learned_positions=spec.position_embedding == "learned",
    )


# -- GEMMs ---------------------------------------------------------------------------------
# A GEMM is (name, K, N, split): per token it multiplies a K-vector by a K x N weight.
# `split` says how tensor parallelism cuts it: "col" divides N by tp, "row" divides K.


def attention_gemms(d: Dims) -> list[tuple[str, int, int, str]]:
    """The linear projections of one attention block."""
    if d.mla:
        q = (
            [("q_down", d.hidden, d.q_lora, "col"), ("q_up", d.q_lora, d.heads * d.qk_dim, "col")]
            if d.q_lora
            else [("q", d.hidden, d.heads * d.qk_dim, "col")]
        )
        kv = [
            ("kv_down", d.hidden, d.kv_lora + d.rope_dim, "col"),
            ("kv_up", d.kv_lora, d.heads * (d.qk_dim - d.rope_dim + d.v_dim), "col"),
        ]
        return [*q, *kv, ("out", d.heads * d.v_dim, d.hidden, "row")]
    qkv = d.heads * d.qk_dim + d.kv_heads * (d.qk_dim + d.v_dim)
    return [("qkv", d.hidden, qkv, "col"), ("out", d.heads * d.v_dim, d.hidden, "row")]


def mlp_gemms(hidden: int, ffn: int, gated: bool) -> list[tuple[str, int, int, str]]:
    """Up (and gate) projection, then down projection of one MLP."""
    return [("up", hidden, (2 if gated else 1) * ffn, "col"), ("down", ffn, hidden, "row")]


def _sum_kn(gemms) -> int:
    return sum(k * n for _, k, n, _ in gemms)


def attention_param_count_per_layer(d: Dims) -> int:
    """Weights of one attention block (projections, MLA norms) plus the two layer norms."""
    mla_norms = (d.q_lora + d.kv_lora) if d.mla else 0
    return _sum_kn(attention_gemms(d)) + mla_norms + 2 * d.hidden


def mlp_param_count(d: Dims, ffn: int) -> int:
    """Weights of one MLP of width `ffn`."""
    return d.mlp_mats * d.hidden * ffn


def embedding_param_count(d: Dims) -> int:
    """Input embedding, output layer (unless tied), learned positions and the final norm."""
    positions = d.seq * d.hidden if d.learned_positions else 0
    return d.vocab * d.hidden * (1 if d.tied else 2) + positions + d.hidden


def layer_param_counts(d: Dims) -> dict[str, int]:
    """Weights per layer by kind: attention, dense MLP, one routed expert, shared, router."""
    return {
        "attention": attention_param_count_per_layer(d),
        "dense_mlp": mlp_param_count(d, d.ffn),
        "expert": mlp_param_count(d, d.expert_ffn) if d.experts else 0,
        "shared": mlp_param_count(d, d.shared_ffn) if d.experts else 0,
        "router": d.hidden * d.experts,
    }


def total_params(d: Dims, experts_counted: int) -> float:
    """Parameters with `experts_counted` routed experts per MoE layer."""
    p = layer_param_counts(d)
    dense = d.dense_layers * (p["attention"] + p["dense_mlp"])
    moe = d.moe_layers * (
        p["attention"] + experts_counted * p["expert"] + p["shared"] + p["router"]
    )
    return float(dense + moe + embedding_param_count(d))


def model_flop_per_token(d: Dims, causal: bool = False) -> float:
    """Model FLOPs of one training token (forward + backward), Megatron-LM's convention.

    3 x forward: 2 FLOPs per multiply-accumulate of every linear layer a token passes
    (routed experts counted top-k times, router and embedding lookup not counted), the
    output layer, and the attention scores and values over the full (non-causal) sequence,
    as in Narayanan et al. SC'21 Appendix and Megatron-LM `num_floating_point_operations`.
    `causal=True` counts the attention scores over the causal half only.
    """
    p = layer_param_counts(d)
    att_lin = _sum_kn(attention_gemms(d))
    dense = d.dense_layers * (att_lin + p["dense_mlp"])
    moe = d.moe_layers * (att_lin + d.topk * p["expert"] + p["shared"])
    scores = d.layers * d.seq * d.heads * (d.qk_dim + d.v_dim) * (0.5 if causal else 1.0)
    return 3.0 * 2.0 * (dense + moe + scores + d.hidden * d.vocab)


def recompute_flop_per_token(d: Dims, recompute: str) -> float:
    """Forward FLOPs repeated by activation recomputation (same convention as above)."""
    if recompute == "full":
        return model_flop_per_token(d) / 3.0 - 2.0 * d.hidden * d.vocab
    if recompute == "selective":
        return 2.0 * d.layers * d.seq * d.heads * (d.qk_dim + d.v_dim)
    return 0.0

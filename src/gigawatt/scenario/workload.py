"""`workload`: the model to train, its token budget and batch, the training precision, and
optionally the parallel plan (degrees given are fixed; the rest is searched)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from gigawatt.scenario.base import Section
from gigawatt.scenario.distributions import central
from gigawatt.scenario.fields import choice, num, param

_LLAMA = "Llama 3 405B (Grattafiori et al. 2024, arXiv 2407.21783)"


def _count(default, description, source=None):
    return param(default, unit="count", description=description, source=source)


class ModelShape(Section):
    """A transformer given by its shape instead of a catalog preset."""

    layers: num(ge=1, le=10_000, integer=True) = _count(..., "Transformer layers")
    hidden_size: num(ge=1, le=1_000_000, integer=True) = _count(..., "Hidden size h")
    ffn_hidden_size: num(ge=1, le=10_000_000, integer=True) = _count(
        ..., "MLP width of the dense layers"
    )
    attention_heads: num(ge=1, le=100_000, integer=True) = _count(..., "Query heads")
    kv_heads: num(ge=1, le=100_000, integer=True, optional=True) = _count(
        None, "Key/value heads (grouped-query attention); empty: as many as query heads"
    )
    seq_length: num(ge=1, le=100_000_000, integer=True) = _count(..., "Training sequence length")
    vocab_size: num(ge=1, le=100_000_000, integer=True) = _count(..., "Vocabulary size")
    gated_mlp: bool = choice(
        True,
        description="SwiGLU-style MLP with three weight matrices (false: two, e.g. GeLU).",
        source=f"SwiGLU as in {_LLAMA}",
    )
    experts: num(ge=0, le=100_000, integer=True) = _count(
        0, "Routed experts per MoE layer (0: dense model)", "0: a dense model"
    )
    experts_per_token: num(ge=0, le=1_000, integer=True) = _count(
        0, "Routed experts each token is sent to", "0: a dense model"
    )
    moe_ffn_hidden_size: num(ge=0, le=10_000_000, integer=True) = _count(
        0, "MLP width of one expert", "0: a dense model"
    )
    shared_experts: num(ge=0, le=1_000, integer=True) = _count(
        0, "Shared experts every token passes", "0: none"
    )
    dense_layers: num(ge=0, le=10_000, integer=True) = _count(
        0, "Leading dense layers of an MoE model", "0: every layer is MoE"
    )
    tied_embeddings: bool = choice(
        False, description="Output layer shares the input embedding.", source=_LLAMA
    )
    head_dim: num(ge=1, le=100_000, integer=True, optional=True) = _count(
        None, "Per-head size; empty: hidden_size / attention_heads"
    )

    @model_validator(mode="after")
    def _consistent(self):
        kv = self.kv_heads or self.attention_heads
        if self.attention_heads % kv:
            raise ValueError(
                f"attention_heads {self.attention_heads} is not a multiple of kv_heads {kv}"
            )
        if self.head_dim is None and self.hidden_size % self.attention_heads:
            raise ValueError("hidden_size must be a multiple of attention_heads (or give head_dim)")
        moe = (self.experts, self.experts_per_token, self.moe_ffn_hidden_size)
        if any(moe) and not all(moe):
            raise ValueError(
                "an MoE model needs experts, experts_per_token and "
                "moe_ffn_hidden_size (all 0 for a dense model)"
            )
        if self.experts_per_token > self.experts:
            raise ValueError("experts_per_token exceeds experts")
        if self.dense_layers >= self.layers and self.experts:
            raise ValueError("dense_layers must be fewer than layers")
        return self

    def entry(self):
        """The shape as a catalog `Model` entry (the graph's `model_spec`)."""
        from gigawatt.catalog.schema import Model

        fields = {k: central(v) for k, v in self.model_dump().items()}
        fields["kv_heads"] = fields["kv_heads"] or fields["attention_heads"]
        return Model(
            id="inline",
            name="workload.model (inline shape)",
            source="scenario file: workload.model",
            year=dt.date.today().year,
            confidence="OWN",
            **fields,
        )


class Parallelism(Section):
    """Parallel degrees and memory options; any left empty is searched."""

    tp: num(ge=1, le=1024, integer=True, optional=True) = _count(
        None, "Tensor-parallel degree (inside the scale-up domain); empty: searched"
    )
    pp: num(ge=1, le=10_000, integer=True, optional=True) = _count(
        None, "Pipeline-parallel stages; empty: searched"
    )
    vpp: num(ge=1, le=64, integer=True, optional=True) = _count(
        None, "Virtual (interleaved) stages per GPU; empty: searched"
    )
    dp: num(ge=1, le=100_000_000, integer=True, optional=True) = _count(
        None, "Data-parallel degree; empty: the most the GPUs and the global batch allow"
    )
    cp: num(ge=1, le=1024, integer=True, optional=True) = _count(
        None, "Context-parallel degree; empty: searched"
    )
    ep: num(ge=1, le=100_000, integer=True, optional=True) = _count(
        None, "Expert-parallel degree (MoE); empty: searched"
    )
    micro_batch_size: num(ge=1, le=1_000_000, integer=True, optional=True) = _count(
        None, "Sequences per micro-batch; empty: searched"
    )
    recompute: Literal["none", "selective", "full"] | None = choice(
        None, description="Activation recomputation: none, selective or full; empty: searched."
    )
    zero_stage: num(ge=0, le=3, integer=True, optional=True) = param(
        None,
        unit="count",
        description="ZeRO stage 0-3: shard optimizer state (1), gradients (2), weights (3) "
        "over data parallelism; empty: searched",
    )

    def fixed(self) -> dict[str, Any]:
        """The given degrees (central values of distributions)."""
        out = {}
        for key, value in self.model_dump().items():
            if value is not None:
                out[key] = value if isinstance(value, str) else int(central(value))
        return out


class Workload(Section):
    """The training run the campus is planned for."""

    model: str | ModelShape = Field(
        "llama3-405b",
        description="Model preset id (`gigawatt catalog model`) or an inline shape {layers, "
        "hidden_size, ffn_hidden_size, attention_heads, kv_heads, seq_length, vocab_size, "
        "gated_mlp, experts, ...}. Default source: Llama 3 405B, the largest dense run with "
        "published scale and failures (Grattafiori et al. 2024, arXiv 2407.21783).",
        json_schema_extra={"source": _LLAMA},
    )
    tokens: num(gt=0, le=1e17) = param(
        15.6e12,
        unit="tokens",
        description="Training tokens",
        source="Llama 3 405B was pre-trained on 15.6T tokens (arXiv 2407.21783 §3.1)",
        quantity="training_tokens",
    )
    global_batch_size: num(ge=1, le=1e9, integer=True) = param(
        2048,
        unit="count",
        description="Global batch in sequences",
        source="Llama 3 405B's main pre-training stage: 16M tokens per step = 2,048 "
        "sequences of 8,192 tokens (arXiv 2407.21783 §3.4.1, Table 4)",
        quantity="global_batch_sequence_count",
    )
    precision: Literal["bf16", "fp8", "fp4"] = choice(
        "bf16",
        description="Training recipe: bf16 (BF16 GEMMs, FP32 master weights and Adam); fp8 "
        "(Transformer Engine delayed scaling: FP8 E4M3/E5M2 GEMMs in every transformer "
        "layer, BF16 attention and output layer, BF16 weights with FP32 master copy and "
        "Adam); fp4 (NVFP4 GEMMs with FP8 block scales, otherwise as fp8).",
        source="Llama 3 405B trained in BF16 (arXiv 2407.21783 Table 4)",
    )
    parallelism: Parallelism = Field(
        default_factory=Parallelism,
        description="Parallel plan; degrees given are fixed, empty ones are searched.",
    )

    def model_entry(self):
        """The inline shape as a `Model` entry (None when `model` names a preset)."""
        return None if isinstance(self.model, str) else self.model.entry()

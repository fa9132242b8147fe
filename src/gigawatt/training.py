"""Training: parameters of a transformer and a first time-to-train model, 6·P·D / (N · peak · MFU).

The training-performance issue replaces the MFU assumption with a step-time model and a
search over parallel plans.
"""

from __future__ import annotations

from gigawatt.units import SECONDS_PER_DAY


def _layer_params(spec, ffn: float, n_ffn: float) -> float:
    """Parameters of one layer: attention (GQA) + `n_ffn` MLPs of width `ffn` + 2 norms."""
    h = spec.hidden_size
    head_dim = h / spec.attention_heads
    attention = 2.0 * h * h + 2.0 * h * spec.kv_heads * head_dim
    mats = 3.0 if spec.gated_mlp else 2.0
    return attention + n_ffn * mats * h * ffn + 2.0 * h


def _params(spec, experts_counted) -> float:
    moe_layers = spec.layers - spec.dense_layers if spec.experts else 0
    dense_layers = spec.layers - moe_layers
    total = dense_layers * _layer_params(spec, spec.ffn_hidden_size, 1.0)
    if moe_layers:
        n = experts_counted(spec) + spec.shared_experts
        router = spec.hidden_size * spec.experts
        total += moe_layers * (_layer_params(spec, spec.moe_ffn_hidden_size, n) + router)
    embeddings = spec.vocab_size * spec.hidden_size * (1 if spec.tied_embeddings else 2)
    return float(total + embeddings + spec.hidden_size)


def param_count(model_spec):
    """Parameters of a dense or MoE transformer, embeddings included.

    param_count = Σ_layers [2h² + 2h·kv·h/a + m·h·f·E_l + 2h] + V·h·(2 − tied)

    with m = 3 for a gated (SwiGLU) MLP and 2 otherwise, f the MLP width and E_l the experts
    of the layer (1 for dense layers, routed + shared for MoE layers, plus an h·E router).

    Parameters
    ----------
    model_spec : Model
        Model shape (catalog kind `model`).

    Returns
    -------
    float
        [count].

    References
    ----------
    .. [1] D. Narayanan et al., "Efficient large-scale language model training on GPU clusters
       using Megatron-LM", SC'21, arXiv 2104.04473, Eq. 2 (dense form 12·l·h²).
    """
    return _params(model_spec, lambda s: s.experts)


def active_param_count(model_spec):
    """Parameters that act on each token (MoE: only the routed experts it is sent to).

    active_param_count = param_count with E_l = experts_per_token + shared_experts

    Parameters
    ----------
    model_spec : Model
        Model shape.

    Returns
    -------
    float
        [count].
    """
    return _params(model_spec, lambda s: s.experts_per_token)


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
        'bf16', 'fp8' or 'fp4'.
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


def ideal_time_to_train_days(training_flop, gpu_count, gpu_train_peak_flop_per_s, mfu_frac):
    """Days to train with no interruptions, at a given model-FLOPs utilisation, every GPU on
    the job.

    ideal_time_to_train_days = training_flop
        / (gpu_count · gpu_train_peak_flop_per_s · mfu_frac) / 86400

    Parameters
    ----------
    training_flop : numeric
        [FLOP].
    gpu_count : numeric
        [count].
    gpu_train_peak_flop_per_s : numeric
        [FLOP/s].
    mfu_frac : numeric
        [1].

    Returns
    -------
    numeric
        [day].

    Examples
    --------
    >>> round(float(ideal_time_to_train_days(3.8e25, 16_384, 989e12, 0.40)), 1)  # Llama 3 405B
    67.9
    """
    return training_flop / (gpu_count * gpu_train_peak_flop_per_s * mfu_frac) / SECONDS_PER_DAY

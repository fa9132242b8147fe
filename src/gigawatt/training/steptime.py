"""The analytical step model: one layer's compute and communication per micro-batch, the
pipeline schedule, data-parallel synchronisation and the optimizer step, for arrays of plans.

Every function takes numpy arrays that broadcast against each other (one axis per plan knob,
a trailing axis per sample) and returns arrays: no Python loop over plans.

References: Narayanan et al., SC'21, arXiv 2104.04473 (pipeline schedule, interleaving,
FLOP counts); Korthikanti et al., arXiv 2205.05198 (sequence parallelism, recompute);
Dao, arXiv 2307.08691 and Shah et al., arXiv 2407.08608 (flash attention, 2.5x backward);
Rajbhandari et al., SC'20, arXiv 1910.02054 (ZeRO); Liu et al., arXiv 2310.01889 (ring
context parallelism).
"""

from __future__ import annotations

import numpy as np

from gigawatt.training import comm, memory
from gigawatt.training.efficiency import BYTES, Hardware, flash_efficiency, gemm_s, stream_s
from gigawatt.training.shapes import Dims, attention_gemms, mlp_gemms

ACT = 2.0  # bytes of an activation or gradient element exchanged or streamed (BF16)


def _split(k, n, split, tp):
    return (k / tp, n) if split == "row" else (k, n / tp)


def _elementwise_bytes_per_token(d: Dims, moe: bool):
    """(replicated, TP-sharded) bytes one layer's elementwise kernels stream per token, fwd.

    Norms read and write h (x2), residual adds read 2h write h (x2), dropout reads h, writes
    h and a 1-byte mask (x2, if any), the MLP activation reads its input (2f gated, f plain)
    and writes f, rotary embedding reads and writes q and k; 2 B per element.
    """
    h = d.hidden
    rep = ACT * (4 * h + 6 * h) + (ACT * 4 * h + 2 * h if d.dropout else 0.0)
    if moe:
        width = d.topk * d.expert_ffn + d.shared_ffn
        rep += ACT * 4 * d.topk * h  # permute and unpermute the routed tokens
    else:
        width = d.ffn
    act = ACT * width * (3 if d.gated else 2)
    rope_dims = d.rope_dim if d.mla else (d.qk_dim if d.rotary else 0)
    rope = ACT * 2 * (d.heads + (1 if d.mla else d.kv_heads)) * rope_dims
    return rep, act + rope


def layer_parts(d: Dims, hw: Hardware, net, precision, stack, tp, cp, ep, mbs, moe: bool):
    """Times of one layer for one micro-batch on one GPU, by part [s].

    Keys: f, b (forward/backward compute), sel, full (extra compute of selective/full
    recompute), tp_f, tp_b, cp_f, cp_b, ep_f, ep_b (exposed communication).
    """
    s, h = d.seq, d.hidden
    sp = stack["sequence_parallel"]
    tokens = mbs * s / cp  # tokens of the micro-batch on this CP rank
    sp_tokens = tokens / tp if sp else tokens
    lin = attention_gemms(d) + ([] if moe else mlp_gemms(h, d.ffn, d.gated))
    gemm_f = 0.0
    cast_elems = 0.0
    mla_up = 0.0
    for name, k, n, split in lin:
        kp, np_ = _split(k, n, split, tp)
        t_gemm = gemm_s(hw, tokens, kp, np_, precision)
        gemm_f = gemm_f + t_gemm
        cast_elems = cast_elems + tokens * kp
        if name in ("q_up", "kv_up"):
            mla_up = mla_up + t_gemm
    if moe:
        imb = hw.param("moe_imbalance_ratio")
        routed = sp_tokens * d.topk * imb  # tokens this GPU's experts receive
        local = d.experts / ep
        per_expert = routed / local
        gemm_f = gemm_f + gemm_s(hw, sp_tokens, h, d.experts, "bf16")
        for _, k, n, _ in mlp_gemms(h, d.expert_ffn, d.gated):
            gemm_f = gemm_f + gemm_s(hw, per_expert, k, n, precision, count=local)
            cast_elems = cast_elems + routed * k
        if d.shared_ffn:
            for _, k, n, split in mlp_gemms(h, d.shared_ffn, d.gated):
                kp, np_ = _split(k, n, split, tp)
                gemm_f = gemm_f + gemm_s(hw, tokens, kp, np_, precision)
                cast_elems = cast_elems + tokens * kp
    heads = d.heads / tp
    bf16_peak = np.asarray(hw.peak_flop_per_s["bf16"])
    if stack["flash_attention"]:
        # Causal work is half the score matrix; with CP each rank runs its two load-balancing
        # chunks of s/(2·cp) tokens against the keys, so kernels see blocks of that length.
        causal = 0.5 * 2.0 * tokens * s * heads * (d.qk_dim + d.v_dim)
        block = np.where(cp > 1, s / (2.0 * cp), s)
        att_f = causal / (bf16_peak * flash_efficiency(hw, block, "fwd"))
        att_b = 2.5 * causal / (bf16_peak * flash_efficiency(hw, block, "bwd"))
    else:
        count = mbs * heads
        scores = count * (s / cp) * s
        bmm = gemm_s(hw, s / cp, d.qk_dim, s, "bf16", count) + gemm_s(
            hw, s / cp, s, d.v_dim, "bf16", count
        )
        slow = hw.param("hbm_stream_frac") / hw.param("softmax_bw_frac")
        att_f = bmm + slow * stream_s(hw, (9.0 if d.dropout else 4.0) * scores)
        att_b = 2.0 * bmm + slow * stream_s(hw, (11.0 if d.dropout else 6.0) * scores)
    rep, shard = _elementwise_bytes_per_token(d, moe)
    elem_f = stream_s(hw, rep * sp_tokens + shard * tokens / tp)
    q = BYTES[precision]
    cast_f = 0.0 if precision == "bf16" else stream_s(hw, cast_elems * (2.0 + 2.0 * q))
    f = gemm_f + att_f + elem_f + cast_f
    b = 2.0 * gemm_f + att_b + 2.0 * elem_f + 2.0 * cast_f
    if stack["flash_attention"]:  # re-run norms, MLP activation and MLA up-projections
        sel = stream_s(hw, ACT * 4 * h * sp_tokens + shard * tokens / tp) + mla_up
    else:  # re-run QK^T, softmax, dropout and the value product (Korthikanti's selective)
        sel = att_f
    collectives = 2.0 + (0.0 if moe and not d.shared_ffn else 2.0)
    tp_comm = collectives * comm.reduce_scatter_s(net, tokens * h * ACT, tp, 1.0)
    overlap = stack["tp_overlap_frac"] * tp_comm
    tp_f = tp_comm - np.minimum(overlap, gemm_f)
    tp_b = tp_comm - np.minimum(overlap, 2.0 * gemm_f)
    kv_gpu = np.maximum(d.kv_heads / tp, 1.0)
    chunk = mbs * (s / cp) * kv_gpu * (d.qk_dim + d.v_dim) * ACT
    ring_step = comm.p2p_s(net, chunk, tp * (cp - 1.0))
    cp_f = np.maximum(0.0, (cp - 1.0) * ring_step - att_f)
    cp_b = np.maximum(0.0, 2.0 * (cp - 1.0) * ring_step - att_b)
    if moe:
        a2a = comm.all_to_all_s(net, sp_tokens * d.topk * h * ACT * imb, ep, 1.0)
        ep_f = ep_b = 2.0 * a2a * (1.0 - stack["ep_overlap_frac"])
    else:
        ep_f = ep_b = 0.0
    return {
        "f": f,
        "b": b,
        "sel": sel,
        "full": f,
        "tp_f": tp_f,
        "tp_b": tp_b,
        "cp_f": cp_f,
        "cp_b": cp_b,
        "ep_f": ep_f,
        "ep_b": ep_b,
    }


def head_parts(d: Dims, hw: Hardware, net, stack, tp, cp, mbs):
    """Output layer (BF16) and cross-entropy loss for one micro-batch [s]: (fwd, bwd, tp)."""
    tokens = mbs * d.seq / cp
    g = gemm_s(hw, tokens, d.hidden, d.vocab / tp, "bf16")
    loss = stream_s(hw, 6.0 * tokens * d.vocab / tp)
    tp_comm = comm.reduce_scatter_s(net, tokens * d.hidden * ACT, tp, 1.0)
    tp_comm = tp_comm * (1.0 - stack["tp_overlap_frac"])
    return g + loss, 2.0 * g + loss, 2.0 * tp_comm


def _by_mode(parts, rc):
    """Compute and exposed-communication totals of one layer for recompute codes rc
    (0 none, 1 selective, 2 full): recompute adds compute to the backward pass, and full
    recompute repeats the forward communication too."""
    full = rc == 2
    extra = np.where(rc == 1, parts["sel"], 0.0) + np.where(full, parts["full"], 0.0)
    out = {"comp_f": parts["f"], "comp_b": parts["b"] + extra}
    for key in ("tp", "cp", "ep"):
        out[f"{key}_f"] = parts[f"{key}_f"]
        out[f"{key}_b"] = parts[f"{key}_b"] + np.where(full, parts[f"{key}_f"], 0.0)
    return out


def _layout(layers, pp, vpp):
    """Candidate layer layouts: (layers per virtual stage, layers of the last one, valid).

    Virtual stages hold k = ceil(l / (pp·vpp)) layers (or one more), the last one the
    remainder plus the output layer. The first and last virtual stage may hold no layer at
    all (embedding-only, head-only), as Llama 3 balanced its pipeline (arXiv 2407.21783
    s3.3.2: one layer fewer on the first and last stages); Megatron-Core allows uneven stages.
    """
    nv = pp * vpp
    k0 = np.ceil(layers / nv)
    ok = nv <= layers + 2.0
    return [(k, np.maximum(layers - (nv - 1.0) * k, 0.0), ok) for k in (k0, k0 + 1.0)]


def step_parts(d: Dims, hw: Hardware, net, precision, stack, g, global_batch):
    """Step time and its parts for a grid of plans `g` (dict of broadcastable arrays)."""
    tp, cp, ep, mbs, rc = g["tp"], g["cp"], g["ep"], g["mbs"], g["rc"]
    pp, vpp, zero, dp = g["pp"], g["vpp"], g["zero"], g["dp"]
    kinds = []
    if d.dense_layers:
        kinds.append(
            _by_mode(layer_parts(d, hw, net, precision, stack, tp, cp, ep, mbs, False), rc)
        )
    if d.moe_layers:
        kinds.append(_by_mode(layer_parts(d, hw, net, precision, stack, tp, cp, ep, mbs, True), rc))
    if len(kinds) == 2:
        tot = [sum(k[x] for x in k) for k in kinds]
        worse = tot[1] >= tot[0]
        layer = {x: np.where(worse, kinds[1][x], kinds[0][x]) for x in kinds[0]}
    else:
        layer = kinds[0]
    lay_f = layer["comp_f"] + layer["tp_f"] + layer["cp_f"] + layer["ep_f"]
    lay_b = layer["comp_b"] + layer["tp_b"] + layer["cp_b"] + layer["ep_b"]
    head_f, head_b, head_tp = head_parts(d, hw, net, stack, tp, cp, mbs)
    head_t = head_f + head_b + head_tp

    best = None
    for k, last, ok in _layout(d.layers, pp, vpp):
        body = vpp * k * (lay_f + lay_b)
        tail = (vpp - 1.0) * k * (lay_f + lay_b) + last * (lay_f + lay_b) + head_t
        head_gpu = tail > body
        n_layers = np.where(head_gpu, (vpp - 1.0) * k + last, vpp * k)
        busiest = np.where(ok, np.maximum(body, tail), np.inf)
        cand = (busiest, n_layers, head_gpu, vpp * k)
        if best is None:
            best = cand
        else:
            take = cand[0] < best[0]
            best = tuple(np.where(take, c, b) for c, b in zip(cand, best, strict=True))
    gpu_t, n_layers, on_head, layers_on_gpu = best
    hf = on_head.astype(float)
    gpu_f = n_layers * lay_f + hf * head_f
    gpu_b = n_layers * lay_b + hf * (head_b + head_tp)

    m = global_batch / (dp * mbs)
    phases = {
        "compute": m * (n_layers * (layer["comp_f"] + layer["comp_b"]) + hf * (head_f + head_b)),
        "tp_comm": m * (n_layers * (layer["tp_f"] + layer["tp_b"]) + hf * head_tp),
        "cp_comm": m * n_layers * (layer["cp_f"] + layer["cp_b"]),
        "ep_comm": m * n_layers * (layer["ep_f"] + layer["ep_b"]),
        "bubble": (pp - 1.0) / vpp * gpu_t,
    }
    # Pipeline point-to-point: 1/tp of one micro-batch's activations per GPU (the
    # sequence-parallel shard, or SC'21's scatter/gather optimisation without SP).
    sp = stack["sequence_parallel"]
    p2p_bytes = mbs * d.seq / cp * d.hidden * ACT / tp
    p2p = comm.p2p_s(net, p2p_bytes, tp * cp * dp)
    hops = np.where(stack["pp_overlap"], 2.0 * (pp - 1.0), 2.0 * (m * vpp + pp - 1.0))
    phases["pp_comm"] = np.where(pp > 1, hops * p2p, 0.0)

    # Parameters on the busiest GPU and data-parallel synchronisation.
    dense_l, moe_dense_l, moe_exp_l = memory.params_per_layer_on_gpu(d, tp, ep)
    n_moe = np.minimum(layers_on_gpu, d.moe_layers)
    n_dense = layers_on_gpu - n_moe
    emb = d.vocab * d.hidden / tp
    p_dense = n_dense * dense_l + n_moe * moe_dense_l + emb
    p_exp = n_moe * moe_exp_l
    dense_shards = dp * cp
    expert_shards = np.maximum(tp * cp * dp / ep, 1.0)
    rs = comm.reduce_scatter_s(net, p_dense * memory.GRAD_BYTES, dense_shards, tp)
    rs = rs + comm.reduce_scatter_s(net, p_exp * memory.GRAD_BYTES, expert_shards, ep)
    ag = comm.reduce_scatter_s(net, p_dense * ACT, dense_shards, tp)
    ag = ag + comm.reduce_scatter_s(net, p_exp * ACT, expert_shards, ep)
    # One value per ZeRO stage, computed without the ZeRO axis and selected at the end.
    if stack["dp_overlap"]:
        hide_b, hide_f = gpu_b, gpu_f
    else:
        hide_b = hide_f = 0.0
    rs_x = np.maximum(0.0, rs - hide_b)
    ag_x = np.maximum(0.0, ag - hide_f)
    by_zero_dp = [
        np.maximum(0.0, 2.0 * rs - hide_b),
        rs_x + ag_x,
        m * rs_x + ag_x,
        m * (ag_x + np.maximum(0.0, ag + rs - hide_b)),
    ]
    local = p_dense + p_exp
    sharded = p_dense / dense_shards + p_exp / expert_shards
    # Adam streams 30 B per local parameter (+ 4 B grad-norm read).
    by_zero_opt = [stream_s(hw, 34.0 * local)] + [stream_s(hw, 34.0 * sharded)] * 3
    phases["dp_comm"] = _select_zero(zero, by_zero_dp)
    phases["optimizer"] = _select_zero(zero, by_zero_opt)

    # Memory of the first stage (most in-flight activations; embedding table).
    tokens = mbs * d.seq / cp
    act = {}
    for mode in memory.RECOMPUTE:
        per = [
            memory.layer_activation_bytes(
                memory.activation_bytes_per_token(
                    d, precision, moe, stack["flash_attention"], mode
                ),
                tokens,
                d.seq / cp,
                tp,
                sp,
            )
            for moe in (
                [False] if not d.moe_layers else [True] if not d.dense_layers else [False, True]
            )
        ]
        act[mode] = per[0] if len(per) == 1 else np.maximum(per[0], per[1])
    flight = memory.in_flight_layers(layers_on_gpu, pp, vpp, m)
    act_bytes = np.select(
        [rc == 0, rc == 1],
        [flight * act["none"], flight * act["selective"]],
        flight * act["full"] + act["none"],
    )
    logits = np.where(pp == 1, 4.0 * tokens * d.vocab / tp, 0.0)
    gathered = 2.0 * (dense_l + moe_exp_l) * ACT  # ZeRO-3: two layers' weights gathered
    by_zero_static = [
        memory.static_bytes(p_dense, p_exp, precision, z, dense_shards, expert_shards)
        + (gathered if z == 3 else 0.0)
        for z in range(4)
    ]
    mem = _select_zero(zero, by_zero_static) + (act_bytes + logits)
    base = sum(v for k, v in phases.items() if k not in ("dp_comm", "optimizer"))
    step = base + phases["dp_comm"] + phases["optimizer"]
    return {"step_time_s": step, "phases": phases, "memory_bytes": mem, "microbatches": m}


def _select_zero(zero, values):
    """values[z] where the grid's ZeRO stage is z (values computed without the ZeRO axis)."""
    return np.select([zero == z for z in range(3)], values[:3], values[3])

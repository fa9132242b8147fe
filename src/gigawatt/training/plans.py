"""Search over parallel plans: every valid TP x CP x EP x PP x DP layout of the job with its
micro-batch size, interleaving, recompute mode and ZeRO stage, evaluated at once in numpy.

Each knob is one axis of a broadcast grid (plus a trailing sample axis), so the whole space
is a handful of array operations; invalid combinations are masked, not skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gigawatt.errors import GigawattInputError, Problem
from gigawatt.training import comm, memory
from gigawatt.training.efficiency import Hardware
from gigawatt.training.memory import RECOMPUTE
from gigawatt.training.shapes import (
    dims,
    model_flop_per_token,
    recompute_flop_per_token,
    total_params,
)
from gigawatt.training.steptime import step_parts

AXES = ("tp", "cp", "ep", "mbs", "rc", "layout", "zero")
"""Grid axes; `layout` holds the valid (pp, vpp) pairs."""
KNOBS = ("tp", "cp", "ep", "mbs", "rc", "pp", "vpp", "zero")
PARALLELISM_KEYS = (
    "tp",
    "pp",
    "vpp",
    "dp",
    "cp",
    "ep",
    "micro_batch_size",
    "recompute",
    "zero_stage",
)
NAMES = {"mbs": "micro_batch_size", "rc": "recompute", "zero": "zero_stage"}
MAX_VPP = 8
MICRO_BATCHES = (1, 2, 4, 8, 16)
MAX_MICROBATCH_TOKENS = 65_536
"""Largest micro-batch searched, in tokens (OWN: GEMMs are at their ceiling long before and
activation memory only grows); a given micro_batch_size is not bounded."""
MIN_CP_TOKENS = 1_024
"""Least tokens per context-parallel rank searched (OWN: shorter blocks leave flash attention
inefficient and the ring exchange exposed); a given cp is not bounded."""
CHUNK_ELEMENTS = 3_000_000  # grid cells x samples evaluated per chunk (bounds memory)


def divisors(n: int) -> list[int]:
    """Positive divisors of n, ascending."""
    n = int(n)
    small = [i for i in range(1, int(n**0.5) + 1) if n % i == 0]
    return sorted(set(small + [n // i for i in small]))


def _fixed_error(key: str, value, reason: str) -> GigawattInputError:
    return GigawattInputError([Problem(f"workload.parallelism.{key}", reason, value, True)])


def candidate_axes(d, domain: int, global_batch: int, flash: bool, fixed: dict[str, Any]):
    """Candidate values of each knob (fixed ones checked against the model and hardware)."""

    def ok_tp(t):
        heads = d.heads % t == 0
        kv = d.mla or d.kv_heads % t == 0 or t % d.kv_heads == 0
        return heads and kv and d.ffn % t == 0 and d.shared_ffn % t == 0 and domain % t == 0

    def ok_cp(c):
        return c == 1 or (flash and d.seq % (2 * c) == 0)

    cand: dict[str, list] = {
        "tp": [t for t in divisors(domain) if ok_tp(t)],
        "cp": [c for c in (1, 2, 4, 8, 16, 32, 64) if ok_cp(c) and d.seq / c >= MIN_CP_TOKENS],
        "ep": divisors(d.experts) if d.experts else [1],
        "pp": sorted(set(divisors(d.layers)) | {2**i for i in range(12) if 2**i <= d.layers}),
        "vpp": list(range(1, MAX_VPP + 1)),
        "mbs": [
            b
            for b in MICRO_BATCHES
            if global_batch % b == 0 and (b == 1 or b * d.seq <= MAX_MICROBATCH_TOKENS)
        ],
        "rc": [0, 1, 2],
        "zero": [1, 2, 3],
    }
    checks = {
        "tp": (
            ok_tp,
            "must divide the attention heads, the MLP width and the scale-up domain "
            f"({domain} GPUs), and divide or be divided by the KV heads",
        ),
        "cp": (
            ok_cp,
            f"must split the sequence ({d.seq}) into 2·cp equal chunks (with flash attention)",
        ),
        "ep": (
            lambda e: (d.experts % e == 0) if d.experts else e == 1,
            "must divide the number of experts (1 for a dense model)",
        ),
        "pp": (lambda p: 1 <= p <= d.layers, f"must be between 1 and the layers ({d.layers})"),
        "vpp": (lambda v: v >= 1, "must be at least 1"),
        "mbs": (lambda b: global_batch % b == 0, "must divide workload.global_batch_size"),
    }
    for knob in KNOBS:
        key = NAMES.get(knob, knob)
        if fixed.get(key) is None:
            continue
        value = RECOMPUTE.index(fixed[key]) if knob == "rc" else fixed[key]
        if knob in checks and not checks[knob][0](value):
            raise _fixed_error(key, value, checks[knob][1])
        cand[knob] = [value]
    layouts = [
        (p, v)
        for p in cand["pp"]
        for v in cand["vpp"]
        if p * v <= d.layers + 2 and (v == 1 or p > 1)
    ]
    if not layouts:
        raise _fixed_error(
            "vpp", fixed.get("vpp"), "interleaving needs pp > 1 and pp·vpp <= layers + 2"
        )
    if not cand["mbs"]:
        raise GigawattInputError(
            [
                Problem(
                    "workload.global_batch_size",
                    "no micro-batch size of 1-16 divides it",
                    global_batch,
                    True,
                )
            ]
        )
    axes = {k: cand[k] for k in AXES if k != "layout"}
    axes["layout"] = layouts
    return {k: axes[k] for k in AXES}


def _grid(axes: dict[str, list]) -> dict[str, np.ndarray]:
    """One broadcast axis per grid axis, plus a trailing sample axis."""
    n = len(AXES) + 1
    out = {}
    for i, axis in enumerate(AXES):
        shape = [1] * n
        shape[i] = len(axes[axis])
        if axis == "layout":
            pairs = np.asarray(axes[axis], dtype=float)
            out["pp"] = pairs[:, 0].reshape(shape)
            out["vpp"] = pairs[:, 1].reshape(shape)
        else:
            out[axis] = np.asarray(axes[axis], dtype=float).reshape(shape)
    return out


def data_parallel(g, global_batch: int, gpu_count, fixed_dp):
    """Largest DP degree with dp·mbs dividing the global batch and tp·cp·pp·dp ≤ GPUs."""
    if fixed_dp is not None:
        return np.full(np.broadcast(g["tp"], g["mbs"]).shape, float(fixed_dp))
    cap = np.floor(np.asarray(gpu_count, dtype=float) / (g["tp"] * g["cp"] * g["pp"]) + 1e-9)
    out = np.zeros(np.broadcast(cap, g["mbs"]).shape)
    for b in np.unique(g["mbs"]):
        divs = np.asarray(divisors(global_batch // int(b)), dtype=float)
        idx = np.searchsorted(divs, cap, side="right") - 1
        pick = np.where(idx >= 0, divs[np.clip(idx, 0, None)], 0.0)
        out = np.where(g["mbs"] == b, pick, out)
    return out


@dataclass
class TrainingPlan:
    """Result of a search: the best plan per sample and the top-K table (of sample 0)."""

    best: dict[str, np.ndarray]
    phases: dict[str, np.ndarray]
    top: list[dict[str, Any]]
    plans_evaluated: int
    plans_valid: np.ndarray
    precision: str
    stack: str
    infeasible: GigawattInputError | None = None

    def require(self) -> TrainingPlan:
        """Raise the binding constraint when a sample has no feasible plan."""
        if self.infeasible is not None:
            raise self.infeasible
        return self

    def value(self, key: str):
        """Best-plan value (a float for one sample, else an array)."""
        v = self.best[key] if key in self.best else self.phases[key]
        return float(v[0]) if np.size(v) == 1 else v

    def parallelism(self, i: int = 0) -> dict[str, Any]:
        b = self.best
        return {
            "tp": int(b["tp"][i]),
            "pp": int(b["pp"][i]),
            "vpp": int(b["vpp"][i]),
            "dp": int(b["dp"][i]),
            "cp": int(b["cp"][i]),
            "ep": int(b["ep"][i]),
            "micro_batch_size": int(b["mbs"][i]),
            "recompute": RECOMPUTE[int(b["rc"][i])],
            "zero_stage": int(b["zero"][i]),
        }

    def __repr__(self) -> str:
        return f"TrainingPlan({self.parallelism(0)}, step {self.best['step_time_s'][0]:.4g} s)"


def derived_metrics(d, v, global_batch, peak):
    """Throughput metrics of picked plans `v` (dict with knobs, dp and step_time_s)."""
    used = v["tp"] * v["cp"] * v["pp"] * v["dp"]
    step = v["step_time_s"]
    tokens = global_batch * d.seq
    flop = tokens * model_flop_per_token(d)
    rc_flop = tokens * np.select(
        [v["rc"] == 0, v["rc"] == 1],
        [0.0, recompute_flop_per_token(d, "selective")],
        recompute_flop_per_token(d, "full"),
    )
    return {
        "tokens_per_s": tokens / step,
        "tokens_per_s_per_gpu": tokens / step / used,
        "flop_per_s_per_gpu": flop / step / used,
        "mfu": flop / step / used / peak,
        "hfu": (flop + rc_flop) / step / used / peak,
        "gpus_used": used,
    }


def search(
    spec,
    hw: Hardware,
    levels,
    gpu_count,
    global_batch: int,
    precision: str,
    fixed: dict[str, Any] | None = None,
    stack: str = "megatron-core",
    top_k: int = 10,
    memory_check: bool = True,
) -> TrainingPlan:
    """Evaluate every candidate plan and return the fastest that fits in memory.

    Samples without any feasible plan get an infinite step time and zero throughput, and
    `plan.infeasible` names the binding constraint (`plan.require()` raises it). A plan given
    in full (every degree but dp) is evaluated even above the memory estimate; its
    `fits_memory` says so. Invalid plans produce inf/NaN by design, so numpy's
    floating-point warnings are silenced inside.
    """
    fixed = {k: v for k, v in (fixed or {}).items() if v is not None}
    if all(k in fixed for k in PARALLELISM_KEYS if k != "dp"):
        memory_check = False  # a fully given plan ran as given; report, do not reject it
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _search(
            spec, hw, levels, gpu_count, global_batch, precision, fixed, stack, top_k, memory_check
        )


def _search(
    spec, hw, levels, gpu_count, global_batch, precision, fixed, stack, top_k, memory_check
):
    d = dims(spec)
    fixed = {k: v for k, v in (fixed or {}).items() if v is not None}
    st = hw.stack(stack)
    domain = int(np.max(hw.scaleup_domain_gpus))
    axes = candidate_axes(d, domain, int(global_batch), st["flash_attention"], fixed)
    g = _grid(axes)
    size = int(np.prod([len(v) for v in axes.values()]))
    n = np.atleast_1d(np.asarray(gpu_count, dtype=float))
    samples = n.size
    net_all = comm.net_from_levels(
        levels, hw.param("scaleup_bus_frac"), hw.param("scaleout_bus_frac")
    )
    peak = np.asarray(hw.peak_flop_per_s[precision], dtype=float)
    chunk = max(1, CHUNK_ELEMENTS // max(size, 1))
    parts: list[dict[str, np.ndarray]] = []
    top: list[dict[str, Any]] = []
    for start in range(0, samples, chunk):
        sl = slice(start, min(samples, start + chunk))
        gi = dict(g)
        gi["dp"] = data_parallel(g, int(global_batch), n[sl], fixed.get("dp"))
        res = step_parts(
            d, hw, _slice_net(net_all, sl, samples), precision, st, gi, float(global_batch)
        )
        met = {
            "step_time_s": res["step_time_s"],
            "memory_gb_per_gpu": res["memory_bytes"] / 1e9,
            "microbatches": res["microbatches"],
        }
        fits, in_memory = _valid(d, gi, hw, res, n[sl], int(global_batch), samples, sl)
        valid = in_memory if memory_check else fits
        met["fits_memory"] = in_memory
        step = np.where(valid, met["step_time_s"], np.inf)
        shape = np.broadcast_shapes(step.shape, *(a.shape for a in gi.values()))
        cols = shape[-1]
        flat = np.broadcast_to(step, shape).reshape(-1, cols)
        best = (*np.unravel_index(np.argmin(flat, axis=0), shape[:-1]), np.arange(cols))
        lean = np.broadcast_to(np.where(fits, met["memory_gb_per_gpu"], np.inf), shape)
        out = {k: np.broadcast_to(v, shape)[best] for k, v in {**gi, **met}.items()}
        out.update(derived_metrics(d, out, float(global_batch), _slice(peak, sl, samples)))
        out.update(
            {f"phase:{k}": np.broadcast_to(v, shape)[best] for k, v in res["phases"].items()}
        )
        out["valid_count"] = np.isfinite(flat).sum(axis=0)
        out["leanest_gb"] = lean.reshape(-1, cols).min(axis=0)
        parts.append(out)
        if start == 0:
            top = _top_rows(flat[:, 0], {**gi, **met}, res["phases"], shape, top_k)
            for row in top:
                row.update(
                    {
                        k: float(v)
                        for k, v in derived_metrics(
                            d, row, float(global_batch), float(np.ravel(peak)[0])
                        ).items()
                    }
                )
    joined = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    phases = {k.split(":", 1)[1]: v for k, v in joined.items() if k.startswith("phase:")}
    best = {
        k: v for k, v in joined.items() if ":" not in k and k not in ("valid_count", "leanest_gb")
    }
    valid_count = joined["valid_count"]
    plan = TrainingPlan(best, phases, top, size, valid_count, precision, stack)
    if np.any(valid_count == 0):
        none = valid_count == 0
        _mark_infeasible(plan, none, joined["leanest_gb"])
        state_gb = memory.OPTIMIZER_BYTES + memory.GRAD_BYTES + memory.WEIGHT_BYTES[precision]
        state_gb *= total_params(d, d.experts) / 1e9
        n_all = np.broadcast_to(n, none.shape)
        plan.infeasible = _no_plan(hw, n_all[none], joined["leanest_gb"][none], fixed, state_gb)
    return plan


def _mark_infeasible(plan: TrainingPlan, none, leanest_gb) -> None:
    """No feasible plan: infinite step time, zero throughput, the leanest plan's memory."""
    for key in plan.best:
        fill = {"step_time_s": np.inf, "memory_gb_per_gpu": leanest_gb}.get(key, 0.0)
        plan.best[key] = np.where(none, fill, plan.best[key])
    for key in plan.phases:
        plan.phases[key] = np.where(none, np.inf if key == "compute" else 0.0, plan.phases[key])


def _slice(x, sl, samples):
    x = np.asarray(x, dtype=float)
    return x[..., sl] if x.ndim and x.shape[-1] == samples and samples > 1 else x


def _slice_net(net, sl, samples):
    return comm.Net(
        gpus=_slice(net.gpus, sl, samples),
        bytes_per_s=_slice(net.bytes_per_s, sl, samples),
        latency_s=_slice(net.latency_s, sl, samples),
    )


def _valid(d, g, hw, res, gpu_count, global_batch, samples, sl):
    """Which plans are feasible: structure, batch and memory."""
    tp, cp, ep, pp, vpp, dp, mbs = (g[k] for k in ("tp", "cp", "ep", "pp", "vpp", "dp", "mbs"))
    used = tp * cp * pp * dp
    m = res["microbatches"]
    fits = (
        (dp >= 1)
        & (used <= gpu_count + 1e-9)
        & (np.abs(global_batch / (dp * mbs) - np.round(global_batch / (dp * mbs))) < 1e-9)
        & (pp * vpp <= d.layers + 2)
        & ((vpp == 1) | ((pp > 1) & (m >= pp)))
        & (np.mod(tp * cp * dp, ep) == 0)
        & np.isfinite(res["step_time_s"])
    )
    return fits, fits & (res["memory_bytes"] <= _slice(hw.usable_hbm_bytes, sl, samples))


def _top_rows(step_col, values, phases, shape, k):
    """The k fastest valid plans of the first sample, as rows."""
    finite = np.flatnonzero(np.isfinite(step_col))
    order = finite[np.argsort(step_col[finite], kind="stable")][:k]
    idx = (*np.unravel_index(order, shape[:-1]), np.zeros(order.size, dtype=int))
    cols = {key: np.broadcast_to(v, shape)[idx] for key, v in values.items()}
    phase_cols = {key: np.broadcast_to(v, shape)[idx] for key, v in phases.items()}
    rows = []
    for i in range(order.size):
        row = {key: float(v[i]) for key, v in cols.items()}
        row["phases"] = {key: float(v[i]) for key, v in phase_cols.items()}
        rows.append(row)
    return rows


def _no_plan(hw, gpu_count, leanest_gb, fixed, state_gb) -> GigawattInputError:
    """Name the binding constraint when no plan is feasible."""
    have = float(np.min(hw.usable_hbm_bytes)) / 1e9
    n = float(np.min(gpu_count))
    if state_gb / n > have:
        return GigawattInputError(
            [
                Problem(
                    "workload.model",
                    f"the model's weights, gradients and Adam state alone need "
                    f"{state_gb / n:,.1f} GB per GPU even sharded over all {int(n):,} GPUs, "
                    f"above the {have:,.1f} GB usable (binding constraint: HBM capacity; "
                    "use more GPUs or a smaller model)",
                )
            ]
        )
    need = leanest_gb[np.isfinite(leanest_gb)]
    if need.size == 0:
        return GigawattInputError(
            [
                Problem(
                    "workload.parallelism" if fixed else "compute.gpu_count",
                    f"no layout tp·cp·pp·dp fits {int(np.min(gpu_count)):,} GPUs with the model, "
                    "the global batch and the given degrees",
                )
            ]
        )
    return GigawattInputError(
        [
            Problem(
                "workload.model",
                f"no parallel plan fits in GPU memory on {int(np.min(gpu_count)):,} GPUs: the "
                f"leanest needs {float(need.min()):,.1f} GB per GPU, {have:,.1f} GB usable "
                "(binding constraint: HBM capacity; use more GPUs, a smaller model or more "
                "model parallelism in workload.parallelism)",
            )
        ]
    )

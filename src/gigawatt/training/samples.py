"""Samples that share every input of a plan evaluation, evaluated once.

On a Monte Carlo array the anchored search (`quantities._anchored_search`) runs a few fixed
plans on every sample. Such a run reads a sample only through its data-parallel degree, the
check tp·cp·pp·dp ≤ GPUs, its network levels and its hardware rates: samples equal in all of
these (a GPU count varying within one dp step and one fabric size) get identical results, so
each class of equal samples is evaluated once and the results are copied back. Exact: the
same numbers, element by element.
"""

from __future__ import annotations

import dataclasses

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)


def per_sample_rows(obj, n: int) -> list[np.ndarray]:
    """Every array of `obj` (a dataclass, dict or array) with a trailing axis of `n` samples,
    as (n,) rows."""
    if isinstance(obj, np.ndarray):
        return list(obj.reshape(-1, n)) if obj.ndim and obj.shape[-1] == n else []
    if isinstance(obj, dict):
        return [r for v in obj.values() for r in per_sample_rows(v, n)]
    if dataclasses.is_dataclass(obj):
        return [
            r for f in dataclasses.fields(obj) for r in per_sample_rows(getattr(obj, f.name), n)
        ]
    return []


def subset(obj, idx: np.ndarray, n: int):
    """`obj` with every per-sample array (trailing axis of `n`) restricted to samples `idx`."""
    if isinstance(obj, np.ndarray):
        return obj[..., idx] if obj.ndim and obj.shape[-1] == n else obj
    if isinstance(obj, dict):
        return {k: subset(v, idx, n) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj):
        return dataclasses.replace(
            obj, **{f.name: subset(getattr(obj, f.name), idx, n) for f in dataclasses.fields(obj)}
        )
    return obj


def classes(rows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Classes of samples equal in every row: (first sample of each class, class of each
    sample), classes numbered by first appearance (sample 0 is its class's representative).

    Rows are hashed together (bit patterns mixed by multiply-xor), the hashes grouped, and
    every row of every sample checked against its representative; a hash collision (never
    seen) falls back to one class per sample.
    """
    n = rows[0].size
    varying = [np.ascontiguousarray(r, dtype=float) for r in rows if not np.all(r == r[0])]
    h = np.zeros(n, dtype=np.uint64)
    for r in varying:
        h ^= (r + 0.0).view(np.uint64)  # + 0.0: −0.0 and 0.0 alike
        h *= _MIX
        h ^= h >> np.uint64(29)
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    reps, inverse = first[order], rank[inverse.reshape(-1)]
    back = reps[inverse]
    for r in varying:
        same = r[back] == r
        if not np.all(same | (np.isnan(r) & np.isnan(r[back]))):
            return np.arange(n), np.arange(n)
    return reps, inverse


def expand(plan, inverse: np.ndarray):
    """A `TrainingPlan` of the class representatives copied back to every sample."""
    return dataclasses.replace(
        plan,
        best={k: v[inverse] for k, v in plan.best.items()},
        phases={k: v[inverse] for k, v in plan.phases.items()},
        plans_valid=np.asarray(plan.plans_valid)[inverse],
    )

"""Array helpers of the Monte Carlo paths (one element per sample).

- `serial_matmul`: a tall matrix (one row per sample) times a small one, in row blocks that
  BLAS keeps on one thread. OpenBLAS (numpy's BLAS) threads a GEMM above m·n·k = 262,144
  and a GEMV above m·n = 9,216, and its idle workers then spin, taking a core from the rest
  of the evaluation (on two shared cores the 100,000-sample graph ran ~20 % slower, with
  ~25 % more CPU). The same products, row by row; a product of 2^24 multiply-adds or more
  (the hour classes' variances) stays one call, as blocks of a dozen rows would be slower.
- `running`: ufunc.accumulate over the first axis row by row (numpy's accumulate over the
  first axis of a C-ordered array is ~10x slower); the same values.
- `classes`, `per_sample_rows`, `subset`: samples whose inputs are all equal (a GPU count
  varying within one step of what a sub-model reads) are evaluated once and the results
  copied back.
"""

from __future__ import annotations

import dataclasses

import numpy as np

GEMM_SERIAL_MNK = 65_536 * 4
"""Largest m·n·k that OpenBLAS runs on one thread (SMP_THRESHOLD_MIN × the default
GEMM_MULTITHREAD_THRESHOLD)."""
GEMV_SERIAL_MN = 2_304 * 4
"""Largest m·n of a matrix-vector product that OpenBLAS runs on one thread."""
THREADED_MNK = 2**24
"""From this many multiply-adds a product is left to BLAS as one call (threads pay: the
hour classes' variances, ~40 M per block of 2,048 samples; blocks of a dozen rows would be
~4x slower than one single-threaded call)."""


def serial_matmul(a, b) -> np.ndarray:
    """a @ b for a of shape (m, k) and b of shape (k,) or (k, n), in blocks of rows of a
    that BLAS multiplies on one thread.

    serial_matmul = a @ b

    Parameters
    ----------
    a : array_like
        (m, k) [any unit].
    b : array_like
        (k,) or (k, n) [any unit].

    Returns
    -------
    numpy.ndarray
        (m,) or (m, n) [unit of a · unit of b].

    Examples
    --------
    >>> serial_matmul(np.ones((3, 2)), np.array([1.0, 2.0])).tolist()
    [3.0, 3.0, 3.0]
    """
    a, b = np.asarray(a), np.asarray(b)
    m, k = a.shape
    per_row = k * (b.shape[1] if b.ndim == 2 else 1)
    limit = GEMM_SERIAL_MNK if b.ndim == 2 else GEMV_SERIAL_MN
    rows = max(1, limit // max(per_row, 1))
    if m <= rows or m * per_row >= THREADED_MNK:  # small, or enough work for threads
        return a @ b
    out = np.empty((m, *b.shape[1:]), dtype=np.result_type(a, b))
    for s in range(0, m, rows):
        np.matmul(a[s : s + rows], b, out=out[s : s + rows])
    return out


ROW_LOOP_MIN = 256
"""Elements per row from which `running` loops over the rows."""


def running(ufunc, x) -> np.ndarray:
    """ufunc.accumulate(x, axis=0), one row at a time (the same values).

    running[i] = ufunc(running[i − 1], x[i]),  running[0] = x[0]

    Parameters
    ----------
    ufunc : numpy.ufunc
        np.add, np.multiply, np.maximum, np.minimum [-].
    x : array_like
        Rows on axis 0 [any unit].

    Returns
    -------
    numpy.ndarray
        Shape of x [unit of x].

    Examples
    --------
    >>> running(np.add, np.ones((3, 2))).tolist()
    [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]
    """
    out = np.array(x, copy=True)
    if out.ndim < 2 or out[0].size < ROW_LOOP_MIN:  # short rows: one call is cheaper
        return ufunc.accumulate(out, axis=0)
    for i in range(1, out.shape[0]):
        ufunc(out[i - 1], out[i], out=out[i])
    return out


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

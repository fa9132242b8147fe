"""Matrix products of many samples kept on one thread.

The array paths multiply a tall matrix (one row per sample) by a small one: a few MFLOP, too
little for threads to pay. OpenBLAS (numpy's BLAS) threads a GEMM above m·n·k = 262,144 and a
GEMV above m·n = 9,216, and its idle workers then spin, taking a core from the rest of the
evaluation (on two shared cores the 100,000-sample graph ran ~20 % slower, with ~25 % more CPU).
`serial_matmul` multiplies in row blocks under those sizes: the same products row by row.
"""

from __future__ import annotations

import numpy as np

GEMM_SERIAL_MNK = 65_536 * 4
"""Largest m·n·k that OpenBLAS runs on one thread (SMP_THRESHOLD_MIN × the default
GEMM_MULTITHREAD_THRESHOLD)."""
GEMV_SERIAL_MN = 2_304 * 4
"""Largest m·n of a matrix-vector product that OpenBLAS runs on one thread."""


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
    if m <= rows:
        return a @ b
    out = np.empty((m, *b.shape[1:]), dtype=np.result_type(a, b))
    for s in range(0, m, rows):
        np.matmul(a[s : s + rows], b, out=out[s : s + rows])
    return out

"""Collectives timed on the network levels (`gigawatt.levels.Levels`).

A parallel group has `members` GPUs placed `stride` GPUs apart (Megatron's rank order puts TP
innermost, then CP, DP, PP; EP folds over TP x CP x DP). Inside the block of level i (G_i
contiguous GPUs) sit n_i = min(members, floor(G_i / stride)) members. Collectives run
hierarchically: level by level from the inside out, each stage on the data left by the
stage inside it, at the bandwidth of the level it crosses (Levels gives per-GPU bandwidth).
Bandwidths are scaled by the achieved bus fraction of each link (efficiency table).

References: Thakur, Rabenseifner & Gropp, "Optimization of collective communication
operations in MPICH", IJHPCA 19(1), 2005, doi:10.1177/1094342005051521 (ring cost
(k-1)/k · S / B); NCCL's PAT algorithm (2024) for logarithmic-latency all-gather and
reduce-scatter at scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.arrays import running


@dataclass(frozen=True)
class Net:
    """Levels turned into achieved per-GPU bandwidth [B/s] and latency [s] per level."""

    gpus: np.ndarray  # (L, ...) GPUs inside each level
    bytes_per_s: np.ndarray  # (L, ...) achieved, bottleneck up to that level
    latency_s: np.ndarray  # (L, ...)

    @property
    def count(self) -> int:
        return self.gpus.shape[0]


def net_from_levels(levels, scaleup_bus_frac: float, scaleout_bus_frac: float) -> Net:
    """Achieved per-level bandwidth: level 0 is the scale-up domain, the rest scale-out."""
    raw = running(np.minimum, np.asarray(levels.gb_per_s, dtype=float)) * 1e9
    eff = np.full(raw.shape[0], scaleout_bus_frac)
    eff[0] = scaleup_bus_frac
    eff = eff.reshape((-1,) + (1,) * (raw.ndim - 1))
    return Net(
        gpus=np.asarray(levels.gpus, dtype=float),
        bytes_per_s=raw * eff,
        latency_s=np.asarray(levels.latency_us, dtype=float) * 1e-6,
    )


def _members_within(net: Net, i: int, members, stride):
    """Members of the group inside one block of level i."""
    if i == net.count - 1:
        return np.asarray(members, dtype=float)
    return np.clip(np.floor(net.gpus[i] / stride + 1e-9), 1.0, members)


def _latency_steps(k):
    """Serial steps of a ring over k members, or of a log-depth algorithm when shorter."""
    k = np.maximum(k, 1.0)
    return np.minimum(k - 1.0, 2.0 * np.ceil(np.log2(k)))


def reduce_scatter_s(net: Net, size_b, members, stride):
    """Hierarchical reduce-scatter (or all-gather: same cost) of `size_b` bytes per GPU [s].

    reduce_scatter_s = Σ_levels (k_i − 1)/k_i · size_b / n_(i−1) / B_i + steps(k_i) · λ_i,
    with k_i = n_i / n_(i−1) members of the group meeting at level i.
    """
    total = 0.0
    prev = 1.0
    for i in range(net.count):
        n = _members_within(net, i, members, stride)
        k = np.maximum(n / prev, 1.0)
        data = size_b / prev
        total = total + (k - 1.0) / k * data / net.bytes_per_s[i]
        total = total + _latency_steps(k) * net.latency_s[i]
        prev = np.maximum(n, prev)
    return total


def all_reduce_s(net: Net, size_b, members, stride):
    """All-reduce = reduce-scatter + all-gather [s]."""
    return 2.0 * reduce_scatter_s(net, size_b, members, stride)


def p2p_s(net: Net, size_b, stride):
    """One point-to-point transfer between GPUs `stride` apart [s]."""
    out = 0.0
    for i in range(net.count):
        inner = net.gpus[i - 1] if i else 0.0
        here = (stride + 1.0 > inner + 1e-9) & (
            (stride + 1.0 <= net.gpus[i] + 1e-9) | (i == net.count - 1)
        )
        out = out + np.where(here, size_b / net.bytes_per_s[i] + net.latency_s[i], 0.0)
    return out


def all_to_all_s(net: Net, size_b, members, stride=1.0):
    """All-to-all where each GPU sends `size_b` bytes spread evenly over the group [s].

    all_to_all_s = max_levels size_b · (members − n_(i−1)) / members / B_i + λ_outer: the
    traffic leaving each inner block must cross level i (NICs are not aggregated).
    """
    worst = 0.0
    prev = 1.0
    lat = 0.0
    for i in range(net.count):
        leaving = size_b * (members - prev) / np.maximum(members, 1.0)
        worst = np.maximum(worst, leaving / net.bytes_per_s[i])
        lat = np.where(members > prev, net.latency_s[i], lat)
        prev = np.maximum(_members_within(net, i, members, stride), prev)
    return worst + lat

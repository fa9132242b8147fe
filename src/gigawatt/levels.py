"""Network levels: the bandwidth and latency a collective sees, by how far its group reaches.

The contract between the network model (which builds the levels) and the training model
(which times collectives on them). Level i holds `gpus[i]` GPUs; a group that spans more
than `gpus[i-1]` GPUs crosses level i, where each GPU gets `gb_per_s[i]` of unidirectional
bandwidth and one crossing costs `latency_us[i]`. Levels are nested: scale-up domain, leaf,
spine, ..., building, campus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Levels:
    """Nested network levels, innermost first.

    Each array has the level as its first axis; any further axes are a batch (one element per
    sample when the graph is evaluated on arrays).
    """

    names: tuple[str, ...]
    gpus: np.ndarray  # GPUs inside each level [count]
    gb_per_s: np.ndarray  # per-GPU unidirectional bandwidth across the level [GB/s]
    latency_us: np.ndarray  # one crossing of the level [µs]

    def level_of(self, group_gpus) -> np.ndarray:
        """Index of the outermost level a group of `group_gpus` contiguous GPUs crosses."""
        return _count_above(np.asarray(group_gpus, dtype=float), self.gpus[:-1])

    def _pick(self, table: np.ndarray, group_gpus) -> np.ndarray:
        idx = self.level_of(group_gpus)
        out = np.zeros(idx.shape)
        for i in range(table.shape[0]):
            out = np.where(idx == i, table[i], out)
        return out

    def bandwidth_gb_per_s(self, group_gpus) -> np.ndarray:
        """Bottleneck per-GPU bandwidth for a group: the slowest level it crosses."""
        return self._pick(np.minimum.accumulate(self.gb_per_s, axis=0), group_gpus)

    def latency(self, group_gpus) -> np.ndarray:
        """One-way latency for a group [µs]: that of the outermost level it crosses."""
        return self._pick(self.latency_us, group_gpus)


def _count_above(g: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """How many inner level sizes the group exceeds (= the index of the level it reaches)."""
    count = np.zeros(np.broadcast(g, inner[0] if len(inner) else 0.0).shape, dtype=int)
    for size in inner:
        count = count + (g > size + 1e-9)
    return count


def _stack(*values) -> np.ndarray:
    return np.stack(np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in values]))


def network_levels_spec(
    scaleup_domain_gpus,
    gpu_scaleup_gb_per_s,
    gpu_count,
    scaleout_gbps_per_gpu,
    oversubscription_ratio,
    tier_count,
):
    """Two-level view of the campus network: the scale-up domain and the scale-out fabric.

    network_levels_spec = [(scale-up: scaleup_domain_gpus GPUs, gpu_scaleup_gb_per_s, 1 µs),
        (scale-out: gpu_count GPUs, scaleout_gbps_per_gpu / 8 / oversubscription_ratio,
        2·tier_count·0.5 µs)]

    The scale-out bandwidth is shared by an oversubscribed upper tier whenever a group leaves
    its leaf, so the first model charges the oversubscription to every scale-out group.
    Latencies are per-hop switch latencies of ~0.5 µs (Quantum-2 port-to-port < 150 ns,
    Ethernet higher; reference network.md §7) and ~1 µs within an NVLink domain (own estimate).

    Parameters
    ----------
    scaleup_domain_gpus : numeric
        GPUs in one NVLink/Infinity Fabric domain [count].
    gpu_scaleup_gb_per_s : numeric
        Unidirectional scale-up bandwidth per GPU [GB/s].
    gpu_count : numeric
        GPUs on the fabric [count].
    scaleout_gbps_per_gpu : numeric
        Scale-out bandwidth per GPU [Gb/s].
    oversubscription_ratio : numeric
        r of r:1 above the leaf [1].
    tier_count : numeric
        Switch tiers of the fabric [count].

    Returns
    -------
    Levels
        [spec].
    """
    return Levels(
        names=("scaleup", "scaleout"),
        gpus=_stack(scaleup_domain_gpus, np.maximum(gpu_count, scaleup_domain_gpus)),
        gb_per_s=_stack(
            gpu_scaleup_gb_per_s, np.asarray(scaleout_gbps_per_gpu) / 8.0 / oversubscription_ratio
        ),
        latency_us=_stack(1.0, 2.0 * np.asarray(tier_count) * 0.5),
    )

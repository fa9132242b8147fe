"""Network levels: the bandwidth and latency a collective sees, by how far its group reaches.

The contract between the network model (which builds the levels) and the training model
(which times collectives on them). Level i holds `gpus[i]` GPUs; a group that spans more
than `gpus[i-1]` GPUs crosses level i, where each GPU gets `gb_per_s[i]` of unidirectional
bandwidth and one crossing costs `latency_us[i]`. Levels are nested: scale-up domain, leaf,
spine, super-spine (and deeper tiers), campus (between buildings). Levels that no design of
the batch distinguishes (same size as the level inside) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.arrays import running


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

    def __repr__(self) -> str:
        if self.gpus.ndim > 1:
            return f"Levels({', '.join(self.names)}; batch of {self.gpus.shape[1]})"
        return "; ".join(
            f"{n} {g:,.0f} GPUs {b:,.4g} GB/s {t:.3g} µs"
            for n, g, b, t in zip(
                self.names, self.gpus, self.gb_per_s, self.latency_us, strict=True
            )
        )

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
        return self._pick(running(np.minimum, self.gb_per_s), group_gpus)

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


LEVEL_NAMES = ("scaleup", "leaf", "spine", "superspine", "tier4", "tier5", "tier6", "campus")


def network_levels_spec(
    scaleup_gpus, gpu_scaleup_gb_per_s, scaleup_latency_us, fabric_spec, topology_name,
    rail_network_count, building_gpus, gpu_count, scaleout_gbps_per_gpu,
    building_gbps_per_gpu, switch_latency_ns, fibre_delay_ns_per_m, endpoint_link_m,
    hall_link_m, building_distance_m,
):  # fmt: skip
    """Nested levels of the campus network with each level's per-GPU bandwidth and latency.

    network_levels_spec = scale-up (scaleup_gpus, gpu_scaleup_gb_per_s, scaleup_latency_us);
        tier j = 1..L of the fabric (GPUs below one tier-j switch, scaleout_gbps_per_gpu / 8
        / Π_{i<j} o_i, (2j−1)·switch_latency_ns + (2·endpoint_link_m + 2(j−1)·hall_link_m)
        · fibre_delay_ns_per_m); campus (gpu_count, building_gbps_per_gpu / 8, (2L+1) hops
        and 2·building_distance_m more fibre)

    GPUs below one tier-j switch: the subtree's endpoints for a fat tree; for a
    rail-optimized fabric the leaf level holds one leaf's ports times the rails (a domain's
    GPUs sit on different rail leaves and reach each other's rails over NVLink, NCCL's PXN),
    with the rails capped by the leaves of a tier-2 pod; for rail-only every level holds
    the rail network's subtree times the rails, and every crossing adds a scale-up hop.

    Parameters
    ----------
    scaleup_gpus : numeric
        GPUs in one scale-up domain [GPU].
    gpu_scaleup_gb_per_s : numeric
        Unidirectional scale-up bandwidth per GPU [GB/s].
    scaleup_latency_us : numeric
        One crossing of the scale-up domain [µs].
    fabric_spec : Fabric
        Tier-by-tier design of one fabric [spec].
    topology_name : str or array of str
        [name].
    rail_network_count : numeric
        Independent rail networks per plane (rail-only) [count].
    building_gpus : numeric
        [GPU].
    gpu_count : numeric
        [count].
    scaleout_gbps_per_gpu : numeric
        [Gb/s].
    building_gbps_per_gpu : numeric
        Inter-building bandwidth per GPU [Gb/s].
    switch_latency_ns : numeric
        Port-to-port latency of one scale-out switch [ns].
    fibre_delay_ns_per_m : numeric
        Propagation delay in fibre (and copper) [ns/m].
    endpoint_link_m : numeric
        Typical GPU-to-leaf link length [m].
    hall_link_m : numeric
        Typical switch-to-switch link length inside a building [m].
    building_distance_m : numeric
        Fibre route from a building to the campus tier [m].

    Returns
    -------
    Levels
        [spec].

    References
    ----------
    .. [1] NVIDIA, transceiver and fiber details (docs.nvidia.com/networking, 2025):
       4.5 ns per metre of fibre.
    .. [2] NVIDIA NCCL PXN (PCI x NVLink): a GPU sends to a peer's rail through the NVLink
       switch, so rail-optimized fabrics carry inter-rail traffic at leaf level.
    """
    f = fabric_spec
    tiers = f.tier_count
    n_tiers = f.down_ports.shape[0]
    topo = np.asarray(topology_name)
    rail_only = topo == "rail-only"
    rail_opt = topo == "rail-optimized"
    d = np.asarray(scaleup_gpus, dtype=float)
    # Rails that fit under one tier-2 pod (all of the top tier's ports in a 2-tier fabric).
    pod_leaves = np.where(tiers >= 2, f.down_ports[1], 1.0)
    leaf_rails = np.where(rail_opt, np.minimum(d, np.maximum(pod_leaves, 1.0)), 1.0)
    scaleout = np.asarray(scaleout_gbps_per_gpu, dtype=float) / 8.0
    delay = np.asarray(fibre_delay_ns_per_m, dtype=float) / 1000.0
    hop = np.asarray(switch_latency_ns, dtype=float) / 1000.0
    gpus, bw, lat = [d], [gpu_scaleup_gb_per_s], [scaleup_latency_us]
    share = 1.0
    for j in range(n_tiers):
        tier = j + 1.0
        mult = np.where(rail_only, rail_network_count, leaf_rails if j == 0 else 1.0)
        size = np.where(tier <= tiers, f.subtree[j] * mult, building_gpus)
        gpus.append(np.minimum(size, building_gpus))
        bw.append(scaleout / share)
        if j < n_tiers - 1:
            share = share * np.where(tier < tiers, f.oversubscription[j], 1.0)
        up = np.minimum(tier, tiers)
        wire = 2.0 * np.asarray(endpoint_link_m) + 2.0 * (up - 1.0) * np.asarray(hall_link_m)
        nvlink = np.where(rail_only | (rail_opt & (up == 1)), scaleup_latency_us, 0.0)
        lat.append((2.0 * up - 1.0) * hop + wire * delay + nvlink)
    wire = (
        2.0 * np.asarray(endpoint_link_m)
        + 2.0 * (tiers - 1.0) * np.asarray(hall_link_m)
        + 2.0 * np.asarray(building_distance_m)
    )
    campus = np.asarray(gpu_count) > np.asarray(building_gpus)  # several buildings
    across = (2.0 * tiers + 1.0) * hop + wire * delay + np.where(rail_only, scaleup_latency_us, 0.0)
    gpus.append(np.maximum(gpu_count, building_gpus))
    bw.append(np.where(campus, np.asarray(building_gbps_per_gpu, dtype=float) / 8.0, bw[-1]))
    lat.append(np.where(campus, across, lat[-1]))
    sizes = running(np.maximum, np.maximum(_stack(*gpus), d))
    keep = [0] + [i for i in range(1, sizes.shape[0]) if np.any(sizes[i] > sizes[i - 1] + 1e-9)]
    if len(keep) == 1:  # one domain holds every GPU: keep the outermost level as well
        keep.append(sizes.shape[0] - 1)
    return Levels(
        names=tuple(LEVEL_NAMES[i] for i in keep),
        gpus=sizes[keep],
        gb_per_s=_stack(*bw)[keep],
        latency_us=_stack(*lat)[keep],
    )

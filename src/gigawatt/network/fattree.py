"""Scale-out fabric: folded-Clos (fat-tree) tiers, switches per tier and plane, links, reach.

Notation: N endpoints of one independent fabric (one plane of one building; one rail too
for rail-only designs), k switch radix at the plane's port speed, L tiers, o_j the
oversubscription of tier j's uplinks (tier 1 = leaf). A tier-j switch below the top has
d_j = floor(k·o_j/(1+o_j)) ports down and k − d_j up; the top tier has all k ports down.
The most endpoints L tiers reach is k·Π_{j<L} d_j (2·(k/2)^L when non-blocking). Links
entering tier j are E_1 = N and E_{j+1} = S_j·(k − d_j) (every switch's uplinks cabled),
and tier j has S_j = ceil(E_j / d_j) switches: 5N/k for a full non-blocking 3-tier tree.

Every function takes numbers or numpy arrays (one element per design alternative or
Monte Carlo sample) and returns the same; the by-tier arrays of `Fabric` have the tier as
their first axis.

References
----------
.. [1] C. E. Leiserson, "Fat-trees: universal networks for hardware-efficient supercomputing",
   IEEE Trans. Computers C-34(10), 1985. doi:10.1109/TC.1985.6312192
.. [2] M. Al-Fares, A. Loukissas, A. Vahdat, "A scalable, commodity data center network
   architecture", SIGCOMM 2008. doi:10.1145/1402958.1402967 (k-ary fat tree: k³/4 hosts,
   5k²/4 switches).
.. [3] W. Wang et al., "Rail-only: a low-cost high-performance network for training LLMs
   with trillion parameters", arXiv 2307.12169 (2023).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.arrays import running

MAX_TIERS = 6
"""Deepest fat tree the designer builds; deeper designs are refused."""

TOPOLOGIES = ("fat-tree", "rail-optimized", "rail-only")

CEIL_EPS = 1e-9
"""Taken off a count before rounding it up, so that a whole number computed in floating
point is not rounded up to the next one."""


def by_tier(oversubscription_spec) -> np.ndarray:
    """Oversubscription of tier 1..MAX_TIERS−1 uplinks, shape (MAX_TIERS−1, *batch).

    A number (or an array of alternatives) applies to the leaf uplinks only; a list or tuple
    gives one ratio per tier from the leaf up (each a number or an array); missing tiers
    are non-blocking (1).
    """
    if isinstance(oversubscription_spec, list | tuple):
        ratios = list(oversubscription_spec)
    else:
        ratios = [oversubscription_spec]
    ratios += [1.0] * (MAX_TIERS - 1 - len(ratios))
    return np.stack(np.broadcast_arrays(*[np.asarray(r, dtype=float) for r in ratios]))


def scaleout_gbps_per_gpu(nic_gbps_per_gpu):
    """Scale-out bandwidth per GPU when the scenario does not set it: the system's NIC.

    scaleout_gbps_per_gpu = nic_gbps_per_gpu

    Parameters
    ----------
    nic_gbps_per_gpu : numeric
        Scale-out NIC bandwidth per GPU in the catalog (400 Hopper/Blackwell, 800 GB300) [Gb/s].

    Returns
    -------
    numeric
        [Gb/s].
    """
    return nic_gbps_per_gpu


def port_gbps(scaleout_gbps_per_gpu, plane_count):
    """Port speed of each plane: a GPU's bandwidth split evenly over the planes.

    port_gbps = scaleout_gbps_per_gpu / plane_count

    Parameters
    ----------
    scaleout_gbps_per_gpu : numeric
        [Gb/s].
    plane_count : numeric
        [count].

    Returns
    -------
    numeric
        [Gb/s].
    """
    return scaleout_gbps_per_gpu / plane_count


def switch_radix_count(
    switch_capacity_gbps, port_gbps, switch_max_ports_count, switch_max_port_gbps
):
    """Ports per switch at the plane's port speed: the capacity split, capped by the port
    count; zero when the port is faster than the switch's fastest port.

    switch_radix_count = min(floor(switch_capacity_gbps / port_gbps), switch_max_ports_count)
        if port_gbps ≤ switch_max_port_gbps, else 0

    Parameters
    ----------
    switch_capacity_gbps : numeric
        Switching capacity, one direction (SN5600: 51,200) [Gb/s].
    port_gbps : numeric
        [Gb/s].
    switch_max_ports_count : numeric
        Most ports the switch breaks out to [count].
    switch_max_port_gbps : numeric
        Its fastest port [Gb/s].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(switch_radix_count(51_200, 400, 256, 800))  # SN5600 at 400G: 128 ports
    128
    >>> int(switch_radix_count(25_600, 800, 128, 400))  # QM9700 has no 800G port
    0
    """
    port = np.asarray(port_gbps, dtype=float)
    radix = np.minimum(np.floor(switch_capacity_gbps / port + CEIL_EPS), switch_max_ports_count)
    return np.where(port <= np.asarray(switch_max_port_gbps) * (1 + CEIL_EPS), radix, 0.0)


def rail_network_count(topology_name, scaleup_gpus):
    """Independent rail networks per plane: a rail-only fabric keeps one network per GPU
    position in the scale-up domain (no spine joins them); other topologies build one tree.

    rail_network_count = scaleup_gpus if topology_name = rail-only, else 1

    Parameters
    ----------
    topology_name : str or array of str
        `fat-tree`, `rail-optimized` or `rail-only` [name].
    scaleup_gpus : numeric
        GPUs of one scale-up (NVLink) domain [GPU].

    Returns
    -------
    numeric
        [count].

    References
    ----------
    .. [1] W. Wang et al., arXiv 2307.12169 (2023): Rail-only removes the spine; GPUs on
       different rails reach each other by forwarding inside the high-bandwidth domain.
    """
    return np.where(np.asarray(topology_name) == "rail-only", scaleup_gpus, 1.0)


def fabric_endpoint_count(building_gpus, rail_network_count):
    """Endpoints of one independent fabric (one plane of one building, one rail network).

    fabric_endpoint_count = ceil(building_gpus / rail_network_count)

    Parameters
    ----------
    building_gpus : numeric
        GPUs in one building [GPU].
    rail_network_count : numeric
        Independent rail networks per plane [count].

    Returns
    -------
    numeric
        [count].
    """
    return np.ceil(np.asarray(building_gpus) / rail_network_count - CEIL_EPS)


def fabric_count(plane_count, building_count, rail_network_count):
    """Independent fabrics: every plane of every building, and every rail of a rail-only one.

    fabric_count = plane_count · building_count · rail_network_count

    Parameters
    ----------
    plane_count, building_count, rail_network_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return plane_count * building_count * rail_network_count


def _tiers(switch_radix_count, oversubscription_spec, *others):
    """Radix k and by-tier ratios o and down ports d, broadcast to one batch shape (that of
    `others` too)."""
    k = np.asarray(switch_radix_count, dtype=float)
    o = by_tier(oversubscription_spec)
    shape = np.broadcast_shapes(k.shape, o.shape[1:], *[np.shape(x) for x in others])
    k = np.broadcast_to(k, shape)
    o = o.reshape((o.shape[0],) + (1,) * (len(shape) - o.ndim + 1) + o.shape[1:])
    o = np.broadcast_to(o, (MAX_TIERS - 1, *shape))
    d = np.floor(k * o / (1.0 + o) + CEIL_EPS)
    return k, o, d


def _reach_by_tiers(k, d):
    """Most endpoints of a tree of 1..MAX_TIERS tiers: k, k·d_1, k·d_1·d_2, ..."""
    return np.concatenate([k[None], k * running(np.multiply, d)])


def leaf_down_ports_count(switch_radix_count, oversubscription_spec):
    """Endpoint-facing ports of a leaf switch whose uplinks are oversubscribed o_1:1.

    leaf_down_ports_count = floor(switch_radix_count · o_1 / (1 + o_1))

    Parameters
    ----------
    switch_radix_count : numeric
        k [count].
    oversubscription_spec : number, array or list
        Oversubscription by tier from the leaf up (o_1 first; 1 = non-blocking) [spec].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(leaf_down_ports_count(64, [7.0]))  # 1:7 leaf: 56 down, 8 up
    56
    """
    return _tiers(switch_radix_count, oversubscription_spec)[2][0]


def tier_count(fabric_endpoint_count, switch_radix_count, oversubscription_spec):
    """Fewest tiers whose tree reaches every endpoint of a fabric.

    tier_count = min{L ≥ 1 : k · Π_{j<L} d_j ≥ fabric_endpoint_count}
        (MAX_TIERS + 1 when six tiers are not enough)

    Parameters
    ----------
    fabric_endpoint_count : numeric
        N [count].
    switch_radix_count : numeric
        k [count].
    oversubscription_spec : number, array or list
        Oversubscription by tier from the leaf up [spec].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(tier_count(100_000, 64, 1.0))  # 64-port switches: 4 tiers past 65,536
    4
    >>> int(tier_count(27_648, 48, 1.0)), int(tier_count(27_649, 48, 1.0))
    (3, 4)
    """
    k, _, d = _tiers(switch_radix_count, oversubscription_spec, fabric_endpoint_count)
    reach = _reach_by_tiers(k, d)
    n = np.asarray(fabric_endpoint_count, dtype=float)
    return 1.0 + np.sum(reach < n - CEIL_EPS, axis=0)


@dataclass(frozen=True)
class Fabric:
    """One independent fabric, tier by tier (first axis: tier 1 = leaf .. MAX_TIERS).

    Tiers above `tier_count` hold zeros (links, switches, down ports).
    """

    tier_count: np.ndarray  # L [count]
    radix: np.ndarray  # k [count]
    oversubscription: np.ndarray  # o_j of tier j's uplinks, (MAX_TIERS − 1, ...) [1]
    down_ports: np.ndarray  # d_j, k at the top tier [count]
    links: np.ndarray  # E_j, links entering tier j from below (E_1: endpoint links) [count]
    switches: np.ndarray  # S_j [count]
    reach_by_tiers: np.ndarray  # most endpoints of a 1..MAX_TIERS-tier tree [count]
    subtree: np.ndarray  # endpoints below one tier-j switch (all N at and above the top)

    def __repr__(self) -> str:
        if np.ndim(self.tier_count):
            return f"Fabric(batch of {np.size(self.tier_count)} designs)"
        tiers = int(self.tier_count)
        per_tier = " + ".join(f"{int(s):,}" for s in self.switches[:tiers])
        return (
            f"{tiers}-tier fabric of {int(self.radix)}-port switches, {per_tier} switches "
            f"(leaf first), {int(self.links[0]):,} endpoints"
        )

    def total_switches(self) -> np.ndarray:
        """Σ_j S_j [count]."""
        return self.switches.sum(axis=0)

    def total_links(self) -> np.ndarray:
        """Σ_j E_j [count]."""
        return self.links.sum(axis=0)

    def reach(self) -> np.ndarray:
        """Most endpoints of a tree with this fabric's tier count [count]."""
        return _pick(self.reach_by_tiers, self.tier_count - 1)


def _pick(table: np.ndarray, index) -> np.ndarray:
    """table[index] along the first axis, element-wise over the batch (index clipped)."""
    idx = np.clip(np.asarray(index, dtype=int), 0, table.shape[0] - 1)
    idx = np.broadcast_to(idx, table.shape[1:])
    return np.take_along_axis(table, idx[None], axis=0)[0]


def fabric_spec(fabric_endpoint_count, switch_radix_count, tier_count, oversubscription_spec):
    """Tier-by-tier design of one fabric: down ports, links and switches of every tier.

    fabric_spec = for j = 1..L: S_j = ceil(E_j / d_j), E_1 = N, E_{j+1} = S_j · (k − d_j),
        d_j = floor(k·o_j/(1+o_j)) below the top tier and d_L = k

    Parameters
    ----------
    fabric_endpoint_count : numeric
        N [count].
    switch_radix_count : numeric
        k [count].
    tier_count : numeric
        L [count].
    oversubscription_spec : number, array or list
        Oversubscription by tier from the leaf up [spec].

    Returns
    -------
    Fabric
        [spec].

    Examples
    --------
    >>> f = fabric_spec(1_016, 64, 2, 1.0)  # DGX SuperPOD H100, 4 scalable units
    >>> [int(s) for s in f.switches[:2]], int(f.links[1])  # 32 leaf + 16 spine, 1,024 cables
    ([32, 16], 1024)
    """
    k, o, d = _tiers(switch_radix_count, oversubscription_spec, fabric_endpoint_count, tier_count)
    shape = k.shape
    n = np.broadcast_to(np.asarray(fabric_endpoint_count, dtype=float), shape)
    levels = np.broadcast_to(np.asarray(tier_count, dtype=float), shape)
    down = np.zeros((MAX_TIERS, *shape))
    links = np.zeros((MAX_TIERS, *shape))
    switches = np.zeros((MAX_TIERS, *shape))
    entering = n
    for j in range(MAX_TIERS):
        tier = j + 1.0
        below = d[j] if j < MAX_TIERS - 1 else k
        down[j] = np.where(tier == levels, k, np.where(tier < levels, below, 0.0))
        active = tier <= levels
        count = np.ceil(entering / np.maximum(down[j], 1.0) - CEIL_EPS)
        links[j] = np.where(active, entering, 0.0)
        switches[j] = np.where(active & (down[j] > 0), count, 0.0)
        entering = switches[j] * np.where(tier < levels, k - down[j], 0.0)
    sub = running(np.multiply, d)
    tiers = np.arange(1, MAX_TIERS + 1).reshape((MAX_TIERS,) + (1,) * len(shape))
    subtree = np.where(tiers[:-1] < levels, sub, n)
    subtree = np.concatenate([subtree, n[None]])
    return Fabric(
        tier_count=levels,
        radix=k,
        oversubscription=o,
        down_ports=down,
        links=links,
        switches=switches,
        reach_by_tiers=_reach_by_tiers(k, d),
        subtree=subtree,
    )

"""Scale-out network: fat-tree (folded Clos) tiers, switches, links and optics, their power
and cost.

Notation: N endpoints (GPU NIC ports) per plane, k switch radix at the per-plane port speed,
L tiers, r:1 oversubscription above the leaf. Non-blocking maximum reach is 2·(k/2)^L and a
tree of N endpoints needs (2L−1)·N/k switches; oversubscription divides every tier above the
leaf by r.

References
----------
.. [1] C. E. Leiserson, "Fat-trees: universal networks for hardware-efficient supercomputing",
   IEEE Trans. Computers C-34(10), 1985. doi:10.1109/TC.1985.6312192
.. [2] M. Al-Fares, A. Loukissas, A. Vahdat, "A scalable, commodity data center network
   architecture", SIGCOMM 2008 (k-ary fat tree: k³/4 hosts, 5k²/4 switches).
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import W_PER_MW

MAX_TIERS = 6


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


def switch_radix_count(switch_capacity_gbps, port_gbps, switch_max_ports_count):
    """Ports per switch at the plane's port speed (capacity split, capped by the port count).

    switch_radix_count = min(floor(switch_capacity_gbps / port_gbps), switch_max_ports_count)

    Parameters
    ----------
    switch_capacity_gbps : numeric
        Switching capacity (SN5600: 51,200) [Gb/s].
    port_gbps : numeric
        [Gb/s].
    switch_max_ports_count : numeric
        Most ports the switch can break out to [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(switch_radix_count(51_200, 400, 256))  # SN5600 at 400G: 128 ports
    128
    """
    return np.minimum(
        np.floor(np.asarray(switch_capacity_gbps) / port_gbps + 1e-9), switch_max_ports_count
    )


def leaf_down_ports_count(switch_radix_count, oversubscription_ratio):
    """Endpoint-facing ports of a leaf switch with r:1 oversubscription.

    leaf_down_ports_count = floor(switch_radix_count · r / (1 + r))

    Parameters
    ----------
    switch_radix_count : numeric
        [count].
    oversubscription_ratio : numeric
        r of r:1 (1 = non-blocking) [1].

    Returns
    -------
    numeric
        [count].
    """
    r = np.asarray(oversubscription_ratio, dtype=float)
    return np.floor(switch_radix_count * r / (1.0 + r) + 1e-9)


def max_endpoints_count(switch_radix_count, leaf_down_ports_count, tier_count):
    """Most endpoints a tree of `tier_count` tiers reaches.

    max_endpoints_count = k if L = 1, else d · (k/2)^(L−2)
        · k  (d leaf down ports; 2·(k/2)^L when non-blocking)

    Parameters
    ----------
    switch_radix_count : numeric
        k [count].
    leaf_down_ports_count : numeric
        d [count].
    tier_count : numeric
        L [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(max_endpoints_count(64, 32, 3))  # k=64, 3 tiers: k³/4
    65536
    """
    k = np.asarray(switch_radix_count, dtype=float)
    L = np.asarray(tier_count, dtype=float)
    multi = leaf_down_ports_count * (k / 2.0) ** np.maximum(L - 2.0, 0.0) * k
    return np.where(L <= 1, k, multi)


def tier_count(gpu_count, switch_radix_count, leaf_down_ports_count):
    """Fewest tiers whose tree reaches every endpoint of a plane.

    tier_count = min{L ≥ 1 : max_endpoints_count(k, d, L) ≥ gpu_count}

    Parameters
    ----------
    gpu_count : numeric
        Endpoints per plane [count].
    switch_radix_count, leaf_down_ports_count : numeric
        [count].

    Returns
    -------
    numeric
        [count]; MAX_TIERS + 1 when even MAX_TIERS tiers are not enough.

    Examples
    --------
    >>> int(tier_count(100_000, 64, 32))  # 64-port switches: 4 tiers past 65,536
    4
    """
    n = np.asarray(gpu_count, dtype=float)
    out = np.full(np.broadcast(n, switch_radix_count, leaf_down_ports_count).shape, MAX_TIERS + 1.0)
    for level in range(MAX_TIERS, 0, -1):
        reach = max_endpoints_count(switch_radix_count, leaf_down_ports_count, level)
        out = np.where(reach >= n, float(level), out)
    return out if out.ndim else float(out)


def switch_count(
    gpu_count,
    plane_count,
    switch_radix_count,
    leaf_down_ports_count,
    oversubscription_ratio,
    tier_count,
):
    """Switches of all planes: leaves, middle tiers (2·N/(r·k) each) and the top tier (N/(r·k)).

    switch_count = P · (ceil(N/d) + (L−2)·ceil(2N/(r·k))
        + ceil(N/(r·k)))  for L ≥ 2; P·ceil(N/k) for L = 1

    Parameters
    ----------
    gpu_count : numeric
        N, endpoints per plane [count].
    plane_count : numeric
        P [count].
    switch_radix_count, leaf_down_ports_count : numeric
        k, d [count].
    oversubscription_ratio : numeric
        r [1].
    tier_count : numeric
        L [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(switch_count(65_536, 1, 64, 32, 1.0, 3))  # k=64 three-tier maximum: 5k²/4
    5120
    """
    n = np.asarray(gpu_count, dtype=float)
    k = np.asarray(switch_radix_count, dtype=float)
    up = n / oversubscription_ratio
    leaves = np.ceil(n / leaf_down_ports_count - 1e-9)
    middle = np.maximum(tier_count - 2.0, 0.0) * np.ceil(2.0 * up / k - 1e-9)
    top = np.ceil(up / k - 1e-9)
    per_plane = np.where(tier_count <= 1, np.ceil(n / k - 1e-9), leaves + middle + top)
    return plane_count * per_plane


def link_count(gpu_count, plane_count, oversubscription_ratio, tier_count):
    """Cables of all planes: N endpoint links plus N/r between each pair of switch tiers.

    link_count = P · N · (1 + (L−1)/r)

    Parameters
    ----------
    gpu_count : numeric
        N [count].
    plane_count : numeric
        P [count].
    oversubscription_ratio : numeric
        r [1].
    tier_count : numeric
        L [count].

    Returns
    -------
    numeric
        [count].
    """
    return plane_count * gpu_count * (1.0 + (tier_count - 1.0) / oversubscription_ratio)


def transceiver_count(link_count, optic_links_count):
    """Optical modules: two link ends per cable, `optic_links_count` link ends per module.

    transceiver_count = ceil(2 · link_count / optic_links_count)

    Parameters
    ----------
    link_count : numeric
        [count].
    optic_links_count : numeric
        Links one module serves (2 for a twin-port 800G OSFP) [count].

    Returns
    -------
    numeric
        [count].
    """
    return np.ceil(2.0 * np.asarray(link_count) / optic_links_count - 1e-9)


def network_power_mw(switch_count, switch_power_w, transceiver_count, optic_power_w):
    """Power of the scale-out fabric: switches plus optics (NICs are inside the systems).

    network_power_mw = (switch_count · switch_power_w + transceiver_count · optic_power_w) / 1e6

    Parameters
    ----------
    switch_count : numeric
        [count].
    switch_power_w : numeric
        One switch without optics [W].
    transceiver_count : numeric
        [count].
    optic_power_w : numeric
        One module [W].

    Returns
    -------
    numeric
        [MW].
    """
    return (switch_count * switch_power_w + transceiver_count * optic_power_w) / W_PER_MW


def network_capex_usd(switch_count, switch_price_usd, transceiver_count, optic_price_usd):
    """Capex of the scale-out fabric (NICs are priced with the systems).

    network_capex_usd = switch_count · switch_price_usd + transceiver_count · optic_price_usd

    Parameters
    ----------
    switch_count, transceiver_count : numeric
        [count].
    switch_price_usd, optic_price_usd : numeric
        [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return switch_count * switch_price_usd + transceiver_count * optic_price_usd


def storage_server_count(storage_capacity_pb, storage_server_tb):
    """Storage servers for the capacity.

    storage_server_count = ceil(1000 · storage_capacity_pb / storage_server_tb)

    Parameters
    ----------
    storage_capacity_pb : numeric
        [PB].
    storage_server_tb : numeric
        Usable capacity per server [TB].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(storage_server_count(240, 32))  # Llama 3: 240 PB on 7,500 servers
    7500
    """
    return np.ceil(1000.0 * np.asarray(storage_capacity_pb) / storage_server_tb - 1e-9)


def storage_power_mw(storage_server_count, storage_server_power_w):
    """Power of the storage servers.

    storage_power_mw = storage_server_count · storage_server_power_w / 1e6

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_power_w : numeric
        [W].

    Returns
    -------
    numeric
        [MW].
    """
    return storage_server_count * storage_server_power_w / W_PER_MW


def storage_capex_usd(storage_server_count, storage_server_price_usd):
    """Capex of the storage servers.

    storage_capex_usd = storage_server_count · storage_server_price_usd

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_price_usd : numeric
        [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return storage_server_count * storage_server_price_usd


def storage_write_gb_per_s(storage_server_count, storage_server_gb_per_s):
    """Aggregate write bandwidth of the storage system.

    storage_write_gb_per_s = storage_server_count · storage_server_gb_per_s

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_gb_per_s : numeric
        Sustained write bandwidth of one server [GB/s].

    Returns
    -------
    numeric
        [GB/s].
    """
    return storage_server_count * storage_server_gb_per_s


def checkpoint_size_gb(param_count, checkpoint_bytes_per_param_b):
    """Size of one full checkpoint of the training job.

    checkpoint_size_gb = param_count · checkpoint_bytes_per_param_b / 1e9

    Parameters
    ----------
    param_count : numeric
        Model parameters [count].
    checkpoint_bytes_per_param_b : numeric
        Bytes saved per parameter [B].

    Returns
    -------
    numeric
        [GB].

    Examples
    --------
    >>> round(float(checkpoint_size_gb(176e9, 13.0)))  # BLOOM 176B on disk: 2.3 TB
    2288
    """
    return param_count * checkpoint_bytes_per_param_b / 1e9


def checkpoint_write_s(checkpoint_size_gb, storage_write_gb_per_s):
    """Time to write one checkpoint to the storage system at its full bandwidth.

    checkpoint_write_s = checkpoint_size_gb / storage_write_gb_per_s

    Parameters
    ----------
    checkpoint_size_gb : numeric
        [GB].
    storage_write_gb_per_s : numeric
        [GB/s].

    Returns
    -------
    numeric
        [s].

    Examples
    --------
    >>> round(float(checkpoint_write_s(2300.0, 57.5)))  # BLOOM: 2.3 TB in 40 s on GPFS
    40
    """
    return checkpoint_size_gb / storage_write_gb_per_s

"""Totals of the scale-out fabrics over the campus: reach over rails and buildings, end-to-end
oversubscription, NIC ports, switches and links of every plane, rail and building (plus the
campus tier), hops and bisection bandwidth. One fabric (one plane of one building, one rail
for rail-only designs) is `fattree.Fabric`.

References
----------
.. [1] M. Al-Fares, A. Loukissas, A. Vahdat, "A scalable, commodity data center network
   architecture", SIGCOMM 2008. doi:10.1145/1402958.1402967 (k-ary fat tree: k³/4 hosts,
   5k²/4 switches).
"""

from __future__ import annotations

import numpy as np

from gigawatt.network.fattree import CEIL_EPS, MAX_TIERS


def network_reach_count(fabric_spec, rail_network_count, building_count):
    """Most GPUs the design reaches with its tier count, over its rails and buildings.

    network_reach_count = k · Π_{j<L} d_j · rail_network_count · building_count

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].
    rail_network_count, building_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return fabric_spec.reach() * rail_network_count * building_count


def oversubscription_ratio(fabric_spec):
    """End-to-end oversubscription between the GPUs and the top tier of the fabric.

    oversubscription_ratio = Π_{j<L} o_j

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].

    Returns
    -------
    numeric
        r of r:1 (1 = non-blocking) [1].
    """
    tiers = np.arange(1, MAX_TIERS).reshape((MAX_TIERS - 1,) + (1,) * fabric_spec.radix.ndim)
    used = np.where(tiers < fabric_spec.tier_count, fabric_spec.oversubscription, 1.0)
    return np.prod(used, axis=0)


def endpoint_port_count(gpu_count, plane_count):
    """NIC ports on the scale-out fabric: one per GPU per plane.

    endpoint_port_count = gpu_count · plane_count

    Parameters
    ----------
    gpu_count, plane_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return gpu_count * plane_count


def tier_switch_totals(fabric_spec, plane_count, building_count, rail_network_count):
    """Switches of each tier over all planes, buildings and rails (tier axis first). The rail
    networks of a rail-only fabric are independent but may share a physical switch, so a tier
    holds ceil(R·E_j/d_j) switches rather than R·ceil(E_j/d_j)."""
    down = fabric_spec.down_ports
    packed = np.ceil(rail_network_count * fabric_spec.links / np.maximum(down, 1.0) - CEIL_EPS)
    return plane_count * building_count * np.where(down > 0, packed, 0.0)


def switch_count(fabric_spec, plane_count, building_count, rail_network_count, campus_switch_count):
    """Scale-out switches: every tier of every plane and building (rail networks of a
    rail-only fabric sharing switches), plus the campus tier between buildings.

    switch_count = plane_count · building_count · Σ_j ceil(rail_network_count · E_j / d_j)
        + campus_switch_count

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].
    plane_count, building_count, rail_network_count : numeric
        [count].
    campus_switch_count : numeric
        Switches joining the buildings [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> from gigawatt.network.fattree import fabric_spec
    >>> f = fabric_spec(16, 128, 1, 1.0)  # rail-only: 256 rails of 16 GPUs on 128 ports
    >>> int(switch_count(f, 1, 1, 256, 0))  # 32 switches, 8 rails each
    32
    """
    totals = tier_switch_totals(fabric_spec, plane_count, building_count, rail_network_count)
    return totals.sum(axis=0) + campus_switch_count


def link_count(fabric_spec, fabric_count, campus_link_count):
    """Scale-out links (cables): endpoint links and tier-to-tier links of every fabric, plus
    the links between buildings.

    link_count = fabric_count · Σ_j E_j + campus_link_count

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].
    fabric_count : numeric
        [count].
    campus_link_count : numeric
        Inter-building links [count].

    Returns
    -------
    numeric
        [count].
    """
    return fabric_count * fabric_spec.total_links() + campus_link_count


def hop_count(tier_count, building_count):
    """Switches on the longest GPU-to-GPU path: up L tiers and down again, through the
    campus tier when there are several buildings.

    hop_count = 2·tier_count − 1 (+ 2 when building_count > 1)

    Parameters
    ----------
    tier_count, building_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return 2.0 * tier_count - 1.0 + np.where(np.asarray(building_count) > 1, 2.0, 0.0)


def bisection_tbps(
    gpu_count, scaleout_gbps_per_gpu, oversubscription_ratio, building_count,
    building_gbps_per_gpu,
):  # fmt: skip
    """Bisection bandwidth of the scale-out network: half the GPUs sending to the other half
    at the per-GPU rate the top tier (or the inter-building budget) allows, one direction.

    bisection_tbps = gpu_count · min(scaleout_gbps_per_gpu / oversubscription_ratio,
        building_gbps_per_gpu if building_count > 1) / 2 / 1000

    Parameters
    ----------
    gpu_count : numeric
        [count].
    scaleout_gbps_per_gpu : numeric
        [Gb/s].
    oversubscription_ratio : numeric
        End-to-end oversubscription to the top tier [1].
    building_count : numeric
        [count].
    building_gbps_per_gpu : numeric
        Inter-building bandwidth per GPU [Gb/s].

    Returns
    -------
    numeric
        [Tb/s].

    Examples
    --------
    >>> float(bisection_tbps(1_024, 400, 1.0, 1, 400))  # 1,024 GPUs at 400G: 204.8 Tb/s
    204.8
    """
    top = np.asarray(scaleout_gbps_per_gpu, dtype=float) / oversubscription_ratio
    across = np.where(np.asarray(building_count) > 1, building_gbps_per_gpu, np.inf)
    return gpu_count * np.minimum(top, across) / 2.0 / 1000.0

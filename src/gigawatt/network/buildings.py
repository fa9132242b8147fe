"""Buildings: a campus of several halls or buildings, each with its own fabric, joined by a
campus tier of switches over an inter-building link budget (bandwidth per GPU, distance).

Each building holds an equal share of the GPUs and a full scale-out fabric of its own (one
per plane). Its top tier gets one uplink per `port_gbps` of inter-building bandwidth; the
campus tier terminates those links. A collective whose group spans buildings sees the
inter-building bandwidth per GPU and the latency of the longer path (`levels.py`).

References
----------
.. [1] NVIDIA Spectrum-XGS (Hot Chips 2025): distance-aware congestion control for
   scale-across fabrics spanning data centres (reference network.md §1).
.. [2] Google Gemini 1 trained across several sites and clusters, data parallel across
   pods (Gemini Team, arXiv 2312.11805; reference network.md §1).
"""

from __future__ import annotations

import numpy as np

_EPS = 1e-9


def building_gpus(gpu_count, building_count):
    """GPUs in one building (the campus split evenly, rounded up).

    building_gpus = ceil(gpu_count / building_count)

    Parameters
    ----------
    gpu_count : numeric
        [count].
    building_count : numeric
        Halls or buildings, each with its own fabric [count].

    Returns
    -------
    numeric
        [GPU].
    """
    return np.ceil(np.asarray(gpu_count, dtype=float) / building_count - _EPS)


def building_gbps_per_gpu(scaleout_gbps_per_gpu, oversubscription_ratio):
    """Inter-building bandwidth per GPU when the scenario does not set it: what the
    building's top tier delivers (no further oversubscription between buildings).

    building_gbps_per_gpu = scaleout_gbps_per_gpu / oversubscription_ratio

    Parameters
    ----------
    scaleout_gbps_per_gpu : numeric
        [Gb/s].
    oversubscription_ratio : numeric
        End-to-end oversubscription to the building's top tier [1].

    Returns
    -------
    numeric
        [Gb/s].
    """
    return scaleout_gbps_per_gpu / oversubscription_ratio


def campus_link_count(
    building_gpus, building_count, plane_count, building_gbps_per_gpu, scaleout_gbps_per_gpu
):
    """Links between the buildings and the campus tier, all planes (none with one building).

    campus_link_count = building_count · plane_count
        · ceil(building_gpus · building_gbps_per_gpu / scaleout_gbps_per_gpu)
        if building_count > 1, else 0

    Each plane carries building_gbps_per_gpu / plane_count per GPU on links of
    port_gbps = scaleout_gbps_per_gpu / plane_count, hence the ratio.

    Parameters
    ----------
    building_gpus : numeric
        [GPU].
    building_count, plane_count : numeric
        [count].
    building_gbps_per_gpu : numeric
        Inter-building bandwidth per GPU [Gb/s].
    scaleout_gbps_per_gpu : numeric
        [Gb/s].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(campus_link_count(100_000, 4, 2, 100, 800))  # 1/8 of 800G, 4 buildings, 2 planes
    100000
    """
    per_plane = np.ceil(building_gpus * building_gbps_per_gpu / scaleout_gbps_per_gpu - _EPS)
    return np.where(np.asarray(building_count) > 1, building_count * plane_count * per_plane, 0.0)


def campus_switch_count(campus_link_count, switch_radix_count):
    """Switches of the campus tier: each inter-building link takes one port of a campus
    switch and one more port on its building's top tier.

    campus_switch_count = 2 · ceil(campus_link_count / switch_radix_count)

    Parameters
    ----------
    campus_link_count : numeric
        [count].
    switch_radix_count : numeric
        Ports per switch at the plane's port speed [count].

    Returns
    -------
    numeric
        [count].
    """
    k = np.maximum(np.asarray(switch_radix_count, dtype=float), 1.0)
    return 2.0 * np.ceil(np.asarray(campus_link_count) / k - _EPS)

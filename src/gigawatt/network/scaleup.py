"""Scale-up (NVLink) domains: 8 GPUs on an HGX baseboard, 72 in an NVL72 rack, 576 when
racks are joined by a second tier of NVLink switches.

Each GPU has `gpu_scaleup_link_count` NVLink links; each link position is a "plane" of its
own, switched by one NVLink switch ASIC per plane in a single-tier domain (NVL72: 18 links
per GPU, 18 ASICs of 72 ports, two per tray = 9 trays). A domain larger than the system's
own is built as a non-blocking fat tree of the same ASICs per link plane (`fattree`), so
NVL576 from eight NVL72 racks needs 16 leaf + 8 spine ASICs per plane: 216 trays, 144 more
than the racks bring. The trays inside the systems are counted in the systems' power and
price (catalog `scaleup_switch_power_w`); only the extra trays are added to the network.

References
----------
.. [1] NVIDIA NVLink and NVLink Switch (nvidia.com/en-us/data-center/nvlink): 18 NVLink
   links of 100 GB/s per Blackwell GPU; NVLink Switch tray with 144 NVLink ports, 14.4 TB/s;
   up to 576 GPUs in one NVLink domain.
.. [2] NVIDIA GB200 NVL72: 18 compute trays and 9 NVLink switch trays per rack
   (reference network.md §6).
"""

from __future__ import annotations

import numpy as np

from gigawatt.network import fattree
from gigawatt.units import W_PER_MW

_EPS = 1e-9


def scaleup_gpus(scaleup_domain_gpus):
    """GPUs in one scale-up domain when the scenario does not set it: the system's own.

    scaleup_gpus = scaleup_domain_gpus

    Parameters
    ----------
    scaleup_domain_gpus : numeric
        Domain of the catalog system (8 HGX, 72 NVL72) [count].

    Returns
    -------
    numeric
        [GPU].
    """
    return scaleup_domain_gpus


def gpu_scaleup_link_count(gpu_scaleup_gb_per_s, nvlink_switch_max_port_gbps):
    """NVLink links per GPU: its scale-up bandwidth over the switch's link speed.

    gpu_scaleup_link_count = round(8 · gpu_scaleup_gb_per_s / nvlink_switch_max_port_gbps)

    Parameters
    ----------
    gpu_scaleup_gb_per_s : numeric
        Unidirectional scale-up bandwidth per GPU [GB/s].
    nvlink_switch_max_port_gbps : numeric
        One NVLink port, one direction (NVLink 5: 50 GB/s = 400 Gb/s) [Gb/s].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(gpu_scaleup_link_count(900, 400))  # Blackwell: 18 NVLink 5 links
    18
    """
    return np.maximum(
        np.round(8.0 * np.asarray(gpu_scaleup_gb_per_s) / nvlink_switch_max_port_gbps), 1.0
    )


def nvlink_asic_radix_count(nvlink_switch_max_ports_count, nvlink_switch_asic_count):
    """Ports of one NVLink switch ASIC (a tray holds several).

    nvlink_asic_radix_count = nvlink_switch_max_ports_count / nvlink_switch_asic_count

    Parameters
    ----------
    nvlink_switch_max_ports_count : numeric
        NVLink ports of one switch tray (144) [count].
    nvlink_switch_asic_count : numeric
        Switch ASICs per tray (2) [count].

    Returns
    -------
    numeric
        [count].
    """
    return np.floor(np.asarray(nvlink_switch_max_ports_count) / nvlink_switch_asic_count + _EPS)


def scaleup_tier_count(scaleup_gpus, scaleup_domain_gpus, nvlink_asic_radix_count):
    """NVLink switch tiers: one inside the system's own domain, a fat tree beyond it.

    scaleup_tier_count = 1 if scaleup_gpus ≤ scaleup_domain_gpus,
        else max(2, tier_count(scaleup_gpus, nvlink_asic_radix_count, 1))

    Parameters
    ----------
    scaleup_gpus : numeric
        GPUs per scale-up domain [GPU].
    scaleup_domain_gpus : numeric
        The system's own domain [count].
    nvlink_asic_radix_count : numeric
        Ports of one NVLink switch ASIC [count].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(scaleup_tier_count(576, 72, 72)), int(scaleup_tier_count(72, 72, 72))
    (2, 1)
    """
    tree = fattree.tier_count(scaleup_gpus, nvlink_asic_radix_count, 1.0)
    own = np.asarray(scaleup_gpus) <= np.asarray(scaleup_domain_gpus) + _EPS
    return np.where(own, 1.0, np.maximum(tree, 2.0))


def _trays_per_domain(gpus, tiers, links_per_gpu, asic_radix, asics_per_tray):
    """NVLink switch trays of one domain: a fat tree of ASICs per link plane."""
    asics = fattree.fabric_spec(gpus, asic_radix, tiers, 1.0).total_switches()
    return links_per_gpu * asics / asics_per_tray


def scaleup_switch_tray_count(
    gpu_count, scaleup_gpus, scaleup_tier_count, gpu_scaleup_link_count,
    nvlink_asic_radix_count, nvlink_switch_asic_count, scaleup_switch_power_w,
):  # fmt: skip
    """NVLink switch trays of the campus (none when the switches sit on the system's
    baseboard, as in HGX, and the domain is not extended).

    scaleup_switch_tray_count = ceil(gpu_count / scaleup_gpus) · gpu_scaleup_link_count
        · Σ_j S_j(scaleup_gpus, nvlink_asic_radix_count, scaleup_tier_count)
        / nvlink_switch_asic_count  (0 if scaleup_tier_count = 1 and
        scaleup_switch_power_w = 0)

    Parameters
    ----------
    gpu_count : numeric
        [count].
    scaleup_gpus : numeric
        [GPU].
    scaleup_tier_count, gpu_scaleup_link_count, nvlink_asic_radix_count : numeric
        [count].
    nvlink_switch_asic_count : numeric
        ASICs per tray [count].
    scaleup_switch_power_w : numeric
        Power of the NVLink switch trays inside one system (0 for HGX) [W].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(scaleup_switch_tray_count(72, 72, 1, 18, 72, 2, 15_500))  # NVL72: 9 trays
    9
    >>> int(scaleup_switch_tray_count(576, 576, 2, 18, 72, 2, 15_500))  # NVL576: 216
    216
    """
    domains = np.ceil(np.asarray(gpu_count, dtype=float) / scaleup_gpus - _EPS)
    trays = domains * _trays_per_domain(
        scaleup_gpus,
        scaleup_tier_count,
        gpu_scaleup_link_count,
        nvlink_asic_radix_count,
        nvlink_switch_asic_count,
    )
    on_board = (np.asarray(scaleup_tier_count) <= 1) & (np.asarray(scaleup_switch_power_w) <= 0)
    return np.where(on_board, 0.0, np.ceil(trays - _EPS))


def scaleup_extension_tray_count(
    scaleup_switch_tray_count, gpu_count, scaleup_domain_gpus, gpu_scaleup_link_count,
    nvlink_asic_radix_count, nvlink_switch_asic_count, scaleup_switch_power_w,
):  # fmt: skip
    """NVLink switch trays beyond those the systems bring: the cost of a larger domain.

    scaleup_extension_tray_count = max(0, scaleup_switch_tray_count − trays of the systems'
        own single-tier domains)

    Parameters
    ----------
    scaleup_switch_tray_count : numeric
        [count].
    gpu_count : numeric
        [count].
    scaleup_domain_gpus : numeric
        The system's own domain [count].
    gpu_scaleup_link_count, nvlink_asic_radix_count, nvlink_switch_asic_count : numeric
        [count].
    scaleup_switch_power_w : numeric
        Power of the trays inside one system (0: switches on the baseboard) [W].

    Returns
    -------
    numeric
        [count].
    """
    domains = np.ceil(np.asarray(gpu_count, dtype=float) / scaleup_domain_gpus - _EPS)
    own = domains * _trays_per_domain(
        scaleup_domain_gpus,
        1.0,
        gpu_scaleup_link_count,
        nvlink_asic_radix_count,
        nvlink_switch_asic_count,
    )
    own = np.where(np.asarray(scaleup_switch_power_w) > 0, np.ceil(own - _EPS), 0.0)
    return np.maximum(scaleup_switch_tray_count - own, 0.0)


def scaleup_extension_power_mw(scaleup_extension_tray_count, nvlink_switch_power_w):
    """Power of the NVLink switch trays added to extend the scale-up domain.

    scaleup_extension_power_mw = scaleup_extension_tray_count · nvlink_switch_power_w / 1e6

    Parameters
    ----------
    scaleup_extension_tray_count : numeric
        [count].
    nvlink_switch_power_w : numeric
        One tray [W].

    Returns
    -------
    numeric
        [MW].
    """
    return scaleup_extension_tray_count * nvlink_switch_power_w / W_PER_MW


def scaleup_extension_capex_usd(scaleup_extension_tray_count, nvlink_switch_price_usd):
    """Capex of the NVLink switch trays added to extend the scale-up domain.

    scaleup_extension_capex_usd = scaleup_extension_tray_count · nvlink_switch_price_usd

    Parameters
    ----------
    scaleup_extension_tray_count : numeric
        [count].
    nvlink_switch_price_usd : numeric
        One tray [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return scaleup_extension_tray_count * nvlink_switch_price_usd


def scaleup_latency_us(scaleup_tier_count, nvlink_switch_latency_ns):
    """One crossing of the scale-up domain: up and down its NVLink switch tiers.

    scaleup_latency_us = (2·scaleup_tier_count − 1) · nvlink_switch_latency_ns / 1000

    Parameters
    ----------
    scaleup_tier_count : numeric
        [count].
    nvlink_switch_latency_ns : numeric
        One NVLink switch ASIC [ns].

    Returns
    -------
    numeric
        [µs].
    """
    return (2.0 * np.asarray(scaleup_tier_count) - 1.0) * nvlink_switch_latency_ns / 1000.0

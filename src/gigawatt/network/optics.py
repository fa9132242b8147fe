"""Links of the scale-out network by distance class: transceivers by type, cables by class,
their power and cost.

Distance classes and the catalog optic each uses (scenario `network.optic_*`):

- rack: GPU to a top-of-rack leaf, passive copper (DAC, ≤ 2 m, no module power);
- row: GPU to a leaf in a neighbouring rack, active electrical cable (AEC, ≤ 7 m);
- hall: optical links inside a building (GPU to an end-of-row rail leaf, and every
  switch-to-switch link): a switch-side module (`optic_hall`) at each switch end, a NIC-side
  module (`optic_nic`) at the GPU end, and one fibre cable (`fibre`) per link;
- campus: single-mode links between buildings (`optic_campus` at both ends).

Module counts follow capacity: a link at `port_gbps` uses port_gbps / optic_gbps of a
module at each end (a twin-port 800G module serves two 400G links, or four 200G links with
splitter fibres), so planes that split a GPU's bandwidth into slower ports do not multiply
the optics. Cables (DAC, AEC) count the same way per cable.

References
----------
.. [1] NVIDIA, "400G/100G-PAM4 transceivers and fiber details" (docs.nvidia.com/networking,
   2025): twin-port 800G OSFP modules link two 400G or four 200G ports; multimode up to
   50 m, single-mode 100 m / 500 m / 2 km.
.. [2] FiberMall (via reference network.md §2): H100 + ConnectX-7 + QM9700 two-tier fabric
   = 1 × 400G NIC module + 1.5 × 800G twin-port modules per GPU.
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import W_PER_MW

_EPS = 1e-9


def _modules(links, port_gbps, optic_gbps):
    return np.ceil(np.asarray(links, dtype=float) * port_gbps / optic_gbps - _EPS)


def endpoint_link_count(fabric_spec, fabric_count):
    """Links between GPUs' NIC ports and the leaves, all fabrics.

    endpoint_link_count = fabric_count · E_1

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].
    fabric_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return fabric_count * fabric_spec.links[0]


def switch_link_count(fabric_spec, fabric_count):
    """Links between switch tiers inside the buildings, all fabrics.

    switch_link_count = fabric_count · Σ_{j≥2} E_j

    Parameters
    ----------
    fabric_spec : Fabric
        [spec].
    fabric_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return fabric_count * fabric_spec.links[1:].sum(axis=0)


def rack_link_frac(topology_name, gpus_per_system, systems_per_rack, leaf_down_ports_count):
    """Share of GPU-to-leaf links inside the rack: a fat tree whose rack fits under one
    top-of-rack leaf (rail-optimized and rail-only leaves serve many racks, end of row).

    rack_link_frac = 1 if topology_name = fat-tree and gpus_per_system · systems_per_rack
        ≤ leaf_down_ports_count, else 0

    Parameters
    ----------
    topology_name : str or array of str
        [name].
    gpus_per_system, systems_per_rack : numeric
        [count].
    leaf_down_ports_count : numeric
        [count].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] Meta RoCE clusters: DAC from each server to its rack's RTSW (Gangidi et al.,
       SIGCOMM'24, via reference network.md §1).
    """
    tor = np.asarray(gpus_per_system) * systems_per_rack <= np.asarray(leaf_down_ports_count)
    return np.where((np.asarray(topology_name) == "fat-tree") & tor, 1.0, 0.0)


def row_link_frac(topology_name, rack_link_frac):
    """Share of GPU-to-leaf links to a leaf in a neighbouring rack (a fat tree whose rack
    does not fit under one leaf, e.g. NVL72 racks of 72 GPUs on 64-port leaves).

    row_link_frac = 1 − rack_link_frac if topology_name = fat-tree, else 0

    Parameters
    ----------
    topology_name : str or array of str
        [name].
    rack_link_frac : numeric
        [1].

    Returns
    -------
    numeric
        [1].
    """
    return np.where(np.asarray(topology_name) == "fat-tree", 1.0 - np.asarray(rack_link_frac), 0.0)


def rack_cable_count(endpoint_link_count, rack_link_frac, port_gbps, rack_optic_gbps):
    """Passive copper cables (DAC) from GPUs to a leaf in the same rack.

    rack_cable_count = ceil(endpoint_link_count · rack_link_frac · port_gbps / rack_optic_gbps)

    Parameters
    ----------
    endpoint_link_count : numeric
        [count].
    rack_link_frac : numeric
        [1].
    port_gbps : numeric
        [Gb/s].
    rack_optic_gbps : numeric
        Capacity of one in-rack cable (800G DAC splits to 2 × 400G) [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    return _modules(endpoint_link_count * rack_link_frac, port_gbps, rack_optic_gbps)


def row_cable_count(endpoint_link_count, row_link_frac, port_gbps, row_optic_gbps):
    """Active electrical cables (AEC) from GPUs to a leaf in a neighbouring rack.

    row_cable_count = ceil(endpoint_link_count · row_link_frac · port_gbps / row_optic_gbps)

    Parameters
    ----------
    endpoint_link_count : numeric
        [count].
    row_link_frac : numeric
        [1].
    port_gbps : numeric
        [Gb/s].
    row_optic_gbps : numeric
        Capacity of one AEC [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    return _modules(endpoint_link_count * row_link_frac, port_gbps, row_optic_gbps)


def hall_link_count(endpoint_link_count, rack_link_frac, row_link_frac, switch_link_count):
    """Optical links inside the buildings: GPU links to end-of-row leaves and every
    switch-to-switch link (one fibre cable each).

    hall_link_count = endpoint_link_count · (1 − rack_link_frac − row_link_frac)
        + switch_link_count

    Parameters
    ----------
    endpoint_link_count : numeric
        [count].
    rack_link_frac, row_link_frac : numeric
        [1].
    switch_link_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return endpoint_link_count * (1.0 - rack_link_frac - row_link_frac) + switch_link_count


def nic_transceiver_count(
    endpoint_link_count, rack_link_frac, row_link_frac, port_gbps, nic_optic_gbps
):
    """NIC-side modules of the optical GPU-to-leaf links.

    nic_transceiver_count = ceil(endpoint_link_count · (1 − rack_link_frac − row_link_frac)
        · port_gbps / nic_optic_gbps)

    Parameters
    ----------
    endpoint_link_count : numeric
        [count].
    rack_link_frac, row_link_frac : numeric
        [1].
    port_gbps : numeric
        [Gb/s].
    nic_optic_gbps : numeric
        Capacity of one NIC-side module [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    optical = endpoint_link_count * (1.0 - rack_link_frac - row_link_frac)
    return _modules(optical, port_gbps, nic_optic_gbps)


def hall_transceiver_count(hall_link_count, switch_link_count, port_gbps, hall_optic_gbps):
    """Switch-side modules inside the buildings: one end of every optical GPU link, both
    ends of every switch-to-switch link.

    hall_transceiver_count = ceil((hall_link_count + switch_link_count) · port_gbps
        / hall_optic_gbps)

    Parameters
    ----------
    hall_link_count : numeric
        Optical links inside the buildings [count].
    switch_link_count : numeric
        Of which switch-to-switch (two switch ends) [count].
    port_gbps : numeric
        [Gb/s].
    hall_optic_gbps : numeric
        Capacity of one switch-side module (twin-port 800G) [Gb/s].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(hall_transceiver_count(2_048, 1_024, 400, 800))  # FiberMall: 1.5 per GPU
    1536
    """
    return _modules(hall_link_count + switch_link_count, port_gbps, hall_optic_gbps)


def campus_transceiver_count(campus_link_count, port_gbps, campus_optic_gbps):
    """Single-mode modules at both ends of the links between buildings.

    campus_transceiver_count = ceil(2 · campus_link_count · port_gbps / campus_optic_gbps)

    Parameters
    ----------
    campus_link_count : numeric
        [count].
    port_gbps : numeric
        [Gb/s].
    campus_optic_gbps : numeric
        [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    return _modules(2.0 * np.asarray(campus_link_count), port_gbps, campus_optic_gbps)


def transceiver_count(nic_transceiver_count, hall_transceiver_count, campus_transceiver_count):
    """Optical modules of the scale-out network, all types.

    transceiver_count = nic_transceiver_count + hall_transceiver_count
        + campus_transceiver_count

    Parameters
    ----------
    nic_transceiver_count, hall_transceiver_count, campus_transceiver_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return nic_transceiver_count + hall_transceiver_count + campus_transceiver_count


def cable_count(rack_cable_count, row_cable_count, hall_link_count, campus_link_count):
    """Cables of the scale-out network, all distance classes (copper, AEC, fibre in the
    halls, single-mode fibre between buildings).

    cable_count = rack_cable_count + row_cable_count + hall_link_count + campus_link_count

    Parameters
    ----------
    rack_cable_count, row_cable_count, hall_link_count, campus_link_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    return rack_cable_count + row_cable_count + hall_link_count + campus_link_count


def optics_power_mw(
    nic_transceiver_count, nic_optic_power_w, hall_transceiver_count, hall_optic_power_w,
    campus_transceiver_count, campus_optic_power_w, rack_cable_count, rack_optic_power_w,
    row_cable_count, row_optic_power_w,
):  # fmt: skip
    """Power of the scale-out optics and active cables.

    optics_power_mw = (nic_transceiver_count · nic_optic_power_w + hall_transceiver_count
        · hall_optic_power_w + campus_transceiver_count · campus_optic_power_w
        + rack_cable_count · rack_optic_power_w + row_cable_count · row_optic_power_w) / 1e6

    Parameters
    ----------
    nic_transceiver_count, hall_transceiver_count, campus_transceiver_count : numeric
        [count].
    rack_cable_count, row_cable_count : numeric
        [count].
    nic_optic_power_w, hall_optic_power_w, campus_optic_power_w : numeric
        One module [W].
    rack_optic_power_w, row_optic_power_w : numeric
        One cable (0 for passive copper) [W].

    Returns
    -------
    numeric
        [MW].
    """
    watts = (
        nic_transceiver_count * nic_optic_power_w
        + hall_transceiver_count * hall_optic_power_w
        + campus_transceiver_count * campus_optic_power_w
        + rack_cable_count * rack_optic_power_w
        + row_cable_count * row_optic_power_w
    )
    return watts / W_PER_MW


def optics_capex_usd(
    nic_transceiver_count, nic_optic_price_usd, hall_transceiver_count, hall_optic_price_usd,
    campus_transceiver_count, campus_optic_price_usd, rack_cable_count, rack_optic_price_usd,
    row_cable_count, row_optic_price_usd, hall_link_count, campus_link_count,
    fibre_optic_price_usd,
):  # fmt: skip
    """Capex of the scale-out optics and cables, fibre included.

    optics_capex_usd = nic_transceiver_count · nic_optic_price_usd + hall_transceiver_count
        · hall_optic_price_usd + campus_transceiver_count · campus_optic_price_usd
        + rack_cable_count · rack_optic_price_usd + row_cable_count · row_optic_price_usd
        + (hall_link_count + campus_link_count) · fibre_optic_price_usd

    Parameters
    ----------
    nic_transceiver_count, hall_transceiver_count, campus_transceiver_count : numeric
        [count].
    rack_cable_count, row_cable_count, hall_link_count, campus_link_count : numeric
        [count].
    nic_optic_price_usd, hall_optic_price_usd, campus_optic_price_usd : numeric
        One module [USD].
    rack_optic_price_usd, row_optic_price_usd, fibre_optic_price_usd : numeric
        One cable [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return (
        nic_transceiver_count * nic_optic_price_usd
        + hall_transceiver_count * hall_optic_price_usd
        + campus_transceiver_count * campus_optic_price_usd
        + rack_cable_count * rack_optic_price_usd
        + row_cable_count * row_optic_price_usd
        + (hall_link_count + campus_link_count) * fibre_optic_price_usd
    )


def endpoint_link_m(
    rack_link_frac, rack_optic_reach_m, row_link_frac, row_optic_reach_m, hall_link_m
):
    """Typical length of a GPU-to-leaf link: the cable's reach in the rack or the row, the
    typical in-hall run otherwise (for latency).

    endpoint_link_m = rack_link_frac · rack_optic_reach_m + row_link_frac · row_optic_reach_m
        + (1 − rack_link_frac − row_link_frac) · hall_link_m

    Parameters
    ----------
    rack_link_frac, row_link_frac : numeric
        [1].
    rack_optic_reach_m, row_optic_reach_m : numeric
        Reach of the in-rack and in-row cables [m].
    hall_link_m : numeric
        Typical optical run inside a building [m].

    Returns
    -------
    numeric
        [m].
    """
    optical = 1.0 - rack_link_frac - row_link_frac
    return (
        rack_link_frac * rack_optic_reach_m
        + row_link_frac * row_optic_reach_m
        + optical * hall_link_m
    )

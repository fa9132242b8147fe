"""Training storage and its front-end network: checkpoint size, capacity, bandwidth, servers,
the fabric joining the GPU hosts' front-end ports to the storage servers, power and cost.

The storage system is sized by whichever binds: capacity (kept checkpoints plus the data
set) or bandwidth (one checkpoint written in the target time while the data set streams).
Checkpoints reach it over the front-end network: a fat tree (`fattree`) of the storage
switch over every host front-end port and every storage-server port, oversubscribed above
the leaf as front-end fabrics usually are.

References
----------
.. [1] A. Grattafiori et al., "The Llama 3 herd of models", arXiv 2407.21783 (2024) §3.3.4:
   Tectonic, 240 PB on 7,500 SSD servers, 2 TB/s sustained and 7 TB/s peak throughput.
.. [2] BigScience, "BLOOM: a 176B-parameter open-access multilingual language model",
   arXiv 2211.05100 (2022): 2.3 TB checkpoints written in about 40 s on GPFS.
.. [3] S. Rajbhandari et al., "ZeRO: memory optimizations toward training trillion
   parameter models", SC'20, arXiv 1910.02054: 16 B of model state per parameter with
   mixed-precision Adam.
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import W_PER_MW

_EPS = 1e-9
GB_PER_PB = 1.0e6


def checkpoint_size_gb(param_count, checkpoint_bytes_per_param_b):
    """Size of one full checkpoint of the training job, optimizer state included.

    checkpoint_size_gb = param_count · checkpoint_bytes_per_param_b / 1e9

    Parameters
    ----------
    param_count : numeric
        Model parameters [count].
    checkpoint_bytes_per_param_b : numeric
        Bytes saved per parameter (weights plus optimizer state) [B].

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


def storage_write_needed_gb_per_s(checkpoint_size_gb, checkpoint_write_target_s):
    """Write bandwidth that persists one checkpoint in the target time.

    storage_write_needed_gb_per_s = checkpoint_size_gb / checkpoint_write_target_s

    Parameters
    ----------
    checkpoint_size_gb : numeric
        [GB].
    checkpoint_write_target_s : numeric
        [s].

    Returns
    -------
    numeric
        [GB/s].

    Examples
    --------
    >>> round(float(storage_write_needed_gb_per_s(160_000, 60)))  # 10T params, 60 s
    2667
    """
    return checkpoint_size_gb / checkpoint_write_target_s


def dataset_read_gb_per_s(gpu_count, dataset_gb_per_s_per_gpu):
    """Read bandwidth the training data needs, all GPUs.

    dataset_read_gb_per_s = gpu_count · dataset_gb_per_s_per_gpu

    Parameters
    ----------
    gpu_count : numeric
        [count].
    dataset_gb_per_s_per_gpu : numeric
        [GB/s/GPU].

    Returns
    -------
    numeric
        [GB/s].
    """
    return gpu_count * dataset_gb_per_s_per_gpu


def storage_capacity_pb(checkpoint_size_gb, checkpoints_kept_count, dataset_pb):
    """Usable capacity when the scenario does not set it: the kept checkpoints and the data.

    storage_capacity_pb = checkpoints_kept_count · checkpoint_size_gb / 1e6 + dataset_pb

    Parameters
    ----------
    checkpoint_size_gb : numeric
        [GB].
    checkpoints_kept_count : numeric
        [count].
    dataset_pb : numeric
        Training data and other files [PB].

    Returns
    -------
    numeric
        [PB].
    """
    return checkpoints_kept_count * checkpoint_size_gb / GB_PER_PB + dataset_pb


def storage_server_count(
    storage_capacity_pb, storage_server_tb, storage_write_needed_gb_per_s,
    dataset_read_gb_per_s, storage_server_gb_per_s,
):  # fmt: skip
    """Storage servers: enough for the capacity and for the bandwidth, whichever binds.

    storage_server_count = ceil(max(1000 · storage_capacity_pb / storage_server_tb,
        (storage_write_needed_gb_per_s + dataset_read_gb_per_s) / storage_server_gb_per_s))

    Parameters
    ----------
    storage_capacity_pb : numeric
        [PB].
    storage_server_tb : numeric
        Usable capacity per server [TB].
    storage_write_needed_gb_per_s, dataset_read_gb_per_s : numeric
        [GB/s].
    storage_server_gb_per_s : numeric
        Sustained bandwidth of one server [GB/s].

    Returns
    -------
    numeric
        [count].

    Examples
    --------
    >>> int(storage_server_count(240, 32, 0, 0, 0.93))  # Llama 3: 240 PB on 7,500 servers
    7500
    """
    by_capacity = 1000.0 * np.asarray(storage_capacity_pb) / storage_server_tb
    by_bandwidth = (storage_write_needed_gb_per_s + dataset_read_gb_per_s) / storage_server_gb_per_s
    return np.ceil(np.maximum(by_capacity, by_bandwidth) - _EPS)


def storage_write_gb_per_s(storage_server_count, storage_server_gb_per_s):
    """Aggregate write bandwidth of the storage system.

    storage_write_gb_per_s = storage_server_count · storage_server_gb_per_s

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_gb_per_s : numeric
        [GB/s].

    Returns
    -------
    numeric
        [GB/s].
    """
    return storage_server_count * storage_server_gb_per_s


def storage_server_port_count(storage_server_gb_per_s, frontend_port_gbps):
    """Front-end ports of one storage server: enough for its bandwidth, at least one.

    storage_server_port_count = max(1, ceil(8 · storage_server_gb_per_s / frontend_port_gbps))

    Parameters
    ----------
    storage_server_gb_per_s : numeric
        [GB/s].
    frontend_port_gbps : numeric
        [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    return np.maximum(
        np.ceil(8.0 * np.asarray(storage_server_gb_per_s) / frontend_port_gbps - _EPS), 1.0
    )


def frontend_endpoint_count(
    system_count, frontend_gbps_per_system, frontend_port_gbps, storage_server_count,
    storage_server_port_count,
):  # fmt: skip
    """Ports on the front-end (storage) fabric: the hosts' front-end ports and the servers'.

    frontend_endpoint_count = system_count · ceil(frontend_gbps_per_system / frontend_port_gbps)
        + storage_server_count · storage_server_port_count

    Parameters
    ----------
    system_count : numeric
        [count].
    frontend_gbps_per_system : numeric
        Front-end bandwidth of one system [Gb/s].
    frontend_port_gbps : numeric
        [Gb/s].
    storage_server_count, storage_server_port_count : numeric
        [count].

    Returns
    -------
    numeric
        [count].
    """
    per_system = np.ceil(np.asarray(frontend_gbps_per_system) / frontend_port_gbps - _EPS)
    return system_count * per_system + storage_server_count * storage_server_port_count


def frontend_switch_count(frontend_fabric_spec):
    """Switches of the front-end fabric, every tier.

    frontend_switch_count = Σ_j S_j

    Parameters
    ----------
    frontend_fabric_spec : Fabric
        [spec].

    Returns
    -------
    numeric
        [count].
    """
    return frontend_fabric_spec.total_switches()


def frontend_link_count(frontend_fabric_spec):
    """Links of the front-end fabric (one fibre cable each).

    frontend_link_count = Σ_j E_j

    Parameters
    ----------
    frontend_fabric_spec : Fabric
        [spec].

    Returns
    -------
    numeric
        [count].
    """
    return frontend_fabric_spec.total_links()


def frontend_nic_transceiver_count(frontend_fabric_spec, frontend_port_gbps, nic_optic_gbps):
    """Host- and server-side modules of the front-end fabric.

    frontend_nic_transceiver_count = ceil(E_1 · frontend_port_gbps / nic_optic_gbps)

    Parameters
    ----------
    frontend_fabric_spec : Fabric
        [spec].
    frontend_port_gbps, nic_optic_gbps : numeric
        [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    return np.ceil(frontend_fabric_spec.links[0] * frontend_port_gbps / nic_optic_gbps - _EPS)


def frontend_switch_transceiver_count(frontend_fabric_spec, frontend_port_gbps, hall_optic_gbps):
    """Switch-side modules of the front-end fabric (one per endpoint link, two per
    switch-to-switch link).

    frontend_switch_transceiver_count = ceil((E_1 + 2 · Σ_{j≥2} E_j) · frontend_port_gbps
        / hall_optic_gbps)

    Parameters
    ----------
    frontend_fabric_spec : Fabric
        [spec].
    frontend_port_gbps, hall_optic_gbps : numeric
        [Gb/s].

    Returns
    -------
    numeric
        [count].
    """
    links = frontend_fabric_spec.links
    ends = links[0] + 2.0 * links[1:].sum(axis=0)
    return np.ceil(ends * frontend_port_gbps / hall_optic_gbps - _EPS)


def frontend_power_mw(
    frontend_switch_count, frontend_switch_power_w, frontend_nic_transceiver_count,
    nic_optic_power_w, frontend_switch_transceiver_count, hall_optic_power_w,
):  # fmt: skip
    """Power of the front-end fabric: switches and optics.

    frontend_power_mw = (frontend_switch_count · frontend_switch_power_w
        + frontend_nic_transceiver_count · nic_optic_power_w
        + frontend_switch_transceiver_count · hall_optic_power_w) / 1e6

    Parameters
    ----------
    frontend_switch_count, frontend_nic_transceiver_count : numeric
        [count].
    frontend_switch_transceiver_count : numeric
        [count].
    frontend_switch_power_w, nic_optic_power_w, hall_optic_power_w : numeric
        [W].

    Returns
    -------
    numeric
        [MW].
    """
    watts = (
        frontend_switch_count * frontend_switch_power_w
        + frontend_nic_transceiver_count * nic_optic_power_w
        + frontend_switch_transceiver_count * hall_optic_power_w
    )
    return watts / W_PER_MW


def frontend_capex_usd(
    frontend_switch_count, frontend_switch_price_usd, frontend_nic_transceiver_count,
    nic_optic_price_usd, frontend_switch_transceiver_count, hall_optic_price_usd,
    frontend_link_count, fibre_optic_price_usd,
):  # fmt: skip
    """Capex of the front-end fabric: switches, optics and fibre.

    frontend_capex_usd = frontend_switch_count · frontend_switch_price_usd
        + frontend_nic_transceiver_count · nic_optic_price_usd
        + frontend_switch_transceiver_count · hall_optic_price_usd
        + frontend_link_count · fibre_optic_price_usd

    Parameters
    ----------
    frontend_switch_count, frontend_nic_transceiver_count : numeric
        [count].
    frontend_switch_transceiver_count, frontend_link_count : numeric
        [count].
    frontend_switch_price_usd, nic_optic_price_usd, hall_optic_price_usd : numeric
        [USD].
    fibre_optic_price_usd : numeric
        One fibre cable [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return (
        frontend_switch_count * frontend_switch_price_usd
        + frontend_nic_transceiver_count * nic_optic_price_usd
        + frontend_switch_transceiver_count * hall_optic_price_usd
        + frontend_link_count * fibre_optic_price_usd
    )


def storage_network_gb_per_s(
    system_count, frontend_gbps_per_system, storage_server_count, storage_server_port_count,
    frontend_port_gbps, frontend_oversubscription_ratio,
):  # fmt: skip
    """Bandwidth from the GPU hosts to the storage servers across the front-end fabric: the
    smaller side's ports, divided by the oversubscription above the leaf.

    storage_network_gb_per_s = min(system_count · frontend_gbps_per_system,
        storage_server_count · storage_server_port_count · frontend_port_gbps)
        / 8 / frontend_oversubscription_ratio

    Parameters
    ----------
    system_count, storage_server_count, storage_server_port_count : numeric
        [count].
    frontend_gbps_per_system, frontend_port_gbps : numeric
        [Gb/s].
    frontend_oversubscription_ratio : numeric
        [1].

    Returns
    -------
    numeric
        [GB/s].
    """
    hosts = system_count * np.asarray(frontend_gbps_per_system, dtype=float)
    servers = storage_server_count * storage_server_port_count * np.asarray(frontend_port_gbps)
    return np.minimum(hosts, servers) / 8.0 / frontend_oversubscription_ratio


def checkpoint_write_s(checkpoint_size_gb, storage_write_gb_per_s, storage_network_gb_per_s):
    """Time to write one checkpoint at the slower of the storage servers and the network.

    checkpoint_write_s = checkpoint_size_gb / min(storage_write_gb_per_s,
        storage_network_gb_per_s)

    Parameters
    ----------
    checkpoint_size_gb : numeric
        [GB].
    storage_write_gb_per_s, storage_network_gb_per_s : numeric
        [GB/s].

    Returns
    -------
    numeric
        [s].

    Examples
    --------
    >>> round(float(checkpoint_write_s(2300.0, 57.5, 1e9)))  # BLOOM: 2.3 TB in 40 s
    40
    """
    return checkpoint_size_gb / np.minimum(storage_write_gb_per_s, storage_network_gb_per_s)


def storage_power_mw(storage_server_count, storage_server_power_w, frontend_power_mw):
    """Power of the storage system: servers and their front-end network.

    storage_power_mw = storage_server_count · storage_server_power_w / 1e6 + frontend_power_mw

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_power_w : numeric
        [W].
    frontend_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return storage_server_count * storage_server_power_w / W_PER_MW + frontend_power_mw


def storage_capex_usd(storage_server_count, storage_server_price_usd, frontend_capex_usd):
    """Capex of the storage system: servers and their front-end network.

    storage_capex_usd = storage_server_count · storage_server_price_usd + frontend_capex_usd

    Parameters
    ----------
    storage_server_count : numeric
        [count].
    storage_server_price_usd, frontend_capex_usd : numeric
        [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return storage_server_count * storage_server_price_usd + frontend_capex_usd

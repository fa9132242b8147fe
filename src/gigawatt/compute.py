"""Compute: systems, racks, GPUs, peak FLOP/s and memory of the campus.

Functions take numbers or numpy arrays and return the same kind.
"""

from __future__ import annotations

import numpy as np


def system_count(target_gpu_count, gpus_per_system):
    """Whole systems needed for the requested GPUs.

    system_count = ceil(target_gpu_count / gpus_per_system)

    Parameters
    ----------
    target_gpu_count : numeric
        GPUs requested [count].
    gpus_per_system : numeric
        GPUs in one system (8 for HGX/OAM, 72 for NVL72) [count].

    Returns
    -------
    numeric
        Systems [count].

    Examples
    --------
    >>> int(system_count(550_000, 72))
    7639
    """
    return np.ceil(np.asarray(target_gpu_count) / gpus_per_system - 1e-9)


def gpu_count(system_count, gpus_per_system):
    """GPUs installed: whole systems times GPUs per system.

    gpu_count = system_count · gpus_per_system

    Parameters
    ----------
    system_count : numeric
        Systems [count].
    gpus_per_system : numeric
        GPUs in one system [count].

    Returns
    -------
    numeric
        GPUs [count].
    """
    return system_count * gpus_per_system


def rack_count(system_count, systems_per_rack):
    """Racks holding the systems.

    rack_count = ceil(system_count / systems_per_rack)

    Parameters
    ----------
    system_count : numeric
        Systems [count].
    systems_per_rack : numeric
        Systems per rack (8 HGX H100 servers per rack at xAI Colossus 1; 1 NVL72) [count].

    Returns
    -------
    numeric
        Racks [count].

    References
    ----------
    .. [1] ServeTheHome, "Inside the 100K GPU xAI Colossus cluster", 2024 (8 x 4U HGX H100
       servers = 64 GPUs per rack).
    """
    return np.ceil(np.asarray(system_count) / systems_per_rack - 1e-9)


def scaleup_domain_count(gpu_count, scaleup_domain_gpus):
    """Scale-up (NVLink / Infinity Fabric) domains.

    scaleup_domain_count = gpu_count / scaleup_domain_gpus

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    scaleup_domain_gpus : numeric
        GPUs in one scale-up domain (8 HGX, 72 NVL72) [count].

    Returns
    -------
    numeric
        Domains [count].
    """
    return np.ceil(np.asarray(gpu_count) / scaleup_domain_gpus - 1e-9)


def peak_bf16_flop_per_s(gpu_count, gpu_bf16_flop_per_s):
    """Dense BF16 peak of the campus.

    peak_bf16_flop_per_s = gpu_count · gpu_bf16_flop_per_s

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    gpu_bf16_flop_per_s : numeric
        Dense (no sparsity) BF16 peak of one GPU [FLOP/s].

    Returns
    -------
    numeric
        [FLOP/s].

    Examples
    --------
    >>> f"{peak_bf16_flop_per_s(100_000, 989e12):.3g}"  # 100k H100: 98.9 EFLOP/s
    '9.89e+19'
    """
    return gpu_count * gpu_bf16_flop_per_s


def peak_fp8_flop_per_s(gpu_count, gpu_fp8_flop_per_s):
    """Dense FP8 peak of the campus (0 where the GPU has no FP8 tensor cores).

    peak_fp8_flop_per_s = gpu_count · gpu_fp8_flop_per_s

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    gpu_fp8_flop_per_s : numeric
        Dense FP8 peak of one GPU [FLOP/s].

    Returns
    -------
    numeric
        [FLOP/s].
    """
    return gpu_count * gpu_fp8_flop_per_s


def peak_fp4_flop_per_s(gpu_count, gpu_fp4_flop_per_s):
    """Dense FP4 peak of the campus (0 where the GPU has no FP4 tensor cores).

    peak_fp4_flop_per_s = gpu_count · gpu_fp4_flop_per_s

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    gpu_fp4_flop_per_s : numeric
        Dense FP4 peak of one GPU [FLOP/s].

    Returns
    -------
    numeric
        [FLOP/s].
    """
    return gpu_count * gpu_fp4_flop_per_s


def hbm_total_tb(gpu_count, gpu_hbm_gb):
    """High-bandwidth memory of the campus.

    hbm_total_tb = gpu_count · gpu_hbm_gb / 1000

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    gpu_hbm_gb : numeric
        HBM per GPU [GB].

    Returns
    -------
    numeric
        [TB].
    """
    return gpu_count * gpu_hbm_gb / 1000.0

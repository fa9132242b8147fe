"""Power: IT load by item, electrical distribution losses and facility power (PUE is an output).

The design (peak) load sizes the building and the supply; the average load sets energy.
"""

from __future__ import annotations

from gigawatt.units import W_PER_MW


def gpu_power_mw(gpu_count, gpu_tdp_w):
    """Design power of the GPUs at their maximum board power.

    gpu_power_mw = gpu_count · gpu_tdp_w / 1e6

    Parameters
    ----------
    gpu_count : numeric
        GPUs [count].
    gpu_tdp_w : numeric
        Maximum board power of one GPU (H100 SXM 700 W, GB200 1,200 W) [W].

    Returns
    -------
    numeric
        [MW].
    """
    return gpu_count * gpu_tdp_w / W_PER_MW


def host_power_mw(system_count, system_power_w, gpus_per_system, gpu_tdp_w, scaleup_switch_power_w):
    """Design power of everything in a system except its GPUs and scale-up switch trays
    (CPUs, memory, NICs, fans, in-system conversion).

    host_power_mw = system_count · (system_power_w − gpus_per_system
        · gpu_tdp_w − scaleup_switch_power_w) / 1e6

    Parameters
    ----------
    system_count : numeric
        Systems [count].
    system_power_w : numeric
        Maximum power of one system (DGX H100: 10.2 kW) [W].
    gpus_per_system : numeric
        [count].
    gpu_tdp_w : numeric
        [W].
    scaleup_switch_power_w : numeric
        Part of `system_power_w` drawn by separate scale-up switch trays [W].

    Returns
    -------
    numeric
        [MW].
    """
    per_system = system_power_w - gpus_per_system * gpu_tdp_w - scaleup_switch_power_w
    return system_count * per_system / W_PER_MW


def scaleup_switch_power_mw(system_count, scaleup_switch_power_w):
    """Design power of the scale-up (NVLink) switch trays.

    scaleup_switch_power_mw = system_count · scaleup_switch_power_w / 1e6

    Parameters
    ----------
    system_count : numeric
        Systems [count].
    scaleup_switch_power_w : numeric
        Scale-up switch power per system [W].

    Returns
    -------
    numeric
        [MW].
    """
    return system_count * scaleup_switch_power_w / W_PER_MW


def it_power_mw(
    gpu_power_mw, host_power_mw, scaleup_switch_power_mw, network_power_mw, storage_power_mw
):
    """Design (peak) IT load: the critical load the building and supply are sized for.

    it_power_mw = gpu_power_mw + host_power_mw + scaleup_switch_power_mw + network_power_mw
        + storage_power_mw

    Parameters
    ----------
    gpu_power_mw, host_power_mw, scaleup_switch_power_mw, network_power_mw,
    storage_power_mw : numeric
        Design power of each item [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return (
        gpu_power_mw + host_power_mw + scaleup_switch_power_mw + network_power_mw + storage_power_mw
    )


def it_power_avg_mw(it_power_mw, avg_power_frac):
    """Average IT load while training.

    it_power_avg_mw = it_power_mw · avg_power_frac

    Parameters
    ----------
    it_power_mw : numeric
        Design IT load [MW].
    avg_power_frac : numeric
        Average draw as a fraction of maximum [1].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_mw * avg_power_frac


def distribution_eff_frac(
    transformer_eff_frac, switchgear_eff_frac, ups_eff_frac, cable_eff_frac, pdu_eff_frac
):
    """Efficiency of the power chain from the utility/generator bus to the IT equipment.

    distribution_eff_frac = transformer_eff_frac · switchgear_eff_frac · ups_eff_frac
        · cable_eff_frac · pdu_eff_frac

    Parameters
    ----------
    transformer_eff_frac, switchgear_eff_frac, ups_eff_frac, cable_eff_frac, pdu_eff_frac : numeric
        Efficiency of each stage [1].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] acnewkirk/AI-Datacenter-Microgrid-Analysis, src/config.py (power-chain defaults).

    Examples
    --------
    >>> round(float(distribution_eff_frac(0.98, 0.99, 0.98, 0.99, 0.99)), 4)
    0.9319
    """
    return transformer_eff_frac * switchgear_eff_frac * ups_eff_frac * cable_eff_frac * pdu_eff_frac


def distribution_loss_mw(it_power_mw, distribution_eff_frac):
    """Power lost between the supply bus and the IT equipment at design load.

    distribution_loss_mw = it_power_mw · (1 / distribution_eff_frac − 1)

    Parameters
    ----------
    it_power_mw : numeric
        [MW].
    distribution_eff_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_mw * (1.0 / distribution_eff_frac - 1.0)


def distribution_loss_avg_mw(it_power_avg_mw, distribution_eff_frac):
    """Average distribution losses while training (constant-efficiency approximation).

    distribution_loss_avg_mw = it_power_avg_mw · (1 / distribution_eff_frac − 1)

    Parameters
    ----------
    it_power_avg_mw : numeric
        [MW].
    distribution_eff_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_avg_mw * (1.0 / distribution_eff_frac - 1.0)


def misc_power_mw(it_power_mw, misc_power_frac):
    """Lighting, offices and security.

    misc_power_mw = it_power_mw · misc_power_frac

    Parameters
    ----------
    it_power_mw : numeric
        [MW].
    misc_power_frac : numeric
        [1].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_mw * misc_power_frac


def facility_power_mw(it_power_mw, distribution_loss_mw, cooling_power_mw, misc_power_mw):
    """Peak facility power drawn from the supply (what the grid and generators must serve).

    facility_power_mw = it_power_mw + distribution_loss_mw + cooling_power_mw + misc_power_mw

    Parameters
    ----------
    it_power_mw, distribution_loss_mw, cooling_power_mw, misc_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_mw + distribution_loss_mw + cooling_power_mw + misc_power_mw


def facility_power_avg_mw(
    it_power_avg_mw, distribution_loss_avg_mw, cooling_power_avg_mw, misc_power_mw
):
    """Average facility power while training.

    facility_power_avg_mw = it_power_avg_mw + distribution_loss_avg_mw + cooling_power_avg_mw
        + misc_power_mw

    Parameters
    ----------
    it_power_avg_mw, distribution_loss_avg_mw, cooling_power_avg_mw, misc_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return it_power_avg_mw + distribution_loss_avg_mw + cooling_power_avg_mw + misc_power_mw


def pue(facility_power_mw, it_power_mw):
    """Power usage effectiveness at design load.

    pue = facility_power_mw / it_power_mw

    Parameters
    ----------
    facility_power_mw, it_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [1].

    References
    ----------
    .. [1] The Green Grid, "PUE: a comprehensive examination of the metric", WP#49, 2012.
    """
    return facility_power_mw / it_power_mw


def pue_annual(facility_power_avg_mw, it_power_avg_mw):
    """Annualised PUE (average facility power over average IT power).

    pue_annual = facility_power_avg_mw / it_power_avg_mw

    Parameters
    ----------
    facility_power_avg_mw, it_power_avg_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [1].
    """
    return facility_power_avg_mw / it_power_avg_mw

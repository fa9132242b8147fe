"""Network power and capex as the plan sees them (the scale-out fabric, its optics and the
NVLink trays added beyond the systems' own), and the worst-case latency.

NICs, and the NVLink switch trays inside the GPU systems, are counted with the systems
(catalog `system_power_w`, `system_price_usd`); the storage network is in `storage`.
"""

from __future__ import annotations

import numpy as np

from gigawatt.units import W_PER_MW


def network_power_mw(switch_count, switch_power_w, optics_power_mw, scaleup_extension_power_mw):
    """Power of the scale-out network: switches, optics and active cables, plus NVLink trays
    added to extend the scale-up domain.

    network_power_mw = switch_count · switch_power_w / 1e6 + optics_power_mw
        + scaleup_extension_power_mw

    Parameters
    ----------
    switch_count : numeric
        [count].
    switch_power_w : numeric
        One switch without optics [W].
    optics_power_mw, scaleup_extension_power_mw : numeric
        [MW].

    Returns
    -------
    numeric
        [MW].
    """
    return switch_count * switch_power_w / W_PER_MW + optics_power_mw + scaleup_extension_power_mw


def network_capex_usd(
    switch_count, switch_price_usd, optics_capex_usd, scaleup_extension_capex_usd
):
    """Capex of the scale-out network: switches, optics and cables, plus NVLink trays added
    to extend the scale-up domain.

    network_capex_usd = switch_count · switch_price_usd + optics_capex_usd
        + scaleup_extension_capex_usd

    Parameters
    ----------
    switch_count : numeric
        [count].
    switch_price_usd : numeric
        [USD].
    optics_capex_usd, scaleup_extension_capex_usd : numeric
        [USD].

    Returns
    -------
    numeric
        [USD].
    """
    return switch_count * switch_price_usd + optics_capex_usd + scaleup_extension_capex_usd


def latency_us(network_levels_spec):
    """One-way network latency between the two farthest GPUs: the outermost level's.

    latency_us = latency of the outermost level of network_levels_spec

    Parameters
    ----------
    network_levels_spec : Levels
        [spec].

    Returns
    -------
    numeric
        [µs].
    """
    out = network_levels_spec.latency_us[-1]
    return out if np.ndim(out) else float(out)

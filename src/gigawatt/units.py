"""Units: every quantity carries its unit as a name suffix (docs/nomenclature.md).

`unit_of(name)` reads the unit back from the name, so the name is the single source of truth.
Physical and definitional constants used by the domain functions live here too.
"""

from __future__ import annotations

from functools import lru_cache

HOURS_PER_YEAR = 8760.0
"""Hours in a (non-leap) year [h]; the convention of annual energy models (e.g. NREL ATB)."""

SECONDS_PER_DAY = 86400.0
W_PER_MW = 1.0e6
KW_PER_MW = 1.0e3
T_PER_LB = 0.45359237e-3
"""Tonnes per pound (international avoirdupois pound, exact)."""

# The longest matching suffix wins (see `unit_of`).
_SUFFIX_UNITS: tuple[tuple[str, str], ...] = (
    ("_usd_per_gpu_hour", "USD/GPU-h"),
    ("_per_gpu_hour", "1/GPU-h"),
    ("_per_day", "1/day"),
    ("_usd_per_pflop_day", "USD/PFLOP-day"),
    ("_usd_per_kw_year", "USD/kW-yr"),
    ("_usd_per_kw_month", "USD/kW-month"),
    ("_usd_per_mw_year", "USD/MW-yr"),
    ("_usd_per_mwh", "USD/MWh"),
    ("_usd_per_kwh", "USD/kWh"),
    ("_usd_per_mw", "USD/MW"),
    ("_usd_per_kw", "USD/kW"),
    ("_usd_per_mmbtu", "USD/MMBtu"),
    ("_usd_per_acre", "USD/acre"),
    ("_usd_per_year", "USD/yr"),
    ("_usd_per_month", "USD/month"),
    ("_usd", "USD"),
    ("_mmbtu_per_mwh", "MMBtu/MWh"),
    ("_mmbtu_per_year", "MMBtu/yr"),
    ("_t_per_mmbtu", "t/MMBtu"),
    ("_t_per_mwh", "t/MWh"),
    ("_t_per_year", "t/yr"),
    ("_m3_per_year", "m³/yr"),
    ("_l_per_kwh", "L/kWh"),
    ("_mwh_per_year", "MWh/yr"),
    ("_kw_per_kw", "kW/kW"),
    ("_mw_per_s", "MW/s"),
    ("_flop_per_s_per_gpu", "FLOP/s/GPU"),
    ("_flop_per_s", "FLOP/s"),
    ("_tokens_per_s", "tokens/s"),
    ("_gb_per_s_per_gpu", "GB/s/GPU"),
    ("_gb_per_s", "GB/s"),
    ("_tb_per_s", "TB/s"),
    ("_gbps", "Gb/s"),
    ("_gbps_per_gpu", "Gb/s/GPU"),
    ("_tbps", "Tb/s"),
    ("_flop", "FLOP"),
    ("_tokens", "tokens"),
    ("_mwh", "MWh"),
    ("_gw", "GW"),
    ("_mw", "MW"),
    ("_kw", "kW"),
    ("_w", "W"),
    ("_pb", "PB"),
    ("_tb", "TB"),
    ("_gb_per_gpu", "GB/GPU"),
    ("_gb", "GB"),
    ("_b", "B"),
    ("_per_param_b", "B/param"),
    ("_acres", "acre"),
    ("_racks_per_day", "rack/day"),
    ("_gpu_days", "GPU-day"),
    ("_years", "yr"),
    ("_months", "month"),
    ("_days", "day"),
    ("_h", "h"),
    ("_minutes", "min"),
    ("_s", "s"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_ns", "ns"),
    ("_ns_per_m", "ns/m"),
    ("_m", "m"),
    ("_c", "°C"),
    ("_hz", "Hz"),
    ("_frac_per_year", "1/yr"),
    ("_h_per_year", "h/yr"),
    ("_fte_per_mw", "FTE/MW"),
    ("_usd_per_fte_year", "USD/FTE-yr"),
    ("_frac", "1"),
    ("_ratio", "1"),
    ("_count", "count"),
    ("_per_system", "count/system"),
    ("_per_rack", "count/rack"),
    ("_gpus", "GPU"),
    ("_spec", "spec"),
    ("_name", "name"),
    ("_index", "index"),
)

_BY_LENGTH = sorted(_SUFFIX_UNITS, key=lambda item: -len(item[0]))

# Names that are dimensionless ratios by long-standing convention (not fractions in 0-1).
_RATIO_NAMES = frozenset({"pue", "pue_annual", "mfu", "hfu", "ettr", "wacc"})


@lru_cache(maxsize=4096)
def unit_of(name: str) -> str:
    """Unit of a quantity, read from its name suffix (cached: a plan asks for every name).

    >>> unit_of("facility_power_mw")
    'MW'
    >>> unit_of("cost_usd_per_gpu_hour")
    'USD/GPU-h'
    >>> unit_of("pue")
    '1'
    """
    if name in _RATIO_NAMES:
        return "1"
    for suffix, unit in _BY_LENGTH:
        if name.endswith(suffix):
            return unit
    raise ValueError(f"quantity name {name!r} has no unit suffix (see docs/nomenclature.md)")


def has_unit(name: str) -> bool:
    """True when `unit_of(name)` succeeds."""
    try:
        unit_of(name)
    except ValueError:
        return False
    return True

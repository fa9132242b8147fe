"""Designs a technology cannot build: each refused with the binding constraint and what would
work instead (more planes, another switch, Ethernet, IB routers between buildings, ...).

`problems` reads one evaluated design (scalar values) plus the scenario and catalog; the
campus pre-check and the comparison of alternatives call it.
"""

from __future__ import annotations

import math
from typing import Any

from gigawatt.errors import Problem
from gigawatt.network.fattree import MAX_TIERS

ETHERNET_HINT = "an Ethernet switch (network.switch = spectrum4-sn5600, tomahawk5 or tomahawk6)"


def _f(values: dict[str, Any], name: str) -> float:
    return float(values[name])


def _technology(catalog, entry_id: str) -> str:
    entry = catalog.entries.get("switch", {}).get(entry_id)
    return getattr(entry, "technology", "")


def _switch_kinds(scenario, catalog) -> list[Problem]:
    out = []
    for path, want_nvlink in (
        ("network.switch", False),
        ("storage.switch", False),
        ("network.scaleup_switch", True),
    ):
        section, field = path.split(".")
        entry_id = getattr(getattr(scenario, section), field)
        tech = _technology(catalog, entry_id)
        if want_nvlink and tech != "nvlink":
            out.append(Problem(path, f"is a {tech} switch; choose an NVLink switch tray "
                               "(e.g. nvlink5-switch-tray)", entry_id, True))  # fmt: skip
        if not want_nvlink and tech == "nvlink":
            out.append(Problem(path, "is an NVLink (scale-up) switch tray; choose a scale-out "
                               "Ethernet or InfiniBand switch", entry_id, True))  # fmt: skip
    return out


def _radix(v, prefix: str, path: str, entry_id: str, planes_field: str | None) -> list[Problem]:
    if _f(v, f"{prefix}switch_radix_count") > 0:
        return []
    port = _f(v, f"{prefix}port_gbps")
    fastest = _f(v, f"{prefix}switch_max_port_gbps")
    what = f"a switch with {port:g} Gb/s ports"
    if planes_field:
        need = math.ceil(port / fastest - 1e-9) * int(_f(v, "plane_count"))
        what += f", or {planes_field} = {need} (ports of {fastest:g} Gb/s or less)"
    return [Problem(path, f"{entry_id}'s fastest port is {fastest:g} Gb/s, slower than the "
                    f"{port:g} Gb/s port speed; use {what}", entry_id, True)]  # fmt: skip


def _endpoints(prefix: str) -> str:
    return "frontend_endpoint_count" if prefix else "fabric_endpoint_count"


def _tiers(v, scenario, prefix: str, path: str) -> list[Problem]:
    tiers = _f(v, f"{prefix}tier_count")
    n = int(_f(v, _endpoints(prefix)))
    if tiers <= MAX_TIERS and (prefix or float(v["fabric_spec"].reach()) >= n - 1e-9):
        return []
    k = int(_f(v, f"{prefix}switch_radix_count"))
    if tiers > MAX_TIERS:
        hint = (
            "use more planes (network.planes: slower ports, higher radix), a higher-radix "
            "switch, or more buildings (site.buildings)"
            if not prefix
            else "use a higher-radix switch or a larger storage.oversubscription"
        )
        return [Problem(path, f"no fat tree of up to {MAX_TIERS} tiers of {k}-port switches "
                        f"reaches {n:,} endpoints; {hint}")]  # fmt: skip
    reach = int(float(v["fabric_spec"].reach()))
    return [Problem("network.tiers", f"{int(tiers)} tiers of {k}-port switches reach "
                    f"{reach:,} GPUs per fabric, fewer than {n:,}; leave it empty to derive "
                    "the tiers", scenario.network.tiers, True)]  # fmt: skip


def _subnet(v, scenario, prefix: str, path: str, entry_id: str) -> list[Problem]:
    limit = _f(v, f"{prefix}max_subnet_endpoint_count")
    n = _f(v, _endpoints(prefix))
    if limit <= 0 or n <= limit:
        return []
    if prefix:
        return [Problem(path, f"{entry_id} is InfiniBand: one subnet addresses at most "
                        f"{int(limit):,} endpoints but the front-end fabric has {int(n):,}; "
                        f"use {ETHERNET_HINT.replace('network.switch', path)}",
                        entry_id, True)]  # fmt: skip
    gpus = _f(v, "gpu_count")
    scaleup = _f(v, "scaleup_gpus")
    options = [
        ETHERNET_HINT,
        f"site.buildings >= {math.ceil(gpus / limit)} (InfiniBand subnets of at most "
        f"{int(limit):,} GPUs joined by IB routers at the campus tier)",
    ]
    per_rail = math.ceil(_f(v, "building_gpus") / scaleup)
    if scenario.network.topology != "rail-only" and per_rail <= limit:
        options.append(
            f"network.topology = rail-only ({int(scaleup)} rail networks of {per_rail:,} GPUs)"
        )
    return [Problem(path, f"{entry_id} is InfiniBand: one subnet addresses at most "
                    f"{int(limit):,} endpoints (16-bit LIDs) but each fabric here has "
                    f"{int(n):,} GPUs. More planes do not help (every plane reaches every "
                    f"GPU). What works: {'; or '.join(options)}", entry_id, True)]  # fmt: skip


def _oversubscription(v, scenario) -> list[Problem]:
    ratios = scenario.network.oversubscription
    tiers = _f(v, "tier_count")
    if not isinstance(ratios, tuple) or len(ratios) <= max(tiers - 1, 0) or tiers > MAX_TIERS:
        return []
    return [Problem("network.oversubscription", f"gives {len(ratios)} tier ratios but the "
                    f"fabric has {int(tiers)} tier(s), {int(tiers) - 1} above the leaf; drop "
                    f"the extra ratios or set network.tiers = {len(ratios) + 1}",
                    list(ratios), True)]  # fmt: skip


def _scaleup(v) -> list[Problem]:
    want = _f(v, "scaleup_gpus")
    own = _f(v, "scaleup_domain_gpus")
    if want >= own and abs(want / own - round(want / own)) < 1e-9:
        return []
    return [Problem("network.scaleup_gpus", f"must be a whole number of the system's own "
                    f"{int(own)}-GPU domains (e.g. {int(own)}, {int(8 * own)})", int(want),
                    True)]  # fmt: skip


def _campus_reach(v, scenario) -> list[Problem]:
    if _f(v, "building_count") <= 1:
        return []
    dist = _f(v, "building_distance_m")
    reach = _f(v, "campus_optic_reach_m")
    if dist <= reach:
        return []
    optic = scenario.network.optic_campus
    return [Problem("network.optic_campus", f"reaches {reach:,.0f} m but the buildings are "
                    f"{dist:,.0f} m from the campus tier (network.building_distance_m); use "
                    "a longer-reach module such as osfp-800g-zr", optic, True)]  # fmt: skip


def problems(scenario, catalog, values: dict[str, Any]) -> list[Problem]:
    """Everything about the network (and storage network) of one design that cannot be built."""
    kinds = _switch_kinds(scenario, catalog)
    if kinds:
        return kinds
    out = _scaleup(values)
    net, front = scenario.network.switch, scenario.storage.switch
    radix = _radix(values, "", "network.switch", net, "network.planes")
    out += radix or _tiers(values, scenario, "", "network")
    out += _subnet(values, scenario, "", "network.switch", net)
    out += _oversubscription(values, scenario)
    out += _campus_reach(values, scenario)
    radix = _radix(values, "frontend_", "storage.switch", front, None)
    out += radix or _tiers(values, scenario, "frontend_", "storage.switch")
    out += _subnet(values, scenario, "frontend_", "storage.switch", front)
    return out

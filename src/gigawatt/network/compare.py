"""Alternative network designs side by side, evaluated in one vectorised pass of the graph.

`compare_field` varies one scenario field (`planes=1,4,8`, `switch=a,b`, `site.buildings=1,4`,
`oversubscription=1,[1,7]`): each alternative is validated like a `--set`, its graph inputs
are stacked into arrays (catalog entries become arrays of their numbers), and the network
quantities of all alternatives come out of one evaluation at the base design's GPU count.
`design_space` does the same for a whole product of switches, planes, topologies,
oversubscriptions and building counts, with a vectorised buildability mask.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import numpy as np

from gigawatt.errors import GigawattInputError, Problem
from gigawatt.graph.inputs import _entry_inputs
from gigawatt.network import checks, fattree
from gigawatt.network.fattree import MAX_TIERS
from gigawatt.network.report import _num

COLUMNS = (
    ("tiers", "tier_count"),
    ("switches", "switch_count"),
    ("transceivers", "transceiver_count"),
    ("cables", "cable_count"),
    ("network_power_mw", "network_power_mw"),
    ("network_capex_usd", "network_capex_usd"),
    ("bisection_tbps", "bisection_tbps"),
    ("latency_us", "latency_us"),
    ("hops", "hop_count"),
)


def network_targets() -> list[str]:
    """Every quantity of the network domain (scale-out, optics, scale-up, storage)."""
    from gigawatt.graph.wiring.network import NODES

    return [n.name for n in NODES]


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _stack_column(values: list[Any]) -> Any:
    """One input's values across alternatives as an array (per tier for ratio lists)."""
    if any(isinstance(v, tuple | list) for v in values):
        width = MAX_TIERS - 1
        rows = [list(v) if isinstance(v, tuple | list) else [v] for v in values]
        rows = [r + [1.0] * (width - len(r)) for r in rows]
        return tuple(np.asarray(rows, dtype=float).T)
    if all(isinstance(v, str) for v in values):
        return np.asarray(values)
    if all(isinstance(v, int | float | np.integer | np.floating) for v in values):
        return np.asarray(values, dtype=float)
    raise TypeError("not stackable")


def stack_inputs(alternatives: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Inputs of several alternatives as one batch (None when an object input differs)."""
    base = alternatives[0]
    out = dict(base)
    for key in set().union(*alternatives):
        column = [alt.get(key) for alt in alternatives]
        if all(_same(column[0], v) for v in column[1:]):
            continue
        try:
            out[key] = _stack_column(column)
        except TypeError:
            return None
    return out


def take(values: dict[str, Any], i: int, n: int) -> dict[str, Any]:
    """Alternative i of a batch of n evaluated alternatives (scalars and sliced specs)."""

    def one(v: Any) -> Any:
        if isinstance(v, np.ndarray):
            if v.ndim and v.shape[-1] == n:
                return v[..., i] if v.ndim > 1 else v[i]
            return v
        if isinstance(v, tuple) and v and isinstance(v[0], np.ndarray):
            return tuple(one(x) for x in v)
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            changes = {
                f.name: one(getattr(v, f.name))
                for f in dataclasses.fields(v)
                if isinstance(getattr(v, f.name), np.ndarray)
            }
            return dataclasses.replace(v, **changes)
        return v

    return {k: one(v) for k, v in values.items()}


def _row(label: str, values: dict[str, Any], scenario, catalog) -> dict[str, Any]:
    problems = checks.problems(scenario, catalog, values)
    row: dict[str, Any] = {"value": label, "buildable": not problems}
    for key, name in COLUMNS:
        row[key] = _num(values[name])
    row["problems"] = [str(p) for p in problems]
    return row


def _split(spec: str) -> tuple[str, list[str]]:
    """`planes=1,4,8` -> (`network.planes`, ["1", "4", "8"]); commas inside [] stay."""
    if "=" not in spec:
        raise GigawattInputError(
            [Problem("--compare", "expected FIELD=V1,V2,... (e.g. planes=1,4,8)", spec, True)]
        )
    path, raw = spec.split("=", 1)
    path = path.strip()
    if "." not in path:
        path = f"network.{path}"
    parts, depth, cur = [], 0, ""
    for ch in raw:
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    parts = [p for p in parts if p]
    if len(parts) < 2:
        raise GigawattInputError(
            [Problem("--compare", "give at least two alternatives, comma-separated", spec, True)]
        )
    return path, parts


def _base_system_count(campus) -> float:
    if campus.goal_seek:
        n, _ = campus.largest_system_count()
        return float(n)
    return float(campus.evaluate(targets=["system_count"])["system_count"])


def compare_field(campus, spec: str, path_of_file: str, sets: list[str] | None) -> dict[str, Any]:
    """Alternatives of one scenario field side by side: `{"field", "gpu_count", "rows"}`."""
    from gigawatt.campus import Campus
    from gigawatt.scenario.io import load_scenario

    path, raw_values = _split(spec)
    systems = _base_system_count(campus)
    alts = [
        Campus(load_scenario(path_of_file, [*(sets or []), f"{path}={v}"]), campus.catalog)
        for v in raw_values
    ]
    inputs = [{**a.inputs, "system_count": systems} for a in alts]
    batch = stack_inputs(inputs)
    targets = network_targets()
    if batch is not None:
        values = campus.graph.evaluate(batch, targets=targets)
        per_alt = [take(values, i, len(alts)) for i in range(len(alts))]
    else:  # an object input (e.g. a model shape) differs: one evaluation each
        per_alt = [campus.graph.evaluate(x, targets=targets) for x in inputs]
    rows = [
        _row(label, v, a.scenario, a.catalog)
        for label, v, a in zip(raw_values, per_alt, alts, strict=True)
    ]
    return {"field": path, "gpu_count": _num(per_alt[0]["gpu_count"]), "rows": rows}


# -- design space (vectorised) ---------------------------------------------------------------


def buildable_mask(values: dict[str, Any]) -> np.ndarray:
    """Designs the fabric can build (vectorised form of the main `checks`): ports no faster
    than the switch's, at most MAX_TIERS tiers, InfiniBand subnets within their limit."""
    limit = np.asarray(values["max_subnet_endpoint_count"], dtype=float)
    n = np.asarray(values["fabric_endpoint_count"], dtype=float)
    return (
        (np.asarray(values["switch_radix_count"]) > 0)
        & (np.asarray(values["tier_count"]) <= MAX_TIERS)
        & ((limit <= 0) | (n <= limit))
    )


def design_space(
    campus,
    switches: list[str] | None = None,
    planes: list[int] = (1, 2, 4, 8),
    topologies: list[str] = fattree.TOPOLOGIES,
    oversubscriptions: list[Any] = (1.0,),
    buildings: list[int] = (1,),
) -> dict[str, Any]:
    """Every combination of the given choices, evaluated in one vectorised pass.

    Returns `{"designs": [per-design choices], "values": {quantity: array}, "buildable":
    mask}`; the GPU count is the campus's own.
    """
    cat = campus.catalog
    if switches is None:
        switches = [
            i for i, e in cat.entries["switch"].items() if getattr(e, "technology", "") != "nvlink"
        ]
    combos = list(itertools.product(switches, planes, topologies, oversubscriptions, buildings))
    per_switch: dict[str, dict[str, Any]] = {}
    for sid in switches:
        vals: dict[str, Any] = {}
        _entry_inputs(cat.get("switch", sid, "switch"), "switch", "", vals, {})
        per_switch[sid] = vals
    batch = dict(campus.inputs)
    batch["system_count"] = _base_system_count(campus)
    for key in per_switch[switches[0]]:
        batch[key] = np.asarray([per_switch[c[0]][key] for c in combos], dtype=float)
    batch["plane_count"] = np.asarray([c[1] for c in combos], dtype=float)
    batch["topology_name"] = np.asarray([c[2] for c in combos])
    batch["oversubscription_spec"] = _stack_column([c[3] for c in combos])
    batch["building_count"] = np.asarray([c[4] for c in combos], dtype=float)
    values = campus.graph.evaluate(batch, targets=network_targets())
    designs = [
        {"switch": s, "planes": p, "topology": t, "oversubscription": o, "buildings": b}
        for s, p, t, o, b in combos
    ]
    return {"designs": designs, "values": values, "buildable": buildable_mask(values)}

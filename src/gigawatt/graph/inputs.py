"""From scenario and catalog to the graph's input values, each with its provenance.

Order of precedence (later wins): catalog entry fields, sourced constants, scenario fields
(given or defaulted), scenario `overrides`. A scenario field left empty is not an input: the
graph's formula for that quantity applies (e.g. `power.grid_mw` empty -> sized to the peak).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from gigawatt.catalog import Catalog
from gigawatt.catalog.schema import Entry
from gigawatt.errors import GigawattInputError, Problem
from gigawatt.graph.constants import CONSTANTS
from gigawatt.scenario import SECTIONS, Scenario, central
from gigawatt.units import has_unit


@dataclass(frozen=True)
class Provenance:
    """Where an input value comes from."""

    origin: str  # scenario | default | catalog | constant | override | derived
    path: str
    source: str = ""
    year: int | None = None
    confidence: str = ""

    def describe(self) -> str:
        # a catalog path already names its origin ("catalog system gb200-nvl72 .gpu_tdp_w")
        bits = [self.path] if self.path.startswith(self.origin) else [self.origin, self.path]
        if self.source:
            tag = f" [{self.confidence}]" if self.confidence else ""
            yr = f", {self.year}" if self.year else ""
            bits.append(f"— {self.source}{yr}{tag}")
        return " ".join(b for b in bits if b)


# Which catalog entry each scenario choice selects, and the prefix its fields get.
CATALOG_CHOICES: tuple[tuple[str, str, str, str], ...] = (
    # (scenario path, section attr, catalog kind, quantity prefix)
    ("compute.system", "compute.system", "system", ""),
    ("network.switch", "network.switch", "switch", ""),
    ("network.scaleup_switch", "network.scaleup_switch", "switch", "nvlink_"),
    ("network.optic_rack", "network.optic_rack", "optic", "rack_"),
    ("network.optic_row", "network.optic_row", "optic", "row_"),
    ("network.optic_hall", "network.optic_hall", "optic", "hall_"),
    ("network.optic_nic", "network.optic_nic", "optic", "nic_"),
    ("network.optic_campus", "network.optic_campus", "optic", "campus_"),
    ("network.fibre", "network.fibre", "optic", "fibre_"),
    ("storage.switch", "storage.switch", "switch", "frontend_"),
    ("power.turbine", "power.turbine", "turbine", ""),
    ("power.battery", "power.battery", "battery", ""),
    ("power.solar", "power.solar", "solar", ""),
    ("power.backup", "power.backup", "turbine", "backup_"),
    ("power.temporary_turbine", "power.temporary_turbine", "turbine", "temporary_"),
    ("facility.cooling", "facility.cooling", "cooling", ""),
    ("facility.air_cooling", "facility.air_cooling", "cooling", "air_plant_"),
    ("workload.model", "workload.model", "model", ""),
    ("reliability.failure_data", "reliability.failure_data", "failure", ""),
)

# Kinds whose whole entry enters the graph as one `*_spec` input.
SPEC_KINDS = {"model": "model_spec", "failure": "failure_data_spec"}


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def field_quantity(section: str, field: str, model: type[BaseModel]) -> str | None:
    """Quantity name of a numeric scenario field (None for non-numeric fields)."""
    extra = model.model_fields[field].json_schema_extra or {}
    if "unit" not in extra:
        # An option (e.g. a strategy) enters the graph when it names a `*_name` quantity.
        name = extra.get("quantity", "")
        return name if name.endswith("_name") else None
    return extra.get("quantity", field)


def scenario_quantities() -> dict[str, str]:
    """Map quantity name -> scenario path for every numeric scenario field."""
    from gigawatt.scenario.model import Scenario as S

    out = {}
    for sec in SECTIONS:
        model = S.model_fields[sec].annotation
        for field in model.model_fields:
            q = field_quantity(sec, field, model)
            if q:
                out[q] = f"{sec}.{field}"
    return out


_ENTRY_CACHE: dict[tuple[int, str, str], tuple[Entry, dict, dict]] = {}


def _entry_inputs(entry: Entry, kind: str, prefix: str, values: dict, prov: dict) -> None:
    """Add an entry's fields as inputs (computed once per entry object, kind and prefix)."""
    cached = _ENTRY_CACHE.get((id(entry), kind, prefix))
    if cached is None or cached[0] is not entry:
        v, p = {}, {}
        _read_entry(entry, kind, prefix, v, p)
        cached = _ENTRY_CACHE[(id(entry), kind, prefix)] = (entry, v, p)
    values.update(cached[1])
    prov.update(cached[2])


def _read_entry(entry: Entry, kind: str, prefix: str, values: dict, prov: dict) -> None:
    for field in type(entry).model_fields:
        if field in Entry.model_fields:
            continue
        value = getattr(entry, field)
        name = prefix + field
        p = entry.provenance(field)
        where = f"catalog {kind} {entry.id} .{field}"
        if isinstance(value, bool) or not isinstance(value, int | float | type(None)):
            continue
        if not has_unit(name):
            continue
        # Absent capabilities (no FP4 on Hopper, no chillers) enter as 0.
        values[name] = 0.0 if value is None else value
        prov[name] = Provenance("catalog", where, p.source, p.year, p.confidence)
    if kind == "switch":
        for field, value in entry.derived_inputs().items():
            values[prefix + field] = value
            prov[prefix + field] = Provenance(
                "catalog",
                f"catalog switch {entry.id} .switch_ports_by_gbps",
                entry.source,
                entry.year,
                entry.confidence,
            )
    if kind in SPEC_KINDS:
        name = SPEC_KINDS[kind]
        values[name] = entry
        prov[name] = Provenance(
            "catalog", f"catalog {kind} {entry.id}", entry.source, entry.year, entry.confidence
        )
    if kind == "system":
        values["gpu_architecture_name"] = entry.architecture
        prov["gpu_architecture_name"] = Provenance(
            "catalog", f"catalog system {entry.id} .architecture", entry.source, entry.year
        )
    if kind == "model" and entry.id == "inline":
        prov["model_spec"] = Provenance(
            "scenario", "workload.model", entry.source, entry.year, entry.confidence
        )


def catalog_entries(scenario: Scenario, catalog: Catalog) -> dict[str, Entry]:
    """The entries the scenario selects, by scenario path; every unknown id reported at once."""
    problems, out = [], {}
    for path, attr, kind, _ in CATALOG_CHOICES:
        entry_id = _get(scenario, attr)
        if path == "workload.model" and not isinstance(entry_id, str):
            out[path] = scenario.workload.model_entry()  # an inline shape
            continue
        found = catalog.entries.get(kind, {}).get(entry_id)
        if found is None:
            problems.append(catalog.unknown(kind, entry_id, path))
        else:
            out[path] = found
    if problems:
        raise GigawattInputError(problems)
    return out


def build_inputs(
    scenario: Scenario, catalog: Catalog
) -> tuple[dict[str, Any], dict[str, Provenance]]:
    """Input values (central values of distributions) and their provenance."""
    values: dict[str, Any] = {}
    prov: dict[str, Provenance] = {}
    entries = catalog_entries(scenario, catalog)
    for path, _, kind, prefix in CATALOG_CHOICES:
        _entry_inputs(entries[path], kind, prefix, values, prov)
    for name, const in CONSTANTS.items():
        values[name] = const.value
        prov[name] = Provenance("constant", name, const.source, const.year, const.confidence)
    for sec in SECTIONS:
        section = getattr(scenario, sec)
        model = type(section)
        for field, info in model.model_fields.items():
            q = field_quantity(sec, field, model)
            value = getattr(section, field)
            if q is None or value is None:
                continue
            values[q] = central(value)
            given = field in section.model_fields_set
            extra = info.json_schema_extra or {}
            prov[q] = (
                Provenance("scenario", f"{sec}.{field}")
                if given
                else Provenance("default", f"{sec}.{field}", extra.get("source", ""))
            )
    values["precision_name"] = scenario.workload.precision
    prov["precision_name"] = Provenance("scenario", "workload.precision")
    values["climate_name"] = _climate_name(scenario)
    prov["climate_name"] = Provenance("scenario", "site.climate")
    values["topology_name"] = scenario.network.topology
    given = "topology" in scenario.network.model_fields_set
    field = type(scenario.network).model_fields["topology"]
    source = "" if given else field.json_schema_extra["source"]
    prov["topology_name"] = Provenance(
        "scenario" if given else "default", "network.topology", source
    )
    for sec in SECTIONS:  # non-numeric inputs a section hands to its model (`*_spec`, `*_name`)
        hook = getattr(getattr(scenario, sec), "graph_inputs", None)
        for name, value in (hook() if hook else {}).items():
            values[name] = value
            prov[name] = Provenance("scenario", sec)
    values["parallelism_spec"] = scenario.workload.parallelism
    prov["parallelism_spec"] = Provenance("scenario", "workload.parallelism")
    _check_precision(scenario, values)
    return values, prov


def _climate_name(scenario: Scenario) -> str:
    """Shipped site id as given; a weather-file path resolved against the scenario's folder."""
    from pathlib import Path

    from gigawatt.energy.climate import site_ids

    name = scenario.site.climate
    if name in site_ids():
        return name
    return str(Path(getattr(scenario, "_base_dir", ".")) / name)


def _check_precision(scenario: Scenario, values: dict[str, Any]) -> None:
    precision = scenario.workload.precision
    if not values.get(f"gpu_{precision}_flop_per_s"):
        raise GigawattInputError(
            [
                Problem(
                    "workload.precision",
                    f"{scenario.compute.system} has no dense {precision.upper()} tensor-core "
                    "rate in "
                    "the catalog; choose a precision it supports",
                    precision,
                    True,
                )
            ]
        )


def _field_bounds(info) -> tuple[float, float]:
    """(lower, upper) of a pydantic field from its ge/gt/le/lt metadata (inf when open)."""
    lo, hi = -float("inf"), float("inf")
    for m in info.metadata:
        for attr in ("ge", "gt"):
            if getattr(m, attr, None) is not None:
                lo = max(lo, float(getattr(m, attr)))
        for attr in ("le", "lt"):
            if getattr(m, attr, None) is not None:
                hi = min(hi, float(getattr(m, attr)))
    return lo, hi


@functools.cache
def quantity_bounds() -> dict[str, tuple[float, float, str]]:
    """Bounds of every input quantity with declared ones: scenario fields and catalog fields
    (under each prefix a scenario choice gives them): name -> (lower, upper, where)."""
    from gigawatt.catalog.schema import KINDS
    from gigawatt.scenario.model import Scenario as S

    out: dict[str, tuple[float, float, str]] = {}
    for sec in SECTIONS:
        model = S.model_fields[sec].annotation
        for field, info in model.model_fields.items():
            q = field_quantity(sec, field, model)
            if q and not q.endswith("_name"):
                out[q] = (*_field_bounds(info), f"scenario field {sec}.{field}")
    for _, _, kind, prefix in CATALOG_CHOICES:
        for field, info in KINDS[kind].model_fields.items():
            if field not in Entry.model_fields and has_unit(field):
                out.setdefault(prefix + field, (*_field_bounds(info), f"catalog {kind}"))
    return out


def _override_problem(name: str, value: float) -> Problem | None:
    """A problem when an override leaves its quantity's declared bounds (a fraction without
    declared bounds: [−1, 1])."""
    bounds = quantity_bounds().get(name)
    if bounds is None and name.endswith("_frac"):
        bounds = (-1.0, 1.0, "a fraction")
    if bounds is None or not isinstance(value, int | float):
        return None
    lo, hi, where = bounds
    if lo <= value <= hi:
        return None
    return Problem(f"overrides.{name}", f"outside [{lo:g}, {hi:g}] ({where})", value, True)


def apply_overrides(
    scenario: Scenario, known: set[str], values: dict[str, Any], prov: dict[str, Provenance]
) -> None:
    """Apply `overrides:` (what-if values for any quantity), checking every name and the
    quantity's declared bounds."""
    import difflib

    problems = []
    for name, value in scenario.overrides.items():
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            problems.append(Problem(f"overrides.{name}", f"no quantity of that name{hint}"))
            continue
        value = central(value)
        problem = _override_problem(name, value)
        if problem:
            problems.append(problem)
            continue
        values[name] = value
        prov[name] = Provenance("override", f"overrides.{name}")
    if problems:
        raise GigawattInputError(problems)

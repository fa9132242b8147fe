"""Reading scenarios: YAML or TOML in, a validated `Scenario` out, or every problem listed.

`--set section.field=value` overrides are applied to the raw document before validation,
so they are checked exactly like the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gigawatt import yamlio
from gigawatt.errors import GigawattInputError, Problem
from gigawatt.scenario.model import Scenario


def read_document(path: str | Path) -> dict[str, Any]:
    """Parse a YAML (.yaml/.yml) or TOML (.toml) file into a mapping."""
    path = Path(path)
    if not path.exists():
        raise GigawattInputError(f"file not found: {path}")
    if path.is_dir():
        raise GigawattInputError(f"{path} is a directory, not a scenario file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GigawattInputError(f"cannot read {path}: {exc}") from None
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise GigawattInputError(f"malformed TOML: {exc}", source=str(path)) from None
    else:
        try:
            data = yamlio.load(text)
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
            what = getattr(exc, "problem", None) or str(exc)
            raise GigawattInputError(f"malformed YAML{at}: {what}", source=str(path)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise GigawattInputError(
            f"the file must hold a mapping of sections (got {type(data).__name__})",
            source=str(path),
        )
    return data


def parse_set(assignment: str) -> tuple[list[str], Any]:
    """Split `section.field=value`; the value is read as a YAML scalar (`null` empties)."""
    if "=" not in assignment:
        raise GigawattInputError(
            [Problem("--set", f"expected section.field=value, got {assignment!r}")]
        )
    key, raw = assignment.split("=", 1)
    keys = [k for k in key.strip().split(".")]
    if not key.strip() or any(not k for k in keys):
        raise GigawattInputError([Problem("--set", f"bad field path {key!r}")])
    try:
        value = yamlio.load(raw) if raw.strip() else None
    except yaml.YAMLError:
        value = raw
    return keys, value


def apply_sets(data: dict[str, Any], assignments: list[str] | None) -> dict[str, Any]:
    """Apply `--set` assignments to a raw scenario mapping (returns the same mapping)."""
    for assignment in assignments or []:
        keys, value = parse_set(assignment)
        node = data
        for depth, k in enumerate(keys[:-1]):
            nxt = node.get(k) if isinstance(node, dict) else None
            if nxt is None:
                nxt = {}
                node[k] = nxt
            if not isinstance(nxt, dict):
                where = ".".join(keys[: depth + 1])
                raise GigawattInputError([Problem(f"--set {where}", "is not a section")])
            node = nxt
        node[keys[-1]] = value
    return data


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def problems_from_validation(exc: ValidationError) -> list[Problem]:
    """Turn pydantic errors into `Problem`s naming path, value and reason."""
    out = []
    for err in exc.errors(include_url=False):
        path = _loc(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            out.append(
                Problem(
                    path, "unknown key (check the spelling; `gigawatt schema` lists the fields)"
                )
            )
        elif kind == "missing":
            out.append(Problem(path, "required field is missing"))
        else:
            msg = err["msg"]
            for prefix in ("Value error, ", "Assertion failed, "):
                msg = msg.removeprefix(prefix)
            value = err.get("input")
            scalar = value is None or isinstance(value, str | int | float | bool)
            out.append(Problem(path, msg, value, "input" in err and scalar))
    return out


def validate_document(data: dict[str, Any], source: str | None = None) -> Scenario:
    """Validate a raw mapping as a `Scenario`, raising every problem at once."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise GigawattInputError(problems_from_validation(exc), source=source) from None


def load_scenario(path: str | Path, sets: list[str] | None = None) -> Scenario:
    """Read and validate a scenario file, with optional `--set` overrides."""
    data = apply_sets(read_document(path), sets)
    scenario = validate_document(data, source=str(path))
    object.__setattr__(scenario, "_base_dir", str(Path(path).resolve().parent))
    return scenario

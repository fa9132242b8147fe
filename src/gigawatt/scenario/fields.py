"""Field helpers: every numeric scenario field has bounds, a unit and a sourced default.

`num(...)` is the type of a numeric field (a number or a distribution, checked against the
bounds); `param(...)` is its `Field` with the description, unit and the source of its default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from gigawatt.scenario.distributions import Distribution

_DIST_ADAPTER = TypeAdapter(Distribution)

_DIST_SCHEMA = {
    "type": "object",
    "description": "A distribution instead of a number; deterministic runs use its central value.",
    "required": ["dist"],
    "properties": {
        "dist": {"enum": ["triangular", "uniform", "normal", "lognormal"]},
        "low": {"type": "number"},
        "mode": {"type": "number"},
        "high": {"type": "number"},
        "mean": {"type": "number"},
        "sd": {"type": "number", "minimum": 0},
        "median": {"type": "number", "exclusiveMinimum": 0},
        "sigma": {"type": "number", "minimum": 0},
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class NumMeta:
    """Bounds of a numeric field, kept as metadata so samplers can clip and docs print them."""

    ge: float | None
    gt: float | None
    le: float | None
    lt: float | None
    integer: bool


def _bound_text(ge, gt, le, lt) -> str:
    parts = []
    if ge is not None:
        parts.append(f">= {ge:g}")
    if gt is not None:
        parts.append(f"> {gt:g}")
    if le is not None:
        parts.append(f"<= {le:g}")
    if lt is not None:
        parts.append(f"< {lt:g}")
    return " and ".join(parts)


def _check(x: float, ge, gt, le, lt) -> bool:
    return not (
        (ge is not None and x < ge)
        or (gt is not None and x <= gt)
        or (le is not None and x > le)
        or (lt is not None and x >= lt)
    )


def _as_number(value: Any, integer: bool) -> float | int:
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "must be a number, not a boolean")
    if isinstance(value, str):
        try:
            value = float(value.replace("_", ""))
        except ValueError:
            raise PydanticCustomError(
                "number_type", "must be a number or a distribution {dist: ...}"
            ) from None
    if not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "must be a number or a distribution {dist: ...}")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_finite", "must be a finite number")
    if integer:
        if float(value) != int(value):
            raise PydanticCustomError("number_integer", "must be a whole number")
        return int(value)
    return float(value)


def num(
    *,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    lt: float | None = None,
    integer: bool = False,
    optional: bool = False,
) -> Any:
    """Type of a numeric field: a number within the bounds, or a distribution inside them."""
    text = _bound_text(ge, gt, le, lt)

    def validate(value: Any):
        if value is None:
            if optional:
                return None
            raise PydanticCustomError("missing_value", "must be given (null is not allowed here)")
        if isinstance(value, dict):
            try:
                dist = _DIST_ADAPTER.validate_python(value)
            except ValidationError as exc:
                msgs = "; ".join(
                    f"{'.'.join(str(x) for x in e['loc'][1:]) or 'dist'}: {e['msg']}"
                    for e in exc.errors()
                )
                raise PydanticCustomError(
                    "distribution", "bad distribution: {msgs}", {"msgs": msgs}
                ) from None
            lo, hi = dist.bounds()
            if not (_check(lo, ge, gt, le, lt) and _check(hi, ge, gt, le, lt)):
                raise PydanticCustomError(
                    "bounds", "distribution must lie within {text}", {"text": text}
                )
            return dist
        x = _as_number(value, integer)
        if not _check(x, ge, gt, le, lt):
            raise PydanticCustomError("bounds", "must be {text}", {"text": text})
        return x

    number: dict[str, Any] = {"type": "integer" if integer else "number"}
    for key, bound in (
        ("minimum", ge),
        ("exclusiveMinimum", gt),
        ("maximum", le),
        ("exclusiveMaximum", lt),
    ):
        if bound is not None:
            number[key] = bound
    options = [number, _DIST_SCHEMA] + ([{"type": "null"}] if optional else [])
    return Annotated[
        Any,
        BeforeValidator(validate),
        WithJsonSchema({"anyOf": options}),
        NumMeta(ge, gt, le, lt, integer),
    ]


def param(
    default: Any,
    *,
    unit: str,
    description: str,
    source: str | None = None,
    quantity: str | None = None,
) -> Any:
    """A scenario field: default, unit and the source of the default (shown by schema/explain).

    `quantity` renames the graph input when the field name alone would be ambiguous.
    """
    extra: dict[str, Any] = {"unit": unit}
    if source:
        extra["source"] = source
    if quantity:
        extra["quantity"] = quantity
    text = f"{description} [{unit}]."
    if source:
        text += f" Default source: {source}."
    return Field(default, description=text, json_schema_extra=extra)


def choice(
    default: Any, *, description: str, source: str | None = None, quantity: str | None = None
) -> Any:
    """A non-numeric field (catalog id, option) with a documented default.

    `quantity` (a `*_name` quantity) makes the option a graph input, e.g. a strategy name.
    """
    extra: dict[str, Any] = {}
    if source:
        extra["source"] = source
    if quantity:
        extra["quantity"] = quantity
    text = description + (f" Default source: {source}." if source else "")
    return Field(default, description=text, json_schema_extra=extra)

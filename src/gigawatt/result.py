"""The plan: every quantity's value with its unit, breakdown tables, and explanations.

`Plan.metrics` holds every numeric quantity (inputs included), `Plan.tables` the breakdowns
as pandas DataFrames (built on first use, so the CLI's text and JSON paths never import
pandas), and `Plan.explain(name)` the chain of formulas and sources behind a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from gigawatt.units import has_unit, unit_of

if TYPE_CHECKING:
    import pandas as pd

    from gigawatt.campus import Campus, Cap


@dataclass(frozen=True)
class Metric:
    """A number with its unit."""

    value: float
    unit: str


@dataclass
class Explanation:
    """Value, unit, formula and inputs of a quantity (recursively), or the source of an input."""

    name: str
    value: Any
    unit: str
    summary: str = ""
    formula: str = ""
    origin: str = ""
    references: str = ""
    inputs: list[Explanation] = field(default_factory=list)
    truncated: bool = False

    def lines(self, indent: str = "") -> list[str]:
        head = f"{indent}{self.name} = {format_value(self.value, self.unit)}"
        out = [head + (f"  — {self.summary}" if self.summary else "")]
        pad = indent + "    "
        if self.formula:
            out.append(f"{pad}formula: {self.formula}")
        if self.origin:
            out.append(f"{pad}from: {self.origin}")
        if self.references:
            refs = " ".join(self.references.split())
            out.append(f"{pad}references: {refs}")
        for child in self.inputs:
            out += child.lines(pad)
        if self.truncated:
            out.append(f"{pad}… (inputs below this depth: raise --depth)")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def sources(self) -> list[str]:
        """Sources of every constant used, deduplicated, in order of appearance."""
        seen: list[str] = []
        for e in self.walk():
            if e.origin and e.origin not in seen:
                seen.append(e.origin)
        return seen

    def walk(self):
        yield self
        for c in self.inputs:
            yield from c.walk()


def format_value(value: Any, unit: str, with_unit: bool = True) -> str:
    """Human-readable value with unit (numbers to 4 significant figures)."""
    if isinstance(value, str):
        return value
    if hasattr(value, "id") and hasattr(value, "name"):
        return f"{value.id} ({value.name})"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not np.isfinite(x):
        return f"{x} {unit}" if with_unit and unit not in ("", "1", "name", "spec") else str(x)
    if x == int(x) and abs(x) < 1e15 and (unit == "count" or abs(x) < 1e6):
        text = f"{int(x):,}"
    elif abs(x) >= 1e6 or (0 < abs(x) < 1e-3):
        text = f"{x:.4g}"
    else:
        text = f"{x:,.4g}"
    if not with_unit or unit in ("", "1", "name", "spec"):
        return text
    return f"{text} {unit}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool | str) or value is None:
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    return None


class Plan:
    """Result of `gigawatt.plan(...)`."""

    def __init__(self, campus: Campus, values: dict[str, Any], binding: list[Cap]):
        self.campus = campus
        self.scenario = campus.scenario
        self.values = values
        self.binding = binding

    # -- numbers ------------------------------------------------------------------------
    @cached_property
    def metrics(self) -> dict[str, Metric]:
        out = {}
        for name in sorted(self.values):
            x = _number(self.values[name])
            if x is not None and has_unit(name):
                out[name] = Metric(x, unit_of(name))
        return out

    def __getitem__(self, name: str) -> float:
        return self.metrics[name].value

    def binding_constraint(self) -> str:
        """Which limit sets the size of the campus, in words."""
        caps = self.campus.caps()
        if self.campus.sizing == "caps":
            if not self.binding:
                return "none of the caps binds within 2^40 systems"
            return "; ".join(
                f"{c.path} = {c.limit:,.6g} ({c.label} {self[c.quantity]:,.6g} at "
                f"{int(self['gpu_count']):,} GPUs; one more system exceeds it)"
                for c in self.binding
            )
        given = (
            "the GPU count is given"
            if self.campus.sizing == "given"
            else "the GPU count comes from the last schedule phase"
        )
        if not caps:
            return f"none: {given} and no cap is set"
        used = ", ".join(f"{c.path} {100 * self[c.quantity] / c.limit:.1f} % used" for c in caps)
        return f"none: {given} ({used})"

    def warnings(self) -> list[str]:
        """What the sub-models want the planner to know (each `*_spec` may carry `warnings`)."""
        out: list[str] = []
        for name in sorted(self.values):
            found = getattr(self.values[name], "warnings", None)
            if name.endswith("_spec") and isinstance(found, list):
                out += found
        return out

    # -- explain ------------------------------------------------------------------------
    def explain(self, name: str, depth: int = 2) -> Explanation:
        """Explain a quantity (or scenario path) down to `depth` levels of inputs."""
        from gigawatt.errors import GigawattInputError, Problem
        from gigawatt.graph.inputs import scenario_quantities

        name = {v: k for k, v in scenario_quantities().items()}.get(name, name)
        if name not in self.values:
            import difflib

            near = difflib.get_close_matches(name, sorted(self.values), n=4)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise GigawattInputError([Problem("QUANTITY", f"no quantity named {name!r}{hint}")])
        return self._explain(name, depth)

    def _explain(self, name: str, depth: int) -> Explanation:
        value = self.values[name]
        unit = unit_of(name) if has_unit(name) else ""
        prov = self.campus.provenance.get(name)
        node = self.campus.graph.nodes.get(name)
        if prov is not None or node is None:
            origin = prov.describe() if prov else "input"
            return Explanation(name, value, unit, origin=origin)
        exp = Explanation(name, value, unit, node.summary, node.formula, references=node.references)
        if depth <= 0:
            exp.truncated = bool(node.inputs)
            return exp
        exp.inputs = [self._explain(q, depth - 1) for q in dict.fromkeys(node.inputs)]
        return exp

    # -- tables -------------------------------------------------------------------------
    def _items(self, total: str) -> list[tuple[str, float]]:
        node = self.campus.graph.nodes[total]
        return [(q, float(self.values[q])) for q in node.inputs]

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Breakdown tables: capex, opex, power, bill of materials, schedule, metrics."""
        import pandas as pd

        def breakdown(total: str, unit: str) -> pd.DataFrame:
            rows = self._items(total)
            df = pd.DataFrame(rows, columns=["item", unit])
            df["share_frac"] = df[unit] / float(self.values[total])
            return df

        power = [(q, v) for q, v in self._items("it_power_mw")]
        power += [
            (q, float(self.values[q]))
            for q in ("distribution_loss_mw", "cooling_power_mw", "misc_power_mw")
        ]
        power_df = pd.DataFrame(power, columns=["item", "mw"])
        power_df["share_frac"] = power_df["mw"] / float(self.values["facility_power_mw"])
        metrics = pd.DataFrame(
            [(k, m.value, m.unit) for k, m in self.metrics.items()],
            columns=["quantity", "value", "unit"],
        )
        return {
            "capex": breakdown("capex_usd", "usd"),
            "opex": breakdown("opex_usd_per_year", "usd_per_year"),
            "power": power_df,
            "bom": pd.DataFrame(self.bill_of_materials()),
            "schedule": pd.DataFrame(self.schedule_rows()),
            "metrics": metrics,
        }

    def bill_of_materials(self) -> list[dict[str, Any]]:
        """What to buy: catalog item, count, unit price and total."""
        from gigawatt.network.report import bom_items as network_bom_items

        v, sc = self.values, self.scenario

        def row(item, catalog_id, count, unit_price):
            count = float(count)
            return {
                "item": item,
                "catalog_id": catalog_id,
                "count": count,
                "unit_price_usd": float(unit_price),
                "total_usd": count * float(unit_price),
            }

        return [
            row("GPU systems", sc.compute.system, v["system_count"], v["system_price_usd"]),
            *(row(*item) for item in network_bom_items(v, sc)),
            row(
                "storage servers",
                "storage",
                v["storage_server_count"],
                v["storage_server_price_usd"],
            ),
            row(
                "generating units",
                sc.power.turbine,
                v["turbine_count"],
                float(v["turbine_mw"]) * 1000 * float(v["turbine_capex_usd_per_kw"]),
            ),
            row(
                "battery units",
                sc.power.battery,
                v["battery_unit_count"],
                float(v["battery_unit_mwh"]) * 1000 * float(v["battery_capex_usd_per_kwh"]),
            ),
        ]

    def schedule_rows(self) -> list[dict[str, Any]]:
        """Compute online by date (one row per phase; one row when no phases are given)."""
        from gigawatt.scenario import central

        v = self.values
        total = float(v["gpu_count"])
        phases = self.scenario.schedule.phases
        pts = [(p.date, p.name, float(central(p.gpu_count))) for p in phases] or [
            (self.scenario.schedule.start_date, "full build", total)
        ]
        rows = []
        spec = v.get("schedule_spec")  # the schedule model's P10/P50/P90 for each phase
        for i, (date, name, gpus) in enumerate(pts):
            frac = gpus / total if total else 0.0
            model = spec.phase_dates(i) if spec is not None else {}
            rows.append(
                {
                    "date": date.isoformat() if isinstance(date, dt.date) else "",
                    "phase": name,
                    "gpu_count": gpus,
                    "peak_bf16_flop_per_s": gpus * float(v["gpu_bf16_flop_per_s"]),
                    "it_power_mw": frac * float(v["it_power_mw"]),
                    "facility_power_mw": frac * float(v["facility_power_mw"]),
                    **model,
                }
            )
        return rows

    # -- output -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """`{"scenario": ..., "metrics": {name: {"value", "unit"}}, "binding_constraint": ...}`."""
        return {
            "scenario": self.scenario.model_dump(mode="json"),
            "metrics": {
                k: {"value": _json_number(m.value), "unit": m.unit} for k, m in self.metrics.items()
            },
            "binding_constraint": self.binding_constraint(),
            "warnings": self.warnings(),
        }

    def write(self, out_dir) -> list[str]:
        """Write the resolved scenario, metrics and tables (CSV and Parquet) to `out_dir`."""
        import json
        from pathlib import Path

        import yaml

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        (out / "scenario.yaml").write_text(
            yaml.safe_dump(self.scenario.model_dump(mode="json"), sort_keys=False)
        )
        (out / "plan.json").write_text(json.dumps(self.to_dict(), indent=2))
        written += ["scenario.yaml", "plan.json"]
        for name, df in self.tables.items():
            df.to_csv(out / f"{name}.csv", index=False)
            df.to_parquet(out / f"{name}.parquet", index=False)
            written += [f"{name}.csv", f"{name}.parquet"]
        return written


def _json_number(x: float) -> float | int | None:
    if not np.isfinite(x):
        return None
    return int(x) if x == int(x) and abs(x) < 2**53 else x

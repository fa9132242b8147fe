"""A campus: a scenario's inputs prepared once, evaluated through the quantity graph.

`Campus.evaluate` takes array-valued inputs (one element per sample), so Monte Carlo and
sensitivity cost one vectorised evaluation; `Campus.plan` runs the deterministic plan,
goal-seeking the GPU count under the scenario's caps when it is not given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gigawatt.catalog import Catalog, load_catalog
from gigawatt.errors import GigawattInputError, Problem
from gigawatt.graph import Graph, default_graph
from gigawatt.graph.inputs import Provenance, apply_overrides, build_inputs, scenario_quantities
from gigawatt.network.checks import problems as network_problems
from gigawatt.scenario import Scenario, central, load_scenario


def _plan_values(values: Mapping[str, Any], quantities: dict, paths: dict) -> dict:
    """`values` with sequences for numeric scenario fields as float arrays, one value per
    plan: 1-D, all of one length (or one element). Anything else gets a message naming the
    fields."""
    out, problems, lengths = dict(values), [], {}
    for key, value in values.items():
        if (key not in quantities and key not in paths) or np.ndim(value) == 0:
            continue
        try:
            value = out[key] = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            problems.append(Problem(key, "must be a number or an array of numbers", value, True))
            continue
        if value.ndim > 1:
            why = f"is an array of shape {value.shape}: give one value per plan (a 1-D array)"
            problems.append(Problem(key, why))
        elif value.size > 1:
            lengths[key] = value.size
    if len(set(lengths.values())) > 1:
        sizes = ", ".join(f"{k} ({n:,})" for k, n in lengths.items())
        why = f"arrays of different lengths: {sizes}; each needs one value per plan"
        problems.append(Problem(next(iter(lengths)), why))
    if problems:
        raise GigawattInputError(problems)
    return out


@dataclass(frozen=True)
class Cap:
    """An upper limit on a quantity, from a scenario field."""

    quantity: str
    limit: float
    path: str
    label: str


class Campus:
    """Scenario + catalog resolved into graph inputs."""

    def __init__(
        self, scenario: Scenario, catalog: Catalog | None = None, graph: Graph | None = None
    ):
        self.scenario = scenario
        base = getattr(scenario, "_base_dir", ".")
        self.catalog = catalog or load_catalog(scenario.catalog, base)
        self.graph = graph or default_graph()
        self.inputs, self.provenance = build_inputs(scenario, self.catalog)
        known = set(self.graph.nodes) | set(self.graph.free_inputs) | set(self.inputs)
        apply_overrides(scenario, known, self.inputs, self.provenance)
        self._fill_gpu_count()

    @classmethod
    def from_file(cls, path: str | Path, sets: list[str] | None = None) -> Campus:
        return cls(load_scenario(path, sets))

    # -- sizing -------------------------------------------------------------------------
    def caps(self) -> list[Cap]:
        out = []
        if self.scenario.site.power_cap_mw is not None:
            out.append(
                Cap(
                    "facility_power_mw",
                    central(self.scenario.site.power_cap_mw),
                    "site.power_cap_mw",
                    "peak facility power",
                )
            )
        if self.scenario.finance.budget_usd is not None:
            out.append(
                Cap(
                    "capex_usd",
                    central(self.scenario.finance.budget_usd),
                    "finance.budget_usd",
                    "overnight capex",
                )
            )
        return out

    @property
    def goal_seek(self) -> bool:
        """True when the GPU count is to be found from the caps."""
        return "target_gpu_count" not in self.inputs and "system_count" not in self.inputs

    def _fill_gpu_count(self) -> None:
        self.sizing = "given"
        if not self.goal_seek:
            return
        phases = self.scenario.schedule.phases
        if phases:
            self.sizing = "phases"
            self.inputs["target_gpu_count"] = central(phases[-1].gpu_count)
            self.provenance["target_gpu_count"] = Provenance(
                "derived", f"schedule.phases[{len(phases) - 1}].gpu_count"
            )
        elif self.caps():
            self.sizing = "caps"
        else:
            raise GigawattInputError(
                [
                    Problem(
                        "compute.gpu_count",
                        "is empty and nothing sizes the campus: give compute.gpu_count, schedule "
                        "phases, or a cap (site.power_cap_mw and/or finance.budget_usd) to "
                        "goal-seek",
                    )
                ]
            )

    # -- evaluation ---------------------------------------------------------------------
    def evaluate(
        self,
        values: Mapping[str, Any] | None = None,
        targets: Iterable[str] | None = None,
        use_memo: bool = True,
    ) -> dict[str, Any]:
        """Evaluate the graph; `values` override inputs or any quantity (arrays welcome).

        Keys may be quantity names or scenario paths such as `compute.gpu_count`. Heavy
        sub-models reuse earlier results for equal inputs unless `use_memo` is False.
        """
        given = dict(self.inputs)
        if values:
            quantities = scenario_quantities()
            paths = {v: k for k, v in quantities.items()}
            for key, value in _plan_values(values, quantities, paths).items():
                given[paths.get(key, key)] = value
        return self.graph.evaluate(given, targets=targets, use_memo=use_memo)

    def _fits(self, system_counts: np.ndarray, caps: list[Cap]) -> np.ndarray:
        vals = self.evaluate({"system_count": system_counts}, targets=[c.quantity for c in caps])
        ok = np.ones(system_counts.shape, dtype=bool)
        for c in caps:
            ok &= np.asarray(vals[c.quantity]) <= c.limit * (1 + 1e-12)
        return ok

    def largest_system_count(self) -> tuple[int, list[Cap]]:
        """Most whole systems meeting every cap, and the caps that one more system breaks.

        Vectorised search: a geometric bracket evaluated at once, then 64-way narrowing.
        """
        caps = self.caps()
        if not self._fits(np.array([1.0]), caps)[0]:
            first = self.evaluate({"system_count": 1.0})
            why = "; ".join(
                f"{c.path} = {c.limit:,.6g} but one system needs "
                f"{c.label} {float(first[c.quantity]):,.6g}"
                for c in caps
                if first[c.quantity] > c.limit
            )
            raise GigawattInputError(
                [Problem("compute.gpu_count", f"not even one system fits: {why}")]
            )
        grid = 2.0 ** np.arange(0, 40)
        ok = self._fits(grid, caps)
        lo = grid[ok].max()
        hi = 2.0 * lo
        while hi - lo > 1:
            cand = np.unique(np.round(np.linspace(lo, hi, 66)[1:-1]))
            cand = cand[(cand > lo) & (cand < hi)]
            if cand.size == 0:
                break
            fit = self._fits(cand, caps)
            if fit.any():
                lo = cand[fit].max()
            above = cand[~fit]
            if above.size:
                hi = above.min()
        n = int(lo)
        over = self.evaluate({"system_count": float(n + 1)}, targets=[c.quantity for c in caps])
        binding = [c for c in caps if over[c.quantity] > c.limit]
        return n, binding

    def plan(self):
        """The deterministic plan of this campus."""
        from gigawatt.result import Plan

        binding: list[Cap] = []
        overrides: dict[str, Any] = {}
        if self.goal_seek:
            n, binding = self.largest_system_count()
            overrides["system_count"] = float(n)
        values = self.evaluate(overrides)
        if overrides:
            self.provenance["system_count"] = Provenance(
                "derived",
                "goal-seek: largest whole-system count under "
                + " and ".join(c.path for c in self.caps()),
            )
            values["target_gpu_count"] = values["gpu_count"]
        self._check(values)
        return Plan(self, values, binding)

    def _check(self, values: dict[str, Any]) -> None:
        """Reject plans that break a cap or that the network cannot build."""
        problems = []
        for c in self.caps():
            v = float(values[c.quantity])
            if v > c.limit * (1 + 1e-9):
                hint = ""
                if not self.goal_seek:
                    n, _ = self.largest_system_count()
                    gps = int(values["gpus_per_system"])
                    hint = (
                        f"; at most {n * gps:,} GPUs ({n:,} systems) fit — leave "
                        "compute.gpu_count empty to goal-seek"
                    )
                problems.append(
                    Problem(
                        "compute.gpu_count",
                        f"{int(values['gpu_count']):,} GPUs need {c.label} {v:,.6g}, above "
                        f"{c.path} = {c.limit:,.6g}{hint}",
                    )
                )
        problems += network_problems(self.scenario, self.catalog, values)
        from gigawatt.reliability.job import input_problems

        problems += input_problems(values)
        if problems:
            raise GigawattInputError(problems)


def plan(scenario: Scenario | str | Path, sets: list[str] | None = None):
    """Plan a campus from a `Scenario` or a scenario file: `gigawatt.plan("colossus2.yaml")`."""
    if isinstance(scenario, str | Path):
        return Campus.from_file(scenario, sets).plan()
    if sets:
        raise TypeError("`sets` applies to scenario files; edit the Scenario object instead")
    return Campus(scenario).plan()

"""Python API: search or evaluate parallel plans from a scenario or from a few arguments,
returning pandas tables (pandas is imported inside the functions)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from gigawatt.step import PHASES
from gigawatt.training.memory import RECOMPUTE
from gigawatt.training.quantities import HARDWARE_KEYS

if TYPE_CHECKING:
    import pandas as pd

    from gigawatt.campus import Campus
    from gigawatt.training.plans import TrainingPlan

PLAN_INPUTS = (
    "model_spec",
    "precision_name",
    "parallelism_spec",
    "global_batch_sequence_count",
    "gpu_count",
    "network_levels_spec",
    "gpu_architecture_name",
    *HARDWARE_KEYS,
)


def campus_of(
    scenario=None,
    *,
    model: str | dict | None = None,
    system: str | None = None,
    gpu_count: int | None = None,
    global_batch_size: int | None = None,
    precision: str | None = None,
    parallelism: dict[str, Any] | None = None,
    sets: list[str] | None = None,
) -> Campus:
    """A campus from a scenario (file, mapping or `Scenario`) and/or keyword arguments."""
    from gigawatt.campus import Campus
    from gigawatt.scenario import Scenario, load_scenario
    from gigawatt.scenario.io import validate_document

    if isinstance(scenario, Scenario):
        doc = scenario.model_dump(mode="json", exclude_unset=True)
    elif isinstance(scenario, str | Path):
        doc = load_scenario(scenario, sets).model_dump(mode="json", exclude_unset=True)
    else:
        doc = dict(scenario or {})
    compute = dict(doc.get("compute", {}))
    workload = dict(doc.get("workload", {}))
    if system is not None:
        compute["system"] = system
    if gpu_count is not None:
        compute["gpu_count"] = gpu_count
    for key, value in (
        ("model", model),
        ("global_batch_size", global_batch_size),
        ("precision", precision),
        ("parallelism", parallelism),
    ):
        if value is not None:
            workload[key] = value
    doc["compute"], doc["workload"] = compute, workload
    return Campus(validate_document(doc))


def campus_values(campus: Campus, targets) -> dict[str, Any]:
    """Graph values of a campus, goal-seeking its GPU count first when it is not given."""
    sized = {}
    if campus.goal_seek:
        sized["system_count"] = float(campus.largest_system_count()[0])
    return campus.evaluate(sized, targets=list(targets))


def plan_of(campus: Campus, top: int = 10, memory_check: bool = True) -> TrainingPlan:
    """The search result for a campus, with the `top` best plans kept."""
    from gigawatt.training.quantities import plan_from_inputs

    values = campus_values(campus, PLAN_INPUTS)
    return plan_from_inputs(
        top_k=top, memory_check=memory_check, **{k: values[k] for k in PLAN_INPUTS}
    )


def _row(plan_row: dict[str, Any], phases: dict[str, float]) -> dict[str, Any]:
    row = {
        "tp": int(plan_row["tp"]),
        "pp": int(plan_row["pp"]),
        "vpp": int(plan_row["vpp"]),
        "dp": int(plan_row["dp"]),
        "cp": int(plan_row["cp"]),
        "ep": int(plan_row["ep"]),
        "micro_batch_size": int(plan_row["mbs"]),
        "recompute": RECOMPUTE[int(plan_row["rc"])],
        "zero_stage": int(plan_row["zero"]),
        "step_time_s": plan_row["step_time_s"],
        "tokens_per_s": plan_row["tokens_per_s"],
        "tokens_per_s_per_gpu": plan_row["tokens_per_s_per_gpu"],
        "tflops_per_gpu": plan_row["flop_per_s_per_gpu"] / 1e12,
        "mfu": plan_row["mfu"],
        "hfu": plan_row["hfu"],
        "memory_gb_per_gpu": plan_row["memory_gb_per_gpu"],
        "gpus_used": int(plan_row["gpus_used"]),
    }
    if "fits_memory" in plan_row:
        row["fits_memory"] = bool(plan_row["fits_memory"])
    row.update({f"{p}_s": float(phases.get(p, 0.0)) for p in PHASES})
    return row


def table(plan: TrainingPlan) -> pd.DataFrame:
    """The top plans of a search as a DataFrame (one row per plan, fastest first)."""
    import pandas as pd

    return pd.DataFrame([_row(r, r["phases"]) for r in plan.top])


def search(scenario=None, *, top: int = 10, **kwargs) -> pd.DataFrame:
    """Best parallel plans of a training job, fastest first.

    `scenario` is a scenario file, mapping or `Scenario`; keyword arguments (`model`,
    `system`, `gpu_count`, `global_batch_size`, `precision`, `parallelism`, `sets`) fill or
    override it. Degrees given in `parallelism` are fixed; the rest is searched.

    >>> import gigawatt.training as gt
    >>> df = gt.search(model="llama3-70b", system="h100-sxm-hgx", gpu_count=1024,
    ...                global_batch_size=512, top=3)
    >>> list(df.columns[:4])
    ['tp', 'pp', 'vpp', 'dp']
    """
    plan = plan_of(campus_of(scenario, **kwargs), top=top).require()
    return table(plan)


def evaluate(scenario=None, **kwargs) -> pd.DataFrame:
    """One plan as a one-row DataFrame with its breakdown. Degrees left out of
    `parallelism` are searched among plans that fit in memory; a plan given in full is
    reported even above the memory estimate (`fits_memory` False)."""
    import pandas as pd

    plan = plan_of(campus_of(scenario, **kwargs), top=1).require()
    best = {k: float(np.ravel(v)[0]) for k, v in plan.best.items()}
    phases = {k: float(np.ravel(v)[0]) for k, v in plan.phases.items()}
    return pd.DataFrame([_row(best, phases)])

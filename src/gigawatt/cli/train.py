"""`gigawatt train`: the best parallel plan of the workload on the campus, and the
validation of the training model against published runs (`gigawatt validate training`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus

BEST_KEYS = (
    "step_time_s",
    "tokens_per_s",
    "tokens_per_s_per_gpu",
    "tflops_per_gpu",
    "mfu",
    "hfu",
    "memory_gb_per_gpu",
)


def plan_json(row: dict[str, Any]) -> dict[str, Any]:
    """One plan in the `gigawatt train --json` shape."""
    from gigawatt.step import PHASES
    from gigawatt.training.plans import PARALLELISM_KEYS

    return {
        "parallelism": {k: row[k] for k in PARALLELISM_KEYS},
        **{k: row[k] for k in BEST_KEYS},
        "breakdown_s": {p: row[f"{p}_s"] for p in PHASES},
    }


@app.command()
@guarded
def train(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML or TOML).", metavar="FILE")],
    top: Annotated[
        int, typer.Option("--top", "-k", min=1, max=1000, help="How many plans to list.")
    ] = 5,
    sets: SetOption = None,
    json: JsonOption = False,
):
    """Find the fastest parallel plan of the workload on the whole campus."""
    from gigawatt.training.api import campus_values, plan_of, table

    campus = load_campus(file, sets)
    plan = plan_of(campus, top=top).require()
    rows = table(plan).to_dict(orient="records")
    if not rows[0].get("fits_memory", True):
        console(stderr=True).print(
            f"warning: the given plan needs {rows[0]['memory_gb_per_gpu']:,.1f} GB per GPU by "
            "this model's memory estimate, above the usable HBM; reported as given"
        )
    values = campus_values(
        campus, ["time_to_train_days", "ideal_time_to_train_days", "ettr_frac", "gpu_count"]
    )
    doc = {
        "best": plan_json(rows[0]),
        "time_to_train_days": float(values["time_to_train_days"]),
        "ideal_time_to_train_days": float(values["ideal_time_to_train_days"]),
        "ettr": float(values["ettr_frac"]),
        "plans_evaluated": plan.plans_evaluated,
        "top": [plan_json(r) for r in rows],
    }
    if json:
        dump_json(doc)
        return
    _render(campus, doc, rows, int(values["gpu_count"]))


def _render(campus, doc, rows, gpus: int) -> None:
    from rich.table import Table

    sc = campus.scenario
    out = console()
    out.width = max(out.width, 110)  # the top-plans table has 12 columns
    model = sc.workload.model if isinstance(sc.workload.model, str) else "inline shape"
    best = doc["best"]
    out.print(
        f"[bold]{model}[/bold] on {gpus:,} {sc.compute.system} GPUs, {sc.workload.precision}, "
        f"global batch {sc.workload.global_batch_size:,} sequences — "
        f"{doc['plans_evaluated']:,} plans evaluated"
    )
    par = ", ".join(f"{k}={v}" for k, v in best["parallelism"].items())
    out.print(f"[bold]best plan:[/bold] {par} ({rows[0]['gpus_used']:,} GPUs used)")
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column("quantity", style="cyan")
    t.add_column("value", justify="right")
    for key in BEST_KEYS:
        t.add_row(key, f"{best[key]:,.4g}")
    t.add_row("time_to_train_days", f"{doc['time_to_train_days']:,.4g}")
    out.print(t)
    step = best["step_time_s"]
    b = Table(title="step breakdown (exposed time)", title_justify="left")
    b.add_column("phase")
    b.add_column("s", justify="right")
    b.add_column("share", justify="right")
    for phase, s in best["breakdown_s"].items():
        b.add_row(phase, f"{s:.4g}", f"{100 * s / step:.1f} %")
    out.print(b)
    top = Table(title=f"top {len(rows)} plans", title_justify="left")
    cols = ["tp", "pp", "vpp", "dp", "cp", "ep", "micro_batch_size", "recompute", "zero_stage"]
    for c in [*cols, "step_time_s", "mfu", "memory_gb_per_gpu"]:
        top.add_column(c.replace("_", " "), justify="right")
    for r in rows:
        top.add_row(
            *[str(r[c]) for c in cols],
            f"{r['step_time_s']:.4g}",
            f"{r['mfu']:.3f}",
            f"{r['memory_gb_per_gpu']:.1f}",
        )
    out.print(top)


METRIC_LABELS = {
    "iteration_time_s": "step s",
    "tflops_per_gpu": "TFLOP/s",
    "pct_of_peak": "% peak",
    "aggregate_pflops": "PFLOP/s",
    "mfu_pct": "MFU %",
}


def validate_training(json: bool = False) -> None:
    """Rerun the dev set of published runs and print measured vs predicted."""
    from rich.table import Table

    from gigawatt.training.validation import summary, validate

    results = validate()
    stats = summary(results)
    if json:
        dump_json({"runs": results, "summary": stats})
        return
    out = console()
    out.width = max(out.width, 100)  # the run ids are long; keep one row per line
    t = Table(title="training model vs published runs (error = predicted/measured − 1)")
    for c in ("id", "split", "GPUs", "metric", "measured", "predicted", "error"):
        t.add_column(c, justify="left" if c in ("id", "split", "metric") else "right", no_wrap=True)
    for r in results:
        t.add_row(
            r["id"],
            r["split"],
            f"{r['gpus']:,}",
            METRIC_LABELS.get(r["metric"], r["metric"]),
            f"{r['measured']:.4g}",
            f"{r['predicted']:.4g}",
            f"{100 * r['error_frac']:+.1f} %",
        )
    out.print(t)
    for name, s in stats.items():
        out.print(
            f"{name:8s} {s['rows']:3d} rows: median |error| "
            f"{100 * s['median_abs_error_frac']:.1f} %, max {100 * s['max_abs_error_frac']:.1f} %"
        )

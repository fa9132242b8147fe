"""`gigawatt schedule`: milestones (P10/P50/P90), critical path, GPUs online, goals."""

from __future__ import annotations

from typing import Annotated

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus
from gigawatt.cli.core import FileArg

ChartOption = Annotated[
    str | None,
    typer.Option(
        "--chart",
        help="Write a self-contained HTML chart (plotly) to this file.",
        metavar="OUT.html",
    ),
]


def emit(report, chart: str | None, figure, json: bool, render) -> None:
    """Write the chart if asked (`figure(report)` builds it), then print JSON or text."""
    if chart:
        from gigawatt.schedule.charts import write_html

        path = write_html(figure(report), chart)
        console(stderr=True).print(f"wrote {path}")
    if json:
        dump_json(report)
    else:
        render(report, console())


@app.command()
@guarded
def schedule(
    file: FileArg, sets: SetOption = None, json: JsonOption = False, chart: ChartOption = None
):
    """Construction schedule: milestones (P10/P50/P90), critical path, GPUs online, goals."""
    from gigawatt.schedule.charts import schedule_figure
    from gigawatt.schedule.report import schedule_report

    report = schedule_report(load_campus(file, sets).plan())
    emit(report, chart, schedule_figure, json, render_schedule)


def _table(title, columns):
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c)
    return t


def render_schedule(r, con) -> None:
    con.print(
        f"[bold]{r['template']}[/bold] schedule from {r['start_date']} "
        f"({r['sample_count']:,} samples)"
    )
    t = _table("Milestones", ["milestone", "P10", "P50", "P90"])
    for m in r["milestones"]:
        t.add_row(m["label"], *(m[k] or "never" for k in ("p10", "p50", "p90")))
    con.print(t)
    con.print("[bold]critical path (P50):[/bold] " + " → ".join(r["critical_path"]))
    if r["goals"]:
        t = _table("Goals", ["goal", "target", "P50", "P(met)", "binding task"])
        for g in r["goals"]:
            t.add_row(
                g["name"],
                g["target"],
                g["p50"] or "never",
                f"{100 * g['probability_met_frac']:.0f} %",
                g["binding_task"],
            )
        con.print(t)
    run = r["training_run"]
    con.print(
        f"training run ({run['time_to_train_days']:,.1f} days on the full cluster): started at "
        f"first training on the partial cluster it ends {run['finish_partial_start']}; "
        f"waiting for every GPU it ends {run['finish_wait_for_full_cluster']} "
        f"(gain {run['partial_start_gain_days']:,.1f} days)"
    )
    con.print(f"idle GPUs: {r['idle_gpu_days']:,.0f} GPU-days, {r['idle_gpu_cost_usd']:,.0f} USD")
    step = max(1, len(r["gpus_online"]) // 12)
    t = _table("GPUs online", ["date", "P10", "P50", "P90", "delivered (P50)"])
    for p in r["gpus_online"][::step]:
        t.add_row(p["date"], *(f"{p[k]:,.0f}" for k in ("p10", "p50", "p90", "delivered_p50")))
    con.print(t)
    for note in r["notes"]:
        con.print(f"[yellow]note:[/yellow] {note}")

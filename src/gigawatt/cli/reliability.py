"""`gigawatt reliability`: interruptions, goodput (ETTR) and time to train as a distribution."""

from __future__ import annotations

from typing import Annotated

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus

PROGRESS_EVENTS = 2_000_000
"""Show a progress bar (on a terminal) when the simulation draws more interruptions."""


@app.command()
@guarded
def reliability(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML or TOML).", metavar="FILE")],
    sets: SetOption = None,
    json: JsonOption = False,
):
    """Failures and recovery: MTTI, ETTR and its breakdown, losses by cause, time to train."""
    from gigawatt.reliability.report import expected_events, reliability_report, run_simulation

    plan = load_campus(file, sets).plan()
    err = console(stderr=True)
    if err.is_terminal and expected_events(plan) > PROGRESS_EVENTS:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("simulating", total=int(plan["simulation_replication_count"]))
            sim = run_simulation(plan, lambda done, total: bar.update(task, completed=done))
    else:
        sim = run_simulation(plan)
    report = reliability_report(plan, sim)
    if json:
        dump_json(report)
    else:
        _render(report, console())


def _pct(x) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def _num(x, fmt: str = ",.4g") -> str:
    return "—" if x is None else format(x, fmt)


def _render(r: dict, out) -> None:
    from rich.table import Table

    ttt = r["time_to_train_days"]
    head = Table(title="Reliability", title_justify="left", show_header=False, box=None)
    head.add_column("quantity", style="cyan", no_wrap=True)
    head.add_column("value", justify="right")
    rows = [
        ("strategy", f"{r['strategy']} (checkpoints: {r['checkpoint_tiers']})"),
        (
            "job GPUs / spare GPUs",
            f"{_num(r['job_gpu_count'], ',.0f')} / {_num(r['spare_gpu_count'], ',.0f')}",
        ),
        ("job MTTI", f"{_num(r['job_mtti_hours'])} h"),
        ("interruptions per day", _num(r["interruptions_per_day"]["total"])),
        ("restart stall", f"{_num(r['restart_minutes'])} min"),
        (
            "ETTR simulated (P10-P90)",
            f"{_pct(r['ettr'])} ({_pct(r['ettr_p10'])} - {_pct(r['ettr_p90'])})",
        ),
        ("ETTR closed form", _pct(r["ettr_closed_form"])),
        (
            "time to train P10 / P50 / P90",
            f"{ttt['p10']:,.3g} / {ttt['p50']:,.3g} / {ttt['p90']:,.3g} days",
        ),
        (
            "time to train ideal / closed form",
            f"{_num(ttt['ideal'], ',.3g')} / {_num(ttt['closed_form'], ',.3g')} days",
        ),
        ("hot-spare fraction for the target", _num(r["required_hot_spare_frac"], ".4g")),
    ]
    for name, value in rows:
        head.add_row(name, value)
    out.print(head)

    parts = Table(title="ETTR breakdown (fraction of wall time)", title_justify="left")
    for col in ("component", "simulated", "closed form"):
        parts.add_column(col, justify="left" if col == "component" else "right")
    parts.add_row("training (ETTR)", _pct(r["ettr"]), _pct(r["ettr_closed_form"]))
    for k, x in r["ettr_breakdown"].items():
        parts.add_row(k.replace("_", " "), _pct(x), _pct(r["ettr_breakdown_closed_form"][k]))
    out.print(parts)

    causes = Table(title="By cause", title_justify="left")
    for col in ("cause", "interruptions/day", "lost GPU-hours (training run)"):
        causes.add_column(col, justify="left" if col == "cause" else "right")
    per_day = r["interruptions_per_day"]["by_cause"]
    for cause, lost in sorted(r["lost_gpu_hours_by_cause"].items(), key=lambda kv: -kv[1]):
        causes.add_row(cause, _num(per_day.get(cause), ".3g"), _num(lost, ",.4g"))
    out.print(causes)

    tiers = ", ".join(
        f"{t} {_num(x, ',.3g')} min"
        for t, x in r["checkpoint_interval_minutes"].items()
        if x is not None
    )
    out.print(f"[bold]checkpoint intervals:[/bold] {tiers}")
    cmp = ", ".join(f"{s} {_pct(x)}" for s, x in r["ettr_by_strategy"].items())
    out.print(f"[bold]closed-form ETTR by strategy:[/bold] {cmp}")
    sim = r["simulation"]
    out.print(
        f"[dim]{sim['replications']} simulated runs of {sim['horizon_days']:,.3g} days, "
        f"seed {sim['seed']}[/dim]"
    )
    for text in r["warnings"]:
        out.print(f"[bold yellow]warning:[/bold yellow] {text}")

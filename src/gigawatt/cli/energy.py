"""Energy commands: `gigawatt energy` (supply design) and `gigawatt power-swing` (training power
dynamics). Rendering only: the numbers come from `gigawatt.energy`."""

from __future__ import annotations

from typing import Annotated

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus

FileArg = Annotated[str, typer.Argument(help="Scenario file (YAML or TOML).", metavar="FILE")]


def _table(title: str, rows: list[tuple[str, str, str]]) -> None:
    from rich.table import Table

    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column("quantity", style="cyan", no_wrap=True)
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("unit", no_wrap=True)
    for r in rows:
        t.add_row(*r)
    console().print(t)


def _num(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e6 else f"{x:.4g}"


@app.command()
@guarded
def energy(
    file: FileArg,
    sets: SetOption = None,
    json: JsonOption = False,
    fast: Annotated[
        bool, typer.Option("--fast", help="Dispatch the plan's capacities (no optimiser).")
    ] = False,
    days: Annotated[
        int | None,
        typer.Option("--days", help="Optimise on this many representative days, not 8,760 h."),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", help="Write the hourly tables (CSV and Parquet) to this folder."),
    ] = None,
):
    """Design the energy supply: capacities, energy by source, LCOE, fuel, CO2, water."""
    from gigawatt.energy.report import energy_report, write_tables

    campus = load_campus(file, sets)
    err = console(stderr=True)
    with err.status("optimising the supply…", spinner="dots") as status:
        summary, hourly = energy_report(
            campus, optimize=not fast, days=days, progress=lambda m: status.update(m + "…")
        )
    if out:
        written = write_tables(hourly, out)
        err.print(f"wrote {len(written)} files to {out}")
    if json:
        dump_json(summary)
        return
    console().print(f"[bold]{campus.scenario.site.name}[/bold]: {summary['method']}")
    _table(
        "Capacity",
        [(k, _num(v), "MW") for k, v in summary["capacity_mw"].items()],
    )
    _table(
        "Energy",
        [(k, _num(v), "MWh/yr") for k, v in summary["energy_mwh_per_year"].items()],
    )
    _table(
        "Totals",
        [
            ("lcoe_usd_per_mwh", _num(summary["lcoe_usd_per_mwh"]), "USD/MWh"),
            ("fuel_mmbtu_per_year", _num(summary["fuel_mmbtu_per_year"]), "MMBtu/yr"),
            ("co2_t_per_year", _num(summary["co2_t_per_year"]), "t/yr"),
            ("water_m3_per_year", _num(summary["water_m3_per_year"]), "m³/yr"),
            ("pue_annual", f"{summary['pue_annual']:.3f}", ""),
            ("peak_facility_mw", _num(summary["peak_facility_mw"]), "MW"),
            ("unserved_mwh", _num(summary["unserved_mwh"]), "MWh/yr"),
        ],
    )
    binding = summary["binding_constraints"] or ["none"]
    console().print("[bold]binding constraints:[/bold] " + "; ".join(binding))
    for note in summary["notes"]:
        console().print(f"note: {note}")

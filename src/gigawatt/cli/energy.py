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


SWING_TARGETS = (
    "swing_mw",
    "max_ramp_mw_per_s",
    "band_rms_unmitigated_mw",
    "swing_battery_mw",
    "swing_battery_mwh",
    "mitigation_cost_usd_per_year",
    "residual_swing_mw",
    "utility_ramp_mw_per_s",
)


def _step_from_phases(phases: list[str]):
    from gigawatt.errors import GigawattInputError, Problem
    from gigawatt.step import StepBreakdown

    out = {}
    for item in phases:
        name, _, sec = item.partition("=")
        try:
            out[name.strip()] = float(sec)
        except ValueError:
            raise GigawattInputError(
                [Problem("--phase", "expected name=seconds", item, True)]
            ) from None
    try:
        return StepBreakdown(sum(out.values()), out)
    except ValueError as exc:
        raise GigawattInputError([Problem("--phase", str(exc))]) from None


@app.command("power-swing")
@guarded
def power_swing(
    file: FileArg,
    sets: SetOption = None,
    json: JsonOption = False,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            "--phase",
            help="A step phase name=seconds (compute, dp_comm, pp_comm, bubble, optimizer, ...); "
            "overrides the training model's step breakdown. Repeatable.",
        ),
    ] = None,
):
    """Training power swings: waveform, ramp, band energy, and the mitigation that meets the
    utility's limits."""
    from gigawatt.campus import Campus
    from gigawatt.errors import GigawattInputError, Problem
    from gigawatt.graph.wiring.energy import dynamics_graph
    from gigawatt.scenario import load_scenario

    campus = Campus(load_scenario(file, sets), graph=dynamics_graph())
    given = {}
    if phase:
        given["training_step_spec"] = _step_from_phases(phase)
    elif "training_step_spec" not in campus.graph.nodes:
        raise GigawattInputError(
            [
                Problem(
                    "--phase",
                    "this build has no training model step breakdown (training_step_spec); "
                    "give the step's phases, e.g. --phase compute=8 --phase dp_comm=2",
                )
            ]
        )
    v = campus.evaluate(given, targets=[*SWING_TARGETS, "mitigation_spec", "power_waveform_spec"])
    m = v["mitigation_spec"]
    sc = campus.scenario.power
    summary = {
        "swing_mw": float(v["swing_mw"]),
        "max_ramp_mw_per_s": float(v["max_ramp_mw_per_s"]),
        "band_energy": {
            "band_hz": [float(sc.oscillation_band_low_hz), float(sc.oscillation_band_high_hz)],
            "rms_mw": float(v["band_rms_unmitigated_mw"]),
            "residual_rms_mw": m.residual["band_rms_mw"],
        },
        "battery_mw": float(v["swing_battery_mw"]),
        "battery_mwh": float(v["swing_battery_mwh"]),
        "mitigation_cost_usd_per_year": float(v["mitigation_cost_usd_per_year"]),
        "residual_swing_mw": float(v["residual_swing_mw"]),
        "residual_ramp_mw_per_s": m.residual["max_ramp_mw_per_s"],
        "ramp_limit_mw_per_s": float(v["utility_ramp_mw_per_s"]),
        "smoothing_time_constant_s": m.tau_s,
        "meets_limits": m.meets_limits,
    }
    if json:
        dump_json(summary)
        return
    _table(
        "Training power swing",
        [
            ("swing_mw", _num(summary["swing_mw"]), "MW"),
            ("max_ramp_mw_per_s", _num(summary["max_ramp_mw_per_s"]), "MW/s"),
            ("band_rms_mw", _num(summary["band_energy"]["rms_mw"]), "MW"),
            ("battery_mw", _num(summary["battery_mw"]), "MW"),
            ("battery_mwh", _num(summary["battery_mwh"]), "MWh"),
            (
                "mitigation_cost_usd_per_year",
                _num(summary["mitigation_cost_usd_per_year"]),
                "USD/yr",
            ),
            ("residual_swing_mw", _num(summary["residual_swing_mw"]), "MW"),
            ("residual_ramp_mw_per_s", _num(summary["residual_ramp_mw_per_s"]), "MW/s"),
        ],
    )
    if not m.meets_limits:
        console().print("[bold red]no smoothing within 10^4 s meets the limits[/bold red]")

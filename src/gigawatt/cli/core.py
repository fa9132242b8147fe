"""Core commands: plan, validate, explain, schema, catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus

FileArg = Annotated[str, typer.Argument(help="Scenario file (YAML or TOML).", metavar="FILE")]


@app.command()
@guarded
def plan(
    file: FileArg,
    sets: SetOption = None,
    json: JsonOption = False,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Write the resolved scenario, "
            "metrics and breakdown tables (CSV and Parquet) to this folder.",
        ),
    ] = None,
):
    """Plan a campus: every domain in one consistent model."""
    result = load_campus(file, sets).plan()
    if out:
        written = result.write(out)
        console(stderr=True).print(f"wrote {len(written)} files to {out}")
    if json:
        dump_json(result.to_dict())
    else:
        from gigawatt.cli.render import render_plan

        render_plan(result, console())


@app.command()
@guarded
def validate(
    target: Annotated[
        str, typer.Argument(help="Scenario file to check, or `training`.", metavar="FILE")
    ],
    sets: SetOption = None,
    json: JsonOption = False,
):
    """Check a scenario: exit 0 if it plans, else list every problem and exit 2.
    `gigawatt validate training` reruns the training model on published runs."""
    if target == "training" and not Path(target).exists():
        from gigawatt.cli.train import validate_training

        return validate_training(json)
    campus = load_campus(target, sets)
    result = campus.plan()
    console().print(
        f"ok: {target} is valid ({int(result['gpu_count']):,} GPUs, "
        f"{result['facility_power_mw']:,.1f} MW facility)"
    )


@app.command()
@guarded
def explain(
    file: FileArg,
    quantity: Annotated[
        str,
        typer.Argument(help="Quantity name (e.g. pue) or scenario path (e.g. compute.gpu_count)."),
    ],
    depth: Annotated[
        int, typer.Option("--depth", "-d", min=0, max=50, help="Levels of inputs to show.")
    ] = 2,
    sets: SetOption = None,
    json: JsonOption = False,
):
    """Explain a number: value, formula, inputs (to --depth) and the sources of constants."""
    exp = load_campus(file, sets).plan().explain(quantity, depth)
    if json:
        import dataclasses

        dump_json(dataclasses.asdict(exp) | {"sources": exp.sources()})
        return
    from gigawatt.cli.render import render_explanation

    render_explanation(exp, console())


@app.command()
@guarded
def schema():
    """Print the JSON Schema of scenario files (for editor completion)."""
    from gigawatt.scenario import json_schema

    dump_json(json_schema())


@app.command()
@guarded
def catalog(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="Kind to list (system, switch, "
            "nic, optic, turbine, battery, cooling, "
            "model, failure); empty: a count per kind."
        ),
    ] = None,
    json: JsonOption = False,
):
    """List the catalog: products with their key figures and sources."""
    from gigawatt.catalog import builtin, entry_rows
    from gigawatt.catalog.schema import KINDS
    from gigawatt.errors import GigawattInputError, Problem

    cat = builtin()
    if kind is None:
        rows = [
            {"kind": k, "entries": len(cat.ids(k)), "ids": ", ".join(cat.ids(k))} for k in KINDS
        ]
        if json:
            dump_json(rows)
            return
        _table(
            rows,
            ["kind", "entries", "ids"],
            f"catalog ({', '.join(sorted(set(cat.versions.values())))})",
        )
        return
    if kind not in KINDS:
        raise GigawattInputError(
            [Problem("KIND", f"unknown kind; one of {', '.join(KINDS)}", kind, True)]
        )
    rows = entry_rows(cat, kind)
    if json:
        dump_json(rows)
        return
    _table(
        rows,
        ["id", *KEY_COLUMNS[kind], "year", "confidence"],
        f"{kind} entries (every field and source: --json)",
    )


KEY_COLUMNS = {
    "system": [
        "gpus_per_system",
        "gpu_bf16_flop_per_s",
        "gpu_fp8_flop_per_s",
        "gpu_fp4_flop_per_s",
        "gpu_hbm_gb",
        "gpu_tdp_w",
        "system_power_w",
        "system_price_usd",
    ],
    "switch": ["technology", "switch_capacity_gbps", "switch_power_w", "switch_price_usd"],
    "nic": ["nic_gbps", "nic_power_w", "nic_price_usd"],
    "optic": ["medium", "optic_gbps", "optic_power_w", "optic_price_usd", "optic_reach_m"],
    "turbine": [
        "turbine_class",
        "turbine_mw",
        "turbine_heat_rate_mmbtu_per_mwh",
        "turbine_capex_usd_per_kw",
        "turbine_lead_time_months",
    ],
    "battery": [
        "battery_unit_mwh",
        "battery_unit_mw",
        "battery_rte_frac",
        "battery_capex_usd_per_kwh",
    ],
    "cooling": ["cooling_type", "chiller_cop_ratio", "economizer_supply_c", "water_l_per_kwh"],
    "solar": ["solar_capex_usd_per_kw", "solar_capacity_frac", "solar_lead_time_months"],
    "failure": ["failure_observed_gpu_count", "failure_observed_days"],
    "model": [
        "layers",
        "hidden_size",
        "attention_heads",
        "kv_heads",
        "experts",
        "published_param_count",
    ],
}


def _cell(column: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str | dict | bool) or column == "year":
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:.4g}"


def _table(rows, columns, title) -> None:
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c.replace("_", " "), overflow="fold", no_wrap=c == "id")
    for r in rows:
        t.add_row(*[_cell(c, r[c]) for c in columns])
    console().print(t)

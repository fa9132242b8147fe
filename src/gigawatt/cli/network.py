"""`gigawatt network`: the network design of a campus, or alternatives side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, console, dump_json, guarded, load_campus

CompareOption = Annotated[
    str | None,
    typer.Option(
        "--compare",
        help="Alternatives side by side: FIELD=V1,V2,... (network.FIELD unless dotted), e.g. "
        "planes=1,4,8, switch=spectrum4-sn5600,tomahawk6, topology=fat-tree,rail-only, "
        "oversubscription=1,[1,7], site.buildings=1,4.",
        metavar="FIELD=V1,V2,...",
    ),
]


@app.command()
@guarded
def network(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML or TOML).", metavar="FILE")],
    sets: SetOption = None,
    json: JsonOption = False,
    compare: CompareOption = None,
):
    """Design the network: tiers, switches by tier, optics and cables, power, cost, latency."""
    campus = load_campus(file, sets)
    if compare:
        from gigawatt.network.compare import compare_field

        result = compare_field(campus, compare, file, sets)
        if json:
            dump_json(result)
        else:
            _render_compare(result)
        return
    from gigawatt.network.report import design_report

    plan = campus.plan()
    report = design_report(plan.values, plan.scenario)
    if json:
        dump_json(report)
    else:
        _render_design(report)


def _fmt(x) -> str:
    if not isinstance(x, int | float):
        return str(x)
    if abs(x) >= 1e9:
        return f"{x:.4g}"
    if float(x).is_integer() or abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:,.4g}"


def _kv_table(title: str, rows):
    from rich.table import Table

    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column("quantity", style="cyan", no_wrap=True)
    t.add_column("value", justify="right", no_wrap=True)
    for k, v in rows:
        t.add_row(k, _fmt(v))
    return t


def _render_design(r: dict) -> None:
    from rich.table import Table

    out = console()
    out.print(
        f"[bold]{r['switch']}[/bold], {r['topology']}, {r['planes']} plane(s) of "
        f"{_fmt(r['port_gbps'])} Gb/s ports (radix {r['switch_radix']}), "
        f"{r['buildings']} building(s)"
    )
    out.print(
        _kv_table(
            "Fabric",
            [
                ("tiers", r["tiers"]),
                ("switch_count", r["switch_count"]),
                ("nic_ports", r["nic_ports"]),
                ("network_power_mw", r["network_power_mw"]),
                ("network_capex_usd", r["network_capex_usd"]),
                ("bisection_tbps", r["bisection_tbps"]),
                ("latency_us", r["latency_us"]),
                ("hops", r["hops"]),
            ],
        )
    )
    out.print(_kv_table("Switches by tier", list(r["switches"].items())))
    out.print(_kv_table("Transceivers by type", list(r["transceivers"].items())))
    out.print(
        _kv_table(
            "Cables by distance class",
            [(f"{k} ({c['type']})", c["count"]) for k, c in r["cables"].items()],
        )
    )
    t = Table(title="Levels seen by collectives", title_justify="left")
    for c in ("level", "GPUs", "GB/s per GPU", "latency µs"):
        t.add_column(c, justify="left" if c == "level" else "right")
    for lv in r["levels"]:
        t.add_row(lv["level"], _fmt(lv["gpus"]), _fmt(lv["gb_per_s"]), _fmt(lv["latency_us"]))
    out.print(t)
    out.print(
        _kv_table(
            "Largest cluster by tier count (GPUs)", list(r["largest_cluster_by_tiers"].items())
        )
    )
    out.print(_kv_table("Scale-up domain", list(r["scaleup"].items())))
    out.print(_kv_table("Storage", list(r["storage"].items())))


def _render_compare(result: dict) -> None:
    from rich.table import Table

    from gigawatt.network.compare import COLUMNS

    t = Table(
        title=f"{result['field']} alternatives at {_fmt(result['gpu_count'])} GPUs",
        title_justify="left",
    )
    t.add_column(result["field"], style="cyan", no_wrap=True)
    for row in result["rows"]:
        t.add_column(row["value"], justify="right")
    for key, _ in COLUMNS:
        t.add_row(key, *[_fmt(r[key]) if r["buildable"] else "—" for r in result["rows"]])
    out = console()
    out.print(t)
    for row in result["rows"]:
        for p in row["problems"]:
            out.print(f"[yellow]{row['value']}: not buildable[/yellow] — {p}")

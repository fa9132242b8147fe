"""`gigawatt finance`: capex, financing, NPV/IRR/DSCR, levelised costs, cash flows."""

from __future__ import annotations

from gigawatt.cli import app
from gigawatt.cli.common import JsonOption, SetOption, guarded, load_campus
from gigawatt.cli.core import FileArg
from gigawatt.cli.schedule import ChartOption, _table, emit


@app.command()
@guarded
def finance(
    file: FileArg, sets: SetOption = None, json: JsonOption = False, chart: ChartOption = None
):
    """Project finance: capex, financing by source, NPV, IRR, DSCR, levelised cost, cash flows."""
    from gigawatt.finance.charts import cash_flow_figure
    from gigawatt.finance.report import finance_report

    report = finance_report(load_campus(file, sets).plan())
    emit(report, chart, cash_flow_figure, json, render_finance)


def _compact_table(title, columns):
    """A table of numbers that fits 80 columns (no rules; numbers whole, right-aligned)."""
    from rich.table import Table

    t = Table(title=title, title_justify="left", box=None, pad_edge=False, header_style="bold")
    for i, c in enumerate(columns):
        t.add_column(c, justify="left" if i == 0 else "right", no_wrap=True)
    return t


def _usd(x) -> str:
    return "—" if x is None else f"{x:,.4g}"


def render_finance(r, con) -> None:
    t = _table("Financing", ["source", "kind", "amount USD", "rate", "tenor yr", "IDC USD"])
    for s in r["financing"]:
        t.add_row(
            s["name"],
            s["kind"],
            _usd(s["amount_usd"]),
            "—" if s["rate_frac"] is None else f"{100 * s['rate_frac']:.2f} %",
            "—" if s["tenor_years"] is None else f"{s['tenor_years']:g}",
            _usd(s["interest_during_construction_usd"]),
        )
    con.print(t)
    t = _table("Metrics", ["quantity", "value"])
    for key, label in (
        ("capex_usd", "overnight capex USD"),
        ("npv_usd", "NPV USD (project, after tax)"),
        ("irr", "IRR (project)"),
        ("equity_irr", "IRR (equity)"),
        ("dscr_min", "minimum DSCR"),
        ("payback_years", "payback years"),
        ("levelized_usd_per_gpu_hour", "levelised USD per GPU-hour"),
        ("levelized_usd_per_pflop_day", "levelised USD per PFLOP-day"),
        ("price_usd_per_gpu_hour", "price / value USD per GPU-hour"),
        ("cost_per_training_run_usd", "cost of the training run USD"),
        ("delay_cost_usd_per_month", "cost of a month's delay USD"),
        ("temporary_power_usd", "temporary-power bridge USD (in opex)"),
    ):
        x = r[key]
        text = _usd(x) if key not in ("irr", "equity_irr") or x is None else f"{100 * x:.2f} %"
        t.add_row(label, text)
    con.print(t)
    cols = {
        "capex_usd": "capex",
        "revenue_usd": "revenue",
        "opex_usd": "opex",
        "tax_usd": "tax",
        "debt_service_usd": "debt\nservice",
        "project_cash_flow_usd": "project\nCF",
        "cumulative_project_cash_flow_usd": "cumulative",
    }
    t = _compact_table(
        "Cash flows by year, million USD (--json: the monthly waterfall)",
        ["from", *cols.values(), "DSCR"],
    )
    for row in r["cash_flows"]:
        dscr = "—" if row["dscr_ratio"] is None else f"{row['dscr_ratio']:.2f}"
        t.add_row(row["from"], *[f"{row[c] / 1e6:,.0f}" for c in cols], dscr)
    con.print(t)

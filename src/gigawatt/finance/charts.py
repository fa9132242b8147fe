"""Cash-flow chart by year (capex, opex, debt service, revenue, cumulative project cash flow)
as self-contained HTML; plotly is imported only here."""

from __future__ import annotations

from typing import Any

from gigawatt.schedule.charts import plotly


def cash_flow_figure(report: dict[str, Any]):
    """Bars of the yearly waterfall and the cumulative project cash flow."""
    go, make_subplots = plotly()
    rows = report["cash_flows"]
    x = [r["from"] for r in rows]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for key, name, sign in (
        ("revenue_usd", "revenue / value", 1),
        ("capex_usd", "capex", -1),
        ("opex_usd", "opex", -1),
        ("debt_service_usd", "debt service and rent", -1),
        ("tax_usd", "tax", -1),
    ):
        fig.add_trace(go.Bar(x=x, y=[sign * r[key] for r in rows], name=name))
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[r["cumulative_project_cash_flow_usd"] for r in rows],
            name="cumulative project cash flow",
            mode="lines+markers",
        ),
        secondary_y=True,
    )
    fig.update_layout(
        barmode="relative",
        title=f"Cash flows by year (NPV {report['npv_usd'] or 0:,.3g} USD, levelised "
        f"{report['levelized_usd_per_gpu_hour'] or 0:.3g} USD/GPU-h)",
        yaxis_title="USD per year",
    )
    fig.update_yaxes(title_text="USD cumulative", secondary_y=True)
    return fig

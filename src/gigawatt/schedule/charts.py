"""Gantt chart of the P50 schedule with the GPUs-online band, as self-contained HTML.

plotly is imported here only (an optional extra); the HTML embeds plotly.js, no CDN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gigawatt.errors import GigawattInputError, Problem

MS_PER_DAY = 86_400_000


def plotly():
    """plotly's graph_objects and make_subplots, or an error naming the extra to install."""
    try:
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots
    except ImportError:
        raise GigawattInputError(
            [Problem("--chart", "needs plotly: pip install 'gigawatt[charts]'")]
        ) from None
    return go, make_subplots


def write_html(fig, path: str | Path) -> Path:
    """Write a figure as one offline HTML file (plotly.js inlined)."""
    out = Path(path)
    if not out.parent.exists():
        raise GigawattInputError(
            [Problem("--chart", "folder does not exist", str(out.parent), True)]
        )
    fig.write_html(out, include_plotlyjs=True, full_html=True)
    return out


def schedule_figure(report: dict[str, Any]):
    """Gantt bars (colour: share of samples on the critical path) over GPUs online P10-P90."""
    go, make_subplots = plotly()
    tasks = [t for t in report["tasks"] if t["duration_days"] > 0]
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.04
    )
    fig.add_trace(
        go.Bar(
            y=[t["name"] for t in tasks],
            base=[t["start"] for t in tasks],
            x=[t["duration_days"] * MS_PER_DAY for t in tasks],
            orientation="h",
            marker={
                "color": [t["criticality_frac"] for t in tasks],
                "colorscale": "Reds",
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": "critical", "len": 0.6, "y": 0.68},
            },
            customdata=[
                [t["label"], t["start"], t["finish"], t["criticality_frac"]] for t in tasks
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}"
            "<br>critical in %{customdata[3]:.0%} of samples<extra></extra>",
            name="tasks (P50 schedule)",
        ),
        row=1,
        col=1,
    )
    s = report["gpus_online"]
    dates = [p["date"] for p in s]
    fig.add_trace(
        go.Scatter(
            x=dates, y=[p["p90"] for p in s], line={"width": 0}, showlegend=False, hoverinfo="skip"
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[p["p10"] for p in s],
            fill="tonexty",
            line={"width": 0},
            name="GPUs online P10-P90",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=dates, y=[p["p50"] for p in s], name="GPUs online P50"), row=2, col=1
    )
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[p["delivered_p50"] for p in s],
            name="GPUs delivered P50",
            line={"dash": "dot"},
        ),
        row=2,
        col=1,
    )
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_layout(
        title=f"Construction schedule ({report['template']}, {report['sample_count']:,} samples)",
        height=max(500, 22 * len(tasks) + 300),
        bargap=0.2,
    )
    return fig

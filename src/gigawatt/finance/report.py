"""The finance of a plan as one JSON-ready document (what `gigawatt finance` prints), and the
cash-flow waterfall as a table by month or year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from gigawatt.finance.model import CashFlows

COLUMNS = (
    "capex_usd",
    "debt_draws_usd",
    "fees_usd",
    "equity_draws_usd",
    "revenue_usd",
    "opex_usd",
    "ebitda_usd",
    "depreciation_usd",
    "tax_usd",
    "cfads_usd",
    "interest_usd",
    "principal_usd",
    "lease_rent_usd",
    "debt_service_usd",
    "project_cash_flow_usd",
    "equity_cash_flow_usd",
    "gpu_hours",
)


def _num(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None


def waterfall(cash_flow_spec: CashFlows) -> dict[str, np.ndarray]:
    """Monthly series of the waterfall, plan 0: {column: (months,)}."""
    f = cash_flow_spec.flows
    c = f.costs

    def total(attr):
        return sum((getattr(s, attr) for s in c.sources), start=np.zeros_like(c.opex))

    cols = {
        "capex_usd": c.capex_total,
        "debt_draws_usd": total("draws"),
        "fees_usd": total("fees"),
        "equity_draws_usd": c.equity_draws,
        "revenue_usd": f.revenue,
        "opex_usd": c.opex,
        "ebitda_usd": f.ebitda,
        "depreciation_usd": sum(c.depreciation.values()),
        "tax_usd": f.tax,
        "cfads_usd": f.cfads,
        "interest_usd": total("interest"),
        "principal_usd": total("principal"),
        "lease_rent_usd": total("rent"),
        "debt_service_usd": c.debt_service,
        "project_cash_flow_usd": f.project_cf,
        "equity_cash_flow_usd": f.equity_cf,
        "gpu_hours": c.gpu_hours,
    }
    months = int(c.end_month.reshape(-1)[0])
    return {k: np.broadcast_to(v, c.opex.shape)[:months, 0] for k, v in cols.items()}


def _month_label(start: dt.date | None, m: int) -> str:
    if start is None:
        return f"month {m + 1}"
    y, mo = divmod(start.month - 1 + m, 12)
    return f"{start.year + y:04d}-{mo + 1:02d}"


def cash_flow_rows(cash_flow_spec: CashFlows, freq: str = "year") -> list[dict[str, Any]]:
    """Waterfall rows by month or by 12-month year from the construction start."""
    f = cash_flow_spec.flows
    cols = waterfall(cash_flow_spec)
    months = len(cols["capex_usd"])
    if freq == "month":
        keys = [_month_label(f.start_date, m) for m in range(months)]
        step = 1
    else:
        step = 12
        keys = [f"year {y + 1}" for y in range((months + 11) // 12)]
    rows = []
    for i, key in enumerate(keys):
        block = slice(i * step, (i + 1) * step)
        row: dict[str, Any] = {"period": key}
        if freq != "month":
            row["from"] = _month_label(f.start_date, i * step)
        for k, series in cols.items():
            row[k] = float(series[block].sum())
        ds = row["debt_service_usd"]
        row["dscr_ratio"] = row["cfads_usd"] / ds if ds > 1e-6 else None
        rows.append(row)
    running = 0.0
    for row in rows:
        running += row["project_cash_flow_usd"]
        row["cumulative_project_cash_flow_usd"] = running
    return rows


def cash_flow_table(plan, freq: str = "year"):
    """The waterfall as a pandas DataFrame (notebooks): `freq` 'year' or 'month'."""
    import pandas as pd

    return pd.DataFrame(cash_flow_rows(plan.values["cash_flow_spec"], freq))


def finance_report(plan) -> dict[str, Any]:
    """Capex, financing by source, NPV, IRR, DSCR, levelised costs and the cash flows."""
    v = plan.values
    costs = v["finance_costs_spec"].base
    sources = [
        {
            "name": s.name,
            "kind": s.kind,
            "finances": src.finances,
            "amount_usd": float(s.drawn_usd.reshape(-1)[0]),
            "rate_frac": s.rate_frac,
            "tenor_years": s.tenor_years,
            "interest_during_construction_usd": float(s.idc_usd.reshape(-1)[0]),
            "fees_usd": float(s.fees_usd.reshape(-1)[0]),
        }
        for s, src in zip(costs.sources, v["financing_spec"], strict=True)
    ]
    sources.append(
        {
            "name": "equity",
            "kind": "equity",
            "finances": "the rest",
            "amount_usd": _num(v["equity_usd"]),
            "rate_frac": _num(v["wacc_frac"]),
            "tenor_years": None,
            "interest_during_construction_usd": 0.0,
            "fees_usd": 0.0,
        }
    )
    items = plan.campus.graph.nodes["capex_usd"].inputs
    return {
        "capex_usd": _num(v["capex_usd"]),
        "capex_by_item_usd": {k: _num(v[k]) for k in items},
        "financing": sources,
        "interest_during_construction_usd": _num(v["interest_during_construction_usd"]),
        "npv_usd": _num(v["npv_usd"]),
        "irr": _num(v["irr_frac"]),
        "equity_irr": _num(v["equity_irr_frac"]),
        "dscr_min": _num(v["dscr_min_ratio"]),
        "payback_years": _num(v["payback_years"]),
        "levelized_usd_per_gpu_hour": _num(v["levelized_usd_per_gpu_hour"]),
        "levelized_usd_per_pflop_day": _num(v["levelized_usd_per_pflop_day"]),
        "price_usd_per_gpu_hour": _num(v["price_usd_per_gpu_hour"]),
        "cost_per_training_run_usd": _num(v["cost_per_training_run_usd"]),
        "idle_gpu_cost_usd": _num(v["idle_gpu_cost_usd"]),
        "delay_cost_usd_per_month": _num(v["delay_cost_usd_per_month"]),
        "temporary_power_usd": _num(v["temporary_power_usd"]),
        "wacc_frac": _num(v["wacc_frac"]),
        "inflation_frac": _num(v["inflation_frac"]),
        "start_date": plan.scenario.schedule.start_date.isoformat()
        if plan.scenario.schedule.start_date
        else None,
        "cash_flows": cash_flow_rows(v["cash_flow_spec"], "year"),
        "cash_flows_monthly": cash_flow_rows(v["cash_flow_spec"], "month"),
    }

"""`gigawatt finance`: JSON keys, the cash-flow table, chart, and bad input."""

import json

import pytest

from gigawatt.cli import app


def run(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_json_interface(runner, root):
    r = run(runner, "finance", root / "examples/colossus2.yaml", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    for key in (
        "capex_usd",
        "financing",
        "npv_usd",
        "irr",
        "dscr_min",
        "levelized_usd_per_gpu_hour",
        "cost_per_training_run_usd",
        "delay_cost_usd_per_month",
        "temporary_power_usd",
        "cash_flows",
    ):
        assert key in doc, key
    lease, equity = doc["financing"]
    assert lease["kind"] == "lease" and lease["amount_usd"] == pytest.approx(20e9)
    assert {"amount_usd", "rate_frac", "interest_during_construction_usd"} <= set(lease)
    assert equity["amount_usd"] + lease["amount_usd"] == pytest.approx(doc["capex_usd"])
    rows = doc["cash_flows"]
    assert sum(row["capex_usd"] for row in rows) == pytest.approx(doc["capex_usd"], rel=1e-9)
    monthly = doc["cash_flows_monthly"]
    assert monthly[0]["period"] == "2025-02"
    assert sum(m["opex_usd"] for m in monthly) == pytest.approx(sum(r["opex_usd"] for r in rows))


def test_text_chart_and_minimal(runner, root, tmp_path):
    out = tmp_path / "cash.html"
    r = run(runner, "finance", root / "examples/minimal.yaml", "--chart", out)
    assert r.exit_code == 0, r.output
    assert "levelised USD per GPU-hour" in r.output
    assert '<script src="http' not in out.read_text()


def test_bad_financing_exits_2(runner, root):
    r = run(
        runner,
        "finance",
        root / "examples/minimal.yaml",
        "--set",
        "finance.horizon_years=-1",
    )
    assert r.exit_code == 2 and "finance.horizon_years = -1" in r.output


@pytest.mark.parametrize("example", ["colossus1", "colossus2"])
def test_tables_fit_80_columns_without_cutting_numbers(runner, root, example):
    """Piped output is 80 columns wide: the yearly cash flows (up to -73,976 million USD for
    Colossus 2) print whole, not cut to '-73,9…'."""
    out = runner.invoke(app, ["finance", str(root / "examples" / f"{example}.yaml")]).output
    assert "…" not in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80

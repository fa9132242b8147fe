"""Error of the finance fast path (yearly moments) against the monthly cash-flow model.

For each configuration, N random plans (GPU count, WACC, gas price) are evaluated twice
through the graph: by the monthly model (the plan's path, every flow kept) and by the fast
path that large arrays take above `EXACT_PLANS_MAX` (forced here by setting it to 0). Both
see the same schedule realisations. Printed per metric: the largest and the 99th-percentile
error, relative unless stated (NPV and the cost of a month's delay as a share of capex, IRRs
in absolute terms, payback in months), then the fast path's speed on 100,000 plans.

Run: python benchmarks/finance_fastpath_error.py [plans]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from gigawatt.campus import Campus
from gigawatt.finance import model as finance_model
from gigawatt.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
METRICS = {  # name: how the error is measured
    "levelized_usd_per_gpu_hour": "rel",
    "levelized_usd_per_pflop_day": "rel",
    "npv_usd": "capex",
    "irr_frac": "abs",
    "equity_irr_frac": "abs",
    "dscr_min_ratio": "rel",
    "payback_years": "months",
    "interest_during_construction_usd": "capex",
    "debt_usd": "rel",
    "equity_usd": "rel",
    "financing_fees_usd": "capex",
    "delay_cost_usd_per_month": "capex",
    "cost_per_training_run_usd": "rel",
}
DEBT = (
    "[{kind: project_debt, finances: all, share_frac: 0.6, rate_frac: 0.08, tenor_years: 10,"
    " amortization: annuity, upfront_fee_frac: 0.01}]"
)
LOANS = (
    "[{kind: gpu_loan, finances: it, share_frac: 0.7, rate_frac: 0.11, tenor_years: 4,"
    " amortization: linear}, {kind: project_debt, finances: facility, share_frac: 0.5,"
    " rate_frac: 0.07, tenor_years: 15, amortization: bullet}]"
)
LEASE = "[{kind: lease, finances: all, share_frac: 0.5, rate_frac: 0.1, tenor_years: 6}]"
CONFIGS = [
    ("colossus2 (GPU lease)", "colossus2", []),
    ("colossus1 (all equity)", "colossus1", []),
    ("minimal (greenfield)", "minimal", []),
    ("colossus2, project debt (annuity, fee)", "colossus2", [f"finance.financing={DEBT}"]),
    ("colossus2, GPU loan + bullet facility debt", "colossus2", [f"finance.financing={LOANS}"]),
    ("colossus2, lease of every asset", "colossus2", [f"finance.financing={LEASE}"]),
    (
        "colossus2, rented at $2.2/GPU-h, -20 %/yr, 70 % used",
        "colossus2",
        [
            "finance.price_usd_per_gpu_hour=2.2",
            "finance.price_decline_frac_per_year=0.2",
            "finance.utilization_frac=0.7",
        ],
    ),
    (  # revenue well above the levelised cost: taxed from the first years, peaks in a year
        "colossus1, rented at $3/GPU-h, -25 %/yr, 90 % used",
        "colossus1",
        [
            "finance.price_usd_per_gpu_hour=3.0",
            "finance.price_decline_frac_per_year=0.25",
            "finance.utilization_frac=0.9",
        ],
    ),
]


def samples(example: str, n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    low, high = (2e4, 3e5) if example != "colossus2" else (1e5, 1e6)
    return {
        "compute.gpu_count": rng.uniform(low, high, n).round(),
        "finance.wacc_frac": rng.uniform(0.04, 0.16, n),
        "power.gas_price_usd_per_mmbtu": rng.uniform(2.0, 8.0, n),
    }


def errors(exact: dict, fast: dict, capex: np.ndarray) -> dict[str, np.ndarray]:
    """Error per metric and plan (NaN where both are infinite or NaN alike)."""
    out = {}
    for name, kind in METRICS.items():
        x, y = np.asarray(exact[name], float), np.asarray(fast[name], float)
        both = np.isfinite(x) & np.isfinite(y)
        if not np.array_equal(np.isfinite(x), np.isfinite(y)):
            out[name] = np.array([np.inf])  # an infinite/NaN result not matched
            continue
        x, y, c = x[both], y[both], np.broadcast_to(capex, both.shape)[both]
        if kind == "rel":
            e = np.abs(x - y) / np.maximum(np.abs(x), 1e-300)
        elif kind == "capex":
            e = np.abs(x - y) / c
        elif kind == "months":
            e = 12.0 * np.abs(x - y)
        else:
            e = np.abs(x - y)
        out[name] = e
    return out


def compare(example: str, sets: list[str], n: int) -> dict[str, np.ndarray]:
    campus = Campus(load_scenario(ROOT / "examples" / f"{example}.yaml", sets or None))
    values = samples(example, n)
    targets = [*METRICS, "capex_usd"]
    saved = finance_model.EXACT_PLANS_MAX
    try:
        finance_model.EXACT_PLANS_MAX = max(saved, n)
        exact = campus.evaluate(values, targets=targets, use_memo=False)
        finance_model.EXACT_PLANS_MAX = 0
        fast = campus.evaluate(values, targets=targets, use_memo=False)
    finally:
        finance_model.EXACT_PLANS_MAX = saved
    return errors(exact, fast, np.asarray(exact["capex_usd"], float))


def node_seconds(campus: Campus, values: dict, name: str, repeat: int = 3) -> float:
    """Best time of one node's function on its inputs (computed once beforehand)."""
    node = campus.graph.nodes[name]
    inputs = campus.evaluate(values, targets=[q for _, q in node.args], use_memo=False)
    kwargs = {p: inputs[q] for p, q in node.args}
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        node.func(**kwargs)
        best = min(best, time.perf_counter() - t0)
    return best


def speed(n: int = 100_000) -> None:
    campus = Campus(load_scenario(ROOT / "examples" / "colossus2.yaml"))
    values = samples("colossus2", n)
    parts = [
        f"{name} {t:.2f} s ({t / n * 1e6:.1f} us/plan)"
        for name in ("finance_costs_spec", "cash_flow_spec")
        for t in [node_seconds(campus, values, name)]
    ]
    print(f"\nfast path on {n:,} plans (colossus2): " + ", ".join(parts))


def main(n: int = 1000) -> None:
    print(f"fast path vs monthly model, {n} random plans per configuration: max / p99")
    header = f"{'metric':42s}" + "".join(f"{i + 1:>20d}" for i in range(len(CONFIGS)))
    for i, (label, _, _) in enumerate(CONFIGS):
        print(f"  {i + 1}: {label}")
    rows = {name: [] for name in METRICS}
    for _, example, sets in CONFIGS:
        for name, e in compare(example, sets, n).items():
            rows[name].append(e)
    print(header)
    for name, per_config in rows.items():
        cells = []
        for e in per_config:
            cells.append(f"{e.max():8.1e} /{np.percentile(e, 99):8.1e}" if e.size else "-")
        unit = {"rel": "", "capex": " (capex)", "abs": " (abs)", "months": " (months)"}
        print(f"{name + unit[METRICS[name]]:42s}" + "".join(f"{c:>20s}" for c in cells))
    speed()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

"""Finance: metrics against numpy-financial, interest during construction and lease rent by
hand, conservation of capex and depreciation, taxes with loss carry-forward, and the
cash-flow model of the examples."""

import numpy as np
import numpy_financial as npf
import pytest

from gigawatt.campus import Campus
from gigawatt.finance import capital_recovery_factor, metrics
from gigawatt.finance.cashflow import annual_irr_frac, monthly_rate_frac, taxes_usd
from gigawatt.finance.debt import balance_before_operation_usd, source_flows
from gigawatt.scenario.finance import Source
from gigawatt.scenario.io import validate_document


@pytest.fixture(scope="module")
def colossus2(root):
    return Campus.from_file(root / "examples" / "colossus2.yaml").plan()


@pytest.fixture(scope="module")
def colossus1(root):
    return Campus.from_file(root / "examples" / "colossus1.yaml").plan()


def test_npv_irr_payback_equal_numpy_financial_on_the_produced_cash_flows(colossus2):
    f = colossus2.values["cash_flow_spec"].flows
    for cf in (f.project_cf[:, 0], f.equity_cf[:, 0]):
        rate = float(f.costs.econ.discount_monthly_frac[0])
        assert metrics.npv(rate, cf) == pytest.approx(npf.npv(rate, cf), rel=1e-9)
        monthly = metrics.irr(cf)
        assert monthly == pytest.approx(npf.irr(cf), abs=1e-9)
        assert metrics.npv(monthly, cf) == pytest.approx(0.0, abs=1e-6 * np.abs(cf).sum())
    assert colossus2["npv_usd"] == pytest.approx(npf.npv(rate, f.project_cf[:, 0]), rel=1e-9)
    assert colossus2["irr_frac"] == pytest.approx((1 + npf.irr(f.project_cf[:, 0])) ** 12 - 1)
    cum = np.cumsum(f.project_cf[:, 0])
    assert colossus2["payback_years"] == pytest.approx((np.nonzero(cum < 0)[0][-1] + 1) / 12)


def test_metrics_on_many_plans_at_once():
    flows = np.array([[-100.0, -100.0], [60.0, 50.0], [60.0, 70.0]])
    assert metrics.npv(0.1, flows) == pytest.approx([npf.npv(0.1, flows[:, i]) for i in (0, 1)])
    assert metrics.irr(flows) == pytest.approx([npf.irr(flows[:, i]) for i in (0, 1)], abs=1e-9)
    assert np.isnan(metrics.irr(np.array([1.0, 2.0])))  # no sign change: no IRR
    assert list(metrics.payback(flows, 1.0)) == [2.0, 2.0]
    assert metrics.payback(np.array([-1.0, 0.5]), 1.0) == np.inf
    assert metrics.dscr_min(np.array([3.0, 2.0, 5.0]), np.array([0.0, 1.0, 2.0])) == 2.0


def test_annuity_payment_equals_numpy_financial_pmt():
    """A $1B loan at 12 % over 5 years, monthly: payment = -pmt(0.01, 60, 1e9)."""
    draws = np.zeros((80, 1))
    draws[0] = 1e9
    src = Source(kind="gpu_loan", finances="it", share_frac=1, rate_frac=0.12, tenor_years=5)
    flows = source_flows(src, draws, np.array([0]), np.array([80]), 80)  # operation at once
    payment = flows.interest[1:61, 0] + flows.principal[1:61, 0]  # in arrears: months 1-60
    assert payment == pytest.approx(-npf.pmt(0.01, 60, 1e9), rel=1e-12)
    assert flows.principal.sum() == pytest.approx(1e9)
    assert flows.interest[1, 0] == pytest.approx(1e7)  # first payment: 1 % of the balance
    assert flows.interest[0, 0] == 0 and flows.interest[61:].sum() == 0
    assert flows.balance_end_usd[0] == pytest.approx(0.0, abs=1e-3)
    assert capital_recovery_factor(0.01, 60) == pytest.approx(-npf.pmt(0.01, 60, 1.0))


def test_interest_during_construction_by_hand():
    """$100M drawn at month 0 and $50M at month 6, 8 % a year (0.667 %/month), operation
    from month 12: IDC = 100M·(1.00667^12 − 1) + 50M·(1.00667^6 − 1) = 8.300M + 2.026M."""
    i = 0.08 / 12
    draws = np.zeros((40, 1))
    draws[0], draws[6] = 100e6, 50e6
    src = Source(
        kind="project_debt",
        finances="facility",
        share_frac=1,
        rate_frac=0.08,
        tenor_years=2,
        amortization="linear",
    )
    flows = source_flows(src, draws, np.array([12]), np.array([40]), 40)
    hand = 100e6 * ((1 + i) ** 12 - 1) + 50e6 * ((1 + i) ** 6 - 1)
    assert hand == pytest.approx(10.326e6, rel=1e-3)
    assert flows.idc_usd[0] == pytest.approx(hand, rel=1e-12)
    # linear repayment of the capitalised balance in 24 payments in arrears, months 13-36
    assert flows.principal[13:37, 0] == pytest.approx((150e6 + hand) / 24)
    assert flows.interest[:13].sum() == 0  # capitalised, not paid
    assert flows.interest[13, 0] == pytest.approx(i * (150e6 + hand))
    assert balance_before_operation_usd(draws, i)[1, 0] == pytest.approx(100e6 * (1 + i))
    assert balance_before_operation_usd(draws, i)[6, 0] == pytest.approx(
        100e6 * (1 + i) ** 6 + 50e6
    )


def test_lease_rent_and_bullet_by_hand():
    draws = np.zeros((30, 1))
    draws[2] = 1e6
    lease = Source(kind="lease", finances="it", share_frac=1, rate_frac=0.06, tenor_years=1)
    flows = source_flows(lease, draws, np.array([0]), np.array([30]), 30)
    rent = 1e6 * capital_recovery_factor(0.005, 12)
    assert flows.rent[3:15, 0] == pytest.approx(rent)
    assert flows.rent[:3].sum() == 0 and flows.rent[15:].sum() == 0
    assert flows.idc_usd[0] == 0
    early = source_flows(lease, draws, np.array([0]), np.array([9]), 30)  # horizon ends at 9
    assert early.balance_end_usd[0] == pytest.approx(-npf.pv(0.005, 6, rent), rel=1e-9)
    bullet = Source(
        kind="project_debt",
        finances="all",
        share_frac=1,
        rate_frac=0.06,
        tenor_years=1,
        amortization="bullet",
    )
    flows = source_flows(bullet, draws, np.array([3]), np.array([30]), 30)
    b = 1e6 * 1.005  # drawn in month 2, one month capitalised to operation in month 3
    assert flows.idc_usd[0] == pytest.approx(0.005e6)
    assert flows.interest[4:16, 0] == pytest.approx(0.005 * b)
    assert flows.principal[15, 0] == pytest.approx(b) and flows.principal.sum() == pytest.approx(b)


def test_taxes_carry_losses_forward_by_hand():
    """Taxable −100, +50, +80 at 20 %: the loss absorbs 100 of income, so 30 is taxed (6)."""
    tax = taxes_usd(np.array([-100.0, 50.0, 80.0]), 0.2)
    assert tax == pytest.approx([0.0, 0.0, 6.0])
    assert taxes_usd(np.array([10.0, -10.0, 10.0]), 0.5) == pytest.approx([5.0, 0.0, 0.0])


def test_capex_and_depreciation_are_conserved(colossus1):
    c = colossus1.values["finance_costs_spec"].base
    for item, monthly in c.capex.items():
        assert monthly.sum() == pytest.approx(colossus1[item], rel=1e-9), item
    book = sum(colossus1[k] for k in c.capex) - sum(d.sum() for d in c.depreciation.values())
    assert c.book_end_usd[0] == pytest.approx(book, rel=1e-9)
    # the GPUs live 5 years (finance.gpu_life_years) and the horizon runs 5 years past full
    # capacity, so they are fully depreciated; the land is not depreciated at all
    assert c.depreciation["it_capex_usd"].sum() == pytest.approx(colossus1["it_capex_usd"])
    assert c.depreciation["land_capex_usd"].sum() == 0


def test_levelised_cost_all_equity_by_hand(colossus1):
    c = colossus1.values["finance_costs_spec"].base
    pv_cost = (c.pv(c.capex_total) + c.pv(c.opex))[0] - c.book_end_usd[0] * c.discount[
        c.end_month[0] - 1, 0
    ]
    assert colossus1["levelized_usd_per_gpu_hour"] == pytest.approx(
        pv_cost / c.pv(c.gpu_hours)[0], rel=1e-9
    )
    assert colossus1["equity_usd"] == pytest.approx(colossus1["capex_usd"])
    assert colossus1["dscr_min_ratio"] == np.inf


def _with_debt(rate, share=1.0, amortization="annuity", kind="project_debt"):
    data = {
        "compute": {"system": "h100-sxm-hgx", "gpu_count": 64_000},
        "power": {"grid_mw": 200},
        "schedule": {"start_date": "2026-01-01", "template": "brownfield", "sample_count": 200},
        "finance": {
            "financing": [
                {
                    "kind": kind,
                    "finances": "all",
                    "share_frac": share,
                    "rate_frac": rate,
                    "tenor_years": 4,
                    "amortization": amortization,
                }
            ]
        },
    }
    return Campus(validate_document(data)).plan()


@pytest.mark.parametrize("amortization", ["annuity", "linear", "bullet"])
def test_debt_at_the_discount_rate_leaves_the_levelised_cost_unchanged(amortization):
    """Borrowing at exactly the sponsor's discount rate moves money in time but not in
    present value: the levelised cost equals the all-equity one."""
    eq = _with_debt(0.05, share=1e-9)
    w = eq["wacc_frac"]
    rate = 12 * float(monthly_rate_frac((1 + w) * (1 + eq["inflation_frac"]) - 1))
    debt = _with_debt(rate, 0.8, amortization)
    assert debt["interest_during_construction_usd"] > 0
    assert debt["levelized_usd_per_gpu_hour"] == pytest.approx(
        eq["levelized_usd_per_gpu_hour"], rel=1e-9
    )


def test_cost_of_a_training_run_and_of_delay(colossus2):
    v = colossus2
    assert v["cost_per_training_run_usd"] == pytest.approx(
        v["levelized_usd_per_gpu_hour"] * v["gpu_count"] * 24 * v["time_to_train_days"]
        + v["idle_gpu_cost_usd"]
    )
    assert v["delay_cost_usd_per_month"] > 0
    assert v["levelized_usd_per_pflop_day"] == pytest.approx(
        v["levelized_usd_per_gpu_hour"] * 24 / (v["peak_bf16_flop_per_s"] / v["gpu_count"] / 1e15)
    )
    assert annual_irr_frac(v.values["cash_flow_spec"].flows.project_cf)[0] == pytest.approx(
        v["irr_frac"]
    )


def test_lease_vehicle_of_colossus2(colossus2):
    """GPU SPV: $20B (REP) leased over 5 years; no interest during construction."""
    assert colossus2["debt_usd"] == pytest.approx(20e9)
    assert colossus2["interest_during_construction_usd"] == 0
    assert colossus2["equity_usd"] == pytest.approx(colossus2["capex_usd"] - 20e9)
    assert 0 < colossus2["dscr_min_ratio"] < np.inf


@pytest.mark.parametrize(
    ("financing", "message"),
    [
        (
            [{"kind": "lease", "finances": "it", "rate_frac": 0.1, "tenor_years": 5}],
            "exactly one of share_frac and amount_usd",
        ),
        (
            [
                {
                    "kind": "lease",
                    "finances": "it",
                    "share_frac": 0.7,
                    "rate_frac": 0.1,
                    "tenor_years": 5,
                },
                {
                    "kind": "gpu_loan",
                    "finances": "all",
                    "share_frac": 0.5,
                    "rate_frac": 0.1,
                    "tenor_years": 5,
                },
            ],
            "financing shares of the it assets add up to 1.2",
        ),
        (
            [
                {
                    "kind": "mezzanine",
                    "finances": "it",
                    "share_frac": 0.5,
                    "rate_frac": 0.1,
                    "tenor_years": 5,
                }
            ],
            "finance.financing[0].kind",
        ),
    ],
)
def test_bad_financing_names_the_field(financing, message):
    from gigawatt.errors import GigawattInputError

    with pytest.raises(GigawattInputError) as exc:
        validate_document(
            {"compute": {"system": "x", "gpu_count": 8}, "finance": {"financing": financing}}
        )
    assert message in str(exc.value)

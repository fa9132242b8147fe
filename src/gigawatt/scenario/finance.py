"""`finance`: budget, cost of capital, asset lives, fixed O&M rates, revenue, taxes and the
financing structure (project debt, GPU-backed loans, lease vehicles; equity is the rest)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import model_validator

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param

GROUPS = {
    "it": ("it",),
    "facility": ("facility",),
    "generation": ("generation",),
    "all": ("it", "facility", "generation"),
}


class Source(Section):
    """One source of debt or lease financing; equity funds whatever the sources do not."""

    name: str = choice("", description="Name shown in reports (e.g. 'GPU SPV').")
    kind: Literal["project_debt", "gpu_loan", "lease"] = choice(
        ...,
        description="project_debt and gpu_loan: drawn with the capex they fund, interest "
        "capitalised until the funded assets are all in service, then amortised over the "
        "tenor; lease: a vehicle buys the assets and is paid a level rent from each delivery "
        "over the tenor (no interest during construction).",
    )
    finances: Literal["it", "facility", "generation", "all"] = choice(
        ...,
        description="Assets funded: it (GPU systems, storage, network), facility (buildings, "
        "grid interconnection, land), generation (turbines, batteries) or all.",
    )
    share_frac: num(gt=0, le=1, optional=True) = param(
        None,
        unit="1",
        description="Share of the funded assets' capex this source provides (give it or "
        "amount_usd)",
    )
    amount_usd: num(gt=0, le=1e13, optional=True) = param(
        None, unit="USD", description="Amount this source provides (capped at the assets' capex)"
    )
    rate_frac: num(ge=0, le=1) = param(
        ..., unit="1/yr", description="Nominal interest rate, or the lease's rate, per year"
    )
    tenor_years: num(gt=0, le=50) = param(
        ..., unit="yr", description="Repayment period after the funded assets enter service"
    )
    amortization: Literal["annuity", "linear", "bullet"] = choice(
        "annuity",
        description="Repayment profile: level payments (annuity), equal principal (linear) or "
        "interest only with the principal at the end (bullet).",
        source="annuity: the usual profile of amortising term loans",
    )
    upfront_fee_frac: num(ge=0, le=0.5) = param(
        0.0,
        unit="1",
        description="Fees and original-issue discount as a share of the amount drawn",
        source="none unless given (xAI's 2025 notes were marketed at 97 OID, i.e. 0.03, REP)",
    )

    @model_validator(mode="after")
    def _one_amount(self):
        if (self.share_frac is None) == (self.amount_usd is None):
            raise ValueError("give exactly one of share_frac and amount_usd")
        return self


_LIVES = "Microsoft and Alphabet 6 yrs, Meta 5-5.5, Amazon back to 5 yrs from 2025 (OFF, 10-K/10-Q)"


class Finance(Section):
    """Money: overnight capex, WACC, lifetime and fixed O&M are separate inputs."""

    budget_usd: num(gt=0, le=1e13, optional=True) = param(
        None,
        unit="USD",
        description="Cap on overnight capex; empty: no cap. With compute.gpu_count empty, the "
        "plan holds the most GPUs under this budget",
        source="none: no cap unless given",
    )
    wacc_frac: num(ge=0, le=0.5) = param(
        0.09,
        unit="1",
        description="Weighted average cost of capital (real, per year)",
        source="OWN estimate between data-centre cap-rate proxies 5.5-8.5 % (JLL Q1 2026, EST) "
        "and GPU-backed debt at 9-15 % (CoreWeave 10-Q Jun 2025, OFF; xAI notes ~12 %, REP)",
    )
    gpu_life_years: num(gt=0, le=50) = param(
        5.0, unit="yr", description="Depreciation life of GPU systems and storage", source=_LIVES
    )
    network_life_years: num(gt=0, le=50) = param(
        5.0, unit="yr", description="Depreciation life of network equipment", source=_LIVES
    )
    facility_life_years: num(gt=0, le=100) = param(
        20.0,
        unit="yr",
        description="Life of the building and its electrical and mechanical plant",
        source="OWN estimate within the usual 15-30 yr range for data-centre shells and M&E",
    )
    generation_life_years: num(gt=0, le=100) = param(
        25.0,
        unit="yr",
        description="Life of on-site generation",
        source="OWN estimate; NREL ATB uses a 30-yr cost-recovery period for gas plants",
    )
    it_maintenance_frac_per_year: num(ge=0, le=1) = param(
        0.03,
        unit="1/yr",
        description="IT hardware maintenance (spares, RMA, support) per year, as a fraction "
        "of IT capex",
        source="OWN estimate; NVIDIA lists DGX H100 support at ~$39.8k/yr (~20 % of a $199k "
        "list price, REP, supercluster.blog) for enterprise support",
    )
    facility_maintenance_frac_per_year: num(ge=0, le=1) = param(
        0.02,
        unit="1/yr",
        description="Facility maintenance per year as a fraction of facility capex",
        source="OWN estimate (line items not retrieved; see reference costs §3)",
    )
    insurance_frac_per_year: num(ge=0, le=1) = param(
        0.005,
        unit="1/yr",
        description="Property insurance per year as a fraction of total capex",
        source="OWN estimate (line items not retrieved; see reference costs §3)",
    )
    staff_fte_per_mw: num(ge=0, le=100) = param(
        0.3,
        unit="FTE/MW",
        description="Operations staff per MW of IT load",
        source="OWN estimate (line items not retrieved; see reference costs §3)",
    )
    staff_cost_usd_per_fte_year: num(ge=0, le=10_000_000) = param(
        150_000.0,
        unit="USD/FTE-yr",
        description="Loaded cost of one operations employee per year",
        source="OWN estimate",
    )
    horizon_years: num(gt=0, le=50) = param(
        5.0,
        unit="yr",
        description="Years of operation analysed after full capacity; longer-lived assets "
        "are credited at their book value at the end",
        source="the GPUs' useful life: xAI's Colossus 2 GPU SPV leases for 5 yrs (REP, "
        "Bloomberg Oct 2025); servers depreciate over 5-6 yrs (OFF, 10-K/10-Q)",
    )
    price_usd_per_gpu_hour: num(ge=0, le=1000, optional=True) = param(
        None,
        unit="USD/GPU-h",
        description="Price a GPU-hour is rented at (or internal use is valued at); empty: "
        "valued at the levelised cost",
        source="none: internal use valued at cost unless given (H100 1-yr contracts "
        "$1.70-2.35/GPU-h in 2025-26, SemiAnalysis index via neighborhoodsf.com, EST)",
    )
    utilization_frac: num(ge=0, le=1) = param(
        1.0,
        unit="1",
        description="Share of online GPU-hours that earn the price",
        source="OWN: internal training uses every online hour; lower it for a rental business",
    )
    price_decline_frac_per_year: num(ge=0, le=0.9) = param(
        0.0,
        unit="1/yr",
        description="Yearly fall of the nominal GPU-hour price",
        source="none: flat unless given (H100 1-yr contracts fell from $7+ in 2023 to "
        "$2.35 in Mar 2026, ~33 %/yr, DER from SemiAnalysis index, EST)",
    )
    tax_rate_frac: num(ge=0, le=0.9) = param(
        0.21,
        unit="1",
        description="Income tax rate (losses carried forward)",
        source="US federal corporate rate 21 % (26 U.S.C. 11(b), Tax Cuts and Jobs Act 2017, "
        "OFF); state taxes not included",
    )
    inflation_frac: num(ge=-0.5, le=1) = param(
        0.02,
        unit="1/yr",
        description="Inflation: opex escalates with it and nominal rates = (1 + real)(1 + "
        "inflation) − 1 for discounting",
        source="Federal Reserve longer-run inflation goal 2 % (OFF, FOMC Statement on "
        "Longer-Run Goals)",
    )
    financing: list[Source] = choice(
        [],
        description="Debt and lease sources; equity funds the rest. Empty: all equity at the WACC.",
    )

    @model_validator(mode="after")
    def _shares(self):
        from gigawatt.scenario.distributions import central

        used = {g: 0.0 for g in GROUPS["all"]}
        for src in self.financing:
            if src.share_frac is None:
                continue
            for g in GROUPS[src.finances]:
                used[g] += central(src.share_frac)
        over = [g for g, v in used.items() if v > 1 + 1e-9]
        if over:
            raise ValueError(
                f"financing shares of the {over[0]} assets add up to {used[over[0]]:.3g} > 1"
            )
        return self

    def graph_inputs(self) -> dict[str, Any]:
        """The financing structure, handed to the cash-flow model as one spec."""
        return {"financing_spec": tuple(self.financing)}

"""`finance`: budget, cost of capital, asset lives and fixed O&M rates."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import num, param

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

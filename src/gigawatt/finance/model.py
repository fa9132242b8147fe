"""Finance sub-models (tier 1): the cost stage (`finance_costs_spec`: capex, opex, financing
by month, or by yearly moments above `EXACT_PLANS_MAX` plans) and the value stage
(`cash_flow_spec`: revenue, tax, waterfall); `readers` holds what the graph reads from them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from gigawatt.finance import metrics
from gigawatt.finance.annual import AnnualCosts, annual_costs, annual_values
from gigawatt.finance.cashflow import (
    FIXED_OPEX,
    CostFlows,
    Economics,
    ValueFlows,
    annual_irr_frac,
    cost_flows,
    value_flows,
)
from gigawatt.finance.phasing import ITEM_GROUP, schedule_times
from gigawatt.parallel import thread_map, workers
from gigawatt.schedule.templates import DAYS_PER_MONTH
from gigawatt.units import KW_PER_MW

LIVES = (
    "gpu_life_years",
    "network_life_years",
    "facility_life_years",
    "generation_life_years",
    "battery_life_years",
)


EXACT_PLANS_MAX = 2048
"""Largest number of plans evaluated by the monthly model, every flow kept (the reports and
charts read them). Above it the fast path (`annual`: yearly moments of the same flows) gives
the per-plan results only, in blocks of `FAST_BLOCK_PLANS` (memory bounded by one block)."""
FAST_BLOCK_PLANS = 12_500
"""Most plans per block of the fast path (own measurement, benchmarks/plan_speed.py: on two
threads 8 blocks of 12,500 plans beat 13 of 8,192 — the last small one left a thread idle —
and 10, 9 or 7 blocks; in one thread the sizes are within the noise)."""


def cost_summary(c: CostFlows) -> dict[str, np.ndarray]:
    """Per-plan results of cost flows that the graph reads."""
    zero = np.zeros(c.opex.shape[1:])
    return {
        "levelized_usd_per_gpu_hour": c.levelized_usd_per_gpu_hour,
        "levelized_usd_per_pflop_day": c.levelized_usd_per_pflop_day,
        "idc_usd": sum((x.idc_usd for x in c.sources), start=zero),
        "drawn_usd": sum((x.drawn_usd for x in c.sources), start=zero),
        "fees_usd": sum((x.fees_usd for x in c.sources), start=zero),
        "equity_usd": c.equity_draws.sum(axis=0),
        "bridge_usd": c.bridge_usd,
    }


def value_summary(f: ValueFlows) -> dict[str, np.ndarray]:
    """Per-plan results of the waterfall that the graph reads."""
    irr = annual_irr_frac(f.project_cf)
    same = np.array_equal(f.project_cf, f.equity_cf)  # no debt or lease
    return {
        "npv_usd": f.costs.pv(f.project_cf),
        "irr_frac": irr,
        "equity_irr_frac": irr if same else annual_irr_frac(f.equity_cf),
        "dscr_min_ratio": metrics.dscr_min(f.yearly(f.cfads), f.yearly(f.costs.debt_service)),
        "payback_years": metrics.payback(f.project_cf, 1.0 / 12.0),
        "delay_cost_usd_per_month": f.costs.pv(f.revenue)
        - f.costs.pv(f.costs.sponsor_cost)
        - f.value_delayed,
    }


def _map(x, fn):
    """`fn` applied to an array, or to every array in a tuple/dict/dataclass."""
    if isinstance(x, np.ndarray):
        return fn(x)
    if isinstance(x, bool):
        return x
    if isinstance(x, tuple):
        return tuple(_map(v, fn) for v in x)
    if isinstance(x, dict):
        return {k: _map(v, fn) for k, v in x.items()}
    return type(x)(**{f.name: _map(getattr(x, f.name), fn) for f in fields(x)})


def _take(x, sl):
    """Plans `sl` (last axis) of an array, or of every array in a tuple/dict/dataclass."""
    return _map(x, lambda a: a[..., sl])


def _flat(a: np.ndarray, shape: tuple) -> np.ndarray:
    """The plan axes (the trailing `shape`) of an array as one axis."""
    lead = a.shape[: a.ndim - len(shape)]
    return np.broadcast_to(a, (*lead, *shape)).reshape((*lead, -1))


def _concat(parts: list):
    """Blocks of plans joined on the last axis (arrays, dicts and dataclasses of them)."""
    x = parts[0]
    if isinstance(x, bool):
        return x
    if isinstance(x, np.ndarray):
        return np.concatenate(parts, axis=-1)
    if isinstance(x, dict):
        return {k: _concat([p[k] for p in parts]) for k in x}
    return type(x)(**{f.name: _concat([getattr(p, f.name) for p in parts]) for f in fields(x)})


@dataclass(eq=False, repr=False)
class FinanceCosts:
    """Cost flows of the P50 schedule and of the same schedule one month late.

    Up to `EXACT_PLANS_MAX` plans `base` and `delayed` hold every monthly flow; above it they
    are None and `annual` holds the fast path's yearly moments (blocks of
    `FAST_BLOCK_PLANS` plans). `summary` holds the per-plan
    results either way.
    """

    base: CostFlows | None
    delayed: CostFlows | None
    scalar: bool
    start_date: object = None
    summary: dict[str, np.ndarray] = field(default_factory=dict)
    plans: int = 1
    annual: list[AnnualCosts] | None = None
    inputs: tuple | None = None  # (times, items, econ, financing) of the exact path

    def annual_of_one(self) -> AnnualCosts:
        """The yearly moments of the cost stage of one plan (the exact path's), for a value
        stage over many plans (prices, utilisation, tax) on costs that do not vary."""
        *arrays, financing = self.inputs
        times, items, econ = (_map(x, lambda a: _flat(a, (1,))) for x in arrays)
        return _annual(times, items, econ, financing)[0]

    def __repr__(self) -> str:
        if self.base is None:
            return f"FinanceCosts({self.plans:,} plans, yearly moments)"
        return f"FinanceCosts({self.base.months} months, {len(self.base.sources)} source(s))"


def _cost_flows(times, items, econ, financing, delayed=True) -> tuple[CostFlows, CostFlows]:
    base = cost_flows(times, items, econ, financing)
    if not delayed:
        return base, None
    end = times.full_capacity + econ.horizon_years * 365.25
    late = cost_flows(times, items, econ, financing, DAYS_PER_MONTH, end_day=end, reuse=base)
    return base, late


def _blocks(n: int, size: int) -> list[slice]:
    """Slices of at most `size` plans; with several workers as many as a multiple of them and
    of equal size, so that the threads finish their blocks together."""
    count, w = -(-n // size), workers()
    if count > 1:
        count = -(-count // w) * w
    step = -(-n // count)
    return [slice(start, min(n, start + step)) for start in range(0, n, step)]


def _slices(blocks: list[AnnualCosts]) -> list[slice]:
    """The plans of each block of the cost stage (the value stage runs on the same blocks)."""
    ends = np.cumsum([b.end_month.size for b in blocks]).tolist()
    return [slice(a, b) for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def _annual(times, items, econ, financing) -> list[AnnualCosts]:
    """The fast path on every plan, in blocks (months and years of the whole array); the
    blocks are kept apart (the value stage runs on the same blocks)."""
    end = np.ceil((times.full_capacity + econ.horizon_years * 365.25) / DAYS_PER_MONTH)
    months = int(end.max())
    years = -(-months // 12)
    n = end.size

    def block(sl: slice) -> AnnualCosts:
        part = (_take(times, sl), _take(items, sl), _take(econ, sl), financing)
        return annual_costs(*part, months=months, years=years)

    return thread_map(block, _blocks(n, FAST_BLOCK_PLANS))


def as_result(x, scalar: bool):
    """A per-plan result as the graph passes it on: a float for a scalar plan, else an array."""
    x = np.asarray(x, dtype=float)
    return float(x.reshape(-1)[0]) if scalar else x


def finance_costs_spec(
    schedule_spec,
    financing_spec,
    it_capex_usd,
    network_capex_usd,
    storage_capex_usd,
    facility_electrical_mechanical_capex_usd,
    facility_shell_capex_usd,
    facility_site_fitout_capex_usd,
    generation_capex_usd,
    battery_capex_usd,
    land_capex_usd,
    grid_interconnect_capex_usd,
    opex_usd_per_year,
    facility_maintenance_usd_per_year,
    insurance_usd_per_year,
    staff_usd_per_year,
    temporary_rent_usd_per_kw_month,
    temporary_premium_usd_per_mwh,
    facility_energy_mwh_per_year,
    gpu_count,
    peak_bf16_flop_per_s,
    gpu_life_years,
    network_life_years,
    facility_life_years,
    generation_life_years,
    battery_life_years,
    wacc_frac,
    inflation_frac,
    horizon_years,
):
    """Capex phased by the schedule, opex as halls come online, and the financing, by month
    (the P50 schedule, and the same schedule with every hall one month late). Above
    `EXACT_PLANS_MAX` plans the same flows as yearly moments (the fast path, `annual`).

    finance_costs_spec = monthly capex per item spread over its task; depreciation straight
        line by asset class from in service; opex = variable · GPUs online / gpu_count + fixed
        · halls commissioned + the temporary-power bridge (rent + fuel premium of the
        temporary MW the permanent supply does not yet cover), escalated by inflation; debt
        drawn pro rata with capex, interest capitalised to operation, then repaid; sponsor
        cost = equity + opex + debt service + (debt owed − book value) at the end

    Parameters
    ----------
    schedule_spec : ScheduleResult
        [spec].
    financing_spec : tuple of Source
        Debt and lease sources (equity funds the rest) [spec].
    it_capex_usd, network_capex_usd, storage_capex_usd, facility_electrical_mechanical_capex_usd,
    facility_shell_capex_usd, facility_site_fitout_capex_usd, generation_capex_usd,
    battery_capex_usd, land_capex_usd, grid_interconnect_capex_usd : numeric
        Overnight capex items [USD].
    opex_usd_per_year : numeric
        Opex at full capacity [USD/yr].
    facility_maintenance_usd_per_year, insurance_usd_per_year, staff_usd_per_year : numeric
        Its fixed items, paid from commissioning [USD/yr].
    temporary_rent_usd_per_kw_month : numeric
        Rent of temporary generation (its MW and dates come from the schedule) [USD/kW-month].
    temporary_premium_usd_per_mwh : numeric
        Its energy cost above the permanent supply's average [USD/MWh].
    facility_energy_mwh_per_year : numeric
        Facility energy at full capacity (GPUs on the bridge use its share) [MWh/yr].
    gpu_count : numeric
        [count].
    peak_bf16_flop_per_s : numeric
        Dense BF16 peak of the campus [FLOP/s].
    gpu_life_years, network_life_years, facility_life_years, generation_life_years,
    battery_life_years : numeric
        Depreciation lives [yr].
    wacc_frac : numeric
        Real WACC [1].
    inflation_frac : numeric
        [1/yr].
    horizon_years : numeric
        Years analysed after full capacity [yr].

    Returns
    -------
    FinanceCosts
        [spec].

    References
    ----------
    .. [1] E. R. Yescombe, Principles of Project Finance, 2nd ed., Academic Press (2014),
       ch. 12-13 (drawdown, interest during construction, debt service, cover ratios).
    """
    items = {
        "it_capex_usd": it_capex_usd,
        "network_capex_usd": network_capex_usd,
        "storage_capex_usd": storage_capex_usd,
        "facility_electrical_mechanical_capex_usd": facility_electrical_mechanical_capex_usd,
        "facility_shell_capex_usd": facility_shell_capex_usd,
        "facility_site_fitout_capex_usd": facility_site_fitout_capex_usd,
        "generation_capex_usd": generation_capex_usd,
        "battery_capex_usd": battery_capex_usd,
        "land_capex_usd": land_capex_usd,
        "grid_interconnect_capex_usd": grid_interconnect_capex_usd,
    }
    assert set(items) == set(ITEM_GROUP)
    lives = dict(
        zip(
            LIVES,
            (
                gpu_life_years,
                network_life_years,
                facility_life_years,
                generation_life_years,
                battery_life_years,
            ),
            strict=True,
        )
    )
    numbers = [
        *items.values(),
        opex_usd_per_year,
        facility_maintenance_usd_per_year,
        insurance_usd_per_year,
        staff_usd_per_year,
        temporary_rent_usd_per_kw_month,
        temporary_premium_usd_per_mwh,
        facility_energy_mwh_per_year,
        gpu_count,
        peak_bf16_flop_per_s,
        *lives.values(),
        wacc_frac,
        inflation_frac,
        horizon_years,
    ]
    shape = np.broadcast_shapes(*(np.shape(x) for x in numbers), schedule_spec.gpus.shape[1:])
    scalar = schedule_spec.scalar and all(np.ndim(x) == 0 for x in numbers)

    def vec(x):
        return np.broadcast_to(np.asarray(x, dtype=float), shape).astype(float)

    fixed = sum(
        vec(x)
        for x in (facility_maintenance_usd_per_year, insurance_usd_per_year, staff_usd_per_year)
    )
    assert len(FIXED_OPEX) == 3
    econ = Economics(
        wacc_frac=vec(wacc_frac),
        inflation_frac=vec(inflation_frac),
        horizon_years=vec(horizon_years),
        lives={k: vec(v) for k, v in lives.items()},
        opex_usd_per_year=vec(opex_usd_per_year),
        fixed_opex_usd_per_year=fixed,
        gpu_count=vec(gpu_count),
        flop_per_s_per_gpu=vec(peak_bf16_flop_per_s) / vec(gpu_count),
        temporary_rent_usd_per_mw_day=KW_PER_MW
        * vec(temporary_rent_usd_per_kw_month)
        / DAYS_PER_MONTH,
        bridge_premium_usd_per_gpu_day=vec(temporary_premium_usd_per_mwh)
        * vec(facility_energy_mwh_per_year)
        / (vec(gpu_count) * 365.25),
    )
    items = {k: vec(v) for k, v in items.items()}
    times = schedule_times(schedule_spec)
    n = int(np.prod(shape)) if shape else 1
    if n <= EXACT_PLANS_MAX:
        base, late = _cost_flows(times, items, econ, financing_spec)
        summary = cost_summary(base)
        inputs = (times, items, econ, financing_spec) if n == 1 else None
        return FinanceCosts(base, late, scalar, schedule_spec.start_date, summary, n, None, inputs)
    # the blocks take every array on one axis of all the plans: a schedule shared by the plans
    # (times of one plan, (..., 1)) is broadcast to them
    times, items, econ = (_map(x, lambda a: _flat(a, shape)) for x in (times, items, econ))
    annual = _annual(times, items, econ, financing_spec)
    summary = {k: v.reshape(shape) for k, v in _concat([a.summary for a in annual]).items()}
    return FinanceCosts(None, None, scalar, schedule_spec.start_date, summary, n, annual)


@dataclass(eq=False, repr=False)
class CashFlows:
    """The cash-flow waterfall (`cash_flow_spec`): every monthly flow up to `EXACT_PLANS_MAX`
    plans (`flows`), per-plan results (`summary`) either way."""

    flows: ValueFlows | None
    scalar: bool
    summary: dict[str, np.ndarray] = field(default_factory=dict)

    def __repr__(self) -> str:
        if self.flows is None:
            return f"CashFlows({len(next(iter(self.summary.values()))):,} plans, per-plan results)"
        return f"CashFlows({self.flows.costs.months} months)"


def cash_flow_spec(
    finance_costs_spec,
    price_usd_per_gpu_hour,
    utilization_frac,
    price_decline_frac_per_year,
    tax_rate_frac,
):
    """Revenue, taxes and the waterfall: project (unlevered) and equity cash flows by month
    (above `EXACT_PLANS_MAX` plans by year, from the yearly moments of the cost stage).

    cash_flow_spec = revenue = price · (1 − decline)^years · utilization_frac · GPU-hours;
        EBITDA = revenue − opex; tax on EBITDA − depreciation (− interest − rent for equity),
        losses carried forward; CFADS = EBITDA − tax

    Parameters
    ----------
    finance_costs_spec : FinanceCosts
        [spec].
    price_usd_per_gpu_hour : numeric
        [USD/GPU-h].
    utilization_frac : numeric
        [1].
    price_decline_frac_per_year : numeric
        [1/yr].
    tax_rate_frac : numeric
        [1].

    Returns
    -------
    CashFlows
        [spec].
    """
    c = finance_costs_spec
    given = (price_usd_per_gpu_hour, utilization_frac, price_decline_frac_per_year, tax_rate_frac)
    scalar = c.scalar and all(np.ndim(x) == 0 for x in given)
    shape = np.broadcast_shapes(next(iter(c.summary.values())).shape, *map(np.shape, given))
    n = int(np.prod(shape))
    if c.base is not None and (n <= EXACT_PLANS_MAX or c.inputs is None):
        flows = value_flows(c.base, c.delayed, *given, c.start_date)
        return CashFlows(flows, scalar, value_summary(flows))
    per_plan = [np.broadcast_to(np.asarray(x, dtype=float), shape).reshape(-1) for x in given]
    if c.annual is not None and c.plans == n:
        blocks, slices = c.annual, _slices(c.annual)
    else:  # costs of one plan, values of many: its moments broadcast to every block
        one = c.annual[0] if c.annual is not None else c.annual_of_one()
        slices = _blocks(n, FAST_BLOCK_PLANS)
        blocks = [_map(one, lambda a, k=sl.stop - sl.start: _flat(a, (k,))) for sl in slices]
    parts = thread_map(
        lambda block, sl: annual_values(block, *(x[sl] for x in per_plan)), blocks, slices
    )
    summary = {k: v.reshape(shape) for k, v in _concat(parts).items()}
    return CashFlows(None, scalar, summary)

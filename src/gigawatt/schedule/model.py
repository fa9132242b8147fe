"""Schedule quantities (tier 1): the Monte Carlo node and what the graph reads from it.

`schedule_spec` runs the task network for every sample at once; the functions after it read
P50 milestones [day since start], idle GPUs and training-run finish times from it.
"""

from __future__ import annotations

import numpy as np

from gigawatt.errors import GigawattInputError, Problem
from gigawatt.graph.readers import reader
from gigawatt.schedule import curves
from gigawatt.schedule.network import build_network
from gigawatt.schedule.result import ScheduleResult
from gigawatt.schedule.simulate import (
    ELEMENT_BUDGET,
    SHARED_DRAWS_MAX_PLANS,
    Inputs,
    forward_pass,
    sample_durations,
)
from gigawatt.schedule.templates import TEMPLATES

SOURCE_CAPACITY = {
    "grid_available": "grid_mw",
    "generation_available": "turbine_capacity_mw",
    "temporary_power_available": "temporary_power_mw",
}


def _plans(*values) -> tuple[int, bool]:
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    if len(shape) > 1:
        raise ValueError("schedule inputs must be scalars or 1-D arrays (one value per plan)")
    return (shape[0] if shape else 1), not shape


def _vec(x, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(x, dtype=float), (n,)).astype(float)


def _whole(x, name: str) -> int:
    v = np.unique(np.asarray(x))
    if v.size != 1:
        from gigawatt.graph.inputs import scenario_quantities

        path = scenario_quantities().get(name, name)
        why = f"shapes the task network: one number for every plan, not {v.size:,} values"
        raise GigawattInputError([Problem(path, why)])
    return int(v[0])


def grid_interconnection_months(schedule_template_name):
    """Grid interconnection time when the scenario leaves it empty: the template's value.

    grid_interconnection_months = 42 (greenfield) | 18 (brownfield, fast_track)

    Parameters
    ----------
    schedule_template_name : str
        Task-network template [name].

    Returns
    -------
    float
        [month].

    References
    ----------
    .. [1] CBRE via build.inc: Northern Virginia energisation 36-48 months (REP/EST).
    .. [2] aiinframap: substation upgrade 12-24 months in top markets (EST).
    """
    return TEMPLATES[schedule_template_name].grid_interconnection_months


def temporary_power_mw(schedule_template_name, facility_power_mw):
    """Temporary generation when the scenario leaves it empty: the whole facility load for a
    fast-track build, none otherwise.

    temporary_power_mw = facility_power_mw · [template bridges with temporary power]

    Parameters
    ----------
    schedule_template_name : str
        [name].
    facility_power_mw : numeric
        Peak facility power [MW].

    Returns
    -------
    numeric
        [MW].
    """
    bridges = TEMPLATES[schedule_template_name].bridges_with_temporary_power
    return facility_power_mw * (1.0 if bridges else 0.0)


def first_training_gpu_count(gpu_count, schedule_phases_spec):
    """GPUs that must be online for the first training run when the scenario leaves it
    empty: the first phase (or building).

    first_training_gpu_count = gpu_count · first phase share

    Parameters
    ----------
    gpu_count : numeric
        [count].
    schedule_phases_spec : PhasePlan
        Halls and their shares of the GPUs [spec].

    Returns
    -------
    numeric
        [count].
    """
    return gpu_count * schedule_phases_spec.fracs[0]


def schedule_spec(
    schedule_template_name,
    schedule_phases_spec,
    schedule_options_spec,
    gpu_count,
    rack_count,
    facility_power_mw,
    grid_mw,
    turbine_capacity_mw,
    battery_mw,
    temporary_power_mw,
    turbine_lead_time_months,
    battery_lead_time_months,
    transformer_lead_time_months,
    grid_interconnection_months,
    rack_install_racks_per_day,
    install_parallel_buildings_count,
    building_stagger_days,
    duration_spread_frac,
    schedule_sample_count,
    first_training_gpu_count,
):
    """Monte Carlo of the construction schedule: the template's task network, one hall per
    phase, every duration sampled, one vectorised topological pass over all samples.

    schedule_spec = forward pass over the task network: start = max over predecessors
        (finish, or start + stagger), supply = first time Σ capacity on line ≥ load so far,
        rack installation = racks / (racks per day / parallel buildings) · factor

    Parameters
    ----------
    schedule_template_name : str
        greenfield, brownfield or fast_track [name].
    schedule_phases_spec : PhasePlan
        Halls: shares of the GPUs, delivery dates, planned dates [spec].
    schedule_options_spec : ScheduleOptions
        Seed, task-duration overrides, goals [spec].
    gpu_count, rack_count : numeric
        [count].
    facility_power_mw : numeric
        Peak facility power, shared among halls like the GPUs [MW].
    grid_mw, turbine_capacity_mw, temporary_power_mw : numeric
        Capacity of each supply source [MW]; zero removes its tasks.
    battery_mw : numeric
        Battery power [MW]; zero removes the battery tasks.
    turbine_lead_time_months, battery_lead_time_months, transformer_lead_time_months : numeric
        Procurement lead times [month].
    grid_interconnection_months : numeric
        Utility process until the grid can deliver [month].
    rack_install_racks_per_day : numeric
        Crew pool's installation rate, campus-wide [rack/day].
    install_parallel_buildings_count : numeric
        Buildings the pool works at once [count].
    building_stagger_days : numeric
        Days between successive shell starts [day].
    duration_spread_frac : numeric
        Scale of every spread (0: deterministic) [1].
    schedule_sample_count : numeric
        Monte Carlo samples [count].
    first_training_gpu_count : numeric
        GPUs online for the first run to start [count].

    Returns
    -------
    ScheduleResult
        [spec].

    Notes
    -----
    Evaluated on arrays of up to `SHARED_DRAWS_MAX_PLANS` plans, every plan runs the same
    `schedule_sample_count` draws (fewer if the plans × samples × tasks would exceed
    `ELEMENT_BUDGET`); above that each plan is one sample of a Monte Carlo over the inputs and
    gets one schedule realisation of its own, so its P10/P50/P90 nodes hold that realisation.

    References
    ----------
    .. [1] J. E. Kelley, M. R. Walker, "Critical-path planning and scheduling", Proc. Eastern
       Joint Computer Conference (1959), doi:10.1145/1460299.1460318.
    .. [2] R. M. Van Slyke, "Monte Carlo methods and the PERT problem", Operations Research
       11(5) (1963), doi:10.1287/opre.11.5.839.
    """
    phases, opts = schedule_phases_spec, schedule_options_spec
    numbers = (
        gpu_count,
        rack_count,
        facility_power_mw,
        grid_mw,
        turbine_capacity_mw,
        battery_mw,
        temporary_power_mw,
        turbine_lead_time_months,
        battery_lead_time_months,
        transformer_lead_time_months,
        grid_interconnection_months,
        rack_install_racks_per_day,
        building_stagger_days,
        duration_spread_frac,
        first_training_gpu_count,
    )
    n, scalar = _plans(*numbers)
    parallel = min(
        _whole(install_parallel_buildings_count, "install_parallel_buildings_count"),
        len(phases.fracs),
    )
    fixed = tuple(d is not None for d in phases.delivery_days)
    net = build_network(schedule_template_name, phases.names, fixed, parallel)
    fracs = np.asarray(phases.fracs)[:, None]
    q = {
        "grid_mw": _vec(grid_mw, n),
        "turbine_capacity_mw": _vec(turbine_capacity_mw, n),
        "temporary_power_mw": _vec(temporary_power_mw, n),
        "battery_mw": _vec(battery_mw, n),
        "turbine_lead_time_months": _vec(turbine_lead_time_months, n),
        "battery_lead_time_months": _vec(battery_lead_time_months, n),
        "transformer_lead_time_months": _vec(transformer_lead_time_months, n),
        "grid_interconnection_months": _vec(grid_interconnection_months, n),
    }
    inp = Inputs(
        quantities=q,
        racks=fracs * _vec(rack_count, n)[None],
        demand_mw=np.cumsum(fracs, axis=0) * _vec(facility_power_mw, n)[None],
        release_days=np.array([np.nan if d is None else d for d in phases.delivery_days]),
        racks_per_day_per_building=_vec(rack_install_racks_per_day, n) / parallel,
        stagger_days=_vec(building_stagger_days, n),
        spread=_vec(duration_spread_frac, n),
        overrides=opts.durations,
    )
    wanted = _whole(schedule_sample_count, "schedule_sample_count")
    per_plan = n > SHARED_DRAWS_MAX_PLANS
    samples = 1 if per_plan else max(1, min(wanted, ELEMENT_BUDGET // (len(net.tasks) * n)))
    dur = sample_durations(net, inp, samples, opts.seed, per_plan)
    p = forward_pass(net, dur, inp)

    k = len(phases.fracs)
    install = np.array([net.building_task("rack_install", b) for b in range(k)])
    burn = np.array([net.building_task("burn_in", b) for b in range(k)])
    deliver = np.array([net.building_task("gpu_delivery", b) for b in range(k)])
    gpus = fracs * _vec(gpu_count, n)[None]
    ramp_start = p.start[install] + dur[burn]
    ramp_days = dur[install]
    g = gpus[:, None, :]
    online_end = p.finish[burn]
    milestones = {
        "first_rack": p.start[install].min(axis=0),
        "first_training": curves.time_to_reach(
            _vec(first_training_gpu_count, n)[None], ramp_start, ramp_days, g
        ),
        "full_capacity": online_end.max(axis=0),
        "idle_gpu_days": np.sum(
            g * (p.start[install] - p.finish[deliver] + dur[burn] + ramp_days / 2), axis=0
        ),
    }
    caps = {}
    for m, cap_name in SOURCE_CAPACITY.items():
        i = net.by_milestone(m)
        caps[m] = q[cap_name]
        milestones[m] = (
            np.where(q[cap_name][None] > 0, p.finish[i], np.inf)
            if i is not None
            else np.full((samples, n), np.inf)
        )
    notes = []
    if p.shortfall.any():
        notes.append(
            "the supply never covers the full load in some samples: halls wait for every "
            "source (check grid, turbine and temporary capacities)"
        )
    if per_plan:
        notes.append(
            f"{n:,} plans: one schedule realisation each (independent draws; percentiles over "
            "the plans give the schedule's P10/P50/P90)"
        )
    elif samples < wanted:
        notes.append(f"{samples} samples per plan (of {wanted}) to bound memory over {n} plans")
    return ScheduleResult(
        network=net,
        durations=dur,
        passed=p,
        gpus=gpus,
        ramp_start=ramp_start,
        ramp_days=ramp_days,
        delivery=p.finish[deliver],
        phase_online=np.maximum.accumulate(online_end, axis=0),
        milestones=milestones,
        capacities=caps,
        stagger_days=inp.stagger_days,
        scalar=scalar,
        start_date=phases.start_date,
        target_days=phases.target_days,
        notes=notes,
        demand_mw=inp.demand_mw[-1],
    )


def _reader(name: str, milestone: str, q: float, summary: str, what: str, unit: str = "day"):
    """A node reading a percentile of one milestone from `schedule_spec`."""
    return reader(
        name,
        "schedule_spec",
        "ScheduleResult",
        lambda r: r.percentile(milestone, q),
        unit,
        summary,
        f"P{q:g}({what})",
        returns="Since the construction start ",
    )


first_rack_days = _reader(
    "first_rack_days",
    "first_rack",
    50,
    "P50 day the first rack is installed.",
    "start of the first rack installation",
)
first_training_days = _reader(
    "first_training_days",
    "first_training",
    50,
    "P50 day the first training run can start (its GPUs installed and burned in).",
    "min t: GPUs online(t) ≥ first_training_gpu_count",
)
first_training_p90_days = _reader(
    "first_training_p90_days",
    "first_training",
    90,
    "P90 (late case) of the first-training day.",
    "first training",
)
full_capacity_days = _reader(
    "full_capacity_days",
    "full_capacity",
    50,
    "P50 day every GPU is online.",
    "max over halls of burn-in finish",
)
full_capacity_p10_days = _reader(
    "full_capacity_p10_days",
    "full_capacity",
    10,
    "P10 (early case) of the full-capacity day.",
    "full capacity",
)
full_capacity_p90_days = _reader(
    "full_capacity_p90_days",
    "full_capacity",
    90,
    "P90 (late case) of the full-capacity day.",
    "full capacity",
)
grid_available_days = _reader(
    "grid_available_days",
    "grid_available",
    50,
    "P50 day the grid connection can deliver (inf without one); the energy model runs "
    "temporary generation until then.",
    "finish of grid energisation",
)
generation_available_days = _reader(
    "generation_available_days",
    "generation_available",
    50,
    "P50 day permanent on-site generation is in service (inf without turbines).",
    "finish of turbine installation",
)
temporary_power_available_days = _reader(
    "temporary_power_available_days",
    "temporary_power_available",
    50,
    "P50 day temporary generation is on line (inf when none is planned).",
    "finish of temporary power",
)
idle_gpu_days = _reader(
    "idle_gpu_days",
    "idle_gpu_days",
    50,
    "P50 GPU-days of GPUs on site but not yet online (waiting for the hall, the crews or "
    "burn-in): what delivery ahead of readiness costs.",
    "Σ_k g_k · (install start_k − delivery_k + burn-in_k + install_k / 2)",
    unit="GPU-day",
)

"""Energy-supply quantities: site climate, supply sizing (N+k at the hottest hour), the fast
hourly dispatch of the plan, fuel, CO2, lead time and the levelised cost of electricity."""

from gigawatt.energy import climate as cl
from gigawatt.energy import dispatch as d
from gigawatt.energy import supply as s
from gigawatt.graph.engine import node

NODES = [
    node(cl.climate_spec),
    node(cl.solar_profile_frac, name="solar_profile_hourly_frac"),
    node(s.grid_mw),
    node(s.firm_requirement_mw),
    node(s.firm_other_mw),
    node(s.onsite_need_mw, facility_power_mw="firm_requirement_mw", grid_mw="firm_other_mw"),
    node(d.turbine_derate_peak_frac),
    node(s.turbine_derated_mw),
    node(s.turbine_count, turbine_mw="turbine_derated_mw"),
    node(s.turbine_capacity_mw),
    node(s.turbine_derated_capacity_mw),
    node(
        s.firm_capacity_mw,
        grid_mw="firm_other_mw",
        turbine_capacity_mw="turbine_derated_capacity_mw",
        turbine_mw="turbine_derated_mw",
    ),
    node(s.battery_mwh),
    node(s.battery_unit_count),
    node(
        s.marginal_cost_usd_per_mwh,
        name="turbine_marginal_usd_per_mwh",
        heat_rate_mmbtu_per_mwh="turbine_heat_rate_mmbtu_per_mwh",
        fuel_price_usd_per_mmbtu="gas_price_usd_per_mmbtu",
        vom_usd_per_mwh="turbine_vom_usd_per_mwh",
    ),
    node(
        s.marginal_cost_usd_per_mwh,
        name="backup_marginal_usd_per_mwh",
        heat_rate_mmbtu_per_mwh="backup_turbine_heat_rate_mmbtu_per_mwh",
        fuel_price_usd_per_mmbtu="diesel_price_usd_per_mmbtu",
        vom_usd_per_mwh="backup_turbine_vom_usd_per_mwh",
    ),
    node(
        s.marginal_cost_usd_per_mwh,
        name="temporary_marginal_usd_per_mwh",
        heat_rate_mmbtu_per_mwh="temporary_turbine_heat_rate_mmbtu_per_mwh",
        fuel_price_usd_per_mmbtu="gas_price_usd_per_mmbtu",
        vom_usd_per_mwh="temporary_turbine_vom_usd_per_mwh",
    ),
    node(s.facility_load_hourly_mw),
    node(s.peak_facility_hourly_mw),
    node(d.energy_balance_spec, cache=True),
    node(s.facility_energy_mwh_per_year),
    node(d.grid_energy_mwh_per_year),
    node(d.gas_energy_mwh_per_year),
    node(d.solar_energy_mwh_per_year),
    node(d.backup_energy_mwh_per_year),
    node(d.unserved_mwh_per_year),
    node(d.fuel_mmbtu_per_year),
    node(d.backup_fuel_mmbtu_per_year),
    node(d.grid_demand_cost_usd_per_year),
    node(s.co2_t_per_year),
    node(s.supply_lead_time_months, grid_lead_time_months="grid_interconnection_months"),
    node(s.lcoe_usd_per_mwh),
]

# Training power dynamics. These depend on `training_step_spec` (the training model's step
# breakdown) and synthesise a waveform of up to a few hundred thousand samples, so they are not
# part of the plan's graph: `gigawatt power-swing` evaluates `dynamics_graph()`.
from gigawatt.energy import dynamics as dy  # noqa: E402
from gigawatt.energy import mitigation as mi  # noqa: E402

DYNAMICS_NODES = [
    node(dy.no_failure_s, name="failure_at_s"),
    node(mi.utility_ramp_mw_per_s),
    node(mi.no_limit_frac, name="utility_dynamic_range_frac"),
    node(mi.no_limit_frac, name="oscillation_limit_frac"),
    node(dy.power_waveform_spec),
    node(mi.mitigation_spec),
    node(dy.swing_mw),
    node(mi.max_ramp_mw_per_s),
    node(mi.band_rms_unmitigated_mw),
    node(mi.swing_battery_mw),
    node(mi.swing_battery_mwh),
    node(mi.residual_swing_mw),
    node(mi.mitigation_cost_usd_per_year),
]


def dynamics_graph():
    """The plan's graph plus the power-dynamics nodes (built once per process)."""
    from gigawatt.graph.engine import Graph
    from gigawatt.graph.wiring import all_nodes

    global _DYNAMICS_GRAPH
    if _DYNAMICS_GRAPH is None:
        names = {n.name for n in all_nodes()}
        _DYNAMICS_GRAPH = Graph(all_nodes() + [n for n in DYNAMICS_NODES if n.name not in names])
    return _DYNAMICS_GRAPH


_DYNAMICS_GRAPH = None

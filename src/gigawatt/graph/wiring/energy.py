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
    node(s.facility_load_hourly_mw),
    node(s.peak_facility_hourly_mw),
    node(d.energy_balance_spec),
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
    node(s.supply_lead_time_months),
    node(s.lcoe_usd_per_mwh),
]

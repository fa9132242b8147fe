"""Energy-supply quantities."""

from gigawatt import energy as e
from gigawatt.graph.engine import node

NODES = [
    node(e.grid_mw),
    node(e.onsite_need_mw),
    node(e.turbine_count),
    node(e.turbine_capacity_mw),
    node(e.firm_capacity_mw),
    node(e.battery_mwh),
    node(e.battery_unit_count),
    node(e.facility_energy_mwh_per_year),
    node(e.grid_energy_mwh_per_year),
    node(e.gas_energy_mwh_per_year),
    node(e.fuel_mmbtu_per_year),
    node(e.co2_t_per_year),
]

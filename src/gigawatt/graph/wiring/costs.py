"""Capex and opex quantities."""

from gigawatt import costs as c
from gigawatt.graph.engine import node

NODES = [
    node(c.it_capex_usd),
    node(c.facility_capex_usd),
    *(
        node(
            c.facility_item_capex_usd,
            name=f"facility_{item}_capex_usd",
            share_frac=f"facility_{item}_share_frac",
        )
        for item in ("electrical_mechanical", "shell", "site_fitout")
    ),
    node(c.generation_capex_usd),
    node(c.battery_capex_usd),
    node(c.land_capex_usd),
    node(c.grid_interconnect_capex_usd),
    node(c.capex_usd),
    node(c.grid_energy_cost_usd_per_year),
    node(c.fuel_cost_usd_per_year),
    node(c.temporary_premium_usd_per_mwh),
    node(c.generation_om_usd_per_year),
    node(c.battery_om_usd_per_year),
    node(c.it_maintenance_usd_per_year),
    node(c.facility_maintenance_usd_per_year),
    node(c.insurance_usd_per_year),
    node(c.staff_usd_per_year),
    node(c.opex_usd_per_year),
]

"""Schedule quantities: the Monte Carlo node, milestones (P50 days since start), idle GPUs,
partial-cluster runs and goal checks."""

from gigawatt.graph.engine import node
from gigawatt.schedule import goals as g
from gigawatt.schedule import model as m
from gigawatt.schedule import runs as r

NODES = [
    node(m.grid_interconnection_months),
    node(m.temporary_power_mw),
    node(m.first_training_gpu_count),
    node(m.schedule_spec, cache=True),
    node(m.first_rack_days),
    node(m.first_training_days),
    node(m.first_training_p90_days),
    node(m.full_capacity_days),
    node(m.full_capacity_p10_days),
    node(m.full_capacity_p90_days),
    node(m.grid_available_days),
    node(m.generation_available_days),
    node(m.temporary_power_available_days),
    node(m.idle_gpu_days),
    node(r.idle_gpu_cost_usd),
    node(r.run_finish_partial_start_days),
    node(r.run_finish_wait_days),
    node(r.partial_start_gain_days),
    node(g.schedule_goals_spec, cache=True),
    node(g.goals_missed_count),
]

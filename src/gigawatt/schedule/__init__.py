"""Construction schedule: task-network templates, critical path and vectorised Monte Carlo.

`templates` holds the task networks with sourced durations, `network` expands them per hall
and finds critical paths (networkx), `simulate` samples durations and runs one topological
pass over all samples, `curves` turns hall ramps into GPUs online, `model` holds the graph's
schedule quantities and `goals` checks planned dates and goals against the schedule.
"""

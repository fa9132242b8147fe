"""Training performance: the analytical step model of a transformer on a cluster, the search
over parallel plans, and its validation against published runs.

Python API (pandas tables): `gigawatt.training.search(...)`, `gigawatt.training.evaluate(...)`.
Graph quantities live in `gigawatt.training.quantities`.
"""

from gigawatt.training.api import evaluate, search
from gigawatt.training.quantities import (
    active_param_count,
    gpu_train_peak_flop_per_s,
    ideal_time_to_train_days,
    param_count,
    training_flop,
)

__all__ = [
    "active_param_count",
    "evaluate",
    "gpu_train_peak_flop_per_s",
    "ideal_time_to_train_days",
    "param_count",
    "search",
    "training_flop",
]

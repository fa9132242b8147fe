"""Energy supply: site climate, supply sizing, hourly dispatch (a fast vectorised merit order
and a PyPSA/linopy/HiGHS capacity-expansion LP) and the sub-second power dynamics of training.

Modules: `climate` (typical-year hourly weather), `supply` (sizing and annual balances),
`dispatch` (fast path), `supply_problem` (the LP's problem built from the campus, its
pre-check), `lp` (optimiser, heavy imports inside functions), `dynamics` (power waveform, FFT
band energy), `mitigation` (power floor and battery sizing, cost).
"""

from gigawatt.energy.supply import *  # noqa: F403

"""Failure rates: per-category shares calibrated from published interruption counts, and the
hazard options (lemons, infant mortality) and blast radius of each category.

A category says how an interruption of that kind behaves: which hardware it takes out (its
blast radius), how the hardware comes back (repair), which checkpoint tiers survive it, and
whether a replica-level fault-tolerant job can absorb it without a global rollback.

References
----------
.. [1] A. Grattafiori et al., "The Llama 3 Herd of Models", arXiv 2407.21783, §3.3.4, Table 5
   (419 unexpected + 47 planned interruptions, 16,384 H100, 54 days).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOURS_PER_DAY = 24.0


@dataclass(frozen=True)
class Category:
    """How one kind of interruption behaves.

    scope: `hardware` (a component fails), `software` (a process crashes or hangs; no hardware
    is removed), `planned` (maintenance: the job drains at a checkpoint, so no work is lost),
    `sdc` (silent data corruption: the state itself is wrong, so only a checkpoint written
    before the corruption, in remote storage, restores it, and even a replica-level job must
    roll back). blast: what one event takes out of the job: `unit` (one fault unit), `domain`
    (a scale-up domain), `leaf` (the GPUs behind a leaf switch), `zone` (a power or cooling
    zone), `none`. repair: `mixed` (automatic, else manual), `auto`, `manual`, `none`.
    """

    name: str
    label: str
    scope: str
    blast: str
    repair: str

    @property
    def tiers(self) -> frozenset[str]:
        """Checkpoint tiers that still hold a usable copy after this event."""
        if self.scope in ("software", "planned"):
            return frozenset({"local", "peer", "remote"})
        if self.scope == "sdc" or self.blast == "zone":
            return frozenset({"remote"})
        return frozenset({"peer", "remote"})

    @property
    def global_in_replica(self) -> bool:
        """True when even a replica-level fault-tolerant job must roll back everything."""
        return self.scope == "sdc"


CATEGORIES: tuple[Category, ...] = (
    Category("gpu", "GPU (faulty GPU, thermal interface, sensor)", "hardware", "unit", "mixed"),
    Category("hbm", "GPU HBM memory", "hardware", "unit", "mixed"),
    Category("gpu_sram_processor", "GPU SRAM / system processor", "hardware", "unit", "mixed"),
    Category("nvlink_nvswitch", "NVLink / NVSwitch", "hardware", "domain", "mixed"),
    Category("nic", "NIC", "hardware", "unit", "mixed"),
    Category("optic_cable", "optic / cable", "hardware", "unit", "mixed"),
    Category("switch", "network switch", "hardware", "leaf", "mixed"),
    Category(
        "host",
        "host (CPU, memory, SSD, board, unplanned host maintenance)",
        "hardware",
        "unit",
        "mixed",
    ),
    Category("psu", "power supply", "hardware", "unit", "mixed"),
    Category("sdc", "silent data corruption", "sdc", "unit", "manual"),
    Category("software", "software (bug, dependency)", "software", "none", "none"),
    Category("unknown", "unknown (NCCL watchdog timeouts)", "software", "none", "none"),
    Category("planned", "planned maintenance", "planned", "unit", "auto"),
)
"""The calibrated categories, in a fixed order (arrays of per-category values follow it)."""

ZONE = Category("zone", "power / cooling zone outage", "hardware", "zone", "mixed")
"""Correlated zone events: a rate set in the scenario, not part of the calibrated mix."""

CATEGORY_NAMES = tuple(c.name for c in CATEGORIES)
BY_NAME = {c.name: c for c in (*CATEGORIES, ZONE)}


def category_counts(failure_data_spec) -> np.ndarray:
    """Expected interruptions per category over the observation (rows split by their shares).

    category_counts = Σ_rows count · share(row → category)

    Parameters
    ----------
    failure_data_spec : FailureData
        Published interruption counts (catalog kind `failure`).

    Returns
    -------
    numpy.ndarray
        One count per entry of `CATEGORIES` [count].
    """
    out = np.zeros(len(CATEGORIES))
    index = {n: i for i, n in enumerate(CATEGORY_NAMES)}
    for row in failure_data_spec.rows:
        for name, share in row.category.items():
            out[index[name]] += row.count * share
    return out


def category_shares(failure_data_spec) -> np.ndarray:
    """Share of each category in all interruptions of the calibration data.

    category_shares = category_counts / Σ category_counts

    Parameters
    ----------
    failure_data_spec : FailureData
        Published interruption counts.

    Returns
    -------
    numpy.ndarray
        One share per entry of `CATEGORIES` [1].
    """
    counts = category_counts(failure_data_spec)
    return counts / counts.sum()


def hazard_ratio(
    time_h, lemon_frac, lemon_rate_ratio, infant_mortality_ratio, infant_mortality_days
):
    """Hardware hazard relative to the calibration, at time t after the campus goes live.

    hazard_ratio = (1 + f_L·(k_L − 1)) · (1 + (F − 1)·exp(−t / τ_im))

    Lemons: a fraction f_L of fault units fails k_L times as often as the rest (the
    calibration is the fleet average; lemons add to it). Infant mortality: new hardware fails
    F times as often at first, the excess decaying with time constant τ_im.

    Parameters
    ----------
    time_h : numeric
        Time since the hardware went into service [h].
    lemon_frac : numeric
        Fraction of fault units that are lemons [1].
    lemon_rate_ratio : numeric
        Failure-rate multiple of a lemon [1].
    infant_mortality_ratio : numeric
        Hazard multiple of brand-new hardware F (1 = none) [1].
    infant_mortality_days : numeric
        Decay time constant of the infant excess τ_im [day].

    Returns
    -------
    numeric
        [1].
    """
    lemons = 1.0 + lemon_frac * (lemon_rate_ratio - 1.0)
    decay = np.exp(-np.asarray(time_h, dtype=float) / (HOURS_PER_DAY * infant_mortality_days))
    return lemons * (1.0 + (infant_mortality_ratio - 1.0) * decay)


def mean_hazard_ratio(
    horizon_days, lemon_frac, lemon_rate_ratio, infant_mortality_ratio, infant_mortality_days
):
    """Hardware hazard relative to the calibration, averaged over a run of H days.

    mean_hazard_ratio = (1 + f_L·(k_L − 1)) · (1 + (F − 1)·(τ_im/H)·(1 − exp(−H/τ_im)))

    Parameters
    ----------
    horizon_days : numeric
        Length of the run H [day].
    lemon_frac, lemon_rate_ratio, infant_mortality_ratio, infant_mortality_days : numeric
        As in `hazard_ratio` ([1], [1], [1], [day]).

    Returns
    -------
    numeric
        [1].
    """
    lemons = 1.0 + lemon_frac * (lemon_rate_ratio - 1.0)
    ratio = np.asarray(infant_mortality_days, dtype=float) / horizon_days
    # ratio -> 0 (no infant mortality, or an endless run): the early hazard averages out.
    safe = np.where(ratio > 0, ratio, 1.0)
    early = np.where(ratio > 0, safe * -np.expm1(-1.0 / safe), 0.0)
    out = lemons * (1.0 + (infant_mortality_ratio - 1.0) * early)
    return out if np.ndim(out) else float(out)

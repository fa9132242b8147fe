"""Task-network templates: greenfield, brownfield conversion, fast track with temporary power.

A template lists tasks once; campus tasks occur once, building tasks once per building (or
delivery phase). Each duration is a distribution with its source:

- `Days(low, mode, high)`: a triangular distribution in days;
- `Lead(quantity, low, high)`: a lead time read from a graph quantity (months) times a
  triangular factor (low, 1, high), e.g. `turbine_lead_time_months` from the catalog;
- `Install(low, high)`: racks of the building / crew rate per building, times a factor;
- `Supply()`: the day the energy supply first covers the building's cumulative load;
- `Delivery()`: GPU tranche arrival (a phase's `delivery_date`, else just in time).

`gate` names a quantity that must be positive for the task to exist at all (no turbines:
no air permit, no turbine procurement); otherwise its duration is zero and it never binds.
Tags: OFF official, REP press, EST analyst, WEAK blog or vendor, OWN our estimate (each OWN
value carries one line of reasoning).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DAYS_PER_MONTH = 365.25 / 12.0
"""Mean Gregorian month [day]."""
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class Days:
    """Triangular duration in days."""

    low: float
    mode: float
    high: float
    source: str


@dataclass(frozen=True)
class Lead:
    """Lead time from a graph quantity in months, times a triangular factor (low, 1, high)."""

    quantity: str
    low: float
    high: float
    source: str


@dataclass(frozen=True)
class Install:
    """Crew-limited rack installation: racks / (racks per day per building) · factor."""

    low: float
    high: float
    source: str


@dataclass(frozen=True)
class Supply:
    """Energy supply covers the cumulative load through this building (min over sources)."""

    source: str = "coupled: grid, permanent and temporary generation tasks and capacities"


@dataclass(frozen=True)
class Delivery:
    """GPU tranche arrives: on the phase's delivery_date, else when the hall is ready."""

    source: str = "scenario schedule.phases[].delivery_date; empty: just in time"


@dataclass(frozen=True)
class TaskTemplate:
    """One task of a template (finish-to-start predecessors by key)."""

    key: str
    label: str
    scope: str  # "campus" | "building"
    duration: Days | Lead | Install | Supply | Delivery
    after: tuple[str, ...] = ()
    gate: str = ""
    kind: str = ""  # role for capex phasing and supply: see KINDS
    milestone: str = ""  # campus milestone this task's finish defines


KINDS = (
    "site",
    "grid",
    "grid_build",
    "generation",
    "temporary_power",
    "battery",
    "shell",
    "fitout",
    "supply",
    "commissioning",
    "delivery",
    "install",
    "burn_in",
    "procurement",
    "design",
)


@dataclass(frozen=True)
class Template:
    """A named list of tasks and the template's default grid-interconnection time."""

    name: str
    description: str
    tasks: tuple[TaskTemplate, ...]
    grid_interconnection_months: float
    grid_interconnection_source: str
    bridges_with_temporary_power: bool = False
    notes: tuple[str, ...] = field(default=())

    def task(self, key: str) -> TaskTemplate:
        return next(t for t in self.tasks if t.key == key)

    def keys(self) -> list[str]:
        return [t.key for t in self.tasks]

    def fixed_keys(self) -> list[str]:
        """Tasks whose duration is a plain distribution in days (overridable by name)."""
        return [t.key for t in self.tasks if isinstance(t.duration, Days)]


# -- sources -------------------------------------------------------------------------------
_CORTEX = (
    "Cortex Construct 2026 'How long does it take to build a data center' (WEAK): "
    "pre-construction and design 3-6 months; hyperscale building 14-22 months from "
    "groundbreaking to substantial completion"
)
_PERMITS = (
    "permitting 'three months to over a year' (shapes.inc FAQ, WEAK); pre-construction 3-6 "
    "months (Cortex Construct 2026, WEAK)"
)
_TRANSFORMER = (
    "large power transformers 128 weeks average (Wood Mackenzie, EST); pre-2020 24-30 months, "
    "up to 4-5 years for custom units (PwC via Reuters Events 2026, REP); spread OWN"
)
_SWITCHGEAR = (
    "switchgear 46-48 weeks (Cushman & Wakefield 2025, EST); 52-65 weeks quoted for 2026 "
    "(irecruit.co, WEAK) sets the tail"
)
_CHILLERS = "chillers 30-40 weeks (Cushman & Wakefield 2025, EST); tail to 45 weeks OWN"
_TURBINES = (
    "catalog turbine lead time (aero ~1-2 yrs, frame 5-7, recips 12-18 months; "
    "sourcerockep.com, REP/EST) x factor; 'waits 1-7 yrs' (S&P Platts 2025, REP) sets the tail"
)
_BATTERY = "catalog battery lead time x factor (OWN spread)"
_GRID = (
    "scenario schedule.grid_interconnection_months (template default) x factor; energisation "
    "up to 10 yrs in some regions (EPRI 2026, REP) sets a long tail: OWN 0.85-1.6"
)
_SUBSTATION = "substation upgrade 12-24 months in top markets (aiinframap, EST)"
_AIR = (
    "OWN: a PSD/major-source air permit for on-site turbines; Colossus 1's permanent-turbine "
    "permit was issued 2 Jul 2025 and Colossus 2's PSD permit approved 10 Mar 2026 (OFF), "
    "application dates not published; 6-18 months assumed"
)
_GEN_INSTALL = "OWN: setting, hook-up and testing of delivered gas-turbine packages, 2-5 months"
_BATTERY_INSTALL = "Tesla built a 250 MW / 1 GWh plant in under 3 months (teslarati.com 2019, OFF)"
_CX = (
    "commissioning levels L1-L5 (leviathansystems.co, WEAK); durations OWN: 1.5-3 months for "
    "a hall at integrated-systems test"
)
_INSTALL = (
    "racks / crew rate; Colossus 1 installed >1,500 racks in ~3 weeks, ~70-80 racks/day "
    "(ServeTheHome tour, REP/DER); factor OWN (0.9-1.3: rework, leak tests for liquid racks)"
)
_BURN_IN = (
    "OWN: burn-in and network bring-up run alongside installation (cold plates cannot be "
    "proven with load banks, aidatacenterguide.com 13, WEAK); this is the lag after the last rack"
)
_FAST = (
    "OWN, calibrated: the one published fast-track conversion, xAI Colossus 1 (122 days start "
    "to finish, OFF: Musk 2 Sep 2024; 19 days first rack to training, OFF: NVIDIA 2024-10-28); "
    "not independently validated"
)

# -- shared task groups --------------------------------------------------------------------
_GENERATION = (
    TaskTemplate(
        "air_permit",
        "Air permit for on-site generation",
        "campus",
        Days(180, 365, 545, _AIR),
        gate="turbine_capacity_mw",
        kind="site",
    ),
    TaskTemplate(
        "turbines",
        "Gas turbines: procurement",
        "campus",
        Lead("turbine_lead_time_months", 0.85, 1.5, _TURBINES),
        after=("design",),
        gate="turbine_capacity_mw",
        kind="generation",
    ),
    TaskTemplate(
        "generation_install",
        "Gas turbines: installation and testing",
        "campus",
        Days(60, 90, 150, _GEN_INSTALL),
        after=("turbines", "air_permit", "site"),
        gate="turbine_capacity_mw",
        kind="generation",
        milestone="generation_available",
    ),
    TaskTemplate(
        "batteries",
        "Batteries: procurement",
        "campus",
        Lead("battery_lead_time_months", 0.9, 1.3, _BATTERY),
        after=("design",),
        gate="battery_mw",
        kind="battery",
    ),
    TaskTemplate(
        "battery_install",
        "Batteries: installation",
        "campus",
        Days(30, 60, 90, _BATTERY_INSTALL),
        after=("batteries", "site"),
        gate="battery_mw",
        kind="battery",
    ),
)


def _hall(
    shell: Days,
    electrical: Days,
    mechanical: Days,
    commissioning: Days,
    burn_in: Days,
    shell_label: str,
    install: Install,
) -> tuple[TaskTemplate, ...]:
    return (
        TaskTemplate(
            "shell", shell_label, "building", shell, after=("site", "design"), kind="shell"
        ),
        TaskTemplate(
            "electrical",
            "Electrical fit-out",
            "building",
            electrical,
            after=("shell", "switchgear"),
            kind="fitout",
        ),
        TaskTemplate(
            "mechanical",
            "Mechanical (cooling) fit-out",
            "building",
            mechanical,
            after=("shell", "chillers"),
            kind="fitout",
        ),
        TaskTemplate(
            "power_ready", "Power available for the hall", "building", Supply(), kind="supply"
        ),
        TaskTemplate(
            "commissioning",
            "Commissioning (L1-L5)",
            "building",
            commissioning,
            after=("electrical", "mechanical", "power_ready"),
            kind="commissioning",
        ),
        TaskTemplate(
            "gpu_delivery", "GPU tranche delivered", "building", Delivery(), kind="delivery"
        ),
        TaskTemplate(
            "rack_install",
            "Rack installation (crew-limited)",
            "building",
            install,
            after=("commissioning", "gpu_delivery"),
            kind="install",
        ),
        TaskTemplate(
            "burn_in",
            "Burn-in and network bring-up",
            "building",
            burn_in,
            after=("rack_install",),
            kind="burn_in",
        ),
    )


def _grid(with_substation: bool) -> tuple[TaskTemplate, ...]:
    tasks = [
        TaskTemplate(
            "grid_interconnection",
            "Utility studies, agreement and utility-side works",
            "campus",
            Lead("grid_interconnection_months", 0.85, 1.6, _GRID),
            gate="grid_mw",
            kind="grid",
        ),
        TaskTemplate(
            "transformers",
            "Power transformers: procurement",
            "campus",
            Lead("transformer_lead_time_months", 0.85, 1.5, _TRANSFORMER),
            after=("design",),
            gate="grid_mw",
            kind="grid_build",
        ),
    ]
    energise_after = ["grid_interconnection", "transformers"]
    if with_substation:
        tasks.append(
            TaskTemplate(
                "substation",
                "On-site substation construction",
                "campus",
                Days(365, 450, 730, _SUBSTATION),
                after=("site",),
                gate="grid_mw",
                kind="grid_build",
            )
        )
        energise_after.append("substation")
    tasks.append(
        TaskTemplate(
            "grid_energisation",
            "Grid energisation and testing",
            "campus",
            Days(14, 30, 60, "OWN: utility witness tests and back-feed, 2-8 weeks"),
            after=tuple(energise_after),
            gate="grid_mw",
            kind="grid_build",
            milestone="grid_available",
        )
    )
    return tuple(tasks)


def _procurement(switchgear: Days, chillers: Days) -> tuple[TaskTemplate, ...]:
    return (
        TaskTemplate(
            "switchgear",
            "Switchgear: procurement",
            "campus",
            switchgear,
            after=("design",),
            kind="procurement",
        ),
        TaskTemplate(
            "chillers",
            "Chillers and CDUs: procurement",
            "campus",
            chillers,
            after=("design",),
            kind="procurement",
        ),
    )


_W = DAYS_PER_WEEK
_STANDARD_PROCUREMENT = _procurement(
    Days(46 * _W, 48 * _W, 65 * _W, _SWITCHGEAR), Days(30 * _W, 35 * _W, 45 * _W, _CHILLERS)
)

GREENFIELD = Template(
    name="greenfield",
    description="New site: permits, new shells, grid interconnection with an on-site substation",
    grid_interconnection_months=42.0,
    grid_interconnection_source=(
        "large-load energisation in Northern Virginia 36-48 months (CBRE via build.inc, "
        "REP/EST); midpoint"
    ),
    tasks=(
        TaskTemplate(
            "site",
            "Site, zoning and building permits",
            "campus",
            Days(90, 150, 365, _PERMITS),
            kind="site",
        ),
        TaskTemplate(
            "design", "Engineering design", "campus", Days(90, 120, 180, _CORTEX), kind="design"
        ),
        *_grid(with_substation=True),
        *_STANDARD_PROCUREMENT,
        *_GENERATION,
        *_hall(
            shell=Days(150, 210, 300, _CORTEX + "; OWN split: shell ~40 %"),
            electrical=Days(150, 210, 300, _CORTEX + "; OWN split: MEP fit-out ~45 %"),
            mechanical=Days(150, 210, 300, _CORTEX + "; OWN split: MEP fit-out ~45 %"),
            commissioning=Days(45, 60, 90, _CX),
            burn_in=Days(7, 14, 28, _BURN_IN),
            shell_label="Shell and core",
            install=Install(0.9, 1.3, _INSTALL),
        ),
    ),
)

BROWNFIELD = Template(
    name="brownfield",
    description="Conversion of an existing industrial building; utility substation upgrade",
    grid_interconnection_months=18.0,
    grid_interconnection_source="substation upgrade 12-24 months (aiinframap, EST); midpoint",
    tasks=(
        TaskTemplate(
            "site",
            "Building acquisition and permits",
            "campus",
            Days(
                30,
                60,
                120,
                "OWN: purchase or lease of an existing building plus change-of-use permits",
            ),
            kind="site",
        ),
        TaskTemplate(
            "design",
            "Engineering design",
            "campus",
            Days(60, 90, 150, _CORTEX + "; OWN: existing shell shortens it"),
            kind="design",
        ),
        *_grid(with_substation=False),
        *_STANDARD_PROCUREMENT,
        *_GENERATION,
        *_hall(
            shell=Days(
                60, 90, 150, "OWN: strip-out, roof and slab reinforcement of an existing shell"
            ),
            electrical=Days(120, 150, 240, _CORTEX + "; OWN: fit-out of an existing shell"),
            mechanical=Days(120, 150, 240, _CORTEX + "; OWN: fit-out of an existing shell"),
            commissioning=Days(30, 45, 75, _CX),
            burn_in=Days(7, 14, 28, _BURN_IN),
            shell_label="Conversion of the existing shell",
            install=Install(0.9, 1.3, _INSTALL),
        ),
    ),
)

FAST_TRACK = Template(
    name="fast_track",
    description="Conversion bridged with temporary power; equipment bought from stock or rented",
    grid_interconnection_months=18.0,
    grid_interconnection_source="substation upgrade 12-24 months (aiinframap, EST); midpoint",
    bridges_with_temporary_power=True,
    tasks=(
        TaskTemplate("site", "Building acquisition", "campus", Days(7, 10, 21, _FAST), kind="site"),
        TaskTemplate(
            "design",
            "Engineering design (overlapped)",
            "campus",
            Days(7, 14, 28, _FAST),
            kind="design",
        ),
        TaskTemplate(
            "temporary_power",
            "Temporary generation on site",
            "campus",
            Days(
                21,
                30,
                60,
                "OWN: trailer-mounted turbines; Colossus 1 ran up to 35 temporary units under a "
                "364-day nonroad-engine exemption (OFF/REP, SELC)",
            ),
            after=("site",),
            gate="temporary_power_mw",
            kind="temporary_power",
            milestone="temporary_power_available",
        ),
        *_grid(with_substation=False),
        *_procurement(
            Days(10, 21, 45, "OWN: switchgear from distributor stock or rental fleets"),
            Days(10, 21, 45, "OWN: chillers from rental fleets, CDUs from stock"),
        ),
        *_GENERATION,
        *_hall(
            shell=Days(10, 14, 28, _FAST),
            electrical=Days(30, 40, 60, _FAST),
            mechanical=Days(30, 40, 60, _FAST),
            commissioning=Days(3, 5, 10, _FAST),
            burn_in=Days(1, 2, 4, _FAST),
            shell_label="Strip-out of the existing shell",
            install=Install(0.95, 1.15, _INSTALL),
        ),
    ),
)

TEMPLATES: dict[str, Template] = {t.name: t for t in (GREENFIELD, BROWNFIELD, FAST_TRACK)}

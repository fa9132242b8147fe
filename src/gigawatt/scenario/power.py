"""`power`: grid connection, on-site generation and batteries."""

from __future__ import annotations

from pydantic import model_validator

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Power(Section):
    """Energy supply of the campus."""

    @model_validator(mode="before")
    @classmethod
    def _island_has_no_grid(cls, data):
        if isinstance(data, dict) and data.get("island_mode") is True:
            grid = data.get("grid_mw")
            if grid is None:
                data = {**data, "grid_mw": 0.0}
            elif not (isinstance(grid, int | float) and grid == 0):
                raise ValueError("power.grid_mw must be empty or 0 when power.island_mode is true")
        return data

    grid_mw: num(ge=0, le=100_000, optional=True) = param(
        None,
        unit="MW",
        description="Grid import capacity; empty: sized to the peak facility load (a "
        "grid-only campus). On-site turbines cover what the grid does not",
    )
    grid_price_usd_per_mwh: num(ge=0, le=10_000) = param(
        62.0,
        unit="USD/MWh",
        description="Average price of grid energy",
        source="MLGW industrial rate ~$62/MWh, Dec 2024 (REP, smartcitymemphis.com)",
    )
    grid_co2_t_per_mwh: num(ge=0, le=2) = param(
        0.366,
        unit="t/MWh",
        description="CO2 emitted per MWh of grid energy",
        source="DER: 1.53 Gt CO2 / 4.18 PWh, US utility-scale generation 2023 (OFF, EIA FAQ "
        "'How much carbon dioxide is produced per kilowatthour')",
    )
    grid_interconnect_usd_per_mw: num(ge=0, le=1e8) = param(
        160_000.0,
        unit="USD/MW",
        description="Cost of the substation and interconnection per MW of grid capacity",
        source="DER: ~$24M margin allowance for xAI's 150 MW substation (OFF, MLGW via "
        "512pixels.net 2025) / 150 MW",
        quantity="grid_interconnect_capex_usd_per_mw",
    )
    turbine: str = choice(
        "solar-titan-130",
        description="Catalog id of the on-site gas turbine (`gigawatt catalog turbine`).",
        source="Solar Titan 130 units, as permitted at xAI Colossus 1 (OFF, Shelby County "
        "Health Department permit, 2025)",
    )
    turbine_redundancy: num(ge=0, le=100, integer=True) = param(
        1,
        unit="count",
        description="Spare turbines beyond those needed for the peak (N+k)",
        source="N+1: the usual redundancy of on-site generation (Uptime Institute Tier III, "
        "concurrently maintainable)",
        quantity="turbine_redundancy_count",
    )
    gas_price_usd_per_mmbtu: num(ge=0, le=1_000) = param(
        4.28,
        unit="USD/MMBtu",
        description="Delivered natural-gas price",
        source="EIA STEO Sep 2025: Henry Hub forecast 2026 $4.28/MMBtu (OFF)",
    )
    gas_co2_t_per_mmbtu: num(ge=0, le=1) = param(
        0.05307,
        unit="t/MMBtu",
        description="CO2 from burning natural gas",
        source="EIA Electric Power Annual Table A.3: 117 lb CO2/MMBtu (OFF) = 0.05307 t",
    )
    battery: str = choice(
        "megapack-2xl",
        description="Catalog id of the battery system (`gigawatt catalog battery`).",
        source="xAI uses Tesla Megapacks at Colossus 1 and 2 (REP/OFF, benzinga.com)",
    )
    battery_mw: num(ge=0, le=100_000) = param(
        0.0,
        unit="MW",
        description="Battery power (to ride through training power swings and outages)",
        source="none unless given",
    )
    grid_demand_charge_usd_per_kw_month: num(ge=0, le=1_000) = param(
        0.0,
        unit="USD/kW-month",
        description="Demand charge on each month's peak grid import (adds to the energy price)",
        source="none: the default energy price is an all-in industrial rate (MLGW ~$62/MWh, "
        "REP) that already recovers demand charges",
    )
    island_mode: bool = choice(
        False,
        description="No grid connection at all: on-site supply serves every hour "
        "(power.grid_mw is then ignored).",
        source="grid-connected unless stated (Colossus 2 runs on its own plant)",
    )
    grid_firm_frac: num(ge=0, le=1) = param(
        1.0,
        unit="1",
        description="Share of the grid capacity counted as firm when sizing on-site supply; 0: "
        "on-site supply alone carries the peak through a grid outage",
        source="utility service treated as firm, with N+1 on-site redundancy (the default)",
    )
    reserve_margin_frac: num(ge=0, le=2) = param(
        0.0,
        unit="1",
        description="Firm capacity required above the peak facility load, in addition to N+k",
        source="none beyond N+k unless given",
    )
    turbine_options: list[str] = choice(
        [],
        description="Catalog ids of further generating units the optimiser (`gigawatt energy`) "
        "may build besides power.turbine, e.g. a frame, an aeroderivative and a "
        "reciprocating class.",
    )
    turbine_max_mw: num(ge=0, le=100_000, optional=True) = param(
        None,
        unit="MW",
        description="Most on-site generating capacity of each class the optimiser may build "
        "(permits, supply chain); empty: unlimited",
    )
    co2_cap_t_per_year: num(ge=0, le=1e10, optional=True) = param(
        None,
        unit="t/yr",
        description="Cap on CO2 from on-site fuel and grid imports; empty: no cap",
    )
    solar: str = choice(
        "utility-pv-single-axis",
        description="Catalog id of the solar PV plant (`gigawatt catalog solar`).",
        source="single-axis tracking, the dominant US utility-scale PV design (LBNL Utility-"
        "Scale Solar)",
    )
    solar_mw: num(ge=0, le=100_000) = param(
        0.0, unit="MW", description="Installed solar PV (AC)", source="none unless given"
    )
    solar_max_mw: num(ge=0, le=100_000) = param(
        0.0,
        unit="MW",
        description="Most solar PV (AC) the optimiser may build (land is the usual limit)",
        source="none unless given",
    )
    backup: str = choice(
        "diesel-backup-2mw",
        description="Catalog id of the backup generator (`gigawatt catalog turbine`).",
        source="diesel standby gensets, the usual data-centre backup",
    )
    backup_mw: num(ge=0, le=100_000) = param(
        0.0,
        unit="MW",
        description="Backup generators (firm, run only when nothing cheaper is available)",
        source="none unless given",
    )
    diesel_price_usd_per_mmbtu: num(ge=0, le=1_000) = param(
        27.4,
        unit="USD/MMBtu",
        description="Delivered diesel price for backup generators",
        source="DER: ~$3.76/gal US on-highway diesel 2024 average (EIA Gasoline and Diesel "
        "Fuel Update, [M]) / 0.1374 MMBtu/gal",
    )
    diesel_co2_t_per_mmbtu: num(ge=0, le=1) = param(
        0.07415,
        unit="t/MMBtu",
        description="CO2 from burning diesel",
        source="EIA: 163.45 lb CO2/MMBtu for distillate fuel oil ([M]) = 0.07415 t",
    )
    # -- temporary power (schedule.temporary_power_mw bridges to the permanent supply) --
    temporary_turbine: str = choice(
        "solar-titan-130",
        description="Catalog id of the temporary (trailer-mounted) generation that bridges "
        "until the grid or the permanent plant is available (`gigawatt catalog turbine`); "
        "its heat rate and variable O&M price the bridge's energy.",
        source="OWN: the 15-16.5 MW Solar Titan/SMT-130 class permitted at Colossus 1; the "
        "models of its temporary units are not published (up to 35 units, OFF/REP: SELC)",
    )
    temporary_rent_usd_per_kw_month: num(ge=0, le=1_000) = param(
        30.0,
        unit="USD/kW-month",
        description="Rent of temporary generation (equipment, mobilisation, operation; fuel "
        "separate) while it bridges to the permanent supply",
        source="OWN estimate (no published rental rate found): a Titan-130-class genset "
        "costs ~$775/kW ex-install (WEAK, CAT QuickSize library); recovering it over 36 "
        "months at 15 %/yr is ~$27/kW-month, plus mobilisation and operation; plausible "
        "range $20-50/kW-month",
    )
    # -- training power dynamics (gigawatt power-swing) --------------------------------
    swing_horizon_s: num(gt=0, le=86_400) = param(
        3600.0,
        unit="s",
        description="Length of the synthesised campus power waveform",
        source="one hour: covers job start, a failure restart and job stop",
    )
    swing_dt_s: num(ge=0.001, le=1) = param(
        0.01,
        unit="s",
        description="Time step of the waveform (10-100 ms resolves the 0.1-20 Hz band)",
        source="10 ms: Nyquist 50 Hz, above the 20 Hz edge of the oscillation band",
    )
    job_start_s: num(ge=0, le=86_400) = param(
        60.0, unit="s", description="When the training job starts", source="OWN: after 1 min idle"
    )
    job_stop_s: num(ge=0, le=86_400) = param(
        3300.0, unit="s", description="When the job stops", source="OWN: 5 min before the end"
    )
    failure_at_s: num(ge=0, le=86_400, optional=True) = param(
        1800.0,
        unit="s",
        description="When a failure stops the job (it restarts after restart_s); empty: none",
        source="OWN: one failure mid-hour to show the drop and the restart",
    )
    restart_s: num(ge=0, le=86_400) = param(
        600.0,
        unit="s",
        description="Time from a failure until the job computes again (idle meanwhile)",
        source="restart overhead 5-20 min at Meta RSC (Kokolis et al. 2024, via reference "
        "reliability.md); 10 min taken",
    )
    low_power_frac: num(ge=0, le=1) = param(
        0.58,
        unit="1",
        description="GPU-system power in low phases (exposed communication, bubble, checkpoint) "
        "as a fraction of the compute-phase power",
        source="DER: rack swing 55-95 kW (WEAK, rencewise.com) -> 55/95",
    )
    idle_power_frac: num(ge=0, le=1) = param(
        0.25,
        unit="1",
        description="GPU-system power with no job running, as a fraction of maximum",
        source="OWN: GPUs idle near 10-15 % of board power while CPUs, memory, NICs and fans "
        "keep drawing",
    )
    swing_edge_s: num(ge=0, le=10) = param(
        0.1,
        unit="s",
        description="Rise and fall time of the campus power between phases",
        source="rise/fall < 0.2 s (WEAK, rencewise.com); 0.1 s taken",
    )
    utility_ramp_mw_per_s: num(gt=0, le=1e6, optional=True) = param(
        None,
        unit="MW/s",
        description="Utility limit on the ramp rate of grid-visible power; empty: the peak "
        "facility load per minute (generation ramps over 1 to 90 minutes, NVIDIA)",
    )
    utility_dynamic_range_frac: num(gt=0, le=1, optional=True) = param(
        None,
        unit="1",
        description="Utility limit on (max - min) / max of grid-visible power while training; "
        "empty: no limit (the published limits were not found)",
    )
    oscillation_band_low_hz: num(gt=0, le=1000) = param(
        0.1,
        unit="Hz",
        description="Lower edge of the oscillation band utilities protect",
        source="example band 0.1-20 Hz (OFF, Choukse et al. 2025, arXiv 2508.14318)",
    )
    oscillation_band_high_hz: num(gt=0, le=1000) = param(
        20.0,
        unit="Hz",
        description="Upper edge of the oscillation band",
        source="example band 0.1-20 Hz (OFF, Choukse et al. 2025, arXiv 2508.14318)",
    )
    oscillation_limit_frac: num(gt=0, le=1, optional=True) = param(
        None,
        unit="1",
        description="Utility limit on the RMS power in the oscillation band, as a fraction of "
        "the peak facility load; empty: no limit (the published limits were not found)",
    )
    power_floor_frac: num(ge=0, le=1) = param(
        0.0,
        unit="1",
        description="Mitigation: GPU power-smoothing floor (as GB300's) or dummy load, as a "
        "fraction of compute-phase power that the GPU systems never drop below while training",
        source="none unless given",
    )

"""Catalog schemas: one pydantic model per kind of product. Field names are quantity names
(units in the suffix), so a catalog value enters the quantity graph under its own name."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["V", "D", "M", "OFF", "REP", "EST", "DER", "WEAK", "OWN"]
CONFIDENCE_MEANING = {
    "V": "checked in a primary or near-primary source",
    "D": "derived from checked numbers with a stated formula",
    "M": "from memory or a secondary source, not checked against the primary",
    "OFF": "official: the company, a regulator, a filing or the OEM",
    "REP": "reported by press citing unnamed sources",
    "EST": "an analyst's or modeller's estimate",
    "DER": "arithmetic from the cited inputs",
    "WEAK": "blog, aggregator or vendor marketing; placeholder only",
    "OWN": "gigawatt's own engineering estimate (reasoning in the entry's notes)",
}


class FieldSource(BaseModel):
    """Where one field's value comes from, when not from the entry's main source."""

    model_config = ConfigDict(extra="forbid")
    source: str
    year: int = Field(ge=1990, le=2100)
    confidence: Confidence


class Entry(BaseModel):
    """Common part of every catalog entry: identity and provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    source: str
    year: int = Field(ge=1990, le=2100)
    currency_basis: str = "n/a"
    confidence: Confidence
    notes: str = ""
    field_sources: dict[str, FieldSource] = {}

    def provenance(self, field: str) -> FieldSource:
        """Source, year and confidence of one field's value."""
        if field in self.field_sources:
            return self.field_sources[field]
        return FieldSource(source=self.source, year=self.year, confidence=self.confidence)


Pos = Field(gt=0)
NonNeg = Field(ge=0)
Frac = Field(ge=0, le=1)


class System(Entry):
    """A GPU system: the unit bought and powered (an 8-GPU server or an NVL72 rack)."""

    vendor: str
    architecture: Literal["ampere", "hopper", "blackwell", "blackwell-ultra", "cdna3", "cdna4"]
    gpus_per_system: int = Pos
    systems_per_rack: int = Pos
    gpu_bf16_flop_per_s: float = Pos
    gpu_fp8_flop_per_s: float | None = Pos
    gpu_fp4_flop_per_s: float | None = Pos
    gpu_mamf_bf16_frac: float | None = Frac
    gpu_mamf_fp8_frac: float | None = Frac
    gpu_hbm_gb: float = Pos
    gpu_hbm_gb_per_s: float = Pos
    gpu_scaleup_gb_per_s: float = Pos
    scaleup_domain_gpus: int = Pos
    gpu_tdp_w: float = Pos
    system_power_w: float = Pos
    scaleup_switch_power_w: float = NonNeg
    nic_gbps_per_gpu: float = Pos
    frontend_gbps_per_system: float = NonNeg
    system_price_usd: float = Pos
    liquid_cooled_frac: float = Frac


class Switch(Entry):
    """A switch box: scale-out (Ethernet, InfiniBand) or scale-up (an NVLink switch tray)."""

    vendor: str
    technology: Literal["ethernet", "infiniband", "nvlink"]
    switch_capacity_gbps: float = Pos
    switch_ports_by_gbps: dict[int, int]
    switch_power_w: float = Pos
    switch_price_usd: float = Pos
    switch_latency_ns: float | None = Pos
    max_subnet_endpoint_count: int | None = Pos
    switch_asic_count: int = Field(1, gt=0)
    available_year: int = Field(ge=1990, le=2100)

    def derived_inputs(self) -> dict[str, float]:
        """Graph inputs read from the port table: the most ports and the fastest port."""
        return {
            "switch_max_ports_count": max(self.switch_ports_by_gbps.values()),
            "switch_max_port_gbps": max(self.switch_ports_by_gbps),
        }


class Nic(Entry):
    """A network interface card."""

    vendor: str
    nic_gbps: float = Pos
    nic_port_count: int = Pos
    nic_power_w: float = Pos
    nic_price_usd: float = Pos


class Optic(Entry):
    """A transceiver module (per module, one link end) or a cable (per cable: DAC and AEC
    replace the modules at both ends; fibre is the passive cable between two modules)."""

    medium: Literal["mmf", "smf", "copper", "aec", "fibre"]
    optic_gbps: float = Pos
    optic_links_count: int = Pos
    optic_power_w: float = NonNeg
    optic_price_usd: float = Pos
    optic_reach_m: float = Pos


class Turbine(Entry):
    """An on-site generating unit (gas turbine, gas engine or diesel genset)."""

    vendor: str
    turbine_class: Literal["aeroderivative", "frame", "reciprocating", "diesel-backup"]
    turbine_mw: float = Pos
    turbine_heat_rate_mmbtu_per_mwh: float = Pos
    turbine_capex_usd_per_kw: float = Pos
    turbine_fom_usd_per_kw_year: float = NonNeg
    turbine_vom_usd_per_mwh: float = NonNeg
    turbine_lead_time_months: float = NonNeg
    turbine_min_load_frac: float = Frac
    turbine_forced_outage_frac: float = Frac
    turbine_maintenance_h_per_year: float = Field(ge=0, le=8760)
    turbine_derate_frac_per_c: float = Frac
    turbine_no_load_fuel_frac: float = Field(
        0.25, ge=0, le=1, description="Fuel at zero output / full-load fuel (OWN default 0.25)"
    )
    turbine_fuel: Literal["gas", "diesel"]


class Battery(Entry):
    """A battery energy-storage product."""

    vendor: str
    battery_unit_mwh: float = Pos
    battery_unit_mw: float = Pos
    battery_rte_frac: float = Field(gt=0, le=1)
    battery_capex_usd_per_kwh: float = Pos
    battery_fom_usd_per_kw_year: float = NonNeg
    battery_life_years: float = Pos
    battery_lead_time_months: float = NonNeg
    battery_cycle_life_count: float = Field(
        4745, gt=0, description="Full cycles in the life (DER default: 13 yrs x 365)"
    )


class Solar(Entry):
    """A solar PV plant (per MW AC)."""

    solar_capex_usd_per_kw: float = Pos
    solar_fom_usd_per_kw_year: float = NonNeg
    solar_capacity_frac: float = Field(gt=0, le=1)
    solar_life_years: float = Pos
    solar_lead_time_months: float = NonNeg


class Cooling(Entry):
    """A heat-rejection plant; coefficients are kW of electric power per kW of heat."""

    cooling_type: str
    cdu_pump_kw_per_kw: float = NonNeg
    facility_pump_kw_per_kw: float = NonNeg
    heat_rejection_fan_kw_per_kw: float = NonNeg
    chiller_cop_ratio: float | None = Pos
    chiller_duty_design_frac: float = Frac
    chiller_duty_min_frac: float = Frac
    heat_rejection_wet_frac: float = Frac
    economizer_supply_c: float = Field(ge=-10, le=60)
    heat_rejection_approach_c: float = Field(ge=0, le=30)
    loop_delta_c: float = Field(gt=0, le=30)
    air_handling_kw_per_kw: float = NonNeg
    water_l_per_kwh: float = NonNeg
    cooling_capex_usd_per_kw: float | None = NonNeg


class Model(Entry):
    """A transformer model preset (dense or MoE)."""

    layers: int = Pos
    hidden_size: int = Pos
    ffn_hidden_size: int = Pos
    attention_heads: int = Pos
    kv_heads: int = Pos
    seq_length: int = Pos
    vocab_size: int = Pos
    gated_mlp: bool
    experts: int = Field(0, ge=0)
    experts_per_token: int = Field(0, ge=0)
    moe_ffn_hidden_size: int = Field(0, ge=0)
    shared_experts: int = Field(0, ge=0)
    dense_layers: int = Field(0, ge=0)
    tied_embeddings: bool = False
    published_param_count: float | None = Field(None, gt=0)
    head_dim: int | None = Field(None, gt=0, description="per-head size; empty: hidden / heads")
    q_lora_rank: int = Field(0, ge=0, description="MLA query compression (0: no MLA)")
    kv_lora_rank: int = Field(0, ge=0, description="MLA key/value compression (0: no MLA)")
    qk_rope_head_dim: int = Field(0, ge=0, description="MLA decoupled RoPE key size per head")
    v_head_dim: int | None = Field(None, gt=0, description="value size per head; empty: head_dim")
    position_embedding: Literal["rotary", "learned", "alibi"] = "rotary"
    dropout: bool = False


class FailureRow(BaseModel):
    """One row of a published interruption table, mapped onto gigawatt's categories."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    component: str
    count: float = Field(ge=0)
    category: dict[str, float] = Field(
        description="Category -> share of this row's count (shares sum to 1)."
    )

    @field_validator("category")
    @classmethod
    def _known_shares(cls, value: dict[str, float]) -> dict[str, float]:
        from gigawatt.reliability.rates import CATEGORY_NAMES

        unknown = sorted(set(value) - set(CATEGORY_NAMES))
        if unknown:
            raise ValueError(f"unknown categories {unknown}; known: {', '.join(CATEGORY_NAMES)}")
        if any(v < 0 for v in value.values()) or abs(sum(value.values()) - 1.0) > 1e-9:
            raise ValueError("shares must be >= 0 and sum to 1")
        return value


class FailureData(Entry):
    """Published interruption counts of a training fleet: the calibration of failure rates."""

    failure_observed_gpu_count: int = Pos
    failure_observed_days: float = Pos
    rows: list[FailureRow] = Field(min_length=1)


KINDS: dict[str, type[Entry]] = {
    "system": System,
    "switch": Switch,
    "nic": Nic,
    "optic": Optic,
    "turbine": Turbine,
    "battery": Battery,
    "cooling": Cooling,
    "solar": Solar,
    "model": Model,
    "failure": FailureData,
}

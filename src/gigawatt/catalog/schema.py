"""Catalog schemas: one pydantic model per kind of product. Field names are quantity names
(units in the suffix), so a catalog value enters the quantity graph under its own name."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
    """A scale-out switch box."""

    vendor: str
    technology: Literal["ethernet", "infiniband"]
    switch_capacity_gbps: float = Pos
    switch_ports_by_gbps: dict[int, int]
    switch_power_w: float = Pos
    switch_price_usd: float = Pos
    switch_latency_ns: float | None = Pos
    max_subnet_endpoint_count: int | None = Pos
    available_year: int = Field(ge=1990, le=2100)


class Nic(Entry):
    """A network interface card."""

    vendor: str
    nic_gbps: float = Pos
    nic_port_count: int = Pos
    nic_power_w: float = Pos
    nic_price_usd: float = Pos


class Optic(Entry):
    """A transceiver module or a cable."""

    medium: Literal["mmf", "smf", "copper", "aec"]
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


class Cooling(Entry):
    """A heat-rejection plant; coefficients are kW of electric power per kW of heat."""

    cooling_type: str
    cdu_pump_kw_per_kw: float = NonNeg
    facility_pump_kw_per_kw: float = NonNeg
    heat_rejection_fan_kw_per_kw: float = NonNeg
    chiller_cop_ratio: float | None = Pos
    chiller_duty_design_frac: float = Frac
    chiller_duty_annual_frac: float = Frac
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


KINDS: dict[str, type[Entry]] = {
    "system": System,
    "switch": Switch,
    "nic": Nic,
    "optic": Optic,
    "turbine": Turbine,
    "battery": Battery,
    "cooling": Cooling,
    "model": Model,
}

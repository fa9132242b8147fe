"""The scenario: what the user gives. Only `compute` is required; every other field has a
documented, sourced default (`gigawatt schema` prints them all)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gigawatt.scenario.compute import Compute
from gigawatt.scenario.facility import Facility
from gigawatt.scenario.fields import num
from gigawatt.scenario.finance import Finance
from gigawatt.scenario.network import Network, Storage
from gigawatt.scenario.power import Power
from gigawatt.scenario.reliability import Reliability
from gigawatt.scenario.schedule import Schedule
from gigawatt.scenario.site import Site
from gigawatt.scenario.workload import Workload

SECTIONS = (
    "site",
    "compute",
    "network",
    "storage",
    "facility",
    "power",
    "finance",
    "schedule",
    "workload",
    "reliability",
)


class Scenario(BaseModel):
    """A gigawatt campus scenario (YAML or TOML)."""

    model_config = ConfigDict(
        extra="forbid", validate_default=True, json_schema_extra={"title": "gigawatt scenario"}
    )

    description: str = Field("", description="Free text describing the scenario.")
    catalog: list[str] = Field(
        [],
        description="Extra catalog files (paths relative to the scenario file), validated "
        "like the built-in catalog; their entries add to or replace built-in ids.",
    )
    site: Site = Field(default_factory=Site)
    compute: Compute
    network: Network = Field(default_factory=Network)
    storage: Storage = Field(default_factory=Storage)
    facility: Facility = Field(default_factory=Facility)
    power: Power = Field(default_factory=Power)
    finance: Finance = Field(default_factory=Finance)
    schedule: Schedule = Field(default_factory=Schedule)
    workload: Workload = Field(default_factory=Workload)
    reliability: Reliability = Field(default_factory=Reliability)
    overrides: dict[str, num()] = Field(
        {},
        description="What-if overrides of any modelled quantity by name (`gigawatt explain` "
        "lists the names), e.g. {system_price_usd: 2.5e6}. A number or a distribution.",
    )


def json_schema() -> dict[str, Any]:
    """JSON Schema of the scenario, for editors."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema

"""Scenario schema (pydantic v2) and reading it from YAML or TOML."""

from gigawatt.scenario.distributions import central, is_distribution
from gigawatt.scenario.io import load_scenario, validate_document
from gigawatt.scenario.model import SECTIONS, Scenario, json_schema

__all__ = [
    "SECTIONS",
    "Scenario",
    "central",
    "is_distribution",
    "json_schema",
    "load_scenario",
    "validate_document",
]

"""Scenario schema: every field bounded and described; bad input names the field."""

import pytest

from conftest import write
from gigawatt.errors import GigawattInputError
from gigawatt.scenario import Scenario, json_schema, load_scenario
from gigawatt.scenario.distributions import Lognormal, Normal, Triangular, Uniform
from gigawatt.scenario.io import apply_sets, validate_document

MIN = {"compute": {"system": "h100-sxm-hgx", "gpu_count": 8}}


def problems(data) -> list[str]:
    with pytest.raises(GigawattInputError) as exc:
        validate_document(data)
    return [str(p) for p in exc.value.problems]


def test_only_compute_is_required():
    s = validate_document(MIN)
    assert s.power.grid_price_usd_per_mwh == 62.0  # MLGW industrial rate (REP, 2024)
    assert problems({})[0].startswith("compute: required field is missing")


def test_fixed_field_names_exist():
    """Names other tools rely on (issue #2)."""
    s = validate_document(MIN)
    for path in (
        "compute.system",
        "compute.gpu_count",
        "network.gbps_per_gpu",
        "site.power_cap_mw",
        "finance.budget_usd",
        "finance.wacc_frac",
        "power.grid_mw",
        "power.grid_price_usd_per_mwh",
    ):
        section, field = path.split(".")
        assert field in type(getattr(s, section)).model_fields, path


def test_every_field_is_described_with_a_unit_and_bounded():
    schema = json_schema()
    for name, sec in schema["$defs"].items():
        for field, spec in sec.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
            if "unit" in spec:
                options = spec.get("anyOf", [])
                numeric = [o for o in options if o.get("type") in ("number", "integer")]
                assert numeric, f"{name}.{field}"
                bounds = {"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}
                assert bounds & set(numeric[0]), f"{name}.{field} has no bounds"
                assert f"[{spec['unit']}]" in spec["description"]


def test_unknown_keys_wrong_types_and_bounds_are_all_reported_with_paths():
    errs = problems(
        {
            "compute": {"system": "x", "gpu_count": -5, "gpus": 3},
            "power": {"grid_mw": "lots"},
            "sitee": {},
        }
    )
    text = "\n".join(errs)
    assert "compute.gpu_count = -5: must be >= 1" in text
    assert "compute.gpus: unknown key" in text
    assert "power.grid_mw = 'lots': must be a number" in text
    assert "sitee: unknown key" in text
    assert len(errs) == 4


def test_booleans_are_not_numbers_and_integers_must_be_whole():
    assert (
        "must be a number, not a boolean"
        in problems({"compute": {"system": "x", "gpu_count": True}})[0]
    )
    assert "whole number" in problems({"compute": {"system": "x", "gpu_count": 10.5}})[0]


@pytest.mark.parametrize(
    ("spec", "central", "kind"),
    [
        ({"dist": "triangular", "low": 1, "mode": 2, "high": 4}, 2, Triangular),
        ({"dist": "uniform", "low": 1, "high": 3}, 2, Uniform),
        ({"dist": "normal", "mean": 5, "sd": 1}, 5, Normal),
        ({"dist": "lognormal", "median": 7, "sigma": 0.2}, 7, Lognormal),
    ],
)
def test_any_numeric_field_takes_a_distribution(spec, central, kind):
    s = validate_document(
        {"compute": {"system": "x", "gpu_count": 8}, "power": {"grid_price_usd_per_mwh": spec}}
    )
    value = s.power.grid_price_usd_per_mwh
    assert isinstance(value, kind)
    assert value.central == central


def test_distribution_outside_bounds_or_malformed_is_rejected():
    assert (
        "within >= 0"
        in problems(
            {
                "compute": {"system": "x", "gpu_count": 8},
                "power": {"grid_mw": {"dist": "uniform", "low": -1, "high": 3}},
            }
        )[0]
    )
    assert (
        "bad distribution"
        in problems(
            {"compute": {"system": "x", "gpu_count": 8}, "power": {"grid_mw": {"dist": "cauchy"}}}
        )[0]
    )
    assert (
        "low <= mode <= high"
        in problems(
            {
                "compute": {"system": "x", "gpu_count": 8},
                "power": {"grid_mw": {"dist": "triangular", "low": 3, "mode": 1, "high": 4}},
            }
        )[0]
    )


def test_yaml_12_scalars(tmp_path):
    """`1e6` is a number and `OFF`/`no` stay strings (PyYAML's YAML 1.1 gets both wrong)."""
    p = write(tmp_path, "compute: {system: h100-sxm-hgx, gpu_count: 1e5}\nsite: {name: no}\n")
    s = load_scenario(p)
    assert s.compute.gpu_count == 100_000
    assert s.site.name == "no"


def test_toml_is_read(tmp_path):
    p = write(tmp_path, '[compute]\nsystem = "h100-sxm-hgx"\ngpu_count = 1024\n', "s.toml")
    assert load_scenario(p).compute.gpu_count == 1024


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("compute: [1, 2\n", "malformed YAML at line"),
        ("- a\n- b\n", "must hold a mapping"),
        ("compute: {system: x, gpu_count: 8}\n\tbad: 1\n", "malformed YAML"),
    ],
)
def test_malformed_files(tmp_path, text, message):
    with pytest.raises(GigawattInputError, match=message):
        load_scenario(write(tmp_path, text))


def test_missing_file():
    with pytest.raises(GigawattInputError, match="file not found"):
        load_scenario("/nonexistent/scenario.yaml")


def test_set_overrides_parse_yaml_scalars_and_null_empties():
    data = apply_sets(
        {"compute": {"system": "x", "gpu_count": 8}},
        ["compute.gpu_count=null", "site.power_cap_mw=1.2e3", "site.name=Memphis"],
    )
    assert data["compute"]["gpu_count"] is None
    assert data["site"] == {"power_cap_mw": 1200.0, "name": "Memphis"}
    with pytest.raises(GigawattInputError, match=r"expected section\.field=value"):
        apply_sets({}, ["compute.gpu_count"])


def test_phases_must_be_in_order():
    errs = problems(
        {
            "compute": {"system": "x"},
            "schedule": {
                "phases": [
                    {"date": "2026-01-01", "gpu_count": 10},
                    {"date": "2025-01-01", "gpu_count": 20},
                ]
            },
        }
    )
    assert errs[0].startswith("schedule.phases")


def test_scenario_round_trips_through_json():
    s = validate_document(MIN | {"power": {"grid_mw": {"dist": "uniform", "low": 1, "high": 2}}})
    again = Scenario.model_validate(s.model_dump(mode="json"))
    assert again == s

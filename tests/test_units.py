"""Every quantity carries its unit in its name (docs/nomenclature.md)."""

import pytest

from gigawatt.catalog import builtin
from gigawatt.catalog.schema import KINDS, Entry
from gigawatt.graph import default_graph
from gigawatt.units import has_unit, unit_of


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("facility_power_mw", "MW"),
        ("cost_usd_per_gpu_hour", "USD/GPU-h"),
        ("peak_bf16_flop_per_s", "FLOP/s"),
        ("staff_fte_per_mw", "FTE/MW"),
        ("co2_t_per_year", "t/yr"),
        ("gpu_count", "count"),
        ("pue", "1"),
        ("it_maintenance_frac_per_year", "1/yr"),
        ("nic_gbps_per_gpu", "Gb/s/GPU"),
    ],
)
def test_unit_of_reads_the_suffix(name, unit):
    assert unit_of(name) == unit


def test_name_without_unit_is_rejected():
    with pytest.raises(ValueError, match="no unit suffix"):
        unit_of("facility_power")


def test_every_graph_quantity_has_a_unit():
    g = default_graph()
    missing = [n for n in [*g.nodes, *g.free_inputs] if not has_unit(n)]
    assert missing == []


def test_every_numeric_catalog_field_has_a_unit():
    """A numeric catalog field without a unit suffix would silently never reach the graph."""
    bad = []
    for kind, model in KINDS.items():
        if kind == "model":  # a model's shape enters the graph whole, as `model_spec`
            continue
        for field, info in model.model_fields.items():
            if field in Entry.model_fields:
                continue
            ann = str(info.annotation)
            if (
                ("float" in ann or "int" in ann)
                and not has_unit(field)
                and field != "available_year"
            ):
                bad.append(f"{kind}.{field}")
    assert bad == []
    assert builtin().ids("system")


def test_nomenclature_page_is_up_to_date(root):
    """docs/nomenclature.md is generated from the graph; regenerate it when names change."""
    from gigawatt.nomenclature import markdown

    assert (root / "docs" / "nomenclature.md").read_text() == markdown(), (
        "run: python -m gigawatt.nomenclature > docs/nomenclature.md"
    )

"""Catalog: required products, provenance on every entry, user catalog files validated."""

import pytest

from conftest import write
from gigawatt.catalog import builtin, load_catalog
from gigawatt.catalog.schema import KINDS
from gigawatt.errors import GigawattInputError

REQUIRED = {
    "system": [
        "a100-80gb-dgx",
        "h100-sxm-hgx",
        "h800-sxm-hgx",
        "h200-sxm-hgx",
        "b200-hgx",
        "gb200-nvl72",
        "gb300-nvl72",
        "mi300x-oam",
        "mi355x-oam",
    ],
    "switch": [
        "spectrum4-sn5600",
        "quantum2-qm9700",
        "quantum-x800-q3400",
        "tomahawk5",
        "tomahawk6",
    ],
    "model": [
        "gpt3-175b",
        "llama3-70b",
        "llama3-405b",
        "deepseek-v3",
        "nemotron4-340b",
        "bloom-176b",
    ],
}


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_required_ids_exist(kind):
    assert set(REQUIRED[kind]) <= set(builtin().ids(kind))


def test_every_kind_has_entries_with_provenance():
    cat = builtin()
    for kind in KINDS:
        assert cat.ids(kind), kind
        for e in cat.entries[kind].values():
            assert e.source and e.year and e.confidence, (kind, e.id)
            if e.confidence == "OWN" or "OWN" in {f.confidence for f in e.field_sources.values()}:
                assert e.notes or e.field_sources, f"{e.id}: OWN estimates need reasoning"


def test_published_accelerator_figures():
    """accelerators.md §1 (stas00/ml-engineering @744d01e, [V])."""
    cat = builtin()
    h100 = cat.get("system", "h100-sxm-hgx")
    assert h100.gpu_bf16_flop_per_s == 989e12
    assert h100.gpu_fp8_flop_per_s == 1979e12
    assert h100.gpu_fp4_flop_per_s is None
    assert h100.system_power_w == 10_200  # DGX H100 max (OFF, NVIDIA user guide)
    gb300 = cat.get("system", "gb300-nvl72")
    assert (gb300.gpus_per_system, gb300.gpu_hbm_gb, gb300.gpu_fp4_flop_per_s) == (72, 288, 15e15)
    assert cat.get("switch", "quantum2-qm9700").max_subnet_endpoint_count == 48_895


def test_unknown_id_suggests_near_ids():
    with pytest.raises(GigawattInputError, match="did you mean h100-sxm-hgx"):
        builtin().get("system", "h100-sxm-hgxx", "compute.system")


def test_user_catalog_file_adds_entries_and_is_validated(tmp_path):
    write(
        tmp_path,
        """
catalog_version: "my-1"
kind: turbine
entries:
  - id: my-turbine
    name: My turbine
    vendor: Acme
    turbine_class: aeroderivative
    turbine_mw: 40
    turbine_heat_rate_mmbtu_per_mwh: 9.5
    turbine_capex_usd_per_kw: 1500
    turbine_fom_usd_per_kw_year: 35
    turbine_vom_usd_per_mwh: 8
    turbine_lead_time_months: 18
    turbine_min_load_frac: 0.3
    turbine_forced_outage_frac: 0.04
    turbine_maintenance_h_per_year: 130
    turbine_derate_frac_per_c: 0.01
    turbine_fuel: gas
    source: vendor quote
    year: 2026
    confidence: OFF
""",
        "mine.yaml",
    )
    cat = load_catalog(["mine.yaml"], tmp_path)
    assert cat.get("turbine", "my-turbine").turbine_mw == 40
    assert "h100-sxm-hgx" in cat.ids("system")
    write(
        tmp_path,
        "catalog_version: x\nkind: turbine\nentries:\n  - id: t\n    name: t\n    turbine_mw: -1\n",
        "bad.yaml",
    )
    with pytest.raises(GigawattInputError) as exc:
        load_catalog(["bad.yaml"], tmp_path)
    text = exc.value.message()
    assert "entries[t].turbine_mw = -1" in text
    assert "entries[t].source: required field is missing" in text


def test_catalog_cache_round_trips_and_can_be_turned_off(tmp_path, monkeypatch):
    """The validated catalog is cached by content; the cached copy equals a fresh read."""
    import gigawatt.catalog as catalog_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    catalog_module.builtin.cache_clear()
    fresh = catalog_module.builtin()  # validates the YAML and writes the cache
    assert list((tmp_path / "gigawatt").glob("catalog-*.pickle"))
    catalog_module.builtin.cache_clear()
    cached = catalog_module.builtin()  # reads the pickle
    assert cached.entries == fresh.entries and cached.versions == fresh.versions
    monkeypatch.setenv("GIGAWATT_NO_CACHE", "1")
    assert catalog_module._cache_path([]) is None
    catalog_module.builtin.cache_clear()

"""The energy fast path on large arrays (docs/energy.md, "Arrays"): the switch at
`EXACT_SAMPLES_MAX`, bounded memory, exact sums and peaks where the structure allows, and the
stated tolerances against the exact 8,760-hour dispatch on random samples."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.campus import Campus
from gigawatt.energy import hours
from gigawatt.energy.climate import HOURS, climate_spec, solar_profile_frac
from gigawatt.energy.fastpath import expected_committed_units
from gigawatt.energy.hours import (
    Features,
    HourlyAffine,
    hour_classes,
    pareto_front,
    positive_part_sum,
    uniform_positive_part,
)
from gigawatt.errors import GigawattInputError
from gigawatt.scenario import load_scenario

# Stated tolerances of the fast path (docs/energy.md); measured maxima over 1,000 random samples
# of six configurations: 2.2e-4, 1.0e-2, 6.9e-3 and 1e-13 (benchmarks/energy_fastpath_error.py).
ENERGY_OF_LOAD = 5e-4  # energy by source and unserved energy, of the annual facility energy
FUEL_REL = 0.015  # fuel where gas supplies >= 20 % of the energy
FUEL_OF_ALL_GAS = 0.01  # otherwise, of the fuel the whole load would burn on gas
CO2_REL = 0.01
EXACT_REL = 1e-9  # demand charges and the peak load: exact up to rounding

TARGETS = [
    "grid_energy_mwh_per_year",
    "gas_energy_mwh_per_year",
    "solar_energy_mwh_per_year",
    "backup_energy_mwh_per_year",
    "unserved_mwh_per_year",
    "fuel_mmbtu_per_year",
    "co2_t_per_year",
    "grid_demand_cost_usd_per_year",
    "peak_facility_hourly_mw",
    "facility_energy_mwh_per_year",
    "turbine_heat_rate_mmbtu_per_mwh",
]


def _samples(n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "compute.gpu_count": rng.uniform(20_000, 1_000_000, n).round(),
        "power.gas_price_usd_per_mmbtu": rng.uniform(1.5, 9.0, n),
        "power.grid_price_usd_per_mwh": rng.uniform(30, 120, n),
    }


def _fast_and_exact(campus, arrays, monkeypatch):
    monkeypatch.setattr(hours, "EXACT_SAMPLES_MAX", 8)
    fast = campus.evaluate(arrays, targets=TARGETS, use_memo=False)
    assert isinstance(fast["facility_load_hourly_mw"], HourlyAffine)
    monkeypatch.setattr(hours, "EXACT_SAMPLES_MAX", 10**6)
    exact = campus.evaluate(arrays, targets=TARGETS, use_memo=False)
    assert np.shape(exact["facility_load_hourly_mw"]) == (len(arrays["compute.gpu_count"]), HOURS)
    return fast, exact


@pytest.mark.parametrize(
    "example, sets, short",
    [
        ("colossus1", ["power.solar_mw=200", "power.backup_mw=20",
                       "power.grid_demand_charge_usd_per_kw_month=15"], False),
        ("colossus2", [], True),
    ],
)  # fmt: skip
def test_fast_path_within_stated_tolerances_of_the_exact_dispatch(
    root, example, sets, short, monkeypatch
):
    campus = Campus(load_scenario(root / "examples" / f"{example}.yaml", sets))
    arrays = _samples(64)
    if short:  # turbines of 30-110 % of the peak: some load unserved
        peak = campus.evaluate(arrays, targets=["facility_power_mw"])["facility_power_mw"]
        arrays["turbine_capacity_mw"] = peak * np.random.default_rng(1).uniform(0.3, 1.1, 64)
    fast, exact = _fast_and_exact(campus, arrays, monkeypatch)
    load = exact["facility_energy_mwh_per_year"]
    for k in TARGETS[:5]:
        assert np.all(np.abs(fast[k] - exact[k]) <= ENERGY_OF_LOAD * load), k
    if short:
        assert np.any(exact["unserved_mwh_per_year"] > 0.01 * load)
    gas = exact["gas_energy_mwh_per_year"] >= 0.2 * load
    err = np.abs(fast["fuel_mmbtu_per_year"] - exact["fuel_mmbtu_per_year"])
    all_gas = load * exact["turbine_heat_rate_mmbtu_per_mwh"]
    assert np.all(err[gas] <= FUEL_REL * exact["fuel_mmbtu_per_year"][gas])
    assert np.all(err[~gas] <= FUEL_OF_ALL_GAS * all_gas[~gas])
    assert fast["co2_t_per_year"] == pytest.approx(exact["co2_t_per_year"], rel=CO2_REL)
    for k in ("grid_demand_cost_usd_per_year", "peak_facility_hourly_mw"):
        assert fast[k] == pytest.approx(exact[k], rel=EXACT_REL, abs=1e-6), k
    # energy balance closes exactly on the fast path too
    total = sum(fast[k] for k in TARGETS[:5])
    assert total == pytest.approx(fast["facility_energy_mwh_per_year"], rel=1e-12)


def test_threshold_switches_from_hourly_arrays_to_hourly_affine(root, monkeypatch):
    monkeypatch.setattr(hours, "EXACT_SAMPLES_MAX", 4)
    campus = Campus.from_file(root / "examples" / "colossus1.yaml")
    small = campus.evaluate({"compute.gpu_count": np.full(4, 1e5)}, ["facility_load_hourly_mw"])
    assert np.shape(small["facility_load_hourly_mw"]) == (4, HOURS)
    large = campus.evaluate({"compute.gpu_count": np.full(5, 1e5)}, ["facility_load_hourly_mw"])
    load = large["facility_load_hourly_mw"]
    assert isinstance(load, HourlyAffine)
    # the compact form holds the same hours
    assert load.hours()[0] == pytest.approx(small["facility_load_hourly_mw"][0], rel=1e-12)


def test_memory_stays_bounded_for_many_samples(root):
    """20,000 samples x 8,760 hours would need 1.4 GB per hourly array."""
    campus = Campus.from_file(root / "examples" / "colossus2.yaml")
    arrays = _samples(20_000)
    campus.evaluate(_samples(300), targets=TARGETS)  # warm caches (classes, fronts)
    tracemalloc.start()
    try:
        v = campus.evaluate(arrays, targets=TARGETS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 250e6
    assert np.all(np.isfinite(v["fuel_mmbtu_per_year"]))


def test_sampled_cooling_plant_parameters_beyond_the_threshold_are_refused(root):
    campus = Campus.from_file(root / "examples" / "colossus2.yaml")
    supply = np.linspace(25.0, 35.0, hours.EXACT_SAMPLES_MAX + 1)
    with pytest.raises(GigawattInputError, match=r"facility\.cooling"):
        campus.evaluate({"economizer_supply_c": supply}, targets=["cooling_power_hourly_mw"])


@pytest.fixture(scope="module")
def duty_profiles():
    c = climate_spec("memphis-tn")
    dl = np.clip((c.dry_bulb_c + 6 - 32) / 10, 0, 1)
    da = np.clip((c.wet_bulb_c + 6 - 18) / 6.7, 0, 1)
    return c, dl, da


@settings(max_examples=25, deadline=None)
@given(
    base=st.floats(-500, 500),
    c1=st.floats(-300, 300),
    c2=st.floats(-300, 300),
)
def test_hourly_affine_totals_and_peaks_equal_the_materialised_hours(duty_profiles, base, c1, c2):
    _, dl, da = duty_profiles
    h = HourlyAffine(np.array([base, base + 1]), (np.array([c1, -c1]), np.array([c2, c2])),
                     (dl, da))  # fmt: skip
    full = h.hours()
    assert h.total() == pytest.approx(full.sum(axis=1), rel=1e-12, abs=1e-6)
    assert h.peak() == pytest.approx(full.max(axis=1), rel=1e-12, abs=1e-9)


def test_pareto_front_holds_every_maximiser_of_a_positive_combination():
    rng = np.random.default_rng(3)
    pts = rng.normal(size=(400, 3))
    front = pareto_front(pts)
    for w in rng.uniform(0, 1, size=(50, 3)):
        assert (pts @ w).max() == pytest.approx((pts[front] @ w).max(), rel=1e-15)


def test_positive_part_sums_are_exact_when_one_sign_holds_all_year(duty_profiles):
    """Load 1,000 + 80·duty MW against a flat 900 MW source (always short: linear sum) and a
    flat 1,200 MW one (never short: zero); a 1,040 MW source straddles and is close."""
    c, dl, da = duty_profiles
    feats = Features((dl, da), hour_classes(c))
    load = 1000 + 80 * dl + 40 * da
    cap = np.array([900.0, 1200.0, 1040.0])
    got = positive_part_sum(feats, 1000 - cap, np.tile([80.0, 40.0], (3, 1)))
    want = np.maximum(load[None] - cap[:, None], 0).sum(axis=1)
    assert got[:2] == pytest.approx(want[:2], rel=1e-12, abs=1e-9)
    assert got[2] == pytest.approx(want[2], rel=0.02)


def test_uniform_spread_formulas_against_brute_force():
    z = np.linspace(-1.0, 1.0, 200_001)  # uniform on [-1, 1] around 0.3: shift by the mean
    assert float(uniform_positive_part(0.3, 1.0)) == pytest.approx(
        np.maximum(z + 0.3, 0).mean(), rel=1e-4
    )
    y = np.linspace(2.3 - 0.9, 2.3 + 0.9, 200_001)  # units 2, 3 and (above 3) the cap 3.6
    assert float(expected_committed_units(2.3, 0.9, 3.6)) == pytest.approx(
        np.minimum(np.ceil(y), 3.6).mean(), rel=1e-4
    )


def test_hour_classes_cover_every_hour_once_and_respect_months():
    c = climate_spec("memphis-tn")
    sun = solar_profile_frac(c, 0.2)
    for by_hour in (True, False):
        k = hour_classes(c, sun, by_hour_of_day=by_hour)
        assert k.weights.sum() == HOURS
        assert np.bincount(k.labels).tolist() == k.weights.astype(int).tolist()
        from gigawatt.energy.climate import MONTH_OF_HOUR

        assert np.all(k.month[k.labels] == MONTH_OF_HOUR)

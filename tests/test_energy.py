"""Energy supply: climate, cooling against published plant figures, the fast dispatch, the LP
(hand-solved case, agreement with the fast path, infeasibility named), properties, CLI."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write
from gigawatt.campus import Campus
from gigawatt.cli import app
from gigawatt.energy import climate, lp
from gigawatt.energy import supply_problem as sp
from gigawatt.energy.dispatch import merit_order_dispatch
from gigawatt.errors import GigawattInputError
from gigawatt.scenario.io import validate_document

BASE = {"compute": {"system": "gb200-nvl72", "gpu_count": 72_000}}


def campus(**power):
    doc = {**BASE, "power": power} if power else dict(BASE)
    return Campus(validate_document(doc))


# -- climate ---------------------------------------------------------------------------------


def test_stull_wet_bulb_published_point():
    """Stull (2011), doi:10.1175/JAMC-D-11-0143.1: T = 20 °C, RH = 50 % -> Tw = 13.7 °C."""
    assert climate.wet_bulb_c(20.0, 0.5) == pytest.approx(13.7, abs=0.05)


def test_typical_year_reproduces_the_normals():
    """Monthly means of the hourly year match Tmax − mean(ASHRAE fraction) · (Tmax − Tmin)
    of the shipped normals within 1 °C (interpolation between mid-month anchors flattens the
    peaks slightly, up to ~1 °C; ASHRAE's profile puts the daily mean below the mid-range)."""
    for site in climate.site_ids():
        rec = climate.site_normals(site)
        c = climate.climate_spec(site)
        tmax, tmin = np.array(rec["tmax_f"]), np.array(rec["tmin_f"])
        mean = tmax - climate.DAILY_RANGE_FRAC.mean() * (tmax - tmin)
        want = (mean - 32) / 1.8
        got = np.array([c.dry_bulb_c[m == climate.MONTH_OF_HOUR].mean() for m in range(12)])
        assert np.max(np.abs(got - want)) < 1.0, site
        assert np.all(c.wet_bulb_c <= c.dry_bulb_c + 1e-9)


def test_weather_file_csv_and_bad_files(tmp_path):
    rows = ["dry_bulb_c,dew_point_c"] + ["25.0,20.0"] * 8760
    p = write(tmp_path, "\n".join(rows), "w.csv")
    c = climate.climate_spec(str(p))
    assert c.wet_bulb_c[0] == pytest.approx(
        climate.wet_bulb_c(25.0, climate.relative_humidity_frac(25, 20))
    )
    short = write(tmp_path, "\n".join(rows[:100]), "short.csv")
    with pytest.raises(GigawattInputError, match=r"8,760"):
        climate.climate_spec(str(short))
    with pytest.raises(GigawattInputError, match=r"site\.climate"):
        climate.climate_spec("atlantis")


# -- cooling against published figures ------------------------------------------------------


def test_liquid_cooled_hall_pue_in_published_range():
    """New liquid-cooled AI halls: PUE 1.05-1.15, central 1.10 (WEAK compilation, reference
    power-cooling-energy.md §1); Google fleet 1.10 (OFF). Our DLC + economiser plant in the
    five climates, with the 7 % power-chain loss, lands in 1.08-1.20."""
    for site in climate.site_ids():
        v = Campus(validate_document({**BASE, "site": {"climate": site}})).plan()
        assert 1.08 <= v["pue_annual"] <= 1.20, (site, v["pue_annual"])


def test_legacy_air_chiller_pue_near_industry_average():
    """Industry average PUE 1.57 (Uptime 2021, reference §1): a legacy air-cooled chiller hall
    with double-conversion UPS lands within 1.45-1.70."""
    doc = {
        "compute": {"system": "h100-sxm-hgx", "gpu_count": 8_000},
        "facility": {"cooling": "air-chiller", "air_cooling": "air-chiller", "ups_eff_frac": 0.94},
        "overrides": {"liquid_cooled_frac": 0.0},
    }
    v = Campus(validate_document(doc)).plan()
    assert 1.45 <= v["pue_annual"] <= 1.70


def test_tower_water_use_matches_us_average():
    """US data centres use ~1.8 L of site water per kWh (LBNL 2016); an evaporative-tower plant
    gives WUE 1.6-2.1 L/kWh of IT energy. A dry-cooler plant with dry air-side cooling uses
    none (Microsoft's zero-evaporation designs, OFF)."""
    doc = {**BASE, "facility": {"cooling": "evaporative-tower", "air_cooling": "evaporative-tower"}}
    v = Campus(validate_document(doc)).plan()
    wue = v["water_m3_per_year"] * 1000 / (v["it_power_avg_mw"] * 8760 * 1000)
    assert 1.6 <= wue <= 2.1
    dry = {**BASE, "facility": {"cooling": "dlc-dry-cooler", "air_cooling": "air-chiller"}}
    assert Campus(validate_document(dry)).plan()["water_m3_per_year"] == 0


def test_warm_climate_needs_more_compressor_than_cold():
    hot = Campus(validate_document({**BASE, "site": {"climate": "abilene-tx"}})).plan()
    cold = Campus(validate_document({**BASE, "site": {"climate": "mount-pleasant-wi"}})).plan()
    assert hot["chiller_duty_annual_frac"] > cold["chiller_duty_annual_frac"]
    assert hot["turbine_derate_peak_frac"] < cold["turbine_derate_peak_frac"]


# -- fast path ---------------------------------------------------------------------------------


def test_merit_order_by_hand():
    """Load 100 MW; grid 80 MW at $62, gas 60 MW at $46: gas first (60), grid the rest (40)."""
    d, u = merit_order_dispatch([[100.0, 30.0]], [[[80.0, 80.0]], [[60.0, 60.0]]], [[62.0], [46.0]])
    assert d[:, 0, 0].tolist() == [40.0, 60.0] and d[:, 0, 1].tolist() == [0.0, 30.0]
    assert u.sum() == 0


def test_hourly_balance_closes_and_cooling_mean_is_exact():
    v = campus(grid_mw=100).evaluate()
    spec = v["energy_balance_spec"]
    served = sum(spec.energy_mwh.values()) + spec.unserved_mwh
    assert served == pytest.approx(np.sum(v["facility_load_hourly_mw"]), rel=1e-12)
    assert np.mean(v["cooling_power_hourly_mw"]) == pytest.approx(v["cooling_power_avg_mw"])
    assert v["facility_energy_mwh_per_year"] == pytest.approx(served, rel=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 10.0), st.floats(1.0, 10.0))
def test_higher_gas_price_never_raises_gas_share(p1, p2):
    c = campus(grid_mw=60)
    lo, hi = sorted((p1, p2))
    a = c.evaluate({"gas_price_usd_per_mmbtu": lo})["gas_energy_mwh_per_year"]
    b = c.evaluate({"gas_price_usd_per_mmbtu": hi})["gas_energy_mwh_per_year"]
    assert b <= a + 1e-6


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 200), st.floats(0, 200))
def test_more_grid_never_raises_energy_cost(g1, g2):
    """With on-site capacity fixed, more grid import capacity only adds options."""
    c = campus(grid_mw=0)
    base = c.evaluate()
    lo, hi = sorted((g1, g2))
    fixed = {
        "turbine_capacity_mw": base["turbine_capacity_mw"],
        "turbine_count": base["turbine_count"],
    }
    cost = []
    for g in (lo, hi):
        v = c.evaluate({**fixed, "power.grid_mw": g})
        cost.append(v["grid_energy_cost_usd_per_year"] + v["fuel_cost_usd_per_year"]
                    + v["generation_om_usd_per_year"])  # fmt: skip
    assert cost[1] <= cost[0] * (1 + 1e-9)


def test_monte_carlo_arrays_match_scalar_runs():
    c = campus(grid_mw=50)
    prices = np.array([2.0, 4.28, 9.0])
    arr = c.evaluate({"gas_price_usd_per_mmbtu": prices})
    for i, p in enumerate(prices):
        one = c.evaluate({"gas_price_usd_per_mmbtu": p})
        for q in ("gas_energy_mwh_per_year", "fuel_mmbtu_per_year", "lcoe_usd_per_mwh"):
            assert arr[q][i] == pytest.approx(one[q], rel=1e-9), q


# -- the LP ------------------------------------------------------------------------------------


def _small_problem(hours=48, **kw):
    load = np.full(hours, 100.0)
    unit = sp.Unit("gt", 10.0, 300_000.0, 40.0, 9.0, 0.0, 0.48, np.ones(hours), 1.0,
                   fuel_price_usd_per_mmbtu=4.0, vom_usd_per_mwh=4.0)  # fmt: skip
    args = dict(
        load_mw=load, grid_mw=60.0, grid_price_usd_per_mwh=62.0, grid_co2_t_per_mwh=0.4,
        grid_firm_frac=1.0, grid_demand_charge_usd_per_kw_month=0.0, units=[unit],
        solar_max_mw=0.0, solar_capital_usd_per_mw_year=0.0, solar_profile_frac=np.zeros(hours),
        battery_capital_usd_per_mw_year=1e9, battery_max_hours=4.0, battery_rte_frac=0.9,
        battery_wear_usd_per_mwh=80.0, backup_mw=0.0, backup_marginal_usd_per_mwh=0.0,
        backup_co2_t_per_mwh=0.0, firm_requirement_mw=100.0, redundancy_count=1,
        weights=np.full(hours, 8760 / hours), hours=np.arange(hours),
    )  # fmt: skip
    args.update(kw)
    return sp.SupplyProblem(**args)


@pytest.mark.skipif(not __import__("gigawatt.energy.report").energy.report.optimiser_available(),
                    reason="energy extra not installed")  # fmt: skip
def test_lp_small_case_solved_by_hand():
    """Load 100 MW flat, grid 60 MW at $62, gas $40/MWh marginal at $300k/MW-yr (more than
    the grid per MWh all-in, so no more gas than firm capacity needs), N+1 of 10 MW
    units: firm needs 100 + 10 - 60 = 50 MW of gas. Gas (cheaper on the margin) runs at 50 MW
    all year and the grid serves the other 50 MW: cost = 50·300k + 50·8760·40 + 50·8760·62."""
    r = lp.solve(_small_problem())
    assert r.capacity_mw["gt"] == pytest.approx(50.0, rel=1e-4)
    assert r.energy_mwh["gt"] == pytest.approx(50 * 8760, rel=1e-4)
    assert r.energy_mwh["grid"] == pytest.approx(50 * 8760, rel=1e-4)
    assert r.cost_usd_per_year == pytest.approx(50 * 300_000 + 50 * 8760 * (40 + 62), rel=1e-4)
    assert any("firm capacity" in b for b in r.binding)
    # the fast path on the same capacities gives the same dispatch
    f = lp.dispatch_given(_small_problem(), r.capacity_mw)
    assert f.energy_mwh["gt"] == pytest.approx(r.energy_mwh["gt"], rel=1e-4)
    assert f.unserved_mwh == pytest.approx(0, abs=1e-3)


@pytest.mark.skipif(not __import__("gigawatt.energy.report").energy.report.optimiser_available(),
                    reason="energy extra not installed")  # fmt: skip
def test_fast_path_agrees_with_lp_on_a_campus():
    """Three classes, hourly load and derating: the fast merit order on the LP's capacities
    reproduces the LP's energy by source within 0.5 % of the load (the LP may idle a battery)."""
    c = Campus(validate_document({
        **BASE,
        "power": {"grid_mw": 30, "turbine": "ge-lm6000",
                  "turbine_options": ["f-class-sc", "wartsila-18v50sg"]},
    }))  # fmt: skip
    values = c.plan().values
    p = sp.supply_problem(c, values, days=12)
    r = lp.solve(p)
    f = lp.dispatch_given(p, r.capacity_mw)
    total = float(np.sum(p.weights * p.load_mw))
    for k, e in r.energy_mwh.items():
        if k != "battery":
            assert abs(f.energy_mwh.get(k, 0.0) - e) <= 0.005 * total, k
    assert f.unserved_mwh <= 1e-6 * total


def test_infeasible_firm_capacity_is_named_before_solving():
    """Island mode with at most 50 MW of turbines cannot carry a ~130 MW peak."""
    c = Campus(validate_document({**BASE, "power": {"island_mode": True, "turbine_max_mw": 50}}))
    values = c.plan().values
    with pytest.raises(GigawattInputError, match="firm capacity"):
        sp.precheck(sp.supply_problem(c, values))


def test_infeasible_co2_cap_is_named():
    c = Campus(validate_document({**BASE, "power": {"grid_mw": 0, "co2_cap_t_per_year": 1000}}))
    values = c.plan().values
    with pytest.raises(GigawattInputError, match="co2_cap_t_per_year"):
        sp.precheck(sp.supply_problem(c, values))


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_energy_json_and_tables(runner, tmp_path):
    p = write(tmp_path, "compute: {system: gb200-nvl72, gpu_count: 7200}\npower: {grid_mw: 5}\n")
    r = runner.invoke(
        app, ["energy", str(p), "--json", "--days", "6", "--out", str(tmp_path / "o")]
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    keys = {"capacity_mw", "energy_mwh_per_year", "lcoe_usd_per_mwh", "fuel_mmbtu_per_year",
            "co2_t_per_year", "water_m3_per_year", "pue_annual", "peak_facility_mw",
            "unserved_mwh", "binding_constraints"}  # fmt: skip
    assert keys <= set(doc)
    assert (tmp_path / "o" / "hourly.parquet").is_file()
    r = runner.invoke(app, ["energy", str(p), "--fast"])
    assert r.exit_code == 0 and "binding constraints" in r.output


def test_cli_energy_infeasible_exits_2(runner, tmp_path):
    p = write(tmp_path, "compute: {system: gb200-nvl72, gpu_count: 72000}\n"
              "power: {island_mode: true, turbine_max_mw: 50}\n")  # fmt: skip
    r = runner.invoke(app, ["energy", str(p), "--json"])
    assert r.exit_code == 2 and "firm capacity" in r.output
    bad = write(tmp_path, "compute: {system: gb200-nvl72, gpu_count: 72}\nsite: {climate: mars}\n",
                "bad.yaml")  # fmt: skip
    r = runner.invoke(app, ["energy", str(bad)])
    assert r.exit_code == 2 and "site.climate" in r.output


def test_the_solver_banner_stays_out_of_the_output():
    """HiGHS prints its banner on fd 1 at the first `Highs()` of a process, whatever its
    options (highspy 1.16): `lp._absorb_banner` takes it into /dev/null, so a later solver
    prints nothing (a process: the banner bypasses Python's sys.stdout)."""
    import subprocess
    import sys

    code = (
        "from gigawatt.energy.lp import _absorb_banner\n"
        "_absorb_banner()\n"
        "import highspy\n"
        "highspy.Highs()\n"
        "print('done')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "done\n" and "HiGHS" not in out.stderr
    bare = "import highspy\nhighspy.Highs()\n"
    shown = subprocess.run([sys.executable, "-c", bare], capture_output=True, text=True)
    assert "Running HiGHS" in shown.stdout  # what the absorption removes

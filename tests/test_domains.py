"""Domain functions against published or hand-derived values (citations inline)."""

import numpy as np
import numpy_financial as npf
import pytest

from gigawatt import compute, cooling, costs, energy, finance, power, training
from gigawatt.catalog import builtin


def test_dgx_h100_host_power():
    """DGX H100: 10.2 kW max (OFF) minus 8 x 700 W GPUs = 4.6 kW for the rest."""
    assert power.host_power_mw(1, 10_200, 8, 700, 0) == pytest.approx(4.6e-3)


def test_pue_and_distribution_chain():
    """acnewkirk power-chain defaults with a double-conversion UPS: 0.98·0.99·0.94·0.99·0.99."""
    eff = power.distribution_eff_frac(0.98, 0.99, 0.94, 0.99, 0.99)
    assert eff == pytest.approx(0.8939, abs=1e-4)
    assert power.distribution_loss_mw(100.0, eff) == pytest.approx(100 / eff - 100)
    assert power.pue(110.0, 100.0) == pytest.approx(1.10)


def test_chiller_compressor_power():
    """ASHRAE 90.1-2022: water-cooled ≥600 t chillers 0.560 kW/ton -> COP 3.517/0.560 = 6.28,
    so removing 1 kW of heat through the compressors costs 0.159 kW."""
    assert cooling.air_plant_kw_per_kw(0, 0, 0, 3.517 / 0.560, 1.0) == pytest.approx(0.560 / 3.517)
    assert cooling.liquid_plant_kw_per_kw(0.01, 0.02, 0.03, 0.0, 1.0) == pytest.approx(0.06)


def test_water_hand_computed():
    """100 MW of heat through towers at 1.8 L/kWh (LBNL 2016), all year: 1.577e6 m³."""
    assert cooling.water_m3_per_year(0.0, 100.0, 1.0, 0.0, 1.8) == pytest.approx(1.8 * 100 * 8760)


def test_turbines_n_plus_k_and_firm_capacity():
    need = energy.onsite_need_mw(1_050.0, 100.0)
    n = energy.turbine_count(need, 34.0, 1)  # LM2500XPRESS 34 MW (REP)
    assert n == 28 + 1  # ceil(950 / 34) = 28, plus one spare
    cap = energy.turbine_capacity_mw(n, 34.0)
    assert energy.firm_capacity_mw(100.0, cap, 34.0, 1) >= 1_050.0
    assert energy.turbine_count(0.0, 34.0, 1) == 0


def test_co2_of_gas():
    """EIA Electric Power Annual Table A.3: 117 lb CO2/MMBtu = 0.05307 t."""
    assert energy.co2_t_per_year(1e6, 117 * 0.45359237e-3, 0.0, 0.0) == pytest.approx(
        53_070, rel=1e-3
    )


def test_capital_recovery_factor_equals_numpy_financial():
    for r, n in [(0.08, 10), (0.09, 5), (0.12, 25), (0.001, 3)]:
        assert finance.capital_recovery_factor(r, n) == pytest.approx(
            -npf.pmt(r, n, 1.0), rel=1e-12
        )
    assert finance.capital_recovery_factor(0.0, 4) == 0.25
    arr = finance.capital_recovery_factor(np.array([0.0, 0.08]), np.array([4.0, 10.0]))
    assert arr == pytest.approx([0.25, -npf.pmt(0.08, 10, 1.0)])


def test_cost_per_gpu_hour_hand_computed():
    assert finance.cost_usd_per_gpu_hour(8.76e9, 100_000) == pytest.approx(10.0)


@pytest.mark.parametrize(
    "model_id",
    ["gpt3-175b", "llama3-70b", "llama3-405b", "deepseek-v3", "nemotron4-340b", "bloom-176b"],
)
def test_parameter_counts_match_the_published_sizes(model_id):
    """Counted from the published shapes; DeepSeek-V3's MLA is approximated as MHA."""
    m = builtin().get("model", model_id)
    assert training.param_count(m) == pytest.approx(m.published_param_count, rel=0.01)


def test_deepseek_v3_active_parameters():
    """DeepSeek-V3: 37B activated per token (arXiv 2412.19437); MHA stand-in for MLA adds ~5 %."""
    m = builtin().get("model", "deepseek-v3")
    assert training.active_param_count(m) == pytest.approx(37e9, rel=0.06)


def test_llama3_405b_training_compute():
    """Llama 3 405B: 3.8e25 FLOP on 15.6T tokens (arXiv 2407.21783 §3.2.1)."""
    m = builtin().get("model", "llama3-405b")
    flop = training.training_flop(training.active_param_count(m), 15.6e12)
    assert flop == pytest.approx(3.8e25, rel=0.01)


def test_compute_counts():
    assert compute.system_count(550_000, 72) == 7_639
    assert compute.system_count(100_000, 8) == 12_500
    assert compute.rack_count(12_500, 8) == 1_563  # Colossus 1: ">1,500 racks" (OFF, STH)


def test_facility_items_share_sum_to_one():
    from gigawatt.graph.constants import CONSTANTS

    shares = [v.value for k, v in CONSTANTS.items() if k.startswith("facility_")]
    assert sum(shares) == pytest.approx(1.0)
    assert costs.facility_item_capex_usd(1e9, 0.53) == pytest.approx(5.3e8)

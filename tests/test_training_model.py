"""The training step model's building blocks against published or hand-derived values."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigawatt.catalog import builtin
from gigawatt.catalog.schema import Model
from gigawatt.levels import Levels
from gigawatt.training import comm, memory
from gigawatt.training.efficiency import flash_efficiency, hardware_of, make_hardware
from gigawatt.training.shapes import dims, model_flop_per_token, recompute_flop_per_token


def gpt(layers=96, h=12288, heads=96, seq=2048, vocab=51200, **kw):
    """A Megatron GPT layer (MHA, GeLU MLP of 4h, learned positions, dropout)."""
    return Model(
        id="gpt",
        name="gpt",
        layers=layers,
        hidden_size=h,
        ffn_hidden_size=4 * h,
        attention_heads=heads,
        kv_heads=heads,
        seq_length=seq,
        vocab_size=vocab,
        gated_mlp=False,
        position_embedding="learned",
        dropout=True,
        source="test",
        year=2026,
        confidence="OWN",
        **kw,
    )


def hardware(system="h100-sxm-hgx"):
    return hardware_of(builtin().get("system", system))


def test_model_flops_equal_megatrons_closed_form():
    """Narayanan et al. SC'21 (arXiv 2104.04473) Eq. 3 without recompute:
    F = 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)) per iteration, for the GPT-3 175B shape."""
    d = dims(gpt())
    s, n, h, v = 2048, 96, 12288, 51200
    closed = 72 * s * n * h * h * (1 + s / (6 * h) + v / (12 * n * h))
    assert s * model_flop_per_token(d) == pytest.approx(closed, rel=1e-12)
    # SC'21's hardware count with full recompute: 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)).
    full = 96 * s * n * h * h * (1 + s / (6 * h) + v / (16 * n * h))
    hw_flop = s * (model_flop_per_token(d) + recompute_flop_per_token(d, "full"))
    assert hw_flop == pytest.approx(full, rel=1e-12)


def test_causal_count_halves_only_the_attention_scores():
    d = dims(gpt())
    scores = 3 * 2 * d.layers * d.seq * d.heads * (d.qk_dim + d.v_dim)
    assert model_flop_per_token(d) - model_flop_per_token(d, causal=True) == pytest.approx(
        scores / 2
    )


def test_llama3_405b_flops_per_token_is_6p_plus_attention():
    """PaLM App. B convention: 6·P + 12·l·h·s per token (P without the input embedding)."""
    m = builtin().get("model", "llama3-405b")
    d = dims(m)
    from gigawatt.training import param_count

    p = param_count(m) - d.vocab * d.hidden - d.layers * 2 * d.hidden - d.hidden  # no norms
    assert model_flop_per_token(d) == pytest.approx(
        6 * p + 12 * d.layers * d.hidden * d.seq, rel=1e-9
    )


class TestKorthikantiActivations:
    """Korthikanti et al. (arXiv 2205.05198) Table 2, bytes per layer, 16-bit activations."""

    s, b, h, a, t = 2048, 4, 6144, 64, 8

    def bytes_(self, mode, flash=False, sp=True):
        d = dims(gpt(layers=48, h=self.h, heads=self.a, seq=self.s))
        ab = memory.activation_bytes_per_token(d, "bf16", False, flash, mode)
        return memory.layer_activation_bytes(ab, self.b * self.s, self.s, self.t, sp)

    def test_tensor_and_sequence_parallel(self):
        s, b, h, a, t = self.s, self.b, self.h, self.a, self.t
        assert self.bytes_("none") == pytest.approx(s * b * h / t * (34 + 5 * a * s / h))

    def test_selective_recompute(self):
        s, b, h, t = self.s, self.b, self.h, self.t
        assert self.bytes_("selective") == pytest.approx(34 * s * b * h / t)

    def test_tensor_parallel_without_sequence_parallel(self):
        s, b, h, a, t = self.s, self.b, self.h, self.a, self.t
        expected = s * b * h * (10 + 24 / t + 5 * a * s / (h * t))
        assert self.bytes_("none", sp=False) == pytest.approx(expected)

    def test_full_recompute_keeps_the_layer_input(self):
        s, b, h = self.s, self.b, self.h
        assert self.bytes_("full", sp=False) == pytest.approx(2 * s * b * h)

    def test_flash_attention_drops_the_score_terms(self):
        s, b, h, t = self.s, self.b, self.h, self.t
        assert self.bytes_("none", flash=True) == pytest.approx(34 * s * b * h / t)


def test_interleaving_memory_factor():
    """Korthikanti s4.2.3: the first stage holds l·(1 + (p−1)/(p·v)) layers' activations."""
    assert memory.in_flight_layers(4, 16, 1, 64) == 4 * 16
    assert memory.in_flight_layers(4, 16, 2, 64) == pytest.approx(4 * 16 * (1 + 15 / 32))
    assert memory.in_flight_layers(4, 16, 1, 3) == 4 * 3  # fewer micro-batches than stages


def test_optimizer_state_by_zero_stage_matches_megatrons_table():
    """Megatron-Core distributed optimizer docs: bf16 params with fp32 grads take 18 B/param
    undistributed and 6 + 12/d with the distributed optimizer (ZeRO-1)."""
    p, d = 1e9, 64
    assert memory.static_bytes(p, 0.0, "bf16", 0, d, 1) == pytest.approx(18 * p)
    assert memory.static_bytes(p, 0.0, "bf16", 1, d, 1) == pytest.approx((6 + 12 / d) * p)
    assert memory.static_bytes(p, 0.0, "bf16", 2, d, 1) == pytest.approx((2 + 16 / d) * p)
    assert memory.static_bytes(p, 0.0, "bf16", 3, d, 1) == pytest.approx(18 / d * p)


def test_flash_efficiency_reproduces_the_benchmark_points():
    """FA3 on H100 (tritonbench PR #1267): causal forward 0.566 of peak at 2,048 tokens and
    0.692 at 8,192; backward 0.320 and 0.545 (the efficiency table's fit passes through)."""
    hw = hardware()
    assert flash_efficiency(hw, 2048, "fwd") == pytest.approx(0.566, abs=0.002)
    assert flash_efficiency(hw, 8192, "fwd") == pytest.approx(0.692, abs=0.002)
    assert flash_efficiency(hw, 2048, "bwd") == pytest.approx(0.320, abs=0.002)
    assert flash_efficiency(hw, 8192, "bwd") == pytest.approx(0.545, abs=0.002)


def test_missing_catalog_ceilings_use_the_table():
    """GB300's MAMF is not measured: GB200's 0.729/0.723 stand in (catalog notes)."""
    s = builtin().get("system", "gb300-nvl72")
    hw = make_hardware(s.architecture, 2.5e15, 5e15, 15e15, None, None, 288, 8000, 900, 72)
    assert hw.mamf_frac == {"bf16": 0.729, "fp8": 0.723, "fp4": 0.723}


def levels(sizes, gbps, lat_us):
    return Levels(
        names=tuple(f"l{i}" for i in range(len(sizes))),
        gpus=np.asarray(sizes, dtype=float),
        gb_per_s=np.asarray(gbps, dtype=float),
        latency_us=np.asarray(lat_us, dtype=float),
    )


NET = comm.net_from_levels(levels([8, 1024], [450.0, 50.0], [1.0, 2.0]), 0.82, 0.94)


def test_ring_inside_one_domain():
    """Ring reduce-scatter of S over k GPUs: (k−1)/k·S/B (Thakur et al. 2005), with
    min(k − 1, 2·ceil(log2 k)) latency steps (log-depth algorithms when shorter)."""
    size, k = 1e9, 8
    expected = (k - 1) / k * size / (450e9 * 0.82) + 6 * 1e-6
    assert comm.reduce_scatter_s(NET, size, k, 1) == pytest.approx(expected)


def test_hierarchical_reduce_scatter_across_domains():
    """64 members one GPU apart: 8 per domain reduce first (NVLink), then 8 domains over the
    scale-out fabric on S/8."""
    size = 1e9
    inner = 7 / 8 * size / (450e9 * 0.82) + 6 * 1e-6
    outer = 7 / 8 * (size / 8) / (50e9 * 0.94) + 6 * 2e-6  # log-depth: 2·ceil(log2 8) = 6 < 7
    assert comm.reduce_scatter_s(NET, size, 64, 1) == pytest.approx(inner + outer)


def test_strided_group_pays_the_scale_out_rate():
    """DP groups strided past the domain (TP = 8) have one member per domain."""
    size = 1e9
    expected = 7 / 8 * size / (50e9 * 0.94) + 6 * 2e-6
    assert comm.reduce_scatter_s(NET, size, 8, 8) == pytest.approx(expected)


def test_point_to_point_level():
    assert comm.p2p_s(NET, 1e8, 1) == pytest.approx(1e8 / (450e9 * 0.82) + 1e-6)
    assert comm.p2p_s(NET, 1e8, 8) == pytest.approx(1e8 / (50e9 * 0.94) + 2e-6)


def test_all_to_all_is_limited_by_the_traffic_leaving_the_domain():
    """EP 64 over 8 domains: 56/64 of every GPU's bytes cross the NICs."""
    size = 1e9
    expected = size * 56 / 64 / (50e9 * 0.94) + 2e-6
    assert comm.all_to_all_s(NET, size, 64) == pytest.approx(expected)
    assert comm.all_to_all_s(NET, size, 1) == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.floats(1e3, 1e11),
    st.floats(1.01, 4.0),
    st.sampled_from([2, 4, 8, 16, 64, 512]),
    st.sampled_from([1, 2, 8, 16]),
)
def test_collectives_grow_with_size_and_never_beat_the_fastest_link(size, factor, k, stride):
    small = comm.reduce_scatter_s(NET, size, k, stride)
    big = comm.reduce_scatter_s(NET, size * factor, k, stride)
    assert big > small
    assert small >= (k - 1) / k * size / (450e9 * 0.82) - 1e-15
    assert comm.all_reduce_s(NET, size, k, stride) == pytest.approx(2 * small)

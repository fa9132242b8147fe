"""Hardware rates and the efficiency table: what one GPU achieves on GEMMs, flash attention,
streaming kernels and links, from datasheet numbers plus `data/training_efficiency.yaml`.

Kernel times are rooflines: max(FLOPs / achieved FLOP/s, bytes / achieved HBM bandwidth),
plus a fixed launch overhead per kernel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data" / "training_efficiency.yaml"

BYTES = {"bf16": 2.0, "fp8": 1.0, "fp4": 0.5625}
"""Bytes per element of GEMM operands by recipe. NVFP4: 4-bit values plus one FP8 scale
per 16-element block = 0.5 + 1/16 B (NVIDIA, 'Pretraining LLMs with NVFP4', arXiv 2509.25149)."""


@dataclass(frozen=True)
class Table:
    """The efficiency table: per-architecture entries, common entries, stacks, calibrated."""

    version: str
    architectures: dict[str, dict[str, Any]]
    common: dict[str, Any]
    stacks: dict[str, dict[str, Any]]
    calibrated: dict[str, Any]

    def calibrated_value(self, name: str, architecture: str) -> float:
        """A calibrated parameter, per architecture where it is fitted per architecture."""
        value = self.calibrated[name]
        if isinstance(value, dict):
            value = value.get(architecture, value[value["default"]])
        return float(value)

    def arch(self, name: str) -> dict[str, Any]:
        if name not in self.architectures:
            raise KeyError(f"no efficiency entry for architecture {name!r}")
        return self.architectures[name]

    def stack(self, name: str) -> dict[str, Any]:
        if name not in self.stacks:
            raise KeyError(f"unknown software stack {name!r}; known: {', '.join(self.stacks)}")
        return self.stacks[name]


@lru_cache(maxsize=4)
def load_table(path: str | None = None) -> Table:
    """Read the efficiency table (cached)."""
    import yaml

    # libyaml's loader when present: the table has no YAML 1.1/1.2-ambiguous scalars.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(Path(path or DATA).read_text(encoding="utf-8"), Loader=loader)
    calibrated = {k: v for k, v in doc["calibrated"].items() if k != "sources"}
    return Table(doc["version"], doc["architectures"], doc["common"], doc["stacks"], calibrated)


@dataclass(frozen=True)
class Hardware:
    """Per-GPU rates of one accelerator (arrays allowed: one element per sample)."""

    architecture: str
    peak_flop_per_s: dict[str, Any]  # dense peak by precision [FLOP/s]
    mamf_frac: dict[str, Any]  # matmul ceiling / dense peak by precision [1]
    hbm_gb: Any
    hbm_gb_per_s: Any
    scaleup_gb_per_s: Any
    scaleup_domain_gpus: Any
    table: Table = field(repr=False)
    overrides: dict[str, float] = field(default_factory=dict, repr=False)

    def param(self, name: str) -> float:
        """An efficiency parameter: override, calibrated, common, or per-architecture entry."""
        if name in self.overrides:
            return self.overrides[name]
        if name in self.table.calibrated:
            return self.table.calibrated_value(name, self.architecture)
        if name in self.table.common:
            return self.table.common[name]
        return self.table.arch(self.architecture)[name]

    def stack(self, name: str) -> dict[str, Any]:
        """A software stack's settings; an empty entry takes the calibrated value."""
        st = dict(self.table.stack(name))
        for key, value in st.items():
            if value is None:
                st[key] = self.param(key)
        return st

    def gemm_flop_per_s(self, precision: str):
        """Achieved FLOP/s of a large training GEMM at `precision` [FLOP/s]."""
        return (
            np.asarray(self.peak_flop_per_s[precision])
            * self.mamf_frac[precision]
            * self.param("gemm_mamf_ratio")
        )

    @property
    def hbm_bytes_per_s(self):
        """Achieved streaming bandwidth [B/s]."""
        return np.asarray(self.hbm_gb_per_s) * 1e9 * self.param("hbm_stream_frac")

    @property
    def usable_hbm_bytes(self):
        """Memory a training process can fill [B]: marketed HBM sizes are binary gigabytes
        (nvidia-smi: H100 "80GB" = 81,559 MiB, A100 80GB = 81,920 MiB; modal-labs/modal-client
        PR #2797, 2025), less the table's reserve for context, workspaces and fragmentation."""
        return np.asarray(self.hbm_gb) * 2.0**30 * self.param("hbm_usable_frac")

    @property
    def kernel_overhead_s(self) -> float:
        return self.param("kernel_overhead_us") * 1e-6


def make_hardware(
    architecture: str,
    bf16_flop_per_s,
    fp8_flop_per_s,
    fp4_flop_per_s,
    mamf_bf16_frac,
    mamf_fp8_frac,
    hbm_gb,
    hbm_gb_per_s,
    scaleup_gb_per_s,
    scaleup_domain_gpus,
    overrides: dict[str, float] | None = None,
) -> Hardware:
    """Hardware from catalog numbers; a missing (0 or None) MAMF takes the table's value."""
    table = load_table()
    arch = table.arch(architecture)

    def mamf(value, key):
        fallback = arch[key]
        if value is None or np.all(np.asarray(value) == 0):
            return fallback
        return value

    bf16 = mamf(mamf_bf16_frac, "mamf_bf16_frac")
    fp8 = mamf(mamf_fp8_frac, "mamf_fp8_frac")
    fp8 = bf16 if fp8 is None else fp8
    fp4 = arch["mamf_fp4_frac"] or (fp8 if table.common["fp4_mamf_from_fp8"] else None)
    return Hardware(
        architecture=architecture,
        peak_flop_per_s={"bf16": bf16_flop_per_s, "fp8": fp8_flop_per_s, "fp4": fp4_flop_per_s},
        mamf_frac={"bf16": bf16, "fp8": fp8, "fp4": fp4},
        hbm_gb=hbm_gb,
        hbm_gb_per_s=hbm_gb_per_s,
        scaleup_gb_per_s=scaleup_gb_per_s,
        scaleup_domain_gpus=scaleup_domain_gpus,
        table=table,
        overrides=dict(overrides or {}),
    )


def hardware_of(system, overrides: dict[str, float] | None = None) -> Hardware:
    """Hardware of a catalog `System` entry."""
    return make_hardware(
        system.architecture,
        system.gpu_bf16_flop_per_s,
        system.gpu_fp8_flop_per_s,
        system.gpu_fp4_flop_per_s,
        system.gpu_mamf_bf16_frac,
        system.gpu_mamf_fp8_frac,
        system.gpu_hbm_gb,
        system.gpu_hbm_gb_per_s,
        system.gpu_scaleup_gb_per_s,
        system.scaleup_domain_gpus,
        overrides,
    )


def gemm_s(hw: Hardware, m, k, n, precision: str, count=1.0):
    """Time of `count` GEMMs of (m x k) @ (k x n) in one kernel: roofline + launch [s].

    gemm_s = max(2·m·k·n·count / gemm_flop_per_s, bytes / hbm_bytes_per_s) + overhead
    """
    flop = 2.0 * m * k * n * count
    q = BYTES[precision]
    moved = count * ((m * k + k * n) * q + m * n * 2.0)
    return np.maximum(flop / hw.gemm_flop_per_s(precision), moved / hw.hbm_bytes_per_s) + (
        hw.kernel_overhead_s
    )


def flash_efficiency(hw: Hardware, seq, direction: str):
    """Flash-attention FLOP/s over the dense BF16 peak for `seq` tokens [1].

    eta = max_frac · seq / (seq + half_seq)
    """
    top = hw.param(f"flash_{direction}_max_frac")
    half = hw.param(f"flash_{direction}_half_seq")
    return top * seq / (seq + half)


def stream_s(hw: Hardware, nbytes):
    """Time of a memory-bound kernel moving `nbytes` through HBM [s]."""
    return nbytes / hw.hbm_bytes_per_s

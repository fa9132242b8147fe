"""`network` and `storage`: the scale-out fabric and the training storage system."""

from __future__ import annotations

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Network(Section):
    """The scale-out (back-end) fabric between scale-up domains."""

    gbps_per_gpu: num(gt=0, le=25_600, optional=True) = param(
        None,
        unit="Gb/s",
        description="Scale-out bandwidth per GPU; empty: the system's NIC bandwidth from the "
        "catalog",
        quantity="scaleout_gbps_per_gpu",
    )
    switch: str = choice(
        "spectrum4-sn5600",
        description="Catalog id of the scale-out switch (`gigawatt catalog switch`).",
        source="xAI Colossus 1 uses Spectrum-X SN5600 switches (OFF, NVIDIA press release "
        "2024-10-28)",
    )
    planes: num(ge=1, le=16, integer=True) = param(
        1,
        unit="count",
        description="Parallel network planes; each GPU's bandwidth is split evenly over them",
        source="one plane, as Meta's 24k-GPU clusters (Llama 3, arXiv 2407.21783 §3.3.1) and "
        "the DGX SuperPOD reference architectures",
        quantity="plane_count",
    )
    oversubscription: num(ge=1, le=64) = param(
        1.0,
        unit="1",
        description="Oversubscription r:1 of every tier above the leaf (1 = non-blocking)",
        source="DGX SuperPOD reference architectures use a full (non-blocking) fat tree "
        "(NVIDIA RA-11338-001, 2025)",
        quantity="oversubscription_ratio",
    )
    optic: str = choice(
        "osfp-800g-2xdr4",
        description="Catalog id of the transceiver used on every fabric link (`gigawatt "
        "catalog optic`).",
        source="NVIDIA MMS4X00-NS twin-port 800G OSFP (2 x 400G DR4), the module of "
        "NDR/Spectrum-X 400G-per-GPU fabrics (NVIDIA product documentation)",
    )
    tiers: num(ge=1, le=6, integer=True, optional=True) = param(
        None,
        unit="count",
        description="Switch tiers; empty: the fewest that reach every GPU",
        quantity="tier_count",
    )


class Storage(Section):
    """The training storage system (checkpoints and data)."""

    capacity_pb: num(gt=0, le=100_000) = param(
        240.0,
        unit="PB",
        description="Usable capacity of the training storage system",
        source="Llama 3 training storage: 240 PB on 7,500 SSD servers (Grattafiori et al. "
        "2024, arXiv 2407.21783 §3.3.4)",
        quantity="storage_capacity_pb",
    )
    tb_per_server: num(gt=0, le=10_000) = param(
        32.0,
        unit="TB",
        description="Usable capacity per storage server",
        source="DER: 240 PB / 7,500 servers (Llama 3, arXiv 2407.21783 §3.3.4)",
        quantity="storage_server_tb",
    )
    server_power_w: num(gt=0, le=20_000) = param(
        1_200.0,
        unit="W",
        description="Power of one storage server",
        source="OWN estimate: a 2-socket server with ~24 NVMe SSDs and two 200G NICs",
        quantity="storage_server_power_w",
    )
    server_gb_per_s: num(gt=0, le=1_000) = param(
        0.93,
        unit="GB/s",
        description="Sustained write bandwidth per storage server",
        source="DER: Llama 3 storage peaked at 7 TB/s (2 TB/s sustained) on 7,500 servers "
        "(arXiv 2407.21783 §3.3.4) -> 0.93 GB/s per server",
        quantity="storage_server_gb_per_s",
    )
    checkpoint_bytes_per_param: num(gt=0, le=64) = param(
        14.0,
        unit="B",
        description="Checkpoint bytes per model parameter (16-bit weights plus fp32 master "
        "weights and two Adam moments; gradients are not saved)",
        source="DER: 16 B/param mixed-precision Adam state (ZeRO, via Lockwood) minus 2 B of "
        "gradients; BLOOM 176B saved 2.3 TB = 13 B/param (arXiv 2211.05100)",
        quantity="checkpoint_bytes_per_param_b",
    )
    server_price_usd: num(ge=0, le=10_000_000) = param(
        60_000.0,
        unit="USD",
        description="Price of one storage server with its drives",
        source="OWN estimate: ~32 TB usable of enterprise NVMe plus a 2-socket chassis",
        quantity="storage_server_price_usd",
    )

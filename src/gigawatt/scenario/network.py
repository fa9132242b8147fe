"""`network` and `storage`: the scale-out fabric, the scale-up domain and the training storage
system with its front-end network."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, TypeAdapter, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import NumMeta, choice, num, param

_MAX_RATIOS = 5  # tier boundaries of the deepest (6-tier) fabric
_RATIO = num(ge=1, le=64)
_RATIO_ADAPTER = TypeAdapter(_RATIO)


def _ratios(value: Any):
    """A number or distribution (leaf uplinks), or a list of numbers, one per tier."""
    if not isinstance(value, list | tuple):
        return _RATIO_ADAPTER.validate_python(value)
    if not 1 <= len(value) <= _MAX_RATIOS:
        raise PydanticCustomError(
            "ratios", "give 1 to {n} ratios, one per tier from the leaf up", {"n": _MAX_RATIOS}
        )
    out = []
    for i, v in enumerate(value):
        if isinstance(v, dict):
            raise PydanticCustomError("ratios", "list entries must be numbers, not distributions")
        try:
            out.append(float(_RATIO_ADAPTER.validate_python(v)))
        except ValidationError as exc:
            msg = exc.errors()[0]["msg"]
            raise PydanticCustomError("ratios", "entry {i}: {msg}", {"i": i, "msg": msg}) from None
    return tuple(out)


Ratios = Annotated[
    Any,
    BeforeValidator(_ratios),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 1, "maximum": 64},
                {"type": "object", "description": "a distribution {dist: ...}"},
                {
                    "type": "array",
                    "items": {"type": "number", "minimum": 1, "maximum": 64},
                    "minItems": 1,
                    "maxItems": _MAX_RATIOS,
                },
            ]
        }
    ),
    NumMeta(1, None, 64, None, False),
]

_OWN_LINKS = "OWN: typical in-hall fibre run, half the 100 m reach of DR4 single-mode optics "


class Network(Section):
    """The scale-out (back-end) fabric between scale-up domains, and the scale-up domain."""

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
    topology: Literal["fat-tree", "rail-optimized", "rail-only"] = choice(
        "rail-optimized",
        description="fat-tree (a rack's GPUs on a top-of-rack leaf when they fit), "
        "rail-optimized (GPU i of every domain on rail leaf i, end of row) or rail-only (no "
        "spine: one network per rail, joined through the NVLink domain; Wang et al., arXiv "
        "2307.12169).",
        source="NVIDIA DGX SuperPOD reference architectures use a rail-optimized full fat "
        "tree (NVIDIA RA-11338-001, 2025)",
    )
    planes: num(ge=1, le=16, integer=True) = param(
        1,
        unit="count",
        description="Parallel network planes; each GPU's bandwidth is split evenly over them",
        source="one plane, as Meta's 24k-GPU clusters (Llama 3, arXiv 2407.21783 §3.3.1) and "
        "the DGX SuperPOD reference architectures",
        quantity="plane_count",
    )
    oversubscription: Ratios = param(
        1.0,
        unit="1",
        description="Oversubscription r:1 of the leaf uplinks (a number), or of every tier's "
        "uplinks from the leaf up (a list, e.g. [1, 7] for Meta's 24k clusters); 1 = "
        "non-blocking, missing tiers non-blocking",
        source="DGX SuperPOD reference architectures use a full (non-blocking) fat tree "
        "(NVIDIA RA-11338-001, 2025)",
        quantity="oversubscription_spec",
    )
    tiers: num(ge=1, le=6, integer=True, optional=True) = param(
        None,
        unit="count",
        description="Switch tiers; empty: the fewest that reach every GPU",
        quantity="tier_count",
    )
    scaleup_gpus: num(ge=1, le=100_000, integer=True, optional=True) = param(
        None,
        unit="GPU",
        description="GPUs per scale-up (NVLink) domain; empty: the system's own (8 HGX, 72 "
        "NVL72). Larger domains (e.g. 576) add a tier of NVLink switch trays",
    )
    scaleup_switch: str = choice(
        "nvlink5-switch-tray",
        description="Catalog id of the NVLink switch tray that extends the scale-up domain.",
        source="NVIDIA NVLink Switch tray: 144 NVLink 5 ports, domains up to 576 GPUs "
        "(nvidia.com NVLink page)",
    )
    building_gbps_per_gpu: num(gt=0, le=25_600, optional=True) = param(
        None,
        unit="Gb/s",
        description="Inter-building bandwidth per GPU when site.buildings > 1; empty: what "
        "the building's top tier carries (no extra oversubscription)",
    )
    building_distance_m: num(gt=0, le=200_000) = param(
        1_000.0,
        unit="m",
        description="Fibre route from each building to the campus tier",
        source="OWN: buildings of one campus a few hundred metres to ~1 km apart, within the "
        "2 km reach of 2xFR4 single-mode optics",
    )
    hall_link_m: num(gt=0, le=2_000) = param(
        50.0,
        unit="m",
        description="Typical length of an optical link inside a building (sets latency)",
        source=_OWN_LINKS + "(NVIDIA offers 50 m multimode, 100 m and 500 m single-mode)",
    )
    optic_rack: str = choice(
        "dac-800g",
        description="Catalog id of the in-rack cable (GPU to top-of-rack leaf).",
        source="Meta RoCE clusters use DAC from server to RTSW (Gangidi et al., SIGCOMM'24)",
    )
    optic_row: str = choice(
        "aec-800g",
        description="Catalog id of the cable to a leaf in a neighbouring rack.",
        source="Credo: 800G AEC up to 7 m fills the gap between DAC and optics (connextion.news)",
    )
    optic_hall: str = choice(
        "osfp-800g-2xdr4",
        description="Catalog id of the switch-side module of optical links in a building.",
        source="NVIDIA MMS4X00-NS twin-port 800G OSFP (2 x 400G DR4), the switch module of "
        "NDR/Spectrum-X 400G-per-GPU fabrics (NVIDIA product documentation)",
    )
    optic_nic: str = choice(
        "osfp-400g-dr4",
        description="Catalog id of the NIC-side module of optical GPU links.",
        source="NVIDIA MMS4X00-NS400: the ConnectX-7 module linked to a twin-port 2 x DR4 "
        "switch module (NVIDIA product documentation)",
    )
    optic_campus: str = choice(
        "osfp-800g-2xfr4",
        description="Catalog id of the single-mode module of links between buildings.",
        source="NVIDIA MMS4X50-NM twin-port 2xFR4, 2 km, for long switch-to-switch links "
        "(NVIDIA product documentation)",
    )
    fibre: str = choice(
        "mpo12-smf-trunk",
        description="Catalog id of the fibre cable of optical links.",
        source="NVIDIA twin-port modules use MPO-12/APC fibre cables (NVIDIA product "
        "documentation)",
    )


class Storage(Section):
    """The training storage system (checkpoints and data) and its front-end network."""

    capacity_pb: num(gt=0, le=100_000, optional=True) = param(
        None,
        unit="PB",
        description="Usable capacity; empty: the kept checkpoints plus storage.dataset_pb",
        quantity="storage_capacity_pb",
    )
    dataset_pb: num(ge=0, le=100_000) = param(
        240.0,
        unit="PB",
        description="Training data and other files kept on the storage system",
        source="Llama 3 training storage: 240 PB on 7,500 SSD servers (Grattafiori et al. "
        "2024, arXiv 2407.21783 §3.3.4), taken as the data footprint of a frontier run",
    )
    checkpoints_kept: num(ge=1, le=1_000, integer=True) = param(
        5,
        unit="count",
        description="Full checkpoints kept at once",
        source="OWN: the latest few, to roll back past a loss spike or a corrupt write",
        quantity="checkpoints_kept_count",
    )
    checkpoint_write_target_s: num(gt=0, le=1e6) = param(
        60.0,
        unit="s",
        description="Target time to persist one full checkpoint (sizes the bandwidth)",
        source="BLOOM wrote its 2.3 TB checkpoints in ~40 s (arXiv 2211.05100); reference "
        "reliability.md §6 sizes a 10T-parameter checkpoint for 60 s (DER)",
    )
    dataset_gb_per_s_per_gpu: num(ge=0, le=100) = param(
        0.001,
        unit="GB/s/GPU",
        description="Training-data read bandwidth per GPU",
        source="OWN: Llama 3 405B on H100 at 40 % MFU consumes ~160 tokens/s/GPU, under 1 "
        "kB/s of tokenized text; 1 MB/s/GPU leaves room for image-text data",
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
    switch: str = choice(
        "spectrum4-sn5600",
        description="Catalog id of the front-end (storage) network switch.",
        source="GB200 SuperPOD storage and in-band fabric on Spectrum-4 SN5600 (NVIDIA "
        "RA-11338-001, 2025)",
    )
    port_gbps: num(gt=0, le=3_200) = param(
        400.0,
        unit="Gb/s",
        description="Port speed of the front-end network",
        source="NVIDIA Enterprise RA (HGX): the CPU converged (north/south) network connects "
        "each node with two 400 GbE ports",
        quantity="frontend_port_gbps",
    )
    oversubscription: num(ge=1, le=64) = param(
        3.0,
        unit="1",
        description="Oversubscription r:1 of the front-end fabric's leaf uplinks",
        source="Juniper validated design for AI data-centre front-end fabrics: 3-stage Clos "
        "with a 3:1 subscription factor (juniper.net JVD, 2025)",
        quantity="frontend_oversubscription_ratio",
    )

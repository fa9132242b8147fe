"""`reliability`: failures, recovery strategy, checkpoints, spares and repair."""

from __future__ import annotations

from typing import Literal

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param

_AIRESIM = (
    "AIReSim illustrative defaults, Table 1 (karthikp-ubc/airesim airesim/params.py; "
    "arXiv 2603.07041, 2026) (EST)"
)
_FTHSDP = (
    "Salpekar et al., Training LLMs with Fault Tolerant HSDP on 100,000 GPUs, arXiv "
    "2602.00277 (2026): stall per failure 10 min synchronous, 3 min FT-HSDP, at O(100K) GPUs"
)


class Reliability(Section):
    """How failures interrupt the training job and how it recovers."""

    failure_data: str = choice(
        "llama3-405b-h100",
        description="Catalog id of the published interruption counts that calibrate the rate "
        "per GPU-hour and the mix of causes (`gigawatt catalog failure`).",
        source="Llama 3 405B, 466 interruptions on 16,384 H100 in 54 days (arXiv 2407.21783 "
        "Table 5), the largest published breakdown",
    )
    failure_rate_per_gpu_hour: num(ge=0, le=0.01, optional=True) = param(
        None,
        unit="1/GPU-h",
        description="Interruptions per GPU-hour, every cause; replaces the calibrated total and "
        "keeps its mix. Empty: the calibration's (2.19e-5 for Llama 3). For comparison: RSC-1 "
        "3.39e-5, RSC-2 1.22e-5 (Kokolis et al., arXiv 2410.21680, DER)",
    )
    strategy: Literal["restart", "spares", "replica"] = choice(
        "replica",
        description="Recovery: `restart` (whole job restarts on cold spares from the "
        "scheduler), `spares` (whole job restarts on a hot spare), `replica` (the failed "
        "data-parallel replica drops out and rejoins; the others continue).",
        source="replica-level fault tolerance is what keeps O(100K)-GPU jobs productive: Meta "
        "measured 80 % vs 44 % for synchronous restarts (arXiv 2602.00277); at 1M GPUs a "
        "whole-job restart comes every few minutes and the job spends most of its time "
        "restarting",
        quantity="reliability_strategy_name",
    )
    restart_minutes: num(ge=0, le=1440, optional=True) = param(
        None,
        unit="min",
        description="Whole-job stall from failure to resumed training, lost work excluded. "
        "Empty: detection + diagnosis + rescheduling (restart) or spare swap (spares, replica) "
        "+ communicator start-up + checkpoint load",
    )
    checkpoint_write_seconds: num(ge=0, le=86_400, optional=True) = param(
        None,
        unit="s",
        description="Blocking write of a checkpoint to remote storage. Empty: the storage "
        "model's checkpoint_write_s (checkpoint size / storage write bandwidth)",
        quantity="remote_checkpoint_write_s",
    )
    checkpoint_interval_minutes: num(gt=0, le=10_080, optional=True) = param(
        None,
        unit="min",
        description="Interval of remote-storage checkpoints. Empty: optimal (Daly 2006 when "
        "remote storage is the tier the job restores from, else Young 1974 on the "
        "interruptions only it survives)",
    )
    checkpoint_tiers: Literal["remote", "local+remote", "peer+remote", "peer+local+remote"] = (
        choice(
            "peer+remote",
            description="Checkpoint tiers in use: `peer` (a copy in another node's host "
            "memory; survives hardware loss), `local` (the node's SSD; survives software "
            "crashes), `remote` (storage; survives everything, including silent data "
            "corruption).",
            source="in-memory checkpoints to peers (Gemini, SOSP'23) with periodic persistence "
            "to storage (Llama 3 §3.3.4; ByteCheckpoint, NSDI'25)",
            quantity="checkpoint_tiers_name",
        )
    )
    peer_checkpoint_write_seconds: num(ge=0, le=86_400, optional=True) = param(
        None,
        unit="s",
        description="Blocking part of a peer-memory checkpoint. Empty: each GPU's shard "
        "copied to host memory at gpu_snapshot_gb_per_s (the send to the peer is asynchronous)",
        quantity="peer_checkpoint_write_s",
    )
    peer_checkpoint_interval_minutes: num(gt=0, le=10_080, optional=True) = param(
        None, unit="min", description="Interval of peer-memory checkpoints. Empty: optimal"
    )
    local_checkpoint_write_seconds: num(ge=0, le=86_400, optional=True) = param(
        None,
        unit="s",
        description="Blocking part of a local-SSD checkpoint. Empty: as the peer tier (the "
        "SSD write is asynchronous)",
        quantity="local_checkpoint_write_s",
    )
    local_checkpoint_interval_minutes: num(gt=0, le=10_080, optional=True) = param(
        None, unit="min", description="Interval of local-SSD checkpoints. Empty: optimal"
    )
    snapshot_gb_per_s: num(gt=0, le=10_000) = param(
        1.45,
        unit="GB/s",
        description="Device-to-host checkpoint copy rate per GPU",
        source="DER: 395.74 GiB staged to host RAM in 3.28-4.06 s on one GB200 NVL72 rack = "
        "97.5 GiB/s aggregate / 72 GPUs (marin-community/marin PR #7929, 2025)",
        quantity="gpu_snapshot_gb_per_s",
    )
    hot_spare_frac: num(ge=0, le=1) = param(
        0.05,
        unit="1",
        description="Spare GPUs held for the job, per job GPU (whole fault units). With "
        "job_gpu_count empty the job is the campus less these spares",
        source="at least 5 % over-provisioning to absorb GPU failures (NCSA Delta, Cui et al. "
        "arXiv 2503.11901); 5-10 % (stas00/ml-engineering); BLOOM held 4 spare nodes per 48 "
        "(8.3 %)",
    )
    job_gpu_count: num(ge=1, le=100_000_000, integer=True, optional=True) = param(
        None,
        unit="count",
        description="GPUs of the training job. Empty: the campus's GPUs less the spare pool",
    )
    days: num(gt=0, le=3650, optional=True) = param(
        None,
        unit="day",
        description="Simulated duration (and the run over which hazard options are averaged). "
        "Empty: the failure-free training time (the simulation runs until training ends, at "
        "most 730 days)",
        quantity="reliability_days",
    )
    replications: num(ge=1, le=100_000, integer=True) = param(
        100,
        unit="count",
        description="Independent simulated runs (P10/P50/P90 come from them)",
        source="OWN: 100 runs put the P10 and P90 within a few runs of their true ranks",
        quantity="simulation_replication_count",
    )
    seed: num(ge=0, le=2**63 - 1, integer=True) = param(
        0,
        unit="index",
        description="Seed of the simulation's random numbers (same seed, same result)",
        source="OWN: a fixed seed makes runs reproducible",
        quantity="simulation_seed_index",
    )
    lemon_frac: num(ge=0, le=1) = param(
        0.0,
        unit="1",
        description="Fraction of fault units that are lemons (fail lemon_rate_factor times as "
        "often); adds to the calibrated rate",
        source="none beyond the calibration unless given; RSC-1 had 40 lemon nodes (1.2 %) "
        "(Kokolis et al., arXiv 2410.21680)",
    )
    lemon_rate_factor: num(ge=1, le=1000) = param(
        5.0,
        unit="1",
        description="Failure-rate multiple of a lemon",
        source=_AIRESIM + ": systematic failure multiplier 5",
        quantity="lemon_rate_ratio",
    )
    infant_mortality_factor: num(ge=1, le=100) = param(
        1.0,
        unit="1",
        description="Hazard multiple of brand-new hardware (1 = no excess beyond the "
        "calibration, which already includes the Llama 3 cluster's early failures)",
        source="none unless given; up to ~10 % early failures reported informally "
        "(stas00/ml-engineering, not rigorous)",
        quantity="infant_mortality_ratio",
    )
    infant_mortality_days: num(gt=0, le=3650) = param(
        30.0,
        unit="day",
        description="Time constant of the decay of the infant-mortality excess",
        source="OWN: burn-in problems of a new cluster show within its first weeks",
    )
    fault_unit_gpus: num(ge=1, le=100_000, integer=True, optional=True) = param(
        None,
        unit="GPU",
        description="GPUs one ordinary failure takes out of the job and into repair. Empty: "
        "one system (a server, or a whole NVL72 rack)",
    )
    switch_blast_gpus: num(ge=1, le=1_000_000, integer=True, optional=True) = param(
        None,
        unit="GPU",
        description="GPUs cut off by one scale-out switch failure. Empty: a leaf's down ports",
    )
    zone_gpus: num(ge=1, le=100_000_000, integer=True) = param(
        4_608,
        unit="GPU",
        description="GPUs in one power or cooling zone (a zone outage takes all of them)",
        source="OWN: one ~10 MW UPS/CDU block = 64 NVL72 racks of ~140 kW",
    )
    zone_event_rate_per_gpu_hour: num(ge=0, le=0.01) = param(
        0.0,
        unit="1/GPU-h",
        description="Power or cooling zone outages per GPU-hour (each takes zone_gpus GPUs)",
        source="none: no published rate; set it to study correlated outages",
    )
    replica_domains: num(ge=1, le=100_000, integer=True) = param(
        16,
        unit="count",
        description="Scale-up domains per data-parallel replica (pipeline stages)",
        source="Llama 3 405B: PP 16 with TP 8 over the 8-GPU domain = 128 GPUs per replica "
        "(arXiv 2407.21783 Table 4)",
        quantity="replica_domain_count",
    )
    replica_gpu_count: num(ge=1, le=100_000_000, integer=True, optional=True) = param(
        None,
        unit="count",
        description="GPUs per data-parallel replica. Empty: replica_domains scale-up domains",
    )
    replica_stall_seconds: num(ge=0, le=86_400) = param(
        180.0,
        unit="s",
        description="Stall of the whole job when a replica fails (detection, dropping it from "
        "the all-reduce), under the replica strategy",
        source=_FTHSDP,
        quantity="replica_stall_s",
    )
    detection_seconds: num(ge=0, le=86_400) = param(
        60.0,
        unit="s",
        description="Failure to job stopped (heartbeat or collective timeout)",
        source="OWN: heartbeat timeouts of tens of seconds; Minder detects in 3.6 s (NSDI'25), "
        "a default 10-min NCCL timeout is the slow end",
        quantity="detection_s",
    )
    diagnosis_seconds: num(ge=0, le=86_400) = param(
        120.0,
        unit="s",
        description="Locating and draining the faulty hardware",
        source="OWN: together with detection and rescheduling, the parts sum to ~10 min at "
        "100k GPUs, Meta's synchronous stall (arXiv 2602.00277) and within RSC's 5-20 min "
        "(Kokolis et al.)",
        quantity="diagnosis_s",
    )
    reschedule_seconds: num(ge=0, le=86_400) = param(
        390.0,
        unit="s",
        description="Scheduler allocation and process start on cold spares (restart strategy)",
        source="OWN: the rest of the ~10-min synchronous stall at 100k GPUs (arXiv "
        "2602.00277); AIReSim uses 3 min host selection + 20 min recovery",
        quantity="reschedule_s",
    )
    spare_swap_seconds: num(ge=0, le=86_400) = param(
        60.0,
        unit="s",
        description="Joining a hot spare that is booted and health-checked (spares, replica)",
        source="OWN: process start and rendezvous of a pre-provisioned host, about a minute",
        quantity="spare_swap_s",
    )
    communicator_init_seconds: num(ge=0, le=86_400) = param(
        24.0,
        unit="s",
        description="Communicator start-up at 98,304 GPUs (scaled by (N/98,304)^exponent)",
        source="DER: stock NCCL takes ~265 s at 96k GPUs and NCCLX starts 11x faster (Si et "
        "al., arXiv 2510.20171; the 265 s via a paper summary, rajatbisht.net) -> 24 s",
        quantity="communicator_init_ref_s",
    )
    communicator_init_exponent: num(ge=0, le=2) = param(
        0.32,
        unit="1",
        description="Growth exponent of communicator start-up with the job's GPUs",
        source="DER: 150 s at a Meta job of 'certain K GPUs' (NVIDIA/nccl#1156, 2024; 16k "
        "assumed) and 265 s at 96k (arXiv 2510.20171): ln(265/150)/ln(6) = 0.32",
        quantity="communicator_init_exponent_ratio",
    )
    auto_repair_hours: num(ge=0, le=10_000) = param(
        2.0,
        unit="h",
        description="Automatic repair (reset, reimage, burn-in) until the unit is back",
        source=_AIRESIM + ": 120 min",
        quantity="auto_repair_h",
    )
    manual_repair_hours: num(ge=0, le=10_000) = param(
        48.0,
        unit="h",
        description="Manual repair (part replacement by a technician) until the unit is back",
        source=_AIRESIM + ": 2 days",
        quantity="manual_repair_h",
    )
    auto_repair_frac: num(ge=0, le=1) = param(
        0.2,
        unit="1",
        description="Share of hardware repairs that automation completes",
        source=_AIRESIM + ": P(automatic repair fails -> manual) = 0.8",
    )
    target_ettr: num(gt=0, le=1) = param(
        0.9,
        unit="1",
        description="ETTR the planner aims at (for the spare fraction it needs, and warnings)",
        source="Llama 3 reached more than 90 % effective training time on 16k H100 (arXiv "
        "2407.21783 §3.3.4, via DCD 2024)",
        quantity="target_ettr_frac",
    )

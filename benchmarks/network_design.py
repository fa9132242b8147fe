"""Benchmark: design the fabric of a 1,048,576-GPU campus, every alternative included.

The design space is every scale-out switch of the catalog x planes {1, 2, 4, 8} x the three
topologies x oversubscription {1, 3, [1, 7]} x buildings {1, 2, 4}: 540 designs, each with
its fabric, optics, scale-up domain, levels and storage network, in one vectorised graph
evaluation (`gigawatt.network.compare.design_space`). Target: under 50 ms.

Run: python benchmarks/network_design.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from gigawatt.campus import Campus
from gigawatt.network.compare import design_space, network_targets
from gigawatt.scenario.io import validate_document

GPUS = 1_048_576
OPTIONS = {
    "planes": [1, 2, 4, 8],
    "topologies": ["fat-tree", "rail-optimized", "rail-only"],
    "oversubscriptions": [1.0, 3.0, (1.0, 7.0)],
    "buildings": [1, 2, 4],
}


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000.0, out


def main() -> None:
    campus = Campus(validate_document({"compute": {"system": "h100-sxm-hgx", "gpu_count": GPUS}}))
    ms_one, _ = timed(lambda: campus.evaluate(targets=network_targets(), use_memo=False), 20)
    ms_all, space = timed(lambda: design_space(campus, **OPTIONS), 20)
    v, ok = space["values"], space["buildable"]
    n = len(space["designs"])
    capex = np.broadcast_to(v["network_capex_usd"], (n,))
    best = int(np.argmin(np.where(ok, capex, np.inf)))
    print(f"campus: {int(np.ravel(v['gpu_count'])[0]):,} GPUs (h100-sxm-hgx)")
    print(f"one design (all network quantities, scalar):  {ms_one:7.2f} ms (median of 20)")
    print(f"design space, {n} designs, one pass:         {ms_all:7.2f} ms (median of 20)")
    print(f"  per design:                                 {1000 * ms_all / n:7.1f} µs")
    print(f"  buildable: {int(ok.sum())} of {n} (InfiniBand subnets, port speeds, tiers)")
    print(f"  cheapest buildable: {space['designs'][best]}")
    print(
        f"    {capex[best] / 1e9:.2f} G$ network capex, "
        f"{np.broadcast_to(v['network_power_mw'], (n,))[best]:.1f} MW, "
        f"{int(np.broadcast_to(v['tier_count'], (n,))[best])} tiers, "
        f"{np.broadcast_to(v['latency_us'], (n,))[best]:.2f} µs"
    )
    print(f"target < 50 ms: {'met' if ms_all < 50 else 'MISSED'}")


if __name__ == "__main__":
    main()

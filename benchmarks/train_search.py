"""Speed of the parallel-plan search (issue #3 target: full search for a 1T-parameter dense
model on 1,048,576 GB200 GPUs in NVL72 racks in under 1 s).

Run: python benchmarks/train_search.py [repeats]. Prints the grid size, wall time per full
search (best of `repeats`, after one warm-up), plans per second and the best plan. The
Megatron 1T shape (128 layers, hidden 25,600, 160 heads, 2,048 tokens, vocabulary 51,200;
Narayanan et al. SC'21 Table 1) with a 32M-token global batch (16,384 sequences).
"""

from __future__ import annotations

import sys
import time

import numpy as np


def main(repeats: int = 5) -> None:
    from gigawatt.training.api import PLAN_INPUTS, campus_of
    from gigawatt.training.quantities import plan_from_inputs

    model = {
        "layers": 128,
        "hidden_size": 25600,
        "ffn_hidden_size": 102400,
        "attention_heads": 160,
        "seq_length": 2048,
        "vocab_size": 51200,
        "gated_mlp": False,
    }
    t0 = time.perf_counter()
    campus = campus_of(
        model=model, system="gb200-nvl72", gpu_count=1_048_576, global_batch_size=16_384
    )
    values = campus.evaluate(targets=list(PLAN_INPUTS), use_memo=False)
    setup = time.perf_counter() - t0
    inputs = {k: values[k] for k in PLAN_INPUTS}
    plan_from_inputs(**inputs)  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        plan = plan_from_inputs(**inputs)
        times.append(time.perf_counter() - t0)
    best = min(times)
    n = plan.plans_evaluated
    print(
        f"GPUs: {int(values['gpu_count']):,} ({values['scaleup_domain_gpus']}-GPU NVLink domains)"
    )
    print(f"model: 1T dense ({plan.best['gpus_used'][0]:,.0f} GPUs used by the best plan)")
    print(f"campus + graph inputs: {setup:.3f} s (once)")
    print(f"plans evaluated per search: {n:,}")
    print(f"full search: best {best:.3f} s, median {float(np.median(times)):.3f} s of {repeats}")
    print(f"plans per second: {n / best:,.0f}")
    print(f"best plan: {plan.parallelism(0)}")
    print(
        f"step {plan.value('step_time_s'):.3f} s, MFU {plan.value('mfu'):.3f}, "
        f"{plan.value('memory_gb_per_gpu'):.1f} GB/GPU"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)

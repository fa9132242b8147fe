"""Speed of this working tree against another commit, measured in alternation.

This 2-core VM's speed moves by ~30 % within a day (2026-11-28: the graph on 100,000 plans
took 1.10-1.58 s on one unchanged build), so a figure compared with one taken hours
earlier says little. This script checks the other commit out into a temporary worktree and
times both builds in turn, each in a fresh process, `rounds` times: the graph on
`plan_speed.sample_arrays(100_000)`, with the GPU count sampled and with it fixed (best of
five evaluations per process). It prints every round and the best of each build.

Run: python benchmarks/compare_builds.py REF [rounds]   (e.g. REF = HEAD~3 or a commit id)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import sys, time
sys.path.insert(0, {bench!r})
from plan_speed import sample_arrays
from gigawatt.campus import Campus
from gigawatt.scenario import load_scenario
campus = Campus(load_scenario({example!r}))
arrays = sample_arrays(100_000)
fixed = {{k: v for k, v in arrays.items() if k != "compute.gpu_count"}}
out = []
for values in (arrays, fixed):
    campus.evaluate(values, use_memo=False)
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        campus.evaluate(values, use_memo=False)
        best = min(best, time.perf_counter() - t0)
    out.append(best)
print(*out)
"""


def run(src: Path) -> tuple[float, float]:
    """Best seconds (GPU count sampled, fixed) of one fresh process on the sources `src`."""
    env = dict(os.environ, PYTHONPATH=str(src))
    example = str(ROOT / "examples" / "colossus2.yaml")
    code = CHILD.format(bench=str(ROOT / "benchmarks"), example=example)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    sampled, fixed = map(float, done.stdout.split())
    return sampled, fixed


def main(ref: str, rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), ref],
            check=True,
        )
        try:
            builds = {"this tree": ROOT / "src", ref: other / "src"}
            best = {name: [float("inf"), float("inf")] for name in builds}
            print("round  build                 GPU count sampled   GPU count fixed")
            for r in range(rounds):
                for name, src in builds.items():
                    times = run(src)
                    best[name] = [min(a, b) for a, b in zip(best[name], times, strict=True)]
                    print(f"{r + 1:5d}  {name:20s}  {times[0]:16.3f} s  {times[1]:14.3f} s")
            for name, (s, f) in best.items():
                print(f"best   {name:20s}  {s:16.3f} s  {f:14.3f} s")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=True
            )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)

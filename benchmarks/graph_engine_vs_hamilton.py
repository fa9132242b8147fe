"""Why gigawatt has its own graph engine: the same 200-node chain in Apache Hamilton and in
`gigawatt.graph.engine` (decision recorded in docs/architecture.md).

Needs `pip install apache-hamilton`; without it, only gigawatt's figures print.
Run: python benchmarks/graph_engine_vs_hamilton.py
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_NODES = 200


def module_source() -> str:
    lines = ["from typing import Union", "import numpy as np", "N = Union[float, np.ndarray]", ""]
    lines.append("def q0(x_in: N) -> N:\n    '''q0 = 1.01 x'''\n    return x_in * 1.01\n")
    for i in range(1, N_NODES):
        a, b = i - 1, max(0, i - 3)
        lines.append(
            f"def q{i}(q{a}: N, q{b}: N) -> N:\n    return 0.5 * q{a} + 0.5 * q{b} + 1.0\n"
            if a != b
            else f"def q{i}(q{a}: N) -> N:\n    return q{a} + 1.0\n"
        )
    return "\n".join(lines)


def timeit(fn, repeat=20) -> float:
    fn()
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "chain.py").write_text(module_source())
    sys.path.insert(0, str(tmp))
    import chain

    from gigawatt.graph.engine import Graph, node

    t0 = time.perf_counter()
    g = Graph([node(getattr(chain, f"q{i}")) for i in range(N_NODES)])
    build = time.perf_counter() - t0
    run = timeit(lambda: g.evaluate({"x_in": 1.0}))
    print(
        f"gigawatt engine: build {build * 1e3:.2f} ms, execute {N_NODES} nodes {run * 1e3:.3f} ms"
    )

    if importlib.util.find_spec("hamilton") is None:
        print("apache-hamilton not installed: pip install apache-hamilton to compare")
        return
    code = (
        "import time; t = time.perf_counter(); from hamilton import driver; "
        "print(time.perf_counter() - t)"
    )
    imp = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    from hamilton import driver

    t0 = time.perf_counter()
    dr = driver.Builder().with_modules(chain).build()
    hbuild = time.perf_counter() - t0
    hrun = timeit(lambda: dr.execute([f"q{N_NODES - 1}"], inputs={"x_in": 1.0}))
    print(
        f"hamilton: import {imp:.2f} s (cold process), build {hbuild * 1e3:.1f} ms, "
        f"execute {N_NODES} nodes {hrun * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()

"""Any scenario at all gets a plan (exit 0) or a message naming the problem (exit 2):
hypothesis mutates a real example at random paths with random values."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from gigawatt import yamlio
from gigawatt.cli import app

BASE = yamlio.load((ROOT / "examples" / "colossus1.yaml").read_text())


def _paths(doc, prefix=()):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


PATHS = [
    *list(_paths(BASE)),
    ("compute", "gpu_count"),
    ("site", "power_cap_mw"),
    ("finance", "budget_usd"),
    ("network", "tiers"),
    ("power", "grid_mw"),
    ("workload", "precision"),
]

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(0, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(
        [0, 1, 1e-12, 1e30, -1, "1e6", "gb300-nvl72", {"dist": "uniform", "low": 0, "high": 1}]
    ),
)


def _set(doc, path, value):
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_mutated_scenarios_exit_0_or_2(tmp_path_factory, runner_factory, mutations):
    import yaml

    doc = copy.deepcopy(BASE)
    for path, value in mutations:
        try:
            _set(doc, path, value)
        except (KeyError, IndexError, TypeError):
            continue
    path = tmp_path_factory.mktemp("fuzz") / "s.yaml"
    try:
        path.write_text(yaml.safe_dump(doc, default_flow_style=False))
    except yaml.YAMLError:
        return
    result = runner_factory().invoke(app, ["plan", str(path), "--json"])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output

"""The glossary of quantity names and units (docs/nomenclature.md is generated from this).

python -m gigawatt.nomenclature > docs/nomenclature.md
"""

from __future__ import annotations

from gigawatt.units import _SUFFIX_UNITS, has_unit, unit_of


def rows() -> list[tuple[str, str, str, str]]:
    """(name, unit, kind, meaning) for every quantity of the graph and its inputs."""
    from gigawatt.catalog.schema import KINDS, Entry
    from gigawatt.graph import default_graph
    from gigawatt.graph.constants import CONSTANTS
    from gigawatt.graph.inputs import CATALOG_CHOICES, scenario_quantities

    g = default_graph()
    out: dict[str, tuple[str, str, str, str]] = {}
    for name, n in g.nodes.items():
        out[name] = (name, unit_of(name), "computed", n.summary)
    prefixes = {kind: prefix for _, _, kind, prefix in CATALOG_CHOICES}
    for kind, model in KINDS.items():
        for field, info in model.model_fields.items():
            if field in Entry.model_fields or not has_unit(field):
                continue
            for prefix in {
                prefixes.get(kind, ""),
                *[p for _, _, k, p in CATALOG_CHOICES if k == kind],
            }:
                name = prefix + field
                if name in g.free_inputs and name not in out:
                    out[name] = (name, unit_of(name), f"catalog {kind}", info.description or "")
    for name, path in scenario_quantities().items():
        out[name] = (name, unit_of(name), f"scenario `{path}`", out.get(name, ("", "", "", ""))[3])
    for name, c in CONSTANTS.items():
        out[name] = (name, unit_of(name), "constant", c.source)
    for name in sorted(g.free_inputs - set(out)):
        out[name] = (name, unit_of(name), "input", "")
    return [out[k] for k in sorted(out)]


def markdown() -> str:
    lines = [
        "# Nomenclature",
        "",
        "Every quantity has one name, and its unit is the suffix of the name (`unit_of` in",
        "`src/gigawatt/units.py`). Ratios are `_frac` in 0–1, never percent. This page is",
        "generated: `python -m gigawatt.nomenclature > docs/nomenclature.md`.",
        "",
        "## Unit suffixes",
        "",
        "| suffix | unit |",
        "|---|---|",
        *[f"| `{s}` | {u} |" for s, u in sorted(_SUFFIX_UNITS)],
        "",
        "## Quantities",
        "",
        "| name | unit | from | meaning |",
        "|---|---|---|---|",
    ]
    for name, unit, kind, meaning in rows():
        meaning = " ".join(meaning.split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {unit} | {kind} | {meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")

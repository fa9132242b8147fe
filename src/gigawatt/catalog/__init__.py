"""The catalog: versioned data files, one entry per product, each with its source.

Built-in files live in `catalog/data/*.yaml`; a scenario may add its own (`catalog: [...]`),
validated the same way. Entries with an existing id replace the built-in one.
"""

from __future__ import annotations

import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gigawatt import yamlio
from gigawatt.catalog.schema import KINDS, Entry
from gigawatt.errors import GigawattInputError, Problem

DATA_DIR = Path(__file__).parent / "data"


class Catalog:
    """Entries by kind and id, with the version of each file they came from."""

    def __init__(self, entries: dict[str, dict[str, Entry]], versions: dict[str, str]):
        self.entries = entries
        self.versions = versions

    def kinds(self) -> list[str]:
        return list(KINDS)

    def ids(self, kind: str) -> list[str]:
        return sorted(self.entries.get(kind, {}))

    def get(self, kind: str, entry_id: str, path: str = "") -> Entry:
        """Entry `entry_id` of `kind`; an unknown id is an input error naming `path`."""
        found = self.entries.get(kind, {}).get(entry_id)
        if found is None:
            raise GigawattInputError([self.unknown(kind, entry_id, path)])
        return found

    def unknown(self, kind: str, entry_id: str, path: str) -> Problem:
        import difflib

        known = self.ids(kind)
        near = difflib.get_close_matches(str(entry_id), known, n=3)
        hint = f"did you mean {', '.join(near)}?" if near else f"known: {', '.join(known)}"
        return Problem(path, f"unknown {kind} id; {hint}", entry_id, True)

    def with_files(self, paths: list[Path]) -> Catalog:
        """A new catalog with the entries of extra files added (ids replace built-ins)."""
        entries = {k: dict(v) for k, v in self.entries.items()}
        versions = dict(self.versions)
        for p in paths:
            kind, version, new = _read_file(p)
            entries.setdefault(kind, {}).update(new)
            versions[str(p)] = version
        return Catalog(entries, versions)


def _read_file(path: Path) -> tuple[str, str, dict[str, Entry]]:
    src = str(path)
    if not path.is_file():
        raise GigawattInputError(f"catalog file not found: {path}")
    try:
        doc = yamlio.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GigawattInputError(f"malformed YAML: {exc}", source=src) from None
    if not isinstance(doc, dict):
        raise GigawattInputError("a catalog file must be a mapping", source=src)
    problems = []
    unknown = set(doc) - {"catalog_version", "kind", "entries"}
    problems += [
        Problem(k, "unknown key (expected catalog_version, kind, entries)") for k in unknown
    ]
    kind = doc.get("kind")
    if kind not in KINDS:
        problems.append(Problem("kind", f"must be one of {', '.join(KINDS)}", kind, True))
    version = doc.get("catalog_version")
    if not isinstance(version, str) or not version:
        problems.append(Problem("catalog_version", "must be a non-empty string", version, True))
    raw = doc.get("entries")
    if not isinstance(raw, list):
        problems.append(Problem("entries", "must be a list of entries"))
    if problems:
        raise GigawattInputError(problems, source=src)
    model = KINDS[kind]
    out: dict[str, Entry] = {}
    for i, item in enumerate(raw):
        try:
            entry = model.model_validate(item)
        except ValidationError as exc:
            from gigawatt.scenario.io import problems_from_validation

            for p in problems_from_validation(exc):
                label = item.get("id", i) if isinstance(item, dict) else i
                problems.append(
                    Problem(f"entries[{label}].{p.path}", p.reason, p.value, p.has_value)
                )
            continue
        for field in entry.field_sources:
            if field not in model.model_fields:
                problems.append(
                    Problem(
                        f"entries[{entry.id}].field_sources.{field}", "names no field of this kind"
                    )
                )
        if entry.id in out:
            problems.append(Problem(f"entries[{entry.id}]", "duplicate id"))
        out[entry.id] = entry
    if problems:
        raise GigawattInputError(problems, source=src)
    return kind, version, out


@lru_cache(maxsize=1)
def builtin() -> Catalog:
    """The catalog shipped with gigawatt (validated once, then read from a pickle cache that
    is keyed by the content of the data files, so an edit invalidates it)."""
    files = sorted(DATA_DIR.glob("*.yaml"))
    cache = _cache_path(files)
    if cache is not None and cache.is_file():
        try:
            with cache.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a stale or foreign cache file: rebuild it
            pass
    entries: dict[str, dict[str, Entry]] = {k: {} for k in KINDS}
    versions: dict[str, str] = {}
    for p in files:
        kind, version, new = _read_file(p)
        entries[kind].update(new)
        versions[p.name] = version
    cat = Catalog(entries, versions)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(cat, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(cache)
        except OSError:  # a read-only home: just don't cache
            pass
    return cat


def _cache_path(files: list[Path]) -> Path | None:
    """Where the validated catalog is cached; None when caching is off (GIGAWATT_NO_CACHE)."""
    if os.environ.get("GIGAWATT_NO_CACHE"):
        return None
    import hashlib

    import pydantic

    h = hashlib.sha256(f"{pydantic.VERSION}|{Path(__file__).stat().st_mtime_ns}".encode())
    for p in [*files, Path(__file__).parent / "schema.py"]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "gigawatt" / f"catalog-{h.hexdigest()[:20]}.pickle"


def load_catalog(extra: list[str] | None = None, base_dir: str | Path = ".") -> Catalog:
    """The built-in catalog plus a scenario's extra files (resolved against `base_dir`)."""
    cat = builtin()
    if extra:
        cat = cat.with_files([Path(base_dir) / p for p in extra])
    return cat


def entry_rows(cat: Catalog, kind: str) -> list[dict[str, Any]]:
    """Rows of one kind for tables: every field plus provenance."""
    rows = []
    for eid in cat.ids(kind):
        e = cat.entries[kind][eid]
        rows.append(e.model_dump(exclude={"field_sources", "notes"}))
    return rows

"""Memo of heavy nodes: a node marked `cache=True` reuses its last results when its inputs
are the same values as before (compared by fingerprint, not identity), so a what-if that
does not touch, say, the training search's inputs does not rerun it.

Node functions are pure and their outputs are treated as immutable, which makes the reuse
exact. Array inputs larger than `MAX_ARRAY_ELEMENTS` (Monte Carlo batches) are not cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import threading
from collections import OrderedDict
from typing import Any

import numpy as np

MAX_ARRAY_ELEMENTS = 200_000
ENTRIES_PER_NODE = 8


class Uncachable(Exception):
    """An input has no value-based fingerprint (or is too large to be worth one)."""


def fingerprint(x: Any) -> Any:
    """A hashable value that is equal for equal inputs (type-tagged)."""
    if x is None or isinstance(x, bool | str):
        return x
    if isinstance(x, int | float):
        return (type(x).__name__, x)
    if isinstance(x, np.generic):
        return ("np", x.dtype.str, x.item())
    if isinstance(x, np.ndarray):
        if x.size > MAX_ARRAY_ELEMENTS or x.dtype == object:
            raise Uncachable
        return ("nd", x.shape, x.dtype.str, x.tobytes())
    if isinstance(x, tuple | list):
        return (type(x).__name__, *(fingerprint(v) for v in x))
    if isinstance(x, dict):
        return ("dict", *sorted((str(k), fingerprint(v)) for k, v in x.items()))
    if isinstance(x, enum.Enum):
        return ("enum", type(x).__qualname__, x.value)
    if isinstance(x, dt.date):
        return ("date", x.isoformat())
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (
            type(x).__qualname__,
            *(fingerprint(getattr(x, f.name)) for f in dataclasses.fields(x)),
        )
    fields = getattr(type(x), "model_fields", None)  # pydantic models
    if fields is not None:
        return (type(x).__qualname__, *(fingerprint(getattr(x, f)) for f in fields))
    raise Uncachable


class Memo:
    """Last results of cached nodes, keyed by the fingerprint of their arguments."""

    def __init__(self) -> None:
        self._tables: dict[str, OrderedDict] = {}
        self._origin: dict[int, tuple[Any, int]] = {}  # id(result) -> (result, serial)
        self._serial = 0
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()  # parallel graph evaluations (gigawatt.parallel)

    def key(self, kwargs: dict[str, Any]) -> Any | None:
        """Fingerprint of the arguments. A value that is itself a memoised result is keyed by
        its serial number (the same object always came from the same inputs)."""
        parts = []
        try:
            for k, v in kwargs.items():
                origin = self._origin.get(id(v))
                if origin is not None and origin[0] is v:
                    parts.append((k, ("memo", origin[1])))
                else:
                    parts.append((k, fingerprint(v)))
        except Uncachable:
            return None
        return tuple(parts)

    def get(self, name: str, key: Any) -> tuple[bool, Any]:
        with self._lock:
            table = self._tables.get(name)
            if table is None or key not in table:
                self.misses += 1
                return False, None
            table.move_to_end(key)
            self.hits += 1
            return True, table[key]

    def put(self, name: str, key: Any, value: Any) -> None:
        with self._lock:
            self._put(name, key, value)

    def _put(self, name: str, key: Any, value: Any) -> None:
        table = self._tables.setdefault(name, OrderedDict())
        table[key] = value
        self._serial += 1
        self._origin[id(value)] = (value, self._serial)
        while len(table) > ENTRIES_PER_NODE:
            _, old = table.popitem(last=False)
            self._origin.pop(id(old), None)

    def clear(self) -> None:
        self._tables.clear()
        self._origin.clear()
        self.hits = self.misses = 0

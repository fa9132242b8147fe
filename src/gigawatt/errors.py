"""Errors that reach the user: each names the input path, the value and the reason.

Every front end turns a `GigawattInputError` into a message and exit status 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what was given, and why it is wrong."""

    path: str
    reason: str
    value: Any = None
    has_value: bool = False

    def __str__(self) -> str:
        shown = f" = {_short(self.value)}" if self.has_value else ""
        return f"{self.path or '<file>'}{shown}: {self.reason}"


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class GigawattInputError(Exception):
    """Bad input: a list of problems, each naming its path. Front ends exit with status 2."""

    def __init__(self, problems: list[Problem] | Problem | str, source: str | None = None):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.source = source
        super().__init__(self.message())

    def message(self) -> str:
        head = f"{self.source}: " if self.source else ""
        n = len(self.problems)
        lines = [f"{head}{n} problem{'s' if n != 1 else ''} in the input:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def problem(path: str, reason: str, value: Any = ..., source: str | None = None):
    """Build a single-problem `GigawattInputError` (value optional)."""
    has = value is not ...
    return GigawattInputError([Problem(path, reason, value if has else None, has)], source)

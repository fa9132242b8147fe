"""Shared CLI plumbing: the error boundary (bad input -> message + exit 2), options, console."""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated

import typer

from gigawatt.errors import GigawattInputError

SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        help="What-if: section.field=value (YAML scalar; `null` empties a field). Repeatable.",
        metavar="FIELD=VALUE",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def guarded(func):
    """Run a command; input errors print their problems and exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GigawattInputError as exc:
            print(f"error: {exc.message()}", file=sys.stderr)
            raise typer.Exit(2) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: say so briefly; GIGAWATT_DEBUG=1 shows the trace
            if os.environ.get("GIGAWATT_DEBUG"):
                raise
            print(
                f"internal error (please report; GIGAWATT_DEBUG=1 shows details): "
                f"{type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            raise typer.Exit(1) from None

    return wrapper


def load_campus(path: str, sets: list[str] | None):
    from gigawatt.campus import Campus

    return Campus.from_file(path, sets)


def dump_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")

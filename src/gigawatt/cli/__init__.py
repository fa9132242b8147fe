"""The `gigawatt` command. Each domain registers its commands on `app` in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="gigawatt",
    help="Plan and simulate gigawatt-scale AI training campuses in one consistent model.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Each module registers its commands on `app`; domain code is imported inside the commands.
from gigawatt.cli import (  # noqa: E402,F401
    core,
    energy,
    finance,
    network,
    schedule,
)


def main() -> None:
    """Entry point of the `gigawatt` console script."""
    app()


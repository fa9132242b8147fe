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

from gigawatt.cli import core, train  # noqa: E402,F401  (registers the commands)


def main() -> None:
    """Entry point of the `gigawatt` console script."""
    app()

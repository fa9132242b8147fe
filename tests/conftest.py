"""Shared fixtures: paths, a CLI runner, and plans of the examples (computed once)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.toml"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def minimal_plan():
    import gigawatt

    return gigawatt.plan(ROOT / "examples" / "minimal.yaml")


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


@pytest.fixture
def runner_factory():
    from typer.testing import CliRunner

    return CliRunner

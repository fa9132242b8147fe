"""`reliability`: failures and recovery (the reliability issue fills this section)."""

from __future__ import annotations

from gigawatt.scenario.base import Section


class Reliability(Section):
    """Failure and recovery inputs; no fields yet, so any key here is reported as unknown."""

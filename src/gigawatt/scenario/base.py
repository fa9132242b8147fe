"""Base class of every scenario section: unknown keys are errors, assignments are validated."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A scenario section (`extra="forbid"`: a misspelt key is an error, never ignored)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, validate_default=True)

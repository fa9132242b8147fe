"""Uncertain inputs: any numeric scenario field may be a distribution instead of a number.

A deterministic run uses the central value (triangular: mode; uniform: midpoint; normal: mean;
lognormal: median); Monte Carlo draws samples with `sample`.
"""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def central(self) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def bounds(self) -> tuple[float, float]:
        """The range the values can take (for checking field bounds)."""
        raise NotImplementedError  # pragma: no cover

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError  # pragma: no cover


class Triangular(_Dist):
    """Triangular distribution on [low, high] with mode `mode`."""

    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _order(self):
        if not self.low <= self.mode <= self.high:
            raise ValueError(
                f"needs low <= mode <= high (got {self.low}, {self.mode}, {self.high})"
            )
        return self

    @property
    def central(self) -> float:
        return self.mode

    def bounds(self) -> tuple[float, float]:
        return self.low, self.high

    def sample(self, n, rng):
        if self.low == self.high:
            return np.full(n, self.low)
        return rng.triangular(self.low, self.mode, self.high, n)


class Uniform(_Dist):
    """Uniform distribution on [low, high]."""

    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _order(self):
        if not self.low <= self.high:
            raise ValueError(f"needs low <= high (got {self.low}, {self.high})")
        return self

    @property
    def central(self) -> float:
        return 0.5 * (self.low + self.high)

    def bounds(self) -> tuple[float, float]:
        return self.low, self.high

    def sample(self, n, rng):
        return rng.uniform(self.low, self.high, n)


class Normal(_Dist):
    """Normal distribution with mean `mean` and standard deviation `sd`."""

    dist: Literal["normal"]
    mean: float
    sd: float = Field(ge=0)

    @property
    def central(self) -> float:
        return self.mean

    def bounds(self) -> tuple[float, float]:
        # Bounds are checked at the mean: a normal has unbounded support; samples are clipped.
        return self.mean, self.mean

    def sample(self, n, rng):
        return rng.normal(self.mean, self.sd, n)


class Lognormal(_Dist):
    """Lognormal distribution: median `median`, standard deviation of log(x) `sigma`."""

    dist: Literal["lognormal"]
    median: float = Field(gt=0)
    sigma: float = Field(ge=0)

    @property
    def central(self) -> float:
        return self.median

    def bounds(self) -> tuple[float, float]:
        return self.median, self.median

    def sample(self, n, rng):
        return rng.lognormal(np.log(self.median), self.sigma, n)


Distribution = Annotated[Triangular | Uniform | Normal | Lognormal, Field(discriminator="dist")]
DIST_TYPES = (Triangular, Uniform, Normal, Lognormal)


def central(value):
    """Central value of a number or distribution (numbers pass through)."""
    return value.central if isinstance(value, _Dist) else value


def is_distribution(value) -> bool:
    return isinstance(value, _Dist)

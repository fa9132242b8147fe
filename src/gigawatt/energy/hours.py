"""Hourly values of many samples in bounded memory: the hourly model's fast path.

The scalar plan and small arrays (at most `EXACT_SAMPLES_MAX` samples) evaluate every hour of
the year exactly. Above that an (N × 8,760) array per quantity does not fit (100,000 samples:
7 GB each), so hourly quantities are kept as `HourlyAffine`, base + Σ_j coef_j · profile_j(h)
with sample-independent profiles (each cooling path's compressor duty from the site's weather),
and annual sums of the dispatch are taken from that form:

- Σ_h max(z(h), 0) of an affine z = c0 + Σ_j c_j φ_j(h) is exact when bounds show that z keeps
  one sign all year (0, or the linear sum from Σ_h φ_j(h));
- otherwise it is taken over hour classes (the hours of a month grouped by weather and sun, built
  once per climate), each class treated as spread uniformly along z with the class's mean and
  variance of z;
- maxima (peak load, monthly grid peaks) are exact: the maximum of a combination with signed
  weights lies on the Pareto front of the sign-adjusted profiles, a few hours per month.

Errors of the class step against the exact 8,760-hour dispatch are measured in docs/energy.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gigawatt.arrays import serial_matmul
from gigawatt.energy.climate import HOURS, MONTH_OF_HOUR

EXACT_SAMPLES_MAX = 256
"""Largest number of samples evaluated hour by hour; above it the fast path is used."""

HOUR_OF_DAY_SPLITS = 2
"""Weather splits of each (month, hour of day) class of the straddling sums (576 a year)."""

WEATHER_CLASSES_PER_MONTH = 12
"""Weather classes per month (144 a year) of the turbines' part-load step."""


def sample_count(*values) -> int:
    """Number of samples of values that broadcast together (hourly arrays: last axis excluded
    by the caller)."""
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    return int(np.prod(shape)) if shape else 1


def use_fast_path(*values) -> bool:
    """True when the values hold more samples than the exact hourly evaluation allows."""
    return sample_count(*values) > EXACT_SAMPLES_MAX


# -- Pareto fronts: where maxima of signed combinations lie ------------------------------

_FRONTS: dict[tuple, np.ndarray] = {}


def _key(arrays, extra=()) -> tuple:
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        h.update(np.ascontiguousarray(a, dtype=float).tobytes())
    return (h.hexdigest(), *extra)


def pareto_front(points) -> np.ndarray:
    """Indices of the points no other point dominates (maximising every column).

    pareto_front = {i : no j with points[j] ≥ points[i] in every column and > in one}

    The maximum over the points of any combination with non-negative weights is attained on
    this set.

    Parameters
    ----------
    points : array_like
        Shape (n, d) [any unit].

    Returns
    -------
    numpy.ndarray
        Indices into `points` (one per distinct non-dominated point) [index].

    Examples
    --------
    >>> pareto_front([[1, 0], [0, 1], [0, 0], [1, 0]]).tolist()
    [0, 1]
    """
    p = np.asarray(points, dtype=float)
    uniq, first = np.unique(p, axis=0, return_index=True)
    order = np.argsort(-uniq.sum(axis=1), kind="stable")  # a dominator has a larger sum
    front: list[int] = []
    for i in order:
        x = uniq[i]
        if front and np.any(np.all(uniq[front] >= x, axis=1)):
            continue
        front.append(i)
    return np.sort(first[front])


def front_hours(profiles, signs, month: int | None = None) -> np.ndarray:
    """Hours (of the year, or of one month) where Σ_j w_j profile_j(h) can be largest for any
    weights with the given signs (cached by content)."""
    key = _key(profiles, (tuple(signs), month))
    if key not in _FRONTS:
        hours = np.arange(HOURS) if month is None else np.nonzero(month == MONTH_OF_HOUR)[0]
        pts = np.stack([s * np.asarray(p)[hours] for p, s in zip(profiles, signs, strict=True)])
        _FRONTS[key] = hours[pareto_front(pts.T)] if len(profiles) else hours[:1]
        if len(_FRONTS) > 512:
            _FRONTS.pop(next(iter(_FRONTS)))
    return _FRONTS[key]


def max_of_combination(c0, coefs, profiles, month: int | None = None) -> np.ndarray:
    """Exact max over hours of c0 + Σ_j coefs[:, j] · profiles[j](h), per sample.

    max_of_combination = max over the Pareto-front hours of each sign pattern

    Parameters
    ----------
    c0 : array_like
        Shape (n,) [unit of the result].
    coefs : array_like
        Shape (n, J) [unit per profile unit].
    profiles : sequence of array_like
        J profiles of 8,760 hours [any unit].
    month : int, optional
        Only the hours of this month (0-11).

    Returns
    -------
    numpy.ndarray
        Shape (n,).
    """
    c0 = np.asarray(c0, dtype=float)
    coefs = np.asarray(coefs, dtype=float).reshape(len(c0), -1)
    out = np.empty(len(c0))
    if not len(profiles):
        return c0.copy()
    neg = coefs < 0
    code = neg @ (1 << np.arange(coefs.shape[1]))
    prof = np.stack([np.asarray(p, dtype=float) for p in profiles])
    for k in np.unique(code):
        sel = code == k
        pattern = np.where(neg[np.argmax(sel)], -1, 1)
        hours = front_hours(profiles, pattern, month)
        out[sel] = c0[sel] + np.max(serial_matmul(coefs[sel], prof[:, hours]), axis=1)
    return out


# -- hourly values of many samples -----------------------------------------------------


@dataclass(frozen=True, eq=False)
class HourlyAffine:
    """A year of hourly values for many samples: base + Σ_j coefs[j] · profiles[j](h).

    `base` and every coefficient have the samples' shape; each profile is 8,760 hours shared by
    every sample. Used instead of an (N × 8,760) array above `EXACT_SAMPLES_MAX` samples.
    """

    base: np.ndarray
    coefs: tuple[np.ndarray, ...]
    profiles: tuple[np.ndarray, ...]

    def __repr__(self) -> str:
        return f"HourlyAffine({self.shape} samples x {HOURS} h, {len(self.profiles)} profile(s))"

    @cached_property
    def shape(self) -> tuple[int, ...]:
        return np.broadcast_shapes(np.shape(self.base), *(np.shape(c) for c in self.coefs))

    @property
    def size(self) -> int:
        return int(np.prod(self.shape)) if self.shape else 1

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """(c0 (n,), coefs (n, J)) flattened over the samples."""
        n = self.size
        c0 = np.broadcast_to(np.asarray(self.base, dtype=float), self.shape).reshape(n)
        cs = [
            np.broadcast_to(np.asarray(c, dtype=float), self.shape).reshape(n) for c in self.coefs
        ]
        return c0, (np.stack(cs, axis=1) if cs else np.zeros((n, 0)))

    def plus(self, flat) -> HourlyAffine:
        """The same hours plus a constant per sample."""
        return HourlyAffine(np.asarray(self.base + np.asarray(flat, dtype=float)), self.coefs,
                            self.profiles)  # fmt: skip

    def total(self) -> np.ndarray:
        """Σ over the year's hours, per sample."""
        out = np.asarray(self.base, dtype=float) * HOURS
        for c, p in zip(self.coefs, self.profiles, strict=True):
            out = out + np.asarray(c) * float(np.sum(p))
        return np.broadcast_to(out, self.shape)

    def mean(self) -> np.ndarray:
        """Mean over the year's hours, per sample."""
        return self.total() / HOURS

    def peak(self) -> np.ndarray:
        """Exact maximum over the year's hours, per sample."""
        c0, cs = self.flat()
        return max_of_combination(c0, cs, self.profiles).reshape(self.shape)

    def hours(self, index=None) -> np.ndarray:
        """The hourly values of some samples (flat indices), (n_sub, 8,760) [materialised]."""
        c0, cs = self.flat()
        if index is not None:
            c0, cs = c0[index], cs[index]
        prof = np.stack(self.profiles) if self.profiles else np.zeros((0, HOURS))
        return c0[:, None] + cs @ prof


def as_hourly_affine(hourly, shape=()) -> HourlyAffine:
    """An hourly array shared by every sample (8,760,) as an `HourlyAffine` of the shape."""
    if isinstance(hourly, HourlyAffine):
        return hourly
    h = np.asarray(hourly, dtype=float)
    if h.shape != (HOURS,):
        raise ValueError(f"expected one shared year of {HOURS} hours, got shape {h.shape}")
    return HourlyAffine(np.zeros(shape), (np.ones(shape),), (h,))


# -- hour classes ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class HourClasses:
    """Hours grouped into classes of similar weather and sun, within each month."""

    labels: np.ndarray  # (8760,) class of every hour
    weights: np.ndarray  # (K,) hours per class
    month: np.ndarray  # (K,) month of each class

    @property
    def count(self) -> int:
        return len(self.weights)


def _median_splits(x: np.ndarray, leaves: int) -> np.ndarray:
    """Labels 0..leaves-1 from repeated median splits of the widest leaf on its widest axis."""
    groups = [np.arange(len(x))]
    while len(groups) < leaves:
        spans = [np.ptp(x[g], axis=0) if len(g) > 1 else np.zeros(x.shape[1]) for g in groups]
        widest = int(np.argmax([s.max() for s in spans]))
        if spans[widest].max() <= 0:
            break
        g = groups.pop(widest)
        axis = int(np.argmax(spans[widest]))
        order = g[np.argsort(x[g, axis], kind="stable")]
        half = len(order) // 2
        groups += [order[:half], order[half:]]
    out = np.empty(len(x), dtype=int)
    for k, g in enumerate(groups):
        out[g] = k
    return out


def _labels_from_groups(groups: np.ndarray, x: np.ndarray, parts: int) -> np.ndarray:
    """Split each group of hours into `parts` leaves by median splits on x; dense labels."""
    labels = np.empty(HOURS, dtype=int)
    count = 0
    for g in np.unique(groups):
        idx = np.nonzero(groups == g)[0]
        sub = _median_splits(x[idx], parts)
        labels[idx] = sub + count
        count += sub.max() + 1
    return labels


def hour_classes(climate_spec, solar_shape=None, by_hour_of_day: bool = True) -> HourClasses:
    """Hour classes of a climate (cached on the climate object).

    hour_classes = by_hour_of_day: (month, hour of day) halved by a median split on the
        weather (576 classes); else per month, 12 leaves of median splits on
        (T_dry, T_wet, sun) each scaled by its annual range (144 classes)

    Classes by hour of day follow the sun (what decides when solar covers the load); the
    weather classes follow temperature (what moves the cooling load and the turbines' derate).

    Parameters
    ----------
    climate_spec : Climate
        Hourly weather [spec].
    solar_shape : array_like, optional
        A solar profile (any scale) to split on [1].
    by_hour_of_day : bool
        Which of the two designs [flag].

    Returns
    -------
    HourClasses
        [spec].
    """
    key = _key([] if solar_shape is None else [solar_shape], (by_hour_of_day,))
    cache = climate_spec.__dict__.setdefault("_hour_classes", {})
    if key in cache:
        return cache[key]
    cols = [climate_spec.dry_bulb_c, climate_spec.wet_bulb_c]
    if solar_shape is not None:
        cols.append(np.asarray(solar_shape, dtype=float))
    x = np.stack(cols, axis=1)
    x = x / np.where(np.ptp(x, axis=0) > 0, np.ptp(x, axis=0), 1.0)
    if by_hour_of_day:
        groups = MONTH_OF_HOUR * 24 + np.arange(HOURS) % 24
        labels = _labels_from_groups(groups, x[:, :2], HOUR_OF_DAY_SPLITS)
    else:
        labels = _labels_from_groups(MONTH_OF_HOUR, x, WEATHER_CLASSES_PER_MONTH)
    k = labels.max() + 1
    weights = np.bincount(labels, minlength=k).astype(float)
    month = np.bincount(labels, MONTH_OF_HOUR, minlength=k) // weights
    cache[key] = HourClasses(labels, weights, month.astype(int))
    return cache[key]


@dataclass(frozen=True, eq=False)
class Features:
    """Sample-independent hourly features φ_j(h) with what the positive-part sums need."""

    profiles: tuple[np.ndarray, ...]
    classes: HourClasses

    @cached_property
    def matrix(self) -> np.ndarray:
        return np.stack([np.asarray(p, dtype=float) for p in self.profiles])  # (F, H)

    @cached_property
    def sums(self) -> np.ndarray:
        return self.matrix.sum(axis=1)

    @cached_property
    def highs(self) -> np.ndarray:
        return self.matrix.max(axis=1)

    @cached_property
    def lows(self) -> np.ndarray:
        return self.matrix.min(axis=1)

    @cached_property
    def class_means(self) -> np.ndarray:
        c = self.classes
        return np.stack([np.bincount(c.labels, f, c.count) for f in self.matrix]) / c.weights

    @cached_property
    def class_cov(self) -> np.ndarray:
        """Within-class covariance, (F·F, K) (row i·F + j)."""
        c = self.classes
        dev = self.matrix - self.class_means[:, c.labels]
        f = len(self.profiles)
        out = np.empty((f * f, c.count))
        for i in range(f):
            for j in range(i, f):
                v = np.bincount(c.labels, dev[i] * dev[j], c.count) / c.weights
                out[i * f + j] = out[j * f + i] = v
        return out

    def bounds(self, c0, c) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper bounds over the year of c0 + c·φ(h), per sample (column by column:
        the sums are those of `sum(axis=1)`, the first term plus the rest in order)."""
        f = c.shape[1]
        if f == 0:
            return c0 + 0.0, c0 + 0.0
        ends = []
        for j, col in enumerate(np.ascontiguousarray(c.T)):  # (a contiguous copy per column)
            a, b = col * self.highs[j], col * self.lows[j]
            ends.append((np.minimum(a, b), np.maximum(a, b)))
        rest_lo, rest_hi = ends[1] if f > 1 else (0.0, 0.0)
        for lo, hi in ends[2:]:
            rest_lo, rest_hi = rest_lo + lo, rest_hi + hi
        return c0 + (ends[0][0] + rest_lo), c0 + (ends[0][1] + rest_hi)

    def class_values(self, c0, c) -> tuple[np.ndarray, np.ndarray]:
        """Class means of z = c0 + c·φ and their half-widths √3·σ_z: (n, K) each."""
        mean = c0[:, None] + serial_matmul(c, self.class_means)
        f = c.shape[1]
        var = serial_matmul((c[:, :, None] * c[:, None, :]).reshape(-1, f * f), self.class_cov)
        return mean, np.sqrt(3.0 * np.maximum(var, 0.0))


def uniform_positive_part(mean, half_width):
    """Mean of max(z, 0) for z uniform on [mean − a, mean + a].

    uniform_positive_part = mean (a ≤ mean), 0 (mean ≤ −a), (mean + a)² / (4a) otherwise
        = clip(mean + a, 0, 2a)² / (4a) + max(mean − a, 0)

    Parameters
    ----------
    mean, half_width : array_like
        [any unit].

    Returns
    -------
    numpy.ndarray
        [unit of mean].

    Examples
    --------
    >>> float(uniform_positive_part(0.0, 2.0))
    0.5
    """
    m = np.asarray(mean, dtype=float)
    a = np.asarray(half_width, dtype=float)
    u = np.clip(m + a, 0.0, 2.0 * a)  # (m + a) within [0, 2a]
    u *= u
    u /= np.maximum(4.0 * a, 1e-300)
    return u + np.maximum(m - a, 0.0)


CHUNK = 2048
"""Samples per block of the hour-class steps (bounds their memory to a few MB per array)."""


def positive_part_sum(features: Features, c0, c) -> np.ndarray:
    """Σ over the year of max(c0 + c·φ(h), 0), per sample: exact where z keeps one sign all
    year, over uniformly spread hour classes where it changes sign.

    positive_part_sum = 0 (max z ≤ 0) | c0·8760 + c·Σφ (min z ≥ 0)
        | Σ_k w_k · E[max(z, 0)], z ~ U[mean_k ∓ √3 σ_k] (otherwise)

    Parameters
    ----------
    features : Features
        Profiles φ and their hour classes [spec].
    c0 : array_like
        Shape (n,) [unit of z].
    c : array_like
        Shape (n, F) [unit of z per unit of φ].

    Returns
    -------
    numpy.ndarray
        Shape (n,) [unit of z · h].
    """
    c0 = np.asarray(c0, dtype=float)
    c = np.asarray(c, dtype=float)
    lo, hi = features.bounds(c0, c)
    out = np.where(lo >= 0, c0 * HOURS + serial_matmul(c, features.sums), 0.0)
    mid = np.nonzero((lo < 0) & (hi > 0))[0]
    for s in range(0, mid.size, CHUNK):
        ix = mid[s : s + CHUNK]
        mean, half = features.class_values(c0[ix], c[ix])
        out[ix] = serial_matmul(uniform_positive_part(mean, half), features.classes.weights)
    return out

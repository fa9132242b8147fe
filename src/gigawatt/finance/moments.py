"""Monthly flows summarised by year: the moments the fast path of the cash-flow model uses.

The monthly model (`cashflow`) puts a flow's amount of month m at the start of month m
(discount factor v^m). A year's months j = 0..11 (m = 12y + j) are summarised by the moments

    M_p[y] = Σ_{m in year y} a_m · (m − c_y)^p,   p = 0..3,   c_y = 12y + 5.5

computed exactly (closed forms on the month grid) for the shapes the model is made of: an
amount spread evenly over a window of days (capex over its task, depreciation, fixed opex, GPUs
online at full ramp), the linear ramp of a hall's GPUs coming online, integer-month sequences
α + β·m (debt service, lease rent) and single months (lumps). From the moments, any
geometric weighting e^{ℓ m} (discounting, escalation, an IRR trial rate) follows by the Taylor
series of e^{ℓ (m − c_y)} to third order:

    Σ_{m in y} a_m e^{ℓ m} ≈ e^{ℓ c_y} · (M_0 + ℓ M_1 + ℓ² M_2 / 2 + ℓ³ M_3 / 6)

whose error is below (ℓ · 5.5)^4 / 24 of the year's flow (2e-7 at 11 %/yr discounting).

`YearlySum` builds the moments of a sum of such shapes for many plans at once (a few
operations per shape and plan); `weighted`, `pv` and `escalate` apply the weights.
Arrays: moments are (4, year, plan); windows are given in days from the construction start.
"""

from __future__ import annotations

import math

import numpy as np

from gigawatt.schedule.templates import DAYS_PER_MONTH

NP = 4
"""Moments kept per year (p = 0..3)."""
YEAR_DAYS = 12 * DAYS_PER_MONTH
CENTRE = 5.5
"""Centre of a year in months from its start (moments are taken about 12y + 5.5)."""

_J = np.arange(13, dtype=float)  # months 0..12 of a year (12: the end)
_POW = (_J[None, :] - CENTRE) ** np.arange(NP)[:, None]  # (j − c)^p, (p, 13)
_S = np.concatenate([np.zeros((NP, 1)), np.cumsum(_POW[:, :12], axis=1)], axis=1)
"""Σ_{j<k} (j − c)^p for k = 0..12 (p, 13)."""
_JS = np.concatenate([np.zeros((NP, 1)), np.cumsum(_J[:12] * _POW[:, :12], axis=1)], axis=1)
"""Σ_{j<k} j (j − c)^p for k = 0..12 (p, 13)."""
_SD = DAYS_PER_MONTH * _S
"""Moments of a unit density over months 0..k−1 of a year (the full year: k = 12) [day]."""
_T = DAYS_PER_MONTH**2 * (_JS + 0.5 * _S)
"""Σ_{j<k} (j − c)^p ∫_{month j} τ dτ for k = 0..12 (p, 13) [day²]."""
_QB = _POW
"""Moments of a unit density on [0, τ), τ in month k of a year (k = 12: the year's end):
Q_p(τ) = D·S_p(k) + (k − c)^p (τ − kD) = _QA_p[k] + _QB_p[k]·τ."""
_QA = DAYS_PER_MONTH * (_S - _J * _POW)
_WA = _T - 0.5 * _POW * (_J * DAYS_PER_MONTH) ** 2
"""The same with the density τ: Q'_p(τ) = _WA_p[k] + _QB_p[k]·τ²/2."""
_FACT = np.array([math.factorial(p) for p in range(NP)], dtype=float)


def _years(shape_years: int) -> np.ndarray:
    return np.arange(shape_years, dtype=float)[:, None]


class Day:
    """The geometry of one edge day array on a grid: its year, cell and the moments of a
    unit density (and of the density τ) over its year before it.

    q[p] = Q_p(τ) = Σ_j (j − c)^p |[0, τ) ∩ month j|
    w[p] = Σ_j (j − c)^p ∫_{[0, τ) ∩ month j} τ' dτ'
    """

    def __init__(self, day: np.ndarray, grid: Grid):
        year = np.floor(day * (1.0 / YEAR_DAYS))
        np.clip(year, 0, grid.pad - 1, out=year)
        self.year = year
        self.cell = year.astype(np.intp) * grid.plans + grid.cols
        tau = day - year * YEAR_DAYS
        self._tau = tau
        self._k = k = np.minimum(tau * (1.0 / DAYS_PER_MONTH), 12.0).astype(np.intp)  # τ ≥ 0
        q = np.empty((NP, day.size))
        q[0] = tau
        qb = _QB[1:].take(k, axis=1)
        np.multiply(qb, tau, out=q[1:])
        q[1:] += _QA[1:].take(k, axis=1)
        self.q = q
        self._w = None

    @property
    def w(self) -> np.ndarray:
        if self._w is None:
            half = 0.5 * (self._tau * self._tau)
            w = np.empty_like(self.q)
            w[0] = half
            np.multiply(_QB[1:].take(self._k, axis=1), half, out=w[1:])
            w[1:] += _WA[1:].take(self._k, axis=1)
            self._w = w
        return self._w


class Grid:
    """The years and plans of a block of plans; the geometry of each edge day is computed
    once (`day`) and shared by every `YearlySum` of the grid (equal day arrays, by value)."""

    def __init__(self, years: int, plans: int):
        self.years, self.plans = years, plans
        self.pad = years + 2  # room for edges at (or after) the grid's end
        self.cols = np.arange(plans)
        self._by_value: dict[bytes, Day] = {}
        self._by_id: dict[int, tuple] = {}

    def day(self, day) -> Day:
        """The geometry of an edge day array (plan,) or scalar [day]."""
        hit = self._by_id.get(id(day))
        if hit is not None and hit[0] is day:
            return hit[1]
        arr = np.ascontiguousarray(np.broadcast_to(np.asarray(day, float), (self.plans,)))
        key = arr.tobytes()
        found = self._by_value.get(key)
        if found is None:
            found = self._by_value[key] = Day(arr, self)
        self._by_id[id(day)] = (day, found)  # the reference keeps the id unique
        return found

    def sum(self) -> YearlySum:
        """An empty sum of flows on this grid."""
        return YearlySum(self.years, self.plans, self)


class YearlySum:
    """Yearly moments (4, year, plan) of a sum of windows, lumps and sequences.

    A window is two edges: a density switched on at a day and off at another. An edge adds
    its density to the full years after it through a difference array over the years, and a
    correction to its own (partial) year. Edges and lumps are collected and evaluated
    together in `moments` (one pass over all of them, sums by `np.bincount`), so the cost is
    a few operations per edge and plan; the geometry of each edge day comes from the `Grid`
    (shared by the sums of one block of plans).

    A density is a + b·365.25·y + c·τ on year y (τ: day of the year), i.e. a + b·t' + c·t
    with t the day and t' the start of its year: enough for flat spreads and linear ramps.
    """

    def __init__(self, years: int, plans: int, grid: Grid | None = None):
        self.grid = grid if grid is not None else Grid(years, plans)
        self.years, self.plans = years, plans
        self.pad = self.grid.pad
        self._edges: list[tuple] = []
        self._points: list[tuple] = []
        self.dense = None

    def edge(self, day, a=0.0, b=None, c=None) -> None:
        """The density a + b·365.25·y + c·τ starts at `day` ≥ 0 (end it with negative a, b,
        c; None: 0)."""
        self._edges.append((day, a, b, c))

    def window(self, rho, s, f) -> None:
        """Add the density rho on the days [s, f) (s ≤ f)."""
        self.edge(s, rho)
        self.edge(f, -np.asarray(rho, float))

    def point(self, amount, month) -> None:
        """Add an amount in one (integer) month."""
        self._points.append((amount, month))

    def _merged_edges(self) -> list[list]:
        """Edges on the same day (by value) summed: [Day, a, b, c]."""
        merged: dict[int, list] = {}
        for day, a, b, c in self._edges:
            g = self.grid.day(day)
            e = merged.get(id(g))
            if e is None:
                merged[id(g)] = [g, a, b, c]
                continue
            e[1] = e[1] + a
            e[2] = b if e[2] is None else (e[2] if b is None else e[2] + b)
            e[3] = c if e[3] is None else (e[3] if c is None else e[3] + c)
        return list(merged.values())

    def sequence(self, alpha, beta, m0, m1) -> None:
        """Add α + β·m in each month m0 ≤ m < m1 (integers; empty if m1 ≤ m0): the density
        (α − β/2)/D + β·t/D² on the days [m0·D, m1·D), whose integral over month m is α + βm."""
        m0 = np.asarray(m0, float)
        m1 = np.maximum(np.asarray(m1, float), m0)
        beta = np.asarray(beta, float)
        a = (np.asarray(alpha, float) - 0.5 * beta) / DAYS_PER_MONTH
        if not beta.any():
            self.edge(m0 * DAYS_PER_MONTH, a)
            self.edge(m1 * DAYS_PER_MONTH, -a)
            return
        c = beta / DAYS_PER_MONTH**2
        self.edge(m0 * DAYS_PER_MONTH, a, c, c)
        self.edge(m1 * DAYS_PER_MONTH, -a, -c, -c)

    def add(self, moments: np.ndarray) -> None:
        """Add moments (4, year, plan) computed elsewhere."""
        self.dense = moments if self.dense is None else self.dense + moments

    def moments(self) -> np.ndarray:
        # Every edge and point at once on (edge, plan) arrays; the corrections are summed into
        # their (year, plan) cells by `np.bincount` in edge order (as adding them one edge at a
        # time would), the steps of the density likewise, then run over the years by cumsum.
        n, cells = self.plans, self.pad * self.plans
        edges = self._merged_edges()
        idx_parts, w_parts, steps = [], [], {}
        if edges:
            e = len(edges)
            idx = np.empty((e, n), dtype=np.intp)
            corr = np.empty((NP, e, n))
            for slot, name in ((1, "a"), (2, "b"), (3, "c")):
                if any(x[slot] is not None for x in edges):
                    steps[name] = np.zeros((e, n))
            for i, (g, a, b, c) in enumerate(edges):
                idx[i] = g.cell
                # the part of the edge's own year before it: −(a + b·365.25·y)·Q − c·W
                unit = -np.broadcast_to(np.asarray(a, float), (n,))
                steps["a"][i] = a
                if b is not None:
                    steps["b"][i] = b
                    unit = unit - (b * YEAR_DAYS) * g.year
                np.multiply(g.q, unit, out=corr[:, i])
                if c is not None:
                    steps["c"][i] = c
                    corr[:, i] -= np.asarray(c, float) * g.w
            idx_parts.append(idx.reshape(-1))
            w_parts.append(corr.reshape(NP, -1))
        if self._points:
            month = np.empty((len(self._points), n))
            amount = np.empty((len(self._points), n))
            for i, (a, m) in enumerate(self._points):
                amount[i], month[i] = a, m
            year = np.clip(np.floor(month / 12.0), 0, self.pad - 1)
            idx = year.astype(np.intp) * n + self.grid.cols
            j = np.clip(month - 12 * year, 0, 11).astype(np.intp)
            idx_parts.append(idx.reshape(-1))
            w_parts.append((amount * _POW.take(j, axis=1)).reshape(NP, -1))
        out = np.empty((NP, self.years, n))
        if idx_parts:
            idx = np.concatenate(idx_parts) if len(idx_parts) > 1 else idx_parts[0]
            w = np.concatenate(w_parts, axis=1) if len(w_parts) > 1 else w_parts[0]
            for p in range(NP):
                out[p] = np.bincount(idx, w[p], cells)[: self.years * n].reshape(-1, n)
        else:
            out.fill(0.0)
        if steps:  # running sums of the steps over the years
            coef = {}
            for name, v in steps.items():
                c = np.bincount(idx_parts[0], v.reshape(-1), cells).reshape(-1, n)[: self.years]
                for y in range(1, self.years):  # (np.cumsum over axis 0 is ~10x slower)
                    c[y] += c[y - 1]
                coef[name] = c
            unit = coef["a"]
            if "b" in coef:
                unit += (YEAR_DAYS * _years(self.years)) * coef["b"]
            tmp = np.empty_like(unit)
            for p in range(NP):
                out[p] += np.multiply(unit, _SD[p, 12], out=tmp)
                if "c" in coef:
                    out[p] += np.multiply(coef["c"], _T[p, 12], out=tmp)
        return out if self.dense is None else out + self.dense


def point_moments(amount, month, years: int) -> np.ndarray:
    """Yearly moments of an amount in one month.

    point_moments[p, y] = amount · (month − c_y)^p for the year of the month, else 0

    Parameters
    ----------
    amount : array
        (plan,) [USD].
    month : array
        Integer month (plan,) [month].
    years : int
        [count].

    Returns
    -------
    array
        (4, year, plan) [USD].
    """
    month = np.asarray(month, float)
    y = np.floor(month / 12.0)
    pw = np.take(_POW, (month - 12 * y).astype(np.intp), axis=1)  # (p, plan)
    return (_years(years) == y)[None] * (np.asarray(amount, float) * pw)[:, None]


def add_point(moments: np.ndarray, amount, month) -> None:
    """moments += point_moments(amount, month, years), in place: only the cell of each
    plan's month changes.

    Parameters
    ----------
    moments : array
        (4, year, plan) [USD], changed in place.
    amount : array
        (plan,) [USD].
    month : array
        Integer month (plan,) [month].
    """
    month = np.asarray(month, float)
    y = np.floor(month / 12.0)
    pw = np.take(_POW, (month - 12 * y).astype(np.intp), axis=1)  # (p, plan)
    cols = np.flatnonzero((y >= 0) & (y < moments.shape[1]))
    moments[:, y[cols].astype(np.intp), cols] += (np.asarray(amount, float) * pw)[:, cols]


def year_weights(lw, years: int) -> np.ndarray:
    """e^{ℓ c_y} for each year (year, plan): two exponentials per plan, then products."""
    lw = np.asarray(lw, float).reshape(np.shape(lw) or (1,))
    out = np.empty((years, *lw.shape))
    out[0] = np.exp(CENTRE * lw)
    step = np.exp(12.0 * lw)
    for y in range(1, years):
        out[y] = out[y - 1] * step
    return out


def weighted(moments: np.ndarray, lw) -> np.ndarray:
    """Yearly sums of a flow weighted by e^{ℓ m} (ℓ per plan): discounting, escalation.

    weighted[y] = e^{ℓ c_y} · Σ_p ℓ^p / p! · M_p[y]

    Parameters
    ----------
    moments : array
        (4, year, plan) [USD].
    lw : array
        ℓ per month, per plan [1/month].

    Returns
    -------
    array
        (year, plan) [USD].
    """
    lw = np.asarray(lw, float)
    poly = moments[NP - 1]
    for p in range(NP - 2, -1, -1):  # Horner: M_0 + ℓ(M_1 + ℓ/2 (M_2 + ℓ/3 M_3))
        poly = moments[p] + (lw / (p + 1)) * poly
    return year_weights(lw, moments.shape[1]) * poly


def pv(moments: np.ndarray, lw) -> np.ndarray:
    """Present value Σ_m a_m e^{ℓ m} (ℓ = −ln(1 + monthly rate)), per plan.

    pv = Σ_y weighted(moments, ℓ)[y]

    Parameters
    ----------
    moments : array
        (4, year, plan) [USD].
    lw : array
        [1/month].

    Returns
    -------
    array
        (plan,) [USD].
    """
    return weighted(moments, lw).sum(axis=0)


def escalate(moments: np.ndarray, lw) -> np.ndarray:
    """Moments of the flow multiplied by e^{ℓ m} (to the same order), so that
    weighted(escalate(M, ℓ1), ℓ2) = weighted(M, ℓ1 + ℓ2).

    escalate[q, y] = e^{ℓ c_y} · Σ_{p ≥ q} ℓ^{p − q} / (p − q)! · M_p[y]

    Parameters
    ----------
    moments : array
        (4, year, plan) [USD].
    lw : array
        [1/month].

    Returns
    -------
    array
        (4, year, plan) [USD].
    """
    lw = np.asarray(lw, float)
    out = np.empty(np.broadcast_shapes(moments.shape, np.shape(lw)))
    out[NP - 1] = moments[NP - 1]  # ℓ^0 / 0! = 1
    for q in range(NP - 1):
        acc = moments[NP - 1] * (lw ** (NP - 1 - q) / _FACT[NP - 1 - q])
        for p in range(NP - 2, q, -1):
            acc += moments[p] * (lw ** (p - q) / _FACT[p - q])
        np.add(acc, moments[q], out=out[q])
    out *= year_weights(lw, moments.shape[1])
    return out

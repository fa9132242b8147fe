"""Debt and lease sources by month: draws, interest during construction, repayment.

Rates are nominal per year, compounded monthly (i = rate / 12); a flow in month m falls at
the start of that month. Debt (project debt and GPU-backed loans) is drawn with the capex
it funds; interest is capitalised until the funded assets are all in service (the
commercial-operation month c), then the balance is repaid in `tenor` monthly payments in
arrears, months c + 1 ... c + n (annuity, linear or bullet). A lease vehicle buys its share
of the assets and is paid a level rent for n months from the month after each delivery.
Borrowing at the discount rate therefore leaves every present value unchanged. Every level
payment comes from `capital_recovery_factor`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gigawatt.finance.annuity import capital_recovery_factor


@dataclass
class SourceFlows:
    """Monthly flows of one source (M, plan) [USD] and totals (plan,) [USD]."""

    name: str
    kind: str
    rate_frac: float
    tenor_years: float
    draws: np.ndarray
    interest: np.ndarray  # paid (after commercial operation); lease: none
    principal: np.ndarray
    rent: np.ndarray  # lease only
    fees: np.ndarray
    idc_usd: np.ndarray  # interest during construction, capitalised
    balance_end_usd: np.ndarray  # owed at the end of the horizon
    cod_month: np.ndarray

    @property
    def drawn_usd(self) -> np.ndarray:
        return self.draws.sum(axis=0)

    @property
    def fees_usd(self) -> np.ndarray:
        return self.fees.sum(axis=0)

    @property
    def service(self) -> np.ndarray:
        return self.interest + self.principal + self.rent


def balance_before_operation_usd(draws_usd, monthly_rate_frac):
    """Balance in each month, that month's draw included, with interest capitalised.

    balance_before_operation_usd[m] = Σ_{k≤m} draws_usd[k] · (1 + i)^(m − k)

    Parameters
    ----------
    draws_usd : array
        Draws by month, time on axis 0 [USD].
    monthly_rate_frac : numeric
        i, per plan [1].

    Returns
    -------
    array
        (M, plan) [USD].
    """
    d = np.asarray(draws_usd, dtype=float)
    m = np.arange(d.shape[0]).reshape((-1,) + (1,) * (d.ndim - 1))
    growth = (1.0 + np.asarray(monthly_rate_frac)) ** m
    return growth * np.cumsum(d / growth, axis=0)


def remaining_frac(monthly_rate_frac, payments_made, payments_count):
    """Share of an annuity loan's principal still owed after some level payments.

    remaining_frac = ((1+i)^n − (1+i)^p) / ((1+i)^n − 1), and 1 − p/n when i = 0

    Parameters
    ----------
    monthly_rate_frac : numeric
        i [1].
    payments_made : numeric
        p, clipped to [0, n] [count].
    payments_count : numeric
        n [count].

    Returns
    -------
    numeric
        [1].
    """
    i = np.asarray(monthly_rate_frac, dtype=float)
    n = np.asarray(payments_count, dtype=float)
    p = np.clip(payments_made, 0, n)
    log_g = np.log1p(i)
    gn1, gp1 = np.expm1(n * log_g), np.expm1(p * log_g)  # (1+i)^n − 1, exact for tiny i
    return np.where(i > 0, (gn1 - gp1) / np.where(i > 0, gn1, 1.0), 1.0 - p / n)


def source_flows(src, draws, cod_month, end_month, months) -> SourceFlows:
    """Flows of one `finance.financing` source given its draws (M, plan)."""
    from gigawatt.scenario import central

    rate = float(central(src.rate_frac))
    n = max(1, round(float(central(src.tenor_years)) * 12))
    i = rate / 12.0
    crf = capital_recovery_factor(i, n)
    m = np.arange(months).reshape(-1, 1)
    fees = float(central(src.upfront_fee_frac)) * draws
    zeros = np.zeros_like(draws)
    end = np.asarray(end_month)
    if src.kind == "lease":
        # rent for n months from the month after each draw
        cum = np.concatenate([np.zeros_like(draws[:1]), np.cumsum(draws, axis=0)])
        hi = np.clip(m, 0, months)  # draws up to month m-1
        lo = np.clip(m - n, 0, months)
        rent = crf * (
            np.take_along_axis(cum, np.broadcast_to(hi, draws.shape), 0)
            - np.take_along_axis(cum, np.broadcast_to(lo, draws.shape), 0)
        )
        paid = np.clip(end - 1 - m, 0, n)  # payments made by the end for the cohort of month m
        owed = np.sum(draws * remaining_frac(i, paid, n) * (m < end), axis=0)
        return SourceFlows(
            src.name or src.kind,
            src.kind,
            rate,
            n / 12,
            draws,
            zeros,
            zeros,
            rent * (m < end),
            fees,
            np.zeros(owed.shape),
            owed,
            np.zeros(owed.shape),
        )
    bal = balance_before_operation_usd(draws, i)
    last_draw = months - 1 - np.argmax((draws > 0)[::-1], axis=0)
    cod = np.clip(np.maximum(np.asarray(cod_month), last_draw), 0, months - 1)
    b_cod = np.take_along_axis(bal, np.broadcast_to(cod, bal.shape[1:])[None], 0)[0]
    idc = b_cod - draws.sum(axis=0)
    tau = m - cod - 1  # payments made before this one (in arrears from operation)
    live = (tau >= 0) & (tau < n)
    if src.amortization == "annuity":
        left = b_cod * remaining_frac(i, tau, n)
        interest = i * left
        principal = b_cod * crf - interest
    elif src.amortization == "linear":
        left = b_cod * (1.0 - np.clip(tau, 0, n) / n)
        interest = i * left
        principal = np.broadcast_to(b_cod / n, left.shape)
    else:  # bullet
        interest = np.broadcast_to(i * b_cod, tau.shape)
        principal = np.where(tau == n - 1, b_cod, 0.0)
    keep = live & (m < end)
    interest, principal = np.where(keep, interest, 0.0), np.where(keep, principal, 0.0)
    repaid = principal.sum(axis=0)
    owed = b_cod - repaid
    return SourceFlows(
        src.name or src.kind,
        src.kind,
        rate,
        n / 12,
        draws,
        interest,
        principal,
        zeros,
        fees,
        idc,
        owed,
        cod,
    )

"""Site climate: a typical year of hourly dry-bulb and wet-bulb temperature.

Built from monthly climate normals shipped with gigawatt (`data/climate.yaml`: mean daily
maximum and minimum per month for the campus sites), or read from a weather file the user gives
(EnergyPlus EPW, or CSV with `dry_bulb_c` and one of `wet_bulb_c`, `dew_point_c`,
`relative_humidity_frac`; 8,760 rows).

From normals: monthly means are interpolated to daily values (mid-month anchors, periodic), each
day follows ASHRAE's 24-hour profile of the daily range, the dew point is the daily minimum less
a site aridity offset (FAO-56), humidity from the Magnus formula and wet bulb from Stull (2011).
A typical year from normals has no weather fronts or heat waves: its hottest hour is the mean
July afternoon, a few degrees below the ASHRAE 0.4 % design temperature. Design values (peak
cooling, turbine derating) therefore keep the catalog's design-day margins.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from gigawatt.errors import GigawattInputError, Problem

HOURS = 8760
DAYS = 365
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_MID_MONTH_DAY = np.cumsum(_MONTH_DAYS) - _MONTH_DAYS / 2.0  # day of year (0-based, fractional)
MONTH_OF_HOUR = np.repeat(np.repeat(np.arange(12), _MONTH_DAYS), 24)
"""Month index (0-11) of every hour of a non-leap year."""

DAILY_RANGE_FRAC = np.array(
    [0.87, 0.92, 0.96, 0.99, 1.00, 0.98, 0.93, 0.84, 0.71, 0.56, 0.39, 0.23,
     0.11, 0.03, 0.00, 0.03, 0.10, 0.21, 0.34, 0.47, 0.58, 0.68, 0.76, 0.82]
)  # fmt: skip
"""Fraction of the daily temperature range below the daily maximum, for hours ending 01:00 to
24:00 local time (ASHRAE Handbook of Fundamentals 2009, ch. 14, table 6; [M]: transcribed from
the handbook, not re-checked this session)."""

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "climate.yaml"


@dataclass(frozen=True)
class Climate:
    """A year of hourly weather at the site (8,760 values each)."""

    name: str
    dry_bulb_c: np.ndarray
    wet_bulb_c: np.ndarray
    latitude_deg: float | None
    source: str


def daily_from_monthly_c(monthly_c):
    """Daily values from 12 monthly means, linear between mid-month anchors (periodic).

    daily_from_monthly_c = interp(day, mid_month_day, monthly_c)

    Parameters
    ----------
    monthly_c : array_like
        Twelve monthly values [°C].

    Returns
    -------
    numpy.ndarray
        365 daily values [°C].
    """
    m = np.asarray(monthly_c, dtype=float)
    xp = np.concatenate([[_MID_MONTH_DAY[-1] - DAYS], _MID_MONTH_DAY, [_MID_MONTH_DAY[0] + DAYS]])
    fp = np.concatenate([[m[-1]], m, [m[0]]])
    return np.interp(np.arange(DAYS) + 0.5, xp, fp)


def hourly_dry_bulb_c(tmax_daily_c, tmin_daily_c):
    """Hourly dry-bulb temperature from daily maxima and minima on ASHRAE's daily profile.

    hourly_dry_bulb_c = tmax_daily_c − DAILY_RANGE_FRAC[hour] · (tmax_daily_c − tmin_daily_c)

    Parameters
    ----------
    tmax_daily_c, tmin_daily_c : array_like
        365 daily maxima and minima [°C].

    Returns
    -------
    numpy.ndarray
        8,760 hourly values [°C].

    References
    ----------
    .. [1] ASHRAE Handbook — Fundamentals (2009), ch. 14 "Climatic design information",
       table 6 (fraction of daily temperature range).
    """
    tmax = np.asarray(tmax_daily_c, dtype=float)[:, None]
    tmin = np.asarray(tmin_daily_c, dtype=float)[:, None]
    return (tmax - DAILY_RANGE_FRAC[None, :] * (tmax - tmin)).ravel()


def saturation_vapor_pressure_hpa(temperature_c):
    """Saturation vapour pressure over water (Magnus form, Alduchov and Eskridge coefficients).

    saturation_vapor_pressure_hpa = 6.1094 · exp(17.625 · T / (T + 243.04))

    Parameters
    ----------
    temperature_c : numeric
        [°C].

    Returns
    -------
    numeric
        [hPa].

    References
    ----------
    .. [1] O. A. Alduchov, R. E. Eskridge, "Improved Magnus form approximation of saturation
       vapor pressure", J. Appl. Meteor. 35 (1996) 601-609,
       doi:10.1175/1520-0450(1996)035<0601:IMFAOS>2.0.CO;2.
    """
    t = np.asarray(temperature_c, dtype=float)
    return 6.1094 * np.exp(17.625 * t / (t + 243.04))


def relative_humidity_frac(dry_bulb_c, dew_point_c):
    """Relative humidity from dry bulb and dew point.

    relative_humidity_frac = e_s(dew_point_c) / e_s(dry_bulb_c), at most 1

    Parameters
    ----------
    dry_bulb_c, dew_point_c : numeric
        [°C].

    Returns
    -------
    numeric
        [1].
    """
    rh = saturation_vapor_pressure_hpa(dew_point_c) / saturation_vapor_pressure_hpa(dry_bulb_c)
    return np.minimum(rh, 1.0)


def wet_bulb_c(dry_bulb_c, relative_humidity_frac):
    """Wet-bulb temperature from dry bulb and relative humidity at sea-level pressure.

    wet_bulb_c = T·atan(0.151977·(RH + 8.313659)^0.5) + atan(T + RH) − atan(RH − 1.676331)
        + 0.00391838·RH^1.5·atan(0.023101·RH) − 4.686035, with RH in percent

    Stull's fit is within about ±0.3 °C for RH 5-99 % and −20 to 50 °C.

    Parameters
    ----------
    dry_bulb_c : numeric
        [°C].
    relative_humidity_frac : numeric
        [1].

    Returns
    -------
    numeric
        [°C].

    References
    ----------
    .. [1] R. Stull, "Wet-bulb temperature from relative humidity and air temperature",
       J. Appl. Meteor. Climatol. 50 (2011) 2267-2269, doi:10.1175/JAMC-D-11-0143.1.

    Examples
    --------
    >>> round(float(wet_bulb_c(20.0, 0.50)), 1)  # Stull (2011): 13.7 °C
    13.7
    """
    t = np.asarray(dry_bulb_c, dtype=float)
    rh = 100.0 * np.clip(np.asarray(relative_humidity_frac, dtype=float), 0.05, 0.99)
    tw = (
        t * np.arctan(0.151977 * np.sqrt(rh + 8.313659))
        + np.arctan(t + rh)
        - np.arctan(rh - 1.676331)
        + 0.00391838 * rh**1.5 * np.arctan(0.023101 * rh)
        - 4.686035
    )
    return np.minimum(tw, t)


def climate_from_normals(
    name, tmax_monthly_c, tmin_monthly_c, dew_point_depression_c, latitude_deg, source=""
):
    """A typical year of hourly weather from monthly normals (see the module docstring)."""
    tmax_d = daily_from_monthly_c(tmax_monthly_c)
    tmin_d = daily_from_monthly_c(tmin_monthly_c)
    dry = hourly_dry_bulb_c(tmax_d, tmin_d)
    dew = np.repeat(tmin_d - dew_point_depression_c, 24)
    dew = np.minimum(dew, dry)
    wet = wet_bulb_c(dry, relative_humidity_frac(dry, dew))
    return Climate(name, dry, wet, latitude_deg, source)


def _f_to_c(values) -> np.ndarray:
    return (np.asarray(values, dtype=float) - 32.0) / 1.8


@lru_cache(maxsize=1)
def _normals() -> dict:
    from gigawatt import yamlio

    return yamlio.load(DATA_FILE.read_text(encoding="utf-8"))["sites"]


def site_ids() -> list[str]:
    """Sites with shipped climate normals."""
    return sorted(_normals())


def site_normals(site_id: str) -> dict:
    """The shipped record of one site (name, latitude, normals in °F, source)."""
    return _normals()[site_id]


@lru_cache(maxsize=16)
def _load(name: str, mtime: float) -> Climate:
    if name in _normals():
        s = _normals()[name]
        return climate_from_normals(
            name,
            _f_to_c(s["tmax_f"]),
            _f_to_c(s["tmin_f"]),
            float(s["dew_point_depression_c"]),
            float(s["latitude_deg"]),
            f"{s['source']} [{s['confidence']}]",
        )
    return read_weather_file(Path(name))


def climate_spec(climate_name):
    """The site's hourly weather: shipped normals by site id, or a weather file by path.

    climate_spec = typical year from normals (site id) | weather file (path)

    Parameters
    ----------
    climate_name : str
        Site id of `data/climate.yaml` (e.g. ``memphis-tn``) or a path to an EPW/CSV file [name].

    Returns
    -------
    Climate
        Hourly dry and wet bulb [spec].
    """
    name = str(climate_name)
    if name in _normals():
        return _load(name, 0.0)
    path = Path(name)
    if not path.is_file():
        raise GigawattInputError(
            [
                Problem(
                    "site.climate",
                    f"neither a site with shipped normals ({', '.join(site_ids())}) nor a "
                    "weather file that exists",
                    name,
                    True,
                )
            ]
        )
    return _load(str(path.resolve()), path.stat().st_mtime)


def _bad(path: Path, reason: str) -> GigawattInputError:
    return GigawattInputError([Problem("site.climate", reason, str(path), True)])


def read_weather_file(path: Path) -> Climate:
    """Read 8,760 hours of weather from an EnergyPlus EPW file or a CSV file."""
    try:
        text = path.read_text(encoding="utf-8", errors="strict")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, f"cannot read the weather file: {exc}") from None
    rows = list(csv.reader(text.splitlines()))
    if path.suffix.lower() == ".epw":
        lat = None
        try:
            lat = float(rows[0][6])
            data = np.array([[float(r[6]), float(r[7])] for r in rows[8:] if r], dtype=float)
        except (IndexError, ValueError):
            raise _bad(path, "malformed EPW file (dry bulb and dew point columns 7-8)") from None
        if len(data) != HOURS:
            raise _bad(path, f"an EPW file must hold 8,760 hours, found {len(data)}")
        dry, dew = data[:, 0], np.minimum(data[:, 1], data[:, 0])
        wet = wet_bulb_c(dry, relative_humidity_frac(dry, dew))
        return Climate(path.name, dry, wet, lat, f"weather file {path}")
    if not rows:
        raise _bad(path, "empty weather file")
    header = [h.strip() for h in rows[0]]
    if "dry_bulb_c" not in header:
        raise _bad(path, "a CSV weather file needs a `dry_bulb_c` column")
    body = [r for r in rows[1:] if r]
    if len(body) != HOURS:
        raise _bad(path, f"a weather file must hold 8,760 hourly rows, found {len(body)}")
    try:
        cols = {h: np.array([float(r[i]) for r in body]) for i, h in enumerate(header)}
    except (ValueError, IndexError):
        raise _bad(path, "non-numeric or missing values in the weather file") from None
    dry = cols["dry_bulb_c"]
    if not np.all(np.isfinite(dry)) or dry.min() < -80 or dry.max() > 65:
        raise _bad(path, "dry_bulb_c outside -80..65 °C")
    if "wet_bulb_c" in cols:
        wet = np.minimum(cols["wet_bulb_c"], dry)
    elif "dew_point_c" in cols:
        wet = wet_bulb_c(dry, relative_humidity_frac(dry, np.minimum(cols["dew_point_c"], dry)))
    elif "relative_humidity_frac" in cols:
        rh = cols["relative_humidity_frac"]
        if rh.min() < 0 or rh.max() > 1:
            raise _bad(path, "relative_humidity_frac must lie in 0..1")
        wet = wet_bulb_c(dry, rh)
    else:
        raise _bad(path, "needs one of wet_bulb_c, dew_point_c, relative_humidity_frac")
    return Climate(path.name, dry, wet, None, f"weather file {path}")


def solar_cos_zenith(latitude_deg):
    """Cosine of the solar zenith angle at the middle of every hour (local solar time).

    solar_cos_zenith = sin φ · sin δ + cos φ · cos δ · cos ω, with
        δ = 23.45° · sin(360° · (284 + n) / 365) and ω = 15° · (hour − 12)

    Parameters
    ----------
    latitude_deg : float
        Site latitude [°].

    Returns
    -------
    numpy.ndarray
        8,760 values, negative at night [1].

    References
    ----------
    .. [1] P. I. Cooper, "The absorption of radiation in solar stills", Solar Energy 12 (1969)
       333-346, doi:10.1016/0038-092X(69)90047-4 (declination); J. A. Duffie, W. A. Beckman,
       Solar Engineering of Thermal Processes, 4th ed., Wiley 2013, eq. 1.6.5.
    """
    n = np.repeat(np.arange(1, DAYS + 1), 24)
    hour = np.tile(np.arange(24) + 0.5, DAYS)
    decl = np.radians(23.45) * np.sin(2 * np.pi * (284 + n) / 365.0)
    phi = np.radians(latitude_deg)
    omega = np.radians(15.0 * (hour - 12.0))
    return np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)


def solar_profile_frac(climate_spec, solar_capacity_frac):
    """Hourly PV output per MW installed, shaped by the sun's height, scaled to the annual
    capacity factor.

    solar_profile_frac = max(cos θz, 0) · solar_capacity_frac · 8760 / Σ max(cos θz, 0)

    A clear-sky shape scaled to the annual energy: cloudy days are spread evenly, so the
    hour-to-hour variability of real PV is understated.

    Parameters
    ----------
    climate_spec : Climate
        Site climate (its latitude; 35° N when a weather file gives none) [spec].
    solar_capacity_frac : numeric
        Annual AC capacity factor of the PV plant [1].

    Returns
    -------
    numpy.ndarray
        8,760 values in 0..1 [1].
    """
    lat = climate_spec.latitude_deg if climate_spec.latitude_deg is not None else 35.0
    shape = _sun_shape(float(lat))
    prof = shape * (float(solar_capacity_frac) * HOURS / shape.sum())
    return np.minimum(prof, 1.0)


@lru_cache(maxsize=16)
def _sun_shape(latitude_deg: float) -> np.ndarray:
    """max(cos θz, 0) every hour at a latitude (cached, read-only)."""
    out = np.maximum(solar_cos_zenith(latitude_deg), 0.0)
    out.flags.writeable = False
    return out

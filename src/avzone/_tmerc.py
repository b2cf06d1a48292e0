"""A transverse Mercator projection on WGS84 in plain Python and numpy (no pyproj).

The Poder/Engsager ("exact") algorithm as PROJ implements it for
``+proj=tmerc +k=1 +x_0=0 +y_0=0 +ellps=WGS84`` (its default algorithm):
the same series, constants and order of operations, written for one point
(Python floats, :mod:`math`) or many (numpy arrays). It agrees with PROJ's
to a few nanometres. avzone uses it for the local projection in which the
nearest point of a zone's edge is found (:class:`avzone.geodesy.BoundaryDistance`),
so that a one-point answer does not import pyproj.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: WGS84 semi-major axis (m) and flattening.
A = 6378137.0
F = 1 / 298.257223563
_RA = 1 / A
_ORDER = 6
_LIMIT = 2.623395162778  # |normalised easting| beyond this (about 150 degrees) is outside the projection


def _gatg(p: tuple[float, ...], b: Any, cos_2b: Any, sin_2b: Any) -> Any:
    h: Any = 0.0
    h2: Any = 0.0
    two_cos_2b = 2 * cos_2b
    h1: Any = p[-1]
    for c in reversed(p[:-1]):
        h = -h2 + two_cos_2b * h1 + c
        h2 = h1
        h1 = h
    return b + h * sin_2b


def _clens_complex(a: tuple[float, ...], sin_r: Any, cos_r: Any, sinh_i: Any, cosh_i: Any) -> tuple[Any, Any]:
    r = 2 * cos_r * cosh_i
    i = -2 * sin_r * sinh_i
    hi1: Any = 0.0
    hr1: Any = 0.0
    hi: Any = 0.0
    hr: Any = a[-1]
    for c in reversed(a[:-1]):
        hr2, hi2 = hr1, hi1
        hr1, hi1 = hr, hi
        hr = -hr2 + r * hr1 - i * hi1 + c
        hi = -hi2 + i * hr1 + r * hi1
    r = sin_r * cosh_i
    i = cos_r * sinh_i
    return r * hr - i * hi, r * hi + i * hr


def _clens(a: tuple[float, ...], arg: float) -> float:
    r = 2 * math.cos(arg)
    hr1 = 0.0
    hr = a[-1]
    for c in reversed(a[:-1]):
        hr2 = hr1
        hr1 = hr
        hr = -hr2 + r * hr1 + c
    return math.sin(arg) * hr


def _coefficients() -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...], float]:
    n = F / (2 - F)  # third flattening
    np_ = n
    cgb = [0.0] * _ORDER
    cbg = [0.0] * _ORDER
    utg = [0.0] * _ORDER
    gtu = [0.0] * _ORDER
    cgb[0] = n * (2 + n * (-2 / 3.0 + n * (-2 + n * (116 / 45.0 + n * (26 / 45.0 + n * (-2854 / 675.0))))))
    cbg[0] = n * (-2 + n * (2 / 3.0 + n * (4 / 3.0 + n * (-82 / 45.0 + n * (32 / 45.0 + n * (4642 / 4725.0))))))
    np_ *= n
    cgb[1] = np_ * (7 / 3.0 + n * (-8 / 5.0 + n * (-227 / 45.0 + n * (2704 / 315.0 + n * (2323 / 945.0)))))
    cbg[1] = np_ * (5 / 3.0 + n * (-16 / 15.0 + n * (-13 / 9.0 + n * (904 / 315.0 + n * (-1522 / 945.0)))))
    np_ *= n
    cgb[2] = np_ * (56 / 15.0 + n * (-136 / 35.0 + n * (-1262 / 105.0 + n * (73814 / 2835.0))))
    cbg[2] = np_ * (-26 / 15.0 + n * (34 / 21.0 + n * (8 / 5.0 + n * (-12686 / 2835.0))))
    np_ *= n
    cgb[3] = np_ * (4279 / 630.0 + n * (-332 / 35.0 + n * (-399572 / 14175.0)))
    cbg[3] = np_ * (1237 / 630.0 + n * (-12 / 5.0 + n * (-24832 / 14175.0)))
    np_ *= n
    cgb[4] = np_ * (4174 / 315.0 + n * (-144838 / 6237.0))
    cbg[4] = np_ * (-734 / 315.0 + n * (109598 / 31185.0))
    np_ *= n
    cgb[5] = np_ * (601676 / 22275.0)
    cbg[5] = np_ * (444337 / 155925.0)
    np_ = n * n
    qn = 1.0 / (1 + n) * (1 + np_ * (1 / 4.0 + np_ * (1 / 64.0 + np_ / 256.0)))
    utg[0] = n * (
        -0.5 + n * (2 / 3.0 + n * (-37 / 96.0 + n * (1 / 360.0 + n * (81 / 512.0 + n * (-96199 / 604800.0)))))
    )
    gtu[0] = n * (0.5 + n * (-2 / 3.0 + n * (5 / 16.0 + n * (41 / 180.0 + n * (-127 / 288.0 + n * (7891 / 37800.0))))))
    utg[1] = np_ * (-1 / 48.0 + n * (-1 / 15.0 + n * (437 / 1440.0 + n * (-46 / 105.0 + n * (1118711 / 3870720.0)))))
    gtu[1] = np_ * (13 / 48.0 + n * (-3 / 5.0 + n * (557 / 1440.0 + n * (281 / 630.0 + n * (-1983433 / 1935360.0)))))
    np_ *= n
    utg[2] = np_ * (-17 / 480.0 + n * (37 / 840.0 + n * (209 / 4480.0 + n * (-5569 / 90720.0))))
    gtu[2] = np_ * (61 / 240.0 + n * (-103 / 140.0 + n * (15061 / 26880.0 + n * (167603 / 181440.0))))
    np_ *= n
    utg[3] = np_ * (-4397 / 161280.0 + n * (11 / 504.0 + n * (830251 / 7257600.0)))
    gtu[3] = np_ * (49561 / 161280.0 + n * (-179 / 168.0 + n * (6601661 / 7257600.0)))
    np_ *= n
    utg[4] = np_ * (-4583 / 161280.0 + n * (108847 / 3991680.0))
    gtu[4] = np_ * (34729 / 80640.0 + n * (-3418889 / 1995840.0))
    np_ *= n
    utg[5] = np_ * (-20648693 / 638668800.0)
    gtu[5] = np_ * (212378941 / 319334400.0)
    return tuple(cgb), tuple(cbg), tuple(utg), tuple(gtu), qn


_CGB, _CBG, _UTG, _GTU, _QN = _coefficients()


class _Math:
    """The functions used, for Python floats."""

    sin = staticmethod(math.sin)
    cos = staticmethod(math.cos)
    atan2 = staticmethod(math.atan2)
    hypot = staticmethod(math.hypot)
    asinh = staticmethod(math.asinh)
    sinh = staticmethod(math.sinh)
    exp = staticmethod(math.exp)


class _Numpy:
    """The same functions for numpy arrays."""

    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    atan2 = staticmethod(np.arctan2)
    hypot = staticmethod(np.hypot)
    asinh = staticmethod(np.arcsinh)
    sinh = staticmethod(np.sinh)
    exp = staticmethod(np.exp)


def _adjlon(lam: Any, m: Any) -> Any:
    """Longitude (radians) into [-pi, pi], as PROJ's adjlon does for |lam| beyond pi."""
    if m is _Math:
        if abs(lam) < math.pi + 1e-12 or not math.isfinite(lam):
            return lam
        lam = lam + math.pi
        lam = lam - 2 * math.pi * math.floor(lam / (2 * math.pi))
        return lam - math.pi
    out = np.asarray(lam, dtype=float).copy()
    far = ~(np.abs(out) < math.pi + 1e-12) & np.isfinite(out)
    if far.any():
        v = out[far] + math.pi
        out[far] = v - 2 * math.pi * np.floor(v / (2 * math.pi)) - math.pi
    return out


class TransverseMercator:
    """``+proj=tmerc +lat_0=LAT0 +lon_0=LON0 +k=1 +x_0=0 +y_0=0 +ellps=WGS84`` in both directions.

    ``transform`` takes and returns Python floats or numpy arrays, like
    ``pyproj.Transformer.transform``; points outside the projection's
    domain (about 150 degrees from the central meridian) give ``inf``.

    >>> tm = TransverseMercator(116.5, 39.8)
    >>> x, y = tm.forward(116.6, 39.9)
    >>> round(x, 6), round(y, 6)  # pyproj: 8551.830115056711, 11107.962208519933
    (8551.830115, 11107.962209)
    >>> [round(v, 9) for v in tm.inverse(x, y)]
    [116.6, 39.9]
    """

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0 = float(lon0)
        self.lat0 = float(lat0)
        self._lam0 = math.radians(self.lon0)
        phi0 = math.radians(self.lat0)
        z = _gatg(_CBG, phi0, math.cos(2 * phi0), math.sin(2 * phi0))
        self._zb = -_QN * (z + _clens(_GTU, 2 * z))

    def forward(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        """WGS84 degrees to projected metres (x east, y north)."""
        m: Any = _Math if isinstance(lon, float) and isinstance(lat, float) else _Numpy
        if m is _Numpy:
            lon = np.asarray(lon, dtype=float)
            lat = np.asarray(lat, dtype=float)
        phi = lat * (math.pi / 180.0)
        lam = _adjlon(lon * (math.pi / 180.0) - self._lam0, m)
        cn = _gatg(_CBG, phi, m.cos(2 * phi), m.sin(2 * phi))
        sin_cn = m.sin(cn)
        cos_cn = m.cos(cn)
        sin_ce = m.sin(lam)
        cos_ce = m.cos(lam)
        cos_cn_cos_ce = cos_cn * cos_ce
        cn = m.atan2(sin_cn, cos_cn_cos_ce)
        inv_denom = 1.0 / m.hypot(sin_cn, cos_cn_cos_ce)
        tan_ce = sin_ce * cos_cn * inv_denom
        ce = m.asinh(tan_ce)
        two_inv = 2 * inv_denom
        two_inv_sq = two_inv * inv_denom
        tmp_r = cos_cn_cos_ce * two_inv_sq
        sin_r = sin_cn * tmp_r
        cos_r = cos_cn_cos_ce * tmp_r - 1
        sinh_i = tan_ce * two_inv
        cosh_i = two_inv_sq - 1
        d_cn, d_ce = _clens_complex(_GTU, sin_r, cos_r, sinh_i, cosh_i)
        cn = cn + d_cn
        ce = ce + d_ce
        y = (_QN * cn + self._zb) * A
        x = (_QN * ce) * A
        if m is _Math:
            return (x, y) if abs(ce) <= _LIMIT else (math.inf, math.inf)
        bad = ~(np.abs(ce) <= _LIMIT) & np.isfinite(ce)
        if bad.any():
            x = np.where(bad, np.inf, x)
            y = np.where(bad, np.inf, y)
        return x, y

    def inverse(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Projected metres back to WGS84 degrees (lon, lat)."""
        m: Any = _Math if isinstance(x, float) and isinstance(y, float) else _Numpy
        if m is _Numpy:
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
        cn = (y * _RA - self._zb) / _QN
        ce = (x * _RA) / _QN
        sin_r = m.sin(2 * cn)
        cos_r = m.cos(2 * cn)
        exp_2ce = m.exp(2 * ce)
        half_inv = 0.5 / exp_2ce
        sinh_i = 0.5 * exp_2ce - half_inv
        cosh_i = 0.5 * exp_2ce + half_inv
        d_cn, d_ce = _clens_complex(_UTG, sin_r, cos_r, sinh_i, cosh_i)
        cn = cn + d_cn
        ce = ce + d_ce
        sin_cn = m.sin(cn)
        cos_cn = m.cos(cn)
        sinh_ce = m.sinh(ce)
        ce = m.atan2(sinh_ce, cos_cn)
        modulus = m.hypot(sinh_ce, cos_cn)
        cn = m.atan2(sin_cn, modulus)
        tmp = 2 * modulus / (sinh_ce * sinh_ce + 1)
        sin_2cn = sin_cn * tmp
        cos_2cn = tmp * modulus - 1.0
        phi = _gatg(_CGB, cn, cos_2cn, sin_2cn)
        lam = _adjlon(ce + self._lam0, m)
        lon = lam * (180.0 / math.pi)
        lat = phi * (180.0 / math.pi)
        if m is _Math:
            ok = abs((x * _RA) / _QN) <= _LIMIT
            return (lon, lat) if ok else (math.inf, math.inf)
        bad = ~(np.abs((x * _RA) / _QN) <= _LIMIT) & np.isfinite(x)
        if bad.any():
            lon = np.where(bad, np.inf, lon)
            lat = np.where(bad, np.inf, lat)
        return lon, lat


class Projector:
    """One direction of a :class:`TransverseMercator`, with ``transform(x, y)`` like a pyproj Transformer."""

    def __init__(self, tm: TransverseMercator, forward: bool) -> None:
        self.tm = tm
        self.forward = forward

    def transform(self, x: Any, y: Any) -> tuple[Any, Any]:
        """``(x, y)`` through the projection (floats in, floats out; arrays in, arrays out)."""
        if isinstance(x, (int, np.floating)) and not isinstance(x, bool):
            x = float(x)
        if isinstance(y, (int, np.floating)) and not isinstance(y, bool):
            y = float(y)
        return self.tm.forward(x, y) if self.forward else self.tm.inverse(x, y)

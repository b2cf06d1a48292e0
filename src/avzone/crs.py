"""Coordinate reference systems: any pyproj CRS plus GCJ-02 and BD-09.

Everything here is vectorized and uses ``(lon, lat)`` / ``(x, y)`` order.

GCJ-02 ("Mars coordinates") is the obfuscated datum Chinese map providers
must use; BD-09 is Baidu's further offset of GCJ-02. Neither is a pyproj CRS,
so this module implements them from the published formulas:

* WGS84 -> GCJ-02 adds an offset computed, in metres, from a fixed series in
  ``x = lon - 105`` and ``y = lat - 35`` and turns it into degrees with the
  meridian and parallel radii of curvature of the Krasovsky 1940 ellipsoid
  (a = 6378245 m, e^2 = 0.00669342162296594323) at the input latitude.
* GCJ-02 -> WGS84 has no closed form; it is solved by iteration (a Newton
  step, then fixed-point corrections ``w <- w - (gcj02(w) - g)`` if needed)
  until the forward transform of the estimate reproduces the input within
  ``tol_deg / 2`` degrees on both axes, for every point.
* GCJ-02 -> BD-09 is Baidu's formula in polar form with
  ``x_pi = pi * 3000 / 180``: ``r = hypot(x, y) + 2e-5 sin(y x_pi)``,
  ``theta = atan2(y, x) + 3e-6 cos(x x_pi)``, then the 0.0065 / 0.006 degree
  offsets. Its inverse is iterated like the GCJ-02 one.
* GCJ-02 Web Mercator (``gcj02merc``), the metres of Amap/Gaode and Tencent
  tiles and of some of their exports, is GCJ-02 lon/lat projected with Web
  Mercator's spherical formulas (EPSG:3857's, radius 6378137 m). Read as
  EPSG:3857 they put Beijing's points ~500 m from their place.
* Baidu's own metres, BD-09 Mercator ("BD09MC", ``bd09mc``), are not Web
  Mercator of BD-09 lon/lat: Baidu projects them with a piecewise
  polynomial of its own that it publishes nowhere (read as EPSG:3857 they
  lie kilometres off). :func:`normalize_crs` refuses them by name, saying
  to convert them to BD-09 lon/lat first.

**China boundary.** GCJ-02 only applies in mainland China; elsewhere it equals
WGS84. Like most implementations, this module uses the lon/lat box
:data:`CHINA_BBOX` (lon 72.004..137.8347, lat 0.8293..55.8271, edges
included) as the test, so the offset is also applied in parts of neighbouring
countries (Mongolia, the Korean peninsula, Taiwan, ...); all of mainland
China lies inside it. Points outside the box pass through unchanged in both
directions; the inverse decides by the box membership of its (GCJ-02) input,
so within a few hundred metres of the box edge the round trip may not close.
The BD-09 <-> GCJ-02 formula has no region test and applies everywhere.

**Which CRSs.** :func:`normalize_crs`, behind every entry point, accepts
``gcj02`` / ``bd09`` / ``gcj02merc`` and any pyproj CRS that :func:`validate_crs` accepts: a
horizontal 2D CRS (geographic or projected) that PROJ carries from WGS84 to
it and back over Beijing. Geocentric, vertical, compound, 3D and engineering
CRSs, and CRSs with no transformation to WGS84 (EPSG:32600, ESRI:104903 on
the Moon), are refused with a :class:`~avzone.errors.CRSError` saying why and
what would be right.

**Conventions of all array functions.** ``lon`` and ``lat`` are scalars or
array-likes of any shape, broadcast together; results are float64 arrays of
that shape. Scalar (0-d) input gives :class:`numpy.float64` scalars, which are
also Python floats. A point with a non-finite coordinate (NaN, inf) is
returned unchanged, without warnings. The numeric kernels are compiled with
numba (single-threaded, releasing the GIL; cached on disk after the first
use). Speed on one core (AMD EPYC, 10 M points in Beijing): GCJ-02 -> WGS84
~23 M points/s, WGS84 -> GCJ-02 ~70 M points/s.

>>> lon, lat = wgs84_to_gcj02(116.397, 39.909)    # Tiananmen, WGS84 -> GCJ-02
>>> round(float(lon), 6), round(float(lat), 6)
(116.403244, 39.910403)
>>> [round(float(v), 9) for v in gcj02_to_wgs84(lon, lat)]
[116.397, 39.909]
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import numbers
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeAlias, TypeVar, overload

import numpy as np
import numpy.typing as npt

from avzone._jit import kernel as njit  # numba.njit, applied on first use
from avzone.errors import CRSError
from avzone.i18n import CRSName, Message, Option, os_reason

if TYPE_CHECKING:  # pyproj is imported on first use: WGS84 input needs no pyproj
    import pyproj

__all__ = [
    "ALIAS_NAMES",
    "BD09MC_NAMES",
    "BEIJING_PROBE",
    "CHINA_BBOX",
    "PROJECTED_ALIASES",
    "WGS84",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "check_override_crs",
    "crs_argument",
    "datum_shift_unknown",
    "declared_or_given",
    "from_wgs84",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "gcj02merc_to_wgs84",
    "in_china_bbox",
    "is_wgs84",
    "names_crs",
    "normalize_crs",
    "same_crs",
    "to_wgs84",
    "validate_crs",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
    "wgs84_to_gcj02merc",
]

#: Canonical name :func:`normalize_crs` returns for WGS84 lon/lat.
WGS84 = "EPSG:4326"
#: Region where GCJ-02 differs from WGS84: (min_lon, min_lat, max_lon, max_lat).
CHINA_BBOX = (72.004, 0.8293, 137.8347, 55.8271)

_LON0, _LAT0, _LON1, _LAT1 = CHINA_BBOX
_A = 6378245.0  # Krasovsky 1940 semi-major axis (m)
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared
_K_LAT = 180.0 / (math.pi * _A * (1.0 - _EE))  # times m^1.5: degrees per metre N-S
_K_LON = 180.0 / (math.pi * _A)  # times sqrt(m)/cos(lat): degrees per metre E-W
_X_PI = math.pi * 3000.0 / 180.0
_SIN35, _COS35 = math.sin(math.radians(35.0)), math.cos(math.radians(35.0))
_BD_DLON, _BD_DLAT = 0.0065, 0.006

#: Coordinates in: scalars or array-likes of any shape, broadcast together.
ArrayLike: TypeAlias = npt.ArrayLike
FloatArray: TypeAlias = npt.NDArray[np.float64]
#: Coordinates out: ``(lon, lat)`` or ``(x, y)``, each a float64 array of the broadcast input's
#: shape, or a :class:`numpy.float64` scalar (also a Python float) for scalar input. The public
#: functions say which by overloads: Python floats and ints give scalars, anything else arrays.
Coords: TypeAlias = "tuple[FloatArray | np.float64, FloatArray | np.float64]"
ScalarPair: TypeAlias = "tuple[np.float64, np.float64]"
ArrayPair: TypeAlias = "tuple[FloatArray, FloatArray]"
BoolArray: TypeAlias = npt.NDArray[np.bool_]
#: What an iterative inverse does with a point that does not converge: raise, or give NaN.
Unconverged: TypeAlias = Literal["raise", "nan"]
# error_model="numpy": no ZeroDivisionError checks (they would block SIMD);
# nogil: callers may run conversions in threads.
_KW: dict[str, Any] = {"cache": True, "fastmath": False, "error_model": "numpy", "nogil": True}


# ----------------------------------------------------------------- numba kernels
# sin/cos of small angles by their Taylor series (Estrin's scheme), so that
# the loops below have no libm calls and LLVM vectorizes them. Truncation
# error for |t| <= 0.6: sin (through t**13) < 4e-16, cos (through t**14) < 2e-17.
@njit(inline="always", **_KW)
def _sin_small(t: float, t2: float, fine: bool) -> float:
    if not fine:  # through t**5: error < 6e-6 for |t| <= 0.6
        return t - t * t2 * (1.0 / 6.0 - t2 * (1.0 / 120.0))
    t4 = t2 * t2
    p = (
        (1.0 / 6.0 - t2 * (1.0 / 120.0))
        + t4 * (1.0 / 5040.0 - t2 * (1.0 / 362880.0))
        + (t4 * t4) * (1.0 / 39916800.0 - t2 * (1.0 / 6227020800.0))
    )
    return t - t * t2 * p


@njit(inline="always", **_KW)
def _cos_small(t2: float, fine: bool) -> float:
    if not fine:  # through t**6: error < 5e-7 for |t| <= 0.6
        return 1.0 - t2 * (0.5 - t2 * (1.0 / 24.0 - t2 * (1.0 / 720.0)))
    t4 = t2 * t2
    p = (
        (0.5 - t2 * (1.0 / 24.0))
        + t4 * (1.0 / 720.0 - t2 * (1.0 / 40320.0))
        + (t4 * t4) * ((1.0 / 3628800.0 - t2 * (1.0 / 479001600.0)) + t4 * (1.0 / 87178291200.0))
    )
    return 1.0 - t2 * p


@njit(inline="always", **_KW)
def _gcj_offset(lon: float, lat: float, fine: bool = True) -> tuple[float, float, float, float, float, float]:
    """GCJ-02 minus WGS84 at a WGS84 point inside the box, and its Jacobian.

    Returns (dlon, dlat, j11, j12, j21, j22) in degrees and degrees/degree,
    j = d(dlon, dlat) / d(lon, lat), without the tiny sqrt(|x|) terms and
    other <1e-3 relative terms (the Jacobian only steers a Newton step;
    convergence is checked on residuals). Callers that ignore the Jacobian get
    it optimized away by LLVM. ``fine=False`` (a constant at each call site)
    uses short sin/cos series: offset error < 1e-6 deg, for first guesses.
    """
    x = lon - 105.0
    y = lat - 35.0
    # All the sines come from sin/cos of u = pi x / 240 and v = pi y / 180 by
    # exact multiple-angle identities; |u| < 0.44 and |v| < 0.6 in the box.
    u = x * (math.pi / 240.0)
    u2 = u * u
    su, cu = _sin_small(u, u2, fine), _cos_small(u2, fine)
    sa, ca = 2.0 * su * cu, 1.0 - 2.0 * su * su  # pi x / 120
    s1, c1 = 2.0 * sa * ca, 1.0 - 2.0 * sa * sa  # pi x / 60
    s2, c2 = 2.0 * s1 * c1, 1.0 - 2.0 * s1 * s1  # pi x / 30
    s4, c4 = 2.0 * s2 * c2, 1.0 - 2.0 * s2 * s2
    s5, c5 = s4 * c1 + c4 * s1, c4 * c1 - s4 * s1  # pi x / 12
    s10, c10 = 2.0 * s5 * c5, 1.0 - 2.0 * s5 * s5
    s20, c20 = 2.0 * s10 * c10, 1.0 - 2.0 * s10 * s10  # pi x / 3
    s60, c60 = s20 * (3.0 - 4.0 * s20 * s20), c20 * (4.0 * c20 * c20 - 3.0)  # pi x
    s120, c120 = 2.0 * s60 * c60, 1.0 - 2.0 * s60 * s60  # 2 pi x
    s360, c360 = s120 * (3.0 - 4.0 * s120 * s120), c120 * (4.0 * c120 * c120 - 3.0)

    v = y * (math.pi / 180.0)
    v2 = v * v
    sv, cv = _sin_small(v, v2, fine), _cos_small(v2, fine)
    sphi, cphi = sv * _COS35 + cv * _SIN35, cv * _COS35 - sv * _SIN35  # lat
    t1, d1 = sv * (3.0 - 4.0 * sv * sv), cv * (4.0 * cv * cv - 3.0)  # pi y / 60
    t2, d2 = 2.0 * t1 * d1, 1.0 - 2.0 * t1 * t1  # pi y / 30
    t4, d4 = 2.0 * t2 * d2, 1.0 - 2.0 * t2 * t2
    t5, d5 = t4 * d1 + d4 * t1, d4 * d1 - t4 * t1  # pi y / 12
    t10, d10 = 2.0 * t5 * d5, 1.0 - 2.0 * t5 * t5
    t20, d20 = 2.0 * t10 * d10, 1.0 - 2.0 * t10 * t10  # pi y / 3
    t60, d60 = t20 * (3.0 - 4.0 * t20 * t20), d20 * (4.0 * d20 * d20 - 3.0)  # pi y

    # The published series, in metres.
    sq = math.sqrt(abs(x))
    common = 2.0 * s360 + 2.0 * s120
    dlat_m = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * sq
        + (common + 2.0 * t60 + 4.0 * t20 + 16.0 * t5 + 32.0 * t2) * (20.0 / 3.0)
    )
    dlon_m = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * sq
        + (common + 2.0 * s60 + 4.0 * s20 + 15.0 * s5 + 30.0 * s2) * (20.0 / 3.0)
    )
    # Metres to degrees on the Krasovsky ellipsoid: 1 / (M pi/180) with
    # M = a(1-e2)/m^1.5 north-south, 1 / (N cos(lat) pi/180) with N = a/sqrt(m).
    m = 1.0 - _EE * sphi * sphi
    sm = math.sqrt(m)
    inv_cphi = 1.0 / cphi
    k_lon = _K_LON * sm * inv_cphi
    k_lat = _K_LAT * m * sm

    # Jacobian (derivatives of the series in metres per degree, then chain rule
    # through k_lon(lat), k_lat(lat)).
    w = (20.0 / 3.0) * math.pi
    dcommon = 12.0 * c360 + 4.0 * c120
    dlon_dx = 1.0 + 0.2 * x + 0.1 * y + w * (dcommon + 2.0 * c60 + (4.0 / 3.0) * c20 + 1.25 * c5 + c2)
    dlat_dx = 2.0 + 0.1 * y + w * dcommon
    dlat_dy = 3.0 + 0.4 * y + 0.1 * x + w * (2.0 * d60 + (4.0 / 3.0) * d20 + (4.0 / 3.0) * d5 + (16.0 / 15.0) * d2)
    g = (math.pi / 180.0) * sphi * cphi * _EE  # ~ -d ln(m) / 2 d lat (m ~ 1)
    dk_lon = k_lon * ((math.pi / 180.0) * sphi * inv_cphi - g)
    dk_lat = k_lat * (-3.0 * g)
    return (
        dlon_m * k_lon,
        dlat_m * k_lat,
        k_lon * dlon_dx,
        k_lon * (2.0 + 0.1 * x) + dlon_m * dk_lon,
        k_lat * dlat_dx,
        k_lat * dlat_dy + dlat_m * dk_lat,
    )


@njit(inline="always", **_KW)
def _inside(lon: float, lat: float) -> bool:
    return (lon >= _LON0) & (lon <= _LON1) & (lat >= _LAT0) & (lat <= _LAT1)


@njit(**_KW)
def _wgs_to_gcj_kernel(lon: FloatArray, lat: FloatArray, out_lon: FloatArray, out_lat: FloatArray) -> None:
    for i in range(lon.size):
        x, y = lon[i], lat[i]
        ok = _inside(x, y)
        dx, dy, _, _, _, _ = _gcj_offset(x if ok else 105.0, y if ok else 35.0)
        out_lon[i] = x + dx if ok else x
        out_lat[i] = y + dy if ok else y


@njit(**_KW)
def _gcj_to_wgs_kernel(
    lon: FloatArray,
    lat: FloatArray,
    out_lon: FloatArray,
    out_lat: FloatArray,
    tol: float,
    max_iter: int,
    bad: BoolArray,
) -> tuple[int, int]:
    n = lon.size
    todo = np.empty(n, np.bool_)
    # Pass 1, branch-free so it vectorizes: first guess w0 = g - offset(g)
    # (error <~ 6e-5 deg), one Newton step (error ~1e-10), then the residual.
    for i in range(n):
        gx, gy = lon[i], lat[i]
        ok = _inside(gx, gy)
        gx = gx if ok else 105.0
        gy = gy if ok else 35.0
        dx, dy, _, _, _, _ = _gcj_offset(gx, gy, False)
        wx, wy = gx - dx, gy - dy
        dx, dy, a, b, c, d = _gcj_offset(wx, wy)
        rx, ry = wx + dx - gx, wy + dy - gy
        a += 1.0
        d += 1.0
        inv_det = 1.0 / (a * d - b * c)
        wx -= (d * rx - b * ry) * inv_det
        wy -= (a * ry - c * rx) * inv_det
        dx, dy, _, _, _, _ = _gcj_offset(wx, wy)
        rx, ry = wx + dx - gx, wy + dy - gy
        out_lon[i] = wx if ok else lon[i]
        out_lat[i] = wy if ok else lat[i]
        todo[i] = ok & ((abs(rx) > tol) | (abs(ry) > tol))
    # Pass 2 (rare: within ~1e-7 deg of lon 105, where the sqrt(|x|) term has
    # an infinite slope): plain fixed-point corrections w <- w - residual.
    failed, first = 0, -1
    for i in range(n):
        if not todo[i]:
            continue
        gx, gy = lon[i], lat[i]
        wx, wy = out_lon[i], out_lat[i]
        done, k = False, 1  # the Newton step was correction number 1
        while True:
            dx, dy, _, _, _, _ = _gcj_offset(wx, wy)
            rx, ry = wx + dx - gx, wy + dy - gy
            if abs(rx) <= tol and abs(ry) <= tol:
                done = True
                break
            if k >= max_iter:
                break
            wx, wy, k = wx - rx, wy - ry, k + 1
        out_lon[i], out_lat[i] = wx, wy
        if not done:
            failed += 1
            first = i if first < 0 else first
            bad[i] = True
    return failed, first


@njit(inline="always", **_KW)
def _bd_polar(x: float, y: float, sign: float) -> tuple[float, float]:
    """Baidu's perturbation (sign=1) or its closed-form approximate inverse (-1).

    ``r = hypot(x, y) + 2e-5 sin(y x_pi)``, ``theta = atan2(y, x) + 3e-6
    cos(x x_pi)``, back to x/y; written as a scaling and a rotation of (x, y)
    by the small angle (|d| <= 3e-6, so two Taylor terms of its sin/cos are
    exact to 1e-23), which avoids atan2, sin and cos of theta.
    """
    r = math.sqrt(x * x + y * y)
    dr = sign * 2e-5 * math.sin(y * _X_PI)
    d = sign * 3e-6 * math.cos(x * _X_PI)
    cd = 1.0 - 0.5 * d * d
    sd = d - d * d * d * (1.0 / 6.0)
    if r > 0.0:
        k = 1.0 + dr / r
        return k * (x * cd - y * sd), k * (y * cd + x * sd)
    return dr * cd, dr * sd  # theta = atan2(0, 0) + d = d


@njit(**_KW)
def _gcj_to_bd_kernel(lon: FloatArray, lat: FloatArray, out_lon: FloatArray, out_lat: FloatArray) -> None:
    for i in range(lon.size):
        x, y = lon[i], lat[i]
        if math.isfinite(x) and math.isfinite(y):
            x, y = _bd_polar(x, y, 1.0)
            x, y = x + _BD_DLON, y + _BD_DLAT
        out_lon[i], out_lat[i] = x, y


@njit(**_KW)
def _bd_to_gcj_kernel(
    lon: FloatArray,
    lat: FloatArray,
    out_lon: FloatArray,
    out_lat: FloatArray,
    tol: float,
    max_iter: int,
    bad: BoolArray,
) -> tuple[int, int]:
    failed, first = 0, -1
    for i in range(lon.size):
        bx, by = lon[i], lat[i]
        out_lon[i], out_lat[i] = bx, by
        if not (math.isfinite(bx) and math.isfinite(by)):
            continue
        # Baidu's closed-form approximate inverse as the first guess (error
        # ~1e-6 deg), then fixed-point corrections (contraction ~0.02).
        gx, gy = _bd_polar(bx - _BD_DLON, by - _BD_DLAT, -1.0)
        done, k = False, 0
        while True:
            fx, fy = _bd_polar(gx, gy, 1.0)
            rx, ry = fx + _BD_DLON - bx, fy + _BD_DLAT - by
            if abs(rx) <= tol and abs(ry) <= tol:
                done = True
                break
            if k >= max_iter:
                break
            gx, gy, k = gx - rx, gy - ry, k + 1
        out_lon[i], out_lat[i] = gx, gy
        if not done:
            failed += 1
            first = i if first < 0 else first
            bad[i] = True
    return failed, first


# ------------------------------------------------------------ array plumbing
def _prepare(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, tuple[int, ...]]:
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.shape != lat.shape:
        try:
            lon, lat = np.broadcast_arrays(lon, lat)
        except ValueError:
            raise ValueError(Message("err_shapes_broadcast", x=str(lon.shape), y=str(lat.shape))) from None
    shape = lon.shape
    flat_lon = np.ascontiguousarray(lon).reshape(-1)
    flat_lat = np.ascontiguousarray(lat).reshape(-1)
    return flat_lon, flat_lat, np.empty_like(flat_lon), np.empty_like(flat_lat), shape


def _finish(out_lon: FloatArray, out_lat: FloatArray, shape: tuple[int, ...]) -> Coords:
    out_lon, out_lat = out_lon.reshape(shape), out_lat.reshape(shape)
    if shape == ():
        return out_lon[()], out_lat[()]
    return out_lon, out_lat


def _check_iter(tol_deg: float, max_iter: int) -> tuple[float, int]:
    real = isinstance(tol_deg, numbers.Real) and not isinstance(tol_deg, bool)
    if not (real and 0.0 < tol_deg < math.inf):
        raise ValueError(Message("err_tol_deg", value=tol_deg))
    if not (isinstance(max_iter, numbers.Integral) and not isinstance(max_iter, bool) and max_iter >= 1):
        raise ValueError(Message("err_max_iter", value=max_iter))
    return float(tol_deg), int(max_iter)


def _check_unconverged(unconverged: str) -> None:
    if unconverged not in ("raise", "nan"):
        raise ValueError(Message("err_unconverged_arg", value=unconverged))


def _inverse(
    kernel: Any, what: str, lon: ArrayLike, lat: ArrayLike, tol_deg: float, max_iter: int, unconverged: str
) -> Coords:
    """Run an inverse kernel; points that do not converge raise, or become NaN."""
    tol_deg, max_iter = _check_iter(tol_deg, max_iter)
    _check_unconverged(unconverged)
    flat_lon, flat_lat, out_lon, out_lat, shape = _prepare(lon, lat)
    bad = np.zeros(flat_lon.shape, dtype=np.bool_)
    failed, first = kernel(flat_lon, flat_lat, out_lon, out_lat, tol_deg / 2.0, max_iter, bad)
    if failed:
        if unconverged == "raise":
            _raise_unconverged(what, failed, first, flat_lon, flat_lat, tol_deg, max_iter)
        out_lon[bad] = np.nan
        out_lat[bad] = np.nan
    return _finish(out_lon, out_lat, shape)


def _raise_unconverged(
    what: str, failed: int, first: int, lon: FloatArray, lat: FloatArray, tol_deg: float, max_iter: int
) -> NoReturn:
    lon0, lat0 = float(lon[first]), float(lat[first])
    raise CRSError(
        Message("err_unconverged", what=what, tol=f"{tol_deg:g}", max_iter=max_iter, failed=failed, lon=lon0, lat=lat0)
    )


def in_china_bbox(lon: ArrayLike, lat: ArrayLike) -> npt.NDArray[np.bool_]:
    """Return True where GCJ-02 applies: inside :data:`CHINA_BBOX` (edges included).

    >>> in_china_bbox([116.4, 139.69, np.nan], [39.9, 35.69, 39.9]).tolist()
    [True, False, False]
    """
    lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    return (lon >= _LON0) & (lon <= _LON1) & (lat >= _LAT0) & (lat <= _LAT1)


# ----------------------------------------------------------- public transforms
@overload
def wgs84_to_gcj02(lon: float, lat: float) -> ScalarPair: ...
@overload
def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> ArrayPair: ...
def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> Coords:
    """Convert WGS84 lon/lat to GCJ-02 (identity outside :data:`CHINA_BBOX`).

    Parameters
    ----------
    lon, lat : float or array_like
        WGS84 degrees, broadcast together.

    Returns
    -------
    lon, lat : numpy.ndarray or numpy.float64
        GCJ-02 degrees, same shape as the (broadcast) input.

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02([116.397, 139.69], [39.909, 35.69])
    >>> lon.round(6).tolist(), lat.round(6).tolist()
    ([116.403244, 139.69], [39.910403, 35.69])
    """
    lon, lat, out_lon, out_lat, shape = _prepare(lon, lat)
    _wgs_to_gcj_kernel(lon, lat, out_lon, out_lat)
    return _finish(out_lon, out_lat, shape)


@overload
def gcj02_to_wgs84(
    lon: float, lat: float, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ScalarPair: ...
@overload
def gcj02_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ArrayPair: ...
def gcj02_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-7, max_iter: int = 20, unconverged: Unconverged = "raise"
) -> Coords:
    """Convert GCJ-02 lon/lat to WGS84 by iteration.

    First guess ``w0 = g - offset(g)``, one Newton step with the analytic
    Jacobian of the offset, then plain corrections ``w <- w - (gcj02(w) - g)``
    while needed. It stops when ``wgs84_to_gcj02(w)`` reproduces the input
    within ``tol_deg / 2`` on both axes, checked for every point with the
    same code as :func:`wgs84_to_gcj02`; as the offset's Jacobian is within
    ~0.01 of zero, ``w`` is then also within ``tol_deg`` of the exact inverse.
    In practice the residual is ~1e-11 deg after the Newton step. Points
    outside :data:`CHINA_BBOX` pass through unchanged.

    Parameters
    ----------
    lon, lat : float or array_like
        GCJ-02 degrees, broadcast together.
    tol_deg : float, default 1e-7
        Tolerance in degrees (1e-7 deg is about 1 cm).
    max_iter : int, default 20
        Maximum number of corrections after the first guess (the Newton step
        counts as one; more are only needed within ~1e-7 deg of lon 105,
        where the published series has a sqrt cusp).
    unconverged : {"raise", "nan"}, default "raise"
        What to do with points that do not converge: raise
        :class:`CRSError` for the whole call, or return NaN for those points
        only (every other point is converted as usual).

    Returns
    -------
    lon, lat : numpy.ndarray or numpy.float64
        WGS84 degrees, same shape as the (broadcast) input.

    Raises
    ------
    CRSError
        If some point does not converge within ``max_iter`` corrections and
        ``unconverged="raise"`` (in practice only for a ``tol_deg`` near
        float64 resolution, or for absurd inputs such as lon 1e10 in BD-09).

    Examples
    --------
    >>> lon, lat = gcj02_to_wgs84(116.403243506, 39.910403397)
    >>> round(float(lon), 7), round(float(lat), 7)
    (116.397, 39.909)
    """
    return _inverse(_gcj_to_wgs_kernel, "GCJ-02 -> WGS84", lon, lat, tol_deg, max_iter, unconverged)


@overload
def gcj02_to_bd09(lon: float, lat: float) -> ScalarPair: ...
@overload
def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> ArrayPair: ...
def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Coords:
    """Convert GCJ-02 lon/lat to BD-09 (Baidu's formula; applied everywhere).

    Examples
    --------
    >>> lon, lat = gcj02_to_bd09(116.403243506, 39.910403397)
    >>> round(float(lon), 6), round(float(lat), 6)
    (116.409616, 39.916744)
    """
    lon, lat, out_lon, out_lat, shape = _prepare(lon, lat)
    _gcj_to_bd_kernel(lon, lat, out_lon, out_lat)
    return _finish(out_lon, out_lat, shape)


@overload
def bd09_to_gcj02(
    lon: float, lat: float, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ScalarPair: ...
@overload
def bd09_to_gcj02(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ArrayPair: ...
def bd09_to_gcj02(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-7, max_iter: int = 20, unconverged: Unconverged = "raise"
) -> Coords:
    """Convert BD-09 lon/lat to GCJ-02 by iteration.

    Baidu's closed-form approximate inverse (error ~1e-6 deg) is the first
    guess, then corrections ``g <- g - (bd09(g) - b)`` until
    :func:`gcj02_to_bd09` reproduces the input within ``tol_deg / 2`` on both
    axes (so ``g`` is within ``tol_deg`` of the exact inverse; the map's
    Jacobian is within ~0.02 of the identity). Parameters, returns and
    :class:`CRSError` as in :func:`gcj02_to_wgs84`; there is no region test.

    Examples
    --------
    >>> lon, lat = bd09_to_gcj02(116.409616, 39.916744)
    >>> round(float(lon), 6), round(float(lat), 6)
    (116.403244, 39.910403)
    """
    return _inverse(_bd_to_gcj_kernel, "BD-09 -> GCJ-02", lon, lat, tol_deg, max_iter, unconverged)


@overload
def wgs84_to_bd09(lon: float, lat: float) -> ScalarPair: ...
@overload
def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> ArrayPair: ...
def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Coords:
    """Convert WGS84 lon/lat to BD-09 (through GCJ-02).

    >>> [round(float(v), 6) for v in wgs84_to_bd09(116.397, 39.909)]
    [116.409616, 39.916744]
    """
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


@overload
def bd09_to_wgs84(
    lon: float, lat: float, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ScalarPair: ...
@overload
def bd09_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = ..., max_iter: int = ..., unconverged: Unconverged = ...
) -> ArrayPair: ...
def bd09_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-7, max_iter: int = 20, unconverged: Unconverged = "raise"
) -> Coords:
    """Convert BD-09 lon/lat to WGS84 (through GCJ-02).

    Each of the two inverse steps uses ``tol_deg / 2``, so the result is
    within ``tol_deg`` of the exact inverse. ``unconverged`` as in
    :func:`gcj02_to_wgs84` (NaN from the first step passes the second).

    >>> [round(float(v), 6) for v in bd09_to_wgs84(116.409616, 39.916744)]
    [116.397, 39.909]
    """
    half = _check_iter(tol_deg, max_iter)[0] / 2.0
    lon, lat = bd09_to_gcj02(lon, lat, tol_deg=half, max_iter=max_iter, unconverged=unconverged)
    return gcj02_to_wgs84(lon, lat, tol_deg=half, max_iter=max_iter, unconverged=unconverged)


# ---------------------------------------------------- GCJ-02 Web Mercator metres
_MERC_R = 6378137.0  # the sphere of Web Mercator (EPSG:3857): WGS84's semi-major axis


def _merc_inverse(x: ArrayLike, y: ArrayLike) -> tuple[Any, Any]:
    """Spherical Web Mercator (EPSG:3857's formulas) metres to lon/lat degrees; non-finite points unchanged."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(all="ignore"):
        lon = np.degrees(x / _MERC_R)
        lat = np.degrees(np.arctan(np.sinh(y / _MERC_R)))
    ok = np.isfinite(x) & np.isfinite(y)
    return np.where(ok, lon, x), np.where(ok, lat, y)


def _merc_forward(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Lon/lat degrees to spherical Web Mercator (EPSG:3857's formulas) metres; non-finite points unchanged."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    with np.errstate(all="ignore"):
        x = _MERC_R * np.radians(lon)
        y = _MERC_R * np.arcsinh(np.tan(np.radians(lat)))
    ok = np.isfinite(lon) & np.isfinite(lat)
    return np.where(ok, x, lon), np.where(ok, y, lat)


@overload
def gcj02merc_to_wgs84(x: float, y: float, *, unconverged: Unconverged = ...) -> ScalarPair: ...
@overload
def gcj02merc_to_wgs84(x: ArrayLike, y: ArrayLike, *, unconverged: Unconverged = ...) -> ArrayPair: ...
def gcj02merc_to_wgs84(x: ArrayLike, y: ArrayLike, *, unconverged: Unconverged = "raise") -> Coords:
    """Convert GCJ-02 Web Mercator metres (Amap/Gaode and Tencent tiles) to WGS84 lon/lat.

    Those metres are GCJ-02 lon/lat projected with Web Mercator's spherical
    formulas (EPSG:3857's: sphere radius 6378137 m); undone in that order,
    then :func:`gcj02_to_wgs84` (``unconverged`` as there). Read with
    EPSG:3857 instead, they put Beijing's points ~500 m from their place.

    >>> [round(float(v), 7) for v in gcj02merc_to_wgs84(*wgs84_to_gcj02merc(116.397, 39.909))]
    [116.397, 39.909]
    """
    lon, lat = _merc_inverse(x, y)
    return gcj02_to_wgs84(lon, lat, unconverged=unconverged)


@overload
def wgs84_to_gcj02merc(lon: float, lat: float) -> ScalarPair: ...
@overload
def wgs84_to_gcj02merc(lon: ArrayLike, lat: ArrayLike) -> ArrayPair: ...
def wgs84_to_gcj02merc(lon: ArrayLike, lat: ArrayLike) -> Coords:
    """Convert WGS84 lon/lat to GCJ-02 Web Mercator metres: :func:`wgs84_to_gcj02`, then Web Mercator.

    >>> x, y = wgs84_to_gcj02merc(116.397, 39.909)
    >>> round(float(x), 1), round(float(y), 1)
    (12957949.8, 4852930.9)
    """
    glon, glat = wgs84_to_gcj02(lon, lat)
    x, y = _merc_forward(glon, glat)
    return (x[()], y[()]) if x.shape == () else (x, y)


# --------------------------------------------------------------- CRS front-end
_ALIASES = {  # (and Baidu's web services' coord_type names: wgs84ll, gcj02ll, bd09ll; bd09mc is refused)
    "gcj02": "gcj02",
    "gcj02ll": "gcj02",
    "wgs84ll": WGS84,
    "bd09": "bd09",
    "bd09ll": "bd09",
    "gcj02merc": "gcj02merc",
    "gcj02mercator": "gcj02merc",
    "gcj02webmercator": "gcj02merc",
    # their Chinese names: GCJ-02 is the 国测局 (State Bureau of Surveying and Mapping) system, "Mars coordinates"
    # in slang; BD-09 is Baidu's
    "国测局坐标": "gcj02",
    "国测局坐标系": "gcj02",
    "火星坐标": "gcj02",
    "火星坐标系": "gcj02",
    "百度坐标": "bd09",
    "百度坐标系": "bd09",
    "百度经纬度坐标": "bd09",
}
#: The names :func:`normalize_crs` reads (:func:`crs_name_key`: lower case, without spaces, ``-``, ``_``, ``/``),
#: besides pyproj's.
ALIAS_NAMES = frozenset(_ALIASES)
#: Names of Baidu's BD-09 Mercator metres (BD09MC; as :func:`crs_name_key` writes them), which
#: :func:`normalize_crs` refuses by name: Baidu projects BD-09 with a piecewise polynomial of its own that it
#: publishes nowhere.
BD09MC_NAMES = frozenset(
    {
        "bd09mc",
        "bd09merc",
        "bd09mercator",
        "bd09webmercator",
        "bd09meter",
        "bd09meters",
        "百度墨卡托",
        "百度墨卡托坐标",
        "百度墨卡托坐标系",
        "百度米制坐标",
    }
)
#: Datums' names (:func:`crs_name_key`) read as the code of their lon/lat: what PROJ reads ``WGS84`` and
#: ``CGCS2000`` as, also written ``WGS 84`` / ``CGCS 2000`` / ``cgcs-2000``, and CGCS2000's Chinese name.
_NAMED_CODES = {
    "wgs84": "EPSG:4326",
    "wgs1984": "EPSG:4326",
    "cgcs2000": "EPSG:4490",
    "2000国家大地坐标系": "EPSG:4490",
}
#: The extensions of a file whose text ``crs=`` / ``--crs`` reads as the CRS: a Shapefile's ``.prj``, a ``.wkt``.
CRS_FILE_SUFFIXES = (".prj", ".wkt")


def crs_name_key(text: str) -> str:
    """A CRS name as :func:`normalize_crs` looks it up: NFKC (full-width letters as ASCII), lower case, without
    spaces, ``-``, ``_`` and ``/`` (as PROJ compares its own names: ``WGS 84`` is ``wgs84``).

    >>> crs_name_key(" GCJ-02 / Web Mercator "), crs_name_key("CGCS 2000"), crs_name_key("ＢＤ－０９")
    ('gcj02webmercator', 'cgcs2000', 'bd09')
    """
    return re.sub(r"[\s\-_/]+", "", unicodedata.normalize("NFKC", text).lower())


def crs_alias(text: str) -> str | None:
    """``"gcj02"`` / ``"bd09"`` / ``"gcj02merc"`` / :data:`WGS84` for one of avzone's own names of them
    (:data:`ALIAS_NAMES`, Chinese ones included), else None.

    >>> crs_alias("gcj 02"), crs_alias("百度坐标"), crs_alias("EPSG:4326")
    ('gcj02', 'bd09', None)
    """
    return _ALIASES.get(crs_name_key(text))


def crs_file(value: Any) -> Path | None:
    """The file a ``crs=`` / ``--crs`` value names, whose text (WKT) is the CRS, else None.

    A :class:`os.PathLike` (``pathlib.Path``) always names a file; a ``str``
    does when it ends in ``.prj``, ``.wkt`` or ``.shp`` (any case) and holds
    none of ``[ ] { } =`` or a line break (so WKT, PROJJSON and PROJ strings
    are never taken for files). A Shapefile (``.shp``) names its sidecar
    ``.prj`` (``.PRJ`` when only that exists), where its CRS is. The rule
    of the library and the command line; the HTTP service reads no files
    (it takes codes and names only), and a data file's own ``crs`` member
    is never read as a file.

    >>> crs_file("b54.PRJ"), crs_file("EPSG:4326"), crs_file("+proj=longlat +init=x.wkt")
    (PosixPath('b54.PRJ'), None, None)
    >>> crs_file("roads.shp")
    PosixPath('roads.prj')
    """
    if isinstance(value, os.PathLike):
        path = Path(value)
    elif isinstance(value, str):
        text = value.strip()
        suffixes = (*CRS_FILE_SUFFIXES, ".shp")
        if not text.lower().endswith(suffixes) or any(c in text for c in "[]{}=\n\r"):
            return None
        path = Path(text)
    else:
        return None
    if path.suffix.lower() != ".shp":
        return path
    sidecars = [path.with_suffix(".prj"), path.with_suffix(".PRJ")]
    return next((p for p in sidecars if p.is_file()), sidecars[0])


def read_crs_file(path: Path) -> str:
    """The CRS text (WKT, as a Shapefile's ``.prj`` holds it) of a file :func:`crs_file` names.

    Raises
    ------
    CRSError
        Naming the file, for one that cannot be read (missing, a folder,
        not UTF-8) or is empty.
    """
    try:
        text = path.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        error = os_reason(exc) if isinstance(exc, OSError) else exc
        raise CRSError(Message("err_crs_file_read", file=path, error=error)) from None
    if not text:
        raise CRSError(Message("err_crs_file_read", file=path, error=Message("crs_file_empty")))
    return text


def crs_file_text(crs: Any) -> Any:
    """``crs`` with a file it names (:func:`crs_file`) replaced by the file's text, once checked: what a job sends
    its worker processes, which may run where no such file is (a Dask cluster's).

    Raises
    ------
    CRSError
        As :func:`normalize_crs` does for the file (naming it).
    """
    path = crs_file(crs)
    if path is None:
        return crs
    normalize_crs(path)
    return read_crs_file(path)


def _normalize_file(path: Path) -> str | pyproj.CRS:
    """The CRS of a ``.prj`` / ``.wkt`` file (:func:`crs_file`): its text read as the text of a CRS is."""
    try:
        return _normalize_str(read_crs_file(path))
    except CRSError as exc:
        said = exc.args[0] if len(exc.args) == 1 else None
        if isinstance(said, Message) and said.key == "err_unknown_crs":
            raise CRSError(Message("err_crs_file_unknown", file=path)) from None
        raise


#: The names :func:`normalize_crs` returns for coordinates in metres, not degrees.
PROJECTED_ALIASES = frozenset({"gcj02merc"})
#: Spellings of WGS84 lon/lat that resolve without pyproj (pyproj parses them to EPSG:4326 / OGC:CRS84).
_WGS84_TEXTS = frozenset({"EPSG:4326", "OGC:CRS84"})


@functools.cache
def _wgs84_crs() -> pyproj.CRS:
    import pyproj

    return pyproj.CRS.from_epsg(4326)


def _is_pyproj_crs(obj: Any) -> bool:
    # Without importing pyproj: an object can only be a pyproj.CRS once pyproj is imported.
    mod = sys.modules.get("pyproj")
    return mod is not None and isinstance(obj, mod.CRS)


#: WGS84 points that a CRS must carry to WGS84 and back to be accepted: the
#: centre and the corners of Beijing municipality's bounding box (lon, lat).
BEIJING_PROBE = ((116.40, 39.90), (115.42, 39.44), (117.51, 39.44), (117.51, 41.06), (115.42, 41.06))
_PROBE_TOL_DEG = 1e-6
_VERDICTS: dict[str, tuple[Message, Message | None] | None] = {}  # CRS source text -> why it cannot be used, or None
_MAX_VERDICTS = 1024


def _crs_label(crs: pyproj.CRS) -> CRSName:
    """A short name for messages: 'EPSG:4978 (WGS 84)', or the CRS's name when it has no code (in Chinese with a
    Chinese description for the CRSs avzone names itself: :class:`~avzone.i18n.CRSName`)."""
    code = crs.to_string()
    if len(code) > 40 or code.lstrip().startswith(("{", "+")) or "[" in code:
        authority = crs.to_authority()
        code = ":".join(authority) if authority else ""
    name = crs.name if crs.name and crs.name != "unknown" else ""
    if code:
        return CRSName(f"{code} ({name})" if name else code)
    return CRSName(repr(name or crs.srs[:60]))


def _unknown_crs_given(exc: CRSError, given: Any, name: str = "crs") -> CRSError | None:
    """``exc`` said again naming the argument ``name`` as the caller gave it (:class:`avzone.i18n.Option`) when it
    refuses ``given`` itself as an unknown CRS; None for any other error."""
    said = exc.args[0] if len(exc.args) == 1 else None
    if not (isinstance(said, Message) and said.key == "err_unknown_crs"):
        return None
    seen = said.fields.get("crs")
    if not (given is seen or (isinstance(given, str) and given == seen)):
        return None
    return CRSError(Message("err_crs_unknown_given", option=Option(name), crs=given))


@contextlib.contextmanager
def crs_argument(given: Any, name: str = "crs") -> Iterator[None]:
    """Within the block, an unknown CRS refused that is ``given`` is said naming the argument ``name`` as the caller
    gave it (:class:`avzone.i18n.Option`, as renamed where the block runs: :func:`avzone.i18n.option_renamed`);
    another error as it is. The map reads each input in a CRS of its own this way (``points_crs=``, ``--track-crs``).

    >>> with crs_argument("nope"):
    ...     normalize_crs("nope")
    Traceback (most recent call last):
    avzone.errors.CRSError: crs=: unknown coordinate reference system 'nope': ...
    """
    try:
        yield
    except CRSError as exc:
        said = None if given is None else _unknown_crs_given(exc, given, name)
        if said is None:
            raise
        raise said from None


_Fn = TypeVar("_Fn", bound=Callable[..., Any])


def _names_own_crs(*names: str) -> Callable[[_Fn], _Fn]:
    """A decorator: ``fn``, a public function of avzone's modules (this one's, :mod:`avzone.locate`'s, ...) whose
    arguments ``names`` are CRSs, called from outside avzone, names an unknown CRS given as one of them as the caller
    gave it (``crs=``, ``a=`` from Python), as :func:`names_crs` names it for the entry points.

    Called by avzone's own code, the error is left as it is: the CRS there is the caller's, named by the entry point
    (:func:`names_crs`, the command line's ``--crs``, the HTTP service's ``crs``), or a file's, named with the file.
    """

    def decorate(fn: _Fn) -> _Fn:
        @functools.wraps(fn)
        def named(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except CRSError as exc:
                caller = sys._getframe(1).f_globals.get("__name__", "")
                if caller == "avzone" or caller.startswith("avzone."):
                    raise
                import inspect

                bound = inspect.signature(fn).bind_partial(*args, **kwargs).arguments
                for name in names:
                    said = _unknown_crs_given(exc, bound[name], name) if name in bound else None
                    if said is not None:
                        raise said from None
                raise

        return named  # type: ignore[return-value]

    return decorate


@_names_own_crs("crs")
def crs_short_name(crs: Any) -> CRSName:
    """A CRS as messages name it: a name avzone knows as it is (``gcj02``, ``EPSG:4326``), a pyproj CRS or a
    CRS text (WKT, PROJJSON, PROJ) by its code and name (``EPSG:3857 (WGS 84 / Pseudo-Mercator)``), never
    the whole definition. An unknown CRS is refused as :func:`normalize_crs` refuses it (``crs=: unknown
    coordinate reference system ...``)."""
    norm = normalize_crs(crs)
    return CRSName(norm) if isinstance(norm, str) else _crs_label(norm)


def _short_code(crs: pyproj.CRS) -> str:
    authority = crs.to_authority()
    return ":".join(authority) if authority else repr(crs.name)


def _proj_reason(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"proj_create_operations: (.*?)(?:\. You may override.*)?\)?$", text, re.S)
    return (m.group(1) if m else text).strip().rstrip(".")


def _why_unusable(crs: pyproj.CRS) -> tuple[Message, Message | None] | None:
    """Why ``crs`` cannot carry points in Beijing to WGS84 lon/lat (and a better CRS), or None when it can."""
    if crs.is_compound:
        horizontal = [s for s in crs.sub_crs_list if s.is_geographic or s.is_projected]
        hint = Message("crs_hint_horizontal", code=_short_code(horizontal[0])) if horizontal else None
        return Message("crs_compound"), hint
    if crs.is_geocentric:
        return Message("crs_geocentric"), None
    if crs.is_vertical:
        return Message("crs_vertical"), None
    if crs.is_engineering:
        return Message("crs_engineering"), None
    if not (crs.is_geographic or crs.is_projected):
        return Message("crs_other_kind", kind=crs.type_name), None
    import pyproj

    if len(crs.axis_info) != 2:
        try:
            flat = crs.to_2d()
            hint = Message("crs_hint_2d", code=_short_code(flat)) if flat.to_authority() else None
        except pyproj.exceptions.CRSError:
            hint = None
        return Message("crs_axes", n=len(crs.axis_info)), hint
    lon = np.array([p[0] for p in BEIJING_PROBE])
    lat = np.array([p[1] for p in BEIJING_PROBE])
    try:
        x, y = pyproj.Transformer.from_crs(_wgs84_crs(), crs, always_xy=True).transform(lon, lat)
        back_lon, back_lat = pyproj.Transformer.from_crs(crs, _wgs84_crs(), always_xy=True).transform(x, y)
    except pyproj.exceptions.ProjError as exc:
        return Message("crs_no_transformation", reason=_proj_reason(exc)), None
    back_lon, back_lat = np.asarray(back_lon, dtype=float), np.asarray(back_lat, dtype=float)
    with np.errstate(invalid="ignore"):
        good = (np.abs(back_lon - lon) <= _PROBE_TOL_DEG) & (np.abs(back_lat - lat) <= _PROBE_TOL_DEG)
    if not good.all():
        return Message("crs_fails_in_beijing"), None
    return None


#: WGS 84's ellipsoid: a datum on it (CGCS2000, NAD83, ETRS89: GRS 80 differs by 0.1 mm) is WGS 84 within a metre
#: or so; one on another ellipsoid (Krassowsky: Beijing 1954, IAG 1975: Xian 1980) is a regional datum, metres to
#: hundreds of metres from it.
_WGS84_ELLIPSOID = (6378137.0, 298.257)


def datum_shift_unknown(crs: Any) -> Message | None:
    """A note when PROJ converts ``crs`` to WGS84 in Beijing without its datum shift, else None.

    PROJ knows no Beijing 1954 or Xian 1980 to WGS 84 transformation for
    Beijing: it converts their coordinates as if the datums were one (a
    "ballpark" transformation), which puts points tens of metres or more
    from where they are. Only a datum on another ellipsoid than WGS 84's is
    noted (CGCS2000's ballpark is right within centimetres); a CRS with its
    shift (``+towgs84=...``) is not. ``crs``: a normalized CRS
    (:func:`normalize_crs`); WGS84, ``gcj02`` and ``bd09`` get None.

    >>> import pyproj
    >>> datum_shift_unknown(pyproj.CRS("EPSG:2436")).split(":")[0]
    'PROJ knows no datum shift between Beijing 1954 and WGS 84 in Beijing'
    >>> datum_shift_unknown(pyproj.CRS("EPSG:4548")) is None
    True
    """
    if isinstance(crs, str) or not _is_pyproj_crs(crs):
        return None
    datum = _ballpark_datum(crs.to_wkt())
    if datum is None:
        return None
    code = crs.to_authority()
    return Message("note_datum_ballpark", datum=datum, crs=CRSName(":".join(code)) if code else _crs_label(crs))


@functools.lru_cache(maxsize=64)
def _ballpark_datum(wkt: str) -> str | None:
    import pyproj

    crs = pyproj.CRS.from_wkt(wkt)
    geodetic = crs.geodetic_crs
    ellipsoid = None if geodetic is None else geodetic.ellipsoid
    if geodetic is None or ellipsoid is None:
        return None
    a, rf = _WGS84_ELLIPSOID
    if abs(ellipsoid.semi_major_metre - a) < 1 and abs(ellipsoid.inverse_flattening - rf) < 0.01:
        return None
    lons, lats = [p[0] for p in BEIJING_PROBE], [p[1] for p in BEIJING_PROBE]
    area = pyproj.transformer.AreaOfInterest(min(lons), min(lats), max(lons), max(lats))
    try:
        transformer = pyproj.Transformer.from_crs(crs, _wgs84_crs(), always_xy=True, area_of_interest=area)
    except pyproj.exceptions.ProjError:
        return None
    if "ballpark" not in transformer.description.lower():
        return None
    return str(geodetic.datum.name if geodetic.datum is not None else geodetic.name)


def validate_crs(crs: pyproj.CRS) -> pyproj.CRS:
    """Return ``crs`` if it can carry points in Beijing to WGS84, else raise :class:`CRSError`.

    A CRS is accepted when it is horizontal and two-dimensional (geographic
    lon/lat or projected easting/northing; not geocentric, vertical,
    compound, engineering or 3D) and PROJ transforms the points of
    :data:`BEIJING_PROBE` (Beijing's centre and the corners of its bounding
    box) from WGS84 into it and back within 1e-6 degrees. Verdicts are
    cached by the CRS's source text. :func:`normalize_crs` applies this to
    every CRS it returns, so every entry point (library, command line, HTTP
    API) refuses the same CRSs with the same message.

    Raises
    ------
    CRSError
        Naming the CRS, what is wrong with it and what would be right.

    Examples
    --------
    >>> import pyproj
    >>> validate_crs(pyproj.CRS("EPSG:32650")).name
    'WGS 84 / UTM zone 50N'
    >>> validate_crs(pyproj.CRS("EPSG:4978"))
    Traceback (most recent call last):
    ...
    avzone.errors.CRSError: coordinate reference system EPSG:4978 (WGS 84) cannot be used: it is geocentric ...
    """
    key = crs.srs
    try:
        why = _VERDICTS[key]
    except KeyError:
        why = _why_unusable(crs)
        if len(_VERDICTS) >= _MAX_VERDICTS:
            _VERDICTS.clear()
        _VERDICTS[key] = why
    if why is not None:
        reason, hint = why
        label = _crs_label(crs)
        raise CRSError(Message("err_unusable_crs", crs=label, reason=reason, hint=hint or Message("crs_hint")))
    return crs


#: The offset coordinate systems of Chinese web maps: their title in a file's CRS, and the maps that use them.
SHIFTED_TITLES = {
    "gcj02": ("GCJ-02", "Amap/Gaode, Tencent"),
    "bd09": ("BD-09", "Baidu"),
    "gcj02merc": ("GCJ-02 / Web Mercator", "Amap/Gaode, Tencent"),
}


def shifted_crs(name: str) -> pyproj.CRS:
    """The custom CRS a ``gcj02`` / ``bd09`` / ``gcj02merc`` export declares: lon/lat named ``GCJ-02`` /
    ``BD-09``, or metres named ``GCJ-02 / Web Mercator`` (EPSG:3857's Pseudo-Mercator conversion of the
    ``GCJ-02`` lon/lat).

    A geographic CRS on the WGS84 ellipsoid with a datum of its own name, so
    that no reader takes it for EPSG:4326 (pyproj finds no EPSG code for it,
    QGIS shows a custom CRS). No transformation to WGS84 is declared: there
    is no published one (avzone's :func:`avzone.crs.gcj02_to_wgs84` and
    :func:`avzone.crs.bd09_to_wgs84` do it).

    >>> crs = shifted_crs("gcj02")
    >>> crs.name, crs.to_epsg(), crs.is_geographic
    ('GCJ-02', None, True)
    """
    import pyproj

    if name in PROJECTED_ALIASES:  # Web Mercator's conversion (EPSG:3857's) of the shifted lon/lat
        from pyproj.crs import ProjectedCRS

        base = shifted_crs(name.removesuffix("merc"))
        conversion = pyproj.CRS.from_epsg(3857).coordinate_operation
        return pyproj.CRS(ProjectedCRS(conversion, name=SHIFTED_TITLES[name][0], geodetic_crs=base).to_wkt())
    title, maps = SHIFTED_TITLES[name]
    degree = 'ANGLEUNIT["degree",0.0174532925199433]'
    return pyproj.CRS.from_wkt(
        f'GEOGCRS["{title}",'
        f'DATUM["{title} (WGS 84 shifted for Chinese web maps)",'
        'ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],'
        f'PRIMEM["Greenwich",0,{degree}],CS[ellipsoidal,2],'
        f'AXIS["geodetic longitude (Lon)",east,ORDER[1],{degree}],'
        f'AXIS["geodetic latitude (Lat)",north,ORDER[2],{degree}],'
        f'USAGE[SCOPE["{maps} web maps; not EPSG:4326"],AREA["China"],BBOX[0.8293,72.004,55.8271,137.8347]]]'
    )


@functools.cache
def _shifted_wkts() -> dict[str, str]:
    return {shifted_crs(alias).to_wkt(): alias for alias in SHIFTED_TITLES}


def shifted_alias_of_text(text: str) -> str | None:
    """``"gcj02"`` / ``"bd09"`` when ``text`` is the WKT of :func:`shifted_crs` (what ``avzone export`` writes
    in a GeoJSON file's ``crs`` member for them), else None.

    Compared as text, nothing parsed: the HTTP service, which parses no WKT,
    takes avzone's own GCJ-02 / BD-09 files back so.

    >>> shifted_alias_of_text(shifted_crs("bd09").to_wkt()), shifted_alias_of_text("EPSG:4326")
    ('bd09', None)
    """
    return _shifted_wkts().get(text.strip())


def _is_web_mercator_of(base: pyproj.CRS, crs: pyproj.CRS) -> bool:
    """Whether projected ``crs`` takes ``base`` lon/lat to Web Mercator's metres (EPSG:3857's formulas) over Beijing."""
    import pyproj  # (an ESRI .prj names Web Mercator's conversion Mercator_Auxiliary_Sphere)

    lon, lat = np.array([p[0] for p in BEIJING_PROBE]), np.array([p[1] for p in BEIJING_PROBE])
    try:
        x, y = pyproj.Transformer.from_crs(base, crs, always_xy=True).transform(lon, lat)
    except pyproj.exceptions.ProjError:
        return False
    want_x, want_y = _merc_forward(lon, lat)
    return bool(np.all(np.abs(np.asarray(x) - want_x) < 1e-3) and np.all(np.abs(np.asarray(y) - want_y) < 1e-3))


def _shifted_alias(crs: pyproj.CRS) -> str | None:
    """``"gcj02"`` / ``"bd09"`` for the custom CRS that avzone's exports declare for them, else None.

    Those files declare a geographic CRS named ``GCJ-02`` / ``BD-09`` with a
    datum of that name (:func:`shifted_crs`); a Shapefile's
    ``.prj`` spells them ``GCS_GCJ-02`` / ``D_GCJ-02...``. ``gcj02merc``: a
    projected CRS named ``GCJ-02 / Web Mercator`` (``_`` for spaces in a
    ``.prj``) on that ``GCJ-02`` datum, with Web Mercator's conversion.
    """
    if crs.is_projected:
        base = crs.geodetic_crs
        name = re.sub(r"[^a-z0-9]", "", crs.name.lower())
        if name != "gcj02webmercator" or base is None:  # (GDAL's WKT1 keeps the name, not the GCJ-02 datum)
            return None
        return "gcj02merc" if _is_web_mercator_of(base, crs) else None  # (the conversion must be Web Mercator's)
    if not crs.is_geographic:
        return None
    name = crs.name.removeprefix("GCS_")
    datum = crs.datum.name.removeprefix("D_") if crs.datum is not None else ""
    for alias, title in (("gcj02", "GCJ-02"), ("bd09", "BD-09")):
        if name == title and datum.startswith(title):
            return alias
    return None


def shifted_alias_of_crs(crs: pyproj.CRS) -> str | None:
    """``"gcj02"`` / ``"bd09"`` / ``"gcj02merc"`` when ``crs`` is the custom CRS an ``avzone export`` file declares
    for them (as read back from the file, a Shapefile's ``.prj`` included), else None.

    >>> shifted_alias_of_crs(shifted_crs("gcj02merc")), shifted_alias_of_crs(shifted_crs("gcj02"))
    ('gcj02merc', 'gcj02')
    """
    return _shifted_alias(crs)


#: What a geographic CRS's or its datum's name is, made of letters and digits in lower case, when it names GCJ-02 or
#: BD-09 (``GCJ02``, ``GCS_GCJ_02``, ``D_GCJ02``, ``BD-09``, ``bd09ll``): the alias it is read as.
_SHIFT_NAMES = re.compile(r"^(?:gcs|d)?(?:(gcj02|gcj2)|(bd09|bd9))(?:ll|wgs84|wgs1984|datum)?$")


def _named_shift(crs: pyproj.CRS) -> str | None:
    """``"gcj02"`` / ``"bd09"`` for a geographic CRS named so (or on a datum named so), whatever its definition.

    A projected CRS named for Baidu's metres (``BD09MC``, ``BD09_Mercator``:
    :data:`BD09MC_NAMES`) is refused as those names are (:class:`CRSError`);
    one on a geographic CRS named so is ``"gcj02merc"`` when it is Web
    Mercator's conversion of GCJ-02, else refused (PROJ cannot undo the
    shift under another projection).

    PROJ knows no GCJ-02 or BD-09 datum: GIS users label Amap or Baidu data
    with a CRS of their own named ``GCJ02`` or ``BD09`` and defined as WGS84
    lon/lat (a QGIS custom CRS, an ArcGIS ``.prj``). Its name is what it says
    of the coordinates; read by its definition it would put every point
    hundreds of metres from its place, with nothing to show it.
    """
    if crs.is_projected:  # Baidu's metres, BD09MC, by a name of BD09MC_NAMES: refused as the name itself is
        if re.sub(r"[^a-z0-9]", "", crs.name.lower()) in BD09MC_NAMES:
            raise CRSError(Message("err_bd09mc", crs=crs.name))
        base = crs.geodetic_crs
        shifted = None if base is None else _named_shift(base)
        if base is None or shifted is None:
            return None
        if shifted == "gcj02" and _is_web_mercator_of(base, crs):
            return "gcj02merc"
        merc = Message("projected_shift_merc") if shifted == "gcj02" else ""
        raise CRSError(
            Message("err_projected_shift", crs=crs.name, label=SHIFTED_TITLES[shifted][0], alias=shifted, merc=merc)
        )
    if not crs.is_geographic:
        return None
    names = [crs.name] + ([crs.datum.name] if crs.datum is not None else [])
    for name in names:
        m = _SHIFT_NAMES.match(re.sub(r"[^a-z0-9]", "", name.lower()))
        if m:
            return "gcj02" if m.group(1) else "bd09"
    return None


def _classify(crs: pyproj.CRS) -> str | pyproj.CRS:
    named = _shifted_alias(crs) or _named_shift(crs)
    if named is not None:
        return named
    if crs.equals(_wgs84_crs(), ignore_axis_order=True):
        return WGS84
    return validate_crs(crs)


#: An OGC URN of a CRS: ``urn:ogc:def:crs:EPSG::3857``, ``urn:ogc:def:crs:OGC:1.3:CRS84`` (authority, version, code).
_OGC_URN = re.compile(r"^urn:ogc:def:crs:([A-Za-z][A-Za-z0-9_]*):([0-9.]*):([A-Za-z0-9_.-]+)$", re.IGNORECASE)
#: An OGC URL of a CRS: ``http://www.opengis.net/def/crs/EPSG/0/3857`` (authority, version, code).
_OGC_URL = re.compile(
    r"^https?://www\.opengis\.net/def/crs/([A-Za-z][A-Za-z0-9_]*)/([0-9.]+)/([A-Za-z0-9_.-]+)/?$", re.IGNORECASE
)


def ogc_crs_code(text: str) -> str | None:
    """The authority code (``EPSG:3857``, ``OGC:CRS84``) an OGC URN or URL of a CRS names, else None.

    The forms GeoJSON's old ``crs`` member, WFS and OGC API write:
    ``urn:ogc:def:crs:EPSG::3857``, ``urn:ogc:def:crs:OGC:1.3:CRS84`` and
    ``http://www.opengis.net/def/crs/EPSG/0/3857``. :func:`normalize_crs`
    (and so the library, ``--crs`` and the HTTP ``crs`` parameter) reads
    them as that code.

    >>> ogc_crs_code("urn:ogc:def:crs:EPSG::3857"), ogc_crs_code("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
    ('EPSG:3857', 'OGC:CRS84')
    >>> ogc_crs_code("EPSG:3857") is None
    True
    """
    m = _OGC_URN.match(text.strip()) or _OGC_URL.match(text.strip())
    return f"{m.group(1).upper()}:{m.group(3)}" if m else None


#: An authority code as people write it: ``EPSG:32650``, also with spaces around the colon (``EPSG: 32650``).
_AUTHORITY_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\s*:\s*([A-Za-z0-9_.-]+)$")
#: A bare EPSG number (``32650``), as ``avzone locate --crs 32650`` and the HTTP ``crs=32650`` take it.
_EPSG_NUMBER = re.compile(r"^[0-9]{1,6}$")


def crs_code_text(text: str) -> str | None:
    """The authority code (``EPSG:32650``) a CRS text names, written one way, else None (a name, WKT, PROJ...).

    The one reading of CRS codes of every entry point (the library's
    ``crs=``, ``--crs``, the HTTP ``crs`` parameter and a POSTed
    FeatureCollection's ``crs`` member): space around the text and around
    the colon is no part of it (``EPSG: 32650``, ``epsg : 32650``), the
    authority is in capitals, a bare number is an EPSG code, and an OGC URN
    or URL is the code it names (:func:`ogc_crs_code`).

    >>> crs_code_text(" epsg : 32650 "), crs_code_text("4326"), crs_code_text("urn:ogc:def:crs:OGC:1.3:CRS84")
    ('EPSG:32650', 'EPSG:4326', 'OGC:CRS84')
    >>> crs_code_text("+proj=utm +zone=50") is None, crs_code_text("gcj02") is None
    (True, True)
    """
    name = text.strip()
    ogc = ogc_crs_code(name)
    if ogc is not None:
        return ogc
    if _EPSG_NUMBER.match(name):
        return f"EPSG:{name}"
    m = _AUTHORITY_CODE.match(name)
    if m:
        return f"{m.group(1).upper()}:{m.group(2)}"
    return _NAMED_CODES.get(crs_name_key(name))  # WGS 84, CGCS 2000: the codes of their lon/lat


@functools.lru_cache(maxsize=256)
def _normalize_str(text: str) -> str | pyproj.CRS:
    key = crs_name_key(text)
    alias = _ALIASES.get(key)
    if alias is not None:
        return alias
    if key in BD09MC_NAMES:
        raise CRSError(Message("err_bd09mc", crs=text))
    code = crs_code_text(text) or text  # EPSG: 32650, a bare number, an OGC URN or URL: the code it names
    if code.strip().upper() in _WGS84_TEXTS:
        return WGS84
    import pyproj

    try:
        parsed = pyproj.CRS.from_user_input(code)
    except pyproj.exceptions.CRSError:
        raise CRSError(Message("err_unknown_crs", crs=text)) from None
    if code is text and _NAME_TEXT.match(text.strip()):  # a name: PROJ matches names approximately
        _refuse_near_name(text, parsed)
    return _classify(parsed)


#: A CRS text that can only be a name (no WKT, PROJJSON or PROJ string; codes are read before).
_NAME_TEXT = re.compile(r"^[^\[\]{}=+]+$")


def _loose_name(name: str) -> str:
    """A CRS name as compared with PROJ's names and aliases: letters and digits in lower case, no ``GCS_``."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", name).lower()).removeprefix("gcs")


def _refuse_near_name(text: str, parsed: pyproj.CRS) -> None:
    """Refuse a name that is neither the name nor an alias (in PROJ's database) of the CRS PROJ read it as.

    PROJ takes a name it finds no CRS of as the nearest one it finds, which
    may be one of several: ``Beijing`` was New Beijing (EPSG:4555), not
    Beijing 1954, and ``Beijing 54`` is said of Gauss-Kruger metres as
    often as of lon/lat. The error names PROJ's match and its code.
    """
    authority = parsed.to_authority()
    names = {_loose_name(parsed.name)} | {_loose_name(a) for a in _crs_aliases(*authority or ("", ""))}
    if _loose_name(text) in names:
        return
    code = CRSName(":".join(authority)) if authority else _crs_label(parsed)
    raise CRSError(Message("err_crs_name_inexact", crs=text, code=code, name=parsed.name))


@functools.lru_cache(maxsize=256)
def _crs_aliases(auth: str, code: str) -> tuple[str, ...]:
    """The other names (ESRI's, EPSG's) PROJ's database gives the CRS ``auth:code``; none when it cannot be read."""
    import sqlite3

    import pyproj

    if not auth:
        return ()
    for folder in str(pyproj.datadir.get_data_dir()).split(os.pathsep):
        db = Path(folder) / "proj.db"
        if not db.is_file():
            continue
        try:
            with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as con:
                rows = con.execute("SELECT alt_name FROM alias_name WHERE auth_name = ? AND code = ?", (auth, code))
                return tuple(str(r[0]) for r in rows)
        except sqlite3.Error:
            return ()
    return ()


def geojson_declared_crs(doc: Any) -> str | None:
    """The CRS a GeoJSON document's old ``crs`` member names (GeoJSON 2008; QGIS and GDAL still write it), or None.

    ``{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}``
    gives the name, ``{"type": "EPSG", "properties": {"code": 3857}}`` gives
    ``EPSG:3857``; no member (RFC 7946: WGS84) or a null one gives None.

    Raises
    ------
    CRSError
        For a member of another form (a ``link`` to a file, or not an
        object): it cannot be read, and the coordinates' CRS is then unknown.

    >>> geojson_declared_crs({"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}})
    'urn:ogc:def:crs:OGC:1.3:CRS84'
    """
    member = doc.get("crs") if isinstance(doc, dict) else None
    if member is None:
        return None
    props = member.get("properties") if isinstance(member, dict) else None
    kind = member.get("type") if isinstance(member, dict) else None
    if isinstance(props, dict):
        if kind == "name" and isinstance(props.get("name"), str) and props["name"].strip():
            if crs_file(props["name"]) is None:  # (a file it names is not read: only the user's crs= names one)
                return str(props["name"])
        code = props.get("code")
        if kind == "EPSG" and isinstance(code, (int, str)) and not isinstance(code, bool) and str(code).isdigit():
            return f"EPSG:{code}"
    shown = json.dumps(member, ensure_ascii=False)
    raise CRSError(Message("err_geojson_crs_member", member=shown[:200], crs=Option("crs")))


def declared_or_given(
    declared: Any, given: Any, *, override: bool = False, conflict: Callable[[], Exception]
) -> tuple[Any, bool]:
    """The one rule by which a CRS written with the coordinates meets the CRS the user gives: every entry point's.

    ``declared`` is the CRS a source writes for its coordinates (a GeoParquet
    file's geometry column, a GeoJSON file's or a POSTed FeatureCollection's
    old ``crs`` member, a GeoDataFrame's ``.crs``), None when it writes none
    (or declares it unknown); ``given`` is ``--crs`` / ``crs=``, None when
    not given. The coordinates are read in:

    * ``declared`` when nothing is given, ``given`` when nothing is declared;
    * ``given`` when both name the same CRS (:func:`same_crs`: one that puts
      every point in the same place, whatever its axis order or the names in
      its definition);
    * when they differ, ``given`` only with ``override`` (``--override-crs``,
      ``override_crs=True``: the file's label is wrong, as geopandas'
      ``set_crs(crs, allow_override=True)`` replaces one); without it the
      exception ``conflict()`` makes is raised, which names the source, both
      CRSs and how to override. A given CRS is never silently left unused.

    Returns the CRS and whether ``given`` overrode a different ``declared``.

    >>> declared_or_given("EPSG:3857", None, conflict=ValueError)
    ('EPSG:3857', False)
    >>> declared_or_given("EPSG:4326", "gcj02", override=True, conflict=ValueError)
    ('gcj02', True)
    """
    if given is None:
        return declared, False
    if declared is None or same_crs(declared, given):
        return given, False
    if not override:
        raise conflict()
    return given, True


@_names_own_crs("a", "b")
def same_crs(a: Any, b: Any) -> bool:
    """Whether CRSs ``a`` and ``b`` put coordinates in the same places: the same :func:`normalize_crs` answer, or
    two pyproj CRSs equal but for axis order (avzone reads every CRS easting/longitude first), or whose
    conversions to WGS84 agree within 1e-9 degrees over Beijing (:data:`BEIJING_PROBE`: an ESRI ``.prj``'s
    ``Gauss_Kruger`` and EPSG's Transverse Mercator of CGCS2000 are one CRS written two ways). An unknown CRS is
    refused as :func:`normalize_crs` refuses it, naming the argument (``a=`` or ``b=``).

    >>> same_crs("OGC:CRS84", 4326), same_crs("EPSG:4326", "gcj02"), same_crs("EPSG:3857", "gcj02merc")
    (True, False, False)
    """
    na, nb = normalize_crs(a), normalize_crs(b)
    if isinstance(na, str) or isinstance(nb, str):
        return bool(na == nb)
    if na == nb or na.equals(nb, ignore_axis_order=True):
        return True
    if na.is_geographic != nb.is_geographic:
        return False
    lon = np.array([p[0] for p in BEIJING_PROBE])
    lat = np.array([p[1] for p in BEIJING_PROBE])
    try:
        x, y = _project(lon, lat, na, False)
        back_lon, back_lat = _project(x, y, nb, True)
    except CRSError:
        return False
    with np.errstate(invalid="ignore"):
        return bool(np.all(np.abs(back_lon - lon) <= 1e-9) and np.all(np.abs(back_lat - lat) <= 1e-9))


def check_override_crs(crs: Any, override: bool) -> None:
    """Refuse ``override_crs`` (``--override-crs``) without ``crs``: there is no CRS to read the coordinates in
    instead of the declared one, and the option would be silently left unused."""
    if override and crs is None:
        raise CRSError(
            Message(
                "err_override_crs_alone",
                override=Option("override_crs", True),
                crs=Option("crs"),
                declarer=Message("crs_declarer_file"),
            )
        )


def names_crs(fn: _Fn) -> _Fn:
    """``fn``, an unknown CRS given as its ``crs`` argument named as the caller gave it (``crs=`` from Python, as the
    command line names ``--crs``: :class:`avzone.i18n.Option`); a CRS from elsewhere (a file's) as it is."""
    import inspect

    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def named(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CRSError as exc:
            bound = signature.bind_partial(*args, **kwargs).arguments
            given = kwargs.get("crs", bound.get("crs"))
            said = None if given is None else _unknown_crs_given(exc, given)
            if said is None:
                raise
            raise said from None

    return named  # type: ignore[return-value]


@_names_own_crs("crs")
def normalize_crs(crs: Any) -> str | pyproj.CRS:
    """Resolve a CRS given by the user.

    Parameters
    ----------
    crs : str, int, pyproj.CRS, os.PathLike or anything ``pyproj.CRS.from_user_input`` takes
        ``"gcj02"`` / ``"bd09"`` / ``"gcj02merc"`` (case, spaces, ``-``,
        ``_`` and ``/`` ignored: ``GCJ 02``, ``GCJ-02 / Web Mercator``;
        also ``"gcj02mercator"``, ``"gcj02webmercator"``, Baidu's
        ``coord_type`` names ``"gcj02ll"``, ``"bd09ll"``, ``"wgs84ll"``,
        and the Chinese names 国测局坐标 / 火星坐标 (GCJ-02) and 百度坐标
        (BD-09), with or without 系), a datum's name (``WGS 84``, ``CGCS
        2000``: the code of its lon/lat), an EPSG code, WKT, a PROJ string,
        ..., or a ``.prj`` / ``.wkt`` file of WKT (:func:`crs_file`: a
        path ending so, or any ``pathlib.Path``), read as its text is, or a
        Shapefile (``.shp``), read by its ``.prj``.

    Returns
    -------
    str or pyproj.CRS
        ``"gcj02"``, ``"bd09"``, ``"gcj02merc"`` (also for the custom
        ``GCJ-02`` / ``BD-09`` / ``GCJ-02 / Web Mercator`` CRS that ``avzone
        export`` files declare, and for any geographic CRS named, or on a
        datum named, ``GCJ02`` / ``BD09`` (``GCS_GCJ_02``, ``D_BD09``...),
        whatever its definition: GIS users' labels for Amap and Baidu data,
        defined as WGS84 for want of such a datum in PROJ), :data:`WGS84` (``"EPSG:4326"``) for any CRS
        equal to EPSG:4326 up to axis order (e.g. ``OGC:CRS84``,
        ``+proj=longlat +datum=WGS84``), else the :class:`pyproj.CRS`,
        once :func:`validate_crs` has accepted it.

    Raises
    ------
    CRSError
        For anything else, including ``None`` and ``""`` ("crs=: unknown
        coordinate reference system ...", the argument named as
        :func:`names_crs` names an entry point's), for Baidu's BD-09 Mercator (:data:`BD09MC_NAMES`:
        ``bd09mc``, ``bd09merc``, ..., and a projected CRS so named: "...
        cannot be used: it names Baidu's BD-09 Mercator metres ..."), for a
        name that is neither the name nor an alias in PROJ's database of the
        CRS PROJ matches it to (``Beijing``, which PROJ takes for New
        Beijing: "'Beijing' is not the name of a coordinate reference system;
        PROJ's nearest is EPSG:4555 ..."), for a ``.prj`` / ``.wkt`` file
        that cannot be read or holds no CRS (naming the file), and for a CRS :func:`validate_crs` refuses
        (geocentric, vertical, compound, 3D, or with no transformation to
        WGS84 over Beijing: "... cannot be used: ...").

    Examples
    --------
    >>> normalize_crs("GCJ-02"), normalize_crs("OGC:CRS84"), normalize_crs(4326)
    ('gcj02', 'EPSG:4326', 'EPSG:4326')
    >>> normalize_crs("EPSG:32650").name
    'WGS 84 / UTM zone 50N'
    """
    path = crs_file(crs)
    if path is not None:
        return _normalize_file(path)
    if isinstance(crs, str):
        return _normalize_str(crs)
    if _is_pyproj_crs(crs):
        return _classify(crs)
    if crs is None or isinstance(crs, bool):
        raise CRSError(Message("err_unknown_crs", crs=crs))
    import pyproj

    try:
        parsed = pyproj.CRS.from_user_input(crs)
    except (pyproj.exceptions.CRSError, TypeError, ValueError):
        raise CRSError(Message("err_unknown_crs", crs=crs)) from None
    return _classify(parsed)


@_names_own_crs("crs")
def is_wgs84(crs: Any) -> bool:
    """Return True if ``crs`` is WGS84 lon/lat (EPSG:4326 up to axis order).

    >>> is_wgs84("EPSG:4326"), is_wgs84("gcj02"), is_wgs84("EPSG:32650")
    (True, False, False)
    """
    c = normalize_crs(crs)
    return isinstance(c, str) and c == WGS84


@functools.lru_cache(maxsize=64)
def _transformer(wkt: str, to_wgs: bool) -> pyproj.Transformer:
    import pyproj

    crs = pyproj.CRS.from_wkt(wkt)
    src, dst = (crs, _wgs84_crs()) if to_wgs else (_wgs84_crs(), crs)
    try:
        return pyproj.Transformer.from_crs(src, dst, always_xy=True)
    except pyproj.exceptions.ProjError as exc:
        raise CRSError(Message("err_crs_transform", crs=_crs_label(crs), reason=_proj_reason(exc))) from None


#: How far (in the projected CRS's unit: a metre, a foot) a point may come back from its round trip through
#: WGS84 and still be the point given (PROJ's own round trips close to well under a millimetre).
_ROUND_TRIP_TOL = 0.5


#: WGS84 lon/lat (west, south, east, north) around Beijing whose projected image :func:`_trusted_box` inscribes a
#: rectangle in: a projected CRS's points in that rectangle need no round trip (nearly all points of a Beijing job).
_TRUST_LONLAT = (113.5, 37.5, 119.5, 43.0)


@functools.lru_cache(maxsize=64)
def _trusted_box(wkt: str) -> tuple[float, float, float, float] | None:
    """A rectangle ``(x0, y0, x1, y1)`` of a projected CRS's coordinates where no point needs a round trip, or None.

    The projection maps the lon/lat box :data:`_TRUST_LONLAT` one to one onto the region its projected boundary
    encloses, so every point inside that region comes back from WGS84 to itself; the rectangle returned is
    inside that region (checked with the boundary sampled densely), and a grid over it is checked to come
    back within :data:`_ROUND_TRIP_TOL` and to land inside the lon/lat box. Any doubt (a westing axis, a
    boundary that crosses itself, a point that does not come back): None, and every point gets its round trip.
    """
    import pyproj
    import shapely

    w, s, e, n = _TRUST_LONLAT
    t = np.linspace(0.0, 1.0, 129)
    edges = [  # counterclockwise: bottom, right, top, left
        (w + (e - w) * t, np.full_like(t, s)),
        (np.full_like(t, e), s + (n - s) * t),
        (e - (e - w) * t, np.full_like(t, n)),
        (np.full_like(t, w), n - (n - s) * t),
    ]
    try:
        forward, inverse = _transformer(wkt, False), _transformer(wkt, True)
        projected = [tuple(np.asarray(v, dtype=np.float64) for v in forward.transform(a, b)) for a, b in edges]
    except (pyproj.exceptions.ProjError, CRSError):
        return None
    (_, bottom_y), (right_x, _), (_, top_y), (left_x, _) = projected
    if not all(np.isfinite(v).all() for xy in projected for v in xy):
        return None
    x0, x1, y0, y1 = float(left_x.max()), float(right_x.min()), float(bottom_y.max()), float(top_y.min())
    if not (x0 < x1 and y0 < y1):
        return None
    ring = shapely.Polygon(
        np.column_stack([np.concatenate([xy[0] for xy in projected]), np.concatenate([xy[1] for xy in projected])])
    )
    if not (ring.is_valid and ring.contains(shapely.box(x0, y0, x1, y1))):
        return None
    gx, gy = (a.reshape(-1) for a in np.meshgrid(np.linspace(x0, x1, 41), np.linspace(y0, y1, 41)))
    try:
        lon, lat = (np.asarray(v, dtype=np.float64) for v in inverse.transform(gx, gy))
        bx, by = (np.asarray(v, dtype=np.float64) for v in forward.transform(lon, lat))
    except pyproj.exceptions.ProjError:
        return None
    with np.errstate(invalid="ignore"):
        back = (np.abs(bx - gx) <= _ROUND_TRIP_TOL) & (np.abs(by - gy) <= _ROUND_TRIP_TOL)
        inside = (lon >= w - 1e-6) & (lon <= e + 1e-6) & (lat >= s - 1e-6) & (lat <= n + 1e-6)
    return (x0, y0, x1, y1) if bool(back.all() and inside.all()) else None


def _project(x: ArrayLike, y: ArrayLike, crs: pyproj.CRS, to_wgs: bool) -> Coords:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        x, y = (np.ascontiguousarray(a) for a in np.broadcast_arrays(x, y))
    shape = x.shape
    wkt = crs.to_wkt()
    ox, oy = _transformer(wkt, to_wgs).transform(x.reshape(-1), y.reshape(-1))
    ox, oy = np.asarray(ox, dtype=np.float64), np.asarray(oy, dtype=np.float64)
    bad = ~(np.isfinite(ox) & np.isfinite(oy))
    if to_wgs and crs.is_projected:  # numbers beyond what the projection covers: PROJ folds or wraps them
        flat_x, flat_y = x.reshape(-1), y.reshape(-1)
        box = _trusted_box(wkt)  # (points in it come back: only the others are carried back to be sure)
        idx: npt.NDArray[np.intp] | None = None
        if box is not None:
            x0, y0, x1, y1 = box
            with np.errstate(invalid="ignore"):
                idx = np.flatnonzero(~((flat_x >= x0) & (flat_x <= x1) & (flat_y >= y0) & (flat_y <= y1)))
        if idx is None or idx.size:
            qx, qy = (flat_x, flat_y) if idx is None else (flat_x[idx], flat_y[idx])
            rx, ry = (ox, oy) if idx is None else (ox[idx], oy[idx])
            bx, by = _transformer(wkt, False).transform(rx, ry)
            with np.errstate(invalid="ignore"):
                back = (np.abs(np.asarray(bx) - qx) <= _ROUND_TRIP_TOL + 1e-9 * np.abs(qx)) & (
                    np.abs(np.asarray(by) - qy) <= _ROUND_TRIP_TOL + 1e-9 * np.abs(qy)
                )
            if idx is None:
                bad |= ~back  # (NaN compares False: a point that does not come back at all is no point either)
            else:
                bad[idx] |= ~back
    if bad.any():  # PROJ reports points it cannot transform as inf; NaN for them, and for those that do not come back
        ox[bad] = np.nan
        oy[bad] = np.nan
    return _finish(ox, oy, shape)


def _passthrough(x: ArrayLike, y: ArrayLike) -> Coords:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        x, y = (np.ascontiguousarray(a) for a in np.broadcast_arrays(x, y))
    return (x[()], y[()]) if x.shape == () else (x, y)


@overload
def to_wgs84(x: float, y: float, crs: Any = ..., *, unconverged: Unconverged = ...) -> ScalarPair: ...
@overload
def to_wgs84(x: ArrayLike, y: ArrayLike, crs: Any = ..., *, unconverged: Unconverged = ...) -> ArrayPair: ...
@_names_own_crs("crs")
def to_wgs84(x: ArrayLike, y: ArrayLike, crs: Any = WGS84, *, unconverged: Unconverged = "raise") -> Coords:
    """Convert coordinates in ``crs`` to WGS84 ``(lon, lat)``.

    For WGS84 input, float64 arrays of equal shape are returned as they are
    (no copy, so the result aliases the input). pyproj CRSs go through a
    cached ``pyproj.Transformer`` with ``always_xy=True``, so ``x, y`` are in
    the CRS's easting/northing or lon/lat order whatever its declared axis
    order; points PROJ cannot transform come back as NaN, and so do a projected
    CRS's points that its projection does not cover (an easting beyond Web
    Mercator's +-20,037,508 m, a UTM northing of a million km: PROJ folds or
    wraps them onto some other place), found as those whose round trip back
    to ``crs`` misses them by more than half a unit (a metre, a foot). Points
    in a rectangle around Beijing that the projection is shown once to carry
    there and back (one to one, no fold) skip that round trip, which would
    double the conversion's time.

    Parameters
    ----------
    x, y : float or array_like
        Coordinates in ``crs``, broadcast together.
    crs : see :func:`normalize_crs`, default ``"EPSG:4326"``
    unconverged : {"raise", "nan"}, default "raise"
        For GCJ-02 and BD-09, whose inverses are iterated: raise
        :class:`CRSError` when some point does not converge, or give NaN for
        those points only (as PROJ's failures are given), so that one absurd
        row cannot stop a whole array.

    Returns
    -------
    lon, lat : numpy.ndarray or numpy.float64

    Examples
    --------
    >>> lon, lat = to_wgs84(448460.0, 4417831.0, "EPSG:32650")  # UTM 50N metres
    >>> round(float(lon), 4), round(float(lat), 4)
    (116.397, 39.909)
    """
    c = normalize_crs(crs)
    _check_unconverged(unconverged)
    if not isinstance(c, str):  # a pyproj.CRS
        return _project(x, y, c, True)
    if c == "gcj02":
        return gcj02_to_wgs84(x, y, unconverged=unconverged)
    if c == "bd09":
        return bd09_to_wgs84(x, y, unconverged=unconverged)
    if c == "gcj02merc":
        return gcj02merc_to_wgs84(x, y, unconverged=unconverged)
    return _passthrough(x, y)


@overload
def from_wgs84(lon: float, lat: float, crs: Any) -> ScalarPair: ...
@overload
def from_wgs84(lon: ArrayLike, lat: ArrayLike, crs: Any) -> ArrayPair: ...
@_names_own_crs("crs")
def from_wgs84(lon: ArrayLike, lat: ArrayLike, crs: Any) -> Coords:
    """Convert WGS84 ``(lon, lat)`` to ``(x, y)`` in ``crs``; inverse of :func:`to_wgs84`.

    >>> x, y = from_wgs84(116.397, 39.909, "EPSG:32650")
    >>> round(float(x)), round(float(y))
    (448460, 4417831)
    """
    c = normalize_crs(crs)
    if not isinstance(c, str):  # a pyproj.CRS
        return _project(lon, lat, c, False)
    if c == "gcj02":
        return wgs84_to_gcj02(lon, lat)
    if c == "bd09":
        return wgs84_to_bd09(lon, lat)
    if c == "gcj02merc":
        return wgs84_to_gcj02merc(lon, lat)
    return _passthrough(lon, lat)

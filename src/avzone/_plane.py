"""A local plane tangent to the WGS84 ellipsoid, in plain numpy (no pyproj).

avzone finds the nearest point of a zone's edge in a plane around the zone
(:class:`avzone.geodesy.BoundaryDistance`) and then measures the geodesic way
to that point on the ellipsoid. The plane only has to keep shapes nearly
undistorted near the zone; this module gives one from first principles:

* geodetic (lon, lat) on the ellipsoid to Earth-centred Cartesian
  coordinates (X, Y, Z), with the prime-vertical radius
  ``N = a / sqrt(1 - e² sin² lat)``;
* the east, north and up unit vectors at the plane's origin;
* a point's plane coordinates are the east and north components of its
  offset from the origin (the up component is dropped). This is the
  ellipsoidal orthographic projection; within ``s`` metres of the origin
  its scale differs from 1 by at most about ``(s / a)² / 2`` (1.2e-4 at
  100 km), the same order as a transverse Mercator's.

The way back (:meth:`LocalPlane.inverse`) finds the point of the ellipsoid
whose east and north components are the given ones: the up component is
solved for by a few fixed-point steps (each step moves the point along the
up vector by its height above the ellipsoid), converging to well under a
micrometre within the plane's reach.

Points more than :data:`REACH_DEG` degrees of arc from the origin are
outside the plane's reach (the projection folds on the far side of the
Earth): :meth:`~LocalPlane.forward` gives ``inf`` for them, so callers can
fall back to an exact method.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: WGS84 semi-major axis (m) and flattening.
A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)  # first eccentricity squared
#: Angular distance from the origin (degrees of arc) beyond which a point is outside the plane's reach.
REACH_DEG = 30.0
_COS_REACH = math.cos(math.radians(REACH_DEG))
_DEG = math.pi / 180.0


def _ecef(lon: Any, lat: Any) -> tuple[Any, Any, Any]:
    """Earth-centred Cartesian metres of points on the ellipsoid (height 0)."""
    lam = np.asarray(lon, dtype=float) * _DEG
    phi = np.asarray(lat, dtype=float) * _DEG
    sin_phi = np.sin(phi)
    cos_phi = np.cos(phi)
    n = A / np.sqrt(1.0 - E2 * sin_phi * sin_phi)
    return n * cos_phi * np.cos(lam), n * cos_phi * np.sin(lam), n * (1.0 - E2) * sin_phi


def _geodetic(x: Any, y: Any, z: Any) -> tuple[Any, Any, Any]:
    """(lon, lat) in degrees and height in metres of Earth-centred Cartesian points.

    Latitude by fixed-point iteration on ``tan lat = z / (p (1 - e² N / (N + h)))``;
    for points within kilometres of the ellipsoid four steps reach double precision.
    """
    p = np.hypot(x, y)
    lam = np.arctan2(y, x)
    phi = np.arctan2(z, p * (1.0 - E2))
    h = np.zeros_like(p)
    for _ in range(4):
        sin_phi = np.sin(phi)
        n = A / np.sqrt(1.0 - E2 * sin_phi * sin_phi)
        # the height, stable at every latitude (no division by cos lat)
        h = p * np.cos(phi) + z * sin_phi - A * np.sqrt(1.0 - E2 * sin_phi * sin_phi)
        phi = np.arctan2(z, p * (1.0 - E2 * n / (n + h)))
    return lam / _DEG, phi / _DEG, h


def _out(a: Any, scalar: bool) -> Any:
    return float(a) if scalar else a


class LocalPlane:
    """The plane tangent to the WGS84 ellipsoid at ``(lon0, lat0)``: x east, y north, in metres.

    >>> plane = LocalPlane(116.5, 39.8)
    >>> x, y = plane.forward(116.6, 39.8)
    >>> round(x), round(y)
    (8564, 5)
    >>> lon, lat = plane.inverse(x, y)
    >>> round(lon, 9), round(lat, 9)
    (116.6, 39.8)
    """

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0 = float(lon0)
        self.lat0 = float(lat0)
        lam, phi = self.lon0 * _DEG, self.lat0 * _DEG
        sl, cl, sp, cp = math.sin(lam), math.cos(lam), math.sin(phi), math.cos(phi)
        self._east = np.array([-sl, cl, 0.0])
        self._north = np.array([-sp * cl, -sp * sl, cp])
        self._up = np.array([cp * cl, cp * sl, sp])
        self._origin = np.array([float(v) for v in _ecef(self.lon0, self.lat0)])
        self._sin_phi0, self._cos_phi0 = sp, cp

    def forward(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        """WGS84 degrees to plane metres (x east, y north); ``inf`` beyond the plane's reach.

        Floats in give floats out; arrays in give arrays out.
        """
        scalar = isinstance(lon, float) and isinstance(lat, float)
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        x, y, z = _ecef(lon, lat)
        dx, dy, dz = x - self._origin[0], y - self._origin[1], z - self._origin[2]
        e, n = self._east, self._north
        east = e[0] * dx + e[1] * dy
        north = n[0] * dx + n[1] * dy + n[2] * dz
        # cosine of the angle between the two points' normals: how far round the Earth the point is
        with np.errstate(invalid="ignore"):
            phi = lat * _DEG
            cos_arc = self._sin_phi0 * np.sin(phi) + self._cos_phi0 * np.cos(phi) * np.cos((lon - self.lon0) * _DEG)
            far = cos_arc < _COS_REACH
        if np.any(far):
            east = np.where(far, np.inf, east)
            north = np.where(far, np.inf, north)
        return _out(east, scalar), _out(north, scalar)

    def inverse(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Plane metres back to WGS84 degrees (lon, lat): the ellipsoid point with these east and north components."""
        scalar = isinstance(x, float) and isinstance(y, float)
        east = np.asarray(x, dtype=float)
        north = np.asarray(y, dtype=float)
        e, n, u = self._east, self._north, self._up
        # start on the sphere of radius a through the origin, then follow the up vector to the ellipsoid
        up = -(east * east + north * north) / (2.0 * A)
        lon = lat = np.full_like(east, np.nan)
        for _ in range(6):
            px = self._origin[0] + e[0] * east + n[0] * north + u[0] * up
            py = self._origin[1] + e[1] * east + n[1] * north + u[1] * up
            pz = self._origin[2] + n[2] * north + u[2] * up
            lon, lat, h = _geodetic(px, py, pz)
            up = up - h
        return _out(lon, scalar), _out(lat, scalar)

    def transform(self, x: Any, y: Any, *, inverse: bool = False) -> tuple[Any, Any]:
        """:meth:`forward` (or :meth:`inverse`), accepting numpy scalars as floats."""
        if isinstance(x, (int, np.floating)) and not isinstance(x, bool):
            x = float(x)
        if isinstance(y, (int, np.floating)) and not isinstance(y, bool):
            y = float(y)
        return self.inverse(x, y) if inverse else self.forward(x, y)


class Projector:
    """One direction of a :class:`LocalPlane`, with ``transform(x, y)`` like a pyproj Transformer."""

    def __init__(self, plane: LocalPlane, forward: bool) -> None:
        self.plane = plane
        self.forward = forward

    def transform(self, x: Any, y: Any) -> tuple[Any, Any]:
        """``(x, y)`` through the plane (floats in, floats out; arrays in, arrays out)."""
        return self.plane.transform(x, y, inverse=not self.forward)

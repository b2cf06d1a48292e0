"""Measurements on the WGS84 ellipsoid: areas, lengths and distances to edges.

Every figure here is geodesic (pyproj's ``Geod`` on the WGS84 ellipsoid,
which wraps GeographicLib, for arrays; the ``geographiclib`` package, the
same algorithm in Python, for a few points) unless the function name says
otherwise. Coordinates are ``(lon, lat)`` in degrees. pyproj is imported on
first use (``GEOD``), so that a one-point answer does not import it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from avzone._plane import LocalPlane, Projector

if TYPE_CHECKING:
    import pyproj

    GEOD: pyproj.Geod
    """The one ellipsoid avzone measures on (``pyproj.Geod(ellps="WGS84")``, created on first use)."""

_M2_PER_KM2 = 1e6


@functools.cache
def geod() -> pyproj.Geod:
    """``pyproj.Geod(ellps="WGS84")``, the one ellipsoid avzone measures on (pyproj imported on first use)."""
    import pyproj

    return pyproj.Geod(ellps="WGS84")


def __getattr__(name: str) -> Any:
    if name == "GEOD":
        return geod()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def distances_from(lon: float, lat: float, to_lon: Sequence[float], to_lat: Sequence[float]) -> list[float]:
    """Geodesic metres from one point to each of a few others, with Python floats (no pyproj).

    GeographicLib's inverse problem in Python (the ``geographiclib``
    package; pyproj's ``Geod.inv`` runs the same algorithm in C and agrees
    to a few nanometres). NaN where a coordinate is not finite.

    >>> [round(d) for d in distances_from(116.3975, 39.9087, [116.379], [39.865])]
    [5104]
    """
    from geographiclib.geodesic import Geodesic

    wgs84 = Geodesic.WGS84
    out = []
    for lon2, lat2 in zip(to_lon, to_lat):
        if not all(math.isfinite(v) for v in (lon, lat, lon2, lat2)):
            out.append(math.nan)
            continue
        out.append(float(wgs84.Inverse(lat, lon, lat2, lon2, Geodesic.DISTANCE)["s12"]))
    return out


def _polygons(geom: BaseGeometry) -> list[shapely.Polygon]:
    """The polygons of a Polygon, MultiPolygon or GeometryCollection."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, shapely.Polygon):
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for part in geom.geoms for p in _polygons(part)]
    return []


def valid_geometry(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` as it is when valid, else repaired: what :func:`area_km2` measures, and what overlays
    (differences, intersections) can take.

    A (multi)polygon is repaired to the ground it covers, each place once:
    each part's exterior ring (its lobes, where it crosses itself) less its
    holes, the parts united. So overlapping or nested parts count once, and
    a hole takes off only ground its part covers (one lying outside it adds
    and takes off nothing). Other geometries are as ``shapely.make_valid``
    repairs them.
    """
    if geom is None or geom.is_empty or shapely.is_valid(geom):
        return geom
    if not isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return shapely.make_valid(geom)
    parts = []
    for poly in _polygons(geom):
        shell = _ring_ground(poly.exterior)
        holes = [_ring_ground(h) for h in poly.interiors]
        parts.append(shell.difference(shapely.union_all(holes)) if holes else shell)
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _ring_ground(ring: shapely.LinearRing) -> BaseGeometry:
    """The ground one ring encloses (the lobes of a ring crossing itself, each once), polygons only."""
    poly = shapely.Polygon(ring)
    if shapely.is_valid(poly):
        return poly
    return shapely.union_all(_polygons(shapely.make_valid(poly)))  # (lines where the ring doubles back: dropped)


def zone_union(geometries: Sequence[BaseGeometry | None]) -> BaseGeometry:
    """The union of a zone layer's features (:meth:`avzone.Model.layer_geometry`), each invalid one as
    :func:`valid_geometry` repairs it (GEOS cannot unite a ring crossing itself with a feature overlapping it);
    an empty polygon for none."""
    geoms = [valid_geometry(g) for g in geometries if g is not None and not g.is_empty]
    return shapely.union_all(geoms) if geoms else shapely.Polygon()


def ring_area_m2(coords: ArrayLike) -> float:
    """Unsigned geodesic area enclosed by one ring of ``(lon, lat)`` positions, in m².

    >>> round(ring_area_m2([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]) / 1e6, 1)
    12308.8
    """
    xy = np.asarray(coords, dtype=float)
    if len(xy) < 3:
        return 0.0
    area, _ = geod().polygon_area_perimeter(xy[:, 0], xy[:, 1])
    return abs(float(area))


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area of a (multi)polygon on the WGS84 ellipsoid, in km².

    Holes are subtracted and the parts of a MultiPolygon added, whatever the
    winding order of the rings. Points and lines have no area (0.0). An
    invalid polygon (a ring crossing itself, parts overlapping) is measured
    as :func:`valid_geometry` repairs it: the ground it covers, each place
    once (the lobes of a figure-eight added, not cancelled).

    >>> from shapely import box, Polygon
    >>> round(area_km2(box(116.0, 39.0, 117.0, 40.0)), 1)
    9549.5
    >>> bowtie = Polygon([(116.0, 39.0), (117.0, 40.0), (117.0, 39.0), (116.0, 40.0)])
    >>> round(area_km2(bowtie), 1)  # two triangles, not their difference
    4774.8
    """
    total_m2 = 0.0
    for poly in _polygons(valid_geometry(geom)):
        total_m2 += ring_area_m2(poly.exterior.coords)
        for hole in poly.interiors:
            total_m2 -= ring_area_m2(hole.coords)
    return total_m2 / _M2_PER_KM2


def length_km(geom: BaseGeometry) -> float:
    """Geodesic length of a (multi)line string, in km.

    >>> round(length_km(shapely.LineString([(116.0, 40.0), (117.0, 40.0)])), 2)
    85.39
    """
    return float(geod().geometry_length(geom)) / 1000.0


def equal_area_km2(geom: BaseGeometry, *, segment_deg: float = 0.001) -> float:
    """Planar area in a Lambert azimuthal equal-area projection centred on ``geom``, in km².

    An independent cross-check of :func:`area_km2`: every edge is first
    split along its geodesic (``Geod.fwd``) into pieces spanning at most
    ``segment_deg`` degrees of longitude or latitude, so that the straight
    lines between the projected points follow the geodesic edges closely;
    each ring's area is then the shoelace formula's in the projection, holes
    taken off. Polygonal parts of a collection count; other parts add nothing.
    An invalid polygon is measured as :func:`valid_geometry` repairs it, as
    :func:`area_km2` measures it.

    >>> from shapely import box, Polygon
    >>> g = box(116.4, 39.7, 116.6, 39.9)
    >>> abs(equal_area_km2(g) / area_km2(g) - 1) < 1e-4
    True
    >>> sliver = Polygon([(116.0, 40.0), (117.0, 40.0), (116.5, 40.01)])  # a long geodesic edge
    >>> abs(equal_area_km2(sliver) / area_km2(sliver) - 1) < 1e-4
    True
    """
    polys = _polygons(valid_geometry(geom))
    if not polys:
        return 0.0
    import pyproj

    centre = geom.centroid
    laea = pyproj.CRS.from_proj4(f"+proj=laea +lat_0={centre.y:.6f} +lon_0={centre.x:.6f} +ellps=WGS84 +units=m")
    to_laea = pyproj.Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    rings, owner = shapely.get_rings(np.array(polys, dtype=object), return_index=True)
    exterior = np.concatenate([[True], owner[1:] != owner[:-1]])  # each polygon's first ring
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    lon, lat, ring = _geodesic_points(xy, ring, segment_deg)
    x, y = to_laea.transform(lon, lat)
    same = ring[1:] == ring[:-1]  # consecutive points of one ring (rings are closed)
    cross = np.where(same, x[:-1] * y[1:] - x[1:] * y[:-1], 0.0)
    area_m2 = np.abs(np.bincount(ring[:-1], weights=cross, minlength=len(rings))) / 2
    return float(area_m2[exterior].sum() - area_m2[~exterior].sum()) / _M2_PER_KM2


def _geodesic_points(xy: np.ndarray, ring: np.ndarray, segment_deg: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ring points with each edge split along its geodesic into pieces of at most ``segment_deg`` degrees.

    ``xy`` holds the rings' points in order and ``ring`` their ring numbers.
    Returns lon, lat and ring number of the points in the same order, each
    edge's intermediate points after its first point.
    """
    lon, lat = xy[:, 0], xy[:, 1]
    same = ring[1:] == ring[:-1]
    span = np.maximum(np.abs(np.diff(lon)), np.abs(np.diff(lat)))
    pieces = np.where(same, np.maximum(np.ceil(span / segment_deg), 1), 1).astype(np.int64)
    extra = pieces - 1  # points inserted after point i (edge i -> i + 1)
    if not extra.any():
        return lon, lat, ring
    az, _, dist = geod().inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    edge = np.repeat(np.arange(extra.size), extra)
    k = np.arange(edge.size) - np.repeat(np.cumsum(extra) - extra, extra) + 1  # 1 .. pieces - 1 within an edge
    mid_lon, mid_lat, _ = geod().fwd(lon[edge], lat[edge], az[edge], dist[edge] * k / pieces[edge])
    counts = np.append(extra, 0) + 1  # each point, then what follows it
    at = np.cumsum(counts) - counts  # where each original point goes
    out_lon = np.empty(int(counts.sum()))
    out_lat = np.empty_like(out_lon)
    out_lon[at], out_lat[at] = lon, lat
    inserted = np.ones(out_lon.size, dtype=bool)
    inserted[at] = False
    out_lon[inserted], out_lat[inserted] = mid_lon, mid_lat
    return out_lon, out_lat, np.repeat(ring, counts)


@functools.lru_cache(maxsize=64)
def _local_tm(lon0: float, lat0: float) -> tuple[Projector, Projector]:
    # the plane tangent to the ellipsoid at the zone's centre (avzone._plane, plain numpy:
    # no pyproj import for one point); ``transform`` as on a pyproj Transformer.
    plane = LocalPlane(lon0, lat0)
    return Projector(plane, forward=True), Projector(plane, forward=False)


class BoundaryDistance:
    """Geodesic distances to one geometry's boundary, with the boundary prepared once.

    The nearest boundary point is found in the plane tangent to the ellipsoid
    at the geometry's centre (:class:`avzone._plane.LocalPlane`; scale error
    about 1.2e-4 at 100 km from it), in
    which the boundary, densified to 0.002° steps, is projected once; the
    distance is the geodesic distance on WGS84 from the point to that
    boundary point. ``fwd``/``inv`` (the projection's transformers) and
    ``projected`` (the projected boundary) are public for callers that answer
    one point at a time with scalars.
    """

    def __init__(self, geom: BaseGeometry):
        boundary = geom.boundary
        self.empty = bool(boundary.is_empty)
        if self.empty:
            return
        c = geom.centroid
        self.fwd, self.inv = _local_tm(round(c.x, 3), round(c.y, 3))
        dense = shapely.segmentize(boundary, 0.002)
        self.vertices = shapely.get_coordinates(dense)  # lon, lat, for points far from the projection
        self.projected = shapely.transform(dense, lambda xy: np.column_stack(self.fwd.transform(xy[:, 0], xy[:, 1])))
        shapely.prepare(self.projected)

    def distances(self, lon: ArrayLike, lat: ArrayLike) -> np.ndarray:
        """Metres from each WGS84 point to the boundary; NaN for non-finite points or an empty boundary.

        A point the projection cannot take (half a world away) gets its
        geodesic distance to the nearest vertex of the densified boundary
        instead (vertices are at most 0.002° apart, so the error is at most a
        few hundred metres on thousands of kilometres).
        """
        lon = np.atleast_1d(np.asarray(lon, dtype=float))
        lat = np.atleast_1d(np.asarray(lat, dtype=float))
        out = np.full(lon.shape, np.nan)
        ok = np.isfinite(lon) & np.isfinite(lat)
        if self.empty or not ok.any():
            return out
        px, py = self.fwd.transform(lon[ok], lat[ok])
        with np.errstate(invalid="ignore"):
            ends = shapely.get_point(shapely.shortest_line(shapely.points(px, py), self.projected), 1)
        nlon, nlat = self.inv.transform(shapely.get_x(ends), shapely.get_y(ends))
        _, _, dist = geod().inv(lon[ok], lat[ok], nlon, nlat)
        dist = np.asarray(dist, dtype=float)
        for k in np.flatnonzero(~np.isfinite(dist)):  # rare: points beyond the projection's reach
            i = np.flatnonzero(ok)[k]
            n = len(self.vertices)
            _, _, d = geod().inv(np.full(n, lon[i]), np.full(n, lat[i]), self.vertices[:, 0], self.vertices[:, 1])
            dist[k] = float(np.min(d))
        out[ok] = dist
        return out


def distance_to_boundary_m(lon: ArrayLike, lat: ArrayLike, geom: BaseGeometry) -> np.ndarray:
    """Geodesic distance in metres from each point to the nearest point of ``geom``'s boundary.

    See :class:`BoundaryDistance` (prepare it once when measuring to the same
    geometry many times). Points inside get their distance to the edge too;
    callers that want 0 for inside points mask them. NaN in, NaN out.

    >>> from shapely import box
    >>> d = distance_to_boundary_m([116.5], [39.8], box(116.4, 39.7, 116.6, 39.9))
    >>> bool(abs(d[0] - 8564) < 5)
    True
    """
    return BoundaryDistance(geom).distances(lon, lat)


def distance_m(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike) -> np.ndarray:
    """Geodesic distance in metres between points (broadcasting arrays).

    >>> round(float(distance_m(116.3975, 39.9087, 116.379, 39.865)))
    5104
    """
    a = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    lon1_flat, lat1_flat, lon2_flat, lat2_flat = (np.ascontiguousarray(v).ravel() for v in a)
    _, _, dist = geod().inv(lon1_flat, lat1_flat, lon2_flat, lat2_flat)
    return np.asarray(dist).reshape(a[0].shape)


#: WGS84: semi-major axis (m), flattening, first and second eccentricity squared, semi-minor axis (m).
_WGS84_A = 6378137.0
_WGS84_F = 1 / 298.257223563
_WGS84_E2 = _WGS84_F * (2 - _WGS84_F)
_WGS84_B = _WGS84_A * (1 - _WGS84_F)
_WGS84_EP2 = _WGS84_E2 / (1 - _WGS84_E2)


def ecef(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Earth-centred, Earth-fixed coordinates (m) of points on the WGS84 ellipsoid (height 0)."""
    lam, phi = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    sin_phi, cos_phi = np.sin(phi), np.cos(phi)
    n = _WGS84_A / np.sqrt(1.0 - _WGS84_E2 * sin_phi * sin_phi)
    return n * cos_phi * np.cos(lam), n * cos_phi * np.sin(lam), n * (1.0 - _WGS84_E2) * sin_phi


def chord_points(
    a: tuple[np.ndarray, np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray, np.ndarray], f: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """``(lon, lat)`` of the points a fraction ``f`` along short geodesics, from their ends' :func:`ecef`.

    The point ``f`` of the way along the straight chord from ``a`` to ``b``
    is brought to the surface along the ellipsoid's normal (geodetic
    latitude by Bowring's formula, exact to well under a millimetre this
    close to the surface). For lines up to :data:`CHORD_SEGMENT_M` that
    point lies within about 4 mm of the one ``Geod.fwd`` gives at the same
    fraction of the geodesic's length (the chord's parametrisation and the
    normal section drift from the geodesic's as the cube of the length:
    0.05 mm at 5 km, 0.4 mm at 10 km; checked against pyproj by the tests),
    and it costs a few array operations instead of a geodesic solution.
    """
    t = np.asarray(f, dtype=float)
    x, y, z = (p + t * (q - p) for p, q in zip(a, b))
    p = np.hypot(x, y)
    theta = np.arctan2(z * _WGS84_A, p * _WGS84_B)
    st, ct = np.sin(theta), np.cos(theta)
    lat = np.arctan2(z + _WGS84_EP2 * _WGS84_B * st * st * st, p - _WGS84_E2 * _WGS84_A * ct * ct * ct)
    return np.degrees(np.arctan2(y, x)), np.degrees(lat)


#: Lines up to this long (m) are followed by :func:`chord_points` rather than ``Geod.fwd``.
CHORD_SEGMENT_M = 20_000.0

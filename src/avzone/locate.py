"""Point-in-zone: the one array-based locator and its answers.

:func:`locate_many` is the one path from coordinates to answers: the points
are turned into WGS84 arrays with statuses (:mod:`avzone.points`, each point
converted once), the exact one-pass index (:mod:`avzone._grid`) answers for
every zone layer, and, when asked, the geodesic distance to each zone's edge
and the nearest hub are added. :func:`classify` (a DataFrame of nullable
booleans) and :func:`locate` (one point, the array call with one element)
are its two views; the file jobs, the Dask engine, the map and the HTTP
service call it too. The boundary counts as inside, exactly like shapely's
``covers``: a point on a zone's edge or vertex is in the zone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from avzone import geodesy
from avzone.errors import DataError, InputError
from avzone.points import OK, SWAPPED, Points, swapped_hint, swapped_mask, to_points

if TYPE_CHECKING:
    from avzone.model import Model

#: Points per block of the nearest-hub search (bounds its memory).
HUB_BLOCK = 2048


@dataclass
class Located:
    """The answers of :func:`locate_many` for every point, as arrays.

    ``hits[i, j]`` says whether zone ``zones[j]`` covers point ``i`` (False
    where the point's status is not OK); with distances,
    ``distance_to_edge_m[i, j]`` is 0 inside, else the geodesic distance to
    the zone's edge (NaN where not OK, or where the zone is empty), and
    ``hub[i]`` is the index of the nearest hub in :attr:`Model.hub_points`
    (-1 when none) at ``hub_distance_m[i]``.
    """

    points: Points
    zones: list[str]
    hits: np.ndarray
    distance_to_edge_m: np.ndarray | None = None
    hub: np.ndarray | None = None
    hub_distance_m: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.points)

    @property
    def ok(self) -> np.ndarray:
        return self.points.ok

    def frame(self) -> pd.DataFrame:
        """One nullable-boolean column per zone layer, ``<NA>`` where a point is not OK; the input's index."""
        missing = ~self.points.ok
        return pd.DataFrame(
            {z: pd.arrays.BooleanArray(self.hits[:, j], missing.copy()) for j, z in enumerate(self.zones)},
            index=self.points.index if self.points.index is not None else pd.RangeIndex(len(self.points)),
        )

    def nearest_hub(self, model: Model, i: int) -> dict[str, Any] | None:
        """The nearest hub of point ``i`` as ``{id, name_en, distance_m}``, or None."""
        if self.hub is None or self.hub_distance_m is None or self.hub[i] < 0:
            return None
        hubs = model.hub_points
        k = int(self.hub[i])
        return {"id": hubs.ids[k], "name_en": hubs.names[k], "distance_m": round(float(self.hub_distance_m[i]), 1)}

    def location(self, model: Model, i: int = 0) -> Location:
        """Point ``i`` as a :class:`Location` (it must be OK and located with distances)."""
        p = self.points
        dist = self.distance_to_edge_m
        return Location(
            lon=float(p.lon[i]),
            lat=float(p.lat[i]),
            crs=p.crs_label,
            input=(float(p.x[i]), float(p.y[i])),
            zones=dict(zip(self.zones, self.hits[i].tolist())),
            distance_to_edge_m=dict(zip(self.zones, dist[i].tolist())) if dist is not None else {},
            nearest_hub=self.nearest_hub(model, i),
            zone_titles=model.zone_titles,
        )

    def records(self, model: Model, *, ids: list[Any] | None = None) -> list[dict[str, Any]]:
        """One JSON-ready answer per point, in order (the HTTP service's batch answer).

        Each has ``lon``, ``lat`` (WGS84), ``crs``, ``input``, ``zones`` and
        ``status``; with distances also ``distance_to_edge_m`` and
        ``nearest_hub``; with ``ids`` an ``id``. ``lon``, ``lat``, ``zones``
        (and the distances) are None unless the status is ``ok``.
        """
        p = self.points
        label = p.crs_label
        status = p.status_text().tolist()
        ok = p.ok.tolist()
        xs = [None if math.isnan(v) else v for v in p.x.tolist()]
        ys = [None if math.isnan(v) else v for v in p.y.tolist()]
        lon, lat, hits = p.lon.tolist(), p.lat.tolist(), self.hits.tolist()
        dist = None if self.distance_to_edge_m is None else self.distance_to_edge_m.tolist()
        out = []
        for i in range(len(p)):
            good = ok[i]
            item: dict[str, Any] = {
                "lon": lon[i] if good else None,
                "lat": lat[i] if good else None,
                "crs": label,
                "input": [xs[i], ys[i]],
                "zones": dict(zip(self.zones, hits[i])) if good else None,
            }
            if dist is not None:
                item["distance_to_edge_m"] = {z: _round(d) for z, d in zip(self.zones, dist[i])} if good else None
                item["nearest_hub"] = self.nearest_hub(model, i) if good else None
            if ids is not None:
                item["id"] = ids[i]
            item["status"] = status[i]
            out.append(item)
        return out


def _round(v: float) -> float | None:
    return round(v, 1) if v == v else None


def locate_many(
    model: Model,
    lons: Any,
    lats: Any = None,
    crs: Any = None,
    *,
    distances: bool = False,
    threads: int = 1,
) -> Located:
    """Locate many points at once: zones, and optionally distances to edges and the nearest hub.

    Parameters
    ----------
    model : Model
    lons, lats : array-like, pandas Series, or ``lats=None`` with a GeoSeries / GeoDataFrame / shapely Point
        Any input :func:`avzone.points.to_points` takes, or :class:`~avzone.points.Points`
        already made (then ``lats`` and ``crs`` are not given).
    crs : str or pyproj.CRS, optional
        The input's CRS; default a frame's own, else WGS84.
    distances : bool
        Add the geodesic distance to each zone's edge and the nearest hub.
    threads : int
        Worker threads for the index (0 for all cores).

    Returns
    -------
    Located
        Arrays in input order. Points that are missing, not numbers, not
        finite, out of range, not convertible, not point geometries, or
        that make sense only with lon and lat swapped get a status saying
        so (never an exception for the whole array).

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> res = locate_many(model, [116.50, 39.79], [39.79, 116.50])
    >>> res.points.status_text()[1][:27], res.hits[0].any()
    ('lon and lat look swapped: o', np.True_)
    """
    if not model.zone_layers:
        raise DataError(
            f"dataset {model.name!r} ({model.folder}) has no zone layer to locate points in; "
            "its dataset.json must list at least one layer with kind 'zone'"
        )
    pts = lons if isinstance(lons, Points) else to_points(lons, lats, crs)
    given, swapped = swapped_mask(pts, model.bounds)
    if swapped.any():
        pts.mark(~given & swapped, SWAPPED)
    hits = model.zone_index.classify(pts.lon, pts.lat, threads=threads)  # NaN (not OK) gives False
    zones = list(model.zone_layers)
    result = Located(points=pts, zones=zones, hits=hits)
    if distances:
        if len(pts) == 1:
            _distances_one(model, result)
        else:
            _distances_many(model, result)
    return result


def _distances_many(model: Model, res: Located) -> None:
    p, n = res.points, len(res.points)
    ok = p.ok
    dist = np.full((n, len(res.zones)), np.nan)
    dist[ok] = 0.0
    for j, z in enumerate(res.zones):
        need = ok & ~res.hits[:, j]
        edge = model.edges[z]
        if need.any():
            dist[need, j] = np.nan if edge.empty else edge.distances(p.lon[need], p.lat[need])
    hub = np.full(n, -1, dtype=np.int64)
    hub_d = np.full(n, np.nan)
    hubs = model.hub_points
    okx = np.flatnonzero(ok)
    if hubs.ids and okx.size:
        for start in range(0, okx.size, HUB_BLOCK):
            part = okx[start : start + HUB_BLOCK]
            d = geodesy.distance_m(p.lon[part, None], p.lat[part, None], hubs.lon[None, :], hubs.lat[None, :])
            best = np.nanargmin(d, axis=1)
            hub[part] = best
            hub_d[part] = d[np.arange(part.size), best]
    res.distance_to_edge_m, res.hub, res.hub_distance_m = dist, hub, hub_d


def _distances_one(model: Model, res: Located) -> None:
    """:func:`_distances_many` for one point, with Python floats (pyproj's and shapely's scalar paths).

    The nearest boundary point of every zone the point is outside of is
    found in one vectorized shapely call, and one geodesic call measures
    the way to those points and to every hub.
    """
    k = len(res.zones)
    hub, hub_distance = -1, math.nan
    if res.points.codes[0] != OK:
        res.distance_to_edge_m = np.full((1, k), np.nan)
        res.hub, res.hub_distance_m = np.array([hub]), np.array([hub_distance])
        return
    lon, lat = float(res.points.lon[0]), float(res.points.lat[0])
    hits = res.hits[0].tolist()
    all_edges = model.edges
    edges = [all_edges[z] for z in res.zones]
    dist = [0.0 if inside else math.nan for inside in hits]
    outside = [j for j, inside in enumerate(hits) if not inside and not edges[j].empty]
    to_lon: list[float] = []
    to_lat: list[float] = []
    if outside:
        pxy = [edges[j].fwd.transform(lon, lat) for j in outside]
        with np.errstate(invalid="ignore"):
            lines = shapely.shortest_line(
                shapely.points(pxy), np.array([edges[j].projected for j in outside], dtype=object)
            )
        ends = shapely.get_point(lines, 1)
        for j, ex, ey in zip(outside, shapely.get_x(ends).tolist(), shapely.get_y(ends).tolist()):
            nlon, nlat = edges[j].inv.transform(ex, ey)
            to_lon.append(nlon)
            to_lat.append(nlat)
    hubs = model.hub_points
    m = len(to_lon) + hubs.lon.size
    if m:
        ends_lon = np.concatenate([np.array(to_lon, dtype=float), hubs.lon])
        ends_lat = np.concatenate([np.array(to_lat, dtype=float), hubs.lat])
        d = np.asarray(geodesy.GEOD.inv(np.full(m, lon), np.full(m, lat), ends_lon, ends_lat)[2]).tolist()
        for j, v in zip(outside, d[: len(to_lon)]):
            # beyond the local projection's reach: the exact fallback of BoundaryDistance
            dist[j] = v if v == v else float(edges[j].distances([lon], [lat])[0])
        hub_d = [v for v in d[len(to_lon) :] if v == v]
        if hub_d:
            best = min(hub_d)
            hub, hub_distance = d.index(best, len(to_lon)) - len(to_lon), best  # the first nearest
    res.distance_to_edge_m = np.array([dist])
    res.hub, res.hub_distance_m = np.array([hub]), np.array([hub_distance])


def classify(model: Model, lons: Any, lats: Any = None, crs: Any = None, *, threads: int = 1) -> pd.DataFrame:
    """Which zone layers cover each point, in input order, vectorized.

    Parameters
    ----------
    model : Model
    lons, lats : array-like or pandas Series
        Coordinates in ``crs`` (x and y for a projected CRS), same length.
        Or ``lons`` alone: a GeoSeries or GeoDataFrame of points (its CRS
        is used; a ``crs`` that contradicts it is refused) or a shapely Point.
    crs : str or pyproj.CRS, optional
        Anything pyproj accepts (EPSG code, WKT, PROJ string), or ``"gcj02"``
        / ``"bd09"`` for the offsets of Chinese web maps. Default a frame's
        own CRS, else WGS84.
    threads : int
        Worker threads for the index (0 for all cores).

    Returns
    -------
    pandas.DataFrame
        One nullable-boolean column per zone layer, named by layer id, one
        row per point in input order, with the input's index (a Series',
        GeoSeries' or GeoDataFrame's; a RangeIndex for arrays and lists), so
        ``df.join(model.classify(df.lon, df.lat))`` joins back to the right
        rows. A point is in a zone when the zone covers it (its boundary
        counts as inside). A point whose coordinates are missing, not
        finite, out of range after conversion, or swapped (see
        :func:`locate_many`) gets ``<NA>`` in every column, never a silent
        ``False``.

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> df = model.classify([116.50, 116.3975], [39.79, 39.9087])
    >>> df[["current", "planned"]].to_dict("list")
    {'current': [True, False], 'planned': [True, False]}
    """
    return locate_many(model, lons, lats, crs, threads=threads).frame()


@dataclass(frozen=True)
class Location:
    """Where one point lies relative to the zones and hubs.

    ``lon``/``lat`` are WGS84; ``input`` is the point as given, in ``crs``.
    ``distance_to_edge_m`` is 0 for a zone the point is in, else the geodesic
    distance to that zone's nearest edge.
    """

    lon: float
    lat: float
    crs: str
    input: tuple[float, float]
    zones: dict[str, bool]
    distance_to_edge_m: dict[str, float]
    nearest_hub: dict[str, Any] | None
    zone_titles: Mapping[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``avzone locate --json`` and the HTTP API."""
        return {
            "lon": self.lon,
            "lat": self.lat,
            "crs": self.crs,
            "input": list(self.input),
            "zones": dict(self.zones),
            "distance_to_edge_m": {k: round(v, 1) for k, v in self.distance_to_edge_m.items()},
            "nearest_hub": dict(self.nearest_hub) if self.nearest_hub else None,
        }

    def summary(self) -> str:
        """One line for a person, e.g. ``inside the 160 km² current zone ...``."""
        inside = [z for z, v in self.zones.items() if v]
        outside = [z for z, v in self.zones.items() if not v]
        title = self.zone_titles.get
        parts = []
        if not inside:
            nearest = min(outside, key=lambda z: self.distance_to_edge_m[z]) if outside else None
            parts.append("outside every zone")
            if nearest is not None:
                parts.append(f"{_km(self.distance_to_edge_m[nearest])} from the edge of {title(nearest, nearest)}")
        else:
            parts.append("inside " + _join([title(z, z) for z in inside]))
            if outside:
                closest = min(outside, key=lambda z: self.distance_to_edge_m[z])
                parts.append(
                    f"outside {_join([title(z, z) for z in outside])}"
                    f" ({_km(self.distance_to_edge_m[closest])} from the edge of {title(closest, closest)})"
                )
        if self.nearest_hub:
            parts.append(f"nearest hub: {self.nearest_hub['name_en']}, {_km(self.nearest_hub['distance_m'])}")
        return "; ".join(parts)


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def zone_title(model: Model, layer_id: str) -> str:
    """``the 160 km² current zone``: how a person names a zone layer (:attr:`Model.zone_titles`)."""
    model.layer_geometry(layer_id)  # names the problem for an unknown or non-zone layer
    return model.zone_titles[layer_id]


def locate(model: Model, lon: float, lat: float, crs: Any = None) -> Location:
    """Where one point lies: each zone (boundary inclusive), distances to edges, nearest hub.

    The one-point case of :func:`locate_many` (the array call with one
    element): the same index answers, plus the geodesic distance to the
    edge of each zone the point is outside of.

    Raises
    ------
    InputError
        When the point is not a pair of finite numbers in range, or when its
        numbers only make sense swapped (latitude given first).

    Examples
    --------
    >>> import avzone
    >>> loc = avzone.load().locate(116.50, 39.79)
    >>> loc.zones["current"], loc.distance_to_edge_m["current"]
    (True, 0.0)
    """
    for v in (lon, lat):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.number, str)):
            raise InputError(f"the point must be two numbers (lon, lat), got {lon!r}, {lat!r}")
    res = locate_many(model, np.array([lon]), np.array([lat]), crs, distances=True)
    code = int(res.points.codes[0])
    if code == OK:
        return res.location(model)
    p = res.points
    x, y = float(p.x[0]), float(p.y[0])
    if code == SWAPPED:
        raise InputError(swapped_hint(x, y))
    status = str(p.status_text()[0])
    if "not a number" in status or "missing" in status:
        raise InputError(f"the point must be two numbers (lon, lat), got {lon!r}, {lat!r} ({status})")
    raise InputError(
        f"({x}, {y}) in {p.crs_label} is not a valid position: "
        f"longitude must be within ±180 and latitude within ±90 ({status})"
    )

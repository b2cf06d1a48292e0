"""Answers of Model.locate for one or many points, with the slow parts prepared once."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely

from avzone import geodesy
from avzone.batch import annotate_coded
from avzone.crs import WGS84, to_wgs84
from avzone.errors import CRSError
from avzone.locate import Location, classify_wgs84, swapped_hint
from avzone.model import Model


def _to_wgs84_each(
    x: np.ndarray, y: np.ndarray, use: np.ndarray, crs_norm: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """WGS84 lon, lat of the ``use`` points (NaN elsewhere) and a mask of those that cannot be converted.

    One vectorized conversion; only when it raises :class:`CRSError` (an
    iteration that does not converge for some point) are the points converted
    one by one to find which.
    """
    lon = np.full(x.shape, np.nan)
    lat = np.full(x.shape, np.nan)
    failed = np.zeros(x.shape, dtype=bool)
    if not use.any():
        return lon, lat, failed
    try:
        a, b = to_wgs84(x[use], y[use], crs_norm)
        lon[use], lat[use] = np.ravel(a), np.ravel(b)
    except CRSError:
        for i in np.flatnonzero(use).tolist():
            try:
                a, b = to_wgs84(x[i : i + 1], y[i : i + 1], crs_norm)
                lon[i], lat[i] = float(np.ravel(a)[0]), float(np.ravel(b)[0])
            except CRSError:
                failed[i] = True
    return lon, lat, failed


def crs_label(crs_norm: Any) -> str:
    """How an answer names a normalized CRS (as :class:`Location` does)."""
    return crs_norm if isinstance(crs_norm, str) else crs_norm.to_string()


class PointLocator:
    """Answers of :meth:`Model.locate` for one or many points, with the slow parts cached.

    Built once per service: it warms the model's zone index and projects each
    zone boundary once. :meth:`locate` returns exactly
    ``model.locate(x, y, crs).to_dict()`` (the library raises the errors);
    :meth:`locate_many` is its vectorized form for batches.
    """

    def __init__(self, model: Model):
        self.model = model
        self.zones = list(model.zone_layers)
        model.classify([116.4], [39.9])  # builds (and JIT-compiles) the index
        self.edges = [model.edge(z) for z in self.zones]
        bounds = model.manifest.get("bounds")
        self.bounds = tuple(float(v) for v in bounds) if bounds else None
        hubs = model.hub_points
        self.hub_lon, self.hub_lat = hubs.lon, hubs.lat
        self.hub_ids, self.hub_names = hubs.ids, hubs.names

    def _in_bounds(self, lon: float, lat: float) -> bool:
        if self.bounds is None:
            return True
        w, s, e, n = self.bounds
        return w <= lon <= e and s <= lat <= n

    def _hub(self, i: int, dist: float) -> dict[str, Any]:
        return {"id": self.hub_ids[i], "name_en": self.hub_names[i], "distance_m": round(float(dist), 1)}

    def locate(self, x: float, y: float, crs_norm: Any) -> dict[str, Any]:
        """``model.locate(x, y, crs).to_dict()`` for an already normalized CRS.

        The same steps as :func:`avzone.locate.locate` on the same numbers,
        with Python floats where the library uses one-element arrays (the
        scalar paths of pyproj and shapely are several times faster), and the
        nearest boundary point of every zone the point is outside of found in
        one vectorized shapely call.
        """
        x, y = float(x), float(y)
        if crs_norm == WGS84:
            wlon, wlat = x, y
        else:
            a, b = to_wgs84(np.array([x]), np.array([y]), crs_norm)
            wlon, wlat = float(np.ravel(a)[0]), float(np.ravel(b)[0])
        valid = math.isfinite(wlon) and math.isfinite(wlat) and abs(wlon) <= 180 and abs(wlat) <= 90
        if not valid or (not self._in_bounds(wlon, wlat) and swapped_hint(self.model, x, y, crs_norm)):
            # the library words the error (swapped or invalid position) itself
            return self.model.locate(x, y, crs_norm).to_dict()
        hits = classify_wgs84(self.model, np.array([wlon]), np.array([wlat]))[0].tolist()
        dist = dict.fromkeys(self.zones, 0.0)
        outside = [j for j, inside in enumerate(hits) if not inside and not self.edges[j].empty]
        # one geodesic call for the nearest boundary points and the hubs
        to_lon, to_lat = [], []
        if outside:
            pxy = [self.edges[j].fwd.transform(wlon, wlat) for j in outside]
            with np.errstate(invalid="ignore"):
                lines = shapely.shortest_line(
                    shapely.points(pxy), np.array([self.edges[j].projected for j in outside], dtype=object)
                )
            ends = shapely.get_point(lines, 1)
            # NaN (null in JSON) where the projection cannot take the point (half a world away)
            for j, ex, ey in zip(outside, shapely.get_x(ends).tolist(), shapely.get_y(ends).tolist()):
                nlon, nlat = self.edges[j].inv.transform(ex, ey)
                to_lon.append(nlon)
                to_lat.append(nlat)
        k = len(to_lon)
        m = k + self.hub_lon.size
        d = []
        if m:
            ends_lon = np.concatenate([np.array(to_lon, dtype=float), self.hub_lon])
            ends_lat = np.concatenate([np.array(to_lat, dtype=float), self.hub_lat])
            d = np.asarray(geodesy.GEOD.inv(np.full(m, wlon), np.full(m, wlat), ends_lon, ends_lat)[2]).tolist()
        for j, v in zip(outside, d[:k]):
            # beyond the local projection's reach: the library's slower, exact fallback
            dist[self.zones[j]] = v if v == v else float(self.edges[j].distances([wlon], [wlat])[0])
        for j, inside in enumerate(hits):
            if not inside and self.edges[j].empty:
                dist[self.zones[j]] = math.nan
        hub = None
        hub_d = d[k:]
        if hub_d:
            best = min(v for v in hub_d if v == v) if any(v == v for v in hub_d) else None
            if best is not None:
                i = hub_d.index(best)  # the first nearest, as numpy.nanargmin
                hub = self._hub(i, best)
        return Location(
            lon=wlon,
            lat=wlat,
            crs=crs_label(crs_norm),
            input=(x, y),
            zones=dict(zip(self.zones, hits)),
            distance_to_edge_m=dist,
            nearest_hub=hub,
        ).to_dict()

    def locate_many(
        self,
        x: np.ndarray,
        y: np.ndarray,
        crs_norm: Any,
        *,
        distances: bool = False,
        ids: list[Any] | None = None,
        geometry_reasons: dict[int, str] | None = None,
    ) -> list[dict[str, Any]]:
        """One answer per point, in order; NaN marks a missing coordinate.

        Each answer has ``lon``, ``lat`` (WGS84), ``crs``, ``input``,
        ``zones`` and ``status`` (``"ok"`` or why the point was not located:
        the reasons of ``avzone locate --input``, or the swapped-order hint
        of the single-point answer); with ``distances`` also
        ``distance_to_edge_m`` and ``nearest_hub``; with ``ids`` an ``id``.
        """
        n = int(x.size)
        label = crs_label(crs_norm)
        finite = np.isfinite(x) & np.isfinite(y)
        lon, lat, unconverted = _to_wgs84_each(x, y, finite, crs_norm)
        if unconverted.any() and (isinstance(crs_norm, str) or crs_norm.is_geographic):
            unconverted &= (np.abs(x) <= 180) & (np.abs(y) <= 90)  # others get annotate_coded's range reason
        # points the CRS conversion rejects (e.g. GCJ-02/BD-09 iterations that do not
        # converge far outside China) must not fail the whole batch
        xa = np.where(unconverted, np.nan, x) if unconverted.any() else x
        ya = np.where(unconverted, np.nan, y) if unconverted.any() else y
        a = annotate_coded(self.model, xa, ya, np.isnan(x), np.isnan(y), crs_norm)
        hits, ok, status = a.hits, a.ok, a.status_text()
        ok[unconverted] = False
        status[unconverted] = "cannot be converted to WGS84"
        for i, reason in (geometry_reasons or {}).items():
            ok[i] = False
            status[i] = reason
        if self.bounds is not None and finite.any():
            # swapped lon/lat: outside the dataset's bounds as given, inside when swapped
            w, s, e, nb = self.bounds
            sa, sb, _ = _to_wgs84_each(y[finite], x[finite], np.ones(int(finite.sum()), dtype=bool), crs_norm)
            with np.errstate(invalid="ignore"):
                given_in = (lon[finite] >= w) & (lon[finite] <= e) & (lat[finite] >= s) & (lat[finite] <= nb)
                swap_in = (sa >= w) & (sa <= e) & (sb >= s) & (sb <= nb)
            for i in np.flatnonzero(finite)[~given_in & swap_in]:
                hint = swapped_hint(self.model, float(x[i]), float(y[i]), crs_norm)
                if hint:
                    ok[i] = False
                    status[i] = hint + f"; did you mean ({float(y[i])}, {float(x[i])})?"
        dist_rows: list[list[float]] | None = None
        hub_rows: list[dict[str, Any] | None] | None = None
        if distances:
            okx = np.flatnonzero(ok)
            dist = np.zeros((n, len(self.zones)))
            for j, edge in enumerate(self.edges):
                need = okx[~hits[okx, j]]
                dist[need, j] = edge.distances(lon[need], lat[need])
            dist_rows = dist.tolist()
            hub_rows = [None] * n
            if self.hub_ids and okx.size:
                for start in range(0, okx.size, 2048):
                    part = okx[start : start + 2048]
                    d = geodesy.distance_m(
                        lon[part, None], lat[part, None], self.hub_lon[None, :], self.hub_lat[None, :]
                    )
                    best = np.nanargmin(d, axis=1)
                    for k, i in enumerate(part.tolist()):
                        hub_rows[i] = self._hub(int(best[k]), d[k, best[k]])
        hit_rows = hits.tolist()
        ok_list = ok.tolist()
        xs = [None if math.isnan(v) else v for v in x.tolist()]
        ys = [None if math.isnan(v) else v for v in y.tolist()]
        lon_l, lat_l = lon.tolist(), lat.tolist()
        out = []
        for i in range(n):
            good = ok_list[i]
            item: dict[str, Any] = {
                "lon": lon_l[i] if good else None,
                "lat": lat_l[i] if good else None,
                "crs": label,
                "input": [xs[i], ys[i]],
                "zones": dict(zip(self.zones, hit_rows[i])) if good else None,
            }
            if distances:
                if good:
                    row = dist_rows[i]  # type: ignore[index]
                    item["distance_to_edge_m"] = {z: round(row[j], 1) for j, z in enumerate(self.zones)}
                    item["nearest_hub"] = hub_rows[i]  # type: ignore[index]
                else:
                    item["distance_to_edge_m"] = None
                    item["nearest_hub"] = None
            if ids is not None:
                item["id"] = ids[i]
            item["status"] = str(status[i])
            out.append(item)
        return out

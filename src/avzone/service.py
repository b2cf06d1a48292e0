"""The HTTP API: a versioned JSON service over one loaded dataset.

:func:`create_app` builds the ASGI application (FastAPI) for a
:class:`~avzone.model.Model`; :func:`serve` runs it with uvicorn. The dataset
is chosen when the service starts (``serve(data=...)``, or the ``AVZONE_DATA``
environment variable for :func:`app_from_env`); no request ever names a file.

Endpoints (all JSON unless said otherwise; the OpenAPI document is served at
``/openapi.json`` and browsable at ``/docs``):

``GET /v1/locate?lon=&lat=&crs=``
    One point: exactly what ``avzone locate --json`` prints
    (:meth:`avzone.locate.Location.to_dict`).
``POST /v1/locate?crs=&distances=``
    Many points: a JSON array of ``[lon, lat]`` pairs or a GeoJSON
    FeatureCollection of Points. One answer per input point, in input order;
    a point that cannot be located keeps its place with a ``status`` saying
    why. Zones always; distances to the edges and the nearest hub only with
    ``distances=true`` (then an ``ok`` answer is the single-point answer plus
    ``status``).
``GET /v1/layers``, ``GET /v1/layers/{layer_id}``
    The layers with kind, titles, nominal and geodesic areas; one layer as a
    GeoJSON FeatureCollection (its features as read from the dataset).
``GET /v1/growth?from=&to=``, ``GET /v1/check``, ``GET /healthz``
    ``avzone growth --json``, ``avzone check --json``, liveness.
``GET /``
    The interactive map (:meth:`Model.map`), rendered once and cached.

``crs`` (both locate endpoints) takes names only: authority codes known to
PROJ (``EPSG:4326``, ``EPSG:32650``, ``OGC:CRS84``...), bare EPSG numbers,
``gcj02`` / ``bd09``. WKT and PROJ strings are refused, as PROJ parameters
such as ``+init=`` or ``+nadgrids=`` name files.

Errors are ``{"detail": "..."}`` with 404 (unknown layer), 413 (body larger
than ``max_body_bytes``, or more than ``max_points`` points), 422 (a missing
or malformed parameter or body item, an unknown CRS, swapped lon/lat, a
position out of range) or 503 (the map page could not be rendered; the API
keeps working); validation errors also carry ``errors``, the per-field list.

Speed: the zone index is built and every zone's boundary projected once, at
start-up; a single-point answer then costs 0.1-0.3 ms of Python (it
reproduces :func:`avzone.locate.locate` with the per-zone boundary work
cached, and is tested to give the same answer) and well-formed requests skip
FastAPI's routing (:class:`LocateFastPath`). Distances to the edges are
computed in a projection centred on each zone: half a world away it fails,
and those distances are null (the library raises there).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Awaitable, Callable
from itertools import chain
from typing import Any, Literal

import numpy as np
import pyproj
import shapely
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from avzone import geodesy
from avzone._version import __version__
from avzone.batch import annotate
from avzone.crs import WGS84, normalize_crs, to_wgs84
from avzone.errors import CRSError, InputError
from avzone.locate import Location, classify_wgs84, swapped_hint
from avzone.model import Model, load

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_POINTS",
    "BodyLimitMiddleware",
    "LocateFastPath",
    "PointLocator",
    "app_from_env",
    "create_app",
    "dumps",
    "serve",
]

log = logging.getLogger("avzone.service")

DEFAULT_MAX_BODY_BYTES = 1_000_000
DEFAULT_MAX_POINTS = 10_000
MAX_CRS_CHARS = 100
RETRY_AFTER_S = 30.0  # how long a failed map render (or check) is answered from memory
ENV_DATA, ENV_MAX_BODY, ENV_MAX_POINTS = "AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"

JSON_TYPE = "application/json"
GEOJSON_TYPE = "application/geo+json"

# ----------------------------------------------------------------------------
# JSON
# ----------------------------------------------------------------------------


def _finite(obj: Any) -> Any:
    """``obj`` with NaN and infinities replaced by None (JSON has no such numbers)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    if isinstance(obj, np.generic):
        return _finite(obj.item())
    if isinstance(obj, np.ndarray):
        return _finite(obj.tolist())
    return obj


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities become null, numpy scalars plain numbers."""
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError):
        text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def _json(obj: Any, status: int = 200) -> Response:
    return Response(dumps(obj), status_code=status, media_type=JSON_TYPE)


class GeoJSONResponse(JSONResponse):
    media_type = GEOJSON_TYPE


class _Blob:
    """A response body rendered once, with its gzip form for clients that accept it."""

    def __init__(self, body: bytes, media_type: str):
        self.body = body
        self.media_type = media_type
        self.gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 1024 else None

    def response(self, request: Request) -> Response:
        headers = {"Vary": "Accept-Encoding"}
        if self.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


# ----------------------------------------------------------------------------
# Locating points fast
# ----------------------------------------------------------------------------


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
            unconverted &= (np.abs(x) <= 180) & (np.abs(y) <= 90)  # others get annotate's range reason
        # points the CRS conversion rejects (e.g. GCJ-02/BD-09 iterations that do not
        # converge far outside China) must not fail the whole batch
        xa = np.where(unconverted, np.nan, x) if unconverted.any() else x
        ya = np.where(unconverted, np.nan, y) if unconverted.any() else y
        hits, ok, status = annotate(self.model, xa, ya, np.isnan(x), np.isnan(y), crs_norm)
        status = status.astype(object)
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


# ----------------------------------------------------------------------------
# Request parsing
# ----------------------------------------------------------------------------

_AUTH_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*):([A-Za-z0-9_.-]+)$")
_EPSG_NUMBER = re.compile(r"^[0-9]{1,6}$")
_ALIASES = {"gcj02", "bd09", "bd09ll"}
_CRS_HELP = (
    "give an authority code such as EPSG:4326, EPSG:32650 or OGC:CRS84, a bare EPSG number, "
    "or gcj02 / bd09 (WKT and PROJ strings are not accepted over HTTP)"
)


def _unprocessable(detail: str) -> HTTPException:
    return HTTPException(status_code=422, detail=detail)


class _CRSCache:
    """Resolve the ``crs`` parameter, accepting names only (no WKT or PROJ strings).

    PROJ strings can name files (``+init=``, ``+nadgrids=``), so the service
    takes only authority codes known to PROJ's database, bare EPSG numbers
    and the GCJ-02 / BD-09 aliases.
    """

    def __init__(self) -> None:
        self._authorities = {a.upper() for a in pyproj.database.get_authorities()}
        self._cache: dict[str, Any] = {}

    def __call__(self, text: str) -> Any:
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        crs = self._resolve(text)
        if len(self._cache) < 1024:
            self._cache[text] = crs
        return crs

    def _resolve(self, text: str) -> Any:
        name = text.strip()
        if len(name) > MAX_CRS_CHARS:
            raise _unprocessable(f"crs: unknown coordinate reference system (longer than {MAX_CRS_CHARS} characters)")
        key = name.lower().replace("-", "").replace("_", "")
        m = _AUTH_CODE.match(name)
        allowed = (
            key in _ALIASES
            or _EPSG_NUMBER.match(name) is not None
            or (m is not None and m.group(1).upper() in self._authorities)
        )
        if not allowed:
            raise _unprocessable(f"crs: unknown coordinate reference system {text!r}: {_CRS_HELP}")
        try:
            return normalize_crs(int(name) if _EPSG_NUMBER.match(name) else name)
        except CRSError:
            raise _unprocessable(f"crs: unknown coordinate reference system {text!r}: {_CRS_HELP}") from None


def _no_constants(token: str) -> float:
    raise ValueError(f"{token} is not valid JSON")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _to_float(v: int | float) -> float:
    try:
        return float(v)
    except OverflowError:  # a JSON integer beyond float range: reported as not finite
        return math.inf if v > 0 else -math.inf


def _parse_points(doc: Any) -> tuple[np.ndarray, np.ndarray, list[Any] | None, dict[int, str]]:
    """``(x, y, feature ids or None, per-point geometry reasons)`` from a POST body.

    Raises a 422 naming the first item that is not a ``[lon, lat]`` pair (or
    not a Point feature); null coordinates come back as NaN, to be reported
    per point.
    """
    if isinstance(doc, list):
        n = len(doc)
        # fast path: every item a pair of plain numbers (type checks at C speed)
        if all(type(item) is list and len(item) == 2 for item in doc):
            kinds = set(map(type, chain.from_iterable(doc)))
            if kinds <= {float, int}:
                try:
                    xy = np.array(doc, dtype=float).reshape(n, 2)
                except OverflowError:  # an integer beyond float range: the loop below handles it
                    pass
                else:
                    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1]), None, {}
        x = np.empty(n)
        y = np.empty(n)
        for i, item in enumerate(doc):
            if not (isinstance(item, list) and len(item) == 2):
                raise _unprocessable(
                    f"body[{i}] is not a [lon, lat] pair (got {_short(item)}); "
                    "send an array of [lon, lat] pairs or a GeoJSON FeatureCollection of Points"
                )
            a, b = item
            for k, v in enumerate(item):
                if not (v is None or _is_number(v)):
                    raise _unprocessable(
                        f"body[{i}][{k}] ({('lon', 'lat')[k]}) is not a number or null (got {_short(v)})"
                    )
            x[i] = np.nan if a is None else _to_float(a)
            y[i] = np.nan if b is None else _to_float(b)
        return x, y, None, {}
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise _unprocessable("body.features must be an array of GeoJSON Point features")
        n = len(feats)
        x = np.full(n, np.nan)
        y = np.full(n, np.nan)
        ids: list[Any] = []
        reasons: dict[int, str] = {}
        for i, f in enumerate(feats):
            where = f"body.features[{i}]"
            if not (isinstance(f, dict) and f.get("type") == "Feature"):
                raise _unprocessable(f"{where} is not a GeoJSON Feature (got {_short(f)})")
            fid = f.get("id")
            ids.append(fid if isinstance(fid, (str, int, float)) and not isinstance(fid, bool) else None)
            g = f.get("geometry")
            if g is None:
                reasons[i] = "missing geometry"
                continue
            if not isinstance(g, dict) or g.get("type") != "Point":
                kind = g.get("type") if isinstance(g, dict) else type(g).__name__
                raise _unprocessable(f"{where}.geometry is a {kind}, not a Point")
            c = g.get("coordinates")
            if not (isinstance(c, list) and len(c) in (2, 3)):
                raise _unprocessable(f"{where}.geometry.coordinates is not a [lon, lat] position (got {_short(c)})")
            if not (_is_number(c[0]) and _is_number(c[1])) or (len(c) == 3 and not _is_number(c[2])):
                raise _unprocessable(f"{where}.geometry.coordinates holds something other than numbers ({_short(c)})")
            x[i], y[i] = _to_float(c[0]), _to_float(c[1])
        return x, y, ids, reasons
    raise _unprocessable(
        f"body is not a JSON array of [lon, lat] pairs nor a GeoJSON FeatureCollection (got {_short(doc)})"
    )


def _short(v: Any, limit: int = 60) -> str:
    text = json.dumps(v, ensure_ascii=False) if not isinstance(v, (bytes, bytearray)) else repr(v)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _validation_detail(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    parts, issues = [], []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        where = loc[0] if loc else ""
        name = ".".join(loc[1:]) or where
        kind = err.get("type", "")
        if kind == "missing":
            msg = "is required"
        elif kind in ("float_parsing", "float_type"):
            msg = f"must be a number, got {err.get('input')!r}"
        elif kind in ("bool_parsing", "bool_type"):
            msg = f"must be true or false, got {err.get('input')!r}"
        else:
            msg = str(err.get("msg", "is invalid"))
        label = f"{where} parameter {name!r}" if where in ("query", "path", "header") else name
        parts.append(f"{label} {msg}")
        issues.append({"loc": loc, "msg": msg, "type": kind})
    return "; ".join(parts) or "invalid request", issues


# ----------------------------------------------------------------------------
# Body size limit
# ----------------------------------------------------------------------------


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_body_bytes`` with 413.

    Checked from ``Content-Length`` before anything is read, and again while
    the body is read (chunked uploads have no length), so no more than the
    limit (plus one chunk) is ever held in memory.
    """

    METHODS = frozenset({"POST", "PUT", "PATCH"})

    def __init__(self, app: Callable[..., Awaitable[None]], max_body_bytes: int):
        self.app = app
        self.max_body_bytes = int(max_body_bytes)

    def _message(self, size: str) -> str:
        return (
            f"request body too large: {size}, the limit is max_body_bytes={self.max_body_bytes} bytes; "
            "send fewer points per request"
        )

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] not in self.METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    body = dumps({"detail": self._message(f"Content-Length is {declared} bytes")})
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 413,
                            "headers": [
                                (b"content-type", JSON_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": body})
                    return
        received = 0

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(status_code=413, detail=self._message(f"more than {limit} bytes received"))
            return message

        await self.app(scope, limited_receive, send)


class LocateFastPath:
    """Answer well-formed ``GET /v1/locate`` requests without FastAPI's routing.

    Parsing three query parameters through FastAPI's dependency machinery
    costs about as much as locating the point, so a request whose ``lon`` and
    ``lat`` are plain decimal numbers (and whose parameters are neither
    repeated nor percent-encoded) is answered here, with the same function
    and the same bytes as the route. Anything else, and every error, goes on
    to the FastAPI route, which words the error.
    """

    _NUMBER = re.compile(rb"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")

    def __init__(self, app: Callable[..., Awaitable[None]], state: _State):
        self.app = app
        self.state = state

    def answer(self, query: bytes) -> bytes | None:
        """The answer's body, or None to leave the request to the route."""
        params: dict[bytes, bytes] = {}
        for part in query.split(b"&"):
            key, _, value = part.partition(b"=")
            if key in params or b"%" in key or b"+" in key:
                return None
            params[key] = value
        lon, lat = params.get(b"lon"), params.get(b"lat")
        if lon is None or lat is None or not self._NUMBER.match(lon) or not self._NUMBER.match(lat):
            return None
        raw_crs = params.get(b"crs", b"EPSG:4326")
        if b"%" in raw_crs or b"+" in raw_crs:
            return None
        try:
            crs_norm = self.state.crs(raw_crs.decode("ascii"))
            return dumps(self.state.locator.locate(float(lon), float(lat), crs_norm))
        except Exception:  # the route answers (and words) every error
            return None

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/v1/locate":
            body = self.answer(scope["query_string"])
            if body is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-length", str(len(body)).encode()),
                            (b"content-type", JSON_TYPE.encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


# ----------------------------------------------------------------------------
# Response models (the OpenAPI document; answers are encoded directly)
# ----------------------------------------------------------------------------


class Problem(BaseModel):
    """An error: ``detail`` says what is wrong and what would be right."""

    detail: str = Field(description="What is wrong, naming the parameter, body item or limit.")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="For parameter validation errors: one {loc, msg, type} per problem."
    )


class Hub(BaseModel):
    id: str
    name_en: str
    distance_m: float = Field(description="Geodesic distance from the point, metres (0.1 m).")


class LocationAnswer(BaseModel):
    """Where one point lies: the output of ``avzone locate --json``."""

    lon: float = Field(description="WGS84 longitude of the point.")
    lat: float = Field(description="WGS84 latitude of the point.")
    crs: str = Field(description="The CRS the input was given in, as resolved (e.g. EPSG:4326, gcj02).")
    input: tuple[float, float] = Field(description="The point as given, in `crs`.")
    zones: dict[str, bool] = Field(description="Zone layer id -> whether the zone covers the point (edge inside).")
    distance_to_edge_m: dict[str, float | None] = Field(
        description="Zone layer id -> geodesic distance to the zone's edge in metres (0.1 m); 0 inside; "
        "null where it cannot be computed (half a world away from the zone)."
    )
    nearest_hub: Hub | None = Field(description="The nearest railway station or airport.")


class BatchPoint(BaseModel):
    """One answer of a batch; ``lon``, ``lat`` and ``zones`` are null unless ``status`` is ``ok``."""

    lon: float | None
    lat: float | None
    crs: str
    input: tuple[float | None, float | None] = Field(description="The point as given (null for a missing value).")
    zones: dict[str, bool] | None
    distance_to_edge_m: dict[str, float | None] | None = Field(
        default=None, description="Only with distances=true, as in the single-point answer."
    )
    nearest_hub: Hub | None = Field(default=None, description="Only with distances=true.")
    id: str | int | float | None = Field(default=None, description="The feature's id (FeatureCollection input only).")
    status: str = Field(
        description='"ok", or why the point was not located: "missing lon", "lat out of range [-90, 90]", '
        '"cannot be converted to WGS84", "missing geometry", or the swapped-order hint.'
    )


class BatchAnswer(BaseModel):
    crs: str
    count: int = Field(description="Number of input points (= length of results).")
    ok: int = Field(description="Points located (status ok).")
    distances: bool = Field(description="Whether distances to the edges and the nearest hub are included.")
    results: list[BatchPoint] = Field(description="One answer per input point, in input order.")


class LayerSummary(BaseModel):
    id: str
    kind: str = Field(description="zone (polygons), hubs (stations, airports) or routes (lines).")
    title_en: str | None
    title_zh: str | None
    feature_count: int
    nominal_area_km2: float | None = Field(description="The area the sources name (zone layers).")
    area_km2: float | None = Field(description="Geodesic area (WGS84) of the union of the features (zone layers).")
    area_tolerance_pct: float | None
    stage: str | None
    as_of: str | None
    status: str | None


class LayerList(BaseModel):
    dataset: str
    title_en: str | None
    layers: list[LayerSummary]


class FeatureCollection(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["FeatureCollection"]
    name: str = Field(description="The layer id.")
    features: list[dict[str, Any]] = Field(description="The layer's GeoJSON features as read from the dataset.")


class StageAnswer(BaseModel):
    date: str
    stage: str
    layer: str | None
    nominal_km2: float | None
    area_km2: float | None
    cagr_pct: float | None
    note: str


class GrowthAnswer(BaseModel):
    """The output of ``avzone growth FROM TO --json``."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    from_km2: float
    to_km2: float
    added_km2: float
    ratio: float | None
    percent: float | None
    parts: list[dict[str, Any]]
    timeline: list[StageAnswer]


class CheckItem(BaseModel):
    name: str
    subject: str
    ok: bool
    value: Any = None
    expected: Any = None
    detail: str


class CheckReport(BaseModel):
    """The output of ``avzone check --json``."""

    ok: bool
    checks: list[CheckItem]


class Health(BaseModel):
    status: Literal["ok"]
    dataset: str
    version: str
    zone_layers: list[str]
    max_body_bytes: int
    max_points: int


_E422 = {422: {"model": Problem, "description": "A missing or malformed parameter or body item."}}
_E413 = {413: {"model": Problem, "description": "Body larger than max_body_bytes, or more than max_points points."}}
_E404 = {
    404: {
        "description": "No such layer; the message lists the layer ids.",
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}

_PAIR_SCHEMA = {
    "type": "array",
    "prefixItems": [{"type": ["number", "null"]}, {"type": ["number", "null"]}],
    "minItems": 2,
    "maxItems": 2,
    "description": "[lon, lat] (x, y in a projected CRS); null for a missing value",
}
_FC_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": {
                                        "type": "array",
                                        "items": {"type": "number"},
                                        "minItems": 2,
                                        "maxItems": 3,
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


def _batch_body_doc(max_points: int, max_body_bytes: int) -> dict[str, Any]:
    schema = {
        "oneOf": [
            {"title": "Pairs", "type": "array", "items": _PAIR_SCHEMA, "maxItems": max_points},
            {"title": "PointFeatureCollection", **_FC_SCHEMA},
        ]
    }
    example = [[116.5, 39.79], [116.3975, 39.9087], [None, 39.9]]
    return {
        "requestBody": {
            "required": True,
            "description": (
                f"At most {max_points} points and {max_body_bytes} bytes. Coordinates are in the `crs` "
                "query parameter's CRS (for a FeatureCollection too)."
            ),
            "content": {
                JSON_TYPE: {"schema": schema, "example": example},
                GEOJSON_TYPE: {"schema": schema},
            },
        }
    }


# ----------------------------------------------------------------------------
# The application
# ----------------------------------------------------------------------------


class _State:
    """What the endpoints share: the model, the locator, the caches."""

    def __init__(self, model: Model, max_body_bytes: int, max_points: int):
        self.model = model
        self.max_body_bytes = max_body_bytes
        self.max_points = max_points
        self.locator = PointLocator(model)
        self.crs = _CRSCache()
        self.crs("EPSG:4326")
        self.layers = dumps(self._layer_list())
        self.health = dumps(
            {
                "status": "ok",
                "dataset": model.name,
                "version": __version__,
                "zone_layers": model.zone_layers,
                "max_body_bytes": max_body_bytes,
                "max_points": max_points,
            }
        )
        self.lock = threading.Lock()
        self.key_locks: dict[Any, threading.Lock] = {}
        self.cached: dict[Any, Any] = {}
        self.failures: dict[Any, tuple[float, Exception]] = {}
        ex = model.manifest.get("expansion") or {}
        zl = model.zone_layers
        self.growth_default = (
            str(ex.get("from") or ("current" if "current" in zl else (zl[0] if zl else ""))),
            str(ex.get("to") or ("planned" if "planned" in zl else (zl[-1] if zl else ""))),
        )

    def _layer_list(self) -> dict[str, Any]:
        m = self.model
        rows = []
        for lid in m.layers:
            info = m.layer_info(lid)
            rows.append(
                {
                    "id": lid,
                    "kind": info.kind,
                    "title_en": info.get("title_en"),
                    "title_zh": info.get("title_zh"),
                    "feature_count": len(m.raw_features(lid)),
                    "nominal_area_km2": info.nominal_area_km2,
                    "area_km2": round(m.area_km2(lid), 3) if info.kind == "zone" else None,
                    "area_tolerance_pct": info.area_tolerance_pct,
                    "stage": info.get("stage"),
                    "as_of": info.get("as_of"),
                    "status": info.get("status"),
                }
            )
        return {"dataset": m.name, "title_en": m.manifest.get("title_en"), "layers": rows}

    def once(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()``'s result, computed at most once per key (one lock per key).

        A failure is remembered for :data:`RETRY_AFTER_S` seconds and raised
        again meanwhile, so a broken map does not re-render at every request.
        """
        hit = self.cached.get(key)
        if hit is not None:
            return hit
        with self.lock:
            key_lock = self.key_locks.setdefault(key, threading.Lock())
        with key_lock:
            hit = self.cached.get(key)
            if hit is not None:
                return hit
            failed = self.failures.get(key)
            if failed is not None and time.monotonic() - failed[0] < RETRY_AFTER_S:
                raise failed[1]
            try:
                hit = make()
            except Exception as exc:
                self.failures[key] = (time.monotonic(), exc)
                raise
            self.cached[key] = hit
            return hit


def _answer_batch(state: _State, raw: bytes, crs_norm: Any, distances: bool) -> bytes:
    """The body of a ``POST /v1/locate`` answer (raises the 413 and 422 errors)."""
    if not raw.strip():
        raise _unprocessable("body is empty: send a JSON array of [lon, lat] pairs or a FeatureCollection")
    try:
        doc = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise _unprocessable(f"body is not valid JSON: {exc}") from None
    feats = doc.get("features") if isinstance(doc, dict) else None
    n = len(doc) if isinstance(doc, list) else len(feats) if isinstance(feats, list) else 0
    if n > state.max_points:
        raise HTTPException(
            413, f"too many points: {n} in the body, the limit is max_points={state.max_points} per request"
        )
    x, y, ids, reasons = _parse_points(doc)
    results = state.locator.locate_many(x, y, crs_norm, distances=distances, ids=ids, geometry_reasons=reasons)
    return dumps(
        {
            "crs": crs_label(crs_norm),
            "count": len(results),
            "ok": sum(1 for r in results if r["status"] == "ok"),
            "distances": distances,
            "results": results,
        }
    )


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _check_limits(max_body_bytes: Any, max_points: Any) -> None:
    if not _positive_int(max_body_bytes):
        raise InputError(f"max_body_bytes must be a positive integer, got {max_body_bytes!r}")
    if not _positive_int(max_points):
        raise InputError(f"max_points must be a positive integer, got {max_points!r}")


def create_app(
    model: Model | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_points: int = DEFAULT_MAX_POINTS,
    fast_path: bool = True,
) -> FastAPI:
    """The ASGI application (FastAPI) serving ``model``.

    Parameters
    ----------
    model : Model, optional
        The dataset to serve; by default the embedded Beijing dataset.
    max_body_bytes : int
        Largest request body accepted (413 beyond it), checked from
        ``Content-Length`` and while reading.
    max_points : int
        Most points accepted by one ``POST /v1/locate`` (413 beyond it).
    fast_path : bool
        Answer well-formed single-point requests before FastAPI's routing
        (:class:`LocateFastPath`: the same answers, without the 0.1-0.2 ms of
        FastAPI's parameter handling per request).

    The zone index is built, every zone boundary projected and the layer list
    computed here, so the first request is as fast as the others. The map
    (``GET /``), the checks and growth answers are computed at their first
    request and cached.
    """
    _check_limits(max_body_bytes, max_points)
    model = load() if model is None else model
    state = _State(model, max_body_bytes, max_points)
    zone_list = ", ".join(model.zone_layers)

    app = FastAPI(
        title="avzone",
        version=__version__,
        summary="Where autonomous vehicles may drive in Beijing: locate points in the zone layers.",
        description=(
            f"Dataset **{model.name}**; zone layers {zone_list}. The boundary of a zone counts as inside. "
            f"Limits: request bodies up to {max_body_bytes} bytes, at most {max_points} points per "
            'POST /v1/locate (413 beyond either). Errors are `{"detail": "..."}`.'
        ),
    )
    app.state.avzone = state
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=max_body_bytes)
    if fast_path:
        app.add_middleware(LocateFastPath, state=state)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail, issues = _validation_detail(list(exc.errors()))
        return JSONResponse({"detail": detail, "errors": issues}, status_code=422)

    crs_doc = (
        "CRS of the input: an authority code (EPSG:4326, EPSG:32650 for UTM 50N metres, OGC:CRS84, ...), "
        "a bare EPSG number, or gcj02 (Amap/Gaode, Tencent) / bd09 (Baidu)."
    )

    @app.get(
        "/v1/locate",
        response_model=LocationAnswer,
        responses=_E422,
        summary="Locate one point",
        tags=["locate"],
        description=(
            "Which zones cover the point, the geodesic distance to each zone's edge (0 inside) and the "
            "nearest hub: the same answer as `avzone locate LON LAT --json`. 422 for a missing or "
            "non-numeric lon/lat, an unknown crs, a position out of range, or lon/lat given in the "
            "wrong order (the message says which order would fit)."
        ),
    )
    async def locate_one(
        lon: float = Query(description="Longitude (x in a projected CRS).", examples=[116.5]),
        lat: float = Query(description="Latitude (y in a projected CRS).", examples=[39.79]),
        crs: str = Query("EPSG:4326", description=crs_doc),
    ) -> Response:
        crs_norm = state.crs(crs)
        try:
            answer = state.locator.locate(lon, lat, crs_norm)
        except InputError as exc:
            raise _unprocessable(str(exc)) from None
        except CRSError as exc:  # e.g. a BD-09 inversion that does not converge, far outside China
            raise _unprocessable(f"({lon}, {lat}) in {crs} cannot be converted to WGS84: {exc}") from None
        return _json(answer)

    @app.post(
        "/v1/locate",
        response_model=BatchAnswer,
        responses={**_E413, **_E422},
        summary="Locate many points",
        tags=["locate"],
        description=(
            "A JSON array of `[lon, lat]` pairs, or a GeoJSON FeatureCollection of Point features. One answer "
            "per input point, in input order; a point that cannot be located (null or out-of-range "
            "coordinates, a feature without geometry, lon/lat swapped) keeps its place with a `status` "
            "saying why, and null `lon`, `lat` and `zones`. Zones only by default (vectorized, fast); with "
            "`distances=true` every located answer also has `distance_to_edge_m` and `nearest_hub`, and is "
            "then the single-point answer plus `status` (slower: a nearest-edge search per point and zone). "
            "422 when the body is not JSON or an item is not a [lon, lat] pair / Point feature (the message names the "
            "item); 413 beyond the limits."
        ),
        openapi_extra=_batch_body_doc(max_points, max_body_bytes),
    )
    async def locate_many(
        request: Request,
        crs: str = Query("EPSG:4326", description=crs_doc),
        distances: bool = Query(False, description="Add distance_to_edge_m and nearest_hub to each answer."),
    ) -> Response:
        crs_norm = state.crs(crs)
        raw = await request.body()  # BodyLimitMiddleware stops it at max_body_bytes

        def work() -> bytes:
            return _answer_batch(state, raw, crs_norm, distances)

        # parsing and locating run in a worker thread unless the body is tiny
        body = work() if len(raw) <= 2048 and not distances else await run_in_threadpool(work)
        return Response(body, media_type=JSON_TYPE)

    @app.get("/v1/layers", response_model=LayerList, summary="List the layers", tags=["layers"])
    async def layers() -> Response:
        return Response(state.layers, media_type=JSON_TYPE)

    @app.get(
        "/v1/layers/{layer_id}",
        response_model=FeatureCollection,
        response_class=GeoJSONResponse,
        responses=_E404,
        summary="One layer as GeoJSON",
        tags=["layers"],
        description=(
            f"The layer's features as a GeoJSON FeatureCollection (WGS84). Layer ids: {', '.join(model.layers)}."
        ),
    )
    async def layer(layer_id: str, request: Request) -> Response:
        if layer_id not in model.layers:
            raise HTTPException(
                404, f"no layer {layer_id!r} in dataset {model.name!r}; layers are: {', '.join(model.layers)}"
            )

        def make() -> _Blob:
            doc = {"type": "FeatureCollection", "name": layer_id, "features": model.raw_features(layer_id)}
            return _Blob(dumps(doc), GEOJSON_TYPE)

        return state.once(("layer", layer_id), make).response(request)

    @app.get(
        "/v1/growth",
        response_model=GrowthAnswer,
        responses=_E422,
        summary="Growth between two zone layers",
        tags=["dataset"],
        description=(
            "Geodesic areas of two zone layers, the area added and its parts, and the timeline: the same "
            f"answer as `avzone growth FROM TO --json`. Default from={state.growth_default[0]}, "
            f"to={state.growth_default[1]}. 422 when from or to is not a zone layer ({zone_list})."
        ),
    )
    async def growth(
        from_: str | None = Query(None, alias="from", description="Zone layer id of the earlier stage."),
        to: str | None = Query(None, description="Zone layer id of the later stage."),
    ) -> Response:
        a = from_ if from_ is not None else state.growth_default[0]
        b = to if to is not None else state.growth_default[1]
        for name, value in (("from", a), ("to", b)):
            if value not in model.zone_layers:
                raise _unprocessable(f"{name}: {value!r} is not a zone layer; zone layers are: {zone_list}")
        body = await run_in_threadpool(state.once, ("growth", a, b), lambda: dumps(model.growth(a, b).to_dict()))
        return Response(body, media_type=JSON_TYPE)

    @app.get(
        "/v1/check",
        response_model=CheckReport,
        summary="Run the dataset checks",
        tags=["dataset"],
        description="Every dataset check (schema, geometry, area, containment, hubs, cross-check), as "
        "`avzone check --json` prints them; 200 even when a check fails (see `ok`).",
    )
    async def check() -> Response:
        def make() -> bytes:
            results = model.check()
            return dumps({"ok": all(r.ok for r in results), "checks": [r.to_dict() for r in results]})

        return Response(await run_in_threadpool(state.once, "check", make), media_type=JSON_TYPE)

    @app.get("/healthz", response_model=Health, summary="Liveness", tags=["service"])
    async def healthz() -> Response:
        return Response(state.health, media_type=JSON_TYPE)

    @app.get(
        "/",
        response_class=Response,
        summary="The interactive map",
        tags=["service"],
        responses={
            200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The map page."},
            503: {"model": Problem, "description": "The map could not be rendered."},
        },
    )
    async def index(request: Request) -> Response:
        def make() -> _Blob:
            return _Blob(model.map().get_root().render().encode("utf-8"), "text/html; charset=utf-8")

        try:
            blob = await run_in_threadpool(state.once, "map", make)
        except Exception as exc:  # the map is optional: the API keeps working
            log.exception("rendering the map failed")
            return _json({"detail": f"the map could not be rendered: {type(exc).__name__}: {exc}"}, 503)
        return blob.response(request)

    default_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, less the validation errors that cannot happen (a str path parameter)."""
        if app.openapi_schema is None:
            doc = default_openapi()
            doc["paths"]["/v1/layers/{layer_id}"]["get"]["responses"].pop("422", None)
            text = json.dumps(doc)
            schemas = doc.get("components", {}).get("schemas", {})
            if "#/components/schemas/HTTPValidationError" not in text:
                schemas.pop("HTTPValidationError", None)
                schemas.pop("ValidationError", None)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """:func:`create_app` configured from the environment, for ``uvicorn --factory``.

    ``AVZONE_DATA`` (a dataset folder; default the embedded data),
    ``AVZONE_MAX_BODY_BYTES`` and ``AVZONE_MAX_POINTS``. This is how
    :func:`serve` starts several worker processes.
    """
    data = os.environ.get(ENV_DATA) or None
    return create_app(
        load(data),
        max_body_bytes=int(os.environ.get(ENV_MAX_BODY, DEFAULT_MAX_BODY_BYTES)),
        max_points=int(os.environ.get(ENV_MAX_POINTS, DEFAULT_MAX_POINTS)),
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data: str | os.PathLike[str] | None = None,
    *,
    workers: int = 1,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_points: int = DEFAULT_MAX_POINTS,
    access_log: bool = False,
    log_level: str = "info",
) -> None:
    """Serve the API with uvicorn until interrupted.

    Parameters
    ----------
    host, port : where to listen (default loopback only, 127.0.0.1:8000).
    data : a dataset folder, chosen here once (default the embedded data).
    workers : worker processes (each loads the dataset); 2 suits a 2-core
        machine. uvicorn uses httptools and uvloop when they are installed.
    max_body_bytes, max_points : the request limits (413 beyond them).
    access_log : log every request (off by default: uvicorn's access log
        halves the single-point throughput, ~3,200 -> ~1,400 requests/s here).
    """
    import uvicorn

    if not _positive_int(workers):
        raise InputError(f"workers must be a positive integer, got {workers!r}")
    _check_limits(max_body_bytes, max_points)
    if workers == 1:
        app = create_app(load(data), max_body_bytes=max_body_bytes, max_points=max_points)
        uvicorn.run(app, host=host, port=port, access_log=access_log, log_level=log_level)
        return
    load(data)  # fail here, once, on an unreadable dataset
    os.environ[ENV_DATA] = "" if data is None else os.path.abspath(os.fspath(data))
    os.environ[ENV_MAX_BODY] = str(max_body_bytes)
    os.environ[ENV_MAX_POINTS] = str(max_points)
    uvicorn.run(
        "avzone.service:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level=log_level,
    )

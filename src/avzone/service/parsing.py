"""Request parsing: CRS names, point bodies, validation messages."""

from __future__ import annotations

import json
import math
import re
from itertools import chain
from typing import Any

import numpy as np
import pyproj
from starlette.exceptions import HTTPException

from avzone.crs import normalize_crs
from avzone.errors import CRSError
from avzone.points import NO_POINT_GEOMETRY, NOT_A_POINT
from avzone.service.common import MAX_CRS_CHARS

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
            if isinstance(hit, HTTPException):  # a refusal, remembered like an answer
                raise _unprocessable(hit.detail)
            return hit
        try:
            crs = self._resolve(text)
        except HTTPException as exc:
            if len(self._cache) < 1024:
                self._cache[text] = exc
            raise
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
        except CRSError as exc:
            if str(exc).startswith("unknown coordinate reference system"):
                raise _unprocessable(f"crs: unknown coordinate reference system {text!r}: {_CRS_HELP}") from None
            # known, but not usable here (geocentric, vertical, no transformation to WGS84 over Beijing...)
            raise _unprocessable(f"crs: {exc}") from None


def _no_constants(token: str) -> float:
    raise ValueError(f"{token} is not valid JSON")


def _parse_points(doc: Any) -> tuple[np.ndarray, np.ndarray, list[Any] | None, np.ndarray | None]:
    """``(x, y, feature ids or None, point codes or None)`` from a POST body.

    Raises a 422 naming the first item that is not a ``[lon, lat]`` pair (or
    not a GeoJSON Feature); a value that is null, not a number or out of
    range, and a feature without a Point geometry, are reported per point
    (:func:`avzone.points.from_columns` gives the status).
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
                    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1]), None, None
        x = np.empty(n, dtype=object)
        y = np.empty(n, dtype=object)
        for i, item in enumerate(doc):
            if not (isinstance(item, list) and len(item) == 2):
                raise _unprocessable(
                    f"body[{i}] is not a [lon, lat] pair (got {_short(item)}); "
                    "send an array of [lon, lat] pairs or a GeoJSON FeatureCollection of Points"
                )
            x[i], y[i] = _scalar(item[0]), _scalar(item[1])
        return x, y, None, None
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise _unprocessable("body.features must be an array of GeoJSON Point features")
        n = len(feats)
        x = np.full(n, None, dtype=object)
        y = np.full(n, None, dtype=object)
        codes = np.zeros(n, dtype=np.uint8)
        ids: list[Any] = []
        for i, f in enumerate(feats):
            where = f"body.features[{i}]"
            if not (isinstance(f, dict) and f.get("type") == "Feature"):
                raise _unprocessable(f"{where} is not a GeoJSON Feature (got {_short(f)})")
            fid = f.get("id")
            ids.append(fid if isinstance(fid, (str, int, float)) and not isinstance(fid, bool) else None)
            g = f.get("geometry")
            kind = g.get("type") if isinstance(g, dict) else None
            c = g.get("coordinates") if isinstance(g, dict) else None
            if kind == "Point" and isinstance(c, list) and len(c) >= 2:
                x[i], y[i] = _scalar(c[0]), _scalar(c[1])
            elif kind in (None, "Point"):
                codes[i] = NO_POINT_GEOMETRY
            else:
                codes[i] = NOT_A_POINT
        return x, y, ids, codes
    raise _unprocessable(
        f"body is not a JSON array of [lon, lat] pairs nor a GeoJSON FeatureCollection (got {_short(doc)})"
    )


def _scalar(v: Any) -> Any:
    """A JSON value as a coordinate cell: numbers and null as they are, anything else as its JSON text."""
    if v is None or isinstance(v, (int, float, str)):
        return v
    return json.dumps(v)


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


_TRAJECTORY_KEYS = ("id", "fixes")


def _parse_trajectories(doc: Any) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(ids, trajectory index, fix index, x, y, times)`` per fix from a ``POST /v1/events`` body.

    The body is ``{"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]}``.
    A trajectory without ``id`` is numbered by its place (0, 1, ...); a
    null ``id`` is the library's missing id (each fix then gets the status
    ``missing vehicle id``). Raises a 422 naming the first trajectory or
    fix that is not of that shape, an unknown key (options are query
    parameters), an id that is neither a string nor a finite number, and a
    trajectory without ``id`` whose number is another trajectory's id (it
    would be merged with it). Values that are null, not numbers or not times are
    reported per fix (a status), like the points of ``POST /v1/locate``: a
    time that is not a string (a number, true/false, an array) is handed to
    the library as it is, which reads no number as a time.
    """
    trajs = doc.get("trajectories") if isinstance(doc, dict) else None
    if not isinstance(trajs, list):
        raise _unprocessable(
            'body must be {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]} '
            f"(got {_short(doc)})"
        )
    for key in doc:
        if key != "trajectories":
            raise _unprocessable(
                f'body has an unknown key {key!r}: the body is {{"trajectories": [...]}} alone; '
                "options (crs, max_gap_s, max_gap_m, zones, tolerance_m) are query parameters"
            )
    given: dict[Any, int] = {}  # id -> the first trajectory that gives it
    numbered: list[int] = []  # the trajectories without an id (numbered by their place)
    ids: list[Any] = []
    ti: list[int] = []
    fi: list[int] = []
    xs: list[Any] = []
    ys: list[Any] = []
    ts: list[Any] = []
    for i, traj in enumerate(trajs):
        where = f"body.trajectories[{i}]"
        if not isinstance(traj, dict) or not isinstance(traj.get("fixes"), list):
            raise _unprocessable(f'{where} must be an object with "id" and "fixes" (got {_short(traj)})')
        for key in traj:
            if key not in _TRAJECTORY_KEYS:
                raise _unprocessable(f"{where} has an unknown key {key!r} (the keys are id and fixes)")
        if "id" in traj:
            tid = traj["id"]
            if tid is not None and not (
                isinstance(tid, str)
                or (isinstance(tid, int) and not isinstance(tid, bool))
                or (isinstance(tid, float) and math.isfinite(tid))
            ):
                raise _unprocessable(f"{where}.id must be a string or a finite number (got {_short(tid)})")
            if tid is not None:
                given.setdefault(tid, i)
        else:
            tid = i
            numbered.append(i)
        for j, fix in enumerate(traj["fixes"]):
            if not (isinstance(fix, list) and len(fix) == 3):
                raise _unprocessable(f"{where}.fixes[{j}] is not a [lon, lat, time] triple (got {_short(fix)})")
            ids.append(tid)
            ti.append(i)
            fi.append(j)
            xs.append(_scalar(fix[0]))
            ys.append(_scalar(fix[1]))
            ts.append(fix[2])
    for i in numbered:
        if i in given:  # (1.0 is 1 too, as for the library's vehicle ids)
            raise _unprocessable(
                f'body.trajectories[{i}] has no "id", and its number {i} is the id of '
                f"body.trajectories[{given[i]}]: give it an id of its own (or null for none: its fixes then get "
                "the status missing vehicle id)"
            )
    return (
        ids,
        np.array(ti, dtype=np.int64),
        np.array(fi, dtype=np.int64),
        _objects(xs),
        _objects(ys),
        _objects(ts),
    )


def _objects(values: list[Any]) -> np.ndarray:
    """A one-dimensional object array of ``values`` (arrays among them stay cells: numpy would nest them)."""
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out

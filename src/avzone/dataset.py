"""Read a dataset folder (``dataset.json`` plus one GeoJSON file per layer).

Only what makes a dataset unreadable raises here (a missing or unparsable
file, a geometry that cannot be built); everything else that can be wrong
with a dataset (missing properties, invalid rings, wrong areas) is reported
by :meth:`avzone.Model.check`, so one run lists every problem at once.
"""

from __future__ import annotations

import gc
import json
import math
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from avzone.errors import DataError
from avzone.i18n import Joined, Message, json_reason, option_style, os_reason

if TYPE_CHECKING:
    import geopandas as gpd

MANIFEST = "dataset.json"
LAYER_KINDS = ("zone", "hubs", "routes")


@dataclass(frozen=True)
class LayerInfo:
    """One layer as the manifest declares it.

    ``nominal_area_km2`` and ``area_tolerance_pct`` are set for zone layers
    only; ``extra`` keeps every other manifest field (titles, stage, dates).
    """

    id: str
    file: str
    kind: str
    nominal_area_km2: float | None = None
    area_tolerance_pct: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A manifest field of this layer, or ``default``."""
        return self.extra.get(key, default)


@dataclass(frozen=True)
class RawLayer:
    """A layer file as read: its info, the GeoJSON features, their properties and shapely geometries.

    ``frame`` (a GeoDataFrame in EPSG:4326) is built on first use, so that
    reading a dataset does not import geopandas and pandas.
    """

    info: LayerInfo
    path: Path
    features: list[dict[str, Any]]
    properties: list[dict[str, Any]]
    geometries: list[BaseGeometry | None]
    #: features set aside when read leniently (``strict=False``): feature index -> why; their geometry is None
    problems: dict[int, str] = field(default_factory=dict)

    @cached_property
    def frame(self) -> gpd.GeoDataFrame:
        """The features as a GeoDataFrame in EPSG:4326 (built once; do not modify).

        A property of integers and nulls (or integers and decimals) that
        pandas would make decimals (float64) is kept exact where one of its
        integers is beyond 2^53, which float64 cannot hold (2**53 + 1 would
        read as 2**53): nullable ``Int64`` for integers and nulls, else
        the values as read (``object``).
        """
        import geopandas as gpd
        import pandas as pd

        frame = gpd.GeoDataFrame(self.properties, geometry=self.geometries, crs="EPSG:4326")
        for name in frame.columns:
            if name == frame.geometry.name or frame[name].dtype != "float64":
                continue
            values = [p.get(name) for p in self.properties]
            ints = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
            if not any(abs(v) > 2**53 for v in ints):
                continue
            exact = len(ints) == sum(v is not None for v in values) and all(-(2**63) <= v < 2**63 for v in ints)
            frame[name] = (
                pd.array(values, dtype="Int64") if exact else pd.Series(values, index=frame.index, dtype=object)
            )
        return frame


def default_data_dir() -> Path:
    """The folder of the embedded Beijing dataset.

    Installed wheels carry it as ``avzone/geo``; a source checkout keeps it in
    the repository's top-level ``geo/`` folder.
    """
    packaged = Path(__file__).resolve().parent / "geo"  # the package folder (importlib.resources costs ~5 ms)
    if (packaged / MANIFEST).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "geo"


#: The largest dataset file read (bytes); a bigger one is refused with a DataError before it is read.
MAX_FILE_BYTES = 1 << 30
#: Integers longer than this many digits are read as floats (infinite beyond float range), never as
#: Python ints (whose conversion from text is quadratic and limited to 4,300 digits).
MAX_INT_DIGITS = 4000
GEOMETRY_TYPES = {
    "zone": ("Polygon", "MultiPolygon"),
    "hubs": ("Point", "Polygon", "MultiPolygon"),
    "routes": ("LineString", "MultiLineString"),
}
_COORD_DEPTH = {"Point": 1, "LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}


def _json_int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


class _DuplicateKey(Exception):
    def __init__(self, key: str, label: str | None, first: Any, last: Any) -> None:
        super().__init__(key)
        self.key, self.label, self.first, self.last = key, label, first, last


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (``json`` would keep the last value silently).

    The error carries the object's ``id`` (its own, or its properties') to say which feature it is.
    """
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                label = obj.get("id")
                props = obj.get("properties")
                if not isinstance(label, str) and isinstance(props, dict):
                    label = props.get("id")
                label = label if isinstance(label, str) else None
                raise _DuplicateKey(key, label, _short(seen[key]), _short(value))
            seen[key] = value
    return obj


def _read_json(path: Path) -> Any:
    """Parse a JSON file (UTF-8, with or without a byte order mark), with size, depth and number limits (each a
    clear DataError naming the file)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                Message("err_dataset_file_too_big", file=path, size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")
            )
        text = path.read_text(encoding="utf-8-sig")  # (a byte order mark, as Windows Notepad writes, is skipped)
    except FileNotFoundError:
        raise DataError(Message("err_dataset_file_missing", file=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc, str(exc)) if isinstance(exc, OSError) else str(exc)
        raise DataError(Message("err_dataset_file_unreadable", file=path, reason=reason)) from None
    try:
        return json.loads(text, parse_int=_json_int, object_pairs_hook=_unique_keys)
    except _DuplicateKey as dup:
        where = f" ({dup.label!r})" if dup.label else ""
        raise DataError(
            Message("err_dataset_duplicate_key", file=path, key=dup.key, where=where, first=dup.first, last=dup.last)
        ) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            Message("err_dataset_not_json", file=path, line=exc.lineno, column=exc.colno, reason=json_reason(exc.msg))
        ) from None
    except RecursionError:
        raise DataError(Message("err_dataset_too_deep", file=path)) from None
    except ValueError as exc:  # e.g. a number Python cannot convert
        raise DataError(Message("err_dataset_json_value", file=path, reason=str(exc))) from None


def finite_number(v: Any) -> bool:
    """Whether a value read from JSON is a finite number (an int or a float; not a bool, NaN, ±inf or an int beyond
    float range)."""
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:  # an integer beyond float range
        return False


def geometry_problem(raw: Any, kind: str) -> str | None:
    """Why a GeoJSON geometry cannot be used in a layer of ``kind``, or None when it can be built.

    The type must be one the layer kind allows, every position a pair of
    finite numbers within [-180, 180] x [-90, 90] (lon, lat), nested as the
    type says. Checked without recursion, so any JSON is answered. The
    reason is a :class:`~avzone.i18n.Message` (English text, Chinese too).
    """
    if not isinstance(raw, dict):
        return Message("problem_geometry_not_object", type=type(raw).__name__)
    gtype = raw.get("type")
    allowed = GEOMETRY_TYPES.get(kind, ())
    if gtype not in allowed:
        return Message("problem_geometry_type", type=gtype, kind=kind, allowed=_either(allowed))
    depth = _COORD_DEPTH[str(gtype)]
    stack: list[tuple[Any, int]] = [(raw.get("coordinates"), depth)]
    while stack:
        value, level = stack.pop()
        if not isinstance(value, list):
            return Message("problem_not_nested", type=gtype)
        if level == 1:
            if len(value) < 2 or not all(finite_number(v) for v in value):
                return Message("problem_position_not_pair", value=value)
            if abs(value[0]) > 180 or abs(value[1]) > 90:
                return Message("problem_position_range", value=value[:2])
        else:
            stack.extend((v, level - 1) for v in value)
    return None


def _either(names: Sequence[str]) -> str:
    """``Polygon or MultiPolygon``: the geometry types a layer kind allows (one, two or three)."""
    if len(names) == 2:
        return Message("types_2", a=names[0], b=names[1])
    if len(names) == 3:
        return Message("types_3", a=names[0], b=names[1], c=names[2])
    return " or ".join(names)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:  # an integer beyond float range: no usable number
        return None


def read_manifest(folder: Path) -> dict[str, Any]:
    """Parse and sanity-check ``dataset.json`` of a dataset folder."""
    path = folder / MANIFEST
    if not folder.is_dir():  # (a file given for the folder is no missing folder)
        raise DataError(
            Message(
                "err_dataset_folder_is_file" if folder.exists() else "err_not_dataset_folder",
                folder=folder,
                manifest=MANIFEST,
            )
        )
    manifest = _read_json(path)
    if not isinstance(manifest, dict):
        raise DataError(Message("err_manifest_not_object", file=path))
    layers = manifest.get("layers")
    if not isinstance(layers, list) or not layers:
        raise DataError(Message("err_manifest_layers", file=path))
    seen: set[str] = set()
    for i, entry in enumerate(layers):
        if not isinstance(entry, dict):
            raise DataError(Message("err_manifest_entry", file=path, i=i))
        for key in ("id", "file", "kind"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise DataError(Message("err_manifest_entry_key", file=path, i=i, key=key))
        for key in ("id", "file"):  # (a JSON escape such as \ud800 with no low surrogate after it)
            if (char := lone_surrogate(entry[key])) is not None:
                named = {"file": path, "i": i, "key": key, "value": entry[key], "char": char}
                raise DataError(Message("err_manifest_surrogate", **named))
        if entry["kind"] not in LAYER_KINDS:
            kinds = Joined(LAYER_KINDS, "comma")
            wrong = Message("err_manifest_kind", file=path, i=i, id=entry["id"], kind=entry["kind"], kinds=kinds)
            raise DataError(wrong)
        if entry["id"] in seen:
            raise DataError(Message("err_manifest_duplicate", file=path, i=i, id=entry["id"]))
        seen.add(entry["id"])
        if Path(entry["file"]).is_absolute() or ".." in Path(entry["file"]).parts:
            raise DataError(Message("err_manifest_file_outside", file=path, i=i))
    bounds = manifest.get("bounds")
    if bounds is not None and (
        not isinstance(bounds, list)
        or len(bounds) != 4
        or any(_number(b) is None for b in bounds)
        or not (bounds[0] < bounds[2] and bounds[1] < bounds[3])
    ):
        raise DataError(Message("err_manifest_bounds", file=path, bounds=bounds))
    return manifest


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> str | None:
    """The first lone UTF-16 surrogate in ``text`` as its escape (``\\ud800``), or None. JSON's escapes can give
    one (``"\\ud800"`` with no low surrogate after it), and Python's ``json`` keeps it: it is no character, and no
    UTF-8 text (a file name, an export, a map, a report) can hold it."""
    bad = _SURROGATE.search(text)
    return None if bad is None else f"\\u{ord(bad[0]):04x}"


def _layer_info(entry: dict[str, Any]) -> LayerInfo:
    extra = {k: v for k, v in entry.items() if k not in ("id", "file", "kind")}
    return LayerInfo(
        id=entry["id"],
        file=entry["file"],
        kind=entry["kind"],
        nominal_area_km2=_number(entry.get("nominal_area_km2")),
        area_tolerance_pct=_number(entry.get("area_tolerance_pct")),
        extra=extra,
    )


def read_layer(
    folder: Path, entry: dict[str, Any], strict: bool = True, geometries: Sequence[BaseGeometry | None] | None = None
) -> RawLayer:
    """Read one layer's GeoJSON FeatureCollection properties and shapely geometries (EPSG:4326).

    A feature whose geometry cannot be used (see :func:`geometry_problem`: a
    wrong type for the layer, positions that are not finite numbers in
    lon/lat range, a geometry shapely cannot build) or that is not a Feature
    raises :class:`DataError` naming it; with ``strict=False`` it is kept with
    no geometry and the reason goes to :attr:`RawLayer.problems`, for the
    checks to report.

    ``geometries`` (one per feature, from the compact cache of a file with
    exactly these bytes, validated when the cache was built) are used as
    they are instead of checking and building each feature's geometry.
    """
    info = _layer_info(entry)
    path = folder / info.file
    doc = _read_json(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(Message("err_layer_not_collection", file=path))
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError(Message("err_layer_features", file=path))
    _check_wgs84(doc, path)
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry | None] = []
    problems: dict[int, str] = {}
    known = geometries if geometries is not None and len(geometries) == len(features) else None
    prebuilt = build_polygons(features, info.kind) if known is None else {}

    def set_aside(i: int, why: str) -> None:
        if strict:
            raise DataError(Message("err_layer_feature", file=path, problem=why, check=_check_hint(folder)))
        problems[i] = why

    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            set_aside(i, Message("problem_not_feature", i=i))
            rows.append({})
            geoms.append(None)
            continue
        props = feat.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            set_aside(i, Message("problem_properties", i=i))
            props = {}
        label = props.get("id", f"features[{i}]")
        raw_geom = feat.get("geometry")
        geom = None
        if known is not None:
            geom = known[i]
        elif i in prebuilt:  # checked and built with the whole layer
            geom = prebuilt[i]
        elif raw_geom is not None:
            why = geometry_problem(raw_geom, info.kind)
            if why is None:
                try:
                    geom = shape(raw_geom)
                except Exception as exc:  # shapely raises several types for bad GeoJSON
                    # (GEOS ends its text with a newline)
                    why = Message("problem_geometry_build", reason=str(exc).strip())
            if why is not None:
                set_aside(i, Message("problem_feature", label=label, problem=why))
        rows.append(dict(props))
        geoms.append(geom)
    return RawLayer(info=info, path=path, features=features, properties=rows, geometries=geoms, problems=problems)


def _check_hint(folder: Path) -> Message:
    """How the caller lists every problem of the dataset ``folder`` (the hint of a strict load's refusal): ``avzone
    check --data FOLDER`` on the command line, ``avzone.load('FOLDER', strict=False).check()`` in Python
    (:func:`avzone.i18n.option_style`)."""
    return Message("check_data_cli" if option_style() == "cli" else "check_data_library", folder=str(folder))


def _check_wgs84(doc: dict[str, Any], path: Path) -> None:
    """Refuse a layer file whose old GeoJSON ``crs`` member declares another CRS than WGS84 lon/lat.

    A dataset's layers are WGS84 (RFC 7946); read as WGS84, coordinates in
    another CRS would be measured and placed wrong without a word: GCJ-02
    (what ``avzone export --crs gcj02`` writes) some 500 m off in Beijing,
    UTM metres out of every range. No member, or one naming EPSG:4326 or
    CRS84 in any spelling, is WGS84; pyproj is imported only for a member.
    """
    if doc.get("crs") is None:
        return
    from avzone.crs import WGS84, crs_short_name, geojson_declared_crs, same_crs
    from avzone.errors import CRSError

    member = json.dumps(doc["crs"], ensure_ascii=False)
    try:
        declared = geojson_declared_crs(doc)
        if declared is None or same_crs(declared, WGS84):
            return
        named: Any = crs_short_name(declared)
    except CRSError:  # (a member that cannot be read, or a CRS pyproj does not know: not WGS84 either)
        named = member if len(member) <= 200 else member[:197] + "..."
    raise DataError(Message("err_layer_crs", file=path, crs=named))


def read_dataset(
    path: str | Path | None = None,
    strict: bool = True,
    geometries: Mapping[str, Sequence[BaseGeometry | None]] | None = None,
) -> tuple[Path, dict[str, Any], dict[str, RawLayer]]:
    """Read a dataset folder: its path, its manifest and its layers by id.

    ``path`` defaults to the embedded Beijing dataset. Raises
    :class:`~avzone.DataError` naming the file and the reason when the
    folder, the manifest or a layer file cannot be read or parsed, or (with
    ``strict``) when a manifest value or a feature's geometry cannot be used;
    with ``strict=False`` those are kept for the checks to report
    (:func:`manifest_problems`, :attr:`RawLayer.problems`). ``geometries``:
    layer id -> the features' geometries already built (see :func:`read_layer`).
    """
    folder = Path(path) if path is not None else default_data_dir()
    manifest = read_manifest(folder)
    if strict:
        problems = manifest_problems(manifest)
        if problems:
            more = Message("manifest_more", n=len(problems) - 1) if len(problems) > 1 else ""
            raise DataError(
                Message(
                    "err_manifest_values",
                    file=folder / MANIFEST,
                    problem=problems[0],
                    more=more,
                    check=_check_hint(folder),
                )
            )
    given = geometries or {}
    with gc_paused():
        layers = {
            entry["id"]: read_layer(folder, entry, strict, given.get(entry["id"])) for entry in manifest["layers"]
        }
    return folder, manifest, layers


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (it resumes after, if it was on).

    Reading a large layer, or checking it, makes millions of small acyclic
    objects (JSON values, properties, results); each full collection walks
    them all, so a 100,000-feature layer would pay for many. Reference
    counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_MAX_FLOAT_INT = int(sys.float_info.max)


def _float(v: Any) -> bool:
    """A float, or an int (not a bool) that converts to one."""
    return type(v) is float or (type(v) is int and -_MAX_FLOAT_INT <= v <= _MAX_FLOAT_INT)


def _closed_rings(parts: Any, positions: bool) -> bool:
    """Every part has rings, every ring at least 4 positions, first position == last (and, with ``positions``,
    every position a list of 2 numbers, ints or floats but not bools)."""
    if not isinstance(parts, list) or not parts:
        return False
    for rings in parts:
        if not isinstance(rings, list) or not rings:
            return False
        for ring in rings:
            if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
                return False
            if positions and not all(type(p) is list and len(p) == 2 and _float(p[0]) and _float(p[1]) for p in ring):
                return False
    return True


class _Flat:
    """Polygons of one type laid out for :func:`shapely.from_ragged_array`: positions and ring / part / feature ends."""

    def __init__(self) -> None:
        self.which: list[int] = []
        self.positions: list[Any] = []
        self.ring_ends, self.part_ends, self.multi_ends = [0], [0], [0]


def _flatten_polygons(features: list[Any], allowed: tuple[str, ...], positions_checked: bool) -> dict[str, _Flat]:
    """The features of an ``allowed`` polygon type with closed rings, flattened in one pass, by type."""
    flats: dict[str, _Flat] = {t: _Flat() for t in ("Polygon", "MultiPolygon") if t in allowed}
    for i, feat in enumerate(features):
        raw = feat.get("geometry") if isinstance(feat, dict) and feat.get("type") == "Feature" else None
        if not isinstance(raw, dict):
            continue
        flat = flats.get(str(raw.get("type")))
        if flat is None:
            continue
        coords = raw.get("coordinates")
        parts: Any = coords if flat is flats.get("MultiPolygon") else [coords]
        if not _closed_rings(parts, positions_checked):
            continue
        positions, ring_ends, part_ends = flat.positions, flat.ring_ends, flat.part_ends
        for rings in parts:
            for ring in rings:
                positions.extend(ring)
                ring_ends.append(len(positions))
            part_ends.append(len(ring_ends) - 1)
        flat.multi_ends.append(len(part_ends) - 1)
        flat.which.append(i)
    return flats


def build_polygons(features: list[Any], kind: str) -> dict[int, BaseGeometry]:
    """A layer's usable GeoJSON Polygons and MultiPolygons, checked and built from one array per type.

    Only features whose type the layer ``kind`` allows and whose rings are
    all closed, of at least 4 positions of two values, are taken here; of
    those, the ones whose every value is a finite number (not a bool) in
    [-180, 180] x [-90, 90] (:func:`geometry_problem` would pass them) are
    built with :func:`shapely.from_ragged_array`: the geometry ``shape()``
    builds, with a few array passes instead of a call per feature. The rest
    are left out, for the caller to check and build one by one.
    """
    out: dict[int, BaseGeometry] = {}
    allowed = GEOMETRY_TYPES.get(kind, ())
    flats = _flatten_polygons(features, allowed, False)
    try:
        if any(
            set(map(type, f.positions)) - {list}
            or set(map(len, f.positions)) - {2}
            or set(map(type, chain.from_iterable(f.positions))) - {float, int}
            for f in flats.values()
        ):
            raise ValueError("not only pairs of numbers")
        arrays = {t: np.asarray(f.positions, dtype=np.float64) for t, f in flats.items()}
    except (ValueError, OverflowError):  # some position is not a pair of numbers: leave out the features with one
        flats = _flatten_polygons(features, allowed, True)
        arrays = {t: np.asarray(f.positions, dtype=np.float64) for t, f in flats.items()}
    for gtype, flat in flats.items():
        gid = shapely.GeometryType.POLYGON if gtype == "Polygon" else shapely.GeometryType.MULTIPOLYGON
        which = flat.which
        ring_ends, part_ends, multi_ends = flat.ring_ends, flat.part_ends, flat.multi_ends
        if not which:
            continue
        xy = arrays[gtype].reshape(-1, 2)
        with np.errstate(invalid="ignore"):
            good = np.isfinite(xy).all(axis=1) & (np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90)
        rings_a, parts_a = np.asarray(ring_ends), np.asarray(part_ends)
        firsts = np.asarray(multi_ends) if gtype == "MultiPolygon" else np.arange(len(which) + 1)
        starts = rings_a[parts_a[firsts]][:-1]  # each feature's first position (strictly increasing)
        bad = np.add.reduceat(np.r_[~good, False].astype(np.int64), starts)
        if not good.all():  # those features are not kept: give GEOS numbers it takes
            xy = np.where(good[:, None], xy, 0.0)
        offsets = (rings_a, parts_a) + ((np.asarray(multi_ends),) if gtype == "MultiPolygon" else ())
        try:
            built = shapely.from_ragged_array(gid, xy, offsets).tolist()
        except (ValueError, shapely.errors.GEOSException):
            continue
        # a feature with a position that is not finite or out of range is left to geometry_problem, which names it
        out.update((i, g) for i, g, b in zip(which, built, bad.tolist(), strict=True) if b == 0)
    return out


def _is_iso_date(v: Any) -> bool:
    """A date written YYYY-MM-DD (Python 3.11's ``date.fromisoformat`` also reads ``20240319`` and ``2024-W12-2``,
    which sort among the others as text in another order)."""
    import datetime

    if not isinstance(v, str) or not _YYYY_MM_DD.fullmatch(v):
        return False
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        return False
    return True


_YYYY_MM_DD = re.compile(r"\d{4}-\d{2}-\d{2}")


def _ring_roads_ok(roads: Any) -> bool:
    """A layer entry's ``ring_roads``: objects of a whole ``ring`` from 0, a text ``name_en``, ``name_zh`` or none."""
    if not isinstance(roads, list):
        return False
    for r in roads:
        if not isinstance(r, dict):
            return False
        ring = r.get("ring")
        if isinstance(ring, bool) or not isinstance(ring, int) or ring < 0:
            return False
        if not isinstance(r.get("name_en"), str) or not r["name_en"].strip():
            return False
        if r.get("name_zh") is not None and not isinstance(r["name_zh"], str):
            return False
    return True


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    """What is wrong with the manifest's typed values (empty when all is well).

    Layer ``nominal_area_km2`` (a positive number or null), a zone layer's
    ``valid_from`` and ``valid_to`` (an ISO date or null: a stage dated
    otherwise would never be in force, every time in it answered as no zone's),
    ``area_tolerance_pct`` (a number in [0, 100] or null), ``ring_roads``
    (:func:`_ring_roads_ok`), ``bounds``,
    ``containment`` (pairs of zone layer ids), ``expansion`` (zone ids and
    numbers), ``required_hubs`` (a list of ids), ``timeline`` (objects
    with an ISO ``date``, a zone ``layer`` id or null, numbers or null),
    the ``stage`` and ``stage_zh`` of layers and timeline rows, a layer's
    ``reported_area_note_zh`` and a timeline row's ``note_zh`` (text or null).
    """
    out: list[str] = []  # each a Message: the English text, and the Chinese for a load error
    layers = [e for e in manifest.get("layers", []) if isinstance(e, dict)]
    zones = {e.get("id") for e in layers if e.get("kind") == "zone"}

    def positive(v: Any) -> bool:
        return finite_number(v) and v > 0

    def tolerance(v: Any) -> bool:
        return finite_number(v) and 0 <= v <= 100

    def zone(v: Any) -> bool:  # (a list or an object is no layer id: not looked up in the set)
        return isinstance(v, str) and v in zones

    for e in layers:
        lid = e.get("id")
        if e.get("nominal_area_km2") is not None and not positive(e["nominal_area_km2"]):
            wrong = Message("problem_positive", name="nominal_area_km2", value=e["nominal_area_km2"])
            out.append(Message("problem_of_layer", id=lid, problem=wrong))
        if e.get("area_tolerance_pct") is not None and not tolerance(e["area_tolerance_pct"]):
            wrong = Message("problem_percent", name="area_tolerance_pct", value=e["area_tolerance_pct"])
            out.append(Message("problem_of_layer", id=lid, problem=wrong))
        for key in ("stage", "stage_zh", "reported_area_note_zh"):
            if e.get(key) is not None and not isinstance(e[key], str):
                out.append(Message("problem_of_layer", id=lid, problem=Message("problem_text", name=key, value=e[key])))
        for key in ("valid_from", "valid_to"):  # (a stage whose date is no date would never be in force)
            if e.get("kind") == "zone" and e.get(key) is not None and not _is_iso_date(e[key]):
                wrong = Message("problem_date", name=key, value=e[key])
                out.append(Message("problem_of_layer", id=lid, problem=wrong))
        if e.get("ring_roads") is not None and not _ring_roads_ok(e["ring_roads"]):
            wrong = Message("problem_ring_roads", value=e["ring_roads"])
            out.append(Message("problem_of_layer", id=lid, problem=wrong))
    pairs = manifest.get("containment")
    if pairs is not None:
        if not isinstance(pairs, list):
            out.append(Message("problem_containment", value=pairs))
        else:
            for p in pairs:
                if not (isinstance(p, list) and len(p) == 2 and all(zone(z) for z in p)):
                    out.append(Message("problem_containment_entry", value=p))
    exp = manifest.get("expansion")
    if exp is not None:
        if not isinstance(exp, dict):
            out.append(Message("problem_expansion", value=exp))
        else:
            for key in ("from", "to"):
                if not zone(exp.get(key)):
                    out.append(Message("problem_zone_id", name=f"expansion.{key}", value=exp.get(key)))
            if zone(exp.get("from")) and exp.get("from") == exp.get("to"):
                out.append(Message("problem_expansion_same", value=exp.get("from")))
            if not positive(exp.get("nominal_added_km2")):
                added = exp.get("nominal_added_km2")
                out.append(Message("problem_positive", name="expansion.nominal_added_km2", value=added))
            if exp.get("area_tolerance_pct") is not None and not tolerance(exp["area_tolerance_pct"]):
                pct = exp["area_tolerance_pct"]
                out.append(Message("problem_percent", name="expansion.area_tolerance_pct", value=pct))
    hubs = manifest.get("required_hubs")
    if hubs is not None and not (isinstance(hubs, list) and all(isinstance(h, str) for h in hubs)):
        out.append(Message("problem_required_hubs", value=hubs))
    timeline = manifest.get("timeline")
    if timeline is not None:
        if not isinstance(timeline, list):
            out.append(Message("problem_timeline", value=timeline))
        else:
            for i, st in enumerate(timeline):
                where = f"timeline[{i}]"
                if not isinstance(st, dict):
                    out.append(Message("problem_stage", name=where, value=st))
                    continue
                if not _is_iso_date(st.get("date")):
                    out.append(Message("problem_date", name=f"{where}.date", value=st.get("date")))
                if st.get("layer") is not None and not zone(st.get("layer")):
                    out.append(Message("problem_zone_id_or_null", name=f"{where}.layer", value=st.get("layer")))
                for key in ("nominal_area_km2", "reported_area_km2"):
                    if st.get(key) is not None and not positive(st[key]):
                        out.append(Message("problem_positive_or_null", name=f"{where}.{key}", value=st[key]))
                for key in ("stage", "stage_zh", "note_zh"):
                    if st.get(key) is not None and not isinstance(st.get(key), str):
                        out.append(Message("problem_text", name=f"{where}.{key}", value=st.get(key)))
    return out


def valid_geometry(geom: BaseGeometry | None) -> bool:
    """True for a non-empty, OGC-valid geometry."""
    return geom is not None and not geom.is_empty and bool(shapely.is_valid(geom))

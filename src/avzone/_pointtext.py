"""Points written in one column: ``116.48,39.99`` pairs (Amap/Baidu ``location``), WKT/EWKT points, or WKB/EWKB
points (a Parquet binary column, as DuckDB's ``ST_AsWKB``, Spark/Sedona and ``shapely.to_wkb`` write it without
GeoParquet's metadata, or their hex text, as PostGIS writes a geometry column to CSV).

The file jobs' reader (:func:`avzone.batch.open_source`) reads such a column
named by ``point_col`` (``--point-col``), or found by its name
(:data:`PAIR_NAMES`, :data:`WKT_NAMES`, :data:`WKB_NAMES`) and its first values when no lon/lat
columns are. Each chunk's texts (or bytes) become points in a few array passes
(pyarrow's regular expressions, ``shapely.from_wkt``, ``shapely.from_wkb``): no Python loop per row.
A cell that is no point gets a status naming the column
(:data:`avzone.points.NOT_A_PAIR`, :data:`avzone.points.NOT_WKT_POINT`; WKT of
another type names it: :data:`avzone.points.WKT_TYPE_CODES`; bytes that are no WKB
:data:`avzone.points.NOT_WKB_POINT`, WKB of another type :data:`avzone.points.WKB_TYPE_CODES`), an
empty one ``missing <column>`` (or, WKT and WKB, ``no point geometry``, as an empty point is); no row is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyproj
import shapely

from avzone.columns import header_key
from avzone.crs import normalize_crs
from avzone.errors import InputError
from avzone.i18n import Joined, Message, Option
from avzone.points import (
    MISSING,
    NO_POINT_GEOMETRY,
    NOT_A_PAIR,
    NOT_A_POINT,
    NOT_WKB_POINT,
    NOT_WKT_POINT,
    OK,
    OTHER_SRID,
    Points,
    from_columns,
    geometry_xy,
)

#: Column names (as :func:`avzone.columns.header_key` reduces them) read as a column of lon,lat text pairs.
PAIR_NAMES = ("location", "lnglat", "lonlat", "坐标", "经纬度", "經緯度")
#: Column names read as a column of WKT points (QGIS, PostGIS, avzone's own CSV of a GeoJSON input).
WKT_NAMES = ("wkt", "wktgeom", "geometry", "geom", "thegeom", "shape")
#: Column names read as a column of WKB points besides :data:`WKT_NAMES` (whose column may hold WKB too: bytes, or
#: their hex text, are no WKT).
WKB_NAMES = ("wkb", "wkbgeometry", "wkbgeom", "geomwkb")
#: Every name of a column found as one of points (:func:`find_point_column`).
POINT_NAMES = PAIR_NAMES + WKT_NAMES + WKB_NAMES
#: How many of a column's first non-empty values judge whether it holds points as text: most of them must be.
SAMPLE = 10
#: How many of a file's first rows hold those values, in both engines (:func:`sample_rows`): a column's first
#: non-empty values after them are not looked at.
SAMPLE_ROWS = 100_000

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = rf"^\s*(?P<x>{_NUMBER})\s*[,，]\s*(?P<y>{_NUMBER})\s*$"
_EWKT = r"^\s*(?:(?i:srid)\s*=\s*(?P<srid>[-+]?\d{1,9})\s*;)?(?P<wkt>(?s:.*))$"
#: An EWKT point's SRID where none is written (0 and negative SRIDs are written ones: refused or a status).
NO_SRID = np.iinfo(np.int64).min


def _texts(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A column's values as text. A binary column's bytes that are no UTF-8 text (WKB geometries, say) are read with
    U+FFFD for each byte that does not decode, text that is no point (:func:`text_points` gives such a cell its
    status; :func:`not_points_error` names such a column given as one of points)."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(col, pa.ExtensionArray):  # (arrow.uuid and the like: their bytes)
        col = col.storage
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        kind = pa.large_string() if pa.types.is_large_binary(col.type) else pa.string()
        try:
            col = col.cast(kind)
        except pa.ArrowInvalid:  # (bytes that are no UTF-8 text; pyarrow's cast refuses the whole column)
            if _undecodable(col) is None:
                raise
            texts = [None if v is None else v.decode("utf-8", "replace") for v in col.to_pylist()]
            col = pa.array(texts, type=kind)
    return col


def _undecodable(col: pa.Array | pa.ChunkedArray) -> bytes | None:
    """The first value of a binary column that is no text: bytes that are not UTF-8, or that hold a zero byte, as
    every WKB geometry does (its type, a 4-byte integer); None when every value is text, or the column holds no
    bytes.

    >>> _undecodable(pa.array([b"116.4,39.9", None, b"\\x01\\x01\\x00"])), _undecodable(pa.array([b"116.4,39.9"]))
    (b'\\x01\\x01\\x00', None)
    """
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(col, pa.ExtensionArray):
        col = col.storage
    if not any(check(col.type) for check in (pa.types.is_binary, pa.types.is_large_binary,
                                             pa.types.is_fixed_size_binary, pa.types.is_binary_view)):  # fmt: skip
        return None
    for scalar in col:  # (one value at a time: a column of WKB stops at its first)
        if (value := scalar.as_py()) is not None:
            if b"\x00" in value:
                return bytes(value)
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return bytes(value)
    return None


def _storage(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    return col.storage if isinstance(col, pa.ExtensionArray) else col


def _is_binary(col: pa.Array | pa.ChunkedArray) -> bool:
    kind = col.type.storage_type if isinstance(col.type, pa.ExtensionType) else col.type
    return any(check(kind) for check in (pa.types.is_binary, pa.types.is_large_binary, pa.types.is_fixed_size_binary,
                                         pa.types.is_binary_view))  # fmt: skip


def _wkb_bytes(col: pa.Array | pa.ChunkedArray) -> bool:
    """Whether ``col`` is a binary column holding bytes that are no text (:func:`_undecodable`): WKB, read as
    such (:func:`_wkb_xy`), not as text."""
    return _is_binary(col) and _undecodable(col) is not None


def _wkb_xy(col: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, y of WKB or EWKB points (NaN elsewhere): a binary column's bytes, or a text column's hex text (as PostGIS
    writes a geometry to CSV), read at once by ``shapely.from_wkb``; their codes (OK; :data:`NO_POINT_GEOMETRY` for
    an empty point, as WKT's ``POINT EMPTY``, and for an empty cell: null, or blank hex text;
    :data:`~avzone.points.NOT_WKB_POINT` for bytes that are no WKB, zero bytes too; another type's
    :data:`~avzone.points.WKB_TYPE_CODES`), their SRIDs (EWKB's; :data:`NO_SRID` where none is written, or 0, which
    PostGIS writes as none) and where a cell is empty.

    A Z or M coordinate is dropped, as a WKT point's is (``POINT Z``, ``POINT M``).

    >>> x, y, codes, srids, empty = _wkb_xy(pa.array([shapely.to_wkb(shapely.Point(116.5, 39.79)), b"ab", None, b""]))
    >>> x.tolist()[:1], codes.tolist(), empty.tolist()
    ([116.5], [0, 229, 254, 229], [False, False, True, False])
    """
    col = _storage(col)
    if _is_binary(col):  # (a null cell is empty; zero bytes are no WKB: a bad value, not an empty one)
        empty = col.is_null()
    else:  # (hex text)
        col = pc.utf8_trim_whitespace(col)
        empty = pc.fill_null(pc.equal(col, ""), True)
    empty = np.asarray(empty.to_numpy(zero_copy_only=False), dtype=bool)
    values = np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)
    values[empty] = None
    geoms = shapely.from_wkb(values, on_invalid="ignore")  # (bytes that are no WKB: None)
    x, y, codes = geometry_xy(geoms)
    other = codes == NOT_A_POINT  # (WKB of another type: its own code, which names the type)
    codes[other] = 228 - shapely.get_type_id(geoms[other])  # (avzone.points.WKB_TYPE_CODES)
    codes[shapely.is_missing(geoms) & ~empty] = NOT_WKB_POINT
    srids = np.asarray(shapely.get_srid(geoms), dtype=np.int64)
    return x, y, codes, np.where(srids > 0, srids, NO_SRID), empty


def _wkb_kind(col: pa.Array | pa.ChunkedArray) -> tuple[str, int | None] | None:
    """``("wkb", srid)`` when most of a column's first non-empty values (up to :data:`SAMPLE`) are WKB points
    (bytes, or hex text), ``srid`` the first point's EWKB SRID (None when it writes none); None otherwise."""
    col = _storage(col)
    _, _, codes, srids, empty = _wkb_xy(col)
    at = np.flatnonzero(~empty)[:SAMPLE]
    if not at.size or (codes[at] == OK).sum() * 2 <= at.size:
        return None
    first = srids[at][codes[at] == OK][0]
    return "wkb", int(first) if first != NO_SRID else None


def _text_or_none(col: pa.Array | pa.ChunkedArray) -> pa.Array | None:
    """A column's values as text (:func:`_texts`); None for a column of values no text holds (lists, structs...:
    no points as text).

    >>> _text_or_none(pa.array([[116.5, 39.79]])) is None, _text_or_none(pa.array([1.5])).to_pylist()
    (True, ['1.5'])
    """
    try:
        return _texts(col)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _empty(texts: pa.Array) -> np.ndarray:
    blank = pc.equal(pc.utf8_trim_whitespace(texts), "")
    return np.asarray(pc.fill_null(blank, True).to_numpy(zero_copy_only=False), dtype=bool)


def _pair_xy(texts: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y of ``lon,lat`` texts (NaN elsewhere) and where a text is no pair."""
    parts = pc.extract_regex(texts, _PAIR)  # (null where the text is no pair)
    x = pc.struct_field(parts, [0]).cast(pa.float64()).to_numpy(zero_copy_only=False)
    y = pc.struct_field(parts, [1]).cast(pa.float64()).to_numpy(zero_copy_only=False)
    bad = np.asarray(parts.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float), bad


def _wkt_xy(texts: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, y of WKT or EWKT points (NaN elsewhere), their codes (OK, NOT_WKT_POINT, or shapely's no point geometry
    for ``POINT EMPTY``) and their SRIDs (:data:`NO_SRID` where none is written)."""
    parts = pc.extract_regex(texts, _EWKT)
    written = pc.struct_field(parts, [0])  # ("" where no SRID is written)
    srid = pc.if_else(pc.equal(written, ""), pa.scalar(None, written.type), written).cast(pa.int64())
    srid = pc.fill_null(srid, NO_SRID).to_numpy(zero_copy_only=False)
    wkt = np.asarray(pc.struct_field(parts, [1]).to_numpy(zero_copy_only=False), dtype=object)
    with np.errstate(over="ignore"):  # (hex WKB's digits read as a number: no warning, no WKT)
        geoms = shapely.from_wkt(wkt, on_invalid="ignore")  # (text that is no WKT: None)
    x, y, codes = geometry_xy(geoms)
    other = codes == NOT_A_POINT  # (WKT of another type: its own code, which names the type)
    codes[other] = 240 - shapely.get_type_id(geoms[other])  # (avzone.points.WKT_TYPE_CODES)
    codes[shapely.is_missing(geoms)] = NOT_WKT_POINT  # (an empty point, or line: no point geometry)
    return x, y, codes, np.asarray(srid, dtype=np.int64)


def _non_empty(col: pa.ChunkedArray) -> int:
    """How many of a column's cells are non-empty text (:data:`SAMPLE` for a column that holds no text, or bytes
    that are none: no value of it is waited for). Every Arrow type of bytes or text is one (fixed-size binary and the
    view types too: a column of them with no value in a first chunk is looked at in the next, as any other)."""
    texts = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)
    if not (_is_binary(col) or any(check(col.type) for check in texts)):
        return SAMPLE
    if _wkb_bytes(col):  # (WKB: each non-empty cell)
        return int((~_wkb_xy(col)[4]).sum())
    try:
        return int((~_empty(_texts(col))).sum())
    except pa.ArrowInvalid:  # (bytes that are no UTF-8 text)
        return SAMPLE


def sample_rows(
    batches: Iterable[pa.RecordBatch], columns: list[str], schema: pa.Schema
) -> tuple[pa.Table, list[pa.RecordBatch]]:
    """The rows of ``columns`` that judge whether a column holds points as text (:func:`point_kind`,
    :func:`find_point_column`, :func:`point_col_hint`, :func:`first_values`), the same in every engine: a file's
    first :data:`SAMPLE_ROWS` rows (fewer when it has fewer), whatever its chunks or partitions; and the batches
    read from ``batches`` to find them (to be read again). ``schema``: the file's (the rows' types when it has none).

    ``batches`` are read only until each text column of ``columns`` has :data:`SAMPLE` non-empty values, or the
    rows are read: what follows would change no judgement (made from a column's first non-empty values alone).

    >>> rows = [pa.record_batch({"location": ["", "116.4,39.9"]})] * 3
    >>> table, read = sample_rows(iter(rows), ["location"], rows[0].schema)
    >>> table.num_rows, len(read)
    (6, 3)
    """
    wanted = set(columns)
    at = [i for i, name in enumerate(schema.names) if name in wanted]  # (by place: a header may name two alike)

    def some(table: pa.Table | pa.RecordBatch) -> pa.Table:
        cols = [table.column(i) for i in at]
        fields = [schema.field(i) for i in at]
        return pa.Table.from_arrays([c if c.type == f.type else c.cast(f.type) for c, f in zip(cols, fields)],
                                    schema=pa.schema(fields))  # fmt: skip

    read: list[pa.RecordBatch] = []
    taken = [some(pa.Table.from_batches([], schema=schema))]
    found = dict.fromkeys(at, 0)
    rows = 0
    for batch in batches:
        read.append(batch)
        part = some(batch).slice(0, SAMPLE_ROWS - rows)
        taken.append(part)
        rows += part.num_rows
        for k, i in enumerate(at):
            found[i] += _non_empty(part.column(k))
        if rows >= SAMPLE_ROWS or min(found.values(), default=SAMPLE) >= SAMPLE:
            break
    return pa.concat_tables(taken).combine_chunks(), read


def point_kind(col: pa.Array | pa.ChunkedArray) -> tuple[str, int | None] | None:
    """``("pair", None)``, ``("wkt", srid)`` or ``("wkb", srid)`` when most of the column's first non-empty values
    (up to :data:`SAMPLE`) are lon,lat pairs, or WKT points, or WKB points (a binary column's bytes that are no text,
    or hex text: :func:`_wkb_kind`; ``srid``: the first point's SRID, None when it writes none); None when they are
    none of these or there are none. (A bad cell among them gets its status when read.)

    >>> point_kind(pa.array(["116.48,39.99", None, "116.4,39.9", "abc"]))
    ('pair', None)
    >>> point_kind(pa.array(["SRID=4326;POINT (116.48 39.99)"])), point_kind(pa.array(["116.48,39.99", "abc"]))
    (('wkt', 4326), None)
    >>> point_kind(pa.array([shapely.to_wkb(shapely.Point(116.48, 39.99), hex=True)]))
    ('wkb', None)
    """
    if _wkb_bytes(col) and (wkb := _wkb_kind(col)) is not None:  # (else text, a stray byte its row's status)
        return wkb
    if (texts := _text_or_none(col)) is None:  # (lists, structs...: no text)
        return None
    sample = texts.filter(pa.array(~_empty(texts)))[:SAMPLE]
    if len(sample) == 0:
        return None
    if (~_pair_xy(sample)[2]).sum() * 2 > len(sample):
        return "pair", None
    _, _, codes, srid = _wkt_xy(sample)
    if (codes == OK).sum() * 2 > len(sample):
        first = srid[codes == OK][0]
        return "wkt", int(first) if first != NO_SRID else None
    return _wkb_kind(sample)  # (hex text)


def given_point_kind(col: pa.Array | pa.ChunkedArray) -> tuple[str, int | None] | None:
    """The kind of a column of points as text the user named (``point_col``), from its first rows (``col``): as
    :func:`point_kind` says; ``("any", None)`` when they hold no value (a log whose first hours have no fix), each
    later value then read as what it is written as, a lon,lat pair, a WKT point or WKB (a binary column's bytes, hex
    text: :func:`text_points`), in the CRS
    chosen before any is read (a first point of another SRID is refused: :func:`refuse_late_srid`).

    >>> given_point_kind(pa.array(["", None, " "])), given_point_kind(pa.array(["", "abc"]))
    (('any', None), None)
    """
    if _wkb_bytes(col) and (wkb := _wkb_kind(col)) is not None:  # (else text, a stray byte its row's status)
        return wkb
    if (texts := _text_or_none(col)) is None:  # (lists, structs...: no text)
        return None
    if not (~_empty(texts)).any():
        return "any", None
    return point_kind(texts)


def first_values(col: pa.Array | pa.ChunkedArray) -> Joined:
    """A column's first non-empty values, for a message saying they are no points."""
    texts = _texts(col)
    sample = texts.filter(pa.array(~_empty(texts)))[:3].to_pylist()
    return Joined([repr(v if len(v) <= 40 else v[:40] + "...") for v in sample] or ["''"], "comma")


def not_points_error(path: str | Path, column: str, col: pa.Array | pa.ChunkedArray) -> InputError:
    """The error for a column named as one of points as text (``point_col``) whose first values (``col``) are no
    such points: their text (:func:`first_values`), or, for a binary column holding bytes that are no text, most
    of them no WKB points either (:func:`_wkb_kind`: WKB of lines, bytes that are no WKB), the first such value;
    for a column of values no text holds (a list of lon and lat), their type.

    >>> str(not_points_error("f.parquet", "wkb", pa.array([b"\\x01\\x01\\x00\\x00"])))[:88]
    "f.parquet: column 'wkb' (point_col=) holds bytes that are no text, and most of its first"
    """
    option = Option("point_col")
    if _text_or_none(col) is None:
        kind = col.type.storage_type if isinstance(col.type, pa.ExtensionType) else col.type
        return InputError(Message("err_point_col_type", file=path, column=column, option=option, type=str(kind)))
    if (raw := _undecodable(col)) is not None:
        value = repr(raw if len(raw) <= 24 else raw[:24]) + ("..." if len(raw) > 24 else "")
        return InputError(Message("err_point_col_bytes", file=path, column=column, option=option, value=value))
    values = first_values(col)
    return InputError(Message("err_point_col_not_points", file=path, column=column, option=option, values=values))


def find_point_column(
    names: list[str], first: pa.Table | pa.RecordBatch | None, path: str | Path
) -> tuple[str, tuple[str, int | None]] | None:
    """The one column whose name says it holds points (:data:`POINT_NAMES`: as text, or WKB) and whose first
    values (in ``first``, the rows :func:`sample_rows` takes) are such points, and its kind (:func:`point_kind`);
    None when no column is; several refused, naming them."""
    if first is None:
        return None
    hits = {}
    for name in names:
        if header_key(name) in POINT_NAMES and (kind := point_kind(first.column(name))) is not None:
            hits[name] = kind
    if len(hits) > 1:
        columns = Joined(names, "comma")
        raise InputError(
            Message("err_point_cols_like", file=path, found=Joined(hits, "comma"), option=Option("point_col"),
                    columns=columns)
        )  # fmt: skip
    return next(iter(hits.items()), None)


def point_col_hint(names: list[str], first: pa.Table | pa.RecordBatch | None) -> Message | None:
    """A hint naming the text columns that may hold points (named as a column of points is, or whose first values
    are mostly lon,lat pairs or WKT points), or a binary column so named whose bytes are mostly no WKB points,
    and the option that reads one (``--point-col`` / ``point_col=``), for
    the error saying no column looks like a coordinate column; None when no column may."""
    if first is None:
        return None
    maybe = []
    for name in names:
        col = first.column(name)
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            if _undecodable(col) is not None and header_key(name) in WKT_NAMES + WKB_NAMES:
                return Message("hint_point_col_bytes", columns=repr(name), option=Option("point_col"))
            continue
        if header_key(name) in PAIR_NAMES + WKT_NAMES or point_kind(col) is not None:
            maybe.append(name)
    if not maybe:
        return None
    columns, option = Joined(maybe, "comma"), Option("point_col")
    empty = [name for name in maybe if not (~_empty(_texts(first.column(name)))).any()]
    if empty and first.num_rows >= SAMPLE_ROWS:  # (no value among the rows looked at: there may be some later)
        rows = f"{SAMPLE_ROWS:,}"
        return Message("hint_point_col_empty", columns=columns, option=option, rows=rows, empty=Joined(empty, "comma"))
    return Message("hint_point_col", columns=columns, option=option)


def point_col_crs(path: str | Path, column: str, srid: int | None, crs: Any) -> Any:
    """The CRS a column of EWKT points is read in: ``crs`` as given, else the first point's SRID
    (``EPSG:<srid>``), else None (the default). A ``crs`` given that is not that SRID's is refused; so is an SRID
    that is no EPSG code pyproj knows (0, PostGIS's unknown; a negative one), naming the file and column."""
    if srid is None:
        return crs
    if not _srid_known(srid):
        raise InputError(
            Message("err_point_col_srid_unknown", file=path, column=column, srid=srid, crs_option=Option("crs"))
        )
    declared = f"EPSG:{srid}"
    if crs is None:
        return declared
    if normalize_crs(crs) != normalize_crs(declared):
        given = crs if isinstance(crs, str) else str(crs)
        raise InputError(
            Message("err_point_col_srid", file=path, column=column, srid=srid, crs_option=Option("crs"), crs=given)
        )
    return crs


def _srid_known(srid: int) -> bool:
    """Whether an EWKT SRID names a CRS: an EPSG code pyproj knows (not 0, PostGIS's unknown, nor a negative one)."""
    if srid <= 0:
        return False
    try:
        pyproj.CRS.from_epsg(srid)
    except pyproj.exceptions.CRSError:
        return False
    return True


#: Text that is hex WKB (as PostGIS writes a geometry to CSV): a byte order (00 or 01), then a type and more.
_HEX_WKB = r"^\s*0[01](?:[0-9A-Fa-f]{2}){4,}\s*$"


def _any_wkb_xy(
    col: pa.Array | pa.ChunkedArray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The values of a column of kind ``"any"`` (:func:`given_point_kind`) read as WKB (:func:`_wkb_xy`): a binary
    column's bytes that are WKB (of any type, an empty point too; the others are read as text), a text column's
    hex WKB text (:data:`_HEX_WKB`; hex that is no WKB gets :data:`~avzone.points.NOT_WKB_POINT`); where they
    are, and their x, y, codes and SRIDs; None when there is none.

    >>> at, x, y, codes, srids = _any_wkb_xy(pa.array(["", "116.4,39.9", shapely.to_wkb(shapely.Point(1, 2), True)]))
    >>> at.tolist(), x.tolist(), codes.tolist()
    ([2], [1.0], [0])
    """
    if _is_binary(col):
        x, y, codes, srids, empty = _wkb_xy(col)
        at = np.flatnonzero(~empty & (codes != NOT_WKB_POINT))
    else:
        if (texts := _text_or_none(col)) is None:
            return None
        hexes = np.asarray(pc.fill_null(pc.match_substring_regex(texts, _HEX_WKB), False), dtype=bool)
        if not hexes.any():
            return None
        at = np.flatnonzero(hexes)
        x, y, codes, srids, _ = _wkb_xy(_without(texts, np.flatnonzero(~hexes)))
    if not at.size:
        return None
    return at, x[at], y[at], codes[at], srids[at]


def _any_wkb(col: pa.Array | pa.ChunkedArray, crs: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The values of a column of kind ``"any"`` read as WKB (:func:`_any_wkb_xy`), where they are and their x, y
    and codes read in ``crs``; None when there is none (each value then text)."""
    if (found := _any_wkb_xy(col)) is None:
        return None
    at, x, y, codes, srids = found
    return at, x, y, _other_srid(codes, srids, crs)


def _without(col: pa.Array | pa.ChunkedArray, at: np.ndarray) -> pa.Array:
    """``col`` with its values ``at`` null (read otherwise: WKB). A view type (``binary_view``, ``string_view``),
    which pyarrow's ``if_else`` does not take, becomes its large type."""
    col = _storage(col)
    if pa.types.is_binary_view(col.type) or pa.types.is_string_view(col.type):
        col = col.cast(pa.large_binary() if pa.types.is_binary_view(col.type) else pa.large_string())
    keep = np.ones(len(col), dtype=bool)
    keep[at] = False
    return pc.if_else(pa.array(keep), col, pa.nulls(len(col), col.type))


def first_point(col: pa.Array | pa.ChunkedArray) -> tuple[int, int | None] | None:
    """Where the first value of ``col`` that is a point is (a lon,lat pair, a WKT point, or a WKB point: a binary
    column's bytes, hex text, as :func:`text_points` reads a column of kind ``"any"``) and that point's SRID (None
    where it writes none); None when no value is one.

    >>> first_point(pa.array(["", "abc", "SRID=3857;POINT (1 2)", "116.4,39.9"]))
    (2, 3857)
    >>> first_point(pa.array([None, "116.4,39.9", "SRID=3857;POINT (1 2)"])), first_point(pa.array(["", "abc"]))
    ((1, None), None)
    """
    if (wkb := _any_wkb_xy(col)) is not None:  # (a binary column's WKB, hex WKB text: its first point, if first)
        at, _, _, codes, srids = wkb
        points = np.flatnonzero(codes == OK)
        text = first_point(_without(col, at))
        if points.size and (text is None or text[0] > at[points[0]]):
            srid = int(srids[points[0]])
            return int(at[points[0]]), None if srid == NO_SRID else srid
        return text
    texts = _texts(col)
    empty = _empty(texts)
    bad = _pair_xy(texts)[2]
    pairs = np.flatnonzero(~bad & ~empty)
    before = len(texts) if not pairs.size else int(pairs[0])  # (a WKT point before the first pair, if any)
    rest = np.flatnonzero(bad[:before] & ~empty[:before])
    if rest.size:
        _, _, codes, srids = _wkt_xy(texts.take(pa.array(rest)))
        if (points := np.flatnonzero(codes == OK)).size:
            srid = int(srids[points[0]])
            return int(rest[points[0]]), None if srid == NO_SRID else srid
    return (before, None) if pairs.size else None


def refuse_late_srid(path: Any, column: str, row: int, srid: int | None, crs: Any, given: Any) -> None:
    """Refuse a column of points as text with no value in its first rows (kind ``"any"``: :func:`given_point_kind`)
    whose first point (:func:`first_point`), in ``row`` (counted from 0), is written with an SRID that is not that
    of ``crs``, the CRS the column is read in (``given``, the CRS the user gave, else WGS84: chosen before that row
    was read), or that names no CRS; as :func:`point_col_crs` refuses such an SRID among the first rows, naming the
    row, and saying the CRS to give. A first point written with no SRID, or with the CRS's, passes (a later point
    with another SRID gets its row's status, :data:`~avzone.points.OTHER_SRID`, as after a first point among the
    first rows). ``path`` and ``row``: the file and its row the refusal names (a folder's part and its row there:
    :func:`avzone._parts.row_in_parts`)."""
    if srid is None:
        return
    where = {"file": path, "column": column, "srid": srid, "row": f"{row:,}", "crs_option": Option("crs")}
    if not _srid_known(srid):
        raise InputError(Message("err_point_col_srid_unknown_late", **where))
    if _epsg(crs) == srid:
        return
    if given is None:
        raise InputError(Message("err_point_col_srid_late_default", crs_given=Option("crs", f"EPSG:{srid}"), **where))
    given = given if isinstance(given, str) else str(given)
    raise InputError(Message("err_point_col_srid_late", crs=given, **where))


def _wkt_points(texts: pa.Array, crs: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y and codes of WKT or EWKT points read in ``crs``: a point whose SRID is not the CRS's code (any SRID
    where it has none) :data:`~avzone.points.OTHER_SRID`."""
    x, y, codes, srids = _wkt_xy(texts)
    return x, y, _other_srid(codes, srids, crs)


def _other_srid(codes: np.ndarray, srids: np.ndarray, crs: Any) -> np.ndarray:
    """``codes`` with each point whose (E)WKT or EWKB SRID is not the EPSG code of ``crs`` (any SRID where it has
    none) :data:`~avzone.points.OTHER_SRID`."""
    epsg = _epsg(crs)
    codes[(codes == OK) & (srids != NO_SRID) & ((srids != epsg) if epsg is not None else True)] = OTHER_SRID
    return codes


def _epsg(crs: Any) -> int | None:
    """The EPSG code of ``crs`` (None when it has none): what an EWKT point's SRID is to be."""
    c = normalize_crs(crs)
    code = pyproj.CRS.from_user_input(c).to_epsg() if not isinstance(c, str) or c.upper().startswith("EPSG") else None
    return None if code is None else int(code)


def text_points(col: pa.Array | pa.ChunkedArray, kind: str, crs: Any, name: str, srid: int | None = None) -> Points:
    """The points of one chunk of a point column of ``kind`` (``"pair"``, ``"wkt"``, ``"wkb"``: bytes, or hex
    text, :func:`_wkb_xy`; or ``"any"``: each value WKB, bytes or hex text, else a lon,lat pair, else a WKT point,
    :func:`given_point_kind`), read in ``crs``.

    An empty cell is ``missing <name>`` (a WKT column's ``no point
    geometry``, as a GeoJSON file's null geometry written to it by a CSV
    output); text that is no point of the kind (``"any"``: none, NOT_A_PAIR when it begins as a number does; in
    a binary column, whose kind its Arrow type says, any non-null value that is none, zero bytes too,
    :data:`~avzone.points.NOT_WKB_POINT`)
    :data:`~avzone.points.NOT_A_PAIR` or :data:`~avzone.points.NOT_WKT_POINT` (WKT of another
    type: its :data:`~avzone.points.WKT_TYPE_CODES`);
    an EWKT point whose SRID is not that of ``crs`` (the column's first
    point's SRID made it, when no CRS was given: :func:`point_col_crs`)
    :data:`~avzone.points.OTHER_SRID`. The statuses name the column
    (``names`` is ``(name, name)``); range and conversion as for lon/lat
    columns (:func:`avzone.points.from_columns`).

    >>> pts = text_points(pa.array(["116.5,39.79", "", "116.5 39.79"]), "pair", "EPSG:4326", "location")
    >>> pts.lon.tolist()[:1], pts.status_text().tolist()[1:]
    ([116.5], ['missing location', 'location not a lon,lat pair (such as 116.48,39.99)'])
    """
    wkb = None  # ("any": a binary column's values that are WKB, hex WKB text, read as such)
    cells = None  # ("any": a binary column's non-null cells, each of which is no point unless read as one)
    if kind == "wkb":  # (no text: the bytes, or hex text, read at once)
        x, y, codes, srids, empty = _wkb_xy(col)
        codes = _other_srid(codes, srids, crs)
        texts = None
    else:
        if kind == "any" and _is_binary(col):
            cells = ~np.asarray(_storage(col).is_null().to_numpy(zero_copy_only=False), dtype=bool)
        if kind == "any" and (wkb := _any_wkb(col, crs)) is not None:
            col = _without(col, wkb[0])
        texts = _texts(col)
        empty = _empty(texts)
    if texts is None:
        pass
    elif kind == "pair":
        x, y, bad = _pair_xy(texts)
        codes = np.where(bad, np.uint8(NOT_A_PAIR), np.uint8(OK))
    elif kind == "wkt":
        x, y, codes = _wkt_points(texts, crs)
    else:  # "any" (given_point_kind): each value a pair, else WKT
        x, y, bad = _pair_xy(texts)
        x, y, codes = x.copy(), y.copy(), np.full(len(texts), OK, dtype=np.uint8)
        if (at := np.flatnonzero(bad & ~empty)).size:
            rest = texts.take(pa.array(at))
            x[at], y[at], codes[at] = _wkt_points(rest, crs)
            # text that is no WKT either: no pair when it begins as a number does
            number = np.asarray(pc.fill_null(pc.match_substring_regex(rest, r"^\s*[-+]?[.\d]"), False), dtype=bool)
            codes[at[(codes[at] == NOT_WKT_POINT) & number]] = NOT_A_PAIR
        if wkb is not None:
            at = wkb[0]
            x[at], y[at], codes[at], empty[at] = wkb[1], wkb[2], wkb[3], False
        if cells is not None:  # (a binary column's kind is bytes: one that is no point, zero bytes too, no WKB)
            bad = cells & (empty | (codes == NOT_A_PAIR) | (codes == NOT_WKT_POINT))
            codes[bad], empty[bad] = NOT_WKB_POINT, False
    # an empty cell: a missing pair (or point); a WKT or WKB column's null geometry, as a GeoJSON or GeoParquet
    # file's is (a binary column's null too, whatever its first rows held: its Arrow type says it holds bytes)
    geometry = kind in ("wkt", "wkb") or cells is not None
    codes = np.where(empty, np.uint8(NO_POINT_GEOMETRY if geometry else MISSING * 8), codes)
    codes = codes.astype(np.uint8)
    null = codes != OK
    x, y = np.where(null, np.nan, x), np.where(null, np.nan, y)
    return from_columns(x, y, crs, x_null=null, y_null=null, point_codes=codes, names=(name, name))

"""File jobs: classify every row of a CSV, GeoJSON or (Geo)Parquet file.

Every input row and column is kept, in order; the job appends one
``in_<layer id>`` column per zone layer and a ``status`` column. A row that
cannot be classified (missing, non-numeric, non-finite or out-of-range
coordinates) keeps its place with empty ``in_*`` cells and a ``status`` that
says why. CSV and Parquet are streamed in chunks, so memory stays flat
however large the file.
"""

from __future__ import annotations

import csv
import json
import queue
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from avzone.crs import normalize_crs, to_wgs84
from avzone.errors import AvzoneError, InputError
from avzone.locate import classify_wgs84, valid_lonlat

if TYPE_CHECKING:
    from avzone.model import Model

FORMATS = {".csv": "csv", ".geojson": "geojson", ".json": "geojson", ".parquet": "parquet", ".geoparquet": "parquet"}
LON_NAMES = ("lon", "lng", "long", "longitude", "x")
LAT_NAMES = ("lat", "latitude", "y")
STATUS_OK = "ok"
DEFAULT_CHUNK_ROWS = 1_000_000


def file_format(path: Path, role: str) -> str:
    """``csv``, ``geojson`` or ``parquet`` from a file's extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: cannot tell the {role} format from the extension {path.suffix!r}; "
            f"use one of {', '.join(sorted(FORMATS))}"
        )
    return fmt


@dataclass
class Summary:
    """What a file job did: rows read, rows inside each zone, rejections by reason."""

    input: str
    output: str
    rows: int = 0
    inside: dict[str, int] = field(default_factory=dict)
    rejected: Counter = field(default_factory=Counter)
    lon_col: str | None = None
    lat_col: str | None = None

    @property
    def rejected_rows(self) -> int:
        return int(sum(self.rejected.values()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "output": self.output,
            "rows": self.rows,
            "classified": self.rows - self.rejected_rows,
            "inside": dict(self.inside),
            "rejected": self.rejected_rows,
            "rejected_by_reason": dict(self.rejected),
        }

    def text(self) -> str:
        if self.lon_col == self.lat_col:
            source = f"points from geometry column {self.lon_col!r}"
        else:
            source = f"lon column {self.lon_col!r}, lat column {self.lat_col!r}"
        lines = [f"{self.rows:,} rows read from {self.input} ({source})"]
        for z, n in self.inside.items():
            lines.append(f"  {n:,} inside {z}")
        lines.append(f"{self.rejected_rows:,} rows could not be classified")
        for reason, n in self.rejected.most_common():
            lines.append(f"  {n:,}: {reason}")
        lines.append(f"written to {self.output}")
        return "\n".join(lines)


# -- coordinates and statuses ---------------------------------------------------
# A row's status is coded as one small integer: the lon reason times 8 plus
# the lat reason, or CONVERSION_FAILED. Codes turn into text only once per
# distinct code, so a chunk of millions of rows costs a few array passes.
_NAN_WORDS = {"nan", "+nan", "-nan"}
OK, MISSING, NOT_A_NUMBER, NOT_FINITE, OUT_OF_RANGE = range(5)
CONVERSION_FAILED = 255
NO_POINT_GEOMETRY = 254
NOT_A_POINT = 253
_REASON_TEXT = {MISSING: "missing {n}", NOT_A_NUMBER: "{n} not a number", NOT_FINITE: "{n} not finite"}


def _parse(values: np.ndarray, null: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Floats and a reason code per row (OK when fine) from a column's values (vectorized)."""
    codes = np.zeros(values.shape, dtype=np.uint8)
    if values.dtype.kind in "fiu":
        num = values.astype(np.float64, copy=False)
    else:
        raw = pd.Series(values, dtype=object)
        try:
            stripped = raw.str.strip()  # NaN for values that are not strings
        except AttributeError:  # no strings at all (e.g. numbers from JSON)
            stripped = pd.Series(np.nan, index=raw.index, dtype=object)
        text = stripped.where(stripped.notna(), raw)
        empty = (text.isna() | (text == "")).to_numpy(dtype=bool)
        num = pd.to_numeric(text.where(~empty, None), errors="coerce").to_numpy(dtype=np.float64)
        null = null | empty
        unparsed = np.flatnonzero(~null & np.isnan(num))  # few rows: check them one by one
        for i in unparsed:
            v = text.iat[i]
            if not (isinstance(v, str) and v.lower() in _NAN_WORDS):
                codes[i] = NOT_A_NUMBER
    if null.any():
        num = np.where(null, np.nan, num)
        codes[null] = MISSING
    finite = np.isfinite(num)
    if not finite.all():
        codes[(codes == OK) & ~finite] = NOT_FINITE
    return num, codes


def _range_codes(num: np.ndarray, codes: np.ndarray, limit: float) -> None:
    with np.errstate(invalid="ignore"):
        out = np.abs(num) > limit
    if out.any():
        codes[out & (codes == OK)] = OUT_OF_RANGE


def status_labels(names: tuple[str, str]) -> dict[int, str]:
    """Text of every status code for columns named ``names`` (lon, lat)."""
    lon_name, lat_name = names

    def reason(code: int, name: str, limit: int) -> str:
        if code == OUT_OF_RANGE:
            return f"{name} out of range [-{limit}, {limit}]"
        return _REASON_TEXT[code].format(n=name)

    labels = {
        OK: STATUS_OK,
        CONVERSION_FAILED: "cannot be converted to WGS84",
        NO_POINT_GEOMETRY: "no point geometry",
        NOT_A_POINT: "geometry is not a Point",
    }
    for xc in range(5):
        for yc in range(5):
            if xc or yc:
                parts = ([reason(xc, lon_name, 180)] if xc else []) + ([reason(yc, lat_name, 90)] if yc else [])
                labels[xc * 8 + yc] = "; ".join(parts)
    return labels


def codes_to_text(codes: np.ndarray, labels: dict[int, str]) -> np.ndarray:
    """Status codes to an object array of their texts (one table lookup)."""
    table = np.empty(256, dtype=object)
    for code, text in labels.items():
        table[code] = text
    return table[codes]


@dataclass
class Annotated:
    """The answer for a chunk of rows: hits per zone, ok mask and status codes."""

    hits: np.ndarray  # (n, zone layers) bool; False where not ok
    ok: np.ndarray
    codes: np.ndarray  # uint8 status codes, see status_labels
    labels: dict[int, str]

    def status_text(self) -> np.ndarray:
        """The status of every row as an object array of strings."""
        return codes_to_text(self.codes, self.labels)

    def status_arrow(self) -> pa.Array:
        """The status column as an Arrow string array (built through a dictionary)."""
        present = np.flatnonzero(np.bincount(self.codes, minlength=256))
        index = np.searchsorted(present, self.codes).astype(np.int32)
        dictionary = pa.array([self.labels[int(c)] for c in present], type=pa.string())
        return pa.DictionaryArray.from_arrays(pa.array(index), dictionary).cast(pa.string())

    def rejected(self) -> Counter:
        counts = np.bincount(self.codes, minlength=256)
        return Counter({self.labels[int(c)]: int(counts[c]) for c in np.flatnonzero(counts) if c != OK})


def wgs84_coordinates(
    x_raw: np.ndarray, y_raw: np.ndarray, x_null: np.ndarray, y_null: np.ndarray, crs: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Raw column values to WGS84: (lon, lat, ok mask, status codes); NaN where not ok."""
    c = normalize_crs(crs)
    geographic = isinstance(c, str) or c.is_geographic
    x, xc = _parse(x_raw, x_null)
    y, yc = _parse(y_raw, y_null)
    if geographic:
        _range_codes(x, xc, 180)
        _range_codes(y, yc, 90)
    codes = xc * np.uint8(8) + yc
    usable = codes == OK
    if usable.all():
        lon, lat = (np.ravel(v) for v in to_wgs84(x, y, c))
    else:
        lon = np.full(x.shape, np.nan)
        lat = np.full(x.shape, np.nan)
        if usable.any():
            lx, ly = to_wgs84(x[usable], y[usable], c)
            lon[usable], lat[usable] = np.ravel(lx), np.ravel(ly)
    ok = usable & valid_lonlat(lon, lat)
    if not (ok == usable).all():
        codes[usable & ~ok] = CONVERSION_FAILED
    return lon, lat, ok, codes


def annotate_coded(
    model: Model,
    x_raw: np.ndarray,
    y_raw: np.ndarray,
    x_null: np.ndarray,
    y_null: np.ndarray,
    crs: Any,
    names: tuple[str, str] = ("lon", "lat"),
    threads: int = 1,
) -> Annotated:
    """Classify raw column values; statuses as codes (see :class:`Annotated`)."""
    lon, lat, ok, codes = wgs84_coordinates(x_raw, y_raw, x_null, y_null, crs)
    hits = classify_wgs84(model, lon, lat, threads=threads)
    return Annotated(hits=hits, ok=ok, codes=codes, labels=status_labels(names))


def swapped_check(model: Model, x: np.ndarray, y: np.ndarray, crs: Any, path: Path, cols: tuple[str, str]) -> None:
    """Refuse a file whose points make sense only with lon and lat swapped."""
    bounds = model.manifest.get("bounds")
    if not bounds or x.size == 0:
        return
    w, s, e, n = bounds

    def share_inside(a: np.ndarray, b: np.ndarray) -> float:
        with np.errstate(invalid="ignore"):
            lon, lat = (np.ravel(v) for v in to_wgs84(a, b, crs))
            good = np.isfinite(lon) & np.isfinite(lat)
            inside = good & (lon >= w) & (lon <= e) & (lat >= s) & (lat <= n)
        return float(inside.sum()) / max(int(good.sum()), 1)

    with np.errstate(invalid="ignore"):
        finite = np.isfinite(x) & np.isfinite(y)
    a, b = x[finite][:100_000], y[finite][:100_000]
    if a.size == 0:
        return
    as_given, swapped = share_inside(a, b), share_inside(b, a)
    if as_given < 0.5 and swapped >= 0.5:
        raise InputError(
            f"{path}: only {as_given:.0%} of the points fall in the dataset's area as (lon={cols[0]!r}, "
            f"lat={cols[1]!r}), but {swapped:.0%} do with the columns swapped; if the file holds "
            f"latitude in {cols[0]!r}, run again with --lon-col {cols[1]} --lat-col {cols[0]}"
        )


def detect_columns(names: list[str], lon_col: str | None, lat_col: str | None, path: Path) -> tuple[str, str]:
    """The lon and lat column names: as given, or detected when obvious."""
    for given, role in ((lon_col, "--lon-col"), (lat_col, "--lat-col")):
        if given is not None and given not in names:
            raise InputError(f"{path}: no column {given!r} (given by {role}); columns are: {', '.join(names)}")

    def find(cands: tuple[str, ...], role: str) -> str:
        hits = [c for c in names if c.strip().lower() in cands]
        if len(hits) == 1:
            return hits[0]
        why = "no column" if not hits else f"several columns ({', '.join(hits)})"
        raise InputError(
            f"{path}: {why} looks like the {role[2:5]} column; name it with {role} (columns are: {', '.join(names)})"
        )

    lon = lon_col if lon_col is not None else find(LON_NAMES, "--lon-col")
    lat = lat_col if lat_col is not None else find(LAT_NAMES, "--lat-col")
    return lon, lat


def _result_names(model: Model) -> list[str]:
    return [f"in_{z}" for z in model.zone_layers] + ["status"]


def _check_collisions(model: Model, names: list[str], path: Path) -> None:
    taken = [n for n in _result_names(model) if n in names]
    if taken:
        raise InputError(
            f"{path}: the input already has column(s) {', '.join(taken)}, which the job appends; "
            "rename them in the input first"
        )


# -- tables (CSV and Parquet) ------------------------------------------------------
def _csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        try:
            return next(csv.reader(fh))
        except StopIteration:
            raise InputError(f"{path}: the file is empty (expected a header row naming the columns)") from None


def _read_batches(path: Path, fmt: str, chunk_rows: int) -> tuple[pa.Schema, Iterator[pa.RecordBatch], int | None]:
    if fmt == "csv":
        names = _csv_header(path)
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=1 << 24, encoding="utf8"),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False
            ),
        )
        return reader.schema, iter(reader), None
    pf = pq.ParquetFile(path, pre_buffer=False)  # pre-buffering reads ahead the whole file: memory grows
    return pf.schema_arrow, pf.iter_batches(batch_size=chunk_rows), pf.metadata.num_rows


def _column_values(col: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    null = np.asarray(col.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_floating(col.type) or pa.types.is_integer(col.type):
        vals = col.cast(pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
    elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        vals = np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)
    else:
        vals = np.asarray(col.to_pylist(), dtype=object)
    return vals, null


def _result_arrays(a: Annotated) -> list[pa.Array]:
    rejected = None if a.ok.all() else ~a.ok
    arrays = [pa.array(a.hits[:, j], mask=rejected) for j in range(a.hits.shape[1])]
    arrays.append(a.status_arrow())
    return arrays


class _TableWriter:
    """Writes batches in a background thread, so encoding the output overlaps
    reading and classifying the next chunk. At most ``depth`` batches wait in
    the queue, which keeps memory bounded; a write error is raised in the
    caller's thread at the next ``write`` or at ``close``."""

    def __init__(self, path: Path, fmt: str, schema: pa.Schema, depth: int = 2):
        self.path, self.fmt = path, fmt
        if fmt == "csv":
            self._w = pacsv.CSVWriter(path, schema, write_options=pacsv.WriteOptions(quoting_style="needed"))
        else:
            self._w = pq.ParquetWriter(path, schema)
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="avzone-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            batch = self._queue.get()
            if batch is None:
                return
            if self._error is None:
                try:
                    self._w.write(batch)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, batch: pa.RecordBatch) -> None:
        self._raise()
        self._queue.put(batch)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._w.close()
        self._raise()


def _progress(total: int | None, unit: str, show: bool | None):
    from tqdm import tqdm

    enabled = sys.stderr.isatty() if show is None else show
    return tqdm(total=total, unit=unit, unit_scale=True, disable=not enabled, file=sys.stderr, desc="locate")


def geoparquet_geometry(schema: pa.Schema, src: Path) -> tuple[str, Any] | None:
    """The primary geometry column of a GeoParquet file and its declared CRS, or None.

    The CRS is a :class:`pyproj.CRS`, ``"EPSG:4326"`` when the metadata gives
    none (GeoParquet's default is OGC:CRS84, WGS84 lon/lat), or ``None`` when
    it is declared unknown (``"crs": null``).
    """
    raw = (schema.metadata or {}).get(b"geo")
    if raw is None:
        return None
    try:
        geo = json.loads(raw)
        column = geo["primary_column"]
        info = geo.get("columns", {}).get(column, {})
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(f"{src}: the GeoParquet 'geo' metadata cannot be read (no primary_column)") from None
    if column not in schema.names:
        raise InputError(f"{src}: the GeoParquet primary column {column!r} is not in the file")
    encoding = str(info.get("encoding", "WKB"))
    if encoding.upper() != "WKB":
        raise InputError(f"{src}: geometry encoding {encoding!r} is not supported (WKB is); give --lon-col/--lat-col")
    if "crs" not in info:
        return column, "EPSG:4326"
    if info["crs"] is None:
        return column, None
    import pyproj

    try:
        declared = info["crs"]
        return column, pyproj.CRS.from_json_dict(declared) if isinstance(declared, dict) else pyproj.CRS(declared)
    except pyproj.exceptions.CRSError as exc:
        raise InputError(f"{src}: the GeoParquet CRS of {column!r} cannot be read ({exc})") from None


def _geometry_crs(declared: Any, given: Any, src: Path, column: str) -> Any:
    """The CRS to read a GeoParquet geometry in: the file's, unless the user's says otherwise."""
    if given is None:
        if declared is None:
            raise InputError(f"{src}: the CRS of geometry column {column!r} is declared unknown; give it with --crs")
        return declared
    if declared is not None and normalize_crs(declared) != normalize_crs(given):
        raise InputError(
            f"{src}: --crs {given} contradicts the file's declared CRS for {column!r} "
            f"({normalize_crs(declared)}); leave --crs out to use the file's"
        )
    return given


def _point_values(col: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, y of WKB points (NaN elsewhere), and masks of rows with no geometry and non-point geometry."""
    wkb = np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)
    geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    type_id = shapely.get_type_id(geoms)
    missing = (type_id < 0) | shapely.is_empty(geoms)
    not_point = ~missing & (type_id != 0)
    x = np.where(type_id == 0, shapely.get_x(geoms), np.nan)
    y = np.where(type_id == 0, shapely.get_y(geoms), np.nan)
    return x, y, missing, not_point


def locate_table_file(
    model: Model,
    src: Path,
    dst: Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    threads: int = 1,
    progress: bool | None = None,
) -> Summary:
    """Stream a CSV or (Geo)Parquet file through the classifier into a CSV or Parquet file.

    A GeoParquet file is read from its primary geometry column (WKB points)
    in its declared CRS, unless ``lon_col``/``lat_col`` name columns; other
    files from their lon/lat columns, in ``crs`` (default WGS84).
    """
    src_fmt, dst_fmt = file_format(src, "input"), file_format(dst, "output")
    if dst_fmt == "geojson":
        raise InputError(f"{dst}: a {src_fmt} input is written as .csv or .parquet, not GeoJSON")
    schema, batches, total = _read_batches(src, src_fmt, chunk_rows)
    names = list(schema.names)
    geometry = None
    if src_fmt == "parquet" and lon_col is None and lat_col is None:
        geometry = geoparquet_geometry(schema, src)
    if geometry is not None:
        lon_name = lat_name = geometry[0]
        crs = _geometry_crs(geometry[1], crs, src, geometry[0])
    else:
        lon_name, lat_name = detect_columns(names, lon_col, lat_col, src)
        crs = "EPSG:4326" if crs is None else crs
    _check_collisions(model, names, src)
    out_fields = [pa.field(f"in_{z}", pa.bool_()) for z in model.zone_layers] + [pa.field("status", pa.string())]
    out_schema = pa.schema(list(schema) + out_fields, metadata=schema.metadata)
    summary = Summary(str(src), str(dst), inside={z: 0 for z in model.zone_layers}, lon_col=lon_name, lat_col=lat_name)
    writer = None
    first = True
    bar = _progress(total, "rows", progress)
    try:
        for batch in batches:
            if batch.num_rows == 0:
                continue
            if geometry is not None:
                xv, yv, no_point, not_point = _point_values(batch.column(lon_name))
                a = annotate_coded(model, xv, yv, no_point | not_point, no_point | not_point, crs, ("x", "y"), threads)
                a.codes[no_point] = NO_POINT_GEOMETRY
                a.codes[not_point] = NOT_A_POINT
                xn = yn = no_point | not_point
            else:
                xv, xn = _column_values(batch.column(lon_name))
                yv, yn = _column_values(batch.column(lat_name))
                a = annotate_coded(model, xv, yv, xn, yn, crs, (lon_name, lat_name), threads)
            if first:
                xs, _ = _parse(xv[:100_000], xn[:100_000])
                ys, _ = _parse(yv[:100_000], yn[:100_000])
                swapped_check(model, xs, ys, crs, src, (lon_name, lat_name))
                writer = _TableWriter(dst, dst_fmt, out_schema)
                first = False
            out = pa.RecordBatch.from_arrays(list(batch.columns) + _result_arrays(a), schema=out_schema)
            writer.write(out)
            summary.rows += batch.num_rows
            inside = a.hits.sum(axis=0)  # hits are False wherever a row is not ok
            for j, z in enumerate(model.zone_layers):
                summary.inside[z] += int(inside[j])
            summary.rejected.update(a.rejected())
            bar.update(batch.num_rows)
        if writer is None:  # header only, no rows
            writer = _TableWriter(dst, dst_fmt, out_schema)
    except pa.ArrowInvalid as exc:
        raise InputError(f"{src}: cannot read the file ({exc})") from None
    finally:
        bar.close()
        if writer is not None:
            writer.close()
    return summary


# -- GeoJSON ------------------------------------------------------------------------
def locate_geojson_file(
    model: Model,
    src: Path,
    dst: Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    threads: int = 1,
) -> Summary:
    """Classify the points of a GeoJSON FeatureCollection (or lon/lat properties)."""
    if file_format(dst, "output") != "geojson":
        raise InputError(f"{dst}: a GeoJSON input is written as GeoJSON (.geojson or .json)")
    crs = "EPSG:4326" if crs is None else crs  # RFC 7946: GeoJSON is WGS84
    try:
        doc = json.loads(src.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{src}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError(f"{src}: expected a GeoJSON FeatureCollection with a 'features' list")
    feats = doc["features"]
    n = len(feats)
    props_list = [(f.get("properties") or {}) if isinstance(f, dict) else {} for f in feats]
    names = sorted({k for p in props_list for k in p})
    _check_collisions(model, names, src)
    use_props = lon_col is not None or lat_col is not None
    xv = np.empty(n, dtype=object)
    yv = np.empty(n, dtype=object)
    geom_reason = np.full(n, "", dtype=object)
    if use_props:
        lon_name, lat_name = detect_columns(names, lon_col, lat_col, src)
        for i, p in enumerate(props_list):
            xv[i], yv[i] = p.get(lon_name), p.get(lat_name)
    else:
        lon_name, lat_name = "lon", "lat"
        for i, f in enumerate(feats):
            g = f.get("geometry") if isinstance(f, dict) else None
            coords = g.get("coordinates") if isinstance(g, dict) else None
            if not isinstance(g, dict) or g.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
                gtype = g.get("type") if isinstance(g, dict) else None
                geom_reason[i] = (
                    "no point geometry" if gtype in (None, "Point") else f"geometry is a {gtype}, not a Point"
                )
                xv[i] = yv[i] = None
            else:
                xv[i], yv[i] = coords[0], coords[1]
    xn = np.array([v is None for v in xv], dtype=bool)
    yn = np.array([v is None for v in yv], dtype=bool)
    a = annotate_coded(model, xv, yv, xn, yn, crs, (lon_name, lat_name), threads)
    hits, ok, status = a.hits, a.ok, a.status_text()
    has_geom_reason = geom_reason != ""
    status[has_geom_reason] = geom_reason[has_geom_reason]
    ok &= ~has_geom_reason
    summary = Summary(str(src), str(dst), rows=n, inside={}, lon_col=lon_name, lat_col=lat_name)
    for j, z in enumerate(model.zone_layers):
        summary.inside[z] = int(hits[ok, j].sum())
    summary.rejected.update(status[~ok].tolist())
    out_feats = []
    for i, f in enumerate(feats):
        f = dict(f) if isinstance(f, dict) else {"type": "Feature", "geometry": None}
        props = dict(props_list[i])
        for j, z in enumerate(model.zone_layers):
            props[f"in_{z}"] = bool(hits[i, j]) if ok[i] else None
        props["status"] = str(status[i])
        f["properties"] = props
        out_feats.append(f)
    out = dict(doc)
    out["features"] = out_feats
    dst.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return summary


def locate_file(model: Model, src: str | Path, dst: str | Path, **options: Any) -> Summary:
    """Classify every row of ``src`` and write ``dst`` (formats from the extensions).

    Options: ``lon_col``, ``lat_col``, ``crs``, ``threads`` and, for CSV and
    Parquet, ``chunk_rows`` and ``progress``. Raises :class:`InputError`
    naming the file, column or row and what would be right.
    """
    src, dst = Path(src), Path(dst)
    fmt = file_format(src, "input")
    if not src.is_file():
        raise InputError(f"{src}: no such file")
    if src.stat().st_size == 0:
        raise InputError(f"{src}: the file is empty")
    if src.resolve() == dst.resolve():
        raise InputError(f"{dst}: the output must not overwrite the input")
    try:
        if fmt == "geojson":
            options.pop("chunk_rows", None)
            options.pop("progress", None)
            return locate_geojson_file(model, src, dst, **options)
        return locate_table_file(model, src, dst, **options)
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(f"{src}: cannot read the file ({exc})") from None


def read_points(
    src: str | Path, *, lon_col: str | None = None, lat_col: str | None = None, crs: Any = None
) -> pd.DataFrame:
    """Read the points of a CSV, GeoJSON or (Geo)Parquet file as WGS84 ``lon``/``lat`` columns.

    ``crs`` defaults to a GeoParquet file's declared CRS, else WGS84.

    Rows whose coordinates cannot be used are kept with NaN and a ``status``
    saying why, exactly as the file job reports them.
    """
    src = Path(src)
    fmt = file_format(src, "input")
    if not src.is_file():
        raise InputError(f"{src}: no such file")
    if fmt == "geojson":
        doc = json.loads(src.read_text(encoding="utf-8"))
        feats = doc.get("features", []) if isinstance(doc, dict) else []
        xs, ys = [], []
        for f in feats:
            g = (f or {}).get("geometry") or {}
            c = g.get("coordinates") if g.get("type") == "Point" else None
            xs.append(c[0] if c else None)
            ys.append(c[1] if c else None)
        xv, yv = np.array(xs, dtype=object), np.array(ys, dtype=object)
        xn = np.array([v is None for v in xs], dtype=bool)
        yn = np.array([v is None for v in ys], dtype=bool)
        names = ("lon", "lat")
    else:
        if fmt == "csv":
            header = _csv_header(src)
            lon, lat = detect_columns(header, lon_col, lat_col, src)
            table = pacsv.read_csv(
                src,
                convert_options=pacsv.ConvertOptions(
                    include_columns=[lon, lat],
                    column_types={lon: pa.string(), lat: pa.string()},
                    strings_can_be_null=False,
                ),
            )
        else:
            schema = pq.read_schema(src)
            geometry = geoparquet_geometry(schema, src) if lon_col is None and lat_col is None else None
            if geometry is not None:
                column, declared = geometry
                crs = _geometry_crs(declared, crs, src, column)
                xv, yv, no_point, not_point = _point_values(
                    pq.read_table(src, columns=[column]).column(0).combine_chunks()
                )
                lon, lat, _, codes = wgs84_coordinates(xv, yv, no_point | not_point, no_point | not_point, crs)
                codes[no_point], codes[not_point] = NO_POINT_GEOMETRY, NOT_A_POINT
                status = codes_to_text(codes, status_labels(("x", "y")))
                return pd.DataFrame({"lon": lon, "lat": lat, "status": status})
            lon, lat = detect_columns(schema.names, lon_col, lat_col, src)
            table = pq.read_table(src, columns=[lon, lat])
        xv, xn = _column_values(table.column(lon).combine_chunks())
        yv, yn = _column_values(table.column(lat).combine_chunks())
        names = (lon, lat)
    crs = "EPSG:4326" if crs is None else crs
    lon, lat, _, codes = wgs84_coordinates(xv, yv, xn, yn, crs)
    status = codes_to_text(codes, status_labels(names))
    return pd.DataFrame({"lon": lon, "lat": lat, "status": status})

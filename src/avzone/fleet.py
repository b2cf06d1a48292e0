"""Synthetic fleets for tests, the notebook and the benchmark, and the T-Drive reader.

:func:`synthetic_fleet` makes GPS fixes of vehicles that either drive back
and forth along the dataset's routes or wander across the zone edges (a
correlated random walk starting on a zone's boundary), with GPS noise, gaps
in the reporting and optionally GCJ-02 coordinates (what an Amap-based app
would log). Everything is vectorized with numpy, so ten million fixes take
seconds; the same ``seed`` gives the same fleet.

:func:`read_tdrive` reads Microsoft Research's T-Drive taxi traces (one text
file per taxi, lines ``taxi id,date time,longitude,latitude``, e.g.
``1,2008-02-02 15:36:08,116.51172,39.92123``); :func:`write_tdrive` writes a
fleet in that layout (for tests and for trying the reader without the data).
T-Drive does not state its coordinate system: the reader returns the numbers
as written, and ``model.events(..., crs=...)`` takes the CRS you decide on.
"""

from __future__ import annotations

import codecs
import math
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import shapely

from avzone import _tables, zonetime
from avzone._tdrive import tdrive_shaped as tdrive_shaped  # (public here: fleet reads T-Drive)
from avzone.crs import WGS84, _names_own_crs, normalize_crs, wgs84_to_gcj02
from avzone.errors import InputError
from avzone.i18n import Joined, Message

if TYPE_CHECKING:
    import polars as pl  # (for the type checker only: polars stays optional)

    from avzone._tables import ArrowTableLike
    from avzone.batch import Chunk, Source
    from avzone.model import Model

TDRIVE_COLUMNS = ["vehicle", "ts", "lon", "lat"]


def synthetic_fleet(
    model: Model,
    vehicles: int = 20,
    fixes: int = 200,
    *,
    interval_s: float = 15.0,
    start: str = "2024-07-01 08:00",
    route_share: float = 0.3,
    speed_mps: tuple[float, float] = (6.0, 16.0),
    noise_m: float = 5.0,
    gap_probability: float = 0.002,
    gap_s: tuple[float, float] = (900.0, 3600.0),
    zone: str = "current",
    gcj02: bool = False,
    seed: int = 0,
) -> pd.DataFrame:
    """GPS fixes of a synthetic fleet: ``vehicle``, ``ts`` (naive Beijing time), ``lon``, ``lat``.

    Parameters
    ----------
    model : Model
    vehicles, fixes : int
        Number of vehicles and fixes per vehicle.
    interval_s : float
        Mean time between fixes (each interval drawn from 0.5 to 1.5 times it).
    start : str
        Time of the first fixes (naive: Beijing time; one with a time zone
        or offset is that instant, its Beijing time written), read as every
        time is (:func:`avzone.zonetime.to_ns`).
    route_share : float
        Share of the vehicles that drive back and forth along a route of
        the dataset (the others wander across the edge of ``zone``); each
        vehicle is drawn with this chance, and none drives a route when
        the dataset has no routes layer.
    speed_mps : (float, float)
        Range of the vehicles' speeds, metres per second.
    noise_m : float
        Standard deviation of the GPS noise, metres (each axis).
    gap_probability, gap_s : float, (float, float)
        Chance that a fix comes after a reporting gap, and the gap's range
        of durations (the vehicle keeps moving meanwhile).
    zone : str
        The zone layer whose edge the wandering vehicles start on.
    gcj02 : bool
        Give the coordinates in GCJ-02 (``df.attrs["crs"]`` says which CRS;
        pass it on, ``model.events(df, crs=df.attrs["crs"])``: without a
        ``crs``, ``model.events``, ``model.classify``, ``split_tracks`` and
        the map refuse a frame whose ``attrs["crs"]`` is not WGS84, rather
        than take it as WGS84, a few hundred metres off, or guess that the
        coordinates were not converted since: :func:`avzone.points.refuse_attrs_crs`).
    seed : int

    Returns
    -------
    pandas.DataFrame
        ``vehicles * fixes`` rows, sorted by vehicle and time; vehicle ids
        are ``"v0000"``, ``"v0001"``, ...

    Raises
    ------
    InputError
        Naming a setting it cannot draw from: a count that is not a
        whole number >= 0, an ``interval_s`` not above 0, a negative
        ``noise_m``, a ``gap_probability`` or ``route_share`` outside
        0..1, a range whose low end is above its high end or below 0, a
        ``start`` that is no time (missing, a number, text that is no date).

    Examples
    --------
    >>> import avzone
    >>> fleet = synthetic_fleet(avzone.load(), vehicles=3, fixes=4, seed=1)
    >>> fleet.shape, list(fleet.columns), fleet.attrs["crs"]
    ((12, 4), ['vehicle', 'ts', 'lon', 'lat'], 'EPSG:4326')
    """
    for name, count in (("vehicles", vehicles), ("fixes", fixes)):
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
            raise InputError(Message("err_fleet_count", name=name, value=count))
    _check_settings(interval_s, noise_m, gap_probability, speed_mps, gap_s, route_share)
    first = _start_ns(start)
    rng = np.random.default_rng(seed)
    n = vehicles * fixes
    dt = interval_s * rng.uniform(0.5, 1.5, size=(vehicles, fixes))
    dt[:, :1] = 0.0  # (no fix at all: nothing to set)
    gaps = rng.random((vehicles, fixes)) < gap_probability
    gaps[:, :1] = False
    dt[gaps] += rng.uniform(gap_s[0], gap_s[1], size=int(gaps.sum()))
    t = np.round(np.cumsum(dt, axis=1), 3)  # seconds since start, per vehicle (GPS logs: whole milliseconds)
    speed = rng.uniform(speed_mps[0], speed_mps[1], size=(vehicles, 1))
    on_route = rng.random(vehicles) < route_share
    lon = np.empty((vehicles, fixes))
    lat = np.empty((vehicles, fixes))
    lines = _routes(model)
    if not lines:
        on_route[:] = False
    walkers = np.flatnonzero(~on_route)
    if walkers.size:
        lon[walkers], lat[walkers] = _walks(model, zone, t[walkers], speed[walkers], rng)
    drivers = np.flatnonzero(on_route)
    if drivers.size:
        lon[drivers], lat[drivers] = _along_routes(lines, t[drivers], speed[drivers], rng)
    if noise_m > 0:
        lat += rng.normal(0.0, noise_m, size=lat.shape) / _metres_per_degree(lat)[0]
        lon += rng.normal(0.0, noise_m, size=lon.shape) / _metres_per_degree(lat)[1]
    lon_f, lat_f = lon.ravel(), lat.ravel()
    crs = "EPSG:4326"
    if gcj02:
        lon_f, lat_f = (np.asarray(v, dtype=float) for v in wgs84_to_gcj02(lon_f, lat_f))
        crs = "gcj02"
    ms = np.rint(t.ravel() * 1e3).astype(np.int64)  # (whole milliseconds: a cast of t * 1e9 would truncate)
    # the naive times are Beijing's clock: the start's instant read as avzone reads every time, then that clock
    ts = np.datetime64(first + zonetime.BEIJING_OFFSET_NS, "ns") + (ms * 1_000_000).astype("timedelta64[ns]")
    width = max(4, len(str(max(vehicles - 1, 0))))
    ids = np.array([f"v{i:0{width}d}" for i in range(vehicles)], dtype=object)
    df = pd.DataFrame({"vehicle": np.repeat(ids, fixes), "ts": ts, "lon": lon_f, "lat": lat_f})
    df.attrs["crs"] = crs
    assert len(df) == n
    return df


def _check_settings(
    interval_s: float,
    noise_m: float,
    gap_probability: float,
    speed_mps: tuple[float, float],
    gap_s: tuple[float, float],
    route_share: float = 0.0,
) -> None:
    """Refuse settings :func:`synthetic_fleet` cannot draw from, naming them (times run forward, ranges low-high)."""
    checks = (
        ("interval_s", interval_s, "fleet_seconds", lambda v: 0 < v < math.inf),
        ("noise_m", noise_m, "fleet_metres", lambda v: 0 <= v < math.inf),
        ("gap_probability", gap_probability, "fleet_probability", lambda v: 0 <= v <= 1),
        ("route_share", route_share, "fleet_share", lambda v: 0 <= v <= 1),
        ("speed_mps", speed_mps, "fleet_range", _range_ok),
        ("gap_s", gap_s, "fleet_range", _range_ok),
    )
    for name, value, what, ok in checks:
        try:
            good = bool(ok(value))
        except (TypeError, ValueError):
            good = False
        if not good:
            raise InputError(Message("err_fleet_setting", name=name, what=Message(what), value=value))


def _start_ns(start: Any) -> int:
    """The instant of ``start`` (ns since the epoch, UTC), read as :func:`avzone.zonetime.to_ns` reads every time
    (naive: Beijing time); one that is no time (missing, a number, text that is no date) is refused by name."""
    ns, codes = zonetime.to_ns(pd.Series([start], dtype=object), None, name="start")
    if codes[0] != zonetime.TIME_OK:
        raise InputError(Message("err_fleet_start", value=start, reason=Message(zonetime.TIME_KEYS[int(codes[0])])))
    return int(ns[0])


def _range_ok(value: Any) -> bool:
    low, high = (float(v) for v in value)
    return 0 <= low <= high < math.inf


def _routes(model: Model) -> list[shapely.LineString]:
    out = []
    for lid in model.layers:
        if model.layer_info(lid).kind != "routes":
            continue
        for g in model.layer(lid).geometry:
            if g is None or g.is_empty:
                continue
            out.extend(list(g.geoms) if hasattr(g, "geoms") else [g])
    return [g for g in out if isinstance(g, shapely.LineString)]


def _walks(
    model: Model, zone: str, t: np.ndarray, speed: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Correlated random walks starting on ``zone``'s boundary (heading changes a little at each fix).

    Each step is ``speed`` times its seconds in metres on the WGS84 ellipsoid (its radii of curvature at the
    step's latitude), so the distance between two fixes is the vehicle's speed times their interval.
    """
    boundary: Any = model.layer_geometry(zone).boundary
    v = t.shape[0]
    starts = shapely.line_interpolate_point(boundary, rng.random(v), normalized=True)
    lon0 = np.asarray(shapely.get_x(starts), dtype=float)
    lat0 = np.asarray(shapely.get_y(starts), dtype=float)
    heading = rng.uniform(0, 2 * math.pi, size=(v, 1)) + np.cumsum(rng.normal(0, 0.25, size=t.shape), axis=1)
    step = np.diff(t, axis=1, prepend=0.0) * speed  # metres
    dlat = step * np.cos(heading) / _metres_per_degree(lat0)[0][:, None]  # (a walk spans a fraction of a degree)
    lat = lat0[:, None] + np.cumsum(dlat, axis=1)
    lon = lon0[:, None] + np.cumsum(step * np.sin(heading) / _metres_per_degree(lat - dlat / 2)[1], axis=1)
    return lon, lat


def _metres_per_degree(lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Metres per degree of latitude and of longitude at ``lat`` on the WGS84 ellipsoid (its radii of curvature)."""
    a, e2 = 6_378_137.0, 0.00669437999014
    phi = np.radians(lat)
    w = np.sqrt(1.0 - e2 * np.sin(phi) ** 2)
    return a * (1.0 - e2) / w**3 * (math.pi / 180), a / w * np.cos(phi) * (math.pi / 180)


def _along_routes(
    lines: list[shapely.LineString], t: np.ndarray, speed: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Back and forth along a random route each, at constant speed (metres along the route's geodesic edges)."""
    from avzone.geodesy import GEOD

    v = t.shape[0]
    pick = rng.integers(0, len(lines), size=v)
    offset = rng.random((v, 1))
    lon, lat = np.empty(t.shape), np.empty(t.shape)
    for i, line in enumerate(lines):
        rows = np.flatnonzero(pick == i)
        if not rows.size:
            continue
        xy = np.asarray(line.coords, dtype=float)[:, :2]
        along = np.concatenate(([0.0], np.cumsum(GEOD.inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])[2])))
        travelled = offset[rows] + t[rows] * speed[rows] / along[-1]
        metres = np.abs(((travelled + 1.0) % 2.0) - 1.0) * along[-1]  # ping-pong in [0, length]
        # (each edge drawn at its own metres per degree: a share of an edge's metres is that share of its degrees)
        lon[rows], lat[rows] = np.interp(metres, along, xy[:, 0]), np.interp(metres, along, xy[:, 1])
    return lon, lat


# -- T-Drive --------------------------------------------------------------------------
#: The bytes of a file that pyarrow's CSV parser reads (printable ASCII, tabs, line ends): any other byte
#: sends the file to the line-by-line reader, whose rules (``str.splitlines``, ``str.strip``) are the reference.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r"
#: A coordinate that pyarrow's cast and ``pandas.to_numeric`` read to the same float (at most 15 digits and
#: 11 decimals: one exact rounding in both), and to an integer alike when it has no decimal point.
_PLAIN_NUMBER = r"^-?[0-9]{1,4}(\.[0-9]{1,11})?$"
#: One file's rows: the four fields as text (stripped of the whitespace around them) and the 1-based line number.
#: The id and the time are large strings, what pandas' text columns hold (read_tdrive hands them over as they are).
_FIELDS = pa.schema(
    [("vehicle", pa.large_string()), ("ts", pa.large_string()), ("lon", pa.string()), ("lat", pa.string())]
)
_FILE_SCHEMA = _FIELDS.append(pa.field("line", pa.int64()))
_CSV_READ = pacsv.ReadOptions(column_names=TDRIVE_COLUMNS, use_threads=False)
_CSV_PARSE = pacsv.ParseOptions(quote_char=False, escape_char=False, newlines_in_values=False, ignore_empty_lines=True)
_CSV_CONVERT = pacsv.ConvertOptions(column_types=dict(zip(_FIELDS.names, _FIELDS.types)), strings_can_be_null=False)


def read_tdrive(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> pd.DataFrame:
    """Read T-Drive taxi files (a folder of ``*.txt``, one file, or a list of files).

    Returns ``vehicle``, ``ts``, ``lon``, ``lat`` plus ``file`` and ``line``
    (1-based) so every fix can be traced back; ``ts`` stays as written
    (text: :func:`avzone.events.events` parses it, naive = Beijing time, and
    gives unparseable ones a status) and ``lon``/``lat`` are the numbers as
    written (a row that is not a number keeps its text; the events job gives
    it a status).

    The folder's files are read in the order of their taxi ids (``2.txt``
    before ``10.txt``). Each line is split at its commas and each field
    stripped of the whitespace around it; a blank line is skipped but
    counted, so ``line`` is the line in the file. ``vehicle`` and ``ts`` are
    text; ``lon`` and ``lat`` are what ``pandas.to_numeric`` makes of them:
    floats (integers when every value is one), or objects (the numbers, and
    the text of the others) when a value is not a number; ``file`` is a
    categorical of the paths (one per file, not one string per row);
    ``line`` is int64. Files of plain ASCII text
    (every T-Drive file) are parsed by pyarrow's CSV reader, many files per
    call; any other file line by line (``str.splitlines``, numbered as
    editors number the lines, and ``str.strip``), with the same result.

    Raises
    ------
    InputError
        When a path does not exist, a folder has no ``.txt`` files (or is
        among a list of files; a list is of files, and not empty), a file
        is not UTF-8 text, or a line does not have four comma-separated
        fields (naming file and line).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> lines = ["1,2008-02-02 15:36:08,116.51172,39.92123", "", "1,2008-02-02 15:46:08,0,0"]
    >>> _ = Path(folder, "1.txt").write_text("\\n".join(lines) + "\\n")
    >>> df = read_tdrive(folder)
    >>> df[["vehicle", "lon", "line"]].values.tolist()
    [['1', 116.51172, 1], ['1', 0.0, 3]]
    """
    files = _tdrive_files(paths)
    names = list(dict.fromkeys(str(f) for f in files))
    code = {name: i for i, name in enumerate(names)}
    tables: list[pa.Table] = []
    codes: list[np.ndarray] = []
    for batch in _tdrive_batches(files):
        if batch.table.num_rows:
            tables.append(batch.table)
            codes.append(np.repeat(np.array([code[str(f)] for f in batch.files], dtype=np.int32), batch.counts))
    table = pa.concat_tables(tables) if tables else _FILE_SCHEMA.empty_table()
    del tables
    columns: dict[str, Any] = {}
    for c in TDRIVE_COLUMNS:  # column by column, each freed once converted: the peak is the frame plus one column
        columns[c] = _numbers(table.column(c)) if c in ("lon", "lat") else _text(table.column(c))
        table = table.drop_columns([c])
    categories = pd.Index(names, dtype=_text(pa.array([], pa.string())).dtype)
    columns["file"] = pd.Categorical.from_codes(np.concatenate(codes) if codes else np.zeros(0, np.int32), categories)
    columns["line"] = _writable(table.column("line"), pa.int64())
    return pd.DataFrame(columns, copy=False)


def _text(col: pa.ChunkedArray | pa.Array) -> pd.Series:
    """Arrow text as pandas' default text column (``str``, or object on an older pandas)."""
    return col.to_pandas()


def _numbers(col: pa.ChunkedArray) -> pd.Series:
    """A coordinate column as ``pandas.to_numeric`` reads it, the text of a value that is not a number kept.

    Plain decimals (every value of a T-Drive file) are cast in Arrow, which
    gives the same numbers (:data:`_PLAIN_NUMBER`); other text goes through
    ``pandas.to_numeric``. An empty column is float.
    """
    if len(col) == 0:
        return pd.Series(np.zeros(0))
    if _plain_numbers(col):
        dotted = pc.any(pc.match_substring(col, ".")).as_py()
        return pd.Series(_writable(col, pa.float64() if dotted else pa.int64()), copy=False)
    text = _text(col)
    num = pd.to_numeric(text, errors="coerce")
    return num.astype(object).where(num.notna(), text) if num.isna().any() else num


def _writable(col: pa.ChunkedArray, to: pa.DataType) -> np.ndarray:
    """A column cast to ``to`` as one writable numpy array, chunk by chunk (Arrow's own arrays are read-only)."""
    out = np.empty(len(col), dtype=to.to_pandas_dtype())
    start = 0
    for chunk in col.chunks:
        out[start : start + len(chunk)] = pc.cast(chunk, to).to_numpy()
        start += len(chunk)
    return out


def _plain_numbers(col: pa.ChunkedArray | pa.Array) -> bool:
    """Whether every value of a text column is a plain decimal (:data:`_PLAIN_NUMBER`)."""
    return bool(pc.all(pc.match_substring_regex(col, _PLAIN_NUMBER)).as_py())


def _stripped(table: pa.Table) -> pa.Table:
    """Parsed fields without the spaces and tabs around them (an Arrow pass: cheaper than looking for them)."""
    fields = [pc.ascii_trim_whitespace(table.column(c)) for c in TDRIVE_COLUMNS]
    return pa.Table.from_arrays([*fields, table.column("line")], schema=_FILE_SCHEMA)


#: Plain files are parsed together, this many bytes at a time (one parser call per file would cost more than
#: the parsing itself: T-Drive files are small).
_BATCH_BYTES = 4 << 20


class _Batch(NamedTuple):
    """Files read together: their paths, their rows (:data:`_FILE_SCHEMA`) file after file, and how many each."""

    files: list[Path]
    table: pa.Table
    counts: list[int]


def _tdrive_batches(files: list[Path]) -> Iterator[_Batch]:
    """The files' rows, in order: plain ASCII text parsed by pyarrow many files per call, other files line by line."""
    batch: list[tuple[Path, bytes]] = []
    size = 0
    for f in files:
        data = f.read_bytes()
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        if not _plain(data):
            yield from _parsed_batch(batch)
            batch, size = [], 0
            table = _parsed_by_line(f, data)
            yield _Batch([f], table, [table.num_rows])
            continue
        batch.append((f, data))
        size += len(data)
        if size >= _BATCH_BYTES:
            yield from _parsed_batch(batch)
            batch, size = [], 0
    yield from _parsed_batch(batch)


def _plain(data: bytes) -> bool:
    """Whether pyarrow's CSV parser reads ``data`` as the line-by-line rules would: only printable ASCII, tabs and
    line ends (``\\n``, ``\\r\\n``)."""
    if data.translate(None, _PLAIN_BYTES):
        return False
    return b"\r" not in data or data.count(b"\r") == data.count(b"\r\n")


def _parsed_batch(batch: list[tuple[Path, bytes]]) -> Iterator[_Batch]:
    """Plain files' rows, parsed in one pyarrow call; file by file when pyarrow refuses a line.

    The line numbers are counted here: each file's lines 1 to n when the
    parser gave a row per line, else (empty lines, which it skips) from
    the line ends (:func:`_line_numbers`). A line the parser refuses (other
    than four fields, only spaces) sends every file of the batch through
    :func:`_parsed_one`, which names the line or skips the blank one.
    """
    if not batch:
        return
    files = [f for f, _ in batch]
    table = _csv_rows(b"".join(data if data.endswith(b"\n") or not data else data + b"\n" for _, data in batch))
    if table is not None:
        lines = np.array([data.count(b"\n") + (bool(data) and not data.endswith(b"\n")) for _, data in batch])
        if table.num_rows == lines.sum():  # a row per line: no empty line
            first = np.repeat(np.cumsum(lines) - lines, lines)
            numbers = np.arange(1, table.num_rows + 1, dtype=np.int64) - first
            yield _Batch(files, _stripped(table.append_column("line", pa.array(numbers))), lines.tolist())
            return
        per_file = [_line_numbers(data) for _, data in batch]
        if table.num_rows == sum(n.size for n in per_file):
            numbers = np.concatenate(per_file)
            yield _Batch(files, _stripped(table.append_column("line", pa.array(numbers))), [n.size for n in per_file])
            return
    for f, data in batch:
        one = _parsed_one(f, data)
        yield _Batch([f], one, [one.num_rows])


def _csv_rows(data: bytes) -> pa.Table | None:
    """Lines ``taxi id,date time,longitude,latitude`` through pyarrow (empty lines skipped); None if one is not."""
    if not data:
        return _FIELDS.empty_table()
    try:
        return pacsv.read_csv(
            pa.py_buffer(data), read_options=_CSV_READ, parse_options=_CSV_PARSE, convert_options=_CSV_CONVERT
        )
    except pa.ArrowInvalid:
        return None


def _line_numbers(data: bytes) -> np.ndarray:
    """The 1-based numbers of the lines of ``data`` that are not empty (``\\n`` or ``\\r\\n`` alone)."""
    buf = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], breaks + 1))
    stops = np.concatenate((breaks, [buf.size]))
    if data.endswith(b"\n") or not data:  # no line after the last line end
        starts, stops = starts[:-1], stops[:-1]
    length = stops - starts
    length[(length > 0) & (buf[np.maximum(stops - 1, 0)] == 13)] -= 1
    return (np.flatnonzero(length > 0) + 1).astype(np.int64)


def _parsed_one(path: Path, data: bytes) -> pa.Table:
    """One plain file's rows through pyarrow; line by line when pyarrow refuses a line or miscounts."""
    table = _csv_rows(data)
    lines = _line_numbers(data)
    if table is None or table.num_rows != lines.size:
        return _parsed_by_line(path, data)
    return _stripped(table.append_column("line", pa.array(lines)))


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """``text``'s lines (``str.splitlines``) with the number of the line an editor shows each on.

    ``str.splitlines`` also ends a line at a form feed, a vertical tab,
    U+2028 and the like (rows separated so are read as rows), but editors
    and ``grep -n`` count only ``\r\n``, ``\n`` and ``\r``: a row after
    such a character is on the line of the row before it, and the rows
    after it keep the numbers an editor gives them.
    """
    number = 1
    for piece in text.splitlines(keepends=True):
        yield number, piece.splitlines()[0]  # (the piece without its line end)
        if piece.endswith(("\n", "\r")):
            number += 1


def _parsed_by_line(path: Path, data: bytes) -> pa.Table:
    """A file's rows line by line: ``str.splitlines`` (numbered as an editor numbers the lines,
    :func:`_numbered_lines`), blank lines skipped, each field stripped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        where = before.count("\n") + before.count("\r") - before.count("\r\n") + 1  # the line the byte is on
        byte = data[exc.start : exc.start + 1]
        raise InputError(
            Message("err_tdrive_not_utf8", file=path, line=where, offset=f"{exc.start:,}", byte=byte)
        ) from None
    rows: list[tuple[str, str, str, str]] = []
    numbers: list[int] = []
    for i, line in _numbered_lines(text):
        if not line.strip():
            continue
        parts = line.split(",")
        if len(parts) != 4:
            raise InputError(Message("err_tdrive_fields", file=path, line=i, n=len(parts), text=repr(line[:80])))
        rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip()))
        numbers.append(i)
    columns = list(zip(*rows)) or [(), (), (), ()]
    fields = [pa.array(list(col), t) for col, t in zip(columns, _FIELDS.types)]
    return pa.Table.from_arrays([*fields, pa.array(numbers, pa.int64())], schema=_FILE_SCHEMA)


def tdrive_row_lines(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], rows: Iterable[int]
) -> dict[int, tuple[str, int]]:
    """The file and line (from 1) each of ``rows`` is on: rows counted from 0 over the T-Drive files' lines in the
    order :func:`read_tdrive` reads them (as ``avzone events`` numbers them). The files are read again, as they
    were read, up to the last row asked for: for the few rows a message names. A row past the end is left out.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "1.txt").write_text("1,2008-02-02 15:36:08,116.51,39.92\\n", encoding="utf-8")
    >>> _ = (folder / "2.txt").write_text("\\n2,2008-02-02 15:36:08,116.5,39.9\\n", encoding="utf-8")
    >>> {row: (Path(f).name, line) for row, (f, line) in tdrive_row_lines(folder, [1]).items()}
    {1: ('2.txt', 2)}
    """
    wanted = sorted(set(rows))
    found: dict[int, tuple[str, int]] = {}
    done = 0  # rows of the batches before
    for batch in _tdrive_batches(_tdrive_files(paths)) if wanted else ():
        n = batch.table.num_rows
        ends = np.cumsum(batch.counts)
        lines = batch.table.column("line")
        for row in (r for r in wanted if done <= r < done + n):
            at = row - done
            found[row] = (str(batch.files[int(np.searchsorted(ends, at, side="right"))]), int(lines[at].as_py()))
        done += n
        if done > wanted[-1]:
            break
    return found


def _tdrive_files(paths: Any) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        p = Path(paths)
        if p.is_dir():
            files = sorted(p.glob("*.txt"), key=lambda q: (len(q.stem), q.stem))
            if not files:
                raise InputError(Message("err_tdrive_no_files", folder=p))
            return files
        items = [p]
    else:
        items = [Path(q) for q in paths]
        if not items:
            raise InputError(Message("err_tdrive_no_paths"))
    for q in items:
        if q.is_dir():
            raise InputError(Message("err_tdrive_folder_in_list", folder=q))
        if not q.is_file():
            from avzone.batch import not_a_file

            raise not_a_file(q)
    return items


@_names_own_crs("crs")
def tdrive_source(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    crs: Any = None,
    chunk_rows: int | None = None,
) -> Source:
    """T-Drive files as a file job's input (:class:`avzone.batch.Source`): ``avzone events --input-format tdrive``.

    The rows of :func:`read_tdrive`, in its order, in chunks of at most
    ``chunk_rows`` rows (default :data:`avzone.batch.DEFAULT_CHUNK_ROWS`),
    the files read one at a time: memory is bounded by a chunk and a file,
    not by the folder. The chunks' columns are ``vehicle``, ``ts``, ``lon``,
    ``lat`` as text (stripped, as written), ``file`` and ``line``; their
    points are ``lon``/``lat`` in ``crs`` (default WGS84: T-Drive does not
    state its CRS, the caller decides), read as the CSV jobs read text.
    Raises :class:`InputError` as :func:`read_tdrive` does (a missing path
    or a folder without ``.txt`` files at once, a bad line when its chunk
    is read), and :class:`~avzone.CRSError` naming ``crs=`` for an unknown
    ``crs`` at once.
    """
    from avzone.batch import DEFAULT_CHUNK_ROWS, Source, check_chunk_rows

    files = _tdrive_files(paths)
    limit = DEFAULT_CHUNK_ROWS if chunk_rows is None else chunk_rows
    check_chunk_rows(limit)  # (the rule of every file job's chunk_rows: 2.5 and True refused too)
    crs = WGS84 if crs is None else crs
    normalize_crs(crs)  # (an unknown CRS refused here, naming crs=, not when the first chunk is read)
    schema = pa.schema([*_FIELDS, ("file", pa.string()), ("line", pa.int64())])

    def chunks() -> Iterator[Chunk]:
        pending: list[pa.Table] = []
        rows = 0
        for batch in _tdrive_batches(files):
            table = batch.table
            if not table.num_rows:
                continue
            which = np.repeat(np.arange(len(batch.files), dtype=np.int32), batch.counts)
            name = pc.take(pa.array([str(f) for f in batch.files], pa.string()), pa.array(which))
            pending.append(table.add_column(4, "file", name))
            rows += table.num_rows
            while rows >= limit:
                whole = pa.concat_tables(pending)
                yield _tdrive_chunk(whole.slice(0, limit), crs)
                pending = [whole.slice(limit)]
                rows -= limit
        if rows:
            yield _tdrive_chunk(pa.concat_tables(pending), crs)

    source = Path(paths) if isinstance(paths, (str, os.PathLike)) else files[0].parent
    return Source(source, "tdrive", schema, "lon", "lat", crs, None, chunks())


def _tdrive_chunk(table: pa.Table, crs: Any) -> Chunk:
    """One chunk of T-Drive rows: the columns as one record batch, and their points (plain decimals cast at once)."""
    from avzone.batch import Chunk, column_points
    from avzone.points import from_columns

    batch = pa.RecordBatch.from_arrays([c.combine_chunks() for c in table.columns], schema=table.schema)
    lon, lat = batch.column("lon"), batch.column("lat")
    names = ("lon", "lat")
    if _plain_numbers(lon) and _plain_numbers(lat):
        x, y = (np.asarray(pc.cast(c, pa.float64()).to_numpy(), dtype=float) for c in (lon, lat))
        return Chunk(batch, from_columns(x, y, crs, names=names))
    return Chunk(batch, column_points(lon, lat, crs, names))


def _coordinates(df: pd.DataFrame, name: str) -> np.ndarray:
    """A coordinate column as floats for :func:`write_tdrive`: numbers, or texts of numbers (a CSV read as text);
    a missing value is NaN (written ``nan``), anything else an :class:`InputError` naming its row."""
    col = df[name]
    num = pd.to_numeric(col, errors="coerce")
    bad = np.flatnonzero(num.isna().to_numpy() & col.notna().to_numpy())
    if bad.size:
        i = int(bad[0])
        label, vid, value = (
            v.item() if isinstance(v, np.generic) else v for v in (df.index[i], *df.iloc[i][["vehicle", name]])
        )
        raise InputError(Message("err_tdrive_not_number", label=label, vid=vid, name=name, value=value))
    return np.asarray(num, dtype=float)


def tdrive_estimated_rows(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> int:
    """About how many lines T-Drive files have: their size over the mean line length of the first 1 MB read.

    (A file's last line counts without its line end.) At least 1.
    """
    files = _tdrive_files(paths)
    size = sum(f.stat().st_size for f in files)
    sample, lines = 0, 0
    for f in files:
        with f.open("rb") as fh:
            head = fh.read((1 << 20) - sample)
        sample += len(head)
        lines += head.count(b"\n") + (bool(head) and not head.endswith(b"\n") and len(head) == f.stat().st_size)
        if sample >= 1 << 20:
            break
    return max(1, math.ceil(size / (sample / lines))) if lines else 1


def write_tdrive(
    df: pd.DataFrame | pl.DataFrame | ArrowTableLike, folder: str | os.PathLike[str], *, time_unit: str | None = None
) -> list[Path]:
    """Write ``vehicle``, ``ts``, ``lon``, ``lat`` rows as T-Drive files (``<vehicle>.txt`` in ``folder``).

    ``df``: a pandas DataFrame, or a polars DataFrame or a pyarrow Table or
    RecordBatch, read as the same pandas frame (:func:`avzone._tables.frame_of`,
    as ``model.events`` reads it: times of polars ``Datetime`` or Arrow
    ``timestamp``, naive ones Beijing time; its rows named by their positions,
    from 0, in errors).

    T-Drive times are Beijing time, to the second: times with a time zone are
    written as Beijing's clock reads them, naive ones as they are (naive is
    Beijing time); the times are read as :func:`avzone.zonetime.to_ns` reads
    them, numbers as epoch times only with ``time_unit`` (``"s"``, ``"ms"``,
    ``"us"`` or ``"ns"`` since 1970-01-01 UTC; given when no time is a
    number, it is not used, and a :class:`UserWarning` says so, its message
    an :class:`avzone.i18n.Message`, as ``model.events``' notes are). A time that cannot be read
    (a number without its unit, text that is no date/time, a missing one) is
    an :class:`InputError` naming its row, before anything is written; so is
    a vehicle id that cannot be a file's name and its lines' id (a path
    separator, a comma, a line break, space around it), a missing one, and
    two ids written alike (``1`` and ``"1"``: one file); and so is a
    coordinate that is not a number (``lon``/``lat`` are numbers or texts of
    numbers, written with 5 decimals, a missing one as ``nan``) and a
    missing column.
    ``folder`` is made when missing, in a folder that exists (a missing
    parent is an :class:`InputError`, as for every output:
    :func:`avzone._atomic.make_folder`). Each file is written atomically
    (:func:`avzone._atomic.atomic_output`).
    """
    from avzone._atomic import atomic_output, make_folder

    df = cast(pd.DataFrame, _tables.frame_of(df, *TDRIVE_COLUMNS)[0])  # (polars, Arrow: as pandas, rows by position)
    missing = [c for c in TDRIVE_COLUMNS if c not in df.columns]
    if missing:
        columns = Joined(map(str, df.columns), "comma")
        writes = Joined(TDRIVE_COLUMNS, "comma")
        raise InputError(Message("err_tdrive_no_column", column=missing[0], writes=writes, columns=columns))
    ns, codes = zonetime.to_ns(df["ts"], time_unit, name="ts")
    if (unused := zonetime.unit_unused(time_unit, "ts", df["ts"])) is not None:  # (a unit no time took)
        import warnings

        warnings.warn(unused, UserWarning, stacklevel=2)
    bad = np.flatnonzero(codes != zonetime.TIME_OK)
    if bad.size:
        i = int(bad[0])
        label, vid, value = (
            v.item() if isinstance(v, np.generic) else v for v in (df.index[i], *df.iloc[i][["vehicle", "ts"]])
        )
        reason = Message(zonetime.TIME_KEYS[int(codes[i])])
        raise InputError(Message("err_tdrive_bad_time", label=label, vid=vid, value=value, reason=reason))
    names: dict[str, Any] = {}
    for vid in df["vehicle"].drop_duplicates().tolist():  # each vehicle its own file name, and its id read back
        name = str(vid)
        if vid is None or vid is pd.NA or (isinstance(vid, float) and math.isnan(vid)):
            raise InputError(Message("err_tdrive_missing_id"))
        if not name or name != name.strip() or any(c in name for c in ",/\\\n\r" + os.sep):
            raise InputError(Message("err_tdrive_bad_id", vid=vid))
        if name in names:
            raise InputError(Message("err_tdrive_same_file", a=names[name], b=vid, name=name))
        names[name] = vid
    # the Beijing clock's reading of each instant, to the second
    text = pd.Series((ns + zonetime.BEIJING_OFFSET_NS).astype("datetime64[ns]")).dt.strftime("%Y-%m-%d %H:%M:%S")
    texts, lons, lats = text.to_numpy(dtype=object), _coordinates(df, "lon"), _coordinates(df, "lat")
    out = make_folder(folder)  # (made when missing, in a folder that exists: as every output, its parent is not)
    written = []
    for vid, rows in df.groupby("vehicle", sort=True).indices.items():
        path = out / f"{vid}.txt"
        lines = [f"{vid},{t},{x:.5f},{y:.5f}" for t, x, y in zip(texts[rows], lons[rows], lats[rows])]
        with atomic_output(path) as tmp:  # each file whole or not at all
            tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written

"""The events file job (``avzone events``): trajectories in a file -> events, summary, row statuses.

The fixes are read with the file jobs' one reader (:func:`avzone.batch.open_source`:
CSV and Parquet in chunks, GeoJSON whole; points converted to WGS84 once,
with a status each) and the outputs are opened through
:func:`avzone.batch.output_file`.

Streaming: **per-vehicle partitioning**. An input of at most ``chunk_rows``
rows is handled in memory. A larger one is read once, chunk by chunk, and
each row (vehicle id, time, WGS84 position, status code and row number) is
appended to one of ``P`` temporary Parquet partitions chosen by a hash of its
vehicle id, so every fix of a vehicle lands in the same partition; then each
partition is read alone and its events computed. ``P`` is the input's rows
(Parquet; estimated from the line length for CSV) over ``chunk_rows``, so
memory is bounded by a partition (plus, with ``--annotate``, two bytes per
input row for the statuses), not by the input. The events come out grouped
by vehicle, in time order within each vehicle; the row statuses
(``--annotate``) in input order.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from avzone.batch import DEFAULT_CHUNK_ROWS, _check_input, file_format, open_source, output_file
from avzone.crs import WGS84
from avzone.errors import AvzoneError, InputError
from avzone.events import Events, track_events
from avzone.points import Points

if TYPE_CHECKING:
    from avzone.model import Model


@dataclass
class EventsSummary:
    """What an events file job did."""

    input: str
    output: str
    rows: int = 0
    vehicles: int = 0
    events: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    partitions: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "output": self.output,
            "rows": self.rows,
            "vehicles": self.vehicles,
            "events": dict(self.events),
            "rows_not_ok": int(sum(self.rejected.values())),
            "rows_by_status": dict(self.rejected),
            "partitions": self.partitions,
        }

    def text(self) -> str:
        lines = [f"{self.rows:,} fixes of {self.vehicles:,} vehicles read from {self.input}"]
        if self.partitions > 1:
            lines[0] += f" (in {self.partitions} vehicle partitions)"
        lines.append(", ".join(f"{n:,} {k}" for k, n in sorted(self.events.items())) or "no events")
        if self.rejected:
            lines.append(f"{sum(self.rejected.values()):,} rows not ok:")
            lines += [f"  {n:,}: {reason}" for reason, n in self.rejected.most_common()]
        lines.append(f"events written to {self.output}")
        return "\n".join(lines)


class _Writer:
    """CSV or Parquet writer of DataFrames (the schema fixed by the first frame)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fmt = file_format(path, "output")
        if self.fmt == "geojson":
            raise InputError(f"{path}: events, summaries and row statuses are tables: write .csv or .parquet")
        self._w: Any = None
        self.schema: pa.Schema | None = None

    def write(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(_plain(frame), preserve_index=False)
        if self._w is None:
            self.schema = table.schema
            if self.fmt == "csv":
                self._w = pacsv.CSVWriter(self.path, table.schema)
            else:
                self._w = pq.ParquetWriter(self.path, table.schema)
        self._w.write_table(table.cast(self.schema))

    def close(self, empty: pd.DataFrame) -> None:
        if self._w is None:
            self.write(empty)
        self._w.close()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns Arrow writes the same way in every partition (ids as text, row numbers as integers)."""
    out = frame.copy()
    if "id" in out.columns:
        out["id"] = out["id"].map(lambda v: None if v is None else str(v)).astype(object)
    for c in ("row_before", "row_after"):
        if c in out.columns:
            out[c] = out[c].to_numpy(dtype=np.int64)
    return out


def _hash_partition(ids: np.ndarray, parts: int) -> np.ndarray:
    """A stable partition number per vehicle id (the same id always lands in the same partition)."""
    keys = pd.Series(ids, dtype=object).map(lambda v: None if v is None else str(v))
    hashed = pd.util.hash_pandas_object(keys, index=False).to_numpy()
    return (hashed % np.uint64(parts)).astype(np.int64)


def events_file(
    model: Model,
    src: str | Path,
    dst: str | Path,
    *,
    id_col: str = "vehicle",
    time_col: str = "ts",
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    summary: str | Path | None = None,
    annotate: str | Path | None = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    zones: list[str] | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    threads: int = 1,
) -> EventsSummary:
    """Events of every vehicle in ``src`` to ``dst`` (CSV or Parquet); see the module docstring.

    ``summary``: also write the per-vehicle, per-zone summary there;
    ``annotate``: also write one row per input row (``row``: 0-based row
    number, ``status``, ``used``). ``row_before``/``row_after`` of the
    events are 0-based input row numbers. Raises :class:`InputError`
    naming the file or column.
    """
    src, dst = Path(src), Path(dst)
    _check_input(src)
    outputs = [Path(p) for p in (dst, summary, annotate) if p is not None]
    for p in outputs:
        if p.exists() and p.resolve() == src.resolve():
            raise InputError(f"{p}: an output must not overwrite the input")
        if file_format(p, "output") == "geojson":
            raise InputError(f"{p}: events, summaries and annotated rows are tables: write .csv or .parquet")
    try:
        source = open_source(src, lon_col=lon_col, lat_col=lat_col, crs=crs, chunk_rows=chunk_rows)
        names = list(source.schema.names)
        for col, role, flag in ((id_col, "vehicle id", "--id-col"), (time_col, "time", "--time-col")):
            if col not in names:
                raise InputError(
                    f"{src}: no {role} column {col!r} (name it with {flag}); columns are: {', '.join(names)}"
                )
        total = source.total
        if total is not None:
            parts = max(1, math.ceil(total / chunk_rows))
        else:
            parts = max(1, math.ceil(_estimate_rows(src) / chunk_rows))

        def reopen() -> Any:
            return open_source(src, lon_col=lon_col, lat_col=lat_col, crs=crs, chunk_rows=chunk_rows)

        return _run(
            model,
            source,
            reopen,
            src,
            dst,
            id_col,
            time_col,
            summary,
            annotate,
            parts,
            max_gap_s,
            max_gap_m,
            zones,
            threads,
        )
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(f"{src}: cannot read the file ({exc})") from None


def _estimate_rows(path: Path) -> int:
    """About how many rows a text file has, from the line length of its first 1 MB."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    lines = max(1, head.count(b"\n"))
    return math.ceil(size / (len(head) / lines))


def _chunk_frame(chunk: Any, id_col: str, time_col: str, first_row: int) -> pd.DataFrame:
    p = chunk.points
    n = len(p)
    return pd.DataFrame(
        {
            "row": np.arange(first_row, first_row + n, dtype=np.int64),
            "id": chunk.columns.column(id_col).to_pandas().astype(object).to_numpy(),
            "time": chunk.columns.column(time_col).to_pandas().to_numpy(),
            "lon": p.lon,
            "lat": p.lat,
            "x": p.x,
            "y": p.y,
            "code": p.codes,
        }
    )


def _frame_events(model: Model, frame: pd.DataFrame, names: tuple[str, str], **options: Any) -> Events:
    pts = Points(
        lon=frame["lon"].to_numpy(dtype=float),
        lat=frame["lat"].to_numpy(dtype=float),
        x=frame["x"].to_numpy(dtype=float),
        y=frame["y"].to_numpy(dtype=float),
        codes=frame["code"].to_numpy(dtype=np.uint8),
        crs=WGS84,
        index=None,
        names=names,
    )
    ids = frame["id"].to_numpy(dtype=object)
    return track_events(model, ids, frame["time"], pts, pd.Index(frame["row"].to_numpy()), **options)


def _run(
    model: Model,
    source: Any,
    reopen: Callable[[], Any],
    src: Path,
    dst: Path,
    id_col: str,
    time_col: str,
    summary: str | Path | None,
    annotate: str | Path | None,
    parts: int,
    max_gap_s: float | None,
    max_gap_m: float | None,
    zones: list[str] | None,
    threads: int,
) -> EventsSummary:
    names = (source.lon_name, source.lat_name)
    options: dict[str, Any] = {"max_gap_s": max_gap_s, "max_gap_m": max_gap_m, "zones": zones, "threads": threads}
    report = EventsSummary(str(src), str(dst))
    statuses: dict[str, int] = {}
    status_codes: np.ndarray | None = None
    used: np.ndarray | None = None
    tmp = Path(tempfile.mkdtemp(prefix="avzone-events-"))
    try:
        # pass 1: chunks -> vehicle partitions (or one frame in memory)
        frames: list[pd.DataFrame] = []
        writers: dict[int, pq.ParquetWriter] = {}
        rows = 0
        for chunk in source.chunks:
            frame = _chunk_frame(chunk, id_col, time_col, rows)
            rows += len(frame)
            if parts == 1:
                frames.append(frame)
                continue
            part = _hash_partition(frame["id"].to_numpy(dtype=object), parts)
            table = pa.Table.from_pandas(frame.assign(id=frame["id"].map(_id_text), time=_time_text(frame["time"])))
            for k in np.unique(part).tolist():
                piece = table.filter(pa.array(part == k))
                w = writers.get(k)
                if w is None:
                    w = writers[k] = pq.ParquetWriter(tmp / f"part-{k}.parquet", piece.schema)
                w.write_table(piece.cast(w.schema))
        for w in writers.values():
            w.close()
        report.rows = rows
        report.partitions = parts
        if annotate is not None:
            status_codes = np.zeros(rows, dtype=np.uint16)
            used = np.zeros(rows, dtype=bool)
        ids_seen = 0
        with ExitStack() as stack:
            out_events = _Writer(stack.enter_context(output_file(dst)))
            out_summary = _Writer(stack.enter_context(output_file(Path(summary)))) if summary is not None else None
            if parts == 1:
                pieces: Any = [pd.concat(frames, ignore_index=True)] if frames else []
            else:
                pieces = (pq.read_table(tmp / f"part-{k}.parquet").to_pandas() for k in sorted(writers))
            empty: Events | None = None
            for piece in pieces:
                res = _frame_events(model, piece, names, **options)
                empty = empty or res
                out_events.write(res.events)
                if out_summary is not None:
                    out_summary.write(res.summary)
                ids_seen += res.summary["id"].nunique()
                report.events.update(res.events["event"].value_counts().to_dict())
                report.rejected.update(res.rejected())
                if status_codes is not None and used is not None:
                    codes = [statuses.setdefault(s, len(statuses)) for s in res.rows["status"].unique()]
                    lookup = dict(zip(res.rows["status"].unique(), codes))
                    row_numbers = res.rows.index.to_numpy(dtype=np.int64)
                    status_codes[row_numbers] = res.rows["status"].map(lookup).to_numpy(dtype=np.uint16)
                    used[row_numbers] = res.rows["used"].to_numpy(dtype=bool)
            if empty is None:
                empty = _frame_events(model, _chunk_frame_empty(), names, **options)
            out_events.close(empty.events)
            if out_summary is not None:
                out_summary.close(empty.summary)
        report.vehicles = ids_seen
        if annotate is not None and status_codes is not None and used is not None:
            _write_annotate(Path(annotate), reopen(), status_codes, used, statuses)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report.events = Counter({str(k): int(v) for k, v in report.events.items()})
    return report


def _id_text(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def _time_text(times: pd.Series) -> pd.Series:
    """Times as Arrow can store them in a partition: datetimes kept, anything else as text."""
    if times.dtype.kind == "M" or isinstance(times.dtype, pd.DatetimeTZDtype):
        return times
    return times.map(lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))


def _chunk_frame_empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.empty(0, dtype=np.int64),
            "id": np.empty(0, dtype=object),
            "time": np.empty(0, dtype=object),
            "lon": np.empty(0),
            "lat": np.empty(0),
            "x": np.empty(0),
            "y": np.empty(0),
            "code": np.empty(0, dtype=np.uint8),
        }
    )


def _wkt(col: pa.Array) -> pa.Array:
    """WKB geometries as WKT text."""
    import shapely

    geoms = shapely.from_wkb(np.asarray(col.to_numpy(zero_copy_only=False), dtype=object), on_invalid="ignore")
    return pa.array(shapely.to_wkt(geoms).tolist(), pa.string())


def _write_annotate(path: Path, source: Any, codes: np.ndarray, used: np.ndarray, statuses: dict[str, int]) -> None:
    """The input's rows and columns, in order, with ``status`` and ``used`` appended (read again, in chunks)."""
    table = np.empty(max(len(statuses), 1), dtype=object)
    for text, c in statuses.items():
        table[c] = text
    taken = [n for n in ("status", "used") if n in source.schema.names]
    if taken:
        raise InputError(f"{source.path}: the input already has a column named {taken[0]!r}; rename it first")
    fmt = file_format(path, "output")
    if fmt == "geojson":
        raise InputError(f"{path}: write the annotated rows as .csv or .parquet")
    start = 0
    with output_file(path) as out:
        writer: Any = None
        for chunk in source.chunks:
            batch = chunk.columns
            stop = start + batch.num_rows
            columns = list(batch.columns)
            if fmt == "csv":  # a GeoParquet geometry (WKB) goes to CSV as WKT, as the locate job writes it
                columns = [
                    _wkt(c) if pa.types.is_binary(c.type) or pa.types.is_large_binary(c.type) else c for c in columns
                ]
            arrays = [*columns, pa.array(table[codes[start:stop]].tolist(), pa.string()), pa.array(used[start:stop])]
            names = [*batch.schema.names, "status", "used"]
            out_batch = pa.RecordBatch.from_arrays(arrays, names=names)
            if writer is None:
                schema = out_batch.schema.remove_metadata()
                geo = (source.schema.metadata or {}).get(b"geo")
                if fmt == "parquet" and source.fmt == "parquet" and geo is not None:  # GeoParquet stays GeoParquet
                    schema = schema.with_metadata({b"geo": geo})
                writer = pacsv.CSVWriter(out, schema) if fmt == "csv" else pq.ParquetWriter(out, schema)
            writer.write_batch(out_batch)
            start = stop
        if writer is None:
            schema = pa.schema([*source.schema, pa.field("status", pa.string()), pa.field("used", pa.bool_())])
            writer = pacsv.CSVWriter(out, schema) if fmt == "csv" else pq.ParquetWriter(out, schema)
        writer.close()

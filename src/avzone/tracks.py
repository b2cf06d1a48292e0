"""The events file job (``avzone events``): trajectories in a file -> events, summary, row statuses.

The fixes are read with the file jobs' one reader (:func:`avzone.batch.open_source`:
CSV and Parquet in chunks, GeoJSON whole; points converted to WGS84 once,
with a status each) and the outputs (events, ``--summary``, ``--annotate``)
are written as one transaction (:func:`avzone._atomic.atomic_outputs`): all
are put in place, or none.

Streaming: **per-vehicle partitioning**. An input of at most ``chunk_rows``
rows is handled in memory. A larger one is read once, chunk by chunk, and
each row (vehicle id, time, WGS84 position, status code and row number, as
Arrow columns) is appended to one of ``4 P`` temporary Parquet buckets chosen
by a hash (CRC-32) of its vehicle id, so every fix of a vehicle lands in the
same bucket; ``P`` is the input's rows (Parquet; estimated from the line
length for CSV) over ``chunk_rows``. The buckets are then packed into
partitions of at most ``chunk_rows`` rows (a bucket larger than that, one
vehicle with more fixes, is a partition alone), each read alone and its
events computed, and the memory of one partition is given back before the
next. So memory is bounded by a partition (plus, with ``--annotate``, three
bytes per input row for the statuses), not by the input. Each partition's
events and summary rows are held in a temporary Parquet file with their
vehicle's first input row, and the files are merged in that order
(:func:`_merge_by_first`): the events come out grouped by vehicle, the
vehicles in order of first appearance in the input and each one's events in
time order, and the summary rows in that order too, as the in-memory job and
:func:`avzone.events.events` give them; the row statuses (``--annotate``) in
input order. The time column's column-wide rules (a time far from the
others, a column in the wrong unit: :func:`avzone.zonetime.to_ns`) judge the
whole column, its span summed over the chunks as they are read
(:class:`avzone.zonetime.TimeSpan`), not a partition.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from avzone import batch, i18n, zonetime
from avzone._atomic import atomic_outputs, check_targets
from avzone._tdrive import hint_tdrive
from avzone.batch import (
    DEFAULT_CHUNK_ROWS,
    CsvDialect,
    CsvWriter,
    GpkgWriter,
    RowsSink,
    Source,
    _check_input,
    check_chunk_rows,
    codec_name,
    delimiter_info,
    delimiter_label,
    file_format,
    misread_checked,
    one_line,
    open_source,
    output_dialect,
    output_names,
    output_notes,
    point_wkb,
    refuse_ids_alike,
    refuse_output_in_parts,
    require_track_columns,
    table_format,
    time_refusals_named,
    writing,
)
from avzone.crs import WGS84, names_crs
from avzone.errors import AvzoneError, InputError
from avzone.events import Events, lookalike_ids_note, status_named, track_events
from avzone.fleet import tdrive_estimated_rows, tdrive_source
from avzone.i18n import Message, Option
from avzone.points import TIME_INVALID, TIME_LABELS, Points, mark_misread, merged_notes

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
    encoding: str | None = None  # a CSV input's text encoding
    encoding_detected: bool = False
    delimiter: str | None = None  # a CSV input's delimiter
    delimiter_detected: bool = False
    output_encoding: str | None = None  # the text encoding of the CSV outputs
    summary_output: str | None = None  # the --summary file, if any
    annotate_output: str | None = None  # the --annotate file, if any
    csv_outputs: tuple[str, ...] = ()  # the outputs written as CSV (in output_encoding)
    #: what the reader noticed, as the locate job's summary has it: a CRS PROJ converts without its datum shift,
    #: columns named GCJ-02 / BD-09 read in another CRS (:func:`avzone.batch.open_source`)
    notes: list[str] = field(default_factory=list)
    #: the first rows of each status whose values could not be read, and why, as the locate job's summary names
    #: them (:func:`avzone.rowexamples.row_examples`), and what their row numbers are
    examples: dict[str, list[batch.RowExample]] = field(default_factory=dict)
    row_numbering: Message | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The summary as ``avzone events --json`` prints it, its texts for people (each value's ``why``, the
        ``notes``) in ``lang``; its keys, event kinds, statuses, columns and values as they are in any language."""
        out = {
            "input": self.input,
            "output": self.output,
            "rows": self.rows,
            "vehicles": self.vehicles,
            "events": dict(sorted(self.events.items())),  # (by kind, as the text has them, whichever engine ran)
            "rows_not_ok": int(sum(self.rejected.values())),
            "rows_by_status": dict(batch.by_status(self.rejected)),
            "partitions": self.partitions,
        }
        if self.encoding is not None:
            out["encoding"] = self.encoding
            out["encoding_detected"] = self.encoding_detected
        if self.output_encoding is not None:
            out["output_encoding"] = self.output_encoding
        if self.notes:
            out["notes"] = [i18n.json_text(n, lang) for n in self.notes]  # (a note may be a Message)
        return (
            out
            | batch.examples_info(self.examples, self.rejected, lang)
            | delimiter_info(self.delimiter, self.delimiter_detected)
        )

    def text(self, lang: str = "en") -> str:
        """What the job did, for a person, in ``lang`` (event kinds and row statuses as the files have them)."""
        counts = {"rows": f"{self.rows:,}", "vehicles": f"{self.vehicles:,}"}
        key = ("events_read_1_1" if self.rows == 1 else "events_read_1") if self.vehicles == 1 else "events_read"
        lines = [i18n.text(key, lang, file=self.input, **counts)]
        details = []  # (one bracket after the first line: encoding, delimiter, partitions)
        if self.encoding is not None:
            key = "events_encoding_detected" if self.encoding_detected else "events_encoding"
            details.append(i18n.text(key, lang, encoding=self.encoding))
        if self.delimiter not in (None, ","):
            key = "events_delimiter_detected" if self.delimiter_detected else "events_delimiter"
            details.append(i18n.text(key, lang, delimiter=delimiter_label(self.delimiter)))
        if self.partitions > 1:
            details.append(i18n.text("events_partitions", lang, n=f"{self.partitions:,}"))
        if details:
            sep = i18n.text("events_details_sep", lang)
            lines[0] += i18n.text("events_details", lang, details=sep.join(details))
        kinds = [i18n.text("events_count", lang, n=f"{n:,}", kind=_kind(k)) for k, n in sorted(self.events.items())]
        lines.append(i18n.text("list_sep", lang).join(kinds) or i18n.text("events_none", lang))
        if self.rejected:
            not_ok = sum(self.rejected.values())
            key = "events_not_ok_1" if not_ok == 1 else "events_not_ok"
            lines.append(i18n.text(key, lang, n=f"{not_ok:,}"))
            for reason, n in batch.by_status(self.rejected):
                lines.append(i18n.text("count_reason", lang, n=f"{n:,}", reason=status_named(reason)))
                lines += batch.examples_text(self.examples.get(reason, []), n, lang)
            if self.examples and self.row_numbering is not None:
                lines.append(i18n.text("examples_numbering", lang, numbering=self.row_numbering))
        # one line per file written, the text encoding next to each CSV file (a Parquet file has none)
        written = (
            ("events_written", self.output),
            ("events_summary_written", self.summary_output),
            ("events_annotate_written", self.annotate_output),
        )
        for key, path in written:
            if path is None:
                continue
            if self.output_encoding is not None and path in self.csv_outputs:
                lines.append(i18n.text(f"{key}_encoding", lang, file=path, encoding=self.output_encoding))
            else:
                lines.append(i18n.text(key, lang, file=path))
        lines += [i18n.text("note", lang, note=n) for n in self.notes]
        return "\n".join(lines)


class _Writer:
    """CSV, Parquet or GeoPackage writer of events or summary frames (the schema fixed by the first frame).

    The first frame may have no rows (a partition without events) or no
    value in a column (every fix without a vehicle id): its text columns are
    Arrow strings all the same (:func:`_arrow_table`), so the later frames
    fit the schema. CSV is written by the file jobs' one CSV writer
    (:class:`avzone.batch.CsvWriter`) in ``encoding`` with ``dialect``'s
    delimiter and line ending; GeoPackage by their one GeoPackage writer
    (:class:`avzone.batch.GpkgWriter`), as the layer ``layer`` (default: the
    file's name without its extension): the events, which have ``lon`` and
    ``lat`` columns, as points at the crossings in EPSG:4326 (a gap event, with
    no crossing, without a geometry), a summary as a table without geometry.

    ``ids``: the type a Parquet or GeoPackage output writes the ``id`` column
    in (:func:`output_ids`, from the input's id column: its integers as they
    were; default text), every frame's ids cast to it, so the later frames fit
    the schema too; a CSV output writes them as text whatever ``ids`` says.
    """

    def __init__(
        self,
        path: Path,
        encoding: str | None = None,
        dialect: CsvDialect | None = None,
        layer: str | None = None,
        ids: IdType | None = None,
    ) -> None:
        self.path = path
        self.ids = ids
        self.fmt = table_format(path, rows=False)
        self.encoding, self.dialect = encoding, dialect
        self.layer = path.stem if layer is None else layer
        self._w: CsvWriter | pq.ParquetWriter | GpkgWriter | None = None
        self._closed = False
        self.schema: pa.Schema | None = None
        self._points: str | None = None  # a GeoPackage's geometry column: the events' crossings

    def write(self, frame: pd.DataFrame) -> None:
        self.write_table(_arrow_table(frame))

    def write_table(self, table: pa.Table) -> None:
        """Write rows already in Arrow (:func:`_arrow_table`'s columns)."""
        if self.ids is not None and self.fmt != "csv":
            table = self.ids.cast(table)
        with writing(self.path):
            if self._w is None:
                self.schema = table.schema
                if self.fmt == "csv":
                    self._w = CsvWriter(self.path, table.schema, self.encoding, self.dialect)
                elif self.fmt == "gpkg":
                    schema = table.schema
                    if {"lon", "lat"} <= set(schema.names):  # the events: each at its crossing, in WGS84
                        self._points = output_names(schema.names, ["geometry"])[0]
                        schema = schema.append(pa.field(self._points, pa.binary()))
                    self._w = GpkgWriter(
                        self.path, schema, self._points, WGS84, self.layer, "Point" if self._points else "Unknown"
                    )
                else:
                    self._w = pq.ParquetWriter(self.path, table.schema)
            table = table.cast(self.schema)
            if isinstance(self._w, GpkgWriter):
                self._write_gpkg(self._w, table)
            else:
                self._w.write(table)

    def _write_gpkg(self, w: GpkgWriter, table: pa.Table) -> None:
        if self._points is not None:
            lon, lat = (table.column(c).to_numpy(zero_copy_only=False).astype(np.float64) for c in ("lon", "lat"))
            table = table.append_column(self._points, point_wkb(lon, lat, np.isfinite(lon) & np.isfinite(lat)))
        for part in table.combine_chunks().to_batches():
            w.write(part)

    def close(self, empty: pd.DataFrame) -> None:
        if self._w is None:
            self.write(empty)
        with writing(self.path):
            self._closed = True
            if self._w is not None:
                self._w.close()

    @property
    def negative_zeros(self) -> Mapping[str, int]:
        """A GeoPackage output's -0.0 values written so far, how many in each column (:class:`GpkgWriter`)."""
        return self._w.negative_zeros if isinstance(self._w, GpkgWriter) else {}

    @property
    def text_columns(self) -> Mapping[str, pa.DataType]:
        """A GeoPackage output's columns written as text, by name, of the input's type (:class:`GpkgWriter`)."""
        return self._w.text_columns if isinstance(self._w, GpkgWriter) else {}

    def abort(self) -> None:
        """Release the file after a failure (the job's own error is the one reported; a GeoPackage, written and
        closed at each write, is left as it is: closing it would write to it)."""
        if not self._closed and self._w is not None and not isinstance(self._w, GpkgWriter):
            self._closed = True
            try:
                self._w.close()
            except Exception:
                pass


#: The text columns of the events and the summaries (the others are numbers and times, typed even without rows).
TEXT_COLUMNS = ("id", "zone", "event")


@dataclass(frozen=True)
class IdType:
    """The type a Parquet or GeoPackage events or summary output writes its ``id`` column in (:func:`output_ids`).

    ``arrow``: an integer type; ``nullable``: the input's ids were pandas'
    nullable integers (``Int64``), which pandas reads back as such.
    """

    arrow: pa.DataType
    nullable: bool = False

    def cast(self, table: pa.Table) -> pa.Table:
        """``table`` (:func:`_arrow_table`'s columns: ids as text) with its ids of this type, and pandas' metadata
        of the column saying so."""
        i = table.schema.get_field_index("id")
        if i < 0:
            return table
        kind = str(self.arrow)  # (pandas' name of a numpy integer type: int64, uint8, ...)
        pandas_kind = kind.capitalize().replace("Uint", "UInt") if self.nullable else kind
        table = table.set_column(i, pa.field("id", self.arrow), pc.cast(table.column(i), self.arrow))
        meta = dict(table.schema.metadata or {})
        if b"pandas" in meta:
            doc = json.loads(meta[b"pandas"])
            for col in doc.get("columns", []):
                if col.get("field_name") == "id":
                    col.update(pandas_type=kind, numpy_type=pandas_kind, metadata=None)
            meta[b"pandas"] = json.dumps(doc).encode()
            table = table.replace_schema_metadata(meta)
        return table


def output_ids(kind: pa.DataType, pandas_type: str | None = None) -> IdType | None:
    """How the Parquet and GeoPackage outputs write vehicle ids read in Arrow type ``kind``: integers of any width
    (also a dictionary's, a pandas categorical of integers) as the same integers, so that the outputs join the
    input on the id (but a GeoPackage holds ``uint64`` ids as text, and the job notes it: :func:`ids_text_note`);
    None (text, as every CSV output writes them) for anything else: text of any Arrow string type (as ``string``),
    bytes in hex, other values as their text. ``pandas_type``: the input's pandas dtype of the column, if known
    (``Int64``: written so that pandas reads the ids back as nullable integers)."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if not pa.types.is_integer(kind):
        return None
    nullable = pandas_type is not None and pandas_type[:1] in ("I", "U")  # Int64, UInt8 (numpy's: int64, uint8)
    return IdType(kind, nullable)


def ids_text_note(path: str | Path | None, ids: IdType | None) -> Message | None:
    """The note of an events or summary output at ``path`` that is a GeoPackage whose ids (``ids``:
    :func:`output_ids`) are of a type a GeoPackage cannot hold (unsigned 64-bit integers: SQLite's integers are
    signed), which the GeoPackage writer keeps as text, every digit (:class:`avzone.batch.GpkgWriter`): the one
    note of every GeoPackage output's text columns (:func:`avzone.batch.gpkg_text_note`), naming the file and the
    ``id`` column, and that Parquet keeps the type; None for any other output or ids."""
    return None if ids is None else batch.gpkg_text_note(path, {"id": ids.arrow})


def source_ids(schema: pa.Schema, id_col: str) -> IdType | None:
    """:func:`output_ids` of an input's id column, from the reader's schema (and pandas' metadata in it)."""
    i = schema.get_field_index(id_col)
    return None if i < 0 else output_ids(schema.field(i).type, pandas_dtype_name(schema, id_col))


def pandas_dtype_name(schema: pa.Schema | None, name: str) -> str | None:
    """The pandas dtype (``numpy_type``: ``Int64``, ``int64``, ...) that pandas' metadata in ``schema`` names for
    the column ``name``; None without it."""
    try:
        doc = json.loads(((schema.metadata if schema is not None else None) or {}).get(b"pandas", b"{}"))
        found = next((c.get("numpy_type") for c in doc.get("columns", []) if c.get("name") == name), None)
    except (ValueError, AttributeError, TypeError):
        return None
    return found if isinstance(found, str) else None


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """An events or summary frame as Arrow, as :func:`_plain` makes it, its text columns of Arrow's string type.

    Whatever the frame holds: Arrow would type an object column without a
    value (no rows, or only missing ids) as null, and pandas' Arrow-backed
    text as large strings, so the schema would depend on the first frame.
    """
    table = pa.Table.from_pandas(_plain(frame), preserve_index=False)
    for name in TEXT_COLUMNS:
        i = table.schema.get_field_index(name)
        if i >= 0 and table.schema.field(i).type != pa.string():
            table = table.set_column(i, pa.field(name, pa.string()), table.column(i).cast(pa.string()))
    return table


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns Arrow writes the same way in every partition (ids as text, bytes in hex as :func:`_id_column` writes
    them, the input's integer ids then cast back to their type by the writer, :class:`IdType`; row numbers as
    integers)."""
    out = frame.copy()
    if "id" in out.columns:
        out["id"] = out["id"].map(lambda v: None if v is None else v.hex() if isinstance(v, bytes) else str(v))
        out["id"] = out["id"].astype(object)
    for c in ("row_before", "row_after"):
        if c in out.columns:
            out[c] = out[c].to_numpy(dtype=np.int64)
    return out


@names_crs
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
    encoding: str | None = None,
    input_format: str | None = None,
    time_unit: str | None = None,
    delimiter: str | None = None,
    output_encoding: str | None = None,
    override_crs: bool = False,
    layer: str | None = None,
    point_col: str | None = None,
) -> EventsSummary:
    """Events of every vehicle in ``src`` to ``dst`` (CSV, Parquet or GeoPackage); see the module docstring.

    Each output's format is its extension's: ``.csv``/``.tsv``, ``.parquet``,
    or ``.gpkg``, a GeoPackage layer named as the file (:class:`_Writer`: the
    events as points at their crossings in EPSG:4326, a gap event without a
    geometry; the summary a table without geometry; the annotated rows as the
    locate job writes a GeoPackage of rows, :class:`avzone.batch.RowsSink`). A
    GeoJSON output is refused, naming it (:func:`avzone.batch.table_format`).
    A Parquet or GeoPackage events or summary output writes integer ids as
    integers of the input's type (:func:`output_ids`), so it joins the input
    on the id; other ids, and a CSV output's, are text. A GeoPackage (SQLite's integers are signed) holds
    unsigned 64-bit ids as text, every digit, and the summary notes it (:func:`ids_text_note`).

    ``time_unit`` (``"s"``, ``"ms"``, ``"us"``, ``"ns"``): the time column's
    numbers are epoch times in that unit since 1970-01-01 UTC (integer and
    float columns keep their values in the partitions; see
    :func:`avzone.zonetime.to_ns`); default None: a number is not a time.

    ``summary``: also write the per-vehicle, per-zone summary there;
    ``annotate``: also write every input row, its columns as the locate job
    writes them (binary as hex and lists/structs as JSON text in CSV), with
    ``status`` and ``used`` appended. Every CSV output (events, summary,
    annotated rows) is written in ``output_encoding``, default the CSV
    input's encoding (a BOM kept; UTF-8 for other inputs: see
    :func:`avzone.batch.output_encoding`), with the CSV input's delimiter
    and line ending (a tab for a ``.tsv`` output); a character the
    encoding cannot hold stops the job, naming it, and no output is put in
    place. ``output_encoding`` is refused when no output is CSV.
    ``encoding``: a CSV input's text encoding
    (detected when not given); ``delimiter``: a CSV input's delimiter (a
    character or ``tab``; detected when not given, see
    :func:`avzone.batch.detect_dialect`). ``row_before``/``row_after`` of the events
    are 0-based input row numbers. The outputs are one transaction
    (:func:`avzone._atomic.atomic_outputs`): each is written to a temporary
    file beside its target, and they are renamed into place only when every
    one was written; a failure or an interrupt before then removes them and
    changes no target, and if a rename fails part way the targets already
    replaced are put back as they were (the error names the output). An
    output that is the input (also through a link), two outputs that are one
    file, or an output in a folder that does not exist is refused before
    anything is read, and so is a ``chunk_rows`` below 1. Raises
    :class:`InputError` naming the file or column.

    ``input_format="tdrive"``: ``src`` is a folder of T-Drive taxi files (or
    one file), read by :func:`avzone.fleet.tdrive_source` file after file
    (the id, time and coordinate columns are T-Drive's: ``id_col``,
    ``time_col``, ``lon_col``, ``lat_col``, ``encoding``, ``delimiter`` and ``time_unit`` are refused); the
    annotated rows are ``vehicle``, ``ts``, ``lon``, ``lat`` as written,
    ``file`` and ``line``. ``crs`` applies as for any input (T-Drive does
    not state its CRS; default WGS84). Without it, a folder or ``.txt`` file
    of T-Drive lines (:func:`avzone.fleet.tdrive_shaped`) is refused with a
    hint naming ``input_format="tdrive"``; another folder or ``.txt`` file
    as before (a folder is not a file, ``.txt`` names no format).

    A GeoParquet or GeoJSON input's declared CRS meets ``crs`` as in every
    file job (:func:`avzone.crs.declared_or_given`): a ``crs`` that
    contradicts it is refused, naming the file and both CRSs, unless
    ``override_crs`` (``--override-crs``) says the file's is a wrong label.
    A GeoPackage or Shapefile input is read a layer at a time: ``layer``
    (``--layer``), else the file's only one (:func:`avzone.batch.ogr_layer`).
    ``point_col`` (``--point-col``): a CSV or Parquet input's column holding
    each point as text, lon,lat pairs or WKT (:func:`avzone.batch.open_source`).
    """
    src, dst = Path(src), Path(dst)
    zonetime.check_unit(time_unit)
    check_chunk_rows(chunk_rows)
    tdrive = _tdrive_input(
        input_format, id_col, time_col, lon_col, lat_col, encoding, time_unit, delimiter, point_col=point_col
    )
    estimate = None
    if tdrive:  # a missing path or a folder without .txt files is refused here, before anything is written
        estimate = tdrive_estimated_rows(src)
    else:
        _hint_tdrive(src)
        _check_input(src, parts=True)
    outputs = [Path(p) for p in (dst, summary, annotate) if p is not None]
    for p in outputs:
        table_format(p)
    check_targets(list(outputs), input_path=src)  # the input, a missing folder, one file twice: before any work
    if not tdrive:
        refuse_output_in_parts(src, *outputs)
    if output_encoding is not None:  # refused before anything is read: unknown, or no CSV output to write in it
        codec_name(output_encoding, "output_encoding")
        if all(file_format(p, "output") != "csv" for p in outputs):
            raise InputError(Message("err_output_encoding_csv_only", file=dst, option=Option("output_encoding")))
    try:

        def reopen() -> Source:
            if tdrive:
                return tdrive_source(src, crs=crs, chunk_rows=chunk_rows)
            return open_source(
                src,
                lon_col=lon_col,
                lat_col=lat_col,
                crs=crs,
                chunk_rows=chunk_rows,
                encoding=encoding,
                delimiter=delimiter,
                override_crs=override_crs,
                layer=layer,
                point_col=point_col,
                time_col=time_col if src.is_dir() else None,  # (a folder's parts' time types: read_parts)
            )

        # (stopped for any reason: its reader stops reading ahead; a refusal of the time column names the file)
        with time_refusals_named(src), reopen() as source:
            names = list(source.schema.names)
            require_track_columns(src, names, id_col, time_col, source.coordinate_columns, source.found)
            refuse_ids_alike(src, source, id_col)
            zonetime.check_time_type(source.schema.field(names.index(time_col)).type, time_col, time_unit)
            total = source.total
            if total is None:
                total = _estimate_rows(src) if estimate is None else estimate
            parts = max(1, math.ceil(total / chunk_rows))
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
                chunk_rows,
                time_unit,
                output_encoding,
            )
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None


def _tdrive_input(
    input_format: str | None,
    id_col: str,
    time_col: str,
    lon_col: str | None,
    lat_col: str | None,
    encoding: str | None,
    time_unit: str | None = None,
    delimiter: str | None = None,
    *,
    point_col: str | None = None,
) -> bool:
    """Whether the input is T-Drive (``input_format="tdrive"``); the column options it makes moot are refused."""
    if input_format is None:
        return False
    if input_format != "tdrive":
        raise InputError(Message("err_input_format", value=input_format))
    given = {"id_col": id_col != "vehicle", "time_col": time_col != "ts", "lon_col": lon_col is not None}
    given |= {"point_col": point_col is not None}
    given |= {"lat_col": lat_col is not None, "encoding": encoding is not None, "time_unit": time_unit is not None}
    given |= {"delimiter": delimiter is not None}
    for name, changed in given.items():
        if changed:
            raise InputError(Message("err_tdrive_option", name=name))
    return True


def _hint_tdrive(src: Path) -> None:
    """A folder or a ``.txt`` file of T-Drive lines given without ``input_format``: say that T-Drive needs
    ``input_format="tdrive"`` (as the command line says ``--input-format tdrive``). Another folder or ``.txt`` file
    is refused as before (a folder is not a file, ``.txt`` names no format)."""
    hint_tdrive(src, Option("input_format", "tdrive"))


def _estimate_rows(path: Path) -> int:
    """About how many rows a text file has, from the line length of its first 1 MB."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    lines = max(1, head.count(b"\n"))
    return math.ceil(size / (len(head) / lines))


def _chunk_table(chunk: Any, id_col: str, time_col: str, first_row: int) -> pa.Table:
    """One chunk's fixes as the columns a partition holds: row number, id (text), time, WGS84 point, status code.

    Arrow columns throughout (no Python object per row): ids become text
    (``str`` of the value, as the partitions store them; blank and null
    stay what they are), times stay timestamps, numbers or text (:func:`_time_column`).
    """
    p = chunk.points
    n = len(p)
    return pa.table(
        {
            "row": pa.array(np.arange(first_row, first_row + n, dtype=np.int64)),
            "id": _id_column(chunk.columns.column(id_col)),
            "time": _time_column(chunk.columns.column(time_col)),
            "lon": pa.array(p.lon),
            "lat": pa.array(p.lat),
            "x": pa.array(p.x),
            "y": pa.array(p.y),
            "code": pa.array(p.codes),
        }
    )


def _id_column(col: Any) -> pa.Array:
    """Vehicle ids as Arrow text: text and integers cast in Arrow, bytes in hex (as a CSV output writes them, so
    the events and summary join the annotated rows; empty bytes a blank id), anything else through ``str`` value by
    value."""
    t = col.type
    if pa.types.is_dictionary(t):
        col = col.dictionary_decode()
        t = col.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return col.cast(pa.string())
    if pa.types.is_integer(t):
        return pc.cast(col, pa.string())
    if (
        pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_fixed_size_binary(t)
        or (str(t) == "binary_view")
    ):  # (bytes in hex, as a CSV output writes the column itself: the events join the annotated rows; b"" blank)
        return pa.array([None if v is None else v.hex() for v in col.to_pylist()], pa.string())
    null = np.asarray(col.is_null().to_numpy(zero_copy_only=False), dtype=bool)  # (a timestamp's NaT too)
    values = col.to_pandas().astype(object).to_numpy()
    return pa.array([None if n else _id_text(v) for v, n in zip(values.tolist(), null.tolist())], pa.string())


def _time_column(col: Any) -> pa.Array:
    """Times as a partition stores them: timestamps and numbers as they are (unit, time zone, integer or float
    type), text kept, others as text.

    Timestamps become nanoseconds when a partition is read
    (:func:`partition_times`): a time outside the nanosecond range then
    concerns only its partition, whichever chunk it comes in.
    """
    t = col.type
    if pa.types.is_timestamp(t) or pa.types.is_integer(t) or pa.types.is_floating(t):
        return col
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return col.cast(pa.string())
    return _time_text(col)


def partition_times(col: pa.Array | pa.ChunkedArray) -> pd.Series:
    """A partition's times for :func:`avzone.events.track_events`: timestamps in nanoseconds, text as it is.

    A timestamp column (any unit, its time zone kept) becomes pandas
    datetimes in nanoseconds; when one of its values is outside that range
    (years 1677-2262), the whole column becomes Arrow's text of the
    timestamps instead (ISO 8601 with a space: ``2500-01-01 08:00:00.000``,
    then the UTC offset when the column has a time zone: ``+0800``, ``Z``),
    so the time parser judges each value and the other times keep their
    instants. Integers with a value missing become a pandas Arrow column
    (NaN would turn them into floats, and nanoseconds since 1970 into
    other instants); other numbers become numpy columns.
    """
    t = col.type
    if pa.types.is_integer(t) and col.null_count:
        return col.to_pandas(types_mapper=pd.ArrowDtype)
    if pa.types.is_timestamp(t) and t.unit != "ns":
        try:
            col = pc.cast(col, pa.timestamp("ns", t.tz))
        except pa.ArrowInvalid:  # out of the nanosecond range
            col = pc.cast(col, pa.string())
    return col.to_pandas()


def _partition_of(ids: Any, parts: int) -> np.ndarray:
    """A stable partition number per row from its vehicle id (CRC-32 of the id's text; null: partition 0)."""
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    enc = ids.dictionary_encode()
    table = np.array(
        [0 if v is None else zlib.crc32(v.encode("utf-8")) % parts for v in enc.dictionary.to_pylist()] or [0],
        dtype=np.int64,
    )
    codes = pc.fill_null(enc.indices, 0).to_numpy(zero_copy_only=False)
    return table[codes]


def _table_events(
    model: Model, table: pa.Table, names: tuple[str, str], time_name: str = "time", **options: Any
) -> Events[pd.DataFrame]:
    """The events of a partition's table (:func:`_chunk_table`'s columns) through :func:`avzone.events.track_events`.

    ``time_name``: the input's time column, which the time reader's messages name (the table's is ``time``).

    The status codes are a copy of the table's column: the locator gives
    statuses in place (a swapped fix), and an array read from Arrow is
    read-only.
    """

    def floats(name: str) -> np.ndarray:
        return np.asarray(table.column(name).to_numpy(), dtype=float)

    pts = Points(
        lon=floats("lon"),
        lat=floats("lat"),
        x=floats("x"),
        y=floats("y"),
        codes=np.array(table.column("code").to_numpy(), dtype=np.uint8),  # a writable copy
        crs=WGS84,
        index=None,
        names=names,
    )
    ids = table.column("id").to_pandas()
    times = partition_times(table.column("time")).rename(time_name)
    rows = pd.Index(np.asarray(table.column("row").to_numpy(), dtype=np.int64))
    return track_events(model, ids, times, pts, rows, **options)


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
    chunk_rows: int,
    time_unit: str | None = None,
    out_encoding: str | None = None,
) -> EventsSummary:
    names = (source.lon_name, source.lat_name)
    options: dict[str, Any] = {"max_gap_s": max_gap_s, "max_gap_m": max_gap_m, "zones": zones, "threads": threads}
    options["time_unit"] = time_unit
    report = EventsSummary(str(src), str(dst), notes=list(source.notes))
    if source.encoding is not None:
        report.encoding, report.encoding_detected = source.encoding.name, source.encoding.detected
    if source.dialect is not None:
        report.delimiter, report.delimiter_detected = source.dialect.delimiter, source.dialect.detected

    def csv_text(path: Path) -> tuple[str | None, CsvDialect | None]:
        """A CSV output's text encoding and dialect (:func:`_csv_text`), None for Parquet."""
        return _csv_text(path, source, out_encoding)

    texts = {str(p): csv_text(Path(p))[0] for p in (dst, summary, annotate) if p is not None}
    report.output_encoding = next((t for t in texts.values() if t is not None), None)
    report.csv_outputs = tuple(p for p, t in texts.items() if t is not None)
    report.summary_output = None if summary is None else str(summary)
    report.annotate_output = None if annotate is None else str(annotate)
    statuses: dict[str, int] = {}
    status_codes: np.ndarray | None = None
    used: np.ndarray | None = None
    tmp = Path(tempfile.mkdtemp(prefix="avzone-events-"))
    try:
        # pass 1: chunks -> vehicle buckets (or one table in memory). Each chunk becomes one file with a row group
        # per bucket, so only one file is open at a time, whatever the number of buckets.
        tables: list[pa.Table] = []
        groups: list[dict[int, int]] = []  # per chunk file: bucket -> row group
        schema: pa.Schema | None = None
        rows = 0
        span: zonetime.TimeSpan | None = None  # the time column's, over every chunk
        unit_counts = (0, 0)  # the time column's numbers and other values given (zonetime.unit_use)
        buckets = parts * BUCKETS_PER_PARTITION if parts > 1 else 1
        bucket_rows = np.zeros(buckets, dtype=np.int64)
        # the first rows of each status a summary names with their values: a coordinate's found as read (its
        # text is not kept in the partitions), a time's in the partitions (:func:`avzone.rowexamples.frame_examples`)
        wanted = batch.example_statuses(names, source.coordinate_columns, time_col)
        time_wanted = {TIME_LABELS[k]: wanted.pop(k) for k in [TIME_INVALID] if k in wanted}
        found: batch.Found = {}
        read_notes: list[Any] = []  # (the chunks' points' notes: float32 coordinates' step)
        # a file read the wrong way round (swapped columns, degrees or metres): refused, as `avzone locate` and
        # `avzone map` refuse it, before anything is written, judged on its first MISREAD_ROWS rows whatever the
        # chunks (a first chunk of rows without a position does not decide alone)
        for chunk in misread_checked(model, source.chunks, src, names, source.geometry):
            # (a chunk: the file judged above; in the input's CRS: the partitions keep WGS84 only)
            mark_misread(chunk.points, model.bounds, whole=False)
            if chunk.points.notes:  # (float32 coordinates: one note for the file, as the locate job gives it)
                read_notes = merged_notes([*read_notes, *chunk.points.notes])
            if wanted:
                counts = np.bincount(chunk.points.codes, minlength=256)
                present = [code for code in wanted if counts[code]]
                if present:
                    batch.frame_examples(
                        found, chunk.points.codes, rows, batch.arrow_values(chunk.columns), wanted, present,
                        chunk.points.labels.__getitem__, in_order=True,
                    )  # fmt: skip
            table = _chunk_table(chunk, id_col, time_col, rows)
            if time_unit is not None:  # (whether the unit applies to any value: judged over the whole column)
                use = zonetime.unit_use(chunk.columns.column(time_col))
                unit_counts = (unit_counts[0] + use[0], unit_counts[1] + use[1])
            rows += table.num_rows
            schema = schema or table.schema
            table = table.cast(schema)
            if parts > 1:  # the time rules judge the whole column, not a partition (zonetime.TimeSpan)
                chunk_span = zonetime.time_span(partition_times(table.column("time")), time_unit, time_col)
                span = chunk_span if span is None or chunk_span is None else span + chunk_span
            if parts == 1:
                tables.append(table)
                continue
            part = _partition_of(table.column("id"), buckets)
            bucket_rows += np.bincount(part, minlength=buckets)
            order = np.argsort(part, kind="stable")
            bounds = np.searchsorted(part[order], np.arange(buckets + 1))
            table = table.take(pa.array(order))
            index: dict[int, int] = {}
            # (dictionary encoding for the ids only: tried on every column it cost more than the rest of the
            # write and made the file larger)
            with pq.ParquetWriter(tmp / f"chunk-{len(groups)}.parquet", schema, use_dictionary=["id"]) as w:
                for k in np.flatnonzero(np.diff(bounds)).tolist():
                    index[k] = len(index)
                    w.write_table(table.slice(int(bounds[k]), int(bounds[k + 1] - bounds[k])), row_group_size=1 << 62)
            groups.append(index)
            del table
        options["time_span"] = span
        report.notes += [n for n in read_notes if n not in report.notes]
        batches = _pack(bucket_rows, chunk_rows) if parts > 1 else [[0]]
        report.rows = rows
        report.partitions = max(1, len(batches))
        if annotate is not None:
            status_codes = np.zeros(rows, dtype=np.uint16)
            used = np.zeros(rows, dtype=bool)
        ids_seen = 0
        distinct_ids: list[Any] = []  # (every partition's: ids written alike may fall in different partitions)
        # every output is renamed into place only when all of them were written (the annotated rows included)
        # (one transaction: :func:`avzone._atomic.atomic_outputs`; the writers are released before it ends)
        with atomic_outputs(src) as outputs, ExitStack() as stack:
            ids = source_ids(source.schema, id_col)  # (the input's integer ids stay integers in Parquet, GeoPackage)
            out_events = _Writer(outputs.add(dst), *csv_text(dst), layer=dst.stem, ids=ids)
            stack.callback(out_events.abort)  # (before its temporary file is removed)
            out_summary = None
            if summary is not None:
                out_summary = _Writer(
                    outputs.add(Path(summary)), *csv_text(Path(summary)), layer=Path(summary).stem, ids=ids
                )
                stack.callback(out_summary.abort)
            out_annotate = None if annotate is None else outputs.add(Path(annotate))
            if parts == 1:
                pieces: Any = [pa.concat_tables(tables)] if tables else []
                tables = []
            else:
                pieces = (_read_buckets(tmp, groups, batch) for batch in batches)
            empty: Events[pd.DataFrame] | None = None
            _release_memory()
            held: list[tuple[Path, Path | None]] = []  # per partition: its events and summary, for the merge
            for p, piece in enumerate(pieces):
                first = None if parts == 1 else first_rows(piece.column("id").to_pandas(), piece.column("row"))
                res = _table_events(model, piece, names, time_col, **options)
                empty = empty or res
                if first is None:
                    out_events.write(res.events)
                    if out_summary is not None:
                        out_summary.write(res.summary)
                else:  # held until every partition is done, then merged in order of the vehicles' first rows
                    held.append(
                        (
                            _hold(tmp / f"events-{p}.parquet", res.events, first),
                            None if out_summary is None else _hold(tmp / f"summary-{p}.parquet", res.summary, first),
                        )
                    )
                ids_seen += res.summary["id"].nunique()
                distinct_ids.extend(res.summary["id"].unique().tolist())  # (a vehicle's rows: in one partition)
                report.events.update(res.events["event"].value_counts().to_dict())
                rejected = res.rejected()
                report.rejected.update(rejected)
                if timed := [status for status in time_wanted if status in rejected]:
                    numbers = res.rows.index.to_numpy(dtype=np.int64)
                    values = time_values(piece, time_col)
                    batch.frame_examples(found, res.rows["status"], numbers, values, time_wanted, timed)
                if status_codes is not None and used is not None:
                    codes = [statuses.setdefault(s, len(statuses)) for s in res.rows["status"].unique()]
                    lookup = dict(zip(res.rows["status"].unique(), codes))
                    row_numbers = res.rows.index.to_numpy(dtype=np.int64)
                    status_codes[row_numbers] = res.rows["status"].map(lookup).to_numpy(dtype=np.uint16)
                    used[row_numbers] = res.rows["used"].to_numpy(dtype=bool)
                del res, piece
                _release_memory()
            if held:
                _merge_by_first([e for e, _ in held], out_events, chunk_rows)
                if out_summary is not None:
                    _merge_by_first([h for _, h in held if h is not None], out_summary, chunk_rows)
            if empty is None:
                empty = _table_events(model, _empty_table(), names, time_col, **options)
            out_events.close(empty.events)
            if out_summary is not None:
                out_summary.close(empty.summary)
            for out, target in ((out_events, dst), (out_summary, summary)):  # (a GeoPackage's -0.0: 0.0 there)
                if out is not None and (zeros := batch.gpkg_zeros_note(str(target), out.negative_zeros)) is not None:
                    report.notes.append(zeros)
                if out is not None and (as_text := ids_text_note(target, ids)) is not None:  # (uint64 ids: text)
                    report.notes.append(as_text)
            if out_annotate is not None and status_codes is not None and used is not None:
                with reopen() as again:
                    if (renamed := batch.renamed_note(list(again.schema.names), ["status", "used"])) is not None:
                        report.notes.append(renamed)  # (the input has columns of those names: status_2, ...)
                    notes = _write_annotate(
                        out_annotate, again, status_codes, used, statuses, out_encoding, model.bounds, annotate
                    )
                report.notes += notes  # (GeoJSON geometries a Parquet output's WKB cannot hold, a GeoPackage's -0.0)
        report.vehicles = ids_seen
        report.examples = batch.placed_examples(batch.row_examples(found, time_unit), source)  # (row 2, line 4)
        header = source.dialect.skip + 1 if source.dialect is not None else None
        report.row_numbering = batch.numbering_message(header, batch.numbering_kind(source))
        if (alike := lookalike_ids_note(distinct_ids)) is not None:  # (over the whole file, not a partition)
            report.notes.append(alike)
        if (unused := zonetime.unit_unused_note(time_unit, time_col, *unit_counts)) is not None:
            report.notes.append(unused)  # (a unit given for a column of text without a number: the whole column's)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report.events = Counter({str(k): int(v) for k, v in report.events.items()})
    return report


def time_values(piece: pa.Table, time_col: str) -> Callable[[str, np.ndarray], list[Any]]:
    """:func:`avzone.rowexamples.frame_examples`' values of a partition's time column (``time``), which the input calls
    ``time_col``: as read, text as it is."""
    return lambda name, at: piece.column("time").take(pa.array(at, pa.int64())).to_pylist()


#: Vehicle buckets written per partition: the buckets are packed into partitions of at most ``chunk_rows`` rows.
BUCKETS_PER_PARTITION = 4


def _pack(bucket_rows: np.ndarray, limit: int) -> list[list[int]]:
    """Consecutive buckets grouped into partitions of at most ``limit`` rows (a bucket larger than that alone)."""
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    for k, r in enumerate(bucket_rows.tolist()):
        if r == 0:
            continue
        if current and size + r > limit:
            batches.append(current)
            current, size = [], 0
        current.append(k)
        size += r
    if current:
        batches.append(current)
    return batches


#: The column of the held events and summary rows that orders them: their vehicle's first input row.
_FIRST = "_first"


def first_rows(ids: pd.Series, rows: np.ndarray) -> pd.Series:
    """Each vehicle id's first row number (``rows``: the rows' numbers, in input order), indexed by the id."""
    frame = pd.DataFrame({"id": np.asarray(ids, dtype=object), "row": np.asarray(rows, dtype=np.int64)})
    frame = frame[frame["id"].notna()].drop_duplicates("id")
    return pd.Series(frame["row"].to_numpy(), index=pd.Index(frame["id"], dtype=object))


def in_first_order(frame: pd.DataFrame, first: pd.Series) -> pd.Series:
    """The first row of each row's vehicle in ``frame`` (an events or summary frame), from :func:`first_rows`."""
    return pd.Series(first.reindex(pd.Index(np.asarray(frame["id"], dtype=object))).to_numpy(), index=frame.index)


def _hold(path: Path, frame: pd.DataFrame, first: pd.Series) -> Path:
    """Write a partition's events or summary rows to ``path`` with their vehicle's first row, in that order.

    (A partition's rows are its buckets one after another, so its vehicles
    are not in order of their first rows; the sort is stable: each
    vehicle's rows keep their order.)
    """
    table = _arrow_table(frame)
    at = pa.array(in_first_order(frame, first).to_numpy(dtype=np.int64), pa.int64())
    table = table.append_column(_FIRST, at)
    pq.write_table(table.take(pc.sort_indices(at)), path)
    return path


#: At most this many held files are merged at once (each is an open file): more are merged in rounds.
MERGE_FILES = 64


def _merge_by_first(files: list[Path], writer: _Writer, batch_rows: int) -> None:
    """The rows of ``files`` (each in order of its vehicles' first rows, no vehicle in two) written in that order.

    So the streamed job lists the vehicles in order of first appearance, as
    the in-memory job and :func:`avzone.events.events` do, whatever bucket
    each fell in. At most :data:`MERGE_FILES` files are open at once: more
    are first merged in groups into files beside them, in rounds (an input of
    thousands of partitions ran out of file handles). Memory: about
    ``batch_rows`` rows.
    """
    level = 0
    while len(files) > MERGE_FILES:
        merged = []
        for g in range(0, len(files), MERGE_FILES):
            group = files[g : g + MERGE_FILES]
            out = group[0].with_name(f"{group[0].stem}-merged-{level}-{g}.parquet")
            schema = pq.read_schema(group[0])
            with pq.ParquetWriter(out, schema) as w:

                def into(rows: pa.Table, w: pq.ParquetWriter = w, schema: pa.Schema = schema) -> None:
                    w.write_table(rows.cast(schema))

                _merge(group, into, batch_rows)
            for f in group:
                f.unlink()
            merged.append(out)
        files, level = merged, level + 1
    _merge(files, lambda rows: writer.write_table(rows.drop_columns([_FIRST])), batch_rows)


def _merge(files: list[Path], write: Callable[[pa.Table], None], batch_rows: int) -> None:
    """:func:`_merge_by_first` of a few files (all open at once), their rows given to ``write`` with their keys.

    A merge of the files' batches (memory: a batch of each file): each round
    takes from every file the rows up to the smallest last key of the files'
    current batches, which all come before the rows left; a vehicle's rows
    keep their order (a stable sort, and each vehicle in one file).
    """
    per_file = max(1024, batch_rows // max(1, len(files)))
    readers: list[Iterator[pa.RecordBatch] | None] = [
        pq.ParquetFile(f).iter_batches(batch_size=per_file) for f in files
    ]
    heads: list[pa.Table | None] = [None] * len(files)
    while True:
        live: dict[int, pa.Table] = {}
        for j, reader in enumerate(readers):
            head = heads[j]
            while reader is not None and (head is None or head.num_rows == 0):
                batch = next(reader, None)
                if batch is None:  # this file is done
                    readers[j] = reader = head = None
                else:
                    head = pa.Table.from_batches([batch])
            heads[j] = head
            if head is not None:
                live[j] = head
        if not live:
            return
        bound = min(head.column(_FIRST)[-1].as_py() for head in live.values())
        taken = []
        for j, head in live.items():
            cut = int(np.searchsorted(head.column(_FIRST).to_numpy(), bound, side="right"))
            if cut:
                taken.append(head.slice(0, cut))
                heads[j] = head.slice(cut)
        rows = pa.concat_tables(taken)
        write(rows.take(pc.sort_indices(rows.column(_FIRST))))  # (stable)


def _read_buckets(tmp: Path, groups: list[dict[int, int]], batch: list[int]) -> pa.Table:
    """The rows of buckets ``batch``: their row groups in every chunk file, in chunk order."""
    tables = []
    for c, index in enumerate(groups):
        wanted = [index[k] for k in batch if k in index]
        if wanted:
            tables.append(pq.ParquetFile(tmp / f"chunk-{c}.parquet").read_row_groups(wanted))
    return pa.concat_tables(tables)


def _release_memory() -> None:
    """Give the memory of the partition just done back to the system before the next one.

    Without this the C allocator keeps the freed arrays' pages (its
    threshold for mapping large blocks rises after the first is freed) and
    the peak creeps up partition after partition.
    """
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None on other C libraries."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _id_text(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def _time_text(col: Any) -> pa.Array:
    """Times that are neither timestamps nor text as text (``str`` of each value as pandas gives it; null stays
    null: a date column's missing day is a missing time, not the whole job's failure)."""
    null = np.asarray(col.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    values = col.to_pandas().to_numpy(dtype=object)
    return pa.array([None if n else str(v) for v, n in zip(values.tolist(), null.tolist())], pa.string())


def _empty_table() -> pa.Table:
    return pa.table(
        {
            "row": pa.array([], pa.int64()),
            "id": pa.array([], pa.string()),
            "time": pa.array([], pa.string()),
            "lon": pa.array([], pa.float64()),
            "lat": pa.array([], pa.float64()),
            "x": pa.array([], pa.float64()),
            "y": pa.array([], pa.float64()),
            "code": pa.array([], pa.uint8()),
        }
    )


def _csv_text(path: Path, source: Source, given: str | None) -> tuple[str | None, CsvDialect | None]:
    """A CSV output's text encoding (``given``, else the CSV input's, else UTF-8) and delimiter and line ending
    (the CSV input's; a tab for ``.tsv``); ``(None, None)`` for Parquet."""
    if file_format(path, "output") != "csv":
        return None, None
    return batch.output_encoding(path, source, given), output_dialect(path, source)


def _write_annotate(
    path: Path,
    source: Source,
    codes: np.ndarray,
    used: np.ndarray,
    statuses: dict[str, int],
    out_encoding: str | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    target: str | Path | None = None,
) -> list[Message]:
    """The input's rows and columns, in order, with ``status`` and ``used`` appended (read again, in chunks).

    ``path`` is the output's temporary file (:func:`avzone._atomic.atomic_outputs`), ``target`` the file it becomes
    (named by the notes; default ``path``).
    A CSV output is written in ``out_encoding``, default the CSV input's
    encoding (a BOM kept), with its delimiter and line ending
    (:func:`avzone.batch.output_dialect`). A GeoPackage output keeps a GeoPackage's (or GeoJSON's, GeoParquet's)
    geometries in their CRS, and puts the rows of coordinate columns at their WGS84 points, as ``avzone locate``
    writes them: none where the point is not usable, read the wrong way round or at (0, 0) for the dataset's
    ``bounds`` (:func:`avzone.points.mark_misread`). Returns the summary's notes of what the output could not
    hold as given (GeoJSON geometries a Parquet output's WKB cannot hold, a GeoPackage's -0.0), as the locate job
    notes them (:func:`avzone.batch.output_notes`).
    """
    table = np.empty(max(len(statuses), 1), dtype=object)
    for text, c in statuses.items():
        table[c] = text
    fmt = file_format(path, "output")
    source = batch.index_first(source, fmt)  # (a stored pandas index first, as pandas writes it there)
    added = [pa.field("status", pa.string()), pa.field("used", pa.bool_())]  # (renamed beside an input's own)
    encoding, dialect = _csv_text(path, source, out_encoding)
    sink = RowsSink(path, fmt, source, added, encoding=encoding, dialect=dialect)
    try:
        start = 0
        for chunk in source.chunks:
            stop = start + chunk.columns.num_rows
            status = pa.array(table[codes[start:stop]].tolist(), pa.string())
            if sink.points_column is not None:  # (each row at its point, as the locate job has it)
                mark_misread(chunk.points, bounds, whole=False)  # (a chunk: the file judged when read)
            sink.write_rows(chunk, [status, pa.array(used[start:stop])])
            start = stop
    except BaseException:  # the job failed: release the writer, keep the first error
        sink.abort()
        raise
    sink.close()
    return output_notes(sink, path if target is None else target)


#: The catalogue key of each event kind's name (the kinds of avzone.events).
_EVENT_KINDS = {"enter": "event_enter", "exit": "event_exit", "gap": "event_gap"}


def _kind(kind: str) -> i18n.Named:
    """An event kind as a summary names it: ``enter`` in English, 驶入（enter） in Chinese (the kind a file holds)."""
    key = _EVENT_KINDS.get(kind)
    return i18n.Named(kind, None if key is None else f"{i18n.text(key, 'zh')}（{kind}）")

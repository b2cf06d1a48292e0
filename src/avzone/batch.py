"""File jobs: classify every row of a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file.

Every input row and column is kept, in order; the job appends one
``in_<layer id>`` column per zone layer and a ``status`` column. A row that
cannot be classified (missing, non-numeric, non-finite or out-of-range
coordinates) keeps its place with empty ``in_*`` cells and a ``status`` that
says why. CSV, Parquet, GeoPackage and Shapefile are streamed in chunks, so
memory stays flat however large the file. A GeoPackage or Shapefile layer is
read through GDAL (pyogrio, :func:`_ogr_source`); a GeoPackage output is a
layer of the input's geometries in their CRS (:class:`GpkgWriter`); a
Shapefile output is refused (write ``.gpkg``).

CSV files are read in their text encoding, given or detected (UTF-8 with or
without BOM, UTF-16/UTF-32 with or without BOM, GB18030/GBK, Big5,
Shift-JIS, EUC-KR, EUC-JP, Windows code page 936: :func:`detect_encoding`), and a CSV output is written in the
input's encoding, byte order and BOM unless another is asked for
(:func:`output_encoding`). A CSV file's delimiter (comma, semicolon, tab or
pipe, or the one an Excel ``sep=;`` first line gives) is given or detected,
and its line ending detected (:func:`detect_dialect`); a CSV output keeps
them, the ``sep=`` line (:func:`output_dialect`) and its cells' quotes (:class:`CsvWriter`).
``.tsv`` and ``.tab`` files are CSV with tabs. Coordinate columns are found
by their usual Chinese and English names (:func:`detect_columns`).
"""

from __future__ import annotations

import atexit
import codecs
import contextvars
import csv
import datetime as dt
import decimal
import io
import itertools
import json
import math
import queue
import re
import secrets
import sys
import threading
import time
import uuid
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from avzone import i18n
from avzone._atomic import atomic_output, check_target
from avzone._jit import kernel  # numba.njit, applied on first use
from avzone._parts import (
    FORMATS,
    _special_file,
    one_line,
    row_in_parts,
    spark_int96_columns,
    unreadable_parquet,
    unreadable_parquet_file,
)
from avzone._pointtext import (
    SAMPLE_ROWS,
    find_point_column,
    first_point,
    given_point_kind,
    not_points_error,
    point_col_crs,
    point_col_hint,
    refuse_late_srid,
    sample_rows,
    text_points,
)
from avzone.columns import (  # (names kept here: the column rules of every file job)
    crs_note,
    datum_notes,
    find_coordinate_column,
    found_roles,
    no_track_column,
    output_names,
    refuse_one_column_for_both,
)
from avzone.crs import (
    WGS84,
    _names_own_crs,
    check_override_crs,
    crs_short_name,
    declared_or_given,
    geojson_declared_crs,
    names_crs,
    normalize_crs,
    shifted_crs,
    to_wgs84,
)
from avzone.dataset import _DuplicateKey, _unique_keys
from avzone.errors import AvzoneError, CRSError, InputError
from avzone.i18n import Job, Joined, Message, Option, Quoted, json_reason, option_choices, options_together
from avzone.locate import Located, locate_many
from avzone.points import (
    BARE_GEOJSON,
    HEADER_AGAIN,
    MISREAD_ROWS,
    NO_POINT_GEOMETRY,
    OK,
    Points,
    by_status,
    from_columns,
    geojson_points,
    geojson_seq,
    geometry_xy,
    is_wgs84,
    mark_misread,
    merged_notes,
    metre_crs_fields,
    minutes_degrees,
    misreading,
    refuse_half_floats,
    refuse_two_roles,
    rows_of,
    with_float32_note,
)
from avzone.rowexamples import (
    Found,
    RowExample,
    example_statuses,
    examples_text,
    frame_examples,
    row_examples,
)

if TYPE_CHECKING:
    from avzone.model import Model

#: The formats read through GDAL (pyogrio), a layer at a time: GeoPackage and Shapefile (:func:`_ogr_source`).
OGR_FORMATS = ("gpkg", "shp")
#: The formats whose geometry column holds WKB (GeoArrow points too, in GeoParquet): read by :func:`_geometry_points`.
WKB_FORMATS = ("parquet", *OGR_FORMATS)
#: The extensions of CSV files whose delimiter is a tab.
TAB_SUFFIXES = (".tsv", ".tab")
#: Spreadsheets (Excel, WPS, LibreOffice, Numbers): not read or written; their message says how to go through CSV.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods", ".numbers")
#: Newline-delimited GeoJSON (GeoJSONSeq, RFC 8142: one Feature a line): not read; their message says how to convert.
GEOJSONSEQ_SUFFIXES = (".geojsonl", ".geojsons", ".geojsonseq", ".ndjson", ".jsonl")
DEFAULT_CHUNK_ROWS = 1_000_000


def file_format(path: Path, role: str, *, tables: bool = False) -> str:
    """``csv``, ``geojson``, ``parquet``, ``gpkg`` or ``shp`` from a file's extension (an output ``.shp`` is refused,
    naming the ``.gpkg`` to write instead) (a folder is refused as such; an input with
    no known extension that does not exist, as missing). ``tables``: a file of events, summaries or rows, which
    only CSV, Parquet and GeoPackage hold (an unknown extension is told those only; :func:`table_format` refuses
    GeoJSON)."""
    known = {ext: f for ext, f in FORMATS.items() if not tables or f in ("csv", "parquet", "gpkg")}
    if role == "output":  # (a Shapefile is read, not written: its 10-character field names, its sidecar files)
        known = {ext: f for ext, f in known.items() if f != "shp"}
    fmt = FORMATS.get(path.suffix.lower())
    if fmt == "shp" and role == "output" and not path.is_dir():
        raise InputError(Message("err_shapefile_output", file=path, gpkg=path.with_suffix(".gpkg").name))
    if path.is_dir() and role == "output":  # (whatever its name: a folder named out.csv is no CSV file)
        raise InputError(Message("err_output_is_folder", file=path))
    if path.is_dir():
        raise InputError(
            Message(
                "err_folder_not_file",
                file=path,
                choices=Joined(sorted(FORMATS), "comma"),
                dask=Message("err_folder_dask", locate=Job("locate", "local"), events=Job("events", "local")),
            )
        )
    if fmt is None and role != "output" and not path.exists():  # (no file: its name is not what is wrong)
        raise InputError(Message("err_no_such_file", file=path))
    if fmt is None:
        hint: Message | str = ""  # (a spreadsheet: how to go through CSV)
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and role == "output":
            hint = Message("err_spreadsheet_output", option=Option("output_encoding", "utf-8-sig"))
        elif path.suffix.lower() in SPREADSHEET_SUFFIXES:
            hint = Message("err_spreadsheet_input")
        elif path.suffix.lower() in GEOJSONSEQ_SUFFIXES and role != "output":
            hint = Message("err_geojsonseq_input")
        raise InputError(
            Message(
                "err_unknown_extension",
                file=path,
                role=Message("role_output" if role == "output" else "role_input"),
                ext=path.suffix,
                choices=Joined(sorted(known), "comma"),
                hint=hint,
            )
        )
    return fmt


def table_format(path: Path, *, rows: bool = True) -> str:
    """``csv``, ``parquet`` or ``gpkg``: the format of an output of events, summaries or (``rows``) annotated rows
    (:func:`file_format`); a GeoJSON name is refused naming the file: these are tables (a GeoPackage holds a layer
    of points, the events' crossings and the rows', or a table without geometry, the summary's)."""
    fmt = file_format(path, "output", tables=True)
    if fmt == "geojson":
        raise InputError(Message("err_tables_only_rows" if rows else "err_tables_only", file=path))
    return fmt


def zone_titles(model: Model) -> dict[str, str]:
    """Each zone layer's title in Chinese (its ``title_zh``; else its English title, else its id), as a file job's
    summary names the zone in Chinese: ``1 行在 北京经开区核心区 内``, where English has the id (``1 inside core``)."""
    return {z: i18n.layer_title(model, z, "zh") for z in model.zone_layers}


@dataclass
class Summary:
    """What a file job did: rows read, rows inside each zone, rejections by reason."""

    input: str
    output: str
    rows: int = 0
    inside: dict[str, int] = field(default_factory=dict)
    rejected: Counter = field(default_factory=Counter)
    #: each zone of ``inside`` as the text in Chinese names it: its layer's ``title_zh`` (:func:`zone_titles`)
    titles_zh: dict[str, str] = field(default_factory=dict)
    lon_col: str | None = None
    lat_col: str | None = None
    encoding: str | None = None  # a CSV input's text encoding
    encoding_detected: bool = False
    output_encoding: str | None = None  # a CSV output's text encoding
    delimiter: str | None = None  # a CSV input's delimiter
    delimiter_detected: bool = False
    output_delimiter: str | None = None  # a CSV output's delimiter
    notes: list[str] = field(default_factory=list)
    point_text: bool = False  # the points were read as text from one column (lon_col, lat_col: Source.point_col)
    #: the first rows of each status whose values could not be read, and why (:func:`row_examples`), and what
    #: their row numbers are (:func:`numbering_message`)
    examples: dict[str, list[RowExample]] = field(default_factory=dict)
    row_numbering: Message | None = None

    @property
    def rejected_rows(self) -> int:
        return int(sum(self.rejected.values()))

    @property
    def time_rows(self) -> int:
        """The rows whose point was classified but whose time is not usable (a ``--time-col`` job): their ``in_*``
        columns are answered, only ``zone_in_force`` and ``in_force`` are empty."""
        return int(sum(n for reason, n in self.rejected.items() if reason in _time_statuses()))

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The summary as ``avzone locate --input ... --json`` prints it, its texts for people (each value's
        ``why``, the ``notes``) in ``lang``; its keys, statuses, columns and values as they are in any language.

        ``rows_not_ok`` and ``rows_by_status`` (the rows whose ``status`` is
        not ``ok``, and their count by status) are the keys of ``avzone events
        --json`` too; ``rejected`` and ``rejected_by_reason`` are the same
        numbers, kept for scripts written for them. ``classified`` counts the
        rows whose point was located, a row whose time alone is not usable
        (status ``missing time``...) among them: its ``in_*`` columns are answered.
        """
        return (
            {
                "input": self.input,
                "output": self.output,
                "rows": self.rows,
                "classified": self.rows - self.rejected_rows + self.time_rows,  # (a time not usable: still classified)
                "inside": dict(self.inside),
                "rows_not_ok": self.rejected_rows,
                "rows_by_status": dict(by_status(self.rejected)),
                "rejected": self.rejected_rows,
                "rejected_by_reason": dict(by_status(self.rejected)),
            }
            | examples_info(self.examples, self.rejected, lang)
            | self._text_info(lang)
        )

    def _text_info(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.encoding is not None:
            out["encoding"] = self.encoding
            out["encoding_detected"] = self.encoding_detected
        if self.output_encoding is not None:
            out["output_encoding"] = self.output_encoding
        out |= delimiter_info(self.delimiter, self.delimiter_detected, self.output_delimiter)
        if self.notes:
            out["notes"] = [i18n.json_text(n, lang) for n in self.notes]  # (a note may be a Message)
        return out

    def text(self, lang: str = "en") -> str:
        """What the job did, for a person, in ``lang`` (the reasons rows were rejected: their statuses as messages
        quote them, :func:`avzone.events.status_named`)."""
        from avzone.events import status_named

        if self.point_text:
            source = i18n.text("source_point_col", lang, column=self.lon_col)
        elif self.lon_col == self.lat_col:
            source = i18n.text("source_geometry", lang, column=self.lon_col)
        else:
            source = i18n.text("source_columns", lang, lon=self.lon_col, lat=self.lat_col)
        encoding = ""
        if self.encoding is not None:
            key = "source_encoding_detected" if self.encoding_detected else "source_encoding"
            encoding = i18n.text(key, lang, encoding=self.encoding)
        encoding += delimiter_text(self.delimiter, self.delimiter_detected, lang)
        rows = f"{self.rows:,}"
        key = "locate_read_1" if self.rows == 1 else "locate_read"
        lines = [i18n.text(key, lang, rows=rows, file=self.input, source=source, encoding=encoding)]
        for z, n in self.inside.items():
            zone = i18n.Named(z, self.titles_zh.get(z)).text(lang)  # (in Chinese the zone's title, not its id)
            lines.append(i18n.text("locate_inside", lang, n=f"{n:,}", zone=zone))
        # the rows not classified (their point), then those classified without the zone in force (their time)
        times = _time_statuses()
        unplaced = self.rejected_rows - self.time_rows
        key = "locate_rejected_1" if unplaced == 1 else "locate_rejected"
        lines.append(i18n.text(key, lang, n=f"{unplaced:,}"))
        ranked = by_status(self.rejected)
        for reason, n in ranked:
            if reason not in times:
                lines.append(i18n.text("count_reason", lang, n=f"{n:,}", reason=status_named(reason)))
                lines += examples_text(self.examples.get(reason, []), n, lang)
        if self.time_rows:
            key = "locate_no_time_1" if self.time_rows == 1 else "locate_no_time"
            lines.append(i18n.text(key, lang, n=f"{self.time_rows:,}"))
            for reason, n in ranked:
                if reason in times:
                    lines.append(i18n.text("count_reason", lang, n=f"{n:,}", reason=status_named(reason)))
                    lines += examples_text(self.examples.get(reason, []), n, lang)
        if self.examples and self.row_numbering is not None:
            lines.append(i18n.text("examples_numbering", lang, numbering=self.row_numbering))
        if self.output_encoding:
            lines.append(i18n.text("written_to_encoding", lang, file=self.output, encoding=self.output_encoding))
        else:
            lines.append(i18n.text("written_to", lang, file=self.output))
        if self.output_delimiter not in (None, ",", self.delimiter):
            lines[-1] += i18n.text("output_delimiter", lang, delimiter=delimiter_label(self.output_delimiter))
        lines += [i18n.text("note", lang, note=n) for n in self.notes]
        return "\n".join(lines)


#: The rows of a CSV file whose file lines a job's summary says (:func:`placed_examples`): the first million.
ROW_LINES_MAX_ROWS = 1_000_000


def placed_examples(examples: dict[str, list[RowExample]], source: Source) -> dict[str, list[RowExample]]:
    """``examples`` with the lines of a CSV file each row is on (:func:`row_lines`: the file read again for these
    few rows alone), as ``avzone map`` names its rows: ``row 2 (line 4)``; with the part of a folder of Parquet
    parts each row is in and its row there (:func:`in_parts`); as they are for other files, and for
    rows past the first :data:`ROW_LINES_MAX_ROWS` (finding a line that far down would read the file again at
    Python's csv speed: the row number alone is said)."""
    if source.parts is not None:
        return in_parts(examples, *source.parts)
    if source.fmt != "csv" or source.encoding is None or source.dialect is None or not examples:
        return examples
    d = source.dialect
    rows = [e.row for ex in examples.values() for e in ex if e.row < ROW_LINES_MAX_ROWS]
    found = row_lines(source.path, source.encoding.name, rows, d.delimiter, d.skip)
    return {status: [replace(e, lines=found.get(e.row)) for e in ex] for status, ex in examples.items()}


def in_parts(examples: dict[str, list[RowExample]], files: list[str], rows: list[int]) -> dict[str, list[RowExample]]:
    """``examples``, numbered over the rows of the parts ``files`` in order (each of ``rows`` rows), each with its part
    and its row there (from 0): ``row 25 (row 5 of in/part-1.parquet)``, as both engines name them."""
    starts = np.cumsum([0, *rows])

    def placed(e: RowExample) -> RowExample:
        k = int(np.searchsorted(starts, e.row, side="right")) - 1
        return e if not 0 <= k < len(files) else replace(e, part=(files[k], e.row - int(starts[k])))

    return {status: [placed(e) for e in ex] for status, ex in examples.items()}


def numbering_kind(source: Source) -> str:
    """What a job's row numbers of ``source`` are (:func:`numbering_message`): a file's, a T-Drive folder's lines
    or a folder of Parquet parts' rows over its parts."""
    return "dataset" if source.parts is not None else "tdrive" if source.fmt == "tdrive" else "file"


def arrow_values(table: Any) -> Callable[[str, np.ndarray], list[Any]]:
    """:func:`frame_examples`' ``columns`` of an Arrow table or record batch: a column's values at positions."""
    return lambda name, at: table.column(name).take(pa.array(at, pa.int64())).to_pylist()


def examples_info(examples: dict[str, list[RowExample]], counts: Mapping[str, int], lang: str = "en") -> dict[str, Any]:
    """A job summary's JSON on the rows it names (``examples_by_status``), said only when it names some: the
    statuses in the order of their counts (``counts``, :func:`by_status`), each value's ``why`` in ``lang``."""
    if not examples:
        return {}
    place = {status: k for k, (status, _) in enumerate(by_status(counts))}
    ranked = sorted(examples, key=lambda status: (place.get(status, len(place)), status))
    return {"examples_by_status": {status: [e.to_dict(lang) for e in examples[status]] for status in ranked}}


def numbering_message(header_line: int | None = None, kind: str = "file") -> Message:
    """What the row numbers a summary names are (the messages the map's legend says it with): a file's rows from 0,
    a CSV file's with the line of its row 0 (``header_line``: its header's, from 1), a T-Drive folder's lines in the
    order read, a dataset's rows over its files."""
    if kind == "file" and header_line is not None:
        return Message("row_numbers_csv", header=f"{header_line:,}", first=f"{header_line + 1:,}")
    return Message(f"row_numbers_{kind}")


def _time_statuses() -> frozenset[str]:
    """The statuses of a row whose point is usable but whose time is not (:meth:`Located.with_time_codes`)."""
    from avzone import points

    codes = (points.TIME_MISSING, points.TIME_INVALID, points.TIME_RANGE, points.TIME_NUMBER, points.TIME_STRAY)
    labels = points.status_labels()  # (the time statuses name no column: the same whatever lon and lat are called)
    return frozenset(labels[c] for c in codes)


def delimiter_label(delimiter: str | None) -> str:
    """A delimiter as a person reads it: ``tab`` for a tab, else the character quoted (``';'``)."""
    return "tab" if delimiter == "\t" else repr(delimiter)


def delimiter_info(delimiter: str | None, detected: bool, output: str | None = None) -> dict[str, Any]:
    """A job summary's JSON on the CSV delimiters: said only when one is not a comma."""
    out: dict[str, Any] = {}
    if delimiter not in (None, ","):
        out["delimiter"] = delimiter
        out["delimiter_detected"] = detected
    if output not in (None, ","):
        out["output_delimiter"] = output
    return out


def delimiter_text(delimiter: str | None, detected: bool, lang: str) -> str:
    """``; delimiter ';'`` (``, detected``) for a summary line, or nothing for a comma."""
    if delimiter in (None, ","):
        return ""
    key = "source_delimiter_detected" if detected else "source_delimiter"
    return i18n.text(key, lang, delimiter=delimiter_label(delimiter))


# -- coordinates and statuses: avzone.points; answers: avzone.locate.locate_many ---------
def annotate(
    model: Model,
    points: Points,
    threads: int = 1,
    *,
    times: Any = None,
    time_unit: str | None = None,
    time_name: str = "times",
    time_span: Any = None,
) -> tuple[Located, list[pa.Array] | None]:
    """Locate a chunk of points (zones only) at their ``times``: what a file job adds to its rows.

    ``times``: the chunk's time column (Arrow; ``time_name`` names it in
    errors), or None. Returns the located
    rows (statuses: :attr:`Located.status_codes`) and, with ``times``, the
    ``zone_in_force`` and ``in_force`` columns (:func:`time_arrays`); a row
    whose time is not usable keeps its point's answers and gets the time's
    status (:meth:`Located.with_time_codes`). The local file job and the dask
    engine both call this. ``time_span``: the whole time column's
    :class:`avzone.zonetime.TimeSpan` when ``times`` are one chunk of it
    (:func:`column_time_span`), so that the column-wide time rules judge the
    column, not the chunk.
    """
    located = locate_many(model, points, threads=threads)
    if times is None:
        return located, None
    ns, tcodes = row_times(times, time_unit, time_name, time_span)
    located = located.with_time_codes(tcodes)
    return located, time_arrays(model, located, ns)


def swapped_check(
    model: Model, points: Points, path: Path | str, cols: tuple[str, str], geometry: str | None = None
) -> None:
    """Refuse a file whose points make sense only read another way (:func:`avzone.points.mark_misread`).

    With lon and lat swapped (:func:`avzone.points.swapped_mask`), or as
    lon/lat degrees where a projected CRS was given
    (:func:`avzone.points.degrees_mask`): most of the points (of the first
    100,000) outside the dataset's area as given, most inside it read so.
    Also (no ``geometry``) metres northing first, as Chinese survey data
    writes X and Y: the columns to swap and the CRSs they fit; and degrees
    times a power of ten, as vehicle terminals report them
    (:func:`degree_scale`); and degrees and minutes run together, as NMEA
    GPS sentences write them (:func:`avzone.points.minutes_fit`); and
    lon/lat with a minus sign for W or S (:func:`avzone.points.signs_dropped_mask`); and radians given as
    degrees (:func:`avzone.points.radians_mask`). The judgement is
    :func:`avzone.points.misreading`'s, by which the library's arrays and the
    HTTP service mark such points instead (:func:`avzone.points.mark_misread`,
    ``whole``); here each reading is worded.
    ``geometry``: the points are a GeoJSON or GeoParquet file's geometries
    (``cols`` are no columns of it): swapped, they are to be written lon
    first.
    """
    if geometry is None and cols[0] == cols[1]:  # one column of points as text: no columns to swap either
        geometry = cols[0]
    sample = points if len(points) <= MISREAD_ROWS else _head(points, MISREAD_ROWS)
    found = misreading(sample, model.bounds, columns=geometry is None)  # (the one judgement: arrays mark by it)
    if found is None:
        return
    kind, given, fit = found.kind, f"{found.given:.0%}", f"{found.fit:.0%}"
    problem = None
    if kind == "swapped" and geometry is not None:  # no columns to swap
        problem = Message("err_swapped_geometries", file=path, given=given, swapped=fit)
    elif kind == "swapped":
        problem = Message(
            "err_swapped_columns", file=path, given=given, swapped=fit, lon=cols[0], lat=cols[1],
            columns=_swapped_columns(cols),
        )  # fmt: skip
    elif kind == "degrees":  # lon/lat degrees with an easting/northing --crs
        problem = Message(
            "err_degrees_columns", file=path, crs=sample.crs_label, given=given, degrees=fit,
            choices=option_choices("crs", ["EPSG:4326", "gcj02", "bd09"]),
        )  # fmt: skip
    elif kind == "signs_dropped":  # a minus sign for W or S: the points lie across the globe, every one "in no zone"
        named = ("lon", "lat") if geometry is not None else cols  # (a geometry's coordinates, no columns)
        negative = [c for c, v in zip(named, (sample.x, sample.y)) if bool(np.any(found.mask & (v < 0)))]
        problem = Message(
            "err_signs_dropped", file=path, given=given, dropped=fit,
            columns=Joined([Quoted.of(c) for c in negative], "and"),
        )  # fmt: skip
    elif kind == "radians":  # radians given as degrees: valid places near (0, 0), every one "in no zone"
        problem = Message(
            "err_radians_columns", file=path, given=given, radians=fit,
            columns=Joined([Quoted.of(c) for c in (("lon", "lat") if geometry is not None else cols)], "and"),
        )  # fmt: skip
    elif kind in ("metres", "metres_swapped", "scaled", "minutes"):  # out of range as lon/lat: numbers of another kind
        out = f"{found.out_share:.0%}"
        if kind == "metres":  # eastings and northings in metres read as lon/lat
            fields = metre_crs_fields(found.guess)
            problem = Message("err_metres_columns", file=path, crs=sample.crs_label, share=out, fit=fit, **fields)
        elif kind == "metres_swapped":  # northing first: Chinese survey data's X (north) and Y (east)
            problem = Message(
                "err_metres_columns_swapped", file=path, crs=sample.crs_label, share=out, fit=fit, lon=cols[0],
                lat=cols[1], columns=_swapped_columns(cols), **metre_crs_fields(found.guess),
            )  # fmt: skip
        elif kind == "scaled":
            problem = Message(
                "err_scaled_degrees", file=path, crs=sample.crs_label, share=out, fit=fit, scale=f"{found.scale:,}"
            )
        else:  # NMEA's degrees and minutes run together (dddmm.mmmm): divided by 100 they look right, and are wrong
            first = int(np.flatnonzero(found.mask if found.out is None else found.out)[0])
            given_xy = (float(sample.x[first]), float(sample.y[first]))
            problem = Message(
                "err_minutes_degrees", file=path, crs=sample.crs_label, share=out, fit=fit, x=given_xy[0],
                y=given_xy[1], lon=round(float(minutes_degrees(np.array([given_xy[0]]))[0]), 6),
                lat=round(float(minutes_degrees(np.array([given_xy[1]]))[0]), 6),
            )  # fmt: skip
    if problem is not None:
        raise InputError(problem)


def joined_points(parts: list[Points]) -> Points:
    """The points of ``parts`` (one CRS, one pair of names) as one :class:`~avzone.points.Points`."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]

    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts])

    return Points(cat("lon"), cat("lat"), cat("x"), cat("y"), cat("codes"), first.crs, None, first.names)


class MisreadRows:
    """The rows that judge whether a file is read the wrong way round (:func:`swapped_check`), fed its points in
    order (:meth:`feed`), whatever the chunks or partitions: its first :data:`MISREAD_ROWS` rows; when none of them
    holds a point (a column of points as text, or lon/lat columns, with no value there: a log whose first hours have
    no fix), the :data:`MISREAD_ROWS` rows from the first that does, as they would be at the file's start.
    :meth:`rows` gives them (fewer at the file's end).

    >>> rows = MisreadRows()
    >>> nothing = from_columns(np.full(MISREAD_ROWS, np.nan), np.full(MISREAD_ROWS, np.nan), "EPSG:4326")
    >>> rows.feed(nothing), rows.waiting
    (False, True)
    >>> rows.feed(from_columns(np.array([np.nan, 39.9]), np.array([np.nan, 116.4]), "EPSG:4326")), rows.waiting
    (False, False)
    >>> rows.rows().x.tolist()
    [39.9]
    """

    def __init__(self) -> None:
        self.read = 0  # the rows fed
        self.parts: list[Points] = []  # the rows that judge, so far
        self.taken = 0  # how many
        self.first = True  # still among the file's first MISREAD_ROWS rows

    @property
    def waiting(self) -> bool:
        """Past the file's first rows, which hold no point, and no point fed yet: the rows fed judge nothing."""
        return not self.first and not self.parts

    def feed(self, points: Points) -> bool:
        """Take the next rows' points; True when the rows that judge are all taken."""
        n = len(points)
        if self.first:
            take = min(n, MISREAD_ROWS - self.read)
            self.parts.append(rows_of(points, 0, take))
            self.taken += take
            self.read += n
            if self.read < MISREAD_ROWS:
                return False
            if _holds_point(joined_points(self.parts)):
                return True
            self.first, self.parts, self.taken = False, [], 0
            return self._after(rows_of(points, take, n))
        self.read += n
        return self._after(points)

    def _after(self, points: Points) -> bool:
        if not self.parts:  # (no point yet: the rows judged start at the first)
            at = np.flatnonzero(np.isfinite(points.x) & np.isfinite(points.y))
            if not at.size:
                return False
            points = rows_of(points, int(at[0]), len(points))
        take = min(len(points), MISREAD_ROWS - self.taken)
        self.parts.append(rows_of(points, 0, take))
        self.taken += take
        return self.taken >= MISREAD_ROWS

    def rows(self) -> Points | None:
        """The rows that judge (None: no row was fed, or none holds a point)."""
        return joined_points(self.parts) if self.parts else None


def _holds_point(points: Points) -> bool:
    return bool((np.isfinite(points.x) & np.isfinite(points.y)).any())


def misread_checked(
    model: Model, chunks: Iterable[Chunk], path: Path | str, cols: tuple[str, str], geometry: str | None = None
) -> Iterator[Chunk]:
    """``chunks``, once :func:`swapped_check` has judged the rows that judge the file (:class:`MisreadRows`: its
    first :data:`MISREAD_ROWS` rows, or as many from the first that holds a point when they hold none): the chunks
    holding them are read (and held) before the first is given, so that a first chunk smaller than that, or of
    rows without a position, does not decide alone (as the dask engine judges a dataset's first rows,
    :func:`avzone.distributed._refuse_misread`). The chunks of rows before the first point, past the file's first
    rows, are given as they come (memory stays flat): a refusal then comes after them, and the file jobs' outputs,
    written whole or not at all (:func:`output_file`), are left as they were. A file of no rows is not judged."""
    chunks = iter(chunks)
    held: list[Chunk] = []
    judged = MisreadRows()
    for chunk in chunks:
        held.append(chunk)
        if judged.feed(chunk.points):
            break
        if judged.waiting:
            yield from held
            held = []
    if (rows := judged.rows()) is not None:
        swapped_check(model, rows, path, cols, geometry)
    yield from held
    yield from chunks


def _swapped_columns(cols: tuple[str, str]) -> Joined:
    """The column options that read the file's columns ``cols`` (lon, lat) the other way round, as given."""
    return options_together(Option("lon_col", cols[1]), Option("lat_col", cols[0]))


def _head(points: Points, n: int) -> Points:
    return rows_of(points, 0, n)


def detect_columns(names: list[str], lon_col: str | None, lat_col: str | None, path: str | Path) -> tuple[str, str]:
    """The lon and lat column names: as given, or detected when obvious.

    Detected names (see :func:`avzone.columns.header_key`): ``lon``, ``lng``, ``long``,
    ``longitude``, ``x``, ``经度``, ``东经`` and ``lat``, ``latitude``, ``y``,
    ``纬度``, ``北纬``, in any case, with units, a CRS or brackets around
    them (``经度(GCJ02)``, ``Longitude [deg]``, ``lng_wgs84``). One
    column for both is refused.
    """
    for given, role in ((lon_col, "lon_col"), (lat_col, "lat_col")):
        if given is not None and given not in names:
            raise InputError(
                Message("err_no_column", file=path, column=given, option=Option(role), columns=Joined(names, "comma"))
            )
    lon = lon_col if lon_col is not None else find_coordinate_column(names, "lon", path)
    lat = lat_col if lat_col is not None else find_coordinate_column(names, "lat", path)
    refuse_one_column_for_both(names, lon, lat, lon_col is not None, lat_col is not None, path)
    _refuse_named_twice(path, names, ((lon, "lon_col"), (lat, "lat_col")))
    return lon, lat


def renamed_note(names: list[str], added: list[str]) -> Message | None:
    """The summary's note of the added columns :func:`output_names` gives another name, or None."""
    pairs = [f"{a} -> {b}" for a, b in zip(added, output_names(names, added)) if a != b]
    return Message("note_columns_renamed", columns=Joined(pairs, "comma")) if pairs else None


def _renamed(fields: list[pa.Field], names: list[str]) -> list[pa.Field]:
    """``fields`` (added columns) under their :func:`output_names` beside the input's column ``names``."""
    return [f.with_name(n) for f, n in zip(fields, output_names(names, [f.name for f in fields]))]


# -- text encodings of CSV files ---------------------------------------------------
#: Bytes read from the start of a CSV file to detect its encoding.
SAMPLE_BYTES = 1 << 20
_BLOCK_BYTES = 1 << 22
_TRUNCATED = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}
_UTF8 = ("utf-8", "utf-8-sig")
#: The encodings whose byte order a BOM gives: the BOMs and the codecs of that order.
_BYTE_ORDERS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}


#: The BOMs detected as UTF-32 and UTF-16 (UTF-32 first: its little-endian BOM starts as UTF-16's does).
_BYTE_ORDERS_BY_BOM = tuple((codec, tuple(b for b, _ in orders)) for codec, orders in reversed(_BYTE_ORDERS.items()))


def _bom_codec(name: str) -> codecs.CodecInfo | None:
    """The codecs ``utf-16-be-bom``, ``utf-16-le-bom``, ``utf-32-be-bom`` and ``utf-32-le-bom``.

    UTF-16 or UTF-32 in one byte order with its BOM written first (Python's
    ``utf-16`` writes the machine's order, ``utf-16-be`` no BOM): how a CSV
    output keeps the byte order and BOM of its input. Read, a BOM at the
    start is skipped.
    """
    m = re.fullmatch(r"utf_(16|32)_(be|le)_bom", name)
    if m is None:
        return None
    base = f"utf-{m[1]}-{m[2]}"
    bom = next(b for b, codec in _BYTE_ORDERS[f"utf-{m[1]}"] if codec == base)
    base_decode = getattr(codecs, f"utf_{m[1]}_{m[2]}_decode")

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        return bom + codecs.encode(text, base, errors), len(text)

    def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
        data = bytes(data)
        skip = len(bom) if data.startswith(bom) else 0
        text, n = base_decode(data[skip:], errors, True)
        return text, n + skip

    class Encoder(codecs.IncrementalEncoder):
        first = True

        def encode(self, text: str, final: bool = False) -> bytes:
            out = codecs.encode(text, base, self.errors)
            if self.first:
                out, self.first = bom + out, False
            return out

        def reset(self) -> None:
            self.first = True

    class Decoder(codecs.BufferedIncrementalDecoder):
        first = True

        def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
            skip = 0
            if self.first:
                if not final and len(data) < len(bom) and bom.startswith(data):
                    return "", 0  # not yet known whether it starts with a BOM
                self.first = False
                skip = len(bom) if data.startswith(bom) else 0
            text, n = base_decode(data[skip:], errors, final)
            return text, n + skip

        def reset(self) -> None:
            super().reset()
            self.first = True

    return codecs.CodecInfo(encode, decode, incrementalencoder=Encoder, incrementaldecoder=Decoder, name=f"{base}-bom")


codecs.register(_bom_codec)


#: The error handler that makes Python's ``gbk`` (alias ``cp936``) Windows code page 936: byte 0x80 is the euro sign.
CP936_EURO = "avzone-cp936-euro"


def _cp936_euro(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Decodes byte 0x80 as ``€`` (U+20AC) and encodes ``€`` as 0x80, as Windows code page 936 does.

    Any other byte or character that does not fit raises the codec's own error.
    """
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start : exc.start + 1] == b"\x80":
        return "\u20ac", exc.start + 1
    if isinstance(exc, UnicodeEncodeError) and exc.object[exc.start] == "\u20ac":
        return b"\x80", exc.start + 1
    try:
        raise exc
    finally:  # (no cycle through this frame: the frames of the decode, and the buffers they hold, freed at once)
        del exc


codecs.register_error(CP936_EURO, _cp936_euro)


def codec_errors(codec: str) -> str:
    """The error handler to decode and encode ``codec`` with: :data:`CP936_EURO` for ``gbk``, else ``strict``."""
    return CP936_EURO if codec == "gbk" else "strict"


@dataclass(frozen=True)
class TextEncoding:
    """A CSV file's text encoding: a Python codec name, whether it was detected, whether the file has a BOM.

    ``order``: the byte order (``"be"``, ``"le"``) of a ``utf-16`` or
    ``utf-32`` file's BOM, ``""`` when it has none (read little-endian).
    ``others``: a ``gb18030`` detected from too few characters to be sure,
    the codecs the text reads in too (:func:`_other_readings`).
    """

    name: str
    detected: bool = False
    bom: bool = False
    order: str = ""
    others: tuple[str, ...] = ()  # detected from too few characters: what else the text may be in (_other_readings)


def codec_name(encoding: str, option: str = "encoding") -> str:
    """The Python codec name of ``encoding`` (``GBK`` -> ``gbk``, ``utf8`` -> ``utf-8``), or InputError naming
    the argument ``option`` (``encoding``, ``output_encoding``) as the caller gave it (:class:`Option`)."""
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError):
        raise InputError(Message("err_unknown_encoding", option=Option(option, encoding, quote=True))) from None


def _decodes(sample: bytes, codec: str, whole: bool) -> bool:
    """Whether ``sample`` decodes (a character cut at the end of a partial sample does not count)."""
    try:
        sample.decode(codec, codec_errors(codec))
    except UnicodeDecodeError as exc:
        return not whole and exc.reason in _TRUNCATED and len(sample) - exc.start < 4
    return True


def detect_encoding(path: Path, given: str | None = None) -> TextEncoding:
    """The text encoding of a CSV file: ``given``, else detected from its first :data:`SAMPLE_BYTES`.

    Detection: a UTF-8 BOM gives ``utf-8-sig``; a UTF-32 or UTF-16 BOM
    (what Excel's "Unicode text" export starts with) gives ``utf-32`` or
    ``utf-16``, read in the BOM's byte order; text without a BOM whose NUL
    bytes say UTF-16 or UTF-32 gives ``utf-16-le``, ``utf-32-be``, ...
    (:func:`_wide_without_bom`); text that decodes as UTF-8 gives
    ``utf-8``; else text that decodes as GB18030 (a superset of GBK, what
    Excel writes on a Chinese Windows) gives ``gb18030``, or ``big5`` /
    ``shift_jis`` (``cp950``, ``cp932``), ``cp949`` (Korean) or ``euc_jp``
    when it is rather in one of them (:func:`_big5_or_shift_jis`); else
    text in Windows code page 936 (GBK with byte 0x80 for the euro sign,
    which GB18030 lacks: :data:`CP936_EURO`) gives ``gbk``. The rest
    of the file is checked while it is read: a byte that does not decode
    stops the job with its offset and line (see :class:`Utf8Stream`).
    """
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
        whole = not fh.read(1)
    bom = head.startswith(codecs.BOM_UTF8)
    if given is not None:
        try:
            name = codec_name(given)
        except InputError as exc:
            raise InputError(Message("err_in_file", file=path, error=exc.args[0])) from None
        if name == "utf-8" and bom:  # the BOM is no part of the first column's name
            name = "utf-8-sig"
        return TextEncoding(name, False, bom and name == "utf-8-sig", _bom_order(head, name))
    if bom:
        return TextEncoding("utf-8-sig", True, True)
    for codec, boms in _BYTE_ORDERS_BY_BOM:  # Excel's "Unicode text" is UTF-16 with a BOM
        if head.startswith(boms):
            return TextEncoding(codec, True, order=_bom_order(head, codec))
    if (wide := _wide_without_bom(head, whole)) is not None:
        return TextEncoding(wide, True)
    if _decodes(head, "utf-8", whole):
        return TextEncoding("utf-8", True)
    if _decodes(head, "gb18030", whole):
        other = _big5_or_shift_jis(head, whole)
        if other == WESTERN:
            first = re.search(rb"[\x80-\xff]", head)
            at = 0 if first is None else first.start()
            line = head[:at].count(b"\n") + 1
            examples = {"western": Option("encoding", "cp1252"), "chinese": Option("encoding", "gb18030")}
            at_line = {"offset": f"{at:,}", "line": f"{line:,}"}
            raise InputError(
                Message("err_western_not_gbk", file=path, option=Option("encoding"), **at_line, **examples)
            )
        return TextEncoding(other or "gb18030", True, others=() if other else _other_readings(head, whole))
    if _decodes(head, "gbk", whole):  # Windows code page 936 with the euro sign (byte 0x80), which GB18030 lacks
        return TextEncoding("gbk", True)
    # the byte where the text stops being any of them (not the first Chinese character of a GBK file)
    offset, line = max(first_undecodable(path, codec) for codec in ("utf-8", "gb18030", "gbk"))
    at_line = {"offset": f"{offset:,}", "line": f"{line:,}"}
    example = Option("encoding", _encoding_example(head, whole))
    raise InputError(Message("err_not_utf8_or_gbk", file=path, option=Option("encoding"), example=example, **at_line))


#: The encodings the refusal of a text that is neither UTF-8 nor GB18030/GBK names as its example, in this order:
#: the first the text's first bytes decode in (:func:`_encoding_example`).
_EXAMPLE_CODECS = ("big5", "shift_jis", "cp949", "euc_jp")


def _encoding_example(head: bytes, whole: bool) -> str:
    """The encoding to name as an example when ``head`` is neither UTF-8 nor GB18030/GBK: the first of
    :data:`_EXAMPLE_CODECS` it decodes in, Shift-JIS first when every byte above 7F is one of its half-width
    katakana (A1-DF, one byte a character, which GB18030 reads in pairs and so fails on); else ``big5``.

    >>> _encoding_example("ｶﾀｶﾅ,ﾃｽﾄ".encode("shift_jis"), True), _encoding_example(b"\\xff\\x80", True)
    ('shift_jis', 'big5')
    """
    half_width = re.search(rb"[\x80-\xa0\xe0-\xff]", head) is None
    order = ("shift_jis", *(c for c in _EXAMPLE_CODECS if c != "shift_jis")) if half_width else _EXAMPLE_CODECS
    return next((codec for codec in order if _decodes(head, codec, whole)), "big5")


#: The codecs a text that decodes as GB18030 may rather be in (Taiwan's and Japan's Excel), tried in this order.
_NOT_GB = ("big5", "cp950", "shift_jis", "cp932")
#: What :func:`_big5_or_shift_jis` says of a text whose every byte above 7F stands alone before an ASCII byte, as
#: a Western text's accented letters do in Windows-1252 or Latin-1 ("Müller"): no Chinese text is so.
WESTERN = "western"
#: Different Hangul syllables a text must hold, and no Chinese character of GB2312's upper rows, to be read as
#: EUC-KR (cp949) rather than GB18030 (:func:`_big5_or_shift_jis`).
HANGUL_SYLLABLES = 20
#: Different two-byte characters, all of bytes A1-DF, a text must hold to be read as Shift-JIS half-width katakana
#: rather than GB18030 (:func:`_big5_or_shift_jis`).
HALF_WIDTH_PAIRS = 24


def _big5_or_shift_jis(head: bytes, whole: bool) -> str | None:
    """``big5`` (``cp950``), ``shift_jis`` (``cp932``), ``cp949`` or ``euc_jp`` for text GB18030 decodes but that is
    rather in one of them, :data:`WESTERN` for a Western text's bytes; else None (GB18030).

    Nearly every character of Chinese text in GBK or GB18030 is one of
    GB2312's Chinese characters of its first level (lead byte B0-D7, second
    byte A1-FE), spread over all those bytes (the lead bytes' order is the
    pinyin's) and without Japanese kana. So:

    - Big5 and Shift-JIS text is not GB2312's (Big5's second bytes are
      40-7E as often, kana's lead bytes are 82-83): when more than a third
      of the two-byte characters are outside GB2312 and the text decodes in
      one of :data:`_NOT_GB`, that one (Shift-JIS only with no half-width
      katakana, or with Japanese kana beside them: half-width katakana
      alone is what Big5 bytes read as Shift-JIS give);
    - Shift-JIS half-width katakana are the bytes A1-DF, one a character:
      a text of :data:`HALF_WIDTH_PAIRS` different pairs or more, every
      byte above 7F in A1-DF (Chinese text of 24 different characters has
      all its bytes in A1-DF about once in 10,000);
    - EUC-KR (Korean Excel, cp949) Hangul are the lead bytes B0-C8 only: a
      text of :data:`HANGUL_SYLLABLES` different such characters or more and
      none above C8 (Chinese text of 20 different characters hardly ever is);
    - Windows-1252 or Latin-1 text whose accented letters are each
      followed by a letter (``Müller``) decodes too, but every byte above
      7F is then alone before an ASCII byte: :data:`WESTERN` (the caller
      refuses the text: its encoding cannot be told from its bytes);
    - EUC-JP is GB2312's layout with Japanese kanji: kana (rows A4, A5) a
      quarter of the characters or more, 8 different kana or more (not a
      Chinese name's の).

    >>> [_big5_or_shift_jis(t.encode(c), True) for t, c in [("經度,緯度", "big5"), ("経度,メモ", "shift_jis"),
    ...                                                    ("經度,緯度", "gbk"), ("经度,纬度", "gb18030")]]
    ['big5', 'shift_jis', None, None]
    """
    pairs = outside = kana = lone = 0
    distinct: set[bytes] = set()
    korean: set[bytes] = set()
    kanas: set[bytes] = set()
    upper = False
    sample = head[: 1 << 16]  # (enough characters to tell; the whole head must decode)
    half_width_bytes = re.search(rb"[\x80-\xa0\xe0-\xff]", sample) is None  # (every byte above 7F in A1-DF)
    i, n = 0, len(sample)
    while i < n - 1:
        lead = sample[i]
        if lead < 0x80:
            i += 1
            continue
        trail = sample[i + 1]
        if 0x30 <= trail <= 0x39:  # a four-byte GB18030 character: none of GB2312's
            pairs, outside, i = pairs + 1, outside + 1, i + 4
            continue
        pairs += 1
        lone += trail < 0x80
        gb2312 = (0xA1 <= lead <= 0xA9 or 0xB0 <= lead <= 0xF7) and trail >= 0xA1
        outside += not gb2312
        distinct.add(sample[i : i + 2])
        if gb2312:
            upper |= lead >= 0xC9
            if 0xB0 <= lead <= 0xC8:
                korean.add(sample[i : i + 2])
            if lead in (0xA4, 0xA5):
                kana += 1
                kanas.add(sample[i : i + 2])
        i += 2
    if outside * 3 > pairs and (pairs >= 2 or lone == pairs > 0):
        for codec in _NOT_GB:
            if _decodes(head, codec, whole):
                text = head.decode(codec, "ignore")
                if codec in ("big5", "cp950") or not _half_width_kana(text) or _kana(text):
                    return codec
        return WESTERN if lone == pairs else None
    if pairs < 2:
        return None
    if half_width_bytes and len(distinct) >= HALF_WIDTH_PAIRS:
        for codec in ("shift_jis", "cp932"):
            if _decodes(head, codec, whole):
                return codec
    if len(korean) >= HANGUL_SYLLABLES and not upper and _decodes(head, "cp949", whole):
        return "cp949"
    if kana * 4 >= pairs and len(kanas) >= 8 and kana < pairs and _decodes(head, "euc_jp", whole):
        return "euc_jp"
    return None


#: What the codecs of :func:`_other_readings` are the text of.
_READING_LANGUAGES = {"cp949": "lang_korean", "euc_jp": "lang_japanese"}


def _other_readings(head: bytes, whole: bool) -> tuple[str, ...]:
    """The codecs a text read as GB18030 from too few characters to tell (:func:`_big5_or_shift_jis`) reads in too.

    ``cp949`` (Korean) when every two-byte character has Hangul's bytes
    (lead B0-C8), ``euc_jp`` when it holds kana (GB2312's rows A4, A5 are
    EUC-JP's); each only when the text decodes in it. A short Chinese text
    may be so too: what is said is that it could not be told. (Shift-JIS
    half-width katakana, bytes A1-DF, are not said: a short Chinese text
    is of those bytes too often.)

    >>> _other_readings("경도,위도".encode("euc-kr"), True), _other_readings("经度,纬度".encode("gbk"), True)
    (('cp949',), ())
    """
    sample = head[: 1 << 16]
    chars = re.findall(rb"[\x81-\xfe](?:[\x30-\x39][\x81-\xfe][\x30-\x39]|[\x40-\x7e\x80-\xfe])", sample)
    if not chars:
        return ()
    found = []
    if all(len(c) == 2 and 0xB0 <= c[0] <= 0xC8 and c[1] >= 0xA1 for c in chars):
        found.append("cp949")
    if any(len(c) == 2 and c[0] in (0xA4, 0xA5) and c[1] >= 0xA1 for c in chars):
        found.append("euc_jp")
    return tuple(c for c in found if _decodes(head, c, whole))


def encoding_reading(path: Path, encoding: TextEncoding) -> Message | None:
    """How the first line of ``path`` holding a character beyond ASCII reads in ``encoding`` and in the first of its
    ``others`` (a :class:`Message` telling to give ``--encoding`` if the other reading is right), or None."""
    if not encoding.others:
        return None
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    line = next((ln for ln in re.split(rb"\r\n|\r|\n", head) if re.search(rb"[\x80-\xff]", ln)), b"")
    other = encoding.others[0]
    return Message(
        "note_encoding_unsure",
        encoding=encoding.name,
        text=_clip(line.decode(encoding.name, "replace")),
        other=other,
        language=Message(_READING_LANGUAGES[other]),
        other_text=_clip(line.decode(other, "replace")),
        option=Option("encoding", other),
    )


def _half_width_kana(text: str) -> bool:
    return any("\uff61" <= c <= "\uff9f" for c in text)


def _kana(text: str) -> bool:
    """Whether ``text`` holds Japanese kana (hiragana, katakana: U+3041-30FF but the middle dot and long sound mark,
    which Chinese text uses too)."""
    return any("\u3041" <= c <= "\u30fa" for c in text)


def _wide_without_bom(head: bytes, whole: bool) -> str | None:
    """``utf-32-le``, ``utf-32-be``, ``utf-16-le`` or ``utf-16-be`` for text without a BOM in one of them, or None.

    Told by the NUL bytes its ASCII characters (digits, delimiters, line
    ends) leave in the same places of every code unit: in UTF-16-LE the
    second byte of most units is NUL and the first almost never, and so on;
    the text must then decode and hold a line end (or be the whole file).
    A UTF-8 file with a few NUL bytes in its cells is none of them.

    >>> [_wide_without_bom("id,经度\\n1,2\\n".encode(c), True) for c in ["utf-16-be", "utf-32-le", "utf-8"]]
    ['utf-16-be', 'utf-32-le', None]
    """
    sample = head[:4096]
    if b"\x00" not in sample:
        return None
    for codec, width, nul, other in [
        ("utf-32-le", 4, (2, 3), 0),
        ("utf-32-be", 4, (0, 1), 3),
        ("utf-16-le", 2, (1,), 0),
        ("utf-16-be", 2, (0,), 1),
    ]:
        units = len(sample) // width
        if units < 2:
            continue
        unit = [sample[i * width : (i + 1) * width] for i in range(units)]
        if sum(u[other] == 0 for u in unit) > units // 20:  # the byte ASCII fills is rarely NUL
            continue
        if sum(all(u[p] == 0 for p in nul) for u in unit) < units // 2:  # most characters ASCII (or BMP for UTF-32)
            continue
        try:
            text = sample[: units * width].decode(codec)
        except UnicodeDecodeError:
            continue
        if whole or "\n" in text or "\r" in text:
            return codec
    return None


def _bom_order(head: bytes, codec: str) -> str:
    """The byte order (``"be"``, ``"le"``) of the BOM ``head`` starts with, of ``utf-16`` or ``utf-32``, or ``""``."""
    for bom, order_codec in _BYTE_ORDERS.get(codec, ()):
        if head.startswith(bom):
            return order_codec[-2:]
    return ""


def first_undecodable(path: Path, codec: str) -> tuple[int, int]:
    """Byte offset (from 0) and line (from 1) of the first byte of ``path`` that ``codec`` cannot decode."""
    stream = Utf8Stream(path, TextEncoding(codec))
    try:
        while stream.read(_BLOCK_BYTES):
            pass
    except InputError:
        assert stream.error is not None
        return stream.error
    finally:
        stream.close()
    return -1, -1


def _undecodable(path: Path, encoding: TextEncoding, offset: int, line: int) -> InputError:
    how = Message("encoding_detected_from", mb=SAMPLE_BYTES >> 20)
    if not encoding.detected:
        how = Message("encoding_as_given")
    hint: Message | str = (
        Message("hint_gb18030", option=Option("encoding", "gb18030"))
        if encoding.name in _UTF8
        else Option("encoding", "utf-8")
    )
    # byte 0x80 is no UTF-8 or GB18030 character's first byte: the euro sign of code page 936
    if encoding.name in ("gb18030", *_UTF8) and _byte_at(path, offset) == b"\x80":
        hint = Message("hint_cp936", option=Option("encoding", "cp936"))
    at = {"offset": f"{offset:,}", "line": f"{line:,}"}
    if _bom_before_other_text(path):  # (each encoding hinted would fail in turn: say why)
        gbk = Option("encoding", "gb18030")
        return InputError(Message("err_bom_not_utf8", file=path, **at, encoding=encoding.name, how=how, option=gbk))
    option = Option("encoding")
    return InputError(
        Message("err_undecodable", file=path, **at, encoding=encoding.name, how=how, hint=hint, option=option)
    )


def _after_last_line_end(text: bytes) -> int:
    """The index after the last line end (CR or LF) of ``text``, 0 when it has none.

    >>> [_after_last_line_end(t) for t in [b"a,b\\n1,", b"a\\r\\n", b"a\\rb", b"ab"]]
    [4, 3, 2, 0]
    """
    return max(text.rfind(b"\n"), text.rfind(b"\r")) + 1


def _bom_before_other_text(path: Path) -> bool:
    """Whether ``path`` begins with the UTF-8 BOM while its text after it (in its first :data:`SAMPLE_BYTES`) is no
    UTF-8: GBK text a program wrote a UTF-8 BOM before, which reads in no encoding (as UTF-8, as its BOM says, its
    text does not decode; in GBK, its BOM does not), so that the hints for UTF-8 (GB18030) and for GB18030 (UTF-8)
    would send its user from one to the other."""
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    if not head.startswith(codecs.BOM_UTF8):
        return False
    try:  # (not final: a character cut by the sample's end is no error)
        codecs.getincrementaldecoder("utf-8")().decode(head[len(codecs.BOM_UTF8) :])
    except UnicodeDecodeError:
        return True
    return False


def _byte_at(path: Path, offset: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(offset)
        return fh.read(1)


class Utf8Stream(io.RawIOBase):
    """A text file in any encoding read as UTF-8 bytes, block by block (memory stays flat).

    A BOM is skipped; a byte that does not decode raises :class:`InputError`
    naming its byte offset and line (``error`` keeps them; a line ends at
    CRLF, CR or LF, as the CSV reader's do). UTF-16 and
    UTF-32 are read in the byte order their BOM gives (little-endian without
    one) in every block, not only the first.

    The error is raised when the block holding the byte is decoded (up to
    :data:`_BLOCK_BYTES` ahead of the text read); with ``text_first`` it is
    raised when the text reaches the byte: the text before it is read first
    (a read that has some of it returns it, a short count), so that whatever
    that text holds is found before the byte is reported.

    With ``whole_lines`` no error is raised: the text ends (a read returns
    no more, as at the file's end) at the last line end before the byte,
    and ``error`` says where the byte is. The reader so given the text reads
    every row before the byte, and only whole ones (the start of the byte's
    line is not taken for a row), before the caller tells the byte: a row
    before it with too many or too few fields is found first. (A quoted cell
    of several lines that the byte is in is cut: its rest may read as a row
    of too few fields, which :func:`first_ragged_row` finds to come after
    the byte.) The text after the last line end decoded is handed on with
    the next block (unless it grows longer than :data:`CSV_BLOCK_BYTES`, the
    most a row may be).
    """

    def __init__(self, path: Path, encoding: TextEncoding, text_first: bool = False, whole_lines: bool = False):
        super().__init__()
        self._text_first = text_first
        self._whole_lines = whole_lines
        self._partial = b""  # (whole_lines) the UTF-8 text after the last line end decoded, handed on with the next
        self._failed: InputError | None = None  # (text_first: raised once the text before the byte is read)
        self.path, self.encoding = path, encoding
        self._codec = "utf-8" if encoding.name == "utf-8-sig" else encoding.name
        self._fh = path.open("rb")
        self._offset = 0
        if encoding.bom or encoding.name == "utf-8-sig":
            start = self._fh.read(len(codecs.BOM_UTF8))
            if start == codecs.BOM_UTF8:
                self._offset = len(start)
            else:
                self._fh.seek(0)
        elif self._codec in _BYTE_ORDERS:  # each block is decoded alone: the BOM's byte order for all of them
            start = self._fh.read(4)
            orders = _BYTE_ORDERS[self._codec]
            self._codec = orders[0][1]  # no BOM: little-endian, as Python reads it
            for bom, codec in orders:
                if start.startswith(bom):
                    self._codec, self._offset = codec, len(bom)
                    break
            self._fh.seek(self._offset)
        elif self._codec.endswith("-bom"):  # utf-16-be-bom...: its BOM skipped at the start, not in every block
            self._codec = self._codec.removesuffix("-bom")
            bom = next(b for b, codec in _BYTE_ORDERS[self._codec[:6]] if codec == self._codec)
            if self._fh.read(len(bom)) == bom:
                self._offset = len(bom)
            self._fh.seek(self._offset)
        self._carry = b""
        self._out = b""
        self._pos = 0
        self._lines = 0
        self._cr = False  # the text so far ends with a CR (a CRLF may be cut by a block boundary)
        self._eof = False
        self.error: tuple[int, int] | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` (a short count only at the end of the file, as pyarrow expects of a read)."""
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view):
            if self._pos >= len(self._out):
                if self._eof:
                    break
                if self._failed is not None:
                    if done:  # (the text up to the byte: the error with the next read)
                        break
                    raise self._failed
                self._fill()
                continue
            n = min(len(view) - done, len(self._out) - self._pos)
            view[done : done + n] = self._out[self._pos : self._pos + n]
            self._pos += n
            done += n
        return done

    def _fill(self) -> None:
        raw = self._fh.read(_BLOCK_BYTES)
        self._eof = not raw
        data = self._carry + raw
        errors = codec_errors(self._codec)
        try:
            text = data.decode(self._codec, errors)
            self._carry = b""
        except UnicodeDecodeError as exc:
            if not self._eof and exc.reason in _TRUNCATED and len(data) - exc.start < 8:
                text = data[: exc.start].decode(self._codec, errors)
                self._carry = data[exc.start :]
            else:
                before = data[: exc.start].decode(self._codec, errors)
                lines = self._lines + self._line_ends(before)
                self.error = (self._offset + exc.start, lines + 1)
                if self._whole_lines:  # the text up to the byte's line, then its end
                    text_out = self._partial + before.encode("utf-8")
                    self._out, self._pos = text_out[: _after_last_line_end(text_out)], 0
                    self._partial, self._eof = b"", True
                    return
                error = _undecodable(self.path, self.encoding, *self.error)
                if not self._text_first:
                    raise error from None
                self._failed, self._eof = error, False
                self._out, self._pos = before.encode("utf-8"), 0
                return
        self._offset += len(data) - len(self._carry)
        self._lines += self._line_ends(text)
        self._cr = text.endswith("\r") if text else self._cr
        self._out = text.encode("utf-8") if self._codec != "utf-8" else data[: len(data) - len(self._carry)]
        self._pos = 0
        if self._whole_lines:  # the text after the last line end waits for the rest of its line (all of it at the end)
            text_out = self._partial + self._out
            cut = len(text_out) if self._eof else _after_last_line_end(text_out)
            if len(text_out) - cut > CSV_BLOCK_BYTES:  # (a row longer than the reader's block: refused anyway)
                cut = len(text_out)
            self._out, self._partial = text_out[:cut], text_out[cut:]

    def _line_ends(self, text: str) -> int:
        """The line ends in ``text`` (read after the text so far): CRLF, CR (old Mac files) or LF, once each."""
        n = text.count("\n") + text.count("\r") - text.count("\r\n")
        return n - 1 if self._cr and text.startswith("\n") else n

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


class Unencodable(InputError):
    """A character an output's text encoding cannot hold (``chars``), as :class:`EncodedSink` refuses it."""

    def __init__(self, message: Message, chars: str):
        super().__init__(message)
        self.chars = chars


def _unencodable_cell(batch: pa.RecordBatch, chars: str) -> tuple[int, str] | None:
    """The first cell of ``batch`` (its row, from 0, and column) whose text holds ``chars``, or None. Read on a
    failure only: the columns of text whose values hold them, found by Arrow, then the first row."""
    for name, col in zip(batch.schema.names, batch.columns):
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            continue
        hits = pc.fill_null(pc.match_substring(col, chars), False)
        if pc.any(hits).as_py():
            return int(pc.index(hits, True).as_py()), name
    return None


class EncodedSink(io.RawIOBase):
    """A binary sink that takes UTF-8 bytes (the CSV writer's lines) and writes them in ``encoding``.

    ``utf-8-sig`` writes a BOM first; an encoding with a BOM of its own
    (``utf-16``, ``utf-32``) writes it once, at the start (an incremental
    encoder). A character the encoding cannot hold raises
    :class:`InputError` saying which and what to choose instead.
    """

    def __init__(self, path: Path, encoding: str):
        super().__init__()
        self.path, self.encoding = path, encoding
        self._fh = path.open("wb")
        if encoding == "utf-8-sig":
            self._fh.write(codecs.BOM_UTF8)
        self._decoder = None if encoding in _UTF8 else codecs.getincrementaldecoder("utf-8")()
        encoder = codecs.getincrementalencoder(encoding)
        self._encoder = None if encoding in _UTF8 else encoder(codec_errors(codecs.lookup(encoding).name))

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self._decoder is None:
            return self._fh.write(data)
        raw = bytes(data)
        text = self._decoder.decode(raw)
        try:
            self._fh.write(cast(Any, self._encoder).encode(text))
        except UnicodeEncodeError as exc:
            chars = exc.object[exc.start : exc.end]
            option = Option("output_encoding", "utf-8-sig")
            cannot = Message("err_cannot_encode", file=self.path, chars=chars, encoding=self.encoding, option=option)
            raise Unencodable(cannot, chars) from None
        return len(raw)

    def drop_end(self, text: str) -> None:
        """Remove ``text`` (a line end) from the end of what was written."""
        raw = text.encode() if self._encoder is None else self._encoder.encode(text)
        self._fh.seek(-len(raw), io.SEEK_END)
        self._fh.truncate()

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


class CsvWriter:
    """The one CSV writer of the file jobs: a text encoding, a delimiter and line ending, the input's quotes.

    Cells are written as pyarrow's CSV writer formats them (numbers, times
    and booleans through Arrow's cast to text), and quoted as the CSV input
    quoted them (``quoting``: :class:`CsvQuoting`, for the input's columns,
    which come first in ``schema``): a column quoted in every record of the
    input's first lines is quoted in every cell, any other cell only when it
    needs it (it holds the delimiter, a quote or a line break); given the
    input's rows as written (``raw``: :class:`RawLines`), each output line
    starts with its input line byte for byte whatever its cells' quotes.
    The header keeps each name's quotes. Added columns (and every column without ``quoting``:
    a Parquet or GeoJSON input, the events tables) are quoted when needed,
    and an empty text is written ``""`` so that it reads back apart from a
    missing value (an empty cell); added columns of an input quoting every
    cell are quoted in every cell too.

    Output is UTF-8; any other ``encoding`` is transcoded on the way, chunk
    by chunk (:class:`EncodedSink`). A dialect with ``sep_line`` writes
    Excel's ``sep=;`` line first.
    """

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        encoding: str | None = None,
        dialect: CsvDialect | None = None,
        quoting: CsvQuoting | None = None,
        tail: str = "",
    ):
        self._d = d = dialect or CsvDialect()
        self._tail = tail
        self._rows = 0
        self._sink = EncodedSink(path, encoding or "utf-8")
        self.schema = schema
        n = len(quoting.columns) if quoting is not None else 0
        self._inputs = len(quoting.names) if quoting is not None else 0  # the input's columns, which come first
        every = quoting is not None and quoting.every
        self._modes = [
            (
                _QUOTE_ALL
                if quoting.columns[i] and quoting.empty[i]
                else _QUOTE_FILLED
                if quoting.columns[i]
                else _QUOTE_NEEDED
            )
            if quoting is not None and i < n
            else (_QUOTE_ALL if every else _QUOTE_NEEDED_EMPTY)
            for i in range(len(schema))
        ]
        names = []
        for i, name in enumerate(schema.names):
            if quoting is not None and i < len(quoting.names):
                quoted = quoting.names[i]
            else:
                quoted = quoting is not None and bool(quoting.names) and all(quoting.names)
            names.append(_quoted_text(name) if quoted or _needs_quotes(name, d.delimiter) else name)
        try:
            if d.sep_line:  # Excel's line saying the delimiter, above the header, as the input had it
                sep = f'"sep={d.delimiter}"' if d.sep_quoted else f"sep={d.delimiter}"
                self._sink.write(f"{sep}{d.eol}".encode())
            self._sink.write((d.delimiter.join(names) + d.eol).encode())
        except BaseException:
            self.close_sink()
            raise

    def write(
        self, data: pa.RecordBatch | pa.Table, line_ends: np.ndarray | None = None, raw: pa.Array | None = None
    ) -> None:
        """Rows, each ended by the dialect's line end, or by its own (``line_ends``: codes of :data:`LINE_ENDS`);
        ``raw``: a batch's input rows as written (:class:`RawLines`), written in place of its input columns."""
        batches = data.to_batches() if isinstance(data, pa.Table) else [data]
        for batch in batches:
            if batch.num_rows:
                inputs = self._inputs if raw is not None else 0
                lines = _csv_lines(batch, self._modes, self._d.delimiter, self._d.eol, line_ends, raw, inputs)
                try:
                    self._sink.write(lines)
                except Unencodable as exc:  # named by its row and column
                    if (cell := _unencodable_cell(batch, exc.chars)) is None:
                        raise
                    row, column = cell
                    option = Option("output_encoding", "utf-8-sig")
                    where = {"row": f"{self._rows + row:,}", "column": column, "chars": exc.chars}
                    cannot = Message(
                        "err_cannot_encode_cell", file=self._sink.path, encoding=self._sink.encoding, option=option,
                        **where,
                    )  # fmt: skip
                    raise InputError(cannot) from None
                self._rows += batch.num_rows

    def close(self, unterminated: bool = False) -> None:
        """Finish the file; ``unterminated``: without the last row's line end (as the input's last row)."""
        try:
            if unterminated:  # (a header alone too: the file ends as the input ends)
                self._sink.drop_end(self._d.eol)
            if self._tail:  # the input's end that is no data (a Ctrl-Z...), as it was
                self._sink.write(self._tail.encode())
        finally:
            self.close_sink()

    def close_sink(self) -> None:
        self._sink.close()


#: How a CSV column's cells are quoted: every cell with a value, every cell but an empty one, only where needed,
#: and also an empty text.
_QUOTE_ALL, _QUOTE_FILLED, _QUOTE_NEEDED, _QUOTE_NEEDED_EMPTY = "all", "filled", "needed", "needed-empty"


def _needs_quotes(text: str, delimiter: str) -> bool:
    return any(c in text for c in (delimiter, '"', "\r", "\n"))


def _quoted_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _csv_cells(col: pa.Array, mode: str, delimiter: str, text_type: pa.DataType) -> pa.Array:
    """A column as the text of its CSV cells (``text_type``, no nulls): quoted as ``mode`` says, quotes doubled."""
    is_text = pa.types.is_string(col.type) or pa.types.is_large_string(col.type) or _is_view(col.type, "string")
    text = col if is_text else pc.cast(col, pa.string())  # pyarrow's CSV writer formats values so
    if text.type != text_type:
        text = text.cast(text_type)
    nulls = text.null_count
    missing = text.is_null() if nulls else None
    if nulls:
        text = text.fill_null("")
    data = text.buffers()[2]
    raw = b"" if data is None else data.to_pybytes()  # (may hold text beyond the cells: never a wrong answer)
    quote: Any = None
    if mode == _QUOTE_ALL:
        quote = True if missing is None else pc.invert(missing)
    elif mode == _QUOTE_FILLED:
        quote = pc.greater(pc.binary_length(text), 0)
    else:
        if any(c.encode() in raw for c in (delimiter, '"', "\r", "\n")):
            quote = pc.match_substring_regex(text, "[" + re.escape(delimiter) + '"\r\n]')
        if mode == _QUOTE_NEEDED_EMPTY and is_text and nulls < len(text):
            empty = pc.equal(pc.binary_length(text), 0)
            empty = empty if missing is None else pc.and_(empty, pc.invert(missing))
            quote = empty if quote is None else pc.or_(quote, empty)
        if quote is not None and not pc.any(quote).as_py():
            quote = None
    if quote is None:
        return text
    mark = pa.scalar('"', text_type)
    escaped = pc.replace_substring(text, '"', '""') if b'"' in raw else text
    quoted = pc.binary_join_element_wise(mark, escaped, mark, pa.scalar("", text_type))
    return quoted if quote is True else pc.if_else(quote, quoted, text)


def _csv_lines(
    batch: pa.RecordBatch,
    modes: list[str],
    delimiter: str,
    eol: str,
    line_ends: np.ndarray | None = None,
    raw: pa.Array | None = None,
    inputs: int = 0,
) -> pa.Buffer:
    """A batch's CSV lines, each ended by ``eol`` (or its code in ``line_ends``), as one UTF-8 buffer; with ``raw``
    (the rows as written), each starts with its row, in place of the batch's first ``inputs`` columns."""
    size = sum(buf.size for col in batch.columns for buf in col.buffers() if buf is not None)
    text = pa.string() if size < (1 << 29) else pa.large_string()  # (Arrow joins 32-bit offsets fastest)
    pairs = list(zip(batch.columns, modes))
    cells = [_csv_cells(col, mode, delimiter, text) for col, mode in pairs[inputs if raw is not None else 0 :]]
    if raw is not None:
        cells.insert(0, raw.cast(text))
    ends: Any = pa.scalar(eol, text)
    if line_ends is not None:
        ends = pa.array(LINE_ENDS, text).take(pa.array(line_ends))
    cells[-1] = pc.binary_join_element_wise(cells[-1], ends, pa.scalar("", text))
    lines = pc.binary_join_element_wise(*cells, pa.scalar(delimiter, text))
    width = np.int64 if text == pa.large_string() else np.int32
    offsets = np.frombuffer(lines.buffers()[1], dtype=width)[lines.offset : lines.offset + len(lines) + 1]
    data = lines.buffers()[2]
    if data is None:
        return pa.py_buffer(b"")
    return data.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))


@dataclass(frozen=True)
class CsvQuoting:
    """Which header names and which columns of a CSV input were quoted (read from its first records).

    ``columns[i]``: column ``i`` is quoted in every record of the sample
    (:data:`SNIFF_RECORDS` records at most) that has it, but where it is
    empty and unquoted (pandas' ``QUOTE_NONNUMERIC`` writes a missing text
    so); ``empty[i]``: its empty cells are quoted too (``""``: none was
    seen unquoted). ``every``: every name and every column is quoted (a
    file written with all its cells quoted), so added columns are quoted too.
    """

    names: tuple[bool, ...] = ()
    columns: tuple[bool, ...] = ()
    empty: tuple[bool, ...] = ()

    @property
    def every(self) -> bool:
        return bool(self.names) and all(self.names) and all(self.columns)


def _quoted_cells(sample: str, delimiter: str, whole: bool) -> list[list[bool | None]]:
    """For each record of a CSV sample (empty lines skipped), whether each of its fields is quoted (None: empty).

    A field is quoted when it starts with a quote (as the CSV readers take
    it); the last record is dropped when the sample is cut.
    """
    records: list[list[bool | None]] = []
    row: list[bool | None] = []
    quoted = in_quotes = False
    start = True  # at the start of a field
    empty = True  # the record so far is empty (an empty line)
    i, n = 0, len(sample)
    while i < n and len(records) <= SNIFF_RECORDS:
        c = sample[i]
        i += 1
        if in_quotes:
            if c == '"':
                if i < n and sample[i] == '"':
                    i += 1
                else:
                    in_quotes = False
            continue
        if start and c == '"':
            quoted = in_quotes = True
            start = empty = False
        elif c == delimiter:
            row.append(True if quoted else None if start else False)
            quoted, start, empty = False, True, False
        elif c in "\r\n":
            if c == "\r" and i < n and sample[i] == "\n":
                i += 1
            if not empty:
                records.append([*row, True if quoted else None if start else False])
            row, quoted, start, empty = [], False, True, True
        else:
            start = empty = False
    if whole and not empty and not in_quotes:
        records.append([*row, True if quoted else None if start else False])
    return records[: SNIFF_RECORDS + 1]


def csv_quoting(sample: str, delimiter: str, whole: bool, skip: int = 0) -> CsvQuoting:
    """The :class:`CsvQuoting` of a CSV file's first records (``sample``; its first ``skip`` lines not read)."""
    if skip:
        sample = "".join(re.split(r"(\r\n|\r|\n)", sample)[2 * skip :])
    if whole:  # (a tail of blank lines or a Ctrl-Z is no record: csv_tail)
        sample = _without_tail(sample)
    records = _quoted_cells(sample, delimiter, whole)
    if not records:
        return CsvQuoting()
    header, rows = records[0], records[1:]
    cells = [[r[i] for r in rows if i < len(r)] for i in range(len(header))]
    columns = tuple(True in c and False not in c for c in cells)  # (an empty unquoted cell says nothing)
    empty = tuple(None not in c for c in cells)
    return CsvQuoting(tuple(bool(q) for q in header), columns, empty)


# -- delimiters and line endings of CSV files ------------------------------------------
#: The delimiters a CSV file's is detected among (comma first: the one an undecided file gets).
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
#: Text read from the start of a CSV file, and records of it compared, to detect its delimiter.
SNIFF_CHARS = 1 << 16
SNIFF_RECORDS = 50


@dataclass(frozen=True)
class CsvDialect:
    """A CSV file's delimiter and line ending (``\\n``, ``\\r\\n`` or ``\\r``); whether the delimiter was detected.

    ``sep_line``: the file's first line is Excel's ``sep=;`` (the delimiter
    it is read with), above the header; a CSV output keeps such a line.
    """

    delimiter: str = ","
    eol: str = "\n"
    detected: bool = False
    sep_line: bool = False
    empty_lines: int = 0  # empty lines above the header (below a sep= line), which the reader skips
    quoting: CsvQuoting | None = None  # which names and columns the file quotes (a CSV output of its rows keeps them)
    sep_quoted: bool = False  # the sep= line is written in quotes ("sep=;"), as a CSV output writes it too

    @property
    def skip(self) -> int:
        """The lines above the header: a ``sep=`` line and empty lines."""
        return int(self.sep_line) + self.empty_lines


def delimiter_char(given: str, option: str = "delimiter") -> str:
    """The delimiter ``given`` names: one ASCII character, or ``tab`` / ``\\t``, ``comma``, ``semicolon``, ``pipe``.

    >>> [delimiter_char(d) for d in ["tab", "\\\\t", ";", "|", "comma"]]
    ['\\t', '\\t', ';', '|', ',']
    """
    d = _DELIMITER_NAMES.get(given.lower(), given)
    if len(d) != 1 or not d.isascii() or d.isalnum() or d in '"\r\n':
        raise InputError(Message("err_bad_delimiter", option=Option(option, given, quote=True)))
    return d


def _text_sample(path: Path, encoding: TextEncoding, size: int | None = None) -> tuple[str, bool]:
    """The first ``size`` (default :data:`SNIFF_CHARS`) or so characters of a CSV file (a BOM skipped) and whether
    that is all of it.

    A byte that does not decode ends the sample (not all of the file): it is
    told once the rows are read up to it, after a problem in a row before it
    (:func:`_checked`), not here, though the text is decoded ahead in blocks
    of :data:`_BLOCK_BYTES`.
    """
    size = SNIFF_CHARS if size is None else size
    stream = Utf8Stream(path, encoding, text_first=True)
    raw, whole = b"", False
    try:
        raw = stream.read(size) or b""
        whole = not stream.read(1)
    except InputError:  # (the text up to the byte, or none: the byte starts the file)
        whole = False
    finally:
        stream.close()
    return codecs.getincrementaldecoder("utf-8")().decode(raw, final=whole), whole


def _records(sample: str, delimiter: str, whole: bool) -> list[list[str]]:
    """The records of a sample read with ``delimiter`` (empty lines skipped; the last one dropped when cut)."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if row:
                rows.append(row)
            if len(rows) > SNIFF_RECORDS:
                return rows[:SNIFF_RECORDS]
    except csv.Error:  # a quoted field cut by the sample's end: the records before it
        return rows
    return rows if whole or len(rows) < 2 else rows[:-1]


def sniff_delimiter(sample: str, whole: bool = True) -> str:
    """The delimiter of a CSV file's first lines, among :data:`DELIMITERS`.

    A delimiter fits when it splits the header into two columns or more and
    most of the other records into as many (quoted fields read as quoted, so
    a quoted ``"a;b"`` does not count): a row with a field too many or too
    few is then reported by the reader, with its line. The comma when it
    fits, or when none or several others do (a one-column file stays one
    column); else the one that fits, or of several the one every record
    agrees with.

    >>> [sniff_delimiter(t) for t in ["a;b\\n1;2\\n", "a,b\\n1,2\\n", "a\\tb\\n1\\t2", 'a|b\\n"x|y"|2', "name\\nx;y"]]
    [';', ',', '\\t', '|', ',']
    """
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    fits: dict[str, float] = {}
    for d in DELIMITERS:
        rows = _records(sample, d, whole)
        if not rows or len(rows[0]) < 2:
            continue
        share = sum(len(r) == len(rows[0]) for r in rows[1:]) / (len(rows) - 1) if len(rows) > 1 else 1.0
        if share > 0.5:
            fits[d] = share
    if "," in fits or not fits:
        return ","
    if len(fits) == 1:
        return next(iter(fits))
    agreed = [d for d, share in fits.items() if share == 1.0]
    return agreed[0] if len(agreed) == 1 else ","


#: A CSV file's first line up to its line end: text outside quotes and quoted fields (which may hold line breaks).
_FIRST_LINE = re.compile(r'(?:[^"\r\n]+|"[^"]*")*')


def _line_end(sample: str) -> str:
    """The line ending of a CSV file's first line: ``\\r\\n``, ``\\r`` or ``\\n`` (also for a file of one line).

    A line break inside a quoted header cell (a cell of two lines) is not it.

    >>> [_line_end(t) for t in ['a,b\\r\\n1,2\\r\\n', '"a\\nb",c\\r\\n', '"a""\\r",c\\n', 'a\\rb\\n', 'a,b']]
    ['\\r\\n', '\\r\\n', '\\n', '\\r', '\\n']
    """
    end = _FIRST_LINE.match(sample)
    if end is not None and end.end() < len(sample) and sample[end.end()] in "\r\n":
        sample = sample[end.end() :]  # (else a quote left open: the first line break of all)
    cr, lf = sample.find("\r"), sample.find("\n")
    if cr >= 0 and (lf < 0 or cr < lf):
        return "\r\n" if lf == cr + 1 else "\r"
    return "\n"


def _first_line_end(path: Path, encoding: TextEncoding) -> str:
    """The first line end of a CSV file and the character after it (a header longer than the sniffed sample).

    A byte that does not decode before the line end raises its
    :class:`InputError` (the file's first problem); one after it does not.
    """
    stream = Utf8Stream(path, encoding, text_first=True)
    try:
        while block := stream.read(SNIFF_CHARS):
            at = min((i for i in (block.find(b"\r"), block.find(b"\n")) if i >= 0), default=-1)
            if at >= 0:
                try:
                    after = stream.read(1) or b""
                except InputError:  # (the byte right after the line end: the reader tells it)
                    after = b""
                return (block[at:] + after).decode("utf-8", "replace")[:2]
    finally:
        stream.close()
    return ""


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as a CSV reader sees them: ended by CRLF, CR or LF only (not U+2028, form feed...).

    >>> _lines("a\\u2028b\\r\\nc\\rd\\n")
    ['a\\u2028b', 'c', 'd']
    """
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if len(lines) > 1 and not lines[-1] else lines


def _sep_line(sample: str) -> str | None:
    """The delimiter Excel's first line ``sep=;`` (``sep=,``, ``sep=`` and a tab, ...) gives, or None.

    >>> [_sep_line(t) for t in ["sep=;\\r\\nid;lon", "sep=\\t\\n", '"sep=|"\\n', "sep=;;\\n", "id,lon\\n"]]
    [';', '\\t', '|', None, None]
    """
    first = _lines(sample)[0]
    m = re.fullmatch(r'sep=(.)|"sep=(.)"', first)
    if m is None:
        return None
    d = m[1] or m[2]
    return d if d.isascii() and not d.isalnum() and d not in '"' else None


def detect_dialect(path: Path, encoding: TextEncoding, delimiter: str | None = None) -> CsvDialect:
    """A CSV file's delimiter and line ending.

    The delimiter: the one the file's first line gives when it is Excel's
    ``sep=;`` (:func:`_sep_line`; the header is then the second line, and
    ``delimiter``, when given, must be the same), else ``delimiter`` (see
    :func:`delimiter_char`), else a tab for a ``.tsv`` or ``.tab`` file,
    else detected from the first lines (:func:`sniff_delimiter`: comma,
    semicolon, tab or pipe; a comma when undecided). The line ending is
    the first line's. ``quoting``: which names and columns of the file are
    quoted (:func:`csv_quoting`).
    """
    dialect = _detect_dialect(path, encoding, delimiter)
    sample, whole = _text_sample(path, encoding)
    return replace(dialect, quoting=csv_quoting(sample, dialect.delimiter, whole, int(dialect.sep_line)))


def _without_tail(text: str) -> str:
    """A whole CSV text without its tail of blank lines and a Ctrl-Z (:func:`csv_tail`), the last row's line end kept.

    >>> [_without_tail(t) for t in ["a\\tb\\n1\\t2\\n \\t\\n\\x1a", "a\\n1\\t\\t\\n", "a\\n1\\x1a", "a\\n  "]]
    ['a\\tb\\n1\\t2\\n', 'a\\n1\\t\\t\\n', 'a\\n1', 'a\\n']
    """
    text = text.removesuffix("\x1a")
    m = re.search(r"(\r\n|\r|\n)[ \t\r\n]*\Z", text)
    return text[: m.end(1)] if m else text


def _detect_dialect(path: Path, encoding: TextEncoding, delimiter: str | None = None) -> CsvDialect:
    sample, whole = _text_sample(path, encoding)
    if whole:  # (a tail of blank lines or a Ctrl-Z is no record: csv_tail)
        sample = _without_tail(sample)
    eol = _line_end(sample if whole or "\n" in sample or "\r" in sample else _first_line_end(path, encoding))
    sep = _sep_line(sample)
    if delimiter is not None:
        try:
            given = delimiter_char(delimiter)
        except InputError as exc:
            raise InputError(Message("err_in_file", file=path, error=exc.args[0])) from None
        if sep is not None and sep != given:
            line = _lines(sample)[0]
            label, sep_label = delimiter_label(given), delimiter_label(sep)
            options = {"option": Option("delimiter"), "fix": Option("delimiter", sep, quote=True)}
            raise InputError(Message("err_sep_line_given", file=path, line=line, sep=sep_label, given=label, **options))
        quoted = sep is not None and _lines(sample)[0].startswith('"')
        return replace(_top_lines(sample, sep is not None), delimiter=given, eol=eol, sep_quoted=quoted)
    if sep is not None:
        quoted = _lines(sample)[0].startswith('"')
        return replace(_top_lines(sample, True), delimiter=sep, eol=eol, detected=True, sep_quoted=quoted)
    if path.suffix.lower() in TAB_SUFFIXES:
        return replace(_top_lines(sample, False), delimiter="\t", eol=eol)
    return replace(_top_lines(sample, False), delimiter=sniff_delimiter(sample, whole), eol=eol, detected=True)


def _top_lines(sample: str, sep_line: bool) -> CsvDialect:
    """The lines above a CSV file's header: its ``sep=`` line (when it has one) and the empty lines below it."""
    lines = _lines(sample)[int(sep_line) :]
    empty = next((i for i, line in enumerate(lines) if line), len(lines))
    return CsvDialect(sep_line=sep_line, empty_lines=empty)


#: Text read from the start of a CSV file for a header below title or comment lines (:func:`header_below`).
HEADER_SEARCH_CHARS = 1 << 20


def header_below(
    path: Path, encoding: TextEncoding, lon_col: str | None, lat_col: str | None, skip: int = 0
) -> InputError | None:
    """The error for a CSV file whose header is below a title or comment line, or None.

    When the first line names no coordinate columns (:func:`detect_columns`,
    split at any of :data:`DELIMITERS`) but one of the next lines (any in
    the first :data:`HEADER_SEARCH_CHARS` characters) does: the error names that
    line and says to delete the lines above it. Such a file is never read from a later
    line silently: a line above the header may say something about its data.
    The first ``skip`` lines (a ``sep=`` line) are not looked at: the header
    is expected on line ``skip + 1``.
    """
    try:
        sample, whole = _text_sample(path, encoding, HEADER_SEARCH_CHARS)
    except InputError:
        return None
    lines = _lines(sample)[skip:]
    if not whole:  # the last line may be cut
        lines = lines[:-1]
    top = skip + 1
    while lines and not lines[0]:  # empty lines above the first record: no title (the reader skips them)
        lines, top = lines[1:], top + 1

    def header(line: str) -> bool:
        for d in DELIMITERS:
            fields = next(csv.reader([line], delimiter=d), [])
            if len(fields) >= 2:
                try:
                    detect_columns(fields, lon_col, lat_col, path)
                    return True
                except InputError:
                    pass
        return False

    if not lines or header(lines[0]):
        return None
    for i, line in enumerate(lines[1:], start=top + 1):
        if line.strip() and header(line):
            above = Message("lines_above_1", top=top)
            if i > top + 1:
                above = Message("lines_above_n", top=top, n=f"{i - 1:,}")
            first, header_line = _clip(lines[0]), _clip(line)
            at = f"{i:,}"
            return InputError(
                Message("err_header_below", file=path, top=top, first=first, line=at, header=header_line, above=above)
            )
    return None


def _clip(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[:size] + "..."


def output_dialect(dst: Path, source: Source) -> CsvDialect:
    """The delimiter and line ending of a CSV output: the CSV input's (a comma and ``\\n`` for other inputs);
    a tab for a ``.tsv`` or ``.tab`` output. The rows of an input of mixed line endings keep their own
    (:attr:`Chunk.line_ends`, :class:`LineEndWatch`)."""
    dialect = source.dialect or CsvDialect()
    if dst.suffix.lower() in TAB_SUFFIXES:
        dialect = replace(dialect, delimiter="\t")
    return dialect


# -- tables (CSV and Parquet) ------------------------------------------------------
CSV_BLOCK_BYTES = 1 << 24  # the CSV reader's block: no row (the header included) may be longer


@contextmanager
def _csv_text(path: Path, encoding: TextEncoding, skip: int = 0) -> Iterator[io.TextIOWrapper]:
    """A CSV file as text (in ``encoding``, a BOM skipped), from its line ``skip + 1`` (below a ``sep=`` line).

    An undecodable byte raises its :class:`InputError` once the text
    reaches it (``text_first``), not where the text is decoded ahead: a
    row before it is read (:func:`first_ragged_row` finds a ragged row there).
    """
    stream = Utf8Stream(path, encoding, text_first=True)
    with io.TextIOWrapper(io.BufferedReader(stream), encoding="utf-8", newline="") as fh:
        for _ in range(skip):
            fh.readline()
        yield fh


def _csv_from_header(path: Path, encoding: TextEncoding, skip: int = 0) -> tuple[Any, Utf8Stream | None]:
    """A CSV file's UTF-8 text from its header on, as the reader is given it, and the decoding stream it is read
    through (None for a UTF-8 file, read as it is).

    The decoded text ends at the last line end before an undecodable byte
    (``whole_lines``: the stream's ``error`` says where the byte is), so the
    reader reads every row before the byte, a ragged one among them, before
    the byte is told (:func:`_checked`).

    A BOM and the ``skip`` lines above the header (a ``sep=`` line, empty
    lines) are passed over here, not by the reader: pyarrow looks for the
    header's end in its first block, so a header below them could be at
    most the block less their bytes long; begun at the header, the header
    may be as long as any row (:data:`CSV_BLOCK_BYTES`).
    """
    above = 0  # the UTF-8 bytes of the lines above the header (as _csv_text reads them)
    if skip:
        with _csv_text(path, encoding) as fh:
            above = sum(len(fh.readline().encode("utf-8", "surrogatepass")) for _ in range(skip))
    if encoding.name not in _UTF8:
        stream = Utf8Stream(path, encoding, whole_lines=True)  # (its BOM skipped)
        try:
            while above > 0 and (passed := stream.read(min(above, 1 << 16))):
                above -= len(passed)
        except BaseException:
            stream.close()
            raise
        return stream, stream
    raw = path.open("rb")
    if raw.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        raw.seek(0)
    raw.seek(above, io.SEEK_CUR)
    return raw, None


def _csv_header(path: Path, encoding: TextEncoding, delimiter: str = ",", skip: int = 0) -> list[str]:
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)  # a header cell may be longer than the csv module's 128 KB default
    with _csv_text(path, encoding, skip) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:  # the first record that is not an empty line, as the CSV reader skips those
            header = next(record for record in reader if record)
            if header[-1].endswith("\x1a") and next((record for record in reader if record), None) is None:
                # a Ctrl-Z ending the file right after the header (csv_tail) is the file's end, not the name's
                header[-1] = header[-1][:-1]
        except StopIteration:
            raise InputError(Message("err_empty_csv", file=path)) from None
        except csv.Error as exc:
            mb = CSV_BLOCK_BYTES // (1 << 20)
            raise InputError(Message("err_header_unreadable", file=path, reason=str(exc), mb=mb)) from None
    if len(header) == 1 and not header[0].strip(" \t\x1a"):  # spaces or a Ctrl-Z (an old DOS program's empty file)
        raise InputError(Message("err_empty_csv", file=path))
    return header


def _decode_error(
    path: Path,
    encoding: TextEncoding,
    stream: Utf8Stream | None,
    exc: BaseException,
    delimiter: str = ",",
    skip: int = 0,
) -> InputError | None:
    """The InputError for a CSV read that failed on undecodable text (offset and line), or None for other failures.

    The text is decoded, and pyarrow's reader reads, ahead of the rows
    measured: a row longer than the reader's block that ends before the
    byte (:func:`first_long_row`) is the file's first problem, and told.
    """
    if isinstance(exc, InputError) and (stream is None or stream.error is None):
        return exc
    undecodable = stream is not None and stream.error is not None
    if not undecodable and not (isinstance(exc, pa.ArrowInvalid) and "UTF8" in str(exc)):
        return None
    return _undecodable_first(path, encoding, stream, delimiter, skip)


def _undecodable_first(
    path: Path, encoding: TextEncoding, stream: Utf8Stream | None, delimiter: str = ",", skip: int = 0
) -> InputError:
    """The InputError for the undecodable byte of a CSV file the reader met (``stream.error``; the first one of a
    UTF-8 file, read as it is, when ``stream`` is None), or for a row longer than the reader's block before it."""
    if path.stat().st_size * (1 if encoding.name in _UTF8 else _UTF8_GROWTH) > CSV_BLOCK_BYTES:
        try:
            row = first_long_row(path, encoding, CSV_BLOCK_BYTES, delimiter, skip)
        except InputError as error:
            return error
        if row is not None:
            return _long_row_message(path, encoding, row, skip)
    if stream is not None and stream.error is not None:
        return _undecodable(path, encoding, *stream.error)
    return _undecodable(path, encoding, *first_undecodable(path, "utf-8"))


class _FieldCounts:
    """The CSV reader's ``invalid_row_handler``: keeps the first row whose field count is not the header's.

    It always answers ``"error"``: the read fails there, no row is ever
    skipped; :func:`_read_error` then finds the row's line in the file.

    A row whose text is not UTF-8 (a UTF-8 file is read as it is) is not
    given to it: pyarrow fails to make the row's text and Python prints the
    error as one it cannot pass on. Around the reader's calls
    (:meth:`watching`) that is noted in ``undecodable`` instead, and the
    read fails as for any such row.
    """

    def __init__(self) -> None:
        self.row: Any = None  # a pyarrow.csv.InvalidRow (its number is None when streaming)
        self.undecodable = False  # a row of the wrong field count whose text pyarrow could not give (not UTF-8)

    def __call__(self, row: Any) -> str:
        if self.row is None:
            self.row = row
        return "error"

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Around a call of the reader: its failure to give this handler a row is noted, not printed."""
        hook = sys.unraisablehook

        def seen(unraisable: Any) -> None:
            if unraisable.object is self and isinstance(unraisable.exc_value, UnicodeDecodeError):
                self.undecodable = True
                return
            hook(unraisable)

        sys.unraisablehook = seen
        try:
            yield
        finally:
            if sys.unraisablehook is seen:  # (one set since, by another thread's reader, goes on to this one)
                sys.unraisablehook = hook


@dataclass(frozen=True)
class RaggedRow:
    """A CSV row whose field count is not the header's: where it is and what it holds.

    ``first_line`` and ``last_line`` are the file's physical lines, counted
    from 1 with the header's (first) line as line 1; they differ when a
    quoted field of the row holds line breaks. ``record`` counts rows
    instead (the header is record 1, empty lines are no records), ``text``
    is the row as written.
    """

    first_line: int
    last_line: int
    record: int
    fields: int
    text: str


def first_ragged_row(
    path: Path, encoding: TextEncoding, columns: int, delimiter: str = ",", skip: int = 0
) -> RaggedRow | None:
    """The first row after the header of a CSV file that has not ``columns`` fields, or None.

    The whole file is read from its start (block by block, as the job reads
    it: in ``encoding``, a BOM skipped), so a row far into a large file gets
    its line in the file, not in a block; a quoted field holding line breaks
    moves the later rows down by as many lines as it spans; empty lines are
    counted as lines but are no rows (the reader skips them); fields are
    split at ``delimiter``. The header is line ``skip + 1`` (the lines
    above it are not read). An undecodable byte before the row raises its
    :class:`InputError`.
    """
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    with _csv_text(path, encoding, skip) as fh:
        pending: list[str] = []  # the lines of the row being read

        def lines() -> Iterator[str]:
            for line in fh:
                pending.append(line)
                yield line

        reader = csv.reader(lines(), delimiter=delimiter)
        done = skip  # lines read up to the end of the previous row
        record = 0
        try:
            for fields in reader:
                if fields:
                    record += 1
                    if record > 1 and len(fields) != columns:
                        return RaggedRow(done + 1, skip + reader.line_num, record, len(fields), "".join(pending))
                done = skip + reader.line_num
                pending.clear()
        except csv.Error:  # a row Python's csv module cannot read: the caller reports the reader's own words
            return None
    return None


def row_lines(
    path: Path, encoding: str, rows: Iterable[int], delimiter: str = ",", skip: int = 0
) -> dict[int, tuple[int, int]]:
    """The first and last line (from 1) of the file each of ``rows`` is on: data rows counted from 0 below the
    header, as :func:`read_fixes` numbers them (empty lines no rows), ``encoding`` the codec the file was read in.

    The file is read again from its start with Python's csv module, as :func:`first_ragged_row` reads it (the
    header on line ``skip + 1``; a quoted field holding line breaks spans lines, an empty line is a line), up to
    the last row asked for: for the few rows a message names, not for every row. A row not found (past the end,
    or where the csv module stops) is left out.

    >>> import tempfile
    >>> src = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = src.write_text('id,note\\n\\na,"two\\nlines"\\nb,x\\n', encoding="utf-8")
    >>> row_lines(src, "utf-8", [0, 1])
    {0: (3, 4), 1: (5, 5)}
    """
    wanted = set(rows)
    found: dict[int, tuple[int, int]] = {}
    if not wanted:
        return found
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    last = max(wanted)
    with _csv_text(path, detect_encoding(path, encoding), skip) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        done = skip  # lines read up to the end of the previous row (an empty line's too)
        row = -1  # (the header)
        try:
            for fields in reader:
                if fields:
                    if row in wanted:
                        found[row] = (done + 1, skip + reader.line_num)
                    if row >= last:
                        break
                    row += 1
                done = skip + reader.line_num
        except csv.Error:  # (the reader read the file; Python's module stops here: the rows after are not said)
            pass
    return found


@dataclass(frozen=True)
class LongRow:
    """A CSV row longer than the reader's block: its lines (from 1, the header's being ``skip + 1``) and size.

    ``size`` counts the row's UTF-8 bytes, its line end included (the text
    the reader reads).
    """

    first_line: int
    last_line: int
    size: int


def first_long_row(
    path: Path, encoding: TextEncoding, limit: int, delimiter: str = ",", skip: int = 0
) -> LongRow | None:
    """The first row of a CSV file (the header included) longer than ``limit`` bytes of UTF-8 text, or None.

    Read from the header on as the reader is given it (in ``encoding``, a
    BOM skipped, as UTF-8), its rows split as the reader splits them and
    measured as :class:`LineEndWatch` measures them (:func:`_csv_long_row`:
    the same quoting rules, whatever the quoting's faults), its lines
    counted at each CRLF, CR or LF. The file's tail that is no data
    (:func:`csv_tail`: a Ctrl-Z, lines of spaces), which the reader is not
    given, is no part of the last row. The first problem in the file is
    the one told: an undecodable byte before the row's end (before the row,
    or in it) raises its :class:`InputError`; one after it does not.
    """
    above = 0  # the UTF-8 bytes of the lines above the header (as _csv_text reads them)
    if skip:
        with _csv_text(path, encoding) as fh:
            above = sum(len(fh.readline().encode("utf-8", "surrogatepass")) for _ in range(skip))
    hold = len(csv_tail(path, encoding))  # (ASCII: as many UTF-8 bytes, the text's last)
    state = np.zeros(_LONG_ROW_STATE, dtype=np.int64)
    held = b""  # the text's last ``hold`` bytes read: the tail, unless more text follows

    def measure(text: bytes) -> None:
        _csv_long_row(np.frombuffer(text, dtype=np.uint8), ord(delimiter), limit, state)

    with Utf8Stream(path, encoding, text_first=True) as stream:  # (the text before an undecodable byte measured)
        while above > 0 and (passed := stream.read(min(above, 1 << 16))):
            above -= len(passed)
        try:
            while not state[5] and (block := stream.read(1 << 20)):
                text = held + block
                cut = len(text) - hold
                held = text[cut:]
                measure(text[:cut])
        except InputError:
            if held and not state[5]:  # (text before the byte, not the file's tail)
                measure(held)
            if not state[5] and not (state[0] == 4 and state[1] > limit):  # (a row ended by a CR just before it)
                raise  # the byte comes before the end of any row longer than the limit
    at, n, lines, first, _, found, row_first, row_last, size = (int(v) for v in state)
    if not found and n > limit:  # the last row: ended by a CR, or with no line end (its last line ended or not)
        found, row_first, row_last, size = 1, first, lines - 1 if at == 4 or state[4] else lines, n
    return LongRow(skip + row_first + 1, skip + row_last + 1, size) if found else None


def _long_row_error(path: Path, encoding: TextEncoding, delimiter: str = ",", skip: int = 0) -> InputError:
    """The InputError for a CSV row longer than the reader's block (:data:`CSV_BLOCK_BYTES`): pyarrow's reader
    cannot read it. The row is found by :func:`first_long_row`: its line, its size and the most a row may be."""
    try:
        row = first_long_row(path, encoding, CSV_BLOCK_BYTES, delimiter, skip)
    except InputError as exc:  # an undecodable byte comes first
        return exc
    return _long_row_message(path, encoding, row, skip)


def _long_row_message(path: Path, encoding: TextEncoding, row: LongRow | None, skip: int = 0) -> InputError:
    """The InputError of :func:`_long_row_error` for ``row`` (None: a row the reader refused, not found again)."""
    limit = CSV_BLOCK_BYTES
    mb = limit >> 20
    most = Message("size_mb", mb=f"{mb:,}", n=f"{limit:,}") if mb and not limit % (1 << 20) else None
    most = most or Message("size_bytes", n=f"{limit:,}")
    header = f"{skip + 1:,}"
    where: Message
    size: Message = Message("row_longer_than", limit=most)
    if row is None:
        where = Message("row_not_found")
    elif row.first_line == row.last_line:
        where = Message("row_on_line", line=f"{row.first_line:,}", header=header)
    else:
        where = Message("row_on_lines", first=f"{row.first_line:,}", last=f"{row.last_line:,}", header=header)
    if row is not None:
        key = "row_size" if encoding.name in _UTF8 else "row_size_utf8"
        size = Message(key, n=f"{row.size:,}")
    return InputError(Message("err_csv_row_too_long", file=path, where=where, size=size, limit=most))


def _records_after_header(path: Path, encoding: TextEncoding, delimiter: str = ",", skip: int = 0) -> bool:
    """Whether a CSV file holds a row after its header (empty lines are none)."""
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    with _csv_text(path, encoding, skip) as fh:
        records = (fields for fields in csv.reader(fh, delimiter=delimiter) if fields)
        try:
            return next(records, None) is not None and next(records, None) is not None
        except csv.Error:
            return True


def _straddles(exc: BaseException) -> bool:
    """Whether a CSV read failed on a row longer than the reader's block (pyarrow's words for it)."""
    return isinstance(exc, pa.ArrowInvalid) and "straddles two block boundaries" in str(exc)


def first_unclosed_quote(path: Path, encoding: TextEncoding, delimiter: str = ",", skip: int = 0) -> InputError | None:
    """The error for a quoted field of a CSV file that takes in the lines after it, or None.

    A field opened by a quote runs until a quote closes it: when that quote
    is missing, or is one that opens a field further on (followed by more
    text, not by a delimiter or a line end), the reader takes the lines
    between into that one field, and their rows are lost without a word.
    Read strictly (Python's csv module, ``strict=True``) from the start, as
    :func:`first_ragged_row` reads; a field that is malformed so but spans
    no line break loses no row and is let be. The header is line ``skip + 1``.
    """
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    with _csv_text(path, encoding, skip) as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        done = 0  # lines read up to the end of the previous row
        while True:
            try:
                next(reader)
            except StopIteration:
                return None
            except csv.Error as exc:
                end = "unexpected end of data" in str(exc)
                if reader.line_num > done + 1 or (end and reader.line_num > done):
                    last = f"{skip + reader.line_num:,}"
                    what = Message("quote_to_end") if end else Message("quote_followed", line=last)
                    first, header = f"{skip + done + 1:,}", f"{skip + 1:,}"
                    return InputError(Message("err_quote_not_closed", file=path, first=first, header=header, what=what))
                if reader.line_num == done:  # (nothing read past the error: no further row to look at)
                    return None
            done = reader.line_num


def _has_line_break(batch: pa.RecordBatch) -> bool:
    """Whether a cell of a CSV file's batch holds a line break (only a quoted field can).

    Searched for in the columns' text buffers as bytes (a few milliseconds
    for a million rows); a buffer may hold text beyond its column's cells,
    which can only make the answer True where a cell would not have.
    """
    for col in batch.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            data = col.buffers()[2]
            if data is not None and (b"\n" in (text := data.to_pybytes()) or b"\r" in text):
                return True
    return False


def _plural(n: int, one: str, many: str) -> Message:
    """The message ``one`` (``1 field``) or ``many`` (``2 fields``) for ``n``."""
    return Message(one if n == 1 else many, n=f"{n:,}")


def _ragged_error(
    path: Path, encoding: TextEncoding, names: list[str], bad: Any, delimiter: str = ",", skip: int = 0
) -> InputError:
    """The InputError for a row with too many or too few fields: its line (from 1, the header's being 1), what is right.

    ``bad`` is the reader's InvalidRow; the row's line is found by
    :func:`first_ragged_row`.
    """
    n = len(names)
    try:
        row = first_ragged_row(path, encoding, n, delimiter, skip)
    except InputError as exc:  # an undecodable byte comes first
        return exc
    header: str = Message("header_names", names=Joined(names, "comma")) if n <= 10 else ""
    where: Message
    if row is None:  # not found again: say what the reader saw
        fields, text = int(bad.actual_columns), str(bad.text)
        where = Message("row_not_found")
    else:
        fields, text = row.fields, row.text
        if row.first_line == row.last_line:
            where = Message("row_on_line", line=f"{row.first_line:,}", header=f"{skip + 1:,}")
        else:
            first, last = f"{row.first_line:,}", f"{row.last_line:,}"
            where = Message("row_on_lines", first=first, last=last, header=f"{skip + 1:,}")
    text = text.rstrip("\r\n")
    if len(text) > 100:
        text = text[:100] + "..."
    comma = delimiter == ","
    label = delimiter_label(delimiter)
    fix = Message("fix_missing_fields")
    if fields > n:
        fix = Message("fix_extra_fields") if comma else Message("fix_extra_fields_delimiter", delimiter=label)
    if row is not None and row.first_line != row.last_line:
        fix = Message("fix_quotes", fix=fix)
    return InputError(
        Message(
            "err_ragged_row",
            file=path,
            where=where,
            fields=_plural(fields, "fields_1", "fields_n"),
            columns=_plural(n, "columns_1", "columns_n"),
            header=header,
            row=text,
            n=f"{n:,}",
            separated=Message("separated_comma") if comma else Message("separated_by", delimiter=label),
            fix=fix,
        )
    )


def _ragged_row_not_given(path: Path, stream: Utf8Stream | None, exc: BaseException, counts: _FieldCounts) -> bool:
    """Whether the reader failed on a row of the wrong field count that it never gave to ``counts``: in a UTF-8 file
    read as it is (no ``stream``), a row whose text is not UTF-8 (pyarrow could not make it). That failure is noted
    by :meth:`_FieldCounts.watching` when it comes during a call of the reader; pyarrow's threads may meet the row
    between calls (under load), and then only its error says it: a field count, no row given, and a byte of the
    file that is not UTF-8."""
    if stream is not None or counts.row is not None or not isinstance(exc, pa.ArrowInvalid):
        return False
    if not re.search(r"Expected \d+ columns, got \d+", str(exc)):
        return False
    return first_undecodable(path, "utf-8")[0] >= 0


def _read_error(
    path: Path,
    encoding: TextEncoding,
    stream: Utf8Stream | None,
    exc: BaseException,
    counts: _FieldCounts,
    names: list[str],
    delimiter: str = ",",
    skip: int = 0,
) -> InputError | None:
    """The InputError for a failed CSV read: a row with the wrong number of fields (its line), a row longer than the
    reader's block (its line and size) or undecodable text.

    None for other failures.
    """
    if not isinstance(exc, InputError) and counts.row is not None:
        return _ragged_error(path, encoding, names, counts.row, delimiter, skip)
    if not isinstance(exc, InputError) and (counts.undecodable or _ragged_row_not_given(path, stream, exc, counts)):
        # a ragged row (the first) holding a byte that does not decode: the file's first such byte is in it or before
        return _undecodable_first(path, encoding, stream, delimiter, skip)
    if _straddles(exc) and (stream is None or stream.error is None):
        return _long_row_error(path, encoding, delimiter, skip)
    return _decode_error(path, encoding, stream, exc, delimiter, skip)


def _checked(
    path: Path,
    encoding: TextEncoding,
    stream: Utf8Stream | None,
    batches: Iterator[pa.RecordBatch],
    counts: _FieldCounts,
    names: list[str],
    delimiter: str = ",",
    skip: int = 0,
    watch: LineEndWatch | None = None,
) -> Iterator[pa.RecordBatch]:
    """A CSV file's batches; a ragged row is reported with its line, undecodable text with its byte offset and line.

    When a cell holds a line break, the file is read again at its end for a
    quote left open (:func:`first_unclosed_quote`): rows taken into a field.
    The text of a file in another encoding than UTF-8 ends before an
    undecodable byte (:func:`_csv_from_header`): once its rows are read (none
    of them ragged), the byte is told.
    """
    try:
        broken = False
        while True:
            taking = watch.taken() if watch is not None else nullcontext()  # (the job waits for rows: ReadAhead)
            with taking, counts.watching():
                batch = next(batches, None)
            if watch is not None and watch.too_long:  # (pyarrow may read a row up to twice its block: never here)
                raise _long_row_error(path, encoding, delimiter, skip)
            if batch is None:
                break
            broken = broken or _has_line_break(batch)
            yield batch
        if broken and (unclosed := first_unclosed_quote(path, encoding, delimiter, skip)) is not None:
            raise unclosed
        if stream is not None and stream.error is not None:  # the text ended before an undecodable byte
            raise _undecodable_first(path, encoding, stream, delimiter, skip)
    except InputError:
        raise
    except Exception as exc:
        error = _read_error(path, encoding, stream, exc, counts, names, delimiter, skip)
        if error is None:
            raise
        raise error from None
    finally:  # (the rows all taken, an error, or the consumer stopped: pyarrow's thread stops reading ahead)
        if watch is not None:
            watch.end()
            watch.close()
        if stream is not None:
            stream.close()


class _Reading:
    """pyarrow's CSV reader's batches; once this is dropped (its batches taken or not), the file is said to have
    ended (:meth:`ReadAhead.end`) before the reader goes: a reader dropped while its thread waits in a read for a
    block to be let go would wait for that thread, which waits for the interpreter: a hang."""

    def __init__(self, reader: Any, watch: ReadAhead):
        self._batches, self._watch = iter(reader), watch

    def __iter__(self) -> _Reading:
        return self

    def __next__(self) -> pa.RecordBatch:
        return next(self._batches)

    def __del__(self) -> None:
        self._watch.end()


#: The line ends of CSV rows by code (0: none, the last row of a file without a final line end).
LINE_ENDS = ("", "\n", "\r\n", "\r")


#: The blocks of a CSV file (:data:`CSV_BLOCK_BYTES` each) pyarrow's reader may hold at once, read ahead or being
#: parsed (:class:`ReadAhead`): 64 MB, however large the file. pyarrow needs three to go on.
CSV_READ_AHEAD_BLOCKS = 4


class _Block(bytearray):
    """A block of a file handed to pyarrow's reader: a bytearray that can be weakly referenced (its freeing seen)."""


#: How long a read of :class:`ReadAhead` waits, while the job waits for rows and no block is let go, before it
#: is let through anyway (a last resort: the pyarrow tested never needs it).
READ_AHEAD_STALL_S = 5.0


class ReadAhead(io.RawIOBase):
    """A file as pyarrow's streaming CSV reader reads it: at most :data:`CSV_READ_AHEAD_BLOCKS` blocks held at once,
    and no read under way at exit.

    pyarrow reads the file on an I/O thread of its own, up to 32 blocks
    ahead of the rows taken, whatever the consumer does (with 16 MB blocks,
    512 MB of the file held: a smaller file was read whole into memory), and
    has no option to read less. Here each block is handed to it as a
    :class:`_Block` whose freeing is seen, and a read waits while
    :data:`CSV_READ_AHEAD_BLOCKS` blocks are held (``most_held`` is the most
    there were). pyarrow lets a block go once its rows are parsed (the
    batches made of them are copies) and needs three at once: the block
    parsed, the one before it that its first row starts in, the one after it
    (is this block the last?). So a CSV reader holds at most
    :data:`CSV_READ_AHEAD_BLOCKS` blocks of the file, however large it is,
    and the rows of the block it decodes (``use_threads=False``: one block
    at a time, when its rows are asked for): rows are taken before more of
    the file is read.

    Should a pyarrow need more blocks at once than that, a read is not held
    back when the job waits for rows that need the block to be read while
    every block held is in use (:meth:`_needed`; ``lent`` counts the blocks
    so given beyond the bound): pyarrow makes one batch of each block,
    knowing the one after it, so the job's calls for rows (:meth:`taken`)
    say which blocks are in use. Such a reader goes on, never stalls, and no
    clock is involved: a read waits for a block to be let go or for the
    job's next call. (With :data:`CSV_READ_AHEAD_BLOCKS`
    above three, none is ever lent: at the bound, a block held is one read
    ahead or one pyarrow is done with and lets go of.) Only as a last
    resort, for a pyarrow holding blocks in some way this does not know, a
    read the job has waited on for :data:`READ_AHEAD_STALL_S` with nothing
    let go is let through (``stalls`` counts them): slower, never a
    deadlock.

    At exit (:func:`_end_reads_ahead`), every read is told the file has
    ended (:meth:`end`).
    """

    def __init__(self, inner: Any):
        super().__init__()
        self._inner = inner
        self._cond = threading.Condition(threading.RLock())  # (a block freed on a thread that holds it: no deadlock)
        self.held = 0  # blocks handed to the reader and not yet let go
        self.most_held = 0
        self.waits = 0  # the reads that waited for a block to be let go
        self.waiting = threading.Event()  # set while a read waits for a block to be let go (tests wait for it)
        self.taking = False  # the job waits for the reader's rows (set around its calls: :meth:`taken`)
        self.calls = 0  # the job's calls for rows that returned (:meth:`taken`)
        self.handed = 0  # the blocks handed to the reader
        self.lent = 0  # the blocks handed beyond the bound (the rows the job waits for needed them)
        self.stalls = 0  # the blocks handed beyond the bound after :data:`READ_AHEAD_STALL_S` with nothing let go
        #: the blocks held, by their reference's id (a weak reference to a bytearray is no key): it, their number
        self._blocks: dict[int, tuple[weakref.ref[_Block], int]] = {}
        self._ended = False  # told at exit that the file has ended (:func:`_end_reads_ahead`)
        self._busy = False  # a read under way (or waiting for a block to be let go)
        self._started = 0.0  # when the last read started (time.monotonic)
        #: set once a read after the end was answered "no more": the reader has stopped reading ahead
        self.told = threading.Event()
        _READ_AHEAD.add(self)

    @property
    def _told(self) -> bool:
        return self.told.is_set()

    @_told.setter
    def _told(self, value: bool) -> None:
        if value:
            self.told.set()
        else:
            self.told.clear()

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes | bytearray:
        """The next block of at most ``size`` bytes, once fewer than :data:`CSV_READ_AHEAD_BLOCKS` are held."""
        if size is None or size < 0:
            return self.readall()
        if size == 0:
            return b""
        with self._cond:
            self._busy, self._started = True, time.monotonic()
            while self.held >= CSV_READ_AHEAD_BLOCKS and not self._ended and not self.closed:
                if self._needed():
                    self.lent += 1
                    break
                self.waits += 1
                self.waiting.set()
                # (until a block is let go, the job calls for rows, the end or the close; a last resort, never
                # reached with the pyarrow tested: the job waiting for rows this long with nothing let go is a
                # pyarrow that holds blocks in a way :meth:`_needed` does not know: one more block, not a deadlock)
                if not self._cond.wait(READ_AHEAD_STALL_S) and self.taking and not self._ended and not self.closed:
                    self.stalls += 1
                    break
            self.waiting.clear()
            if self._ended or self.closed:
                self._told, self._busy = True, False
                return b""
            self.held += 1
            index, self.handed = self.handed, self.handed + 1
            self.most_held = max(self.most_held, self.held)
        block = _Block(size)
        try:
            n = self._readinto(block)
        except BaseException:
            self._let_go(None)
            self._busy = False
            raise
        del block[n:]
        if not n:
            self._let_go(None)
            self._told, self._busy = True, False  # (the file's own end: the reader has read it all)
            return b""
        ref = weakref.ref(block, self._let_go)
        self._blocks[id(ref)] = (ref, index)
        self._busy = False
        return block

    def _needed(self) -> bool:
        """Whether the block to be read now is one the rows the job waits for need while every block held is still
        in use: the job's call ``n`` (0: opening the reader; then the batch of block ``n - 1``) needs blocks up to
        ``n`` (pyarrow parses a block knowing the one after it: ``n + 1`` here, for good measure) and holds those
        from ``n - 2`` on (a row begun in the block before the one parsed). An older block still held is one
        pyarrow is done with and lets go of: it is waited for."""
        n = self.calls
        if not self.taking or self.handed > n + 1:
            return False
        return all(index >= n - 2 for _, index in self._blocks.values())

    def _let_go(self, ref: Any) -> None:
        """A block is freed (pyarrow let it go): a read waiting for one goes on."""
        with self._cond:
            self._blocks.pop(id(ref), None)
            self.held -= 1
            self._cond.notify_all()

    def readinto(self, buffer: Any) -> int:
        with self._cond:
            if self._ended:
                self._told = True
                return 0
            self._busy = True
            self._started = time.monotonic()
        try:
            n = self._readinto(buffer)
            if not n:
                self._told = True  # (the file's own end: the reader has read it all)
            return n
        finally:
            self._busy = False

    def _readinto(self, buffer: Any) -> int:
        return int(self._inner.readinto(buffer) or 0)

    @contextmanager
    def taken(self) -> Iterator[None]:
        """Around a call that waits for the reader's rows (:attr:`taking`; opening the reader is one, then each
        batch asked for): a read held back for a block the call's rows need goes on (:class:`ReadAhead`)."""
        with self._cond:
            self.taking = True
            self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self.taking = False
                self.calls += 1

    def end(self, wait_s: float = 5.0, grace_s: float = 0.25) -> None:
        """Say the file has ended to every later read, and wait (up to ``wait_s``) for a read under way.

        A reader that was reading ahead lately (a read under way or started
        within ``grace_s``, or one waiting for a block to be let go) is also
        given up to ``grace_s`` to ask once more and be told the file has
        ended, so that its thread is out of Python, and reads no more, before
        the interpreter finalizes (under load, its next read could come just as
        it did: an abort at exit).
        """
        with self._cond:
            self._ended = True
            reading = self._busy or self.waiting.is_set()
            self._cond.notify_all()
        now = time.monotonic()
        deadline = now + wait_s
        while self._busy and time.monotonic() < deadline:
            time.sleep(0.001)
        if reading or now - self._started < grace_s:
            until = time.monotonic() + grace_s
            while not self._told and time.monotonic() < until:
                time.sleep(0.002)

    def close(self) -> None:
        with self._cond:
            if not self.closed:
                self._inner.close()
            super().close()
            self._cond.notify_all()  # (a read waiting for a block: the file is closed, no more)


#: The most UTF-8 bytes a byte of a file in another encoding becomes (``€``, one byte in cp1252, is three).
_UTF8_GROWTH = 3


#: The length of :func:`_csv_long_row`'s state.
_LONG_ROW_STATE = 9


@kernel(cache=True, nogil=True)
def _csv_long_row(data: np.ndarray, delimiter: int, limit: int, state: np.ndarray) -> None:  # pragma: no cover - numba
    """Find the first CSV row in ``data`` (the next bytes of a UTF-8 CSV text) longer than ``limit`` bytes, its line
    end included, its rows split as pyarrow's reader splits them: a quote opens a quoted field only at a field's
    start, two in one are one, a line break in one is the cell's; a row ends at CR, LF or CRLF.

    ``state`` (int64, :data:`_LONG_ROW_STATE` long, zeros at the text's
    start, carried from one block to the next): ``[0]`` where the text is
    (0 at a field's start, 1 in a field, 2 in a quoted field, 3 after a
    quote in one, 4 after a CR that ended a row), ``[1]`` the bytes of the row read so
    far, ``[2]`` the line ends read so far (a CRLF, a CR or an LF is one,
    in a row's end or in a quoted field alike), ``[3]`` the lines ended
    before the row's start, ``[4]`` 2 after a CR, 1 after an LF, else 0;
    once a row is found: ``[5]`` 1, ``[6]`` its first line and ``[7]`` its
    last line (from 0), ``[8]`` its size. The row ended by a CR at the end
    of the text, or with no line end, is left to the caller.
    """
    at, n, lines, first, eol = state[0], state[1], state[2], state[3], state[4]
    for i in range(data.size):
        c = data[i]
        if at == 4:  # (a CR ended the row: an LF after it is its line end's, its line counted at the CR)
            at = 0
            if c == 10:
                n += 1
                eol = 1
                if n > limit:
                    state[5], state[6], state[7], state[8] = 1, first, lines - 1, n
                    return
                n, first = 0, lines
                continue
            if n > limit:
                state[5], state[6], state[7], state[8] = 1, first, lines - 1, n
                return
            n, first = 0, lines
        if c == 13 or (c == 10 and eol != 2):  # (the LF of a CRLF: its line counted at the CR)
            lines += 1
        eol = 2 if c == 13 else (1 if c == 10 else 0)
        n += 1
        if at == 0 or at == 3:
            if c == 34:  # (a quote opens a quoted field, or is one quote of two in one)
                at = 2
                continue
            at = 1
        if at == 1:
            if c == 13:
                at = 4
            elif c == 10:
                if n > limit:
                    state[5], state[6], state[7], state[8] = 1, first, lines - 1, n
                    return
                n, first, at = 0, lines, 0
            elif c == delimiter:
                at = 0
        elif c == 34:  # (in a quoted field)
            at = 3
    state[0], state[1], state[2], state[3], state[4] = at, n, lines, first, eol


class LineEndWatch(ReadAhead):
    """A CSV file's UTF-8 bytes as the reader reads them, watched for a line end other than the file's first one
    and for a row longer than the reader's block.

    ``mixed`` turns True at the first line break (in a row's end or in a
    quoted cell) of another kind than ``eol``: then the rows' own line ends
    are read again (:func:`row_line_ends`), so that each output row gets its
    own. A file of one kind throughout is never read twice; one whose last
    row has no line end (``unterminated``) gets an output whose last row has
    none (:meth:`CsvWriter.close`). Read as :class:`ReadAhead` reads.

    Given its ``delimiter``, the rows are measured as the reader reads them
    (:func:`_csv_long_row`): ``too_long`` turns True once one is longer
    than :data:`CSV_BLOCK_BYTES` (its line end included), before the block
    where it ends is handed on. pyarrow refuses such a row only when it
    ends beyond the block after the one it starts in, so that a row of up to
    twice the block was read or refused depending on where it fell: the job
    refuses every one (:func:`_checked`), wherever it is.
    """

    def __init__(self, inner: Any, eol: str, tail: str = "", delimiter: str | None = None):
        super().__init__(inner)
        self.eol, self.tail = eol, tail
        self.delimiter = delimiter
        self.too_long = False
        self._rows = np.zeros(_LONG_ROW_STATE, dtype=np.int64)  # (_csv_long_row's state)
        self.mixed = False
        self.unterminated = False  # the file's last row has no line end (its output row gets none)
        self._carry = b""  # a CR at the end of a block: a CRLF may be cut by the block boundary
        self._last = b""
        self._hold = len(tail.encode())  # the file's last bytes, no data (:func:`csv_tail`): never handed on
        self._held = bytearray()
        self._eof = False

    def _readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._hold:
            while not self._eof and len(self._held) < len(view) + self._hold:
                more = self._inner.read(max(len(view), 1 << 16))
                self._eof = not more
                self._held += more or b""
            if self._eof and getattr(self._inner, "error", None) is not None:
                self._hold = 0  # the text ended before an undecodable byte (Utf8Stream), not at the file's tail
            n = max(0, min(len(view), len(self._held) - self._hold))
            view[:n] = self._held[:n]
            del self._held[:n]
        else:
            n = self._inner.readinto(view) or 0
        if n:
            block = bytes(view[:n])
            self._last = block[-1:]
            if not self.mixed:
                self._check(block, final=False)
            if self.delimiter is not None and not self.too_long:
                _csv_long_row(np.frombuffer(block, dtype=np.uint8), ord(self.delimiter), CSV_BLOCK_BYTES, self._rows)
        elif not self.mixed:
            self._check(b"", final=True)
        if self.delimiter is not None and (self._rows[5] or self._rows[1] > CSV_BLOCK_BYTES):
            self.too_long = True  # (a row longer than the block: the last one may have no line end)
        return n

    def _check(self, block: bytes, final: bool) -> None:
        data = self._carry + block
        self._carry = b""
        if not final and data.endswith(b"\r"):
            data, self._carry = data[:-1], b"\r"
        if self.eol == "\n":
            self.mixed = b"\r" in data
        elif self.eol == "\r":
            self.mixed = b"\n" in data
        else:
            crlf = data.count(b"\r\n")
            self.mixed = data.count(b"\r") != crlf or data.count(b"\n") != crlf
        if final and self._last not in (b"\n", b"\r", b""):
            self.unterminated = True  # the last row has no line end


#: The CSV files pyarrow's reader may still be reading ahead (its I/O thread calls their ``read``).
_READ_AHEAD: weakref.WeakSet[ReadAhead] = weakref.WeakSet()


@atexit.register
def _end_reads_ahead() -> None:
    """At exit, every CSV file still open to pyarrow's reader is said to have ended, its read under way waited for.

    pyarrow reads a few blocks ahead on its own I/O thread, even after the
    reader is closed or dropped (a job stopped by an error in the file's
    columns stops reading it at once): a read of a Python file object
    running there when the interpreter finalizes aborts the process
    ("terminate called without an active exception") after the job's
    message has been printed. Told the file has ended, the reader stops
    reading ahead before then.

    This is a best effort for programs using the library (the reader is
    given a moment, not waited for to the end; under load it may come back
    too late): the ``avzone`` command does not finalize the interpreter at
    all (:func:`avzone.cli.end_process`) and does not run this.
    """
    for watch in list(_READ_AHEAD):
        watch.end()


#: The bytes read from a CSV file's end for a tail that is no data (:func:`csv_tail`).
TAIL_BYTES = 1 << 16


def csv_tail(path: Path, encoding: TextEncoding) -> str:
    """The end of a CSV file that is no data, or ``""``: lines of only spaces and tabs, and a final Ctrl-Z (0x1A).

    Old DOS programs and Excel exports end a file so: read as rows, a line
    of spaces or a Ctrl-Z would be a row of one field and stop the job. The
    tail starts after the last row's line end (the spaces at the end of
    that row are its cells'); a tail of empty lines only is none (the reader
    skips empty lines). Looked for in the last :data:`TAIL_BYTES` bytes of
    a file in an encoding that writes these characters as ASCII does (not
    UTF-16 or UTF-32). A CSV output ends with the same tail.
    """
    codec = "utf-8" if encoding.name == "utf-8-sig" else encoding.name
    try:
        if " \t\r\n\x1a,".encode(codec) != b" \t\r\n\x1a,":
            return ""
    except (LookupError, UnicodeError):
        return ""
    with path.open("rb") as fh:
        size = fh.seek(0, io.SEEK_END)
        fh.seek(max(0, size - TAIL_BYTES))
        tail = fh.read()
    ctrl_z = tail.endswith(b"\x1a")
    rest = tail[:-1] if ctrl_z else tail
    last = len(rest.rstrip(b" \t\r\n"))  # the end of the last row's text
    if last == 0:  # blank throughout the bytes read: no rows there to end
        return ""
    ends = [i for i in (rest.find(b"\r", last), rest.find(b"\n", last)) if i >= 0]
    blank = b""
    if ends:
        at = min(ends)
        blank = rest[at + (2 if rest[at : at + 2] == b"\r\n" else 1) :]
    if not ctrl_z and b" " not in blank and b"\t" not in blank:
        return ""
    return (blank + (b"\x1a" if ctrl_z else b"")).decode("ascii")


def row_line_ends(path: Path, encoding: TextEncoding, delimiter: str = ",", skip: int = 0) -> np.ndarray:
    """The line end of each row of a CSV file (below its header) as codes of :data:`LINE_ENDS`.

    Read as the job reads it (in ``encoding``, from line ``skip + 1``, empty
    lines no rows): a row's line end is the one after its last line, so a
    line break inside a quoted cell is not one; 0 for a last row without one.
    """
    if csv.field_size_limit() < CSV_BLOCK_BYTES:
        csv.field_size_limit(CSV_BLOCK_BYTES)
    codes = {end: i for i, end in enumerate(LINE_ENDS)}
    out = bytearray()
    with _csv_text(path, encoding, skip) as fh:
        last = [""]

        def lines() -> Iterator[str]:
            for line in fh:
                last[0] = line
                yield line

        for fields in csv.reader(lines(), delimiter=delimiter):
            if fields:
                line = last[0]
                end = "\r\n" if line.endswith("\r\n") else line[-1:] if line[-1:] in ("\r", "\n") else ""
                out.append(codes[end])
    return np.frombuffer(bytes(out[1:]), dtype=np.uint8)  # (the header's is the dialect's line end)


class _RowEnds:
    """The line ends of a CSV source's rows, chunk by chunk: None while the file has one kind (its first line's)."""

    def __init__(self, path: Path, encoding: TextEncoding, dialect: CsvDialect, watch: LineEndWatch | None):
        self.path, self.encoding, self.dialect, self.watch = path, encoding, dialect, watch
        self._codes: np.ndarray | None = None
        self._done = 0

    def take(self, n: int) -> np.ndarray | None:
        start, self._done = self._done, self._done + n
        if self.watch is None or not self.watch.mixed:
            return None  # (the rows read so far were all in blocks of the first line's kind)
        if self._codes is None:
            d = self.dialect
            self._codes = row_line_ends(self.path, self.encoding, d.delimiter, d.skip)
        codes = self._codes[start : start + n]
        return codes if len(codes) == n else None


#: The delimiter the physical lines of a CSV file are read with by :class:`RawLines` (a line holding it is not kept).
_RAW_DELIMITER = "\x1f"


class RawLines:
    """The rows of a CSV input as they are written in the file (their line ends left out), chunk by chunk.

    A CSV output of the input's rows writes each row so, then its added
    cells: every cell keeps its bytes, quoted or not as it was, whatever its
    column's other cells are (``""``, ``"abc"`` in a column quoted only
    where needed). A second reader of the file takes its lines as they are
    (no quotes, no delimiter), in step with the rows while each row is one
    line; once a row spans lines (a quoted line break), a line holds
    :data:`_RAW_DELIMITER`, or the lines run out, no row is given any more
    and the writer quotes cells as :class:`CsvWriter` says. Read only once
    :meth:`keep` was called (a CSV output of the rows), and only for a file
    holding a quote (else each cell is written as it was without this); the
    rows are taken by the writer, chunk after chunk, in the file's order.
    """

    def __init__(self, path: Path, encoding: TextEncoding, dialect: CsvDialect, names: list[str]):
        self.path, self.encoding, self.dialect = path, encoding, dialect
        self._header_lines = 1 + sum(len(re.findall(r"\r\n|\r|\n", n)) for n in names)
        self._kept = False
        self._reader: Any = None
        self._stream: Utf8Stream | None = None
        self._file: ReadAhead | None = None
        self._pending: list[pa.Array] = []
        self._have = 0
        self._off = False
        self._bad = False

    def keep(self) -> None:
        """Read the rows as written (for a CSV output of them): for a file holding a quote, or in UTF-16/UTF-32."""
        self._kept = True
        wide = self.encoding.name.startswith(("utf-16", "utf-32"))  # (a quote's byte may be half a character)
        if not wide and not _holds_byte(self.path, b'"'):
            self._off = True

    def _open(self) -> None:
        inner, self._stream = _csv_from_header(self.path, self.encoding, self.dialect.skip)
        self._file = ReadAhead(inner)  # (64 MB held at most)

        def bad(row: Any) -> str:
            self._bad = True
            return "skip"

        with self._file.taken():
            self._reader = pacsv.open_csv(
                self._file,
                read_options=pacsv.ReadOptions(
                    block_size=CSV_BLOCK_BYTES,
                    use_threads=False,  # (a block decoded when its rows are asked for, not one ahead for each core)
                    encoding="utf8",
                    skip_rows=self._header_lines,  # (the lines above the header passed over: _csv_from_header)
                    autogenerate_column_names=True,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=_RAW_DELIMITER, quote_char=False, newlines_in_values=False, invalid_row_handler=bad
                ),
                convert_options=pacsv.ConvertOptions(column_types={"f0": pa.string()}, strings_can_be_null=False),
            )

    def take(self, batch: pa.RecordBatch) -> pa.Array | None:
        """The next ``batch.num_rows`` rows as written, or None (not kept, or no longer in step)."""
        if not self._kept or self._off:
            return None
        if _has_line_break(batch):  # a row of several lines: the lines are no longer the rows
            self.close()
            return None
        n = batch.num_rows
        try:
            if self._reader is None:
                self._open()
            while self._have < n:
                with self._file.taken() if self._file is not None else nullcontext():
                    lines = self._reader.read_next_batch()
                if lines.num_columns != 1 or self._bad:
                    raise ValueError("not one line a row")
                self._pending.append(lines.column(0))
                self._have += lines.num_rows
        except Exception:  # (StopIteration, a line holding the delimiter, a read error: the job's reader says it)
            self.close()
            return None
        if self._bad:
            self.close()
            return None
        joined = pa.concat_arrays(self._pending) if len(self._pending) > 1 else self._pending[0]
        self._pending, self._have = [joined.slice(n)], len(joined) - n
        lines = joined.slice(0, n)
        if not _lines_hold(lines, batch, self.dialect.delimiter):  # (never a row written as another's)
            self.close()
            return None
        return lines

    def close(self) -> None:
        self._off = True
        self._pending, self._have = [], 0
        if self._file is not None:
            self._file.end()  # (pyarrow's thread stops reading ahead before the file is closed under it)
        for f in (self._file, self._stream):
            if f is not None:
                try:
                    f.close()
                except Exception:
                    pass
        self._stream = self._file = self._reader = None


def _lines_hold(lines: pa.Array, batch: pa.RecordBatch, delimiter: str) -> bool:
    """Whether each line is its row's cells as a CSV line writes them: what the line has beyond the cells joined by
    the delimiter is its quotes (two around a quoted cell, one more for each quote doubled in it), so the line's
    length beyond the cells' is its quotes beyond the cells' quotes."""
    cells = pc.binary_join_element_wise(*batch.columns, pa.scalar(delimiter, pa.string()))
    beyond = pc.subtract(pc.utf8_length(lines), pc.utf8_length(cells))
    quotes = pc.subtract(pc.count_substring(lines, '"'), pc.count_substring(cells, '"'))
    return bool(pc.all(pc.equal(beyond, quotes)).as_py())


def _holds_byte(path: Path, byte: bytes) -> bool:
    """Whether the file holds ``byte`` (read in blocks)."""
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK_BYTES):
            if byte in block:
                return True
    return False


def _read_batches(
    path: Path, fmt: str, chunk_rows: int, encoding: TextEncoding | None = None, dialect: CsvDialect | None = None
) -> tuple[pa.Schema, Iterator[pa.RecordBatch], int | None, LineEndWatch | None]:
    if fmt == "csv":
        encoding = encoding or TextEncoding("utf-8")
        delimiter, skip = (dialect or CsvDialect()).delimiter, (dialect or CsvDialect()).skip
        names = _csv_header(path, encoding, delimiter, skip)
        tail = csv_tail(path, encoding)  # lines of spaces, a Ctrl-Z: the end of the data, not rows
        # UTF-8 files go to pyarrow as they are, others through a decoding stream: from the header on
        inner, stream = _csv_from_header(path, encoding, skip)
        # its rows measured, unless the text is too short to hold one longer than the block (no numba needed)
        longest = path.stat().st_size * (1 if stream is None else _UTF8_GROWTH)
        watch = LineEndWatch(
            inner, (dialect or CsvDialect()).eol, tail, delimiter if longest > CSV_BLOCK_BYTES else None
        )
        counts = _FieldCounts()  # a row with too many or too few fields fails the read, reported with its line
        try:
            with watch.taken(), counts.watching():
                reader = pacsv.open_csv(
                    watch,
                    read_options=pacsv.ReadOptions(
                        block_size=CSV_BLOCK_BYTES,
                        use_threads=False,  # (a block decoded when its rows are asked for, not one ahead per core)
                        encoding="utf8",  # (the lines above the header passed over: _csv_from_header)
                    ),
                    parse_options=pacsv.ParseOptions(
                        delimiter=delimiter, newlines_in_values=True, invalid_row_handler=counts
                    ),
                    convert_options=pacsv.ConvertOptions(
                        column_types={n: pa.string() for n in names}, strings_can_be_null=False
                    ),
                )
        except Exception as exc:
            error = _read_error(path, encoding, stream, exc, counts, names, delimiter, skip)
            watch.close()
            if error is None and isinstance(exc, pa.ArrowInvalid) and "Empty CSV file" in str(exc):
                # no line end in the reader's first block: the header alone without one (no rows), or a header
                # longer than the block (its rows would be lost)
                if first_long_row(path, encoding, CSV_BLOCK_BYTES, delimiter, skip) is not None:
                    raise _long_row_error(path, encoding, delimiter, skip) from None
                if _records_after_header(path, encoding, delimiter, skip):  # (never rows read as none)
                    raise
                watch.unterminated = True  # (the header without a line end: so is the output's, CsvWriter.close)
                return pa.schema([(n, pa.string()) for n in names]), iter(()), 0, watch
            if error is None:
                raise
            raise error from None
        batches = _checked(path, encoding, stream, _Reading(reader, watch), counts, names, delimiter, skip, watch)
        return reader.schema, batches, None, watch
    try:
        pf = pq.ParquetFile(path, pre_buffer=False)  # pre-buffering reads ahead the whole file: memory grows
    except FileNotFoundError:
        raise
    except (OSError, pa.ArrowException) as exc:  # not Parquet, cut short, its footer damaged: as the dask engine says
        raise unreadable_parquet_file(path, exc, lambda: open(path, "rb")) from None
    schema, batches = pf.schema_arrow, _parquet_batches(path, pf, chunk_rows)
    utc = spark_int96(pf)
    if utc:  # (Spark's INT96 timestamps are instants in UTC, read without their zone)
        schema = pa.schema(
            [f.with_type(pa.timestamp(f.type.unit, "UTC")) if f.name in utc else f for f in schema],
            metadata=schema.metadata,
        )
        batches = (pa.RecordBatch.from_arrays([c.cast(t) for c, t in zip(b.columns, schema.types)], schema=schema)
                   for b in batches)  # fmt: skip
    return schema, batches, pf.metadata.num_rows, None


def pandas_index_first(schema: pa.Schema) -> list[int] | None:
    """The column positions of a Parquet file written from a pandas frame whose index is stored as columns
    (``index_columns`` of its ``pandas`` metadata naming columns: a named index, a MultiIndex, an unnamed one
    that is no range, ``__index_level_0__``), those first, in the index's order, then the others as the file has
    them: the order ``frame.reset_index()``, ``frame.to_csv()`` and geopandas' ``to_file`` give (pyarrow stores
    them last). None when nothing moves (no such index, or its columns first already). A RangeIndex (metadata
    alone) is no column."""
    raw = (schema.metadata or {}).get(b"pandas")
    if not raw:
        return None
    try:
        index = json.loads(raw).get("index_columns") or []
    except (ValueError, AttributeError):
        return None
    names = schema.names
    first = [names.index(c) for c in index if isinstance(c, str) and names.count(c) == 1]
    order = first + [i for i in range(len(names)) if i not in first]
    return None if order == list(range(len(names))) else order


def index_first(source: Source, fmt: str) -> Source:
    """``source`` as an output of format ``fmt`` has its columns: a Parquet file's stored pandas index first
    (:func:`pandas_index_first`) in a CSV, GeoJSON or GeoPackage output, as pandas and geopandas write a frame's
    index there; a Parquet output keeps the file's layout and its ``pandas`` metadata, as pandas writes it (so
    ``pd.read_parquet`` reads the same index back)."""
    order = pandas_index_first(source.schema) if source.fmt == "parquet" and fmt != "parquet" else None
    if order is None:
        return source
    schema = pa.schema([source.schema.field(i) for i in order], metadata=source.schema.metadata)
    chunks = (replace(c, columns=c.columns.select(order)) for c in source.chunks)
    return replace(source, schema=schema, chunks=chunks)


def _parquet_batches(path: Path, pf: pq.ParquetFile, chunk_rows: int) -> Iterator[pa.RecordBatch]:
    """A Parquet file's batches of ``chunk_rows`` rows; one that cannot be read (a damaged page) stops them with
    :func:`unreadable_parquet`'s :class:`InputError`, not pyarrow's error of several lines naming no rows."""
    batches = pf.iter_batches(batch_size=chunk_rows)
    done = 0
    with _closing(batches):
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except (OSError, pa.ArrowException) as exc:
                raise unreadable_parquet(exc, path, done, chunk_rows) from None
            done += batch.num_rows
            yield batch


def _refuse_part_crss(
    src: str, column: str, declared: Any, read: Any, given: Any = None, override: bool = False
) -> None:
    """Refuse, before any cluster starts, GeoParquet parts whose geometry would be read in different CRSs (naming two).

    The points of every part are read in one CRS, ``read`` (the first
    file's, by the rule of every entry point for its ``declared`` CRS and
    the ``given`` one: :func:`avzone.batch._geometry_crs`, as the output
    parts declare it): a part in another would be located wrongly, and a
    part whose own declared CRS contradicts ``given`` is refused as a lone
    file is (naming that part), unless ``override``. A part without
    GeoParquet metadata, or whose metadata lists no such geometry column, declares none.
    """
    from avzone._parts import _file_schemas
    from avzone.crs import same_crs

    found = _file_schemas(src)
    if found is None:
        return
    fs, files, schemas, _ = found

    def label(crs: Any) -> str:
        if crs is None:
            return "a CRS declared unknown"
        if isinstance(crs, str):
            return crs
        authority = crs.to_authority()
        return f"{authority[0]}:{authority[1]}" if authority else str(crs.name)

    for f, schema in zip(files[1:], schemas[1:]):
        where = [fs.unstrip_protocol(g) if "://" in src else g for g in (files[0], f)]
        geometry = geoparquet_geometry(schema, cast(Path, src), column)
        if geometry is not None and geometry[0] == column:
            if geometry[1] is not None or given is not None:  # (a part declared unknown is read in --crs)
                crs, _ = _geometry_crs(geometry[1], given, cast(Path, where[1]), column, override)
                if same_crs(crs, read):
                    continue
            other = label(geometry[1])
        else:
            other = "no declared CRS (no GeoParquet metadata for it)"
        raise InputError(
            Message(
                "err_dask_part_crs",
                file=src,
                column=column,
                crs=label(declared),
                part=where[0],
                other_crs=other,
                other=where[1],
            )
        )


def refuse_output_in_parts(src: Path, *outputs: Path | None) -> None:
    """Refuse an output inside the input folder ``src`` of Parquet parts, naming it, as the dask engines refuse it
    (:func:`avzone.distributed._inside`): the next job reading the folder would read it as a part."""
    if not src.is_dir():
        return
    from avzone._parts import _inside

    for target in outputs:
        if target is not None and _inside(str(src), str(target)):
            raise InputError(Message("err_dask_output_in_input", file=target, input=src))


def not_a_file(path: Path) -> InputError:
    """The refusal of an input ``path`` that is no regular file: a pipe, socket or device as such
    (``err_not_regular_file``: a pipe exists, and "no such file" would send its user looking for a typo), else
    missing (``err_no_such_file``)."""
    kind = _special_file(path)
    if kind is not None:
        return InputError(Message("err_not_regular_file", file=path, kind=Message(kind)))
    return InputError(Message("err_no_such_file", file=path))


def spark_int96(pf: pq.ParquetFile) -> set[str]:
    """The columns of a Parquet file written by Spark (its footer names Spark's version) stored as INT96 timestamps
    without a zone: Spark writes them (its default timestamp type) as instants in UTC, which pyarrow reads as naive
    times, and naive times are Beijing time here: such columns are read as UTC. INT96 columns written by another
    program (pyarrow, Impala: the wall clock as given) are left naive. (:func:`spark_int96_columns` of its footer.)"""
    return spark_int96_columns(pf.metadata)


def column_values(col: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A coordinate column's values (floats for Arrow numbers, else objects) and its null mask.

    Integers beyond 2**53 become the nearest float, as numpy and pandas
    make them (a sentinel such as the int64 maximum is then out of range in
    its row, not a failure of the whole file).
    """
    null = np.asarray(col.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_floating(col.type) or pa.types.is_integer(col.type):
        vals = col.cast(pa.float64(), safe=False).fill_null(np.nan).to_numpy(zero_copy_only=False)
    elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        vals = np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)
    else:  # booleans, lists, bytes...: one object per row (never a 2-D array of list items)
        vals = pd.Series(col.to_pylist(), dtype=object).to_numpy()
    return vals, null


class _TableWriter:
    """Writes batches in a background thread, so encoding the output overlaps
    reading and classifying the next chunk. At most ``depth`` batches wait in
    the queue, which keeps memory bounded; a write error is raised in the
    caller's thread at the next ``write`` or at ``close``."""

    def __init__(
        self,
        path: Path,
        fmt: str,
        schema: pa.Schema,
        depth: int = 2,
        encoding: str | None = None,
        dialect: CsvDialect | None = None,
        quoting: CsvQuoting | None = None,
        tail: str = "",
        gpkg: tuple[Any, Any, str, str, str | None] | None = None,
    ):
        self.path, self.fmt = path, fmt
        self._w: CsvWriter | pq.ParquetWriter | GpkgWriter
        if fmt == "csv":  # in ``encoding`` (transcoded chunk by chunk), ``dialect``'s delimiter and line ending
            self._w = CsvWriter(path, schema, encoding, dialect, quoting, tail)
        elif gpkg is not None:  # (geometry column, CRS, layer name, geometry type, column of feature ids)
            self._w = GpkgWriter(path, schema, *gpkg)
        else:
            self._w = pq.ParquetWriter(path, schema)
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._aborted = False
        # (run in the caller's context: a message it raises names the options as the caller gave them)
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._run,), name="avzone-writer")
        self._thread.daemon = True
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is None and not self._aborted:
                try:
                    batch, line_ends, raw = item
                    if isinstance(self._w, CsvWriter):
                        self._w.write(batch, line_ends, raw)
                    else:
                        self._w.write(batch)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, batch: pa.RecordBatch, line_ends: np.ndarray | None = None, raw: pa.Array | None = None) -> None:
        self._raise()
        self._queue.put((batch, line_ends, raw))

    def close(self, unterminated: bool = False, aborted: bool = False) -> None:
        """Write what is queued and close the file; ``aborted`` (the job failed): drop what is queued, and write
        nothing more (a GeoPackage, reopened by name at each write, would be made anew once removed)."""
        self._aborted = aborted
        self._queue.put(None)
        self._thread.join()
        if isinstance(self._w, CsvWriter):
            self._w.close(unterminated and self._error is None)
        elif not (aborted and isinstance(self._w, GpkgWriter)):
            self._w.close()
        self._raise()


def _progress(total: int | None, unit: str, show: bool | None) -> Any:
    from tqdm import tqdm

    enabled = sys.stderr.isatty() if show is None else show
    return tqdm(total=total, unit=unit, unit_scale=True, disable=not enabled, file=sys.stderr, desc="locate")


def geoparquet_named(schema: pa.Schema | None, src: str | Path, point_col: str) -> bool:
    """Whether ``point_col`` names a geometry column a GeoParquet file's ``geo`` metadata lists (its primary one or
    another: :func:`geoparquet_geometry`), which is then read as the primary one is without it, in the CRS the
    metadata declares for it; False for a column whose metadata :func:`geoparquet_geometry` refuses (a GeoArrow
    encoding of no points: ``point_col`` then reads its column)."""
    if schema is None:
        return False
    try:
        geometry = geoparquet_geometry(schema, Path(src), point_col)
    except InputError:
        return False
    return geometry is not None and geometry[0] == point_col


def geoparquet_geometry(schema: pa.Schema, src: Path, column: str | None = None) -> tuple[str, Any] | None:
    """The primary geometry column of a GeoParquet file and its declared CRS, or None; with ``column``, that
    geometry column (one the ``geo`` metadata's ``columns`` lists, each with its own ``crs``), None when the
    metadata lists no such column.

    The column is WKB (GeoParquet 1.0's encoding) or GeoArrow points
    (GeoParquet 1.1's ``"encoding": "point"``: :func:`geoarrow_point_dims`);
    the other GeoArrow encodings (``linestring``, ``polygon``,
    ``multipoint``, ...) hold no points and are refused, naming the column,
    and so is a column whose Arrow type is not the one its encoding says.
    The CRS is a :class:`pyproj.CRS`, ``"EPSG:4326"`` when the metadata gives
    none (GeoParquet's default is OGC:CRS84, WGS84 lon/lat), or ``None`` when
    it is declared unknown (``"crs": null``).
    """
    raw = (schema.metadata or {}).get(b"geo")
    if raw is None:
        return None
    try:
        geo = json.loads(raw)
        if column is None:
            column = str(geo["primary_column"])
        elif column not in geo["columns"]:
            return None
        info = geo.get("columns", {}).get(column, {})
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(Message("err_geoparquet_metadata", file=src)) from None
    if column not in schema.names:
        raise InputError(Message("err_geoparquet_primary", file=src, column=column))
    encoding = str(info.get("encoding", "WKB"))
    kind = schema.field(column).type
    if encoding.lower() in GEOARROW_NOT_POINTS:
        raise InputError(
            Message(
                "err_geoparquet_not_points",
                file=src,
                column=column,
                encoding=encoding,
                lon_col=Option("lon_col"),
                lat_col=Option("lat_col"),
            )
        )
    if encoding.lower() == "point":
        if geoarrow_point_dims(kind) is None:
            raise InputError(Message("err_geoarrow_point_type", file=src, column=column, type=str(kind)))
    elif encoding.upper() != "WKB":
        raise InputError(
            Message(
                "err_geoparquet_encoding",
                file=src,
                encoding=encoding,
                lon_col=Option("lon_col"),
                lat_col=Option("lat_col"),
            )
        )
    elif pa.types.is_nested(kind):  # (GeoArrow's layout declared WKB: no bytes to read it from)
        raise InputError(Message("err_geoparquet_wkb_type", file=src, column=column, type=str(kind)))
    if "crs" not in info:
        return column, "EPSG:4326"
    if info["crs"] is None:
        return column, None
    import pyproj

    try:
        declared = info["crs"]
        return column, pyproj.CRS.from_json_dict(declared) if isinstance(declared, dict) else pyproj.CRS(declared)
    except pyproj.exceptions.CRSError as exc:
        raise InputError(Message("err_geoparquet_crs", file=src, column=column, reason=str(exc))) from None


def _geometry_crs(
    declared: Any,
    given: Any,
    src: Path,
    column: str,
    override: bool = False,
    unknown: Message | None = None,
) -> tuple[Any, list[Any]]:
    """The CRS to read a GeoParquet geometry in, and the note an override leaves (:func:`declared_or_given`).

    ``declared`` as :func:`geoparquet_geometry` gives it: a CRS the file
    writes is declared; none written (the str ``"EPSG:4326"``, GeoParquet's
    default, as a GeoJSON file without a ``crs`` member is WGS84) declares
    none, so a given ``crs`` is used as it is for a CSV file; one declared
    unknown (None) needs ``crs``: refused with the message ``unknown`` when
    given (a GeoPackage or Shapefile layer that declares none).
    """
    written = None if isinstance(declared, str) else declared
    if given is None and declared is None:
        raise InputError(unknown or Message("err_geoparquet_crs_unknown", file=src, column=column, crs=Option("crs")))

    def conflict() -> InputError:
        named = crs_short_name(given)
        return InputError(
            Message(
                "err_geometry_crs_given",
                file=src,
                given=named,
                column=column,
                declared=crs_short_name(declared),
                **_crs_conflict_options(named),
            )
        )

    crs, overridden = declared_or_given(written, given, override=override, conflict=conflict)
    if crs is None:
        return WGS84, []
    if overridden:
        return crs, [overridden_note(crs, crs_short_name(declared))]
    return crs, override_unused(override, crs, declared=None if written is None else crs_short_name(written))


def _crs_conflict_options(given: Any) -> dict[str, Option]:
    """The options a refusal of a ``crs`` that contradicts a file's declared CRS names: as given (``given_option``),
    to leave out (``crs``) and to add (``override``)."""
    return {"given_option": Option("crs", given), "crs": Option("crs"), "override": Option("override_crs", True)}


def overridden_note(crs: Any, declared: Any) -> Message:
    """The note of an ``override_crs`` that read the geometries in ``crs``, not in the ``declared`` one."""
    return Message(
        "note_crs_overridden",
        override=Option("override_crs", True),
        crs=crs_short_name(crs),
        declared=declared,
        declarer=Message("crs_declarer_file"),
    )


def override_unused(
    override: bool, crs: Any, *, columns: tuple[str, str] | None = None, declared: Any = None
) -> list[Message]:
    """The note of an ``override_crs`` (``--override-crs``) that overrode nothing, or none without ``override``.

    The coordinates were read in ``crs`` (the one given) as they would be
    without it: ``columns`` (lon, lat) that no CRS is declared for (a CSV
    file's, a GeoJSON file's properties, a Parquet file's), a geometry that
    declares none (``declared`` None), or one that declares the CRS given
    (``declared``, as messages name it). A user who passes the option
    believes something was overridden: the job's notes say it was not.
    """
    if not override:
        return []
    named = {"override": Option("override_crs", True), "crs_option": Option("crs"), "crs": crs_short_name(crs)}
    if columns is not None:
        return [Message("note_override_crs_columns", lon=columns[0], lat=columns[1], **named)]
    if declared is None:
        return [Message("note_override_crs_undeclared", undeclared=Message("crs_undeclared_file"), **named)]
    return [Message("note_override_crs_same", declared=declared, declarer=Message("crs_declarer_file"), **named)]


def refuse_pandas_attrs_crs(schema: pa.Schema, src: Any, crs: Any) -> None:
    """Refuse a Parquet file whose pandas ``attrs`` (``PANDAS_ATTRS``, which ``DataFrame.to_parquet`` writes and
    ``pandas.read_parquet`` reads back) name a ``crs`` other than WGS84, when no ``crs`` is given: the
    file job's form of :func:`avzone.points.refuse_attrs_crs`, so that ``avzone locate --input`` and
    ``avzone events --input`` do not take as WGS84 what ``model.events(pd.read_parquet(...))`` refuses."""
    raw = (schema.metadata or {}).get(b"PANDAS_ATTRS")
    if crs is not None or raw is None:
        return
    try:
        hinted = json.loads(raw).get("crs")
    except (ValueError, AttributeError):
        return
    if hinted is not None and not is_wgs84(hinted):
        hint = i18n.CRSName(str(hinted))
        options = {"crs_option": Option("crs"), "hint": Option("crs", hint), "wgs84": Option("crs", "EPSG:4326")}
        raise InputError(Message("err_file_attrs_crs", file=src, crs=hint, **options))


def declared_label(crs: Any) -> Any:
    """The :class:`pyproj.CRS` an output declares for geometries in ``crs``: ``OGC:CRS84`` for WGS84 lon/lat,
    ``gcj02`` / ``bd09`` / ``gcj02merc`` as ``avzone export`` declares them (:func:`avzone.crs.shifted_crs`)."""
    import pyproj

    norm = normalize_crs(crs)
    if isinstance(norm, str):
        return pyproj.CRS("OGC:CRS84") if norm == WGS84 else shifted_crs(norm)
    return norm


def relabelled_geo(metadata: dict[bytes, bytes] | None, column: str, crs: Any) -> dict[bytes, bytes]:
    """Schema ``metadata`` whose GeoParquet ``geo`` declares ``column`` in ``crs``: what a file read with
    ``--override-crs`` is written back with, so that its output does not repeat the label overridden."""
    meta = dict(metadata or {})
    geo = json.loads(meta[b"geo"])
    geo["columns"][column]["crs"] = declared_label(crs).to_json_dict()
    meta[b"geo"] = json.dumps(geo).encode()
    return meta


def geojson_crs_member(crs: Any) -> dict[str, Any]:
    """The GeoJSON ``crs`` member that declares ``crs`` (an OGC URN for a CRS with a code, else its WKT), as
    ``avzone export`` writes it and GDAL and QGIS read it."""
    label = declared_label(crs)
    code = label.to_authority()
    name = f"urn:ogc:def:crs:{code[0]}::{code[1]}" if code else label.to_wkt()
    if code and code[0] == "OGC" and code[1] == "CRS84":
        name = "urn:ogc:def:crs:OGC:1.3:CRS84"
    return {"type": "name", "properties": {"name": name}}


#: A number written with a decimal comma: digits, one comma, digits (a sign and spaces around allowed).
_DECIMAL_COMMA = r"^(\s*[+-]?[0-9]+),([0-9]+\s*)$"


def decimal_commas(col: pa.Array) -> pa.Array:
    """A text column's numbers written with a decimal comma (``116,5``) written with a point (``116.5``).

    For the coordinate columns of a CSV file separated by something other
    than a comma (the Excel of locales that write decimal commas separates
    with ``;``): only a cell of digits, one comma and digits is changed, so
    a cell with a thousands separator (``12,958,000``) or both a comma and
    a point stays not a number. The file's own cells are written out as
    they were; only the coordinates read from them change. Other columns
    (numbers already) are returned as they are.
    """
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return col
    return pc.replace_substring_regex(col, _DECIMAL_COMMA, r"\1.\2")


def column_points(lon: pa.Array, lat: pa.Array, crs: Any, names: tuple[str, str]) -> Points:
    """The points of two Arrow coordinate columns (the file jobs' and the Dask engine's reader).

    Columns of float16 numbers are refused, naming the column (:func:`avzone.points.refuse_half_floats`; a file
    job names its file before it: :func:`time_refusals_named`); columns of float32 numbers (a Parquet file's
    FLOAT) give the points a note on the step they keep (:func:`avzone.points.float32_note`), which a file job's
    summary gives once (:func:`avzone.points.merged_notes`).
    """
    refuse_half_floats(zip((lon, lat), names))
    xv, xn = column_values(lon)
    yv, yn = column_values(lat)
    return with_float32_note(from_columns(xv, yv, crs, x_null=xn, y_null=yn, names=names), lon, lat)


#: GeoParquet 1.1's GeoArrow encodings other than ``point``: geometries that are no points.
GEOARROW_NOT_POINTS = ("linestring", "polygon", "multipoint", "multilinestring", "multipolygon")

#: ISO WKB's geometry type of a point by the dimensions it has beyond x and y.
_WKB_POINT_TYPES = {(): 1, ("z",): 1001, ("m",): 2001, ("z", "m"): 3001}


def geoarrow_point_dims(kind: pa.DataType) -> tuple[str, ...] | None:
    """The dimensions of a GeoArrow point column of Arrow type ``kind`` (``("x", "y")``, ``("x", "y", "z")``, ...),
    or None when ``kind`` is no GeoArrow point layout.

    GeoArrow writes a point as a struct of floating ``x``, ``y`` and optional
    ``z`` and ``m`` fields ("separated", GeoParquet 1.1's), or as a
    fixed-size list of 2, 3 or 4 floats ("interleaved"; its child field names
    them: ``xy``, ``xyz``, ``xym``, ``xyzm``; three are ``xyz`` unless named
    ``xym``). A registered extension type (``geoarrow.point``, which the
    ``geoarrow-pyarrow`` package registers) is read by its storage type.
    """
    if isinstance(kind, pa.ExtensionType):
        kind = kind.storage_type
    if pa.types.is_struct(kind):
        names = tuple(kind.field(i).name for i in range(kind.num_fields))
        if names not in (("x", "y"), ("x", "y", "z"), ("x", "y", "m"), ("x", "y", "z", "m")):
            return None
        return names if all(pa.types.is_floating(kind.field(i).type) for i in range(kind.num_fields)) else None
    if pa.types.is_fixed_size_list(kind) and pa.types.is_floating(kind.value_type) and 2 <= kind.list_size <= 4:
        return {2: ("x", "y"), 3: ("x", "y", "m") if kind.value_field.name == "xym" else ("x", "y", "z")}.get(
            kind.list_size, ("x", "y", "z", "m")
        )
    return None


def _geoarrow_coords(col: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """The coordinates of a GeoArrow point column, one row of ``dims`` floats per point (NaN where null), and its
    null rows: read from the Arrow buffers, no geometry object made."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(col, pa.ExtensionArray):
        col = col.storage
    dims = geoarrow_point_dims(col.type)
    assert dims is not None  # (geoparquet_geometry refused the others)
    if pa.types.is_struct(col.type):
        parts = [pc.struct_field(col, [i]) for i in range(len(dims))]  # (null where the point is)
    else:
        parts = [pc.list_element(col, i) for i in range(len(dims))]
    coords = np.empty((len(col), len(dims)))
    for i, part in enumerate(parts):
        coords[:, i] = part.to_numpy(zero_copy_only=False)  # (a null: NaN)
    null = col.is_null().to_numpy(zero_copy_only=False)
    return coords, np.asarray(null, dtype=bool)


def geoarrow_optional_dims(schema: pa.Schema, column: str) -> frozenset[str]:
    """The dimensions (``"z"``, ``"m"``) of a GeoParquet file's GeoArrow point column that a point may lack: a NaN
    there is no coordinate, as GeoArrow writes a 2D point in a column of 3D ones.

    One a point may lack unless the ``geo`` metadata's ``geometry_types``
    lists only points that have it (``["Point Z"]``: a NaN z is the point's
    own, as a WKB file of those points holds ``POINT Z (x y NaN)``); none
    listed, the types are unknown (GeoParquet), and a NaN is no coordinate.
    """
    try:
        info = json.loads((schema.metadata or {})[b"geo"])["columns"][column]
        types = [str(t).upper().split() for t in info.get("geometry_types") or []]
    except (KeyError, ValueError, TypeError, AttributeError):
        types = []
    points = [t[1:] for t in types if t and t[0] == "POINT"]
    return frozenset(d for d in ("z", "m") if not points or any(d.upper() not in "".join(t) for t in points))


def geoparquet_geometry_type(schema: pa.Schema, column: str) -> str | None:
    """The one geometry type a GeoParquet file's ``geo`` metadata lists for ``column`` (``"Point"``, ``"Point Z"``),
    as GDAL names a layer's type; None when it lists none or several (any type)."""
    try:
        types = json.loads((schema.metadata or {})[b"geo"])["columns"][column].get("geometry_types") or []
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    if len(types) != 1 or not isinstance(types[0], str):
        return None
    name, *dims = types[0].split()
    known = {t.upper(): t for t in _GEOMETRY_TYPES}
    if name.upper() not in known or [d.upper() for d in dims] not in ([], ["Z"]):
        return None  # (M and ZM: GDAL names them otherwise; the layer then takes any type)
    return known[name.upper()] + (" Z" if dims else "")


def geojson_geometry_type(geoms: list[Any]) -> str | None:
    """The geometry type of a GeoJSON file's geometries as GDAL names a layer's type, as
    :func:`geoparquet_geometry_type` gives a GeoParquet file's: ``"Point"`` when every geometry is a Point or null
    (``"Point Z"`` when every point has a third number), else None (any type: a line, a mix of 2D and 3D points).

    >>> p = {"type": "Point", "coordinates": [116.5, 39.79]}
    >>> geojson_geometry_type([p, None]), geojson_geometry_type([p, {"type": "LineString", "coordinates": []}])
    ('Point', None)
    """
    dims = set()
    for g in geoms:
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            return None
        coords = g.get("coordinates")
        if isinstance(coords, list) and coords:  # (an empty point: either)
            dims.add(3 if len(coords) >= 3 else 2)
    return None if len(dims) > 1 else "Point Z" if dims == {3} else "Point"


#: The geometry types GeoParquet lists and GDAL names a layer's type by (the same words).
_GEOMETRY_TYPES = (
    "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"
)  # fmt: skip


def geoarrow_wkb(col: pa.Array | pa.ChunkedArray, optional: frozenset[str] = frozenset(("z", "m"))) -> pa.Array:
    """A GeoArrow point column as WKB (ISO, little-endian; null rows null), for the outputs that write geometries
    as text (WKT in CSV, GeoJSON): the same bytes a WKB GeoParquet file would hold for those points (an empty
    point is NaN coordinates in both).

    A point whose z or m is NaN in one of the ``optional`` dimensions
    (:func:`geoarrow_optional_dims`) has none: its WKB is that of a point
    without it (``POINT (x y)`` in a column of ``xyz`` points where the file
    holds 2D and 3D points), as a WKB file holds it.
    """
    dims = geoarrow_point_dims(col.type)
    assert dims is not None
    coords, null = _geoarrow_coords(col)
    n, extra = len(coords), dims[2:]
    keep = np.ones((n, len(extra)), dtype=bool)  # each point's z and m, where it has them
    for j, d in enumerate(extra):
        if d in optional:
            keep[:, j] = ~np.isnan(coords[:, 2 + j])
    sizes = 21 + 8 * keep.sum(axis=1)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    buf = np.empty(int(offsets[-1]), dtype=np.uint8)
    for pattern in {tuple(row) for row in keep.tolist()} if len(extra) else {()}:
        rows = np.flatnonzero((keep == np.array(pattern, dtype=bool)).all(axis=1)) if len(extra) else np.arange(n)
        has = tuple(d for d, k in zip(extra, pattern) if k)
        cols = [0, 1] + [2 + j for j, k in enumerate(pattern) if k]
        size = 5 + 8 * len(cols)
        part = np.empty((len(rows), size), dtype=np.uint8)
        part[:, 0] = 1  # little-endian
        part[:, 1:5] = np.frombuffer(np.array([_WKB_POINT_TYPES[has]], "<u4").tobytes(), np.uint8)
        part[:, 5:] = np.ascontiguousarray(coords[rows][:, cols], "<f8").view(np.uint8).reshape(len(rows), size - 5)
        buf[offsets[rows][:, None] + np.arange(size)] = part
    kind, width = (pa.binary(), np.int32) if offsets[-1] < 2**31 else (pa.large_binary(), np.int64)
    wkb = pa.Array.from_buffers(kind, n, [None, pa.py_buffer(offsets.astype(width).tobytes()), pa.py_buffer(buf)])
    return pc.if_else(pa.array(null), pa.scalar(None, kind), wkb) if null.any() else wkb


def geometry_wkb(
    col: pa.Array | pa.ChunkedArray, optional: frozenset[str] = frozenset(("z", "m"))
) -> pa.Array | pa.ChunkedArray:
    """A GeoParquet geometry column as WKB: a GeoArrow point column converted (:func:`geoarrow_wkb`, a NaN z or m
    in the ``optional`` dimensions no coordinate), WKB as it is."""
    return geoarrow_wkb(col, optional) if geoarrow_point_dims(col.type) is not None else col


def _geometry_points(col: pa.Array | pa.ChunkedArray, crs: Any) -> Points:
    """The points of a GeoParquet geometry column, WKB or GeoArrow points (a missing, empty or non-point geometry
    gets its status).

    A GeoArrow point's x and y are read from the column's buffers; a null
    point, and one whose x and y are both NaN (GeoArrow's and WKB's empty
    point), get :data:`NO_POINT_GEOMETRY`, as the same points written as WKB
    do (:func:`avzone.points.geometry_xy`).
    """
    if geoarrow_point_dims(col.type) is not None:
        coords, missing = _geoarrow_coords(col)
        x, y = coords[:, 0].copy(), coords[:, 1].copy()
        missing |= np.isnan(x) & np.isnan(y)
        x[missing] = y[missing] = np.nan
        codes = np.where(missing, np.uint8(NO_POINT_GEOMETRY), np.uint8(OK))
    else:
        wkb = np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)
        x, y, codes = geometry_xy(shapely.from_wkb(wkb, on_invalid="ignore"))
    null = codes != OK
    return from_columns(x, y, crs, x_null=null, y_null=null, point_codes=codes)


# -- sources: every input format as chunks of (columns, points) -----------------------
@dataclass
class Chunk:
    """Rows of an input file: their columns as read, their points, and (GeoJSON) the features."""

    columns: pa.RecordBatch
    points: Points
    features: list[dict[str, Any]] | None = None
    line_ends: np.ndarray | None = None  # a CSV input's rows' own line ends (LINE_ENDS codes) when not all alike


@dataclass
class Source:
    """An input file opened for reading: its format, columns, coordinate source and CRS.

    A context manager: ``with open_source(path) as source:`` closes it
    (:meth:`close`) however the chunks stop being taken.
    """

    path: Path
    fmt: str
    schema: pa.Schema
    lon_name: str
    lat_name: str
    crs: Any
    total: int | None
    chunks: Iterator[Chunk]
    geometry: str | None = None  # the geometry column points are read from (GeoParquet, GeoJSON)
    document: dict[str, Any] | None = None  # a GeoJSON input's members other than its features
    encoding: TextEncoding | None = None  # a CSV input's text encoding
    dialect: CsvDialect | None = None  # a CSV input's delimiter and line ending
    notes: list[str] = field(default_factory=list)  # what the reader noticed (a CRS named in a column name)
    tail: str = ""  # a CSV input's end that is no data (:func:`csv_tail`), which a CSV output of its rows ends with
    line_ends: LineEndWatch | None = None  # what a CSV input's line ends are, known when it has been read
    raw_lines: RawLines | None = None  # a CSV input's rows as written, for a CSV output of them (RawLines.keep)
    found: tuple[str, ...] = ()  # the coordinate columns' roles found by name, not given (found_roles)
    layer: str | None = None  # a GeoPackage or Shapefile input's layer (:func:`ogr_layer`)
    geometry_type: str | None = None  # its declared geometry type, as GDAL names it ("Point"), when it has one
    fid: str | None = None  # a GeoPackage input's column of feature ids (its FID column, ``fid``), the first
    point_col: str | None = None  # the column its points are read from as text (lon,lat pairs, WKT: _pointtext)
    # a GeoJSON input's columns read as text that hold values of different JSON types written the same (1 and "1"):
    # the first two such values, each with its feature's index (:func:`_written_alike`)
    alike: dict[str, tuple[int, Any, int, Any]] = field(default_factory=dict)
    #: a folder of Parquet parts' parts (as messages name them) and each one's rows, in row order (:func:`open_source`)
    parts: tuple[list[str], list[int]] | None = None

    @property
    def coordinate_columns(self) -> tuple[str, str] | None:
        """The lon and lat columns the points are read from; None when they are read from a geometry column."""
        return None if self.geometry is not None else (self.lon_name, self.lat_name)

    def close(self) -> None:
        """Stop reading the file: its chunks end, and a CSV file's readers stop reading ahead (:meth:`ReadAhead.end`).

        pyarrow's reader of a CSV file reads ahead of the rows taken on a
        thread of its own, which waits for them at the bound on what it holds
        (:class:`ReadAhead`): a program that stops taking chunks before the
        file's end (a ``break``, an error) would leave that thread waiting
        until the source is garbage-collected or the process exits. Called by
        ``with`` (a source is a context manager) and by the file jobs and
        readers when they stop, for any reason; closing twice does nothing.
        """
        if self.line_ends is not None:  # first: pyarrow's reader, dropped while its thread waits, would hang
            self.line_ends.end()
        close = getattr(self.chunks, "close", None)
        if close is not None:
            close()  # (a generator's own cleanup: the reader's batches closed)
        if self.line_ends is not None:
            self.line_ends.close()
        if self.raw_lines is not None:
            self.raw_lines.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _closing(batches: Iterator[Any]) -> Iterator[None]:
    """Around the use of a reader's batches: closed at the end, however it comes (a generator's own cleanup)."""
    try:
        yield
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()


def _close(batches: Iterator[Any]) -> None:
    """Close a reader's batches now (:func:`_closing`, when the use of them never began)."""
    with _closing(batches):
        pass


def check_chunk_rows(chunk_rows: Any) -> None:
    """Refuse a ``chunk_rows`` that is not a positive whole number (:class:`InputError`, a ValueError), in every
    file job: ``locate_file`` took 0, -5 or 2.5 for a CSV input (and PyArrow refused them for Parquet in its
    own words) where ``events_file`` and ``--chunk-rows`` refuse them."""
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, (int, np.integer)) or chunk_rows < 1:
        raise InputError(Message("err_chunk_rows", value=chunk_rows))


def open_source(
    src: Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    columns: bool = True,
    encoding: str | None = None,
    delimiter: str | None = None,
    override_crs: bool = False,
    layer: str | None = None,
    point_col: str | None = None,
    time_col: str | None = None,
) -> Source:
    """Open a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file, or a folder of Parquet parts: the one reader
    of every file job and of :func:`read_points`.

    A folder is read as one Parquet file of every part would be, part after part, by the dask engines' rules
    (:func:`avzone.distributed.read_parts`: which files are parts, their order, their columns and types,
    ``time_col`` naive in some parts and zoned in others, hive folders' columns, what is refused);
    ``Source.parts`` names the parts and their rows, and GeoParquet parts whose points would be read in
    different CRSs are refused, naming two (:func:`_refuse_part_crss`).

    CSV and Parquet are read in chunks of about ``chunk_rows`` rows (memory
    stays flat); GeoJSON at once. A GeoParquet file gives its points from
    its primary geometry column (WKB or GeoArrow points:
    :func:`geoparquet_geometry`; or another geometry column its ``geo`` metadata lists, named by ``point_col``:
    :func:`geoparquet_named`) in the CRS declared for it, and a GeoJSON file from
    its Point geometries (WGS84), unless ``lon_col``/``lat_col`` name
    columns (properties); its columns are the properties, after the
    features' ``id`` members when any has one (a column ``id``, or ``_id``
    beside a property ``id``); a GeoPackage or Shapefile layer (``layer``, or
    the file's only one: :func:`_ogr_source`) from its geometries in its CRS,
    in chunks of ``chunk_rows`` features; other files from their lon/lat columns, in ``crs``
    (default WGS84). With ``columns=False`` only the coordinates are read.

    A CSV or Parquet file's points may be text in one column
    (:mod:`avzone._pointtext`): ``116.48,39.99`` pairs (an Amap or Baidu
    ``location``) or WKT/EWKT points (``POINT (116.48 39.99)``, as QGIS,
    PostGIS and avzone's own CSV output of a GeoJSON input write them), or WKB/EWKB points (a Parquet binary
    column without GeoParquet's metadata, or hex text), in
    ``point_col`` (not with ``lon_col``/``lat_col``), or found when no lon/lat
    columns are by its name (``location``, ``lnglat``, ``lonlat``, ``坐标``,
    ``经纬度``; ``wkt``, ``geometry``, ``geom``, ``the_geom``, ``shape``; ``wkb``) and
    its first values (among the file's first rows, whatever its chunks: :func:`avzone._pointtext.sample_rows`);
    a note says which column and how. A ``point_col`` with no value in those rows is read all the same, each
    later value as what it is written as (a pair, else WKT: :func:`avzone._pointtext.given_point_kind`), in the
    CRS chosen before (its first point written with another SRID is refused when read, naming its row:
    :func:`avzone._pointtext.refuse_late_srid`).
    ``lon_name`` and ``lat_name`` are then that column, ``Source.point_col`` too; an EWKT
    column's first SRID is its CRS when ``crs`` is not given.

    A CSV file is read in ``encoding`` (any Python codec name), else in the
    encoding detected by :func:`detect_encoding` (UTF-8 with or without BOM, UTF-16/UTF-32 with BOM,
    GB18030/GBK); ``Source.encoding`` says which, and a GB18030 told from
    too few characters leaves a note saying how the text reads in the other
    encoding it may be in (:func:`encoding_reading`). Its fields are split at
    ``delimiter`` (a character, or ``tab``), else at a tab for a ``.tsv`` or
    ``.tab`` file, else at the delimiter detected from its first lines
    (:func:`detect_dialect`: comma, semicolon, tab or pipe; a comma when
    undecided); ``Source.dialect`` says which, and the line ending. In a
    file not separated by commas, coordinates with a decimal comma (``116,5``)
    are read as numbers (:func:`decimal_commas`). Coordinate columns are
    found by :func:`detect_columns` (Chinese and English names); columns
    that name GCJ-02 or BD-09 while ``crs`` is not given leave a note in
    ``Source.notes`` (the CRS is not changed), and so does a CRS PROJ
    converts to WGS84 without its datum shift (Beijing 1954, Xian 1980:
    :func:`datum_notes`). Reading the chunks of a CSV
    file stops with an :class:`InputError` at the first row with more or
    fewer fields than the header has columns, naming its line in the file
    (the header is line 1; see :func:`first_ragged_row`): no row is skipped.
    A row (the header too) longer than the reader's block
    (:data:`CSV_BLOCK_BYTES`, 16 MB) stops it likewise, naming the row's line
    and size (:func:`first_long_row`). A program that may stop taking the
    chunks before their end closes the source (:meth:`Source.close`, or
    ``with``): a CSV file's reader then stops reading ahead.
    A CSV file whose header is below a title or comment line is refused,
    naming the header's line (:func:`header_below`). Lines of spaces or a
    Ctrl-Z at a CSV file's end are no rows (``Source.tail``: :func:`csv_tail`).
    """
    check_chunk_rows(chunk_rows)
    check_override_crs(crs, override_crs)
    if not src.is_dir():
        return _open_source(
            src, lon_col=lon_col, lat_col=lat_col, crs=crs, chunk_rows=chunk_rows, columns=columns,
            encoding=encoding, delimiter=delimiter, override_crs=override_crs, layer=layer, point_col=point_col,
        )  # fmt: skip
    from avzone._parts import read_parts

    for given, option in ((encoding, "encoding"), (delimiter, "delimiter"), (layer, "layer")):
        if given is not None:  # (the options of CSV or GeoPackage files: refused as for a Parquet file)
            fmt_key = {"encoding": "err_encoding_csv_only", "delimiter": "err_delimiter_csv_only"}
            raise InputError(Message(fmt_key.get(option, "err_layer_gdal_only"), file=src, format="parquet",
                                     option=Option(option)))  # fmt: skip
    parts = read_parts(str(src), chunk_rows, time_col)
    source = _open_source(
        src, lon_col=lon_col, lat_col=lat_col, crs=crs, chunk_rows=chunk_rows, columns=columns,
        override_crs=override_crs, point_col=point_col, read=(parts.schema, parts.batches, parts.total, None),
        parts=(parts.files, parts.rows),
    )  # fmt: skip
    source.notes += [n for n in parts.notes if n not in source.notes]
    source.parts = (parts.files, parts.rows)
    return source


def _open_source(
    src: Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    columns: bool = True,
    encoding: str | None = None,
    delimiter: str | None = None,
    override_crs: bool = False,
    layer: str | None = None,
    point_col: str | None = None,
    read: tuple[pa.Schema, Iterator[pa.RecordBatch], int | None, LineEndWatch | None] | None = None,
    parts: tuple[list[str], list[int]] | None = None,
) -> Source:
    """:func:`open_source` of a file; or (``read``: the schema, batches and rows of a folder of Parquet parts,
    :func:`avzone.distributed.read_parts`; ``parts``: its parts and their rows, ``Source.parts``, that a refusal
    naming a row names its part by, :func:`avzone._parts.row_in_parts`) of a folder, read as one Parquet file."""
    fmt = "parquet" if read is not None else file_format(src, "input")
    _check_point_col(src, fmt, point_col, lon_col, lat_col)
    if encoding is not None and fmt not in ("csv", "shp"):
        raise InputError(Message("err_encoding_csv_only", file=src, format=fmt, option=Option("encoding")))
    if delimiter is not None and fmt != "csv":
        raise InputError(Message("err_delimiter_csv_only", file=src, format=fmt, option=Option("delimiter")))
    if layer is not None and fmt not in OGR_FORMATS:
        raise InputError(Message("err_layer_gdal_only", file=src, format=fmt, option=Option("layer")))
    if fmt in OGR_FORMATS:
        return _ogr_source(src, fmt, lon_col, lat_col, crs, override_crs, chunk_rows, encoding, layer)
    if fmt == "geojson":
        return _geojson_source(src, lon_col, lat_col, crs, override_crs)
    text = detect_encoding(src, encoding) if fmt == "csv" else None
    dialect = detect_dialect(src, text, delimiter) if text is not None else None
    skip = dialect.skip if dialect is not None else 0  # a sep= line above the header
    try:
        schema, batches, total, watch = read or _read_batches(src, fmt, chunk_rows, text, dialect)
    except InputError:  # a ragged second line: a title or comment line above the header?
        if text is not None and (below := header_below(src, text, lon_col, lat_col, skip)) is not None:
            raise below from None
        raise
    names = list(schema.names)
    geometry = None
    if fmt == "parquet" and lon_col is None and lat_col is None and point_col is None:
        geometry = geoparquet_geometry(schema, src)
    elif fmt == "parquet" and point_col is not None and geoparquet_named(schema, src, point_col):
        geometry, point_col = geoparquet_geometry(schema, src, point_col), None  # (read so, in its declared CRS)
    if geometry is not None:
        column, declared = geometry
        given_crs = crs
        crs, overridden = _geometry_crs(declared, crs, src, column, override_crs)
        if read is not None:  # (a folder: every part's points read in that CRS, or refused naming two)
            _refuse_part_crss(str(src), column, declared, crs, given_crs, override_crs)

        def chunks() -> Iterator[Chunk]:
            with _closing(batches):
                for batch in batches:
                    if batch.num_rows:
                        yield Chunk(batch, _geometry_points(batch.column(column), crs))

        notes = overridden + datum_notes(crs)
        if overridden:  # (an output keeps the input's metadata: it declares the CRS the points were read in)
            schema = schema.with_metadata(relabelled_geo(schema.metadata, column, crs))
        kind = geoparquet_geometry_type(schema, column)
        return Source(
            src, fmt, schema, "lon", "lat", crs, total, chunks(), geometry=column, notes=notes, geometry_type=kind
        )
    ends = _RowEnds(src, text, dialect, watch) if text is not None and dialect is not None else None
    raw = RawLines(src, text, dialect, names) if text is not None and dialect is not None else None
    found: tuple[str, ...] = found_roles(lon_col, lat_col)
    pending: list[pa.RecordBatch] = []  # the batches read to judge a column of points as text
    sample: pa.Table | None = None  # their first rows that judge it (sample_rows: as the dask engine judges it)
    try:
        if point_col is not None:
            _refuse_missing_column(src, names, point_col, "point_col")
            found = ()
        lon_name, lat_name = (
            (point_col, point_col) if point_col is not None else detect_columns(names, lon_col, lat_col, src)
        )
    except InputError as exc:  # one column that holds delimiters, none detected: say how to split it
        if lon_col is None and lat_col is None and point_col is None:
            with _abandoned_on_error(batches, watch):
                sample, pending = sample_rows(batches, names, schema)
                hit = find_point_column(names, sample, src)
            if hit is not None:
                return _point_col_source(
                    src, fmt, schema, hit[0], hit[1], True, crs, total, batches, pending, text, dialect, watch,
                    ends, raw, override_crs, parts=parts,
                )  # fmt: skip
        if text is not None and (below := header_below(src, text, lon_col, lat_col, skip)) is not None:
            raise below from None
        marks = [delimiter_label(d) for d in DELIMITERS if len(names) == 1 and d in names[0]]
        if text is not None and not marks and (reading := encoding_reading(src, text)) is not None:
            raise InputError(Message("err_with_hint", error=exc.args[0], hint=reading)) from None
        if not marks and getattr(exc.args[0], "key", None) == "err_no_column_like" and sample is not None:
            # a text column that may hold points, not found as such: say how to read it
            if (hint := point_col_hint(names, sample)) is not None:
                _abandon(batches, watch)
                raise InputError(Message("err_with_hint", error=exc.args[0], hint=hint)) from None
        if dialect is None or not marks:
            raise
        hint = Message("hint_delimiter", delimiters=Joined(marks, "comma"), option=Option("delimiter"))
        if delimiter is not None:  # given, and not the header's
            given = Option("delimiter", delimiter, quote=True)  # (as given: tab, \\t or the character)
            options = {"given": given, "option": Option("delimiter")}
            hint = Message("hint_delimiter_given", delimiters=Joined(marks, "comma"), **options)
        elif not dialect.detected:  # a .tsv file's tab
            hint = Message(
                "hint_delimiter_suffix",
                suffix=src.suffix,
                delimiters=Joined(marks, "comma"),
                option=Option("delimiter"),
            )
        raise InputError(Message("err_with_hint", error=exc.args[0], hint=hint)) from None
    if point_col is not None:
        with _abandoned_on_error(batches, watch):
            sample, pending = sample_rows(batches, [point_col], schema)
            text_kind = given_point_kind(sample.column(point_col)) if sample.num_rows else ("pair", None)
        if text_kind is None:
            _abandon(batches, watch)
            raise not_points_error(src, point_col, sample.column(point_col))
        return _point_col_source(
            src, fmt, schema, point_col, text_kind, False, crs, total, batches, pending, text, dialect, watch, ends,
            raw, override_crs, looked=sample.num_rows, parts=parts,
        )  # fmt: skip
    refuse_pandas_attrs_crs(schema, src, crs)
    note = crs_note(lon_name, lat_name, crs)
    crs = WGS84 if crs is None else crs

    # a file separated by ';' (tab, '|') may write '116,5': the decimal comma of the locales that separate so
    number = decimal_commas if dialect is not None and dialect.delimiter != "," else (lambda col: col)

    def column_chunks() -> Iterator[Chunk]:
        with _closing(batches):  # (stopped early: the reader stops reading ahead)
            for batch in batches:
                if batch.num_rows:
                    lon, lat = number(batch.column(lon_name)), number(batch.column(lat_name))
                    eols = ends.take(batch.num_rows) if ends is not None else None
                    pts = column_points(lon, lat, crs, (lon_name, lat_name))
                    if text is not None and (again := header_again(batch, lon_name, lat_name)) is not None:
                        pts.mark(again, HEADER_AGAIN)
                    yield Chunk(batch, pts, line_ends=eols)

    reading = encoding_reading(src, text) if text is not None else None
    notes = ([reading] if reading else []) + ([note] if note else []) + datum_notes(crs)
    notes += override_unused(override_crs, crs, columns=(lon_name, lat_name))
    tail = watch.tail if watch is not None else ""
    return Source(
        src, fmt, schema, lon_name, lat_name, crs, total, column_chunks(), encoding=text, dialect=dialect, notes=notes,
        tail=tail, line_ends=watch, raw_lines=raw, found=found,
    )  # fmt: skip


def _check_point_col(src: Path, fmt: str, point_col: str | None, lon_col: str | None, lat_col: str | None) -> None:
    """Refuse ``point_col`` with ``lon_col``/``lat_col`` (naming both), or for a file whose points are no text
    column (GeoJSON, GeoPackage, Shapefile)."""
    if point_col is None:
        return
    both = {"lon_option": Option("lon_col"), "lat_option": Option("lat_col")}
    for given, name in ((lon_col, "lon_col"), (lat_col, "lat_col")):
        if given is not None:
            raise InputError(
                Message("err_point_col_and_columns", file=src, point_option=Option("point_col"), option=Option(name),
                        **both)
            )  # fmt: skip
    if fmt not in ("csv", "parquet"):
        raise InputError(Message("err_point_col_format", file=src, option=Option("point_col"), format=fmt, **both))


def _abandon(batches: Iterator[Any], watch: LineEndWatch | None) -> None:
    """Stop a reader whose source is refused after its first batches were read (:meth:`Source.close`'s order)."""
    if watch is not None:
        watch.end()
    _close(batches)
    if watch is not None:
        watch.close()


@contextmanager
def _abandoned_on_error(batches: Iterator[Any], watch: LineEndWatch | None) -> Iterator[None]:
    try:
        yield
    except BaseException:
        _abandon(batches, watch)
        raise


def _refuse_missing_column(src: Path, names: list[str], column: str, role: str) -> None:
    if column not in names:
        raise InputError(
            Message("err_no_column", file=src, column=column, option=Option(role), columns=Joined(names, "comma"))
        )
    _refuse_named_twice(src, names, ((column, role),))


def _point_col_source(
    src: Path,
    fmt: str,
    schema: pa.Schema,
    column: str,
    kind: tuple[str, int | None],
    detected: bool,
    crs: Any,
    total: int | None,
    batches: Iterator[pa.RecordBatch],
    pending: list[pa.RecordBatch],
    text: TextEncoding | None,
    dialect: CsvDialect | None,
    watch: LineEndWatch | None,
    ends: _RowEnds | None,
    raw: RawLines | None,
    override_crs: bool,
    looked: int = SAMPLE_ROWS,
    parts: tuple[list[str], list[int]] | None = None,
) -> Source:
    """The :class:`Source` of a file whose points are text in ``column`` (:mod:`avzone._pointtext`): lon,lat pairs
    or WKT points (``kind``: ``("pair", None)`` or ``("wkt", srid)``, or ``("any", None)``), given by ``point_col``
    or ``detected``; ``pending``: the batches already read (to judge the column), read again first; ``looked``: how
    many rows judged it (:func:`point_col_reading`). A column of kind ``"any"`` whose first point has an SRID
    that is not the CRS's is refused when its chunk is read, naming the row (of a folder of Parquet parts,
    ``parts``: its part and its row there, :func:`avzone._parts.row_in_parts`)
    (:func:`avzone._pointtext.refuse_late_srid`; the file jobs' outputs are written whole or not at all)."""
    shape, srid = kind
    given = crs
    with _abandoned_on_error(batches, watch):
        crs, notes = point_col_reading(src, schema, column, kind, detected, crs, override_crs, looked)

    def column_chunks() -> Iterator[Chunk]:
        rows, seen = 0, shape != "any"  # (the rows read, and whether the column's first point was)
        with _closing(batches):  # (stopped early: the reader stops reading ahead)
            for batch in itertools.chain(pending, batches):
                if not seen and (first := first_point(batch.column(column))) is not None:
                    seen = True
                    where, at = row_in_parts(src, rows + first[0], parts)  # (a folder's: its part, its row there)
                    refuse_late_srid(where, column, at, first[1], crs, given)
                rows += batch.num_rows
                if batch.num_rows:
                    eols = ends.take(batch.num_rows) if ends is not None else None
                    pts = text_points(batch.column(column), shape, crs, column, srid)
                    if text is not None and (again := header_again(batch, column, column)) is not None:
                        pts.mark(again, HEADER_AGAIN)
                    yield Chunk(batch, pts, line_ends=eols)

    reading = encoding_reading(src, text) if text is not None else None
    notes = ([reading] if reading else []) + notes
    return Source(
        src, fmt, schema, column, column, crs, total, column_chunks(), encoding=text, dialect=dialect, notes=notes,
        tail=watch.tail if watch is not None else "", line_ends=watch, raw_lines=raw,
        found=("role_point",) if detected else (), point_col=column,
    )  # fmt: skip


def point_col_reading(
    src: str | Path,
    schema: pa.Schema | None,
    column: str,
    kind: tuple[str, int | None],
    detected: bool,
    crs: Any,
    override_crs: bool,
    looked: int = SAMPLE_ROWS,
) -> tuple[Any, list[Any]]:
    """The CRS a column of points as text (``kind``: :func:`avzone._pointtext.given_point_kind`) is read in and the
    job's notes on it, for both engines: a CRS the file's pandas ``attrs`` name, or one the column's first EWKT SRID
    contradicts, refused (:func:`avzone._pointtext.point_col_crs`); WGS84 when none is given or written.

    ``looked``: how many rows judged the column (:func:`avzone._pointtext.sample_rows`: the first
    :data:`~avzone._pointtext.SAMPLE_ROWS`, or every row of a file that has fewer), which the note on a column with
    no value in them says: "in its first 100,000 rows", or "in its 50 rows" (the whole column)."""
    shape, srid = kind
    if schema is not None:
        refuse_pandas_attrs_crs(schema, src, crs)
    crs = point_col_crs(src, column, srid, crs)
    crs = WGS84 if crs is None else crs
    how = Message("point_col_found" if detected else "point_col_given", option=Option("point_col"))
    if shape == "any":  # (a column named with no value in its first rows: given_point_kind)
        if looked >= SAMPLE_ROWS:  # (there may be values later)
            note = Message("note_point_col_late", column=column, rows=f"{SAMPLE_ROWS:,}", how=how)
        elif looked == 1:  # (fewer: the file's rows, all of them looked at)
            note = Message("note_point_col_empty_1", column=column, how=how)
        else:
            note = Message("note_point_col_empty", column=column, rows=f"{looked:,}", how=how)
    else:
        what = Message(f"point_kind_{shape}")
        note = Message("note_point_col", column=column, kind=what, how=how)
    if srid is not None:
        note = Message("note_point_col_srid", column=column, kind=what, srid=srid, how=how)
    notes = [note, *datum_notes(crs), *override_unused(override_crs, crs, columns=(column, column))]
    return crs, notes


#: GDAL's words for a file none of its drivers opens (followed by advice on its own file-path syntax, no avzone option).
_GDAL_NOT_RECOGNIZED = "not recognized as being in a supported file format"


def ogr_reason(src: Path, exc: BaseException) -> Message | str:
    """Why GDAL could not open the GeoPackage or Shapefile ``src``: a file none of its drivers recognizes said in
    avzone's words (damaged, empty or of another format; GDAL's own advice, a driver prefix for the path, is no option
    of avzone), in English and Chinese; any other reason GDAL's text on one line (:func:`one_line`)."""
    if _GDAL_NOT_RECOGNIZED not in str(exc):
        return one_line(exc)
    kind = "Shapefile" if src.suffix.lower() == ".shp" else "GeoPackage"
    return Message("ogr_not_recognized", kind=kind)


def ogr_layer(src: Path, layer: str | None) -> str:
    """The layer of a GeoPackage or Shapefile file to read: ``layer``, else the file's only one.

    A file of several layers without ``layer`` is refused naming them and
    the option that chooses one; a ``layer`` the file has not, naming them.
    """
    import pyogrio
    import pyogrio.errors

    try:
        names = [str(name) for name in pyogrio.list_layers(src)[:, 0]]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=ogr_reason(src, exc))) from None
    if not names:
        raise InputError(Message("err_no_layers", file=src))
    if layer is not None and layer not in names:
        raise InputError(
            Message("err_no_such_layer", file=src, layer=layer, layers=Joined(names, "comma"), option=Option("layer"))
        )
    if layer is None and len(names) > 1:
        raise InputError(
            Message("err_several_layers", file=src, n=len(names), layers=Joined(names, "comma"), option=Option("layer"))
        )
    return layer if layer is not None else names[0]


def _ogr_source(
    src: Path,
    fmt: str,
    lon_col: str | None,
    lat_col: str | None,
    crs: Any,
    override: bool,
    chunk_rows: int,
    encoding: str | None,
    layer: str | None,
) -> Source:
    """A GeoPackage or Shapefile layer (:func:`ogr_layer`) read through GDAL (pyogrio's Arrow stream) in chunks
    of ``chunk_rows`` features: a GeoPackage's feature ids (its FID column, named as the layer names it: ``fid``,
    :attr:`Source.fid`), its fields as columns, then its geometry column (WKB, named as GDAL names it).

    Points come from the geometries (a line, a polygon, an empty or missing
    geometry: the row's status, :func:`_geometry_points`) in the layer's CRS;
    a layer that declares none needs ``crs``, and a ``crs`` that contradicts
    the declared one is refused unless ``override`` (:func:`_geometry_crs`).
    With ``lon_col``/``lat_col`` (or a layer without geometry) the points
    come from those columns, as in a CSV file. A Shapefile's text is read in
    ``encoding`` when given, else in the one its ``.cpg`` file names, else in
    GDAL's default (its ``.dbf`` header's code page, else ISO-8859-1): text
    other than ASCII read in that default leaves a note saying how it reads
    in GBK and to give ``encoding`` (:func:`_default_encoding_note`).
    """
    import pyogrio
    import pyogrio.errors
    import pyproj

    name = ogr_layer(src, layer)
    errors = (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError)
    try:
        info = pyogrio.read_info(src, layer=name, encoding=encoding)
    except errors as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None
    guessed = False  # the text read in GDAL's default encoding (no .cpg file, no code page in the .dbf header)
    if fmt == "shp" and encoding is None and info["encoding"] not in (None, "UTF-8"):
        # not recoded to UTF-8 by GDAL (no .cpg): named, else GDAL's Arrow stream gives the bytes as they are
        # (names and values that are no UTF-8); UTF-8: GDAL recodes them (a .cpg), naming it would stop that
        guessed = info["encoding"] == "ISO-8859-1" and not any(src.with_suffix(e).exists() for e in (".cpg", ".CPG"))
        encoding = info["encoding"]
    use_geometry = info["geometry_type"] is not None and lon_col is None and lat_col is None
    # a GeoPackage's feature ids (its FID column, which QGIS shows as the first field, ``fid``: numbers kept when
    # features are deleted, so 1, 2, 4 after the third was): a column of their own, the first, so that every output
    # keeps them (a GeoPackage output as its feature ids); a Shapefile's are its rows' places, 0, 1, 2...
    fids = fmt == "gpkg"
    opened = pyogrio.open_arrow(
        src, layer=name, encoding=encoding, batch_size=chunk_rows, use_pyarrow=True, read_geometry=use_geometry,
        datetime_as_string=True,  # (DateTime fields as GDAL writes them: _ogr_instants)
        return_fids=fids,
    )  # fmt: skip
    try:
        meta, reader = opened.__enter__()
    except errors as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None
    # a geometry column as plain binary (GDAL marks it with Arrow's ogc.wkb extension)
    column = meta["geometry_name"] or "wkb_geometry"  # (a Shapefile's has no name: GDAL's)
    fields = [f.remove_metadata() if use_geometry and f.name == column else f for f in reader.schema]
    datetimes = [(f.metadata or {}).get(b"GDAL:OGR:type") == b"DateTime" for f in fields]
    fields = [pa.field(f.name, _OGR_INSTANTS, f.nullable) if d else f for f, d in zip(fields, datetimes)]
    schema = pa.schema(fields, metadata=reader.schema.metadata)
    fid = schema.names[0] if fids else None  # (GDAL's Arrow stream gives the ids first, named as the layer names them)
    total = int(info["features"]) if info["features"] >= 0 else None

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            for batch in reader:
                columns = [_ogr_instants(c) if d else c for c, d in zip(batch.columns, datetimes)]
                yield pa.RecordBatch.from_arrays(columns, schema=schema)
        except errors as exc:
            raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None
        finally:
            opened.__exit__(None, None, None)

    stream: Iterator[pa.RecordBatch] = batches()  # (a generator: closed by _closing)
    held: list[pa.RecordBatch] = []  # (the first rows: their text tells whether a guessed encoding needs a note)
    if guessed:
        for batch in stream:
            held.append(batch)
            if sum(b.num_rows for b in held) >= ENCODING_NOTE_ROWS:
                break
    if guessed and (encoding_note := _default_encoding_note(src, schema, held)) is not None:
        notes_read: list[Any] = [encoding_note]
    else:
        notes_read = []

    def read() -> Iterator[pa.RecordBatch]:
        with _closing(stream):
            yield from held
            yield from stream

    if use_geometry:
        declared = pyproj.CRS(info["crs"]) if info["crs"] else None
        try:
            unknown = Message("err_layer_crs_unknown", file=src, column=column, crs=Option("crs"))
            crs, overridden = _geometry_crs(declared, crs, src, column, override, unknown)
        except BaseException:
            _close(stream)
            opened.__exit__(None, None, None)
            raise

        def chunks() -> Iterator[Chunk]:
            batches = read()
            with _closing(batches):
                for batch in batches:
                    if batch.num_rows:
                        yield Chunk(batch, _geometry_points(batch.column(column), crs))

        notes = notes_read + overridden + datum_notes(crs)
        return Source(
            src, fmt, schema, "lon", "lat", crs, total, chunks(), geometry=column, notes=notes, layer=name,
            geometry_type=info["geometry_type"], fid=fid,
        )  # fmt: skip
    try:
        lon_name, lat_name = detect_columns(list(schema.names), lon_col, lat_col, src)
    except BaseException:
        _close(stream)
        opened.__exit__(None, None, None)
        raise
    note = crs_note(lon_name, lat_name, crs)
    crs = WGS84 if crs is None else crs

    def column_chunks() -> Iterator[Chunk]:
        batches = read()
        with _closing(batches):
            for batch in batches:
                if batch.num_rows:
                    pts = column_points(batch.column(lon_name), batch.column(lat_name), crs, (lon_name, lat_name))
                    yield Chunk(batch, pts)

    notes = notes_read + ([note] if note else []) + datum_notes(crs)
    notes += override_unused(override, crs, columns=(lon_name, lat_name))
    return Source(
        src, fmt, schema, lon_name, lat_name, crs, total, column_chunks(), notes=notes, layer=name,
        found=found_roles(lon_col, lat_col), fid=fid,
    )  # fmt: skip


#: The type of a DateTime field of a layer read through GDAL: instants, in UTC, as GDAL's own Arrow stream types them.
_OGR_INSTANTS = pa.timestamp("ms", tz="UTC")
# a time written with its zone, as GDAL writes a DateTime field's value that has one (Z, +08, +08:00)
_OGR_ZONED = r"(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$"


def _ogr_instants(texts: pa.Array) -> pa.Array:
    """A DateTime field's values, as GDAL writes them (``2024-10-17T23:59:00``, ``2024-10-17T15:59:00Z``,
    ``2024-10-17T11:59:00-04:00``), as instants (:data:`_OGR_INSTANTS`): one without a zone is Beijing time, as
    every naive time is (:mod:`avzone.zonetime`). GDAL's own Arrow stream declares a GeoPackage's DateTime field in
    UTC and gives a value without a zone (as GDAL writes a pandas column of naive times) as that clock in UTC: 8
    hours off, where ``geopandas.read_file`` of the same file gives it naive."""
    import pyarrow.compute as pc

    from avzone import zonetime

    text = pd.Series(texts.to_pandas(), dtype=object)
    read = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce").dt.as_unit("ms")
    ms = read.to_numpy(dtype="datetime64[ms]").astype(np.int64)
    naive = ~np.asarray(pc.fill_null(pc.match_substring_regex(texts, _OGR_ZONED), True), dtype=bool)
    ms = np.where(naive, ms - zonetime.BEIJING_OFFSET_NS // 10**6, ms)
    return pa.array(ms, pa.int64(), mask=read.isna().to_numpy(dtype=bool)).cast(_OGR_INSTANTS)


#: How many of a Shapefile's first rows tell whether the encoding GDAL guessed needs a note
#: (:func:`_default_encoding_note`), whatever the chunks they are read in.
ENCODING_NOTE_ROWS = 100_000


def _default_encoding_note(src: Path, schema: pa.Schema, batches: list[pa.RecordBatch]) -> Message | None:
    """The note of a Shapefile read in GDAL's default encoding (ISO-8859-1, no ``.cpg`` file) whose field names or
    first rows' text (:data:`ENCODING_NOTE_ROWS` of ``batches``) are not all ASCII: the first such text, how it
    reads in GBK (the usual encoding of Chinese Shapefiles, which GDAL cannot tell) and the option that gives the
    encoding; None when all is ASCII."""
    texts = [name for name in schema.names if not name.isascii()]
    if not texts and batches:
        first = pa.Table.from_batches(batches, schema=schema).slice(0, ENCODING_NOTE_ROWS)
        for col in first.columns:
            if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
                texts += [v for v in col.to_pylist() if v is not None and not v.isascii()][:1]
            if texts:
                break
    if not texts:
        return None
    try:
        gbk = texts[0].encode("latin-1").decode("gbk")
    except UnicodeError:
        gbk = None
    reading: Message | str = Message("note_shp_gbk_reading", text=gbk) if gbk is not None else ""
    return Message("note_shp_default_encoding", file=src, text=texts[0], gbk=reading, option=Option("encoding", "gbk"))


def header_again(batch: pa.RecordBatch, lon_name: str, lat_name: str) -> np.ndarray | None:
    """The rows of a CSV batch that are its header line again (every cell its column's name: files joined
    together), or None when there is none. The first cell may begin with a UTF-8 BOM: that of a file joined
    after the first (``cat a.csv b.csv``, each written with one by Excel)."""
    names = batch.schema.names

    def cells(name: str) -> Any:
        col = batch.column(name)
        if name == names[0] and (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            return pc.utf8_ltrim(col, "\ufeff")
        return col

    hit = pc.and_(pc.equal(cells(lon_name), lon_name), pc.equal(cells(lat_name), lat_name))
    if not pc.any(hit).as_py():
        return None
    for name in names:
        hit = pc.and_(hit, pc.equal(cells(name), name))
    mask = hit.to_numpy(zero_copy_only=False)
    return mask if mask.any() else None


def _json_column(values: list[Any]) -> pa.Array:
    """An Arrow column of GeoJSON property values: typed when they agree, else as text.

    Objects and arrays become their JSON text; a column mixing kinds (text
    and numbers) becomes text, each value as written. Integers with
    integral floats among them (``7`` and ``7.0``) are an integer column,
    as pandas takes them as the same value (one vehicle, as
    ``model.events`` gives for the same ids), not floats (``7.0`` for
    vehicle 7). A column holding a number no float holds (``1e400``) is
    text, that number as written (a float column would write it ``inf``).
    """
    values = [json_text(v) if isinstance(v, (dict, list)) else v for v in values]
    if any(isinstance(v, JsonFloat) for v in values):  # (1e400: as written; NaN or Infinity tokens: null)
        return pa.array([_cell_text(v) for v in values], pa.string())
    integral = _integral_floats_as_ints(values)
    if integral is not None:
        try:
            return pa.array(integral, pa.int64())
        except (pa.ArrowInvalid, OverflowError):  # beyond int64: as below, each value as written
            pass
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        return pa.array([_cell_text(v) for v in values], pa.string())


def _written_alike(values: list[Any]) -> tuple[int, Any, int, Any] | None:
    """The first text and the first value of another JSON type (a number, a boolean, an object) that a text column
    of GeoJSON values (:func:`_json_column`) writes the same (``"1"`` and ``1``), with their indices, or None.

    Read as text they would be one value: one vehicle where the library and the HTTP service, which keep each
    value's type, refuse them (:func:`avzone.events.vehicle_codes`).

    >>> _written_alike([1, "2", "1", 1]), _written_alike(["1", 2, None])
    ((0, 1, 2, '1'), None)
    """
    seen: dict[str | None, tuple[int, bool]] = {}
    for i, v in enumerate(values):
        if v is None:
            continue
        text = type(v) is str
        first = seen.setdefault(_cell_text(json_text(v) if isinstance(v, (dict, list)) else v), (i, text))
        if first[1] != text:
            return first[0], values[first[0]], i, v
    return None


def refuse_ids_alike(src: Path, source: Source, id_col: str) -> None:
    """Refuse a GeoJSON input whose vehicle id column holds values of different types written the same (``1`` and
    ``"1"``: :attr:`Source.alike`), naming the column and a feature of each, as the library and the HTTP service
    refuse such ids (:func:`avzone.events.vehicle_codes`): read as text, they would be one vehicle."""
    hit = source.alike.get(id_col)
    if hit is not None:
        i, a, j, b = hit
        raise InputError(
            Message(
                "err_geojson_ids_alike", file=src, column=id_col, i=i, j=j, a=json_text(a), b=json_text(b),
                text=_cell_text(a),
            )
        )  # fmt: skip


def _cell_text(v: Any) -> str | None:
    """A GeoJSON property value in a text column: text as it is, a number as written (``1e400``; a NaN or
    Infinity token, which is not JSON, null), others as JSON."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, JsonFloat):
        return v.text
    return json_text(v)


def _integral_floats_as_ints(values: list[Any]) -> list[Any] | None:
    """``values`` with their integral floats as ints when they are integers and such floats (and nulls), else None."""
    has_int = has_float = False
    for v in values:
        if v is None:
            continue
        if type(v) is int:
            has_int = True
        elif isinstance(v, float) and math.isfinite(v) and v.is_integer() and abs(v) < 2.0**63:
            has_float = True
        else:
            return None
    if not (has_int and has_float):
        return None
    return [int(v) if isinstance(v, float) else v for v in values]


def _geojson_text(src: Path) -> str:
    """A GeoJSON file's text (UTF-8, a BOM skipped); bytes that are not UTF-8 are named by line and column."""
    data = src.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = max(data.rfind(b"\n", 0, exc.start), data.rfind(b"\r", 0, exc.start)) + 1
        line = data.count(b"\n", 0, exc.start) + data.count(b"\r", 0, exc.start) - data.count(b"\r\n", 0, exc.start)
        prefix = data[start : exc.start].decode("utf-8-sig", "replace")
        at = {"line": f"{line + 1:,}", "column": f"{len(prefix) + 1:,}", "offset": f"{exc.start:,}"}
        raise InputError(Message("err_geojson_not_utf8", file=src, byte=f"0x{data[exc.start]:02x}", **at)) from None


def _geojson_source(src: Path, lon_col: str | None, lat_col: str | None, crs: Any, override: bool = False) -> Source:
    try:
        doc = json.loads(
            _geojson_text(src),
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
            object_pairs_hook=_unique_keys,  # (a key given twice: json would keep the last, and lose the first)
        )
    except _DuplicateKey as dup:
        where = f" ({dup.label!r})" if dup.label else ""
        raise InputError(
            Message("err_dataset_duplicate_key", file=src, key=dup.key, where=where, first=dup.first, last=dup.last)
        ) from None
    except json.JSONDecodeError as exc:
        if geojson_seq(exc):  # one Feature a line: GeoJSONSeq
            hint = Message("err_geojsonseq_input")
            raise InputError(Message("err_geojsonseq", file=src, line=exc.lineno, hint=hint)) from None
        why = Message("err_dataset_not_json", file=src, line=exc.lineno, column=exc.colno, reason=json_reason(exc.msg))
        raise InputError(why) from None
    except RecursionError:
        raise InputError(Message("err_input_too_deep", file=src)) from None
    if isinstance(doc, dict) and doc.get("type") in BARE_GEOJSON:  # (GDAL reads one as a layer of one feature)
        got = Quoted.text_of(json_text(doc))
        raise InputError(Message("err_geojson_bare", file=src, kind=doc["type"], got=got))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError(Message("err_input_not_feature_collection", file=src))
    for i, f in enumerate(doc["features"]):  # (as the HTTP service refuses it: no row made up for it)
        if not (isinstance(f, dict) and f.get("type") == "Feature"):
            raise InputError(Message("err_geojson_not_a_feature", file=src, i=i, got=Quoted.text_of(json_text(f))))
    crs, notes = _geojson_crs(doc, src, crs, geometries=lon_col is None and lat_col is None, override=override)
    notes += datum_notes(crs)
    feats = doc["features"]
    n = len(feats)
    props_list = []
    for f in feats:
        props_list.append(_feature_properties(f))
    names = list(dict.fromkeys(k for p in props_list for k in p))
    columns = {k: _json_column([p.get(k) for p in props_list]) for k in names}
    ids = [f.get("id") if isinstance(f, dict) else None for f in feats]
    id_col = None
    if any(i is not None for i in ids):  # a feature's id is no property: a column of its own, first
        id_col = "id"
        while id_col in columns:  # a property may be called "id" too
            id_col = "_" + id_col
        columns = {id_col: _json_column(ids)} | columns
    raw = {k: [p.get(k) for p in props_list] for k in names} | ({id_col: ids} if id_col else {})
    alike = {k: hit for k, col in columns.items() if col.type == pa.string() and (hit := _written_alike(raw[k]))}
    geoms = [f.get("geometry") if isinstance(f, dict) else None for f in feats]
    geom_col = "geometry"
    while geom_col in columns:  # a property may be called "geometry" too
        geom_col = "_" + geom_col
    columns[geom_col] = pa.array(  # (numbers as written: 1e400, not Infinity)
        [None if not isinstance(g, dict) else json_text(g) for g in geoms], pa.string()
    )
    table = (
        pa.RecordBatch.from_pydict(columns)
        if n
        else pa.RecordBatch.from_pydict({k: pa.array([], pa.string()) for k in columns})
    )
    if lon_col is not None or lat_col is not None:
        lon_name, lat_name = detect_columns(names, lon_col, lat_col, src)
        notes += override_unused(override, crs, columns=(lon_name, lat_name))
        xv = np.array([p.get(lon_name) for p in props_list], dtype=object)
        yv = np.array([p.get(lat_name) for p in props_list], dtype=object)
        pts = from_columns(xv, yv, crs, x_null=_none_mask(xv), y_null=_none_mask(yv), names=(lon_name, lat_name))
        geometry = None
    else:
        lon_name, lat_name, geometry = "lon", "lat", geom_col
        xv, yv, codes = geojson_points(geoms)  # (as the HTTP service reads a FeatureCollection's)
        null = codes != OK
        pts = from_columns(xv, yv, crs, x_null=null | _none_mask(xv), y_null=null | _none_mask(yv), point_codes=codes)
    chunk = Chunk(table, pts, feats)
    document = {k: v for k, v in doc.items() if k != "features"}
    overridden = any(isinstance(n, Message) and n.key == "note_crs_overridden" for n in notes)
    # geometries read in a --crs the file does not declare (none: RFC 7946's WGS84) are written back as they are:
    # so a GeoJSON output declares that CRS, or it would be read back as WGS84 (as with --override-crs)
    undeclared = geometry is not None and doc.get("crs") is None and not is_wgs84(crs)
    if overridden or undeclared:  # (a GeoJSON output keeps the member: it declares the CRS the points were read in)
        document["crs"] = geojson_crs_member(crs)
    return Source(
        src, "geojson", table.schema, lon_name, lat_name, crs, n, iter([chunk]), geometry=geometry, document=document,
        notes=notes, found=found_roles(lon_col, lat_col) if geometry is None else (),
        geometry_type=geojson_geometry_type(geoms) if geometry is not None else None, alike=alike,
    )  # fmt: skip


def _geojson_crs(
    doc: dict[str, Any], src: Path, given: Any, *, geometries: bool, override: bool = False
) -> tuple[Any, list[Any]]:
    """The CRS of a GeoJSON file's coordinates, and the notes that say where it came from.

    For the geometries, the CRS the file's old ``crs`` member names
    (:func:`avzone.crs.geojson_declared_crs`: QGIS and GDAL still write it,
    e.g. for EPSG:3857) meets ``--crs`` (``given``) by the rule of every
    entry point (:func:`avzone.crs.declared_or_given`): no member (RFC
    7946: WGS84) declares none, a ``--crs`` other than the member's is
    refused unless ``override`` (``--override-crs``), and then a note says
    so. A member that names no CRS avzone reads is unknown: ``--crs`` is
    needed, and a note says the member was not used. Coordinates read from
    properties (``--lon-col``) are not the geometries the member is about.
    """
    if not geometries:  # (the properties' notes: _geojson_source, which knows their names)
        return (WGS84 if given is None else given), []
    try:
        declared = geojson_declared_crs(doc)
        resolved = None if declared is None else normalize_crs(declared)
    except CRSError as exc:
        if given is not None:
            unused = Message(
                "note_geojson_crs_unused",
                given=Option("crs", _named(given)),
                member=Message("crs_member_file"),
                declared=exc,
            )
            return given, [unused]
        raise InputError(Message("err_in_file", file=src, error=exc)) from None
    if declared is None:
        return (WGS84 if given is None else given), override_unused(override, given)
    # named as avzone names it when it is one of its own (the WKT of an ``avzone export --crs gcj02`` is gcj02)
    named = i18n.CRSName(resolved if isinstance(resolved, str) else declared)

    def conflict() -> InputError:
        given_named = crs_short_name(given)
        options = _crs_conflict_options(given_named)
        return InputError(Message("err_geojson_crs_given", file=src, given=given_named, declared=named, **options))

    crs, overridden = declared_or_given(declared, given, override=override, conflict=conflict)
    if given is None:
        return crs, ([] if resolved == WGS84 else [Message("note_geojson_crs", crs=named)])
    if overridden:
        return crs, [overridden_note(crs, named)]
    return crs, override_unused(override, crs, declared=named)


def _named(crs: Any) -> Any:
    """A CRS given as text, as messages name it (:class:`~avzone.i18n.CRSName`); any other CRS object as it is."""
    return i18n.CRSName(crs) if isinstance(crs, str) else crs


def _feature_properties(feature: Any) -> dict[str, Any]:
    """A GeoJSON feature's properties as a dict; properties that are not an object are kept as ``properties``."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if isinstance(props, dict):
        return props
    return {} if props is None else {"properties": props}  # e.g. a list: kept, never dropped


class JsonDigits(str):
    """A JSON number kept as its text: an integer too long for Python's int conversion limit, or a decimal.

    Text in the table columns (as CSV cells are); written back to GeoJSON as
    the number it is (:func:`json_text`).
    """


class JsonFloat(float):
    """A JSON number that is not a finite float (``1e400``: infinite) with its text (None: NaN or Infinity tokens).

    A float everywhere else (a coordinate of ``1e400`` is not finite); written
    back to GeoJSON as its text, or as null when it has none (:func:`json_text`).
    """

    text: str | None

    def __new__(cls, value: float, text: str | None) -> JsonFloat:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


def _json_int(text: str) -> int | str:
    """A JSON integer; one too long for Python's int conversion limit is kept as its digits (JsonDigits)."""
    return int(text) if len(text) <= 4000 else JsonDigits(text)


def _json_float(text: str) -> float:
    """A JSON number with a fraction or exponent; one beyond float range keeps its text (JsonFloat)."""
    value = float(text)
    return value if math.isfinite(value) else JsonFloat(value, text)


def _json_constant(name: str) -> float:
    """``NaN`` and ``Infinity`` (not JSON, but common): floats, written back as null."""
    return JsonFloat(float(name.replace("Infinity", "inf")), None)


def json_text(doc: Any) -> str:
    """``doc`` as JSON text (RFC 8259: never NaN or Infinity tokens), numbers read as text written as they were.

    :class:`JsonDigits` and :class:`JsonFloat` values are written as their
    literal numbers; a JsonFloat without text, and any other float that is
    not finite, as null.
    """
    raws: list[str] = []
    token = secrets.token_hex(8)

    def swap(o: Any) -> Any:
        if isinstance(o, dict):
            return {k: swap(v) for k, v in o.items()}
        if isinstance(o, list):
            return [swap(v) for v in o]
        if isinstance(o, JsonDigits) or (isinstance(o, JsonFloat) and o.text is not None):
            raws.append(str(o) if isinstance(o, JsonDigits) else cast(str, o.text))
            return f"\x00{token}{len(raws) - 1}\x00"
        if isinstance(o, float) and not math.isfinite(o):
            return None
        return o

    text = json.dumps(swap(doc), ensure_ascii=False, allow_nan=False)
    if raws:
        text = re.sub(rf'"\\u0000{token}(\d+)\\u0000"', lambda m: raws[int(m.group(1))], text)
    return text


def _none_mask(values: np.ndarray) -> np.ndarray:
    return np.fromiter((v is None for v in values), dtype=bool, count=values.size)


# -- sinks: every output format -------------------------------------------------------
def result_arrays(located: Located) -> list[pa.Array]:
    """The ``in_<layer>`` columns (null where a row's point is not usable) and the ``status`` column of located rows."""
    ok = located.points.ok
    rejected = None if ok.all() else ~ok
    arrays = [pa.array(located.hits[:, j], mask=rejected) for j in range(located.hits.shape[1])]
    arrays.append(_status_arrow(located))
    return arrays


def _status_arrow(located: Located) -> pa.Array:
    """The status column (:attr:`Located.status_codes`) as an Arrow string array (built through a dictionary)."""
    codes, labels = located.status_codes, located.points.labels
    present = np.flatnonzero(np.bincount(codes, minlength=256))
    index = np.searchsorted(present, codes).astype(np.int32)
    dictionary = pa.array([labels[int(c)] for c in present], type=pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(index), dictionary).cast(pa.string())


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """An error of a writer of ``path`` (a full disk, a value the format cannot hold) as an InputError naming it.

    (Inside :func:`output_file` the temporary path is reworded to the
    target's; the job's reading errors keep saying "cannot read".)
    """
    try:
        yield
    except AvzoneError:
        raise
    except (OSError, pa.ArrowException) as exc:
        raise InputError(Message("err_cannot_write", file=path, reason=one_line(exc))) from None


@contextmanager
def output_file(target: Path, input_path: Path | None = None) -> Iterator[Path]:
    """The one place a file job's output path is opened: yields the path to write.

    Writers write to the yielded path only: a temporary file beside
    ``target`` (same folder, same extension) that is renamed over it only when
    the job succeeds; on any failure or interrupt the temporary file is
    removed and ``target`` is left as it was (:func:`avzone._atomic.atomic_output`).
    A job with several outputs opens them in one
    :func:`avzone._atomic.atomic_outputs` instead, so that they are put in
    place together.
    ``input_path``, when given, must not be the same file as ``target``
    (compared by device and inode, so links of the input are refused too).
    """
    with atomic_output(target, input_path=input_path) as tmp:
        yield tmp


def written_geometry(source: Source, fmt: str) -> str | None:
    """The geometry column of ``source`` a ``fmt`` output of its rows writes anew (:func:`output_schema`), or None.

    A GeoJSON, GeoPackage or Shapefile input's geometries in any format, a GeoParquet
    input's (WKB or GeoArrow points) in CSV and GeoPackage (WKB); a Parquet output of a GeoParquet input keeps its
    geometry column as it is.
    """
    return source.geometry if source.fmt in ("geojson", *OGR_FORMATS) or fmt in ("csv", "gpkg") else None


def output_schema(
    schema: pa.Schema, fmt: str, added: list[pa.Field], geometry: str | None = None, crs: Any = None
) -> pa.Schema:
    """The schema of a ``fmt`` (``"csv"`` or ``"parquet"``) output of the rows of an input of ``schema``, with
    ``added`` columns after its own (:func:`output_names`).

    Every column of the input keeps its name, place, type, nullability
    (``not null``) and field metadata, and the schema its metadata (a
    GeoParquet ``geo``, pandas' and any other key), but for what the format
    cannot hold: the ``geometry`` column written anew (:func:`written_geometry`:
    WKB with a GeoParquet ``geo`` declaring ``crs`` in Parquet, WKT in CSV,
    where ``geo`` is dropped) and, in CSV, nested, binary, dictionary and
    duration columns as text. The local file jobs (:class:`RowsSink`) and the
    dask engine (:mod:`avzone.distributed`) write the schema this gives.
    """
    fields = list(schema)
    metadata = schema.metadata
    if fmt == "gpkg":  # (the layer's CRS and geometry column are GDAL's: :class:`GpkgWriter`)
        metadata = None
    if geometry is not None:
        gtype = pa.string() if fmt == "csv" else pa.binary()
        fields = [pa.field(f.name, gtype) if f.name == geometry else f for f in fields]
        if fmt == "parquet":
            column: dict[str, Any] = {"encoding": "WKB", "geometry_types": []}
            crs = normalize_crs(WGS84 if crs is None else crs)
            if crs != WGS84:  # the geometries are in another CRS (--crs): declared, as PROJJSON
                # (none declared means WGS84 lon/lat; gcj02 / bd09 as avzone export declares them)
                column["crs"] = declared_crs(crs).to_json_dict()
            geo = {"version": "1.0.0", "primary_column": geometry, "columns": {geometry: column}}
            metadata = {b"geo": json.dumps(geo).encode()}
        elif fmt == "csv":
            metadata = {k: v for k, v in (metadata or {}).items() if k != b"geo"} or None
    if fmt == "csv":  # nested and binary columns as text: JSON for lists/structs/maps, hex for bytes
        fields = [pa.field(f.name, pa.string()) if _csv_needs_text(f.type) else f for f in fields]
    return pa.schema(fields + _renamed(list(added), schema.names), metadata=metadata)


def declared_crs(crs: Any) -> Any:
    """The CRS an output declares for geometries in ``crs`` (None: WGS84): a :class:`pyproj.CRS`, ``gcj02`` and
    ``bd09`` as the custom CRS avzone export declares (:func:`avzone.crs.shifted_crs`)."""
    import pyproj

    crs = normalize_crs(WGS84 if crs is None else crs)
    if isinstance(crs, str) and crs != WGS84:
        return shifted_crs(crs)
    return pyproj.CRS(crs)


def _refuse_gpkg_names_alike(path: Path, names: list[str]) -> None:
    """Refuse columns a GeoPackage cannot hold as fields of one layer: two of one name, or of names that differ in
    the case of ASCII letters alone (``Name`` and ``name``: SQLite's column names are one in any such case), which
    GDAL refuses after the file was begun ("A field with the same name already exists"), naming them."""
    seen: dict[str, str] = {}
    for name in names:
        key = "".join(c.lower() if c.isascii() else c for c in name)
        if key in seen:
            if seen[key] == name:
                raise InputError(Message("err_gpkg_columns_twice", file=path, column=name))
            raise InputError(Message("err_gpkg_columns_case", file=path, first=seen[key], second=name))
        seen[key] = name


class GpkgWriter:
    """A GeoPackage output's layer, written batch by batch through GDAL (:func:`pyogrio.write_arrow`; the first
    batch creates the layer, the others are appended): the ``geometry`` column (WKB) as its geometry in
    ``crs``, the other columns as its fields; ``geometry`` None: a table of fields only (an attribute table, as
    GeoPackage holds one: an events job's summary). The one GeoPackage writer of the file jobs (``avzone locate``,
    ``avzone events``' events, summary and annotated rows, both engines).

    ``geometry_type`` is the type the input declares (GDAL's name: ``"Point"``, a GeoPackage input's own type;
    ``"Unknown"``, any geometry, when it is not known before the rows are read). GIS tools read a layer's
    declared type to know its kind, so the one the file keeps is the one of the geometries written: the layer is
    created of any type (so that GDAL neither refuses nor warns of a row of another type: a Shapefile declares
    Polygon for its MultiPolygon features too), the kinds of every batch's geometries are kept
    (:func:`wkb_kinds`) and, when the layer is complete, declared (:func:`declare_gpkg_geometry_type`): a
    GeoParquet input whose ``geo`` metadata lists no type, or a Shapefile of Polygon and MultiPolygon features,
    is a layer of the type its rows have; a layer of no geometry, of the type the input declares. A row without
    a geometry (a gap event, a row that could not be placed) is written with none, whatever the type.
    """

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        geometry: str | None,
        crs: Any,
        layer: str,
        geometry_type: str = "Unknown",
        fid: str | None = None,
    ):
        self.path, self.geometry, self.geometry_type = path, geometry, geometry_type
        _refuse_gpkg_names_alike(path, schema.names)
        self.layer = gpkg_layer_name(layer)
        # columns GDAL would refuse (durations, decimals of over 19 digits) or change (an unsigned 64-bit integer
        # becomes a float, 2^64 - 1 written 1.8446744073709552e19; a decimal of over 15 digits a float too; a
        # struct one field per member) are written as text that holds them exactly: durations ISO 8601
        # (P0DT0H0M5S, as in CSV), the numbers in digits, structs as JSON
        self.as_text = {i for i, f in enumerate(schema) if f.name != geometry and _gpkg_needs_text(f.type)}
        #: those columns and their types, by name, for the note of the job (:func:`gpkg_text_note`)
        self.text_columns = {schema.names[i]: schema.field(i).type for i in sorted(self.as_text)}
        # columns cast to a type GDAL takes, their values the same (_gpkg_cast: times in UTC, text views as text)
        self.cast = {i: t for i, f in enumerate(schema) if i not in self.as_text and (t := _gpkg_cast(f.type))}
        self.schema = pa.schema(
            [
                f.with_type(pa.string()) if i in self.as_text else f.with_type(self.cast[i]) if i in self.cast else f
                for i, f in enumerate(schema)
            ],
            metadata=schema.metadata,
        )
        self.crs = None if geometry is None else declared_crs(crs).to_wkt()
        self.started = False
        self.kinds: set[tuple[int, bool, bool]] = set()  # the kinds of the geometries written (:func:`wkb_kinds`)
        # the float fields' -0.0 values, which GeoPackage (SQLite, whose REAL column stores a whole number as an
        # integer) reads back as 0.0: how many in each column, for the note of the job (gpkg_zeros_note)
        self.floats = [i for i, f in enumerate(self.schema) if f.name != geometry and pa.types.is_floating(f.type)]
        self.negative_zeros: Counter[str] = Counter()
        # the layer's geometry column keeps its column's name, and its feature ids go to a column no field has in
        # any case: a field named geom or fid (GDAL's defaults) is then written as the other fields are; a
        # GeoPackage input's feature ids (``fid``: its column of them) are the layer's, each feature's kept
        self.options = {"FID": fid or output_names(schema.names, ["fid"])[0]}
        if geometry is not None:
            self.options["GEOMETRY_NAME"] = geometry

    def write(self, batch: pa.RecordBatch) -> None:
        """Write ``batch``'s rows; GDAL's refusal (a field it cannot create, a full disk) as an InputError naming
        the file and saying GDAL's reason (:func:`writing`), the one message of it (:func:`_gdal_errors_raised_only`:
        in any thread, the writer's of :class:`_TableWriter` too)."""
        import pyogrio
        import pyogrio.errors

        _gdal_errors_raised_only()
        try:
            self._write(batch)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise InputError(Message("err_cannot_write", file=self.path, reason=one_line(exc))) from None

    def _write(self, batch: pa.RecordBatch) -> None:
        import pyogrio

        if self.as_text or self.cast:
            columns = [
                _text_column(c) if i in self.as_text else c.cast(self.cast[i]) if i in self.cast else c
                for i, c in enumerate(batch.columns)
            ]
            batch = pa.RecordBatch.from_arrays(columns, schema=self.schema)
        if self.geometry is not None:
            self.kinds |= wkb_kinds(batch.column(self.geometry))
        for i in self.floats:
            if n := negative_zeros(batch.column(i)):
                self.negative_zeros[self.schema.names[i]] += n
        pyogrio.write_arrow(
            pa.Table.from_batches([batch], schema=self.schema), self.path, layer=self.layer, driver="GPKG",
            geometry_name=self.geometry, geometry_type=None if self.geometry is None else self._created_type(),
            crs=self.crs, append=self.started, layer_options=None if self.started else self.options,
        )  # fmt: skip
        self.started = True

    def _created_type(self) -> str:
        """The type the layer is created with: any (``Unknown``), declared when it is written (:meth:`close`);
        a measured type as the input declares it (GeoPackage names it otherwise: GDAL's declaration stays)."""
        return self.geometry_type if gdal_type_kinds(self.geometry_type) is None else "Unknown"

    def close(self) -> None:
        """Create the layer if no row was written (its fields all the same), and declare the geometry type of the
        rows written (:func:`declare_gpkg_geometry_type`: before the output is renamed into place), or, when no
        row has a geometry, the input's."""
        if not self.started:  # no rows: the layer and its fields all the same
            self.write(pa.RecordBatch.from_pylist([], schema=self.schema))
        if self.geometry is not None:
            kinds = self.kinds or gdal_type_kinds(self.geometry_type) or set()
            declare_gpkg_geometry_type(self.path, self.layer, self.geometry, kinds)


def negative_zeros(col: pa.Array) -> int:
    """How many values of the float column ``col`` are -0.0 (nulls none)."""
    values = col.to_numpy(zero_copy_only=False)
    return int(np.count_nonzero((values == 0) & np.signbit(values)))


def gpkg_zeros_note(path: str | Path, zeros: Mapping[str, int]) -> Message | None:
    """The note of a GeoPackage output's -0.0 values (``zeros``: how many in each column, as
    :attr:`GpkgWriter.negative_zeros` counts them), written as 0.0 (SQLite keeps no sign of a zero in a REAL
    column), naming the file, the columns and how many; None when there is none."""
    if not zeros:
        return None
    n = f"{sum(zeros.values()):,}"
    return Message("note_gpkg_negative_zero", file=path, n=n, columns=Joined(list(zeros), "comma"))


def gpkg_text_note(path: str | Path | None, columns: Mapping[str, pa.DataType]) -> Message | None:
    """The note of a GeoPackage output at ``path`` whose ``columns`` (name: the input's type) are of a type a
    GeoPackage cannot hold (:func:`_gpkg_needs_text`: an unsigned 64-bit integer, a duration, a decimal of more
    than 15 digits, a struct), which :class:`GpkgWriter` writes as text, every digit kept: naming the file, the
    columns and their types, and that Parquet keeps them; None when ``path`` is no ``.gpkg`` or no column is of such
    a type. The one note of every job writing a GeoPackage (``avzone locate``, ``avzone events``, both engines).

    >>> print(gpkg_text_note("u.gpkg", {"k": pa.uint64(), "x": pa.float64()}))  # doctest: +ELLIPSIS
    u.gpkg: ... as text, every digit kept (...): 'k' (uint64); ... write Parquet (.parquet), which keeps their types
    >>> gpkg_text_note("u.parquet", {"k": pa.uint64()}) is None, gpkg_text_note("u.gpkg", {"x": pa.int64()}) is None
    (True, True)
    """
    if path is None or Path(str(path).rstrip("/")).suffix.lower() != ".gpkg":
        return None
    named = [f"{name!r} ({t})" for name, t in columns.items() if _gpkg_needs_text(t)]
    if not named:
        return None
    return Message("note_gpkg_text", file=path, columns=Joined(named, "comma"))


def output_notes(sink: Any, target: str | Path) -> list[Message]:
    """The summary's notes of what an output of rows (written to ``target``) could not hold as given: GeoJSON
    geometries a Parquet output's WKB cannot hold (:func:`unwritten_note`), a GeoPackage's -0.0 values
    (:func:`gpkg_zeros_note`) and the columns it holds as text (:func:`gpkg_text_note`)."""
    notes = [
        unwritten_note(sink),
        gpkg_zeros_note(target, getattr(sink, "negative_zeros", {})),
        gpkg_text_note(target, getattr(sink, "text_columns", {})),
    ]
    return [n for n in notes if n is not None]


def gdal_type_kinds(name: str) -> set[tuple[int, bool, bool]] | None:
    """The kinds (:func:`wkb_kinds`) of a geometry type as GDAL names it (``"Point"``, ``"MultiPolygon Z"``,
    ``"3D Point"``): empty for any type (``"Unknown"``, ``"Geometry"``); None for a type GeoPackage names
    otherwise (measured, a curve), which :func:`declare_gpkg_geometry_type` does not declare.

    >>> [gdal_type_kinds(n) for n in ("MultiPolygon", "3D Point", "Unknown", "Point M")]
    [{(6, False, False)}, {(1, True, False)}, set(), None]
    """
    words = name.upper().replace("3D ", "").split()
    z = name.upper().startswith("3D ") or words[1:] == ["Z"]
    if not words or words[0] in ("UNKNOWN", "GEOMETRY"):
        return set()
    codes = {v: k for k, v in _GPKG_TYPE_NAMES.items()}
    if words[0] not in codes or words[1:] not in ([], ["Z"]):
        return None
    return {(codes[words[0]], bool(z), False)}


#: The WKB geometry type codes GeoPackage names a geometry column's type by (``gpkg_geometry_columns``).
_GPKG_TYPE_NAMES = {
    1: "POINT", 2: "LINESTRING", 3: "POLYGON", 4: "MULTIPOINT", 5: "MULTILINESTRING", 6: "MULTIPOLYGON",
    7: "GEOMETRYCOLLECTION",
}  # fmt: skip


def wkb_kinds(col: pa.Array) -> set[tuple[int, bool, bool]]:
    """The kinds of the WKB geometries of ``col`` (nulls left out), from each value's header: ``(type, z, m)``,
    the type the WKB code (1 Point to 7 GeometryCollection; 0 a value too short to hold a header, of no byte
    order or of no code WKB has), with whether it has a z and an m (ISO codes, 1001 Point Z, and extended ones,
    the 0x80000000 and 0x40000000 flags, both read: shapely and GDAL write either). The header is what GDAL reads
    a geometry's type from, and reading it alone is cheap (no geometry is parsed).

    >>> sorted(wkb_kinds(pa.array([shapely.to_wkb(shapely.Point(1, 2)), None, shapely.to_wkb(shapely.Point(1, 2, 3))])))
    [(1, False, False), (1, True, False)]
    """
    if pa.types.is_large_binary(col.type):
        offset_type: Any = np.int64
    elif pa.types.is_binary(col.type):
        offset_type = np.int32
    else:
        col = col.cast(pa.binary())
        offset_type = np.int32
    if col.null_count:
        col = col.drop_null()
    if len(col) == 0:
        return set()
    buffers = col.buffers()
    offsets = np.frombuffer(buffers[1], dtype=offset_type)[col.offset : col.offset + len(col) + 1]
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    starts = offsets[:-1]
    whole = np.diff(offsets) >= 5
    if not whole.any():  # (no value holds a header)
        return {(0, False, False)}
    at = np.where(whole, starts, 0)  # (a short value's bytes read at 0, never used)
    order = np.take(data, at, mode="clip")
    whole &= order <= 1  # (0 big-endian, 1 little-endian: another byte is no WKB)
    b1, b2, b3, b4 = (np.take(data, at + k, mode="clip").astype(np.uint32) for k in range(1, 5))
    code = np.where(order == 1, b1 | b2 << 8 | b3 << 16 | b4 << 24, b4 | b3 << 8 | b2 << 16 | b1 << 24)
    iso = code & 0x0FFFFFFF
    whole &= iso < 4000  # (ISO codes: the type, plus 1000 for z, 2000 for m, 3000 for both)
    dims = iso // 1000
    z = ((code & 0x80000000) != 0) | (dims == 1) | (dims == 3)
    m = ((code & 0x40000000) != 0) | (dims == 2) | (dims == 3)
    kind = np.where(whole, (iso % 1000).astype(np.int64) * 4 + z * 2 + m, 0)  # (under 4,000: counted, not sorted)
    return {(int(k) // 4, bool(k & 2), bool(k & 1)) for k in np.flatnonzero(np.bincount(kind))}


def declare_gpkg_geometry_type(path: Path, layer: str, column: str, kinds: set[tuple[int, bool, bool]]) -> None:
    """Declare, in the GeoPackage ``path``, the geometry type of the geometries of kinds ``kinds``
    (:func:`wkb_kinds`) that the column ``column`` of the layer ``layer`` holds: the one type they all have
    (``POINT`` with ``z`` 1 for 3D points, which GDAL reads as ``Point Z``), ``GEOMETRY`` (any type, GDAL's
    ``Unknown``) when types or 2D and 3D geometries mix (``z`` 2 when some have a z, as GDAL declares them).

    The one place the file jobs' GeoPackage layers get their type (:class:`GpkgWriter`, both engines): GDAL
    creates a layer with the type known when its first rows are written, and a streamed input's types are known
    only once every row is. A layer of no geometries keeps the type it was created with, and so does one holding
    a kind GeoPackage names otherwise (a curve, a measured geometry): GDAL's own declaration.

    The type is declared where GeoPackage keeps it, in both places that must agree (GeoPackage requirement 31,
    which GDAL checks on reading): the layer's row of ``gpkg_geometry_columns`` and the geometry column's type in
    the table's ``CREATE TABLE`` statement, the one edit SQLite's ALTER TABLE cannot make, made as SQLite documents
    it for a change that leaves the stored rows as they are (``writable_schema``, the schema version raised, the
    schema read anew). The geometries stay blobs whatever the column's type; the layer's rows, its spatial
    index and GDAL's triggers on them are left as they are (none depends on the declared type). Where the
    statement does not name the column as GDAL writes it, nothing is changed (GDAL's declaration stays whole).
    """
    import sqlite3
    from contextlib import closing

    if not kinds or any(t not in _GPKG_TYPE_NAMES or m for t, _, m in kinds):
        return
    types = {t for t, _, _ in kinds}
    with_z = {z for _, z, _ in kinds}
    if len(kinds) == 1:
        name, z = _GPKG_TYPE_NAMES[types.pop()], int(with_z.pop())
    else:  # (GDAL reads GEOMETRY with z 1 as a type it has no name for: 2, "some may have a z", as GDAL writes it)
        name, z = "GEOMETRY", 2 if True in with_z else 0
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as db:
            row = db.execute(
                "SELECT g.table_name, g.column_name, g.geometry_type_name, g.z, g.m, t.sql"
                " FROM gpkg_geometry_columns g JOIN sqlite_master t ON t.type = 'table' AND t.name = g.table_name"
                " WHERE g.table_name = ? COLLATE NOCASE AND g.column_name = ? COLLATE NOCASE",
                (layer, column),
            ).fetchone()
            if row is None:  # (GDAL wrote the layer under another name: never left declared wrongly unseen)
                reason = Message("reason_gpkg_no_geometry_column", column=column, layer=layer)
                raise InputError(Message("err_cannot_write", file=path, reason=reason))
            table, geom, old, old_z, old_m, sql = row
            if (old.upper(), old_z, old_m) == (name, z, 0):
                return
            if old.upper() != name:
                quoted = _sql_name(geom)
                # the column's definition: after the opening bracket or a comma (a quote inside a name is doubled)
                found = list(re.finditer(rf"(?<=[(,])(\s*{re.escape(quoted)}\s+){re.escape(old)}\b", sql, re.I))
                if len(found) != 1:
                    return
                sql = sql[: found[0].start()] + found[0].group(1) + name + sql[found[0].end() :]
            db.execute("BEGIN IMMEDIATE")
            try:
                if old.upper() != name:
                    version = db.execute("PRAGMA schema_version").fetchone()[0]
                    db.execute("PRAGMA writable_schema = ON")
                    db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table))
                    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
                    db.execute("PRAGMA writable_schema = OFF")
                db.execute(
                    "UPDATE gpkg_geometry_columns SET geometry_type_name = ?, z = ?, m = 0"
                    " WHERE table_name = ? AND column_name = ?",
                    (name, z, table, geom),
                )
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        with closing(sqlite3.connect(path)) as db:  # (anew: the schema as read from the file parses, as declared)
            declared = [row[2] for row in db.execute(f"PRAGMA table_info({_sql_name(table)})") if row[1] == geom]
            if declared != [name]:
                where = f"{layer}.{column}"
                reason = (
                    Message("reason_gpkg_declared", where=where, declared=declared[0], type=name)
                    if declared
                    else Message("reason_gpkg_declared_nothing", where=where, type=name)
                )
                raise InputError(Message("err_cannot_write", file=path, reason=reason))
    except sqlite3.Error as exc:
        raise InputError(Message("err_cannot_write", file=path, reason=one_line(exc))) from None


def _sql_name(name: str) -> str:
    """``name`` as an SQL identifier, quoted (a quote in it doubled).

    >>> _sql_name('a"b')
    '"a""b"'
    """
    return '"' + name.replace('"', '""') + '"'


def gpkg_layer_name(name: str) -> str:
    """A GeoPackage layer's name for ``name`` (an output file's or input layer's name): ``name`` itself, but for
    the names GeoPackage and SQLite keep for their own tables (starting with ``gpkg`` or ``sqlite_`` in any case),
    which GDAL refuses to create, and no name: those get ``layer_`` before them (``gpkg_points.gpkg``'s layer is
    ``layer_gpkg_points``), so that a file of such a name is written as any other.

    >>> gpkg_layer_name("located"), gpkg_layer_name("GPKG_points"), gpkg_layer_name("sqlite_x"), gpkg_layer_name("")
    ('located', 'layer_GPKG_points', 'layer_sqlite_x', 'layer')
    """
    if not name:
        return "layer"
    return f"layer_{name}" if name.lower().startswith(("gpkg", "sqlite_")) else name


def _gpkg_cast(t: pa.DataType) -> pa.DataType | None:
    """The type a GeoPackage (GDAL) column of type ``t`` is written in, holding the same values, or None (``t``):
    times with a zone in UTC, the one zone the GeoPackage standard stores (GDAL writes another zone's offset, which
    readers warn is not conformant): the same instants; Arrow's text and bytes views (which GDAL refuses) as text
    and bytes; times of day as their text (``08:00:00.123456``: GDAL stores them as text, cut to the millisecond);
    a column of Arrow's null type (all values missing, which GDAL refuses) as text, all empty."""
    if pa.types.is_timestamp(t) and t.tz is not None and t.tz != "UTC":
        return pa.timestamp(t.unit, "UTC")
    if _is_view(t, "string"):
        return pa.string()
    if _is_view(t, "binary"):
        return pa.binary()
    if pa.types.is_time(t):  # (GDAL writes a time of day as text cut to the millisecond: every digit as text)
        return pa.string()
    if pa.types.is_null(t):  # (a column of no value, as pyarrow types a pandas column of None: GDAL has no such type)
        return pa.string()
    return None


#: Whether :func:`_gdal_errors_raised_only` has run in a thread (``handled``).
_GDAL_THREAD = threading.local()


def _gdal_errors_raised_only() -> None:
    """pyogrio's GDAL error handler installed in this thread, once: GDAL's failures then reach avzone only as
    pyogrio's exceptions (which carry GDAL's reason), not also as the ``ERROR 1: ...`` lines GDAL's default handler
    prints to stderr.

    GDAL keeps its error handlers per thread, and pyogrio installs its own (which prints no failure: it raises them)
    at import, in the importing thread only (``pyogrio._err._register_error_handler``, no public API: pyogrio 0.12
    and 0.13 have it; without it GDAL's line is printed as before). A GeoPackage is written in :class:`_TableWriter`'s
    thread, and an output of no rows in the caller's, which lacks the handler too when pyogrio was first imported in
    another thread.
    """
    if getattr(_GDAL_THREAD, "handled", False):
        return
    _GDAL_THREAD.handled = True
    try:
        from pyogrio._err import _register_error_handler
    except ImportError:  # (another pyogrio: GDAL's line printed, the refusal the same)
        return
    _register_error_handler()


#: The most digits of a decimal a GeoPackage's REAL (a float64) holds exactly, whatever their place: a decimal
#: of 15 significant digits reads back as itself (DBL_DIG); of 16 or more, GDAL's REAL would change it
#: (``1234567890123456.78``, decimal(18, 2), read back as 1234567890123456.75).
GPKG_REAL_DIGITS = 15


def _gpkg_needs_text(t: pa.DataType) -> bool:
    """Whether a GeoPackage (GDAL) cannot hold a column of type ``t`` exactly: a duration, an unsigned 64-bit
    integer (GDAL's are signed), a decimal of more digits than a REAL holds (:data:`GPKG_REAL_DIGITS`), a struct
    (which GDAL would split into one field per member, ``st.a`` and ``st.b``, a null struct then as a struct of
    nulls: written as JSON text, as in CSV)."""
    return bool(
        pa.types.is_duration(t)
        or pa.types.is_uint64(t)
        or (pa.types.is_decimal(t) and getattr(t, "precision", 0) > GPKG_REAL_DIGITS)
        or pa.types.is_struct(t)
    )


class RowsSink:
    """CSV or Parquet output: the input's rows and columns plus ``added`` columns, streamed batch by batch.

    A geometry column goes where the format can hold it: a GeoJSON input's
    geometries (GeoJSON text) and a GeoParquet input's (WKB or GeoArrow
    points) are written as WKT to CSV, and so are the other WKB columns a
    GeoParquet input's ``geo`` lists; to Parquet, a GeoJSON input's as WKB
    with GeoParquet metadata, a GeoParquet input's as they are (its
    encoding and ``geo`` metadata kept); in CSV,
    binary columns are hex, lists, structs and maps JSON text and durations
    ISO 8601 (``P0DT1H30M0S``). A CSV
    output is written in ``encoding`` (:func:`output_encoding`), with
    ``dialect``'s delimiter and line ending (:func:`output_dialect`), and a
    CSV input's cells quoted as they were (:class:`CsvWriter`).
    """

    def __init__(
        self,
        path: Path,
        fmt: str,
        source: Source,
        added: list[pa.Field],
        encoding: str | None = None,
        dialect: CsvDialect | None = None,
    ):
        self.fmt = fmt
        self.geometry = written_geometry(source, fmt)
        self.optional = (  # a GeoArrow point's NaN z or m that is no coordinate (:func:`geoarrow_optional_dims`)
            geoarrow_optional_dims(source.schema, self.geometry) if self.geometry is not None else frozenset()
        )
        self.geometry_text = source.fmt == "geojson"
        self.schema = output_schema(source.schema, fmt, added, self.geometry, source.crs)
        # a GeoParquet input's other WKB columns (or all, its points read from --lon-col columns): WKT in CSV too
        self.wkb_columns = _other_wkb_columns(source.schema, self.geometry) if fmt == "csv" else []
        if fmt == "csv":  # nested and binary columns as text: JSON for lists/structs/maps, hex for bytes
            self.as_text = {
                i
                for i, f in enumerate(source.schema)
                if f.name != self.geometry and f.name not in self.wkb_columns and _csv_needs_text(f.type)
            }
        else:
            self.as_text = set()
        # a GeoPackage of rows whose points come from coordinate columns (a CSV's): each row a point at its WGS84
        # position (null when it has none), as a GeoJSON output's features, in a geometry column of its own
        self.points_column: str | None = None
        if fmt == "gpkg" and self.geometry is None:
            self.points_column = output_names(self.schema.names, ["geometry"])[0]
            self.schema = self.schema.append(pa.field(self.points_column, pa.binary()))
        twice = [name for name, k in Counter(self.schema.names).items() if k > 1]
        if twice and fmt == "parquet":  # pyarrow writes it, but pandas.read_parquet and pq.read_table cannot read it
            raise InputError(Message("err_parquet_columns_twice", file=path, column=twice[0]))
        self.path = path
        self.rows = 0  # rows written so far
        self.aborted = False  # (:meth:`abort` called)
        self.n_unwritten = 0  # GeoJSON geometries WKB cannot hold, written as null (unwritten_note)
        self.unwritten: list[tuple[int, str]] = []  # the first of them: its row and GeoJSON text
        self.line_ends = source.line_ends if fmt == "csv" else None
        # a CSV input written back with its delimiter: its rows as written, then the added cells
        same = dialect is not None and source.dialect is not None and dialect.delimiter == source.dialect.delimiter
        raw = source.raw_lines if fmt == "csv" and source.fmt == "csv" and same and not self.as_text else None
        self.raw_lines = raw
        if raw is not None:
            raw.keep()
        with writing(path):
            quoting = dialect.quoting if dialect is not None and source.fmt == "csv" else None  # the input's quotes
            gpkg = None
            if fmt == "gpkg":
                layer = source.layer or source.path.stem
                gpkg = (
                    (self.geometry, source.crs, layer, source.geometry_type or "Unknown", source.fid)
                    if self.points_column is None
                    else (self.points_column, WGS84, layer, "Point", source.fid)
                )
            self._writer = _TableWriter(
                path, fmt, self.schema, encoding=encoding, dialect=dialect, quoting=quoting, tail=source.tail, gpkg=gpkg
            )

    def _columns(self, columns: pa.RecordBatch) -> list[pa.Array]:
        cols = list(columns.columns)
        if self.geometry is not None:
            i = columns.schema.get_field_index(self.geometry)
            raw = geometry_wkb(columns.column(i), self.optional).to_pylist()  # (GeoArrow points as WKB)
            if self.geometry_text:
                geoms = np.array([None if t is None else _geojson_geometry(t) for t in raw], dtype=object)
            else:
                geoms = shapely.from_wkb(np.array(raw, dtype=object), on_invalid="ignore")
            # geometries GEOS does not read (GeoJSON no WKT or WKB holds, damaged WKB): kept, never emptied
            unread = [k for k, (t, g) in enumerate(zip(raw, geoms)) if t is not None and g is None]
            if self.fmt != "csv":  # WKB (null: the summary notes them, unwritten_note)
                self.unwritten += [(self.rows + k, raw[k]) for k in unread[: 1 - len(self.unwritten)]]
                self.n_unwritten += len(unread)
                cols[i] = pa.array(shapely.to_wkb(geoms).tolist(), pa.binary())
            else:
                wkt = shapely.to_wkt(geoms, rounding_precision=-1).tolist()
                for k in unread:  # kept as the input gives it (bytes in hex, as CSV outputs write them)
                    wkt[k] = raw[k] if isinstance(raw[k], str) else _text_cell(raw[k])
                cols[i] = pa.array(wkt, pa.string())
        for name in self.wkb_columns:
            i = columns.schema.get_field_index(name)
            cols[i] = pa.array(_wkb_wkt(cols[i].to_pylist()), pa.string())
        for i in self.as_text:
            if not (self.geometry is not None and columns.schema.names[i] == self.geometry):
                cols[i] = _text_column(cols[i])
        return cols

    def write_rows(self, chunk: Chunk, added: list[pa.Array], points: Points | None = None) -> None:
        """One chunk's rows with the values of the added columns; in a GeoPackage of a coordinate columns' rows,
        each at its WGS84 point (``points``, default the chunk's: :func:`point_wkb`)."""
        if self.points_column is not None:
            pts = chunk.points if points is None else points
            added = [*added, point_wkb(pts.lon, pts.lat, pts.ok)]
        self.write_batch(chunk.columns, added, chunk.line_ends)

    def write_batch(self, columns: pa.RecordBatch, added: list[pa.Array], line_ends: np.ndarray | None = None) -> None:
        """Rows of the input's ``columns`` (in its schema) with the values of the added columns (and, in a GeoPackage
        of a coordinate columns' rows, their points last: :meth:`write_rows`), in input order."""
        batch = pa.RecordBatch.from_arrays(self._columns(columns) + added, schema=self.schema)
        self.rows += batch.num_rows
        with writing(self.path):
            raw = self.raw_lines.take(columns) if self.raw_lines is not None else None  # (chunks in order)
            self._writer.write(batch, line_ends, raw)

    @property
    def negative_zeros(self) -> Mapping[str, int]:
        """A GeoPackage output's -0.0 values written so far, how many in each column (:class:`GpkgWriter`)."""
        w = self._writer._w
        return w.negative_zeros if isinstance(w, GpkgWriter) else {}

    @property
    def text_columns(self) -> Mapping[str, pa.DataType]:
        """A GeoPackage output's columns written as text, by name, of the input's type (:class:`GpkgWriter`)."""
        w = self._writer._w
        return w.text_columns if isinstance(w, GpkgWriter) else {}

    def close(self) -> None:
        watch = self.line_ends
        unterminated = watch is not None and watch.unterminated and not watch.mixed  # (mixed: each row's own)
        if self.raw_lines is not None:
            self.raw_lines.close()
        with writing(self.path):
            self._writer.close(unterminated)

    def abort(self) -> None:
        """Stop after a failure (what was written stays until the output is made atomic)."""
        if self.aborted:  # (released already: :func:`_released`)
            return
        self.aborted = True
        if self.raw_lines is not None:
            self.raw_lines.close()
        try:
            self._writer.close(aborted=True)
        except Exception:  # the job's own error is the one to report
            pass


def locate_fields(zones: list[str], extra: list[pa.Field] | None = None) -> list[pa.Field]:
    """The columns the locate job adds to the input's, in order: ``in_<layer>`` for each of ``zones``, ``extra``
    (a time column's, :func:`time_job_fields`), ``status`` (before :func:`output_names` renames any)."""
    return [pa.field(f"in_{z}", pa.bool_()) for z in zones] + list(extra or []) + [pa.field("status", pa.string())]


class TableSink(RowsSink):
    """The locate job's CSV or Parquet output: the input's rows and columns, ``in_<layer>``, ``extra``, ``status``."""

    def __init__(
        self,
        path: Path,
        fmt: str,
        source: Source,
        model: Model,
        encoding: str | None = None,
        extra: list[pa.Field] | None = None,
        dialect: CsvDialect | None = None,
    ):
        super().__init__(path, fmt, source, locate_fields(model.zone_layers, extra), encoding=encoding, dialect=dialect)

    def write(self, chunk: Chunk, located: Located, extra: list[pa.Array] | None = None) -> None:
        results = result_arrays(located)
        results[-1:-1] = extra or []  # before the status column
        self.write_rows(chunk, results, located.points)  # (in a GeoPackage, each row at its located point)


def point_wkb(lon: np.ndarray, lat: np.ndarray, usable: np.ndarray) -> pa.Array:
    """WKB points at ``lon``, ``lat`` (WGS84) where ``usable``, else null: the geometries of a GeoPackage of rows
    whose points come from coordinate columns (:class:`RowsSink`) and of the events' crossings (a gap event has
    none)."""
    geoms = np.asarray(shapely.points(lon, lat), dtype=object)
    geoms[~np.asarray(usable, dtype=bool)] = None
    return pa.array(np.asarray(shapely.to_wkb(geoms), dtype=object).tolist(), pa.binary())


def _wkb_wkt(raw: list[Any]) -> list[str | None]:
    """WKB values as WKT (in the column's own CRS); null stays null, damaged WKB its bytes in hex (as the geometry
    column's)."""
    geoms = shapely.from_wkb(np.array(raw, dtype=object), on_invalid="ignore")
    wkt = shapely.to_wkt(geoms, rounding_precision=-1).tolist()
    for k in [k for k, (b, g) in enumerate(zip(raw, geoms)) if b is not None and g is None]:
        wkt[k] = _text_cell(raw[k])
    return list(wkt)


def _other_wkb_columns(schema: pa.Schema, geometry: str | None) -> list[str]:
    """The WKB columns a GeoParquet ``schema``'s ``geo`` metadata lists, but ``geometry`` (written anew already):
    a second geometry column, or the primary one when the points come from ``--lon-col`` / ``--lat-col``."""
    try:
        columns = json.loads((schema.metadata or {})[b"geo"])["columns"]
        listed = [name for name, info in columns.items() if str(info.get("encoding", "WKB")).lower() == "wkb"]
    except (KeyError, ValueError, TypeError, AttributeError):  # (no geo metadata, or none that says)
        return []
    binary = (pa.types.is_binary, pa.types.is_large_binary)
    return [
        name
        for name in listed
        if name != geometry and name in schema.names and any(is_(schema.field(name).type) for is_ in binary)
    ]


def _csv_needs_text(t: pa.DataType) -> bool:
    """Whether the CSV writer cannot write a column of type ``t`` as it is."""
    return bool(
        pa.types.is_nested(t)
        or pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_fixed_size_binary(t)
        or _is_view(t, "binary")  # (bytes as hex, as binary's; a cast to text would write them raw)
        or isinstance(t, pa.BaseExtensionType)  # (arrow.uuid: its 16 bytes were written raw, NULs and all)
        or pa.types.is_dictionary(t)
        or pa.types.is_duration(t)  # (the writer would write a bare count of its unit)
    )


def _is_view(t: pa.DataType, kind: str) -> bool:
    """Whether ``t`` is Arrow's ``string_view`` (``kind`` "string") or ``binary_view`` ("binary"), which
    pyarrow's ``is_string`` and ``is_binary`` do not count (and pyarrow before 16 does not have)."""
    test = getattr(pa.types, f"is_{kind}_view", None)
    return bool(test is not None and test(t))


def _text_column(col: pa.Array) -> pa.Array:
    """A column the CSV writer cannot write as text: JSON for lists, structs and maps, hex for bytes, ISO 8601 for
    durations (``P0DT1H30M0S``, as in GeoJSON); nulls kept."""
    return pa.array([_text_cell(v) for v in col.to_pylist()], pa.string())


def _text_cell(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, decimal.Decimal)) and not isinstance(v, bool):  # (numbers in digits, exactly)
        return str(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, (dt.timedelta, uuid.UUID)):
        return str(_jsonable(v))
    return json.dumps(_jsonable_deep(v), ensure_ascii=False)


def _jsonable_deep(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable_deep(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable_deep(x) for x in v]
    return _jsonable(v)


def unwritten_note(sink: Any) -> Message | None:
    """The summary's note of the GeoJSON geometries a Parquet output's WKB could not hold (null there), if any."""
    if not getattr(sink, "n_unwritten", 0):
        return None
    row, text = sink.unwritten[0]
    try:
        shapely.from_geojson(text)
        reason = "?"
    except shapely.errors.GEOSException as exc:
        reason = str(exc).split(": ", 1)[-1]
    return Message("note_geometry_unwritten", n=f"{sink.n_unwritten:,}", row=row, text=_clip(text), reason=reason)


def _geojson_geometry(text: str) -> Any:
    try:
        return shapely.from_geojson(text)
    except shapely.errors.GEOSException:
        return None


class GeoJSONSink:
    """GeoJSON output: a FeatureCollection written when the job closes (not streamed).

    A GeoJSON input's features are kept as they are (geometry, id, foreign
    members) with the results added to their properties; rows of other
    formats become Point features at their WGS84 position, their columns as
    properties (a GeoParquet point's z kept as its third number; its other
    WKB columns as WKT, as in CSV). A row with
    no usable point gets a null geometry, but a GeoParquet row keeps its
    geometry (a polygon, a swapped point), in WGS84.
    """

    def __init__(self, path: Path, source: Source, model: Model, extra: list[pa.Field] | None = None):
        self.path, self.source, self.zones = path, source, list(model.zone_layers)
        self.features: list[dict[str, Any]] = []
        added = [f"in_{z}" for z in self.zones] + (list(_TIME_FIELD_NAMES) if extra else []) + ["status"]
        self.names = dict(zip(added, output_names(source.schema.names, added)))  # (beside the input's own)
        seen = Counter(source.schema.names)
        twice = [name for name, k in seen.items() if k > 1]
        if twice and source.fmt != "geojson":  # (a GeoJSON input's properties have distinct names)
            raise InputError(Message("err_geojson_columns_twice", file=path, column=twice[0]))
        # a GeoParquet input's other WKB columns (or all, its points read from --lon-col columns): WKT properties,
        # as a CSV output writes them, not the bytes in hex
        parquet = source.fmt == "parquet"  # (GeoParquet's 'geo' names them)
        self.wkb_columns = _other_wkb_columns(source.schema, source.geometry) if parquet else []
        # float32 and float16 columns, whose numbers are written as their shortest text (_short_floats)
        self._short_floats = [
            f.name for f in source.schema if pa.types.is_float32(f.type) or pa.types.is_float16(f.type)
        ]

    def write(self, chunk: Chunk, located: Located, extra: list[pa.Array] | None = None) -> None:
        extra_cols = [c.to_pylist() for c in extra or []]
        extra_names = list(_TIME_FIELD_NAMES) if extra else []
        pts = located.points
        ok = pts.ok.tolist()
        hits = located.hits.tolist()
        status = located.status_text().tolist()
        lon, lat = pts.lon.tolist(), pts.lat.tolist()
        geoparquet = self.source.fmt in WKB_FORMATS and self.source.geometry is not None  # (a GeoPackage's too)
        skip = {self.source.geometry} if self.source.fmt in WKB_FORMATS else set()
        rows = chunk.columns.to_pylist() if chunk.features is None else []
        for name in self._short_floats if rows else ():  # float32 0.1 as 0.1, as CSV writes it, not 0.10000000149011612
            for row, value in zip(rows, _short_floats(chunk.columns.column(name))):
                row[name] = value
        for name in self.wkb_columns:
            for row, wkt in zip(rows, _wkb_wkt([row[name] for row in rows])):
                row[name] = wkt
        column = self.source.geometry if geoparquet else None
        optional = geoarrow_optional_dims(self.source.schema, column) if column is not None else frozenset()
        wkb = geometry_wkb(chunk.columns.column(column), optional).to_pylist() if column is not None else []
        # a GeoParquet point's height, kept beside its WGS84 lon/lat as GeoJSON's third number (NaN: none)
        height = _point_heights(wkb) if wkb else []
        for i in range(len(pts)):
            if chunk.features is not None:
                feat = dict(chunk.features[i])
                props = dict(_feature_properties(feat))
            else:
                props = {k: _jsonable_deep(v) for k, v in rows[i].items() if k not in skip}
                has_z = bool(height) and math.isfinite(height[i])
                xyz = [lon[i], lat[i], height[i]] if has_z else [lon[i], lat[i]]
                geom = {"type": "Point", "coordinates": xyz} if ok[i] else None
                if geom is None and geoparquet:  # the row's only copy of its place (a polygon, a swapped point)
                    geom = _wgs84_geometry(wkb[i], pts.crs)
                feat = {"type": "Feature", "geometry": geom}
            for j, z in enumerate(self.zones):
                props[self.names[f"in_{z}"]] = hits[i][j] if ok[i] else None
            for name, col in zip(extra_names, extra_cols):
                props[self.names[name]] = col[i]
            props[self.names["status"]] = status[i]
            feat["properties"] = props
            self.features.append(feat)

    def abort(self) -> None:
        """Stop after a failure: nothing is written."""
        self.features = []

    def close(self) -> None:
        doc = dict(self.source.document or {"type": "FeatureCollection"})
        doc["features"] = self.features
        with writing(self.path):
            self.path.write_text(json_text(doc), encoding="utf-8")


def _short_floats(col: pa.Array) -> list[float | None]:
    """The numbers of a float32 or float16 column as GeoJSON writes them: each the shortest decimal that reads back
    as it in its own type (float32 0.1 as 0.1, as pyarrow's CSV writer, pandas' ``to_json`` and GDAL write it; as a
    float64 it is 0.10000000149011612), read as a float64; nulls as None, NaN and infinities as they are (written
    null, as every non-finite number)."""
    kind = np.float16 if pa.types.is_float16(col.type) else np.float32
    return [None if v is None else float(str(kind(v))) for v in col.to_pylist()]


def _point_heights(wkb: list[Any]) -> list[float]:
    """The z of each WKB point that has one, NaN elsewhere (no z, not a point, empty, null or damaged WKB)."""
    geoms = np.asarray(shapely.from_wkb(wkb, on_invalid="ignore"), dtype=object)
    height = np.full(len(geoms), np.nan)
    with_z = (shapely.get_type_id(geoms) == 0) & ~shapely.is_empty(geoms) & shapely.has_z(geoms)
    if with_z.any():
        height[with_z] = shapely.get_z(geoms[with_z])
    return list(height.tolist())


def _wgs84_geometry(wkb: Any, crs: Any) -> dict[str, Any] | None:
    """A GeoParquet row's WKB geometry in WGS84 as GeoJSON, or None (no geometry, or one that cannot be converted).

    An empty geometry stays one (``POLYGON EMPTY``: ``{"type": "Polygon", "coordinates": []}``), as a GeoJSON
    input's is kept, and reads back with the same status (:func:`avzone.points.empty_geojson_geometry`).
    """
    geom = shapely.from_wkb(wkb, on_invalid="ignore") if wkb is not None else None
    if geom is None:
        return None
    if geom.is_empty:
        return dict(shapely.geometry.mapping(geom))
    if crs != WGS84:
        try:
            geom = shapely.transform(geom, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1], crs)))
        except (AvzoneError, ValueError):
            return None
    if shapely.has_z(geom) and np.isnan(shapely.get_coordinates(geom, include_z=True)[:, 2]).all():
        geom = shapely.force_2d(geom)  # (a z that is NaN throughout is none: no position in JSON holds a NaN)
    coords = shapely.get_coordinates(geom, include_z=bool(shapely.has_z(geom)))
    if not np.isfinite(coords).all():
        return None
    return shapely.geometry.mapping(geom)


def _jsonable(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, uuid.UUID):  # (Arrow's arrow.uuid extension type: its usual text, as DuckDB and Polars show it)
        return str(v)
    if isinstance(v, float) and not np.isfinite(v):
        return None
    if isinstance(v, decimal.Decimal):  # the exact number (json_text writes it as it is); NaN and infinities null
        return JsonDigits(str(v)) if v.is_finite() else None
    if isinstance(v, dt.timedelta):  # a duration: ISO 8601 (P0DT0H1M30S)
        return pd.Timedelta(v).isoformat()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def output_encoding(dst: Path, source: Source, given: str | None = None) -> str | None:
    """The text encoding of a CSV output: ``given``, else the CSV input's own (a BOM kept), else UTF-8.

    A ``utf-16`` or ``utf-32`` input is written in its BOM's byte order with
    its BOM (``utf-16-be-bom``: :func:`_bom_codec`), or little-endian
    without one (``utf-16-le``) when it has none.

    None for other output formats (``given`` is refused for them).
    """
    if file_format(dst, "output") != "csv":
        if given is not None:
            raise InputError(Message("err_output_encoding_csv_only", file=dst, option=Option("output_encoding")))
        return None
    if given is not None:
        return codec_name(given, "output_encoding")
    if source.encoding is None:
        return "utf-8"
    if source.encoding.name in _BYTE_ORDERS:  # its BOM's byte order, the BOM kept (or none added)
        order = source.encoding.order
        return f"{source.encoding.name}-{order}-bom" if order else f"{source.encoding.name}-le"
    return source.encoding.name


def open_sink(
    path: Path,
    source: Source,
    model: Model,
    encoding: str | None = None,
    extra: list[pa.Field] | None = None,
    dialect: CsvDialect | None = None,
) -> TableSink | GeoJSONSink:
    """The writer for ``path``'s format (any input format to any output format).

    ``encoding``: a CSV output's text encoding; ``extra``: more result
    columns; ``dialect``: a CSV output's delimiter and line ending (default
    :func:`output_dialect`).
    """
    fmt = file_format(path, "output")
    if fmt == "geojson":
        return GeoJSONSink(path, source, model, extra)
    dialect = dialect or output_dialect(path, source)
    return TableSink(path, fmt, source, model, encoding=encoding, extra=extra, dialect=dialect)


# -- zones in time: the time column of a file job ------------------------------------------
_TIME_FIELD_NAMES = ("zone_in_force", "in_force")
_TIME_FIELDS = [pa.field("zone_in_force", pa.string()), pa.field("in_force", pa.bool_())]


def time_job_fields(
    names: list[str],
    time_col: str | None,
    time_unit: str | None,
    path: Any,
    coordinates: tuple[str, str] | None = None,
    found: tuple[str, ...] = (),
) -> list[pa.Field] | None:
    """Check a locate job's time options against the input's column ``names``; the columns they add.

    Returns the fields of ``zone_in_force`` and ``in_force`` with a
    ``time_col``, None without one. The local file job and the dask engine
    check the same way.

    Raises
    ------
    InputError
        For a ``time_unit`` that is none of s, ms, us, ns or given without
        ``time_col``, a ``time_col`` the input lacks (naming it, the argument
        ``time_col`` as the caller gave it, :class:`avzone.i18n.Option`, the input ``path`` and its columns), a
        ``time_col`` that is one of the
        ``coordinates`` (the lon and lat columns, those whose role is in
        ``found`` found by their names: :func:`found_roles`;
        :func:`avzone.points.refuse_two_roles`).
    """
    from avzone.zonetime import check_unit

    check_unit(time_unit)
    if time_col is None:
        if time_unit is not None:
            raise InputError(Message("err_time_unit_alone"))
        return None
    if time_col not in names:  # as the events jobs say it: the column and the option that names it
        raise InputError(no_track_column(path, names, time_col, "role_time", "time_col"))
    _refuse_named_twice(path, names, ((time_col, "time_col"),))
    refuse_two_roles(path, names, [(time_col, "role_time"), *_coordinate_roles(coordinates)], found)
    return list(_TIME_FIELDS)  # (under another name where the input has one already: output_names)


def _refuse_named_twice(path: Any, names: list[str], columns: tuple[tuple[str, str], ...]) -> None:
    """Refuse a column the job reads (with the argument naming it: ``time_col``, an :class:`Option`) that the header
    names more than once.

    The one check of lon/lat (:func:`detect_columns`), id and time columns.

    (pyarrow cannot pick one of them: refused by name, before any work.)
    """
    for col, name in columns:
        if names.count(col) > 1:
            count = names.count(col)
            raise InputError(Message("err_column_twice", file=path, column=col, count=count, option=Option(name)))


#: The refusals of a time column as a whole (its type, or its numbers in the wrong unit: :mod:`avzone.zonetime`),
#: which name the column alone: the file jobs name their input file before it (:func:`time_refusals_named`).
TIME_REFUSALS = frozenset(
    {
        "err_time_unit_slip",
        "err_time_unit_slip_finer",
        "err_time_excel_serial",
        "err_time_typed_slip",
        "err_time_float32",
        "err_time_of_day",
        "err_time_unit_typed",
    }
)

#: The refusals of a coordinate column as a whole (its float16 type: :func:`avzone.points.refuse_half_floats`),
#: which name the column alone: named with their file as :data:`TIME_REFUSALS` are (:func:`time_refusals_named`).
COORDINATE_REFUSALS = frozenset({"err_coordinates_half_float"})


@contextmanager
def time_refusals_named(file: str | Path) -> Iterator[None]:
    """Around a file job: a refusal of its time or coordinate column (:data:`TIME_REFUSALS`,
    :data:`COORDINATE_REFUSALS`, naming the column) raised again
    naming ``file`` before it (``err_in_file``: ``fixes.parquet: ts: the epoch times read as ms ...``), in
    either language."""
    try:
        yield
    except InputError as exc:
        said = exc.args[0] if len(exc.args) == 1 else None
        if isinstance(said, Message) and (said.key in TIME_REFUSALS or said.key in COORDINATE_REFUSALS):
            raise InputError(Message("err_in_file", file=file, error=said)) from None
        raise


def row_times(
    column: Any, time_unit: str | None = None, name: str = "times", span: Any = None
) -> tuple[np.ndarray, np.ndarray]:
    """Parse a time ``column`` (Arrow): nanoseconds (UTC) and a time code per row (:func:`avzone.zonetime.to_ns`).

    ``time_unit``: numbers are epoch times in that unit; integers with a
    value missing are read as such, not as floats (which would round
    nanoseconds since 1970). The codes go to the rows' statuses with
    :meth:`Located.with_time_codes`. ``span``: the whole column's
    :class:`avzone.zonetime.TimeSpan` when ``column`` is one chunk of it.
    """
    from avzone import zonetime

    return zonetime.to_ns(_exact_times(column), time_unit, name, span)


def chunk_time_span(column: Any, time_unit: str | None = None, name: str = "times") -> Any:
    """The :class:`avzone.zonetime.TimeSpan` of one chunk's time ``column`` (Arrow), read as :func:`row_times`
    reads it; None when the column-wide time rules do not apply to it."""
    from avzone import zonetime

    return zonetime.time_span(_exact_times(column), time_unit, name)


def column_time_span(source: Source, time_col: str, time_unit: str | None) -> Any:
    """The :class:`avzone.zonetime.TimeSpan` of ``source``'s whole time column (every chunk read), or None."""
    span = None
    with source:  # (stopped before the end: the reader stops too)
        for chunk in source.chunks:
            part = chunk_time_span(chunk.columns.column(time_col), time_unit, time_col)
            if part is None:
                return None
            span = part if span is None else span + part
    return span


def _exact_times(col: Any) -> pd.Series:
    """A time column as pandas: integers as Arrow integers (exact, a missing value staying missing), else as ever.

    (pandas would make an integer column with a value missing floats, which
    round nanoseconds since 1970 to other instants.)
    """
    return col.to_pandas(types_mapper=pd.ArrowDtype) if pa.types.is_integer(col.type) else col.to_pandas()


def _exact_ids(col: Any) -> np.ndarray:
    """Vehicle ids as Python objects: integers stay integers, a missing one missing (``pandas.NA``), else as ever.

    (pandas would make an integer column with a value missing floats: ``7.0``
    for vehicle 7, and two ids above 2**53 one vehicle.)
    """
    frame = col.to_pandas(types_mapper=pd.ArrowDtype) if pa.types.is_integer(col.type) else col.to_pandas()
    return np.asarray(frame.astype(object).to_numpy(), dtype=object)


def time_arrays(model: Model, located: Located, ns: np.ndarray) -> list[pa.Array]:
    """The ``zone_in_force`` and ``in_force`` columns of located rows at times ``ns`` (from :func:`row_times`).

    Both are null where a row's status is not ok (its point's or its time's:
    :meth:`Located.with_time_codes`); ``zone_in_force`` also before the first zone stage.
    """
    from avzone import zonetime

    col, inside = zonetime.in_force(model, located.hits, located.zones, ns)
    ok = located.status_codes == 0
    names = np.array([*located.zones, None], dtype=object)[np.where(ok & (col >= 0), col, len(located.zones))]
    zone = pa.array(names.tolist(), pa.string())
    return [zone, pa.array(inside, mask=~ok)]


# -- the file job ------------------------------------------------------------------------
def locate_source(
    model: Model,
    source: Source,
    dst: Path,
    *,
    threads: int = 1,
    progress: bool | None = None,
    out_encoding: str | None = None,
    time_col: str | None = None,
    time_unit: str | None = None,
    reopen: Callable[[], Source] | None = None,
) -> Summary:
    """Classify every chunk of ``source`` and write them to ``dst``, in order.

    A CSV output is written in ``out_encoding``, default the CSV input's
    encoding (see :func:`output_encoding`), with the CSV input's delimiter
    and line ending (a tab for a ``.tsv`` output: :func:`output_dialect`).

    With ``time_col`` (a column of dates/times; naive = Beijing time) two
    more columns: ``zone_in_force`` (the zone layer in force at the row's
    time, empty before the first stage) and ``in_force`` (the row inside
    it); a row whose time is missing or not a date/time gets that status,
    and keeps its point's ``in_<layer>`` answers (:func:`annotate`).
    ``time_unit`` (``"s"``, ``"ms"``, ``"us"``, ``"ns"``): the time column's
    numbers are epoch times in that unit since 1970-01-01 UTC
    (:func:`avzone.zonetime.to_ns`); without it a number gets the status
    saying to give its unit. Refused without ``time_col``. The column-wide
    time rules (:func:`avzone.zonetime.to_ns`: a column in the wrong unit, a
    time far from the others) judge the whole column: a source of more than
    one chunk is read once more first, through ``reopen`` (a new
    :class:`Source` of the same file), for its time column's span.
    """
    source = index_first(source, file_format(dst, "output"))  # (a stored pandas index first, as pandas writes it)
    names = [n for n in source.schema.names]
    extra = time_job_fields(names, time_col, time_unit, source.path, source.coordinate_columns, source.found)
    if time_col is not None:
        from avzone import zonetime

        with time_refusals_named(source.path):
            zonetime.check_time_type(source.schema.field(names.index(time_col)).type, time_col, time_unit)
    out_enc = output_encoding(dst, source, out_encoding)
    out_dialect = output_dialect(dst, source) if out_enc is not None else None
    summary = Summary(
        str(source.path),
        str(dst),
        inside={z: 0 for z in model.zone_layers},
        titles_zh=zone_titles(model),
        lon_col=source.geometry or source.lon_name,
        lat_col=source.geometry or source.lat_name,
        encoding=source.encoding.name if source.encoding is not None else None,
        encoding_detected=source.encoding is not None and source.encoding.detected,
        output_encoding=out_enc,
        delimiter=source.dialect.delimiter if source.dialect is not None else None,
        delimiter_detected=source.dialect is not None and source.dialect.detected,
        output_delimiter=out_dialect.delimiter if out_dialect is not None else None,
        notes=list(source.notes),
        point_text=source.point_col is not None,
    )
    results = [f"in_{z}" for z in model.zone_layers] + [f.name for f in extra or []] + ["status"]
    if (renamed := renamed_note(names, results)) is not None:  # (the input has columns of those names)
        summary.notes.append(renamed)
    bar = _progress(source.total, "rows", progress)
    sink: TableSink | GeoJSONSink | None = None
    wanted = example_statuses((source.lon_name, source.lat_name), source.coordinate_columns, time_col)
    found: Found = {}
    try:
        # (on a failure the writer is released before the output's temporary file is removed)
        with time_refusals_named(source.path), output_file(dst, source.path) as out, _released(lambda: sink):
            # (a file read the wrong way round: refused before anything is written, judged on its first rows)
            names_read = (source.lon_name, source.lat_name)
            chunks = misread_checked(model, source.chunks, source.path, names_read, source.geometry)
            span = None
            unit_counts = (0, 0)  # the time column's numbers and other values given (zonetime.unit_use)
            read_notes: list[Any] = []  # (the chunks' points' notes: float32 coordinates' step)
            if time_col is not None and reopen is not None:
                head = list(itertools.islice(chunks, 2))
                if len(head) > 1:  # the time rules judge the whole column, not a chunk (zonetime.TimeSpan)
                    span = column_time_span(reopen(), time_col, time_unit)
                chunks = itertools.chain(head, chunks)
            for chunk in chunks:
                if sink is None:
                    sink = open_sink(out, source, model, out_enc, extra, out_dialect)
                times = None if time_col is None else chunk.columns.column(time_col)
                if times is not None and time_unit is not None:  # (whether it applies to a value: the whole column's)
                    use = zonetime.unit_use(times)
                    unit_counts = (unit_counts[0] + use[0], unit_counts[1] + use[1])
                located, added = annotate(
                    model,
                    chunk.points,
                    threads,
                    times=times,
                    time_unit=time_unit,
                    time_name=str(time_col),
                    time_span=span,
                )
                sink.write(chunk, located, added)
                rejected = located.rejected()
                labels = located.points.labels
                present = [code for code in wanted if labels[code] in rejected]  # (the rows a summary names)
                if present:
                    frame_examples(
                        found, located.status_codes, summary.rows, arrow_values(chunk.columns), wanted, present,
                        labels.__getitem__, in_order=True,
                    )  # fmt: skip
                summary.rows += len(located)
                if chunk.points.notes:  # (float32 coordinates: one note for the file, merged_notes)
                    read_notes = merged_notes([*read_notes, *chunk.points.notes])
                inside = located.hits.sum(axis=0)  # hits are False wherever a row is not ok
                for j, z in enumerate(model.zone_layers):
                    summary.inside[z] += int(inside[j])
                summary.rejected.update(rejected)
                bar.update(len(located))
            if sink is None:  # header only, no rows
                sink = open_sink(out, source, model, out_enc, extra, out_dialect)
            sink.close()
            summary.notes += [n for n in read_notes if n not in summary.notes]
            summary.notes += output_notes(sink, dst)  # (GeoJSON geometries WKB cannot hold, a GeoPackage's -0.0)
            sink = None
            if time_col is not None and (unused := zonetime.unit_unused_note(time_unit, time_col, *unit_counts)):
                summary.notes.append(unused)  # (a unit given for a column of text without a number)
        summary.examples = placed_examples(row_examples(found, time_unit), source)  # (row 2, line 4)
        header = source.dialect.skip + 1 if source.dialect is not None else None
        summary.row_numbering = numbering_message(header, numbering_kind(source))
    except pa.ArrowInvalid as exc:
        raise InputError(Message("err_cannot_read", file=source.path, reason=one_line(exc))) from None
    finally:
        bar.close()
        if sink is not None:  # the job failed: release the writer, keep the first error
            sink.abort()
    return summary


@contextmanager
def _released(writer: Callable[[], TableSink | GeoJSONSink | None]) -> Iterator[None]:
    """Around the writing of an output: on any failure the writer ``writer()`` gives (if any) is stopped
    (``abort``: its thread joined, nothing more written) before the failure goes on, so before
    :func:`output_file` removes the temporary file it was writing."""
    try:
        yield
    except BaseException:
        sink = writer()
        if sink is not None:
            sink.abort()
        raise


@names_crs
def locate_file(model: Model, src: str | Path, dst: str | Path, **options: Any) -> Summary:
    """Classify every row of ``src`` and write ``dst``; formats from the extensions, any to any.

    Options: ``lon_col``, ``lat_col`` or ``point_col`` (one column of points as text:
    :func:`open_source`), ``crs`` and ``override_crs`` (a
    GeoParquet or GeoJSON file's declared CRS meets ``crs`` by
    :func:`avzone.crs.declared_or_given`: a contradicting ``crs`` is refused
    unless ``override_crs``; an ``override_crs`` that overrides nothing, the
    coordinates declaring no CRS or the one given, leaves a note saying so:
    :func:`override_unused`), ``threads``, ``chunk_rows``,
    ``progress``, ``time_col`` and ``time_unit`` (see :func:`locate_source`), ``encoding`` (a
    CSV input's; detected when not given, see :func:`detect_encoding`),
    ``delimiter`` (a CSV input's: a character or ``tab``; detected when not
    given, see :func:`detect_dialect`) and
    ``output_encoding`` (a CSV output's; default the CSV input's, e.g.
    ``utf-8-sig`` for Excel). A CSV output keeps the CSV input's delimiter
    and line ending (a ``.tsv`` output has tabs). CSV and Parquet are
    streamed; a GeoJSON input or output is held in memory. ``dst`` is
    written atomically (:func:`output_file`); one that is the input (also
    through a link), a folder, a read-only file or in a folder that does not
    exist is refused before the input is read. Raises :class:`InputError`
    naming the file, column or row and what would be right.
    """
    src, dst = Path(src), Path(dst)
    _check_input(src, parts=True)
    file_format(dst, "output")
    check_target(dst, input_path=src)  # the input, a missing folder, a folder, a read-only file: before any work
    refuse_output_in_parts(src, dst)
    threads = options.pop("threads", 1)
    progress = options.pop("progress", None)
    out_encoding = options.pop("output_encoding", None)
    time_col = options.pop("time_col", None)
    time_unit = options.pop("time_unit", None)
    if src.is_dir():  # (a folder of Parquet parts: the time column's types in the parts read as one: read_parts)
        options["time_col"] = time_col
    try:
        with open_source(src, **options) as source:  # (stopped for any reason: its reader stops reading ahead)
            return locate_source(
                model,
                source,
                dst,
                threads=threads,
                progress=progress,
                out_encoding=out_encoding,
                time_col=time_col,
                time_unit=time_unit,
                reopen=lambda: open_source(src, **options),
            )
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None


def _check_input(src: Path, parts: bool = False) -> None:
    """Refuse an input that is no file of a format read (named), missing, or empty; with ``parts`` (the file jobs
    ``locate`` and ``events``), a folder is taken as a folder of Parquet parts (:func:`open_source`)."""
    if parts and src.is_dir():
        return
    file_format(src, "input")
    if not src.is_file():
        raise not_a_file(src)
    if src.stat().st_size == 0:
        raise InputError(Message("err_empty_file", file=src))


def _coordinate_roles(coordinates: tuple[str, str] | None) -> list[tuple[str | None, str]]:
    """The (column, role) pairs of the lon and lat columns, for :func:`avzone.points.refuse_two_roles`."""
    lon, lat = coordinates if coordinates is not None else (None, None)
    if lon is not None and lon == lat:  # one column of points as text (Source.point_col)
        return [(lon, "role_point")]
    return [(lon, "role_longitude"), (lat, "role_latitude")]


def require_track_columns(
    src: str | Path,
    names: list[str],
    id_col: str,
    time_col: str,
    coordinates: tuple[str, str] | None = None,
    found: tuple[str, ...] = (),
) -> None:
    """Raise :class:`InputError` naming the id or time column a trajectory file lacks or names twice, and the option,
    or a column that is two of the id, time and ``coordinates`` (lon, lat) columns, naming both options (or saying
    that a coordinate column was found by its name, its role in ``found``: :func:`found_roles`)."""
    for col, role, name in ((id_col, "role_vehicle_id", "id_col"), (time_col, "role_time", "time_col")):
        if col not in names:
            raise InputError(
                no_track_column(src, names, col, role, name, taken=(id_col, time_col, *(coordinates or ())))
            )
    _refuse_named_twice(src, names, ((id_col, "id_col"), (time_col, "time_col")))
    roles = [(id_col, "role_vehicle_id"), (time_col, "role_time"), *_coordinate_roles(coordinates)]
    refuse_two_roles(src, names, roles, found)


def _marked_chunks(src: Path, source: Source, model: Model | None) -> Iterator[tuple[Chunk, Points]]:
    """A source's chunks and their points; with ``model``, the file's swapped-order check (:func:`misread_checked`)
    and swapped rows marked."""
    chunks: Iterable[Chunk] = source.chunks
    if model is not None:
        chunks = misread_checked(model, chunks, src, (source.lon_name, source.lat_name), source.geometry)
    for chunk in chunks:
        pts = chunk.points
        if model is not None:
            mark_misread(pts, model.bounds, whole=False)  # (a chunk: the file judged above)
        yield chunk, pts


@_names_own_crs("crs")
def read_points(
    src: str | Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    model: Model | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    override_crs: bool = False,
    layer: str | None = None,
    point_col: str | None = None,
) -> pd.DataFrame:
    """Read the points of a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file as WGS84 ``lon``/``lat``
    columns (a GeoPackage's ``layer``, else its only one: :func:`ogr_layer`).

    The same reader as the file jobs (:func:`open_source`); ``crs`` defaults
    to a GeoParquet or GeoJSON file's declared CRS, else WGS84; a ``crs``
    that contradicts the declared one is refused unless ``override_crs``
    (:func:`avzone.crs.declared_or_given`). Rows whose coordinates
    cannot be used are kept with NaN and a ``status`` saying why, exactly as
    the file job reports them; with ``model``, swapped rows too (and a file
    whose points make sense only swapped is refused, as the file job does).
    A CSV file is read in ``encoding``, else the detected one, its fields
    split at ``delimiter``, else the detected one. ``point_col``: a column
    holding each point as text (lon,lat pairs or WKT: :func:`open_source`). The frame's
    ``attrs`` say what was read: ``encoding`` (a CSV file's, None for
    others), ``encoding_detected``, ``delimiter`` (a CSV file's),
    ``delimiter_detected`` and ``notes`` (see :func:`open_source`).
    Raises :class:`InputError` for a file that cannot be read.
    """
    src = Path(src)
    _check_input(src)
    parts: list[Points] = []
    try:
        source = open_source(
            src,
            lon_col=lon_col,
            lat_col=lat_col,
            crs=crs,
            encoding=encoding,
            delimiter=delimiter,
            override_crs=override_crs,
            layer=layer,
            point_col=point_col,
        )
        with source, time_refusals_named(src):  # (stopped for any reason: its reader stops reading ahead)
            parts.extend(pts for _, pts in _marked_chunks(src, source, model))
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None
    frames = [pd.DataFrame({"lon": p.lon, "lat": p.lat, "status": p.status_text()}) for p in parts]
    if not frames:
        out = pd.DataFrame({"lon": pd.Series(dtype=float), "lat": pd.Series(dtype=float), "status": []})
    else:
        out = pd.concat(frames, ignore_index=True)
    _read_attrs(out, source)
    return out


@_names_own_crs("crs")
def read_fixes(
    src: str | Path,
    *,
    id_col: str = "vehicle",
    time_col: str = "ts",
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    model: Model | None = None,
    encoding: str | None = None,
    source: Source | None = None,
    delimiter: str | None = None,
    override_crs: bool = False,
    layer: str | None = None,
    point_col: str | None = None,
) -> pd.DataFrame:
    """Read the GPS fixes of a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file (a GeoPackage's ``layer``,
    else its only one): ``id``, ``time``, WGS84 ``lon``/``lat``, ``status``.

    :func:`read_points` with the vehicle id and time columns too (as the
    events job reads them): one row per input row, in order, with a
    0-based row number as index (``crs``, ``override_crs`` and ``point_col``
    as there). Rows whose coordinates cannot be used keep
    NaN and a ``status`` saying why. ``source``: an input already opened
    (:func:`avzone.fleet.tdrive_source`), read instead of ``src`` (which
    then only names it). Raises :class:`InputError` for a file that cannot
    be read or a missing id or time column (named). A folder or ``.txt``
    file of T-Drive lines (:func:`avzone.fleet.tdrive_shaped`) given
    without ``source`` is refused with a hint naming
    ``source=avzone.fleet.tdrive_source(...)`` that reads it (with the
    ``crs`` given); another folder or ``.txt`` file as what it is.
    """
    src = Path(src)
    if source is None:
        _hint_tdrive_source(src, crs)
        _check_input(src)
    frames: list[pd.DataFrame] = []
    try:
        if source is None:
            source = open_source(
                src,
                lon_col=lon_col,
                lat_col=lat_col,
                crs=crs,
                encoding=encoding,
                delimiter=delimiter,
                override_crs=override_crs,
                layer=layer,
                point_col=point_col,
            )
        with source:  # (stopped for any reason: its reader stops reading ahead)
            names = list(source.schema.names)
            require_track_columns(src, names, id_col, time_col, source.coordinate_columns, source.found)
            refuse_ids_alike(src, source, id_col)
            from avzone import zonetime

            time_type = source.schema.field(names.index(time_col)).type
            with time_refusals_named(src):  # (no unit here: float times are read later)
                zonetime.check_time_type(time_type, time_col)
            with time_refusals_named(src):  # (a coordinate column refused as a whole: named with its file)
                for chunk, pts in _marked_chunks(src, source, model):
                    frames.append(
                        pd.DataFrame(
                            {
                                "id": _exact_ids(chunk.columns.column(id_col)),
                                "time": _exact_times(chunk.columns.column(time_col)),
                                "lon": pts.lon,
                                "lat": pts.lat,
                                "status": pts.status_text(),
                            }
                        )
                    )
    except AvzoneError:
        raise
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InputError(Message("err_cannot_read", file=src, reason=one_line(exc))) from None
    if frames:
        out = pd.concat(frames, ignore_index=True)
    else:
        out = pd.DataFrame({"id": [], "time": [], "lon": pd.Series(dtype=float), "lat": pd.Series(dtype=float)})
        out["status"] = pd.Series(dtype=object)
    _read_attrs(out, source)
    return out


def _hint_tdrive_source(src: Path, crs: Any) -> None:
    """Refuse T-Drive files given to :func:`read_fixes` without ``source``, naming the ``source=`` that reads them
    (:func:`avzone._tdrive.hint_tdrive`): ``tdrive_source`` with the path and the ``crs`` given (read_fixes' own
    ``crs`` is not used with a ``source``)."""
    from avzone._tdrive import hint_tdrive

    given = "" if crs is None else f", crs={crs!r}" if isinstance(crs, (str, int)) else ", crs=crs"
    hint_tdrive(src, f"source=avzone.fleet.tdrive_source({str(src)!r}{given})")  # (Python's alone: no option)


def _read_attrs(frame: pd.DataFrame, source: Source) -> None:
    """What a reader read, in ``frame.attrs``: a CSV file's encoding and delimiter (detected or not) and header
    line, the notes."""
    frame.attrs["encoding"] = source.encoding.name if source.encoding is not None else None
    frame.attrs["encoding_detected"] = source.encoding is not None and source.encoding.detected
    frame.attrs["delimiter"] = source.dialect.delimiter if source.dialect is not None else None
    frame.attrs["delimiter_detected"] = source.dialect is not None and source.dialect.detected
    frame.attrs["notes"] = list(source.notes)
    # a CSV file's header line (from 1: below a sep= line and empty lines), the line its data row 0 follows
    frame.attrs["header_line"] = source.dialect.skip + 1 if source.dialect is not None else None

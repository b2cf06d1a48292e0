"""The dask engine: the same classifier over a partitioned Parquet dataset.

``avzone locate --engine dask --input DIR --output DIR`` reads a Parquet
file or a folder of Parquet parts (every file under it but those named, or in
folders named, with a leading ``_`` or ``.``: :func:`avzone._parts._parts_of`, the rules the local engine
reads such a folder by too) with :mod:`dask.dataframe`, classifies each partition with exactly the code the
local engine uses (the column readers
and :func:`avzone.batch.annotate`, which locates the points and reads the
times), and writes one output part per input partition, in order, with
every input column kept (and, with a time column, ``zone_in_force`` and
``in_force`` as the local file job adds them); the parts are named so that
they sort in row order by name too (:func:`part_name`); a file indexed by a
pandas range other than 0, 1, ... that Dask splits gets a first part of no
rows describing that index (:func:`_whole_index`). The dataset is read
as one file of every part would be read by the local job (:func:`_read_parquet`):
every column the files store (a pandas index too), each in the one type that
holds every part's, null in the rows of parts that lack it (a part lacking the
column another stores its pandas index in is refused: :func:`_refuse_index_lacking`); GeoParquet points
by their geometry, points written in one column (``point_col``, or found by its name: lon,lat pairs or
WKT as text, or WKB) by the local job's reader of that column (:func:`avzone._pointtext.text_points`):
:func:`_point_columns`. The parts have the schema the local job's output of that
file has (:func:`avzone.batch.output_schema`): each column's field metadata and ``not null``, the
input's schema metadata (pandas' describing each part's index: :func:`_part_metadata`). It runs on a local
cluster by default, or on any Dask cluster given its scheduler address; the
workers need avzone installed and the dataset folder readable at the same
path (the embedded Beijing dataset ships inside the package). A ``.gpkg``
output of either job is one GeoPackage layer instead, written on this
machine: the workers compute the partitions and this process takes them in
order (:func:`_in_order`) and writes them through the local job's writer
(:func:`_write_gpkg`, :func:`_write_events_gpkg`), as GDAL writes a
GeoPackage from one process.

A local output folder is written as a hidden temporary folder beside it (a
GeoPackage as a temporary file) and renamed into place, with the events
job's ``summary`` file in the same transaction
(:func:`avzone._atomic.atomic_outputs`), only when the job succeeded: a
failed or interrupted job leaves no folder that looks complete and an
existing summary (or GeoPackage) as it was. An output folder must be new or
empty. A URL (``s3://...``, any fsspec URL) is written under a temporary
name beside it and its parts moved into place when the job succeeded
(:func:`_url_output`; one by one on object stores, which cannot rename); a
``file://`` URL is the local folder it names, renamed into place as one.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gc
import json
import logging
import numbers
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, ParamSpec, TypeVar, cast

import numpy as np
import pandas as pd
import pyarrow as pa

from avzone import zonetime
from avzone._atomic import atomic_outputs
from avzone._parts import (
    FORMATS,
    _conform,
    _dataset_schema,
    _denied_path,
    _engines,
    _file_fields,
    _file_schemas,
    _Files,
    _first_schema,
    _input_metadata,
    _inside,
    _local,
    _part_name,
    _part_place,
    _part_types,
    _reads_footers_once,
    _refuse_index_lacking,
    _runs_as,
    _spark_utc,
    _view_types,
    _without_view,
    damaged_parquet,
    hive_partitioning,
    hive_text_note,
    one_line,
    permission_denied,
    row_in_parts,
)
from avzone.batch import (
    MISREAD_ROWS,
    TAB_SUFFIXES,
    CsvDialect,
    MisreadRows,
    RowsSink,
    Source,
    Summary,
    _refuse_part_crss,
    annotate,
    column_points,
    detect_columns,
    found_roles,
    frame_examples,
    geoparquet_geometry_type,
    gpkg_text_note,
    gpkg_zeros_note,
    index_first,
    locate_fields,
    output_names,
    output_schema,
    override_unused,
    pandas_index_first,
    point_wkb,
    renamed_note,
    require_track_columns,
    result_arrays,
    row_examples,
    swapped_check,
    time_job_fields,
    time_refusals_named,
    zone_titles,
)
from avzone.columns import crs_note, datum_notes
from avzone.crs import WGS84, names_crs, normalize_crs
from avzone.errors import AvzoneError, InputError
from avzone.i18n import Message, Option, option_style, options_named
from avzone.points import merged_notes
from avzone.rowexamples import example_labels, keep_first

if TYPE_CHECKING:
    from avzone.model import Model
    from avzone.tracks import IdType


try:  # the dask extra; without it the engines say what to install (locate_parquet_dask)
    from dask.dataframe.io.parquet.arrow import ArrowDatasetEngine as _ArrowDatasetEngine
except ImportError:  # pragma: no cover
    _ArrowDatasetEngine = object  # type: ignore[assignment,misc]


#: The schema metadata (and frame ``attrs``) giving the range pandas indexes a partition's rows with reading their
#: file (:func:`_rows_range`), for the output part's pandas metadata (:func:`_part_metadata`).
_ROWS = b"avzone.rows"

#: The footers the client read (:class:`_ClientFooters`), while Dask plans the partitions from them
#: (:meth:`_AvzoneParquetEngine._construct_collection_plan`).
_PLANNED: contextvars.ContextVar[_ClientFooters | None] = contextvars.ContextVar("avzone_planned", default=None)

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _AvzoneParquetEngine(_ArrowDatasetEngine):
    """Dask's pyarrow Parquet engine, reading every column the files store as a column (and writing the
    output parts in the schema the job gives, its metadata the input's: :meth:`_pandas_to_arrow_table`).

    pyarrow's ``to_pandas`` makes the columns a file's pandas metadata names as
    its index the frame's index, and Dask drops an unnamed one
    (``__index_level_0__``); the local job reads the file with pyarrow, where
    it is a column like any other. The metadata is taken off each table before
    it becomes a frame (the frame's meta and every partition), so both read the
    same columns. Module level, so that the workers find it by name.
    """

    @classmethod
    def _arrow_table_to_pandas(cls, arrow_table: pa.Table, categories: Any, *args: Any, **kwargs: Any) -> Any:
        rows = (arrow_table.schema.metadata or {}).get(_ROWS)
        df = super()._arrow_table_to_pandas(_strip_pandas_metadata(arrow_table), categories, *args, **kwargs)
        if rows is not None:  # (Dask numbers the frame's rows from 0: the range goes with it to the output part)
            df.attrs[_ROWS.decode()] = json.loads(rows)
        return df

    @classmethod
    def _collect_file_parts(cls, files_or_frags: Any, dataset_info_kwargs: Any) -> Any:
        """Dask's partitions of the files, each with its file's footer (:class:`_Footed`), which Dask read here.

        A worker reads its partition's rows by that footer (:meth:`_read_table`):
        the footer of a file Dask splits into several partitions was read again
        for each (and once more for the rows' index, :func:`_rows_range`).
        Files given by path (Dask plans many files in tasks) get the footer the client
        read before the job in the plan (:meth:`_construct_collection_plan`).
        Where the plan is made from the footers the client read (:data:`_PLANNED`), Dask splits each
        file by those (:class:`_PlannedFile`), reading none again.
        """
        frags = files_or_frags if isinstance(files_or_frags, list) else [files_or_frags]
        client = _PLANNED.get()  # (the footers the client read, where the plan is made from them)
        if client is not None and frags and all(not isinstance(f, str) and f.path in client.footers for f in frags):
            frags = [_PlannedFile(f.path, f.partition_expression, client.footers[f.path]) for f in frags]
        parts, stats = super()._collect_file_parts(frags, dataset_info_kwargs)
        footers = {}
        for frag in frags:
            if isinstance(frag, _PlannedFile):
                footers[frag.path] = frag.footer
            elif not isinstance(frag, str) and frag.metadata is not None:  # (complete: Dask split it by row group)
                footers[frag.path] = frag.metadata
        for part in parts or []:
            piece = part.get("piece") if isinstance(part, dict) else None
            if isinstance(piece, tuple) and len(piece) == 3 and piece[0] in footers:
                part["piece"] = (_Footed(piece[0], footers[piece[0]]), *piece[1:])
        return parts, stats

    @classmethod
    def _read_table(
        cls, path_or_frag: Any, fs: Any, row_groups: Any, columns: Any, schema: Any, *args: Any, **kwargs: Any
    ) -> Any:
        partitions = args[1] if len(args) > 1 and isinstance(args[1], list) else []
        hive = {p.name for p in partitions}  # hive folder columns: as Dask made them (its categories)
        footer = getattr(path_or_frag, "footer", None)  # (_collect_file_parts)
        where = path_or_frag if isinstance(path_or_frag, str) else getattr(path_or_frag, "path", "?")
        utc = _spark_utc(schema, where)
        given = schema  # (its metadata names the folder's parts and their rows: _part_place)
        read_as = schema
        own = None  # the file's schema metadata, which describes its pandas index (_rows_range)
        if schema is not None and hive:
            # Dask reads a file of hive folders by the dataset's schema, which casts each column as Arrow
            # does (naive times to zoned ones as if UTC): read every column as the file holds it, and
            # conform it here, as the other datasets are
            held = footer.schema.to_arrow_schema() if footer is not None else _physical_schema(path_or_frag, fs)
            if held is not None:
                own = held.metadata
                read_as = pa.schema(
                    [held.field(f.name) if held.get_field_index(f.name) >= 0 else f for f in schema],
                    metadata=schema.metadata,
                )
            schema = pa.schema([f for f in schema if f.name not in hive])
        keys = args[2] if len(args) > 2 else None  # (the file's hive folder values, where Dask found them)
        try:
            if footer is not None and (not hive or keys is not None) and not (args and args[0]):  # (args[0]: filters)
                held_columns = None if columns is None else [c for c in columns if c not in hive]
                table = _with_hive_columns(
                    _read_footed(path_or_frag, fs, row_groups, held_columns, footer), partitions, keys
                )
            else:
                table = super()._read_table(path_or_frag, fs, row_groups, columns, read_as, *args, **kwargs)
        except (OSError, pa.ArrowException) as exc:  # a damaged part, found by the worker reading it: named
            raise _unreadable(
                exc, _part_name(where, fs), row_groups, lambda: footer or _footer(path_or_frag, fs)
            ) from None
        if not hive and isinstance(path_or_frag, str):  # (read from the file alone: its own metadata)
            own = table.schema.metadata
        elif not hive:
            own = getattr(_physical_schema(path_or_frag, fs), "metadata", None)
        place = functools.partial(_place_in_part, given, where, row_groups, lambda: footer or _footer(path_or_frag, fs))
        table = _conform(table, schema, columns, utc, place)
        rows = _rows_range(own, table.num_rows, row_groups, lambda: footer or _footer(path_or_frag, fs))
        if rows is not None:
            described = json.dumps([rows.start, rows.stop, rows.step]).encode()
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), _ROWS: described})
        return table

    @classmethod
    def _pandas_to_arrow_table(cls, df: Any, preserve_index: Any = False, schema: Any = None) -> pa.Table:
        """One output part as Arrow, in the ``schema`` the job gives (:func:`avzone.batch.output_schema`), with its
        metadata, pandas' included, its index that of the part's rows (:func:`_part_metadata`).

        Dask writes the pandas metadata of its own frame, whose columns are of
        Arrow types (``double[pyarrow]``, ``dictionary<...>[pyarrow]``, which
        pandas cannot read back): the local job's output keeps the input's,
        so pandas reads both with the same types and index.
        """
        table = super()._pandas_to_arrow_table(df, preserve_index=preserve_index, schema=schema)
        if schema is None:
            return table
        described = df.attrs.get(_ROWS.decode())
        rows = range(*described) if described is not None else None
        if rows is None and not len(df):  # (Dask gives an empty partition as its meta, without the attrs read)
            whole = _pandas_range((schema.metadata or {}).get(b"pandas"))  # the input's, where it holds no row
            rows = whole if whole is not None and not len(whole) else None
        return table.replace_schema_metadata(
            _part_metadata(schema.metadata, rows if rows is not None and len(rows) == len(df) else None)
        )

    @classmethod
    def _create_dd_meta(cls, dataset_info: Any) -> Any:
        """Dask's frame meta, where the files' pandas metadata is not pandas' own (not JSON, or without its list of
        columns) made without it: Dask reads it here for categories, and stopped the job with its ``TypeError``
        or ``KeyError``, where the local job reads the file (pyarrow does not apply it) and keeps it as it is."""
        schema = dataset_info["schema"]
        raw = (schema.metadata or {}).get(b"pandas")
        if raw is None or _pandas_own(raw):
            return super()._create_dd_meta(dataset_info)
        dataset_info["schema"] = schema.with_metadata({k: v for k, v in schema.metadata.items() if k != b"pandas"})
        try:  # (Dask adds to dataset_info here: the same dict, the schema given back as read)
            return super()._create_dd_meta(dataset_info)
        finally:
            dataset_info["schema"] = schema

    @classmethod
    def _collect_dataset_info(cls, *args: Any) -> Any:
        """Dask's reading of the dataset, with the columns of every part where hive folders differ in theirs.

        ``dataset={"avzone_columns": schema}`` (:func:`avzone._parts._dataset_schema`): every column any file stores, in
        the one type that holds them all; Dask's own reading of ``key=value`` folders takes the first
        file's columns. The folders' columns stay Dask's (after the files' columns, as categories).
        ``dataset={"avzone_footers": ...}`` (:class:`_ClientFooters`): the footers the client read, for the
        plan (:meth:`_construct_collection_plan`).
        """
        kwargs = args[-1]
        columns = kwargs.get("dataset", {}).pop("avzone_columns", None)
        footers = kwargs.get("dataset", {}).pop("avzone_footers", None)
        info = super()._collect_dataset_info(*args)
        info["avzone_footers"] = footers
        if columns is not None:
            hive = [info["schema"].field(n) for n in info["partition_names"] if n not in columns.names]
            info["physical_schema"] = columns
            meta = {**(info["schema"].metadata or {}), **(columns.metadata or {})}  # (Spark's files: _spark_utc)
            info["schema"] = pa.schema([*columns, *hive], metadata=meta)
        return info

    @classmethod
    def _construct_collection_plan(cls, dataset_info: Any) -> Any:
        """Dask's plan of the partitions, each file with the footer the client read before the job (:class:`_Footed`).

        Dask reads a file's footer planning its partitions only where it
        splits files by row groups (:meth:`_collect_file_parts`; in tasks,
        for many files, where it gives them as paths); a file read whole was
        planned as its path, and the worker reading it read its footer again
        (in hive folders more than once: its schema, Dask's dataset of the file
        to find its folder values, its rows). Each file is read here by the footer
        :func:`avzone._parts._file_schemas` read (``dataset_info["avzone_footers"]``), its
        folder values (``day=1/``) as Dask's dataset found them.

        Where the client read every file's footer, Dask plans the partitions here from those
        (:meth:`_collect_file_parts`), not in tasks: its tasks, given the files' paths, read
        each footer twice more (a dataset of the file, then its row groups), and Dask's plan
        on the client once more; they are read once, before the job.
        """
        client = dataset_info.get("avzone_footers")
        ds = dataset_info.get("ds")
        if (
            client is not None
            and not dataset_info.get("filters")
            and ds is not None
            and all(f in client.footers for f in ds.files)
        ):  # (planned here, by the footers read: Dask's tasks would read each again, twice)
            token = _PLANNED.set(client)
            try:
                parts, stats, common = super()._construct_collection_plan({**dataset_info, "metadata_task_size": 0})
            finally:
                _PLANNED.reset(token)
        else:
            parts, stats, common = super()._construct_collection_plan(dataset_info)
        if client is None:
            return parts, stats, common
        partitions = dataset_info.get("partitions") or []
        keys: dict[str, Any] = {}
        if partitions and any((piece := _piece(p)) is not None and piece[2] is None for p in parts):
            import pyarrow.dataset as pa_ds

            for frag in dataset_info["ds"].get_fragments():  # (the paths found listing the folders: no file read)
                found = pa_ds._get_partition_keys(frag.partition_expression)
                if all(p.name in found for p in partitions):  # (else read as Dask reads it)
                    keys[frag.path] = [(p.name, found[p.name]) for p in partitions]
        for part in parts:
            piece = _piece(part)
            if piece is None or isinstance(piece[0], _Footed) or piece[0] not in client.footers:
                continue
            path, row_groups, values = piece
            if values is None and partitions:
                if path not in keys:
                    continue
                values = keys[path]
            part["piece"] = (_Footed(path, client.footers[path]), row_groups, values)
        return parts, stats, common


def _piece(part: Any) -> tuple[Any, Any, Any] | None:
    """A partition's file, row groups and hive folder values in Dask's plan (``{"piece": (path, groups, keys)}``)."""
    piece = part.get("piece") if isinstance(part, dict) else None
    return piece if isinstance(piece, tuple) and len(piece) == 3 else None


class _ClientFooters:
    """The footers of a dataset's files as the client read them before the job
    (:func:`avzone._parts._file_schemas`), by path,
    for Dask's plan (:meth:`_AvzoneParquetEngine._construct_collection_plan`); Dask names its plan by the files'
    paths and sizes (:meth:`__dask_tokenize__`), not by the footers' bytes."""

    def __init__(self, found: _Files) -> None:
        self.footers = dict(zip(found.files, found.footers))
        self.token = [(f, m.num_rows, m.num_row_groups, m.serialized_size) for f, m in self.footers.items()]

    def __dask_tokenize__(self) -> Any:
        return ("avzone-footers", self.token)


class _PlannedFile:
    """A file of the dataset as Dask plans its partitions from it (:meth:`_AvzoneParquetEngine._collect_file_parts`),
    its row groups given by the ``footer`` the client read (``pyarrow.dataset.RowGroupInfo``), not read again:
    what Dask takes of a ``pyarrow.dataset.ParquetFileFragment`` there (``path``, ``partition_expression``: the
    file's hive folder values, ``split_by_row_group``)."""

    def __init__(self, path: str, partition_expression: Any, footer: Any) -> None:
        self.path = path
        self.partition_expression = partition_expression
        self.footer = footer

    def split_by_row_group(self, filter: Any = None, schema: Any = None) -> list[Any]:
        """The file's row groups, one a piece, as fragments of one row group each (no ``filter``: refused)."""
        import pyarrow.dataset as pa_ds

        if filter is not None:  # (the plan is made so without filters only: _construct_collection_plan)
            raise ValueError("a file planned by its footer takes no filter")
        physical = self.footer.schema.to_arrow_schema()
        return [
            _PlannedGroup([pa_ds.RowGroupInfo(i, self.footer.row_group(i), physical)])
            for i in range(self.footer.num_row_groups)
        ]


class _PlannedGroup(NamedTuple):
    """One row group of a :class:`_PlannedFile`, as Dask takes a fragment of one (its ``row_groups``)."""

    row_groups: list[Any]


class _Footed(str):
    """The path of a file of the dataset, with its ``footer`` (``FileMetaData``) as the client read it
    (:meth:`_AvzoneParquetEngine._collect_file_parts`, :meth:`_AvzoneParquetEngine._construct_collection_plan`),
    for the worker reading its rows (:func:`_read_footed`)."""

    footer: Any

    def __new__(cls, path: str, footer: Any) -> _Footed:
        made = super().__new__(cls, path)
        made.footer = footer
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return _Footed, (str(self), self.footer)


def _read_footed(path: str, fs: Any, row_groups: Any, columns: Any, footer: Any) -> pa.Table:
    """The rows of ``row_groups`` (``[None]``: all) of the file at ``path``, read by its ``footer``, not reading that
    again: as Dask reads a file's rows (``columns``, the file's pandas metadata kept for :func:`_rows_range`)."""
    import pyarrow.parquet as pq

    with fs.open(str(path), "rb") as f:
        read = pq.ParquetFile(f, metadata=footer, pre_buffer=True)
        own = (footer.metadata or {}).get(b"pandas")  # (pandas' own, or not read: pyarrow stops on another)
        usable = own is None or _pandas_own(own, footer.schema.to_arrow_schema().names)
        options = {"columns": columns, "use_threads": False, "use_pandas_metadata": usable}
        if row_groups == [None]:
            return read.read(**options)
        return read.read_row_groups(row_groups, **options)


def _with_hive_columns(table: pa.Table, partitions: list[Any], keys: Any) -> pa.Table:
    """``table``, the rows of a file in hive folders (``day=1/``), with the folders' columns appended as Dask makes
    them: for each of Dask's ``partitions`` (name and values) the file's value in ``keys`` (pairs of name and
    value), as a category of those values (or plain where Dask found none). A folder of Hive's null value
    (``day=__HIVE_DEFAULT_PARTITION__``, which Dask gives as None, not among the values) gives its rows a null, as
    pyarrow reads it (it failed the job with ``KeyError: None``)."""
    values = dict(keys or ())
    for partition in partitions:
        if partition.name in table.column_names:
            continue
        value = values.get(partition.name)
        if len(partition.keys):
            if value is None:  # (Hive's null value: no category)
                codes = pa.nulls(table.num_rows, pa.int32())
            else:
                codes = pa.array(np.full(table.num_rows, partition.keys.get_loc(value), dtype="i4"))
            column = pa.DictionaryArray.from_arrays(codes, pa.array(partition.keys))
        else:
            column = pa.array(np.full(table.num_rows, value))
        table = table.append_column(partition.name, column)
    return table


def _rows_range(
    metadata: dict[bytes, bytes] | None, n: int, row_groups: Any, footer: Callable[[], Any]
) -> range | None:
    """The index pandas gives the ``n`` rows of ``row_groups`` (None or ``[None]``: all) of a file whose schema
    ``metadata`` is given, reading the file alone: where its pandas metadata describes its index as a range
    (pandas writes a ``RangeIndex`` so, as ``start``, ``stop`` and ``step``, with no column), the part of that
    range those rows hold; else None.

    None too where the range does not fit the file's rows (pyarrow then reads the file
    with the default index, 0, 1, ...) or the row groups are not one run of the file's.
    The file's ``footer`` (:func:`_footer`) is read only for some of its row groups (where
    Dask splits a large file), which begin at the rows before them.
    """
    described = _pandas_range((metadata or {}).get(b"pandas"))
    if described is None:
        return None
    groups = list(row_groups) if isinstance(row_groups, list | tuple) else [row_groups]
    if groups == [None]:
        return described if len(described) == n else None
    if not groups or groups != list(range(groups[0], groups[0] + len(groups))):
        return None
    try:
        read = footer()
    except Exception:  # (read, or refused, with the rows)
        return None
    first = sum(read.row_group(i).num_rows for i in range(groups[0]))
    count = sum(read.row_group(i).num_rows for i in groups)
    if len(described) != read.num_rows or count != n:
        return None
    return described[first : first + count]


def _place_in_part(
    schema: pa.Schema | None, path: str, row_groups: Any, footer: Callable[[], Any], row: int
) -> tuple[Any, int]:
    """The file and row a worker's refusal names for row ``row`` of the ``row_groups`` (None or ``[None]``: all) it
    read of the part at ``path`` (:func:`avzone._parts._part_place`: the part, its row there and the row over the
    folder), the rows before them counted by the part's ``footer``."""
    groups = list(row_groups) if isinstance(row_groups, list | tuple) else [row_groups]
    if groups and None not in groups:
        try:
            read = footer()
            row += sum(read.row_group(i).num_rows for i in range(min(groups)))
        except Exception:  # (the rows before them unknown: the part named alone)
            return _part_place(None, path, row)
    return _part_place(schema, path, row)


def _unreadable(exc: BaseException, file: str, row_groups: Any, footer: Callable[[], Any]) -> InputError:
    """The refusal of a file whose ``row_groups`` (None or ``[None]``: all) a worker could not read: naming the file,
    and the rows of those row groups (and the groups) where they are some of the file's, one run of them, and its
    ``footer`` (:func:`_footer`) can be read (a file Dask splits into partitions)."""
    reason = one_line(exc)
    groups = list(row_groups) if isinstance(row_groups, list | tuple) else [row_groups]
    if groups and None not in groups and groups == list(range(groups[0], groups[0] + len(groups))):
        try:
            read = footer()
            first = sum(read.row_group(i).num_rows for i in range(groups[0]))
            count = sum(read.row_group(i).num_rows for i in groups)
        except Exception:  # (the file named alone)
            read = None
        if read is not None and count and read.num_row_groups > len(groups):
            named = str(groups[0]) if len(groups) == 1 else f"{groups[0]}-{groups[-1]}"
            return damaged_parquet(file, reason, (first + 1, first + count, named))
    return damaged_parquet(file, reason)


def _footer(path_or_frag: Any, fs: Any) -> Any:
    """The footer (``FileMetaData``) of a file of a dataset, given as Dask gives it: its path or a fragment."""
    import pyarrow.parquet as pq

    if isinstance(path_or_frag, str):
        return pq.read_metadata(path_or_frag, filesystem=fs)
    return path_or_frag.metadata


def _pandas_own(raw: bytes, names: list[str] | None = None) -> bool:
    """Whether schema metadata ``raw`` (its ``pandas`` key) is pandas' own as Dask and pyarrow read it: JSON of an
    object whose ``columns`` list objects with a ``name`` and a ``pandas_type``, and whose ``index_columns`` (if
    any) list ranges or names of columns (of ``names``, the file's, where given)."""
    try:
        doc = json.loads(raw)
    except ValueError:  # (not JSON, not UTF-8)
        return False
    if not isinstance(doc, dict):
        return False
    columns, index = doc.get("columns"), doc.get("index_columns", [])
    return (
        isinstance(columns, list)
        and all(isinstance(c, dict) and {"name", "pandas_type"} <= c.keys() for c in columns)
        and isinstance(index, list)
        and all(
            (isinstance(i, str) and (names is None or i in names)) or (isinstance(i, dict) and "kind" in i)
            for i in index
        )
    )


def _pandas_range(raw: bytes | None) -> range | None:
    """The range pandas' schema metadata ``raw`` describes the index as (a ``RangeIndex``); None for any other."""
    try:
        index = json.loads(raw)["index_columns"] if raw else None
        if isinstance(index, list) and len(index) == 1 and index[0].get("kind") == "range":
            return range(int(index[0]["start"]), int(index[0]["stop"]), int(index[0]["step"]))
    except (ValueError, KeyError, TypeError, AttributeError):  # not pandas' own
        pass
    return None


def _part_metadata(metadata: dict[bytes, bytes] | None, rows: range | None) -> dict[bytes, bytes] | None:
    """The schema ``metadata`` of an output part whose rows pandas indexes as ``rows`` reading their file.

    The input's pandas metadata describes the input's index: where it is a
    range (no column holds it), the part's is its rows' (:func:`_rows_range`),
    so that pandas reads a part alone with the index its rows have reading
    their file; where that is not known, none (pandas numbers the rows 0, 1,
    ...). An index stored as a column (kept as one) is every part's. Reading
    the folder, pandas takes the first part's range, or, where it does not
    fit the folder's rows, numbers them 0, 1, ... as it reads the input folder.
    """
    raw = (metadata or {}).get(b"pandas")
    if raw is None or _pandas_range(raw) is None:
        return metadata
    doc = json.loads(raw)
    if rows is None:
        doc["index_columns"] = []
    else:
        doc["index_columns"] = [{**doc["index_columns"][0], "start": rows.start, "stop": rows.stop, "step": rows.step}]
    return {**(metadata or {}), b"pandas": json.dumps(doc).encode()}


def _physical_schema(path_or_frag: Any, fs: Any) -> pa.Schema | None:
    """The schema one file of the dataset stores (its footer), or None if it cannot be read here."""
    import pyarrow.parquet as pq

    try:
        if isinstance(path_or_frag, str):
            return pq.read_schema(path_or_frag, filesystem=fs)
        return cast(pa.Schema, path_or_frag.physical_schema)
    except Exception:  # Dask reads it, or says why not
        return None


@lru_cache(maxsize=4)
def _worker_model(folder: str) -> Model:
    from avzone.model import load

    return load(folder)


def annotate_partition(
    part: pd.DataFrame,
    folder: str,
    lon_col: str,
    lat_col: str,
    crs: Any,
    time_col: str | None = None,
    time_unit: str | None = None,
    time_span: Any = None,
    points_column: str | None = None,
    point_text: tuple[str, int | None] | None = None,
) -> pd.DataFrame:
    """Append ``in_<layer>`` and ``status`` columns to one partition (runs on a worker).

    ``point_text``: the points are text in the column ``lon_col`` (which is ``lat_col`` too) of that kind
    (:func:`avzone._pointtext.point_kind`), read as the local job reads them (:func:`_points`).

    ``points_column``: also a column of that name holding each row's WGS84 point (WKB, null where it has no usable
    point: :func:`avzone.batch.point_wkb`), the geometry of a GeoPackage output of a coordinate columns' rows, as
    the local file job writes it.

    The coordinate columns go through Arrow exactly as in the local engine, so
    a null and a NaN get the same statuses ("missing" and "not finite") there
    and here. With ``time_col`` the times too (:func:`avzone.batch.row_times`,
    numbers read in ``time_unit``), and ``zone_in_force`` and ``in_force``
    come before ``status``: :func:`avzone.batch.annotate`, as in the local
    file job; ``time_span``, the whole time column's (:func:`_time_span`),
    is what the column-wide time rules judge.
    """
    model = _worker_model(folder)
    points = _points(part, lon_col, lat_col, crs, point_text)
    times = None if time_col is None else pa.array(part[time_col])
    located, added = annotate(
        model, points, times=times, time_unit=time_unit, time_name=str(time_col), time_span=time_span
    )
    columns = result_arrays(located)  # the Arrow columns the local file job writes, so the same types
    if added is not None:
        columns[-1:-1] = added  # before the status column
    out = part.copy()
    names = output_names([str(c) for c in part.columns], _added_names(model.zone_layers, added is not None))
    for name, column in zip(names, columns, strict=True):
        out[name] = pd.arrays.ArrowExtensionArray(column)
    if points_column is not None:
        pts = located.points
        out[points_column] = pd.arrays.ArrowExtensionArray(point_wkb(pts.lon, pts.lat, pts.ok))
    return out


def _locate_span(times: pd.Series, time_unit: str | None, time_col: str) -> Any:
    """One partition's time span, its times read as :func:`annotate_partition` reads them."""
    from avzone.batch import chunk_time_span

    return chunk_time_span(pa.array(times), time_unit, time_col)


def _events_span(times: pd.Series, time_unit: str | None, time_col: str) -> Any:
    """One partition's time span as :func:`events_partition` reads its times (:func:`avzone.zonetime.time_span`)."""
    from avzone.tracks import partition_times
    from avzone.zonetime import time_span

    times = times.reset_index(drop=True)
    if isinstance(times.dtype, pd.ArrowDtype) and pa.types.is_timestamp(times.dtype.pyarrow_dtype):
        times = partition_times(pa.array(times.array))
    return time_span(times, time_unit, time_col)


def _total_span(*spans: Any) -> Any:
    """The sum of the partitions' time spans (None when the time rules do not apply)."""
    if not spans or any(s is None for s in spans):
        return None
    total = spans[0]
    for s in spans[1:]:
        total = total + s
    return total


def _as_caller(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, to run on a worker, naming options in its messages as the caller here does (``--time-unit s`` from
    the command line: :func:`avzone.i18n.options_named`); a worker process has a context of its own, where they
    would be named as Python names them (``time_unit='s'``)."""
    return functools.partial(_named_as, option_style(), fn)


def _named_as(style: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with options_named(style):
        return fn(*args, **kwargs)


def _time_span(ddf: Any, time_col: str, time_unit: str | None, events: bool, judged: int) -> Any:
    """The whole time column's :class:`avzone.zonetime.TimeSpan` as a delayed value, summed over ``ddf``'s
    partitions (each read as the job reads it: ``events`` or locate), so that the column-wide time rules judge the
    column, not one of the ``judged`` partitions (the events job's after its shuffle), as the local engines judge
    it; None when one partition is judged (it is the column)."""
    import dask

    if judged < 2:
        return None
    one = _events_span if events else _locate_span
    return dask.delayed(_total_span)(
        *[dask.delayed(_as_caller(one))(part, time_unit, time_col) for part in ddf[time_col].to_delayed()]
    )


def _added_names(zones: list[str], timed: bool) -> list[str]:
    """The names of the columns the job appends, in order."""
    from avzone.batch import _TIME_FIELDS

    return [f.name for f in locate_fields(zones, _TIME_FIELDS if timed else None)]


def part_name(k: int, n_parts: int) -> str:
    """The file name of output part ``k`` of ``n_parts``, numbered with as many digits as the last has.

    Names sort in row order by name too (``part.02`` before ``part.10``): pyarrow,
    pandas, DuckDB and Spark read a folder's parts in the order of their names.

    >>> part_name(2, 12), part_name(11, 12), part_name(0, 1)
    ('part.02.parquet', 'part.11.parquet', 'part.0.parquet')
    """
    return f"part.{k:0{len(str(max(n_parts - 1, 0)))}d}.parquet"


#: The units of a partition size (:func:`partition_bytes`), as lower case: powers of 1000 and of 1024.
_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}


def partition_bytes(size: int | str | None) -> int | None:
    """The bytes of a ``partition_size`` (``--partition-size``): a whole number of bytes, or a number with a unit
    (``"64MB"``, ``"256MiB"``, ``"1.5GB"``; ``kB``, ``MB``, ``GB``, ``TB`` are powers of 1000, ``KiB``,
    ``MiB``, ``GiB``, ``TiB`` of 1024, any case); None for None (Dask's default). Anything else, or less than
    one byte, is an :class:`InputError` naming the option and the forms it takes.

    >>> partition_bytes("64MB"), partition_bytes("256MiB"), partition_bytes(1_000_000), partition_bytes("1.5 gb")
    (64000000, 268435456, 1000000, 1500000000)
    """
    if size is None:
        return None
    n = 0
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):  # (numpy's integers too)
        n = int(size)
    elif isinstance(size, str):
        given = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]*)\s*", size)
        if given is not None and given[2].lower() in _SIZE_UNITS:
            n = int(Decimal(given[1]) * _SIZE_UNITS[given[2].lower()])
    if n < 1:
        raise InputError(Message("err_partition_size", option=Option("partition_size", size, quote=True)))
    return n


def _count_partition(
    part: pd.DataFrame,
    zones: list[str],
    named: dict[str, str] | None = None,
    wanted: dict[str, tuple[tuple[str, str], ...]] | None = None,
    unit_col: str | None = None,
    read: tuple[str, str, tuple[bool, bool], Any] | None = None,
) -> pd.DataFrame:
    """One partition's rows, rows in each zone and rejected rows by status (on a worker).

    ``named``: the job's columns (``in_core``, ``status``) by the names the output gives them, where the input has
    columns of those names (``status_2``: :func:`avzone.batch.output_names`); the input's own are not counted.
    ``wanted``: the statuses whose first rows the summary names, and the columns it shows
    (:func:`avzone.rowexamples.example_labels`): the partition's first rows of each, by their place in it, with their
    values (``examples``; the client numbers them in the dataset, :func:`_examples`).
    ``unit_col``: the time column when a unit is given: how many of its values are numbers and how many others
    are given (``unit_numbers``, ``unit_others``: :func:`avzone.zonetime.unit_use`, summed over the column).
    ``read``: the coordinate columns, which of them hold float32 numbers and the CRS (normalized), when either
    does (:func:`_float32_read`): the partition's note on them (``notes``: the step of float32 numbers at the
    rows located, :func:`avzone.points.float32_note_of`; the client makes them one,
    :func:`avzone.points.merged_notes`), from the coordinates and answers :func:`annotate_partition` wrote (a
    row is located where its ``in_<layer>`` is not null), not from the points read again.
    """
    from avzone.zonetime import unit_use

    named = named or {}
    row: dict[str, Any] = {"rows": len(part)}
    row["unit_numbers"], row["unit_others"] = (0, 0) if unit_col is None else unit_use(part[unit_col])
    row["notes"] = [] if read is None or not len(part) else _float32_notes(part, read, named.get(f"in_{zones[0]}"))
    for z in zones:
        row[f"in_{z}"] = int(part[named.get(f"in_{z}", f"in_{z}")].fillna(False).sum())
    status = named.get("status", "status")
    rejected = part.loc[part[status] != "ok", status].value_counts()
    row["rejected"] = dict(rejected.items())
    found: dict[str, Any] = {}
    if wanted and (present := [s for s in wanted if s in row["rejected"]]):
        frame_examples(found, part[status], 0, _frame_values(part), wanted, present, in_order=True)
    row["examples"] = found
    return pd.DataFrame([row])


def _float32_notes(part: pd.DataFrame, read: tuple[str, str, tuple[bool, bool], Any], located: str | None) -> list[Any]:
    """The note on a located partition's float32 coordinates (``read``: :func:`_float32_read`), for its rows
    located (``located``: the name of its first ``in_<layer>`` column, not null where a row's point was located:
    :func:`avzone.batch.result_arrays`), as the local job's points note them (:func:`avzone.points.float32_note`)."""
    from avzone.points import float32_note_of

    lon, lat, narrow, crs_norm = read
    x, y = (part[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in (lon, lat))
    note = float32_note_of((lon, lat), narrow, x, y, part[located].notna().to_numpy(), crs_norm)
    return [] if note is None else [note]


def _frame_values(frame: pd.DataFrame) -> Callable[[str, np.ndarray], list[Any]]:
    """:func:`avzone.rowexamples.frame_examples`' values of a partition's column at positions, as Python values (text as
    it is), as the local job takes them from Arrow."""
    return lambda name, at: pa.array(frame[name].iloc[at].array).to_pylist()


def _examples(totals: pd.DataFrame) -> Any:
    """The first rows of each status the partitions' counts name (:func:`_count_partition`), numbered in the
    dataset (each partition's after the rows of those before it), as the local job finds them."""
    found: dict[str, Any] = {}
    offset = 0
    for rows, part in zip(totals["rows"].tolist(), totals["examples"].tolist()):
        for status, items in part.items():
            for at, values in items:
                keep_first(found, status, offset + int(at), values)
        offset += int(rows)
    return found


def _in_parts(src: str, examples: dict[str, Any]) -> dict[str, Any]:
    """``examples`` (numbered over the dataset's rows) each with its part and its row there where ``src`` is a folder
    (:func:`avzone.batch.in_parts`), as the local engine names them reading the folder."""
    from avzone.batch import in_parts

    parts = _parts_rows(src) if examples else None
    return examples if parts is None else in_parts(examples, *parts)


def _parts_rows(src: str) -> tuple[list[str], list[int]] | None:
    """The parts of the folder ``src`` (as messages name them) and each one's rows, in row order, as the local
    engine's ``Source.parts`` holds them (by their footers, read once per job); None for one file."""
    found = _file_schemas(src)
    if found is None or getattr(_row_numbering(src), "key", None) != "row_numbers_dataset":
        return None
    return [_part_name(f, found.fs) for f in found.files], [m.num_rows for m in found.footers]


def _row_numbering(src: str) -> Message:
    """What the rows a summary names are numbered in (:func:`avzone.batch.numbering_message`): a file's rows, or
    the rows of a folder's files in order."""
    from avzone.batch import numbering_message

    local = _local(src)
    if "://" in local:
        fs, where = _url_fs(local)
        one = bool(fs.isfile(where))
    else:
        one = Path(local).is_file()
    return numbering_message(None, "file" if one else "dataset")


@names_crs
@_runs_as("locate")
@_reads_footers_once
def locate_parquet_dask(
    model: Model,
    src: str | Path,
    dst: str | Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    time_col: str | None = None,
    time_unit: str | None = None,
    override_crs: bool = False,
    partition_size: int | str | None = None,
    point_col: str | None = None,
) -> Summary:
    """Classify a (partitioned) Parquet dataset with Dask; see the module docstring.

    ``point_col``: the column holding each point as text (lon,lat pairs or WKT/EWKT points), as for the local
    file job (:func:`avzone.batch.open_source`); without it and without lon/lat columns, such a column is found
    by its name and its first values, as there. Each cell is read by the local job's code, with the same statuses.

    ``time_col`` and ``time_unit`` as for the local file job
    (:func:`avzone.batch.locate_source`): with ``time_col`` (a column of
    dates/times, naive = Beijing time; or epoch numbers since 1970-01-01 UTC
    in ``time_unit``, ``"s"``, ``"ms"``, ``"us"`` or ``"ns"``) the output gets
    ``zone_in_force`` and ``in_force`` too, and a row whose time is missing
    or unusable gets that status. A ``time_col`` the dataset lacks, or a
    ``time_unit`` without ``time_col``, is an :class:`InputError`, checked
    before any cluster starts; so is a dataset whose points only make sense
    read another way (swapped columns, degrees with a projected ``crs``,
    metres without one: :func:`_refuse_misread`), as the local job refuses it,
    and one a file of which lacks the column another stores its pandas index
    in (:func:`_refuse_index_lacking`). ``crs`` None is WGS84 lon/lat, as in the local job, and a GeoParquet
    geometry's declared CRS meets ``crs`` as there (``override_crs``:
    :func:`avzone.crs.declared_or_given`); the summary's notes
    are the local job's (coordinate columns named as GCJ-02 or BD-09 with no
    ``crs`` or another one, a CRS converted without its datum shift, usable
    rows at (0, 0)). ``partition_size`` (``"64MB"``, ``"256MiB"``, a number of
    bytes: :func:`partition_bytes`): each file is read as partitions of whole row
    groups holding at most that much data uncompressed, one output part each
    (files are not merged; default: Dask's, a file split so by 256 MiB where the
    first file's row groups hold more than twice that); a value it is not is an
    :class:`InputError`, before any cluster starts. A ``dst`` named ``.gpkg``
    (a local path, or a ``file://`` URL) is one GeoPackage layer, the local
    job's ``.gpkg`` output of the same rows (:func:`_write_gpkg`).
    """
    size = partition_bytes(partition_size)
    try:
        import dask.dataframe  # noqa: F401  (read by _read_parquet)
        import distributed  # noqa: F401  (the engine's scheduler client)
    except ImportError:
        raise AvzoneError(Message("err_dask_missing")) from None
    src, dst = str(src), str(dst)  # local paths or URLs (s3://..., gs://...) that fsspec knows
    _check_dask_input(src)
    _check_outputs(src, dst)
    gpkg = _gpkg_output(dst)
    try:
        # every column as its Arrow type (text stays string, not large_string): written back as the local job does
        ddf = _read_parquet(src, time_col, size, arrow_to_pandas={"types_mapper": pd.ArrowDtype})
    except InputError:  # parts holding a column in types that do not mix (_dataset_schema)
        raise
    except Exception as exc:
        raise _read_refusal(src, exc) from None
    names = [str(c) for c in ddf.columns]
    _refuse_index_lacking(src, names)
    given = crs  # (the CRS the user gave: a column of points as text's first SRID is judged against it)
    lon, lat, crs, notes, text, found = _point_columns(src, names, lon_col, lat_col, crs, override_crs, point_col, ddf)
    notes = [*notes, *(n for n in [hive_text_note(src)] if n is not None)]  # (folder values beyond int64: text)
    geometry = lon == lat and text is None  # (a GeoParquet geometry column; lon == lat with text: a point column)
    coordinates = None if geometry else (lon, lat)
    extra = time_job_fields(names, time_col, time_unit, src, coordinates, found)
    ddf, types = _one_type_per_column(ddf, src, names, time_col)
    _refuse_half_floats(ddf, src, coordinates if text is None else None)
    if time_col is not None:
        from avzone.zonetime import check_time_type

        with time_refusals_named(src):
            check_time_type(ddf.dtypes[time_col], time_col, time_unit)
    _refuse_misread(model, ddf, lon, lat, crs, src, text, given)
    folder, zones = str(model.folder), list(model.zone_layers)
    meta = ddf._meta.copy()
    fields = locate_fields(zones, extra)  # (the local job's added columns, in its types)
    added = [f.name for f in fields]
    for field, out_name in zip(fields, output_names(names, added)):  # (beside the input's own: status_2, ...)
        meta[out_name] = pd.Series(dtype=pd.ArrowDtype(field.type))
    if (renamed := renamed_note(names, added)) is not None:
        notes = [*notes, renamed]
    # a GeoPackage of a coordinate columns' rows: each at its WGS84 point, as the local job writes it
    points_column = None if gpkg is None or geometry else output_names([*meta.columns], ["geometry"])[0]
    if points_column is not None:
        meta[points_column] = pd.Series(dtype=pd.ArrowDtype(pa.binary()))
    span = None if time_col is None else _time_span(ddf, time_col, time_unit, False, ddf.npartitions)
    located = ddf.map_partitions(
        _as_caller(annotate_partition), folder, lon, lat, crs, time_col, time_unit, span, points_column, text,
        meta=meta,
    )  # fmt: skip
    named = dict(zip(added, output_names(names, added)))  # (the job's columns, beside the input's own: status_2)
    wanted = example_labels((lon, lat), coordinates, time_col)  # (the rows the summary names, and their columns)
    counts_meta: dict[str, Any] = {"rows": "i8", "unit_numbers": "i8", "unit_others": "i8", "notes": object}
    counts_meta.update({f"in_{z}": "i8" for z in zones}, rejected=object, examples=object)
    unit_col = None if time_unit is None else time_col  # (whether the unit applies to a value: counted as read)
    read = _float32_read(ddf, coordinates if text is None else None, crs)
    counts = located.map_partitions(_count_partition, zones, named, wanted, unit_col, read, meta=counts_meta)
    kept = _input_metadata(src, set(types))
    if geometry and any(getattr(n, "key", None) == "note_crs_overridden" for n in notes):  # (--override-crs:
        from avzone.batch import relabelled_geo  # the parts declare the CRS the points were read in, as locally)

        kept = relabelled_geo(kept, lon, crs)
    read_schema = _input_schema(src, ddf, kept)  # (the local job's, :func:`_input_schema`)
    schema = output_schema(read_schema, "parquet", fields)
    if gpkg is not None:
        source = Source(
            Path(_local(src).rstrip("/")), "parquet", read_schema, lon, lat, crs, None, iter(()),
            geometry=lon if geometry else None,
            geometry_type=geoparquet_geometry_type(read_schema, lon) if geometry else None,
            point_col=lon if text is not None else None,
        )  # fmt: skip
        zeros: Counter[str] = Counter()  # (the -0.0 a GeoPackage holds as 0.0, by column)
        as_text: dict[str, pa.DataType] = {}  # (the columns it holds as text, of their input types)
        with time_refusals_named(src), _outputs(src, dst) as (path, _):
            totals = _write_gpkg(
                located, Path(path), source, fields, schema, points_column, scheduler, n_workers,
                (zones, named, wanted, unit_col, read), zeros, as_text,
            )  # fmt: skip
        zeros_note = gpkg_zeros_note(dst, zeros)
        text_note = gpkg_text_note(dst, as_text)
    else:
        totals = _write_parts(located, counts, src, dst, schema, scheduler, n_workers)
        zeros_note = text_note = None
    read_notes = merged_notes(n for part_notes in totals["notes"] for n in part_notes)  # (float32 columns' step)
    notes = [*notes, *(n for n in read_notes if n not in notes)]  # (then the output's, as the local job's)
    notes = [*notes, *(n for n in (zeros_note, text_note) if n is not None)]  # (as the local job's output_notes)
    summary = Summary(
        src, dst, rows=int(totals["rows"].sum()), lon_col=lon, lat_col=lat, notes=notes, point_text=text is not None
    )
    summary.inside = {z: int(np.sum(totals[f"in_{z}"])) for z in zones}
    summary.titles_zh = {z: t for z, t in zone_titles(model).items() if z in summary.inside}
    for d in totals["rejected"]:
        summary.rejected.update(d)
    summary.examples = _in_parts(src, row_examples(_examples(totals), time_unit))
    summary.row_numbering = _row_numbering(src)
    if time_col is not None:  # (a unit given for a column of text without a number: judged over every partition)
        from avzone.zonetime import unit_unused_note

        use = (int(totals["unit_numbers"].sum()), int(totals["unit_others"].sum()))
        if (unused := unit_unused_note(time_unit, time_col, *use)) is not None:
            summary.notes.append(unused)
    return summary


def _write_parts(
    located: Any, counts: Any, src: str, dst: str, schema: pa.Schema, scheduler: str | None, n_workers: int | None
) -> pd.DataFrame:
    """Write the located partitions to the folder ``dst`` as Parquet parts, one per partition (by the workers, in
    ``schema``), and return each partition's counts (:func:`_count_partition`)."""
    import dask

    whole = _whole_index(src, schema.metadata)
    with time_refusals_named(src), _outputs(src, dst) as (parts, _), _client(scheduler, n_workers):
        n_parts = located.npartitions
        lead = 1 if whole is not None and n_parts > 1 else 0  # (the part of no rows naming the whole index)
        write = located.to_parquet(
            parts,
            write_index=False,
            compute=False,
            name_function=lambda k: part_name(k + lead, n_parts + lead),
            schema=schema,
            engine=_AvzoneParquetEngine,
        )
        _, totals = dask.compute(write, counts)
        if lead and whole is not None:
            _write_index_part(parts, part_name(0, n_parts + lead), schema, whole)
    return cast(pd.DataFrame, totals)


def _gpkg_output(dst: str) -> Path | None:
    """The local path of a GeoPackage output (``located.gpkg``, a ``file://`` URL of one), or None (a folder)."""
    local = _local(dst)
    return Path(local) if FORMATS.get(Path(local.rstrip("/")).suffix.lower()) == "gpkg" else None


def _write_gpkg(
    located: Any,
    path: Path,
    source: Source,
    fields: list[pa.Field],
    schema: pa.Schema,
    points_column: str | None,
    scheduler: str | None,
    n_workers: int | None,
    counting: tuple[
        list[str],
        dict[str, str],
        dict[str, tuple[tuple[str, str], ...]],
        str | None,
        tuple[str, str, tuple[bool, bool], Any] | None,
    ],
    zeros: Counter[str] | None = None,
    text: dict[str, pa.DataType] | None = None,
) -> pd.DataFrame:
    """Write the located partitions to one GeoPackage layer at ``path``, in order, and return their counts
    (``zeros``, when given, gets the -0.0 values written, as 0.0, by column: :func:`avzone.batch.gpkg_zeros_note`;
    ``text``, the columns written as text, of their input types: :func:`avzone.batch.gpkg_text_note`).

    GDAL writes a GeoPackage (an SQLite file) from one process at a time:
    the workers locate the partitions and this process writes each one as
    it comes, in order (:func:`_in_order`), through the local file job's
    writer (:class:`avzone.batch.RowsSink`, ``source`` the dataset as that
    job reads it): the same layer, fields, types and geometries. ``schema``:
    the partitions' columns as Arrow (the Parquet parts' schema);
    ``counting``: the zones, the job's column names, the statuses whose first rows the summary names and the
    time column whose numbers are counted (a unit given), for :func:`_count_partition`.
    """
    order = pandas_index_first(source.schema)  # (a stored pandas index first, as the local job writes it: index_first)
    sink = RowsSink(path, "gpkg", index_first(source, "gpkg"), fields)
    width = len(source.schema)
    plain = schema.remove_metadata()
    counts: list[pd.DataFrame] = []

    def write(frame: pd.DataFrame) -> None:
        counts.append(_count_partition(frame, *counting))
        points = None if points_column is None else pa.array(frame.pop(points_column).array)
        table = pa.Table.from_pandas(frame, preserve_index=False, schema=plain)
        columns = [table.column(i).combine_chunks() for i in range(table.num_columns)]
        batch = pa.RecordBatch.from_arrays(columns[:width], schema=source.schema.remove_metadata())
        if order is not None:
            batch = batch.select(order)
        sink.write_batch(batch, columns[width:] + ([] if points is None else [points]))

    try:
        with _client(scheduler, n_workers) as client:
            _in_order(client, located.to_delayed(), write)
    except BaseException:
        sink.abort()
        raise
    sink.close()
    if zeros is not None:
        zeros.update(sink.negative_zeros)
    if text is not None:
        text.update(sink.text_columns)
    return pd.concat(counts, ignore_index=True) if counts else _count_partition(located._meta, *counting).iloc[:0]


def _in_order(client: Any, parts: list[Any], handle: Callable[[Any], None]) -> None:
    """Compute ``parts`` (Dask delayed objects) on ``client``'s workers and give each result to ``handle`` here, in
    order: how both engines write a GeoPackage, which GDAL writes from one process at a time.

    The workers compute a few partitions ahead of the handling (twice as
    many as there are workers); each result is held here only until it is
    handled (memory on this machine: the partitions computed ahead). A
    failure or an interrupt cancels the partitions not handled.
    """
    from collections import deque

    ahead = max(2, 2 * len(client.nthreads()))
    pending: deque[Any] = deque()
    try:
        for part in parts:
            pending.append(client.compute(part))
            if len(pending) >= ahead:
                handle(pending.popleft().result())
        while pending:
            handle(pending.popleft().result())
    finally:
        for future in pending:  # (a failure or an interrupt: the partitions not handled are not wanted)
            future.cancel()


def _whole_index(src: str, metadata: dict[bytes, bytes] | None) -> range | None:
    """The range pandas indexes all the rows of ``src`` with reading it whole, where the output parts alone do not
    give it to pandas reading their folder; else None.

    Pandas reads a folder's (or a file's) index by the pandas metadata of its
    first file (``metadata``, :func:`_input_metadata`): its ``RangeIndex``
    where that range fits all the rows, else 0, 1, .... Each output part
    describes its own rows' range (:func:`_part_metadata`), which fits the
    folder's rows only where one part holds them all: pandas then numbers the
    folder's rows 0, 1, ..., right where that is the input's index (a folder of
    parts, each its own range, or a file indexed from 0), wrong for a file
    indexed otherwise (``RangeIndex(100, ...)``, a step of 2) that Dask splits
    into partitions. That range is given here, for a first part of no rows
    describing it (:func:`_write_index_part`).
    """
    described = _pandas_range((metadata or {}).get(b"pandas"))
    found = _file_schemas(src)
    if described is None or found is None:
        return None
    rows = sum(int(f.num_rows) for f in found.footers)
    return described if len(described) == rows and described != range(rows) else None


def _write_index_part(parts: str, name: str, schema: pa.Schema, whole: range) -> None:
    """Write the part ``name`` of no rows in the folder ``parts`` (a path or a URL), in the parts' ``schema``, its
    pandas metadata describing the range ``whole`` that indexes all their rows (:func:`_whole_index`).

    Pandas and pyarrow read a folder's schema metadata from its first part (by
    name), so they read the folder's rows with the input's index, and each
    part alone with its own rows' (:func:`_part_metadata`).
    """
    import pyarrow.parquet as pq

    table = schema.empty_table().replace_schema_metadata(_part_metadata(schema.metadata, whole))
    if "://" in parts:
        fs, where = _url_fs(f"{parts.rstrip('/')}/{name}")
        pq.write_table(table, where, filesystem=fs)
    else:
        pq.write_table(table, str(Path(parts) / name))


def _read_parquet(src: str, time_col: str | None = None, partition_size: int | None = None, **options: Any) -> Any:
    """``src`` as a Dask frame with every column of the files, in the files' order, as the local engine reads them.

    A pandas index written into the files (``df.set_index("rowid").to_parquet(...)``, or an
    unnamed one that is not a range, which pandas stores as ``__index_level_0__``) is a column
    there, as in the local engine, not the frame's index: Dask would leave it out of the output
    parts (and stopped with a ``KeyError`` selecting columns of such a frame). The files' pandas
    metadata is not applied (:class:`_AvzoneParquetEngine`): every column they store is read as the
    column it is, as pyarrow reads it for the local job. Parts that differ in their columns or
    types are read as one file of every part would hold them (:func:`avzone._parts._dataset_schema`): a column
    some parts lack is null in their rows (Dask took the first file's columns, dropping one that
    later parts add and stopping with a ``KeyError`` on one they lack); so are parts in hive
    folders (``day=1/``), whose folder columns come after the files'.

    ``partition_size`` (bytes, :func:`partition_bytes`): each file read as partitions of whole row groups
    holding at most that many bytes uncompressed (a larger row group a partition alone; files are not
    merged); None, Dask's default (files split so by 256 MiB where the first file's row groups hold more
    than twice that). Each file's partitions are planned, and its rows read, by the footer read before the job
    (:class:`_ClientFooters`); Dask reads the first file's footer once more for its schema (in hive folders
    twice: the first file's schema is given it only outside them, where no folder adds columns).

    Dask is given the parts of a folder as avzone lists them (:func:`avzone._parts._parts_of`), not the folder: it would
    read the files a ``_metadata`` file lists (leaving out a part written since), else every file named
    ``.parquet``, ``.parq`` or ``.pq`` under it (hidden ones, ``_temporary/`` ones too, counted as rows),
    and none of another name (a part named ``part-00000``, whose rows it left out).
    """
    import dask.dataframe as dd

    schema, hive = _dataset_schema(src, time_col)
    dataset: dict[str, Any] = {}
    if schema is not None and hive:  # key=value folders: Dask reads them, with these columns of the files
        dataset = {"avzone_columns": schema}
    elif schema is not None:
        dataset = {"schema": schema, "partitioning": None}
    found = _file_schemas(src)
    if found is not None:
        dataset["avzone_footers"] = _ClientFooters(found)
        if schema is None and not any("=" in f for f in found.files):  # (no folder values to find: hive's)
            dataset["schema"] = found.footers[0].schema.to_arrow_schema()  # (Dask read the first footer for it)
        if "partitioning" not in dataset and any("=" in f for f in found.files):  # (Dask's, by pyarrow's inference)
            partitioning = hive_partitioning(found.fs, found.files)
            if partitioning is not None:
                dataset["partitioning"] = partitioning
    if dataset:
        options = {**options, "dataset": dataset}
    if partition_size is not None:  # ("adaptive": every file judged by its own row groups, not the first's)
        options = {**options, "blocksize": partition_size, "split_row_groups": "adaptive"}
    read: str | list[str] = src
    if found is not None:  # the parts avzone listed (_parts_of), no other: Dask lists a folder by its own rule
        read = [str(found.fs.unstrip_protocol(f)) if "://" in src else f for f in found.files]
        options = {**options, "ignore_metadata_file": True, "parquet_file_extension": None}
    ddf = dd.read_parquet(read, dtype_backend="pyarrow", index=False, engine=_AvzoneParquetEngine, **options)
    names = list(ddf.columns)
    try:
        import pyarrow.dataset as ds
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(src)
        if schema is not None:
            physical = schema.names
        elif found is not None:  # (the first file's, as read before the job)
            physical = found.schemas[0].names
        else:
            physical = ds.dataset(path, filesystem=fs, format="parquet").schema.names
    except Exception:  # Dask read it: its own order, the index columns first
        return ddf
    order = [n for n in physical if n in names]
    order += [n for n in names if n not in order]  # hive partition columns, which Dask appends
    return ddf if order == names else ddf[order]


def _strip_pandas_metadata(table: pa.Table) -> pa.Table:
    """``table`` without its schema's ``pandas`` metadata (the other keys kept)."""
    meta = table.schema.metadata
    if not meta or b"pandas" not in meta:
        return table
    return table.replace_schema_metadata({k: v for k, v in meta.items() if k != b"pandas"})


def _one_type_per_column(
    ddf: Any, src: str, names: list[str], time_col: str | None = None
) -> tuple[Any, dict[str, pa.DataType]]:
    """``ddf`` with each of ``names`` the parts hold in different types read in the one type that holds them all.

    The types of :func:`avzone._parts._part_types` (an :class:`InputError` naming the column
    and two parts for types that do not mix, before any cluster starts), so
    that every partition holds a column as one file of every part would hold
    it, and as the local job reads that file: both engines read their columns
    through here. Also returned, for the output parts' schema.
    """
    types = _part_types(src, names, time_col=time_col)
    if types:
        ddf = ddf.astype({name: pd.ArrowDtype(t) for name, t in types.items()})
    return ddf, types


def _read_refusal(src: str, exc: BaseException) -> InputError:
    """The refusal of ``src`` that Dask could not read as a dataset (``exc``), as the file jobs refuse an input they
    cannot read: permission denied as such (:func:`avzone.batch.permission_denied`), else the file named with the
    reason on one line (the reader's own, not Dask's wrapping of it) and what to do (``hint_parquet_unreadable``).
    (Files that are not Parquet, cut short or damaged are refused before, by
    :func:`avzone._parts._read_file_schemas`.)"""
    if isinstance(exc, PermissionError):
        return permission_denied(_denied_path(exc, src) or src)
    cause = exc.__cause__ if exc.__cause__ is not None else exc  # (Dask's "An error occurred while calling ...")
    said = Message("err_cannot_read_parquet", file=src, reason=one_line(cause))
    return InputError(Message("err_with_hint", error=said, hint=Message("hint_parquet_unreadable")))


def _refuse_misread(
    model: Model,
    ddf: Any,
    lon: str,
    lat: str,
    crs: Any,
    src: str,
    text: tuple[str, int | None] | None = None,
    given: Any = None,
) -> None:
    """Refuse, before any cluster starts, a dataset read the wrong way round, as the local engine refuses it.

    Swapped columns, degrees with a projected ``crs``, metres without one
    (:func:`avzone.batch.swapped_check`), judged from the dataset's first
    100,000 rows as the local engine judges a file's: taken from as many
    partitions as hold them, so that a first partition that is empty or
    holds only bad rows does not decide alone; when none of them holds a point, from the 100,000 rows from the
    first that does (:class:`avzone.batch.MisreadRows`), found by reading the coordinate columns alone, partition
    by partition (:func:`_misread_rows`). A column of points as text with no value in its first rows (``text`` of
    kind ``"any"``) whose first point is written with an SRID that is not that of ``crs`` (``given``: the CRS the
    user gave, None for none) is refused too, naming its row (:func:`avzone._pointtext.refuse_late_srid`), as the
    local engine refuses it.
    """
    columns = ddf[list(dict.fromkeys([lon, lat]))]
    head = _first_rows(columns, MISREAD_ROWS)
    judged = MisreadRows()
    judged.feed(_points(head, lon, lat, crs, text))
    if judged.waiting or (text is not None and text[0] == "any"):  # (no point in the first rows)
        judged = _misread_rows(columns, lon, lat, crs, src, text, given)
    if (rows := judged.rows()) is not None:
        swapped_check(model, rows, src, (lon, lat), lon if lon == lat else None)


def _misread_rows(
    columns: Any, lon: str, lat: str, crs: Any, src: str, text: tuple[str, int | None] | None, given: Any
) -> MisreadRows:
    """The rows that judge whether a dataset is read the wrong way round (:class:`avzone.batch.MisreadRows`), its
    partitions of ``columns`` (the coordinate columns) read one at a time until they are taken; a column of points
    as text of kind ``"any"`` refused on the way when its first point's SRID is not the CRS's, as
    :func:`_refuse_misread` says."""
    from avzone._pointtext import first_point, refuse_late_srid

    parts = _parts_rows(src) if text is not None and text[0] == "any" else None  # (a refusal names a row's part)
    judged = MisreadRows()
    done, seen = False, text is None or text[0] != "any"
    row = 0
    for k in range(columns.npartitions):
        part = columns.partitions[k].compute()
        if not seen and (first := first_point(pa.array(part[lon]))) is not None:
            seen = True
            where, at = row_in_parts(src, row + first[0], parts)  # (a folder's: its part and its row there)
            refuse_late_srid(where, lon, at, first[1], crs, given)
        row += len(part)
        done = done or judged.feed(_points(part, lon, lat, crs, text))
        if done and seen:
            break
    return judged


def _points(part: pd.DataFrame, lon: str, lat: str, crs: Any, text: tuple[str, int | None] | None = None) -> Any:
    """The points of a partition's rows, read as the local job reads them.

    ``text``: the column ``lon`` (``lat`` too) holds points as text of that kind, read by the local job's reader
    (:func:`avzone._pointtext.text_points`); else ``lon`` and ``lat`` the same column: a GeoParquet geometry
    column (WKB or GeoArrow points, :func:`_geoparquet_column`); else the coordinate columns, through Arrow.
    """
    from avzone._pointtext import text_points
    from avzone.batch import _geometry_points

    if text is not None:
        return text_points(pa.array(part[lon]), text[0], crs, lon, text[1])
    if lon == lat:
        return _geometry_points(pa.array(part[lon]), crs)
    return column_points(pa.array(part[lon]), pa.array(part[lat]), crs, (lon, lat))


def _point_columns(
    src: str,
    names: list[str],
    lon_col: str | None,
    lat_col: str | None,
    crs: Any,
    override: bool = False,
    point_col: str | None = None,
    ddf: Any = None,
) -> tuple[str, str, Any, list[Any], tuple[str, int | None] | None, tuple[str, ...]]:
    """The columns the points are read from, the CRS they are read in, the local job's notes on them, the kind of
    text a column of points as text holds (None: no such column) and the roles found by name, not given.

    A column of points as text (``point_col``, or found by its name and
    first values when no lon/lat columns are: :func:`_point_text_column`) is
    both columns, judged and read in its CRS as the local job does
    (:func:`avzone._pointtext.point_kind`, :func:`avzone.batch.point_col_reading`).

    As the local jobs read a file (:func:`avzone.batch.open_source`): GeoParquet
    points with no ``lon_col``/``lat_col`` by their geometry column (both
    names that column, :func:`_points`) in the CRS the rule of every entry
    point gives (:func:`avzone.batch._geometry_crs`: a ``crs`` that
    contradicts the declared one is an :class:`InputError` unless
    ``override``, and every part must be read in one CRS); else the coordinate columns
    given or detected, in ``crs`` (None: WGS84 lon/lat), with a note where
    their names say GCJ-02 or BD-09 and ``crs`` does not; and a note for a CRS
    converted without its datum shift.
    """
    from avzone.crs import check_override_crs, crs_file_text

    check_override_crs(crs, override)
    crs = crs_file_text(crs)  # (a .prj's WKT, which the workers need no file for)
    notes: list[Any] = []
    found = found_roles(lon_col, lat_col)
    hit = _point_text_column(src, names, lon_col, lat_col, point_col, ddf)
    if hit is not None:
        from avzone.batch import point_col_reading

        column, kind, detected, looked = hit
        crs, notes = point_col_reading(src, _first_schema(src), column, kind, detected, crs, override, looked)
        return column, column, crs, notes, kind, ("role_point",) if detected else ()
    geometry = _geoparquet_column(src, lon_col, lat_col, point_col)  # (point_col: one of its geometry columns)
    if geometry is not None:
        from avzone.batch import _geometry_crs

        lon = lat = geometry[0]
        given = crs
        crs, notes = _geometry_crs(geometry[1], given, cast(Path, src), lon, override)
        _refuse_part_crss(src, lon, geometry[1], crs, given, override)
    else:
        lon, lat = detect_columns(names, lon_col, lat_col, src)
        _refuse_attrs_crs(src, crs)
        notes += [note] if (note := crs_note(lon, lat, crs)) else []
        crs = WGS84 if crs is None else crs
        notes += override_unused(override, crs, columns=(lon, lat))
    return lon, lat, crs, notes + datum_notes(crs), None, found


def _point_text_column(
    src: str, names: list[str], lon_col: str | None, lat_col: str | None, point_col: str | None, ddf: Any
) -> tuple[str, tuple[str, int | None], bool, int] | None:
    """The column of points as text the local job reads (:func:`avzone.batch.open_source`), its kind, whether
    it was found (not given) and how many rows judged it (:func:`_first_batch`): ``point_col`` (refused with
    ``lon_col``/``lat_col``, or naming no column, or one whose first values are no such points, as there); else,
    when no lon/lat columns are found, the one column named and written so
    (:func:`avzone._pointtext.find_point_column`); None otherwise (GeoParquet geometry, lon/lat columns). The first
    values are among the dataset's first rows (:func:`_first_batch`). With none, the error
    saying no column looks like a coordinate column names the text columns that may hold points
    (:func:`avzone._pointtext.point_col_hint`)."""
    from avzone._pointtext import (
        POINT_NAMES,
        find_point_column,
        given_point_kind,
        not_points_error,
        point_col_hint,
    )
    from avzone.batch import _check_point_col, _refuse_missing_column, geoparquet_named
    from avzone.columns import header_key

    where = cast(Path, src)  # (named as given: a URL stays one)
    _check_point_col(where, "parquet", point_col, lon_col, lat_col)
    if point_col is not None and lon_col is None and lat_col is None and geoparquet_named(_first_schema(src), src,
                                                                                           point_col):  # fmt: skip
        return None  # (GeoParquet's geometry column named: read as such, in the CRS its metadata declares)
    if point_col is not None:
        _refuse_missing_column(where, names, point_col, "point_col")
        first = _first_batch(ddf, [point_col])
        kind = given_point_kind(first.column(point_col)) if first.num_rows else ("pair", None)
        if kind is None:
            raise not_points_error(src, point_col, first.column(point_col))
        return point_col, kind, False, first.num_rows
    if lon_col is not None or lat_col is not None or _geoparquet_column(src, None, None) is not None:
        return None
    try:
        detect_columns(names, None, None, src)
    except InputError as exc:
        named = [n for n in names if header_key(n) in POINT_NAMES]
        first = _first_batch(ddf, named) if named else None
        hit = find_point_column(named, first, where) if first is not None else None
        if hit is not None and first is not None:
            return hit[0], hit[1], True, first.num_rows
        if getattr(exc.args[0], "key", None) == "err_no_column_like":
            hint = point_col_hint(names, _first_batch(ddf, names))
            if hint is not None:
                raise InputError(Message("err_with_hint", error=exc.args[0], hint=hint)) from None
        raise
    return None


def _first_batch(ddf: Any, columns: list[str]) -> pa.Table:
    """The dataset's first rows of ``columns`` that judge a column of points as text, as the local job takes them
    from a file's first chunks (:func:`avzone._pointtext.sample_rows`): its partitions read in order until
    enough."""
    import warnings

    from avzone._pointtext import SAMPLE_ROWS, sample_rows

    frame = ddf[columns]

    def batches() -> Iterator[pa.RecordBatch]:
        for k in range(frame.npartitions):
            with warnings.catch_warnings():  # "insufficient elements for head": a partition shorter than asked
                warnings.simplefilter("ignore", UserWarning)
                part = frame.partitions[k].head(SAMPLE_ROWS, npartitions=1, compute=True)
            yield from pa.Table.from_pandas(part, schema=schema, preserve_index=False).to_batches()

    schema = pa.Schema.from_pandas(frame._meta, preserve_index=False)
    return sample_rows(batches(), columns, schema)[0]


def _float32_read(
    ddf: Any, columns: tuple[str, str] | None, crs: Any
) -> tuple[str, str, tuple[bool, bool], Any] | None:
    """The coordinate ``columns``, which of them hold float32 numbers and ``crs`` (normalized) when either does
    (the partitions' notes say so: :func:`_count_partition`), else None (no coordinate columns: a geometry
    column, points as text)."""
    from avzone.points import single_float

    if columns is None:
        return None
    narrow = (single_float(ddf.dtypes[columns[0]]), single_float(ddf.dtypes[columns[1]]))
    return (columns[0], columns[1], narrow, normalize_crs(WGS84 if crs is None else crs)) if any(narrow) else None


def _refuse_half_floats(ddf: Any, src: str, columns: tuple[str, str] | None) -> None:
    """Refuse, before any cluster starts, coordinate ``columns`` of float16 numbers, naming ``src`` and the column,
    as the local job refuses them (:func:`avzone.points.refuse_half_floats`). None: no coordinate columns (a
    geometry column, points as text)."""
    from avzone.points import refuse_half_floats

    if columns is not None:
        with time_refusals_named(src):
            refuse_half_floats((ddf.dtypes[c], c) for c in columns)


def _refuse_attrs_crs(src: str, crs: Any) -> None:
    """Refuse, as the local job does (:func:`avzone.batch.refuse_pandas_attrs_crs`), a dataset whose first file's
    pandas ``attrs`` name a CRS other than WGS84 when no ``crs`` is given."""
    from avzone.batch import refuse_pandas_attrs_crs

    schema = _first_schema(src)
    if schema is not None:
        refuse_pandas_attrs_crs(schema, src, crs)


def _input_schema(src: str, ddf: Any, metadata: dict[bytes, bytes]) -> pa.Schema:
    """The schema of ``ddf`` (the dataset ``src`` as read) as the local job reads the schema of one file of every part.

    Each column in the type the partitions hold it in (:func:`_one_type_per_column`),
    but for Arrow's text and bytes views, which the partitions hold in their plain
    types (:func:`_without_view`): in the view type every file holding the column
    holds it in, as the local job keeps it (:func:`_view_types`);
    with the nullability and field metadata the files give it (:func:`_file_fields`),
    and ``metadata`` (:func:`_input_metadata`): what :func:`avzone.batch.output_schema`
    makes the output parts' schema of, as the local job makes its output's of the file's.
    """
    from dask.dataframe.dispatch import pyarrow_schema_dispatch

    held = pyarrow_schema_dispatch(ddf._meta_nonempty).remove_metadata()  # (as Dask infers it: hive folders' too)
    files = _file_fields(src)
    views = _view_types(src)
    fields = [
        f.with_type(views[f.name]) if f.name in views and _without_view(views[f.name]) == f.type else f for f in held
    ]
    fields = [files[f.name].with_type(f.type) if f.name in files else f for f in fields]
    return pa.schema(fields, metadata=metadata or None)


def _geoparquet_column(
    src: str, lon_col: str | None, lat_col: str | None, point_col: str | None = None
) -> tuple[str, Any] | None:
    """The GeoParquet geometry column of ``src``'s (first) file and its declared CRS, where the local job reads it.

    As :func:`avzone.batch.open_source`: with no ``lon_col``/``lat_col``
    given, a Parquet file with GeoParquet ``geo`` metadata is located by its
    primary geometry column (:func:`avzone.batch.geoparquet_geometry`), or by the one of its geometry columns
    ``point_col`` names (:func:`avzone.batch.geoparquet_named`).
    """
    from avzone.batch import geoparquet_geometry

    if lon_col is not None or lat_col is not None:
        return None
    schema = _first_schema(src)
    if schema is None:
        return None
    return geoparquet_geometry(schema, cast(Path, src), point_col)  # (named as given: a URL stays one)


def _first_rows(ddf: Any, n: int) -> pd.DataFrame:
    """The first ``n`` rows of ``ddf`` (fewer if it has fewer), read partition by partition until there are enough."""
    import warnings

    frames: list[pd.DataFrame] = []
    got = 0
    for k in range(ddf.npartitions):
        with warnings.catch_warnings():  # "insufficient elements for head": a partition shorter than asked
            warnings.simplefilter("ignore", UserWarning)
            frame = ddf.partitions[k].head(n - got, npartitions=1, compute=True)
        frames.append(frame)
        got += len(frame)
        if got >= n:
            break
    if not frames:
        return ddf._meta
    return pd.concat(frames) if len(frames) > 1 else frames[0]


#: How messages name the file formats a dask output may not be named as.
_FORMAT_NAMES = {"csv": "CSV", "geojson": "GeoJSON", "shp": "Shapefile"}


def _check_outputs(src: str, dst: str, summary: str | Path | None = None) -> None:
    """Refuse, before any cluster starts, outputs the job could not put in place (naming them).

    Also a ``summary`` of no table format (named by its extension), as the local engine refuses it,
    an output named as a CSV or GeoJSON file (``events.csv``): it would be a folder of Parquet parts,
    and an output or summary inside the input folder (:func:`_inside`).
    A ``file://`` output is checked as the local folder it is (:func:`_local`).
    A ``.gpkg`` output is one GeoPackage file written on this machine (:func:`_gpkg_output`):
    checked as a local file (a URL of another file system is refused, naming it).
    """
    from avzone._atomic import check_target, same_file
    from avzone.batch import table_format

    source = None if "://" in _local(src) else _local(src)
    out = Path(_local(dst))
    named = FORMATS.get(Path(dst.rstrip("/")).suffix.lower())
    example = dst.rstrip("/")[: -len(Path(dst.rstrip("/")).suffix)] + "/"
    if named == "gpkg" and "://" in _local(dst):  # (one file, written here: _in_order)
        raise InputError(Message("err_dask_gpkg_url", file=dst, example=example))
    if named not in (None, "parquet", "gpkg"):  # (ev.csv would be a folder of Parquet parts)
        raise InputError(
            Message("err_dask_output_format", file=dst, format=_FORMAT_NAMES[named], example=example, **_engines())
        )
    for target in (dst, summary):
        if target is not None and _inside(src, str(target)):
            raise InputError(Message("err_dask_output_in_input", file=target, input=src))
    if named == "gpkg":
        check_target(str(out), input_path=source)
    elif "://" not in _local(dst):
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise InputError(Message("err_dask_output_exists", file=dst))
        check_target(str(out), input_path=source, folder=True)
    else:
        fs, root = _url_fs(dst)
        _refuse_top_level(dst, root)
        try:
            there = fs.exists(root) and (not fs.isdir(root) or bool(fs.ls(root, detail=False)))
        except Exception as exc:  # no access, no such bucket: said before any cluster starts
            raise InputError(Message("err_cannot_write", file=dst, reason=f"{type(exc).__name__}: {exc}")) from None
        if there:
            raise InputError(Message("err_dask_output_exists", file=dst))
    if summary is not None:
        if "://" in _local(str(summary)):  # (a file:// URL is the local file it names)
            raise InputError(Message("err_dask_summary_url", file=summary, output=Option("dst")))
        summary = _local(str(summary))
        table_format(Path(summary))
        check_target(summary, input_path=source)
        if "://" not in _local(dst) and same_file(_local(dst), summary):
            raise InputError(Message("err_same_output", file=summary, other=dst))


def _url_fs(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it (no trailing ``/``); :class:`InputError` if none."""
    from fsspec.core import url_to_fs

    try:
        fs, path = url_to_fs(url)
    except (ImportError, ValueError) as exc:  # e.g. s3:// without s3fs installed
        raise InputError(Message("err_cannot_write", file=url, reason=str(exc))) from None
    return fs, str(path).rstrip("/")


def _refuse_top_level(dst: str, root: str) -> None:
    """A URL output must be a folder inside a bucket: the parts are written beside it until the job succeeds."""
    if "/" not in root.strip("/"):
        raise InputError(Message("err_dask_url_top_level", file=dst, example=f"{dst.rstrip('/')}/located/"))


@contextlib.contextmanager
def _outputs(src: str, dst: str, summary: str | Path | None = None) -> Iterator[tuple[str, Path | None]]:
    """Where the job writes its folder of parts (or its GeoPackage file) and its summary file: one transaction of both.

    A local ``dst`` is written as a temporary folder beside it (a ``.gpkg``
    one, :func:`_gpkg_output`, as a temporary file) and
    ``summary`` as a temporary file beside it; both are renamed into place
    together when the job succeeded (:func:`avzone._atomic.atomic_outputs`),
    and neither target is touched when it fails or is interrupted. A URL
    ``dst`` (``s3://...``, any fsspec URL) is written under a temporary name
    beside it and moved into place when the job succeeded
    (:func:`_url_output`), then the summary is put in place. A ``file://``
    URL is the local folder it names (:func:`_local`).
    """

    src, dst = _local(src), _local(dst)  # (a file:// URL is a local path: renamed into place as one)
    summary = None if summary is None else _local(str(summary))
    with atomic_outputs(None if "://" in src else src) as outputs:
        if "://" not in dst:
            gpkg = _gpkg_output(dst)
            parts = str(outputs.add(dst, folder=True) if gpkg is None else outputs.add(gpkg))
            yield parts, None if summary is None else outputs.add(Path(summary))
            return
        summary_path = None if summary is None else outputs.add(Path(summary))
        with _url_output(dst) as parts:
            yield parts, summary_path


@contextlib.contextmanager
def _url_output(dst: str) -> Iterator[str]:
    """A temporary URL beside ``dst`` for the job's parts, moved to ``dst`` only when the job succeeded.

    The parts are written under ``.NAME.avzone-tmp-XXXXXXXX`` in the same
    folder (bucket, prefix) as ``dst``; when every part is written they are
    moved to ``dst`` one by one, by the file system's own move (a rename
    where it has one; a copy and a delete on object stores such as S3, which
    cannot rename: there a reader may see the folder filling during that
    last step). A job that fails or is interrupted removes its temporary
    parts and leaves ``dst`` as it was (new or empty, see
    :func:`_check_outputs`); so does a move failing or interrupted part way,
    which removes the parts it had moved.
    """
    from avzone._atomic import TEMP_MARKER

    url = dst.rstrip("/")
    fs, root = _url_fs(url)
    _refuse_top_level(dst, root)
    head, name = url.rsplit("/", 1)
    tmp_url = f"{head}/.{name}{TEMP_MARKER}{secrets.token_hex(4)}"
    _, tmp = _url_fs(tmp_url)
    try:
        yield tmp_url
        _move_parts(fs, tmp, root, dst)
    finally:
        with contextlib.suppress(Exception):
            if fs.exists(tmp):
                fs.rm(tmp, recursive=True)


def _move_parts(fs: Any, tmp: str, root: str, dst: str) -> None:
    """Move every file under ``tmp`` to the same place under ``root``; on a failure remove the ones moved."""
    moved: list[str] = []
    try:
        files = sorted(fs.find(tmp))
        with contextlib.suppress(Exception):  # a folder where the file system has them (file://); S3 needs none
            fs.makedirs(root, exist_ok=True)
        for f in files:
            target = root + f[len(tmp) :]
            fs.mv(f, target)
            moved.append(target)
    except BaseException as exc:  # (Ctrl-C and SIGTERM too: the parts moved so far would look like a result)
        for target in moved:  # the output was new or empty (_check_outputs): nothing moved was there before
            with contextlib.suppress(Exception):
                fs.rm(target)
        with contextlib.suppress(Exception):
            if fs.exists(root) and not fs.ls(root, detail=False):
                fs.rm(root, recursive=True)
        if not isinstance(exc, Exception):
            raise
        raise InputError(Message("err_cannot_put_in_place", file=dst, reason=str(exc) or type(exc).__name__)) from None


def _check_dask_input(src: str) -> None:
    """Refuse a local input that is missing, or a file of another format than Parquet (CSV, GeoJSON), by name.

    (A file of those at a URL, or in a folder, is refused so when its footer is read:
    :func:`avzone._parts._read_file_schemas`.)
    """
    if "://" in src:
        return
    path = Path(src)
    if not path.exists():
        raise InputError(Message("err_no_such_file_or_folder", file=src))
    fmt = FORMATS.get(path.suffix.lower())
    if path.is_file() and fmt is not None and fmt != "parquet":
        raise InputError(Message("err_dask_parquet_only", file=src, format=fmt, **_engines()))


def dask_setup(worker: Any) -> None:
    """Run in each worker process of the engines' local cluster as it starts: SIGINT is ignored there.

    Ctrl-C in a terminal signals the whole process group: the workers each
    printed a ``KeyboardInterrupt`` traceback around the command's one line.
    The command (its main thread) handles it and closes the cluster, which
    ends the workers.
    """
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _preloads() -> dict[str, Any]:
    """The local cluster's worker preloads: the user's (``distributed.worker.preload``), then this module's.

    Given to the cluster, a preload replaces the configured ones: the user's
    (credentials, plugins, logging) would not run on the engine's workers.
    Their arguments (``preload-argv``: one list for every module, or one list
    per module) are kept for them; this module's take none.
    """
    import dask

    theirs = dask.config.get("distributed.worker.preload", None) or []
    theirs = [theirs] if isinstance(theirs, str) else list(theirs)
    argv = dask.config.get("distributed.worker.preload-argv", None) or []
    if not theirs:
        return {"preload": [__name__]}
    if argv and all(isinstance(a, str) for a in argv):  # one list for every module
        argv = [list(argv)] * len(theirs)
    elif not argv:
        argv = [[] for _ in theirs]
    return {"preload": [*theirs, __name__], "preload_argv": [*(list(a) for a in argv), []]}


@contextlib.contextmanager
def _client(scheduler: str | None, n_workers: int | None) -> Iterator[Any]:
    """A Dask client of the scheduler at ``scheduler``, or of a local cluster of ``n_workers`` processes.

    A scheduler that cannot be reached (nothing listening, an unknown host, a
    malformed address, no answer within Dask's connect timeout) is an
    :class:`InputError` naming the address. The local cluster's workers log
    nothing short of a crash: a task's error is raised here, as it is.
    """
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise InputError(
                Message(
                    "err_dask_scheduler",
                    address=scheduler,
                    reason=f"{type(exc).__name__}: {exc}",
                    option=Option("scheduler"),
                )
            ) from None
    else:
        # a task's error reaches the caller as the exception it is (the CLI's one line): the workers do not log it
        # too, with their traceback, on the same terminal
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
            # no dashboard; the scheduler's own HTTP endpoints on a free port (Dask's default, 8787, held by
            # another cluster, made every job warn that it is in use)
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            **_preloads(),  # (dask_setup: Ctrl-C is the caller's to handle, not the workers')
        )
        client = Client(cluster)
    quiet = _AbandonedGathers()
    asyncio_log = logging.getLogger("asyncio")
    asyncio_log.addFilter(quiet)
    try:
        yield client
    finally:
        try:
            client.close()
            if cluster is not None:
                cluster.close()
            gc.collect()  # (the abandoned waits are said when they are collected)
        finally:
            asyncio_log.removeFilter(quiet)


class _AbandonedGathers(logging.Filter):
    """Drops asyncio's "Task exception was never retrieved" for the waits Dask's client abandons on Ctrl-C.

    Dask cancels a computation interrupted by ``KeyboardInterrupt`` and
    leaves its waits for the results unread (``distributed.client.AllExit``):
    asyncio printed each, with a traceback, around the command's one line.
    Nothing else is dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (exc is not None and type(exc).__name__ == "AllExit" and "distributed" in type(exc).__module__)


# -- events -------------------------------------------------------------------
#: The schema of the events parts the dask engine writes (ids as text, as the events file job writes them; integer
#: ids in their input's type instead: :func:`_events_table`).
EVENTS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("zone", pa.string()),
        ("event", pa.string()),
        ("time", pa.timestamp("ns", tz=zonetime.BEIJING_TZ)),
        ("lon", pa.float64()),
        ("lat", pa.float64()),
        ("row_before", pa.int64()),
        ("row_after", pa.int64()),
        ("gap_s", pa.float64()),
        ("gap_m", pa.float64()),
    ]
)


def events_partition(
    part: pd.DataFrame,
    folder: str,
    id_col: str,
    time_col: str,
    lon_col: str,
    lat_col: str,
    crs: Any,
    options: dict[str, Any],
    time_span: Any = None,
    point_text: tuple[str, int | None] | None = None,
    wanted: dict[str, tuple[tuple[str, str], ...]] | None = None,
) -> Any:
    """The events, summary, row-status counts, rows and first rows of each status the summary names (``wanted``:
    :func:`avzone.rowexamples.example_labels`; with their values and row numbers) of one partition holding every fix of
    its vehicles (on a worker), how many of its times are numbers and how many others are given when a unit is
    (:func:`avzone.zonetime.unit_use`; else none), its points' notes (float32 coordinates' step:
    :func:`avzone.points.float32_note`) and its vehicles' first row numbers.

    ``part`` has the input's columns and ``_row``, the 0-based row number in
    the whole dataset (``row_before``/``row_after`` of the events are those).
    Its rows are put back in input order (by ``_row``, stably) first: the
    shuffle by vehicle need not keep it, and of two fixes of a vehicle at
    the same time the local engines keep the one earlier in the input.
    The coordinates go through Arrow exactly as in the local engines, and
    the times as in the events file job (:func:`avzone.tracks.partition_times`;
    numbers as Arrow integers or floats, read in ``options["time_unit"]``).
    The summary has one more column, ``_first``: the first row number of
    each row's vehicle (the client puts the partitions' summaries in that
    order, the vehicles' order of first appearance in the dataset); the last
    item is each vehicle's first row number, indexed by its id
    (:func:`avzone.tracks.first_rows`: what orders the events of a
    GeoPackage output, :func:`_write_events_gpkg`).
    ``time_span``: the whole time column's (:func:`_time_span`), what the
    column-wide time rules judge. ``point_text``: the points are text in ``lon_col`` (:func:`_points`).
    """
    from avzone.events import track_events
    from avzone.tracks import _FIRST, first_rows, in_first_order, partition_times
    from avzone.zonetime import unit_use

    model = _worker_model(folder)
    numbers = part["_row"].to_numpy(dtype=np.int64)
    if numbers.size and (numbers[1:] < numbers[:-1]).any():
        order = np.argsort(numbers, kind="stable")
        part, numbers = part.iloc[order], numbers[order]
    points = _points(part, lon_col, lat_col, crs, point_text)
    rows = pd.Index(numbers)
    ids = part[id_col].reset_index(drop=True)
    times = part[time_col].reset_index(drop=True)
    if isinstance(times.dtype, pd.ArrowDtype) and pa.types.is_timestamp(times.dtype.pyarrow_dtype):
        times = partition_times(pa.array(times.array)).rename(time_col)  # (named as the input names it)
    res = track_events(model, ids, times, points, rows, **options, time_span=time_span)
    first = first_rows(ids, numbers)
    summary = res.summary.assign(**{_FIRST: in_first_order(res.summary, first).to_numpy()})
    rejected = res.rejected()
    found: dict[str, Any] = {}
    if wanted and (present := [s for s in wanted if s in rejected]):
        frame_examples(found, res.rows["status"], numbers, _frame_values(part), wanted, present)
    use = (0, 0) if options.get("time_unit") is None else unit_use(times)  # (summed over the column by the client)
    return res.events, summary, rejected, len(part), found, use, list(points.notes), first


def _events_table(frame: pd.DataFrame, ids: IdType | None = None) -> pa.Table:
    """One partition's events as the events file job writes them (:func:`avzone.tracks._arrow_table`: ids as text,
    row numbers as integers, pandas' metadata of the frame), in :data:`EVENTS_SCHEMA`; ``ids``: the input's
    integer ids' type (:func:`avzone.tracks.output_ids`), the ``id`` column's then, in every part."""
    from avzone.tracks import _arrow_table

    table = _arrow_table(frame)
    schema = EVENTS_SCHEMA
    if ids is not None:
        table = ids.cast(table)
        schema = schema.set(schema.get_field_index("id"), pa.field("id", ids.arrow))
    return table.cast(schema.with_metadata(table.schema.metadata))


def _dtype_ids(dtype: Any, pandas_type: str | None = None) -> IdType | None:
    """:func:`avzone.tracks.output_ids` of the id column as the dataset is read (its pandas dtype: Arrow types,
    numpy or pandas' nullable integers, categoricals of their categories' type); ``pandas_type``: the dtype the
    input's pandas metadata names for it (``Int64``: nullable integers, which the dataset reads as Arrow's)."""
    from avzone.tracks import output_ids

    if isinstance(dtype, pd.ArrowDtype):
        return output_ids(dtype.pyarrow_dtype, pandas_type)
    if isinstance(dtype, pd.CategoricalDtype):
        return _dtype_ids(dtype.categories.dtype, pandas_type)
    if pd.api.types.is_integer_dtype(dtype):
        return output_ids(
            pa.from_numpy_dtype(np.dtype(getattr(dtype, "numpy_dtype", dtype))), pandas_type or str(dtype)
        )
    return None


def _write_events_part(result: Any, dst: str, k: int, n_parts: int, ids: IdType | None = None) -> Any:
    """Write one partition's events to ``dst/``:func:`part_name`; the summary and counts go back to the client."""
    import pyarrow.parquet as pq

    events = result[0]
    path = f"{dst.rstrip('/')}/{part_name(k, n_parts)}"
    if "://" in dst:  # any fsspec URL, as Dask writes the locate job's parts
        fs, where = _url_fs(path)
        fs.makedirs(where.rsplit("/", 1)[0], exist_ok=True)
        pq.write_table(_events_table(events, ids), where, filesystem=fs)
    else:
        pq.write_table(_events_table(events, ids), path)
    return _partition_counts(result)


def _partition_counts(result: Any) -> tuple[dict[Any, int], pd.DataFrame, dict[str, int], int, Any, Any, Any]:
    """What the client keeps of one partition's :func:`events_partition`: its events counted by kind, its summary,
    its row-status counts, its number of rows, its first rows of each status the summary names, its counts of
    times that are numbers and others given (a unit given) and its points' notes (float32 coordinates' step)."""
    events, summary, rejected, rows, found, use, notes, _ = result
    return events["event"].value_counts().to_dict(), summary, rejected, rows, found, use, notes


def _write_events_gpkg(
    tasks: list[Any],
    path: Path,
    layer: str,
    scheduler: str | None,
    n_workers: int | None,
    ids: IdType | None = None,
) -> list[tuple[dict[Any, int], pd.DataFrame, dict[str, int], int, Any, Any, Any]]:
    """Write the events of the partitions (``tasks``: :func:`events_partition`'s) to one GeoPackage layer at
    ``path``, as the events file job writes its ``.gpkg`` output, and return each partition's event counts, summary,
    row-status counts and rows (as :func:`_write_events_part` returns them).

    The workers find the events and this process takes each partition's as
    it comes (:func:`_in_order`, as the locate job's GeoPackage is written),
    holds them in a temporary Parquet file in order of their vehicles' first
    rows, and merges the files in that order into the layer, as the local
    job merges its partitions (:func:`avzone.tracks._hold`,
    :func:`avzone.tracks._merge_by_first`; its writer,
    :class:`avzone.tracks._Writer`): the vehicles in order of first
    appearance in the dataset, each one's events in time order, at their
    crossings in EPSG:4326.
    """
    import shutil
    import tempfile

    from avzone.batch import DEFAULT_CHUNK_ROWS
    from avzone.tracks import _hold, _merge_by_first, _Writer

    writer = _Writer(path, layer=layer, ids=ids)
    results: list[tuple[dict[Any, int], pd.DataFrame, dict[str, int], int, Any, Any, Any]] = []
    held: list[Path] = []
    empty: list[pd.DataFrame] = []  # the first partition's events, less their rows: the layer's fields if none has any
    tmp = Path(tempfile.mkdtemp(prefix="avzone-events-"))
    try:

        def hold(result: Any) -> None:
            events, first = result[0], result[-1]
            held.append(_hold(tmp / f"events-{len(held)}.parquet", events, first))
            if not empty:
                empty.append(events.iloc[:0])
            results.append(_partition_counts(result))

        with _client(scheduler, n_workers) as client:
            _in_order(client, tasks, hold)
        _merge_by_first(held, writer, DEFAULT_CHUNK_ROWS)
        writer.close(empty[0] if empty else pd.DataFrame())
    finally:
        writer.abort()
        shutil.rmtree(tmp, ignore_errors=True)
    return results


@names_crs
@_runs_as("events")
@_reads_footers_once
def events_parquet_dask(
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
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    zones: list[str] | None = None,
    partitions: int | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    time_unit: str | None = None,
    override_crs: bool = False,
    partition_size: int | str | None = None,
    point_col: str | None = None,
) -> Any:
    """Events of a (partitioned) Parquet dataset of GPS fixes with Dask.

    ``point_col``: the column holding each fix's point as text, as for :func:`locate_parquet_dask`.

    The fixes are numbered (``_row``: 0-based over the whole dataset, in
    order), shuffled by vehicle id so that every fix of a vehicle lands in
    one partition (``partitions``: how many; default as many as the input
    has), and each partition, its rows put back in input order, goes
    through exactly the code of the local engines
    (:func:`avzone.events.track_events`). ``dst`` becomes a folder of
    Parquet parts, one per partition (grouped by vehicle, in time order
    within each vehicle; integer ids as integers of the input's type in every
    part and summary, other ids as text: :func:`avzone.tracks.output_ids`; a GeoPackage's ``uint64`` ids as
    text, noted: :func:`avzone.tracks.ids_text_note`;
    ``row_before``/``row_after`` the row numbers; pandas' metadata of its events, as the events file job writes
    it); a ``dst`` named ``.gpkg`` (a local path, or a ``file://`` URL) is
    one GeoPackage layer instead, the events file job's ``.gpkg`` output of
    the same fixes, in its order, written on this machine
    (:func:`_write_events_gpkg`); ``summary`` (a .csv, .parquet or .gpkg file) gets every vehicle's summary,
    the vehicles in order of first appearance in the dataset (as
    the local engines list them). ``time_unit`` (``"s"``, ``"ms"``, ``"us"``, ``"ns"``): the time
    column's numbers are epoch times in that unit since 1970-01-01 UTC
    (:func:`avzone.zonetime.to_ns`). A local ``dst`` and ``summary`` are put
    in place together when both are complete, or neither is (see the module
    docstring); an output that is the input, or in a folder that does not
    exist, is refused before any cluster starts. A dataset whose fixes only make
    sense read another way (swapped columns, degrees with a projected
    ``crs``, metres without one: :func:`avzone.batch.swapped_check` on the
    dataset's first rows, :func:`_refuse_misread`) is refused before any work,
    as the local engine refuses it. The id, time and coordinate columns are
    read in the one type that holds every part's (:func:`_one_type_per_column`,
    as the locate engine reads its columns; types that do not mix are an
    :class:`InputError` naming the column and two parts; so is a part lacking one of those columns that
    another part stores its pandas index in: :func:`_refuse_index_lacking`). GeoParquet fixes with
    no ``lon_col``/``lat_col`` are read from their geometry column in its
    declared CRS (a ``crs`` that contradicts it is refused unless
    ``override_crs``: :func:`avzone.crs.declared_or_given`), and ``crs``
    None is WGS84 lon/lat (:func:`_point_columns`), as in the local engine.
    ``partition_size``: the input's partitions, as for :func:`locate_parquet_dask`
    (and so, without ``partitions``, as many parts). Returns the
    :class:`avzone.tracks.EventsSummary` of the job.
    """
    size = partition_bytes(partition_size)
    try:
        import dask
        import dask.dataframe  # (read by _read_parquet)
        import distributed  # noqa: F401  (the engine's scheduler client)
    except ImportError:
        raise AvzoneError(Message("err_dask_missing")) from None
    from avzone.batch import file_format
    from avzone.events import follow_zones
    from avzone.tracks import _FIRST, EventsSummary, _Writer, pandas_dtype_name
    from avzone.zonetime import check_time_type, check_unit

    check_unit(time_unit)
    src, dst = str(src), str(dst)
    _check_dask_input(src)
    _check_outputs(src, dst, summary)
    follow_zones(model, zones)
    try:
        ddf = _read_parquet(src, time_col, size)
    except InputError:  # parts holding a column in types that do not mix (_dataset_schema)
        raise
    except Exception as exc:
        raise _read_refusal(src, exc) from None
    names = [str(c) for c in ddf.columns]
    given = crs  # (the CRS the user gave: a column of points as text's first SRID is judged against it)
    lon, lat, crs, notes, text, found = _point_columns(src, names, lon_col, lat_col, crs, override_crs, point_col, ddf)
    notes = [*notes, *(n for n in [hive_text_note(src)] if n is not None)]  # (folder values beyond int64: text)
    coordinates = None if lon == lat and text is None else (lon, lat)  # (lon == lat, no text: a geometry column)
    require_track_columns(src, names, id_col, time_col, coordinates, found)
    if "_row" in names:
        raise InputError(Message("err_dask_row_column", file=src))
    used = list(dict.fromkeys([id_col, time_col, lon, lat]))  # (a geometry column is both)
    _refuse_index_lacking(src, used)  # (the index a column the job reads: its rows would have no id, time or point)
    ddf, retyped = _one_type_per_column(ddf[used], src, used, time_col)
    # integer ids stay integers of their type in the outputs (pandas' nullable ones, as the first file names them)
    ids = _dtype_ids(ddf.dtypes[id_col], None if id_col in retyped else pandas_dtype_name(_first_schema(src), id_col))
    _refuse_half_floats(ddf, src, coordinates if text is None else None)
    with time_refusals_named(src):
        check_time_type(ddf.dtypes[time_col], time_col, time_unit)
    _refuse_misread(model, ddf, lon, lat, crs, src, text, given)
    ddf = ddf.assign(_row=1)
    ddf["_row"] = ddf["_row"].cumsum() - 1
    by_vehicle = ddf.shuffle(on=id_col, npartitions=partitions or ddf.npartitions)
    options = {"max_gap_s": max_gap_s, "max_gap_m": max_gap_m, "zones": zones, "time_unit": time_unit}
    # (read from the input's partitions, before the shuffle; judged in the shuffle's)
    span = _time_span(ddf, time_col, time_unit, True, by_vehicle.npartitions)
    folder = str(model.folder)
    gpkg = _gpkg_output(dst)
    with time_refusals_named(src), _outputs(src, dst, summary) as (parts, summary_path):
        wanted = example_labels((lon, lat), coordinates, time_col)  # (the rows the summary names, and their columns)
        tasks = [
            dask.delayed(_as_caller(events_partition))(
                part, folder, id_col, time_col, lon, lat, crs, options, span, text, wanted
            )
            for part in by_vehicle.to_delayed()
        ]
        if gpkg is not None:  # one layer, written here in the local job's order
            results = _write_events_gpkg(tasks, Path(parts), gpkg.stem, scheduler, n_workers, ids)
        else:
            written = [dask.delayed(_write_events_part)(t, parts, k, len(tasks), ids) for k, t in enumerate(tasks)]
            with _client(scheduler, n_workers):
                results = list(dask.compute(*written))
        report = EventsSummary(src, dst, partitions=len(tasks), notes=notes)  # (the local job's notes)
        report.summary_output = None if summary is None else str(summary)  # (its line in the report, as locally)
        if summary is not None and file_format(Path(_local(str(summary))), "output") == "csv":
            # its text encoding in the report (``--json``'s output_encoding) as locally: UTF-8, the input being Parquet
            report.output_encoding, report.csv_outputs = "utf-8", (str(summary),)
        summaries = []
        named_rows: dict[str, Any] = {}
        use = (0, 0)  # (the time column's numbers and other values given: zonetime.unit_use, over every partition)
        read_notes: list[Any] = []  # (the partitions' points' notes: float32 coordinates' step, made one)
        for counts, part_summary, rejected, rows, part_found, part_use, part_notes in results:
            use = (use[0] + part_use[0], use[1] + part_use[1])
            read_notes = merged_notes([*read_notes, *part_notes])
            report.rows += int(rows)
            report.events.update({str(k): int(v) for k, v in counts.items()})
            report.rejected.update(rejected)
            for status, items in part_found.items():  # (row numbers in the dataset already: _row)
                for row, values in items:
                    keep_first(named_rows, status, row, values)
            report.vehicles += int(part_summary["id"].nunique())
            summaries.append(part_summary)
        # ids written alike ('V17', 'V17 '), each a vehicle: noted as the local engine notes them, from the
        # partitions' summaries (a vehicle's id once each), gathered here anyway
        from avzone.events import lookalike_ids_note

        report.notes += [n for n in read_notes if n not in report.notes]
        from avzone.tracks import ids_text_note

        for target in (dst, summary):  # (uint64 ids, text in a GeoPackage: said, as the local engine says it)
            if (as_text := ids_text_note(target, ids)) is not None:
                report.notes.append(as_text)
        report.examples = _in_parts(src, row_examples(named_rows, time_unit))
        report.row_numbering = _row_numbering(src)
        if (alike := lookalike_ids_note([v for frame in summaries for v in frame["id"].unique().tolist()])) is not None:
            report.notes.append(alike)
        from avzone.zonetime import unit_unused_note

        if (unused := unit_unused_note(time_unit, time_col, *use)) is not None:  # (a unit no value took)
            report.notes.append(unused)
        if summary_path is not None:
            # a .tsv or .tab summary with tabs, as the local engine writes it (the input is Parquet: else commas)
            tabs = summary is not None and Path(summary).suffix.lower() in TAB_SUFFIXES
            writer = _Writer(
                summary_path,
                dialect=CsvDialect(delimiter="\t") if tabs else None,
                layer=Path(_local(str(summary))).stem,
                ids=ids,
            )
            try:
                # the vehicles in order of first appearance in the dataset, as the local engine lists them (the
                # partitions hold them in the shuffle's order); a vehicle's rows in one partition, kept in order
                every = [frame for frame in summaries if len(frame)]
                if every:
                    whole = pd.concat(every, ignore_index=True)
                    order = np.argsort(whole[_FIRST].to_numpy(dtype=np.int64), kind="stable")
                    writer.write(whole.take(order).drop(columns=_FIRST))
                writer.close(summaries[0].iloc[:0].drop(columns=_FIRST) if summaries else pd.DataFrame())
            finally:
                writer.abort()
    return report

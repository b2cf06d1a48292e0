"""A folder of Parquet parts as one input: the rules both engines read such a folder by, and the local engine's reader.

Which files of a folder are its parts (:func:`_parts_of`: every file but those whose names, or the names of folders
holding them, begin with ``_`` or ``.``), in which order (:func:`_in_row_order`), what each part's footer says
(:func:`_file_schemas`, read once per job: :func:`_reads_footers_once`), the columns and types of one file of every
part (:func:`_dataset_schema`, :func:`_part_types`), hive folders' columns (:func:`hive_partitioning`,
:func:`hive_text_note`), what is refused (a folder with no part, a part that is not Parquet, types that do not mix,
a hive column of nulls alone, a part lacking the column another stores its pandas index in), and how a Parquet
file that cannot be read is said (:func:`unreadable_parquet_file`, :func:`damaged_parquet`): the dask engines
(:mod:`avzone.distributed`) and the local file jobs (:func:`avzone.batch.open_source`, through :func:`read_parts`)
read a folder by these, so that both answer alike. Needs no Dask.
"""

from __future__ import annotations

import bisect
import codecs
import contextvars
import functools
import io
import itertools
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, ParamSpec, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from avzone import i18n, zonetime
from avzone.errors import InputError
from avzone.i18n import Job, Joined, Message

_P = ParamSpec("_P")
_R = TypeVar("_R")


FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".gpkg": "gpkg",
    ".shp": "shp",
}


def one_line(exc: BaseException) -> str:
    """An error's text on one line (pyarrow's span several); the system's common refusals (no such file,
    permission denied...) said in Chinese too (:func:`avzone.i18n.os_reason`)."""
    said = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
    return i18n.os_reason(exc, said) if isinstance(exc, OSError) else said


def unreadable_parquet(exc: BaseException, path: Path, done: int, chunk_rows: int) -> InputError:
    """The refusal of a Parquet file whose rows after the first ``done`` (a batch of up to ``chunk_rows``) pyarrow
    could not read: naming the file, pyarrow's reason on one line, and, where one row group of a file of several
    is damaged (the first of those the batch reads that cannot be read alone), its rows and number, as the dask
    engine names them, with what to do about it (:func:`damaged_parquet`)."""
    reason = one_line(exc)
    try:
        pf = pq.ParquetFile(path, pre_buffer=False)
        meta = pf.metadata
        first = 0
        for group in range(meta.num_row_groups):
            count = meta.row_group(group).num_rows
            if first + count > done and count:  # a row group the failed batch reads
                if first >= done + chunk_rows:
                    break
                try:
                    pf.read_row_group(group)
                except (OSError, pa.ArrowException):
                    if meta.num_row_groups < 2:
                        break
                    return damaged_parquet(path, reason, (first + 1, first + count, str(group)))
            first += count
    except Exception:  # (the file named alone)
        pass
    return damaged_parquet(path, reason)


def damaged_parquet(file: str | Path, reason: str, rows: tuple[int, int, str] | None = None) -> InputError:
    """The refusal of a Parquet file that cannot be read, as both engines say it: the file named, pyarrow's
    ``reason`` (on one line), and, where ``rows`` are given (the first and last rows, counted from 1, of the row
    groups that cannot be read, and those groups' numbers, ``"2"`` or ``"2-3"``), where in the file
    (``err_cannot_read_parquet_rows``; else ``err_cannot_read_parquet``), with what to do about it
    (``hint_parquet_damaged``). Its footer damaged or cut short, a row group's pages overwritten: the same words
    from the single-process jobs (:func:`unreadable_parquet`) and the dask engine (``avzone.distributed``)."""
    if rows is None:
        said = Message("err_cannot_read_parquet", file=file, reason=reason)
    else:
        first, last, groups = rows
        said = Message("err_cannot_read_parquet_rows", file=file, reason=reason, first=first, last=last, groups=groups)
    return InputError(Message("err_with_hint", error=said, hint=Message("hint_parquet_damaged")))


#: How many of a file's first bytes :func:`not_parquet` is given.
PARQUET_HEAD = 64


def not_parquet(head: bytes) -> Message | None:
    """Why a file whose first bytes are ``head`` (:data:`PARQUET_HEAD` of them, or the whole file if shorter) is not
    Parquet: it does not begin as every Parquet file does, with ``PAR1`` (or ``PARE``, encrypted). The file empty
    (``dask_part_empty``), else what it begins with instead (``parquet_no_magic``): a text (its first line, cut
    short; said to look like a CSV file's header where it holds a comma, semicolon, tab or bar), else its first
    bytes in hexadecimal. None for a file that begins as Parquet (one cut short or damaged:
    :func:`damaged_parquet`). The one rule of both engines: a file job's input, a dask job's file, a part of a
    folder the dask engine reads (``avzone.distributed``)."""
    if head[:4] in (b"PAR1", b"PARE"):
        return None
    if not head:
        return Message("dask_part_empty")
    try:  # (a character cut by the end of the head left out)
        text = codecs.getincrementaldecoder("utf-8")().decode(head.removeprefix(codecs.BOM_UTF8))
    except UnicodeDecodeError:
        text = ""
    if text.strip() and all(c.isprintable() or c in "\t\r\n" for c in text):
        line = next(part for part in text.splitlines() if part.strip())[:40]
        kind = "parquet_start_csv" if any(c in line for c in ",;\t|") else "parquet_start_text"
        start = Message(kind, text=line)
    else:
        start = Message("parquet_start_bytes", bytes=head[:8].hex(" ").upper())
    return Message("parquet_no_magic", start=start)


def unreadable_parquet_file(file: str | Path, exc: BaseException, opener: Callable[[], Any]) -> InputError:
    """The refusal of a Parquet input ``file`` whose footer could not be read (``exc``), as both engines say it (a
    file job's input, a dask job's file or part): ``opener`` opens the file (binary, seekable) to see what it holds.

    Permission denied: said so, with what to do (:func:`permission_denied`). A file that does not begin as Parquet
    does: not Parquet (:func:`not_parquet_error`). One that begins so (``PAR1``) but does not end so, as every
    Parquet file does after its footer: cut short, an interrupted copy or write (``err_parquet_incomplete``). One
    that begins and ends so: its footer damaged (``hint_parquet_footer_damaged``), with the reader's reason. One
    that cannot be opened to look is not said to be damaged: gone since (``err_no_such_file``), a pipe or a device
    (``err_not_regular_file``), else why, as the system says it (``err_cannot_read``)."""
    if isinstance(exc, PermissionError):
        return permission_denied(file)
    try:
        with opener() as opened:
            head = opened.read(PARQUET_HEAD)
            size = opened.seek(0, io.SEEK_END)
            opened.seek(max(size - 4, 0))
            tail = opened.read(4)
    except PermissionError:
        return permission_denied(file)
    except FileNotFoundError:  # (gone since the reader failed: moved or deleted meanwhile)
        return InputError(Message("err_no_such_file", file=file))
    except OSError as opening:  # (cannot be looked at: nothing says it is damaged; why, as the system says it)
        kind = _special_file(file) if isinstance(file, Path) or "://" not in str(file) else None
        if kind is not None:  # (a pipe: cannot be sought)
            return InputError(Message("err_not_regular_file", file=file, kind=Message(kind)))
        return InputError(Message("err_cannot_read", file=file, reason=one_line(opening)))
    why = not_parquet(head)
    if why is not None:  # (a CSV file renamed: not Parquet at all)
        return not_parquet_error(file, why)
    if size < 12 or tail not in (b"PAR1", b"PARE"):  # (no room for a footer's length and the magic bytes after it)
        said = Message("err_parquet_incomplete", file=file, reason=Message("parquet_no_footer"))
        return InputError(Message("err_with_hint", error=said, hint=Message("hint_parquet_cut_short")))
    said = Message("err_cannot_read_parquet", file=file, reason=one_line(exc))
    return InputError(Message("err_with_hint", error=said, hint=Message("hint_parquet_footer_damaged")))


def _special_file(path: str | Path) -> str | None:
    """The catalogue key naming what ``path`` is when it exists but is neither a regular file nor a folder (a pipe,
    as ``<(zcat f.csv.gz)`` gives, a socket, a device), which an input job cannot read from its start again; else
    None."""
    import stat

    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    kinds = ((stat.S_ISFIFO, "kind_fifo"), (stat.S_ISSOCK, "kind_socket"), (stat.S_ISCHR, "kind_char_device"))
    return next((key for test, key in kinds if test(mode)), "kind_block_device" if stat.S_ISBLK(mode) else None)


def permission_denied(file: str | Path) -> InputError:
    """The refusal of an input ``file`` (or folder) the user running avzone may not read, with what to do."""
    said = Message("err_permission_denied", file=file)
    return InputError(Message("err_with_hint", error=said, hint=Message("hint_permission")))


def not_parquet_error(file: str | Path, reason: Message) -> InputError:
    """The refusal of a file read as Parquet (by its extension, ``.parquet``) that is not Parquet at all: the file
    named, ``reason`` (:func:`not_parquet`), and what to do (``hint_not_parquet``), as both engines say it; an
    empty file as every empty input is said (``err_empty_file``)."""
    if reason.key == "dask_part_empty":
        return InputError(Message("err_empty_file", file=file))
    said = Message("err_not_parquet", file=file, reason=reason)
    return InputError(Message("err_with_hint", error=said, hint=Message("hint_not_parquet")))


def spark_int96_columns(footer: pq.FileMetaData) -> set[str]:
    """:func:`spark_int96` of a Parquet file's footer (the dask engine reads each part's once before a job)."""
    meta = footer.metadata or {}
    if not any(key.startswith(b"org.apache.spark.") for key in meta):
        return set()
    schema = footer.schema.to_arrow_schema()
    out = set()
    for i in range(len(footer.schema)):
        column = footer.schema.column(i)
        name = column.path
        if column.physical_type == "INT96" and name in schema.names:
            kind = schema.field(name).type
            if pa.types.is_timestamp(kind) and kind.tz is None:
                out.add(name)
    return out


class _Files(NamedTuple):
    """A dataset's files as their footers give them (:func:`_file_schemas`)."""

    fs: Any  #: the fsspec file system
    files: list[str]  #: the files, in row order (:func:`_in_row_order`)
    schemas: list[pa.Schema]  #: each file's schema as the local job reads it (:func:`_as_read`)
    footers: list[Any]  #: each file's footer (``pyarrow.parquet.FileMetaData``)


#: The footers a job has read (:func:`_file_schemas`), by dataset, while it runs (:func:`_reads_footers_once`).
_FOOTERS: contextvars.ContextVar[dict[str, _Files | None] | None] = contextvars.ContextVar(
    "avzone_footers", default=None
)


#: The schema metadata naming, by file, the columns of Spark's INT96 timestamps read as UTC (:func:`_as_read`).
_SPARK_UTC = b"avzone.spark_int96_utc"

#: The schema metadata naming a folder's parts and their rows, for a worker's refusals (:func:`_part_place`).
_PART_ROWS = b"avzone.part_rows"


def _reads_footers_once(job: Callable[_P, _R]) -> Callable[_P, _R]:
    """``job`` reading each part's footer once: the schema, the columns' types and the parts' CRSs share them.

    (Each of those read every footer again: three requests per part on an
    object store before the cluster had any work.) The footers are kept for
    the call only: the next job reads the dataset as it is then. The workers
    read a file's rows by the footer read here, or by Dask planning its
    partitions (:class:`_Footed`), not again for each partition.
    """

    @functools.wraps(job)
    def once(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        token = _FOOTERS.set({})
        try:
            return job(*args, **kwargs)
        finally:
            _FOOTERS.reset(token)

    return once


#: The job running (``locate``, ``events``: :func:`_runs_as`), that its messages name with the local engine's.
_JOB: contextvars.ContextVar[str] = contextvars.ContextVar("avzone_dask_job", default="locate")


def _runs_as(name: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """The job ``name`` (``locate``, ``events``), its messages naming it and the local engine's as its caller runs
    them (:func:`_engines`)."""

    def runs(job: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(job)
        def named(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            token = _JOB.set(name)
            try:
                return job(*args, **kwargs)
            finally:
                _JOB.reset(token)

        return named

    return runs


def _engines() -> dict[str, Job]:
    """The running job (:data:`_JOB`) with Dask and with the local engine, as its caller runs them
    (``avzone locate --engine dask``, ``avzone.distributed.locate_parquet_dask()``: :class:`avzone.i18n.Job`), for a
    message's ``dask`` and ``local`` fields."""
    job = _JOB.get()
    return {"dask": Job(job, "dask"), "local": Job(job, "local")}


def hive_partitioning(fs: Any, files: list[str]) -> Any:
    """How the dask engines read the folder columns of ``files`` (paths in the fsspec file system ``fs``) in hive
    folders (``zone=01/``): a ``pyarrow.dataset`` partitioning factory (None where no folder names a column), to
    read them so elsewhere too (``pq.read_table(folder, partitioning=...)``: one file of every part, as the local
    engines read it). A column is read as integers only where every value its folders give is the canonical
    text of one, as ``str(int(value))`` gives it back (``7``, ``-12``): int32 where int32 holds them all (as
    pyarrow reads integers), int64 where int64 does (``vehicle=10000000000``, which pyarrow reads as text:
    :func:`_folder_type`), else as text, each value as the folder names it (``01``, ``007``, ``+7``, ``-0``, ``1e3``,
    ``2024-06-01``: pyarrow's inference made ``01`` the integer 1, ``+7`` 7). A folder of Hive's null value
    (``__HIVE_DEFAULT_PARTITION__``) is a null, not a value; a column that is Hive's null value in every folder (no
    value to type it by: pyarrow refuses to read it, "couldn't infer type") is an :class:`InputError` naming the
    column and a folder of it."""
    import pyarrow.dataset as pa_ds

    found = _hive_values(fs, files)
    if found is None:
        return None
    types = [_folder_type(values) for values in found.values()]
    return pa_ds.HivePartitioning.discover(schema=pa.schema(list(zip(found, types))))


def _hive_values(fs: Any, files: list[str]) -> dict[str, list[str]] | None:
    """The columns the hive folders of ``files`` name, in pyarrow's order, each with its values as the folders'
    text (Hive's null value not among them), for :func:`hive_partitioning` and :func:`hive_text_note`; None where
    no folder names a column. A column that is Hive's null value in every folder is an :class:`InputError`."""
    import pyarrow.dataset as pa_ds
    from pyarrow.fs import FSSpecHandler, PyFileSystem

    arrow_fs = PyFileSystem(FSSpecHandler(fs))
    fmt = pa_ds.ParquetFileFormat()

    def found(factory: Any) -> Any:  # (the folder names alone: no file is read)
        options = pa_ds.FileSystemFactoryOptions()
        options.partitioning_factory = factory
        made = pa_ds.FileSystemDatasetFactory(arrow_fs, list(files), fmt, options)
        return made.finish(made.inspect(fragments=0)).partitioning

    # the columns in pyarrow's order, then every column's values as the folders' text; Hive's null value taken as
    # text here, not a value (pyarrow refuses a column of nulls alone, having no value to type it by: so does Dask)
    null = "/"  # (no folder's name)
    names = found(pa_ds.HivePartitioning.discover(null_fallback=null)).schema.names
    if not names:
        return None
    text = found(pa_ds.HivePartitioning.discover(null_fallback=null, schema=pa.schema([(n, "string") for n in names])))
    held = [[v for v in values.to_pylist() if v != _HIVE_NULL] for values in text.dictionaries]
    for name, values in zip(names, held):
        if not values:  # (Hive's null value alone)
            segment = f"{name}={_HIVE_NULL}"
            where = next(f for f in files if f"/{segment}/" in f"/{f}")
            folder = where[: where.index(f"/{segment}/")] or "/"  # (the folder holding it)
            raise InputError(
                Message("err_dask_hive_all_null", folder=_part_name(folder, fs), column=name, example=segment)
            )
    return dict(zip(names, held))


def hive_text_note(src: str) -> Message | None:
    """The note of a dask job whose input ``src`` is in hive folders that give a column integers int64 cannot hold
    (``vehicle=18446744073709551616/``, beyond 9223372036854775807): read as text, each value as its folder names
    it (:func:`_folder_type`), where a column of smaller integers is read as integers. Naming the input, each such
    column with its first value beyond int64, and why; None when no column is read so (a column of values that are
    no integer's canonical text, ``01``, ``v7``, is text as written, with no note)."""
    found = _file_schemas(src)
    if found is None or not any("=" in f for f in found.files):
        return None
    named = _hive_values(found.fs, found.files) or {}
    wide = []
    for name, values in named.items():
        numbers = [_canonical_integer(v) for v in values]
        if numbers and all(n is not None for n in numbers) and _folder_type(values) == pa.string():
            beyond = next(v for v, n in zip(values, numbers) if n is not None and not -(2**63) <= n < 2**63)
            wide.append(f"{name!r} ({beyond})")
    if not wide:
        return None
    return Message("note_hive_text", folder=src, columns=Joined(wide, "comma"))


def _folder_type(values: list[str]) -> pa.DataType:
    """The type a folder column (its values as text, Hive's nulls not among them) is read in: int32 where every
    value is the canonical text of an int32 (as pyarrow reads such a column), int64 where every one is that of an
    int64 (``vehicle=10000000000``, which pyarrow reads as text), else text (no value, a value of more digits:
    text too)."""
    numbers = [_canonical_integer(v) for v in values]
    if not numbers or any(n is None for n in numbers):
        return pa.string()
    if all(-(2**31) <= n < 2**31 for n in numbers if n is not None):
        return pa.int32()
    if all(-(2**63) <= n < 2**63 for n in numbers if n is not None):
        return pa.int64()
    return pa.string()


def _canonical_integer(value: str) -> int | None:
    """The integer ``value`` is the canonical text of, as ``str(int(value))`` gives it back (``7``, ``-12``; not
    ``007``, ``+7``, ``-0``, ``1e3``), or None."""
    try:
        number = int(value)
    except ValueError:  # (not an integer; or of more digits than Python reads)
        return None
    return number if str(number) == value else None


#: Hive's name of a null folder value (``day=__HIVE_DEFAULT_PARTITION__``), pyarrow's too.
_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def _conform(
    table: pa.Table,
    schema: pa.Schema | None,
    columns: list[Any] | None,
    utc: frozenset[str] = frozenset(),
    place: Callable[[int], tuple[Any, int]] | None = None,
) -> pa.Table:
    """``table`` (one file's rows) with the dataset's types, and the ``columns`` asked for that the file lacks as nulls.

    ``schema`` is the one :func:`_dataset_schema` gave Dask (every part's
    columns, each in the one type that holds them all): one file of every part
    holds a column some parts lack, null in their rows. Naive times cast to a
    zoned type are read as Beijing time (only the time column is, :func:`_part_types`),
    but for the file's columns ``utc``: Spark's INT96 timestamps, instants in UTC
    (:func:`_spark_utc`), read as UTC as the local job reads them.

    A value that type cannot hold (an integer beyond 2**53 where other parts
    hold floats, a time in milliseconds beyond 2262 where others are in
    nanoseconds, in a part without statistics to find it before: :func:`_refuse_times_beyond`) is an
    :class:`InputError` naming the column, the value, both types and where it is: ``place`` gives the file and
    row a message names for a row of ``table`` (a folder's part and its row there, :func:`row_in_parts`).
    """
    if schema is None:
        return table
    for field in schema:
        at = table.schema.get_field_index(field.name)
        if at >= 0 and table.schema.field(at).type != field.type:
            column = table.column(at)
            naive = pa.types.is_timestamp(column.type) and column.type.tz is None
            held = column.type
            try:
                if naive and _is_zoned(field.type) and field.name not in utc:
                    column = pc.assume_timezone(column, zonetime.BEIJING_TZ)  # naive times are Beijing time
                table = table.set_column(at, field.name, column.cast(field.type))
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise _value_refused(table.column(at), held, field, exc, place) from None
        elif at < 0 and (columns is None or field.name in columns):
            table = table.append_column(field, pa.nulls(len(table), field.type))
    return table


def _value_refused(
    column: pa.ChunkedArray,
    held: pa.DataType,
    field: pa.Field,
    exc: BaseException,
    place: Callable[[int], tuple[Any, int]] | None,
) -> InputError:
    """The refusal of a part's ``column`` (of type ``held``) that cannot be read as ``field``'s type (:func:`_conform`):
    its first value that cannot (found by halves: each half cast again, for the one failure) named by its file and
    row (``place``: :func:`row_in_parts`), with pyarrow's reason and what to do."""

    def fails(lo: int, hi: int) -> bool:
        part = column.slice(lo, hi - lo)
        try:
            if pa.types.is_timestamp(held) and held.tz is None and _is_zoned(field.type):
                part = pc.assume_timezone(part, zonetime.BEIJING_TZ)
            part.cast(field.type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return True
        return False

    lo, hi = 0, len(column)
    while hi - lo > 1:  # (the first failing row lies in [lo, hi))
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if fails(lo, mid) else (mid, hi)
    file, row = place(lo) if place is not None else ("?", lo)
    fields = {"file": file, "column": field.name, "row": f"{row:,}", "value": _value_text(column, lo)}
    fields["reason"] = one_line(exc)
    return InputError(Message("err_part_value_type", type=str(held), to=str(field.type), **fields))


def _value_text(column: pa.ChunkedArray, row: int) -> i18n.Quoted:
    """The value of ``column`` in ``row`` as a message quotes it: as Arrow writes it as text, a time beyond what it can
    be written as by its count of its type's units."""
    one = column.slice(row, 1)
    try:
        text = pc.cast(one, pa.string())[0].as_py() if len(one) else None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = None
    if text is None or text.startswith("<"):  # (Arrow's "<value out of range: ...>")
        try:
            text = str(one.cast(pa.int64())[0].as_py())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, IndexError):
            text = "?"
    return i18n.Quoted.of(text)


def _spark_utc(schema: pa.Schema | None, path: str) -> frozenset[str]:
    """The columns of the file at ``path`` that hold Spark's INT96 timestamps, as the dataset's ``schema`` names them.

    (:func:`_dataset_schema` names them by file in its metadata, from the footers
    read before the job: a worker reads no footer again to find them.)
    """
    named = (schema.metadata or {}).get(_SPARK_UTC) if schema is not None else None
    if not named:
        return frozenset()
    return frozenset(json.loads(named).get(path, ()))


def _is_zoned(kind: pa.DataType) -> bool:
    return pa.types.is_timestamp(kind) and kind.tz is not None


def _file_schemas(src: str) -> _Files | None:
    """The file system, files and schemas of a dataset, a file or a folder of them (each footer read); else None.

    Each schema as the local job reads that file (:func:`_as_read`). Read
    once per job (:func:`_reads_footers_once`).
    """
    read = _FOOTERS.get()
    if read is not None and src in read:
        return read[src]
    found = _read_file_schemas(src)
    if read is not None:
        read[src] = found
    return found


def _read_file_schemas(src: str) -> _Files | None:
    """:func:`_file_schemas`, read: each footer once (the files listed without reading one for a schema).

    The files of a folder are its parts (:func:`_parts_of`): a folder with none is an :class:`InputError`. A file
    that is not Parquet is an :class:`InputError` naming it: one of another format by its name (``.csv``: the dask
    engines read Parquet only; in a folder, where no other file is Parquet), one that does not begin as a Parquet
    file does (:func:`_not_a_part`) in a folder of Parquet parts (notes, an empty file) with what to do with it;
    else (the file given, a part cut short or damaged, one the user may not read) as the file jobs say it
    (:func:`avzone.batch.unreadable_parquet_file`). A folder under ``src`` that may not be listed is named so.
    """
    import concurrent.futures

    import pyarrow.parquet as pq

    try:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(src)
        files = _parts_of(fs, path)
    except PermissionError as exc:  # (a folder under it that may not be listed: found and named)
        raise permission_denied(_denied_path(exc, src) or src) from None
    except Exception:  # Dask reads it: its own schema (that of its first file)
        _refuse_columns_twice(src)
        return None
    if not files:
        raise InputError(Message("err_dask_no_parts", file=src))
    folder = files != [path]

    def footer(f: str) -> Any:
        try:
            return pq.read_metadata(f, filesystem=fs)
        except (OSError, pa.ArrowException) as exc:  # a part cut short, or not Parquet: named below
            return exc

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        footers = list(pool.map(footer, files))
    failed = next(((f, e) for f, e in zip(files, footers) if isinstance(e, BaseException)), None)
    if failed is not None:
        f, error = failed
        parquet = any(not isinstance(e, BaseException) for e in footers)  # (a folder of Parquet parts)
        fmt = FORMATS.get(os.path.splitext(f)[1].lower())
        if fmt is not None and fmt != "parquet" and not parquet:  # (a CSV file at a URL, a folder of them)
            raise InputError(Message("err_dask_parquet_only", file=_part_name(f, fs), format=fmt, **_engines()))
        if folder and (stray := _not_a_part(fs, f)) is not None:  # (notes, an empty file in a folder of parts)
            raise InputError(stray.with_folder(src))
        raise unreadable_parquet_file(_part_name(f, fs), error, lambda: fs.open(f, "rb"))  # (the file jobs' rule)
    return _Files(fs, files, [_as_read(f) for f in footers], footers)


def _parts_of(fs: Any, path: str) -> list[str]:
    """The Parquet parts of the dataset at ``path`` in ``fs``, in row order (:func:`_in_row_order`): the file itself,
    or every file under the folder but those whose names, or the names of the folders holding them under it, begin
    with ``_`` or ``.`` (pyarrow's and Spark's rule: ``_SUCCESS``, ``_metadata``, ``_common_metadata``, ``.crc``
    files, ``.DS_Store``, ``_temporary/``), whatever their extension. The dask engines read exactly these
    (:func:`_read_parquet`): neither a ``_metadata`` file's list of files nor Dask's rule (files named ``.parquet``,
    ``.parq`` or ``.pq``, at any depth, hidden ones too) chooses them."""
    import pyarrow.dataset as ds

    # (listed with no schema found: pyarrow would read the first file's footer for it, read after)
    listed = ds.dataset(path, filesystem=fs, format="parquet", schema=pa.schema([]), ignore_prefixes=[".", "_"])
    return _in_row_order(listed.files)


class _NotAPart(NamedTuple):
    """A file of a folder of Parquet parts that is not Parquet (:func:`_not_a_part`), and why."""

    file: str
    reason: Message

    def with_folder(self, folder: str) -> Message:
        """The refusal naming the file, the ``folder`` and a name that leaves the file out (``_notes.txt``)."""
        name = self.file.rstrip("/").rsplit("/", 1)[-1]
        example = name if name.startswith("_") else f"_{name}"
        return Message("err_dask_not_a_part", file=self.file, reason=self.reason, folder=folder, example=example)


def _not_a_part(fs: Any, f: str) -> _NotAPart | None:
    """The file ``f`` (of a folder, or the one given) as not Parquet, where it does not begin as every Parquet file
    does (:func:`avzone.batch.not_parquet`, the file jobs' rule): empty, or notes, a README, a checksum, a CSV file
    named ``.parquet``; None for a Parquet file (cut short, or damaged), or one that cannot be read here."""
    try:
        with fs.open(f, "rb") as opened:
            head = opened.read(PARQUET_HEAD)
    except Exception:  # (said as it is, by the footer's error)
        return None
    why = not_parquet(head)
    return None if why is None else _NotAPart(_part_name(f, fs), why)


def _in_row_order(files: list[str]) -> list[str]:
    """A dataset's ``files`` in the order Dask reads them, that of the output's rows: by name, numbers in names as
    numbers (``part.9`` before ``part.10``), where pyarrow lists them by name alone (``part.10`` first)."""
    return sorted(files, key=_natural_key)


def _natural_key(name: str) -> list[Any]:
    """``name`` as :func:`_in_row_order` sorts it: its runs of digits as numbers, the rest as text (Dask's
    ``natural_sort_key``, here so that the local engine, which needs no Dask, lists a folder's parts alike)."""
    return [int(run) if run.isdigit() else run for run in re.split(r"(\d+)", name)]


#: Whether the folder is read by the local engine (:func:`read_parts`), whose refusals name no Dask job.
_LOCAL: contextvars.ContextVar[bool] = contextvars.ContextVar("avzone_local_parts", default=False)


class PartsRead(NamedTuple):
    """A folder of Parquet parts as the local file jobs read it, one input (:func:`read_parts`)."""

    schema: pa.Schema  #: one file of every part's: the parts' columns, then the hive folders' columns
    batches: Iterator[pa.RecordBatch]  #: the rows, part after part (:func:`_in_row_order`), each part's in order
    total: int  #: the rows of every part (their footers')
    notes: list[Any]  #: what reading the folder noticed (:func:`hive_text_note`)
    files: list[str]  #: the parts, in row order
    rows: list[int]  #: each part's rows


@_reads_footers_once
def read_parts(src: str, chunk_rows: int, time_col: str | None = None) -> PartsRead:
    """The local folder ``src`` of Parquet parts (Spark's, DuckDB's, pandas' or Dask's output folders, in hive
    folders too: ``city=bj/part-0.parquet``) read as one input by the local file jobs, by the dask engines' rules.

    The parts are those the dask engines read (:func:`_parts_of`: every file but those whose names, or the
    names of folders holding them, begin with ``_`` or ``.``), in their order (:func:`_in_row_order`: by path,
    numbers in names as numbers, ``part-9`` before ``part-10``); each part's rows in its order, read ``chunk_rows``
    at a time, one part after another (memory bounded as for one file: no batch spans two parts). Their columns
    are those of one file of every part (:func:`_dataset_schema`: a column some parts lack is null in their rows;
    types that differ are read in the one type that holds them, as pyarrow's permissive promotion gives it, and
    types that do not mix are an :class:`InputError` naming the column and two parts; ``time_col`` naive in some
    parts and zoned in others is read as the zoned parts' zone, naive times as Beijing time), then the hive
    folders' columns (:func:`hive_partitioning`: integers where every folder value is an integer's text, else
    text; Hive's null value a null; a column that is Hive's null value alone refused; a column the files hold
    too is the files'), each as its plain values (Dask's parts hold a text folder column as categories), and
    ``notes`` say a folder column read as text for integers beyond int64 (:func:`hive_text_note`). A folder
    with no part, a part that is not Parquet (named, with what to do), a part that cannot be read (named by
    :func:`avzone.batch.unreadable_parquet`, with its rows when one row group of it is damaged), and parts one
    of which lacks the column another stores its pandas index in (:func:`_refuse_index_lacking`) are refused
    as the dask engines refuse them; so is a part's value the one type of its column cannot hold, named by its
    part, its row there and the row over the folder (:func:`_conform`, :func:`row_in_parts`). The schema's
    metadata is the first part's (:func:`_input_metadata`).
    """
    _refuse_other_format_parts(src)
    token = _LOCAL.set(True)
    try:
        return _read_parts(src, chunk_rows, time_col)
    finally:
        _LOCAL.reset(token)


def _read_parts(src: str, chunk_rows: int, time_col: str | None) -> PartsRead:
    """:func:`read_parts`, its refusals the local engine's (:data:`_LOCAL`)."""
    import pyarrow.parquet as pq

    found = _file_schemas(src)
    if found is None:  # (listing the folder failed: said as the file jobs say an input they cannot read)
        raise InputError(Message("err_no_such_file_or_folder", file=src))
    fs, files, schemas, footers = found
    unified, hive = _dataset_schema(src, time_col)
    held = list(unified) if unified is not None else list(schemas[0])
    names = [f.name for f in held]
    _refuse_index_lacking(src, names)
    declared, views = _file_fields(src), _view_types(src)
    fields = []
    for f in held:
        kind = views[f.name] if f.name in views and _without_view(views[f.name]) == f.type else f.type
        fields.append(declared[f.name].with_type(kind) if f.name in declared else f.with_type(kind))
    stored = pa.schema(fields)  # (the parts' columns, each part's conformed to them: _conform)
    keys: dict[str, dict[str, Any]] = {}
    folder_fields: list[pa.Field] = []
    if hive or any("=" in f for f in files):
        import pyarrow.dataset as pa_ds

        found_values = _hive_values(fs, files)  # (as hive_partitioning types them: the dask engines' types)
        if found_values is not None:
            typed = pa.schema([(name, _folder_type(values)) for name, values in found_values.items()])
            folder_fields = [f for f in typed if f.name not in names]
            keys = _hive_keys(fs, files, pa_ds.HivePartitioning(typed, null_fallback=_HIVE_NULL))
    metadata = _input_metadata(src, set(_part_types(src, names, found, time_col)))  # (as the dask jobs keep it)
    schema = pa.schema([*fields, *folder_fields], metadata=metadata or None)
    notes = [n for n in [hive_text_note(src)] if n is not None]

    named = ([_part_name(f, fs) for f in files], [footer.num_rows for footer in footers])
    starts = list(itertools.accumulate(named[1], initial=0))

    def batches() -> Iterator[pa.RecordBatch]:
        for k, (f, footer) in enumerate(zip(files, footers)):
            utc = _spark_utc(unified, f)
            values = keys.get(f, {})
            try:  # (gone or unreadable since its footer was read: the part named, as the file jobs name a file)
                opened = fs.open(f, "rb")
            except OSError as exc:
                raise unreadable_parquet_file(_part_name(f, fs), exc, functools.partial(fs.open, f, "rb")) from None
            with opened:
                read = pq.ParquetFile(opened, metadata=footer, pre_buffer=False)
                parts = read.iter_batches(batch_size=chunk_rows, use_threads=False)
                done = 0
                while True:
                    try:
                        batch = next(parts)
                    except StopIteration:
                        break
                    except (OSError, pa.ArrowException) as exc:  # a damaged part: named, with its rows
                        raise unreadable_parquet(exc, Path(f), done, chunk_rows) from None
                    first, done = starts[k] + done, done + batch.num_rows  # (its first row over the folder)
                    place = functools.partial(_row_after, src, first, named)  # (a value refused: its part, its row)
                    table = _conform(pa.Table.from_batches([batch]), stored, None, utc, place).select(names)
                    columns = [c.combine_chunks() for c in table.columns]
                    columns = [c if c.type == t else c.cast(t) for c, t in zip(columns, stored.types)]
                    for field in folder_fields:
                        value = values.get(field.name)
                        columns.append(pa.array([value] * batch.num_rows, field.type))
                    yield pa.RecordBatch.from_arrays(columns, schema=schema)

    return PartsRead(schema, batches(), starts[-1], notes, *named)


def _row_after(folder: str, first: int, parts: tuple[list[str], list[int]] | None, row: int) -> tuple[Any, int]:
    """:func:`row_in_parts` of the row ``row`` after the row ``first`` of ``folder``."""
    return row_in_parts(folder, first + row, parts)


def _hive_keys(fs: Any, files: list[str], partitioning: Any) -> dict[str, dict[str, Any]]:
    """Each of ``files``' hive folder values (a column's name and value, as ``partitioning`` reads it: Hive's null
    value a null, a folder column the file is not under absent), by file; no file is read."""
    import pyarrow.dataset as pa_ds
    from pyarrow.fs import FSSpecHandler, PyFileSystem

    options = pa_ds.FileSystemFactoryOptions()
    options.partitioning = partitioning
    made = pa_ds.FileSystemDatasetFactory(
        PyFileSystem(FSSpecHandler(fs)), list(files), pa_ds.ParquetFileFormat(), options
    )
    dataset = made.finish(made.inspect(fragments=0))
    return {frag.path: pa_ds._get_partition_keys(frag.partition_expression) for frag in dataset.get_fragments()}


def _refuse_other_format_parts(src: str) -> None:
    """Refuse a local folder none of whose parts (:func:`_parts_of`) is Parquet and the first of which is named as
    a file of another format avzone reads (a folder of CSV parts, ``part-0.csv``: their header repeated in each,
    their columns read as text, where a folder is read as one input only as Parquet parts), naming the folder,
    that file and its format and what would work; another folder goes on to be read (and refused by its parts)."""
    from fsspec.core import url_to_fs

    try:
        fs, path = url_to_fs(src)
        files = _parts_of(fs, path)
    except Exception:  # (said when the footers are read: _read_file_schemas)
        return
    if not files or files == [path]:
        return
    fmt = FORMATS.get(os.path.splitext(files[0])[1].lower())
    if fmt is None or fmt == "parquet":
        return
    for f in files:
        try:
            with fs.open(f, "rb") as opened:
                if opened.read(4) == b"PAR1":  # (a Parquet part among them: the others refused as no part)
                    return
        except OSError:
            return
    name = {"csv": "CSV", "geojson": "GeoJSON", "gpkg": "GeoPackage", "shp": "Shapefile"}.get(fmt, fmt)
    raise InputError(Message("err_folder_parts_format", folder=src, file=_part_name(files[0], fs), format=name))


def _first_schema(src: str) -> pa.Schema | None:
    """The schema the first file of ``src`` (in row order, :func:`_in_row_order`) stores, its metadata as stored;
    None if it cannot be read here (Dask reads it, or says why not).

    What a job takes from "the input's" schema is taken from there, as from the
    one file of every part (:func:`_dataset_schema`), whose rows it begins.
    """
    found = _file_schemas(src)
    if found is not None:
        first = found[2][0]
        return first.with_metadata({k: v for k, v in (first.metadata or {}).items() if k != _SPARK_UTC})
    try:
        import pyarrow.dataset as ds
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(src)
        return ds.dataset(path, filesystem=fs, format="parquet").schema
    except Exception:  # Dask reads it, or says why not
        return None


def _refuse_columns_twice(src: str) -> None:
    """Refuse a dataset a file of which names a column twice, naming the file and the column (pyarrow lists no
    such dataset, and Dask stops with "Can't unify schema with duplicate field names"); else nothing."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    try:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(src)
        files = ds.dataset(path, filesystem=fs, format="parquet", schema=pa.schema([])).files  # (footers not read)
    except Exception:
        return
    for f in files:
        try:
            names = pq.read_schema(f, filesystem=fs).names
        except Exception:  # (named when read)
            continue
        _refuse_names_twice(src if files == [path] else _part_name(f, fs), names)  # (a folder's one part named)


def _refuse_names_twice(file: str, names: list[str]) -> None:
    """:func:`_refuse_columns_twice` for the file named ``file`` (as the message names it) whose columns are
    ``names``."""
    twice = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if twice is not None and _LOCAL.get():  # (the local engine reading a folder: its parts joined by name)
        raise InputError(Message("err_folder_columns_twice", file=file, column=twice))
    if twice is not None:
        raise InputError(Message("err_dask_columns_twice", file=file, column=twice, **_engines()))


def _as_read(footer: Any) -> pa.Schema:
    """The schema of a file's ``footer`` as the local job reads the file: a Spark file's INT96 timestamps as UTC.

    (:func:`avzone.batch.spark_int96`: instants in UTC stored without their zone, which
    pyarrow reads as naive times, Beijing time here.) Those columns are named in
    the schema's metadata (:data:`_SPARK_UTC`), for :func:`_dataset_schema`.
    """
    schema: pa.Schema = footer.schema.to_arrow_schema()
    utc = spark_int96_columns(footer)
    if not utc:
        return schema
    fields = [f.with_type(pa.timestamp(f.type.unit, "UTC")) if f.name in utc else f for f in schema]
    named = json.dumps(sorted(utc)).encode()
    return pa.schema(fields, metadata={**(schema.metadata or {}), _SPARK_UTC: named})


def _denied_path(exc: BaseException, src: str) -> str | None:
    """The path a ``PermissionError`` under ``src`` is about: its ``filename``, else, for a local ``src``, the first
    folder under it (itself included) that this user may not list, or file this user may not open, looked for
    directly (:func:`_first_denied`: pyarrow's "Cannot list directory" names it only in its text); None if none
    is found (a remote file system, or the permission since given)."""
    filename = getattr(exc, "filename", None)
    if filename:
        return str(filename)
    local = src.removeprefix("file://") if "://" not in src or src.startswith("file://") else None
    return None if local is None else _first_denied(local)


def _first_denied(path: str) -> str | None:
    """The first folder under ``path`` (itself included; in name order, folders before what they hold) that
    ``os.scandir`` may not list, or file that may not be opened, for this user; None when every one may."""
    stack = [path]
    while stack:
        where = stack.pop()
        try:
            if not os.path.isdir(where):
                with open(where, "rb"):
                    continue
            with os.scandir(where) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except PermissionError:
            return where
        except OSError:  # (gone meanwhile, a broken link: not what was refused)
            continue
        stack.extend(e.path for e in reversed(entries) if e.is_dir() or e.is_file())
    return None


def row_in_parts(file: Any, row: int, parts: tuple[list[str], list[int]] | None) -> tuple[Any, int]:
    """The file and row (from 0) a refusal names for row ``row`` (from 0) of the input ``file``: for a folder of
    Parquet parts (``parts``: the parts, as messages name them, and each one's rows, in row order, as
    ``avzone.batch.Source.parts`` holds them; None for one file), the part holding the row, with the row over the
    folder (``part_of_folder``: ``f/part-1.parquet (row 25 over the parts of f in order)``), and the row in that
    part, as a summary names its rows (``example_row_part``); else ``file`` and ``row`` as they are. The one rule of
    both engines' refusals while a folder's rows are read: each error naming a row takes its file and row from
    here where it is made."""
    if parts is None:
        return file, row
    files, counts = parts
    starts = list(itertools.accumulate(counts, initial=0))
    k = bisect.bisect_right(starts, row) - 1
    if not 0 <= k < len(files):  # (past the rows the footers give: named as it is)
        return file, row
    return Message("part_of_folder", part=files[k], row=f"{row:,}", folder=file), row - starts[k]


def _part_name(path: str, fs: Any) -> str:
    """A part's path as a message names it: a local path as it is, else its URL."""
    protocols = fs.protocol if isinstance(fs.protocol, tuple | list) else (fs.protocol,)
    return path if "file" in protocols or "local" in protocols else str(fs.unstrip_protocol(path))


def _dataset_schema(src: str, time_col: str | None = None) -> tuple[pa.Schema | None, bool]:
    """The schema of one file of every part of ``src``, where its parts differ in their columns or types; else None.

    Every column any part's file stores, in the order they first appear (the
    first part's, then those later parts add), each in the type
    :func:`_part_types` gives (types that do not mix: an :class:`InputError`
    naming the column and two parts), as
    ``pyarrow.concat_tables(parts, promote_options="permissive")`` would hold
    them; a Spark file's INT96 timestamps as UTC (:func:`_as_read`), the files
    holding them named in its metadata for the workers (:func:`_spark_utc`).
    None for a single file or identical parts without those. Also whether the parts
    are in hive partition folders (``year=2024/``), whose columns Dask adds
    after the files' (:meth:`_AvzoneParquetEngine._collect_dataset_info`).
    """
    found = _file_schemas(src)
    if found is None:
        return None, False
    fs, files, schemas, _ = found
    from fsspec.core import url_to_fs

    one = files == [url_to_fs(src)[1]]  # (the file given, not a folder of one part: named as given)
    for f, s in zip(files, schemas):  # (a later part's: pyarrow lists the dataset by its first file's columns)
        _refuse_names_twice(src if one else _part_name(f, fs), s.names)
    hive = len(files) > 1 and any("=" in f.rsplit("/", 2)[-2] for f in files if f.count("/") >= 2)
    spark = {f: json.loads(s.metadata[_SPARK_UTC]) for f, s in zip(files, schemas) if _SPARK_UTC in (s.metadata or {})}
    first = schemas[0].remove_metadata()
    views = any(_without_view(t) is not None for s in schemas for t in s.types)  # (read as their plain types)
    if not spark and not views and all(s.remove_metadata().equals(first) for s in schemas[1:]):
        return None, hive
    declared = _declared_fields(schemas)
    types = _part_types(src, list(declared), found, time_col)
    fields = [field.with_type(types.get(name, field.type)) for name, field in declared.items()]
    metadata = {_SPARK_UTC: json.dumps(spark).encode()} if spark else {}
    if not one:  # (a value a part's type holds and the folder's cannot: named by its part and row, _part_place)
        parts = {"folder": str(src), "files": files, "names": [_part_name(f, fs) for f in files]}
        metadata[_PART_ROWS] = json.dumps({**parts, "rows": [footer.num_rows for footer in found.footers]}).encode()
    return pa.schema(fields, metadata=metadata or None), hive


def _part_place(schema: pa.Schema | None, path: str, row: int) -> tuple[Any, int]:
    """The file and row a refusal names for row ``row`` (from 0) of the part at ``path`` of a folder whose
    ``schema`` (:func:`_dataset_schema`, as a worker is given it) names its parts and their rows
    (:data:`_PART_ROWS`): :func:`row_in_parts`; else ``path`` and ``row``."""
    named = (schema.metadata or {}).get(_PART_ROWS) if schema is not None else None
    read = json.loads(named) if named else {}
    if path not in read.get("files", ()):
        return path, row
    first = sum(read["rows"][: read["files"].index(path)])
    return row_in_parts(read["folder"], first + row, (read["names"], read["rows"]))


def _part_types(
    src: str,
    names: list[str],
    found: _Files | None = None,
    time_col: str | None = None,
) -> dict[str, pa.DataType]:
    """The columns the dataset's files hold in different types, with the one type that holds them all.

    As one file with every part in it would hold them (Arrow's permissive
    promotion, :func:`_promote`): a part whose column is all null (type
    ``null``, as pandas writes a text column of ``None``) and a part of text
    give text; integers and floats give floats; categorical (dictionary-encoded)
    text and plain text give text; times in different zones give the first
    part's zone (the same instants); and the time column ``time_col``, naive
    in some parts (Beijing time) and zoned in others, gives the zoned parts'
    zone, the naive times read as Beijing time (:func:`_conform`), as the
    local job reads each part. Arrow's text and bytes views are their plain types
    (``string_view`` beside ``string`` or ``large_string`` gives that type: text;
    :func:`_without_view`). Types that do not mix (integers in one part,
    text in another; naive and zoned times in another column than
    ``time_col``; GeoArrow points with a ``z`` in one part and without in
    another, which Arrow promotes to a type it cannot cast the latter to)
    are an :class:`InputError` naming the column and two files. Each
    file's footer is read, before any cluster starts (unless ``found``,
    :func:`_file_schemas` of ``src``, gives them).
    """
    found = found or _file_schemas(src)
    if found is None:
        return {}
    fs, files, schemas, _ = found
    out: dict[str, pa.DataType] = {}
    for name in names:
        seen = [(f, s.field(name).type) for f, s in zip(files, schemas) if s.get_field_index(name) >= 0]
        kinds = {t for _, t in seen}
        if len(kinds) < 2:
            if seen and (plain := _without_view(seen[0][1])) is not None:
                out[name] = plain
            continue
        zoned = _zoned_times([t for _, t in seen], name == time_col)
        if zoned is not None:
            _refuse_times_beyond(src, found, name, seen, zoned)
            out[name] = zoned
            continue
        unified = _without_view(seen[0][1]) or seen[0][1]
        for f, t in seen[1:]:
            try:  # (a view is its plain type: string_view beside string or large_string is text)
                unified = _promote(unified, _without_view(t) or t)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                raise _types_refused(src, fs, name, seen, f, t) from None
        for f, t in seen:  # a type Arrow promotes but cannot cast to it (GeoArrow points with x, y beside x, y, z)
            try:
                pa.nulls(1, t).cast(unified)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                raise _types_refused(src, fs, name, seen, f, t) from None
        _refuse_times_beyond(src, found, name, seen, unified)
        out[name] = unified
    return out


#: Nanoseconds in each unit of a Parquet timestamp (its logical type's ``timeUnit``).
_PARQUET_UNIT_NS = {"milliseconds": 10**6, "microseconds": 10**3, "nanoseconds": 1}


def _refuse_times_beyond(src: str, found: _Files, name: str, seen: list[tuple[str, pa.DataType]], to: Any) -> None:
    """Refuse, before any cluster starts, times of column ``name`` that one part holds in a coarser unit than ``to``
    (the type the parts' types give it, :func:`_part_types`) and that ``to`` cannot hold: a time after 2262 (or
    before 1677) in milliseconds beside a part in nanoseconds, which int64 nanoseconds do not reach. Each part's
    footer statistics say its least and greatest times; the refusal is :func:`_types_refused`'s, naming the part
    and one of another type (the local job reads each part as it is: such a time is a row's status there, while the
    Dask job, reading every part in one type, would stop at it)."""
    if not pa.types.is_timestamp(to):
        return
    to_ns = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[to.unit]
    limit = 2**63 * to_ns  # (an int64 count of ``to``'s unit, in nanoseconds)
    types = dict(seen)
    for f, footer in zip(found.files, found.footers):
        t = types.get(f)
        if t is None or not pa.types.is_timestamp(t) or t.unit == to.unit:
            continue
        for c in range(footer.num_columns if footer.num_row_groups else 0):
            if footer.schema.column(c).path != name:
                continue
            unit = json.loads(footer.schema.column(c).logical_type.to_json()).get("timeUnit")
            per = _PARQUET_UNIT_NS.get(unit) if isinstance(unit, str) else None
            if per is None:  # (INT96, or no timestamp in the file: no statistics to read here)
                continue
            for r in range(footer.num_row_groups):
                stats = footer.row_group(r).column(c).statistics
                if stats is None or not stats.has_min_max or not isinstance(stats.min_raw, int):
                    continue
                if not (-limit <= stats.min_raw * per and stats.max_raw * per < limit):
                    raise _types_refused(src, found.fs, name, seen, f, t)


def _types_refused(
    src: str, fs: Any, name: str, seen: list[tuple[str, pa.DataType]], f: str, t: pa.DataType
) -> InputError:
    """The refusal of column ``name``, of type ``t`` in part ``f``: naming that part and one whose type differs."""
    first = next(g for g, u in seen if u != t)
    where = {g: fs.unstrip_protocol(g) if "://" in src else g for g in (first, f)}
    return InputError(
        Message(
            "err_dask_part_types",
            file=src,
            column=name,
            type=str(dict(seen)[first]),
            part=where[first],
            other_type=str(t),
            other=where[f],
        )
    )


def _refuse_index_lacking(src: str, names: list[str]) -> None:
    """Refuse, before any cluster starts, a dataset one file of which lacks a column of ``names`` that another file
    stores its pandas index in (``df.set_index("rowid").to_parquet(...)``, or ``__index_level_0__``), naming both.

    A column some parts lack is null in their rows (:func:`_conform`): for the
    index, rows with no label, and pandas' labels of that part's rows (its own
    range, or another column) are not that column's. Every part must store the
    index, or none.
    """
    found = _file_schemas(src)
    if found is None or len(found.files) < 2:
        return
    fs, files, schemas, _ = found
    for f, schema in zip(files, schemas):
        for column in _pandas_index_columns((schema.metadata or {}).get(b"pandas")):
            if column not in names:
                continue
            lacking = next((g for g, other in zip(files, schemas) if other.get_field_index(column) < 0), None)
            if lacking is not None:
                part, other = (fs.unstrip_protocol(g) if "://" in src else g for g in (lacking, f))
                raise InputError(Message("err_dask_part_index", file=src, part=part, column=column, other=other))


def _pandas_index_columns(raw: bytes | None) -> list[str]:
    """The columns pandas' schema metadata ``raw`` names as holding the index (none for a range, or no metadata)."""
    try:
        index = json.loads(raw)["index_columns"] if raw else []
    except (ValueError, KeyError, TypeError):  # not pandas' own
        return []
    return [c for c in index if isinstance(c, str)] if isinstance(index, list) else []


def _without_view(kind: pa.DataType) -> pa.DataType | None:
    """The plain type of Arrow's text and bytes views (``string_view``: ``string``; ``binary_view``: ``binary``),
    which Dask cannot make a frame of (no ``take`` kernel); None for any other type."""
    if kind == pa.string_view():
        return pa.string()
    if kind == pa.binary_view():
        return pa.binary()
    return None


def _zoned_times(types: list[pa.DataType], naive_ok: bool) -> pa.DataType | None:
    """The one type of times some of ``types`` hold in a zone: the first such part's zone, the finest unit.

    None unless every type is a timestamp, one at least zoned, and either
    all zoned (in different zones) or ``naive_ok`` (the time column, whose
    naive times are Beijing time).
    """
    if not all(pa.types.is_timestamp(t) for t in types):
        return None
    zones = [t.tz for t in types if t.tz is not None]
    if not zones or (len(zones) < len(types) and not naive_ok):
        return None
    units = ["s", "ms", "us", "ns"]
    unit = max((t.unit for t in types), key=units.index)
    return pa.timestamp(unit, tz=zones[0])


def _promote(a: pa.DataType, b: pa.DataType) -> pa.DataType:
    """The type that holds values of types ``a`` and ``b`` (Arrow's permissive promotion); an Arrow error if none.

    Dictionary-encoded values (pandas writes a categorical column so) beside
    values of another type are promoted as their values: a categorical text
    column in one part and plain text in another give text, as ``pd.concat``
    of the parts would.
    """

    def unify(x: pa.DataType, y: pa.DataType) -> pa.DataType:
        both = pa.unify_schemas([pa.schema([("c", x)]), pa.schema([("c", y)])], promote_options="permissive")
        return both.field("c").type

    try:
        return unify(a, b)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        if not (pa.types.is_dictionary(a) or pa.types.is_dictionary(b)):
            raise
        return unify(*(t.value_type if pa.types.is_dictionary(t) else t for t in (a, b)))


def _input_metadata(src: str, retyped: set[str] | frozenset[str] = frozenset()) -> dict[bytes, bytes]:
    """The schema metadata of ``src``'s (first) file, kept in the output parts as the local job keeps it.

    A GeoParquet file's ``geo`` (so that GeoParquet readers still read the
    parts as such), pandas' (so that pandas reads the parts with the types
    and index it reads the local output with; a range index each part's own,
    :func:`_part_metadata`), and whatever else its writer
    put there. Pandas' says nothing of the ``retyped`` columns, which the
    parts hold in other types than that file (:func:`_part_types`): pandas
    reads them by the type they are written in (the first file's ``Int64``
    could not hold the floats of a column of integers and floats).
    """
    schema = _first_schema(src)
    kept = dict((schema.metadata if schema is not None else None) or {})
    if retyped and b"pandas" in kept:
        kept[b"pandas"] = _pandas_metadata_without(kept[b"pandas"], retyped)
    return kept


def _view_types(src: str) -> dict[str, pa.DataType]:
    """The columns every file of ``src`` holding them holds in one of Arrow's view types (``string_view``,
    ``binary_view``), with that type (none if the files are unread)."""
    found = _file_schemas(src)
    if found is None:
        return {}
    types: dict[str, set[pa.DataType]] = {}
    for schema in found[2]:
        for field in schema:
            types.setdefault(field.name, set()).add(field.type)
    return {
        name: kind
        for name, kinds in types.items()
        if len(kinds) == 1 and _without_view(kind := next(iter(kinds))) is not None
    }


def _file_fields(src: str) -> dict[str, pa.Field]:
    """Each column the files of ``src`` store, as one file of every part would declare it (empty if unread).

    Its field metadata the first file's holding it; ``not null`` only where every
    file holds the column and declares it so (the rows of a part lacking it are null,
    :func:`_conform`). Types are not the files' to say (:func:`_part_types`).
    """
    found = _file_schemas(src)
    return {} if found is None else _declared_fields(found[2])


def _declared_fields(schemas: list[pa.Schema]) -> dict[str, pa.Field]:
    """:func:`_file_fields` of the files of ``schemas``, in the order the columns first appear."""
    fields: dict[str, pa.Field] = {}
    for schema in schemas:
        for field in schema:
            fields.setdefault(field.name, field)
    return {
        name: field.with_nullable(
            field.nullable or any(s.get_field_index(name) < 0 or s.field(name).nullable for s in schemas)
        )
        for name, field in fields.items()
    }


def _pandas_metadata_without(raw: bytes, names: set[str] | frozenset[str]) -> bytes:
    """Pandas' schema metadata ``raw`` without what it says of the columns ``names`` (an index among them a column)."""
    try:
        doc = json.loads(raw)
        doc["index_columns"] = [c for c in doc.get("index_columns", []) if not (isinstance(c, str) and c in names)]
        doc["columns"] = [c for c in doc.get("columns", []) if c.get("field_name", c.get("name")) not in names]
    except (ValueError, AttributeError, TypeError):  # not pandas' own: kept as it is
        return raw
    return json.dumps(doc).encode()


def _local(path: str) -> str:
    """The local path of a ``file://`` URL (fsspec's local file system), anything else as it is.

    Such an output is then a local folder, renamed into place at once
    (:func:`_outputs`), not moved part by part as on an object store.
    """
    if not path.lower().startswith(("file://", "local://")):
        return path
    from fsspec.core import url_to_fs
    from fsspec.implementations.local import LocalFileSystem

    try:
        fs, local = url_to_fs(path)
    except (ImportError, ValueError):
        return path
    return str(local) if isinstance(fs, LocalFileSystem) else path


def _inside(folder: str, target: str) -> bool:
    """Whether ``target`` lies in the folder ``folder`` (both local paths, or URLs of one file system).

    (A dataset folder is every Parquet file under it: an output written there
    would be read as fixes or points by the next job reading the folder.)
    """
    folder, target = _local(folder), _local(target)
    if ("://" in folder) != ("://" in target):
        return False
    if "://" not in folder:
        where = Path(folder)
        if not where.is_dir():
            return False
        return Path(os.path.abspath(target)).resolve().is_relative_to(where.resolve())
    try:
        from fsspec.core import url_to_fs

        fs_a, a = url_to_fs(folder)
        fs_b, b = url_to_fs(target)
    except (ImportError, ValueError):
        return False
    if fs_a.protocol != fs_b.protocol:
        return False
    a, b = str(a).rstrip("/"), str(b).rstrip("/")
    return b == a or b.startswith(a + "/")

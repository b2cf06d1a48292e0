"""polars and Arrow data at the entry points: read through the pandas path, answered in the kind given.

``model.classify``, ``model.locate_many``, ``avzone.points.to_points`` and
``model.events`` take a polars DataFrame or Series and a pyarrow Table,
RecordBatch, Array or ChunkedArray as they take pandas data, and the map's
``points=`` and ``tracks=`` (:func:`avzone.maps.split_tracks`) a polars
DataFrame or a pyarrow Table (:func:`frame_of`, as the events read it; a
map answers in no table, its rows named by their positions). There is one
path: the input is turned into what that path reads (Arrow arrays for
coordinates and times, which :mod:`avzone.points` and :mod:`avzone.zonetime`
read by their Arrow type, nulls as missing values; a pandas DataFrame of the
fixes for the events), and the answer, a pandas DataFrame, is turned back
into the input's kind (:func:`answer`): a polars DataFrame or a pyarrow
Table, with no index (polars and Arrow have none), rows in input order.

polars is optional: it is never imported here unless the input is a polars
object (its class's module says so, :func:`kind_of`), and then it is already
imported. A polars frame becomes Arrow without a copy (``to_arrow``), and
numeric Arrow columns without nulls become numpy arrays without a copy.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Protocol

from avzone.errors import InputError
from avzone.i18n import Message, Quoted

if TYPE_CHECKING:
    from typing import TypeAlias

    import pandas as pd
    import polars as pl  # (for the type checker only: polars stays optional)
    import pyarrow as pa


class ArrowTableLike(Protocol):
    """For the type checker: what a pyarrow Table or RecordBatch has, and pandas, polars and numpy data have not
    (pyarrow ships no types: with its stubs installed, its tables match this; without them they are ``Any``)."""

    @property
    def num_rows(self) -> int: ...

    @property
    def column_names(self) -> list[str]: ...


class ArrowArrayLike(Protocol):
    """For the type checker: what a pyarrow Array or ChunkedArray has, and pandas, polars and numpy data have not."""

    @property
    def null_count(self) -> int: ...

    def to_pylist(self) -> list[Any]: ...


if TYPE_CHECKING:
    #: Input answered as a pandas DataFrame whatever else is given (it carries an index the answer keeps).
    PandasData: TypeAlias = "pd.Series[Any] | pd.DataFrame"
    #: Input answered as a polars DataFrame (unless pandas data is given too).
    PolarsData: TypeAlias = "pl.DataFrame | pl.Series"
    #: Input answered as a pyarrow Table (unless pandas or polars data is given too).
    ArrowData: TypeAlias = "ArrowTableLike | ArrowArrayLike"

POLARS, ARROW = "polars", "arrow"
#: The key of the notes (what ``attrs["notes"]`` holds for pandas) in an Arrow answer's schema metadata.
NOTES_KEY = b"notes"


class ColumnTypeError(InputError):
    """A typed table's coordinate column that holds no numbers (:func:`coordinate_column`), with the column's name
    and its Arrow values: the entry points add the rows of a column of text that are no number and how to write
    each as one (:func:`avzone.points.text_column_refusal`), as the notes of a pandas column of text say."""

    def __init__(self, message: Message, name: str = "", column: Any = None) -> None:  # (pickled: its message)
        super().__init__(message)
        self.name, self.column = name, column


def text_type(t: Any) -> bool:
    """Whether the Arrow type ``t`` is one of text (a dictionary of text too)."""
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))


def kind_of(obj: Any) -> str | None:
    """``"polars"`` for a polars DataFrame or Series, ``"arrow"`` for a pyarrow Table, RecordBatch, Array or
    ChunkedArray, None for anything else (told by the object's class, without importing either library)."""
    module = type(obj).__module__
    if module.startswith("polars."):
        pl = sys.modules.get("polars")
        return POLARS if pl is not None and isinstance(obj, (pl.DataFrame, pl.Series)) else None
    if module.startswith("pyarrow"):
        pa = sys.modules.get("pyarrow")
        if pa is not None and isinstance(obj, (pa.Table, pa.RecordBatch, pa.Array, pa.ChunkedArray)):
            return ARROW
    return None


def is_table(obj: Any) -> bool:
    """Whether ``obj`` is a polars DataFrame or a pyarrow Table or RecordBatch (columns by name)."""
    if kind_of(obj) is None:
        return False
    return type(obj).__name__ in ("DataFrame", "Table", "RecordBatch")


def answer_kind(*inputs: Any) -> str | None:
    """The kind of the answer to these inputs: polars or Arrow when one of them is and none is pandas data (a
    Series or DataFrame, whose index the answer keeps), else None (pandas)."""
    pd = sys.modules.get("pandas")
    if pd is not None and any(isinstance(v, (pd.Series, pd.DataFrame)) for v in inputs):
        return None
    kinds = [k for k in map(kind_of, inputs) if k is not None]
    return POLARS if POLARS in kinds else (kinds[0] if kinds else None)


def arrow_table(obj: Any) -> pa.Table:
    """A polars DataFrame, or a pyarrow Table or RecordBatch, as a pyarrow Table (no copy of its columns)."""
    import pyarrow as pa

    if kind_of(obj) == POLARS:
        return obj.to_arrow()
    return pa.Table.from_batches([obj]) if isinstance(obj, pa.RecordBatch) else obj


def arrow_column(obj: Any) -> Any:
    """A polars Series as its Arrow array (no copy); anything else as it is."""
    return obj.to_arrow() if kind_of(obj) == POLARS else obj


def numbers(column: Any) -> Any:
    """An Arrow array of floats as a numpy array (a null as NaN: a missing coordinate either way; no copy for one
    chunk without nulls), of integers without nulls as numpy integers, so that coordinates take the array path
    numpy input takes; anything else as it is."""
    pa = sys.modules.get("pyarrow")
    if pa is None or not isinstance(column, (pa.Array, pa.ChunkedArray)):
        return column
    t = column.type
    if pa.types.is_floating(t) or (pa.types.is_integer(t) and column.null_count == 0):
        return column.to_numpy(zero_copy_only=False)
    return column


def _numeric(t: Any) -> bool:
    """Whether the Arrow type ``t`` is one of numbers (integers, floats, decimals)."""
    import pyarrow as pa

    return bool(pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t))


def coordinate_column(table: Any, name: str, kind: str) -> Any:
    """The column ``name`` of a polars or Arrow table (:func:`arrow_table`), which must hold numbers, as
    :func:`numbers` gives it.

    A typed table says what its column holds: a coordinate column of float16 numbers (too coarse for any answer:
    :func:`avzone.points.refuse_half_floats`) is refused naming the column; one of text,
    booleans or times is refused naming the column, its type and how to
    cast it (a pandas DataFrame's text column is read cell by cell, as a
    file's is; a typed column of text is a schema to fix): a
    :class:`ColumnTypeError`, with which the entry points name the rows of
    text that are no number. A column of nulls only is a column of missing
    coordinates, and a dictionary-encoded column of numbers (as pyarrow may read a
    Parquet file's) one of its numbers, as the file job and pandas read it.
    """
    import pyarrow as pa

    column = table.column(name)
    t = column.type
    if pa.types.is_dictionary(t) and _numeric(t.value_type):  # (as a Parquet file's repeated values are read)
        column = column.cast(t.value_type)  # (its numbers: a dictionary-encoded column holds them)
        t = column.type
    if pa.types.is_float16(t):  # (as avzone.points.refuse_half_floats refuses a pandas or numpy one)
        raise InputError(Message("err_coordinates_half_float", column=name))
    if _numeric(t) or pa.types.is_null(t):
        return numbers(column)
    cast = f"pl.col({name!r}).cast(pl.Float64)" if kind == POLARS else f"table[{name!r}].cast(pa.float64())"
    shown = str(sys.modules["polars"].from_arrow(column.slice(0, 0)).dtype) if kind == POLARS else str(t)
    raise ColumnTypeError(Message("err_table_column_type", column=Quoted.of(name), type=shown, cast=cast), name, column)


def pandas_frame(table: pa.Table, read: Any) -> pd.DataFrame:
    """An Arrow table as the pandas DataFrame the pandas path reads, a RangeIndex (row positions) as its index.

    The columns ``read(name)`` says are read (the vehicle id, time and
    coordinate columns) become what pandas makes of such data: numbers
    without nulls numpy arrays (no copy for one chunk), floats with nulls
    NaN (a missing value either way), integers with nulls pandas' nullable
    integers, text Arrow-backed strings, timestamps pandas datetimes (in
    their zone, naive ones naive: Beijing time), dictionaries categoricals.
    The other columns are wrapped as they are (``pd.ArrowDtype``, no copy).
    """
    import pandas as pd
    import pyarrow as pa

    columns: list[Any] = []
    for name, column in zip(table.column_names, table.columns):
        t = column.type
        if not read(name):
            columns.append(pd.arrays.ArrowExtensionArray(column))
        elif (values := numbers(column)) is not column:  # (floats, and integers without nulls: numpy's)
            columns.append(values)
        elif pa.types.is_integer(t):
            columns.append(pd.array(column.to_pandas(types_mapper=_nullable_integers)))
        else:
            if pa.types.is_string_view(t) or pa.types.is_binary_view(t):  # (pandas reads the classic layouts)
                column = column.cast(pa.large_string() if pa.types.is_string_view(t) else pa.large_binary())
            columns.append(pd.array(column.to_pandas()))
    # (numbered, then named: a table may name two columns alike, refused then as a pandas frame's are)
    frame = pd.DataFrame(dict(enumerate(columns)), index=pd.RangeIndex(table.num_rows), copy=False)
    frame.columns = list(table.column_names)
    return frame


def frame_of(obj: Any, *named: Any) -> tuple[Any, pa.Table | None, str | None]:
    """A DataFrame of points or fixes as the pandas path reads it: a polars DataFrame or a pyarrow Table or
    RecordBatch as :func:`pandas_frame` makes it (a RangeIndex: rows are named by their position, from 0), with
    its Arrow table (to check its typed coordinate columns, :func:`coordinate_column`, and to type the answer)
    and its kind; anything else as it is, with None and None.

    The columns read (the others are wrapped as they are) are those named by
    ``named`` (the id, time, lon and lat columns given) and those whose name
    says lon or lat, as :mod:`avzone.columns` finds them.
    """
    kind = kind_of(obj) if is_table(obj) else None
    if kind is None:
        return obj, None, None
    from avzone.columns import LAT_NAMES, LON_NAMES, header_key

    given = {n for n in named if isinstance(n, str)}
    coordinates = (*LON_NAMES, *LAT_NAMES)
    source = arrow_table(obj)
    frame = pandas_frame(
        source, lambda name: name in given or (isinstance(name, str) and header_key(name) in coordinates)
    )
    return frame, source, kind


def _nullable_integers(t: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(t):
        return pd.api.types.pandas_dtype(f"{'UInt' if pa.types.is_unsigned_integer(t) else 'Int'}{t.bit_width}")
    return None


def answer(frame: pd.DataFrame, kind: str, *, types: dict[str, Any] | None = None) -> Any:
    """A pandas answer as a pyarrow Table (``kind`` ``"arrow"``) or a polars DataFrame (``"polars"``).

    The index is left out (polars and Arrow have none: the rows are in input
    order); nullable booleans become booleans with nulls, categoricals
    (``status``) text, datetimes timestamps in their zone. ``types``: the
    Arrow type of a column (an ``id`` column: the input's, which objects,
    or no row, do not tell; a dictionary's values). The notes of ``attrs["notes"]`` go in an Arrow
    table's schema metadata (:data:`NOTES_KEY`, a JSON list of texts); a
    polars DataFrame holds no metadata.
    """
    import pandas as pd
    import pyarrow as pa

    plain = {c: frame[c] for c in frame.columns}
    types = dict(types or {})
    for c, s in plain.items():
        if isinstance(s.dtype, pd.CategoricalDtype):  # (text, a column of no row too)
            plain[c] = s.astype(object).where(s.notna(), None)
            types.setdefault(c, pa.string())
    table = pa.Table.from_pandas(pd.DataFrame(plain, copy=False), preserve_index=False)
    fields = []
    for f in table.schema:
        want = types.get(f.name)
        if want is not None and pa.types.is_dictionary(want):
            want = want.value_type
        fields.append(pa.field(f.name, f.type if want is None else want))
    table = table.cast(pa.schema(fields)).replace_schema_metadata(None)
    notes = frame.attrs.get("notes")
    if notes:
        table = table.replace_schema_metadata({NOTES_KEY: json.dumps([str(n) for n in notes], ensure_ascii=False)})
    if kind == POLARS:
        return sys.modules["polars"].from_arrow(table)
    return table


def status_counts(column: Any) -> dict[str, int]:
    """How many rows have each status, of a pandas, polars or Arrow ``status`` column."""
    if kind_of(column) is not None:
        import pyarrow.compute as pc

        counts = pc.value_counts(arrow_column(column))
        return {str(v["values"].as_py()): int(v["counts"].as_py()) for v in counts}
    return {str(k): int(v) for k, v in column.value_counts().items()}

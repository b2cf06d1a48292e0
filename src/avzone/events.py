"""Trajectories: when and where vehicles entered and left each zone.

:func:`events` takes the GPS fixes of many vehicles (any row order) and
gives, per vehicle and zone layer, the ``enter`` and ``exit`` events with the
crossing's time and position, ``gap`` events where the fixes are too far
apart to say what happened, a per-vehicle summary (time and geodesic
distance inside each zone, share of the trip, exits) and a status for every
input row.

How it works (compiled array code: numba kernels, compiled on first use and
cached on disk; no Python work per fix):

1. datetime columns are read as their integers (naive times are Beijing
   time), and so are integer columns of epoch times with ``time_unit``
   (UTC, multiplied in numpy), other times through
   :func:`avzone.zonetime.to_ns`; vehicle ids
   become codes in order of first appearance (:func:`vehicle_codes`: input
   grouped by vehicle is recognised from its runs; other Arrow text ids are
   hashed in place, eight bytes at a time; integer and Arrow text ids
   without a Python object per row); every fix is located at once: float64
   WGS84 columns by one pass of the zone index, in input order when the
   input looks ordered by vehicle and time, otherwise once the fixes are
   gathered in that order (neighbouring fixes then lie near each other,
   which the zone index answers faster than shuffled rows); the points
   outside the dataset's bounds get their statuses from a compiled look in
   the walk or the gathering; other input, and input most of whose first
   100,000 fixes make sense only read another way (judged whole, as a file
   is: :func:`avzone.points.mark_misread`), goes through
   :func:`avzone.locate.locate_many`;
2. one walk (:func:`_walk`) goes over the fixes in (vehicle, time, input
   row) order and does everything else in the same pass: the row statuses,
   duplicate fixes and fixes at the same time as an earlier one set aside,
   each segment between consecutive fixes measured (the local ellipsoidal
   formula of :func:`segment_lengths_m`), gaps (longer than ``max_gap_s``
   seconds or ``max_gap_m`` metres) marked, every crossing of a segment
   with a zone's boundary found, and the per-vehicle sums. Input already
   in that order (one vehicle after another, each in time order) is walked where it lies; input ordered by time with the
   vehicles interleaved (a live feed) is walked block by block, each block
   of rows gathered by vehicle (a counting sort small enough for the CPU
   caches), located and walked, every vehicle's state carried to the next
   block; the walk stops at the first row out of order, and then the fixes are gathered in order first (a counting sort
   by vehicle that carries them along, then each vehicle's run by time in
   the CPU caches: a counting pass on the times' top bits and an insertion
   sort, or a radix sort where the times bunch together) and walked in
   sequence. Segments over :data:`SHORT_SEGMENT_M` are measured afterwards
   with ``pyproj.Geod.inv`` and walked as pairs;
3. every crossing of a segment with a zone's boundary is an event, in
   order along the segment, enter and exit in turn: where the zone's flag
   differs at the two fixes, and also where it is the same and the
   segment passes through the zone between them (a chord across a corner)
   or out of it (across a notch), and where it crosses three times or
   more. The segment is followed along the geodesic: up to
   :data:`LINEAR_SEGMENT_M` as a straight line in lon/lat, a longer one as
   straight pieces of up to that length whose ends lie on the geodesic
   (:func:`_segment_paths`; the chord brought to the surface,
   :func:`avzone.geodesy.chord_points`, up to
   :data:`avzone.geodesy.CHORD_SEGMENT_M`, ``Geod.fwd`` beyond: each within
   about 4 mm of it). Where the zone's boundary segments cross it is
   computed from their coordinates (:func:`_piece_crossings`; a path that
   only touches the boundary at a vertex does not cross it), and each
   crossing is put where the bisection towards it alone ends, its bracket
   shorter than ``tolerance_m`` (:func:`_bisect_one`). A grid of distances
   to the boundaries (:func:`_near_grid`) spares the segments too far from
   a zone's boundary to meet it; a segment up to :data:`LINEAR_SEGMENT_M`
   is done in the walk, a longer one afterwards (:func:`_pending_crossings`).
   A fix on the boundary itself (within rounding) is inside; where the
   segment leaves the zone (or enters it) right there, the boundary
   segments find one crossing fewer (or more) than the flags at its ends
   need, or one in the bracket at the fix: the zone index then tells the
   side of the segment beside the fix, and the crossing is at the fix
   where that side is not the fix's (:func:`_crossings_at_a_fix`). Where
   that cannot tell either, a segment whose flag differs at its ends
   gets the one crossing the zone index's bisection finds
   (:func:`_crossings`), one whose flag is the same none. The crossing's
   time is interpolated at constant speed; time and distance inside are
   the spans from each enter (or the start, inside) to the next exit (or
   the end, inside);
4. the events come out of the walk nearly in (vehicle, time, zone) order and
   are put in order by insertion (:func:`_event_order`).

Gaps get a ``gap`` event (for each zone the vehicle was inside before or
after it) instead of invented crossings, and their time and distance count
in no zone.
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from avzone import _tables, geodesy, i18n, points, zonetime
from avzone._grid import _segment_cells
from avzone._jit import kernel as njit  # numba.njit, applied on first use
from avzone.crs import WGS84, _names_own_crs, normalize_crs
from avzone.errors import InputError
from avzone.i18n import Joined, Message, Named, Option, Quoted
from avzone.locate import Located, given_text, locate_many, located_one_pass
from avzone.points import (
    DEFAULT_NAMES,
    NULL_ISLAND,
    OTHER_METRES,
    SWAPPED,
    Points,
    column_names,
    geometry_frame,
    head_misread,
    mark_misread,
    metres_as_degrees_mask,
    refuse_attrs_crs,
    refuse_geometry_column,
    refuse_two_roles,
    status_labels,
    table_column,
    to_points,
    with_input_attrs,
)

if TYPE_CHECKING:
    import polars as pl  # (for the type checker only: polars stays optional)

    from avzone._tables import ArrowTableLike
    from avzone.model import Model

#: Row statuses besides the coordinate and time statuses of avzone.points / avzone.zonetime.
STATUS_OK = "ok"
MISSING_ID = "missing vehicle id"
DUPLICATE = "duplicate fix: same vehicle, time and position as an earlier row (not used)"
SAME_TIME = "same time as an earlier fix of the vehicle at another position (not used)"
ONLY_FIX = "the vehicle's only usable fix: no segment"


def row_statuses(names: tuple[str, str] = DEFAULT_NAMES) -> list[str]:
    """Every status other than ``ok`` a row can have, its coordinates (or columns) named ``names`` (lon, lat): the
    point statuses of :func:`avzone.points.status_labels`, the time statuses of :data:`avzone.zonetime.TIME_TEXT`
    and the vehicle's of :func:`events` (:data:`_ROW_TEXTS`), as the status columns of files and DataFrames have them.

    >>> statuses = row_statuses(("x", "y"))
    >>> "x not a number; missing y" in statuses, MISSING_ID in statuses, STATUS_OK in statuses
    (True, True, False)
    """
    found = [*status_labels(names).values(), *zonetime.TIME_TEXT.values(), *_ROW_TEXTS.values()]
    return [status for status in dict.fromkeys(found) if status != STATUS_OK]


def status_named(status: str) -> Named | str:
    """A row status as a message for a person quotes it (a file job's summary, the map's notes on tracks): in
    English the status itself, as a file's status column has it; in Chinese its Chinese wording with the status in
    brackets after it (``row_status_coded``), to find the rows by in the file. A status avzone does not write is
    returned as it is. Every message that quotes a row status quotes it through this; the wording is the one
    :func:`avzone.points.status_message` gives one point's status (the coordinates named as the status names them).

    A wording that ends in words of its own in brackets says them after a comma instead
    (``row_status_coded_aside``), so that the status's brackets are the only ones at the end.

    >>> from avzone.i18n import written
    >>> written(status_named("lon not a number"), "zh"), written(status_named("lon not a number"), "en")
    ('经度不是数字（lon not a number）', 'lon not a number')
    >>> written(status_named("x not finite; Breite out of range [-90, 90]"), "zh")
    'x 列的经度不是有限的数；Breite 列的纬度超出范围 [-90, 90]（x not finite; Breite out of range [-90, 90]）'
    >>> written(status_named("missing x"), "zh"), written(status_named("missing col_b"), "zh")
    ('x 列缺少经度（missing x）', 'col_b 列缺少值（missing col_b）')
    >>> written(status_named(SAME_TIME), "zh").split("（")[0]
    '与该车前面某个定位时间相同而位置不同，未使用'
    """
    shown = _names_cut(status, "en")
    if shown != status:  # (a column's name longer than a message quotes: cut as a quoted value is, in each language)
        return Named(shown, i18n.written(_status_named(_names_cut(status, "zh")), "zh"))
    return _status_named(status)


def _status_named(status: str) -> Named | str:
    """:func:`status_named` of a status whose names are written whole."""
    wording = _status_wording(status)
    if wording is None:
        return status
    said = i18n.written(wording, "zh")
    aside = _last_brackets(said) if status in _fixed_statuses() else None  # (a column's name in brackets stays)
    if aside is not None:
        before, inside = aside
        return Named(status, i18n.text("row_status_coded_aside", "zh", wording=before, aside=inside, status=status))
    return Named(status, i18n.text("row_status_coded", "zh", wording=said, status=status))


def _names_cut(status: str, lang: str) -> str:
    """``status`` with each coordinate's name in it longer than :data:`avzone.i18n.QUOTE_CHARS` characters cut as
    :class:`avzone.i18n.Quoted` cuts a text, in ``lang``; the status itself when none is (a file's status column
    keeps the whole name, to find the column by)."""
    if len(status) <= i18n.QUOTE_CHARS:
        return status
    parts = status.split("; ")
    for k, part in enumerate(parts):
        span = points.reason_name_span(part)
        if span is not None and span[1] - span[0] > i18n.QUOTE_CHARS:
            a, b = span
            parts[k] = part[:a] + i18n.Quoted.text_of(part[a:b]).text(lang) + part[b:]
    return "; ".join(parts)


def _last_brackets(text: str) -> tuple[str, str] | None:
    """``text`` that ends in a pair of (full-width) brackets after other words, split: the words before the pair
    and those in it (``("…相同", "未使用")``); None for other text."""
    if not text.endswith("）"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {"）": 1, "（": -1}.get(text[i], 0)
        if depth == 0:
            return (text[:i], text[i + 1 : -1]) if i > 0 else None
    return None


def _status_wording(status: str) -> Message | None:
    """A row status's wording (its English text is ``status`` itself), None for a status avzone does not write: a
    coordinate's reasons read back from the status (:func:`avzone.points.parse_reason`) and worded as one point's
    are (:func:`avzone.points.reasons_message`: by its axis, told by its place, range or column's name, and unless it
    is ``lon`` or ``lat``, by its column too)."""
    fixed = _fixed_statuses()
    if status in fixed:
        return fixed[status]
    parts = [points.parse_reason(part) for part in status.split("; ")]
    if len(parts) > 2 or None in parts:
        return None
    message = points.reasons_message([part for part in parts if part is not None])
    return message if message == status else None  # (only when its English is the status itself)


@functools.cache
def _fixed_statuses() -> dict[str, Message]:
    """The row statuses of fixed wording (point, time, vehicle) by their English text."""
    labels = status_labels()
    fixed: dict[str, str] = {labels[code]: points.status_message(code) for code in points.FIXED_KEYS}
    fixed.update({text: Message(key) for text, key in _VEHICLE_KEYS.items()})
    return {status: message for status, message in fixed.items() if isinstance(message, Message) and message == status}


#: The catalogue key of each status :func:`events` gives a row of its own (avzone.i18n): its English is the status.
_VEHICLE_KEYS = {
    MISSING_ID: "row_missing_id",
    DUPLICATE: "row_duplicate",
    SAME_TIME: "row_same_time",
    ONLY_FIX: "row_only_fix",
}


EVENT_COLUMNS = ["id", "zone", "event", "time", "lon", "lat", "row_before", "row_after", "gap_s", "gap_m"]
SUMMARY_COLUMNS = [
    "id",
    "zone",
    "fixes",
    "start",
    "end",
    "trip_s",
    "trip_m",
    "gap_s",
    "time_inside_s",
    "distance_inside_m",
    "share_of_time",
    "share_of_distance",
    "enters",
    "exits",
    "gaps",
]


#: The kind of :class:`Events`' frames: a pandas DataFrame, a polars DataFrame or a pyarrow Table (the input's).
FrameT = TypeVar("FrameT")


@dataclass
class Events(Generic[FrameT]):
    """What :func:`events` found.

    ``events``: one row per event (columns :data:`EVENT_COLUMNS`), ordered by
    vehicle (in order of first appearance), time and zone (and at the same
    time and zone, in the order of the segments along the trip). ``summary``: one row per vehicle and zone layer
    (columns :data:`SUMMARY_COLUMNS`; ``share_of_time`` and ``share_of_distance``
    are of the trip's time and distance outside gaps). The ``id`` of both is of the type of the input's id column
    (integers stay integers, a categorical keeps its categories). ``rows``: the input's index with a
    ``status`` per row (categorical: ``ok`` and the reasons present) and
    ``used`` (whether the fix is kept in its vehicle's track: ``ok`` rows, and a
    vehicle's only fix, which the summary counts, though it makes no segment).
    For fixes given as a polars DataFrame or a pyarrow Table the three are
    of that kind, ``rows`` in input order (no index; row labels are row
    positions), ``status`` text (for a type checker: ``Events[pandas.DataFrame]``, ``Events[polars.DataFrame]``,
    ``Events[pyarrow.Table]``).
    """

    events: FrameT
    summary: FrameT
    rows: FrameT
    #: What else to know, as ``avzone events``' summary notes it: a CRS PROJ converts to WGS84 without its
    #: datum shift (Beijing 1954, Xian 1980), coordinate columns named GCJ-02 / BD-09 read in another CRS,
    #: vehicle ids that differ only in surrounding whitespace or letter case (:func:`lookalike_ids_note`).
    #: Also in each frame's ``attrs["notes"]`` when there is one.
    notes: list[str] = field(default_factory=list)

    def rejected(self) -> dict[str, int]:
        """How many rows have each status other than ``ok``."""
        rows: Any = self.rows
        counts = _tables.status_counts(rows["status"])  # (a pandas, polars or Arrow column)
        return {k: v for k, v in counts.items() if k != STATUS_OK and v}


#: The columns' roles (``role_`` message keys) of the keyword arguments naming them (:func:`_column`).
_TRACK_ROLES = {"id": "role_vehicle_id", "time": "role_time"}


def _column(df: Any, name: str, role: str) -> Any:
    refuse_index_column(df, name, role)  # (df.set_index("ts"))
    if name not in df.columns:
        from avzone.columns import named_like

        columns = Joined(map(str, df.columns), "comma")
        like = named_like(list(df.columns), _TRACK_ROLES.get(role, ""))
        if like is not None:  # (a column named as such a column is: said, never taken unasked)
            raise InputError(Message("err_events_no_column_like", role=role, name=name, like=like,
                                     option=Option(role, like), columns=columns))  # fmt: skip
        raise InputError(Message("err_events_no_column", role=role, name=name, columns=columns))
    column = df[name]
    if isinstance(column, pd.DataFrame):  # (several columns of that name)
        raise InputError(Message("err_named_twice", count=column.shape[1], column=name, option=f"{role}="))
    return column


def _float_columns(df: Any, lon: str, lat: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The ``lon`` and ``lat`` columns as contiguous float64 arrays when both are numpy float64 (else None)."""
    if lon not in df.columns or lat not in df.columns:
        return None
    x, y = df[lon], df[lat]
    if not (isinstance(x.dtype, np.dtype) and isinstance(y.dtype, np.dtype)):
        return None
    if x.dtype != np.float64 or y.dtype != np.float64:
        return None
    return np.ascontiguousarray(x.to_numpy()), np.ascontiguousarray(y.to_numpy())


def coordinate_columns(df: Any, lon: str | None, lat: str | None) -> tuple[str | None, str | None]:
    """The coordinate columns of a DataFrame of fixes: as given, else found as the file jobs find them.

    ``(None, None)`` for a GeoDataFrame given neither: its geometry holds
    the points (as a GeoParquet file's does for ``avzone events``). Else a
    column not given is the one column whose name says lon or lat
    (:func:`avzone.columns.find_coordinate_column`: ``lon``, ``lng``,
    ``longitude``, ``经度``, ... and ``lat``, ``latitude``, ``纬度``, ...,
    with units or a CRS in brackets), the rule of ``avzone events --input``.

    Raises
    ------
    InputError
        When no column, or more than one, looks like the lon (lat) column,
        naming them, the argument ``lon=`` (``lat=``) and every column.
    """
    if lon is None and lat is None and geometry_frame(df):
        return None, None
    from avzone.columns import find_coordinate_column, refuse_one_column_for_both

    if lon is None and lat is None:
        refuse_geometry_column(df)  # (shapely geometries in a plain DataFrame: no CRS, never guessed)
    names = list(df.columns)
    given = (lon is not None, lat is not None)
    if lon is None:
        lon = find_coordinate_column(names, "lon", None)
    if lat is None:
        lat = find_coordinate_column(names, "lat", None)
    refuse_one_column_for_both(names, lon, lat, *given, None)
    return lon, lat


def fix_points(df: Any, lon: str | None, lat: str | None, crs: Any) -> Points:
    """The fixes' points: the ``lon`` and ``lat`` columns in ``crs``, or a GeoDataFrame's geometry.

    The columns not given are found by :func:`coordinate_columns` (a
    GeoDataFrame given neither: its geometry).

    A GeoDataFrame's geometry is in its own CRS; ``crs`` is the CRS of one
    that has none, and a ``crs`` that contradicts the frame's (WGS84 too)
    is refused (:func:`avzone.points.to_points`), as
    :func:`avzone.locate.classify` has it. Columns are in ``crs``, default
    WGS84.
    """
    lon, lat = coordinate_columns(df, lon, lat)
    if lon is None or lat is None:
        return to_points(df, crs=crs)  # a GeoDataFrame: its geometry and CRS
    return to_points(_column(df, lon, "lon"), _column(df, lat, "lat"), WGS84 if crs is None else crs)


# (the frames' kind: the input's, polars or Arrow; else pandas. Model.events is typed by these overloads too.)
@overload
def events(
    model: Model,
    df: pl.DataFrame,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str | None = None,
    lat: str | None = None,
    crs: Any = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
    time_unit: str | None = None,
) -> Events[pl.DataFrame]: ...


@overload
def events(
    model: Model,
    df: ArrowTableLike,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str | None = None,
    lat: str | None = None,
    crs: Any = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
    time_unit: str | None = None,
) -> Events[pa.Table]: ...


@overload
def events(
    model: Model,
    df: Any,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str | None = None,
    lat: str | None = None,
    crs: Any = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
    time_unit: str | None = None,
) -> Events[pd.DataFrame]: ...


@_names_own_crs("crs")
def events(
    model: Model,
    df: Any,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str | None = None,
    lat: str | None = None,
    crs: Any = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
    time_unit: str | None = None,
) -> Events[Any]:
    """Enter / exit / gap events of many vehicles' trajectories, and a per-vehicle summary.

    Parameters
    ----------
    model : Model
    df : pandas.DataFrame (or GeoDataFrame of points), polars.DataFrame or pyarrow.Table
        One row per GPS fix, any order, any number of vehicles. A polars
        DataFrame or a pyarrow Table (or RecordBatch) is read as the pandas
        frame of its columns (the id, time and coordinate columns converted
        as pandas converts them, without a copy where Arrow allows; polars
        ``Datetime`` and Arrow ``timestamp`` times in their zone, naive ones
        Beijing time; nulls missing values), and the answer is of its kind.
        Its coordinate columns must hold numbers (one of text is an
        InputError naming it and the cast).
    id, time, lon, lat : str
        Column names: the vehicle id, the fix's time (datetimes with or
        without a time zone, or ISO 8601 strings; **naive times are Beijing
        time**), and the coordinates in ``crs``. Numbers as times need
        ``time_unit``. ``lon`` and ``lat`` not given: the column whose name
        says it, as ``avzone events --input`` finds it (``lon``, ``lng``,
        ``longitude``, ``经度``, ... and ``lat``, ``latitude``, ``纬度``,
        ...: :func:`coordinate_columns`; none or two such columns: an
        InputError naming them); a GeoDataFrame given neither: its geometry
        and CRS.
    crs : str or pyproj.CRS, optional
        CRS of the coordinates (EPSG code, ``gcj02``, ``bd09``, ...),
        default WGS84. A GeoDataFrame's geometry is in its own CRS, in
        ``crs`` when it has none; a ``crs`` that contradicts its CRS (WGS84
        too) is refused, as :func:`avzone.locate.classify` refuses it.
    max_gap_s, max_gap_m : float or None
        A segment between two consecutive fixes longer than this many
        seconds or geodesic metres is a gap (None, 0 or inf: no limit, as
        ``avzone events --max-gap-s 0`` and ``POST /v1/events`` take it).
    tolerance_m : float
        Each crossing is searched until its bracket along the segment is
        shorter than this (the crossing then lies within ``tolerance_m / 2``
        of the boundary along the segment; an enter and an exit in one
        bracket, a dip shorter than it, are not reported): 1e-9 to 1000
        metres (``POST /v1/events`` takes 0.001 to 1000). Every crossing of
        a segment with a zone's boundary is an event, also where the
        segment's two fixes are on the same side of it.
    zones : list of str, optional
        Zone layers to follow (default every zone layer), each once (a
        list: an empty one, or a text, is refused). Each is followed as its
        one geometry at every time, whatever stage was in force then (not
        only from its ``valid_from`` to its ``valid_to``):
        :func:`avzone.zonetime.zone_at` names the stage in force at an
        event's time.
    threads : int
        Worker threads for the zone index.
    time_unit : {"s", "ms", "us", "ns"} or None
        The unit of times given as numbers (Unix epoch times: seconds,
        milliseconds, microseconds or nanoseconds since 1970-01-01 **UTC**,
        not Beijing time; floats may have fractions, rounded to the
        nanosecond; text that is a plain number too, text that is a
        date/time still parsed as one: see :func:`avzone.zonetime.to_ns`).
        Default None: a number is not a time (the row's status says to give
        its unit). A unit for a column of datetimes (numpy, pandas or Arrow
        timestamps or dates) is refused, as it applies to none of them; one
        for a column of text with no number among its values is noted (it
        was not used).

    Returns
    -------
    Events
        ``events`` (``id``, ``zone``, ``event``: enter / exit / gap,
        ``time`` as Beijing time, ``lon``/``lat`` of the crossing in WGS84
        (NaN for a gap), ``row_before``/``row_after``: the input's index
        labels of the fixes around it (of the index's type: integers for a
        default index, so ``df.loc[ev.events.row_before]`` finds the
        fixes; a label that several rows share, as ``pandas.concat``
        without ``ignore_index`` makes them, names each of those rows:
        reset such an index first), ``gap_s``/``gap_m`` for gaps),
        ``summary`` and ``rows`` (a ``status`` for every input row: nothing
        is dropped silently; a fix that makes sense only read another way
        is not used and its status says so, as :func:`avzone.locate.locate_many`
        gives it: swapped, degrees with a projected CRS, another CRS's metres,
        and, when most of the first 100,000 fixes make sense only so, with
        the minus signs dropped, as radians, or as NMEA degrees and minutes),
        and ``notes`` (also each frame's
        ``attrs["notes"]`` when there is one, beside a copy of a pandas input's own ``attrs`` but its ``crs``,
        after its own list of notes, never over them: :func:`avzone.points.with_input_attrs`; and a pyarrow
        Table's schema
        metadata ``b"notes"``, a JSON list): a ``crs`` PROJ converts to
        WGS84 without its datum shift (Beijing 1954, Xian 1980), columns
        whose names say GCJ-02 or BD-09 read in another CRS, as ``avzone
        events`` notes them, text vehicle ids that differ only in surrounding
        whitespace or letter case (``'V17'``, ``'V17 '``: kept as given, each a
        vehicle; :func:`lookalike_ids_note`), a ``time_unit`` that no time
        took (a column of text without a number), coordinates given as text
        that are numbers written another way (a decimal comma, a hemisphere
        letter...: their first rows and how to write each, as
        :func:`avzone.locate.classify` notes them), and times that are no date/time for a reason beyond their
        status (``2024-13-01 08:10``: no month 13; their first rows, each value and why, as the summary of
        ``avzone events`` names them and :func:`avzone.locate.classify` notes its ``times=``: :func:`_time_notes`).
        For a polars DataFrame or a pyarrow Table the
        three frames are polars DataFrames or pyarrow Tables: polars and
        Arrow have no index, so ``row_before``/``row_after`` are row
        positions (from 0) and ``rows`` has the rows in input order; NaN
        answers (the position of a gap, a share of no time) are nulls.

    Raises
    ------
    InputError
        For ``df`` that is no DataFrame, a column's values given where its name is asked (``time=df.ts``:
        ``time="ts"``, as :func:`avzone.locate.classify`'s ``times=`` takes values), a missing column (no column, or
        two, that looks like lon or lat when ``lon``/``lat`` is not given), one column given two roles (``id="lon"``,
        ``lon="lat"``...), an unknown zone layer or one given twice, a
        ``time_unit`` that is none of s, ms, us, ns or given for a column of
        datetimes, or a time column that cannot hold times (times of day;
        float32 epoch times).

    Examples
    --------
    >>> import avzone, pandas as pd
    >>> fixes = pd.DataFrame({"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
    ...                       "lon": [116.44, 116.46], "lat": [39.79, 39.79]})
    >>> ev = avzone.load().events(fixes, zones=["current"])
    >>> ev.events[["zone", "event"]].values.tolist()
    [['current', 'enter']]
    """
    # a polars DataFrame or an Arrow table: read as the pandas frame of its columns
    df, source, kind = _tables.frame_of(df, id, time, lon, lat)
    if not isinstance(df, pd.DataFrame):  # (a dict of columns, an array: no columns to name)
        raise InputError(Message("err_events_type", type=type(df).__name__))
    refuse_attrs_crs(df, crs)  # (attrs["crs"] of synthetic_fleet(gcj02=True): given, or refused, never guessed)
    for role, name, example in (("id", id, "vehicle"), ("time", time, "ts"), ("lon", lon, "lon"), ("lat", lat, "lat")):
        values = isinstance(name, (pd.Series, pd.Index, pd.DataFrame, np.ndarray, list))
        if values or _tables.kind_of(name) is not None:  # (classify's times= takes values)
            own = getattr(name, "name", None)  # (df.ts: its name, when a column of df has it)
            option, named = Option(role), Option(role, own if isinstance(own, str) and own in df.columns else example)
            raise InputError(Message("err_events_column_values", option=option, kind=type(name).__name__, named=named))
    ids = _column(df, id, "id")
    times = _column(df, time, "time")
    from avzone.columns import found_roles

    found = found_roles(lon, lat)  # (the columns not given are found by their names)
    lon, lat = coordinate_columns(df, lon, lat)
    for name, role in ((lon, "lon"), (lat, "lat")):
        if name is not None:  # (a GeoDataFrame's geometry: neither)
            _column(df, name, role)
            if source is not None and kind is not None:  # (a typed column: numbers, else refused naming it)
                table_column(source, name, kind)
    coordinates = [(c, r) for c, r in ((lon, "role_longitude"), (lat, "role_latitude")) if c is not None]
    refuse_two_roles(None, list(df.columns), [(id, "role_vehicle_id"), (time, "role_time"), *coordinates], found)
    zonetime.check_unit(time_unit)
    zonetime.check_time_type(getattr(times, "dtype", None), f"time column {time!r}", time_unit, times)
    follow_zones(model, zones)  # an unknown zone layer is refused before any work
    columns_crs = WGS84 if crs is None else crs  # (a GeoDataFrame without the columns: its own, in fix_points)
    fast = _wgs84_columns(model, df, lon, lat, columns_crs) if lon is not None and lat is not None else None
    check = _NO_CHECK
    hits: np.ndarray | None = None
    number_notes: list[Message] = []
    if fast is None:
        # (GCJ-02 and BD-09 float columns: converted and located in one pass)
        xy = _float_columns(df, lon, lat) if lon is not None and lat is not None else None
        located = (
            located_one_pass(model, *xy, columns_crs, threads=threads, columns=(df[lon], df[lat]))
            if xy is not None
            else None
        )
        if located is None:  # (statuses from the columns: their NaN are missing values)
            pts = fix_points(df, lon, lat, crs)
            mark_misread(pts, model.bounds, whole=True)  # (the whole input: most points read another way?)
            located = locate_many(model, pts, threads=threads)
            number_notes = _number_notes(located, df, lon, lat)
        pts, hits = located.points, located.hits
    else:
        pts, check = fast
    result = _track(
        model,
        ids,
        times,
        pts,
        hits,
        df.index,
        max_gap_s=max_gap_s,
        max_gap_m=max_gap_m,
        tolerance_m=tolerance_m,
        zones=zones,
        threads=threads,
        check=check,
        time_unit=time_unit,
    )
    notes = reading_notes(df, pts, lon=lon, lat=lat, crs=crs, time=time, time_unit=time_unit)
    notes += [n for n in number_notes if n not in notes] + _time_notes(result.rows, df, time, time_unit)
    result = with_notes(result, notes)
    if source is None or kind is None:
        if df.attrs:  # (the input's attrs passed on, as classify's: a copy, avzone's notes beside them)
            for frame in (result.events, result.summary, result.rows):
                frame.attrs = with_input_attrs(df.attrs, frame.attrs.get("notes"), wgs84=True)  # (crs: not theirs)
        return result
    types = {"id": source.schema.field(id).type}  # (the ids of no event: of the input's type, not objects')
    frames = [_tables.answer(f, kind, types=types) for f in (result.events, result.summary, result.rows)]
    return Events(events=frames[0], summary=frames[1], rows=frames[2], notes=result.notes)


def _number_notes(located: Located, df: pd.DataFrame, lon: str | None, lat: str | None) -> list[Message]:
    """The notes naming the fixes whose coordinate, given as text, is a number written another way (a decimal
    comma, a hemisphere letter...) and how to write it: :meth:`avzone.locate.Located.number_notes`, what
    :func:`avzone.locate.classify` notes of the same columns. None for columns of numbers or a geometry."""
    if lon is None or lat is None or lon not in df.columns or lat not in df.columns:
        return []
    xs, ys = df[lon], df[lat]
    if not (isinstance(xs, pd.Series) and isinstance(ys, pd.Series)):  # (a name two columns share: refused before)
        return []
    located.given = given_text(xs, ys, len(located.points))
    return located.number_notes()


def _time_notes(rows: pd.DataFrame, df: pd.DataFrame, time: str, time_unit: str | None) -> list[Message]:
    """The note naming the first fixes whose time is no date/time and why each is none
    (:func:`avzone.locate.time_notes`, what :func:`avzone.locate.classify` notes of its ``times=``), as the file job's
    summary names them under that status. None when no fix's time is so, or no reason says more than the status."""
    from avzone.locate import time_notes

    refused = np.asarray(rows["status"] == points.TIME_LABELS[points.TIME_INVALID], dtype=bool)
    if not refused.any():
        return []
    return time_notes(refused, df[time], str(time), time_unit, df.index)


def reading_notes(
    df: pd.DataFrame, pts: Points, *, lon: str | None, lat: str | None, crs: Any, time: str, time_unit: str | None
) -> list[Any]:
    """The notes of reading the fixes ``df`` (as :func:`events`, :func:`avzone.maps.split_tracks` and so
    :func:`avzone.maps.make_map`'s ``tracks=`` read them) into the points ``pts``: the columns' CRS (named GCJ-02 or
    BD-09, a datum), an index giving several rows one label, a ``time_unit`` no time took, and the points' own
    notes (a GeoDataFrame without a CRS: taken as WGS84, as :func:`avzone.points.to_points` says for
    ``model.classify``)."""
    unused = zonetime.unit_unused(time_unit, time, df[time])  # (a unit no time took)
    notes = _events_notes(lon, lat, crs, pts.crs) + _repeated_labels_notes(df.index) + ([unused] if unused else [])
    return notes + [n for n in pts.notes if n not in notes]


def refuse_index_column(df: pd.DataFrame, name: Any, role: str) -> None:
    """Refuse a column ``name`` (the ``role`` option's) that is not one of ``df``'s columns but its index's
    (``df.set_index("ts")``), saying to give ``df.reset_index()``."""
    if name is not None and name not in df.columns and name in df.index.names:
        raise InputError(Message("err_events_index_column", role=role, name=name))


def _events_notes(lon: str | None, lat: str | None, crs: Any, crs_norm: Any) -> list[Any]:
    """The notes of :func:`events`: those ``avzone events --input`` gives for its columns and CRS."""
    from avzone.columns import crs_note, datum_notes

    note = crs_note(lon, lat, crs) if lon is not None and lat is not None else None
    return ([note] if note else []) + datum_notes(crs_norm)


def _repeated_labels_notes(index: pd.Index) -> list[Any]:
    """The note for an index that gives several rows one label (as ``pd.concat`` without ``ignore_index`` makes
    it): the events' ``row_before`` and ``row_after`` name rows by their labels, so such a label names each of its
    rows. The first three such labels are named."""
    if index.is_unique:
        return []
    repeated = index[index.duplicated()].unique()
    labels = Joined([Quoted.of(v) for v in repeated[:3].tolist()], "comma")
    return [Message("note_events_repeated_labels", labels=labels)]


def with_notes(result: Events[pd.DataFrame], notes: list[Any]) -> Events[pd.DataFrame]:
    """``result`` with ``notes`` after its own (in :attr:`Events.notes` and each frame's ``attrs["notes"]``, when
    any)."""
    if notes:
        result.notes = [*result.notes, *notes]
        for frame in (result.events, result.summary, result.rows):
            frame.attrs["notes"] = list(result.notes)
    return result


#: How many groups of vehicle ids written alike :func:`lookalike_ids_note` names (the others counted).
LOOKALIKE_GROUPS = 3
#: How many ids of one such group it names.
_LOOKALIKE_IDS = 4


def lookalike_ids_note(ids: Any) -> Message | None:
    """A note naming the distinct vehicle ids that are equal once trimmed of whitespace and case-folded (``'V17'``,
    ``'V17 '`` and ``'v17'``): each is a vehicle of its own, its trajectory followed apart from the others', which
    is a wrong answer (exits, enters, time inside) if they are one vehicle. The ids are the user's: they are not
    changed, the note says how to merge them (strip the column first). None when no two are so alike.

    ``ids``: the distinct ids (a vehicle's id once; :func:`vehicle_codes`' values, a summary's ``id`` column);
    only text ids are compared. The first :data:`LOOKALIKE_GROUPS` groups in sorted order are named (each its
    first ids, sorted), the others counted: one note whatever the order of the ids or of an engine's partitions.

    >>> note = lookalike_ids_note(["V17", "V17 ", "v17", "V18", 7])
    >>> str(note)[:47], str(note.fields["groups"])
    ('vehicle ids that differ only in surrounding whi', "'V17' and 'V17 ' and 'v17'")
    >>> lookalike_ids_note(["V17", "V18"]) is None
    True
    """
    groups: dict[str, list[str]] = {}
    for v in dict.fromkeys(v for v in ids if isinstance(v, str)):
        groups.setdefault(v.strip().casefold(), []).append(v)
    alike = sorted(sorted(g) for g in groups.values() if len(g) > 1)  # (the same whatever the partitions' order)
    if not alike:
        return None
    shown: list[Any] = [Joined([Quoted.of(v) for v in g[:_LOOKALIKE_IDS]], "and") for g in alike[:LOOKALIKE_GROUPS]]
    if len(alike) > LOOKALIKE_GROUPS:
        shown.append(Message("note_ids_alike_more", n=len(alike) - LOOKALIKE_GROUPS))
    return Message("note_ids_alike", groups=Joined(shown, "semicolon"))


def _wgs84_columns(model: Model, df: Any, lon: str, lat: str, crs: Any) -> tuple[Points, tuple[Any, ...]] | None:
    """The points of float64 WGS84 columns, their zones left to :func:`_track` (None for other input).

    The zones are looked up once the order of the fixes is known, in that
    order (:func:`_locate_wgs84`). The second value is the bounds check
    that gives the statuses of the points outside the dataset's bounds
    (:func:`_outside_code`; NaN included); until then the points' codes are
    0 and their coordinates as given. None too when most of the first
    fixes make sense only read another way (:func:`avzone.points.head_misread`):
    the general path marks them (:func:`avzone.points.mark_misread`, ``whole``).
    """
    if lon not in df.columns or lat not in df.columns:
        return None
    norm = normalize_crs(crs)
    if not (isinstance(norm, str) and norm == WGS84):
        return None
    columns = _float_columns(df, lon, lat)
    if columns is None:
        return None
    xs, ys = columns
    w, s, e, n = model.bounds or (-180.0, -90.0, 180.0, 90.0)
    box = (max(w, -180.0), max(s, -90.0), min(e, 180.0), min(n, 90.0))
    if head_misread(xs, ys, xs, ys, WGS84, model.bounds):  # (most first fixes read another way: marked there)
        return None
    bw, bs, be, bn = (float(v) for v in (model.bounds or (np.nan,) * 4))
    check = (True, *(float(v) for v in box), bw, bs, be, bn)
    codes = np.zeros(xs.size, dtype=np.uint8)
    names = column_names(df[lon], df[lat])  # (the columns named in the statuses, as to_points names them)
    return Points(lon=xs, lat=ys, x=xs, y=ys, codes=codes, crs=WGS84, index=None, names=names), check


def _locate_wgs84(
    model: Model, x: np.ndarray, y: np.ndarray, check: tuple[Any, ...], threads: int
) -> tuple[np.ndarray, bool]:
    """The zone hits of WGS84 points (one pass of the zone index) and whether any lies outside ``check``'s box."""
    hits, outside = model.zone_index.classify_within(x, y, tuple(check[1:5]), threads=threads)
    return hits, bool(outside)


#: No bounds check in the walk (the points' status codes are known).
_NO_CHECK: tuple[Any, ...] = (False, *(0.0,) * 8)


def follow_zones(model: Model, zones: list[str] | None) -> list[str]:
    """The zone layers to follow (default all), refusing an unknown one, one given twice, none, and a text."""
    all_zones = list(model.zone_layers)
    if isinstance(zones, str):  # (read letter by letter, it would be refused for its first letter)
        raise InputError(Message("err_zones_text", layer=zones))
    follow = all_zones if zones is None else list(zones)
    if not follow and zones is not None:  # (no event and a summary without a row: as if nothing happened)
        raise InputError(Message("err_zones_empty", zones=Joined(all_zones, "comma")))
    for k, z in enumerate(follow):
        if z not in all_zones:
            raise InputError(Message("err_not_zone_layer", layer=z, zones=Joined(all_zones, "comma")))
        if z in follow[:k]:
            raise InputError(Message("err_zone_twice", layer=z))
    return follow


def track_events(
    model: Model,
    ids: Any,
    times: Any,
    points: Points,
    index: pd.Index,
    *,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
    time_unit: str | None = None,
    time_span: zonetime.TimeSpan | None = None,
) -> Events[pd.DataFrame]:
    """:func:`events` on arrays: vehicle ids, times, :class:`~avzone.points.Points` and the rows' labels.

    ``time_unit`` as for :func:`events`: the unit of times given as numbers
    (epoch times since 1970-01-01 UTC). ``time_span``: the whole time
    column's :class:`avzone.zonetime.TimeSpan` when ``times`` are one
    partition of it (the file jobs' partitions): the column-wide time rules
    judge it, not the partition (:func:`avzone.zonetime.to_ns`).
    """
    zonetime.check_unit(time_unit)
    follow_zones(model, zones)
    located = locate_many(model, points, threads=threads)
    return _track(
        model,
        ids,
        times,
        located.points,
        located.hits,
        index,
        max_gap_s=max_gap_s,
        max_gap_m=max_gap_m,
        tolerance_m=tolerance_m,
        zones=zones,
        threads=threads,
        time_unit=time_unit,
        time_span=time_span,
    )


# Row codes the kernels give (besides 0: used or not yet decided).
# (a used fix is 0 or _ROW_ONLY_FIX: ``row <= _ROW_ONLY_FIX``)
_ROW_ONLY_FIX, _ROW_DUPLICATE, _ROW_SAME_TIME, _ROW_POINT, _ROW_TIME, _ROW_ID = 1, 2, 3, 4, 5, 6
#: The status of a row by its row code, when it is not its point's or its time's.
_ROW_TEXTS = {_ROW_DUPLICATE: DUPLICATE, _ROW_SAME_TIME: SAME_TIME, _ROW_ONLY_FIX: ONLY_FIX, _ROW_ID: MISSING_ID}
# Event kinds the kernels give, and the columns of their integer and float event tables.
_EXIT, _ENTER, _GAP = 0, 1, 2
#: The walk's kind of a (segment, zone) whose crossings are found afterwards (:func:`_pending_crossings`).
_PENDING = 3
_EV_V, _EV_T, _EV_Z, _EV_KIND, _EV_BEFORE, _EV_AFTER = range(6)
_EV_LON, _EV_LAT, _EV_GAP_S, _EV_GAP_M = range(4)


def _track(
    model: Model,
    ids: Any,
    times: Any,
    pts: Points,
    hits: np.ndarray | None,
    index: pd.Index,
    *,
    max_gap_s: float | None,
    max_gap_m: float | None,
    tolerance_m: float,
    zones: list[str] | None,
    threads: int,
    check: tuple[Any, ...] = _NO_CHECK,
    time_unit: str | None = None,
    time_span: zonetime.TimeSpan | None = None,
) -> Events[pd.DataFrame]:
    """The events of located fixes (``hits``: one column per zone layer of the model).

    ``hits`` None: the points are float WGS84 columns (:func:`_wgs84_columns`,
    whose bounds check is ``check``) and their zones are looked up here, in
    input order when the input looks ordered by vehicle and time (its first
    :data:`_HEAD_ROWS` rows are, per vehicle), otherwise after the fixes
    are gathered in that order (where neighbouring fixes lie near each
    other: the zone index is faster on them than on shuffled rows). The
    walk fills in ``pts.codes`` for the points outside ``check``'s box.
    Input whose first rows are in time order per vehicle with the vehicles
    interleaved (:func:`_head_interleaved`) is gathered, located and walked
    block by block (:data:`_BLOCK_ROWS`, :func:`_gather_block`): the walk
    then switches vehicles once per run in a block instead of at every fix,
    and the zone index gets each vehicle's neighbouring fixes together.
    """
    all_zones = list(model.zone_layers)
    follow = follow_zones(model, zones)
    cols = np.array([all_zones.index(z) for z in follow], dtype=np.int64)
    if cols.size > 64:
        raise InputError(Message("err_events_too_many_zones", n=cols.size))
    max_gap_s, max_gap_m = _check_options(max_gap_s, max_gap_m, tolerance_m)
    n = len(pts)
    traw, toff, tcodes = _raw_times(times, time_unit, time_span)
    if traw.size != n or len(ids) != n:
        raise InputError(Message("err_events_lengths", ids=len(ids), times=traw.size, n=n))
    vid, id_values = vehicle_codes(ids)
    nv, k = len(id_values), cols.size
    lon, lat, pcodes = pts.lon, pts.lat, pts.codes
    if not pcodes.flags.writeable:  # (the walk writes the codes it makes, and is compiled for writable arrays)
        pcodes = pcodes.copy()
    inf = np.inf
    tol = float(tolerance_m)
    limits = (_gap_ns(max_gap_s), inf if max_gap_m is None else float(max_gap_m), tol, _PLAIN_STRETCHES)
    g = _boundary_grid(model)
    grid = (
        (*g.arrays(), *_near_grid(model, cols))
        if g is not None
        else (np.zeros((0, 4)), np.zeros((0, 5)), _NONE_I, _NONE_I, _NONE_I, _NONE_F, np.zeros((0, 0), np.uint8))
    )

    def located(h: np.ndarray) -> tuple[Any, ...]:  # zone hits (one row per fix) as the walk reads them
        h = np.ascontiguousarray(h)
        hw, ident = _hit_words(h, cols)
        return (hw, h, cols, ident)

    cap = max(1024, n // 8)  # (untouched rows cost no memory; the walk grows the tables when a fleet needs more)
    evi0, evf0, pend0 = np.empty((cap, 6), dtype=np.int64), np.empty((cap, 4)), np.empty(cap, dtype=np.int64)
    dfr0 = np.empty((64, 2), dtype=np.int64)

    def walk(
        mode: int, row: np.ndarray, src: np.ndarray, zones_of: tuple[Any, ...], fixes: tuple[Any, ...]
    ) -> tuple[Any, ...]:
        acc = _Totals(nv, k)
        v, t, x, y = fixes
        si, sf = _walk_state(nv)
        out = _walk(
            src, mode, _NONE_F, v, t, toff, x, y, tcodes, pcodes, check, zones_of, limits, grid,
            row, acc.arrays(), evi0, evf0, 0, pend0, 0, dfr0, 0, si, sf, True,
        )  # fmt: skip
        return (acc, *out)

    # 1-3. one pass over the fixes in (vehicle, time, input row) order: input already in that order is walked
    # as it is, input ordered by time block by block; otherwise the order is made first (a counting sort by
    # vehicle, then each vehicle's run by time)
    def walk_blocks(row: np.ndarray) -> tuple[Any, ...]:
        # input ordered by time, vehicles interleaved: each block of rows gathered by vehicle (in the caches),
        # located and walked in that order, every vehicle's state carried from block to block
        acc = _Totals(nv, k)
        si, sf = _walk_state(nv)
        size = max(_BLOCK_ROWS, _BLOCK_PER_VEHICLE * nv)
        count = np.empty(nv + 1, dtype=np.int64)
        out = (np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64), np.empty(size), np.empty(size),
               np.empty(size, dtype=np.int64))  # fmt: skip
        state: tuple[Any, ...] = (True, evi0, evf0, 0, pend0, 0, dfr0, 0)
        for b0 in range(0, n, size):
            b1 = min(n, b0 + size)
            m = _gather_block(b0, b1, vid, traw, tcodes, pcodes, check, lon, lat, row, count, out)
            pos, t, x, y = (a[:m] for a in out[:4])
            run_ends = count[:nv]  # (where each vehicle's run in the block ends)
            h = _locate_wgs84(model, x, y, check, threads)[0] if hits is None else _rows_at(hits, pos, cols)
            _, evi, evf, ne, pend, npend, dfr, ndfr = state
            state = _walk(
                pos, _WALK_SORTED, _NONE_F, run_ends, t, toff, x, y, tcodes, pcodes, check, located(h), limits, grid,
                row, acc.arrays(), evi, evf, ne, pend, npend, dfr, ndfr, si, sf, b1 == n,
            )  # fmt: skip
            if not state[0]:  # a vehicle's fix earlier than its previous one: the caller sorts
                break
        return (acc, *state)

    row = np.zeros(n, dtype=np.uint8)  # why a row is not used (0: used)
    in_order = False
    if n > max(_BLOCK_ROWS, _BLOCK_PER_VEHICLE * nv) and _head_interleaved(vid, traw, nv, _HEAD_ROWS):
        acc, in_order, evi, evf, ne, pend, npend, dfr, ndfr = walk_blocks(row)
    elif hits is not None or _head_in_order(vid, traw, nv, _HEAD_ROWS):
        if hits is None:
            hits, outside = _locate_wgs84(model, lon, lat, check, threads)
            if not outside:  # every point inside the bounds: no check in the walk
                check = _NO_CHECK
        acc, in_order, evi, evf, ne, pend, npend, dfr, ndfr = walk(
            _WALK_INPUT, row, _NONE_I, located(hits), (vid, traw, lon, lat)
        )
    if not in_order:
        row = np.zeros(n, dtype=np.uint8)
        count = np.empty(nv + 1, dtype=np.int64)
        room = _vehicle_places(vid, count)  # (the fixes that are not usable are found as the fixes are gathered)
        # (input rows as 32-bit numbers where they fit: fewer bytes written, read and given pages)
        pos = np.empty(room, dtype=np.int32 if n < 2**31 else np.int64)
        t, x, y = np.empty(room, dtype=np.int64), np.empty(room), np.empty(room)
        rec = np.empty((room, 4), dtype=np.int64)  # (each fix's row, time, lon and lat side by side, as gathered)
        m = _gathered(vid, traw, tcodes, pcodes, check, lon, lat, row, count, rec, (pos, t, x, y))
        del rec
        pos, t, x, y = pos[:m], t[:m], x[:m], y[:m]
        hits_in_order = _locate_wgs84(model, x, y, check, threads)[0] if hits is None else _rows_at(hits, pos, cols)
        acc, _, evi, evf, ne, pend, npend, dfr, ndfr = walk(
            _WALK_SORTED, row, pos, located(hits_in_order), (count[1:], t, x, y)
        )
        # the gathered fixes are not needed after the walk: their memory is given back before the events' arrays
        # are made (new memory costs a page fault per page on first use)
        del pos, t, x, y, hits_in_order
    n_main = ne
    # 4. segments longer than SHORT_SEGMENT_M: measured with Geod.inv, then walked as pairs of fixes
    if ndfr:
        ends = dfr[:ndfr].ravel()
        a, b = dfr[:ndfr, 0], dfr[:ndfr, 1]
        dist = np.asarray(geodesy.GEOD.inv(lon[a], lat[a], lon[b], lat[b])[2], dtype=float)
        hits_at = _locate_wgs84(model, lon[ends], lat[ends], check, threads)[0] if hits is None else hits[ends]
        _, evi, evf, ne, pend, npend, _, _ = _walk(
            ends, _WALK_PAIRS, dist, vid, traw, toff, lon, lat, tcodes, pcodes, _NO_CHECK,
            located(hits_at), limits, grid, row, acc.arrays(), evi, evf, ne, pend, npend, dfr0, 0,
            *_walk_state(0), False,
        )  # fmt: skip
    # 5. crossings the walk left (longer segments, or ones whose crossings the boundary segments could not tell):
    # appended after the walk's events (in the room the tables have left, as a rule: no copy of the events), their
    # placeholders left where they are for the order to pass over
    if npend:
        new_i, new_f = _pending_crossings(
            model, g, evi[:ne], evf[:ne], pend[:npend], traw, toff, lon, lat, cols, acc, tol, threads
        )
        evi, evf = _grow(evi, ne + new_i.shape[0]), _grow(evf, ne + new_i.shape[0])
        evi[ne : ne + new_i.shape[0]], evf[ne : ne + new_i.shape[0]] = new_i, new_f
        ne += new_i.shape[0]
    evi, evf = evi[:ne], evf[:ne]
    # the events, ordered by vehicle, time, zone and segment (without the placeholders)
    order, ok = _event_order(evi, n_main, nv, traw)
    if not ok:
        real = np.flatnonzero(evi[:, _EV_KIND] != _PENDING)
        e = evi[real]
        order = real[np.lexsort((traw[e[:, _EV_BEFORE]], e[:, _EV_Z], e[:, _EV_T], e[:, _EV_V]))]
    # one contiguous array per column (made here: numpy gives large arrays huge pages, fewer page faults)
    ci, cf = np.empty((evi.shape[1], order.size), dtype=evi.dtype), np.empty((evf.shape[1], order.size))
    _columns_in_order(evi, evf, order, ci, cf)

    def labels(where: np.ndarray) -> Any:  # the input's row labels of the event fixes, in the index's type
        return row_labels(index, where)

    kinds = np.array(["exit", "enter", "gap"], dtype=object)
    events_frame = pd.DataFrame(
        {
            "id": id_column(id_values, ci[_EV_V], ids),
            "zone": _texts(np.array(follow, dtype=object), ci[_EV_Z]),
            "event": _texts(kinds, ci[_EV_KIND]),
            "time": _beijing(ci[_EV_T]),
            "lon": cf[_EV_LON],
            "lat": cf[_EV_LAT],
            "row_before": labels(ci[_EV_BEFORE]),
            "row_after": labels(ci[_EV_AFTER]),
            "gap_s": cf[_EV_GAP_S],
            "gap_m": cf[_EV_GAP_M],
        },
        columns=EVENT_COLUMNS,
        copy=False,
    )

    summary = _summary(follow, id_values, acc, ids)

    def metres(rows: np.ndarray) -> None:  # metres given as lon/lat: their status says so, as everywhere else
        sub = Points(lon=pts.lon[rows], lat=pts.lat[rows], x=pts.x[rows], y=pts.y[rows], codes=pcodes[rows].copy(),
                     crs=pts.crs, index=None)  # fmt: skip
        found = metres_as_degrees_mask(sub, model.bounds)
        pcodes[rows[found]] = OTHER_METRES

    status = pd.Series(_statuses(row, pcodes, pts.labels, tcodes, metres), index=index, copy=False)
    used = row <= _ROW_ONLY_FIX  # the fixes kept in a track
    rows = pd.DataFrame({"status": status, "used": used}, index=index, copy=False)  # fresh arrays: no copies
    alike = lookalike_ids_note(id_values)  # (the distinct ids only, never the rows)
    return with_notes(Events(events_frame, summary, rows), [] if alike is None else [alike])


def _walk_state(nv: int) -> tuple[np.ndarray, np.ndarray]:
    """The arrays that keep every vehicle's state in :func:`_walk` (``si``, ``sf``), zeroed."""
    return np.zeros((nv, 8), dtype=np.int64), np.zeros((nv, 4))


#: Rows at the start of the input that tell whether it looks ordered by vehicle and time (:func:`_track`).
_HEAD_ROWS = 1 << 16
#: Rows per block when input ordered by time is walked block by block (:func:`_track`), at least
#: ``_BLOCK_PER_VEHICLE`` per vehicle (so that a block holds runs of each vehicle's fixes, not single ones).
_BLOCK_ROWS = 1 << 15  # (the arrays of a block, 256 kB each, stay near the core: faster than larger blocks)
_BLOCK_PER_VEHICLE = 32


def _head_interleaved(vid: np.ndarray, traw: np.ndarray, nv: int, limit: int) -> bool:
    """Whether the first ``limit`` rows are in time order per vehicle with the vehicles interleaved.

    Interleaved: the vehicle changes from one row to the next more than
    once in eight rows on average (input ordered by time, as a live feed
    comes), not in runs of one vehicle's fixes (grouped input).
    """
    head = vid[:limit]
    if head.size < 2 or 8 * int(np.count_nonzero(head[1:] != head[:-1])) <= head.size:
        return False
    return bool(_head_in_order(vid, traw, nv, limit))


def _rows_at(hits: np.ndarray, pos: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The rows ``pos`` of the zone hits (one word per row when a row is 1, 2, 4 or 8 bytes)."""
    h = np.ascontiguousarray(hits)
    hw, _ = _hit_words(h, cols)
    if hw.size:
        return hw[pos].view(np.bool_).reshape(pos.size, h.shape[1])
    return h[pos]


def _statuses(
    row: np.ndarray,
    pcodes: np.ndarray,
    labels: dict[int, str],
    tcodes: np.ndarray,
    recode: Callable[[np.ndarray], None] | None = None,
) -> pd.Categorical:
    """Each row's status: ``ok`` (first, when any row is) and the reasons present, as categories.

    The reason of a flagged row is its row code and, for a point or a time
    that cannot be used, the point's or time's own code (its text from
    ``labels`` or :data:`avzone.zonetime.TIME_TEXT`); the categories are
    in the order of those codes. ``recode``: given the rows whose point
    cannot be used, may give their ``pcodes`` a more telling code first.
    """
    n = row.size
    flagged = np.flatnonzero(row)
    why = row[flagged].astype(np.int64)
    sub = np.zeros(flagged.size, dtype=np.int64)
    at_point = why == _ROW_POINT
    if recode is not None and at_point.any():
        recode(flagged[at_point])
    sub[at_point] = pcodes[flagged[at_point]]
    at_time = why == _ROW_TIME
    sub[at_time] = tcodes[flagged[at_time]] if tcodes.size else zonetime.TIME_MISSING
    key = why * 256 + sub
    categories: dict[str, int] = {STATUS_OK: 0} if flagged.size < n else {}
    lut = np.zeros(256 * (_ROW_ID + 1), dtype=np.int64)
    for k in np.flatnonzero(np.bincount(key, minlength=lut.size)):
        w, c = divmod(int(k), 256)
        text = labels[c] if w == _ROW_POINT else zonetime.TIME_TEXT[c] if w == _ROW_TIME else _ROW_TEXTS[w]
        lut[k] = categories.setdefault(text, len(categories))
    codes = np.zeros(n, dtype=np.int8 if len(categories) < 127 else np.int16)
    codes[flagged] = lut[key]
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories)), validate=False)


def _gap_ns(max_gap_s: float | None) -> int:
    """The longest time step in nanoseconds that is not a gap: the largest n with ``n / 1e9 <= max_gap_s``.

    (The walk compares a segment's nanoseconds with it, and divides only
    for the segments whose seconds it needs; the answer is the one the
    seconds would give.)
    """
    top = int(np.iinfo(np.int64).max)
    if max_gap_s is None or not float(max_gap_s) * 1e9 < top:
        return top
    limit = float(max_gap_s)
    n = int(limit * 1e9)
    while n > 0 and n / 1e9 > limit:
        n -= 1
    while (n + 1) / 1e9 <= limit:
        n += 1
    return n


def gap_limits(max_gap_s: Any, max_gap_m: Any) -> tuple[float | None, float | None]:
    """The gap limits as the events use them: None (no limit) for None, 0 or infinity, else the number as a float.

    0 is no limit, as ``avzone events --max-gap-s 0`` and ``POST
    /v1/events?max_gap_s=0`` take it (a limit of 0 would make every
    segment a gap).

    Raises
    ------
    InputError
        For a limit that is not a number >= 0 (a bool, text, NaN, a negative number).
    """
    out: list[float | None] = []
    for name, value in (("max_gap_s", max_gap_s), ("max_gap_m", max_gap_m)):
        if value is None:
            out.append(None)
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not value >= 0:
            raise InputError(Message("err_gap_limit", name=name, value=value))
        out.append(None if value == 0 or np.isinf(value) else float(value))
    return out[0], out[1]


def _check_options(max_gap_s: Any, max_gap_m: Any, tolerance_m: Any) -> tuple[float | None, float | None]:
    """Refuse limits that are not numbers, or not positive; the gap limits as :func:`gap_limits` gives them."""
    limits = gap_limits(max_gap_s, max_gap_m)
    if (
        isinstance(tolerance_m, bool)
        or not isinstance(tolerance_m, (int, float, np.integer, np.floating))
        or not MIN_TOLERANCE_M <= tolerance_m <= MAX_TOLERANCE_M
    ):
        raise InputError(
            Message("err_tolerance_m", low=f"{MIN_TOLERANCE_M:g}", high=f"{MAX_TOLERANCE_M:g}", value=tolerance_m)
        )
    return limits


#: The range of ``tolerance_m``: a bracket of a kilometre is no crossing (the answer would be each segment's
#: midpoint), and below a nanometre (about the spacing of float64 positions in degrees) a search only halves
#: more, without end for a subnormal tolerance.
MIN_TOLERANCE_M = 1e-9
MAX_TOLERANCE_M = 1000.0


_NONE_I = np.zeros(0, dtype=np.int64)
_NONE_F = np.zeros(0, dtype=np.float64)


def _pending_crossings(
    model: Model,
    grid: _BoundaryGrid | None,
    evi: np.ndarray,
    evf: np.ndarray,
    pend: np.ndarray,
    traw: np.ndarray,
    toff: int,
    lon: np.ndarray,
    lat: np.ndarray,
    cols: np.ndarray,
    acc: _Totals,
    tolerance_m: float,
    threads: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The events of the (segment, zone) pairs the walk left (:data:`_PENDING`), and their time and distance inside.

    Each segment is followed as :func:`_segment_paths` makes it (straight
    pieces of up to :data:`LINEAR_SEGMENT_M` along the geodesic) and every
    crossing of its zone's boundary found (:func:`_path_crossings`); where
    those cannot be told (a fix on the boundary, within rounding), the
    crossing at the fix is found as :func:`_crossings_at_a_fix` finds it,
    and where that cannot tell either, a
    segment whose zone flag differs at its ends gets the one crossing the
    zone index's bisection finds (:func:`_crossings`), one whose flags are
    the same none. Returns the events' tables (rows as ``evi`` / ``evf``
    have them: enter and exit in turn, from the zone's flag at the
    segment's start), for the caller to append; the vehicles' enters,
    exits, time and distance inside get them here.
    """
    e = evi[pend]
    a, b = e[:, _EV_BEFORE], e[:, _EV_AFTER]
    start, end = (e[:, _EV_T] >> 1) & 1, e[:, _EV_T] & 1
    dist = evf[pend, _EV_GAP_M].copy()
    col = cols[e[:, _EV_Z]]
    odd = start != end
    steps = halvings(dist, tolerance_m)
    seg = _Segments(lon[a], lat[a], lon[b], lat[b], np.zeros(pend.size), dist)
    far = np.flatnonzero(dist > geodesy.CHORD_SEGMENT_M)
    if far.size:  # the azimuth is needed only where Geod.fwd follows the geodesic
        seg.az[far] = geodesy.GEOD.inv(seg.lon1[far], seg.lat1[far], seg.lon2[far], seg.lat2[far])[0]
    count = np.full(pend.size, -1, dtype=np.int64)
    fracs = np.empty(max(16, pend.size))
    at_fix = np.zeros(pend.size, dtype=bool)
    fix_fracs = np.empty(0)
    if grid is not None:
        vx, vy, offsets = _segment_paths(seg)
        fracs = _path_crossings(vx, vy, offsets, col, steps, odd, grid.arrays(), count, fracs)
        at_fix, fix_fracs = _crossings_at_a_fix(model, seg, grid, col, steps, odd, start, end, count, threads)
    # where the boundary segments could not tell: one crossing where the flags differ, by the zone index
    told = (count >= 0) & ~at_fix
    untold = np.flatnonzero(~told & ~at_fix)
    bisect = untold[odd[untold]]
    count[untold] = odd[untold]
    where = np.concatenate([[0], np.cumsum(count)])
    rows = np.repeat(np.arange(pend.size), count)
    f = np.empty(rows.size)
    from_kernel = told[rows]  # (the kernel's fractions come path after path, for the paths it told)
    f[from_kernel] = fracs[: int(np.count_nonzero(from_kernel))]
    f[at_fix[rows]] = fix_fracs
    if bisect.size:
        sub = _Segments(seg.lon1[bisect], seg.lat1[bisect], seg.lon2[bisect], seg.lat2[bisect], seg.az[bisect],
                        seg.dist[bisect])  # fmt: skip
        f[where[bisect]] = _crossings(model, sub, col[bisect], start[bisect].astype(bool), tolerance_m, threads)
    j = np.arange(rows.size) - where[rows]  # each crossing's place on its segment
    entering = (start[rows] == 0) == (j % 2 == 0)
    clon, clat = seg.at(rows, f)
    t0, t1 = traw[a] - toff, traw[b] - toff
    # inside: the flag at the start, then each enter adds the rest of the segment and each exit takes it away; the
    # walk's run inside has counted the whole of a segment inside at both ends already
    share = start - (start & end) + np.bincount(rows, np.where(entering, 1.0 - f, f - 1.0), minlength=pend.size)
    c, z = e[:, _EV_V], e[:, _EV_Z]
    np.add.at(acc.time_in, (c, z), share * ((t1 - t0) / 1e9))
    np.add.at(acc.dist_in, (c, z), share * dist)
    np.add.at(acc.enters, (c[rows[entering]], z[rows[entering]]), 1)
    np.add.at(acc.exits, (c[rows[~entering]], z[rows[~entering]]), 1)
    new_i = np.empty((rows.size, evi.shape[1]), dtype=evi.dtype)
    new_i[:, _EV_V], new_i[:, _EV_Z] = c[rows], z[rows]
    new_i[:, _EV_T] = t0[rows] + np.round(f * (t1 - t0)[rows]).astype(np.int64)
    new_i[:, _EV_KIND] = np.where(entering, _ENTER, _EXIT)
    new_i[:, _EV_BEFORE], new_i[:, _EV_AFTER] = a[rows], b[rows]
    new_f = np.full((rows.size, evf.shape[1]), np.nan)
    new_f[:, _EV_LON], new_f[:, _EV_LAT] = clon, clat
    return new_i, new_f


#: A point this close to a zone's boundary (degrees, about 0.1 mm) is on it, within rounding.
_ON_EDGE_DEG = 1e-9

#: A crossing this close to a fix (metres along the segment, as the boundary segments place it) may be the fix's
#: own, the fix on the boundary within rounding: the walk leaves its segment to :func:`_crossings_at_a_fix`.
#: (Farther, the fix's flag is its side: those within the bisection's last bracket, the most of them, stay.)
AT_FIX_M = 1e-3


def _crossings_at_a_fix(
    model: Model,
    seg: _Segments,
    grid: _BoundaryGrid,
    col: np.ndarray,
    steps: np.ndarray,
    odd: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    count: np.ndarray,
    threads: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The crossings of the paths the boundary segments could not tell (``count`` -1): a fix on the boundary.

    A fix on the boundary (within rounding) has its zone's flag, but the
    path may leave the zone (or enter it) right there, and the boundary
    segments then find every crossing but that one (or one more, within
    rounding of the fix). The crossings found in the bracket at either
    fix are left out (they are at the fix); the zone index tells the side
    of the path just after the first fix (halfway to the next crossing)
    and just before the last, at points of the path's straight pieces
    (:func:`_path_points`: where the crossings were found; a point on the
    geodesic, millimetres beside them, may be across a boundary they run
    along). A path along a boundary segment, within :data:`_ON_EDGE_DEG`
    of it there, is on the fix's side; where the two sides and the
    crossings between them disagree, the crossing next to such a probe,
    where the path goes onto that stretch (halfway between them on the
    boundary too), is none, and otherwise the probe tells no side: the
    side there is the one the other probe and the crossings give. Where a fix's flag is not that of the
    path beside it, the path crosses the boundary at that fix: the
    crossing is put where the bisection towards it ends (the first or
    last bracket, :func:`_bisect_one`). Sets ``count`` for the paths so
    told and returns which they are and their crossings, path after path
    (one whose fixes' flags are those of the path beside them has the
    crossings away from the fixes alone); a path whose sides do not agree
    with its crossings is left as it was.
    """
    told = np.zeros(count.size, dtype=bool)
    again = np.flatnonzero(count < 0)
    if again.size == 0:
        return told, np.empty(0)
    sub = _Segments(seg.lon1[again], seg.lat1[again], seg.lon2[again], seg.lat2[again], seg.az[again],
                    seg.dist[again])  # fmt: skip
    vx, vy, offsets = _segment_paths(sub)
    n = np.full(again.size, -1, dtype=np.int64)
    # (unchecked: the boundary segments place every crossing, less or more one at a fix)
    found = _path_crossings(vx, vy, offsets, col[again], steps[again], odd[again], grid.arrays(), n,
                            np.empty(max(16, again.size)), False)  # fmt: skip
    placed = np.flatnonzero(n >= 0)
    if placed.size == 0:
        return told, np.empty(0)
    counts = n[placed]
    first = np.concatenate([[0], np.cumsum(counts)])
    bracket = np.where(steps[again] <= 52, 0.5 ** np.minimum(steps[again], 52).astype(float), 0.0)
    # the crossings found away from the fixes (path after path, as ``found`` holds them)
    path = np.repeat(np.arange(placed.size), counts)
    fr_all = found[: int(first[-1])]
    b_all = bracket[placed][path]
    keep = (fr_all > b_all) & (fr_all < 1.0 - b_all)
    inner_f, inner_path = fr_all[keep], path[keep]
    inner_n = np.bincount(inner_path, minlength=placed.size)
    inner_first = np.concatenate([[0], np.cumsum(inner_n)])
    has = inner_n > 0  # (a path with none: probed at its middle from both ends)
    f_first, f_last = np.ones(placed.size), np.zeros(placed.size)
    f_first[has] = inner_f[inner_first[:-1][has]]
    f_last[has] = inner_f[inner_first[1:][has] - 1]
    rows = np.concatenate([placed, placed])
    # (the probes on the path's straight pieces, where the crossings were found: on the geodesic itself, up to
    # millimetres beside them, a probe can be across a boundary the path runs along from the crossings' side)
    probe_lon, probe_lat = _path_points(vx, vy, offsets, rows, np.concatenate([f_first / 2, (f_last + 1.0) / 2]))
    hits = model.zone_index.classify(probe_lon, probe_lat, threads=threads)
    zcol = col[again][rows]
    side = hits[np.arange(rows.size), zcol].astype(bool)
    q = again[placed]
    s0, s1 = start[q].astype(bool), end[q].astype(bool)
    # a probe on the boundary itself, within rounding (a path along a boundary segment), tells no side: the
    # fix's (asked only where the probe's side is not its fix's: elsewhere the answer is the same either way)
    own = np.concatenate([s0, s1])
    on = np.zeros(rows.size, dtype=bool)
    asked = np.zeros(rows.size, dtype=bool)

    def near(lon: np.ndarray, lat: np.ndarray, zc: np.ndarray) -> np.ndarray:  # within _ON_EDGE_DEG of a boundary
        out = np.zeros(lon.size, dtype=bool)
        for c in np.unique(zc).tolist():
            wc = np.flatnonzero(zc == c)
            edge = grid.edges.get(c)
            if edge is None:
                edge = grid.edges[c] = model.layer_geometry(list(model.zone_layers)[c]).boundary
                shapely.prepare(edge)
            out[wc] = shapely.dwithin(edge, shapely.points(lon[wc], lat[wc]), _ON_EDGE_DEG)
        return out

    def on_the_boundary(w: np.ndarray) -> None:  # on[w]: whether the probes w are on their boundary
        asked[w] = True
        on[w] = near(probe_lon[w], probe_lat[w], zcol[w])

    on_the_boundary(np.flatnonzero(side != own))
    side[on] = own[on]
    after, before = side[: placed.size], side[placed.size :]
    inner_odd = inner_n % 2 == 1
    agree = (after ^ inner_odd) == before  # (the sides and the crossings between them tell one story)
    if not agree.all():
        # where they do not, with a probe on the boundary within rounding (a path along the boundary at that
        # fix): the crossing between that probe and the others, where the path goes onto that stretch (the
        # path halfway between them on the boundary too), is none (the stretch is on the side before it, as
        # the fix's side is the stretch's); otherwise the probe tells no side: the side there is the one the
        # other probe and the crossings between give (a crossing at that fix)
        bad = np.flatnonzero(~agree)
        w = np.concatenate([bad, bad + placed.size])
        on_the_boundary(w[~asked[w]])
        on_after, on_before = on[: placed.size], on[placed.size :]
        by_before = ~agree & on_before
        by_after = ~agree & on_after & ~on_before
        cand = np.flatnonzero((by_before | by_after) & (inner_n > 0))
        last = by_before[cand]
        nearest = np.where(last, inner_first[1:][cand] - 1, inner_first[:-1][cand])  # (in inner_f)
        probe_f = np.where(last, (f_last[cand] + 1.0) / 2, f_first[cand] / 2)
        mid_lon, mid_lat = _path_points(vx, vy, offsets, placed[cand], (inner_f[nearest] + probe_f) / 2)
        onto = near(mid_lon, mid_lat, col[again][placed[cand]])
        if onto.any():
            keep_inner = np.ones(inner_f.size, dtype=bool)
            keep_inner[nearest[onto]] = False
            inner_f, inner_path = inner_f[keep_inner], inner_path[keep_inner]
            inner_n = np.bincount(inner_path, minlength=placed.size)
            inner_first = np.concatenate([[0], np.cumsum(inner_n)])
            inner_odd = inner_n % 2 == 1
            by_before[cand[onto]] = by_after[cand[onto]] = False
        before = np.where(by_before, after ^ inner_odd, before)
        after = np.where(by_after, before ^ inner_odd, after)
        agree = (after ^ inner_odd) == before
    pre, post = s0 != after, s1 != before
    sel = np.flatnonzero(agree)  # (one that crosses at neither fix has the crossings away from them)
    # each told path's crossings: the one at its first fix (where the bisection towards it ends), those away from
    # the fixes, the one at its last fix
    size = inner_n[sel] + pre[sel] + post[sel]
    begin = np.concatenate([[0], np.cumsum(size)])
    out = np.empty(int(begin[-1]))
    b = bracket[placed[sel]]
    out[begin[:-1][pre[sel]]] = b[pre[sel]] / 2
    out[begin[1:][post[sel]] - 1] = np.where(b > 0, 1.0 - b / 2, 1.0)[post[sel]]
    rank = np.full(placed.size, -1, dtype=np.int64)
    rank[sel] = np.arange(sel.size)
    mine = rank[inner_path] >= 0
    r = rank[inner_path[mine]]
    within = np.flatnonzero(mine) - inner_first[inner_path[mine]]
    out[begin[:-1][r] + pre[sel][r] + within] = inner_f[mine]
    count[q[sel]] = size
    told[q[sel]] = True
    return told, out


def _path_points(
    vx: np.ndarray, vy: np.ndarray, offsets: np.ndarray, rows: np.ndarray, f: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The points a fraction ``f`` along paths ``rows`` of :func:`_segment_paths` (on their straight pieces).

    (A long segment's pieces are chords of its geodesic, up to a few millimetres beside it: where a boundary
    runs that close, the side of a point on the path is the side the path's crossings tell, not always the
    geodesic's.)
    """
    pieces = offsets[rows + 1] - offsets[rows] - 1
    k = f * pieces
    j = np.minimum(np.floor(k).astype(np.int64), pieces - 1)
    s = k - j
    i = offsets[rows] + j
    return vx[i] + s * (vx[i + 1] - vx[i]), vy[i] + s * (vy[i + 1] - vy[i])


def _segment_paths(seg: _Segments) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each segment as a path of straight pieces (in lon/lat) whose crossings :func:`_path_crossings` finds.

    A segment up to :data:`LINEAR_SEGMENT_M` is one piece, a longer one
    ``ceil(length / LINEAR_SEGMENT_M)`` pieces of equal length whose ends
    lie on the geodesic (:meth:`_Segments.at`, ``az`` filled in where it
    needs it): each within about 4 mm of it. Returns the vertices' lon and lat, path after path (the first and
    last of each are its fixes), and where each path's vertices start (one
    more offset than paths).
    """
    pieces = np.maximum(1, np.ceil(seg.dist / LINEAR_SEGMENT_M)).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(pieces + 1)])
    rows = np.repeat(np.arange(pieces.size), pieces + 1)
    k = np.arange(rows.size) - offsets[rows]
    frac = k / pieces[rows]
    vx, vy = seg.at(rows, frac)
    ends = k == pieces[rows]
    vx[k == 0], vy[k == 0] = seg.lon1, seg.lat1
    vx[ends], vy[ends] = seg.lon2, seg.lat2
    return vx, vy, offsets


def _texts(values: np.ndarray, codes: np.ndarray) -> Any:
    """``values[codes]`` as a DataFrame column: what pandas makes of it, without a Python object per row.

    When pandas stores text in Arrow (its default string dtype) and every
    value is a ``str`` (and there is one), the column is made in Arrow
    directly, an empty one too: the dtype of the column with rows, whether or
    not any event or vehicle gave one; otherwise it is the object array.
    """
    dtype = pd.Series(["a"]).dtype
    texts = values.size > 0 and all(type(v) is str for v in values)
    if texts and isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pd.array(pa.array(values.tolist(), pa.large_string()).take(pa.array(codes)), dtype=dtype)
    return values[codes]


def row_labels(index: pd.Index, where: np.ndarray) -> Any:
    """The labels of ``index`` at the positions ``where`` as a DataFrame column of the index's type (the events'
    ``row_before`` and ``row_after``): a RangeIndex's as integers, a MultiIndex's as tuples, an object index's
    labels kept as objects (which pandas would otherwise make text when they all are), any other index's array
    (its dtype kept for no event too, where numpy's view of no text labels is object)."""
    if isinstance(index, pd.RangeIndex):
        return index.start + index.step * where
    taken = index.take(where)
    if isinstance(taken, pd.MultiIndex):  # (no one array: its labels as tuples)
        return np.asarray(taken.to_numpy())
    return pd.Series(taken.array, dtype=object, copy=False) if taken.dtype == object else taken.array


def id_column(id_values: Any, codes: np.ndarray, ids: Any) -> Any:
    """The vehicle ids ``id_values[codes]`` as a DataFrame column of the dtype of ``ids``, the input's id column
    (a pandas Series or array), as pandas keeps a column's dtype: integer ids stay integers (``int64``, ``Int32``,
    ``uint8``...), categorical ids keep their categories, booleans stay booleans, and so does a column of no
    event; objects, and ids their dtype cannot hold as read, are as :func:`_texts` gives them. One Python object
    per vehicle, none per row.
    """
    values = np.asarray(id_values, dtype=object)
    dtype = getattr(ids, "dtype", None)
    if dtype is None or (isinstance(dtype, np.dtype) and dtype.kind == "O"):
        return _texts(values, codes)
    try:
        typed = pd.array(values, dtype=dtype)
    except Exception:  # (ids that dtype does not hold as they were read, an Arrow type pandas cannot build: objects)
        return _texts(values, codes)
    return typed.take(codes)


def time_name(times: Any) -> str:
    """What a refusal of a time column names it by (``ts: the epoch times read as ms all fall in 1970...``): a
    Series' text name, else ``time column 0`` for another label (``0: ...`` would read as a row or a count), else
    ``times``.

    >>> time_name(pd.Series([], name="ts")), time_name(pd.Series([], name=0)), time_name([])
    ('ts', 'time column 0', 'times')
    """
    own = times.name if isinstance(times, pd.Series) else None
    if own is None or (isinstance(own, str) and own):
        return own or "times"
    return f"time column {own!r}"


def _raw_times(
    times: Any, unit: str | None = None, span: zonetime.TimeSpan | None = None
) -> tuple[np.ndarray, int, np.ndarray]:
    """Times as int64 nanoseconds, an offset to subtract for UTC, and time codes (empty: NaT alone is missing).

    A pandas datetime column (naive: Beijing time; or with a time zone) is
    read as its integers (in place when its unit is nanoseconds) when every
    time lies within :data:`avzone.zonetime.TIME_FIRST` and
    :data:`~avzone.zonetime.TIME_END`; so is a numpy integer column with a
    ``unit`` (epoch times, UTC: multiplied in numpy, the range checked
    first so that nothing overflows); anything else goes through
    :func:`avzone.zonetime.to_ns` (which gives the times out of that range
    their code). Either way the column-wide rules of
    :func:`avzone.zonetime.to_ns` apply (:func:`avzone.zonetime.time_rules`:
    a column in the wrong unit refused, a time far from the others a
    status), judging ``span`` (the whole column's, when ``times`` is one
    partition of it) or else ``times``.
    """
    unit = zonetime.check_unit(unit)
    name = time_name(times)
    if isinstance(times, pd.Series):
        dtype = times.dtype
        if isinstance(dtype, np.dtype) and dtype.kind == "M":
            raw, offset = times.to_numpy().view(np.int64), zonetime.BEIJING_OFFSET_NS
            unit_of = np.datetime_data(cast(Any, dtype))[0]
        elif isinstance(dtype, pd.DatetimeTZDtype):
            raw, offset, unit_of = np.asarray(cast(Any, times.array).asi8), 0, dtype.unit  # UTC underneath
        elif unit is not None and isinstance(dtype, np.dtype) and dtype.kind == "i":  # epoch times: UTC
            raw, offset, unit_of = times.to_numpy().astype(np.int64, copy=False), 0, unit
            per = _NS_PER[unit]
            lo, hi = zonetime.time_bounds(per)
            if not _within(raw, lo, hi, False):  # a time out of range: the general reader gives its code
                ns, codes = zonetime.to_ns(times, unit, name, span)
                return ns, 0, codes
            ns = raw * per if per != 1 else raw
            return ns, 0, zonetime.time_rules(ns, _NONE_U8, unit, name, span)  # (a time far from the others: a status)
        else:
            unit_of = ""
        if unit_of == "ns" and span is None:
            # one pass: the range check and the column's span (:meth:`avzone.zonetime.TimeSpan.of`)
            lo, hi = zonetime.time_bounds(1, offset)
            ok, usable, inside, first, last = _span_counts(raw, lo, hi, *zonetime.plausible_bounds(offset))
            if not ok:  # a time out of range: the general reader gives its code
                ns, codes = zonetime.to_ns(times, None, name, span)
                return ns, 0, codes
            if usable and not (first >= 0 and last < zonetime._SLIP_END_NS):  # (no fraction asked: not all in 1970)
                span = zonetime.TimeSpan(usable, inside, first, last, offset=offset)
            return raw, offset, zonetime.time_rules(raw, _NONE_U8, None, name, span, typed=True, offset=offset)
        if unit_of in _NS_PER:
            per = _NS_PER[unit_of]
            lo, hi = zonetime.time_bounds(per, offset)
            if not _within(raw, lo, hi, True):  # a time out of range: the general reader gives its code
                ns, codes = zonetime.to_ns(times, None, name, span)
                return ns, 0, codes
            if unit_of != "ns":
                missing = raw == _NAT
                raw = raw * _NS_PER[unit_of]
                raw[missing] = _NAT
            # (naive times judged as written, as zonetime.to_ns judges them: raw is their wall clock)
            return raw, offset, zonetime.time_rules(raw, _NONE_U8, None, name, span, typed=True, offset=offset)
    ns, codes = zonetime.to_ns(times, unit, name, span)
    return ns, 0, codes


_NS_PER = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}


@njit(cache=True, nogil=True)
def _within(raw: np.ndarray, lo: int, hi: int, nat: bool) -> bool:  # pragma: no cover - numba
    """Whether every value (but NaT, the int64 minimum, when ``nat``: a datetime column's) lies in ``[lo, hi)``.

    The values out of range are counted block by block without a branch per
    value (a loop that returns at the first one is not vectorized: several
    times slower on a column that is all in range).
    """
    for b0 in range(0, raw.size, 4096):
        block = raw[b0 : b0 + 4096]
        out = 0
        for i in range(block.size):
            v = block[i]
            out += ((v < lo) | (v >= hi)) & ~(nat & (v == _NAT))
        if out:
            return False
    return True


@njit(cache=True, nogil=True)
def _span_counts(
    raw: np.ndarray, lo: int, hi: int, plo: int, phi: int
) -> tuple[bool, int, int, int, int]:  # pragma: no cover - numba
    """:func:`_within` (NaT aside) and, in the same pass, of the values but NaT: how many, how many in
    ``[plo, phi)``, the least and the largest (what :meth:`avzone.zonetime.TimeSpan.of` counts; the least is the
    int64 maximum and the largest NaT when there is none).

    Block by block, each value counted without a branch (NaT, the int64 minimum, is below ``lo`` and
    ``plo``: counted out of range, then taken off); the least again, leaving NaT out, only in a block that
    has one.
    """
    out = 0
    nat = 0
    inside = 0
    first = np.iinfo(np.int64).max
    last = _NAT
    for b0 in range(0, raw.size, 4096):
        block = raw[b0 : b0 + 4096]
        o = 0
        na = 0
        ins = 0
        mn = np.iinfo(np.int64).max
        mx = _NAT
        for i in range(block.size):
            v = block[i]
            o += (v < lo) | (v >= hi)
            na += v == _NAT
            ins += (v >= plo) & (v < phi)
            mn = min(mn, v)
            mx = max(mx, v)
        if na:
            mn = np.iinfo(np.int64).max
            for i in range(block.size):
                if block[i] != _NAT:
                    mn = min(mn, block[i])
        out += o - na
        nat += na
        inside += ins
        first = min(first, mn)
        last = max(last, mx)
    return out == 0, raw.size - nat, inside, first, last


_NAT = np.iinfo(np.int64).min
_NONE_U8 = np.zeros(0, dtype=np.uint8)


def vehicle_codes(ids: Any) -> tuple[np.ndarray, np.ndarray]:
    """Vehicle ids to codes in order of first appearance (-1: missing or blank) and the ids (objects).

    The same as ``pandas.factorize(ids as objects, sort=False)`` with blank
    strings missing, computed without making a Python object per row for
    integer ids, for Arrow-backed text (pandas' default string dtype) and
    for categoricals (from their codes): input grouped by vehicle is
    recognised from its runs in one pass. Ids of different types written
    the same (``1`` and ``"1"``) are refused (:class:`InputError`).
    """
    arr = ids.array if isinstance(ids, pd.Series) else ids
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iu":
        return _integer_codes(arr)
    if isinstance(arr, pd.Categorical):  # the categories' codes, renumbered in order of first appearance
        return _category_codes(arr)
    if isinstance(arr, pd.arrays.NumpyExtensionArray) and arr.to_numpy().dtype.kind in "iu":
        return _integer_codes(arr.to_numpy())
    dtype = getattr(arr, "dtype", None)
    if isinstance(arr, pd.arrays.ArrowStringArray) or (
        hasattr(arr, "__arrow_array__") and isinstance(dtype, pd.StringDtype)
    ):
        return _text_codes(pa.array(arr))
    if isinstance(dtype, pd.ArrowDtype) and (
        pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(dtype.pyarrow_dtype)
    ):
        return _text_codes(pa.array(arr))
    cells = np.asarray(ids, dtype=object)
    try:
        codes, values = pd.factorize(pd.Series(cells, dtype=object), sort=False)
    except TypeError:  # a list, dict or array as an id: no vehicle is named by it
        _refuse_unhashable(ids, cells)
        raise
    values = np.asarray(values, dtype=object)
    _refuse_written_alike(values)
    _refuse_booleans_equal_to_numbers(cells, codes, values)
    return _blank_missing(np.asarray(codes, dtype=np.int64), values)


def _refuse_unhashable(ids: Any, cells: np.ndarray) -> None:
    """Refuse the first vehicle id that cannot name a vehicle (a list, dict or array: no value to group by),
    naming its row (the index label of a Series' row, else its position)."""
    for i, v in enumerate(cells.tolist()):
        try:
            hash(v)
        except TypeError:
            row = ids.index[i] if isinstance(ids, pd.Series) else i
            row = row.item() if isinstance(row, np.generic) else row
            raise InputError(Message("err_id_unhashable", row=row, value=v, kind=type(v).__name__)) from None


def _refuse_booleans_equal_to_numbers(cells: np.ndarray, codes: np.ndarray, values: np.ndarray) -> None:
    """Refuse a boolean vehicle id beside a number equal to it (``True`` and ``1``, ``False`` and ``0.0``).

    Python holds them equal, so they would be one vehicle (written as the
    first one seen), while a file job, reading ids as text, has two.
    Only a column that mixes types is looked at cell by cell.
    """
    if pd.api.types.infer_dtype(cells, skipna=True) not in ("mixed", "mixed-integer", "mixed-integer-float"):
        return
    is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in cells), dtype=bool, count=cells.size)
    if not is_bool.any():
        return
    for code in np.unique(codes[is_bool]):
        number = np.flatnonzero((codes == code) & ~is_bool)
        if number.size:
            a, b = cells[number[0]], cells[np.flatnonzero((codes == code) & is_bool)[0]]
            raise InputError(Message("err_ids_bool_number", a=a, b=b, first=values[code]))


def _refuse_written_alike(values: np.ndarray) -> None:
    """Refuse distinct vehicle ids of different types that are written the same (``1`` and ``"1"``).

    They would be two vehicles whose events and summary rows read the same
    (and one vehicle in a file): each part of the trip followed alone.
    Numbers equal as numbers (``7`` and ``7.0``) are one value already.
    """
    if len({type(v) for v in values}) < 2:
        return
    seen: dict[str, Any] = {}
    for v in values:
        text = str(v)
        if text in seen:
            raise InputError(Message("err_ids_written_alike", a=seen[text], b=v, text=text))
        seen[text] = v


def _category_codes(cat: pd.Categorical) -> tuple[np.ndarray, np.ndarray]:
    """:func:`vehicle_codes` of a pandas Categorical from its codes (one pass; no Python object per row)."""
    raw = np.asarray(cat.codes)
    codes = np.empty(raw.size, dtype=np.int64)
    used = _first_seen(raw, len(cat.categories), codes)
    values = np.empty(used.size, dtype=object)
    values[:] = cat.categories.take(used).tolist()
    _refuse_written_alike(values)
    return _blank_missing(codes, values)


@njit(cache=True, nogil=True)
def _first_seen(raw: np.ndarray, k: int, codes: np.ndarray) -> np.ndarray:  # pragma: no cover - numba
    """Codes ``raw`` (of ``k`` values; negative: missing) renumbered in order of first appearance into ``codes``.

    Returns the ``raw`` code of each new code (the values used, in that order).
    """
    seen = np.full(k, -1, dtype=np.int64)
    used = np.empty(k, dtype=np.int64)
    nu = 0
    for i in range(raw.size):
        c = np.int64(raw[i])
        if c < 0:
            codes[i] = -1
            continue
        s = seen[c]
        if s < 0:
            s = nu
            seen[c] = s
            used[nu] = c
            nu += 1
        codes[i] = s
    return used[:nu]


def _run_codes(starts: np.ndarray, n: int) -> np.ndarray:
    """0, 0, ..., 1, 1, ...: the run number of each of ``n`` rows, runs starting at ``starts``."""
    return np.repeat(np.arange(starts.size, dtype=np.int64), np.diff(np.append(starts, n)))


def _blank_missing(codes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    blank = np.array([isinstance(v, (str, bytes)) and not v.strip() for v in values], dtype=bool)
    if blank.any():  # an empty id (a blank CSV cell, empty bytes) is a missing id
        codes = np.where(blank[np.maximum(codes, 0)] & (codes >= 0), -1, codes)
    return codes, values


def _integer_codes(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = arr.size
    if n > 1:
        starts = np.flatnonzero(np.concatenate([[True], arr[1:] != arr[:-1]]))
        if starts.size <= n // 2:  # runs of two or more rows on average: perhaps grouped by vehicle
            firsts = arr[starts]
            if np.unique(firsts).size == starts.size:  # grouped by vehicle: the runs are the vehicles
                return _run_codes(starts, n), np.asarray(firsts, dtype=object)
    codes, values = pd.factorize(arr, sort=False)
    return np.asarray(codes, dtype=np.int64), np.asarray(values, dtype=object)


def _text_codes(arr: Any) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    n = len(arr)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    if all(pa.types.is_string(c.type) or pa.types.is_large_string(c.type) for c in chunks):
        return _blank_missing(*_hash_codes(chunks, n))
    enc = arr.dictionary_encode()
    if isinstance(enc, pa.ChunkedArray):
        enc = (
            enc.unify_dictionaries().combine_chunks()
            if enc.num_chunks
            else pa.array([], pa.string()).dictionary_encode()
        )
    codes = pc.fill_null(enc.indices.cast(pa.int64()), -1).to_numpy(zero_copy_only=False)
    values = np.empty(len(enc.dictionary), dtype=object)
    values[:] = enc.dictionary.to_pylist()
    return _blank_missing(np.asarray(codes, dtype=np.int64), values)


def _hash_codes(chunks: list[Any], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes in order of first appearance (-1: null) and the distinct values of Arrow text chunks.

    The text's bytes are hashed in place (:func:`_hash_chunk`, one table for
    every chunk): no Python string per row, no copy of the chunks.
    """
    codes = np.empty(n, dtype=np.int64)
    table = np.full(1024, -1, dtype=np.int64)
    u_hash = np.zeros(1024, dtype=np.uint64)
    u_word = np.zeros(1024, dtype=np.uint64)
    u_next = np.full(1024, -1, dtype=np.int64)
    u_off = np.zeros(1025, dtype=np.int64)
    u_data = np.empty(4096, dtype=np.uint8)
    nu = 0
    at = 0
    for chunk in chunks:
        m = len(chunk)
        if m == 0:
            continue
        valid_buf, offsets_buf, data_buf = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + m + 1]
        data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else _NONE_U8
        valid = np.frombuffer(valid_buf, dtype=np.uint8) if valid_buf is not None and chunk.null_count else _NONE_U8
        table, u_hash, u_word, u_next, u_off, u_data, nu = _hash_chunk(
            offsets, data, valid, chunk.offset, codes[at : at + m], table, u_hash, u_word, u_next, u_off, u_data, nu
        )
        at += m
    uniques = pa.LargeStringArray.from_buffers(nu, pa.py_buffer(u_off[: nu + 1]), pa.py_buffer(u_data[: u_off[nu]]))
    values = np.empty(nu, dtype=object)
    values[:] = uniques.to_pylist()
    return codes, values


@dataclass
class _BoundaryGrid:
    """Every zone layer's boundary segments in a bucket grid per layer (CSR), for the crossing kernel."""

    params: np.ndarray  # per layer: west, south, 1 / cell size, columns, rows
    cell_start: np.ndarray  # per layer: offset of its first cell in ``cells``
    cells: np.ndarray  # CSR offsets into ``members`` (one more than the cells)
    members: np.ndarray  # boundary segment numbers
    segs: np.ndarray  # per entry of ``members``: its segment's x0, y0, x1, y1 (a cell's segments lie together)
    #: per layer column, made when first asked (:func:`_crossings_at_a_fix`): its boundary, shapely-prepared
    edges: dict[int, Any] = field(default_factory=dict)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (self.segs, self.params, self.cell_start, self.cells, self.members)


_GRIDS: weakref.WeakKeyDictionary[Any, _BoundaryGrid | None] = weakref.WeakKeyDictionary()
#: Cells along the longer side of each layer's boundary bucket grid.
BOUNDARY_CELLS = 128
#: Least cell width in degrees (about 0.7-0.9 km): a small layer's cells stay coarse enough that a replayed
#: segment walks a few cells, not dozens (see benchmarks/README.md).
BOUNDARY_CELL_MIN_DEG = 0.008


def _boundary_grid(model: Model) -> _BoundaryGrid | None:
    """The model's :class:`_BoundaryGrid` (built once per model), or None when a layer has no boundary."""
    if model in _GRIDS:
        return _GRIDS[model]
    xs0, ys0, xs1, ys1, params, starts, cell_lists = [], [], [], [], [], [], []
    offset = 0
    cell_offset = 0
    grid: _BoundaryGrid | None = None
    for z in model.zone_layers:
        geom = model.layer_geometry(z)
        parts = shapely.get_parts(shapely.boundary(geom))
        coords, part = shapely.get_coordinates(parts, return_index=True)
        same = part[1:] == part[:-1]
        if coords.shape[0] < 2 or not same.any():
            _GRIDS[model] = None
            return None
        a, b = coords[:-1][same], coords[1:][same]
        w, s = float(coords[:, 0].min()), float(coords[:, 1].min())
        size = max(float(coords[:, 0].max()) - w, float(coords[:, 1].max()) - s, 1e-9) / BOUNDARY_CELLS
        size = max(size, BOUNDARY_CELL_MIN_DEG)
        nx = int((float(coords[:, 0].max()) - w) / size) + 1
        ny = int((float(coords[:, 1].max()) - s) / size) + 1
        inv = 1.0 / size
        cx0 = ((np.minimum(a[:, 0], b[:, 0]) - w) * inv).astype(np.int64)
        cx1 = ((np.maximum(a[:, 0], b[:, 0]) - w) * inv).astype(np.int64)
        cy0 = ((np.minimum(a[:, 1], b[:, 1]) - s) * inv).astype(np.int64)
        cy1 = ((np.maximum(a[:, 1], b[:, 1]) - s) * inv).astype(np.int64)
        # no margin: a cell is a non-decreasing function of a coordinate, computed the same way by
        # _piece_crossings, so where the boxes of a boundary segment and of a segment between fixes overlap (as they
        # do where the two cross), so do their ranges of cells
        cx0, cy0 = np.clip(cx0, 0, nx - 1), np.clip(cy0, 0, ny - 1)
        cx1, cy1 = np.clip(cx1, 0, nx - 1), np.clip(cy1, 0, ny - 1)
        cells, members = _bucket(cx0, cx1, cy0, cy1, nx, ny)
        xs0.append(a[:, 0])
        ys0.append(a[:, 1])
        xs1.append(b[:, 0])
        ys1.append(b[:, 1])
        params.append((w, s, inv, nx, ny))
        starts.append(cell_offset)
        cell_lists.append((cells, members + offset))
        offset += a.shape[0]
        cell_offset += nx * ny
    if not params:
        _GRIDS[model] = None
        return None
    # one CSR for all layers
    all_cells = [np.zeros(1, dtype=np.int64)]
    base = 0
    for cells, members in cell_lists:
        all_cells.append(cells[1:] + base)
        base += members.size
    members = np.concatenate([m for _, m in cell_lists]).astype(np.int64)
    ends = (np.concatenate(xs0), np.concatenate(ys0), np.concatenate(xs1), np.concatenate(ys1))
    grid = _BoundaryGrid(
        np.array(params, dtype=np.float64),
        np.array(starts, dtype=np.int64),
        np.concatenate(all_cells),
        members,
        np.ascontiguousarray(np.stack([e[members] for e in ends], axis=1)),
    )
    _GRIDS[model] = grid
    return grid


#: Cells along the longer side of the grid of distances to the zones' boundaries (:func:`_near_grid`), and the
#: cells around it (a point beyond them is at least that many cells from every boundary).
NEAR_CELLS = 1024
_NEAR_PAD = 64
_NEARS: weakref.WeakKeyDictionary[Any, dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]]] = (
    weakref.WeakKeyDictionary()
)


def _near_grid(model: Model, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far each cell of a grid over the zones lies from each followed layer's boundary, for the walk's filter.

    Returns ``params`` (west, south, 1 / cell side in degrees, columns, rows,
    1 / the shortest cell side in metres, the cells' value beyond the grid)
    and ``steps`` (one row per cell, row-major from the south-west; one
    column per layer of ``cols`` and a last one with their least): the
    Chebyshev distance in cells (up to 255) from the cell to the nearest
    cell a boundary segment of the layer passes through. A straight piece
    from a point in a cell, ``d`` metres long, stays within ``d`` times the
    last parameter plus one cells of it (plus one for rounding), so where
    the distance is larger it cannot meet the boundary. (Empty arrays when
    a layer has no boundary.)
    """
    key = tuple(int(c) for c in cols)
    cache = _NEARS.setdefault(model, {})
    if key in cache:
        return cache[key]
    zones = list(model.zone_layers)
    lines = [shapely.get_coordinates(shapely.boundary(model.layer_geometry(zones[c])), return_index=False) for c in key]
    if not key or any(len(v) == 0 for v in lines):
        out = (np.zeros(0), np.zeros((0, 0), dtype=np.uint8))
        cache[key] = out
        return out
    every = np.concatenate(lines)
    w0, s0 = every.min(axis=0)
    e0, n0 = every.max(axis=0)
    h = max(float(e0 - w0), float(n0 - s0), 1e-9) / NEAR_CELLS
    w, s = float(w0) - _NEAR_PAD * h, float(s0) - _NEAR_PAD * h
    nx = int((float(e0) - w) / h) + _NEAR_PAD + 1
    ny = int((float(n0) - s) / h) + _NEAR_PAD + 1
    steps = np.empty((ny * nx, len(key) + 1), dtype=np.uint8)
    for j, c in enumerate(key):
        parts = shapely.get_parts(shapely.boundary(model.layer_geometry(zones[c])))
        coords, part = shapely.get_coordinates(parts, return_index=True)
        same = part[1:] == part[:-1]
        a, b = coords[:-1][same], coords[1:][same]
        args = (a[:, 0].copy(), a[:, 1].copy(), b[:, 0].copy(), b[:, 1].copy(), w, s, h, h * 1e-6)
        npairs = _segment_cells(ny, nx, *args, np.empty(0, np.int64), np.empty(0, np.int64))
        cell = np.empty(npairs, np.int64)
        _segment_cells(ny, nx, *args, cell, np.empty(npairs, np.int64))
        near = np.full((ny, nx), 255, dtype=np.uint8)
        near.ravel()[cell] = 0
        _chebyshev(near)
        steps[:, j] = near.ravel()
    steps[:, -1] = steps[:, :-1].min(axis=1)
    # the shortest metres per degree (of longitude at the latitude furthest from the equator, of latitude at the
    # one nearest it) over the grid, less 1% (the walk's lengths and the tables' interpolation)
    far = min(max(abs(s), abs(s + ny * h)), 90.0)
    near_eq = 0.0 if s <= 0.0 <= s + ny * h else min(abs(s), abs(s + ny * h))
    kx = float(np.interp(far, np.arange(18001) * 0.01 - 90.0, _KX))
    ky = float(np.interp(near_eq, np.arange(18001) * 0.01 - 90.0, _KY))
    per_m = 1.0 / (0.99 * h * min(kx, ky)) if min(kx, ky) > 0 else np.inf
    params = np.array([w, s, 1.0 / h, nx, ny, per_m, _NEAR_PAD - 1], dtype=np.float64)
    cache[key] = (params, steps)
    return params, steps


class _Totals:
    """Per vehicle (and per vehicle and zone) sums, filled by :func:`_walk`.

    A trip's time and its time in gaps are summed in integer nanoseconds,
    so that a trip made of gaps alone has exactly no time outside them.
    """

    def __init__(self, nv: int, k: int) -> None:
        self.fixes = np.zeros(nv, dtype=np.int64)
        self.start = np.full(nv, np.iinfo(np.int64).min, dtype=np.int64)
        self.end = self.start.copy()
        self.trip_ns = np.zeros(nv, dtype=np.int64)
        self.trip_m = np.zeros(nv)
        self.gap_ns = np.zeros(nv, dtype=np.int64)
        self.gap_m = np.zeros(nv)
        self.time_in = np.zeros((nv, k))
        self.dist_in = np.zeros((nv, k))
        self.enters = np.zeros((nv, k), dtype=np.int64)
        self.exits = np.zeros((nv, k), dtype=np.int64)
        self.gaps = np.zeros((nv, k), dtype=np.int64)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (
            self.fixes,
            self.start,
            self.end,
            self.trip_ns,
            self.trip_m,
            self.gap_ns,
            self.gap_m,
            self.time_in,
            self.dist_in,
            self.enters,
            self.exits,
            self.gaps,
        )


# --------------------------------------------------------------------------
# compiled kernels (numba, compiled on first use and cached on disk)
# --------------------------------------------------------------------------


def _hit_words(hits: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, bool]:
    """``hits`` (bool, one row per fix) as one unsigned word per fix when a row is 1, 2, 4 or 8 bytes (else empty).

    Also whether the zones followed (``cols``) are all the layers in order,
    so the packed word is the zone flags as it is (:func:`_zone_bits`).
    """
    k = hits.shape[1] if hits.ndim == 2 else 0
    ident = cols.size == k and bool(np.array_equal(cols, np.arange(k)))
    if hits.dtype == np.bool_ and k in _WORD_TYPES and hits.flags.c_contiguous and hits.shape[0]:
        return hits.view(_WORD_TYPES[k]).reshape(-1), ident
    return _NONE_U8, ident


_WORD_TYPES = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


@njit(cache=True, nogil=True, inline="always")
def _zone_word(hits: np.ndarray, i: int, cols: np.ndarray) -> Any:  # pragma: no cover - numba
    """Fix ``i``'s zone flags as bits: bit ``z`` set when ``hits[i, cols[z]]`` (at most 64 zones; no branches)."""
    b = np.uint64(0)
    for z in range(cols.size):
        b |= np.uint64(hits[i, cols[z]]) << np.uint64(z)
    return b


@njit(cache=True, nogil=True, inline="always")
def _zone_bits(located: tuple[Any, ...], i: int) -> Any:  # pragma: no cover - numba
    """:func:`_zone_word` from ``located`` = (words of :func:`_hit_words`, hits, cols, whether cols are every layer).

    A row of up to 8 bool bytes (each 0 or 1, byte ``z`` for layer ``z``)
    read as one word is packed into bits by one multiplication: the
    product's terms ``byte_z * 2**(8z + 7j)`` are distinct powers of two
    (no carries), and those with ``j = 7 - z`` land on bit ``49 + z``.
    """
    hw, hits, cols, ident = located
    if hw.size == 0:
        return _zone_word(hits, i, cols)
    w = (np.uint64(hw[i]) * np.uint64(0x0002040810204081)) >> np.uint64(49)
    if ident:
        return w & np.uint64(0xFF)
    one = np.uint64(1)
    b = np.uint64(0)
    for z in range(cols.size):
        b |= ((w >> np.uint64(cols[z])) & one) << np.uint64(z)
    return b


@njit(cache=True, nogil=True, inline="always")
def _outside_code(a: float, b: float, check: tuple[Any, ...]) -> int:  # pragma: no cover - numba
    """The status code (:mod:`avzone.points`) of the float WGS84 point (a, b) when it lies outside the check's box.

    ``check`` = (True, box west, south, east, north, bounds west, south,
    east, north) from :func:`_wgs84_columns`. A point in the box is 0 (ok).
    A NaN coordinate is missing, an infinite one not finite, one beyond
    ±180 / ±90 out of range (lon code times 8 plus lat code, as
    :func:`avzone.points.from_columns` has it); a finite point outside the
    bounds that lies inside them with lon and lat exchanged is swapped,
    even when out of range as given (:func:`avzone.points.swapped_mask`);
    (0, 0) is no position (:func:`avzone.points.null_island_mask`).
    """
    _, w, s, e, n, bw, bs, be, bn = check
    if a >= w and a <= e and b >= s and b <= n:
        return 0
    if a == 0.0 and b == 0.0 and not (bw <= 0.0 and be >= 0.0 and bs <= 0.0 and bn >= 0.0):
        return NULL_ISLAND  # (0, 0) outside the dataset's area: no fix (avzone.points.null_island_mask)
    if abs(a) <= 180.0 and abs(b) <= 90.0:  # finite and in range (the usual point outside the box): ok or swapped
        if abs(a) <= 90.0 and b >= bw and b <= be and a >= bs and a <= bn:
            if not (a >= bw and a <= be and b >= bs and b <= bn):
                return SWAPPED
        return 0
    xc = 1 if np.isnan(a) else (3 if np.isinf(a) else (4 if abs(a) > 180.0 else 0))
    yc = 1 if np.isnan(b) else (3 if np.isinf(b) else (4 if abs(b) > 90.0 else 0))
    code = xc * 8 + yc
    if np.isfinite(a) and np.isfinite(b) and abs(b) <= 180.0 and abs(a) <= 90.0:  # out of range too
        if not (a >= bw and a <= be and b >= bs and b <= bn) and b >= bw and b <= be and a >= bs and a <= bn:
            code = SWAPPED
    return code


@njit(factory=True)
def _load_word(*_: Any) -> Any:
    """A kernel ``(data, a) -> word``: bytes ``a .. a + 7`` of a uint8 array as one little-endian word.

    (This function makes that kernel, called once without arguments.)

    One unaligned 8-byte load (a numba intrinsic) on a little-endian
    machine, eight byte loads elsewhere; the caller makes sure the eight
    bytes are there.
    """
    import sys

    from llvmlite import ir
    from numba import njit as numba_njit
    from numba.core import types
    from numba.extending import intrinsic

    if sys.byteorder != "little":

        @numba_njit(inline="always")
        def by_bytes(data: np.ndarray, a: int) -> Any:  # pragma: no cover - numba
            w = np.uint64(0)
            for j in range(8):
                w |= np.uint64(data[a + j]) << np.uint64(8 * j)
            return w

        return by_bytes

    @intrinsic
    def load(typingctx: Any, data: Any, a: Any) -> Any:  # pragma: no cover - numba
        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            arr = context.make_array(signature.args[0])(context, builder, args[0])
            at = builder.gep(arr.data, [args[1]])
            return builder.load(builder.bitcast(at, ir.IntType(64).as_pointer()), align=1)

        return types.uint64(data, a), codegen

    return load


@njit(cache=True, nogil=True, inline="always")
def _word_at(data: np.ndarray, a: int, ln: int) -> Any:  # pragma: no cover - numba
    """Bytes ``a .. a + ln - 1`` of ``data`` (``ln`` up to 8) as one little-endian word (0 above them)."""
    if a + 8 <= data.size:  # eight bytes read in one go, those past ``ln`` cleared
        w = _load_word(data, a)
        if ln < 8:
            w &= (np.uint64(1) << np.uint64(8 * ln)) - np.uint64(1)
        return w
    w = np.uint64(0)
    for j in range(ln):
        w |= np.uint64(data[a + j]) << np.uint64(8 * j)
    return w


@njit(cache=True, nogil=True)
def _hash_chunk(
    offsets: np.ndarray,
    data: np.ndarray,
    valid: np.ndarray,
    voff: int,
    codes: np.ndarray,
    table: np.ndarray,
    u_hash: np.ndarray,
    u_word: np.ndarray,
    u_next: np.ndarray,
    u_off: np.ndarray,
    u_data: np.ndarray,
    nu: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:  # pragma: no cover - numba
    """Codes of one Arrow text chunk (offsets, bytes, validity bits from ``voff``) in ``codes``.

    ``table`` (open addressing, a power of two long, -1 empty) maps hashes
    to codes. The ``nu`` distinct values so far are kept as Arrow
    large-string offsets ``u_off`` and bytes ``u_data``, with their hash
    (``u_hash``) and first eight bytes as one word (``u_word``). A value is
    read eight bytes at a time (:func:`_word_at`, one load each); its first word, mixed
    with its length, and every further word are multiplied in, then the
    bits are mixed (as in MurmurHash3's finalizer) and the low ones pick
    the table's slot, so a short value (a vehicle id, a plate number) is hashed and compared as one
    word. New values get the next code. A value equal to the previous
    row's (runs of a vehicle's fixes) takes its code without a hash; so
    does one equal to the value that followed the previous row's value the
    last time it was seen (``u_next``, -1 for none: vehicles reporting in
    turn, as a feed ordered by time has them). Returns the (possibly grown)
    state.
    """
    m = codes.size
    k1 = np.uint64(0x9E3779B97F4A7C15)
    k2 = np.uint64(0xFF51AFD7ED558CCD)
    pc, pw, pln, pfirst = -1, np.uint64(0), -1, 0  # the previous row's code, first word, length and first byte
    for b0 in range(0, m, 4096):
        b1 = min(m, b0 + 4096)
        # room for every value of the block being new, made before the block
        if 2 * (nu + b1 - b0) > table.size:
            size = table.size
            while 2 * (nu + b1 - b0) > size:
                size *= 2
            table = np.full(size, -1, dtype=np.int64)
            for u in range(nu):  # the distinct values again, by their hashes
                slot = np.int64(u_hash[u] & np.uint64(size - 1))
                while table[slot] >= 0:
                    slot = (slot + 1) & (size - 1)
                table[slot] = u
        u_off = _grow1(u_off, nu + (b1 - b0) + 1)
        u_hash = _grow1(u_hash, nu + (b1 - b0))
        u_word = _grow1(u_word, nu + (b1 - b0))
        if u_next.size < nu + (b1 - b0):
            grown = np.full(max(nu + (b1 - b0), 2 * u_next.size), -1, dtype=np.int64)
            grown[:nu] = u_next[:nu]
            u_next = grown
        u_data = _grow1(u_data, u_off[nu] + (offsets[b1] - offsets[b0]))
        mask = np.uint64(table.size - 1)
        # (the block as slices indexed from 0, the table and the values by unsigned indices: no test for a
        # negative index at each access)
        off, cc = offsets[b0 : b1 + 1], codes[b0:b1]
        for i in range(cc.size):
            if valid.size > 0:
                bit = np.uint64(voff + b0 + i)
                if not (valid[bit >> np.uint64(3)] >> (bit & np.uint64(7))) & 1:
                    cc[i] = -1
                    continue
            a = np.int64(off[i])
            e = np.int64(off[i + 1])
            w = _word_at(data, a, min(e - a, 8))
            if w == pw and e - a == pln and pc >= 0:  # (perhaps the previous row's value: input grouped by vehicle)
                if _same_tail(data, pfirst, data, a, e):
                    cc[i] = pc
                    pfirst = a
                    continue
            if pc >= 0:  # (perhaps the value that followed the previous row's value last time)
                c = u_next[np.uint64(pc)]
                if c >= 0:
                    uc = np.uint64(c)
                    if u_word[uc] == w and u_off[uc + np.uint64(1)] - u_off[uc] == e - a:
                        if _same_tail(u_data, u_off[uc], data, a, e):
                            cc[i] = c
                            pc, pw, pln, pfirst = c, w, e - a, a
                            continue
            h = (w ^ (np.uint64(e - a) * k1)) * k2
            for j in range(a + 8, e, 8):
                h = (h ^ _word_at(data, j, min(e - j, 8))) * k1
            h ^= h >> np.uint64(32)  # (the low bits mixed with all the others: they pick the slot)
            h *= np.uint64(0xC4CEB9FE1A85EC53)
            h ^= h >> np.uint64(29)
            slot = h & mask
            while True:
                c = table[slot]
                if c < 0:  # a new value
                    c = nu
                    table[slot] = c
                    u_hash[c] = h
                    u_word[c] = w
                    start = u_off[nu]
                    for j in range(a, e):
                        u_data[start + j - a] = data[j]
                    u_off[nu + 1] = start + e - a
                    nu += 1
                    break
                uc = np.uint64(c)
                if u_hash[uc] == h and u_word[uc] == w and u_off[uc + np.uint64(1)] - u_off[uc] == e - a:
                    if _same_tail(u_data, u_off[uc], data, a, e):
                        break
                slot = (slot + np.uint64(1)) & mask
            cc[i] = c
            if pc >= 0:
                u_next[np.uint64(pc)] = c
            pc, pw, pln, pfirst = c, w, e - a, a
    return table, u_hash, u_word, u_next, u_off, u_data, nu


@njit(cache=True, nogil=True, inline="always")
def _same_tail(u_data: np.ndarray, start: int, data: np.ndarray, a: int, e: int) -> bool:  # pragma: no cover - numba
    """Whether bytes ``a + 8 .. e - 1`` of ``data`` equal those of the value starting at ``u_data[start]``.

    (A stored value, or the previous row's in ``data`` itself; their first eight bytes and length are compared
    before, as one word and one number.)
    """
    base = start - a
    for j in range(a + 8, e):
        if u_data[base + j] != data[j]:
            return False
    return True


@njit(cache=True, nogil=True)
def _head_in_order(vid: np.ndarray, traw: np.ndarray, nv: int, limit: int) -> bool:  # pragma: no cover - numba
    """Whether every vehicle's times are in order (not decreasing) in the first ``limit`` rows.

    Rows without a vehicle or a time are left out. (Only a guess of the
    order for the rest: :func:`_walk` finds out for every row.)
    """
    last = np.full(nv, np.iinfo(np.int64).min, dtype=np.int64)
    for i in range(min(limit, vid.size)):
        c = vid[i]
        t = traw[i]
        if c < 0 or t == _NAT:
            continue
        if t < last[c]:
            return False
        last[c] = t
    return True


@njit(cache=True, nogil=True, inline="always")
def _row_code(pcode: int, t: int, tcode: int, c: int) -> int:  # pragma: no cover - numba
    """Why a row cannot be used (0: it can), from its point's status code, raw time, time code and vehicle code.

    (Scalars only: a kernel taking arrays costs reference counts per call,
    tens of nanoseconds, more than this check.)
    """
    if pcode != 0:  # points.OK
        return _ROW_POINT
    if t == _NAT or tcode != 0:
        return _ROW_TIME
    if c < 0:
        return _ROW_ID
    return 0


@njit(cache=True, nogil=True, inline="always")
def _count_usable(
    b0: int,
    b1: int,
    vid: np.ndarray,
    traw: np.ndarray,
    tcodes: np.ndarray,
    pcodes: np.ndarray,
    check: tuple[Any, ...],
    lon: np.ndarray,
    lat: np.ndarray,
    row: np.ndarray,
    count: np.ndarray,
) -> int:  # pragma: no cover - numba
    """The usable rows ``b0 .. b1 - 1`` counted by vehicle; returns how many.

    ``row`` gets why each other row cannot be used (:func:`_row_code`; with
    a ``check``, the status of a point outside its box is made first,
    :func:`_outside_code`). ``count`` (one more than the vehicles) ends as
    each vehicle's first place: ``count[c] .. count[c + 1] - 1`` are
    vehicle ``c``'s, in a counting sort by vehicle.
    """
    nv = count.size - 1
    count[:] = 0
    # (slices, indexed from 0: a loop over ``range(b0, b1)`` tests every index for being negative, and
    # the check in a loop of its own: together in one loop both passes take twice as long)
    x, y, pc, vv, tr, rr = lon[b0:b1], lat[b0:b1], pcodes[b0:b1], vid[b0:b1], traw[b0:b1], row[b0:b1]
    tc = tcodes[b0:b1] if tcodes.size else tcodes
    if check[0]:
        for i in range(x.size):
            code = _outside_code(x[i], y[i], check)
            if code:
                pc[i] = code
    for i in range(x.size):
        code = _row_code(pc[i], tr[i], tc[i] if tc.size else 0, vv[i])
        if code:
            rr[i] = code
        else:
            count[vv[i] + 1] += 1
    for c in range(nv):
        count[c + 1] += count[c]
    return int(count[nv])


@njit(cache=True, nogil=True, inline="always")
def _scatter_to(dest: np.ndarray, values: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover - numba
    """``out[dest[i]] = values[i]`` wherever ``dest[i] >= 0``."""
    for i in range(dest.size):
        p = dest[i]
        if p >= 0:
            out[np.uint64(p)] = values[i]


@njit(cache=True, nogil=True)
def _gather_block(
    b0: int,
    b1: int,
    vid: np.ndarray,
    traw: np.ndarray,
    tcodes: np.ndarray,
    pcodes: np.ndarray,
    check: tuple[Any, ...],
    lon: np.ndarray,
    lat: np.ndarray,
    row: np.ndarray,
    count: np.ndarray,
    out: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> int:  # pragma: no cover - numba
    """The usable fixes of input rows ``b0 .. b1 - 1`` gathered by vehicle, in input order within each vehicle.

    ``out`` (input rows, times, lon, lat; at least ``b1 - b0`` long each)
    gets them, its last array (as long) is scratch; ``count`` (one more
    than the vehicles) ends with where each vehicle's run ends in them
    (``count[c]``: the run's end, and the next vehicle's start);
    ``row`` says what is wrong with the other rows (:func:`_row_code`).
    Returns how many were gathered. A counting sort, as :func:`_gathered`
    does for the whole input, on a block small enough for the caches.
    """
    pos, tt, x, y, dest = out
    m = _count_usable(b0, b1, vid, traw, tcodes, pcodes, check, lon, lat, row, count)
    # each usable row's place, then one array at a time: a scatter to as many places as there are vehicles
    # stays in the first-level cache for one array, not for four (the block's rows as slices, indexed from 0, and
    # the places unsigned: no test for a negative index at each access)
    rr, vv, d = row[b0:b1], vid[b0:b1], dest[: b1 - b0]
    for i in range(rr.size):
        if rr[i] == 0:
            c = vv[i]
            p = count[c]
            count[c] = p + 1
            pos[np.uint64(p)] = b0 + i
            d[i] = p
        else:
            d[i] = -1
    _scatter_to(d, traw[b0:b1], tt)
    _scatter_to(d, lon[b0:b1], x)
    _scatter_to(d, lat[b0:b1], y)
    return m


@njit(cache=True, nogil=True)
def _vehicle_places(vid: np.ndarray, count: np.ndarray) -> int:  # pragma: no cover - numba
    """The rows with a vehicle code counted by vehicle, as first places; returns how many.

    ``count`` (one more than the vehicles) ends as each vehicle's first
    place: ``count[c] .. count[c + 1] - 1`` are room for vehicle ``c``'s
    rows in a counting sort by vehicle (:func:`_gathered`; rows with a
    negative code, no vehicle, have none).
    """
    nv = count.size - 1
    count[:] = 0
    for i in range(vid.size):
        c = vid[i]
        if c >= 0:
            count[c + 1] += 1
    for c in range(nv):
        count[c + 1] += count[c]
    return int(count[nv])


@njit(cache=True, nogil=True)
def _gathered(
    vid: np.ndarray,
    traw: np.ndarray,
    tcodes: np.ndarray,
    pcodes: np.ndarray,
    check: tuple[Any, ...],
    lon: np.ndarray,
    lat: np.ndarray,
    row: np.ndarray,
    count: np.ndarray,
    rec: np.ndarray,
    out: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> int:  # pragma: no cover - numba
    """The usable fixes gathered in (vehicle code, time, input row) order; returns how many.

    ``count`` holds each vehicle's first place among the rows with a
    vehicle (:func:`_vehicle_places`) and ends as the first places among
    the usable fixes: vehicle ``c``'s are ``count[c] .. count[c + 1] - 1``
    of ``out`` (as long as there are rows with a vehicle; made by the
    caller, in numpy, whose large arrays get the kernel's huge pages where
    it has them: fewer page faults and TLB misses than arrays made here),
    which gets their input rows, times, lon and lat. ``rec`` (as many rows
    of four words) is scratch. ``row`` gets why each
    other row cannot be used (:func:`_row_code`; with a ``check``, the
    status of a point outside its box is made first, :func:`_outside_code`).

    One pass over the input, block by block (the check in a loop of its
    own: together in one loop with the rest it takes twice as long; the
    block is still in the caches for the second loop): each usable row's
    input row, time, lon and lat written side by side, as one record of
    ``rec``, to its vehicle's next place (the writes jump to as many places
    as there are vehicles: one place per vehicle, where four arrays would
    have four, and each written a whole cache line at a time; four times
    faster than four arrays with a thousand vehicles). Then each vehicle's
    run is sorted stably by time (:func:`_sort_runs`, in the CPU caches: a
    run is small) and written to ``out`` after the previous one (the places
    of the rows that are not usable were left empty at the run's end); runs
    already in time order are only copied.
    """
    nv = count.size - 1
    fill = np.empty(nv, dtype=np.int64)
    fill[:] = count[:nv]
    recf = rec.view(np.float64)
    n = vid.size
    for b0 in range(0, n, 4096):
        b1 = min(n, b0 + 4096)
        # (the block's rows as slices, indexed from 0; places unsigned: no test for a negative index at each access)
        xb, yb, pc, vv, tr, rr = lon[b0:b1], lat[b0:b1], pcodes[b0:b1], vid[b0:b1], traw[b0:b1], row[b0:b1]
        tc = tcodes[b0:b1] if tcodes.size else tcodes
        if check[0]:
            for i in range(xb.size):
                code = _outside_code(xb[i], yb[i], check)
                if code:
                    pc[i] = code
        for i in range(xb.size):
            code = _row_code(pc[i], tr[i], tc[i] if tc.size else 0, vv[i])
            if code:
                rr[i] = code
                continue
            c = vv[i]
            p = np.uint64(fill[c])
            fill[c] = p + 1
            rec[p, 0] = b0 + i
            rec[p, 1] = tr[i]
            recf[p, 2] = xb[i]
            recf[p, 3] = yb[i]
    return _sort_runs(count, fill, rec, *out)


#: Widest digit of :func:`_sort_runs` (its counts, 128 kB, stay near the core).
_SORT_BITS = 14


@njit(cache=True, nogil=True)
def _sort_runs(
    count: np.ndarray,
    stop: np.ndarray,
    rec: np.ndarray,
    pos: np.ndarray,
    tt: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
) -> int:  # pragma: no cover - numba
    """Each vehicle's run (``count[c] .. stop[c] - 1``) of :func:`_gathered`'s records sorted stably by time.

    ``rec`` holds the records (input row, time, lon, lat: four words, the
    last two float64 bits). The runs are written to ``pos``, ``tt``, ``x``
    and ``y`` in vehicle order as they are sorted (each after the previous
    one: from the first place on, no gaps); ``count`` ends as their new
    first places (``count[c] .. count[c + 1] - 1``: vehicle ``c``'s).
    Returns the number of fixes in all.

    The keys are the run's times relative to its earliest, in nanoseconds,
    each carrying the fix's place in the run in its low bits when both fit
    in 64 bits (the order of such words is the stable order). Those are
    sorted by one counting pass on their top bits (as many buckets as the
    run has fixes, up to 2**:data:`_SORT_BITS`), which leaves times spread
    over the span nearly in order, finished by an insertion sort; where
    that would move keys far (times bunched together), or where key and
    place do not fit in one word, by an LSD radix sort in the fewest passes
    of digits of up to :data:`_SORT_BITS` bits, on keys in the times'
    common unit (seconds, milliseconds, ...; divided by constants,
    :func:`_in_unit`: fewer passes). The times are then written back from
    the sorted keys (exact: every time is its earliest plus a whole number
    of units), the input rows and positions read from the run's records
    in that order (a fix's row and position side by side: one place read
    per fix). Runs already in time order are only copied. Runs are read as
    slices indexed from 0, places as unsigned indices (no test for a
    negative index at each access).
    """
    nv = count.size - 1
    big = 0
    for c in range(nv):
        big = max(big, stop[c] - count[c])
    a0 = np.empty(big, dtype=np.uint64)
    b0 = np.empty(big, dtype=np.uint64)
    perm0 = np.empty(big, dtype=np.int64)
    perm20 = np.empty(big, dtype=np.int64)
    tr0 = np.empty(big, dtype=np.int64)  # (a run's times, from its records)
    recf = rec.view(np.float64)
    hist = np.empty((8, 1 << _SORT_BITS), dtype=np.int64)  # (at most 8 passes of 8 or more bits: 64-bit keys)
    at = 0  # where the next run goes
    for c in range(nv):
        start, dest = count[c], at
        r = stop[c] - start
        count[c] = dest
        at += r
        run_i, run_f = rec[start : start + r], recf[start : start + r]
        tr = tr0[:r]
        ordered = True
        for q in range(r):
            tr[q] = run_i[q, 1]
        for q in range(1, r):
            if tr[q] < tr[q - 1]:
                ordered = False
                break
        if ordered:
            to, pr, xr, yr = tt[dest : dest + r], pos[dest : dest + r], x[dest : dest + r], y[dest : dest + r]
            for q in range(r):
                pr[q] = run_i[q, 0]
                to[q] = tr[q]
                xr[q] = run_f[q, 2]
                yr[q] = run_f[q, 3]
            continue
        tmin = tr[0]
        for q in range(r):
            tmin = min(tmin, tr[q])
        tmax = tr[0]
        for q in range(r):
            tmax = max(tmax, tr[q])
        ib = 0  # bits of the largest place in the run
        while (1 << ib) < r:
            ib += 1
        # the keys in nanoseconds (differences as unsigned words: exact even across the whole range of times)
        unit = 1
        kb = _bits(np.uint64(tmax - tmin))
        a, b, perm, perm2 = a0[:r], b0[:r], perm0[:r], perm20[:r]
        done = False
        packed = kb + ib <= 64
        low_bits = np.uint64(ib if packed else 0)
        if packed:
            # key and place in one word (the place in the low bits): one counting pass on the keys' top bits
            # (about as many buckets as fixes), then an insertion sort of what is left out of order inside the
            # buckets: given up, for the passes below, once it has moved keys more than 4 places per fix on
            # average (times bunched in a few buckets)
            lb = min(ib, _SORT_BITS)
            shift = np.uint64(kb - lb if kb > lb else 0)
            h = hist[0, : 1 << lb]
            h[:] = 0
            for q in range(r):
                key = np.uint64(tr[q] - tmin)
                a[q] = (key << low_bits) | np.uint64(q)
                h[key >> shift] += 1
            total = 0
            for d in range(h.size):
                hd = h[d]
                h[d] = total
                total += hd
            sh = low_bits + shift
            for q in range(r):
                w = a[q]
                d = w >> sh
                p = np.uint64(h[d])
                h[d] = p + 1
                b[p] = w
            budget = 4 * r
            done = True
            for q in range(1, r):
                w = b[q]
                j = q
                while j > 0 and b[j - 1] > w:
                    b[j] = b[j - 1]
                    j -= 1
                b[j] = w
                budget -= q - j
                if budget < 0:
                    done = False
                    break
            if done:
                a, b = b, a
        if not done:
            # the times' common unit (whole seconds, milliseconds, microseconds) divided out: fewer passes
            unit = 1_000_000_000
            while unit > 1:
                q = 0
                while q < r and _in_unit(np.uint64(tr[q] - tmin), unit) * np.uint64(unit) == np.uint64(tr[q] - tmin):
                    q += 1
                if q == r:
                    break
                unit //= 1000
            kb = _bits(_in_unit(np.uint64(tmax - tmin), unit))
            # key and place in one word when both fit; otherwise (a span of times too long for that) the key
            # alone, the places moved beside it
            packed = kb + ib <= 64
            low_bits = np.uint64(ib if packed else 0)
            # LSD: the fewest passes of digits of up to _SORT_BITS bits, no wider than the run needs (a
            # digit's counts are set to zero and summed once per pass: many more than the fixes cost more
            # than another pass)
            width = 8
            while width < _SORT_BITS and (1 << width) < r:
                width += 1
            npass = max(1, (kb + width - 1) // width)
            bits = (kb + npass - 1) // npass
            nd = 1 << bits
            mask = np.uint64(nd - 1)
            hist[:npass, :nd] = 0  # every pass's counts, made as the keys are
            for q in range(r):
                key = _in_unit(np.uint64(tr[q] - tmin), unit)
                a[q] = (key << low_bits) | np.uint64(q) if packed else key
                perm[q] = q
                for k in range(npass):
                    hist[k, (key >> np.uint64(bits * k)) & mask] += 1
            for k in range(npass):
                total = 0
                for d in range(nd):
                    hd = hist[k, d]
                    hist[k, d] = total
                    total += hd
                sh = low_bits + np.uint64(bits * k)
                for q in range(r):
                    d = (a[q] >> sh) & mask
                    p = np.uint64(hist[k, d])
                    hist[k, d] = p + 1
                    b[p] = a[q]
                    if not packed:
                        perm2[p] = perm[q]
                a, b = b, a
                if not packed:
                    perm, perm2 = perm2, perm
        # the times from the sorted keys, the rows and positions read from the records in that order
        base, u = np.uint64(tmin), np.uint64(unit)
        place = (np.uint64(1) << low_bits) - np.uint64(1)
        to, pr, xr, yr = tt[dest : dest + r], pos[dest : dest + r], x[dest : dest + r], y[dest : dest + r]
        for q in range(r):
            w = a[q]
            to[q] = np.int64(base + (w >> low_bits) * u)
            f = np.uint64(w & place) if packed else np.uint64(perm[q])
            pr[q] = run_i[f, 0]
            xr[q] = run_f[f, 2]
            yr[q] = run_f[f, 3]
    count[nv] = at
    return at


@njit(cache=True, nogil=True, inline="always")
def _bits(w: Any) -> int:  # pragma: no cover - numba
    """The number of bits of the unsigned word ``w`` (0 for 0)."""
    n = 0
    while n < 64 and (w >> np.uint64(n)) > np.uint64(0):
        n += 1
    return n


@njit(cache=True, nogil=True, inline="always")
def _in_unit(d: Any, unit: int) -> Any:  # pragma: no cover - numba
    """``d // unit`` of an unsigned word for the units of :func:`_gathered` (by a constant: a multiplication)."""
    if unit == 1_000_000:
        return d // np.uint64(1_000_000)
    if unit == 1_000:
        return d // np.uint64(1_000)
    if unit == 1_000_000_000:
        return d // np.uint64(1_000_000_000)
    return d


@njit(cache=True, nogil=True, error_model="numpy")
def _local_m(x0: float, y0: float, x1: float, y1: float) -> float:  # pragma: no cover - numba
    """Geodesic length of a short segment (the local formula of :func:`segment_lengths_m`).

    Metres per degree of longitude (``N cos(phi)``) and of latitude (``M``)
    at the mid-latitude ``phi`` are interpolated linearly in tables every
    0.01 degree (:data:`_KX`, :data:`_KY`; relative error under 4e-9), so
    a segment costs a few multiplications and one square root.
    """
    f = (y0 + y1) * 50.0 + 9000.0  # the mid-latitude in hundredths of a degree from the south pole
    if not (f >= 0.0 and f < 18000.0):
        return _local_m_exact(x0, y0, x1, y1)
    c = np.uint64(f)  # (an unsigned index: no test for a negative one)
    r = f - c
    kx = _KX[c] + r * (_KX[c + np.uint64(1)] - _KX[c])
    ky = _KY[c] + r * (_KY[c + np.uint64(1)] - _KY[c])
    dx = (x1 - x0) * kx
    dy = (y1 - y0) * ky
    return np.sqrt(dx * dx + dy * dy)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _block_lengths(
    lon: np.ndarray, lat: np.ndarray, q0: int, q1: int, out: np.ndarray
) -> None:  # pragma: no cover - numba
    """:func:`_local_m` of each segment ``q - 1 -> q`` of ``lon``/``lat`` for ``q`` in ``max(q0, 1) .. q1 - 1``.

    ``out[q - q0]`` gets it (NaN where the mid-latitude is beyond the
    tables: :func:`_local_m_exact` is the caller's to use there). The same
    arithmetic as :func:`_local_m`, in one loop without a branch: the
    compiler makes it SIMD code, several segments at a time, where the walk
    would measure one segment after the other.
    """
    lo = max(q0, 1)
    xa, ya, xb, yb = lon[lo - 1 : q1 - 1], lat[lo - 1 : q1 - 1], lon[lo:q1], lat[lo:q1]
    o = out[lo - q0 : q1 - q0]
    for j in range(o.size):
        o[j] = _table_m(xa[j], ya[j], xb[j], yb[j])


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _table_m(x0: float, y0: float, x1: float, y1: float) -> float:  # pragma: no cover - numba
    """:func:`_local_m` without a branch, for loops the compiler makes SIMD code: NaN where the mid-latitude is
    beyond the tables (:func:`_local_m_exact` is the caller's to use there)."""
    f = (y0 + y1) * 50.0 + 9000.0
    g = min(max(f, 0.0), 17999.0)  # (in the tables: f itself wherever the value is kept)
    c = np.int64(g)
    r = g - c
    kx = _KX[c] + r * (_KX[c + 1] - _KX[c])
    ky = _KY[c] + r * (_KY[c + 1] - _KY[c])
    dx = (x1 - x0) * kx
    dy = (y1 - y0) * ky
    v = np.sqrt(dx * dx + dy * dy)
    return v if f == g else np.nan


@njit(cache=True, nogil=True, error_model="numpy")
def _local_m_exact(x0: float, y0: float, x1: float, y1: float) -> float:  # pragma: no cover - numba
    """:func:`_local_m` with the radii computed at the mid-latitude itself (NaN for NaN input)."""
    phi = (y0 + y1) / 2 * _DEG
    sp = np.sin(phi)
    w = 1.0 - _E2 * sp * sp
    n_rad = _A / np.sqrt(w)
    dx = (x1 - x0) * _DEG * n_rad * np.cos(phi)
    dy = (y1 - y0) * _DEG * n_rad * (1.0 - _E2) / w
    return np.sqrt(dx * dx + dy * dy)


def _metres_per_degree() -> tuple[np.ndarray, np.ndarray]:
    """Metres per degree of longitude and of latitude on the WGS84 ellipsoid, every 0.01 degree from -90 to 90."""
    phi = np.radians(np.arange(18001) * 0.01 - 90.0)
    w = 1.0 - _E2 * np.sin(phi) ** 2
    n_rad = _A / np.sqrt(w)  # prime vertical radius of curvature
    m_rad = n_rad * (1.0 - _E2) / w  # meridional radius of curvature
    return n_rad * np.cos(phi) * _DEG, m_rad * _DEG


_A = 6378137.0
_E2 = 6.69437999014e-3
_DEG = np.pi / 180.0
_KX, _KY = _metres_per_degree()


@njit(cache=True, nogil=True)
def _grow(a: np.ndarray, need: int) -> np.ndarray:  # pragma: no cover - numba
    """2-D ``a`` with room for at least ``need`` rows (doubling)."""
    if need <= a.shape[0]:
        return a
    out = np.empty((max(need, 2 * a.shape[0]), a.shape[1]), dtype=a.dtype)
    out[: a.shape[0]] = a
    return out


@njit(cache=True, nogil=True)
def _grow1(a: np.ndarray, need: int) -> np.ndarray:  # pragma: no cover - numba
    """1-D ``a`` with room for at least ``need`` values (doubling)."""
    if need <= a.size:
        return a
    out = np.empty(max(need, 2 * a.size), dtype=a.dtype)
    out[: a.size] = a
    return out


@njit(cache=True, nogil=True, borrowed=True)
def _flush(
    c: int, mask: Any, run_s: float, run_d: float, time_in: np.ndarray, dist_in: np.ndarray
) -> None:  # pragma: no cover - numba
    """Add a run of segments inside the zones of ``mask`` (``run_s`` seconds, ``run_d`` metres) to vehicle ``c``."""
    one = np.uint64(1)
    z = 0
    while mask:
        if mask & one:
            time_in[c, z] += run_s
            dist_in[c, z] += run_d
        mask >>= one
        z += 1


@njit(cache=True, nogil=True, inline="always")
def _near_zones(
    steps: np.ndarray, params: np.ndarray, gx: float, gy: float, reach: float, k: int, every: Any
) -> tuple[Any, float]:  # pragma: no cover - numba
    """The zones within ``reach`` cells of the distance grid's cell ``(gx, gy)`` (:func:`_near_grid`) as bits.

    Returns them and the least distance from the cell to a boundary, in
    cells (beyond the grid: its value there, for every zone).
    """
    if gx >= 0.0 and gy >= 0.0 and gx < params[3] and gy < params[4]:
        row = steps[np.uint64(np.int64(gy) * np.int64(params[3]) + np.int64(gx))]
        least = np.float64(row[k])
        bits = np.uint64(0)
        if least <= reach:
            for z in range(k):
                if row[z] <= reach:
                    bits |= np.uint64(1) << np.uint64(z)
        return bits, least
    least = params[6]
    return (every if least <= reach else np.uint64(0)), least


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _block_plain(
    identity: bool,
    vid: np.ndarray,
    traw: np.ndarray,
    tcodes: np.ndarray,
    pcodes: np.ndarray,
    hw: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
    q0: int,
    q1: int,
    lengths: np.ndarray,
    max_dt: int,
    max_m: float,
    nparams: np.ndarray,
    check: tuple[Any, ...],
    plain: np.ndarray,
    gx: np.ndarray,
    gy: np.ndarray,
) -> None:  # pragma: no cover - numba
    """The lengths and the plain segments ``q - 1 -> q`` of the block ``q0 .. q1 - 1``, and its fixes' cells.

    ``lengths[q - q0]`` gets the segment's :func:`_local_m` (as
    :func:`_block_lengths` has it, NaN beyond the tables), ``plain[q - q0]``
    whether it is plain: fix ``q`` is usable (input rows: the same vehicle
    as ``q - 1``, a point in ``check``'s box or one :func:`_outside_code`
    calls ok, a time, a vehicle), later than ``q - 1``, the segment is no
    gap, at most :data:`LINEAR_SEGMENT_M` long and clear of ``max_m``'s
    edge, and both ends have the same zone flags (one word each, ``hw``).
    ``gx`` / ``gy`` get the distance grid cells of the block's fixes when
    ``nparams`` has a grid. A plain segment whose previous fix is the
    vehicle's last kept one, in a run inside exactly its zones, with both
    ends' cells in the anchor's clear square, gives no event and no grid
    read: the walk takes a stretch of them at once. Loops without a branch
    (the compiler makes SIMD code of most); empty ``hw``: nothing is plain
    and nothing is written.
    """
    edge = _GAP_EDGE * max_m if max_m < np.inf else -1.0
    lim = min(max_m, LINEAR_SEGMENT_M)
    lo = max(q0, 1)
    plain[0] = 0
    if hw.size == 0:
        plain[: q1 - q0] = 0
        return
    ta, tb, wa, wb = traw[lo - 1 : q1 - 1], traw[lo:q1], hw[lo - 1 : q1 - 1], hw[lo:q1]
    xa, ya, xb, yb = lon[lo - 1 : q1 - 1], lat[lo - 1 : q1 - 1], lon[lo:q1], lat[lo:q1]
    ln = lengths[lo - q0 : q1 - q0]
    o = plain[lo - q0 : q1 - q0]
    for j in range(o.size):
        d = _table_m(xa[j], ya[j], xb[j], yb[j])
        ln[j] = d
        dt = tb[j] - ta[j]
        o[j] = (dt > 0) & (dt <= max_dt) & (d <= lim) & (abs(d - max_m) > edge) & (wa[j] == wb[j])
    if identity:
        va, vb, pc = vid[lo - 1 : q1 - 1], vid[lo:q1], pcodes[lo:q1]
        for j in range(o.size):
            o[j] &= (va[j] == vb[j]) & (vb[j] >= 0) & (pc[j] == 0) & (tb[j] != _NAT)
        if check[0]:  # (a point outside the check's box is the walk's to give a status)
            _, w, so, e, no, bw, bs, be, bn = check
            xb, yb = lon[lo:q1], lat[lo:q1]
            for j in range(o.size):
                a, b = xb[j], yb[j]
                inside = (a >= w) & (a <= e) & (b >= so) & (b <= no)
                usual = (abs(a) <= 180.0) & (abs(b) <= 90.0) & ~((a == 0.0) & (b == 0.0))
                swapped = (abs(a) <= 90.0) & (b >= bw) & (b <= be) & (a >= bs) & (a <= bn)
                o[j] &= inside | (usual & ~swapped)
        if tcodes.size:
            tc = tcodes[lo:q1]
            for j in range(o.size):
                o[j] &= tc[j] == 0
    if nparams.size:
        xs, ys = lon[q0:q1], lat[q0:q1]
        for j in range(xs.size):
            gx[j] = np.floor((xs[j] - nparams[0]) * nparams[2])
            gy[j] = np.floor((ys[j] - nparams[1]) * nparams[2])


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _walk_fixes(
    src: np.ndarray,
    mode: int,
    dist: np.ndarray,
    vid: np.ndarray,
    traw: np.ndarray,
    toff: int,
    lon: np.ndarray,
    lat: np.ndarray,
    tcodes: np.ndarray,
    pcodes: np.ndarray,
    check: tuple[Any, ...],
    located: tuple[Any, ...],
    limits: tuple[int, float, float, bool],
    grid: tuple[np.ndarray, ...],
    row: np.ndarray,
    tot: tuple[np.ndarray, ...],
    evi: np.ndarray,
    evf: np.ndarray,
    ne: int,
    pend: np.ndarray,
    npend: int,
    dfr: np.ndarray,
    ndfr: int,
    si: np.ndarray,
    sf: np.ndarray,
    last: bool,
) -> Any:  # pragma: no cover - numba
    """One pass over the fixes in (vehicle, time, input row) order: statuses, sums, events.

    ``mode`` :data:`_WALK_INPUT`: the input rows (``vid``: their vehicle codes) are walked as they are
    (rows that are not usable are marked in ``row`` and skipped; with a
    ``check``, the status codes ``pcodes`` of points outside its box are
    made first, :func:`_outside_code`), each
    vehicle's fixes in time order but the vehicles in any order and
    interleaved (grouped by vehicle, or by time as a live feed comes: each
    vehicle's state waits in arrays while others are walked); the walk stops
    and returns False as soon as a vehicle's fix is earlier than its
    previous one, and the caller sorts. :data:`_WALK_SORTED`: the
    usable fixes gathered in that order (:func:`_gathered`: ``traw``,
    ``lon`` and ``lat`` hold them, ``src`` their input rows; ``vid`` says
    where each vehicle's run of them ends), read in sequence. ``located`` holds the zone hits of the fixes as they are
    read (:func:`_zone_bits`: input rows, gathered fixes, or the ends of
    the pairs below). In both, a fix at the same time as
    the vehicle's previous fix is set aside (a duplicate when at the same
    position) and a vehicle with one fix is marked; a segment between
    consecutive fixes up to :data:`SHORT_SEGMENT_M` long is measured with
    :func:`_local_m` and handled here, a longer one (or one within
    :data:`_GAP_EDGE` of ``limits[1]``, whose side of it needs the exact
    length) is listed for the caller (its length needs ``Geod.inv``). :data:`_WALK_PAIRS`: ``src``
    holds such listed segments as pairs of input rows and ``dist`` their
    lengths (``located``: the hits of those rows, in that order); only the
    segments are handled.

    A segment longer than ``limits[0]`` nanoseconds (:func:`_gap_ns`) or ``limits[1]`` metres is
    a gap: a gap event for each zone the vehicle was in at either end.
    Otherwise every crossing of the segment with a zone's boundary gives an
    enter or exit event (:func:`_piece_crossings`, each put where the
    bisection towards it ends, to ``limits[2]`` metres), for the zones whose
    flag differs at the two ends and those whose boundary the distance grid
    (``grid``'s last two arrays, :func:`_near_grid`) says may be near enough
    to meet it. A (segment, zone) whose crossings cannot be told so (one
    longer than :data:`LINEAR_SEGMENT_M`, a fix on the boundary, no room
    left in the block's events) is left pending: a :data:`_PENDING` event
    whose time holds the zone's flags at the two ends (start * 2 + end) and
    gap_m the segment's length, its index in ``pend``. Time and distance inside
    go to the totals ``tot`` (the :class:`_Totals` arrays; consecutive
    segments inside the same zones are added up first, then added once; a
    vehicle's fix count, trip length and end are kept with its state and
    written at the end); events are appended to ``evi`` / ``evf`` (grown as needed) after the
    first ``ne``.

    A stretch of plain segments (:func:`_block_plain`, ``limits[3]``: on)
    is taken at once: the sums it adds, in the same order, and the last
    fix's state.

    Long segments are appended to ``dfr`` after the first ``ndfr``. ``si``
    / ``sf`` hold every vehicle's state between its fixes (one row per
    vehicle: row, time, zone flags as their int64 bits, kept fixes, first
    row, the run's zones, the run's and trip's nanoseconds; lon, lat, the
    run's and trip's metres), so that a walk can go on where the last call
    stopped (input walked block by block); ``last``: the vehicles' totals
    are written at the end of this call.

    Returns ``(in order, event ints, event floats, event count, pending,
    pending count, long segments as row pairs (one per row), their count)``.
    """
    fixes, start, end, trip_ns, trip_m, gap_ns, gap_m, time_in, dist_in, enters, exits, gaps = tot
    max_dt, max_m, tol, plain_on = limits
    gsegs, gparams, gstart, gcells, gmembers, nparams, nsteps = grid
    replay = gparams.shape[0] > 0
    near_on = replay and nparams.size > 0
    cols = located[2]
    identity = mode == _WALK_INPUT
    pairs = mode == _WALK_PAIRS
    m = vid.size if identity else src.size
    k = cols.size
    one = np.uint64(1)
    every = (one << np.uint64(k)) - one if k < 64 else ~np.uint64(0)
    found = np.empty(256)
    fid = np.empty(256, dtype=np.int64)
    pc = -1  # the previous kept fix: vehicle, row, time, position, zone flags
    prow = -1
    pt = 0
    px = 0.0
    py = 0.0
    pb = np.uint64(0)
    kept = 0  # kept fixes of the current vehicle
    first = -1  # its first row
    run = np.uint64(0)  # the zones of the current run of segments inside, and its nanoseconds and metres
    run_ns = 0
    run_d = 0.0
    vtrip_ns = 0  # its trip's nanoseconds and metres so far
    vtrip_m = 0.0
    # the same for every vehicle, kept in ``si`` / ``sf`` while another vehicle's fixes are walked (input
    # ordered by time), and between calls that walk the input block by block
    nv = fixes.size
    # the anchor: the distance grid cell (lx, ly) of a fix whose row was read and the least distance there (lk, in
    # cells; -1: none): a straight segment whose ends' cells both lie closer to the anchor's cell than that passes
    # through no cell a boundary passes through (its cells lie in its ends' box), and the grid is not read for it
    lx = 0.0
    ly = 0.0
    lk = -1.0
    # the place of the previous kept fix in the order walked (-2: none, or another vehicle's), and the lengths of
    # the segments between neighbouring places in the block (:func:`_block_lengths`), taken where it is the previous
    pq = -2
    lengths = np.empty(_WALK_BLOCK)
    plain = np.zeros(_WALK_BLOCK, dtype=np.bool_)
    cgx = np.empty(_WALK_BLOCK)
    cgy = np.empty(_WALK_BLOCK)
    hw = located[0]
    fast_on = plain_on and not pairs
    skip = 0
    sc = -1  # (sorted fixes: the vehicle whose run is being read, and where it ends)
    run_end = 0
    for q0 in range(0, m, _WALK_BLOCK):
        # room for the most a block of fixes can give is made before it: no array is replaced inside the
        # per-fix loop (numba would count references on every fix then)
        q1 = min(m, q0 + _WALK_BLOCK)
        evi = _grow(evi, ne + k * (q1 - q0) + 256)  # (and some room for segments crossing a boundary again)
        evf = _grow(evf, ne + k * (q1 - q0) + 256)
        pend = _grow1(pend, npend + k * (q1 - q0))
        dfr = _grow(dfr, ndfr + (q1 - q0))
        if not pairs and (not fast_on or hw.size == 0):
            _block_lengths(lon, lat, q0, q1, lengths)
        if fast_on:
            _block_plain(identity, vid, traw, tcodes, pcodes, hw, lon, lat, q0, q1, lengths, max_dt, max_m,
                         nparams if near_on else _NONE_F, check, plain, cgx, cgy)  # fmt: skip
        for q in range(q0, q1):
            uq = np.uint64(q)  # (unsigned indices: no test for a negative index at each read)
            if q < skip:  # (walked in a stretch of plain segments, below)
                continue
            if fast_on and pq == q - 1 and plain[q - q0]:
                if not identity:
                    while q >= run_end:
                        sc += 1
                        run_end = vid[np.uint64(sc)]
                if (identity or sc == pc) and pb == run:
                    # a stretch of plain segments (:func:`_block_plain`) inside the vehicle's run, each as the
                    # walk below would take it: no event, the grid not read (its ends' cells in the anchor's
                    # square), the same sums in the same order (the metres one segment after the other; the
                    # nanoseconds, integers, at once)
                    j = q - q0
                    jn = q1 - q0 if identity else min(q1, run_end) - q0
                    if near_on:
                        if max(abs(cgx[j - 1] - lx), abs(cgy[j - 1] - ly)) < lk:
                            while j < jn and plain[j] and max(abs(cgx[j] - lx), abs(cgy[j] - ly)) < lk:
                                d = lengths[j]
                                vtrip_m += d
                                run_d += d
                                j += 1
                    else:
                        while j < jn and plain[j]:
                            d = lengths[j]
                            vtrip_m += d
                            run_d += d
                            j += 1
                    if j > q - q0:
                        qe = q0 + j - 1
                        ue = np.uint64(qe)
                        t = traw[ue] - toff
                        dt = t - pt
                        vtrip_ns += dt
                        run_ns += dt
                        kept += qe - q + 1
                        prow = qe if identity else src[ue]
                        pt = t
                        px = lon[ue]
                        py = lat[ue]
                        pq = qe
                        skip = qe + 1
                        continue
            if identity:
                i = q
                ui = uq
                if check[0]:
                    code = _outside_code(lon[ui], lat[ui], check)
                    if code:
                        pcodes[ui] = code
                code = _row_code(pcodes[ui], traw[ui], tcodes[ui] if tcodes.size else 0, vid[ui])
                if code:
                    row[ui] = code
                    continue
                r = i
                b = _zone_bits(located, uq)
                c = vid[ui]
            elif pairs:
                i = src[uq]
                ui = np.uint64(i)
                r = i
                b = _zone_bits(located, uq)
                c = vid[ui]
            else:
                i = q
                ui = uq
                r = src[uq]
                b = _zone_bits(located, uq)
                while q >= run_end:  # the next vehicle's run (vehicles without fixes have empty runs)
                    sc += 1
                    run_end = vid[np.uint64(sc)]
                c = sc
            t = traw[ui] - toff
            x = lon[ui]
            y = lat[ui]
            if pairs:
                if q % 2 == 0:
                    prow, pt, px, py, pb, pq = r, t, x, y, b, q
                    lk = -1.0
                    continue
                d = dist[q // 2]
            else:
                if c != pc:  # another vehicle: its state replaces the current one's (rarely, in grouped input)
                    if pc >= 0:
                        _save_state(si[np.uint64(pc)], sf[np.uint64(pc)], prow, pt, pb, kept, first, run, run_ns,
                                    vtrip_ns, px, py, run_d, vtrip_m)  # fmt: skip
                    pc = c
                    vi, vf = si[np.uint64(c)], sf[np.uint64(c)]
                    prow, pt, pb = vi[0], vi[1], np.uint64(vi[2])
                    kept, first, run = vi[3], vi[4], np.uint64(vi[5])
                    run_ns, vtrip_ns = vi[6], vi[7]
                    px, py, run_d, vtrip_m = vf[0], vf[1], vf[2], vf[3]
                    pq = -2
                    lk = -1.0
                if kept:
                    if t < pt:  # out of time order within the vehicle: the caller sorts
                        return False, evi, evf, ne, pend, npend, dfr, ndfr
                    if t == pt:
                        row[r] = _ROW_DUPLICATE if x == px and y == py else _ROW_SAME_TIME
                        continue
                else:
                    first = r
                    start[c] = t
                kept += 1
                if kept == 1:
                    prow, pt, px, py, pb, pq = r, t, x, y, b, q
                    continue
                d = lengths[q - q0] if pq == q - 1 else np.nan
                if not d >= 0.0:  # (not measured in the block: the previous kept fix is further back, or no table)
                    d = _local_m(px, py, x, y)
                # measured by the caller (Geod.inv), then walked as a pair: a long segment, or one within a
                # millionth of max_m, whose side of it the local formula (to about 1e-7) might not tell
                if d > SHORT_SEGMENT_M or (max_m < np.inf and abs(d - max_m) <= _GAP_EDGE * max_m):
                    dfr[ndfr, 0] = prow
                    dfr[ndfr, 1] = r
                    ndfr += 1
                    prow, pt, px, py, pb, pq = r, t, x, y, b, q
                    lk = -1.0
                    continue
            # the segment prow -> r of vehicle c, d metres long
            dt = t - pt  # (nanoseconds: seconds are made only where needed, sums of them at the end)
            if pairs:
                trip_ns[c] += dt
                trip_m[c] += d
            else:
                vtrip_ns += dt
                vtrip_m += d
            if dt > max_dt or d > max_m:
                s = dt / 1e9
                gap_ns[c] += dt
                gap_m[c] += d
                either = pb | b
                z = 0
                while either:
                    if either & one:
                        gaps[c, z] += 1
                        evi[ne, 0] = c
                        evi[ne, 1] = pt
                        evi[ne, 2] = z
                        evi[ne, 3] = 2  # _GAP
                        evi[ne, 4] = prow
                        evi[ne, 5] = r
                        evf[ne, 0] = np.nan
                        evf[ne, 1] = np.nan
                        evf[ne, 2] = s
                        evf[ne, 3] = d
                        ne += 1
                    either >>= one
                    z += 1
            else:
                both = pb & b
                if both != run:
                    if run:
                        _flush(c, run, run_ns / 1e9, run_d, time_in, dist_in)
                    run = both
                    run_ns = 0
                    run_d = 0.0
                run_ns += dt
                run_d += d
                change = pb ^ b
                # the zones whose boundary may meet the segment besides those whose flag changes: none where the
                # distance grid says every boundary is further than the segment reaches
                todo = change
                if near_on:
                    # the cells of the segment's ends in the distance grid (beyond it too: not clipped)
                    sx = np.floor((px - nparams[0]) * nparams[2])
                    sy = np.floor((py - nparams[1]) * nparams[2])
                    ex = np.floor((x - nparams[0]) * nparams[2])
                    ey = np.floor((y - nparams[1]) * nparams[2])
                    if d > LINEAR_SEGMENT_M:
                        # a long segment, bent along the geodesic: the zones within twice its length of its start
                        near, _ = _near_zones(nsteps, nparams, sx, sy, 2.0 * d * nparams[5] + 2.0, k, every)
                        todo |= near
                        lk = -1.0
                    elif max(abs(sx - lx), abs(sy - ly), abs(ex - lx), abs(ey - ly)) >= lk:
                        # a straight segment passes only through the cells of its ends' box, each no further from
                        # its end's cell (in cells, Chebyshev) than the other end's cell is: the zones no further
                        # from the end than that; the end is the next anchor
                        near, lk = _near_zones(nsteps, nparams, ex, ey, max(abs(ex - sx), abs(ey - sy)), k, every)
                        todo |= near
                        lx, ly = ex, ey
                z = 0
                while todo:
                    if todo & one:
                        sbit = (pb >> np.uint64(z)) & one
                        ebit = (b >> np.uint64(z)) & one
                        n = -1
                        if replay and d <= LINEAR_SEGMENT_M:
                            n = _piece_crossings(
                                px, py, x, y, cols[z], gsegs, gparams, gstart, gcells, gmembers, found, fid, 0, False
                            )
                            if n >= 0 and (n % 2 == 1) != (sbit != ebit):
                                n = -1  # (a fix on the boundary, within rounding: the zone index tells)
                            if n > 0 and ne + n > evi.shape[0] - k * (q1 - q):
                                n = -1  # (no room left in the block's events: the caller finds them)
                        if n > 0:
                            _sort_small(found, n)
                            if found[0] * d < AT_FIX_M or (1.0 - found[n - 1]) * d < AT_FIX_M:
                                n = -1  # (a crossing at a fix, within rounding: the zone index tells its side)
                        if n > 0:
                            steps = _halvings_one(d, tol)
                            for j in range(n):
                                found[j] = _bisect_one(found[j], steps) if steps <= 52 else found[j]
                            n = _drop_touches(found, n)
                        if n > 0:
                            state = sbit
                            last_f = 0.0
                            inside = 0.0
                            for j in range(n):
                                f = found[j]
                                if state:
                                    inside += f - last_f
                                    evi[ne, 3] = 0  # _EXIT
                                    exits[c, z] += 1
                                else:
                                    evi[ne, 3] = 1  # _ENTER
                                    enters[c, z] += 1
                                state ^= one
                                last_f = f
                                evi[ne, 0] = c
                                evi[ne, 1] = pt + np.int64(np.rint(f * (t - pt)))
                                evi[ne, 2] = z
                                evi[ne, 4] = prow
                                evi[ne, 5] = r
                                evf[ne, 0] = px + f * (x - px)
                                evf[ne, 1] = py + f * (y - py)
                                evf[ne, 2] = np.nan
                                evf[ne, 3] = np.nan
                                ne += 1
                            if state:
                                inside += 1.0 - last_f
                            if sbit & ebit:  # (the run inside has the whole segment)
                                inside -= 1.0
                            time_in[c, z] += inside * (dt / 1e9)
                            dist_in[c, z] += inside * d
                        elif n < 0:  # found later (a long segment, or one the boundary segments cannot tell)
                            evi[ne, 0] = c
                            evi[ne, 1] = np.int64(sbit) * 2 + np.int64(ebit)  # (the zone's flags at the two ends)
                            evi[ne, 2] = z
                            evi[ne, 3] = _PENDING
                            evi[ne, 4] = prow
                            evi[ne, 5] = r
                            evf[ne, 0] = np.nan
                            evf[ne, 1] = np.nan
                            evf[ne, 2] = np.nan
                            evf[ne, 3] = d
                            pend[npend] = ne
                            npend += 1
                            ne += 1
                    todo >>= one
                    z += 1
            if pairs and run:  # a pair is a vehicle of its own
                _flush(c, run, run_ns / 1e9, run_d, time_in, dist_in)
                run = np.uint64(0)
            prow, pt, px, py, pb, pq = r, t, x, y, b, q
    if pc >= 0:
        _save_state(si[pc], sf[pc], prow, pt, pb, kept, first, run, run_ns, vtrip_ns, px, py, run_d, vtrip_m)
    if not last:
        return True, evi, evf, ne, pend, npend, dfr, ndfr
    for c in range(nv):  # every vehicle's totals, and its last run inside; vehicles with one fix
        if si[c, 3]:
            fixes[c], end[c], trip_ns[c], trip_m[c] = si[c, 3], si[c, 1], si[c, 7], sf[c, 3]
        if si[c, 5]:
            _flush(c, np.uint64(si[c, 5]), si[c, 6] / 1e9, sf[c, 2], time_in, dist_in)
        if si[c, 3] == 1:
            row[si[c, 4]] = _ROW_ONLY_FIX
    return True, evi, evf, ne, pend, npend, dfr, ndfr


def _walk(src: np.ndarray, mode: int, *args: Any) -> Any:
    """:func:`_walk_fixes` in ``mode``: the kernel compiled for that mode (its branches on the mode folded away)."""
    kernel = _walk_sorted if mode == _WALK_SORTED else _walk_input if mode == _WALK_INPUT else _walk_pairs
    return kernel(src, *args)


@njit(cache=True, nogil=True, error_model="numpy")
def _walk_input(  # type: ignore[no-untyped-def]
    src, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot, evi, evf, ne, pend,
    npend, dfr, ndfr, si, sf, last,
):  # fmt: skip  # pragma: no cover - numba
    """:func:`_walk_fixes` on the input rows as they are (:data:`_WALK_INPUT`)."""
    return _walk_fixes(
        src, _WALK_INPUT, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot,
        evi, evf, ne, pend, npend, dfr, ndfr, si, sf, last,
    )  # fmt: skip


@njit(cache=True, nogil=True, error_model="numpy")
def _walk_sorted(  # type: ignore[no-untyped-def]
    src, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot, evi, evf, ne, pend,
    npend, dfr, ndfr, si, sf, last,
):  # fmt: skip  # pragma: no cover - numba
    """:func:`_walk_fixes` on gathered fixes (:data:`_WALK_SORTED`)."""
    return _walk_fixes(
        src, _WALK_SORTED, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot,
        evi, evf, ne, pend, npend, dfr, ndfr, si, sf, last,
    )  # fmt: skip


@njit(cache=True, nogil=True, error_model="numpy")
def _walk_pairs(  # type: ignore[no-untyped-def]
    src, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot, evi, evf, ne, pend,
    npend, dfr, ndfr, si, sf, last,
):  # fmt: skip  # pragma: no cover - numba
    """:func:`_walk_fixes` on pairs of rows (:data:`_WALK_PAIRS`)."""
    return _walk_fixes(
        src, _WALK_PAIRS, dist, vid, traw, toff, lon, lat, tcodes, pcodes, check, located, limits, grid, row, tot,
        evi, evf, ne, pend, npend, dfr, ndfr, si, sf, last,
    )  # fmt: skip


@njit(cache=True, nogil=True, inline="always")
def _save_state(
    vi: np.ndarray,
    vf: np.ndarray,
    prow: int,
    pt: int,
    pb: Any,
    kept: int,
    first: int,
    run: Any,
    run_ns: int,
    vtrip_ns: int,
    px: float,
    py: float,
    run_d: float,
    vtrip_m: float,
) -> None:  # pragma: no cover - numba
    """A vehicle's walk state into its rows ``vi`` / ``vf`` of :func:`_walk`'s ``si`` / ``sf``."""
    vi[0], vi[1], vi[2], vi[3] = prow, pt, np.int64(pb), kept
    vi[4], vi[5], vi[6], vi[7] = first, np.int64(run), run_ns, vtrip_ns
    vf[0], vf[1], vf[2], vf[3] = px, py, run_d, vtrip_m


# _walk's modes
_WALK_INPUT, _WALK_SORTED, _WALK_PAIRS = 0, 1, 2
# fixes per block of _walk
_WALK_BLOCK = 4096
#: Whether the walk takes stretches of plain segments (:func:`_block_plain`) at once; off, it takes every segment
#: one by one (the same events and sums: tests compare the two).
_PLAIN_STRETCHES = True


@njit(cache=True, nogil=True, inline="always")
def _before(evi: np.ndarray, a: int, b: int, traw: np.ndarray) -> bool:  # pragma: no cover - numba
    """Whether event ``a`` sorts before event ``b`` by (vehicle, time, zone, segment).

    The segment's place is the time of its first fix (``traw`` of the row
    before: a vehicle's fixes in use have times that only increase), so a
    crossing at the end of one segment comes before a gap that starts there.
    """
    if evi[a, 0] != evi[b, 0]:
        return evi[a, 0] < evi[b, 0]
    if evi[a, 1] != evi[b, 1]:
        return evi[a, 1] < evi[b, 1]
    if evi[a, 2] != evi[b, 2]:
        return evi[a, 2] < evi[b, 2]
    return traw[evi[a, 4]] < traw[evi[b, 4]]


@njit(cache=True, nogil=True)
def _insertion(
    evi: np.ndarray, perm: np.ndarray, lo: int, hi: int, budget: int, traw: np.ndarray
) -> bool:  # pragma: no cover - numba
    """Stable insertion sort of ``perm[lo:hi]`` by (vehicle, time, zone); False when it needs over ``budget`` moves."""
    moves = 0
    for q in range(lo + 1, hi):
        e = perm[q]
        r = q
        while r > lo and _before(evi, e, perm[r - 1], traw):
            perm[r] = perm[r - 1]
            r -= 1
            moves += 1
        perm[r] = e
        if moves > budget:
            return False
    return True


@njit(cache=True, nogil=True)
def _by_vehicle_stable(
    evi: np.ndarray, items: np.ndarray, lo: int, hi: int, nv: int, perm: np.ndarray
) -> None:  # pragma: no cover - numba
    """``perm[lo:hi]``: the events ``items[lo:hi]`` stably sorted by vehicle (a counting sort)."""
    count = np.zeros(nv + 1, dtype=np.int64)
    for q in range(lo, hi):
        count[evi[items[q], 0] + 1] += 1
    for c in range(nv):
        count[c + 1] += count[c]
    for q in range(lo, hi):
        e = items[q]
        c = evi[e, 0]
        perm[lo + count[c]] = e
        count[c] += 1


@njit(cache=True, nogil=True)
def _event_order(
    evi: np.ndarray, n_main: int, nv: int, traw: np.ndarray
) -> tuple[np.ndarray, bool]:  # pragma: no cover - numba
    """The order of the events by (vehicle, time, zone, segment: :func:`_before`); False when far from the given order.

    The walk gives each vehicle's events nearly in time order (the vehicles
    one after another, or interleaved when the input is ordered by time):
    out of place are only the events of one segment whose crossings were
    found later, ties at the fix between two segments, and the long
    segments' events appended after ``n_main``. Each part is grouped by
    vehicle (a stable counting sort) and put in order by insertion (a few
    moves), then the two are merged. When insertion would take many moves
    the caller sorts instead. The walk's placeholders (:data:`_PENDING`,
    whose events were appended) are left out of the order.
    """
    ne = evi.shape[0]
    items = np.empty(ne, dtype=np.int64)  # the events without the placeholders: the main part's, then the rest
    n1 = 0
    ordered = True  # (the usual case for input grouped by vehicle: the main part needs no sorting)
    for e in range(n_main):
        if evi[e, 3] != _PENDING:
            if ordered and n1 and _before(evi, e, items[n1 - 1], traw):
                ordered = False
            items[n1] = e
            n1 += 1
    n2 = n1
    for e in range(n_main, ne):
        if evi[e, 3] != _PENDING:
            items[n2] = e
            n2 += 1
    if ordered and n1 == n2:
        perm = items[:n2]  # (no events after the main part's, which are in order)
    else:
        perm = np.empty(n2, dtype=np.int64)
        if ordered:
            perm[:n1] = items[:n1]
        else:
            _by_vehicle_stable(evi, items, 0, n1, nv, perm)
        _by_vehicle_stable(evi, items, n1, n2, nv, perm)
    budget = 4 * n2 + 1000
    if not ((ordered or _insertion(evi, perm, 0, n1, budget, traw)) and _insertion(evi, perm, n1, n2, budget, traw)):
        return perm, False
    if n1 == n2 or n1 == 0:
        return perm, True
    out = np.empty(n2, dtype=np.int64)
    a = 0
    b = n1
    for q in range(n2):
        if b >= n2 or (a < n1 and not _before(evi, perm[b], perm[a], traw)):
            out[q] = perm[a]
            a += 1
        else:
            out[q] = perm[b]
            b += 1
    return out, True


@njit(cache=True, nogil=True)
def _columns_in_order(
    evi: np.ndarray, evf: np.ndarray, order: np.ndarray, ci: np.ndarray, cf: np.ndarray
) -> None:  # pragma: no cover - numba
    """The event tables' columns as rows of ``ci`` and ``cf`` (each contiguous), their events taken in ``order``."""
    for q in range(order.size):
        e = np.uint64(order[q])
        for j in range(evi.shape[1]):
            ci[j, q] = evi[e, j]
        for j in range(evf.shape[1]):
            cf[j, q] = evf[e, j]


@njit(cache=True, nogil=True)
def _bucket(
    cx0: np.ndarray, cx1: np.ndarray, cy0: np.ndarray, cy1: np.ndarray, nx: int, ny: int
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - numba
    """CSR lists of the segments whose (widened) box touches each cell."""
    count = np.zeros(nx * ny + 1, dtype=np.int64)
    for s in range(cx0.size):
        for cy in range(cy0[s], cy1[s] + 1):
            for cx in range(cx0[s], cx1[s] + 1):
                count[cy * nx + cx + 1] += 1
    for c in range(nx * ny):
        count[c + 1] += count[c]
    members = np.empty(count[nx * ny], dtype=np.int64)
    fill = count[:-1].copy()
    for s in range(cx0.size):
        for cy in range(cy0[s], cy1[s] + 1):
            for cx in range(cx0[s], cx1[s] + 1):
                c = cy * nx + cx
                members[fill[c]] = s
                fill[c] += 1
    return count, members


#: A crossing this close to an end of a straight piece (degrees along it, about 1 µm) is at that end, within the
#: rounding of its computed place (:func:`_piece_crossings`).
_PIECE_END_DEG = 1e-11


@njit(cache=True, nogil=True, borrowed=True)
def _piece_crossings(
    ax: float,
    ay: float,
    ex: float,
    ey: float,
    layer: int,
    segs: np.ndarray,
    params: np.ndarray,
    cell_start: np.ndarray,
    cells: np.ndarray,
    members: np.ndarray,
    found: np.ndarray,
    fid: np.ndarray,
    nfound: int,
    from_start: bool,
    to_end: bool = True,
) -> int:  # pragma: no cover - numba
    """Where zone ``layer``'s boundary crosses the straight piece (ax, ay) -> (ex, ey): appended to ``found``.

    A boundary segment AB crosses the piece's line when A and B lie on
    different sides of it, a vertex on the line counting as on its right
    (so a path through a vertex crosses the boundary once where the
    boundary goes from one side to the other, and not where it only
    touches: each vertex's side is computed once, the same for both its
    segments); a boundary segment along the line does not cross it. Of
    those crossings, the ones at fractions ``0 <= s < 1`` along the piece
    are appended to ``found[nfound:]`` (their boundary segments to ``fid``;
    one listed in several cells is counted once). A crossing within
    :data:`_PIECE_END_DEG` of an end of the piece is at that end (its ``s``
    computed there is only within rounding of 0 or 1): at the start it is
    kept, at ``s`` 0; at the end it is the next piece's (that piece finds
    it at its start: a path through a vertex of the boundary at a joint of
    two pieces is seen once, as the next piece's line passes through it),
    unless ``to_end`` (the end is a fix), where it is kept at ``s`` 1. At a
    fix (the start when not ``from_start``, the end when ``to_end``) such a
    crossing is the fix's on the boundary, within rounding, and so is a
    boundary segment that ends at the fix (within :data:`_PIECE_END_DEG`)
    whatever the sides of its ends: the caller leaves the side beside the
    fix to the zone index (:func:`_crossings_at_a_fix`). Returns the new
    count, or -1 when ``found`` is full or a crossing cannot be placed (its
    lines parallel in floating point). ``segs`` ... ``members``: the
    :class:`_BoundaryGrid` arrays.
    """
    w = params[layer, 0]
    s0 = params[layer, 1]
    inv = params[layer, 2]
    nx = np.int64(params[layer, 3])
    ny = np.int64(params[layer, 4])
    rx = ex - ax
    ry = ey - ay
    fx0 = (min(ax, ex) - w) * inv
    fx1 = (max(ax, ex) - w) * inv
    fy0 = (min(ay, ey) - s0) * inv
    fy1 = (max(ay, ey) - s0) * inv
    if fx1 < 0 or fy1 < 0 or fx0 >= nx or fy0 >= ny:
        return nfound  # away from every boundary segment (the grid holds them all)
    ix0 = max(np.int64(fx0), 0)
    ix1 = min(np.int64(fx1), nx - 1)
    iy0 = max(np.int64(fy0), 0)
    iy1 = min(np.int64(fy1), ny - 1)
    first = nfound
    base = cell_start[layer]
    # a crossing this close to an end, as a fraction of the piece, is at that end (inf for a piece of no length,
    # which crosses nothing: den below is 0 for it)
    near = _PIECE_END_DEG / max(abs(rx), abs(ry)) if rx != 0.0 or ry != 0.0 else np.inf
    for cy in range(iy0, iy1 + 1):
        for cx in range(ix0, ix1 + 1):
            c = base + cy * nx + cx
            for e in range(cells[c], cells[c + 1]):
                px = segs[e, 0] - ax
                py = segs[e, 1] - ay
                bx = segs[e, 2] - ax
                by = segs[e, 3] - ay
                if (px * ry - py * rx > 0.0) == (bx * ry - by * rx > 0.0):
                    # A and B on one side of the line (or both on it): no crossing, but where A or B is a fix
                    # (within rounding) the path may leave the zone at that vertex: kept, at the fix
                    # (A or B within _PIECE_END_DEG of the start, or of the end, in both coordinates: each test
                    # of one coordinate first, which rarely holds, so that most segments cost one or two)
                    if not from_start and (
                        (abs(px) <= _PIECE_END_DEG and abs(py) <= _PIECE_END_DEG)
                        or (abs(bx) <= _PIECE_END_DEG and abs(by) <= _PIECE_END_DEG)
                    ):
                        s = 0.0
                    elif to_end and (
                        (abs(px - rx) <= _PIECE_END_DEG and abs(py - ry) <= _PIECE_END_DEG)
                        or (abs(bx - rx) <= _PIECE_END_DEG and abs(by - ry) <= _PIECE_END_DEG)
                    ):
                        s = 1.0
                    else:
                        continue
                else:
                    qx = segs[e, 2] - segs[e, 0]
                    qy = segs[e, 3] - segs[e, 1]
                    den = rx * qy - ry * qx
                    if den == 0.0:
                        return -1
                    s = (px * qy - py * qx) / den
                    if s < near:
                        if s < -near:
                            continue
                        s = 0.0  # (at the start: a fix on the boundary, or this piece's at the joint)
                    elif s > 1.0 - near:
                        if s > 1.0 + near or not to_end:
                            continue  # (beyond the end, or the next piece's)
                        s = 1.0  # (at the last fix: on the boundary)
                b = members[e]
                again = False
                for r in range(first, nfound):
                    if fid[r] == b:
                        again = True
                if again:
                    continue
                if nfound == found.size:
                    return -1
                found[nfound] = s
                fid[nfound] = b
                nfound += 1
    return nfound


@njit(cache=True, nogil=True, inline="always")
def _sort_small(a: np.ndarray, n: int) -> None:  # pragma: no cover - numba
    """``a[:n]`` sorted in place (insertion: a segment's few crossings)."""
    for q in range(1, n):
        v = a[q]
        j = q
        while j > 0 and a[j - 1] > v:
            a[j] = a[j - 1]
            j -= 1
        a[j] = v


@njit(cache=True, nogil=True, inline="always")
def _drop_touches(a: np.ndarray, n: int) -> int:  # pragma: no cover - numba
    """Sorted crossings ``a[:n]`` (where their bisections end) less the pairs of consecutive ones at the same place.

    In and out again within one bracket of the bisection (shorter than the
    tolerance) is no dip the crossings can place: a path through a vertex
    the boundary only touches, or a corner cut by less than the tolerance,
    within rounding. Returns how many are left.
    """
    m = 0
    q = 0
    while q < n:
        if q + 1 < n and a[q + 1] == a[q]:
            q += 2
            continue
        a[m] = a[q]
        m += 1
        q += 1
    return m


@njit(cache=True, nogil=True)
def _path_crossings(
    vx: np.ndarray,
    vy: np.ndarray,
    offsets: np.ndarray,
    col: np.ndarray,
    steps: np.ndarray,
    odd: np.ndarray,
    grid: tuple[np.ndarray, ...],
    count: np.ndarray,
    fracs: np.ndarray,
    check: bool = True,
) -> np.ndarray:  # pragma: no cover - numba
    """Every crossing of paths of straight pieces with their zone's boundary (:func:`_piece_crossings`).

    Path ``q`` has the vertices ``offsets[q] .. offsets[q + 1] - 1`` of
    ``vx``, ``vy`` (K pieces of equal length along the geodesic); a crossing
    at fraction ``s`` of piece ``j`` is at ``(j + s) / K`` of the path, and
    is put where the bisection of ``steps[q]`` halvings towards it alone
    ends (:func:`_bisect_one`; pairs that end in one bracket dropped,
    :func:`_drop_touches`). ``count[q]`` gets how many, in order, in
    ``fracs`` (grown as needed; path after path), or -1 where they cannot
    be told: a crossing that cannot be placed, or (``check``) a number of
    them whose parity is not ``odd[q]`` (whether the zone's flags at the
    two ends differ: a fix on the boundary, within rounding) or one in the
    bracket at a fix (:func:`_at_a_fix`). Returns ``fracs``.
    """
    segs, params, cell_start, cells, members = grid[0], grid[1], grid[2], grid[3], grid[4]
    found = np.empty(256)
    fid = np.empty(256, dtype=np.int64)
    at = 0
    for q in range(col.size):
        o0, o1 = offsets[q], offsets[q + 1]
        pieces = o1 - o0 - 1
        n = 0
        for j in range(pieces):
            n = _piece_crossings(
                vx[o0 + j], vy[o0 + j], vx[o0 + j + 1], vy[o0 + j + 1], col[q], segs, params, cell_start, cells,
                members, found, fid, n, j > 0, j == pieces - 1,
            )  # fmt: skip
            if n < 0:
                break
            for r in range(n - 1, -1, -1):  # this piece's crossings, as fractions of the path
                if fid[r] < 0:
                    break
                found[r] = (j + found[r]) / pieces
                fid[r] = -1
        if n < 0 or (check and (n % 2 == 1) != odd[q]):
            count[q] = -1
            continue
        _sort_small(found, n)
        for r in range(n):
            found[r] = _bisect_one(found[r], steps[q]) if steps[q] <= 52 else found[r]
        if check and _at_a_fix(found, n, steps[q]):
            count[q] = -1
            continue
        n = _drop_touches(found, n)
        fracs = _grow1(fracs, at + n)
        for r in range(n):
            fracs[at + r] = found[r]
        count[q] = n
        at += n
    return fracs


@njit(cache=True, nogil=True, inline="always")
def _at_a_fix(a: np.ndarray, n: int, steps: int) -> bool:  # pragma: no cover - numba
    """Whether the first or last of sorted crossings ``a[:n]`` (where their bisections end) is in a fix's bracket.

    There the crossing may be the fix's own (a fix on the boundary, within
    rounding, on either side of it): the zone index tells the side of the
    path beside the fix (:func:`_crossings_at_a_fix`).
    """
    if n == 0 or steps > 52:
        return False
    b = 1.0 / float(np.int64(1) << np.int64(steps))
    return a[0] < b or a[n - 1] > 1.0 - b


def halvings(dist: np.ndarray, tolerance_m: float) -> np.ndarray:
    """How many halvings of [0, 1] a bisection along segments ``dist`` metres long takes: ``ceil(log2(d / tol)) + 1``.

    One more than the least ``e`` with ``2**e >= max(d, tol) / tol``, exact
    (read off the binary exponent, no logarithm): after them each bracket is
    shorter than ``tolerance_m`` (half of it, around the middle). The walk's
    kernel counts them the same way (:func:`_halvings_one`), so a segment gets
    the same answer whichever path finds its crossings.
    """
    mant, exp = np.frexp(np.maximum(dist, tolerance_m) / tolerance_m)
    return np.where(mant == 0.5, exp - 1, exp).astype(np.int64) + 1


@njit(cache=True, nogil=True, inline="always")
def _halvings_one(d: float, tol: float) -> int:  # pragma: no cover - numba
    """:func:`halvings` of one segment (``math.frexp``: a libm logarithm costs tens of nanoseconds a call)."""
    mant, exp = math.frexp(max(d, tol) / tol)
    return np.int64(exp - 1 if mant == 0.5 else exp) + 1


@njit(cache=True, nogil=True, inline="always")
def _bisect_one(s: float, steps: int) -> float:  # pragma: no cover - numba
    """Where ``steps`` halvings of [0, 1] towards the one crossing at ``s`` (0 < s < 1) end: their bracket's middle.

    The bracket kept is ``[j, j + 1] / 2**steps`` with ``j = floor(s * 2**steps)``
    (a midpoint at ``s`` itself goes below it, as the zone index's
    bisection has it: a point on the boundary is inside); up to 52 steps
    every bracket end and midpoint is exact in binary.
    """
    scale = float(np.int64(1) << np.int64(steps))
    return (np.floor(s * scale) + 0.5) / scale


@njit(cache=True, nogil=True)
def _chebyshev(near: np.ndarray) -> None:  # pragma: no cover - numba
    """``near`` (2-D, 0 at the cells a boundary passes through, 255 elsewhere) to the Chebyshev distance in cells.

    Two passes of a chamfer transform with unit steps to all eight
    neighbours (exact for this distance), capped at 255.
    """
    ny, nx = near.shape
    for y in range(ny):
        for x in range(nx):
            v = np.int64(near[y, x])
            if x > 0:
                v = min(v, np.int64(near[y, x - 1]) + 1)
            if y > 0:
                for dx in range(-1, 2):
                    if 0 <= x + dx < nx:
                        v = min(v, np.int64(near[y - 1, x + dx]) + 1)
            near[y, x] = min(v, 255)
    for y in range(ny - 1, -1, -1):
        for x in range(nx - 1, -1, -1):
            v = np.int64(near[y, x])
            if x < nx - 1:
                v = min(v, np.int64(near[y, x + 1]) + 1)
            if y < ny - 1:
                for dx in range(-1, 2):
                    if 0 <= x + dx < nx:
                        v = min(v, np.int64(near[y + 1, x + dx]) + 1)
            near[y, x] = min(v, 255)


#: Segments up to this length are measured with the local ellipsoidal formula of :func:`segment_lengths_m`.
SHORT_SEGMENT_M = 20_000.0

#: A segment whose local length is within this share of ``max_gap_m`` is measured with ``Geod.inv`` before it
#: is called a gap or not (the local formula is good to about 1e-7 of the length).
_GAP_EDGE = 1e-6


def segment_lengths_m(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Geodesic lengths (WGS84) of many short segments, metres, vectorized.

    Segments up to :data:`SHORT_SEGMENT_M` are measured in the plane
    tangent to the ellipsoid at their mid-latitude (meridional and
    prime-vertical radii of curvature there): for the segments between GPS
    fixes (metres to a few km) this agrees with ``pyproj.Geod.inv`` to
    about 1e-6 of the length (millimetres) at a fraction of its cost.
    Longer segments are measured with ``Geod.inv`` itself. (The formula is
    :func:`_local_m`, the one the events' walk uses.)
    """
    a, b, c, e = (np.ascontiguousarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2))
    d = _local_lengths(a.ravel(), b.ravel(), c.ravel(), e.ravel()).reshape(a.shape)
    long_ = np.flatnonzero(d > SHORT_SEGMENT_M)
    if long_.size:
        d.flat[long_] = np.asarray(
            geodesy.GEOD.inv(a.flat[long_], b.flat[long_], c.flat[long_], e.flat[long_])[2], dtype=float
        )
    return d


@njit(cache=True, nogil=True)
def _local_lengths(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray
) -> np.ndarray:  # pragma: no cover - numba
    """:func:`_local_m` of every segment."""
    out = np.empty(x0.size)
    for i in range(x0.size):
        out[i] = _local_m(x0[i], y0[i], x1[i], y1[i])
    return out


def _beijing(ns: np.ndarray) -> pd.Series:
    return pd.Series(pd.to_datetime(ns, unit="ns", utc=True)).dt.tz_convert(zonetime.BEIJING_TZ)


#: Segments up to this length are interpolated linearly in lon/lat: within about 4 mm of the geodesic
#: (the sagitta d² tan(lat) / 8R at Beijing's latitude); longer ones along the geodesic (``Geod.fwd``).
LINEAR_SEGMENT_M = 500.0


@dataclass
class _Segments:
    """The segments searched for a crossing: end points, geodesic azimuth and length."""

    lon1: np.ndarray
    lat1: np.ndarray
    lon2: np.ndarray
    lat2: np.ndarray
    az: np.ndarray
    dist: np.ndarray

    ends: tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]] | None = field(default=None, init=False, repr=False)

    def at(self, rows: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The points a fraction ``f`` along segments ``rows``.

        Straight in lon/lat up to :data:`LINEAR_SEGMENT_M`, along the chord
        brought to the surface up to :data:`avzone.geodesy.CHORD_SEGMENT_M`
        (:func:`avzone.geodesy.chord_points`), by ``Geod.fwd`` (with ``az``)
        beyond: each within a few millimetres of the geodesic.
        """
        lon = self.lon1[rows] + f * (self.lon2[rows] - self.lon1[rows])
        lat = self.lat1[rows] + f * (self.lat2[rows] - self.lat1[rows])
        d = self.dist[rows]
        mid = np.flatnonzero((d > LINEAR_SEGMENT_M) & (d <= geodesy.CHORD_SEGMENT_M))
        if mid.size:
            if self.ends is None:  # (the ends' ECEF coordinates, made once for all the bisection's steps)
                self.ends = (geodesy.ecef(self.lon1, self.lat1), geodesy.ecef(self.lon2, self.lat2))
            r = rows[mid]
            a, b = (tuple(c[r] for c in end) for end in self.ends)
            lon[mid], lat[mid] = geodesy.chord_points(a, b, f[mid])
        far = np.flatnonzero(d > geodesy.CHORD_SEGMENT_M)
        if far.size:
            r = rows[far]
            glon, glat, _ = geodesy.GEOD.fwd(self.lon1[r], self.lat1[r], self.az[r], f[far] * self.dist[r])
            lon[far], lat[far] = glon, glat
        return lon, lat


def _crossings(
    model: Model,
    seg: _Segments,
    col: np.ndarray,
    inside_at_start: np.ndarray,
    tolerance_m: float,
    threads: int,
) -> np.ndarray:
    """Fraction along each segment where zone ``col`` changes, by a bisection with the zone index (all at once).

    (For a segment whose one crossing the boundary segments cannot tell:
    a fix on the boundary itself, within rounding.)
    """
    dist = seg.dist
    m = dist.size
    lo = np.zeros(m)
    hi = np.ones(m)
    if m == 0:
        return lo
    # each segment's own number of halvings (its bracket ends below tolerance_m), so the answer for a segment
    # does not depend on which other segments are searched with it
    steps = halvings(dist, tolerance_m)
    index = model.zone_index
    for step in range(int(steps.max())):
        active = np.flatnonzero(steps > step)
        mid = (lo[active] + hi[active]) / 2
        mlon, mlat = seg.at(active, mid)
        hits = index.classify(mlon, mlat, threads=threads)
        same = hits[np.arange(active.size), col[active]] == inside_at_start[active]
        lo[active] = np.where(same, mid, lo[active])
        hi[active] = np.where(same, hi[active], mid)
    return (lo + hi) / 2


def _summary(follow: list[str], id_values: Any, acc: _Totals, ids: Any = None) -> pd.DataFrame:
    """One row per vehicle and zone: trip totals, time and distance inside, shares, enters, exits, gaps (the ids
    of the type of ``ids``, the input's id column: :func:`id_column`)."""
    k = len(follow)
    present = np.flatnonzero(acc.fixes > 0)
    reps = np.repeat(present, k)
    zj = np.tile(np.arange(k), present.size)
    moving_s = (acc.trip_ns - acc.gap_ns)[reps] / 1e9
    moving_m = (acc.trip_m - acc.gap_m)[reps]
    time_in = acc.time_in[reps, zj]
    dist_in = acc.dist_in[reps, zj]
    with np.errstate(invalid="ignore", divide="ignore"):  # (a part of a sum over its total: at most 1, though
        # the rounding of two sums of the same segments may put the quotient an ulp above)
        share_t = np.where(moving_s > 0, np.minimum(time_in / moving_s, 1.0), np.nan)
        share_d = np.where(moving_m > 0, np.minimum(dist_in / moving_m, 1.0), np.nan)
    return pd.DataFrame(
        {
            "id": id_column(id_values, reps, ids),
            "zone": _texts(np.array(follow, dtype=object), zj) if k else np.empty(0, dtype=object),
            "fixes": acc.fixes[reps],
            "start": _beijing(acc.start[reps]),
            "end": _beijing(acc.end[reps]),
            "trip_s": acc.trip_ns[reps] / 1e9,
            "trip_m": acc.trip_m[reps],
            "gap_s": acc.gap_ns[reps] / 1e9,
            "time_inside_s": time_in,
            "distance_inside_m": dist_in,
            "share_of_time": share_t,
            "share_of_distance": share_d,
            "enters": acc.enters[reps, zj],
            "exits": acc.exits[reps, zj],
            "gaps": acc.gaps[reps, zj],
        },
        columns=SUMMARY_COLUMNS,
        copy=False,
    )

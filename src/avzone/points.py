"""Raw coordinates to WGS84 arrays, with one status per point.

Every entry point (the library, the file readers, the map, the HTTP service)
turns what it was given into :class:`Points` here: WGS84 ``lon``/``lat``
float arrays, the coordinates as given (``x``/``y``) and one small status code
per point, and it turns codes into text with :func:`status_labels`, so one bad
value gets the same status text whichever way it came in.

Accepted inputs (:func:`to_points`): numpy arrays, lists, pandas Series (the
index is kept), pyarrow arrays and polars Series (their nulls are missing
values; a polars Series is read as its Arrow array), a GeoSeries or
GeoDataFrame of points (its CRS is used), a shapely Point, a DataFrame alone
(pandas or polars, or a pyarrow Table: its lon and lat columns found by name,
as ``model.classify(df)`` finds them: :func:`frame_columns`), and raw file
column values (strings or objects with a null mask, :func:`from_columns`).

A float NaN given in memory (a list, a numpy array, a Series or a
DataFrame's column, an Arrow array) is ``missing``, as numpy writes a
missing value and pandas reads one. A file writes a missing value as an
empty cell or a null, and those are ``missing`` too; a NaN written in a
file as a value (the text ``nan`` in a CSV cell, a NaN stored in a Parquet
float column) and the text ``"nan"`` anywhere are ``not finite``, on
purpose: the file's writer put a number there, and it is not finite
(:func:`parse_values`, :func:`from_columns`). A point geometry with a NaN
coordinate is ``not finite`` in memory as in its GeoParquet file.

A status code is a ``uint8``: ``lon reason * 8 + lat reason`` for value
problems (missing, not a number, not finite, out of range), or one of the
point-level codes :data:`CONVERSION_FAILED`, :data:`NO_POINT_GEOMETRY`,
:data:`NOT_A_POINT`, :data:`SWAPPED`, :data:`DEGREES`, :data:`OTHER_METRES`, :data:`HEADER_AGAIN`,
:data:`NULL_ISLAND`, and those of an input most of whose points make sense only read another way
(:data:`SIGNS_DROPPED`, :data:`RADIANS`, :data:`NMEA_MINUTES`: :func:`mark_misread`). Codes become text once per
distinct code, so millions of rows cost a few array passes.
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, ValuesView
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import shapely

from avzone import _tables
from avzone._examples import RowExample, examples_by, frame_examples, too_long
from avzone.columns import (  # (LON_NAMES, LAT_NAMES: read here by their old name too)
    LAT_NAMES,
    LON_NAMES,
    crs_note,
    find_coordinate_column,
    header_key,
)
from avzone.crs import (
    PROJECTED_ALIASES,
    WGS84,
    _names_own_crs,
    declared_or_given,
    normalize_crs,
    same_crs,
    to_wgs84,
)
from avzone.errors import CRSError, InputError
from avzone.i18n import CRSName, Joined, Message, Option, Quoted, printable

if TYPE_CHECKING:
    import pandas as pd


# -- the status vocabulary -------------------------------------------------------
OK, MISSING, NOT_A_NUMBER, NOT_FINITE, OUT_OF_RANGE = range(5)
CONVERSION_FAILED = 255
NO_POINT_GEOMETRY = 254
NOT_A_POINT = 253
SWAPPED = 252
TIME_MISSING = 251  # a time column's cell is empty (file jobs with a time column)
TIME_INVALID = 250  # a time column's cell is not a date/time
TIME_RANGE = 249  # a time column's cell is a time before 1900 or from 2190 on, Beijing time
TIME_NUMBER = 248  # a time column's cell is a number and no time unit was given
DEGREES = 247  # a projected CRS's point that lies in the dataset's area only read as lon/lat degrees
OTHER_METRES = 246  # a projected CRS's point far from the dataset's area that lies in it read in a common metre CRS
HEADER_AGAIN = 245  # a CSV row that is the file's header line again (files joined together)
TIME_STRAY = 244  # a time column's cell far from the column's other times (avzone.zonetime.mark_strays)
NULL_ISLAND = 243  # both coordinates exactly 0 outside the dataset's area: a receiver's "no fix", not a position
NOT_A_PAIR = 242  # a point column's text is no lon,lat pair (avzone._pointtext)
NOT_WKT_POINT = 241  # a point column's text is no WKT that can be read
OTHER_SRID = 240  # a point column's EWKT names another SRID than the column's first
#: A point column's WKT of another geometry type than POINT: each type's code (240 minus shapely's type id, 1 to 7).
WKT_TYPE_CODES = {
    240 - type_id: kind
    for type_id, kind in enumerate(
        ("LINESTRING", "LINEARRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"),
        start=1,
    )
}
NOT_WKB_POINT = 229  # a point column's bytes (or hex text) are no WKB that can be read
#: A point column's WKB of another geometry type than POINT: each type's code (228 minus shapely's type id, 1 to 7).
WKB_TYPE_CODES = {228 - type_id: kind for type_id, kind in enumerate(WKT_TYPE_CODES.values(), start=1)}
# the points of an input most of whose first points make sense only read another way (mark_misread's whole=True)
SIGNS_DROPPED = 232  # a lon/lat point with a minus sign that lies in the dataset's area only without it
RADIANS = 231  # a lon/lat point that lies in the dataset's area only read as radians
NMEA_MINUTES = 230  # an out-of-range lon/lat point that lies in the dataset's area read as NMEA dddmm.mmmm
GEOJSON_ONE_COORDINATE = 228  # a GeoJSON Point whose coordinates are one number: [lon, lat] holds two
#: The text of each time status (:data:`avzone.zonetime.TIME_TEXT` gives the same texts for its own codes).
TIME_LABELS = {
    TIME_MISSING: "missing time",
    TIME_INVALID: "time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times are Beijing time)",
    TIME_RANGE: "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)",
    TIME_NUMBER: "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)",
    TIME_STRAY: (
        "time far from its column's others: before 1990 or from 2100 on, Beijing time, while most of the column's "
        "times lie in 1990-2099 (a number in another unit, an Excel serial date, or a date written for no time?)"
    ),
}
STATUS_OK = "ok"
GEOJSON_ONE_COORDINATE_TEXT = "a GeoJSON Point with one coordinate: it needs two, [lon, lat]"
SWAPPED_TEXT = "lon and lat look swapped: outside the dataset's area as given, inside it the other way round"
DEGREES_TEXT = (
    "looks like lon/lat in degrees, not coordinates of the CRS given: outside the dataset's area in that CRS, "
    "inside it read as WGS84 lon/lat (lon first or lat first)"
)
NULL_ISLAND_TEXT = "no position: both coordinates are 0 (what GPS receivers and apps write when they have no fix)"
OTHER_METRES_TEXT = (
    "looks like metres of another CRS: no position within 1,000 km of the dataset's area in the CRS given, inside "
    "it read as EPSG:3857, EPSG:32650, EPSG:4548 or EPSG:4527"
)
SIGNS_DROPPED_TEXT = (
    "minus sign where none belongs? in the dataset's area only without it, as at least half of the input's points "
    "are: east longitudes and north latitudes are positive numbers, write them without the minus sign"
)
RADIANS_TEXT = (
    "radians, not degrees? in the dataset's area only read as radians, as at least half of the input's points are: "
    "convert them to degrees (numpy.degrees)"
)
NMEA_MINUTES_TEXT = (
    "degrees and minutes run together (dddmm.mmmm, as NMEA GPS sentences write them)? out of range as degrees, in "
    "the dataset's area read so, as at least half of the input's points are: convert each number to degrees, "
    "int(value / 100) + (value % 100) / 60"
)
#: Each coordinate's reason: its text (``{n}`` the coordinate's name, ``{limit}`` its range's) and its catalogue key
#: (avzone.i18n), whose English is that text.
_REASON_TEXT = {
    MISSING: "missing {n}",
    NOT_A_NUMBER: "{n} not a number",
    NOT_FINITE: "{n} not finite",
    OUT_OF_RANGE: "{n} out of range [-{limit}, {limit}]",
    # a point column's text (its name twice in ``names``: avzone._pointtext), worded as a coordinate's reason
    NOT_A_PAIR: "{n} not a lon,lat pair (such as 116.48,39.99)",
    NOT_WKT_POINT: "{n} unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
    OTHER_SRID: "{n} SRID not that of the CRS read in",
    **{
        code: f"{{n}} a WKT {kind} where a POINT was expected (such as POINT (116.48 39.99))"
        for code, kind in WKT_TYPE_CODES.items()
    },
    NOT_WKB_POINT: "{n} unreadable: WKB of a POINT was expected",
    **{code: f"{{n}} a WKB {kind} where a POINT was expected" for code, kind in WKB_TYPE_CODES.items()},
}
_REASON_KEYS = {
    MISSING: "status_missing",
    NOT_A_NUMBER: "status_not_a_number",
    NOT_FINITE: "status_not_finite",
    OUT_OF_RANGE: "status_out_of_range",
    NOT_A_PAIR: "status_not_a_pair",
    NOT_WKT_POINT: "status_not_wkt_point",
    OTHER_SRID: "status_other_srid",
    **dict.fromkeys(WKT_TYPE_CODES, "status_wkt_not_point"),  # (its Message gets the type: coordinate_reason)
    NOT_WKB_POINT: "status_not_wkb_point",
    **dict.fromkeys(WKB_TYPE_CODES, "status_wkb_not_point"),
}
#: The statuses of a point column's text (lon,lat pairs or WKT) or WKB, which name the column.
_POINT_TEXT_CODES = (NOT_A_PAIR, NOT_WKT_POINT, OTHER_SRID, *WKT_TYPE_CODES, NOT_WKB_POINT, *WKB_TYPE_CODES)
#: Each coordinate's range: lon's and lat's limit.
_LIMITS = (180, 90)
#: The catalogue key of each status of fixed text (its English is the status), the time statuses' shared with
#: :data:`avzone.zonetime.TIME_KEYS`; TIME_INVALID's is worded by :func:`status_message`.
FIXED_KEYS = {
    CONVERSION_FAILED: "status_conversion_failed",
    NO_POINT_GEOMETRY: "row_no_point_geometry",
    NOT_A_POINT: "row_not_a_point",
    GEOJSON_ONE_COORDINATE: "row_geojson_one_coordinate",
    SWAPPED: "row_swapped",
    DEGREES: "row_degrees",
    OTHER_METRES: "row_other_metres",
    SIGNS_DROPPED: "row_signs_dropped",
    RADIANS: "row_radians",
    NMEA_MINUTES: "row_nmea_minutes",
    HEADER_AGAIN: "row_header_again",
    NULL_ISLAND: "row_null_island",
    TIME_MISSING: "time_missing",
    TIME_INVALID: "time_invalid",
    TIME_RANGE: "time_range",
    TIME_NUMBER: "time_number",
    TIME_STRAY: "time_stray",
}
_NAN_WORDS = {"nan", "+nan", "-nan"}
_BOOLS = (bool, np.bool_)
# what a coordinate cell may hold (booleans excepted): text, None or a real number (a Fraction too)
_SCALARS: tuple[type, ...] = (str, float, int, np.number, type(None), numbers.Real)


def _scalar_types() -> tuple[type, ...]:
    """:data:`_SCALARS` and ``decimal.Decimal`` (a Decimal can only exist once decimal is imported)."""
    dec = sys.modules.get("decimal")
    return _SCALARS if dec is None else (*_SCALARS, dec.Decimal)


def _quiet_decimal_nans(values: np.ndarray) -> np.ndarray:
    """Object cells with each signalling-NaN Decimal (``Decimal('sNaN')``) as the quiet NaN it stands for.

    (pandas' tests for missing values raise ``decimal.InvalidOperation`` on a signalling NaN; a quiet one is a NaN
    number like any other.) The array itself is returned when it holds none.
    """
    dec = sys.modules.get("decimal")
    if dec is None:
        return values
    snan = np.fromiter((isinstance(v, dec.Decimal) and v.is_snan() for v in values), bool, values.size)
    if not snan.any():
        return values
    out = values.copy()
    out[snan] = dec.Decimal("NaN")
    return out


DEFAULT_NAMES = ("lon", "lat")


def column_names(lons: Any, lats: Any) -> tuple[str, str]:
    """What the statuses call two coordinate inputs: the names of two pandas Series named by text (a DataFrame's
    columns: ``model.classify(df)``, ``model.events(df)``), as a file job's statuses name the file's columns
    (``missing 经度``, ``lng not a number``); else :data:`DEFAULT_NAMES` (lists, arrays, unnamed Series, Series
    named by another label, such as a DataFrame's integer column ``0``, or both by one name, which would not tell
    them apart).

    >>> import pandas as pd
    >>> column_names(pd.Series([1.0], name="经度"), pd.Series([2.0], name="纬度")), column_names([1.0], [2.0])
    (('经度', '纬度'), ('lon', 'lat'))
    """
    pd_ = sys.modules.get("pandas")  # (a Series implies pandas is imported)
    if pd_ is None or not (isinstance(lons, pd_.Series) and isinstance(lats, pd_.Series)):
        return DEFAULT_NAMES
    if isinstance(lons.name, str) and isinstance(lats.name, str) and lons.name and lats.name != lons.name:
        return lons.name, lats.name
    return DEFAULT_NAMES


def status_labels(names: tuple[str, str] = DEFAULT_NAMES) -> dict[int, str]:
    """Text of every status code, for coordinates (or columns) named ``names`` (lon, lat).

    A new dict each call (a cached copy underneath). A name's unprintable characters are escaped
    (:func:`avzone.i18n.printable`), as every message writes them: a status is one line.

    >>> labels = status_labels()
    >>> labels[OK], labels[MISSING * 8], labels[OUT_OF_RANGE], labels[CONVERSION_FAILED]
    ('ok', 'missing lon', 'lat out of range [-90, 90]', 'cannot be converted to WGS84')
    """
    return dict(_labels(tuple(names)))


@functools.lru_cache(maxsize=64)
def _labels(names: tuple[str, str]) -> dict[int, str]:
    names = (printable(names[0]), printable(names[1]))

    def reason(code: int, name: str, limit: int) -> str:
        return _REASON_TEXT[code].format(n=name, limit=limit)

    labels = {
        OK: STATUS_OK,
        CONVERSION_FAILED: "cannot be converted to WGS84",
        NO_POINT_GEOMETRY: "no point geometry",
        NOT_A_POINT: "geometry is not a Point",
        GEOJSON_ONE_COORDINATE: GEOJSON_ONE_COORDINATE_TEXT,
        SWAPPED: SWAPPED_TEXT,
        DEGREES: DEGREES_TEXT,
        OTHER_METRES: OTHER_METRES_TEXT,
        SIGNS_DROPPED: SIGNS_DROPPED_TEXT,
        RADIANS: RADIANS_TEXT,
        NMEA_MINUTES: NMEA_MINUTES_TEXT,
        HEADER_AGAIN: "the header line again (files joined together?): no data",
        NULL_ISLAND: NULL_ISLAND_TEXT,
        **TIME_LABELS,
        **{code: _REASON_TEXT[code].format(n=names[0]) for code in _POINT_TEXT_CODES},
    }
    for xc in range(5):
        for yc in range(5):
            if xc or yc:
                parts = [reason(c, name, limit) for c, name, limit in zip((xc, yc), names, _LIMITS) if c]
                labels[xc * 8 + yc] = "; ".join(parts)
    return labels


def status_message(code: int, names: tuple[str, str] = DEFAULT_NAMES) -> str:
    """A status as a :class:`~avzone.i18n.Message`, its coordinates (or columns) named ``names`` (lon, lat): the
    one wording of each status in Chinese, which one point's error quotes as it is and a file job's summary with the
    status after it (:func:`avzone.events.status_named`).

    The English text is ``status_labels(names)[code]``; in Chinese each
    coordinate's reason is worded by :func:`reasons_message` (as a file job's summary words the status's text), a
    status of fixed text by its key in :data:`FIXED_KEYS`. ``ok`` is its text.

    >>> m = status_message(OUT_OF_RANGE * 8 + MISSING)
    >>> m, m.text("zh")
    ('lon out of range [-180, 180]; missing lat', '经度超出范围 [-180, 180]；缺少纬度')
    >>> status_message(NOT_A_NUMBER, ("x", "y")).text("zh"), status_message(TIME_MISSING).text("zh")
    ('y 列的纬度不是数字', '缺少时间')
    """
    if code == TIME_INVALID:  # (the key's Chinese, said after the value in errors, names no time)
        return Message("row_time_invalid", reason=Message(FIXED_KEYS[code]))
    if code in FIXED_KEYS:
        return Message(FIXED_KEYS[code])
    if code in _POINT_TEXT_CODES:
        return coordinate_reason(code, None, names[0])
    xc, yc = divmod(code, 8)
    if code == OK or not (0 <= xc < 5 and 0 <= yc < 5):
        return _labels(tuple(names))[code]
    parts = [
        (c, name, limit if c == OUT_OF_RANGE else None) for c, name, limit in zip((xc, yc), names, _LIMITS) if c
    ]  # (as parse_reason reads each from the status's text)
    return reasons_message(parts)


def reasons_message(parts: Sequence[tuple[int, str, int | None]]) -> Message:
    """A status of one or two coordinates' reasons as a :class:`~avzone.i18n.Message`, each part ``(reason, name,
    limit)`` as :func:`parse_reason` reads it from the status's text, in its order: the one wording of such a status,
    one point's (:func:`status_message`) and a file job's summary's (:func:`avzone.events.status_named`) alike.

    Each coordinate's axis is the one the status's text tells: its place in a status of two (lon first), else its
    range's limit (``out of range [-90, 90]``: lat), else its name (:data:`LON_NAMES`, :data:`LAT_NAMES`: ``x`` is
    lon); a coordinate none of these places is named by its column alone (:func:`coordinate_reason`).

    >>> [reasons_message(p).text("zh") for p in ([(MISSING, "col_b", None)], [(MISSING, "y", None)])]
    ['col_b 列缺少值', 'y 列缺少纬度']
    >>> reasons_message([(NOT_A_NUMBER, "a", None), (OUT_OF_RANGE, "b", 90)]).text("zh")
    'a 列的经度不是数字；b 列的纬度超出范围 [-90, 90]'
    """
    reasons = []
    for place, (reason, name, limit) in enumerate(parts):
        axis: int | None = place if len(parts) == 2 else _LIMITS.index(limit) if limit in _LIMITS else None
        if reason in _POINT_TEXT_CODES:  # (a point column's text: no axis's)
            axis = None
        elif axis is None:
            lower = name.lower()
            axis = 0 if lower in LON_NAMES else 1 if lower in LAT_NAMES else None
        reasons.append(coordinate_reason(reason, axis, name))
    return reasons[0] if len(reasons) == 1 else Message("status_both", lon=reasons[0], lat=reasons[1])


def coordinate_reason(reason: int, axis: int | None, name: str) -> Message:
    """One coordinate's reason (``MISSING``, ``NOT_A_NUMBER``, ``NOT_FINITE``, ``OUT_OF_RANGE``) as a
    :class:`~avzone.i18n.Message`, its coordinate (or column) named ``name`` in English, as a status has it; in
    Chinese by its axis (``axis`` 0: 经度, 1: 纬度) and, unless it is called ``lon`` or ``lat``, its column too; by its
    column alone where the axis is not known (None). No brackets: a summary puts the status in brackets after it.

    >>> [coordinate_reason(NOT_A_NUMBER, a, n).text("zh") for a, n in ((0, "lon"), (1, "y"), (None, "c"))]
    ['经度不是数字', 'y 列的纬度不是数字', 'c 列的值不是数字']
    >>> [coordinate_reason(MISSING, a, n).text("zh") for a, n in ((0, "lon"), (0, "x"), (None, "c"))]
    ['缺少经度', 'x 列缺少经度', 'c 列缺少值']

    A column named by the Chinese word for its axis is named once: ``经度不是数字`` (not ``经度 列的经度``).

    >>> [coordinate_reason(r, 0, "经度").text(lang) for r, lang in ((NOT_A_NUMBER, "zh"), (MISSING, "en"))]
    ['经度不是数字', 'missing 经度']
    """
    limit: dict[str, Any] = {"limit": _LIMITS[1 if axis == 1 else 0]} if reason == OUT_OF_RANGE else {}
    if reason in WKT_TYPE_CODES:  # (a point column's WKT of another type: the type, as WKT writes it)
        limit = {"kind": WKT_TYPE_CODES[reason]}
    if reason in WKB_TYPE_CODES:  # (WKB of another type: the type, as WKT names it)
        limit = {"kind": WKB_TYPE_CODES[reason]}
    if axis is not None and name == DEFAULT_NAMES[axis]:
        return Message(_REASON_KEYS[reason], name=Message(("axis_lon", "axis_lat")[axis]), **limit)
    if axis is not None and name == ("经度", "纬度")[axis]:  # (axis_lon's and axis_lat's Chinese: its name in both)
        return Message(_REASON_KEYS[reason], name=name, **limit)
    kind = "only" if axis is None else ("lon", "lat")[axis]
    if reason == MISSING:  # (in Chinese the column first: 'x 列缺少经度', not '缺少x 列的经度')
        return Message(f"status_missing_column_{kind}", name=name)
    return Message(_REASON_KEYS[reason], name=Message(f"status_column_{kind}", name=name), **limit)


def parse_reason(part: str) -> tuple[int, str, int | None] | None:
    """One coordinate's reason read back from its text in a status (``"x not finite"``): the reason, the
    coordinate's name and, for ``out of range``, its range's limit (180: lon, 90: lat); None for other text.

    >>> parse_reason("missing 经度"), parse_reason("y out of range [-90, 90]"), parse_reason("no such")
    ((1, '经度', None), (4, 'y', 90), None)
    """
    for reason, pattern in _reason_patterns().items():
        found = pattern.fullmatch(part)
        if found is not None:
            limit = found.groupdict().get("limit")
            return reason, found.group("n"), None if limit is None else int(limit)
    return None


def reason_name_span(part: str) -> tuple[int, int] | None:
    """Where the coordinate's name is in one coordinate's reason (:func:`parse_reason`); None for other text.

    >>> reason_name_span("missing 经度"), reason_name_span("no such")
    ((8, 10), None)
    """
    for pattern in _reason_patterns().values():
        found = pattern.fullmatch(part)
        if found is not None:
            return found.span("n")
    return None


@functools.cache
def _reason_patterns() -> dict[int, re.Pattern[str]]:
    """:data:`_REASON_TEXT` as patterns (the name any text, the limit one of :data:`_LIMITS`)."""
    limits = "|".join(map(str, _LIMITS))
    patterns = {}
    for reason, text in _REASON_TEXT.items():
        pattern = re.escape(text).replace(re.escape("{n}"), "(?P<n>.+)", 1)
        pattern = pattern.replace(re.escape("{limit}"), f"(?P<limit>{limits})", 1)
        patterns[reason] = re.compile(pattern.replace(re.escape("{limit}"), "(?P=limit)"))
    return patterns


def codes_to_text(codes: np.ndarray, labels: dict[int, str]) -> np.ndarray:
    """Status codes to an object array of their texts (one table lookup)."""
    table = np.empty(256, dtype=object)
    for code, text in labels.items():
        table[code] = text
    return table[codes]


def by_status(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Row statuses and their row counts in the order every file job's summary lists them, whichever engine ran it
    (its text, and ``rows_by_status`` and ``examples_by_status`` in its JSON), and the map its rows not drawn
    (:meth:`avzone.maps.Tracks.rejected_rows`): the most rows first, statuses of as many rows in the order of their
    text (as Python sorts strings), not in the order the engine met them.

    >>> by_status({"missing lon": 2, "lat out of range [-90, 90]": 2, "missing time": 5})
    [('missing time', 5), ('lat out of range [-90, 90]', 2), ('missing lon', 2)]
    """
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# -- raw values to floats -------------------------------------------------------
def parse_values(values: np.ndarray, null: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Floats and a reason code per value (OK when fine) from raw values (vectorized).

    ``values`` may be numbers, or objects such as the strings of a CSV
    column (blank strings are missing, ``"nan"`` is not finite, text is a
    number as :func:`number_text` reads it, other text is not a number);
    ``null`` marks values known to be missing. Booleans are not numbers. A
    NaN number is not finite here, as a file's value (a Parquet float
    column's NaN): :func:`to_points` gives the NaN numbers of in-memory input
    in ``null``, missing values as numpy and pandas write them.

    >>> num, codes = parse_values(np.array(["116.5", "", "abc", "inf", None], dtype=object))
    >>> float(num[0]), codes.tolist()
    (116.5, [0, 1, 2, 3, 1])
    """
    values = np.asarray(values).ravel()
    null = np.zeros(values.shape, dtype=bool) if null is None else np.asarray(null, dtype=bool).ravel()
    codes = np.zeros(values.shape, dtype=np.uint8)
    if values.dtype.kind in "fiu":
        num = values.astype(np.float64, copy=False)
    elif values.dtype.kind == "b":
        num = np.full(values.shape, np.nan)
        codes[:] = NOT_A_NUMBER
    elif (fast := _text_floats(values)) is not None:  # all text, every cell blank or a plain number
        num, empty = fast
        null = null | empty
    else:
        import pandas as pd

        values = _quiet_decimal_nans(values)
        raw = pd.Series(values, dtype=object)
        try:
            stripped = raw.str.strip()  # NaN for values that are not strings
        except (AttributeError, TypeError):  # no strings at all (numbers from JSON), or bytes
            stripped = pd.Series([v.strip() if isinstance(v, str) else np.nan for v in values], dtype=object)
        text = stripped.where(stripped.notna(), raw)
        # booleans, bytes, lists, dicts...: not numbers (True must not become 1)
        scalars = _scalar_types()
        foreign = np.fromiter((not isinstance(v, scalars) or isinstance(v, _BOOLS) for v in values), bool, values.size)
        if foreign.any():  # pandas' NA and NaT (and numpy's NaT) are missing, as in a Series, not "not a number"
            absent = np.fromiter((_is_absent(v) for v in values), bool, values.size)
            null = null | absent
            foreign &= ~absent
        if foreign.any():
            text = text.where(~foreign, "not a number")
        # a NaN number is not finite: only None (and pandas' NA, NaT) is missing where no null mask says more
        nan_number = np.fromiter((isinstance(v, (float, np.floating)) and v != v for v in values), bool, values.size)
        empty = ((text.isna() & ~nan_number) | (text == "")).to_numpy(dtype=bool)
        cells = text.where(~empty, None)
        try:
            num = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        except OverflowError:  # a Python integer beyond float range: converted one by one below
            big = np.fromiter((type(v) is int and abs(v) > 2**1023 for v in cells), bool, len(cells))
            num = pd.to_numeric(cells.where(~big, None), errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        null = null | empty
        num = np.array(num, dtype=np.float64)  # writable
        unparsed = np.flatnonzero(~null & np.isnan(num))  # few rows: check them one by one
        for i in unparsed.tolist():
            v = text.iat[i]
            if isinstance(v, str):
                if v.lower() not in _NAN_WORDS:
                    n = number_text(v)  # e.g. digits beyond float range: infinite
                    if n is None:
                        codes[i] = NOT_A_NUMBER
                    else:
                        num[i] = n
            elif isinstance(v, int) and not isinstance(v, bool):  # beyond float range: not finite
                num[i] = math.inf if v > 0 else -math.inf
            elif isinstance(v, numbers.Rational) and not isinstance(v, _BOOLS):  # a Fraction (pandas reads none)
                try:
                    num[i] = float(v)
                except OverflowError:  # beyond float range: not finite
                    num[i] = math.inf if int(v.numerator) > 0 else -math.inf
            elif not (isinstance(v, (float, np.floating)) and math.isnan(v)):
                codes[i] = NOT_A_NUMBER
    if null.any():
        num = np.where(null, np.nan, num)
        codes[null] = MISSING
    finite = np.isfinite(num)
    if not finite.all():
        codes[(codes == OK) & ~finite] = NOT_FINITE
    return num, codes


#: Full-width forms (U+FF01 to U+FF5E: digits, the point, signs, letters) as their ASCII ones, the ideographic
#: space as a space: what a Chinese input method types in place of them; and the small plus and hyphen-minus
#: (U+FE62, U+FE63), compatibility forms of ``+`` and ``-`` as the full-width ``＋`` and ``－`` are (Unicode's NFKC
#: reads each of these as its ASCII character). The one table of numbers and times (:mod:`avzone.zonetime`).
ASCII_FORMS = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFE62: 0x2B, 0xFE63: 0x2D}

#: Dashes and minus signs that are no ``-`` in a number or a time (a hyphen, dashes, the minus sign U+2212, the
#: soft hyphen...): each may be a minus, a hyphen between a date's parts, a dash between two numbers or nothing,
#: so none is read as ``-``; :func:`dash_why` says which one the text has and to write ``-``.
DASHES = frozenset(
    "\u00ad\u02d7\u2010\u2011\u2012\u2013\u2014\u2015\u207b\u208b\u2212\u2796\u2e3a\u2e3b\ufe31\ufe32\ufe58"
)


def dash_why(text: str) -> Message | None:
    """Why ``text`` is no number or time when it writes a dash or minus sign other than ``-`` (:data:`DASHES`):
    the first such character, by its code point and name, and the text with ``-`` in its place; else None.

    >>> print(dash_why("\u2013116.4"))
    – is U+2013 EN DASH, no sign or hyphen avzone reads in a number or a time: write an ASCII hyphen-minus '-', -116.4
    >>> dash_why("-116.4") is None, dash_why("\uff0d116.4") is None
    (True, True)
    >>> print(dash_why("116\u00ad.4"))
    U+00AD SOFT HYPHEN (an invisible mark where a word may break) is in the text, no sign: delete it, 116.4
    """
    if text.isascii():
        return None
    sign = next((c for c in text if c in DASHES), None)
    if sign is None:
        return None
    # (a soft hyphen is an invisible mark where a word may break, never a sign: left out of the example)
    example = "".join("" if c == _SOFT_HYPHEN else "-" if c in DASHES else c for c in text).strip()
    code = f"U+{ord(sign):04X} {unicodedata.name(sign, '')}".strip()
    if sign == _SOFT_HYPHEN:
        return Message("soft_hyphen_in_text", code=code, example=example)
    return Message("dash_not_minus", sign=sign, code=code, example=example)


_SOFT_HYPHEN = "\u00ad"

#: Degrees written with a hemisphere, or as degrees, minutes and seconds (``E116.5``, ``116.5E``, ``东经116.5``,
#: ``116°23'45"E``, ``116度23分45秒``, ``39.79°``): texts :func:`number_why` says how to write as a number.
_HEMISPHERES = {"N": 1, "E": 1, "S": -1, "W": -1, "北纬": 1, "东经": 1, "南纬": -1, "西经": -1}
_HEMISPHERES |= {"北緯": 1, "東經": 1, "南緯": -1, "西經": -1}  # (in traditional characters)
_NUM = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"
_HEMI = r"N|S|E|W|北纬|南纬|东经|西经|北緯|南緯|東經|西經"
_DEGREES_TEXT = re.compile(
    rf"^(?P<pre>{_HEMI})?\s*(?P<d>{_NUM})\s*(?:(?P<deg>[°º度])\s*"
    rf"(?:(?P<m>{_NUM})\s*(?:['′’分])\s*)?(?:(?P<s>{_NUM})\s*(?:[\"″”秒]|''|′′)\s*)?)?(?P<post>{_HEMI})?$"
)
#: What Excel writes to keep a number as text: ``="116.5"`` (a formula) or ``'116.5`` (a leading apostrophe).
_EXCEL_TEXT = re.compile(r"^(?:=\"(?P<formula>[^\"]*)\"|'(?P<quote>.*))$")


#: A number written with a decimal comma (``116,48``), with commas grouping its digits by thousands (``457,189.6``,
#: ``4,404,569``), or with points grouping them before a decimal comma (``4.404.569,2``).
_DECIMAL_COMMA_TEXT = re.compile(r"^[+-]?[0-9]+,[0-9]+$")
_COMMA_GROUPS_TEXT = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_POINT_GROUPS_TEXT = re.compile(r"^[+-]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+$")


def _comma_why(t: str) -> Message | None:
    """:func:`number_why` of a number (``t``, trimmed, in ASCII forms) written with a decimal comma or thousands
    separators: the number to write; a comma before three digits alone (``116,500``) may be either, and both
    numbers are named."""
    if _COMMA_GROUPS_TEXT.match(t):
        if t.count(",") == 1 and "." not in t:  # (116,500: 116.500 or 116500)
            return Message("number_comma_either", one=t.replace(",", "."), other=t.replace(",", ""))
        return Message("number_thousands", sep=",", example=t.replace(",", ""))
    if _POINT_GROUPS_TEXT.match(t):
        return Message("number_thousands", sep=".", example=t.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA_TEXT.match(t):
        return Message("number_decimal_comma", example=t.replace(",", "."))
    return None


def number_why(text: str) -> Message | None:
    """Why ``text`` is no number (:func:`number_text`), and how to write it, when it is one written another way: a
    dash for ``-`` (:func:`dash_why`), degrees with a hemisphere letter or word (``E116.5``, ``116.5E``, ``东经116.5``:
    a signed number, west and south negative), degrees, minutes and seconds (``116°23'45"E``, ``116度23分45秒``,
    ``39.79°``: decimal degrees), a number Excel keeps as text (``="116.5"``, ``'116.5``), or one written with a
    decimal comma or thousands separators (``116,48``, ``457,189.6``, ``4.404.569,2``: :func:`_comma_why`); else
    None.

    >>> number_why("116°30′36″W").fields["example"], number_why("N39.79").fields["example"]
    ('-116.51', '39.79')
    >>> number_why("116.5") is None, number_why("abc") is None
    (True, True)
    """
    if (dash := dash_why(text)) is not None:
        return dash
    t = unicodedata.normalize("NFKC", text).strip()
    if (excel := _EXCEL_TEXT.match(t)) is not None:
        inner = excel.group("formula") if excel.group("formula") is not None else excel.group("quote")
        if number_text(inner) is not None:
            mark = '="…"' if excel.group("formula") is not None else "'"
            return Message("number_excel_text", mark=mark, example=inner.strip())
        return None
    if (comma := _comma_why(t)) is not None:
        return comma
    found = _DEGREES_TEXT.match(t)
    if found is None or (found.group("pre") and found.group("post")):
        return None
    hemisphere = found.group("pre") or found.group("post")
    if not hemisphere and not found.group("deg"):
        return None  # (a plain number: no why)
    parts = [float(found.group(k) or 0) for k in ("d", "m", "s")]
    if parts[1] >= 60 or parts[2] >= 60:
        return None
    value = (parts[0] + parts[1] / 60 + parts[2] / 3600) * _HEMISPHERES.get(hemisphere or "", 1)
    example = f"{value:.6f}".rstrip("0").rstrip(".")
    if found.group("m") or found.group("s"):
        return Message("number_dms", example=example)
    if hemisphere:
        return Message("number_hemisphere", hemisphere=hemisphere, example=example)
    return Message("number_degree_sign", sign=found.group("deg"), example=example)


def number_text(text: str) -> float | None:
    """The number a coordinate written as text is, or None: the one rule of CSV cells, JSON strings (HTTP bodies),
    query parameters, the library and the command line.

    The text, trimmed of whitespace, is what Python's ``float`` reads: an
    optional sign, digits with an optional decimal point, an optional
    exponent (``+116.5``, ``1.165e2``, ``116.``, ``.5``; full-width and
    other Unicode decimal digits as their ASCII ones, ``１１６.５``, and the
    full-width point, signs and ``ｅ`` as a Chinese input method types them,
    ``１１６．５``, ``－３．５``, and the small ``﹣`` and ``﹢``: :data:`ASCII_FORMS`), or
    ``nan``/``inf``/``infinity`` (not finite), but digits grouped with
    ``_`` (``1_16.5``: Python's grouping, a typo in a coordinate) are no
    number; nor are a decimal comma (``116,5``: read in a file not
    separated by commas only, :func:`avzone.batch.decimal_commas`), thousands
    separators, hexadecimal or units. Other dashes and minus signs (the
    minus sign U+2212, the en dash...: :data:`DASHES`) are no sign: such a
    text is no number, :func:`dash_why` says why.

    >>> number_text(" +116.5 "), number_text("１１６.５"), number_text("1_16.5"), number_text("116,5")
    (116.5, 116.5, None, None)
    >>> number_text("１１６．５"), number_text("－３．５"), number_text("１１６，５")
    (116.5, -3.5, None)
    """
    if not text.isascii():  # full-width forms as their ASCII ones (the other characters as they are)
        text = text.translate(ASCII_FORMS)
    if "_" in text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def reads_as_zero(text: str) -> bool:
    """Whether ``text`` writes a number other than 0 that ``float`` reads as 0: below the smallest double (about
    5e-324), as ``1e-400``, ``-1e-400``. A gap limit so written would be 0, no limit, unsaid.

    >>> reads_as_zero("1e-400"), reads_as_zero("0e-400"), reads_as_zero("1e-300"), reads_as_zero("0")
    (True, False, False, False)
    """
    mantissa = text.strip().replace("E", "e").split("e", 1)[0]
    try:
        return float(text) == 0 and float(mantissa) != 0
    except ValueError:
        return False


def _text_floats(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Floats and blanks of a column of text (or missing) cells, by Arrow's kernels; None when it cannot tell.

    Each cell is trimmed and, unless blank, converted to a float by Arrow's
    exact decimal conversion, as Python's ``float`` does. When any cell is
    not text, or any non-blank cell does not convert (words, digits with
    underscores or thousands separators, numbers beyond float range...),
    None: :func:`parse_values` then reads the column value by value, as
    before, and tells each cell's reason. A CSV column of coordinates is
    read so without a Python object per cell.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if values.dtype.kind != "O" or values.size == 0:
        return None
    try:
        arr = pa.array(values)  # (None is null; a float NaN is not text: read value by value, it is not finite)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):  # not all text (a huge integer...)
        return None
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    text = pc.utf8_trim_whitespace(arr)
    empty = pc.fill_null(pc.equal(text, ""), True)
    try:
        num = pc.cast(pc.if_else(empty, pa.scalar(None, text.type), text), pa.float64())
    except (pa.ArrowException, ValueError):
        return None
    out = num.to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    return out, empty.to_numpy(zero_copy_only=False).astype(bool)


def _range_codes(num: np.ndarray, codes: np.ndarray, limit: float) -> None:
    out = np.abs(num) > limit  # NaN compares False, without a warning
    if out.any():
        codes[out & (codes == OK)] = OUT_OF_RANGE


def valid_lonlat(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Mask of finite WGS84 coordinates within [-180, 180] x [-90, 90]."""
    return (np.abs(lon) <= 180) & (np.abs(lat) <= 90)  # False for NaN and infinities


def is_geographic(crs_norm: Any) -> bool:
    """True for a normalized CRS in degrees (WGS84, GCJ-02, BD-09 or a geographic pyproj CRS); False for metres
    (``gcj02merc`` or a projected pyproj CRS)."""
    if isinstance(crs_norm, str):
        return crs_norm not in PROJECTED_ALIASES
    return bool(crs_norm.is_geographic)


def crs_label(crs_norm: Any) -> CRSName:
    """How answers and messages name a normalized CRS (``EPSG:4326``, ``gcj02``, a pyproj string); a
    :class:`~avzone.i18n.CRSName`, so that a Chinese message describes the CRSs avzone names itself."""
    return CRSName(crs_norm if isinstance(crs_norm, str) else crs_norm.to_string())


def convert(x: np.ndarray, y: np.ndarray, use: np.ndarray, crs_norm: Any) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon, lat of the ``use`` points (NaN elsewhere and where they cannot be converted).

    One vectorized conversion; only when it raises (a GCJ-02 / BD-09
    iteration that does not converge for some point) are the points
    converted one by one, so one bad point cannot fail the others.
    """
    if crs_norm == WGS84:
        if use.all():
            return x, y
        return np.where(use, x, np.nan), np.where(use, y, np.nan)
    import pyproj  # a CRS other than WGS84 was given: pyproj is in use already

    if use.all() and x.ndim == 1:  # every point: converted as it is (no copies in and out of a selection)
        try:
            a, b = to_wgs84(x, y, crs_norm)
            lon, lat = (np.asarray(v, dtype=np.float64).reshape(x.shape) for v in (a, b))
            if np.shares_memory(lon, x) or np.shares_memory(lat, y):  # (never the caller's own arrays)
                lon, lat = lon.copy(), lat.copy()
            return lon, lat
        except (CRSError, pyproj.exceptions.ProjError):
            pass  # one by one below
    lon = np.full(x.shape, np.nan)
    lat = np.full(x.shape, np.nan)
    if not use.any():
        return lon, lat
    try:
        a, b = to_wgs84(x[use], y[use], crs_norm)
        lon[use], lat[use] = np.ravel(a), np.ravel(b)
    except (CRSError, pyproj.exceptions.ProjError):
        for i in np.flatnonzero(use).tolist():
            try:
                a, b = to_wgs84(x[i : i + 1], y[i : i + 1], crs_norm)
                lon[i], lat[i] = float(np.ravel(a)[0]), float(np.ravel(b)[0])
            except (CRSError, pyproj.exceptions.ProjError):
                pass
    return lon, lat


# -- the points -----------------------------------------------------------------
@dataclass
class Points:
    """Points in WGS84 with one status code each (see the module docstring).

    ``lon``/``lat`` are WGS84 (NaN where the status is not OK); ``x``/``y``
    the coordinates as given in ``crs`` (NaN where missing or unparsable);
    ``index`` the pandas index of the input (None for plain arrays: a
    RangeIndex); ``names`` what the statuses call the two coordinates;
    ``notes`` how they were read, as ``model.classify`` notes it in its
    frame's ``attrs["notes"]``: a DataFrame's lon/lat columns whose names say
    GCJ-02 or BD-09 while ``crs`` does not (:func:`avzone.columns.crs_note`).
    ``whole``: the points are a whole input not yet judged as one
    (:func:`to_points` makes them so; a file's chunk, judged by the file's
    first rows, is not): the locator marks the points of such an input that
    make sense only read another way (:func:`mark_misread`, ``whole``), as it
    marks arrays given to it, and clears the flag.
    """

    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    codes: np.ndarray
    crs: Any
    index: pd.Index | None
    names: tuple[str, str] = DEFAULT_NAMES
    notes: tuple[Any, ...] = ()
    whole: bool = False

    @property
    def labels(self) -> dict[int, str]:
        """Text of every status code for these points' coordinate names (do not modify)."""
        return _labels(tuple(self.names))

    def __len__(self) -> int:
        return int(self.lon.size)

    @property
    def ok(self) -> np.ndarray:
        """Mask of the points that can be located."""
        return self.codes == OK

    @property
    def crs_label(self) -> str:
        return crs_label(self.crs)

    def status_text(self) -> np.ndarray:
        """The status of every point as an object array of strings."""
        return codes_to_text(self.codes, self.labels)

    def rejected(self) -> Counter:
        """How many points have each status other than ``ok``."""
        counts = np.bincount(self.codes, minlength=256)
        rejected: Counter = Counter()
        for c in np.flatnonzero(counts):  # (added up: two codes may read alike, a point column's lon and lat reasons)
            if c != OK:
                rejected[self.labels[int(c)]] += int(counts[c])
        return rejected

    def mark(self, mask: np.ndarray, code: int) -> None:
        """Give the points of ``mask`` the status ``code`` (their lon/lat become NaN); a note on float32 coordinates
        then describes the points still usable (:func:`located_float32_note`)."""
        if mask.any():
            self.codes[mask] = code
            self.lon = np.where(mask, np.nan, self.lon)
            self.lat = np.where(mask, np.nan, self.lat)
            if self.notes:  # (a note on float32 coordinates describes the points still usable, the ones located)
                located_float32_note(self)


def from_columns(
    x_raw: Any,
    y_raw: Any,
    crs: Any = WGS84,
    *,
    x_null: np.ndarray | None = None,
    y_null: np.ndarray | None = None,
    point_codes: np.ndarray | None = None,
    names: tuple[str, str] = DEFAULT_NAMES,
    index: pd.Index | None = None,
) -> Points:
    """Raw coordinate values (numbers or strings, with null masks) to :class:`Points`.

    ``point_codes`` gives point-level statuses known beforehand (e.g.
    :data:`NO_POINT_GEOMETRY` for a feature without geometry; 0 elsewhere).
    Each point is converted to WGS84 once; a point that cannot be converted
    gets :data:`CONVERSION_FAILED`, the others are unaffected.
    """
    c = normalize_crs(crs)
    if x_null is None and y_null is None and point_codes is None:
        fast = _all_good(x_raw, y_raw, c)
        if fast is not None:
            x, y, lon, lat = fast
            return Points(lon, lat, x, y, np.zeros(x.shape, dtype=np.uint8), c, index, names)
    x, xc = parse_values(x_raw, x_null)
    y, yc = parse_values(y_raw, y_null)
    if x.shape != y.shape:
        raise InputError(Message("err_lons_lats_length", x=x.size, y=y.size))
    if is_geographic(c):
        _range_codes(x, xc, 180)
        _range_codes(y, yc, 90)
    codes = xc * np.uint8(8) + yc
    if point_codes is not None:
        pre = np.asarray(point_codes, dtype=np.uint8)
        codes = np.where(pre != OK, pre, codes).astype(np.uint8)
    usable = codes == OK
    lon, lat = convert(x, y, usable, c)
    good = valid_lonlat(lon, lat) if usable.all() else usable & valid_lonlat(lon, lat)
    if not (good == usable).all():
        codes[usable & ~good] = CONVERSION_FAILED
        lon = np.where(good, lon, np.nan)
        lat = np.where(good, lat, np.nan)
    return Points(
        lon=lon,
        lat=lat,
        x=x,
        y=y,
        codes=codes,
        crs=c,
        index=index,
        names=names,
    )


def _all_good(x_raw: Any, y_raw: Any, c: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The common case in a few array passes: numbers only, every point valid and convertible; else None."""
    if not (isinstance(x_raw, np.ndarray) and isinstance(y_raw, np.ndarray)):
        return None
    if x_raw.dtype.kind not in "fiu" or y_raw.dtype.kind not in "fiu" or x_raw.shape != y_raw.shape:
        return None
    x = x_raw.astype(np.float64, copy=False).ravel()
    y = y_raw.astype(np.float64, copy=False).ravel()
    if x.size == 1:  # one point: Python floats are several times faster than one-element arrays
        a, b = float(x[0]), float(y[0])
        if not (abs(a) <= 180 and abs(b) <= 90 if is_geographic(c) else math.isfinite(a) and math.isfinite(b)):
            return None
        good = np.ones(1, dtype=bool)
    else:
        if is_geographic(c):
            good = (np.abs(x) <= 180) & (np.abs(y) <= 90)
        else:
            good = np.isfinite(x) & np.isfinite(y)
        if not good.all():
            return None
    try:
        lon, lat = convert(x, y, good, c)
    except Exception:  # the general path words it, point by point
        return None
    if c != WGS84 and not valid_lonlat(lon, lat).all():
        return None
    return x, y, lon, lat


def geometry_xy(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y of point geometries (NaN elsewhere) and their point-level codes.

    A missing or empty geometry gets :data:`NO_POINT_GEOMETRY` (a point of two
    NaN coordinates too: that is how WKB writes an empty point, so a
    GeoDataFrame in memory and the GeoParquet file it is written to give
    the same status), any other kind :data:`NOT_A_POINT`.
    """
    geoms = np.asarray(geoms, dtype=object)
    type_id = shapely.get_type_id(geoms)
    missing = (type_id < 0) | shapely.is_empty(geoms)
    not_point = ~missing & (type_id != 0)
    is_point = ~missing & ~not_point
    x = np.full(geoms.shape, np.nan)
    y = np.full(geoms.shape, np.nan)
    if is_point.any():
        x[is_point] = shapely.get_x(geoms[is_point])
        y[is_point] = shapely.get_y(geoms[is_point])
        missing |= is_point & np.isnan(x) & np.isnan(y)
    codes = np.zeros(geoms.shape, dtype=np.uint8)
    codes[missing] = NO_POINT_GEOMETRY
    codes[not_point] = NOT_A_POINT
    return x, y, codes


def geojson_seq(exc: Any) -> bool:
    """Whether a JSON text that :func:`json.loads` refused (``exc``, its JSONDecodeError) is newline-delimited GeoJSON
    (GeoJSONSeq): one Feature with more JSON after it, or a text beginning with RFC 8142's record separator, which
    no JSON does. A file job and the HTTP service say so, not "Extra data"."""
    text = exc.doc if exc.msg != "Extra data" else exc.doc[: exc.pos]
    if text.lstrip(" \t\r\n").startswith("\x1e"):  # (str.lstrip() would strip it: Python's whitespace)
        return True
    if exc.msg != "Extra data":
        return False
    import json

    try:
        first = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict) and first.get("type") == "Feature"


def empty_geojson_geometry(g: Any) -> bool:
    """Whether a GeoJSON geometry holds no position: ``"coordinates": []`` (or lists of only empty lists, as
    ``[[]]``) of a known type, or a GeometryCollection of none or only such members: what shapely reads as an
    EMPTY geometry. Such a row gets :data:`NO_POINT_GEOMETRY`, as the same geometry in WKB does
    (:func:`geometry_xy`), not :data:`NOT_A_POINT`.
    """
    if not isinstance(g, dict):
        return False
    if g.get("type") == "GeometryCollection":
        members = g.get("geometries")
        return isinstance(members, list) and all(empty_geojson_geometry(m) for m in members)

    def positionless(c: Any) -> bool:
        return isinstance(c, list) and all(positionless(x) for x in c)

    return g.get("type") in _GEOJSON_TYPES and positionless(g.get("coordinates"))


_GEOJSON_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})
#: GeoJSON objects a file or a body may hold alone instead of a FeatureCollection: a Feature or a geometry.
BARE_GEOJSON = frozenset({"Feature", "GeometryCollection", *_GEOJSON_TYPES})


def geojson_points(geoms: Sequence[Any], cell: Callable[[Any], Any] = lambda v: v) -> tuple[Any, Any, np.ndarray]:
    """``(x, y, codes)`` of GeoJSON geometries (a file's features' or a POSTed FeatureCollection's): a Point's
    first two coordinates as :func:`from_columns` reads cells (``cell`` made of each), None elsewhere, and each
    feature's code: :data:`OK`; :data:`GEOJSON_ONE_COORDINATE` for a Point of one coordinate;
    :data:`NO_POINT_GEOMETRY` for no geometry, a Point without coordinates or an empty geometry of any kind
    (:func:`empty_geojson_geometry`); :data:`NOT_A_POINT` for another geometry. One rule for ``avzone locate
    --input`` and ``POST /v1/locate``. A coordinate written as text (``["116.4", "39.9"]``, which RFC 7946 does
    not allow) is read as a CSV cell or a text of a ``[lon, lat]`` pair body is, by :func:`from_columns`: the
    number it spells, else a status saying why (``lon not a number``), as every entry point gives it.

    >>> x, y, codes = geojson_points([{"type": "Point", "coordinates": [116.5, 39.79]},
    ...     {"type": "Point", "coordinates": [116.5]}, {"type": "Point", "coordinates": ["116.5", "39.79"]}])
    >>> x.tolist(), [status_labels()[c] for c in codes.tolist()]
    ([116.5, None, '116.5'], ['ok', 'a GeoJSON Point with one coordinate: it needs two, [lon, lat]', 'ok'])
    """
    n = len(geoms)
    x = np.full(n, None, dtype=object)
    y = np.full(n, None, dtype=object)
    codes = np.zeros(n, dtype=np.uint8)
    for i, g in enumerate(geoms):
        kind = g.get("type") if isinstance(g, dict) else None
        c = g.get("coordinates") if isinstance(g, dict) else None
        if kind == "Point" and isinstance(c, list) and len(c) >= 2:
            x[i], y[i] = cell(c[0]), cell(c[1])
        elif kind == "Point" and isinstance(c, list) and len(c) == 1:
            codes[i] = GEOJSON_ONE_COORDINATE
        elif kind in (None, "Point") or empty_geojson_geometry(g):
            codes[i] = NO_POINT_GEOMETRY  # (an empty geometry of any kind, as geometry_xy says of WKB's)
        else:
            codes[i] = NOT_A_POINT
    return x, y, codes


def _frame_crs(frame_crs: Any, crs: Any) -> Any:
    """A GeoSeries' / GeoDataFrame's CRS, refusing a ``crs=`` that contradicts it.

    The rule of every entry point (:func:`avzone.crs.declared_or_given`),
    with the frame's ``.crs`` as the declared CRS; its override is
    geopandas' own: ``.set_crs(crs, allow_override=True)`` (or ``None``
    and ``crs=`` for GCJ-02 / BD-09, which geopandas cannot name).
    """

    def conflict() -> InputError:
        given, own = normalize_crs(crs), normalize_crs(frame_crs)
        if isinstance(own, str) and own != WGS84:  # a frame labelled GCJ-02 / BD-09: no to_crs leaves that label
            how = Message("frame_crs_how_shifted_frame", given=Option("crs", crs))
        elif isinstance(given, str) and given != WGS84:  # no to_crs reaches GCJ-02 / BD-09: a wrong label is cleared
            how = Message("frame_crs_how_shifted_given", given=Option("crs", crs))
        else:
            how = Message("frame_crs_how_to_crs")
        # (crs=, or the caller's name of it: the map's points_crs=)
        fields = {"given": Option("crs", crs), "option": Option("crs").name, "own": crs_label(own), "how": how}
        return InputError(Message("err_frame_crs_contradicts", **fields))

    used, _ = declared_or_given(frame_crs, crs, conflict=conflict)
    if used is None:
        return WGS84
    return frame_crs if frame_crs is not None else used


def refuse_attrs_crs(data: Any, crs: Any, *, map_points: bool = False, own: Any = None) -> None:
    """Refuse pandas data whose ``attrs["crs"]`` names a CRS other than WGS84 when no ``crs`` is given.

    :func:`avzone.fleet.synthetic_fleet` writes ``attrs["crs"]`` (``"gcj02"``), and pandas carries a frame's
    ``attrs`` to its columns, copies and slices. Read as WGS84 such coordinates lie hundreds of metres off, and
    read in the CRS ``attrs`` names after they were converted (``attrs`` stays as it was) they would be
    converted twice: neither is guessed, ``crs`` decides (any ``crs`` given is used as it is). ``map_points``:
    the map's ``points=`` (its ``crs`` named ``points_crs=``: :func:`avzone.i18n.option_renamed`). ``own``: a
    GeoSeries' / GeoDataFrame's own CRS, which ``attrs`` naming the same CRS does not contradict; one naming
    another CRS is refused as contradicting the frame's CRS (not as read as WGS84: the frame's is used), the
    error naming both and how to keep either.
    """
    if crs is not None:
        return
    attrs = getattr(data, "attrs", None)
    hinted = attrs.get("crs") if isinstance(attrs, dict) else None
    if hinted is None or is_wgs84(hinted):
        return
    if own is not None:
        try:
            if same_crs(own, hinted):
                return
        except CRSError:  # (attrs naming no CRS pyproj knows: refused below, as without a frame CRS)
            pass
    named = CRSName(str(hinted)) if isinstance(hinted, str) else hinted
    if own is not None:  # (a frame with a CRS of its own: not read as WGS84, and attrs contradicts that CRS)
        label = crs_label(own)
        fields = {"own": label, "own_hint": Option("crs", label), "hint": Option("crs", named)}
        raise InputError(
            Message("err_map_points_frame_attrs_crs" if map_points else "err_frame_attrs_crs", crs=named, **fields)
        )
    options = {"crs_option": Option("crs"), "hint": Option("crs", named), "wgs84": Option("crs", "EPSG:4326")}
    # (crs=, or the caller's name of it: tracks_crs=)
    raise InputError(Message("err_map_points_attrs_crs" if map_points else "err_attrs_crs", crs=named, **options))


def is_wgs84(crs: Any) -> bool:
    """Whether ``crs`` (as a frame's or a file's ``attrs`` name it) is WGS84 lon/lat; one that cannot be read is not."""
    try:
        return bool(normalize_crs(crs) == WGS84)
    except CRSError:
        return False


def geometry_frame(frame: Any) -> bool:
    """Whether ``frame`` is a GeoSeries, or a GeoDataFrame with an active geometry column (``gpd.GeoDataFrame(df)``
    has none: a DataFrame whose coordinates are columns)."""
    gpd = sys.modules.get("geopandas")  # (a GeoDataFrame implies geopandas is imported)
    if gpd is None or not isinstance(frame, (gpd.GeoSeries, gpd.GeoDataFrame)):
        return False
    try:
        frame.geometry  # noqa: B018 - (a GeoDataFrame may have no active geometry)
    except AttributeError:
        return False
    return True


def _is_absent(value: Any) -> bool:
    """Whether ``value`` is pandas' ``NA`` or ``NaT``, or numpy's ``NaT``: a missing value that is not None."""
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def _nan_missing(values: np.ndarray, null: np.ndarray | None) -> np.ndarray | None:
    """``null`` and the NaN numbers of ``values``: an in-memory coordinate that is a float NaN is a missing value, as
    numpy writes one and pandas reads one, in a list, an array, a Series or an Arrow array alike (the text ``"nan"``
    is not a NaN number: not finite, as in a file's cell)."""
    if values.dtype.kind == "f":
        nan = np.isnan(values)
    elif values.dtype.kind == "O" and values.size:
        flat = values.ravel().tolist()
        nan = np.fromiter((isinstance(v, (float, np.floating)) and v != v for v in flat), bool, len(flat))
        nan = nan.reshape(values.shape)
    else:
        return null
    if not nan.any():
        return null
    return nan.ravel() if null is None else np.asarray(null, dtype=bool).ravel() | nan.ravel()


def _values(v: Any) -> tuple[np.ndarray, np.ndarray | None, pd.Index | None]:
    """Raw values, null mask and pandas index of one coordinate input."""
    pandas = sys.modules.get("pandas")  # a Series implies pandas is imported: no import for plain input
    if pandas is not None and isinstance(v, pandas.Series):
        if v.dtype == object:  # (a signalling-NaN Decimal stops pandas' test for missing values)
            cells = _quiet_decimal_nans(v.to_numpy(dtype=object))
            return cells, np.asarray(pandas.isna(cells), dtype=bool), v.index
        null = v.isna().to_numpy(dtype=bool)
        if v.dtype.kind in "fiu":  # numpy and nullable (Int64, Float64) numbers
            return v.to_numpy(dtype=float, na_value=np.nan), null, v.index
        return v.to_numpy(dtype=object), null, v.index
    if isinstance(v, np.ma.MaskedArray):
        return np.asarray(v.data), np.ma.getmaskarray(v), None
    pa = sys.modules.get("pyarrow")  # an Arrow array implies pyarrow is imported
    if pa is not None and isinstance(v, (pa.Array, pa.ChunkedArray)):  # its nulls are missing values, not NaN
        null = np.asarray(v.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        return np.asarray(v.to_numpy(zero_copy_only=False)), null, None
    arr = np.asarray(v)
    if arr.dtype.kind not in "fiub":
        arr = np.asarray(v, dtype=object)
    elif arr.dtype.kind in "fiu" and not isinstance(v, np.ndarray) and arr.size:
        # a list mixing booleans and numbers: numpy would turn True into 1.0; booleans are not coordinates
        obj = np.asarray(v, dtype=object)
        if any(isinstance(e, _BOOLS) for e in obj.ravel().tolist()):
            arr = obj
    return arr, None, None


def _number_type(values: Any) -> Any:
    """The numpy dtype or Arrow type of ``values`` (a numpy array, a pandas Series, an Arrow array, or the dtype or
    Arrow type of one): pandas' ArrowDtype as its Arrow type, its nullable Float32 as numpy's float32."""
    pa = sys.modules.get("pyarrow")  # (an Arrow array or type implies pyarrow is imported)
    if pa is not None and isinstance(values, (pa.Array, pa.ChunkedArray)):
        t = values.type
    elif isinstance(values, np.dtype) or hasattr(values, "pyarrow_dtype") or (pa and isinstance(values, pa.DataType)):
        t = values
    else:
        t = getattr(values, "dtype", None)
    t = getattr(t, "pyarrow_dtype", t)  # (pandas' ArrowDtype)
    if not isinstance(t, np.dtype) and isinstance(getattr(t, "numpy_dtype", None), np.dtype):
        t = t.numpy_dtype  # (pandas' nullable Float32)
    return t


def half_float(values: Any) -> bool:
    """Whether ``values`` (a numpy array, a pandas Series, an Arrow array, or the dtype or Arrow type of one) holds
    float16 numbers."""
    t = _number_type(values)
    if isinstance(t, np.dtype):
        return t == np.float16
    pa = sys.modules.get("pyarrow")
    return pa is not None and isinstance(t, pa.DataType) and pa.types.is_float16(t)


def single_float(values: Any) -> bool:
    """Whether ``values`` (as for :func:`half_float`) holds float32 numbers: numpy's, pandas' (``float32``,
    ``Float32``, ``float32[pyarrow]``) or Arrow's (a Parquet file's FLOAT column)."""
    t = _number_type(values)
    if isinstance(t, np.dtype):
        return t == np.float32
    pa = sys.modules.get("pyarrow")
    return pa is not None and isinstance(t, pa.DataType) and pa.types.is_float32(t)


#: WGS84's semi-major axis (m) and first eccentricity squared: metres in a degree at a latitude.
_WGS84_A = 6378137.0
_WGS84_E2 = 0.00669437999014


def _step_metres(magnitude: tuple[float, ...], narrow: tuple[bool, bool], unit: float | None) -> float:
    """The largest step (in metres) between float32 numbers of the ``narrow`` axes at ``magnitude`` (the largest
    |x| and |y|, and the smallest |y|: :func:`numpy.spacing` at the largest): in degrees (``unit`` None) east-west
    at the smallest latitude |y| (where a degree of longitude is longest) and north-south along the WGS84
    meridian at the largest, else in the CRS's units, ``unit`` metres each."""
    steps = [float(np.spacing(np.float32(m))) if n else 0.0 for m, n in zip(magnitude[:2], narrow)]
    if unit is not None:
        return max(steps) * unit

    def radii(lat: float) -> tuple[float, float]:  # (N cos phi, M): metres per radian east and north
        phi = math.radians(min(lat, 90.0))
        w = math.sqrt(1.0 - _WGS84_E2 * math.sin(phi) ** 2)
        return _WGS84_A / w * math.cos(phi), _WGS84_A * (1.0 - _WGS84_E2) / w**3

    east = steps[0] * math.radians(1.0) * radii(magnitude[2])[0]
    north = steps[1] * math.radians(1.0) * radii(magnitude[1])[1]
    return max(east, north)


def _metres_text(metres: float) -> str:
    """A step in metres to two significant digits, written without an exponent: ``0.65``, ``1``, ``0.000061``."""
    return str(np.format_float_positional(float(f"{metres:.2g}"), trim="-"))


@dataclass(frozen=True)
class Float32Reading:
    """What the note on float32 coordinates (:class:`Float32Note`) is made of, kept beside its text, never in its
    :attr:`~avzone.i18n.Message.fields` (which hold only what the text shows): the coordinates' ``names``, which of
    them are ``narrow`` (float32), the located points' largest |x| and |y| and smallest |y| (``magnitude``) and the
    metres in one of the CRS's units (``unit``; None for degrees): what a file's chunks' notes are merged by
    (:func:`merged_notes`)."""

    names: tuple[str, str]
    narrow: tuple[bool, bool]
    magnitude: tuple[float, float, float]
    unit: float | None

    def merged(self, other: Float32Reading) -> Float32Reading:
        """This reading and ``other`` (another chunk's) as one: as the whole file read at once would have it."""
        a, b = self.magnitude, other.magnitude
        narrow = (self.narrow[0] or other.narrow[0], self.narrow[1] or other.narrow[1])
        return Float32Reading(self.names, narrow, (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2])), self.unit)


class Float32Note(Message):
    """The note on coordinates held as float32 numbers (:func:`float32_note`): the message ``note_float32``, whose
    fields are the ones its text shows (``columns``, ``step``); the :class:`Float32Reading` it is made of is its
    :attr:`reading`, so that a file's chunks' notes make one (:func:`merged_notes`) and nothing else of it is
    written anywhere (a pickled note is made again from its reading)."""

    reading: Float32Reading

    def __new__(cls, reading: Float32Reading) -> Float32Note:
        columns = Joined([Quoted.of(n) for n, single in zip(reading.names, reading.narrow) if single], "comma")
        step = _metres_text(_step_metres(reading.magnitude, reading.narrow, reading.unit))
        self = cast("Float32Note", super().__new__(cls, "note_float32", columns=columns, step=step))
        self.reading = reading
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # (made again from its reading: Message pickles key and fields)
        return Float32Note, (self.reading,)


def _metres_per_unit(crs_norm: Any) -> float | None:
    """None for a CRS in degrees (:func:`is_geographic`), else the metres in one of its units (1 for
    ``gcj02merc``; a projected pyproj CRS's first axis' unit)."""
    if is_geographic(crs_norm):
        return None
    axes = getattr(crs_norm, "axis_info", None) or []
    factor = getattr(axes[0], "unit_conversion_factor", None) if axes else None
    return float(factor) if isinstance(factor, (int, float)) and factor > 0 else 1.0


def float32_note(points: Points, lons: Any, lats: Any) -> Float32Note | None:
    """The note for ``points`` read from coordinates ``lons``/``lats`` (the values as given: arrays, Series, Arrow
    columns) of which one or both hold float32 numbers (:func:`single_float`); None for others, or when no point
    is usable.

    A float32 keeps about 7 significant digits: at Beijing's 116° of longitude its step is 7.6e-6° (about
    0.65 m), a projected CRS's 4,400,000 m northings step by 0.5 m. A point given so is answered for that
    value, which may lie across a zone's edge from the position it was rounded from (the source's float64, or the
    text of a log), with nothing to show it. The note says how large the step is at the usable points' largest
    |x| and |y| (:func:`numpy.spacing`; in metres: for degrees at that latitude, for a projected CRS in its
    units) and that answers within that distance of an edge are for the rounded positions. The answers are
    not changed: they are right for the values given. Points marked later (swapped, (0, 0), degrees with a
    projected CRS: :meth:`Points.mark`) leave the note, which then describes the points still usable
    (:func:`located_float32_note`): the ones located.
    """
    narrow = (single_float(lons), single_float(lats))
    if not any(narrow):
        return None
    return float32_note_of(
        (points.names[0], points.names[1]), narrow, points.x, points.y, points.codes == OK, points.crs
    )


def float32_note_of(
    names: tuple[str, str], narrow: tuple[bool, bool], x: Any, y: Any, ok: Any, crs_norm: Any
) -> Float32Note | None:
    """The note on float32 coordinates (:func:`float32_note`) of the located points (``ok``) of the coordinates
    ``x``/``y`` as given in ``crs_norm`` (normalized), named ``names``, of which the ``narrow`` ones are float32;
    None when no point is located: the one computation of every engine's note."""
    ok = np.asarray(ok, dtype=bool).ravel()
    if not ok.any():
        return None
    x, y = np.asarray(x, dtype=np.float64).ravel(), np.asarray(y, dtype=np.float64).ravel()
    if not ok.all():
        x, y = x[ok], y[ok]
    ay = np.abs(y)
    magnitude = (float(np.max(np.abs(x))), float(np.max(ay)), float(np.min(ay)))
    return Float32Note(Float32Reading(names, narrow, magnitude, _metres_per_unit(crs_norm)))


def located_float32_note(points: Points) -> None:
    """Make ``points``' note on float32 coordinates (:class:`Float32Note`, if they have one) describe the points
    still usable (status ``ok``): after some were marked (:meth:`Points.mark`), or dropped when none is."""
    at = next((k for k, n in enumerate(points.notes) if isinstance(n, Float32Note)), None)
    if at is None:
        return
    had = points.notes[at].reading
    note = float32_note_of(had.names, had.narrow, points.x, points.y, points.codes == OK, points.crs)
    points.notes = (*points.notes[:at], *([] if note is None else [note]), *points.notes[at + 1 :])


def with_float32_note(points: Points, lons: Any, lats: Any) -> Points:
    """``points`` with :func:`float32_note`'s note after their notes, when there is one."""
    note = float32_note(points, lons, lats)
    if note is not None:
        points.notes = (*points.notes, note)
    return points


def merged_notes(notes: Iterable[Any]) -> list[Any]:
    """``notes`` in order, each once, the notes on float32 coordinates (:class:`Float32Note`) of a file's chunks
    made one, at the first one's place: for the largest |x| and |y| and the smallest |y| of them all, as the whole
    file read at once would have it.

    >>> a = Float32Note(Float32Reading(("lon", "lat"), (True, True), (116.2, 39.9, 39.5), None))
    >>> b = Float32Note(Float32Reading(("lon", "lat"), (True, True), (130.0, 39.0, 39.0), None))
    >>> merged = Float32Note(Float32Reading(("lon", "lat"), (True, True), (130.0, 39.9, 39.0), None))
    >>> merged_notes(["x", a, b, "x"]) == ["x", merged]
    True
    """
    out: list[Any] = []
    at: int | None = None
    for note in notes:
        if isinstance(note, Float32Note):
            if at is None:
                at = len(out)
                out.append(note)
            else:
                out[at] = Float32Note(out[at].reading.merged(note.reading))
        elif note not in out:
            out.append(note)
    return out


def refuse_half_floats(columns: Iterable[tuple[Any, str]]) -> None:
    """Refuse coordinates held as float16 numbers (``(values, name)`` pairs), naming the first such column.

    A float16 keeps 3 to 4 significant digits: near Beijing its steps are
    0.0625° of longitude (about 5 km) and 0.03125° of latitude, so every
    answer would be one for a point kilometres from the one meant, with
    nothing to show it (memory-saving recipes that downcast every float
    column that fits make such columns). Converting the values back to
    float64 cannot restore them: the error says to read them from their source.
    """
    for values, name in columns:
        if half_float(values):
            raise InputError(Message("err_coordinates_half_float", column=name))


def input_attrs(*inputs: Any) -> dict[Any, Any]:
    """The ``attrs`` of the pandas objects among ``inputs`` (a DataFrame, Series, GeoDataFrame or GeoSeries), the
    first one's value of a key both have; the others have none. Not copied (:func:`with_input_attrs` copies them)."""
    merged: dict[Any, Any] = {}
    for value in inputs:
        attrs = getattr(value, "attrs", None) if _tables.kind_of(value) is None else None
        if isinstance(attrs, dict):
            for key, item in attrs.items():
                merged.setdefault(key, item)
    return merged


def with_input_attrs(given: Mapping[Any, Any], notes: Any, *, wgs84: bool = False) -> dict[Any, Any]:
    """An answer's ``attrs``: a deep copy of the input's ``given`` (as pandas passes them on: the input is never
    changed through them) and avzone's ``notes`` under ``"notes"``; where the input has a list (or tuple) of notes
    of its own, a list of its notes then avzone's (those it does not hold already: a frame classified again), and
    where it has another value under ``"notes"``, that value kept and avzone's notes under ``"avzone_notes"``.
    ``wgs84``: for the answers of :func:`avzone.events.events` and :func:`avzone.maps.split_tracks`, whose
    coordinates are WGS84: the input's ``attrs["crs"]`` (the CRS of its coordinates, ``synthetic_fleet``'s) is
    not theirs, and is left out, so that it is never read as the CRS of theirs.

    >>> with_input_attrs({"source": "log"}, ["a note"])
    {'source': 'log', 'notes': ['a note']}
    >>> with_input_attrs({"notes": ["mine"]}, ["a note"]), with_input_attrs({"notes": "mine"}, ["a note"])
    ({'notes': ['mine', 'a note']}, {'notes': 'mine', 'avzone_notes': ['a note']})
    """
    import copy

    attrs = copy.deepcopy({k: v for k, v in given.items() if not (wgs84 and k == "crs")})
    if not notes:
        return attrs
    own = attrs.get("notes")
    if own is None and "notes" not in attrs:
        attrs["notes"] = list(notes)
    elif isinstance(own, (list, tuple)):
        attrs["notes"] = [*own, *(n for n in notes if n not in own)]
    else:
        attrs["avzone_notes"] = list(notes)
    return attrs


def refuse_geometry_column(frame: Any) -> None:
    """Refuse a plain pandas DataFrame (not a GeoDataFrame) without lon and lat columns, one of whose columns holds
    shapely geometries: it says no CRS, which is never guessed; the refusal says to make it a GeoDataFrame in the
    points' CRS, ``geopandas.GeoDataFrame(df, geometry="geometry", crs=...)``, naming the column (one named
    ``geometry`` first); a column of geopandas' geometry type that carries a CRS (``pd.DataFrame(gdf)``'s) is named
    with it, and the GeoDataFrame made of it keeps it. Only each column's type and, for an object column, its
    first value that is not None are looked at. Any other frame passes."""
    pd_ = sys.modules.get("pandas")  # (a DataFrame implies pandas is imported)
    if pd_ is None or not isinstance(frame, pd_.DataFrame) or geometry_frame(frame):
        return
    names = [c for c in frame.columns if isinstance(c, str)]
    if any(header_key(c) in LON_NAMES or header_key(c) in LAT_NAMES for c in names):
        return  # (a coordinate column: read, or refused as such)
    for name in sorted(dict.fromkeys(frame.columns), key=lambda c: c != "geometry"):
        column = frame[name]
        if isinstance(column, pd_.DataFrame):  # (a name the frame has twice)
            continue
        geometry_type = type(column.dtype).__name__ == "GeometryDtype"  # (geopandas' own: no import needed)
        if not geometry_type and not (column.dtype == object and _holds_geometries(column)):
            continue
        own = getattr(column.array, "crs", None) if geometry_type else None
        if own is not None:
            crs_name = crs_label(normalize_crs(own))
            raise InputError(Message("err_frame_geometry_column_crs", column=Quoted.of(name), crs=crs_name))
        raise InputError(Message("err_frame_geometry_column", column=Quoted.of(name)))


def frame_columns(lons: Any, lats: Any, crs: Any, *, call: str) -> tuple[Any, Any, str | None, tuple[str, str]] | None:
    """A plain DataFrame given alone to :func:`avzone.locate.classify`, :func:`avzone.locate.locate_many` or
    :func:`to_points`: its lon and lat columns, found by the rule of every entry point
    (:func:`avzone.columns.find_coordinate_column`: ``lon``, ``lng``, ``经度``, ``纬度(GCJ02)``... in any case; none
    or two such columns, or a name the frame has twice, is an InputError that says how to give them:
    ``<call>(df[lon_column], df[lat_column])``, ``call`` a bare name meaning ``model.<call>``), and the note when
    their names say GCJ-02 / BD-09 and ``crs`` does not (:func:`avzone.columns.crs_note`), and the two names (what the
    statuses call the coordinates, as a file job's name its columns: an Arrow column's values carry no name); None for
    any other input
    (a GeoDataFrame is read by its geometry, when it has an active one). A polars DataFrame or a pyarrow Table or
    RecordBatch is read by the same rule, its columns as Arrow arrays, which must hold numbers
    (:func:`table_column`: a column of text is refused naming its rows that are no number and how to write them)."""
    pd = sys.modules.get("pandas")
    table = lats is None and _tables.is_table(lons)  # (a polars DataFrame, a pyarrow Table: its Arrow columns)
    if not table and (lats is not None or pd is None or not isinstance(lons, pd.DataFrame)):
        return None
    if geometry_frame(lons):  # (a GeoDataFrame without an active geometry column: its columns, as a DataFrame's)
        return None
    frame = _tables.arrow_table(lons) if table else lons
    names = list(frame.column_names if table else lons.columns)
    refuse_geometry_column(lons)  # (shapely geometries in a plain DataFrame: no CRS, never guessed)
    how = f"{call if '.' in call else f'model.{call}'}(df[lon_column], df[lat_column])"
    lon = find_coordinate_column(names, "lon", None, option=how)
    lat = find_coordinate_column(names, "lat", None, option=how)
    for name in (lon, lat):
        if (count := names.count(name)) > 1:  # (df[name] would be a frame of them)
            raise InputError(Message("err_named_twice", count=count, column=name, option=how))
    if table:  # (typed columns: numbers, else refused naming the column, and a column of text its rows)
        kind = _tables.kind_of(lons) or _tables.ARROW
        return (table_column(frame, lon, kind), table_column(frame, lat, kind), crs_note(lon, lat, crs), (lon, lat))
    return lons[lon], lons[lat], crs_note(lon, lat, crs), (lon, lat)


@_names_own_crs("crs")
def to_points(lons: Any, lats: Any = None, crs: Any = None) -> Points:
    """Any supported coordinate input to :class:`Points` (see the module docstring): a whole input
    (:attr:`Points.whole`: the locator judges it as one, as it judges arrays given to it).

    Parameters
    ----------
    lons, lats : array-like or pandas Series; or ``lons`` alone: a GeoSeries, GeoDataFrame or shapely Point, or a
        DataFrame of lon and lat columns
        Coordinates in ``crs`` (x and y for a projected CRS), same length and shape; read by
        :func:`in_order` (a one-column DataFrame as its column, an iterator as its values). A DataFrame alone
        (or a GeoDataFrame without an active geometry column) is read by its lon and lat columns, found by name
        by the rule ``model.classify(df)`` and the file jobs use (:func:`frame_columns`: ``lon``/``lng``/
        ``longitude``/``经度``..., ``lat``/``latitude``/``纬度``..., in any case), its index kept; to use other
        columns, give them: ``to_points(df["x1"], df["y1"])``.
    crs : str or pyproj.CRS, optional
        The input's CRS (see :func:`avzone.crs.normalize_crs`). Default: a
        GeoSeries' or GeoDataFrame's own CRS, else WGS84. A ``crs`` that
        contradicts the frame's is refused.

    Raises
    ------
    InputError
        For coordinates held as float16 numbers (:func:`refuse_half_floats`), for lengths or shapes that differ,
        Series with different indexes, a
        contradicting ``crs``, ``lats`` beside a GeoSeries, GeoDataFrame or
        shapely geometry (or one value beside a DataFrame: a CRS in
        ``lats``' place), a CRS in ``lats``' place beside longitudes (a
        Series, array, list or number: ``crs=`` names it), a frame's ``attrs["crs"]`` naming another CRS
        than WGS84 while ``crs`` is not given, a set or a mapping, a DataFrame of several columns beside
        ``lats``, a DataFrame alone whose lon or lat column cannot be told by name (none, or several such
        columns: the error lists them and says how to give them), or an unsupported input type.

    A DataFrame alone whose lon/lat columns are named as GCJ-02 or BD-09 coordinates (``gcj_lon``, ``bd_lat``)
    while ``crs`` is not given, or names another CRS, is read in ``crs`` (WGS84 by default) with the note
    ``model.classify(df)`` gives in its frame's ``attrs["notes"]``, in the points' :attr:`Points.notes`.
    CRSError
        For an unknown ``crs``.

    Examples
    --------
    >>> p = to_points([116.5, "x", None], [39.79, 39.8, 39.9])
    >>> p.status_text().tolist(), p.whole
    (['ok', 'lon not a number', 'missing lon'], True)
    """
    points = _read_points(lons, lats, crs)
    points.whole = True
    return points


def _read_points(lons: Any, lats: Any, crs: Any) -> Points:
    """:func:`to_points`' reading."""
    if lats is None:
        named = frame_columns(lons, lats, crs, call="avzone.points.to_points")
        if named is not None:  # a plain DataFrame alone: its lon and lat columns, found as model.classify finds them
            lons, lats, note, names = named
            found = to_points(lons, lats, crs)
            found.names = names  # (an Arrow column's values carry no name: the statuses name the columns)
            if note is not None:  # (their names say GCJ-02 / BD-09, crs does not: noted as classify notes it)
                found.notes = (note, *found.notes)
            return found
        if isinstance(lons, shapely.Geometry):
            geoms = np.array([lons], dtype=object)
            return _from_geometries(geoms, WGS84 if crs is None else crs, None)
        gpd = sys.modules.get("geopandas")  # a GeoSeries implies geopandas is imported
        if gpd is not None and isinstance(lons, gpd.GeoDataFrame) and not geometry_frame(lons):
            raise InputError(Message("err_frame_no_geometry"))
        if gpd is not None and isinstance(lons, (gpd.GeoSeries, gpd.GeoDataFrame)):
            gs = lons.geometry
            refuse_attrs_crs(lons, crs, own=gs.crs)  # (a frame made from synthetic_fleet(gcj02=True) keeps its attrs)
            read = _from_geometries(np.asarray(gs.array, dtype=object), _frame_crs(gs.crs, crs), lons.index)
            if gs.crs is None and crs is None:  # (geopandas' unknown CRS, not a default: taken as WGS84, said)
                read.notes = (Message("note_frame_no_crs", kind=type(lons).__name__),)
            return read
        if (pairs := _pair_count(lons)) is not None:  # (an (n, 2) array or a list of pairs: its columns, said how)
            raise InputError(Message("err_lons_alone_pairs", kind=type(lons).__name__, n=pairs))
        raise InputError(
            Message(
                "err_lons_alone_geometries" if _holds_geometries(lons) else "err_lons_alone", kind=type(lons).__name__
            )
        )
    _refuse_lats_beside_points(lons, lats)
    lons, lats = in_order(lons, "lons"), in_order(lats, "lats")
    names = column_names(lons, lats)  # (a DataFrame's columns named in the statuses, as in a file job's)
    pd_ = sys.modules.get("pandas")  # (a Series implies pandas is imported)
    series = pd_ is not None and isinstance(lons, pd_.Series) and isinstance(lats, pd_.Series)
    called = names if series and names == (lons.name, lats.name) else ("lons", "lats")  # (the refusal's words)
    refuse_half_floats(zip((lons, lats), called))
    refuse_attrs_crs(lons, crs)
    refuse_attrs_crs(lats, crs)
    if type(lons) is np.ndarray and type(lats) is np.ndarray and lons.shape == lats.shape:  # the common case
        fast = _all_good(lons, lats, normalize_crs(WGS84 if crs is None else crs))
        if fast is not None:
            x, y, lon, lat = fast
            found = Points(lon, lat, x, y, np.zeros(x.shape, dtype=np.uint8), normalize_crs(crs or WGS84), None)
            return with_float32_note(found, lons, lats)  # (float32 numbers: the step they keep, noted)
    xv, xn, xi = _values(lons)
    yv, yn, yi = _values(lats)
    refuse_half_floats(zip((xv, yv), called))  # (a list of numpy float16 numbers is such an array)
    xn, yn = _nan_missing(xv, xn), _nan_missing(yv, yn)
    if xv.size != yv.size:
        raise InputError(Message("err_lons_lats_length", x=xv.size, y=yv.size))
    if xv.shape != yv.shape and max(xv.ndim, yv.ndim) > 1:
        raise InputError(Message("err_lons_lats_shape", x=str(xv.shape), y=str(yv.shape)))
    if xi is not None and yi is not None and not xi.equals(yi):
        raise InputError(
            Message("err_lons_lats_index", difference=index_difference(xi, yi, "index_lons", "index_lats"))
        )
    index = xi if xi is not None else yi
    found = from_columns(xv, yv, WGS84 if crs is None else crs, x_null=xn, y_null=yn, index=index, names=names)
    # (float32 numbers, as given or as the values of a list of them: the step they keep, noted)
    return with_float32_note(found, lons if single_float(lons) else xv, lats if single_float(lats) else yv)


def _pair_count(values: Any) -> int | None:
    """How many (x, y) pairs ``values`` holds when it is a numpy array of shape (n, 2) or a list or tuple of
    pairs of numbers (n > 0), else None.

    >>> _pair_count([(116.5, 39.79)]), _pair_count(np.zeros((3, 2))), _pair_count([1.0, 2.0]), _pair_count([])
    (1, 3, None, None)
    """
    if isinstance(values, np.ndarray):
        return int(values.shape[0]) if values.ndim == 2 and values.shape[1] == 2 and values.shape[0] > 0 else None
    if not isinstance(values, (list, tuple)) or not values:
        return None
    for item in values:
        if not (isinstance(item, (list, tuple)) and len(item) == 2):
            return None
        if not all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in item):
            return None
    return len(values)


def _holds_geometries(values: Any) -> bool:
    """Whether ``values`` (a pandas Series, a numpy array or a list given alone) hold shapely geometries: its first
    value that is not None is one."""
    pd_ = sys.modules.get("pandas")  # (a Series implies pandas is imported)
    if not isinstance(values, (list, tuple, np.ndarray)) and not (pd_ is not None and isinstance(values, pd_.Series)):
        return False
    first = next((v for v in itertools.islice(iter(values), 1000) if v is not None), None)
    return isinstance(first, shapely.Geometry)


def in_order(values: Any, name: str) -> Any:
    """``values`` as one sequence in order, for the coordinates and times the API pairs by position.

    An iterator (a generator, ``map``, ``zip``) is the list of its values,
    as pandas reads one (numpy made it one object: one row that is no
    number); a one-column DataFrame (``df[["lon"]]``) is its column, a
    Series whose index is kept and checked as any Series' (the array of its
    values lost the index). A set or a mapping (no sequence of values in
    order) and a DataFrame of several columns are refused naming ``name``
    (``lons``, ``lats``, ``times``); a polars Series is its Arrow array (no copy:
    its nulls read as an Arrow array's), and coordinates in an Arrow array of
    numbers a numpy array (:func:`avzone._tables.numbers`); anything else is
    returned as it is.
    """
    if isinstance(values, Iterator):
        return list(values)
    if _tables.kind_of(values) is not None and not _tables.is_table(values):  # (a polars Series: its Arrow array;
        column = _tables.arrow_column(values)  # coordinates that are Arrow numbers: numpy's, _tables.numbers)
        return column if name == "times" else _tables.numbers(column)
    if isinstance(values, (AbstractSet, Mapping, ValuesView)):
        raise InputError(Message("err_not_in_order", name=name, kind=type(values).__name__))
    pandas = sys.modules.get("pandas")  # (a DataFrame implies pandas is imported)
    if pandas is not None and isinstance(values, pandas.DataFrame) and not geometry_frame(values):
        if values.shape[1] == 1:
            return values.iloc[:, 0]
        columns = Joined([Quoted.of(str(c)) for c in values.columns], "comma")
        n = values.shape[1]
        raise InputError(
            Message(
                "err_frame_as_times" if name == "times" else "err_frame_as_coordinates", name=name, n=n, columns=columns
            )
        )
    return values


def _refuse_lats_beside_points(lons: Any, lats: Any) -> None:
    """Refuse ``lats`` beside points that hold both coordinates: a shapely geometry, a GeoSeries or a GeoDataFrame,
    or a DataFrame beside one value (``classify(gdf, "gcj02")``: a CRS given in ``lats``' place, which read
    the points as not numbers, or a one-point GeoSeries' coordinates as the text of the CRS); and a CRS in
    ``lats``' place beside longitudes (a Series, an array, a list or one number: ``classify(df.lon, "gcj02")``,
    whose one point's lat was no number, a row status naming no CRS)."""
    pandas = sys.modules.get("pandas")
    table = _tables.is_table(lons) or (pandas is not None and isinstance(lons, pandas.DataFrame))  # (a polars one too)
    frame = table and np.ndim(lats) == 0
    if isinstance(lons, shapely.Geometry) or geometry_frame(lons) or frame:
        raise InputError(Message("err_lats_beside_points", kind=type(lons).__name__, lats=repr(lats)))
    named = _crs_in_lats(lats)
    if named is not None:  # (classify(df.lon, "gcj02"): a lat that is no number, a row status naming no CRS)
        kind = type(lons).__name__
        shown = Quoted.of(lats) if isinstance(lats, str) else named  # (a pyproj CRS by its name, not its repr)
        raise InputError(Message("err_crs_as_lats", kind=kind, lats=shown, crs=Option("crs", named)))


def _crs_in_lats(lats: Any) -> CRSName | None:
    """The CRS ``lats`` names when it is one CRS rather than latitudes (a text naming a CRS, that is no number's
    text, or a pyproj CRS), or None."""
    pyproj_crs = type(lats).__module__.startswith("pyproj") and hasattr(lats, "to_epsg")
    if not pyproj_crs and not (isinstance(lats, str) and number_text(lats) is None):
        return None
    try:
        norm = normalize_crs(lats)
    except CRSError:
        return None
    return CRSName(lats) if isinstance(lats, str) else crs_label(norm)


def index_difference(a: pd.Index, b: pd.Index, first: str, second: str) -> Message:
    """Where two indexes of the same length first differ, for the error that refuses them: the row (0-based) and
    each one's label, ``first`` and ``second`` the catalogue keys naming the inputs they are the index of.

    >>> import pandas as pd
    >>> print(index_difference(pd.Index([1, 2, 3]), pd.Index([1, 5, 3]), "index_lons", "index_lats"))
    at row 1: 2 in the index of lons, 5 in that of lats
    """
    names = {"first": Message(first), "second": Message(second)}
    rows: Any = range(min(len(a), len(b)))
    try:  # (the rows whose labels numpy finds unequal, NaN beside NaN too, rather than every row in Python)
        unequal = np.asarray(a.to_numpy() != b.to_numpy(), dtype=bool)
        if unequal.shape == (len(rows),):
            rows = np.flatnonzero(unequal).tolist()
    except (TypeError, ValueError):
        pass
    row = next((i for i in rows if not _same_label(a[i], b[i])), None)
    if row is None:  # (the same labels, of other types: 1 and 1.0 are one label, True and 1 are not)
        return Message("index_dtypes", a=str(a.dtype), b=str(b.dtype), **names)
    label_a, label_b = (v.item() if isinstance(v, np.generic) else v for v in (a[row], b[row]))
    return Message("index_difference", row=row, a=label_a, b=label_b, **names)


def _same_label(a: Any, b: Any) -> bool:
    """Whether two index labels are one (NaN and NaT as pandas aligns them: missing labels match)."""
    if a is b:
        return True
    try:
        if bool(a == b):
            return isinstance(a, (bool, np.bool_)) == isinstance(b, (bool, np.bool_))  # (True == 1, two labels)
    except (TypeError, ValueError):  # (labels numpy cannot compare)
        return False

    def missing(v: Any) -> bool:
        return (isinstance(v, float) and math.isnan(v)) or _is_absent(v)

    return missing(a) and missing(b)


def _from_geometries(geoms: np.ndarray, crs: Any, index: pd.Index | None) -> Points:
    x, y, codes = geometry_xy(geoms)
    null = codes != OK
    return from_columns(x, y, crs, x_null=null, y_null=null, point_codes=codes, index=index)


# -- swapped lon/lat -------------------------------------------------------------
def in_bounds(lon: np.ndarray, lat: np.ndarray, bounds: tuple[float, float, float, float]) -> np.ndarray:
    """Mask of WGS84 points within ``(west, south, east, north)``."""
    w, s, e, n = bounds
    return (lon >= w) & (lon <= e) & (lat >= s) & (lat <= n)


def swapped_mask(points: Points, bounds: tuple[float, float, float, float] | None) -> tuple[np.ndarray, np.ndarray]:
    """Which points fall in ``bounds`` as given, and which only with lon and lat exchanged.

    The one test of swapped order: one point, a batch and a whole file all
    use it (a file refuses itself when most of its points are swapped).
    Only points outside the bounds as given are converted again (swapped).
    """
    n = len(points)
    if not bounds or n == 0:
        return np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
    if n == 1:  # one point: Python floats are several times faster than one-element arrays
        w, s, e, nb = bounds
        lon, lat = float(points.lon[0]), float(points.lat[0])
        given = np.array([w <= lon <= e and s <= lat <= nb])
    else:
        given = in_bounds(points.lon, points.lat, bounds)
    swapped = np.zeros(n, dtype=bool)
    if given.all():
        return given, swapped
    candidates = ~given & np.isfinite(points.x) & np.isfinite(points.y)
    if is_geographic(points.crs):
        candidates &= (np.abs(points.y) <= 180) & (np.abs(points.x) <= 90)
    if candidates.any():
        sx, sy = points.y[candidates], points.x[candidates]
        slon, slat = convert(sx, sy, np.ones(sx.size, dtype=bool), points.crs)
        swapped[candidates] = in_bounds(slon, slat, bounds)
    return given, swapped


def degrees_mask(points: Points, bounds: tuple[float, float, float, float] | None, given: np.ndarray) -> np.ndarray:
    """Which points of a projected CRS fall in ``bounds`` only when their numbers are read as WGS84 lon/lat.

    In either order: (lat, lon) degrees with a projected CRS are as far from
    their place as (lon, lat) ones. ``given``: which fall in ``bounds`` as
    given (:func:`swapped_mask`). Such a point is not where it says
    (degrees with an easting/northing CRS: ``crs="EPSG:3857"`` given for
    lon/lat puts Beijing's points beside (0, 0)); its status says so
    instead of a silent "in no zone".
    """
    n = len(points)
    out = np.zeros(n, dtype=bool)
    if not bounds or n == 0 or given.all() or is_geographic(points.crs):
        return out
    candidates = ~given & np.isfinite(points.x) & np.isfinite(points.y)
    if candidates.any():
        x, y = points.x[candidates], points.y[candidates]
        out[candidates] = in_bounds(x, y, bounds) | in_bounds(y, x, bounds)
    return out


def signs_dropped_mask(
    points: Points, bounds: tuple[float, float, float, float] | None, done: np.ndarray
) -> np.ndarray:
    """Which points of a lon/lat CRS with a negative coordinate fall in ``bounds`` only with their minus signs dropped.

    East longitudes and north latitudes are positive: a minus sign written
    for E/W or N/S (a hemisphere flag read the wrong way round, as a vehicle
    terminal's status bits can be) puts Beijing's points in the Pacific, the
    Americas or the southern hemisphere, valid places "in no zone". Only for
    a dataset whose area has no negative lon or lat (else a minus sign may be
    its own). ``done``: the points already found in ``bounds`` some way.
    """
    n = len(points)
    out = np.zeros(n, dtype=bool)
    if not bounds or n == 0 or done.all() or not is_geographic(points.crs) or min(bounds[0], bounds[1]) < 0:
        return out
    x, y = np.asarray(points.x, dtype=float), np.asarray(points.y, dtype=float)
    with np.errstate(invalid="ignore"):
        candidates = ~done & ((x < 0) | (y < 0)) & (np.abs(x) <= 180) & (np.abs(y) <= 90)
    if candidates.any():
        ax, ay = np.abs(x[candidates]), np.abs(y[candidates])
        lon, lat = convert(ax, ay, np.ones(ax.size, dtype=bool), points.crs)
        out[candidates] = in_bounds(lon, lat, bounds)
    return out


def radians_mask(points: Points, bounds: tuple[float, float, float, float] | None, done: np.ndarray) -> np.ndarray:
    """Which points of a lon/lat CRS fall in ``bounds`` only read as radians.

    Navigation and vehicle software keeps positions in radians (Beijing is
    about (2.03, 0.70)): given as degrees they are valid places in the Gulf
    of Guinea, every one "in no zone". Only numbers a radian can be (lon
    within ±π, lat within ±π/2). ``done``: the points already found in
    ``bounds`` some way.
    """
    n = len(points)
    out = np.zeros(n, dtype=bool)
    if not bounds or n == 0 or done.all() or not is_geographic(points.crs):
        return out
    x, y = np.asarray(points.x, dtype=float), np.asarray(points.y, dtype=float)
    with np.errstate(invalid="ignore"):
        candidates = ~done & (np.abs(x) <= math.pi) & (np.abs(y) <= math.pi / 2)
    if candidates.any():
        dx, dy = np.degrees(x[candidates]), np.degrees(y[candidates])
        lon, lat = convert(dx, dy, np.ones(dx.size, dtype=bool), points.crs)
        out[candidates] = in_bounds(lon, lat, bounds)
    return out


def null_island_mask(points: Points, bounds: tuple[float, float, float, float] | None) -> np.ndarray:
    """Which points are given as exactly (0, 0), in any CRS, while the dataset's area holds no such point.

    GPS receivers, phone apps and fleet databases write 0, 0 for "no fix"
    (and a blank cell read as a number becomes 0): such a row is no place
    in the Gulf of Guinea (or wherever 0, 0 of a projected CRS lies), and
    answering "outside every zone", or a vehicle that left the zone and came
    back, would be a wrong answer that looks right. Only the coordinates as
    given count (``x``, ``y``), so a converted point near 0 is not one.
    """
    n = len(points)
    if n == 0 or not bounds:
        return np.zeros(n, dtype=bool)
    w, s, e, north = bounds
    if w <= 0.0 <= e and s <= 0.0 <= north:  # (a dataset around 0, 0: the point is a place there)
        return np.zeros(n, dtype=bool)
    zero = points.x == 0.0
    if not zero.any():  # (one pass over the points in the usual case)
        return zero
    zero &= points.y == 0.0
    zero &= points.codes == OK
    return zero


def metres_as_degrees_mask(points: Points, bounds: tuple[float, float, float, float] | None) -> np.ndarray:
    """Which points given in a lon/lat CRS are out of range as degrees but lie in ``bounds`` read as metres.

    Eastings and northings given as lon/lat (``model.classify(df.x, df.y)``
    on a frame of UTM 50N metres) are out of range: such a point, when read
    in a CRS of :data:`METRE_CRSS` it lies in the dataset's area, gets the
    status :data:`OTHER_METRES` (the CRS to give) instead of a plain "out of
    range". (Only points out of range and otherwise finite: a missing or
    non-numeric coordinate keeps its status.)
    """
    n = len(points)
    out = np.zeros(n, dtype=bool)
    if not bounds or n == 0 or not is_geographic(points.crs):
        return out
    codes = points.codes
    if not codes.any():  # (every point usable: the usual case, one pass)
        return out
    idx = np.flatnonzero(out_of_range_only(codes))
    if idx.size == 0:
        return out
    x, y = np.asarray(points.x, dtype=float)[idx], np.asarray(points.y, dtype=float)[idx]
    finite = np.isfinite(x) & np.isfinite(y)
    idx, x, y = idx[finite], x[finite], y[finite]
    if idx.size:
        out[idx] = _in_other_metre_crs(x, y, WGS84, bounds)
    return out


def out_of_range_only(codes: np.ndarray) -> np.ndarray:
    """Which status codes are a coordinate's ``out of range`` and nothing else (one or both coordinates).

    >>> out_of_range_only(np.array([OK, OUT_OF_RANGE, OUT_OF_RANGE * 9, OUT_OF_RANGE * 8 + MISSING, SWAPPED])).tolist()
    [False, True, True, False, False]
    """
    xc, yc = codes // 8, codes % 8
    value = codes < 5 * 8  # (the codes of value problems: lon reason * 8 + lat reason)
    ranged = value & ((xc == OUT_OF_RANGE) | (yc == OUT_OF_RANGE)) & np.isin(xc, (OK, OUT_OF_RANGE))
    return ranged & np.isin(yc, (OK, OUT_OF_RANGE))


def mark_misread(
    points: Points, bounds: tuple[float, float, float, float] | None, *, whole: bool | None = None
) -> None:
    """Give the points that make sense only read another way their status: :data:`SWAPPED`, :data:`DEGREES`,
    :data:`OTHER_METRES`; and the points given as exactly (0, 0), no position at all: :data:`NULL_ISLAND`
    (:func:`null_island_mask`).

    The one place every entry point marks them (one point, arrays, files,
    the HTTP service).

    ``whole``: ``points`` are a whole input (arrays, a DataFrame, an HTTP
    body: not a file's chunk, which the file's first rows judge,
    :func:`avzone.batch.swapped_check`); by default, as
    :attr:`Points.whole` says (the flag is cleared once judged). When most of its first points make
    sense only with their minus signs dropped, read as radians, or as NMEA
    degrees and minutes (judged as a file job judges a file,
    :func:`misreading`, where the job stops), the points that make sense
    only so get :data:`SIGNS_DROPPED`, :data:`RADIANS` or
    :data:`NMEA_MINUTES` (each of them a valid place far away, or out of
    range, as given). A single point, and an input most of whose points
    are fine, keeps its answers: (-116.4, 39.9) is a place in Nevada.
    """
    if whole is None:
        whole = points.whole
    reading = whole_misreading(points, bounds) if whole else None  # (the points as given, as a file's are judged)
    points.whole = False  # (judged: the marks below are made once)
    zero = null_island_mask(points, bounds)
    if zero.any():
        points.mark(zero, NULL_ISLAND)
    metres = metres_as_degrees_mask(points, bounds)
    if metres.any():
        points.mark(metres, OTHER_METRES)
    given, swapped = swapped_mask(points, bounds)
    if swapped.any():
        points.mark(~given & swapped, SWAPPED)
    degrees = degrees_mask(points, bounds, given | swapped)
    if degrees.any():
        points.mark(degrees, DEGREES)
    other = other_metres_mask(points, bounds, given | swapped | degrees)
    if other.any():
        points.mark(other, OTHER_METRES)
    if reading is not None:  # (only points no other status took: a usable point, or a plain out of range)
        code, mask = reading
        points.mark(mask & (out_of_range_only(points.codes) if code == NMEA_MINUTES else points.codes == OK), code)


#: How far (m) beyond the dataset's area a projected CRS's point must lie for :func:`other_metres_mask` to try
#: the common metre CRSs on it: the CRSs it names are thousands of km apart, or the same within kilometres.
OTHER_METRES_FAR_M = 1_000_000.0


def other_metres_mask(points: Points, bounds: tuple[float, float, float, float] | None, done: np.ndarray) -> np.ndarray:
    """Which points of a projected CRS lie in ``bounds`` only read in another common metre CRS (:data:`METRE_CRSS`).

    Metres of the wrong CRS (UTM 50N metres given as EPSG:3857 put Beijing in
    Algeria; Web Mercator's given as UTM 50N, in the Pacific) are valid
    positions, thousands of km away: such a point, when it is no position
    within :data:`OTHER_METRES_FAR_M` of ``bounds`` in its CRS (or cannot be
    converted) but lies in ``bounds`` read in another of those CRSs, gets a
    status saying so instead of a silent "in no zone". ``done``: the points
    already found in ``bounds`` some way (:func:`mark_misread`).
    """
    n = len(points)
    out = np.zeros(n, dtype=bool)
    if not bounds or n == 0 or done.all() or is_geographic(points.crs):
        return out
    usable = (points.codes == OK) | (points.codes == CONVERSION_FAILED)
    candidates = ~done & usable & np.isfinite(points.x) & np.isfinite(points.y)
    if not candidates.any():
        return out
    idx = np.flatnonzero(candidates)
    lon, lat = points.lon[idx], points.lat[idx]
    w, s, e, north = bounds
    from avzone import geodesy

    centre_lon, centre_lat = (w + e) / 2, (s + north) / 2
    reach = float(geodesy.distance_m(centre_lon, centre_lat, e, north)) + OTHER_METRES_FAR_M
    with np.errstate(invalid="ignore"):
        far = ~(geodesy.distance_m(lon, lat, centre_lon, centre_lat) <= reach)  # (NaN: no position: far)
    idx = idx[far]
    if idx.size:
        out[idx] = _in_other_metre_crs(points.x[idx], points.y[idx], points.crs, bounds)
    return out


def _in_other_metre_crs(
    x: np.ndarray, y: np.ndarray, crs: Any, bounds: tuple[float, float, float, float]
) -> np.ndarray:
    """Which points ``(x, y)`` lie in ``bounds`` read in a CRS of :data:`METRE_CRSS` other than ``crs``."""
    hit = np.zeros(x.size, dtype=bool)
    for code, _ in METRE_CRSS:
        other = normalize_crs(code)
        if not isinstance(crs, str) and crs.equals(other):
            continue
        lon, lat = convert(x, y, np.ones(x.size, dtype=bool), other)
        hit |= in_bounds(lon, lat, bounds)
    return hit


#: Projected CRSs Beijing's coordinates come in, tried on numbers that are out of range as lon/lat
#: (:func:`metre_crs_guess`): web maps' Web Mercator, UTM zone 50N, and China's CGCS2000 3-degree
#: Gauss-Kruger projection centred on 117E, without and with its zone number (39) before the easting.
METRE_CRSS = (
    ("EPSG:3857", "Web Mercator"),
    ("EPSG:32650", "WGS 84 / UTM zone 50N"),
    ("EPSG:4548", "CGCS2000 / 3-degree Gauss-Kruger CM 117E"),
    ("EPSG:4527", "CGCS2000 / 3-degree Gauss-Kruger zone 39"),
)


def metre_crs_guess(
    x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float] | None, share: float = 0.5
) -> dict[str, float]:
    """The CRSs of :data:`METRE_CRSS` in which at least ``share`` of the points ``(x, y)`` fall in ``bounds``.

    For numbers given as lon/lat that are out of range (easting and
    northing in metres, given without their CRS): which CRS to suggest,
    with the share of the points each puts in ``bounds``. Up to 1,000
    finite points are tried (evenly spaced); none: an empty dict.

    >>> metre_crs_guess(np.array([12968800.0]), np.array([4836500.0]), (115.4, 39.4, 117.5, 41.1))
    {'EPSG:3857': 1.0}
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if not bounds or finite.size == 0:
        return {}
    pick = finite[np.linspace(0, finite.size - 1, min(finite.size, 1000)).astype(np.int64)]
    sx, sy = x[pick], y[pick]
    found = {}
    for code, _ in METRE_CRSS:
        lon, lat = convert(sx, sy, np.ones(sx.size, dtype=bool), normalize_crs(code))
        fit = float(np.count_nonzero(in_bounds(lon, lat, bounds))) / sx.size
        if fit >= share:
            found[code] = fit
    return found


#: The factors vehicle terminals multiply degrees by to report them as integers (JT/T 808: 10**6).
DEGREE_SCALES = (10**5, 10**6, 10**7)


def degree_scale(x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float] | None) -> tuple[int, float]:
    """The factor of :data:`DEGREE_SCALES` that puts most of the points ``(x, y)`` in ``bounds`` divided by it.

    Returns ``(factor, share)``, or ``(0, 0.0)`` when none does (for out-of-range lon/lat numbers).

    >>> degree_scale(np.array([116500000.0]), np.array([39790000.0]), (115.4, 39.4, 117.5, 41.1))
    (1000000, 1.0)
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    if not bounds or not finite.any():
        return 0, 0.0
    x, y = x[finite], y[finite]
    for factor in DEGREE_SCALES:
        fit = float(np.count_nonzero(in_bounds(x / factor, y / factor, bounds))) / x.size
        if fit >= 0.5:
            return factor, fit
    return 0, 0.0


def minutes_degrees(values: np.ndarray) -> np.ndarray:
    """Degrees of numbers written as degrees and minutes run together (``dddmm.mmmm``, as NMEA 0183 GPS sentences
    write them: ``11630.0000`` is 116°30', 116.5°); NaN where the minutes are 60 or more (no such number).

    >>> minutes_degrees(np.array([11630.0, 3947.4, 3975.0])).tolist()
    [116.5, 39.79, nan]
    """
    v = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        whole = np.trunc(v / 100)
        minutes = np.abs(v - whole * 100)
        return np.where(minutes < 60, whole + np.copysign(minutes, v) / 60, np.nan)


def minutes_fit(x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float] | None) -> float:
    """The share of the finite points ``(x, y)`` that fall in ``bounds`` read as NMEA degrees and minutes
    (:func:`minutes_degrees`): 0.0 for none (for out-of-range lon/lat numbers).

    >>> minutes_fit(np.array([11630.0]), np.array([3947.4]), (115.4, 39.4, 117.5, 41.1))
    1.0
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    if not bounds or not finite.any():
        return 0.0
    return float(np.count_nonzero(minutes_mask(x[finite], y[finite], bounds))) / int(finite.sum())


def minutes_mask(x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float] | None) -> np.ndarray:
    """Which points ``(x, y)`` fall in ``bounds`` read as NMEA degrees and minutes (:func:`minutes_degrees`).

    >>> minutes_mask(np.array([11630.0, 116.5]), np.array([3947.4, 39.79]), (115.4, 39.4, 117.5, 41.1)).tolist()
    [True, False]
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not bounds:
        return np.zeros(x.shape, dtype=bool)
    return in_bounds(minutes_degrees(x), minutes_degrees(y), bounds)


#: How many of an input's first points judge whether it is read the wrong way round (:func:`misreading`): a file's
#: first rows in every file job and both engines, whatever the chunks or partitions they are read in
#: (:func:`avzone.batch.misread_checked`), and an array's first points (:func:`mark_misread`).
MISREAD_ROWS = 100_000


@dataclass(frozen=True)
class Misreading:
    """How most of an input's first points make sense only read another way (:func:`misreading`).

    ``kind``: ``swapped``, ``degrees``, ``signs_dropped``, ``radians``,
    ``metres``, ``metres_swapped``, ``scaled`` or ``minutes``. ``given``:
    the share of the finite points in the dataset's area as given;
    ``fit``: the share in it read that way (of the finite points, as a file
    job's message says it). ``mask``: the points in the area only read
    that way (``swapped`` to ``radians``, and ``minutes``; for the metres
    and scaled readings, the points out of range). ``out``, ``out_share``:
    the points out of range as lon/lat and their share (the metre, scaled
    and minutes readings); ``guess``: the metre CRSs and their shares
    (:func:`metre_crs_guess`); ``scale``: the factor
    (:func:`degree_scale`).
    """

    kind: str
    given: float
    fit: float
    mask: np.ndarray
    out: np.ndarray | None = None
    out_share: float = 0.0
    guess: dict[str, float] = field(default_factory=dict)
    scale: int = 0


#: The status of the points of an input judged read so (:func:`mark_misread`'s ``whole``), by reading.
WHOLE_CODES = {"signs_dropped": SIGNS_DROPPED, "radians": RADIANS, "minutes": NMEA_MINUTES}


def misreading(
    points: Points, bounds: tuple[float, float, float, float] | None, *, columns: bool = True
) -> Misreading | None:
    """How most of ``points`` (an input's first :data:`MISREAD_ROWS`) make sense only read another way, or None.

    The one judgement of a whole input: a file job stops on it
    (:func:`avzone.batch.swapped_check` words each reading), and arrays
    mark the points so read (:func:`mark_misread`, ``whole``). In this
    order, the first that holds: fewer than half of the finite points in
    ``bounds`` as given and at least half with lon and lat swapped
    (:func:`swapped_mask`), or as lon/lat degrees of a projected CRS
    (:func:`degrees_mask`), or with their minus signs dropped
    (:func:`signs_dropped_mask`), or read as radians
    (:func:`radians_mask`); else, for a lon/lat CRS, at least half out of
    range and those in ``bounds`` as metres of a common CRS
    (:func:`metre_crs_guess`), northing first (only with ``columns``: two
    columns to swap, not a geometry's x and y), divided by a power of ten
    (:func:`degree_scale`), or at least half of them read as NMEA degrees
    and minutes (:func:`minutes_mask`).

    >>> pts = to_points([2.0333, 2.0334], [0.6945, 0.6946])
    >>> found = misreading(pts, (115.4, 39.4, 117.5, 41.1))
    >>> found.kind, found.given, found.fit, found.mask.tolist()
    ('radians', 0.0, 1.0, [True, True])
    """
    finite = np.isfinite(points.x) & np.isfinite(points.y)
    if not finite.any():
        return None
    total = int(finite.sum())

    def share(mask: np.ndarray) -> float:
        return float((mask & finite).sum()) / total

    given, swapped = swapped_mask(points, bounds)
    as_given = share(given)
    if as_given < 0.5:
        done = given | swapped
        if share(swapped) >= 0.5:
            return Misreading("swapped", as_given, share(swapped), swapped)
        readings = (("degrees", degrees_mask), ("signs_dropped", signs_dropped_mask), ("radians", radians_mask))
        for kind, mask_of in readings:
            mask = mask_of(points, bounds, done)
            if share(mask) >= 0.5:
                return Misreading(kind, as_given, share(mask), mask)
    if not is_geographic(points.crs):
        return None
    out = _beyond_range(points)  # (eastings and northings, or other numbers)
    out_share = share(out)
    if out_share < 0.5:
        return None
    x, y = points.x[out], points.y[out]
    found = functools.partial(Misreading, given=as_given, out=out, out_share=out_share)
    if guess := metre_crs_guess(x, y, bounds):
        return found("metres", fit=min(guess.values()) * out_share, mask=out, guess=guess)
    if columns and (guess := metre_crs_guess(y, x, bounds)):  # northing first: Chinese survey data's X and Y
        return found("metres_swapped", fit=min(guess.values()) * out_share, mask=out, guess=guess)
    if (scaled := degree_scale(x, y, bounds))[0]:
        return found("scaled", fit=scaled[1] * out_share, mask=out, scale=scaled[0])
    minutes = np.zeros(len(points), dtype=bool)
    minutes[out] = minutes_mask(x, y, bounds)
    fit = float(np.count_nonzero(minutes)) / x.size  # (minutes_fit of the points out of range)
    if fit >= 0.5:
        return found("minutes", fit=fit * out_share, mask=minutes)
    return None


def whole_misreading(points: Points, bounds: tuple[float, float, float, float] | None) -> tuple[int, np.ndarray] | None:
    """The status and the points of a whole input to mark, when most of its first points make sense only with their
    minus signs dropped, read as radians or as NMEA degrees and minutes (:func:`misreading` of its first
    :data:`MISREAD_ROWS` points, as a file job judges a file); None otherwise, and for one finite point among them
    (a place, as one point given alone is: :func:`avzone.locate.locate` answers it or says what it looks like).

    >>> beijing = (115.4, 39.4, 117.5, 41.1)
    >>> code, mask = whole_misreading(to_points([-116.4, -116.5, 116.4], [39.9, 39.8, 39.9]), beijing)
    >>> code == SIGNS_DROPPED, mask.tolist()
    (True, [True, True, False])
    >>> whole_misreading(to_points([-116.4, 116.5, 116.4], [39.9, 39.8, 39.9]), beijing) is None
    True
    """
    n = len(points)
    head = points if n <= MISREAD_ROWS else rows_of(points, 0, MISREAD_ROWS)
    if not bounds or int(np.count_nonzero(np.isfinite(head.x) & np.isfinite(head.y))) < 2:
        return None
    found = misreading(head, bounds)
    if found is None or found.kind not in WHOLE_CODES:
        return None
    if head is points:
        return WHOLE_CODES[found.kind], found.mask
    # (every point of the input read so, as the first ones are)
    if found.kind == "minutes":
        out = _beyond_range(points)
        mask = np.zeros(n, dtype=bool)
        mask[out] = minutes_mask(points.x[out], points.y[out], bounds)
    else:
        given, swapped = swapped_mask(points, bounds)
        mask = (signs_dropped_mask if found.kind == "signs_dropped" else radians_mask)(points, bounds, given | swapped)
    return WHOLE_CODES[found.kind], mask


def _beyond_range(points: Points) -> np.ndarray:
    """Which points are finite and out of range as lon/lat degrees (beyond ±180 or ±90)."""
    x, y = points.x, points.y
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & np.isfinite(y) & ((np.abs(x) > 180) | (np.abs(y) > 90))


def may_misread_whole(n: int, outside_head: int) -> bool:
    """Whether an input of ``n`` points, ``outside_head`` of whose first :data:`MISREAD_ROWS` lie outside the
    dataset's area as given (or are not finite), may be judged read another way (:func:`whole_misreading`): only
    when at least half of them do (else no reading of :func:`misreading` holds). The fast paths, which locate the
    points inside the area without making their statuses, leave such an input to the general path.

    >>> may_misread_whole(1000, 499), may_misread_whole(1000, 500), may_misread_whole(1, 1)
    (False, True, False)
    """
    head = min(n, MISREAD_ROWS)
    return head >= 2 and 2 * outside_head >= head


def head_misread(
    lon: np.ndarray,
    lat: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    crs: Any,
    bounds: tuple[float, float, float, float] | None,
) -> bool:
    """Whether float arrays, WGS84 ``lon``/``lat`` of the numbers ``x``/``y`` given in ``crs``, are an input whose
    points are to be marked as read another way (:func:`whole_misreading` of its first :data:`MISREAD_ROWS`): the
    one-pass paths, which make the statuses of the points outside the bounds alone, leave such input to the general
    path (:func:`mark_misread`, ``whole``). Its points are made only when at least half of the first lie outside the
    bounds (:func:`may_misread_whole`).

    >>> x, y = np.radians([116.4, 116.5]), np.radians([39.9, 39.8])
    >>> head_misread(x, y, x, y, WGS84, (115.4, 39.4, 117.5, 41.1)), head_misread(y, x, y, x, WGS84, None)
    (True, False)
    """
    if not bounds:
        return False
    hx, hy = lon[:MISREAD_ROWS], lat[:MISREAD_ROWS]
    if not may_misread_whole(lon.size, hx.size - int(np.count_nonzero(in_bounds(hx, hy, bounds)))):
        return False
    codes = np.zeros(hx.size, dtype=np.uint8)  # (the masks read the numbers, not the codes)
    head = Points(lon=hx, lat=hy, x=x[:MISREAD_ROWS], y=y[:MISREAD_ROWS], codes=codes, crs=crs, index=None)
    return whole_misreading(head, bounds) is not None


def rows_of(points: Points, start: int, stop: int) -> Points:
    """The points ``start`` to ``stop`` of ``points`` (their codes a copy; no index)."""
    return Points(
        points.lon[start:stop],
        points.lat[start:stop],
        points.x[start:stop],
        points.y[start:stop],
        points.codes[start:stop].copy(),
        points.crs,
        None,
        points.names,
    )


def metre_crs_fields(codes: Any) -> dict[str, Any]:
    """The fields of the messages that suggest :func:`metre_crs_guess`'s CRSs: ``where``, ``option``, ``which``.

    Several CRSs (UTM 50N and Gauss-Kruger 117E both put Beijing's metres
    in its area, kilometres apart) are named together, with no pick. With
    EPSG:3857 among them, ``which`` also says that a Chinese map app's Web
    Mercator metres are not EPSG:3857: ``--crs gcj02merc`` for Amap/Gaode
    and Tencent, and Baidu's BD09MC to be converted to BD-09 lon/lat first.
    The options are named as the caller gives them (:class:`avzone.i18n.Option`:
    ``crs='gcj02merc'`` in Python).
    """
    codes = list(codes)
    names = dict(METRE_CRSS)
    which: Any = Message("metres_which") if len(codes) > 1 else ""
    if "EPSG:3857" in codes:  # Chinese map apps' metres look like it, hundreds of metres to kilometres off
        mercator = Message("metres_chinese_mercator", gcj02merc=Option("crs", "gcj02merc"), bd09=Option("crs", "bd09"))
        which = Message("metres_notes", a=which, b=mercator)
    return {
        "where": _either([CRSName(f"{c} ({names[c]})") for c in codes]),  # (described in Chinese in Chinese)
        "option": _either([Option("crs", c) for c in codes]),
        "which": which,
    }


def _either(items: list[Any]) -> Any:
    """``a``, or ``a or b`` (``a 或 b``), or ``a or b or c``...: a text, or a message in either language."""
    if len(items) == 1:
        return items[0]
    return Message("either_or", a=items[0], b=_either(items[1:]))


def degrees_hint(x: float, y: float, crs: str, swapped: bool = False) -> Message:
    """The message for one point given in degrees with a projected CRS, in English and Chinese.

    ``swapped``: the numbers are degrees lat first (they fall in the
    dataset's area as WGS84 (y, x)).

    >>> m = degrees_hint(116.5, 39.79, "EPSG:3857")
    >>> m.split(": ")[0]
    "(116.5, 39.79) in EPSG:3857 lies outside the dataset's area, but read as WGS84 lon/lat it lies inside it"
    """
    return Message("err_degrees_point_swapped" if swapped else "err_degrees_point", x=x, y=y, crs=crs)


def swapped_hint(x: float, y: float, crs: str | None = None) -> Message:
    """The message for one point given as (lat, lon), in English and Chinese.

    ``crs``: the projected CRS of a point given northing first (then the
    message speaks of easting and northing, and names the CRS).

    >>> m = swapped_hint(39.79, 116.5)
    >>> m.split(": ")[0]
    "(39.79, 116.5) lies outside the dataset's area, but (116.5, 39.79) lies inside it"
    >>> m.text("zh").split("：")[0]
    '(39.79, 116.5) 在数据集覆盖的区域之外，而 (116.5, 39.79) 在其中'
    """
    if crs is not None:
        return Message("err_swapped_point_xy", x=x, y=y, crs=crs)
    return Message("err_swapped_point", x=x, y=y)


#: The arguments that name the columns of a file job and of a DataFrame, by role (an :class:`avzone.i18n.Option`
#: each: ``id_col=`` in Python, ``--id-col`` on the command line).
COLUMN_ROLES = {
    "role_vehicle_id": ("id_col", "id"),
    "role_time": ("time_col", "time"),
    "role_longitude": ("lon_col", "lon"),
    "role_latitude": ("lat_col", "lat"),
    "role_point": ("point_col", "point_col"),
}


def refuse_two_roles(file: Any, names: Any, roles: Any, found: Any = ()) -> None:
    """Refuse one column given two roles (the vehicle id and the longitude, the time and the latitude...).

    ``roles``: (column, role) pairs, a role a key of :data:`COLUMN_ROLES`,
    a column None when the job has none for that role. ``file``: the input
    file, its arguments named as the caller gave them (``id_col=`` in
    Python, ``--id-col`` on the command line: :class:`avzone.i18n.Option`),
    or None for a DataFrame, its arguments named as Python has them
    (``id=``). ``names``: the columns there are, listed in the message.
    Every file job, the events of a DataFrame and the tracks of a map check
    here, before any row is read: a time column that is the latitude would
    give every row a status or a time in 1970, an id column that is the
    longitude a vehicle per fix, answers that look like data. ``found``: the
    roles whose column was found by its name (the lon and lat columns when
    not given, :func:`avzone.columns.find_coordinate_column`), which the
    message says instead of an option nobody gave.

    >>> names = ["vehicle", "ts", "lon", "lat"]
    >>> refuse_two_roles(None, names, [("vehicle", "role_vehicle_id"), ("lon", "role_longitude")])
    >>> try:
    ...     refuse_two_roles("f.csv", names, [("lon", "role_vehicle_id"), ("lon", "role_longitude")])
    ... except InputError as exc:
    ...     print(exc.args[0].split("; ")[0])
    f.csv: column 'lon' is both the vehicle id column (id_col=) and the longitude column (lon_col=)
    """
    taken: dict[Any, str] = {}
    for column, role in roles:
        if column is None:
            continue
        first = taken.setdefault(column, role)
        if first == role:
            continue
        option, other = (
            Message("role_found_by_name") if r in found else Option(COLUMN_ROLES[r][0 if file is not None else 1])
            for r in (first, role)
        )
        fields = {"column": column, "role": Message(first), "option": option, "other_role": Message(role)}
        fields |= {"other_option": other, "columns": Joined(map(str, names), "comma")}
        if file is None:
            raise InputError(Message("err_two_roles", **fields))
        raise InputError(Message("err_column_two_roles", file=file, **fields))


# -- the rows of a coordinate given as text that are no number, and how to write them ----------------------------


def example_statuses(
    names: tuple[str, str], coordinates: tuple[str, str] | None, time_col: str | None
) -> dict[int, tuple[tuple[str, str], ...]]:
    """The statuses whose first rows a summary names (their codes) and, for each, the input columns whose values to
    show and how each is read (``"number"``, ``"time"``): a time that is not a date/time (its column ``time_col``), a
    coordinate that is not a number (a column of ``coordinates``, the lon and lat columns; both, a row's two
    coordinates that are none). ``names``: what the statuses call the coordinates."""
    wanted: dict[int, tuple[tuple[str, str], ...]] = {}
    if coordinates is not None:
        lon, lat = coordinates
        for xc in range(5):
            for yc in range(5):
                cols = [c for c, r in ((lon, xc), (lat, yc)) if r == NOT_A_NUMBER]
                if cols:
                    wanted[xc * 8 + yc] = tuple((c, "number") for c in dict.fromkeys(cols))
    if time_col is not None:
        wanted[TIME_INVALID] = ((time_col, "time"),)
    return wanted


def number_value_why(value: Any) -> Message | None:
    """Why one coordinate value that is no number is none, as a row a summary names says it (:func:`number_why` of a
    text; None for any other value, or a text longer than :data:`avzone._examples.EXAMPLE_CHARS`, shown cut)."""
    return number_why(value) if isinstance(value, str) and not too_long(value) else None


def number_examples(
    codes: np.ndarray,
    labels: Any,
    names: tuple[str, str],
    values: Callable[[int, np.ndarray], list[Any]],
) -> tuple[dict[str, list[RowExample]], Counter[str]]:
    """The rows of points given as text (a pandas frame's columns, a typed table's column of text, a POST body's
    values) whose status says a coordinate is no number, as a file job's summary names them (the value and how to
    write it as a number: :func:`number_value_why`), and how many rows have each such status (its text).

    ``codes``: each row's status code, ``labels`` their texts; ``names``: what the statuses call the coordinates;
    ``values(k, rows)``: coordinate ``k``'s (0: lon, 1: lat) values at those rows. Only the rows of those statuses
    are looked at (the first :data:`avzone._examples.EXAMPLE_ROWS` of each kept): numbers that were read cost one
    comparison each.
    """
    keys = ("\x00lon", "\x00lat")  # (the two coordinates apart, whatever their names: two Series may share one)
    wanted = example_statuses(names, keys, None)
    at = np.flatnonzero(np.isin(codes, np.fromiter(wanted, dtype=np.int64)))
    counts: Counter[str] = Counter()
    if not at.size:
        return {}, counts
    sub = np.asarray(codes)[at]
    present = np.unique(sub)
    for c in present:
        counts[labels[int(c)]] += int(np.count_nonzero(sub == c))
    found: dict[str, list[tuple[int, tuple[tuple[str, str, Any], ...]]]] = {}
    frame_examples(
        found, sub, at, lambda col, k: values(keys.index(col), at[k]), wanted, present, lambda c: labels[int(c)]
    )
    shown = dict(zip(keys, names))
    examples = {
        status: [replace(e, values=tuple((shown[c], v, why) for c, v, why in e.values)) for e in ex]
        for status, ex in examples_by(found, lambda how, v: number_value_why(v)).items()
    }
    return examples, counts


def labelled_example(example: RowExample, index: Any) -> RowExample:
    """A row named in a note with its label in ``index`` (a pandas index; None: by its number)."""
    if index is None:
        return example
    label = index[[example.row]].tolist()[0]  # (as Python writes it: 7, not np.int64(7))
    return replace(example, label=Quoted.of(label))


def not_number_notes(
    codes: np.ndarray, labels: Any, names: tuple[str, str], values: Any, index: Any = None
) -> list[Message]:
    """The notes of :meth:`avzone.locate.Located.number_notes` and of a typed table's column of text
    (:func:`text_column_refusal`): for each status of ``codes`` (its texts ``labels``) saying a coordinate given as
    text is no number, its first rows with their values and how to write each as a number (:func:`number_examples`,
    ``values(k, rows)`` coordinate ``k``'s values at those rows), most rows first; a row by its position from 0, and
    its label in ``index`` when given (a pandas index that is not the positions). Empty when no value has such a
    reason."""
    examples, counts = number_examples(codes, labels, names, values)
    notes: list[Message] = []
    if any(why is not None for rows in examples.values() for e in rows for *_, why in e.values):
        for status in sorted(examples, key=lambda s: -counts[s]):  # (as a summary orders them: most rows first)
            rows = examples[status]
            lines: list[Message] = [labelled_example(e, index).message() for e in rows]
            if (more := counts[status] - len(rows)) > 0:
                lines.append(Message("example_more_1" if more == 1 else "example_more", n=f"{more:,}"))
            key = "note_not_numbers_1" if counts[status] == 1 else "note_not_numbers"
            notes.append(Message(key, status=status, n=f"{counts[status]:,}", rows=Joined(lines, "line")))
    return notes


def text_column_refusal(exc: _tables.ColumnTypeError) -> InputError:
    """The refusal of a polars or Arrow table's coordinate column that holds no numbers
    (:func:`avzone._tables.coordinate_column`), with the help a pandas column of text gets in its notes
    (:func:`not_number_notes`, the same words) when the column holds text: its first rows (by position, from 0)
    that are no number, with their values and how to write each as one, before the column is cast to numbers
    (which would fail on them). ``exc`` itself for a column of another type, or of text whose values have no
    such reason."""
    column, given = exc.column, exc.args[0] if exc.args else None
    if column is None or not isinstance(given, Message) or not _tables.text_type(column.type):
        return exc
    import pyarrow as pa

    plain = column.cast(pa.large_string())  # (a dictionary's values, a string view: as text)
    cells = np.asarray(plain.to_numpy(zero_copy_only=False), dtype=object)
    _, codes = parse_values(cells, np.asarray(plain.is_null().to_numpy(zero_copy_only=False), dtype=bool))
    names = (exc.name, exc.name)  # (the status of this column alone: "<name> not a number")
    point_codes = np.where(codes == NOT_A_NUMBER, NOT_A_NUMBER * 8, 0).astype(np.uint8)
    notes = not_number_notes(point_codes, status_labels(names), names, lambda k, at: cells[at].tolist())
    if not notes:
        return exc
    return InputError(Message("err_table_column_text", **given.fields, notes=Joined(notes, "line")))


def table_column(table: Any, name: str, kind: str) -> Any:
    """:func:`avzone._tables.coordinate_column`, a column of text refused naming its rows that are no number and how
    to write them (:func:`text_column_refusal`): :func:`frame_columns`' check of a typed table's coordinate columns
    (:func:`to_points`, ``model.classify``, ``model.locate_many``), ``model.events``' and the map's."""
    try:
        return _tables.coordinate_column(table, name, kind)
    except _tables.ColumnTypeError as exc:
        raise text_column_refusal(exc) from None

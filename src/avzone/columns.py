"""What a column's name says: the coordinate columns found by name, and the CRS a name gives.

One rule for every entry point: the file jobs (:func:`avzone.batch.detect_columns`)
and the DataFrame entry points (:func:`avzone.events.events`,
:func:`avzone.maps.split_tracks`) find the lon and lat columns here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from avzone.crs import datum_shift_unknown, normalize_crs
from avzone.errors import InputError
from avzone.i18n import Joined, Message, Option

#: The column names read as longitude and latitude when no --lon-col / --lat-col is given (any case).
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "經度", "東經")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "緯度", "北緯")

_BRACKETED = re.compile(r"[(\[{【〔<].*?[)\]}】〕>]")
#: A CRS's short name as a whole word (``gcj_lng``, ``lat_bd``): not inside another word (``abdomen``).
_CRS_WORD = r"(?<![a-z])(?:{})(?![a-z])"
_CRS_WORDS = re.compile(
    r"wgs[-_ ]?84|gcj[-_ ]?02|bd[-_ ]?09(?:ll)?|"
    + _CRS_WORD.format("wgs|gcj|bd")
    + r"|gps|火星|高德|百度|baidu|amap|gaode|腾讯|tencent|国测局"
)
_UNIT_WORDS = re.compile(r"(?:°|deg|degs|degree|degrees)$")
_SEPARATORS = re.compile(r"[\s_\-.:/]+")
_CRS_HINTS = (
    (
        re.compile(r"gcj[-_ ]?02|" + _CRS_WORD.format("gcj") + r"|火星|高德|amap|gaode|腾讯|tencent|国测局"),
        "gcj02",
        "GCJ-02",
    ),
    (re.compile(r"bd[-_ ]?09|" + _CRS_WORD.format("bd") + r"|百度|baidu"), "bd09", "BD-09"),
)


#: Names a vehicle id or a time column goes by (compared as :func:`header_key` makes them), for the column a
#: trajectory file's missing id or time column looks like (:func:`named_like`): only suggested, never taken.
TRACK_ROLE_NAMES = {
    "role_vehicle_id": (
        "vehicle", "vehicleid", "vehicleno", "vid", "carid", "taxi", "taxiid", "deviceid", "terminalid", "plate",
        "plateno", "licenseplate", "车辆", "车辆编号", "车辆id", "车辆编码", "车辆号", "车号", "车牌",
        "车牌号", "车牌号码", "设备号", "设备编号", "设备id", "终端号", "终端编号", "终端id", "出租车编号",
        "車輛編號", "車牌號",
    ),
    "role_time": (
        "ts", "time", "timestamp", "datetime", "gpstime", "loctime", "locatetime", "fixtime", "时间", "定位时间",
        "gps时间", "采集时间", "上报时间", "时间戳", "日期时间", "记录时间", "接收时间", "时刻", "時間", "定位時間",
    ),
}  # fmt: skip


def named_like(names: list[Any], role: str, taken: tuple[Any, ...] = ()) -> str | None:
    """The one column of ``names`` (not among ``taken``) whose name says it holds ``role`` (a ``role_`` message key
    of :data:`TRACK_ROLE_NAMES`), or None (no such column, or more than one).

    >>> named_like(["车辆编号", "定位时间", "经度", "纬度"], "role_vehicle_id")
    '车辆编号'
    >>> named_like(["Vehicle_ID", "ts"], "role_time")
    'ts'
    >>> named_like(["time", "GPS时间"], "role_time") is None  # (two: which one is for the user to say)
    True
    """
    known = TRACK_ROLE_NAMES.get(role, ())
    like = [n for n in names if isinstance(n, str) and n not in taken and header_key(n) in known]
    return like[0] if len(like) == 1 else None


def no_track_column(
    src: Any, names: list[Any], column: str, role: str, option: str, taken: tuple[Any, ...] = ()
) -> Message:
    """The refusal of a file (or a tracks frame: ``src``) without its ``role`` column ``column``, given by
    ``option``; where one of its columns is named as such a column is (:func:`named_like`: ``车辆编号``,
    ``定位时间``, ``vehicle_id``...), it says so with the option to give it (never taken unasked: another column of
    the file might be the one)."""
    columns = Joined(map(str, names), "comma")
    like = named_like(names, role, taken)
    if like is None:
        return Message("err_no_track_column", file=src, role=Message(role), column=column, option=Option(option),
                       columns=columns)  # fmt: skip
    return Message("err_no_track_column_like", file=src, role=Message(role), column=column, like=like,
                   option=Option(option, like), columns=columns)  # fmt: skip


def header_key(name: str) -> str:
    """A column name reduced to the word that says what it holds (how :func:`detect_columns` compares names).

    Case, full-width forms, invisible characters (a zero-width space),
    bracketed parts (units, CRS), CRS words and separators do not count.

    >>> [header_key(n) for n in ["经度(GCJ02)", "纬度（°）", " Longitude [deg]", "lng_wgs84", "GPS经度", "bd_lat", "x"]]
    ['经度', '纬度', 'longitude', 'lng', '经度', 'lat', 'x']
    """
    t = unicodedata.normalize("NFKC", name)  # full-width brackets and letters to ASCII
    # invisible characters of a header copied from a web page or a PDF (zero-width spaces, joiners, a BOM)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf").strip().lower()
    t = _BRACKETED.sub(" ", t)
    t = _CRS_WORDS.sub(" ", t)
    t = _SEPARATORS.sub("", t)
    return _UNIT_WORDS.sub("", t) or t


def crs_hint(*names: Any) -> tuple[str, str] | None:
    """``(crs, label)`` when a column name names GCJ-02 or BD-09 (``经度(GCJ02)``, ``lng_bd09``, ``gcj_lng``), or None.

    A DataFrame's column label that is not text (an integer, a tuple of a
    MultiIndex's levels) is read as its ``str``.

    >>> crs_hint("经度(GCJ-02)", "纬度(GCJ-02)"), crs_hint("lng", "lat")
    (('gcj02', 'GCJ-02'), None)
    """
    for name in names:
        t = unicodedata.normalize("NFKC", str(name)).lower()
        for pattern, crs, label in _CRS_HINTS:
            if pattern.search(t):
                return crs, label
    return None


def find_coordinate_column(names: list[Any], axis: str, path: str | Path | None, *, option: str | None = None) -> str:
    """The one column of ``names`` whose name says it holds ``axis`` (``"lon"`` or ``"lat"``): :func:`detect_columns`.

    ``path``: the file whose header ``names`` is (the error names it and the
    argument ``lon_col`` / ``lat_col`` as the caller gives it: ``lon_col=``
    in Python, ``--lon-col`` on the command line, :class:`avzone.i18n.Option`),
    or None for a DataFrame (the error names the argument ``lon=`` /
    ``lat=``, or ``option`` when given: how else to name the column). Names
    that are not text (a DataFrame's integer or tuple column labels) name no
    coordinate.

    Raises
    ------
    InputError
        When no column, or more than one, looks like the ``axis`` column:
        naming those found, the option or argument to pass and every column.
    """
    cands = LON_NAMES if axis == "lon" else LAT_NAMES
    hits = list(dict.fromkeys(c for c in names if isinstance(c, str) and header_key(c) in cands))
    if len(hits) == 1:  # (a name the header has twice: refused as such by the caller)
        return hits[0]
    word, columns = Message("axis_lon" if axis == "lon" else "axis_lat"), Joined(map(str, names), "comma")
    found = Joined(hits, "comma")
    if path is None:
        option = option or Option(axis)
        if not hits:
            raise InputError(Message("err_frame_no_column_like", axis=word, option=option, columns=columns))
        raise InputError(Message("err_frame_columns_like", found=found, axis=word, option=option, columns=columns))
    option = Option(f"{axis}_col")
    if not hits:
        raise InputError(Message("err_no_column_like", file=path, axis=word, option=option, columns=columns))
    raise InputError(Message("err_columns_like", file=path, found=found, axis=word, option=option, columns=columns))


def found_roles(lon: Any, lat: Any) -> tuple[str, ...]:
    """The roles (``role_longitude``, ``role_latitude``) whose column was not given (None), so found by its name:
    what a message about the column says instead of an option or argument nobody gave
    (:func:`avzone.points.refuse_two_roles`).

    >>> found_roles("x", None)
    ('role_latitude',)
    """
    return tuple(role for col, role in ((lon, "role_longitude"), (lat, "role_latitude")) if col is None)


def refuse_one_column_for_both(
    names: list[Any], lon: Any, lat: Any, lon_given: bool, lat_given: bool, path: str | Path | None
) -> None:
    """Refuse one column as both the lon and the lat column, saying how each role came to it.

    (lat, lat) points are never right: every row would be "ok" and in no
    zone. The message says which of the two was given and which found by
    its name (:func:`find_coordinate_column`), naming the file job's
    arguments ``lon_col`` / ``lat_col`` as the caller gives them for a file
    (``path``: ``lon_col=`` in Python, ``--lon-col`` on the command line,
    :class:`avzone.i18n.Option`), the arguments ``lon=`` / ``lat=`` for a
    DataFrame (``path`` None).

    >>> try:
    ...     refuse_one_column_for_both(["id", "lat"], "lat", "lat", False, True, None)
    ... except InputError as exc:
    ...     print(exc.args[0].split("; ")[0])
    column 'lat' is both the lon and the lat column: lat= names it, and with no lon= given its name makes it the \
lon column too
    """
    if lon != lat:
        return
    options = (Option("lon"), Option("lat")) if path is None else (Option("lon_col"), Option("lat_col"))
    if lon_given and lat_given:
        how = Message("how_both_given", lon=options[0], lat=options[1])
    elif lon_given:
        how = Message("how_one_given", option=options[0], other=options[1], axis=Message("axis_lat"))
    elif lat_given:
        how = Message("how_one_given", option=options[1], other=options[0], axis=Message("axis_lon"))
    else:  # (no name says both lon and lat: LON_NAMES and LAT_NAMES share none)
        how = Message("how_both_found")
    columns = Joined(map(str, names), "comma")
    named = {"lon_option": options[0], "lat_option": options[1], "columns": columns}
    if path is None:
        raise InputError(Message("err_frame_column_both_axes", column=lon, how=how, **named))
    raise InputError(Message("err_column_both_axes", file=path, column=lon, how=how, **named))


def crs_note(lon: str, lat: str, crs: Any) -> str | None:
    """What to say when the coordinate columns name GCJ-02 / BD-09 but no ``crs``, or another one, was given.

    The CRS is not changed: a ``crs`` given wins, with this note. It names
    ``crs`` as the caller gives it (:class:`avzone.i18n.Option`: ``crs=`` in
    Python, ``--crs`` on the command line).
    """
    hint = crs_hint(lon, lat)
    if hint is None:
        return None
    fields = {"lon": lon, "lat": lat, "label": hint[1], "hint": Option("crs", hint[0])}
    if crs is None:
        return Message("note_crs_in_column", crs_option=Option("crs"), **fields)
    if normalize_crs(crs) == hint[0]:
        return None
    given = crs if isinstance(crs, str) else str(crs.to_string())  # as given: a text, or a pyproj CRS
    return Message("note_crs_in_column_given", given=given, given_option=Option("crs", given), **fields)


def datum_notes(crs: Any) -> list[Any]:
    """The note for a CRS PROJ converts to WGS84 without its datum shift (:func:`avzone.crs.datum_shift_unknown`)."""
    note = None if crs is None else datum_shift_unknown(normalize_crs(crs))
    return [] if note is None else [note]


def output_names(names: list[str], added: list[str]) -> list[str]:
    """The names of a file job's ``added`` columns in its output, beside the input's columns ``names``.

    Each keeps its own name unless the input has a column of that name, in
    any case (a layer written by ``avzone export`` has ``status``, a GPS log
    may have its own or a ``Status``, a file job's output read again has
    ``in_<layer>``; GeoPackage, DuckDB and Spark read names without their
    case, so ``Status`` beside ``status`` would clash there): then that name
    with ``_2`` (else ``_3``, ...), one neither the input nor an earlier
    added column has in any case. The input's columns stay as they are, and
    the job's summary notes the change (:func:`avzone.batch.renamed_note`). :func:`avzone.locate.classify`
    names the columns it adds beside the zone layers' by the same rule.

    >>> output_names(["id", "status", "status_2"], ["in_core", "status"])
    ['in_core', 'status_3']
    >>> output_names(["In_Core", "STATUS"], ["in_core", "status"])
    ['in_core_2', 'status_2']
    """
    taken = {n.casefold() for n in names}
    out = []
    for name in added:
        new, k = name, 2
        while new.casefold() in taken:
            new, k = f"{name}_{k}", k + 1
        taken.add(new.casefold())
        out.append(new)
    return out

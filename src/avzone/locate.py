"""Point-in-zone: the one array-based locator and its answers.

:func:`locate_many` is the one path from coordinates to answers: the points
are turned into WGS84 arrays with statuses (:mod:`avzone.points`, each point
converted once), the exact one-pass index (:mod:`avzone._grid`) answers for
every zone layer, and, when asked, the geodesic distance to each zone's edge
and the nearest hub are added. :func:`classify` (a DataFrame of nullable
booleans) and :func:`locate` (one point, the array call with one element)
are its two views; the file jobs, the Dask engine, the map and the HTTP
service call it too. The boundary counts as inside, exactly like shapely's
``covers``: a point on a zone's edge or vertex is in the zone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import numbers
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, overload

import numpy as np
import shapely

from avzone import _tables, geodesy
from avzone.columns import output_names
from avzone.crs import WGS84, _names_own_crs, datum_shift_unknown, normalize_crs
from avzone.errors import CRSError, DataError, InputError
from avzone.i18n import Joined, Message, Option, Quoted, json_text, printable, summary_parts
from avzone.points import (
    DEFAULT_NAMES,
    DEGREES,
    NULL_ISLAND,
    OK,
    OTHER_METRES,
    OUT_OF_RANGE,
    SWAPPED,
    Points,
    _crs_in_lats,
    column_names,
    degree_scale,
    degrees_hint,
    frame_columns,
    geometry_frame,
    head_misread,
    in_bounds,
    in_order,
    index_difference,
    input_attrs,
    is_geographic,
    labelled_example,
    mark_misread,
    metre_crs_fields,
    metre_crs_guess,
    minutes_degrees,
    minutes_fit,
    not_number_notes,
    number_text,
    number_why,
    refuse_attrs_crs,
    refuse_geometry_column,
    status_message,
    swapped_hint,
    to_points,
    with_input_attrs,
)

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl  # (for the type checker only: polars stays optional)
    import pyarrow as pa
    from typing_extensions import Unpack  # (typing's from Python 3.11)

    from avzone._tables import ArrowArrayLike, ArrowData, PandasData, PolarsData
    from avzone.model import Model

#: Points per block of the nearest-hub search (bounds its memory).
HUB_BLOCK = 2048


@dataclass
class Located:
    """The answers of :func:`locate_many` for every point, as arrays.

    ``hits[i, j]`` says whether zone ``zones[j]`` covers point ``i`` (False
    where the point's status is not OK); with distances,
    ``distance_to_edge_m[i, j]`` is 0 inside, else the geodesic distance to
    the zone's edge (NaN where not OK, or where the zone is empty),
    ``distance_inside_m[i, j]`` the other way round (the geodesic distance to
    the edge inside, 0 outside: how much margin a point has), and
    ``hub[i]`` is the index of the nearest hub in :attr:`Model.hub_points`
    (-1 when none) at ``hub_distance_m[i]``.
    """

    points: Points
    zones: list[str]
    hits: np.ndarray
    distance_to_edge_m: np.ndarray | None = None
    hub: np.ndarray | None = None
    hub_distance_m: np.ndarray | None = None
    distance_inside_m: np.ndarray | None = None
    #: The rows' statuses where they say more than the points' (a usable point whose time is not
    #: usable: :meth:`with_time_codes`); None: the points' statuses.
    row_codes: np.ndarray | None = None
    #: Notes on how the points were read: a DataFrame's lon/lat columns whose names say GCJ-02 or BD-09 while
    #: ``crs`` does not (:func:`avzone.columns.crs_note`).
    read_notes: tuple[str, ...] = ()
    #: The ``attrs`` of a pandas input (a DataFrame, Series, GeoDataFrame or GeoSeries:
    #: :func:`avzone.points.input_attrs`), which :meth:`frame` keeps as :meth:`avzone.model.Model.classify` does.
    input_attrs: dict[Any, Any] = field(default_factory=dict)
    #: The coordinates as given when either may hold text (pandas columns, polars Series and Arrow arrays of text,
    #: lists, arrays of objects or text): the
    #: values of the rows whose status says a coordinate is no number are read from them again for
    #: :meth:`number_notes`; None for other input (numbers, :class:`~avzone.points.Points`, geometries).
    given: tuple[Any, Any] | None = field(default=None, repr=False)
    _number_notes: tuple[tuple[str, str], tuple[Message, ...]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.points)

    @property
    def notes(self) -> list[str]:
        """What else to know about the answers, as one point's :attr:`Location.notes` and a file job's summary
        say it: a CRS PROJ converts to WGS84 without its datum shift (Beijing 1954, Xian 1980:
        :func:`avzone.crs.datum_shift_unknown`), and a DataFrame's column names that say GCJ-02 or BD-09 while
        ``crs`` does not (:attr:`read_notes`, or the :attr:`avzone.points.Points.notes` of points given so),
        and coordinates written as text that are numbers written another way (:meth:`number_notes`); empty when
        there is nothing."""
        note = datum_shift_unknown(self.points.crs)
        read = [n for n in self.points.notes if n not in self.read_notes]  # (Points of to_points(df): its notes)
        return ([] if note is None else [note]) + list(self.read_notes) + read + self.number_notes()

    def number_notes(self) -> list[Message]:
        """For each status saying a coordinate given as text is no number (``lon not a number``), a note naming its
        first rows with their values and how to write each as a number, as ``avzone locate --input``'s summary names
        them (:func:`avzone.points.number_examples`: a decimal comma, thousands separators, a hemisphere letter, an
        en dash for ``-``...: :func:`avzone.points.number_why`); a row by its position from 0 and, when the input's
        index is not those positions, its label. Only when one of those values has such a reason, and only the
        rows of those statuses are looked at (numbers given as numbers: none)."""
        codes, names = self.points.codes, (self.points.names[0], self.points.names[1])
        if self.given is None or not (isinstance(codes, np.ndarray) and codes.shape == (len(self.points),)):
            return []
        if self._number_notes is not None and self._number_notes[0] == names:  # (the statuses name the columns)
            return list(self._number_notes[1])
        given, index = self.given, self.points.index
        labels = None if index is None or _positions(index) else index
        notes = not_number_notes(codes, self.points.labels, names, lambda k, at: _values_at(given[k], at), labels)
        self._number_notes = (names, tuple(notes))
        return notes

    @property
    def status_codes(self) -> np.ndarray:
        """Every row's status code: :attr:`row_codes`, else the points' (their texts: ``points.labels``)."""
        return self.points.codes if self.row_codes is None else self.row_codes

    def status_text(self) -> np.ndarray:
        """Every row's status as an object array of strings (see :attr:`status_codes`)."""
        from avzone.points import codes_to_text

        return codes_to_text(self.status_codes, self.points.labels)

    def with_time_codes(self, tcodes: np.ndarray) -> Located:
        """These answers with the rows whose point is usable but whose time is not saying why (:attr:`row_codes`).

        ``tcodes``: :func:`avzone.zonetime.to_ns`'s code per row. The point's
        own answers (the zones, its geometry) stay; only those that need the
        time (``zone_in_force``, ``in_force``) are empty. A row whose point is
        not usable keeps the point's status.
        """
        from avzone import zonetime
        from avzone.points import TIME_INVALID, TIME_MISSING, TIME_NUMBER, TIME_RANGE, TIME_STRAY

        bad = self.points.ok & (tcodes != zonetime.TIME_OK)
        if not bad.any():
            return self
        rows = self.points.codes.copy()
        for tcode, status in (
            (zonetime.TIME_MISSING, TIME_MISSING),
            (zonetime.TIME_INVALID, TIME_INVALID),
            (zonetime.TIME_RANGE, TIME_RANGE),
            (zonetime.TIME_NUMBER, TIME_NUMBER),
            (zonetime.TIME_STRAY, TIME_STRAY),
        ):
            rows[bad & (tcodes == tcode)] = status
        return dataclasses.replace(self, row_codes=rows)

    def rejected(self) -> Counter:
        """How many rows have each status other than ``ok`` (see :attr:`status_codes`)."""
        counts = np.bincount(self.status_codes, minlength=256)
        labels = self.points.labels
        rejected: Counter = Counter()
        for c in np.flatnonzero(counts):  # (added up: two codes may read alike, a point column's lon and lat reasons)
            if c != OK:
                rejected[labels[int(c)]] += int(counts[c])
        return rejected

    @property
    def ok(self) -> np.ndarray:
        return self.points.ok

    def frame(self) -> pd.DataFrame:
        """One nullable-boolean column per zone layer, ``<NA>`` where a point is not OK; the input's index.

        A pandas input's ``attrs`` are kept (a copy: :attr:`input_attrs`) as :meth:`avzone.model.Model.classify`
        keeps them, and the :attr:`notes`, when there is one, are in ``frame.attrs["notes"]`` (after the input's own
        list of notes: :func:`avzone.points.with_input_attrs`).
        """
        import pandas as pd

        # Without copies: each column's values are a column of `hits`, and its
        # mask a column of one (n, zones) array written in one pass (one byte
        # per point and zone: all that this adds to the answers).
        codes = self.points.codes
        if isinstance(codes, np.ndarray) and codes.ndim == 1 and not codes.any():
            missing = np.zeros(self.hits.shape, dtype=bool)
        else:
            missing = np.not_equal(np.asarray(codes).reshape(-1, 1), OK, out=np.empty(self.hits.shape, dtype=bool))
        index = self.points.index if self.points.index is not None else pd.RangeIndex(len(self.points))
        columns = {z: pd.arrays.BooleanArray(self.hits[:, j], missing[:, j]) for j, z in enumerate(self.zones)}
        frame = pd.DataFrame(columns, index=index, copy=False)
        frame.attrs = with_input_attrs(self.input_attrs, self.notes)
        return frame

    def nearest_hub(self, model: Model, i: int) -> dict[str, Any] | None:
        """The nearest hub of point ``i`` as ``{id, name_en, name_zh, distance_m}`` (``name_zh`` None for a hub
        without one), or None."""
        if self.hub is None or self.hub_distance_m is None or self.hub[i] < 0:
            return None
        hubs = model.hub_points
        k = int(self.hub[i])
        name_zh = hubs.names_zh[k] if k < len(hubs.names_zh) else None
        distance_m = round(float(self.hub_distance_m[i]), 1)
        return {"id": hubs.ids[k], "name_en": hubs.names[k], "name_zh": name_zh, "distance_m": distance_m}

    def location(self, model: Model, i: int = 0) -> Location:
        """Point ``i`` as a :class:`Location` (it must be OK and located with distances)."""
        p = self.points
        dist = self.distance_to_edge_m
        inner = self.distance_inside_m
        return Location(
            lon=float(p.lon[i]),
            lat=float(p.lat[i]),
            crs=p.crs_label,
            input=(float(p.x[i]), float(p.y[i])),
            zones=dict(zip(self.zones, self.hits[i].tolist())),
            distance_to_edge_m=dict(zip(self.zones, dist[i].tolist())) if dist is not None else {},
            nearest_hub=self.nearest_hub(model, i),
            distance_inside_m=dict(zip(self.zones, inner[i].tolist())) if inner is not None else {},
            zone_titles=model.zone_titles,
        )

    def records(self, model: Model, *, ids: list[Any] | None = None) -> list[dict[str, Any]]:
        """One JSON-ready answer per point, in order (the HTTP service's batch answer).

        Each has ``lon``, ``lat`` (WGS84), ``crs``, ``input``, ``zones`` and
        ``status``; with distances also ``distance_to_edge_m``,
        ``distance_inside_m`` and ``nearest_hub``; with ``ids`` an ``id``. ``lon``, ``lat``, ``zones``
        (and the distances) are None unless the status is ``ok``.
        """
        p = self.points
        label = p.crs_label
        status = p.status_text().tolist()
        ok = p.ok.tolist()
        xs = [None if math.isnan(v) else v for v in p.x.tolist()]
        ys = [None if math.isnan(v) else v for v in p.y.tolist()]
        lon, lat, hits = p.lon.tolist(), p.lat.tolist(), self.hits.tolist()
        dist = None if self.distance_to_edge_m is None else self.distance_to_edge_m.tolist()
        inner = None if self.distance_inside_m is None else self.distance_inside_m.tolist()
        out = []
        for i in range(len(p)):
            good = ok[i]
            item: dict[str, Any] = {
                "lon": lon[i] if good else None,
                "lat": lat[i] if good else None,
                "crs": label,
                "input": [xs[i], ys[i]],
                "zones": dict(zip(self.zones, hits[i])) if good else None,
            }
            if dist is not None:
                item["distance_to_edge_m"] = {z: _round(d) for z, d in zip(self.zones, dist[i])} if good else None
                if inner is not None:
                    item["distance_inside_m"] = {z: _round(d) for z, d in zip(self.zones, inner[i])} if good else None
                item["nearest_hub"] = self.nearest_hub(model, i) if good else None
            if ids is not None:
                item["id"] = ids[i]
            item["status"] = status[i]
            out.append(item)
        return out


def _arrow_values(v: Any) -> Any:
    """A polars Series as its Arrow array, a pyarrow Array or ChunkedArray as it is; None for anything else."""
    if _tables.kind_of(v) is None or _tables.is_table(v):
        return None
    return _tables.arrow_column(v)


def may_hold_text(v: Any, n: int) -> bool:
    """Whether ``v``, one coordinate of ``n`` points, may hold text: a pandas Series (or one-column DataFrame) of
    another type than numbers, booleans and times, a polars Series or Arrow array of text, a list or tuple, a 1-d
    array of objects or text."""
    if (arrow := _arrow_values(v)) is not None:
        return len(arrow) == n and _tables.text_type(arrow.type)
    pd_ = sys.modules.get("pandas")
    if pd_ is not None and isinstance(v, pd_.DataFrame) and v.shape[1] == 1:
        v = v.iloc[:, 0]
    if pd_ is not None and isinstance(v, pd_.Series):
        return len(v) == n and v.dtype.kind not in "biufcmM"
    if isinstance(v, np.ndarray):
        return v.shape == (n,) and v.dtype.kind in "OUS"
    return isinstance(v, (list, tuple)) and len(v) == n


def given_text(lons: Any, lats: Any, n: int) -> tuple[Any, Any] | None:
    """``(lons, lats)`` when either may hold text (:func:`may_hold_text`) and both are columns of ``n`` values
    (a Series or one-column DataFrame, a polars Series or Arrow array, a 1-d array, a list or tuple): the values a
    note on the rows that are no number reads (:meth:`Located.number_notes`; one column of text beside one of
    numbers too). None otherwise."""
    if not (may_hold_text(lons, n) or may_hold_text(lats, n)):
        return None
    return (lons, lats) if _column_of(lons, n) and _column_of(lats, n) else None


def _column_of(v: Any, n: int) -> bool:
    """Whether ``v`` is a column of ``n`` values :func:`_values_at` reads."""
    if (arrow := _arrow_values(v)) is not None:
        return len(arrow) == n
    pd_ = sys.modules.get("pandas")
    if pd_ is not None and isinstance(v, pd_.DataFrame):
        return v.shape == (n, 1)
    if pd_ is not None and isinstance(v, pd_.Series):
        return len(v) == n
    if isinstance(v, np.ndarray):
        return v.shape == (n,)
    return isinstance(v, (list, tuple)) and len(v) == n


def _values_at(v: Any, rows: np.ndarray) -> list[Any]:
    """The values of ``v`` (:func:`may_hold_text`) at positions ``rows``."""
    if (arrow := _arrow_values(v)) is not None:
        import pyarrow as pa

        return arrow.take(pa.array(rows, pa.int64())).to_pylist()
    pd_ = sys.modules.get("pandas")
    if pd_ is not None and isinstance(v, pd_.DataFrame):
        v = v.iloc[:, 0]
    if pd_ is not None and isinstance(v, pd_.Series):
        return v.iloc[rows].tolist()
    if isinstance(v, np.ndarray):
        return v[rows].tolist()
    return [v[int(i)] for i in rows]


def time_notes(refused: np.ndarray, times: Any, column: str, time_unit: str | None, index: Any = None) -> list[Message]:
    """The note naming the first rows whose time is no date/time (``refused``: a row's status says so) with their
    values and why each is none, as a file job's summary names them under that status
    (:func:`avzone.rowexamples.value_why`: :func:`avzone.zonetime.time_why` read in ``time_unit``), a row by its
    position from 0 and, when ``index`` is not those positions, its label; ``column``: how the rows name the time
    (its column's name). Only when one of those values has such a reason, and only those few rows are read again
    (:func:`classify`'s ``times=`` and :func:`avzone.events.events`' time column alike)."""
    from avzone.points import TIME_INVALID, TIME_LABELS
    from avzone.rowexamples import EXAMPLE_CHARS, EXAMPLE_ROWS, RowExample, value_why

    at = np.flatnonzero(refused)
    if not at.size:
        return []
    first = at[:EXAMPLE_ROWS]
    values = _values_at(times, first)
    examples = [
        RowExample(int(row), ((column, Quoted.of(v, EXAMPLE_CHARS), value_why("time", v, time_unit)),))
        for row, v in zip(first.tolist(), values, strict=True)
    ]
    if all(e.values[0][2] is None for e in examples):
        return []
    labels = None if index is None or _positions(index) else index
    lines: list[Message] = [labelled_example(e, labels).message() for e in examples]
    n = int(at.size)
    if (more := n - len(examples)) > 0:
        lines.append(Message("example_more_1" if more == 1 else "example_more", n=f"{more:,}"))
    key = "note_not_times_1" if n == 1 else "note_not_times"
    return [Message(key, status=TIME_LABELS[TIME_INVALID], n=f"{n:,}", rows=Joined(lines, "line"))]


def _positions(index: Any) -> bool:
    """Whether a pandas index is its rows' positions (0, 1, 2...): a row named by its position alone."""
    pd_ = sys.modules.get("pandas")
    return pd_ is not None and isinstance(index, pd_.RangeIndex) and index.start == 0 and index.step == 1


def _round(v: float) -> float | None:
    return round(v, 1) if v == v else None


@_names_own_crs("crs")
def locate_many(
    model: Model,
    lons: Any,
    lats: Any = None,
    crs: Any = None,
    *,
    distances: bool = False,
    threads: int | None = None,
) -> Located:
    """Locate many points at once: zones, and optionally distances to edges and the nearest hub.

    Parameters
    ----------
    model : Model
    lons, lats : array-like, pandas Series, or ``lats=None`` with a GeoSeries / GeoDataFrame / shapely Point / DataFrame
        Any input :func:`avzone.points.to_points` takes, or :class:`~avzone.points.Points`
        already made (then ``lats`` and ``crs`` are not given), or a pandas DataFrame alone
        whose lon and lat columns are found by name as :func:`classify` finds them (the same
        code: :func:`frame_columns`), its index kept in ``points.index``.
    crs : str or pyproj.CRS, optional
        The input's CRS; default a frame's own, else WGS84. An unknown one
        is a :class:`~avzone.CRSError` naming ``crs=``.
    distances : bool
        Add the geodesic distance to each zone's edge from outside
        (``distance_to_edge_m``) and from inside (``distance_inside_m``),
        and the nearest hub.
    threads : int or None
        Worker threads for the index: 0 for all cores; None (default) one
        thread below 2,097,152 points and all cores from there on.

    Returns
    -------
    Located
        Arrays in input order. Points that are missing (None, a null, a
        NaN number: ``missing lon``; the text ``"nan"`` is not finite, see
        :mod:`avzone.points`), not numbers, not finite, out of range, not convertible, not point geometries, or
        that make sense only with lon and lat swapped, as degrees given
        with a projected CRS, or as metres of another common CRS
        (:func:`avzone.points.mark_misread`) get a status saying so (never
        an exception for the whole array). So do the points of an input
        most of whose first 100,000 points make sense only with their minus
        signs dropped, read as radians, or as NMEA degrees and minutes run
        together (``dddmm.mmmm``), where a file job stops: each point that
        makes sense only so (a single point, and a few among points that
        are fine, keep their answers as given).

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> res = locate_many(model, [116.50, 39.79], [39.79, 116.50])
    >>> res.points.status_text()[1][:27], res.hits[0].any()
    ('lon and lat look swapped: o', np.True_)
    """
    if not model.zone_layers:
        raise DataError(Message("err_no_zone_layer", dataset=model.name, folder=model.folder))
    given = input_attrs(lons, lats)  # (the frame's attrs: the input's, as pandas passes them on)
    named = frame_columns(lons, lats, crs, call="locate_many")  # a plain DataFrame alone: its columns found by name
    if named is not None:
        lons, lats, note, names = named
    if not (isinstance(lons, Points) or geometry_frame(lons)):  # (before the one pass: it reads Series' values as
        # they are; a GeoSeries' attrs are weighed against its CRS by to_points)
        refuse_attrs_crs(lons, crs)
        refuse_attrs_crs(lats, crs)
    fast_pts, hits = _one_pass(model, lons, lats, crs, threads)
    if fast_pts is not None and hits is not None:
        pts = fast_pts
    else:
        # (Points given: judged as one input when to_points made them and no one judged them yet, Points.whole;
        # a file's chunk is judged by the file's first rows)
        pts = lons if isinstance(lons, Points) else to_points(lons, lats, crs)
        mark_misread(pts, model.bounds)
        if hits is None:
            hits = model.zone_index.classify(pts.lon, pts.lat, threads=threads)  # NaN (not OK) gives False
    if named is not None:  # (an Arrow column's values carry no name: the statuses name the columns)
        pts.names = names
    zones = list(model.zone_layers)
    result = Located(points=pts, zones=zones, hits=hits, input_attrs=given)
    result.given = given_text(lons, lats, len(pts))  # (the rows of text that is no number: noted)
    if named is not None and note is not None:
        result.read_notes = (note,)
    if distances:
        if len(pts) == 1:
            _distances_one(model, result)
        else:
            _distances_many(model, result)
    return result


def located_one_pass(
    model: Model,
    lons: np.ndarray,
    lats: np.ndarray,
    crs: Any = None,
    *,
    threads: int | None = None,
    columns: tuple[pd.Series, pd.Series] | None = None,
) -> Located | None:
    """:func:`locate_many`'s answer for 1-d float64 arrays in WGS84, GCJ-02 or BD-09, in one pass of the index.

    None for other input, and when more than a quarter of the points lie
    outside the dataset's bounds (:func:`_one_pass`). ``columns``: the
    pandas columns the arrays are the values of: the statuses of the points
    outside the bounds are made from them (from the arrays otherwise, as
    :func:`locate_many` does; a NaN is a missing value in both).
    """
    pts, hits = _one_pass(model, lons, lats, crs, threads, columns)
    if pts is None or hits is None:
        return None
    return Located(points=pts, zones=list(model.zone_layers), hits=hits)


def _one_pass(
    model: Model,
    lons: Any,
    lats: Any,
    crs: Any,
    threads: int | None,
    columns: tuple[pd.Series, pd.Series] | None = None,
) -> tuple[Points | None, np.ndarray | None]:
    """The common large case in one pass of the index over the points: ``(points, hits)``.

    For 1-d float64 arrays in WGS84 (or two float64 Series with one index:
    their values, the index kept), the index classifies the points and, in
    the same pass, counts those outside the dataset's bounds (NaN included).
    Every point inside is valid and not swapped, so its status is OK; only
    the points outside (a quarter of them at most) get their statuses as
    the general path makes them (:func:`~avzone.points.to_points` and the
    swapped test on those points alone: each point's status depends on it
    alone), and no zone holds them. With more outside, ``points`` is None
    and the general path makes the statuses, reusing ``hits`` (the same
    index on the same WGS84 numbers). GCJ-02 and BD-09 arrays are converted
    first (in ``threads`` parts, as the index would use; a point that does
    not converge is NaN, outside the bounds, and worded as the general path
    words it), then the same holds of the converted points; they are not converted when most of
    a sample of them lies beyond the bounds. For other input both are None.
    """
    index = None
    pd_ = sys.modules.get("pandas")  # (a Series implies pandas is imported)
    if pd_ is not None and isinstance(lons, pd_.Series) and isinstance(lats, pd_.Series) and columns is None:
        # float64 columns with the same index: their values, the index kept, their NaN missing values
        if not (lons.dtype == np.float64 and lats.dtype == np.float64 and lons.index.equals(lats.index)):
            return None, None
        columns, index = (lons, lats), lons.index
        lons, lats = np.ascontiguousarray(lons.to_numpy()), np.ascontiguousarray(lats.to_numpy())
    if not (type(lons) is np.ndarray and type(lats) is np.ndarray and lons.ndim == 1 and lons.shape == lats.shape):
        return None, None
    if lons.dtype != np.float64 or lats.dtype != np.float64 or lons.size <= 64:
        return None, None
    norm = WGS84 if crs is None else normalize_crs(crs)
    if not (isinstance(norm, str) and norm in (WGS84, "gcj02", "bd09")):
        return None, None
    n = lons.size
    w, s, e, north = model.bounds or (-180.0, -90.0, 180.0, 90.0)
    box = (max(w, -180.0), max(s, -90.0), min(e, 180.0), min(north, 90.0))
    if norm == WGS84:
        lon, lat = lons, lats
    else:
        # (GCJ-02 and BD-09 lie within _OFFSET_DEG of WGS84: when a quarter of a sample lies further than that
        # beyond the bounds, or is NaN, the general path takes the array, before any conversion)
        m = _OFFSET_DEG
        step = max(1, n // 4096)
        sx, sy = lons[::step], lats[::step]
        near = (sx >= box[0] - m) & (sx <= box[2] + m) & (sy >= box[1] - m) & (sy <= box[3] + m)
        if 4 * int(np.count_nonzero(~near)) > near.size:
            return None, None
        converted = _converted(lons, lats, norm, model.zone_index._threads(threads, n))
        if converted is None:
            return None, None
        lon, lat = converted
    hits, outside = model.zone_index.classify_within(lon, lat, box, threads=threads)
    codes = np.zeros(n, dtype=np.uint8)
    if outside:
        if 4 * outside > n:
            return None, (hits if norm == WGS84 else None)
        far = np.flatnonzero(~in_bounds(lon, lat, box))  # (NaN included)
        if head_misread(lon, lat, lons, lats, norm, model.bounds):  # (most first points read another way)
            return None, (hits if norm == WGS84 else None)  # (marked by the general path: mark_misread)
        if columns is not None:
            sub = to_points(columns[0].iloc[far], columns[1].iloc[far], norm)
        else:
            sub = to_points(lons[far], lats[far], norm)
        mark_misread(sub, model.bounds, whole=False)  # (a part: the whole input's head judged above)
        if lon is lons:  # (never write into the caller's arrays)
            lon, lat = lon.copy(), lat.copy()
        lon[far], lat[far], codes[far] = sub.lon, sub.lat, sub.codes
        hits[far] = False  # (outside the bounds no zone holds a point; and a point not OK is in none)
    names = DEFAULT_NAMES if columns is None else column_names(*columns)  # (as to_points names them)
    return Points(lon=lon, lat=lat, x=lons, y=lats, codes=codes, crs=norm, index=index, names=names), hits


#: More than GCJ-02's and BD-09's offsets from WGS84 (under 0.02 degree), in degrees.
_OFFSET_DEG = 0.05
#: Points per part below which a conversion is not split across threads.
_CONVERT_PART = 1 << 16


def _converted(x: np.ndarray, y: np.ndarray, crs: str, nthreads: int) -> tuple[np.ndarray, np.ndarray] | None:
    """GCJ-02 or BD-09 ``x, y`` in WGS84, in ``nthreads`` parts at once (NaN where a point does not converge)."""
    from avzone.crs import CRSError, to_wgs84

    n = x.size
    parts = max(1, min(nthreads, n // _CONVERT_PART))
    try:
        if parts == 1:
            a, b = to_wgs84(x, y, crs, unconverged="nan")
            return np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        from concurrent.futures import ThreadPoolExecutor  # (the conversion kernels release the GIL)

        lon, lat = np.empty(n), np.empty(n)
        bounds = np.linspace(0, n, parts + 1).astype(np.int64)

        def part(k: int) -> None:
            i, j = bounds[k], bounds[k + 1]
            lon[i:j], lat[i:j] = to_wgs84(x[i:j], y[i:j], crs, unconverged="nan")

        with ThreadPoolExecutor(max_workers=parts) as pool:
            list(pool.map(part, range(parts)))
        return lon, lat
    except CRSError:
        return None


def _distances_many(model: Model, res: Located) -> None:
    p, n = res.points, len(res.points)
    ok = p.ok
    dist = np.full((n, len(res.zones)), np.nan)
    dist[ok] = 0.0
    inner = dist.copy()
    for j, z in enumerate(res.zones):
        edge = model.edges[z]
        for out, need in ((dist, ok & ~res.hits[:, j]), (inner, ok & res.hits[:, j])):
            if need.any():
                out[need, j] = np.nan if edge.empty else edge.distances(p.lon[need], p.lat[need])
    hub = np.full(n, -1, dtype=np.int64)
    hub_d = np.full(n, np.nan)
    hubs = model.hub_points
    okx = np.flatnonzero(ok)
    if hubs.ids and okx.size:
        for start in range(0, okx.size, HUB_BLOCK):
            part = okx[start : start + HUB_BLOCK]
            d = geodesy.distance_m(p.lon[part, None], p.lat[part, None], hubs.lon[None, :], hubs.lat[None, :])
            best = np.nanargmin(d, axis=1)
            hub[part] = best
            hub_d[part] = d[np.arange(part.size), best]
    res.distance_to_edge_m, res.distance_inside_m, res.hub, res.hub_distance_m = dist, inner, hub, hub_d


def _distances_one(model: Model, res: Located) -> None:
    """:func:`_distances_many` for one point, with Python floats (no pyproj: avzone._plane and geographiclib).

    The nearest boundary point of every zone (from outside or inside) is
    found in one vectorized shapely call, and one geodesic call measures
    the way to those points and to every hub.
    """
    k = len(res.zones)
    hub, hub_distance = -1, math.nan
    if res.points.codes[0] != OK:
        res.distance_to_edge_m = np.full((1, k), np.nan)
        res.distance_inside_m = np.full((1, k), np.nan)
        res.hub, res.hub_distance_m = np.array([hub]), np.array([hub_distance])
        return
    lon, lat = float(res.points.lon[0]), float(res.points.lat[0])
    hits = res.hits[0].tolist()
    all_edges = model.edges
    edges = [all_edges[z] for z in res.zones]
    dist = [0.0 if inside else math.nan for inside in hits]
    inner = [math.nan if inside else 0.0 for inside in hits]
    outside = [j for j, e in enumerate(edges) if not e.empty]  # every zone with an edge, inside or not
    to_lon: list[float] = []
    to_lat: list[float] = []
    if outside:
        pxy = [edges[j].fwd.transform(lon, lat) for j in outside]
        with np.errstate(invalid="ignore"):
            lines = shapely.shortest_line(
                shapely.points(pxy), np.array([edges[j].projected for j in outside], dtype=object)
            )
        ends = shapely.get_point(lines, 1)
        for j, ex, ey in zip(outside, shapely.get_x(ends).tolist(), shapely.get_y(ends).tolist()):
            nlon, nlat = edges[j].inv.transform(ex, ey)
            to_lon.append(nlon)
            to_lat.append(nlat)
    hubs = model.hub_points
    m = len(to_lon) + hubs.lon.size
    if m:
        # GeographicLib in Python for these few distances: no pyproj import for one point
        d = geodesy.distances_from(lon, lat, to_lon + hubs.lon.tolist(), to_lat + hubs.lat.tolist())
        for j, v in zip(outside, d[: len(to_lon)]):
            # beyond the local projection's reach: the exact fallback of BoundaryDistance
            v = v if v == v else float(edges[j].distances([lon], [lat])[0])
            if hits[j]:
                inner[j] = v
            else:
                dist[j] = v
        hub_d = [v for v in d[len(to_lon) :] if v == v]
        if hub_d:
            best = min(hub_d)
            hub, hub_distance = d.index(best, len(to_lon)) - len(to_lon), best  # the first nearest
    res.distance_to_edge_m = np.array([dist])
    res.distance_inside_m = np.array([inner])
    res.hub, res.hub_distance_m = np.array([hub]), np.array([hub_distance])


class _ClassifyOptions(TypedDict, total=False):
    """:func:`classify`'s keywords that never decide the answer's kind, for its overloads."""

    threads: int | None
    time_unit: str | None
    status: bool


class _ClassifyTimes(_ClassifyOptions, total=False):
    """:func:`classify`'s keywords where ``times`` does not decide the answer's kind (it is no pandas Series)."""

    times: Any


# (the answer's kind: pandas when a pandas input carries an index, else polars for polars input, else Arrow for
# Arrow input, else pandas: the rule of avzone._tables.answer_kind. Model.classify is typed by these overloads too.)
@overload
def classify(
    model: Model, lons: PandasData, lats: Any = None, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pd.DataFrame: ...
@overload
def classify(
    model: Model, lons: Any, lats: pd.Series[Any], crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pd.DataFrame: ...
@overload
def classify(
    model: Model,
    lons: Any,
    lats: Any = None,
    crs: Any = None,
    *,
    times: pd.Series[Any],
    **options: Unpack[_ClassifyOptions],
) -> pd.DataFrame: ...
@overload
def classify(
    model: Model, lons: PolarsData, lats: Any = None, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pl.DataFrame: ...
@overload
def classify(
    model: Model, lons: Any, lats: pl.Series, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pl.DataFrame: ...
@overload
def classify(
    model: Model, lons: ArrowData, lats: Any = None, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pa.Table: ...
@overload
def classify(
    model: Model, lons: Any, lats: ArrowArrayLike, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pa.Table: ...
@overload
def classify(
    model: Model, lons: Any, lats: Any = None, crs: Any = None, **options: Unpack[_ClassifyTimes]
) -> pd.DataFrame: ...


@_names_own_crs("crs")
def classify(
    model: Model,
    lons: Any,
    lats: Any = None,
    crs: Any = None,
    *,
    threads: int | None = None,
    times: Any = None,
    time_unit: str | None = None,
    status: bool = False,
) -> pd.DataFrame | pl.DataFrame | pa.Table:
    """Which zone layers cover each point, in input order, vectorized.

    Parameters
    ----------
    model : Model
    lons, lats : array-like or pandas Series
        Coordinates in ``crs`` (x and y for a projected CRS), same length
        (a one-column DataFrame is its column, its index kept; an iterator,
        a generator or ``map``, the list of its values; a set or a mapping,
        which has no order to pair by, and a DataFrame of several columns
        beside ``lats`` are an InputError naming the argument).
        Or ``lons`` alone: a GeoSeries or GeoDataFrame of points (its CRS
        is used; a ``crs`` that contradicts it is refused), a shapely Point,
        or a pandas DataFrame (a GeoDataFrame without an active geometry
        column too) whose lon and lat columns are found by name as
        ``avzone locate --input`` finds them (``lon``, ``lng``, ``longitude``,
        ``经度``, ``纬度(WGS84)``...; none or two such columns is an InputError
        naming them; names that say GCJ-02 or BD-09 while ``crs`` says
        otherwise give a note in ``frame.attrs["notes"]``, the CRS unchanged).
        polars and Arrow data are read as pandas data is: polars Series and
        pyarrow Arrays or ChunkedArrays as ``lons`` and ``lats`` (nulls are
        missing values), a polars DataFrame or a pyarrow Table or
        RecordBatch alone by its column names (a coordinate column that
        holds no numbers, text for one, is an InputError naming it and the
        cast); the answer is then of their kind (see Returns).
    crs : str or pyproj.CRS, optional
        Anything pyproj accepts (EPSG code, WKT, PROJ string), or ``"gcj02"``
        / ``"bd09"`` for the offsets of Chinese web maps. Default a frame's
        own CRS, else WGS84. An unknown one is a :class:`~avzone.CRSError`
        naming ``crs=``; a time or times in its place (the third argument:
        ``classify(lons, lats, df.ts)``) an InputError naming ``times=``.
    threads : int or None
        Worker threads for the index: 0 for all cores; None (default) one
        thread below 2,097,152 points and all cores from there on.
    times : array-like, pandas Series or one time, optional
        One time per point (numpy ``datetime64``, pandas datetimes with or
        without a time zone, ``datetime`` objects, ISO 8601 strings, or a
        pyarrow array or polars Series of any of them, a timestamp or
        ``Datetime`` in its own zone;
        **naive times are Beijing time**), taken in order (a one-column
        DataFrame and an iterator as for ``lons``); or one time
        alone (a ``str``, ``date``, ``datetime``, numpy ``datetime64``,
        pandas ``Timestamp``, a number with ``time_unit``: a scalar, not in
        a list or array), which applies to every point, as numpy and pandas
        broadcast a scalar; one time that is missing or no time is an
        InputError naming ``times=``, as :func:`locate` names ``at=``. A
        sequence of another length than the points is an InputError saying
        both lengths, and so is the name of a column of the frame given as
        ``lons`` (``times="ts"``: give its values, ``times=df["ts"]``). A Series must
        have the points' index when the points are Series (else an
        InputError naming the first row where they differ: align them
        first); beside points without an index (arrays, lists) its index is
        the answer's. Adds an ``in_force`` column: was
        the point inside the zone stage in force at its time
        (:func:`avzone.zonetime.zone_at`)? False when no stage was in force
        then; ``<NA>`` where the point or its time is unusable.
    time_unit : {"s", "ms", "us", "ns"} or None
        The unit of ``times`` given as numbers: Unix epoch times since
        1970-01-01 **UTC** (not Beijing time), floats rounded to the
        nanosecond (see :func:`avzone.zonetime.to_ns`). Default None: a
        number is not a time (``<NA>``). Any other value is an InputError,
        and so is a unit for ``times`` typed as datetimes (numpy, pandas or
        Arrow timestamps or dates: it applies to none of them); for
        ``times`` of text without a number among them it was not used, and
        ``frame.attrs["notes"]`` says so. Times that are no date/time for a
        reason beyond their status (``2024-13-01 08:10``: no month 13) are
        named there too, their first rows, each value and why, as a file
        job's summary names them (:func:`time_notes`).
    status : bool
        Also a ``status`` column (categorical): ``ok``, or why the row's
        answers are ``<NA>`` (text in a polars or Arrow answer), in the words of ``avzone locate --input``'s
        status column (``missing lat``, swapped lon/lat, degrees given with a
        projected CRS, another common CRS's metres; minus signs dropped,
        radians or NMEA degrees and minutes when at least half of the input's points
        are so, see :func:`locate_many`; and with ``times`` a time that is missing, not a
        date/time or a number without ``time_unit``: then only ``in_force``
        is ``<NA>``); a DataFrame's columns (or two Series') named by their
        names, as the file job names a file's (``missing 经度``).
        ``in_force`` and ``status`` are added under another name where a zone
        layer has theirs, in any case (``status_2`` beside a zone layer
        ``status``: :func:`avzone.columns.output_names`, the file jobs'
        rule), and ``frame.attrs["notes"]`` says so: a zone layer's column is
        never overwritten.

    Returns
    -------
    pandas.DataFrame
        One nullable-boolean column per zone layer, named by layer id, one
        row per point in input order, with the input's index: whichever
        pandas input carries one (a Series', GeoSeries' or GeoDataFrame's,
        ``lons``', ``lats``' or ``times``'; inputs that carry different
        ones are refused), a RangeIndex when none does (arrays and lists), so
        ``pd.concat([df, model.classify(df.lon, df.lat)], axis=1)`` puts each
        answer beside its row, repeated index labels too (``df.join`` would
        pair every row of a repeated label with every answer of that
        label). A point is in a zone when the zone covers it (its boundary
        counts as inside). A point whose coordinates are missing, not
        finite, out of range after conversion, swapped, or that makes sense
        only read in another CRS or, as at least half of the input's points, another
        way (see :func:`locate_many`) gets ``<NA>`` in
        every column, never a silent ``False``. The frame's ``attrs`` are a
        copy of the input's (a pandas input's: those of ``lons`` and ``lats``, ``lons``' value of a key both
        have), as pandas passes them on, and avzone's notes are added under ``"notes"`` (after the input's own
        notes when it holds a list of them; under ``"avzone_notes"`` when its ``"notes"`` are another value,
        which is kept). A ``crs`` PROJ converts to
        WGS84 without its datum shift (Beijing 1954, Xian 1980) puts its
        note in ``frame.attrs["notes"]`` (:attr:`Located.notes`; no key
        when there is none).
    polars.DataFrame or pyarrow.Table
        For polars points (a polars DataFrame or Series) a polars DataFrame,
        for Arrow points (a Table, RecordBatch, Array or ChunkedArray) a
        pyarrow Table, unless a pandas input carries an index (then a pandas
        DataFrame, as above): the same columns and rows, in input order, no
        index; booleans with nulls where pandas has ``<NA>``, ``status`` as
        text; an Arrow table's notes in its schema metadata
        (``table.schema.metadata[b"notes"]``, a JSON list of texts; a polars
        DataFrame holds none: :attr:`Located.notes` of :func:`locate_many`
        gives them). The overloads say so to a type checker (pyarrow ships
        no types: without its stubs an Arrow input, and so the answer, is
        ``Any`` to it).

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> df = model.classify([116.50, 116.3975], [39.79, 39.9087])
    >>> df[["current", "planned"]].to_dict("list")
    {'current': [True, False], 'planned': [True, False]}
    """
    from avzone.zonetime import check_unit

    check_unit(time_unit)
    given = input_attrs(lons, lats)  # (the answer's attrs: the input's, as pandas passes them on)
    pd_ = sys.modules.get("pandas")  # (a DataFrame implies pandas is imported)
    # (polars or Arrow points: answered as a polars DataFrame or an Arrow table, unless pandas times carry an index)
    kind = None if pd_ is not None and isinstance(times, pd_.Series) else _tables.answer_kind(lons, lats)
    if _tables.is_table(lons):
        columns = _tables.arrow_table(lons).column_names
    else:
        columns = lons.columns if pd_ is not None and isinstance(lons, pd_.DataFrame) else ()
    if isinstance(times, str) and times in columns:
        # (classify(df, times="ts"), as events takes time="ts": the column's name, read as one time for every point)
        raise InputError(Message("err_times_column_name", column=Quoted.of(times)))
    try:
        named = frame_columns(lons, lats, crs, call="classify")  # a plain DataFrame alone: its columns found by name
        if named is not None:
            lons, lats, note, names = named
        res = locate_many(model, lons, lats, crs, threads=threads)
        if named is not None:  # (an Arrow column's values carry no name: the statuses name the columns)
            res.points.names = names
    except CRSError:  # (classify(lons, lats, df.ts): times in crs's place)
        hint = _time_as_crs(crs, "times")
        if hint is None:
            raise
        raise hint from None
    frame = res.frame()
    frame.attrs = {"notes": notes} if (notes := res.notes) else {}  # (the input's attrs: given, at the end)
    if named is not None and note is not None:
        frame.attrs["notes"] = [*frame.attrs.get("notes", []), note]
    # (the columns added beside the zone layers': under another name where a zone layer has theirs, noted)
    added = [name for name, wanted in (("in_force", times is not None), ("status", status)) if wanted]
    column = dict(zip(added, output_names(list(res.zones), added)))
    if renamed := [f"{a} -> {b}" for a, b in column.items() if a != b]:
        renamed_note = Message("note_answer_columns_renamed", columns=Joined(renamed, "comma"))
        frame.attrs["notes"] = [*frame.attrs.get("notes", []), renamed_note]
    if times is not None:
        import pandas as pd

        from avzone import zonetime
        from avzone.points import TIME_INVALID as points_time_invalid

        times = in_order(times, "times")  # (a generator's values; a one-column frame's column, its index checked)
        if zonetime.one_time(times):  # one time for every point (as numpy and pandas broadcast a scalar)
            try:
                one = zonetime.instant(times, time_unit, takes_unit=True, name="times=")
            except InputError as exc:  # (naming the argument, as locate's at= names its own; the unit's checks do)
                said = exc.args[0]
                if isinstance(said, Message) and said.key not in ("err_bad_time", "err_time_no_day"):
                    raise
                raise InputError(Message("err_option_value", option="times=", error=said)) from None
            ns, tcodes = np.full(len(res), one, dtype=np.int64), np.zeros(len(res), dtype=np.uint8)
        else:
            ns, tcodes = zonetime.to_ns(times, time_unit)
        if ns.size != len(res):
            raise InputError(Message("err_times_points_length", t=ns.size, n=len(res)))
        if isinstance(times, pd.Series):  # (one index for the answer: the points', times' or both when they agree)
            if res.points.index is None:
                frame.index = times.index
            elif not times.index.equals(frame.index):
                difference = index_difference(times.index, frame.index, "index_times", "index_points")
                raise InputError(Message("err_times_points_index", difference=difference))
        _, inside = zonetime.in_force(model, res.hits, res.zones, ns)
        res = res.with_time_codes(tcodes)
        frame[column["in_force"]] = pd.arrays.BooleanArray(inside, res.status_codes != OK)
        time_name = times.name if isinstance(times, pd.Series) and times.name is not None else "times"  # (0: 0)
        if (unused := zonetime.unit_unused(time_unit, time_name, times)) is not None:
            frame.attrs["notes"] = [*frame.attrs.get("notes", []), unused]  # (a unit no time took)
        refused = res.status_codes == points_time_invalid
        if refused.any() and not zonetime.one_time(times):  # (the first rows whose time is none, and why)
            said = time_notes(refused, times, str(time_name), time_unit, frame.index)
            frame.attrs["notes"] = [*frame.attrs.get("notes", []), *said]
    if status:
        import pandas as pd

        codes = res.status_codes
        present = np.flatnonzero(np.bincount(codes, minlength=256))
        labels = res.points.labels
        frame[column["status"]] = pd.Categorical.from_codes(
            np.searchsorted(present, codes), categories=pd.Index([labels[int(c)] for c in present])
        )
    frame.attrs = with_input_attrs(given, frame.attrs.get("notes"))
    return frame if kind is None else _tables.answer(frame, kind)


@dataclass(frozen=True)
class Location:
    """Where one point lies relative to the zones and hubs.

    ``lon``/``lat`` are WGS84; ``input`` is the point as given, in ``crs``.
    ``distance_to_edge_m`` is 0 for a zone the point is in, else the geodesic
    distance to that zone's nearest edge; ``distance_inside_m`` is the other
    way round: for a zone the point is in, the geodesic distance to its
    nearest edge (the margin), else 0. ``distance_inside_m -
    distance_to_edge_m`` is the signed distance to each edge (positive
    inside).
    """

    lon: float
    lat: float
    crs: str
    input: tuple[float, float]
    zones: dict[str, bool]
    distance_to_edge_m: dict[str, float]
    nearest_hub: dict[str, Any] | None
    distance_inside_m: dict[str, float] = field(default_factory=dict)
    zone_titles: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: With a time (``at``): the instant asked (Beijing time, ISO 8601), the zone layer in force then
    #: (None when none was: before the first stage, after a last one ended, in a gap), whether the point was
    #: inside it (False when none was), and ``"ok"`` or why no zone was in force.
    at: str | None = None
    zone_in_force: str | None = None
    in_force: bool | None = None
    in_force_status: str | None = None
    #: What else to know about the answer, as a file job's summary notes it: a CRS PROJ converts to WGS84
    #: without its datum shift (Beijing 1954, Xian 1980: :func:`avzone.crs.datum_shift_unknown`).
    notes: tuple[str, ...] = ()

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON form used by ``avzone locate --json`` and the HTTP API (the time fields only with ``at``,
        ``notes`` only when there is one, in ``lang``: the rest is the same in any language)."""
        out = self._base_dict()
        if self.notes:
            out["notes"] = [json_text(n, lang) for n in self.notes]
        if self.at is not None:
            out.update(
                at=self.at,
                zone_in_force=self.zone_in_force,
                in_force=self.in_force,
                in_force_status=self.in_force_status,
            )
        return out

    def _base_dict(self) -> dict[str, Any]:
        return {
            "lon": self.lon,
            "lat": self.lat,
            "crs": self.crs,
            "input": list(self.input),
            "zones": dict(self.zones),
            "distance_to_edge_m": {k: round(v, 1) for k, v in self.distance_to_edge_m.items()},
            "distance_inside_m": {k: round(v, 1) for k, v in self.distance_inside_m.items()},
            "nearest_hub": dict(self.nearest_hub) if self.nearest_hub else None,
        }

    def summary(self) -> str:
        """One line for a person, e.g. ``inside the 160 km² current zone ...`` (the dataset's zone and hub names with
        any character that is not printable escaped, as a message writes a text it echoes:
        :func:`~avzone.i18n.printable`): the catalogue's sentences (:func:`~avzone.i18n.summary_parts`) in English."""
        parts = summary_parts(self, lambda z: self.zone_titles.get(z, z), lambda hub: hub["name_en"])
        return printable(str(Joined(parts)))  # (the English text: a Joined as a str)


def zone_title(model: Model, layer_id: str) -> str:
    """``the 160 km² current zone``: how a person names a zone layer (:attr:`Model.zone_titles`)."""
    model.layer_geometry(layer_id)  # names the problem for an unknown or non-zone layer
    return model.zone_titles[layer_id]


def _coordinate(v: Any) -> float | str | np.number | None:
    """One coordinate given to :func:`locate` as numpy takes it: a number or a text (a 0-d array as the one value it
    holds, as numpy reads it); None for anything else (a 1-d array of one value is an array of one point).

    Any real number counts (a ``Decimal`` or ``Fraction`` from a database's numeric column, as a float; a
    signalling NaN as NaN); booleans do not.
    """
    if isinstance(v, np.ndarray) and v.ndim == 0:  # numpy's one number (np.asarray(116.5), a reduction's answer)
        v = v[()]
    pa = sys.modules.get("pyarrow")  # (an Arrow scalar implies pyarrow is imported)
    if pa is not None and isinstance(v, pa.Scalar):  # an Arrow array's cell (arr[0]): its value; a null is None
        v = v.as_py()
    if isinstance(v, (bool, np.bool_)):
        return None
    if isinstance(v, (int, float, np.number, str)):
        return v
    dec = sys.modules.get("decimal")
    if isinstance(v, numbers.Real) or (dec is not None and isinstance(v, dec.Decimal)):
        try:
            return float(v)
        except (ValueError, OverflowError):  # Decimal('sNaN'); a Fraction beyond float range
            if isinstance(v, numbers.Rational):
                return math.inf if int(v.numerator) > 0 else -math.inf
            return math.nan
    return None


def _time_as_crs(crs: Any, option: str) -> InputError | None:
    """The error for a time (or times) given in ``crs``'s place, that names no CRS: ``option`` (``at``, ``times``) is
    what takes it; None when ``crs`` is no time."""
    from avzone import zonetime

    if crs is None:
        return None
    if isinstance(crs, (str, *_TIME_TYPES)) or (zonetime.one_time(crs) and not isinstance(crs, numbers.Number)):
        try:
            zonetime.instant(crs)
        except InputError:
            return None
        one = True
    else:
        try:
            _, codes = zonetime.to_ns(crs)
        except Exception:  # (anything else: no times)
            return None
        if not (codes == zonetime.TIME_OK).any():
            return None
        one = False
    call = "model.locate(lon, lat, at=...)" if option == "at" else "model.classify(lons, lats, times=...)"
    shown = Quoted.of(crs) if one else type(crs).__name__
    return InputError(
        Message("err_time_as_crs" if one else "err_times_as_crs", crs=shown, option=Option(option), call=call)
    )


#: Kinds of one time (besides text) that are no CRS.
_TIME_TYPES = (dt.date, np.datetime64)


def _pair(v: Any) -> bool:
    """Whether ``v`` is one point's two coordinates in a tuple or list (what ``locate(point)`` is given)."""
    if not (isinstance(v, (tuple, list)) and len(v) == 2):
        return False
    return all((number_text(c) is not None) if isinstance(c, str) else (_coordinate(c) is not None) for c in v)


def _far_place(model: Model, x: float, y: float, crs: Any, label: str) -> Message | str:
    """Where a point refused as metres of another CRS lies in the CRS given, and how far from the zones: the
    answer if it really is there (Web Mercator metres of northern Algeria, where UTM 50N puts Beijing's
    numbers); "" when it is no position in that CRS."""
    from avzone.crs import to_wgs84

    lon, lat = (float(v) for v in to_wgs84(x, y, crs, unconverged="nan"))
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return ""
    far = locate_many(model, np.array([lon]), np.array([lat]), WGS84, distances=True).distance_to_edge_m
    km = float(np.nanmin(far)) / 1000 if far is not None and np.isfinite(far).any() else math.nan
    if not math.isfinite(km):
        return ""
    return Message("err_other_metres_there", crs=label, lon=f"{lon:.5f}", lat=f"{lat:.5f}", km=f"{km:,.0f}")


@_names_own_crs("crs")
def locate(model: Model, lon: Any, lat: Any = None, crs: Any = None, *, at: Any = None) -> Location:
    """Where one point lies: each zone (boundary inclusive), distances to edges, nearest hub.

    The one-point case of :func:`locate_many` (the array call with one
    element): the same index answers, plus the geodesic distance to the
    edge of each zone the point is outside of. ``lon`` and ``lat`` are
    numbers (Python's, numpy's, a ``Decimal`` or ``Fraction`` as from a
    database's numeric column) or texts of numbers; x and y for a projected
    ``crs``, which is given by name or as the third argument
    (``locate(x, y, crs="EPSG:32650")``). A shapely Point alone
    (``locate(Point(lon, lat))``) is read as ``classify(Point(...))`` and
    every entry point read one: the same status for the same point (a NaN
    coordinate of a point geometry is ``not finite``, as in its GeoParquet
    file; ``Point(nan, nan)``, how WKB writes an empty point, is ``no point
    geometry``; a NaN number given as ``lon`` or ``lat`` is ``missing``, as
    in an array: :mod:`avzone.points`).

    ``at``: one time, as :func:`avzone.zonetime.instant` reads it: a
    ``datetime.date`` (00:00 Beijing time that day), a ``datetime`` or
    pandas ``Timestamp`` (with or without a time zone), a numpy
    ``datetime64``, a pandas ``Period`` of a day or less (its start), an Arrow
    scalar, or a text (ISO 8601 such as ``2024-06-01T08:30:00`` and the
    other layouts of :mod:`avzone.zonetime`); **naive times are Beijing
    time**, times with a zone or an offset are that instant. A number is
    no time (its unit is unknown: an epoch time is ``pd.Timestamp(n,
    unit="s", tz="UTC")``). With ``at`` the answer also has ``at`` (the
    instant as Beijing time, ISO 8601), ``zone_in_force`` (the zone layer
    in force then), ``in_force`` (was the point inside it?) and
    ``in_force_status`` (``"ok"``). When no stage was in force then
    (before the first stage's ``valid_from``, after a last stage's
    ``valid_to``, or in a gap between stages) ``zone_in_force`` is None,
    ``in_force`` is False and ``in_force_status`` says why, naming the
    stage and its date (``no zone in force on 2020-01-01 (the first stage,
    core, is in force from 2021-11-01)``). When the stage in force then is
    one the dataset does not have in force yet (dated from after its
    ``as_of``, or of status ``planned``), ``notes`` says so
    (:func:`avzone.zonetime.stage_caveat`). ``zones`` and the distances are
    the same with or without ``at``: every zone layer, whatever its dates.

    Raises
    ------
    InputError
        When the point is not a pair of finite numbers in range, when its
        numbers only make sense swapped (latitude given first) or read in
        another CRS (degrees, or another common CRS's metres), when a CRS
        is given in ``lat``'s place (``locate(116.5, "gcj02")``: the error
        names ``lat``, what was given and ``crs=``), a time in ``crs``'s
        place (``locate(lon, lat, "2024-06-01")``: the error names
        ``at=``), when ``lon`` or
        ``lat`` is several values (a Series, an array: that is
        :func:`classify`'s; an array or Series of one value is an array of
        one point, refused saying to pass its numbers, while a 0-d array is
        one number, as numpy reads it; a GeoSeries or GeoDataFrame, refused
        saying to give one of its points with its CRS; a plain DataFrame, refused saying that ``classify(df)``
        takes its rows, or, when it holds shapely geometries and no lon and lat columns, to make it a GeoDataFrame
        in their CRS), or when ``at`` is missing, not a date/time,
        a number, a month or year without its day, or several times (one
        time is asked for), the error naming ``at=`` and saying what to
        write instead.
    CRSError
        When ``crs`` is unknown, naming ``crs=``.

    Examples
    --------
    >>> import avzone
    >>> loc = avzone.load().locate(116.50, 39.79)
    >>> loc.zones["current"], loc.distance_to_edge_m["current"]
    (True, 0.0)
    """
    point = lat is None and isinstance(lon, shapely.Geometry)  # (locate(Point(lon, lat)): read as classify reads it)
    x, y = _coordinate(lon), _coordinate(lat)
    if (x is None or y is None) and not point:
        gpd = sys.modules.get("geopandas")  # (a GeoSeries implies geopandas is imported)
        if gpd is not None and lat is None and isinstance(lon, (gpd.GeoSeries, gpd.GeoDataFrame)):
            # (its points are in its CRS: one of them is given with it, lon's and lat's numbers are no answer)
            raise InputError(Message("err_point_geoseries", kind=type(lon).__name__, n=len(lon)))
        pd = sys.modules.get("pandas")  # (a Series implies pandas is imported)
        if lat is None and pd is not None and isinstance(lon, pd.DataFrame):  # (rows of points: classify's)
            refuse_geometry_column(lon)  # (shapely geometries in it: no CRS, the refusal says how to give one)
            raise InputError(Message("err_point_frame", kind=type(lon).__name__, n=f"{len(lon):,}"))
        if lat is None and pd is not None and isinstance(lon, pd.Series):  # (a frame's row: df.iloc[0])
            column = next((k for k, v in lon.items() if isinstance(v, shapely.Geometry)), None)
            if column is not None:  # (its geometry is the point; the row lost its frame's CRS)
                raise InputError(
                    Message("err_point_row", kind=type(lon).__name__, n=len(lon), column=Quoted.of(column))
                )
        for many in (lon, lat):  # (a Series or an array of points: classify's, not locate's)
            series = pd is not None and isinstance(many, (pd.Series, pd.Index))
            arrow = _tables.kind_of(many) == _tables.ARROW and not _tables.is_table(many)  # (an Array, ChunkedArray)
            polars = _tables.kind_of(many) == _tables.POLARS  # (a Series; a DataFrame: its rows, several values)
            if series or arrow or polars or (isinstance(many, np.ndarray) and many.ndim):
                kind, count = type(many).__name__, len(many) if arrow else np.size(many)
                if count == 1:  # (a batch of one point: numpy's one number is a 0-d array, read as one)
                    value = repr(many.to_pylist() if arrow else np.asarray(many).ravel().tolist())[:60]
                    raise InputError(
                        Message(
                            "err_point_one_in_arrow" if arrow else "err_point_one_in_array",
                            kind=kind,
                            shape=str(np.shape(many)),
                            value=value,
                        )
                    )
                raise InputError(Message("err_point_many", kind=kind, n=count))
    named = _crs_in_lats(lat)
    if (lat is None or named is not None) and _pair(lon):  # (locate((116.5, 39.79), "gcj02"): one point's pair)
        rest = "" if named is None else f", {Option('crs', named)}"
        raise InputError(Message("err_point_pair", lon=Quoted.of(lon), rest=rest))
    if named is not None:  # (locate(116.5, "gcj02"): the CRS in lat's place, else a lat that is no number)
        shown = Quoted.of(lat) if isinstance(lat, str) else named  # (a pyproj CRS by its name, not its repr)
        raise InputError(Message("err_crs_as_lat", lat=shown, lon=Quoted.of(lon), crs=Option("crs", named)))
    if (x is None or y is None) and not point:
        raise InputError(Message("err_point_not_numbers", lon=repr(lon), lat=repr(lat)))  # (any object: its text)
    when = None
    if at is not None:
        from avzone import zonetime

        try:
            when = zonetime.instant(at)
        except InputError as exc:  # (naming the argument, as --at and the service's at name theirs)
            raise InputError(Message("err_option_value", option="at=", error=exc.args[0])) from None
    try:
        lons, lats = (lon, None) if point else (np.array([x]), np.array([y]))  # (the array call of one point)
        res = locate_many(model, lons, lats, crs, distances=True)
    except CRSError:  # (locate(lon, lat, "2024-06-01"): at in crs's place)
        hint = _time_as_crs(crs, "at")
        if hint is None:
            raise
        raise hint from None
    code = int(res.points.codes[0])
    if code == OK:
        loc = res.location(model)
        if (note := datum_shift_unknown(res.points.crs)) is not None:
            loc = dataclasses.replace(loc, notes=(note,))
        if when is None:
            return loc
        col, inside = zonetime.in_force(model, res.hits, res.zones, np.array([when], dtype=np.int64))
        layer = res.zones[int(col[0])] if col[0] >= 0 else None
        if layer is not None and (caveat := zonetime.stage_caveat(model, layer)) is not None:
            loc = dataclasses.replace(loc, notes=(*loc.notes, caveat))  # (a stage dated after as_of, or planned)
        return dataclasses.replace(
            loc,
            at=zonetime.beijing_iso(when),
            zone_in_force=layer,
            in_force=bool(inside[0]),
            in_force_status="ok" if layer is not None else zonetime.no_zone_text(model, when),
        )
    p = res.points
    x, y = float(p.x[0]), float(p.y[0])
    if code == NULL_ISLAND:
        raise InputError(Message("err_null_island_point", x=x, y=y, crs=p.crs_label))
    if code == SWAPPED:
        raise InputError(swapped_hint(x, y, None if is_geographic(p.crs) else p.crs_label))
    if code == OTHER_METRES and is_geographic(p.crs):  # metres given as lon/lat: out of range, said below
        code = (OUT_OF_RANGE if abs(x) > 180 else OK) * 8 + (OUT_OF_RANGE if abs(y) > 90 else OK)
    if code == OTHER_METRES:  # metres of another common CRS
        fields = metre_crs_fields(metre_crs_guess(p.x, p.y, model.bounds))
        there = _far_place(model, x, y, p.crs, p.crs_label)
        raise InputError(Message("err_other_metres_point", x=x, y=y, crs=p.crs_label, there=there, **fields))
    if code == DEGREES:
        w, s, e, n = model.bounds or (0.0, 0.0, 0.0, 0.0)
        raise InputError(degrees_hint(x, y, p.crs_label, swapped=not (w <= x <= e and s <= y <= n)))
    status = status_message(code)  # the English text is the row status, p.status_text()[0]
    if point and not (is_geographic(p.crs) and code // 8 in (OK, OUT_OF_RANGE) and code % 8 in (OK, OUT_OF_RANGE)):
        raise InputError(Message("err_point_geometry_status", point=Quoted.of(lon.wkt), status=status))
    if "not a number" in status or "missing" in status:
        texts = [v for v in (lon, lat) if isinstance(v, str)]
        dash = next((d for d in map(number_why, texts) if d is not None), None)  # (an en dash for '-': named)
        status = status if dash is None else dash
        raise InputError(Message("err_point_not_numbers_status", lon=repr(lon), lat=repr(lat), status=status))
    if is_geographic(p.crs) and (guess := metre_crs_guess(p.x, p.y, model.bounds)):  # metres given as lon/lat
        fields = metre_crs_fields(guess)
        raise InputError(Message("err_metres_point", x=x, y=y, crs=p.crs_label, status=status, **fields))
    if is_geographic(p.crs) and (guess := metre_crs_guess(p.y, p.x, model.bounds)):  # northing first (survey X, Y)
        fields = metre_crs_fields(guess)
        raise InputError(Message("err_metres_point_swapped", x=x, y=y, crs=p.crs_label, status=status, **fields))
    if is_geographic(p.crs) and (scale := degree_scale(p.x, p.y, model.bounds)[0]):  # a terminal's integer degrees
        raise InputError(Message("err_scaled_point", x=x, y=y, crs=p.crs_label, status=status, scale=f"{scale:,}"))
    if is_geographic(p.crs) and minutes_fit(p.x, p.y, model.bounds):  # NMEA's degrees and minutes (dddmm.mmmm)
        lon_d, lat_d = (round(float(minutes_degrees(v)[0]), 6) for v in (p.x, p.y))
        raise InputError(Message("err_minutes_point", x=x, y=y, crs=p.crs_label, status=status, lon=lon_d, lat=lat_d))
    bad = Message(
        "err_not_a_position" if is_geographic(p.crs) else "err_not_a_projected_position",
        x=x, y=y, crs=p.crs_label, status=status,
    )  # fmt: skip
    raise InputError(bad)

"""Trajectories: when and where vehicles entered and left each zone.

:func:`events` takes the GPS fixes of many vehicles (any row order) and
gives, per vehicle and zone layer, the ``enter`` and ``exit`` events with the
crossing's time and position, ``gap`` events where the fixes are too far
apart to say what happened, a per-vehicle summary (time and geodesic
distance inside each zone, share of the trip, exits) and a status for every
input row.

How it works (compiled array code: numba kernels, compiled on first use and
cached on disk; no Python work per fix):

1. every fix is converted and located at once (float64 WGS84 columns: one
   pass of the zone index that also counts the points outside the dataset's
   bounds, which alone go through :func:`avzone.points.to_points`; other input
   through :func:`avzone.locate.locate_many`), every time read at once
   (:func:`avzone.zonetime.to_ns`; naive times are Beijing time), vehicle ids
   turned into codes in order of first appearance (:func:`vehicle_codes`:
   integer and Arrow text ids without a Python object per row);
2. the usable fixes are put in (vehicle, time, input row) order: input
   already in that order is recognised in one pass and not sorted; other
   input is sorted by a counting sort on the vehicle codes that carries the
   fixes along, then each vehicle's run by time (a radix sort small enough
   to stay in the CPU caches). Duplicate fixes and fixes at the same time as
   an earlier one elsewhere are set aside with a status;
3. one scan measures each segment between consecutive fixes of a vehicle
   (the local ellipsoidal formula of :func:`segment_lengths_m`; over
   :data:`SHORT_SEGMENT_M` with ``pyproj.Geod.inv``), marks the gaps (longer
   than ``max_gap_s`` seconds or ``max_gap_m`` metres) and lists the
   transitions: (segment, zone) pairs whose end points differ;
4. only transitions are searched for the crossing: bisection along the
   geodesic between the two fixes (a segment up to :data:`LINEAR_SEGMENT_M`
   is a straight line in lon/lat, within about 4 mm of its geodesic) until
   the bracket is shorter than ``tolerance_m``. On a straight segment the
   bisection is replayed from where the zone's boundary segments cross it
   (:func:`_find_crossings`), which answers what the zone index would at
   every step; a longer segment, or one whose crossings are ambiguous (through
   a boundary vertex, along an edge), is bisected with the zone index. The
   crossing's time is interpolated at constant speed along the segment;
5. one more scan adds up each vehicle's summary.

A segment whose end points are both outside (or both inside) a zone is
taken not to cross it: a vehicle that dips in and out between two fixes is
not seen. Gaps get a ``gap`` event (for each zone the vehicle was inside
before or after it) instead of an invented crossing, and their time and
distance count in no zone.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from avzone import geodesy, zonetime
from avzone._jit import kernel as njit  # numba.njit, applied on first use
from avzone.crs import WGS84, normalize_crs
from avzone.errors import InputError
from avzone.locate import locate_many
from avzone.points import OK, SWAPPED, Points, codes_to_text, swapped_mask, to_points

if TYPE_CHECKING:
    from avzone.model import Model

#: Row statuses besides the coordinate and time statuses of avzone.points / avzone.zonetime.
STATUS_OK = "ok"
MISSING_ID = "missing vehicle id"
DUPLICATE = "duplicate fix: same vehicle, time and position as an earlier row (not used)"
SAME_TIME = "same time as an earlier fix of the vehicle at another position (not used)"
ONLY_FIX = "the vehicle's only usable fix: no segment"
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


@dataclass
class Events:
    """What :func:`events` found.

    ``events``: one row per event (columns :data:`EVENT_COLUMNS`), ordered by
    vehicle (in order of first appearance), time and zone. ``summary``: one row per vehicle and zone layer
    (columns :data:`SUMMARY_COLUMNS`). ``rows``: the input's index with a
    ``status`` per row and ``used`` (whether the fix is part of a track).
    """

    events: pd.DataFrame
    summary: pd.DataFrame
    rows: pd.DataFrame

    def rejected(self) -> dict[str, int]:
        """How many rows have each status other than ``ok``."""
        counts = self.rows["status"].value_counts()
        return {str(k): int(v) for k, v in counts.items() if k != STATUS_OK}


def _column(df: Any, name: str, role: str) -> Any:
    if name not in df.columns:
        raise InputError(
            f"no {role} column {name!r}; columns are: {', '.join(map(str, df.columns))} (name it with {role}=...)"
        )
    return df[name]


def _fix_points(df: Any, lon: str, lat: str, crs: Any) -> Points:
    if lon not in df.columns and lat not in df.columns and hasattr(df, "geometry"):
        return to_points(df)  # a GeoDataFrame: its geometry and CRS
    return to_points(_column(df, lon, "lon"), _column(df, lat, "lat"), crs)


def events(
    model: Model,
    df: pd.DataFrame,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str = "lon",
    lat: str = "lat",
    crs: Any = "EPSG:4326",
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    zones: list[str] | None = None,
    threads: int = 1,
) -> Events:
    """Enter / exit / gap events of many vehicles' trajectories, and a per-vehicle summary.

    Parameters
    ----------
    model : Model
    df : pandas.DataFrame (or GeoDataFrame of points)
        One row per GPS fix, any order, any number of vehicles.
    id, time, lon, lat : str
        Column names: the vehicle id, the fix's time (datetimes with or
        without a time zone, or ISO 8601 strings; **naive times are Beijing
        time**), and the coordinates in ``crs`` (a GeoDataFrame without
        ``lon``/``lat`` columns gives its geometry and CRS).
    crs : str or pyproj.CRS
        CRS of the coordinates (EPSG code, ``gcj02``, ``bd09``, ...).
    max_gap_s, max_gap_m : float or None
        A segment between two consecutive fixes longer than this many
        seconds or geodesic metres is a gap (None: no limit).
    tolerance_m : float
        The crossing is searched until its bracket along the segment is
        shorter than this (the crossing then lies within ``tolerance_m / 2``
        of the boundary along the segment).
    zones : list of str, optional
        Zone layers to follow (default every zone layer).
    threads : int
        Worker threads for the zone index.

    Returns
    -------
    Events
        ``events`` (``id``, ``zone``, ``event``: enter / exit / gap,
        ``time`` as Beijing time, ``lon``/``lat`` of the crossing in WGS84
        (NaN for a gap), ``row_before``/``row_after``: the input's index
        labels of the fixes around it, ``gap_s``/``gap_m`` for gaps),
        ``summary`` and ``rows`` (a ``status`` for every input row: nothing
        is dropped silently).

    Raises
    ------
    InputError
        For a missing column or an unknown zone layer.

    Examples
    --------
    >>> import avzone, pandas as pd
    >>> fixes = pd.DataFrame({"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
    ...                       "lon": [116.44, 116.46], "lat": [39.79, 39.79]})
    >>> ev = avzone.load().events(fixes, zones=["current"])
    >>> ev.events[["zone", "event"]].values.tolist()
    [['current', 'enter']]
    """
    ids = _column(df, id, "id")
    times = _column(df, time, "time")
    follow_zones(model, zones)  # an unknown zone layer is refused before any work
    fast = _wgs84_columns(model, df, lon, lat, crs, threads)
    if fast is None:
        located = locate_many(model, _fix_points(df, lon, lat, crs), threads=threads)
        pts, hits = located.points, located.hits
    else:
        pts, hits = fast
    return _track(
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
    )


def _wgs84_columns(
    model: Model, df: Any, lon: str, lat: str, crs: Any, threads: int
) -> tuple[Points, np.ndarray] | None:
    """Points and zone hits of float64 WGS84 columns in one pass of the index (None for other input).

    The index counts the points outside the dataset's bounds (NaN included)
    in the same pass; only those go through the general reader
    (:func:`avzone.points.to_points` and the swapped-order test, as
    :func:`avzone.locate.locate_many` gives them), for their statuses.
    """
    if lon not in df.columns or lat not in df.columns:
        return None
    norm = normalize_crs(crs)
    if not (isinstance(norm, str) and norm == WGS84):
        return None
    x, y = df[lon], df[lat]
    if not (isinstance(x.dtype, np.dtype) and isinstance(y.dtype, np.dtype)):
        return None
    if x.dtype != np.float64 or y.dtype != np.float64:
        return None
    xs, ys = np.ascontiguousarray(x.to_numpy()), np.ascontiguousarray(y.to_numpy())
    w, s, e, n = model.bounds or (-180.0, -90.0, 180.0, 90.0)
    box = (max(w, -180.0), max(s, -90.0), min(e, 180.0), min(n, 90.0))
    hits, outside = model.zone_index.classify_within(xs, ys, box, threads=threads)
    codes = np.zeros(xs.size, dtype=np.uint8)
    names = (lon, lat)
    if outside:  # the general reader's statuses for the points outside the bounds (swapped, not finite, ...)
        w, s, e, n = box
        away = np.flatnonzero(~((xs >= w) & (xs <= e) & (ys >= s) & (ys <= n)))
        sub = to_points(x.iloc[away], y.iloc[away], crs)
        given, swapped = swapped_mask(sub, model.bounds)
        if swapped.any():
            sub.mark(~given & swapped, SWAPPED)
        codes[away] = sub.codes
        bad = sub.codes != OK
        if bad.any():  # NaN where the status is not OK, as Points has it
            xs, ys = xs.copy(), ys.copy()
            xs[away[bad]], ys[away[bad]] = np.nan, np.nan
        names = sub.names
    return Points(lon=xs, lat=ys, x=xs, y=ys, codes=codes, crs=WGS84, index=None, names=names), hits


def follow_zones(model: Model, zones: list[str] | None) -> list[str]:
    """The zone layers to follow (default all), refusing an unknown one."""
    all_zones = list(model.zone_layers)
    follow = all_zones if zones is None else list(zones)
    for z in follow:
        if z not in all_zones:
            raise InputError(f"{z!r} is not a zone layer; zone layers are: {', '.join(all_zones)}")
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
) -> Events:
    """:func:`events` on arrays: vehicle ids, times, :class:`~avzone.points.Points` and the rows' labels."""
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
    )


# Row codes the kernels give (besides 0: used or not yet decided).
_ROW_DUPLICATE, _ROW_SAME_TIME, _ROW_ONLY_FIX, _ROW_POINT, _ROW_TIME, _ROW_ID = 1, 2, 3, 4, 5, 6


def _track(
    model: Model,
    ids: Any,
    times: Any,
    pts: Points,
    hits: np.ndarray,
    index: pd.Index,
    *,
    max_gap_s: float | None,
    max_gap_m: float | None,
    tolerance_m: float,
    zones: list[str] | None,
    threads: int,
) -> Events:
    """The events of located fixes (``hits``: one column per zone layer of the model)."""
    all_zones = list(model.zone_layers)
    follow = follow_zones(model, zones)
    cols = np.array([all_zones.index(z) for z in follow], dtype=np.int64)
    n = len(pts)
    ns, tcodes = _times_ns(times)
    if ns.size != n or len(ids) != n:
        raise InputError(f"ids, times and points differ in length ({len(ids)}, {ns.size} and {n})")
    vid, id_values = vehicle_codes(ids)
    lon, lat = pts.lon, pts.lat
    hits = np.ascontiguousarray(hits)

    if cols.size > 64:
        raise InputError(f"events follow at most 64 zone layers at once, not {cols.size}: pass zones=[...]")
    # 1. the usable fixes in (vehicle, time, input position) order: sorted only when the input is not in that order
    row = np.zeros(n, dtype=np.uint8)  # why a row is not used (0: used, or not yet known)
    order = _usable(pts.codes, tcodes, vid, row)
    in_order = _in_order(order, vid, ns)
    # 2. duplicates and equal times set aside; the rest gathered in that order (zone flags as bits)
    used = np.zeros(n, dtype=bool)
    if in_order and order.size == n and not _repeats(vid, ns):  # every row usable, in order: no copies
        pos, v, t, x, y = order, vid, ns, lon, lat
        bits = _zone_bits(hits, cols)
        used[:] = True
    elif in_order:
        pos, v, t, x, y, bits = _gather(order, vid, ns, lon, lat, hits, cols, row, used)
    else:  # a counting sort by vehicle that carries the fixes along, then each vehicle's run by time
        pos, v, t, x, y, bits = _by_vehicle(order, vid, len(id_values), ns, lon, lat, hits, cols)
        _sort_runs_by_time(pos, v, t, x, y, bits)
        kept = _drop_repeats(pos, v, t, x, y, bits, row, used)
        pos, v, t, x, y, bits = pos[:kept], v[:kept], t[:kept], x[:kept], y[:kept], bits[:kept]
    # 3. segments: geodesic lengths, gaps, and the (segment, zone) pairs whose inside flag changes
    inf = np.inf
    limits = (inf if max_gap_s is None else float(max_gap_s), inf if max_gap_m is None else float(max_gap_m))
    seg_m = np.zeros(pos.size)
    kind = np.zeros(pos.size, dtype=np.uint8)
    cap = max(1024, pos.size // 8)
    measure = True
    while True:
        tr = np.empty((cap, 2), dtype=np.int64)
        gp = np.empty((cap, 2), dtype=np.int64)
        ntr, ngp, nlong = _scan(v, t, x, y, bits, cols.size, limits[0], limits[1], measure, seg_m, kind, tr, gp)
        if nlong and measure:  # segments over SHORT_SEGMENT_M: measured with Geod.inv, then scanned again
            long_ = np.flatnonzero(seg_m > SHORT_SEGMENT_M)
            seg_m[long_] = np.asarray(geodesy.GEOD.inv(x[long_], y[long_], x[long_ + 1], y[long_ + 1])[2], dtype=float)
            measure = False
            continue
        if ntr <= cap and ngp <= cap:
            break
        cap = int(max(ntr, ngp))
    tr, gp = tr[:ntr], gp[:ngp]
    seg_k, zone_j = tr[:, 0], tr[:, 1]
    hb = ((bits[seg_k + 1] >> zone_j.astype(np.uint64)) & np.uint64(1)).astype(bool)
    # 4. the crossings: bisection along each changing segment
    seg = _Segments(x[seg_k], y[seg_k], x[seg_k + 1], y[seg_k + 1], np.zeros(seg_k.size), seg_m[seg_k])
    frac = _find_crossings(model, seg, cols[zone_j], ~hb, tolerance_m, threads)
    clon, clat = seg.at(np.arange(seg_k.size), frac)
    ctime = t[seg_k] + np.round(frac * (t[seg_k + 1] - t[seg_k])).astype(np.int64)
    # 5. per-vehicle sums (one pass), vehicles with one fix
    nv, k = len(id_values), cols.size
    acc = _Totals(nv, k)
    _accumulate(pos, v, t, bits, k, seg_m, kind, seg_k, zone_j, frac, row, *acc.arrays())

    # the events, ordered by vehicle, time and zone
    gk, gj = gp[:, 0], gp[:, 1]
    gap_s = (t[gk + 1] - t[gk]) / 1e9
    ev_v = np.concatenate([v[seg_k], v[gk]])
    ev_t = np.concatenate([ctime, t[gk]])
    ev_z = np.concatenate([zone_j, gj])
    sort = np.lexsort((ev_z, ev_t, ev_v))
    kinds = np.array(["exit", "enter", "gap"], dtype=object)
    ev_kind = np.concatenate([hb.astype(np.int64), np.full(gk.size, 2, dtype=np.int64)])
    at = np.concatenate([seg_k, gk])[sort]
    before, after = pos[at], pos[at + 1]

    def labels(where: np.ndarray) -> np.ndarray:  # the input's row labels of the event fixes only
        return np.asarray(index.take(where), dtype=object) if n else np.empty(0, dtype=object)

    nan_g = np.full(gk.size, np.nan)
    nan_t = np.full(seg_k.size, np.nan)
    events_frame = pd.DataFrame(
        {
            "id": _texts(np.asarray(id_values, dtype=object), ev_v[sort]),
            "zone": _texts(np.array(follow, dtype=object), ev_z[sort]),
            "event": _texts(kinds, ev_kind[sort]),
            "time": _beijing(ev_t[sort]),
            "lon": np.concatenate([clon, nan_g])[sort],
            "lat": np.concatenate([clat, nan_g])[sort],
            "row_before": labels(before),
            "row_after": labels(after),
            "gap_s": np.concatenate([nan_t, gap_s])[sort],
            "gap_m": np.concatenate([nan_t, seg_m[gk]])[sort],
        },
        columns=EVENT_COLUMNS,
    )

    status = np.empty(n, dtype=object)
    status[:] = STATUS_OK
    flagged = np.flatnonzero(row)
    if flagged.size:
        why = row[flagged]
        for code, text in ((_ROW_DUPLICATE, DUPLICATE), (_ROW_SAME_TIME, SAME_TIME), (_ROW_ONLY_FIX, ONLY_FIX)):
            status[flagged[why == code]] = text
        status[flagged[why == _ROW_ID]] = MISSING_ID
        at_point = flagged[why == _ROW_POINT]
        status[at_point] = codes_to_text(pts.codes[at_point], pts.labels)
        at_time = flagged[why == _ROW_TIME]
        status[at_time] = np.array([zonetime.TIME_TEXT[int(c)] for c in tcodes[at_time]], dtype=object)
    summary = _summary(follow, id_values, acc)
    rows = pd.DataFrame({"status": pd.Series(status, dtype=object, index=index), "used": used}, index=index)
    return Events(events_frame, summary, rows)


def _texts(values: np.ndarray, codes: np.ndarray) -> Any:
    """``values[codes]`` as a DataFrame column: what pandas makes of it, without a Python object per row.

    When pandas stores text in Arrow (its default string dtype) and every
    value is a ``str``, the column is made in Arrow directly; otherwise it
    is the object array.
    """
    dtype = pd.Series(["a"]).dtype
    if (
        codes.size
        and isinstance(dtype, pd.StringDtype)
        and dtype.storage == "pyarrow"
        and all(type(v) is str for v in values)
    ):
        return pd.array(pa.array(values.tolist(), pa.large_string()).take(pa.array(codes)), dtype=dtype)
    return values[codes]


def _times_ns(times: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`avzone.zonetime.to_ns`, without its temporaries for naive ``datetime64[ns]`` (Beijing time)."""
    values = times.to_numpy() if isinstance(times, pd.Series) and isinstance(times.dtype, np.dtype) else None
    if values is None or values.dtype != np.dtype("datetime64[ns]"):
        return zonetime.to_ns(times)
    raw = values.view(np.int64)
    missing = raw == _NAT
    ns = raw - zonetime.BEIJING_OFFSET_NS
    codes = np.zeros(raw.size, dtype=np.uint8)
    if missing.any():
        ns[missing] = _NAT
        codes[missing] = zonetime.TIME_MISSING
    return ns, codes


_NAT = np.iinfo(np.int64).min


def vehicle_codes(ids: Any) -> tuple[np.ndarray, np.ndarray]:
    """Vehicle ids to codes in order of first appearance (-1: missing or blank) and the ids (objects).

    The same as ``pandas.factorize(ids as objects, sort=False)`` with blank
    strings missing, computed without making a Python object per row for
    integer ids and for Arrow-backed text (pandas' default string dtype):
    input grouped by vehicle is recognised from its runs in one pass.
    """
    arr = ids.array if isinstance(ids, pd.Series) else ids
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iu":
        return _integer_codes(arr)
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
    codes, values = pd.factorize(pd.Series(np.asarray(ids, dtype=object), dtype=object), sort=False)
    values = np.asarray(values, dtype=object)
    return _blank_missing(np.asarray(codes, dtype=np.int64), values)


def _run_codes(starts: np.ndarray, n: int) -> np.ndarray:
    """0, 0, ..., 1, 1, ...: the run number of each of ``n`` rows, runs starting at ``starts``."""
    return np.repeat(np.arange(starts.size, dtype=np.int64), np.diff(np.append(starts, n)))


def _blank_missing(codes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    blank = np.array([isinstance(v, str) and not v.strip() for v in values], dtype=bool)
    if blank.any():  # an empty id (a blank CSV cell) is a missing id
        codes = np.where(blank[np.maximum(codes, 0)] & (codes >= 0), -1, codes)
    return codes, values


def _integer_codes(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = arr.size
    if n > 1:
        starts = np.flatnonzero(np.concatenate([[True], arr[1:] != arr[:-1]]))
        firsts = arr[starts]
        if np.unique(firsts).size == starts.size:  # grouped by vehicle: the runs are the vehicles
            return _run_codes(starts, n), np.asarray(firsts, dtype=object)
    codes, values = pd.factorize(arr, sort=False)
    return np.asarray(codes, dtype=np.int64), np.asarray(values, dtype=object)


def _text_codes(arr: Any) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    n = len(arr)
    if n > 1 and arr.null_count == 0:
        change = pc.not_equal(arr.slice(1), arr.slice(0, n - 1)).to_numpy(zero_copy_only=False)
        starts = np.flatnonzero(np.concatenate([[True], change]))
        firsts = arr.take(pa.array(starts))
        if pc.count_distinct(firsts).as_py() == starts.size:  # grouped by vehicle
            return _blank_missing(_run_codes(starts, n), np.array(firsts.to_pylist(), dtype=object))
    enc = arr.dictionary_encode()
    codes = pc.fill_null(enc.indices.cast(pa.int64()), -1).to_numpy(zero_copy_only=False)
    values = np.empty(len(enc.dictionary), dtype=object)
    values[:] = enc.dictionary.to_pylist()
    return _blank_missing(np.asarray(codes, dtype=np.int64), values)


def _find_crossings(
    model: Model, seg: _Segments, col: np.ndarray, inside_at_start: np.ndarray, tolerance_m: float, threads: int
) -> np.ndarray:
    """:func:`_crossings` for every segment, the short ones with the exact boundary (compiled), the rest bisected.

    A segment up to :data:`LINEAR_SEGMENT_M` is a straight line in lon/lat.
    Where the boundary of its zone crosses that line is computed from the
    boundary's own segments, and the bisection of :func:`_crossings` is
    replayed on those crossings: the point halfway along the bracket is
    inside when an even number of crossings lie before it (starting
    inside) -- what the zone index answers there, without asking it. A
    segment whose crossings do not tell that story (an odd count is
    needed: its two ends differ), a longer one, or a zone with an unusual
    boundary, is bisected with the zone index.
    """
    m = seg.dist.size
    frac = np.zeros(m)
    if m == 0:
        return frac
    steps = np.ceil(np.log2(np.maximum(seg.dist, tolerance_m) / tolerance_m)).astype(np.int64) + 1
    grid = _boundary_grid(model)
    done = np.zeros(m, dtype=bool)
    if grid is not None:
        linear = seg.dist <= LINEAR_SEGMENT_M
        g = grid
        _replay_bisection(
            seg.lon1,
            seg.lat1,
            seg.lon2,
            seg.lat2,
            col,
            steps,
            linear,
            g.x0,
            g.y0,
            g.x1,
            g.y1,
            g.params,
            g.cell_start,
            g.cells,
            g.members,
            frac,
            done,
        )
    rest = np.flatnonzero(~done)
    if rest.size:
        sub = _Segments(seg.lon1[rest], seg.lat1[rest], seg.lon2[rest], seg.lat2[rest], seg.az[rest], seg.dist[rest])
        far = np.flatnonzero(sub.dist > LINEAR_SEGMENT_M)
        if far.size:  # the azimuth is needed only where the geodesic is followed
            az, _, _ = geodesy.GEOD.inv(sub.lon1[far], sub.lat1[far], sub.lon2[far], sub.lat2[far])
            sub.az[far] = az
            seg.az[rest[far]] = az
        frac[rest] = _crossings(model, sub, col[rest], inside_at_start[rest], tolerance_m, threads)
    return frac


@dataclass
class _BoundaryGrid:
    """Every zone layer's boundary segments in a bucket grid per layer (CSR), for the crossing kernel."""

    x0: np.ndarray  # per boundary segment
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    params: np.ndarray  # per layer: west, south, 1 / cell size, columns, rows
    cell_start: np.ndarray  # per layer: offset of its first cell in ``cells``
    cells: np.ndarray  # CSR offsets into ``members`` (one more than the cells)
    members: np.ndarray  # boundary segment numbers


_GRIDS: weakref.WeakKeyDictionary[Any, _BoundaryGrid | None] = weakref.WeakKeyDictionary()
#: Cells along the longer side of each layer's boundary bucket grid.
BOUNDARY_CELLS = 1024


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
        nx = int((float(coords[:, 0].max()) - w) / size) + 1
        ny = int((float(coords[:, 1].max()) - s) / size) + 1
        inv = 1.0 / size
        cx0 = ((np.minimum(a[:, 0], b[:, 0]) - w) * inv).astype(np.int64)
        cx1 = ((np.maximum(a[:, 0], b[:, 0]) - w) * inv).astype(np.int64)
        cy0 = ((np.minimum(a[:, 1], b[:, 1]) - s) * inv).astype(np.int64)
        cy1 = ((np.maximum(a[:, 1], b[:, 1]) - s) * inv).astype(np.int64)
        # a margin of one cell each way: a point rounded into a neighbouring cell still finds the segment
        cx0, cy0 = np.maximum(cx0 - 1, 0), np.maximum(cy0 - 1, 0)
        cx1, cy1 = np.minimum(cx1 + 1, nx - 1), np.minimum(cy1 + 1, ny - 1)
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
    grid = _BoundaryGrid(
        np.concatenate(xs0),
        np.concatenate(ys0),
        np.concatenate(xs1),
        np.concatenate(ys1),
        np.array(params, dtype=np.float64),
        np.array(starts, dtype=np.int64),
        np.concatenate(all_cells),
        np.concatenate([m for _, m in cell_lists]).astype(np.int64),
    )
    _GRIDS[model] = grid
    return grid


class _Totals:
    """Per vehicle (and per vehicle and zone) sums, filled by :func:`_accumulate`."""

    def __init__(self, nv: int, k: int) -> None:
        self.fixes = np.zeros(nv, dtype=np.int64)
        self.start = np.full(nv, np.iinfo(np.int64).min, dtype=np.int64)
        self.end = self.start.copy()
        self.trip_s = np.zeros(nv)
        self.trip_m = np.zeros(nv)
        self.gap_s = np.zeros(nv)
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
            self.trip_s,
            self.trip_m,
            self.gap_s,
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


@njit(cache=True, nogil=True, inline="always")
def _zone_word(hits: np.ndarray, i: int, cols: np.ndarray) -> Any:  # pragma: no cover - numba
    """Fix ``i``'s zone flags as bits: bit ``z`` set when ``hits[i, cols[z]]`` (at most 64 zones)."""
    b = np.uint64(0)
    for z in range(cols.size):
        if hits[i, cols[z]]:
            b |= np.uint64(1) << np.uint64(z)
    return b


@njit(cache=True, nogil=True)
def _usable(
    codes: np.ndarray, tcodes: np.ndarray, vid: np.ndarray, row: np.ndarray
) -> np.ndarray:  # pragma: no cover - numba
    """Positions of the rows with a fine point, time and vehicle id; ``row`` says what is wrong with the others."""
    out = np.empty(codes.size, dtype=np.int64)
    m = 0
    for i in range(codes.size):
        if codes[i] != 0:  # points.OK
            row[i] = 4  # _ROW_POINT
        elif tcodes[i] != 0:  # zonetime.TIME_OK
            row[i] = 5  # _ROW_TIME
        elif vid[i] < 0:
            row[i] = 6  # _ROW_ID
        else:
            out[m] = i
            m += 1
    return out[:m]


@njit(cache=True, nogil=True)
def _in_order(order: np.ndarray, vid: np.ndarray, t: np.ndarray) -> bool:  # pragma: no cover - numba
    """Whether the fixes ``order`` are in (vehicle code, time) order already (one pass)."""
    for k in range(1, order.size):
        i = order[k - 1]
        j = order[k]
        if vid[j] < vid[i] or (vid[j] == vid[i] and t[j] < t[i]):
            return False
    return True


@njit(cache=True, nogil=True)
def _by_vehicle(
    order: np.ndarray,
    vid: np.ndarray,
    nv: int,
    t: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
    hits: np.ndarray,
    cols: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - numba
    """The fixes ``order`` stably sorted by vehicle code (a counting sort), carried along into contiguous arrays.

    Returns input positions, vehicle codes, times, lon, lat and zone flags
    (bit ``z`` for zone ``cols[z]``). The input is read in order; only the
    writes jump (to as many places as there are vehicles).
    """
    m = order.size
    count = np.zeros(nv + 1, dtype=np.int64)
    for k in range(m):
        count[vid[order[k]] + 1] += 1
    for c in range(nv):
        count[c + 1] += count[c]
    pos = np.empty(m, dtype=np.int64)
    v = np.empty(m, dtype=np.int64)
    tt = np.empty(m, dtype=np.int64)
    x = np.empty(m)
    y = np.empty(m)
    bits = np.empty(m, dtype=np.uint64)
    for k in range(m):
        i = order[k]
        c = vid[i]
        p = count[c]
        count[c] = p + 1
        pos[p] = i
        v[p] = c
        tt[p] = t[i]
        x[p] = lon[i]
        y[p] = lat[i]
        bits[p] = _zone_word(hits, i, cols)
    return pos, v, tt, x, y, bits


@njit(cache=True, nogil=True)
def _sort_runs_by_time(
    pos: np.ndarray, v: np.ndarray, t: np.ndarray, x: np.ndarray, y: np.ndarray, bits: np.ndarray
) -> None:  # pragma: no cover - numba
    """Sort each vehicle's run stably by time, in place (runs already in time order are left alone).

    A run is small enough to stay in the CPU caches: an LSD radix sort of
    its times relative to its earliest, 11 bits a pass, only as many passes
    as the run's time span needs; then the run's fixes are permuted.
    """
    m = v.size
    hist = np.zeros(2048, dtype=np.int64)
    mask = np.uint64(2047)
    start = 0
    while start < m:
        stop = start + 1
        ordered = True
        while stop < m and v[stop] == v[start]:
            if t[stop] < t[stop - 1]:
                ordered = False
            stop += 1
        if not ordered:
            r = stop - start
            tmin = t[start]
            for q in range(start, stop):
                if t[q] < tmin:
                    tmin = t[q]
            keys = np.empty(r, dtype=np.uint64)
            top = np.uint64(0)
            for q in range(r):
                key = np.uint64(t[start + q] - tmin)
                keys[q] = key
                if key > top:
                    top = key
            perm = np.arange(r)
            keys2 = np.empty(r, dtype=np.uint64)
            perm2 = np.empty(r, dtype=np.int64)
            shift = np.uint64(0)
            while shift < np.uint64(64) and (top >> shift) > np.uint64(0):
                hist[:] = 0
                for q in range(r):
                    hist[np.int64((keys[q] >> shift) & mask)] += 1
                total = 0
                for d in range(2048):
                    h = hist[d]
                    hist[d] = total
                    total += h
                for q in range(r):
                    d = np.int64((keys[q] >> shift) & mask)
                    p = hist[d]
                    hist[d] = p + 1
                    keys2[p] = keys[q]
                    perm2[p] = perm[q]
                keys, keys2 = keys2, keys
                perm, perm2 = perm2, perm
                shift += np.uint64(11)
            pos[start:stop] = pos[start:stop][perm]
            t[start:stop] = t[start:stop][perm]
            x[start:stop] = x[start:stop][perm]
            y[start:stop] = y[start:stop][perm]
            bits[start:stop] = bits[start:stop][perm]
        start = stop


@njit(cache=True, nogil=True)
def _drop_repeats(
    pos: np.ndarray,
    v: np.ndarray,
    t: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    bits: np.ndarray,
    row: np.ndarray,
    used: np.ndarray,
) -> int:  # pragma: no cover - numba
    """Compact the sorted fixes in place, without repeats of a (vehicle, time); the number kept.

    ``row`` marks each repeat as a duplicate (same position as the first
    fix at that time) or a fix at the same time elsewhere; ``used`` the
    fixes kept.
    """
    kept = 0
    first = -1
    for q in range(v.size):
        if q > 0 and v[q] == v[first] and t[q] == t[first]:
            if x[q] == x[first] and y[q] == y[first]:
                row[pos[q]] = 1  # _ROW_DUPLICATE
            else:
                row[pos[q]] = 2  # _ROW_SAME_TIME
            continue
        first = q
        used[pos[q]] = True
        pos[kept] = pos[q]
        v[kept] = v[q]
        t[kept] = t[q]
        x[kept] = x[q]
        y[kept] = y[q]
        bits[kept] = bits[q]
        kept += 1
    return kept


@njit(cache=True, nogil=True)
def _gather(
    order: np.ndarray,
    vid: np.ndarray,
    t: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
    hits: np.ndarray,
    cols: np.ndarray,
    row: np.ndarray,
    used: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - numba
    """The sorted fixes without repeats of a (vehicle, time), gathered into contiguous arrays.

    Returns the input positions, vehicle codes, times, lon, lat and zone
    flags (bit ``z`` for zone ``cols[z]``) of the fixes kept (``used``); ``row`` marks
    each repeat as a duplicate (same position as the first fix at that
    time) or a fix at the same time elsewhere.
    """
    m = order.size
    pos = np.empty(m, dtype=np.int64)
    v = np.empty(m, dtype=np.int64)
    tt = np.empty(m, dtype=np.int64)
    x = np.empty(m)
    y = np.empty(m)
    bits = np.empty(m, dtype=np.uint64)
    kept = 0
    first = -1  # the first fix of the current (vehicle, time)
    for k in range(m):
        i = order[k]
        if k > 0 and vid[i] == vid[first] and t[i] == t[first]:
            if lon[i] == lon[first] and lat[i] == lat[first]:
                row[i] = 1  # _ROW_DUPLICATE
            else:
                row[i] = 2  # _ROW_SAME_TIME
            continue
        first = i
        used[i] = True
        pos[kept] = i
        v[kept] = vid[i]
        tt[kept] = t[i]
        x[kept] = lon[i]
        y[kept] = lat[i]
        bits[kept] = _zone_word(hits, i, cols)
        kept += 1
    return pos[:kept], v[:kept], tt[:kept], x[:kept], y[:kept], bits[:kept]


@njit(cache=True, nogil=True)
def _repeats(vid: np.ndarray, t: np.ndarray) -> bool:  # pragma: no cover - numba
    """Whether two consecutive rows share vehicle and time."""
    for i in range(1, vid.size):
        if vid[i] == vid[i - 1] and t[i] == t[i - 1]:
            return True
    return False


@njit(cache=True, nogil=True)
def _zone_bits(hits: np.ndarray, cols: np.ndarray) -> np.ndarray:  # pragma: no cover - numba
    """Each row's flags of zones ``cols`` as bits (bit ``z`` for ``cols[z]``)."""
    bits = np.zeros(hits.shape[0], dtype=np.uint64)
    for i in range(hits.shape[0]):
        bits[i] = _zone_word(hits, i, cols)
    return bits


@njit(cache=True, nogil=True)
def _scan(
    v: np.ndarray,
    t: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    bits: np.ndarray,
    k: int,
    max_s: float,
    max_m: float,
    measure: bool,
    seg_m: np.ndarray,
    kind: np.ndarray,
    tr: np.ndarray,
    gp: np.ndarray,
) -> tuple[int, int, int]:  # pragma: no cover - numba
    """One pass over the gathered fixes: segment lengths, gaps, transitions and gap events.

    Segment ``q`` joins fixes ``q`` and ``q + 1`` of one vehicle. With
    ``measure`` its geodesic length goes to ``seg_m`` (the local formula of
    :func:`segment_lengths_m`; the count of segments longer than
    :data:`SHORT_SEGMENT_M` is returned, and nothing else is done when
    there are some: the caller measures those with ``Geod.inv`` and scans
    again without ``measure``). ``kind``: 1 a segment, 2 a gap. The
    (segment, zone) transitions go to ``tr``, the gap events (a gap, and a
    zone the vehicle was in at either end) to ``gp``; lists longer than
    those arrays are counted, not written (the caller calls again with room).
    """
    m = v.size
    ntr = 0
    ngp = 0
    nlong = 0
    cap_t = tr.shape[0]
    cap_g = gp.shape[0]
    deg = np.pi / 180.0
    one = np.uint64(1)
    for q in range(m - 1):
        if v[q] != v[q + 1]:
            continue
        if measure:
            mid = (y[q] + y[q + 1]) / 2
            # sin and cos of the mid-latitude from a table every 0.01 degree and the angle addition formulas
            # (the remainder is under 0.005 degree: its sine and cosine series are exact to double precision)
            c = np.int64(np.floor((mid + 90.0) * 100.0 + 0.5))
            if c < 0 or c >= _SIN.size:
                phi = mid * deg
                sp = np.sin(phi)
                cp = np.cos(phi)
            else:
                d = (mid - (c * 0.01 - 90.0)) * deg
                d2 = d * d
                sd = d * (1.0 - d2 / 6.0 * (1.0 - d2 / 20.0))
                cd = 1.0 - d2 / 2.0 * (1.0 - d2 / 12.0)
                sp = _SIN[c] * cd + _COS[c] * sd
                cp = _COS[c] * cd - _SIN[c] * sd
            w = 1.0 - _E2 * sp * sp
            n_rad = _A / np.sqrt(w)
            m_rad = n_rad * (1.0 - _E2) / w
            dx = ((x[q + 1] - x[q]) * deg) * n_rad * cp
            dy = ((y[q + 1] - y[q]) * deg) * m_rad
            dist = np.sqrt(dx * dx + dy * dy)
            seg_m[q] = dist
            if dist > SHORT_SEGMENT_M:
                nlong += 1
        if nlong:
            continue
        gap = (t[q + 1] - t[q]) / 1e9 > max_s or seg_m[q] > max_m
        kind[q] = 2 if gap else 1
        ba = bits[q]
        bb = bits[q + 1]
        if gap:
            either = ba | bb
            if either:
                for z in range(k):
                    if (either >> np.uint64(z)) & one:
                        if ngp < cap_g:
                            gp[ngp, 0] = q
                            gp[ngp, 1] = z
                        ngp += 1
        else:
            change = ba ^ bb
            if change:
                for z in range(k):
                    if (change >> np.uint64(z)) & one:
                        if ntr < cap_t:
                            tr[ntr, 0] = q
                            tr[ntr, 1] = z
                        ntr += 1
    return ntr, ngp, nlong


# sine and cosine of every 0.01 degree of latitude, for _scan
_SIN = np.sin(np.radians(np.arange(18001) * 0.01 - 90.0))
_COS = np.cos(np.radians(np.arange(18001) * 0.01 - 90.0))


@njit(cache=True, nogil=True)
def _accumulate(
    pos: np.ndarray,
    v: np.ndarray,
    t: np.ndarray,
    bits: np.ndarray,
    k: int,
    seg_m: np.ndarray,
    kind: np.ndarray,
    seg_k: np.ndarray,
    zone_j: np.ndarray,
    frac: np.ndarray,
    row: np.ndarray,
    fixes: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    trip_s: np.ndarray,
    trip_m: np.ndarray,
    gap_s: np.ndarray,
    gap_m: np.ndarray,
    time_in: np.ndarray,
    dist_in: np.ndarray,
    enters: np.ndarray,
    exits: np.ndarray,
    gaps: np.ndarray,
) -> None:  # pragma: no cover - numba
    """Per-vehicle sums in one pass over the gathered fixes (segments in order, as ``numpy.bincount`` adds them)."""
    m = v.size
    p = 0  # next transition
    one = np.uint64(1)
    for q in range(m):
        c = v[q]
        first = q == 0 or v[q - 1] != c
        last = q == m - 1 or v[q + 1] != c
        fixes[c] += 1
        if first:
            start[c] = t[q]
        if last:
            end[c] = t[q]
            if first:
                row[pos[q]] = 3  # _ROW_ONLY_FIX
            continue
        s = (t[q + 1] - t[q]) / 1e9
        d = seg_m[q]
        trip_s[c] += s
        trip_m[c] += d
        ba = bits[q]
        bb = bits[q + 1]
        if kind[q] == 2:
            gap_s[c] += s
            gap_m[c] += d
            either = ba | bb
            for z in range(k):
                if (either >> np.uint64(z)) & one:
                    gaps[c, z] += 1
            continue
        both = ba & bb
        change = ba ^ bb
        for z in range(k):
            if (both >> np.uint64(z)) & one:
                time_in[c, z] += s
                dist_in[c, z] += d
            elif (change >> np.uint64(z)) & one:
                while p < seg_k.size and (seg_k[p] < q or (seg_k[p] == q and zone_j[p] < z)):
                    p += 1
                f = frac[p]
                entering = (bb >> np.uint64(z)) & one
                share = 1.0 - f if entering else f
                time_in[c, z] += share * s
                dist_in[c, z] += share * d
                if entering:
                    enters[c, z] += 1
                else:
                    exits[c, z] += 1


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


@njit(cache=True, nogil=True)
def _replay_bisection(
    lon1: np.ndarray,
    lat1: np.ndarray,
    lon2: np.ndarray,
    lat2: np.ndarray,
    col: np.ndarray,
    steps: np.ndarray,
    linear: np.ndarray,
    bx0: np.ndarray,
    by0: np.ndarray,
    bx1: np.ndarray,
    by1: np.ndarray,
    params: np.ndarray,
    cell_start: np.ndarray,
    cells: np.ndarray,
    members: np.ndarray,
    frac: np.ndarray,
    done: np.ndarray,
) -> None:  # pragma: no cover - numba
    """The bisection of :func:`_crossings` on each linear segment, from its exact crossings with the boundary."""
    seen = np.full(bx0.size, -1, dtype=np.int64)
    found = np.empty(64)
    for q in range(lon1.size):
        if not linear[q]:
            continue
        layer = col[q]
        w = params[layer, 0]
        s0 = params[layer, 1]
        inv = params[layer, 2]
        nx = np.int64(params[layer, 3])
        ny = np.int64(params[layer, 4])
        ax = lon1[q]
        ay = lat1[q]
        rx = lon2[q] - ax
        ry = lat2[q] - ay
        fx0 = (min(ax, lon2[q]) - w) * inv
        fx1 = (max(ax, lon2[q]) - w) * inv
        fy0 = (min(ay, lat2[q]) - s0) * inv
        fy1 = (max(ay, lat2[q]) - s0) * inv
        if fx1 < 0 or fy1 < 0 or fx0 >= nx or fy0 >= ny:
            continue  # away from the boundary: leave it to the zone index
        ix0 = max(np.int64(fx0), 0)
        ix1 = min(np.int64(fx1), nx - 1)
        iy0 = max(np.int64(fy0), 0)
        iy1 = min(np.int64(fy1), ny - 1)
        nfound = 0
        trouble = False
        base = cell_start[layer]
        for cy in range(iy0, iy1 + 1):
            for cx in range(ix0, ix1 + 1):
                c = base + cy * nx + cx
                for e in range(cells[c], cells[c + 1]):
                    b = members[e]
                    if seen[b] == q:
                        continue
                    seen[b] = q
                    px = bx0[b] - ax
                    py = by0[b] - ay
                    qx = bx1[b] - bx0[b]
                    qy = by1[b] - by0[b]
                    den = rx * qy - ry * qx
                    if den == 0.0:
                        if rx * py - ry * px == 0.0 and (qx != 0.0 or qy != 0.0):
                            trouble = True  # along the boundary itself
                        continue
                    s = (px * qy - py * qx) / den
                    u = (px * ry - py * rx) / den
                    if u < 0.0 or u > 1.0 or s < 0.0 or s > 1.0:
                        continue
                    if u == 0.0 or u == 1.0 or s == 0.0 or s == 1.0:
                        trouble = True  # through a boundary vertex or from the boundary: ask the zone index
                        continue
                    if nfound == found.size:
                        trouble = True
                        continue
                    found[nfound] = s
                    nfound += 1
        if trouble or nfound % 2 == 0:
            continue
        lo = 0.0
        hi = 1.0
        for _ in range(steps[q]):
            mid = (lo + hi) / 2
            before = 0
            for r in range(nfound):
                if found[r] < mid:
                    before += 1
            if before % 2 == 0:
                lo = mid
            else:
                hi = mid
        frac[q] = (lo + hi) / 2
        done[q] = True


#: Segments up to this length are measured with the local ellipsoidal formula of :func:`segment_lengths_m`.
SHORT_SEGMENT_M = 20_000.0
_A = 6378137.0
_E2 = 6.69437999014e-3


def segment_lengths_m(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Geodesic lengths (WGS84) of many short segments, metres, vectorized.

    Segments up to :data:`SHORT_SEGMENT_M` are measured in the plane
    tangent to the ellipsoid at their mid-latitude (meridional and
    prime-vertical radii of curvature there): for the segments between GPS
    fixes (metres to a few km) this agrees with ``pyproj.Geod.inv`` to
    about 1e-6 of the length (millimetres) at a fraction of its cost.
    Longer segments are measured with ``Geod.inv`` itself.
    """
    phi = np.radians((lat1 + lat2) / 2)
    w = 1.0 - _E2 * np.sin(phi) ** 2
    n_rad = _A / np.sqrt(w)
    m_rad = n_rad * (1.0 - _E2) / w
    dx = np.radians(lon2 - lon1) * n_rad * np.cos(phi)
    dy = np.radians(lat2 - lat1) * m_rad
    d = np.hypot(dx, dy)
    long_ = np.flatnonzero(d > SHORT_SEGMENT_M)
    if long_.size:
        d[long_] = np.asarray(geodesy.GEOD.inv(lon1[long_], lat1[long_], lon2[long_], lat2[long_])[2], dtype=float)
    return d


def _beijing(ns: np.ndarray) -> pd.Series:
    return pd.Series(pd.to_datetime(ns, unit="ns", utc=True)).dt.tz_convert("Asia/Shanghai")


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

    def at(self, rows: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The points a fraction ``f`` along segments ``rows``."""
        lon = self.lon1[rows] + f * (self.lon2[rows] - self.lon1[rows])
        lat = self.lat1[rows] + f * (self.lat2[rows] - self.lat1[rows])
        far = np.flatnonzero(self.dist[rows] > LINEAR_SEGMENT_M)
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
    """Fraction along each segment where zone ``col`` changes (bisection, all segments at once)."""
    dist = seg.dist
    m = dist.size
    lo = np.zeros(m)
    hi = np.ones(m)
    if m == 0:
        return lo
    # each segment's own number of halvings (its bracket ends below tolerance_m), so the answer for a segment
    # does not depend on which other segments are searched with it
    steps = np.ceil(np.log2(np.maximum(dist, tolerance_m) / tolerance_m)).astype(np.int64) + 1
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


def _summary(follow: list[str], id_values: Any, acc: _Totals) -> pd.DataFrame:
    """One row per vehicle and zone: trip totals, time and distance inside, shares, enters, exits, gaps."""
    k = len(follow)
    present = np.flatnonzero(acc.fixes > 0)
    reps = np.repeat(present, k)
    zj = np.tile(np.arange(k), present.size)
    moving_s = (acc.trip_s - acc.gap_s)[reps]
    moving_m = (acc.trip_m - acc.gap_m)[reps]
    time_in = acc.time_in[reps, zj]
    dist_in = acc.dist_in[reps, zj]
    with np.errstate(invalid="ignore", divide="ignore"):
        share_t = np.where(moving_s > 0, time_in / moving_s, np.nan)
        share_d = np.where(moving_m > 0, dist_in / moving_m, np.nan)
    return pd.DataFrame(
        {
            "id": _texts(np.asarray(id_values, dtype=object), reps),
            "zone": _texts(np.array(follow, dtype=object), zj) if k else np.empty(0, dtype=object),
            "fixes": acc.fixes[reps],
            "start": _beijing(acc.start[reps]),
            "end": _beijing(acc.end[reps]),
            "trip_s": acc.trip_s[reps],
            "trip_m": acc.trip_m[reps],
            "gap_s": acc.gap_s[reps],
            "time_inside_s": time_in,
            "distance_inside_m": dist_in,
            "share_of_time": share_t,
            "share_of_distance": share_d,
            "enters": acc.enters[reps, zj],
            "exits": acc.exits[reps, zj],
            "gaps": acc.gaps[reps, zj],
        },
        columns=SUMMARY_COLUMNS,
    )

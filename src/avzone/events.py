"""Trajectories: when and where vehicles entered and left each zone.

:func:`events` takes the GPS fixes of many vehicles (any row order) and
gives, per vehicle and zone layer, the ``enter`` and ``exit`` events with the
crossing's time and position, ``gap`` events where the fixes are too far
apart to say what happened, a per-vehicle summary (time and geodesic
distance inside each zone, share of the trip, exits) and a status for every
input row.

How it works, vectorized:

1. every fix is converted and located at once (:func:`avzone.locate.locate_many`,
   one pass of the zone index for every layer), every time parsed at once
   (:func:`avzone.zonetime.to_ns`; naive times are Beijing time);
2. the usable fixes are sorted by vehicle and time (``numpy.lexsort``);
   duplicate fixes and fixes at the same time as an earlier one elsewhere
   are set aside with a status;
3. consecutive fixes of a vehicle form segments; a segment longer than
   ``max_gap_s`` seconds or ``max_gap_m`` metres is a gap;
4. a segment whose end points differ for a zone is a transition; only
   transitions are searched for the crossing, all at once: bisection along
   the geodesic between the two fixes (``pyproj.Geod``; a segment up to
   :data:`LINEAR_SEGMENT_M` is interpolated linearly in lon/lat, within
   about 4 mm of its geodesic), each step one call of the zone index, until
   the bracket is shorter than ``tolerance_m``. The crossing's time is
   interpolated at constant speed along the segment; segment lengths are
   geodesic (:func:`segment_lengths_m`).

A segment whose end points are both outside (or both inside) a zone is
taken not to cross it: a vehicle that dips in and out between two fixes is
not seen. Gaps get a ``gap`` event (for each zone the vehicle was inside
before or after it) instead of an invented crossing, and their time and
distance count in no zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from avzone import geodesy, zonetime
from avzone.errors import InputError
from avzone.locate import locate_many
from avzone.points import OK, Points, to_points

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
    ids = _column(df, id, "id").to_numpy()
    times = _column(df, time, "time")
    return track_events(
        model,
        ids,
        times,
        _fix_points(df, lon, lat, crs),
        df.index,
        max_gap_s=max_gap_s,
        max_gap_m=max_gap_m,
        tolerance_m=tolerance_m,
        zones=zones,
        threads=threads,
    )


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
    all_zones = list(model.zone_layers)
    follow = follow_zones(model, zones)
    cols = np.array([all_zones.index(z) for z in follow], dtype=np.int64)
    n = len(points)
    ns, tcodes = zonetime.to_ns(times)
    if ns.size != n or len(ids) != n:
        raise InputError(f"ids, times and points differ in length ({len(ids)}, {ns.size} and {n})")
    located = locate_many(model, points, threads=threads)
    pts = located.points
    hits = located.hits[:, cols]

    status = pts.status_text().astype(object)
    id_codes, id_values = pd.factorize(pd.Series(np.asarray(ids, dtype=object), dtype=object), sort=False)
    blank = np.array([isinstance(v, str) and not v.strip() for v in id_values], dtype=bool)
    if blank.any():  # an empty id (a blank CSV cell) is a missing id
        id_codes = np.where(blank[np.maximum(id_codes, 0)] & (id_codes >= 0), -1, id_codes)
    missing_id = id_codes < 0
    bad_time = tcodes != zonetime.TIME_OK
    fine = pts.codes == OK
    status[fine & bad_time] = [zonetime.TIME_TEXT[int(c)] for c in tcodes[fine & bad_time]]
    status[fine & ~bad_time & missing_id] = MISSING_ID
    usable = fine & ~bad_time & ~missing_id

    # sort the usable fixes by vehicle, time, input position
    idx = np.flatnonzero(usable)
    order = idx[np.lexsort((idx, ns[idx], id_codes[idx]))]
    vid, t = id_codes[order], ns[order]
    x, y = pts.lon[order], pts.lat[order]
    if order.size:
        new_run = np.ones(order.size, dtype=bool)
        new_run[1:] = (vid[1:] != vid[:-1]) | (t[1:] != t[:-1])
        run_start = np.maximum.accumulate(np.where(new_run, np.arange(order.size), 0))
        repeat = ~new_run
        same_pos = (x == x[run_start]) & (y == y[run_start])
        status[order[repeat & same_pos]] = DUPLICATE
        status[order[repeat & ~same_pos]] = SAME_TIME
        keep = new_run
        order, vid, t, x, y = order[keep], vid[keep], t[keep], x[keep], y[keep]
    h = hits[order]
    used = np.zeros(n, dtype=bool)
    used[order] = True
    # vehicles with one fix
    first = np.ones(order.size, dtype=bool)
    first[1:] = vid[1:] != vid[:-1]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = vid[1:] != vid[:-1]
    status[order[first & last]] = ONLY_FIX

    # segments: consecutive fixes of one vehicle
    a = np.flatnonzero(~last)
    b = a + 1
    seg_s = (t[b] - t[a]) / 1e9
    seg_m = segment_lengths_m(x[a], y[a], x[b], y[b])
    gap = np.zeros(a.size, dtype=bool)
    if max_gap_s is not None:
        gap |= seg_s > max_gap_s
    if max_gap_m is not None:
        gap |= seg_m > max_gap_m

    # transitions (segment, zone) and their crossings
    ha, hb = h[a], h[b]
    change = (ha != hb) & ~gap[:, None]
    seg_i, zone_j = np.nonzero(change)
    az = np.zeros(a.size)
    crossing = np.unique(seg_i)
    if crossing.size:  # azimuths only where a crossing is searched
        az_c, _, _ = geodesy.GEOD.inv(x[a][crossing], y[a][crossing], x[b][crossing], y[b][crossing])
        az[crossing] = az_c
    seg = _Segments(x[a][seg_i], y[a][seg_i], x[b][seg_i], y[b][seg_i], az[seg_i], seg_m[seg_i])
    frac = _crossings(model, seg, cols[zone_j], ha[seg_i, zone_j], tolerance_m, threads)
    clon, clat = seg.at(np.arange(seg_i.size), frac)
    ctime = t[a][seg_i] + np.round(frac * (t[b][seg_i] - t[a][seg_i])).astype(np.int64)

    # gap events: every gap segment, for each zone inside before or after
    gap_i, gap_j = np.nonzero(gap[:, None] & (ha | hb))

    which = np.concatenate([seg_i, gap_i])

    def labels(pos: np.ndarray) -> np.ndarray:  # the input's row labels of the event fixes only
        return np.asarray(index.take(pos), dtype=object) if n else np.empty(0, dtype=object)

    ev = pd.DataFrame(
        {
            "_v": np.concatenate([vid[a][seg_i], vid[a][gap_i]]),
            "_t": np.concatenate([ctime, t[a][gap_i]]),
            "_z": np.concatenate([zone_j, gap_j]),
            "event": np.concatenate([np.where(hb[seg_i, zone_j], "enter", "exit"), np.full(gap_i.size, "gap")]).astype(
                object
            ),
            "lon": np.concatenate([clon, np.full(gap_i.size, np.nan)]),
            "lat": np.concatenate([clat, np.full(gap_i.size, np.nan)]),
            "row_before": labels(order[a][which]),
            "row_after": labels(order[b][which]),
            "gap_s": np.concatenate([np.full(seg_i.size, np.nan), seg_s[gap_i]]),
            "gap_m": np.concatenate([np.full(seg_i.size, np.nan), seg_m[gap_i]]),
        }
    )
    ev = ev.sort_values(["_v", "_t", "_z"], kind="stable").reset_index(drop=True)
    ev.insert(0, "id", np.asarray(id_values, dtype=object)[ev["_v"].to_numpy(dtype=np.int64)])
    ev.insert(1, "zone", np.array(follow, dtype=object)[ev["_z"].to_numpy(dtype=np.int64)])
    ev.insert(3, "time", _beijing(ev["_t"].to_numpy(dtype=np.int64)))
    events_frame = ev.drop(columns=["_v", "_t", "_z"])[EVENT_COLUMNS]

    summary = _summary(follow, id_values, vid, t, first, last, a, b, seg_s, seg_m, gap, ha, hb, seg_i, zone_j, frac)
    rows = pd.DataFrame({"status": pd.Series(status, dtype=object, index=index), "used": used}, index=index)
    return Events(events_frame, summary, rows)


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


def _summary(
    follow: list[str],
    id_values: Any,
    vid: np.ndarray,
    t: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    seg_s: np.ndarray,
    seg_m: np.ndarray,
    gap: np.ndarray,
    ha: np.ndarray,
    hb: np.ndarray,
    seg_i: np.ndarray,
    zone_j: np.ndarray,
    frac: np.ndarray,
) -> pd.DataFrame:
    """One row per vehicle and zone: trip totals, time and distance inside, shares, enters, exits, gaps."""
    nv = len(id_values)
    k = len(follow)
    fixes = np.bincount(vid, minlength=nv)
    start = np.full(nv, np.iinfo(np.int64).min, dtype=np.int64)
    end = start.copy()
    start[vid[first]] = t[first]
    end[vid[last]] = t[last]
    sv = vid[a]
    trip_s = np.bincount(sv, weights=seg_s, minlength=nv)
    trip_m = np.bincount(sv, weights=seg_m, minlength=nv)
    gap_s = np.bincount(sv, weights=np.where(gap, seg_s, 0.0), minlength=nv)
    gap_m = np.bincount(sv, weights=np.where(gap, seg_m, 0.0), minlength=nv)
    # inside share of each (segment, zone): 1 both ends inside, 0 both outside, the crossing's fraction otherwise
    share = np.where(ha & hb, 1.0, 0.0)
    share[gap] = 0.0
    if seg_i.size:
        share[seg_i, zone_j] = np.where(hb[seg_i, zone_j], 1.0 - frac, frac)
    time_in = np.zeros((nv, k))
    dist_in = np.zeros((nv, k))
    enters = np.zeros((nv, k), dtype=np.int64)
    exits = np.zeros((nv, k), dtype=np.int64)
    gaps = np.zeros((nv, k), dtype=np.int64)
    for j in range(k):
        time_in[:, j] = np.bincount(sv, weights=share[:, j] * seg_s, minlength=nv)
        dist_in[:, j] = np.bincount(sv, weights=share[:, j] * seg_m, minlength=nv)
        on = zone_j == j
        entering = hb[seg_i[on], j]
        enters[:, j] = np.bincount(sv[seg_i[on]][entering], minlength=nv)
        exits[:, j] = np.bincount(sv[seg_i[on]][~entering], minlength=nv)
        gaps[:, j] = np.bincount(sv[gap & (ha[:, j] | hb[:, j])], minlength=nv)
    present = np.flatnonzero(fixes > 0)
    reps = np.repeat(present, k)
    zj = np.tile(np.arange(k), present.size)
    moving_s = (trip_s - gap_s)[reps]
    moving_m = (trip_m - gap_m)[reps]
    with np.errstate(invalid="ignore", divide="ignore"):
        share_t = np.where(moving_s > 0, time_in[reps, zj] / moving_s, np.nan)
        share_d = np.where(moving_m > 0, dist_in[reps, zj] / moving_m, np.nan)
    return pd.DataFrame(
        {
            "id": np.asarray(id_values, dtype=object)[reps],
            "zone": np.array(follow, dtype=object)[zj] if k else np.empty(0, dtype=object),
            "fixes": fixes[reps],
            "start": _beijing(start[reps]),
            "end": _beijing(end[reps]),
            "trip_s": trip_s[reps],
            "trip_m": trip_m[reps],
            "gap_s": gap_s[reps],
            "time_inside_s": time_in[reps, zj],
            "distance_inside_m": dist_in[reps, zj],
            "share_of_time": share_t,
            "share_of_distance": share_d,
            "enters": enters[reps, zj],
            "exits": exits[reps, zj],
            "gaps": gaps[reps, zj],
        },
        columns=SUMMARY_COLUMNS,
    )

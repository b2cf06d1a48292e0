"""The events of avzone.events as first written (numpy, pandas, a lexsort and a vectorized bisection).

The library's compiled path must give the same events, summary and row statuses as this
reference; tests/test_events_fast.py compares them on random fleets.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from avzone import geodesy, zonetime
from avzone.errors import InputError
from avzone.events import (
    DUPLICATE,
    EVENT_COLUMNS,
    MISSING_ID,
    ONLY_FIX,
    SAME_TIME,
    SUMMARY_COLUMNS,
    Events,
    _beijing,
    _crossings,
    _Segments,
    follow_zones,
    segment_lengths_m,
)
from avzone.locate import locate_many
from avzone.model import Model
from avzone.points import OK, Points


def reference_track_events(
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
    """The straightforward events (numpy and pandas, one lexsort, bisection with the zone index): the reference."""
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

    def labels(pos: np.ndarray) -> np.ndarray:  # the input's row labels of the event fixes, in the index's type
        return np.asarray(index.take(pos).to_numpy())

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

    summary = _reference_summary(
        follow, id_values, vid, t, first, last, a, b, seg_s, seg_m, gap, ha, hb, seg_i, zone_j, frac
    )
    rows = pd.DataFrame({"status": pd.Series(status, dtype=object, index=index), "used": used}, index=index)
    return Events(events_frame, summary, rows)


def _reference_summary(
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

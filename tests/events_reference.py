"""The events of avzone.events as first written (numpy, pandas, a lexsort and a vectorized bisection).

The library's compiled path must give the same events, summary and row statuses as this
reference; tests/test_events_fast.py compares them on random fleets.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
import shapely

from avzone import geodesy, zonetime
from avzone.errors import InputError
from avzone.events import (
    DUPLICATE,
    EVENT_COLUMNS,
    LINEAR_SEGMENT_M,
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

    # every crossing of each (segment, zone): where the segment's path meets the zone's boundary (shapely), kept
    # where the zone index's answer changes there
    ha, hb = h[a], h[b]
    az = np.zeros(a.size)
    far = np.flatnonzero(seg_m > geodesy.CHORD_SEGMENT_M)
    if far.size:  # azimuths only where Geod.fwd follows the geodesic
        az[far] = geodesy.GEOD.inv(x[a][far], y[a][far], x[b][far], y[b][far])[0]
    seg_i, zone_j, frac = _every_crossing(model, x[a], y[a], x[b], y[b], az, seg_m, ~gap, ha, hb, cols, tolerance_m)
    seg = _Segments(x[a], y[a], x[b], y[b], az, seg_m)
    clon, clat = seg.at(seg_i, frac)
    ctime = t[a][seg_i] + np.round(frac * (t[b][seg_i] - t[a][seg_i])).astype(np.int64)
    # enter and exit in turn on each (segment, zone), from the zone's flag at the segment's start
    key = seg_i * max(1, len(follow)) + zone_j
    first_of = np.r_[True, key[1:] != key[:-1]] if key.size else np.zeros(0, dtype=bool)
    place = np.arange(key.size) - np.maximum.accumulate(np.where(first_of, np.arange(key.size), 0))
    entering = ha[seg_i, zone_j] == (place % 2 == 1)

    # gap events: every gap segment, for each zone inside before or after
    gap_i, gap_j = np.nonzero(gap[:, None] & (ha | hb))

    which = np.concatenate([seg_i, gap_i])

    def labels(pos: np.ndarray) -> Any:  # the input's row labels of the event fixes, in the index's type
        taken = index.take(pos)
        return np.asarray(taken.to_numpy()) if isinstance(taken, pd.MultiIndex) else pd.Series(taken, copy=False)

    ev = pd.DataFrame(
        {
            "_v": np.concatenate([vid[a][seg_i], vid[a][gap_i]]),
            "_t": np.concatenate([ctime, t[a][gap_i]]),
            "_z": np.concatenate([zone_j, gap_j]),
            "event": _taken(
                np.array(["exit", "enter", "gap"], dtype=object), np.r_[entering.astype(int), [2] * gap_i.size]
            ),
            "lon": np.concatenate([clon, np.full(gap_i.size, np.nan)]),
            "lat": np.concatenate([clat, np.full(gap_i.size, np.nan)]),
            "row_before": labels(order[a][which]),
            "row_after": labels(order[b][which]),
            "gap_s": np.concatenate([np.full(seg_i.size, np.nan), seg_s[gap_i]]),
            "gap_m": np.concatenate([np.full(seg_i.size, np.nan), seg_m[gap_i]]),
        }
    )
    ev = ev.sort_values(["_v", "_t", "_z"], kind="stable").reset_index(drop=True)  # (a segment's crossings in order)
    ev.insert(0, "id", _taken(np.asarray(id_values, dtype=object), ev["_v"].to_numpy(dtype=np.int64)))
    ev.insert(1, "zone", _taken(np.array(follow, dtype=object), ev["_z"].to_numpy(dtype=np.int64)))
    ev.insert(3, "time", _beijing(ev["_t"].to_numpy(dtype=np.int64)))
    events_frame = ev.drop(columns=["_v", "_t", "_z"])[EVENT_COLUMNS]

    summary = _reference_summary(
        follow, id_values, vid, t, first, last, a, b, seg_s, seg_m, gap, ha, hb, seg_i, zone_j, frac, entering
    )
    rows = pd.DataFrame({"status": pd.Series(status, dtype=object, index=index), "used": used}, index=index)
    events_frame["id"], summary["id"] = _of_ids_type(events_frame["id"], ids), _of_ids_type(summary["id"], ids)
    return Events(events_frame, summary, rows)


def _of_ids_type(column: pd.Series, ids: Any) -> Any:
    """The ids as the input's id column's type, as events keeps it (integers stay integers, a categorical keeps its
    categories); objects where that type does not hold them, and for an input of objects."""
    dtype = getattr(ids, "dtype", None)
    if dtype is None or (isinstance(dtype, np.dtype) and dtype.kind == "O"):
        return column
    try:
        return pd.Series(np.asarray(column, dtype=object), dtype=object).astype(dtype).array
    except Exception:
        return column


def _taken(values: np.ndarray, codes: np.ndarray) -> Any:
    """``values[codes]`` as a column of the dtype pandas gives all the ``values`` (text: its string dtype), which
    no codes keep (an empty column of text is text too); no values at all: an object column."""
    if not values.size:
        return values[codes]
    return pd.Series(values).take(codes).reset_index(drop=True)


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
    entering: np.ndarray,
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
    # inside share of each (segment, zone): the spans from an enter (or the start, inside) to the next exit (or the
    # end, inside)
    share = np.zeros(ha.shape)
    spans: dict[tuple[int, int], list[float]] = {}
    for i, j, f in zip(seg_i.tolist(), zone_j.tolist(), frac.tolist(), strict=True):
        spans.setdefault((i, j), []).append(f)
    for i, j in zip(*np.nonzero(~gap[:, None] & (ha | hb)), strict=True):
        spans.setdefault((int(i), int(j)), [])
    for (i, j), fs in spans.items():
        ends = ([0.0] if ha[i, j] else []) + fs + ([1.0] if hb[i, j] else [])
        assert len(ends) % 2 == 0, (i, j, ends)
        share[i, j] = sum(ends[q + 1] - ends[q] for q in range(0, len(ends), 2))
    time_in = np.zeros((nv, k))
    dist_in = np.zeros((nv, k))
    enters = np.zeros((nv, k), dtype=np.int64)
    exits = np.zeros((nv, k), dtype=np.int64)
    gaps = np.zeros((nv, k), dtype=np.int64)
    for j in range(k):
        time_in[:, j] = np.bincount(sv, weights=share[:, j] * seg_s, minlength=nv)
        dist_in[:, j] = np.bincount(sv, weights=share[:, j] * seg_m, minlength=nv)
        on = zone_j == j
        enters[:, j] = np.bincount(sv[seg_i[on]][entering[on]], minlength=nv)
        exits[:, j] = np.bincount(sv[seg_i[on]][~entering[on]], minlength=nv)
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


def _every_crossing(
    model: Model,
    x0: np.ndarray,
    y0: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    az: np.ndarray,
    dist: np.ndarray,
    moving: np.ndarray,
    ha: np.ndarray,
    hb: np.ndarray,
    cols: np.ndarray,
    tolerance_m: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every crossing of the segments ``moving`` with each followed zone's boundary: segment, zone, fraction.

    A segment is a path of ``ceil(length / 500 m)`` straight pieces (in
    lon/lat) of equal length along the geodesic (one piece up to 500 m).
    Where shapely says the path meets the zone's boundary are the candidate
    places; the zone index classifies the path between them, and a place
    is a crossing where that answer changes. The fraction reported is the
    middle of the bracket a bisection of ``steps`` halvings ends in there
    (the bracket shorter than ``tolerance_m``). Where the zone index's
    answer next to a fix is not the fix's own (a fix on the boundary), the
    path crosses the boundary at that fix (the middle of the bracket there;
    a path along the boundary, within rounding, is on the fix's side). A
    segment whose flags differ and that has no crossing so gets the zone
    index's bisection. An enter and an exit
    that end in one bracket are dropped (no dip the tolerance can place). In
    (segment, zone, fraction) order.
    """
    zones = list(model.zone_layers)
    boundaries = [model.layer_geometry(zones[c]).boundary for c in cols]
    for g in boundaries:
        shapely.prepare(g)
    seg_i, zone_j, frac = [], [], []
    seg = _Segments(x0, y0, x1, y1, az, dist)
    idx = np.flatnonzero(moving)
    pieces = np.maximum(1, np.ceil(dist / LINEAR_SEGMENT_M)).astype(np.int64)
    for i in idx.tolist():
        k = int(pieces[i])
        fr = np.arange(k + 1) / k
        vx, vy = seg.at(np.full(k + 1, i), fr)
        vx[0], vy[0], vx[-1], vy[-1] = x0[i], y0[i], x1[i], y1[i]
        path = shapely.LineString(np.c_[vx, vy])
        cum = np.r_[0.0, np.cumsum(np.hypot(np.diff(vx), np.diff(vy)))]
        steps = int(np.ceil(np.log2(max(dist[i], tolerance_m) / tolerance_m))) + 1
        for j, boundary in enumerate(boundaries):
            if not shapely.intersects(path, boundary):
                continue
            pts = shapely.get_coordinates(shapely.intersection(path, boundary))
            cand = []
            for px, py in pts:
                pos = shapely.line_locate_point(path, shapely.Point(px, py))
                q = min(int(np.searchsorted(cum, pos, side="right")) - 1, k - 1)
                f = (q + (pos - cum[q]) / (cum[q + 1] - cum[q])) / k
                if 0.0 < f < 1.0:
                    cand.append(f)
            cand = sorted(set(cand))
            edges = [0.0, *cand, 1.0]
            mids = np.array([(p + q) / 2 for p, q in itertools.pairwise(edges)])
            piece = np.minimum((mids * k).astype(np.int64), k - 1)
            s = mids * k - piece
            mx = vx[piece] + s * (vx[piece + 1] - vx[piece])
            my = vy[piece] + s * (vy[piece + 1] - vy[piece])
            state = model.zone_index.classify(mx, my)[:, cols[j]]
            # the path along the boundary itself (within rounding) beside a fix is on the fix's side
            on_edge = shapely.distance(boundaries[j], shapely.points(mx, my)) < 1e-9
            state[0] = ha[i, j] if on_edge[0] else state[0]
            state[-1] = hb[i, j] if on_edge[-1] else state[-1]
            # a fix on the boundary whose side the path beside it is not: a crossing at that fix (its bracket's middle)
            state = np.r_[ha[i, j], state, hb[i, j]]
            bracket = 0.5**steps if steps <= 52 else 0.0
            cand = [bracket / 2, *cand, 1.0 - bracket / 2 if bracket else 1.0]
            here: list[float] = []
            for q in range(1, state.size):
                if state[q] != state[q - 1]:
                    f = cand[q - 1]
                    f = min((np.floor(f * 2.0**steps) + 0.5) / 2.0**steps, 1.0 - bracket / 2) if steps <= 52 else f
                    if here and here[-1] == f:  # in and out within one bracket: no dip it can place
                        here.pop()
                    else:
                        here.append(f)
            seg_i += [i] * len(here)
            zone_j += [j] * len(here)
            frac += here
    # (each (segment, zone) whose flags differ and that has no crossing yet: those set aside above, and any whose
    # path shapely finds no meeting with the boundary on)
    for i, j in zip(*np.nonzero(moving[:, None] & (ha != hb) & ~_found(seg_i, zone_j, ha.shape)), strict=True):
        sub = _Segments(x0[[i]], y0[[i]], x1[[i]], y1[[i]], az[[i]], dist[[i]])
        f = _crossings(model, sub, cols[[j]], ha[[i], j], tolerance_m, 1)[0]
        seg_i.append(int(i))
        zone_j.append(int(j))
        frac.append(float(f))
    si, zj, fr = np.array(seg_i, dtype=np.int64), np.array(zone_j, dtype=np.int64), np.array(frac, dtype=float)
    order = np.lexsort((fr, zj, si))
    return si[order], zj[order], fr[order]


def _found(seg_i: list[int], zone_j: list[int], shape: tuple[int, ...]) -> np.ndarray:
    """Which (segment, zone) have a crossing in the lists."""
    out = np.zeros(shape, dtype=bool)
    out[seg_i, zone_j] = True
    return out

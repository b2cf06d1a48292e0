"""Randomized differential tests of the events on awkward but legal input.

The compiled path is compared with tests/events_reference.py over id, time and
index types, row layouts, CRSs and options; the entry points (DataFrame,
GeoDataFrame, ``avzone events`` on CSV and Parquet, the Dask engine's
partition step, ``POST /v1/events``) are compared with each other. Known wrong
answers are kept as strict xfails.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import shapely
from common import run_cli
from events_reference import reference_track_events

import avzone
from avzone import zonetime
from avzone.crs import from_wgs84, to_wgs84
from avzone.events import DUPLICATE, MISSING_ID, ONLY_FIX, SAME_TIME, Events
from avzone.geodesy import GEOD
from avzone.points import to_points

BASE = np.datetime64("2024-07-01T08:00:00", "ns")
ID_KINDS = [
    "object",
    "long",
    "chinese",
    "int64",
    "negative",
    "uint",
    "float",
    "category",
    "mixed",
    "arrow",
    "large_string",
    "chunked",
    "int32",
]
LAYOUTS = ["grouped", "interleaved", "shuffled", "by time", "reversed"]
TIME_KINDS = ["ns", "s", "ms", "us", "shanghai", "utc", "iso", "iso_offset", "pre1970", "objects"]
INDEX_KINDS = ["default", "range", "negative step", "labels", "permuted"]
# id kinds that can hold a missing or blank id
WITH_MISSING = {"object", "long", "chinese", "float", "category", "mixed", "arrow", "large_string"}


def _ids(kind: str, v: np.ndarray, rng: np.random.Generator) -> pd.Series:
    """Vehicle ids of one kind for vehicle numbers ``v``."""
    names = np.array([f"car-{i}" for i in range(16)], dtype=object)
    if kind == "object":
        return pd.Series(names[v], dtype=object)
    if kind == "long":  # more than eight bytes, sharing a long prefix, tails of other lengths
        return pd.Series([f"robotaxi-beijing-yizhuang-{i:03d}" + "-x" * (i % 3) for i in v], dtype="string")
    if kind == "chinese":
        return pd.Series([f"京A{12345 + i}" if i % 3 else f"京AD{i}" for i in v], dtype="str")
    if kind == "int64":
        return pd.Series(v.astype(np.int64) * 1_000_003 + 17)
    if kind == "int32":
        return pd.Series(v.astype(np.int32) * 7 + 1)
    if kind == "negative":
        return pd.Series(-v.astype(np.int64) * 3 - 1)
    if kind == "uint":
        return pd.Series(np.uint64(2**63) + v.astype(np.uint64))
    if kind == "float":
        return pd.Series(v + 0.5)
    if kind == "category":  # categories in another order, and unused ones
        return pd.Series(pd.Categorical(names[v], categories=list(names[::-1])))
    if kind == "mixed":
        return pd.Series([names[i] if i % 2 else int(i) for i in v], dtype=object)
    if kind == "arrow":
        return pd.Series(pd.array(names[v], dtype=pd.ArrowDtype(pa.string())))
    if kind == "large_string":
        return pd.Series(pd.array([f"vehicle-{i:04d}-京" for i in v], dtype=pd.ArrowDtype(pa.large_string())))
    assert kind == "chunked"  # Arrow chunks (as Parquet gives them), cut anywhere
    arr = pa.array([f"vehicle-{i:04d}" for i in v], pa.large_string())
    cut = int(rng.integers(0, v.size + 1))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([arr.slice(0, cut), arr.slice(cut)])))


def _times(kind: str, ts: pd.Series) -> pd.Series:
    """The naive Beijing times ``ts`` as one kind of time column."""
    if kind in ("s", "ms", "us"):
        return ts.dt.floor(kind).dt.as_unit(kind)
    if kind == "shanghai":
        return ts.dt.tz_localize("Asia/Shanghai")
    if kind == "utc":
        return ts.dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC")
    if kind == "iso":
        return pd.Series(ts.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").to_numpy(dtype=object))
    if kind == "iso_offset":
        utc = ts.dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC")
        return pd.Series(utc.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00").to_numpy(dtype=object))
    if kind == "objects":  # datetime objects and ISO strings in one column
        return pd.Series([t.floor("us").to_pydatetime() if i % 2 else t.isoformat() for i, t in enumerate(ts)])
    return ts  # ns, pre1970 (naive datetime64[ns])


def _fleet(
    seed: int,
    ids: str = "object",
    layout: str = "shuffled",
    times: str = "ns",
    index: str = "default",
    *,
    bad: bool = True,
    swapped: bool = True,
    missing_ids: bool = True,
    enter_first: bool = False,
) -> pd.DataFrame:
    """Vehicles wandering across the zone edges near Yizhuang, with duplicates and (``bad``) unusable rows.

    ``enter_first``: every vehicle starts by entering the current zone (so every vehicle has an event).
    """
    rng = np.random.default_rng(seed)
    base = np.datetime64("1960-03-01T23:59:00", "ns") if times == "pre1970" else BASE
    frames = []
    for v in range(int(rng.integers(1, 10))):
        n = int(rng.integers(1, 50))
        step = rng.choice([0.0005, 0.004, 0.02])  # tens of metres to km per fix
        lon = 116.50 + np.cumsum(rng.normal(0, step, n)) + rng.uniform(-0.1, 0.1)
        lat = 39.79 + np.cumsum(rng.normal(0, step * 0.8, n)) + rng.uniform(-0.08, 0.08)
        if enter_first:
            lon, lat = np.r_[116.42, 116.46, lon], np.r_[39.79, 39.79, lat]
            n += 2
        dt = rng.choice([0, 1, 15, 60, 900], size=n, p=[0.05, 0.2, 0.45, 0.2, 0.1])  # equal times, gaps
        t = base + np.cumsum(dt).astype("timedelta64[s]") + rng.integers(0, 10**9, n).astype("timedelta64[ns]")
        if enter_first:
            t[1] = t[0] + np.timedelta64(240, "s")
            t[2:] = np.maximum(t[2:], t[1] + np.timedelta64(1, "s"))
        frames.append(pd.DataFrame({"v": v, "ts": t, "lon": lon, "lat": lat}))
    df = pd.concat(frames, ignore_index=True)
    if len(df) > 3:  # duplicates, and fixes at the same time at another position
        extra = df.iloc[rng.choice(len(df), size=max(1, len(df) // 10))].copy()
        moved = rng.random(len(extra)) < 0.5
        extra.loc[moved, "lon"] += 0.001
        df = pd.concat([df, extra], ignore_index=True)
    if layout == "grouped":
        df = df.sort_values(["v", "ts"], kind="stable")
    elif layout == "interleaved":
        df = df.assign(k=df.groupby("v").cumcount()).sort_values(["k", "v"], kind="stable").drop(columns="k")
    elif layout == "shuffled":
        df = df.sample(frac=1, random_state=seed)
    elif layout == "by time":
        df = df.sort_values("ts", kind="stable")
    elif layout == "reversed":
        df = df.sort_values(["v", "ts"], kind="stable").iloc[::-1]
    df = df.reset_index(drop=True)
    m = len(df)
    vid = _ids(ids, df.pop("v").to_numpy(), rng)
    ts = _times(times, df["ts"])
    lon, lat = df["lon"].to_numpy().copy(), df["lat"].to_numpy().copy()
    if bad and m > 8:
        pick = rng.choice(m, size=8, replace=False)
        if missing_ids and ids in WITH_MISSING:
            vid = vid.copy()
            vid.iloc[pick[0]] = np.nan if ids in ("float", "category") else None
            if ids not in ("float", "category"):
                vid.iloc[pick[1]] = "  " if ids != "large_string" else ""  # blank: missing
        ts = ts.copy()
        ts.iloc[pick[2]] = None if ts.dtype == object else pd.NaT
        if ts.dtype == object:
            ts.iloc[pick[3]] = "not a time"
        lon[pick[4]] = np.nan
        lat[pick[5]] = np.inf
        lon[pick[6]], lat[pick[6]] = 121.47, 31.23  # Shanghai: a fine fix outside the dataset's bounds
        if swapped:
            lon[pick[7]], lat[pick[7]] = lat[pick[7]], lon[pick[7]]
    df = pd.DataFrame({"vehicle": vid.to_numpy() if ids == "object" else vid.array, "ts": ts.array})
    df["lon"], df["lat"] = lon, lat
    if index == "range":
        df.index = pd.RangeIndex(1000, 1000 + 3 * m, 3)
    elif index == "negative step":
        df.index = pd.RangeIndex(2 * m, 0, -2)
    elif index == "labels":
        df.index = pd.Index([f"r{i}" for i in range(m)])
    elif index == "permuted":
        df.index = pd.Index(rng.permutation(m) * 10 + 5)
    return df


def _options(seed: int) -> dict[str, Any]:
    """Random gap limits, tolerance and zone layers."""
    rng = np.random.default_rng(seed + 1000)
    r = rng.random(4)
    o: dict[str, Any] = {}
    if r[0] < 0.3:
        o["max_gap_s"] = None
    elif r[0] < 0.5:
        o["max_gap_s"] = float(rng.choice([30.0, 60.5, 900.0]))
    if r[1] < 0.3:
        o["max_gap_m"] = None
    elif r[1] < 0.5:
        o["max_gap_m"] = float(rng.choice([200.0, 1500.0]))
    if r[2] < 0.3:
        o["tolerance_m"] = float(rng.choice([0.05, 3.0, 25.0]))
    if r[3] < 0.4:
        o["zones"] = [["current"], ["planned", "core"], ["core", "current"]][int(rng.integers(3))]
    return o


def _reference(model: avzone.Model, df: pd.DataFrame, crs: Any = None, **options: Any) -> Events:
    return reference_track_events(
        model, df["vehicle"], df["ts"], to_points(df["lon"], df["lat"], crs), df.index, **options
    )


def _no_moving_time_share(fast: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """``fast`` with the reference's share_of_time where the time outside gaps is nearly none.

    The share is divided by the trip's time less the gaps' time: sums of
    nanoseconds here (exact), of seconds in the reference (rounded), so
    for a microsecond outside gaps the reference's share is off in the
    sixth digit. Elsewhere the shares must agree.
    """
    moving = (ref.trip_s - ref.gap_s).to_numpy()
    a, b = fast.share_of_time.to_numpy(), ref.share_of_time.to_numpy()
    known = (moving > 0) & (moving < 1e-3) & np.isclose(a, b, rtol=1e-4, atol=0)
    out = fast.copy()
    out.loc[known, "share_of_time"] = b[known]
    return out


def _assert_same(model: avzone.Model, df: pd.DataFrame, **options: Any) -> Events:
    """``model.events(df)`` equals the reference: rows, events and summary."""
    fast = model.events(df, **options)
    ref = _reference(model, df, options.pop("crs", None), **options)
    status = fast.rows["status"]
    assert isinstance(status.dtype, pd.CategoricalDtype)
    assert set(status.cat.categories) == set(ref.rows["status"])
    pd.testing.assert_frame_equal(fast.rows.astype({"status": object}), ref.rows)
    pd.testing.assert_frame_equal(fast.events, ref.events, check_exact=False, rtol=1e-12, atol=1e-9)
    pd.testing.assert_frame_equal(
        _no_moving_time_share(fast.summary, ref.summary),
        ref.summary,
        check_exact=False,
        rtol=1e-9,
        atol=1e-6,
        check_dtype=False,
    )
    return fast


@pytest.mark.parametrize("seed", range(20))
def test_fast_path_equals_the_reference_on_random_input(model, seed):
    df = _fleet(
        seed,
        ID_KINDS[seed % len(ID_KINDS)],
        LAYOUTS[seed % len(LAYOUTS)],
        TIME_KINDS[seed % len(TIME_KINDS)],
        INDEX_KINDS[(seed // 2) % len(INDEX_KINDS)],
        bad=seed % 4 != 3,
    )
    res = _assert_same(model, df, **_options(seed))
    assert len(res.rows) == len(df)


@pytest.mark.parametrize("kind", ["long", "chinese", "negative", "chunked"])
@pytest.mark.parametrize("layout", ["grouped", "shuffled"])
def test_fast_path_equals_the_reference_with_thousands_of_vehicles(model, kind, layout):
    # more distinct ids than the id hash table's first size, long and short segments (some over 20 km)
    rng = np.random.default_rng(len(kind))
    n = 8000
    v = rng.integers(0, 2500, n)
    lon = 116.5 + rng.normal(0, 0.06, n) + np.where(rng.random(n) < 0.05, rng.choice([-0.4, 0.4], n), 0.0)
    lat = 39.79 + rng.normal(0, 0.05, n)
    t = BASE + rng.integers(0, 3600 * 10**9, n).astype("timedelta64[ns]")
    df = pd.DataFrame({"v": v, "ts": t, "lon": lon, "lat": lat})
    if layout == "grouped":
        df = df.sort_values(["v", "ts"]).reset_index(drop=True)
    v = df.pop("v").to_numpy()
    if kind == "long":
        ids = pd.Series([f"robotaxi-beijing-yizhuang-{i:06d}" + "x" * (i % 7) for i in v], dtype="str")
    elif kind == "chinese":
        ids = pd.Series([f"京{chr(0x4E00 + i % 500)}{i:05d}" for i in v], dtype="str")
    elif kind == "negative":
        ids = pd.Series(v.astype(np.int64) * -977)
    else:
        arr = pa.array([f"vehicle-{i:06d}-{'z' * (i % 13)}" for i in v], pa.string())
        a, b = sorted(rng.integers(0, n, 2).tolist())
        chunks = [arr.slice(0, a), arr.slice(a, b - a), arr.slice(b)]
        ids = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks).cast(pa.large_string())))
    df.insert(0, "vehicle", ids.array)
    _assert_same(model, df)
    res = _assert_same(model, df, max_gap_s=None, max_gap_m=None)
    assert res.summary.id.nunique() > 1024 and (res.events.event != "gap").all()


def _dip_fleet(model: avzone.Model, seed: int) -> pd.DataFrame:
    """Vehicles hopping across the zones' corners and narrow parts: segments whose fixes lie on one side of a
    boundary and that pass through the zone (or out of it) between them, and ones crossing it three times or more.

    Each vehicle's fixes come in pairs, the chord of a pair across a boundary vertex of a random layer, offset
    sideways from it by up to a third of its length (so that it cuts the corner, misses it, or passes through
    the vertex itself, within rounding), from 15 m to 1.5 km long and 20 s apart; the pairs 20 s to 15 minutes
    apart (some gaps).
    """
    rng = np.random.default_rng(seed)
    layers = list(model.zone_layers)
    frames = []
    for v in range(int(rng.integers(1, 6))):
        lon, lat = [], []
        for _ in range(int(rng.integers(1, 12))):
            ring = shapely.get_coordinates(model.layer_geometry(layers[int(rng.integers(len(layers)))]).boundary)
            vx, vy = ring[int(rng.integers(len(ring)))]
            half = float(rng.choice([30.0, 200.0, 400.0, 1500.0])) / 2 / 100_000 * rng.uniform(0.5, 1.0)
            ang = rng.uniform(0, 2 * np.pi)
            dx, dy = np.cos(ang) * half, np.sin(ang) * half
            off = rng.choice([0.0, rng.uniform(-0.3, 0.3)])  # (through the vertex itself, or beside it)
            along = rng.uniform(-0.4, 0.4)  # (the vertex away from the middle: no crossing on a bracket's end)
            cx, cy = vx + off * dy * 2 + along * dx, vy - off * dx * 2 + along * dy
            lon += [cx - dx, cx + dx]
            lat += [cy - dy, cy + dy]
        steps = [int(rng.choice([20, 90, 900])) if i % 2 else 20 for i in range(len(lon) - 1)]
        t = BASE + np.cumsum([0, *steps]).astype("timedelta64[s]")
        frames.append(pd.DataFrame({"vehicle": f"car-{v}", "ts": t, "lon": lon, "lat": lat}))
    df = pd.concat(frames, ignore_index=True)
    return df.sample(frac=1, random_state=seed).reset_index(drop=True) if seed % 2 else df


@pytest.mark.parametrize("seed", range(12))
def test_dips_and_repeated_crossings_equal_the_reference(model, seed):
    # every crossing of a segment with a zone's boundary is an event: where the segment's fixes are on one side
    # (a chord across a corner, out and in across a notch), and where it crosses three times or more (a long
    # segment, or one through a boundary vertex); the reference finds them with shapely, independently
    df = _dip_fleet(model, seed)
    options = [{}, {"max_gap_s": None, "max_gap_m": None}, {"tolerance_m": 0.05}, {"tolerance_m": 25.0}][seed % 4]
    res = _assert_same(model, df, **options)
    ev = res.events
    cross = ev[ev.event != "gap"]
    before, after = df.loc[cross.row_before], df.loc[cross.row_after]
    # in order and alternating per vehicle and zone; each between its fixes, on the boundary
    for _, group in ev.groupby(["id", "zone"], sort=False):
        assert group.time.is_monotonic_increasing
        moves = [list(g) for is_gap, g in itertools.groupby(group.event, lambda e: e == "gap") if not is_gap]
        assert all(a != b for run in moves for a, b in itertools.pairwise(run)), group.event.tolist()
    assert (before.ts.to_numpy() <= cross.time.dt.tz_localize(None).to_numpy()).all()
    assert (cross.time.dt.tz_localize(None).to_numpy() <= after.ts.to_numpy()).all()
    tol = options.get("tolerance_m", 1.0)
    for zone, group in cross.groupby("zone"):
        d = model.edges[zone].distances(group.lon.to_numpy(), group.lat.to_numpy())
        assert np.all(d <= tol / 2 + 0.01), (zone, d.max())
    if "max_gap_s" in options:  # no gaps: the time inside is the enter-to-exit spans
        fixes = df.assign(t=df.ts.dt.tz_localize("Asia/Shanghai")).sort_values(["vehicle", "t"], kind="stable")
        inside = res.summary.set_index(["id", "zone"]).time_inside_s
        for v, track in fixes.groupby("vehicle"):
            for zone in res.summary.zone.unique():
                want = _spans_inside(model, track, ev[(ev.id == v) & (ev.zone == zone)], zone)
                assert inside[(v, zone)] == pytest.approx(want, abs=1e-3)


def test_the_dip_fleets_have_dips(model):
    # (the test above checks something: its fleets have segments whose fixes are on one side of a boundary that
    # cross it, and segments crossing it three times or more)
    dips = again = 0
    for seed in range(12):
        df = _dip_fleet(model, seed)
        cross = model.events(df, max_gap_s=None, max_gap_m=None).events.query("event != 'gap'")
        h = model.classify(df.lon.to_numpy(), df.lat.to_numpy())
        same = [h[z].iloc[i] == h[z].iloc[j] for z, i, j in zip(cross.zone, cross.row_before, cross.row_after)]
        dips += int(np.sum(same))
        again += int((cross.groupby(["row_before", "zone"]).size() >= 3).sum())
    assert dips >= 20 and again >= 1, (dips, again)


def _spans_inside(model: avzone.Model, fixes: pd.DataFrame, evs: pd.DataFrame, zone: str) -> float:
    """Seconds inside from the events: enter (or the start, if inside) to exit (or the end, if inside)."""
    inside = bool(model.classify([fixes.lon.iloc[0]], [fixes.lat.iloc[0]])[zone].iloc[0])
    total, since = 0.0, (fixes.t.iloc[0] if inside else None)
    for e in evs.itertuples():
        if e.event == "enter":
            inside, since = True, e.time
        elif e.event == "exit":
            total += (e.time - since).total_seconds()
            inside, since = False, None
    if inside:
        total += (fixes.t.iloc[-1] - since).total_seconds()
    return total


@pytest.mark.parametrize("seed", range(6))
def test_events_summary_and_statuses_agree_with_each_other(model, seed):
    gap_free = seed % 2 == 0
    df = _fleet(seed + 50, ID_KINDS[(seed * 5) % len(ID_KINDS)], LAYOUTS[seed % len(LAYOUTS)], "shanghai", "labels")
    tol = [1.0, 0.05, 10.0][seed % 3]
    options: dict[str, Any] = {"tolerance_m": tol}
    if gap_free:
        options.update(max_gap_s=None, max_gap_m=None)
    res = model.events(df, **options)
    rows, ev, summary = res.rows, res.events, res.summary
    # one status per input row, in the input's order; used fixes are the ok ones and the only fixes
    assert rows.index.equals(df.index) and rows.status.notna().all()
    assert (rows.used == rows.status.isin(["ok", ONLY_FIX])).all()
    kinds = {DUPLICATE, SAME_TIME, MISSING_ID, ONLY_FIX}
    assert set(rows.status.astype(str)) - {"ok"} - kinds == set(res.rejected()) - kinds
    assert sum(res.rejected().values()) == int((rows.status != "ok").sum())
    # the summary's fixes are the used rows per vehicle
    per_vehicle = summary.drop_duplicates("id").set_index("id").fixes
    used = df[rows.used.to_numpy()]
    counts = used.groupby(used.vehicle.astype(object).map(repr)).size()
    assert dict(zip(per_vehicle.index.map(repr), per_vehicle, strict=True)) == counts.to_dict()
    # event counts
    key = ["id", "zone"]
    for col, kind in (("enters", "enter"), ("exits", "exit"), ("gaps", "gap")):
        got = ev[ev.event == kind].groupby(key, sort=False).size()
        want = summary.set_index(key)[col]
        assert want[want > 0].sort_index().to_dict() == got.sort_index().to_dict(), col
    # enter and exit alternate between gaps; in time order; between the two fixes; near the boundary
    for _, group in ev.groupby(key, sort=False):
        assert group.time.is_monotonic_increasing
        moves = [list(g) for is_gap, g in itertools.groupby(group.event, lambda e: e == "gap") if not is_gap]
        assert all(a != b for run in moves for a, b in itertools.pairwise(run)), group.event.tolist()
    cross = ev[ev.event != "gap"]
    if len(cross):
        before, after = df.loc[cross.row_before], df.loc[cross.row_after]
        *_, d_ab = GEOD.inv(before.lon.to_numpy(), before.lat.to_numpy(), after.lon.to_numpy(), after.lat.to_numpy())
        *_, d_ac = GEOD.inv(before.lon.to_numpy(), before.lat.to_numpy(), cross.lon.to_numpy(), cross.lat.to_numpy())
        *_, d_cb = GEOD.inv(cross.lon.to_numpy(), cross.lat.to_numpy(), after.lon.to_numpy(), after.lat.to_numpy())
        assert np.all(np.abs(d_ac + d_cb - d_ab) < 0.01)
        assert (before.ts.to_numpy() <= cross.time.to_numpy()).all()
        assert (cross.time.to_numpy() <= after.ts.to_numpy()).all()
        assert (before.vehicle.astype(object).to_numpy() == cross.id.to_numpy()).all()
        for zone, group in cross.groupby("zone"):
            d = model.edges[zone].distances(group.lon.to_numpy(), group.lat.to_numpy())
            assert np.all(d <= tol / 2 + 0.01), (zone, d.max())
    gaps = ev[ev.event == "gap"]
    assert gaps.lon.isna().all() and (gaps.gap_s.notna() & gaps.gap_m.notna()).all()
    assert ev[ev.event != "gap"][["gap_s", "gap_m"]].isna().all().all()
    if gap_free:  # time inside = the enter-to-exit spans
        assert gaps.empty
        fixes = df[rows.used.to_numpy()].assign(t=lambda d: d.ts).sort_values("t", kind="stable")
        fixes = fixes.assign(key=fixes.vehicle.astype(object).map(repr))
        inside = summary.assign(key=summary.id.map(repr)).set_index(["key", "zone"]).time_inside_s
        for vkey, track in fixes.groupby("key"):
            for zone in summary.zone.unique():
                e = ev[(ev.id.map(repr) == vkey) & (ev.zone == zone)]
                want = _spans_inside(model, track, e, zone)
                assert inside[(vkey, zone)] == pytest.approx(want, abs=1e-3)


@pytest.mark.parametrize("crs", ["gcj02", "bd09", "EPSG:3857", "EPSG:32650"])
def test_other_crs_equals_converting_first(model, crs):
    # the same fixes in another CRS: equal to the reference on those numbers, and to events on the WGS84
    # coordinates avzone's own transform gives for them
    for seed in range(3):
        df = _fleet(seed + 70, ID_KINDS[seed * 4], LAYOUTS[seed], "iso_offset", INDEX_KINDS[seed], swapped=False)
        x, y = from_wgs84(df.lon.to_numpy(), df.lat.to_numpy(), crs)
        other = df.assign(lon=x, lat=y)
        zones = [None, ["current"], ["core", "planned"]][seed]
        res = _assert_same(model, other, crs=crs, zones=zones)
        lon, lat = to_wgs84(x, y, crs)
        wgs = model.events(df.assign(lon=lon, lat=lat), zones=zones)
        pd.testing.assert_frame_equal(res.events, wgs.events)
        pd.testing.assert_frame_equal(res.summary, wgs.summary)
        pd.testing.assert_frame_equal(res.rows.astype({"status": str}), wgs.rows.astype({"status": str}))


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3857"])
def test_geodataframe_equals_columns(model, crs):
    gpd = pytest.importorskip("geopandas")
    df = _fleet(81, "chinese", "interleaved", "objects", "permuted", bad=False)
    x, y = from_wgs84(df.lon.to_numpy(), df.lat.to_numpy(), crs)
    frame = gpd.GeoDataFrame(df[["vehicle", "ts"]], geometry=gpd.points_from_xy(x, y), crs=crs)
    got = model.events(frame, zones=["current", "core"])
    want = model.events(df.assign(lon=x, lat=y), crs=crs, zones=["current", "core"])
    pd.testing.assert_frame_equal(got.events, want.events)
    pd.testing.assert_frame_equal(got.summary, want.summary)
    pd.testing.assert_frame_equal(got.rows, want.rows)
    assert len(got.events) > 0


def test_geodataframe_without_a_crs_is_in_the_crs_given(model):
    # GCJ-02 points in a GeoDataFrame without a CRS, crs="gcj02": read as GCJ-02 (they were read as WGS84, every
    # crossing some hundred metres and seconds off), as model.classify reads them; a crs that contradicts the
    # frame's own is refused, not ignored
    gpd = pytest.importorskip("geopandas")
    df = _fleet(83, "chinese", "interleaved", "objects", "permuted", bad=False)
    x, y = from_wgs84(df.lon.to_numpy(), df.lat.to_numpy(), "gcj02")
    frame = gpd.GeoDataFrame(df[["vehicle", "ts"]], geometry=gpd.points_from_xy(x, y))
    got = model.events(frame, crs="gcj02", zones=["current"])
    want = model.events(df.assign(lon=x, lat=y), crs="gcj02", zones=["current"])
    pd.testing.assert_frame_equal(got.events, want.events)
    pd.testing.assert_frame_equal(got.summary, want.summary)
    assert len(got.events) > 0
    with pytest.raises(
        avzone.InputError, match=r"crs='gcj02' contradicts the CRS of the GeoSeries/GeoDataFrame \(EPSG:3857\)"
    ):
        model.events(frame.set_crs("EPSG:3857"), crs="gcj02")


def _as_text(values: pd.Series) -> pd.Series:
    """Ids as the file jobs write them: text, missing as None."""
    return pd.Series([None if pd.isna(v) else str(v) for v in values], dtype=object)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as objects, ids as text."""
    out = frame.copy()
    for c in ("id", "zone", "event", "status"):
        if c in out.columns:
            out[c] = _as_text(out[c]) if c == "id" else out[c].astype(object)
    return out


def _by_vehicle(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by id (stable): the order of vehicle partitions is not the order of first appearance."""
    return frame.sort_values("id", kind="stable").reset_index(drop=True)


def _run_events_cli(
    src: Path, out: Path, *extra: str
) -> tuple[dict[str, Any], pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    paths = [out / f"{name}.parquet" for name in ("events", "summary", "rows")]
    res = run_cli(
        "events", "--input", str(src), "--output", str(paths[0]), "--summary", str(paths[1]),
        "--annotate", str(paths[2]), "--json", *extra,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout), *(pd.read_parquet(p) for p in paths)


CLI_CASES = [
    ("csv", None, "object", "iso"),
    ("csv", 7, "chinese", "shanghai"),
    ("csv", None, "int64", "ns"),
    ("csv", 9, "float", "iso_offset"),
    ("parquet", None, "long", "utc"),
    ("parquet", 7, "category", "ms"),
    ("parquet", None, "negative", "pre1970"),
    ("parquet", 5, "large_string", "us"),
]


@pytest.mark.parametrize(("fmt", "chunk_rows", "ids", "times"), CLI_CASES)
def test_cli_equals_the_library(model, tmp_path, fmt, chunk_rows, ids, times):
    seed = CLI_CASES.index((fmt, chunk_rows, ids, times))
    # (swapped fixes and partitions without events have tests of their own below)
    df = _fleet(
        seed + 90,
        ids,
        LAYOUTS[seed % len(LAYOUTS)],
        times,
        swapped=False,
        missing_ids=not chunk_rows,
        enter_first=bool(chunk_rows),
    )
    options = _options(seed + 3)
    options.pop("tolerance_m", None)
    if "current" not in options.get("zones", ["current"]):
        options["zones"] = [*options["zones"], "current"]
    extra = ["--chunk-rows", str(chunk_rows)] if chunk_rows else []
    for name, flag in (("max_gap_s", "--max-gap-s"), ("max_gap_m", "--max-gap-m")):
        if name in options:
            extra += [flag, "inf" if options[name] is None else str(options[name])]
    if "zones" in options:
        extra += ["--zones", ",".join(options["zones"])]
    src = tmp_path / f"fixes.{fmt}"
    if fmt == "csv":
        df.to_csv(src, index=False)
    else:
        df.to_parquet(src, index=False)
    report, events, summary, rows = _run_events_cli(src, tmp_path, *extra)
    lib = model.events(df, **options)
    want_events, want_summary = _plain(lib.events), _plain(lib.summary)
    events, summary = _plain(events), _plain(summary)
    if chunk_rows:
        assert report["partitions"] > 1
        events, summary = _by_vehicle(events), _by_vehicle(summary)
        want_events, want_summary = _by_vehicle(want_events), _by_vehicle(want_summary)
    pd.testing.assert_frame_equal(events, want_events, check_exact=False, rtol=1e-12, atol=1e-9, check_dtype=False)
    pd.testing.assert_frame_equal(summary, want_summary, check_exact=False, rtol=1e-9, atol=1e-6, check_dtype=False)
    assert rows.status.astype(str).tolist() == lib.rows.status.astype(str).tolist()
    assert rows.used.tolist() == lib.rows.used.tolist()
    assert report["rows"] == len(df) and report["rows_by_status"] == lib.rejected()
    assert report["events"] == lib.events.event.value_counts().to_dict()
    assert report["vehicles"] == lib.summary.id.nunique()


def _arrow(col: pd.Series) -> pa.Array:
    """A column as pandas writes it to Parquet and dask reads it back: NaN and None are null."""
    return pa.array(col.to_numpy(), from_pandas=True)


@pytest.mark.parametrize("seed", range(3))
def test_dask_partition_and_http_equal_the_library(model, seed):
    from avzone.distributed import events_partition

    df = _fleet(seed + 120, "object", LAYOUTS[seed + 1], "iso", bad=True)
    df = df.assign(vehicle=df.vehicle.where(df.vehicle.map(lambda v: isinstance(v, str) and v.strip() != ""), None))
    lib = model.events(df)
    # the Dask engine's step on one partition (Arrow-backed columns, as dask reads Parquet): in the input's order,
    # and shuffled (the same answer: the step puts the rows back in input order by their row numbers)
    numbered = df.assign(_row=np.arange(len(df)))
    for part in (numbered, numbered.sample(frac=1, random_state=seed)):
        want = lib
        arrow = pd.DataFrame({c: pd.arrays.ArrowExtensionArray(_arrow(part[c])) for c in part})
        events, summary, rejected, n, _, _, _, _ = events_partition(
            arrow, str(model.folder), "vehicle", "ts", "lon", "lat", "EPSG:4326", {}
        )
        pd.testing.assert_frame_equal(
            _plain(events), _plain(want.events), check_exact=False, rtol=1e-12, atol=1e-9, check_dtype=False
        )
        pd.testing.assert_frame_equal(  # (less the vehicles' first rows, by which the client orders the summary)
            _plain(summary.drop(columns="_first")),
            _plain(want.summary),
            check_exact=False,
            rtol=1e-9,
            atol=1e-6,
            check_dtype=False,
        )
        assert rejected == want.rejected() and n == len(df)
    # POST /v1/events: one trajectory per vehicle (the missing ids as one trajectory without an id)
    testclient = pytest.importorskip("fastapi.testclient")
    from avzone.service import create_app

    groups = df.assign(k=df.vehicle.fillna("")).groupby("k", sort=False)
    order = np.concatenate([g.index.to_numpy() for _, g in groups])
    body = {
        "trajectories": [
            {
                **({"id": k} if k else {}),
                "fixes": [
                    [
                        None if not np.isfinite(x) else float(x),
                        None if not np.isfinite(y) else float(y),
                        t if isinstance(t, str) else None,
                    ]
                    for x, y, t in zip(g.lon, g.lat, g.ts, strict=True)
                ],
            }
            for k, g in groups
        ]
    }
    answer = testclient.TestClient(create_app(model)).post("/v1/events", json=body)
    assert answer.status_code == 200, answer.text
    doc = answer.json()
    flat = df.loc[order].reset_index(drop=True)
    flat["vehicle"] = [t.get("id", i) for i, t in enumerate(body["trajectories"]) for _ in t["fixes"]]
    flat["lon"] = flat.lon.where(np.isfinite(flat.lon))
    flat["lat"] = flat.lat.where(np.isfinite(flat.lat))
    want = model.events(flat)
    got = pd.DataFrame(doc["events"], columns=list(want.events.columns))
    assert got.event.tolist() == want.events.event.tolist() and got.zone.tolist() == want.events.zone.tolist()
    assert got.id.tolist() == want.events.id.tolist()
    assert got.time.tolist() == [t.isoformat() for t in want.events.time]
    assert np.allclose(got.lon.astype(float), want.events.lon, equal_nan=True, rtol=0, atol=1e-12)
    starts = np.cumsum([0] + [len(t["fixes"]) for t in body["trajectories"]])
    assert [starts[i] + j for i, j in got.row_before] == want.events.row_before.tolist()
    assert [f["status"] for f in doc["fixes"]] == want.rows.status.astype(str).tolist()
    assert [f["used"] for f in doc["fixes"]] == want.rows.used.tolist()
    got_summary = pd.DataFrame(doc["summary"])
    assert got_summary.time_inside_s.tolist() == pytest.approx(want.summary.time_inside_s.tolist(), abs=1e-9)
    assert got_summary.fixes.tolist() == want.summary.fixes.tolist()
    # the same fixes give the same events, whichever the entry point (a trajectory without an id is numbered)
    named = got[got.id.map(lambda v: isinstance(v, str))]
    assert sorted(zip(named.id, named.zone, named.event, named.time)) == sorted(
        zip(lib.events.id, lib.events.zone, lib.events.event, [t.isoformat() for t in lib.events.time])
    )


# -- known wrong answers ---------------------------------------------------------------------------


def test_share_of_time_is_nan_when_every_segment_is_a_gap(model):
    t0 = pd.Timestamp("2024-07-01 08:00")
    df = pd.DataFrame(
        {
            "vehicle": 1,
            "ts": [t0, t0 + pd.Timedelta("0.7s"), t0 + pd.Timedelta("0.8s")],
            "lon": [116.50, 116.51, 116.52],
            "lat": 39.79,
        }
    )
    s = model.events(df, zones=["current"], max_gap_m=200).summary.iloc[0]
    assert s.gap_s == pytest.approx(s.trip_s) and np.isnan(s.share_of_distance)
    assert np.isnan(s.share_of_time)  # no time outside gaps, as the reference gives (0.0 here)


def test_cli_events_with_a_swapped_fix(model, tmp_path):
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        "a,2024-07-01 08:00,116.42,39.79\n"
        "a,2024-07-01 08:04,116.46,39.79\n"
        "a,2024-07-01 08:05,39.79,116.47\n",
        encoding="utf-8",
    )
    _, events, _, rows = _run_events_cli(src, tmp_path)
    assert rows.status.tolist()[2].startswith("lon and lat look swapped") and len(events) == 2


@pytest.mark.parametrize(
    "other",
    [
        "a,2024-07-01 08:00,116.30,39.95\na,2024-07-01 08:04,116.31,39.95\n",  # a stays outside: no events
        ",2024-07-01 08:00,116.30,39.95\n,2024-07-01 08:04,116.31,39.95\n",  # no id: partition 0, no events
    ],
    ids=["vehicle without events", "rows without an id"],
)
def test_cli_events_with_a_first_partition_without_events(model, tmp_path, other):
    src = tmp_path / "fixes.csv"
    enters = "b,2024-07-01 08:00,116.42,39.79\nb,2024-07-01 08:04,116.46,39.79\n"  # b enters the current zone
    src.write_text("vehicle,ts,lon,lat\n" + enters + other, encoding="utf-8")
    report, events, _, _ = _run_events_cli(src, tmp_path, "--chunk-rows", "2")
    assert report["partitions"] == 2 and set(events.id) == {"b"}


@pytest.mark.parametrize(
    "ts",
    [
        pd.Series(np.array(["2500-01-01T08:00", "2500-01-01T08:04"], dtype="datetime64[s]")),
        pd.Series(["2500-01-01T08:00:00", "2500-01-01T08:04:00"]),
        pd.Series(["1500-01-01T08:00:00", "1500-01-01T08:04:00"]),
    ],
    ids=["datetime64[s]", "ISO 2500", "ISO 1500"],
)
def test_times_outside_the_nanosecond_range(model, ts):
    df = pd.DataFrame({"vehicle": ["a", "a"], "ts": ts, "lon": [116.42, 116.46], "lat": 39.79})
    res = model.events(df, zones=["current"])
    if (res.rows.status == "ok").all():  # either the true year or a row status; not a time in another century
        assert res.events.time.dt.year.isin([1500, 2500]).all()


def test_cli_events_parquet_times_outside_the_nanosecond_range(model, tmp_path):
    ts = np.array(["2500-01-01T08:00", "2500-01-01T08:04", "2024-07-01T08:00"], dtype="datetime64[ms]")
    df = pd.DataFrame({"vehicle": ["a", "a", "a"], "ts": ts, "lon": [116.42, 116.46, 116.42], "lat": 39.79})
    src = tmp_path / "fixes.parquet"
    df.to_parquet(src, index=False)
    report, _, _, rows = _run_events_cli(src, tmp_path)  # a row status for the times it cannot use, not "cannot read"
    assert report["rows"] == 3
    far = zonetime.TIME_TEXT[zonetime.TIME_RANGE]
    assert rows.status.tolist() == [far, far, "the vehicle's only usable fix: no segment"]


def test_crossing_at_the_end_of_a_long_segment_comes_before_the_next_gap(model):
    # b: a vertex of the current zone (on its boundary, so inside); a: 30 km east, outside. The crossing of a -> b
    # is found within 1e-9 m of b, at b's time; b -> c is a gap (2 h) starting at that same time
    vertices = shapely.get_coordinates(model.layer_geometry("current").boundary)
    bx, by = vertices[np.argmin(np.hypot(vertices[:, 0] - 116.62775, vertices[:, 1] - 39.76675))]
    t0 = pd.Timestamp("2024-07-01 08:00")
    df = pd.DataFrame(
        {
            "vehicle": 1,
            "ts": [t0, t0 + pd.Timedelta("1s"), t0 + pd.Timedelta("2h")],
            "lon": [116.921, bx, bx + 0.001],
            "lat": [39.819, by, by],
        }
    )
    options: dict[str, Any] = {"zones": ["current"], "max_gap_m": None, "tolerance_m": 1e-9}
    ref = _reference(model, df, **options).events
    assert ref.event.tolist() == ["enter", "gap"] and ref.time.nunique() == 1
    got = model.events(df, **options).events
    assert got.event.tolist() == ["enter", "gap"]  # the segment 0 -> 1 before the segment 1 -> 2 (gap, enter here)

"""Events along trajectories: enter/exit/gap, crossings on the boundary, time inside, row statuses."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from common import YIZHUANG_CORE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import avzone
from avzone import events as ev_mod
from avzone import maps
from avzone.errors import InputError
from avzone.geodesy import GEOD

ZONES = ["core", "current", "planned"]
BASE = pd.Timestamp("2024-07-01 08:00")


@st.composite
def fleets(draw: st.DrawFn) -> pd.DataFrame:
    """A few vehicles wandering across the zone edges around Yizhuang, rows shuffled."""
    rows = []
    for v in range(draw(st.integers(1, 3))):
        n = draw(st.integers(2, 25))
        lon = draw(st.floats(116.38, 116.62))
        lat = draw(st.floats(39.70, 39.88))
        t = 0.0
        for _ in range(n):
            rows.append((f"v{v}", BASE + pd.Timedelta(seconds=t), lon, lat))
            lon += draw(st.floats(-0.02, 0.02))
            lat += draw(st.floats(-0.015, 0.015))
            t += draw(st.floats(1.0, 400.0))
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    perm = draw(st.permutations(range(len(df))))
    return df.iloc[list(perm)].set_index(pd.Index([f"r{i}" for i in range(len(df))]))


def _spans_inside(model: avzone.Model, track: pd.DataFrame, evs: pd.DataFrame, zone: str) -> float:
    """Seconds inside from the events: enter (or the start, when inside) to exit (or the end, when inside)."""
    track = track.sort_values("ts")
    inside = bool(model.classify([track.lon.iloc[0]], [track.lat.iloc[0]])[zone].iloc[0])
    t0 = track.ts.iloc[0].tz_localize("Asia/Shanghai")
    total, since = 0.0, (t0 if inside else None)
    for _, e in evs.iterrows():
        if e.event == "enter":
            assert not inside
            inside, since = True, e.time
        elif e.event == "exit":
            assert inside
            total += (e.time - since).total_seconds()
            inside, since = False, None
    if inside:
        total += (track.ts.iloc[-1].tz_localize("Asia/Shanghai") - since).total_seconds()
    return total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fleets())
def test_events_alternate_lie_on_the_boundary_and_add_up(model, df):
    res = model.events(df, zones=ZONES, max_gap_s=None, max_gap_m=None)
    e = res.events
    assert set(e.event) <= {"enter", "exit"}
    assert (res.rows.status == "ok").all() and res.rows.used.all()
    for _, group in e.groupby(["id", "zone"], sort=False):
        kinds = group.event.tolist()
        assert all(x != y for x, y in itertools.pairwise(kinds)), kinds  # alternate
        assert group.time.is_monotonic_increasing
    if len(e):
        # on the boundary, within 1 m
        for zone, group in e.groupby("zone"):
            d = model.edges[zone].distances(group.lon.to_numpy(), group.lat.to_numpy())
            assert np.all(d <= 1.0), d.max()
        # between the two fixes: on the geodesic joining them, in time between them
        before, after = df.loc[e.row_before], df.loc[e.row_after]
        *_, d_ab = GEOD.inv(before.lon.to_numpy(), before.lat.to_numpy(), after.lon.to_numpy(), after.lat.to_numpy())
        *_, d_ac = GEOD.inv(before.lon.to_numpy(), before.lat.to_numpy(), e.lon.to_numpy(), e.lat.to_numpy())
        *_, d_cb = GEOD.inv(e.lon.to_numpy(), e.lat.to_numpy(), after.lon.to_numpy(), after.lat.to_numpy())
        assert np.all(np.abs(d_ac + d_cb - d_ab) < 0.01)
        tb = before.ts.dt.tz_localize("Asia/Shanghai").to_numpy()
        ta = after.ts.dt.tz_localize("Asia/Shanghai").to_numpy()
        te = e.time.to_numpy()
        assert np.all((tb <= te) & (te <= ta))
        assert (before.vehicle.to_numpy() == e.id.to_numpy()).all()
    # shares of the trip are fractions
    for col in ("share_of_time", "share_of_distance"):
        share = res.summary[col].dropna()
        assert ((share >= 0) & (share <= 1)).all(), share.max()
    # time inside = the sum of the enter-to-exit spans
    summary = res.summary.set_index(["id", "zone"])
    for vid, track in df.groupby("vehicle"):
        for zone in ZONES:
            spans = _spans_inside(model, track, e[(e.id == vid) & (e.zone == zone)], zone)
            assert summary.loc[(vid, zone), "time_inside_s"] == pytest.approx(spans, abs=1e-3)
            exits = int((e[(e.id == vid) & (e.zone == zone)].event == "exit").sum())
            assert summary.loc[(vid, zone), "exits"] == exits


def test_a_trip_inside_but_for_a_gap_has_a_share_of_exactly_one(model):
    # the distance inside and the distance outside gaps are two sums of the same segment: their quotient
    # was 1.0000000000000002 here
    df = pd.DataFrame(
        {
            "vehicle": ["a"] * 3,
            "ts": pd.to_datetime(["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02"]),
            "lon": [116.50, 116.51, 116.60],
            "lat": [39.80, 39.79, 39.70],
        }
    )
    s = model.events(df, crs="gcj02").summary
    assert (s.gaps == 1).all() and (s.distance_inside_m > 1000).all()
    assert (s.share_of_time == 1.0).all() and (s.share_of_distance == 1.0).all()


def test_a_crossing_is_found_where_the_edge_is(model):
    lon0, lat = 116.42, YIZHUANG_CORE[1]
    df = pd.DataFrame(
        {"vehicle": [1, 1], "ts": [BASE, BASE + pd.Timedelta(minutes=4)], "lon": [lon0, 116.46], "lat": lat}
    )
    res = model.events(df, zones=["current"])
    (row,) = res.events.itertuples()
    assert row.event == "enter" and (row.row_before, row.row_after) == (0, 1)
    assert model.edges["current"].distances([row.lon], [row.lat])[0] < 1.0
    # constant speed along the segment: the time is in proportion to the distance covered
    *_, d_all = GEOD.inv(lon0, lat, 116.46, lat)
    *_, d_in = GEOD.inv(lon0, lat, row.lon, row.lat)
    elapsed = (row.time - BASE.tz_localize("Asia/Shanghai")).total_seconds()
    assert elapsed == pytest.approx(240 * d_in / d_all, abs=0.01)
    s = res.summary.iloc[0]
    assert s.time_inside_s == pytest.approx(240 - elapsed, abs=0.01)
    assert s.distance_inside_m == pytest.approx(d_all - d_in, abs=1.0)
    assert s.share_of_time == pytest.approx((240 - elapsed) / 240)


def test_gaps_are_reported_not_interpolated(model):
    out, inside = (116.40, 39.79), YIZHUANG_CORE
    df = pd.DataFrame(
        {
            "vehicle": ["a"] * 3,
            "ts": [BASE, BASE + pd.Timedelta(minutes=1), BASE + pd.Timedelta(hours=2)],
            "lon": [inside[0], inside[0] + 0.001, out[0]],
            "lat": [inside[1], inside[1], out[1]],
        }
    )
    res = model.events(df, zones=["current"], max_gap_s=600)
    (gap,) = res.events.itertuples()
    assert gap.event == "gap" and np.isnan(gap.lon) and gap.gap_s == pytest.approx(7140)
    assert (gap.row_before, gap.row_after) == (1, 2)
    s = res.summary.iloc[0]
    assert s.gap_s == pytest.approx(7140) and s.exits == 0 and s.gaps == 1
    assert s.time_inside_s == pytest.approx(60)
    by_distance = model.events(df.assign(ts=[BASE + pd.Timedelta(minutes=i) for i in range(3)]), max_gap_m=2000)
    assert (by_distance.events.event == "gap").any()


def test_max_gap_m_is_the_geodesic_length_at_its_edge(model):
    # a segment exactly max_gap_m long (pyproj.Geod) is not a gap, one a millimetre longer is: the local formula
    # overestimates by up to a tenth of a millimetre at 5 km, which made most segments of exactly 5 km gaps
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    rng = np.random.default_rng(7)
    n = 300
    lon0, lat0, az = rng.uniform(116.3, 116.7, n), rng.uniform(39.7, 40.0, n), rng.uniform(-180, 180, n)
    rows = []
    for extra in (0.0, 0.001):
        lon1, lat1, _ = geod.fwd(lon0, lat0, az, np.full(n, 5000.0 + extra))
        exact = geod.inv(lon0, lat0, lon1, lat1)[2]
        for i in range(n):
            vid = f"{extra}-{i}"
            rows += [(vid, BASE, lon0[i], lat0[i]), (vid, BASE + pd.Timedelta(minutes=1), lon1[i], lat1[i])]
        if extra:
            assert (exact > 5000.0).all()
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    lengths = geod.inv(df.lon[::2].to_numpy(), df.lat[::2].to_numpy(), df.lon[1::2].to_numpy(), df.lat[1::2].to_numpy())
    expected = dict(zip(df.vehicle[::2], lengths[2] > 5000.0))
    res = model.events(df, max_gap_s=None, max_gap_m=5000.0)
    got = res.summary.groupby("id")["gap_s"].first() > 0  # (a vehicle's seconds in gaps, on each of its rows)
    assert got.to_dict() == expected
    assert sum(expected.values()) >= n  # every segment a millimetre longer, and any of 5 km that Geod measures longer


@pytest.mark.parametrize("limit", [20_000.0, 20_000.00001])
def test_max_gap_m_of_20_km_is_the_geodesic_length_at_its_edge(model, limit):
    # 20 km is where the walk hands longer segments to Geod.inv; a limit there (or a hair above) must still be
    # decided on the geodesic length: the local formula measures a meridian segment a few hundredths of a
    # millimetre short, so one of 20 km and a few hundredths of a millimetre was not a gap with max_gap_m=20000
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    rng = np.random.default_rng(11)
    n = 200
    lon0, lat0 = rng.uniform(116.3, 116.7, n), rng.uniform(39.7, 40.0, n)
    az = np.where(np.arange(n) % 2 == 0, 0.0, rng.uniform(-180, 180, n))  # meridians: measured short
    rows = []
    for extra in (-0.00003, 0.0, 0.00003, 0.001):  # (Geod.fwd and Geod.inv differ by a few nanometres)
        lon1, lat1, _ = geod.fwd(lon0, lat0, az, np.full(n, limit + extra))
        for i in range(n):
            vid = f"{extra}-{i}"
            rows += [(vid, BASE, lon0[i], lat0[i]), (vid, BASE + pd.Timedelta(minutes=1), lon1[i], lat1[i])]
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    lengths = geod.inv(df.lon[::2].to_numpy(), df.lat[::2].to_numpy(), df.lon[1::2].to_numpy(), df.lat[1::2].to_numpy())
    expected = dict(zip(df.vehicle[::2], lengths[2] > limit))
    res = model.events(df, max_gap_s=None, max_gap_m=limit, zones=["outlook"])
    got = res.summary.groupby("id")["gap_s"].first() > 0
    assert got.to_dict() == expected
    assert sum(expected.values()) >= 2 * n
    # the track map splits the same segments by the same rule: its gap parts are the events' gaps (it refused
    # to draw them, 'the tracks and their events disagree', when it re-measured only limits under 20 km)
    from avzone.maps import split_tracks

    tracks = split_tracks(model, df, max_gap_s=None, max_gap_m=limit, zone="outlook")
    gapped = set(tracks.parts.loc[tracks.parts["kind"] == "gap", "id"].astype(str))
    assert gapped == {v for v, is_gap in expected.items() if is_gap}


def test_every_row_gets_a_status(model):
    df = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "a", None, "b", "c", "c", "c"],
            "ts": [
                "2024-07-01 08:00",
                "2024-07-01 08:00",  # duplicate of the first
                "2024-07-01 08:00",  # same time, another position
                "2024-07-01 08:02",
                "2024-07-01 08:00",  # no vehicle id
                "2024-07-01 08:00",  # b: one fix
                "2024-07-01 08:05",
                "2024-07-01 08:06",  # lon not a number: c is left with one fix
                "yesterday",
            ],
            "lon": [116.50, 116.50, 116.51, 116.50, 116.5, 116.5, 116.5, "x", 116.5],
            "lat": [39.79] * 9,
        },
        index=[10, 11, 12, 13, 14, 15, 16, 17, 18],
    )
    res = model.events(df)
    st_ = res.rows.status.to_dict()
    assert list(res.rows.index) == list(df.index)
    assert st_[10] == st_[13] == "ok"
    assert st_[11] == ev_mod.DUPLICATE and st_[12] == ev_mod.SAME_TIME and st_[14] == ev_mod.MISSING_ID
    assert st_[15] == st_[16] == ev_mod.ONLY_FIX
    assert st_[17] == "lon not a number" and st_[18].startswith("time not a date/time")
    assert res.rows.used.tolist() == [True, False, False, True, False, True, True, False, False]
    assert sum(res.rejected().values()) == 9 - 2
    assert set(res.summary.id) == {"a", "b", "c"}
    # the status is categorical, its categories the statuses present ("ok" first); a part of the rows counts
    # only the reasons it has
    assert isinstance(res.rows.status.dtype, pd.CategoricalDtype) and res.rows.status.cat.categories[0] == "ok"
    assert set(res.rows.status.cat.categories) == set(st_.values())
    part = ev_mod.Events(res.events, res.summary, res.rows.loc[[10, 11, 13]])
    assert part.rejected() == {ev_mod.DUPLICATE: 1}


def test_unsorted_input_gives_the_same_events(model):
    lons = np.linspace(116.40, 116.60, 30)
    df = pd.DataFrame(
        {"vehicle": 5, "ts": [BASE + pd.Timedelta(seconds=20 * i) for i in range(30)], "lon": lons, "lat": 39.79}
    )
    a = model.events(df).events
    b = model.events(df.sample(frac=1, random_state=3)).events
    pd.testing.assert_frame_equal(a, b)


def test_gcj02_input_and_missing_columns(model):
    from avzone.crs import wgs84_to_gcj02

    lon = np.array([116.42, 116.46])
    lat = np.array([39.79, 39.79])
    gx, gy = wgs84_to_gcj02(lon, lat)
    df = pd.DataFrame({"car": [1, 1], "t": [BASE, BASE + pd.Timedelta(minutes=4)], "x": gx, "y": gy})
    res = model.events(df, id="car", time="t", lon="x", lat="y", crs="gcj02", zones=["current"])
    wgs = model.events(pd.DataFrame({"vehicle": [1, 1], "ts": df.t, "lon": lon, "lat": lat}), zones=["current"]).events
    assert res.events.lon.iloc[0] == pytest.approx(wgs.lon.iloc[0], abs=1e-6)
    with pytest.raises(avzone.InputError, match="no time column 'ts'"):
        model.events(df, id="car", lon="x", lat="y")
    with pytest.raises(avzone.InputError, match="not a zone layer"):
        model.events(df, id="car", time="t", lon="x", lat="y", zones=["nowhere"])


def test_segment_lengths_agree_with_pyproj():
    rng = np.random.default_rng(0)
    n = 20_000
    lon1, lat1 = rng.uniform(115.5, 117.5, n), rng.uniform(39.4, 41.0, n)
    for scale in (1e-4, 1e-2, 0.1, 1.0):  # metres to over 100 km (the long ones go to Geod.inv)
        lon2, lat2 = lon1 + rng.normal(0, scale, n), lat1 + rng.normal(0, scale, n)
        fast = ev_mod.segment_lengths_m(lon1, lat1, lon2, lat2)
        *_, exact = GEOD.inv(lon1, lat1, lon2, lat2)
        assert np.all(np.abs(fast - exact) <= 1e-6 * exact + 1e-6)


@pytest.mark.parametrize(
    "options",
    [
        {"tolerance_m": 0},
        {"tolerance_m": -1.0},
        {"tolerance_m": float("nan")},
        {"tolerance_m": float("inf")},
        {"tolerance_m": "1"},
        {"tolerance_m": 5e-324},  # (a subnormal overflowed the halvings: every crossing at its segment's midpoint)
        {"tolerance_m": 1e-300},
        {"tolerance_m": 1e6},  # (a bracket of a kilometre or more is no crossing: each segment's midpoint)
        {"tolerance_m": 1000.5},
        {"max_gap_s": -5},
        {"max_gap_m": float("nan")},
        {"max_gap_s": "600"},
        {"max_gap_m": True},
    ],
)
def test_events_refuse_limits_that_are_not_positive_numbers(model, options):
    fixes = pd.DataFrame(
        {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": [116.44, 116.46], "lat": 39.79}
    )
    with pytest.raises(InputError, match=next(iter(options))):
        model.events(fixes, **options)


def test_event_row_labels_keep_the_index_type(model):
    fixes = pd.DataFrame(
        {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": [116.44, 116.46], "lat": 39.79}
    )
    ev = model.events(fixes, zones=["current"]).events
    assert ev.row_before.dtype == np.int64 and ev.row_before.tolist() == [0] and ev.row_after.tolist() == [1]
    labelled = fixes.set_axis(pd.Index(["a", "b"]))
    ev = model.events(labelled, zones=["current"]).events
    assert ev.row_before.tolist() == ["a"] and ev.row_after.tolist() == ["b"]
    stamped = fixes.set_axis(pd.DatetimeIndex(["2024-07-01 08:00", "2024-07-01 08:10"]))
    ev = model.events(stamped, zones=["current"]).events
    assert ev.row_after.tolist() == [pd.Timestamp("2024-07-01 08:10")]
    assert fixes.loc[model.events(fixes, zones=["current"]).events.row_after, "lon"].tolist() == [116.46]
    for ranged in (pd.RangeIndex(100, 104, 2), pd.RangeIndex(9, 7, -1)):  # other starts and steps
        ev = model.events(fixes.set_axis(ranged), zones=["current"]).events
        assert ev.row_before.dtype == np.int64 and ev.row_before.tolist() == [ranged[0]]
        assert ev.row_after.tolist() == [ranged[1]]


@pytest.mark.parametrize(
    "index",
    [
        pd.RangeIndex(2),
        pd.RangeIndex(100, 104, 2),
        pd.Index([10, 20], dtype="int64"),
        pd.Index(["a", "b"]),
        pd.Index(["a", "b"], dtype=object),
        pd.Index([10, 20], dtype="Int64"),
        pd.DatetimeIndex(["2024-07-01 08:00", "2024-07-01 08:10"], tz="UTC"),
        pd.MultiIndex.from_tuples([(7, "a"), (7, "b")]),
    ],
    ids=["range", "range-step", "int64", "str", "object", "Int64", "datetime-tz", "multi"],
)
def test_events_columns_have_one_dtype_with_and_without_events(model, index):
    """With no event (fixes that never cross, or no usable fix at all) row_before and row_after were of object
    dtype where an index of text gives text columns (and zone, event: object where they are text), so that a
    concat of results, or a check of the dtypes, changed with whether any vehicle crossed. Each column has the
    dtype a result with events has, for the same kind of index."""
    crossing = pd.DataFrame(
        {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": [116.44, 116.46], "lat": 39.79},
        index=index,
    )
    some = model.events(crossing, zones=["current"]).events
    assert len(some) == 1
    assert some.row_before.tolist() == [index[0]] and some.row_after.tolist() == [index[1]]
    staying = crossing.assign(lon=[116.46, 116.47])  # (inside, both fixes: no event)
    unusable = crossing.assign(ts=None)
    for frame in (staying, unusable, crossing.iloc[:0]):
        none = model.events(frame, zones=["current"])
        assert none.events.empty
        assert none.events.dtypes.to_dict() == some.dtypes.to_dict(), frame
    summary = model.events(staying, zones=["current"]).summary
    assert summary.dtypes.to_dict() == model.events(crossing, zones=["current"]).summary.dtypes.to_dict()


@pytest.mark.parametrize("day", ["1988-07-01", "1905-07-01", "2024-07-01"])
def test_event_times_are_written_in_the_offset_naive_times_are_read_in(model, day):
    # naive times are UTC+08:00; tzdata's Asia/Shanghai would show 1986-1991 summers as +09:00 and
    # the years before 1901 in local mean time: the same instant, another clock than the input's
    fixes = pd.DataFrame(
        {"vehicle": [7, 7], "ts": [f"{day} 08:00", f"{day} 08:10"], "lon": [116.44, 116.46], "lat": [39.79, 39.79]}
    )
    ev = model.events(fixes, zones=["current"]).events
    (t,) = ev.time
    assert t.utcoffset() == pd.Timedelta(hours=8)
    assert str(ev.time.dtype) == "datetime64[ns, UTC+08:00]"
    assert t.strftime("%Y-%m-%d %H") == f"{day} 08"


@pytest.mark.parametrize("column", ["vehicle", "ts", "lon", "lat"])
def test_a_column_named_twice_is_refused_naming_it(model, column):
    # two columns of one name made df[name] a frame: a ValueError, an AttributeError, or a length mismatch that
    # named no column ("ids, times and points differ in length (2, 4 and 2)")
    fixes = pd.DataFrame(
        [[7, "2024-07-01 08:00", 116.44, 39.79, None], [7, "2024-07-01 08:10", 116.46, 39.79, None]],
        columns=["vehicle", "ts", "lon", "lat", column],
    )
    role = {"vehicle": "id", "ts": "time", "lon": "lon", "lat": "lat"}[column]
    want = f"2 columns are named {column!r}; {role}= needs one (rename or drop the others)"
    with pytest.raises(InputError) as err:
        model.events(fixes)
    assert str(err.value) == want
    assert err.value.args[0].text("zh") == f"有 2 列名为 {column!r}；{role}= 只需要一列（请重命名或删除其他列）"
    with pytest.raises(InputError) as err:
        maps.split_tracks(model, fixes)
    assert str(err.value) == f"tracks: {want}"


def test_a_gap_limit_of_zero_is_no_limit_as_on_the_command_line_and_over_http(model, tmp_path):
    """max_gap_s=0 made every segment a gap in the library while `avzone events --max-gap-s 0` and `POST /v1/events
    ?max_gap_s=0` mean no limit (each documented so): the same number gave opposite answers. 0 (and inf) is no
    limit everywhere, as None is."""
    from common import run_cli

    inside = YIZHUANG_CORE
    fixes = pd.DataFrame(
        {
            "vehicle": ["a"] * 3,
            "ts": [BASE, BASE + pd.Timedelta(hours=2), BASE + pd.Timedelta(hours=4)],
            "lon": [116.40, inside[0], inside[0] + 0.001],
            "lat": [39.79, inside[1], inside[1]],
        }
    )
    unlimited = model.events(fixes, zones=["current"], max_gap_s=None, max_gap_m=None)
    assert unlimited.events["event"].tolist() == ["enter"]
    for s_limit, m_limit in ((0, 0), (0.0, None), (None, 0), (float("inf"), float("inf")), (np.int64(0), 0)):
        got = model.events(fixes, zones=["current"], max_gap_s=s_limit, max_gap_m=m_limit)
        pd.testing.assert_frame_equal(got.events, unlimited.events)
        pd.testing.assert_frame_equal(got.summary, unlimited.summary)
        tracks = maps.split_tracks(model, fixes, zone="current", max_gap_s=s_limit, max_gap_m=m_limit)
        assert "gap" not in tracks.parts["kind"].tolist()
    assert model.events(fixes, zones=["current"], max_gap_s=600).events["event"].tolist() == ["gap", "gap"]
    src, dst = tmp_path / "fixes.csv", tmp_path / "events.csv"
    fixes.to_csv(src, index=False)
    out = run_cli(
        "events",
        "--input",
        str(src),
        "--output",
        str(dst),
        "--zones",
        "current",
        "--max-gap-s",
        "0",
        "--max-gap-m",
        "0",
    )
    assert out.returncode == 0, out.stderr
    assert pd.read_csv(dst)["event"].tolist() == ["enter"]


@pytest.mark.parametrize(
    ("ids", "a", "b"),
    [
        ([1, "1", 1, "1"], 1, "'1'"),
        (["7", 7.5, "7.5", 7.5], 7.5, "'7.5'"),
        (pd.Categorical([True, "True", True, "True"]), True, "'True'"),
    ],
)
def test_vehicle_ids_that_are_written_alike_are_refused(model, ids, a, b):
    # 1 and '1' were two vehicles whose events and summary rows both read 1 (and are one vehicle in a CSV): each
    # half of the trip followed alone, its crossings with the other half's fixes lost, and the answer looked right
    df = pd.DataFrame(
        {
            "vehicle": ids,
            "ts": [BASE, BASE, BASE + pd.Timedelta(minutes=1), BASE + pd.Timedelta(minutes=1)],
            "lon": [116.44, 116.44, 116.46, 116.46],
            "lat": [39.79, 39.791, 39.79, 39.791],
        }
    )
    with pytest.raises(InputError) as err:
        model.events(df)
    assert str(err.value) == (
        f"vehicle ids {a!r} and {b} are different values written the same ({a!s}): give every id as text, or every "
        "id as a number"
    )
    # ids of one type, and numbers equal as numbers (7 and 7.0: one vehicle), are taken as they are
    assert model.events(df.assign(vehicle=[1, 2, 1, 2])).summary.id.nunique() == 2
    one = model.events(df.assign(vehicle=[7, 7.0, 7, 7.0]))
    assert one.rows.status.tolist()[1] == "same time as an earlier fix of the vehicle at another position (not used)"


@pytest.mark.parametrize(
    ("zones", "message"),
    [
        ([], "zones=[] follows no zone layer: give the layers to follow (core, current, planned, outlook), or None for "
             "every one"),
        ("core", "zones must be a list of zone layers, such as ['core'], not the text 'core'"),
    ],
)  # fmt: skip
def test_zones_that_follow_nothing_or_are_text_are_refused(model, zones, message):
    # zones=[] gave no events and a summary without a row, as if no vehicle had been anywhere; zones="core" was
    # read letter by letter ("'c' is not a zone layer")
    df = pd.DataFrame({"vehicle": ["a", "a"], "ts": [BASE, BASE + pd.Timedelta(minutes=1)],
                       "lon": [116.44, 116.46], "lat": [39.79, 39.79]})  # fmt: skip
    with pytest.raises(InputError) as err:
        model.events(df, zones=zones)
    assert str(err.value) == message
    with pytest.raises(InputError) as err:
        ev_mod.follow_zones(model, zones)  # (the check every entry uses: avzone events, POST /v1/events, Dask)
    assert str(err.value) == message


def _comb(dataset_copy) -> avzone.Model:
    """The dataset with the core zone a rectangle whose south edge has a notch 100 m wide (116.5015 to 116.5025)."""
    ring = [[116.500, 39.780], [116.5015, 39.780], [116.5015, 39.790], [116.5025, 39.790], [116.5025, 39.780],
            [116.510, 39.780], [116.510, 39.800], [116.500, 39.800], [116.500, 39.780]]  # fmt: skip

    def notch(feature):
        feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}

    dataset_copy.edit_feature("core.geojson", "core_2022", notch)
    return dataset_copy.load()


@pytest.mark.parametrize("order", ["grouped", "shuffled"])
def test_a_segment_crossing_the_boundary_three_times_gives_an_event_at_each_crossing(dataset_copy, order):
    # in at the west edge, out and in again across the notch: one enter was reported (at one of the three
    # crossings), and the time and distance inside counted from it: 1.5 times the truth here
    model = _comb(dataset_copy)
    df = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "b", "b"],
            "ts": [BASE + pd.Timedelta(s, "s") for s in (0, 60, 120, 0, 70)],
            "lon": [116.4995, 116.503, 116.4995, 116.4995, 116.503],  # b: the same segment, once
            "lat": [39.785] * 5,
        }
    )
    if order == "shuffled":
        df = df.iloc[[3, 1, 4, 0, 2]]
    res = model.events(df, zones=["core"])
    a = res.events[res.events.id == "a"]
    assert a.event.tolist() == ["enter", "exit", "enter", "exit", "enter", "exit"]
    crossings = [116.500, 116.5015, 116.5025, 116.5025, 116.5015, 116.500]
    assert np.allclose(a.lon, crossings, atol=2e-5) and np.allclose(a.lat, 39.785)
    assert a.time.is_monotonic_increasing and a.row_before.tolist() == [0, 0, 0, 1, 1, 1]
    f = np.array([0.5, 2.0, 3.0]) / 3.5  # the crossings' fractions along a's segments
    inside = (f[1] - f[0]) + (1 - f[2])
    s = res.summary.set_index("id")
    assert s.loc["a", "enters"] == 3 and s.loc["a", "exits"] == 3
    assert s.loc["a", "time_inside_s"] == pytest.approx(2 * 60 * inside, abs=0.1)
    assert s.loc["a", "distance_inside_m"] == pytest.approx(inside * s.loc["a", "trip_m"], abs=1.0)
    assert res.events[res.events.id == "b"].event.tolist() == ["enter", "exit", "enter"]
    assert s.loc["b", "enters"] == 2 and s.loc["b", "exits"] == 1
    assert s.loc["b", "time_inside_s"] == pytest.approx(70 * inside, abs=0.1)
    assert res.events.gap_m.isna().all() and res.events.gap_s.isna().all()
    # a map's track is split at every crossing, as the events have them
    from avzone.maps import split_tracks

    tracks = split_tracks(model, df, zone="core")
    parts = tracks.parts[tracks.parts.id == "a"]
    assert parts.kind.tolist() == ["outside", "inside", "outside", "inside", "outside", "inside", "outside"]
    assert tracks.events[tracks.events.id == "a"].event.tolist() == a.event.tolist()


@pytest.mark.parametrize("tol", [1e-9, 1000.0])
def test_events_take_tolerances_at_both_ends_of_their_range(model, tol):
    fixes = pd.DataFrame(
        {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": [116.44, 116.46], "lat": 39.79}
    )
    ev = model.events(fixes, zones=["current"], tolerance_m=tol).events
    assert ev.event.tolist() == ["enter"] and np.isfinite(ev.lon.iloc[0])


def _one_segment(model: avzone.Model, lon: list[float], lat: list[float], seconds: float = 20.0, **options):
    """The events of one vehicle with two fixes ``seconds`` apart, in the core zone."""
    df = pd.DataFrame({"vehicle": ["a", "a"], "ts": [BASE, BASE + pd.Timedelta(seconds, "s")], "lon": lon, "lat": lat})
    return model.events(df, zones=["core"], **options)


@pytest.mark.parametrize(
    ("lon", "lat", "kinds", "crossings", "inside"),
    [
        # across the north-west corner of the comb, both fixes outside: in at the west edge, out at the north one
        ([116.499, 116.5015], [39.7985, 39.8010], ["enter", "exit"], [(116.5, 39.7995), (116.5005, 39.8)], 0.2),
        # the same, 840 m long (walked as straight pieces of up to 500 m along the geodesic)
        ([116.497, 116.503], [39.7965, 39.8025], ["enter", "exit"], [(116.5, 39.7995), (116.5005, 39.8)], 1 / 12),
        # both fixes inside, out and in again across the notch
        ([116.501, 116.503], [39.785, 39.785], ["exit", "enter"], [(116.5015, 39.785), (116.5025, 39.785)], 0.5),
        # 560 m from outside to inside across the notch: in, out, in
        (
            [116.4995, 116.506],
            [39.785, 39.785],
            ["enter", "exit", "enter"],
            [(116.5, 39.785), (116.5015, 39.785), (116.5025, 39.785)],
            (0.0015 + 0.0035) / 0.0065,
        ),
        # through the north-west corner from outside to inside, and past it touching it alone
        ([116.499, 116.501], [39.801, 39.799], ["enter"], [(116.5, 39.8)], 0.5),
        ([116.499, 116.501], [39.799, 39.801], [], [], 0.0),
    ],
    ids=["corner", "corner, long", "notch, both inside", "notch, long", "through a vertex", "touching a vertex"],
)
def test_every_crossing_of_a_segment_with_the_boundary_is_an_event(dataset_copy, lon, lat, kinds, crossings, inside):
    # a segment whose fixes are on one side of the boundary gave no event though it went through the zone (or
    # out of it) between them, and a segment over 500 m that crossed it three times one event: the time and
    # distance inside and the enters and exits were those of a vehicle that never left (or entered)
    model = _comb(dataset_copy)
    res = _one_segment(model, lon, lat)
    ev, s = res.events, res.summary.iloc[0]
    assert ev.event.tolist() == kinds
    assert np.allclose(ev[["lon", "lat"]].to_numpy().reshape(-1, 2), np.array(crossings).reshape(-1, 2), atol=1e-5)
    if len(ev):  # each on the boundary, within a metre, between the fixes
        assert model.edges["core"].distances(ev.lon.to_numpy(), ev.lat.to_numpy()).max() <= 1.0
        start = BASE.tz_localize("Asia/Shanghai")
        assert ev.time.is_monotonic_increasing and ev.time.between(start, start + pd.Timedelta(20, "s")).all()
        assert (ev.row_before == 0).all() and (ev.row_after == 1).all()
    assert s.enters == kinds.count("enter") and s.exits == kinds.count("exit")
    assert s.time_inside_s == pytest.approx(20 * inside, abs=0.02)
    assert s.distance_inside_m == pytest.approx(s.trip_m * inside, abs=1.0)
    # the time inside is the enter-to-exit spans (from the start when it starts inside, to the end when it ends so)
    t = [0.0] * (kinds[:1] == ["exit"]) + [(x.tz_localize(None) - BASE).total_seconds() for x in ev.time]
    t += [20.0] * (len(t) % 2)
    assert s.time_inside_s == pytest.approx(sum(t[1::2]) - sum(t[0::2]), abs=1e-6)
    # the map's track splits the segment at the same places
    tracks = maps.split_tracks(model, pd.DataFrame({"vehicle": ["a", "a"], "ts": [BASE, BASE + pd.Timedelta(20, "s")],
                                                    "lon": lon, "lat": lat}), zone="core")  # fmt: skip
    assert len(tracks.parts) == len(kinds) + 1
    assert (
        tracks.parts.kind.tolist()[1::2] == ["inside" if k == "enter" else "outside" for k in kinds[::2]] or not kinds
    )


def test_a_gap_through_a_zone_stays_a_gap(dataset_copy):
    # a segment over max_gap_s across the corner: no crossing is made up, and nothing counts inside
    model = _comb(dataset_copy)
    res = _one_segment(model, [116.499, 116.5015], [39.7985, 39.8010], seconds=3600)
    assert res.events.empty
    assert res.summary.iloc[0].time_inside_s == 0 and res.summary.iloc[0].gap_s == 3600


def test_each_zone_layer_is_followed_whatever_stage_was_in_force(model):
    # a trip across midnight of 2024-10-18, when planned took over from current: each layer's events are those of
    # its one geometry on both days (as the README and docstring say), and zone_at names the stage then in force
    fixes = pd.DataFrame(
        {
            "vehicle": 1,
            "ts": ["2024-10-17 23:50", "2024-10-17 23:55", "2024-10-18 00:05", "2024-10-18 00:10"],
            "lon": [116.44, 116.46, 116.44, 116.46],
            "lat": 39.79,
        }
    )
    found = model.events(fixes, zones=["current", "planned"]).events
    for zone in ("current", "planned"):
        mine = found[found["zone"] == zone]
        assert mine["event"].tolist() == ["enter", "exit", "enter"]
        days = [t.strftime("%Y-%m-%d") for t in mine["time"]]
        assert days == ["2024-10-17", "2024-10-18", "2024-10-18"]
        assert [model.zone_at(t) for t in mine["time"]] == ["current", "planned", "planned"]

"""The compiled events path gives what the straightforward reference gives (tests/events_reference.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from events_reference import reference_track_events

from avzone import events as ev_mod
from avzone.events import vehicle_codes
from avzone.fleet import synthetic_fleet
from avzone.points import to_points

BASE = np.datetime64("2024-07-01T08:00:00", "ns")


def _random_fleet(seed: int, layout: str) -> pd.DataFrame:
    """Vehicles wandering across the zone edges near Yizhuang, with every kind of awkward row."""
    rng = np.random.default_rng(seed)
    frames = []
    for v in range(int(rng.integers(1, 9))):
        n = int(rng.integers(1, 60))  # one-fix vehicles included
        step = rng.choice([0.0005, 0.004, 0.02])  # tens of metres to km per fix
        lon = 116.50 + np.cumsum(rng.normal(0, step, n)) + rng.uniform(-0.1, 0.1)
        lat = 39.79 + np.cumsum(rng.normal(0, step * 0.8, n)) + rng.uniform(-0.08, 0.08)
        dt = rng.choice([1, 15, 60, 900], size=n, p=[0.2, 0.5, 0.2, 0.1])  # some gaps in time
        t = BASE + np.cumsum(dt).astype("timedelta64[s]") + rng.integers(0, 10**9, n).astype("timedelta64[ns]")
        frames.append(pd.DataFrame({"vehicle": f"car-{v}", "ts": t, "lon": lon, "lat": lat}))
    df = pd.concat(frames, ignore_index=True)
    m = len(df)
    if m > 3:
        dup = rng.choice(m, size=max(1, m // 10))  # duplicates and equal times at another position
        extra = df.iloc[dup].copy()
        moved = rng.random(dup.size) < 0.5
        extra.loc[moved, "lon"] = extra.loc[moved, "lon"] + 0.001
        df = pd.concat([df, extra], ignore_index=True)
    if layout == "shuffled":
        df = df.sample(frac=1, random_state=seed).reset_index(drop=True)
    elif layout == "by time":
        df = df.sort_values("ts", kind="stable").reset_index(drop=True)
    df.index = pd.Index([f"r{i}" for i in range(len(df))])  # labels, not positions
    return df


def _assert_same(model, df: pd.DataFrame, **options) -> ev_mod.Events:
    fast = model.events(df, **options)
    lon = "lon" if "lon" in df.columns else "x"
    ref = reference_track_events(
        model,
        df["vehicle"].to_numpy(),
        df["ts"],
        to_points(df[lon], df["lat"]),
        df.index,
        **options,
    )
    status = fast.rows["status"]
    assert isinstance(status.dtype, pd.CategoricalDtype)  # the reasons present, "ok" first when any row is ok
    assert set(status.cat.categories) == set(ref.rows["status"].unique())
    assert (ref.rows["status"] == "ok").any() == (status.cat.categories[:1] == "ok").any()
    pd.testing.assert_frame_equal(fast.rows.astype({"status": object}), ref.rows)
    pd.testing.assert_frame_equal(fast.events, ref.events, check_exact=False, rtol=1e-12, atol=1e-9)
    # the reference's sums are integers when no vehicle has a segment (numpy.bincount of nothing); floats here
    pd.testing.assert_frame_equal(fast.summary, ref.summary, check_exact=False, rtol=1e-9, atol=1e-6, check_dtype=False)
    for c in ("trip_s", "trip_m", "gap_s", "time_inside_s", "distance_inside_m", "share_of_time"):
        assert fast.summary[c].dtype == np.float64
    for c in ("fixes", "enters", "exits", "gaps"):
        assert fast.summary[c].dtype == np.int64
    return fast


@pytest.mark.parametrize("layout", ["grouped", "shuffled", "by time"])
@pytest.mark.parametrize("seed", range(8))
def test_fast_path_equals_the_reference(model, seed, layout):
    df = _random_fleet(seed, layout)
    res = _assert_same(model, df, max_gap_s=600, max_gap_m=3000)
    assert res.rows.used.any()


def test_fast_path_equals_the_reference_on_awkward_rows(model):
    df = _random_fleet(99, "shuffled")
    rng = np.random.default_rng(1)
    df = df.astype({"ts": object, "lon": object, "vehicle": object})
    pick = rng.choice(len(df), size=12, replace=False)
    df.iloc[pick[:3], df.columns.get_loc("ts")] = "not a time"
    df.iloc[pick[3:5], df.columns.get_loc("ts")] = None
    df.iloc[pick[5:7], df.columns.get_loc("vehicle")] = None
    df.iloc[pick[7:8], df.columns.get_loc("vehicle")] = "  "
    df.iloc[pick[8:10], df.columns.get_loc("lon")] = "x"
    df.iloc[pick[10:12], df.columns.get_loc("lon")] = 200.0  # out of range
    res = _assert_same(model, df)
    assert len(res.rejected()) >= 4


@pytest.mark.parametrize("zones", [None, ["current"], ["planned", "core"]])
def test_fast_path_equals_the_reference_on_a_synthetic_fleet(model, zones):
    df = synthetic_fleet(model, vehicles=30, fixes=300, seed=2, gap_probability=0.01)
    _assert_same(model, df, zones=zones)  # grouped, the datetime64 fast path, every zone layer's edge
    _assert_same(model, df.sample(frac=1, random_state=5), zones=zones)
    _assert_same(model, df.assign(vehicle=df.vehicle.astype(object)), zones=zones)


def test_vehicle_codes_match_factorize():
    cases = [
        pd.Series(["b", "b", "a", "a", "c"], dtype="string"),
        pd.Series(["b", "a", "b", None, "", " a"], dtype="string"),
        pd.Series([3, 3, 1, 1, 2]),
        pd.Series([3, 1, 3, 2]),
        pd.Series(np.array([7, 7, 7], dtype=np.uint16)),
        pd.Series(["x", None, 1, 1.0, "  "], dtype=object),
        pd.Series(["车1", "车1", "车2", "车2", "ab", "ab", "车1"], dtype="string"),  # equal byte lengths; regrouped
        pd.Series(["a", "a", "", "", "b", "b"], dtype="string"),  # empty strings (blank: missing)
        pd.Series(pd.array(["u", "u", "v", "v", "w"] * 3, dtype=pd.ArrowDtype(pa.string()))),  # 32-bit offsets
        pd.Series(pd.array(["u", "u", "v", "v", "w"], dtype=pd.ArrowDtype(pa.large_string()))),
        pd.Series(["p", "q", "r", "p", "q", "r"], dtype="string"),  # more runs than half the rows: not grouped
        pd.Series(["k", "k", "m", "m", "n", "n", "o"], dtype="string").iloc[1:],  # a slice: Arrow offset not 0
        pd.Series(np.repeat([5, 9, 2], 3)),
        pd.Series(  # Arrow chunks (as Parquet gives them), one sliced, with nulls, interleaved: hashed in place
            pd.arrays.ArrowStringArray(
                pa.chunked_array(
                    [
                        pa.array(["b", "a", None, "b"], pa.large_string()),
                        pa.array(["c", "a", "", "b", "车", None, "a"], pa.large_string()).slice(1),
                    ]
                )
            )
        ),
        pd.Series([f"id{i % 3000}" for i in range(20000)], dtype="string").sample(frac=1, random_state=1),
        pd.Series(  # grouped by vehicle across Arrow chunks (a vehicle's run spans two chunks), no nulls
            pd.arrays.ArrowStringArray(
                pa.chunked_array([pa.array(["a", "a", "b"]), pa.array(["b", "c", "c", "c", "d", "d"])])
            )
        ),
        # ids longer than the eight bytes read as one word: same first eight bytes, other tails and lengths
        pd.Series(
            ["vehicle-0001", "vehicle-0002", "vehicle-", "vehicle-0001", "vehicle", "vehicle-00010", "京A12345"] * 3,
            dtype="string",
        ).sample(frac=1, random_state=2),
        pd.Series([f"robotaxi-{i % 700:05d}-bj" for i in range(5000)], dtype="string").sample(frac=1, random_state=3),
        # neighbouring rows alike in their first eight bytes and length, not in their tails (the previous row's code
        # is taken only for the same value), a null and a blank between equal values, grouped runs of long ids
        pd.Series(
            [
                *("vehicle-0001", "vehicle-0002", "vehicle-0002", None, "vehicle-0002"),
                *("vehicle-0001", "vehicle-0001x", "", "vehicle-0001x", "vehicle-0003"),
            ],
            dtype="string",
        ),
        pd.Series(np.repeat([f"robotaxi-{i:05d}-bj" for i in range(40)], 25), dtype="string"),
        # vehicles reporting in turn (a feed ordered by time: each value's follower predicted from last time), the
        # turn broken now and then, followers alike in their first eight bytes and length but not their tails, a
        # follower that is new, nulls and blanks in the turn, across Arrow chunks
        pd.Series(
            [f"robotaxi-{j:03d}{'ab'[i % 2]}" for i in range(30) for j in (range(7) if i % 5 else (3, 1, 0, 6))],
            dtype="string",
        ),
        pd.Series(
            pd.arrays.ArrowStringArray(
                pa.chunked_array(
                    [
                        pa.array(["car-000001", "car-000002", None, "car-000003"] * 3, pa.large_string()),
                        pa.array(["car-000001", "car-000002", "", "car-000004", "car-000003"] * 2, pa.large_string()),
                        pa.array(["car-000001", "car-000002x", "car-000002", "car-000003"], pa.large_string()),
                    ]
                )
            )
        ),
        # categoricals: the categories' codes renumbered in order of first appearance; unused categories, missing
        # values and a blank category; integer categories; more categories than an int8 code holds
        pd.Series(pd.Categorical(["c", "a", None, "c", " ", "b", "a"], categories=["z", "b", "a", " ", "c"])),
        pd.Series(pd.Categorical([30, 10, 30, 20], categories=[10, 20, 30, 40], ordered=True)),
        pd.Series([f"车{i % 300}" for i in range(3000)], dtype="category").sample(frac=1, random_state=4),
        pd.Series(pd.Categorical([], categories=["a"])),
    ]
    for ids in cases:
        codes, values = vehicle_codes(ids)
        ref_codes, ref_values = pd.factorize(pd.Series(np.asarray(ids, dtype=object), dtype=object), sort=False)
        ref_values = np.asarray(ref_values, dtype=object)
        blank = np.array([isinstance(v, str) and not v.strip() for v in ref_values], dtype=bool)
        ref_codes = np.where((ref_codes >= 0) & blank[np.maximum(ref_codes, 0)], -1, ref_codes)
        assert codes.tolist() == ref_codes.tolist(), ids
        used = sorted(set(codes[codes >= 0].tolist()))
        assert [values[c] for c in used] == [ref_values[c] for c in used], ids
        assert all(type(values[c]) is type(ref_values[c]) for c in used), ids


def test_fast_path_equals_the_reference_on_empty_and_tiny_input(model):
    empty = pd.DataFrame({"vehicle": pd.Series([], dtype=object), "ts": [], "lon": [], "lat": []})
    _assert_same(model, empty)
    one = pd.DataFrame({"vehicle": ["a"], "ts": [BASE], "lon": [116.5], "lat": [39.79]})
    _assert_same(model, one)
    ints = pd.DataFrame({"vehicle": [2, 1, 2, 1], "ts": BASE + np.arange(4) * np.timedelta64(20, "s")})
    ints["lon"], ints["lat"] = [116.40, 116.40, 116.46, 116.46], 39.79
    res = _assert_same(model, ints, zones=["current"])
    assert res.events.id.tolist() == [2, 1]  # integer ids stay integers, in order of first appearance


def test_fast_path_equals_the_reference_with_float_columns_outside_the_bounds(model):
    df = _random_fleet(7, "shuffled")
    assert df.lon.dtype == np.float64
    pos = np.arange(0, len(df), max(1, len(df) // 8))[:6]
    lon, lat = df.lon.to_numpy().copy(), df.lat.to_numpy().copy()
    lon[pos[0]], lat[pos[0]] = lat[pos[0]], lon[pos[0]]  # swapped
    lon[pos[1]] = np.nan
    lat[pos[2]] = np.inf
    lon[pos[3]] = 200.0
    lon[pos[4]], lat[pos[4]] = 121.47, 31.23  # far away, but a fine fix
    df = df.assign(lon=lon, lat=lat)
    res = _assert_same(model, df)
    assert len(res.rejected()) >= 3


def test_fast_path_equals_the_reference_with_long_segments(model):
    # fixes tens of km apart (measured with Geod.inv) and no gap limits: every change is searched, some geodesically
    rng = np.random.default_rng(3)
    n = 40
    df = pd.DataFrame(
        {
            "vehicle": rng.integers(0, 3, n),
            "ts": BASE + rng.permutation(n).astype("timedelta64[m]"),
            "lon": rng.uniform(116.1, 116.9, n),
            "lat": rng.uniform(39.5, 40.1, n),
        }
    )
    res = _assert_same(model, df, max_gap_s=None, max_gap_m=None)
    assert (res.summary.trip_m > 0).all() and len(res.events) > 0


@pytest.mark.parametrize("layout", ["grouped", "by time", "shuffled"])
def test_float_statuses_outside_the_bounds_equal_the_general_reader(model, layout):
    # every kind of float point outside the dataset's bounds: the statuses the walk gives them (in place, or while
    # gathering unordered input) equal to_points + swapped_mask, as the general reader gives them
    from avzone.points import SWAPPED, codes_to_text, swapped_mask

    rng = np.random.default_rng(11)
    w, s, e, n = model.bounds
    special = [np.nan, np.inf, -np.inf, 200.0, -181.0, 95.0, -90.5, 0.0, 39.9, 116.4, 180.0, 90.0]
    lon = np.concatenate([rng.uniform(w, e, 50), rng.uniform(-200, 200, 200), rng.choice(special, 300)])
    lat = np.concatenate([rng.uniform(s, n, 50), rng.uniform(-100, 100, 200), rng.choice(special, 300)])
    swap = rng.random(lon.size) < 0.2  # some in the bounds with lon and lat exchanged
    lon[swap], lat[swap] = lat[swap], lon[swap]
    ts = BASE + np.arange(lon.size).astype("timedelta64[s]")
    df = pd.DataFrame({"vehicle": rng.integers(0, 7, lon.size), "ts": ts, "lon": lon, "lat": lat})
    if layout == "grouped":
        df = df.sort_values(["vehicle", "ts"], kind="stable")
    elif layout == "shuffled":
        df = df.sample(frac=1, random_state=3)
    ref = to_points(df.lon, df.lat)
    given, swapped = swapped_mask(ref, model.bounds)
    ref.mark(~given & swapped, SWAPPED)
    statuses = model.events(df).rows.status
    bad = ref.codes != 0
    assert statuses[bad].tolist() == codes_to_text(ref.codes[bad], ref.labels).tolist()
    assert not statuses[~bad].isin(set(codes_to_text(ref.codes[bad], ref.labels))).any()
    assert (ref.codes == SWAPPED).sum() > 10 and len(set(ref.codes.tolist())) > 5
    _assert_same(model, df)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("tz", [None, "Asia/Shanghai", "UTC", "America/New_York"])
def test_datetime_columns_of_every_unit_and_zone_read_as_to_ns(unit, tz):
    from avzone.events import _NAT, _raw_times
    from avzone.zonetime import to_ns

    s = pd.Series(pd.to_datetime(["2024-07-01 08:00:01", None, "2024-07-02 01:00:00"]).as_unit(unit))
    if tz:
        s = s.dt.tz_localize(tz)
    raw, offset, codes = _raw_times(s)
    ns, ref_codes = to_ns(s)
    assert np.where(raw == _NAT, raw, raw - offset).tolist() == ns.tolist()
    assert codes.size == 0 and ref_codes.tolist() == [0, 1, 0]  # NaT alone is missing: the walk tests for it


def test_event_order_equals_a_stable_lexsort_without_the_placeholders():
    # the walk's events are nearly in order; the order kernel must equal a stable lexsort on any input
    from avzone.events import _event_order

    rng = np.random.default_rng(5)
    for trial in range(80):
        ne = int(rng.integers(0, 300))
        v = rng.integers(0, 6, ne)
        t = rng.integers(0, 50, ne)
        if trial % 4:  # nearly in order: by vehicle (or by time: vehicles interleaved), a few swaps, a tail
            order = np.lexsort((t, v)) if trial % 2 else np.argsort(t, kind="stable")
            v, t = v[order], t[order]
            for _ in range(ne // 20):
                q = int(rng.integers(0, max(1, ne - 1)))
                if q + 1 < ne:
                    t[q], t[q + 1] = t[q + 1], t[q]
        z = rng.integers(0, 3, ne)
        evi = np.zeros((ne, 6), dtype=np.int64)
        evi[:, 0], evi[:, 1], evi[:, 2] = v, t, z
        evi[:, 4] = rng.integers(0, 40, ne)  # the segment's first fix: its time breaks ties
        traw = rng.integers(0, 5, 40)
        n_main = int(rng.integers(0, ne + 1))
        if trial % 4:
            tail = np.argsort(evi[n_main:, 1], kind="stable")
            evi[n_main:] = evi[n_main:][tail]
        if trial % 4 == 3:  # the main part exactly in order (input grouped by vehicle), ties included
            main = np.lexsort((traw[evi[:n_main, 4]], evi[:n_main, 2], evi[:n_main, 1], evi[:n_main, 0]))
            evi[:n_main] = evi[:n_main][main]
        if trial % 3 == 1:  # the walk's placeholders (their events appended at the end) are left out
            evi[rng.random(ne) < 0.1, 3] = 3
        perm, ok = _event_order(evi, n_main, 6, traw)
        real = np.flatnonzero(evi[:, 3] != 3)
        ref = real[np.lexsort((traw[evi[real, 4]], evi[real, 2], evi[real, 1], evi[real, 0]))]
        if ok:
            assert perm.tolist() == ref.tolist()
        else:  # far from the given order: the caller sorts
            assert trial % 4 == 0


@pytest.mark.parametrize("layout", ["grouped", "by time", "shuffled"])
def test_fast_path_equals_the_reference_with_datetime_columns_of_other_units_and_zones(model, layout):
    # NaT rows, microsecond and second units, a time zone: read as integers by the walk, as to_ns reads them
    df = _random_fleet(21, layout)
    ts = df["ts"].copy()
    ts.iloc[::17] = pd.NaT
    _assert_same(model, df.assign(ts=ts))
    _assert_same(model, df.assign(ts=ts.dt.as_unit("us").dt.tz_localize("Asia/Shanghai")))
    _assert_same(model, df.assign(ts=ts.dt.floor("s").dt.as_unit("s")))


@pytest.mark.parametrize("layers", range(1, 10))
def test_zone_bits_from_packed_rows_equal_the_column_loop(layers):
    """Rows of 1, 2, 4 or 8 bool bytes are packed by one multiplication; the result is the per-column loop's."""
    rng = np.random.default_rng(layers)
    hits = rng.random((500, layers)) < 0.5
    hits[0] = True
    hits[1] = False
    subsets = [np.arange(layers), np.arange(layers)[::-1], rng.permutation(layers)[: max(1, layers // 2)]]
    for cols in subsets:
        cols = np.ascontiguousarray(cols, dtype=np.int64)
        words, every = ev_mod._hit_words(hits, cols)
        assert words.size == (hits.shape[0] if layers in (1, 2, 4, 8) else 0)
        assert every == (cols.size == layers and bool(np.all(cols == np.arange(layers))))
        got = [int(ev_mod._zone_bits((words, hits, cols, every), i)) for i in range(hits.shape[0])]
        want = [sum(int(hits[i, c]) << z for z, c in enumerate(cols)) for i in range(hits.shape[0])]
        assert got == want


def test_local_lengths_follow_the_radii_at_the_mid_latitude():
    """The tabled metres per degree agree with the radii computed at the mid-latitude itself, pole to pole."""
    rng = np.random.default_rng(3)
    lat1 = np.concatenate([rng.uniform(-89.9, 89.9, 20_000), [-89.999, 89.999, 0.0, 39.995, 40.005]])
    lon1 = rng.uniform(-180, 180, lat1.size)
    lat2 = np.clip(lat1 + rng.normal(0, 0.01, lat1.size), -90, 90)
    lon2 = lon1 + rng.normal(0, 0.01, lat1.size)
    fast = ev_mod._local_lengths(lon1, lat1, lon2, lat2)
    exact = np.array([ev_mod._local_m_exact(*q) for q in zip(lon1, lat1, lon2, lat2, strict=True)])
    assert np.all(np.abs(fast - exact) <= 1e-8 * exact + 1e-9)
    assert np.isnan(ev_mod._local_m(np.nan, 40.0, 116.0, 40.0))
    assert np.isnan(ev_mod._local_m(116.0, np.nan, 116.0, 40.0))


def test_lengths_of_a_block_equal_the_local_formula_one_by_one():
    # the walk takes each segment's length from _block_lengths where its previous fix is the one before it: the
    # same number _local_m gives, to the last bit (NaN beyond the tables' latitudes, where the walk measures it)
    rng = np.random.default_rng(11)
    n = 5000
    lon = rng.uniform(-180, 180, n)
    lat = np.concatenate([rng.uniform(-90, 90, n - 6), [90.0, 90.0, -90.0, -90.0, 89.99999, 95.0]])
    for q0, q1 in [(0, n), (1, 4096), (4096, n), (17, 18)]:
        out = np.full(q1 - q0, -1.0)
        ev_mod._block_lengths(lon, lat, q0, q1, out)
        for q in range(max(q0, 1), q1):
            want = ev_mod._local_m(lon[q - 1], lat[q - 1], lon[q], lat[q])
            f = (lat[q - 1] + lat[q]) * 50.0 + 9000.0
            if 0.0 <= f < 18000.0:
                assert out[q - q0] == want, q
            else:
                assert np.isnan(out[q - q0]), q
        assert (out[:1] == -1.0).all() if q0 == 0 else True  # (no segment ends at the first place)


def test_one_crossing_bisection_in_closed_form_equals_the_loop():
    rng = np.random.default_rng(5)
    cases = [(s, k) for s in rng.random(2000) for k in (1, 2, 9, 30, 52)]
    cases += [(0.5, 1), (0.5, 8), (0.25, 2), (1 - 2**-52, 52), (2**-52, 52), (0.375, 3)]  # midpoints hit exactly
    for s, steps in cases:
        lo, hi = 0.0, 1.0
        for _ in range(steps):
            mid = (lo + hi) / 2
            if s < mid:
                hi = mid
            else:
                lo = mid
        assert ev_mod._bisect_one(s, steps) == (lo + hi) / 2, (s, steps)


def test_halvings_are_the_least_that_bring_a_bracket_under_the_tolerance():
    rng = np.random.default_rng(8)
    dist = np.concatenate(
        [
            rng.uniform(0, 2e4, 5000),
            rng.uniform(0, 3, 500),
            [0.0, 0.25, 1.0, 2.0, 3.0, 499.9, 500.0, 1e7],
            2.0 ** np.arange(-3, 40),
            np.nextafter(2.0 ** np.arange(-3, 40), np.inf),  # just past a power of two: one halving more
            np.nextafter(2.0 ** np.arange(-3, 40), 0),
        ]
    )
    for tol in (1.0, 0.5, 0.3, 0.01, 7.5):
        steps = ev_mod.halvings(dist, tol)
        ratio = np.maximum(dist, tol) / tol  # exactly what both count from
        e = steps - 1  # the least e with 2**e >= ratio
        assert (np.ldexp(1.0, e) >= ratio).all() and (np.ldexp(1.0, e - 1) < ratio)[ratio > 1].all()
        assert (e[ratio == 1] == 0).all()
        assert [ev_mod._halvings_one(float(d), tol) for d in dist] == steps.tolist()  # the walk counts alike


@pytest.mark.parametrize("limit", [0.0, 1e-9, 0.3, 1.0, 599.9999999, 600.0, 600.0000000001, 86400.5, 1e7, 1e9, 9.2e9])
def test_gap_limit_in_nanoseconds_gives_the_answer_seconds_give(limit):
    # the walk compares a segment's nanoseconds with this; it must say "gap" exactly when dt / 1e9 > limit
    n = ev_mod._gap_ns(limit)
    assert n / 1e9 <= limit < (n + 1) / 1e9
    for dt in (n - 2, n - 1, n, n + 1, n + 2):
        if dt >= 0:
            assert (dt > n) == (dt / 1e9 > limit)


def test_gap_limit_none_or_beyond_int64_is_no_limit():
    top = int(np.iinfo(np.int64).max)
    assert ev_mod._gap_ns(None) == ev_mod._gap_ns(float("inf")) == ev_mod._gap_ns(1e300) == top


def test_segment_exactly_at_the_time_limit_is_not_a_gap(model):
    t0 = np.datetime64("2024-07-01T08:00:00", "ns")
    df = pd.DataFrame(
        {
            "vehicle": [1, 1, 2, 2],
            "ts": [t0, t0 + np.timedelta64(600, "s"), t0, t0 + np.timedelta64(600_000_000_001, "ns")],
            "lon": [116.44, 116.46, 116.44, 116.46],
            "lat": 39.79,
        }
    )
    ev = model.events(df, zones=["current"], max_gap_s=600, max_gap_m=None).events
    assert ev.set_index("id")["event"].to_dict() == {1: "enter", 2: "gap"}


@pytest.mark.parametrize("layers", range(1, 10))
def test_rows_at_equals_fancy_indexing(layers):
    # the zone hits of the gathered fixes, taken a word per row when a row is 1, 2, 4 or 8 bytes
    rng = np.random.default_rng(layers)
    hits = rng.random((300, layers)) < 0.5
    pos = rng.integers(0, 300, 500)
    got = ev_mod._rows_at(hits, pos, np.arange(layers, dtype=np.int64))
    assert got.dtype == np.bool_ and got.shape == (500, layers)
    assert np.array_equal(got, hits[pos])
    assert ev_mod._rows_at(hits, pos[:0], np.arange(layers, dtype=np.int64)).shape == (0, layers)


@pytest.mark.parametrize("seed", range(3))
def test_disorder_after_the_first_rows_equals_the_reference(model, monkeypatch, seed):
    # the first rows look ordered by vehicle and time, so the zones are looked up in input order and the walk
    # starts there; rows further down are not, and the fixes are gathered with the zone hits already found
    monkeypatch.setattr(ev_mod, "_HEAD_ROWS", 12)
    df = _random_fleet(seed + 40, "grouped")
    head, rest = df.iloc[:12], df.iloc[12:].sample(frac=1, random_state=seed)
    df = pd.concat([head, rest])
    assert ev_mod._head_in_order(*_codes_and_times(df), 12)
    res = _assert_same(model, df, max_gap_s=600, max_gap_m=3000)
    assert res.rows.used.any()


def test_head_in_order_guesses_from_the_first_rows_only():
    v = np.array([0, 1, 0, 1, 0, 1], dtype=np.int64)
    t = np.array([1, 1, 2, 2, 3, 0], dtype=np.int64)  # vehicle 1 goes back in time at the last row
    assert ev_mod._head_in_order(v, t, 2, 5)
    assert not ev_mod._head_in_order(v, t, 2, 6)
    missing = np.array([-1, 1, 0, 1, 0, 1], dtype=np.int64)  # rows without a vehicle or a time are left out
    assert ev_mod._head_in_order(missing, np.array([9, 1, 2, 2, ev_mod._NAT, 3]), 2, 6)


@pytest.mark.parametrize("layout", ["grouped", "by time", "shuffled"])
def test_located_points_and_float_columns_give_the_same_events(model, layout):
    # hits given (the general locator) vs looked up in the walk's order (float WGS84 columns)
    df = _random_fleet(50, layout)
    fast = model.events(df, max_gap_s=600, max_gap_m=3000)
    general = ev_mod.track_events(
        model, df["vehicle"], df["ts"], to_points(df["lon"], df["lat"]), df.index, max_gap_s=600, max_gap_m=3000
    )
    pd.testing.assert_frame_equal(fast.events, general.events)
    pd.testing.assert_frame_equal(fast.summary, general.summary)
    pd.testing.assert_frame_equal(fast.rows, general.rows)


def _codes_and_times(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, int]:
    vid, values = vehicle_codes(df["vehicle"])
    return vid, df["ts"].to_numpy().astype("datetime64[ns]").view(np.int64), len(values)


@pytest.mark.parametrize("unit", ["s", "ns"])
def test_a_trip_across_nearly_the_whole_range_of_times(model, unit):
    # fixes from 1901 to 2188 (nearly 2**63 ns apart), shuffled: the gather's time keys (in whole seconds, or in
    # nanoseconds: too wide to share a word with the place in the run) and the trip's sums do not overflow
    rng = np.random.default_rng(9)
    years = np.sort(rng.choice(np.arange(1901, 2189), 40, replace=False))
    ts = np.array([f"{y}-07-01T08:00:00" for y in years], dtype="datetime64[ns]")
    if unit == "ns":
        ts = ts + rng.integers(1, 10**9, ts.size).astype("timedelta64[ns]")
    ts[[0, -1]] = [np.datetime64("1900-01-01T08:00:00.5", "ns"), np.datetime64("2189-12-31T23:59:59", "ns")]
    lon = 116.44 + rng.normal(0, 0.01, ts.size)
    df = pd.DataFrame({"vehicle": "a", "ts": ts, "lon": lon, "lat": 39.79}).sample(frac=1, random_state=1)
    res = _assert_same(model, df, max_gap_s=None, max_gap_m=None, zones=["current"])
    span_s = (ts[-1] - ts[0]) / np.timedelta64(1, "s")
    assert res.summary.trip_s.iloc[0] == pytest.approx(span_s, rel=1e-12) and span_s > 9.1e9
    assert res.rows.used.all()


def _spy(monkeypatch, name: str) -> list[int]:
    """Count the calls of the events module's kernel ``name`` (called from Python by :func:`_track`)."""
    from avzone._jit import compile_module

    compile_module(ev_mod.__name__)  # (compiling later would put the kernels back in place of the spy)
    calls: list[int] = []
    real = getattr(ev_mod, name)

    def spy(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(ev_mod, name, spy)
    return calls


@pytest.mark.parametrize("block", [5, 64])
@pytest.mark.parametrize("seed", range(4))
def test_time_ordered_input_walked_in_blocks_equals_the_reference(model, monkeypatch, seed, block):
    # input ordered by time with the vehicles interleaved is gathered by vehicle block by block, located and
    # walked block after block, every vehicle's state carried from one block to the next
    monkeypatch.setattr(ev_mod, "_BLOCK_ROWS", block)
    monkeypatch.setattr(ev_mod, "_BLOCK_PER_VEHICLE", 0)
    blocks = _spy(monkeypatch, "_gather_block")
    df = _random_fleet(seed + 60, "by time")
    res = _assert_same(model, df, max_gap_s=600, max_gap_m=3000)
    if len(df) > block and ev_mod._head_interleaved(*_codes_and_times(df), 1 << 16):
        assert len(blocks) == -(-len(df) // block)
    assert res.rows.used.any()


@pytest.mark.parametrize("seed", range(3))
def test_disorder_in_a_later_block_equals_the_reference(model, monkeypatch, seed):
    # the first rows are ordered by time, later ones not: the block walk stops there and the whole input is
    # gathered and walked again
    monkeypatch.setattr(ev_mod, "_BLOCK_ROWS", 16)
    monkeypatch.setattr(ev_mod, "_BLOCK_PER_VEHICLE", 0)
    monkeypatch.setattr(ev_mod, "_HEAD_ROWS", 24)
    gathered = _spy(monkeypatch, "_gathered")
    blocks = _spy(monkeypatch, "_gather_block")
    df = _random_fleet(seed + 80, "by time")
    while df["vehicle"].nunique() < 3 or len(df) < 60:
        seed += 100
        df = _random_fleet(seed + 80, "by time")
    df = pd.concat([df.iloc[:24], df.iloc[24:].sample(frac=1, random_state=seed)])
    assert ev_mod._head_interleaved(*_codes_and_times(df), 24)
    _assert_same(model, df, max_gap_s=600, max_gap_m=3000)
    assert blocks and len(gathered) == 1


@pytest.mark.parametrize("seed", range(2))
def test_blocks_equal_the_walk_in_place_for_located_points(model, monkeypatch, seed):
    # float32 columns go through the general locator (zone hits given): the blocks take the hits of their rows
    df = _random_fleet(seed + 90, "by time").astype({"lon": np.float32, "lat": np.float32})
    whole = model.events(df, max_gap_s=600)
    monkeypatch.setattr(ev_mod, "_BLOCK_ROWS", 8)
    monkeypatch.setattr(ev_mod, "_BLOCK_PER_VEHICLE", 0)
    blocks = _spy(monkeypatch, "_gather_block")
    parts = model.events(df, max_gap_s=600)
    assert blocks or len(df) <= 8 or not ev_mod._head_interleaved(*_codes_and_times(df), 1 << 16)
    pd.testing.assert_frame_equal(parts.events, whole.events)
    pd.testing.assert_frame_equal(parts.summary, whole.summary)
    pd.testing.assert_frame_equal(parts.rows, whole.rows)


def test_head_interleaved_tells_time_order_from_grouped_input():
    v = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2], dtype=np.int64)
    t = np.array([1, 1, 1, 2, 2, 2, 3, 3, 3], dtype=np.int64)
    assert ev_mod._head_interleaved(v, t, 3, 9)
    grouped = np.repeat(np.arange(3, dtype=np.int64), 20)  # runs of 20 fixes: 2 changes in 60 rows
    assert not ev_mod._head_interleaved(grouped, np.tile(np.arange(20, dtype=np.int64), 3), 3, 60)
    assert not ev_mod._head_interleaved(v, t[::-1].copy(), 3, 9)  # interleaved but not in time order


def test_points_along_segments_follow_the_geodesic_at_every_length():
    """_Segments.at: straight in lon/lat (<= 500 m), the chord brought to the surface (<= 20 km), Geod.fwd beyond."""
    from avzone import geodesy

    rng = np.random.default_rng(3)
    n = 3000
    lon1, lat1 = rng.uniform(116.0, 116.8, n), rng.uniform(39.6, 40.2, n)
    az = rng.uniform(-180, 180, n)
    short, mid, far = rng.uniform(1, 500, n // 3), rng.uniform(500, 20_000, n // 3), rng.uniform(2e4, 2e5, n // 3)
    dist = np.concatenate([short, mid, far])
    lon2, lat2, _ = geodesy.GEOD.fwd(lon1, lat1, az, dist)
    seg = ev_mod._Segments(lon1, lat1, lon2, lat2, az, dist)
    f = rng.uniform(0, 1, n)
    lon, lat = seg.at(np.arange(n), f)
    want_lon, want_lat, _ = geodesy.GEOD.fwd(lon1, lat1, az, f * dist)
    off = geodesy.GEOD.inv(want_lon, want_lat, lon, lat)[2]
    assert off.max() < 0.005
    assert off[dist > geodesy.CHORD_SEGMENT_M].max() < 1e-6  # followed by Geod.fwd itself


@pytest.mark.parametrize("shape", ["spread", "bunched", "repeated", "wide", "in order"])
def test_sort_runs_equals_a_stable_sort_by_time(shape):
    # every vehicle's run of the gathered fixes sorted by time, ties in gathered order: times spread over the span
    # (one counting pass and an insertion sort), bunched (most in one bucket: the radix sort takes over), many
    # equal, spanning centuries in nanoseconds (keys too wide to carry their place), or already in order
    rng = np.random.default_rng(["spread", "bunched", "repeated", "wide", "in order"].index(shape))
    sizes = [0, 1, 2, 7, 300, 5000, 0, 20000]
    runs = []
    for r in sizes:
        if shape == "spread":
            t = BASE.astype(np.int64) + rng.integers(0, 3 * 10**11, r) // 10**6 * 10**6  # milliseconds
        elif shape == "bunched":
            t = BASE.astype(np.int64) + rng.integers(0, 1000, r) * 10**6
            t[: max(0, r // 100)] += 10**15  # a few fixes days later: nearly all keys in the first bucket
        elif shape == "repeated":
            t = BASE.astype(np.int64) + rng.integers(0, 5, r) * 10**9
        elif shape == "wide":
            t = rng.integers(-(2**62), 2**62, r)
        else:
            t = np.sort(BASE.astype(np.int64) + rng.integers(0, 10**12, r))
        runs.append(t)
    tt = np.concatenate(runs).astype(np.int64)
    n = tt.size
    count = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    vehicle = np.repeat(np.arange(len(sizes)), sizes)
    pos = rng.permutation(n).astype(np.int64)
    x, y = rng.random(n), rng.random(n)
    order = np.lexsort((np.arange(n), tt, vehicle))
    want = pos[order], tt[order], x[order], y[order]
    # each run followed by room left empty (places of fixes that were not usable): the runs end together
    room = rng.integers(0, 4, len(sizes)) * (shape != "in order" or np.arange(len(sizes)) % 2)
    starts = count[:-1] + np.concatenate([[0], np.cumsum(room)[:-1]])
    at = np.concatenate([np.arange(s, s + r) for s, r in zip(starts, sizes)]).astype(np.int64)
    rec = np.full((n + room.sum(), 4), -7, dtype=np.int64)  # (row, time, lon and lat's bits, as gathered)
    rec[at, 0], rec[at, 1], rec[at, 2], rec[at, 3] = pos, tt, x.view(np.int64), y.view(np.int64)
    out = [np.full(n + room.sum(), -7, dtype=a.dtype) for a in (pos, tt, x, y)]
    first = np.append(starts, 0).astype(np.int64)
    assert ev_mod._sort_runs(first, first[:-1] + sizes, rec, *out) == n
    for got, exp in zip(out, want):
        np.testing.assert_array_equal(got[:n], exp)
    np.testing.assert_array_equal(first, count)  # (the runs' new first places)


@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
@pytest.mark.parametrize("bad_rows", [False, True])
def test_gcj02_and_bd09_float_columns_give_the_general_paths_events(model, crs, bad_rows):
    # float64 GCJ-02 / BD-09 columns inside the bounds are converted and located in one pass (locate.
    # located_one_pass); with a missing or swapped fix, the statuses come from the columns as before
    from avzone.crs import from_wgs84
    from avzone.locate import located_one_pass

    df = synthetic_fleet(model, 40, 400, seed=21)
    w, s, e, n = model.bounds
    inside = df["lon"].between(w + 0.02, e - 0.02) & df["lat"].between(s + 0.02, n - 0.02)
    df = df[inside.groupby(df["vehicle"]).transform("all")].sample(frac=1, random_state=2)  # whole vehicles
    assert df["vehicle"].nunique() >= 10
    df["lon"], df["lat"] = from_wgs84(df["lon"].to_numpy(), df["lat"].to_numpy(), crs)
    if bad_rows:
        df.iloc[3, df.columns.get_loc("lon")] = np.nan
        df.iloc[[5], [df.columns.get_loc("lon"), df.columns.get_loc("lat")]] = df.iloc[[5]][["lat", "lon"]].to_numpy()
    xy = df["lon"].to_numpy(), df["lat"].to_numpy()
    assert located_one_pass(model, *xy, crs) is not None  # (the one-pass path is the one tested)
    general = df.astype({"lon": object, "lat": object})
    fast, ref = model.events(df, crs=crs), model.events(general, crs=crs)
    pd.testing.assert_frame_equal(fast.events, ref.events)
    pd.testing.assert_frame_equal(fast.summary, ref.summary)
    pd.testing.assert_frame_equal(fast.rows, ref.rows)
    assert (fast.rows.status != "ok").sum() == (2 if bad_rows else 0)
    if bad_rows:
        assert fast.rows.status.iloc[3] == "missing lon" and fast.rows.status.iloc[5].startswith("lon and lat look")

"""The events file job (avzone events) and the synthetic fleet (T-Drive files: test_tdrive.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from common import run_cli

import avzone
from avzone.fleet import synthetic_fleet
from avzone.tracks import events_file

KEY = ["id", "zone", "time", "event"]


@pytest.fixture(scope="module")
def fleet(model: avzone.Model) -> pd.DataFrame:
    df = synthetic_fleet(model, vehicles=12, fixes=150, seed=4, gap_probability=0.01)
    return df.sample(frac=1, random_state=1).reset_index(drop=True)  # any row order


def test_fleet_is_deterministic_and_crosses_zone_edges(model, fleet):
    again = synthetic_fleet(model, vehicles=12, fixes=150, seed=4, gap_probability=0.01)
    pd.testing.assert_frame_equal(
        fleet.sort_values(["vehicle", "ts"]).reset_index(drop=True), again.reset_index(drop=True)
    )
    res = model.events(fleet)
    counts = res.events.event.value_counts()
    assert counts.get("enter", 0) > 0 and counts.get("exit", 0) > 0 and counts.get("gap", 0) > 0
    assert (res.rows.status == "ok").all()


def test_fleet_times_are_whole_milliseconds(model):
    # t * 1e9 as a float can fall a hair short of the whole millisecond (1234.567 s: ...566999999.9998 ns), which
    # a cast to nanoseconds truncates: the fleet's times were a nanosecond short of what was drawn
    ns = synthetic_fleet(model, vehicles=20, fixes=200, seed=0)["ts"].to_numpy().astype(np.int64)
    assert (ns % 1_000_000 == 0).all()


@pytest.mark.parametrize("start", ["2024-07-01T08:00+08:00", "2024-07-01T00:00Z", "2024-06-30T20:00-04:00"])
def test_fleet_start_with_an_offset_is_that_instant(model, start):
    # the fleet's times are naive Beijing time: a start with an offset gave its UTC clock (8 hours early)
    want = synthetic_fleet(model, vehicles=2, fixes=5, seed=1, start="2024-07-01 08:00")
    pd.testing.assert_frame_equal(synthetic_fleet(model, vehicles=2, fixes=5, seed=1, start=start), want)
    assert want.ts.iloc[0] == pd.Timestamp("2024-07-01 08:00")


@pytest.mark.parametrize(
    ("start", "why"),
    [
        (None, "missing time"),  # (a fleet of NaT times: every row a bad time)
        (5, "is a number"),  # (5 ns after the epoch: a fleet in 1970)
        ("tomorrow", "not a date/time"),  # (pandas' DateParseError, naming no setting)
        ("2024-13-01", "not a date/time"),
        ("08:00", "not a date/time"),  # (a time of day alone: taken as today's date)
    ],
)
def test_fleet_start_that_is_no_time_is_refused_by_name(model, start, why):
    # start was read by pd.Timestamp: None gave every fix the time NaT and 5 a fleet in 1970, without a word, and
    # text that is no date stopped with pandas' error; it is read as every time of avzone is (zonetime.to_ns)
    with pytest.raises(avzone.InputError) as err:
        synthetic_fleet(model, vehicles=2, fixes=3, start=start)
    assert str(err.value).startswith(f"synthetic_fleet: start {start!r}: "), str(err.value)
    assert why in str(err.value)


def test_fleet_of_no_fixes_is_empty_and_bad_settings_are_refused_by_name(model):
    # fixes=0 (allowed: "vehicles and fixes must be >= 0") stopped with an IndexError; a negative interval gave each
    # vehicle's fixes backwards in time (the frame is "sorted by vehicle and time"), a negative noise none
    empty = synthetic_fleet(model, vehicles=3, fixes=0)
    assert empty.shape == (0, 4) and list(empty.columns) == ["vehicle", "ts", "lon", "lat"]
    assert synthetic_fleet(model, vehicles=0, fixes=0).shape == (0, 4)
    for options, name in (
        ({"interval_s": -5.0}, "interval_s"),
        ({"interval_s": float("nan")}, "interval_s"),
        ({"noise_m": -1.0}, "noise_m"),
        ({"gap_probability": 1.5}, "gap_probability"),
        ({"speed_mps": (16.0, 6.0)}, "speed_mps"),
        ({"gap_s": (-1.0, 10.0)}, "gap_s"),
        ({"route_share": 30}, "route_share"),  # (30 meant as per cent put every vehicle on a route)
        ({"route_share": -0.1}, "route_share"),
        ({"vehicles": 2.5}, "vehicles"),  # (a TypeError of numpy's naming neither)
        ({"fixes": -1}, "fixes"),
        ({"vehicles": True}, "vehicles"),
    ):
        value = next(iter(options.values()))
        with pytest.raises(avzone.InputError) as err:
            synthetic_fleet(model, **{"vehicles": 2, "fixes": 5, **options})
        assert str(err.value).startswith(f"synthetic_fleet: {name} must be "), str(err.value)
        assert repr(value) in str(err.value)


@pytest.mark.parametrize("route_share", [1.0, 0.0])
def test_fleet_vehicles_keep_their_speed_within_speed_mps(model, route_share):
    # a route vehicle was placed at a share of the route's length in degrees, not in metres: its speed changed with
    # the route's heading (7.7 to 11.7 m/s for one vehicle; 17.7 m/s, above speed_mps, for another); a walker's
    # degrees were the equator's metres and its start's longitude scale (0.7 % between its steps)
    from avzone.geodesy import GEOD

    fleet = synthetic_fleet(
        model, vehicles=40, fixes=300, seed=2, route_share=route_share, noise_m=0, gap_probability=0
    )
    for vehicle, fixes in fleet.groupby("vehicle"):
        lon, lat = fixes["lon"].to_numpy(), fixes["lat"].to_numpy()
        metres = np.asarray(GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2])
        speed = metres / (np.diff(fixes["ts"].to_numpy()).astype(np.int64) / 1e9)
        assert speed.max() <= 16.0 * (1 + 1e-4), (vehicle, speed.max())
        low, high = np.percentile(speed, [10, 90])  # (a route's turns and ends: the chord is shorter than the drive)
        assert high / low < 1 + 1e-3, (vehicle, low, high)


def test_fleet_in_gcj02_gives_the_same_events(model):
    # with GPS noise: without it the route vehicles drive exactly on the South 4th Ring, the outlook's inner edge,
    # where the micrometres of a GCJ-02 round trip decide inside or outside
    wgs = synthetic_fleet(model, vehicles=4, fixes=80, seed=9, noise_m=5)
    gcj = synthetic_fleet(model, vehicles=4, fixes=80, seed=9, noise_m=5, gcj02=True)
    assert gcj.attrs["crs"] == "gcj02" and not np.allclose(wgs.lon, gcj.lon)
    zones = ["core", "current", "planned"]  # the outlook's 4th-ring edge is a route: many crossings per segment
    a = model.events(wgs, zones=zones).events
    b = model.events(gcj, crs=gcj.attrs["crs"], zones=zones).events
    assert len(a) > 4
    assert a[["id", "zone", "event"]].equals(b[["id", "zone", "event"]])
    assert np.allclose(a.lon, b.lon, atol=1e-6, equal_nan=True) and np.allclose(a.lat, b.lat, atol=1e-6, equal_nan=True)


def _read(path):
    return pd.read_csv(path) if str(path).endswith(".csv") else pd.read_parquet(path)


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_events_file_in_memory_and_partitioned_agree(model, fleet, tmp_path, ext):
    src = tmp_path / f"fleet.{ext}"
    data = fleet.assign(ts=fleet.ts.astype(str))
    data.to_csv(src, index=False) if ext == "csv" else data.to_parquet(src, index=False)
    whole = events_file(
        model, src, tmp_path / "ev1.parquet", summary=tmp_path / "s1.parquet", annotate=tmp_path / "a1.parquet"
    )
    parts = events_file(
        model,
        src,
        tmp_path / "ev2.parquet",
        summary=tmp_path / "s2.parquet",
        annotate=tmp_path / "a2.parquet",
        chunk_rows=300,
    )
    assert whole.partitions == 1 and parts.partitions > 1
    a = _read(tmp_path / "ev1.parquet").sort_values(KEY).reset_index(drop=True)
    b = _read(tmp_path / "ev2.parquet").sort_values(KEY).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(_read(tmp_path / "a1.parquet"), _read(tmp_path / "a2.parquet"))
    # the same events as the library on the frame
    lib = model.events(fleet).events
    assert len(a) == len(lib) and sorted(a.event) == sorted(lib.event)
    # rows before/after are input row numbers: the crossing's vehicle is theirs
    assert (data.vehicle.to_numpy()[a.row_before] == a.id.to_numpy()).all()
    s = _read(tmp_path / "s1.parquet")
    assert set(s.id) == set(fleet.vehicle) and len(s) == fleet.vehicle.nunique() * len(model.zone_layers)


def test_cli_events_annotate_keeps_every_row(tmp_path):
    src = tmp_path / "trips.csv"
    src.write_text(
        "car,when,lon,lat,note\n"
        "a,2024-07-01 08:00,116.42,39.79,x\n"
        "a,2024-07-01 08:04,116.46,39.79,y\n"
        "a,2024-07-01 08:04,116.46,39.79,dup\n"
        "b,2024-07-01 08:00,116.50,39.79,one\n"
        ",2024-07-01 08:00,116.50,39.79,noid\n"
        "c,later,116.50,39.79,badtime\n"
        "c,2024-07-01 08:00,,39.79,nolon\n",
        encoding="utf-8",
    )
    out = run_cli(
        "events",
        "--input", str(src),
        "--output", str(tmp_path / "ev.csv"),
        "--id-col", "car",
        "--time-col", "when",
        "--zones", "current",
        "--summary", str(tmp_path / "sum.csv"),
        "--annotate", str(tmp_path / "rows.csv"),
        "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["rows"] == 7 and report["events"] == {"enter": 1}
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False)
    assert rows.note.tolist() == ["x", "y", "dup", "one", "noid", "badtime", "nolon"]
    assert list(rows.columns) == ["car", "when", "lon", "lat", "note", "status", "used"]
    st = rows.status.tolist()
    assert st[:2] == ["ok", "ok"] and st[2].startswith("duplicate fix") and st[3].startswith("the vehicle's only")
    assert st[4] == "missing vehicle id" and st[5].startswith("time not a date/time") and st[6] == "missing lon"
    ev = pd.read_csv(tmp_path / "ev.csv")
    assert ev.event.tolist() == ["enter"] and (ev.row_before.iloc[0], ev.row_after.iloc[0]) == (0, 1)
    bad = run_cli("events", "--input", str(src), "--output", str(tmp_path / "e.csv"))
    assert bad.returncode == 2 and "no vehicle id column 'vehicle'" in bad.stderr and "--id-col" in bad.stderr
    geo = run_cli("events", "--input", str(src), "--output", str(tmp_path / "e.geojson"), "--id-col", "car")
    assert geo.returncode == 2 and "write .csv, .parquet or .gpkg" in geo.stderr


def test_events_from_geoparquet_annotate_keeps_the_geometry(model, tmp_path):
    import geopandas as gpd

    fleet = synthetic_fleet(model, vehicles=3, fixes=40, seed=2)
    gdf = gpd.GeoDataFrame(fleet[["vehicle", "ts"]], geometry=gpd.points_from_xy(fleet.lon, fleet.lat), crs="EPSG:4326")
    src = tmp_path / "fleet.parquet"
    gdf.to_parquet(src)
    events_file(model, src, tmp_path / "ev.csv", annotate=tmp_path / "rows.parquet")
    events_file(model, src, tmp_path / "ev.csv", annotate=tmp_path / "rows.csv")
    back = gpd.read_parquet(tmp_path / "rows.parquet")
    assert back.crs.to_epsg() == 4326 and back.geometry.geom_equals(gdf.geometry).all()
    text = pd.read_csv(tmp_path / "rows.csv")
    assert text.geometry.iloc[0].startswith("POINT (") and (text.status == "ok").all()
    assert len(pd.read_csv(tmp_path / "ev.csv")) == len(model.events(gdf).events)


@pytest.mark.parametrize("chunk_rows", [None, 2], ids=["in memory", "partitioned"])
def test_events_file_with_a_swapped_fix_gives_it_a_row_status(model, tmp_path, chunk_rows):
    # the status codes read back from Arrow are given the swapped status in place (Arrow's arrays are read-only)
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        "a,2024-07-01 08:00,116.42,39.79\n"
        "a,2024-07-01 08:04,116.46,39.79\n"
        "a,2024-07-01 08:05,39.79,116.47\n"
        "b,2024-07-01 08:00,116.42,39.79\n",
        encoding="utf-8",
    )
    extra = {"chunk_rows": chunk_rows} if chunk_rows else {}
    report = events_file(model, src, tmp_path / "ev.csv", annotate=tmp_path / "rows.csv", zones=["current"], **extra)
    assert report.partitions == (2 if chunk_rows else 1)
    rows = pd.read_csv(tmp_path / "rows.csv")
    assert rows.status[2].startswith("lon and lat look swapped") and not rows.used[2]
    assert pd.read_csv(tmp_path / "ev.csv").event.tolist() == ["enter"]


@pytest.mark.parametrize("ext", ["csv", "parquet"])
@pytest.mark.parametrize("b_enters", [True, False], ids=["first partition without events", "no events at all"])
def test_events_file_partitions_without_events(model, tmp_path, ext, b_enters):
    # rows without a vehicle id go to the first partition: no events and no summary rows there. The outputs' schema
    # is the one the in-memory job writes, whichever partition comes first (text columns as text, not Arrow's null)
    b = ("116.42", "116.46") if b_enters else ("116.30", "116.31")
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        ",2024-07-01 08:00,116.30,39.95\n"
        ",2024-07-01 08:04,116.31,39.95\n"
        f"b,2024-07-01 08:00,{b[0]},39.79\n"
        f"b,2024-07-01 08:04,{b[1]},39.79\n",
        encoding="utf-8",
    )
    runs = []
    for name, extra in (("whole", {}), ("parts", {"chunk_rows": 2})):
        paths = [tmp_path / f"{name}-{kind}.{ext}" for kind in ("events", "summary", "rows")]
        report = events_file(model, src, paths[0], summary=paths[1], annotate=paths[2], **extra)
        runs.append((report, paths))
    (whole, whole_paths), (parts, parts_paths) = runs
    assert whole.partitions == 1 and parts.partitions == 2
    assert parts.events == whole.events and bool(whole.events) == b_enters
    for a, b in zip(whole_paths, parts_paths, strict=True):
        pd.testing.assert_frame_equal(_read(a), _read(b))
        if ext == "parquet":
            import pyarrow.parquet as pq

            schema = pq.read_schema(b)
            assert schema.remove_metadata() == pq.read_schema(a).remove_metadata()
            for name in ("id", "zone", "event"):
                if name in schema.names:
                    assert schema.field(name).type == "string"
    assert set(_read(parts_paths[1]).id) == {"b"}


@pytest.mark.parametrize("chunk_rows", [None, 2], ids=["in memory", "partitioned"])
def test_events_file_parquet_times_outside_the_nanosecond_range(model, tmp_path, chunk_rows):
    # timestamp[ms, UTC]: z's year 2500 does not fit nanoseconds, so z's partition reads its times as Arrow's text
    # (with the zone: "...Z"), for the time parser to judge; a's events are the library's (the same instants)
    df = _far_times()
    src = tmp_path / "fixes.parquet"
    df.to_parquet(src, index=False)
    extra = {"chunk_rows": chunk_rows} if chunk_rows else {}
    report = events_file(model, src, tmp_path / "ev.parquet", annotate=tmp_path / "rows.parquet", **extra)
    assert report.rows == 4 and report.partitions == (2 if chunk_rows else 1)
    rows = pd.read_parquet(tmp_path / "rows.parquet")
    assert len(rows) == 4 and rows.status.notna().all() and (rows.status[:2] == "ok").all()
    events = pd.read_parquet(tmp_path / "ev.parquet")
    got = events[events.id == "a"].reset_index(drop=True)
    want = model.events(df[df.vehicle == "a"]).events
    assert len(want) > 0
    assert got[KEY].astype(str).equals(want[KEY].astype(str))
    assert got.row_before.tolist() == want.row_before.tolist()


def _dask_partition(df: pd.DataFrame) -> pd.DataFrame:
    """A partition as the Dask engine's step gets it: Arrow-backed columns (as dask reads Parquet)."""
    import pyarrow as pa

    return pd.DataFrame({c: pd.arrays.ArrowExtensionArray(pa.array(df[c].to_numpy())) for c in df})


def test_dask_step_puts_a_shuffled_partition_in_input_order(model):
    from avzone.distributed import events_partition

    # a's fixes 1 and 2 share a time: the local engines keep 1 (earlier in the input), inside the zone, so a enters;
    # keeping 2 (outside) would give no event. The shuffle by vehicle may bring 2 before 1, and b before a
    df = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "b", "b"],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:04", "2024-07-01 08:04", "2024-07-01 08:00", "2024-07-01 08:04"],
            "lon": [116.42, 116.46, 116.42, 116.42, 116.46],
            "lat": 39.79,
        }
    )
    lib = model.events(df, zones=["current"])
    assert lib.events.id.tolist() == ["a", "b"] and lib.events.row_after.tolist() == [1, 4]
    assert lib.rows.status[2] != "ok"
    numbered = df.assign(_row=np.arange(len(df)))
    options = {"zones": ["current"]}
    results = [
        events_partition(_dask_partition(part), str(model.folder), "vehicle", "ts", "lon", "lat", "EPSG:4326", options)
        for part in (numbered, numbered.iloc[[4, 2, 3, 1, 0]])
    ]
    for events, summary, rejected, n, _, use, _, first in results:
        assert events["id"].dtype == summary["id"].dtype == "string[pyarrow]"  # (the partition's ids' own type)
        text = {"id": lib.events["id"].dtype}  # (the local frame's ids: pandas' text)
        pd.testing.assert_frame_equal(events.astype(text), lib.events)
        pd.testing.assert_frame_equal(summary.drop(columns="_first").astype(text), lib.summary)
        assert summary["_first"].tolist() == [0, 3]  # each vehicle's first row: the client's order of the summary
        assert first.to_dict() == {"a": 0, "b": 3}  # (and of a GeoPackage's events)
        assert rejected == lib.rejected() and n == len(df)
        assert use == (0, 0)  # (no time_unit: the time column's numbers are not counted)


def test_dask_step_with_times_outside_the_nanosecond_range(model):
    from avzone.distributed import events_partition

    # as the events file job: z's year 2500 makes the partition's times Arrow's text (zone kept), not an exception
    df = _far_times()
    part = _dask_partition(df.assign(_row=np.arange(len(df))))
    events, _, _, n, _, _, _, _ = events_partition(
        part, str(model.folder), "vehicle", "ts", "lon", "lat", "EPSG:4326", {}
    )
    want = model.events(df[df.vehicle == "a"]).events
    assert n == 4 and len(want) > 0
    got = events[events.id == "a"].reset_index(drop=True)
    assert got[KEY].astype(str).equals(want[KEY].astype(str))


def _far_times() -> pd.DataFrame:
    """Vehicle a's fixes in 2024, z's first in the year 2500 (beyond nanoseconds), as timestamp[ms, UTC]."""
    ts = np.array(
        ["2024-07-01T00:00", "2024-07-01T00:04", "2500-01-01T00:00", "2024-07-01T00:00"], dtype="datetime64[ms]"
    )
    return pd.DataFrame(
        {
            "vehicle": ["a", "a", "z", "z"],
            "ts": pd.Series(ts).dt.tz_localize("UTC"),
            "lon": [116.42, 116.46, 116.42, 116.46],
            "lat": 39.79,
        }
    )


# -- the file job's inputs and outputs: --encoding, the annotate writer, all-or-nothing outputs ----------------
TWO_FIXES = (
    "vehicle,ts,lon,lat,備註\n車一,2024-05-01T08:00:00,116.42,39.79,臺北\n車一,2024-05-01T08:04:00,116.46,39.79,高雄\n"
)


def test_events_encoding_option_reads_the_file_in_it(tmp_path):
    """``--encoding big5``: the file is read as Big5 (not as the detected GB18030), reported, and kept for the rows."""
    src = tmp_path / "fixes.csv"
    src.write_bytes(TWO_FIXES.encode("big5"))
    paths = [tmp_path / n for n in ("ev.csv", "s.csv", "rows.csv")]
    res = run_cli(
        "events", "--input", str(src), "--output", str(paths[0]), "--summary", str(paths[1]),
        "--annotate", str(paths[2]), "--encoding", "big5", "--zones", "current", "--json",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["encoding"] == "big5" and report["encoding_detected"] is False
    assert "encoding big5" in res.stderr
    assert pd.read_csv(paths[1], encoding="big5").id.tolist() == ["車一"]  # the ids as written, in Big5 too
    assert report["output_encoding"] == "big5"
    rows = pd.read_csv(paths[2], encoding="big5", dtype=str)  # the annotated rows in the input's encoding
    assert list(rows.columns) == ["vehicle", "ts", "lon", "lat", "備註", "status", "used"]
    assert rows["備註"].tolist() == ["臺北", "高雄"] and rows.vehicle.tolist() == ["車一", "車一"]


def test_events_annotate_keeps_a_gbk_input_gbk_across_chunks(model, tmp_path):
    """A GBK input read in several chunks: every annotated row written in GBK, the header once."""
    src = tmp_path / "fixes.csv"
    lines = ["车辆,ts,lon,lat,备注"] + [
        f"车{i % 3},2024-05-01T08:{i:02d}:00,116.{40 + i},39.79,第{i}行" for i in range(20)
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    events_file(model, src, tmp_path / "ev.csv", id_col="车辆", annotate=tmp_path / "rows.csv", chunk_rows=6)
    rows = pd.read_csv(tmp_path / "rows.csv", encoding="gbk", dtype=str)
    assert rows["备注"].tolist() == [f"第{i}行" for i in range(20)]
    assert rows["车辆"].tolist() == [f"车{i % 3}" for i in range(20)]


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("column", ["status", "used"])
def test_events_annotate_keeps_an_input_column_named_like_an_added_one(model, tmp_path, column):
    """An input column named like one the annotated rows add is kept as it is; the added one is named with _2."""
    src = tmp_path / "fixes.csv"
    src.write_text(f"vehicle,ts,lon,lat,{column}\na,2024-05-01T08:00:00,116.5,39.79,x\n", encoding="utf-8")
    report = events_file(model, src, tmp_path / "ev.csv", summary=tmp_path / "s.csv", annotate=tmp_path / "rows.csv")
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str)
    assert rows[column].tolist() == ["x"]
    added = ["status", "used"]
    assert list(rows.columns)[5:] == [f"{c}_2" if c == column else c for c in added]
    assert any(f"{column} -> {column}_2" in str(n) for n in report.notes)


def test_events_failing_while_writing_the_annotation_leaves_every_target_as_it_was(model, tmp_path, monkeypatch):
    """A write error in the annotated rows: the events and summary are not put in place either."""
    from avzone import tracks

    src = tmp_path / "fixes.csv"
    src.write_text(TWO_FIXES, encoding="utf-8")
    (tmp_path / "s.csv").write_text("old summary\n")
    before = _files(tmp_path)

    def fail(path, *args):  # the annotated rows' writer fails after the events and summary were written
        raise avzone.InputError(f"{path}: cannot write the file (disk full)")

    monkeypatch.setattr(tracks, "_write_annotate", fail)
    with pytest.raises(avzone.InputError, match="cannot write the file"):
        events_file(model, src, tmp_path / "ev.csv", summary=tmp_path / "s.csv", annotate=tmp_path / "rows.csv")
    assert _files(tmp_path) == before  # no new output, the old summary as it was, no temporary file


@pytest.mark.parametrize("role", ["dst", "summary", "annotate"])
def test_events_file_refuses_a_symlink_of_the_input_before_writing(model, tmp_path, role):
    """An output that is the input through a symbolic link is refused (the library call too), nothing written."""
    src = tmp_path / "fixes.csv"
    src.write_text(TWO_FIXES, encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    outputs = {"dst": tmp_path / "ev.csv", role: link}
    before = _files(tmp_path)
    with pytest.raises(avzone.InputError, match="is the input file"):
        events_file(model, src, outputs.pop("dst"), **outputs)
    assert _files(tmp_path) == before


def test_events_file_refuses_two_outputs_in_one_file_before_writing(model, tmp_path):
    """--summary or --annotate naming the --output's file (or each other's, also through a link) is refused: each was
    written and renamed into place in turn, so only the last survived, the others lost without a word (exit 0)."""
    src = tmp_path / "fixes.csv"
    src.write_text(TWO_FIXES, encoding="utf-8")
    out, rows = tmp_path / "ev.csv", tmp_path / "rows.csv"
    before = _files(tmp_path)
    same = rf"^{tmp_path}/ev.csv: the same file as the output {tmp_path}/ev.csv;"
    with pytest.raises(avzone.InputError, match=same):
        events_file(model, src, out, summary=tmp_path / "." / "ev.csv")
    assert _files(tmp_path) == before
    rows.write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(rows)
    before = _files(tmp_path)
    with pytest.raises(avzone.InputError, match=rf"^{rows}: the same file as the output {tmp_path}/link.csv;"):
        events_file(model, src, out, summary=tmp_path / "link.csv", annotate=rows)
    assert _files(tmp_path) == before
    r = run_cli("events", "--input", str(src), "--output", str(out), "--annotate", str(out), "--lang", "zh")
    assert r.returncode == 2 and f"{out}：与输出 {out} 是同一个文件" in r.stderr
    assert _files(tmp_path) == before


def test_events_annotate_csv_writes_geojson_geometries_as_wkt(model, tmp_path):
    """A GeoJSON input's geometries go to an annotated CSV as WKT, as the locate job writes them."""
    src = tmp_path / "fixes.geojson"
    feats = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.42 + i / 100, 39.79]},
         "properties": {"vehicle": "a", "ts": f"2024-05-01T08:0{i}:00", "tags": ["x", i]}}
        for i in range(3)
    ]  # fmt: skip
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    events_file(model, src, tmp_path / "ev.csv", annotate=tmp_path / "rows.csv")
    located = tmp_path / "located.csv"
    avzone.batch.locate_file(model, src, located)
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str)
    loc = pd.read_csv(located, dtype=str)
    assert list(rows.columns[-2:]) == ["status", "used"]
    for name in rows.columns[:-2]:
        assert rows[name].tolist() == loc[name].tolist(), name


@pytest.mark.parametrize(
    ("rows", "vehicles", "not_ok", "lines"),
    [
        (1, 1, 1, ["1 fix of 1 vehicle read from in.csv", "1 row not ok:"]),
        (3, 1, 2, ["3 fixes of 1 vehicle read from in.csv", "2 rows not ok:"]),
        (4, 2, 0, ["4 fixes of 2 vehicles read from in.csv"]),
    ],
)
def test_the_events_job_summary_counts_one_in_the_singular(rows, vehicles, not_ok, lines):
    from collections import Counter

    from avzone.tracks import EventsSummary

    rejected = Counter({"missing lat": not_ok} if not_ok else {})
    text = EventsSummary("in.csv", "out.csv", rows=rows, vehicles=vehicles, rejected=rejected).text()
    for line in lines:
        assert line in text, text
    assert ("not ok" in text) == bool(not_ok)


@pytest.mark.parametrize("chunk_rows", [1_000_000, 300])
@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolon", "tab", "pipe"])
def test_events_of_a_delimited_crlf_input_match_the_comma_input(model, fleet, tmp_path, delimiter, chunk_rows):
    """Semicolon, tab or pipe and CRLF: the same events; the annotated rows keep the delimiter and line ending."""
    data = fleet.assign(ts=fleet.ts.astype(str), note=[f"n{i},;|\t" for i in range(len(fleet))])
    comma, src = tmp_path / "comma.csv", tmp_path / "fixes.csv"
    data.to_csv(comma, index=False)
    data.to_csv(src, index=False, sep=delimiter, lineterminator="\r\n")
    want = events_file(model, comma, tmp_path / "ev-comma.csv", annotate=tmp_path / "rows-comma.csv")
    got = events_file(model, src, tmp_path / "ev.csv", annotate=tmp_path / "rows.csv", chunk_rows=chunk_rows)
    assert got.delimiter == delimiter and got.delimiter_detected and got.to_dict()["delimiter"] == delimiter
    assert want.delimiter == "," and "delimiter" not in want.to_dict()
    a = pd.read_csv(tmp_path / "ev-comma.csv").sort_values(KEY).reset_index(drop=True)
    b = pd.read_csv(tmp_path / "ev.csv", sep=delimiter).sort_values(KEY).reset_index(drop=True)
    assert (tmp_path / "ev.csv").read_bytes().startswith(f"id{delimiter}zone{delimiter}event{delimiter}".encode())
    assert (tmp_path / "ev.csv").read_bytes().count(b"\r\n") == len(b) + 1  # the events keep the CRLF too
    assert len(a) > 10
    pd.testing.assert_frame_equal(a, b)
    raw = (tmp_path / "rows.csv").read_bytes()
    header = delimiter.join(["vehicle", "ts", "lon", "lat", "note", "status", "used"])
    assert raw.split(b"\n")[0] + b"\n" == (header + "\r\n").encode()  # byte for byte
    assert raw.count(b"\r\n") == raw.count(b"\n") == len(data) + 1
    rows = pd.read_csv(tmp_path / "rows.csv", sep=delimiter, dtype=str)
    pd.testing.assert_frame_equal(rows, pd.read_csv(tmp_path / "rows-comma.csv", dtype=str))


CHINESE_FIXES = pd.DataFrame(
    {
        "车辆": ["京A·一", "京A·一", "京A·一", "沪B·二", "沪B·二"],
        "ts": [f"2024-05-01 08:0{i}:00" for i in (0, 1, 2, 0, 1)],
        "经度": [116.3975, 116.45, 116.50, 116.50, 116.3975],
        "纬度": [39.9087, 39.85, 39.79, 39.79, 39.9087],
        "备注": ["天安门;西", "途中|一", "亦庄\t核心", "亦庄", "天安门,东"],
    }
)


def _outputs(tmp_path, name):
    return [tmp_path / f"{name}-{kind}.csv" for kind in ("events", "summary", "rows")]


@pytest.mark.parametrize("chunk_rows", [1_000_000, 2])
def test_events_of_a_gb18030_input_are_written_in_gb18030(model, tmp_path, chunk_rows):
    """Chinese ids in GB18030 with semicolons and CRLF: events, summary and annotated rows in GB18030, ';', CRLF."""
    utf8, src = tmp_path / "utf8.csv", tmp_path / "gb.csv"
    CHINESE_FIXES.to_csv(utf8, index=False)
    src.write_bytes(CHINESE_FIXES.to_csv(index=False, sep=";", lineterminator="\r\n").encode("gb18030"))
    want = _outputs(tmp_path, "utf8")
    got = _outputs(tmp_path, "gb")
    kw = {"id_col": "车辆", "zones": ["core", "current"]}
    events_file(model, utf8, want[0], summary=want[1], annotate=want[2], **kw)
    report = events_file(model, src, got[0], summary=got[1], annotate=got[2], chunk_rows=chunk_rows, **kw)
    assert (report.encoding, report.output_encoding, report.delimiter) == ("gb18030", "gb18030", ";")
    assert report.to_dict()["output_encoding"] == "gb18030"
    assert report.text().splitlines()[-3:] == [
        f"events written to {got[0]} (gb18030)",
        f"summary written to {got[1]} (gb18030)",
        f"annotated rows written to {got[2]} (gb18030)",
    ]
    for mine, theirs in zip(got, want):
        raw = mine.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")  # really GB18030
        text = raw.decode("gb18030")
        first = theirs.read_text(encoding="utf-8").split("\n")[0].replace(",", ";")
        assert text.split("\r\n")[0] == first  # the header line, byte for byte in GB18030, with ';' and CRLF
        assert text.count("\r\n") == text.count("\n")
        a = pd.read_csv(mine, sep=";", encoding="gb18030", dtype=str, keep_default_na=False)
        b = pd.read_csv(theirs, dtype=str, keep_default_na=False)
        if mine.name.endswith("events.csv"):
            a, b = (f.sort_values(["id", "zone", "time"], ignore_index=True) for f in (a, b))
        pd.testing.assert_frame_equal(a, b)
    rows = pd.read_csv(got[2], sep=";", encoding="gb18030", dtype=str)
    assert rows["备注"].tolist() == CHINESE_FIXES["备注"].tolist()
    assert set(pd.read_csv(got[0], sep=";", encoding="gb18030")["id"]) == {"京A·一", "沪B·二"}


def test_events_output_encoding_utf8_overrides_the_input_encoding(model, tmp_path):
    src = tmp_path / "gb.csv"
    src.write_bytes(CHINESE_FIXES.to_csv(index=False).encode("gb18030"))
    out = _outputs(tmp_path, "over")
    report = events_file(model, src, out[0], summary=out[1], annotate=out[2], id_col="车辆", output_encoding="utf-8")
    assert report.encoding == "gb18030" and report.output_encoding == "utf-8"
    assert set(pd.read_csv(out[1], encoding="utf-8")["id"]) == {"京A·一", "沪B·二"}  # decodes as UTF-8
    assert pd.read_csv(out[2], encoding="utf-8")["备注"].tolist() == CHINESE_FIXES["备注"].tolist()
    assert not out[0].read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("which", ["events", "summary", "rows"])
def test_a_character_gbk_cannot_hold_stops_the_job_and_writes_nothing(model, tmp_path, which):
    """A character GBK has not (in the ids, or a cell): the error names it and the encoding; no output in place."""
    fixes = CHINESE_FIXES.copy()
    if which == "rows":
        fixes.loc[3, "备注"] = "亦庄🚗"  # only in the annotated rows
    else:
        fixes["车辆"] = fixes["车辆"].str.replace("·", "🚗")  # in every output
    src = tmp_path / "utf8.csv"
    fixes.to_csv(src, index=False)
    out = _outputs(tmp_path, "gbk")
    out[0].write_text("old events\n")
    before = _files(tmp_path)
    with pytest.raises(avzone.InputError) as err:
        events_file(model, src, out[0], summary=out[1], annotate=out[2], id_col="车辆", output_encoding="gbk")
    column = "备注" if which == "rows" else "id"  # (the events, written first, name the vehicle id)
    assert "'🚗' in row " in str(err.value) and f"column {column}, cannot be written in gbk" in str(err.value)
    assert "give output_encoding='utf-8-sig' (or utf-8)" in str(err.value)
    assert str(err.value).startswith(str(tmp_path / ("gbk-events.csv" if which != "rows" else "gbk-rows.csv")))
    assert _files(tmp_path) == before  # no output, no temporary file; the old events as they were
    files = ("--output", str(out[0]), "--summary", str(out[1]), "--annotate", str(out[2]))
    res = run_cli("events", "--input", str(src), *files, "--id-col", "车辆", "--output-encoding", "gbk")
    assert res.returncode == 2 and "cannot be written in gbk; give --output-encoding utf-8-sig" in res.stderr
    assert _files(tmp_path) == before  # (the writer's thread names the option as its caller, the command line)


def test_events_of_a_parquet_input_are_utf8_and_output_encoding_is_checked(model, tmp_path):
    src = tmp_path / "fixes.parquet"
    CHINESE_FIXES.to_parquet(src, index=False)
    out = _outputs(tmp_path, "pq")
    report = events_file(model, src, out[0], summary=out[1], id_col="车辆")
    assert report.output_encoding == "utf-8" and report.encoding is None and report.delimiter is None
    assert set(pd.read_csv(out[1], encoding="utf-8")["id"]) == {"京A·一", "沪B·二"}
    with pytest.raises(avzone.InputError, match="output_encoding='nope': unknown text encoding"):
        events_file(model, src, tmp_path / "x.csv", id_col="车辆", output_encoding="nope")
    with pytest.raises(avzone.InputError, match=r"x\.parquet: output_encoding= applies to CSV output only"):
        events_file(model, src, tmp_path / "x.parquet", id_col="车辆", output_encoding="gbk")
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.parquet").exists()


def test_the_events_job_summary_says_encoding_delimiter_and_partitions_in_one_bracket():
    from avzone.tracks import EventsSummary

    s = EventsSummary(
        "in.csv", "out.csv", rows=4, vehicles=2, partitions=3, encoding="gb18030", encoding_detected=True,
        delimiter=";", delimiter_detected=True,
    )  # fmt: skip
    first = s.text().splitlines()[0]
    assert first == (
        "4 fixes of 2 vehicles read from in.csv (encoding gb18030, detected; delimiter ';', detected; "
        "in 3 vehicle partitions)"
    )
    assert s.text("zh").splitlines()[0] == (
        "从 in.csv 读取 2 辆车的 4 个定位（编码 gb18030，检测得出；分隔符 ';'，检测得出；分为 3 个车辆分区）"
    )
    plain = EventsSummary("in.parquet", "out.parquet", rows=4, vehicles=2).text().splitlines()[0]
    assert plain == "4 fixes of 2 vehicles read from in.parquet"


def test_geojson_ids_7_and_7_0_are_one_vehicle_as_in_the_library(model, tmp_path):
    """An id column of integers with integral floats among them: 7 and 7.0 are vehicle 7, in the CLI as in
    model.events, and --track reads them so too; ids beyond 2**53 stay exact."""
    from avzone.batch import read_fixes

    big = 2**53 + 1
    pts = [(116.45, 39.75), (116.5, 39.8), (116.55, 39.8), (116.45, 39.75), (116.5, 39.8)]
    ids = [7, 7.0, 7, big, big]
    times = [f"2024-07-01 08:0{i}" for i in range(len(ids))]
    feats = [
        {
            "type": "Feature",
            "properties": {"vehicle": v, "ts": t},
            "geometry": {"type": "Point", "coordinates": list(p)},
        }
        for v, t, p in zip(ids, times, pts)
    ]
    src = tmp_path / "fixes.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    frame = pd.DataFrame({"vehicle": pd.Series(ids, dtype=object), "ts": times})
    frame["lon"], frame["lat"] = [p[0] for p in pts], [p[1] for p in pts]
    lib = model.events(frame, id="vehicle", time="ts", lon="lon", lat="lat", zones=["core"])
    out, summary = tmp_path / "events.csv", tmp_path / "summary.csv"
    run = run_cli("events", "--input", str(src), "--output", str(out), "--summary", str(summary), "--zones", "core")
    assert run.returncode == 0, run.stderr
    assert f"5 fixes of 2 vehicles read from {src}" in run.stderr
    got = pd.read_csv(summary, dtype=str)
    assert got["id"].tolist() == ["7", str(big)] == [str(v) for v in lib.summary["id"]]
    assert got["fixes"].astype(int).tolist() == lib.summary["fixes"].tolist() == [3, 2]
    fixes = read_fixes(src, id_col="vehicle", time_col="ts", model=model)  # as avzone map --track reads them
    assert fixes["id"].tolist() == [7, 7, 7, big, big]
    page = tmp_path / "map.html"
    drawn = run_cli("map", "--track", str(src), "--id-col", "vehicle", "--time-col", "ts", "--output", str(page))
    assert drawn.returncode == 0, drawn.stderr
    html = page.read_text(encoding="utf-8")
    assert "Track 7" in html and "Track 7.0" not in html and f"Track {big}" in html


@pytest.mark.parametrize(("column", "option"), [("vehicle", "id_col"), ("ts", "time_col")])
def test_events_file_refuses_two_columns_of_the_id_or_time_name(model, tmp_path, column, option):
    """A header naming the id or time column twice: refused naming the file, the column and the option (it
    stopped with pyarrow's KeyError 'Field "ts" exists 2 times in schema' and a traceback)."""
    src = tmp_path / "fixes.csv"
    src.write_text(f"vehicle,ts,lon,lat,{column}\na,2024-05-01T08:00:00,116.5,39.79,x\n", encoding="utf-8")
    before = _files(tmp_path)
    want = (
        f"{src}: the header names column {column!r} 2 times (given by {option}=); "
        "rename the copies so that each column name is unique"
    )
    with pytest.raises(avzone.InputError) as err:
        events_file(model, src, tmp_path / "ev.csv")
    assert str(err.value) == want
    assert _files(tmp_path) == before
    out = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--lang", "zh")
    assert out.returncode == 2
    flag = "--" + option.replace("_", "-")  # (the command line's option, not the argument)
    assert f"{src}：表头中列名 {column!r} 出现了 2 次（由 {flag} 指定）；请重命名重复的列，使每个列名唯一" in out.stderr


@pytest.mark.parametrize("rows", ["0", "-5"])
def test_events_chunk_rows_must_be_positive(model, tmp_path, rows):
    """--chunk-rows 0 stopped with a ZeroDivisionError and a traceback; -5 was taken as the default, silently."""
    src = tmp_path / "fixes.csv"
    src.write_text(TWO_FIXES, encoding="utf-8")
    before = _files(tmp_path)
    out = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--chunk-rows", rows)
    assert out.returncode == 2
    assert f"argument --chunk-rows: must be a positive whole number, got {rows}" in out.stderr
    with pytest.raises(avzone.InputError) as err:
        events_file(model, src, tmp_path / "ev.csv", chunk_rows=int(rows))
    assert str(err.value) == f"chunk_rows must be a positive whole number (rows per chunk), got {rows}"
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    ("command", "column", "option"),
    [
        (("map", "--track"), "vehicle", "--id-col"),
        (("map", "--track"), "ts", "--time-col"),
        (("locate", "--time-col", "ts", "--input"), "ts", "--time-col"),
    ],
)
def test_map_track_and_locate_time_col_refuse_two_columns_of_the_name(tmp_path, command, column, option):
    """map --track and locate --time-col read the id and time columns as events does: one named twice is refused
    by name (they stopped with pyarrow's KeyError 'Field "ts" exists 2 times in schema' and a traceback)."""
    src = tmp_path / "fixes.csv"
    src.write_text(f"vehicle,ts,lon,lat,{column}\na,2024-05-01T08:00:00,116.5,39.79,x\n", encoding="utf-8")
    out_file = tmp_path / ("out.html" if command[0] == "map" else "out.csv")
    flag = "-o" if command[0] == "map" else "--output"
    out = run_cli(*command, str(src), flag, str(out_file))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1] == (
        f"avzone: error: {src}: the header names column {column!r} 2 times (given by {option}); "
        "rename the copies so that each column name is unique"
    )
    assert not out_file.exists()


def test_events_of_geojson_points_written_lat_lon_are_told_to_write_them_lon_first(tmp_path):
    """avzone events on a GeoJSON file of (lat, lon) points: the advice is about its geometries, as locate's is,
    not to swap --lon-col/--lat-col columns the file does not have."""
    feats = [
        {
            "type": "Feature",
            "properties": {"vehicle": "a", "ts": f"2024-05-01T08:0{i}:00"},
            "geometry": {"type": "Point", "coordinates": [39.79 + i * 0.001, 116.5]},
        }
        for i in range(3)
    ]
    src = tmp_path / "fixes.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    out = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"))
    assert out.returncode == 2 and not (tmp_path / "ev.csv").exists()
    assert out.stderr.strip().splitlines()[-1] == (
        f"avzone: error: {src}: only 0% of the points fall in the dataset's area as its geometries give them "
        "(x = lon, y = lat), but 100% do with x and y swapped: the points look written (lat, lon); "
        "write them lon first, as GeoJSON and GeoParquet want"
    )


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_streamed_events_and_summary_list_vehicles_in_order_of_first_appearance(model, fleet, tmp_path, ext):
    # the partitions are hash buckets of the ids: their events and summary rows came out in bucket order, so the
    # same input gave other rows in another order than the in-memory job and model.events
    src = tmp_path / f"fleet.{ext}"
    fleet.to_csv(src, index=False) if ext == "csv" else fleet.to_parquet(src, index=False)
    lib = model.events(fleet)
    for chunk_rows, name in ((10**6, "whole"), (300, "parts"), (97, "small")):
        report = events_file(
            model, src, tmp_path / f"ev-{name}.{ext}", summary=tmp_path / f"s-{name}.{ext}", chunk_rows=chunk_rows
        )
        assert report.partitions == 1 if name == "whole" else report.partitions > 2
        ev, s = _read(tmp_path / f"ev-{name}.{ext}"), _read(tmp_path / f"s-{name}.{ext}")
        assert ev["id"].astype(str).tolist() == lib.events["id"].astype(str).tolist(), name
        assert ev[["zone", "event"]].values.tolist() == lib.events[["zone", "event"]].values.tolist(), name
        assert ev["row_before"].tolist() == lib.events["row_before"].tolist(), name
        assert s["id"].astype(str).tolist() == lib.summary["id"].astype(str).tolist(), name
        assert s["zone"].tolist() == lib.summary["zone"].tolist(), name
        assert s["fixes"].tolist() == lib.summary["fixes"].tolist(), name


@pytest.mark.parametrize("chunk_rows", [None, 40, 7])
def test_a_swapped_file_is_refused_whatever_its_first_chunk_holds(model, tmp_path, chunk_rows):
    # the check judged the first chunk alone: a file starting with rows without a position (a terminal's boot
    # rows) was refused whole but followed, row by row marked swapped, with a --chunk-rows below them
    src = tmp_path / "fixes.parquet"
    n = 60
    pd.DataFrame(
        {
            "vehicle": ["a"] * 50 + ["b"] * n,
            "ts": [f"2024-07-01 08:{m:02d}" for m in range(50)] + [f"2024-07-01 09:{m:02d}" for m in range(n)],
            "lon": [np.nan] * 50 + [39.79 + m / 1000 for m in range(n)],  # latitudes
            "lat": [np.nan] * 50 + [116.42 + m / 1000 for m in range(n)],
        }
    ).to_parquet(src, index=False)
    extra = {"chunk_rows": chunk_rows} if chunk_rows else {}
    with pytest.raises(avzone.InputError) as err:
        events_file(model, src, tmp_path / "ev.csv", summary=tmp_path / "s.csv", **extra)
    assert str(err.value).startswith(f"{src}: ") and "swapped" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.parquet"]


def test_a_streamed_input_of_many_partitions_is_merged_in_rounds(model, tmp_path, monkeypatch):
    # every partition's held events and summary were merged at once, one open file each: an input of more
    # partitions than the process may open files stopped with "Too many open files" after all its work
    import subprocess
    import sys
    import textwrap

    import avzone.tracks

    fleet = synthetic_fleet(model, vehicles=300, fixes=6, seed=2).sample(frac=1, random_state=1)
    fleet = fleet.reset_index(drop=True)
    src = tmp_path / "fleet.parquet"
    fleet.to_parquet(src, index=False)
    lib = model.events(fleet)
    monkeypatch.setattr(avzone.tracks, "MERGE_FILES", 3, raising=False)  # rounds of rounds
    report = events_file(model, src, tmp_path / "ev.parquet", summary=tmp_path / "s.parquet", chunk_rows=40)
    assert report.partitions > 27
    ev, s = _read(tmp_path / "ev.parquet"), _read(tmp_path / "s.parquet")
    assert ev["id"].tolist() == lib.events["id"].tolist() and ev["time"].tolist() == lib.events["time"].tolist()
    assert s["id"].tolist() == lib.summary["id"].tolist() and s["fixes"].tolist() == lib.summary["fixes"].tolist()
    # with the process's own limit of open files below the partitions' count
    script = textwrap.dedent(
        f"""
        import resource
        import avzone
        from avzone.tracks import events_file
        model = avzone.load()
        resource.setrlimit(resource.RLIMIT_NOFILE, (200, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
        report = events_file(model, {str(src)!r}, {str(tmp_path / "ev2.parquet")!r}, chunk_rows=4)
        print(report.partitions)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 200
    assert _read(tmp_path / "ev2.parquet")["id"].tolist() == lib.events["id"].tolist()

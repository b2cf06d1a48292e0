"""Users' data in the shapes pandas, Arrow and files give it: answers for the right rows, or a clear refusal."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.tracks import events_file


def _fixes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vehicle": ["a"] * 4,
            "ts": pd.date_range("2024-07-01", periods=4, freq="min"),
            "lon": [116.40, 116.45, 116.50, 116.55],
            "lat": [39.79] * 4,
        }
    )


@pytest.mark.parametrize(
    "labels",
    [[0, 1, 2, 3], [("car", "id"), ("car", "ts"), ("pos", "lon"), ("pos", "lat")]],
    ids=["integers", "multiindex"],
)
def test_events_take_columns_labelled_by_integers_or_tuples(model, labels):
    df = _fixes()
    expected = model.events(df).events
    df.columns = pd.MultiIndex.from_tuples(labels) if isinstance(labels[0], tuple) else labels
    got = model.events(df, id=labels[0], time=labels[1], lon=labels[2], lat=labels[3])
    pd.testing.assert_frame_equal(got.events, expected)
    assert got.notes == []


def test_a_tuple_label_naming_gcj02_is_noted(model):
    df = _fixes()
    df.columns = pd.MultiIndex.from_tuples([("c", "id"), ("c", "ts"), ("pos", "lng_gcj02"), ("pos", "lat_gcj02")])
    got = model.events(df, id=("c", "id"), time=("c", "ts"), lon=("pos", "lng_gcj02"), lat=("pos", "lat_gcj02"))
    assert len(got.notes) == 1 and "GCJ-02" in str(got.notes[0])


@pytest.mark.parametrize(
    "values, kind",
    [([116, 2**63 - 1, 116], pa.int64()), ([116, 2**53 + 1, 116], pa.int64()), ([116, 2**64 - 1, 116], pa.uint64())],
    ids=["int64-max", "beyond-2**53", "uint64-max"],
)
def test_integer_coordinates_beyond_float_precision_are_out_of_range_in_their_row(model, tmp_path, values, kind):
    # the whole job failed ("cannot read the file (Integer value ... not in range)") for one such cell, a
    # sentinel some systems write for a missing value; pandas reads it as a float, out of range in its row
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"lon": pa.array(values, kind), "lat": [39.79, 39.79, 39.79]}), src)
    locate_file(model, src, tmp_path / "out.parquet")
    statuses = pq.read_table(tmp_path / "out.parquet").column("status").to_pylist()
    assert statuses == ["ok", "lon out of range [-180, 180]", "ok"]
    df = pd.read_parquet(src)
    assert model.classify(df.lon, df.lat, status=True)["status"].tolist() == statuses

    fixes = tmp_path / "fixes.parquet"
    ts = ["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02"]
    pq.write_table(pa.table({"vehicle": ["a"] * 3, "ts": ts, "lon": pa.array(values, kind), "lat": [39.79] * 3}), fixes)
    events_file(model, fixes, tmp_path / "events.csv", annotate=tmp_path / "rows.parquet")
    assert pq.read_table(tmp_path / "rows.parquet").column("status").to_pylist() == statuses


@pytest.mark.slow
def test_the_dask_engine_reads_integer_coordinates_beyond_float_precision_as_the_local_job(
    model, tmp_path, dask_scheduler
):
    from avzone.distributed import locate_parquet_dask

    (tmp_path / "in").mkdir()
    pq.write_table(
        pa.table({"lon": pa.array([116, 2**63 - 1], pa.int64()), "lat": [39.79, 39.79]}), tmp_path / "in" / "a.parquet"
    )
    locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", scheduler=dask_scheduler)
    assert pq.read_table(tmp_path / "out").column("status").to_pylist() == ["ok", "lon out of range [-180, 180]"]


_TIMES_BESIDE_POINTS = {"vehicle": ["a"] * 4, "lon": [116.40, 116.45, 116.50, 116.55], "lat": [39.79] * 4}


@pytest.mark.parametrize(
    "ts, unit",
    [
        (pa.array([19905, 19905, None, 19906], pa.date32()), None),
        (pa.array([b"2024-07-01 08:00", b"2024-07-01 08:01", None, b"2024-07-01 08:03"]), None),
        (
            pa.array([Decimal(1719792000), Decimal("1719792060.5"), None, Decimal(1719792180)], pa.decimal128(12, 1)),
            "s",
        ),
    ],
    ids=["date32", "binary", "decimal"],
)
def test_an_events_job_reads_a_time_column_with_a_null_as_the_library_does(model, tmp_path, ts, unit):
    # a null in a time column of dates, bytes or decimals failed the whole job ("cannot read the file (Expected
    # bytes, got a 'float' object)"); it is that row's missing time
    src = tmp_path / "fixes.parquet"
    pq.write_table(pa.table({"ts": ts, **_TIMES_BESIDE_POINTS}), src)
    events_file(model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.parquet", time_unit=unit)
    statuses = pq.read_table(tmp_path / "rows.parquet").column("status").to_pylist()
    assert statuses[2] == "missing time"
    assert statuses == model.events(pd.read_parquet(src), time_unit=unit).rows["status"].tolist()


def test_decimal_epoch_times_are_numbers_in_their_unit_at_every_entry_point(model, tmp_path):
    # a Decimal was "time not a date/time" in the library and the locate job, an epoch time in the events jobs
    ts = [Decimal(1719792000), Decimal("1719792060.5"), None, Decimal(1719792180)]
    src = tmp_path / "fixes.parquet"
    pq.write_table(pa.table({"ts": pa.array(ts, pa.decimal128(12, 1)), **_TIMES_BESIDE_POINTS}), src)
    df = pd.read_parquet(src)
    got = model.classify(df.lon, df.lat, times=df.ts, time_unit="s", status=True)
    assert got["status"].tolist() == ["ok", "ok", "missing time", "ok"]
    assert got["in_force"].tolist() == [False, True, pd.NA, True]
    locate_file(model, src, tmp_path / "out.parquet", time_col="ts", time_unit="s")
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.column("status").to_pylist() == got["status"].tolist()
    assert out.column("in_force").to_pylist() == [False, True, None, True]
    ev = model.events(df, time_unit="s")
    assert ev.rows["status"].tolist() == got["status"].tolist()
    exact = model.classify([116.5], [39.79], times=[Decimal("1635696000")], time_unit="s")  # 2021-11-01 00:00 +08
    assert exact["in_force"].tolist() == [True]
    before = model.classify([116.5], [39.79], times=[Decimal("1635695999.999999999")], time_unit="s", status=True)
    assert before["in_force"].tolist() == [False] and before["status"].tolist() == ["ok"]


@pytest.mark.parametrize(
    "ids",
    [pa.array([1, 1, 2, None], pa.timestamp("s")), pa.array([1, 1, 2, None], pa.duration("s"))],
    ids=["timestamp", "duration"],
)
def test_an_events_job_reads_a_missing_id_of_timestamps_as_missing_not_a_vehicle_named_nat(model, tmp_path, ids):
    src = tmp_path / "fixes.parquet"
    ts = ["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02", "2024-07-01 08:03"]
    pq.write_table(pa.table({"vehicle": ids, "ts": ts, "lon": _TIMES_BESIDE_POINTS["lon"], "lat": [39.79] * 4}), src)
    events_file(model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.parquet", summary=tmp_path / "s.csv")
    statuses = pq.read_table(tmp_path / "rows.parquet").column("status").to_pylist()
    assert statuses[3] == "missing vehicle id"
    assert statuses == model.events(pd.read_parquet(src)).rows["status"].tolist()
    assert "NaT" not in (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_a_vehicle_id_that_is_a_list_is_refused_naming_its_row(model):
    # pandas' factorize raised "TypeError: unhashable type: 'list'"
    df = _fixes().set_axis(["r0", "r1", "r2", "r3"])
    df["vehicle"] = df["vehicle"].astype(object)
    df.at["r2", "vehicle"] = ["a"]
    with pytest.raises(InputError, match=r"row 'r2': the vehicle id \['a'\] \(list\) names no vehicle") as err:
        model.events(df)
    assert "标签为 'r2' 的行" in error_text(err.value, "zh")


def _named_twice(twice: bool = True) -> pa.Table:
    columns = {"id": [1, 2], "vehicle": ["a", "a"], "ts": ["2024-07-01 08:00", "2024-07-01 08:01"]}
    columns |= {"lon": [116.5, 116.3975], "lat": [39.79, 39.9087]}
    table = pa.table(columns)
    return table.append_column("id", pa.array(["x", "y"])) if twice else table


@pytest.mark.parametrize("events", [False, True], ids=["locate", "events"])
def test_the_dask_engine_names_a_column_a_parquet_file_names_twice(model, tmp_path, events):
    # Dask's own words were "cannot read as Parquet (An error occurred while calling the read_parquet method
    # registered to the pandas backend. Original Message: Can't unify schema with duplicate field names.)"
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    src = tmp_path / "fixes.parquet"
    pq.write_table(_named_twice(), src)
    job = events_parquet_dask if events else locate_parquet_dask
    with pytest.raises(InputError, match=r"fixes\.parquet: the input has more than one column named 'id'") as err:
        job(model, src, tmp_path / "out")
    local = "avzone.tracks.events_file()" if events else "avzone.batch.locate_file()"
    assert str(err.value).endswith(f"rename the columns, or use {local}"), err.value
    assert "_parquet_dask() 按列名读取" in error_text(err.value, "zh")
    assert not (tmp_path / "out").exists()
    # in a later part of a folder: named by its file
    (tmp_path / "parts").mkdir()
    pq.write_table(_named_twice(False), tmp_path / "parts" / "a.parquet")
    pq.write_table(_named_twice(), tmp_path / "parts" / "b.parquet")
    with pytest.raises(InputError, match=r"b\.parquet: the input has more than one column named 'id'"):
        job(model, tmp_path / "parts", tmp_path / "out")


@pytest.mark.parametrize("events", [False, True], ids=["locate", "events"])
def test_a_geoparquet_file_of_an_encoding_not_read_is_refused_saying_how_to_write_it_readable(model, tmp_path, events):
    # the advice was only "give --lon-col/--lat-col", which a file whose points are in its geometry column cannot
    # follow (GeoArrow points are read: tests/test_geoarrow_input.py)
    import json

    gpd = pytest.importorskip("geopandas")
    src = tmp_path / "points.parquet"
    points = gpd.points_from_xy([116.5, 116.3975], [39.79, 39.9087])
    frame = gpd.GeoDataFrame({"vehicle": ["a", "a"], "ts": ["2024-07-01 08:00", "2024-07-01 08:01"]}, geometry=points)
    frame.set_crs(4326).to_parquet(src)
    table = pq.read_table(src)
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"]["geometry"]["encoding"] = "WKT"
    pq.write_table(table.replace_schema_metadata({b"geo": json.dumps(geo).encode()}), src)
    with pytest.raises(
        InputError, match=r"geometry encoding 'WKT' is not supported \(WKB and GeoArrow 'point' are\)"
    ) as err:
        if events:
            events_file(model, src, tmp_path / "events.csv")
        else:
            locate_file(model, src, tmp_path / "out.csv")
    for said in (str(err.value), error_text(err.value, "zh")):
        assert "geometry_encoding='WKB'" in said and "geometry_encoding='geoarrow'" in said
    for encoding in ("WKB", "geoarrow"):  # as the message says: read
        frame.set_crs(4326).to_parquet(src, geometry_encoding=encoding)
        locate_file(model, src, tmp_path / "out.csv")
        assert pd.read_csv(tmp_path / "out.csv")["status"].tolist() == ["ok", "ok"]


def test_a_geodataframe_without_an_active_geometry_is_read_by_its_columns(model):
    # gpd.GeoDataFrame(df) has no active geometry: classify and the map stopped with geopandas' AttributeError
    # (model.events read its columns already)
    gpd = pytest.importorskip("geopandas")
    frame = pd.DataFrame({"lon": [116.5, 116.3975], "lat": [39.79, 39.9087]}, index=["a", "b"])
    geo = gpd.GeoDataFrame(frame)
    pd.testing.assert_frame_equal(model.classify(geo, status=True), model.classify(frame, status=True))
    model.map(points=geo)
    # locate_many finds a frame's columns as classify does: the same answer for the frame and its GeoDataFrame
    got, want = model.locate_many(geo), model.locate_many(frame)
    assert got.points.index.tolist() == want.points.index.tolist() == ["a", "b"]
    assert got.hits.tolist() == want.hits.tolist() and got.points.codes.tolist() == want.points.codes.tolist()


@pytest.mark.parametrize(
    "index, said", [("ts", "the time column 'ts'"), (["vehicle", "ts"], "the id column 'vehicle'")], ids=["ts", "both"]
)
def test_events_name_a_column_that_is_the_frames_index(model, index, said):
    # was "no time column 'ts'; columns are: vehicle, lon, lat", as if the frame had no times
    with pytest.raises(InputError, match=f"{said} is the frame's index, not one of its columns") as err:
        model.events(_fixes().set_index(index))
    assert "df.reset_index()" in str(err.value) and "是数据表的索引" in error_text(err.value, "zh")


def test_times_of_day_read_by_pandas_are_refused_as_the_file_jobs_refuse_their_column(model, tmp_path):
    # pandas.read_parquet makes an Arrow time64 column datetime.time objects: every row was "time not a
    # date/time" in the library, while the file jobs refuse the column, naming it
    import datetime as dt

    src = tmp_path / "fixes.parquet"
    ts = pa.array([dt.time(8, k) for k in range(3)] + [None], pa.time64("us"))
    pq.write_table(pa.table({"ts": ts, **_TIMES_BESIDE_POINTS}), src)
    with pytest.raises(InputError, match="ts: the column holds times of day without dates"):
        events_file(model, src, tmp_path / "events.csv")
    df = pd.read_parquet(src)
    with pytest.raises(InputError, match="time column 'ts': the column holds times of day without dates"):
        model.events(df)
    with pytest.raises(InputError, match="the column holds times of day without dates") as err:
        model.classify(df.lon, df.lat, times=df.ts)
    assert "不带日期的时刻" in error_text(err.value, "zh")
    # a date/time beside a time of day: that row's status, as before
    got = model.classify([116.5, 116.5], [39.79, 39.79], times=[dt.datetime(2024, 7, 1), dt.time(8)], status=True)
    assert got["status"].tolist()[0] == "ok" and got["status"].tolist()[1].startswith("time not a date/time")


@pytest.mark.slow
def test_the_dask_engine_reads_text_and_bytes_views_as_the_local_job(model, tmp_path, dask_scheduler):
    # Arrow's string_view / binary_view columns stopped a Dask job with a traceback (no 'take' kernel, then
    # NotImplementedError: string_view); they are read as string / binary, their values and the statuses the local
    # job's
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    (tmp_path / "in").mkdir()
    src = tmp_path / "in" / "fixes.parquet"
    table = pa.table(
        {
            "vehicle": pa.array(["a", "a", "a", None], pa.string_view()),
            "ts": pa.array(["2024-07-01 08:00", "2024-07-01 08:01", None, "2024-07-01 08:03"], pa.string_view()),
            "lon": pa.array(["116.40", "116.45", None, "116.55"], pa.string_view()),
            "lat": [39.79] * 4,
            "note": pa.array([b"x", None, b"y", b"z"], pa.binary_view()),
        }
    )
    pq.write_table(table, src)
    locate_file(model, src, tmp_path / "local.parquet")
    locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", scheduler=dask_scheduler)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert dist.column("status").to_pylist() == local.column("status").to_pylist() == ["ok", "ok", "missing lon", "ok"]
    for name in ("vehicle", "ts", "lon", "note"):
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    events_file(model, src, tmp_path / "events.csv", summary=tmp_path / "local_summary.csv")
    events_parquet_dask(
        model, tmp_path / "in", tmp_path / "events", summary=tmp_path / "summary.csv", scheduler=dask_scheduler
    )
    assert (tmp_path / "summary.csv").read_text(encoding="utf-8") == (tmp_path / "local_summary.csv").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("header", ["id,lon,lat", "lon,lat,id"], ids=["id-first", "lon-first"])
def test_csv_files_joined_each_with_its_bom_have_their_second_header_said_so(model, tmp_path, header):
    # `cat a.csv b.csv` of two files Excel wrote with a BOM: the second header begins with U+FEFF, and was
    # "lon not a number; lat not a number" as if a row of bad coordinates
    part = "\ufeff" + header + "\r\n" + ("1,116.5,39.79" if header.startswith("id") else "116.5,39.79,1") + "\r\n"
    src = tmp_path / "joined.csv"
    src.write_bytes((part + part).encode("utf-8"))
    locate_file(model, src, tmp_path / "out.csv")
    out = (tmp_path / "out.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert out[2] == "\ufeff" + header + ",,,,,the header line again (files joined together?): no data"
    assert [line.rsplit(",", 1)[1] for line in out[1::2]] == ["ok", "ok"]

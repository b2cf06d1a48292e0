"""polars and Arrow input to classify, locate_many, locate and events: the pandas answer, in the kind given."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import avzone
from avzone.errors import InputError
from avzone.i18n import error_text

pl = pytest.importorskip("polars")

# Rows with a null or NaN coordinate, one in no zone, one in several, one far outside (no zone).
_LON = [116.50, None, 116.3975, float("nan"), 116.60, 120.0]
_LAT = [39.79, 39.80, 39.9087, 39.80, 39.77, 30.0]


@pytest.fixture(scope="module")
def model():
    return avzone.load()


def _rows(frame):
    """A pandas, polars or Arrow answer as a list of row dicts (pandas' NaN and NA as None, as Arrow has them)."""
    if isinstance(frame, pd.DataFrame):
        return pa.Table.from_pandas(frame, preserve_index=False).to_pylist()
    if isinstance(frame, pl.DataFrame):
        return frame.to_arrow().to_pylist()
    return frame.to_pylist()


_TABLES = {
    "polars": (pl.DataFrame, pl.DataFrame),
    "arrow": (pa.table, pa.Table),
    "record batch": (pa.RecordBatch.from_pydict, pa.Table),
}


@pytest.mark.parametrize("make", list(_TABLES))
def test_a_table_is_classified_as_the_pandas_frame_and_answered_in_its_kind(model, make):
    """model.classify(pa.table(...)) was refused ("got Table alone"); a polars frame too. Its lon and lat columns
    are found by name as a pandas frame's are, nulls are rows with a status, and the answer is a table of the
    same kind: booleans with nulls, the status as text, the rows in input order."""
    build, kind = _TABLES[make]
    data = {"id": list(range(len(_LON))), "Longitude": _LON, "纬度": _LAT}
    want = model.classify(pd.DataFrame(data), status=True)
    got = model.classify(build(data), status=True)
    assert type(got) is kind
    assert _rows(got) == _rows(want)
    # the statuses name the table's columns, as a pandas frame's and a file's (an Arrow column's values carry no name)
    assert [r["status"] for r in _rows(got)][:2] == ["ok", "missing Longitude"]
    assert model.locate_many(build(data)).points.status_text()[1] == "missing Longitude"
    from avzone.points import to_points

    assert to_points(build(data)).status_text()[1] == "missing Longitude"
    assert (got.height if kind is pl.DataFrame else got.num_rows) == len(_LON)
    schema = got.to_arrow().schema if kind is pl.DataFrame else got.schema
    assert schema.field("current").type == pa.bool_()
    assert schema.field("status").type in (pa.string(), pa.large_string())
    if kind is pl.DataFrame:
        assert got.schema["current"] == pl.Boolean and got["current"].null_count() == 2


def test_a_polars_series_or_an_arrow_array_is_answered_in_its_kind(model):
    want = model.classify(pd.Series(_LON), pd.Series(_LAT), status=True)
    for lons, lats, kind in (
        (pl.Series(_LON), pl.Series(_LAT), pl.DataFrame),
        (pa.array(_LON), pa.array(_LAT), pa.Table),
        (pa.chunked_array([_LON[:2], _LON[2:]]), pa.chunked_array([_LAT[:3], _LAT[3:]]), pa.Table),
        (pl.Series(_LON), np.array(_LAT), pl.DataFrame),  # (one polars input: a polars answer)
    ):
        got = model.classify(lons, lats, status=True)
        assert type(got) is kind
        assert _rows(got) == _rows(want)
    # a pandas input carries an index: the answer keeps it, as a pandas frame
    got = model.classify(pd.Series(_LON, index=range(10, 16)), pl.Series(_LAT))
    assert isinstance(got, pd.DataFrame) and got.index.tolist() == list(range(10, 16))


def test_integer_coordinates_with_nulls_are_read_as_numbers(model):
    lons, lats = [116, None, 116], [40, 40, None]
    want = model.classify(pd.Series(lons, dtype="Int64"), pd.Series(lats, dtype="Int64"), status=True)
    got = model.classify(pl.DataFrame({"lon": lons, "lat": lats}), status=True)
    assert _rows(got) == _rows(want)
    assert [r["status"] for r in _rows(got)] == ["ok", "missing lon", "missing lat"]


def test_gcj02_columns_and_crs(model):
    """crs="gcj02" converts a table's columns as a pandas frame's; their GCJ-02 names without crs= give the note
    pandas keeps in attrs["notes"], in an Arrow answer's schema metadata."""
    data = {"gcj_lng": [116.5, 116.3975, None], "gcj_lat": [39.79, 39.9087, 39.8]}
    want = model.classify(pd.DataFrame(data), crs="gcj02", status=True)
    for build in (pl.DataFrame, pa.table):
        assert _rows(model.classify(build(data), crs="gcj02", status=True)) == _rows(want)
    plain = model.classify(pd.DataFrame(data))
    got = model.classify(pa.table(data))
    assert _rows(got) == _rows(plain)
    import json

    assert json.loads(got.schema.metadata[b"notes"]) == [str(n) for n in plain.attrs["notes"]]
    assert "GCJ-02" in plain.attrs["notes"][0]


_UTC = [dt.datetime(2024, 3, 18, 16, 0), dt.datetime(2024, 3, 18, 15, 59), None]


@pytest.mark.parametrize("zone", [None, "UTC", "America/New_York"])
def test_times_in_polars_and_arrow_as_in_pandas(model, zone):
    """times= takes polars Datetime and Arrow timestamps, with and without a zone: naive ones are Beijing time,
    zoned ones their instant, a null a missing time (in_force null, the row's status says so)."""
    lon, lat = [116.6] * 3, [39.77] * 3  # (in current, not in core)
    ts = pd.Series(pd.to_datetime(_UTC))
    if zone is not None:
        ts = ts.dt.tz_localize(zone)
    want = model.classify(np.array(lon), np.array(lat), times=ts.to_numpy() if zone is None else ts.array, status=True)
    assert [r["in_force"] for r in _rows(want)][2] is None and _rows(want)[2]["status"] == "missing time"
    series = pl.Series(_UTC, dtype=pl.Datetime("us"))
    if zone is not None:
        series = series.dt.replace_time_zone(zone)
    for times in (series, pa.array(ts), pa.chunked_array([pa.array(ts)])):
        got = model.classify(pl.Series(lon), pl.Series(lat), times=times, status=True)
        assert isinstance(got, pl.DataFrame) and _rows(got) == _rows(want), times
        got = model.classify(pa.table({"lon": lon, "lat": lat}), times=times, status=True)
        assert isinstance(got, pa.Table) and _rows(got) == _rows(want), times
    if zone == "UTC":  # 16:00Z is 00:00 on 19 March in Beijing, current's first moment; 15:59Z is core's
        assert [r["in_force"] for r in _rows(want)] == [True, False, None]


def test_a_coordinate_column_of_text_is_refused_naming_it(model):
    """A typed table's coordinate column of text is a schema to fix: refused naming the column, its type and the
    cast, in English and Chinese (a pandas frame's text column is read cell by cell, as a file's)."""
    with pytest.raises(InputError, match=r"column 'lon' holds String, not numbers.*pl\.col\('lon'\)\.cast") as err:
        model.classify(pl.DataFrame({"lon": ["116.5"], "lat": [39.79]}))
    assert "列 'lon' 的类型是 String，不是数字" in error_text(err.value, "zh")
    with pytest.raises(InputError, match=r"column 'lat' holds bool, not numbers.*table\['lat'\]\.cast"):
        model.classify(pa.table({"lon": [116.5], "lat": [True]}))
    with pytest.raises(InputError, match=r"column 'lon' holds String"):
        model.events(pl.DataFrame({"vehicle": [1], "ts": [dt.datetime(2024, 7, 1)], "lon": ["1"], "lat": [2.0]}))
    # a column of nulls only: missing coordinates, as in pandas
    got = model.classify(pl.DataFrame({"lon": [None, None], "lat": [39.8, 39.8]}), status=True)
    assert got["status"].to_list() == ["missing lon", "missing lon"]


def test_a_missing_column_is_named_as_for_pandas(model):
    for build in (pl.DataFrame, pa.table):
        with pytest.raises(InputError, match=r"no column looks like the lat column; .*\(columns are: lon, y1\)"):
            model.classify(build({"lon": [116.5], "y1": [39.79]}))
        fixes = build({"vehicle": [1], "ts": [dt.datetime(2024, 7, 1)], "lon": [116.5], "lat": [39.79]})
        with pytest.raises(
            InputError,
            match=r"no time column 'time'; the column 'ts' looks like it: name it with time='ts' "
            r"\(columns are: vehicle, ts, lon, lat\)",
        ):
            model.events(fixes, time="time")
    with pytest.raises(
        InputError, match=r"time= takes the name of a column of df, not its values \(got a Series\): .* time='ts'"
    ):
        model.events(pl.DataFrame(fixes), time=pl.Series([dt.datetime(2024, 7, 1)]))


def test_a_table_beside_lats_or_a_column_name_as_times_is_refused_as_a_pandas_frame(model):
    for build in (pl.DataFrame, pa.table):
        frame = build({"lon": [116.5], "lat": [39.79], "ts": ["2024-06-01"]})
        with pytest.raises(
            InputError, match=r"lats given beside a (DataFrame|Table), .* leave lats out \(got 'gcj02'\)"
        ):
            model.classify(frame, "gcj02")
        with pytest.raises(InputError, match=r"times='ts' names a column of the frame, not a time"):
            model.classify(frame, times="ts")


def test_numbers_are_read_without_a_copy():
    """A polars frame's numeric columns reach the pandas path as views of its Arrow buffers; the columns events
    does not read are wrapped as they are."""
    from avzone import _tables

    table = pl.DataFrame({"lon": np.arange(1000.0), "lat": np.arange(1000.0), "note": ["x"] * 1000}).to_arrow()
    frame = _tables.pandas_frame(table, lambda name: name != "note")
    address = table.column("lon").chunk(0).buffers()[1].address
    assert frame["lon"].to_numpy().__array_interface__["data"][0] == address
    assert isinstance(frame["note"].dtype, pd.ArrowDtype)
    # coordinates in Arrow numbers take numpy's array path (the one pass over float arrays), without a copy
    from avzone.points import in_order

    lons = pl.Series(np.arange(1000.0))
    got = in_order(lons, "lons")
    assert isinstance(got, np.ndarray) and got.__array_interface__["data"][0] == lons.to_arrow().buffers()[1].address
    assert isinstance(in_order(pa.array([1, None]), "lons"), pa.Array)  # (integers with a null: Arrow's nulls kept)


def test_locate_many_and_to_points_read_a_table(model):
    from avzone.points import to_points

    data = {"lon": _LON, "lat": _LAT}
    assert to_points(pl.DataFrame(data)).status_text().tolist() == to_points(pd.DataFrame(data)).status_text().tolist()
    got, want = model.locate_many(pa.table(data)), model.locate_many(pd.DataFrame(data))
    assert np.array_equal(got.hits, want.hits) and got.points.index is None


def test_locate_takes_an_arrow_scalar_and_refuses_a_batch(model):
    assert model.locate(pa.array([116.5])[0], pa.scalar(39.79)).zones == model.locate(116.5, 39.79).zones
    with pytest.raises(InputError, match=r"locate\(lon.item\(\), lat.item\(\)\)"):
        model.locate(pl.Series([116.5]), pl.Series([39.79]))
    with pytest.raises(InputError, match=r"locate\(lon\[0\], lat\[0\]\)") as err:
        model.locate(pa.array([116.5]), pa.array([39.79]))
    assert "请给出其中的数字 locate(lon[0], lat[0])" in error_text(err.value, "zh")
    with pytest.raises(InputError, match=r"got 2 values \(ChunkedArray\)"):
        model.locate(pa.chunked_array([[116.5, 116.6]]), 39.79)


def _fixes(ids, zone):
    """Two vehicles across the current zone's edge, rows not in order, a null time and a null position."""
    times = [dt.datetime(2024, 7, 1, 8, m) for m in (10, 0, 0, 5, 10, 20)]
    times[4] = None
    data = {
        "vehicle": ids,
        "ts": times,
        "lon": [116.46, 116.44, 116.44, None, 116.47, 116.48],
        "lat": [39.79, 39.79, 39.80, 39.80, 39.80, 39.80],
    }
    frame = pl.DataFrame(data)
    if zone is not None:
        frame = frame.with_columns(pl.col("ts").dt.replace_time_zone(zone))
    return frame


@pytest.mark.parametrize("crs", [None, "gcj02"])
@pytest.mark.parametrize("zone", [None, "UTC"])
@pytest.mark.parametrize("ids", [[7, 7, 8, 8, 8, 8], ["a", "a", "车", "车", "车", None]])
def test_events_of_a_table_are_the_pandas_events(model, ids, zone, crs):
    """events() of a polars frame or an Arrow table: the same events, summary and row statuses as of the pandas
    frame of the same data, as the same kind; row_before / row_after (and the rows' order) are row positions."""
    frame = _fixes(ids, zone)
    source = frame.to_pandas()
    if isinstance(ids[0], int):
        source["vehicle"] = source["vehicle"].astype("Int64")
    want = model.events(source, crs=crs)
    assert len(_rows(want.events)) >= 2 and want.rejected()  # (a crossing, and rows that are not used)
    for given, kind in ((frame, pl.DataFrame), (frame.to_arrow(), pa.Table)):
        got = model.events(given, crs=crs)
        for part in ("events", "summary", "rows"):
            assert type(getattr(got, part)) is kind
            assert _rows(getattr(got, part)) == _rows(getattr(want, part)), part
        assert got.rejected() == want.rejected()
        rows = _rows(got.events)
        assert {r["row_before"] for r in rows} <= set(range(6)) and rows[0]["id"] == ids[1]


def test_events_of_no_event_keep_the_id_type(model):
    times = [dt.datetime(2024, 7, 1, 8, m) for m in (0, 1)]
    frame = pl.DataFrame({"vehicle": [3, 3], "ts": times, "lon": [116.0, 116.01], "lat": [39.0, 39.0]})
    frame = frame.with_columns(pl.col("vehicle").cast(pl.Int32))
    got = model.events(frame)
    assert got.events.height == 0 and got.events.schema["id"] == pl.Int32
    assert got.summary.schema["id"] == pl.Int32  # (ids of rows: of the input's type too)
    empty = model.classify(pl.Series([], dtype=pl.Float64), pl.Series([], dtype=pl.Float64), status=True)
    assert empty.height == 0 and empty.schema["status"] == pl.String and empty.schema["current"] == pl.Boolean


def test_polars_stays_optional():
    """polars is imported only for polars input: pandas and Arrow input work without it (its import blocked)."""
    code = (
        "import sys; sys.modules['polars'] = None\n"
        "import avzone, pandas as pd, pyarrow as pa\n"
        "m = avzone.load()\n"
        "t = m.classify(pa.table({'lon': [116.5], 'lat': [39.79]}))\n"
        "assert t.column('current').to_pylist() == [True], t\n"
        "e = m.events(pa.table({'vehicle': [1, 1], 'ts': pa.array([0, 60], pa.timestamp('s')),"
        " 'lon': [116.44, 116.46], 'lat': [39.79, 39.79]}))\n"
        "assert isinstance(e.events, pa.Table)\n"
        "assert m.classify(pd.DataFrame({'lon': [116.5], 'lat': [39.79]}))['current'].tolist() == [True]\n"
        "from avzone.maps import make_map\n"
        "make_map(m, tiles='none', base=False, points=pa.table({'lon': [116.5], 'lat': [39.79]}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    code = "import sys, avzone; avzone.load().classify([116.5], [39.79]); assert 'polars' not in sys.modules"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


# -- maps: points= and tracks= ------------------------------------------------------------------------------------
_POSITIONS = ("the labels of the DataFrame&#x27;s index", "DataFrame 索引的标签")


def _map_data(model, lang, **options):
    """What a map's page embeds: its data (points, legend, notes) and its GeoJSON features (tracks, markers)."""
    from test_maps import avzone_data, geojson_features

    from avzone import maps

    page = maps.make_map(model, tiles="none", base=False, lang=lang, **options).get_root().render()
    return avzone_data(page), geojson_features(page)


def _as_positions(data, lang):
    """A pandas map's data with its rows named as a table's are: the same rows, by position (a RangeIndex)."""
    import json

    from avzone.i18n import text

    said = text("row_numbers_position", lang).replace("'", "&#x27;")
    return tuple(json.loads(json.dumps(data, ensure_ascii=False).replace(_POSITIONS[lang == "zh"], said)))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("crs", [None, "gcj02"])
def test_a_map_of_tables_is_the_map_of_the_pandas_frames(model, crs, lang):
    """model.map(points=pl_df, tracks=pa_table) was refused ("points= takes a pandas DataFrame"): the points and
    tracks of a polars frame, an Arrow table or a record batch are drawn as those of the same pandas frames
    (RangeIndex), in GCJ-02 with points_crs= and tracks_crs= too; their rows not in a track and the event markers'
    rows are named by position, and the legend says so where a pandas frame's says "the labels of its index"."""
    ids = [7, 7, 8, 8, 8, 8]
    fixes = _fixes(ids, None)
    frame = fixes.to_pandas()
    frame["vehicle"] = frame["vehicle"].astype("Int64")
    points = {"lng": _LON, "lat": _LAT}
    options = {"points_crs": crs, "tracks_crs": crs}
    want = _map_data(model, lang, points=pd.DataFrame(points), tracks=frame, **options)
    legend = want[0]["legend_html"]
    assert _POSITIONS[lang == "zh"] in legend and ("missing lon: 1 (row 3)" in legend or lang == "zh")
    assert len(want[0]["points"]["items"]) == 4 and any(f["geometry"]["type"] == "Point" for f in want[1])
    for name, (build, _) in _TABLES.items():
        got = _map_data(model, lang, points=build(points), tracks=build(fixes.to_dict(as_series=False)), **options)
        assert got == _as_positions(want, lang), name
    # GCJ-02 coordinates read as such: the dots are where the pandas frame's are, not where WGS84 would put them
    if crs is not None:
        assert want[0]["points"]["items"] != _map_data(model, lang, points=pd.DataFrame(points))[0]["points"]["items"]


def test_split_tracks_of_a_table_names_rows_by_position(model):
    from avzone import maps

    fixes = _fixes(["a", "a", "车", "车", "车", None], "UTC")
    frame = fixes.to_pandas()
    want = maps.split_tracks(model, frame)
    for given in (fixes, fixes.to_arrow(), fixes.to_arrow().to_batches()[0]):
        got = maps.split_tracks(model, given)
        assert got.row_numbers == "position" and want.row_numbers is None
        assert got.rows.index.equals(pd.RangeIndex(6)) and got.rows.equals(want.rows)
        for part in ("events", "markers"):
            assert getattr(got, part).equals(getattr(want, part)), part
        assert got.parts.drop(columns=["lon", "lat"]).equals(want.parts.drop(columns=["lon", "lat"]))
        assert [v.tolist() for v in got.parts["lon"]] == [v.tolist() for v in want.parts["lon"]]
    # points_lonlat: the same reading of the map's points=
    lon, lat = maps.points_lonlat(pa.table({"lng": _LON, "lat": _LAT}), crs="gcj02")
    want_lon, want_lat = maps.points_lonlat(pd.DataFrame({"lng": _LON, "lat": _LAT}), crs="gcj02")
    np.testing.assert_array_equal(lon, want_lon)
    np.testing.assert_array_equal(lat, want_lat)


def test_a_map_refuses_a_coordinate_column_of_text_naming_it(model):
    """A table's coordinate column of text: refused naming the column, its type and the cast (in Chinese too), for
    points= and tracks= alike; a polars Series is no frame of points."""
    from avzone import maps

    with pytest.raises(InputError, match=r"column 'lng' holds String, not numbers.*pl\.col\('lng'\)\.cast") as err:
        maps.make_map(model, points=pl.DataFrame({"lng": ["116.5"], "lat": [39.79]}))
    assert "列 'lng' 的类型是 String，不是数字" in error_text(err.value, "zh")
    with pytest.raises(InputError, match=r"(?s)column 'lng' holds String.*\n.*row 0, lng = '116,5'.*write 116\.5"):
        maps.make_map(model, points=pl.DataFrame({"lng": ["116,5"], "lat": [39.79]}))  # (the rows to write so)
    fixes = _fixes([7, 7, 8, 8, 8, 8], None).to_arrow()
    fixes = fixes.set_column(3, "lat", pa.array(["39.8"] * 6))
    with pytest.raises(InputError, match=r"column 'lat' holds string, not numbers.*table\['lat'\]\.cast"):
        maps.make_map(model, tracks=fixes)
    with pytest.raises(InputError, match=r"column 'lat' holds string"):
        maps.split_tracks(model, fixes)
    with pytest.raises(InputError, match=r"points= takes a DataFrame \(pandas, polars or a pyarrow Table\).* Series"):
        maps.make_map(model, points=pl.Series(_LON))
    with pytest.raises(InputError, match=r"tracks= takes a DataFrame of fixes .* got ChunkedArray"):
        maps.make_map(model, tracks=fixes.column("lon"))


@pytest.mark.parametrize("make", ["polars", "arrow", "chunked", "dictionary"])
def test_series_and_arrays_of_text_say_how_to_write_the_numbers_as_pandas_does(model, make):
    """A polars Series or an Arrow array of text coordinates is read cell by cell, as a pandas Series: its rows that
    are no number get the note a pandas Series gets (the same words, rows by position: no index), in the Arrow
    answer's notes and ``Located.notes``."""
    from avzone.i18n import written

    lon, lat = ["116,48", "116.5", "1,116.50", "abc"], ["39.79", "39,79", "39.79", "39.79"]
    build = {
        "polars": pl.Series,
        "arrow": pa.array,
        "chunked": lambda v: pa.chunked_array([v[:2], v[2:]]),
        "dictionary": lambda v: pa.array(v).dictionary_encode(),
    }[make]
    want = [str(n) for n in model.locate_many(pd.Series(lon), pd.Series(lat)).notes]
    assert len(want) == 2 and "row 0, lon = '116,48': a decimal comma" in want[0], want
    located = model.locate_many(build(lon), build(lat))
    assert [str(n) for n in located.notes] == want
    assert "第 0 行，lon = '116,48'：小数逗号" in written(located.notes[0], "zh")
    got = model.classify(build(lon), build(lat), status=True)
    if make != "polars":  # (a polars DataFrame holds no notes: Located.notes gives them)
        assert json.loads(got.schema.metadata[b"notes"]) == want
    beside = model.locate_many(build(lon), pl.Series([39.79] * 4) if make == "polars" else pa.array([39.79] * 4))
    assert [str(n) for n in beside.notes] == want[:1]  # (one column of text beside one of numbers)
    numbers = model.locate_many(build([str(v) for v in (116.5, 116.48)]), build(["39.79", "39.80"]))
    assert numbers.notes == []  # (text that reads as numbers: nothing to say)


@pytest.mark.parametrize("build", [pl.DataFrame, pa.table])
def test_a_table_column_of_text_is_refused_naming_the_rows_to_write_as_numbers(model, build):
    """A typed table's coordinate column of text is refused (a schema to fix), and the refusal names its first rows
    that are no number and how to write each (the words of a pandas column's note, rows by position), so that the
    column can be cast: classify, locate_many and events alike."""

    lon = ["116,48", "116.5", "1,116.50", "abc", "116,47", "116.46"]
    frame = build({"lon": lon, "lat": [39.79] * 6})
    (want,) = model.locate_many(pd.Series(lon, name="lon"), pd.Series([39.79] * 6, name="lat")).notes
    fixes = build(
        {
            "vehicle": [1] * 6,
            "ts": [dt.datetime(2024, 7, 1, 8, m) for m in range(6)],
            "lon": lon,
            "lat": [39.79] * 6,
        }
    )
    for call in (lambda: model.classify(frame), lambda: model.locate_many(frame), lambda: model.events(fixes)):
        with pytest.raises(InputError, match=r"column 'lon' holds (String|string), not numbers") as err:
            call()
        text = str(err.value)
        assert text.endswith("\n" + str(want)), text
        assert "row 0, lon = '116,48': a decimal comma" in text and "write 116.48" in text, text
        assert "row 2, lon = '1,116.50'" in text and "and 1 more" in text, text
        zh = error_text(err.value, "zh")
        assert "请先把下列值写成数字，再转换类型" in zh and "第 0 行，lon = '116,48'：小数逗号" in zh, zh
    # no value written another way: the refusal alone, as before
    with pytest.raises(InputError, match=r"cast it first: ") as err:
        model.classify(build({"lon": ["abc", "116.5"], "lat": [39.79, 39.79]}))
    assert "\n" not in str(err.value)


def _chunked(columns):
    """An Arrow table whose columns come in chunks of two rows."""
    return pa.Table.from_batches(pa.table(columns).to_batches(max_chunksize=2))


@pytest.mark.parametrize("build", [pl.DataFrame, pa.table, _chunked], ids=["polars", "arrow", "arrow-chunked"])
@pytest.mark.parametrize("axis", ["lon", "lat"])
def test_to_points_refuses_a_table_column_of_text_naming_the_rows_as_classify_does(model, build, axis):
    """avzone.points.to_points of a polars DataFrame or an Arrow table (plain or chunked) whose coordinate column is
    text gave the refusal alone, where model.classify of the same table names the rows that are no number and how
    to write them: the same words now, in English and Chinese, from the one builder below both
    (:func:`avzone.points.text_column_refusal`)."""
    from avzone import points

    texts = {"lon": ["116,48", "116.5", "1,116.50", "abc", "116,47", "116.46"],
             "lat": ["39,79", "39.80", "39.81", "N39.79", "39,78", "39.77"]}[axis]  # fmt: skip
    other = "lat" if axis == "lon" else "lon"
    frame = build({axis: texts, other: [39.79 if other == "lat" else 116.5] * 6} if axis == "lon" else
                  {other: [116.5] * 6, axis: texts})  # fmt: skip
    if build is _chunked:
        assert frame.column(axis).num_chunks == 3
    with pytest.raises(InputError) as want:
        model.classify(frame)
    with pytest.raises(InputError) as got:
        points.to_points(frame)
    assert str(got.value) == str(want.value)
    assert error_text(got.value, "zh") == error_text(want.value, "zh")
    text = str(got.value)
    first = "116.48" if axis == "lon" else "39.79"
    assert f"\n    row 0, {axis} = '{texts[0]}': a decimal comma" in text and f"write {first}" in text, text
    assert f"column '{axis}' holds" in text and "write the values below as numbers, then cast it" in text, text
    assert f"第 0 行，{axis} = '{texts[0]}'：小数逗号" in error_text(got.value, "zh")
    # (no value written another way: the refusal alone, as classify's)
    with pytest.raises(InputError, match=r"cast it first: ") as err:
        points.to_points(build({"lon": ["abc", "116.5"], "lat": [39.79, 39.79]}))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("values", [pa.float64(), pa.int64(), pa.decimal128(12, 6)])
def test_a_dictionary_encoded_column_of_numbers_is_read_as_its_numbers(model, values):
    # a Parquet file of repeated coordinates is often written dictionary-encoded, and pyarrow can read it so: its
    # column holds numbers, as the file job (avzone locate --input) and pandas (a category of floats) read them;
    # classify, locate_many and events of the Arrow table refused it as "not numbers"
    lons = [116.5, None, 116.3975, 116.5, 116.6, 120.0] if values != pa.int64() else [116, None, 117, 116, 116, 120]
    lats = [39.79, 39.8, 39.9087, 39.79, 39.77, 30.0] if values != pa.int64() else [40, 40, 40, 40, 39, 30]
    plain = pa.table({"lon": pa.array(lons, pa.float64()), "lat": pa.array(lats, pa.float64())})
    encoded = pa.table({"lon": pa.array(lons).cast(values).dictionary_encode(), "lat": pa.array(lats).cast(values)})
    assert pa.types.is_dictionary(encoded.column("lon").type)
    assert _rows(model.classify(encoded, status=True)) == _rows(model.classify(plain, status=True))
    assert model.locate_many(encoded).status_text().tolist() == model.locate_many(plain).status_text().tolist()
    times = pa.array([f"2024-07-01T08:0{i}:00" for i in range(len(lons))])
    fixes = {"vehicle": pa.array(["a"] * len(lons)), "ts": times}
    want = model.events(plain.append_column("vehicle", fixes["vehicle"]).append_column("ts", times))
    got = model.events(encoded.append_column("vehicle", fixes["vehicle"]).append_column("ts", times))
    for part in ("events", "summary", "rows"):
        assert _rows(getattr(got, part)) == _rows(getattr(want, part)), part

"""The Python API's entry points read the same input the same way: a DataFrame's columns, one point in an array."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import avzone
from avzone.errors import InputError
from avzone.i18n import error_text


@pytest.fixture(scope="module")
def model() -> avzone.Model:
    return avzone.load()


# -- locate_many(df) finds the columns as classify(df) does -----------------------------------------------------
@pytest.mark.parametrize(
    "columns", [("lon", "lat"), ("LNG", "Lat"), ("longitude", "latitude"), ("经度", "纬度"), ("x", "y")]
)
def test_locate_many_reads_a_frame_by_its_column_names_as_classify_does(model, columns):
    lon, lat = columns
    df = pd.DataFrame({"id": [1, 2, 3], lon: [116.50, 116.3975, 39.79], lat: [39.79, 39.9087, 116.50]})
    df.index = pd.Index([30, 10, 30])  # not 0..n-1, a label repeated: kept as it is
    res = model.locate_many(df, distances=True)
    assert list(res.points.index) == [30, 10, 30]
    pd.testing.assert_frame_equal(res.frame(), model.classify(df))
    want = model.locate_many(df[lon].to_numpy(), df[lat].to_numpy(), distances=True)
    assert res.points.status_text().tolist() == want.points.status_text().tolist()
    assert np.array_equal(res.distance_to_edge_m, want.distance_to_edge_m, equal_nan=True)


@pytest.mark.parametrize(
    ("columns", "said"),
    [
        (["id", "lat"], "no column looks like the lon column"),
        (["lon", "lng", "lat"], "several columns (lon, lng) look like the lon column"),
    ],
)
def test_locate_many_refuses_a_frame_as_classify_does_naming_its_own_call(model, columns, said):
    df = pd.DataFrame([[1.0] * len(columns)], columns=columns)
    for call in ("locate_many", "classify"):
        with pytest.raises(InputError) as exc:
            getattr(model, call)(df)
        assert said in str(exc.value) and f"model.{call}(df[lon_column], df[lat_column])" in str(exc.value)


def test_locate_many_refuses_a_column_name_the_frame_has_twice(model):
    df = pd.DataFrame([[116.5, 116.5, 39.79]], columns=["lon", "lon", "lat"])
    with pytest.raises(InputError, match=r"model\.locate_many"):
        model.locate_many(df)


def test_locate_many_notes_column_names_that_say_another_crs(model):
    df = pd.DataFrame({"lng_gcj02": [116.5], "lat_gcj02": [39.79]})
    notes = model.locate_many(df).notes
    assert notes == model.classify(df).attrs["notes"] and "GCJ-02" in notes[0]
    assert model.locate_many(df, crs="gcj02").notes == []


@pytest.mark.parametrize(
    ("columns", "crs", "named"),
    [
        (("gcj_lon", "gcj_lat"), None, "gcj02"),
        (("bd_lon", "bd_lat"), None, "bd09"),
        (("lng_gcj02", "lat_gcj02"), "EPSG:4326", "gcj02"),
    ],
)
def test_to_points_notes_column_names_that_say_another_crs_as_classify_does(model, columns, crs, named):
    # to_points(df) found the columns by classify's rule but dropped the note classify gives in attrs["notes"]
    from avzone.points import to_points

    df = pd.DataFrame({columns[0]: [116.5, 116.4], columns[1]: [39.79, 39.9]})
    pts = to_points(df, crs=crs)
    assert list(pts.notes) == model.classify(df, crs=crs).attrs["notes"] and len(pts.notes) == 1
    assert columns[0] in str(pts.notes[0]) and f"crs='{named}'" in str(pts.notes[0])
    assert [str(n) for n in model.locate_many(pts).notes] == [str(n) for n in pts.notes]  # (the points carry it)
    assert to_points(df, crs=named).notes == ()
    assert to_points(pd.DataFrame({"lon": [116.5], "lat": [39.79]})).notes == ()


NAN = float("nan")


@pytest.mark.parametrize(
    ("point", "status"),
    [
        ((NAN, NAN), "missing lon; missing lat"),
        ((NAN, 39.79), "missing lon"),
        ("Point(nan, nan)", "no point geometry"),
        ("Point(nan, 39.79)", "lon not finite"),
        ("Point(116.5, nan)", "lat not finite"),
    ],
)
def test_a_nan_point_gets_the_same_status_in_every_entry_point(model, tmp_path, point, status):
    # model.locate(Point(nan, nan)) was a TypeError ("missing 1 required positional argument: 'lat'"): a Point is
    # read as classify, locate_many and the file jobs read it; numbers as every array of them is. A NaN number in
    # memory is missing, a NaN coordinate of a point geometry not finite, as in its GeoParquet file
    import geopandas as gpd
    import shapely

    from avzone.batch import locate_file
    from avzone.points import to_points

    if isinstance(point, str):
        geometry = shapely.from_wkt(point.replace("Point(", "POINT (").replace(",", "").replace("nan", "NaN"))
        got = {
            "classify(Point)": model.classify(geometry, status=True)["status"].tolist(),
            "classify(GeoSeries)": model.classify(gpd.GeoSeries([geometry]), status=True)["status"].tolist(),
            "locate_many(Point)": model.locate_many(geometry).points.status_text().tolist(),
            "to_points(Point)": to_points(geometry).status_text().tolist(),
        }
        src = tmp_path / "in.parquet"
        gpd.GeoDataFrame({"id": [1]}, geometry=[geometry], crs="EPSG:4326").to_parquet(src)
        locate_file(model, src, tmp_path / "out.parquet")
        got["locate_file(GeoParquet)"] = pd.read_parquet(tmp_path / "out.parquet")["status"].tolist()
        given: tuple = (geometry,)
    else:
        lon, lat = point
        got = {
            "classify(lists)": model.classify([lon], [lat], status=True)["status"].tolist(),
            "classify(arrays)": model.classify(np.array([lon]), np.array([lat]), status=True)["status"].tolist(),
            "classify(df)": model.classify(pd.DataFrame({"lon": [lon], "lat": [lat]}), status=True)["status"].tolist(),
            "locate_many": model.locate_many([lon], [lat]).points.status_text().tolist(),
        }
        given = point
    assert got == {key: [status] for key in got}
    with pytest.raises(InputError) as exc:
        model.locate(*given)
    assert str(exc.value).endswith(f"({status})")
    if isinstance(point, str):
        assert str(exc.value) == f"the point '{given[0].wkt}' cannot be located ({status})"
        assert error_text(exc.value, "zh").startswith(f"点 '{given[0].wkt}' 无法定位（")


def test_locate_reads_a_point_as_classify_does(model):
    # model.locate(Point(lon, lat)) was a TypeError: the one-point case of classify(Point), the same answer as
    # model.locate(lon, lat); a pair in lon's place is told to be given as two arguments, as the code meant
    from shapely.geometry import Point

    assert model.locate(Point(116.50, 39.79)) == model.locate(116.50, 39.79)
    assert model.locate(Point(12969000.0, 4833000.0), crs="EPSG:3857") == model.locate(
        12969000.0, 4833000.0, crs="EPSG:3857"
    )
    with pytest.raises(InputError, match=r"one point's two coordinates: give them as two arguments"):
        model.locate((116.50, 39.79))
    with pytest.raises(InputError, match=r"lies outside the dataset's area, but \(116.5, 39.79\) lies inside it"):
        model.locate(Point(39.79, 116.50))


# -- one point in an array ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lon", "lat", "shape"),
    [
        (np.array([116.5]), np.array([39.79]), "(1,)"),
        (116.5, pd.Series([39.79]), "(1,)"),
        (np.array([[116.5]]), np.array([[39.79]]), "(1, 1)"),
    ],
)
def test_one_point_in_an_array_is_refused_saying_so_in_both_languages(model, lon, lat, shape):
    with pytest.raises(InputError) as exc:
        model.locate(lon, lat)
    en, zh = error_text(exc.value, "en"), error_text(exc.value, "zh")
    assert f"of shape {shape}" in en and "an array of one point, not one number" in en
    assert "locate(lon.item(), lat.item())" in en and "classify(lons, lats)" in en
    assert "got 1 values" not in en
    assert f"形状为 {shape}" in zh and "只含一个点的数组" in zh and "locate(lon.item(), lat.item())" in zh


def test_several_points_in_an_array_are_still_refused_as_many(model):
    with pytest.raises(InputError, match="got 2 values"):
        model.locate(np.array([116.5, 116.4]), np.array([39.79, 39.9]))


def test_a_0d_array_is_one_number_as_numpy_reads_it(model):
    want = model.locate(116.5, 39.79)
    assert model.locate(np.array(116.5), np.array(39.79)) == want
    assert model.locate(np.asarray([116.5, 1.0]).max(), np.float64(39.79)) == want
    assert model.locate(np.array("116.5", dtype=object), np.array(39.79)) == want
    with pytest.raises(InputError, match="must be two numbers"):
        model.locate(np.array(True), np.array(39.79))  # a boolean is no coordinate, 0-d or not


# -- a NaN number is the same status whatever holds it --------------------------------------------------------
def _kinds(values: list) -> dict[str, object]:
    import pyarrow as pa

    return {
        "list": list(values),
        "numpy": np.array(values, dtype=float),
        "numpy float32": np.array(values, dtype=np.float32),
        "object array": np.array(values, dtype=object),
        "masked array": np.ma.masked_array(values, mask=[False] * len(values)),
        "series": pd.Series(values),
        "nullable series": pd.Series(values, dtype="Float64"),
        "arrow": pa.array(values, pa.float64()),
        "chunked arrow": pa.chunked_array([pa.array(values[:1]), pa.array(values[1:])]),
    }


@pytest.mark.parametrize("n", [3, 300])  # (300: the one-pass path of float arrays, which words its far points)
def test_a_nan_number_is_missing_in_every_input_kind(model, n):
    lons = [116.5, float("nan"), float("inf")] * (n // 3)
    lats = [39.79, 39.8, 39.8] * (n // 3)
    want = ["ok", "missing lon", "lon not finite"] * (n // 3)
    for kind, lon in _kinds(lons).items():
        assert model.locate_many(lon, lats).points.status_text().tolist() == want, kind
        status = model.classify(lon, lats, status=True)["status"]  # (Arrow in, an Arrow table out)
        assert (status.tolist() if hasattr(status, "tolist") else status.to_pylist()) == want, kind
    frame = model.classify(pd.DataFrame({"lon": lons, "lat": lats}), status=True)
    assert frame["status"].tolist() == want
    # (a frame's columns are named in its statuses, as a file job's statuses name the file's: lng, not lon)
    named = [w.replace("lon", "lng") for w in want]
    assert model.locate_many(pd.DataFrame({"lng": lons, "lat": lats})).points.status_text().tolist() == named


def test_the_text_nan_is_not_finite_as_in_a_csv_cell(model, tmp_path):
    """The text "nan" stays "not finite" in every entry point; an empty cell (None in memory) is missing."""
    from avzone import batch

    lons, lats = ["116.5", "nan", "", None], ["39.79"] * 4
    want = ["ok", "lon not finite", "missing lon", "missing lon"]
    assert model.locate_many(lons, lats).points.status_text().tolist() == want
    assert model.classify(pd.Series(lons), pd.Series(lats), status=True)["status"].tolist() == want
    src = tmp_path / "in.csv"
    src.write_text("lon,lat\n116.5,39.79\nnan,39.79\n,39.79\n", encoding="utf-8")
    batch.locate_file(model, src, tmp_path / "out.csv")
    got = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert got["status"].tolist() == want[:3]


def test_locate_says_a_nan_is_missing_as_locate_many_does(model):
    with pytest.raises(InputError) as exc:
        model.locate(116.5, float("nan"))
    assert "(missing lat)" in str(exc.value) and "缺少纬度" in error_text(exc.value, "zh")
    with pytest.raises(InputError, match=r"\(lat not finite\)"):
        model.locate(116.5, "nan")  # (text, as `avzone locate 116.5 nan` gives it)


@pytest.mark.parametrize(
    "kind", ["list", "object array", "Series", "frame column"], ids=["list", "array", "series", "frame"]
)
def test_a_signalling_nan_decimal_is_a_missing_value_like_a_quiet_one(model, kind):
    # Decimal("sNaN") made pandas' test for missing values raise decimal.InvalidOperation (a traceback, no status)
    from decimal import Decimal

    lons = [Decimal("sNaN"), Decimal("116.5"), Decimal("NaN"), "x"]
    lats = [39.79, Decimal("-sNaN"), 39.79, 39.79]
    want = ["missing lon", "missing lat", "missing lon", "lon not a number"]
    if kind == "frame column":
        frame = pd.DataFrame({"lon": lons, "lat": lats}, index=[5, 6, 7, 8])
        got = model.classify(frame, status=True)
        assert got.index.tolist() == [5, 6, 7, 8]
    else:
        make = {"list": list, "object array": lambda v: np.array(v, dtype=object), "Series": pd.Series}[kind]
        got = model.classify(make(lons), make(lats), status=True)
    assert got["status"].tolist() == want


# -- to_points(df) finds the columns as classify(df) does ---------------------------------------------------------
@pytest.mark.parametrize(
    "columns", [("lon", "lat"), ("LNG", "Lat"), ("longitude", "latitude"), ("经度", "纬度"), ("x", "y")]
)
def test_to_points_reads_a_frame_by_its_column_names_as_classify_does(model, columns):
    # to_points(df) refused a DataFrame ("got DataFrame alone") that model.classify(df) reads by its column names
    from avzone.points import to_points

    lon, lat = columns
    df = pd.DataFrame({"id": [1, 2, 3], lon: [116.50, "x", 39.79], lat: [39.79, 39.9087, 116.50]})
    df.index = pd.Index([30, 10, 30])
    pts = to_points(df)
    want = to_points(df[lon], df[lat])  # (the explicit columns as before)
    np.testing.assert_array_equal(pts.lon, want.lon)
    np.testing.assert_array_equal(pts.lat, want.lat)
    assert list(pts.index) == [30, 10, 30] and pts.status_text().tolist() == want.status_text().tolist()
    assert pts.status_text().tolist()[:2] == ["ok", f"{lon} not a number"]  # (the column named, as a file job's)
    assert model.classify(df, status=True)["status"].astype(str).tolist()[:2] == pts.status_text().tolist()[:2]
    gcj = to_points(df, crs="gcj02")  # (crs= as with the columns given)
    np.testing.assert_array_equal(gcj.lon, to_points(df[lon], df[lat], crs="gcj02").lon)


@pytest.mark.parametrize(
    ("columns", "said"),
    [(("a", "b"), "no column looks like the lon column"), (("lon", "lng"), "several columns (lon, lng)")],
)
def test_to_points_refuses_a_frame_as_classify_does_naming_its_own_call(model, columns, said):
    from avzone.points import to_points

    df = pd.DataFrame({columns[0]: [116.5], columns[1]: [116.5], "lat": [39.8]})
    with pytest.raises(InputError) as err:
        to_points(df)
    assert said in str(err.value) and "avzone.points.to_points(df[lon_column], df[lat_column])" in str(err.value)
    with pytest.raises(InputError) as classify:
        model.classify(df)
    assert str(classify.value) == str(err.value).replace("avzone.points.to_points", "model.classify")
    assert "avzone.points.to_points(df[lon_column], df[lat_column])" in error_text(err.value, "zh")

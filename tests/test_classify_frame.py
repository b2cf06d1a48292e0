"""model.classify(df) on a plain DataFrame: its coordinate columns found by name, by the rule of every entry point."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import avzone
from avzone.crs import to_wgs84
from avzone.errors import InputError
from avzone.i18n import error_text


@pytest.fixture(scope="module")
def model():
    return avzone.load()


def _points(n: int = 200, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(116.2, 116.9, n), rng.uniform(39.6, 40.1, n)


def test_columns_found_by_name_give_the_answers_of_the_columns_given(model):
    lon, lat = _points()
    index = pd.Index([f"trip-{k}" for k in range(lon.size)][::-1], name="trip")
    df = pd.DataFrame({"speed": 1.0, "lng": lon, "纬度": lat}, index=index)
    got = model.classify(df)
    want = model.classify(df["lng"], df["纬度"])
    pd.testing.assert_frame_equal(got, want)
    assert got.index.equals(index)
    assert got["current"].any() and not got["current"].all()  # points on both sides of the edge
    assert "notes" not in got.attrs


def test_times_and_status_work_on_a_frame_alone(model):
    lon, lat = _points(50)
    df = pd.DataFrame({"Longitude [deg]": lon, "Latitude [deg]": lat}, index=np.arange(50) * 7)
    times = pd.Series(pd.Timestamp("2024-03-01"), index=df.index)
    got = model.classify(df, times=times, status=True)
    want = model.classify(df["Longitude [deg]"], df["Latitude [deg]"], times=times, status=True)
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        (["lon", "lng", "lat"], ["'lon'", "lng", "model.classify(df[lon_column], df[lat_column])"]),
        (["x_m", "y_m", "speed"], ["x_m, y_m, speed", "model.classify("]),
    ],
)
def test_none_or_two_coordinate_columns_are_refused_naming_them(model, columns, words):
    df = pd.DataFrame({c: [116.5] for c in columns})
    with pytest.raises(InputError) as err:
        model.classify(df)
    for word in words:
        assert word.strip("'") in str(err.value), (word, str(err.value))


def test_a_column_name_twice_is_refused(model):
    df = pd.DataFrame([[116.5, 116.6, 39.8]], columns=["lon", "lon", "lat"])
    with pytest.raises(InputError, match="2 columns are named 'lon'"):
        model.classify(df)


def test_gcj02_column_names_without_crs_give_a_note_and_keep_the_crs(model):
    lon, lat = _points(100, seed=5)
    df = pd.DataFrame({"经度(GCJ02)": lon, "纬度(GCJ02)": lat})
    plain = model.classify(df)
    assert any("gcj02" in str(n) for n in plain.attrs["notes"]), plain.attrs
    pd.testing.assert_frame_equal(plain, model.classify(lon, lat), check_flags=False)  # read as WGS84, as said
    shifted = model.classify(df, crs="gcj02")
    assert "notes" not in shifted.attrs
    wlon, wlat = to_wgs84(lon, lat, "gcj02")
    pd.testing.assert_frame_equal(shifted, model.classify(wlon, wlat))


def test_a_geodataframe_is_still_read_by_its_geometry(model):
    gpd = pytest.importorskip("geopandas")
    lon, lat = _points(20)
    gdf = gpd.GeoDataFrame({"lon": lon[::-1], "lat": lat[::-1]}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    pd.testing.assert_frame_equal(model.classify(gdf), model.classify(lon, lat))


def test_a_crs_in_the_place_of_lats_beside_points_that_hold_both_coordinates_is_refused(model):
    """classify(points, "gcj02") puts the CRS in lats' place. Beside a shapely Point or a one-point GeoSeries the
    point was read as a lon that is no number and the CRS's text as its lat: <NA> with "lon not a number; lat not a
    number", no word of the CRS; beside a frame the error told of lengths. Now it is refused, naming lats and crs=,
    in English and Chinese."""
    import geopandas as gpd
    import shapely

    lon, lat = _points(3)
    one = gpd.GeoSeries(gpd.points_from_xy(lon[:1], lat[:1]), crs="EPSG:4326")
    frame = pd.DataFrame({"lon": lon, "lat": lat})
    for points, kind in (
        (shapely.Point(116.5, 39.79), "Point"),
        (one, "GeoSeries"),
        (gpd.GeoDataFrame(geometry=one), "GeoDataFrame"),
        (frame, "DataFrame"),
        (frame.iloc[:1], "DataFrame"),
    ):
        with pytest.raises(InputError, match=rf"lats given beside a {kind}, .*got 'gcj02'.*crs=") as caught:
            model.classify(points, "gcj02")
        assert f"{kind} 已含其各点的两个坐标" in error_text(caught.value, "zh")
    with pytest.raises(InputError, match="lats given beside a GeoSeries"):
        model.locate_many(one, "EPSG:4326")
    assert model.classify(one, crs="EPSG:4326").equals(model.classify(lon[:1], lat[:1]))  # (by name: the answer)


def test_a_crs_in_the_place_of_lats_beside_longitudes_is_refused(model):
    """classify(df.lon, "gcj02") (the one-argument form of a frame mixed up with lons and lats) read the CRS's text
    as the one point's lat: a row of <NA> with "lat not a number", no word of the CRS. Beside a Series, an array,
    a list, an index or one number a CRS in lats' place is refused now, naming lats, the CRS and crs=, in English
    and Chinese; a lat that is a number's text, or a text that names no CRS, is the row's as before."""
    import pyproj

    lon, lat = _points(1)
    for lons in (pd.Series(lon), lon, lon.tolist(), pd.Index(lon), float(lon[0])):
        kind = type(lons).__name__
        for lats, named in (("gcj02", "'gcj02'"), ("EPSG:4326", "'EPSG:4326'"), (pyproj.CRS(32650), "EPSG:32650")):
            with pytest.raises(InputError) as caught:
                model.classify(lons, lats)
            crs = "'EPSG:32650'" if named == "EPSG:32650" else named
            assert str(caught.value) == (
                f"lats is {named}, a CRS, not the points' latitudes (lons: {kind}): give their latitudes (y in a "
                f"projected CRS) as lats, as many as lons, and the CRS by name, crs={crs}; lons alone is a "
                "GeoSeries, GeoDataFrame, DataFrame with lon and lat columns or shapely Point"
            )
            zh = error_text(caught.value, "zh")  # (a CRS pyproj names is described in Chinese too)
            assert zh.startswith(f"lats 是 {named}") and "这是坐标系，而不是各点的纬度" in zh and f"crs={crs}" in zh
    with pytest.raises(InputError, match=r"lats is 'gcj02', a CRS"):
        model.locate_many(pd.Series(lon), "gcj02")
    got = model.classify(pd.Series(lon), str(lat[0]), status=True)  # (a number's text: the lat, as ever)
    assert got.drop(columns="status").equals(model.classify(pd.Series(lon), lat, status=False))
    assert model.classify(lon, "north", status=True)["status"].tolist() == ["lat not a number"]
    assert model.classify(pd.Series(lon), lat, crs="gcj02").equals(model.classify(lon, lat, crs="gcj02"))

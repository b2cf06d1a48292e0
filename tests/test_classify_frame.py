"""model.classify(df) on a plain DataFrame: its coordinate columns found by name, by the rule of every entry point."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import avzone
from avzone.crs import to_wgs84
from avzone.errors import InputError


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

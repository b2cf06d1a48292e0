"""The entry of the events (``model.events``): its columns, CRS and times read by the rules the other entries use."""

from __future__ import annotations

import pandas as pd
import pytest

from avzone.errors import InputError

#: Two fixes of one vehicle crossing into the current zone east of Yizhuang.
LON, LAT = [116.44, 116.46], [39.79, 39.79]


def _fixes(**columns: object) -> pd.DataFrame:
    base = {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"]}
    return pd.DataFrame(base | (columns or {"lon": LON, "lat": LAT}))


# -- the CRS of a GeoDataFrame --------------------------------------------------------------------------------
def test_geodataframe_crs_contradicted_by_wgs84_crs_is_refused_as_classify_refuses_it(model):
    # a GeoDataFrame in UTM 50N with crs="EPSG:4326": classify refuses it; the events took the frame's CRS and
    # answered (the crs given said nothing), so the same two calls gave an answer and an error
    gpd = pytest.importorskip("geopandas")
    frame = _fixes()
    utm = gpd.GeoDataFrame(
        frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326"
    ).to_crs("EPSG:32650")
    with pytest.raises(InputError) as classify_error:
        model.classify(utm, crs="EPSG:4326")
    with pytest.raises(InputError) as events_error:
        model.events(utm, crs="EPSG:4326")
    assert str(events_error.value) == str(classify_error.value)
    # without crs, or with the frame's own: its CRS, as classify
    want = model.events(frame).events
    for crs in ({}, {"crs": "EPSG:32650"}):
        got = model.events(utm, **crs).events
        pd.testing.assert_frame_equal(got.drop(columns=["lon", "lat"]), want.drop(columns=["lon", "lat"]))
        assert len(got) > 0


# -- the coordinate columns, found as the file jobs find them --------------------------------------------------
@pytest.mark.parametrize(
    ("lon", "lat"), [("lng", "lat"), ("经度", "纬度"), ("Longitude", "Latitude"), ("经度(WGS84)", "纬度(WGS84)")]
)
def test_coordinate_columns_are_found_by_the_file_jobs_rule(model, lon, lat, tmp_path):
    # `avzone events --input` finds lng/经度/...; model.events needed columns named exactly lon and lat
    frame = _fixes(**{lon: LON, lat: LAT})
    got = model.events(frame)
    want = model.events(_fixes())
    pd.testing.assert_frame_equal(got.events, want.events)
    assert len(got.events) > 0
    src = tmp_path / "fixes.csv"
    frame.to_csv(src, index=False)
    events_file = tmp_path / "events.csv"
    from avzone.tracks import events_file as run

    run(model, src, events_file)
    assert len(pd.read_csv(events_file)) == len(got.events)


def test_no_coordinate_column_names_the_columns_and_the_arguments(model):
    frame = _fixes(east=LON, north=LAT)
    with pytest.raises(InputError) as error:
        model.events(frame)
    text = str(error.value)
    assert "lon=" in text and "vehicle, ts, east, north" in text, text
    # named: used
    assert len(model.events(frame, lon="east", lat="north").events) > 0


def test_two_columns_like_lon_are_refused_naming_both_and_the_argument(model):
    frame = _fixes(lon=LON, lng=LON, lat=LAT)
    with pytest.raises(InputError) as error:
        model.events(frame)
    text = str(error.value)
    assert "lon, lng" in text and "lon=" in text, text
    assert len(model.events(frame, lon="lng").events) > 0

"""pandas semantics: classify keeps the input's index, so results join back to the right rows."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from common import NAMED_POINTS, covers, sample_points

from avzone.crs import from_wgs84
from avzone.errors import InputError


@pytest.fixture(scope="module")
def frame(model) -> pd.DataFrame:
    """Named points and random ones, string-indexed, shuffled and filtered."""
    lon, lat = sample_points(model, 300, seed=10)
    names = list(NAMED_POINTS)
    df = pd.DataFrame(
        {
            "lon": np.concatenate([[p[0] for p in NAMED_POINTS.values()], lon]),
            "lat": np.concatenate([[p[1] for p in NAMED_POINTS.values()], lat]),
        },
        index=names + [f"p{i}" for i in range(lon.size)],
    )
    shuffled = df.sample(frac=1.0, random_state=3)
    return shuffled[shuffled["lat"] > shuffled["lat"].quantile(0.1)]  # filtered: gaps in the order


def _assert_rows_right(model, joined: pd.DataFrame) -> None:
    for z in model.zone_layers:
        expected = covers(model, z, joined["lon"], joined["lat"])
        assert joined[z].to_numpy(dtype=bool).tolist() == expected.tolist(), z


def test_series_input_joins_back_to_the_right_rows(model, frame):
    out = model.classify(frame["lon"], frame["lat"])
    assert out.index.equals(frame.index)
    _assert_rows_right(model, frame.join(out))
    # sorted by latitude (the case that went wrong): still the right rows
    d2 = frame.sort_values("lat")
    _assert_rows_right(model, d2.join(model.classify(d2.lon, d2.lat)))
    assert not frame.join(out)[model.zone_layers].isna().any().any()


def test_named_points_after_a_sort(model, frame):
    d2 = frame.sort_values("lat")
    joined = d2.join(model.classify(d2.lon, d2.lat))
    for name, (lon, lat) in NAMED_POINTS.items():
        if name in joined.index:
            for z in model.zone_layers:
                assert bool(joined.loc[name, z]) == bool(covers(model, z, [lon], [lat])[0]), (name, z)


def test_geoseries_and_geodataframe_keep_index_and_crs(model, frame):
    gs = gpd.GeoSeries(gpd.points_from_xy(frame["lon"], frame["lat"]), index=frame.index, crs="EPSG:4326")
    out = model.classify(gs)
    assert out.index.equals(frame.index)
    _assert_rows_right(model, frame.join(out))
    # a GeoDataFrame in UTM 50N: its CRS is used
    x, y = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "EPSG:32650")
    gdf = gpd.GeoDataFrame({"n": range(len(frame))}, geometry=gpd.points_from_xy(x, y), index=frame.index)
    gdf = gdf.set_crs("EPSG:32650")
    out = model.classify(gdf)
    assert out.index.equals(frame.index)
    _assert_rows_right(model, frame.join(out))
    assert model.classify(gdf, crs="EPSG:32650").equals(out)  # the same CRS, said twice, is fine
    with pytest.raises(InputError, match=r"crs='EPSG:4326' contradicts the CRS of the GeoSeries/GeoDataFrame"):
        model.classify(gdf, crs="EPSG:4326")


def test_geodataframe_null_and_non_point_rows_are_na(model):
    import shapely

    gdf = gpd.GeoDataFrame(
        geometry=[shapely.Point(116.5, 39.79), None, shapely.LineString([(116.4, 39.8), (116.5, 39.9)])],
        index=["a", "b", "c"],
        crs="EPSG:4326",
    )
    out = model.classify(gdf)
    assert list(out.index) == ["a", "b", "c"]
    assert out.loc["a"].all() and out.loc["b"].isna().all() and out.loc["c"].isna().all()


def test_a_nan_point_in_a_geodataframe_has_the_status_its_geoparquet_file_gets(model, tmp_path):
    """POINT (NaN NaN) is how WKB writes an empty point: in memory or read back from GeoParquet, one status."""
    import shapely

    from avzone import batch

    geoms = [shapely.Point(116.5, 39.79), shapely.Point(float("nan"), float("nan")), shapely.Point(float("nan"), 39.8)]
    gdf = gpd.GeoDataFrame({"k": [1, 2, 3]}, geometry=geoms, crs="EPSG:4326")
    in_memory = model.classify(gdf, status=True)["status"].astype(str).tolist()
    assert in_memory == ["ok", "no point geometry", "lon not finite"]
    gdf.to_parquet(tmp_path / "p.parquet")
    assert batch.locate_file(model, tmp_path / "p.parquet", tmp_path / "o.parquet").rejected == {
        "no point geometry": 1,
        "lon not finite": 1,
    }
    assert pd.read_parquet(tmp_path / "o.parquet")["status"].tolist() == in_memory


def test_numpy_and_list_input_give_a_range_index(model):
    out = model.classify(np.array([116.5, 116.3975]), np.array([39.79, 39.9087]))
    assert isinstance(out.index, pd.RangeIndex) and list(out.index) == [0, 1]
    assert model.classify([116.5], [39.79]).index.equals(pd.RangeIndex(1))


def test_series_with_different_indexes_are_refused(model):
    a = pd.Series([116.5, 116.4], index=["x", "y"])
    b = pd.Series([39.79, 39.9], index=["y", "x"])
    with pytest.raises(InputError, match="different indexes"):
        model.classify(a, b)


@pytest.mark.parametrize("crs", ["EPSG:4326", "gcj02", "bd09"])
def test_float_series_take_the_one_pass_path_and_answer_as_the_general_path(model, frame, crs):
    # float64 Series with one index are located in one pass (their values; the index kept); their NaN stay
    # missing values and the points outside the bounds get the statuses of the general path (object Series)
    from avzone.locate import _one_pass

    x, y = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), crs)
    lon, lat = pd.Series(x, index=frame.index), pd.Series(y, index=frame.index)
    lon.iloc[[0, 5]], lat.iloc[[0, 5]] = [np.nan, 121.47], [39.8, 31.23]  # missing; far beyond the bounds
    lon.iloc[7], lat.iloc[7] = lat.iloc[8], lon.iloc[8]  # swapped
    pts, hits = _one_pass(model, lon, lat, crs, None)
    assert pts is not None and hits is not None and pts.index.equals(frame.index)
    fast = model.classify(lon, lat, crs=crs)
    general = model.classify(lon.astype(object), lat.astype(object), crs=crs)
    pd.testing.assert_frame_equal(fast, general)
    assert fast.index.equals(frame.index) and fast.iloc[[0, 7]].isna().all().all()
    assert not fast.iloc[5].isna().any() and not fast.iloc[5].any()  # a valid point in no zone
    many, ref = model.locate_many(lon, lat, crs), model.locate_many(lon.astype(object), lat.astype(object), crs)
    status = many.points.status_text()
    assert status.tolist() == ref.points.status_text().tolist()
    assert status[0] == "missing lon" and status[5] == "ok" and status[7].startswith("lon and lat look swapped")


def test_times_of_mixed_kinds_under_a_repeated_index_label(model):
    """A time column of text and datetimes (object dtype) under an index whose labels repeat, as pd.concat
    without ignore_index leaves it (classify's own docstring joins such frames back), stopped classify(times=...)
    and model.events with pandas' "cannot align with an object that has duplicate labels". Times are taken in
    order (text trimmed, two texts under one label too): each row's answer is that of the same rows under a
    RangeIndex."""
    day = pd.DataFrame(
        {
            "vehicle": "a",
            "ts": pd.Series(
                ["2024-07-01 08:00", " 2024-07-01 08:10", pd.Timestamp("2024-03-01 08:20"), None], dtype=object
            ).to_numpy(),
            "lon": [116.44, 116.46, 116.44, 116.46],
            "lat": 39.79,
        }
    )
    twice = pd.concat([day.iloc[:2], day.iloc[2:]]).set_axis(pd.Index([7, 7, 3, 3]))
    got = model.classify(twice.lon, twice.lat, times=twice.ts, status=True)
    want = model.classify(day.lon, day.lat, times=day.ts, status=True)
    assert got.index.equals(twice.index)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    assert want["in_force"].tolist() == [False, True, False, pd.NA]  # (1 March: core's stage, without (116.44, 39.79))
    assert want["status"].tolist() == ["ok", "ok", "ok", "missing time"]
    ev, ref = model.events(twice, zones=["current"]), model.events(day, zones=["current"])
    assert ev.rows.index.equals(twice.index)
    assert ev.rows["status"].tolist() == ref.rows["status"].tolist()
    assert ev.events["row_before"].tolist() == [7] and ref.events["row_before"].tolist() == [0]

"""Point-in-zone for one point and for arrays, in any coordinate system."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from common import GCJ02_EDGE, TIANANMEN, YIZHUANG_CORE, covers, edge_points
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avzone import geodesy
from avzone.crs import from_wgs84
from avzone.errors import CRSError, InputError


def _reference(model, lon, lat):
    return {z: shapely.intersects_xy(model.layer_geometry(z), lon, lat) for z in model.zone_layers}


def test_classify_equals_covers_on_and_near_every_edge_and_vertex(model):
    for layer in model.zone_layers:
        lon, lat = edge_points(model, layer)
        got = model.classify(lon, lat)
        ref = _reference(model, lon, lat)
        for z in model.zone_layers:
            mismatches = int((got[z].to_numpy(dtype=bool) != ref[z]).sum())
            assert mismatches == 0, f"{mismatches} mismatches for {z} near edges of {layer}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_classify_equals_covers_property(model, data):
    layer = data.draw(st.sampled_from(model.zone_layers))
    coords = shapely.get_coordinates(model.layer_geometry(layer).boundary)
    i = data.draw(st.integers(0, len(coords) - 2))
    t = data.draw(st.floats(0, 1))
    dx = data.draw(st.sampled_from([0.0, 1e-9, -1e-9, 1e-7, -1e-7, 1e-3, -1e-3]))
    dy = data.draw(st.sampled_from([0.0, 1e-9, -1e-9, 1e-7, -1e-7, 1e-3, -1e-3]))
    far = data.draw(st.tuples(st.floats(115.9, 117.0), st.floats(39.4, 40.4)))
    p = coords[i] + t * (coords[i + 1] - coords[i]) + np.array([dx, dy])
    lon = np.array([p[0], far[0]])
    lat = np.array([p[1], far[1]])
    got = model.classify(lon, lat)
    ref = _reference(model, lon, lat)
    for z in model.zone_layers:
        assert got[z].to_numpy(dtype=bool).tolist() == ref[z].tolist()


def test_classify_shape_order_and_nullable_result(model):
    lon = [116.50, TIANANMEN[0], np.nan, 116.5]
    lat = [39.79, TIANANMEN[1], 39.8, 95.0]
    df = model.classify(lon, lat)
    assert list(df.columns) == model.zone_layers and len(df) == 4
    assert df["current"].iloc[0] is np.True_ or df["current"].iloc[0] == True  # noqa: E712
    assert not df.loc[1].any()
    assert df.loc[2].isna().all() and df.loc[3].isna().all()
    assert str(df["current"].dtype) == "boolean"


def test_classify_any_crs_matches_wgs84(model):
    rng = np.random.default_rng(7)
    lon = rng.uniform(116.3, 116.8, 2000)
    lat = rng.uniform(39.65, 40.2, 2000)
    ref = model.classify(lon, lat)
    x, y = from_wgs84(lon, lat, "EPSG:32650")
    utm = model.classify(x, y, crs="EPSG:32650")
    # UTM round trips to within nanometres; only points that close to an edge could differ.
    assert (utm.to_numpy() != ref.to_numpy()).sum() == 0
    for crs in ("gcj02", "bd09"):
        gx, gy = from_wgs84(lon, lat, crs)
        assert (model.classify(gx, gy, crs=crs).to_numpy() != ref.to_numpy()).sum() == 0


def test_classify_length_mismatch_and_bad_crs(model):
    with pytest.raises(InputError, match=r"differ in length \(2 and 1\)"):
        model.classify([1, 2], [3])
    with pytest.raises(CRSError, match="unknown coordinate reference system 'EPSG:999999'"):
        model.classify([116.5], [39.8], crs="EPSG:999999")


def test_locate_inside_point(model):
    loc = model.locate(116.50, 39.79)
    assert loc.zones["current"] and loc.zones["planned"]
    assert loc.distance_to_edge_m["current"] == 0.0
    text = loc.summary()
    assert text.startswith("inside ") and "the 160 km² current zone" in text and "outside" not in text
    assert loc.nearest_hub["id"] == "yizhuang"


def test_locate_outside_point_distances_and_hub(model):
    loc = model.locate(*TIANANMEN)
    assert not any(loc.zones.values())
    for z in model.zone_layers:
        expected = geodesy.distance_to_boundary_m([TIANANMEN[0]], [TIANANMEN[1]], model.layer_geometry(z))[0]
        assert loc.distance_to_edge_m[z] == pytest.approx(expected)
        assert loc.distance_to_edge_m[z] > 0
    hubs = model.hubs
    d = geodesy.distance_m(TIANANMEN[0], TIANANMEN[1], hubs.geometry.x, hubs.geometry.y)
    assert loc.nearest_hub["id"] == hubs["id"].iloc[int(np.argmin(d))]
    assert loc.nearest_hub["distance_m"] == pytest.approx(float(np.min(d)), abs=0.1)
    text = loc.summary()
    assert text.startswith("outside every zone; ") and "nearest hub: " in text


def test_a_points_summary_is_written_from_the_catalogue_in_either_language(model, monkeypatch):
    """Location.summary and its Chinese form are the catalogue's sentences (avzone.i18n, summary_*): one wording
    per language, the English as it was."""
    from avzone import i18n

    loc = model.locate(116.50, 39.79, at="2024-07-01")
    assert loc.summary() == (
        "inside the 60 km² core zone, the 160 km² current zone, the 600 km² planned zone and the 1,960 km² outlook "
        "zone; 2.1 km inside the edge of the 60 km² core zone; nearest hub: Yizhuang, 7.9 km; on 2024-07-01 inside "
        "the zone in force, the 160 km² current zone"
    )
    monkeypatch.setitem(i18n.MESSAGES["en"], "summary_hub", "HUB {hub} AT {distance}")
    monkeypatch.setitem(i18n.MESSAGES["zh"], "summary_inside_edge", "边 {distance} {zone}")
    assert "; HUB Yizhuang AT 7.9 km; " in loc.summary()
    assert "；边 2.1 km 北京经开区核心区（60 km²）；最近枢纽：亦庄站，7.9 km；" in i18n.locate_summary(model, loc, "zh")


def test_locate_json_fields(model):
    doc = model.locate(116.50, 39.79).to_dict()
    assert set(doc) >= {"lon", "lat", "crs", "zones", "distance_to_edge_m", "nearest_hub"}
    assert set(doc["nearest_hub"]) == {"id", "name_en", "name_zh", "distance_m"}
    assert (doc["nearest_hub"]["name_en"], doc["nearest_hub"]["name_zh"]) == ("Yizhuang", "亦庄站")
    assert set(doc["zones"]) == set(model.zone_layers) == set(doc["distance_to_edge_m"])


def test_locate_is_the_one_point_case_of_classify(model):
    rng = np.random.default_rng(3)
    for lon, lat in zip(rng.uniform(116.3, 116.8, 25), rng.uniform(39.65, 40.2, 25)):
        row = model.classify([lon], [lat]).iloc[0]
        assert model.locate(lon, lat).zones == {z: bool(row[z]) for z in model.zone_layers}


def test_swapped_point_is_refused_with_the_fix(model):
    with pytest.raises(
        InputError, match=r"\(39\.79, 116\.5\) lies outside .* the order is lon, lat; did you mean \(116\.5, 39\.79\)"
    ):
        model.locate(39.79, 116.5)


def _gcj_flip_point(model, layer):
    """A WGS84 point just outside ``layer`` whose GCJ-02 numbers, read as WGS84, fall inside."""
    geom = model.layer_geometry(layer)
    coords = shapely.get_coordinates(shapely.segmentize(geom.boundary, 0.002))
    gx, gy = from_wgs84(coords[:, 0], coords[:, 1], "gcj02")
    shift = np.column_stack([gx - coords[:, 0], gy - coords[:, 1]])  # about +0.006, +0.001 deg here
    cand = coords - 0.5 * shift  # half an offset against the shift
    outside = ~shapely.intersects_xy(geom, cand[:, 0], cand[:, 1])
    cx, cy = from_wgs84(cand[:, 0], cand[:, 1], "gcj02")
    flips = np.flatnonzero(outside & shapely.intersects_xy(geom, cx, cy))
    assert flips.size, "no point near the edge flips under the GCJ-02 offset"
    # The flip point farthest from the edge: the clearest case.
    dist = geodesy.distance_to_boundary_m(cand[flips, 0], cand[flips, 1], geom)
    i = int(flips[np.argmax(dist)])
    return cand[i], (float(cx[i]), float(cy[i]))


def test_gcj02_point_near_edge_is_classified_outside_only_with_crs(model):
    wgs, gcj = _gcj_flip_point(model, "current")
    assert not model.classify([wgs[0]], [wgs[1]])["current"].iloc[0]
    # The GCJ-02 numbers taken as WGS84 would say "inside" ...
    assert model.locate(*gcj).zones["current"] is True
    # ... and with the right CRS the answer is "outside", the truth.
    loc = model.locate(*gcj, crs="gcj02")
    assert loc.zones["current"] is False
    assert loc.lon == pytest.approx(wgs[0], abs=1e-7) and loc.lat == pytest.approx(wgs[1], abs=1e-7)
    # Offsets are several hundred metres, enough to flip a point this far from the edge.
    assert 100 < loc.distance_to_edge_m["current"] < 1000


def test_classify_equals_covers_on_a_million_random_points(model):
    geoms = [model.layer_geometry(z) for z in model.zone_layers]
    w, s, e, n = shapely.total_bounds(geoms)
    mx, my = 0.05 * (e - w), 0.05 * (n - s)
    rng = np.random.default_rng(2024)
    lon = rng.uniform(w - mx, e + mx, 1_000_000)
    lat = rng.uniform(s - my, n + my, 1_000_000)
    got = model.classify(lon, lat)
    for z, g in zip(model.zone_layers, geoms):
        ref = shapely.covers(g, shapely.points(lon, lat))
        assert int((got[z].to_numpy(dtype=bool) != ref).sum()) == 0, z
        assert 0 < ref.sum() < ref.size  # the sample straddles the zone


def test_far_away_point_gets_a_real_distance(model):
    loc = model.locate(18.0, 0.0)  # central Africa: beyond the local projection's reach
    geom = model.layer_geometry("outlook")
    coords = shapely.get_coordinates(shapely.segmentize(geom.boundary, 0.002))
    _, _, d = geodesy.GEOD.inv(np.full(len(coords), 18.0), np.zeros(len(coords)), coords[:, 0], coords[:, 1])
    assert loc.distance_to_edge_m["outlook"] == pytest.approx(float(d.min()), rel=1e-9)
    assert 10_000_000 < loc.distance_to_edge_m["outlook"] < 11_000_000
    assert "nan" not in loc.summary()


@pytest.mark.parametrize(("x", "y", "crs"), [(0, 6718, "bd09"), (200, 40, "gcj02"), (116.5, np.inf, "EPSG:4326")])
def test_impossible_positions_are_refused_plainly(model, x, y, crs):
    with pytest.raises(InputError, match="is not a valid position: longitude must be within ±180"):
        model.locate(x, y, crs=crs)


def test_the_readme_gcj02_edge_point(model):
    """The README's copied-from-Amap point: converted once, membership as the polygons say of the WGS84 point."""
    loc = model.locate(*GCJ02_EDGE, crs="gcj02")
    for z in model.zone_layers:
        assert loc.zones[z] == bool(covers(model, z, [loc.lon], [loc.lat])[0]), z
    as_wgs84 = model.locate(*GCJ02_EDGE)
    assert (loc.lon, loc.lat) != (as_wgs84.lon, as_wgs84.lat)


def test_gcj02_point_converted_once(model, monkeypatch):
    import avzone.points as points

    calls = []
    real = points.to_wgs84

    def counting(x, y, crs):
        calls.append(np.size(x))
        return real(x, y, crs)

    monkeypatch.setattr(points, "to_wgs84", counting)
    model.locate(*YIZHUANG_CORE, crs="gcj02")
    assert calls == [1]
    calls.clear()
    model.locate_many([116.5, 116.6, 116.7], [39.79, 39.8, 39.9], crs="gcj02", distances=True)
    assert calls == [3]


def test_one_bad_point_does_not_fail_the_array(model):
    out = model.classify([1e10, 116.5], [0, 39.79], crs="bd09")
    assert out.iloc[0].isna().all() and not out.iloc[1].isna().any()
    res = model.locate_many([1e10, 116.5], [0, 39.79], crs="bd09")
    assert res.points.status_text().tolist() == ["lon out of range [-180, 180]", "ok"]


def test_float_arrays_with_points_outside_the_bounds_answer_as_the_general_path(model):
    # float64 arrays take the one-pass path; with points outside the bounds (NaN, swapped,
    # out of range) its answers must still equal those of the general path (lists) and covers
    import shapely

    rng = np.random.default_rng(7)
    lon = rng.uniform(116.0, 117.0, 500)
    lat = rng.uniform(39.5, 40.3, 500)
    lon[:4], lat[:4] = [np.nan, 39.79, 200.0, 116.5], [39.8, 116.5, 39.8, np.inf]
    fast = model.locate_many(lon, lat)
    general = model.locate_many(lon.tolist(), lat.tolist())
    assert fast.points.status_text().tolist() == general.points.status_text().tolist()
    assert (fast.hits == general.hits).all()
    ok = fast.points.ok
    for j, z in enumerate(model.zone_layers):
        expected = shapely.covers(model.layer_geometry(z), shapely.points(lon[ok], lat[ok]))
        assert (fast.hits[ok, j] == expected).all(), z


@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
@pytest.mark.parametrize("threads", [1, 2])
def test_gcj02_and_bd09_float_arrays_answer_as_the_general_path(model, crs, threads):
    # GCJ-02 / BD-09 float64 arrays are converted (in parts across threads) and located in one pass; the points
    # outside the bounds get their statuses as the general path makes them: the same statuses, positions and hits
    from avzone.crs import from_wgs84
    from avzone.locate import located_one_pass

    rng = np.random.default_rng(11)
    n = 3 * (1 << 16) + 5  # (several parts of a conversion split across threads)
    x, y = from_wgs84(rng.uniform(116.0, 117.0, n), rng.uniform(39.5, 40.3, n), crs)
    general = model.locate_many(pd.Series(x, dtype=object), pd.Series(y, dtype=object), crs=crs)
    one_pass = located_one_pass(model, x, y, crs, threads=threads)
    assert one_pass is not None and general.points.ok.all()
    np.testing.assert_array_equal(one_pass.points.lon, general.points.lon)
    np.testing.assert_array_equal(one_pass.points.lat, general.points.lat)
    assert (one_pass.hits == general.hits).all() and one_pass.points.ok.all()
    assert (model.locate_many(x, y, crs=crs, threads=threads).hits == general.hits).all()
    x[:3], y[:3] = [np.nan, y[3], 1e10], [39.8, x[3], 0.0]  # missing, swapped, out of range: made as the general
    x[3:6], y[3:6] = [121.47, 0.0, 116.4], [31.23, 0.0, 39.3]  # path makes them; valid points beyond the bounds
    assert located_one_pass(model, x, y, crs, threads=threads) is not None
    fast = model.locate_many(x, y, crs=crs, threads=threads)
    general = model.locate_many(x.tolist(), y.tolist(), crs=crs)
    assert fast.points.status_text().tolist() == general.points.status_text().tolist()
    np.testing.assert_array_equal(fast.points.lon, general.points.lon)
    np.testing.assert_array_equal(fast.points.lat, general.points.lat)
    assert fast.points.status_text()[:3].tolist() == [
        "missing lon",
        general.points.status_text()[1],
        "lon out of range [-180, 180]",
    ] and general.points.status_text()[1].startswith("lon and lat look swapped")
    assert (fast.hits == general.hits).all()


def test_locate_takes_decimals_and_fractions_as_numbers(model):
    """A database's numeric column comes back as Decimal (psycopg, SQLAlchemy): model.locate refused
    Decimal('116.5') as "the point must be two numbers", though classify took a column of them; any real
    number is a coordinate now, and a Decimal NaN is a NaN number: a missing value, as in classify."""
    from decimal import Decimal
    from fractions import Fraction

    want = model.locate(*YIZHUANG_CORE).to_dict()
    lon, lat = YIZHUANG_CORE
    assert model.locate(Decimal(str(lon)), Decimal(str(lat))).to_dict() == want
    assert model.locate(Fraction(str(lon)), Fraction(str(lat))).to_dict() == want
    with pytest.raises(InputError, match=r"\(missing lon\)"):
        model.locate(Decimal("NaN"), Decimal(str(lat)))
    with pytest.raises(InputError, match=r"the point must be two numbers \(lon, lat\), got True, 39"):
        model.locate(True, 39)


@pytest.mark.parametrize("scale", [10**5, 10**6, 10**7])
def test_one_point_in_scaled_degrees_says_to_divide(model, scale: int):
    """A vehicle terminal's integer degrees (JT/T 808: millionths) given as one point were only "not a valid
    position"; a file of them is told to divide first, and so is the point now (in Chinese too)."""
    lon, lat = (round(v * scale) for v in YIZHUANG_CORE)
    with pytest.raises(InputError) as info:
        model.locate(lon, lat)
    shown = f"{scale:,}"
    assert str(info.value) == (
        f"({float(lon)}, {float(lat)}) in EPSG:4326 is not a valid position (lon out of range [-180, 180]; lat out "
        f"of range [-90, 90]), but divided by {shown} it lies in the dataset's area: these look like degrees times "
        f"{shown} (as vehicle terminals report them; JT/T 808 in millionths of a degree); divide them by {shown} first"
    )
    zh = info.value.args[0].text("zh")
    assert zh.startswith(f"EPSG:4326（WGS84 经纬度）中的 ({float(lon)}, {float(lat)}) 不是有效的位置")
    assert f"除以 {shown} 后在数据集覆盖的区域内" in zh


@pytest.mark.parametrize("crs", ["EPSG:32650", "EPSG:4548", "gcj02merc"])
def test_one_projected_point_northing_first_is_told_easting_first(model, crs: str):
    """Survey X/Y (northing first) in a projected CRS were told "the order is lon, lat": metres have an
    easting and a northing; the message says so and names the CRS, and the command line's fix keeps --crs."""
    from common import run_cli

    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    with pytest.raises(InputError) as info:
        model.locate(y, x, crs)
    assert str(info.value) == (
        f"({y}, {x}) in {crs} lies outside the dataset's area, but ({x}, {y}) lies inside it: the order is "
        f"easting, northing (x, y); did you mean ({x}, {y})?"
    )
    assert info.value.args[0].text("zh").endswith(f"坐标的顺序是东坐标、北坐标 (x, y)；您是想输入 ({x}, {y}) 吗？")
    run = run_cli("locate", repr(y), repr(x), "--crs", crs)
    assert run.returncode == 2 and run.stderr.endswith(f"  try: avzone locate {x!r} {y!r} --crs {crs}\n"), run.stderr


def test_arrow_nulls_and_nans_are_missing(model):
    """A pyarrow array's null is a missing value, as a Parquet file job and a pandas Series have it; it was read
    as NaN, "lon not finite". A NaN value in the array in memory is missing too, as in a list, a numpy array or a
    Series (a Parquet file's stored NaN stays not finite); a null text cell is missing too (Arrow in, an Arrow
    table out)."""
    import pyarrow as pa

    lons = pa.array([116.5, None, float("nan"), 116.5])
    lats = pa.array([39.79, 39.8, 39.8, None])
    want = ["ok", "missing lon", "missing lon", "missing lat"]
    assert model.classify(lons, lats, status=True)["status"].to_pylist() == want
    chunked = pa.chunked_array([lons[:2], lons[2:]]), pa.chunked_array([lats[:1], lats[1:]])
    assert model.classify(*chunked, status=True)["status"].to_pylist() == want
    text = pa.array(["116.5", None]), pa.array(["39.79", "39.8"])
    assert model.classify(*text, status=True)["status"].to_pylist() == ["ok", "missing lon"]

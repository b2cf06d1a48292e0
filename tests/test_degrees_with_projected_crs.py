"""Lon/lat degrees given with a projected CRS: a status (or an error) at every entry point, never "in no zone".

``crs="EPSG:3857"`` (or UTM 50N, or CGCS2000 Gauss-Kruger) given for lon/lat
numbers puts Beijing's points within metres of (0, 0): every answer would be
a plausible-looking False.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyproj
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.points import DEGREES, DEGREES_TEXT, OK, SWAPPED_TEXT

PROJECTED = ["EPSG:3857", "EPSG:32650", "EPSG:4548"]
INSIDE = (116.5, 39.8)  # in every zone layer (WGS84)


def _utm(lon: float, lat: float) -> tuple[float, float]:
    return pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True).transform(lon, lat)


@pytest.mark.parametrize("crs", PROJECTED)
def test_degrees_in_a_projected_crs_get_their_status_not_false(model, crs):
    rng = np.random.default_rng(3)
    lon = np.concatenate([rng.uniform(116.3, 116.7, 50), [116.5]])
    lat = np.concatenate([rng.uniform(39.7, 40.0, 50), [39.8]])
    res = model.locate_many(lon, lat, crs=crs)
    assert (res.points.codes == DEGREES).all()
    assert set(res.points.status_text()) == {DEGREES_TEXT}
    assert not res.hits.any()
    frame = model.classify(pd.Series(lon, index=np.arange(51) * 10), pd.Series(lat, index=np.arange(51) * 10), crs)
    assert frame.isna().all().all() and list(frame.index) == list(np.arange(51) * 10)


def test_real_projected_points_inside_and_far_away_keep_their_answers(model):
    x, y = _utm(*INSIDE)
    far_x, far_y = 500000.0, 10.0  # UTM 50N: on the equator, thousands of km away, and not degrees
    near_origin = (116.5, 400.0)  # y is no latitude: not degrees either
    res = model.locate_many([x, far_x, near_origin[0]], [y, far_y, near_origin[1]], crs="EPSG:32650")
    assert res.points.codes.tolist() == [OK, OK, OK]
    assert res.hits[0].all() and not res.hits[1:].any()
    # geographic input is never "degrees" (it is): far WGS84, GCJ-02 and BD-09 points are simply outside
    for crs in ("EPSG:4326", "gcj02", "bd09"):
        assert model.locate_many([10.0], [10.0], crs=crs).points.codes.tolist() == [OK]


def test_degrees_lat_first_in_a_projected_crs_are_degrees_too(model, tmp_path):
    """(lat, lon) degrees with a projected CRS are as far from their place as (lon, lat) ones: not a silent 'ok'."""
    res = model.locate_many([39.8, 39.8], [116.5, 116.5], crs="EPSG:3857")
    assert res.points.status_text().tolist() == [DEGREES_TEXT] * 2 and not res.hits.any()
    assert DEGREES_TEXT.endswith("inside it read as WGS84 lon/lat (lon first or lat first)")
    with pytest.raises(InputError) as err:
        model.locate(39.8, 116.5, crs="EPSG:3857")
    assert str(err.value).startswith(
        "(39.8, 116.5) in EPSG:3857 lies outside the dataset's area, but read as WGS84 lat/lon (lat first) it lies "
        "inside it: these look like degrees, lat first; give the CRS they are in (EPSG:4326 for WGS84, gcj02, bd09) "
        "and lon first"
    )
    src = tmp_path / "xy.csv"  # X holding latitude (as Chinese surveying writes it), Y longitude, and a metre CRS
    src.write_text("X,Y\n39.79,116.5\n39.9,116.4\n40.0,116.3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"but 100% do read as WGS84 lon/lat \(lon first or lat first\)"):
        locate_file(model, src, tmp_path / "out.csv", crs="EPSG:3857", lon_col="X", lat_col="Y")
    assert not (tmp_path / "out.csv").exists()
    # and swapped WGS84 keeps the swapped status
    assert model.locate_many([39.8], [116.5]).points.status_text().tolist() == [SWAPPED_TEXT]


def test_one_point_is_an_error_saying_so(model):
    with pytest.raises(InputError, match=r"\(116\.5, 39\.8\) in EPSG:3857 lies outside .* read as WGS84 lon/lat"):
        model.locate(*INSIDE, crs="EPSG:3857")
    out = run_cli("locate", "116.5", "39.8", "--crs", "EPSG:32650")
    assert out.returncode == 2 and "in EPSG:32650 lies outside the dataset's area" in out.stderr
    assert "EPSG:4326" in out.stderr
    zh = run_cli("--lang", "zh", "locate", "116.5", "39.8", "--crs", "EPSG:3857")
    assert zh.returncode == 2 and "以度为单位的经纬度" in zh.stderr
    x, y = _utm(*INSIDE)
    fine = run_cli("locate", repr(x), repr(y), "--crs", "EPSG:32650", "--json")
    assert fine.returncode == 0 and all(json.loads(fine.stdout)["zones"].values())


def test_http_answers_say_so(model):
    from starlette.testclient import TestClient

    from avzone.service.app import create_app

    client = TestClient(create_app(model))
    one = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.8, "crs": "EPSG:3857"})
    assert one.status_code == 422 and "read as WGS84 lon/lat it lies inside it" in one.json()["detail"]
    many = client.post("/v1/locate", params={"crs": "EPSG:3857"}, json=[[116.5, 39.8], [12968000.0, 4837000.0]])
    results = many.json()["results"]
    assert [r["status"] for r in results] == [DEGREES_TEXT, "ok"]
    assert results[0]["zones"] is None and all(results[1]["zones"].values())


def test_a_file_of_degrees_with_a_projected_crs_is_refused_before_writing(tmp_path):
    src = tmp_path / "trips.csv"
    src.write_text("lon,lat\n116.5,39.8\n116.4,39.9\n116.6,39.75\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:3857")
    assert out.returncode == 2 and not dst.exists()
    assert "only 0% of the points fall in the dataset's area in EPSG:3857, but 100% do read as WGS84" in out.stderr
    assert "--crs EPSG:4326" in out.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:3857")
    assert zh.returncode == 2 and "这些列看起来是以度为单位的经纬度" in zh.stderr


def test_a_few_degree_rows_in_a_projected_file_get_the_status(tmp_path):
    x, y = _utm(*INSIDE)
    rows = [f"{x},{y}"] * 3 + ["116.5,39.8"]  # one row in degrees among UTM rows
    src = tmp_path / "utm.csv"
    src.write_text("x,y\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:32650")
    assert out.returncode == 0, out.stderr
    got = pd.read_csv(dst, dtype=str)
    assert got["status"].tolist() == ["ok"] * 3 + [DEGREES_TEXT]
    assert got["in_current"].tolist()[:3] == ["true"] * 3 and pd.isna(got["in_current"].iloc[3])
    assert f"1: {DEGREES_TEXT}" in out.stderr


@pytest.mark.parametrize("chunk_rows", ["1000000", "1"])
def test_events_give_such_fixes_the_status_in_the_library_and_the_file_job(model, tmp_path, chunk_rows):
    df = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a"],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02"],
            "lon": [116.50, 116.51, 116.52],
            "lat": [39.80, 39.79, 39.78],
        }
    )
    lib = model.events(df, crs="EPSG:3857")
    assert lib.rows.status.astype(str).tolist() == [DEGREES_TEXT] * 3 and not lib.rows.used.any()
    src, dst, ann = tmp_path / "fixes.csv", tmp_path / "events.csv", tmp_path / "rows.csv"
    df.to_csv(src, index=False)
    args = ["events", "--input", str(src), "--output", str(dst), "--crs", "EPSG:3857", "--annotate", str(ann)]
    refused = run_cli(*args, "--chunk-rows", chunk_rows)  # a file of them: refused, as avzone locate refuses it
    assert refused.returncode == 2 and "the columns look like degrees" in refused.stderr and not dst.exists()
    # one such fix among fixes in metres: its row gets the status
    metres = [_projected("EPSG:3857", lon, lat) for lon, lat in zip(df.lon, df.lat)]
    mixed = pd.concat([df.assign(lon=[m[0] for m in metres], lat=[m[1] for m in metres]), df.iloc[[1]]])
    mixed.assign(ts=[*df.ts, "2024-07-01 08:03"]).to_csv(src, index=False)
    out = run_cli(*args, "--chunk-rows", chunk_rows)
    assert out.returncode == 0, out.stderr
    assert pd.read_csv(ann, dtype=str)["status"].tolist() == ["ok"] * 3 + [DEGREES_TEXT]
    assert f"1: {DEGREES_TEXT}" in out.stderr


# -- the other way round: projected metres given as lon/lat (no --crs) -----------------------------------------
def _projected(crs: str, lon: float, lat: float) -> tuple[float, float]:
    return pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform(lon, lat)


@pytest.mark.parametrize(
    ("crs", "named"),
    [
        ("EPSG:3857", "EPSG:3857 (Web Mercator)"),
        ("EPSG:32650", "EPSG:32650 (WGS 84 / UTM zone 50N) or EPSG:4548"),
        ("EPSG:4548", "EPSG:32650 (WGS 84 / UTM zone 50N) or EPSG:4548"),  # (the two differ by metres)
        ("EPSG:4527", "EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)"),
    ],
)
def test_metres_without_their_crs_are_named_for_one_point_and_a_file(model, tmp_path, crs, named):
    x, y = _projected(crs, *INSIDE)
    with pytest.raises(InputError, match="look like projected metres") as err:
        model.locate(x, y)
    assert f"read as {named}" in str(err.value) and "out of range" in str(err.value)
    out = run_cli("locate", repr(x), repr(y))
    assert out.returncode == 2 and f"read as {named}" in out.stderr
    # the CRSs it names include the one that gives the answer; two are named together, with no pick
    assert f"--crs {crs}" in out.stderr
    assert (" or " in named) == ("give the one the coordinates were made in" in out.stderr)
    fine = run_cli("locate", repr(x), repr(y), "--crs", crs, "--json")
    assert fine.returncode == 0 and all(json.loads(fine.stdout)["zones"].values())
    rng = np.random.default_rng(1)
    pts = [_projected(crs, lon, lat) for lon, lat in zip(rng.uniform(116.3, 116.7, 20), rng.uniform(39.7, 40.0, 20))]
    src, dst = tmp_path / "metres.csv", tmp_path / "out.csv"
    src.write_text("x,y\n" + "".join(f"{a},{b}\n" for a, b in pts), encoding="utf-8")
    job = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert job.returncode == 2 and not dst.exists()
    assert f"100% of the points are out of range as lon/lat in EPSG:4326, but read as {named}" in job.stderr
    assert "run again with --crs EPSG:" in job.stderr and f"--crs {crs}" in job.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert zh.returncode == 2 and "以米为单位的投影坐标" in zh.stderr
    assert (" or " in named) == ("--crs EPSG:32650 或 --crs EPSG:4548" in zh.stderr) and " or " not in zh.stderr


def test_numbers_no_projection_explains_stay_plain_out_of_range(model, tmp_path):
    with pytest.raises(InputError, match="not a valid position: longitude must be within") as err:
        model.locate(500.0, 300.0)
    assert "metres" not in str(err.value)
    src, dst = tmp_path / "bad.csv", tmp_path / "out.csv"
    src.write_text("lon,lat\n500,300\n116.5,39.8\n", encoding="utf-8")
    job = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert job.returncode == 0, job.stderr
    assert pd.read_csv(dst, dtype=str)["status"].tolist() == [
        "lon out of range [-180, 180]; lat out of range [-90, 90]",
        "ok",
    ]


@pytest.mark.parametrize(
    ("crs", "named"),
    [
        ("EPSG:4548", "EPSG:32650 (WGS 84 / UTM zone 50N) or EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E)"),
        ("EPSG:4527", "EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)"),
    ],
)
def test_metres_northing_first_are_named_with_the_columns_to_swap(model, tmp_path, crs, named):
    # Chinese survey data writes X for the northing and Y for the easting: columns X and Y are found as lon and lat,
    # every row was "out of range" and the job ended well (exit 0) without a word of what the numbers are
    rng = np.random.default_rng(2)
    pts = [_projected(crs, lon, lat) for lon, lat in zip(rng.uniform(116.3, 116.7, 20), rng.uniform(39.7, 40.0, 20))]
    src, dst = tmp_path / "survey.csv", tmp_path / "out.csv"
    src.write_text("X,Y\n" + "".join(f"{n},{e}\n" for e, n in pts), encoding="utf-8")
    job = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert job.returncode == 2 and not dst.exists()
    assert (
        f"avzone: error: {src}: 100% of the points are out of range as lon/lat in EPSG:4326, but read as " in job.stderr
    )
    assert (
        f"{named} with the columns swapped (northing in 'X', easting in 'Y', as Chinese survey data writes X and Y) "
        "100% fall in the dataset's area: the columns look like projected metres, northing first; run again with "
        "--lon-col Y --lat-col X and --crs "
    ) in job.stderr
    assert f"--crs {crs}" in job.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert zh.returncode == 2
    assert "两列互换（'X' 为北坐标、'Y' 为东坐标，如测绘数据的 X、Y）后按" in zh.stderr
    assert "这些列看起来是北坐标在前的以米为单位的投影坐标；请加上 --lon-col Y --lat-col X 和 --crs" in zh.stderr
    # as the message says: every point in its place
    fine = run_cli(
        "locate", "--input", str(src), "--output", str(dst), "--lon-col", "Y", "--lat-col", "X", "--crs", crs
    )
    assert fine.returncode == 0 and "0 rows could not be classified" in fine.stderr


@pytest.mark.parametrize("scale", [100_000, 1_000_000, 10_000_000])
def test_degrees_times_a_power_of_ten_are_named(model, tmp_path, scale):
    # vehicle terminals report degrees as integers (JT/T 808: millionths of a degree): every row was "out of range"
    # and the job ended well (exit 0) without a word of what the numbers are
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(116.3, 116.7, 20), rng.uniform(39.7, 40.0, 20)
    src, dst = tmp_path / "terminal.csv", tmp_path / "out.csv"
    src.write_text("lon,lat\n" + "".join(f"{round(a * scale)},{round(b * scale)}\n" for a, b in zip(lon, lat)))
    job = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert job.returncode == 2 and not dst.exists()
    n = f"{scale:,}"
    assert job.stderr.strip() == (
        f"avzone: error: {src}: 100% of the points are out of range as lon/lat in EPSG:4326, but divided by {n} "
        f"100% fall in the dataset's area: the columns look like degrees times {n} (as vehicle terminals report "
        f"them; JT/T 808 in millionths of a degree); divide them by {n} first"
    )
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert zh.returncode == 2 and zh.stderr.strip() == (
        f"avzone: 错误：{src}：按 EPSG:4326（WGS84 经纬度）作为经纬度有 100% 的点超出范围，"
        f"而除以 {n} 后有 100% 的点落在数据集覆盖的区域内：这些列看起来是乘以了 {n} 的度数"
        f"（车载终端常这样上报；JT/T 808 以百万分之一度为单位）；请先将它们除以 {n}"
    )


def test_one_point_of_metres_northing_first_is_named(model):
    # as a file of them is (above): the northing and easting of Chinese survey data, typed X first
    e, n = _projected("EPSG:4527", *INSIDE)
    with pytest.raises(InputError) as err:
        model.locate(n, e)
    assert str(err.value) == (
        f"({n}, {e}) in EPSG:4326 is not a valid position (lon out of range [-180, 180]; lat out of range [-90, 90]), "
        f"but read northing first, as ({e}, {n}), in EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39) it lies "
        "in the dataset's area: these look like projected metres, northing first; give them easting first, "
        "with their CRS (crs='EPSG:4527')"
    )
    out = run_cli("--lang", "zh", "locate", repr(n), repr(e))
    assert out.returncode == 2 and out.stderr.strip().endswith(
        f"但按北坐标在前读，即 ({e}, {n})，按 EPSG:4527（CGCS2000 / 3 度带高斯-克吕格第 39 带，中央经线 117E，"
        "东坐标含带号）则在数据集覆盖的区域内："
        "这看起来是北坐标在前的以米为单位的投影坐标；请先写东坐标，并给出它们的坐标系（--crs EPSG:4527）"
    )

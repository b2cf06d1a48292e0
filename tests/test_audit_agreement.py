"""The same points give the same answers and statuses from every entry point.

One catalogue of awkward WGS84 points (every zone's vertices, points on its edges and a hair either side of
them, the outlook's hole and its ring, points beyond the dataset's bounds, random points) and of bad values
(NaN, None, inf, text, out of range), given to ``model.classify`` (Series, a DataFrame found by its column
names, a GeoDataFrame; indexes repeated, unsorted, of text, of times, a MultiIndex), ``model.locate_many``,
``model.locate``, ``model.events``, ``avzone locate`` (one point; a CSV file in GBK or UTF-8 with a BOM,
with Chinese column names and extra columns of mixed types; Parquet; GeoJSON; GeoParquet in EPSG:3857,
EPSG:4490 and UTM 50N), ``avzone events`` and ``GET``/``POST /v1/locate``: each answer must be the
reference's (``shapely.covers`` of the WGS84 point), each status the same text, with the input's index,
rows, columns and encoding kept. Also: ``avzone area`` and ``avzone growth`` print the library's figures,
every command that takes points reads them in ``--crs``, and inputs that cannot be read are said to be what
they are (a pipe, a Parquet file that cannot be opened to look at, a folder that may not be listed, GBK text
behind a UTF-8 BOM), one point's line grouping its figures as every other line does.
"""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely
from common import edge_catalogue, run_cli, sample_points

import avzone
from avzone.crs import from_wgs84

SEED = 20261204


# -- the catalogue ----------------------------------------------------------------------------------------------
def _catalogue(model: avzone.Model) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 points where an answer flips or a reader may slip: the shared edge catalogue
    (:func:`common.edge_catalogue`: vertices, edge points and points 1e-9 degree either side of them, the hole
    of the outlook and its ring), points beyond the dataset's bounds, random points over the zones."""
    ex, ey = edge_catalogue(model, SEED, per_layer=12, offsets=(1e-9,), holes=True)
    w, s, e, n = model.bounds
    bx = np.array([w - 0.5, e + 0.5, (w + e) / 2, (w + e) / 2, 100.0, -73.9])
    by = np.array([(s + n) / 2, (s + n) / 2, s - 0.5, n + 0.5, 30.0, 40.7])
    rx, ry = sample_points(model, 60, seed=SEED)
    return np.concatenate([ex, bx, rx]), np.concatenate([ey, by, ry])


@pytest.fixture(scope="module")
def catalogue(model: avzone.Model) -> dict[str, Any]:
    lon, lat = _catalogue(model)
    ref = {z: shapely.covers(model.layer_geometry(z), shapely.points(lon, lat)) for z in model.zone_layers}
    return {"lon": lon, "lat": lat, "ref": ref}


def answers(frame: pd.DataFrame, zones: list[str], prefix: str = "") -> dict[str, list[Any]]:
    """Each zone's answers as True, False or None (missing), whatever the column's type."""

    def one(v: Any) -> Any:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v == "":
            return None
        return {"true": True, "false": False}.get(str(v).lower(), v) if isinstance(v, str) else bool(v)

    return {z: [one(v) for v in frame[prefix + z].tolist()] for z in zones}


def reference(catalogue: dict[str, Any], zones: list[str]) -> dict[str, list[Any]]:
    return {z: [bool(v) for v in catalogue["ref"][z]] for z in zones}


INDEXES = {
    "repeated": lambda n: pd.Index([i % 7 for i in range(n)]),
    "unsorted": lambda n: pd.Index(np.random.default_rng(1).permutation(n) * 3 + 5),
    "text": lambda n: pd.Index([f"行{i}" for i in range(n)], name="行号"),
    "times": lambda n: pd.date_range("2024-01-01", periods=n, freq="h", tz="Asia/Shanghai"),
    "multi": lambda n: pd.MultiIndex.from_arrays([[i % 3 for i in range(n)], [f"k{i}" for i in range(n)]]),
}


# -- the library's inputs -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(INDEXES))
def test_every_library_input_gives_the_reference_answer_and_keeps_the_index(model, catalogue, kind):
    lon, lat = catalogue["lon"], catalogue["lat"]
    zones = list(model.zone_layers)
    index = INDEXES[kind](lon.size)
    extra = pd.Series(["文本", 1, 2.5, None, True, b"x"] * (lon.size // 6 + 1), dtype=object).iloc[: lon.size]
    df = pd.DataFrame({"编号": extra.to_numpy(), "经度": lon, "纬度": lat}, index=index)
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    got = {
        "Series": model.classify(df["经度"], df["纬度"], status=True),
        "DataFrame": model.classify(df, status=True),
        "GeoDataFrame": model.classify(gdf, status=True),
        "GeoSeries": model.classify(gdf.geometry, status=True),
        "locate_many": model.locate_many(df).frame(),
        "text cells": model.classify(df.astype({"经度": str, "纬度": str}), status=True),
    }
    want = reference(catalogue, zones)
    for what, frame in got.items():
        assert frame.index.equals(index), what
        assert answers(frame, zones) == want, what
        if "status" in frame:
            assert set(frame["status"].astype(str)) == {"ok"}, what
    # one point at a time: the same answers (a sample: each is a call)
    for i in np.random.default_rng(SEED).choice(lon.size, 25, replace=False):
        loc = model.locate(float(lon[i]), float(lat[i]))
        assert loc.zones == {z: want[z][i] for z in zones}, i


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:4490", "EPSG:32650"])
def test_a_geodataframe_in_its_crs_answers_as_its_numbers_given_with_crs_and_as_its_geoparquet(
    model, catalogue, tmp_path, crs
):
    # the same numbers three ways: a GeoDataFrame in its CRS, its x and y with crs=, its GeoParquet file
    lon, lat = catalogue["lon"], catalogue["lat"]
    zones = list(model.zone_layers)
    gdf = gpd.GeoDataFrame(
        {"名称": [f"点{i}" for i in range(lon.size)]}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326"
    ).to_crs(crs)
    gdf.index = INDEXES["unsorted"](lon.size)
    own = model.classify(gdf, status=True)
    given = model.classify(gdf.geometry.x, gdf.geometry.y, crs=crs, status=True)
    assert own.index.equals(gdf.index) and given.index.equals(gdf.index)
    assert answers(own, zones) == answers(given, zones)
    assert own["status"].astype(str).tolist() == given["status"].astype(str).tolist()
    src = tmp_path / "points.parquet"
    gdf.to_parquet(src)
    for ext in ("parquet", "csv", "geojson"):
        out = tmp_path / f"out.{ext}"
        done = run_cli("locate", "--input", str(src), "--output", str(out))
        assert done.returncode == 0, done.stderr
        if ext == "parquet":
            back = gpd.read_parquet(out)
            assert back.crs == gdf.crs  # (its geometries and their CRS as they were)
            assert shapely.equals_exact(back.geometry.values, gdf.geometry.values, 0).all()
            assert back.index.equals(gdf.index)  # (the index pandas wrote in the file, kept)
        elif ext == "csv":
            back = pd.read_csv(out, dtype=str, keep_default_na=False)
        else:
            back = gpd.read_file(out)
        assert back["名称"].tolist() == gdf["名称"].tolist(), ext
        assert answers(back, zones, "in_") == answers(own, zones), ext
        assert back["status"].tolist() == own["status"].astype(str).tolist(), ext


# -- bad values: the same status text everywhere -------------------------------------------------------------------
#: (lon cell, lat cell) as a CSV file writes them, and the values a DataFrame in memory holds for them.
BAD_CELLS = [
    ("", "39.8", None, 39.8),
    ("116.5", "", 116.5, None),
    ("abc", "39.8", "abc", 39.8),
    ("116.5", "inf", 116.5, float("inf")),
    ("200", "39.8", 200.0, 39.8),
    ("116.5", "95", 116.5, 95.0),
    ("", "oops", None, "oops"),
    ("39.79", "116.5", 39.79, 116.5),
]


def _bad_frame(model: avzone.Model, lon_name: str, lat_name: str) -> tuple[pd.DataFrame, list[list[str]]]:
    """Good rows with the bad ones between them, as a DataFrame (values) and as CSV cells."""
    rng = np.random.default_rng(SEED)
    gx, gy = sample_points(model, 40, seed=SEED + 1)
    rows: list[tuple[Any, Any]] = [(float(a), float(b)) for a, b in zip(gx, gy, strict=True)]
    cells = [[repr(a), repr(b)] for a, b in rows]
    for cx, cy, vx, vy in BAD_CELLS:
        at = int(rng.integers(0, len(rows)))
        rows.insert(at, (vx, vy))
        cells.insert(at, [cx, cy])
    df = pd.DataFrame(
        {"备注": [f"第{i}行" for i in range(len(rows))], lon_name: [r[0] for r in rows], lat_name: [r[1] for r in rows]}
    )
    return df.astype({lon_name: object, lat_name: object}), cells


@pytest.mark.parametrize(("lon_name", "lat_name"), [("经度", "纬度"), ("lng", "latitude"), ("lon", "lat")])
def test_a_frame_s_statuses_name_its_columns_as_the_file_job_names_the_file_s(model, tmp_path, lon_name, lat_name):
    # model.classify(df) and model.events(df) said "missing lon" of a column 经度 where avzone locate --input and
    # avzone events --input say "missing 经度" of the same rows: the frame's columns are named, as the file's are
    df, cells = _bad_frame(model, lon_name, lat_name)
    src = tmp_path / "bad.csv"
    lines = [f"备注,{lon_name},{lat_name}"] + [f"{r},{a},{b}" for r, (a, b) in zip(df["备注"], cells, strict=True)]
    src.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    done = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stderr
    file_status = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False, encoding="gbk")["status"]
    assert any(lon_name in s for s in file_status)  # (the test has the rows it is about)
    frame = model.classify(df, status=True)
    assert frame["status"].astype(str).tolist() == file_status.tolist()
    series = model.classify(df[lon_name], df[lat_name], status=True)
    assert series["status"].astype(str).tolist() == file_status.tolist()
    assert model.locate_many(df).status_text().tolist() == file_status.tolist()
    # the same rows as fixes of one vehicle: model.events and avzone events --annotate
    fixes = df.assign(车辆="京A·1", ts=pd.date_range("2024-11-01 08:00", periods=len(df), freq="min").astype(str))
    ev = model.events(fixes, id="车辆", time="ts", lon=lon_name, lat=lat_name)
    fixes.to_csv(tmp_path / "fixes.csv", index=False, encoding="utf-8-sig")
    # (the CSV keeps the cells as they were written: the values in memory written back)
    done = run_cli(
        "events", "--input", str(tmp_path / "fixes.csv"), "--output", str(tmp_path / "ev.csv"),
        "--id-col", "车辆", "--time-col", "ts", "--annotate", str(tmp_path / "rows.csv"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    annotated = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert ev.rows["status"].tolist() == annotated["status"].tolist() == file_status.tolist()


def test_float_columns_of_a_frame_name_them_on_the_one_pass_path_too(model, tmp_path):
    # float64 columns of more than 64 rows take the one-pass path (model.classify) and the WGS84 fast path
    # (model.events): their NaN, inf and out-of-range rows are worded there too
    gx, gy = sample_points(model, 200, seed=SEED + 2)
    gx[[3, 50]], gy[[7, 90]] = [np.nan, np.inf], [95.0, np.nan]
    df = pd.DataFrame({"lng": gx, "纬度": gy})
    df.to_parquet(tmp_path / "in.parquet")
    done = run_cli("locate", "--input", str(tmp_path / "in.parquet"), "--output", str(tmp_path / "out.parquet"))
    assert done.returncode == 0, done.stderr
    file_status = pq.read_table(tmp_path / "out.parquet").column("status").to_pylist()
    assert file_status[3] == "missing lng" and file_status[7] == "纬度 out of range [-90, 90]"
    assert model.classify(df, status=True)["status"].astype(str).tolist() == file_status
    fixes = df.assign(car=1, ts=pd.date_range("2024-11-01 08:00", periods=len(df), freq="min"))
    assert model.events(fixes, id="car", time="ts", lon="lng", lat="纬度").rows["status"].tolist() == file_status


# -- the command line and the HTTP API on the catalogue ---------------------------------------------------------------
@pytest.fixture(scope="module")
def http(model: avzone.Model) -> Any:
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        yield c


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_file_job_answers_as_the_library_and_keeps_rows_columns_and_encoding(model, catalogue, tmp_path, encoding):
    lon, lat = catalogue["lon"], catalogue["lat"]
    zones = list(model.zone_layers)
    order = np.random.default_rng(SEED).permutation(lon.size)  # (rows in no particular order)
    lines = ["车牌,经度,纬度,速度(km/h),备注"]
    mixed = ["", "12", "1.5e3", "true", "京A·12345", '"带,逗号"', "NaN", "—"]
    for k, i in enumerate(order):
        lines.append(f"京A{i:05d},{float(lon[i])!r},{float(lat[i])!r},{k % 90},{mixed[k % len(mixed)]}")
    src = tmp_path / "in.csv"
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    want = {z: [bool(catalogue["ref"][z][i]) for i in order] for z in zones}
    for ext in ("csv", "parquet", "geojson"):
        out = tmp_path / f"out.{ext}"
        done = run_cli("locate", "--input", str(src), "--output", str(out))
        assert done.returncode == 0, done.stderr
        if ext == "csv":
            raw = out.read_bytes()
            text = raw.decode(encoding)  # (written in the input's encoding, its BOM kept)
            assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
            got_lines = text.split("\r\n")
            assert [ln.rsplit(",", len(zones) + 1)[0] for ln in got_lines[: len(lines)]] == lines
            back = pd.read_csv(out, dtype=str, keep_default_na=False, encoding=encoding)
        elif ext == "parquet":
            back = pd.read_parquet(out)
        else:
            back = gpd.read_file(out)
        assert back["车牌"].tolist() == [f"京A{i:05d}" for i in order], ext
        assert answers(back, zones, "in_") == want, ext
        assert set(back["status"]) == {"ok"}, ext


def test_http_and_the_one_point_command_answer_as_the_library(model, catalogue, http):
    lon, lat = catalogue["lon"], catalogue["lat"]
    zones = list(model.zone_layers)
    want = reference(catalogue, zones)
    r = http.post("/v1/locate", content=json.dumps([[float(a), float(b)] for a, b in zip(lon, lat, strict=True)]))
    assert r.status_code == 200, r.text
    got = r.json()
    got = got["results"] if isinstance(got, dict) else got
    assert [a["status"] for a in got] == ["ok"] * lon.size
    assert {z: [a["zones"][z] for a in got] for z in zones} == want
    for i in np.random.default_rng(SEED).choice(lon.size, 12, replace=False):
        one = {"lon": repr(float(lon[i])), "lat": repr(float(lat[i]))}
        r = http.get("/v1/locate", params=one)
        cli = run_cli("locate", one["lon"], one["lat"], "--json")
        if not model.locate_many([lon[i]], [lat[i]]).ok.all():  # (beyond the bounds: one point is an error)
            assert r.status_code == 422 and cli.returncode == 2, (i, r.text, cli.stderr)
            continue
        assert r.status_code == 200 and cli.returncode == 0, (i, r.text, cli.stderr)
        assert r.json()["zones"] == json.loads(cli.stdout)["zones"] == {z: want[z][i] for z in zones}, i


def test_bad_values_get_one_status_from_the_library_the_http_api_and_a_csv_file(model, tmp_path, http):
    df, cells = _bad_frame(model, "lon", "lat")
    body = [[None if v is None else v for v in pair] for pair in df[["lon", "lat"]].itertuples(index=False)]
    body = [[v if not (isinstance(v, float) and not np.isfinite(v)) else str(v) for v in pair] for pair in body]
    r = http.post("/v1/locate", content=json.dumps(body))
    assert r.status_code == 200, r.text
    got = r.json()
    got = got["results"] if isinstance(got, dict) else got
    lines = ["lon,lat"] + [f"{a},{b}" for a, b in cells]
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("locate", "--input", str(tmp_path / "bad.csv"), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stderr
    file_status = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)["status"].tolist()
    assert [a["status"] for a in got] == file_status
    assert model.classify(df, status=True)["status"].astype(str).tolist() == file_status


@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
def test_gcj02_and_bd09_points_answer_alike_everywhere(model, catalogue, tmp_path, http, crs):
    lon, lat = catalogue["lon"], catalogue["lat"]
    keep = (lon > 73) & (lon < 135) & (lat > 18) & (lat < 54)  # (in China: where the offsets apply)
    x, y = (np.asarray(v) for v in from_wgs84(lon[keep], lat[keep], crs))
    zones = list(model.zone_layers)
    lib = model.classify(x, y, crs=crs, status=True)
    pd.DataFrame({"x": x, "y": y}).to_csv(tmp_path / "in.csv", index=False, float_format="%.17g")
    done = run_cli(
        "locate", "--input", str(tmp_path / "in.csv"), "--output", str(tmp_path / "out.csv"), "--crs", crs,
        "--lon-col", "x", "--lat-col", "y",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    back = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert answers(back, zones, "in_") == answers(lib, zones)
    r = http.post(f"/v1/locate?crs={crs}", content=json.dumps([[float(a), float(b)] for a, b in zip(x, y)]))
    assert r.status_code == 200, r.text
    got = r.json()
    got = got["results"] if isinstance(got, dict) else got
    assert {z: [a["zones"][z] for a in got] for z in zones} == answers(lib, zones)
    assert [a["status"] for a in got] == back["status"].tolist() == lib["status"].astype(str).tolist()


# -- times ----------------------------------------------------------------------------------------------------------
TIMES = [
    "2024-10-18", "2024-10-18T00:00:00+08:00", "2024-10-17T16:00:00Z", "2024-10-17T15:59:59.999Z",
    "2024-10-17 23:59:59.999", "20241018T000000", "2024/10/18", "2024-03-19", "2024-03-18T23:59:59",
    "2021-11-01T00:00:00+08:00", "2021-10-31T15:59:59Z", "2019-01-01", "2030-01-01", "", "nope", "1729180800",
]  # fmt: skip


def test_in_force_agrees_across_the_library_the_file_job_and_the_http_api(model, tmp_path, http):
    n = len(TIMES)
    lon, lat = np.full(n, 116.70), np.full(n, 39.90)  # (in the planned zone, not the current one)
    idx = INDEXES["unsorted"](n)
    lib = model.classify(pd.Series(lon, index=idx), pd.Series(lat, index=idx), times=pd.Series(TIMES, index=idx))
    assert lib.index.equals(idx)
    pd.DataFrame({"lon": lon, "lat": lat, "ts": TIMES}).to_csv(tmp_path / "t.csv", index=False)
    done = run_cli(
        "locate", "--input", str(tmp_path / "t.csv"), "--output", str(tmp_path / "o.csv"), "--time-col", "ts"
    )
    assert done.returncode == 0, done.stderr
    back = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False)
    assert answers(back, ["in_force"]) == answers(lib.reset_index(drop=True), ["in_force"])
    for i, t in enumerate(TIMES):
        r = http.get("/v1/locate", params={"lon": "116.70", "lat": "39.90", "at": t})
        if back["status"][i] != "ok":
            assert r.status_code == 422, (t, r.text)
            continue
        assert r.status_code == 200, (t, r.text)
        assert r.json()["zone_in_force"] == (back["zone_in_force"][i] or None), t
        assert r.json()["in_force"] == (back["in_force"][i] == "true"), t
        assert model.locate(116.70, 39.90, at=t).in_force == r.json()["in_force"], t


# -- areas and growth -----------------------------------------------------------------------------------------------
def test_area_and_growth_commands_print_the_library_s_figures(model, http):
    area = json.loads(run_cli("area", "--json").stdout)
    assert {a["id"]: a["area_km2"] for a in area["layers"]} == {
        z: round(model.area_km2(z), 3) for z in model.zone_layers
    }
    zones = list(model.zone_layers)
    for a in zones:
        for b in zones:
            if a == b:
                continue
            cli = run_cli("growth", a, b, "--json")
            assert cli.returncode == 0, cli.stderr
            lib = json.loads(json.dumps(model.growth(a, b).to_dict()))
            assert json.loads(cli.stdout) == lib, (a, b)
            r = http.get("/v1/growth", params={"from": a, "to": b})
            assert r.status_code == 200 and r.json() == lib, (a, b)
            text = run_cli("growth", a, b).stdout
            g = model.growth(a, b)
            assert f"{g.from_km2:,.1f} km² -> {g.to_km2:,.1f} km²" in text.splitlines()[0], (a, b)


# -- --crs is read by every command that takes points -----------------------------------------------------------------
#: A GCJ-02 point (copied from Amap) outside the current zone, which read as WGS84 would be inside (README).
AMAP = ("116.45409", "39.74568")


def test_crs_is_read_by_every_command_that_takes_points(model, tmp_path, http):
    want = model.locate(float(AMAP[0]), float(AMAP[1]), crs="gcj02").zones["current"]
    assert want != model.locate(float(AMAP[0]), float(AMAP[1])).zones["current"]  # (the test can tell)
    one = json.loads(run_cli("locate", *AMAP, "--crs", "gcj02", "--json").stdout)
    assert one["zones"]["current"] == want
    r = http.get("/v1/locate", params={"lon": AMAP[0], "lat": AMAP[1], "crs": "gcj02"})
    assert r.json()["zones"]["current"] == want
    (tmp_path / "p.csv").write_text(f"lon,lat\n{AMAP[0]},{AMAP[1]}\n", encoding="utf-8")
    done = run_cli("locate", "--input", str(tmp_path / "p.csv"), "--output", str(tmp_path / "o.csv"), "--crs", "gcj02")
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(tmp_path / "o.csv")["in_current"].tolist() == [want]
    # a vehicle from well inside the zone to the Amap point: an exit only where the point is outside
    (tmp_path / "f.csv").write_text(
        f"car,ts,lon,lat\n1,2024-11-01T08:00:00,116.5,39.79\n1,2024-11-01T08:05:00,{AMAP[0]},{AMAP[1]}\n",
        encoding="utf-8",
    )
    done = run_cli(
        "events", "--input", str(tmp_path / "f.csv"), "--output", str(tmp_path / "e.csv"), "--id-col", "car",
        "--time-col", "ts", "--crs", "gcj02", "--zones", "current", "--max-gap-m", "0",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ev = pd.read_csv(tmp_path / "e.csv")
    exits = ev[ev["event"] == "exit"]
    lib = model.events(
        pd.read_csv(tmp_path / "f.csv"), id="car", time="ts", crs="gcj02", zones=["current"], max_gap_m=None
    ).events
    assert len(exits) == len(lib[lib["event"] == "exit"]) == (0 if want else 1)


# -- an input that cannot be looked at -----------------------------------------------------------------------------
PIPE = (
    "not a file but a pipe (as <(...) gives), which cannot be read again from its start as an input is read (its "
    "first lines to tell its format, then its rows): save its contents to a file and give that file"
)
PIPE_ZH = (
    "不是文件，而是管道（如 <(...) 所给），无法像读取输入那样从头再读一遍（先读开头几行以判断格式，再读各行）："
    "请把其内容存成文件，再给出该文件"
)


def _reader_error(path: Any) -> BaseException:
    try:
        pq.ParquetFile(path)
    except Exception as exc:  # (pyarrow's, as the jobs meet it)
        return exc
    raise AssertionError(f"{path} was read")


def test_a_parquet_input_that_cannot_be_opened_to_look_is_not_called_damaged(tmp_path):
    # unreadable_parquet_file looks at a file's first and last bytes to say why pyarrow could not read it; when it
    # could not even open the file to look, it said "the file is damaged or cut short", which nothing showed: now
    # what the system said (a folder), that the file is gone (deleted or moved meanwhile), or that it is a pipe
    import os

    from avzone.batch import unreadable_parquet_file
    from avzone.i18n import error_text

    folder = tmp_path / "day.parquet"
    folder.mkdir()
    said = str(unreadable_parquet_file(folder, _reader_error(folder), lambda: open(folder, "rb")))
    assert said == f"{folder}: cannot read the file ([Errno 21] Is a directory: '{folder}')"
    gone = tmp_path / "gone.parquet"
    pd.DataFrame({"lon": [116.5], "lat": [39.79]}).to_parquet(gone)
    exc = _reader_error(tmp_path / "nothing")
    gone.unlink()
    assert str(unreadable_parquet_file(gone, exc, lambda: open(gone, "rb"))) == f"{gone}: no such file"
    pipe = tmp_path / "pipe.parquet"
    os.mkfifo(pipe)
    opener = lambda: open(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK), "rb")  # noqa: E731 (no writer: no wait)
    refused = unreadable_parquet_file(pipe, OSError("Invalid: Parquet magic bytes not found"), opener)
    assert str(refused) == f"{pipe}: {PIPE}"
    assert error_text(refused, "zh") == f"{pipe}：{PIPE_ZH}"


@pytest.mark.parametrize(
    "command",
    [
        ("locate", "--input", "{src}", "--output", "{out}.csv"),
        ("events", "--input", "{src}", "--output", "{out}.csv", "--id-col", "car", "--time-col", "ts"),
        ("map", "--points", "{src}", "-o", "{out}.html"),
        ("events", "--input-format", "tdrive", "--input", "{src}", "--output", "{out}.csv"),
    ],
    ids=["locate", "events", "map", "events T-Drive"],
)
@pytest.mark.parametrize("ext", ["csv", "parquet", "txt"])
def test_a_pipe_given_as_the_input_is_said_to_be_one_not_missing(tmp_path, command, ext):
    # avzone locate --input <(zcat trips.csv.gz) said "/dev/fd/63: no such file" of a pipe that is there
    import os

    if (ext == "txt") != ("tdrive" in command):  # (T-Drive files are .txt; the other jobs' inputs are not)
        pytest.skip("not an input of this command")
    src = tmp_path / f"in.{ext}"
    os.mkfifo(src)
    done = run_cli(*(part.format(src=src, out=tmp_path / "out") for part in command))
    assert done.returncode == 2
    assert done.stderr == f"avzone: error: {src}: {PIPE}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


#: The dask engine's job on a folder, run as a user who may not list what chmod closed (root without the right to
#: read any file: setpriv), pyarrow's refusal to list reworded to name no path, as another pyarrow may word it.
_LISTED = """
import sys
import pyarrow.dataset as ds
import avzone
from avzone.distributed import locate_parquet_dask
from avzone.errors import InputError
listing = ds.dataset
def reworded(*args, **kwargs):
    try:
        return listing(*args, **kwargs)
    except PermissionError:
        raise PermissionError("access denied") from None
ds.dataset = reworded
try:
    locate_parquet_dask(avzone.load(), sys.argv[1], sys.argv[2])
except InputError as exc:
    print(exc)
"""


def test_a_folder_the_user_may_not_list_is_found_by_looking_not_by_pyarrow_s_words(tmp_path):
    # the folder that may not be listed was taken from pyarrow's text ("Cannot list directory '...'"): worded
    # otherwise, the folder given was named instead of the one under it that is closed; it is looked for now
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "traces"
    for day in (1, 2):
        (folder / f"day={day}").mkdir(parents=True)
        pd.DataFrame({"lon": [116.5], "lat": [39.79]}).to_parquet(folder / f"day={day}" / "part-0.parquet")
    command = [sys.executable, "-c", _LISTED, str(folder), str(tmp_path / "out")]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root lists any folder, and setpriv (to run without that right) is missing")
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", "--", *command]
    (folder / "day=2").chmod(0)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    finally:
        (folder / "day=2").chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == (
        f"{folder / 'day=2'}: permission denied: the user running avzone may not read it; give that user permission "
        "to read it (chmod; a folder also needs x), or run avzone as a user who may read it"
    )


# -- GBK text behind a UTF-8 BOM -------------------------------------------------------------------------------------
BOM_NOT_UTF8 = (
    "the file begins with a UTF-8 BOM (bytes EF BB BF) but its text is not UTF-8, so it reads in no encoding (GBK "
    "text written after a UTF-8 BOM?); delete those 3 bytes and give --encoding gb18030"
)


def test_gbk_text_after_a_utf8_bom_is_said_to_read_in_no_encoding_not_sent_back_and_forth(model, tmp_path):
    # read as UTF-8 (its BOM) the job said to give --encoding gb18030; given gbk, to give --encoding utf-8: each
    # hint sent its user to the other. Said now what the file is, and what reads it
    from avzone.i18n import error_text

    text = "名称,经度,纬度\r\n亦庄,116.5,39.79\r\n天安门,116.3975,39.9087\r\n"
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + text.encode("gbk"))
    detected = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    given = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "gbk")
    assert detected.returncode == given.returncode == 2
    assert detected.stderr == (
        f"avzone: error: {src}: byte 3 (line 1) cannot be decoded as utf-8-sig (detected from the first 1 MB): "
        f"{BOM_NOT_UTF8}\n"
    )
    assert (
        given.stderr == f"avzone: error: {src}: byte 4 (line 1) cannot be decoded as gbk (as given): {BOM_NOT_UTF8}\n"
    )
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(avzone.InputError) as refused:
        avzone.batch.locate_file(model, src, tmp_path / "out.csv", encoding="gbk")
    assert error_text(refused.value, "zh").endswith(
        "文件以 UTF-8 BOM（字节 EF BB BF）开头，但其文字不是 UTF-8，因此按任何编码都无法读取"
        "（在 UTF-8 BOM 之后写入的 GBK 文字？）；请删去这 3 个字节，再给出 encoding='gb18030'"  # (the library's option)
    )
    # what it says to do reads it, as the library reads the rows
    src.write_bytes(src.read_bytes()[3:])
    done = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "gb18030")
    assert done.returncode == 0, done.stderr
    back = pd.read_csv(tmp_path / "out.csv", encoding="gb18030", dtype=str, keep_default_na=False)
    lib = model.classify(pd.DataFrame({"经度": [116.5, 116.3975], "纬度": [39.79, 39.9087]}))
    assert answers(back, list(model.zone_layers), "in_") == answers(lib, list(model.zone_layers))
    # a UTF-8 file with its BOM given as GBK by mistake is still told to try UTF-8
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    wrong = run_cli("locate", "--input", str(utf8), "--output", str(tmp_path / "o2.csv"), "--encoding", "gbk")
    assert wrong.returncode == 2 and wrong.stderr.endswith("e.g. --encoding utf-8\n"), wrong.stderr


# -- one point's line groups its figures as every other line does ------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_point_s_line_groups_distances_of_a_thousand_km_or_more(model, lang):
    # avzone locate -- -73.9 40.7 said "10983.6 km from the edge of the 600 km² planned zone" (and its hub so),
    # where every other line the commands print groups such a figure: 10,983.6 km
    from test_number_grouping import UNGROUPED

    done = run_cli("locate", "--lang", lang, "--", "-73.9", "40.7")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert not UNGROUPED.findall(line.replace("2024年", "")), line
    far = model.locate(-73.9, 40.7)
    nearest = min(far.distance_to_edge_m.values())
    assert f"{nearest / 1000:,.1f} km" in line and f"{far.nearest_hub['distance_m'] / 1000:,.1f} km" in line
    assert run_cli("locate", "--", "-73.9", "40.7").stdout.strip().endswith(f"WGS84: {far.summary()}")

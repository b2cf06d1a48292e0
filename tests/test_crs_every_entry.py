"""Every entry point that takes a CRS gives the same answer for the same points in any CRS.

The same WGS84 points (inside and outside every zone, and pairs a few metres either side of a zone's edge,
where a CRS that one command ignored or read wrong would flip the answer) are given in WGS84, GCJ-02,
BD-09, UTM zone 50N (EPSG:32650) and CGCS2000 (EPSG:4490) to every command and endpoint that takes a CRS:
``model.locate``, ``model.classify`` (arrays and a GeoDataFrame in its own CRS), ``model.locate_many``,
``model.events``, ``avzone locate`` (one point and a file, local and Dask engines), ``avzone events``
(local and Dask), ``avzone map --locate/--points/--track`` and ``GET/POST /v1/locate``,
``POST /v1/events``. Each must give the answers of the WGS84 reference: the same zones, the same events,
and positions within the documented tolerance (the GCJ-02 / BD-09 inverses are solved to 1e-7 degrees,
about 1 cm; PROJ's UTM round trip closes to well under a millimetre).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import shapely
from common import TIANANMEN, YIZHUANG_CORE, covers, run_cli

from avzone.crs import from_wgs84, shifted_crs

CRSS = ["EPSG:4326", "gcj02", "bd09", "EPSG:32650", "EPSG:4490"]
#: How far (degrees) a position an entry point gives back may lie from the WGS84 reference (~1 cm).
POS_TOL_DEG = 2e-7
#: How far (m) a distance may differ (answers are rounded to 0.1 m).
DIST_TOL_M = 0.15
#: How far either side of the current zone's edge the edge points lie (m): well above every tolerance,
#: well below GCJ-02's and BD-09's offsets (hundreds of metres) and any confusion of CRSs.
EDGE_OFFSET_M = 3.0


def edge_pairs(model: Any, layer: str = "current", n: int = 4) -> list[tuple[float, float]]:
    """Points ``EDGE_OFFSET_M`` either side of the middles of ``n`` of ``layer``'s longest edges."""
    ring = shapely.get_coordinates(model.layer_geometry(layer).boundary)
    a, b = ring[:-1], ring[1:]
    k = 111_320.0
    lat0 = math.radians(float(ring[:, 1].mean()))
    dx, dy = (b[:, 0] - a[:, 0]) * k * math.cos(lat0), (b[:, 1] - a[:, 1]) * k
    length = np.hypot(dx, dy)
    out = []
    for i in np.argsort(-length)[:n]:
        mx, my = (a[i] + b[i]) / 2
        nx, ny = -dy[i] / length[i], dx[i] / length[i]  # unit normal, metres
        for side in (1, -1):
            off = side * EDGE_OFFSET_M
            out.append((float(mx + off * nx / (k * math.cos(lat0))), float(my + off * ny / k)))
    return out


@pytest.fixture(scope="module")
def points(model) -> pd.DataFrame:
    """The WGS84 points and the reference answer: which zone layers cover each."""
    pts = [YIZHUANG_CORE, TIANANMEN, *edge_pairs(model)]
    lon, lat = np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
    frame = pd.DataFrame({"lon": lon, "lat": lat})
    for z in model.zone_layers:
        frame[z] = covers(model, z, lon, lat)
    assert frame["current"].any() and not frame["current"].all()  # both sides of the edge are there
    inside = frame["current"].to_numpy()
    assert (inside[2::2] != inside[3::2]).all(), "each edge pair straddles the edge"
    return frame


def given_in(points: pd.DataFrame, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """The points' numbers in ``crs``."""
    x, y = from_wgs84(points["lon"].to_numpy(), points["lat"].to_numpy(), crs)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def reference(points: pd.DataFrame, model: Any) -> list[dict[str, bool]]:
    return [{z: bool(points[z].iloc[i]) for z in model.zone_layers} for i in range(len(points))]


def assert_positions(got_lon: Any, got_lat: Any, points: pd.DataFrame, what: str) -> None:
    lon, lat = np.asarray(got_lon, dtype=float), np.asarray(got_lat, dtype=float)
    assert np.abs(lon - points["lon"].to_numpy()).max() <= POS_TOL_DEG, what
    assert np.abs(lat - points["lat"].to_numpy()).max() <= POS_TOL_DEG, what


def write_points(tmp_path: Path, points: pd.DataFrame, crs: str, name: str = "pts.csv") -> Path:
    x, y = given_in(points, crs)
    path = tmp_path / name
    pd.DataFrame({"x": [repr(float(v)) for v in x], "y": [repr(float(v)) for v in y]}).to_csv(path, index=False)
    return path


# -- the library ----------------------------------------------------------------------
@pytest.mark.parametrize("crs", CRSS)
def test_library_locate_classify_locate_many(model, points, crs: str):
    x, y = given_in(points, crs)
    want = reference(points, model)
    base = [model.locate(float(a), float(b)) for a, b in zip(points["lon"], points["lat"], strict=True)]
    for i, (a, b) in enumerate(zip(x, y, strict=True)):
        loc = model.locate(float(a), float(b), crs=crs)
        assert loc.zones == want[i], (crs, i)
        assert (
            abs(loc.lon - points["lon"].iloc[i]) <= POS_TOL_DEG and abs(loc.lat - points["lat"].iloc[i]) <= POS_TOL_DEG
        )
        for z in model.zone_layers:
            assert abs(loc.distance_to_edge_m[z] - base[i].distance_to_edge_m[z]) <= DIST_TOL_M, (crs, i, z)
            assert abs(loc.distance_inside_m[z] - base[i].distance_inside_m[z]) <= DIST_TOL_M, (crs, i, z)
    index = pd.Index([f"p{i}" for i in range(len(points))], name="pid")
    got = model.classify(pd.Series(x, index=index), pd.Series(y, index=index), crs=crs)
    assert got.index.equals(index)
    assert [{z: bool(got[z].iloc[i]) for z in model.zone_layers} for i in range(len(got))] == want
    located = model.locate_many(x, y, crs=crs)
    assert_positions(located.points.lon, located.points.lat, points, crs)


@pytest.mark.parametrize("crs", CRSS)
def test_library_geodataframe_in_its_own_crs(model, points, crs: str):
    """A GeoDataFrame labelled with the CRS (GCJ-02 / BD-09: the custom CRS avzone's exports declare) keeps its
    index; its answers are those of the WGS84 points."""
    import geopandas as gpd

    x, y = given_in(points, crs)
    label = shifted_crs(crs) if crs in ("gcj02", "bd09") else crs
    index = pd.Index(range(100, 100 + len(points)), name="fix")
    frame = gpd.GeoDataFrame({"k": range(len(points))}, geometry=gpd.points_from_xy(x, y), crs=label, index=index)
    got = model.classify(frame)
    assert got.index.equals(index)
    assert [{z: bool(got[z].iloc[i]) for z in model.zone_layers} for i in range(len(got))] == reference(points, model)


def trajectory(points: pd.DataFrame) -> pd.DataFrame:
    """One vehicle visiting every point once a minute, then a second vehicle doing it backwards."""
    n = len(points)
    t = pd.date_range("2024-07-01 08:00", periods=n, freq="1min")
    one = pd.DataFrame({"car": "A", "t": t, "k": range(n)})
    two = pd.DataFrame({"car": "B", "t": t, "k": range(n)[::-1]})
    return pd.concat([one, two], ignore_index=True)


def event_key(ev: pd.DataFrame) -> list[tuple[Any, ...]]:
    cols = [c for c in ("id", "zone", "event", "row_before", "row_after") if c in ev.columns]
    return [tuple(str(v) for v in row) for row in ev[cols].itertuples(index=False)]


@pytest.fixture(scope="module")
def reference_events(model, points) -> pd.DataFrame:
    tr = trajectory(points)
    frame = tr.assign(lon=points["lon"].to_numpy()[tr["k"]], lat=points["lat"].to_numpy()[tr["k"]])
    ev = model.events(frame, id="car", time="t", lon="lon", lat="lat").events
    assert len(ev) >= 4
    return ev


def time_tolerance_s(ev: pd.DataFrame, points: pd.DataFrame) -> np.ndarray:
    """How far each event's time may move: a crossing is found to within ``tolerance_m`` (1 m) along its
    segment, so its time to within 1 m's share of the segment's time (a few cm from the CRS conversion can
    move the search's last bracket)."""
    from avzone import geodesy

    tr = trajectory(points)
    k = tr["k"].to_numpy()
    before = ev["row_before"].to_numpy(dtype=float)
    after = ev["row_after"].to_numpy(dtype=float)
    ok = np.isfinite(before) & np.isfinite(after)
    b, a = k[before[ok].astype(int)], k[after[ok].astype(int)]
    lon, lat = points["lon"].to_numpy(), points["lat"].to_numpy()
    out = np.zeros(len(ev))
    length = np.asarray(geodesy.distance_m(lon[b], lat[b], lon[a], lat[a]), dtype=float)
    out[ok] = 60.0 * 1.0 / np.maximum(length, 1.0)  # (one fix a minute)
    return out + 1e-3


def assert_same_events(got: pd.DataFrame, want: pd.DataFrame, points: pd.DataFrame, what: str) -> None:
    """The same events (vehicle, zone, kind, rows), at positions within 1e-5 degrees and times within
    :func:`time_tolerance_s`."""
    assert event_key(got) == event_key(want), what
    assert np.allclose(got["lon"].astype(float), want["lon"].astype(float), atol=1e-5, rtol=0, equal_nan=True), what
    assert np.allclose(got["lat"].astype(float), want["lat"].astype(float), atol=1e-5, rtol=0, equal_nan=True), what
    dt = np.abs(
        (pd.to_datetime(got["time"], utc=True) - pd.to_datetime(want["time"], utc=True)).dt.total_seconds().to_numpy()
    )
    assert (dt <= time_tolerance_s(want, points)).all(), (what, dt.max())


@pytest.mark.parametrize("crs", CRSS)
def test_library_events(model, points, reference_events, crs: str):
    x, y = given_in(points, crs)
    tr = trajectory(points)
    frame = tr.assign(x=x[tr["k"]], y=y[tr["k"]])
    ev = model.events(frame, id="car", time="t", lon="x", lat="y", crs=crs).events
    assert_same_events(ev, reference_events, points, crs)


# -- the command line -------------------------------------------------------------------
def engine_options(engine: str, request: pytest.FixtureRequest) -> tuple[str, ...]:
    """``--engine local``, or ``--engine dask`` on the module's cluster of worker processes (each job starting
    its own, as a job without ``--scheduler`` does, took most of the module's time; that default is run by
    tests/test_distributed.py, tests/test_events_dask.py and others)."""
    if engine != "dask":
        return ("--engine", engine)
    return ("--engine", "dask", "--scheduler", request.getfixturevalue("dask_scheduler"))


@pytest.mark.parametrize("crs", CRSS)
def test_cli_locate_one_point(model, points, crs: str):
    x, y = given_in(points, crs)
    want = reference(points, model)
    for i in (0, 1, 2, 3):
        r = run_cli("locate", repr(float(x[i])), repr(float(y[i])), "--crs", crs, "--json")
        assert r.returncode == 0, r.stderr
        got = json.loads(r.stdout)
        assert got["zones"] == want[i], (crs, i)
        assert abs(got["lon"] - points["lon"].iloc[i]) <= 1e-6 and abs(got["lat"] - points["lat"].iloc[i]) <= 1e-6


@pytest.mark.parametrize("engine", ["local", "dask"])
@pytest.mark.parametrize("crs", CRSS)
def test_cli_locate_file(tmp_path: Path, model, points, crs: str, engine: str, request):
    src = write_points(tmp_path, points, crs)
    if engine == "dask":
        x, y = given_in(points, crs)
        src = tmp_path / "pts.parquet"
        pd.DataFrame({"x": x, "y": y}).to_parquet(src)
    dst = tmp_path / ("out.parquet" if engine == "dask" else "out.csv")
    r = run_cli(
        "locate", "--input", str(src), "--output", str(dst), "--crs", crs, "--lon-col", "x", "--lat-col", "y",
        *engine_options(engine, request),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = pd.read_parquet(dst) if engine == "dask" else pd.read_csv(dst)
    assert list(out["status"]) == ["ok"] * len(points)
    got = [{z: bool(out[f"in_{z}"].iloc[i]) for z in model.zone_layers} for i in range(len(out))]
    assert got == reference(points, model), (crs, engine)


def events_input(tmp_path: Path, points: pd.DataFrame, crs: str, parquet: bool) -> Path:
    x, y = given_in(points, crs)
    tr = trajectory(points)
    frame = pd.DataFrame(
        {"car": tr["car"], "t": tr["t"].dt.strftime("%Y-%m-%d %H:%M:%S"), "x": x[tr["k"]], "y": y[tr["k"]]}
    )
    if parquet:
        path = tmp_path / "fixes.parquet"
        frame.to_parquet(path)
    else:
        path = tmp_path / "fixes.csv"
        frame.assign(x=[repr(float(v)) for v in frame["x"]], y=[repr(float(v)) for v in frame["y"]]).to_csv(
            path, index=False
        )
    return path


@pytest.mark.parametrize("engine", ["local", "dask"])
@pytest.mark.parametrize("crs", CRSS)
def test_cli_events(tmp_path: Path, model, points, reference_events, crs: str, engine: str, request):
    src = events_input(tmp_path, points, crs, parquet=engine == "dask")
    dst = tmp_path / ("events.parquet" if engine == "dask" else "events.csv")
    r = run_cli(
        "events", "--input", str(src), "--output", str(dst), "--id-col", "car", "--time-col", "t", "--crs", crs,
        "--lon-col", "x", "--lat-col", "y", *engine_options(engine, request),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    ev = pd.read_parquet(dst) if engine == "dask" else pd.read_csv(dst)
    assert_same_events(ev, reference_events, points, f"{crs} {engine}")


CROSSING = ("enter", "exit")


def page_data(page: str) -> dict[str, Any]:
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    assert len(found) == 1
    return dict(json.loads(found[0]))


def innermost(model: Any, answer: dict[str, bool]) -> int:
    """The map's category of a point: the index of the innermost zone covering it, else one past the last."""
    for k, z in enumerate(model.zone_layers):
        if answer[z]:
            return k
    return len(model.zone_layers)


@pytest.mark.parametrize("crs", CRSS)
def test_cli_map_points_and_locate(tmp_path: Path, model, points, crs: str):
    src = write_points(tmp_path, points, crs)
    x, y = given_in(points, crs)
    out = tmp_path / "map.html"
    r = run_cli(
        "map", "--points", str(src), "--crs", crs, "--lon-col", "x", "--lat-col", "y", "--tiles", "none",
        "--locate", repr(float(x[2])), repr(float(y[2])), "--locate", repr(float(x[3])), repr(float(y[3])),
        "-o", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    items = data["points"]["items"]
    want = reference(points, model)
    assert [it[2] for it in items] == [innermost(model, w) for w in want], crs
    assert np.allclose([it[0] for it in items], points["lon"], atol=1e-5, rtol=0)
    assert np.allclose([it[1] for it in items], points["lat"], atol=1e-5, rtol=0)
    located = data["located"]
    got = np.array([(p["lon"], p["lat"]) for p in located])
    assert np.allclose(got, points[["lon", "lat"]].to_numpy()[[2, 3]], atol=1e-5, rtol=0), crs
    for p, i in zip(located, (2, 3), strict=True):  # the popup says what avzone locate says
        assert ("inside the 160 km² current zone" in p["popup_html"].replace(" and the 160", ", the 160")) == want[i][
            "current"
        ], (crs, i)


@pytest.mark.parametrize("crs", CRSS)
def test_cli_map_track(tmp_path: Path, model, points, reference_events, crs: str):
    src = events_input(tmp_path, points, crs, parquet=False)
    out = tmp_path / "tracks.html"
    r = run_cli(
        "map", "--track", str(src), "--crs", crs, "--lon-col", "x", "--lat-col", "y", "--id-col", "car",
        "--time-col", "t", "--tiles", "none", "-o", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", page, re.M)
    markers = [f for blob in blobs for f in json.loads(blob)["features"] if f["properties"].get("event") in CROSSING]
    ev = reference_events
    current = ev[(ev["zone"] == "current") & ev["event"].isin(CROSSING)]
    assert len(markers) == len(current), crs
    got = np.array([f["geometry"]["coordinates"] for f in markers], dtype=float)
    want = current[["lon", "lat"]].to_numpy(dtype=float)
    assert np.allclose(got[np.lexsort(got.T)], want[np.lexsort(want.T)], atol=1e-5, rtol=0, equal_nan=True), crs


# -- the HTTP API ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def http(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        yield c


@pytest.mark.parametrize("crs", CRSS)
def test_http_locate_and_events(http, model, points, reference_events, crs: str):
    x, y = given_in(points, crs)
    want = reference(points, model)
    for i in (0, 2, 3):
        r = http.get("/v1/locate", params={"lon": repr(float(x[i])), "lat": repr(float(y[i])), "crs": crs})
        assert r.status_code == 200, r.text
        assert r.json()["zones"] == want[i], (crs, i)
    r = http.post(
        f"/v1/locate?crs={crs}", content=json.dumps([[float(a), float(b)] for a, b in zip(x, y, strict=True)])
    )
    assert r.status_code == 200, r.text
    answers = r.json()
    answers = answers["results"] if isinstance(answers, dict) else answers
    assert [a["zones"] for a in answers] == want, crs
    tr = trajectory(points)
    body = {
        "trajectories": [
            {
                "id": car,
                "fixes": [
                    [float(x[k]), float(y[k]), t.strftime("%Y-%m-%dT%H:%M:%S+08:00")]
                    for k, t in zip(g["k"], g["t"], strict=True)
                ],
            }
            for car, g in tr.groupby("car", sort=False)
        ]
    }
    r = http.post(f"/v1/events?crs={crs}", content=json.dumps(body))
    assert r.status_code == 200, r.text
    events = r.json()["events"]
    ev = pd.DataFrame(events)
    want_ev = reference_events
    assert [(str(e["id"]), e["zone"], e["event"]) for e in events] == [
        (str(a), b, c) for a, b, c in want_ev[["id", "zone", "event"]].itertuples(index=False)
    ], crs
    assert np.allclose(ev["lon"].astype(float), want_ev["lon"].astype(float), atol=1e-5, rtol=0, equal_nan=True), crs


@pytest.mark.parametrize("fmt", ["parquet", "geojson"])
@pytest.mark.parametrize("crs", CRSS)
def test_cli_locate_a_file_in_the_crs_it_declares(tmp_path: Path, model, points, crs: str, fmt: str):
    """A GeoParquet or GeoJSON file declaring its CRS (GCJ-02 / BD-09: the custom CRS avzone's exports declare),
    with no --crs: the WGS84 answers, every row kept in order."""
    import geopandas as gpd

    x, y = given_in(points, crs)
    label = shifted_crs(crs) if crs in ("gcj02", "bd09") else crs
    frame = gpd.GeoDataFrame({"k": range(len(points))}, geometry=gpd.points_from_xy(x, y), crs=label)
    src, dst = tmp_path / f"pts.{fmt}", tmp_path / "out.csv"
    if fmt == "parquet":
        frame.to_parquet(src)
    else:
        frame.to_file(src, driver="GeoJSON")
        doc = json.loads(src.read_text(encoding="utf-8"))
        if crs in ("gcj02", "bd09"):  # (GDAL writes no crs member for them: the one avzone export writes)
            assert "crs" not in doc
            doc["crs"] = {"type": "name", "properties": {"name": label.to_wkt()}}
        src.write_text(json.dumps(doc), encoding="utf-8")
    r = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(dst)
    assert list(out["k"]) == list(range(len(points))) and list(out["status"]) == ["ok"] * len(points)
    got = [{z: bool(out[f"in_{z}"].iloc[i]) for z in model.zone_layers} for i in range(len(out))]
    assert got == reference(points, model), (crs, fmt)

"""The HTTP API, tested against real uvicorn servers on loopback.

Two servers: ``serve()`` itself in a subprocess with the default limits (the
way ``avzone serve`` runs it), and a :class:`uvicorn.Server` in a thread of
this process serving ``create_app`` with small limits, for the 413 paths.
Every answer is checked against the schema the OpenAPI document gives for
its path, method and status.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import numpy as np
import pytest
import uvicorn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import avzone
from avzone.crs import from_wgs84, normalize_crs, wgs84_to_gcj02
from avzone.service import LocateFastPath, PointLocator, create_app, dumps, serve

HOST = "127.0.0.1"
AVZONE = str(Path(sys.executable).with_name("avzone"))
INSIDE = (116.50, 39.79)  # Yizhuang: in every zone
OUTSIDE = (116.3975, 39.9087)  # Tiananmen: in none
PATHS = {
    "/",
    "/healthz",
    "/v1/locate",
    "/v1/layers",
    "/v1/layers/{layer_id}",
    "/v1/growth",
    "/v1/check",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_healthy(
    base: str, proc: subprocess.Popen | None = None, log: Path | None = None, timeout: float = 180
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text() if log else ''}")
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server at {base} did not answer /healthz within {timeout} s:\n{log.read_text() if log else ''}")


def start_serve(**kwargs: Any) -> tuple[subprocess.Popen, str, Path]:
    """``avzone.service.serve(...)`` in a subprocess on a free loopback port."""
    port = free_port()
    args = ", ".join(f"{k}={v!r}" for k, v in {"host": HOST, "port": port, **kwargs}.items())
    log = Path(tempfile.mkstemp(prefix="avzone-serve-", suffix=".log")[1])
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", f"from avzone.service import serve; serve({args})"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://{HOST}:{port}"
    wait_healthy(base, proc, log)
    return proc, base, log


def stop_serve(proc: subprocess.Popen, log: Path) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """``serve()`` in a subprocess, default limits."""
    proc, url, log = start_serve()
    try:
        yield url
    finally:
        stop_serve(proc, log)


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=120) as c:
        yield c


SMALL_BODY, SMALL_POINTS = 2_000, 5


@contextmanager
def thread_server(app: Any) -> Iterator[httpx.Client]:
    """``app`` served by a uvicorn.Server in a thread of this process, and a client of it."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url)
        with httpx.Client(base_url=url, timeout=60) as c:
            yield c
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def small(model: avzone.Model) -> Iterator[httpx.Client]:
    """create_app with small limits, in a uvicorn.Server thread."""
    with thread_server(create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS)) as c:
        yield c


@pytest.fixture(scope="module")
def openapi(client: httpx.Client) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


def conforms(doc: dict[str, Any], path: str, method: str, r: httpx.Response) -> Any:
    """The response's body, after checking status, media type and body against the OpenAPI document."""
    op = doc["paths"][path][method]
    assert str(r.status_code) in op["responses"], f"{method.upper()} {path}: undocumented status {r.status_code}"
    content = op["responses"][str(r.status_code)].get("content", {})
    media = r.headers["content-type"].split(";")[0].strip()
    assert media in content, f"{method.upper()} {path} {r.status_code}: undocumented media type {media}"
    if media == "text/html":
        return r.text
    body = r.json()
    schema = {**content[media]["schema"], "components": doc["components"]}
    jsonschema.Draft202012Validator(schema).validate(body)
    return body


def cli_json(*args: str) -> Any:
    out = subprocess.run([AVZONE, *args, "--json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# -- GET /v1/locate ------------------------------------------------------------------------
def test_locate_inside(client, openapi):
    r = client.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1]})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = conforms(openapi, "/v1/locate", "get", r)
    assert all(body["zones"].values()) and set(body["zones"]) == {"core", "current", "planned", "outlook"}
    assert all(v == 0.0 for v in body["distance_to_edge_m"].values())
    assert body["input"] == list(INSIDE) and body["crs"] == "EPSG:4326"
    assert body["nearest_hub"]["id"] == "yizhuang"


def test_locate_outside(client, openapi):
    body = conforms(openapi, "/v1/locate", "get", client.get(f"/v1/locate?lon={OUTSIDE[0]}&lat={OUTSIDE[1]}"))
    assert not any(body["zones"].values())
    assert all(v > 1000 for v in body["distance_to_edge_m"].values())
    assert body["nearest_hub"]["id"] == "beijing_south"


@pytest.mark.parametrize("point", [INSIDE, OUTSIDE, (116.7, 40.1)])
def test_locate_matches_cli(client, point):
    r = client.get("/v1/locate", params={"lon": point[0], "lat": point[1]})
    assert r.status_code == 200
    assert r.json() == cli_json("locate", str(point[0]), str(point[1]))


def test_locate_gcj02_matches_cli_and_wgs84(client, openapi):
    glon, glat = (float(v) for v in wgs84_to_gcj02(*INSIDE))
    assert abs(glon - INSIDE[0]) > 1e-3  # the offset is real
    for name in ("gcj02", "GCJ-02"):
        body = conforms(
            openapi, "/v1/locate", "get", client.get("/v1/locate", params={"lon": glon, "lat": glat, "crs": name})
        )
        assert body["crs"] == "gcj02" and body["input"] == [glon, glat]
        assert abs(body["lon"] - INSIDE[0]) < 1e-7 and abs(body["lat"] - INSIDE[1]) < 1e-7
        assert all(body["zones"].values())
    assert client.get("/v1/locate", params={"lon": glon, "lat": glat, "crs": "gcj02"}).json() == cli_json(
        "locate", repr(glon), repr(glat), "--crs", "gcj02"
    )


def test_locate_projected_crs(client):
    x, y = (float(v) for v in from_wgs84(*INSIDE, "EPSG:32650"))
    for crs in ("EPSG:32650", "32650"):
        body = client.get("/v1/locate", params={"lon": x, "lat": y, "crs": crs}).json()
        assert body["crs"] == "EPSG:32650" and all(body["zones"].values())
        assert abs(body["lon"] - INSIDE[0]) < 1e-7


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"lat": 39.79}, ["lon", "required"]),
        ({"lon": 116.5}, ["lat", "required"]),
        ({"lon": "abc", "lat": 39.79}, ["lon", "number", "abc"]),
        ({"lon": 116.5, "lat": ""}, ["lat", "number"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "EPSG:999999"}, ["crs", "EPSG:999999"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "nonsense"}, ["crs", "nonsense"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "+init=epsg:4326"}, ["crs", "not accepted"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "/etc/passwd"}, ["crs"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "+proj=tmerc +nadgrids=/etc/passwd"}, ["crs"]),
        ({"lon": 116.5, "lat": 39.79, "crs": 'GEOGCS["x",DATUM["y"]]'}, ["crs"]),
        ({"lon": 39.79, "lat": 116.5}, ["order is lon, lat", "did you mean (116.5, 39.79)"]),
        ({"lon": 200, "lat": 39.79}, ["not a valid position"]),
        ({"lon": "nan", "lat": 39.79}, ["not a valid position"]),
        ({"lon": "inf", "lat": 39.79}, ["not a valid position"]),
        ({"lon": 0, "lat": 6718, "crs": "bd09"}, ["cannot be converted to WGS84"]),
        ({"lon": 0, "lat": 0, "crs": "\u00b9"}, ["crs"]),
    ],
)
def test_locate_errors_are_422_naming_the_field(client, openapi, params, words):
    r = client.get("/v1/locate", params=params)
    assert r.status_code == 422, r.text
    body = conforms(openapi, "/v1/locate", "get", r)
    for w in words:
        assert w in body["detail"], (w, body["detail"])


def test_far_away_point_gets_the_library_distances(client, openapi, model):
    """Half a world away the local projection cannot take the point: the answer still equals the library's."""
    body = conforms(openapi, "/v1/locate", "get", client.get("/v1/locate?lon=18&lat=0"))
    expected = model.locate(18, 0).to_dict()
    assert body["distance_to_edge_m"] == expected["distance_to_edge_m"]
    assert all(v > 1e7 for v in body["distance_to_edge_m"].values())
    assert not any(body["zones"].values()) and body["nearest_hub"]["distance_m"] > 1e7
    res = client.post("/v1/locate?distances=true", json=[[18, 0], list(INSIDE)]).json()["results"]
    assert res[0]["distance_to_edge_m"] == body["distance_to_edge_m"] and res[0]["nearest_hub"] == body["nearest_hub"]
    assert res[1]["distance_to_edge_m"]["core"] == 0.0


def test_swapped_hint_is_the_library_one(client, model):
    with pytest.raises(avzone.InputError) as err:
        model.locate(39.79, 116.5)
    assert client.get("/v1/locate?lon=39.79&lat=116.5").json()["detail"] == str(err.value)


def test_fast_path_and_route_answer_alike(client):
    """A percent-encoded or repeated parameter skips the fast path: both must say the same."""
    rng = np.random.default_rng(3)
    for lon, lat in zip(rng.uniform(115.4, 117.6, 8).tolist(), rng.uniform(39.4, 41.1, 8).tolist()):
        fast = client.get(f"/v1/locate?lon={lon!r}&lat={lat!r}")
        route = client.get(f"/v1/locate?lon={lon!r}&lat={lat!r}&crs=EPSG%3A4326")
        repeated = client.get(f"/v1/locate?lon=0&lon={lon!r}&lat={lat!r}")
        assert fast.status_code == route.status_code == repeated.status_code == 200
        assert fast.content == route.content
        assert fast.json() == repeated.json()


def test_fast_path_declines_what_it_does_not_parse(model):
    app = create_app(model)
    state = app.state.avzone
    fast = LocateFastPath(app, state)
    good = fast.answer(b"lon=116.5&lat=39.79")
    assert good == dumps(model.locate(116.5, 39.79).to_dict())
    assert fast.answer(b"lon=116.5&lat=39.79&crs=gcj02") == dumps(model.locate(116.5, 39.79, "gcj02").to_dict())
    for q in (
        b"lat=39.79",
        b"lon=1_16&lat=39.79",
        b"lon=116.5&lat=39.79&lat=39.8",
        b"l%6Fn=116.5&lat=39.79",
        b"lon=116.5&lat=39.79&crs=EPSG%3A4326",
        b"lon=39.79&lat=116.5",
        b"lon=116.5&lat=39.79&crs=bogus",
        b"lon=nan&lat=39.79",
    ):
        assert fast.answer(q) is None, q


@settings(max_examples=150, deadline=None)
@given(
    lon=st.floats(114.0, 119.0),
    lat=st.floats(38.5, 42.0),
    crs=st.sampled_from(["EPSG:4326", "gcj02", "bd09", "EPSG:32650", "OGC:CRS84"]),
)
def test_point_locator_equals_library(model, lon, lat, crs):
    """The service's cached computation gives the library's answer, error for error."""
    locator = _locator(model)
    c = normalize_crs(crs)
    if crs == "EPSG:32650":
        lon, lat = (float(v) for v in from_wgs84(lon, lat, crs))
    try:
        expected = model.locate(lon, lat, c).to_dict()
    except avzone.InputError as exc:
        with pytest.raises(avzone.InputError) as got:
            locator.locate(lon, lat, c)
        assert str(got.value) == str(exc)
        return
    assert locator.locate(lon, lat, c) == expected


_LOCATORS: dict[int, PointLocator] = {}


def _locator(model: avzone.Model) -> PointLocator:
    if id(model) not in _LOCATORS:
        _LOCATORS[id(model)] = PointLocator(model)
    return _LOCATORS[id(model)]


# -- POST /v1/locate -----------------------------------------------------------------------
def test_post_pairs_keep_order_and_statuses(client, openapi, model):
    pairs = [list(INSIDE), list(OUTSIDE), [None, 39.9], [200, 39.0], [39.79, 116.5], [116.45, None], [116.7, 40.1]]
    r = client.post("/v1/locate", json=pairs)
    body = conforms(openapi, "/v1/locate", "post", r)
    res = body["results"]
    assert body["count"] == len(pairs) == len(res) and body["ok"] == 3 and body["distances"] is False
    assert [p["input"] for p in res] == [[None if v is None else float(v) for v in p] for p in pairs]
    assert [p["status"] for p in res[:2]] + [res[6]["status"]] == ["ok"] * 3
    assert res[2]["status"] == "missing lon" and res[5]["status"] == "missing lat"
    assert res[3]["status"] == "lon out of range [-180, 180]"
    assert "did you mean (116.5, 39.79)" in res[4]["status"]
    for p in (res[2], res[3], res[4], res[5]):
        assert p["zones"] is None and p["lon"] is None and p["lat"] is None
    for i in (0, 1, 6):
        single = client.get("/v1/locate", params={"lon": pairs[i][0], "lat": pairs[i][1]}).json()
        assert res[i]["zones"] == single["zones"] and res[i]["lon"] == single["lon"]
        assert "distance_to_edge_m" not in res[i]


def test_post_with_distances_is_the_single_point_answer(client, openapi):
    rng = np.random.default_rng(5)
    pairs = np.column_stack([rng.uniform(116.0, 117.0, 12), rng.uniform(39.5, 40.4, 12)]).tolist()
    pairs.append([None, 40.0])
    body = conforms(openapi, "/v1/locate", "post", client.post("/v1/locate?distances=true", json=pairs))
    assert body["distances"] is True and body["count"] == 13 and body["ok"] == 12
    for pair, got in zip(pairs[:-1], body["results"]):
        single = client.get("/v1/locate", params={"lon": repr(pair[0]), "lat": repr(pair[1])}).json()
        assert got == {**single, "status": "ok"}
    assert body["results"][-1]["distance_to_edge_m"] is None and body["results"][-1]["nearest_hub"] is None


def test_post_feature_collection(client, openapi):
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "a",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": list(OUTSIDE)},
            },
            {"type": "Feature", "id": 7, "properties": {"x": 1}, "geometry": None},
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [*INSIDE, 35.0]}},
            {"type": "Feature", "id": "d", "properties": {}, "geometry": {"type": "Point", "coordinates": [0.0, 95.0]}},
        ],
    }
    r = client.post("/v1/locate", content=json.dumps(fc), headers={"content-type": "application/geo+json"})
    body = conforms(openapi, "/v1/locate", "post", r)
    res = body["results"]
    assert [p["id"] for p in res] == ["a", 7, None, "d"]
    assert [p["status"] for p in res] == ["ok", "missing geometry", "ok", "lat out of range [-90, 90]"]
    assert not any(res[0]["zones"].values()) and all(res[2]["zones"].values())


def test_post_gcj02(client):
    glon, glat = (float(v) for v in wgs84_to_gcj02(*INSIDE))
    body = client.post("/v1/locate?crs=gcj02", json=[[glon, glat]]).json()
    (p,) = body["results"]
    assert body["crs"] == p["crs"] == "gcj02" and p["status"] == "ok" and all(p["zones"].values())
    assert abs(p["lon"] - INSIDE[0]) < 1e-7


def test_post_thousand_points_match_classify(client, model):
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(115.4, 117.6, 1000), rng.uniform(39.4, 41.1, 1000)
    r = client.post("/v1/locate", json=np.column_stack([lon, lat]).tolist())
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == body["ok"] == 1000
    expected = model.classify(lon, lat)
    for z in model.zone_layers:
        assert [p["zones"][z] for p in body["results"]] == expected[z].astype(bool).tolist()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[[116.5, 39.79], [116.5", ["not valid JSON"]),
        (b"", ["empty"]),
        (b"[[116.5, NaN]]", ["not valid JSON", "NaN"]),
        (b"[[116.5, 39.79], [1, 2], [3, 4], [5], [6, 7]]", ["body[3]", "[lon, lat] pair"]),
        (b'[[116.5, 39.79], ["116.5", 39.79]]', ["body[1][0]", "lon", "number"]),
        (b"[[116.5, 39.79], [true, 39.79]]", ["body[1][0]"]),
        (b'{"lon": 116.5, "lat": 39.79}', ["not a JSON array", "FeatureCollection"]),
        (b"116.5", ["not a JSON array"]),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
            b'{"type": "Point", "coordinates": [1, 2]}}, {"type": "Feature", "geometry": '
            b'{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}]}',
            ["body.features[1].geometry", "LineString"],
        ),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
            b'{"type": "Point", "coordinates": ["a", 2]}}]}',
            ["body.features[0].geometry.coordinates"],
        ),
        (b'{"type": "FeatureCollection", "features": 3}', ["body.features"]),
    ],
)
def test_post_malformed_is_422_naming_the_item(client, openapi, content, words):
    r = client.post("/v1/locate", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    body = conforms(openapi, "/v1/locate", "post", r)
    for w in words:
        assert w in body["detail"], (w, body["detail"])


def test_post_bad_crs_and_bad_flag(client, openapi):
    r = client.post("/v1/locate?crs=foo", json=[list(INSIDE)])
    assert r.status_code == 422 and "crs" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    r = client.post("/v1/locate?distances=maybe", json=[list(INSIDE)])
    assert r.status_code == 422 and "distances" in conforms(openapi, "/v1/locate", "post", r)["detail"]


def test_post_huge_integer_is_a_per_point_status(client):
    body = client.post("/v1/locate", content=b"[[1" + b"0" * 400 + b", 39.9], [116.5, 39.79]]").json()
    assert body["results"][0]["status"] == "lon not finite" and body["results"][1]["status"] == "ok"


def test_batch_survives_a_point_the_crs_cannot_convert(model, monkeypatch):
    """A conversion error for one point (a non-converging inversion) is that point's status only."""
    import avzone.service as service

    real = service.locator.to_wgs84

    def flaky(x, y, crs):
        if np.any(np.asarray(x) == 116.45):
            raise avzone.CRSError("did not converge")
        return real(x, y, crs)

    monkeypatch.setattr(service.locator, "to_wgs84", flaky)
    x = np.array([116.5, 116.45, 116.3975])
    y = np.array([39.79, 39.8, 39.9087])
    res = PointLocator(model).locate_many(x, y, "gcj02")
    assert [r["status"] for r in res] == ["ok", "cannot be converted to WGS84", "ok"]
    assert res[1]["zones"] is None and res[1]["input"] == [116.45, 39.8]


# -- limits -----------------------------------------------------------------------------
def test_limits_are_reported_by_healthz(client, small):
    assert client.get("/healthz").json()["max_points"] == 10_000
    h = small.get("/healthz").json()
    assert (h["max_body_bytes"], h["max_points"]) == (SMALL_BODY, SMALL_POINTS)


def test_body_too_large_by_content_length(small, openapi):
    body = json.dumps([list(INSIDE)] * 200).encode()
    assert len(body) > SMALL_BODY
    r = small.post("/v1/locate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    detail = conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert "max_body_bytes=2000" in detail and "Content-Length" in detail


def test_body_too_large_chunked(small, openapi):
    body = json.dumps([list(INSIDE)] * 400).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 512):
            yield body[i : i + 512]

    r = small.post("/v1/locate", content=chunks(), headers={"content-type": "application/json"})
    assert r.request.headers.get("transfer-encoding") == "chunked" and "content-length" not in r.request.headers
    assert r.status_code == 413
    assert "max_body_bytes=2000" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert small.get("/healthz").status_code == 200  # the server is fine afterwards


def test_chunked_body_within_the_limit_is_read(small):
    body = json.dumps([list(INSIDE)] * 3).encode()
    r = small.post("/v1/locate", content=iter([body[:7], body[7:]]))
    assert r.status_code == 200 and r.json()["count"] == 3


def test_too_many_points(small, openapi):
    r = small.post("/v1/locate", json=[list(INSIDE)] * (SMALL_POINTS + 1))
    assert r.status_code == 413
    assert "max_points=5" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}] * 6,
    }
    assert small.post("/v1/locate", json=fc).status_code == 413
    ok = small.post("/v1/locate", json=[list(INSIDE)] * SMALL_POINTS)
    assert ok.status_code == 200 and ok.json()["count"] == SMALL_POINTS


def test_create_app_and_serve_refuse_bad_limits(model):
    with pytest.raises(avzone.InputError, match="max_points"):
        create_app(model, max_points=0)
    with pytest.raises(avzone.InputError, match="max_body_bytes"):
        create_app(model, max_body_bytes=True)
    with pytest.raises(avzone.InputError, match="workers"):
        serve(workers=0)
    with pytest.raises(avzone.InputError, match="max_points"):
        serve(workers=2, max_points=-5)  # refused before any worker starts


# -- layers, growth, check, health, map ------------------------------------------------------
def test_layers_list(client, openapi, model):
    body = conforms(openapi, "/v1/layers", "get", client.get("/v1/layers"))
    assert body["dataset"] == "beijing"
    assert [row["id"] for row in body["layers"]] == model.layers
    rows = {row["id"]: row for row in body["layers"]}
    for lid in model.layers:
        info = model.layer_info(lid)
        assert rows[lid]["kind"] == info.kind and rows[lid]["title_en"] == info.get("title_en")
        assert rows[lid]["feature_count"] == len(model.raw_features(lid))
        if info.kind == "zone":
            assert rows[lid]["area_km2"] == pytest.approx(model.area_km2(lid), abs=1e-3)
            assert rows[lid]["nominal_area_km2"] == info.nominal_area_km2
        else:
            assert rows[lid]["area_km2"] is None
    assert rows["current"]["nominal_area_km2"] == 160


@pytest.mark.parametrize("layer_id", ["core", "current", "planned", "outlook", "stations", "airports", "routes"])
def test_each_layer_geojson(client, openapi, model, layer_id):
    r = client.get(f"/v1/layers/{layer_id}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    body = conforms(openapi, "/v1/layers/{layer_id}", "get", r)
    assert body["type"] == "FeatureCollection" and body["name"] == layer_id
    assert body["features"] == json.loads(json.dumps(model.raw_features(layer_id)))


def test_layer_geojson_gzip(client):
    r = client.get("/v1/layers/outlook", headers={"accept-encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    assert r.json()["name"] == "outlook"  # httpx decoded it
    raw = client.get("/v1/layers/outlook", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.json() == r.json()


@pytest.mark.parametrize("layer_id", ["nope", "CURRENT", "dataset.json", "core.geojson"])
def test_unknown_layer_404(client, openapi, layer_id):
    r = client.get(f"/v1/layers/{layer_id}")
    assert r.status_code == 404
    detail = conforms(openapi, "/v1/layers/{layer_id}", "get", r)["detail"]
    assert repr(layer_id) in detail and "core, current, planned, outlook, stations, airports, routes" in detail


def test_growth(client, openapi):
    body = conforms(openapi, "/v1/growth", "get", client.get("/v1/growth"))
    assert body == cli_json("growth")
    assert body["from"] == "current" and body["to"] == "planned" and 430 < body["added_km2"] < 450
    other = client.get("/v1/growth", params={"from": "core", "to": "outlook"}).json()
    assert other == cli_json("growth", "core", "outlook")


@pytest.mark.parametrize(("params", "word"), [({"from": "nope"}, "from"), ({"to": "stations"}, "to")])
def test_growth_unknown_stage(client, openapi, params, word):
    r = client.get("/v1/growth", params=params)
    assert r.status_code == 422
    detail = conforms(openapi, "/v1/growth", "get", r)["detail"]
    assert detail.startswith(f"{word}:") and "zone layers are: core, current, planned, outlook" in detail


def test_check(client, openapi):
    body = conforms(openapi, "/v1/check", "get", client.get("/v1/check"))
    assert body == cli_json("check")
    assert body["ok"] is True and len(body["checks"]) > 10


def test_healthz(client, openapi):
    body = conforms(openapi, "/healthz", "get", client.get("/healthz"))
    assert body["status"] == "ok" and body["version"] == avzone.__version__
    assert body["zone_layers"] == ["core", "current", "planned", "outlook"]


def test_map_page(client, openapi):
    r = client.get("/", headers={"accept-encoding": "identity"})
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    page = conforms(openapi, "/", "get", r)
    assert page.lstrip().lower().startswith("<!doctype html") and "leaflet" in page.lower()
    assert "Yizhuang" in page or "current" in page
    again = client.get("/", headers={"accept-encoding": "gzip"})  # cached, and compressed when asked
    assert again.headers.get("content-encoding") == "gzip" and again.text == page
    assert len(gzip.compress(again.text.encode())) < len(page.encode())


def test_map_failure_is_503_and_the_api_keeps_working(monkeypatch, openapi):
    m = avzone.load()
    calls = []

    def broken(**options):
        calls.append(options)
        raise RuntimeError("maps module half-written")

    monkeypatch.setattr(m, "map", broken)
    with thread_server(create_app(m)) as tc:
        for _ in range(2):
            r = tc.get("/")
            assert r.status_code == 503
            assert "maps module half-written" in conforms(openapi, "/", "get", r)["detail"]
        assert len(calls) == 1  # the failure is remembered for a while, not re-rendered per request
        assert tc.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1]}).status_code == 200


def test_openapi_lists_every_path_and_error(openapi):
    assert set(openapi["paths"]) == PATHS
    post = openapi["paths"]["/v1/locate"]["post"]
    assert {"200", "413", "422"} <= set(post["responses"])
    assert post["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert {"200", "422"} <= set(openapi["paths"]["/v1/locate"]["get"]["responses"])
    assert "404" in openapi["paths"]["/v1/layers/{layer_id}"]["get"]["responses"]
    assert "422" in openapi["paths"]["/v1/growth"]["get"]["responses"]
    schemas = openapi["components"]["schemas"]
    assert {"LocationAnswer", "BatchAnswer", "Problem", "LayerList", "GrowthAnswer", "CheckReport"} <= set(schemas)
    assert set(schemas["LocationAnswer"]["required"]) == {
        "lon",
        "lat",
        "crs",
        "input",
        "zones",
        "distance_to_edge_m",
        "nearest_hub",
    }
    assert "/docs" not in openapi["paths"]


def test_no_request_reaches_the_file_system(client):
    for path in ("/v1/layers/..%2Fdataset.json", "/v1/layers/%2Fetc%2Fpasswd", "/v1/layers/../../etc/passwd"):
        assert client.get(path).status_code == 404
    r = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.79, "crs": "+init=/etc/passwd:root"})
    assert r.status_code == 422


# -- bounded fuzzing against the OpenAPI document ----------------------------------------------
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.floats(115.0, 118.0), st.floats(39.0, 41.5), st.integers()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lon=st.one_of(st.none(), _number, _text),
    lat=st.one_of(st.none(), _number, _text),
    crs=st.one_of(st.none(), st.sampled_from(["EPSG:4326", "gcj02", "bd09", "EPSG:32650", "ESRI:1", "x"]), _text),
)
def test_fuzz_get_locate_conforms(client, openapi, model, lon, lat, crs):
    params = {k: v for k, v in {"lon": lon, "lat": lat, "crs": crs}.items() if v is not None}
    params = {k: repr(v) if isinstance(v, float) else v for k, v in params.items()}
    r = client.get("/v1/locate", params=params)
    body = conforms(openapi, "/v1/locate", "get", r)
    assert r.status_code in (200, 422)
    if r.status_code == 200 and isinstance(lon, (int, float)) and isinstance(lat, (int, float)):
        try:
            expected = model.locate(float(lon), float(lat), normalize_crs(crs or "EPSG:4326")).to_dict()
        except avzone.AvzoneError:
            raise
        except Exception:  # the library's known failure half a world away: the service says null
            assert not any(body["zones"].values()) and None in body["distance_to_edge_m"].values()
            return
        assert body == expected


_pair = st.lists(st.one_of(st.none(), _number, st.booleans(), _text), min_size=0, max_size=3)
_body = st.one_of(
    st.lists(st.one_of(_pair, st.lists(st.floats(115, 118), min_size=2, max_size=2)), max_size=12),
    st.recursive(st.one_of(st.none(), st.booleans(), _number, _text), lambda c: st.lists(c, max_size=3), max_leaves=8),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_body, distances=st.booleans())
def test_fuzz_post_locate_conforms(client, openapi, model, body, distances):
    content = json.dumps(body, allow_nan=False) if _json_safe(body) else None
    if content is None:
        return
    r = client.post("/v1/locate", params={"distances": distances}, content=content)
    got = conforms(openapi, "/v1/locate", "post", r)
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert got["count"] == len(body) == len(got["results"])
        for item, res in zip(body, got["results"]):
            if res["status"] == "ok":
                assert res["input"] == [float(item[0]), float(item[1])]
                z = model.classify([float(item[0])], [float(item[1])])
                assert res["zones"] == {k: bool(z[k].iloc[0]) for k in model.zone_layers}


def _json_safe(v: Any) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    if isinstance(v, list):
        return all(_json_safe(x) for x in v)
    return True


# -- serve() with several workers ------------------------------------------------------------
@pytest.mark.slow
def test_serve_with_two_workers_and_custom_limits():
    proc, url, log = start_serve(workers=2, max_points=7, max_body_bytes=50_000)
    try:
        with httpx.Client(base_url=url, timeout=60) as c:
            h = c.get("/healthz").json()
            assert (h["max_points"], h["max_body_bytes"]) == (7, 50_000)
            for _ in range(20):
                assert c.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1]}).status_code == 200
            assert c.post("/v1/locate", json=[list(INSIDE)] * 8).status_code == 413
    finally:
        stop_serve(proc, log)

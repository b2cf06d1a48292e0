"""Layers, growth, checks, health, the map page and the OpenAPI document."""

from __future__ import annotations

import gzip
import json
import os
import time

import httpx
import pytest

import avzone
from avzone.export import PERIOD_FIELDS, export_layer, layer_features
from avzone.service import create_app

from .conftest import INSIDE, PATHS, cli_json, conforms, start_serve, stop_serve, thread_server


# -- layers, growth, check, health, map ------------------------------------------------------
def test_layers_list(client, openapi, model):
    body = conforms(openapi, "/v1/layers", "get", client.get("/v1/layers"))
    assert body["dataset"] == "beijing"
    assert (body["title_en"], body["title_zh"]) == (model.manifest["title_en"], model.manifest["title_zh"])
    assert body["title_zh"] == "北京市高级别自动驾驶示范区"
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
    for lid in model.zone_layers:  # the stage's period in force, as the manifest (and avzone export) give it
        info = model.layer_info(lid)
        assert (rows[lid]["valid_from"], rows[lid]["valid_to"]) == (info.get("valid_from"), info.get("valid_to"))
        assert rows[lid]["stage_zh"] == info.get("stage_zh")
    assert (rows["current"]["valid_from"], rows["current"]["valid_to"]) == ("2024-03-19", "2024-10-18")
    assert rows["stations"]["valid_from"] is None and rows["stations"]["valid_to"] is None


@pytest.mark.parametrize("layer_id", ["core", "current", "planned", "outlook", "stations", "airports", "routes"])
def test_each_layer_geojson(client, openapi, model, layer_id):
    r = client.get(f"/v1/layers/{layer_id}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    body = conforms(openapi, "/v1/layers/{layer_id}", "get", r)
    assert body["type"] == "FeatureCollection" and body["name"] == layer_id
    assert body["features"] == json.loads(json.dumps(layer_features(model, layer_id)))
    info = model.layer_info(layer_id)
    for feature, raw in zip(body["features"], model.raw_features(layer_id), strict=True):
        assert feature["geometry"] == json.loads(json.dumps(raw["geometry"]))
        if info.kind == "zone":  # the stage's period in force on every feature, as avzone export writes it
            assert feature["properties"]["valid_from"] == info.get("valid_from")
            assert feature["properties"]["valid_to"] == info.get("valid_to")
            assert {k: v for k, v in feature["properties"].items() if k not in PERIOD_FIELDS} == raw["properties"]
        else:
            assert feature["properties"] == raw["properties"]


def test_layer_geojson_is_what_export_writes(client, model, tmp_path):
    """GET /v1/layers/{id} answers the properties ``avzone export LAYER x.geojson`` writes (WGS84)."""
    out = tmp_path / "current.geojson"
    export_layer(model, "current", out)
    written = json.loads(out.read_text(encoding="utf-8"))
    body = client.get("/v1/layers/current").json()
    assert [f["properties"] for f in body["features"]] == [f["properties"] for f in written["features"]]
    assert body["features"][0]["properties"]["valid_from"] == "2024-03-19"


def test_layer_geojson_gzip(client):
    r = client.get("/v1/layers/outlook", headers={"accept-encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    assert r.json()["name"] == "outlook"  # httpx decoded it
    raw = client.get("/v1/layers/outlook", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.json() == r.json()


@pytest.mark.parametrize(
    ("header", "gzipped"),
    [
        ("gzip;q=0", False),  # (RFC 9110: q=0 is "not acceptable"; it was sent gzip, unreadable to that client)
        ("gzip; q=0.0, identity", False),
        ("br, *;q=0", False),
        ("GZIP", True),  # (codings are case-insensitive)
        ("deflate, gzip;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("br, gzip;q=0, *", False),  # (gzip named and refused: the wildcard is for codings not named)
        ("gzipped", False),
        ("gzip;q=1.000", True),
        ("gzip;q=1e0", False),  # (not a q-value as RFC 9110 writes it: refuses, as q=x does; identity is safe)
        ("gzip;q=0_5", False),  # (float() read it as 5)
        ("gzip;q=+1", False),
    ],
)
def test_gzip_only_when_the_client_accepts_it(client, header, gzipped):
    r = client.get("/v1/layers/outlook", headers={"accept-encoding": header})
    assert (r.headers.get("content-encoding") == "gzip") is gzipped, (header, r.headers.get("content-encoding"))
    assert r.headers.get("vary") == "Accept-Encoding"


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


@pytest.mark.parametrize(
    "path", ["/healthz", "/v1/layers", "/v1/layers/nope", "/v1/locate?lon=116.5&lat=39.79", "/v1/growth", "/"]
)
def test_head_is_answered_as_get_without_the_body(client, path):
    """RFC 9110: a server supports HEAD wherever it supports GET (health checks and `curl -I` send HEAD)."""
    get, head = client.get(path), client.head(path)
    assert (head.status_code, head.content) == (get.status_code, b"")
    for name in ("content-type", "content-length", "content-language", "content-encoding"):
        assert head.headers.get(name) == get.headers.get(name), name
    assert "allow" not in head.headers


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
        "distance_inside_m",
        "nearest_hub",
    }
    assert "/docs" not in openapi["paths"]


def test_no_request_reaches_the_file_system(client):
    for path in ("/v1/layers/..%2Fdataset.json", "/v1/layers/%2Fetc%2Fpasswd", "/v1/layers/../../etc/passwd"):
        assert client.get(path).status_code == 404
    r = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.79, "crs": "+init=/etc/passwd:root"})
    assert r.status_code == 422


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


@pytest.mark.slow
def test_workers_slow_to_start_are_waited_for_not_killed_and_started_again(tmp_path):
    """On a busy machine a worker process takes more than uvicorn's 5 s health check to start (importing avzone,
    numpy, pandas...): each was killed and started again, in a loop that never served. Here every worker process
    spends 8 s before Python runs anything of it (a ``sitecustomize`` that sleeps in multiprocessing's children)."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys, time\nif '--multiprocessing-fork' in sys.orig_argv:\n    time.sleep(8)\n", encoding="utf-8"
    )
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc, url, log = start_serve(env={"PYTHONPATH": path}, workers=2)
    try:
        deadline = time.monotonic() + 120
        while log.read_text().count("Application startup complete.") < 2 and time.monotonic() < deadline:
            assert "died" not in log.read_text(), log.read_text()
            time.sleep(0.5)
        said = log.read_text()
        assert said.count("Application startup complete.") == 2 and "died" not in said, said
        with httpx.Client(base_url=url, timeout=60) as c:
            assert c.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1]}).status_code == 200
    finally:
        stop_serve(proc, log)

"""A CRS given to the HTTP service as a file name (as the command line takes a .prj or .wkt file) is refused saying
the service reads no files, in both languages; it was "unknown coordinate reference system"."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from avzone.service import create_app


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


@pytest.mark.parametrize("crs", ["zone50.prj", "/data/crs.wkt", "./crs.json", "C:\\gis\\utm50.PRJ", "~/a.prj"])
def test_a_file_is_refused_as_a_file(client, crs):
    en = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.8, "crs": crs})
    zh = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.8, "crs": crs, "lang": "zh"})
    assert en.status_code == zh.status_code == 422
    assert en.json()["detail"].startswith(f"crs: {crs!r} names a file, and the service reads no files: give the CRS")
    assert zh.json()["detail"].startswith(f"crs：{crs!r} 是一个文件名，而服务不读取任何文件")


@pytest.mark.parametrize("crs", ["EPSG:99999", "utm50", "wgs84x"])
def test_an_unknown_name_is_still_unknown(client, crs):
    r = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.8, "crs": crs})
    assert r.status_code == 422 and "unknown coordinate reference system" in r.json()["detail"]


def test_the_same_on_posts(client):
    r = client.post("/v1/locate", params={"crs": "zone50.prj"}, json=[[116.5, 39.8]])
    assert r.status_code == 422 and "names a file" in r.json()["detail"]
    body = {"trajectories": [{"id": "a", "fixes": [[116.5, 39.8, "2024-11-01T08:00:00"]]}]}
    r = client.post("/v1/events", params={"crs": "zone50.prj"}, json=body)
    assert r.status_code == 422 and "names a file" in r.json()["detail"]

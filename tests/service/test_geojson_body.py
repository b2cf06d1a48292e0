"""A POSTed FeatureCollection is answered as ``avzone locate --input`` answers the same GeoJSON file: its old ``crs``
member's CRS used and said in a note, and the features' identities (``id`` and ``properties.id``) given back."""

from __future__ import annotations

import json

import pandas as pd
import pyproj
import pytest
from common import run_cli
from fastapi.testclient import TestClient

from avzone.service import create_app

INSIDE = (116.5, 39.8)
URN_3857 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


def _fc(features, member=None):
    doc = {"type": "FeatureCollection", **({"crs": member} if member else {}), "features": features}
    return doc


def _point(coords, **extra):
    return {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": list(coords)}} | extra


def test_the_crs_member_is_used_and_said_as_a_file_job_says_it(client, tmp_path):
    x, y = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(*INSIDE)
    doc = _fc([_point((x, y))], URN_3857)
    r = client.post("/v1/locate", json=doc)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["crs"] == "EPSG:3857" and answer["results"][0]["status"] == "ok"
    assert answer["notes"] == ["the points were read in EPSG:3857, the CRS the body's 'crs' member names"]
    zh = client.post("/v1/locate", params={"lang": "zh"}, json=doc).json()
    assert zh["notes"] == ["点按 EPSG:3857（Web 墨卡托投影）读取：这是请求体的 'crs' 成员给出的坐标系"]
    # the command line, given the same document as a file, reads it so and says so
    src = tmp_path / "merc.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0 and "the CRS the file's 'crs' member names" in out.stderr
    assert pd.read_csv(tmp_path / "rows.csv")["status"].tolist() == ["ok"]


def test_a_member_naming_wgs84_needs_no_note_anywhere(client, tmp_path):
    doc = _fc([_point(INSIDE)], CRS84)
    answer = client.post("/v1/locate", json=doc).json()
    assert "notes" not in answer and answer["results"][0]["status"] == "ok"
    src = tmp_path / "wgs.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0 and "'crs' member" not in out.stderr


def test_each_answer_gives_back_the_id_member_and_properties_id(client):
    feats = [
        _point(INSIDE, id=7) | {"properties": {"id": "A"}},
        _point(INSIDE) | {"properties": {"id": 12}},
        _point(INSIDE, id="f3"),
        _point(INSIDE) | {"properties": None},
        _point(INSIDE) | {"properties": {"id": {"road": 5}}},
    ]
    results = client.post("/v1/locate", json=_fc(feats)).json()["results"]
    assert [(r["id"], r["properties_id"]) for r in results] == [
        (7, "A"), (None, 12), ("f3", None), (None, None), (None, {"road": 5}),
    ]  # fmt: skip
    assert all(list(r)[-1] == "status" for r in results)
    pairs = client.post("/v1/locate", json=[list(INSIDE)]).json()["results"]
    assert "properties_id" not in pairs[0] and "id" not in pairs[0]


def test_a_properties_id_no_answer_can_hold_is_refused_naming_the_feature(client):
    feats = [_point(INSIDE), _point(INSIDE) | {"properties": {"id": 1}}]
    body = json.dumps(_fc(feats)).replace('"id": 1}', '"id": 1e400}')
    r = client.post("/v1/locate", content=body)
    assert r.status_code == 422
    assert r.json()["detail"].startswith("body.features[1].properties.id cannot be given back (got >1.8e308)")
    zh = client.post("/v1/locate", params={"lang": "zh"}, content=body)
    assert zh.json()["detail"].startswith("body.features[1].properties.id 无法在应答中返回")
    half = body.replace("1e400", '"\\ud800"')
    r = client.post("/v1/locate", content=half)
    assert r.status_code == 422 and r.json()["detail"].startswith("body.features[1].properties.id holds the text")


@pytest.mark.parametrize("start", ["", "\x1e"])
def test_newline_delimited_geojson_is_refused_as_the_command_line_refuses_it(client, tmp_path, start):
    text = "".join(start + json.dumps(_point(INSIDE)) + "\n" for _ in range(3))
    r = client.post("/v1/locate", content=text.encode())
    assert r.status_code == 422
    line = 2 if not start else 1
    assert r.json()["detail"].startswith(f"body is one GeoJSON Feature after another (line {line}), newline-delimited")
    zh = client.post("/v1/locate", params={"lang": "zh"}, content=text.encode())
    assert zh.json()["detail"].startswith(f"请求体是一个接一个的 GeoJSON Feature（第 {line} 行）")
    src = tmp_path / "fixes.geojson"
    src.write_text(text, encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 2 and f"one Feature after another (line {line})" in out.stderr
    other = client.post("/v1/locate", content=b"[[116.5, 39.8]]\n[[116.5, 39.8]]")  # (no Feature: as before)
    assert other.json()["detail"].startswith("body is not valid JSON: Extra data")

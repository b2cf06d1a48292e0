"""A GeoJSON file's old ``crs`` member (GeoJSON 2008: QGIS and GDAL still write it) gives its geometries' CRS."""

from __future__ import annotations

import json

import pandas as pd
import pyproj
import pytest
from common import run_cli

INSIDE, OUTSIDE = (116.5, 39.8), (116.3, 39.95)  # in every zone layer; in the outlook only, or none


def _fc(points, member=None, props=None):
    doc = {"type": "FeatureCollection"}
    if member is not None:
        doc["crs"] = member
    doc["features"] = [
        {"type": "Feature", "properties": dict(props[i]) if props else {"n": i},
         "geometry": {"type": "Point", "coordinates": list(p)}}
        for i, p in enumerate(points)
    ]  # fmt: skip
    return doc


def _mercator(lon, lat):
    return pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(lon, lat)


URN_3857 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def _answers(path):
    got = pd.read_csv(path, dtype=str)
    return got[[c for c in got.columns if c.startswith("in_")] + ["status"]].to_numpy().tolist()


@pytest.mark.parametrize(
    "member",
    [URN_3857, {"type": "EPSG", "properties": {"code": 3857}}, {"type": "name", "properties": {"name": "EPSG:3857"}}],
)
def test_a_file_job_reads_the_geometries_in_the_member_crs(tmp_path, member):
    wgs = tmp_path / "wgs.geojson"
    wgs.write_text(json.dumps(_fc([INSIDE, OUTSIDE])), encoding="utf-8")
    merc = tmp_path / "merc.geojson"
    merc.write_text(json.dumps(_fc([_mercator(*INSIDE), _mercator(*OUTSIDE)], member)), encoding="utf-8")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run_cli("locate", "--input", str(wgs), "--output", str(a)).returncode == 0
    out = run_cli("locate", "--input", str(merc), "--output", str(b))
    assert out.returncode == 0, out.stderr
    assert _answers(b) == _answers(a) and _answers(a)[0][-1] == "ok"
    assert "the CRS the file's 'crs' member names" in out.stderr
    # a GeoJSON output keeps the member, as the geometries are kept as given
    g = tmp_path / "b.geojson"
    assert run_cli("locate", "--input", str(merc), "--output", str(g)).returncode == 0
    assert json.loads(g.read_text())["crs"] == member


def test_a_given_crs_that_contradicts_the_member_is_refused_unless_overridden(tmp_path):
    """As for a GeoParquet file's declared CRS (:func:`avzone.crs.declared_or_given`): a --crs that contradicts
    the member is refused, naming both and --override-crs (it used to win, with only a note)."""
    src = tmp_path / "wgs-in-a-3857-file.geojson"
    src.write_text(
        json.dumps(_fc([INSIDE], URN_3857)), encoding="utf-8"
    )  # the member is wrong: the numbers are lon/lat
    dst = tmp_path / "out.csv"
    clash = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:4326")
    assert clash.returncode == 2 and not dst.exists()
    assert (
        f"{src}: --crs EPSG:4326 contradicts the CRS the file's 'crs' member declares for its geometries "
        "(urn:ogc:def:crs:EPSG::3857); leave --crs out to use the file's, or, if the member is a wrong label, also "
        "give --override-crs to read the geometries in EPSG:4326"
    ) in clash.stderr
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:4326", "--override-crs")
    assert out.returncode == 0, out.stderr
    assert (
        "--override-crs: the geometries were read in EPSG:4326, not in the CRS the file declares "
        "(urn:ogc:def:crs:EPSG::3857)"
    ) in out.stderr
    assert _answers(dst)[0] == ["true"] * 4 + ["ok"]
    # without --crs the member is taken, and those lon/lat numbers are caught as degrees in EPSG:3857
    refused = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert refused.returncode == 2 and "in urn:ogc:def:crs:EPSG::3857" not in refused.stderr
    assert "read as WGS84 lon/lat" in refused.stderr


def test_crs84_and_no_member_are_wgs84_without_a_note(tmp_path):
    member = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    for doc in (_fc([INSIDE], member), _fc([INSIDE])):
        src, dst = tmp_path / "in.geojson", tmp_path / "out.csv"
        src.write_text(json.dumps(doc), encoding="utf-8")
        out = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert out.returncode == 0 and "note:" not in out.stderr
        assert _answers(dst)[0][-1] == "ok"


def test_a_member_naming_no_crs_is_an_error_unless_crs_is_given(tmp_path):
    src, dst = tmp_path / "linked.geojson", tmp_path / "out.csv"
    src.write_text(json.dumps(_fc([INSIDE], {"type": "link", "properties": {"href": "x.prj"}})), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert out.returncode == 2 and str(src) in out.stderr and "names no CRS avzone can read" in out.stderr
    assert "--crs" in out.stderr and not dst.exists()
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert zh.returncode == 2 and "没有给出 avzone 能读取的坐标系" in zh.stderr
    given = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "EPSG:4326")
    assert given.returncode == 0 and "was not used" in given.stderr


def test_coordinates_from_properties_are_not_the_geometries_the_member_names(tmp_path):
    doc = _fc([_mercator(*INSIDE)], URN_3857, props=[{"lon": INSIDE[0], "lat": INSIDE[1]}])
    src, dst = tmp_path / "props.geojson", tmp_path / "out.csv"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--lon-col", "lon", "--lat-col", "lat")
    assert out.returncode == 0, out.stderr
    assert _answers(dst)[0] == ["true"] * 4 + ["ok"] and "note:" not in out.stderr


def test_http_post_takes_the_member_unless_crs_is_given(model):
    from starlette.testclient import TestClient

    from avzone.service.app import create_app

    client = TestClient(create_app(model))
    merc = _fc([_mercator(*INSIDE)], URN_3857)
    body = client.post("/v1/locate", json=merc).json()
    assert body["crs"] == "EPSG:3857" and body["results"][0]["status"] == "ok"
    assert all(body["results"][0]["zones"].values())
    crs84 = _fc([INSIDE], {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}})
    assert client.post("/v1/locate", json=crs84).json()["results"][0]["status"] == "ok"
    # a given crs that contradicts the member is refused, unless override_crs=true (here it is wrong for those
    # metres: they are out of range as lon/lat)
    clash = client.post("/v1/locate", params={"crs": "EPSG:4326"}, json=merc)
    assert clash.status_code == 422 and "override_crs=true" in clash.json()["detail"]
    given = client.post("/v1/locate", params={"crs": "EPSG:4326", "override_crs": "true"}, json=merc).json()
    assert given["crs"] == "EPSG:4326" and given["results"][0]["status"] != "ok"
    bad = client.post("/v1/locate", json=_fc([INSIDE], {"type": "link", "properties": {"href": "x"}}))
    assert bad.status_code == 422 and "body.crs" in bad.json()["detail"]


@pytest.mark.parametrize("shift", ["gcj02", "bd09"])
def test_http_post_takes_back_a_gcj02_or_bd09_export(model, tmp_path, shift):
    """avzone's own GCJ-02 / BD-09 GeoJSON (its 'crs' member a WKT) is read in that CRS, as the file job reads it."""
    from starlette.testclient import TestClient

    from avzone.service.app import create_app

    path = tmp_path / "stations.geojson"
    model.export("stations", path, crs=shift)
    client = TestClient(create_app(model))
    body = client.post("/v1/locate", content=path.read_bytes())
    assert body.status_code == 200, body.text
    given = client.post("/v1/locate", params={"crs": shift}, content=path.read_bytes()).json()
    answer = body.json()
    # the same answer, which says where the CRS came from as the file job's note says it (crs= needs no note)
    assert answer.pop("notes") == [f"the points were read in {shift}, the CRS the body's 'crs' member names"]
    assert answer == given and given["crs"] == shift and given["ok"] == 6 and "notes" not in given


@pytest.mark.parametrize("shift", ["gcj02", "bd09"])
def test_a_file_job_names_a_gcj02_or_bd09_member_as_avzone_names_it(model, tmp_path, shift):
    """The note about avzone's own GCJ-02 / BD-09 GeoJSON names its CRS ``gcj02`` / ``bd09``, not by its WKT."""
    src = tmp_path / "stations.geojson"
    model.export("stations", src, crs=shift)
    doc = json.loads(src.read_text(encoding="utf-8"))
    for i, feature in enumerate(doc["features"]):
        feature["properties"] = {"n": i}  # the export's own status column would clash with the job's
    src.write_text(json.dumps(doc), encoding="utf-8")
    dst = tmp_path / "out.csv"
    out = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert out.returncode == 0, out.stderr
    assert f"the geometries were read in {shift}, the CRS the file's 'crs' member names" in out.stderr
    assert "GEOGCRS" not in out.stderr and "DATUM" not in out.stderr
    other = "bd09" if shift == "gcj02" else "gcj02"
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", other, "--override-crs")
    assert f"the geometries were read in {other}, not in the CRS the file declares ({shift})" in out.stderr
    assert "GEOGCRS" not in out.stderr
    clash = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o2.csv"), "--crs", other)
    assert clash.returncode == 2 and f"'crs' member declares for its geometries ({shift})" in clash.stderr
    assert "GEOGCRS" not in clash.stderr
    zh = run_cli("locate", "--input", str(src), "--output", str(dst), "--lang", "zh")
    assert zh.returncode == 0 and "GEOGCRS" not in zh.stderr and shift in zh.stderr

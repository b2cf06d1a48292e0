"""Chinese messages say what the English ones say: positions counted as the English counts them."""

from __future__ import annotations

from common import run_cli

import avzone


def test_a_byte_position_in_chinese_is_counted_from_0_as_given_not_called_the_nth_byte(tmp_path):
    """The offset of an undecodable byte is Python's (from 0): the byte after a UTF-8 BOM is at 3. Chinese
    '第 3 字节' says "the 3rd byte", the BOM's last one; the message says position 3, counted from 0."""
    path = tmp_path / "bom_gbk.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "车辆,经度,纬度\nA,116.5,39.79\n".encode("gbk"))
    en = run_cli("locate", "--input", str(path), "--output", str(tmp_path / "o.csv"), "--lang", "en")
    zh = run_cli("locate", "--input", str(path), "--output", str(tmp_path / "o.csv"), "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    assert "byte 3 (line 1) cannot be decoded as utf-8-sig" in en.stderr
    assert "位置 3（从 0 起算，第 1 行）的字节无法按 utf-8-sig 解码" in zh.stderr
    assert "第 3 字节" not in zh.stderr


def test_a_ring_of_a_multipolygon_part_is_named_by_its_index_counted_from_0(dataset_copy):
    """``part 0`` is the index of coordinates[0]; in Chinese '第 0 部分' (the "0th part") is no ordinal at all."""

    def open_part(feat):
        rings = feat["geometry"]["coordinates"]
        feat["geometry"] = {"type": "MultiPolygon", "coordinates": [[rings[0][:-1]]]}

    dataset_copy.edit_feature("current.geojson", "current_2024", open_part)
    from avzone.i18n import written

    model = avzone.load(dataset_copy.folder, strict=False)
    r = next(r for r in model.check() if r.name == "geometry" and r.subject == "current")
    assert "exterior ring of part 0" in r.detail
    assert "部分 0（从 0 起算）的外环" in written(r.detail, "zh") and "第 0 部分" not in written(r.detail, "zh")


def test_a_big5_file_with_traditional_column_names_is_located(tmp_path):
    """經度 and 緯度 are 经度 and 纬度 in traditional characters (a Big5 file from Taiwan or Hong Kong)."""
    path = tmp_path / "big5.csv"
    path.write_bytes("編號,經度,緯度\n1,116.5,39.79\n".encode("big5"))
    out = tmp_path / "o.csv"
    res = run_cli("locate", "--input", str(path), "--output", str(out), "--encoding", "big5", "--lang", "zh")
    assert res.returncode == 0, res.stderr
    assert "经度列 '經度'，纬度列 '緯度'" in res.stderr
    assert out.read_bytes().decode("big5").splitlines()[1] == "1,116.5,39.79,true,true,true,true,ok"


def test_growth_parts_carry_their_chinese_names_in_json_and_http(model):
    """growth --json and GET /v1/growth name each part as the timeline names each stage: in both languages
    (``name_zh`` beside ``name_en``, as ``stage_zh`` beside ``stage``); the Chinese report prints that name."""
    import json

    from fastapi.testclient import TestClient

    from avzone.service import create_app

    doc = json.loads(run_cli("growth", "--json").stdout)
    want = {p: model.feature(p)[1]["name_zh"] for p in ("planned_tongzhou", "planned_shunyi")}
    assert {p["id"]: p["name_zh"] for p in doc["parts"]} == want
    answer = TestClient(create_app(model)).get("/v1/growth").json()
    assert {p["id"]: p["name_zh"] for p in answer["parts"]} == want
    zh = run_cli("growth", "--lang", "zh").stdout
    assert all(f"  {name}：+" in zh for name in want.values())


def test_the_nearest_hub_of_an_answer_carries_its_chinese_name(model, dataset_copy):
    """locate --json, GET /v1/locate and POST /v1/locate name the nearest hub in both languages (``name_zh``, null
    for a hub without one), as the Chinese one-line answer names it."""
    import json

    from fastapi.testclient import TestClient

    from avzone.service import create_app

    doc = json.loads(run_cli("locate", "116.3975", "39.9087", "--json").stdout)
    assert doc["nearest_hub"]["name_zh"] == "北京南站"
    client = TestClient(create_app(model))
    assert (
        client.get("/v1/locate", params={"lon": 116.3975, "lat": 39.9087}).json()["nearest_hub"] == (doc["nearest_hub"])
    )
    many = client.post("/v1/locate", params={"distances": "true"}, json=[[116.3975, 39.9087]]).json()
    assert many["results"][0]["nearest_hub"] == doc["nearest_hub"]
    dataset_copy.edit_feature("stations.geojson", "beijing_south", lambda f: f["properties"].pop("name_zh"))
    hub = dataset_copy.load().locate(116.3975, 39.9087).nearest_hub
    assert hub is not None and hub["id"] == "beijing_south" and hub["name_zh"] is None


def test_the_crss_a_metres_hint_suggests_are_described_in_chinese(tmp_path):
    """The CRSs suggested for metres given in the wrong CRS are described in Chinese as every CRS a Chinese message
    names (EPSG:32650（WGS84 / UTM 北半球第 50 带）), not by their English names; the English is unchanged."""
    zh = run_cli("locate", "457000", "4405000", "--crs", "EPSG:3857", "--lang", "zh")
    en = run_cli("locate", "457000", "4405000", "--crs", "EPSG:3857", "--lang", "en")
    assert zh.returncode == en.returncode == 2
    assert "EPSG:32650 (WGS 84 / UTM zone 50N) or EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E)" in en.stderr
    assert (
        "EPSG:32650（WGS84 / UTM 北半球第 50 带）或 EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E）"
        in zh.stderr
    )
    assert "UTM zone 50N" not in zh.stderr and "Gauss-Kruger" not in zh.stderr
    # lengths in km, as every other Chinese line writes them (not 公里 beside km)
    assert "1,000 km 以内" in zh.stderr and "距数据集区域 9,037 km" in zh.stderr and "9,037 公里" not in zh.stderr
    src = tmp_path / "metres.csv"
    src.write_text("lon,lat\n" + "".join(f"{457000 + i},{4405000 + i}\n" for i in range(20)), encoding="utf-8")
    job = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--lang", "zh")
    assert job.returncode == 2 and "EPSG:32650（WGS84 / UTM 北半球第 50 带）" in job.stderr, job.stderr
    assert "UTM zone 50N" not in job.stderr

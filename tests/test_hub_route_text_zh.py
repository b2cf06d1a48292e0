"""The service reported at each hub (``served``) and the basis of each route's reported length
(``reported_length_basis``) in Chinese: the dataset's ``served_zh`` and ``reported_length_basis_zh``, checked,
and shown wherever the English text is shown when Chinese is asked for (check, map popups, HTTP)."""

from __future__ import annotations

import html
import json

import pytest
from common import run_cli
from fastapi.testclient import TestClient
from test_maps import popup_of, render

from avzone.i18n import in_chinese
from avzone.service import create_app

HUB_LAYERS = ("stations.geojson", "airports.geojson")


def _hubs(model):
    return {
        p["id"]: p
        for lid in model.layers
        if model.layer_info(lid).kind == "hubs"
        for p in model.raw_layer(lid).properties
        if p.get("kind") in ("railway_station", "airport")
    }


def _routes(model):
    return {
        p["id"]: p
        for lid in model.layers
        if model.layer_info(lid).kind == "routes"
        for p in model.raw_layer(lid).properties
    }


def test_every_hub_s_service_and_every_route_s_basis_has_a_chinese_text(model):
    hubs, routes = _hubs(model), _routes(model)
    assert len(hubs) == 8 and len(routes) == 2
    for hid, p in hubs.items():
        assert in_chinese(p["served_zh"]), hid
    for rid, p in routes.items():
        assert in_chinese(p["reported_length_basis_zh"]), rid


def test_the_chinese_texts_say_what_the_english_ones_say(model):
    """The figures and dates of each English text are in its Chinese one (a translation drops no fact)."""
    import re

    def facts(t):
        return sorted(float(n) for n in re.findall(r"\d+(?:\.\d+)?", t))

    for p in _hubs(model).values():
        assert facts(p["served"]) == facts(p["served_zh"]), p["id"]
    for p in _routes(model).values():
        assert facts(p["reported_length_basis"]) == facts(p["reported_length_basis_zh"]), p["id"]


def test_check_in_chinese_gives_the_chinese_service_and_basis(model):
    result = run_cli("check", "--lang", "zh")
    assert result.returncode == 0, result.stdout + result.stderr
    for hid, p in _hubs(model).items():
        line = next(ln for ln in result.stdout.splitlines() if f"  {hid} " in ln and "枢纽" in ln)
        assert line.endswith(f"已报道的服务：{p['served_zh']}"), line
    for rid, p in _routes(model).items():
        line = next(ln for ln in result.stdout.splitlines() if f"  {rid} " in ln)
        assert f"km（{p['reported_length_basis_zh']}）（偏差" in line, line
    assert "（英文）" not in result.stdout and "英文原文" not in result.stdout
    en = run_cli("check", "--lang", "en")
    assert "Service reported: autonomous pick-up and drop-off tests reported 2024-10" in en.stdout


def test_check_json_carries_the_chinese_service_beside_the_english(model):
    result = run_cli("check", "--json")
    hubs = {c["subject"]: c["value"] for c in json.loads(result.stdout)["checks"] if c["name"] == "hubs"}
    for hid, p in _hubs(model).items():
        assert (hubs[hid]["served"], hubs[hid]["served_zh"]) == (p["served"], p["served_zh"])


def test_a_dataset_without_the_chinese_texts_says_so_in_chinese_and_fails_the_check(dataset_copy):
    dataset_copy.edit_feature("stations.geojson", "yizhuang", lambda f: f["properties"].pop("served_zh"))
    dataset_copy.edit_feature(
        "routes.geojson", "pkx_expressway", lambda f: f["properties"].pop("reported_length_basis_zh")
    )
    model = dataset_copy.load()
    results = {(r.name, r.subject): r for r in model.check()}
    hub, route = results[("hubs", "yizhuang")], results[("routes", "pkx_expressway")]
    assert not hub.ok and "its served text has no served_zh" in hub.detail
    assert not route.ok and "has no reported_length_basis_zh" in route.detail
    # and says so in Chinese, the English text labelled as English
    from avzone.i18n import written

    assert "已报道的服务：（英文）autonomous pick-up" in written(hub.detail, "zh")
    assert "其 served 文字没有对应的中文 served_zh" in written(hub.detail, "zh")
    assert "（英文原文：one way" in written(route.detail, "zh")
    page = render(model, lang="zh", tiles="none")
    served = html.escape(model.feature("yizhuang")[1]["served"])
    assert f"<dt>已报道的服务</dt><dd>（英文）{served}</dd>" in popup_of(page, "<h4>亦庄站</h4>")


@pytest.mark.parametrize(
    ("layer_file", "fid", "key", "value"),
    [
        ("stations.geojson", "yizhuang", "served_zh", 3),
        ("stations.geojson", "yizhuang", "served_zh", "tests reported 2024-10"),
        ("routes.geojson", "pkx_expressway", "reported_length_basis_zh", ""),
        ("routes.geojson", "pkx_expressway", "reported_length_basis_zh", "one way"),
    ],
)
def test_a_chinese_text_that_is_not_chinese_text_fails_the_schema_check(dataset_copy, layer_file, fid, key, value):
    dataset_copy.edit_feature(layer_file, fid, lambda f: f["properties"].update({key: value}))
    lid = layer_file.removesuffix(".geojson")
    r = next(r for r in dataset_copy.load().check() if r.name == "schema" and r.subject == lid)
    assert not r.ok and f"property '{key}' is {value!r}" in r.detail


def test_map_popups_in_chinese_give_the_chinese_service_and_basis(model):
    zh = render(model, lang="zh", tiles="none")
    en = render(model, lang="en", tiles="none")
    for hid, p in _hubs(model).items():
        popup = popup_of(zh, f"<h4>{p['name_zh']}</h4>")
        assert f"<dt>已报道的服务</dt><dd>{html.escape(p['served_zh'])}</dd>" in popup, hid
        assert html.escape(p["served"]) not in popup
        assert f"<dd>{html.escape(p['served'])}</dd>" in popup_of(en, f"<h4>{html.escape(p['name_en'])}</h4>")
    for p in _routes(model).values():
        popup = popup_of(zh, f"<h4>{p['name_zh']}</h4>")
        assert f"；报道 {p['reported_length_km']:g} km（{html.escape(p['reported_length_basis_zh'])}）</dd>" in popup
        assert p["reported_length_basis_zh"] not in popup_of(en, f"<h4>{html.escape(p['name_en'])}</h4>")


def test_http_answers_carry_the_chinese_texts(model):
    client = TestClient(create_app(model))
    zh = {"Accept-Language": "zh-CN,zh;q=0.9"}
    stations = client.get("/v1/layers/stations", headers=zh).json()
    props = {f["properties"]["id"]: f["properties"] for f in stations["features"]}
    assert props["yizhuang"]["served_zh"] == _hubs(model)["yizhuang"]["served_zh"]
    routes = client.get("/v1/layers/routes", headers=zh).json()
    props = {f["properties"]["id"]: f["properties"] for f in routes["features"]}
    assert (
        props["pkx_expressway"]["reported_length_basis_zh"]
        == _routes(model)["pkx_expressway"]["reported_length_basis_zh"]
    )
    checks = client.get("/v1/check", headers=zh).json()["checks"]
    hub = next(c for c in checks if c["name"] == "hubs" and c["subject"] == "PKX")
    assert hub["value"]["served_zh"] == _hubs(model)["PKX"]["served_zh"]
    page = client.get("/", headers=zh).text
    served = f"<dt>已报道的服务</dt><dd>{html.escape(_hubs(model)['PKX']['served_zh'])}</dd>"
    assert served in popup_of(page, "<h4>北京大兴国际机场</h4>")

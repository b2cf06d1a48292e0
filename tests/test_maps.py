"""The Folium map, checked on its rendered HTML (no browser; see test_browser.py)."""

from __future__ import annotations

import html
import json
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from common import run_cli
from shapely.ops import polylabel

from avzone import _mapjs, geodesy, maps
from avzone.checks import hub_coverage
from avzone.crs import from_wgs84
from avzone.errors import AvzoneError, InputError

TIANANMEN = (116.3975, 39.9087)


# -- helpers reading the rendered page ------------------------------------------
def render(model, **options) -> str:
    return maps.make_map(model, **options).get_root().render()


def avzone_data(page: str) -> dict:
    """The JSON the in-browser code reads (zones for the point check, legend, points)."""
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    assert len(found) == 1, "the data must be embedded exactly once"
    return json.loads(found[0])


def geojson_features(page: str) -> list[dict]:
    """Every feature of the folium GeoJson layers, as embedded in the page."""
    blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", page, re.M)
    return [f for blob in blobs for f in json.loads(blob)["features"]]


def overlay_names(page: str) -> list[str]:
    block = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.S).group(1)
    return [html.unescape(json.loads(k)) for k in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block, re.M)]


def popup_of(page: str, text: str) -> str:
    hits = [f["properties"]["popup_html"] for f in geojson_features(page) if text in f["properties"]["popup_html"]]
    assert len(hits) == 1, f"expected one popup containing {text!r}, found {len(hits)}"
    return hits[0]


@pytest.fixture(scope="module")
def default_page(model) -> str:
    return render(model, lang="en")


# -- layers, legend, size -------------------------------------------------------
def test_each_layer_is_a_toggleable_overlay(model, default_page):
    names = overlay_names(default_page)
    titles = {z: model.layer_info(z).get("title_en") for z in model.zone_layers}
    assert any(n.startswith(titles["current"]) and "160 km²" in n for n in names)
    assert any(n.startswith("2024 expansion: planned minus current") for n in names)
    for z in ("core", "outlook"):
        assert any(n.startswith(titles[z]) for n in names)
    for lid in ("stations", "airports"):
        assert model.layer_info(lid).get("title_en") in names
    assert "Access routes" in names
    assert avzone_data(default_page)["scale_imperial"] is True  # (the script adds the scale bar: metric and imperial)
    assert "tile.openstreetmap.org" in default_page


def test_stages_are_hidden_unless_asked(model):
    def shown(fmap):
        return {c.layer_name: c.show for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)}

    title = model.layer_info
    default = shown(maps.make_map(model))
    assert default[html.escape(f"{title('core').get('title_en')} (60 km² nominal)")] is False
    outlook_nominal = title("outlook").nominal_area_km2
    assert abs(model.area_km2("outlook") - outlook_nominal) <= outlook_nominal * 0.02
    assert default[html.escape(f"{title('outlook').get('title_en')} ({outlook_nominal:,.0f} km² nominal)")] is False
    assert not any("3,000" in name or "3000" in name for name in default)
    assert default[html.escape(f"{title('current').get('title_en')} (160 km² nominal)")] is True
    assert all(shown(maps.make_map(model, show_stages=True)).values())


def test_expansion_is_planned_minus_current_one_feature_per_part(model, default_page):
    parts = [f for f in geojson_features(default_page) if f["properties"]["popup_html"].startswith("<h4>Added: ")]
    names = sorted(re.search(r"<h4>Added: (.*?)</h4>", f["properties"]["popup_html"]).group(1) for f in parts)
    assert [n.split(":")[1].split("(")[0].strip() for n in names] == ["Shunyi part", "Tongzhou part"]
    current = model.layer_geometry("current")
    for f in parts:
        geom = shapely.geometry.shape(f["geometry"])
        assert geom.intersection(current).area < 1e-5 * geom.area  # shared edges, rounded
    total = sum(shapely.geometry.shape(f["geometry"]).area for f in parts)
    expected = model.layer_geometry("planned").difference(current).area
    assert total == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_expansion_whose_to_zone_does_not_hold_its_from_zone_is_not_drawn_as_one(dataset_copy, lang):
    """A planned layer without the Yizhuang part does not hold the current zone: drawing it as the current zone plus
    planned minus current, with the legend's 'drawn as the current zone plus the expansion', would show the current
    zone's ground as the planned zone's. Every zone layer is drawn whole instead, planned by its own name, and the
    in-browser check has each zone's own polygons."""
    doc = dataset_copy.read("planned.geojson")
    doc["features"] = [f for f in doc["features"] if f["properties"]["id"] != "planned_yizhuang"]
    dataset_copy.write("planned.geojson", doc)
    edited = dataset_copy.load()
    outside = geodesy.area_km2(edited.layer_geometry("current").difference(edited.layer_geometry("planned")))
    assert outside > 100 and edited.growth().removed_km2 == pytest.approx(outside)  # (growth says it is removed)
    assert _mapjs.expansion_stages(edited) is None and _mapjs.expansion_km2(edited) == 0
    page = render(edited, lang=lang)
    names = overlay_names(page)
    title = edited.layer_info("planned").get("title_zh" if lang == "zh" else "title_en")
    assert not any("minus" in n or "以外的部分" in n for n in names), names
    assert sum(n.startswith(title) for n in names) == 1, names  # (the planned layer, whole, as any other zone)
    legend = html.unescape(avzone_data(page)["legend_html"])
    assert "plus the expansion" not in legend and "加扩区部分" not in legend
    added = [f for f in geojson_features(page) if re.match(r"<h4>(Added: |新增：)", f["properties"]["popup_html"])]
    assert added == []
    planned = [f for f in geojson_features(page) if "Expanded zone: " in f["properties"]["popup_html"]]
    drawn = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in planned])
    assert drawn.symmetric_difference(edited.layer_geometry("planned")).area < 1e-4 * drawn.area


def test_expansion_overlay_and_legend_follow_the_datasets_declared_expansion(dataset_copy):
    """A dataset declaring its expansion core -> current gets current minus core drawn as the expansion, the overlay
    and the legend saying its area (one function, _mapjs.expansion_km2), and planned drawn whole as a zone."""
    doc = dataset_copy.read("dataset.json")
    doc["expansion"] = {"from": "core", "to": "current", "nominal_added_km2": 100, "area_tolerance_pct": 2}
    dataset_copy.write("dataset.json", doc)
    edited = dataset_copy.load()
    drawn = geodesy.area_km2(edited.layer_geometry("current").difference(edited.layer_geometry("core")))
    assert _mapjs.expansion_km2(edited) == pytest.approx(drawn)
    assert _mapjs.expansion_stages(edited) == ("core", "current")
    page = render(edited, lang="en")
    names = overlay_names(page)
    stage = edited.layer_info("current").get("stage")
    assert f"{stage[:1].upper()}{stage[1:]}: current minus core (+{drawn:,.0f} km² geodesic)" in names
    assert not any("planned minus current" in n for n in names)
    planned_title = edited.layer_info("planned").get("title_en")
    assert any(n.startswith(planned_title) for n in names)  # the planned layer, whole, as any other zone layer
    legend = html.unescape(avzone_data(page)["legend_html"])
    assert f"The current zone is drawn as the core zone plus the expansion (+{drawn:,.1f} km² geodesic)." in legend
    added = [f for f in geojson_features(page) if f["properties"]["popup_html"].startswith("<h4>Added: ")]
    core = edited.layer_geometry("core")
    shapes = [shapely.geometry.shape(f["geometry"]) for f in added]
    assert shapes and all(g.intersection(core).area < 1e-4 * g.area for g in shapes)  # (coordinates rounded)
    zh = render(edited, lang="zh")
    titles = {z: edited.layer_info(z).get("title_zh") for z in ("core", "current")}
    assert f"扩区：{titles['current']}中{titles['core']}以外的部分（椭球面积 +{drawn:,.0f} km²）" in overlay_names(zh)
    legend_zh = html.unescape(avzone_data(zh)["legend_html"])
    assert f"{titles['current']}画作{titles['core']}加扩区部分（椭球面积 +{drawn:,.1f} km²）。" in legend_zh


def test_an_expansion_part_s_nominal_is_shown_as_the_whole_part_s_not_the_added_area_s(dataset_copy):
    """A part of the expansion's 'to' zone that overlaps the 'from' zone adds less than it measures: its popup gives
    the added area, then the whole part's geodesic and nominal area, labelled as the whole part's; the nominal
    never stands under the added area as if it were the added area's."""
    doc = dataset_copy.read("dataset.json")
    doc["expansion"] = {"from": "core", "to": "current", "nominal_added_km2": 100, "area_tolerance_pct": 2}
    dataset_copy.write("dataset.json", doc)
    edited = dataset_copy.load()
    feature = edited.raw_features("current")[0]
    geom = shapely.geometry.shape(feature["geometry"])
    added = geodesy.area_km2(geom.difference(edited.layer_geometry("core")))
    whole, nominal = geodesy.area_km2(geom), feature["properties"]["nominal_area_km2"]
    assert nominal - added > 50
    for lang, labels in (
        ("en", ("Added area", "Whole part", "Whole part, nominal", "Nominal")),
        ("zh", ("新增面积", "整个片区", "整个片区标称面积", "标称面积")),
    ):
        popup = popup_of(render(edited, lang=lang), f"{added:,.1f} km²")
        pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", popup)
        found = [(html.unescape(k), html.unescape(v)) for k, v in pairs if "km²" in v and "<" not in v]
        suffix = "（椭球面积）" if lang == "zh" else " (geodesic)"
        assert found == [
            (labels[0], f"{added:,.1f} km²{suffix}"),
            (labels[1], f"{whole:,.1f} km²{suffix}"),
            (labels[2], f"{nominal:,.0f} km²"),
        ], found
        assert labels[3] not in [k for k, _ in pairs]


def test_legend_lists_each_zone_with_geodesic_and_nominal_area(model, default_page):
    legend = avzone_data(default_page)["legend_html"]
    assert legend.startswith('<div class="avzone-legend" lang="en">')
    for z in model.zone_layers:
        row = re.search(rf'<tr data-layer="{z}">(.*?)</tr>', legend).group(1)
        assert f"{model.area_km2(z):,.1f} km²" in row
        assert f"{model.layer_info(z).nominal_area_km2:,.0f} km²" in row


def test_default_map_is_under_one_megabyte(model, default_page):
    assert len(default_page.encode("utf-8")) < 1_000_000
    many = pd.DataFrame({"lon": np.linspace(116.2, 116.8, 20_000), "lat": np.linspace(39.6, 40.1, 20_000)})
    assert len(render(model, points=many).encode("utf-8")) < 1_000_000


def test_coordinates_are_rounded_to_precision(model):
    data = avzone_data(render(model, precision=3))
    coords = np.array([xy for z in data["zones"] for poly in z["polygons"] for ring in poly for xy in ring])
    assert np.allclose(coords, np.round(coords, 3), atol=0, rtol=0)
    with pytest.raises(InputError, match="precision"):
        maps.make_map(model, precision=-1)


# -- popups ---------------------------------------------------------------------
def test_hub_inside_a_zone_says_which(model, default_page):
    popup = popup_of(default_page, ">Yizhuang</h4>")
    assert 'data-inside="current planned outlook"' in popup
    # (in the plural: "Inside the drawn zone: the 160 km² current zone, the 600 km² planned zone, ..." named three)
    assert "Inside the drawn zones: the 160 km² current zone, the 600 km² planned zone and the 1,960 km²" in popup
    # the reported service is a second, separate fact
    served = model.feature("yizhuang")[1]["served"]
    assert f"<dt>Service reported</dt><dd>{html.escape(served)}</dd>" in popup


def test_hub_inside_one_drawn_zone_says_it_in_the_singular(model):
    popup = maps.hub_popup(model, {"id": "x", "name_en": "X"}, 116.31, 40.0386, {})  # Qinghe: the outlook alone
    assert "Inside the drawn zone: the 1,960 km² outlook zone<" in popup


def test_hub_inside_a_drawn_zone_is_not_called_served(model, default_page):
    popup = popup_of(default_page, ">Beijing Capital International Airport</h4>")
    assert "Inside the drawn zones: " in popup and "planned" in popup
    served = model.feature("PEK")[1]["served"]
    assert served.startswith("no autonomous service reported")
    assert f"<dd>{html.escape(served)}</dd>" in popup


def test_a_hub_s_route_length_is_the_drawn_route_s_as_the_route_s_popup_says(dataset_copy):
    """The hub popup's route length is measured from the route drawn (geodesic), the figure of the route's own
    popup, not the route's stored length_km, which a dataset can leave behind when it redraws the line."""
    doc = dataset_copy.read("routes.geojson")
    link = next(f for f in doc["features"] if f["properties"]["id"] == "beijing_south_link")
    link["geometry"]["coordinates"] = link["geometry"]["coordinates"][: len(link["geometry"]["coordinates"]) // 2]
    dataset_copy.write("routes.geojson", doc)
    edited = dataset_copy.load()
    drawn = geodesy.length_km(shapely.geometry.shape(link["geometry"]))
    stored = link["properties"]["length_km"]
    assert abs(drawn - stored) > 2
    page = render(edited, lang="en")
    assert f"{drawn:,.1f} km geodesic (drawn)" in popup_of(page, "<h4>BDA - Beijing South robotaxi route</h4>")
    hub = popup_of(page, ">Beijing South</h4>")
    assert f"BDA - Beijing South robotaxi route ({drawn:,.1f} km)" in hub and f"({stored:g} km)" not in hub
    zh = popup_of(render(edited, lang="zh"), ">北京南站</h4>")
    assert f"<dd>亦庄至北京南站自动驾驶接驳路线（{drawn:,.1f} km）</dd>" in zh


def test_hub_outside_says_how_far_and_by_which_route(model, default_page):
    south = model.layer("stations").set_index("id").loc["beijing_south", "geometry"]
    _, nearest, dist_m = hub_coverage(model, south.x, south.y)
    popup = popup_of(default_page, ">Beijing South</h4>")
    assert 'data-inside=""' in popup
    assert f"Outside every drawn zone: {dist_m / 1000:,.1f} km from the edge of the" in popup
    assert nearest in popup
    link = geodesy.length_km(model.feature("beijing_south_link")[2])
    assert f"BDA - Beijing South robotaxi route ({link:,.1f} km)" in popup

    pkx = model.layer("airports").set_index("id").loc["PKX", "geometry"]
    _, _, pkx_m = hub_coverage(model, pkx.x, pkx.y)
    popup = popup_of(default_page, ">Beijing Daxing International Airport</h4>")
    assert f"{pkx_m / 1000:,.1f} km from the edge" in popup
    pkx_route = geodesy.length_km(model.feature("pkx_expressway")[2])
    assert f"BDA - Daxing airport robotaxi route ({pkx_route:,.1f} km)" in popup
    assert "PKX/ZBAD" in popup


def test_zone_popup_shows_area_date_status_confidence_sources(model, default_page):
    props = model.layer("current").iloc[0]
    popup = popup_of(default_page, f"<h4>{html.escape(props['name_en'])}</h4>")
    assert f"{model.area_km2(props['id']):,.1f} km² (geodesic)" in popup
    for key in ("as_of", "status", "confidence"):
        assert f"<dd>{html.escape(props[key])}</dd>" in popup
    for source in props["sources"]:
        assert f"<li>{html.escape(source)}</li>" in popup


def test_route_popup(model, default_page):
    popup = popup_of(default_page, "<h4>BDA - Daxing airport robotaxi route</h4>")
    drawn = model.feature("pkx_expressway")[2]
    from avzone import geodesy

    assert f"{geodesy.length_km(drawn):,.1f} km geodesic (drawn); reported 39 km (one way" in popup
    assert "<dd>Beijing Daxing International Airport</dd>" in popup
    zh = popup_of(render(model, lang="zh"), "<h4>亦庄至大兴机场自动驾驶接驳路线</h4>")
    basis = model.feature("pkx_expressway")[1]["reported_length_basis_zh"]
    assert f"{geodesy.length_km(drawn):,.1f} km（所画路线的椭球长度）；报道 39 km（{html.escape(basis)}）</dd>" in zh


def test_a_route_basis_without_its_chinese_text_is_said_to_be_english(dataset_copy):
    dataset_copy.edit_feature(
        "routes.geojson", "pkx_expressway", lambda f: f["properties"].pop("reported_length_basis_zh")
    )
    model = dataset_copy.load()
    zh = popup_of(render(model, lang="zh"), "<h4>亦庄至大兴机场自动驾驶接驳路线</h4>")
    basis = model.feature("pkx_expressway")[1]["reported_length_basis"]
    # the basis is English text in the dataset: said to be English, never passed off as Chinese
    assert f"；报道 39 km（英文原文：{html.escape(basis)}）</dd>" in zh


def test_chinese_hub_popups_label_the_reported_service_as_english(dataset_copy):
    """A hub's ``served`` without its Chinese text (``served_zh``) is English text in the dataset: a Chinese popup
    labels it as such; a dataset that writes it in Chinese has it shown as it is."""
    dataset_copy.edit_feature("stations.geojson", "yizhuang", lambda f: f["properties"].pop("served_zh"))
    model = dataset_copy.load()
    zh = render(model, lang="zh", tiles="none")
    served = model.feature("yizhuang")[1]["served"]
    assert f"<dt>已报道的服务</dt><dd>（英文）{html.escape(served)}</dd>" in popup_of(zh, "<h4>亦庄站</h4>")

    def in_chinese(feat):
        feat["properties"]["served"] = "2024-10 报道自动驾驶接送测试"
        feat["properties"]["district"] = "通州区台湖镇"

    dataset_copy.edit_feature("stations.geojson", "yizhuang", in_chinese)
    dataset_copy.edit_feature("airports.geojson", "PKX_footprint", in_chinese)

    def basis_in_chinese(feat):
        feat["properties"]["reported_length_basis"] = "单程"
        del feat["properties"]["reported_length_basis_zh"]

    dataset_copy.edit_feature("routes.geojson", "pkx_expressway", basis_in_chinese)
    page = render(dataset_copy.load(), lang="zh", tiles="none")
    assert "；报道 39 km（单程）</dd>" in popup_of(page, "<h4>亦庄至大兴机场自动驾驶接驳路线</h4>")
    assert "<dt>已报道的服务</dt><dd>2024-10 报道自动驾驶接送测试</dd>" in popup_of(page, "<h4>亦庄站</h4>")
    assert "<dt>所在区</dt><dd>通州区台湖镇</dd>" in popup_of(page, "<h4>北京大兴国际机场场区</h4>")


def test_chinese_popups_give_sources_by_their_chinese_titles_else_labelled_as_english(model, dataset_copy):
    """The citations under 来源 are English text in the dataset: a Chinese popup labels each as English, shows a
    citation written in Chinese as it is, and shows the Chinese title the dataset gives (``sources_zh``) instead."""
    sources = model.feature("current_2024")[1]["sources"]
    zh = popup_of(render(model, lang="zh", tiles="none"), "<h4>亦庄示范区")
    listed = "".join(f"<li>（英文）{html.escape(s)}</li>" for s in sources[:4])  # (the first four: English only)
    assert f"<dt>来源</dt><dd><ul>{listed}" in zh
    en = popup_of(render(model, lang="en", tiles="none"), "<h4>BDA / Yizhuang")
    assert f"<dt>Sources</dt><dd><ul>{''.join(f'<li>{html.escape(s)}</li>' for s in sources)}</ul></dd>" in en

    def titled(feat):
        feat["properties"]["sources"] = ["Xinhua, 2024: zone grows", "新华网，2024：示范区扩区", "Beijing Daily"]
        feat["properties"]["sources_zh"] = ["新华社，2024：示范区扩大", None, None]

    dataset_copy.edit_feature("current.geojson", "current_2024", titled)
    edited = dataset_copy.load()
    page = render(edited, lang="zh", tiles="none")
    items = "<li>新华社，2024：示范区扩大</li><li>新华网，2024：示范区扩区</li><li>（英文）Beijing Daily</li>"
    assert f"<dt>来源</dt><dd><ul>{items}</ul></dd>" in popup_of(page, "<h4>亦庄示范区")
    assert "新华社" not in popup_of(render(edited, lang="en", tiles="none"), "<h4>BDA / Yizhuang")
    assert next(r for r in edited.check() if r.name == "schema" and r.subject == "current").ok


def test_an_english_source_naming_one_thing_in_chinese_is_still_labelled_as_english(model, dataset_copy):
    """ "Amap (高德) district outlines from ..." is an English citation with one Chinese name in it: a Chinese popup
    labels it as English, as it does a hub's service written in English with a Chinese name in it."""
    amap = model.feature("current_2024")[1]["sources"][4]
    assert "高德" in amap and amap.startswith("Amap")
    zh = popup_of(render(model, lang="zh", tiles="none"), "<h4>亦庄示范区")
    assert f"<li>（英文）{html.escape(amap)}</li>" in zh

    def served(feat):
        feat["properties"]["served"] = "robotaxi pick-up tests reported (Baidu Apollo, 萝卜快跑)"
        del feat["properties"]["served_zh"]

    dataset_copy.edit_feature("stations.geojson", "yizhuang", served)
    page = render(dataset_copy.load(), lang="zh", tiles="none")
    hub = popup_of(page, "<h4>亦庄站</h4>")
    assert "<dd>（英文）robotaxi pick-up tests reported (Baidu Apollo, 萝卜快跑)</dd>" in hub


def test_sources_zh_of_another_length_than_sources_is_caught(dataset_copy):
    dataset_copy.edit_feature(
        "current.geojson", "current_2024", lambda f: f["properties"].update(sources_zh=["新华社"])
    )
    r = next(r for r in dataset_copy.load().check() if r.name == "schema" and r.subject == "current")
    assert not r.ok and "feature 'current_2024': property 'sources_zh' is ['新华社']" in r.detail


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_hub_s_accuracy_is_grouped_as_every_number_of_the_map(model, lang):
    """±1,500 m, as the map writes 1,960 km²; not ±1500 m (the Capital airport's point is good to 1.5 km)."""
    assert model.feature("PEK")[1]["accuracy_m"] == 1500
    popup = popup_of(render(model, lang=lang, tiles="none"), "PEK/ZBAA")
    assert "，±1,500 m</dd>" in popup if lang == "zh" else "), ±1,500 m</dd>" in popup


def test_text_from_the_dataset_is_escaped(dataset_copy):
    evil = '<img src=x onerror="alert(1)"> & `${x}`'

    def rename(feat):
        feat["properties"]["name_en"] = evil
        feat["properties"]["sources"] = [evil]

    dataset_copy.edit_feature("stations.geojson", "yizhuang", rename)
    dataset_copy.edit_feature("current.geojson", "current_2024", rename)
    page = render(dataset_copy.load())
    assert "<img src=x" not in page
    escaped = html.escape(evil)
    assert escaped == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; `${x}`"
    popups = [f["properties"]["popup_html"] for f in geojson_features(page)]
    assert sum(f"<h4>{escaped}</h4>" in p for p in popups) == 2  # the station and the zone
    assert sum(f"<li>{escaped}</li>" in p for p in popups) == 2  # their sources
    assert sum(f"<dd>{escaped}</dd>" in p for p in popups) == 2  # the routes starting in the zone
    assert not any("<img" in p for p in popups)


def test_a_layer_id_cannot_end_the_pages_script(dataset_copy):
    """A zone layer id is a key of the script's overlay groups: written so that "</script>" in it ends nothing."""
    evil = "core</script><script>alert(1)</script>"
    doc = dataset_copy.read("dataset.json")
    for entry in doc["layers"]:
        if entry["id"] == "core":
            entry["id"] = evil
    doc["containment"] = [[evil if z == "core" else z for z in pair] for pair in doc["containment"]]
    for stage in doc["timeline"]:
        stage["layer"] = evil if stage["layer"] == "core" else stage["layer"]
    dataset_copy.write("dataset.json", doc)
    page = render(dataset_copy.load(), tiles="none")
    assert "<script>alert(1)" not in page
    groups = re.search(r"JSON\.parse\(document\.getElementById\([^)]*\)\.textContent\),\s*(\{[^}]*\})", page).group(1)
    keys = json.loads(re.sub(r":\s*feature_group_\w+", ": 0", groups))
    assert evil in keys and "current" in keys


# -- the in-browser point check's data -------------------------------------------
def test_point_check_polygons_are_embedded_once(model, default_page):
    data = avzone_data(default_page)
    assert [z["id"] for z in data["zones"]] == model.zone_layers
    assert [z["key"] for z in data["zones"]] == model.zone_layers
    assert data["crs_label"] == "WGS84"
    current = data["zones"][model.zone_layers.index("current")]
    first = model.layer_geometry("current").exterior.coords[0]
    assert current["polygons"][0][0][0] == [round(first[0], 5), round(first[1], 5)]
    outlook = data["zones"][model.zone_layers.index("outlook")]
    assert any(len(poly) > 1 for poly in outlook["polygons"]), "the outlook's hole is kept"
    assert "avzone-check" in default_page and "avzoneInit(" in default_page
    assert data["text"] == _mapjs.UI_TEXT, "the words the script writes come with the data"


def test_amap_tiles_shift_every_overlay_to_gcj02(model):
    page = render(model, tiles="amap")
    url = json.loads(re.search(r'L\.tileLayer\(\s*("[^"]*")', page).group(1))
    assert url == maps.AMAP_URL
    assert url.startswith("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8")
    assert '"attribution": "\\u00a9 AutoNavi / Amap"' in page and '"subdomains": "1234"' in page
    data = avzone_data(page)
    assert data["crs_label"] == "GCJ-02"
    x, y = model.layer_geometry("current").exterior.coords[0]
    gx, gy = from_wgs84(x, y, "gcj02")
    current = data["zones"][model.zone_layers.index("current")]
    assert current["polygons"][0][0][0] == [round(float(gx), 5), round(float(gy), 5)]
    # markers and lines too
    south = model.layer("stations").set_index("id").loc["beijing_south", "geometry"]
    sx, sy = from_wgs84(south.x, south.y, "gcj02")
    marker = next(f for f in geojson_features(page) if ">Beijing South</h4>" in f["properties"]["popup_html"])
    assert marker["geometry"]["coordinates"] == [round(float(sx), 5), round(float(sy), 5)]
    route = model.layer("routes").iloc[0].geometry.coords[0]
    rx, ry = from_wgs84(route[0], route[1], "gcj02")
    assert f"[{round(float(rx), 5)}, {round(float(ry), 5)}]" in page


def test_bad_tiles_value_names_the_choices(model):
    with pytest.raises(InputError, match=r"unknown tiles 'google': choose one of osm, amap, none"):
        maps.make_map(model, tiles="google")


def test_tiles_none_has_no_basemap(model):
    page = render(model, tiles="none")
    assert "L.tileLayer" not in page


# -- user points -------------------------------------------------------------------
def _sample_points(model):
    """A spot in the current zone but not the core, one in the expansion only, Tiananmen."""
    core, current, planned = (model.layer_geometry(z) for z in ("core", "current", "planned"))
    expansion = max(getattr(planned.difference(current), "geoms", [planned.difference(current)]), key=lambda g: g.area)
    spots = [polylabel(current.difference(core), 1e-4), polylabel(expansion, 1e-4), shapely.Point(*TIANANMEN)]
    return pd.DataFrame({"lon": [p.x for p in spots], "lat": [p.y for p in spots]})


def test_points_are_coloured_by_innermost_zone(model):
    frame = _sample_points(model)
    data = avzone_data(render(model, points=frame))
    zones = model.zone_layers
    assert [item[2] for item in data["points"]["items"]] == [
        zones.index("current"),
        zones.index("planned"),
        len(zones),
    ]
    assert data["points"]["categories"][-1]["label"] == "outside every zone"
    assert 'data-shown="3" data-total="3"' in data["note_html"]


def test_geodataframe_points_in_any_crs(model):
    frame = _sample_points(model)
    gdf = gpd.GeoDataFrame(geometry=gpd.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326").to_crs(3857)
    items = avzone_data(render(model, points=gdf))["points"]["items"]
    assert np.allclose([it[:2] for it in items], frame[["lon", "lat"]].to_numpy(), atol=2e-5)
    gdf.loc[len(gdf)] = [None]
    data = avzone_data(render(model, points=gdf))
    assert len(data["points"]["items"]) == 3
    assert "1 row without usable coordinates is not drawn" in data["note_html"]


def _track_vertices(page: str) -> np.ndarray:
    """Every vertex of the page's track lines, in order."""
    lines = [f["geometry"]["coordinates"] for f in geojson_features(page) if "track" in f["properties"]]
    return np.asarray([xy for multi in lines for part in multi for xy in part], float)


def test_each_layer_is_read_in_its_own_crs(model):
    """GCJ-02 points, BD-09 fixes and a located point in Amap's Web Mercator metres on one map: each is drawn at its
    WGS84 place (points_crs, tracks_crs, locate_crs); read in one CRS, the others would be hundreds of metres off."""
    frame = _sample_points(model)
    gx, gy = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "gcj02")
    fixes = pd.DataFrame(
        {
            "vehicle": 7,
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10", "2024-07-01 08:20"],
            "lon": [116.44, 116.46, 116.48],
        }
    ).assign(lat=[39.79, 39.79, 39.80])
    bx, by = from_wgs84(fixes["lon"].to_numpy(), fixes["lat"].to_numpy(), "bd09")
    mx, my = from_wgs84(*TIANANMEN, "gcj02merc")
    options = {"tiles": "none", "base": False}
    page = render(
        model,
        points=pd.DataFrame({"lon": gx, "lat": gy}),
        points_crs="gcj02",
        tracks=fixes.assign(lon=bx, lat=by),
        tracks_crs="bd09",
        locate=[(mx, my)],
        locate_crs="gcj02merc",
        **options,
    )
    data = avzone_data(page)
    assert np.allclose([it[:2] for it in data["points"]["items"]], frame[["lon", "lat"]], atol=2e-5)
    wgs_tracks = _track_vertices(render(model, tracks=fixes, **options))
    assert len(wgs_tracks) >= 3 and np.allclose(_track_vertices(page), wgs_tracks, atol=2e-5)
    assert np.allclose(wgs_tracks[[0, -1]], fixes[["lon", "lat"]].to_numpy()[[0, -1]], atol=1e-5)
    (pin,) = data["located"]
    assert np.allclose([pin["lon"], pin["lat"]], TIANANMEN, atol=2e-5)
    assert "given as" in pin["popup_html"] and "gcj02merc" in pin["popup_html"].lower()
    # the same numbers without their CRS: every layer elsewhere
    plain = render(model, points=pd.DataFrame({"lon": gx, "lat": gy}), tracks=fixes.assign(lon=bx, lat=by), **options)
    moved = np.asarray([it[:2] for it in avzone_data(plain)["points"]["items"]]) - frame[["lon", "lat"]].to_numpy()
    assert np.all(np.abs(moved).max(axis=1) > 1e-3)
    assert np.abs(_track_vertices(plain)[0] - wgs_tracks[0]).max() > 1e-3


def test_a_geodataframe_keeps_its_crs_beside_a_points_crs_that_agrees(model):
    """A GeoDataFrame of points is read in its own CRS; a points_crs naming the same CRS is taken, another refused
    (test_map_argument_errors_in_both_languages)."""
    frame = _sample_points(model)
    gdf = gpd.GeoDataFrame(geometry=gpd.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326").to_crs(3857)
    for crs in (None, "EPSG:3857"):
        items = avzone_data(render(model, points=gdf, points_crs=crs))["points"]["items"]
        assert np.allclose([it[:2] for it in items], frame[["lon", "lat"]].to_numpy(), atol=2e-5), crs
    assert np.allclose(maps.points_lonlat(gdf, "EPSG:3857"), maps.points_lonlat(gdf))


def test_more_points_than_max_are_sampled_with_a_note(model):
    rng = np.random.default_rng(1)
    n = 12_345
    frame = pd.DataFrame({"lon": rng.uniform(116.2, 116.9, n), "lat": rng.uniform(39.5, 40.2, n)})
    frame.loc[0, "lon"] = np.nan
    data = avzone_data(render(model, points=frame, max_points=1000))
    assert len(data["points"]["items"]) == 1000
    assert "showing 1,000 of 12,344 points, sampled at random" in data["note_html"]
    assert "1 row without usable coordinates" in data["note_html"]
    counts = model.classify(frame.lon, frame.lat)
    in_current_only = int(counts["current"].sum()) - int(counts["core"].sum())
    assert f"{in_current_only:,} in the 160 km² current zone (innermost)" in data["note_html"]
    again = avzone_data(render(model, points=frame, max_points=1000))
    assert again["points"]["items"] == data["points"]["items"], "the sample is seeded"
    assert "Your points" in overlay_names(render(model, points=frame.head(10)))


def test_one_point_is_counted_as_one_point(model):
    """The note says "showing the 1 point", not "showing all 1 points"."""
    one = avzone_data(render(model, points=pd.DataFrame({"lon": [116.5], "lat": [39.79]})))["note_html"]
    assert "showing the 1 point" in one and "points" not in one.split("</b>")[1].split("<br>")[0]
    two = avzone_data(render(model, points=pd.DataFrame({"lon": [116.5, 116.7], "lat": [39.79, 39.95]})))
    assert "showing all 2 points" in two["note_html"]
    zh = avzone_data(render(model, points=pd.DataFrame({"lon": [116.5], "lat": [39.79]}), lang="zh"))
    assert "显示全部 1 个点" in zh["note_html"]


def test_the_zones_the_points_are_coloured_by_are_shown_when_the_map_opens(model):
    """A point coloured as inside the core zone (or the outlook belt) is drawn with that zone shown: as an earlier
    or later stage it was hidden, so points changed colour at an edge the map did not draw."""

    def shown(fmap):
        by_name = {c.layer_name: c.show for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)}
        return {
            z: next(
                s for n, s in by_name.items() if n.startswith(html.escape(str(model.layer_info(z).get("title_en"))))
            )
            for z in ("core", "outlook")
        }

    core_point, belt_point, current_only = (116.5, 39.79), (116.1, 39.95), (116.56, 39.72)
    assert model.classify([belt_point[0]], [belt_point[1]]).iloc[0][["current", "planned", "outlook"]].tolist() == [
        False,
        False,
        True,
    ]
    assert shown(maps.make_map(model)) == {"core": False, "outlook": False}
    for pts, want in (
        ([core_point], {"core": True, "outlook": False}),
        ([belt_point], {"core": False, "outlook": True}),
        ([core_point, belt_point], {"core": True, "outlook": True}),
    ):
        frame = pd.DataFrame(pts, columns=["lon", "lat"])
        assert shown(maps.make_map(model, points=frame)) == want, pts
    assert not model.classify([current_only[0]], [current_only[1]]).iloc[0]["core"]
    frame = pd.DataFrame([current_only], columns=["lon", "lat"])
    assert shown(maps.make_map(model, points=frame)) == {"core": False, "outlook": False}


def test_unusable_points_raise(model):
    with pytest.raises(InputError, match=r"needs 'lon' and 'lat' columns \(WGS84, or in points_crs=\)"):
        maps.make_map(model, points=pd.DataFrame({"a": [1.0], "b": [2.0]}))
    with pytest.raises(InputError, match=r"points= takes a DataFrame \(pandas, polars or a pyarrow Table\)"):
        maps.make_map(model, points="points.csv")
    lines = gpd.GeoDataFrame(geometry=[shapely.LineString([(116, 39), (117, 40)])], crs=4326)
    with pytest.raises(InputError, match="point geometries"):
        maps.make_map(model, points=lines)


def test_located_points_carry_the_locate_summary(model):
    page = render(model, locate=[(116.50, 39.79), TIANANMEN])
    assert "Located points" in overlay_names(page)
    located = avzone_data(page)["located"]
    assert [(p["lon"], p["lat"]) for p in located] == [(116.50, 39.79), TIANANMEN]
    for (lon, lat), pin in zip(((116.50, 39.79), TIANANMEN), located, strict=True):
        assert f"{lon:.5f}, {lat:.5f} (WGS84)" in pin["popup_html"]
        summary = html.escape(model.locate(lon, lat).summary())
        assert f'<div class="avzone-locate">{summary}</div>' in pin["popup_html"]
    with pytest.raises(InputError):
        maps.make_map(model, locate=[(39.79, 116.50)])


def opening_bounds(page: str) -> tuple[float, float, float, float]:
    """(south, west, north, east) of the view the page opens on (its fitBounds)."""
    (south, west), (north, east) = json.loads(re.search(r"\.fitBounds\(\s*(\[\[.*?\]\])", page, re.S).group(1))
    return south, west, north, east


@pytest.mark.parametrize("tiles", ["osm", "amap"])
def test_the_map_opens_on_the_located_points_and_the_user_s_points_too(model, tiles):
    """A pin or a point away from the zones (Tianjin, Baoding) is in the view the map opens on, as tracks are;
    it opened on the zones alone, the pin or points out of sight (the note still counting them as drawn)."""
    base = opening_bounds(render(model, tiles=tiles))
    tianjin, baoding = (117.2, 39.13), (115.46, 38.87)
    for options, (lon, lat) in (
        ({"locate": [tianjin]}, tianjin),
        ({"points": pd.DataFrame({"lon": [116.5, baoding[0], None], "lat": [39.79, baoding[1], 39.9]})}, baoding),
    ):
        data_page = render(model, tiles=tiles, **options)
        south, west, north, east = opening_bounds(data_page)
        x, y = (lon, lat) if tiles == "osm" else (float(v) for v in from_wgs84(lon, lat, "gcj02"))
        tol = 1e-5  # (coordinates embedded to 5 decimals)
        assert west - tol <= x <= east + tol and south - tol <= y <= north + tol, (options, (south, west, north, east))
        b_south, b_west, b_north, b_east = base  # (the zones and hubs still in view)
        assert south <= b_south and west <= b_west and north >= b_north and east >= b_east
    # points inside the usual view leave it as it was
    assert opening_bounds(render(model, tiles=tiles, locate=[(116.5, 39.79)])) == base


def test_located_marker_is_a_pin_unlike_any_hub_marker_and_in_the_legend(model):
    page = render(model, locate=[(116.50, 39.79), TIANANMEN])
    data = avzone_data(page)
    pins = [p["icon"] for p in data["located"]]
    assert all(p.startswith('<svg class="avzone-pin"') and "<path" in p for p in pins)
    inside, outside = pins
    assert f'fill="{maps.ZONE_COLOURS["core"]}"' in inside, "filled with the innermost zone's colour"
    assert f'fill="{maps.OUTSIDE_COLOUR}"' in outside
    # hubs stay circle markers (GeoJSON points); no located point is among them
    point_features = [f for f in geojson_features(page) if f["geometry"]["type"] == "Point"]
    assert point_features and all("Located point" not in f["properties"]["popup_html"] for f in point_features)
    assert 'data-marker="located"><svg class="avzone-pin"' in data["legend_html"]
    assert 'data-marker="located"' not in avzone_data(render(model))["legend_html"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hub_footprints_have_a_legend_row_of_their_own_filled_as_the_map_fills_them(model, lang):
    """An airport's grounds (a polygon in the airports' dark grey) are told apart from a zone of like colour (the
    outlook's grey): the legend's row for them is filled as the map fills them; a dot stays the hub's point."""
    page = render(model, lang=lang)
    areas = [
        f
        for f in geojson_features(page)
        if f["geometry"]["type"] != "Point" and f["properties"]["style"].get("fillColor") == maps.AIRPORT_COLOUR
    ]
    assert len(areas) == 2  # Daxing's and Capital's grounds
    assert {f["properties"]["style"]["fillOpacity"] for f in areas} == {_mapjs.HUB_AREA_OPACITY}
    assert int(_mapjs.HUB_AREA_ALPHA, 16) / 255 == pytest.approx(_mapjs.HUB_AREA_OPACITY, abs=0.5 / 255)
    legend = avzone_data(page)["legend_html"]
    row = re.search(r'<span class="avzone-key" data-marker="airport_areas">(<span [^>]*></span>)([^<]*)</span>', legend)
    assert row, legend
    assert f"background:{maps.AIRPORT_COLOUR}{_mapjs.HUB_AREA_ALPHA}" in row.group(1)
    assert row.group(2) == {"en": "airport grounds", "zh": "机场占地"}[lang]
    # the embedded stations are points only: no row for station grounds
    assert 'data-marker="station_areas"' not in legend


def test_a_dataset_with_station_grounds_and_no_airport_grounds_gets_the_rows_it_draws(dataset_copy):
    doc = dataset_copy.read("airports.geojson")
    doc["features"] = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
    dataset_copy.write("airports.geojson", doc)
    stations = dataset_copy.read("stations.geojson")
    first = stations["features"][0]
    lon, lat = first["geometry"]["coordinates"]
    grounds = {**first, "properties": {**first["properties"], "id": first["properties"]["id"] + "_grounds"}}
    d = 0.003
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    grounds["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    stations["features"].append(grounds)
    dataset_copy.write("stations.geojson", stations)
    legend = avzone_data(render(dataset_copy.load()))["legend_html"]
    keys = re.findall(r'class="avzone-key" data-marker="(\w+)"', legend)
    assert keys[:3] == ["stations", "station_areas", "airports"]
    assert "airport_areas" not in keys
    assert f"background:{maps.STATION_COLOUR}{_mapjs.HUB_AREA_ALPHA}" in legend


def test_every_marker_type_on_the_map_is_in_the_legend(model):
    frame = _sample_points(model)
    data = avzone_data(render(model, points=frame, locate=[TIANANMEN]))
    keys = re.findall(r'class="avzone-key" data-marker="(\w+)"', data["legend_html"])
    expected = ["stations", "airports", "airport_areas", "routes", "located", "points", "rings"]
    from avzone import districts

    if districts.available():
        expected.append("districts")
    assert keys == expected
    assert {line["kind"] for line in data["base"]["lines"]} == {"ring"} | (
        {"district"} if districts.available() else set()
    )


# -- base context, language ---------------------------------------------------------
def test_base_context_has_ring_roads_districts_and_hub_names(model):
    data = avzone_data(render(model, offline=True))
    base = data["base"]
    rings = [line for line in base["lines"] if line["kind"] == "ring"]
    outlook = model.layer_geometry("outlook")
    assert len(rings) == 2
    shell, hole = (np.asarray(r["coords"])[:, ::-1] for r in rings)  # [lat, lon] -> [lon, lat]
    assert np.allclose(shell, np.round(np.asarray(outlook.exterior.coords), 5))
    assert np.allclose(hole, np.round(np.asarray(outlook.interiors[0].coords), 5))
    labels = {(label["kind"], label["text"]) for label in base["labels"]}
    assert {("ring", "6th Ring Road"), ("ring", "4th Ring Road")} <= labels
    hubs = [
        p["name_en"]
        for lid in ("stations", "airports")
        for _, p in model.layer(lid).iterrows()
        if p.geometry.geom_type == "Point"
    ]
    assert sorted(t for k, t in labels if k == "hub") == sorted(set(hubs))
    from avzone import districts

    names = sorted(t for k, t in labels if k == "district")
    assert names == (sorted(d.name_en for d in districts.DISTRICTS) if districts.available() else [])
    assert "Base context: ring roads, districts, hub names" in overlay_names(render(model))
    assert avzone_data(render(model, base=False))["base"] is None


def _rings_on_planned(dataset_copy):
    """The dataset with its ring roads declared by 'planned' (one, "Edge road" / 边界路), none by 'outlook'."""
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in manifest["layers"]}
    del entries["outlook"]["ring_roads"]
    entries["planned"]["ring_roads"] = [{"ring": 0, "name_en": "Edge road", "name_zh": "边界路"}]
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
    return dataset_copy.load()


def test_ring_roads_are_the_ones_the_dataset_declares_whatever_the_layer_ids(dataset_copy):
    """A zone layer called 'outlook' that declares no ring roads has none drawn; another layer's declared ones are."""
    edited = _rings_on_planned(dataset_copy)
    base = avzone_data(render(edited, offline=True))["base"]
    rings = [np.asarray(line["coords"])[:, ::-1] for line in base["lines"] if line["kind"] == "ring"]
    biggest = max(edited.layer_geometry("planned").geoms, key=lambda p: p.area)
    assert len(rings) == 1 and np.allclose(rings[0], np.round(np.asarray(biggest.exterior.coords), 5))
    assert {t for k, t in ((lb["kind"], lb["text"]) for lb in base["labels"]) if k == "ring"} == {"Edge road"}
    zh = avzone_data(render(edited, offline=True, lang="zh"))["base"]
    assert {lb["text"] for lb in zh["labels"] if lb["kind"] == "ring"} == {"边界路"}


def test_the_legend_s_ring_roads_name_the_layer_that_draws_them(dataset_copy, model):
    """The legend says which layer the ring roads are drawn from: the one declaring them, not 'outlook' whatever
    the dataset declares."""
    legend = html.unescape(avzone_data(render(model, lang="en"))["legend_html"])
    assert "ring roads (as drawn in the outlook layer)" in legend
    title = model.layer_info("outlook").get("title_zh")
    assert f"环路（{title}图层所画）" in html.unescape(avzone_data(render(model, lang="zh"))["legend_html"])
    edited = _rings_on_planned(dataset_copy)
    legend = html.unescape(avzone_data(render(edited, lang="en"))["legend_html"])
    assert "ring roads (as drawn in the planned layer)" in legend and "outlook layer" not in legend
    legend_zh = html.unescape(avzone_data(render(edited, lang="zh"))["legend_html"])
    assert f"环路（{edited.layer_info('planned').get('title_zh')}图层所画）" in legend_zh
    assert "远期" not in legend_zh.split("环路", 1)[1]


def base_layer_names(page: str) -> list[str]:
    block = re.search(r"base_layers\s*:\s*\{(.*?)\}", page, re.S).group(1)
    return [html.unescape(json.loads(k)) for k in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block, re.M)]


def test_the_amap_basemap_is_named_in_the_language_of_the_map(model):
    """The layer control names Gaode's tiles in the map's language (OpenStreetMap is a name in both)."""
    assert base_layer_names(render(model, tiles="amap", lang="en")) == ["Amap (GCJ-02)"]
    assert base_layer_names(render(model, tiles="amap", lang="zh")) == ["高德地图（GCJ-02）"]
    assert base_layer_names(render(model, tiles="osm", lang="zh")) == ["OpenStreetMap"]


def test_the_osm_credit_is_in_the_language_of_the_map(model):
    """OpenStreetMap's credit (the tiles' attribution, shown on the map) says "contributors" in the map's language."""

    def attribution(page):
        found = re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', page)
        assert len(found) == 1
        return json.loads(found[0])

    link = '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    assert attribution(render(model, tiles="osm", lang="zh")) == f"&copy; {link} 贡献者"
    assert attribution(render(model, tiles="osm", lang="en")) == f"&copy; {link} contributors"


def test_the_amap_credit_is_in_the_language_of_the_map(model):
    """Gaode's credit under its tiles names it 高德 on a Chinese map, as the layer control does."""
    found = re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', render(model, tiles="amap", lang="zh"))
    assert [json.loads(f) for f in found] == ["© 高德软件 / 高德地图"]
    found = re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', render(model, tiles="amap", lang="en"))
    assert [json.loads(f) for f in found] == ["© AutoNavi / Amap"]


def test_chinese_map_names_zones_hubs_and_words_in_chinese(model):
    from avzone import i18n

    frame = _sample_points(model)
    page = render(model, lang="zh", points=frame, locate=[TIANANMEN])
    data = avzone_data(page)
    assert data["text"] == i18n.UI_TEXT["zh"]
    legend = data["legend_html"]
    assert model.manifest["title_zh"] in legend and 'lang="zh-CN"' in legend
    for z in model.zone_layers:
        assert model.layer_info(z).get("title_zh") in legend
    assert "铁路枢纽" in legend and "查询点" in legend and "椭球面积" in legend
    names = overlay_names(page)
    assert "接驳路线" in names and "您的点" in names and "查询点" in names
    assert any(n.startswith("亦庄示范区（标称面积 160 km²）") for n in names)
    yizhuang = popup_of(page, "<h4>亦庄站</h4>")
    assert "<div>Yizhuang</div>" in yizhuang and "<dt>位置</dt>" in yizhuang and "位于所画范围内：" in yizhuang
    # the distances to the edges of the zones a hub is outside name each zone in Chinese, not by its id
    south = popup_of(page, "<h4>北京南站</h4>")
    edges = re.search(r"<dt>距边界</dt><dd>(.*?)</dd>", south).group(1)
    for z in model.zone_layers:
        assert f"{html.escape(i18n.zone_name(model, z, 'zh'))} " in edges
        assert not re.search(rf"(^|；){z} ", edges)
    assert "显示全部 3 个点" in data["note_html"]
    assert data["points"]["categories"][-1]["label"] == "不在任何范围内"
    assert data["located"][0]["popup_html"].startswith("<h4>查询点</h4>")
    assert "不在任何范围内" in data["located"][0]["popup_html"]
    labels = {label["text"] for label in data["base"]["labels"]}
    assert {"四环路", "六环路", "亦庄站"} <= labels


@pytest.mark.parametrize(("lang", "tag", "title"), [("zh", "zh-CN", "title_zh"), ("en", "en", "title_en")])
def test_the_page_says_its_language_and_title(model, lang, tag, title):
    """The page itself (not only the legend) says its language, for fonts and screen readers, and has a title."""
    page = render(model, lang=lang, tiles="none")
    # (the encoding declared first: within the page's first 1024 bytes, tests/test_maps_head.py)
    head = f'<!DOCTYPE html>\n<html lang="{tag}">\n<head>\n<meta charset="utf-8">\n'
    head += f"<title>{model.manifest[title]}</title>\n"
    assert page.startswith(head)
    assert page.count("<title>") == 1 and page.count("<html") == 1
    # the page's script is in its body, where HTML allows it (not after </body>)
    assert page.rstrip().endswith("</script>\n</body>\n</html>")
    assert page.count("</body>") == 1


def test_the_page_title_is_escaped(dataset_copy):
    doc = dataset_copy.read("dataset.json")
    doc["title_zh"] = "示范区</title><script>alert(1)</script> & 'x'"
    dataset_copy.write("dataset.json", doc)
    page = render(dataset_copy.load(), lang="zh", tiles="none")
    assert "<title>示范区&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x27;x&#x27;</title>" in page
    assert "<script>alert(1)" not in page


def test_chinese_popups_give_status_confidence_and_kind_in_chinese(model, dataset_copy):
    """The dataset's fixed words (status, confidence, a hub's kind) are Chinese in a Chinese map; other text as is."""
    zh, en = render(model, lang="zh", tiles="none"), render(model, lang="en", tiles="none")
    yizhuang = popup_of(zh, "<h4>亦庄站</h4>")
    assert "<dt>类型</dt><dd>铁路车站</dd>" in yizhuang
    assert "<dt>状态</dt><dd>测试中</dd>" in yizhuang and "<dt>可信度</dt><dd>中</dd>" in yizhuang
    assert "<dt>类型</dt><dd>机场 PKX/ZBAD</dd>" in popup_of(zh, "<h4>北京大兴国际机场</h4>")
    current = popup_of(zh, "<h4>亦庄示范区（3.0阶段，160 km²）</h4>")
    assert "<dt>状态</dt><dd>运营中</dd>" in current and "<dt>可信度</dt><dd>中</dd>" in current
    outlook = popup_of(zh, "<h4>远期：四环至六环之间环带</h4>")
    assert "<dt>状态</dt><dd>规划中</dd>" in outlook and "<dt>可信度</dt><dd>低</dd>" in outlook
    south = popup_of(zh, "<h4>北京南站</h4>")
    assert "<dt>状态</dt><dd>运营中</dd>" in south and "<dt>可信度</dt><dd>高</dd>" in south
    english = popup_of(en, "<h4>Yizhuang</h4>")
    assert "<dt>Kind</dt><dd>railway station</dd>" in english
    assert "<dt>Status</dt><dd>testing</dd>" in english and "<dt>Confidence</dt><dd>medium</dd>" in english

    def unknown(feat):
        feat["properties"]["status"] = "suspended <2025>"

    dataset_copy.edit_feature("stations.geojson", "yizhuang", unknown)
    page = render(dataset_copy.load(), lang="zh", tiles="none")
    assert "<dt>状态</dt><dd>suspended &lt;2025&gt;</dd>" in popup_of(page, "<h4>亦庄站</h4>")


def test_language_comes_from_the_locale_unless_given(model, monkeypatch):
    from avzone import i18n

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert avzone_data(render(model))["text"] == i18n.UI_TEXT["zh"]
    assert avzone_data(render(model, lang="en"))["text"] == _mapjs.UI_TEXT
    with pytest.raises(InputError, match="unknown language 'fr': choose one of en, zh"):
        maps.make_map(model, lang="fr")


def test_both_catalogues_have_the_same_keys():
    from avzone import i18n

    assert i18n.MESSAGES["en"].keys() == i18n.MESSAGES["zh"].keys()
    assert i18n.UI_TEXT["en"].keys() == i18n.UI_TEXT["zh"].keys()


# -- offline ---------------------------------------------------------------------
def test_offline_file_has_no_external_scripts_or_styles(model, tmp_path):
    path = maps.save_map(model, tmp_path / "offline.html", offline=True)
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", page, re.I)
    assert "<script src=" not in page and "<link " not in page
    assert "Leaflet 1.9" in page and "Leaflet inlined from xstatic-leaflet" in page
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page, "Leaflet's CSS images are inlined"
    assert "L.tileLayer" not in page, "offline maps have no basemap unless asked"
    assert "tile.openstreetmap.org" in render(model, offline=True, tiles="osm")
    assert len(page.encode("utf-8")) < 1_000_000


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("--lang", "en"), "KB, self-contained)"),
        (("--tiles", "osm", "--lang", "en"), "KB, self-contained but for its basemap, OpenStreetMap, whose tiles need"),
        (("--tiles", "amap", "--lang", "zh"), "KB，单文件离线可用，但底图高德地图（GCJ-02）的瓦片需要联网）"),
    ],
    ids=["none", "osm", "amap-zh"],
)
def test_cli_offline_map_with_tiles_does_not_say_it_needs_no_network(tmp_path, options, said):
    """`avzone map --offline --tiles osm` said "self-contained" (in Chinese 单文件离线可用, usable offline) as
    `--offline` alone does, though its basemap's tiles come from the network."""
    result = run_cli("map", "--offline", "--no-base", "-o", str(tmp_path / "m.html"), *options)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout


def test_online_map_loads_only_leaflet(default_page):
    external = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', default_page)
    assert len(external) == 2 and all("leaflet" in url for url in external)


def test_missing_leaflet_package_is_a_clear_error(model, monkeypatch):
    maps.leaflet_assets.cache_clear()
    monkeypatch.setattr(_mapjs, "LEAFLET_PACKAGES", (("no-such-leaflet-package", "data"),))
    try:
        with pytest.raises(AvzoneError, match="pip install xstatic-leaflet"):
            maps.make_map(model, offline=True)
    finally:
        maps.leaflet_assets.cache_clear()


def test_model_map_delegates(model):
    assert isinstance(model.map(tiles="none"), folium.Map)


def test_innermost_zone_is_the_smallest_covering_one_whatever_the_manifest_order(dataset_copy, model):
    """A dataset listing its zone layers biggest first still colours a point in the core by the core."""
    doc = dataset_copy.read("dataset.json")
    zones = [e for e in doc["layers"] if e["kind"] == "zone"]
    doc["layers"] = zones[::-1] + [e for e in doc["layers"] if e["kind"] != "zone"]
    dataset_copy.write("dataset.json", doc)
    reversed_model = dataset_copy.load()
    assert reversed_model.zone_layers == ["outlook", "planned", "current", "core"]
    core_point = (116.50, 39.79)
    assert all(reversed_model.locate(*core_point).zones.values())
    data = avzone_data(
        render(reversed_model, points=pd.DataFrame({"lon": [116.50], "lat": [39.79]}), locate=[core_point])
    )
    label = data["points"]["categories"][data["points"]["items"][0][2]]["label"]
    assert label == "innermost zone: the 60 km² core zone"
    assert "1 in the 60 km² core zone (innermost)" in data["note_html"]
    assert f'fill="{_mapjs.ZONE_COLOURS["core"]}"' in data["located"][0]["icon"]
    # drawn bottom to top biggest first, so a click in the core lands on the core, not on the outlook over it
    page = render(reversed_model, tiles="none")
    call = re.search(r"\.textContent\),\s*(\{[^}]*\}),\s*(\[[^\]]*\])", page)
    names = dict(re.findall(r'"([^"]+)": (feature_group_\w+)', call.group(1)))
    by_name = {v: k for k, v in names.items()}
    stack = [by_name[g] for g in re.findall(r"feature_group_\w+", call.group(2))]
    assert [k for k in stack if k in reversed_model.zone_layers] == ["outlook", "planned", "current", "core"]


def test_a_feature_without_a_chinese_name_is_named_in_english_not_nan(dataset_copy):
    """Properties a feature lacks and others have are NaN in a GeoDataFrame row: never written as 'nan'."""

    def no_chinese(feat):
        del feat["properties"]["name_zh"]

    dataset_copy.edit_feature("stations.geojson", "beijing_south", no_chinese)
    dataset_copy.edit_feature("planned.geojson", "planned_shunyi", no_chinese)
    copy = dataset_copy.load()
    page = render(copy, lang="zh", tiles="none")
    route = popup_of(page, "<h4>亦庄至北京南站自动驾驶接驳路线</h4>")
    assert "<dt>终点</dt><dd>Beijing South</dd>" in route and "nan" not in route
    out = run_cli("growth", "--data", str(dataset_copy.folder), "--lang", "zh")
    assert "\n  Expanded zone: Shunyi part (assumed 190 km²)：+190.0 km²\n" in out.stdout and "nan" not in out.stdout


def test_chinese_popups_name_districts_in_chinese(model, dataset_copy):
    """A feature's district is named in Chinese (avzone.districts' names) in a Chinese map: a zone's declared
    ``districts``, else the district its ``district`` text begins with; the rest of that text, English in the
    data, is labelled as English rather than passed off as Chinese."""
    zh, en = render(model, lang="zh", tiles="none"), render(model, lang="en", tiles="none")
    tongzhou = popup_of(zh, "扩区后示范区：通州部分（假定250 km²）</h4>")
    assert "<dt>所在区</dt><dd>通州区</dd>" in tongzhou
    current = popup_of(zh, "<h4>亦庄示范区（3.0阶段，160 km²）</h4>")
    assert "<dt>所在区</dt><dd>大兴区、通州区（英文原文：Daxing / Tongzhou (BDA, Yizhuang New Town)）</dd>" in current
    shunyi = popup_of(zh, "扩区后示范区：顺义部分（假定190 km²）</h4>")
    note = "Shunyi (and the Capital airport exclave of Chaoyang)"
    assert f"<dt>所在区</dt><dd>顺义区、朝阳区首都机场街道（英文原文：{note}）</dd>" in shunyi
    airfield = popup_of(zh, "<h4>北京大兴国际机场场区</h4>")  # no declared districts: the one its text begins with
    assert "<dt>所在区</dt><dd>大兴区（英文原文：Daxing (and Langfang, Hebei)）</dd>" in airfield
    english = popup_of(en, "<h4>Beijing Daxing International Airport airfield</h4>")
    assert "<dt>District</dt><dd>Daxing (and Langfang, Hebei)</dd>" in english

    def elsewhere(feat):
        feat["properties"]["district"] = "Langfang <Hebei>"

    dataset_copy.edit_feature("airports.geojson", "PKX_footprint", elsewhere)
    page = render(dataset_copy.load(), lang="zh", tiles="none")
    assert "<dt>所在区</dt><dd>（英文）Langfang &lt;Hebei&gt;</dd>" in popup_of(page, "<h4>北京大兴国际机场场区</h4>")


def _gcj02_frame(**columns) -> pd.DataFrame:
    """Two points (and ``columns``) whose frame says they are GCJ-02 (as avzone.fleet.synthetic_fleet's does)."""
    frame = pd.DataFrame({**columns, "lon": [116.5, 116.51], "lat": [39.8, 39.81]})
    frame.attrs["crs"] = "gcj02"
    return frame


#: Fixes of one vehicle as a GeoDataFrame in WGS84.
_FIXES_GEO = gpd.GeoDataFrame(
    {"vehicle": [1, 1], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"]},
    geometry=gpd.points_from_xy([116.44, 116.46], [39.79, 39.79]),
    crs=4326,
)


@pytest.mark.parametrize(
    ("options", "en", "zh"),
    [
        (
            {"tiles": "google"},
            "unknown tiles 'google': choose one of osm, amap, none",
            "未知的底图 tiles 'google'：可选 osm、amap、none",
        ),
        (
            {"precision": 16},
            "precision must be an integer from 0 to 15, got 16",
            "precision 必须是 0 到 15 之间的整数，收到的是 16",
        ),
        (
            {"precision": 2.5},
            "precision must be an integer from 0 to 15, got 2.5",
            "precision 必须是 0 到 15 之间的整数，收到的是 2.5",
        ),
        (
            {"max_points": -1},
            "max_points= must be a positive whole number, or None for no limit, got -1",
            "max_points= 必须是正整数，或 None（不限），收到的是 -1",
        ),
        (
            {"max_track_vertices": 0},
            "max_track_vertices= must be a positive whole number, or None for no limit, got 0",
            "max_track_vertices= 必须是正整数，或 None（不限），收到的是 0",
        ),
        (
            {"max_track_markers": True},
            "max_track_markers= must be a positive whole number, or None for no limit, got True",
            "max_track_markers= 必须是正整数，或 None（不限），收到的是 True",
        ),
        (
            {"locate": [(116.5, "north")]},
            "locate= takes (lon, lat) pairs, got (116.5, 'north')",
            "locate= 接受 (经度, 纬度) 数对，收到的是 (116.5, 'north')",
        ),
        (
            {"tracks": [[116.5, 39.8]]},
            "tracks= takes a DataFrame of fixes (one row each: pandas, polars or a pyarrow Table) or a GeoDataFrame "
            "of points, got list",
            "tracks= 接受定位的 DataFrame（每行一个定位：pandas、polars 或 pyarrow Table）或点的 GeoDataFrame，"
            "收到的是 list",
        ),
        (
            {"points": [(116.5, 39.8)]},
            "points= takes a DataFrame (pandas, polars or a pyarrow Table) with 'lon' and 'lat' columns or a "
            "GeoDataFrame of points (read a file with avzone.batch.read_points), got list",
            "points= 接受带 'lon' 和 'lat' 列的 DataFrame（pandas、polars 或 pyarrow Table）或点的 GeoDataFrame"
            "（用 avzone.batch.read_points 读取文件），收到的是 list",
        ),
        (
            {"points": pd.DataFrame({"east": [116.5], "lat": [39.8]})},
            "points= needs 'lon' and 'lat' columns (WGS84, or in points_crs=), or one column each whose name says "
            "so (lng, longitude, "
            "经度, ...; latitude, 纬度, ...); missing lon; columns are: east, lat",
            "points= 需要 'lon' 和 'lat' 列（WGS84，或 points_crs= 给出的坐标系），或名称表明经度、纬度的各一列"
            "（lng、longitude、经度……；"
            "latitude、纬度……）；缺少 lon；现有的列：east、lat",
        ),
        (
            {"points": pd.DataFrame({"lng": [116.5], "lng_wgs": [116.5], "lat": [39.8]})},
            "points= needs 'lon' and 'lat' columns (WGS84, or in points_crs=), or one column each whose name says "
            "so (lng, longitude, "
            "经度, ...; latitude, 纬度, ...); missing lon; columns are: lng, lng_wgs, lat",
            "points= 需要 'lon' 和 'lat' 列（WGS84，或 points_crs= 给出的坐标系），或名称表明经度、纬度的各一列"
            "（lng、longitude、经度……；"
            "latitude、纬度……）；缺少 lon；现有的列：lng、lng_wgs、lat",
        ),
        (
            {"points": pd.DataFrame({"lng_gcj02": [116.5], "lat_gcj02": [39.8]})},
            "points= columns 'lng_gcj02' and 'lat_gcj02' name GCJ-02 coordinates, but no points_crs= was given, "
            "and they would be read as WGS84 (drawn hundreds of metres off): give points_crs='gcj02'",
            "points= 的列 'lng_gcj02' 和 'lat_gcj02' 表明是 GCJ-02 坐标，但没有给出 points_crs=，这些坐标会被当作 "
            "WGS84 读取（会画偏几百米）：请给出 points_crs='gcj02'",
        ),
        (
            {"points": _gcj02_frame()},
            "points=: the frame's attrs['crs'] says its coordinates are in gcj02, but no points_crs= was given, and "
            "they would be read as WGS84: give points_crs='gcj02', or points_crs='EPSG:4326' if they are WGS84 now",
            "points=：数据表的 attrs['crs'] 表明其坐标系为 gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用），"
            "但没有给出 points_crs=，这些坐标会被当作 WGS84 读取：请给出 points_crs='gcj02'；若它们现在已是 WGS84，"
            "请给出 points_crs='EPSG:4326'",
        ),
        (
            {"points": gpd.GeoDataFrame(geometry=[shapely.Point(116.5, 39.8)], crs=4326), "points_crs": "gcj02"},
            "points_crs='gcj02' contradicts the CRS of the GeoSeries/GeoDataFrame (EPSG:4326); leave points_crs out "
            "to use the frame's, or, if the frame's CRS is a wrong label (GCJ-02 and BD-09 data are often labelled "
            "EPSG:4326, their Web Mercator metres EPSG:3857), clear it first with .set_crs(None, "
            "allow_override=True) and give points_crs='gcj02'",
            "points_crs='gcj02' 与 GeoSeries/GeoDataFrame 的坐标系（EPSG:4326（WGS84 经纬度））矛盾；去掉 points_crs "
            "以使用数据表的坐标系，或者，如果数据表的坐标系是错误的标注（GCJ-02 和 BD-09 数据常被标为 EPSG:4326，"
            "它们的 Web 墨卡托米坐标常被标为 EPSG:3857），先用 .set_crs(None, allow_override=True) 清除它，"
            "再给出 points_crs='gcj02'",
        ),
        (
            {"tracks": _gcj02_frame(vehicle=[1, 1], ts=["2024-07-01 08:00", "2024-07-01 08:10"])},
            "the data's attrs['crs'] says its coordinates are in gcj02 (avzone.fleet.synthetic_fleet writes it), but "
            "no tracks_crs= was given, and they would be read as WGS84: give tracks_crs='gcj02', or "
            "tracks_crs='EPSG:4326' if they are WGS84 now",
            "数据的 attrs['crs'] 表明其坐标系为 gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）"
            "（avzone.fleet.synthetic_fleet 会写出它），但没有给出 tracks_crs=，这些坐标会被当作 WGS84 读取："
            "请给出 tracks_crs='gcj02'；若它们现在已是 WGS84，请给出 tracks_crs='EPSG:4326'",
        ),
        (
            {"tracks": _FIXES_GEO, "tracks_crs": "EPSG:3857"},
            "tracks_crs='EPSG:3857' contradicts the CRS of the GeoSeries/GeoDataFrame (EPSG:4326); leave tracks_crs "
            "out to use the frame's, or reproject it with to_crs",
            "tracks_crs='EPSG:3857' 与 GeoSeries/GeoDataFrame 的坐标系（EPSG:4326（WGS84 经纬度））矛盾；去掉 "
            "tracks_crs 以使用数据表的坐标系，或用 to_crs 重新投影",
        ),
        (
            {"tracks": "SPLIT", "tracks_crs": "gcj02"},
            "tracks_crs= is for a DataFrame of fixes: the Tracks of split_tracks are in WGS84 already (give the "
            "fixes' CRS to split_tracks(crs=...))",
            "tracks_crs= 用于定位的 DataFrame：split_tracks 给出的 Tracks 已是 WGS84（请把定位的坐标系交给 "
            "split_tracks(crs=...)）",
        ),
        (
            {"points": gpd.GeoDataFrame(geometry=[shapely.Point(116.5, 39.8), shapely.box(116, 39, 117, 40)])},
            "points= must be point geometries; the GeoDataFrame has other kinds too",
            "points= 必须是点几何；该 GeoDataFrame 中还有其他类型的几何",
        ),
    ],
)
def test_map_argument_errors_in_both_languages(model, options, en, zh):
    """make_map's (and model.map's) argument errors exist in Chinese too, as the library's other errors do; those of
    a layer's CRS name the layer's own option (points_crs=, tracks_crs=), not the crs= of the code reading it."""
    from avzone import i18n

    if isinstance(options.get("tracks"), str):  # (Tracks already split)
        options = {**options, "tracks": maps.split_tracks(model, _FIXES_GEO)}
    with pytest.raises(InputError) as caught:
        maps.make_map(model, **options)
    assert str(caught.value) == en
    assert i18n.error_text(caught.value, "zh") == zh


def test_chinese_map_has_a_metric_scale_bar_only(model):
    """Miles and feet are no units of Chinese readers: the scale bar of a Chinese map is metric only."""
    assert avzone_data(render(model, lang="zh", tiles="none"))["scale_imperial"] is False
    # (the page's script adds the bar, not folium's L.control.scale() with its imperial one)
    assert not re.search(r"L\.control\.scale\(\)\.addTo\(map_", render(model, lang="zh", tiles="none"))
    assert "L.control.scale({ imperial: data.scale_imperial })" in _mapjs.read_asset("avzone-map.js")


def test_chinese_popups_write_positions_with_chinese_punctuation(model):
    """A position in a Chinese popup (hub, located point, track event) brackets its CRS as Chinese text does,
    as the gap markers always did; English popups as before."""
    fixes = pd.DataFrame(
        {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:01"], "lon": [116.44, 116.46], "lat": [39.79] * 2}
    )
    options = {"tiles": "none", "locate": [TIANANMEN], "tracks": fixes}
    zh, en = render(model, lang="zh", **options), render(model, lang="en", **options)
    assert "<dt>位置</dt><dd>116.58650, 39.81350（WGS84），±500 m</dd>" in popup_of(zh, "<h4>亦庄站</h4>")
    assert "<dt>Position</dt><dd>116.58650, 39.81350 (WGS84), ±500 m</dd>" in popup_of(en, "<h4>Yizhuang</h4>")
    assert "<div>116.39750, 39.90870（WGS84）</div>" in avzone_data(zh)["located"][0]["popup_html"]
    assert "<div>116.39750, 39.90870 (WGS84)</div>" in avzone_data(en)["located"][0]["popup_html"]
    enter = [f["properties"]["popup_html"] for f in geojson_features(zh) if f["properties"].get("event") == "enter"]
    assert len(enter) == 1 and "<dt>位置</dt><dd>" in enter[0]
    assert re.search(r"<dt>位置</dt><dd>116\.4\d{4}, 39\.79000（WGS84）</dd>", enter[0])


def test_every_point_status_of_fixed_wording_has_its_chinese_words_on_maps():
    """A point status the map's popups show in Chinese: every one of fixed wording (codes from 200 up; the lon/lat
    ones below are made from parts), so that a status added to avzone.points is not left in English on a
    Chinese map."""
    from avzone import points
    from avzone.events import status_named
    from avzone.i18n import written

    labels = points.status_labels()
    missing = [text for code, text in labels.items() if code >= 200 and written(status_named(text), "zh") == text]
    assert missing == [] and len([code for code in labels if code >= 200]) >= 10
    assert written(status_named(points.OTHER_METRES_TEXT), "zh").startswith("看起来是另一个坐标系的米坐标")


@pytest.mark.parametrize("name", ["map.png", "map.pdf", "map.json", "map.txt"])
def test_a_map_named_other_than_html_is_refused_before_anything_is_written(model, tmp_path, name):
    """A map is an HTML page: ``-o map.png`` wrote HTML into map.png and said "map written to map.png", a file no
    image viewer opens; the name is refused, naming .html, by save_map and ``avzone map`` (before reading any
    input), in English and Chinese."""
    from avzone.i18n import error_text

    target = tmp_path / name
    with pytest.raises(InputError, match=r"the map is an HTML page: name it \.html or \.htm") as caught:
        maps.save_map(model, target, tiles="none")
    assert str(target) in str(caught.value) and "HTML" in error_text(caught.value, "zh")
    assert ".html" in error_text(caught.value, "zh") and "地图" in error_text(caught.value, "zh")
    out = run_cli("map", "--tiles", "none", "--track", str(tmp_path / "missing.csv"), "-o", str(target))
    assert out.returncode != 0 and "the map is an HTML page" in out.stderr and "missing.csv" not in out.stderr
    assert not target.exists()
    for fine in ("map.html", "MAP.HTM", "map.v2.html", "map"):  # (no extension: as growth --chart writes one)
        assert maps.save_map(model, tmp_path / fine, tiles="none", base=False).is_file()


@pytest.mark.parametrize("names", [("lng", "lat"), ("Longitude", "Latitude"), ("经度", "纬度"), ("x", "y")])
def test_points_columns_are_found_as_the_file_jobs_find_them(model, names):
    """points= read only columns named exactly lon and lat; a frame of lng/lat (or 经度/纬度) was refused."""
    from avzone.maps import points_lonlat

    frame = pd.DataFrame({"id": [1, 2], names[0]: [116.5, 116.4], names[1]: [39.79, 39.9]})
    lon, lat = points_lonlat(frame)
    assert lon.tolist() == [116.5, 116.4] and lat.tolist() == [39.79, 39.9]
    drawn = avzone_data(render(model, points=frame, tiles="none"))["points"]
    renamed = frame.rename(columns=dict(zip(names, ("lon", "lat"))))
    assert drawn == avzone_data(render(model, points=renamed, tiles="none"))["points"]
    assert len(drawn["items"]) == 2

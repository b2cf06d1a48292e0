"""The map in a real headless Chromium: it renders, has no JS errors, and its point check is right.

Needs Debian's Chromium at /usr/bin/chromium and the playwright package (never
its own browser download); skipped when Chromium is absent. The network is
blocked: Leaflet's CDN files are served from the installed xstatic-leaflet
package, every other non-file request fails (tiles, as they would offline).
The page driver is tests/browser_pages.py (launch flags and screenshots from
tools/browser.py). Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from browser_pages import ARTIFACTS, Page, chromium, paths_by_stroke, screenshot_map
from common import assert_compact_layout, assert_page_check_agrees
from shapely.ops import polylabel

from avzone import _mapjs, maps

TIANANMEN = (116.3975, 39.9087)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def map_files(model, tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    points = pd.DataFrame({"lon": [116.50, 116.70, TIANANMEN[0]], "lat": [39.79, 39.95, TIANANMEN[1]]})
    return {
        "default": maps.save_map(model, folder / "default.html"),
        "offline": maps.save_map(model, folder / "offline.html", offline=True, points=points, locate=[TIANANMEN]),
        "amap": maps.save_map(model, folder / "amap.html", tiles="amap"),
    }


def assert_check_matches_model(model, data: dict[str, str], crs: str) -> None:
    truth = model.classify([float(data["lon"])], [float(data["lat"])], crs=crs).iloc[0]
    assert {z: data[z] for z in model.zone_layers} == {z: str(bool(truth[z])).lower() for z in model.zone_layers}


def test_default_map_renders_layers_and_controls(browser, model, map_files):
    page = Page(browser, map_files["default"])
    try:
        strokes = paths_by_stroke(page)
        stations, airports = model.layer("stations"), model.layer("airports")
        assert strokes[maps.ZONE_COLOURS["current"]] == len(model.layer("current"))
        assert strokes[maps.ZONE_COLOURS["planned"]] == 2, "the expansion's Tongzhou and Shunyi parts"
        assert strokes[maps.STATION_COLOUR] == len(stations)
        assert strokes[maps.AIRPORT_COLOUR] == len(airports), "airport footprints and reference points"
        assert strokes[maps.ROUTE_COLOUR] == len(model.layer("routes"))
        assert maps.ZONE_COLOURS["core"] not in strokes and maps.ZONE_COLOURS["outlook"] not in strokes

        legend = page.page.locator(".avzone-legend")
        assert legend.is_visible()
        family = legend.evaluate("el => getComputedStyle(el).fontFamily")
        assert '"Noto Sans CJK SC"' in family and family.endswith("sans-serif")
        for z in model.zone_layers:
            assert f"{model.area_km2(z):,.1f} km²" in legend.inner_text()
        labels = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert len(labels) == 8 and any("expansion" in t for t in labels)
        assert any(t.strip().startswith("Base context") for t in labels)
        assert page.page.locator(".leaflet-control-scale").is_visible()
        assert page.page.locator(".leaflet-control-scale-line").count() == 2  # (metric and imperial in English)
        leaflet = page.page.locator(".leaflet-control-attribution a[href='https://leafletjs.com']")
        assert leaflet.get_attribute("title") == "A JavaScript library for interactive maps"
        assert page.page.locator(".leaflet-control-layers-toggle").get_attribute("title") == "Layers"
        fullscreen = page.page.locator(".avzone-fullscreen a")
        fullscreen.click()
        page.page.wait_for_function(
            f"document.fullscreenElement || document.getElementById('{page.map_name}')"
            ".classList.contains('avzone-pseudo-fullscreen')"
        )
        assert fullscreen.get_attribute("title") == "Exit full screen"
        fullscreen.click()
        page.page.wait_for_function("!document.fullscreenElement")

        box = page.page.locator(f"#{page.map_name}").bounding_box()
        page.page.mouse.move(box["x"] + 300, box["y"] + 300)
        lon, lat = page.js("(p => [p.lng, p.lat])(map.containerPointToLatLng([300, 300]))")
        assert page.page.locator(".avzone-coords").inner_text() == f"{lon:.5f}, {lat:.5f} (WGS84)"

        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "map-default.png"))
        # toggling a stage on keeps the smaller zones clickable on top
        page.page.locator(".leaflet-control-layers-overlays label", has_text="Outlook").click()
        assert paths_by_stroke(page)[maps.ZONE_COLOURS["outlook"]] == len(model.layer("outlook"))
        assert page.errors == []
    finally:
        page.close()


def test_click_reports_membership_like_the_model(browser, model, map_files):
    page = Page(browser, map_files["default"])
    try:
        centre = polylabel(model.layer_geometry("current"), 1e-4)
        inside = page.click_at(centre.x, centre.y)
        assert inside["current"] == "true" and inside["planned"] == "true"
        assert_check_matches_model(model, inside, "EPSG:4326")
        popup = page.page.locator(".leaflet-popup-content").inner_text()
        assert "BDA / Yizhuang zone" in popup and "Point check" in popup

        page.js("map.closePopup()")
        outside = page.click_at(*TIANANMEN)
        assert outside == {**outside, "core": "false", "current": "false", "planned": "false", "outlook": "false"}
        assert_check_matches_model(model, outside, "EPSG:4326")

        pkx = model.layer("airports").set_index("id").loc["PKX", "geometry"]
        page.js("map.setView([arg[1], arg[0]], 13, {animate: false})", [pkx.x, pkx.y])
        page.page.locator(f"#{page.map_name}").click()  # the centre: the airport's marker
        hub = page.page.locator(".leaflet-popup-content .avzone-coverage")
        assert "km from the edge of" in hub.inner_text()
        assert page.errors == []
    finally:
        page.close()


def test_point_check_in_the_browser_agrees_with_classify_on_many_spots(browser, model, map_files):
    page = Page(browser, map_files["default"])
    try:
        assert_page_check_agrees(page.js, model)
    finally:
        page.close()


def test_amap_map_checks_gcj02_clicks_against_gcj02_polygons(browser, model, map_files):
    page = Page(browser, map_files["amap"])
    try:
        centre = polylabel(model.layer_geometry("current"), 1e-4)
        from avzone.crs import from_wgs84

        gx, gy = from_wgs84(centre.x, centre.y, "gcj02")
        data = page.click_at(float(gx), float(gy))
        assert data["current"] == "true"
        assert_check_matches_model(model, data, "gcj02")
        assert "(GCJ-02)" in page.page.locator(".leaflet-popup-content").inner_text()
        assert page.errors == []
    finally:
        page.close()


def test_offline_map_renders_with_the_network_off(browser, model, map_files):
    page = Page(browser, map_files["offline"], offline=True)
    try:
        assert page.requests == [], "the offline page must not ask the network for anything"
        assert page.page.locator("path.leaflet-interactive").count() >= 10
        assert page.page.locator(".avzone-legend").is_visible()
        assert page.page.locator(".avzone-note").inner_text().startswith("Your points: showing all 3 points")
        assert page.js("map.avzone.points.state.drawn") == 3
        assert page.js("map.avzone.points.state.mode") == "points"
        assert page.page.locator(".leaflet-avzonePoints-pane canvas.avzone-points-canvas").count() == 1
        assert page.page.locator(".leaflet-marker-pane .avzone-located svg.avzone-pin").count() == 1
        page.js("map.setView([39.95, 116.70], 13, {animate: false})")  # a point in the expansion
        page.page.locator(f"#{page.map_name}").click()
        popup = page.page.locator(".leaflet-popup-content").inner_text()
        assert popup.startswith("Your point\n116.70000, 39.95000 (WGS84)\ninnermost zone: the 600 km² planned zone")
        centre = polylabel(model.layer_geometry("current"), 1e-4)
        assert_check_matches_model(model, page.click_at(centre.x, centre.y), "EPSG:4326")
        ARTIFACTS.mkdir(exist_ok=True)
        page.js("map.fitBounds(arg, {animate: false})", [[39.45, 116.25], [40.2, 116.85]])
        page.js("map.closePopup()")
        page.page.screenshot(path=str(ARTIFACTS / "map-offline.png"))
        assert page.errors == []
    finally:
        page.close()


def test_the_script_writes_only_the_words_it_is_given(browser, model, tmp_path, monkeypatch):
    words = {
        "point_check": "点位检查",
        "lon_lat": "经度, 纬度",
        "inside": "在内",
        "outside": "在外",
        "your_point": "您的点",
        "points_here": "此处 {n} 个点",
        "pointer_hint": "将指针移到地图上",
        "full_screen": "全屏",
        "exit_full_screen": "退出全屏",
        "zoom_in": "拉近",
        "zoom_out": "拉远",
        "lon_lat_crs": "{lon} / {lat} [{crs}]",
        "leaflet_title": "交互式地图的 JavaScript 库",
        "close_popup": "关上",
        "layers": "层",
    }
    assert words.keys() == _mapjs.UI_TEXT.keys()
    monkeypatch.setattr(_mapjs, "UI_TEXT", words)
    points = pd.DataFrame({"lon": [116.7], "lat": [39.95]})
    path = maps.save_map(model, tmp_path / "words.html", tiles="none", points=points)
    page = Page(browser, path)
    try:
        assert page.page.locator(".avzone-coords").inner_text() == "将指针移到地图上"
        assert page.page.locator(".avzone-fullscreen a").get_attribute("title") == "全屏"
        # one zoom control, its buttons' tooltips and labels from the words given
        assert page.page.locator(".leaflet-control-zoom").count() == 1
        leaflet = page.page.locator(".leaflet-control-attribution a[href='https://leafletjs.com']")
        assert leaflet.get_attribute("title") == "交互式地图的 JavaScript 库"
        for button, word in ((".leaflet-control-zoom-in", "拉近"), (".leaflet-control-zoom-out", "拉远")):
            assert page.page.locator(button).get_attribute("title") == word
            assert page.page.locator(button).get_attribute("aria-label") == word
        # the layer control's button (Leaflet titles it "Layers", in English)
        toggle = page.page.locator(".leaflet-control-layers-toggle")
        assert toggle.get_attribute("title") == "层" and toggle.get_attribute("aria-label") == "层"
        centre = polylabel(model.layer_geometry("current"), 1e-4)
        page.click_at(centre.x, centre.y)
        inside = page.page.locator(".leaflet-popup .avzone-check").inner_text()
        assert page.page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "关上"
        page.click_at(*TIANANMEN)
        outside = page.page.locator(".leaflet-popup .avzone-check").inner_text()
        for check in (inside, outside):
            assert check.startswith("点位检查\n经度, 纬度 ")
            assert re.search(r"^经度, 纬度 \d+\.\d{5} / \d+\.\d{5} \[WGS84\]$", check, re.M)
            assert not any(word in check for word in ("Point check", "lon, lat", "inside", "outside"))
        assert "\n在内 the 160 km² current zone" in inside and "\n在外 the 160 km² current zone" in outside
        page.js("map.closePopup()")
        page.js("map.setView([39.95, 116.70], 13, {animate: false})")
        page.page.locator(f"#{page.map_name}").click()
        assert page.page.locator(".leaflet-popup-content").inner_text().startswith("您的点\n")
        assert page.errors == []
    finally:
        page.close()


def test_screenshot_map_writes_a_png(tmp_path, map_files, browser):  # browser: skip without Chromium
    # tools/browser.py's screenshot_map runs its own Playwright, so not in this thread (the fixture's is running here).
    with ThreadPoolExecutor(1) as pool:
        png = pool.submit(
            screenshot_map, map_files["default"], tmp_path / "map.png", 640, 480, wait_ms=100, block_network=True
        ).result(timeout=60)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = (int.from_bytes(data[i : i + 4], "big") for i in (16, 20))
    assert (width, height) == (640, 480)


# -- base context, Chinese, fonts, many points -------------------------------------------
def test_offline_map_shows_ring_road_and_district_names_with_the_network_off(browser, model, map_files):
    from avzone import districts

    page = Page(browser, map_files["offline"], offline=True)
    try:
        assert page.requests == []
        rings = page.page.locator(".avzone-label-ring")
        assert sorted(set(rings.all_inner_texts())) == ["4th Ring Road", "6th Ring Road"]
        assert all(rings.nth(i).is_visible() for i in range(rings.count()))
        hubs = page.page.locator(".avzone-label-hub").all_inner_texts()
        assert "Yizhuang" in hubs and "Beijing Daxing International Airport" in hubs
        if districts.available():
            names = page.page.locator(".avzone-label-district")
            assert sorted(names.all_inner_texts()) == sorted(d.name_en for d in districts.DISTRICTS)
            assert names.filter(has_text="Tongzhou").is_visible()
        page.js("map.fitBounds(arg, {animate: false})", [[39.45, 115.9], [40.4, 117.0]])
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "map-offline-base.png"))
        assert page.errors == []
    finally:
        page.close()


def _platform_fonts(page: Page, selector: str) -> list[dict]:
    """The fonts Chromium actually used to draw a node's text (DevTools protocol), with glyph counts."""
    cdp = page.context.new_cdp_session(page.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


GLYPHS_JS = """
(arg) => {
  // Each character drawn alone on a canvas in the element's font: its pixels and advance width.
  const family = getComputedStyle(document.querySelector(arg.selector)).fontFamily;
  const canvas = document.createElement("canvas");
  canvas.width = 40; canvas.height = 40;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  ctx.font = "24px " + family;
  return arg.chars.map(ch => {
    ctx.clearRect(0, 0, 40, 40);
    ctx.fillText(ch, 4, 30);
    const data = ctx.getImageData(0, 0, 40, 40).data;
    let ink = 0, hash = 0;
    for (let i = 3; i < data.length; i += 4) { ink += data[i] > 0; hash = (hash * 31 + data[i]) | 0; }
    return {ch: ch, width: ctx.measureText(ch).width, ink: ink, hash: hash};
  });
}
"""


def test_chinese_labels_render_real_glyphs_not_empty_boxes(browser, model, tmp_path):
    """Fails when the page finds no font with Chinese glyphs (install fonts-noto-cjk: `make fonts`)."""
    path = maps.save_map(model, tmp_path / "zh.html", offline=True, lang="zh")
    page = Page(browser, path, offline=True)
    try:
        title = page.page.locator(".avzone-legend h4")
        assert title.inner_text() == model.manifest["title_zh"]
        used = _platform_fonts(page, ".avzone-legend h4")
        cjk = [f for f in used if "CJK" in f["familyName"] or "Hei" in f["familyName"] or "PingFang" in f["familyName"]]
        assert cjk and sum(f["glyphCount"] for f in cjk) >= len(model.manifest["title_zh"]) - 2, (
            f"the Chinese title is drawn with {used}: no font with Chinese glyphs (apt-get install fonts-noto-cjk)"
        )
        # Tofu boxes all look alike and like a private-use character's box; real glyphs differ and are full width.
        glyphs = page.page.evaluate(GLYPHS_JS, {"selector": ".avzone-legend h4", "chars": ["北", "京", "区", "\ue000"]})
        chinese, box = glyphs[:3], glyphs[3]
        assert len({g["hash"] for g in chinese}) == 3, f"distinct characters drew the same shape: {glyphs}"
        assert all(g["hash"] != box["hash"] for g in chinese), f"a character drew as the missing-glyph box: {glyphs}"
        assert all(g["ink"] > 20 for g in chinese)
        assert all(abs(g["width"] - 24) < 1.5 for g in chinese), f"Chinese glyphs are full width (1 em): {glyphs}"
        assert page.errors == []
    finally:
        page.close()


def test_chinese_page_has_chinese_legend_popups_and_labels(browser, model, tmp_path):
    points = pd.DataFrame({"lon": [116.70], "lat": [39.95]})
    path = maps.save_map(model, tmp_path / "zh.html", lang="zh", points=points, locate=[TIANANMEN])
    page = Page(browser, path)
    try:
        legend = page.page.locator(".avzone-legend").inner_text()
        assert model.manifest["title_zh"] in legend and "亦庄示范区" in legend and "铁路枢纽" in legend
        assert "查询点" in legend and "点击地图任意处查询该点" in legend
        assert "四环路" in page.page.locator(".avzone-label-ring").all_inner_texts()
        assert page.page.locator(".avzone-coords").inner_text() == "将鼠标移到地图上"
        assert page.page.locator(".leaflet-control-zoom-in").get_attribute("title") == "放大"
        # one scale bar, metric: miles and feet are no units of Chinese readers
        scale = page.page.locator(".leaflet-control-scale-line")
        assert scale.count() == 1 and re.fullmatch(r"\d+ k?m", scale.inner_text())
        assert page.page.locator(".leaflet-control-zoom-out").get_attribute("title") == "缩小"
        # the layer control's button: Leaflet titles it "Layers" (shown when the control is collapsed)
        assert page.page.locator(".leaflet-control-layers-toggle").get_attribute("title") == "图层"
        # Leaflet's own credit link, its tooltip in Chinese too (Leaflet's says "A JavaScript library for ...")
        leaflet = page.page.locator(".leaflet-control-attribution a[href='https://leafletjs.com']")
        assert leaflet.get_attribute("title") == "一个用于交互式地图的 JavaScript 库"
        assert "OpenStreetMap 贡献者" in page.page.locator(".leaflet-control-attribution").inner_text()
        centre = polylabel(model.layer_geometry("current"), 1e-4)
        page.click_at(centre.x, centre.y)
        popup = page.page.locator(".leaflet-popup-content").inner_text()
        assert "点位查询" in popup and "在内 亦庄示范区（160 km²）" in popup
        assert "亦庄示范区" in popup and "面积" in popup
        yizhuang = model.feature("yizhuang")[2]
        page.js("map.closePopup()")
        page.js("map.setView([arg[1], arg[0]], 14, {animate: false})", [yizhuang.x, yizhuang.y])
        page.page.locator(f"#{page.map_name}").click()
        hub = page.page.locator(".leaflet-popup-content").inner_text()
        assert hub.startswith("亦庄站\nYizhuang\n位于所画范围内：")
        page.js("map.closePopup()")
        page.js("map.setView([39.95, 116.70], 13, {animate: false})")
        page.page.locator(f"#{page.map_name}").click()
        point = page.page.locator(".leaflet-popup-content").inner_text()
        assert point.startswith("您的点\n116.70000, 39.95000（WGS84）")
        # the popup's close button named for screen readers in Chinese too (Leaflet's says "Close popup")
        assert page.page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "关闭弹窗"
        ARTIFACTS.mkdir(exist_ok=True)
        page.js("map.closePopup()")
        page.js("map.fitBounds(arg, {animate: false})", [[39.6, 116.3], [40.1, 116.8]])
        page.page.screenshot(path=str(ARTIFACTS / "map-zh.png"))
        assert page.errors == []
    finally:
        page.close()


def test_many_points_are_aggregated_at_low_zoom_and_drawn_one_by_one_close_up(browser, model, tmp_path):
    import numpy as np

    rng = np.random.default_rng(2)
    n = 60_000
    frame = pd.DataFrame({"lon": rng.uniform(116.3, 116.9, n), "lat": rng.uniform(39.6, 40.1, n)})
    path = maps.save_map(model, tmp_path / "many.html", offline=True, points=frame, max_points=n)
    page = Page(browser, path, offline=True)
    try:
        state = "map.avzone.points.state"
        page.js("map.fitBounds(arg, {animate: false})", [[39.6, 116.3], [40.1, 116.9]])
        assert page.js(f"{state}.mode") == "cells"
        assert page.js(f"{state}.inView") == n
        assert 0 < page.js(f"{state}.drawn") < n
        # a cell's popup counts its points by category
        box = page.page.locator(f"#{page.map_name}").bounding_box()
        page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        popup = page.page.locator(".leaflet-popup-content").inner_text()
        assert " points here\n" in popup and "Point check" in popup
        page.js("map.closePopup()")
        page.js("map.setView([39.85, 116.6], 15, {animate: false})")
        assert page.js(f"{state}.mode") == "points"
        assert page.js(f"{state}.drawn") == page.js(f"{state}.inView") > 0
        assert page.errors == []
    finally:
        page.close()


def test_counts_the_script_writes_are_grouped_as_the_page_writes_them(browser, model, tmp_path):
    """A cell's count is written with the page's thousands separator (1,234 as Python writes every number of the
    page, in both languages), not the browser's locale's (25.000 in a German browser)."""
    n = 25_000  # (more than INDIVIDUAL_POINTS, on one spot: one cell of them all)
    frame = pd.DataFrame({"lon": [116.6] * n, "lat": [39.85] * n})
    path = maps.save_map(model, tmp_path / "count.html", offline=True, lang="zh", points=frame, max_points=n)
    page = Page(browser, path, offline=True, locale="de-DE")
    try:
        assert page.js("(25000).toLocaleString()") == "25.000"  # (the browser's own grouping)
        page.js("map.setView([39.8503, 116.6004], 12, {animate: false})")  # (the spot inside a cell, not on its edge)
        assert page.js("map.avzone.points.state.mode") == "cells"
        x, y = page.js("(p => [p.x, p.y])(map.latLngToContainerPoint([39.85, 116.6]))")
        box = page.page.locator(f"#{page.map_name}").bounding_box()
        page.page.mouse.click(box["x"] + x, box["y"] + y)
        popup = page.page.locator(".leaflet-popup-content").inner_text()
        assert popup.startswith("此处 25,000 个点\n") and "25,000 × " in popup
        assert page.errors == []
    finally:
        page.close()


def test_a_phone_sized_map_folds_its_controls(browser, model, map_files):
    """On a phone the layer list and the legend fold away (each opened by a tap) and no control covers another."""
    page = Page(browser, map_files["offline"], offline=True)
    try:
        assert_compact_layout(page.js, page.page.mouse.click, page.resize)
        assert page.errors == []
    finally:
        page.close()

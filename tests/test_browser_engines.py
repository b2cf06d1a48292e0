"""The map in two more browser engines: Firefox (Gecko) and WebKit (Safari's engine), both Debian's.

The Chromium tests (tests/test_browser*.py) check the map in depth; these
check that the same pages work in the other engines: the layers drawn, the
base context painted, the legend and popups in Chinese, a real click
answered as the model answers, the JS point check right on a grid of spots,
tracks and their event markers, and no JS error and no network request on
an offline page. Each engine is skipped when it is missing
(tests/engine_pages.py says how they are driven).
"""

from __future__ import annotations

import pandas as pd
import pytest
from common import assert_compact_layout, assert_page_check_agrees
from engine_pages import ENGINES, EnginePage, engine, strokes
from shapely.ops import polylabel
from test_maps_tracks import fixes

from avzone import _mapjs, maps
from avzone.maps import BASE_PANE

TIANANMEN = (116.3975, 39.9087)
HAIDIAN = (116.30, 39.96)  # (outside every zone, with no marker on it)

pytestmark = pytest.mark.browser

ARTIFACTS_NAME = "test-artifacts"


@pytest.fixture(scope="module", params=ENGINES)
def browser(request):
    with engine(request.param) as launched:
        yield launched


@pytest.fixture(scope="module")
def zh_page_path(model, tmp_path_factory):
    points = pd.DataFrame({"lon": [116.50, 116.70, TIANANMEN[0]], "lat": [39.79, 39.95, TIANANMEN[1]]})
    folder = tmp_path_factory.mktemp("firefox")
    return maps.save_map(model, folder / "zh.html", offline=True, lang="zh", points=points, locate=[TIANANMEN])


def classify_one(model, data: dict[str, str]) -> dict[str, str]:
    """The model's answer for the spot a popup checked, as the popup writes it."""
    truth = model.classify([float(data["lon"])], [float(data["lat"])]).iloc[0]
    return {z: str(bool(truth[z])).lower() for z in model.zone_layers}


def test_offline_chinese_map_renders(browser, model, zh_page_path, request):
    page = EnginePage(browser, zh_page_path)
    drawn = strokes(page)
    assert drawn[maps.ZONE_COLOURS["current"]] == len(model.layer("current"))
    assert drawn[maps.ZONE_COLOURS["planned"]] == 2, "the expansion's Tongzhou and Shunyi parts"
    assert drawn[maps.STATION_COLOUR] == len(model.layer("stations"))
    assert drawn[maps.AIRPORT_COLOUR] == len(model.layer("airports"))
    assert drawn[maps.ROUTE_COLOUR] == len(model.layer("routes"))
    assert page.text(".avzone-legend h4") == model.manifest["title_zh"]
    labels = page.js("[...document.querySelectorAll('.leaflet-control-layers-overlays label')].map(e => e.innerText)")
    assert len(labels) == 10 and labels[0].strip().startswith("底图参考")  # (8, the points and the located spot)
    rings = set(page.js("[...document.querySelectorAll('.avzone-label-ring')].map(e => e.innerText)"))
    assert rings == {"四环路", "六环路"}
    # the base context (ring roads, district outlines) is painted on its canvas: count its inked pixels
    base = f".leaflet-{BASE_PANE[0]}-pane canvas"
    page.wait_for("[...document.querySelectorAll(arg)].some(c => c.width > 0)", base)
    ink = page.js(
        "[...document.querySelectorAll(arg)].reduce((n, c) => { const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) n += d[i] > 0;"
        " return n; }, 0)",
        base,
    )
    assert ink > 5_000, f"the base context's canvas has {ink} inked pixels"
    # the user's points: one canvas of dots above the zones, with the located spot's marker
    assert page.js("document.querySelectorAll('canvas.avzone-points-canvas').length") == 1
    artifacts = request.config.rootpath / ARTIFACTS_NAME
    artifacts.mkdir(exist_ok=True)
    page.screenshot(artifacts / f"{browser.name}-map-zh.png")
    assert page.requests == [], "an offline page asks the network for nothing"
    assert page.errors == []


def test_a_real_click_is_answered_as_the_model_answers(browser, model, zh_page_path):
    page = EnginePage(browser, zh_page_path)
    centre = polylabel(model.layer_geometry("current"), 1e-4)
    inside = page.check_at(centre.x, centre.y)
    assert inside["current"] == "true" and inside["planned"] == "true"
    assert {z: inside[z] for z in model.zone_layers} == classify_one(model, inside)
    popup = page.text(".leaflet-popup-content")
    assert "亦庄示范区" in popup and "点位查询" in popup
    outside = page.check_at(*HAIDIAN)
    assert {z: outside[z] for z in model.zone_layers} == dict.fromkeys(model.zone_layers, "false")
    # the planned zone's Shunyi part: in the 600 km² zone, outside the 160 km² one
    shunyi = max(model.layer_geometry("planned").geoms, key=lambda g: g.centroid.y)
    spot = polylabel(shunyi, 1e-4)
    data = page.check_at(spot.x, spot.y)
    assert data["planned"] == "true" and data["current"] == "false"
    assert {z: data[z] for z in model.zone_layers} == classify_one(model, data)
    assert page.errors == []


def test_the_point_check_agrees_with_classify_on_a_grid(browser, model, zh_page_path):
    page = EnginePage(browser, zh_page_path)
    assert_page_check_agrees(page.js, model)
    assert page.errors == []


def test_tracks_and_event_popups_render(browser, model, tmp_path):
    tracks = maps.split_tracks(model, fixes())
    path = maps.save_map(model, tmp_path / "tracks.html", offline=True, tracks=tracks, lang="zh")
    page = EnginePage(browser, path)
    drawn = strokes(page)
    for kind, colour in _mapjs.TRACK_COLOURS.items():
        assert drawn.get(colour, 0) >= 1, f"no {kind} part drawn"
    shown = page.js("Object.values(map._layers).filter(l => l.feature && l.feature.properties.event).length")
    assert shown == len(tracks.markers)
    row = tracks.markers.iloc[0]
    page.click_at(row["lon"], row["lat"], zoom=16)
    page.wait_for("document.querySelector('.leaflet-popup-content')", timeout=5.0)
    popup = page.text(".leaflet-popup-content")
    assert popup.startswith("驶入\n") and "车辆" in popup and row["time"].strftime("%H:%M:%S") in popup
    assert f"{row['lon']:.5f}, {row['lat']:.5f}" in popup
    assert page.requests == []
    assert page.errors == []


def test_controls_work(browser, model, zh_page_path):
    page = EnginePage(browser, zh_page_path)
    # full screen and back (the Fullscreen API, or the page's own full-window fallback where it is refused)
    page.js("void document.querySelector('.avzone-fullscreen a').click()")
    page.wait_for("document.fullscreenElement || map.getContainer().classList.contains('avzone-pseudo-fullscreen')")
    assert page.js("document.querySelector('.avzone-fullscreen a').title") == "退出全屏"
    page.js("void document.querySelector('.avzone-fullscreen a').click()")
    page.wait_for("!document.fullscreenElement && !map.getContainer().classList.contains('avzone-pseudo-fullscreen')")
    # the pointer's coordinates, as the map reads them (within a pixel: engines place the pointer to a fraction of one)
    left, top = page.js("(r => [r.left, r.top])(map.getContainer().getBoundingClientRect())")
    x, y = round(left) + 300, round(top) + 300
    page.browser.pointer([{"type": "pointerMove", "x": x, "y": y, "origin": "viewport"}])
    page.wait_for("document.querySelector('.avzone-coords').innerText.endsWith('（WGS84）')")
    shown = page.text(".avzone-coords")
    lon, lat = (float(v) for v in shown.removesuffix("（WGS84）").split(", "))
    (w, n), (e, s) = (
        page.js("(p => [p.lng, p.lat])(map.containerPointToLatLng(arg))", [x - left + d, y - top + d]) for d in (-1, 1)
    )
    assert w <= lon <= e and s <= lat <= n, f"{shown}: the pointer is at {x}, {y}"
    # a stage switched on in the layer control is drawn
    assert maps.ZONE_COLOURS["outlook"] not in strokes(page)
    page.js(
        "void [...document.querySelectorAll('.leaflet-control-layers-overlays label')]"
        ".find(l => l.innerText.includes('远期')).querySelector('input').click()"
    )
    assert strokes(page)[maps.ZONE_COLOURS["outlook"]] == len(model.layer("outlook"))
    assert page.errors == []


def test_many_points_are_grouped_in_cells_then_drawn_one_by_one(browser, model, tmp_path):
    import numpy as np

    rng = np.random.default_rng(2)
    n = 30_000
    frame = pd.DataFrame({"lon": rng.uniform(116.3, 116.9, n), "lat": rng.uniform(39.6, 40.1, n)})
    path = maps.save_map(model, tmp_path / "many.html", offline=True, points=frame, max_points=n, lang="zh")
    page = EnginePage(browser, path)
    state = "map.avzone.points.state"
    page.js("void map.fitBounds(arg, {animate: false})", [[39.6, 116.3], [40.1, 116.9]])
    assert page.js(f"{state}.mode") == "cells"
    assert page.js(f"{state}.inView") == n
    assert 0 < page.js(f"{state}.drawn") < n
    size = page.js("(s => [s.x, s.y])(map.getSize())")
    left, top = page.js("(r => [r.left, r.top])(map.getContainer().getBoundingClientRect())")
    page.click(left + size[0] / 2, top + size[1] / 2)
    page.wait_for("document.querySelector('.leaflet-popup-content')", timeout=5.0)
    popup = page.text(".leaflet-popup-content")
    assert popup.startswith("此处 ") and " 个点\n" in popup and "点位查询" in popup
    page.js("void map.closePopup()")
    page.js("void map.setView([39.85, 116.6], 15, {animate: false})")
    assert page.js(f"{state}.mode") == "points"
    assert page.js(f"{state}.drawn") == page.js(f"{state}.inView") > 0
    assert page.errors == []


def test_a_phone_sized_map_folds_its_controls(browser, model, zh_page_path):
    page = EnginePage(browser, zh_page_path)
    assert_compact_layout(page.js, page.click, page.resize)
    assert page.errors == []

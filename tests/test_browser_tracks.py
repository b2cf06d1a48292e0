"""Tracks in a real headless Chromium: the parts are drawn in their colours and the event markers open popups.

Needs Debian's Chromium and playwright, as tests/test_browser.py (skipped without them).
"""

from __future__ import annotations

import dataclasses

import pytest
from browser_pages import ARTIFACTS, Page, chromium, paths_by_stroke
from test_maps_tracks import fixes, fleet

from avzone import _mapjs, maps

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def click_marker(page: Page, lon: float, lat: float) -> str:
    """Centre the map on a marker, click it, return its popup's text."""
    page.js("map.closePopup()")
    page.js("map.setView([arg[1], arg[0]], 16, {animate: false})", [lon, lat])
    x, y = page.js("(p => [p.x, p.y])(map.latLngToContainerPoint([arg[1], arg[0]]))", [lon, lat])
    box = page.page.locator(f"#{page.map_name}").bounding_box()
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    content = page.page.locator(".leaflet-popup-content")
    content.wait_for(timeout=5_000)
    return content.inner_text()


@pytest.mark.parametrize(
    ("lang", "enter", "vehicle", "lines"),
    [
        ("en", "enter", "Vehicle", "{} (line 57) → {} (lines 58-59)"),
        ("zh", "驶入", "车辆", "{}（文件第 57 行） → {}（文件第 58-59 行）"),
    ],
)
def test_track_parts_and_event_popups_render(browser, model, tmp_path, lang, enter, vehicle, lines):
    tracks = maps.split_tracks(model, fixes())
    first = tracks.markers.iloc[0]
    found = {first["row_before"]: (57, 57), first["row_after"]: (58, 59)}  # (as avzone map looks them up in a CSV)
    tracks = dataclasses.replace(tracks, row_numbers="file", header_line=1, row_lines=found)
    path = maps.save_map(model, tmp_path / f"tracks-{lang}.html", offline=True, tracks=tracks, lang=lang)
    page = Page(browser, path, offline=True)
    try:
        strokes = paths_by_stroke(page)
        kinds = tracks.parts["kind"].value_counts()
        for kind, colour in _mapjs.TRACK_COLOURS.items():  # one path per kind: the vehicle's parts of it
            assert strokes.get(colour, 0) >= 1 and kinds.get(kind, 0) > 0
        dashed = page.page.eval_on_selector_all(
            f'path.leaflet-interactive[stroke="{_mapjs.TRACK_COLOURS["gap"]}"]',
            "els => els.map(e => e.getAttribute('stroke-dasharray'))",
        )
        assert dashed == ["1 8"]  # dotted: not the dashed edge of a stage zone
        legend = page.page.locator(".avzone-legend").inner_text()
        assert ("enters" if lang == "en" else "驶入") in legend
        row = tracks.markers.iloc[0]
        popup = click_marker(page, row["lon"], row["lat"])
        assert popup.startswith(f"{enter}\n") and vehicle in popup and row["time"].strftime("%H:%M:%S") in popup
        assert f"{row['lon']:.5f}, {row['lat']:.5f}" in popup
        assert lines.format(row["row_before"], row["row_after"]) in popup, popup  # (each row's line in the file)
        if lang == "en":
            ARTIFACTS.mkdir(exist_ok=True)
            page.js("map.closePopup()")
            page.js("map.fitBounds(arg, {animate: false})", [[39.775, 116.43], [39.795, 116.475]])
            page.page.screenshot(path=str(ARTIFACTS / "map-tracks.png"))
        assert page.errors == []
    finally:
        page.close()


def test_capped_markers_load_with_the_expected_count(browser, model, tmp_path):
    tracks = maps.split_tracks(model, fleet())
    cap = 12
    path = maps.save_map(
        model, tmp_path / "capped.html", offline=True, tracks=tracks, max_track_markers=cap, base=False
    )
    page = Page(browser, path, offline=True)
    try:
        drawn = page.js(
            "Object.values(map._layers).filter(l => l.feature && l.feature.properties.event)"
            ".map(l => l.feature.properties.vehicle)"
        )
        assert len(drawn) == cap < len(tracks.markers)
        assert set(drawn) == set(tracks.markers["id"])  # every vehicle with events keeps a marker
        circles = page.page.eval_on_selector_all(
            "path.leaflet-interactive[stroke='#000000']", "els => els.map(e => e.getAttribute('fill'))"
        )
        assert len(circles) == cap and set(circles) <= set(_mapjs.EVENT_COLOURS.values())  # the circles shown
        legend = page.page.locator(".avzone-legend").inner_text()
        assert f"{cap} of {len(tracks.markers)} event markers drawn" in legend
        assert page.errors == []
    finally:
        page.close()

"""The point check in a real headless Chromium reports each zone by itself, its id written in Chinese alone.

Zone layers ``区域一`` (the embedded core) and ``区域二`` (the embedded current zone, which holds the core) once
shared one data attribute (tests/test_maps_check_keys.py): a spot in ``区域二`` alone was then said to be in
``区域一`` too. Skipped without Chromium (tests/browser_pages.py).
"""

from __future__ import annotations

import pytest
from browser_pages import Page, chromium
from shapely.ops import polylabel
from test_browser import TIANANMEN
from test_maps import avzone_data
from test_maps_check_keys import renamed

from avzone import _mapjs, maps

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _largest(geom):
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_click_in_each_chinese_named_zone_reports_that_zone(browser, dataset_copy, tmp_path, lang):
    model = renamed(dataset_copy, {"core": "区域一", "current": "区域二"})
    path = maps.save_map(model, tmp_path / "map.html", tiles="none", lang=lang)
    zones = avzone_data(path.read_text(encoding="utf-8"))["zones"]
    key = {z["id"]: z["key"] for z in zones}
    one, two = model.layer_geometry("区域一"), model.layer_geometry("区域二")
    spots = {
        "in both": polylabel(_largest(one), 1e-4),
        "in 区域二 alone": polylabel(_largest(two.difference(one.buffer(0.01))), 1e-4),
    }
    spots = {name: (p.x, p.y) for name, p in spots.items()} | {"in neither": TIANANMEN}
    words = _mapjs.ui_text(lang)
    page = Page(browser, path)
    try:
        for name, (lon, lat) in spots.items():
            truth = model.classify([lon], [lat]).iloc[0]
            expected = {z: bool(truth[z]) for z in model.zone_layers}
            assert (expected["区域一"], expected["区域二"]) == {
                "in both": (True, True),
                "in 区域二 alone": (False, True),
                "in neither": (False, False),
            }[name]
            page.click_at(lon, lat)
            check = page.page.locator(".leaflet-popup .avzone-check")
            attributes = check.evaluate("el => Object.fromEntries(Array.from(el.attributes, a => [a.name, a.value]))")
            said = {z: attributes[f"data-{key[z]}"] for z in model.zone_layers}
            assert said == {z: str(v).lower() for z, v in expected.items()}, name
            assert (float(attributes["data-lon"]), float(attributes["data-lat"])) == pytest.approx((lon, lat), abs=1e-4)
            # the list a person reads: each zone by its name, inside or outside as the model says
            items = check.locator("li").all_inner_texts()
            shown = [f"{words['inside' if expected[z['id']] else 'outside']} {z['title']}" for z in zones]
            assert [" ".join(i.split()) for i in items] == [" ".join(s.split()) for s in shown], name
        assert page.errors == []
    finally:
        page.close()

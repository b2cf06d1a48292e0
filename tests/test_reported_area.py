"""The outlook's reported figure (a plan of about 3,000 km² centred on the drawn belt) is in its map popup, in
English and Chinese; a zone whose reported figure is its nominal area gets no such row."""

from __future__ import annotations

import html
import json
import re

from avzone import maps
from avzone._mapjs import zone_popup
from avzone.checks import run_checks


def test_the_outlook_popup_gives_the_reported_plan(model):
    props = next(f["properties"] for f in model.raw_features("outlook"))
    en = zone_popup(props, 1924.3, lang="en")
    zh = zone_popup(props, 1924.3, lang="zh")
    assert "<dt>Reported</dt><dd>3,000 km² (a plan of about 3,000 km² centred on the belt" in html.unescape(en)
    assert "<dt>报道面积</dt><dd>3,000 km²（以四环至六环之间环带为中心、约 3,000 km² 的规划" in html.unescape(zh)


def test_a_zone_reported_as_its_nominal_area_has_no_reported_row(model):
    props = next(f["properties"] for f in model.raw_features("current"))
    assert "Reported" not in zone_popup(props, 160.0, lang="en")
    assert "报道面积" not in zone_popup(props, 160.0, lang="zh")


def test_without_a_chinese_note_the_english_one_is_labelled(model):
    props = dict(next(f["properties"] for f in model.raw_features("outlook")))
    del props["reported_area_note_zh"]
    zh = html.unescape(zone_popup(props, 1924.3, lang="zh"))
    assert "<dt>报道面积</dt><dd>3,000 km²（" in zh and "a plan of about 3,000 km²" in zh


def _popups(model, lang: str) -> list[str]:
    page = maps.make_map(model, lang=lang, show_stages=True, tiles="none").get_root().render()
    return [html.unescape(json.loads(f'"{m}"')) for m in re.findall(r'"popup_html": "((?:[^"\\]|\\.)*)"', page)]


def test_the_drawn_map_carries_it(model):
    assert sum("<dt>Reported</dt><dd>3,000 km²" in p for p in _popups(model, "en")) == 1
    assert sum("<dt>报道面积</dt><dd>3,000 km²（以四环至六环" in p for p in _popups(model, "zh")) == 1


def test_the_chinese_note_must_be_chinese(dataset_copy):
    dataset_copy.edit_feature(
        "outlook.geojson", "outlook_2024", lambda f: f["properties"].update(reported_area_note_zh="a plan")
    )
    failed = [r for r in run_checks(dataset_copy.load()) if not r.ok]
    assert failed and any("reported_area_note_zh" in str(r.detail) for r in failed)

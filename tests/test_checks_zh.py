"""The checks' details in Chinese: every detail, passing or failing, is written in Chinese under --lang zh."""

from __future__ import annotations

import copy
import json
import re
import shutil
from typing import Any

import pytest
from common import run_cli
from conftest import DatasetCopy

import avzone
from avzone import i18n
from avzone.dataset import default_data_dir

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Three or more English words in a row: a sentence (or most of one) left untranslated.
ENGLISH_RUN = re.compile(r"(?<![\w'])[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}(?![\w'])")


def _strings(value: Any) -> list[str]:
    """Every string in a JSON-like value (the data's own text: names, ids, the service reported, notes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _data_text(model: avzone.Model) -> list[str]:
    """The dataset's own strings, longest first, with their reprs (a detail quotes ids and values)."""
    found = _strings(model.manifest)
    for lid in model.layers:
        found += _strings(model.raw_features(lid))
    found += [repr(s) for s in found]
    return sorted(set(found), key=len, reverse=True)


def _untranslated(zh: str, data: list[str]) -> list[str]:
    for s in data:
        if len(s) > 1:
            zh = zh.replace(s, " ")
    return ENGLISH_RUN.findall(zh)


def _keys(value: Any) -> set[str]:
    """The catalogue keys a detail is made of (a Message, its fields, the parts of a Joined)."""
    if isinstance(value, i18n.Message):
        return {value.key} | {k for v in value.fields.values() for k in _keys(v)}
    if isinstance(value, i18n.Joined):
        return {k for p in value.parts for k in _keys(p)}
    return set()


def _assert_chinese(model: avzone.Model, results: list[Any]) -> set[str]:
    data = _data_text(model)
    keys: set[str] = set()
    for r in results:
        zh = i18n.written(r.detail, "zh")
        assert i18n.written(r.detail, "en") == r.detail, (r.name, r.subject)  # the English is unchanged
        assert CJK.search(zh), (r.name, r.subject, zh)
        assert zh != r.detail
        assert not _untranslated(zh, data), (r.name, r.subject, zh, _untranslated(zh, data))
        keys |= _keys(r.detail) | _keys(r.subject)
    return keys


def _break_everything(dc: Any) -> None:
    """Damage of every kind the checks catch, spread over the layers of one dataset."""

    def shift(feat: dict[str, Any]) -> None:  # the current zone moved 3 km east: outside its districts and planned
        for ring in feat["geometry"]["coordinates"]:
            for pos in ring:
                pos[0] += 0.035

    dc.edit_feature("current.geojson", "current_2024", shift)

    def badly_typed(feat: dict[str, Any]) -> None:
        p = feat["properties"]
        p["status"], p["as_of"], p["sources_zh"] = "bogus", "yesterday", "not a list"
        del p["method"]
        p["districts"] = "Daxing"
        p["district"] = "Haidian"
        p["name_en"] = "Core (70 km²)"

    dc.edit_feature("core.geojson", "core_2022", badly_typed)

    def hole(feat: dict[str, Any]) -> None:  # a clockwise exterior and an open ring
        feat["geometry"]["coordinates"][0] = feat["geometry"]["coordinates"][0][::-1]

    dc.edit_feature("outlook.geojson", "outlook_2024", hole)

    def out_of_range(feat: dict[str, Any]) -> None:
        feat["geometry"]["coordinates"] = [200, 39]

    def not_a_hub(feat: dict[str, Any]) -> None:
        feat["properties"]["kind"] = "zone"

    def bare(feat: dict[str, Any]) -> None:
        del feat["properties"]["accuracy_m"]
        feat["properties"]["district"] = "Nowhere"
        feat["properties"]["served_by"] = "sometimes"

    def moved(feat: dict[str, Any]) -> None:
        feat["geometry"]["coordinates"] = [116.9, 39.2]  # outside Beijing, away from its airfield
        feat["properties"]["served_by"] = "route:beijing_south_link"

    def contradicts(feat: dict[str, Any]) -> None:
        feat["properties"]["served_by"] = "reported"
        feat["geometry"]["coordinates"] = [116.45, 39.87]  # in Chaoyang, not its Fengtai

    dc.edit_feature("stations.geojson", "qinghe", out_of_range)
    dc.edit_feature("stations.geojson", "beijing_chaoyang", not_a_hub)
    dc.edit_feature("stations.geojson", "yizhuang", bare)
    dc.edit_feature("airports.geojson", "PKX", moved)
    dc.edit_feature("stations.geojson", "beijing_fengtai", contradicts)

    routes = dc.read("routes.geojson")
    first, second = routes["features"][0], routes["features"][1]
    del first["properties"]["reported_length_km"]
    second["properties"]["length_km"] = 99.0
    second["properties"]["from"] = "nowhere"
    second["properties"]["to"] = "PEK"
    routes["features"].append(copy.deepcopy(second))  # a duplicate id
    dc.write("routes.geojson", routes)

    manifest = dc.read("dataset.json")
    for layer in manifest["layers"]:
        if layer["id"] == "current":
            layer["valid_to"] = "2024-11-30"  # overlaps planned
        if layer["id"] == "core":
            layer["valid_to"] = "2024-01-01"  # a gap before current
            layer["as_of"] = "2030-01-01"
    for row in manifest["timeline"]:
        if row.get("layer") == "planned":
            row["date"], row["nominal_area_km2"], row["reported_area_km2"] = "2024-06-30", 500, 550
    manifest["as_of"] = "2024-09-01"  # before planned's valid_from
    manifest["containment"].append(["core"])
    manifest["expansion"]["nominal_added_km2"] = 300
    dc.write("dataset.json", manifest)


def _break_more(dc: Any) -> None:
    """Damage of other kinds: unusable dates and geometries, missing hubs, districts and nominal values."""
    manifest = dc.read("dataset.json")
    for layer in manifest["layers"]:
        if layer["id"] == "core":
            layer["valid_from"] = None  # a valid_to alone
            layer.pop("nominal_area_km2", None)
        if layer["id"] == "current":
            layer["valid_to"] = None  # open: overlaps planned
        if layer["id"] == "outlook":
            layer["valid_from"] = "soon"
    for row in manifest["timeline"]:
        if row.get("layer") == "outlook":
            row["reported_area_km2"] = 2000
        if row.get("layer") == "core":
            row["stage_zh"] = "2.0 阶段"
            row["note_zh"] = "roadside equipment over the core"  # a Chinese note in English
        if row.get("layer") == "current":
            del row["note_zh"]  # an English note without its Chinese text
    manifest["as_of"] = "recently"
    manifest["required_hubs"].append("nowhere_hub")
    del manifest["expansion"]["nominal_added_km2"]
    dc.write("dataset.json", manifest)

    def polygon(feat: dict[str, Any]) -> None:
        x, y = feat["geometry"]["coordinates"]
        ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y]]
        feat["geometry"] = {"type": "Polygon", "coordinates": [ring]}

    def planned_only(feat: dict[str, Any]) -> None:
        feat["properties"]["served_by"] = "planned"
        del feat["properties"]["served"]

    def no_route(feat: dict[str, Any]) -> None:
        feat["properties"]["served_by"] = "route:nope"
        feat["properties"]["name_en"] = ""

    dc.edit_feature("stations.geojson", "beijing_chaoyang", polygon)
    dc.edit_feature("stations.geojson", "beijing_south", planned_only)
    dc.edit_feature("stations.geojson", "qinghe", no_route)

    def districts_of(declared: Any, text: str) -> Any:
        def edit(feat: dict[str, Any]) -> None:
            feat["properties"]["districts"], feat["properties"]["district"] = declared, text

        return edit

    dc.edit_feature("planned.geojson", "planned_yizhuang", districts_of([], "Daxing"))
    dc.edit_feature("planned.geojson", "planned_tongzhou", districts_of(["Tongzhou"], "Daxing"))
    dc.edit_feature("planned.geojson", "planned_shunyi", districts_of(["Atlantis"], "Shunyi"))
    dc.edit_feature("current.geojson", "current_2024", districts_of(["Daxing", "Tongzhou"], "Daxing and Haidian"))
    dc.edit_feature("core.geojson", "core_2022", districts_of(["Daxing", "Tongzhou"], "Tongzhou"))

    def hole(feat: dict[str, Any]) -> None:  # a counter-clockwise hole, and a part with a 3-position ring
        ring = feat["geometry"]["coordinates"][0]
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        inner = [[cx, cy], [cx + 0.01, cy], [cx + 0.01, cy + 0.01], [cx, cy]]
        feat["geometry"]["coordinates"].append(inner)

    dc.edit_feature("outlook.geojson", "outlook_2024", hole)


def test_every_check_detail_of_the_embedded_dataset_is_chinese(model):
    _assert_chinese(model, model.check())


def test_every_failing_check_detail_is_chinese(dataset_copy, tmp_path, model):
    _break_everything(dataset_copy)
    broken = avzone.load(dataset_copy.folder, strict=False)
    results = broken.check()
    assert sum(not r.ok for r in results) > 20
    keys = _assert_chinese(broken, results)
    dataset_copy.write("routes.geojson", {"type": "FeatureCollection", "features": []})
    empty = avzone.load(dataset_copy.folder, strict=False)
    keys |= _assert_chinese(empty, empty.check())
    other = DatasetCopy(tmp_path / "other")
    shutil.copytree(default_data_dir(), other.folder)
    _break_more(other)
    broken = avzone.load(other.folder, strict=False)
    results = broken.check()
    assert sum(not r.ok for r in results) > 15
    keys |= _assert_chinese(broken, results)
    keys |= _assert_chinese(model, model.check())
    # the damage reaches most of the checks' messages (a test of few paths proves little)
    every = {k for k in i18n.MESSAGES["en"] if k.startswith("chk_")}
    assert len(keys & every) >= 0.7 * len(every), sorted(every - keys)


#: Check messages with no words of their own: a timeline row's index and stage, a place and an amount.
NO_WORDS = {"chk_timeline_row", "chk_timeline_row_stage", "chk_district_amount", "chk_hub"}


def test_every_check_message_has_chinese_words():
    """Every check message (those the damaged datasets above do not reach too) is worded in Chinese."""
    every = {k for k in i18n.MESSAGES["en"] if k.startswith("chk_")}
    assert len(every) > 100
    templates = {key: i18n.MESSAGES["zh"][key] for key in every - NO_WORDS}
    assert not {k for k, t in templates.items() if not CJK.search(t)}
    assert not {k for k, t in templates.items() if ENGLISH_RUN.findall(re.sub(r"\{[^}]*\}", " ", t))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_avzone_check_prints_each_detail_in_the_language_asked(model, lang):
    result = run_cli("check", "--lang", lang)
    assert result.returncode == 0, result.stderr
    for r in model.check():
        assert i18n.written(r.detail, lang) in result.stdout, (r.name, r.subject)
    if lang == "zh":
        assert "every manifest value present is typed and in range" not in result.stdout
        assert "Service reported" not in result.stdout


def test_avzone_check_names_each_check_in_chinese(model):
    from avzone.cli import _CHECK_NAMES

    names = {r.name for r in model.check()}
    assert names <= set(_CHECK_NAMES), names - set(_CHECK_NAMES)
    lines = run_cli("check", "--lang", "zh").stdout.splitlines()
    rows = [line.split() for line in lines if line.startswith(("通过", "失败"))]
    assert len(rows) == len(model.check())
    column = {row[1] for row in rows}
    assert not column & names  # manifest, schema, area, ...: not in the Chinese table
    assert column == {i18n.text(_CHECK_NAMES[n], "zh") for n in names}
    assert all(CJK.search(name) for name in column)


def test_check_details_in_chinese_name_zones_by_their_titles(model):
    """A detail is a sentence: in Chinese it named the zones by their ids ('core 位于 current 之内'); it names them by
    their titles (``title_zh``), as the subject column keeps the ids (and English the ids)."""
    title = {z: model.layer_info(z).get("title_zh") for z in model.zone_layers}
    details = {(r.name, str(r.subject)): r.detail for r in model.check()}
    inside = details["containment", "core in current"]
    assert (str(inside), i18n.written(inside, "zh")) == (
        "core lies inside current",
        f"{title['core']}位于{title['current']}之内",
    )
    parts = details["area", "planned parts"]
    assert i18n.written(parts, "zh").startswith(f"{title['planned']}的各部分重叠 ")
    assert str(parts).startswith("the parts of planned overlap by ")
    hub = i18n.written(details["hubs", "yizhuang"], "zh")
    zones = "、".join(title[z] for z in ("current", "planned", "outlook"))
    assert f"：位于所画范围内：{zones}。" in hub
    assert "inside the drawn zone(s) current, planned, outlook. " in str(details["hubs", "yizhuang"])
    assert f"：不在任何所画范围内；距{title['outlook']}边界 " in i18n.written(details["hubs", "PKX"], "zh")


def test_check_subjects_in_chinese_keep_only_ids(dataset_copy, model):
    """A check's subject names ids (layers, features, manifest keys); its words (parts, expansion, in) are Chinese."""
    from avzone.checks import check_districts

    results = model.check()
    subjects = {i18n.written(r.subject, "zh") for r in results}
    assert {"planned 各部分", "扩区 current -> planned", "core 在 current 内"} <= subjects
    rows = model.manifest["timeline"]
    assert {f"timeline[{i}] {row['stage_zh']}" for i, row in enumerate(rows) if row["layer"]} <= subjects
    keys = {"timeline", "as_of", "stage_zh", "note_zh", "dataset.json"}  # manifest keys and files: named as they are
    data = [*_data_text(model), *keys]
    for r in results:
        zh = i18n.written(r.subject, "zh")
        assert i18n.written(r.subject, "en") == r.subject
        for s in data:
            zh = zh.replace(s, " ")
        assert not re.findall(r"[A-Za-z]{2,}", zh), (r.subject, zh)
    assert json.loads(run_cli("check", "--json").stdout)["checks"][0]["subject"] == "dataset.json"
    skipped = i18n.Message("chk_subject_zone_layers")
    assert (str(skipped), i18n.written(skipped, "zh")) == ("zone layers", "范围图层")
    assert all(isinstance(r.subject, str) for r in check_districts(model))

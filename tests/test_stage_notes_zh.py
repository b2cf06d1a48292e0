"""Stage notes in Chinese: the timeline rows' ``note_zh`` and the outlook's ``reported_area_note_zh`` in the
manifest, checked, carried by growth's Stage and printed by ``avzone growth --lang zh``."""

from __future__ import annotations

import json
import re

import pytest
from common import run_cli

import avzone
from avzone.errors import DataError
from avzone.growth import timeline
from avzone.i18n import in_chinese

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _note_check(model):
    hits = [r for r in model.check() if r.name == "timeline" and r.subject == "note_zh"]
    assert len(hits) == 1
    return hits[0]


def test_every_note_of_the_embedded_manifest_has_its_chinese_text(model):
    rows = model.manifest["timeline"]
    assert rows and all(in_chinese(row["note_zh"]) for row in rows), rows
    noted = [z for z in model.zone_layers if model.layer_info(z).get("reported_area_note")]
    assert noted == ["outlook"]
    note_zh = model.layer_info("outlook").get("reported_area_note_zh")
    assert in_chinese(note_zh) and "3,000 km²" in note_zh
    result = _note_check(model)
    assert result.ok and result.value == result.expected == len(rows) + len(noted)
    assert result.detail.text("zh") == (
        f"范围图层和时间线各行的 {len(rows) + 1} 条说明都有中文（note_zh、reported_area_note_zh）"
    )


def test_each_stage_carries_its_chinese_note(model):
    stages = timeline(model)
    by_stage = {(r["date"], r["stage"]): r for r in model.manifest["timeline"]}
    for stage in stages:
        row = by_stage[(stage.date, stage.stage)]
        assert (stage.note, stage.note_zh) == (row["note"], row["note_zh"])
        assert stage.note_text("zh") == row["note_zh"] and stage.note_text("en") == row["note"]
        assert stage.name("zh") == row["stage_zh"] and stage.name() == row["stage"]
    assert all(s["note_zh"] for s in json.loads(run_cli("growth", "--json").stdout)["timeline"])


def test_a_stage_without_a_chinese_note_shows_its_english_note_said_to_be_english(dataset_copy):
    manifest = dataset_copy.read("dataset.json")
    del manifest["timeline"][2]["note_zh"]
    dataset_copy.write("dataset.json", manifest)
    stage = next(s for s in timeline(avzone.load(dataset_copy.folder, strict=False)) if s.layer == "current")
    assert stage.note_zh is None
    assert stage.note_text("zh") == f"（英文）{manifest['timeline'][2]['note']}"
    assert stage.note_text("en") == manifest["timeline"][2]["note"]


def test_growth_in_chinese_prints_each_stage_note_in_chinese(model):
    result = run_cli("growth", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "\n各阶段的说明\n" in result.stdout
    notes = result.stdout.split("\n各阶段的说明\n", 1)[1].splitlines()
    assert notes == [f"  {s.date} {s.stage_zh}：{s.note_zh}" for s in timeline(model)]
    for stage in timeline(model):
        assert stage.note not in result.stdout
    # no English sentence left in the Chinese report (ids of layers, km² and the like are not sentences)
    for line in notes:
        assert not LATIN_WORD.search(line.replace("km²", "")), line


def test_growth_in_english_prints_each_stage_note_in_english(model):
    result = run_cli("growth", "--lang", "en")
    assert result.returncode == 0, result.stderr
    notes = result.stdout.split("\nNotes on the stages\n", 1)[1].splitlines()
    assert notes == [f"  {s.date} {s.stage}: {s.note}" for s in timeline(model)]


def _set(dataset_copy, where, key, value):
    manifest = dataset_copy.read("dataset.json")
    entry = manifest["timeline"][3] if where == "row" else next(e for e in manifest["layers"] if e["id"] == "outlook")
    if value is None:
        del entry[key]
    else:
        entry[key] = value
    dataset_copy.write("dataset.json", manifest)
    return manifest


@pytest.mark.parametrize(
    ("where", "key", "named"),
    [("row", "note_zh", "timeline[3] 2024 expansion"), ("layer", "reported_area_note_zh", "layer outlook")],
)
def test_a_chinese_note_not_written_in_chinese_fails_the_check(dataset_copy, where, key, named):
    _set(dataset_copy, where, key, "about 440 km² added in Tongzhou and Shunyi")
    result = _note_check(avzone.load(dataset_copy.folder, strict=False))
    assert not result.ok and result.value == result.expected - 1
    assert result.detail == f"{named}: {key} 'about 440 km² added in Tongzhou and Shunyi' is not a text in Chinese"
    zh_named = "timeline[3] 2024年扩区" if where == "row" else "图层 outlook"
    assert result.detail.text("zh") == f"{zh_named}：{key} 'about 440 km² added in Tongzhou and Shunyi' 不是中文文字"


@pytest.mark.parametrize(
    ("where", "key", "named"),
    [("row", "note", "timeline[3] 2024 expansion"), ("layer", "reported_area_note", "layer outlook")],
)
def test_an_english_note_without_its_chinese_text_fails_the_check(dataset_copy, where, key, named):
    _set(dataset_copy, where, f"{key}_zh", None)
    result = _note_check(avzone.load(dataset_copy.folder, strict=False))
    assert not result.ok
    assert result.detail == f"{named} has a {key} but no {key}_zh (the same text in Chinese)"


def test_a_note_written_in_chinese_needs_no_second_chinese_text(dataset_copy):
    manifest = _set(dataset_copy, "row", "note_zh", None)
    manifest["timeline"][3]["note"] = "在通州和顺义新增约 440 km²"
    dataset_copy.write("dataset.json", manifest)
    assert _note_check(avzone.load(dataset_copy.folder, strict=False)).ok


@pytest.mark.parametrize(
    ("where", "key", "problem"),
    [("row", "note_zh", r"timeline\[3\]\.note_zh must be text, got 7"), ("layer", "reported_area_note_zh", "7")],
)
def test_a_chinese_note_that_is_not_text_is_refused_when_loaded(dataset_copy, where, key, problem):
    _set(dataset_copy, where, key, 7)
    with pytest.raises(DataError, match=problem) as err:
        avzone.load(dataset_copy.folder)
    assert key in str(err.value)

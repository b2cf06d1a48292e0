"""Stages named in Chinese: the dataset's ``stage_zh``, checked, and printed by ``avzone growth --lang zh``."""

from __future__ import annotations

import re

import pytest
from common import run_cli

import avzone
from avzone.errors import DataError
from avzone.growth import timeline

CJK = re.compile(r"[\u4e00-\u9fff]")


def _stage_check(model):
    hits = [r for r in model.check() if r.name == "timeline" and r.subject == "stage_zh"]
    assert len(hits) == 1
    return hits[0]


def test_every_stage_of_the_embedded_dataset_has_a_chinese_name(model):
    rows = model.manifest["timeline"]
    assert rows and all(CJK.search(row["stage_zh"]) for row in rows)
    layers = [model.layer_info(z) for z in model.zone_layers]
    assert all(CJK.search(info.get("stage_zh")) for info in layers if info.get("stage"))
    # a layer and its timeline row name the stage alike, in both languages
    for row in rows:
        if row["layer"]:
            info = model.layer_info(row["layer"])
            assert (info.get("stage"), info.get("stage_zh")) == (row["stage"], row["stage_zh"])
    result = _stage_check(model)
    assert result.ok and result.value == result.expected == len(rows) + len(layers)


def test_growth_in_chinese_names_each_stage_by_its_chinese_name(model):
    result = run_cli("growth", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    table = result.stdout.split("\n\n", 1)[1]
    for stage in timeline(model):
        assert stage.stage_zh == next(
            r["stage_zh"] for r in model.manifest["timeline"] if r["date"] == stage.date and r["stage"] == stage.stage
        )
        line = next(line for line in table.splitlines() if line.startswith(stage.date) and stage.stage_zh in line)
        assert re.split(r"\s{2,}", line)[1] == stage.stage_zh, line  # the stage column, not the English name
    english = run_cli("growth", "--lang", "en").stdout
    assert all(s.stage in english for s in timeline(model))
    assert "stage_zh" in run_cli("growth", "--json").stdout  # the JSON carries both names


@pytest.mark.parametrize("where", ["row", "layer"])
@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_stage_without_a_chinese_name_fails_the_check(dataset_copy, where, value):
    manifest = dataset_copy.read("dataset.json")
    entry = manifest["timeline"][2] if where == "row" else manifest["layers"][1]
    if value is None:
        del entry["stage_zh"]
    else:
        entry["stage_zh"] = value
    dataset_copy.write("dataset.json", manifest)
    result = _stage_check(avzone.load(dataset_copy.folder, strict=False))
    assert not result.ok
    named = "timeline[2]" if where == "row" else f"layer {manifest['layers'][1]['id']}"
    assert result.detail == (f"{named} names its stage {entry['stage']!r} but has no stage_zh (its name in Chinese)")


def test_a_stage_name_that_is_not_text_is_refused_when_loaded(dataset_copy):
    manifest = dataset_copy.read("dataset.json")
    manifest["timeline"][1]["stage_zh"] = 2
    dataset_copy.write("dataset.json", manifest)
    with pytest.raises(DataError, match=r"timeline\[1\]\.stage_zh must be text, got 2"):
        avzone.load(dataset_copy.folder)

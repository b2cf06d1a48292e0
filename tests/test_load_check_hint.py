"""avzone.load refusing a dataset folder (a manifest value or a feature's geometry it cannot use) tells how to list
every problem as its caller runs it: ``avzone.load('FOLDER', strict=False).check()`` to Python, which was told of
``avzone check --data FOLDER``, a command it never ran; the command line as before, in English and Chinese."""

from __future__ import annotations

import json

import pytest
from common import run_cli

import avzone
from avzone.errors import DataError
from avzone.i18n import error_text


def _bad_date(data) -> str:
    manifest = json.loads((data.folder / "dataset.json").read_text(encoding="utf-8"))
    manifest["timeline"][0]["date"] = "2024-13-01"
    data.write("dataset.json", manifest)
    return "dataset.json"


def _bad_geometry(data) -> str:
    layer = json.loads((data.folder / "dataset.json").read_text(encoding="utf-8"))["layers"][0]["file"]
    doc = data.read(layer)
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[[116.5, 39.8], [116.6, 39.8]]]}
    data.write(layer, doc)
    return layer


@pytest.mark.parametrize("spoil", [_bad_date, _bad_geometry], ids=["a manifest value", "a feature's geometry"])
def test_a_strict_load_names_the_call_that_lists_every_problem_as_its_caller_runs_it(dataset_copy, spoil):
    file = spoil(dataset_copy)
    folder = dataset_copy.folder
    with pytest.raises(DataError) as info:
        avzone.load(folder)
    python = f"`avzone.load({str(folder)!r}, strict=False).check()`"
    said, zh = str(info.value), error_text(info.value, "zh")
    assert said.startswith(f"{folder / file}: ") and f"{python} lists every problem" in said, said
    assert zh.startswith(f"{folder / file}：") and f"{python} 会列出所有问题" in zh, zh
    assert "avzone check" not in said + zh
    model = avzone.load(folder, strict=False)  # (the call said: it lists the problem)
    assert any(not r.ok for r in model.check())
    cli = run_cli("area", "--data", str(folder))
    assert cli.returncode == 2 and f"`avzone check --data {folder}` lists every problem" in cli.stderr, cli.stderr
    cli = run_cli("--lang", "zh", "area", "--data", str(folder))
    assert cli.returncode == 2 and f"`avzone check --data {folder}` 会列出所有问题" in cli.stderr, cli.stderr
    assert "strict=False" not in cli.stderr

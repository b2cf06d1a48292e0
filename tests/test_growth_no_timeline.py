"""A dataset with no timeline: ``avzone growth`` says there is none instead of an empty table, a chart of it is
refused (an empty chart with an empty legend is no chart), and ``avzone demo`` writes its maps and says there is no
chart; a timeline of stages with no area (dates naming no layer, no reported figure) is no timeline to chart."""

from __future__ import annotations

import json
from typing import Any

import pytest
from common import run_cli

from avzone.errors import InputError
from avzone.growth import growth_chart, growth_figure
from avzone.i18n import error_text


def _without_timeline(dataset_copy: Any, timeline: Any = None) -> Any:
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    if timeline is None:
        manifest.pop("timeline")
    else:
        manifest["timeline"] = timeline
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return dataset_copy


def _no_stages_en(folder: Any) -> str:
    return (
        f"no chart to draw: the dataset beijing ({folder}) has no timeline stage with an area (dated stages"
        " under 'timeline' in its dataset.json, each naming a zone layer or giving a reported area)"
    )


@pytest.fixture(params=["no timeline", "stages with no area"])
def no_timeline(request, dataset_copy):
    stages = [{"date": "2021-01-01", "stage": "announced", "layer": None}] if request.param != "no timeline" else None
    return _without_timeline(dataset_copy, stages)


def test_growth_says_there_is_no_timeline_instead_of_an_empty_table(dataset_copy):
    folder = _without_timeline(dataset_copy).folder
    en = run_cli("growth", "--data", str(folder), "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert en.stdout.startswith("current -> planned: 160.0 km² -> 600.0 km²"), en.stdout
    assert en.stdout.rstrip().endswith(
        "Timeline: none (the dataset's dataset.json lists no dated stages under 'timeline')"
    ), en.stdout
    assert "date  stage" not in en.stdout and "nominal:" not in en.stdout
    zh = run_cli("growth", "--data", str(folder), "--lang", "zh")
    none_zh = "时间线：无（数据集的 dataset.json 的 'timeline' 中没有列出带日期的阶段）"
    assert zh.stdout.rstrip().endswith(none_zh), zh.stdout


def test_a_chart_of_no_timeline_is_refused_naming_the_dataset_and_nothing_is_written(no_timeline, tmp_path):
    model = no_timeline.load()
    with pytest.raises(InputError) as err:
        growth_figure(model)
    assert str(err.value) == _no_stages_en(model.folder)
    assert error_text(err.value, "zh").startswith(f"没有可画的图表：数据集 beijing（{model.folder}）")
    chart = tmp_path / "g.png"
    with pytest.raises(InputError):
        growth_chart(model, chart)
    assert not chart.exists() and list(tmp_path.iterdir()) == [no_timeline.folder]
    out = run_cli("growth", "--data", str(no_timeline.folder), "--chart", str(chart), "--lang", "en")
    assert out.returncode == 2 and out.stderr == f"avzone: error: {_no_stages_en(model.folder)}\n", out.stderr
    assert not chart.exists() and "Warning" not in out.stderr


def test_demo_on_a_dataset_with_no_timeline_writes_its_maps_and_says_there_is_no_chart(no_timeline, tmp_path):
    out = run_cli("demo", "--data", str(no_timeline.folder), "--out", str(tmp_path / "out"), "--lang", "en")
    assert "avzone: error" not in out.stderr, out.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"map.html", "map-offline.html"}
    assert "growth chart:            none (the dataset has no timeline stage with an area)" in out.stdout
    zh = run_cli("demo", "--data", str(no_timeline.folder), "--out", str(tmp_path / "zh"), "--lang", "zh")
    assert "增长图：      无（数据集的时间线中没有带面积的阶段）" in zh.stdout, zh.stdout


def test_the_embedded_dataset_still_charts_its_timeline(model, tmp_path):
    assert growth_chart(model, tmp_path / "g.png").stat().st_size > 10_000

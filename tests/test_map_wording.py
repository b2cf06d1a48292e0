"""The words of the map, of one point's answer and of the growth texts: no None, zero or id where a person reads a
sentence, in English and in Chinese."""

from __future__ import annotations

import errno
import html
import json
import os
import re

import pandas as pd
import pytest
from common import run_cli

import avzone
from avzone import _mapjs, batch, i18n, maps
from avzone.errors import InputError
from avzone.i18n import Message


def render(model, **options) -> str:
    return maps.make_map(model, **options).get_root().render()


def avzone_data(page: str) -> dict:
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def overlay_names(page: str) -> list[str]:
    block = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.S).group(1)
    return [html.unescape(json.loads(k)) for k in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block, re.M)]


def trip(day: str, lon: float = 116.69, lat: float = 39.87) -> pd.DataFrame:
    """A vehicle driving in the Tongzhou part of the 2024 expansion on ``day``."""
    times = [f"{day} 08:00", f"{day} 08:02", f"{day} 08:04"]
    return pd.DataFrame({"vehicle": "T", "ts": times, "lon": [lon, lon + 0.005, lon + 0.01], "lat": lat})


def with_layers(dataset_copy, **edits: dict) -> avzone.Model:
    """The embedded dataset with some zone layers' manifest fields changed (``planned={"valid_from": ...}``)."""
    path = dataset_copy.folder / "dataset.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for layer in manifest["layers"]:
        layer.update(edits.get(layer["id"], {}))
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return avzone.load(dataset_copy.folder, strict=False)


@pytest.fixture
def announced(dataset_copy) -> avzone.Model:
    """The 2024 expansion dated in force from 2026-01-01, after the dataset's as_of (2025-03-01): announced, not
    yet come when the data were compiled."""
    return with_layers(dataset_copy, current={"valid_to": "2026-01-01"}, planned={"valid_from": "2026-01-01"})


# -- 1. a stage not (yet) in force ----------------------------------------------------------------------------
def test_locate_in_a_stage_dated_after_as_of_notes_it_is_not_yet_in_force(announced):
    loc = announced.locate(116.69, 39.87, at="2026-06-01")
    assert loc.zone_in_force == "planned" and loc.in_force is True
    assert len(loc.notes) == 1
    assert loc.notes[0] == (
        "the 600 km² planned zone is dated in force from 2026-01-01, after the dataset's as_of (2025-03-01): "
        "it was not yet in force when the data were compiled"
    )
    assert loc.to_dict()["notes"] == [str(loc.notes[0])]
    assert loc.notes[0].text("zh") == (
        "2024年扩区后示范区（600 km²）标注自 2026-01-01 起生效，晚于数据集的 as_of（2025-03-01）：编制数据时尚未生效"
    )
    # a time when a stage of the data's own past was in force: no note
    assert announced.locate(116.69, 39.87, at="2025-06-01").notes == ()


def test_locate_in_a_stage_marked_planned_notes_it_may_not_be_in_force(dataset_copy):
    model = with_layers(dataset_copy, planned={"status": "planned"})
    loc = model.locate(116.69, 39.87, at="2025-01-01")
    assert [str(n) for n in loc.notes] == [
        "the 600 km² planned zone is dated in force from 2024-10-18, but its status is planned: it may not be in "
        "force yet"
    ]
    assert (
        loc.notes[0].text("zh")
        == "2024年扩区后示范区（600 km²）标注自 2024-10-18 起生效，但其状态为规划中：可能尚未生效"
    )


def test_cli_locate_at_a_stage_not_yet_in_force_says_so_in_either_language(announced, dataset_copy):
    args = ("locate", "116.69", "39.87", "--at", "2026-06-01", "--data", str(dataset_copy.folder))
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == 0 and zh.returncode == 0, en.stderr
    assert "note: the 600 km² planned zone is dated in force from 2026-01-01, after the dataset's as_of" in en.stderr
    assert "2024年扩区后示范区（600 km²）标注自 2026-01-01 起生效，晚于数据集的 as_of（2025-03-01）" in zh.stderr


def test_tracks_coloured_by_a_plan_never_in_force_say_so(model):
    for lang, said in (
        ("en", "The tracks are coloured by the 1,960 km² outlook zone (never in force: no valid_from) at every time"),
        ("zh", "轨迹在所有时间都按远期：四环至六环之间环带（1,960 km²）着色（从未生效：没有 valid_from）"),
    ):
        tr = maps.split_tracks(model, trip("2025-01-06"), zone="outlook")
        note = tr.zone_in_force_note(model, lang)
        assert note is not None and note.startswith(said)
        assert note.endswith(
            "include times when the zone in force was the 600 km² planned zone"
            if lang == "en"
            else "中有些时间生效的范围是2024年扩区后示范区（600 km²）"
        )
        legend = html.unescape(
            avzone_data(render(model, tracks=tr, tiles="none", base=False, lang=lang))["legend_html"]
        )
        assert said in legend


def test_tracks_coloured_by_a_stage_dated_after_as_of_say_it_was_not_yet_in_force(announced):
    tr = maps.split_tracks(announced, trip("2026-03-01"), zone="planned")
    assert tr.zone_in_force_note(announced) == (
        "The tracks are coloured by a zone not in force (yet): the 600 km² planned zone is dated in force from "
        "2026-01-01, after the dataset's as_of (2025-03-01): it was not yet in force when the data were compiled"
    )
    assert tr.zone_in_force_note(announced, "zh") == (
        "轨迹所按的范围（尚）未生效：2024年扩区后示范区（600 km²）标注自 2026-01-01 起生效，晚于数据集的 as_of"
        "（2025-03-01）：编制数据时尚未生效"
    )
    # and beside the zones in force at other times
    tr = maps.split_tracks(announced, trip("2025-06-01"), zone="planned")
    note = tr.zone_in_force_note(announced)
    assert note.startswith("The tracks are coloured by the 600 km² planned zone (in force since 2026-01-01)")
    assert "the zone in force was the 160 km² current zone; the 600 km² planned zone is dated in force" in note


# -- 2. no zone in force -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "include times when no zone was in force (on 2019-06-01)"),
        ("zh", "中有些时间没有生效的范围（2019-06-01）"),
    ],
)
def test_tracks_before_the_first_stage_say_no_zone_was_in_force_on_that_day(model, lang, said):
    note = maps.split_tracks(model, trip("2019-06-01"), zone="core").zone_in_force_note(model, lang)
    assert note.endswith(said)
    assert "none" not in note and "无（" not in note


def test_tracks_with_and_without_a_zone_in_force_name_both_and_the_days(model):
    early = pd.concat(
        [trip(day).assign(vehicle=v) for v, day in zip("ABC", ["2019-06-01", "2019-06-02", "2024-07-01"])]
    )
    tr = maps.split_tracks(model, early, zone="core")
    assert tr.zone_in_force_note(model).endswith(
        "include times when the zone in force was the 160 km² current zone and times when no zone was in force "
        "(between 2019-06-01 and 2019-06-02)"
    )
    assert tr.zone_in_force_note(model, "zh").endswith(
        "中有些时间生效的范围是亦庄示范区（160 km²），有些时间没有生效的范围（2019-06-01 至 2019-06-02）"
    )


# -- 3. a stage named in Chinese ---------------------------------------------------------------------------------
def test_chinese_answer_names_the_first_and_last_stage_by_their_chinese_title(model, dataset_copy):
    loc = model.locate(116.5, 39.79, at="2020-01-01")
    assert (
        str(loc.in_force_status)
        == "no zone in force on 2020-01-01 (the first stage, core, is in force from 2021-11-01)"
    )
    zh = i18n.locate_summary(model, loc, "zh")
    assert zh.endswith("2020-01-01 没有生效的范围（第一个阶段为北京经开区核心区，自 2021-11-01 起生效）")
    assert " core " not in zh
    ended = with_layers(dataset_copy, planned={"valid_to": "2025-01-01"})
    loc = ended.locate(116.5, 39.79, at="2025-06-01")
    assert loc.in_force_status.text("zh") == (
        "2025-06-01 没有生效的范围（最后一个阶段为2024年扩区后示范区，已于北京时间 2025-01-01 00:00 结束）"
    )


def test_a_stage_without_a_chinese_title_is_named_by_its_english_one_then_its_id(dataset_copy):
    model = with_layers(dataset_copy, core={"title_zh": None})
    said = model.locate(116.5, 39.79, at="2020-01-01").in_force_status.text("zh")
    assert "第一个阶段为BDA core area，" in said
    model = with_layers(dataset_copy, core={"title_zh": None, "title_en": None})
    assert "第一个阶段为core，" in model.locate(116.5, 39.79, at="2020-01-01").in_force_status.text("zh")


# -- 4. nominal and measured figures labelled ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "nominal", "expansion"),
    [
        (
            "en",
            "Outlook: belt between the 4th and 6th Ring Roads (1,960 km² nominal)",
            "2024 expansion: planned minus current (+440 km² geodesic)",
        ),
        (
            "zh",
            "远期：四环至六环之间环带（标称面积 1,960 km²）",
            "扩区：2024年扩区后示范区中亦庄示范区以外的部分（椭球面积 +440 km²）",
        ),
    ],
)
def test_layer_list_labels_nominal_and_measured_areas(model, lang, nominal, expansion):
    names = overlay_names(render(model, tiles="none", base=False, lang=lang))
    assert nominal in names and expansion in names


# -- 5. a small area is not +0 ----------------------------------------------------------------------------------
def test_a_small_expansion_is_not_written_as_nothing(model, monkeypatch):
    monkeypatch.setattr(maps, "expansion_km2", lambda m: 0.3)
    monkeypatch.setattr(_mapjs, "expansion_km2", lambda m: 0.04)
    page = render(model, tiles="none", base=False)
    assert "2024 expansion: planned minus current (+0.3 km² geodesic)" in overlay_names(page)
    legend = html.unescape(avzone_data(page)["legend_html"])
    assert "plus the expansion (+0.04 km² geodesic)" in legend


@pytest.mark.parametrize(
    ("value", "digits", "signed", "shown"),
    [
        (0.3, 0, True, "+0.3"),
        (0.004, 0, True, "+<0.01"),
        (-1e-9, 0, True, "0"),
        (-1e-9, 1, False, "0.0"),
        (-0.2, 0, True, "-0.2"),
        (440.2, 0, True, "+440"),
        (1960.04, 1, False, "1,960.0"),
    ],
)
def test_area_figure_is_never_zero_for_some_area_nor_minus_zero(value, digits, signed, shown):
    assert i18n.area_figure(value, digits, signed=signed) == shown


# -- 6. the system's reasons in Chinese ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "english", "chinese"),
    [
        (errno.ENOENT, "No such file or directory", "文件或文件夹不存在"),
        (errno.EACCES, "Permission denied", "没有权限"),
        (errno.EISDIR, "Is a directory", "是一个文件夹"),
        (errno.ENOSPC, "No space left on device", "磁盘空间不足"),
        (errno.EROFS, "Read-only file system", "文件系统是只读的"),
    ],
)
def test_common_system_reasons_are_chinese_in_a_chinese_message(code, english, chinese, tmp_path):
    error = InputError(Message("err_cannot_write", file="out.csv", reason=i18n.os_reason(OSError(code, english))))
    assert str(error) == f"out.csv: cannot write the file ({english})"
    assert i18n.error_text(error, "zh") == f"out.csv：无法写入文件（{chinese}：{english}）"
    # a file job's reason (one line of the error's text, its path kept) is said so too
    reason = batch.one_line(OSError(code, english, str(tmp_path / "a.csv")))
    assert i18n.written(reason, "zh") == f"{chinese}：[Errno {code}] {english}: '{tmp_path / 'a.csv'}'"


def test_another_system_reason_keeps_its_english_words():
    reason = i18n.os_reason(OSError(errno.EIO, "Input/output error"))
    assert i18n.written(reason, "zh") == "Input/output error" == reason


def test_a_map_that_cannot_be_put_in_place_says_why_in_chinese(model, tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(InputError) as caught:
        maps.save_map(model, tmp_path / "m.html", tiles="none", base=False)
    assert str(caught.value).endswith("cannot put the output in place (Read-only file system)")
    assert i18n.error_text(caught.value, "zh").endswith("无法把输出放到位（文件系统是只读的：Read-only file system）")


def test_cli_a_missing_crs_file_is_said_in_chinese(tmp_path):
    out = run_cli("locate", "116.5", "39.79", "--crs", str(tmp_path / "none.prj"), "--lang", "zh")
    assert out.returncode == 2
    assert "无法读取坐标系文件（文件或文件夹不存在：No such file or directory）" in out.stderr


def test_growth_chart_labels_a_stage_under_half_a_km2_with_its_area(dataset_copy):
    """A stage measuring 0.24 km² was labelled '0 km² measured' on the growth chart."""
    import matplotlib.pyplot as plt

    from avzone.growth import growth_figure

    doc = dataset_copy.read("core.geojson")
    square = [[116.50, 39.79], [116.505, 39.79], [116.505, 39.795], [116.50, 39.795], [116.50, 39.79]]
    doc["features"] = doc["features"][:1]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [square]}
    dataset_copy.write("core.geojson", doc)
    fig = growth_figure(avzone.load(dataset_copy.folder, strict=False))
    try:
        labels = [t.get_text() for t in fig.axes[0].texts]
        core = next(label for label in labels if label.startswith("phase 2.0"))
        assert "\n0.2 km² measured\n" in core, core
    finally:
        plt.close(fig)


# -- neighbours ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name_en", [None, "", "left out"])
def test_a_hub_without_an_english_name_is_named_by_its_id_not_none_or_nan(dataset_copy, name_en):
    doc = dataset_copy.read("stations.geojson")
    (yizhuang,) = [f for f in doc["features"] if f["properties"]["id"] == "yizhuang"]
    if name_en == "left out":
        del yizhuang["properties"]["name_en"]
    else:
        yizhuang["properties"]["name_en"] = name_en
    dataset_copy.write("stations.geojson", doc)
    model = avzone.load(dataset_copy.folder, strict=False)
    loc = model.locate(116.5, 39.79)
    assert loc.summary().endswith("nearest hub: yizhuang, 7.9 km")
    assert loc.to_dict()["nearest_hub"]["name_en"] == "yizhuang"
    assert i18n.locate_summary(model, loc, "zh").endswith("最近枢纽：亦庄站，7.9 km")

"""avzone in Chinese: the message catalogues, --lang and the locale's default, the Chinese README."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from common import run_cli

from avzone import i18n
from avzone.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
TIANANMEN = ("116.3975", "39.9087")


def test_default_language_follows_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.default_lang() == "zh" and i18n.resolve_lang(None) == "zh"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert i18n.default_lang() == "en", "LC_ALL wins over LANG"
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.default_lang() == "en"
    with pytest.raises(InputError, match="unknown language 'de'"):
        i18n.resolve_lang("de")


def fields_of(template: str) -> set[tuple[str, str | None]]:
    """The fields of a message (name and conversion: ``{column!r}`` is ``("column", "r")``)."""
    return {(name, conversion) for _, name, _, conversion in string.Formatter().parse(template) if name is not None}


def test_catalogues_fill_every_field_in_both_languages():
    assert set(i18n.MESSAGES["en"]) == set(i18n.MESSAGES["zh"])
    for key, english in i18n.MESSAGES["en"].items():
        fields = fields_of(english)
        assert fields == fields_of(i18n.MESSAGES["zh"][key]), key
        values = {name: "1" for name, _ in fields}
        for lang in i18n.LANGS:
            assert "{" not in i18n.text(key, lang, **values)


def test_locate_speaks_chinese_with_lang_zh_or_a_chinese_locale(model, monkeypatch):
    english = run_cli("locate", "116.50", "39.79")
    assert english.returncode == 0 and "inside the 60 km² core zone" in english.stdout
    chinese = run_cli("locate", "116.50", "39.79", "--lang", "zh")
    assert chinese.returncode == 0
    titles = [model.layer_info(z).get("title_zh") for z in model.zone_layers]
    # a full-width colon after WGS84, as Chinese text has it
    assert chinese.stdout.startswith("(116.500000, 39.790000) WGS84：位于" + "（60 km²）、".join(titles[:1]))
    assert all(t in chinese.stdout for t in titles)
    assert "最近枢纽：亦庄站，" in chinese.stdout
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert run_cli("locate", "116.50", "39.79").stdout == chinese.stdout
    assert run_cli("locate", "116.50", "39.79", "--lang", "en").stdout == english.stdout
    outside = run_cli("locate", *TIANANMEN, "--lang", "zh").stdout
    loc = model.locate(float(TIANANMEN[0]), float(TIANANMEN[1]))
    nearest = min(loc.distance_to_edge_m, key=loc.distance_to_edge_m.get)
    km = loc.distance_to_edge_m[nearest] / 1000
    assert f"不在任何范围内；距{i18n.zone_name(model, nearest, 'zh')}边界 {km:.1f} km；" in outside
    # JSON is for programs: a point with no note the same in a Chinese locale and with --lang zh (which picks the
    # errors' language, and the notes': tests/test_cli_zh.py)
    assert json.loads(run_cli("locate", "116.50", "39.79", "--json").stdout) == loc_json(model)
    assert json.loads(run_cli("locate", "116.50", "39.79", "--json", "--lang", "zh").stdout) == loc_json(model)


def loc_json(model) -> dict:
    return json.loads(json.dumps(model.locate(116.50, 39.79).to_dict()))


def test_area_and_growth_in_chinese_line_up_their_columns(model):
    area = run_cli("area", "--lang", "zh")
    assert area.returncode == 0
    lines = area.stdout.splitlines()
    assert lines[0] == i18n.text("area_header", "zh")
    assert lines[1].split() == ["图层", "面积", "km²", "标称", "km²", "偏差", "名称"]
    # every row's title starts in the same terminal column (Chinese characters take two)
    starts = {i18n_width(line[: line.index(t)]) for line, t in zip(lines[3:], titles(model), strict=True)}
    assert len(starts) == 1
    growth = run_cli("growth", "--lang", "zh").stdout
    # the layers named by their titles in Chinese (their ids in English)
    assert "亦庄示范区 -> 2024年扩区后示范区：160.0 km² -> 600.0 km²，变化 +440.0 km²" in growth
    assert "current -> planned: 160.0 km² -> 600.0 km², +440.0 km²" in run_cli("growth").stdout
    back = run_cli("growth", "planned", "current", "--lang", "zh").stdout.splitlines()
    assert back[1] == "  2024年扩区后示范区中不在亦庄示范区内的部分：-440.0 km²"
    assert "扩区后示范区：通州部分" in growth and "%/年" in growth
    # each part's line in Chinese punctuation, as the line above it
    assert "\n  扩区后示范区：通州部分（假定250 km²）：+250.0 km²\n" in growth
    assert "Timeline" not in growth and "时间线" in growth


def titles(model) -> list[str]:
    return [str(model.layer_info(z).get("title_zh")) for z in model.zone_layers]


def i18n_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_map_command_writes_a_chinese_map_and_says_so_in_chinese(tmp_path, model):
    out = tmp_path / "zh.html"
    result = run_cli("map", "--lang", "zh", "--offline", "--locate", *TIANANMEN, "-o", str(out))
    assert result.returncode == 0
    assert result.stdout.startswith(f"地图已写入 {out}（") and "单文件离线可用" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert model.manifest["title_zh"] in page and '"point_check":"点位查询"' in page
    assert "四环路" in page and "查询点" in page
    assert "坐标系：WGS84 经纬度。" in page  # the CRS of the map's coordinates, described in Chinese
    english = run_cli("map", "--no-base", "-o", str(tmp_path / "en.html"))
    assert english.stdout.startswith("map written to ")
    assert '"base":null' in (tmp_path / "en.html").read_text(encoding="utf-8")
    bad = run_cli("map", "--lang", "fr", "-o", str(tmp_path / "x.html"))
    assert bad.returncode == 2 and "argument --lang: unknown language 'fr': choose one of en, zh" in bad.stderr


#: The CRSs avzone names itself, as messages name them, and how a Chinese message writes them: the code kept
#: (PROJ's English name left out), a Chinese description added; a name (the map's WGS84, GCJ-02) starts it.
CRS_IN_CHINESE = {
    "EPSG:4326": "EPSG:4326（WGS84 经纬度）",
    "WGS84": "WGS84 经纬度",
    "gcj02": "gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）",
    "GCJ-02": "GCJ-02 国测局坐标，高德、腾讯地图所用",
    "bd09": "bd09（BD-09 百度坐标，百度地图所用）",
    "EPSG:3857 (WGS 84 / Pseudo-Mercator)": "EPSG:3857（Web 墨卡托投影）",
    "EPSG:3857": "EPSG:3857（Web 墨卡托投影）",
    "EPSG:32650": "EPSG:32650（WGS84 / UTM 北半球第 50 带）",
    "EPSG:4490": "EPSG:4490（CGCS2000 经纬度）",
    "EPSG:4548": "EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E）",
    "EPSG:4527": "EPSG:4527（CGCS2000 / 3 度带高斯-克吕格第 39 带，中央经线 117E，东坐标含带号）",
    "EPSG:4498": "EPSG:4498（CGCS2000 / 6 度带高斯-克吕格第 20 带，中央经线 117E，东坐标含带号）",
    "EPSG:4505": "EPSG:4505（CGCS2000 / 6 度带高斯-克吕格，中央经线 93E）",
    # not one of avzone's: as given
    "EPSG:4978 (WGS 84)": "EPSG:4978 (WGS 84)",
    "EPSG:4555": "EPSG:4555",
    "EPSG:32750": "EPSG:32750",
}


@pytest.mark.parametrize("label", list(CRS_IN_CHINESE))
def test_crs_names_in_chinese_messages(label):
    assert i18n.crs_text(label, "zh") == CRS_IN_CHINESE[label]
    assert i18n.crs_text(label, "en") == label
    message = i18n.Message("note_geojson_crs", crs=i18n.CRSName(label))
    assert message == f"the geometries were read in {label}, the CRS the file's 'crs' member names"
    name = CRS_IN_CHINESE[label]
    after = "" if name.endswith("）") else " "  # (no space after a full-width bracket)
    assert message.text("zh") == f"几何按 {name}{after}读取：这是文件的 'crs' 成员给出的坐标系"


def test_every_cgcs2000_gauss_kruger_zone_and_utm_north_zone_is_described_as_proj_defines_it():
    """The description of each EPSG code avzone describes agrees with PROJ: its zone, width and central meridian."""
    import pyproj

    for code in [*range(4491, 4555), *range(32601, 32661)]:
        crs = pyproj.CRS.from_epsg(code)
        described = i18n.crs_description(f"EPSG:{code}")
        assert described is not None, code
        english = described.text("en")
        cm = next(p.value for p in crs.coordinate_operation.params if p.name == "Longitude of natural origin")
        if code >= 32601:
            assert english == crs.name.replace("WGS 84", "WGS84"), code
            continue
        width = 3 if "3-degree" in crs.name else 6
        if "zone" in crs.name:
            zone = crs.name.rsplit(" ", 1)[1]
            assert english == f"CGCS2000 / {width}-degree Gauss-Kruger zone {zone}, CM {cm:g}E, eastings carry the zone"
            assert f"{width} 度带高斯-克吕格第 {zone} 带，中央经线 {cm:g}E" in described.text("zh"), code
        else:
            assert english == f"CGCS2000 / {width}-degree Gauss-Kruger CM {cm:g}E", code
            assert crs.name.endswith(f"CM {cm:g}E")


def test_help_names_the_language_option():
    for command in ("map", "locate", "area", "growth", "check", "events", "export", "demo"):
        text = run_cli(command, "--help").stdout
        assert "--lang {en,zh}" in text, command
    assert "--no-base" in run_cli("map", "--help").stdout


# -- the Chinese README ------------------------------------------------------------
def _sections(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"#{1,3} ", line)]


def _code_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S)]


def _commands(text: str) -> list[str]:
    """Every command line of the code blocks (avzone ..., make ..., python ..., curl ...)."""
    lines = [line.strip() for block in _code_blocks(text) for line in block.splitlines()]
    return [line for line in lines if re.match(r"(\$ )?(avzone|make|python|\.venv/|curl|pip|git) ", line)]


def test_chinese_readme_keeps_step_with_the_english_one():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    assert len(_sections(ROOT / "README.md")) == len(_sections(ROOT / "README.zh-CN.md")), "the same sections"
    missing = [c for c in _commands(english) if c not in chinese]
    assert not missing, "commands of README.md missing from README.zh-CN.md:\n" + "\n".join(missing)
    assert _code_blocks(english) == _code_blocks(chinese), "the same code blocks, in the same order"
    figures = set(re.findall(r"\d[\d,.]*\s?km²", english))
    assert figures <= set(re.findall(r"\d[\d,.]*\s?km²", chinese)), figures - set(
        re.findall(r"\d[\d,.]*\s?km²", chinese)
    )
    assert "README.zh-CN.md" in english and "README.md" in chinese


def test_no_space_after_a_full_width_bracket_a_field_ends_in():
    """A CRS's Chinese name ends in "）": the template's space after it goes (Chinese writes none after full-width
    punctuation); a space before a field, an English text and a field's own text are kept as they are."""
    crs = i18n.CRSName("EPSG:4326")
    zh = i18n.text("err_not_a_position", "zh", crs=crs, x=116.4, y=95.0, status="s")
    assert zh.startswith("EPSG:4326（WGS84 经纬度）中的 (116.4, 95.0) 不是有效的位置：")
    en = i18n.text("err_not_a_position", "en", crs=crs, x=116.4, y=95.0, status="s")
    assert en.startswith("(116.4, 95.0) in EPSG:4326 is not a valid position")
    kept = i18n.text("err_not_a_position", "zh", crs="列（a） b", x=1.0, y=2.0, status="s")
    assert kept.startswith("列（a） b 中的 (1.0, 2.0)")
    either = i18n.Joined([i18n.CRSName("EPSG:32650"), i18n.CRSName("EPSG:4548"), "x"], "or")
    assert either.text("zh") == (
        "EPSG:32650（WGS84 / UTM 北半球第 50 带）或 EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E）或 x"
    )
    assert either == "EPSG:32650 or EPSG:4548 or x"

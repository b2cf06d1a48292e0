"""The row statuses messages quote (a file job's summary, the map's notes on tracks), in Chinese under --lang zh
(with the status the file holds in brackets)."""

from __future__ import annotations

import json
import re
from html import unescape

import pandas as pd
import pytest
import shapely
from common import run_cli

from avzone import points, zonetime
from avzone.errors import InputError
from avzone.events import row_statuses, status_named
from avzone.i18n import error_text, in_chinese, written

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_locate_file_job_counts_each_status_in_chinese(tmp_path):
    src, out = tmp_path / "fixes.csv", tmp_path / "out.csv"
    src.write_text(
        "lon,lat,ts\n116.5,39.8,2024-01-01\nx,39.8,2024-01-01\n116.5,,2024-01-01\n116.5,39.8,nope\n", encoding="utf-8"
    )
    en = run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "ts")
    statuses = pd.read_csv(out, keep_default_na=False)["status"].tolist()
    bad = sorted({s for s in statuses if s != "ok"})
    assert len(bad) == 3
    zh = run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "ts", "--lang", "zh")
    assert en.returncode == zh.returncode == 0
    en_lines = [line for line in en.stderr.splitlines() if line.startswith("  1: ")]
    zh_lines = [line for line in zh.stderr.splitlines() if line.startswith("  1：")]
    assert sorted(line.removeprefix("  1: ") for line in en_lines) == bad  # English: the status as the file has it
    assert len(zh_lines) == 3
    for status in bad:
        line = next(line for line in zh_lines if line.endswith(f"（{status}）"))
        said = line.removeprefix("  1：").removesuffix(f"（{status}）")
        assert CJK.search(said) and not re.search(r"[A-Za-z]{3,}", said.replace("ISO", "")), line


# -- every status a row can have, as messages quote it ------------------------------------------------------------
#: Codes a Chinese wording may hold besides Chinese: standards, CRSs, units and options (no English words).
WORDS = re.compile(r"(?<![\w-])[A-Za-z][\w-]*")  # (a time's T in 2024-06-01T08:30:00 is none)
CODES = {
    "EPSG",
    "WGS84",
    "ISO",
    "UTC",
    "GPS",
    "NMEA",
    "GeoJSON",
    "Excel",
    "avzone",
    "km",
    "s",
    "ms",
    "us",
    "ns",
    "time_unit",
    "time-unit",
    "WKT",
    "WKB",
    "POINT",
    "SRID",
    *points.WKT_TYPE_CODES.values(),  # (WKT's own words for a geometry found where a POINT was expected: LINESTRING...)
}
#: Coordinate columns a file may have: lon and lat, names the readers find (x, 经度, Longitude), names they do not.
NAMES = [("lon", "lat"), ("x", "y"), ("Longitude", "Breite"), ("经度", "纬度"), ("col_a", "col_b")]


@pytest.mark.parametrize("names", NAMES)
def test_every_row_status_is_quoted_in_chinese_with_the_status_in_brackets(names):
    statuses = row_statuses(names)
    assert len(statuses) == len(set(statuses)) > 30 and "ok" not in statuses
    for status in statuses:
        assert written(status_named(status), "en") == status
        said = written(status_named(status), "zh")
        assert said.endswith(f"（{status}）"), said
        wording = said.removesuffix(f"（{status}）")
        for name in names:  # (a column's name is the file's: said as it is)
            wording = wording.replace(f"{name} 列", "列")
        assert in_chinese(wording), said
        assert set(WORDS.findall(wording)) <= CODES, said


def test_a_status_s_own_brackets_are_not_beside_the_status_s():
    """A status whose English holds brackets (its wording in Chinese too): one pair of brackets at the end, the
    status's; the wording's own after a comma ('（未使用）（duplicate fix: ... (not used)）' read as two)."""
    statuses = [s for s in row_statuses() if "(" in s]
    assert len(statuses) >= 9, statuses  # (duplicate and same-time fixes, the times, no position, degrees, ...)
    for status in statuses:
        said = written(status_named(status), "zh")
        assert "）（" not in said and said.endswith(f"（{status}）"), said
    said = {s: written(status_named(s), "zh").removesuffix(f"（{s}）") for s in statuses}
    assert said["duplicate fix: same vehicle, time and position as an earlier row (not used)"] == (
        "重复定位：车辆、时间和位置都与前面某行相同，未使用"
    )
    assert said[points.TIME_LABELS[points.TIME_INVALID]] == (
        "时间不是日期/时间，应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的时间按北京时间"
    )
    # (brackets inside the wording stay)
    assert said[points.TIME_LABELS[points.TIME_STRAY]].startswith("时间与该列其他时间相差太远")
    assert said[points.DEGREES_TEXT].endswith("按 WGS84 经纬度读（经度在前或纬度在前）则在区域之内")


@pytest.mark.parametrize("names", NAMES)
def test_a_coordinate_s_status_in_chinese_has_one_pair_of_brackets_the_status_s(names):
    """A coordinate in a column not named lon or lat is named by its column and axis in the wording itself (x 列的经度,
    x 列缺少经度), not in brackets of its own beside the status's ('缺少经度（x 列）（missing x）' read as two)."""
    labels = points.status_labels(names)
    coordinate_statuses = [labels[xc * 8 + yc] for xc in range(5) for yc in range(5) if xc or yc]
    assert len(set(coordinate_statuses)) == 24 and set(coordinate_statuses) <= set(row_statuses(names))
    for status in coordinate_statuses:
        said = written(status_named(status), "zh")
        assert said.count("（") == said.count("）") == 1 and said.endswith(f"（{status}）"), said
    for status in row_statuses(names):
        assert "）（" not in written(status_named(status), "zh"), status


def test_a_file_job_s_summary_says_each_coordinate_s_column_then_what_it_lacks(tmp_path):
    """A locate file job on columns named x and y, and on columns of no known axis (col_a, col_b: named alone)."""
    expected = {
        ("x", "y"): [
            "  1：x 列缺少经度（missing x）",
            "  1：y 列的纬度不是数字（y not a number）",
            "  1：x 列的经度不是有限的数；y 列的纬度超出范围 [-90, 90]（x not finite; y out of range [-90, 90]）",
        ],
        ("col_a", "col_b"): [
            "  1：col_a 列缺少值（missing col_a）",
            "  1：col_b 列的值不是数字（col_b not a number）",
            "  1：col_a 列的经度不是有限的数；col_b 列的纬度超出范围 [-90, 90]"
            "（col_a not finite; col_b out of range [-90, 90]）",
        ],
        ("经度", "纬度"): [  # (a column named by its axis's Chinese word is named once: not '经度 列的经度')
            "  1：缺少经度（missing 经度）",
            "  1：纬度不是数字（纬度 not a number）",
            "  1：经度不是有限的数；纬度超出范围 [-90, 90]（经度 not finite; 纬度 out of range [-90, 90]）",
        ],
    }
    for (lon, lat), lines in expected.items():
        src, out = tmp_path / f"{lon}.csv", tmp_path / f"{lon}_out.csv"
        src.write_text(f"{lon},{lat}\n116.5,39.8\n,39.8\n116.5,abc\ninf,95\n", encoding="utf-8")
        result = run_cli(
            "locate", "--input", str(src), "--output", str(out), "--lon-col", lon, "--lat-col", lat, "--lang", "zh"
        )
        assert result.returncode == 0, result.stderr
        assert sorted(line for line in result.stderr.splitlines() if line.startswith("  1：")) == sorted(lines)


def test_an_invalid_time_s_status_names_the_time_and_its_error_the_value():
    """The status of a row's time that is no date/time says 'time' in Chinese as in English; an error about a
    value says the value, then the same words without 'time'."""
    status = points.TIME_LABELS[points.TIME_INVALID]
    assert written(points.status_message(points.TIME_INVALID), "en") == status
    assert written(points.status_message(points.TIME_INVALID), "zh").startswith("时间不是日期/时间（应为 ISO 8601")
    with pytest.raises(InputError) as caught:
        zonetime.instant("nope")
    assert error_text(caught.value, "zh").startswith("'nope'：不是日期/时间（应为 ISO 8601")


@pytest.mark.parametrize("names", NAMES)
def test_each_point_status_is_worded_alike_for_one_point_and_in_a_file_job_s_summary(names):
    """Every status of points.status_labels, its columns named or not by an axis's name (col_b, Breite): the
    one-point wording (points.status_message) is the summary's (events.status_named) before the status in brackets,
    its own last brackets after a comma there."""
    labels = points.status_labels(names)
    assert len(labels) > 30
    for code, label in labels.items():
        if code == points.OK:
            continue
        one = points.status_message(code, names)
        assert written(one, "en") == label, code
        one_zh = written(one, "zh")
        assert in_chinese(one_zh.replace(f"{names[0]} 列", "列").replace(f"{names[1]} 列", "列")), one_zh
        said = written(status_named(label), "zh").removesuffix(f"（{label}）")
        assert said in (one_zh, re.sub(r"（([^（）]*)）$", r"，\1", one_zh)), (one_zh, said)


def test_one_point_s_error_and_a_locate_file_job_word_each_status_alike(model, tmp_path):
    """Each status one point given as two values can have (every pair of reasons, from points.status_labels) and
    as a geometry: model.locate's error quotes the same Chinese wording as a locate file job's summary."""
    given = {  # (a lon, a lat) for each reason
        points.OK: ("116.4", "39.9"),
        points.MISSING: ("", ""),
        points.NOT_A_NUMBER: ("abc", "abc"),
        points.NOT_FINITE: ("inf", "inf"),
        points.OUT_OF_RANGE: ("500", "95"),
    }
    codes = [code for code in points.status_labels() if code != points.OK and code < 64]
    assert len(codes) == 24
    rows, wordings = [], {}
    for code in codes:
        lon, lat = given[code // 8][0], given[code % 8][1]
        with pytest.raises(InputError) as caught:
            model.locate(lon, lat)
        wordings[code] = written(points.status_message(code), "zh")
        assert error_text(caught.value, "zh").endswith(f"（{wordings[code]}）"), code
        rows.append(f"{lon},{lat}")
    geometries = {points.NO_POINT_GEOMETRY: shapely.Point(), points.NOT_A_POINT: shapely.LineString([(0, 0), (1, 1)])}
    for code, geometry in geometries.items():
        with pytest.raises(InputError) as caught:
            model.locate(geometry)
        wordings[code] = written(points.status_message(code), "zh")
        assert error_text(caught.value, "zh").endswith(f"（{wordings[code]}）"), code
    assert wordings[points.NOT_A_POINT] == "几何不是点"
    src, out = tmp_path / "points.csv", tmp_path / "out.csv"
    src.write_text("lon,lat\n" + "\n".join(rows) + "\n", encoding="utf-8")
    features = [{"type": "Feature", "properties": {}, "geometry": json.loads(shapely.to_geojson(g))} for g in
                geometries.values()]  # fmt: skip
    features[0]["geometry"] = None  # (an empty point's GeoJSON: no geometry)
    geojson, geojson_out = tmp_path / "points.geojson", tmp_path / "out.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    labels = points.status_labels()
    summary = []
    for path, written_to in ((src, out), (geojson, geojson_out)):
        result = run_cli("locate", "--input", str(path), "--output", str(written_to), "--lang", "zh")
        assert result.returncode == 0, result.stderr
        summary += [line for line in result.stderr.splitlines() if line.startswith("  1：")]
    assert sorted(summary) == sorted(f"  1：{wordings[code]}（{labels[code]}）" for code in wordings)


def test_the_statuses_enumerated_are_those_the_code_gives(model, tmp_path):
    """Rows of many kinds through events and a locate file job: every status given is one row_statuses names."""
    frame = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "a", None, "b", "c", "c", "d", "d", "e", "f", "g"],
            "ts": [
                "2024-07-01 08:00", "2024-07-01 08:10", "2024-07-01 08:10", "2024-07-01 08:10", "2024-07-01 08:00",
                "2024-07-01 08:00", "", "nope", "2024-07-01 08:00", "2024-07-01 08:05", "2024-07-01 08:00",
                "2024-07-01 08:00", "2024-07-01 08:00",
            ],
            "x": ["116.44", "116.46", "116.46", "116.47", "116.5", "116.5", "116.5", "116.5", "abc", "inf", "39.8",
                  "0", ""],
            "y": ["39.79", "39.79", "39.79", "39.79", "39.8", "39.8", "39.8", "39.8", "95", "39.8", "116.5", "0",
                  ""],
        }
    )  # fmt: skip
    # (model.events names the coordinates by the DataFrame's columns, as a file job names the file's)
    given = {"events": set(model.events(frame, id="vehicle", time="ts", lon="x", lat="y").rows["status"].astype(str))}
    src, out = tmp_path / "fixes.csv", tmp_path / "out.csv"
    frame.to_csv(src, index=False)
    assert run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "ts").returncode == 0
    given["locate"] = set(pd.read_csv(out, keep_default_na=False)["status"])
    for job, names in (("events", ("x", "y")), ("locate", ("x", "y"))):
        statuses = given[job] - {"ok"}
        assert len(statuses) >= 6, (job, statuses)
        assert statuses <= set(row_statuses(names)), (job, statuses - set(row_statuses(names)))


def test_an_events_file_job_counts_each_status_in_chinese(tmp_path):
    src, out = tmp_path / "fixes.csv", tmp_path / "events.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        ",2024-07-01 08:00,116.5,39.8\n"
        "a,2024-07-01 08:00,116.44,39.79\n"
        "a,2024-07-01 08:10,116.46,39.79\n"
        "a,2024-07-01 08:10,116.46,39.79\n"
        "b,2024-07-01 08:00,116.5,39.8\n",
        encoding="utf-8",
    )
    zh = run_cli("events", "--input", str(src), "--output", str(out), "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    lines = zh.stderr.splitlines()
    counted = lines[lines.index("3 行状态不是 ok：") + 1 : lines.index(f"事件已写入 {out}（utf-8）")]
    assert sorted(counted) == sorted(
        [
            "  1：缺少车辆编号（missing vehicle id）",
            "  1：重复定位：车辆、时间和位置都与前面某行相同，未使用"
            "（duplicate fix: same vehicle, time and position as an earlier row (not used)）",
            "  1：该车唯一可用的定位：构不成线段（the vehicle's only usable fix: no segment）",
        ]
    )


def test_the_map_s_notes_on_tracks_quote_each_status_as_the_summaries_do(tmp_path):
    """The legend's line of each status not in a track and stderr's: in Chinese, its wording with the status in
    brackets (the rows' status as avzone events --annotate writes it); in English the status alone."""
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,x,y\n"
        "1,2024-07-01 08:00,116.44,39.79\n"
        "1,2024-07-01 08:10,116.46,39.79\n"
        ",2024-07-01 08:00,116.5,39.8\n"
        "4,2024-07-01 08:00,abc,39.8\n"
        "4,2024-07-01 09:00,116.5,95\n",
        encoding="utf-8",
    )
    expected = {
        "en": [
            "missing vehicle id: 1 (row 2, on line 4 of the file)",
            "x not a number: 1 (row 3, on line 5 of the file)",
            "y out of range [-90, 90]: 1 (row 4, on line 6 of the file)",
        ],
        "zh": [
            "缺少车辆编号（missing vehicle id）：1 行（第 2 行，位于文件第 4 行）",
            "x 列的经度不是数字（x not a number）：1 行（第 3 行，位于文件第 5 行）",
            "y 列的纬度超出范围 [-90, 90]（y out of range [-90, 90]）：1 行（第 4 行，位于文件第 6 行）",
        ],
    }
    stderr = {
        "en": "  1: missing vehicle id (row 2, on line 4 of the file)",
        "zh": "  1：缺少车辆编号（missing vehicle id），第 2 行，位于文件第 4 行",
    }
    for lang in ("en", "zh"):
        page = tmp_path / f"{lang}.html"
        args = ("map", "--track", str(src), "--lon-col", "x", "--lat-col", "y", "--tiles", "none", "--no-base")
        result = run_cli(*args, "-o", str(page), "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert stderr[lang] in result.stderr.splitlines()
        page_text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page.read_text("utf-8"))
        listed = re.search(r'<ul class="avzone-foot-list">(.*?)</ul>', unescape(page_text).replace('\\"', '"'))
        assert listed is not None, lang
        assert sorted(re.findall(r"<li>(.*?)</li>", listed.group(1))) == sorted(expected[lang])

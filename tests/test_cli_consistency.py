"""The commands agree with one another: one JSON vocabulary, one rule for output folders, limits and columns."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from common import refused, run_cli


def ok(*args: str) -> str:
    """``avzone ARGS`` asserting exit 0; its stdout."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def points_csv(tmp_path: Path) -> Path:
    """Two usable points, and three rows that cannot be placed (a text lon, no coordinates, lon 200)."""
    src = tmp_path / "points.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        "a,2024-05-01 08:00:00,116.3975,39.9087\n"
        "a,2024-05-01 08:01:00,116.50,39.79\n"
        "a,2024-05-01 08:02:00,abc,39.80\n"
        "b,2024-05-01 08:03:00,,\n"
        "b,2024-05-01 08:04:00,200,39.90\n",
        encoding="utf-8",
    )
    return src


# -- one JSON vocabulary for the file jobs' rows that are not ok ---------------------------------------------
def test_locate_and_events_json_count_the_rows_not_ok_under_the_same_keys(tmp_path, points_csv):
    """``rows_not_ok`` and ``rows_by_status``: the rows whose status column is not ``ok``, in both commands."""
    located = json.loads(ok("locate", "--input", str(points_csv), "--output", str(tmp_path / "l.csv"), "--json"))
    events = json.loads(ok("events", "--input", str(points_csv), "--output", str(tmp_path / "e.csv"), "--json"))
    statuses = pd.read_csv(tmp_path / "l.csv", dtype=str)["status"].tolist()
    not_ok = [s for s in statuses if s != "ok"]
    assert located["rows_not_ok"] == len(not_ok) == 3
    assert located["rows_by_status"] == {s: not_ok.count(s) for s in not_ok}
    # kept for scripts written before: the same numbers under locate's former names
    assert located["rejected"] == located["rows_not_ok"]
    assert located["rejected_by_reason"] == located["rows_by_status"]
    assert located["classified"] == located["rows"] - located["rows_not_ok"]
    assert events["rows_not_ok"] == sum(events["rows_by_status"].values())
    assert {"lon not a number", "missing lon; missing lat"} <= set(events["rows_by_status"])
    assert {"rows", "rows_not_ok", "rows_by_status"} <= set(located) & set(events)


# -- one column, one role ----------------------------------------------------------------------------------------
def _both(stderr: str, column: str, option: str, other: str) -> bool:
    """The error names the column and both options that gave it (in either order)."""
    named = f"column '{column}' is both"
    return named in stderr and option in stderr and other in stderr


FOUND = "found by its name"  # (a lon or lat column not given: no option named it)


@pytest.mark.parametrize(
    ("command", "options", "column", "named"),
    [
        ("events", ["--id-col", "lon"], "lon", ("--id-col", FOUND)),
        ("events", ["--time-col", "lat"], "lat", ("--time-col", FOUND)),
        ("events", ["--id-col", "ts"], "ts", ("--id-col", "--time-col")),
        ("events", ["--lon-col", "vehicle"], "vehicle", ("--id-col", "--lon-col")),
        ("events", ["--engine", "dask", "--id-col", "lat"], "lat", ("--id-col", FOUND)),
        ("events", ["--engine", "dask", "--id-col", "lat", "--lat-col", "lat"], "lat", ("--id-col", "--lat-col")),
        ("locate", ["--time-col", "lon"], "lon", ("--time-col", FOUND)),
        ("locate", ["--time-col", "ts", "--lat-col", "ts"], "ts", ("--time-col", "--lat-col")),
        ("locate", ["--engine", "dask", "--time-col", "lat"], "lat", ("--time-col", FOUND)),
        ("map", ["--id-col", "lon"], "lon", ("--id-col", FOUND)),
        ("map", ["--time-col", "lat"], "lat", ("--time-col", FOUND)),
    ],
)
def test_one_column_in_two_roles_is_refused_naming_both_options(tmp_path, points_csv, command, options, column, named):
    """An id or time column that is the lon or lat column (or each other) would give answers that look like data.
    A lon or lat column found by its name is said to be, not named by an option nobody gave."""
    src = points_csv
    if "dask" in options:  # (the dask engine reads Parquet)
        src = tmp_path / "points.parquet"
        pd.read_csv(points_csv, dtype=str).to_parquet(src)
    out = tmp_path / ("out" if "dask" in options else "out.csv")
    if command == "map":
        args = ["map", "--track", str(src), "-o", str(tmp_path / "map.html"), *options]
        out = tmp_path / "map.html"
    else:
        args = [command, "--input", str(src), "--output", str(out), *options]
    err = refused(*args)
    assert _both(err, column, *named), err
    assert named[1] != FOUND or ("--lon-col" not in err and "--lat-col" not in err), err
    assert str(src.name) in err and not out.exists()
    zh = refused(*args, "--lang", "zh")
    zh_named = [n if n != FOUND else "（按列名识别）" for n in named]
    assert f"列 '{column}' 既是" in zh and zh_named[0] in zh and zh_named[1] in zh, zh


@pytest.mark.parametrize(
    ("options", "column", "named"),
    [
        ({"id": "lon"}, "lon", ("id=", FOUND)),
        ({"time": "lat"}, "lat", ("time=", FOUND)),
        ({"id": "lat", "lat": "lat"}, "lat", ("id=", "lat=")),
        ({"lon": "lat"}, "lat", ("lon=", "lat=")),
        ({"id": "ts"}, "ts", ("id=", "time=")),
    ],
)
def test_library_events_and_tracks_refuse_one_column_in_two_roles(model, points_csv, options, column, named):
    """``model.events(df, id="lon")`` is a ValueError naming both arguments (or saying the lon column was found by
    its name); so are a map's tracks."""
    from avzone.maps import split_tracks

    fixes = pd.read_csv(points_csv)
    for run in (model.events, lambda df, **kw: split_tracks(model, df, **kw)):
        with pytest.raises(ValueError, match=f"column '{column}' is both") as caught:
            run(fixes, **options)
        assert named[0] in str(caught.value) and named[1] in str(caught.value)
        assert named[1] != FOUND or ("lon=" not in str(caught.value) and "lat=" not in str(caught.value))


# -- errors that name the option, and say what to try ---------------------------------------------------------
def test_export_of_an_unknown_layer_names_layer(tmp_path):
    for lang, named in (("en", "--layer 'nope': no such layer"), ("zh", "--layer 'nope'：数据集")):
        err = refused("export", "--layer", "nope", "-o", str(tmp_path / "x.geojson"), "--lang", lang)
        listed = "core, current, planned, outlook" if lang == "en" else "core、current、planned、outlook"
        assert named in err and listed in err, err
    assert not (tmp_path / "x.geojson").exists()


@pytest.mark.parametrize(
    ("point", "crs", "swapped"),
    [(("39.9", "116.4"), [], "116.4 39.9"), (("4825000", "12958000"), ["--crs", "EPSG:3857"], "12958000.0 4825000.0")],
)
def test_map_locate_swapped_says_what_to_try_as_locate_does(tmp_path, point, crs, swapped):
    """``map --locate LAT LON`` suggests ``--locate LON LAT``, as ``avzone locate LAT LON`` suggests its own command."""
    located = refused("locate", *point, *crs)
    assert f"try: avzone locate {swapped}" in located
    err = refused("map", "--locate", *point, *crs, "-o", str(tmp_path / "map.html"))
    assert err.splitlines()[0] == located.splitlines()[0]
    assert err.splitlines()[1].strip() == f"try: --locate {swapped}"
    zh = refused("map", "--locate", *point, *crs, "-o", str(tmp_path / "m.html"), "--lang", "zh").splitlines()
    assert zh[0] == refused("locate", *point, *crs, "--lang", "zh").splitlines()[0] and "在其中" in zh[0]
    assert zh[1].strip() == f"试试：--locate {swapped}"
    assert not (tmp_path / "map.html").exists()


# -- output folders: refused when missing, but the one demo --out names -------------------------------------------
def test_demo_creates_the_folder_it_is_given_in_a_folder_that_exists(tmp_path):
    """``demo --out DIR`` names the folder it fills (default ``out``): made when missing, its parent must exist."""
    out = tmp_path / "new"
    ok("demo", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["growth.png", "map-offline.html", "map.html"]
    result = run_cli("demo", "--out", str(tmp_path / "no-such" / "new"))
    assert result.returncode == 2 and result.stdout == ""  # (refused before the report is printed)
    assert "the folder" in result.stderr and not (tmp_path / "no-such").exists()


def test_demo_refuses_an_out_that_is_a_file_before_any_work(tmp_path):
    """``demo --out FILE`` (a file of that name exists) is refused before the report is printed, in the language
    asked, and the file is left as it was; ``make_folder`` (also the library's) says the same."""
    from avzone._atomic import make_folder
    from avzone.errors import InputError

    out = tmp_path / "taken"
    out.write_text("mine", encoding="utf-8")
    for lang, said in (("en", "is a file, not a folder"), ("zh", "是一个文件，不是文件夹")):
        result = run_cli("demo", "--out", str(out), "--lang", lang)
        assert result.returncode == 2 and result.stdout == "", result.stdout[:200]
        assert f"{out}" in result.stderr and said in result.stderr and "Traceback" not in result.stderr
        assert "File exists" not in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    with pytest.raises(InputError, match="is a file, not a folder"):
        make_folder(out)


# -- the map's count limits: one rule --------------------------------------------------------------------------
@pytest.fixture
def drive_csv(tmp_path: Path) -> Path:
    """Two vehicles' fixes across the current zone's edge, and three points."""
    src = tmp_path / "drive.csv"
    rows = ["vehicle,ts,lon,lat"]
    for v in ("a", "b"):
        rows += [f"{v},2024-05-01 08:{m:02d}:00,{116.40 + 0.02 * m:.2f},39.79" for m in range(8)]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return src


@pytest.mark.parametrize("option", ["--max-points", "--max-track-vertices", "--max-track-markers"])
def test_the_map_limits_refuse_0_and_take_all_for_no_limit(tmp_path, drive_csv, option):
    """0 drew no point (--max-points), every fix (--max-track-vertices) or was refused (--max-track-markers):
    each now takes a positive whole number or 'all', and refuses 0 with the same words."""
    source = ["--points", str(drive_csv)] if option == "--max-points" else ["--track", str(drive_csv)]
    out = tmp_path / "map.html"
    err = refused("map", *source, option, "0", "-o", str(out))
    assert f"argument {option}: must be a positive whole number or 'all' (no limit), got 0" in err
    assert "必须是正整数或 'all'（不限），收到的是 0" in refused(
        "map", *source, option, "0", "-o", str(out), "--lang", "zh"
    )
    assert not out.exists()
    ok("map", *source, option, "all", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    if option == "--max-points":
        assert "showing all 16 points" in page
    ok("map", *source, option, "1", "-o", str(out))
    assert out.read_text(encoding="utf-8") != page  # (a limit of 1 is not 'all')


def test_the_map_help_states_the_rule_of_its_limits():
    text = run_cli("map", "--help").stdout
    flat = " ".join(text.split())
    assert "--max-points, --max-track-vertices and --max-track-markers take a positive whole number, or all" in flat
    assert "0 draws every fix" not in flat


# -- the options refused where they would have no effect: every one named where the refusals are told -----------
def _epilog(command: str, lang: str) -> str:
    """``avzone COMMAND --help``'s closing text in ``lang``, unwrapped."""
    import argparse

    from avzone.cli import build_parser

    parser = build_parser(lang)
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return subs.choices[command].epilog or ""


def _readme_refusals(name: str) -> str:
    """The README's paragraph that lists the options refused where they would have no effect."""
    text = (Path(__file__).resolve().parents[1] / name).read_text(encoding="utf-8")
    start = text.index("No option is silently ignored" if name == "README.md" else "任何选项都不会被悄悄忽略")
    return text[start:].split("\n\n")[0]


def _refused_groups() -> list[tuple[str, dict[str, str], tuple[str, ...]]]:
    """(command, the start of the help sentence listing the group in each language, the options refused)."""
    from avzone.cli import LOCATE_FILE_OPTIONS, MAP_FILE_OPTIONS, MAP_TRACK_OPTIONS

    one_point = {"en": "One point refuses", "zh": "单点查询时拒绝"}
    map_parts = {"en": "An option for a part the map does not draw", "zh": "用于地图未画部分的选项会被拒绝"}
    return [
        ("locate", one_point, (*LOCATE_FILE_OPTIONS, "--time-col", "--time-unit")),
        ("map", map_parts, MAP_TRACK_OPTIONS),
        ("map", map_parts, MAP_FILE_OPTIONS),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_and_readme_name_every_option_refused_where_it_has_no_effect(lang):
    """The lists in ``locate --help``, ``map --help`` and the README (both languages) are the lists the command
    refuses: an option added to one of them in the code fails here until it is documented."""
    readme = _readme_refusals("README.md" if lang == "en" else "README.zh-CN.md")
    for command, start, options in _refused_groups():
        epilog = _epilog(command, lang)
        told = epilog[epilog.index(start[lang]) :].split(". " if lang == "en" else "。")[0]
        assert [o for o in options if o not in told] == [], (command, told)
        assert [o for o in options if f"`{o}`" not in readme] == [], command
    engine = ("--scheduler", "--partition-size", "--threads", "--chunk-rows", "--input-format", "--annotate")
    assert [o for o in engine if f"`{o}`" not in readme] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["events", "map"])
def test_input_format_help_names_every_option_tdrive_refuses(command, lang):
    """``--input-format``'s help names each option T-Drive's fixed columns make moot (``TDRIVE_IMPLIED_OPTIONS``)."""
    import argparse

    from avzone.cli import TDRIVE_IMPLIED_OPTIONS, build_parser

    subs = next(a for a in build_parser(lang)._actions if isinstance(a, argparse._SubParsersAction))
    told = next(a.help for a in subs.choices[command]._actions if "--input-format" in a.option_strings)
    assert [o for o in TDRIVE_IMPLIED_OPTIONS if o not in (told or "")] == [], told
    if command == "events":  # and so does the README's T-Drive section
        readme = (Path(__file__).resolve().parents[1] / ("README.md" if lang == "en" else "README.zh-CN.md")).read_text(
            encoding="utf-8"
        )
        start = readme.index("The columns are implied" if lang == "en" else "各列是固定的")
        said = readme[start:].split(". " if lang == "en" else "。")[0]
        assert [o for o in TDRIVE_IMPLIED_OPTIONS if f"`{o}`" not in said] == [], said


# -- the defaults --help prints are the parser's --------------------------------------------------------------
def _default_shown(value: object) -> list[str]:
    """How a default may be written in a help text: as is, grouped (1,000,000), a whole float without its .0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [str(value), f"{value:,}"] if isinstance(value, int) else [str(value)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_default_is_the_one_the_help_prints(lang):
    """Each option with a default of its own (not None or off) names that default in its help, in both
    languages: a default changed in the code but not in the help fails here."""
    import argparse

    from avzone.cli import build_parser

    word = "default" if lang == "en" else "默认"
    subs = next(a for a in build_parser(lang)._actions if isinstance(a, argparse._SubParsersAction))
    checked = []
    for command, parser in subs.choices.items():
        for action in parser._actions:
            if not action.option_strings or action.default in (None, False, argparse.SUPPRESS):
                continue
            said = action.help or ""
            shown = _default_shown(action.default)
            at = said.find(word)
            near = said[max(0, at - 40) : at + 60] if at >= 0 else ""  # (local (streaming, default); 默认 1)
            assert any(s in near for s in shown), (command, action.option_strings, said)
            checked.append((command, max(action.option_strings, key=len)))
    assert ("serve", "--max-body-bytes") in checked and ("map", "--max-gap-s") in checked and len(checked) > 15


@pytest.mark.parametrize(
    ("lang", "said"), [("en", ("local engine", "else utf-8")), ("zh", ("本地引擎", "否则为 utf-8"))]
)
def test_output_encoding_help_says_the_same_in_every_command(lang, said):
    """--output-encoding is refused with --engine dask and is utf-8 for a CSV output of a Parquet or GeoJSON input,
    in every command that has it: its help says both wherever it is."""
    import argparse

    from avzone.cli import build_parser

    subs = next(a for a in build_parser(lang)._actions if isinstance(a, argparse._SubParsersAction))
    helps = {
        command: a.help or ""
        for command, parser in subs.choices.items()
        for a in parser._actions
        if "--output-encoding" in a.option_strings
    }
    assert set(helps) == {"locate", "events"}
    assert {c: [s for s in said if s not in h] for c, h in helps.items()} == {c: [] for c in helps}

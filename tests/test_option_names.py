"""A message names an option as its caller gave it: ``--id-col`` to the command line, ``id_col=`` to Python, the
query parameter to the HTTP service (:class:`avzone.i18n.Option`); the same bad input through the library and
the command line, each told in its own words, in English and Chinese."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.errors import AvzoneError
from avzone.i18n import CRSName, Message, Option, error_text, options_named
from avzone.tracks import events_file

FIXES = "vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.50,39.79\na,2024-05-01 08:01:00,116.51,39.79\n"


@pytest.fixture
def fixes_csv(tmp_path: Path) -> Path:
    src = tmp_path / "fixes.csv"
    src.write_text(FIXES, encoding="utf-8")
    return src


def _csv(tmp_path: Path, text: str, name: str = "odd.csv") -> Path:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    return src


# (the job, its library options, its command line options, what the library's message says, what the command
# line's says); the input is fixes.csv unless the case writes its own (a header, epoch seconds)
CASES: dict[str, tuple[str, dict[str, Any], list[str], str, str]] = {
    "events id column": (
        "events",
        {"id_col": "nope"},
        ["--id-col", "nope"],
        "no vehicle id column 'nope'; the column 'vehicle' looks like it: name it with id_col='vehicle'",
        "no vehicle id column 'nope'; the column 'vehicle' looks like it: name it with --id-col vehicle",
    ),
    "events time column": (
        "events",
        {"time_col": "nope"},
        ["--time-col", "nope"],
        "no time column 'nope'; the column 'ts' looks like it: name it with time_col='ts'",
        "no time column 'nope'; the column 'ts' looks like it: name it with --time-col ts",
    ),
    "locate time column": (
        "locate",
        {"time_col": "nope"},
        ["--time-col", "nope"],
        "no time column 'nope'; the column 'ts' looks like it: name it with time_col='ts'",
        "no time column 'nope'; the column 'ts' looks like it: name it with --time-col ts",
    ),
    "lon column": (
        "locate",
        {"lon_col": "nope"},
        ["--lon-col", "nope"],
        "no column 'nope' (given by lon_col=)",
        "no column 'nope' (given by --lon-col)",
    ),
    "id column is the time column": (
        "events",
        {"id_col": "ts"},
        ["--id-col", "ts"],
        "column 'ts' is both the vehicle id column (id_col=) and the time column (time_col=)",
        "column 'ts' is both the vehicle id column (--id-col) and the time column (--time-col)",
    ),
    "lon column is the lat column": (
        "locate",
        {"lon_col": "lat"},
        ["--lon-col", "lat"],
        "lon_col= names it, and with no lat_col= given its name makes it the lat column too; name the lon column "
        "with lon_col= and the lat column with lat_col=",
        "--lon-col names it, and with no --lat-col given its name makes it the lat column too; name the lon column "
        "with --lon-col and the lat column with --lat-col",
    ),
    "encoding": (
        "events",
        {"encoding": "nope"},
        ["--encoding", "nope"],
        "encoding='nope': unknown text encoding",
        "--encoding 'nope': unknown text encoding",
    ),
    "output encoding": (
        "events",
        {"output_encoding": "nope"},
        ["--output-encoding", "nope"],
        "output_encoding='nope': unknown text encoding",
        "--output-encoding 'nope': unknown text encoding",
    ),
    "delimiter": (
        "locate",
        {"delimiter": "ab"},
        ["--delimiter", "ab"],
        "delimiter='ab': a delimiter is one character",
        "--delimiter 'ab': a delimiter is one character",
    ),
    "override without crs": (
        "locate",
        {"override_crs": True},
        ["--override-crs"],
        "override_crs=True needs crs=: the CRS to read the coordinates in",
        "--override-crs needs --crs: the CRS to read the coordinates in",
    ),
    "column named twice": (
        "events",
        {},
        [],
        "the header names column 'ts' 2 times (given by time_col=)",
        "the header names column 'ts' 2 times (given by --time-col)",
    ),
    "no lon column found": (
        "locate",
        {},
        [],
        "no column looks like the lon column; name it with lon_col=",
        "no column looks like the lon column; name it with --lon-col",
    ),
    "epoch seconds as milliseconds": (
        "events",
        {"time_unit": "ms"},
        ["--time-unit", "ms"],
        "give the unit s (time_unit='s')",
        "give the unit s (--time-unit s)",
    ),
    "crs member": (
        "locate",
        {},
        [],
        "names no CRS avzone can read (a 'name' or 'EPSG' member); give the coordinates' CRS with crs=",
        "names no CRS avzone can read (a 'name' or 'EPSG' member); give the coordinates' CRS with --crs",
    ),
}

#: A GeoJSON file whose 'crs' member names no CRS.
WEIRD_MEMBER = {
    "type": "FeatureCollection",
    "crs": {"type": "weird", "properties": {}},
    "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}, "properties": {}}],
}

#: The inputs of the cases that need one of their own.
INPUTS = {
    "column named twice": "vehicle,ts,lon,lat,ts\na,2024-05-01 08:00:00,116.50,39.79,x\n",
    "no lon column found": "vehicle,ts,east,lat\na,2024-05-01 08:00:00,116.50,39.79\n",
    "epoch seconds as milliseconds": "vehicle,ts,lon,lat\na,1714521600,116.50,39.79\na,1714521660,116.51,39.79\n",
}


def _refusals(model: Any, tmp_path: Path, fixes_csv: Path, case: str, lang: str = "en") -> tuple[str, str]:
    job, options, flags, _, _ = CASES[case]
    src = _csv(tmp_path, INPUTS[case]) if case in INPUTS else fixes_csv
    if case == "crs member":
        src = _csv(tmp_path, json.dumps(WEIRD_MEMBER), "weird.geojson")
    dst = tmp_path / "out.csv"
    run = events_file if job == "events" else locate_file
    with pytest.raises(AvzoneError) as info:
        run(model, src, dst, **options)
    cli = run_cli("--lang", lang, job, "--input", str(src), "--output", str(dst), *flags)
    assert cli.returncode == 2 and not dst.exists(), cli.stderr
    return error_text(info.value, lang), cli.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_the_library_and_the_command_line_each_name_the_option_they_were_given(model, tmp_path, fixes_csv, case):
    """A library caller was told of --id-col, --encoding, --override-crs... options of a command it never ran."""
    _, _, _, library, command_line = CASES[case]
    said, cli = _refusals(model, tmp_path, fixes_csv, case)
    assert library in said and "--" not in said, said
    assert command_line in cli, cli
    assert "_col=" not in cli and "encoding=" not in cli and "crs=" not in cli and "time_unit" not in cli, cli


@pytest.mark.parametrize(
    ("case", "library", "command_line"),
    [
        (
            "events id column",
            "没有车辆编号列 'nope'；列 'vehicle' 看来就是，用 id_col='vehicle' 指定",
            "没有车辆编号列 'nope'；列 'vehicle' 看来就是，用 --id-col vehicle 指定",
        ),
        ("encoding", "encoding='nope'：未知的文本编码", "--encoding 'nope'：未知的文本编码"),
        ("override without crs", "override_crs=True 需要同时给出 crs=", "--override-crs 需要同时给出 --crs"),
        ("epoch seconds as milliseconds", "请给出单位 s（time_unit='s'）", "请给出单位 s（--time-unit s）"),
    ],
)
def test_in_chinese_too(model, tmp_path, fixes_csv, case, library, command_line):
    said, cli = _refusals(model, tmp_path, fixes_csv, case, "zh")
    assert library in said, said
    assert command_line in cli, cli


def test_the_notes_of_a_file_job_name_crs_as_given(model, tmp_path):
    src = _csv(tmp_path, "vehicle,ts,lng_gcj02,lat_gcj02\na,2024-05-01 08:00:00,116.50,39.79\n")
    dst = tmp_path / "out.csv"
    notes = locate_file(model, src, dst, override_crs=True, crs="gcj02").notes
    assert any(n.startswith("override_crs=True overrode nothing: ") and "crs= gives" in n for n in notes), notes
    dst.unlink()
    notes = locate_file(model, src, dst).notes
    assert any("but no crs= was given" in n and "run again with crs='gcj02'" in n for n in notes), notes
    dst.unlink()
    cli = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert "but no --crs was given" in cli.stderr and "run again with --crs gcj02" in cli.stderr, cli.stderr
    dst.unlink()
    cli = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs", "--json")
    notes = json.loads(cli.stdout)["notes"]  # (the JSON's notes too, not only the text on stderr)
    assert any(n.startswith("--override-crs overrode nothing: ") and "--crs gives" in n for n in notes), notes


def test_dataframe_events_name_the_arguments_and_the_frame_crs_note_says_crs(model):
    fixes = pd.read_csv(pd.io.common.StringIO(FIXES))
    with pytest.raises(AvzoneError, match=r"vehicle id column \(id=\) and the time column \(time=\)"):
        model.events(fixes, id="ts")
    gcj = fixes.rename(columns={"lon": "lng_gcj02", "lat": "lat_gcj02"})
    notes = model.events(gcj).notes
    assert any("but no crs= was given" in n and "run again with crs='gcj02'" in n for n in notes), notes


def test_the_http_service_names_its_query_parameter(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    body = {"trajectories": [{"id": "a", "fixes": [[116.50, 39.79, 1714521600], [116.51, 39.79, 1714521660]]}]}
    with TestClient(create_app(model)) as client:
        r = client.post("/v1/events?time_unit=ms", content=json.dumps(body))
        member = client.post("/v1/locate", content=json.dumps(WEIRD_MEMBER))
    assert r.status_code == 422, r.text
    assert "give the unit s (time_unit=s)" in r.json()["detail"], r.text
    assert member.status_code == 422 and member.json()["detail"].endswith("the coordinates' CRS with crs"), member.text


def test_an_option_keeps_the_callers_style_when_written_again(model):
    with options_named("cli"):
        said = Message(
            "err_override_crs_alone",
            override=Option("override_crs", True),
            crs=Option("crs"),
            declarer=Message("crs_declarer_file"),
        )
    assert said.text("en") == said and said.text("zh").startswith("--override-crs 需要同时给出 --crs：")
    assert pickle.loads(pickle.dumps(said)).text("zh") == said.text("zh")
    assert Option("crs", CRSName("EPSG:3857")) == "crs='EPSG:3857'"  # (the code, in any language)
    with options_named("cli"):
        assert Option("crs", CRSName("EPSG:3857")).text("zh") == "--crs EPSG:3857（Web 墨卡托投影）"
    with pytest.raises(ValueError, match="style must be one of library, cli, http"):
        with options_named("python"):
            pass


def test_dask_workers_name_the_options_as_their_caller_gave_them(model, tmp_path, dask_scheduler):
    """A message made on a worker process (epoch seconds given as milliseconds) named --time-unit as Python does
    (``time_unit='s'``) to the command line: the worker had none of the caller's context."""
    from avzone.distributed import events_parquet_dask

    src = tmp_path / "seconds.parquet"
    frame = pd.DataFrame({"vehicle": ["a", "a"], "ts": [1714521600, 1714521660], "lon": [116.5, 116.51]})
    frame.assign(lat=39.79).to_parquet(src)
    with pytest.raises(AvzoneError, match=r"give the unit s \(time_unit='s'\)$"):
        events_parquet_dask(model, src, tmp_path / "lib", time_unit="ms", scheduler=dask_scheduler)
    argv = ["events", "--input", str(src), "--output", str(tmp_path / "cli"), "--time-unit", "ms"]
    cli = run_cli(*argv, "--engine", "dask", "--scheduler", dask_scheduler)
    assert cli.returncode == 2 and "give the unit s (--time-unit s)" in cli.stderr, cli.stderr


#: (the job, its input, the library's call's options, the command line's options, what the library's message says,
#: what the command line's says); each refused before any cluster starts
DASK_CASES: dict[str, tuple[str, str, dict[str, Any], list[str], str, str]] = {
    "locate a csv file": (
        "locate",
        "csv",
        {},
        [],
        "avzone.distributed.locate_parquet_dask() reads Parquet (a file or a folder of parts), not csv: use "
        "avzone.batch.locate_file(), which reads it",
        "avzone locate --engine dask reads Parquet (a file or a folder of parts), not csv: use "
        "avzone locate --engine local, which reads it",
    ),
    "events of a csv file": (
        "events",
        "csv",
        {},
        [],
        "avzone.distributed.events_parquet_dask() reads Parquet",
        "avzone events --engine dask reads Parquet",
    ),
    "an output named as a csv file": (
        "events",
        "parquet",
        {"dst": "out.csv"},
        [],
        "avzone.distributed.events_parquet_dask() writes a folder of Parquet parts, not a CSV file: name a folder "
        "(such as out/), or use avzone.tracks.events_file() for one CSV file",
        "avzone events --engine dask writes a folder of Parquet parts, not a CSV file: name a folder "
        "(such as out/), or use avzone events --engine local for one CSV file",
    ),
    "a summary url": (
        "events",
        "parquet",
        {"summary": "s3://bucket/summary.csv"},
        ["--summary", "s3://bucket/summary.csv"],
        "give a local path (dst= may be a URL)",
        "give a local path (--output may be a URL)",
    ),
}


@pytest.mark.parametrize("case", list(DASK_CASES))
def test_the_dask_jobs_name_themselves_and_the_local_job_as_their_caller_runs_them(model, tmp_path, case):
    """Python's callers of locate_parquet_dask / events_parquet_dask were told to "run without --engine dask", to
    "use the local engine (--engine local)", that "--output may be a URL": options of a command they never ran."""
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    job, kind, options, flags, library, command_line = DASK_CASES[case]
    src = tmp_path / f"fixes.{kind}"
    if kind == "parquet":
        pd.read_csv(pd.io.common.StringIO(FIXES)).to_parquet(src)
    else:
        src.write_text(FIXES, encoding="utf-8")
    dst = str(tmp_path / options.pop("dst", "out"))
    run = events_parquet_dask if job == "events" else locate_parquet_dask
    with pytest.raises(AvzoneError) as info:
        run(model, src, dst, **options)
    said = str(info.value).replace(str(tmp_path) + "/", "")
    assert library in said and "--" not in said, said
    cli = run_cli(job, "--engine", "dask", "--input", str(src), "--output", dst, *flags)
    assert cli.returncode == 2, cli.stderr
    assert command_line in cli.stderr.replace(str(tmp_path) + "/", ""), cli.stderr
    assert "()" not in cli.stderr and "dst=" not in cli.stderr, cli.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_a_folder_given_a_job_of_one_file_names_the_jobs_reading_folders_as_their_caller_runs_them(tmp_path):
    # (locate and events read a folder of Parquet parts: a job reading one file names them, as Python or the
    # command line runs them)
    from avzone.batch import read_points

    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.csv").write_text(FIXES, encoding="utf-8")
    with pytest.raises(AvzoneError) as info:
        read_points(tmp_path / "parts")
    assert str(info.value).endswith(
        "; a folder of Parquet parts is read as one input by avzone.batch.locate_file() and "
        "avzone.tracks.events_file() (and by their dask engine)"
    ), info.value
    cli = run_cli("--lang", "zh", "map", "--points", str(tmp_path / "parts"), "-o", str(tmp_path / "m.html"))
    assert cli.returncode == 2, cli.stderr
    said = "可作为一个输入由 avzone locate --engine local 或 avzone events --engine local 读取（其 dask 引擎也可以）"
    assert said in cli.stderr, cli.stderr


@pytest.mark.parametrize(
    "entry", ["locate", "classify", "locate_many", "events", "export", "locate_file", "events_file"]
)
def test_an_unknown_crs_names_crs_as_its_caller_gave_it(model, tmp_path, fixes_csv, entry):
    """The command line said "--crs: unknown coordinate reference system 'nope'", Python only "unknown coordinate
    reference system 'nope'", naming no argument."""
    fixes = pd.read_csv(fixes_csv)
    call = {
        "locate": lambda: model.locate(116.5, 39.79, crs="nope"),
        "classify": lambda: model.classify(fixes.lon, fixes.lat, crs="nope"),
        "locate_many": lambda: model.locate_many([116.5], [39.79], crs="nope"),
        "events": lambda: model.events(fixes, crs="nope"),
        "export": lambda: model.export("current", tmp_path / "zone.geojson", crs="nope"),
        "locate_file": lambda: locate_file(model, fixes_csv, tmp_path / "out.csv", crs="nope"),
        "events_file": lambda: events_file(model, fixes_csv, tmp_path / "out.csv", crs="nope"),
    }[entry]
    with pytest.raises(AvzoneError) as info:
        call()
    assert str(info.value).startswith("crs=: unknown coordinate reference system 'nope': give an EPSG code"), info.value
    assert error_text(info.value, "zh").startswith("crs=：未知的坐标参考系 'nope'："), error_text(info.value, "zh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


def test_an_unknown_crs_on_the_command_line_names_crs_as_an_option(tmp_path, fixes_csv):
    cli = run_cli("locate", "--input", str(fixes_csv), "--output", str(tmp_path / "out.csv"), "--crs", "nope")
    assert cli.returncode == 2 and "avzone: error: --crs: unknown coordinate reference system 'nope'" in cli.stderr
    assert "crs=" not in cli.stderr, cli.stderr


@pytest.mark.parametrize(
    ("options", "flags", "library", "command_line"),
    [
        (
            {"max_track_markers": 0},
            ["--max-track-markers", "0"],
            "max_track_markers= must be a positive whole number, or None for no limit, got 0",
            "argument --max-track-markers: must be a positive whole number or 'all'",
        ),
        (
            {"max_points": -1},
            ["--max-points", "-1"],
            "max_points= must be a positive whole number, or None for no limit, got -1",
            "argument --max-points: must be a positive whole number or 'all'",
        ),
        (
            {"zone": "moon"},
            ["--track-zone", "moon"],
            "zone='moon': zone layers are core, current",
            "--track-zone 'moon': zone layers are core, current",
        ),
    ],
)
def test_the_map_names_its_options_as_their_caller_gave_them(
    model, tmp_path, fixes_csv, options, flags, library, command_line
):
    """make_map(max_points=0) was told "max_points must be ...", naming no argument as Python writes it;
    split_tracks(zone='moon') only "'moon' is not a zone layer" while the command line named --track-zone."""
    from avzone import maps

    fixes = pd.read_csv(fixes_csv)
    with pytest.raises(AvzoneError) as info:
        if "zone" in options:
            maps.split_tracks(model, fixes, id="vehicle", time="ts", **options)
        else:
            maps.make_map(model, points=fixes, tracks=fixes, **options)
    assert str(info.value).startswith(library) and "--" not in str(info.value), info.value
    cli = run_cli(
        "map", "--track", str(fixes_csv), "--points", str(fixes_csv), "--output", str(tmp_path / "m.html"), *flags
    )
    assert cli.returncode == 2 and command_line in cli.stderr, cli.stderr
    assert "=" not in cli.stderr.replace("--", ""), cli.stderr


#: (the service's query, its body's 'crs' member or None, what the answer says; the same messages as a file job's,
#: naming the service's parameters and the body's member)
SERVICE_CRS = [
    (
        "override_crs=true",
        None,
        "override_crs=true needs crs: the CRS to read the coordinates in instead of the one the body's 'crs' member "
        "declares",
    ),
    (
        "crs=gcj02&override_crs=true",
        None,
        "override_crs=true overrode nothing: the body declares no CRS for its points (it has no 'crs' member), so "
        "they were read in gcj02, the CRS crs gives, as they are without override_crs=true",
    ),
    (
        "crs=gcj02&override_crs=true",
        "gcj02",
        "override_crs=true overrode nothing: the body's 'crs' member declares gcj02, the same CRS as crs gives (gcj02)",
    ),
    (
        "crs=gcj02&override_crs=true",
        "EPSG:3857",
        "override_crs=true: the geometries were read in gcj02, not in the CRS the body's 'crs' member declares "
        "(EPSG:3857)",
    ),
    ("crs=gcj02", "weird:1", "crs=gcj02 given: the body's 'crs' member (WEIRD:1) was not used"),
]


@pytest.mark.parametrize(("query", "member", "said"), SERVICE_CRS)
def test_the_service_says_a_file_jobs_crs_override_messages_naming_its_parameters(model, query, member, said):
    """The service kept copies of the file jobs' messages on crs and override_crs, worded apart from them; they are
    the same messages now, naming override_crs=true and crs as the service takes them."""
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    doc: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    if member is not None:
        doc["crs"] = {"type": "name", "properties": {"name": member}}
    with TestClient(create_app(model)) as client:
        r = client.post(f"/v1/locate?{query}", content=json.dumps(doc))
    answer = r.json()
    assert [said] == answer.get("notes", [answer.get("detail")]), r.text
    assert "--" not in r.text and "crs=True" not in r.text and "crs=:" not in r.text, r.text


def test_a_file_jobs_crs_override_messages_name_the_file(model, tmp_path):
    with options_named("cli"):
        said = Message(
            "note_override_crs_same",
            override=Option("override_crs", True),
            crs_option=Option("crs"),
            crs="gcj02",
            declared="gcj02",
            declarer=Message("crs_declarer_file"),
        )
    assert said == "--override-crs overrode nothing: the file declares gcj02, the same CRS as --crs gives (gcj02)"
    assert said.text("zh") == "--override-crs 没有覆盖任何坐标系：文件声明的 gcj02 与 --crs 给出的 gcj02 是同一坐标系"

"""The library, the command line and the HTTP service keep one rule for the same input: output folders, the map's
limits, CRS text and its errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from common import run_cli

from avzone.errors import InputError


def no_folder(target: Path) -> str:
    """The one error of an output in a folder that does not exist (as every command says it)."""
    return f"{target}: the folder {target.parent} does not exist; create it first or write elsewhere"


@pytest.fixture
def fixes_csv(tmp_path: Path) -> Path:
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.3975,39.9087\na,2024-05-01 08:01:00,116.50,39.79\n",
        encoding="utf-8",
    )
    return src


# -- one rule for output folders ------------------------------------------------------------------------------
def _writers(model, fixes_csv):
    from avzone.batch import locate_file
    from avzone.export import export_layer
    from avzone.fleet import write_tdrive
    from avzone.growth import growth_chart
    from avzone.maps import save_map
    from avzone.tracks import events_file

    fleet = pd.DataFrame({"vehicle": ["a"], "ts": ["2024-05-01 08:00:00"], "lon": [116.4], "lat": [39.9]})
    return {
        "save_map": (lambda p: save_map(model, p, tiles="none"), "map.html"),
        "growth_chart": (lambda p: growth_chart(model, p), "growth.png"),
        "export_layer": (lambda p: export_layer(model, "core", p), "core.geojson"),
        "locate_file": (lambda p: locate_file(model, fixes_csv, p), "located.csv"),
        "events_file": (lambda p: events_file(model, fixes_csv, p), "events.csv"),
        "write_tdrive": (lambda p: write_tdrive(fleet, p), "taxis"),  # (a folder of files: made, its parent not)
    }


@pytest.mark.parametrize(
    "writer", ["save_map", "growth_chart", "export_layer", "locate_file", "events_file", "write_tdrive"]
)
def test_every_library_writer_refuses_a_missing_folder_as_the_command_line_does(model, tmp_path, fixes_csv, writer):
    """save_map, growth_chart and write_tdrive made the missing folders (a typo in a folder's name made a new
    tree of folders) while ``avzone map -o`` and ``growth --chart`` refuse them: one rule, one message."""
    write, name = _writers(model, fixes_csv)[writer]
    target = tmp_path / "no-such-folder" / name
    with pytest.raises(InputError) as info:
        write(target)
    assert str(info.value) == no_folder(target)
    assert not target.parent.exists()
    target.parent.mkdir()
    write(target)
    assert target.exists()


@pytest.mark.parametrize("command", ["map", "growth"])
def test_the_command_line_and_the_library_refuse_a_missing_folder_in_the_same_words(
    model, tmp_path, fixes_csv, command
):
    writer, option, name = {"map": ("save_map", "-o", "m.html"), "growth": ("growth_chart", "--chart", "g.png")}[
        command
    ]
    target = tmp_path / "typo" / name
    cli = run_cli(command, option, str(target))
    with pytest.raises(InputError) as info:
        _writers(model, fixes_csv)[writer][0](target)
    assert cli.returncode == 2 and cli.stderr == f"avzone: error: {info.value}\n"


# -- the map's limits: a positive whole number, or no limit ---------------------------------------------------
@pytest.mark.parametrize("name", ["max_points", "max_track_vertices", "max_track_markers"])
@pytest.mark.parametrize("bad", [0, -3, True, 2.5, "10"])
def test_make_map_refuses_a_limit_the_command_line_refuses(model, name, bad):
    """``make_map(max_points=0)`` drew no point and said nothing, while ``avzone map --max-points 0`` is refused
    (a positive whole number or ``all``); ``max_track_vertices=True`` was taken as 1. One rule: a positive whole
    number or None, the error naming the argument and what it takes."""
    from avzone.maps import make_map

    with pytest.raises(ValueError) as info:
        make_map(model, tiles="none", **{name: bad})
    assert str(info.value) == f"{name}= must be a positive whole number, or None for no limit, got {bad!r}"


def test_make_map_max_points_none_draws_every_point_as_all_does(model, tmp_path):
    import numpy as np

    from avzone.maps import make_map

    rng = np.random.default_rng(1)
    points = pd.DataFrame({"lon": rng.uniform(116.3, 116.6, 40), "lat": rng.uniform(39.7, 40.0, 40)})
    every = make_map(model, tiles="none", points=points, max_points=None).get_root().render()
    sample = make_map(model, tiles="none", points=points, max_points=np.int64(7)).get_root().render()
    assert "showing all 40 points" in every and "showing 7 of 40 points, sampled at random" in sample


# -- --crs: its errors name it, its help says its true default --------------------------------------------------
def _crs_commands(tmp_path: Path, fixes_csv: Path) -> dict[str, tuple[str, ...]]:
    return {
        "locate": ("locate", "116.4", "39.9"),
        "locate file": ("locate", "--input", str(fixes_csv), "--output", str(tmp_path / "o.csv")),
        "events": ("events", "--input", str(fixes_csv), "--output", str(tmp_path / "e.csv")),
        "map --locate": ("map", "--locate", "116.4", "39.9", "-o", str(tmp_path / "m.html")),
        "map --points": ("map", "--points", str(fixes_csv), "-o", str(tmp_path / "m.html")),
        "export": ("export", "--layer", "core", "-o", str(tmp_path / "core.geojson")),
    }


@pytest.mark.parametrize("command", ["locate", "locate file", "events", "map --locate", "map --points", "export"])
@pytest.mark.parametrize("value", ["EPSG:999999", "nonsense"])
def test_an_unknown_crs_is_refused_naming_the_option_and_what_it_takes(tmp_path, fixes_csv, command, value):
    """``--crs EPSG:999999`` said "unknown coordinate reference system 'EPSG:999999'", naming no option (in a
    command with --lon-col, --encoding...), and not that --crs also takes a .prj or .wkt file."""
    args = _crs_commands(tmp_path, fixes_csv)[command]
    en = run_cli(*args, "--crs", value)
    assert en.returncode == 2 and en.stderr.startswith(
        f"avzone: error: --crs: unknown coordinate reference system {value!r}: give an EPSG code (EPSG:4326 for "
        "WGS84 lon/lat, EPSG:32650), WKT or a .prj / .wkt file of it, a PROJ string, or gcj02"
    )
    zh = run_cli(*args, "--crs", value, "--lang", "zh")
    assert zh.returncode == 2 and zh.stderr.startswith(
        f"avzone: 错误：--crs：未知的坐标参考系 {value!r}：请给出 EPSG 代码"
    )
    assert ".prj、.wkt 文件" in zh.stderr
    assert not any(p.name != fixes_csv.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("command", ["locate", "events", "map --locate", "export"])
def test_an_unusable_crs_or_crs_file_is_refused_naming_the_option_and_the_value(tmp_path, fixes_csv, command):
    args = _crs_commands(tmp_path, fixes_csv)[command]
    out = run_cli(*args, "--crs", "EPSG:4978")
    assert out.returncode == 2
    assert out.stderr.startswith("avzone: error: --crs EPSG:4978: coordinate reference system EPSG:4978 (WGS 84)")
    prj = tmp_path / "bad.prj"
    prj.write_text("PROJCS[nothing]", encoding="utf-8")
    out = run_cli(*args, "--crs", str(prj), "--lang", "zh")
    assert out.returncode == 2 and out.stderr.startswith(
        f"avzone: 错误：--crs {prj}：文件中没有 pyproj 认识的坐标参考系"
    )
    assert "PROJCS" not in out.stderr  # (the file named, not its text)


@pytest.mark.parametrize("command", ["locate", "events", "map"])
def test_crs_help_says_the_default_of_geojson_and_geoparquet_files(command):
    """The help said "default EPSG:4326, or a GeoParquet file's own CRS": a GeoJSON file's old 'crs' member is
    read as the default too (test_geojson_crs_member), and a GeoParquet file's differing --crs is refused."""
    for lang, words in (
        ("en", ("Default EPSG:4326", "GeoParquet", "GeoJSON file's geometries in the CRS its 'crs' member names")),
        ("zh", ("默认 EPSG:4326", "GeoParquet", "GeoJSON 文件的几何按其 'crs' 成员给出的坐标系读取")),
    ):
        flat = "".join(run_cli(command, "--help", "--lang", lang).stdout.split())
        for w in words:
            assert "".join(w.split()) in flat, (lang, w)


def test_export_crs_help_says_it_takes_a_prj_or_wkt_file():
    assert ".prj or .wkt file" in " ".join(run_cli("export", "--help").stdout.split())


def test_geojson_crs_member_is_the_default_the_help_says(tmp_path):
    """What the help says is what the command does: a GeoJSON file's 'crs' member (EPSG:3857) is read."""
    import json

    from avzone.crs import from_wgs84

    x, y = from_wgs84(116.50, 39.79, "EPSG:3857")
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": {}}],
    }
    src, dst = tmp_path / "p.geojson", tmp_path / "o.csv"
    src.write_text(json.dumps(doc), encoding="utf-8")
    assert run_cli("locate", "--input", str(src), "--output", str(dst)).returncode == 0
    assert pd.read_csv(dst)["in_core"].tolist() == [True]


# -- one parser of CRS text: library, --crs, HTTP query and JSON body ------------------------------------------
SPELLINGS = ["EPSG: 32650", "EPSG :32650", "epsg : 32650", " 32650 ", "EPSG:32650 "]


@pytest.fixture(scope="module")
def http():
    from fastapi.testclient import TestClient

    import avzone
    from avzone.service import create_app

    with TestClient(create_app(avzone.load())) as client:
        yield client


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_crs_code_written_with_spaces_is_read_alike_everywhere(model, http, spelling):
    """``crs=EPSG: 32650`` was a 422 over HTTP while ``--crs "EPSG: 32650"`` was read; ``epsg : 32650`` and
    `` 32650 `` were unknown to the library and the command line too. One parser reads them all as EPSG:32650."""
    import json

    from avzone.crs import from_wgs84, normalize_crs

    x, y = (float(v) for v in from_wgs84(116.50, 39.79, "EPSG:32650"))
    assert normalize_crs(spelling).to_authority() == ("EPSG", "32650")
    want = model.locate(x, y, crs="EPSG:32650").to_dict()
    assert model.locate(x, y, crs=spelling).to_dict() == want
    cli = run_cli("locate", repr(x), repr(y), "--crs", spelling, "--json")
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["zones"] == want["zones"]
    got = http.get("/v1/locate", params={"lon": x, "lat": y, "crs": spelling})
    assert got.status_code == 200, got.text
    assert got.json()["zones"] == want["zones"]
    body = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": spelling}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": {}}],
    }
    posted = http.post("/v1/locate", content=json.dumps(body))
    assert posted.status_code == 200, posted.text
    assert posted.json()["results"][0]["zones"] == want["zones"]


def test_wgs84_by_its_name_is_read_over_http_as_by_the_library(model, http):
    """``crs=WGS 84`` (pyproj's name of EPSG:4326) was read by the library and --crs but a 422 over HTTP."""
    want = model.locate(116.5, 39.79, crs="WGS 84").to_dict()
    got = http.get("/v1/locate", params={"lon": 116.5, "lat": 39.79, "crs": "WGS 84"})
    assert got.status_code == 200, got.text
    assert got.json()["zones"] == want["zones"] and got.json()["crs"] == "EPSG:4326"


# -- make_map(locate=...): a point's numbers read as model.locate and map --locate read them -------------------
@pytest.mark.parametrize("lon", [True, "1_16.5", b"116.5"])
def test_make_map_locate_reads_numbers_as_model_locate_and_the_command_line_do(model, tmp_path, lon):
    """make_map(locate=[(True, 39.8)]) put a pin at longitude 1 (float(True)), "1_16.5" one at 116.5 (Python's
    float reads the underscore), while model.locate, ``map --locate`` and the HTTP API refuse them."""
    from avzone.maps import make_map

    with pytest.raises(InputError):
        model.locate(lon, 39.8)
    with pytest.raises(InputError, match=r"^locate= takes \(lon, lat\) pairs, got"):
        make_map(model, tiles="none", locate=[(lon, 39.8)])
    if isinstance(lon, str):
        out = run_cli("map", "--locate", lon, "39.8", "-o", str(tmp_path / "m.html"))
        assert out.returncode == 2 and "--locate LON must be a number" in out.stderr


def test_make_map_locate_takes_texts_of_numbers_as_the_command_line_does(model):
    import re

    from avzone.maps import make_map

    def page(pair):  # (folium names its elements at random)
        return re.sub(r"[0-9a-f]{32}", "", make_map(model, tiles="none", locate=[pair]).get_root().render())

    assert page((" １１６.５ ", "39.79")) == page((116.5, 39.79))


# -- chunk_rows: one rule in every file job --------------------------------------------------------------------
@pytest.mark.parametrize("bad", [0, -5, 2.5, True])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_locate_file_refuses_a_chunk_rows_that_events_file_and_the_command_line_refuse(
    model, tmp_path, fixes_csv, bad, suffix
):
    """locate_file(chunk_rows=0) read a CSV file as if no limit were given and a Parquet file's refusal was
    PyArrow's ("batch_size must be greater than zero"); events_file and --chunk-rows refuse them by name."""
    from avzone.batch import locate_file
    from avzone.tracks import events_file

    src = fixes_csv
    if suffix == ".parquet":
        src = tmp_path / "fixes.parquet"
        pd.read_csv(fixes_csv).to_parquet(src)
    want = f"chunk_rows must be a positive whole number (rows per chunk), got {bad!r}"
    for job, dst in ((locate_file, tmp_path / "o.csv"), (events_file, tmp_path / "e.csv")):
        with pytest.raises(InputError) as info:
            job(model, src, dst, chunk_rows=bad)
        assert str(info.value) == want
        assert not dst.exists()


@pytest.mark.parametrize("bad", [0, 2.5, True])
def test_tdrive_source_refuses_a_chunk_rows_as_every_file_job_does(tmp_path, bad):
    """tdrive_source said "chunk_rows must be at least 1" for 0, and took 2.5 and True."""
    from avzone.fleet import tdrive_source

    (tmp_path / "1.txt").write_text("1,2008-02-02 15:36:08,116.51172,39.92123\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        tdrive_source(tmp_path, chunk_rows=bad)
    assert str(info.value) == f"chunk_rows must be a positive whole number (rows per chunk), got {bad!r}"


# -- growth_chart: a format it cannot write, said as growth --chart says it --------------------------------------
def test_growth_chart_refuses_an_unknown_format_in_the_command_lines_words(model, tmp_path):
    """growth_chart(model, "g.txt") raised matplotlib's bare ValueError (naming no file), after drawing the chart;
    ``growth --chart g.txt`` wrapped it naming the file. One refusal, before anything is drawn."""
    from avzone.growth import growth_chart

    target = tmp_path / "g.txt"
    with pytest.raises(InputError) as info:
        growth_chart(model, target)
    cli = run_cli("growth", "--chart", str(target))
    assert cli.returncode == 2 and cli.stderr == f"avzone: error: {info.value}\n"
    assert str(info.value).startswith(f"{target}: cannot draw the chart (Format 'txt' is not supported")
    assert list(tmp_path.iterdir()) == []
    assert growth_chart(model, tmp_path / "g.svg", image_format="SVG").read_bytes().lstrip().startswith(b"<?xml")


def test_map_says_crs_is_unused_before_judging_its_value(tmp_path):
    """``avzone map --crs nonsense`` (no --points, --track or --locate) said the CRS is unknown; fixed, the next
    run said --crs has no use there. The option the map has no use for is said first."""
    out = run_cli("map", "--crs", "nonsense", "-o", str(tmp_path / "m.html"))
    assert out.returncode == 2
    assert out.stderr == "avzone: error: --crs is for --points, --track or --locate (add one, or leave it out)\n"

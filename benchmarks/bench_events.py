"""Events along trajectories: fixes per second and peak memory.

Rows (each in a child process, so its peak resident memory is its own):

- ``library``: ``model.events(df)`` on a synthetic fleet (``--vehicles`` x
  ``--fixes``, default 1,000 x 10,000 = 10 M fixes) held in memory, in three
  layouts: as generated (grouped by vehicle, in time order: walked where it
  lies), by time (all vehicles interleaved, as a live feed arrives: walked
  block by block, each block gathered by vehicle) and shuffled (gathered by
  vehicle, then each run sorted by time, then located and walked in that
  order); best of ``--repeat`` runs on one core
  (``threads=1``), the layouts taking turns. The time counts ``events`` only (not making the fleet);
  the memory is the child's peak (fleet included).
- ``reference`` (with ``--reference N``): the first implementation
  (tests/events_reference.py: numpy, pandas, a lexsort and a vectorized
  bisection with the zone index) on the first N fixes, shuffled, in the same
  run: the speed-up is a same-machine ratio.
- peers, each in a child of its own: ``pandas + shapely by hand`` (``--hand``, on by default) on the same fleet,
  shuffled: sorted by vehicle and time, every fix tested against every zone, a change of answer between a
  vehicle's consecutive fixes counted as an event (no crossing point, gap or second crossing), best of three;
  ``movingpandas`` (``--movingpandas N``, default 20,000; the bench extra installs it): ``TrajectoryCollection.clip``
  by each zone on the whole vehicles of the first N fixes, timed once, beside ``model.events`` on the same fixes.
  Each prints its time as a multiple of ``model.events``' time in the same run.
- ``avzone events`` file job (Parquet in, Parquet out, partitions of at most
  ``--chunk-rows`` rows) at two or more input sizes (``--stream-fixes``,
  default 2 M and 10 M fixes, rows shuffled): the time is the whole command,
  the memory the child's peak; flat memory means the peaks are close.

Usage::

    .venv/bin/python benchmarks/bench_events.py                 # 10 M fixes of 1,000 vehicles
    .venv/bin/python benchmarks/bench_events.py --vehicles 100 --fixes 10000 --stream-fixes 1000000,2000000
    .venv/bin/python benchmarks/bench_events.py --reference 1000000 --stream-fixes 0
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

LIBRARY = """
import json, resource, sys, time
import avzone
from avzone.fleet import synthetic_fleet
vehicles, fixes, seed, repeat = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
model = avzone.load()
warm = synthetic_fleet(model, 3, 200, seed=seed)
model.events(warm), model.events(warm.sample(frac=1, random_state=seed))  # warm-up: index, kernels
df = synthetic_fleet(model, vehicles, fixes, seed=seed)
out = {"fixes": len(df)}
layouts = (
    ("sorted", df),
    ("by time", df.sort_values("ts", kind="stable")),
    ("shuffled", df.sample(frac=1, random_state=seed)),
)
# the layouts take turns, so that a slower spell of a shared machine does not fall on one layout alone
for name, _ in layouts:
    out[name] = float("inf")
    out["cpu " + name] = [float("inf"), 0.0, 0.0]  # the least process time (user + system) and its user, system parts
for _ in range(repeat):
    for name, frame in layouts:
        t, c = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        res = model.events(frame, threads=1)
        t, c1 = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF)
        out[name] = min(out[name], t)
        user, system = c1.ru_utime - c.ru_utime, c1.ru_stime - c.ru_stime
        if user + system < out["cpu " + name][0]:
            out["cpu " + name] = [user + system, user, system]
out["events"] = res.events.event.value_counts().to_dict()
print(json.dumps(out))
"""

REFERENCE = """
import json, sys, time
sys.path.insert(0, sys.argv[5])
import avzone
from avzone.fleet import synthetic_fleet
from avzone.points import to_points
from events_reference import reference_track_events
vehicles, fixes, seed, limit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
model = avzone.load()
df = synthetic_fleet(model, vehicles, fixes, seed=seed).sample(frac=1, random_state=seed).iloc[:limit]
def run(frame):
    pts = to_points(frame.lon, frame.lat)
    return reference_track_events(model, frame.vehicle.to_numpy(), frame.ts, pts, frame.index)
run(df.iloc[:2000])
model.events(df.iloc[:2000])
t = time.perf_counter()
ref = run(df)
ref_s = time.perf_counter() - t
t = time.perf_counter()
new = model.events(df, threads=1)
new_s = time.perf_counter() - t
same = len(ref.events) == len(new.events) and ref.rows.status.astype(object).equals(new.rows.status.astype(object))
print(json.dumps({"fixes": len(df), "reference": ref_s, "library": new_s, "same": bool(same)}))
"""

PEERS = """
import json, sys, time, warnings
import numpy as np, shapely
import avzone
from avzone.fleet import synthetic_fleet
vehicles, fixes, seed, repeat = (int(a) for a in sys.argv[1:5])
which = sys.argv[5]
model = avzone.load()
zones = [model.layer(z).geometry.union_all() for z in model.zone_layers]
df = synthetic_fleet(model, vehicles, fixes, seed=seed).sample(frac=1, random_state=seed)  # any row order


def by_hand(frame):
    # what one writes in a notebook: sort by vehicle and time, test each fix against each zone (prepared, vectorized),
    # and call a change of answer between consecutive fixes of a vehicle an event at the later fix
    f = frame.sort_values(["vehicle", "ts"], kind="stable")
    lon, lat, ids = f["lon"].to_numpy(), f["lat"].to_numpy(), f["vehicle"].to_numpy()
    same = ids[1:] == ids[:-1]
    changes = 0
    for zone in zones:
        shapely.prepare(zone)
        inside = shapely.intersects_xy(zone, lon, lat)
        changes += int(np.count_nonzero(same & (inside[1:] != inside[:-1])))
    return changes


def best(run):
    least, found = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        found = run()
        least = min(least, time.perf_counter() - t)
    return least, found


model.events(df.iloc[:2000], threads=1)  # warm-up: index, kernels
out = {"fixes": len(df)}
out["library"], res = best(lambda: model.events(df, threads=1))
out["library events"] = int((res.events.event != "gap").sum())
if "hand" in which:
    out["hand"], out["hand changes"] = best(lambda: by_hand(df))
if "movingpandas" in which:
    warnings.filterwarnings("ignore", module="movingpandas")  # (its optional smoothers' dependency)
    try:
        import geopandas as gpd
        import movingpandas as mpd
    except ImportError:
        out["movingpandas"] = None
    else:
        # movingpandas: a TrajectoryCollection clipped by each zone (the crossing points interpolated); its pieces
        # inside the zones begin with an enter and end with an exit, but where the trajectory starts or ends inside
        t = time.perf_counter()
        g = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
        tc = mpd.TrajectoryCollection(g, traj_id_col="vehicle", t="ts")
        out["movingpandas pieces"] = sum(len(tc.clip(zone).trajectories) for zone in zones)
        out["movingpandas"] = time.perf_counter() - t
print(json.dumps(out))
"""

MAKE_FILE = """
import sys
import avzone
from avzone.fleet import synthetic_fleet
vehicles, fixes, seed, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
df = synthetic_fleet(avzone.load(), vehicles, fixes, seed=seed)
df = df.sample(frac=1, random_state=seed).reset_index(drop=True)  # any row order
df.to_parquet(path, index=False, row_group_size=1_000_000)
"""


def peak_run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float]:
    """Run ``cmd`` (in ``env``); its stdout, wall seconds and peak resident memory (MB, VmHWM polled every 50 ms)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return out, time.perf_counter() - t, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vehicles", type=int, default=1000)
    ap.add_argument("--fixes", type=int, default=10_000, help="fixes per vehicle")
    ap.add_argument("--repeat", type=int, default=5, help="best of this many library runs")
    ap.add_argument("--reference", type=int, default=0, help="also time the first implementation on N fixes")
    ap.add_argument(
        "--hand",
        type=int,
        default=1,
        help="also time the pandas + shapely peer on the same fleet, shuffled (0 skips)",
    )
    ap.add_argument(
        "--movingpandas",
        type=int,
        default=20_000,
        help="also time movingpandas (TrajectoryCollection.clip) and model.events on the first N fixes' vehicles "
        "(0 skips; the bench extra installs it)",
    )
    ap.add_argument("--stream-fixes", default="2000000,10000000", help="file-job sizes, comma-separated (0 skips)")
    ap.add_argument("--chunk-rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tmp-dir", default=None)
    args = ap.parse_args()
    py = sys.executable
    cpu = platform.processor() or platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = []
    cpu_times: list[tuple[str, int, float, float, float]] = []
    if args.fixes > 0:
        out, _, peak = peak_run(
            [py, "-c", LIBRARY, str(args.vehicles), str(args.fixes), str(args.seed), str(args.repeat)]
        )
        lib = json.loads(out)
        note = ", ".join(f"{v:,} {k}" for k, v in sorted(lib["events"].items()))
        for order in ("sorted", "by time", "shuffled"):
            name = f"model.events, {args.vehicles:,} vehicles, {order}, 1 core"
            rows.append((name, lib["fixes"], lib[order], peak, note))
            cpu_times.append((order, lib["fixes"], *lib["cpu " + order]))
    if args.reference > 0:
        tests = str(HERE.parent / "tests")
        cmd = [py, "-c", REFERENCE, str(args.vehicles), str(args.fixes), str(args.seed), str(args.reference), tests]
        out, _, peak = peak_run(cmd)
        ref = json.loads(out)
        same = "same statuses and event count" if ref["same"] else "DIFFERENT answers"
        rows.append(("first implementation (reference), shuffled", ref["fixes"], ref["reference"], peak, same))
        speedup = ref["reference"] / ref["library"]
        rows.append(("model.events on the same fixes", ref["fixes"], ref["library"], peak, f"{speedup:.1f}x faster"))
    shuffled = next((r for r in rows if r[0].startswith("model.events") and "shuffled" in r[0]), None)
    if args.hand and args.fixes > 0:
        cmd = [py, "-c", PEERS, str(args.vehicles), str(args.fixes), str(args.seed), str(min(args.repeat, 3)), "hand"]
        out, _, peak = peak_run(cmd)
        peer = json.loads(out)
        times = f"{peer['hand'] / shuffled[2]:.1f}x model.events' time" if shuffled else ""
        note = f"{times}; {peer['hand changes']:,} changes at fixes (no crossing point, gap or second crossing)"
        rows.append(("peer: pandas + shapely by hand, shuffled", peer["fixes"], peer["hand"], peak, note))
    if args.movingpandas > 0 and args.fixes > 0:
        few = max(1, args.movingpandas // args.fixes)  # (whole vehicles, as long as the fleet's)
        cmd = [py, "-c", PEERS, str(few), str(args.fixes), str(args.seed), "3", "movingpandas"]
        out, _, peak = peak_run(cmd)
        peer = json.loads(out)
        lib_note = f"{peer['library events']:,} enter and exit events"
        rows.append(
            (f"model.events on {few:,} vehicles' fixes, shuffled", peer["fixes"], peer["library"], peak, lib_note)
        )
        if peer["movingpandas"] is None:
            print("movingpandas is not installed (pip install -e '.[bench]'): its row is left out")
        else:
            ratio = peer["movingpandas"] / peer["library"]
            note = f"{ratio:,.0f}x model.events' time; {peer['movingpandas pieces']:,} pieces inside the zones"
            rows.append(
                ("peer: movingpandas TrajectoryCollection.clip", peer["fixes"], peer["movingpandas"], peak, note)
            )
    sizes = [int(s) for s in args.stream_fixes.split(",") if int(s) > 0]
    peaks = []
    with tempfile.TemporaryDirectory(dir=args.tmp_dir) as tmp:
        if sizes:  # not timed: loads (or, after a change of the source, compiles and caches) the kernels
            warm = Path(tmp) / "warm.parquet"
            peak_run([py, "-c", MAKE_FILE, "3", "100", str(args.seed), str(warm)])
            cmd = [py, "-m", "avzone", "events", "--input", str(warm), "--output", str(Path(tmp) / "w.parquet")]
            peak_run([*cmd, "--chunk-rows", "100"])
        for n in sizes:
            src = Path(tmp) / f"fleet-{n}.parquet"
            per = max(1, n // args.vehicles)
            peak_run([py, "-c", MAKE_FILE, str(args.vehicles), str(per), str(args.seed), str(src)])
            cmd = [py, "-m", "avzone", "events", "--input", str(src), "--output", str(Path(tmp) / "ev.parquet")]
            cmd += ["--summary", str(Path(tmp) / "sum.parquet"), "--chunk-rows", str(args.chunk_rows), "--json"]
            out, seconds, peak = peak_run(cmd)
            job = json.loads(out)
            peaks.append(peak)
            rows.append(
                (
                    f"avzone events (file job, {job['partitions']} partitions)",
                    job["rows"],
                    seconds,
                    peak,
                    ", ".join(f"{v:,} {k}" for k, v in sorted(job["events"].items())),
                )
            )
            src.unlink()
    print()
    print(f"{'row':<52} {'fixes':>12} {'seconds':>9} {'M fixes/s':>10} {'peak MB':>9}  events")
    for name, n, seconds, peak, note in rows:
        print(f"{name:<52} {n:>12,} {seconds:>9.2f} {n / seconds / 1e6:>10.3f} {peak:>9.0f}  {note}")
    if len(peaks) > 1:
        print(f"\nfile-job peak memory: largest / smallest input = {peaks[-1] / peaks[0]:.3f}")
    for name, n, seconds, _, _ in rows:
        if name.startswith("model.events,"):
            verdict = "meets" if n / seconds >= 20e6 else "below"
            print(f"{name}: {n / seconds / 1e6:.1f} M fixes/s, {verdict} the target")
    print("target: 20 M fixes/s per core; file-job peak memory flat with input size")
    if cpu_times:
        # the verdicts above are on elapsed time; the process time shows how much of it the kernel took (page
        # faults on memory the call touches first: their cost varies from run to run with the machine)
        print("\nleast process time of the runs (user + system seconds), model.events:")
        for order, n, total, user, system in cpu_times:
            rate = n / total / 1e6
            print(f"  {order:<9} {total:.2f} s = {user:.2f} user + {system:.2f} system ({rate:.1f} M fixes/s)")


if __name__ == "__main__":
    main()

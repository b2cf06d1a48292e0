"""Benchmark: ``avzone check`` on a generated dataset with a 100,000-feature zone layer.

Run ``.venv/bin/python benchmarks/bench_check.py [--features N] [--profile]``.

The embedded dataset is copied to a temporary folder and its ``core`` layer
replaced by ``N`` disjoint squares (each with the properties the schema
asks for, its own id and its nominal area) tiling a rectangle inside the
``current`` zone. The command is run as a user runs it (a subprocess, text
output, then ``--json``) and timed, best of ``--repeat`` runs; the target is
under 10 s for 100,000 features, and time per feature must not grow with N
(checked against a run at N/10). Each run's CPU time (user + system, all
threads; the zone unions are built in a second thread) is printed too: a
busy machine inflates it less than the wall time. ``--profile`` prints the
top of a cProfile run of the text command instead.

A cold row times ``avzone check`` on the embedded dataset (best of
``--cold-runs``, after one run that fills the cache folder) and says which
of pandas, geopandas, matplotlib, folium and numba such a run imports (none
is the aim: the checks work from the raw features, and the converted
district outlines come from the cache folder).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from avzone.dataset import default_data_dir

TARGET_S = 10.0
WEST, SOUTH, EAST, NORTH = 116.49, 39.77, 116.53, 39.80  # inside the current zone (Yizhuang)


def make_dataset(folder: Path, n: int) -> None:
    """A copy of the embedded dataset whose ``core`` layer holds ``n`` small squares."""
    shutil.copytree(default_data_dir(), folder)
    template = json.loads((folder / "core.geojson").read_text(encoding="utf-8"))["features"][0]["properties"]
    cols = max(1, int(n**0.5))
    rows = -(-n // cols)
    dx, dy = (EAST - WEST) / cols, (NORTH - SOUTH) / rows
    km2 = (dx * 85.3) * (dy * 111.0)  # rough; the area check may fail, it is measured all the same
    feats = []
    for i in range(n):
        c, r = i % cols, i // cols
        x0, y0 = WEST + c * dx, SOUTH + r * dy
        ring = [[x0, y0], [x0 + dx, y0], [x0 + dx, y0 + dy], [x0, y0 + dy], [x0, y0]]
        props = dict(template, id=f"cell_{i}", nominal_area_km2=round(km2, 6))
        feats.append({"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}})
    doc = {"type": "FeatureCollection", "features": feats}
    (folder / "core.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    manifest = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    for entry in manifest["layers"]:
        if entry["id"] == "core":
            entry["nominal_area_km2"] = round(km2 * n, 3)
    (folder / "dataset.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_check(folder: Path, *extra: str) -> tuple[float, int, str, float]:
    """Seconds, exit code, last output line and CPU seconds (user + system, all threads) of
    ``avzone check --data folder``."""
    cmd = [sys.executable, "-m", "avzone", "check", "--data", str(folder), *extra]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise SystemExit(f"avzone check failed (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    last = (proc.stdout.strip().splitlines() or [""])[-1]
    return seconds, proc.returncode, last[:100], cpu


HEAVY = ("pandas", "geopandas", "matplotlib", "folium", "numba")
IMPORTS = (
    "import contextlib, io, sys\n"
    "from avzone.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['check'])\n"
    f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
)


def cold_check(runs: int) -> tuple[float, list[str]]:
    """Best seconds of ``avzone check`` on the embedded dataset, and the heavy modules such a run imports."""
    run_check(default_data_dir())  # fills the cache folder (converted district outlines)
    best = min(run_check(default_data_dir())[0] for _ in range(runs))
    out = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True)
    return best, [m for m in out.stdout.strip().split(",") if m]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--features", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each large check; the best is reported")
    ap.add_argument("--cold-runs", type=int, default=5, help="runs of the cold check; the best is reported")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the text command instead")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="avzone-bench-check-") as tmp:
        small, big = Path(tmp) / "small", Path(tmp) / "big"
        make_dataset(big, args.features)
        if args.profile:
            import cProfile
            import io
            import pstats
            from contextlib import redirect_stdout

            from avzone.cli import main as cli_main

            prof = cProfile.Profile()
            with redirect_stdout(io.StringIO()):
                prof.runcall(cli_main, ["check", "--data", str(big)])
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            return 0
        make_dataset(small, max(1, args.features // 10))
        repeat = max(1, args.repeat)
        t_small = min(run_check(small)[0] for _ in range(repeat))
        t_text, code, last, cpu_text = min(run_check(big) for _ in range(repeat))
        t_json, _, _, cpu_json = min(run_check(big, "--json") for _ in range(repeat))
    best = f" (best of {repeat})" if repeat > 1 else ""
    print(
        f"avzone check, {args.features:,} features{best}: text {t_text:.2f} s (CPU {cpu_text:.2f} s; exit {code}: "
        f"{last}), json {t_json:.2f} s (CPU {cpu_json:.2f} s)"
    )
    small_n = max(1, args.features // 10)
    print(f"  {small_n:,} features: {t_small:.2f} s; ratio {t_text / t_small:.1f}x for 10x the features")
    t_cold, heavy = cold_check(max(1, args.cold_runs))
    print(
        f"cold avzone check, embedded dataset (best of {max(1, args.cold_runs)}): {t_cold:.2f} s; "
        f"imports {', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY)}"
    )
    ok = t_text < TARGET_S and t_json < TARGET_S
    print(f"target: under {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Reading T-Drive taxi files: ``avzone.fleet.read_tdrive`` and ``avzone events --input-format tdrive``.

The script writes a T-Drive folder (``--files`` taxis x ``--lines`` lines,
default 2,000 x 1,000 = 2 M fixes; :func:`avzone.fleet.write_tdrive` of a
synthetic fleet) once, then measures, each in a child process so that its
peak resident memory is its own:

- ``read_tdrive``: the reader on the whole folder, best of ``--repeat``
  runs (wall and CPU seconds: on a shared machine the CPU time is the
  steadier figure); the memory is the child's peak (``VmHWM``), the
  interpreter and imports included (the ``baseline`` row: a child that
  only imports).
- ``avzone events --input-format tdrive`` (with ``--events``): the command
  on the folder at ``--chunk-rows`` (default 250,000), Parquet out; the time
  is the whole command, the memory its peak.

``--src DIR`` runs the children against another checkout's ``src`` (to
compare with an earlier reader).

Usage::

    .venv/bin/python benchmarks/bench_tdrive.py                     # 2,000 x 1,000 lines
    .venv/bin/python benchmarks/bench_tdrive.py --files 200 --events
    .venv/bin/python benchmarks/bench_tdrive.py --src ../other/src  # the same folder, another reader
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from bench_events import peak_run  # (the same child-process runner)

HERE = Path(__file__).resolve().parent

MAKE = """
import sys
import avzone
from avzone.fleet import synthetic_fleet, write_tdrive
files, lines, seed, folder = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
write_tdrive(synthetic_fleet(avzone.load(), files, lines, interval_s=60, seed=seed), folder)
"""

READ = """
import json, resource, sys, time
import pandas, pyarrow
import avzone.fleet
folder, repeat = sys.argv[1], int(sys.argv[2])
best, cpu = float("inf"), float("inf")
for _ in range(repeat):
    t, c = time.perf_counter(), time.process_time()
    df = avzone.fleet.read_tdrive(folder)
    best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
    rows = len(df)
    mb = df.memory_usage(deep=True).sum() / 1e6
    del df
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "seconds": best, "cpu": cpu, "frame_mb": mb, "maxrss_mb": maxrss}))
"""

IMPORTS = """
import json, resource
import pandas, pyarrow
import avzone.fleet
print(json.dumps({"maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000, help="taxis (files)")
    ap.add_argument("--lines", type=int, default=1000, help="lines per file")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many read_tdrive runs")
    ap.add_argument("--events", action="store_true", help="also time avzone events --input-format tdrive")
    ap.add_argument("--chunk-rows", type=int, default=250_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folder", default=None, help="keep the T-Drive folder here (made when missing)")
    ap.add_argument("--src", default=str(HERE.parent / "src"), help="the avzone source the children import")
    args = ap.parse_args()
    py = sys.executable
    env = {**os.environ, "PYTHONPATH": str(Path(args.src).resolve())}
    make_env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"reader: {args.src}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder or Path(tmp) / "tdrive")
        if not folder.is_dir():
            peak_run([py, "-c", MAKE, str(args.files), str(args.lines), str(args.seed), str(folder)], make_env)
        size = sum(f.stat().st_size for f in folder.glob("*.txt"))
        print(f"folder: {folder} ({len(list(folder.glob('*.txt'))):,} files, {size / 1e6:.0f} MB)")
        base = json.loads(peak_run([py, "-c", IMPORTS], env)[0])["maxrss_mb"]
        out, _, peak = peak_run([py, "-c", READ, str(folder), str(args.repeat)], env)
        res = json.loads(out)
        print()
        print(f"{'row':<44} {'fixes':>11} {'seconds':>8} {'peak MB':>8}  note")
        print(f"{'baseline (imports only)':<44} {'':>11} {'':>8} {base:>8.0f}")
        note = (
            f"CPU {res['cpu']:.2f} s; frame {res['frame_mb']:.0f} MB (deep); peak above baseline {peak - base:.0f} MB"
        )
        name = f"read_tdrive, best of {args.repeat}"
        print(f"{name:<44} {res['rows']:>11,} {res['seconds']:>8.2f} {peak:>8.0f}  {note}")
        if args.events:
            cmd = [py, "-m", "avzone", "events", "--input", str(folder), "--input-format", "tdrive"]
            cmd += ["--output", str(Path(tmp) / "ev.parquet"), "--chunk-rows", str(args.chunk_rows), "--json"]
            out, seconds, peak = peak_run(cmd, env)
            job = json.loads(out)
            name = f"avzone events --input-format tdrive ({job['partitions']} partitions)"
            kinds = ", ".join(f"{v:,} {k}" for k, v in sorted(job["events"].items()))
            print(f"{name:<44} {job['rows']:>11,} {seconds:>8.2f} {peak:>8.0f}  {kinds}")


if __name__ == "__main__":
    main()

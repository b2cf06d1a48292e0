"""Benchmark: single-point GETs while 8 clients send 10,000-point distance POSTs (loopback only).

Run ``.venv/bin/python benchmarks/bench_mixed.py [--duration 20] [--heavy-clients 8] [--points 10000]``.

It starts ``avzone serve`` itself (one worker process, on a free 127.0.0.1
port, the way users run it), waits for ``/healthz``, then for ``--duration``
seconds runs ``--heavy-clients`` keep-alive clients that each send
``POST /v1/locate?distances=true`` with ``--points`` random points in a
loop, and one client that sends single-point ``GET /v1/locate`` requests one
after another. It prints the GETs' p50/p99/max latency and errors (target:
p99 under 50 ms, zero errors; exit 1 otherwise) and the POSTs' count,
latency and 503 answers (the service's back-pressure: counted, not errors).
A baseline of GETs alone is measured first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_service import HOST, Request, _raw_request, free_port, make_requests

TARGET_P99_MS = 50.0
BOUNDS = (116.2, 39.6, 116.9, 40.1)


def start(port: int, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "avzone", "serve", "--host", HOST, "--port", str(port)]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    import httpx

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"avzone serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("avzone serve did not start within 180 s")


def _head(r: Request, port: int) -> bytes:
    lines = [f"{r.method} {r.target} HTTP/1.1", f"Host: {HOST}:{port}"]
    if r.method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(r.body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.busy = 0
        self.first_error = ""

    def pct(self, q: float) -> float:
        return float(np.percentile(self.latencies, q)) * 1e3 if self.latencies else float("nan")


async def client(port: int, reqs: list[Request], tally: Tally, until: float, busy_ok: bool) -> None:
    reader = writer = None
    heads = [_head(r, port) for r in reqs]
    i = 0
    while time.perf_counter() < until:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            t0 = time.perf_counter()
            status, data, close = await _raw_request(reader, writer, heads[i % len(reqs)], reqs[i % len(reqs)].body)
            dt = time.perf_counter() - t0
            check = reqs[i % len(reqs)].check
            if status == 503 and busy_ok:
                tally.busy += 1
                await asyncio.sleep(0.2)
            elif status != 200 or (check is not None and not check(data)):
                tally.errors += 1
                tally.first_error = tally.first_error or f"HTTP {status}: {data[:200]!r}"
            else:
                tally.latencies.append(dt)
            if close:
                writer.close()
                writer = None
        except (OSError, ConnectionError, asyncio.IncompleteReadError) as exc:
            tally.errors += 1
            tally.first_error = tally.first_error or f"{type(exc).__name__}: {exc}"
            writer = None
        i += 1
    if writer is not None:
        writer.close()


async def run(port: int, duration: float, heavy_clients: int, points: int) -> tuple[Tally, Tally, Tally]:
    gets = make_requests("get", 2000, 1, 1, BOUNDS)
    posts = make_requests("post-distances", 4, points, 2, BOUNDS)
    alone = Tally()
    await client(port, gets, alone, time.perf_counter() + min(5.0, duration / 2), False)
    get_tally, post_tally = Tally(), Tally()
    until = time.perf_counter() + duration
    heavy = [client(port, posts, post_tally, until, True) for _ in range(heavy_clients)]

    async def light() -> None:
        await asyncio.sleep(1.0)  # let the heavy clients start
        await client(port, gets, get_tally, until, False)

    await asyncio.gather(light(), *heavy)
    return alone, get_tally, post_tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--heavy-clients", type=int, default=8)
    ap.add_argument("--points", type=int, default=10_000)
    args = ap.parse_args()
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="avzone-bench-mixed-")) / "serve.log"
    proc = start(port, log)
    try:
        alone, gets, posts = asyncio.run(run(port, args.duration, args.heavy_clients, args.points))
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    print(
        f"GET alone:      {len(alone.latencies):6d} requests, p50 {alone.pct(50):6.2f} ms, p99 {alone.pct(99):6.2f} ms"
    )
    print(
        f"GET under load: {len(gets.latencies):6d} requests, p50 {gets.pct(50):6.2f} ms, p99 {gets.pct(99):6.2f} ms, "
        f"max {max(gets.latencies, default=float('nan')) * 1e3:.1f} ms, errors {gets.errors}"
        + (f" (first: {gets.first_error})" if gets.errors else "")
    )
    print(
        f"POST {args.points:,} points, distances=true, {args.heavy_clients} clients: {len(posts.latencies)} answered, "
        f"p50 {posts.pct(50):.0f} ms, {posts.busy} answered 503 (busy), errors {posts.errors}"
        + (f" (first: {posts.first_error})" if posts.errors else "")
    )
    ok = gets.errors == 0 and posts.errors == 0 and gets.pct(99) < TARGET_P99_MS
    print(f"target: GET p99 under {TARGET_P99_MS:.0f} ms with zero errors: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

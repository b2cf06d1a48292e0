"""Load benchmark of the HTTP API, on loopback only.

Run ``.venv/bin/python benchmarks/bench_service.py [--duration 10] [--workers 2]``.

It starts the service itself (``uvicorn avzone.service:app_from_env
--factory`` in a subprocess on a free 127.0.0.1 port, with the chosen number
of worker processes), waits until every worker has started, then drives it
for a fixed time per scenario and stops everything:

* ``get``: single-point ``GET /v1/locate`` on random points over the
  dataset's bounds (different points, so no cache helps);
* ``post``: ``POST /v1/locate`` with ``--post-points`` (1,000) random points
  per request, zones only;
* ``post-distances``: the same with ``distances=true``.

Load generators (``--driver``, several may be given, comma-separated):

* ``raw``: a minimal asyncio HTTP/1.1 keep-alive client (this script's own,
  ~0.1 ms of CPU per request here, so most of the CPU is left to the server);
* ``wrk``: Debian's ``wrk`` (~0.07 ms per request), used only when installed
  (GET only; it checks status codes, the Python drivers check answers too);
* ``httpx``: ``httpx.AsyncClient``, much heavier (~2 ms of CPU per request
  here, more without ``sniffio`` installed): it saturates long before the
  server does, so its rows measure the client.

It prints requests/s, points/s, p50/p99 latency and the error count per
scenario (non-2xx answers, wrong answers and transport errors all count; the
script exits 1 if any), and the machine. The load generator runs on the same
machine as the server and shares its cores: the figures are those of the
pair, a lower bound for the server alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import numpy as np

HOST = "127.0.0.1"
DEFAULT_BOUNDS = (115.4, 39.4, 117.6, 41.1)


# ----------------------------------------------------------------------------
# the server
# ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Server:
    """``uvicorn avzone.service:app_from_env --factory`` in a subprocess on loopback."""

    def __init__(self, workers: int, *, data: str | None, access_log: bool, max_points: int, max_body: int):
        self.port = free_port()
        self.workers = workers
        self.log = tempfile.NamedTemporaryFile(prefix="avzone-bench-", suffix=".log", delete=False)
        env = dict(os.environ)
        env.update(
            AVZONE_DATA=data or "",
            AVZONE_MAX_POINTS=str(max_points),
            AVZONE_MAX_BODY_BYTES=str(max_body),
        )
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "avzone.service:app_from_env",
            "--factory",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--log-level",
            "info",
        ]
        if not access_log:
            cmd.append("--no-access-log")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def wait_ready(self, timeout: float = 180.0) -> None:
        """Until every worker has logged 'Application startup complete' and /healthz answers."""
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.read_log()}")
            started = self.read_log().count("Application startup complete")
            if started >= self.workers:
                try:
                    if httpx.get(self.base + "/healthz", timeout=5).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not start within {timeout:.0f} s:\n{self.read_log()}")

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server's processes (Linux /proc; 0 elsewhere)."""
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        for pid in _process_tree(self.proc.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        return total

    def read_log(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


def _process_tree(root: int) -> list[int]:
    """``root`` and its descendants (from /proc; just ``root`` where there is no /proc)."""
    children: dict[int, list[int]] = {}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
    except OSError:
        return [root]
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


# ----------------------------------------------------------------------------
# requests and results
# ----------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    target: str  # path and query
    body: bytes = b""
    check: Callable[[bytes], bool] | None = None  # is the answer right (cheap test)


@dataclass
class Result:
    scenario: str
    driver: str
    concurrency: int
    seconds: float
    points_per_request: int
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    first_error: str = ""
    server_cpu: float = 0.0  # CPU seconds the server's processes used during the row
    client_cpu: float = 0.0  # CPU seconds of the load generator during the row
    summary: tuple[int, float, float] | None = None  # (requests, p50 s, p99 s) from a tool that keeps no samples
    workers: int = 0

    @property
    def requests(self) -> int:
        return self.summary[0] if self.summary else len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        """Latency percentile in milliseconds."""
        if self.summary:
            return {50: self.summary[1], 99: self.summary[2]}[int(q)] * 1e3
        return float(np.percentile(self.latencies, q)) * 1e3 if self.latencies else float("nan")

    def error(self, text: str) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = text[:300]


def make_requests(scenario: str, n: int, points: int, seed: int, bounds: tuple[float, ...]) -> list[Request]:
    rng = np.random.default_rng(seed)
    w, s, e, nb = bounds
    out = []
    if scenario == "get":
        lon, lat = rng.uniform(w, e, n), rng.uniform(s, nb, n)
        for x, y in zip(lon.tolist(), lat.tolist()):
            out.append(
                Request("GET", "/v1/locate?" + urlencode({"lon": f"{x:.6f}", "lat": f"{y:.6f}"}), check=_check_get)
            )
        return out
    query = "?distances=true" if scenario == "post-distances" else ""
    for _ in range(n):
        lon, lat = rng.uniform(w, e, points), rng.uniform(s, nb, points)
        body = json.dumps(np.column_stack([lon.round(6), lat.round(6)]).tolist()).encode()
        out.append(Request("POST", "/v1/locate" + query, body, check=_make_post_check(points)))
    return out


def _check_get(body: bytes) -> bool:
    return body.startswith(b'{"lon":') and b'"nearest_hub"' in body


def _make_post_check(points: int) -> Callable[[bytes], bool]:
    needle = f'"count":{points},"ok":{points},'.encode()
    return lambda body: needle in body[:200]


# ----------------------------------------------------------------------------
# drivers
# ----------------------------------------------------------------------------


async def _raw_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes, body: bytes):
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split(b" ", 2)[1])
    length = 0
    close = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
        elif name == b"transfer-encoding":
            raise ConnectionError("chunked answers are not expected")
    data = await reader.readexactly(length) if length else b""
    return status, data, close


async def drive_raw(base: str, reqs: list[Request], result: Result, duration: float, concurrency: int) -> None:
    host, port = HOST, int(base.rsplit(":", 1)[1])
    heads = []
    for r in reqs:
        lines = [f"{r.method} {r.target} HTTP/1.1", f"Host: {host}:{port}", "Accept: application/json"]
        if r.method == "POST":
            lines += ["Content-Type: application/json", f"Content-Length: {len(r.body)}"]
        heads.append(("\r\n".join(lines) + "\r\n\r\n").encode())
    deadline = time.perf_counter() + duration
    counter = iter(range(1 << 62))

    async def worker() -> None:
        reader = writer = None
        while time.perf_counter() < deadline:
            i = next(counter) % len(reqs)
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                t0 = time.perf_counter()
                status, data, close = await _raw_request(reader, writer, heads[i], reqs[i].body)
                dt = time.perf_counter() - t0
                if close:
                    writer.close()
                    writer = None
                if status != 200:
                    result.error(f"HTTP {status}: {data[:200]!r}")
                elif reqs[i].check and not reqs[i].check(data):
                    result.error(f"unexpected answer: {data[:200]!r}")
                else:
                    result.latencies.append(dt)
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as exc:
                result.error(f"{type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def drive_httpx(base: str, reqs: list[Request], result: Result, duration: float, concurrency: int) -> None:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    deadline = time.perf_counter() + duration
    counter = iter(range(1 << 62))
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                r = reqs[next(counter) % len(reqs)]
                t0 = time.perf_counter()
                try:
                    if r.method == "GET":
                        resp = await client.get(r.target)
                    else:
                        resp = await client.post(r.target, content=r.body, headers={"content-type": "application/json"})
                except httpx.HTTPError as exc:
                    result.error(f"{type(exc).__name__}: {exc}")
                    continue
                dt = time.perf_counter() - t0
                if resp.status_code != 200:
                    result.error(f"HTTP {resp.status_code}: {resp.text[:200]}")
                elif r.check and not r.check(resp.content):
                    result.error(f"unexpected answer: {resp.content[:200]!r}")
                else:
                    result.latencies.append(dt)

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def run_wrk(base: str, result: Result, duration: float, concurrency: int, bounds: tuple[float, ...]) -> None:
    """Debian's wrk with a Lua script that sends random points (GET only; checks status codes only)."""
    w, s, e, n = bounds
    lua = f"""
math.randomseed(7)
request = function()
  local lon = {w} + math.random() * {e - w}
  local lat = {s} + math.random() * {n - s}
  return wrk.format("GET", string.format("/v1/locate?lon=%.6f&lat=%.6f", lon, lat))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("AVZ %d %d %d %d %d %d\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), summary.duration))
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    try:
        cmd = ["wrk", "-t", str(min(concurrency, 2)), "-c", str(concurrency), "-d", f"{duration:g}s", "-s", f.name]
        out = subprocess.run([*cmd, base], capture_output=True, text=True, timeout=duration + 60)
    finally:
        os.unlink(f.name)
    m = re.search(r"AVZ (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out.stdout)
    if not m:
        result.error(f"wrk failed: {out.stdout[-300:]} {out.stderr[-300:]}")
        return
    nreq, transport, status, p50, p99, dur_us = map(int, m.groups())
    result.seconds = dur_us / 1e6
    result.errors += transport + status
    if transport + status:
        result.first_error = f"wrk: {transport} transport errors, {status} non-2xx answers"
    result.summary = (nreq - status, p50 / 1e6, p99 / 1e6)


# ----------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cores
    return f"{model}, {cores} logical cores ({usable} usable), {platform.system()} {platform.release()}"


def http_stack() -> str:
    parts = []
    for mod in ("uvicorn", "httptools", "uvloop", "fastapi"):
        try:
            m = __import__(mod)
            parts.append(f"{mod} {getattr(m, '__version__', '?')}")
        except ImportError:
            parts.append(f"{mod} (not installed)")
    return ", ".join(parts)


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_scenario(
    server: Server, scenario: str, driver: str, args: argparse.Namespace, bounds: tuple[float, ...]
) -> Result:
    conc = args.concurrency if scenario == "get" else args.post_concurrency
    points = 1 if scenario == "get" else args.post_points
    result = Result(scenario, driver, conc, args.duration, points)
    warm_seconds = min(1.0, args.duration / 5)
    if driver == "wrk":
        run_wrk(server.base, Result(scenario, driver, conc, 0.0, points), warm_seconds, conc, bounds)
        s0, c0 = server.cpu_seconds(), _children_cpu()
        run_wrk(server.base, result, args.duration, conc, bounds)
        result.server_cpu = server.cpu_seconds() - s0
        result.client_cpu = _children_cpu() - c0
        return result
    n = 20_000 if scenario == "get" else 32
    reqs = make_requests(scenario, n, points, args.seed, bounds)
    drive = drive_raw if driver == "raw" else drive_httpx
    asyncio.run(drive(server.base, reqs, Result(scenario, driver, conc, 0.0, points), warm_seconds, conc))  # warm-up
    t0, s0, c0 = time.perf_counter(), server.cpu_seconds(), time.process_time()
    asyncio.run(drive(server.base, reqs, result, args.duration, conc))
    result.seconds = time.perf_counter() - t0
    result.server_cpu = server.cpu_seconds() - s0
    result.client_cpu = time.process_time() - c0
    return result


def _per_request(cpu_seconds: float, n: int) -> str:
    if not n or cpu_seconds <= 0:
        return "-"
    us = cpu_seconds / n * 1e6
    return f"{us:,.0f} us" if us < 10_000 else f"{us / 1e3:,.1f} ms"


def table(results: list[Result]) -> str:
    head = [
        "workers",
        "scenario",
        "driver",
        "conc",
        "points/req",
        "requests",
        "req/s",
        "points/s",
        "p50 ms",
        "p99 ms",
        "server CPU/req",
        "client CPU/req",
        "errors",
    ]
    rows = []
    for r in results:
        rows.append(
            [
                str(r.workers),
                r.scenario,
                r.driver,
                str(r.concurrency),
                f"{r.points_per_request:,}",
                f"{r.requests:,}",
                f"{r.rate:,.0f}",
                f"{r.rate * r.points_per_request:,.0f}",
                f"{r.pct(50):.2f}",
                f"{r.pct(99):.2f}",
                _per_request(r.server_cpu, r.requests),
                _per_request(r.client_cpu, r.requests),
                str(r.errors),
            ]
        )
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds per scenario and driver (default 10)")
    p.add_argument(
        "--workers", default="2", help="uvicorn worker processes (default 2); several to compare, e.g. 1,2,3"
    )
    p.add_argument("--concurrency", type=int, default=16, help="concurrent connections for GET (default 16)")
    p.add_argument("--post-concurrency", type=int, default=4, help="concurrent connections for POST (default 4)")
    p.add_argument("--post-points", type=int, default=1000, help="points per POST (default 1000)")
    p.add_argument("--scenarios", default="get,post,post-distances", help="comma-separated: get, post, post-distances")
    p.add_argument(
        "--driver",
        default="raw,wrk,httpx",
        help="comma-separated load generators: raw, wrk (skipped when not installed), httpx; default all three",
    )
    p.add_argument("--access-log", action="store_true", help="run the server with its access log on")
    p.add_argument("--data", metavar="DIR", help="dataset folder for the server (default: the embedded data)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.duration <= 0 or args.duration > 600:
        p.error("--duration must be within (0, 600] seconds")

    import avzone

    bounds = tuple(avzone.load(args.data).manifest.get("bounds") or DEFAULT_BOUNDS)
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    drivers = [d.strip() for d in args.driver.split(",") if d.strip()]
    for s in scenarios:
        if s not in ("get", "post", "post-distances"):
            p.error(f"unknown scenario {s!r}")
    for d in drivers:
        if d not in ("raw", "httpx", "wrk"):
            p.error(f"unknown driver {d!r}")
    if "wrk" in drivers and not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk): skipping the wrk driver", file=sys.stderr)
        drivers.remove("wrk")

    workers_list = [int(w) for w in str(args.workers).split(",") if w.strip()]
    if not workers_list or min(workers_list) < 1:
        p.error("--workers must be positive integers, e.g. 2 or 1,2,3")

    print(f"machine: {machine()}")
    print(f"python {platform.python_version()}; {http_stack()}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other work on the machine)")
    print(
        f"server: uvicorn avzone.service:app_from_env --factory --workers {args.workers} on {HOST} (loopback), "
        f"access log {'on' if args.access_log else 'off'}; {args.duration:g} s per row after a short warm-up"
    )
    print(
        "note: the load generator runs on this machine too and shares its cores with the server, "
        "so these are figures for the pair (a lower bound for the server alone); CPU/req columns "
        "are the CPU time the server processes and the load generator used per answered request."
    )
    sys.stdout.flush()

    results: list[Result] = []
    interrupted = False
    for workers in workers_list:
        if interrupted:
            break
        server = Server(
            workers,
            data=args.data,
            access_log=args.access_log,
            max_points=max(10_000, args.post_points),
            max_body=max(1_000_000, args.post_points * 60),
        )
        try:
            server.wait_ready()
            for scenario in scenarios:
                for driver in drivers:
                    if driver == "wrk" and scenario != "get":
                        continue
                    r = run_scenario(server, scenario, driver, args, bounds)
                    r.workers = workers
                    results.append(r)
                    print(
                        f"  workers={workers} {scenario:<15} {driver:<6} {r.requests:,} requests, {r.errors} errors",
                        flush=True,
                    )
        except KeyboardInterrupt:
            interrupted = True
        finally:
            server.stop()
    print()
    print(table(results))
    errors = sum(r.errors for r in results)
    for r in results:
        if r.first_error:
            print(f"first error in {r.scenario}/{r.driver}: {r.first_error}")
    print(f"\ntotal errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

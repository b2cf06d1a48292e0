"""Fixtures and helpers of the HTTP API tests: real uvicorn servers on loopback.

Two servers: ``serve()`` itself in a subprocess with the default limits (the
way ``avzone serve`` runs it), and a :class:`uvicorn.Server` in a thread of
this process serving ``create_app`` with small limits, for the 413 paths.
Every answer is checked against the schema the OpenAPI document gives for
its path, method and status.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import uvicorn
from common import free_port, run_cli

import avzone
from avzone.service import create_app
from avzone.service.app import server_options

HOST = "127.0.0.1"
AVZONE = str(Path(sys.executable).with_name("avzone"))
INSIDE = (116.50, 39.79)  # Yizhuang: in every zone
OUTSIDE = (116.3975, 39.9087)  # Tiananmen: in none
PATHS = {
    "/",
    "/healthz",
    "/v1/locate",
    "/v1/events",
    "/v1/layers",
    "/v1/layers/{layer_id}",
    "/v1/growth",
    "/v1/check",
}


def recv_all(sock: socket.socket, timeout: float = 5.0) -> bytes:
    """What the server sends until it closes the connection (Connection: close)."""
    sock.settimeout(timeout)
    chunks = []
    while True:
        try:
            data = sock.recv(65536)
        except TimeoutError:
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def wait_healthy(
    base: str, proc: subprocess.Popen | None = None, log: Path | None = None, timeout: float = 180
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text() if log else ''}")
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server at {base} did not answer /healthz within {timeout} s:\n{log.read_text() if log else ''}")


def start_serve(*, env: dict[str, str] | None = None, **kwargs: Any) -> tuple[subprocess.Popen, str, Path]:
    """``avzone.service.serve(...)`` in a subprocess on a free loopback port (``env``: added to its environment)."""
    port = free_port()
    args = ", ".join(f"{k}={v!r}" for k, v in {"host": HOST, "port": port, **kwargs}.items())
    log = Path(tempfile.mkstemp(prefix="avzone-serve-", suffix=".log")[1])
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", f"from avzone.service import serve; serve({args})"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=None if env is None else {**os.environ, **env},
        )
    base = f"http://{HOST}:{port}"
    wait_healthy(base, proc, log)
    return proc, base, log


def stop_serve(proc: subprocess.Popen, log: Path) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """``serve()`` in a subprocess, default limits."""
    proc, url, log = start_serve()
    try:
        yield url
    finally:
        stop_serve(proc, log)


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=120) as c:
        yield c


SMALL_BODY, SMALL_POINTS = 2_000, 5


@contextmanager
def thread_server(app: Any, http: type | None = None) -> Iterator[httpx.Client]:
    """``app`` served by a uvicorn.Server in a thread of this process (with the options of ``serve``), and a client.

    ``http``: the server's HTTP protocol, when not the one ``serve`` chooses (the h11 one, as without httptools).
    """
    port = free_port()
    options = {**server_options(), **({} if http is None else {"http": http})}
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning", **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url)
        with httpx.Client(base_url=url, timeout=60) as c:
            yield c
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def app(model: avzone.Model) -> Any:
    """create_app with its default limits (a module may give its own ``app``: :func:`hc` and :func:`doc` take it)."""
    return create_app(model)


@pytest.fixture(scope="module")
def hc(app: Any) -> Iterator[httpx.Client]:
    """The module's ``app`` (by default create_app with its default limits), in a uvicorn.Server thread."""
    with thread_server(app) as c:
        yield c


@pytest.fixture(scope="module")
def doc(app: Any) -> dict[str, Any]:
    """The OpenAPI document of the module's ``app``."""
    return dict(app.openapi())


@pytest.fixture(scope="module")
def small(model: avzone.Model) -> Iterator[httpx.Client]:
    """create_app with small limits, in a uvicorn.Server thread."""
    with thread_server(create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS)) as c:
        yield c


@pytest.fixture(scope="module")
def openapi(client: httpx.Client) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


def conforms(doc: dict[str, Any], path: str, method: str, r: httpx.Response) -> Any:
    """The response's body, after checking status, media type and body against the OpenAPI document."""
    op = doc["paths"][path][method]
    assert str(r.status_code) in op["responses"], f"{method.upper()} {path}: undocumented status {r.status_code}"
    content = op["responses"][str(r.status_code)].get("content", {})
    media = r.headers["content-type"].split(";")[0].strip()
    assert media in content, f"{method.upper()} {path} {r.status_code}: undocumented media type {media}"
    if media == "text/html":
        return r.text
    body = r.json()
    schema = {**content[media]["schema"], "components": doc["components"]}
    jsonschema.Draft202012Validator(schema).validate(body)
    return body


def cli_json(*args: str) -> Any:
    """What ``avzone ARGS --json`` prints (run in process)."""
    out = run_cli(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)

"""The service under hostile clients: slow headers and bodies, aborted uploads, heavy requests, broken data."""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from common import run_cli

import avzone
from avzone.service import create_app
from avzone.service.middleware import H11HeaderTimeoutProtocol, HeaderTimeoutProtocol

from .conftest import HOST, INSIDE, conforms, free_port, recv_all, wait_healthy


class _FastHeaderTimeout(HeaderTimeoutProtocol):
    header_timeout_s = 0.5


class _FastH11HeaderTimeout(H11HeaderTimeoutProtocol):
    header_timeout_s = 0.5


@contextmanager
def served(app: Any, http: type = _FastHeaderTimeout, log_level: str = "info", **options: Any) -> Iterator[int]:
    """``app`` in a uvicorn.Server thread with the header deadline of ``serve`` (0.5 s here); the port.

    ``options``: more of ``uvicorn.Config``'s (``serve``'s own, say, from ``server_options``).
    """
    port = free_port()
    config = uvicorn.Config(app, host=HOST, port=port, log_level=log_level, http=http, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_healthy(f"http://{HOST}:{port}")
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def port(model: avzone.Model) -> Iterator[int]:
    with served(create_app(model, body_timeout_s=0.5)) as p:
        yield p


@pytest.fixture(scope="module")
def h11_port(model: avzone.Model) -> Iterator[int]:
    """The same server with h11 (uvicorn's parser without httptools)."""
    with served(create_app(model, body_timeout_s=0.5), http=_FastH11HeaderTimeout) as p:
        yield p


HEAD_TIMEOUT = (
    "request timeout: the request head (its request line and header fields, ended by an empty line) did not arrive "
    "whole within 0.5 s; send the whole head at once"
)
HEAD_TIMEOUT_ZH = "请求超时：请求头（请求行和请求头字段，以空行结束）没有在 0.5 秒内完整到达；请一次发送整个请求头"


def timed_out(answer: bytes) -> tuple[dict[str, str], Any]:
    """The header fields (names lower-cased) and JSON body of a 408 answer to a head not ended at the deadline."""
    top, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = top.decode("latin-1").split("\r\n")
    assert status == "HTTP/1.1 408 Request Timeout", answer[:300]
    fields = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    assert fields["connection"] == "close" and fields["content-type"] == "application/json"
    assert int(fields["content-length"]) == len(body)
    return fields, json.loads(body)


@pytest.mark.parametrize("server", ["port", "h11_port"])
def test_slow_headers_are_cut_off_with_408(request: pytest.FixtureRequest, server: str) -> None:
    """A head begun and not ended at the header deadline, the client silent (its sending side open), is answered
    408 Request Timeout in the service's error shape, then the connection closed: it was closed without a word, and
    the client could not tell a server gone from a request too slow."""
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
        t0 = time.monotonic()
        answer = recv_all(sock)  # (to the server's close)
        assert time.monotonic() - t0 < 3
    fields, body = timed_out(answer)
    assert body == {"detail": HEAD_TIMEOUT} and fields["content-language"] == "en"
    with socket.create_connection((HOST, port)) as sock:  # kept alive: the next request's headers too
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /hea")  # (the request line not even ended)
        assert timed_out(recv_all(sock))[1] == {"detail": HEAD_TIMEOUT}


@pytest.mark.parametrize("server", ["port", "h11_port"])
@pytest.mark.parametrize(
    ("head", "detail", "lang"),
    [
        (b"GET /v1/growth?lang=zh HTTP/1.1\r\nHost: x\r\n", HEAD_TIMEOUT_ZH, "zh"),
        (b"GET /v1/growth HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n", HEAD_TIMEOUT_ZH, "zh"),
        (b"GET /v1/growth HTTP/1.1\r\nAccept-Language: zh-CN\r\nHost: x\r\n", HEAD_TIMEOUT_ZH, "zh"),
        (b"GET /v1/growth?lang=zh&lon=1", HEAD_TIMEOUT_ZH, "zh"),  # (the URL still arriving: its lang so far)
        (b"GET /v1/growth HTTP/1.1\r\nAccept-Lang", HEAD_TIMEOUT, "en"),  # (a field not ended: not read)
    ],
)
def test_a_head_not_ended_at_the_deadline_is_408_in_the_language_it_asks_for(
    request: pytest.FixtureRequest, server: str, head: bytes, detail: str, lang: str
) -> None:
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(head)
        fields, body = timed_out(recv_all(sock))
    assert body == {"detail": detail} and fields["content-language"] == lang


@pytest.mark.parametrize("server", ["port", "h11_port"])
@pytest.mark.parametrize("sent", [b"", b"\r\n", b"\r\n\r\n"], ids=["nothing", "an empty line", "two"])
def test_a_connection_on_which_no_request_began_is_closed_without_a_word(
    request: pytest.FixtureRequest, server: str, sent: bytes
) -> None:
    """Nothing of a request (empty lines before a request line are none: skipped) is no request to answer: the
    connection is closed at the header deadline, as servers close idle connections; after an answer too (kept
    alive)."""
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(sent)
        t0 = time.monotonic()
        assert recv_all(sock) == b""
        assert time.monotonic() - t0 < 3
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + sent)
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 200") and answer.count(b"HTTP/1.1") == 1, answer


@pytest.mark.parametrize("server", ["port", "h11_port"])
def test_a_url_over_the_limit_that_never_ends_is_answered_at_the_header_deadline(
    request: pytest.FixtureRequest, server: str
) -> None:
    """Read on for its language (not kept), a URL over the limit is refused at the deadline if it has not ended."""
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(b"GET /v1/locate?lang=zh&lon=" + b"1" * 200_000)  # never finished
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:200]
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["detail"].startswith("请求 URL 太长")


@pytest.mark.parametrize("server", ["port", "h11_port"])
def test_a_url_over_the_limit_whose_head_never_ends_counts_its_last_header_field(
    request: pytest.FixtureRequest, server: str
) -> None:
    """At the header deadline, the Accept-Language field read whole last chooses the language of the 414 (httptools
    gives a field only once the next one has begun: it was left out)."""
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(b"GET /v1/locate?lon=" + b"1" * 20_000 + b" HTTP/1.1\r\nHost: x\r\nAccept-Language: zh\r\n")
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:200]
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["detail"].startswith("请求 URL 太长")


def test_slow_body_gets_408(port: int) -> None:
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(
            b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[[116"
        )
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"too slow" in answer


@pytest.mark.parametrize("server", ["port", "h11_port"])
@pytest.mark.parametrize(
    ("reset", "said", "not_said"),
    [(False, "body cut short", "went away"), (True, "went away", "body cut short")],
    ids=["closed", "reset"],
)
def test_aborted_upload_is_one_log_line(
    request: pytest.FixtureRequest, server: str, reset: bool, said: str, not_said: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A client closing its connection mid-upload arrives as the end of its data, as a half-close does: its body is
    refused as cut short (the server cannot tell it from a client waiting for the answer); a connection reset is a
    client gone away. One line either way, no traceback."""
    port = request.getfixturevalue(server)
    caplog.set_level(logging.INFO)
    with socket.create_connection((HOST, port), timeout=5) as sock:
        if reset:  # (closed with SO_LINGER 0: a reset, not the end of the data)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(
            b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            + b"["
            + b"[116.5, 39.79]," * 100
        )
        time.sleep(0.2)  # (the head read and the upload begun before the close)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(said in r.getMessage() for r in caplog.records):
        time.sleep(0.05)
    lines = [r for r in caplog.records if said in r.getMessage()]
    assert len(lines) == 1 and "POST /v1/locate" in lines[0].getMessage()
    assert not any(not_said in r.getMessage() for r in caplog.records)
    assert not any(r.exc_info for r in caplog.records), [r.getMessage() for r in caplog.records if r.exc_info]


def test_heavy_queue_full_is_503(model: avzone.Model, openapi: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from avzone.service.common import HEAVY_QUEUE, HEAVY_WORKERS

    app = create_app(model)
    app.state.avzone.heavy_pending = HEAVY_WORKERS + HEAVY_QUEUE  # as if that many were running or waiting
    with TestClient(app) as c:
        r = c.post("/v1/locate?distances=true", json=[list(INSIDE)])
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert "busy" in conforms(openapi, "/v1/locate", "post", r)["detail"]
        assert c.post("/v1/locate", json=[list(INSIDE)]).status_code == 200  # light requests still answered
        app.state.avzone.heavy_pending = 0
        r = c.post("/v1/locate?distances=true", json=[list(INSIDE)])
        assert r.status_code == 200 and r.json()["results"][0]["distance_to_edge_m"] is not None


def test_serve_with_broken_data_fails_at_start_up(tmp_path: Path) -> None:
    (tmp_path / "dataset.json").write_text(json.dumps({"layers": "x"}), encoding="utf-8")
    r = run_cli("serve", "--data", str(tmp_path), "--port", str(free_port()))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "dataset.json" in r.stderr

"""Request limits: body size, point count, bad limits refused."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import h11
import httpx
import pytest
import uvicorn
from uvicorn.server import ServerState

import avzone
from avzone.i18n import error_text
from avzone.service import create_app, serve
from avzone.service.app import server_options
from avzone.service.common import MAX_HEAD_BYTES, MAX_URL_BYTES
from avzone.service.middleware import H11HeaderTimeoutProtocol, HeaderTimeoutProtocol, _WatchedConnection

from .conftest import HOST, INSIDE, SMALL_BODY, SMALL_POINTS, conforms, recv_all, thread_server


# -- limits -----------------------------------------------------------------------------
def test_limits_are_reported_by_healthz(client, small):
    assert client.get("/healthz").json()["max_points"] == 10_000
    h = small.get("/healthz").json()
    assert (h["max_body_bytes"], h["max_points"]) == (SMALL_BODY, SMALL_POINTS)


def test_body_too_large_by_content_length(small, openapi):
    body = json.dumps([list(INSIDE)] * 200).encode()
    assert len(body) > SMALL_BODY
    r = small.post("/v1/locate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    detail = conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert "max_body_bytes=2000" in detail and "Content-Length" in detail


def test_body_too_large_chunked(small, openapi):
    body = json.dumps([list(INSIDE)] * 400).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 512):
            yield body[i : i + 512]

    r = small.post("/v1/locate", content=chunks(), headers={"content-type": "application/json"})
    assert r.request.headers.get("transfer-encoding") == "chunked" and "content-length" not in r.request.headers
    assert r.status_code == 413
    assert "max_body_bytes=2000" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert small.get("/healthz").status_code == 200  # the server is fine afterwards


def test_chunked_body_within_the_limit_is_read(small):
    body = json.dumps([list(INSIDE)] * 3).encode()
    r = small.post("/v1/locate", content=iter([body[:7], body[7:]]))
    assert r.status_code == 200 and r.json()["count"] == 3


def test_too_many_points(small, openapi):
    r = small.post("/v1/locate", json=[list(INSIDE)] * (SMALL_POINTS + 1))
    assert r.status_code == 413
    assert "max_points=5" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}] * 6,
    }
    assert small.post("/v1/locate", json=fc).status_code == 413
    ok = small.post("/v1/locate", json=[list(INSIDE)] * SMALL_POINTS)
    assert ok.status_code == 200 and ok.json()["count"] == SMALL_POINTS


def test_create_app_and_serve_refuse_bad_limits(model):
    with pytest.raises(avzone.InputError, match="max_points"):
        create_app(model, max_points=0)
    with pytest.raises(avzone.InputError, match="max_body_bytes"):
        create_app(model, max_body_bytes=True)
    with pytest.raises(avzone.InputError, match="workers"):
        serve(workers=0)
    with pytest.raises(avzone.InputError, match="max_points"):
        serve(workers=2, max_points=-5)  # refused before any worker starts


@pytest.mark.parametrize(
    ("call", "english", "chinese"),
    [
        (
            lambda m: create_app(m, max_points=0),
            "max_points must be a positive integer, got 0",
            "max_points 必须是正整数，收到的是 0",
        ),
        (
            lambda m: create_app(m, max_body_bytes=True),
            "max_body_bytes must be a positive integer, got True",
            "max_body_bytes 必须是正整数，收到的是 True",
        ),
        (lambda m: serve(workers=0), "workers must be a positive integer, got 0", "workers 必须是正整数，收到的是 0"),
        (
            lambda m: serve(workers=2, max_points=-5),
            "max_points must be a positive integer, got -5",
            "max_points 必须是正整数，收到的是 -5",
        ),
        (
            lambda m: serve(port=70000),
            "port must be a TCP port number from 0 to 65535, got 70000",
            "port 必须是 0 到 65535 之间的 TCP 端口号，收到的是 70000",
        ),
    ],
)
def test_bad_limits_are_refused_in_english_and_chinese(model, call, english, chinese):
    """str(err) is the English as before; avzone.i18n.error_text gives the Chinese (what avzone serve prints)."""
    with pytest.raises(avzone.InputError) as caught:
        call(model)
    assert str(caught.value) == english
    assert error_text(caught.value, "zh") == chinese


# -- app_from_env: the settings uvicorn --factory (and serve's workers) read from the environment ------------------
@pytest.mark.parametrize(("name", "default"), [("AVZONE_MAX_BODY_BYTES", 1_000_000), ("AVZONE_MAX_POINTS", 10_000)])
@pytest.mark.parametrize("value", ["abc", "0", "-5", "", " ", "1.5", "1e6", "+3", "1_000", "١٢"])
def test_app_from_env_refuses_a_bad_limit_naming_the_variable(monkeypatch, name, default, value):
    from avzone.service import app_from_env

    for other in ("AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(avzone.InputError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable {name} must be a positive integer, got {value!r} (default when unset: {default})"
    )
    assert error_text(caught.value, "zh") == f"环境变量 {name} 必须是正整数，收到的是 {value!r}（未设置时为 {default}）"


def test_app_from_env_refuses_an_unreadable_dataset_folder_naming_the_variable(monkeypatch, tmp_path):
    from avzone.service import app_from_env

    missing = str(tmp_path / "missing")
    monkeypatch.setenv("AVZONE_DATA", missing)
    monkeypatch.delenv("AVZONE_MAX_BODY_BYTES", raising=False)
    monkeypatch.delenv("AVZONE_MAX_POINTS", raising=False)
    with pytest.raises(avzone.DataError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable AVZONE_DATA={missing!r}: {missing}: not a dataset folder (no such directory); "
        "give a dataset folder, or leave it unset or empty for the embedded data"
    )
    assert error_text(caught.value, "zh") == (
        f"环境变量 AVZONE_DATA={missing!r}：{missing}：不是数据集文件夹（目录不存在）；"
        "请给出数据集文件夹，或不设置、设为空以使用内置数据"
    )


def test_app_from_env_reads_good_limits(monkeypatch):
    from avzone.service import app_from_env

    monkeypatch.setenv("AVZONE_DATA", "")  # empty: the embedded data
    monkeypatch.setenv("AVZONE_MAX_BODY_BYTES", " 2000\n")
    monkeypatch.setenv("AVZONE_MAX_POINTS", "7")
    state = app_from_env().state.avzone
    assert (state.max_body_bytes, state.max_points, state.model.name) == (2000, 7, "beijing")
    monkeypatch.delenv("AVZONE_MAX_BODY_BYTES")
    monkeypatch.delenv("AVZONE_MAX_POINTS")
    state = app_from_env().state.avzone
    assert (state.max_body_bytes, state.max_points) == (1_000_000, 10_000)


@pytest.mark.parametrize("value", ["fr", "ZH", "zh_CN", " zh"])
def test_app_from_env_refuses_an_unknown_page_language_naming_the_variable(monkeypatch, value):
    """AVZONE_LANG (the pages' language of serve's workers when a request asks for none) is en or zh."""
    from avzone.service import app_from_env

    for other in ("AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv("AVZONE_LANG", value)
    with pytest.raises(avzone.InputError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable AVZONE_LANG={value!r}: unknown language; choose one of en, zh, or leave it unset or "
        "empty for the locale's"
    )
    assert error_text(caught.value, "zh") == (
        f"环境变量 AVZONE_LANG={value!r}：未知的语言；可选 en、zh，或不设置、设为空以使用区域设置的语言"
    )


# -- request heads over the limits or malformed: the service's error shape, not the server's plain-text 400 --------
@pytest.fixture(scope="module", params=["httptools", "h11"])
def hc(request, model) -> Iterator[httpx.Client]:
    """create_app with its default limits, served with each of uvicorn's HTTP parsers (h11: without httptools)."""
    http = HeaderTimeoutProtocol if request.param == "httptools" else H11HeaderTimeoutProtocol
    with thread_server(create_app(model), http=http) as c:
        yield c


def test_serve_runs_the_h11_protocol_without_httptools(monkeypatch):
    from avzone.service import middleware

    assert server_options()["http"] is HeaderTimeoutProtocol
    monkeypatch.setattr(middleware, "_HAVE_HTTPTOOLS", False)
    assert server_options()["http"] is H11HeaderTimeoutProtocol


def _raw(client, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` on a socket of ``client``'s server; the answer's status, headers and body."""
    port = int(client.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(request)
        answer = recv_all(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


_URL_EN = (
    "request URL too long: more than 16,384 bytes; GET requests take a few short parameters: send many points in a "
    "POST body"
)
_URL_ZH = "请求 URL 太长：超过 16,384 字节；GET 请求只需几个简短的参数：大量的点请放在 POST 请求体中发送"
_HEAD_EN = (
    "request header fields too large: the request line and headers are more than 65,536 bytes; send fewer or "
    "shorter headers"
)
_BAD_EN = (
    "malformed HTTP request: its request line or header fields cannot be read; send METHOD /path?query HTTP/1.1 "
    "(the path and query in ASCII, other bytes percent-encoded), then header fields Name: value, Host among them"
)
_HOST_EN = (
    "malformed HTTP request: it has {n} Host header fields; an HTTP/1.1 request has exactly one (an HTTP/1.0 request "
    "one at most): send Host: with the name (and port) the service is reached at, once"
)
_HOST_ZH = (
    "HTTP 请求格式错误：它有 {n} 个 Host 请求头；HTTP/1.1 请求必须恰好有一个（HTTP/1.0 请求最多一个）："
    "请发送一次 Host:，写上访问服务所用的主机名（和端口）"
)
_TWICE_EN = (
    "malformed HTTP request: the length of its body is said twice (Transfer-Encoding and Content-Length both, or "
    "Content-Length more than once), which two servers could read as different requests; send one Content-Length, "
    "or Transfer-Encoding: chunked alone"
)
_BAD_ZH = (
    "HTTP 请求格式错误：无法读取其请求行或请求头；请发送 METHOD /path?query HTTP/1.1（路径和查询只用 ASCII 字符，"
    "其他字节用百分号编码），再发送 Name: value 形式的请求头，其中要有 Host"
)


@pytest.mark.parametrize("size", [70_000, 1_000_000])  # (httptools gave up at 64 KiB with a plain-text 400)
def test_a_url_over_the_limit_is_414_in_the_service_shape(hc, size):
    status, headers, body = _raw(hc, b"GET /v1/locate?lat=39&lon=" + b"1" * size + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 414 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"detail": _URL_EN}
    assert headers["content-language"] == "en" and headers["connection"] == "close"


def test_a_url_over_the_limit_is_refused_in_the_language_asked(hc):
    doc = hc.get("/openapi.json").json()
    long_lon = "1" * (MAX_URL_BYTES + 1)
    r = hc.get("/v1/locate", params={"lang": "zh", "lat": "39", "lon": long_lon})
    assert r.status_code == 414 and conforms(doc, "/v1/locate", "get", r) == {"detail": _URL_ZH}
    r = hc.get("/v1/locate", params={"lat": "39", "lon": long_lon}, headers={"accept-language": "zh-CN"})
    assert r.status_code == 414 and r.json() == {"detail": _URL_ZH}
    assert r.headers["content-language"] == "zh" and r.headers["vary"] == "Accept-Language"
    ok = hc.get("/v1/locate", params={"lat": "39.79", "lon": "116.5", "crs": "EPSG:4326", "x": "y" * 100})
    assert ok.status_code == 422  # a long URL within the limit is read (and its unknown parameter refused)


@pytest.mark.parametrize("size", [70_000, 1_000_000])
def test_a_url_over_the_limit_is_refused_in_the_language_it_asks_after_the_limit(hc, size):
    """A URL is read to its end (its bytes over the limit not kept): a lang= after 64 KiB of it, and the
    Accept-Language field after it, still choose the language of its 414."""
    long = b"GET /v1/locate?lat=39&lon=" + b"1" * size
    status, headers, body = _raw(hc, long + b"&lang=zh HTTP/1.1\r\nHost: x\r\n\r\n")
    assert (status, json.loads(body)) == (414, {"detail": _URL_ZH})
    assert headers["content-language"] == "zh" and "vary" not in headers
    status, headers, body = _raw(hc, long + b" HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r\n")
    assert (status, json.loads(body)) == (414, {"detail": _URL_ZH})
    assert headers["content-language"] == "zh" and headers["vary"] == "Accept-Language"
    status, _, body = _raw(hc, b"GET /v1/locate?lang=zh&lon=" + b"1" * size + b"&lang=en HTTP/1.1\r\nHost: x\r\n\r\n")
    assert (status, json.loads(body)) == (414, {"detail": _URL_EN})  # the last lang counts
    status, _, body = _raw(hc, long + b"&lang=zh HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n")
    assert (status, json.loads(body)) == (414, {"detail": _URL_ZH})  # (header fields over the limit after it)


@pytest.mark.parametrize("size", [70_000, 1_000_000])
def test_header_fields_over_the_limit_are_431_in_the_service_shape(hc, size):
    status, _, body = _raw(hc, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + b"a" * size + b"\r\n\r\n")
    assert status == 431 and json.loads(body) == {"detail": _HEAD_EN}
    r = hc.get("/healthz", headers={"x-filler": "a" * 70_000, "accept-language": "zh"})
    assert r.status_code == 431 and r.json() == {
        "detail": "请求头太大：请求行和请求头超过 65,536 字节；请少发或缩短请求头"
    }
    assert hc.get("/healthz", headers={"x-filler": "a" * 60_000}).status_code == 200  # within the limit


def test_many_header_fields_arriving_whole_over_the_limit_are_431(hc):
    """Fields each short, sent at once: the head is measured whole (h11 reads a head that arrived whole)."""
    fields = b"".join(b"X-F%d: %s\r\n" % (i, b"a" * 1000) for i in range(70))
    status, _, body = _raw(hc, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n")
    assert status == 431 and json.loads(body) == {"detail": _HEAD_EN}


@pytest.mark.parametrize(
    "head",
    [
        b"GARBAGE\r\n\r\n",
        b"G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n",  # a bad method
        b"GET /healthz HTTP/9.1\r\nHost: x\r\n\r\n",  # a bad HTTP version
        b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n",  # a version not served
        b"GET /healthz HTTP/1.10\r\nHost: x\r\n\r\n",
        b"GET /v1/locate?lon=\xe4\xb8\xad HTTP/1.1\r\nHost: x\r\n\r\n",  # bytes that are not ASCII
        b"GET /\xe4\xb8\xad HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",  # a malformed header field
    ],
)
def test_a_malformed_request_head_is_400_in_the_service_shape(hc, head):
    status, headers, body = _raw(hc, head)
    assert status == 400 and headers["content-type"] == "application/json", body
    assert json.loads(body) == {"detail": _BAD_EN}
    assert headers["content-language"] == "en" and headers["connection"] == "close"
    assert hc.get("/healthz").status_code == 200  # the server is fine afterwards


@pytest.mark.parametrize(
    "head",
    [
        b"GET /healthz?lang=zh HTTP/9.1\r\nHost: x\r\n\r\n",
        b"GET /healthz?lang=zh HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nAccept-Language: zh-CN\r\nBad Header\r\n\r\n",
    ],
)
def test_a_malformed_request_head_is_refused_in_the_language_it_asks(hc, head):
    status, headers, body = _raw(hc, head)
    assert (status, json.loads(body)) == (400, {"detail": _BAD_ZH})
    assert headers["content-language"] == "zh"
    assert headers.get("vary") == (None if b"lang=zh" in head else "Accept-Language")


_FOLDED_EN = (
    "malformed HTTP request: a header field is folded onto a line of its own (a line beginning with a space or a "
    "tab: obsolete line folding, RFC 9112 §5.2); send each header field on one line"
)
_FOLDED_ZH = (
    "HTTP 请求格式错误：有请求头字段折行写到了单独的一行（以空格或制表符开头的行：已废弃的折行写法，"
    "RFC 9112 §5.2）；请把每个请求头字段写在一行内"
)


@pytest.mark.parametrize(
    ("head", "detail"),
    [
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", _FOLDED_EN),  # (h11 read it as "a b")
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n", _FOLDED_EN),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A:\r\n b\r\n\r\n", _FOLDED_EN),
        (b"GET /healthz HTTP/1.1\r\nX-A: a\r\n Host: x\r\n\r\n", _FOLDED_EN),  # (h11 read no Host)
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nHost: y\r\n\r\n", _FOLDED_EN),
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n 3\r\n\r\n[]", _FOLDED_EN),  # (h11 refused it)
        (b"GET /healthz HTTP/1.1\r\n Host: x\r\n\r\n", _BAD_EN),  # (a first field so begun: no fold, malformed)
    ],
    ids=["space", "tab", "empty-value", "host-folded", "two-hosts", "length-folded", "first-field"],
)
def test_a_folded_header_field_is_400_with_either_parser(hc, head, detail):
    """RFC 9112 5.2: a server refuses obs-fold with 400, or reads it as spaces. httptools refused it (a malformed head),
    h11 read it as spaces (the request answered): both refuse it, saying why, and close the connection."""
    status, headers, body = _raw(hc, head)
    assert (status, headers["content-type"], json.loads(body)) == (400, "application/json", {"detail": detail})
    assert headers["content-language"] == "en" and headers["connection"] == "close"


@pytest.mark.parametrize(
    ("head", "vary"),
    [
        (b"GET /healthz?lang=zh HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", None),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\nX-A: a\r\n b\r\n\r\n", "Accept-Language"),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n en;q=0.1\r\n\r\n", "Accept-Language"),
    ],
)
def test_a_folded_header_field_is_refused_in_the_language_the_head_asks(hc, head, vary):
    """The fields as written choose the language (a folded Accept-Language read up to its fold, as httptools reads
    it: with h11's joined value, "zh-CN en;q=0.1", it could differ)."""
    status, headers, body = _raw(hc, head)
    assert (status, json.loads(body), headers["content-language"]) == (400, {"detail": _FOLDED_ZH}, "zh")
    assert headers.get("vary") == vary


@pytest.mark.parametrize(
    ("head", "n"),
    [
        (b"GET /healthz HTTP/1.1\r\n\r\n", 0),  # no Host (RFC 9112 3.2: an HTTP/1.1 request has exactly one)
        (b"GET /healthz HTTP/1.1\r\nAccept: */*\r\n\r\n", 0),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 2),  # two
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: x\r\n\r\n", 2),
        (b"GET /healthz HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", 2),  # (one at most in HTTP/1.0)
    ],
)
def test_a_request_without_exactly_one_host_is_400_in_the_service_shape(hc, head, n):
    """httptools read these as any other request (h11 refused them): both parsers refuse them, saying why."""
    status, headers, body = _raw(hc, head)
    assert (status, headers["content-type"]) == (400, "application/json")
    assert json.loads(body) == {"detail": _HOST_EN.format(n=n)}
    assert headers["content-language"] == "en" and headers["connection"] == "close"
    status, headers, body = _raw(hc, head.replace(b"/healthz", b"/healthz?lang=zh"))
    assert (status, json.loads(body), headers["content-language"]) == (400, {"detail": _HOST_ZH.format(n=n)}, "zh")


def test_an_http10_request_without_host_is_read(hc):
    status, _, body = _raw(hc, b"GET /healthz HTTP/1.0\r\n\r\n")
    assert status == 200 and json.loads(body)["status"] == "ok"


@pytest.mark.parametrize("empty", [b"\r\n", b"\n", b"\r\n\n\r\n"])
def test_empty_lines_before_a_request_line_are_skipped(hc, empty):
    """RFC 9112 2.2: a server ought to ignore at least one empty line before a request line (h11 refused even one
    with a 400; httptools skipped them): before the first request, and between requests sent at once."""
    one = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    last = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(empty + one + empty + one + empty * 3 + last)
        answers = _answers(recv_all(sock))
    assert [status for status, _, _ in answers] == [200, 200, 200]
    assert answers[-1][2] == hc.get("/v1/layers").content


def test_h11_skips_empty_lines_however_they_arrive():
    """A CR read alone may begin an empty line: the request after it is read (h11 refused a CR as a request line)."""
    heads: list[bytes] = []
    watcher = SimpleNamespace(
        head_read=lambda request, head: heads.append(head), head_unreadable=lambda head, exc: heads.append(head)
    )
    conn = _WatchedConnection(MAX_HEAD_BYTES, watcher)  # type: ignore[arg-type]
    for piece in (b"\r", b"\n\r", b"\n", b"\n\r"):
        conn.receive_data(piece)
        assert conn.next_event() is h11.NEED_DATA
    conn.receive_data(b"\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert isinstance(conn.next_event(), h11.Request)
    assert heads == [b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"]  # (the head measured from its request line)
    conn = _WatchedConnection(MAX_HEAD_BYTES, watcher)  # type: ignore[arg-type]
    conn.receive_data(b"\r\rGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")  # (a CR not ending a line: not skipped)
    with pytest.raises(h11.RemoteProtocolError):
        conn.next_event()
    assert heads[-1] == b"\r\rGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


def test_an_h11_without_its_receive_buffer_refuses_empty_lines_as_before():
    """Skipping empty lines uses a private part of h11 (it has no public way to drop received bytes): an h11 without
    it refuses the empty lines with the 400 it always gave, and still reads requests without them."""
    heads: list[bytes] = []
    watcher = SimpleNamespace(
        head_read=lambda request, head: heads.append(head), head_unreadable=lambda head, exc: heads.append(head)
    )
    conn = _WatchedConnection(MAX_HEAD_BYTES, watcher)  # type: ignore[arg-type]
    conn._receive_buffer = _NoExtract(conn._receive_buffer)  # type: ignore[assignment]
    conn.receive_data(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert isinstance(conn.next_event(), h11.Request)
    conn = _WatchedConnection(MAX_HEAD_BYTES, watcher)  # type: ignore[arg-type]
    conn.receive_data(b"\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    buffer = conn._receive_buffer
    conn._receive_buffer = _NoExtract(buffer)  # type: ignore[assignment]
    with pytest.raises(h11.RemoteProtocolError):
        conn.next_event()


class _NoExtract:
    """An h11 receive buffer without ``maybe_extract_at_most`` (everything else passed through)."""

    def __init__(self, buffer: object) -> None:
        self._buffer = buffer

    def __getattr__(self, name: str) -> object:
        if name == "maybe_extract_at_most":
            raise AttributeError(name)
        return getattr(self._buffer, name)

    def __len__(self) -> int:
        return len(self._buffer)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self._buffer)

    def __bytes__(self) -> bytes:
        return bytes(self._buffer)  # type: ignore[call-overload]

    def __iadd__(self, data: bytes) -> _NoExtract:
        self._buffer += data  # type: ignore[operator]
        return self


@pytest.mark.parametrize(
    ("head", "detail"),
    [
        (b"GET /healthz HTTP/1.1\r\n\r\n", _HOST_EN.format(n=0)),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", _HOST_EN.format(n=2)),
        (b"GET /healthz HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", _HOST_EN.format(n=2)),
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", _TWICE_EN),
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 3\r\n\r\n", _TWICE_EN),
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", _TWICE_EN),
        (b"GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n", _BAD_EN),  # (no Host, and a malformed field)
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n", _BAD_EN),
    ],
)
def test_h11_refusals_are_chosen_from_the_head_not_from_h11s_words(model, monkeypatch, head, detail):
    """Which 400 a head h11 refuses gets is read from the head's bytes: with each of h11's errors worded anew, each
    is still the specific one (matched against h11's words, a new wording made it the generic 400)."""
    reads = h11.Connection.next_event

    def reworded(self: h11.Connection) -> Any:
        try:
            return reads(self)
        except h11.RemoteProtocolError as exc:
            raise h11.RemoteProtocolError("worded anew", error_status_hint=exc.error_status_hint) from None

    monkeypatch.setattr(h11.Connection, "next_event", reworded)
    with thread_server(create_app(model), http=H11HeaderTimeoutProtocol) as c:
        status, headers, body = _raw(c, head)
    assert (status, headers["content-type"], json.loads(body)) == (400, "application/json", {"detail": detail})


def _answers(raw: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """The answers (status, headers, body) one after the other in ``raw``, each body as long as its Content-Length."""
    answers = []
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
        size = int(headers["content-length"])
        answers.append((int(status_line.split()[1]), headers, rest[:size]))
        raw = rest[size:]
    return answers


_SMUGGLED = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"  # a request in the body, read as one by some servers


@pytest.mark.parametrize(
    "head",
    [
        b"Content-Length: 2\r\nContent-Length: 46\r\n",  # two lengths
        b"Content-Length: 46\r\nContent-Length: 46\r\n",  # (the same twice: h11 read it, httptools refused it)
        b"Content-Length: 46, 46\r\n",
        b"Content-Length: 46\r\nTransfer-Encoding: chunked\r\n",  # a length and chunked (RFC 9112 6.1, 6.3)
        b"Transfer-Encoding: chunked\r\nContent-Length: 46\r\n",
    ],
)
@pytest.mark.parametrize("version", [b"1.1", b"1.0"])
def test_a_body_whose_length_is_said_two_ways_is_400_and_the_connection_closed(hc, head, version):
    """Read one way, the body is "[]"; the other way, a request follows it: nothing of it is read, and answered."""
    body = b"2\r\n[]\r\n0\r\n\r\n" + _SMUGGLED
    assert len(body) == 46
    request = b"POST /v1/locate HTTP/" + version + b"\r\nHost: x\r\n" + head + b"\r\n" + body
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(request)
        answers = _answers(recv_all(sock))  # (till the server closes the connection)
    assert [(status, headers["connection"], json.loads(body)) for status, headers, body in answers] == [
        (400, "close", {"detail": _TWICE_EN})
    ]


@pytest.mark.parametrize(
    ("refused", "status", "detail"),
    [
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400, _BAD_EN),
        (b"GET /healthz HTTP/1.1\r\n\r\n", 400, _HOST_EN.format(n=0)),
        (
            b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
            400,
            _TWICE_EN,
        ),
        (b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", 400, _TWICE_EN),
        (b"GET /healthz?" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, _URL_EN),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n", 431, _HEAD_EN),
    ],
)
@pytest.mark.parametrize("before", [1, 3])
def test_a_pipelined_head_refused_is_answered_after_the_answers_before_it(hc, refused, status, detail, before):
    """Requests sent at once, the last refused: each answer before its refusal is written whole, then the refusal.

    (httptools reads the heads as they arrive: the refusal was written at once, before or within the answers to
    the requests before it.)"""
    good = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\n\r\n"
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(good * before + refused)
        answers = _answers(recv_all(sock))
    layers = hc.get("/v1/layers").content
    assert [(s, b) for s, _, b in answers[:-1]] == [(200, layers)] * before
    last_status, last_headers, last_body = answers[-1]
    assert (last_status, json.loads(last_body)) == (status, {"detail": detail})
    assert last_headers["connection"] == "close"


_CHUNKS_EN = (
    "malformed HTTP request: its chunked body cannot be read (a chunk size that is not hexadecimal, a chunk longer "
    "than its size, no CRLF after a chunk, or a last chunk not ending the body with CRLF); send each chunk as its "
    "size in hexadecimal, CRLF, its bytes, CRLF, and end the body with 0, CRLF, CRLF"
)
_CHUNKS_ZH = (
    "HTTP 请求格式错误：无法读取其分块（chunked）请求体（块大小不是十六进制数、块比所给大小长、块后没有 CRLF，"
    "或最后一块没有以 CRLF 结束请求体）；请把每一块写成：十六进制的大小、CRLF、块的字节、CRLF，最后以 0、CRLF、"
    "CRLF 结束请求体"
)
_CHUNKED = b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
_POINTS = json.dumps([list(INSIDE)]).encode()
_BAD_CHUNKS = [
    b"zz\r\n" + _POINTS + b"\r\n0\r\n\r\n",  # a chunk size that is not hexadecimal
    b"%x\r\n" % len(_POINTS) + _POINTS + b"0\r\n\r\n",  # no CRLF after a chunk
    b"%x\r\n" % (len(_POINTS) - 3) + _POINTS + b"\r\n0\r\n\r\n",  # a chunk longer than its size
    b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n0\r\r\n",  # a last chunk cut short (its line end)
    b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n0\r\n" + _SMUGGLED,  # (no CRLF after it: a request as its trailer)
]


@pytest.mark.parametrize("body", _BAD_CHUNKS)
def test_a_malformed_chunked_body_is_400_in_the_service_shape_and_the_connection_closed(hc, body):
    """It was uvicorn's plain-text 400 "Invalid HTTP request received.": the service's error, nothing after it."""
    assert hc.post("/v1/locate", content=iter([_POINTS])).status_code == 200  # (read when well framed)
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(_CHUNKED + body)
        answers = _answers(recv_all(sock))  # (till the server closes the connection)
    assert [(s, h["content-type"], h["connection"], json.loads(b)) for s, h, b in answers] == [
        (400, "application/json", "close", {"detail": _CHUNKS_EN})
    ]
    assert hc.get("/healthz").status_code == 200  # the server is fine afterwards


@pytest.mark.parametrize(
    ("asked", "vary"),
    [(b"?lang=zh", None), (b"", b"Accept-Language: zh-CN\r\n")],
)
def test_a_malformed_chunked_body_is_refused_in_the_language_its_head_asks(hc, asked, vary):
    head = _CHUNKED.replace(b"/v1/locate", b"/v1/locate" + asked).replace(
        b"\r\n\r\n", b"\r\n" + (vary or b"") + b"\r\n"
    )
    status, headers, body = _raw(hc, head + _BAD_CHUNKS[0])
    assert (status, json.loads(body), headers["content-language"]) == (400, {"detail": _CHUNKS_ZH}, "zh")
    assert headers.get("vary") == (None if vary is None else "Accept-Language")


@pytest.mark.parametrize("before", [1, 3])
def test_a_pipelined_request_with_a_malformed_chunked_body_is_refused_after_the_answers_before_it(hc, before):
    """httptools queues a request sent before the answers to the ones before it: it is never answered, its
    refusal is written after their answers, whole."""
    good = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\n\r\n"
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(good * before + _CHUNKED + _BAD_CHUNKS[0])
        answers = _answers(recv_all(sock))
    layers = hc.get("/v1/layers").content
    assert [(s, b) for s, _, b in answers[:-1]] == [(200, layers)] * before
    assert (answers[-1][0], json.loads(answers[-1][2])) == (400, {"detail": _CHUNKS_EN})


def _recv_answer(sock: socket.socket) -> bytes:
    """One answer read from ``sock`` (its head and as many bytes of body as its Content-Length says)."""
    sock.settimeout(5)
    got = b""
    while b"\r\n\r\n" not in got:
        got += sock.recv(65536)
    head, _, body = got.partition(b"\r\n\r\n")
    size = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))
    while len(body) < size:
        body += sock.recv(65536)
    return got


def test_a_malformed_chunked_body_after_its_answer_gets_no_second_answer(hc):
    """A path that does not exist is answered without its body being read: the malformed framing that comes
    after is not answered again (a second answer to one request would be read as the next one's, and was
    uvicorn's plain-text 400), the connection is closed."""
    head = _CHUNKED.replace(b"/v1/locate", b"/v1/nowhere")
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(head + b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n")
        answer = _recv_answer(sock)
        sock.sendall(b"zz\r\n")
        rest = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 404 ") and rest == b""


@contextmanager
def _uvicorn_warnings() -> Iterator[list[str]]:
    """The warnings (and worse) uvicorn's server logger logs meanwhile (the server's thread logs to it)."""
    seen: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    uvicorn_log = logging.getLogger("uvicorn.error")
    uvicorn_log.addHandler(handler)
    try:
        yield seen
    finally:
        uvicorn_log.removeHandler(handler)


@pytest.mark.parametrize("apart", [False, True], ids=["at-once", "after-a-chunk"])
def test_a_malformed_chunked_body_is_logged_as_such(hc, caplog, apart):
    """One line says why (logger avzone.service), not that the client went away after some bytes of its body, nor
    uvicorn's warning "Invalid HTTP request received." as well (the request is answered: it is no server's trouble).
    A malformed head keeps uvicorn's warning (test_a_head_refused_over_the_limits_is_logged_as_such)."""
    first = _CHUNKED + b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n"
    port = int(hc.base_url.port)
    with _uvicorn_warnings() as warned, caplog.at_level(logging.INFO, logger="avzone.service"):
        with socket.create_connection((HOST, port), timeout=5) as sock:
            sock.sendall(first if apart else first + b"zz\r\n")
            if apart:
                time.sleep(0.3)  # (read by the parser in a read of its own, the route waiting for the next chunk)
                sock.sendall(b"zz\r\n")
            answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 400 ")
    said = [r.getMessage() for r in caplog.records if r.name == "avzone.service"]
    assert any("a malformed request body: answered 400" in m for m in said), said
    assert not any("went away" in m for m in said), said
    assert warned == []


def _half_closed(client, request: bytes, timeout: float = 5.0) -> tuple[bytes, bool]:
    """Send ``request`` on a socket of ``client``'s server and close its sending side (a half-close); what the server
    sends, and whether it then closed the connection (else nothing came for ``timeout`` seconds)."""
    port = int(client.base_url.port)
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        got = b""
        while True:
            try:
                data = sock.recv(65536)
            except TimeoutError:
                return got, False
            if not data:
                return got, True
            got += data


_CUT_EN = (
    "incomplete HTTP request: the client closed its sending side after {n} of the {length} bytes of body its "
    "Content-Length says; send the whole body before closing"
)
_CUT_CHUNKS_EN = (
    "incomplete HTTP request: the client closed its sending side after {n} bytes of its chunked body, before its "
    "last chunk; send the whole body, ended with 0, CRLF, CRLF, before closing"
)
_POST = b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
_WHOLE = _POST + b"Content-Length: %d\r\n\r\n" % len(_POINTS) + _POINTS
_WHOLE_CHUNKED = _CHUNKED + b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n0\r\n\r\n"


@pytest.mark.parametrize(
    ("request_", "detail"),
    [
        (_POST + b"Content-Length: 100\r\n\r\n" + _POINTS[:7], _CUT_EN.format(n=7, length=100)),
        (_POST + b"Content-Length: 100\r\n\r\n", _CUT_EN.format(n=0, length=100)),
        (_WHOLE[:-1], _CUT_EN.format(n=len(_POINTS) - 1, length=len(_POINTS))),
        (_CHUNKED + b"5\r\n" + _POINTS[:5], _CUT_CHUNKS_EN.format(n=5)),  # (within a chunk)
        (_CHUNKED + b"5\r\n" + _POINTS[:5] + b"\r\n", _CUT_CHUNKS_EN.format(n=5)),  # (between chunks)
        (_WHOLE_CHUNKED[:-2], _CUT_CHUNKS_EN.format(n=len(_POINTS))),  # (the last chunk without its CRLF)
        (_CHUNKED, _CUT_CHUNKS_EN.format(n=0)),
    ],
    ids=["length-part", "length-none", "length-all-but-one", "chunk-part", "chunk-whole", "last-chunk-part", "none"],
)
def test_a_body_cut_short_by_a_half_close_is_400_in_the_service_shape_and_the_connection_closed(hc, request_, detail):
    """The client sends fewer body bytes than its head says, closes its sending side and waits: it was answered
    nothing (uvicorn closed the connection at the client's end of data); it is the service's 400, then the close."""
    raw, closed = _half_closed(hc, request_)
    assert [(s, h["content-type"], h["connection"], json.loads(b)) for s, h, b in _answers(raw)] == [
        (400, "application/json", "close", {"detail": detail})
    ]
    assert closed
    assert hc.get("/healthz").status_code == 200  # the server is fine afterwards


@pytest.mark.parametrize(
    "request_",
    [
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        _WHOLE,
        _WHOLE_CHUNKED,
    ],
    ids=["get", "post", "post-chunked"],
)
def test_a_request_read_whole_before_a_half_close_is_answered_then_the_connection_closed(hc, request_):
    """A client that closes its sending side after its request (``printf ... | nc -N``) waits for the answer: it got
    none (uvicorn closed the connection at once); it gets it, then the connection is closed."""
    raw, closed = _half_closed(hc, request_)
    assert [status for status, _, _ in _answers(raw)] == [200] and closed


@pytest.mark.parametrize(
    ("rest", "vary"),
    [
        (b"&lang=zh", None),
        (b"&lang=zh HTTP/1.1\r\nHost: x\r\n", None),
        (b" HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n", "Accept-Language"),
        (b" HTTP/1.1\r\nAccept-Language: zh-CN\r\nHost: x\r\n", "Accept-Language"),
        (b" HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r", "Accept-Language"),
    ],
    ids=["in-the-url", "in-the-head", "accept-language-last", "accept-language-before", "accept-language-last-cr"],
)
@pytest.mark.parametrize("size", [20_000, 70_000])  # (within the head limit: h11 had read nothing of it)
def test_a_url_over_the_limit_cut_short_by_a_half_close_is_414_in_the_language_asked(hc, rest, vary, size):
    """A URL over the limit is read on to the end of its head for its language: a client that closes its sending side
    before that end is refused with what arrived, as at the header deadline, not closed on without an answer. The
    last header field read whole counts (httptools gives a field only once the next one begins: it was left out)."""
    raw, closed = _half_closed(hc, b"GET /v1/locate?lon=" + b"1" * size + rest)
    assert [(s, h["content-language"], h.get("vary"), json.loads(b)) for s, h, b in _answers(raw)] == [
        (414, "zh", vary, {"detail": _URL_ZH})
    ]
    assert closed


_HEAD_CUT_EN = (
    "incomplete HTTP request: the client closed its sending side before the end of its request head (the empty line "
    "after its header fields); send the whole head, ended with CRLF, CRLF, before closing"
)
_HEAD_CUT_ZH = (
    "HTTP 请求不完整：客户端在请求头结束（请求头字段之后的空行）之前就关闭了发送端；"
    "请在关闭之前发送整个请求头，并以 CRLF、CRLF 结束"
)


@pytest.mark.parametrize(
    ("head", "detail"),
    [
        (b"G", _HEAD_CUT_EN),
        (b"GET /healthz?lang=zh HTT", _HEAD_CUT_ZH),
        (b"GET /healthz HTTP/1.1\r\n", _HEAD_CUT_EN),
        (b"\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n", _HEAD_CUT_EN),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n", _HEAD_CUT_ZH),  # (the last field)
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r", _HEAD_CUT_ZH),
        (b"GET /healthz HTTP/1.1\r\nAccept-Language: zh-CN\r\nHost: x\r\nX-A: a", _HEAD_CUT_ZH),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh", _HEAD_CUT_EN),  # (a line not ended: not read)
        (b"GET /healthz HTTP/1.1\r\nAccept-Language: en;q=0.5\r\nAccept-Language: zh\r\n", _HEAD_CUT_ZH),
        (_POST + b"Content-Length: 100\r\n", _HEAD_CUT_EN),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad line\r\nAccept-Language: zh\r\n", _BAD_ZH),  # (malformed)
    ],
    ids=[
        "a-byte",
        "request-line-part",
        "request-line",
        "after-an-empty-line",
        "accept-language-last",
        "accept-language-last-cr",
        "accept-language-before",
        "accept-language-not-ended",
        "accept-language-twice",
        "post",
        "malformed",
    ],
)
def test_a_head_cut_short_by_a_half_close_is_400_in_the_language_asked_and_the_connection_closed(hc, head, detail):
    """The client sends part of a request head and closes its sending side: it was answered nothing (the connection
    closed at once); it is the service's 400 in the language the head asked for as far as it arrived (the last
    header field read whole counts: httptools had not given it), then the close."""
    raw, closed = _half_closed(hc, head)
    lang = "zh" if detail in (_HEAD_CUT_ZH, _BAD_ZH) else "en"
    assert [
        (s, h["content-type"], h["connection"], h["content-language"], json.loads(b)) for s, h, b in _answers(raw)
    ] == [(400, "application/json", "close", lang, {"detail": detail})]
    assert closed


@pytest.mark.parametrize("sent", [b"", b"\r\n", b"\r\n\r\n\n"], ids=["nothing", "an-empty-line", "empty-lines"])
def test_a_half_close_before_any_request_closes_the_connection_without_an_answer(hc, sent):
    """Nothing of a request arrived (empty lines before a request line are skipped): nothing to answer."""
    assert _half_closed(hc, sent) == (b"", True)


def test_a_head_cut_short_after_requests_read_whole_is_refused_after_their_answers(hc):
    """Pipelined (the head cut short sent with the requests before it), or sent once their answers came: they are
    answered, then the 400, then the close (h11 reads the head only once the answers before it are written)."""
    good = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\n\r\n"
    cut = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\nAccept-Language: zh\r\n"
    layers = hc.get("/v1/layers").content
    raw, closed = _half_closed(hc, good * 2 + cut)
    answers = _answers(raw)
    assert [(s, b) for s, _, b in answers[:-1]] == [(200, layers)] * 2
    assert (answers[-1][0], json.loads(answers[-1][2])) == (400, {"detail": _HEAD_CUT_ZH}) and closed
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(good)
        first = _recv_answer(sock)
        sock.sendall(cut)
        sock.shutdown(socket.SHUT_WR)
        rest = _answers(recv_all(sock))
    assert first.startswith(b"HTTP/1.1 200 ")
    assert [(s, json.loads(b)) for s, _, b in rest] == [(400, {"detail": _HEAD_CUT_ZH})]


def test_a_pipelined_request_cut_short_is_refused_after_the_answers_before_it(hc):
    """Requests sent at once, the last cut short by the half-close: the ones before it are answered whole (h11 reads
    the last only once they are), then its 400, then the close."""
    good = b"GET /v1/layers HTTP/1.1\r\nHost: x\r\n\r\n"
    raw, closed = _half_closed(hc, good * 2 + _POST + b"Content-Length: 100\r\n\r\n" + _POINTS)
    layers = hc.get("/v1/layers").content
    answers = _answers(raw)
    assert [(s, b) for s, _, b in answers[:-1]] == [(200, layers)] * 2
    assert (answers[-1][0], json.loads(answers[-1][2])) == (400, {"detail": _CUT_EN.format(n=len(_POINTS), length=100)})
    assert closed


def test_a_body_cut_short_after_its_answer_gets_no_second_answer(hc):
    """A path that does not exist is answered without its body being read: the half-close that cuts the body short
    after it gets no second answer (it would be read as the next request's), the connection is closed."""
    head = _POST.replace(b"/v1/locate", b"/v1/nowhere") + b"Content-Length: 100\r\n\r\n"
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(head + _POINTS)
        answer = _recv_answer(sock)
        sock.shutdown(socket.SHUT_WR)
        rest = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 404 ") and rest == b""


def test_a_body_cut_short_is_logged_as_such(hc, caplog):
    """One line says why (logger avzone.service); not that the client went away, nor uvicorn's warning."""
    with _uvicorn_warnings() as warned, caplog.at_level(logging.INFO, logger="avzone.service"):
        raw, _ = _half_closed(hc, _POST + b"Content-Length: 100\r\n\r\n" + _POINTS)
    assert raw.startswith(b"HTTP/1.1 400 ")
    said = [r.getMessage() for r in caplog.records if r.name == "avzone.service"]
    cut = "sent a POST /v1/locate body cut short (closed its sending side, or the connection): answered 400"
    assert any(cut in m for m in said), said
    assert not any("went away" in m for m in said), said
    assert warned == []


def test_a_head_cut_short_is_logged_as_such(hc, caplog):
    """One line says why (logger avzone.service); not uvicorn's warning."""
    with _uvicorn_warnings() as warned, caplog.at_level(logging.INFO, logger="avzone.service"):
        raw, _ = _half_closed(hc, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    assert raw.startswith(b"HTTP/1.1 400 ")
    said = [r.getMessage() for r in caplog.records if r.name == "avzone.service"]
    cut = "sent a request head cut short (closed its sending side, or the connection): answered 400"
    assert any(cut in m for m in said), said
    assert warned == []


def test_kept_alive_requests_are_read_within_the_head_limit(hc):
    """The head limit counts each request's head alone: many requests on one connection are each read."""
    one = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + b"a" * 40_000 + b"\r\n\r\n"
    last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(one * 3 + last)
        answer = recv_all(sock)
    assert answer.count(b"HTTP/1.1 200 OK") == 4 and b" 431 " not in answer


def test_a_head_refused_over_the_limits_is_logged_as_such(hc, caplog):
    """One line says why (logger avzone.service), not uvicorn's "Invalid HTTP request received." as well."""
    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append  # type: ignore[method-assign]
    uvicorn_log = logging.getLogger("uvicorn.error")
    uvicorn_log.addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="avzone.service"):
            status, _, _ = _raw(hc, b"GET /healthz?" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            big, _, _ = _raw(hc, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n")
            bad, _, _ = _raw(hc, b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
    finally:
        uvicorn_log.removeHandler(handler)
    assert (status, big, bad) == (414, 431, 400)
    assert [r.getMessage() for r in seen] == ["Invalid HTTP request received."]  # (the malformed one only)
    said = [r.getMessage() for r in caplog.records if r.name == "avzone.service"]
    assert any("over the limits: answered 414" in m for m in said)
    assert any("over the limits: answered 431" in m for m in said)
    assert any("a malformed request head: answered 400" in m for m in said)


class _Transport(asyncio.Transport):
    """A transport that keeps what the protocol writes (the protocol driven without a socket)."""

    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.closing = False

    def write(self, data: Any) -> None:
        self.written += bytes(data)

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        pass

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return (HOST, 1) if name in ("peername", "sockname") else default

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


def _connected(http: Any, app: Any) -> tuple[Any, _Transport]:
    """Protocol ``http`` of the served settings for ``app``, connected to a :class:`_Transport` (no socket): call it
    inside a running event loop."""
    config = uvicorn.Config(app, http=http, **{k: v for k, v in server_options().items() if k != "http"})
    config.load()
    protocol = http(config, ServerState(), {})
    transport = _Transport()
    protocol.connection_made(transport)
    return protocol, transport


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
def test_a_url_read_to_its_end_is_not_held(http):
    """50 MB of URL read for its language: the protocol holds no more than the head limit and one read of it."""

    async def app(scope: Any, receive: Any, send: Any) -> None:  # (never reached)
        raise AssertionError

    async def drive() -> tuple[int, bytes]:
        protocol, transport = _connected(http, app)
        protocol.data_received(b"GET /v1/locate?lon=")
        for _ in range(800):
            protocol.data_received(b"1" * 65_536)
        held = len(getattr(protocol, "url", b"")) + sum(map(len, getattr(protocol, "_head_reads", None) or []))
        held += len(protocol.conn.trailing_data[0]) if http is H11HeaderTimeoutProtocol else 0
        protocol.data_received(b"&lang=zh HTTP/1.1\r\nHost: x\r\n\r\n")
        protocol.connection_lost(None)
        return held, transport.written

    held, written = asyncio.run(drive())
    assert held <= MAX_HEAD_BYTES + 65_536
    assert written.startswith(b"HTTP/1.1 414 ") and json.loads(written.partition(b"\r\n\r\n")[2]) == {"detail": _URL_ZH}


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
def test_the_header_deadline_waits_for_a_pipelined_answer(http):
    """Two requests sent at once, the second answered slowly: no header deadline runs while it is answered (the
    deadline armed after the first answer closed the connection within the second when it took 10 s)."""
    release: asyncio.Event

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["path"] == "/slow":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def drive() -> tuple[list[bool], bytes]:
        nonlocal release
        release = asyncio.Event()
        protocol, transport = _connected(http, app)
        protocol.data_received(b"GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\n")

        async def answered(n: int) -> None:  # (the loop run until n answers are written)
            for _ in range(10_000):
                if transport.written.count(b"HTTP/1.1 200") >= n:
                    return
                await asyncio.sleep(0)
            raise AssertionError(transport.written)

        await answered(1)  # (the first answered: the second is being answered)
        armed = [protocol._deadline is not None]
        release.set()
        await answered(2)
        armed.append(protocol._deadline is not None)  # (the next head's)
        protocol.connection_lost(None)
        return armed, transport.written

    armed, written = asyncio.run(drive())
    assert armed == [False, True]
    assert written.count(b"\r\n\r\nok") == 2


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
def test_a_pipelined_refusal_waits_for_the_answer_before_it_and_then_the_header_deadline_closes(http):
    """Driven without a socket: the answer before the refusal is written whole first (it had not begun when the
    refusal was decided); then the connection waits for the client to close, up to the header deadline (the
    keep-alive timer, armed by the answer before, would close it sooner, with what the client sends unread)."""
    release: asyncio.Event

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def drive() -> tuple[bytes, bytes, bool, bool]:
        nonlocal release
        release = asyncio.Event()
        protocol, transport = _connected(http, app)
        protocol.data_received(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        for _ in range(100):
            await asyncio.sleep(0)
        before = transport.written  # (the first request's answer not begun)
        release.set()
        for _ in range(10_000):
            if b"400 Bad Request" in transport.written:
                break
            await asyncio.sleep(0)
        timers = (protocol.timeout_keep_alive_task is None, protocol._deadline is not None)
        protocol.connection_lost(None)
        return before, transport.written, *timers

    before, written, no_keep_alive, deadline = asyncio.run(drive())
    assert before == b""
    first, _, refusal = written.partition(b"\r\n\r\nok")
    assert first.startswith(b"HTTP/1.1 200 OK\r\n") and refusal.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert json.loads(refusal.partition(b"\r\n\r\n")[2]) == {"detail": _BAD_EN}
    assert (no_keep_alive, deadline) == (True, True)


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
def test_a_malformed_chunked_body_while_its_answer_is_written_lets_the_answer_end_then_closes(http):
    """Driven without a socket: the answer begun before the framing broke is written to its end, nothing after it
    (no second answer, no plain-text 400 within it), then the connection is closed: with httptools once the client
    closes it, or at the header deadline; with h11 at once (h11 has it closed after an error of the client's)."""
    release: asyncio.Event

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await release.wait()
        await send({"type": "http.response.body", "body": b"ok"})

    async def drive() -> tuple[bytes, bytes, bool, bool]:
        nonlocal release
        release = asyncio.Event()
        protocol, transport = _connected(http, app)
        protocol.data_received(_CHUNKED + b"%x\r\n" % len(_POINTS) + _POINTS + b"\r\n")
        for _ in range(10_000):
            if b"\r\n\r\n" in transport.written:
                break
            await asyncio.sleep(0)
        begun = transport.written  # (the answer's head)
        protocol.data_received(b"zz\r\n")
        protocol.data_received(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")  # (dropped)
        release.set()
        for _ in range(100):
            await asyncio.sleep(0)
        state = (transport.closing, protocol._deadline is not None)
        protocol.connection_lost(None)
        return begun, transport.written, *state

    begun, written, closed, deadline = asyncio.run(drive())
    assert begun.startswith(b"HTTP/1.1 200 OK\r\n") and begun.endswith(b"\r\n\r\n")
    assert written == begun + b"ok"
    assert (closed, deadline) == ((False, True) if http is HeaderTimeoutProtocol else (True, False))


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
@pytest.mark.parametrize(
    ("then", "detail"),
    [(b"zz\r\n", _CHUNKS_EN), (None, _CUT_CHUNKS_EN.format(n=5))],
    ids=["malformed", "half-closed"],
)
def test_a_body_error_while_the_application_reads_the_body_is_400(http, then, detail):
    """Driven without a socket: the application has read a chunk and waits for the next when the framing breaks (or
    the client closes its sending side): it is told the client went away, what it then writes is dropped, and the
    answer is the service's 400, the connection closed; nothing waits on."""
    read: list[dict[str, Any]] = []
    reading: asyncio.Event
    done: asyncio.Event

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            read.append(message)
            if not message.get("more_body"):
                break
            reading.set()  # (then waits for the next)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})
        done.set()

    async def drive() -> tuple[bytes, bool]:
        nonlocal reading, done
        reading, done = asyncio.Event(), asyncio.Event()
        protocol, transport = _connected(http, app)
        protocol.data_received(_CHUNKED + b"5\r\n" + _POINTS[:5] + b"\r\n")
        await asyncio.wait_for(reading.wait(), 5)
        if then is None:
            protocol.eof_received()  # (the refusal written, the connection closed: asyncio's transport then
            # writes what it holds before it closes)
        else:
            protocol.data_received(then)
        await asyncio.wait_for(done.wait(), 5)
        closing = transport.closing or protocol._deadline is not None  # (closed, or the client's close awaited)
        protocol.connection_lost(None)
        return transport.written, closing

    written, closing = asyncio.run(drive())
    assert [message["type"] for message in read] == ["http.request", "http.disconnect"]
    assert read[0]["body"] == _POINTS[:5]
    head, _, body = written.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n") and b"content-type: application/json" in head
    assert json.loads(body) == {"detail": detail} and closing


@pytest.mark.parametrize("half_close", [False, True], ids=["malformed", "half-closed"])
def test_a_body_error_while_the_service_reads_the_body_is_400(hc, half_close):
    """The service reading a chunked body (its first chunk sent, the rest awaited) when the framing breaks, or the
    client closes its sending side: the service's 400, not a 500, nor an answer that never comes."""
    port = int(hc.base_url.port)
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(_CHUNKED + b"5\r\n" + _POINTS[:5] + b"\r\n")
        time.sleep(0.3)  # (the route reads the first chunk, and waits for the next)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        else:
            sock.sendall(b"zz\r\n")
        answers = _answers(recv_all(sock))
    detail = _CUT_CHUNKS_EN.format(n=5) if half_close else _CHUNKS_EN
    assert [(s, h["content-type"], json.loads(b)) for s, h, b in answers] == [
        (400, "application/json", {"detail": detail})
    ]


_LONG_URL = b"GET /v1/locate?lon=" + b"1" * 70_000  # (over the head limit: the head's reads are not kept)


@pytest.mark.parametrize("http", [HeaderTimeoutProtocol, H11HeaderTimeoutProtocol])
@pytest.mark.parametrize(
    ("reads", "detail"),
    [
        ([b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n"], _HEAD_CUT_ZH),
        (list(b"GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r"), _HEAD_CUT_ZH),  # (byte by byte)
        (
            [b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 10_000, b"\r\nAccept-Language: zh", b"\r", b"\n"],
            _HEAD_CUT_ZH,
        ),
        ([b"GET /healthz HTTP/1.1\r\nAccept-Language: zh\r\nX-A: " + b"a" * 10_000 + b"\r\n"], _HEAD_CUT_ZH),
        ([b"GET /healthz HTTP/1.1\r\nAccept-Language: zh-CN," + b" " * 5_000 + b"en;q=0.1\r\n"], _HEAD_CUT_ZH),
        ([_LONG_URL, b" HTTP/1.1\r\nHost: x\r\n", b"Accept-Language: zh\r\n"], _URL_ZH),
        ([_LONG_URL + b" HTTP/1.1\r\nHost: x\r\nAccept-Language: z", b"h-CN", b"\r", b"\n"], _URL_ZH),
        ([_LONG_URL, *b" HTTP/1.1\r\nAccept-Language: zh-CN\r\n"], _URL_ZH),  # (byte by byte)
        ([_LONG_URL, b" HTTP/1.1\r\nAccept-Language: zh\r\nX-A: " + b"a" * 10_000 + b"\r\n"], _URL_ZH),
    ],
    ids=[
        "one-read",
        "byte-by-byte",
        "long-field-before",
        "long-field-after",
        "long-field",
        "long-url",
        "long-url-field-in-pieces",
        "long-url-byte-by-byte",
        "long-url-field-after",
    ],
)
def test_the_last_field_of_a_head_cut_short_counts_however_it_arrives(http, reads, detail):
    """Driven without a socket: the head arrives in reads of any size, then the client closes its sending side; the
    Accept-Language field read whole last chooses the language (httptools had not given it, the next not begun; h11
    had given up on a URL over its limit at once when its request line had ended, the rest of its head unread)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:  # (never reached)
        raise AssertionError

    async def drive() -> tuple[bool, bytes, bool]:
        protocol, transport = _connected(http, app)
        for read in reads:
            protocol.data_received(bytes([read]) if isinstance(read, int) else read)
        assert transport.written == b""
        kept_open = protocol.eof_received()
        protocol.connection_lost(None)
        return kept_open, transport.written, transport.closing

    kept_open, written, closing = asyncio.run(drive())
    head, _, body = written.partition(b"\r\n\r\n")
    status = 414 if detail in (_URL_ZH, _URL_EN) else 400
    assert head.startswith(b"HTTP/1.1 %d " % status) and b"content-type: application/json" in head
    assert json.loads(body) == {"detail": detail}
    assert (kept_open, closing) == (False, True)

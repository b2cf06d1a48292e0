"""Edges of the HTTP service where a wrong answer looked right.

- A q-value written with whitespace around its ``=`` (``zh;q = 0.9``) is not one: RFC 9110 writes
  ``weight = OWS ";" OWS "q=" qvalue``. It was read as 0.9; such an item is now malformed, as ``q=1e0`` is.
- A body of a UTF-16 or UTF-32 byte order mark alone, unlabelled, was "body is empty": its bytes are not UTF-8
  (the charset a body without one is read in), and are refused as UTF-16 bytes are. A UTF-8 BOM alone decodes to
  an empty document: "body is empty" is true there, and for a UTF-16 BOM alone in a body declared UTF-16.
- After a refusal the connection was given a whole header deadline more: a client silent after a 408 at the deadline
  held it twice the deadline. It is now closed at the deadline of the head refused (and a short linger after).
- The ``Content-Length`` of a body cut short was read with :func:`int` (``+5``, ``5_0``, Arabic-Indic ``٥``).
- ``/docs`` and ``/redoc`` declare their charset first in the page.
"""

from __future__ import annotations

import codecs
import logging
import math
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import avzone
from avzone.i18n import Message
from avzone.service import create_app
from avzone.service.app import server_options
from avzone.service.common import accepts_gzip, weighted_items
from avzone.service.language import accept_language
from avzone.service.middleware import H11HeaderTimeoutProtocol, HeaderTimeoutProtocol, _HeadGuard

from .conftest import HOST, recv_all
from .test_hardening import served

# -- q-values --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["q = 0.9", "q =0.9", "q= 0.9", "q\t=0.9", "q=\t0.9"])
def test_a_q_value_with_whitespace_around_its_equals_sign_is_malformed(written: str) -> None:
    assert [q != q for _, _, q in weighted_items(f"zh;{written}")] == [True]  # (NaN: malformed)
    assert accept_language(f"zh;{written}, en;q=0.5") == "en"  # (the Chinese range skipped, as any malformed one)
    assert accept_language(f"en;{written}, zh;q=0.5") == "zh"
    assert not accepts_gzip(f"gzip;{written}")  # (a malformed q-value refuses, as q=1e0 does)


@pytest.mark.parametrize("written", ["q=0.9", "Q=0.9", " q=0.9", "q=0.9 ", "\tq=0.9\t"])
def test_whitespace_where_rfc_9110_allows_it_is_read(written: str) -> None:
    """OWS before the parameter (after the ``;``) and after the q-value (before the list's ``,``) is allowed."""
    assert [q for _, _, q in weighted_items(f"zh ;{written}")] == [0.9]
    assert accept_language(f"zh ;{written}, en;q=0.5") == "zh"
    assert accepts_gzip(f"gzip;{written}")


def test_an_error_answer_skips_a_range_with_a_spaced_q_value(hc: httpx.Client) -> None:
    r = hc.get("/v1/locate", params={"lon": "x", "lat": "39.8"}, headers={"accept-language": "zh;q = 0.9, en;q=0.5"})
    assert r.status_code == 422 and r.headers["content-language"] == "en", r.text
    r = hc.get("/v1/locate", params={"lon": "x", "lat": "39.8"}, headers={"accept-language": "zh;q=0.9, en;q=0.5"})
    assert r.status_code == 422 and r.headers["content-language"] == "zh", r.text


def test_a_gzip_with_a_spaced_q_value_is_not_accepted(hc: httpx.Client) -> None:
    """A layer (over 1 KiB) is gzipped for a client accepting gzip: not for one whose q-value is malformed."""
    r = hc.get("/v1/layers/current", headers={"accept-encoding": "gzip;q=1"})
    assert r.status_code == 200 and r.headers.get("content-encoding") == "gzip"
    r = hc.get("/v1/layers/current", headers={"accept-encoding": "gzip;q = 1"})
    assert r.status_code == 200 and "content-encoding" not in r.headers


# -- byte order marks alone ------------------------------------------------------------------------------------

UTF16 = (
    "body is UTF-16 or UTF-32, not UTF-8 (byte {byte} at position 0: a byte order mark or a zero byte, which no JSON "
    "text in UTF-8 has), and declares no such charset: send the JSON as UTF-8 (JSON's encoding), or declare its "
    "charset (Content-Type: application/json; charset=utf-16 or utf-32)"
)
UTF16_ZH = (
    "请求体是 UTF-16 或 UTF-32 而不是 UTF-8（位置 0 的字节 {byte}：字节序标记或零字节，"
    "UTF-8 的 JSON 文本中没有这样的字节），却没有声明这样的字符集：请以 UTF-8（JSON 的编码）发送 JSON，"
    "或声明其字符集（Content-Type: application/json; charset=utf-16 或 utf-32）"
)
EMPTY = {
    "/v1/locate": "body is empty: send a JSON array of [lon, lat] pairs or a FeatureCollection",
    "/v1/events": 'body is empty: send {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}]}',
}


@pytest.mark.parametrize("path", ["/v1/locate", "/v1/events"])
@pytest.mark.parametrize(
    ("body", "byte"),
    [
        (codecs.BOM_UTF16_LE, "0xff"),
        (codecs.BOM_UTF16_BE, "0xfe"),
        (codecs.BOM_UTF32_LE, "0xff"),
        (codecs.BOM_UTF32_BE, "0x00"),
        (codecs.BOM_UTF16_BE + " ".encode("utf-16-be"), "0xfe"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16-be and a space"],
)
@pytest.mark.parametrize("content_type", [None, "application/json", "application/json; charset=utf-8"])
def test_a_utf16_byte_order_mark_alone_unlabelled_is_utf16_bytes_not_an_empty_body(
    hc: httpx.Client, path: str, body: bytes, byte: str, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    r = hc.post(path, content=body, headers=headers)
    assert r.status_code == 422 and r.json()["detail"] == UTF16.format(byte=byte), r.text
    r = hc.post(path, content=body, headers={**headers, "accept-language": "zh"})
    assert r.status_code == 422 and r.json()["detail"] == UTF16_ZH.format(byte=byte), r.text


@pytest.mark.parametrize("path", ["/v1/locate", "/v1/events"])
@pytest.mark.parametrize(
    ("body", "charset"),
    [
        (codecs.BOM_UTF8, None),  # (UTF-8, JSON's encoding: its BOM alone decodes to "", no JSON text)
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),  # (declared: it decodes to an empty text too)
        (codecs.BOM_UTF16_BE, "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32"),
    ],
    ids=["utf-8", "utf-8 declared", "utf-16-le declared", "utf-16-be declared", "utf-32-le declared"],
)
def test_a_byte_order_mark_alone_in_its_own_charset_is_an_empty_body(
    hc: httpx.Client, path: str, body: bytes, charset: str | None
) -> None:
    assert body.decode({None: "utf-8-sig", "utf-8": "utf-8-sig"}.get(charset, charset or "")) == ""
    headers = {} if charset is None else {"content-type": f"application/json; charset={charset}"}
    r = hc.post(path, content=body, headers=headers)
    assert r.status_code == 422 and r.json()["detail"] == EMPTY[path], r.text


@pytest.mark.parametrize("path", ["/v1/locate", "/v1/events"])
def test_a_form_feed_is_no_json_whitespace(hc: httpx.Client, path: str) -> None:
    """JSON's whitespace is space, tab, CR and LF (RFC 8259 §2): a form feed is not JSON, not an empty body."""
    r = hc.post(path, content=b"\x0c")
    assert r.status_code == 422 and r.json()["detail"].startswith("body is not valid JSON"), r.text


# -- the connection after a refusal ----------------------------------------------------------------------------

TIMEOUT_S = 1.0


class _OneSecond(HeaderTimeoutProtocol):
    header_timeout_s = TIMEOUT_S


class _OneSecondH11(H11HeaderTimeoutProtocol):
    header_timeout_s = TIMEOUT_S


@pytest.fixture(scope="module", params=["httptools", "h11"])
def one_second(request: pytest.FixtureRequest, model: avzone.Model) -> Iterator[int]:
    """The service with a header deadline of 1 s, with each parser: its port."""
    http = _OneSecond if request.param == "httptools" else _OneSecondH11
    with served(create_app(model), http=http) as port:
        yield port


def _until_closed(port: int, *sends: tuple[float, bytes]) -> tuple[float, bytes]:
    """Connect, send each ``(delay, bytes)`` after its delay, read the answer: (seconds to the server's close, answer).

    The server half-closes once its refusal is written (the client reads its end), and closes at its deadline, which
    sends nothing: the close is seen by a byte sent now and then (dropped by the server while it reads on, refused
    with a reset once it has closed). The server's deadline does not move for such bytes: a client that sends
    nothing is closed at the same time.
    """
    with socket.create_connection((HOST, port)) as sock:
        t0 = time.monotonic()
        for delay, data in sends:
            time.sleep(delay)
            sock.sendall(data)
        answer = recv_all(sock, timeout=4 * TIMEOUT_S)  # (to the server's half-close)
        while time.monotonic() - t0 < 5 * TIMEOUT_S:
            time.sleep(0.02)
            try:
                sock.send(b"x")
            except OSError:  # (a reset: the server has closed)
                return time.monotonic() - t0, answer
        return math.inf, answer


def test_a_silent_client_after_a_408_is_closed_within_the_header_deadline(one_second: int) -> None:
    """The 408 comes at the deadline; the connection closed a whole deadline later (2 s here), now within 1.5 s."""
    took, answer = _until_closed(one_second, (0, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"))
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert TIMEOUT_S <= took < 1.5 * TIMEOUT_S, took


def test_a_silent_client_refused_late_in_its_head_is_closed_within_the_header_deadline(one_second: int) -> None:
    """A head refused near its deadline (two Host fields, 0.8 s in): closed at that deadline, not 1 s after."""
    took, answer = _until_closed(one_second, (0, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"), (0.8, b"Host: y\r\n\r\n"))
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert took < 1.5 * TIMEOUT_S, took


def test_a_refusal_is_still_readable_before_the_close(one_second: int) -> None:
    """A client that keeps sending after its refusal reads it whole: the connection lingers a moment at least."""
    with socket.create_connection((HOST, one_second)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")
        sock.sendall(b"more of what the client had to say\r\n")
        answer = recv_all(sock, timeout=4 * TIMEOUT_S)
    assert answer.startswith(b"HTTP/1.1 400 ") and answer.endswith(b"}"), answer[:200]


# -- Content-Length of a body cut short ------------------------------------------------------------------------


class _Cut(_HeadGuard):
    def _body_bytes(self) -> int:
        return 3


@pytest.mark.parametrize("value", [b"+5", b" 5", b"5_0", "٥".encode(), b"5 ", b"-5", b""])
def test_a_body_cut_short_reads_its_content_length_as_ascii_digits_alone(value: bytes) -> None:
    """Before, :func:`int` read these as 5 (or 50): "3 bytes of 5", a length no HTTP reader agrees on."""
    said = _Cut()._cut_short([(b"host", b"x"), (b"content-length", value)])
    assert said == Message("http_content_length_malformed", value=value.decode("latin-1"))


def test_a_body_cut_short_says_its_content_length() -> None:
    assert _Cut()._cut_short([(b"content-length", b"0010")]) == Message("http_body_cut_short", n=3, length=10)
    assert _Cut()._cut_short([(b"transfer-encoding", b"chunked")]) == Message("http_chunks_cut_short", n=3)


# -- the documentation pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_documentation_pages_declare_utf8_first(hc: httpx.Client, path: str) -> None:
    r = hc.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    head = r.text.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta charset="utf-8">'), head[:200]
    assert r.text.lower().count("<meta charset") == 1
    assert "fastapi.tiangolo.com" not in r.text and "fonts.googleapis.com" not in r.text  # (no third parties' icon)
    # the document by a relative URL (beside the page: under a reverse proxy's path prefix too)
    assert ('"openapi.json"' in r.text or "'openapi.json'" in r.text) and "/openapi.json" not in r.text


def test_the_openapi_document_is_served_and_leaves_the_pages_out(hc: httpx.Client) -> None:
    r = hc.get("/openapi.json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    doc: dict[str, Any] = r.json()
    assert "/v1/locate" in doc["paths"] and not {"/docs", "/redoc"} & set(doc["paths"])
    assert hc.head("/docs").status_code == 200


def test_the_close_after_a_refusal_is_not_logged_as_headers_not_sent(
    one_second: int, caplog: pytest.LogCaptureFixture
) -> None:
    """The refusal is logged (one line); the close at its deadline said "sent no complete request headers" besides,
    of a client whose complete head was answered."""
    caplog.set_level(logging.INFO, logger="avzone.service")
    answer = _until_closed(one_second, (0, b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"))[1]
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    said = [r.getMessage() for r in caplog.records if r.name == "avzone.service"]
    assert any("answered 400" in line for line in said), said
    assert not any("no complete request headers" in line for line in said), said


# -- over the concurrency limit --------------------------------------------------------------------------------

OVER = (
    "service unavailable: the server is at its limit of 2 connections and requests at once (limit_concurrency); "
    "retry shortly"
)
OVER_ZH = "服务暂不可用：服务器已达到同时 2 个连接和请求的上限（limit_concurrency）；请稍后重试"


@pytest.fixture(scope="module", params=["httptools", "h11"])
def two_at_once(request: pytest.FixtureRequest, model: avzone.Model) -> Iterator[int]:
    """The service with the options of ``serve`` but ``limit_concurrency=2``, with each parser: its port."""
    options = {**server_options(), "limit_concurrency": 2}
    if request.param == "h11":
        options["http"] = H11HeaderTimeoutProtocol
    with served(create_app(model), log_level="warning", **options) as port:
        yield port


@pytest.mark.parametrize(
    ("headers", "detail", "lang"),
    [({}, OVER, "en"), ({"accept-language": "zh-CN"}, OVER_ZH, "zh")],
    ids=["en", "zh"],
)
def test_over_the_concurrency_limit_is_503_in_the_service_shape_and_language(
    two_at_once: int, headers: dict[str, str], detail: str, lang: str
) -> None:
    """uvicorn answered the plain text "Service Unavailable", in English whatever the language asked."""
    base = f"http://{HOST}:{two_at_once}"
    assert httpx.get(base + "/healthz", headers=headers).status_code == 200  # (one connection: within the limit)
    with socket.create_connection((HOST, two_at_once)):  # (an idle connection: the second)
        time.sleep(0.2)
        r = httpx.get(base + "/healthz", headers=headers)
    assert r.status_code == 503 and r.headers["content-type"] == "application/json", r.text
    assert r.json() == {"detail": detail}
    assert r.headers["content-language"] == lang and r.headers["retry-after"] == "1"
    assert r.headers["connection"] == "close"
    assert r.headers["vary"] == "Accept-Language"  # (no lang parameter: the header chose, or would have)
    time.sleep(0.2)  # (the idle connection closed: within the limit again)
    assert httpx.get(base + "/healthz", headers=headers).status_code == 200


def test_the_openapi_document_says_every_path_may_be_503_over_the_limit(hc: httpx.Client) -> None:
    """Every operation lists the 503 of the concurrency limit (it listed 503 only where a queue or the map gave it)."""
    doc = hc.get("/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            said = op["responses"].get("503", {}).get("description", "")
            assert "limit_concurrency" in said, (method, path, said)

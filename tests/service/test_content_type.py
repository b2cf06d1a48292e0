"""The request body's media type (Content-Type), and the connection after a body too slow (408)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import avzone
from avzone.service import create_app
from avzone.service.common import HEADER_TIMEOUT_S
from avzone.service.middleware import H11HeaderTimeoutProtocol, HeaderTimeoutProtocol

from .conftest import HOST, INSIDE, conforms, recv_all
from .test_hardening import served


@pytest.fixture(scope="module")
def port(model: avzone.Model) -> Iterator[int]:
    """A server with a body deadline of 0.5 s and the header deadline of ``serve`` (10 s: a connection left open
    after an answer is not closed by it within a test's wait), httptools parsing."""
    with served(create_app(model, body_timeout_s=0.5), http=HeaderTimeoutProtocol) as p:
        yield p


@pytest.fixture(scope="module")
def h11_port(model: avzone.Model) -> Iterator[int]:
    """The same server with h11 (uvicorn's parser without httptools)."""
    with served(create_app(model, body_timeout_s=0.5), http=H11HeaderTimeoutProtocol) as p:
        yield p


def _closed_after(sock: socket.socket, seconds: float) -> tuple[bytes, bool]:
    """What the server sends within ``seconds``, and whether it closed the connection by then."""
    sock.settimeout(seconds)
    chunks = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            data = sock.recv(65536)
        except TimeoutError:
            return b"".join(chunks), False
        if not data:
            return b"".join(chunks), True
        chunks.append(data)
    return b"".join(chunks), False


@pytest.mark.parametrize("server", ["port", "h11_port"])
def test_a_body_too_slow_is_408_and_the_connection_closed(request: pytest.FixtureRequest, server: str) -> None:
    """RFC 9110 §15.5.9: a 408 says the server closes the connection rather than wait on, and ``Connection: close``
    says so. The 408 came without it and the connection stayed open until the header deadline (10 s), the server
    waiting on the rest of a body it had refused."""
    assert HEADER_TIMEOUT_S > 3  # (what the wait below tells apart)
    port = request.getfixturevalue(server)
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(
            b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n[[116"
        )
        answer, closed = _closed_after(sock, 3)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        head = answer.partition(b"\r\n\r\n")[0].lower()
        assert b"\r\nconnection: close" in head, head
        assert closed, "the connection was left open after the 408"


#: A body of each POST endpoint, and how many answers it gives.
BODIES = {
    "/v1/locate": (json.dumps([list(INSIDE), list(INSIDE)]), lambda answer: answer["count"]),
    "/v1/events": (
        json.dumps({"trajectories": [{"id": "a", "fixes": [[*INSIDE, "2024-07-01T08:00:00"]]}]}),
        lambda answer: len(answer["fixes"]),
    ),
}
EXPECTED = {"/v1/locate": 2, "/v1/events": 1}


@pytest.mark.parametrize("path", sorted(BODIES))
@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "Application/JSON",
        "application/json; charset=utf-8",
        'application/json;charset="UTF-8"',
        "application/json ; charset=utf-8",
        "application/geo+json",
        "application/vnd.api+json; charset=utf-8",
        "application/json; charset = utf-16",  # (a malformed parameter skipped: the body is UTF-8)
        "application/x-www-form-urlencoded",  # (curl -d, wget --post-data, axios, HTML forms: their default)
        "text/plain;charset=UTF-8",  # (fetch and XMLHttpRequest with a string: theirs)
        "application/octet-stream",  # (RFC 9110 §8.3: what a body of no declared type may be taken for)
        "",
        None,
    ],
)
def test_json_and_the_types_clients_send_unasked_are_read(
    hc: httpx.Client, path: str, content_type: str | None
) -> None:
    body, count = BODIES[path]
    headers = {} if content_type is None else {"content-type": content_type}
    r = hc.post(path, content=body.encode(), headers=headers)
    assert r.status_code == 200, r.text
    assert count(r.json()) == EXPECTED[path]


REFUSED = [
    ("text/csv", "'text/csv'"),
    ("text/csv; charset=utf-8", "'text/csv'"),
    ("application/xml", "'application/xml'"),
    ("text/xml; charset=utf-8", "'text/xml'"),
    ("multipart/form-data; boundary=xyz", "'multipart/form-data'"),  # (curl -F: the JSON would be a form's part)
    ("application/x-ndjson", "'application/x-ndjson'"),  # (lines of JSON: not one JSON text)
    ("text/html", "'text/html'"),
    ("application/json-seq", "'application/json-seq'"),
    ("json", "'json'"),  # (no media type: type/subtype)
    ("application/json charset=utf-8", "'application/json charset=utf-8'"),
    ("; charset=utf-8", "'; charset=utf-8'"),
]


@pytest.mark.parametrize("path", sorted(BODIES))
@pytest.mark.parametrize(("content_type", "named"), REFUSED)
def test_a_body_declared_of_another_type_is_415_naming_it(
    hc: httpx.Client, doc: dict[str, Any], path: str, content_type: str, named: str
) -> None:
    """A body declared CSV, XML, a multipart form... was read as JSON whatever it said: a JSON text so labelled was
    answered 200, anything else refused as "not valid JSON" for its first character."""
    body, _ = BODIES[path]
    r = hc.post(path, content=body.encode(), headers={"content-type": content_type})
    assert r.status_code == 415, r.text
    detail = conforms(doc, path, "post", r)["detail"]
    assert detail == (
        f"the body is declared Content-Type: {named}, which is not JSON, and the service reads JSON only: send the "
        "JSON declared Content-Type: application/json (or a +json type, such as application/geo+json)"
    )


def test_two_different_content_types_are_415_naming_both(hc: httpx.Client) -> None:
    """Which of the two says the body's type? Two fields saying the same are one."""
    body, _ = BODIES["/v1/locate"]
    twice = [("content-type", "application/json"), ("content-type", "text/csv")]
    r = hc.post("/v1/locate", content=body.encode(), headers=twice)
    assert r.status_code == 415 and "'application/json, text/csv'" in r.json()["detail"], r.text
    same = [("content-type", "application/json"), ("content-type", "application/json")]
    assert hc.post("/v1/locate", content=body.encode(), headers=same).status_code == 200


def test_a_refused_type_leaves_the_connection_usable(hc: httpx.Client) -> None:
    """The 415 is answered without reading the body: the next request on the connection is read after it whole."""
    port = httpx.URL(str(hc.base_url)).port
    body = b"lon,lat\n116.5,39.79\n"
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(
            b"POST /v1/locate HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
            + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 415 "), answer[:300]
    assert answer.count(b"HTTP/1.1 200 OK") == 1, answer


@pytest.mark.parametrize("spaced", ["charset = {}", "charset= {}", "charset ={}", "charset\t={}", 'charset = "{}"'])
def test_a_charset_with_whitespace_around_its_equals_sign_is_malformed_and_skipped_when_that_changes_nothing(
    hc: httpx.Client, spaced: str
) -> None:
    """RFC 9110 writes a parameter ``name=value``, no whitespace around the ``=``, as it writes ``q=0.7`` in
    ``Accept-Language``, where ``q = 0.7`` is malformed and its range skipped. ``charset = gbk`` is skipped the same
    way (one rule): the body read as declaring no charset, UTF-8, when that reads it as the charset it names would
    (ASCII text with no zero byte, which no UTF-16 or UTF-32 JSON is, or UTF-8 named)."""
    ascii_body = json.dumps([list(INSIDE), list(INSIDE)]).encode()
    for charset in ("gbk", "utf-8", "utf-16", "x-nope"):  # (ASCII text with no zero byte: no UTF-16, UTF-8 for all)
        headers = {"content-type": f"application/json; {spaced.format(charset)}"}
        assert hc.post("/v1/locate", content=ascii_body, headers=headers).status_code == 200, headers
    feature = {"type": "Feature", "id": "瞻", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}
    utf8 = json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False).encode()
    r = hc.post("/v1/locate", content=utf8, headers={"content-type": f"application/json; {spaced.format('utf-8')}"})
    assert r.status_code == 200 and r.json()["results"][0]["id"] == "瞻", r.text


@pytest.mark.parametrize("spaced", ["charset = {}", "charset= {}", "charset ={}", "charset\t={}", 'charset = "{}"'])
@pytest.mark.parametrize(
    ("charset", "body"),
    [
        ("gbk", '[{"type": "Feature", "id": "北京"}]'.encode("gbk")),  # (not UTF-8: was "not UTF-8 text", 422)
        ("gbk", '[{"type": "Feature", "id": "瞻"}]'.encode("gbk")),  # (UTF-8 too, of "հ": was read so, 200)
        ("utf-16", json.dumps([list(INSIDE)]).encode("utf-16")),  # (was "body is UTF-16 ... declares no such charset")
        ("utf-16-le", json.dumps([list(INSIDE)]).encode("utf-16-le")),  # (zero bytes, as UTF-16 JSON has)
        ("x-nope", '[[116.5, 39.79, "é"]]'.encode()),  # (an unknown charset: ASCII alone taken to read the same)
    ],
)
def test_a_malformed_charset_that_would_change_the_body_is_415_saying_how_to_write_it(
    hc: httpx.Client, spaced: str, charset: str, body: bytes
) -> None:
    """A declared charset the service would skip as malformed, when the body does not read the same as UTF-8, is
    refused naming the parameter and its right form, not answered as if the body were merely not UTF-8, nor read
    as UTF-8 into other characters."""
    written = spaced.format(charset)
    r = hc.post("/v1/locate", content=body, headers={"content-type": f"application/json; {written}"})
    assert r.status_code == 415, r.text
    assert r.json()["detail"].startswith(
        f"the body's Content-Type parameter {written!r} is malformed: RFC 9110 writes a "
        f"parameter with no whitespace around its '=' ('charset={charset}'), so it declares no charset, and the body "
        f"would be read as UTF-8, not as {charset!r}: write 'charset={charset}' if"
    ), r.text

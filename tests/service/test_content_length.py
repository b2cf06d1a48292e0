"""``BodyLimitMiddleware`` reads ``Content-Length`` as RFC 9110 §8.6 writes it: ASCII digits alone.

It read the value with :func:`int`, which takes ``1_0``, `` 10 ``, ``+10`` and Arabic-Indic ``١٠`` as 10 (so a
limit of 5 answered "Content-Length is 10 bytes", and a value under the limit let the request through with a length
no HTTP reader agrees on). The HTTP parsers refuse these before the middleware sees them today; the middleware does
not depend on it: such a value is a 400 naming it, the connection closed, in the language asked.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from starlette.responses import Response
from starlette.routing import Route

from avzone.service.middleware import BodyLimitMiddleware

EN = (
    "malformed HTTP request: Content-Length is {value!r}, not a length in bytes: send the body's length in ASCII "
    "digits 0-9 alone (RFC 9110 §8.6), such as Content-Length: 1024"
)
ZH = (
    "HTTP 请求格式错误：Content-Length 为 {value!r}，不是以字节计的长度：请只用 ASCII 数字 0-9 写出请求体的长度"
    "（RFC 9110 §8.6），例如 Content-Length: 1024"
)


async def _endpoint(request: Any) -> Response:
    return Response(b"read %d" % len(await request.body()))


def _call(value: bytes, body: bytes, limit: int = 5, query: bytes = b"") -> tuple[int, dict[bytes, bytes], bytes]:
    """POST /v1/locate through the middleware alone, its Content-Length ``value``: (status, headers, body)."""
    inner = Route("/v1/locate", _endpoint, methods=["POST"])
    app = BodyLimitMiddleware(inner, limit, routes=[inner])
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/locate",
        "raw_path": b"/v1/locate",
        "root_path": "",
        "scheme": "http",
        "query_string": query,
        "headers": [(b"host", b"x"), (b"content-length", value)],
        "http_version": "1.1",
        "server": ("x", 80),
        "client": ("y", 1),
    }
    sent: list[dict[str, Any]] = []
    parts = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return parts.pop(0) if parts else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body_out


@pytest.mark.parametrize(
    "value", [b"1_0", b" 10 ", b"+10", "١٠".encode(), b"1_0_0", b"+3", b" 3", b"-1", b"3.0", b"0x3", b""]
)
def test_a_content_length_not_in_ascii_digits_is_400_naming_it(value: bytes) -> None:
    status, headers, body = _call(value, b"abc")
    assert status == 400, body
    assert json.loads(body)["detail"] == EN.format(value=value.decode("latin-1"))
    assert headers[b"connection"] == b"close" and headers[b"content-language"] == b"en"
    status, headers, body = _call(value, b"abc", query=b"lang=zh")
    assert status == 400 and json.loads(body)["detail"] == ZH.format(value=value.decode("latin-1"))
    assert headers[b"content-language"] == b"zh"


@pytest.mark.parametrize(
    ("value", "status"), [(b"3", 200), (b"003", 200), (b"10", 413), (b"99999999999999999999", 413)]
)
def test_a_content_length_in_ascii_digits_is_read(value: bytes, status: int) -> None:
    got, _, body = _call(value, b"abc")
    assert got == status, body
    if status == 200:
        assert body == b"read 3"
    else:
        assert json.loads(body)["detail"].startswith(f"request body too large: Content-Length is {int(value)} bytes")

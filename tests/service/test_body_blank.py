"""A POST body holding a UTF-8 byte order mark alone (an empty file saved by an editor) is an empty body.

It was "body is not valid JSON: Expecting value: line 1 column 1 (char 0)", where an empty body is told what
to send. A UTF-16 or UTF-32 byte order mark alone is an empty body only where that charset is declared; without
it, it is bytes that are not UTF-8 (tests/service/test_edges.py).
"""

from __future__ import annotations

import codecs

import httpx
import pytest


@pytest.mark.parametrize(
    "body",
    [
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b" \r\n",
    ],
    ids=["utf-8 bom", "utf-8 bom and whitespace"],
)
@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/v1/locate", "body is empty: send a JSON array of [lon, lat] pairs or a FeatureCollection"),
        ("/v1/events", 'body is empty: send {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}]}'),
    ],
)
def test_a_byte_order_mark_alone_is_an_empty_body(hc: httpx.Client, body: bytes, path: str, said: str) -> None:
    r = hc.post(path, content=body)
    assert r.status_code == 422, r.text
    assert r.json()["detail"] == said


@pytest.mark.parametrize(
    ("body", "charset"), [(codecs.BOM_UTF8 + b"[]", None), ("[]".encode("utf-16"), "utf-16")], ids=["utf-8", "utf-16"]
)
def test_a_byte_order_mark_before_json_is_read(hc: httpx.Client, body: bytes, charset: str | None) -> None:
    """(UTF-16 when declared so: JSON without a charset is UTF-8, tests/service/test_body_charset.py.)"""
    headers = {} if charset is None else {"content-type": f"application/json; charset={charset}"}
    r = hc.post("/v1/locate", content=body, headers=headers)
    assert r.status_code == 200 and r.json()["count"] == 0, r.text


def test_a_byte_order_mark_before_text_that_is_no_json_is_not_json(hc: httpx.Client) -> None:
    r = hc.post("/v1/locate", content=codecs.BOM_UTF8 + b"x")
    assert r.status_code == 422 and r.json()["detail"].startswith("body is not valid JSON"), r.text

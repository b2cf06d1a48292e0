"""Request bodies with a text holding half of a UTF-16 surrogate pair alone (``"\\ud800"``): a 422 naming where.

Python's JSON reader takes the escape, but the text is no Unicode: it cannot be written as UTF-8, so an answer
giving it back (a feature's or a trajectory's id) or a refusal quoting it was a 500.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import avzone
from avzone.service import create_app

from .conftest import thread_server

_POINT = '"geometry":{"type":"Point","coordinates":[116.5,39.79]}'
_FIXES = '[[116.5,39.79,"2024-07-01T08:00:00"],[116.6,39.79,"2024-07-01T08:10:00"]]'


@pytest.fixture(scope="module")
def hc(model: avzone.Model) -> Iterator[httpx.Client]:
    with thread_server(create_app(model)) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "body", "where", "text", "code"),
    [
        (
            "/v1/locate",
            '{"type":"FeatureCollection","features":[{"type":"Feature","id":"a\\ud800",' + _POINT + "}]}",
            "body.features[0].id",
            '"a\\ud800"',
            "ud800",
        ),
        ("/v1/locate", '["\\ud800"]', "body[0]", '"\\ud800"', "ud800"),
        (
            "/v1/events",
            '{"trajectories":[{"id":"\\udc00","fixes":' + _FIXES + "}]}",
            "body.trajectories[0].id",
            '"\\udc00"',
            "udc00",
        ),
        (
            "/v1/locate?crs=EPSG:4326",
            '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\\udc00"}},"features":[]}',
            "body.crs.properties.name",
            '"\\udc00"',
            "udc00",
        ),
    ],
    ids=["feature id", "item", "trajectory id", "crs member under crs="],
)
def test_a_lone_surrogate_is_refused_naming_where(
    hc: httpx.Client, path: str, body: str, where: str, text: str, code: str
) -> None:
    r = hc.post(path, content=body.encode())
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith(f"{where} holds the text {text}, whose \\{code} is half of a UTF-16 "), r.text


def test_a_body_in_utf16_is_checked_too(hc: httpx.Client) -> None:
    r = hc.post("/v1/locate", content='[["\\ud800", 39.79]]'.encode("utf-16-le"))
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith("body[0][0] holds the text")


def test_a_refusal_quoting_a_lone_surrogate_is_a_422(hc: httpx.Client) -> None:
    r = hc.post("/v1/events", content=b'{"trajectories":[],"trajectories":"\\udc00"}')
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith("body has the key 'trajectories' twice in one object ([], then \"\\udc00\")")


def test_a_surrogate_pair_and_an_escaped_backslash_are_texts(hc: httpx.Client) -> None:
    body = '{"type":"FeatureCollection","features":[{"type":"Feature","id":"\\ud83d\\ude97",' + _POINT + "},"
    body += '{"type":"Feature","id":"\\\\ud800",' + _POINT + "}]}"
    r = hc.post("/v1/locate", content=body.encode())
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["results"]] == ["\U0001f697", "\\ud800"]

"""Request bodies with a text holding half of a UTF-16 surrogate pair alone (``"\\ud800"``).

Python's JSON reader takes the escape, but the text is no Unicode: it cannot be written as UTF-8, so an answer
giving it back (a feature's or a trajectory's id, a note naming a ``crs`` member) or a refusal quoting it was a
500. An id or a ``crs`` member so written is now a 422 naming where, a refusal quotes it as its escape, and a
coordinate or a time so written stays its point's status, as before.
"""

from __future__ import annotations

import httpx
import pytest

_POINT = '"geometry":{"type":"Point","coordinates":[116.5,39.79]}'
_FIXES = '[[116.5,39.79,"2024-07-01T08:00:00"],[116.6,39.79,"2024-07-01T08:10:00"]]'


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
        (
            "/v1/events",
            '{"trajectories":[{"id":"\\udc00","fixes":' + _FIXES + "}]}",
            "body.trajectories[0].id",
            '"\\udc00"',
            "udc00",
        ),
        (
            "/v1/locate",
            '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\\udc00"}},"features":[]}',
            "body.crs",
            '"\\udc00"',
            "udc00",
        ),
    ],
    ids=["feature id", "trajectory id", "crs member"],
)
def test_a_lone_surrogate_is_refused_naming_where(
    hc: httpx.Client, path: str, body: str, where: str, text: str, code: str
) -> None:
    r = hc.post(path, content=body.encode())
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith(f"{where} holds the text {text}, whose \\{code} is half of a UTF-16 "), r.text


def test_a_crs_member_so_written_under_crs_is_noted_as_escaped(hc: httpx.Client) -> None:
    body = '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\\udc00"}},"features":[]}'
    r = hc.post("/v1/locate", params={"crs": "EPSG:4326"}, content=body.encode())
    assert r.status_code == 200, r.text
    assert "\\udc00" in r.json()["notes"][0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
def test_a_coordinate_or_time_so_written_is_its_status(hc: httpx.Client, encoding: str) -> None:
    said = {"content-type": f"application/json; charset={encoding}"}  # (UTF-16 read when declared: JSON is UTF-8)
    r = hc.post("/v1/locate", content='[["\\ud800", 39.79], [116.5, 39.79]]'.encode(encoding), headers=said)
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["lon not a number", "ok"]
    assert r.json()["results"][0]["input"] == ["\\ud800", 39.79]  # (as sent: its escape, no text UTF-8 writes)
    r = hc.post(
        "/v1/events",
        content=('{"trajectories":[{"id":"a","fixes":[[116.5,39.79,"\\udc00"]]}]}').encode(encoding),
        headers=said,
    )
    assert r.status_code == 200, r.text
    assert r.json()["fixes"][0]["status"].startswith("time not a date/time")


def test_an_item_so_written_is_quoted_as_its_escape(hc: httpx.Client) -> None:
    r = hc.post("/v1/locate", content=b'["\\ud800"]')
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith('body[0] is not a [lon, lat] pair (got "\\ud800")')


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

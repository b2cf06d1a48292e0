"""Request bodies whose objects give a key twice: refused, naming the key, as the dataset's files are.

JSON readers keep one of the two values, so ``{"features": [A], "features": []}`` was answered as if A had
never been sent (count 0, ok 0: a wrong answer that looks right), and two ``geometry`` members or two
``trajectories`` the same way.
"""

from __future__ import annotations

import httpx
import pytest

import avzone

_POINT = '{"type":"Feature","geometry":{"type":"Point","coordinates":[116.5,39.79]}}'
_FIX = '[116.5,39.79,"2024-07-01T08:00:00"]'


@pytest.mark.parametrize(
    ("path", "body", "key", "said"),
    [
        (
            "/v1/locate",
            '{"type":"FeatureCollection","features":[' + _POINT + '],"features":[]}',
            "features",
            '([{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}], then [])',
        ),
        (
            "/v1/locate",
            '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
            '"coordinates":[116.5,39.79]},"geometry":null}]}',
            "geometry",
            '({"type": "Point", "coordinates": [116.5, 39.79]}, then null)',
        ),
        (
            "/v1/events",
            '{"trajectories":[{"id":"a","fixes":[' + _FIX + ']}],"trajectories":[]}',
            "trajectories",
            '([{"id": "a", "fixes": [[116.5, 39.79, "2024-07-01T08:00:00"]]}], then [])',
        ),
        (
            "/v1/events",
            '{"trajectories":[{"id":"a","id":"b","fixes":[' + _FIX + "]}]}",
            "id",
            '("a", then "b")',
        ),
    ],
    ids=["features twice", "geometry twice", "trajectories twice", "trajectory id twice"],
)
def test_a_key_given_twice_is_refused_naming_it(hc: httpx.Client, path: str, body: str, key: str, said: str) -> None:
    r = hc.post(path, content=body.encode())
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail.startswith(f"body has the key {key!r} twice in one object {said}"), detail
    assert detail.endswith("send each key once")


def test_keys_given_once_are_answered_as_the_library_answers(hc: httpx.Client, model: avzone.Model) -> None:
    body = '{"type":"FeatureCollection","features":[' + _POINT + "]}"
    r = hc.post("/v1/locate", content=body.encode())
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["count"] == 1 and answer["ok"] == 1
    assert answer["results"][0]["zones"] == model.locate(116.5, 39.79).zones

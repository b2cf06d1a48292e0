"""A PUT or PATCH with a body over max_body_bytes: 405 naming the methods the path takes, as without a body.

It was 413 "request body too large ... send fewer points per request", for a method no path takes.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import avzone
from avzone.service import create_app

from .conftest import SMALL_BODY, thread_server


@pytest.fixture(scope="module")
def sc(model: avzone.Model) -> Iterator[httpx.Client]:
    with thread_server(create_app(model, max_body_bytes=SMALL_BODY)) as c:
        yield c


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize(("path", "allow"), [("/v1/locate", "GET, HEAD, POST"), ("/v1/events", "POST")])
def test_a_method_no_path_takes_is_405_whatever_its_body(sc: httpx.Client, method: str, path: str, allow: str) -> None:
    for body in (b"[]", b" " * (SMALL_BODY + 1)):
        r = sc.request(method, path, content=body)
        assert r.status_code == 405, r.text
        assert r.headers["allow"] == allow


def test_a_post_over_the_limit_is_still_413(sc: httpx.Client) -> None:
    r = sc.post("/v1/locate", content=b" " * (SMALL_BODY + 1))
    assert r.status_code == 413 and "max_body_bytes=2000" in r.json()["detail"]

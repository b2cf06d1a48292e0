"""A PUT or PATCH with a body over max_body_bytes: 405 naming the methods the path takes, as without a body; a
POST to a path that does not exist 404, to a path that takes no POST 405, whatever its body.

They were 413 "request body too large ... send fewer points per request", for a request no route takes.
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


@pytest.mark.parametrize(
    "path", ["/v1/nope", "/nope", "/v1/locat", "/v1/layers/current/x", "/v1/locate/", "/v1/events/"]
)
def test_a_post_to_a_path_that_does_not_exist_is_404_whatever_its_body(sc: httpx.Client, path: str) -> None:
    """A trailing slash too (``/v1/locate/``): not the framework's 307 to a URL built from the request's Host."""
    big = b" " * (SMALL_BODY + 1)
    for content in (b"[]", big, iter([big[:1000], big[1000:]])):  # (by Content-Length, and chunked)
        r = sc.post(path, content=content)
        assert r.status_code == 404, r.text
        assert r.json() == {"detail": "Not Found"}
    r = sc.post(path, content=big, params={"lang": "zh"})
    assert r.status_code == 404 and r.json() == {"detail": "未找到：服务没有这个路径"}


@pytest.mark.parametrize(
    ("path", "allow"), [("/v1/layers", "GET, HEAD"), ("/v1/layers/current", "GET, HEAD"), ("/healthz", "GET, HEAD")]
)
def test_a_post_to_a_path_that_takes_none_is_405_whatever_its_body(sc: httpx.Client, path: str, allow: str) -> None:
    for body in (b"[]", b" " * (SMALL_BODY + 1)):
        r = sc.post(path, content=body)
        assert r.status_code == 405, r.text
        assert r.headers["allow"] == allow


def test_a_post_over_the_limit_is_still_413_chunked(sc: httpx.Client) -> None:
    big = b" " * (SMALL_BODY + 1)
    for path in ("/v1/locate", "/v1/events"):
        r = sc.post(path, content=iter([big[:1000], big[1000:]]))
        assert r.status_code == 413 and "max_body_bytes=2000" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/v1/locate/?lon=116.5&lat=39.79", "/v1/layers/", "/v1/layers/current/", "/healthz/"])
def test_a_get_with_a_trailing_slash_is_404_not_a_redirect(sc: httpx.Client, path: str) -> None:
    r = sc.get(path, follow_redirects=False)
    assert r.status_code == 404, (r.status_code, r.headers.get("location"))
    assert "location" not in r.headers
    assert r.json() == {"detail": "Not Found"}

"""The files the service's pages load come from the service itself: Leaflet for the map (``/``), Swagger UI's and
ReDoc's for ``/docs`` and ``/redoc`` (when fastapi-offline is installed), linked with relative URLs, with their
types, ``Cache-Control`` and an ``ETag`` (304); and ``make_map(leaflet_url=)``, which the map page uses."""

from __future__ import annotations

import json
import logging
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from engine_pages import ENGINES, EnginePage, engine
from fastapi import FastAPI
from fastapi.testclient import TestClient

import avzone
from avzone import _mapjs, maps
from avzone.errors import AvzoneError, InputError
from avzone.i18n import Message, error_text
from avzone.service import assets, create_app
from avzone.service.app import _doc_pages

from .conftest import thread_server

TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png"}
CDN = "cdn.jsdelivr.net"
needs_docs_files = pytest.mark.skipif(
    assets.docs_folder() is None, reason="fastapi-offline is not installed (pip install avzone[serve])"
)


class _Loaded(HTMLParser):
    """The scripts (``<script src>``) and style sheets (``<link rel=stylesheet href>``) a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k.lower(): v or "" for k, v in attrs}
        if tag == "script" and "src" in named:
            self.urls.append(named["src"])
        elif tag == "link" and "stylesheet" in named.get("rel", "").lower().split():
            self.urls.append(named["href"])


def loaded(page: str) -> list[str]:
    parser = _Loaded()
    parser.feed(page)
    return parser.urls


def assert_served_here(hc: httpx.Client, page_path: str) -> dict[str, bytes]:
    """Every script and style sheet of the page at ``page_path`` is a relative URL the service answers (200, its
    type); their bodies, by the path they resolve to."""
    r = hc.get(page_path)
    assert r.status_code == 200, r.text[:300]
    urls = [u for u in loaded(r.text) if not u.startswith("data:")]  # (data: the favicon of /docs: none)
    assert urls, f"{page_path} loads no script"
    assert CDN not in r.text
    bodies = {}
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), f"{page_path}: {url} is not relative"
        path = urljoin(str(hc.base_url.join(page_path)), url)
        got = hc.get(path)
        assert got.status_code == 200, (url, got.text[:200])
        assert got.headers["content-type"] == TYPES[Path(parts.path).suffix], url
        bodies[urlsplit(path).path] = got.content
    return bodies


# -- the map page ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_map_page_loads_leaflet_from_the_service(hc: httpx.Client, lang: str) -> None:
    bodies = assert_served_here(hc, f"/?lang={lang}")
    files = _mapjs.leaflet_files()
    assert bodies == {
        "/assets/leaflet/leaflet.js": files["leaflet.js"].read_bytes(),
        "/assets/leaflet/leaflet.css": files["leaflet.css"].read_bytes(),
    }


def test_leaflets_files_are_xstatics(hc: httpx.Client) -> None:
    """leaflet.js, leaflet.css and each image leaflet.css refers to, as the installed xstatic-leaflet has them."""
    files = _mapjs.leaflet_files()
    css = files["leaflet.css"].read_text(encoding="utf-8")
    images = set(re.findall(r"url\((images/[\w.-]+\.png)\)", css))
    assert images and images <= files.keys() and {"leaflet.js", "leaflet.css"} <= files.keys()
    for name, path in files.items():
        for encoding in ("identity", "gzip"):
            r = hc.get(f"/assets/leaflet/{name}", headers={"accept-encoding": encoding})
            assert r.status_code == 200 and r.content == path.read_bytes(), (name, encoding)
            assert r.headers["content-type"] == TYPES[path.suffix], name


@pytest.mark.parametrize("path", ["/assets/leaflet/leaflet.js", "/assets/leaflet/images/layers.png"])
def test_a_file_is_kept_a_week_and_revalidated_with_its_etag(hc: httpx.Client, path: str) -> None:
    tags = {}
    for encoding in ("identity", "gzip"):
        first = hc.get(path, headers={"accept-encoding": encoding})
        assert first.status_code == 200
        assert first.headers["cache-control"] == "public, max-age=604800"
        etag = tags[encoding] = first.headers["etag"]
        assert re.fullmatch(r'"[0-9a-f]{32}(-gzip)?"', etag), etag
        for asked in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            again = hc.get(path, headers={"accept-encoding": encoding, "if-none-match": asked})
            assert (again.status_code, again.content) == (304, b""), asked
            assert again.headers["etag"] == etag and again.headers["cache-control"] == first.headers["cache-control"]
            assert again.headers["vary"] == "Accept-Encoding"
        other = hc.get(path, headers={"accept-encoding": encoding, "if-none-match": '"other"'})
        assert other.status_code == 200 and other.content == first.content
        head = hc.head(path, headers={"accept-encoding": encoding})
        assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", etag)
    gzipped = hc.get(path, headers={"accept-encoding": "gzip"})
    if gzipped.headers.get("content-encoding") == "gzip":  # (a form of its own: a tag of its own)
        assert tags["gzip"] != tags["identity"]
        plain = hc.get(path, headers={"accept-encoding": "identity", "if-none-match": tags["gzip"]})
        assert plain.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/assets/leaflet/leaflet.js.map",
        "/assets/leaflet/leaflet-src.js",
        "/assets/leaflet/",
        "/assets/leaflet/../../pyproject.toml",
        "/assets/leaflet/%2e%2e/%2e%2e/pyproject.toml",
        "/assets/docs/favicon.png",
        "/assets/",
    ],
)
def test_only_the_files_listed_are_served(hc: httpx.Client, path: str) -> None:
    r = hc.get(path)
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}


def test_without_xstatic_leaflet_the_map_is_a_503_saying_so(model: avzone.Model, monkeypatch: pytest.MonkeyPatch):
    def missing() -> dict[str, Path]:
        raise AvzoneError(Message("err_xstatic_missing"))

    monkeypatch.setattr(assets, "leaflet_files", missing)
    with thread_server(create_app(model)) as c:
        said = {lang: c.get("/", params={"lang": lang}) for lang in ("en", "zh")}
        assert c.get("/assets/leaflet/leaflet.js").status_code == 404
    assert {lang: r.status_code for lang, r in said.items()} == {"en": 503, "zh": 503}
    assert said["en"].json()["detail"] == (
        "the map could not be rendered: the service serves Leaflet's files from the Python package xstatic-leaflet "
        "(a dependency of avzone), which is not installed: run `pip install xstatic-leaflet`"
    )
    assert said["zh"].json()["detail"] == (
        "无法生成地图：服务从 Python 包 xstatic-leaflet（avzone 的依赖）提供 Leaflet 的文件，但该包没有安装："
        "请运行 `pip install xstatic-leaflet`"
    )


# -- /docs and /redoc ------------------------------------------------------------------------------------------------
@needs_docs_files
@pytest.mark.parametrize(
    ("page", "names"), [("/docs", ["swagger-ui.css", "swagger-ui-bundle.js"]), ("/redoc", ["redoc.standalone.js"])]
)
def test_the_documentation_pages_load_their_files_from_the_service(
    hc: httpx.Client, page: str, names: list[str]
) -> None:
    folder = assets.docs_folder()
    assert folder is not None
    bodies = assert_served_here(hc, page)
    assert bodies == {f"/assets/docs/{name}": (folder / name).read_bytes() for name in names}
    etag = hc.get(f"/assets/docs/{names[0]}").headers["etag"]
    assert hc.get(f"/assets/docs/{names[0]}", headers={"if-none-match": etag}).status_code == 304


def test_without_fastapi_offline_the_documentation_pages_use_the_cdn_and_a_log_line_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(assets, "docs_folder", lambda: None)
    caplog.set_level(logging.WARNING, logger="avzone.service")
    files = assets.asset_files()
    assert not assets.serves_docs(files) and assets.serves_leaflet(files)
    assert not any(path.startswith("docs/") for path in files)
    assert any("fastapi-offline is not installed" in r.getMessage() for r in caplog.records)
    app = FastAPI(docs_url=None, redoc_url=None)
    _doc_pages(app, served=assets.serves_docs(files))
    client = TestClient(app)
    for page in ("/docs", "/redoc"):
        urls = [u for u in loaded(client.get(page).text) if not u.startswith("data:")]
        assert urls and all(CDN in u for u in urls), urls


# -- make_map(leaflet_url=) ------------------------------------------------------------------------------------------
def test_make_map_links_leaflet_from_the_folder_given(model: avzone.Model) -> None:
    page = maps.make_map(model, tiles="none", leaflet_url="static/leaflet-1.9/").get_root().render()
    assert loaded(page) == ["static/leaflet-1.9/leaflet.js", "static/leaflet-1.9/leaflet.css"]
    assert CDN not in page


@pytest.mark.parametrize(
    ("options", "en", "zh"),
    [
        (
            {"leaflet_url": "assets/leaflet/", "offline": True},
            "leaflet_url='assets/leaflet/' cannot go with offline=True: an offline map inlines Leaflet and loads "
            "nothing; give one of them",
            "leaflet_url='assets/leaflet/' 不能与 offline=True 同时使用：离线地图内嵌 Leaflet，不加载任何文件；"
            "请只给出其中一个",
        ),
        *(
            (
                {"leaflet_url": bad},
                f"leaflet_url={bad!r} must be a folder URL ending in / that holds leaflet.js and leaflet.css, e.g. "
                "'assets/leaflet/' (printable ASCII without spaces, quotes, <, > or backslashes)",
                f"leaflet_url={bad!r} 必须是以 / 结尾、存放 leaflet.js 和 leaflet.css 的文件夹 URL，例如 "
                "'assets/leaflet/'（可打印的 ASCII 字符，不含空格、引号、<、> 和反斜杠）",
            )
            for bad in ("assets/leaflet", 'a"><script>/', "my assets/", "资源/", 3)
        ),
    ],
)
def test_make_map_refuses_a_leaflet_url_it_cannot_use(model: avzone.Model, options: dict[str, Any], en: str, zh: str):
    with pytest.raises(InputError) as caught:
        maps.make_map(model, tiles="none", **options)
    assert str(caught.value) == en
    assert error_text(caught.value, "zh") == zh


# -- in a real browser, with only the server reachable ---------------------------------------------------------------
@pytest.fixture(scope="module", params=ENGINES)
def browser(request: pytest.FixtureRequest) -> Any:
    with engine(request.param) as launched:
        yield launched


@pytest.mark.browser
def test_the_served_map_draws_with_only_the_server_reachable(browser: Any, hc: httpx.Client) -> None:
    base = str(hc.base_url).rstrip("/")
    page = EnginePage(browser, f"{base}/?lang=zh")  # (waits until the zones are drawn: Leaflet ran)
    assert page.js("document.documentElement.lang") == "zh-CN"
    resources = page.js("performance.getEntriesByType('resource').map(e => [e.name, e.initiatorType])")
    files = [url for url, kind in resources if kind in ("script", "link", "css")]  # (tiles are img)
    assert {f"{base}/assets/leaflet/leaflet.js", f"{base}/assets/leaflet/leaflet.css"} <= set(files), resources
    assert all(url.startswith(f"{base}/") for url in files), files
    assert page.errors == []


@pytest.mark.browser
@needs_docs_files
@pytest.mark.parametrize(("path", "drawn"), [("/docs", ".swagger-ui .info .title"), ("/redoc", ".api-content h1")])
def test_the_served_documentation_pages_draw_with_only_the_server_reachable(
    browser: Any, hc: httpx.Client, path: str, drawn: str
) -> None:
    base = str(hc.base_url).rstrip("/")
    browser.navigate(f"{base}{path}")
    deadline = time.monotonic() + 30
    while not browser.evaluate(f"JSON.stringify(!!document.querySelector({json.dumps(drawn)}))"):
        assert time.monotonic() < deadline, f"{path} did not draw {drawn} in {browser.name}"
        time.sleep(0.1)
    resources = browser.evaluate(
        "JSON.stringify(performance.getEntriesByType('resource').map(e => [e.name, e.initiatorType]))"
    )
    files = [url for url, kind in resources if kind in ("script", "link", "css")]
    assert files and all(url.startswith(f"{base}/assets/docs/") for url in files), resources

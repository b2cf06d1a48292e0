"""Error answers in Chinese: ``lang=zh`` or ``Accept-Language: zh``; English by default, as before.

Each refusal of the service is asked for seven ways (:data:`WAYS`): three
that want Chinese (``lang=zh``; the header ``zh-CN,zh;q=0.9,en;q=0.8``;
``lang=zh`` over an English header) and four that want English (nothing;
``lang=en``; ``lang=en`` over a Chinese header; ``en-US,zh;q=0.5``). The
expected ``detail`` is written out in full in both languages; the answer
says its language in ``Content-Language``, and carries ``Vary:
Accept-Language`` exactly when the header chose it. Successful answers,
JSON keys and statuses are the same in every language.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

import avzone
from avzone import i18n
from avzone.errors import CRSError, InputError
from avzone.service import LocateFastPath, create_app, dumps
from avzone.service.common import HEAVY_QUEUE, HEAVY_WORKERS, JSON_TYPE
from avzone.service.language import accept_language, choose
from avzone.service.middleware import http_protocol
from avzone.service.parsing import _validation_detail

from .conftest import HOST, INSIDE, OUTSIDE, SMALL_BODY, SMALL_POINTS, conforms, recv_all, thread_server

ZH_HEADER = "zh-CN,zh;q=0.9,en;q=0.8"


@dataclass(frozen=True)
class Way:
    """One way of asking for a language: query parameters, headers, the language meant, whether the header chose."""

    name: str
    params: dict[str, str]
    headers: dict[str, str]
    lang: str
    varies: bool


WAYS = (
    Way("lang=zh", {"lang": "zh"}, {}, "zh", False),
    Way("Accept-Language zh-CN", {}, {"accept-language": ZH_HEADER}, "zh", True),
    Way("lang=zh over Accept-Language en", {"lang": "zh"}, {"accept-language": "en"}, "zh", False),
    Way("nothing", {}, {}, "en", True),
    Way("lang=en", {"lang": "en"}, {}, "en", False),
    Way("lang=en over Accept-Language zh", {"lang": "en"}, {"accept-language": ZH_HEADER}, "en", False),
    Way("Accept-Language en-US,zh;q=0.5", {}, {"accept-language": "en-US,zh;q=0.5"}, "en", True),
)


# -- choosing the language ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,zh;q=0.5", "en"),
        (None, "en"),
        ("", "en"),
        ("*", "en"),
        ("fr", "en"),
        ("fr, zh;q=0.3", "zh"),
        ("zh;q=0", "en"),
        ("en;q=0, zh;q=0", "en"),
        ("zh-TW", "zh"),
        ("ZH-Hant-HK", "zh"),
        ("en;q=0.2, zh;q=0.8", "zh"),
        ("zh;q=0.5, en;q=0.5", "zh"),  # equal weights: the one named first
        ("en;q=0.5, zh;q=0.5", "en"),
        ("*;q=0.9, zh;q=0.5", "en"),  # * gives its weight to English, named by no range
        ("zh, *", "zh"),  # equal weights: a named language beats *
        ("*, zh", "zh"),
        ("zh;q=0.1, *;q=0.5, en;q=0", "zh"),  # en refused: * does not give it back
        ("zh-CN;q=0.1, zh;q=0.9, en;q=0.5", "zh"),  # the highest q of the ranges naming a language
        ("zh;q=abc, en;q=0.1", "en"),  # a malformed q: the range is skipped
        ("zh;q=2, en;q=0.1", "en"),
        ("zh;q=nan", "en"),
        ("zhx, english", "en"),  # not zh, not en
        (" zh-CN ; q=0.7 , en ; q=0.6", "zh"),  # (RFC 9110's OWS: around ";" and ",")
        (" zh-CN ; q = 0.7 , en ; q=0.6", "en"),  # (none around "=": a malformed q, the range skipped)
        (",,;q=1,zh", "zh"),
        ("zh_CN", "zh"),  # a locale's name, as some clients send it (zh_CN.UTF-8 without its encoding)
        ("en_US, zh_CN;q=0.9", "en"),
        ("fr_FR, zh_TW;q=0.4", "zh"),
        ("zh;q=1., en;q=0.999", "zh"),  # RFC 9110's q-values: 1. and three decimals
        ("en;q=0.5, zh;q=1.000", "zh"),
        ("en;q=0.001, zh;q=0.000", "en"),  # 0.000 is 0: refused
    ],
)
def test_accept_language_honours_q_values(header: str | None, lang: str) -> None:
    assert accept_language(header) == lang


#: q-values Python's float() reads but RFC 9110 §12.4.2 does not write (0 to 1, at most three decimals, ASCII).
MALFORMED_Q = [
    "0_5",
    "1_0",
    "1e0",
    "5e-1",
    "inf",
    "-inf",
    "nan",
    "-1",
    "+1",
    "+0.5",
    ".5",
    "1.0000",
    "0.5000",
    "0.0001",
    "٠.٥",
    "１",
    "0x1",
    "1.001",
    "2",
]


@pytest.mark.parametrize("q", MALFORMED_Q)
def test_a_range_of_a_malformed_q_value_is_skipped_not_the_header(q: str) -> None:
    """float() read each of these (0_5 as 5, 1e0 as 1, ٠.٥ as 0.5...): now the range is skipped, the rest read."""
    assert accept_language(f"zh;q={q}, en;q=0.1") == "en"  # (zh's only range skipped: English)
    assert accept_language(f"en;q=0.5, zh;q={q}") == "en"
    assert accept_language(f"en;q={q}, zh;q=0.2") == "zh"
    assert accept_language(f"zh-CN;q={q}, zh;q=0.2, en;q=0.1") == "zh"  # (zh's other range still counts)
    assert accept_language(f"*;q={q}, zh;q=0.1") == "zh"  # (* skipped: English is not given its weight)


@pytest.mark.parametrize("q", ["1e0", "0_5", "1.0000", "inf"])
def test_a_malformed_q_value_over_http_chooses_the_other_language(hc: httpx.Client, q: str) -> None:
    r = hc.get("/v1/locate", params={"lat": "39.79"}, headers={"accept-language": f"zh;q={q}, en;q=0.5"})
    assert r.status_code == 422 and r.headers["content-language"] == "en", r.text
    assert r.json()["detail"] == "query parameter 'lon' is required"
    r = hc.get("/v1/locate", params={"lat": "39.79"}, headers={"accept-language": f"en;q={q}, zh;q=0.5"})
    assert r.status_code == 422 and r.headers["content-language"] == "zh", r.text


def test_the_lang_parameter_takes_precedence_over_the_header() -> None:
    assert choose("zh", "en") == ("zh", False)
    assert choose("en", ZH_HEADER) == ("en", False)
    assert choose(None, ZH_HEADER) == ("zh", True)
    assert choose(None, None) == ("en", True)
    assert choose("fr", ZH_HEADER) == ("zh", True)  # a bad lang is refused in the header's language
    assert choose("ZH", None) == ("en", True)


# -- the service under test --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(model: avzone.Model) -> Any:
    """The small-limits app (fast path on; conftest's ``hc`` serves it, ``doc`` is its OpenAPI document).

    Its body deadline is the default one of ``serve`` (10 s): a body sent right after its head may still reach the
    server a good while later when the machine is loaded (the client is a thread of this process), and a short
    deadline would then answer 408 where a test expects an answer. The 408 is asked of :func:`slow_body`.
    """
    return create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS)


@pytest.fixture(scope="module")
def slow_body(model: avzone.Model) -> Iterator[httpx.Client]:
    """The small-limits app with a body deadline of 0.5 s, for the 408 of a body that stops coming."""
    app = create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS, body_timeout_s=0.5)
    with thread_server(app) as c:
        yield c


@pytest.fixture(scope="module")
def routed(model: avzone.Model) -> Iterator[httpx.Client]:
    """The same app without the single-point fast path: every request goes through FastAPI's routing."""
    app = create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS, fast_path=False)
    with thread_server(app) as c:
        yield c


def ask(client: httpx.Client, method: str, path: str, way: Way, params: dict[str, str] | None = None, **kw: Any):
    return client.request(method, path, params={**(params or {}), **way.params}, headers=way.headers, **kw)


def check_language_headers(r: httpx.Response, way: Way, translated: bool = True) -> None:
    """Content-Language says the language written; Vary: Accept-Language exactly when the header chose it."""
    assert r.headers["content-language"] == (way.lang if translated else "en"), (way.name, dict(r.headers))
    vary = [v.strip().lower() for v in r.headers.get("vary", "").split(",") if v.strip()]
    assert ("accept-language" in vary) == (way.varies and translated), (way.name, dict(r.headers))


# -- every refusal, in both languages ----------------------------------------------------------------------------
BIG = json.dumps([list(INSIDE)] * 200).encode()
assert len(BIG) == 3200 > SMALL_BODY
SIX_FIXES = json.dumps({"trajectories": [{"id": "a", "fixes": [[116.5, 39.79, "2024-07-01"]] * 6}]}).encode()
NO_TRAJECTORIES = b'{"trajectories": []}'


@dataclass(frozen=True)
class Case:
    name: str
    keys: frozenset[str]  # the catalogue keys its detail is made of
    method: str
    path: str
    params: dict[str, str]
    body: bytes | None
    status: int
    en: str
    zh: str
    chunked: bool = False
    spec: str = field(default="")  # the OpenAPI path, when not `path`
    headers: dict[str, str] = field(default_factory=dict)  # sent besides the way's
    malformed: bytes = b""  # a line the head ends with, which no parser reads (sent on a socket of its own)
    after: bytes = b""  # with malformed: what is sent after the head (a body no parser reads)
    half_close: bool = False  # with malformed: the client then closes its sending side (a body cut short)
    head_cut: bool = False  # the head sent without its blank line, then the sending side closed (on a socket)
    silent: bool = False  # the head sent without its blank line, then nothing (to a server of a short header deadline)

    def send(self, client: httpx.Client, way: Way) -> httpx.Response:
        if self.malformed or self.head_cut or self.silent:
            return self.send_raw(client, way)
        content: Any = self.body
        if self.chunked and self.body is not None:
            body = self.body
            content = iter([body[i : i + 512] for i in range(0, len(body), 512)])
        headers = {**self.headers, **way.headers}
        return client.request(
            self.method, self.path, params={**self.params, **way.params}, headers=headers, content=content
        )

    def send_raw(self, client: httpx.Client, way: Way) -> httpx.Response:
        """The request written on a socket, its head ending with :attr:`malformed`, then :attr:`after` (then its sending
        side closed, with :attr:`half_close`; with :attr:`head_cut`, the head cut before its blank line, the way's
        header fields last, then its sending side closed); the answer as httpx reads it."""
        query = str(httpx.QueryParams({**self.params, **way.params}))
        fields = {"host": "x", **self.headers, **way.headers}
        head = f"{self.method} {self.path}{'?' if query else ''}{query} HTTP/1.1\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in fields.items())
        with socket.create_connection((HOST, int(client.base_url.port)), timeout=5) as sock:
            ended = not (self.head_cut or self.silent)
            sock.sendall(head.encode() + (self.malformed + b"\r\n\r\n" + self.after if ended else b""))
            if self.half_close or self.head_cut:
                sock.shutdown(socket.SHUT_WR)
            answer = recv_all(sock)
        top, _, body = answer.partition(b"\r\n\r\n")
        status_line, *lines = top.decode("latin-1").split("\r\n")
        headers = [(name, value.strip()) for name, _, value in (line.partition(":") for line in lines)]
        request = client.build_request(self.method, self.path)
        return httpx.Response(int(status_line.split()[1]), headers=headers, content=body, request=request)


def _case(
    name: str,
    keys: str,
    method: str,
    path: str,
    params: dict[str, str],
    body: bytes | None,
    status: int,
    en: str,
    zh: str,
    marks: Any = (),
    **kw: Any,
) -> Any:
    case = Case(name, frozenset(keys.split()), method, path, params, body, status, en, zh, **kw)
    return pytest.param(case, id=name, marks=marks)


def _reads_as_too_deep(body: bytes) -> bool:
    """Whether this Python's JSON reader gives up on ``body`` for its depth (where it does depends on the version)."""
    try:
        json.loads(body)
    except RecursionError:
        return True
    return False


#: The deepest body the small server of these cases takes (2,000 bytes), which Python 3.11 cannot read.
_DEEP_BODY = b"[" * 1000 + b"]" * 1000


_CRS_HINT_EN = (
    "give a horizontal CRS: geographic lon/lat such as EPSG:4326 (WGS84) or EPSG:4490 (CGCS2000), projected such "
    "as EPSG:32650 (UTM 50N) or EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), or gcj02 / bd09"
)
_CRS_HINT_ZH = (
    "请给出水平坐标系：地理经纬度如 EPSG:4326（WGS84）或 EPSG:4490（CGCS2000），投影坐标如 EPSG:32650（UTM 50N）"
    "或 EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E），或 gcj02 / bd09"
)
_ZONES_EN = "core, current, planned, outlook"
_ZONES_ZH = "core、current、planned、outlook"

CASES = [
    # -- query parameters (FastAPI's validation, worded here)
    _case(
        "unknown query parameter",
        "http_unknown_query_parameter",
        "POST",
        "/v1/events",
        {"max_gap": "60"},
        NO_TRAJECTORIES,
        422,
        "unknown query parameter 'max_gap': POST /v1/events takes crs, max_gap_s, max_gap_m, zones, tolerance_m, "
        "time_unit, lang (a misspelt option would be ignored)",
        "未知的查询参数 'max_gap'：POST /v1/events 接受的参数有 crs、max_gap_s、max_gap_m、zones、tolerance_m、"
        "time_unit、lang（若不拒绝，拼错的选项会被悄悄忽略）",
    ),
    _case(
        "missing lon",
        "http_parameter_problem http_query_parameter http_required",
        "GET",
        "/v1/locate",
        {"lat": "39.79"},
        None,
        422,
        "query parameter 'lon' is required",
        "查询参数 'lon' 是必需的，但没有给出",
    ),
    _case(
        "missing lon and lat",
        "http_parameter_problem http_query_parameter http_required http_problem_sep",
        "GET",
        "/v1/locate",
        {},
        None,
        422,
        "query parameter 'lon' is required; query parameter 'lat' is required",
        "查询参数 'lon' 是必需的，但没有给出；查询参数 'lat' 是必需的，但没有给出",
    ),
    _case(
        "lon not a number",
        "http_parameter_problem http_query_parameter http_not_a_number",
        "GET",
        "/v1/locate",
        {"lon": "abc", "lat": "39.79"},
        None,
        422,
        "query parameter 'lon' must be a number, got 'abc'",
        "查询参数 'lon' 必须是数字，收到的是 'abc'",
    ),
    _case(
        "lon with an en dash for its minus",
        "http_parameter_problem http_query_parameter http_not_a_number_why dash_not_minus",
        "GET",
        "/v1/locate",
        {"lon": "\u2013116.4", "lat": "39.79"},
        None,
        422,
        "query parameter 'lon' must be a number, got '\u2013116.4': \u2013 is U+2013 EN DASH, no sign or hyphen "
        "avzone reads in a number or a time: write an ASCII hyphen-minus '-', -116.4",
        "查询参数 'lon' 必须是数字，收到的是 '\u2013116.4'：\u2013 是 U+2013 EN DASH，在数字和时间中都不作为正负号或"
        "连字符读取：请写 ASCII 连字符减号 '-'，如 -116.4",
    ),
    _case(
        "lat with its exponent's + unencoded",
        "http_parameter_problem http_query_parameter http_plus_in_number",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "3.979e 1"},
        None,
        422,
        "query parameter 'lat' must be a number, got '3.979e 1': a + in a URL's query is read as a space; write "
        "the exponent's + as %2B (3.979e%2B1)",
        "查询参数 'lat' 必须是数字，收到的是 '3.979e 1'：URL 查询中的 + 会被读作空格；"
        "请把指数的 + 写作 %2B（3.979e%2B1）",
    ),
    _case(
        "distances not a bool",
        "http_parameter_problem http_query_parameter http_not_a_bool",
        "POST",
        "/v1/locate",
        {"distances": "maybe"},
        b"[[116.5, 39.79]]",
        422,
        "query parameter 'distances' must be true or false, got 'maybe'",
        "查询参数 'distances' 必须是 true 或 false，收到的是 'maybe'",
    ),
    _case(
        "max_gap_s negative",
        "http_parameter_problem http_query_parameter err_arg_gap_limit",
        "POST",
        "/v1/events",
        {"max_gap_s": "-1"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'max_gap_s' must be a positive number, or 0 or inf for no limit, got '-1'",
        "查询参数 'max_gap_s' 必须是正数，或者 0 或 inf 表示不限，收到的是 '-1'",
    ),
    _case(
        "max_gap_s with digit grouping (read as 10 by Python)",
        "http_parameter_problem http_query_parameter err_arg_digit_group",
        "POST",
        "/v1/events",
        {"max_gap_s": "1_0"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'max_gap_s' must be a number without '_' between its digits, got '1_0' (Python's digit "
        "grouping would read it as 10); write 10 if that is the number meant",
        "查询参数 'max_gap_s' 必须是数字之间不带 '_' 的数，收到的是 '1_0'（Python 的数字分组写法会把它读作 10）；"
        "如果指的就是 10，请写成 10",
    ),
    _case(
        "max_gap_m below the smallest double (read as 0, no limit)",
        "http_parameter_problem http_query_parameter err_arg_gap_tiny",
        "POST",
        "/v1/events",
        {"max_gap_m": "1e-400"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'max_gap_m' must be a positive number, or 0 or inf for no limit, got '1e-400', which is "
        "below the smallest number (about 5e-324) and would read as 0, no limit",
        "查询参数 'max_gap_m' 必须是正数，或者 0 或 inf 表示不限，收到的是 '1e-400'，它小于最小的数（约 5e-324），"
        "会被读作 0，即不限",
    ),
    _case(
        "tolerance_m zero",
        "http_parameter_problem http_query_parameter http_greater_equal",
        "POST",
        "/v1/events",
        {"tolerance_m": "0"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'tolerance_m' Input should be greater than or equal to 0.001",
        "查询参数 'tolerance_m' 必须大于或等于 0.001",
    ),
    _case(
        "tolerance_m too large",
        "http_parameter_problem http_query_parameter http_less_equal",
        "POST",
        "/v1/events",
        {"tolerance_m": "1e6"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'tolerance_m' Input should be less than or equal to 1000",
        "查询参数 'tolerance_m' 必须小于或等于 1000",
    ),
    _case(
        "tolerance_m too small",
        "http_parameter_problem http_query_parameter http_greater_equal",
        "POST",
        "/v1/events",
        {"tolerance_m": "0.0001"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'tolerance_m' Input should be greater than or equal to 0.001",
        "查询参数 'tolerance_m' 必须大于或等于 0.001",
    ),
    _case(
        "tolerance_m infinite",
        "http_parameter_problem http_query_parameter http_finite",
        "POST",
        "/v1/events",
        {"tolerance_m": "inf"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'tolerance_m' must be a finite number (not nan or inf, nor beyond ±1.8e308), got 'inf'",
        "查询参数 'tolerance_m' 必须是有限的数字（不能是 nan 或 inf，也不能超出 ±1.8e308），收到的是 'inf'",
    ),
    # -- crs
    _case(
        "crs unknown",
        "http_crs_unknown",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "39.79", "crs": "nonsense"},
        None,
        422,
        "crs: unknown coordinate reference system 'nonsense': give an authority code such as EPSG:4326, EPSG:32650 "
        "or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (WKT and PROJ strings are not accepted "
        "over HTTP)",
        "crs：未知的坐标参考系 'nonsense'：请给出机构代码（如 EPSG:4326、EPSG:32650 或 OGC:CRS84）、纯 EPSG 数字，"
        "或 gcj02 / bd09 / gcj02merc（通过 HTTP 不接受 WKT 和 PROJ 字符串）",
    ),
    _case(
        "crs unknown to PROJ",
        "http_crs_unknown",
        "POST",
        "/v1/locate",
        {"crs": "EPSG:999999"},
        b"[[116.5, 39.79]]",
        422,
        "crs: unknown coordinate reference system 'EPSG:999999': give an authority code such as EPSG:4326, "
        "EPSG:32650 or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (WKT and PROJ strings are not "
        "accepted over HTTP)",
        "crs：未知的坐标参考系 'EPSG:999999'：请给出机构代码（如 EPSG:4326、EPSG:32650 或 OGC:CRS84）、纯 EPSG "
        "数字，或 gcj02 / bd09 / gcj02merc（通过 HTTP 不接受 WKT 和 PROJ 字符串）",
    ),
    _case(
        "crs a file",
        "http_crs_file",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "39.79", "crs": "zone50.prj"},
        None,
        422,
        "crs: 'zone50.prj' names a file, and the service reads no files: give the CRS as an authority code such as "
        "EPSG:4326, EPSG:32650 or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (a .prj file's EPSG "
        "code: pyproj.CRS(open(FILE).read()).to_epsg(), or any GIS)",
        "crs：'zone50.prj' 是一个文件名，而服务不读取任何文件：请给出机构代码（如 EPSG:4326、EPSG:32650 或 "
        "OGC:CRS84）、纯 EPSG 数字，或 gcj02 / bd09 / gcj02merc（.prj 文件的 EPSG 代码："
        "pyproj.CRS(open(FILE).read()).to_epsg()，或用任何 GIS 查看）",
    ),
    _case(
        "crs too long",
        "http_crs_too_long",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "39.79", "crs": "E" * 101},
        None,
        422,
        "crs: unknown coordinate reference system (longer than 100 characters)",
        "crs：未知的坐标参考系（超过 100 个字符）",
    ),
    _case(
        "crs vertical",
        "http_named err_unusable_crs",
        "POST",
        "/v1/events",
        {"crs": "EPSG:5773"},
        NO_TRAJECTORIES,
        422,
        "crs: coordinate reference system EPSG:5773 (EGM96 height) cannot be used: it is vertical (heights only), "
        "not a horizontal position; " + _CRS_HINT_EN,
        "crs：坐标参考系 EPSG:5773 (EGM96 height) 无法使用：它是垂直坐标系（只有高程），不是水平位置；" + _CRS_HINT_ZH,
    ),
    # -- the library's errors
    _case(
        "lon and lat swapped",
        "err_swapped_point",
        "GET",
        "/v1/locate",
        {"lon": "39.79", "lat": "116.5"},
        None,
        422,
        "(39.79, 116.5) lies outside the dataset's area, but (116.5, 39.79) lies inside it: the order is lon, lat; "
        "did you mean (116.5, 39.79)?",
        "(39.79, 116.5) 在数据集覆盖的区域之外，而 (116.5, 39.79) 在其中：坐标的顺序是经度、纬度；"
        "您是想输入 (116.5, 39.79) 吗？",
    ),
    _case(
        "lon and lat swapped in gcj02",
        "err_swapped_point",
        "GET",
        "/v1/locate",
        {"lon": "39.79", "lat": "116.5", "crs": "gcj02"},
        None,
        422,
        "(39.79, 116.5) lies outside the dataset's area, but (116.5, 39.79) lies inside it: the order is lon, lat; "
        "did you mean (116.5, 39.79)?",
        "(39.79, 116.5) 在数据集覆盖的区域之外，而 (116.5, 39.79) 在其中：坐标的顺序是经度、纬度；"
        "您是想输入 (116.5, 39.79) 吗？",
    ),
    _case(
        "lon out of range",
        "err_not_a_position status_out_of_range axis_lon",
        "GET",
        "/v1/locate",
        {"lon": "200", "lat": "39.79"},
        None,
        422,
        "(200.0, 39.79) in EPSG:4326 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lon out of range [-180, 180])",
        "EPSG:4326（WGS84 经纬度）中的 (200.0, 39.79) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内"
        "（经度超出范围 [-180, 180]）",
    ),
    _case(
        "lon and lat out of range",
        "err_not_a_position status_both status_out_of_range axis_lon axis_lat",
        "GET",
        "/v1/locate",
        {"lon": "200", "lat": "-91"},
        None,
        422,
        "(200.0, -91.0) in EPSG:4326 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lon out of range [-180, 180]; lat out of range [-90, 90])",
        "EPSG:4326（WGS84 经纬度）中的 (200.0, -91.0) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内"
        "（经度超出范围 [-180, 180]；纬度超出范围 [-90, 90]）",
    ),
    _case(
        "lon beyond the largest number",
        "http_parameter_problem http_query_parameter http_finite",
        "GET",
        "/v1/locate",
        {"lon": "1e400", "lat": "39.79"},
        None,
        422,
        "query parameter 'lon' must be a finite number (not nan or inf, nor beyond ±1.8e308), got '1e400'",
        "查询参数 'lon' 必须是有限的数字（不能是 nan 或 inf，也不能超出 ±1.8e308），收到的是 '1e400'",
    ),
    _case(
        "a point bd09 cannot express",
        "err_not_a_position status_out_of_range axis_lat",
        "GET",
        "/v1/locate",
        {"lon": "0", "lat": "6718", "crs": "bd09"},
        None,
        422,
        "(0.0, 6718.0) in bd09 is not a valid position: longitude must be within ±180 and latitude within ±90 "
        "(lat out of range [-90, 90])",
        "bd09（BD-09 百度坐标，百度地图所用）中的 (0.0, 6718.0) 不是有效的位置：经度应在 ±180 以内，"
        "纬度应在 ±90 以内（纬度超出范围 [-90, 90]）",
    ),
    _case(
        "at not a time",
        "http_query_parameter_error err_bad_time",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "39.79", "at": "garbage"},
        None,
        422,
        "query parameter 'at': 'garbage': time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times "
        "are Beijing time)",
        "查询参数 'at'：'garbage'：不是日期/时间（应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的时间按北京时间）",
    ),
    _case(
        "at with its offset's + unencoded",
        "http_query_parameter_error err_bad_time http_plus_in_query",
        "GET",
        "/v1/locate",
        {"lon": "116.5", "lat": "39.79", "at": "2024-07-01T08:00:00 08:00"},
        None,
        422,
        "query parameter 'at': '2024-07-01T08:00:00 08:00': time not a date/time (ISO 8601 such as "
        "2024-06-01T08:30:00; naive times are Beijing time); a + in a URL's query is read as a space: write "
        "the offset's + as %2B (at=2024-07-01T08:00:00%2B08:00)",
        "查询参数 'at'：'2024-07-01T08:00:00 08:00'：不是日期/时间（应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的"
        "时间按北京时间）；URL 查询中的 + 会被读作空格：请把时区偏移的 + 写作 %2B（at=2024-07-01T08:00:00%2B08:00）",
    ),
    _case(
        "at not a time, many points",
        "http_query_parameter_error err_bad_time",
        "POST",
        "/v1/locate",
        {"at": "garbage"},
        b"[[116.5, 39.79]]",
        422,
        "query parameter 'at': 'garbage': time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times "
        "are Beijing time)",
        "查询参数 'at'：'garbage'：不是日期/时间（应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的时间按北京时间）",
    ),
    _case(
        "zones unknown",
        "http_query_parameter_error err_not_zone_layer",
        "POST",
        "/v1/events",
        {"zones": "nope"},
        NO_TRAJECTORIES,
        422,
        f"query parameter 'zones': 'nope' is not a zone layer; zone layers are: {_ZONES_EN}",
        f"查询参数 'zones'：'nope' 不是范围图层；范围图层有：{_ZONES_ZH}",
    ),
    _case(
        "zones twice",
        "http_query_parameter_error err_zone_twice",
        "POST",
        "/v1/events",
        {"zones": "current,current"},
        NO_TRAJECTORIES,
        422,
        "query parameter 'zones': 'current' is given twice; give each zone layer to follow once",
        "查询参数 'zones'：'current' 给了两次；每个要跟踪的范围图层只给一次",
    ),
    _case(
        "unknown layer",
        "err_no_layer",
        "GET",
        "/v1/layers/nope",
        {},
        None,
        404,
        "no layer 'nope' in dataset 'beijing'; layers are: core, current, planned, outlook, stations, airports, routes",
        "数据集 'beijing' 中没有图层 'nope'；现有图层：core、current、planned、outlook、stations、airports、routes",
        spec="/v1/layers/{layer_id}",
    ),
    _case(
        "growth from not a zone layer",
        "http_named err_not_zone_layer",
        "GET",
        "/v1/growth",
        {"to": "stations"},
        None,
        422,
        f"to: 'stations' is not a zone layer; zone layers are: {_ZONES_EN}",
        f"to：'stations' 不是范围图层；范围图层有：{_ZONES_ZH}",
    ),
    _case(
        "growth from a layer to itself",
        "err_growth_same_layer growth_how_http",
        "GET",
        "/v1/growth",
        {"from": "current", "to": "current"},
        None,
        422,
        "growth from 'current' to 'current' compares the layer with itself: give two different zone layers as the "
        f"query parameters from and to (GET /v1/growth?from=FROM&to=TO); zone layers are: {_ZONES_EN}",
        "从 'current' 到 'current' 的增长是把该图层和它自己比较：请给出两个不同的范围图层（查询参数 from 和 to，即 "
        f"GET /v1/growth?from=FROM&to=TO）；范围图层有：{_ZONES_ZH}",
    ),
    # -- POST /v1/locate bodies
    _case(
        "points body empty",
        "http_body_empty http_points_shape",
        "POST",
        "/v1/locate",
        {},
        b"",
        422,
        "body is empty: send a JSON array of [lon, lat] pairs or a FeatureCollection",
        "请求体是空的：请发送 [lon, lat] 点对的 JSON 数组或 FeatureCollection",
    ),
    _case(
        "newline-delimited GeoJSON",
        "http_geojsonseq",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "Feature", "geometry": null}\n{"type": "Feature", "geometry": null}\n',
        422,
        "body is one GeoJSON Feature after another (line 2), newline-delimited GeoJSON (GeoJSONSeq), not a "
        'FeatureCollection: send the features in a FeatureCollection\'s "features" list',
        "请求体是一个接一个的 GeoJSON Feature（第 2 行），即按行分隔的 GeoJSON（GeoJSONSeq），"
        '不是 FeatureCollection：请把这些要素放进 FeatureCollection 的 "features" 列表再发送',
    ),
    _case(
        "points body not JSON",
        "http_not_json",
        "POST",
        "/v1/locate",
        {},
        b"[[116.5, NaN]]",
        422,
        "body is not valid JSON: NaN is not valid JSON",
        "请求体不是有效的 JSON：NaN 不是有效的 JSON（JSON 中没有 NaN 和 Infinity）",
    ),
    _case(
        "points body nested too deeply",
        "http_body_too_deep",
        "POST",
        "/v1/locate",
        {},
        _DEEP_BODY,
        422,
        "body is nested too deeply to read (arrays or objects about a thousand levels deep): a body of points or "
        "trajectories needs at most a few levels",
        "请求体嵌套太深，无法读取（数组或对象嵌套约一千层）：点或轨迹的请求体最多只需要几层",
        marks=pytest.mark.skipif(not _reads_as_too_deep(_DEEP_BODY), reason="this Python reads 1,000 levels"),
    ),
    _case(
        "points body with a key twice",
        "http_body_key_twice",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [[116.5, 39.79]], "features": []}',
        422,
        "body has the key 'features' twice in one object ([[116.5, 39.79]], then []): JSON readers keep only one "
        "of them, so the other would be dropped unsaid; send each key once",
        "请求体的同一对象中键 'features' 出现两次（[[116.5, 39.79]]，然后 []）：JSON 读取时只会保留其中一个，"
        "另一个会被悄悄丢弃；每个键只发送一次",
    ),
    _case(
        "feature id with a lone surrogate",
        "http_lone_surrogate",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "\\ud800", "geometry": null}]}',
        422,
        'body.features[0].id holds the text "\\ud800", whose \\ud800 is half of a UTF-16 surrogate pair and no '
        "character on its own: send the text as UTF-8, or escape a character beyond U+FFFF as both halves of its pair",
        'body.features[0].id 中的文本 "\\ud800" 含有 \\ud800：它只是 UTF-16 代理对的一半，本身不是字符；'
        "请以 UTF-8 发送文本，或把 U+FFFF 以上的字符转义为代理对的两半",
    ),
    _case(
        "points body in GBK",
        "http_not_utf8",
        "POST",
        "/v1/locate",
        {},
        '{"type":"FeatureCollection","features":[{"type":"Feature","id":"亦庄","geometry":{"type":"Point",'
        '"coordinates":[116.5,39.79]}}]}'.encode("gbk"),
        422,
        "body is not UTF-8 text (byte 0xd2 at position 64): send the JSON as UTF-8 (a file saved as GBK or in another "
        "code page must be converted first)",
        "请求体不是 UTF-8 文本（位置 64 的字节 0xd2）：请以 UTF-8 发送 JSON"
        "（以 GBK 或其他代码页保存的文件请先转换为 UTF-8）",
    ),
    _case(
        "trajectories body in GBK",
        "http_not_utf8",
        "POST",
        "/v1/events",
        {},
        '{"trajectories":[{"id":"京A","fixes":[]}]}'.encode("gbk"),
        422,
        "body is not UTF-8 text (byte 0xbe at position 24): send the JSON as UTF-8 (a file saved as GBK or in another "
        "code page must be converted first)",
        "请求体不是 UTF-8 文本（位置 24 的字节 0xbe）：请以 UTF-8 发送 JSON"
        "（以 GBK 或其他代码页保存的文件请先转换为 UTF-8）",
    ),
    _case(
        "points body gzip-encoded",
        "http_content_encoding",
        "POST",
        "/v1/locate",
        {},
        gzip.compress(b"[[116.5, 39.79]]"),
        415,
        "the body is sent with Content-Encoding: gzip, which the service does not decode: send the JSON itself, "
        "without Content-Encoding",
        "请求体带有 Content-Encoding: gzip，服务不解码这种编码：请直接发送 JSON，不要带 Content-Encoding",
        headers={"content-encoding": "gzip"},
    ),
    _case(
        "points body declared CSV",
        "http_content_type",
        "POST",
        "/v1/locate",
        {},
        b"lon,lat\n116.5,39.79\n",
        415,
        "the body is declared Content-Type: 'text/csv', which is not JSON, and the service reads JSON only: send the "
        "JSON declared Content-Type: application/json (or a +json type, such as application/geo+json)",
        "请求体声明为 Content-Type: 'text/csv'，这不是 JSON，而服务只读取 JSON："
        "请发送 JSON 并声明 Content-Type: application/json（或 +json 类型，如 application/geo+json）",
        headers={"content-type": "text/csv; charset=utf-8"},
    ),
    _case(
        "trajectories body declared XML",
        "http_content_type",
        "POST",
        "/v1/events",
        {},
        b"<trajectories/>",
        415,
        "the body is declared Content-Type: 'application/xml', which is not JSON, and the service reads JSON only: "
        "send the JSON declared Content-Type: application/json (or a +json type, such as application/geo+json)",
        "请求体声明为 Content-Type: 'application/xml'，这不是 JSON，而服务只读取 JSON："
        "请发送 JSON 并声明 Content-Type: application/json（或 +json 类型，如 application/geo+json）",
        headers={"content-type": "application/xml"},
    ),
    _case(
        "points body declared in GBK",
        "http_charset",
        "POST",
        "/v1/locate",
        {},
        '[{"type": "Feature", "id": "瞻"}]'.encode("gbk"),
        415,
        "the body is declared charset=gbk (Content-Type) and holds bytes beyond ASCII, which the service reads as "
        "UTF-8 only: send the JSON in UTF-8 (JSON's encoding) with charset=utf-8 or no charset",
        "请求体声明为 charset=gbk（Content-Type），其中含有 ASCII 以外的字节，而服务只按 UTF-8 读取："
        "请以 UTF-8（JSON 的编码）发送 JSON，并声明 charset=utf-8 或不声明 charset",
        headers={"content-type": "application/json; charset=gbk"},
    ),
    _case(
        "points body declared in GBK with spaces around the equals sign",
        "http_charset_malformed",
        "POST",
        "/v1/locate",
        {},
        '[{"type": "Feature", "id": "瞻"}]'.encode("gbk"),
        415,
        "the body's Content-Type parameter 'charset = gbk' is malformed: RFC 9110 writes a parameter with no "
        "whitespace around its '=' ('charset=gbk'), so it declares no charset, and the body would be read as UTF-8, "
        "not as 'gbk': write 'charset=gbk' if the body is in UTF-8, UTF-16 or UTF-32 (the charsets the service "
        "reads), else send the JSON in UTF-8 (JSON's encoding) with charset=utf-8 or no charset",
        "请求体的 Content-Type 参数 'charset = gbk' 格式不正确：RFC 9110 中参数的 '=' 两侧没有空白（'charset=gbk'），"
        "因此它没有声明字符集，请求体将按 UTF-8 而不是按 'gbk' 读取：如果请求体是 UTF-8、UTF-16 或 UTF-32"
        "（服务读取的字符集），请写作 'charset=gbk'，否则请以 UTF-8（JSON 的编码）发送 JSON，并声明 charset=utf-8 "
        "或不声明 charset",
        headers={"content-type": "application/json; charset = gbk"},
    ),
    _case(
        "points body in UTF-16 undeclared",
        "http_body_utf16",
        "POST",
        "/v1/locate",
        {},
        "[[116.5, 39.79]]".encode("utf-16-le"),
        422,
        "body is UTF-16 or UTF-32, not UTF-8 (byte 0x00 at position 1: a byte order mark or a zero byte, which no "
        "JSON text in UTF-8 has), and declares no such charset: send the JSON as UTF-8 (JSON's encoding), or declare "
        "its charset (Content-Type: application/json; charset=utf-16 or utf-32)",
        "请求体是 UTF-16 或 UTF-32 而不是 UTF-8（位置 1 的字节 0x00：字节序标记或零字节，UTF-8 的 JSON 文本中没有"
        "这样的字节），却没有声明这样的字符集：请以 UTF-8（JSON 的编码）发送 JSON，"
        "或声明其字符集（Content-Type: application/json; charset=utf-16 或 utf-32）",
    ),
    _case(
        "points body declared UTF-16 in other bytes",
        "http_charset_undecodable",
        "POST",
        "/v1/locate",
        {},
        b"[[116.5, 39.79]]",
        415,
        "the body is declared charset=utf-16 (Content-Type), but its bytes are not JSON text in that charset (from "
        "byte 0 on); send the JSON in the charset declared, or in UTF-8 (JSON's encoding) with charset=utf-8 or no "
        "charset",
        "请求体声明为 charset=utf-16（Content-Type），但其字节不是该字符集的 JSON 文本（从第 0 个字节起）；"
        "请按所声明的字符集发送 JSON，或以 UTF-8（JSON 的编码）发送并声明 charset=utf-8 或不声明 charset",
        headers={"content-type": "application/json; charset=utf-16"},
    ),
    _case(
        "trajectories body deflate-encoded",
        "http_content_encoding",
        "POST",
        "/v1/events",
        {},
        b"x\x9c\xab\xae\x05\x00\x01u\x00\xf9",
        415,
        "the body is sent with Content-Encoding: deflate, which the service does not decode: send the JSON itself, "
        "without Content-Encoding",
        "请求体带有 Content-Encoding: deflate，服务不解码这种编码：请直接发送 JSON，不要带 Content-Encoding",
        headers={"content-encoding": "deflate"},
    ),
    _case(
        "not a pair",
        "http_not_a_pair",
        "POST",
        "/v1/locate",
        {},
        b"[[1, 2], [3]]",
        422,
        "body[1] is not a [lon, lat] pair (got [3]); send an array of [lon, lat] pairs or a GeoJSON FeatureCollection "
        "of Points",
        "body[1] 不是 [lon, lat] 点对（收到 [3]）；请发送 [lon, lat] 点对的数组，或由 Point 组成的 GeoJSON "
        "FeatureCollection",
    ),
    _case(
        "not points",
        "http_not_points",
        "POST",
        "/v1/locate",
        {},
        b'{"lon": 1}',
        422,
        'body is not a JSON array of [lon, lat] pairs nor a GeoJSON FeatureCollection (got {"lon": 1})',
        '请求体既不是 [lon, lat] 点对的 JSON 数组，也不是 GeoJSON FeatureCollection（收到 {"lon": 1}）',
    ),
    _case(
        "a bare GeoJSON Feature",
        "http_geojson_bare",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "Feature", "geometry": null}',
        422,
        'body is a GeoJSON Feature alone (got {"type": "Feature", "geometry": null}), not a FeatureCollection: put it '
        'in one, in its "features" list (a geometry as a Feature\'s "geometry")',
        '请求体只有一个 GeoJSON Feature（收到 {"type": "Feature", "geometry": null}），不是 FeatureCollection：请把它'
        '放进一个 FeatureCollection 的 "features" 列表（几何放在 Feature 的 "geometry" 中）',
    ),
    _case(
        "features not an array",
        "http_features_not_array",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": 3}',
        422,
        "body.features must be an array of GeoJSON Point features",
        "body.features 必须是 GeoJSON Point 要素的数组",
    ),
    _case(
        "not a feature",
        "http_not_a_feature",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [3]}',
        422,
        "body.features[0] is not a GeoJSON Feature (got 3)",
        "body.features[0] 不是 GeoJSON Feature（收到 3）",
    ),
    _case(
        "crs that contradicts the body's crs member",
        "http_body_crs_conflict",
        "POST",
        "/v1/locate",
        {"crs": "gcj02"},
        b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, "features": []}',
        422,
        "crs=gcj02 contradicts the CRS the body's 'crs' member declares (EPSG:3857); leave crs out to use the "
        "member's, or, if the member is a wrong label, also give override_crs=true to read the points in gcj02",
        "crs=gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）与请求体的 'crs' 成员声明的坐标系"
        "（EPSG:3857（Web 墨卡托投影））不符；不给 crs 即按该成员读取；"
        "若该成员是错误的标注，请同时给出 override_crs=true，"
        "按 gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）读取这些点",
    ),
    _case(
        "a feature's id neither a string nor a number",
        "http_trajectory_id",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": true, "geometry": null}]}',
        422,
        "body.features[0].id must be a string or a finite number (got true)",
        "body.features[0].id 必须是字符串或有限的数字（收到 true）",
    ),
    _case(
        "a feature's properties.id no answer can hold",
        "http_property_id",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": 1e400}, '
        b'"geometry": null}]}',
        422,
        "body.features[0].properties.id cannot be given back (got >1.8e308): a number beyond the largest double, "
        "or half of a UTF-16 surrogate pair alone, is no JSON an answer can hold; send the id as a string or a "
        "finite number",
        "body.features[0].properties.id 无法在应答中返回（收到 >1.8e308）：超出最大双精度数的数，或单独的 UTF-16 "
        "代理对的一半，不是应答能容纳的 JSON；请以字符串或有限的数字发送该 id",
    ),
    _case(
        "too many points",
        "http_too_many_points",
        "POST",
        "/v1/locate",
        {},
        json.dumps([list(INSIDE)] * 6).encode(),
        413,
        "too many points: 6 in the body, the limit is max_points=5 per request",
        "点太多：请求体中有 6 个点，每个请求的上限是 max_points=5",
    ),
    _case(
        "body too large by Content-Length",
        "http_body_too_large http_size_declared",
        "POST",
        "/v1/locate",
        {},
        BIG,
        413,
        "request body too large: Content-Length is 3200 bytes, the limit is max_body_bytes=2000 bytes; "
        "send fewer points per request",
        "请求体太大：Content-Length 为 3200 字节，上限是 max_body_bytes=2000 字节；请在每个请求中少发一些点",
    ),
    _case(
        "body too large chunked",
        "http_body_too_large http_size_received",
        "POST",
        "/v1/locate",
        {},
        BIG,
        413,
        "request body too large: more than 2000 bytes received, the limit is max_body_bytes=2000 bytes; "
        "send fewer points per request",
        "请求体太大：已收到超过 2000 字节，上限是 max_body_bytes=2000 字节；请在每个请求中少发一些点",
        chunked=True,
    ),
    _case(  # (POST /v1/events takes fixes: it was told to send fewer points)
        "events body too large chunked",
        "http_body_too_large_fixes http_size_received",
        "POST",
        "/v1/events",
        {},
        BIG,
        413,
        "request body too large: more than 2000 bytes received, the limit is max_body_bytes=2000 bytes; "
        "send fewer fixes per request",
        "请求体太大：已收到超过 2000 字节，上限是 max_body_bytes=2000 字节；请在每个请求中少发一些定位点",
        chunked=True,
    ),
    _case(
        "events body too large by Content-Length",
        "http_body_too_large_fixes http_size_declared",
        "POST",
        "/v1/events",
        {},
        BIG,
        413,
        "request body too large: Content-Length is 3200 bytes, the limit is max_body_bytes=2000 bytes; "
        "send fewer fixes per request",
        "请求体太大：Content-Length 为 3200 字节，上限是 max_body_bytes=2000 字节；请在每个请求中少发一些定位点",
    ),
    # -- POST /v1/events bodies
    _case(
        "events body empty",
        "http_body_empty",
        "POST",
        "/v1/events",
        {},
        b" ",
        422,
        'body is empty: send {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}]}',
        '请求体是空的：请发送 {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}]}',
    ),
    _case(
        "events body not JSON",
        "http_not_json",
        "POST",
        "/v1/events",
        {},
        b"{",
        422,
        "body is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        "请求体不是有效的 JSON：此处应为用双引号括起的属性名：第 1 行第 2 列（第 1 个字符）",
    ),
    _case(
        "events body shape",
        "http_events_shape",
        "POST",
        "/v1/events",
        {},
        b'{"x": 1}',
        422,
        'body must be {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]} (got {"x": 1})',
        '请求体必须是 {"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]}（收到 {"x": 1}）',
    ),
    _case(
        "unknown body key",
        "http_unknown_body_key",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [], "max_gap_s": 60}',
        422,
        "body has an unknown key 'max_gap_s': the body is {\"trajectories\": [...]} alone; options (crs, max_gap_s, "
        "max_gap_m, zones, tolerance_m, time_unit) are query parameters",
        "请求体有未知的键 'max_gap_s'：请求体只能是 {\"trajectories\": [...]}；选项（crs、max_gap_s、max_gap_m、"
        "zones、tolerance_m、time_unit）是查询参数",
    ),
    _case(
        "option in a FeatureCollection",
        "http_option_in_body",
        "POST",
        "/v1/locate",
        {},
        b'{"type": "FeatureCollection", "features": [], "at": "2023-06-01"}',
        422,
        "body member 'at' is an option of this endpoint, which takes options as query parameters only: give it as "
        "?at=... (in the body it would not be used)",
        "请求体成员 'at' 是本端点的选项，而选项只能作为查询参数给出：请写成 ?at=...（写在请求体中不会被使用）",
    ),
    _case(
        "trajectory not an object",
        "http_trajectory_shape",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [3]}',
        422,
        'body.trajectories[0] must be an object with "id" and "fixes" (got 3)',
        'body.trajectories[0] 必须是带有 "id" 和 "fixes" 的对象（收到 3）',
    ),
    _case(
        "trajectory unknown key",
        "http_trajectory_key",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [{"ID": "a", "fixes": []}]}',
        422,
        "body.trajectories[0] has an unknown key 'ID' (the keys are id and fixes)",
        "body.trajectories[0] 有未知的键 'ID'（键只能是 id 和 fixes）",
    ),
    _case(
        "trajectory id",
        "http_trajectory_id",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [{"id": true, "fixes": []}]}',
        422,
        "body.trajectories[0].id must be a string or a finite number (got true)",
        "body.trajectories[0].id 必须是字符串或有限的数字（收到 true）",
    ),
    _case(
        "fix not a triple",
        "http_fix_shape",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [{"id": "a", "fixes": [[1, 2]]}]}',
        422,
        "body.trajectories[0].fixes[0] is not a [lon, lat, time] triple (got [1, 2])",
        "body.trajectories[0].fixes[0] 不是 [lon, lat, time] 三元组（收到 [1, 2]）",
    ),
    _case(
        "trajectory number taken",
        "http_trajectory_number",
        "POST",
        "/v1/events",
        {},
        b'{"trajectories": [{"id": 1, "fixes": []}, {"fixes": []}]}',
        422,
        'body.trajectories[1] has no "id", and its number 1 is the id of body.trajectories[0]: give it an id of its '
        "own (or null for none: its fixes then get the status missing vehicle id)",
        'body.trajectories[1] 没有 "id"，而它的编号 1 是 body.trajectories[0] 的 id：请给它一个自己的 id（或给 null '
        "表示没有：它的定位点会得到状态 missing vehicle id）",
    ),
    _case(
        "too many fixes",
        "http_too_many_fixes",
        "POST",
        "/v1/events",
        {},
        SIX_FIXES,
        413,
        "too many fixes: 6 in the body, the limit is max_points=5 per request",
        "定位点太多：请求体中有 6 个定位点，每个请求的上限是 max_points=5",
    ),
    # -- request heads over the server's limits (answered before any routing, in the shape of every error)
    _case(
        "URL too long",
        "http_url_too_long",
        "GET",
        "/v1/locate",
        {"lat": "39.79", "lon": "1" * 17_000},
        None,
        414,
        "request URL too long: more than 16,384 bytes; GET requests take a few short parameters: send many points "
        "in a POST body",
        "请求 URL 太长：超过 16,384 字节；GET 请求只需几个简短的参数：大量的点请放在 POST 请求体中发送",
    ),
    _case(
        "header fields too large",
        "http_head_too_large",
        "GET",
        "/v1/growth",
        {},
        None,
        431,
        "request header fields too large: the request line and headers are more than 65,536 bytes; send fewer or "
        "shorter headers",
        "请求头太大：请求行和请求头超过 65,536 字节；请少发或缩短请求头",
        headers={"x-filler": "a" * 70_000},
    ),
    _case(
        "malformed request head",
        "http_bad_request",
        "GET",
        "/v1/growth",
        {},
        None,
        400,
        "malformed HTTP request: its request line or header fields cannot be read; send METHOD /path?query "
        "HTTP/1.1 (the path and query in ASCII, other bytes percent-encoded), then header fields Name: value, Host "
        "among them",
        "HTTP 请求格式错误：无法读取其请求行或请求头；请发送 METHOD /path?query HTTP/1.1（路径和查询只用 ASCII "
        "字符，其他字节用百分号编码），再发送 Name: value 形式的请求头，其中要有 Host",
        malformed=b"Bad Header",
    ),
    _case(
        "request head not ended at the header deadline",
        "http_head_timeout",
        "GET",
        "/v1/growth",
        {},
        None,
        408,
        "request timeout: the request head (its request line and header fields, ended by an empty line) did not "
        "arrive whole within 0.5 s; send the whole head at once",
        "请求超时：请求头（请求行和请求头字段，以空行结束）没有在 0.5 秒内完整到达；请一次发送整个请求头",
        silent=True,
    ),
    _case(
        "two Host fields",
        "http_host_count",
        "GET",
        "/v1/growth",
        {},
        None,
        400,
        "malformed HTTP request: it has 2 Host header fields; an HTTP/1.1 request has exactly one (an HTTP/1.0 "
        "request one at most): send Host: with the name (and port) the service is reached at, once",
        "HTTP 请求格式错误：它有 2 个 Host 请求头；HTTP/1.1 请求必须恰好有一个（HTTP/1.0 请求最多一个）："
        "请发送一次 Host:，写上访问服务所用的主机名（和端口）",
        malformed=b"Host: y",
    ),
    _case(
        "body length said twice",
        "http_body_length_twice",
        "POST",
        "/v1/locate",
        {},
        None,
        400,
        "malformed HTTP request: the length of its body is said twice (Transfer-Encoding and Content-Length both, "
        "or Content-Length more than once), which two servers could read as different requests; send one "
        "Content-Length, or Transfer-Encoding: chunked alone",
        "HTTP 请求格式错误：请求体的长度给出了两次（同时有 Transfer-Encoding 和 Content-Length，或有多个 "
        "Content-Length），两个服务器可能把它读成不同的请求；请只发送一个 Content-Length，或只发送 "
        "Transfer-Encoding: chunked",
        malformed=b"Content-Length: 2\r\nTransfer-Encoding: chunked",
    ),
    _case(
        "chunked body unreadable",
        "http_chunks_unreadable",
        "POST",
        "/v1/locate",
        {},
        None,
        400,
        "malformed HTTP request: its chunked body cannot be read (a chunk size that is not hexadecimal, a chunk "
        "longer than its size, no CRLF after a chunk, or a last chunk not ending the body with CRLF); send each "
        "chunk as its size in hexadecimal, CRLF, its bytes, CRLF, and end the body with 0, CRLF, CRLF",
        "HTTP 请求格式错误：无法读取其分块（chunked）请求体（块大小不是十六进制数、块比所给大小长、块后没有 CRLF，"
        "或最后一块没有以 CRLF 结束请求体）；请把每一块写成：十六进制的大小、CRLF、块的字节、CRLF，最后以 0、CRLF、"
        "CRLF 结束请求体",
        malformed=b"Transfer-Encoding: chunked",
        after=b"zz\r\n[]\r\n0\r\n\r\n",
    ),
    _case(
        "folded header field",
        "http_header_folded",
        "GET",
        "/v1/growth",
        {},
        None,
        400,
        "malformed HTTP request: a header field is folded onto a line of its own (a line beginning with a space or "
        "a tab: obsolete line folding, RFC 9112 §5.2); send each header field on one line",
        "HTTP 请求格式错误：有请求头字段折行写到了单独的一行（以空格或制表符开头的行：已废弃的折行写法，"
        "RFC 9112 §5.2）；请把每个请求头字段写在一行内",
        malformed=b"X-A: a\r\n b",
    ),
    _case(
        "body cut short",
        "http_body_cut_short",
        "POST",
        "/v1/locate",
        {},
        None,
        400,
        "incomplete HTTP request: the client closed its sending side after 7 of the 100 bytes of body its "
        "Content-Length says; send the whole body before closing",
        "HTTP 请求不完整：客户端只发送了 Content-Length 所说的 100 字节请求体中的 7 字节就关闭了发送端；"
        "请在关闭之前发送整个请求体",
        malformed=b"Content-Length: 100",
        after=b"[[116.5",
        half_close=True,
    ),
    _case(
        "chunked body cut short",
        "http_chunks_cut_short",
        "POST",
        "/v1/locate",
        {},
        None,
        400,
        "incomplete HTTP request: the client closed its sending side after 7 bytes of its chunked body, before its "
        "last chunk; send the whole body, ended with 0, CRLF, CRLF, before closing",
        "HTTP 请求不完整：客户端发送了分块（chunked）请求体的 7 字节后、在最后一块之前就关闭了发送端；"
        "请在关闭之前发送整个请求体，并以 0、CRLF、CRLF 结束",
        malformed=b"Transfer-Encoding: chunked",
        after=b"7\r\n[[116.5\r\n",
        half_close=True,
    ),
    _case(
        "head cut short",
        "http_head_cut_short",
        "GET",
        "/v1/growth",
        {},
        None,
        400,
        "incomplete HTTP request: the client closed its sending side before the end of its request head (the empty "
        "line after its header fields); send the whole head, ended with CRLF, CRLF, before closing",
        "HTTP 请求不完整：客户端在请求头结束（请求头字段之后的空行）之前就关闭了发送端；"
        "请在关闭之前发送整个请求头，并以 CRLF、CRLF 结束",
        head_cut=True,
    ),
]

#: Keys shown by the tests further down (they need a state of their own) or only reachable from Python.
SHOWN_ELSEWHERE = {
    "http_busy",
    "http_over_capacity",  # (tests/service/test_edges.py: a server with limit_concurrency=2, in both languages)
    "http_internal_error",
    "http_map_failed",
    "http_body_too_slow",
    "http_content_length_malformed",  # (tests/service/test_content_length.py: the parsers refuse it first)
    "http_not_convertible",
    "http_time_unit_unused",  # (a note, not a refusal: test_notes_are_written_in_the_language_asked)
    "http_not_one_of",
    "http_invalid_request",
    "http_path_parameter",
    "http_header_parameter",
    "http_not_found",
    "http_method_not_allowed",
}


@pytest.fixture(scope="module")
def quick_head(model: avzone.Model) -> Iterator[httpx.Client]:
    """The small-limits app served with a header deadline of 0.5 s (10 s in ``serve``), for :attr:`Case.silent`."""

    class QuickHead(http_protocol()):  # type: ignore[misc, valid-type]
        header_timeout_s = 0.5

    with thread_server(create_app(model, max_body_bytes=SMALL_BODY, max_points=SMALL_POINTS), http=QuickHead) as c:
        yield c


@pytest.mark.parametrize("case", CASES)
def test_each_refusal_in_both_languages(
    hc: httpx.Client, doc: dict[str, Any], case: Case, request: pytest.FixtureRequest
) -> None:
    answers = {}
    client = request.getfixturevalue("quick_head") if case.silent else hc
    for way in WAYS:
        r = case.send(client, way)
        assert r.status_code == case.status, (way.name, r.text)
        body = conforms(doc, case.spec or case.path, case.method.lower(), r)
        assert body["detail"] == (case.zh if way.lang == "zh" else case.en), way.name
        check_language_headers(r, way)
        answers[way.name] = body
        if "errors" in body:  # JSON keys, loc and type as they are; msg in the language of detail
            for issue in body["errors"]:
                assert issue["loc"][0] == "query" and issue["msg"] in body["detail"]
    keys = {json.dumps(sorted(b)) for b in answers.values()}
    assert len(keys) == 1, "the same JSON keys in every language"
    if "errors" in answers["nothing"]:
        shapes = {json.dumps([(e["loc"], e["type"]) for e in b["errors"]]) for b in answers.values()}
        assert len(shapes) == 1


def test_the_cases_show_every_message_of_the_service() -> None:
    shown = set().union(*(p.values[0].keys for p in CASES)) | SHOWN_ELSEWHERE
    service = {k for k in i18n.MESSAGES["en"] if k.startswith("http_")}
    assert service - shown == set(), "a message of the service no test shows"
    assert {k for k in shown if not k.startswith("http_")} <= set(i18n.MESSAGES["zh"])


# -- English by default, byte for byte as before ----------------------------------------------------------------
#: Answers the service gave before it spoke Chinese (method, path and query, body, status, the answer's bytes).
BEFORE = [
    (
        "GET",
        "/v1/locate?lat=39.79",
        None,
        422,
        b'{"detail":"query parameter \'lon\' is required","errors":[{"loc":["query","lon"],"msg":"is required",'
        b'"type":"missing"}]}',
    ),
    (
        "GET",
        "/v1/locate?lon=116.5&lat=39.79&crs=nonsense",
        None,
        422,
        b'{"detail":"crs: unknown coordinate reference system \'nonsense\': give an authority code such as '
        b"EPSG:4326, EPSG:32650 or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (WKT and PROJ strings "
        b'are not accepted over HTTP)"}',
    ),
    (
        "GET",
        "/v1/locate?lon=116.5&lat=39.79&crs=EPSG:4978",
        None,
        422,
        b'{"detail":"crs: coordinate reference system EPSG:4978 (WGS 84) cannot be used: it is geocentric (X, Y, Z '
        b"from the Earth's centre), not a horizontal position; give a horizontal CRS: geographic lon/lat such as "
        b"EPSG:4326 (WGS84) or EPSG:4490 (CGCS2000), projected such as EPSG:32650 (UTM 50N) or EPSG:4548 "
        b'(CGCS2000 / 3-degree Gauss-Kruger CM 117E), or gcj02 / bd09"}',
    ),
    (
        "GET",
        "/v1/locate?lon=200&lat=39.79",
        None,
        422,
        b'{"detail":"(200.0, 39.79) in EPSG:4326 is not a valid position: longitude must be within \xc2\xb1180 and '
        b'latitude within \xc2\xb190 (lon out of range [-180, 180])"}',
    ),
    (
        "GET",
        "/v1/locate?lon=39.79&lat=116.5",
        None,
        422,
        b'{"detail":"(39.79, 116.5) lies outside the dataset\'s area, but (116.5, 39.79) lies inside it: the order is '
        b'lon, lat; did you mean (116.5, 39.79)?"}',
    ),
    (
        "GET",
        "/v1/locate?lon=nan&lat=39.79",
        None,
        422,
        # (the parameter named since, with the text sent: a number beyond the largest double was '(inf, 39.79)')
        b'{"detail":"query parameter \'lon\' must be a finite number (not nan or inf, nor beyond \xc2\xb11.8e308), '
        b'got \'nan\'","errors":[{"loc":["query","lon"],"msg":"must be a finite number (not nan or inf, nor '
        b'beyond \xc2\xb11.8e308), got \'nan\'","type":"finite_number"}]}',
    ),
    (
        "GET",
        "/v1/locate?lon=116.5&lat=39.79&at=garbage",
        None,
        422,
        # (the parameter named since: the other parameters' refusals name theirs)
        b"{\"detail\":\"query parameter 'at': 'garbage': time not a date/time (ISO 8601 such as "
        b'2024-06-01T08:30:00; naive times are Beijing time)"}',
    ),
    (
        "POST",
        "/v1/locate?distances=maybe",
        b"[[116.5,39.79]]",
        422,
        b'{"detail":"query parameter \'distances\' must be true or false, got \'maybe\'","errors":[{"loc":["query",'
        b'"distances"],"msg":"must be true or false, got \'maybe\'","type":"bool_parsing"}]}',
    ),
    (
        "POST",
        "/v1/locate",
        b"[[116.5, 39.79], [116.5",
        422,
        b'{"detail":"body is not valid JSON: Expecting \',\' delimiter: line 1 column 24 (char 23)"}',
    ),
    (
        "POST",
        "/v1/locate",
        json.dumps([list(INSIDE)] * 6).encode(),
        413,
        b'{"detail":"too many points: 6 in the body, the limit is max_points=5 per request"}',
    ),
    (
        "POST",
        "/v1/locate",
        BIG,
        413,
        b'{"detail":"request body too large: Content-Length is 3200 bytes, the limit is max_body_bytes=2000 bytes; '
        b'send fewer points per request"}',
    ),
    (
        "POST",
        "/v1/events",
        b'{"trajectories": [], "max_gap_s": 60}',
        422,
        b'{"detail":"body has an unknown key \'max_gap_s\': the body is {\\"trajectories\\": [...]} alone; options '
        b'(crs, max_gap_s, max_gap_m, zones, tolerance_m, time_unit) are query parameters"}',
    ),
    (
        "POST",
        "/v1/events",
        b'{"trajectories": [{"id": 1, "fixes": []}, {"fixes": []}]}',
        422,
        b'{"detail":"body.trajectories[1] has no \\"id\\", and its number 1 is the id of body.trajectories[0]: give '
        b'it an id of its own (or null for none: its fixes then get the status missing vehicle id)"}',
    ),
    (
        "POST",
        "/v1/events",
        SIX_FIXES,
        413,
        b'{"detail":"too many fixes: 6 in the body, the limit is max_points=5 per request"}',
    ),
    (
        "POST",
        "/v1/events?max_gap_s=-1",
        NO_TRAJECTORIES,
        422,
        b"{\"detail\":\"query parameter 'max_gap_s' must be a positive number, or 0 or inf for no limit, got '-1'\","
        b'"errors":[{"loc":["query","max_gap_s"],"msg":"must be a positive number, or 0 or inf for no limit, got '
        b'\'-1\'","type":"greater_than_equal"}]}',
    ),
    (
        "GET",
        "/v1/layers/nope",
        None,
        404,
        b"{\"detail\":\"no layer 'nope' in dataset 'beijing'; layers are: core, current, planned, outlook, stations, "
        b'airports, routes"}',
    ),
    (
        "GET",
        "/v1/growth?from=nope",
        None,
        422,
        b'{"detail":"from: \'nope\' is not a zone layer; zone layers are: core, current, planned, outlook"}',
    ),
    ("GET", "/v1/nope", None, 404, b'{"detail":"Not Found"}'),
    ("DELETE", "/v1/locate", None, 405, b'{"detail":"Method Not Allowed"}'),
]


@pytest.mark.parametrize(("method", "url", "body", "status", "before"), BEFORE)
def test_english_by_default_is_byte_for_byte_as_before(
    hc: httpx.Client, method: str, url: str, body: bytes | None, status: int, before: bytes
) -> None:
    r = hc.request(method, url, content=body)
    assert (r.status_code, r.content) == (status, before)
    assert r.headers["content-language"] == "en"


# -- the framework's own refusals: a path or a method the service does not serve -----------------------------------
#: (method, path, status, English, Chinese, the Allow header or None)
UNSERVED = [
    ("GET", "/v1/nope", 404, "Not Found", "未找到：服务没有这个路径", None),
    ("GET", "/v1/layers/current/features", 404, "Not Found", "未找到：服务没有这个路径", None),
    ("POST", "/nope", 404, "Not Found", "未找到：服务没有这个路径", None),
    ("POST", "/v1/locate/", 404, "Not Found", "未找到：服务没有这个路径", None),
    ("GET", "/v1/layers/", 404, "Not Found", "未找到：服务没有这个路径", None),
    ("DELETE", "/v1/locate", 405, "Method Not Allowed", "此路径不接受这种请求方法", "GET, HEAD, POST"),
    ("POST", "/healthz", 405, "Method Not Allowed", "此路径不接受这种请求方法", "GET, HEAD"),
    ("PUT", "/v1/layers/current", 405, "Method Not Allowed", "此路径不接受这种请求方法", "GET, HEAD"),
]


@pytest.mark.parametrize(("method", "path", "status", "en", "zh", "allow"), UNSERVED)
def test_an_unknown_path_or_method_in_both_languages(
    hc: httpx.Client,
    routed: httpx.Client,
    doc: dict[str, Any],
    method: str,
    path: str,
    status: int,
    en: str,
    zh: str,
    allow: str | None,
) -> None:
    """FastAPI's 404 and 405: the service's error shape (a Problem), in the language asked, the same status."""
    problem = {**doc["components"]["schemas"]["Problem"], "components": doc["components"]}
    for client in (hc, routed):
        for way in WAYS:
            r = ask(client, method, path, way)
            assert r.status_code == status, (way.name, r.text)
            assert r.headers["content-type"] == JSON_TYPE
            assert r.json() == {"detail": zh if way.lang == "zh" else en}, way.name
            jsonschema.Draft202012Validator(problem).validate(r.json())
            check_language_headers(r, way)
            assert r.headers.get("allow") == allow


#: Methods tried on every path; those a path does not serve must be refused with 405.
TRIED_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def served_paths(app: Any) -> dict[str, set[str]]:
    """Each route path of ``app`` (path parameters filled in) -> the union of its routes' own method sets, and HEAD
    wherever GET (answered as GET without the body)."""
    served: dict[str, set[str]] = {}
    for route in app.routes:
        path = re.sub(r"\{[^}]+\}", "current", route.path)
        served.setdefault(path, set()).update(route.methods)
    for methods in served.values():
        if "GET" in methods:
            methods.add("HEAD")
    return served


def test_a_405_allows_every_method_the_path_serves(app: Any, hc: httpx.Client, routed: httpx.Client) -> None:
    """RFC 9110: a 405's Allow names the methods the path serves, all of them (GET and POST on /v1/locate)."""
    served = served_paths(app)
    assert served["/v1/locate"] == {"GET", "HEAD", "POST"}
    several = {path for path, methods in served.items() if len(methods) > 1}
    assert "/v1/locate" in several and "/docs" in several
    for path, methods in served.items():
        for method in TRIED_METHODS:
            if method in methods:
                continue
            for client in (hc, routed):
                for way in (WAYS[0], WAYS[3]):  # lang=zh; nothing (English)
                    r = ask(client, method, path, way)
                    assert r.status_code == 405, (method, path, way.name, r.text)
                    allow = r.headers["allow"].split(", ")
                    assert set(allow) == methods and len(allow) == len(methods), (method, path, r.headers["allow"])
                    assert allow == sorted(allow)
                    detail = "此路径不接受这种请求方法" if way.lang == "zh" else "Method Not Allowed"
                    assert r.json() == {"detail": detail}
                    check_language_headers(r, way)


def test_an_unknown_path_in_chinese_over_a_raw_connection(hc: httpx.Client) -> None:
    port = httpx.URL(str(hc.base_url)).port
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(b"GET /v1/nope?lang=zh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        raw = recv_all(sock)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 404 ") and b"content-language: zh" in head.lower()
    assert json.loads(body) == {"detail": "未找到：服务没有这个路径"}


#: Odd values for every query parameter that is parsed (not a plain string): whatever FastAPI's validation finds
#: wrong with them is worded in Chinese too (no pydantic English escapes).
ODD_VALUES = ["", " ", "abc", "1e999", "-1e999", "nan", "inf", "-inf", "-1", "-0", "0x10", "1,2", "١٢", "true"]
PARSED = [
    ("GET", "/v1/locate", "lon", {"lat": "39.79"}, None),
    ("GET", "/v1/locate", "lat", {"lon": "116.5"}, None),
    ("POST", "/v1/locate", "distances", {}, b"[[116.5, 39.79]]"),
    ("POST", "/v1/events", "max_gap_s", {}, NO_TRAJECTORIES),
    ("POST", "/v1/events", "max_gap_m", {}, NO_TRAJECTORIES),
    ("POST", "/v1/events", "tolerance_m", {}, NO_TRAJECTORIES),
    ("GET", "/v1/growth", "lang", {}, None),
]


@pytest.mark.parametrize(("method", "path", "name", "params", "body"), PARSED)
def test_no_validation_error_escapes_in_english(
    routed: httpx.Client, method: str, path: str, name: str, params: dict[str, str], body: bytes | None
) -> None:
    refused = 0
    for value in ODD_VALUES:
        query = {**params, name: value} if name == "lang" else {**params, name: value, "lang": "zh"}
        r = routed.request(method, path, params=query, content=body, headers={"accept-language": "zh"})
        if r.status_code != 422 or "errors" not in r.json():
            continue
        refused += 1
        answer = r.json()
        for issue in answer["errors"]:
            assert re.search("[\u4e00-\u9fff]", issue["msg"]), (name, value, issue)
        assert answer["detail"].startswith(f"查询参数 {name!r} "), (name, value, answer)
    assert refused >= 2, (name, "the odd values should include refused ones")


# -- a bad lang ---------------------------------------------------------------------------------------------------
ENDPOINTS = [
    ("GET", "/v1/locate", {"lon": "116.5", "lat": "39.79"}, None),
    ("POST", "/v1/locate", {}, b"[[116.5, 39.79]]"),
    ("POST", "/v1/events", {}, NO_TRAJECTORIES),
    ("GET", "/v1/layers", {}, None),
    ("GET", "/v1/layers/current", {}, None),
    ("GET", "/v1/growth", {}, None),
    ("GET", "/v1/check", {}, None),
    ("GET", "/healthz", {}, None),
    ("GET", "/", {}, None),
]


@pytest.mark.parametrize(("method", "path", "params", "body"), ENDPOINTS)
@pytest.mark.parametrize("bad", ["fr", "", "ZH", "zh-CN", "english"])
def test_a_bad_lang_is_422_naming_it_on_every_endpoint(
    hc: httpx.Client, doc: dict[str, Any], method: str, path: str, params: dict[str, str], body: bytes | None, bad: str
) -> None:
    spec = "/v1/layers/{layer_id}" if path == "/v1/layers/current" else path
    r = hc.request(method, path, params={**params, "lang": bad}, content=body)
    assert r.status_code == 422
    answer = conforms(doc, spec, method.lower(), r)
    assert answer == {
        "detail": f"query parameter 'lang' must be one of en, zh, got {bad!r}",
        "errors": [{"loc": ["query", "lang"], "msg": f"must be one of en, zh, got {bad!r}", "type": "literal_error"}],
    }
    assert r.headers["content-language"] == "en" and r.headers["vary"] == "Accept-Language"
    zh = hc.request(method, path, params={**params, "lang": bad}, content=body, headers={"accept-language": "zh"})
    assert zh.status_code == 422 and zh.headers["content-language"] == "zh" and zh.headers["vary"] == "Accept-Language"
    assert zh.json()["detail"] == f"查询参数 'lang' 必须是 en、zh 之一，收到的是 {bad!r}"


def test_the_last_lang_counts_as_for_every_parameter(hc: httpx.Client) -> None:
    r = hc.get("/v1/locate?lon=116.5&lat=39.79&crs=nonsense&lang=zh&lang=en")
    assert r.json()["detail"].startswith("crs: unknown") and r.headers["content-language"] == "en"
    assert "vary" not in r.headers
    r = hc.get("/v1/locate?lon=116.5&lat=39.79&crs=nonsense&lang=en&lang=zh")
    assert r.json()["detail"].startswith("crs：未知") and r.headers["content-language"] == "zh"
    r = hc.get("/v1/locate?lon=116.5&lat=39.79&lang=zh&lang=fr")
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "lang"]
    r = hc.get("/v1/locate?lon=116.5&lat=39.79&lang=z%68")  # percent-encoded: read as zh by the route
    assert r.status_code == 200


# -- what stays as it is -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path", "params", "body"), [e for e in ENDPOINTS if e[1] not in ("/", "/v1/check")])
def test_successful_answers_are_the_same_in_every_language(
    hc: httpx.Client, method: str, path: str, params: dict[str, str], body: bytes | None
) -> None:
    answers = []
    for way in WAYS:
        r = ask(hc, method, path, way, params, content=body)
        assert r.status_code == 200, (way.name, r.text)
        assert "content-language" not in r.headers and "accept-language" not in r.headers.get("vary", "").lower()
        answers.append(r.content)
    assert len(set(answers)) == 1


_BALLPARK_EN = (
    "PROJ knows no datum shift between Beijing 1954 and WGS 84 in Beijing: EPSG:2436 coordinates are converted as "
    "if the two were one datum, which can put points tens of metres or more from where they are (near a zone's edge, "
    "on the wrong side of it); for exact answers give the CRS with its shift (a PROJ string with +towgs84=...)"
)
_BALLPARK_ZH = (
    "PROJ 不知道北京地区 Beijing 1954 与 WGS 84 之间的基准转换：EPSG:2436 坐标按两者为同一基准转换，点的位置可能"
    "偏差数十米或更多（在范围边缘附近可能落到错误的一侧）；如需精确结果，请给出带转换参数的坐标系（含 +towgs84=... "
    "的 PROJ 字符串）"
)
_UNDECLARED_EN = (
    "override_crs=true overrode nothing: the body declares no CRS for its points (it has no 'crs' member), so they "
    "were read in EPSG:2436, the CRS crs gives, as they are without override_crs=true"
)
_UNDECLARED_ZH = (
    "override_crs=true 没有覆盖任何坐标系：请求体没有为其中的点声明坐标系（没有 'crs' 成员），因此按 crs 给出的 "
    "EPSG:2436 读取，不给 override_crs=true 时也是如此"
)
#: A time unit given when no fix's time is a number: the body's field named as the service's messages name it.
_UNIT_UNUSED_EN = (
    "time_unit=s was not used: no fix's time in the body (body.trajectories[i].fixes[j][2], the time of each "
    "[lon, lat, time]) is a number (they were read as dates and times, as without it), and the unit is that of epoch "
    "times given as numbers"
)
_UNIT_UNUSED_ZH = (
    "未使用 time_unit=s：请求体中没有一个定位的时间（body.trajectories[i].fixes[j][2]，即每个 [lon, lat, time] "
    "中的 time）是数字（都按日期和时间读取，与不给它时一样），而该单位只用于以数字给出的纪元时间"
)
_GK = ("457171.748", "4406409.711")  # INSIDE in EPSG:2436 (Beijing 1954 / 3-degree Gauss-Kruger CM 117E)
_GK_FIX = [float(_GK[0]), float(_GK[1]), "2024-07-01T08:00:00"]
_NOTED = [
    ("GET", "/v1/locate", {"lon": _GK[0], "lat": _GK[1], "crs": "EPSG:2436"}, None, [(_BALLPARK_EN, _BALLPARK_ZH)]),
    (
        "POST",
        "/v1/locate",
        {"crs": "EPSG:2436", "override_crs": "true"},
        json.dumps([[float(v) for v in _GK]]).encode(),
        [(_BALLPARK_EN, _BALLPARK_ZH), (_UNDECLARED_EN, _UNDECLARED_ZH)],
    ),
    (
        "POST",
        "/v1/events",
        {"crs": "EPSG:2436"},
        json.dumps({"trajectories": [{"id": "a", "fixes": [_GK_FIX]}]}).encode(),
        [(_BALLPARK_EN, _BALLPARK_ZH)],
    ),
    (
        "POST",
        "/v1/locate",
        {},
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
                "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [12968720.7, 4836921]}}],
            }
        ).encode(),
        [
            (
                "the points were read in EPSG:3857, the CRS the body's 'crs' member names",
                "点按 EPSG:3857（Web 墨卡托投影）读取：这是请求体的 'crs' 成员给出的坐标系",
            )
        ],
    ),
    (
        "POST",
        "/v1/events",
        {"time_unit": "s"},
        json.dumps({"trajectories": [{"id": "a", "fixes": [[*INSIDE, "2024-07-01T08:00:00"]]}]}).encode(),
        [(_UNIT_UNUSED_EN, _UNIT_UNUSED_ZH)],
    ),
]


@pytest.mark.parametrize(("method", "path", "params", "body", "notes"), _NOTED)
def test_notes_are_written_in_the_language_asked(
    hc: httpx.Client, doc: dict[str, Any], method: str, path: str, params: dict[str, str], body: Any, notes: Any
) -> None:
    """An answer's notes (a datum PROJ does not shift, an override that overrode nothing) as its errors are: in the
    language asked, said in Content-Language (with Vary: Accept-Language when the header chose); the rest the same."""
    rest = set()
    for way in WAYS:
        r = ask(hc, method, path, way, params, content=body)
        assert r.status_code == 200, (way.name, r.text)
        answer = conforms(doc, path, method.lower(), r)
        assert answer.pop("notes") == [zh if way.lang == "zh" else en for en, zh in notes], way.name
        check_language_headers(r, way)
        rest.add(json.dumps(answer))
    assert len(rest) == 1


def test_check_details_are_written_in_the_language_asked(hc: httpx.Client, doc: dict[str, Any]) -> None:
    """GET /v1/check's details as ``avzone check --json`` writes them: in the language asked (said in
    Content-Language, with Vary: Accept-Language when the header chose); the rest the same."""
    rest = set()
    for way in WAYS:
        r = ask(hc, "GET", "/v1/check", way)
        assert r.status_code == 200, (way.name, r.text)
        answer = conforms(doc, "/v1/check", "get", r)
        detail = answer["checks"][0]["detail"]
        zh = "清单中给出的每个值类型正确、在范围内"
        assert detail == (zh if way.lang == "zh" else "every manifest value present is typed and in range"), way.name
        check_language_headers(r, way)
        rest.add(json.dumps([{k: v for k, v in c.items() if k != "detail"} for c in answer["checks"]]))
    assert len(rest) == 1


def test_statuses_and_event_kinds_stay_english(hc: httpx.Client) -> None:
    pairs = [list(INSIDE), [None, 39.9], [200, 39.0], ["abc", 39.8]]
    body = hc.post("/v1/locate", params={"lang": "zh"}, json=pairs).json()
    assert [p["status"] for p in body["results"]] == [
        "ok",
        "missing lon",
        "lon out of range [-180, 180]",
        "lon not a number",
    ]
    trip = [[116.42, 39.79, "2024-07-01T08:00:00"], [116.46, 39.79, "2024-07-01T08:04:00"]]
    trip.append([None, 39.8, "2024-07-01T08:05:00"])
    events = hc.post("/v1/events", params={"lang": "zh"}, json={"trajectories": [{"id": "a", "fixes": trip}]}).json()
    assert {e["event"] for e in events["events"]} <= {"enter", "exit", "gap"} and events["events"]
    assert [f["status"] for f in events["fixes"]][-1] == "missing lon"
    dated = hc.get("/v1/locate", params={"lon": OUTSIDE[0], "lat": OUTSIDE[1], "at": "2010-01-01", "lang": "zh"})
    assert dated.json()["in_force_status"].startswith("no zone in force on 2010-01-01")  # a status, as the CLI's


def test_library_errors_not_in_the_catalogue_stay_english(
    routed: httpx.Client, monkeypatch: pytest.MonkeyPatch, doc: dict[str, Any]
) -> None:
    """A library error with no Chinese text (plain text, not a Message): English, said so, the same for every
    client."""
    import avzone.service.app as service_app

    def plain(*args: Any, **kwargs: Any) -> Any:
        raise InputError("a message with no catalogue key")

    monkeypatch.setattr(service_app, "locate", plain)
    for way in WAYS:
        r = ask(routed, "GET", "/v1/locate", way, {"lon": "116.5", "lat": "39.79"})
        assert r.status_code == 422
        assert conforms(doc, "/v1/locate", "get", r)["detail"] == "a message with no catalogue key"
        check_language_headers(r, way, translated=False)


def test_a_swapped_point_over_a_raw_connection(hc: httpx.Client) -> None:
    """The bytes on the wire: the Chinese hint, Content-Language: zh and Vary: Accept-Language."""
    port = httpx.URL(str(hc.base_url)).port
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(
            b"GET /v1/locate?lon=39.79&lat=116.5 HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n"
            b"Connection: close\r\n\r\n"
        )
        answer = recv_all(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 422"), answer[:200]
    lines = head.lower().split(b"\r\n")
    assert b"content-language: zh" in lines and b"vary: accept-language" in lines
    assert json.loads(body) == {
        "detail": "(39.79, 116.5) 在数据集覆盖的区域之外，而 (116.5, 39.79) 在其中：坐标的顺序是经度、纬度；"
        "您是想输入 (116.5, 39.79) 吗？"
    }


# -- cached answers serve each language --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("crs", "en", "zh"),
    [
        (
            "not-a-crs-7",
            "crs: unknown coordinate reference system 'not-a-crs-7'",
            "crs：未知的坐标参考系 'not-a-crs-7'",
        ),
        (
            "EPSG:4978",
            "crs: coordinate reference system EPSG:4978 (WGS 84) cannot be used",
            "crs：坐标参考系 EPSG:4978",
        ),
    ],
)
def test_a_remembered_crs_refusal_is_written_for_each_client(hc: httpx.Client, crs: str, en: str, zh: str) -> None:
    """The crs refusals are remembered (_CRSCache): as messages, not as one language's text."""
    asks = [
        ({}, {}, en),
        ({"lang": "zh"}, {}, zh),
        ({}, {}, en),
        ({}, {"accept-language": "zh"}, zh),
        ({"lang": "en"}, {"accept-language": "zh"}, en),
        ({}, {"accept-language": "zh-TW"}, zh),
        ({}, {}, en),
    ]
    for params, headers, start in asks:
        r = hc.get("/v1/locate", params={"lon": "116.5", "lat": "39.79", "crs": crs, **params}, headers=headers)
        assert r.status_code == 422 and r.json()["detail"].startswith(start), (params, headers, r.text)
        assert r.headers["content-language"] == ("zh" if start == zh else "en")


INTERNAL_ERROR = {
    "en": "internal error: the service failed to answer this request; the cause is in the service's log "
    "(please report it with the time of the request)",
    "zh": "内部错误：服务未能回答此请求；原因已记入服务日志（请连同请求的时间一起报告）",
}


@pytest.mark.parametrize(
    ("method", "path", "target", "kw"),
    [
        ("GET", "/v1/locate", "locate", {"params": {"lon": "116.5", "lat": "39.79"}}),
        ("POST", "/v1/locate", "locate_many", {"json": [list(INSIDE)]}),
    ],
    ids=["GET", "POST"],
)
def test_an_unexpected_error_is_a_json_500_in_the_language_asked(
    routed: httpx.Client,
    monkeypatch: pytest.MonkeyPatch,
    doc: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    target: str,
    kw: dict[str, Any],
) -> None:
    """A bug (an exception no route words) is a 500 {"detail": ...} in the language asked, as documented; its type,
    message and traceback go to the log (one ERROR record naming the request), never to the client."""
    import logging

    import avzone.service.app as service_app

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals in /srv/avzone/locate.py")

    monkeypatch.setattr(service_app, target, broken)
    with caplog.at_level(logging.ERROR, logger="avzone.service"):
        for way in WAYS:
            params = {**kw.get("params", {}), **way.params}
            r = routed.request(method, path, params=params, headers=way.headers, json=kw.get("json"))
            assert r.status_code == 500, (way.name, r.text)
            assert conforms(doc, path, method.lower(), r) == {"detail": INTERNAL_ERROR[way.lang]}, way.name
            for leak in ("secret", "RuntimeError", "Traceback", "locate.py"):
                assert leak not in r.text, (way.name, r.text)
            check_language_headers(r, way)
    records = [rec for rec in caplog.records if rec.name == "avzone.service" and rec.levelno == logging.ERROR]
    assert len(records) == len(WAYS)
    assert {rec.getMessage() for rec in records} == {f"unexpected error answering {method} {path}: answered 500"}
    assert all(rec.exc_info and rec.exc_info[0] is RuntimeError for rec in records)
    assert "secret internals" in caplog.text and "Traceback" in caplog.text


def test_every_endpoint_documents_its_500(doc: dict[str, Any]) -> None:
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            answer = op["responses"].get("500")
            assert answer is not None, (method, path)
            assert answer["content"][JSON_TYPE]["schema"] == {"$ref": "#/components/schemas/Problem"}, (method, path)


def test_a_remembered_map_failure_is_written_for_each_client(
    model: avzone.Model, monkeypatch: pytest.MonkeyPatch, doc: dict[str, Any]
) -> None:
    calls = []

    def broken(**options: Any) -> Any:
        calls.append(options)
        raise RuntimeError("maps module half-written")

    monkeypatch.setattr(model, "map", broken)
    with thread_server(create_app(model)) as c:
        for way in (WAYS[3], WAYS[0], WAYS[3], WAYS[1], WAYS[5]):
            r = ask(c, "GET", "/", way)
            assert r.status_code == 503
            detail = conforms(doc, "/", "get", r)["detail"]
            assert (
                detail
                == {
                    "en": "the map could not be rendered: RuntimeError: maps module half-written",
                    "zh": "无法生成地图：RuntimeError: maps module half-written",
                }[way.lang]
            ), way.name
            check_language_headers(r, way)
    # remembered: rendered once per language the map is drawn in (Leaflet from the service: assets/leaflet/)
    assert calls == [{"lang": lang, "leaflet_url": "assets/leaflet/"} for lang in ("en", "zh")]


def test_a_map_asset_missing_is_said_in_the_language_asked(
    model: avzone.Model, monkeypatch: pytest.MonkeyPatch, doc: dict[str, Any]
) -> None:
    """avzone's own reason the map could not be drawn (a file of the map's scripts missing from the installed
    package) is written in the language asked, not as its English text after the error's type."""
    from avzone import _mapjs

    monkeypatch.setattr(_mapjs, "MAP_SCRIPTS", (*_mapjs.MAP_SCRIPTS, "gone.js"))
    with thread_server(create_app(model)) as c:
        for way in WAYS:
            r = ask(c, "GET", "/", way)
            assert r.status_code == 503, (way.name, r.text[:300])
            assert (
                conforms(doc, "/", "get", r)["detail"]
                == {
                    "en": "the map could not be rendered: avzone/assets/gone.js is missing from the installed package: "
                    "reinstall avzone",
                    "zh": "无法生成地图：已安装的 avzone 包中缺少 avzone/assets/gone.js：请重新安装 avzone",
                }[way.lang]
            ), way.name
            check_language_headers(r, way)


def test_the_map_page_is_in_the_language_asked(model: avzone.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    """GET / is the map in the language asked (lang, else Accept-Language), else the server's locale."""
    title_zh, title_en = model.manifest["title_zh"], model.manifest["title_en"]
    with thread_server(create_app(model)) as c:
        for way in WAYS:
            r = ask(c, "GET", "/", way)
            assert r.status_code == 200, (way.name, r.text[:300])
            legend = f'<div class="avzone-legend" lang="{"zh-CN" if way.lang == "zh" else "en"}"><h4>'
            legend += title_zh if way.lang == "zh" else title_en
            assert _map_data(r.text)["legend_html"].startswith(legend), way.name
            assert r.headers["content-language"] == way.lang, way.name
            vary = [v.strip().lower() for v in r.headers["vary"].split(",")]
            assert "accept-encoding" in vary and ("accept-language" in vary) == way.varies, (way.name, vary)
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # neither lang nor the header: the server's locale, as avzone map
        r = c.get("/")
        assert 'lang="zh-CN"' in _map_data(r.text)["legend_html"] and r.headers["content-language"] == "zh"
        r = c.get("/", headers={"accept-language": "en-GB;q=0.8"})
        assert 'lang="en"' in _map_data(r.text)["legend_html"] and r.headers["content-language"] == "en"


def _map_data(page: str) -> dict[str, Any]:
    """The data a map page embeds for its script (legend, words, zones)."""
    found = re.search(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_busy_in_both_languages(app: Any, hc: httpx.Client, doc: dict[str, Any]) -> None:
    state = app.state.avzone
    state.heavy_pending = HEAVY_WORKERS + HEAVY_QUEUE  # as if that many were running or waiting
    n = state.heavy_pending
    try:
        for way in WAYS:
            r = ask(hc, "POST", "/v1/locate", way, {"distances": "true"}, json=[list(INSIDE)])
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            assert (
                conforms(doc, "/v1/locate", "post", r)["detail"]
                == {
                    "en": f"busy: {n} large or distances=true requests are running or waiting; retry shortly, or send "
                    "fewer points per request",
                    "zh": f"繁忙：有 {n} 个大的或 distances=true 的请求正在运行或等待；"
                    "请稍后重试，或在每个请求中少发一些点",
                }[way.lang]
            )
            check_language_headers(r, way)
    finally:
        state.heavy_pending = 0
    assert hc.post("/v1/locate", params={"distances": "true", "lang": "zh"}, json=[list(INSIDE)]).status_code == 200


def test_a_slow_body_is_408_in_the_language_asked(slow_body: httpx.Client) -> None:
    port = httpx.URL(str(slow_body.base_url)).port
    for target, header, detail, lang in [
        ("/v1/locate?lang=zh", "", "请求体太慢：收到 5 字节后 0.5 秒没有新数据；请一次发送整个请求体", "zh"),
        (
            "/v1/locate",
            f"Accept-Language: {ZH_HEADER}\r\n",
            "请求体太慢：收到 5 字节后 0.5 秒没有新数据；请一次发送整个请求体",
            "zh",
        ),
        ("/v1/locate", "", "request body too slow: no data for 0.5 s after 5 bytes; send the whole body at once", "en"),
    ]:
        with socket.create_connection((HOST, port)) as sock:
            sock.sendall(
                f"POST {target} HTTP/1.1\r\nHost: x\r\n{header}Content-Type: application/json\r\n"
                "Connection: close\r\nContent-Length: 100\r\n\r\n[[116".encode()
            )
            answer = recv_all(sock)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), answer[:200]
        assert json.loads(body) == {"detail": detail}
        assert f"content-language: {lang}".encode() in head.lower()


def test_a_body_a_stalled_client_sends_late_is_still_answered(hc: httpx.Client) -> None:
    # the successful answers above are asked of hc: a body reaching it 0.6 s after its head (a client thread
    # stalled on a loaded machine) is answered, not refused 408 (it was, when hc's deadline was 0.5 s)
    port = httpx.URL(str(hc.base_url)).port
    body = NO_TRAJECTORIES
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(
            b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        time.sleep(0.6)
        sock.sendall(body)
        answer = recv_all(sock)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_a_point_the_crs_cannot_convert_in_both_languages(
    routed: httpx.Client, monkeypatch: pytest.MonkeyPatch, doc: dict[str, Any]
) -> None:
    import avzone.service.app as service_app

    def no_convergence(*args: Any, **kwargs: Any) -> Any:
        raise CRSError("the BD-09 inversion did not converge")

    monkeypatch.setattr(service_app, "locate", no_convergence)
    for way in WAYS:
        r = ask(routed, "GET", "/v1/locate", way, {"lon": "116.5", "lat": "39.79", "crs": "bd09"})
        assert r.status_code == 422
        assert (
            conforms(doc, "/v1/locate", "get", r)["detail"]
            == {
                "en": "(116.5, 39.79) in bd09 cannot be converted to WGS84: the BD-09 inversion did not converge",
                "zh": "bd09（BD-09 百度坐标，百度地图所用）中的 (116.5, 39.79) 无法转换为 WGS84："
                "the BD-09 inversion did not converge",
            }[way.lang]
        )
        check_language_headers(r, way)


def test_validation_words_only_reachable_from_python() -> None:
    """Labels of path and header parameters (the service's are plain text: they cannot fail), no errors at all,
    and a kind of error not worded here (pydantic's words, behind a translated label)."""
    errors = [
        {"loc": ("path", "layer_id"), "type": "missing"},
        {"loc": ("header", "accept-language"), "type": "string_too_long", "msg": "String should have at most 9"},
    ]
    en, issues = _validation_detail(errors, "en")
    zh, _ = _validation_detail(errors, "zh")
    assert (
        en == "path parameter 'layer_id' is required; header parameter 'accept-language' String should have at most 9"
    )
    assert zh == "路径参数 'layer_id' 是必需的，但没有给出；请求头 'accept-language' String should have at most 9"
    assert [i["type"] for i in issues] == ["missing", "string_too_long"]
    assert _validation_detail([], "en")[0] == "invalid request" and _validation_detail([], "zh")[0] == "无效的请求"


# -- the fast path answers as the route --------------------------------------------------------------------------
PARITY_QUERIES = [
    f"lon={INSIDE[0]}&lat={INSIDE[1]}",
    f"lon={OUTSIDE[0]}&lat={OUTSIDE[1]}&crs=gcj02",
    "lon=116.5&lat=39.79&crs=nonsense",
    "lon=116.5&lat=39.79&crs=EPSG:4978",
    "lon=39.79&lat=116.5",
    "lon=nan&lat=39.79",
    "lon=1e400&lat=39.79",
    "lon=200&lat=39.79",
    "lon=116.5",
    "lon=abc&lat=39.79",
    "lon=116.5&lat=39.79&at=garbage",
]
PARITY_LANGS = ["", "&lang=zh", "&lang=en", "&lang=fr", "&lang=", "&lang=zh&lang=en", "&lang=z%68"]
PARITY_HEADERS: list[dict[str, str]] = [{}, {"accept-language": ZH_HEADER}, {"accept-language": "en-US,zh;q=0.5"}]


def test_fast_path_and_route_give_the_same_answer_in_every_language(hc: httpx.Client, routed: httpx.Client) -> None:
    for query in PARITY_QUERIES:
        for lang in PARITY_LANGS:
            for headers in PARITY_HEADERS:
                fast = hc.get(f"/v1/locate?{query}{lang}", headers=headers)
                route = routed.get(f"/v1/locate?{query}{lang}", headers=headers)
                where = (query, lang, headers)
                assert (fast.status_code, fast.content) == (route.status_code, route.content), where
                for name in ("content-type", "content-language", "vary"):
                    assert fast.headers.get(name) == route.headers.get(name), (where, name)


def test_fast_path_answers_lang_and_declines_a_bad_one(app: Any, model: avzone.Model) -> None:
    fast = LocateFastPath(app, app.state.avzone)
    expected = dumps(model.locate(116.5, 39.79).to_dict())
    for query in (b"lon=116.5&lat=39.79&lang=zh", b"lang=en&lon=116.5&lat=39.79", b"lon=116.5&lat=39.79"):
        assert fast.answer(query) == expected, query
    for query in (
        b"lon=116.5&lat=39.79&lang=fr",
        b"lon=116.5&lat=39.79&lang=",
        b"lon=116.5&lat=39.79&lang=ZH",
        b"lon=116.5&lat=39.79&lang=z%68",
        b"lon=116.5&lat=39.79&lang=zh&lang=en",
    ):
        assert fast.answer(query) is None, query


@pytest.mark.parametrize("readme", ["README.md", "README.zh-CN.md"])
def test_the_readme_example_answers_as_shown(hc: httpx.Client, readme: str) -> None:
    text = (Path(__file__).resolve().parents[2] / readme).read_text(encoding="utf-8")
    found = re.findall(r"`curl -H '([^':]+): ([^']+)' '([^']+)'`\s*\S+ 422 `(\{.*?)……\"\}`", text)
    assert len(found) == 1, found
    ((name, value, url, shown),) = found
    r = hc.get(httpx.URL(url).raw_path.decode(), headers={name: value})
    assert r.status_code == 422 and r.text.startswith(shown), r.text
    assert r.headers["content-language"] == "zh" and r.headers["vary"] == "Accept-Language"

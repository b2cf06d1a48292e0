"""Numbers that are not finite: ``nan``, ``inf`` and numbers beyond the largest double (``1e400``).

In a query (``GET /v1/locate?lon=1e400``) such a coordinate is a 422 naming the parameter and the text sent, as
any other bad value of a parameter (it was the refusal of the position ``(inf, 39.9)``, a value not sent); in a
POST body it is its point's (or fix's) status, as every bad position there is. No answer holds a NaN or
Infinity token (not JSON), and no refusal writes a number of the body as ``Infinity``.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from .conftest import INSIDE

NOT_FINITE = ["1e400", "-1e400", "1E309", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "+infinity", "１e400"]
SAID = "must be a finite number (not nan or inf, nor beyond ±1.8e308), got {value!r}"
SAID_ZH = "必须是有限的数字（不能是 nan 或 inf，也不能超出 ±1.8e308），收到的是 {value!r}"


def strict(r: httpx.Response) -> Any:
    """The answer's JSON, refusing NaN and Infinity (which JSON has not)."""

    def refuse(token: str) -> None:
        raise AssertionError(f"{r.request.method} {r.request.url}: {token} in the answer: {r.text[:300]}")

    return json.loads(r.content, parse_constant=refuse)


@pytest.mark.parametrize("value", NOT_FINITE)
@pytest.mark.parametrize("name", ["lon", "lat"])
def test_a_coordinate_not_finite_in_the_query_is_422_naming_it(hc: httpx.Client, name: str, value: str) -> None:
    for crs in ("EPSG:4326", "EPSG:32650", "gcj02"):
        params = {"lon": str(INSIDE[0]), "lat": str(INSIDE[1]), "crs": crs, name: value}
        r = hc.get("/v1/locate", params=params)
        assert r.status_code == 422, r.text
        assert strict(r) == {
            "detail": f"query parameter {name!r} " + SAID.format(value=value),
            "errors": [{"loc": ["query", name], "msg": SAID.format(value=value), "type": "finite_number"}],
        }
    r = hc.get("/v1/locate", params={"lon": str(INSIDE[0]), "lat": str(INSIDE[1]), name: value, "lang": "zh"})
    assert r.status_code == 422 and r.headers["content-language"] == "zh"
    assert strict(r)["detail"] == f"查询参数 {name!r} " + SAID_ZH.format(value=value)


def test_both_coordinates_not_finite_are_both_named(hc: httpx.Client) -> None:
    r = hc.get("/v1/locate?lon=1e400&lat=-inf&at=2024-07-01")
    assert r.status_code == 422
    assert strict(r)["detail"] == (
        "query parameter 'lon' " + SAID.format(value="1e400") + "; query parameter 'lat' " + SAID.format(value="-inf")
    )


def test_the_largest_finite_numbers_are_numbers_refused_as_positions(hc: httpx.Client) -> None:
    r = hc.get("/v1/locate?lon=1.7e308&lat=39.79")
    assert r.status_code == 422
    assert strict(r)["detail"].startswith("(1.7e+308, 39.79) in EPSG:4326 is not a valid position")


def test_tolerance_m_beyond_the_largest_number_is_named_with_its_text(hc: httpx.Client) -> None:
    r = hc.post("/v1/events", params={"tolerance_m": "1e400"}, json={"trajectories": []})
    assert r.status_code == 422
    assert strict(r)["detail"] == "query parameter 'tolerance_m' " + SAID.format(value="1e400")


@pytest.mark.parametrize("option", ["max_gap_s", "max_gap_m"])
def test_a_gap_limit_beyond_the_largest_number_is_no_limit_as_inf_is(hc: httpx.Client, option: str) -> None:
    """(``0 or inf: no limit``, as ``avzone events --max-gap-s 1e400``: a limit no gap reaches.)"""
    fixes = [[116.44, 39.79, "2024-07-01 08:00"], [116.80, 39.79, "2024-07-02 08:00"]]  # (a day and 30 km apart)
    body = {"trajectories": [{"id": 1, "fixes": fixes}]}
    other = "max_gap_m" if option == "max_gap_s" else "max_gap_s"
    answers = [strict(hc.post("/v1/events", params={option: v, other: "0"}, json=body)) for v in ("1e400", "inf", "0")]
    assert answers[0] == answers[1] == answers[2]
    assert [e["event"] for e in answers[0]["events"]].count("gap") == 0
    limited = strict(hc.post("/v1/events", params={option: "1e300", other: "0"}, json=body))
    assert [e["event"] for e in limited["events"]].count("gap") == 0
    assert [e["event"] for e in strict(hc.post("/v1/events", json=body))["events"]].count("gap") > 0


def test_in_a_locate_body_such_a_coordinate_is_its_points_status(hc: httpx.Client) -> None:
    body = b'[[1e400, 39.79], [116.5, -1e400], ["1e400", 39.79], ["nan", 39.79], [116.5, 39.79]]'
    for params in ({}, {"distances": "true", "at": "2024-07-01"}):
        r = hc.post("/v1/locate", params=params, content=body, headers={"content-type": "application/json"})
        assert r.status_code == 200, r.text
        results = strict(r)["results"]
        assert [x["status"] for x in results] == ["lon not finite", "lat not finite", *["lon not finite"] * 2, "ok"]
        assert [x["input"] for x in results[:2]] == [[None, 39.79], [116.5, None]]


def test_in_an_events_body_such_a_coordinate_or_time_is_its_fixs_status(hc: httpx.Client) -> None:
    fixes = '[[1e400, 39.79, "2024-07-01 08:00"], [116.46, 39.79, 1e400], [116.47, 39.79, "2024-07-01 08:10"]]'
    body = '{"trajectories": [{"id": 1, "fixes": ' + fixes + "}]}"
    r = hc.post("/v1/events", params={"time_unit": "s"}, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    statuses = [f["status"] for f in strict(r)["fixes"]]
    assert statuses[0] == "lon not finite" and statuses[1] != "ok" and statuses[2] != "ok"


@pytest.mark.parametrize(
    ("path", "body", "detail"),
    [
        (
            "/v1/locate",
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": 1e400, "geometry": null}]}',
            "body.features[0].id must be a string or a finite number (got >1.8e308)",
        ),
        (
            "/v1/events",
            b'{"trajectories": [{"id": -1e400, "fixes": []}]}',
            "body.trajectories[0].id must be a string or a finite number (got <-1.8e308)",
        ),
        ("/v1/locate", b"[[1e400, 39.79, 1]]", "body[0] is not a [lon, lat] pair (got [>1.8e308, 39.79, 1])"),
    ],
)
def test_a_refusal_quoting_such_a_number_does_not_write_it_infinity(
    hc: httpx.Client, path: str, body: bytes, detail: str
) -> None:
    r = hc.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert strict(r)["detail"].startswith(detail), r.text
    assert "Infinity" not in r.text


@pytest.mark.parametrize("token", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_tokens_in_a_body_are_not_json(hc: httpx.Client, token: bytes) -> None:
    r = hc.post("/v1/locate", content=b"[[" + token + b", 39.79]]", headers={"content-type": "application/json"})
    assert r.status_code == 422
    said = token.decode().lstrip("-")
    assert strict(r)["detail"].startswith(f"body is not valid JSON: {said}") or said in r.text


def test_no_answer_of_any_endpoint_holds_nan_or_infinity(hc: httpx.Client) -> None:
    """Every endpoint, asked well and asked with numbers that are not finite: standard JSON only."""
    fixes = [[116.44, 39.79, "2024-07-01 08:00"], [116.46, 39.79, "2024-07-01 08:10"], [116.46, 39.79, "x"]]
    asked = [
        hc.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1], "at": "2024-07-01"}),
        hc.get("/v1/locate?lon=inf&lat=nan"),
        hc.post("/v1/locate?distances=true", content=b"[[1e400, 1e400], [116.5, 39.79], [null, 1]]"),
        hc.post("/v1/events", json={"trajectories": [{"id": 1, "fixes": fixes}]}),
        hc.post("/v1/events?max_gap_s=inf&max_gap_m=1e400", json={"trajectories": [{"id": "a", "fixes": fixes}]}),
        hc.post("/v1/events?tolerance_m=nan", json={"trajectories": []}),
        hc.get("/v1/layers"),
        hc.get("/v1/layers/current"),
        hc.get("/v1/growth"),
        hc.get("/v1/check"),
        hc.get("/healthz"),
        hc.get("/openapi.json"),
    ]
    for r in asked:
        assert r.status_code in (200, 422), r.text
        strict(r)


@pytest.mark.parametrize(
    ("option", "wide", "ascii_"),
    [
        ("max_gap_s", "１２０", "120"),
        ("max_gap_m", "５００", "500"),
        ("tolerance_m", "０.５", "0.5"),
        ("max_gap_s", "١٢٠", "120"),
    ],
)
def test_an_option_in_unicode_digits_is_read_as_the_command_line_reads_it(
    hc: httpx.Client, option: str, wide: str, ascii_: str
) -> None:
    """``max_gap_s=１２０`` (full-width digits, as a Chinese input method types them) was refused "must be a positive
    number, got '１２０'", while ``lon=１１６.５`` is read and ``avzone events --max-gap-s １２０`` reads it."""
    fixes = [
        [116.44, 39.79, "2024-07-01 08:00"],
        [116.46, 39.79, "2024-07-01 08:03"],
        [116.50, 39.79, "2024-07-01 08:10"],
    ]
    body = {"trajectories": [{"id": 1, "fixes": fixes}]}
    r = hc.post("/v1/events", params={option: wide}, json=body)
    assert r.status_code == 200, r.text
    assert strict(r) == strict(hc.post("/v1/events", params={option: ascii_}, json=body))


@pytest.mark.parametrize(("option", "value"), [("tolerance_m", "１e400"), ("max_gap_s", "－１"), ("tolerance_m", "x")])
def test_an_option_in_unicode_digits_is_still_refused_when_wrong(hc: httpx.Client, option: str, value: str) -> None:
    r = hc.post("/v1/events", params={option: value}, json={"trajectories": []})
    assert r.status_code == 422
    assert strict(r)["detail"].startswith(f"query parameter {option!r} ")


@pytest.mark.parametrize(
    ("member", "shown"),
    [
        ('{"type": "EPSG", "properties": {"code": 1e400}}', '{"type": "EPSG", "properties": {"code": >1.8e308}}'),
        ("-1e400", "<-1.8e308"),
    ],
)
def test_a_crs_member_holding_such_a_number_is_not_written_infinity(hc: httpx.Client, member: str, shown: str) -> None:
    """The refusal of a FeatureCollection's ``crs`` member that names no CRS, and the note that ``crs=`` was used
    instead of it, quote the member: a number beyond the largest double in it was written ``Infinity``."""
    point = '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}'
    body = ('{"type": "FeatureCollection", "crs": ' + member + ', "features": [' + point + "]}").encode()
    r = hc.post("/v1/locate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert strict(r)["detail"].startswith(f"body.crs: the 'crs' member {shown} names no CRS avzone can read")
    r = hc.post("/v1/locate", params={"crs": "gcj02"}, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200
    assert strict(r)["notes"] == [f"crs=gcj02 given: the body's 'crs' member ({shown}) was not used"]


GROUPED = "must be a number without '_' between its digits, got {value!r} (Python's digit grouping would read it as {plain}); write {plain} if that is the number meant"  # noqa: E501
GROUPED_ZH = "必须是数字之间不带 '_' 的数，收到的是 {value!r}（Python 的数字分组写法会把它读作 {plain}）；如果指的就是 {plain}，请写成 {plain}"  # noqa: E501


@pytest.mark.parametrize(
    ("option", "value", "plain"),
    [
        ("max_gap_s", "1_0", "10"),
        ("max_gap_m", "5_000", "5000"),
        ("tolerance_m", "1_0", "10"),
        ("max_gap_s", "1_0.5", "10.5"),
        ("tolerance_m", "1e0_0", "1e00"),
        ("max_gap_s", "１_２０", "１２０"),  # (full-width digits, read as the command line reads them: but not grouped)
        ("max_gap_m", "1_0e-400", "10e-400"),  # (its grouping is said, not that it reads as 0)
    ],
)
def test_an_option_written_with_digit_grouping_is_422_naming_it(
    hc: httpx.Client, option: str, value: str, plain: str
) -> None:
    """Python's ``float`` (and pydantic) read ``max_gap_s=1_0`` as 10: no user of an HTTP API means it so (a typo of
    ``1.0``?), and the gap limit was ten seconds unsaid. ``avzone events --max-gap-s 1_0`` refuses it too."""
    r = hc.post("/v1/events", params={option: value}, json={"trajectories": []})
    assert r.status_code == 422, r.text
    said = GROUPED.format(value=value, plain=plain)
    assert strict(r) == {
        "detail": f"query parameter {option!r} " + said,
        "errors": [{"loc": ["query", option], "msg": said, "type": "digit_group"}],
    }
    r = hc.post("/v1/events", params={option: value, "lang": "zh"}, json={"trajectories": []})
    assert strict(r)["detail"] == f"查询参数 {option!r} " + GROUPED_ZH.format(value=value, plain=plain)
    if "e-400" not in plain:  # (the number without it is read)
        assert hc.post("/v1/events", params={option: plain}, json={"trajectories": []}).status_code == 200


@pytest.mark.parametrize("value", ["_10", "10_", "1__0", "a_b"])
def test_text_with_an_underscore_that_is_no_number_even_so_is_refused_as_no_number(
    hc: httpx.Client, value: str
) -> None:
    r = hc.post("/v1/events", params={"tolerance_m": value}, json={"trajectories": []})
    assert r.status_code == 422
    assert strict(r)["errors"][0]["type"] == "float_parsing"


@pytest.mark.parametrize("dash", ["\u2013", "\u2212"])
def test_a_dash_for_minus_in_the_query_is_422_naming_the_character(hc: httpx.Client, dash: str) -> None:
    # (an en dash or the minus sign U+2212 pasted for '-': named by code point and name, as the CLI names it)
    import unicodedata

    named = f"U+{ord(dash):04X} {unicodedata.name(dash)}"
    for lang, write in (("en", "hyphen-minus '-'"), ("zh", "连字符减号 '-'")):
        r = hc.get("/v1/locate", params={"lon": f"{dash}116.4", "lat": "39.9", "lang": lang})
        assert r.status_code == 422, r.text
        detail = strict(r)["detail"]
        assert named in detail and write in detail and "-116.4" in detail, detail

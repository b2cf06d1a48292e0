"""Query parameters the API does not take: refused as the command line refuses an unknown option.

``POST /v1/events?max_gap=60`` (a misspelt ``max_gap_s``) would otherwise be
answered with the 600 s default in force and nothing said. A parameter given
twice counts the last time, as a repeated option of the command line does.
The map page (``GET /``) takes any parameter: a shared link may carry others.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import avzone
from avzone.service import create_app

from .conftest import thread_server

FIXES = {
    "trajectories": [{"id": 1, "fixes": [[116.44, 39.79, "2024-07-01 08:00"], [116.46, 39.79, "2024-07-01 08:10"]]}]
}


@pytest.fixture(scope="module", params=[True, False], ids=["fast path", "routed"])
def qc(model: avzone.Model, request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    with thread_server(create_app(model, fast_path=request.param)) as c:
        yield c


def test_a_misspelt_events_option_is_refused_not_ignored(qc: httpx.Client) -> None:
    r = qc.post("/v1/events", params={"max_gap": "60"}, json=FIXES)
    assert r.status_code == 422
    assert r.json() == {
        "detail": "unknown query parameter 'max_gap': POST /v1/events takes crs, max_gap_s, max_gap_m, zones, "
        "tolerance_m, time_unit, lang (a misspelt option would be ignored)"
    }
    r = qc.post("/v1/events", params={"max_gap": "60", "lang": "zh"}, json=FIXES)
    assert r.status_code == 422 and r.headers["content-language"] == "zh"
    assert r.json() == {
        "detail": "未知的查询参数 'max_gap'：POST /v1/events 接受的参数有 crs、max_gap_s、max_gap_m、zones、"
        "tolerance_m、time_unit、lang（若不拒绝，拼错的选项会被悄悄忽略）"
    }
    assert qc.post("/v1/events", params={"max_gap_s": "60"}, json=FIXES).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "params", "known"),
    [
        ("GET", "/v1/locate", "lon=116.5&lat=39.79&distances=true", "lon, lat, crs, at, lang"),
        ("POST", "/v1/locate", "crs=gcj02&distance=true", "crs, override_crs, distances, at, lang"),
        ("GET", "/v1/growth", "from=core&to=current&zone=planned", "from, to, lang"),
        ("GET", "/v1/layers/current", "format=geojson", "lang"),
        ("GET", "/v1/check", "layer=current", "lang"),
    ],
)
def test_every_api_endpoint_names_the_unknown_parameter_and_the_ones_it_takes(
    qc: httpx.Client, method: str, path: str, params: str, known: str
) -> None:
    r = qc.request(method, f"{path}?{params}", json=[[116.5, 39.79]] if method == "POST" else None)
    assert r.status_code == 422, r.text
    unknown = params.rpartition("&")[2].partition("=")[0]
    route = "/v1/layers/{layer_id}" if path.startswith("/v1/layers/") else path
    expected = (
        f"unknown query parameter {unknown!r}: {method} {route} takes {known} (a misspelt option would be ignored)"
    )
    assert r.json() == {"detail": expected}


def test_a_parameter_given_twice_counts_the_last_time_as_a_repeated_option_does(qc: httpx.Client) -> None:
    r = qc.get("/v1/locate?lon=116.5&lat=39.79&lon=117.0")
    assert r.status_code == 200 and r.json()["input"] == [117.0, 39.79]


def test_the_map_page_and_health_take_any_parameter(qc: httpx.Client) -> None:
    assert qc.get("/?utm_source=wechat").status_code == 200
    assert qc.get("/healthz?probe=1").status_code == 200
    assert qc.get("/v1/locate?lon=116.5&lat=39.79&").status_code == 200  # (an empty part is no parameter)


@pytest.mark.parametrize(("name", "code"), [("WGS84", "EPSG:4326"), ("wgs-84", "EPSG:4326"), ("CGCS2000", "EPSG:4490")])
def test_the_datums_names_are_read_as_the_command_line_reads_them(
    qc: httpx.Client, name: str, code: str, model: avzone.Model
) -> None:
    """``--crs WGS84`` and ``--crs CGCS2000`` are read (through pyproj) as EPSG:4326 and EPSG:4490; over HTTP the
    same names were "unknown coordinate reference system" (while Baidu's ``wgs84ll`` was read)."""
    r = qc.get("/v1/locate", params={"lon": "116.5", "lat": "39.79", "crs": name})
    assert r.status_code == 200, r.text
    assert r.json() == model.locate(116.5, 39.79, code).to_dict()
    assert r.json()["crs"] == code
    r = qc.post("/v1/locate", params={"crs": name}, json=[[116.5, 39.79]])
    assert r.status_code == 200 and r.json()["crs"] == code


@pytest.mark.parametrize("option", ["max_gap_s", "max_gap_m"])
def test_a_bad_gap_limit_is_said_as_avzone_events_says_it(qc: httpx.Client, option: str) -> None:
    """A negative, NaN or non-number gap limit is refused in the words of ``avzone events --max-gap-s`` (not pydantic's
    "Input should be greater than or equal to 0", which NaN is not below either), and inf is no limit, as there."""
    for value in ("-1", "nan", "NaN", "-inf", "x"):
        r = qc.post("/v1/events", params={option: value}, json=FIXES)
        assert r.status_code == 422
        said = f"must be a positive number, or 0 or inf for no limit, got {value!r}"
        assert r.json()["detail"] == f"query parameter {option!r} {said}"
        assert r.json()["errors"][0]["msg"] == said
        r = qc.post("/v1/events", params={option: value, "lang": "zh"}, json=FIXES)
        assert r.json()["detail"] == f"查询参数 {option!r} 必须是正数，或者 0 或 inf 表示不限，收到的是 {value!r}"
    unlimited = qc.post("/v1/events", params={option: "inf"}, json=FIXES)
    assert unlimited.status_code == 200
    assert unlimited.json() == qc.post("/v1/events", params={option: "0"}, json=FIXES).json()


@pytest.mark.parametrize("lon", ["１１６.５", "%EF%BC%91%EF%BC%91%EF%BC%96.%EF%BC%95"])
def test_a_query_coordinate_is_read_by_the_rule_of_json_bodies(qc: httpx.Client, lon: str) -> None:
    """GET /v1/locate refused full-width digits ('１１６.５', as a Chinese input method types them) that POST
    /v1/locate, a CSV file and the command line read: the query reads a coordinate by the one rule of them all."""
    want = qc.get("/v1/locate", params={"lon": "116.5", "lat": "39.79"}).json()
    r = qc.get(f"/v1/locate?lon={lon}&lat=39.79")
    assert r.status_code == 200, r.text
    assert r.json() == want


def test_a_coordinate_with_underscores_is_no_number_in_the_query_or_the_body(qc: httpx.Client) -> None:
    r = qc.get("/v1/locate", params={"lon": "1_16.5", "lat": "39.79"})
    assert r.status_code == 422
    assert r.json()["detail"] == "query parameter 'lon' must be a number, got '1_16.5'"
    r = qc.post("/v1/locate", json=[["1_16.5", "39.79"], ["+116.5", " 39.79 "]])
    assert [a["status"] for a in r.json()["results"]] == ["lon not a number", "ok"]

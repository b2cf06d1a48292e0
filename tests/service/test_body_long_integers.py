"""Integers of more digits than Python reads (4,300) in a POST body: read as floats, as the dataset's files are.

They were a 422 "body is not valid JSON: Exceeds the limit (4300 digits) for integer string conversion ... use
sys.set_int_max_str_digits()": advice to the server, in English whatever the language asked, for a body that is
valid JSON. A coordinate so long is now ``lon not finite``, as one of 400 digits was, and as the library says.
"""

from __future__ import annotations

import httpx
import pytest

import avzone

_LONG = "1" * 5000


@pytest.mark.parametrize("digits", [400, 4300, 4301, 5000])
def test_a_long_integer_coordinate_is_its_point_status(hc: httpx.Client, model: avzone.Model, digits: int) -> None:
    r = hc.post("/v1/locate", content=f"[[{'1' * digits}, 39.79], [116.5, 39.79]]".encode())
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    library = model.locate_many([float("1" * digits), 116.5], [39.79, 39.79]).records(model)
    assert [x["status"] for x in results] == [x["status"] for x in library] == ["lon not finite", "ok"]


def test_a_long_integer_time_and_lon_of_a_fix_are_its_statuses(hc: httpx.Client) -> None:
    body = f'{{"trajectories":[{{"id":"a","fixes":[[116.5,39.79,{_LONG}],[-{_LONG},39.79,1719792000]]}}]}}'
    r = hc.post("/v1/events", params={"time_unit": "s", "lang": "zh"}, content=body.encode())
    assert r.status_code == 200, r.text
    statuses = [f["status"] for f in r.json()["fixes"]]
    far = "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)"
    assert statuses == [far, "lon not finite"]


def test_a_long_integer_id_is_refused_as_no_finite_number(hc: httpx.Client) -> None:
    body = '{"type":"FeatureCollection","features":[{"type":"Feature","id":' + _LONG + ","
    body += '"geometry":{"type":"Point","coordinates":[116.5,39.79]}}]}'
    r = hc.post("/v1/locate", content=body.encode())
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith("body.features[0].id must be a string or a finite number")

"""An option of ``POST /v1/locate`` written as a member of the posted FeatureCollection (``"at"``,
``"distances"``, ``"override_crs"``) is refused with a 422 naming it and the query parameter to use: unused there,
it gave an answer that looked like one that had used it (no ``in_force``, no distances). GeoJSON's own and foreign
members (``crs``, ``name``, ``bbox``) are read as before."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

import avzone
from avzone.service import create_app

POINT = {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}, "properties": {}}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(avzone.load())) as c:
        yield c


def _post(client, doc, **params):
    return client.post(
        "/v1/locate", params=params, content=json.dumps(doc), headers={"Content-Type": "application/json"}
    )


@pytest.mark.parametrize(("key", "value"), [("at", "2023-06-01"), ("distances", True), ("override_crs", True)])
def test_an_option_as_a_member_is_refused_naming_the_query_parameter(client, key, value):
    answer = _post(client, {"type": "FeatureCollection", "features": [POINT] * 3, key: value})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"] == (
        f"body member '{key}' is an option of this endpoint, which takes options as query parameters only: give it "
        f"as ?{key}=... (in the body it would not be used)"
    )


def test_the_option_in_the_query_string_is_used(client):
    answer = _post(client, {"type": "FeatureCollection", "features": [POINT]}, at="2023-06-01")
    assert answer.status_code == 200 and answer.json()["results"][0]["zone_in_force"] == "core"


@pytest.mark.parametrize(
    "members",
    [
        {"name": "trips"},
        {"bbox": [116.0, 39.5, 117.0, 40.5]},
        {"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}},
        {"lang": "zh"},  # (not an option this endpoint reads from a body or answers differently for)
    ],
)
def test_geojson_and_foreign_members_are_read_as_before(client, members):
    answer = _post(client, {"type": "FeatureCollection", "features": [POINT], **members})
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"][0]["status"] == "ok"

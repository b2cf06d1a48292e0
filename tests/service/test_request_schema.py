"""The OpenAPI document's request bodies say what the service takes: a body the schema allows is answered (200), one
it forbids is refused (413, 422), for ``POST /v1/locate`` and ``POST /v1/events``.

The schema once refused what the service reads (coordinates written as text, a feature whose id is null) and
allowed what it refuses (more features than max_points, a limit it gave the pairs only).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

import avzone
from avzone.service import create_app

MAX_POINTS = 5
POINT = {"type": "Point", "coordinates": [116.5, 39.79]}


def feature(geometry: Any = POINT, **members: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {}, "geometry": geometry, **members}


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture(scope="module")
def tc(model: avzone.Model) -> TestClient:
    return TestClient(create_app(model, max_points=MAX_POINTS))


@pytest.fixture(scope="module")
def doc(tc: TestClient) -> dict[str, Any]:
    return tc.get("/openapi.json").json()


def allowed(doc: dict[str, Any], path: str, body: Any) -> bool:
    schema = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return jsonschema.Draft202012Validator(schema).is_valid(body)


LOCATE = [
    pytest.param([["116.5", " 39.79"]], 200, id="pair written as text"),
    pytest.param([[None, 39.79]], 200, id="pair with a null"),
    pytest.param(collection(feature(id=None)), 200, id="feature id null"),
    pytest.param(collection(feature({"type": "Point", "coordinates": ["116.5", "39.79"]})), 200, id="text coordinates"),
    pytest.param(collection(feature(id="a"), feature(id=7)), 200, id="ids"),
    pytest.param([[116.5, 39.79]] * (MAX_POINTS + 1), 413, id="pairs over max_points"),
    pytest.param(collection(*[feature()] * (MAX_POINTS + 1)), 413, id="features over max_points"),
    pytest.param([[116.5, 39.79, 0]], 422, id="a triple"),
    pytest.param(collection(feature(id=True)), 422, id="feature id true"),
    pytest.param({"features": [feature()]}, 422, id="no type"),
]


@pytest.mark.parametrize(("body", "status"), LOCATE)
def test_the_locate_body_schema_allows_what_the_service_answers(
    tc: TestClient, doc: dict[str, Any], body: Any, status: int
) -> None:
    r = tc.post("/v1/locate", content=json.dumps(body))
    assert r.status_code == status, r.text
    assert allowed(doc, "/v1/locate", body) == (status == 200)


EVENTS = [
    pytest.param([["116.5", "39.79", "2024-07-01T08:00:00"]], 200, id="coordinates written as text"),
    pytest.param([[116.5, None, "2024-07-01T08:00:00"]], 200, id="a null coordinate"),
    pytest.param([[116.5, 39.79]], 422, id="a pair"),
]


@pytest.mark.parametrize(("fixes", "status"), EVENTS)
def test_the_events_body_schema_allows_what_the_service_answers(
    tc: TestClient, doc: dict[str, Any], fixes: Any, status: int
) -> None:
    body = {"trajectories": [{"id": "a", "fixes": fixes}]}
    r = tc.post("/v1/events", content=json.dumps(body))
    assert r.status_code == status, r.text
    assert allowed(doc, "/v1/events", body) == (status == 200)

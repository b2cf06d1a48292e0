"""The API's answer models cannot drift from the library's result types."""

from __future__ import annotations

import dataclasses

from avzone.checks import CheckResult
from avzone.growth import Growth, Stage
from avzone.service import schemas


def _fields(model: type) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


def test_answer_models_forbid_undeclared_fields():
    for name in (
        "LocationAnswer",
        "Hub",
        "BatchPoint",
        "BatchAnswer",
        "StageAnswer",
        "GrowthAnswer",
        "CheckItem",
        "CheckReport",
        "LayerSummary",
        "LayerList",
        "Health",
        "EventItem",
        "SummaryItem",
        "FixStatus",
        "EventsAnswer",
    ):
        model = getattr(schemas, name)
        assert model.model_config.get("extra") == "forbid", name
        assert model.model_json_schema().get("additionalProperties") is False, name


def test_location_answer_is_location_to_dict(model):
    answer = model.locate(116.3975, 39.9087).to_dict()
    timed = model.locate(116.3975, 39.9087, at="2024-07-01").to_dict()
    assert _fields(schemas.LocationAnswer) == set(timed) | {"notes"}
    noted = model.locate(116.3975, 39.9087, crs="EPSG:4214", at="2024-07-01").to_dict()  # (a datum note)
    assert _fields(schemas.LocationAnswer) == set(noted)
    schemas.LocationAnswer.model_validate(noted)
    assert set(answer) == set(timed) - {"at", "zone_in_force", "in_force", "in_force_status"}
    schemas.LocationAnswer.model_validate(timed)
    assert _fields(schemas.Hub) == set(answer["nearest_hub"])
    schemas.LocationAnswer.model_validate(answer)


def test_batch_point_has_every_record_field(model):
    records = model.locate_many([116.5, None], [39.79, 39.8], distances=True).records(model, ids=["a", "b"])
    for r in records:
        assert set(r) <= _fields(schemas.BatchPoint)
        schemas.BatchPoint.model_validate(r)


def test_stage_answer_is_stage():
    assert _fields(schemas.StageAnswer) == {f.name for f in dataclasses.fields(Stage)}


def test_growth_answer_is_growth_to_dict(model):
    doc = model.growth().to_dict()
    assert _fields(schemas.GrowthAnswer) == set(doc)
    schemas.GrowthAnswer.model_validate(doc)
    assert {f.name for f in dataclasses.fields(Growth)} >= {"from_km2", "to_km2", "added_km2", "parts", "timeline"}


def test_check_item_is_check_result(model):
    results = model.check()
    assert _fields(schemas.CheckItem) == set(results[0].to_dict())
    assert {f.name for f in dataclasses.fields(CheckResult)} >= _fields(schemas.CheckItem) - {"detail"}
    schemas.CheckReport.model_validate({"ok": True, "checks": [r.to_dict() for r in results]})


def test_layer_models_carry_the_period_in_force(model):
    """GET /v1/layers and /v1/layers/{id} give a zone layer's valid_from / valid_to (and the stage's Chinese name),
    as the manifest and ``avzone export`` do: the schemas say so."""
    from avzone.export import PERIOD_FIELDS, layer_features

    assert {"valid_from", "valid_to", "stage_zh"} <= _fields(schemas.LayerSummary)
    assert set(PERIOD_FIELDS) <= _fields(schemas.LayerFeatureProperties)
    for lid in model.layers:
        doc = {"type": "FeatureCollection", "name": lid, "features": layer_features(model, lid)}
        answer = schemas.FeatureCollection.model_validate(doc)
        if model.layer_info(lid).kind == "zone":
            period = {k: model.layer_info(lid).get(k) for k in PERIOD_FIELDS}
            assert all({k: getattr(f.properties, k) for k in PERIOD_FIELDS} == period for f in answer.features)


def test_event_models_are_the_events_columns():
    from avzone.events import EVENT_COLUMNS, SUMMARY_COLUMNS

    assert _fields(schemas.EventItem) == set(EVENT_COLUMNS)
    assert _fields(schemas.SummaryItem) == set(SUMMARY_COLUMNS)


def test_every_endpoint_lists_lang_and_its_errors_say_their_language(model):
    """``lang`` (en or zh, optional) and ``Accept-Language`` on every operation; every error answer a Problem
    with its Content-Language and Vary headers, 422 included (a bad lang) where FastAPI would list its own."""
    import json

    from avzone.i18n import LANGS
    from avzone.service import create_app

    doc = create_app(model).openapi()
    ops = [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()]
    assert len(ops) == 9
    for path, method, op in ops:
        params = {(p["name"], p["in"]): p for p in op["parameters"]}
        lang = params[("lang", "query")]
        assert lang["required"] is False, (path, method)
        assert {"enum": list(LANGS), "type": "string"} in lang["schema"]["anyOf"], (path, method)
        assert "precedence over Accept-Language" in lang["description"]
        assert params[("accept-language", "header")]["required"] is False, (path, method)
        assert "422" in op["responses"], (path, method)
        for status, answer in op["responses"].items():
            if status.startswith(("4", "5")):
                assert answer["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
                assert set(answer["headers"]) == {"Content-Language", "Vary"}, (path, method, status)
                assert answer["headers"]["Content-Language"]["schema"]["enum"] == list(LANGS)
    assert "HTTPValidationError" not in json.dumps(doc)
    assert "lang=zh" in doc["components"]["schemas"]["Problem"]["properties"]["detail"]["description"]

"""Response models: the OpenAPI document (answers are encoded directly).

Every answer model forbids fields it does not declare (``extra="forbid"``,
``additionalProperties: false`` in the document), and the tests check each
endpoint's answers against the document and each model's fields against the
library result type it documents (:class:`avzone.locate.Location`,
:class:`avzone.growth.Stage`, :class:`avzone.checks.CheckResult`), so the
schemas cannot drift from what the endpoints return.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from avzone.points import (
    DEGREES_TEXT,
    GEOJSON_ONE_COORDINATE_TEXT,
    NMEA_MINUTES_TEXT,
    OTHER_METRES_TEXT,
    RADIANS_TEXT,
    SIGNS_DROPPED_TEXT,
    SWAPPED_TEXT,
)
from avzone.service.common import GEOJSON_TYPE, JSON_TYPE


class _Answer(BaseModel):
    """An answer model: undeclared fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """An error: ``detail`` says what is wrong and what would be right."""

    detail: str = Field(
        description="What is wrong, naming the parameter, body item or limit: in English, or in Chinese when "
        "asked for (lang=zh, or Accept-Language: zh without lang; the Content-Language header says which)."
    )
    errors: list[dict[str, Any]] | None = Field(
        default=None,
        description="For parameter validation errors: one {loc, msg, type} per problem (msg in the language of "
        "detail; loc and type as they are).",
    )


class Hub(_Answer):
    id: str
    name_en: str
    name_zh: str | None = Field(default=None, description="The hub's name in Chinese (null if none).")
    distance_m: float = Field(description="Geodesic distance from the point, metres (0.1 m).")


class LocationAnswer(_Answer):
    """Where one point lies: the output of ``avzone locate --json``."""

    lon: float = Field(description="WGS84 longitude of the point.")
    lat: float = Field(description="WGS84 latitude of the point.")
    crs: str = Field(description="The CRS the input was given in, as resolved (e.g. EPSG:4326, gcj02).")
    input: tuple[float, float] = Field(description="The point as given, in `crs`.")
    zones: dict[str, bool] = Field(description="Zone layer id -> whether the zone covers the point (edge inside).")
    distance_to_edge_m: dict[str, float | None] = Field(
        description="Zone layer id -> geodesic distance to the zone's edge in metres (0.1 m); 0 inside; "
        "null where it cannot be computed (half a world away from the zone)."
    )
    distance_inside_m: dict[str, float | None] = Field(
        description="Zone layer id -> geodesic distance to the zone's edge from inside in metres (0.1 m): how "
        "far inside the point is; 0 outside; distance_inside_m - distance_to_edge_m is the signed distance."
    )
    nearest_hub: Hub | None = Field(description="The nearest railway station or airport.")
    at: str | None = Field(
        default=None, description="Only with `at`: the instant asked, as Beijing time (ISO 8601, +08:00)."
    )
    zone_in_force: str | None = Field(
        default=None, description="Only with `at`: the zone layer in force then; null before the first stage."
    )
    in_force: bool | None = Field(
        default=None, description="Only with `at`: whether the point lay inside the zone in force then."
    )
    in_force_status: str | None = Field(
        default=None, description='Only with `at`: "ok", or why no zone was in force (e.g. before the first stage).'
    )
    notes: list[str] | None = Field(
        default=None,
        description="Only when there is something to know about the answer, as a file job's summary notes it: "
        "a crs PROJ converts to WGS84 without its datum shift (Beijing 1954, Xian 1980), tens of metres or more off. "
        "In the language asked (`lang`, else `Accept-Language`), which `Content-Language` says.",
    )


class BatchPoint(_Answer):
    """One answer of a batch; ``lon``, ``lat`` and ``zones`` are null unless ``status`` is ``ok``."""

    lon: float | None
    lat: float | None
    crs: str
    input: tuple[float | str | bool | None, float | str | bool | None] = Field(
        description="The point as given: null for a missing value, and a value that could not be read as sent (a "
        "text, or the JSON text of an array or object), so what was wrong is seen."
    )
    zones: dict[str, bool] | None
    distance_to_edge_m: dict[str, float | None] | None = Field(
        default=None, description="Only with distances=true, as in the single-point answer."
    )
    distance_inside_m: dict[str, float | None] | None = Field(
        default=None, description="Only with distances=true, as in the single-point answer."
    )
    nearest_hub: Hub | None = Field(default=None, description="Only with distances=true.")
    id: str | int | float | None = Field(
        default=None,
        description="FeatureCollection input only: the feature's id member (RFC 7946's identifier), null when it "
        "has none.",
    )
    properties_id: Any = Field(
        default=None,
        description="FeatureCollection input only: the feature's properties.id as sent (any JSON value), null when it "
        "has none; with id, either joins the answers to the features (they are also in the body's order).",
    )
    zone_in_force: str | None = Field(
        default=None,
        description="Only with `at`: the zone layer in force then; null before the first stage or unless status is ok.",
    )
    in_force: bool | None = Field(
        default=None,
        description="Only with `at`: whether the point lay inside the zone in force then (null unless status is ok).",
    )
    in_force_status: str | None = Field(
        default=None,
        description='Only with `at`: "ok", or why no zone was in force (e.g. before the first stage), or the '
        "point's status when it is not ok.",
    )
    why: str | None = Field(
        default=None,
        description="Only for a point whose status says a coordinate is not a number, when its text is a number "
        "written another way (a decimal comma or thousands separators, 116,48; a hemisphere letter, E116.5; "
        "degrees and minutes; an en dash for '-'): the value and how to write it, as `avzone locate --input`'s "
        "summary and `GET /v1/locate` say it, in the language asked (`lang`, else `Accept-Language`), which "
        "`Content-Language` says.",
    )
    status: str = Field(
        description='"ok", or why the point was not located, in the words of every avzone entry point: '
        '"missing lon", "lon not a number", "lat not finite", "lat out of range [-90, 90]", '
        '"cannot be converted to WGS84", "no point geometry", "geometry is not a Point", '
        f'"{GEOJSON_ONE_COORDINATE_TEXT}", '
        f'"{SWAPPED_TEXT}", "{DEGREES_TEXT}", "{OTHER_METRES_TEXT}"; and, when at least half of the body\'s points '
        "make sense only so (a single point, or a few among points that are fine, keep their answers), each such "
        "point's "
        f'"{SIGNS_DROPPED_TEXT}", "{RADIANS_TEXT}" or "{NMEA_MINUTES_TEXT}".'
    )


class BatchAnswer(_Answer):
    crs: str
    count: int = Field(description="Number of input points (= length of results).")
    ok: int = Field(description="Points located (status ok).")
    distances: bool = Field(description="Whether distances to the edges and the nearest hub are included.")
    at: str | None = Field(
        default=None, description="Only with `at`: the instant asked, as Beijing time (ISO 8601, +08:00)."
    )
    notes: list[str] | None = Field(
        default=None,
        description="Only when there is something to know about the answers, as a file job's summary notes it: "
        "a crs PROJ converts to WGS84 without its datum shift (Beijing 1954, Xian 1980), tens of metres or more off. "
        "In the language asked (`lang`, else `Accept-Language`), which `Content-Language` says.",
    )
    results: list[BatchPoint] = Field(description="One answer per input point, in input order.")


class EventItem(_Answer):
    """One event of ``POST /v1/events`` (a row of :func:`avzone.events.events`' events)."""

    id: str | int | float | None = Field(description="The trajectory's id.")
    zone: str = Field(description="Zone layer id.")
    event: Literal["enter", "exit", "gap"]
    time: str = Field(description="When (Beijing time, ISO 8601 with +08:00): the crossing, or the start of a gap.")
    lon: float | None = Field(description="WGS84 longitude of the crossing (null for a gap).")
    lat: float | None = Field(description="WGS84 latitude of the crossing (null for a gap).")
    row_before: tuple[int, int] = Field(description="[trajectory index, fix index] of the fix before.")
    row_after: tuple[int, int] = Field(description="[trajectory index, fix index] of the fix after.")
    gap_s: float | None = Field(description="For a gap: seconds between the two fixes.")
    gap_m: float | None = Field(description="For a gap: geodesic metres between the two fixes.")


class SummaryItem(_Answer):
    """One trajectory and zone layer: time and distance inside, shares, enters, exits, gaps."""

    id: str | int | float | None
    zone: str
    fixes: int = Field(description="Fixes used.")
    start: str = Field(description="First fix (Beijing time).")
    end: str = Field(description="Last fix (Beijing time).")
    trip_s: float
    trip_m: float = Field(description="Geodesic length of the trajectory, metres.")
    gap_s: float = Field(description="Seconds spent in gaps (counted in no zone).")
    time_inside_s: float
    distance_inside_m: float
    share_of_time: float | None = Field(description="time_inside_s over the trip's time outside gaps.")
    share_of_distance: float | None
    enters: int
    exits: int
    gaps: int


class FixStatus(_Answer):
    trajectory: int
    fix: int
    why: str | None = Field(
        default=None,
        description="Only for a fix whose status says a coordinate is not a number, or its time is not a time, "
        "when the value has a reason: a number written another way (a decimal comma or thousands separators, "
        "116,48; a hemisphere letter, E116.5; degrees and minutes; an en dash for '-'), or a time written in a "
        "form avzone names (a month 13, an en dash, an offset no zone has...): the value and how to write it, as "
        "`POST /v1/locate` says it of a point and of its `at`, in the language asked (`lang`, else "
        "`Accept-Language`), which `Content-Language` says.",
    )
    status: str = Field(
        description='"ok", or why the fix was not used (the statuses of `avzone events --annotate`; as for '
        "`POST /v1/locate`'s points, when most of the body's fixes make sense only with their minus signs dropped, "
        "as radians, or as NMEA degrees and minutes, each such fix gets a status saying so)."
    )
    used: bool


class EventsAnswer(_Answer):
    """The answer of ``POST /v1/events``."""

    crs: str
    count: int = Field(description="Number of fixes in the body.")
    ok: int = Field(description="Fixes with status ok.")
    notes: list[str] | None = Field(
        default=None,
        description="Only when there is something to know about the answers, as a file job's summary notes it: "
        "a crs PROJ converts to WGS84 without its datum shift (Beijing 1954, Xian 1980), tens of metres or more off. "
        "In the language asked (`lang`, else `Accept-Language`), which `Content-Language` says.",
    )
    events: list[EventItem]
    summary: list[SummaryItem]
    fixes: list[FixStatus] = Field(description="One status per fix, in body order.")


class LayerSummary(_Answer):
    id: str
    kind: str = Field(description="zone (polygons), hubs (stations, airports) or routes (lines).")
    title_en: str | None
    title_zh: str | None
    feature_count: int
    nominal_area_km2: float | None = Field(
        description="Nominal area, km² (zone layers): the area the layer is drawn to, not a measurement; the figure "
        "reported for the stage where that is the drawn layer's, but not where the report describes something else "
        "(the outlook: a plan of about 3,000 km² reported around its 1,960 km² belt; the timeline's reported_km2 "
        "in GET /v1/growth)."
    )
    area_km2: float | None = Field(
        description="Measured area, km² (zone layers): geodesic (WGS84 ellipsoid) area of the union of the features."
    )
    area_tolerance_pct: float | None
    stage: str | None
    stage_zh: str | None = Field(description="The stage's name in Chinese (zone layers; null if none).")
    as_of: str | None
    status: str | None
    valid_from: str | None = Field(
        description="A zone layer's stage in force from this date (ISO, Beijing time; null: never in force)."
    )
    valid_to: str | None = Field(description="...until this date, exclusive (null: still in force, or never).")


class LayerList(_Answer):
    dataset: str
    title_en: str | None
    title_zh: str | None = Field(description="The dataset's title in Chinese (null if the dataset has none).")
    layers: list[LayerSummary]


class LayerFeatureProperties(BaseModel):
    """A feature's properties as read from the dataset; a zone layer's also carry its stage's period in force."""

    model_config = ConfigDict(extra="allow")

    valid_from: str | None = Field(
        default=None,
        description="Zone layers: the stage is in force from this date (ISO, Beijing time; null: never in force), "
        "as the manifest says and avzone export writes it.",
    )
    valid_to: str | None = Field(
        default=None, description="Zone layers: ...until this date, exclusive (null: still in force, or never)."
    )


class LayerFeature(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["Feature"]
    geometry: dict[str, Any] | None
    properties: LayerFeatureProperties | None


class FeatureCollection(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["FeatureCollection"]
    name: str = Field(description="The layer id.")
    features: list[LayerFeature] = Field(
        description="The layer's GeoJSON features as read from the dataset (WGS84), a zone layer's with its "
        "stage's valid_from / valid_to added to their properties: what avzone export writes."
    )


class StageAnswer(_Answer):
    date: str
    stage: str
    stage_zh: str | None = Field(default=None, description="The stage's name in Chinese (null if none).")
    layer: str | None
    nominal_km2: float | None = Field(description="Nominal area, km²: what the stage's layer is drawn to.")
    area_km2: float | None = Field(
        description="Measured area, km²: geodesic (WGS84 ellipsoid) area of the stage's layer (null: no layer)."
    )
    cagr_pct: float | None = Field(
        description="Compound annual growth of area_km2 from the previous measured stage, % a year (null when the "
        "two are less than a year apart, or for a plan never in force)."
    )
    cagr_since_first_pct: float | None = Field(
        description="Compound annual growth of area_km2 from the first measured stage, % a year (null as cagr_pct)."
    )
    note: str
    reported_km2: float | None = Field(
        default=None,
        description="Reported figure, km²: what the press reported for the stage, not a measured area (the "
        "outlook's about 3,000 km² is a plan around its drawn belt, not the belt's area).",
    )
    note_zh: str | None = Field(default=None, description="The stage's note in Chinese (null if none).")


class GrowthAnswer(_Answer):
    """The output of ``avzone growth FROM TO --json``."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    from_: str = Field(alias="from")
    to: str
    from_km2: float = Field(description="Measured area of from, km²: geodesic (WGS84 ellipsoid).")
    to_km2: float = Field(description="Measured area of to, km²: geodesic (WGS84 ellipsoid).")
    added_km2: float = Field(description="to_km2 - from_km2, km² (negative when to is smaller).")
    ratio: float | None = Field(description="to_km2 / from_km2 (null when from has no area).")
    percent: float | None = Field(description="added_km2 in % of from_km2 (null when from has no area).")
    parts: list[dict[str, Any]] = Field(
        description="The area of to outside from by feature of to: id, name_en, name_zh, district, added_km2 "
        "(measured, geodesic) and nominal_km2 (the whole feature's nominal area, not the area it adds)."
    )
    removed_km2: float = Field(description="Measured area of from outside to, km² (0 when to holds from).")
    timeline: list[StageAnswer]


class CheckItem(_Answer):
    name: str
    subject: str
    ok: bool
    value: Any = None
    expected: Any = None
    detail: str


class CheckReport(_Answer):
    """The output of ``avzone check --json``."""

    ok: bool
    checks: list[CheckItem]


class Health(_Answer):
    status: Literal["ok"]
    dataset: str
    version: str
    zone_layers: list[str]
    max_body_bytes: int
    max_points: int


_E422: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "A missing or malformed parameter or body item."}
}
_E413: dict[int | str, dict[str, Any]] = {
    413: {
        "model": Problem,
        "description": "Body larger than max_body_bytes, or more than max_points points (fixes for events).",
    }
}
_E415: dict[int | str, dict[str, Any]] = {
    415: {
        "model": Problem,
        "description": "The body is declared of a type that is not JSON (Content-Type: text/csv, application/xml, "
        "multipart/form-data...; the message names it): send it as application/json (or a +json type; "
        "no Content-Type, application/octet-stream, and the types clients give a body of no type said, "
        "application/x-www-form-urlencoded as curl -d sends and text/plain as fetch sends, are read as JSON too); "
        "or it has a Content-Encoding (gzip, deflate...): send the JSON itself; or it is declared "
        "in a charset other than UTF-8 (charset=gbk) and holds bytes beyond ASCII: send it in UTF-8; or it is "
        "declared UTF-16 or UTF-32 and its bytes are not JSON text in that charset.",
    }
}
_E408_503: dict[int | str, dict[str, Any]] = {
    408: {
        "model": Problem,
        "description": "The request body arrived too slowly (no data for BODY_TIMEOUT_S), or the request head did "
        "not arrive whole within HEADER_TIMEOUT_S; either way with Connection: close, the connection then closed.",
    },
    503: {
        "model": Problem,
        "description": "Too many large or distances=true requests running or waiting, or the server at its limit "
        "of connections and requests at once (limit_concurrency); retry after Retry-After.",
    },
}
_E404: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No such layer; the message lists the layer ids.",
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}

#: A coordinate as the service reads it: a number, or a number written as text (read as ``avzone locate LON LAT``
#: reads it: ``" 116.5"``, ``"1.165e2"``), or null for none.
_COORDINATE = {"type": ["number", "string", "null"]}
_PAIR_SCHEMA = {
    "type": "array",
    "prefixItems": [_COORDINATE, _COORDINATE],
    "minItems": 2,
    "maxItems": 2,
    "description": "[lon, lat] (x, y in a projected CRS); null for a missing value, text read as a number",
}
_FC_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number", "null"]},
                    "geometry": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": {
                                        "type": "array",
                                        "items": _COORDINATE,
                                        "minItems": 2,
                                        "maxItems": 3,
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


def _fc_schema(max_points: int) -> dict[str, Any]:
    """:data:`_FC_SCHEMA` with the limit of ``POST /v1/locate``: at most ``max_points`` features, as pairs."""
    features = {**_FC_SCHEMA["properties"]["features"], "maxItems": max_points}
    return {**_FC_SCHEMA, "properties": {**_FC_SCHEMA["properties"], "features": features}}


def _batch_body_doc(max_points: int, max_body_bytes: int) -> dict[str, Any]:
    schema = {
        "oneOf": [
            {"title": "Pairs", "type": "array", "items": _PAIR_SCHEMA, "maxItems": max_points},
            {"title": "PointFeatureCollection", **_fc_schema(max_points)},
        ]
    }
    example = [[116.5, 39.79], [116.3975, 39.9087], [None, 39.9]]
    return {
        "requestBody": {
            "required": True,
            "description": (
                f"At most {max_points} points and {max_body_bytes} bytes. Coordinates are in the `crs` "
                "query parameter's CRS (for a FeatureCollection too); without it, a FeatureCollection's in the CRS "
                "its old `crs` member names (GeoJSON 2008), which a note then says, else WGS84. Each answer gives "
                "back its feature's `id` member as `id` and its `properties.id` as `properties_id`."
            ),
            "content": {
                JSON_TYPE: {"schema": schema, "example": example},
                GEOJSON_TYPE: {"schema": schema},
            },
        }
    }


def _events_body_doc(max_points: int, max_body_bytes: int) -> dict[str, Any]:
    fix = {
        "type": "array",
        "prefixItems": [_COORDINATE, _COORDINATE, {"type": ["string", "number", "null"]}],
        "minItems": 3,
        "maxItems": 3,
        "description": "[lon, lat, time]: coordinates in the crs parameter's CRS, time ISO 8601 text (naive = "
        "Beijing time), or with the time_unit parameter a number (a Unix epoch time in that unit, UTC); a value "
        "that is not usable (null, not a number, a number as the time without time_unit) is the fix's status",
    }
    schema = {
        "type": "object",
        "required": ["trajectories"],
        "additionalProperties": False,
        "properties": {
            "trajectories": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["fixes"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {
                            "type": ["string", "number", "null"],
                            "description": "The vehicle (trajectories with the same id are one vehicle); null: "
                            "none, each fix then gets the status missing vehicle id; without id: the "
                            "trajectory's place in the list (0, 1, ...), unless another trajectory has that id",
                        },
                        "fixes": {"type": "array", "items": fix},
                    },
                },
            }
        },
    }
    example = {
        "trajectories": [
            {"id": "car-7", "fixes": [[116.42, 39.79, "2024-07-01T08:00:00"], [116.46, 39.79, "2024-07-01T08:04:00"]]}
        ]
    }
    return {
        "requestBody": {
            "required": True,
            "description": f"At most {max_points} fixes in all and {max_body_bytes} bytes.",
            "content": {JSON_TYPE: {"schema": schema, "example": example}},
        }
    }

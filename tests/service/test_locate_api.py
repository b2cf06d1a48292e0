"""GET and POST /v1/locate: the library's answers and statuses over HTTP."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import avzone
from avzone import zonetime
from avzone.batch import locate_file
from avzone.crs import from_wgs84, normalize_crs, wgs84_to_gcj02
from avzone.errors import InputError
from avzone.points import SWAPPED_TEXT
from avzone.service import LocateFastPath, create_app, dumps

from .conftest import INSIDE, OUTSIDE, cli_json, conforms


# -- GET /v1/locate ------------------------------------------------------------------------
def test_locate_inside(client, openapi):
    r = client.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1]})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = conforms(openapi, "/v1/locate", "get", r)
    assert all(body["zones"].values()) and set(body["zones"]) == {"core", "current", "planned", "outlook"}
    assert all(v == 0.0 for v in body["distance_to_edge_m"].values())
    expected = avzone.load().locate(*INSIDE).distance_inside_m
    assert body["distance_inside_m"] == {z: round(v, 1) for z, v in expected.items()}
    assert all(v > 0 for v in body["distance_inside_m"].values())
    assert body["input"] == list(INSIDE) and body["crs"] == "EPSG:4326"
    assert body["nearest_hub"]["id"] == "yizhuang"


def test_locate_outside(client, openapi):
    body = conforms(openapi, "/v1/locate", "get", client.get(f"/v1/locate?lon={OUTSIDE[0]}&lat={OUTSIDE[1]}"))
    assert not any(body["zones"].values())
    assert all(v > 1000 for v in body["distance_to_edge_m"].values())
    assert all(v == 0.0 for v in body["distance_inside_m"].values())
    assert body["nearest_hub"]["id"] == "beijing_south"


@pytest.mark.parametrize("point", [INSIDE, OUTSIDE, (116.7, 40.1)])
def test_locate_matches_cli(client, point):
    r = client.get("/v1/locate", params={"lon": point[0], "lat": point[1]})
    assert r.status_code == 200
    assert r.json() == cli_json("locate", str(point[0]), str(point[1]))


def test_locate_gcj02_matches_cli_and_wgs84(client, openapi):
    glon, glat = (float(v) for v in wgs84_to_gcj02(*INSIDE))
    assert abs(glon - INSIDE[0]) > 1e-3  # the offset is real
    for name in ("gcj02", "GCJ-02"):
        body = conforms(
            openapi, "/v1/locate", "get", client.get("/v1/locate", params={"lon": glon, "lat": glat, "crs": name})
        )
        assert body["crs"] == "gcj02" and body["input"] == [glon, glat]
        assert abs(body["lon"] - INSIDE[0]) < 1e-7 and abs(body["lat"] - INSIDE[1]) < 1e-7
        assert all(body["zones"].values())
    assert client.get("/v1/locate", params={"lon": glon, "lat": glat, "crs": "gcj02"}).json() == cli_json(
        "locate", repr(glon), repr(glat), "--crs", "gcj02"
    )


def test_locate_projected_crs(client):
    x, y = (float(v) for v in from_wgs84(*INSIDE, "EPSG:32650"))
    for crs in ("EPSG:32650", "32650"):
        body = client.get("/v1/locate", params={"lon": x, "lat": y, "crs": crs}).json()
        assert body["crs"] == "EPSG:32650" and all(body["zones"].values())
        assert abs(body["lon"] - INSIDE[0]) < 1e-7


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"lat": 39.79}, ["lon", "required"]),
        ({"lon": 116.5}, ["lat", "required"]),
        ({"lon": "abc", "lat": 39.79}, ["lon", "number", "abc"]),
        ({"lon": 116.5, "lat": ""}, ["lat", "number"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "EPSG:999999"}, ["crs", "EPSG:999999"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "nonsense"}, ["crs", "nonsense"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "+init=epsg:4326"}, ["crs", "not accepted"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "/etc/passwd"}, ["crs"]),
        ({"lon": 116.5, "lat": 39.79, "crs": "+proj=tmerc +nadgrids=/etc/passwd"}, ["crs"]),
        ({"lon": 116.5, "lat": 39.79, "crs": 'GEOGCS["x",DATUM["y"]]'}, ["crs"]),
        ({"lon": 39.79, "lat": 116.5}, ["order is lon, lat", "did you mean (116.5, 39.79)"]),
        ({"lon": 200, "lat": 39.79}, ["not a valid position"]),
        ({"lon": "nan", "lat": 39.79}, ["query parameter 'lon' must be a finite number", "got 'nan'"]),
        ({"lon": "inf", "lat": 39.79}, ["query parameter 'lon' must be a finite number", "got 'inf'"]),
        ({"lon": 0, "lat": 6718, "crs": "bd09"}, ["not a valid position", "lat out of range"]),
        ({"lon": 0, "lat": 0, "crs": "\u00b9"}, ["crs"]),
    ],
)
def test_locate_errors_are_422_naming_the_field(client, openapi, params, words):
    r = client.get("/v1/locate", params=params)
    assert r.status_code == 422, r.text
    body = conforms(openapi, "/v1/locate", "get", r)
    for w in words:
        assert w in body["detail"], (w, body["detail"])


@pytest.mark.parametrize(
    ("urn", "code"),
    [
        ("urn:ogc:def:crs:EPSG::3857", "EPSG:3857"),
        ("http://www.opengis.net/def/crs/EPSG/0/3857", "EPSG:3857"),
        ("https://www.opengis.net/def/crs/EPSG/0/32650", "EPSG:32650"),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"),
        ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "EPSG:4326"),
    ],
)
def test_crs_takes_the_ogc_urns_and_urls_the_command_line_takes(client, urn, code):
    """The OGC URN / URL of a CRS is its authority code over HTTP too, as for --crs and a body's crs member."""
    from avzone.crs import ogc_crs_code

    x, y = from_wgs84(*INSIDE, normalize_crs(code))
    plain = client.get("/v1/locate", params={"lon": x, "lat": y, "crs": code})
    named = client.get("/v1/locate", params={"lon": x, "lat": y, "crs": urn})
    assert plain.status_code == named.status_code == 200, named.text
    assert named.json()["zones"] == plain.json()["zones"] and all(named.json()["zones"].values())
    posted = client.post("/v1/locate", params={"crs": urn}, json=[[x, y]])
    assert posted.status_code == 200 and posted.json()["results"][0]["status"] == "ok"
    assert normalize_crs(urn) == normalize_crs(code) and ogc_crs_code(urn) in (code, "OGC:CRS84")


@pytest.mark.parametrize(
    "crs",
    ["urn:ogc:def:crs:EPSG::999999", "urn:ogc:def:crs:EPSG::+proj=longlat", "http://example.com/def/crs/EPSG/0/3857"],
)
def test_crs_refuses_an_ogc_urn_of_no_known_crs(client, crs):
    r = client.get("/v1/locate", params={"lon": 116.5, "lat": 39.79, "crs": crs})
    assert r.status_code == 422 and f"unknown coordinate reference system {crs!r}" in r.json()["detail"]


def test_far_away_point_gets_the_library_distances(client, openapi, model):
    """Half a world away the local projection cannot take the point: the answer still equals the library's."""
    body = conforms(openapi, "/v1/locate", "get", client.get("/v1/locate?lon=18&lat=0"))
    expected = model.locate(18, 0).to_dict()
    assert body["distance_to_edge_m"] == expected["distance_to_edge_m"]
    assert all(v > 1e7 for v in body["distance_to_edge_m"].values())
    assert not any(body["zones"].values()) and body["nearest_hub"]["distance_m"] > 1e7
    res = client.post("/v1/locate?distances=true", json=[[18, 0], list(INSIDE)]).json()["results"]
    assert res[0]["distance_to_edge_m"] == body["distance_to_edge_m"] and res[0]["nearest_hub"] == body["nearest_hub"]
    assert res[1]["distance_to_edge_m"]["core"] == 0.0


def test_swapped_hint_is_the_library_one(client, model):
    with pytest.raises(avzone.InputError) as err:
        model.locate(39.79, 116.5)
    assert client.get("/v1/locate?lon=39.79&lat=116.5").json()["detail"] == str(err.value)


def test_fast_path_and_route_answer_alike(client):
    """A percent-encoded or repeated parameter skips the fast path: both must say the same."""
    rng = np.random.default_rng(3)
    for lon, lat in zip(rng.uniform(115.4, 117.6, 8).tolist(), rng.uniform(39.4, 41.1, 8).tolist()):
        fast = client.get(f"/v1/locate?lon={lon!r}&lat={lat!r}")
        route = client.get(f"/v1/locate?lon={lon!r}&lat={lat!r}&crs=EPSG%3A4326")
        repeated = client.get(f"/v1/locate?lon=0&lon={lon!r}&lat={lat!r}")
        assert fast.status_code == route.status_code == repeated.status_code == 200
        assert fast.content == route.content
        assert fast.json() == repeated.json()
        for lang in ("zh", "en"):  # a successful answer is the same in every language, on either path
            for query in (
                f"lon={lon!r}&lat={lat!r}&lang={lang}",
                f"lon={lon!r}&lat={lat!r}&crs=EPSG%3A4326&lang={lang}",
            ):
                r = client.get(f"/v1/locate?{query}", headers={"accept-language": "zh-CN"})
                assert r.status_code == 200 and r.content == fast.content and "content-language" not in r.headers


def test_fast_path_declines_what_it_does_not_parse(model):
    app = create_app(model)
    state = app.state.avzone
    fast = LocateFastPath(app, state)
    good = fast.answer(b"lon=116.5&lat=39.79")
    assert good == dumps(model.locate(116.5, 39.79).to_dict())
    assert fast.answer(b"lon=116.5&lat=39.79&crs=gcj02") == dumps(model.locate(116.5, 39.79, "gcj02").to_dict())
    for q in (
        b"lat=39.79",
        b"lon=1_16&lat=39.79",
        b"lon=116.5&lat=39.79&lat=39.8",
        b"l%6Fn=116.5&lat=39.79",
        b"lon=116.5&lat=39.79&crs=EPSG%3A4326",
        b"lon=39.79&lat=116.5",
        b"lon=116.5&lat=39.79&crs=bogus",
        b"lon=nan&lat=39.79",
        b"lon=116.5&lat=39.79&lang=fr",  # the route refuses it (422)
    ):
        assert fast.answer(q) is None, q


@settings(max_examples=60, deadline=None)
@given(
    lon=st.floats(114.0, 119.0),
    lat=st.floats(38.5, 42.0),
    crs=st.sampled_from(["EPSG:4326", "gcj02", "bd09", "EPSG:32650", "OGC:CRS84"]),
)
def test_fast_path_equals_library(model, lon, lat, crs):
    """The middleware answers with the library's locate, error for error (it declines errors)."""
    fast = _fast_path(model)
    c = normalize_crs(crs)
    if crs == "EPSG:32650":
        lon, lat = (float(v) for v in from_wgs84(lon, lat, crs))
    query = f"lon={lon!r}&lat={lat!r}&crs={crs}".encode()
    try:
        expected = dumps(model.locate(lon, lat, c).to_dict())
    except avzone.InputError:
        assert fast.answer(query) is None
        return
    assert fast.answer(query) == expected


_FAST: dict[int, LocateFastPath] = {}


def _fast_path(model: avzone.Model) -> LocateFastPath:
    if id(model) not in _FAST:
        app = create_app(model)
        _FAST[id(model)] = LocateFastPath(app, app.state.avzone)
    return _FAST[id(model)]


# -- POST /v1/locate -----------------------------------------------------------------------
def test_post_pairs_keep_order_and_statuses(client, openapi, model):
    pairs = [list(INSIDE), list(OUTSIDE), [None, 39.9], [200, 39.0], [39.79, 116.5], [116.45, None], [116.7, 40.1]]
    r = client.post("/v1/locate", json=pairs)
    body = conforms(openapi, "/v1/locate", "post", r)
    res = body["results"]
    assert body["count"] == len(pairs) == len(res) and body["ok"] == 3 and body["distances"] is False
    assert [p["input"] for p in res] == [[None if v is None else float(v) for v in p] for p in pairs]
    assert [p["status"] for p in res[:2]] + [res[6]["status"]] == ["ok"] * 3
    assert res[2]["status"] == "missing lon" and res[5]["status"] == "missing lat"
    assert res[3]["status"] == "lon out of range [-180, 180]"
    assert res[4]["status"] == SWAPPED_TEXT
    for p in (res[2], res[3], res[4], res[5]):
        assert p["zones"] is None and p["lon"] is None and p["lat"] is None
    for i in (0, 1, 6):
        single = client.get("/v1/locate", params={"lon": pairs[i][0], "lat": pairs[i][1]}).json()
        assert res[i]["zones"] == single["zones"] and res[i]["lon"] == single["lon"]
        assert "distance_to_edge_m" not in res[i]


def test_post_with_distances_is_the_single_point_answer(client, openapi):
    rng = np.random.default_rng(5)
    pairs = np.column_stack([rng.uniform(116.0, 117.0, 12), rng.uniform(39.5, 40.4, 12)]).tolist()
    pairs.append([None, 40.0])
    body = conforms(openapi, "/v1/locate", "post", client.post("/v1/locate?distances=true", json=pairs))
    assert body["distances"] is True and body["count"] == 13 and body["ok"] == 12
    for pair, got in zip(pairs[:-1], body["results"]):
        single = client.get("/v1/locate", params={"lon": repr(pair[0]), "lat": repr(pair[1])}).json()
        assert got == {**single, "status": "ok"}
    assert body["results"][-1]["distance_to_edge_m"] is None and body["results"][-1]["nearest_hub"] is None


def test_post_feature_collection(client, openapi):
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "a",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": list(OUTSIDE)},
            },
            {"type": "Feature", "id": 7, "properties": {"x": 1}, "geometry": None},
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [*INSIDE, 35.0]}},
            {"type": "Feature", "id": "d", "properties": {}, "geometry": {"type": "Point", "coordinates": [0.0, 95.0]}},
        ],
    }
    r = client.post("/v1/locate", content=json.dumps(fc), headers={"content-type": "application/geo+json"})
    body = conforms(openapi, "/v1/locate", "post", r)
    res = body["results"]
    assert [p["id"] for p in res] == ["a", 7, None, "d"]
    assert [p["status"] for p in res] == ["ok", "no point geometry", "ok", "lat out of range [-90, 90]"]
    assert not any(res[0]["zones"].values()) and all(res[2]["zones"].values())


def test_locate_gcj02_web_mercator_matches_cli_and_wgs84(client, openapi):
    x, y = (float(v) for v in from_wgs84(*INSIDE, "gcj02merc"))
    for name in ("gcj02merc", "GCJ02-MERC", "gcj02_mercator"):
        r = client.get("/v1/locate", params={"lon": x, "lat": y, "crs": name})
        body = conforms(openapi, "/v1/locate", "get", r)
        assert body["crs"] == "gcj02merc" and body["input"] == [x, y]
        assert abs(body["lon"] - INSIDE[0]) < 1e-7 and abs(body["lat"] - INSIDE[1]) < 1e-7
    assert client.get("/v1/locate", params={"lon": x, "lat": y, "crs": "gcj02merc"}).json() == cli_json(
        "locate", repr(x), repr(y), "--crs", "gcj02merc"
    )
    posted = client.post("/v1/locate?crs=gcj02merc", json=[[x, y]]).json()
    (p,) = posted["results"]
    assert posted["crs"] == p["crs"] == "gcj02merc" and p["status"] == "ok" and all(p["zones"].values())
    assert abs(p["lon"] - INSIDE[0]) < 1e-7


@pytest.mark.parametrize("name", ["bd09mc", "BD09-MC", "bd09_mercator"])
def test_crs_bd09mc_refused_by_name(client, name):
    for r in (
        client.get("/v1/locate", params={"lon": 12958175, "lat": 4825923, "crs": name}),
        client.post("/v1/locate", params={"crs": name}, json=[[12958175, 4825923]]),
    ):
        detail = r.json()["detail"]
        assert r.status_code == 422
        assert detail.startswith(f"crs: coordinate reference system {name!r} cannot be used: it names Baidu's BD-09")
    zh = client.get("/v1/locate", params={"lon": 1, "lat": 2, "crs": name}, headers={"accept-language": "zh-CN"})
    assert zh.status_code == 422 and "百度墨卡托米制坐标（BD09MC）" in zh.json()["detail"]


def test_post_gcj02(client):
    glon, glat = (float(v) for v in wgs84_to_gcj02(*INSIDE))
    body = client.post("/v1/locate?crs=gcj02", json=[[glon, glat]]).json()
    (p,) = body["results"]
    assert body["crs"] == p["crs"] == "gcj02" and p["status"] == "ok" and all(p["zones"].values())
    assert abs(p["lon"] - INSIDE[0]) < 1e-7


def test_post_thousand_points_match_classify(client, model):
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(115.4, 117.6, 1000), rng.uniform(39.4, 41.1, 1000)
    r = client.post("/v1/locate", json=np.column_stack([lon, lat]).tolist())
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == body["ok"] == 1000
    expected = model.classify(lon, lat)
    for z in model.zone_layers:
        assert [p["zones"][z] for p in body["results"]] == expected[z].astype(bool).tolist()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[[116.5, 39.79], [116.5", ["not valid JSON"]),
        (b"", ["empty"]),
        (b"[[116.5, NaN]]", ["not valid JSON", "NaN"]),
        (b"[[116.5, 39.79], [1, 2], [3, 4], [5], [6, 7]]", ["body[3]", "[lon, lat] pair"]),
        (b'{"lon": 116.5, "lat": 39.79}', ["not a JSON array", "FeatureCollection"]),
        (b"116.5", ["not a JSON array"]),
        (b'{"type": "FeatureCollection", "features": 3}', ["body.features"]),
    ],
)
def test_post_malformed_is_422_naming_the_item(client, openapi, content, words):
    r = client.post("/v1/locate", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    body = conforms(openapi, "/v1/locate", "post", r)
    for w in words:
        assert w in body["detail"], (w, body["detail"])


def test_post_bad_crs_and_bad_flag(client, openapi):
    r = client.post("/v1/locate?crs=foo", json=[list(INSIDE)])
    assert r.status_code == 422 and "crs" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    r = client.post("/v1/locate?distances=maybe", json=[list(INSIDE)])
    assert r.status_code == 422 and "distances" in conforms(openapi, "/v1/locate", "post", r)["detail"]


def test_post_huge_integer_is_a_per_point_status(client):
    body = client.post("/v1/locate", content=b"[[1" + b"0" * 400 + b", 39.9], [116.5, 39.79]]").json()
    assert body["results"][0]["status"] == "lon not finite" and body["results"][1]["status"] == "ok"


def test_post_bad_values_are_row_statuses(client, openapi):
    """Values that are not numbers and geometries that are not Points are per-point statuses, as in files."""
    body = conforms(
        openapi, "/v1/locate", "post", client.post("/v1/locate", json=[[116.5, 39.79], [True, 39.79], ["abc", 39.8]])
    )
    assert [p["status"] for p in body["results"]] == ["ok", "lon not a number", "lon not a number"]
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a", 2]}},
        ],
    }
    body = conforms(openapi, "/v1/locate", "post", client.post("/v1/locate", json=fc))
    assert [p["status"] for p in body["results"]] == ["geometry is not a Point", "lon not a number"]


def test_post_an_empty_geometry_is_no_point_geometry_as_in_a_geoparquet_file(client, openapi):
    """An empty polygon or collection holds no point: 'no point geometry', as its WKB in a GeoParquet file says."""
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}},
            {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": []}},
            {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": [[116.5, 39.79]]}},
        ],
    }
    body = conforms(openapi, "/v1/locate", "post", client.post("/v1/locate", json=fc))
    assert [p["status"] for p in body["results"]] == [
        "no point geometry",
        "no point geometry",
        "geometry is not a Point",
    ]


def test_batch_survives_a_point_the_crs_cannot_convert(model, monkeypatch):
    """A conversion error for one point (a non-converging inversion) is that point's status only."""
    import avzone.points as points

    real = points.to_wgs84

    def flaky(x, y, crs):
        if np.any(np.asarray(x) == 116.45):
            raise avzone.CRSError("did not converge")
        return real(x, y, crs)

    monkeypatch.setattr(points, "to_wgs84", flaky)
    x = np.array([116.5, 116.45, 116.3975])
    y = np.array([39.79, 39.8, 39.9087])
    res = model.locate_many(x, y, "gcj02").records(model)
    assert [r["status"] for r in res] == ["ok", "cannot be converted to WGS84", "ok"]
    assert res[1]["zones"] is None and res[1]["input"] == [116.45, 39.8]


@pytest.mark.parametrize(
    ("member", "en", "zh"),
    [
        (
            "garbage",
            "body.crs: unknown coordinate reference system 'garbage': give",
            "body.crs：未知的坐标参考系 'garbage'",
        ),
        ("EPSG:999999", "body.crs: unknown coordinate reference system 'EPSG:999999'", "body.crs：未知的坐标参考系"),
        (
            "x" * 200,
            "body.crs: unknown coordinate reference system (longer than 100",
            "body.crs：未知的坐标参考系（超过",
        ),
        ("EPSG:4978", "body.crs: ", "body.crs："),
    ],
)
def test_a_crs_member_the_service_cannot_use_is_named_as_the_member(model, member, en, zh):
    """A FeatureCollection's 'crs' member that names no usable CRS is refused as body.crs, not as the crs parameter
    (which the request did not give); the parameter's own refusal still says crs."""
    from starlette.testclient import TestClient

    client = TestClient(create_app(model))
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": member}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}],
    }
    for _ in range(2):  # (the second time from the remembered refusal)
        r = client.post("/v1/locate", json=doc)
        assert r.status_code == 422 and r.json()["detail"].startswith(en), r.text
        r = client.post("/v1/locate", params={"lang": "zh"}, json=doc)
        assert r.status_code == 422 and r.json()["detail"].startswith(zh), r.text
        given = client.post("/v1/locate", params={"crs": member}, json=[list(INSIDE)])
        assert given.status_code == 422 and given.json()["detail"].startswith("crs: "), given.text


@pytest.mark.parametrize("member", ["urn:ogc:def:crs:EPSG::3857", "EPSG:32650", "+proj=merc +datum=WGS84"])
def test_a_crs_given_over_the_body_member_is_refused_or_overridden_as_in_a_file_job(model, tmp_path, member):
    """A crs= that contradicts the body's 'crs' member is refused as --crs over a file's member is, and with
    override_crs=true (--override-crs) used with a note; crs= over its member once said nothing."""
    from starlette.testclient import TestClient

    client = TestClient(create_app(model))
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": member}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}],
    }
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="override_crs=True"):
        locate_file(model, src, tmp_path / "out.csv", crs="EPSG:4326")
    summary = locate_file(model, src, tmp_path / "out.csv", crs="EPSG:4326", override_crs=True)
    assert any("override_crs=True" in str(n) and "EPSG:4326" in str(n) for n in summary.notes), summary.notes
    if member.startswith("+"):  # a PROJ string the service never reads: the member declares no CRS it knows
        r = client.post("/v1/locate", params={"crs": "EPSG:4326"}, json=doc)
        assert r.status_code == 200 and "was not used" in r.json()["notes"][0], r.text
        return
    refused = client.post("/v1/locate", params={"crs": "EPSG:4326"}, json=doc)
    assert refused.status_code == 422 and "override_crs=true" in refused.json()["detail"], refused.text
    r = client.post("/v1/locate", params={"crs": "EPSG:4326", "override_crs": "true"}, json=doc)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["results"][0]["status"] == "ok"
    notes = [n for n in answer.get("notes", []) if "'crs' member" in n]
    assert len(notes) == 1 and "override_crs=true" in notes[0] and "EPSG:4326" in notes[0], answer.get("notes")
    same = client.post("/v1/locate", params={"crs": member}, json=doc).json()  # the member's own: nothing to say
    assert "notes" not in same, same


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("at=2024-07-01T08:00:00+08:00", "at=2024-07-01T08:00:00%2B08:00"),
        ("at=2024-07-01 08:00+0800", "at=2024-07-01 08:00%2B0800"),
        ("at=2024-07-01T08:00:00.5+08", "at=2024-07-01T08:00:00.5%2B08"),
    ],
)
def test_an_offset_plus_left_unencoded_is_told_how_to_write_it(client, query, written):
    """A + in a URL's query is a space: the refusal of such an at= says so and gives the value that works."""
    for method, url, body in (
        ("GET", f"/v1/locate?lon={INSIDE[0]}&lat={INSIDE[1]}&{query}", None),
        ("POST", f"/v1/locate?{query}", [list(INSIDE)]),
    ):
        r = client.request(method, url, json=body)
        assert r.status_code == 422 and r.json()["detail"].startswith("query parameter 'at': "), r.text
        assert r.json()["detail"].endswith(f"write the offset's + as %2B ({written})"), r.text
        fixed = client.request(method, url.replace(query, written), json=body)
        at = fixed.json()["at"]  # (the instant itself: a fraction of a second kept)
        assert fixed.status_code == 200 and at.startswith("2024-07-01T08:00:00") and at.endswith("+08:00"), at
        assert zonetime.instant(at) == zonetime.instant(written.split("=", 1)[1].replace("%2B", "+"))


@pytest.mark.parametrize("at", ["2024-13-01 08:00", "someday 08:00", "2024-07-01T08:00:00Z"])
def test_no_plus_hint_where_no_offset_lost_its_plus(client, at):
    r = client.get("/v1/locate", params={"lon": INSIDE[0], "lat": INSIDE[1], "at": at + "x"})
    assert r.status_code == 422 and "%2B" not in r.json()["detail"], r.text


@pytest.mark.parametrize("fid", [True, False, [1], {"ref": 7}, 1e400])
def test_a_feature_id_that_is_no_string_or_number_is_refused_naming_it(client, fid):
    """A Feature's id the answer cannot give back (GeoJSON's ids are strings or numbers) is a 422 naming the
    feature, as a trajectory's id is; it was answered as id null, so the answer lost which point was which."""
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}
    body = {"type": "FeatureCollection", "features": [{**feature, "id": "a"}, {**feature, "id": fid}]}
    r = client.post("/v1/locate", content=json.dumps(body).encode().replace(b"Infinity", b"1e400"))
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith("body.features[1].id must be a string or a finite number (got "), r.text
    # strings and numbers come back as given; a feature without an id (or id null) answers null
    ok = {"type": "FeatureCollection", "features": [{**feature, "id": "a"}, {**feature, "id": 7}, feature]}
    assert [a["id"] for a in client.post("/v1/locate", json=ok).json()["results"]] == ["a", 7, None]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_exponent_plus_left_unencoded_is_refused_as_the_route_does_and_told_how_to_write_it(client, lang):
    """``lat=3.979e+1`` in a URL is ``3.979e 1`` (a + in a query is a space): every GET answers it as the route
    does, a 422 saying how to write it; the fast path answered 200 while the route refused it."""
    r = client.get(f"/v1/locate?lon={INSIDE[0]}&lat=3.979e+1&lang={lang}")
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["query", "lat"] and "3.979e%2B1" in r.json()["detail"], r.text
    fixed = client.get(f"/v1/locate?lon={INSIDE[0]}&lat=3.979e%2B1&lang={lang}")
    assert fixed.status_code == 200 and fixed.json()["lat"] == 39.79, fixed.text
    assert client.get(f"/v1/locate?lon=%2B{INSIDE[0]}&lat={INSIDE[1]}").status_code == 200


def test_post_echoes_a_value_that_could_not_be_read_as_sent(client, openapi):
    pairs = [["abc", 39.8], [[116.4], {"lat": 39.8}], ["nan", "inf"], [True, 39.8], [1e400, "116,48"], [116.4, None]]
    r = client.post("/v1/locate", content=json.dumps(pairs).replace("Infinity", "1e400"))
    res = conforms(openapi, "/v1/locate", "post", r)["results"]
    assert [p["input"] for p in res] == [
        ["abc", 39.8],
        ["[116.4]", '{"lat": 39.8}'],  # (an array or object as its JSON text)
        ["nan", "inf"],
        [True, 39.8],
        [None, "116,48"],  # (a number beyond the largest double: JSON has no such value)
        [116.4, None],  # (missing: null)
    ]
    assert [p["status"] for p in res[:2]] == ["lon not a number", "lon not a number; lat not a number"]

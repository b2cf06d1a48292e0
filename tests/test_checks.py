"""The dataset checks: they pass on the embedded data and catch each kind of damage."""

from __future__ import annotations

import re

import pytest
import shapely

import avzone
from avzone.errors import DataError
from avzone.i18n import written

EXPECTED_HUBS = {
    "beijing_south",
    "beijing_fengtai",
    "beijing_chaoyang",
    "qinghe",
    "beijing_subcenter",
    "yizhuang",
    "PKX",
    "PEK",
}


def _by(results, name, subject):
    hits = [r for r in results if r.name == name and r.subject == subject]
    assert hits, f"no {name} result for {subject}: {[(r.name, r.subject) for r in results]}"
    return hits[0]


def _failures(model):
    return [r for r in model.check() if not r.ok]


def test_embedded_dataset_passes_every_check(model):
    failures = _failures(model)
    assert failures == []


def test_acceptance_areas_and_containment(model):
    results = model.check()
    for layer, nominal in (("current", 160), ("planned", 600)):
        r = _by(results, "area", layer)
        assert r.ok and r.expected == nominal
        assert abs(model.area_km2(layer) - nominal) <= 0.02 * nominal
    exp = _by(results, "area", "expansion current -> planned")
    assert exp.ok and exp.expected == 440
    assert abs(exp.value - 440) <= 0.02 * 440
    assert _by(results, "containment", "current in planned").ok
    assert model.layer_geometry("planned").covers(model.layer_geometry("current"))


def test_all_hubs_present_with_coordinates_accuracy_and_sources(model):
    hubs = model.hubs
    assert EXPECTED_HUBS <= set(hubs["id"])
    for _, row in hubs.iterrows():
        assert row.geometry.geom_type == "Point"
        assert 115.4 < row.geometry.x < 117.6 and 39.4 < row.geometry.y < 41.1
        assert row["accuracy_m"] > 0
        assert len(row["sources"]) >= 1
    results = model.check()
    for hid in EXPECTED_HUBS:
        assert _by(results, "hubs", hid).ok


def test_hub_check_reports_inside_or_distance(model):
    results = model.check()
    yizhuang = _by(results, "hubs", "yizhuang")
    assert "current" in yizhuang.value["inside"]
    south = _by(results, "hubs", "beijing_south")
    # Beijing South sits outside the 160 and 600 km² zones; the check says how far.
    assert "current" not in south.value["inside"] and "planned" not in south.value["inside"]
    pkx = _by(results, "hubs", "PKX")
    assert pkx.value["inside"] == [] and pkx.value["distance_km"] > 20
    assert "km from the edge of" in pkx.detail


def test_hub_check_separates_drawn_zone_from_reported_service(model):
    results = model.check()
    for hid in EXPECTED_HUBS:
        r = _by(results, "hubs", hid)
        served = model.feature(hid)[1]["served"]
        assert r.value["served"] == served
        assert f"Service reported: {served}" in r.detail
        assert "inside the drawn zone" in r.detail or "outside every drawn zone" in r.detail
        assert "covered" not in r.detail
    # Capital airport and the Sub-center station lie inside the drawn planned zone, but no
    # service there is reported: geometry alone never makes a hub served
    for hid in ("PEK", "beijing_subcenter"):
        r = _by(results, "hubs", hid)
        assert "planned" in r.value["inside"]
        assert r.value["served"].startswith("no autonomous")
        assert model.feature(hid)[1]["served_by"] == "planned"
    assert model.feature("yizhuang")[1]["served_by"] == "reported"


def test_served_by_makes_no_geometric_claim(model):
    routes = set(model.layer("routes")["id"])
    for _, row in model.hubs.iterrows():
        value = row["served_by"]
        assert value in ("planned", "reported") or value.removeprefix("route:") in routes, value
        assert isinstance(row["served_sources"], list) and row["served_sources"]


def test_hub_positions_and_sources(model):
    hubs = model.hubs.set_index("id")
    fengtai = hubs.loc["beijing_fengtai", "geometry"]
    assert 116.29 <= fengtai.x <= 116.30 and 39.845 <= fengtai.y <= 39.85  # the rebuilt station building
    yizhuang = hubs.loc["yizhuang", "geometry"]
    assert abs(yizhuang.x - 116.586) < 0.005 and abs(yizhuang.y - 39.813) < 0.005
    for hid, row in hubs.iterrows():
        assert len(row["sources"]) >= 2, hid


def test_outlook_is_the_ring_belt_and_does_not_claim_the_planned_zone(model):
    info = model.layer_info("outlook")
    assert abs(model.area_km2("outlook") - info.nominal_area_km2) <= 0.02 * info.nominal_area_km2
    assert info.area_tolerance_pct == 2 and info.get("reported_area_km2") == 3000
    assert "3,000" not in info.get("title_en") and "3000" not in info.get("title_zh")
    # the planned zone reaches beyond the 6th ring, so the pair planned-in-outlook is not declared
    outside = model.layer_geometry("planned").difference(model.layer_geometry("outlook"))
    assert outside.area > 0
    assert ["planned", "outlook"] not in model.manifest["containment"]


def test_tiananmen_is_outside_every_zone(model):
    p = shapely.Point(116.3975, 39.9087)
    for z in model.zone_layers:
        assert not model.layer_geometry(z).covers(p), z


# -- broken datasets ---------------------------------------------------------
def _bowtie(feature):
    # A self-intersecting ("bow-tie") exterior ring.
    ring = feature["geometry"]["coordinates"][0]
    a, b, c, d = ring[0], ring[len(ring) // 4], ring[len(ring) // 2], ring[3 * len(ring) // 4]
    feature["geometry"] = {"type": "Polygon", "coordinates": [[a, c, b, d, a]]}


def test_self_intersecting_ring_is_caught(dataset_copy):
    dataset_copy.edit_feature("core.geojson", "core_2022", _bowtie)
    failures = _failures(dataset_copy.load())
    geo = [r for r in failures if r.name == "geometry" and r.subject == "core"]
    assert geo, failures
    assert "'core_2022'" in geo[0].detail and "Self-intersection" in geo[0].detail


def test_wrong_area_is_caught(dataset_copy):
    def shrink(feature):
        g = shapely.geometry.shape(feature["geometry"])
        small = shapely.affinity.scale(g, 0.8, 0.8)
        feature["geometry"] = shapely.geometry.mapping(shapely.geometry.polygon.orient(small, 1.0))

    dataset_copy.edit_feature("core.geojson", "core_2022", shrink)
    r = _by(dataset_copy.load().check(), "area", "core_2022")
    assert not r.ok
    assert "nominal 60 km²" in r.detail and "-3" in r.detail  # about 36 % short


def test_missing_property_is_caught(dataset_copy):
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["properties"].pop("accuracy_m"))
    r = _by(dataset_copy.load().check(), "schema", "stations")
    assert not r.ok
    assert "feature 'qinghe': missing property 'accuracy_m'" in r.detail


@pytest.mark.parametrize(
    ("layer_file", "hub", "accuracy", "bound"),
    [
        ("stations.geojson", "qinghe", 30_000, "at most 2,000 m for a railway_station"),
        ("stations.geojson", "qinghe", 0, "more than 0"),
        ("stations.geojson", "qinghe", -500, "more than 0"),
        ("airports.geojson", "PEK", 20_000, "at most 5,000 m for a airport"),
    ],
)
def test_a_hub_accuracy_that_no_station_or_airport_can_have_is_caught(dataset_copy, layer_file, hub, accuracy, bound):
    # accuracy_m is the tolerance of the hub's district, route-end and airfield checks: 30 km would let a station
    # lie in another district and pass; 0 m claims a point exactly on the building
    dataset_copy.edit_feature(layer_file, hub, lambda f: f["properties"].update(accuracy_m=accuracy))
    r = _by(dataset_copy.load().check(), "schema", layer_file.removesuffix(".geojson"))
    assert not r.ok
    assert f"feature {hub!r}: property 'accuracy_m' is {accuracy!r}, expected" in r.detail, r.detail
    assert bound.replace("a airport", "an airport") in r.detail, r.detail


def test_badly_typed_property_is_caught(dataset_copy):
    dataset_copy.edit_feature("current.geojson", "current_2024", lambda f: f["properties"].update(status="maybe"))
    r = _by(dataset_copy.load().check(), "schema", "current")
    assert not r.ok and "'status' is 'maybe'" in r.detail and "operating" in r.detail


def test_duplicate_id_is_caught(dataset_copy):
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["properties"].update(id="beijing_south"))
    r = _by(dataset_copy.load().check(), "schema", "stations")
    assert not r.ok and "feature 'beijing_south': duplicate id" in r.detail


def test_clockwise_exterior_and_open_ring_are_caught(dataset_copy):
    def reverse(feature):
        feature["geometry"]["coordinates"][0] = feature["geometry"]["coordinates"][0][::-1]

    def open_ring(feature):
        feature["geometry"]["coordinates"][0] = feature["geometry"]["coordinates"][0][:-1]

    dataset_copy.edit_feature("core.geojson", "core_2022", reverse)
    dataset_copy.edit_feature("current.geojson", "current_2024", open_ring)
    failures = _failures(dataset_copy.load())
    details = " | ".join(r.detail for r in failures if r.name == "geometry")
    assert "feature 'core_2022': exterior ring is clockwise" in details
    assert "feature 'current_2024': exterior ring is not closed" in details


def test_out_of_bounds_is_caught(dataset_copy):
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["geometry"].update(coordinates=[121.47, 31.23]))
    r = _by(dataset_copy.load().check(), "geometry", "stations")
    assert not r.ok and "feature 'qinghe'" in r.detail and "outside the dataset bounds" in r.detail


def test_a_hub_a_thousand_km_away_says_its_distance_grouped(dataset_copy):
    # every figure of four or more digits the commands print is grouped: "1067.3 km" was printed here
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["geometry"].update(coordinates=[121.47, 31.23]))
    hub = _by(dataset_copy.load().check(), "hubs", "qinghe")
    assert hub.value["distance_km"] > 1000
    for lang in ("en", "zh"):
        assert re.search(r"\b1,0\d\d\.\d km", written(hub.detail, lang)), written(hub.detail, lang)


def test_missing_hub_is_caught(dataset_copy):
    doc = dataset_copy.read("stations.geojson")
    doc["features"] = [f for f in doc["features"] if f["properties"]["id"] != "qinghe"]
    dataset_copy.write("stations.geojson", doc)
    r = _by(dataset_copy.load().check(), "hubs", "qinghe")
    assert not r.ok and "missing" in r.detail


def test_current_outside_planned_is_caught(dataset_copy):
    def shift(feature):
        g = shapely.geometry.shape(feature["geometry"])
        feature["geometry"] = shapely.geometry.mapping(shapely.affinity.translate(g, xoff=-0.05))

    dataset_copy.edit_feature("current.geojson", "current_2024", shift)
    r = _by(dataset_copy.load().check(), "containment", "current in planned")
    assert not r.ok and "lies outside planned" in r.detail


def test_unreadable_file_names_the_file(dataset_copy):
    (dataset_copy.folder / "stations.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"stations\.geojson: not valid JSON \(line 1"):
        dataset_copy.load()


def test_missing_file_and_folder_are_named(dataset_copy, tmp_path):
    (dataset_copy.folder / "airports.geojson").unlink()
    with pytest.raises(DataError, match=r"airports\.geojson: file not found"):
        dataset_copy.load()
    with pytest.raises(DataError, match="not a dataset folder"):
        avzone.load(tmp_path / "nowhere")


def test_unbuildable_geometry_names_the_feature(dataset_copy):
    dataset_copy.edit_feature(
        "stations.geojson", "qinghe", lambda f: f["geometry"].update(type="Polygon", coordinates=[[1, 2]])
    )
    with pytest.raises(DataError, match=r"stations\.geojson: feature 'qinghe': Polygon coordinates are not nested"):
        dataset_copy.load()


def test_containment_that_is_not_a_list_is_a_failing_check_not_a_crash(dataset_copy):
    import json

    path = dataset_copy.folder / "dataset.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["containment"] = 1.0
    path.write_text(json.dumps(manifest), encoding="utf-8")
    model = avzone.load(dataset_copy.folder, strict=False)
    results = model.check()
    bad = [r for r in results if not r.ok]
    assert any(r.name == "manifest" and "containment" in r.detail for r in bad), bad


def _break_current(dataset_copy):
    """The current zone's one feature made unusable (a position that is not a number): its geometry check fails."""
    doc = dataset_copy.read("current.geojson")
    doc["features"][0]["geometry"]["coordinates"][0][0][0] = "x"
    dataset_copy.write("current.geojson", doc)
    return avzone.load(dataset_copy.folder, strict=False).check()


def test_a_hub_check_says_which_zone_layers_it_could_not_compare_with(dataset_copy, model):
    assert "current" in _by(model.check(), "hubs", "yizhuang").value["inside"]
    results = _break_current(dataset_copy)
    yizhuang = _by(results, "hubs", "yizhuang")
    # Yizhuang station is inside the current zone: with that layer unusable the check must not say
    # "inside planned, outlook" as if that were all
    assert yizhuang.value["inside"] == ["planned", "outlook"]
    assert yizhuang.value["not_compared"] == ["current"]
    assert yizhuang.detail.startswith(
        "Yizhuang (116.5865, 39.8135, ±500 m): inside the drawn zone(s) planned, outlook; "
        "not compared with current (its geometry check failed). Service reported: "
    )
    assert _by(model.check(), "hubs", "yizhuang").value["not_compared"] == []


def test_a_check_not_measured_names_the_layer_whose_geometry_failed(dataset_copy):
    results = _break_current(dataset_copy)
    why = "not measured: the geometry check of current failed"
    for name, subject in (
        ("area", "current"),
        ("containment", "core in current"),
        ("containment", "current in planned"),
        ("cross-check", "current"),
    ):
        r = _by(results, name, subject)
        assert (r.ok, r.detail) == (False, why), (name, subject)
    # the expansion is measured from the current layer too: reported as not measured, not left out
    expansion = _by(results, "area", "expansion current -> planned")
    assert (expansion.ok, expansion.value, expansion.expected, expansion.detail) == (False, None, 440, why)


def test_hub_and_route_checks_say_why_a_present_feature_cannot_be_used(dataset_copy):
    """A hub or route in the file but unusable is named with the reason, not called missing or geometry-less."""

    def out_of_range(feat):
        feat["geometry"]["coordinates"] = [200, 39]

    def not_a_hub(feat):
        feat["properties"]["kind"] = "bus_stop"

    dataset_copy.edit_feature("stations.geojson", "qinghe", out_of_range)
    dataset_copy.edit_feature("stations.geojson", "beijing_chaoyang", not_a_hub)
    routes = dataset_copy.read("routes.geojson")
    route_id = routes["features"][0]["properties"]["id"]
    routes["features"][0]["geometry"]["coordinates"] = [[116.5, 39.8]]  # one position: no line
    dataset_copy.write("routes.geojson", routes)
    results = avzone.load(dataset_copy.folder, strict=False).check()
    qinghe = _by(results, "hubs", "qinghe")
    assert (qinghe.ok, qinghe.detail) == (
        False,
        "hub 'qinghe' cannot be placed: feature 'qinghe': position [200, 39] is outside [-180, 180] x [-90, 90] "
        "(lon, lat)",
    )
    chaoyang = _by(results, "hubs", "beijing_chaoyang")
    assert (chaoyang.ok, chaoyang.detail) == (
        False,
        "hub 'beijing_chaoyang' is in layer stations with kind 'bus_stop', not a hub kind (railway_station, airport)",
    )
    route = _by(results, "routes", route_id)
    assert not route.ok
    assert route.detail == (
        f"route {route_id!r} cannot be measured: feature {route_id!r}: geometry cannot be built "
        "(IllegalArgumentException: point array must contain 0 or >1 elements)"
    )


def test_a_hub_without_a_name_or_accuracy_is_named_by_its_id(dataset_copy):
    def bare(feat):
        del feat["properties"]["name_en"], feat["properties"]["accuracy_m"]

    dataset_copy.edit_feature("stations.geojson", "yizhuang", bare)
    results = avzone.load(dataset_copy.folder, strict=False).check()
    detail = _by(results, "hubs", "yizhuang").detail
    assert detail.startswith("yizhuang (116.5865, 39.8135, ±? m): inside the drawn zone(s) current, planned, outlook.")
    assert "nan" not in detail


def test_an_expansion_without_its_nominal_names_the_field_it_lacks(dataset_copy):
    doc = dataset_copy.read("dataset.json")
    del doc["expansion"]["nominal_added_km2"]
    dataset_copy.write("dataset.json", doc)
    r = _by(avzone.load(dataset_copy.folder, strict=False).check(), "area", "expansion current -> planned")
    assert (r.ok, r.detail) == (False, "no nominal_added_km2 to compare with (the expansion's, in dataset.json)")


def test_a_failing_area_check_never_prints_its_deviation_as_within_the_tolerance(dataset_copy, model):
    """2.004 % off with a ±2 % tolerance fails: the detail says +2.004 %, not +2.00 % (as if on the limit)."""
    import math

    from avzone import geodesy

    area = geodesy.area_km2(model.layer("core").geometry.iloc[0])
    nominal = area / 1.02004

    def off(feat):
        feat["properties"]["nominal_area_km2"] = nominal

    dataset_copy.edit_feature("core.geojson", "core_2022", off)
    r = _by(avzone.load(dataset_copy.folder, strict=False).check(), "area", "core_2022")
    assert not r.ok
    assert r.detail == f"geodesic {area:.2f} km² vs nominal {nominal:g} km² (+2.004 %, tolerance ±2 %)"
    assert not math.isclose(nominal, 60)


def test_route_and_district_figures_beyond_their_limits_are_not_rounded_onto_them():
    from avzone.checks import _off_by, _share_text

    assert _off_by(10.04, 10, 1) == "+10.04" and _off_by(-10.04, 10, 1) == "-10.04" and _off_by(9.96, 10, 1) == "+10.0"
    assert _share_text(98.996, 99) == "98.996" and _share_text(98.5, 99) == "98.50" and _share_text(99.5, 99) == "99.50"


def test_a_timeline_row_that_contradicts_its_layer_is_caught(dataset_copy):
    # avzone growth prints the timeline's nominal beside the measured area as "what the layer is drawn
    # to", and its date as the stage's start: a row that disagrees with its layer's entry is a wrong answer
    manifest = dataset_copy.read("dataset.json")
    manifest["timeline"][1]["nominal_area_km2"] = 70  # phase 2.0, layer core (drawn to 60)
    manifest["timeline"][2]["date"] = "2023-01-01"  # phase 3.0, layer current (in force from 2024-03-19)
    dataset_copy.write("dataset.json", manifest)
    bad = [(r.subject, r.detail) for r in dataset_copy.load().check() if not r.ok]
    assert bad == [
        (
            "timeline[1] phase 2.0",
            "nominal_area_km2 70 is not the nominal_area_km2 60 of layer core",
        ),
        (
            "timeline[2] phase 3.0",
            "date 2023-01-01 is not the valid_from 2024-03-19 of layer current",
        ),
    ], bad


def test_timeline_rows_agree_with_their_layers(model):
    rows = [r for r in model.check() if r.name == "timeline" and r.subject.startswith("timeline[")]
    assert [(r.subject, r.ok) for r in rows] == [
        ("timeline[1] phase 2.0", True),
        ("timeline[2] phase 3.0", True),
        ("timeline[3] 2024 expansion", True),
        ("timeline[4] outlook", True),
    ]
    assert rows[0].detail == "layer core: from 2021-11-01, nominal 60 km², as its layer says"
    assert rows[3].detail == "layer outlook: nominal 1,960 km², reported 3,000 km², as its layer says (never in force)"


def test_a_gap_or_overlap_between_stages_is_caught(dataset_copy):
    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    layers["core"]["valid_to"] = "2024-03-01"  # 18 days before current takes over
    layers["current"]["valid_to"] = "2024-10-28"  # 10 days after planned takes over
    dataset_copy.write("dataset.json", manifest)
    bad = {r.subject: r.detail for r in dataset_copy.load().check() if not r.ok}
    assert bad == {
        "core -> current": "gap of 18 days between core (until 2024-03-01 00:00) and current (from 2024-03-19 00:00)",
        "current -> planned": "current (until 2024-10-28 00:00) overlaps planned (from 2024-10-18 00:00) by 10 days",
    }, bad


def test_a_route_whose_stored_length_km_is_not_its_drawn_length_is_caught(dataset_copy):
    # length_km is the drawn (geodesic) length the build measured; exports and the feature's own
    # properties give it, so a stale one is a wrong figure even when the drawing is within 10 % of the report
    dataset_copy.edit_feature("routes.geojson", "pkx_expressway", lambda f: f["properties"].update(length_km=39.0))
    r = _by(dataset_copy.load().check(), "routes", "pkx_expressway")
    assert not r.ok
    assert r.detail.endswith("; its length_km 39 is not its drawn length, 37.2 km (geodesic)"), r.detail


def test_overlapping_parts_and_a_wrong_expansion_are_caught(dataset_copy, model):
    # planned_shunyi drawn over the Yizhuang part: the parts overlap by the Yizhuang part's whole area
    yizhuang = dataset_copy.read("planned.geojson")["features"][0]["geometry"]
    dataset_copy.edit_feature("planned.geojson", "planned_shunyi", lambda f: f.update(geometry=yizhuang))
    manifest = dataset_copy.read("dataset.json")
    manifest["expansion"]["nominal_added_km2"] = 300
    dataset_copy.write("dataset.json", manifest)
    results = dataset_copy.load().check()
    parts = _by(results, "area", "planned parts")
    overlap = model.area_km2("planned_yizhuang")
    assert not parts.ok and parts.value == pytest.approx(overlap, abs=1e-3)
    assert parts.detail == f"the parts of planned overlap by {overlap:.4f} km² (at most 0.01 km² allowed)"
    expansion = _by(results, "area", "expansion current -> planned")
    assert not expansion.ok and expansion.expected == 300
    assert expansion.detail.startswith("geodesic 250.01 km² vs nominal 300 km² (-16.66 %"), expansion.detail


def test_a_route_whose_ends_are_not_its_from_and_to_is_caught(dataset_copy):
    # a route names the zone feature it starts in and the hub it ends at; maps and popups link them by these ids
    dataset_copy.edit_feature("routes.geojson", "pkx_expressway", lambda f: f["properties"].update(to="beijing_south"))
    dataset_copy.edit_feature("routes.geojson", "beijing_south_link", lambda f: f["properties"].update({"from": "PEK"}))
    results = dataset_copy.load().check()
    pkx = _by(results, "routes", "pkx_expressway")
    assert not pkx.ok
    assert pkx.detail.endswith("; its end lies 39.7 km from its 'to' hub 'beijing_south' (accuracy ±300 m)"), pkx.detail
    south = _by(results, "routes", "beijing_south_link")
    assert not south.ok
    assert south.detail.endswith("; its 'from' 'PEK' is not a zone feature of this dataset"), south.detail


def test_a_hub_served_by_a_route_that_does_not_reach_it_is_caught(dataset_copy):
    # served_by 'route:<id>' says a reported route links the hub: the route must exist and end at this hub
    dataset_copy.edit_feature(
        "stations.geojson", "beijing_south", lambda f: f["properties"].update(served_by="route:nowhere")
    )
    dataset_copy.edit_feature(
        "airports.geojson", "PEK", lambda f: f["properties"].update(served_by="route:pkx_expressway")
    )
    results = dataset_copy.load().check()
    south, pek = _by(results, "hubs", "beijing_south"), _by(results, "hubs", "PEK")
    assert not south.ok and not pek.ok
    assert south.detail.endswith("; its served_by 'route:nowhere' names no route of this dataset"), south.detail
    assert pek.detail.endswith("; its served_by 'route:pkx_expressway' names a route to 'PKX', not to 'PEK'"), (
        pek.detail
    )
    assert _by(results, "hubs", "PKX").ok


def test_an_area_written_in_a_name_that_the_polygon_does_not_measure_is_caught(dataset_copy):
    # maps and popups show names: "亦庄示范区（3.0阶段，200平方公里）" over a 160 km² polygon is a wrong answer
    dataset_copy.edit_feature(
        "current.geojson",
        "current_2024",
        lambda f: f["properties"].update(name_zh="亦庄示范区（3.0阶段，200平方公里）"),
    )
    manifest = dataset_copy.read("dataset.json")
    manifest["layers"][0]["title_en"] = "BDA core area (about 1,000 km²)"
    dataset_copy.write("dataset.json", manifest)
    results = dataset_copy.load().check()
    current = _by(results, "area", "current_2024")
    assert not current.ok
    assert current.detail.endswith("; its name_zh says 200 km², it measures 159.99 km²"), current.detail
    core = _by(results, "area", "core")
    assert not core.ok and core.detail.endswith("; its title_en says 1,000 km², it measures 59.93 km²"), core.detail
    assert _by(results, "area", "core_2022").ok and _by(results, "area", "planned_yizhuang").ok


def test_a_hub_whose_served_by_is_unknown_or_contradicts_its_status_is_caught(dataset_copy):
    # served_by is 'route:<id>', 'reported' or 'planned' (geo/README.md); 'planned' says no service is reported,
    # so a hub 'operating' or 'testing' cannot have it, and 'reported' or a route says there is service, so a
    # 'planned' hub cannot have them: maps show the status, and both passed
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["properties"].update(served_by="yes"))
    dataset_copy.edit_feature(
        "stations.geojson", "beijing_fengtai", lambda f: f["properties"].update(status="operating")
    )
    dataset_copy.edit_feature("airports.geojson", "PEK", lambda f: f["properties"].update(served_by="reported"))
    results = dataset_copy.load().check()
    qinghe, fengtai, pek = (_by(results, "hubs", h) for h in ("qinghe", "beijing_fengtai", "PEK"))
    assert not qinghe.ok and qinghe.detail.endswith(
        "; its served_by 'yes' is none of 'route:<route id>', 'reported', 'planned'"
    ), qinghe.detail
    assert not fengtai.ok and fengtai.detail.endswith(
        "; its served_by 'planned' (no service reported) contradicts its status 'operating'"
    ), fengtai.detail
    assert not pek.ok and pek.detail.endswith(
        "; its served_by 'reported' (service reported) contradicts its status 'planned'"
    ), pek.detail
    assert all(r.ok for r in results if r.name == "hubs" and r.subject not in ("qinghe", "beijing_fengtai", "PEK"))


def test_an_area_written_in_other_units_in_a_name_is_caught_too(dataset_copy):
    # the press writes "160 sq km" and "600 square kilometers"; a name or title saying so is shown on maps
    # just like "160 km²": each must be what the polygon measures
    dataset_copy.edit_feature(
        "current.geojson", "current_2024", lambda f: f["properties"].update(name_en="BDA / Yizhuang zone (200 sq km)")
    )
    dataset_copy.edit_feature(
        "planned.geojson",
        "planned_tongzhou",
        lambda f: f["properties"].update(name_en="Expanded zone: Tongzhou part (440 square kilometres)"),
    )
    manifest = dataset_copy.read("dataset.json")
    manifest["layers"][0]["title_en"] = "BDA core area (about 1,000 sq. km)"
    manifest["layers"][1]["title_zh"] = "亦庄示范区（200平方千米）"
    manifest["layers"][2]["title_en"] = "Zone after the 2024 expansion (600 square kilometers, 600 sq km)"
    dataset_copy.write("dataset.json", manifest)
    results = dataset_copy.load().check()
    current = _by(results, "area", "current_2024")
    assert not current.ok and current.detail.endswith("; its name_en says 200 km², it measures 159.99 km²")
    tongzhou = _by(results, "area", "planned_tongzhou")
    assert not tongzhou.ok and tongzhou.detail.endswith("; its name_en says 440 km², it measures 250.01 km²")
    core = _by(results, "area", "core")
    assert not core.ok and core.detail.endswith("; its title_en says 1,000 km², it measures 59.93 km²"), core.detail
    assert not _by(results, "area", "current").ok
    assert _by(results, "area", "planned").ok  # right figures in other units pass


def test_a_date_after_the_dataset_s_as_of_is_caught(dataset_copy):
    # the manifest's as_of is the date the dataset describes: a feature, a layer or a timeline row dated after
    # it claims a state the dataset does not describe (maps show "operating as of 2026-01-01"), and passed
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["properties"].update(as_of="2026-01-01"))
    manifest = dataset_copy.read("dataset.json")
    manifest["layers"][5]["as_of"] = "2025-06-01"  # airports
    manifest["timeline"][3]["note"] = "moved"
    manifest["timeline"].append({"date": "2025-12-30", "stage": "next", "layer": None, "note": "x"})
    dataset_copy.write("dataset.json", manifest)
    results = dataset_copy.load().check()
    r = _by(results, "timeline", "as_of")
    assert not r.ok
    assert r.detail == (
        "dataset as of 2025-03-01; dated after it: layer airports (as_of 2025-06-01), "
        "feature qinghe of layer stations (as_of 2026-01-01), timeline[5] next (date 2025-12-30)"
    ), r.detail


def test_a_timeline_row_whose_reported_area_is_not_its_layer_s_is_caught(dataset_copy):
    # the outlook's reported plan (about 3,000 km²) is carried by its layer entry and by its timeline row
    # (`avzone growth` prints the row's): a row saying 2,000 km² contradicts the layer, and passed
    manifest = dataset_copy.read("dataset.json")
    row = next(r for r in manifest["timeline"] if r["layer"] == "outlook")
    row["reported_area_km2"] = 2000
    dataset_copy.write("dataset.json", manifest)
    r = _by(dataset_copy.load().check(), "timeline", "timeline[4] outlook")
    assert not r.ok
    assert r.detail == "reported_area_km2 2000 is not the reported_area_km2 3000 of layer outlook", r.detail


def test_an_airfield_drawn_away_from_its_airport_is_caught(dataset_copy):
    # an airport's point and its footprint (same iata) are the same airport: the footprint moved 10 km south
    # (Capital's airfield drawn over Wangjing) passed every check
    from shapely import affinity
    from shapely.geometry import mapping, shape

    def south(feat):
        feat["geometry"] = mapping(affinity.translate(shape(feat["geometry"]), yoff=-10 / 111.0))

    dataset_copy.edit_feature("airports.geojson", "PEK_footprint", south)
    results = dataset_copy.load().check()
    pek = _by(results, "hubs", "PEK")
    assert not pek.ok
    assert re.search(r"; its airfield 'PEK_footprint' lies \d\.\d km from it \(accuracy ±1,500 m\)$", pek.detail), (
        pek.detail
    )
    assert _by(results, "hubs", "PKX").ok


def test_a_feature_of_a_kind_its_layer_does_not_hold_is_caught(dataset_copy):
    # a zone layer holds zones and zone parts, a hub layer stations, airports and airfields, a routes layer
    # routes: the Shunyi part marked 'route' (still measured as zone) and a route marked 'zone' passed the
    # schema check
    dataset_copy.edit_feature("planned.geojson", "planned_shunyi", lambda f: f["properties"].update(kind="route"))
    dataset_copy.edit_feature("routes.geojson", "pkx_expressway", lambda f: f["properties"].update(kind="zone"))
    results = dataset_copy.load().check()
    planned, routes = _by(results, "schema", "planned"), _by(results, "schema", "routes")
    assert not planned.ok and planned.detail == (
        "feature 'planned_shunyi': property 'kind' is 'route', expected one of zone, zone_part "
        "(the kinds a zone layer holds)"
    ), planned.detail
    assert not routes.ok and routes.detail == (
        "feature 'pkx_expressway': property 'kind' is 'zone', expected one of route (the kinds a routes layer holds)"
    ), routes.detail
    assert _by(results, "schema", "airports").ok


def test_a_feature_tolerance_beyond_100_percent_is_caught(dataset_copy):
    # a tolerance of 1,000 % lets any area from 0 to 11 times the nominal pass the area check: the manifest's
    # tolerances are held to [0, 100] %, a feature's was any positive number
    dataset_copy.edit_feature(
        "current.geojson", "current_2024", lambda f: f["properties"].update(area_tolerance_pct=1000)
    )
    results = dataset_copy.load().check()
    schema = _by(results, "schema", "current")
    assert not schema.ok and schema.detail == (
        "feature 'current_2024': property 'area_tolerance_pct' is 1000, expected a positive number of "
        "percent, at most 100"
    ), schema.detail


def test_a_hub_accuracy_is_held_to_its_own_kind_s_bound(dataset_copy):
    # 3,000 m is too loose for a station, sane for an airport: the verdict on one value is not shared across kinds
    dataset_copy.edit_feature("stations.geojson", "qinghe", lambda f: f["properties"].update(accuracy_m=3000))
    dataset_copy.edit_feature("airports.geojson", "PKX", lambda f: f["properties"].update(accuracy_m=3000))
    results = dataset_copy.load().check()
    stations, airports = _by(results, "schema", "stations"), _by(results, "schema", "airports")
    assert not stations.ok and "feature 'qinghe': property 'accuracy_m' is 3000" in stations.detail
    assert airports.ok, airports.detail

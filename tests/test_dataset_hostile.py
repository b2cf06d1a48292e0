"""Broken datasets: `load` raises one clear DataError, `check` lists failing checks, nothing crashes (issue 11)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

import pytest
from common import run_cli

import avzone
from avzone.errors import DataError


def _set_first_position(value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(feature: dict[str, Any]) -> None:
        feature["geometry"]["coordinates"][0][0][0] = value

    return edit


def _collection(feature: dict[str, Any]) -> None:
    feature["geometry"] = {"type": "GeometryCollection", "geometries": [feature["geometry"]]}


GEOMETRY_BREAKS = {
    "nan": _set_first_position(math.nan),
    "inf": _set_first_position(math.inf),
    "1e308": _set_first_position(1e308),
    "string": _set_first_position("abc"),
    "null": _set_first_position(None),
    "boolean": _set_first_position(True),
    "GeometryCollection": _collection,
}


@pytest.mark.parametrize("name", list(GEOMETRY_BREAKS))
def test_unusable_zone_geometry(dataset_copy: Any, name: str) -> None:
    dataset_copy.edit_feature("core.geojson", "core_2022", GEOMETRY_BREAKS[name])
    hint = r"avzone\.load\(.*, strict=False\)\.check\(\)"  # (the call that lists every problem, to Python)
    with pytest.raises(DataError, match=r"core\.geojson: feature 'core_2022': .*" + hint):
        dataset_copy.load()
    r = run_cli("check", "--data", str(dataset_copy.folder))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(run_cli("check", "--json", "--data", str(dataset_copy.folder)).stdout)
    geometry = next(c for c in doc["checks"] if c["name"] == "geometry" and c["subject"] == "core")
    assert not geometry["ok"] and "core_2022" in geometry["detail"]
    r = run_cli("locate", "116.5", "39.79", "--data", str(dataset_copy.folder))
    assert r.returncode == 2 and "core_2022" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_geometry_collection_hub_and_infinite_route(dataset_copy: Any) -> None:
    dataset_copy.edit_feature("stations.geojson", "qinghe", _collection)
    doc = dataset_copy.read("routes.geojson")
    doc["features"][0]["geometry"]["coordinates"][0] = [math.inf, 39.8]
    dataset_copy.write("routes.geojson", doc)
    with pytest.raises(DataError, match=r"stations\.geojson: feature 'qinghe': geometry type 'GeometryCollection'"):
        dataset_copy.load()
    results = avzone.load(dataset_copy.folder, strict=False).check()
    failing = {(r.name, r.subject) for r in results if not r.ok}
    assert ("geometry", "stations") in failing and ("geometry", "routes") in failing


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda m: m["layers"][0].__setitem__("nominal_area_km2", "60"), "nominal_area_km2 must be a positive number"),
        (lambda m: m["layers"][0].__setitem__("area_tolerance_pct", -5), "area_tolerance_pct must be a number"),
        (lambda m: m.__setitem__("timeline", "garbage"), "timeline must be a list"),
        (lambda m: m.__setitem__("timeline", [1, {"date": "soon", "layer": 5}]), "timeline[1].date must be an ISO"),
        (lambda m: m.__setitem__("containment", [[1], "x"]), "containment entry"),
        (lambda m: m.__setitem__("expansion", {"from": 1}), "expansion.from must be a zone layer id"),
        # a list or an object where a layer id belongs (not hashable: no set lookup of it)
        (
            lambda m: m["expansion"].__setitem__("from", ["current"]),
            "expansion.from must be a zone layer id, got ['current']",
        ),
        # growth compares the expansion's two ends: one layer at both would be a growth of 0 that measured nothing
        (
            lambda m: m["expansion"].__setitem__("to", m["expansion"]["from"]),
            "expansion.from and expansion.to must be two different zone layers, got 'current' for both",
        ),
        (
            lambda m: m["timeline"][0].__setitem__("layer", {"id": "core"}),
            "timeline[0].layer must be a zone layer id or null, got {'id': 'core'}",
        ),
        (lambda m: m.__setitem__("required_hubs", 5), "required_hubs must be a list"),
        (
            lambda m: m["layers"][3].__setitem__("ring_roads", [{"ring": -1, "name_en": "6th Ring Road"}]),
            "layer 'outlook': ring_roads must be a list of objects with a whole number 'ring'",
        ),
        (
            lambda m: m["layers"][3].__setitem__("ring_roads", [{"ring": 0}]),
            "layer 'outlook': ring_roads must be a list of objects",
        ),
    ],
)
def test_manifest_values_typed(dataset_copy: Any, edit: Callable[[dict[str, Any]], None], words: str) -> None:
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    edit(manifest)
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataError, match=r"dataset\.json: "):
        dataset_copy.load()
    r = run_cli("check", "--json", "--data", str(dataset_copy.folder))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    manifest_check = next(c for c in json.loads(r.stdout)["checks"] if c["name"] == "manifest")
    assert not manifest_check["ok"] and words in manifest_check["detail"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
    ],
)
def test_json_limits(dataset_copy: Any, text: str, words: str) -> None:
    for name in ("core.geojson", "dataset.json"):
        (dataset_copy.folder / name).write_text(text, encoding="utf-8")
        r = run_cli("check", "--data", str(dataset_copy.folder))
        assert r.returncode == 2 and words in r.stderr and name in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_huge_integer_coordinate_is_not_finite(dataset_copy: Any) -> None:
    dataset_copy.edit_feature("core.geojson", "core_2022", _set_first_position("HUGE"))
    path = dataset_copy.folder / "core.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"HUGE"', "1" + "0" * 5000), encoding="utf-8")
    with pytest.raises(DataError, match="not a pair of finite numbers"):
        dataset_copy.load()
    assert run_cli("check", "--data", str(dataset_copy.folder)).returncode == 1


def test_no_zone_layer(dataset_copy: Any) -> None:
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    manifest["layers"] = [e for e in manifest["layers"] if e["kind"] != "zone"]
    manifest["containment"], manifest["timeline"] = [], []
    manifest.pop("expansion")
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
    r = run_cli("locate", "116.5", "39.79", "--data", str(dataset_copy.folder))
    assert r.returncode == 2 and "no zone layer" in r.stderr
    r = run_cli("check", "--data", str(dataset_copy.folder))
    assert r.returncode == 1 and "no layer has kind 'zone'" in r.stdout


def test_dataset_files_saved_with_a_utf8_bom_are_read(dataset_copy: Any, model: Any) -> None:
    """Windows Notepad saves UTF-8 with a byte order mark: dataset.json and layer files are read all the same."""
    for name in ("dataset.json", "current.geojson", "stations.geojson"):
        path = dataset_copy.folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    copy = dataset_copy.load()
    assert copy.area_km2("current") == model.area_km2("current")
    assert copy.manifest["title_zh"] == model.manifest["title_zh"] and len(copy.hubs) == len(model.hubs)
    r = run_cli("area", "--data", str(dataset_copy.folder), "--json")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    "name, old, new, words",
    [
        # a second area in one feature's properties: the last one won silently (the area check held the polygon to it)
        ("current.geojson", '"nominal_area_km2": 160,', '"nominal_area_km2": 160, "nominal_area_km2": 300,',
         "key 'nominal_area_km2' given twice in one object ('current_2024') (160, then 300)"),
        ("dataset.json", '"layers":', '"as_of": "2030-01-01", "layers":', "key 'as_of' given twice in one object"),
    ],
)  # fmt: skip
def test_a_key_given_twice_in_a_dataset_file_is_refused(
    dataset_copy: Any, name: str, old: str, new: str, words: str
) -> None:
    """JSON keeps the last of two equal keys in an object without a word: a dataset file with one is refused, the
    file, key, feature and both values named (load and check: exit 2, one line)."""
    path = dataset_copy.folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(words)) as info:
        dataset_copy.load()
    assert name in str(info.value)
    r = run_cli("check", "--data", str(dataset_copy.folder))
    assert r.returncode == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("crs", "named"), [("gcj02", "gcj02"), ("bd09", "bd09"), ("EPSG:32650", "EPSG:32650")])
def test_a_layer_file_declaring_another_crs_is_refused_not_read_as_wgs84(
    tmp_path: Any, dataset_copy: Any, crs: str, named: str
) -> None:
    # a layer avzone itself exported to GCJ-02 and put in a dataset: read as WGS84 it would be some 500 m off and
    # measure another area, with no word said
    model = dataset_copy.load()
    exported = tmp_path / "current.geojson"
    model.export("current", exported, crs=crs)
    (dataset_copy.folder / "current.geojson").write_bytes(exported.read_bytes())
    path = dataset_copy.folder / "current.geojson"
    for strict in (True, False):
        with pytest.raises(DataError) as err:
            avzone.load(dataset_copy.folder, strict=strict)
        assert str(err.value).startswith(f"{path}: its 'crs' member declares the coordinates in {named}")
        assert "WGS84" in str(err.value)
    for lang in ("en", "zh"):
        res = run_cli("--lang", lang, "area", "--data", str(dataset_copy.folder))
        assert res.returncode == 2 and str(path) in res.stderr and res.stdout == ""
    assert "必须是 WGS84 经纬度" in res.stderr


@pytest.mark.parametrize(
    "member",
    [
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
        {"type": "name", "properties": {"name": "EPSG:4326"}},
        {"type": "EPSG", "properties": {"code": 4326}},
        None,
    ],
)
def test_a_layer_file_declaring_wgs84_is_read(dataset_copy: Any, model: Any, member: Any) -> None:
    doc = dataset_copy.read("current.geojson")
    doc["crs"] = member
    dataset_copy.write("current.geojson", doc)
    assert dataset_copy.load().area_km2("current") == model.area_km2("current")


def test_a_layer_file_crs_member_that_cannot_be_read_is_refused(dataset_copy: Any) -> None:
    doc = dataset_copy.read("current.geojson")
    doc["crs"] = {"type": "link", "properties": {"href": "http://example.com/crs/42"}}
    dataset_copy.write("current.geojson", doc)
    with pytest.raises(DataError, match=r"current\.geojson: its 'crs' member declares the coordinates in \{"):
        dataset_copy.load()


@pytest.mark.parametrize("key", ["id", "file"])
def test_a_layer_id_or_file_with_a_lone_surrogate_is_refused_when_the_dataset_is_read(
    dataset_copy: Any, key: str
) -> None:
    """A manifest's "\\ud800" with no low surrogate after it (json.dumps writes it so) is no character: a layer id
    holding one was loaded, and broke its exports later; a file name holding one failed the load with a bare
    UnicodeEncodeError. Refused when the dataset is read, the layer's entry and the text (escaped) named, as the
    manifest's other bad layer ids are (load, and check: exit 2, one line), in English and Chinese."""
    from avzone.i18n import error_text

    path = dataset_copy.folder / "dataset.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    i = next(n for n, e in enumerate(manifest["layers"]) if e["id"] == "stations")
    manifest["layers"][i][key] += "\ud800"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert "\\ud800" in path.read_text(encoding="utf-8")
    value = manifest["layers"][i][key]
    with pytest.raises(DataError) as info:
        dataset_copy.load()
    assert str(info.value) == (
        f"{path}: layers[{i}]: '{key}' {value!r} holds a lone UTF-16 surrogate (\\ud800), which is no character: no "
        "UTF-8 text (a file name, an export, a map) can hold it; correct it (a JSON escape such as \\ud800 needs its "
        "low surrogate after it, as in \\ud83d\\ude97)"
    )
    assert "\ud800" not in str(info.value)  # (named escaped: the surrogate itself cannot be printed)
    assert error_text(info.value, "zh") == (
        f"{path}：layers[{i}]：'{key}' {value!r} 含有单独的 UTF-16 代理项（\\ud800），它不是字符：任何 UTF-8 文本"
        "（文件名、导出文件、地图）都无法保存它；请改正它（\\ud800 这样的 JSON 转义后面需要跟着它的低代理项，如 "
        "\\ud83d\\ude97）"
    )
    r = run_cli("check", "--data", str(dataset_copy.folder))
    assert r.returncode == 2 and "holds a lone UTF-16 surrogate (\\ud800)" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

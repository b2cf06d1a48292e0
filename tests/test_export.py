"""`avzone export`: every format reads back with geopandas, same geometries and properties, in any CRS."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from common import run_cli

from avzone.crs import from_wgs84, wgs84_to_bd09, wgs84_to_gcj02
from avzone.errors import InputError
from avzone.export import EXPORT_FORMATS, SHAPEFILE_TEXT_BYTES, export_layer, shapefile_names, shapefile_text
from avzone.i18n import error_text

EXTENSIONS = [".geojson", ".gpkg", ".kml", ".shp", ".parquet"]
LIST_AS_TEXT = {".gpkg", ".kml", ".shp"}


def _read(path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path) if path.suffix == ".parquet" else gpd.read_file(path)


def _coords(geom) -> np.ndarray:
    """The vertices in a canonical order (a single-part multi-geometry as its one part, rings oriented alike)."""
    geom = shapely.normalize(geom)
    if shapely.get_num_geometries(geom) == 1 and geom.geom_type.startswith("Multi"):
        geom = shapely.normalize(shapely.get_geometry(geom, 0))
    return shapely.get_coordinates(geom)


def _convert(geom, fn):
    return shapely.transform(geom, lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1])))


def _same_geometries(got, expected, atol: float) -> None:
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        a, b = _coords(g), _coords(e)
        assert a.shape == b.shape
        assert np.abs(a - b).max() <= atol


@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("layer", ["planned", "stations", "routes"])
def test_export_reads_back_with_the_same_geometries_and_properties(tmp_path, model, ext, layer):
    out = tmp_path / f"{layer}{ext}"
    res = run_cli("export", "--layer", layer, "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert str(out) in res.stdout
    assert not [p.name for p in tmp_path.iterdir() if "avzone-tmp" in p.name]  # written atomically, nothing left
    ref = model.layer(layer)
    back = _read(out)
    assert back.crs is not None and back.crs.to_epsg() == 4326
    # KML (LIBKML) writes coordinates with 15 significant digits; the others keep every bit
    _same_geometries(back.geometry, ref.geometry, atol=1e-12 if ext == ".kml" else 0.0)
    renamed = shapefile_names(list(ref.columns)) if ext == ".shp" else {}
    for name in ref.columns:
        if name == ref.geometry.name:
            continue
        col = renamed.get(name, name)
        assert col in back.columns, (name, list(back.columns))
        for want, got in zip(ref[name], back[col]):
            if isinstance(want, list):
                if ext == ".shp" and len(json.dumps(want, ensure_ascii=False).encode()) > SHAPEFILE_TEXT_BYTES:
                    assert got == shapefile_text(json.dumps(want, ensure_ascii=False)) and got.endswith("…")
                    continue  # cut short to fit, marked, and reported (test_shapefile_reports_what_it_changes)
                got = json.loads(got) if ext in LIST_AS_TEXT else list(got)
                assert got == want, name
            elif isinstance(want, str):
                if hasattr(got, "strftime"):  # the GeoJSON reader (GDAL) turns ISO dates into timestamps
                    got = got.strftime("%Y-%m-%d")
                if ext == ".shp" and len(want.encode()) > SHAPEFILE_TEXT_BYTES:
                    assert got == shapefile_text(want) and want.startswith(got[:-1]) and got.endswith("…")
                else:
                    assert got == want, name
            else:
                assert str(got) == str(want) if ext == ".kml" else got == want, name


@pytest.mark.parametrize("ext", [e for e in EXTENSIONS if e != ".kml"])  # KML: refused (WGS84 by definition)
def test_gcj02_export_matches_wgs84_to_gcj02(tmp_path, model, ext):
    out = tmp_path / f"current-gcj02{ext}"
    res = run_cli("export", "--layer", "current", "--crs", "gcj02", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "coordinates are gcj02 for Amap/Gaode, Tencent maps, not WGS84" in res.stdout
    assert "declares the custom CRS 'GCJ-02'" in res.stdout
    expected = [_convert(g, wgs84_to_gcj02) for g in model.layer("current").geometry]
    _same_geometries(_read(out).geometry, expected, atol=1e-9)
    moved = np.abs(_coords(expected[0]) - _coords(model.layer("current").geometry.iloc[0])).max()
    assert moved > 1e-3  # the shift is there (hundreds of metres), not a copy of the WGS84 file


def test_bd09_and_projected_exports(tmp_path, model):
    ref = model.layer("core").geometry
    out = tmp_path / "core-bd09.gpkg"
    assert export_layer(model, "core", out, crs="bd09").crs == "bd09"
    _same_geometries(_read(out).geometry, [_convert(g, wgs84_to_bd09) for g in ref], atol=1e-9)
    out = tmp_path / "core-utm.geojson"
    model.export("core", out, crs="EPSG:32650")
    back = _read(out)
    assert back.crs.to_epsg() == 32650
    _same_geometries(back.geometry, [_convert(g, lambda x, y: from_wgs84(x, y, "EPSG:32650")) for g in ref], 1e-6)


def test_shapefile_reports_what_it_changes(tmp_path, model):
    res = export_layer(model, "planned", tmp_path / "planned.shp")
    assert res.renamed == {"nominal_area_km2": "nominal_ar", "area_tolerance_pct": "area_toler"}
    assert "sources" in res.json_text and "districts" in res.json_text
    long = model.layer("planned")["method"].map(lambda v: len(v.encode()) > SHAPEFILE_TEXT_BYTES)
    assert res.truncated["method"] == int(long.sum()) > 0
    assert "cut short: method" in res.text()
    assert (tmp_path / "planned.dbf").exists() and (tmp_path / "planned.cpg").exists()
    assert _read(tmp_path / "planned.shp")["name_zh"].tolist() == model.layer("planned")["name_zh"].tolist()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--layer", "nope"], "--layer 'nope': no such layer"),
        (["--layer", "current", "--ext", ".txt"], "cannot tell the export format from the extension '.txt'"),
        (["--layer", "airports", "--ext", ".shp"], "a Shapefile holds one geometry kind"),
        (["--layer", "current", "--ext", ".kml", "--crs", "EPSG:32650"], "KML holds longitude/latitude only"),
        (["--layer", "current", "--ext", ".kml", "--crs", "gcj02"], "KML coordinates are WGS84 by definition"),
        (["--layer", "current", "--ext", ".kml", "--crs", "EPSG:4490"], "KML coordinates are WGS84 by definition"),
        (["--layer", "current", "--crs", "EPSG:999999"], "unknown coordinate reference system"),
    ],
)
def test_bad_exports_exit_2_and_write_nothing(tmp_path, args, message):
    ext = args[args.index("--ext") + 1] if "--ext" in args else ".gpkg"
    args = [a for i, a in enumerate(args) if a != "--ext" and (i == 0 or args[i - 1] != "--ext")]
    out = tmp_path / f"out{ext}"
    res = run_cli("export", *args, "-o", str(out))
    assert res.returncode == 2
    assert message in res.stderr and "Traceback" not in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_every_documented_extension_is_a_format():
    assert set(EXPORT_FORMATS) == {".geojson", ".json", ".gpkg", ".kml", ".shp", ".parquet", ".geoparquet"}
    help_text = run_cli("export", "--help").stdout
    for ext in ("GeoJSON", "GeoPackage", "KML", "Shapefile", "GeoParquet", ".shp", ".kml"):
        assert ext in help_text
    # what a gcj02/bd09 file declares is said where users look: --help and both READMEs
    assert "custom CRS named GCJ-02/BD-09" in " ".join(help_text.split())
    root = Path(__file__).resolve().parents[1]
    assert "declare a custom geographic CRS named `GCJ-02` / `BD-09`" in " ".join(
        (root / "README.md").read_text(encoding="utf-8").split()
    )
    assert "声明名为 `GCJ-02` / `BD-09` 的自定义地理坐标系" in (root / "README.zh-CN.md").read_text(encoding="utf-8")


def test_shapefile_side_files_follow_a_temporary_output_name(tmp_path, model, monkeypatch):
    """When output_file hands out a temporary name (atomic outputs), the side files end beside the target."""
    import contextlib
    import os

    import avzone.export

    @contextlib.contextmanager
    def temporary(target):
        tmp = target.with_name(f".{target.name}.avzone-tmp-x{target.suffix}")
        yield tmp
        os.replace(tmp, target)

    monkeypatch.setattr(avzone.export, "output_file", temporary)
    export_layer(model, "core", tmp_path / "core.shp")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"core{e}" for e in (".cpg", ".dbf", ".prj", ".shp", ".shx")]
    _same_geometries(_read(tmp_path / "core.shp").geometry, model.layer("core").geometry, atol=0.0)


# -- what a GIS user checks when opening the files (QGIS / ogr) ----------------------------------------------
import datetime as dt  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
import warnings  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import pyogrio  # noqa: E402
import pyproj  # noqa: E402

from avzone.crs import bd09_to_wgs84, gcj02_to_wgs84, normalize_crs  # noqa: E402

GDAL_FORMATS = [".gpkg", ".kml", ".shp"]
KML = "{http://www.opengis.net/kml/2.2}"


def _stations_with(dataset_copy, edits: dict[int, dict]):
    """The dataset with properties of stations features (by index) added or replaced."""
    doc = dataset_copy.read("stations.geojson")
    for i, props in edits.items():
        doc["features"][i]["properties"].update(props)
    (dataset_copy.folder / "stations.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return dataset_copy.load()


def test_shapefile_text_cut_to_fit_is_marked_and_never_looks_whole(tmp_path, dataset_copy):
    """A list's JSON text cut at 254 bytes read as data (``["a", "b"`` looks like a list being copied out, and
    parsed it fails far from the export); cut texts now end with "…", at a character's end (Chinese text whose
    254th byte falls inside a character too), and a GeoPackage keeps the whole value."""
    aliases = ["a" + "经" * 100]  # JSON '["a经经...' : byte 251 falls inside a character
    note = "a" + "经" * 100
    model = _stations_with(dataset_copy, {0: {"aliases": aliases, "note_zh": note}})
    res = export_layer(model, "stations", tmp_path / "stations.shp")
    assert res.truncated["aliases"] == 1 and res.truncated["note_zh"] == 1 and "aliases" in res.json_text
    assert "cut short: " in res.text() and 'each ends with "…"' in res.text()
    assert "截短的值以“…”结尾" in res.text("zh")
    back = _read(tmp_path / "stations.shp")
    whole = json.dumps(aliases, ensure_ascii=False)
    for got, full in ((back["aliases"][0], whole), (back["note_zh"][0], note)):
        assert got.endswith("…") and full.startswith(got[:-1]) and got[-2] == "经", got
        assert len(got.encode()) <= SHAPEFILE_TEXT_BYTES and len(got.encode()) < len(full.encode())
    with pytest.raises(json.JSONDecodeError):
        json.loads(back["aliases"][0])
    export_layer(model, "stations", tmp_path / "stations.gpkg")
    assert json.loads(_read(tmp_path / "stations.gpkg")["aliases"][0]) == aliases


def _field_types(path) -> dict[str, str]:
    info = pyogrio.read_info(path)
    return {
        name: typ if sub == "OFSTNone" else f"{typ}/{sub}"
        for name, typ, sub in zip(info["fields"], info["ogr_types"], info["ogr_subtypes"])
    }


def _files(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_kml_placemarks_are_named_and_integers_stay_integers(tmp_path, model):
    out = tmp_path / "stations.kml"
    export_layer(model, "stations", out)
    root = ET.parse(out).getroot()
    names = [p.findtext(f"{KML}name") for p in root.iter(f"{KML}Placemark")]
    assert names == model.layer("stations")["name_en"].tolist()
    fields = {f.get("name"): f.get("type") for f in root.iter(f"{KML}SimpleField")}
    assert fields["accuracy_m"] == "int" and fields["name_zh"] == "string"
    back = _read(out)
    assert back["accuracy_m"].tolist() == model.layer("stations")["accuracy_m"].tolist()
    assert back["name_zh"].tolist() == model.layer("stations")["name_zh"].tolist()  # Chinese intact


def test_kml_keeps_properties_named_like_kml_elements(tmp_path, dataset_copy):
    reserved = {"end": "soon", "visibility": "hidden", "icon": "pin", "extrude": "x", "drawOrder": "first"}
    m = _stations_with(dataset_copy, {0: reserved})
    res = export_layer(m, "stations", tmp_path / "s.kml")
    back = _read(tmp_path / "s.kml")
    for name, value in reserved.items():
        field = res.renamed[name]
        assert field.lower() not in {"end", "visibility", "icon", "extrude", "draworder"}
        assert back[field].iloc[0] == value, name
    assert "end -> " in res.text()


@pytest.mark.parametrize("ext", GDAL_FORMATS)
def test_field_names_differing_in_case_are_kept_apart(tmp_path, dataset_copy, ext):
    m = _stations_with(dataset_copy, {0: {"Status": "A"}, 1: {"Status": "B"}})
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    field = res.renamed["Status"]
    assert field.lower() != "status" and "Status -> " + field in res.text()
    back = _read(tmp_path / f"s{ext}")
    assert back["status"].tolist() == m.layer("stations")["status"].tolist()
    assert back[field].tolist()[:2] == ["A", "B"] and back[field].isna().all() is not True


def test_shapefile_field_names_fit_ten_bytes_and_stay_readable(tmp_path, dataset_copy):
    m = _stations_with(dataset_copy, {0: {"中文名称字段": "甲", "中文名称字段二": "乙"}})
    res = export_layer(m, "stations", tmp_path / "s.shp")
    fields = [res.renamed["中文名称字段"], res.renamed["中文名称字段二"]]
    assert len(set(fields)) == 2 and all(len(f.encode()) <= 10 for f in fields)
    back = _read(tmp_path / "s.shp")
    assert back[fields[0]].iloc[0] == "甲" and back[fields[1]].iloc[0] == "乙"


@pytest.mark.parametrize("ext", [".gpkg", ".kml", ".shp", ".parquet"])
def test_properties_named_geometry_and_fid_are_kept(tmp_path, dataset_copy, ext):
    m = _stations_with(dataset_copy, {0: {"geometry": "the station hall", "fid": "F-1"}})
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    back = _read(tmp_path / f"s{ext}")
    assert back[res.renamed.get("geometry", "geometry")].iloc[0] == "the station hall"
    assert back[res.renamed.get("fid", "fid")].iloc[0] == "F-1"
    assert back.geometry.iloc[0].equals(m.raw_layer("stations").geometries[0])


def test_mixed_and_object_properties_are_written_as_text_and_reported(tmp_path, dataset_copy):
    m = _stations_with(dataset_copy, {0: {"mix": 1, "obj": {"a": 1, "名": "值"}}, 1: {"mix": "one", "obj": []}})
    for ext in (".parquet", ".gpkg", ".shp", ".kml"):
        out = tmp_path / f"s{ext}"
        res = run_cli("export", "--data", str(dataset_copy.folder), "--layer", "stations", "-o", str(out))
        assert res.returncode == 0, res.stderr
        assert "written as text" in res.stdout and "mix" in res.stdout
        back = _read(out)
        assert back["mix"].tolist()[:2] == ["1", "one"]
        assert json.loads(back["obj"].iloc[0]) == {"a": 1, "名": "值"} and back["obj"].iloc[1] == "[]"
    assert export_layer(m, "stations", tmp_path / "s.geojson").as_text == []  # GeoJSON keeps them as they are


@pytest.mark.parametrize("ext", GDAL_FORMATS)
def test_nulls_keep_the_field_type(tmp_path, dataset_copy, ext):
    m = _stations_with(dataset_copy, {0: {"accuracy_m": None, "flag": True}, 1: {"flag": False}})
    out = tmp_path / f"s{ext}"
    export_layer(m, "stations", out)
    types = _field_types(out)
    assert types["accuracy_m"] in ("OFTInteger", "OFTInteger64"), types
    assert types["flag"] == "OFTInteger/OFSTBoolean" or (ext == ".kml" and types["flag"] == "OFTInteger")
    back = _read(out)
    assert back["accuracy_m"].isna().tolist()[:2] == [True, False]
    assert back["accuracy_m"].iloc[1] == m.layer("stations")["accuracy_m"].iloc[1]
    assert back["flag"].tolist()[:2] == [1, 0] and pd_isna(back["flag"].iloc[2])
    for col in back.columns:
        if col != back.geometry.name:
            assert not set(map(str, back[col].dropna())) & {"None", "NaT", "nan", "True", "False"}, col


def pd_isna(v) -> bool:
    import pandas as pd

    return bool(pd.isna(v))


def test_shapefile_refuses_numbers_it_cannot_hold(tmp_path, dataset_copy):
    m = _stations_with(dataset_copy, {2: {"ratio": 1e-20}, 3: {"big": 1.2345678901234567e300}})
    out = tmp_path / "out"
    out.mkdir()
    with warnings.catch_warnings(record=True) as caught, pytest.raises(InputError) as err:
        warnings.simplefilter("always")
        export_layer(m, "stations", out / "s.shp")
    message = str(err.value)
    assert "'ratio'" in message and repr(m.layer("stations")["id"].iloc[2]) in message
    assert "1e-20" in message and "15 decimals" in message and ".gpkg" in message
    assert list(out.iterdir()) == []
    with pytest.raises(InputError, match=r"1\.2345678901234567e\+?300 of property 'big'"):
        export_layer(_stations_with(dataset_copy, {2: {"ratio": 0.5}}), "stations", out / "s.shp")
    assert list(out.iterdir()) == []
    assert not any(w.category is RuntimeWarning for w in caught)  # GDAL's warnings: the error says it
    export_layer(m, "stations", out / "s.gpkg")  # the GeoPackage holds them
    assert (
        _read(out / "s.gpkg")["ratio"].iloc[2] == 1e-20
        and _read(out / "s.gpkg")["big"].iloc[3] == 1.2345678901234567e300
    )


def test_kml_refusing_a_number_says_why_for_floats_as_for_integers(tmp_path, dataset_copy):
    # KML numbers are written with 15 significant digits: the largest double reads back as inf
    m = _stations_with(dataset_copy, {2: {"ratio": 1.7976931348623157e308}})
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", tmp_path / "s.kml")
    message = str(err.value)
    assert "'ratio'" in message and "15 significant digits" in message and "32-bit" not in message
    zh = error_text(err.value, "zh")
    assert "15 位有效数字" in zh and "32 位" not in zh
    assert not (tmp_path / "s.kml").exists()


def test_kml_names_the_invalid_polygon_gdal_would_not_write(tmp_path, dataset_copy):
    doc = dataset_copy.read("core.geojson")
    bowtie = [[116.4, 39.8], [116.7, 40.0], [116.7, 39.8], [116.4, 39.9], [116.4, 39.8]]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [bowtie]}
    fid = doc["features"][0]["properties"]["id"]
    dataset_copy.write("core.geojson", doc)
    with pytest.raises(InputError) as err:
        export_layer(dataset_copy.load(), "core", tmp_path / "c.kml")
    message = str(err.value)
    assert repr(fid) in message and "Self-intersection" in message and ".gpkg" in message
    assert "Cannot translate feature" not in message
    assert "自相交" in error_text(err.value, "zh")
    assert not (tmp_path / "c.kml").exists()
    export_layer(dataset_copy.load(), "core", tmp_path / "c.gpkg")  # the GeoPackage holds it as it is


@pytest.mark.parametrize("value", [2**63, [1, 2**64 - 1], {"n": 2**63 + 5}])
def test_geojson_refuses_an_integer_gdal_cannot_read_naming_it(tmp_path, dataset_copy, value):
    m = _stations_with(dataset_copy, {2: {"serial": value}})
    fid = m.layer("stations")["id"].iloc[2]
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", tmp_path / "s.geojson")
    message = str(err.value)
    assert "'serial'" in message and repr(fid) in message and "2^63" in message and ".gpkg" in message
    assert "Failed to read GeoJSON" not in message and "要素" in error_text(err.value, "zh")
    assert not (tmp_path / "s.geojson").exists()
    export_layer(m, "stations", tmp_path / "s.gpkg")  # as text there
    # integers GDAL reads (as numbers beyond int64 it takes for floats) are written as they are
    export_layer(_stations_with(dataset_copy, {2: {"serial": 2**64}}), "stations", tmp_path / "t.geojson")
    props = json.loads((tmp_path / "t.geojson").read_text(encoding="utf-8"))["features"][2]["properties"]
    assert props["serial"] == 2**64


def test_overwriting_a_shapefile_drops_its_stale_spatial_index(tmp_path, model):
    out = tmp_path / "x.shp"
    pyogrio.write_dataframe(model.layer("stations")[["id", "geometry"]], out, layer_options={"SPATIAL_INDEX": "YES"})
    assert (tmp_path / "x.qix").exists()
    export_layer(model, "planned", out)
    assert not (tmp_path / "x.qix").exists()
    for fid, geom in zip(model.layer("planned")["id"], model.layer("planned").geometry):
        assert fid in set(gpd.read_file(out, bbox=tuple(geom.bounds))["id"])


def test_writing_into_a_geopackage_keeps_what_its_wal_holds_and_drops_the_wal(tmp_path, model):
    import sqlite3

    out = tmp_path / "x.gpkg"
    export_layer(model, "stations", out)
    other = sqlite3.connect(out)  # stays open, as QGIS would
    other.execute("pragma journal_mode=wal")
    other.execute("create table edits(a)")
    other.execute("insert into edits values (7)")
    other.commit()
    assert (tmp_path / "x.gpkg-wal").exists()
    try:
        export_layer(model, "routes", out)
        assert not (tmp_path / "x.gpkg-wal").exists()
        assert gpd.read_file(out, layer="routes")["id"].tolist() == model.layer("routes")["id"].tolist()
        with contextlib.closing(sqlite3.connect(out)) as back:  # the edits committed to the WAL only: kept
            assert back.execute("select a from edits").fetchall() == [(7,)]
    finally:
        other.close()


def test_a_layer_exported_into_an_existing_geopackage_keeps_its_other_layers(tmp_path, model):
    # a GeoPackage holds many layers (QGIS projects keep theirs in one): exporting a layer into one replaced the
    # whole file, so every layer exported before was lost without a word
    import pyogrio

    out = tmp_path / "beijing.gpkg"
    export_layer(model, "stations", out)
    stations = gpd.read_file(out, layer="stations")
    result = export_layer(model, "routes", out)
    assert sorted(pyogrio.list_layers(out)[:, 0]) == ["routes", "stations"]
    assert result.kept == ["stations"]
    assert f"{out} keeps its other layers: stations" in result.text()
    back = gpd.read_file(out, layer="stations")
    assert back.equals(stations)
    assert gpd.read_file(out, layer="routes")["id"].tolist() == model.layer("routes")["id"].tolist()
    result = export_layer(model, "stations", out, crs="EPSG:3857")  # the same layer again: that one is replaced
    assert sorted(pyogrio.list_layers(out)[:, 0]) == ["routes", "stations"] and result.kept == ["routes"]
    assert gpd.read_file(out, layer="stations").crs == "EPSG:3857"
    assert len(gpd.read_file(out, layer="stations")) == len(stations)


def test_a_geopackage_export_that_fails_leaves_the_existing_file_and_its_layers_as_they_were(
    tmp_path, model, monkeypatch
):
    import avzone.export

    out = tmp_path / "beijing.gpkg"
    export_layer(model, "stations", out)
    before = out.read_bytes()

    def verify(*args, **kwargs):
        raise InputError("read back wrong")

    monkeypatch.setattr(avzone.export, "_verify", verify)
    with pytest.raises(InputError, match="read back wrong"):
        export_layer(model, "routes", out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["beijing.gpkg"]


def test_a_gpkg_target_that_is_not_a_geopackage_is_replaced(tmp_path, model):
    out = tmp_path / "x.gpkg"
    out.write_text("not a database")
    result = export_layer(model, "stations", out)
    assert result.kept == [] and "keeps its other layers" not in result.text()
    assert len(gpd.read_file(out)) == len(model.layer("stations"))


@pytest.mark.parametrize("ext", [".geojson", ".gpkg", ".shp", ".parquet"])
@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
def test_gcj02_and_bd09_files_do_not_claim_wgs84(tmp_path, model, ext, crs):
    out = tmp_path / f"core-{crs}{ext}"
    res = export_layer(model, "core", out, crs=crs)
    declared = _read(out).crs
    assert declared is not None and declared.to_epsg() is None
    assert not declared.equals(pyproj.CRS("EPSG:4326"), ignore_axis_order=True)
    assert {"gcj02": "GCJ-02", "bd09": "BD-09"}[crs] in declared.name
    assert normalize_crs(declared) == crs  # avzone reads its own declaration back as the shifted CRS
    assert "not WGS84" in res.text() and "EPSG:4326" not in res.text()
    with pytest.raises(InputError, match="KML coordinates are WGS84 by definition"):
        export_layer(model, "core", tmp_path / f"core-{crs}.kml", crs=crs)
    assert not (tmp_path / f"core-{crs}.kml").exists()


def test_a_crs_the_format_cannot_declare_is_refused(tmp_path, model):
    crs = "+proj=longlat +ellps=krass +towgs84=15.8,-154.4,-82.3 +no_defs"
    with pytest.raises(InputError, match=r"\.prj") as err:
        export_layer(model, "core", tmp_path / "core.shp", crs=crs)
    assert ".gpkg" in str(err.value)
    assert list(tmp_path.iterdir()) == []
    export_layer(model, "core", tmp_path / "core.gpkg", crs=crs)  # GeoPackage keeps the WKT whole
    back = _read(tmp_path / "core.gpkg").to_crs("EPSG:4326")
    assert shapely.hausdorff_distance(back.geometry.iloc[0], model.layer("core").geometry.iloc[0]) < 1e-7


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_zone_exports_carry_their_period_in_force_as_dates(tmp_path, model, ext):
    for layer in model.zone_layers:
        out = tmp_path / f"{layer}{ext}"
        res = export_layer(model, layer, out)
        assert res.added[:2] == ["valid_from", "valid_to"]
        info = model.layer_info(layer)
        back = _read(out)
        for name in ("valid_from", "valid_to"):
            want = info.get(name)
            got = back[name].iloc[0]
            if want is None:
                assert pd_isna(got), (layer, name, got)
            else:
                got = got if isinstance(got, str) else got.strftime("%Y-%m-%d")
                assert got == want, (layer, name)
        if ext in (".gpkg", ".shp"):
            types = _field_types(out)
            assert types["valid_from"] == types["valid_to"] == types["as_of"] == "OFTDate", types
        if ext == ".parquet":
            import pyarrow.parquet as pq

            schema = pq.read_schema(out)
            assert str(schema.field("valid_from").type) == str(schema.field("as_of").type) == "date32[day]"
    stations = export_layer(model, "stations", tmp_path / f"stations{ext}")
    assert stations.added == [] or stations.added == ["Name"]  # hubs have no period in force


def test_geojson_output_is_strict_json(tmp_path, dataset_copy):
    doc = dataset_copy.read("stations.geojson")
    text = json.dumps(doc, ensure_ascii=False).replace('"accuracy_m": 300', '"accuracy_m": NaN', 1)
    (dataset_copy.folder / "stations.geojson").write_text(text, encoding="utf-8")
    res = export_layer(dataset_copy.load(), "stations", tmp_path / "s.geojson")

    def refuse(word):
        raise ValueError(word)

    out = json.loads((tmp_path / "s.geojson").read_text(encoding="utf-8"), parse_constant=refuse)
    assert out["features"][0]["properties"]["accuracy_m"] is None
    assert res.nulled == {"accuracy_m": 1} and "accuracy_m (1 feature(s))" in res.text()


def test_a_shapefile_failing_while_put_in_place_leaves_the_old_one_whole(tmp_path, model, monkeypatch):
    out = tmp_path / "core.shp"
    export_layer(model, "current", out)
    before = _files(tmp_path)
    real_replace = os.replace

    def failing(src, dst, *a, **k):
        if str(dst).endswith(".dbf") and "avzone-tmp" not in str(dst):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(InputError, match="No space left"):
        export_layer(model, "core", out)
    monkeypatch.setattr(os, "replace", real_replace)
    assert _files(tmp_path) == before


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_a_failing_export_leaves_no_file_and_the_old_target_untouched(tmp_path, model, monkeypatch, ext):
    """A failure while writing (here after the writer has written its files) leaves nothing new behind."""
    out = tmp_path / f"core{ext}"
    export_layer(model, "current", out)
    before = _files(tmp_path)
    import geopandas.geodataframe

    real_write, real_parquet = pyogrio.write_dataframe, geopandas.geodataframe.GeoDataFrame.to_parquet

    def broken(*args, **kwargs):
        if ext == ".parquet":
            real_parquet(*args, **kwargs)
        else:
            real_write(*args, **kwargs)
        target = str(args[1])
        if ext == ".gpkg":
            open(target + "-journal", "wb").close()  # as SQLite leaves one when stopped mid-transaction
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pyogrio, "write_dataframe", broken)
    monkeypatch.setattr(geopandas.geodataframe.GeoDataFrame, "to_parquet", broken)
    if ext == ".geojson":
        monkeypatch.setattr(json, "dumps", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left")))
    with pytest.raises(InputError, match="No space left"):
        export_layer(model, "core", out)
    monkeypatch.undo()
    assert _files(tmp_path) == before
    res = run_cli("export", "--layer", "nope", "-o", str(out))
    assert res.returncode == 2 and _files(tmp_path) == before


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_geodesic_areas_of_the_exported_polygons_are_avzone_areas(tmp_path, model, ext):
    """Read back, converted to WGS84, each zone's union measures what ``avzone area`` says."""
    geod = pyproj.Geod(ellps="WGS84")
    back_to_wgs84 = {None: None, "gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84, "EPSG:32650": "EPSG:32650"}
    for crs, inverse in back_to_wgs84.items():
        if ext == ".kml" and crs is not None:
            continue  # KML holds WGS84 only
        for layer in model.zone_layers:
            out = tmp_path / f"{layer}-{crs}{ext}".replace(":", "")
            export_layer(model, layer, out, crs=crs)
            back = _read(out)
            if isinstance(inverse, str):
                geoms = list(back.set_crs(inverse, allow_override=True).to_crs("EPSG:4326").geometry)
            elif inverse is not None:
                geoms = [_convert(g, inverse) for g in back.geometry]
            else:
                geoms = list(back.geometry)
            area = abs(geod.geometry_area_perimeter(shapely.union_all(geoms))[0]) / 1e6
            tol = 1e-5 if crs == "bd09" else 1e-7  # the BD-09 inverse is iterated to ~1e-8 degrees
            assert area == pytest.approx(model.area_km2(layer), rel=tol), (layer, crs)


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_every_layer_reads_back_whole(tmp_path, model, ext):
    """Every layer, every feature, every property: the same values (lists as JSON text where documented)."""
    for layer in model.layers:
        out = tmp_path / f"{layer}{ext}"
        if ext == ".shp" and layer == "airports":
            with pytest.raises(InputError, match="one geometry kind"):
                export_layer(model, layer, out)
            continue
        res = export_layer(model, layer, out)
        back = _read(out)
        ref = model.layer(layer)
        assert len(back) == len(ref) == res.features
        assert back.crs is not None and back.crs.to_epsg() == 4326
        _same_geometries(back.geometry, ref.geometry, atol=1e-12 if ext == ".kml" else 0.0)
        props = [f["properties"] for f in model.raw_features(layer)]
        for name in ref.columns.drop(ref.geometry.name):
            col = res.renamed.get(name, name)
            for i, got in enumerate(back[col]):
                want = props[i].get(name)
                if want is None:  # a property the feature does not have: null, not 'None' or 'NaT'
                    assert pd_isna(got), (layer, name, i, got)
                elif isinstance(want, list):
                    text = json.dumps(want, ensure_ascii=False)
                    if name in res.truncated and len(text.encode()) > SHAPEFILE_TEXT_BYTES:
                        assert got == shapefile_text(text)
                        continue
                    assert (json.loads(got) if isinstance(got, str) else list(got)) == want, (layer, name, i)
                elif isinstance(want, str):
                    if isinstance(got, dt.date | np.datetime64) or hasattr(got, "strftime"):
                        got = got.strftime("%Y-%m-%d")
                    if name in res.truncated and len(want.encode()) > SHAPEFILE_TEXT_BYTES:
                        assert got == shapefile_text(want) and len(got.encode()) <= SHAPEFILE_TEXT_BYTES
                    else:
                        assert got == want, (layer, name, i)
                else:
                    assert got == want and type(got) is not str, (layer, name, i)


@pytest.mark.parametrize(("crs", "noted"), [("EPSG:2436", True), ("EPSG:4548", False)])
def test_export_to_a_crs_without_its_datum_shift_is_noted(tmp_path, model, crs, noted):
    # Beijing 1954 (EPSG:2436) coordinates written as WGS 84 ones relabelled: tens of metres from data made in it
    result = export_layer(model, "current", tmp_path / "current.gpkg", crs=crs)
    note = (
        "note: PROJ knows no datum shift between Beijing 1954 and WGS 84 in Beijing: EPSG:2436 coordinates are "
        "converted as if the two were one datum"
    )
    assert any(line.startswith(note) for line in result.text().splitlines()) is noted
    assert (
        any(line.startswith("注意：PROJ 不知道北京地区 Beijing 1954") for line in result.text("zh").splitlines())
        is noted
    )


@pytest.mark.parametrize("name", ["CORE.SHP", "core.shp"])
def test_a_shapefile_named_in_capitals_is_written_whole(tmp_path, model, name):
    # GDAL names a Shapefile and its side files .shp/.shx/... whatever the case asked: the export failed
    # ("No such file or directory") and left the temporary .shp behind
    out = tmp_path / name
    res = run_cli("export", "--layer", "core", "-o", str(out))
    assert res.returncode == 0, res.stderr
    stem, ext = out.stem, out.suffix
    sides = [".shx", ".dbf", ".prj", ".cpg"]
    sides = [s.upper() for s in sides] if ext.isupper() else sides
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name] + [stem + s for s in sides])
    back = _read(out)
    _same_geometries(back.geometry, model.layer("core").geometry, atol=0.0)
    assert back.crs.to_epsg() == 4326 and back["name_zh"].tolist() == model.layer("core")["name_zh"].tolist()


def test_a_capitals_shapefile_overwrites_the_old_side_files_in_the_other_case(tmp_path, model):
    # GDAL reads X.shx / X.dbf / X.prj / X.cpg before X.SHX ...: old ones in lower case would be read with the new X.SHP
    export_layer(model, "current", tmp_path / "x.shp")
    for p in list(tmp_path.iterdir()):
        p.rename(tmp_path / ("X" + (p.suffix if p.suffix != ".shp" else ".SHP")))
    export_layer(model, "core", tmp_path / "X.SHP")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.CPG", "X.DBF", "X.PRJ", "X.SHP", "X.SHX"]
    assert _read(tmp_path / "X.SHP")["id"].tolist() == model.layer("core")["id"].tolist()
    export_layer(model, "current", tmp_path / "X.shp")  # another Shapefile, X.shp: X.SHP's side files are its own
    assert sorted(p.name for p in tmp_path.iterdir())[:5] == ["X.CPG", "X.DBF", "X.PRJ", "X.SHP", "X.SHX"]


def test_a_shapefile_extension_in_mixed_case_is_refused(tmp_path):
    # GDAL (QGIS, geopandas) opens X.shp or X.SHP only: a core.Shp would be a file no GIS tool opens
    res = run_cli("export", "--layer", "core", "-o", str(tmp_path / "core.Shp"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "core.Shp: GDAL opens a Shapefile named .shp or .SHP only" in res.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("crs", [None, "EPSG:32650", "gcj02"])
def test_geojson_polygons_follow_the_right_hand_rule(tmp_path, dataset_copy, crs):
    # RFC 7946: exterior rings counterclockwise, holes clockwise. A dataset wound the other way (as many tools
    # write it) was exported as it was: d3 and other spherical renderers then fill the whole globe but the zone
    doc = dataset_copy.read("core.geojson")
    geom = shapely.geometry.shape(doc["features"][0]["geometry"])
    poly = geom if geom.geom_type == "Polygon" else geom.geoms[0]
    hole = shapely.geometry.polygon.orient(poly.centroid.buffer(0.005), 1.0)  # counterclockwise: wrong for a hole
    assert hole.exterior.is_ccw
    wrong = shapely.geometry.MultiPolygon(
        [shapely.geometry.Polygon(poly.exterior.coords[::-1], [hole.exterior.coords])]
    )
    doc["features"][0]["geometry"] = shapely.geometry.mapping(wrong)
    (dataset_copy.folder / "core.geojson").write_text(json.dumps(doc), encoding="utf-8")
    m = dataset_copy.load()
    out = tmp_path / "core.geojson"
    export_layer(m, "core", out, crs=crs)
    written = shapely.geometry.shape(json.loads(out.read_text(encoding="utf-8"))["features"][0]["geometry"])
    (part,) = written.geoms
    assert part.exterior.is_ccw and not part.interiors[0].is_ccw
    assert written.geom_type == "MultiPolygon" and len(part.interiors) == 1
    back = _read(out).to_crs("EPSG:4326") if crs != "gcj02" else None
    if back is not None:  # the same area as the dataset's
        assert abs(back.geometry.iloc[0].area - wrong.area) < 1e-9 * wrong.area


@pytest.mark.parametrize("name", ["core.geojson", "planned.geojson", "dataset.json"])
def test_an_export_over_a_file_of_its_own_dataset_is_refused(tmp_path, dataset_copy, name):
    # export --data D --layer core --crs gcj02 -o D/core.geojson replaced the dataset's layer with shifted
    # coordinates (and the manifest's period as properties): the dataset then answered every question wrongly
    target = dataset_copy.folder / name
    before = target.read_bytes()
    res = run_cli("export", "--data", str(dataset_copy.folder), "--layer", "core", "--crs", "gcj02", "-o", str(target))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{target}: the output is the input file {target} and would destroy it" in res.stderr
    assert target.read_bytes() == before
    link = tmp_path / "link.geojson"
    link.hardlink_to(dataset_copy.folder / "core.geojson")
    with pytest.raises(InputError, match=r"the output is the input file .* \(a hard or symbolic link of it\)"):
        export_layer(dataset_copy.load(), "core", link)
    assert link.read_bytes() == (dataset_copy.folder / "core.geojson").read_bytes()  # not replaced


def test_an_sqlite_file_that_is_not_a_geopackage_is_refused_not_replaced(tmp_path, model):
    import sqlite3

    out = tmp_path / "notes.gpkg"
    with contextlib.closing(sqlite3.connect(out)) as db:
        db.execute("create table notes(a)")
        db.commit()
    before = out.read_bytes()
    with pytest.raises(InputError) as err:
        export_layer(model, "stations", out)
    assert str(err.value) == (
        f"{out}: cannot read the GeoPackage to write the layer into it (no such table: gpkg_contents); "
        "its other layers would be lost: repair it, or remove it or write another file"
    )
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["notes.gpkg"]


@pytest.mark.parametrize("ext", [".gpkg", ".shp"])
def test_integers_beyond_float_precision_are_written_and_read_back_exactly(tmp_path, dataset_copy, ext):
    # 2**53 + 1 has no float of its own: read back (a field with nulls, which pandas would make float64), it is
    # compared as the integer it is, not refused
    import pyogrio

    values = [2**53 + 1, -(2**53 + 1), 99_999_999_999_999_999]  # (a Shapefile reads 18 characters as an integer)
    m = _stations_with(dataset_copy, dict(enumerate({"big": v} for v in values)))
    out = tmp_path / f"s{ext}"
    export_layer(m, "stations", out)
    back = pyogrio.read_arrow(out, read_geometry=False, columns=["big"])[1].column("big").to_pylist()
    assert back[:3] == values and set(back[3:]) == {None}


def test_a_shapefile_integer_its_readers_take_for_a_float_is_still_refused(tmp_path, dataset_copy):
    # 19 digits: GDAL reads the field as Real, and 2**62 + 3 as 2**62
    m = _stations_with(dataset_copy, {0: {"big": 2**62 + 3}})
    with pytest.raises(InputError, match=r"value 4611686018427387907 of property 'big'"):
        export_layer(m, "stations", tmp_path / "s.shp")
    assert not (tmp_path / "s.shp").exists()
    export_layer(m, "stations", tmp_path / "s.gpkg")  # the GeoPackage holds it


@pytest.mark.parametrize("crs", ["EPSG:32650", "gcj02", None])
def test_a_feature_bbox_is_the_bbox_of_the_exported_geometry(tmp_path, dataset_copy, crs):
    # a bbox member left in WGS84 degrees beside UTM metres (or GCJ-02) would put the feature elsewhere for readers
    # that use it (turf, web maps fitting their view)
    doc = dataset_copy.read("current.geojson")
    for feat in doc["features"]:
        feat["bbox"] = list(shapely.geometry.shape(feat["geometry"]).bounds)
    dataset_copy.write("current.geojson", doc)
    out = tmp_path / "current.geojson"
    export_layer(dataset_copy.load(), "current", out, crs=crs)
    for feat in json.loads(out.read_text(encoding="utf-8"))["features"]:
        assert feat["bbox"] == list(shapely.geometry.shape(feat["geometry"]).bounds)


@pytest.mark.parametrize("crs", [None, "EPSG:32650", "gcj02"])
@pytest.mark.parametrize("ext", [e for e in EXTENSIONS if e != ".kml"])
def test_heights_of_the_positions_are_kept_in_every_format_and_crs(tmp_path, dataset_copy, ext, crs):
    # a layer drawn with heights: a GeoJSON export, or one to another CRS, dropped them where the others kept them
    doc = dataset_copy.read("current.geojson")
    rings = doc["features"][0]["geometry"]["coordinates"]
    doc["features"][0]["geometry"]["coordinates"] = [[[*p[:2], 50.0 + i] for i, p in enumerate(r)] for r in rings]
    dataset_copy.write("current.geojson", doc)
    m = dataset_copy.load()
    out = tmp_path / f"current{ext}"
    export_layer(m, "current", out, crs=crs)
    got = _read(out).geometry.iloc[0]
    assert got.has_z
    want = m.layer("current").geometry.iloc[0]
    assert sorted(shapely.get_coordinates(got, include_z=True)[:, 2]) == sorted(
        shapely.get_coordinates(want, include_z=True)[:, 2]
    )
    if crs is not None:
        _same_geometries([got], [_convert(want, lambda x, y: from_wgs84(x, y, crs))], atol=1e-6)

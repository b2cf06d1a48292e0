"""`avzone export`: every format reads back with geopandas, same geometries and properties, in any CRS."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from common import run_cli

from avzone.crs import from_wgs84, wgs84_to_bd09, wgs84_to_gcj02
from avzone.export import EXPORT_FORMATS, SHAPEFILE_TEXT_BYTES, export_layer, shapefile_names

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
                    assert json.dumps(want, ensure_ascii=False).encode().startswith(got.encode())
                    continue  # cut short by the format, and reported (test_shapefile_reports_what_it_changes)
                got = json.loads(got) if ext in LIST_AS_TEXT else list(got)
                assert got == want, name
            elif isinstance(want, str):
                if hasattr(got, "strftime"):  # the GeoJSON reader (GDAL) turns ISO dates into timestamps
                    got = got.strftime("%Y-%m-%d")
                if ext == ".shp" and len(want.encode()) > SHAPEFILE_TEXT_BYTES:
                    assert want.encode().startswith(got.encode())
                else:
                    assert got == want, name
            else:
                assert str(got) == str(want) if ext == ".kml" else got == want, name


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_gcj02_export_matches_wgs84_to_gcj02(tmp_path, model, ext):
    out = tmp_path / f"current-gcj02{ext}"
    res = run_cli("export", "--layer", "current", "--crs", "gcj02", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "gcj02" in res.stdout and "declares EPSG:4326" in res.stdout
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
        (["--layer", "nope"], "no layer 'nope'"),
        (["--layer", "current", "--ext", ".txt"], "cannot tell the export format from the extension '.txt'"),
        (["--layer", "airports", "--ext", ".shp"], "a Shapefile holds one geometry kind"),
        (["--layer", "current", "--ext", ".kml", "--crs", "EPSG:32650"], "KML holds longitude/latitude only"),
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

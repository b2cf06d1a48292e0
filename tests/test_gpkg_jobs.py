"""GeoPackage (.gpkg) and Shapefile (.shp) inputs, and GeoPackage outputs, of the file jobs (avzone locate, events).

Their answers are compared with the CSV job's for the same points: the same statuses and ``in_*`` columns.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sqlite3
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pyproj
import pytest
import shapely
from common import AIRPORT_PEK, SUB_CENTER, TIANANMEN, YIZHUANG_CORE, run_cli, sample_points

import avzone.batch
from avzone.batch import declare_gpkg_geometry_type, geoparquet_geometry_type, locate_file, open_source, wkb_kinds
from avzone.crs import from_wgs84
from avzone.errors import InputError

NAMES = ["名称", "编号"]  # Chinese column names, kept as they are


def _points(model, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = sample_points(model, n, seed=7)
    named = np.array([TIANANMEN, YIZHUANG_CORE, SUB_CENTER, AIRPORT_PEK])
    return np.concatenate([named[:, 0], lon]), np.concatenate([named[:, 1], lat])


def _attributes(n: int) -> dict[str, list]:
    return {NAMES[0]: [f"点{i}" for i in range(n)], NAMES[1]: list(range(n))}


def _located_csv(tmp_path: Path, x: np.ndarray, y: np.ndarray, *options: str) -> pd.DataFrame:
    """The CSV job's answers for the points ``x``, ``y`` (columns named x and y, read with ``options``)."""
    src, dst = tmp_path / "same.csv", tmp_path / "same_out.csv"
    frame = pd.DataFrame(_attributes(len(x)) | {"x": x, "y": y})
    frame.to_csv(src, index=False)
    done = run_cli("locate", "--input", str(src), "--output", str(dst), "--lon-col", "x", "--lat-col", "y", *options)
    assert done.returncode == 0, done.stderr
    return pd.read_csv(dst, keep_default_na=False, dtype=str)


def _results(frame: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in frame.columns if c.startswith("in_")] + ["status"]
    return frame[cols].astype(object).map(_cell).reset_index(drop=True)


def _read(path: Path) -> gpd.GeoDataFrame:
    """A GeoPackage output, its boolean fields with nulls as booleans and None (pyogrio's Arrow reading), after
    checking that the result columns are boolean fields."""
    info = pyogrio.read_info(path)
    subtypes = dict(zip(info["fields"], info["ogr_subtypes"]))
    assert {subtypes[name] for name in subtypes if name.startswith("in_")} == {"OFSTBoolean"}
    return pyogrio.read_dataframe(path, use_arrow=True)


def _cell(value: object) -> str:
    """A cell as the CSV job writes it: true/false, empty for none."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    return str(value)


def test_gpkg_locate_answers_as_the_csv_job(model, tmp_path):
    lon, lat = _points(model)
    src, dst = tmp_path / "p.gpkg", tmp_path / "o.gpkg"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_file(src)
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    out = _read(dst)
    expected = _located_csv(tmp_path, lon, lat)
    assert list(out.columns[:2]) == NAMES and list(out[NAMES[0]]) == list(expected[NAMES[0]])
    assert list(out[NAMES[1]]) == list(range(len(lon)))
    pd.testing.assert_frame_equal(_results(out), _results(expected))
    assert set(expected["status"]) == {"ok"} and (expected["in_core"] == "true").any()
    assert pyproj.CRS(pyogrio.read_info(dst)["crs"]) == pyproj.CRS(4326)
    assert shapely.equals(out.geometry.values, gpd.points_from_xy(lon, lat)).all()


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_gcj02_layer_without_crs(model, tmp_path):
    from avzone.crs import from_wgs84

    lon, lat = _points(model)
    glon, glat = from_wgs84(lon, lat, "gcj02")
    src, dst = tmp_path / "gcj.gpkg", tmp_path / "o.gpkg"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(glon, glat)).to_file(src)  # no CRS
    refused = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert refused.returncode != 0 and not dst.exists()
    assert f"{src}: the layer declares no CRS for its geometry column 'geom'; give the one" in refused.stderr
    assert "with --crs" in refused.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert f"{src}：该图层没有声明几何列 'geom' 的坐标系；请用 --crs 给出" in zh.stderr

    done = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02")
    assert done.returncode == 0, done.stderr
    out = _read(dst)
    expected = _located_csv(tmp_path, glon, glat, "--crs", "gcj02")
    pd.testing.assert_frame_equal(_results(out), _results(expected))
    assert "GCJ-02" in pyogrio.read_info(dst)["crs"]  # the output declares the CRS its geometries are in
    assert np.allclose(shapely.get_x(out.geometry.values), glon) and np.allclose(
        shapely.get_y(out.geometry.values), glat
    )


def test_layer_in_web_mercator(model, tmp_path):
    lon, lat = _points(model)
    src, dst = tmp_path / "m.gpkg", tmp_path / "o.gpkg"
    frame = gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_crs(3857)
    frame.to_file(src)
    x, y = shapely.get_x(frame.geometry.values), shapely.get_y(frame.geometry.values)
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    out = _read(dst)
    pd.testing.assert_frame_equal(_results(out), _results(_located_csv(tmp_path, x, y, "--crs", "EPSG:3857")))
    assert pyproj.CRS(pyogrio.read_info(dst)["crs"]) == pyproj.CRS(3857)
    assert np.array_equal(shapely.get_x(out.geometry.values), x)  # kept in the layer's CRS, as given

    # a --crs that contradicts the layer's: refused as for GeoParquet, unless --override-crs
    refused = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "r.gpkg"), "--crs", "EPSG:4326")
    assert refused.returncode != 0 and "--override-crs" in refused.stderr and str(src) in refused.stderr
    assert not (tmp_path / "r.gpkg").exists()


def test_non_point_rows_keep_their_place_with_a_status(model, tmp_path):
    geoms = [
        shapely.Point(YIZHUANG_CORE),
        shapely.LineString([YIZHUANG_CORE, SUB_CENTER]),
        shapely.Point(YIZHUANG_CORE).buffer(0.01),
        shapely.Point(),
        None,
        shapely.MultiPoint([YIZHUANG_CORE]),
        shapely.Point(TIANANMEN),
    ]
    src, dst = tmp_path / "mixed.gpkg", tmp_path / "o.gpkg"
    frame = gpd.GeoDataFrame(_attributes(len(geoms)), geometry=geoms, crs=4326)
    frame.to_file(src)
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    out = _read(dst)
    assert list(out[NAMES[1]]) == list(range(len(geoms)))
    # the same geometries as GeoJSON: the same statuses
    frame.to_file(tmp_path / "mixed.geojson")
    same = run_cli("locate", "--input", str(tmp_path / "mixed.geojson"), "--output", str(tmp_path / "g.csv"))
    assert same.returncode == 0, same.stderr
    expected = pd.read_csv(tmp_path / "g.csv", keep_default_na=False, dtype=str)
    pd.testing.assert_frame_equal(_results(out), _results(expected))
    assert list(out["status"][:2]) == ["ok", "geometry is not a Point"]
    for kept, given in zip(out.geometry.values, geoms):  # every geometry kept as it was
        if given is None:
            assert kept is None
        else:
            assert shapely.equals_exact(kept, given) or (kept.is_empty and given.is_empty)


def test_several_layers_refused_naming_them(model, tmp_path):
    src, dst = tmp_path / "two.gpkg", tmp_path / "o.gpkg"
    pts = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(YIZHUANG_CORE)], crs=4326)
    pts.to_file(src, layer="站点")
    gpd.GeoDataFrame({"n": [2]}, geometry=[shapely.Point(TIANANMEN)], crs=4326).to_file(src, layer="roads")
    refused = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert refused.returncode != 0 and not dst.exists()
    assert (
        f"{src}: the file has 2 layers (" in refused.stderr and "choose the one to read with --layer" in refused.stderr
    )
    assert "站点" in refused.stderr and "roads" in refused.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert f"{src}：文件有 2 个图层（" in zh.stderr and "请用 --layer 选择要读取的图层" in zh.stderr
    unknown = run_cli("locate", "--input", str(src), "--output", str(dst), "--layer", "nope")
    assert f"{src}: no layer 'nope' (its layers: " in unknown.stderr and not dst.exists()

    done = run_cli("locate", "--input", str(src), "--output", str(dst), "--layer", "站点")
    assert done.returncode == 0, done.stderr
    out = _read(dst)
    assert list(out["n"]) == [1] and list(out["status"]) == ["ok"] and list(out["in_core"]) == [True]
    assert pyogrio.list_layers(dst)[:, 0].tolist() == ["站点"]  # the output layer is named as the input's
    # --layer of another format: refused naming it
    csv = tmp_path / "p.csv"
    csv.write_text("lon,lat\n116.5,39.79\n", encoding="utf-8")
    other = run_cli("locate", "--input", str(csv), "--output", str(tmp_path / "o.csv"), "--layer", "x")
    assert f"{csv}: --layer applies to GeoPackage (.gpkg) and Shapefile (.shp) files only" in other.stderr


def _gbk_shapefile(folder: Path, cpg: bool) -> Path:
    src = folder / "gbk.shp"
    lon, lat = zip(YIZHUANG_CORE, TIANANMEN)
    frame = gpd.GeoDataFrame({"名称": ["北京亦庄", "天安门"]}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    frame.to_file(src, encoding="gbk")
    assert (folder / "gbk.dbf").read_bytes().find("亦庄".encode("gbk")) > 0  # the text is GBK in the .dbf
    if not cpg:
        (folder / "gbk.cpg").unlink()
    return src


def test_shapefile_gbk_with_cpg(model, tmp_path):
    src = _gbk_shapefile(tmp_path, cpg=True)
    dst = tmp_path / "o.csv"
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(dst, keep_default_na=False, dtype=str)
    assert list(out["名称"]) == ["北京亦庄", "天安门"] and "note:" not in done.stderr
    lon, lat = zip(YIZHUANG_CORE, TIANANMEN)
    expected = _located_csv(tmp_path, np.array(lon), np.array(lat))
    pd.testing.assert_frame_equal(_results(out), _results(expected))


def test_shapefile_gbk_without_cpg(model, tmp_path):
    src = _gbk_shapefile(tmp_path, cpg=False)
    dst = tmp_path / "o.csv"
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(dst, keep_default_na=False, dtype=str)
    latin = "名称".encode("gbk").decode("latin-1")
    assert list(out.columns[:1]) == [latin]  # GDAL's default, ISO-8859-1: every byte kept, and said so
    assert f"note: {src}: no .cpg file names its text encoding: read in GDAL's default, ISO-8859-1" in done.stderr
    assert "(in GBK: '名称')" in done.stderr and "--encoding gbk" in done.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert "没有 .cpg 文件说明其文本编码" in zh.stderr and "（按 GBK 读作 '名称'）" in zh.stderr

    given = run_cli("locate", "--input", str(src), "--output", str(dst), "--encoding", "gbk")
    assert given.returncode == 0, given.stderr
    out = pd.read_csv(dst, keep_default_na=False, dtype=str)
    assert list(out["名称"]) == ["北京亦庄", "天安门"] and list(out["status"]) == ["ok", "ok"]
    assert "note:" not in given.stderr


def test_shapefile_gbk_text_after_the_first_chunk_is_noted_whatever_the_chunks(model, tmp_path):
    """The note on a Shapefile read in GDAL's default encoding was judged from its first chunk: with chunks of 2
    features, text in GBK from the fifth on was read with no note. The first 100,000 rows judge it, in every job."""
    src = tmp_path / "late.shp"
    names = ["a", "b", "c", "d", "北京亦庄", "天安门"]
    lon, lat = (np.full(len(names), c) for c in YIZHUANG_CORE)
    frame = gpd.GeoDataFrame({"name": names}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    frame.to_file(src, encoding="gbk")
    (tmp_path / "late.cpg").unlink()
    latin = "北京亦庄".encode("gbk").decode("latin-1")
    texts = [locate_file(model, src, tmp_path / f"o{n}.csv", chunk_rows=n).text("en") for n in (1_000_000, 2)]
    notes = [[line for line in t.splitlines() if line.startswith("note:")] for t in texts]
    assert notes[1] == notes[0] and len(notes[0]) == 1
    assert f"read in GDAL's default, ISO-8859-1, which gives {latin!r} (in GBK: '北京亦庄')" in notes[1][0]


def test_shapefile_output_refused_with_a_hint(model, tmp_path):
    src = tmp_path / "p.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(YIZHUANG_CORE)], crs=4326).to_file(src)
    dst = tmp_path / "o.shp"
    refused = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert refused.returncode != 0 and list(tmp_path.iterdir()) == [src]
    assert f"{dst}: Shapefile output is not written" in refused.stderr and "write a GeoPackage instead: o.gpkg" in (
        refused.stderr
    )
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(dst))
    assert f"{dst}：不写出 Shapefile" in zh.stderr and "请改写为 GeoPackage：o.gpkg" in zh.stderr


def test_gpkg_output_of_a_csv_holds_each_row_at_its_wgs84_point(model, tmp_path):
    """A CSV's rows in a GeoPackage: every row, its cells and the answers, at its WGS84 position (GCJ-02 input
    converted; a row with no usable point has no geometry), as a GeoJSON output's features; a column of the CSV
    named geometry is kept as a field."""
    src, dst = tmp_path / "p.csv", tmp_path / "o.gpkg"
    wgs = [(116.5, 39.79), (116.3, 39.95)]
    glon, glat = from_wgs84(np.array([p[0] for p in wgs]), np.array([p[1] for p in wgs]), "gcj02")
    rows = [f"A,{float(glon[0])!r},{float(glat[0])!r},a", "B,x,39.8,b", f"C,{float(glon[1])!r},{float(glat[1])!r},c"]
    src.write_text("名称,经度,纬度,geometry\n" + "\n".join(rows) + "\n", encoding="utf-8")
    done = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02")
    assert done.returncode == 0, done.stderr
    as_csv = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--crs", "gcj02")
    assert as_csv.returncode == 0, as_csv.stderr
    want = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False)
    info = pyogrio.read_info(dst)
    assert info["crs"] == "EPSG:4326" and info["features"] == 3
    meta, table = pyogrio.read_arrow(dst)  # (read_dataframe would call the geometry "geometry", over the field)
    got = table.to_pydict()
    assert got["名称"] == ["A", "B", "C"] and got["geometry"] == ["a", "b", "c"]  # (the CSV's own column)
    assert got["status"] == want["status"].tolist()
    for z in model.zone_layers:
        assert [None if v is None else str(bool(v)).lower() for v in got[f"in_{z}"]] == [
            v or None for v in want[f"in_{z}"]
        ]
    points = shapely.from_wkb(got[meta["geometry_name"]])
    assert points[1] is None
    for k, (lon, lat) in zip((0, 2), wgs):
        assert abs(points[k].x - lon) < 1e-7 and abs(points[k].y - lat) < 1e-7


def test_fields_named_as_gdal_s_geometry_and_fid_columns_are_kept(model, tmp_path):
    """GDAL names a GeoPackage's geometry column ``geom`` and its feature ids ``fid``: an input's own columns of
    those names were refused ("same name as the geometry field"); they are fields as any other, the geometry column
    keeps its input's name (a layer's ``geom``, a CSV's points ``geometry``) and the ids another name."""
    src, dst = tmp_path / "p.csv", tmp_path / "o.gpkg"
    src.write_text("lon,lat,geom,fid\n116.5,39.79,x,y\n", encoding="utf-8")
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    meta, table = pyogrio.read_arrow(dst)
    got = table.to_pydict()
    assert got["geom"] == ["x"] and got["fid"] == ["y"] and meta["geometry_name"] == "geometry"
    layer, out = tmp_path / "l.gpkg", tmp_path / "l_out.gpkg"
    gpd.GeoDataFrame({"名称": ["A"]}, geometry=[shapely.Point(YIZHUANG_CORE)], crs=4326).to_file(layer)
    assert pyogrio.read_info(layer)["geometry_name"] == "geom"
    done = run_cli("locate", "--input", str(layer), "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert pyogrio.read_info(out)["geometry_name"] == "geom" and pyogrio.read_info(out)["fid_column"] == "fid"


def test_layer_read_in_chunks(model, tmp_path):
    lon, lat = _points(model, 20)
    src = tmp_path / "p.gpkg"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_file(src)
    with open_source(src, chunk_rows=5) as source:
        sizes = [chunk.columns.num_rows for chunk in source.chunks]
        assert source.total == len(lon)
    assert sizes == [5] * (len(lon) // 5) + [len(lon) % 5] and len(lon) % 5


def test_failed_job_leaves_no_output(model, tmp_path, monkeypatch):
    lon, lat = _points(model, 20)
    src, dst = tmp_path / "p.gpkg", tmp_path / "o.gpkg"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_file(src)
    dst.write_bytes(b"the previous output")
    annotate = avzone.batch.annotate
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # two chunks written to the GeoPackage, then an interrupt
            raise KeyboardInterrupt
        return annotate(*args, **kwargs)

    monkeypatch.setattr(avzone.batch, "annotate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        locate_file(model, src, dst, chunk_rows=5)
    assert dst.read_bytes() == b"the previous output"  # the target as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.gpkg", "p.gpkg"]  # no temporary file left


def test_events_of_a_geopackage_as_of_the_csv(model, tmp_path):
    # two vehicles crossing into and out of the Yizhuang core
    rows = [
        ("a", "2024-05-01 08:00:00", *TIANANMEN),
        ("a", "2024-05-01 08:05:00", *YIZHUANG_CORE),
        ("a", "2024-05-01 08:10:00", *SUB_CENTER),
        ("b", "2024-05-01 09:00:00", *YIZHUANG_CORE),
        ("b", "2024-05-01 09:03:00", *TIANANMEN),
    ]
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    frame.to_csv(tmp_path / "fixes.csv", index=False)
    geo = gpd.GeoDataFrame(frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame.lon, frame.lat), crs=4326)
    geo.to_file(tmp_path / "fixes.gpkg")
    for name in ("fixes.csv", "fixes.gpkg"):
        done = run_cli("events", "--input", str(tmp_path / name), "--output", str(tmp_path / f"{name}.events.csv"))
        assert done.returncode == 0, done.stderr
    from_csv = pd.read_csv(tmp_path / "fixes.csv.events.csv", dtype=str, keep_default_na=False)
    from_gpkg = pd.read_csv(tmp_path / "fixes.gpkg.events.csv", dtype=str, keep_default_na=False)
    assert len(from_csv) >= 2
    pd.testing.assert_frame_equal(from_gpkg, from_csv)


def test_geopackage_to_geoparquet_keeps_the_crs(model, tmp_path):
    lon, lat = _points(model, 10)
    src, dst = tmp_path / "m.gpkg", tmp_path / "o.parquet"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_crs(3857).to_file(src)
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    back = gpd.read_parquet(dst)
    assert back.crs == pyproj.CRS(3857) and list(back[NAMES[1]]) == list(range(len(lon)))


def test_read_points_of_a_geopackage(model, tmp_path):
    """The map's --points reader (avzone.batch.read_points) reads a GeoPackage layer through the same reader."""
    from avzone.batch import read_points

    src = tmp_path / "p.gpkg"
    lon, lat = zip(YIZHUANG_CORE, TIANANMEN)
    frame = gpd.GeoDataFrame({"n": [1, 2]}, geometry=gpd.points_from_xy(lon, lat), crs=4326).to_crs(3857)
    frame.to_file(src)
    points = read_points(src)
    assert np.allclose(points["lon"], lon) and np.allclose(points["lat"], lat)
    assert list(points["status"]) == ["ok", "ok"]


def test_an_added_column_named_as_a_field_in_another_case_is_renamed(model, tmp_path):
    """GeoPackage field names are one in any case: a layer's own ``In_Core`` beside the added ``in_core`` would be
    GDAL's refusal; the added column is written ``in_core_2`` and the summary says so, as for the same name."""
    src, dst = tmp_path / "p.gpkg", tmp_path / "o.gpkg"
    gpd.GeoDataFrame({"In_Core": [1]}, geometry=[shapely.Point(YIZHUANG_CORE)], crs=4326).to_file(src)
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    assert "in_core -> in_core_2" in done.stderr + done.stdout
    out = gpd.read_file(dst)
    assert out["In_Core"].tolist() == [1] and out["in_core_2"].tolist() == [True]


def test_gdal_s_refusal_fails_the_job_naming_the_output(model, tmp_path, monkeypatch):
    """GDAL refusing a batch (a field it cannot create, a full disk) is the job's error naming the output, and no
    output (nor its temporary file) is left: the second batch refused, after the first was written."""
    import pyogrio.errors

    src, dst = tmp_path / "p.gpkg", tmp_path / "o.gpkg"
    lon, lat = _points(model, 10)
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs=4326).to_file(src)
    write = pyogrio.write_arrow
    calls = []

    def refusing(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise pyogrio.errors.DataLayerError("Cannot create field x (the disk is full)")
        return write(*args, **kwargs)

    monkeypatch.setattr(pyogrio, "write_arrow", refusing)
    with pytest.raises(InputError) as refused:
        locate_file(model, src, dst, chunk_rows=5)
    assert str(refused.value) == f"{dst}: cannot write the file (Cannot create field x (the disk is full))"
    assert len(calls) == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]


#: The note of the columns a GeoPackage holds as text (avzone.batch.gpkg_text_note), in English and Chinese.
TEXT_NOTE = (
    "note: {file}: columns of a type a GeoPackage cannot hold (SQLite's integers are signed, up to "
    "9223372036854775807, its REAL numbers hold 15 digits exactly, and it has no durations nor structs) are written "
    "as text, every digit kept (durations in ISO 8601, P0DT0H0M5S; structs as JSON): {columns}; to join it to the "
    "input, compare them as text, or write Parquet (.parquet), which keeps their types"
)
TEXT_NOTE_ZH = "{file}：GeoPackage 无法容纳其类型的列（SQLite 的整数有符号，最大 9223372036854775807"


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.slow)])
def test_columns_gdal_cannot_hold_exactly_are_written_as_text(model, tmp_path, engine):
    """A duration (GDAL refused the layer), an unsigned 64-bit integer (GDAL wrote 2^64 - 1 as the float
    1.8446744073709552e19) and a decimal of 22 digits (refused) go to a GeoPackage as text holding them exactly,
    with either engine, and the job says so in a note naming the file and the columns (en, zh); a Parquet output
    keeps their types, and nothing is said."""
    src, dst = tmp_path / "p.parquet", tmp_path / "o.gpkg"
    columns = {
        "lon": [YIZHUANG_CORE[0]],
        "lat": [YIZHUANG_CORE[1]],
        "wait": pa.array([dt.timedelta(seconds=5)]),
        "id": pa.array([2**64 - 1], pa.uint64()),
        "amount": pa.array([decimal.Decimal("12345678901234567890.12")], pa.decimal128(22, 2)),
        "small": pa.array([4_000_000_000], pa.uint32()),
    }
    pq.write_table(pa.table(columns), src)
    done = run_cli("locate", "--engine", engine, "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    got = pyogrio.read_arrow(dst)[1].to_pydict()
    assert got["wait"] == ["P0DT0H0M5S"] and got["id"] == ["18446744073709551615"]
    assert got["amount"] == ["12345678901234567890.12"] and got["small"] == [4_000_000_000]
    named = "'wait' (duration[us]), 'id' (uint64), 'amount' (decimal128(22, 2))"
    assert TEXT_NOTE.format(file=dst, columns=named) in done.stderr.replace("\n", " ")
    dst.unlink()
    zh = run_cli("locate", "--engine", engine, "--input", str(src), "--output", str(dst), "--lang", "zh")
    assert zh.returncode == 0 and TEXT_NOTE_ZH.format(file=dst) in zh.stderr, zh.stderr
    kept = run_cli("locate", "--engine", engine, "--input", str(src), "--output", str(tmp_path / "o.parquet"))
    assert kept.returncode == 0 and "GeoPackage" not in kept.stderr, kept.stderr
    assert pq.read_table(tmp_path / "o.parquet").schema.field("id").type == pa.uint64()  # (dask: a folder)


def test_decimals_structs_times_and_empty_columns_reach_a_geopackage_as_given(model, tmp_path):
    """A decimal of 16 to 19 digits (GDAL wrote it as a REAL: 1234567890123456.78 read back as
    1234567890123456.75), a struct (GDAL split it into fields st.a and st.b, a null struct read back as a struct of
    nulls) and a time of day (cut to the millisecond; as text, every digit of its unit) reach a GeoPackage as text
    holding them exactly, the first two noted; a column of no value (Arrow's null type, as pyarrow types a pandas
    column of None) is a field of empty values (GDAL refused the layer). A decimal of 15 digits, which a REAL
    holds, stays a number."""
    src, dst = tmp_path / "p.parquet", tmp_path / "o.gpkg"
    st = pa.struct([("a", pa.int64()), ("b", pa.string())])
    columns = {
        "lon": [YIZHUANG_CORE[0]] * 3,
        "lat": [YIZHUANG_CORE[1]] * 3,
        "amount": pa.array(
            [decimal.Decimal("1234567890123456.78"), decimal.Decimal("0.10"), None], pa.decimal128(18, 2)
        ),
        "price": pa.array([decimal.Decimal("1234567890123.45"), None, decimal.Decimal("-0.01")], pa.decimal128(15, 2)),
        "st": pa.array([{"a": 1, "b": "x"}, None, {"a": None, "b": None}], st),
        "t": pa.array([dt.time(8, 0, 0, 123456), None, dt.time(23, 59, 59)], pa.time64("us")),
        "none": pa.array([None, None, None], pa.null()),
    }
    pq.write_table(pa.table(columns), src)
    summary = locate_file(model, src, dst)
    got = pyogrio.read_arrow(dst)[1]
    assert got.column_names[:7] == ["lon", "lat", "amount", "price", "st", "t", "none"]
    rows = got.to_pydict()
    assert rows["amount"] == ["1234567890123456.78", "0.10", None]
    assert rows["price"] == [1234567890123.45, None, -0.01]
    assert rows["st"] == ['{"a": 1, "b": "x"}', None, '{"a": null, "b": null}']
    assert rows["t"] == ["08:00:00.123456", None, "23:59:59.000000"] and rows["none"] == [None, None, None]
    named = "'amount' (decimal128(18, 2)), 'st' (struct<a: int64, b: string>)"
    assert TEXT_NOTE.format(file=dst, columns=named) in ["note: " + str(n) for n in summary.notes]


@pytest.mark.parametrize("fid", ["fid", "OBJECTID"])
def test_a_geopackage_inputs_feature_ids_are_kept(model, tmp_path, fid):
    """A GeoPackage layer's feature ids (its FID column, which QGIS shows as the first field), not 1, 2, 3 as after
    a feature was deleted: a GeoPackage output keeps them as its own (they were numbered anew, so that a join on fid
    matched other features), a CSV, Parquet or GeoJSON output as their first column, named as the layer names it;
    read in chunks too."""
    src = tmp_path / "stops.gpkg"
    frame = gpd.GeoDataFrame(
        {fid: [7, 101, 205], "name": ["a", "b", "c"]},
        geometry=[shapely.Point(YIZHUANG_CORE), None, shapely.Point(TIANANMEN)],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, src, layer="stops", layer_options={"FID": fid})
    out = tmp_path / "o.gpkg"
    locate_file(model, src, out, chunk_rows=2)
    with sqlite3.connect(out) as db:
        assert db.execute(f'SELECT "{fid}", name, status FROM stops').fetchall() == [
            (7, "a", "ok"), (101, "b", "no point geometry"), (205, "c", "ok"),
        ]  # fmt: skip
    locate_file(model, src, tmp_path / "o.csv")
    lines = (tmp_path / "o.csv").read_text().splitlines()
    assert lines[0].startswith(f"{fid},name,geom,in_core") and [x.split(",")[0] for x in lines[1:]] == [
        "7",
        "101",
        "205",
    ]
    locate_file(model, src, tmp_path / "o.parquet")
    assert pq.read_table(tmp_path / "o.parquet").column(0).to_pylist() == [7, 101, 205]
    locate_file(model, src, tmp_path / "o.geojson")
    features = json.loads((tmp_path / "o.geojson").read_text())["features"]
    assert [f["properties"][fid] for f in features] == [7, 101, 205]


def test_events_annotated_rows_in_a_geopackage_note_the_columns_held_as_text(model, tmp_path):
    """avzone events --annotate rows.gpkg (the input's columns): a uint64 column is text there, every digit, and
    the job says so as avzone locate does (the one note, gpkg_text_note)."""
    from avzone.fleet import synthetic_fleet

    fixes = synthetic_fleet(model, 2, 10, seed=1)
    table = pa.Table.from_pandas(fixes, preserve_index=False)
    pq.write_table(table.append_column("k", pa.array([2**64 - 1] * len(fixes), pa.uint64())), tmp_path / "f.parquet")
    rows = tmp_path / "rows.gpkg"
    done = run_cli("events", "--input", str(tmp_path / "f.parquet"), "-o", str(tmp_path / "e.parquet"),
                   "--annotate", str(rows))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert TEXT_NOTE.format(file=rows, columns="'k' (uint64)") in done.stderr.replace("\n", " ")
    assert set(pyogrio.read_dataframe(rows, read_geometry=False)["k"]) == {"18446744073709551615"}


@pytest.mark.slow
def test_dask_events_engine_writes_the_geopackages_of_the_local_engine(model, tmp_path):
    """avzone events --engine dask --output events.gpkg --summary summary.gpkg: the files the local engine writes (it
    was refused; tests/test_gpkg_dask.py compares them over many inputs)."""
    pytest.importorskip("distributed")
    src = tmp_path / "p.parquet"
    pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "b", "b"],
            "ts": ["2024-05-01 08:00", "2024-05-01 08:05", "2024-05-01 08:10", "2024-05-01 09:00", "2024-05-01 09:03"],
            "lon": [TIANANMEN[0], YIZHUANG_CORE[0], SUB_CENTER[0], YIZHUANG_CORE[0], TIANANMEN[0]],
            "lat": [TIANANMEN[1], YIZHUANG_CORE[1], SUB_CENTER[1], YIZHUANG_CORE[1], TIANANMEN[1]],
        }
    ).to_parquet(src)
    for engine in ("local", "dask"):
        (tmp_path / engine).mkdir()
        out = [str(tmp_path / engine / name) for name in ("events.gpkg", "summary.gpkg")]
        done = run_cli("events", "--engine", engine, "--input", str(src), "--output", out[0], "--summary", out[1],
                       "--max-gap-s", "3600", "--max-gap-m", "50000")  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert f"events written to {out[0]}" in done.stderr
    for name in ("events.gpkg", "summary.gpkg"):
        local, dask = (tmp_path / engine / name for engine in ("local", "dask"))
        for key in ("layer_name", "crs", "geometry_name", "features"):
            assert pyogrio.read_info(dask)[key] == pyogrio.read_info(local)[key], (name, key)
        assert pyogrio.read_arrow(dask)[1].equals(pyogrio.read_arrow(local)[1]), name
    assert pyogrio.read_info(tmp_path / "dask" / "events.gpkg")["features"] > 0


def test_map_points_of_a_layer_named_by_its_own_option(model, tmp_path):
    """The map's --points read a GeoPackage as the file jobs do; a file of several layers is refused naming
    --points-layer, the option that chooses one there."""
    src, html = tmp_path / "two.gpkg", tmp_path / "m.html"
    pts = gpd.GeoDataFrame({"n": [1, 2]}, geometry=gpd.points_from_xy(*zip(YIZHUANG_CORE, TIANANMEN)), crs=4326)
    pts.to_crs(3857).to_file(src, layer="stops")
    gpd.GeoDataFrame({"n": [3]}, geometry=[shapely.Point(SUB_CENTER)], crs=4326).to_file(src, layer="other")
    refused = run_cli("map", "--points", str(src), "-o", str(html), "--offline")
    assert refused.returncode != 0 and not html.exists()
    assert f"{src}: the file has 2 layers (" in refused.stderr and "with --points-layer" in refused.stderr
    done = run_cli("map", "--points", str(src), "--points-layer", "stops", "-o", str(html), "--offline")
    assert done.returncode == 0, done.stderr
    assert html.exists()
    unused = run_cli("map", "--points-layer", "stops", "-o", str(html), "--offline")
    assert unused.returncode != 0 and "--points-layer" in unused.stderr


def test_override_crs_of_a_layer_labelled_wgs84_that_holds_gcj02(model, tmp_path):
    """A layer that declares EPSG:4326 but holds GCJ-02 coordinates (a map app's, labelled wrong): --crs gcj02 is
    refused as contradicting it, and taken with --override-crs, which the summary notes; as the CSV job answers."""
    from avzone.crs import from_wgs84

    lon, lat = _points(model)
    glon, glat = from_wgs84(lon, lat, "gcj02")
    src, dst = tmp_path / "labelled.gpkg", tmp_path / "o.gpkg"
    gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(glon, glat), crs=4326).to_file(src)
    refused = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02")
    assert refused.returncode != 0 and "--override-crs" in refused.stderr and not dst.exists()
    done = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs")
    assert done.returncode == 0, done.stderr
    assert "note:" in done.stderr and "gcj02" in done.stderr
    expected = _located_csv(tmp_path, glon, glat, "--crs", "gcj02")
    pd.testing.assert_frame_equal(_results(_read(dst)), _results(expected))
    assert "GCJ-02" in pyogrio.read_info(dst)["crs"]  # the output declares the CRS its points were read in


@pytest.mark.parametrize("command", ["locate", "events"])
def test_dask_engine_refuses_layer(tmp_path, command):
    """--layer with --engine dask (which reads Parquet) is refused naming it, before any cluster starts."""
    src = tmp_path / "p.parquet"
    pd.DataFrame({"lon": [YIZHUANG_CORE[0]], "lat": [YIZHUANG_CORE[1]]}).to_parquet(src)
    out = tmp_path / "out"
    refused = run_cli(command, "--engine", "dask", "--input", str(src), "--output", str(out), "--layer", "x")
    assert refused.returncode == 2 and not out.exists()
    assert "--layer is for GeoPackage and Shapefile files; --engine dask reads Parquet" in refused.stderr


def test_geoparquet_rows_to_geopackage_keep_the_declared_geometry_type(tmp_path, model):
    """A GeoParquet input's one listed geometry type (``geo``'s ``geometry_types``) is the GeoPackage layer's
    declared type, 3D points too; several listed (a point and a polygon): any type (``Unknown``). (None listed:
    :func:`test_geoparquet_rows_listing_no_type_to_geopackage_declare_the_type_they_have`.)"""
    lon, lat = _points(model, 6)
    flat = gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    raised = flat.set_geometry(gpd.points_from_xy(lon, lat, np.arange(len(lon), dtype=float)), crs="EPSG:4326")
    mixed = flat.copy()
    mixed.loc[0, "geometry"] = shapely.box(lon[0], lat[0], lon[0] + 0.01, lat[0] + 0.01)
    for name, frame, want in [("flat", flat, "Point"), ("raised", raised, "Point Z"), ("mixed", mixed, "Unknown")]:
        src, dst = tmp_path / f"{name}.parquet", tmp_path / f"{name}.gpkg"
        frame.to_parquet(src)
        done = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert done.returncode == 0, done.stderr
        assert pyogrio.read_info(dst)["geometry_type"] == want, name
        assert len(gpd.read_file(dst)) == len(frame)


def geoparquet_listing_no_type(path: Path, frame: gpd.GeoDataFrame) -> None:
    """Write ``frame`` as GeoParquet (row groups of 2 rows) whose ``geo`` metadata lists no geometry type (``[]``,
    which GeoParquet reads as unknown): the types are known only once every row is read."""
    frame.to_parquet(path)
    table = pq.read_table(path)
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"][frame.geometry.name]["geometry_types"] = []
    table = table.replace_schema_metadata({**table.schema.metadata, b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, row_group_size=2)
    assert geoparquet_geometry_type(pq.read_schema(path), frame.geometry.name) is None


def geoparquet_listing(path: Path, frame: gpd.GeoDataFrame, types: list[str]) -> None:
    """Write ``frame`` as GeoParquet (row groups of 2 rows) whose ``geo`` metadata lists ``types``, whatever its
    rows are (as a Shapefile's Polygon features, some of them MultiPolygons, may be converted)."""
    frame.to_parquet(path)
    table = pq.read_table(path)
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"][frame.geometry.name]["geometry_types"] = types
    table = table.replace_schema_metadata({**table.schema.metadata, b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, row_group_size=2)


def multipolygon_cases(model) -> list[tuple[str, gpd.GeoDataFrame, str]]:
    """GeoDataFrames of MultiPolygons, and of Polygons and MultiPolygons, and the type their layer must declare."""
    lon, lat = _points(model, 1)
    boxes = [shapely.box(x, y, x + 0.01, y + 0.01) for x, y in zip(lon, lat)]
    multi = [
        shapely.MultiPolygon([b, shapely.box(x + 0.02, y, x + 0.03, y + 0.01)]) for b, x, y in zip(boxes, lon, lat)
    ]
    cases = []
    for name, geoms, want in [("multi", multi, "MultiPolygon"), ("both", boxes[:2] + multi[2:], "Unknown")]:
        frame = gpd.GeoDataFrame(
            {
                "id": [k % 3 for k in range(len(geoms))],
                "t": pd.date_range("2024-10-18", periods=len(geoms), freq="min"),
            },
            geometry=geoms,
            crs="EPSG:4326",
        )
        cases.append((name, frame, want))
    return cases


def said_by_gdal(*args: str) -> list[str]:
    """What GDAL says of a geometry's type (through pyogrio's warnings, shown on stderr) while ``avzone ARGS``
    runs, or the command on its stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    said = [str(w.message) for w in caught] + [done.stderr]
    return [t for t in said if "inserted into layer" in t or "Warning" in t]


def unlisted_geometry_cases(model) -> list[tuple[str, gpd.GeoDataFrame, str]]:
    """GeoDataFrames (to write with :func:`geoparquet_listing_no_type`) and the type their layer must declare: 2D
    points (one row without a geometry), 3D points, points and a polygon last, 2D points and a 3D one last."""
    lon, lat = _points(model, 4)
    flat = gpd.GeoDataFrame(_attributes(len(lon)), geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    flat.loc[2, "geometry"] = None
    raised = flat.set_geometry(gpd.points_from_xy(lon, lat, np.arange(len(lon), dtype=float)), crs="EPSG:4326")
    mixed, both = flat.copy(), flat.copy()
    mixed.loc[len(lon) - 1, "geometry"] = shapely.box(lon[-1], lat[-1], lon[-1] + 0.01, lat[-1] + 0.01)
    both.loc[len(lon) - 1, "geometry"] = shapely.Point(lon[-1], lat[-1], 5.0)
    return [
        ("flat", flat, "Point"),
        ("raised", raised, "Point Z"),
        ("mixed", mixed, "Unknown"),
        ("both", both, "Unknown"),
    ]


def check_declared_layer(dst: Path, frame: gpd.GeoDataFrame, want: str) -> None:
    """The GeoPackage ``dst`` of ``frame``'s rows declares ``want`` (as GDAL reads it, with no warning), in
    ``gpkg_geometry_columns`` and its table's statement alike (GeoPackage requirement 31); reads back through GDAL
    with every geometry as written; its spatial index (GDAL's rtree and triggers) holds every geometry, and still
    does after GDAL adds a feature."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (GDAL's warning of a type the table and gpkg_geometry_columns disagree on)
        info = pyogrio.read_info(dst)
    assert info["geometry_type"] == want
    back = gpd.read_file(dst)
    assert back.geometry.to_wkt().tolist() == frame.geometry.to_wkt().tolist()
    layer, column = info["layer_name"], info["geometry_name"]
    rtree = f'SELECT count(*) FROM "rtree_{layer}_{column}"'
    with sqlite3.connect(dst) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        declared = db.execute("SELECT geometry_type_name FROM gpkg_geometry_columns").fetchall()
        table = [row[2] for row in db.execute(f'PRAGMA table_info("{layer}")') if row[1] == column]
        assert declared == [(table[0],)] and (table[0] == "GEOMETRY") == (want == "Unknown")
        assert db.execute(rtree).fetchone()[0] == frame.geometry.notna().sum()
    found = pyogrio.read_dataframe(dst, bbox=tuple(frame.total_bounds))  # (through the index)
    assert len(found) == frame.geometry.notna().sum()
    added = frame.iloc[:1][[frame.geometry.name]].set_crs("EPSG:4326", allow_override=True)
    pyogrio.write_dataframe(added, dst, layer=layer, append=True)
    with sqlite3.connect(dst) as db:
        assert db.execute(rtree).fetchone()[0] == frame.geometry.notna().sum() + 1


def test_geoparquet_rows_listing_no_type_to_geopackage_declare_the_type_they_have(tmp_path, model):
    """A GeoParquet input whose ``geo`` metadata lists no geometry type is read in chunks (of 2 rows here), so its
    layer is created before its types are known: once written, the layer declares the one type every geometry
    has (``Point``, ``Point Z``), any type (``Unknown``) only when they mix, a polygon or a 3D point in the last
    chunk included."""
    for name, frame, want in unlisted_geometry_cases(model):
        src, dst = tmp_path / f"{name}.parquet", tmp_path / f"{name}.gpkg"
        geoparquet_listing_no_type(src, frame)
        locate_file(model, src, dst, chunk_rows=2)
        check_declared_layer(dst, frame, want)
    lon, lat = _points(model, 4)  # coordinate columns, no geometry: every row at its WGS84 point
    src = tmp_path / "columns.parquet"
    pd.DataFrame({"lon": lon, "lat": lat}).to_parquet(src)
    locate_file(model, src, tmp_path / "columns.gpkg", chunk_rows=2)
    check_declared_layer(tmp_path / "columns.gpkg", gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat)), "Point")


def test_wkb_kinds_reads_each_header_as_gdal_does():
    """The kind of each WKB value, from its header alone: ISO and extended (EWKB) codes, either byte order; a
    value that holds no header (too short, no byte order, no code WKB has) is of no kind GeoPackage names (0)."""
    raised = shapely.Point(1, 2, 3)
    measured = shapely.from_wkt("POINT M (1 2 3)")
    values = {
        "iso z": (shapely.to_wkb(raised, flavor="iso"), (1, True, False)),
        "extended z": (shapely.to_wkb(raised, flavor="extended"), (1, True, False)),
        "big-endian polygon": (shapely.to_wkb(shapely.box(0, 0, 1, 1), byte_order=0), (3, False, False)),
        "iso m": (shapely.to_wkb(measured, flavor="iso"), (1, False, True)),
        "collection": (shapely.to_wkb(shapely.GeometryCollection([raised])), (7, True, False)),
        "short": (b"\x01\x01", (0, False, False)),
        "no byte order": (b"\x07\x01\x00\x00\x00", (0, False, False)),
        "no code": (b"\x01\x41\x4b\x4c\x00", (0, False, False)),
    }
    for name, (wkb, kind) in values.items():
        assert wkb_kinds(pa.array([None, wkb, None], pa.binary())) == {kind}, name
        assert wkb_kinds(pa.array([wkb], pa.large_binary())) == {kind}, name
    column = pa.array([wkb for wkb, _ in values.values()], pa.binary())
    assert wkb_kinds(column.slice(2, 2)) == {(3, False, False), (1, False, True)}
    assert wkb_kinds(pa.array([None], pa.binary())) == set()


def test_a_declaration_gdal_names_otherwise_or_of_no_layer_is_not_made(tmp_path):
    """Measured geometries, curves or damaged values leave GDAL's declaration as it made it (the table and
    gpkg_geometry_columns agreeing); a layer or column the file lacks is an error naming the file."""
    dst = tmp_path / "l.gpkg"
    points = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(116.5, 39.79)], crs="EPSG:4326")
    pyogrio.write_dataframe(points, dst, layer="l", geometry_type="Unknown", layer_options={"GEOMETRY_NAME": "g"})
    for kinds in ({(1, False, True)}, {(9, False, False)}, {(0, False, False), (1, False, False)}, set()):
        declare_gpkg_geometry_type(dst, "l", "g", kinds)
        assert pyogrio.read_info(dst)["geometry_type"] == "Unknown", kinds
    declare_gpkg_geometry_type(dst, "L", "G", {(1, False, False)})  # (SQLite's names: in any case)
    assert pyogrio.read_info(dst)["geometry_type"] == "Point"
    for layer, column in (("other", "g"), ("l", "geometry")):
        with pytest.raises(InputError, match=r"l\.gpkg: cannot write the file"):
            declare_gpkg_geometry_type(dst, layer, column, {(3, False, False)})
    assert pyogrio.read_info(dst)["geometry_type"] == "Point"


def test_shapefile_rows_to_geopackage_declare_the_type_they_have(tmp_path, model):
    """A Shapefile declares Polygon for Polygon and MultiPolygon features alike: its rows' layer declares the
    type they have, MultiPolygon when every one is, any type (``Unknown``) when both are there."""
    lon, lat = _points(model, 1)
    boxes = [shapely.box(x, y, x + 0.01, y + 0.01) for x, y in zip(lon, lat)]
    multi = [
        shapely.MultiPolygon([b, shapely.box(x + 0.02, y, x + 0.03, y + 0.01)]) for b, x, y in zip(boxes, lon, lat)
    ]
    for name, geoms, want in [("multi", multi, "MultiPolygon"), ("both", boxes[:2] + multi[2:], "Unknown")]:
        src, dst = tmp_path / f"{name}.shp", tmp_path / f"{name}.gpkg"
        frame = gpd.GeoDataFrame({"n": range(len(geoms))}, geometry=geoms, crs="EPSG:4326")
        frame.to_file(src)
        assert pyogrio.read_info(src)["geometry_type"] == "Polygon"
        locate_file(model, src, dst, chunk_rows=2)
        check_declared_layer(dst, gpd.read_file(src), want)  # (its rings as the Shapefile holds them)


def test_geojson_rows_to_geopackage_declare_point_when_every_geometry_is_one(tmp_path, model):
    """A GeoJSON input declares no geometry type: its rows' layer is ``Point`` when every geometry is a Point or
    null (``Point Z`` when each has a z), ``Unknown`` when any is of another type or 2D and 3D points mix."""
    lon, lat = (c[:4] for c in _points(model))
    flat = gpd.GeoDataFrame({"id": range(4)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    flat.loc[1, "geometry"] = None
    raised = flat.set_geometry(gpd.points_from_xy(lon, lat, np.arange(4, dtype=float)), crs="EPSG:4326")
    mixed, both = flat.copy(), flat.copy()
    mixed.loc[0, "geometry"] = shapely.box(lon[0], lat[0], lon[0] + 0.01, lat[0] + 0.01)
    both.loc[0, "geometry"] = shapely.Point(lon[0], lat[0], 5.0)
    cases = [
        ("flat", flat, "Point"),
        ("raised", raised, "Point Z"),
        ("mixed", mixed, "Unknown"),
        ("both", both, "Unknown"),
    ]
    for name, frame, want in cases:
        src, dst = tmp_path / f"{name}.geojson", tmp_path / f"{name}.gpkg"
        frame.to_file(src, driver="GeoJSON")
        done = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert done.returncode == 0, done.stderr
        assert pyogrio.read_info(dst)["geometry_type"] == want, name
        back = gpd.read_file(dst)
        assert len(back) == len(frame) and back.geometry.isna().tolist() == frame.geometry.isna().tolist(), name


def test_a_geopackage_output_named_as_geopackage_s_own_tables_is_written(tmp_path):
    """GDAL refuses a layer named gpkg... or sqlite_... (GeoPackage's and SQLite's own tables): a file so named
    (its layer named as the file) is written with `layer_` before the layer's name, for locate and events."""
    for stem in ("gpkg_points", "SQLITE_fixes", "gpkgdata"):
        src = tmp_path / f"{stem}.csv"
        src.write_text("vehicle,ts,lon,lat\na,2024-05-01 08:00,116.5,39.79\na,2024-05-01 08:01,116.51,39.79\n")
        dst = tmp_path / f"{stem}.gpkg"
        done = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert done.returncode == 0, done.stderr
        assert pyogrio.list_layers(dst)[:, 0].tolist() == [f"layer_{stem}"]
        events = tmp_path / f"{stem}-events" / f"{stem}.gpkg"
        events.parent.mkdir()
        done = run_cli("events", "--input", str(src), "--output", str(events), "--summary", str(tmp_path / "s.csv"))
        assert done.returncode == 0, done.stderr
        assert pyogrio.list_layers(events)[:, 0].tolist() == [f"layer_{stem}"]


@pytest.mark.parametrize("job", ["locate", "events"])
def test_shapefile_multipolygons_to_geopackage_are_written_without_gdal_s_warning(tmp_path, model, job):
    """The layer of a Shapefile's rows was created as the Shapefile declares it (Polygon), so GDAL warned on
    stderr that a MULTIPOLYGON was inserted into a layer of type POLYGON, before the type was declared: the layer
    is created of any type and declared once written, silently, MultiPolygon or ``Unknown`` as its rows are."""
    for name, frame, want in multipolygon_cases(model):
        src, dst = tmp_path / f"{name}.shp", tmp_path / f"{name}.gpkg"
        frame.to_file(src)
        assert pyogrio.read_info(src)["geometry_type"] == "Polygon"
        if job == "locate":
            args = ("locate", "--input", str(src), "--output", str(dst))
        else:
            out = ("--output", str(tmp_path / f"{name}-events.csv"), "--annotate", str(dst))
            args = ("events", "--input", str(src), "--id-col", "id", "--time-col", "t", *out)
        assert said_by_gdal(*args) == []
        check_declared_layer(dst, gpd.read_file(src), want)


def test_a_layer_of_no_geometry_declares_the_input_s_type(tmp_path, model):
    """A layer whose rows have no geometry (none, or every one null) declares the type its input declares."""
    frame = multipolygon_cases(model)[0][1]
    for name, rows in (("none", frame.iloc[:0]), ("null", frame.assign(geometry=None))):
        src, dst = tmp_path / f"{name}.gpkg", tmp_path / f"{name}-out.gpkg"
        pyogrio.write_dataframe(rows, src, geometry_type="MultiPolygon")
        locate_file(model, src, dst)
        assert pyogrio.read_info(dst)["geometry_type"] == "MultiPolygon", name


@pytest.mark.parametrize(
    "lang, said",
    [("en", "no geometry column geometry in l"), ("zh", "l 中没有几何列 geometry")],
)
def test_a_declaration_of_no_layer_says_why_in_either_language(tmp_path, lang, said):
    from avzone.i18n import error_text

    dst = tmp_path / "l.gpkg"
    points = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(116.5, 39.79)], crs="EPSG:4326")
    pyogrio.write_dataframe(points, dst, layer="l", layer_options={"GEOMETRY_NAME": "g"})
    with pytest.raises(InputError) as caught:
        declare_gpkg_geometry_type(dst, "l", "geometry", {(3, False, False)})
    shown = error_text(caught.value, lang)
    assert said in shown and str(dst) in shown, shown


@pytest.mark.parametrize(
    "lang, said",
    [("en", "l.g declared GEOMETRY, not POINT"), ("zh", "l.g 声明的类型是 GEOMETRY，而不是 POINT")],
)
def test_a_declaration_the_table_does_not_take_says_why_in_either_language(tmp_path, lang, said):
    """A file whose table declares another type than its gpkg_geometry_columns row (not GDAL's writing): the
    declaration is checked as read anew, and its refusal says what was declared."""
    import sqlite3
    from contextlib import closing

    from avzone.i18n import error_text

    dst = tmp_path / "l.gpkg"
    with closing(sqlite3.connect(dst)) as db:
        db.execute("CREATE TABLE gpkg_geometry_columns (table_name, column_name, geometry_type_name, z, m)")
        db.execute("CREATE TABLE l (fid INTEGER PRIMARY KEY, g GEOMETRY)")
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('l', 'g', 'POINT', 1, 0)")
        db.commit()
    with pytest.raises(InputError) as caught:
        declare_gpkg_geometry_type(dst, "l", "g", {(1, False, False)})
    shown = error_text(caught.value, lang)
    assert said in shown and str(dst) in shown, shown

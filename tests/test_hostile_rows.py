"""Hostile cells and rows are row statuses, never a failed job (issue 11).

Each case was a traceback or a whole-file failure once; each must now give
every input row back with a status, or (for an unusable column) exit 2 with
one line naming the file and the column.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import YIZHUANG_CORE, run_cli

import avzone
import avzone.batch
from avzone.errors import InputError

LON, LAT = YIZHUANG_CORE


def _job(src: Path, out: Path, *extra: str) -> pd.DataFrame:
    r = run_cli("locate", "--input", str(src), "--output", str(out), *extra)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    if out.suffix == ".csv":
        return pd.read_csv(out, dtype=str, keep_default_na=False)
    return gpd.read_file(out) if out.suffix == ".geojson" else pd.read_parquet(out)


def test_geoparquet_empty_and_nan_points_are_row_statuses(tmp_path: Path) -> None:
    geoms = [shapely.Point(LON, LAT), shapely.from_wkt("POINT EMPTY"), shapely.Point(float("nan"), float("nan"))]
    src = tmp_path / "in.parquet"
    gpd.GeoDataFrame({"id": [1, 2, 3]}, geometry=geoms, crs=4326).to_parquet(src)
    df = _job(src, tmp_path / "out.csv")
    assert df["id"].tolist() == ["1", "2", "3"]
    assert df["status"].tolist() == ["ok", "no point geometry", "no point geometry"]


def test_csv_header_cell_over_128_kb(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    long_name = "x" * 200_000
    src.write_text(f"lon,lat,{long_name}\n{LON},{LAT},1\n", encoding="utf-8")
    df = _job(src, tmp_path / "out.csv")
    assert long_name in df.columns and df["status"].tolist() == ["ok"]


def test_duplicate_coordinate_column_names_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f"lon,lat,lat\n{LON},{LAT},1\n", encoding="utf-8")
    r = run_cli(
        "locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--lon-col", "lon", "--lat-col", "lat"
    )
    assert r.returncode == 2
    assert "'lat' 2 times" in r.stderr and str(src) in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out.csv").exists()


def _feature(geometry: object, properties: object = None) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_geojson_list_properties_and_booleans(tmp_path: Path) -> None:
    src = tmp_path / "in.geojson"
    feats = [
        _feature({"type": "Point", "coordinates": [LON, LAT]}, [1, 2]),
        _feature({"type": "Point", "coordinates": [True, False]}, {}),
        _feature({"type": "Point", "coordinates": [LON, LAT]}, {}),
    ]
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    df = _job(src, tmp_path / "out.csv")
    assert df["status"].tolist() == ["ok", "lon not a number; lat not a number", "ok"]
    assert df["properties"].tolist() == ["[1, 2]", "", ""]  # list properties kept, as JSON text
    _job(src, tmp_path / "out.geojson")
    out = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))
    assert out["features"][0]["properties"]["properties"] == [1, 2]
    assert out["features"][0]["properties"]["status"] == "ok"


def test_huge_numbers_are_not_finite(tmp_path: Path) -> None:
    big = "1" + "0" * 400
    huge = "1" + "0" * 5000  # beyond Python's int conversion limit
    src = tmp_path / "in.geojson"
    src.write_text(
        '{"type":"FeatureCollection","features":['
        f'{{"type":"Feature","properties":{{"a":{huge}}},"geometry":{{"type":"Point","coordinates":[{big},{LAT}]}}}},'
        f'{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[{huge},{LAT}]}}}},'
        f'{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[{LON},{LAT}]}}}}]}}',
        encoding="utf-8",
    )
    df = _job(src, tmp_path / "out.csv")
    assert df["status"].tolist() == ["lon not finite", "lon not finite", "ok"]
    assert df["a"].tolist()[0] == huge  # kept as written
    csv_src = tmp_path / "in.csv"
    csv_src.write_text(f"lon,lat\n{big},{LAT}\n{LON},{LAT}\n", encoding="utf-8")
    assert _job(csv_src, tmp_path / "out2.csv")["status"].tolist() == ["lon not finite", "ok"]


@pytest.mark.parametrize(
    "doc", ["[" * 100_000 + "]" * 100_000, '{"type":"FeatureCollection","features":' + "[" * 100_000]
)
def test_deep_json_exit_2(tmp_path: Path, doc: str) -> None:
    src = tmp_path / "in.geojson"
    src.write_text(doc, encoding="utf-8")
    r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert r.returncode == 2 and str(src) in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_list_binary_and_boolean_parquet_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    table = pa.table(
        {
            "lon": pa.array([LON, 116.6, LON]),
            "lat": pa.array([LAT, 39.8, LAT]),
            "l": pa.array([[1, 2], [3], None]),
            "b": pa.array([b"\x00\xff", b"x", None]),
            "s": pa.array([{"k": 1}, {"k": 2}, None]),
        }
    )
    pq.write_table(table, src)
    df = _job(src, tmp_path / "out.csv")
    assert df["l"].tolist() == ["[1, 2]", "[3]", ""]
    assert df["b"].tolist() == ["00ff", "78", ""]
    assert df["status"].tolist() == ["ok"] * 3
    back = _job(src, tmp_path / "out.parquet")
    assert back["l"].tolist()[2] is None and list(back["l"].tolist()[0]) == [1, 2]
    gj = _job(src, tmp_path / "out.geojson")
    assert gj["b"].tolist()[:2] == ["00ff", "78"]
    # list, binary and boolean coordinate columns: every row gets a status, nothing becomes (1, 0)
    bad = tmp_path / "bad.parquet"
    pq.write_table(
        pa.table(
            {
                "lon": pa.array([[LON], [LON], [LON]]),
                "lat": pa.array([b"a", b"39.8", None]),
                "blon": pa.array([True, False, None]),
                "blat": pa.array([False, True, True]),
            }
        ),
        bad,
    )
    df = _job(bad, tmp_path / "bad.csv")
    assert df["status"].tolist() == ["lon not a number; lat not a number"] * 2 + ["lon not a number; missing lat"]
    df = _job(bad, tmp_path / "bad2.csv", "--lon-col", "blon", "--lat-col", "blat")
    assert df["status"].tolist() == ["blon not a number; blat not a number"] * 2 + ["missing blon; blat not a number"]


def test_bd09_out_of_range_row_is_a_status(tmp_path: Path, model: avzone.Model) -> None:
    src = tmp_path / "in.csv"
    src.write_text("lon,lat\n1e10,0\n116.51,39.80\n116.52,39.81\n", encoding="utf-8")
    df = _job(src, tmp_path / "out.csv", "--crs", "bd09")
    assert df["status"].tolist() == ["lon out of range [-180, 180]", "ok", "ok"]
    got = model.classify([1e10, 116.5], [0, 39.79], crs="bd09")
    assert got.iloc[0].isna().all() and got.iloc[1].notna().all()


def test_library_booleans_masks_and_shapes(model: avzone.Model) -> None:
    got = model.classify([True, LON], [False, LAT])
    assert got.iloc[0].isna().all() and bool(got.iloc[1].all())
    assert model.classify(np.array([True]), np.array([False])).iloc[0].isna().all()
    masked = model.classify(
        np.ma.masked_array([LON, LON], [False, True]), np.ma.masked_array([LAT, LAT], [False, True])
    )
    assert bool(masked.iloc[0].all()) and masked.iloc[1].isna().all()
    with pytest.raises(InputError, match="differ in shape"):
        model.classify(np.full((2, 3), LON), np.full((3, 2), LAT))
    same = model.classify(np.full((2, 3), LON), np.full((2, 3), LAT))  # equal shapes: one row per element
    assert len(same) == 6 and bool(same.all().all())


def test_a_header_line_repeated_inside_a_csv_file_is_said_so(tmp_path: Path) -> None:
    """Files joined together repeat their header: such a row was 'lon not a number; lat not a number', as if its
    coordinates were bad. It is kept with a status saying it is the header line again; a row whose coordinates
    merely read 'lon' and 'lat' in other columns than the header's is not."""
    src = tmp_path / "joined.csv"
    src.write_text(f"id,经度,纬度\n1,{LON},{LAT}\nid,经度,纬度\n2,{LON},{LAT}\nx,经度,纬度\n", encoding="utf-8")
    rows = _job(src, tmp_path / "out.csv")
    assert rows["status"].tolist() == [
        "ok",
        avzone.points.status_labels()[avzone.points.HEADER_AGAIN],
        "ok",
        "经度 not a number; 纬度 not a number",
    ]
    assert rows["status"][1] == "the header line again (files joined together?): no data"
    frame = avzone.batch.read_points(src)
    assert frame["status"].tolist()[1] == "the header line again (files joined together?): no data"


# Empty geometries of every kind, as GeoJSON writes them and as shapely reads them (each one is_empty).
_EMPTY_GEOJSON = [
    {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[]]},
    {"type": "MultiPoint", "coordinates": []},
    {"type": "LineString", "coordinates": []},
    {"type": "MultiPolygon", "coordinates": [[]]},
    {"type": "GeometryCollection", "geometries": []},
    {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": []}]},
]


def test_an_empty_geojson_geometry_gets_the_status_of_the_same_geometry_in_geoparquet(tmp_path: Path) -> None:
    """An empty polygon is 'no point geometry' in a GeoParquet file (its WKB is empty, as an empty point's is);
    the same feature in a GeoJSON file was 'geometry is not a Point': one row, two answers by format."""
    polygon = {"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.01, LAT], [LON, LAT + 0.01], [LON, LAT]]]}
    geometries = [{"type": "Point", "coordinates": [LON, LAT]}, *_EMPTY_GEOJSON, polygon]
    assert all(shapely.from_geojson(json.dumps(g)).is_empty for g in _EMPTY_GEOJSON)
    src_json = tmp_path / "in.geojson"
    src_json.write_text(
        json.dumps({"type": "FeatureCollection", "features": [_feature(g, {"k": i}) for i, g in enumerate(geometries)]})
    )
    src_parquet = tmp_path / "in.parquet"
    shapes = [shapely.from_geojson(json.dumps(g)) for g in geometries]
    gpd.GeoDataFrame({"k": range(len(shapes))}, geometry=shapes, crs=4326).to_parquet(src_parquet)
    from_json = _job(src_json, tmp_path / "json.csv")
    from_parquet = _job(src_parquet, tmp_path / "parquet.csv")
    expected = ["ok"] + ["no point geometry"] * len(_EMPTY_GEOJSON) + ["geometry is not a Point"]
    assert from_parquet["status"].tolist() == expected
    assert from_json["status"].tolist() == expected
    assert from_json["k"].tolist() == [str(i) for i in range(len(geometries))]


@pytest.mark.parametrize("encoding", ["WKB", "geoarrow"])
def test_geoparquet_to_geojson_keeps_a_points_height(tmp_path: Path, encoding: str) -> None:
    """A GeoParquet point's z was dropped in a GeoJSON output (written from its WGS84 lon/lat alone), while a CSV
    output's WKT, a Parquet output and a GeoJSON input's features all keep it."""
    src = tmp_path / "in.parquet"
    geoms = [shapely.Point(LON, LAT, 42.5), shapely.Point(LON, LAT, 0.0), shapely.Point(LON + 0.001, LAT, -7.25)]
    geoms.append(shapely.from_wkt("POINT Z EMPTY"))  # (no height to read: it failed the job once)
    gpd.GeoDataFrame({"k": [1, 2, 3, 4]}, geometry=geoms, crs=4326).to_parquet(src, geometry_encoding=encoding)
    out = tmp_path / "out.geojson"
    r = run_cli("locate", "--input", str(src), "--output", str(out))
    assert r.returncode == 0, r.stderr
    feats = json.loads(out.read_text())["features"]
    assert [f["properties"]["status"] for f in feats] == ["ok"] * 3 + ["no point geometry"]
    assert feats[3]["geometry"] == {"type": "Point", "coordinates": []}  # (empty, as it was)
    assert [f["geometry"]["coordinates"] for f in feats[:3]] == [
        [LON, LAT, 42.5],
        [LON, LAT, 0.0],
        [LON + 0.001, LAT, -7.25],
    ]


def test_geoparquet_to_geojson_in_a_projected_crs_keeps_the_height_beside_wgs84_lon_lat(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    wgs = gpd.GeoDataFrame({"k": [1]}, geometry=[shapely.Point(LON, LAT, 12.0)], crs=4326)
    wgs.to_crs(3857).to_parquet(src)
    out = tmp_path / "out.geojson"
    r = run_cli("locate", "--input", str(src), "--output", str(out))
    assert r.returncode == 0, r.stderr
    (feat,) = json.loads(out.read_text())["features"]
    x, y, z = feat["geometry"]["coordinates"]
    assert (x, y) == pytest.approx((LON, LAT), abs=1e-9) and z == 12.0


@pytest.mark.skipif(not hasattr(pa, "string_view"), reason="Arrow's view types need pyarrow 16")
def test_view_columns_are_written_to_csv_as_their_plain_types_are(tmp_path: Path) -> None:
    """A string_view's empty text was written as an empty cell, read back as missing (a string column's is ``""``),
    and a binary_view's bytes were written raw (b"x" as ``x``, a binary column's as hex ``78``): by locate and by
    events --annotate alike."""
    texts, data = ["", None, "x,y"], [b"", None, b"x"]
    src = tmp_path / "in.parquet"
    table = pa.table(
        {
            "car": ["a", "a", "a"],
            "ts": ["2024-06-01T08:00:00", "2024-06-01T08:01:00", "2024-06-01T08:02:00"],
            "lon": [LON] * 3,
            "lat": [LAT] * 3,
            "s": pa.array(texts, pa.string()),
            "sv": pa.array(texts, pa.string_view()),
            "b": pa.array(data, pa.binary()),
            "bv": pa.array(data, pa.binary_view()),
        }
    )
    pq.write_table(table, src)
    located = tmp_path / "located.csv"
    annotated = tmp_path / "annotated.csv"
    r = run_cli("locate", "--input", str(src), "--output", str(located))
    assert r.returncode == 0, r.stderr
    r = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--id-col", "car",
                "--time-col", "ts", "--annotate", str(annotated))  # fmt: skip
    assert r.returncode == 0, r.stderr
    for out in (located, annotated):
        rows = out.read_text(encoding="utf-8").splitlines()[1:]
        assert [row.split(",")[4:8] for row in rows[:2]] == [['""'] * 4, [""] * 4], rows  # text, missing
        assert ',"x,y","x,y",78,78,' in rows[2], rows


def test_geoparquet_to_geojson_keeps_an_empty_geometry_empty(tmp_path: Path) -> None:
    """An empty GeoParquet geometry was written to GeoJSON as null, unlike a GeoJSON input's, which is kept: its
    kind was lost, and a null geometry is no geometry at all. Read back, each gets the status it had."""
    src = tmp_path / "in.parquet"
    wkts = ["POINT EMPTY", "POLYGON EMPTY", "LINESTRING EMPTY", "GEOMETRYCOLLECTION EMPTY"]
    geoms = [shapely.from_wkt(w) for w in wkts] + [None]
    gpd.GeoDataFrame({"k": range(5)}, geometry=geoms, crs=3857).to_parquet(src)
    out = tmp_path / "out.geojson"
    r = run_cli("locate", "--input", str(src), "--output", str(out))
    assert r.returncode == 0, r.stderr
    feats = json.loads(out.read_text())["features"]
    assert [f["geometry"] for f in feats] == [
        {"type": "Point", "coordinates": []},
        {"type": "Polygon", "coordinates": []},
        {"type": "LineString", "coordinates": []},
        {"type": "GeometryCollection", "geometries": []},
        None,
    ]
    assert [shapely.from_geojson(json.dumps(f["geometry"])).wkt for f in feats[:4]] == wkts
    again = _job(out, tmp_path / "again.csv")
    assert again["status"].tolist() == [f["properties"]["status"] for f in feats] == ["no point geometry"] * 5


@pytest.mark.skipif(not hasattr(pa, "uuid"), reason="Arrow's canonical extension types need pyarrow 18")
def test_extension_columns_are_written_to_csv_and_geojson_as_text(tmp_path: Path) -> None:
    """An arrow.uuid column (what Parquet's UUID type reads as) was written to CSV as its 16 raw bytes, NULs and
    all, and failed a GeoJSON output with a traceback; a fixed_shape_tensor column failed a CSV output."""
    import uuid

    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    table = pa.table(
        {
            "car": ["a", "a"],
            "ts": ["2024-06-01T08:00:00", "2024-06-01T08:01:00"],
            "lon": [LON, LON],
            "lat": [LAT, LAT],
            "u": pa.ExtensionArray.from_storage(pa.uuid(), pa.array([ident.bytes, None], pa.binary(16))),
            "t": pa.ExtensionArray.from_storage(
                pa.fixed_shape_tensor(pa.int32(), (2, 2)), pa.array([[1, 2, 3, 4], None], pa.list_(pa.int32(), 4))
            ),
        }
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    for out in (tmp_path / "out.csv", tmp_path / "out.geojson", tmp_path / "out.parquet"):
        r = run_cli("locate", "--input", str(src), "--output", str(out))
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    annotated = tmp_path / "annotated.csv"
    r = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--id-col", "car",
                "--time-col", "ts", "--annotate", str(annotated))  # fmt: skip
    assert r.returncode == 0, r.stderr
    for csv_out in (tmp_path / "out.csv", annotated):
        assert b"\x00" not in csv_out.read_bytes()
        back = pd.read_csv(csv_out, dtype=str, keep_default_na=False)
        assert back["u"].tolist() == [str(ident), ""] and back["t"].tolist() == ["[1, 2, 3, 4]", ""]
    props = [f["properties"] for f in json.loads((tmp_path / "out.geojson").read_text())["features"]]
    assert [p["u"] for p in props] == [str(ident), None] and [p["t"] for p in props] == [[1, 2, 3, 4], None]
    assert pq.read_table(tmp_path / "out.parquet").select(["u", "t"]).equals(table.select(["u", "t"]))


def test_every_wkb_column_of_a_geoparquet_file_is_wkt_in_csv_and_geojson(tmp_path: Path) -> None:
    """The geometry column read for the points was written to CSV as WKT, but a second geometry column the file's
    geo metadata lists, and the geometry column when the points came from --lon-col, as WKB bytes in hex."""
    box = shapely.box(116.4, 39.7, 116.5, 39.8)
    frame = gpd.GeoDataFrame(
        {"car": ["a", "a"], "ts": ["2024-06-01T08:00:00", "2024-06-01T08:01:00"], "x": [LON, LON], "y": [LAT, LAT]},
        geometry=[shapely.Point(LON, LAT), None],
        crs=4326,
    )
    frame["area"] = gpd.GeoSeries([box, None], crs=4326)
    src = tmp_path / "in.parquet"
    frame.to_parquet(src)
    for extra in ([], ["--lon-col", "x", "--lat-col", "y"]):
        out = tmp_path / "out.csv"
        r = run_cli("locate", "--input", str(src), "--output", str(out), *extra)
        assert r.returncode == 0, r.stderr
        back = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert back["geometry"].tolist() == [shapely.Point(LON, LAT).wkt, ""], extra
        assert back["area"].tolist() == [box.wkt, ""], extra
        assert back["status"].tolist() == (["ok", "ok"] if extra else ["ok", "no point geometry"])
    # GeoJSON too: the other WKB columns as WKT properties, not their bytes in hex
    for extra in ([], ["--lon-col", "x", "--lat-col", "y"]):
        out = tmp_path / "out.geojson"
        r = run_cli("locate", "--input", str(src), "--output", str(out), *extra)
        assert r.returncode == 0, r.stderr
        props = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
        assert [p["area"] for p in props] == [box.wkt, None], extra
        if extra:  # (the geometry column is then a column as any other)
            assert [p["geometry"] for p in props] == [shapely.Point(LON, LAT).wkt, None]
        else:
            assert all("geometry" not in p for p in props)
    annotated = tmp_path / "annotated.csv"
    r = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--id-col", "car",
                "--time-col", "ts", "--lon-col", "x", "--lat-col", "y", "--annotate", str(annotated))  # fmt: skip
    assert r.returncode == 0, r.stderr
    back = pd.read_csv(annotated, dtype=str, keep_default_na=False)
    assert back["geometry"].tolist() == [shapely.Point(LON, LAT).wkt, ""] and back["area"].tolist() == [box.wkt, ""]

"""Jobs followed end to end as a user runs them, with the inputs real tools write: what each entry point does with them.

Each case is a defect such a job met: the file, the command, what came out and what is right about it.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import TIANANMEN, YIZHUANG_CORE, refused, run_cli

from avzone.i18n import error_text

# -- a Parquet file's binary column: WKB points without GeoParquet's metadata, or text with a stray byte ----------


def _wkb_parquet(path, name: str = "geometry"):
    """A Parquet file of points as WKB in a binary column, without the 'geo' metadata that makes it GeoParquet: as
    DuckDB writes ``ST_AsWKB(geom)`` or Spark a geometry's bytes (pandas writes its own metadata only)."""
    # (the first point's WKB is UTF-8 bytes, every one below 0x80 but its zero bytes: no text all the same)
    points = shapely.points([(116.5, 40.0), YIZHUANG_CORE, TIANANMEN])
    shapely.to_wkb(points[0]).decode("utf-8")
    frame = pd.DataFrame({"id": [1, 2, 3], name: shapely.to_wkb(points)})
    frame.to_parquet(path)
    assert b"geo" not in pq.read_schema(path).metadata
    return path


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_point_col_naming_a_column_of_wkb_reads_its_points(tmp_path, engine, request):
    # '--point-col wkb' on such a file was "cannot read the file (Invalid UTF8 payload)", as if the file were
    # damaged, with the local engine, and a traceback with --engine dask; then refused, naming the column; its WKB
    # points are now read, as the same points in lon/lat columns are
    src = _wkb_parquet(tmp_path / "pts.parquet", "wkb")
    out = tmp_path / ("out.parquet" if engine == "local" else "out")
    dask = ["--engine", "dask", "--scheduler", request.getfixturevalue("scheduler")] if engine == "dask" else []
    result = run_cli("locate", "--input", str(src), "-o", str(out), "--point-col", "wkb", *dask)
    assert result.returncode == 0, result.stderr
    assert "note: points read from column 'wkb', which holds WKB points (given by --point-col)" in result.stderr
    frame = pd.read_parquet(out)
    assert frame["status"].tolist() == ["ok"] * 3
    assert frame["in_core"].tolist() == [False, True, False]


def _wkb_lines_parquet(path, name: str = "geometry"):
    """A plain Parquet file whose binary column holds WKB lines: bytes that are no text, and no WKB points."""
    lines = [shapely.LineString([YIZHUANG_CORE, TIANANMEN])] * 3
    pq.write_table(pa.table({"id": [1, 2, 3], name: pa.array(shapely.to_wkb(lines), pa.binary())}), path)
    return path


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_point_col_naming_a_column_of_wkb_lines_says_it_holds_no_wkb_points(tmp_path, engine, request):
    src = _wkb_lines_parquet(tmp_path / "lines.parquet", "wkb")
    out = tmp_path / ("out.parquet" if engine == "local" else "out")
    dask = ["--engine", "dask", "--scheduler", request.getfixturevalue("scheduler")] if engine == "dask" else []
    err = refused("locate", "--input", str(src), "-o", str(out), "--point-col", "wkb", *dask)
    assert "cannot read the file" not in err
    assert "column 'wkb' (--point-col) holds bytes that are no text, and most of its first values are no WKB" in err
    assert "its first value that is no text is b'\\x01\\x02\\x00" in err
    assert not out.exists()
    zh = refused("locate", "--input", str(src), "-o", str(out), "--point-col", "wkb", "--lang", "zh", *dask)
    assert "列 'wkb'（--point-col）存的是不是文本的字节，其前几个值大多也不是 WKB 点" in zh


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_wkb_geometry_column_without_geoparquet_metadata_is_found_by_its_name(tmp_path, engine, request):
    # a column named 'geometry' is looked at as one of points: its WKB bytes stopped the job with "cannot read the
    # file (Invalid UTF8 payload)" (local engine) or a traceback (dask), then no lon column was found; its WKB
    # points are now read; a column so named of WKB lines is named by the error saying no lon column is found
    src = _wkb_parquet(tmp_path / "pts.parquet")
    out = tmp_path / ("out.csv" if engine == "local" else "out")
    dask = ["--engine", "dask", "--scheduler", request.getfixturevalue("scheduler")] if engine == "dask" else []
    result = run_cli("locate", "--input", str(src), "-o", str(out), *dask)
    assert result.returncode == 0, result.stderr
    assert "which holds WKB points (found by its name and its first values" in result.stderr
    lines = _wkb_lines_parquet(tmp_path / "lines.parquet")
    err = refused("locate", "--input", str(lines), "-o", str(tmp_path / ("l.csv" if engine == "local" else "l")),
                  *dask)  # fmt: skip
    assert "no column looks like the lon column" in err
    assert "'geometry' holds bytes that are no text, and most of its first values are no WKB points either" in err
    assert "cannot read the file" not in err


def test_a_later_value_of_a_binary_point_column_that_is_no_utf8_text_is_that_rows_status(tmp_path, scheduler):
    # a binary 'location' column of lon,lat text whose 21st value is bytes that are no UTF-8 text: the whole job
    # stopped ("cannot read the file (Invalid UTF8 payload)", and a traceback with --engine dask); that row now
    # gets the status of a cell that is no lon,lat pair, in both engines, every other row its answer
    values = [b"116.5,39.79"] * 20 + [b"\xff\xfe116"] + [b"116.3975,39.9087"] * 5
    src = tmp_path / "pts.parquet"
    pq.write_table(pa.table({"id": range(26), "location": pa.array(values, pa.binary())}), src, row_group_size=10)
    result = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "out.parquet"))
    assert result.returncode == 0, result.stderr
    local = pd.read_parquet(tmp_path / "out.parquet")
    assert local["status"].tolist() == ["ok"] * 20 + ["location not a lon,lat pair (such as 116.48,39.99)"] + ["ok"] * 5
    assert local["in_core"].tolist() == [True] * 20 + [None] + [False] * 5
    assert local["location"].tolist() == values  # (the bytes kept as they were)
    result = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "dask"), "--engine", "dask",
                     "--scheduler", scheduler)  # fmt: skip
    assert result.returncode == 0, result.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), local)


def test_the_bytes_error_in_python_and_chinese(model, tmp_path):
    from avzone.batch import locate_file
    from avzone.errors import InputError

    src = _wkb_lines_parquet(tmp_path / "lines.parquet", "wkb")
    with pytest.raises(InputError) as exc:
        locate_file(model, src, tmp_path / "out.parquet", point_col="wkb")
    assert "column 'wkb' (point_col=) holds bytes that are no text, and most of its first" in str(exc.value)
    assert "存的是不是文本的字节，其前几个值大多也不是 WKB 点" in error_text(exc.value, "zh")


# -- a Parquet column named as one of points that holds lists: [lon, lat] as polars and pandas store a pair ----------


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_list_column_of_lon_lat_is_no_column_of_points_as_text(tmp_path, engine, request):
    # a 'location' column of [lon, lat] lists stopped the job with "cannot read the file (Unsupported cast from
    # list<element: double> to utf8 ...)", found by its name or given by --point-col, as if the file were
    # damaged; found by its name it is now no point column (no lon column is found), given it is refused naming
    # its type and what to write
    src = tmp_path / "pts.parquet"
    pq.write_table(pa.table({"id": [1, 2], "location": pa.array([list(YIZHUANG_CORE), list(TIANANMEN)])}), src)
    out = tmp_path / ("out.csv" if engine == "local" else "out")
    dask = ["--engine", "dask", "--scheduler", request.getfixturevalue("scheduler")] if engine == "dask" else []
    err = refused("locate", "--input", str(src), "-o", str(out), *dask)
    assert "no column looks like the lon column" in err
    assert "cannot read the file" not in err
    err = refused("locate", "--input", str(src), "-o", str(out), "--point-col", "location", *dask)
    assert "column 'location' (--point-col) holds values of type list<element: double>, not points as text" in err
    zh = refused("locate", "--input", str(src), "-o", str(out), "--point-col", "location", "--lang", "zh", *dask)
    assert "列 'location'（--point-col）的值是 list<element: double> 类型，不是以文本写出的点" in zh
    assert not out.exists()


def test_an_extension_column_of_bytes_is_read_by_its_bytes(tmp_path):
    # an arrow.uuid column named 'geometry' (its values bytes) stopped the job with "cannot read the file (Invalid
    # UTF8 payload)": it is a column of bytes, named as such
    src = tmp_path / "pts.parquet"
    values = [bytes(range(k, k + 16)) for k in (100, 200)]
    pq.write_table(pa.table({"id": [1, 2], "geometry": pa.array(values, pa.uuid())}), src)
    err = refused("locate", "--input", str(src), "-o", str(tmp_path / "out.csv"))
    assert "'geometry' holds bytes that are no text" in err
    err = refused("locate", "--input", str(src), "-o", str(tmp_path / "out.csv"), "--point-col", "geometry")
    assert "column 'geometry' (--point-col) holds bytes that are no text, and most of its first values" in err


# -- columns a GeoPackage cannot hold apart ---------------------------------------------------------------------------


def test_columns_a_geopackage_cannot_hold_apart_are_named_before_gdal_refuses_them(tmp_path):
    # 'Name' and 'name' (a CSV keeps both; GeoJSON and Parquet too) are one field name to a GeoPackage: the job
    # stopped with GDAL's "Error while creating field from Arrow for field 1 with name 'name' ... A field with the
    # same name already exists"; it is refused in avzone's words, naming both, as two columns of one name are
    src = tmp_path / "pts.csv"
    src.write_text("Name,name,lon,lat\nA,b,116.5,39.79\n", encoding="utf-8")
    out = tmp_path / "out.gpkg"
    err = refused("locate", "--input", str(src), "-o", str(out))
    assert "Error while creating field" not in err
    assert "the input has columns 'Name' and 'name', one name to a GeoPackage" in err
    assert not out.exists()
    assert "输入中有 'Name' 和 'name' 两列，GeoPackage 的字段名不分大小写" in refused(
        "locate", "--input", str(src), "-o", str(out), "--lang", "zh"
    )
    # the events' annotated rows (the input's columns) too; the events file itself has avzone's own columns
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("vehicle,ts,Name,name,lon,lat\n1,2024-07-01 08:00,A,b,116.44,39.79\n", encoding="utf-8")
    err = refused("events", "--input", str(fixes), "-o", str(tmp_path / "events.gpkg"), "--annotate",
                  str(tmp_path / "rows.gpkg"))  # fmt: skip
    assert "rows.gpkg: the input has columns 'Name' and 'name', one name to a GeoPackage" in err
    # both written as they are to the formats that hold them apart
    for suffix in (".csv", ".geojson", ".parquet"):
        result = run_cli("locate", "--input", str(src), "-o", str(tmp_path / f"out{suffix}"))
        assert result.returncode == 0, result.stderr


def test_two_columns_of_one_name_are_told_the_format_that_holds_them(tmp_path):
    # a GeoJSON output of two columns named 'name' said "write CSV or Parquet", and a Parquet output refuses them
    # too; a GeoPackage one stopped with GDAL's words: each says CSV, the one format that keeps both
    src = tmp_path / "pts.csv"
    src.write_text("name,name,lon,lat\nA,b,116.5,39.79\n", encoding="utf-8")
    for suffix in (".geojson", ".parquet", ".gpkg"):
        err = refused("locate", "--input", str(src), "-o", str(tmp_path / f"out{suffix}"))
        assert "more than one column named 'name'" in err
        assert err.rstrip().endswith("rename the columns, or write CSV"), err

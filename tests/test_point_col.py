"""Points written as text in one column (avzone._pointtext): lon,lat pairs and WKT, read by every file job."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import GCJ02_EDGE, TIANANMEN, YIZHUANG_CORE, refused, run_cli

from avzone.batch import locate_file, open_source, read_fixes, read_points
from avzone.errors import InputError
from avzone.events import status_named
from avzone.i18n import written

POINTS = [YIZHUANG_CORE, TIANANMEN, GCJ02_EDGE]


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stderr


def pair(x: float, y: float) -> str:
    return f"{x},{y}"


def wkt(x: float, y: float) -> str:
    return f"POINT ({x} {y})"


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False)
    return path


# -- reading ------------------------------------------------------------------------------------------------
def test_pairs_found_by_name_and_bad_cells_get_statuses_naming_the_column(tmp_path):
    src = tmp_path / "amap.csv"
    src.write_text(
        'id,location\n1,"116.5,39.79"\n2," 116.3975 , 39.9087 "\n3,""\n4,"abc"\n5,"116.5;39.79"\n6,"116.5,99"\n',
        encoding="utf-8",
    )
    table = read_points(src)
    assert table["lon"].tolist()[:2] == [116.5, 116.3975] and table["lat"].tolist()[:2] == [39.79, 39.9087]
    assert table["status"].tolist() == [
        "ok",
        "ok",
        "missing location",
        "location not a lon,lat pair (such as 116.48,39.99)",
        "location not a lon,lat pair (such as 116.48,39.99)",
        "location out of range [-90, 90]",
    ]
    (note,) = table.attrs["notes"]
    assert "column 'location', which holds lon,lat text pairs (found by its name and its first values" in note


@pytest.mark.parametrize("name", ["WKT", "geometry", "geom", "the_geom", "shape", "wkt_geom"])
def test_wkt_found_by_name(tmp_path, name):
    src = write_csv(tmp_path / "w.csv", pd.DataFrame({"id": [1, 2], name: [wkt(*YIZHUANG_CORE), wkt(*TIANANMEN)]}))
    table = read_points(src)
    assert np.allclose(table[["lon", "lat"]], [YIZHUANG_CORE, TIANANMEN])
    assert f"column {name!r}, which holds WKT points" in table.attrs["notes"][0]


def test_wkt_cells_each_get_their_status(tmp_path):
    cells = [
        "POINT (116.5 39.79)",
        "SRID=4326;POINT(116.3975 39.9087)",
        "POINT Z (116.5 39.79 12.5)",
        "",
        "LINESTRING (116.5 39.79, 116.6 39.8)",
        "POINT (116.5",
        "POINT EMPTY",
        "SRID=3857;POINT (12958000 4838000)",
    ]
    src = write_csv(tmp_path / "w.csv", pd.DataFrame({"id": range(len(cells)), "wkt": cells}))
    table = read_points(src)
    assert table["status"].tolist() == [
        "ok",
        "ok",
        "ok",
        "no point geometry",  # (an empty cell: a null geometry, as in the GeoJSON file avzone wrote it from)
        "wkt a WKT LINESTRING where a POINT was expected (such as POINT (116.48 39.99))",
        "wkt unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
        "no point geometry",
        "wkt SRID not that of the CRS read in",
    ]
    assert np.allclose(table[["lon", "lat"]].iloc[:3], [YIZHUANG_CORE, TIANANMEN, YIZHUANG_CORE])


def test_ewkt_srid_is_the_crs_read_in_and_a_crs_that_contradicts_it_is_refused(tmp_path):
    from pyproj import Transformer

    x, y = Transformer.from_crs(4326, 3857, always_xy=True).transform(*YIZHUANG_CORE)
    src = write_csv(tmp_path / "m.csv", pd.DataFrame({"geometry": [f"SRID=3857;POINT ({x} {y})", wkt(x, y)]}))
    table = read_points(src)
    assert np.allclose(table[["lon", "lat"]], [YIZHUANG_CORE, YIZHUANG_CORE]) and table["status"].eq("ok").all()
    assert "WKT points with SRID=3857" in table.attrs["notes"][0]
    with pytest.raises(InputError, match=r"holds points with SRID=3857, but crs= EPSG:4326 was given"):
        read_points(src, crs="EPSG:4326")


def test_ewkt_srids_cgcs2000_read_none_refused_and_never_mixed(tmp_path):
    """SRID=4490 (CGCS2000) is its EPSG code; SRID=0 (PostGIS's unknown), a negative one or one that is no EPSG
    code is refused naming the file, column and SRID (with or without a CRS given); a row whose SRID is not the
    column's keeps its row with a status, and a CRS given that is not the first SRID's is refused."""
    cgcs = write_csv(tmp_path / "cgcs.csv", pd.DataFrame({"wkt": [f"SRID=4490;{wkt(*p)}" for p in POINTS]}))
    table = read_points(cgcs)
    assert np.allclose(table[["lon", "lat"]], POINTS, atol=1e-6) and table["status"].eq("ok").all()
    assert "WKT points with SRID=4490" in table.attrs["notes"][0]
    assert read_points(cgcs, crs="EPSG:4490")["status"].eq("ok").all()
    for srid in ("0", "-1", "999999"):
        src = write_csv(tmp_path / f"s{srid}.csv", pd.DataFrame({"wkt": [f"SRID={srid};{wkt(*p)}" for p in POINTS]}))
        for crs in (None, "EPSG:4326"):
            with pytest.raises(InputError, match=rf"s{srid}.csv: column 'wkt' holds points with SRID={srid}, which "
                               r"names no CRS .* or without SRID= and give the CRS with crs="):  # fmt: skip
                read_points(src, crs=crs)
    args = ("locate", "--input", str(tmp_path / "s0.csv"), "--output", str(tmp_path / "o.csv"), "--lang", "zh")
    assert "列 'wkt' 中的点的 SRID=0 不代表任何坐标系" in refused(*args) and "--crs 给出坐标系" in refused(*args)
    cells = [f"SRID=4326;{wkt(*TIANANMEN)}", f"SRID=4490;{wkt(*TIANANMEN)}", wkt(*TIANANMEN), f"SRID=0;{wkt(1, 2)}"]
    mixed = write_csv(tmp_path / "mixed.csv", pd.DataFrame({"wkt": cells}))
    other = "wkt SRID not that of the CRS read in"
    assert read_points(mixed)["status"].tolist() == ["ok", other, "ok", other]
    with pytest.raises(InputError, match=r"holds points with SRID=4326, but crs= EPSG:4490 was given"):
        read_points(mixed, crs="EPSG:4490")
    # no SRID on the first point: a CRS given with no EPSG code reads no row that names an SRID
    later = write_csv(tmp_path / "later.csv", pd.DataFrame({"wkt": [wkt(*TIANANMEN), f"SRID=-1;{wkt(*TIANANMEN)}"]}))
    assert read_points(later, crs="gcj02")["status"].tolist() == ["ok", other]


def test_lon_lat_columns_win_and_names_or_values_that_say_no_point_find_none(tmp_path):
    both = write_csv(
        tmp_path / "both.csv", pd.DataFrame({"lon": [116.5], "lat": [39.79], "location": [pair(*TIANANMEN)]})
    )
    assert np.allclose(read_points(both)[["lon", "lat"]], [YIZHUANG_CORE]) and not read_points(both).attrs["notes"]
    places = write_csv(tmp_path / "places.csv", pd.DataFrame({"location": ["Beijing", "Yizhuang"]}))
    with pytest.raises(InputError, match="no column looks like the lon column"):
        read_points(places)
    other = write_csv(tmp_path / "other.csv", pd.DataFrame({"pos": [pair(*TIANANMEN)]}))
    with pytest.raises(InputError, match="no column looks like the lon column"):
        read_points(other)
    assert np.allclose(read_points(other, point_col="pos")[["lon", "lat"]], [TIANANMEN])


def test_no_lon_column_hints_at_point_col_naming_the_text_columns_that_may_hold_points(tmp_path):
    """The error of a file with no lon/lat columns names the text columns that may hold points (by their name or
    their first values) and the option that reads one, as the entry point names it; none when no column may."""
    src = write_csv(
        tmp_path / "t.csv",
        pd.DataFrame({"id": [1, 2], "name": ["a", "b"], "pos": [pair(*TIANANMEN), pair(*YIZHUANG_CORE)]}),
    )
    with pytest.raises(InputError) as caught:
        read_points(src)
    assert "; pos may hold the points as text: name the column with point_col= (lon,lat pairs" in str(caught.value)
    # named like a column of points, its first values mostly no points (so not read on its own): hinted too
    bad = [wkt(*TIANANMEN), "LINESTRING (116 39, 117 40)", "POINT (116.5", "hello"]
    named = write_csv(tmp_path / "w.csv", pd.DataFrame({"id": range(4), "WKT": bad}))
    with pytest.raises(InputError, match="; WKT may hold the points as text: name the column with point_col="):
        read_points(named)
    args = ("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"))
    assert "; pos may hold the points as text: name the column with --point-col (lon,lat" in refused(*args)
    zh = refused(*args, "--lang", "zh")
    assert "；pos 列中可能是以文本写出的点：请用 --point-col 指定该列（“经度,纬度”对如 116.48,39.99" in zh
    none = write_csv(tmp_path / "n.csv", pd.DataFrame({"id": [1], "name": ["Beijing"], "v": [116.5]}))
    with pytest.raises(InputError) as caught:
        read_points(none)
    assert "point_col" not in str(caught.value)


def test_two_point_columns_are_refused_naming_them(tmp_path):
    src = write_csv(tmp_path / "two.csv", pd.DataFrame({"location": [pair(*TIANANMEN)], "wkt": [wkt(*TIANANMEN)]}))
    with pytest.raises(InputError, match=r"several columns hold points as text \(location, wkt\); name one with"):
        read_points(src)
    assert np.allclose(read_points(src, point_col="wkt")[["lon", "lat"]], [TIANANMEN])


def test_point_col_refusals(tmp_path):
    src = write_csv(tmp_path / "p.csv", pd.DataFrame({"id": [1], "location": [pair(*TIANANMEN)]}))
    with pytest.raises(InputError, match=r"point_col= names the column of points as text, and lat_col= a coord"):
        read_points(src, point_col="location", lat_col="id")
    with pytest.raises(InputError, match=r"column 'id' \(point_col=\) holds neither lon,lat pairs .* are '1'"):
        read_points(src, point_col="id")
    with pytest.raises(InputError, match=r"no column 'nope' \(given by point_col=\)"):
        read_points(src, point_col="nope")
    gj = tmp_path / "p.geojson"
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with pytest.raises(InputError, match=r"point_col= reads the points of a CSV or Parquet file's text column"):
        read_points(gj, point_col="location")
    err = refused("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--point-col", "location",
                  "--lon-col", "id")  # fmt: skip
    assert "--point-col names the column of points as text, and --lon-col a coordinate column" in err


def test_chunks_after_the_one_read_to_judge_the_column(tmp_path):
    """The first chunk is read to judge the column, then given again: every row comes once, in order."""
    rows = [pair(*p) for p in POINTS] * 3
    src = tmp_path / "many.parquet"
    pq.write_table(pa.table({"n": range(len(rows)), "location": rows}), src, row_group_size=2)
    with open_source(src, chunk_rows=2) as source:
        chunks = list(source.chunks)
    assert len(chunks) > 2
    assert [n for c in chunks for n in c.columns.column("n").to_pylist()] == list(range(len(rows)))
    assert np.allclose(np.concatenate([c.points.lon for c in chunks]), [p[0] for p in POINTS] * 3)


def test_parquet_text_column(tmp_path):
    src = tmp_path / "p.parquet"
    pq.write_table(pa.table({"id": [1, 2], "geometry": [wkt(*YIZHUANG_CORE), None]}), src)
    table = read_points(src)
    assert np.allclose(table[["lon", "lat"]].iloc[:1], [YIZHUANG_CORE])
    assert table["status"].tolist() == ["ok", "no point geometry"]


def test_lat_lng_pairs_are_caught_as_swapped(model, tmp_path):
    src = write_csv(tmp_path / "latlng.csv", pd.DataFrame({"location": [f"{y},{x}" for x, y in POINTS]}))
    with pytest.raises(InputError, match="look written \\(lat, lon\\); write them lon first"):
        locate_file(model, src, tmp_path / "o.csv")


def test_statuses_in_chinese():
    for status, zh in (
        ("location not a lon,lat pair (such as 116.48,39.99)", "location 列的值不是“经度,纬度”对，应如 116.48,39.99"),
        (
            "WKT unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
            "WKT 列的值无法读取，应为 WKT 点，如 POINT (116.48 39.99)",
        ),
        (
            "WKT a WKT MULTIPOLYGON where a POINT was expected (such as POINT (116.48 39.99))",
            "WKT 列的值是 WKT MULTIPOLYGON，应为点，如 POINT (116.48 39.99)",
        ),
        ("WKT SRID not that of the CRS read in", "WKT 列的值中的 SRID 不是读取所用坐标系的"),
    ):
        assert written(status_named(status), "en") == status
        assert written(status_named(status), "zh") == f"{zh}（{status}）"


# -- the same file as lon/lat columns and as one column: the same answers -----------------------------------
@pytest.fixture
def twins(tmp_path) -> dict[str, Path]:
    """The same fixes as lon/lat columns, as lon,lat text and as WKT."""
    n = 8
    f = np.linspace(0.0, 1.0, n)
    lon = TIANANMEN[0] + (YIZHUANG_CORE[0] - TIANANMEN[0]) * f
    lat = TIANANMEN[1] + (YIZHUANG_CORE[1] - TIANANMEN[1]) * f
    ts = (pd.Timestamp("2024-05-01 08:00:00") + pd.to_timedelta(np.arange(n) * 60, unit="s")).strftime("%H:%M:%S")
    base = pd.DataFrame({"vehicle": "A", "ts": "2024-05-01 " + ts})
    return {
        "lonlat": write_csv(tmp_path / "lonlat.csv", base.assign(lon=lon, lat=lat)),
        "location": write_csv(tmp_path / "location.csv", base.assign(location=[pair(*p) for p in zip(lon, lat)])),
        "wkt": write_csv(tmp_path / "wkt.csv", base.assign(WKT=[wkt(*p) for p in zip(lon, lat)])),
    }


@pytest.mark.parametrize("kind", ["location", "wkt"])
@pytest.mark.parametrize("crs", [None, "gcj02"])
def test_locate_agrees_with_lon_lat_columns(model, tmp_path, twins, kind, crs):
    opts = {} if crs is None else {"crs": crs}
    locate_file(model, twins["lonlat"], tmp_path / "a.csv", **opts)
    summary = locate_file(model, twins[kind], tmp_path / "b.csv", **opts)
    a, b = pd.read_csv(tmp_path / "a.csv"), pd.read_csv(tmp_path / "b.csv")
    added = [c for c in a.columns if c.startswith("in_")] + ["status"]
    pd.testing.assert_frame_equal(a[added], b[added])
    assert b.columns.tolist()[:3] == ["vehicle", "ts", "location" if kind == "location" else "WKT"]
    assert a["in_core"].any() and not a["in_core"].all()
    text = (tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()[1]
    assert text.split(",")[2].startswith('"116.39' if kind == "location" else "POINT (116.39")  # kept as written
    assert any("points read from column" in str(n) for n in summary.notes)


@pytest.mark.parametrize("kind", ["location", "wkt"])
def test_events_agree_with_lon_lat_columns(tmp_path, twins, kind):
    ok("events", "--input", str(twins["lonlat"]), "--output", str(tmp_path / "a.csv"))
    ok("events", "--input", str(twins[kind]), "--output", str(tmp_path / "b.csv"))
    a, b = pd.read_csv(tmp_path / "a.csv"), pd.read_csv(tmp_path / "b.csv")
    pd.testing.assert_frame_equal(a, b)
    assert ("A", "core", "enter") in set(zip(a["id"], a["zone"], a["event"]))
    assert read_fixes(twins[kind])[["lon", "lat"]].equals(read_fixes(twins["lonlat"])[["lon", "lat"]])


def _map_data(path: Path) -> dict:
    """The JSON the page's own script reads (points), and the vertices of its track lines."""
    text = path.read_text(encoding="utf-8")
    (found,) = re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', text, re.S)
    blobs = re.findall(r"^\s*geo_json_\w+_add\((\{.*\})\);\s*$", text, re.M)
    tracks = [f["geometry"] for b in blobs for f in json.loads(b)["features"] if "track" in f["properties"]]
    return json.loads(found) | {"tracks": tracks}


@pytest.mark.parametrize("kind", ["location", "wkt"])
def test_map_points_and_track_agree_with_lon_lat_columns(tmp_path, twins, kind):
    base = ("--tiles", "none", "--no-base")
    pages = {}
    for name in ("lonlat", kind):
        out = tmp_path / f"{name}.html"
        ok("map", "-o", str(out), *base, "--points", str(twins[name]), "--track", str(twins[name]))
        pages[name] = _map_data(out)
    assert pages["lonlat"]["points"] == pages[kind]["points"] and pages["lonlat"]["points"]["items"]
    assert pages["lonlat"]["tracks"] and pages["lonlat"]["tracks"] == pages[kind]["tracks"]


def test_geojson_to_csv_output_reads_back(model, tmp_path):
    """avzone's own CSV output of a GeoJSON input (its geometries as WKT) is an input again, with the same answers."""
    features = [
        {"type": "Feature", "properties": {"id": i}, "geometry": {"type": "Point", "coordinates": list(p)}}
        for i, p in enumerate(POINTS)
    ]
    features.append({"type": "Feature", "properties": {"id": 9}, "geometry": None})
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    locate_file(model, src, tmp_path / "once.csv")
    summary = locate_file(model, tmp_path / "once.csv", tmp_path / "twice.csv")
    once, twice = pd.read_csv(tmp_path / "once.csv"), pd.read_csv(tmp_path / "twice.csv")
    assert "geometry" in once.columns
    for col in [c for c in once.columns if c.startswith("in_")] + ["status"]:
        pd.testing.assert_series_equal(once[col], twice[f"{col}_2"], check_names=False)
    assert summary.lon_col == summary.lat_col == "geometry"
    assert "4 rows read from " in summary.text() and "(points from column 'geometry';" in summary.text()


def test_summary_names_the_column_in_chinese(tmp_path, twins):
    err = ok("locate", "--input", str(twins["location"]), "--output", str(tmp_path / "o.csv"), "--lang", "zh")
    assert "点取自列 'location'，其中是“经度,纬度”文本对（按列名和前几个值识别" in err


def test_the_point_column_in_another_role_is_refused_naming_how_it_came(tmp_path, twins):
    src = str(twins["location"])
    err = refused("locate", "--input", src, "--output", str(tmp_path / "o.csv"), "--time-col", "location")
    assert "column 'location' is both the time column (--time-col) and the point column (found by its name)" in err
    err = refused("events", "--input", src, "--output", str(tmp_path / "e.csv"), "--id-col", "location",
                  "--point-col", "location")  # fmt: skip
    assert "column 'location' is both the vehicle id column (--id-col) and the point column (--point-col)" in err


def test_the_header_again_in_a_point_column_file(tmp_path):
    """Two files joined together: the second header is a row of no data, as in a file of lon/lat columns."""
    src = tmp_path / "joined.csv"
    src.write_text('id,location\n1,"116.5,39.79"\nid,location\n2,"116.4,39.9"\n', encoding="utf-8")
    assert read_points(src)["status"].tolist() == [
        "ok",
        "the header line again (files joined together?): no data",
        "ok",
    ]


def test_wkt_of_another_type_is_named_by_its_type(tmp_path):
    """A cell of WKT that is no POINT says which geometry it is, not that WKT is no WKT point."""
    cells = [
        "POLYGON ((116 39, 117 39, 117 40, 116 39))",
        "MULTIPOINT ((116.5 39.79))",
        "GEOMETRYCOLLECTION (POINT (1 2))",
        "LINEARRING (116 39, 117 39, 117 40, 116 39)",
        "hello",
    ]
    src = write_csv(tmp_path / "w.csv", pd.DataFrame({"WKT": [wkt(*YIZHUANG_CORE)] * 6 + cells}))
    statuses = read_points(src)["status"].tolist()
    found = [s.split(" where ")[0] for s in statuses[6:]]
    assert found == [
        "WKT a WKT POLYGON",
        "WKT a WKT MULTIPOINT",
        "WKT a WKT GEOMETRYCOLLECTION",
        "WKT a WKT LINEARRING",
        "WKT unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
    ]
    assert not any("not a WKT point" in s for s in statuses)


def test_the_summary_counts_every_row_of_a_status_two_codes_share(model, tmp_path):
    """A point column's lon and lat reasons read alike (``pos not finite`` of a NaN x, and of an infinite y): the
    summary counts the rows of both, as the output's status column holds them."""
    cells = [wkt(*TIANANMEN)] * 4 + ["POINT (nan 39.9)", "POINT (116.4 inf)", "POINT (inf 39.9)"]
    src = write_csv(tmp_path / "p.csv", pd.DataFrame({"pos": cells}))
    summary = locate_file(model, src, tmp_path / "o.csv", point_col="pos")
    statuses = pd.read_csv(tmp_path / "o.csv")["status"]
    assert statuses.value_counts()["pos not finite"] == 3
    assert summary.rejected == {"pos not finite": 3} and summary.to_dict()["rows_by_status"] == {"pos not finite": 3}


def test_a_csv_point_column_is_judged_from_its_first_rows_whatever_the_blocks(tmp_path, model, monkeypatch):
    """A CSV file read in blocks of a few rows: its ``location`` column, empty in the first block and WKT points
    after four pairs, was judged from the first block (not found; or read as pairs); judged from the first
    100,000 rows, every job reads it as the first ten non-empty values say, as with one block."""
    from avzone import batch

    x, y = YIZHUANG_CORE
    cells = [""] * 12 + [pair(x, y)] * 4 + [wkt(x, y)] * 20
    src = tmp_path / "late.csv"
    src.write_text("n,location\n" + "".join(f"{k},{c!r}\n".replace("'", '"') for k, c in enumerate(cells)))
    read = {}
    for block in (1 << 20, 128):
        monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", block)
        with open_source(src) as source:
            assert source.point_col == "location"
            chunks = [c.points.status_text().tolist() for c in source.chunks]
            assert (len(chunks) > 1) == (block == 128)  # (in blocks, or one)
            read[block] = [source.notes, [s for chunk in chunks for s in chunk]]
        read[block].append(read_points(src)["status"].tolist())
    assert [n.text("en") for n in read[128][0]] == [n.text("en") for n in read[1 << 20][0]]
    assert read[128][1] == read[1 << 20][1] == read[128][2] and len(read[128][2]) == len(cells)
    assert "which holds WKT points" in read[128][0][0].text("en")

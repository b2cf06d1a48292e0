"""WKB points in one column of a plain Parquet file (no GeoParquet 'geo' metadata: DuckDB's ``ST_AsWKB``,
Spark/Sedona, ``shapely.to_wkb`` written by pyarrow), or as hex text (PostGIS's geometry written to CSV): read as
points, given by ``--point-col`` or found by a ``geometry``/``wkb`` name, every row kept with its status, alike in
both engines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import TIANANMEN, YIZHUANG_CORE, refused, run_cli

import avzone._pointtext as pointtext
from avzone.batch import locate_file, read_points
from avzone.errors import InputError
from avzone.i18n import Message, Option, error_text
from avzone.tracks import events_file

pytest.importorskip("distributed")

from avzone.distributed import events_parquet_dask, locate_parquet_dask  # (after the skip)

N = 60
#: The rows whose cell is no 2D point, and the status each gets (the column named 'geometry').
ODD = {
    5: "geometry a WKB LINESTRING where a POINT was expected",
    9: "no point geometry",  # (an empty point: WKB writes it as NaN, NaN)
    13: "geometry unreadable: WKB of a POINT was expected",
    17: "no point geometry",  # (a null cell, as a GeoParquet file's null geometry)
    25: "geometry a WKB POLYGON where a POINT was expected",
    29: "geometry a WKB MULTIPOINT where a POINT was expected",
    33: "geometry unreadable: WKB of a POINT was expected",  # (zero bytes: no WKB, not an empty cell, a null is)
}


def _fixes(n: int = N) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """``n`` fixes of 4 vehicles in and around Beijing's zones, 7 minutes apart, and their lon and lat."""
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(116.2, 116.9, n), rng.uniform(39.6, 40.2, n)
    frame = pd.DataFrame(
        {
            "vehicle": [f"v{i % 4}" for i in range(n)],
            "ts": pd.Timestamp("2024-10-18 06:00") + pd.to_timedelta(np.arange(n) * 7, unit="min"),
        }
    )
    return frame, lon, lat


def _wkb_cells(lon: np.ndarray, lat: np.ndarray) -> list[bytes | None]:
    """The points' WKB, with the rows of :data:`ODD` something else, and row 21 a point with a z (kept: dropped
    as a WKT ``POINT Z``'s is)."""
    cells: list[bytes | None] = list(shapely.to_wkb(shapely.points(lon, lat)))
    cells[5] = shapely.to_wkb(shapely.LineString([(116.4, 39.9), (116.5, 39.8)]))
    cells[9] = shapely.to_wkb(shapely.Point())
    cells[13] = b"\x01\x02 no wkb \x00"
    cells[17] = None
    cells[21] = shapely.to_wkb(shapely.Point(lon[21], lat[21], 35.0))
    cells[25] = shapely.to_wkb(shapely.box(116.4, 39.8, 116.5, 39.9))
    cells[29] = shapely.to_wkb(shapely.MultiPoint([(116.4, 39.9)]))
    cells[33] = b""
    return cells


def _wkb_parquet(path, name: str = "geometry", n: int = N):
    """A plain Parquet file (row groups of 15 rows) of fixes whose points are WKB in a binary column ``name``."""
    frame, lon, lat = _fixes(n)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.append_column(name, pa.array(_wkb_cells(lon, lat), pa.binary()))
    pq.write_table(table, path, row_group_size=15)
    assert b"geo" not in (pq.read_schema(path).metadata or {})
    return path, lon, lat


def _summary(report) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("input", "output", "partitions")}


@pytest.mark.parametrize("given", [True, False], ids=["point_col", "found_by_name"])
def test_both_engines_read_a_wkb_column_alike_every_row_kept_with_its_status(tmp_path, model, scheduler, given):
    src, lon, lat = _wkb_parquet(tmp_path / "in.parquet")
    options = {"time_col": "ts", **({"point_col": "geometry"} if given else {})}
    local = locate_file(model, src, tmp_path / "local.parquet", **options)
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1, **options)
    frame = pd.read_parquet(tmp_path / "local.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), frame)
    assert _summary(dask) == _summary(local)
    # every row, in its order, its cell as it was
    assert len(frame) == N and frame["geometry"].tolist() == _wkb_cells(lon, lat)
    for row, status in ODD.items():
        assert frame["status"][row] == status, row
        assert pd.isna(frame["in_core"][row])
    ok = [row for row in range(N) if row not in ODD]
    assert (frame["status"][ok] == "ok").all()
    # the points' answers are those of the same points as lon/lat columns (row 21's z dropped)
    frame_ll, _, _ = _fixes()
    frame_ll["lon"], frame_ll["lat"] = lon, lat
    frame_ll.iloc[ok].to_parquet(tmp_path / "ll.parquet")
    locate_file(model, tmp_path / "ll.parquet", tmp_path / "ll_out.parquet", time_col="ts")
    ll = pd.read_parquet(tmp_path / "ll_out.parquet")
    for column in ("in_core", "in_current", "in_planned", "in_outlook", "zone_in_force", "status"):
        assert frame[column][ok].tolist() == ll[column].tolist(), column
    assert sum(local.to_dict()["rows_by_status"].get(s, 0) for s in set(ODD.values())) == len(ODD)


def test_both_events_engines_follow_vehicles_by_their_wkb_points_alike(tmp_path, model, scheduler):
    src, _, _ = _wkb_parquet(tmp_path / "in.parquet", "wkb")
    options = {"id_col": "vehicle", "time_col": "ts", "point_col": "wkb"}
    local = events_file(model, src, tmp_path / "local.parquet", summary=tmp_path / "local.csv", **options)
    dask = events_parquet_dask(
        model, src, tmp_path / "dask", summary=tmp_path / "dask.csv", scheduler=scheduler, partition_size=1, **options
    )
    keys = ["id", "time", "row_before", "row_after", "event", "zone"]
    got = pd.read_parquet(tmp_path / "dask").sort_values(keys, kind="stable").reset_index(drop=True)
    expected = pd.read_parquet(tmp_path / "local.parquet").sort_values(keys, kind="stable").reset_index(drop=True)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert _summary(dask) == _summary(local)
    assert local.to_dict()["rows_by_status"]["wkb a WKB LINESTRING where a POINT was expected"] == 1


def test_the_statuses_of_cells_that_are_no_wkb_point_in_english_and_chinese(tmp_path):
    src, _, _ = _wkb_parquet(tmp_path / "in.parquet")
    en = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "en.csv"), "--point-col", "geometry")
    assert en.returncode == 0, en.stderr
    assert "  2: geometry unreadable: WKB of a POINT was expected" in en.stderr  # (row 33's zero bytes too)
    assert "  2: no point geometry" in en.stderr
    assert "  1: geometry a WKB LINESTRING where a POINT was expected" in en.stderr
    assert "which holds WKB points (given by --point-col)" in en.stderr
    zh = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "zh.csv"), "--point-col", "geometry",
                 "--lang", "zh")  # fmt: skip
    assert zh.returncode == 0, zh.stderr
    assert "geometry 列的值无法读取，应为 WKB 点（geometry unreadable: WKB of a POINT was expected）" in zh.stderr
    line = "geometry 列的值是 WKB LINESTRING，应为点（geometry a WKB LINESTRING where a POINT was expected）"
    assert line in zh.stderr
    assert "没有点几何（no point geometry）" in zh.stderr
    assert "点取自列 'geometry'，其中是 WKB 点（由 --point-col 指定）" in zh.stderr
    # the CSV written keeps every row, the statuses in English (the file's words do not change with --lang)
    assert pd.read_csv(tmp_path / "zh.csv")["status"].tolist() == pd.read_csv(tmp_path / "en.csv")["status"].tolist()


def test_a_large_wkb_column_is_read_in_a_few_array_passes(tmp_path, monkeypatch):
    # 200,000 rows read by shapely.from_wkb a chunk at a time, not a value at a time
    n = 200_000
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(116.2, 116.9, n), rng.uniform(39.6, 40.2, n)
    cells = shapely.to_wkb(shapely.points(lon, lat))
    cells[::1000] = shapely.to_wkb(shapely.LineString([(116.4, 39.9), (116.5, 39.8)]))
    src = tmp_path / "big.parquet"
    pq.write_table(pa.table({"id": np.arange(n), "wkb": pa.array(cells, pa.binary())}), src)
    sizes: list[int] = []
    from_wkb = shapely.from_wkb

    def counted(values, *args, **kwargs):
        sizes.append(np.size(values))
        return from_wkb(values, *args, **kwargs)

    monkeypatch.setattr(pointtext.shapely, "from_wkb", counted)
    points = read_points(src, point_col="wkb")
    assert len(points) == n
    assert np.allclose(points["lon"][1::1000], lon[1::1000]) and np.allclose(points["lat"][1::1000], lat[1::1000])
    assert points["status"][::1000].eq("wkb a WKB LINESTRING where a POINT was expected").all()
    assert (points["status"] == "ok").sum() == n - n // 1000
    assert sizes and len(sizes) <= 40 and max(sizes) >= 10_000, sizes  # (chunks, not values)


def _utm_wkb(path, srid: int | None = None):
    """Points given in EPSG:32650 metres as WKB (EWKB with ``srid``), and the same as x/y columns."""
    import pyproj

    to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True)
    lons = np.array([YIZHUANG_CORE[0], TIANANMEN[0], 116.6, 116.35])
    lats = np.array([YIZHUANG_CORE[1], TIANANMEN[1], 39.75, 40.05])
    x, y = to_utm.transform(lons, lats)
    geoms = shapely.points(x, y)
    if srid is not None:
        geoms = shapely.set_srid(geoms, srid)
    cells = shapely.to_wkb(geoms, include_srid=srid is not None, flavor="extended" if srid else "iso")
    pq.write_table(pa.table({"id": range(4), "wkb": pa.array(cells, pa.binary())}), path)
    return x, y


def test_crs_is_applied_to_wkb_coordinates(tmp_path, model):
    x, y = _utm_wkb(tmp_path / "utm.parquet")
    pq.write_table(pa.table({"id": range(4), "x": x, "y": y}), tmp_path / "xy.parquet")
    locate_file(model, tmp_path / "utm.parquet", tmp_path / "a.parquet", point_col="wkb", crs="EPSG:32650")
    locate_file(model, tmp_path / "xy.parquet", tmp_path / "b.parquet", crs="EPSG:32650")
    a, b = pd.read_parquet(tmp_path / "a.parquet"), pd.read_parquet(tmp_path / "b.parquet")
    columns = ["in_core", "in_current", "in_planned", "in_outlook", "status"]
    pd.testing.assert_frame_equal(a[columns], b[columns])
    assert a["status"].eq("ok").all() and a["in_core"][0] and not a["in_outlook"][1]
    # without --crs the metres are no lon/lat: the job stops, as for the x/y columns
    assert "EPSG:32650" in refused("locate", "--input", str(tmp_path / "utm.parquet"), "-o",
                                   str(tmp_path / "c.parquet"), "--point-col", "wkb")  # fmt: skip


def test_an_ewkb_srid_is_the_columns_crs_and_one_contradicting_crs_is_refused(tmp_path, model):
    _utm_wkb(tmp_path / "ewkb.parquet", srid=32650)
    _utm_wkb(tmp_path / "plain.parquet")
    locate_file(model, tmp_path / "ewkb.parquet", tmp_path / "a.parquet", point_col="wkb")  # (its SRID: no --crs)
    locate_file(model, tmp_path / "plain.parquet", tmp_path / "b.parquet", point_col="wkb", crs="EPSG:32650")
    columns = ["in_core", "in_current", "in_planned", "in_outlook", "status"]
    a, b = pd.read_parquet(tmp_path / "a.parquet"), pd.read_parquet(tmp_path / "b.parquet")
    pd.testing.assert_frame_equal(a[columns], b[columns])
    with pytest.raises(InputError) as exc:
        locate_file(model, tmp_path / "ewkb.parquet", tmp_path / "c.parquet", point_col="wkb", crs="EPSG:4326")
    assert "column 'wkb' holds points with SRID=32650, but crs= EPSG:4326 was given" in str(exc.value)
    assert "列 'wkb' 中的点的 SRID=32650，但给出的 crs= 是 EPSG:4326" in error_text(exc.value, "zh")
    assert not (tmp_path / "c.parquet").exists()


@pytest.mark.filterwarnings("error::RuntimeWarning")  # (its digits read as WKT overflowed, said by a warning)
def test_hex_wkb_text_as_postgis_writes_a_geometry_to_csv_is_read(tmp_path):
    hexes = shapely.to_wkb(shapely.set_srid(shapely.points([YIZHUANG_CORE, TIANANMEN]), 4326), hex=True,
                           include_srid=True, flavor="extended")  # fmt: skip
    src = tmp_path / "pts.csv"
    src.write_text("id,geom\n" + "".join(f"{i},{h}\n" for i, h in enumerate(hexes)) + "2,0101zz\n3,\n")
    points = read_points(src)  # (found by its name: 'geom')
    assert np.allclose(points[["lon", "lat"]][:2], [YIZHUANG_CORE, TIANANMEN])
    assert points["status"].tolist() == ["ok", "ok", "geom unreadable: WKB of a POINT was expected",
                                         "no point geometry"]  # fmt: skip


def _late_hex(srid: int | None = None) -> list[str]:
    """Hex WKB text (as PostGIS writes it to CSV) with no value in its first 100,000 rows: then a point (EWKB of
    ``srid``), a line, hex that is no WKB, a lon,lat pair and a point of another SRID."""
    first = shapely.Point(*YIZHUANG_CORE) if srid is None else shapely.set_srid(shapely.Point(1.0, 2.0), srid)
    other = shapely.set_srid(shapely.Point(*TIANANMEN), 3857 if srid is None else 4326)
    return [""] * 100_001 + [
        shapely.to_wkb(first, hex=True, include_srid=srid is not None, flavor="extended"),
        shapely.to_wkb(shapely.LineString([(116.4, 39.9), (116.5, 39.8)]), hex=True),
        "0101000000FFFF",
        f"{TIANANMEN[0]},{TIANANMEN[1]}",
        shapely.to_wkb(other, hex=True, include_srid=True, flavor="extended"),
    ]


LATE_HEX = [
    "ok",
    "geom a WKB LINESTRING where a POINT was expected",
    "geom unreadable: WKB of a POINT was expected",
    "ok",
    "geom SRID not that of the CRS read in",
]


@pytest.mark.filterwarnings("error::RuntimeWarning")  # (hex digits read as WKT overflowed, said by a warning)
def test_hex_wkb_text_after_an_empty_first_chunk_of_a_csv_file_is_read_as_wkb(tmp_path, model):
    src = tmp_path / "late.csv"
    src.write_text("id,geom\n" + "".join(f'{i},"{h}"\n' for i, h in enumerate(_late_hex())))
    report = locate_file(model, src, tmp_path / "out.csv", point_col="geom")
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert out["status"][100_000:].tolist() == ["missing geom", *LATE_HEX]
    assert out["in_core"][100_001] == "true" and out["in_core"][100_004] == "false"
    assert out["geom"].tolist() == _late_hex()  # (each cell as it was)
    assert "each value read as a lon,lat pair, a WKT point or WKB" in str(report.notes[0])
    # a first point of another SRID is refused, naming its row, as for WKB bytes
    src.write_text("id,geom\n" + "".join(f'{i},"{h}"\n' for i, h in enumerate(_late_hex(3857))))
    with pytest.raises(InputError) as exc:
        locate_file(model, src, tmp_path / "refused.csv", point_col="geom")
    assert "column 'geom' holds points with SRID=3857 from row 100,001" in str(exc.value)
    assert not (tmp_path / "refused.csv").exists()


@pytest.mark.parametrize("text", [pa.string(), pa.string_view()], ids=str)
def test_hex_wkb_text_after_100000_empty_rows_of_a_parquet_text_column_is_read_alike_by_both_engines(
    tmp_path, model, scheduler, text
):
    src = tmp_path / "late.parquet"
    pq.write_table(pa.table({"id": range(100_006), "geom": pa.array(_late_hex(), text)}), src, row_group_size=25_000)
    assert pq.read_schema(src).field("geom").type == text
    local = locate_file(model, src, tmp_path / "local.parquet", point_col="geom")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, point_col="geom")
    frame = pd.read_parquet(tmp_path / "local.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), frame)
    assert _summary(dask) == _summary(local)
    assert frame["status"][100_001:].tolist() == LATE_HEX


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_point_col_naming_a_geoparquet_geometry_column_reads_it_in_its_declared_crs(tmp_path, model, scheduler, engine):
    # the geometry column a GeoParquet file's 'geo' metadata declares, named by --point-col, is read as without it:
    # in the CRS the metadata declares (here Web Mercator metres), not as WKB of --crs (WGS84 by default)
    gpd = pytest.importorskip("geopandas")
    points = gpd.points_from_xy(*zip(YIZHUANG_CORE, TIANANMEN), crs="EPSG:4326").to_crs("EPSG:3857")
    src = tmp_path / "geo.parquet"
    gpd.GeoDataFrame({"id": [1, 2]}, geometry=points).to_parquet(src)
    run = locate_file if engine == "local" else locate_parquet_dask
    dask = {"scheduler": scheduler} if engine == "dask" else {}
    suffix = ".parquet" if engine == "local" else ""
    run(model, src, tmp_path / f"a{suffix}", point_col="geometry", **dask)
    run(model, src, tmp_path / f"b{suffix}", **dask)
    a, b = pd.read_parquet(tmp_path / f"a{suffix}"), pd.read_parquet(tmp_path / f"b{suffix}")
    pd.testing.assert_frame_equal(a, b)
    assert a["status"].tolist() == ["ok", "ok"] and a["in_core"].tolist() == [True, False]


def _late_wkb(path, srid: int | None = None):
    """A binary column with no value in its first 100,000 rows, then WKB (the first point EWKB of ``srid``), WKB of
    a line, lon,lat text, bytes that are neither (UTF-8, and not), and zero bytes."""
    n = 100_007
    cells: list[bytes | None] = [None] * n
    first = shapely.Point(*YIZHUANG_CORE) if srid is None else shapely.set_srid(shapely.Point(1.0, 2.0), srid)
    cells[100_001] = shapely.to_wkb(first, include_srid=srid is not None, flavor="extended")
    cells[100_002] = shapely.to_wkb(shapely.LineString([(116.4, 39.9), (116.5, 39.8)]))
    cells[100_003] = f"{TIANANMEN[0]},{TIANANMEN[1]}".encode()
    cells[100_004] = b"\x01\x09 no wkb"
    cells[100_005] = b"\xff\x00\x01"
    cells[100_006] = b""
    pq.write_table(pa.table({"id": range(n), "pos": pa.array(cells, pa.binary())}), path, row_group_size=25_000)
    return path


def test_a_point_col_of_wkb_after_100000_empty_rows_is_read_alike_by_both_engines(tmp_path, model, scheduler):
    # a column named with no value in its first rows reads each later value as what it is: WKB too, not as text;
    # a value that is no point is bytes that are no WKB, as its Arrow type (binary) says, not text that is no WKT
    src = _late_wkb(tmp_path / "late.parquet")
    local = locate_file(model, src, tmp_path / "local.parquet", point_col="pos")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, point_col="pos")
    frame = pd.read_parquet(tmp_path / "local.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), frame)
    assert _summary(dask) == _summary(local)
    assert frame["status"][100_000:].tolist() == [
        "no point geometry",  # (a null of a binary column, as in a column of WKB found so from its first rows)
        "ok",
        "pos a WKB LINESTRING where a POINT was expected",
        "ok",
        "pos unreadable: WKB of a POINT was expected",
        "pos unreadable: WKB of a POINT was expected",
        "pos unreadable: WKB of a POINT was expected",  # (zero bytes: a bad value, not an empty one)
    ]
    assert frame["in_core"][100_001] and not frame["in_core"][100_003]
    assert "each value read as a lon,lat pair, a WKT point or WKB" in str(local.notes[0])


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_late_first_ewkb_point_of_another_srid_is_refused_naming_its_row(tmp_path, model, scheduler, engine):
    src = _late_wkb(tmp_path / "late.parquet", srid=3857)
    run = locate_file if engine == "local" else locate_parquet_dask
    dask = {"scheduler": scheduler} if engine == "dask" else {}
    out = tmp_path / ("out.parquet" if engine == "local" else "out")
    with pytest.raises(InputError) as exc:
        run(model, src, out, point_col="pos", **dask)
    assert "column 'pos' holds points with SRID=3857 from row 100,001" in str(exc.value)
    assert "run again with crs='EPSG:3857'" in str(exc.value)
    assert not out.exists()


def test_point_col_naming_a_text_column_of_a_geoparquet_file_of_lines_reads_that_column(tmp_path, model):
    # (the file's GeoArrow lines, which hold no points, are not read, nor refused: the column named is)
    gpd = pytest.importorskip("geopandas")
    lines = [shapely.LineString([YIZHUANG_CORE, TIANANMEN])] * 2
    frame = gpd.GeoDataFrame({"location": [f"{x},{y}" for x, y in (YIZHUANG_CORE, TIANANMEN)]}, geometry=lines,
                             crs="EPSG:4326")  # fmt: skip
    src = tmp_path / "lines.parquet"
    frame.to_parquet(src, geometry_encoding="geoarrow")
    locate_file(model, src, tmp_path / "out.parquet", point_col="location")
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert out["status"].tolist() == ["ok", "ok"] and out["in_core"].tolist() == [True, False]


def test_the_chinese_note_spaces_wkt_and_wkb_as_its_other_words_do():
    # a space between a Chinese character and WKT/WKB, none before a full-width quote (the pair's)
    how = Message("point_col_given", option=Option("point_col"))
    notes = {
        kind: Message("note_point_col", column="g", kind=Message(f"point_kind_{kind}"), how=how).text("zh")
        for kind in ("pair", "wkt", "wkb")
    }
    assert notes["wkb"].startswith("点取自列 'g'，其中是 WKB 点（")
    assert notes["wkt"].startswith("点取自列 'g'，其中是 WKT 点（")
    assert notes["pair"].startswith("点取自列 'g'，其中是“经度,纬度”文本对（")
    srid = Message("note_point_col_srid", column="g", kind=Message("point_kind_wkb"), srid=3857, how=how).text("zh")
    assert srid.startswith("点取自列 'g'，其中是 WKB 点，SRID=3857（")
    english = Message("note_point_col_srid", column="g", kind=Message("point_kind_wkb"), srid=3857, how=how)
    assert english.text("en").startswith("points read from column 'g', which holds WKB points with SRID=3857 (")


def _two_geometries(path):
    """A GeoParquet file of two geometry columns: 'geometry' (primary, WGS84) and 'metres' (the same points in Web
    Mercator), each with its own declared CRS."""
    gpd = pytest.importorskip("geopandas")
    points = gpd.points_from_xy(*zip(YIZHUANG_CORE, TIANANMEN), crs="EPSG:4326")
    frame = gpd.GeoDataFrame({"id": [1, 2], "metres": gpd.GeoSeries(points).to_crs("EPSG:3857")}, geometry=points)
    frame.to_parquet(path)
    import json

    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and set(geo["columns"]) == {"geometry", "metres"}
    return path


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_point_col_naming_a_second_geoparquet_geometry_column_reads_it_in_its_declared_crs(
    tmp_path, model, scheduler, engine
):
    # a geometry column the 'geo' metadata lists besides the primary one: in the CRS declared for it (metres), as
    # the primary one is read, not as WKB in --crs (WGS84 by default)
    src = _two_geometries(tmp_path / "two.parquet")
    run = locate_file if engine == "local" else locate_parquet_dask
    dask = {"scheduler": scheduler} if engine == "dask" else {}
    out = tmp_path / ("a.parquet" if engine == "local" else "a")
    report = run(model, src, out, point_col="metres", **dask)
    frame = pd.read_parquet(out)
    assert frame["status"].tolist() == ["ok", "ok"] and frame["in_core"].tolist() == [True, False]
    assert report.lon_col == report.lat_col == "metres"
    # a --crs that contradicts the one declared for it is refused, as for the primary column, naming the column
    with pytest.raises(InputError) as exc:
        run(model, src, tmp_path / ("b.parquet" if engine == "local" else "b"), point_col="metres", crs="EPSG:4326",
            **dask)  # fmt: skip
    assert "contradicts the CRS the file declares for its geometry column 'metres' (EPSG:3857 (" in str(exc.value)
    assert "与文件为几何列 'metres' 声明的坐标系（EPSG:3857（" in error_text(exc.value, "zh")
    with pytest.raises(InputError) as primary:
        run(model, src, tmp_path / ("c.parquet" if engine == "local" else "c"), crs="EPSG:3857", **dask)
    assert "for its geometry column 'geometry'" in str(primary.value)
    # ... and read in it with --override-crs, as the primary column is (the note says so)
    shifted = run(model, src, tmp_path / ("d.parquet" if engine == "local" else "d"), point_col="metres",
                  crs="EPSG:3857", override_crs=True, **dask)  # fmt: skip
    assert pd.read_parquet(tmp_path / ("d.parquet" if engine == "local" else "d"))["in_core"].tolist() == [True, False]
    assert any("override" in str(note) for note in shifted.notes)


@pytest.mark.parametrize("late", [False, True], ids=["", "after_100000_nulls"])
@pytest.mark.parametrize("engine", ["local", "dask"])
@pytest.mark.parametrize("kind", ["fixed_size_binary", "large_binary", "binary_view"])
def test_wkb_in_every_arrow_binary_type_is_read_by_both_engines(tmp_path, model, scheduler, kind, engine, late):
    # 2D WKB points are 21 bytes each: fixed_size_binary(21) holds them (and none of zero bytes), as DuckDB can write
    lons, lats = np.array([YIZHUANG_CORE[0], TIANANMEN[0], 116.6]), np.array([YIZHUANG_CORE[1], TIANANMEN[1], 39.75])
    cells = [*shapely.to_wkb(shapely.points(lons, lats)), None, b"\x01\x09 no wkb point \x00\x00\x00\x00\x00"]
    before = 100_000 if late else 0  # (late: a column read value by value, its kind unknown from its first rows)
    arrow = {"fixed_size_binary": pa.binary(21), "large_binary": pa.large_binary(), "binary_view": pa.binary_view()}
    src = tmp_path / "in.parquet"
    table = pa.table({"id": range(before + 5), "wkb": pa.array([None] * before + cells, arrow[kind])})
    pq.write_table(table, src, row_group_size=25_000)
    assert pq.read_schema(src).field("wkb").type == arrow[kind]
    run = locate_file if engine == "local" else locate_parquet_dask
    dask = {"scheduler": scheduler} if engine == "dask" else {}
    out = tmp_path / ("out.parquet" if engine == "local" else "out")
    run(model, src, out, **dask, **({"point_col": "wkb"} if late else {}))  # (else found by its name)
    frame = pd.read_parquet(out)[before:]
    assert frame["status"].tolist() == ["ok", "ok", "ok", "no point geometry",
                                        "wkb unreadable: WKB of a POINT was expected"]  # fmt: skip
    assert frame["in_core"].tolist()[:2] == [True, False]
    assert frame["wkb"].tolist() == cells  # (each cell as it was)


@pytest.mark.parametrize("kind", [pa.binary(21), pa.binary_view(), pa.string_view()], ids=str)
def test_a_column_of_any_bytes_or_text_type_empty_in_its_first_chunks_is_looked_at_in_its_first_100000_rows(
    tmp_path, model, kind
):
    # a fixed_size_binary or view column was not waited for: its first chunk alone (here 20,000 nulls) judged it,
    # and the note said the column had no value in "its 20,000 rows", where the file has more
    point = shapely.to_wkb(shapely.Point(*YIZHUANG_CORE), hex=pa.types.is_string_view(kind))
    cells = [None] * 100_000 + [point] * 3
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": range(len(cells)), "pos": pa.array(cells, kind)}), src, row_group_size=20_000)
    report = locate_file(model, src, tmp_path / "out.parquet", point_col="pos", chunk_rows=20_000)
    assert "which has no value in its first 100,000 rows" in str(report.notes[0]), report.notes[0]
    assert pd.read_parquet(tmp_path / "out.parquet")["status"][100_000:].eq("ok").all()

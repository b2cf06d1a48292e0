"""GeoParquet points in GeoArrow's encoding (GeoParquet 1.1 ``"encoding": "point"``) are read as their WKB are.

geopandas writes them with ``to_parquet(..., geometry_encoding="geoarrow")``: a struct<x, y> column
("separated"); GeoArrow's other layout, a fixed-size list of x, y ("interleaved"), is read too. Every reader
of GeoParquet points (``avzone locate``/``events``, local and Dask, ``locate_file``, ``events_file``,
``read_points``, ``read_fixes``) refused them ("geometry encoding 'point' is not supported"). They now give
the answers, statuses and outputs the same points written as WKB give, row for row; a Parquet output keeps
the GeoArrow column and its ``geo`` metadata as they are, and the other GeoArrow encodings, which hold no
points, are refused naming the file, the column and the encoding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from common import TIANANMEN, YIZHUANG_CORE, run_cli

from avzone.batch import locate_file, read_fixes, read_points
from avzone.crs import shifted_crs, wgs84_to_gcj02
from avzone.errors import InputError
from avzone.fleet import synthetic_fleet
from avzone.i18n import error_text
from avzone.tracks import events_file

gpd = pytest.importorskip("geopandas")
shapely = pytest.importorskip("shapely")

#: Rows with no point: a null geometry and an empty point (NaN, NaN in both encodings).
NULL_ROWS, EMPTY_ROWS = (3, 41), (7,)
CRSS = ["EPSG:4326", "EPSG:32650", "gcj02"]
LAYOUTS = ["separated", "interleaved"]


@pytest.fixture(scope="module")
def fleet(model) -> Any:
    """Fixes of three vehicles in WGS84, some rows without a point."""
    fixes = synthetic_fleet(model, vehicles=3, fixes=30, seed=2)
    geoms = list(gpd.points_from_xy(fixes.lon, fixes.lat))
    for i in NULL_ROWS:
        geoms[i] = None
    for i in EMPTY_ROWS:
        geoms[i] = shapely.Point()
    return gpd.GeoDataFrame(fixes[["vehicle", "ts"]], geometry=geoms, crs="EPSG:4326")


def _in(frame: Any, crs: str) -> Any:
    """``frame``'s points in ``crs`` (GCJ-02 shifted, declared as ``avzone export`` declares it)."""
    if crs != "gcj02":
        return frame.to_crs(crs)
    xy = shapely.get_coordinates(frame.geometry.values)
    lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
    moved = shapely.set_coordinates(np.array(frame.geometry.values, dtype=object), np.column_stack([lon, lat]))
    return gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=list(moved), crs=shifted_crs("gcj02"))


def _interleaved(src: Path, dst: Path, row_group_size: int) -> None:
    """The GeoArrow file ``src`` with its points as a fixed_size_list<xy: double>[2] (``xyz``, [3], for points with
    a z; same rows, nulls, ``geo``)."""
    table = pq.read_table(src)
    col = table.column("geometry").combine_chunks()
    dims = "".join(f.name for f in col.type)
    xy = np.column_stack([pc.struct_field(col, [i]).to_numpy(zero_copy_only=False) for i in range(len(dims))])
    kind = pa.list_(pa.field(dims, pa.float64(), nullable=False), len(dims))
    points = pa.FixedSizeListArray.from_arrays(pa.array(xy.ravel()), type=kind, mask=col.is_null())
    at = table.schema.get_field_index("geometry")
    pq.write_table(table.set_column(at, "geometry", points), dst, row_group_size=row_group_size)
    assert pq.read_schema(dst).field("geometry").type == kind


def _files(tmp_path: Path, frame: Any, layout: str = "separated", row_group_size: int = 25) -> tuple[Path, Path]:
    """``frame`` written as WKB and as GeoArrow points (``layout``), in row groups of ``row_group_size``."""
    wkb, geoarrow = tmp_path / "wkb.parquet", tmp_path / "geoarrow.parquet"
    frame.to_parquet(wkb, row_group_size=row_group_size)
    frame.to_parquet(geoarrow, geometry_encoding="geoarrow", row_group_size=row_group_size)
    if layout == "interleaved":
        _interleaved(geoarrow, geoarrow, row_group_size)
    assert json.loads(pq.read_schema(geoarrow).metadata[b"geo"])["columns"]["geometry"]["encoding"] == "point"
    assert pq.ParquetFile(geoarrow).metadata.num_row_groups > 1
    return wkb, geoarrow


def _same_points(a: pa.ChunkedArray, b: pa.ChunkedArray) -> bool:
    """Two GeoArrow columns hold the same points (NaN equal to NaN, nulls where they are)."""
    return str(a.to_pylist()) == str(b.to_pylist()) and a.type == b.type


# -- the local file jobs and readers ------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("crs", CRSS)
def test_locate_reads_geoarrow_points_as_the_same_points_written_as_wkb(model, fleet, tmp_path, crs, layout):
    frame = _in(fleet, crs)
    wkb, geoarrow = _files(tmp_path, frame, layout)
    for ext in ("csv", "geojson", "parquet"):
        locate_file(model, wkb, tmp_path / f"wkb.out.{ext}", chunk_rows=7)
        locate_file(model, geoarrow, tmp_path / f"geoarrow.out.{ext}", chunk_rows=7)
    # CSV and GeoJSON write the geometry as text: the same text, every cell, every feature
    for ext in ("csv", "geojson"):
        assert (tmp_path / f"geoarrow.out.{ext}").read_bytes() == (tmp_path / f"wkb.out.{ext}").read_bytes(), ext
    # Parquet keeps the input's geometry column as it is: GeoArrow points, their 'geo' metadata unchanged
    got, want = pq.read_table(tmp_path / "geoarrow.out.parquet"), pq.read_table(tmp_path / "wkb.out.parquet")
    assert got.column_names == want.column_names
    assert got.drop_columns("geometry").equals(want.drop_columns("geometry"))
    held = pq.read_table(geoarrow)
    assert _same_points(got.column("geometry"), held.column("geometry"))
    assert got.schema.metadata[b"geo"] == held.schema.metadata[b"geo"]
    status = got.column("status").to_pylist()
    assert [status[i] for i in (*NULL_ROWS, *EMPTY_ROWS)] == ["no point geometry"] * 3
    assert status.count("ok") == len(status) - 3
    if layout == "separated":  # (geopandas reads the separated layout back: the same points, in the same CRS)
        back = gpd.read_parquet(tmp_path / "geoarrow.out.parquet")
        assert back.crs == frame.crs and back.geometry.to_wkt().equals(frame.geometry.to_wkt())
    # the library's readers: the same rows, positions and statuses
    pd.testing.assert_frame_equal(read_points(geoarrow), read_points(wkb))
    pd.testing.assert_frame_equal(read_fixes(geoarrow), read_fixes(wkb))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_cli_locates_and_finds_events_in_geoarrow_points_as_in_wkb(fleet, tmp_path, layout):
    wkb, geoarrow = _files(tmp_path, _in(fleet, "EPSG:32650"), layout, row_group_size=10)
    for src in (wkb, geoarrow):
        r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / f"{src.stem}.csv"))
        assert r.returncode == 0, r.stderr
        assert "points from geometry column 'geometry'" in r.stderr
        r = run_cli(
            "events", "--input", str(src), "--output", str(tmp_path / f"{src.stem}.events.csv"), "--id-col",
            "vehicle", "--chunk-rows", "6", "--annotate", str(tmp_path / f"{src.stem}.rows.csv"),
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
    for name in ("csv", "events.csv", "rows.csv"):
        assert (tmp_path / f"geoarrow.{name}").read_bytes() == (tmp_path / f"wkb.{name}").read_bytes(), name
    events = pd.read_csv(tmp_path / "geoarrow.events.csv")
    assert len(events) > 0 and set(events["event"]) >= {"enter", "exit"}
    rows = pd.read_csv(tmp_path / "geoarrow.rows.csv")
    assert [rows["status"][i] for i in (*NULL_ROWS, *EMPTY_ROWS)] == ["no point geometry"] * 3


def test_events_annotate_keeps_the_geoarrow_column_and_its_metadata(model, fleet, tmp_path):
    wkb, geoarrow = _files(tmp_path, fleet)
    got = events_file(model, geoarrow, tmp_path / "ga.csv", annotate=tmp_path / "ga.rows.parquet", chunk_rows=9)
    want = events_file(model, wkb, tmp_path / "wkb.csv", annotate=tmp_path / "wkb.rows.parquet", chunk_rows=9)
    assert got.to_dict() | {"input": "", "output": ""} == want.to_dict() | {"input": "", "output": ""}
    assert (tmp_path / "ga.csv").read_bytes() == (tmp_path / "wkb.csv").read_bytes()
    rows, held = pq.read_table(tmp_path / "ga.rows.parquet"), pq.read_table(geoarrow)
    assert rows.drop_columns("geometry").equals(pq.read_table(tmp_path / "wkb.rows.parquet").drop_columns("geometry"))
    assert _same_points(rows.column("geometry"), held.column("geometry"))
    assert rows.schema.metadata[b"geo"] == held.schema.metadata[b"geo"]


def test_geoarrow_points_with_z_are_located_by_x_and_y(model, tmp_path):
    # geopandas writes a struct<x, y, z> when the points have a z: read by x and y, written to CSV as POINT Z, as WKB
    frame = gpd.GeoDataFrame(
        {"n": [0, 1, 2]},
        geometry=[shapely.Point(*YIZHUANG_CORE, 31.5), None, shapely.Point(*TIANANMEN, 44.0)],
        crs="EPSG:4326",
    )
    wkb, geoarrow = _files(tmp_path, frame, row_group_size=2)
    assert [f.name for f in pq.read_schema(geoarrow).field("geometry").type] == ["x", "y", "z"]
    for src in (wkb, geoarrow):
        locate_file(model, src, tmp_path / f"{src.stem}.csv")
    assert (tmp_path / "geoarrow.csv").read_bytes() == (tmp_path / "wkb.csv").read_bytes()
    out = pd.read_csv(tmp_path / "geoarrow.csv")
    assert out["status"].tolist() == ["ok", "no point geometry", "ok"]
    assert out["in_core"].tolist()[::2] == [True, False] and out["geometry"][0] == "POINT Z (116.5 39.79 31.5)"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_geoarrow_points_with_and_without_z_are_written_as_wkb_writes_them(model, tmp_path, layout):
    # 2D and 3D points in one column: GeoArrow gives every point a z, NaN for the 2D ones (the 'geo' metadata
    # lists 'Point' and 'Point Z'); CSV wrote those as POINT Z (x y NaN), GeoJSON's note of a row's place [x, y, NaN]
    frame = gpd.GeoDataFrame(
        {"n": [0, 1, 2, 3, 4]},
        geometry=[
            shapely.Point(*YIZHUANG_CORE),
            shapely.Point(*TIANANMEN, 44.0),
            None,
            shapely.Point(),
            shapely.Point(*YIZHUANG_CORE[::-1]),  # (swapped: its GeoJSON feature keeps the geometry read)
        ],
        crs="EPSG:4326",
    )
    wkb, geoarrow = _files(tmp_path, frame, layout, row_group_size=2)
    assert json.loads(pq.read_schema(geoarrow).metadata[b"geo"])["columns"]["geometry"]["geometry_types"] == [
        "Point",
        "Point Z",
    ]
    for src in (wkb, geoarrow):
        for ext in ("csv", "geojson"):
            locate_file(model, src, tmp_path / f"{src.stem}.out.{ext}", chunk_rows=3)
    for ext in ("csv", "geojson"):
        assert (tmp_path / f"geoarrow.out.{ext}").read_bytes() == (tmp_path / f"wkb.out.{ext}").read_bytes(), ext
    out = pd.read_csv(tmp_path / "geoarrow.out.csv", keep_default_na=False)
    assert out["n"].tolist() == [0, 1, 2, 3, 4]
    assert out["geometry"].tolist()[:2] == ["POINT (116.5 39.79)", "POINT Z (116.3975 39.9087 44)"]
    assert out["geometry"][3] == "POINT EMPTY" and "NaN" not in (tmp_path / "geoarrow.out.csv").read_text()


def test_geoarrow_points_all_with_z_keep_a_nan_z_as_wkb_does(model, tmp_path):
    # the 'geo' metadata lists only 'Point Z': a NaN z is the point's own (a WKB file holds POINT Z (x y NaN) too)
    frame = gpd.GeoDataFrame(
        {"n": [0, 1]}, geometry=[shapely.Point(*YIZHUANG_CORE, np.nan), shapely.Point(*TIANANMEN, 44.0)], crs=4326
    )
    wkb, geoarrow = _files(tmp_path, frame, row_group_size=1)
    assert json.loads(pq.read_schema(geoarrow).metadata[b"geo"])["columns"]["geometry"]["geometry_types"] == ["Point Z"]
    for src in (wkb, geoarrow):
        locate_file(model, src, tmp_path / f"{src.stem}.csv")
    assert (tmp_path / "geoarrow.csv").read_bytes() == (tmp_path / "wkb.csv").read_bytes()
    assert pd.read_csv(tmp_path / "geoarrow.csv")["geometry"][0] == "POINT Z (116.5 39.79 NaN)"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_swapped_point_with_a_nan_z_keeps_its_place_in_geojson(model, tmp_path, layout):
    # a row's own geometry in a GeoJSON output (here a swapped point) whose z is NaN: no JSON position holds a NaN,
    # and the job failed writing it (WKB and GeoArrow alike); it is written without the z, which was none
    frame = gpd.GeoDataFrame(
        {"n": [0, 1]}, geometry=[shapely.Point(*YIZHUANG_CORE[::-1], np.nan), shapely.Point(*TIANANMEN, 44.0)], crs=4326
    )
    wkb, geoarrow = _files(tmp_path, frame, layout, row_group_size=1)
    for src in (wkb, geoarrow):
        locate_file(model, src, tmp_path / f"{src.stem}.geojson")
    assert (tmp_path / "geoarrow.geojson").read_bytes() == (tmp_path / "wkb.geojson").read_bytes()
    features = json.loads((tmp_path / "wkb.geojson").read_text())["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [39.79, 116.5]}
    assert features[0]["properties"]["status"] != "ok" and features[1]["properties"]["status"] == "ok"


def test_a_declared_crs_meets_crs_as_for_wkb(fleet, tmp_path):
    # the one rule (avzone.crs.declared_or_given): --crs contradicting the declared CRS is refused, the same words
    wkb, geoarrow = _files(tmp_path, _in(fleet, "EPSG:32650"))
    said = {}
    for src in (wkb, geoarrow):
        r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--crs", "gcj02")
        assert r.returncode == 2 and not (tmp_path / "out.csv").exists()
        said[src.stem] = r.stderr.replace(str(src), "FILE")
    assert said["geoarrow"] == said["wkb"] and "EPSG:32650" in said["wkb"] and "--override-crs" in said["wkb"]


def test_geoarrow_points_labelled_wgs84_are_read_in_an_overriding_crs_as_wkb_are(fleet, tmp_path):
    # GCJ-02 numbers labelled EPSG:4326 (what GIS tools that know no GCJ-02 write): --crs gcj02 --override-crs
    mislabelled = _in(fleet, "gcj02").set_crs("EPSG:4326", allow_override=True)
    wkb, geoarrow = _files(tmp_path, mislabelled)
    for src in (wkb, geoarrow):
        for ext in ("csv", "parquet"):
            dst = tmp_path / f"{src.stem}.out.{ext}"
            r = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs")
            assert r.returncode == 0 and "--override-crs: the geometries were read in gcj02" in r.stderr, r.stderr
    assert (tmp_path / "geoarrow.out.csv").read_bytes() == (tmp_path / "wkb.out.csv").read_bytes()
    got, want = pq.read_table(tmp_path / "geoarrow.out.parquet"), pq.read_table(tmp_path / "wkb.out.parquet")
    assert got.drop_columns("geometry").equals(want.drop_columns("geometry"))
    # the output declares the CRS the points were read in, as the WKB file's does; the points are as they were
    assert json.loads(got.schema.metadata[b"geo"])["columns"]["geometry"]["crs"]["name"] == "GCJ-02"
    assert json.loads(got.schema.metadata[b"geo"])["columns"]["geometry"]["encoding"] == "point"
    assert _same_points(got.column("geometry"), pq.read_table(geoarrow).column("geometry"))


# -- the Dask engine ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process (threads)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_dask_engine_reads_geoarrow_parts_as_the_local_job_reads_wkb(model, fleet, tmp_path, cluster, layout):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    frame = _in(fleet, "EPSG:32650")
    wkb, geoarrow = _files(tmp_path, frame, layout)
    folder = tmp_path / "parts"
    folder.mkdir()
    whole = pq.read_table(geoarrow)
    pq.write_table(whole.slice(0, 40), folder / "part.0.parquet", row_group_size=15)
    pq.write_table(whole.slice(40), folder / "part.1.parquet", row_group_size=15)
    local = locate_file(model, wkb, tmp_path / "local.parquet")
    dask = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    assert dask.to_dict() | {"input": "", "output": ""} == local.to_dict() | {"input": "", "output": ""}
    got, want = pq.read_table(tmp_path / "out"), pq.read_table(tmp_path / "local.parquet")
    assert got.drop_columns("geometry").equals(want.drop_columns("geometry"))
    assert _same_points(got.column("geometry"), whole.column("geometry"))
    assert got.schema.metadata[b"geo"] == whole.schema.metadata[b"geo"]
    events_file(model, wkb, tmp_path / "local.events.parquet")
    events_parquet_dask(model, folder, tmp_path / "events", scheduler=cluster.scheduler_address, id_col="vehicle")
    keys = ["id", "zone", "time", "event"]
    dask_events = pd.read_parquet(tmp_path / "events").sort_values(keys, ignore_index=True)
    local_events = pd.read_parquet(tmp_path / "local.events.parquet").sort_values(keys, ignore_index=True)
    assert len(local_events) > 0
    pd.testing.assert_frame_equal(dask_events, local_events, check_dtype=False)


# -- refusals ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "geometry",
    [
        shapely.box(116.49, 39.78, 116.51, 39.80),
        shapely.LineString([YIZHUANG_CORE, TIANANMEN]),
        shapely.MultiPoint([YIZHUANG_CORE, TIANANMEN]),
    ],
    ids=["polygon", "linestring", "multipoint"],
)
def test_geoarrow_encodings_that_hold_no_points_are_refused_naming_file_column_encoding(model, tmp_path, geometry):
    encoding = geometry.geom_type.lower()
    frame = gpd.GeoDataFrame({"vehicle": ["a", "a"], "ts": ["2024-07-01 08:00", "2024-07-01 08:01"]},
                             geometry=[geometry, None], crs="EPSG:4326")  # fmt: skip
    src = tmp_path / "shapes.parquet"
    frame.to_parquet(src, geometry_encoding="geoarrow")
    said = f"{src}: geometry column 'geometry' is encoded as GeoArrow '{encoding}', which holds no points"
    for read in (
        lambda: locate_file(model, src, tmp_path / "out.csv"),
        lambda: events_file(model, src, tmp_path / "events.csv"),
        lambda: read_points(src),
    ):
        with pytest.raises(InputError, match="which holds no points") as err:
            read()
        assert str(err.value).startswith(said) and "lon_col=/lat_col=" in str(err.value)
        assert f"编码是 GeoArrow '{encoding}'，其中没有点" in error_text(err.value, "zh")
    r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert r.returncode == 2 and said in r.stderr and "Traceback" not in r.stderr
    assert "--lon-col/--lat-col" in r.stderr and "lon_col=" not in r.stderr
    assert not (tmp_path / "out.csv").exists()
    from avzone.distributed import locate_parquet_dask

    with pytest.raises(InputError, match="which holds no points"):  # (before any cluster starts)
        locate_parquet_dask(model, src, tmp_path / "dask")
    # the points themselves, given as coordinate columns, are read (the geometry column is carried through)
    frame["lon"], frame["lat"] = [116.5, 116.3975], [39.79, 39.9087]
    frame.to_parquet(src, geometry_encoding="geoarrow")
    locate_file(model, src, tmp_path / "out.csv", lon_col="lon", lat_col="lat")
    assert pd.read_csv(tmp_path / "out.csv")["status"].tolist() == ["ok", "ok"]


def _relabelled(src: Path, column: pa.Array, encoding: str) -> None:
    """``src`` with its geometry column replaced by ``column`` and declared in ``encoding``."""
    table = pq.read_table(src)
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"]["geometry"]["encoding"] = encoding
    table = table.set_column(table.schema.get_field_index("geometry"), "geometry", column)
    pq.write_table(table.replace_schema_metadata({b"geo": json.dumps(geo).encode()}), src)


@pytest.mark.parametrize(
    ("column", "encoding", "said"),
    [
        (pa.array([b"\x01", None]), "point", "is declared GeoArrow 'point' but its type is binary"),
        (
            pa.array([{"lon": 116.5, "lat": 39.79}, None]),
            "point",
            "is declared GeoArrow 'point' but its type is struct<lon: double, lat: double>",
        ),
        (
            pa.array([{"x": 116, "y": 39}, None], pa.struct([("x", pa.int64()), ("y", pa.int64())])),
            "point",
            "is declared GeoArrow 'point' but its type is struct<x: int64, y: int64>",
        ),
        (
            pa.array([[116.5, 39.79, 0, 0, 0], None], pa.list_(pa.float64(), 5)),
            "point",
            "is declared GeoArrow 'point' but its type is fixed_size_list<element: double>[5]",
        ),
        (
            pa.array([{"x": 116.5, "y": 39.79}, None]),
            "WKB",
            "is declared WKB but its type is struct<x: double, y: double>, which holds no WKB",
        ),
    ],
    ids=["point-binary", "point-lonlat", "point-integers", "point-five", "wkb-struct"],
)
def test_a_geometry_column_whose_type_is_not_its_encodings_is_refused(model, tmp_path, column, encoding, said):
    src = tmp_path / "odd.parquet"
    gpd.GeoDataFrame({"n": [0, 1]}, geometry=[shapely.Point(YIZHUANG_CORE), None], crs="EPSG:4326").to_parquet(src)
    _relabelled(src, column, encoding)
    with pytest.raises(InputError, match="geometry column 'geometry' " + said.replace("[", r"\[")) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value).startswith(f"{src}: ") and "几何列 'geometry'" in error_text(err.value, "zh")


def test_the_map_draws_geoarrow_points_and_tracks_as_it_draws_wkb(fleet, tmp_path):
    # avzone map --points / --track read the files with read_points / read_fixes: the same rows drawn, the same notes
    wkb, geoarrow = _files(tmp_path, _in(fleet, "EPSG:32650"))
    said = {}
    for src in (wkb, geoarrow):
        for option, *extra in (("--points",), ("--track", "--id-col", "vehicle")):
            r = run_cli("map", option, str(src), "-o", str(tmp_path / f"{src.stem}{option}.html"), *extra)
            assert r.returncode == 0, r.stderr
            said[src.stem, option] = r.stderr.replace(str(src), "FILE")
    assert said["geoarrow", "--points"] == said["wkb", "--points"] and "3 of 90" in said["wkb", "--points"]
    assert said["geoarrow", "--track"] == said["wkb", "--track"]


_XY = pa.struct([("x", pa.float64()), ("y", pa.float64())])


class _PointType(pa.ExtensionType):
    """A stand-in for the ``geoarrow.point`` extension type the ``geoarrow-pyarrow`` package registers."""

    def __init__(self, storage: pa.DataType = _XY):
        super().__init__(storage, "geoarrow.point")

    def __arrow_ext_serialize__(self) -> bytes:
        return b""

    @classmethod
    def __arrow_ext_deserialize__(cls, storage_type: pa.DataType, serialized: bytes) -> _PointType:
        return cls(storage_type)


def test_geoarrow_points_read_as_a_registered_extension_type_are_read_by_their_storage(model, fleet, tmp_path):
    # with geoarrow-pyarrow imported, pyarrow reads geopandas' column as the extension type geoarrow.point
    wkb, geoarrow = _files(tmp_path, fleet)
    pa.register_extension_type(_PointType())
    try:
        assert isinstance(pq.read_schema(geoarrow).field("geometry").type, _PointType)
        for ext in ("csv", "parquet"):
            locate_file(model, geoarrow, tmp_path / f"ext.{ext}", chunk_rows=11)
    finally:
        pa.unregister_extension_type("geoarrow.point")
    for ext in ("csv", "parquet"):
        locate_file(model, wkb, tmp_path / f"wkb.out.{ext}", chunk_rows=11)
    assert (tmp_path / "ext.csv").read_bytes() == (tmp_path / "wkb.out.csv").read_bytes()
    got, want = pq.read_table(tmp_path / "ext.parquet"), pq.read_table(tmp_path / "wkb.out.parquet")
    assert got.drop_columns("geometry").equals(want.drop_columns("geometry"))
    assert _same_points(got.column("geometry"), pq.read_table(geoarrow).column("geometry"))


@pytest.mark.parametrize("events", [False, True], ids=["locate", "events"])
def test_dask_parts_of_points_with_and_without_z_are_refused_naming_two(model, tmp_path, events):
    # geopandas writes struct<x, y, z> for a part with a z: Arrow promotes the two structs to one it cannot cast the
    # x, y parts to, and the job stopped on a worker with Arrow's "struct fields don't match"
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    folder = tmp_path / "parts"
    folder.mkdir()
    for k, point in enumerate([shapely.Point(*YIZHUANG_CORE), shapely.Point(*TIANANMEN, 44.0)]):
        frame = gpd.GeoDataFrame({"vehicle": ["a"], "ts": [f"2024-07-01 08:0{k}"]}, geometry=[point], crs="EPSG:4326")
        frame.to_parquet(folder / f"part.{k}.parquet", geometry_encoding="geoarrow")
    job = events_parquet_dask if events else locate_parquet_dask
    with pytest.raises(
        InputError, match="column 'geometry' is struct<x: double not null, y: double not null, z"
    ) as err:
        job(model, folder, tmp_path / "out")  # (before any cluster starts)
    assert str(folder / "part.0.parquet") in str(err.value) and str(folder / "part.1.parquet") in str(err.value)
    assert "write it as one type in every part" in str(err.value) and not (tmp_path / "out").exists()

"""The dask locate engine's GeoPackage output equals the local engine's for the same Parquet file.

Over the inputs of tests/test_dask_parity.py (each one Parquet file of row groups of 15 rows, read by the dask engine
in partitions of one row group): the layer's name, CRS, geometry column, fields and their types, and every feature,
its fields and geometry, in order. GDAL writes a GeoPackage from one process: the workers locate the partitions and
the command's process writes them, in order, through the local job's writer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
from common import YIZHUANG_CORE, run_cli

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.tracks import events_file

pytest.importorskip("distributed")

from test_dask_parity import CASES, _write, scheduler  # noqa: F401  (the module's cluster, its inputs)

from avzone.distributed import locate_parquet_dask  # (after the skip)

#: What the two layers must have alike (pyogrio.read_info).
INFO = ("layer_name", "crs", "geometry_name", "geometry_type", "fid_column", "features")


def _same_layers(local, dask) -> None:
    a, b = pyogrio.read_info(local), pyogrio.read_info(dask)
    for key in INFO:
        assert b[key] == a[key], key
    for key in ("fields", "dtypes", "ogr_types", "ogr_subtypes"):
        assert list(b[key]) == list(a[key]), key
    (meta_a, table_a), (meta_b, table_b) = pyogrio.read_arrow(local), pyogrio.read_arrow(dask)
    assert meta_b["geometry_name"] == meta_a["geometry_name"]
    assert table_b.schema == table_a.schema
    for name in table_a.column_names:
        assert table_b.column(name).to_pylist() == table_a.column(name).to_pylist(), name


@pytest.mark.slow
@pytest.mark.parametrize("make", CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_locate_engine_writes_the_geopackage_the_local_engine_writes(tmp_path, model, scheduler, make):  # noqa: F811
    frame, options = make()
    src = tmp_path / "in.parquet"
    _write(frame, src)
    local = locate_file(model, src, tmp_path / "local.gpkg", **options)
    dask = locate_parquet_dask(model, src, tmp_path / "dask.gpkg", scheduler=scheduler, partition_size=1, **options)
    _same_layers(tmp_path / "local.gpkg", tmp_path / "dask.gpkg")
    assert {k: v for k, v in dask.to_dict().items() if k != "output"} == {
        k: v for k, v in local.to_dict().items() if k != "output"
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dask.gpkg", "in.parquet", "local.gpkg"]  # nothing else


def test_a_folder_of_parts_is_one_layer_in_row_order(tmp_path, model, scheduler):  # noqa: F811
    """Parts of a folder, one of them empty, written in order into one layer: the rows of one file of every part."""
    folder = tmp_path / "parts"
    folder.mkdir()
    lon = np.linspace(116.3, 116.7, 30)
    frame = pd.DataFrame({"n": np.arange(30), "lon": lon, "lat": np.full(30, YIZHUANG_CORE[1])})
    for k, (a, b) in enumerate(((0, 10), (10, 10), (10, 30))):
        frame.iloc[a:b].to_parquet(folder / f"part.{k}.parquet", index=False)
    locate_parquet_dask(model, folder, tmp_path / "out.gpkg", scheduler=scheduler)
    (tmp_path / "one").mkdir()
    whole = tmp_path / "one" / "parts.parquet"  # (the layer is named after the input: parts, as the folder)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), whole)
    locate_file(model, whole, tmp_path / "local.gpkg")
    _same_layers(tmp_path / "local.gpkg", tmp_path / "out.gpkg")
    assert pyogrio.read_arrow(tmp_path / "out.gpkg")[1].column("n").to_pylist() == list(range(30))


def test_a_failed_job_leaves_no_geopackage(tmp_path, model, scheduler):  # noqa: F811
    """A part that cannot be read stops the job: no GeoPackage (nor its temporary file), the old one as it was."""
    folder = tmp_path / "parts"
    folder.mkdir()
    pd.DataFrame({"lon": [YIZHUANG_CORE[0]], "lat": [YIZHUANG_CORE[1]]}).to_parquet(folder / "part.0.parquet")
    (folder / "part.1.parquet").write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")  # (a footer that cannot be read)
    dst = tmp_path / "out.gpkg"
    dst.write_bytes(b"the previous output")
    with pytest.raises(InputError, match=r"part\.1\.parquet"):
        locate_parquet_dask(model, folder, dst, scheduler=scheduler)
    assert dst.read_bytes() == b"the previous output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg", "parts"]


def test_a_geopackage_at_a_url_is_refused_naming_it(tmp_path, model):
    src = tmp_path / "p.parquet"
    pd.DataFrame({"lon": [YIZHUANG_CORE[0]], "lat": [YIZHUANG_CORE[1]]}).to_parquet(src)
    with pytest.raises(InputError, match=r"^memory://bucket/o\.gpkg: a GeoPackage is written on this machine"):
        locate_parquet_dask(model, src, "memory://bucket/o.gpkg")
    refused = run_cli("locate", "--engine", "dask", "--input", str(src), "--output", "memory://bucket/o.gpkg")
    assert refused.returncode == 2 and "memory://bucket/o.gpkg: " in refused.stderr


def test_the_dask_events_engine_writes_a_geopackage_summary_and_refuses_a_geopackage_of_events(
    tmp_path,
    model,
    scheduler,  # noqa: F811
):
    """Its summary is one file written here (as a table without geometry, as the local engine's); its events are a
    folder of Parquet parts: a .gpkg name is refused before any cluster starts, naming it and the local engine."""
    from avzone.distributed import events_parquet_dask

    src = tmp_path / "fixes.parquet"
    frame = pd.DataFrame(
        {
            "vehicle": ["a", "a", "a", "b", "b"],
            "ts": pd.to_datetime(
                ["2024-05-01 08:00", "2024-05-01 08:05", "2024-05-01 08:10", "2024-05-01 09:00", "2024-05-01 09:03"]
            ),
            "lon": [116.3975, 116.5, 116.715, 116.5, 116.3975],
            "lat": [39.9087, 39.79, 39.905, 39.79, 39.9087],
        }
    )
    frame.to_parquet(src)
    options = {"max_gap_s": 3600, "max_gap_m": 50000}
    events_parquet_dask(model, src, tmp_path / "ev", summary=tmp_path / "s.gpkg", scheduler=scheduler, **options)
    events_file(model, src, tmp_path / "e.parquet", summary=tmp_path / "local.gpkg", **options)
    a, b = pyogrio.read_info(tmp_path / "local.gpkg"), pyogrio.read_info(tmp_path / "s.gpkg")
    assert b["geometry_name"] == a["geometry_name"] == "" and list(b["fields"]) == list(a["fields"])
    assert pyogrio.read_arrow(tmp_path / "s.gpkg")[1].equals(pyogrio.read_arrow(tmp_path / "local.gpkg")[1])
    assert b["features"] == 8  # (2 vehicles, 4 zones)
    with pytest.raises(InputError, match=r"e\.gpkg: .* writes a folder of Parquet parts, not a GeoPackage file"):
        events_parquet_dask(model, src, tmp_path / "e.gpkg", scheduler=scheduler)
    assert not (tmp_path / "e.gpkg").exists()

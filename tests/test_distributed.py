"""The dask engine gives exactly the local engine's answers, in order, with every column."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError

pytest.importorskip("distributed")


def _parts(folder, n_parts=3, rows=4000, seed=5):
    rng = np.random.default_rng(seed)
    folder.mkdir()
    tables = []
    for k in range(n_parts):
        lon = rng.uniform(116.3, 116.8, rows)
        lat = rng.uniform(39.65, 40.2, rows)
        lat[k] = np.nan  # one broken row per part
        t = pa.table(
            {
                "row": pa.array(np.arange(k * rows, (k + 1) * rows)),
                "lon": pa.array(lon, mask=np.arange(rows) == 10 + k),
                "lat": lat,
                "label": pa.array([f"p{k}"] * rows),
            }
        )
        pq.write_table(t, folder / f"part.{k}.parquet")
        tables.append(t)
    return pa.concat_tables(tables)


@pytest.mark.slow
def test_dask_engine_matches_local_engine(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    whole = _parts(tmp_path / "in")
    pq.write_table(whole, tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", n_workers=2)
    local = pq.read_table(tmp_path / "local.parquet")
    dist = pq.read_table(tmp_path / "out")
    assert dist.column_names == local.column_names
    assert dist.column("row").to_pylist() == list(range(len(whole)))  # order kept across partitions

    def cells(table, name):  # NaN compared as a value, null as None
        return ["NaN" if isinstance(v, float) and v != v else v for v in table.column(name).to_pylist()]

    for name in local.column_names:
        assert cells(dist, name) == cells(local, name), name
    assert cells(dist, "status")[0] == "lat not finite" and cells(dist, "status")[10] == "missing lon"
    assert dask_summary.to_dict() | {"input": "", "output": ""} == local_summary.to_dict() | {"input": "", "output": ""}


def test_dask_engine_refuses_existing_output_and_bad_columns(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    _parts(tmp_path / "in", n_parts=1, rows=10)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("x")
    with pytest.raises(InputError, match="already exists"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out")
    with pytest.raises(InputError, match=r"no column 'nope' \(given by --lon-col\)"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out2", lon_col="nope")

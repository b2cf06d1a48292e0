"""The events and summary outputs carry the vehicle ids in the input's type, so they join the input on the id.

Integers of any width (also pandas' nullable ``Int64``, and a categorical of
integers) stay integers of that width in Parquet and GeoPackage outputs, with
either engine and however many partitions; text of any Arrow string type (a
categorical of text too) is Arrow ``string``; a CSV output is text anyway.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.fleet import synthetic_fleet
from avzone.tracks import events_file

#: Each input id type: how the fleet's ids ("V1", ...) are made of it, and the Arrow type the outputs write them in.
KINDS = {
    "int64": (lambda v: v.str[1:].astype("int64"), pa.int64()),
    "int32": (lambda v: v.str[1:].astype("int32"), pa.int32()),
    "uint16": (lambda v: v.str[1:].astype("uint16"), pa.uint16()),
    "Int64 with a null": (lambda v: v.str[1:].astype("Int64"), pa.int64()),
    "string": (lambda v: pa.array(v.astype(object), pa.string()), pa.string()),
    "large_string": (lambda v: pa.array(v.astype(object), pa.large_string()), pa.string()),
    "categorical": (lambda v: v.astype("category"), pa.string()),
    "categorical of ints": (lambda v: v.str[1:].astype("int64").astype("category"), pa.int64()),
}


@pytest.fixture(scope="module")
def fleet(model) -> pd.DataFrame:
    return synthetic_fleet(model, 5, 50, seed=1)


def _input(fleet: pd.DataFrame, kind: str, path) -> pd.DataFrame:
    """The fleet with its ids of ``kind``, written to ``path``; the frame as pandas reads it back."""
    make, _ = KINDS[kind]
    ids = make(fleet["vehicle"])
    frame = fleet.copy()
    if isinstance(ids, pa.Array):
        table = pa.Table.from_pandas(frame.drop(columns="vehicle"), preserve_index=False)
        pq.write_table(table.add_column(0, "vehicle", ids), path)
    else:
        frame["vehicle"] = ids
        if kind == "Int64 with a null":  # a fix without an id: rejected, its vehicle's other fixes kept
            frame.loc[3, "vehicle"] = pd.NA
        frame.to_parquet(path, index=False)
    return pd.read_parquet(path)


def _check(read: pd.DataFrame, kind: str, path, summary) -> None:
    expected = KINDS[kind][1]
    for out in (path, summary):
        assert pq.read_table(out).schema.field("id").type == expected, (kind, out)
        written = pd.read_parquet(out)
        if kind == "Int64 with a null":  # pandas reads the ids back as the input's nullable integers
            assert written["id"].dtype == pd.Int64Dtype()
        joined = read.merge(written, left_on="vehicle", right_on="id")
        assert len(written) and joined["id"].nunique() == written["id"].nunique(), (kind, out)
    events = pd.read_parquet(path)
    assert len(events) and set(events["id"].astype(str)) <= set(read["vehicle"].dropna().astype(str))


@pytest.mark.parametrize("chunk_rows", [1_000_000, 60])
@pytest.mark.parametrize("kind", list(KINDS))
def test_local_engine_writes_the_input_id_type(model, fleet, tmp_path, kind, chunk_rows):
    read = _input(fleet, kind, tmp_path / "f.parquet")
    out, summary = tmp_path / "e.parquet", tmp_path / "s.parquet"
    events_file(model, tmp_path / "f.parquet", out, summary=summary, chunk_rows=chunk_rows)
    _check(read, kind, out, summary)


@pytest.mark.parametrize("kind", ["int32", "Int64 with a null", "string"])
def test_geopackage_outputs_keep_integer_ids(model, fleet, tmp_path, kind):
    pyogrio = pytest.importorskip("pyogrio")
    read = _input(fleet, kind, tmp_path / "f.parquet")
    events_file(model, tmp_path / "f.parquet", tmp_path / "e.gpkg", summary=tmp_path / "s.gpkg", chunk_rows=60)
    for out in ("e.gpkg", "s.gpkg"):
        written = pyogrio.read_dataframe(tmp_path / out, read_geometry=False)
        assert pd.api.types.is_integer_dtype(written["id"]) == (kind != "string"), (kind, out)
        assert len(read.merge(written, left_on="vehicle", right_on="id")), (kind, out)


def test_csv_outputs_stay_text(model, fleet, tmp_path):
    _input(fleet, "int32", tmp_path / "f.parquet")
    events_file(model, tmp_path / "f.parquet", tmp_path / "e.csv", summary=tmp_path / "s.csv")
    assert pd.read_csv(tmp_path / "e.csv", dtype=str)["id"].str.fullmatch(r"\d+").all()


@pytest.mark.parametrize("kind", list(KINDS))
def test_dask_engine_writes_the_input_id_type(model, fleet, tmp_path, kind, scheduler):
    from avzone.distributed import events_parquet_dask

    read = _input(fleet, kind, tmp_path / "f.parquet")
    out, summary = tmp_path / "e", tmp_path / "s.parquet"
    events_parquet_dask(model, tmp_path / "f.parquet", out, summary=summary, scheduler=scheduler, partitions=3)
    for part in sorted(out.glob("*.parquet")):  # every part in the one schema
        assert pq.read_schema(part).field("id").type == KINDS[kind][1], (kind, part.name)
    _check(read, kind, out, summary)


def test_the_in_memory_events_keep_the_id_dtype(model, fleet):
    frame = fleet.copy()
    frame["vehicle"] = frame["vehicle"].str[1:].astype("int32")
    res = model.events(frame)
    assert res.events["id"].dtype == res.summary["id"].dtype == frame["vehicle"].dtype

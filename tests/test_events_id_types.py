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


# -- unsigned 64-bit ids: a GeoPackage has no type for them ----------------------------------------------------------
UINT64_NOTE = (
    "{file}: columns of a type a GeoPackage cannot hold (SQLite's integers are signed, up to 9223372036854775807, "
    "its REAL numbers hold 15 digits exactly, and it has no durations nor structs) are written as text, every digit "
    "kept (durations in ISO 8601, P0DT0H0M5S; structs as JSON): 'id' (uint64); to join it to the input, compare them "
    "as text, or write Parquet (.parquet), which keeps their types"
)


def _uint64_input(fleet: pd.DataFrame, path) -> list[str]:
    """The fleet with uint64 ids, most above 2^63 (7 among them), written to ``path``; the ids' digits."""
    import numpy as np

    chosen = np.array([2**64 - 1, 2**63 + 5, 7, 2**63, 2**64 - 2], dtype=np.uint64)
    ids = pa.array(chosen[fleet["vehicle"].str[1:].astype(int).to_numpy() % chosen.size], pa.uint64())
    table = pa.Table.from_pandas(fleet.drop(columns="vehicle"), preserve_index=False)
    pq.write_table(table.add_column(0, "vehicle", ids), path)
    return [str(v) for v in ids.to_pylist()]


def _check_uint64(tmp_path, digits: list[str], notes, outputs) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    for out in outputs:
        written = pyogrio.read_dataframe(out, read_geometry=False)
        assert not pd.api.types.is_integer_dtype(written["id"]), out  # (text: SQLite has no uint64)
        assert len(written) and set(written["id"]) <= set(digits), out  # (every digit kept)
        said = [n for n in notes if str(n) == UINT64_NOTE.format(file=out)]
        assert len(said) == 1, (out, notes)
        assert said[0].text("zh").startswith(f"{out}：GeoPackage 无法容纳其类型的列（SQLite 的整数有符号")


def test_uint64_ids_in_a_geopackage_are_text_and_the_job_says_so(model, fleet, tmp_path):
    pytest.importorskip("pyogrio")
    digits = _uint64_input(fleet, tmp_path / "f.parquet")
    e, s = str(tmp_path / "e.gpkg"), str(tmp_path / "s.gpkg")
    report = events_file(model, tmp_path / "f.parquet", e, summary=s, chunk_rows=60)
    _check_uint64(tmp_path, digits, report.notes, (e, s))
    # Parquet keeps uint64, and nothing is said
    parquet = events_file(model, tmp_path / "f.parquet", tmp_path / "e.parquet", summary=tmp_path / "s.parquet")
    assert pq.read_schema(tmp_path / "e.parquet").field("id").type == pa.uint64()
    assert not [n for n in parquet.notes if "uint64" in str(n)]


def test_the_dask_engine_says_uint64_ids_are_text_in_a_geopackage(model, fleet, tmp_path, scheduler):
    pytest.importorskip("pyogrio")
    from avzone.distributed import events_parquet_dask

    digits = _uint64_input(fleet, tmp_path / "f.parquet")
    e, s = str(tmp_path / "e.gpkg"), str(tmp_path / "s.gpkg")
    report = events_parquet_dask(model, tmp_path / "f.parquet", e, summary=s, scheduler=scheduler, partitions=2)
    _check_uint64(tmp_path, digits, report.notes, (e, s))


# -- hive-partitioned folders: the partition column as the id --------------------------------------------------------
#: Each kind of hive partition ids: how the fleet's ids are made of it, and the type the Dask engine reads the
#: partition column in (avzone.distributed.hive_partitioning), which the outputs keep: a folder name holds no type;
#: integers that int32 holds are int32 (as pyarrow reads them), others that int64 holds int64 (10,000,000,000,
#: which pyarrow reads as text), larger ones text, as the folders name them.
HIVE = {
    "small integers": (lambda v: v.str[1:].astype("int64"), pa.int32()),
    "large integers": (lambda v: v.str[1:].astype("int64") + 10_000_000_000, pa.int64()),
    "integers beyond int64": (lambda v: v.str[1:].map(lambda k: str(2**63 + int(k))), pa.string()),
    "text": (lambda v: v, pa.string()),
}


@pytest.mark.parametrize("kind", list(HIVE))
def test_a_hive_partitioned_folder_keeps_its_partition_ids_type(model, fleet, tmp_path, kind, scheduler):
    pyogrio = pytest.importorskip("pyogrio")
    from fsspec.implementations.local import LocalFileSystem

    from avzone.distributed import events_parquet_dask, hive_partitioning

    frame = fleet.copy()
    make, expected = HIVE[kind]
    frame["vehicle"] = make(frame["vehicle"])
    src = tmp_path / "hive"
    pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), src, partition_cols=["vehicle"])
    # (the folder names the ids: their type as the engines read it, the local one a file of every part)
    files = sorted(str(f) for f in src.rglob("*.parquet"))
    read = pq.read_table(src, partitioning=hive_partitioning(LocalFileSystem(), files))
    whole = read.field("vehicle").type
    assert (whole.value_type if pa.types.is_dictionary(whole) else whole) == expected
    again = read.to_pandas()
    out, summary = tmp_path / "e", tmp_path / "s.parquet"
    events_parquet_dask(model, src, out, summary=summary, scheduler=scheduler, partitions=2)
    for part in [*sorted(out.glob("*.parquet")), summary]:
        assert pq.read_schema(part).field("id").type == expected, (kind, part.name)
    written = pd.read_parquet(summary)
    assert len(again.merge(written, left_on="vehicle", right_on="id")["id"].unique()) == frame["vehicle"].nunique()
    gpkg = tmp_path / "e.gpkg"
    events_parquet_dask(model, src, gpkg, summary=tmp_path / "s.gpkg", scheduler=scheduler, partitions=2)
    for path in (gpkg, tmp_path / "s.gpkg"):
        ids = pyogrio.read_dataframe(path, read_geometry=False)["id"]
        assert pd.api.types.is_integer_dtype(ids) == pa.types.is_integer(expected), (kind, path.name)
        assert set(ids.astype(str)) <= set(frame["vehicle"].astype(str)), (kind, path.name)

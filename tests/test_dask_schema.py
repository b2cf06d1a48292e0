"""The dask engine writes the schema the local engine writes for the same input: every column's name, place,
type, nullability and field metadata, and the schema's metadata (GeoParquet ``geo``, pandas', any other key)."""

from __future__ import annotations

import collections
import decimal
import json
import os
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fsspec.implementations.local import LocalFileOpener, LocalFileSystem

from avzone.batch import locate_file
from avzone.errors import InputError

pytest.importorskip("distributed")

LON = [116.5, 116.41, 116.62, 116.7, 116.45]
LAT = [39.79, 39.9, 40.01, 39.87, 39.95]
#: The field metadata GeoArrow writers give a WKB geometry column (pyarrow reads it as binary, the metadata kept).
GEOARROW = {"ARROW:extension:name": "geoarrow.wkb", "ARROW:extension:metadata": "{}"}


def _table() -> pa.Table:
    """Rows with what a schema can say of its columns: field metadata, ``not null``, dictionary-encoded text, times in
    a zone, decimals; and schema metadata of the writer's own."""
    schema = pa.schema(
        [
            pa.field("lon", pa.float64(), nullable=False, metadata={"unit": "degree", "datum": "WGS84"}),
            pa.field("lat", pa.float64(), nullable=False, metadata={"unit": "degree"}),
            pa.field("id", pa.int64(), nullable=False),
            pa.field("kind", pa.dictionary(pa.int32(), pa.string()), metadata={"enum": "bus,taxi"}),
            pa.field("ts", pa.timestamp("ms", tz="Asia/Shanghai"), metadata={"clock": "gps"}),
            pa.field("fare", pa.decimal128(10, 2), metadata={"currency": "CNY"}),
            pa.field("note", pa.string()),
        ],
        metadata={"source": "fleet-42", "licence": "CC-BY-4.0"},
    )
    return pa.table(
        {
            "lon": LON,
            "lat": LAT,
            "id": [1, 2, 3, 4, 5],
            "kind": pa.array(["bus", "taxi", "bus", "taxi", "bus"]).dictionary_encode(),
            "ts": pa.array([0, 1, 2, 3, None], pa.timestamp("ms", tz="Asia/Shanghai")),
            "fare": pa.array([decimal.Decimal(f"{k}.50") for k in range(5)], pa.decimal128(10, 2)),
            "note": ["a", None, "c", "d", "e"],
        },
        schema=schema,
    )


def _geoparquet() -> pa.Table:
    """The rows of :func:`_table` as GeoParquet points (WKB, its field metadata naming GeoArrow's type), no lon/lat."""
    import shapely

    wkb = shapely.to_wkb(shapely.points(LON, LAT)).tolist()
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB"}}}
    table = _table().drop_columns(["lon", "lat"])
    table = table.append_column(pa.field("geometry", pa.binary(), metadata=GEOARROW), [wkb])
    return table.replace_schema_metadata({**table.schema.metadata, b"geo": json.dumps(geo).encode()})


def _write(table: pa.Table, tmp_path, n_parts: int):
    """``table`` as one file (the local job's input) and as a folder of ``n_parts`` parts (the dask engine's)."""
    whole = tmp_path / "whole.parquet"
    pq.write_table(table, whole)
    folder = tmp_path / "in"
    folder.mkdir()
    for k, rows in enumerate(np.array_split(np.arange(table.num_rows), n_parts)):  # (slices: views have no take)
        pq.write_table(table.slice(rows[0], len(rows)), folder / f"part.{k}.parquet")
    return whole, folder


def _fields(schema: pa.Schema) -> list[tuple]:
    return [(f.name, str(f.type), f.nullable, f.metadata) for f in schema]


@pytest.mark.parametrize(
    ("geometry", "time_col"), [(False, None), (True, None), (False, "ts")], ids=["lon-lat", "geoparquet", "timed"]
)
@pytest.mark.parametrize("n_parts", [1, 2])
def test_dask_output_parts_have_the_schema_of_the_local_output(
    tmp_path, model, dask_scheduler, geometry, time_col, n_parts
):
    # the dask engine's parts lost every column's field metadata and 'not null' (Dask infers a schema from its
    # frame): a reader of the parts saw other columns than a reader of the local output of the same rows
    from avzone.distributed import locate_parquet_dask

    whole, folder = _write(_geoparquet() if geometry else _table(), tmp_path, n_parts)
    locate_file(model, whole, tmp_path / "local.parquet", time_col=time_col)
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler, time_col=time_col)
    local = pq.read_schema(tmp_path / "local.parquet")
    assert local.field("id").nullable is False and local.field("fare").metadata == {b"currency": b"CNY"}
    assert (b"geo" in local.metadata) is geometry and ("in_force" in local.names) is (time_col is not None)
    parts = sorted((tmp_path / "out").iterdir())
    assert len(parts) == n_parts
    for part in parts:
        schema = pq.read_schema(part)
        assert _fields(schema) == _fields(local), part.name
        assert schema.metadata == local.metadata, part.name
    assert pq.read_table(tmp_path / "out").equals(pq.read_table(tmp_path / "local.parquet"), check_metadata=True)


def test_a_not_null_column_some_parts_lack_is_written_nullable(tmp_path, model, dask_scheduler):
    # one file of every part could not declare 'not null' a column that is null in the rows of a part lacking it
    # (nor one a part declares nullable): the parts say nullable, and hold the nulls (not an error on a worker)
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    table = _table()
    pq.write_table(table.slice(0, 2), folder / "part.0.parquet")
    pq.write_table(table.slice(2, 2).drop_columns(["id"]), folder / "part.1.parquet")
    nullable = table.slice(4).cast(table.schema.set(1, table.schema.field("lat").with_nullable(True)))
    pq.write_table(nullable, folder / "part.2.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    out = pq.read_table(tmp_path / "out")
    assert out.column("id").to_pylist() == [1, 2, None, None, 5]
    assert out.schema.field("id").nullable and out.schema.field("lat").nullable
    assert not out.schema.field("lon").nullable  # every part says so
    assert out.schema.field("lon").metadata == {b"unit": b"degree", b"datum": b"WGS84"}


def test_parts_numbered_in_their_names_give_columns_and_metadata_in_row_order(tmp_path, model, dask_scheduler):
    # Dask reads p9 before p10 (its rows come first) but the columns, the schema metadata and the field metadata
    # were taken from the files in pyarrow's order of names, p10 first: 'b' before 'a', and p10's metadata, unlike one
    # file of every part in the order of the rows
    from avzone.distributed import locate_parquet_dask

    first = pa.table({"lon": [116.5], "lat": [39.79], "a": [1]}).replace_schema_metadata({"batch": "9"})
    later = pa.table({"lon": [116.41], "lat": [39.9], "b": ["x"]}).replace_schema_metadata({"batch": "10"})
    later = later.cast(later.schema.set(0, later.schema.field("lon").with_metadata({"unit": "degree"})))
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(first, folder / "p9.parquet")
    pq.write_table(later, folder / "p10.parquet")
    pq.write_table(pa.concat_tables([first, later], promote_options="permissive"), tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert local.column_names[:4] == ["lon", "lat", "a", "b"] and local.schema.metadata == {b"batch": b"9"}
    assert dist.equals(local, check_metadata=True)
    assert _fields(dist.schema) == _fields(local.schema)


def test_each_part_read_alone_in_pandas_has_the_index_of_its_rows(tmp_path, model, dask_scheduler):
    # every part carried the first input file's pandas metadata, its RangeIndex(10, 14, 2) too: pandas read each part
    # alone with that index (the second part's rows, 14 and 16 in their file, as 10 and 12), the folder right
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    frame = pd.DataFrame({"lon": LON[:4], "lat": LAT[:4], "v": ["a", "b", "c", "d"]}, index=pd.RangeIndex(10, 18, 2))
    folder = tmp_path / "in"
    folder.mkdir()
    frame.iloc[:2].to_parquet(folder / "part.0.parquet")
    frame.iloc[2:].to_parquet(folder / "part.1.parquet")
    frame.to_parquet(tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    local = pd.read_parquet(tmp_path / "local.parquet")
    assert local.index.tolist() == [10, 12, 14, 16]
    for k, rows in enumerate((slice(0, 2), slice(2, 4))):  # each part as the local output of its rows
        part = pd.read_parquet(tmp_path / "out" / f"part.{k}.parquet")
        assert part.index.tolist() == pd.read_parquet(folder / f"part.{k}.parquet").index.tolist()
        pd.testing.assert_frame_equal(part, local.iloc[rows])
    # the folder as pandas reads the input folder (the first part's range does not fit it: 0, 1, ...)
    whole = pd.read_parquet(tmp_path / "out")
    assert whole.index.tolist() == pd.read_parquet(folder).index.tolist() == [0, 1, 2, 3]
    pd.testing.assert_frame_equal(whole, local.reset_index(drop=True))
    # so in hive folders, where a worker reads the file's own metadata from its footer
    for k, rows in enumerate((slice(0, 2), slice(2, 4))):
        (tmp_path / "hive" / f"day={k + 1}").mkdir(parents=True)
        frame.iloc[rows].to_parquet(tmp_path / "hive" / f"day={k + 1}" / "part.parquet")
    locate_parquet_dask(model, tmp_path / "hive", tmp_path / "hive-out", scheduler=dask_scheduler)
    for k in range(2):
        part = pd.read_parquet(tmp_path / "hive-out" / f"part.{k}.parquet")
        assert part.index.tolist() == local.index[2 * k : 2 * k + 2].tolist() and len(part) == 2


def test_a_part_of_some_row_groups_of_a_file_has_the_index_of_those_rows(tmp_path):
    # Dask reads a large file as several partitions of its row groups: each has its rows' part of the file's range
    import pandas as pd

    from avzone.distributed import _footer, _rows_range

    frame = pd.DataFrame({"lon": LON, "lat": LAT}, index=pd.RangeIndex(100, 110, 2))
    frame.to_parquet(tmp_path / "f.parquet", row_group_size=2)
    path = str(tmp_path / "f.parquet")
    meta, footer = pq.read_schema(path).metadata, lambda: _footer(path, None)
    assert list(_rows_range(meta, 3, [1, 2], footer)) == [104, 106, 108]
    assert list(_rows_range(meta, 2, [0], footer)) == [100, 102]
    assert list(_rows_range(meta, 5, [None], footer)) == list(_rows_range(meta, 5, None, None)) == list(frame.index)
    assert _rows_range(meta, 3, [0, 2], footer) is None  # not one run of rows
    assert _rows_range(meta, 1, [0], footer) is None  # not the rows of those row groups
    assert _rows_range(meta, 4, None, None) is None  # a range that does not fit the file: not pandas' index
    frame.set_axis(pd.Index(list("abcde"), name="rid")).to_parquet(tmp_path / "g.parquet")  # the index a column
    assert _rows_range(pq.read_schema(tmp_path / "g.parquet").metadata, 5, None, None) is None
    assert _rows_range(None, 5, None, None) is None  # no pandas metadata


@pytest.mark.parametrize("n_parts", [1, 2])
def test_text_and_bytes_views_keep_their_type_as_in_the_local_output(tmp_path, model, dask_scheduler, n_parts):
    # Dask cannot make a frame of Arrow's string_view and binary_view (it reads them as string and binary), and the
    # parts were written so: the local output keeps the input's types
    from avzone.distributed import locate_parquet_dask

    table = pa.table(
        {
            "lon": LON,
            "lat": LAT,
            "s": pa.array(["a", None, "ccc", "d" * 20, ""], pa.string_view()),
            "b": pa.array([b"x", None, b"\x00y", b"z" * 20, b""], pa.binary_view()),
        }
    )
    whole, folder = _write(table, tmp_path, n_parts)
    locate_file(model, whole, tmp_path / "local.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    local = pq.read_table(tmp_path / "local.parquet")
    assert local.schema.field("s").type == pa.string_view() and local.schema.field("b").type == pa.binary_view()
    for part in sorted((tmp_path / "out").iterdir()):
        assert _fields(pq.read_schema(part)) == _fields(local.schema), part.name
    assert pq.read_table(tmp_path / "out").equals(local, check_metadata=True)


@pytest.mark.parametrize("other", [pa.string(), pa.large_string()], ids=["string", "large_string"])
def test_text_as_a_view_in_one_part_and_plain_in_another_is_text(tmp_path, model, dask_scheduler, other):
    # string_view in one part and string (or large_string) in another were refused as "types that do not mix": they
    # are the same text, read and written as the plain type, as one file of every part holds it
    from avzone.distributed import locate_parquet_dask

    first = pa.table({"lon": LON[:2], "lat": LAT[:2], "s": pa.array(["a", None], pa.string_view())})
    later = pa.table({"lon": LON[2:], "lat": LAT[2:], "s": pa.array(["ccc", "", "d" * 20], other)})
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(first, folder / "part.0.parquet")
    pq.write_table(later, folder / "part.1.parquet")
    whole = pa.concat_tables([first.cast(later.schema), later])
    pq.write_table(whole, tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    local = pq.read_table(tmp_path / "local.parquet")
    assert local.schema.field("s").type == other
    for part in sorted((tmp_path / "out").iterdir()):
        assert _fields(pq.read_schema(part)) == _fields(local.schema), part.name
    out = pq.read_table(tmp_path / "out")
    assert out.column("s").to_pylist() == ["a", None, "ccc", "", "d" * 20]
    assert out.equals(local, check_metadata=True)


def _split_small_files(monkeypatch) -> None:
    """Dask reads a file of more than 2 KiB of row groups as several partitions (256 MiB by default)."""
    from avzone.distributed import _AvzoneParquetEngine

    monkeypatch.setattr(_AvzoneParquetEngine, "default_blocksize", classmethod(lambda cls: "1KiB"))


@pytest.mark.parametrize("step", [1, 2])
def test_a_file_dask_splits_keeps_its_index_read_as_a_folder(tmp_path, model, dask_scheduler, monkeypatch, step):
    # one file indexed RangeIndex(100, ...) (or by a step of 2), read as several partitions: each part said its rows'
    # range, which fits no folder of them, so pandas read the folder as 0, 1, ... (each part alone was right)
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    _split_small_files(monkeypatch)
    rng = np.random.default_rng(3)
    n = 400
    frame = pd.DataFrame(
        {"lon": rng.uniform(116.3, 116.8, n), "lat": rng.uniform(39.65, 40.2, n), "v": [f"x{i}" for i in range(n)]},
        index=pd.RangeIndex(100, 100 + step * n, step),
    )
    frame.to_parquet(tmp_path / "in.parquet", row_group_size=50)
    locate_file(model, tmp_path / "in.parquet", tmp_path / "local.parquet")
    locate_parquet_dask(model, tmp_path / "in.parquet", tmp_path / "out", scheduler=dask_scheduler)
    local = pd.read_parquet(tmp_path / "local.parquet")
    assert local.index.equals(frame.index)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out"), local, check_index_type=True)
    assert pq.read_table(tmp_path / "out").equals(pq.read_table(tmp_path / "local.parquet"), check_metadata=True)
    parts = sorted((tmp_path / "out").iterdir())
    assert pq.read_metadata(parts[0]).num_rows == 0  # (the part naming the folder's index: pandas reads it first)
    alone = [pd.read_parquet(part) for part in parts[1:]]
    assert len(alone) > 1 and all(len(part) for part in alone)  # split
    pd.testing.assert_frame_equal(pd.concat(alone), local)  # each part alone with its rows' labels


@pytest.mark.parametrize("lacking", [1, 0], ids=["later-part", "first-part"])
@pytest.mark.parametrize("named", [True, False], ids=["rowid", "index_level_0"])
def test_a_part_lacking_the_column_another_stores_its_index_in_is_refused(tmp_path, model, monkeypatch, lacking, named):
    # the index of the first part (df.set_index("rowid"), or an index that is no range: __index_level_0__) in no
    # column of a later part: that part's rows were written with null index labels; refused before any cluster
    # starts, naming the part lacking it, the column and the part holding its index there (so the other way round)
    import pandas as pd

    import avzone.distributed as dist

    monkeypatch.setattr(dist, "_client", lambda *a: pytest.fail("a cluster was started"))
    frame = pd.DataFrame({"lon": LON[:4], "lat": LAT[:4], "rowid": ["r7", "r3", "r9", "r1"]})
    folder = tmp_path / "in"
    folder.mkdir()
    for k, rows in enumerate((slice(0, 2), slice(2, 4))):
        part = frame.iloc[rows]
        if k == lacking:
            part.drop(columns="rowid").reset_index(drop=True).to_parquet(folder / f"part.{k}.parquet")
        else:
            indexed = part.set_index("rowid")
            (indexed if named else indexed.rename_axis(None)).to_parquet(folder / f"part.{k}.parquet")
    column = "rowid" if named else "__index_level_0__"
    with pytest.raises(InputError) as err:
        dist.locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(err.value) == (
        f"{folder}: {folder / f'part.{lacking}.parquet'} has no column {column!r}, in which "
        f"{folder / f'part.{1 - lacking}.parquet'} stores its pandas index: its rows would have no index labels; "
        "write that index into every part, or into none"
    )
    assert not (tmp_path / "out").exists()


class _TailCounting(LocalFileSystem):
    """The local file system as ``tailcount://``, counting (in :attr:`tails`) the reads of each file's last bytes,
    where its Parquet footer is: by pyarrow, Dask and avzone alike, on the client and on workers in this process."""

    protocol = "tailcount"
    tails: ClassVar[collections.Counter[str]] = collections.Counter()

    @classmethod
    def _strip_protocol(cls, path):
        path = str(path)
        return LocalFileSystem._strip_protocol(path[len("tailcount://") :] if path.startswith("tailcount://") else path)

    def _open(self, path, mode="rb", block_size=None, **kwargs):
        return _TailOpener(self._strip_protocol(path), mode, fs=self, **kwargs)


class _TailOpener(LocalFileOpener):
    def _count(self, start: int, n: int) -> None:
        if n and start + n >= self.fs.size(self.path) - 8:  # (the footer's length and the magic bytes end a file)
            _TailCounting.tails[os.path.basename(self.path)] += 1

    def read(self, n=-1):
        start = self.tell()
        out = super().read(n)
        self._count(start, len(out))
        return out

    def readinto(self, b):
        start = self.tell()
        n = super().readinto(b)
        self._count(start, n or 0)
        return n


@pytest.mark.parametrize("hive", [False, True], ids=["file", "hive-folders"])
def test_a_file_dask_splits_has_its_footer_read_as_often_however_many_partitions(tmp_path, model, monkeypatch, hive):
    # each partition of a file Dask splits read the file's footer again (twice: to read its rows, and for the index
    # of its rows; in hive folders three times): the workers read the rows by the footer the client read
    import fsspec
    import pandas as pd
    from distributed import LocalCluster

    import avzone.distributed as dist

    fsspec.register_implementation("tailcount", _TailCounting, clobber=True)
    rng = np.random.default_rng(4)
    n = 400
    frame = pd.DataFrame(
        {"lon": rng.uniform(116.3, 116.8, n), "lat": rng.uniform(39.65, 40.2, n)}, index=pd.RangeIndex(100, 100 + n)
    )
    src = tmp_path / ("hive" if hive else "in.parquet")
    if hive:  # (day=1/, day=2/: a file of 200 rows in each)
        for day, rows in ((1, slice(0, 200)), (2, slice(200, 400))):
            (src / f"day={day}").mkdir(parents=True)
            frame.iloc[rows].to_parquet(src / f"day={day}" / "part.parquet", row_group_size=25)
    else:
        frame.to_parquet(src, row_group_size=25)
    name = "part.parquet" if hive else "in.parquet"
    reads, parts = {}, {}
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        for size in ("8KiB", "1500B" if hive else "3KiB", "1KiB"):  # (each file whole, in a few partitions, in 8+)
            monkeypatch.setattr(dist._AvzoneParquetEngine, "default_blocksize", classmethod(lambda cls, s=size: s))
            _TailCounting.tails.clear()
            out = tmp_path / f"out-{size}"
            dist.locate_parquet_dask(model, f"tailcount://{src}", out, scheduler=cluster.scheduler_address)
            reads[size], parts[size] = _TailCounting.tails[name], len(list(out.iterdir()))
            whole = pd.read_parquet(out)
            assert len(whole) == n and whole["lon"].tolist() == frame["lon"].tolist()
            if not hive:
                assert whole.index.equals(frame.index)
    whole, few, many = parts.values()
    assert whole == (2 if hive else 1) < few < many and many >= 16, parts  # (and the part of the index, _whole_index)
    first, second, third = reads.values()
    assert second == third, reads
    if not hive:  # (hive folders read whole: each file by Dask's dataset of its folder, which reads it again)
        assert second <= first, reads

"""The dask engines' partition size (``partition_size=``, ``--partition-size``), and the footers their workers read.

A Parquet file is read as partitions of whole row groups holding at most the size given (uncompressed), one
output part each, with the rows the default partitions give; a value that is not a size is refused, naming the
option and the forms it takes, in English and Chinese, before any cluster starts. Each file's footer is read
once before the job and not again by the workers, however the file is partitioned or Dask plans it.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import ClassVar

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from common import run_cli
from fsspec.implementations.local import LocalFileOpener, LocalFileSystem
from fsspec.implementations.memory import MemoryFile, MemoryFileSystem

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.tracks import events_file

distributed = pytest.importorskip("distributed")

import avzone.distributed as dist  # noqa: E402  (after the skip: the dask extra)


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process (threads), whose workers share its file systems (memory://)."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


def _fixes(n: int = 400, seed: int = 4) -> pd.DataFrame:
    """``n`` fixes of 8 vehicles in and around Beijing's zones, a minute apart, in input order by time."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "vehicle": [f"v{i % 8}" for i in range(n)],
            "ts": pd.Timestamp("2024-05-01 08:00") + pd.to_timedelta(np.arange(n), unit="min"),
            "lon": rng.uniform(116.3, 116.8, n),
            "lat": rng.uniform(39.65, 40.2, n),
        }
    )


def _parts(folder) -> list:
    return sorted(p for p in folder.iterdir() if p.suffix == ".parquet")


def _groups(path) -> list[tuple[int, int]]:
    """The rows and uncompressed bytes of each row group of the Parquet file at ``path``."""
    footer = pq.read_metadata(path)
    return [(footer.row_group(i).num_rows, footer.row_group(i).total_byte_size) for i in range(footer.num_row_groups)]


# -- the partitions -------------------------------------------------------------------------------------------------
def test_partition_size_reads_each_file_as_partitions_of_row_groups_within_it(tmp_path, model, cluster):
    src = tmp_path / "fixes.parquet"
    _fixes().to_parquet(src, index=False, row_group_size=25)  # (16 row groups of 25 rows)
    locate_file(model, src, tmp_path / "local.parquet")
    local = pq.read_table(tmp_path / "local.parquet")
    groups = _groups(src)
    counts = {}
    for size in (None, "16KiB", "4KiB", 1):
        out = tmp_path / f"out-{size}"
        dist.locate_parquet_dask(model, src, out, scheduler=cluster.scheduler_address, partition_size=size)
        parts = _parts(out)
        counts[size] = len(parts)
        assert pq.read_table(out).equals(local, check_metadata=True), size  # the rows and schema of the local job
        if size is None:
            continue
        limit = dist.partition_bytes(size)
        first = 0
        for part in parts:  # each part a run of whole row groups within the size, or one row group alone
            rows = pq.read_metadata(part).num_rows
            run, held = [], 0
            while held < rows:
                run.append(groups[first + len(run)])
                held += run[-1][0]
            assert held == rows and (len(run) == 1 or sum(b for _, b in run) <= limit), (size, part.name)
            first += len(run)
        assert first == len(groups)
    assert counts[None] == 1 < counts["16KiB"] < counts["4KiB"] < counts[1] == len(groups), counts  # (1: a group each)


def test_partition_size_does_not_merge_files(tmp_path, model, cluster):
    src = tmp_path / "in"
    src.mkdir()
    fixes = _fixes(300)
    for k in range(3):
        fixes.iloc[k * 100 : (k + 1) * 100].to_parquet(src / f"part.{k}.parquet", index=False, row_group_size=25)
    for size, parts in (("1GB", 3), ("1KiB", 12)):  # (each file's 4 row groups: 1.3 KiB, a partition alone)
        assert all(b > 1024 for p in _parts(src) for _, b in _groups(p))
        out = tmp_path / f"out-{size}"
        dist.locate_parquet_dask(model, src, out, scheduler=cluster.scheduler_address, partition_size=size)
        assert len(_parts(out)) == parts
        assert pd.read_parquet(out)["lon"].tolist() == fixes["lon"].tolist()


def test_events_with_a_partition_size_are_the_file_jobs(tmp_path, model, cluster):
    src = tmp_path / "fixes.parquet"
    _fixes().to_parquet(src, index=False, row_group_size=25)
    local = events_file(model, src, tmp_path / "local.parquet", summary=tmp_path / "local.csv")
    want = pd.read_parquet(tmp_path / "local.parquet")
    assert len(want) > 10
    reports = {}
    for size in (None, "2kB"):
        out, summary = tmp_path / f"events-{size}", tmp_path / f"summary-{size}.csv"
        reports[size] = dist.events_parquet_dask(
            model, src, out, summary=summary, scheduler=cluster.scheduler_address, partition_size=size
        )
        got = pd.read_parquet(out).sort_values(["row_before", "zone", "event"], kind="stable", ignore_index=True)
        pd.testing.assert_frame_equal(
            got, want.sort_values(["row_before", "zone", "event"], kind="stable", ignore_index=True)
        )
        assert summary.read_text() == (tmp_path / "local.csv").read_text()
        assert dict(reports[size].events) == dict(local.events)
        assert len(_parts(out)) == reports[size].partitions
    assert reports[None].partitions == 1 < reports["2kB"].partitions  # (shuffled into as many as were read)


# -- the values refused ---------------------------------------------------------------------------------------------
BAD = ["64XB", "64M", "", "0", "-5MB", "0.1B", "MB", "1e6", True, 0, -1, 1.5]


@pytest.mark.parametrize("size", BAD, ids=repr)
@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_partition_size_that_is_none_is_refused_before_any_cluster_starts(tmp_path, model, monkeypatch, job, size):
    monkeypatch.setattr(dist, "_client", lambda *a: pytest.fail("a cluster was started"))
    src = tmp_path / "fixes.parquet"
    _fixes(10).to_parquet(src, index=False)
    run = dist.events_parquet_dask if job == "events" else dist.locate_parquet_dask
    with pytest.raises(InputError) as err:
        run(model, src, tmp_path / "out", partition_size=size)
    assert str(err.value) == (
        f"partition_size={size!r}: not a partition size; give a number of bytes above 0, alone or with a unit, such "
        "as 64MB, 256MiB or 1000000 (kB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: of 1024)"
    )
    assert error_text(err.value, "zh") == (
        f"partition_size={size!r}：不是分区大小；请给出大于 0 的字节数，可单独写数字或带单位，例如 64MB、256MiB 或 "
        "1000000（kB、MB、GB、TB 为 1000 的幂；KiB、MiB、GiB、TiB 为 1024 的幂）"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("given", "size"),
    [
        ("64MB", 64_000_000),
        ("256MiB", 256 * 2**20),
        (" 1.5 gb ", 1_500_000_000),
        ("1000000", 10**6),
        ("2KiB", 2048),
        ("3b", 3),
        (".5kB", 500),
        (7, 7),
        (np.int64(7), 7),
    ],
)
def test_the_sizes_a_partition_size_takes(given, size):
    assert dist.partition_bytes(given) == size


@pytest.mark.parametrize("command", ["locate", "events"])
def test_the_command_line_refuses_a_partition_size_that_is_none(tmp_path, command):
    src = tmp_path / "fixes.parquet"
    _fixes(10).to_parquet(src, index=False)
    dst = tmp_path / "out"
    args = (command, "--input", str(src), "--output", str(dst), "--engine", "dask", "--partition-size", "64XB")
    for lang, said in (
        ("en", "avzone: error: --partition-size '64XB': not a partition size; give a number of bytes above 0, alone "
               "or with a unit, such as 64MB, 256MiB or 1000000 (kB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: "
               "of 1024)"),
        ("zh", "avzone: 错误：--partition-size '64XB'：不是分区大小；请给出大于 0 的字节数，可单独写数字或带单位，例如 "
               "64MB、256MiB 或 1000000（kB、MB、GB、TB 为 1000 的幂；KiB、MiB、GiB、TiB 为 1024 的幂）"),
    ):  # fmt: skip
        result = run_cli(*args, "--lang", lang)
        assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not dst.exists()


@pytest.mark.parametrize("command", ["locate", "events"])
def test_the_command_line_refuses_a_partition_size_without_the_dask_engine(tmp_path, command):
    src = tmp_path / "fixes.parquet"
    _fixes(10).to_parquet(src, index=False)
    dst = tmp_path / "out.parquet"
    args = (command, "--input", str(src), "--output", str(dst), "--partition-size", "64MB")
    for lang, said in (
        ("en", "avzone: error: --partition-size is for --engine dask (add --engine dask, or leave --partition-size "
               "out)"),
        ("zh", "avzone: 错误：--partition-size 用于 --engine dask（加上 --engine dask，或去掉 --partition-size）"),
    ):  # fmt: skip
        for engine in ((), ("--engine", "local")):
            result = run_cli(*args, *engine, "--lang", lang)
            assert result.returncode == 2 and said in result.stderr, result.stderr
            assert not dst.exists()


@pytest.mark.parametrize("command", ["locate", "events"])
def test_a_partition_size_for_csv_input_is_refused_with_the_input_naming_the_file(tmp_path, command):
    # the dask engine reads no CSV, so a partition size is never ignored for one: the input is refused before any
    # work, a CSV file, one at a URL or a folder of them (those were "cannot read as Parquet (Parquet magic bytes
    # not found in footer ...)", and Dask's "No files satisfy the `parquet_file_extension` criteria")
    src = tmp_path / "fixes.csv"
    _fixes(10).to_csv(src, index=False)
    folder = tmp_path / "csvs"
    folder.mkdir()
    for k in range(2):
        _fixes(10, seed=k).to_csv(folder / f"fixes-{k}.csv", index=False)
    dst = tmp_path / "out"
    for given, file in ((str(src), src), (f"file://{src}", src), (str(folder), folder / "fixes-0.csv")):
        args = (command, "--engine", "dask", "--input", given, "--output", str(dst), "--partition-size", "64MB")
        for lang, said in (
            ("en", f"avzone: error: {file}: avzone {command} --engine dask reads Parquet (a file or a folder of "
                   f"parts), not csv: use avzone {command} --engine local, which reads it, or convert the file to "
                   "Parquet"),
            ("zh", f"avzone: 错误：{file}：avzone {command} --engine dask 读取 Parquet（一个文件或一个分片文件夹），"
                   f"不读取 csv：请改用可以读取它的 avzone {command} --engine local，或先把文件转换为 Parquet"),
        ):  # fmt: skip
            result = run_cli(*args, "--lang", lang)
            assert result.returncode == 2 and said in result.stderr, (given, result.stderr)
            assert not dst.exists()


def test_the_command_line_refuses_a_partition_size_for_one_point():
    result = run_cli("locate", "116.5", "39.9", "--partition-size", "64MB")
    assert result.returncode == 2 and "--partition-size is for file jobs (--input/--output)" in result.stderr


# -- the footers the workers read -----------------------------------------------------------------------------------
class _Reading:
    """Counts, by file, the reads of each Parquet file's last bytes (its footer), and those made by the workers'
    reading of the rows (:meth:`avzone.distributed._AvzoneParquetEngine._read_table`) apart, and those Dask makes
    finding the dataset's schema (its own ``_collect_dataset_info``, which avzone does not control) apart."""

    tails: ClassVar[Counter[str]] = Counter()
    on_workers: ClassVar[Counter[str]] = Counter()
    for_schema: ClassVar[Counter[str]] = Counter()
    reading = 0  # the workers' reads under way (threads of the in-process cluster)
    describing = 0  # Dask finding the dataset's schema (on the client)
    lock = threading.Lock()

    @classmethod
    def count(cls, path: str, start: int, n: int, size: int) -> None:
        if n and start + n >= size - 8:  # (the footer's length and the magic bytes end a file)
            with cls.lock:
                cls.tails[path] += 1
                if cls.reading:
                    cls.on_workers[path] += 1
                if cls.describing:
                    cls.for_schema[path] += 1

    @classmethod
    def clear(cls) -> None:
        cls.tails.clear()
        cls.on_workers.clear()
        cls.for_schema.clear()


@pytest.fixture
def counted(monkeypatch):
    """The reads of footers counted (:class:`_Reading`), those of the workers reading the rows and those of Dask
    finding the dataset's schema apart."""
    read_table = dist._AvzoneParquetEngine._read_table.__func__
    dataset_info = dist._ArrowDatasetEngine._collect_dataset_info.__func__

    def reading(cls, *args, **kwargs):
        with _Reading.lock:
            _Reading.reading += 1
        try:
            return read_table(cls, *args, **kwargs)
        finally:
            with _Reading.lock:
                _Reading.reading -= 1

    def describing(cls, *args, **kwargs):
        _Reading.describing += 1
        try:
            return dataset_info(cls, *args, **kwargs)
        finally:
            _Reading.describing -= 1

    monkeypatch.setattr(dist._AvzoneParquetEngine, "_read_table", classmethod(reading))
    monkeypatch.setattr(dist._ArrowDatasetEngine, "_collect_dataset_info", classmethod(describing))
    _Reading.clear()
    return _Reading


class _TailLocal(LocalFileSystem):
    """The local file system as ``taillocal://``, its reads of footers counted (:class:`_Reading`)."""

    protocol = "taillocal"

    @classmethod
    def _strip_protocol(cls, path):
        path = str(path)
        return LocalFileSystem._strip_protocol(path.removeprefix("taillocal://"))

    def _open(self, path, mode="rb", block_size=None, **kwargs):
        return _TailLocalOpener(self._strip_protocol(path), mode, fs=self, **kwargs)


class _TailLocalOpener(LocalFileOpener):
    def read(self, n=-1):
        start = self.tell()
        out = super().read(n)
        _Reading.count(self.path, start, len(out), self.fs.size(self.path))
        return out

    def readinto(self, b):
        start = self.tell()
        n = super().readinto(b) or 0
        _Reading.count(self.path, start, n, self.fs.size(self.path))
        return n


def _hive(folder, fixes: pd.DataFrame, days: int = 3) -> list[str]:
    """``fixes`` as files in hive folders (``day=1/``, ...), a file of 4 row groups in each; their paths."""
    paths = []
    for day, rows in enumerate(np.array_split(np.arange(len(fixes)), days), start=1):
        (folder / f"day={day}").mkdir(parents=True)
        paths.append(str(folder / f"day={day}" / f"fixes-{day}.parquet"))
        fixes.iloc[rows].to_parquet(paths[-1], index=False, row_group_size=-(-len(rows) // 4))
    return paths


def test_files_in_hive_folders_read_whole_have_their_footers_read_once(tmp_path, model, cluster, counted):
    # each file read whole (one partition) in hive folders had its footer read three more times by the worker
    # reading it (its schema, Dask's dataset of the file to find its folder values, its rows): it is read once,
    # before the job, and the workers read the rows by that footer
    import fsspec

    fsspec.register_implementation("taillocal", _TailLocal, clobber=True)
    fixes = _fixes()
    paths = _hive(tmp_path / "in", fixes)
    fixes.to_parquet(tmp_path / "whole.parquet", index=False)
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    out = tmp_path / "out"
    dist.locate_parquet_dask(model, f"taillocal://{tmp_path / 'in'}", out, scheduler=cluster.scheduler_address)
    assert len(_parts(out)) == 3 and sum(counted.tails.values()) > 0
    assert not counted.on_workers, counted.on_workers
    assert [counted.tails[p] for p in paths[1:]] == [1, 1], counted.tails  # (the first: found the dataset's schema)
    got = pd.read_parquet(out)
    assert got["day"].astype(int).tolist() == [d for d, p in enumerate(paths, start=1) for _ in range(134 - (d > 1))]
    assert got.drop(columns="day").equals(pd.read_parquet(tmp_path / "local.parquet"))


def _files(src, fixes: pd.DataFrame, hive: bool) -> list[str]:
    """``fixes`` as 3 files of 4 row groups in the folder ``src``, in hive folders or not; their paths."""
    if hive:
        return _hive(src, fixes)
    src.mkdir()
    paths = [str(src / f"part.{k}.parquet") for k in range(3)]
    for k, path in enumerate(paths):
        fixes.iloc[k * 134 : (k + 1) * 134].to_parquet(path, index=False, row_group_size=34)
    return paths


@pytest.mark.parametrize("tasks", [0, 1], ids=["planned-on-the-client", "planned-in-tasks"])
@pytest.mark.parametrize("hive", [False, True], ids=["files", "hive-folders"])
def test_each_footer_is_read_once_however_dask_plans_the_partitions(tmp_path, model, cluster, counted, hive, tasks):
    # Dask plans the partitions of files it splits by row groups reading each footer again: on the client once
    # more, in tasks (many files, every file on an object store), given the files' paths, twice more (its dataset
    # of the file, then the row groups); avzone read the first file's footer twice more for the dataset's schema
    # (listing the files, ordering the columns) and had Dask read it once more for its dataset. Each footer is
    # read once, before the job: Dask plans from those, the workers read the rows by them. Dask's own reading of
    # the first file's schema, apart, is once (the schema given), in hive folders twice (its folders' columns)
    import dask
    import fsspec

    fsspec.register_implementation("taillocal", _TailLocal, clobber=True)
    fixes = _fixes()
    src = tmp_path / "in"
    paths = _files(src, fixes, hive)
    parts = {}
    for size in (None, "1GB", "4KiB", 1):
        counted.clear()
        out = tmp_path / f"out-{size}"
        with dask.config.set({"dataframe.parquet.metadata-task-size-local": tasks}):  # (1: as on an object store)
            dist.locate_parquet_dask(
                model, f"taillocal://{src}", out, scheduler=cluster.scheduler_address, partition_size=size
            )
        assert not counted.on_workers, (size, counted.on_workers)
        read = {p: counted.tails[p] - counted.for_schema[p] for p in paths}
        assert read == dict.fromkeys(paths, 1), (size, read)
        assert dict(counted.for_schema) == {paths[0]: 2 if hive else 1}, (size, counted.for_schema)
        parts[size] = len(_parts(out))
        assert pd.read_parquet(out)["lon"].tolist() == fixes["lon"].tolist()
    assert parts == {None: 3, "1GB": 3, "4KiB": parts["4KiB"], 1: 12} and 3 < parts["4KiB"] < 12, parts


@pytest.mark.parametrize("tasks", [0, 1], ids=["planned-on-the-client", "planned-in-tasks"])
@pytest.mark.parametrize("hive", [False, True], ids=["files", "hive-folders"])
def test_partitions_planned_from_the_footers_read_are_dasks_own(tmp_path, hive, tasks):
    # the partitions planned from the footers read before the job hold the rows Dask's own plan gives them, a
    # file of no row groups (an empty one) among them
    import dask
    import dask.dataframe as dd

    src = tmp_path / "in"
    paths = _files(src, _fixes(), hive)
    empty = paths[1].replace(".parquet", "-empty.parquet")
    pq.ParquetWriter(empty, pq.read_schema(paths[0])).close()  # (no row group written)
    assert pq.read_metadata(empty).num_row_groups == 0
    for size in (None, "4KiB", 1):
        blocksize = dist.partition_bytes(size)
        split = {} if blocksize is None else {"blocksize": blocksize, "split_row_groups": "adaptive"}
        with dask.config.set({"dataframe.parquet.metadata-task-size-local": tasks}):
            planned = dist._reads_footers_once(dist._read_parquet)(str(src), None, blocksize)
            own = dd.read_parquet(str(src), index=False, **split)
            rows = planned.map_partitions(len).compute().tolist()
            assert rows == own.map_partitions(len).compute().tolist(), size
        # (a partition a file, the empty one too; split, a partition a row group: the empty file has none)
        assert sum(rows) == 400 and len(rows) == {None: 4, "4KiB": len(rows), 1: 12}[size], (size, rows)


# -- a file system with no local paths (an object store) ------------------------------------------------------------
class _ObjectStore(MemoryFileSystem):
    """fsspec's memory file system as ``objstore://``, with an object store's paths (``bucket/key``, no leading
    ``/``, no local file of that name) and nothing of a local file system: each file read through
    :meth:`open`, its footer reads counted (:class:`_Reading`)."""

    protocol = "objstore"
    root_marker = ""
    store: ClassVar[dict] = {}
    pseudo_dirs: ClassVar[list] = [""]

    @classmethod
    def _strip_protocol(cls, path):
        return str(path).removeprefix("objstore://").strip("/")

    def _open(self, path, mode="rb", **kwargs):
        opened = super()._open(path, mode, **kwargs)
        return _CountedObject(self, path, opened.getvalue()) if "r" in mode else opened


class _CountedObject(MemoryFile):
    def __init__(self, fs, path, data):
        super().__init__(fs, path, data)
        self.length = len(data)

    def read(self, n=-1):
        start = self.tell()
        out = super().read(n)
        _Reading.count(self.path, start, len(out), self.length)
        return out

    def readinto(self, b):
        start = self.tell()
        n = super().readinto(b)
        _Reading.count(self.path, start, n, self.length)
        return n


def test_a_dataset_on_a_file_system_of_no_local_paths_is_read_by_its_footers(tmp_path, model, cluster, counted):
    # the workers read the rows through the file system's open (as an object store's files are read), each file by
    # the footer read before the job: split in partitions, in hive folders, read whole
    import fsspec

    fsspec.register_implementation("objstore", _ObjectStore, clobber=True)
    fs = _ObjectStore()
    fixes = _fixes()
    local = tmp_path / "in"
    paths = _hive(local, fixes)
    for path in paths:
        fs.pipe(f"bucket-{tmp_path.name}/in/{path[len(str(local)) + 1 :]}", open(path, "rb").read())
    assert all(not p.startswith("/") and "://" not in p for p in fs.find(f"bucket-{tmp_path.name}"))
    fixes.to_parquet(tmp_path / "whole.parquet", index=False)
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    want = pd.read_parquet(tmp_path / "local.parquet")
    url = f"objstore://bucket-{tmp_path.name}/in"
    for size in (None, 1):
        counted.clear()
        out = tmp_path / f"out-{size}"
        dist.locate_parquet_dask(model, url, out, scheduler=cluster.scheduler_address, partition_size=size)
        assert sum(counted.tails.values()) > 0 and not counted.on_workers, counted.on_workers
        assert len(_parts(out)) == (3 if size is None else 12)
        got = pd.read_parquet(out)
        assert got.drop(columns="day").equals(want)

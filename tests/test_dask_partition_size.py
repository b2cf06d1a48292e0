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


def test_the_command_line_refuses_a_partition_size_for_one_point():
    result = run_cli("locate", "116.5", "39.9", "--partition-size", "64MB")
    assert result.returncode == 2 and "--partition-size is for file jobs (--input/--output)" in result.stderr


# -- the footers the workers read -----------------------------------------------------------------------------------
class _Reading:
    """Counts, by file, the reads of each Parquet file's last bytes (its footer), and those made by the workers'
    reading of the rows (:meth:`avzone.distributed._AvzoneParquetEngine._read_table`) apart."""

    tails: ClassVar[Counter[str]] = Counter()
    on_workers: ClassVar[Counter[str]] = Counter()
    reading = 0  # the workers' reads under way (threads of the in-process cluster)
    lock = threading.Lock()

    @classmethod
    def count(cls, path: str, start: int, n: int, size: int) -> None:
        if n and start + n >= size - 8:  # (the footer's length and the magic bytes end a file)
            with cls.lock:
                cls.tails[path] += 1
                if cls.reading:
                    cls.on_workers[path] += 1

    @classmethod
    def clear(cls) -> None:
        cls.tails.clear()
        cls.on_workers.clear()


@pytest.fixture
def counted(monkeypatch):
    """The reads of footers counted (:class:`_Reading`), those of the workers reading the rows apart."""
    read_table = dist._AvzoneParquetEngine._read_table.__func__

    def reading(cls, *args, **kwargs):
        with _Reading.lock:
            _Reading.reading += 1
        try:
            return read_table(cls, *args, **kwargs)
        finally:
            with _Reading.lock:
                _Reading.reading -= 1

    monkeypatch.setattr(dist._AvzoneParquetEngine, "_read_table", classmethod(reading))
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


@pytest.mark.parametrize("hive", [False, True], ids=["files", "hive-folders"])
def test_files_dask_plans_in_tasks_have_their_footers_read_once_before_the_job(tmp_path, model, cluster, counted, hive):
    # Dask plans the partitions of many files (of every file on an object store) in tasks, given their paths, and
    # reads each footer there (twice, a number of its own: its dataset of the file, then the row groups); the
    # workers read each partition's footer again: they read the rows by the footer read before the job
    import dask
    import fsspec

    fsspec.register_implementation("taillocal", _TailLocal, clobber=True)
    fixes = _fixes()
    src = tmp_path / "in"
    if hive:
        paths = _hive(src, fixes)
    else:
        src.mkdir()
        paths = [str(src / f"part.{k}.parquet") for k in range(3)]
        for k, path in enumerate(paths):
            fixes.iloc[k * 134 : (k + 1) * 134].to_parquet(path, index=False, row_group_size=34)
    reads = {}
    for size in ("1GB", "4KiB", 1):
        counted.clear()
        out = tmp_path / f"out-{size}"
        with dask.config.set({"dataframe.parquet.metadata-task-size-local": 1}):  # (as on an object store)
            dist.locate_parquet_dask(
                model, f"taillocal://{src}", out, scheduler=cluster.scheduler_address, partition_size=size
            )
        assert not counted.on_workers, (size, counted.on_workers)
        reads[size] = [counted.tails[p] for p in paths[1:]], len(_parts(out))
        assert pd.read_parquet(out)["lon"].tolist() == fixes["lon"].tolist()
    (few, n_few), (some, n_some), (many, n_many) = reads.values()
    assert n_few == 3 < n_some < n_many == 12, reads  # (each file whole, in a few partitions, one per row group)
    assert few == some == many, reads  # (not once more per partition)


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

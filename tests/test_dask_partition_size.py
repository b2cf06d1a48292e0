"""The dask engines' partition size (``partition_size=``, ``--partition-size``).

A Parquet file is read as partitions of whole row groups holding at most the size given (uncompressed), one
output part each, with the rows the default partitions give; a value that is not a size is refused, naming the
option and the forms it takes, in English and Chinese, before any cluster starts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from common import run_cli

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

"""Atomic outputs: a failed, interrupted or concurrent job never leaves a partial file.

Unit tests of :func:`avzone._atomic.atomic_output` and :func:`same_file`, then
the command line as real child processes: SIGINT and SIGTERM sent mid-job, a
job failing on a bad row near the end, a hard-linked output, and two jobs
writing one target at once.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from common import FAULTHANDLER_ENV, run_cli, stop_child

from avzone._atomic import TEMP_MARKER, atomic_output, check_not_input, same_file
from avzone.errors import AvzoneError, InputError

CLI = [sys.executable, "-m", "avzone"]


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARKER in p.name)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- the context manager ----------------------------------------------------------
def test_success_renames_a_hidden_sibling_into_place(tmp_path):
    out = tmp_path / "out.csv"
    with atomic_output(out) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".out.csv" + TEMP_MARKER)
        assert tmp.suffix == ".csv"  # formats are told from the extension
        assert tmp.exists() and tmp.stat().st_size == 0
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
        tmp.write_text("a,b\n1,2\n", encoding="utf-8")
        assert not out.exists()  # nothing at the target until the job is done
    assert out.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert temps(tmp_path) == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask()


def test_existing_target_keeps_its_permissions(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    with atomic_output(out) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


class Boom(Exception):
    pass


@pytest.mark.parametrize("exc", [Boom("x"), KeyboardInterrupt(), SystemExit(3), InputError("bad row")])
@pytest.mark.parametrize("existing", [False, True], ids=["no-target", "old-target"])
def test_failure_leaves_the_target_untouched_and_no_temp(tmp_path, exc, existing):
    out = tmp_path / "out.parquet"
    old = b"PAR1 an older, complete output"
    if existing:
        out.write_bytes(old)
    with pytest.raises(type(exc)):
        with atomic_output(out) as tmp:
            tmp.write_bytes(b"half of a new output")
            raise exc
    assert temps(tmp_path) == []
    if existing:
        assert out.read_bytes() == old
    else:
        assert not out.exists()


def test_signal_during_the_commit_waits_until_the_output_is_in_place(tmp_path, monkeypatch):
    from avzone import _atomic

    real_replace = os.replace

    def replace_with_a_signal(src, dst):
        signal.raise_signal(signal.SIGINT)  # arrives between the last write and the rename
        real_replace(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace_with_a_signal)
    # Python's own Ctrl-C handler, as in a program run from a terminal: a job started in the background by a
    # non-interactive shell inherits SIGINT ignored, and the signal would never arrive
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        out = tmp_path / "out.csv"
        before = len(_atomic.discarded())
        handler = signal.getsignal(signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            with atomic_output(out) as tmp:
                tmp.write_text("complete", encoding="utf-8")
        assert out.read_text(encoding="utf-8") == "complete" and temps(tmp_path) == []
        assert len(_atomic.discarded()) == before  # committed, not discarded
        assert signal.getsignal(signal.SIGINT) is handler
    finally:
        signal.signal(signal.SIGINT, previous)


def test_error_about_the_temporary_file_names_the_target(tmp_path):
    out = tmp_path / "out.txt"
    with pytest.raises(InputError) as info:
        with atomic_output(out) as tmp:
            raise InputError(f"{tmp}: cannot tell the output format from the extension '.txt'")
    assert str(info.value) == f"{out}: cannot tell the output format from the extension '.txt'"
    assert TEMP_MARKER not in str(info.value)


def test_writer_may_replace_the_temporary_file(tmp_path):
    out = tmp_path / "out.html"
    with atomic_output(out) as tmp:
        tmp.unlink()
        (tmp.parent / "side").write_text("page", encoding="utf-8")
        os.replace(tmp.parent / "side", tmp)
    assert out.read_text(encoding="utf-8") == "page" and temps(tmp_path) == []


def test_missing_folder_is_an_input_error(tmp_path):
    out = tmp_path / "no" / "such" / "out.csv"
    with pytest.raises(InputError, match=r"out\.csv: the folder .*such does not exist"):
        with atomic_output(out):
            pytest.fail("the block must not run")
    assert not (tmp_path / "no").exists()


def test_folder_as_target_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        with atomic_output(tmp_path):
            pytest.fail("the block must not run")


def test_symlinked_target_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_output(link) as tmp:
        assert tmp.parent == tmp_path
        tmp.write_text("new", encoding="utf-8")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_nested_jobs_on_one_target_use_their_own_temporary_files(tmp_path):
    out = tmp_path / "out.csv"
    with atomic_output(out) as first:
        first.write_text("first", encoding="utf-8")
        with atomic_output(out) as second:
            assert second != first
            second.write_text("second", encoding="utf-8")
        assert out.read_text(encoding="utf-8") == "second"
    assert out.read_text(encoding="utf-8") == "first"  # the last to finish wins, whole
    assert temps(tmp_path) == []


def test_read_only_target_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("keep", encoding="utf-8")
    out.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: answer as an ordinary user would get
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == out else real_access(p, mode))
    with pytest.raises(InputError, match=r"out\.csv: the file is read-only"):
        with atomic_output(out):
            pytest.fail("the block must not run")
    assert out.read_text(encoding="utf-8") == "keep" and temps(tmp_path) == []


def test_unwritable_folder_is_an_input_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write in"):
            with atomic_output(folder / "out.csv"):
                pytest.fail("the block must not run")
    finally:
        folder.chmod(0o700)


# -- same file ---------------------------------------------------------------------
def test_same_file_by_inode_link_and_path(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("lon,lat\n", encoding="utf-8")
    hard = tmp_path / "hard.csv"
    hard.hardlink_to(a)
    soft = tmp_path / "soft.csv"
    soft.symlink_to(a)
    other = tmp_path / "other.csv"
    other.write_text("lon,lat\n", encoding="utf-8")  # equal content, another file
    assert same_file(a, hard) and same_file(a, soft) and same_file(hard, soft)
    assert same_file(a, tmp_path / "." / "a.csv")
    assert not same_file(a, other)
    assert not same_file(a, tmp_path / "missing.csv")
    assert same_file(tmp_path / "missing.csv", tmp_path / "x" / ".." / "missing.csv")


@pytest.mark.parametrize("kind", ["same", "hard", "soft"])
def test_output_that_is_the_input_is_refused(tmp_path, kind):
    src = tmp_path / "in.csv"
    src.write_text("lon,lat\n116.5,39.79\n", encoding="utf-8")
    dst = {"same": src, "hard": tmp_path / "hard.csv", "soft": tmp_path / "soft.csv"}[kind]
    if kind == "hard":
        dst.hardlink_to(src)
    elif kind == "soft":
        dst.symlink_to(src)
    with pytest.raises(InputError, match=rf"^{dst}: the output is the input file {src}"):
        check_not_input(src, dst)
    with pytest.raises(InputError, match="would destroy it"):
        with atomic_output(dst, input_path=src):
            pytest.fail("the block must not run")
    assert src.read_text(encoding="utf-8") == "lon,lat\n116.5,39.79\n"
    assert temps(tmp_path) == []


def test_errors_are_avzone_errors():
    assert issubclass(InputError, AvzoneError)


# -- the command line, as child processes ----------------------------------------------
def write_points_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    table = pa.table(
        {
            "id": np.arange(rows),
            "lon": rng.uniform(116.0, 117.0, rows).round(6),
            "lat": rng.uniform(39.5, 40.3, rows).round(6),
        }
    )
    pacsv.write_csv(table, path)


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """A CSV of 4 million points: several chunks, so a job runs for seconds."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    write_points_csv(path, 4_000_000)
    return path


def wait_for_partial_output(proc: subprocess.Popen, folder: Path, timeout: float = 240) -> None:
    """Wait until the job's temporary file holds some rows (the job is mid-write)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the job ended (exit {proc.returncode}) before it could be interrupted")
        names = temps(folder)
        if names:
            try:
                if (folder / names[0]).stat().st_size > 0:
                    return
            except FileNotFoundError:
                pass
        time.sleep(0.02)
    pytest.fail(f"no partial output appeared in {folder} within {timeout} s")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("existing", [False, True], ids=["no-target", "old-target"])
def test_signal_mid_job_leaves_no_partial_output(big_csv, tmp_path, sig, existing):
    out = tmp_path / "out.csv"
    old = b"id,lon,lat,in_core\n1,116.5,39.79,true\n"
    if existing:
        out.write_bytes(old)
    proc = subprocess.Popen(
        [*CLI, "locate", "--input", str(big_csv), "--output", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **FAULTHANDLER_ENV},
    )
    try:
        wait_for_partial_output(proc, tmp_path)
    except BaseException:
        stop_child(proc, signal.SIGKILL)
        raise
    stderr = stop_child(proc, sig)
    assert proc.returncode == 128 + sig, stderr
    assert "Traceback" not in stderr
    name = "SIGINT" if sig == signal.SIGINT else "SIGTERM"
    assert stderr.strip().splitlines()[-1].startswith("avzone: ") and name in stderr
    assert temps(tmp_path) == []
    if existing:
        assert out.read_bytes() == old
    else:
        assert not out.exists()


@pytest.fixture(scope="module")
def bad_row_csv(tmp_path_factory) -> Path:
    """2.5 million good rows, then a row with one field too many, then more good rows."""
    folder = tmp_path_factory.mktemp("bad")
    good = folder / "good.csv"
    write_points_csv(good, 2_600_000, seed=2)
    path = folder / "bad_row.csv"
    with good.open("rb") as src, path.open("wb") as dst:
        for i, line in enumerate(src):
            dst.write(line)
            if i == 2_500_000:
                dst.write(b"2500000,116.5,39.79,surplus\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["no-target", "old-target"])
def test_bad_row_near_the_end_leaves_no_partial_output(bad_row_csv, tmp_path, existing):
    out = tmp_path / "out.csv"
    if existing:
        out.write_bytes(b"old")
    r = subprocess.run(
        [*CLI, "locate", "--input", str(bad_row_csv), "--output", str(out)], capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and str(bad_row_csv) in r.stderr
    assert TEMP_MARKER not in r.stderr
    assert temps(tmp_path) == []
    assert out.read_bytes() == b"old" if existing else not out.exists()


@pytest.mark.parametrize("existing", [False, True], ids=["no-target", "old-target"])
def test_bad_column_name_leaves_no_output(tmp_path, existing):
    src = tmp_path / "in.csv"
    write_points_csv(src, 100)
    out = tmp_path / "out.csv"
    if existing:
        out.write_bytes(b"old")
    r = subprocess.run(
        [*CLI, "locate", "--input", str(src), "--output", str(out), "--lon-col", "nosuch"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 2 and "no column 'nosuch'" in r.stderr and "Traceback" not in r.stderr
    assert temps(tmp_path) == []
    assert out.read_bytes() == b"old" if existing else not out.exists()


def test_unknown_output_extension_names_the_target(tmp_path):
    src = tmp_path / "in.csv"
    write_points_csv(src, 10)
    out = tmp_path / "out.txt"
    r = subprocess.run([*CLI, "locate", "--input", str(src), "--output", str(out)], capture_output=True, text=True)
    assert r.returncode == 2 and f"{out}: cannot tell the output format" in r.stderr
    assert TEMP_MARKER not in r.stderr and temps(tmp_path) == [] and not out.exists()


@pytest.mark.parametrize("kind", ["hard", "soft"])
def test_cli_refuses_a_linked_output_and_keeps_the_input(tmp_path, kind):
    src = tmp_path / "in.csv"
    write_points_csv(src, 1000)
    before = src.read_bytes()
    out = tmp_path / "out.csv"
    out.hardlink_to(src) if kind == "hard" else out.symlink_to(src)
    r = subprocess.run([*CLI, "locate", "--input", str(src), "--output", str(out)], capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert f"{out}: the output is the input file {src}" in r.stderr and "Traceback" not in r.stderr
    assert src.read_bytes() == before
    assert temps(tmp_path) == []


def test_summary_and_json_name_the_target(tmp_path):
    src = tmp_path / "in.csv"
    write_points_csv(src, 50)
    out = tmp_path / "out.csv"
    r = subprocess.run(
        [*CLI, "locate", "--input", str(src), "--output", str(out), "--json"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert f"written to {out}" in r.stderr and f'"output": "{out}"' in r.stdout
    assert TEMP_MARKER not in r.stderr + r.stdout


@pytest.mark.slow
def test_two_jobs_to_one_target_leave_one_complete_output(tmp_path):
    sizes = {"a": 2_000_000, "b": 1_200_000}  # unequal, so a mix of the two could not pass for either
    inputs = {k: tmp_path / f"{k}.csv" for k in sizes}
    for seed, (k, rows) in enumerate(sizes.items()):
        write_points_csv(inputs[k], rows, seed=seed + 3)
    out = tmp_path / "out.parquet"
    procs = [
        subprocess.Popen(
            [*CLI, "locate", "--input", str(src), "--output", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for src in inputs.values()
    ]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, results):
        assert p.returncode == 0, err
    assert temps(tmp_path) == []
    table = pq.read_table(out)  # readable: one writer's complete file
    assert table.column_names[:3] == ["id", "lon", "lat"] and table.column_names[-1] == "status"
    winner = [k for k, rows in sizes.items() if table.num_rows == rows]
    assert len(winner) == 1, f"{table.num_rows} rows: neither job's output"
    source = pacsv.read_csv(inputs[winner[0]], convert_options=pacsv.ConvertOptions(column_types={"lon": pa.string()}))
    assert table.column("id").to_pylist() == [str(i) for i in range(table.num_rows)]  # CSV cells stay text
    assert table.column("lon").to_pylist() == source.column("lon").to_pylist()


# -- signals in cli.main, in this process -------------------------------------------------
def _signalled_area_job(monkeypatch, out, sig) -> None:
    """`avzone area` replaced by a job that starts writing ``out`` atomically and gets ``sig`` on the way."""
    from avzone import cli

    def job(args):
        with atomic_output(out) as tmp:
            tmp.write_bytes(b"partial")
            signal.raise_signal(sig)
            pytest.fail("the signal must stop the job")

    monkeypatch.setattr(cli, "cmd_area", job)


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")])
def test_main_turns_signals_into_exit_codes_and_restores_handlers(monkeypatch, capsys, tmp_path, sig, code, word):
    from avzone import cli

    out = tmp_path / "out.csv"
    out.write_bytes(b"old")

    _signalled_area_job(monkeypatch, out, sig)
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    assert cli.main(["area"]) == code
    err = capsys.readouterr().err
    assert (
        err == f"avzone: {'interrupted' if sig == signal.SIGINT else 'stopped'} ({word}); "
        f"the unfinished output was removed and {out} left as it was\n"
    )
    assert out.read_bytes() == b"old" and temps(tmp_path) == []
    assert {s: signal.getsignal(s) for s in before} == before


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGINT, 130, "已中断"), (signal.SIGTERM, 143, "已停止")])
@pytest.mark.parametrize("kept", [True, False])
def test_main_says_a_signal_stopped_the_job_in_chinese(monkeypatch, capsys, tmp_path, sig, code, word, kept):
    from avzone import cli

    out = tmp_path / "out.csv"
    if kept:
        out.write_bytes(b"old")

    _signalled_area_job(monkeypatch, out, sig)
    assert cli.main(["area", "--lang", "zh"]) == code
    state = "保持原样" if kept else "未写入"
    name = "SIGINT" if sig == signal.SIGINT else "SIGTERM"
    assert capsys.readouterr().err == f"avzone: {word}（{name}）；未完成的输出已删除，{out} {state}\n"
    assert out.exists() == kept and temps(tmp_path) == []


def test_serve_keeps_uvicorns_own_signal_handling(monkeypatch):
    from avzone import cli

    seen = {}
    monkeypatch.setattr(cli, "cmd_serve", lambda args: seen.update(handler=signal.getsignal(signal.SIGTERM)) or 0)
    before = signal.getsignal(signal.SIGTERM)
    assert cli.main(["serve", "--port", "8000"]) == 0
    assert seen["handler"] is before  # not turned into an exception: uvicorn shuts down gracefully


# -- folders (the dask engine's output) ------------------------------------------------------
def test_folder_output_appears_whole_or_not_at_all(tmp_path):
    out = tmp_path / "located"
    with atomic_output(out, folder=True) as tmp:
        assert tmp.is_dir() and not any(tmp.iterdir()) and tmp.parent == tmp_path
        (tmp / "part.0.parquet").write_bytes(b"one")
        assert not out.exists()
    assert sorted(p.name for p in out.iterdir()) == ["part.0.parquet"] and temps(tmp_path) == []
    other = tmp_path / "other"
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(other, folder=True) as tmp:
            (tmp / "part.0.parquet").write_bytes(b"half")
            raise KeyboardInterrupt
    assert not other.exists() and temps(tmp_path) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic_output(empty, folder=True) as tmp:
        (tmp / "part.0.parquet").write_bytes(b"two")
    assert (empty / "part.0.parquet").read_bytes() == b"two"
    with pytest.raises(InputError, match="already exists"):
        with atomic_output(out, folder=True):
            pytest.fail("the block must not run")


def _parquet_parts(folder: Path, parts: int = 2, rows: int = 500) -> None:
    folder.mkdir()
    rng = np.random.default_rng(7)
    for k in range(parts):
        table = pa.table({"lon": rng.uniform(116.0, 117.0, rows), "lat": rng.uniform(39.5, 40.3, rows)})
        pq.write_table(table, folder / f"part.{k}.parquet")


@pytest.mark.slow
def test_dask_engine_output_folder_is_atomic(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    _parquet_parts(src)
    bad = subprocess.run(
        [*CLI, "locate", "--engine", "dask", "--input", str(src), "--output", str(tmp_path / "bad"), "--lon-col", "x"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert bad.returncode == 2 and "no column 'x'" in bad.stderr and "Traceback" not in bad.stderr
    assert TEMP_MARKER not in bad.stderr and not (tmp_path / "bad").exists() and temps(tmp_path) == []
    out = tmp_path / "out"
    good = subprocess.run(
        [*CLI, "locate", "--engine", "dask", "--input", str(src), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert good.returncode == 0, good.stderr
    assert f"written to {out}" in good.stderr and temps(tmp_path) == []
    assert pq.read_table(out).num_rows == 1000


class _FullDisk:
    """A writer whose every write fails as on a full disk."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def _fail(self, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    write = write_table = write_batch = _fail

    def close(self) -> None:
        pass


@pytest.mark.parametrize("job", ["events", "locate"])
def test_a_write_error_names_the_output_not_the_input(tmp_path, monkeypatch, job):
    # an error of the writer is "cannot write" the output (by its own name, not the temporary file's), not
    # "cannot read the file" about the input; nothing is left behind
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\na,2024-07-01 08:00,116.42,39.79\na,2024-07-01 08:04,116.46,39.79\n", encoding="utf-8"
    )
    dst = tmp_path / "out.csv"
    if job == "events":
        monkeypatch.setattr("avzone.batch.EncodedSink", _FullDisk)  # (the CSV writer's file)
    else:
        monkeypatch.setattr("avzone.batch._TableWriter", _FullDisk)
    out = run_cli(job, "--input", str(src), "--output", str(dst))
    assert out.returncode == 2
    assert f"{dst}: cannot write the file" in out.stderr and "No space left on device" in out.stderr
    assert "cannot read" not in out.stderr and TEMP_MARKER not in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


def test_a_failed_folder_output_is_removed_even_when_a_late_part_lands_while_it_is_emptied(tmp_path, monkeypatch):
    """A parallel task writing a part while the job's temporary folder is removed does not leave the folder behind."""
    import shutil

    from avzone import _atomic

    real_rmtree = shutil.rmtree
    calls = []

    def rmtree_racing_a_writer(path, ignore_errors=False):
        calls.append(path)
        real_rmtree(path, ignore_errors=True)
        if len(calls) == 1:  # a partition finishing just then: its part lands, the folder's removal fails
            Path(path).mkdir()
            (Path(path) / "part.2.parquet").write_bytes(b"PAR1")

    monkeypatch.setattr(_atomic.shutil, "rmtree", rmtree_racing_a_writer)
    target = tmp_path / "out"
    with pytest.raises(OSError, match="No space left"), atomic_output(target, folder=True) as tmp:
        (tmp / "part.0.parquet").write_bytes(b"PAR1")
        raise OSError(28, "No space left on device")
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


_LIBRARY_JOB = """
import sys, time
import avzone, avzone.export
from pathlib import Path

def slow_verify(out, *args, **kwargs):  # the job is mid-write: its temporary file is there
    print("writing", flush=True)
    time.sleep(60)

avzone.export._verify = slow_verify
avzone.load().export("stations", Path(sys.argv[1]) / "stations.gpkg")
"""


def test_sigterm_during_a_library_job_leaves_no_temporary_files_and_still_ends_the_process(tmp_path):
    # the CLI turns SIGTERM into a clean-up; a library job (Python's default SIGTERM: die at once) left its
    # temporary files behind. The process still ends as SIGTERM ends it (-15), with nothing left over.
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _LIBRARY_JOB, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **FAULTHANDLER_ENV},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        assert temps(out) != []
    except BaseException:
        stop_child(proc, signal.SIGKILL)
        raise
    stderr = stop_child(proc, signal.SIGTERM)
    assert proc.returncode == -signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == []


def test_a_library_job_keeps_the_callers_signal_handlers(tmp_path, monkeypatch):
    # the caller's own SIGTERM handler stays in charge during the job; Python's default is back after it
    import avzone.export

    seen = []

    def record(out, *args, **kwargs):
        seen.append(signal.getsignal(signal.SIGTERM))

    monkeypatch.setattr(avzone.export, "_verify", record)

    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        avzone.load().export("stations", tmp_path / "a.gpkg")
        assert seen == [mine] and signal.getsignal(signal.SIGTERM) is mine
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        avzone.load().export("stations", tmp_path / "b.gpkg")
        assert seen[1] not in (signal.SIG_DFL, mine)  # the job's clean-up while it runs
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)

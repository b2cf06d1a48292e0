"""The outputs of one command are put in place together, or none is.

Unit tests of :func:`avzone._atomic.atomic_outputs` (a rename failing part
way, a target that cannot be put back, a folder beside a file, one file
given twice, a signal between the renames), then ``avzone events`` with
``--output``, ``--summary`` and ``--annotate`` (local and dask engines): a
failure injected between the renames, SIGINT and SIGTERM sent to a child
process mid-job, an output that is the input, a missing folder and a
folder that cannot be written in.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from common import FAULTHANDLER_ENV, run_cli, stop_child

from avzone import _atomic
from avzone._atomic import OLD_MARKER, TEMP_MARKER, atomic_output, atomic_outputs
from avzone.errors import InputError
from avzone.i18n import Message, error_text


def leftovers(*folders: Path) -> list[str]:
    """Temporary files and targets kept aside, in ``folders``."""
    return sorted(p.name for f in folders for p in f.iterdir() if TEMP_MARKER in p.name or OLD_MARKER in p.name)


def fail_renaming_onto(monkeypatch, target: Path, *, also_put_back: Path | None = None) -> list[tuple[str, str]]:
    """Make the rename of a temporary file onto ``target`` fail as a disk error would (and, with
    ``also_put_back``, the rename that would put that target's previous file back). Returns the renames done."""
    real_replace = os.replace
    done: list[tuple[str, str]] = []

    def replace(src, dst):
        src, dst = Path(src), Path(dst)
        if dst == target and TEMP_MARKER in src.name:
            raise OSError(errno.EIO, "Input/output error")
        if also_put_back is not None and dst == also_put_back and OLD_MARKER in src.name:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)
        done.append((src.name, dst.name))

    monkeypatch.setattr(_atomic.os, "replace", replace)
    return done


# -- atomic_outputs ---------------------------------------------------------------------------------------
def test_outputs_appear_together_when_all_are_written(tmp_path):
    a, b, c = tmp_path / "events.csv", tmp_path / "summary.parquet", tmp_path / "rows.csv"
    b.write_bytes(b"old summary")
    with atomic_outputs() as outputs:
        for target in (a, b, c):
            outputs.add(target).write_text(f"new {target.name}", encoding="utf-8")
        assert not a.exists() and b.read_bytes() == b"old summary" and not c.exists()
    assert [p.read_text(encoding="utf-8") for p in (a, b, c)] == [
        "new events.csv",
        "new summary.parquet",
        "new rows.csv",
    ]
    assert leftovers(tmp_path) == []


class Boom(Exception):
    pass


@pytest.mark.parametrize("exc", [Boom("x"), KeyboardInterrupt(), SystemExit(3), InputError("bad row")])
def test_a_failure_before_the_renames_touches_no_target(tmp_path, exc):
    a, b, c = tmp_path / "events.csv", tmp_path / "summary.csv", tmp_path / "rows.csv"
    a.write_bytes(b"old events")
    c.write_bytes(b"old rows")
    with pytest.raises(type(exc)):
        with atomic_outputs() as outputs:
            for target in (a, b, c):
                outputs.add(target).write_text("complete", encoding="utf-8")
            raise exc  # e.g. the last output's writer failing at its close
    assert a.read_bytes() == b"old events" and not b.exists() and c.read_bytes() == b"old rows"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", [1, 2], ids=["second", "third"])
@pytest.mark.parametrize("existing", [False, True], ids=["no-targets", "old-targets"])
def test_a_rename_failing_part_way_puts_back_what_was_replaced(tmp_path, monkeypatch, failing, existing):
    targets = [tmp_path / "events.csv", tmp_path / "summary.csv", tmp_path / "rows.parquet"]
    if existing:
        for t in targets:
            t.write_bytes(b"old " + t.name.encode())
    fail_renaming_onto(monkeypatch, targets[failing])
    with pytest.raises(InputError) as caught:
        with atomic_outputs() as outputs:
            for t in targets:
                outputs.add(t).write_text("new", encoding="utf-8")
    for t in targets:
        assert t.read_bytes() == b"old " + t.name.encode() if existing else not t.exists(), t
    assert leftovers(tmp_path) == []
    put_back = ", ".join(str(t) for t in targets[:failing])
    assert str(caught.value) == (
        f"{targets[failing]}: cannot put the output in place (Input/output error); the outputs already put in "
        f"place were put back as they were ({put_back}): no output changed"
    )
    assert error_text(caught.value, "zh").startswith(
        f"{targets[failing]}：无法把输出放到位（Input/output error）；已放到位"
    )


def test_a_target_that_cannot_be_put_back_is_named_with_where_its_old_content_is(tmp_path, monkeypatch):
    a, b = tmp_path / "events.csv", tmp_path / "summary.csv"
    a.write_bytes(b"old events")
    b.write_bytes(b"old summary")
    fail_renaming_onto(monkeypatch, b, also_put_back=a)
    with pytest.raises(InputError) as caught:
        with atomic_outputs() as outputs:
            outputs.add(a).write_text("new events", encoding="utf-8")
            outputs.add(b).write_text("new summary", encoding="utf-8")
    kept = [p for p in tmp_path.iterdir() if OLD_MARKER in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"old events"  # not lost: named in the error
    assert str(caught.value) == (
        f"{b}: cannot put the output in place (Input/output error); and could not put back as it was: "
        f"{a} (kept as {kept[0]}): Input/output error"
    )
    # in Chinese each target not put back is said in Chinese too (where its old content is), the system's words kept
    assert error_text(caught.value, "zh") == (
        f"{b}：无法把输出放到位（Input/output error）；且无法恢复原样："
        f"{a}（原内容保存为 {kept[0]}）：Input/output error"
    )
    assert b.read_bytes() == b"old summary"
    assert [p.name for p in tmp_path.iterdir() if TEMP_MARKER in p.name] == []


def test_a_new_target_that_cannot_be_taken_back_is_named_in_chinese(tmp_path, monkeypatch):
    # the list of targets not put back was English in a Chinese error: the system's reason said in Chinese too
    a, b = tmp_path / "events.csv", tmp_path / "summary.csv"
    real_replace = os.replace

    def replace(src, dst):
        src, dst = Path(src), Path(dst)
        if (dst == b and TEMP_MARKER in src.name) or (src == a and TEMP_MARKER in dst.name):
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace)
    with pytest.raises(InputError) as caught:
        with atomic_outputs() as outputs:
            outputs.add(a).write_text("new events", encoding="utf-8")
            outputs.add(b).write_text("new summary", encoding="utf-8")
    assert str(caught.value) == (
        f"{b}: cannot put the output in place (Permission denied); and could not put back as it was: "
        f"{a}: Permission denied"
    )
    assert error_text(caught.value, "zh") == (
        f"{b}：无法把输出放到位（没有权限：Permission denied）；且无法恢复原样：{a}：没有权限：Permission denied"
    )


@pytest.mark.parametrize("empty_folder", [False, True], ids=["no-folder", "empty-folder"])
def test_a_folder_output_does_not_stay_when_the_file_beside_it_fails(tmp_path, monkeypatch, empty_folder):
    parts, summary = tmp_path / "events", tmp_path / "summary.csv"
    if empty_folder:
        parts.mkdir()
    summary.write_bytes(b"old summary")
    fail_renaming_onto(monkeypatch, summary)
    with pytest.raises(InputError, match=r"summary\.csv: cannot put the output in place"):
        with atomic_outputs() as outputs:
            folder = outputs.add(parts, folder=True)
            (folder / "part.0.parquet").write_bytes(b"complete")
            outputs.add(summary).write_text("new", encoding="utf-8")
    if empty_folder:
        assert parts.is_dir() and list(parts.iterdir()) == []
    else:
        assert not parts.exists()
    assert summary.read_bytes() == b"old summary" and leftovers(tmp_path) == []


def test_one_file_given_as_two_outputs_is_refused(tmp_path):
    out = tmp_path / "out.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(out)
    with pytest.raises(InputError) as caught:
        with atomic_outputs() as outputs:
            outputs.add(out)
            outputs.add(link)
    assert str(caught.value) == f"{link}: the same file as the output {out}; give each output its own path"
    assert not out.exists() and leftovers(tmp_path) == []


def test_a_signal_between_the_renames_waits_until_every_output_is_in_place(tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def replace_with_a_signal(src, dst):
        if not calls:
            signal.raise_signal(signal.SIGINT)  # arrives after the first rename has begun
        calls.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace_with_a_signal)
    a, b = tmp_path / "events.csv", tmp_path / "summary.csv"
    # (Python's own SIGINT handler, as in a program: a test runner's worker process may ignore SIGINT)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with atomic_outputs() as outputs:
                outputs.add(a).write_text("events", encoding="utf-8")
                outputs.add(b).write_text("summary", encoding="utf-8")
    finally:
        signal.signal(signal.SIGINT, before)
    assert a.read_text(encoding="utf-8") == "events" and b.read_text(encoding="utf-8") == "summary"
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_in_is_named_and_nothing_is_left(tmp_path, monkeypatch):
    ok, locked = tmp_path / "ok", tmp_path / "locked"
    ok.mkdir()
    locked.mkdir()
    deny_writing_in(monkeypatch, locked)
    with pytest.raises(InputError) as caught:
        with atomic_outputs() as outputs:
            outputs.add(ok / "events.csv").write_text("x", encoding="utf-8")
            outputs.add(locked / "summary.csv")
    assert str(caught.value) == f"{locked / 'summary.csv'}: cannot write in {locked} (Permission denied)"
    assert list(ok.iterdir()) == [] and list(locked.iterdir()) == []


def deny_writing_in(monkeypatch, folder: Path) -> None:
    """``folder`` read-only: for real (chmod 0500), and as the system would answer an ordinary user when the
    tests run as root (who may write anywhere)."""
    folder.chmod(0o500)
    monkeypatch.chdir(folder.parent)  # (undone before tmp_path is removed)
    if os.geteuid() == 0:
        real_open, real_mkdir = os.open, os.mkdir

        def refuse(path, *args, **kwargs):
            if Path(path).parent == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return (real_mkdir if kwargs.pop("_mkdir", False) else real_open)(path, *args, **kwargs)

        monkeypatch.setattr(_atomic.os, "open", refuse)
        monkeypatch.setattr(_atomic.os, "mkdir", lambda path, *a, **k: refuse(path, *a, _mkdir=True, **k))


@pytest.fixture(autouse=True)
def writable_again(tmp_path):
    yield
    for p in tmp_path.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o700)


def test_a_single_output_is_a_transaction_of_one(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    fail_renaming_onto(monkeypatch, out)
    with pytest.raises(InputError) as caught:
        with atomic_output(out) as tmp:
            tmp.write_text("new", encoding="utf-8")
    assert str(caught.value) == f"{out}: cannot put the output in place (Input/output error)"
    assert out.read_bytes() == b"old" and leftovers(tmp_path) == []


# -- avzone events ----------------------------------------------------------------------------------------
FIXES = (
    "vehicle,ts,lon,lat\n"
    "a,2024-07-01 08:00,116.42,39.79\n"
    "a,2024-07-01 08:04,116.46,39.79\n"
    "b,2024-07-01 09:00,116.50,39.80\n"
    "b,2024-07-01 09:03,116.55,39.81\n"
)


@pytest.fixture
def fixes(tmp_path) -> Path:
    path = tmp_path / "fixes.csv"
    path.write_text(FIXES, encoding="utf-8")
    return path


def events_args(fixes: Path, out: dict[str, Path]) -> list[str]:
    return [
        "events",
        "--input",
        str(fixes),
        "--output",
        str(out["events"]),
        "--summary",
        str(out["summary"]),
        "--annotate",
        str(out["annotate"]),
    ]


def old_outputs(folder: Path) -> dict[str, Path]:
    out = {"events": folder / "events.csv", "summary": folder / "summary.parquet", "annotate": folder / "rows.csv"}
    for name, path in out.items():
        path.write_bytes(f"the previous {name}\n".encode())
    return out


def assert_unchanged(out: dict[str, Path]) -> None:
    for name, path in out.items():
        assert path.read_bytes() == f"the previous {name}\n".encode(), name


@pytest.mark.parametrize("failing", ["summary", "annotate"])
def test_events_a_rename_failing_part_way_leaves_every_output_as_it_was(fixes, tmp_path, monkeypatch, failing):
    out = old_outputs(tmp_path)
    fail_renaming_onto(monkeypatch, out[failing])
    r = run_cli(*events_args(fixes, out))
    assert r.returncode == 2, r.stderr
    assert f"avzone: error: {out[failing]}: cannot put the output in place (Input/output error)" in r.stderr
    assert f"were put back as they were ({out['events']}" in r.stderr
    assert_unchanged(out)
    assert leftovers(tmp_path) == []


def test_events_outputs_are_written_when_all_succeed(fixes, tmp_path):
    out = old_outputs(tmp_path)
    r = run_cli(*events_args(fixes, out))
    assert r.returncode == 0, r.stderr
    assert out["events"].read_text(encoding="utf-8").startswith("id,zone,event,")
    header = out["annotate"].read_text(encoding="utf-8").splitlines()[0].replace('"', "")
    assert header == "vehicle,ts,lon,lat,status,used"
    assert out["summary"].read_bytes()[:4] == b"PAR1" and leftovers(tmp_path) == []


def test_events_a_failing_last_output_leaves_the_others_as_they_were(fixes, tmp_path, monkeypatch):
    # the annotated rows fail as they are written (after the events and the summary are complete)
    out = old_outputs(tmp_path)

    def full_disk(*args, **kwargs):
        raise InputError(Message("err_cannot_write", file=args[0], reason="No space left on device"))

    monkeypatch.setattr("avzone.tracks._write_annotate", full_disk)
    r = run_cli(*events_args(fixes, out))
    assert r.returncode == 2
    assert f"{out['annotate']}: cannot write the file (No space left on device)" in r.stderr
    assert TEMP_MARKER not in r.stderr
    assert_unchanged(out)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("option", ["--summary", "--annotate"])
@pytest.mark.parametrize("kind", ["same", "hard"])
def test_events_an_output_that_is_the_input_is_refused_naming_both(fixes, tmp_path, option, kind):
    target = fixes if kind == "same" else tmp_path / "link.csv"
    if kind == "hard":
        target.hardlink_to(fixes)
    out = tmp_path / "events.csv"
    r = run_cli("events", "--input", str(fixes), "--output", str(out), option, str(target))
    assert r.returncode == 2
    assert f"{target}: the output is the input file {fixes}" in r.stderr
    assert fixes.read_text(encoding="utf-8") == FIXES and not out.exists() and leftovers(tmp_path) == []


def test_events_one_file_given_for_two_outputs_is_refused(fixes, tmp_path):
    out = tmp_path / "events.csv"
    r = run_cli("events", "--input", str(fixes), "--output", str(out), "--annotate", str(tmp_path / "." / "events.csv"))
    assert r.returncode == 2
    assert f"events.csv: the same file as the output {out}; give each output its own path" in r.stderr
    assert not out.exists() and leftovers(tmp_path) == []


def test_events_an_output_in_a_missing_folder_is_named_before_any_work(fixes, tmp_path):
    out = old_outputs(tmp_path)
    out["summary"] = tmp_path / "no" / "such" / "summary.csv"
    r = run_cli(*events_args(fixes, out))
    assert r.returncode == 2
    assert f"avzone: error: {out['summary']}: the folder {tmp_path / 'no' / 'such'} does not exist" in r.stderr
    assert "read as" not in r.stderr  # refused before the input was read
    del out["summary"]
    assert_unchanged(out)
    assert leftovers(tmp_path) == []


def test_events_an_output_in_a_folder_that_cannot_be_written_in(fixes, tmp_path, monkeypatch):
    out = old_outputs(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    out["annotate"] = locked / "rows.csv"
    deny_writing_in(monkeypatch, locked)
    r = run_cli(*events_args(fixes, out))
    assert r.returncode == 2
    assert f"avzone: error: {out['annotate']}: cannot write in {locked} (Permission denied)" in r.stderr
    del out["annotate"]
    assert_unchanged(out)
    assert leftovers(tmp_path, locked) == [] and list(locked.iterdir()) == []


# -- signals: a child process stopped mid-job ------------------------------------------------------------
#: Runs avzone events with a hook in the annotated rows' writer: once the events and the summary are written
#: and the annotated rows' temporary file is open, it says so on stdout and waits for the signal (a read of a
#: pipe that never gets data: deterministic, no sleep).
HOOKED = textwrap.dedent(
    """
    import os, sys
    import avzone.tracks as tracks
    from avzone.cli import run

    written = tracks._write_annotate

    def hooked(path, *args, **kwargs):
        path.write_bytes(b"vehicle,ts,lon,lat,status,used\\n")  # a partial output, as mid-write
        print("writing", path, flush=True)
        read_end, _ = os.pipe()
        os.read(read_end, 1)  # until the signal's handler raises
        return written(path, *args, **kwargs)

    tracks._write_annotate = hooked
    run(sys.argv[1:])  # the command as the avzone script runs it, its exit included
    """
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("existing", [False, True], ids=["no-targets", "old-targets"])
def test_events_a_signal_mid_job_leaves_every_output_as_it_was(fixes, tmp_path, sig, existing):
    out = old_outputs(tmp_path)
    if not existing:
        for path in out.values():
            path.unlink()
    env = child_env()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOOKED, *events_args(fixes, out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # the job is mid-write
        assert line.startswith("writing "), proc.communicate(timeout=60)
        partial = Path(line.split(" ", 1)[1].strip())
        assert TEMP_MARKER in partial.name and partial.exists()
        assert len([p for p in tmp_path.iterdir() if TEMP_MARKER in p.name]) == 3  # the three outputs'
    except BaseException:
        stop_child(proc, signal.SIGKILL)
        raise
    stderr = stop_child(proc, sig, timeout=60)
    assert proc.returncode == 128 + sig, stderr
    assert "Traceback" not in stderr
    stopped = "interrupted (SIGINT)" if sig == signal.SIGINT else "stopped (SIGTERM)"
    targets = ", ".join(str(p) for p in out.values())
    state = "left as they were" if existing else "not written"
    assert stderr.strip().splitlines()[-1] == (
        f"avzone: {stopped}; the unfinished outputs were removed and {targets} {state}"
    )
    if existing:
        assert_unchanged(out)
    else:
        assert [p for p in out.values() if p.exists()] == []
    assert leftovers(tmp_path) == []


#: As HOOKED, while pyarrow's reader of the input read again for the annotated rows is inside a read of the file
#: on its own thread, reading ahead, and that read does not return; the reader is kept until the process ends (as a
#: reference cycle can keep a stopped job's reader until the interpreter is finalized).
HOOKED_READ_AHEAD = textwrap.dedent(
    """
    import os, sys, threading
    import pyarrow.csv as pacsv
    import avzone.batch as batch
    import avzone.tracks as tracks
    from avzone.cli import run

    batch.CSV_BLOCK_BYTES = 64  # the file in several blocks
    readers, opened = [], pacsv.open_csv

    def kept(*args, **kwargs):
        readers.append(opened(*args, **kwargs))
        return readers[-1]

    pacsv.open_csv = kept
    watches, read, stuck = [], batch.LineEndWatch._readinto, threading.Event()

    def reading(self, buffer):
        if not any(w is self for w in watches):
            watches.append(self)
        self.reads = getattr(self, "reads", 0) + 1
        if self is watches[-1] and len(watches) == 2 and self.reads == 3:  # the second reading's third block
            stuck.set()
            os.read(os.pipe()[0], 1)  # never returns
        return read(self, buffer)

    batch.LineEndWatch._readinto = reading
    written = tracks._write_annotate

    def hooked(path, *args, **kwargs):
        stuck.wait()
        print("writing", path, flush=True)
        read_end, _ = os.pipe()
        os.read(read_end, 1)  # until the signal's handler raises
        return written(path, *args, **kwargs)

    tracks._write_annotate = hooked
    run(sys.argv[1:])
    """
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_events_a_signal_while_the_input_is_read_ahead_ends_the_process(fixes, tmp_path, sig):
    # pyarrow's thread inside a read of the input (through Python) when the process ends: finalizing the interpreter
    # ended that thread and then waited at exit for its read for ever (or aborted); the command ends as it should
    out = old_outputs(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOOKED_READ_AHEAD, *events_args(fixes, out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        line = proc.stdout.readline()  # the job is mid-write, the input's second reader inside a read
        assert line.startswith("writing "), proc.communicate(timeout=60)
    except BaseException:
        stop_child(proc, signal.SIGKILL)
        raise
    stderr = stop_child(proc, sig, timeout=60)
    assert proc.returncode == 128 + sig, stderr
    assert "Traceback" not in stderr and "terminate called" not in stderr
    assert stderr.strip().splitlines()[-1].endswith(" left as they were")
    assert_unchanged(out)
    assert leftovers(tmp_path) == []


#: As HOOKED, for the dask engine: the hook is in the summary's writer, once the folder of parts is written.
HOOKED_DASK = textwrap.dedent(
    """
    import os, sys
    import avzone.tracks as tracks
    from avzone.cli import run

    written = tracks._Writer.close

    def hooked(self, *args, **kwargs):
        print("writing", self.path, flush=True)
        read_end, _ = os.pipe()
        os.read(read_end, 1)  # until the signal's handler raises
        return written(self, *args, **kwargs)

    tracks._Writer.close = hooked
    run(sys.argv[1:])  # the command as the avzone script runs it, its exit included
    """
)


def child_env() -> dict[str, str]:
    """The environment of a child process that imports this checkout's avzone (its stacks shown if it hangs)."""
    src = str(Path(_atomic.__file__).parents[1])
    return {**os.environ, **FAULTHANDLER_ENV, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_dask_events_a_signal_mid_job_leaves_no_folder_and_no_summary(tmp_path, sig):
    pytest.importorskip("distributed")
    import pandas as pd

    src = tmp_path / "fixes.parquet"
    pd.read_csv(pd.io.common.StringIO(FIXES)).to_parquet(src)
    parts, summary = tmp_path / "events", tmp_path / "summary.csv"
    summary.write_bytes(b"the previous summary\n")
    env = child_env()
    args = ["events", "--engine", "dask", "--input", str(src), "--output", str(parts), "--summary", str(summary)]
    proc = subprocess.Popen(
        [sys.executable, "-c", HOOKED_DASK, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("writing "), proc.communicate(timeout=60)
        folders = [p for p in tmp_path.iterdir() if TEMP_MARKER in p.name and p.is_dir()]
        assert len(folders) == 1 and any(folders[0].iterdir())  # the parts are written, under a temporary name
        assert not parts.exists()
    except BaseException:
        stop_child(proc, signal.SIGKILL)
        raise
    stderr = stop_child(proc, sig)
    assert proc.returncode == 128 + sig, stderr
    assert not parts.exists() and summary.read_bytes() == b"the previous summary\n"
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_dask_events_a_failing_summary_rename_leaves_no_folder(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import pandas as pd

    src = tmp_path / "fixes.parquet"
    pd.read_csv(pd.io.common.StringIO(FIXES)).to_parquet(src)
    parts, summary = tmp_path / "events", tmp_path / "summary.csv"
    summary.write_bytes(b"the previous summary\n")
    fail_renaming_onto(monkeypatch, summary)
    r = run_cli("events", "--engine", "dask", "--input", str(src), "--output", str(parts), "--summary", str(summary))
    assert r.returncode == 2, r.stderr
    assert f"{summary}: cannot put the output in place (Input/output error)" in r.stderr
    assert f"put back as they were ({parts})" in r.stderr
    assert not parts.exists() and summary.read_bytes() == b"the previous summary\n"
    assert leftovers(tmp_path) == []


# -- the other commands: one mechanism --------------------------------------------------------------------
def test_export_shapefile_a_side_file_failing_puts_the_old_files_back(tmp_path, monkeypatch):
    out = tmp_path / "zone.shp"
    assert run_cli("export", "--layer", "core", "-o", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert {".shp", ".shx", ".dbf", ".prj", ".cpg"} <= {Path(n).suffix for n in before}
    fail_renaming_onto(monkeypatch, out.with_suffix(".dbf"))
    r = run_cli("export", "--layer", "current", "-o", str(out))
    assert r.returncode == 2
    assert f"avzone: error: {out.with_suffix('.dbf')}: cannot put the output in place (Input/output error)" in r.stderr
    assert f"were put back as they were ({out}" in r.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # the old Shapefile, whole


def test_demo_files_are_put_in_place_together(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    fail_renaming_onto(monkeypatch, folder / "map-offline.html")
    r = run_cli("demo", "--out", str(folder))
    assert r.returncode == 2
    assert f"{folder / 'map-offline.html'}: cannot put the output in place (Input/output error)" in r.stderr
    assert sorted(p.name for p in folder.iterdir()) == []  # no chart or online map without the offline map


@pytest.mark.parametrize("problem", ["missing folder", "folder", "read-only file"])
def test_locate_a_target_it_cannot_write_is_named_before_the_input_is_read(tmp_path, monkeypatch, problem):
    src = tmp_path / "points.csv"
    src.write_text("lon,lat\n116.4,39.9\n", encoding="utf-8")
    out = tmp_path / "no" / "out.csv" if problem == "missing folder" else tmp_path / "out.csv"
    expected = f"{out}: the folder {out.parent} does not exist"
    if problem == "folder":
        out.mkdir()
        expected = f"{out}: is a folder; give the output file's name"
    elif problem == "read-only file":
        out.write_bytes(b"old")
        out.chmod(0o444)
        real_access = os.access  # (root may write anything: answer as an ordinary user would get)
        monkeypatch.setattr(_atomic.os, "access", lambda p, mode: False if Path(p) == out else real_access(p, mode))
        expected = f"{out}: the file is read-only; make it writable or give another output path"
    opened = []
    monkeypatch.setattr("avzone.batch.open_source", lambda *a, **k: opened.append(a) or pytest.fail("read"))
    r = run_cli("locate", "--input", str(src), "--output", str(out))
    assert r.returncode == 2 and f"avzone: error: {expected}" in r.stderr
    assert opened == [] and leftovers(tmp_path) == []
    if problem == "read-only file":
        assert out.read_bytes() == b"old"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_stopped_job_names_every_output_old_and_new(monkeypatch, capsys, tmp_path, lang):
    from avzone import cli

    kept, absent = tmp_path / "events.csv", tmp_path / "summary.csv"
    kept.write_bytes(b"old")

    def job(args):
        with atomic_outputs() as outputs:
            outputs.add(kept).write_bytes(b"partial")
            outputs.add(absent).write_bytes(b"partial")
            signal.raise_signal(signal.SIGTERM)
            pytest.fail("the signal must stop the job")

    monkeypatch.setattr(cli, "cmd_area", job)
    assert cli.main(["area", "--lang", lang]) == 143
    expected = {
        "en": f"avzone: stopped (SIGTERM); the unfinished outputs were removed, {kept} left as they were and "
        f"{absent} not written\n",
        "zh": f"avzone: 已停止（SIGTERM）；未完成的输出已删除，{kept} 保持原样，{absent} 未写入\n",
    }[lang]
    assert capsys.readouterr().err == expected
    assert kept.read_bytes() == b"old" and not absent.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("job", ["locate", "events"])
def test_dask_library_functions_leave_no_folder_that_looks_complete(tmp_path, monkeypatch, model, job):
    # called as a library (not through the command line), a failing partition leaves no output folder
    pytest.importorskip("distributed")
    import contextlib

    import numpy as np
    import pandas as pd

    from avzone import distributed

    src = tmp_path / "in"
    src.mkdir()
    for k in range(3):
        fixes = pd.DataFrame(
            {
                "vehicle": [f"v{k}"] * 50,
                "ts": pd.date_range("2024-07-01 08:00", periods=50, freq="min"),
                "lon": np.linspace(116.3, 116.5, 50),
                "lat": np.full(50, 39.9),
            }
        )
        fixes.to_parquet(src / f"part.{k}.parquet")
    monkeypatch.setattr(distributed, "_client", lambda *a: contextlib.nullcontext())  # in-process threads
    name = "annotate_partition" if job == "locate" else "events_partition"
    real = getattr(distributed, name)
    calls = []

    def failing_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(distributed, name, failing_third)
    dst, summary = tmp_path / "out", tmp_path / "summary.csv"
    import dask

    # threads in this process whatever an earlier test left as dask's default (a client of worker processes
    # would run the patched partition function there, where its count of calls never reaches 3)
    with dask.config.set(scheduler="threads"), pytest.raises(OSError, match="No space left"):
        if job == "locate":
            distributed.locate_parquet_dask(model, src, dst)
        else:
            distributed.events_parquet_dask(model, src, dst, summary=summary)
    assert not dst.exists() and not summary.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("overwritten", ["--points", "--track"])
def test_map_refuses_an_output_that_is_either_input(tmp_path, overwritten):
    # with both --points and --track, the map used to check the --points file only: -o TRACK overwrote the fixes
    points, track = tmp_path / "points.csv", tmp_path / "fixes.csv"
    points.write_text("lon,lat\n116.4,39.9\n", encoding="utf-8")
    track.write_text(FIXES, encoding="utf-8")
    target = points if overwritten == "--points" else track
    before = target.read_bytes()
    r = run_cli("map", "--points", str(points), "--track", str(track), "-o", str(target))
    assert r.returncode == 2
    assert f"avzone: error: {target}: the output is the input file {target} and would destroy it" in r.stderr
    assert "read as" not in r.stderr  # refused before either file was read
    assert target.read_bytes() == before and leftovers(tmp_path) == []

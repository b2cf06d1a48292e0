"""A job stopped while pyarrow still reads a CSV file ahead exits cleanly (no abort at interpreter exit).

pyarrow's reader reads on an I/O thread of its own, through the file's Python ``read``, even after the reader is
closed: a read under way when the interpreter finalizes aborted the process. At exit every such file is told it
has ended (avzone.batch._end_reads_ahead). The states are reached by events, not by waiting a while: the I/O
thread inside a read of the file that goes on only when told to, or waiting for a block to be let go at the
bound on what a reader holds (avzone.batch.ReadAhead).
"""

from __future__ import annotations

import inspect
import io
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from common import read_aheads_made

from avzone import batch
from avzone.batch import LineEndWatch
from avzone.errors import InputError

ROWS = b"a,b\n" + b"1,2\n" * 400_000


class Held(io.RawIOBase):
    """A file whose third read (the first that pyarrow's thread makes on its own, reading ahead: opening the reader
    takes two) is under way until ``go`` is set: ``inside`` says it is."""

    def __init__(self) -> None:
        self.b = io.BytesIO(ROWS)
        self.reads = 0
        self.inside, self.go = threading.Event(), threading.Event()

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        self.reads += 1
        if self.reads == 3:
            self.inside.set()
            self.go.wait()
        return self.b.readinto(buf)


#: The file is read in 16 KB blocks; the reader is closed with pyarrow's thread inside a read ("inside") or waiting
#: for a block to be let go ("waiting"); the process then exits (a job refusing the file's columns stops so).
HEAD = textwrap.dedent(
    """
    import io, sys, threading
    import pyarrow.csv as pacsv
    from avzone.batch import LineEndWatch

    ROWS = b"a,b\\n" + b"1,2\\n" * 400_000
    """
)
RUN = textwrap.dedent(
    """
    held = Held()
    watch = LineEndWatch(held, "\\n")
    reader = pacsv.open_csv(watch, read_options=pacsv.ReadOptions(block_size=1 << 14))
    if sys.argv[1] == "inside":
        assert held.inside.wait(60)

        def release():  # the read goes on once the file is told at exit that it has ended: under way until then
            with watch._cond:
                watch._cond.wait_for(lambda: watch._ended)
            held.go.set()

        threading.Thread(target=release, daemon=True).start()
    else:
        held.go.set()
        assert watch.waiting.wait(60)
    reader.close()  # pyarrow goes on reading ahead
    print("done", flush=True)
    """
)
SCRIPT = HEAD + inspect.getsource(Held) + RUN


@pytest.mark.parametrize("state", ["inside", "waiting"])
def test_a_csv_read_ahead_at_exit_ends_cleanly(state):
    run = subprocess.run([sys.executable, "-c", SCRIPT, state], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, (run.returncode, run.stderr[-1500:])
    assert run.stdout == "done\n"
    assert "Fatal Python error" not in run.stderr and "terminate called" not in run.stderr


def test_told_the_file_has_ended_the_reader_reads_no_more():
    # what the exit relies on, checked on the reader's state: a read waiting for a block to be let go is answered
    # "no more" at once, and pyarrow's thread reads nothing of the file after that
    held = Held()
    held.go.set()
    watch = LineEndWatch(held, "\n")
    reader = pacsv.open_csv(watch, read_options=pacsv.ReadOptions(block_size=1 << 14))
    assert watch.waiting.wait(60)
    reads = held.reads
    watch.end()
    assert watch._told and not watch._busy
    assert held.reads == reads and watch.read(1 << 14) == b""
    reader.close()


# -- a program that stops taking a CSV file's chunks ----------------------------------------------------------
# pyarrow's thread waits at the bound on what it holds for the rows to be taken: a program that stopped taking
# them (a break, an error in its own code) left it waiting there until the source was garbage-collected or the
# process exited. Closing the source (with, close(), the generator's close) now tells it the file has ended.
BLOCK = 1 << 12


def _open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int = 20_000) -> batch.Source:
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", BLOCK)  # (about 80 blocks: far more than the reader holds)
    src = tmp_path / "f.csv"
    src.write_text("lon,lat\n" + "".join(f"116.{i % 1000:03d},39.9\n" for i in range(rows)))
    return batch.open_source(src, chunk_rows=500)


def _stopped(watch: batch.ReadAhead | None) -> None:
    """The reader was told the file has ended and its thread is out of the file: it reads no more."""
    assert watch is not None and watch._ended and watch.closed
    assert watch.told.wait(60), "pyarrow's thread was never told the file has ended"  # (a safety net, no timing)
    assert not watch.waiting.is_set() and not watch._busy


def _waiting(source: batch.Source) -> batch.ReadAhead:
    watch = source.line_ends
    assert watch is not None and watch.waiting.wait(60)  # reading ahead, at the bound: waiting for rows taken
    assert not watch._ended
    return watch


def test_a_loop_broken_then_its_generator_closed(tmp_path, monkeypatch):
    source = _open(tmp_path, monkeypatch)
    for _chunk in source.chunks:
        break
    watch = _waiting(source)
    source.chunks.close()  # type: ignore[attr-defined]
    _stopped(watch)


def test_a_source_used_with_with(tmp_path, monkeypatch):
    with _open(tmp_path, monkeypatch) as source:
        next(source.chunks)
        watch = _waiting(source)
    _stopped(watch)
    source.close()  # (twice: nothing more)


def test_a_source_closed_before_its_chunks_were_taken(tmp_path, monkeypatch):
    source = _open(tmp_path, monkeypatch)
    watch = _waiting(source)
    source.close()  # (its generator never started: no cleanup of its own runs)
    _stopped(watch)


def test_an_error_in_the_consumer_of_a_library_reader(tmp_path, monkeypatch, model):
    # read_points refuses a file whose points make sense only swapped, on its first chunk: the file's reader,
    # far from its end, is told it has ended, not left waiting while the error (and its traceback) lives on
    made = read_aheads_made(monkeypatch)
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", BLOCK)
    src = tmp_path / "swapped.csv"
    src.write_text("lon,lat\n" + "".join(f"39.9,116.{i % 1000:03d}\n" for i in range(20_000)))
    with pytest.raises(InputError, match="swap"):
        batch.read_points(src, model=model)
    assert len(made) == 1
    _stopped(made[0])


def test_a_source_dropped_before_its_chunks_were_taken(tmp_path, monkeypatch):
    # the reader, dropped while its thread waits for a block to be let go, waited for that thread: a hang. The
    # file is now said to have ended first (the object holding the reader's batches, when it goes)
    source = _open(tmp_path, monkeypatch)
    watch = _waiting(source)
    del source
    assert watch._ended
    assert watch.told.wait(60)

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

import pyarrow.csv as pacsv
import pytest

from avzone.batch import LineEndWatch

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

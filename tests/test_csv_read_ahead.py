"""A job stopped while pyarrow still reads a CSV file ahead exits cleanly (no abort at interpreter exit)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import io, time
    import pyarrow.csv as pacsv
    from avzone.batch import LineEndWatch

    class Slow(io.RawIOBase):  # a file whose reads take a while: pyarrow's I/O thread is inside one at exit
        def __init__(self):
            self.b = io.BytesIO(b"a,b\\n" + b"1,2\\n" * 400_000)
        def readable(self):
            return True
        def readinto(self, buf):
            time.sleep(0.2)
            return self.b.readinto(buf)

    reader = pacsv.open_csv(LineEndWatch(Slow(), "\\n"), read_options=pacsv.ReadOptions(block_size=1 << 14))
    reader.close()  # (a job refusing the file's columns stops here; pyarrow goes on reading ahead)
    time.sleep(0.05)
    print("done", flush=True)
    """
)


def test_a_csv_read_ahead_at_exit_ends_cleanly():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, (run.returncode, run.stderr[-1500:])
    assert run.stdout == "done\n"
    assert "Fatal Python error" not in run.stderr and "terminate called" not in run.stderr

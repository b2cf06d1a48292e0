"""A CSV input's reader holds at most CSV_READ_AHEAD_BLOCKS blocks of the file, however large the file.

pyarrow's streaming CSV reader reads on an I/O thread of its own up to 32 blocks ahead of the rows taken: with
16 MB blocks, 512 MB of the file held (a smaller file read whole into memory) while the job was on its first
rows, and as much again for the second reader of a CSV output's rows as written. The blocks are now handed to
it one at a time and a read waits while CSV_READ_AHEAD_BLOCKS are held (avzone.batch.ReadAhead): the bound is
checked here on the reader's own count, waiting for the reader to stop at it (no timing).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from common import read_aheads_made

import avzone.batch as batch
from avzone.batch import locate_file

BLOCK = 1 << 12  # small blocks: a file of many in a test


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", BLOCK)


def _csv(path: Path, rows: int, quoted: bool = False) -> Path:
    note = '"a, b"' if quoted else "a"
    path.write_text("lon,lat,note\n" + "".join(f"116.{i % 1000:03d},39.9,{note}\n" for i in range(rows)))
    return path


def test_the_documented_bound_is_the_configured_one():
    bound = batch.CSV_READ_AHEAD_BLOCKS * batch.CSV_BLOCK_BYTES
    assert bound == 64 << 20 and batch.CSV_READ_AHEAD_BLOCKS >= 3  # (pyarrow needs three blocks at once)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    blocks, mb = batch.CSV_READ_AHEAD_BLOCKS, batch.CSV_BLOCK_BYTES >> 20
    assert f"at most {blocks} blocks of {mb} MB of the file, {bound >> 20} MB" in readme


def test_an_open_reader_reads_no_further_than_the_bound(small_blocks, tmp_path):
    src = _csv(tmp_path / "big.csv", 60_000)  # about 250 blocks
    assert src.stat().st_size > 200 * BLOCK
    _, batches, _, watch = batch._read_batches(src, "csv", 1000)
    assert watch is not None
    # no row taken yet: pyarrow's I/O thread reads ahead until it holds the bound, then waits for a block to go
    assert watch.waiting.wait(timeout=120), "the reader never stopped reading ahead"
    assert watch.held == batch.CSV_READ_AHEAD_BLOCKS
    assert watch._inner.tell() <= batch.CSV_READ_AHEAD_BLOCKS * BLOCK  # (of the file's 250 blocks)
    rows = sum(b.num_rows for b in batches)  # taking the rows lets the reader go on, never past the bound
    assert rows == 60_000 and watch.most_held == batch.CSV_READ_AHEAD_BLOCKS and watch.waits > 0


def test_a_csv_output_of_the_rows_as_written_holds_the_bound_in_both_readers(
    small_blocks, model, tmp_path, monkeypatch
):
    # a file holding quotes is read a second time for its rows as written (RawLines): that reader is bounded too
    made = read_aheads_made(monkeypatch)
    src = _csv(tmp_path / "quoted.csv", 20_000, quoted=True)
    locate_file(model, src, tmp_path / "out.csv", chunk_rows=500)
    assert len(made) == 2 and all(0 < r.most_held <= batch.CSV_READ_AHEAD_BLOCKS for r in made)
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert len(lines) == 20_001 and all(line.startswith(("lon,lat,note,", "116.")) for line in lines)
    assert all(',"a, b",' in line for line in lines[1:])  # (each row's bytes as written: the second reader's)


def _read_on_a_thread(batches: Any) -> list[pd.DataFrame]:
    """The batches' rows, read on a thread of their own: a reader that stalls fails the test, not hangs it."""
    frames: list[pd.DataFrame] = []
    reading = threading.Thread(target=lambda: frames.extend(b.to_pandas() for b in batches), daemon=True)
    reading.start()
    reading.join(timeout=120)
    assert not reading.is_alive(), "the reader stalled"
    return frames


@pytest.mark.parametrize("bound", [1, 2])
def test_a_reader_that_needs_more_blocks_at_once_still_reads_the_file(small_blocks, tmp_path, monkeypatch, bound):
    # should a pyarrow need more blocks at once than the bound (here 1 or 2, where pyarrow needs 3), the blocks the
    # rows the job waits for need are read anyway: never stalled. This was a read let through after waiting 5 s
    # (a clock); now the reads wait only for blocks to be let go and for the job's calls for rows
    monkeypatch.setattr(batch, "CSV_READ_AHEAD_BLOCKS", bound)
    src = _csv(tmp_path / "f.csv", 5_000)  # about 20 blocks
    _, batches, _, watch = batch._read_batches(src, "csv", 1000)
    assert watch is not None
    frames = _read_on_a_thread(batches)
    frame = pd.concat(frames)
    assert len(frame) == 5_000 and frame["lon"].iloc[-1] == "116.999"
    # blocks lent only while every one held is in use by the rows asked for: the block parsed, the one before it,
    # the one after it (and one more at most)
    assert watch.lent > 0 and watch.most_held <= 4


def test_the_installed_pyarrow_needs_no_block_beyond_the_bound(small_blocks, tmp_path):
    src = _csv(tmp_path / "f.csv", 20_000)
    _, batches, _, watch = batch._read_batches(src, "csv", 1000)
    assert watch is not None
    assert sum(b.num_rows for b in batches) == 20_000
    assert watch.lent == 0 and watch.most_held == batch.CSV_READ_AHEAD_BLOCKS and watch.handed > 50
    assert watch.stalls == 0  # (the last resort's clock never let a read through)


def test_a_pyarrow_holding_blocks_in_an_unknown_way_is_not_left_waiting(small_blocks, tmp_path, monkeypatch):
    # as if pyarrow held the blocks so that the job's calls for rows said nothing of which are in use: after
    # READ_AHEAD_STALL_S with nothing let go while the job waits for rows, a read goes on (before, it waited for ever)
    monkeypatch.setattr(batch, "CSV_READ_AHEAD_BLOCKS", 1)
    monkeypatch.setattr(batch, "READ_AHEAD_STALL_S", 0.01)
    monkeypatch.setattr(batch.ReadAhead, "_needed", lambda self: False)
    src = _csv(tmp_path / "f.csv", 5_000)
    _, batches, _, watch = batch._read_batches(src, "csv", 1000)
    assert watch is not None
    frames = _read_on_a_thread(batches)
    assert sum(len(f) for f in frames) == 5_000 and watch.stalls > 0 and watch.lent == 0

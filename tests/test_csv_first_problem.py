"""A CSV file with a row of the wrong number of fields and a byte that does not decode: the error names the one
that comes first in the file, at its line (a user fixes a file top-down), in UTF-8 and in GBK, wherever the two
fall against the blocks the file is read in.

The text is decoded ahead of the rows read (``_BLOCK_BYTES``, 4 MB at a time; the delimiter's sample too) and
pyarrow's reader reads it in blocks (``CSV_BLOCK_BYTES``, 16 MB): a byte decoded ahead stopped the job before the
rows in front of it were looked at, and the byte was told instead of a ragged row before it. The small-block tests
shrink both (to 1,000 bytes and 4 KB) and what is read before the rows (the encoding's sample and the delimiter's)
in the same proportion; their files stay a few KB.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from common import run_cli

from avzone import batch
from avzone.batch import read_points
from avzone.errors import InputError

BAD = b"\xff"  # (no UTF-8, GBK or GB18030 text starts with it)
HEADER = "vehicle,ts,lon,lat"
BLOCK = 1 << 12  # (CSV_BLOCK_BYTES in the small-block tests)
DECODED = 1_000  # (_BLOCK_BYTES in the small-block tests)


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", BLOCK)
    monkeypatch.setattr(batch, "_BLOCK_BYTES", DECODED)
    monkeypatch.setattr(batch, "SAMPLE_BYTES", 1_000)
    monkeypatch.setattr(batch, "SNIFF_CHARS", 1_000)


def _rows(n: int, ragged: int | None, bad: int | None) -> list[str]:
    """``n`` rows (row ``i`` is on line ``i + 2``), row ``ragged`` with a fifth field, row ``bad`` starting with a
    NUL (replaced by :data:`BAD` once encoded: one byte for one)."""
    rows = [f"京A,2024-07-01 08:{i % 60:02d},116.5,39.79" for i in range(n)]
    if ragged is not None:
        rows[ragged] += ",x"
    if bad is not None:
        rows[bad] = "\x00" + rows[bad]
    return rows


def _data(rows: list[str], encoding: str, newline: str = "\n", above: str = "", tail: str = "") -> bytes:
    text = above + newline.join([HEADER, *rows]) + newline + tail
    return text.encode(encoding).replace(b"\x00", BAD)


def _told(src: Path, given: str | None) -> str:
    with pytest.raises(InputError) as info:
        read_points(src, encoding=given)
    return str(info.value)


def _ragged_told(src: Path, line: int, header: int = 1) -> str:
    return f"{src}: the row on line {line:,} of the file (the header is line {header}) has 5 fields, but the header"


def _byte_told(src: Path, data: bytes, line: int) -> str:
    """The start of the message for the undecodable byte (given or detected after it: "cannot be decoded as ...";
    detected from a sample holding it: "is neither UTF-8 nor GB18030/GBK text")."""
    return f"{src}: byte {data.index(BAD):,} (line {line:,}) "


# -- within the first megabytes, real block sizes ------------------------------------------------------------------
# 40,000 rows (1.3 MB): the byte on line 36,002 is beyond the encoding's 1 MB sample and within the first 4 MB decoded.
ENCODINGS = [("utf-8", "utf-8"), ("utf-8", None), ("gbk", "gbk"), ("gbk", None)]


@pytest.mark.parametrize(("encoding", "given"), ENCODINGS, ids=["utf8", "utf8_detected", "gbk", "gb18030_detected"])
@pytest.mark.parametrize("first", ["ragged", "byte"])
def test_the_first_problem_within_the_first_megabytes_is_told(tmp_path, encoding, given, first):
    ragged, bad = (1, 36_000) if first == "ragged" else (36_000, 1)
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(_rows(40_000, ragged, bad), encoding))
    if first == "ragged":
        assert 1 << 20 < data.index(BAD) < 1 << 22  # (after the encoding's sample, in the first block decoded)
        assert _told(src, given).startswith(_ragged_told(src, 3))
    else:
        assert _told(src, given).startswith(_byte_told(src, data, 3))


def test_the_command_tells_the_ragged_row_before_the_byte(tmp_path):
    src = tmp_path / "fixes.csv"
    src.write_bytes(_data(_rows(40_000, 1, 36_000), "gbk"))
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "gbk")
    assert res.returncode == 2
    assert res.stderr.startswith("avzone: error: " + _ragged_told(src, 3)) and res.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


# -- on either side of a block boundary ----------------------------------------------------------------------------
def _row_starts(rows: list[str], encoding: str) -> list[int]:
    """The byte offset in ``encoding`` of each row's start (the header's line first, a line end of one byte)."""
    starts, at = [], len(HEADER.encode(encoding)) + 1
    for row in rows:
        starts.append(at)
        at += len(row.replace("\x00", "?").encode(encoding)) + 1
    return starts


@pytest.mark.parametrize(("encoding", "given"), [("utf-8", "utf-8"), ("gbk", "gbk")], ids=["utf8", "gbk"])
@pytest.mark.parametrize("boundary", ["decoded", "read"])
@pytest.mark.parametrize("first", ["ragged", "byte"])
@pytest.mark.parametrize("apart", [1, 2], ids=["next_line", "a_line_between"])
def test_the_first_problem_before_a_block_boundary_is_told(
    tmp_path, small_blocks, encoding, given, boundary, first, apart
):
    """The first problem on a row that starts before a block's end, the other on a row that starts after it: the
    blocks decoded are counted in the file's bytes, the reader's in the UTF-8 text it reads."""
    plain = _rows(600, None, None)
    size, space = (DECODED * 5, encoding) if boundary == "decoded" else (BLOCK * 3, "utf-8")
    after = next(i for i, at in enumerate(_row_starts(plain, space)) if at >= size)
    one, other = after - apart, after
    ragged, bad = (one, other) if first == "ragged" else (other, one)
    rows = _rows(600, ragged, bad)
    starts = _row_starts(rows, space)
    assert starts[one] < size <= starts[other]
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, encoding))
    told = _told(src, given)
    if first == "ragged":
        assert told.startswith(_ragged_told(src, one + 2)), told
    else:
        assert told.startswith(_byte_told(src, data, one + 2) + f"cannot be decoded as {encoding} (as given)"), told


# -- within what is read before the rows ---------------------------------------------------------------------------
@pytest.mark.parametrize(("encoding", "given"), [("utf-8", "utf-8"), ("gbk", "gbk")], ids=["utf8", "gbk"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("above", ["", "sep=,{nl}"], ids=["header_first", "sep_line"])
@pytest.mark.parametrize("first", ["ragged", "byte"])
def test_the_first_problem_within_the_delimiter_s_sample_is_told(
    tmp_path, small_blocks, encoding, given, newline, above, first
):
    ragged, bad = (1, 4) if first == "ragged" else (4, 1)
    lines = above.count("{nl}")
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(_rows(60, ragged, bad), encoding, newline, above.format(nl=newline)))
    assert data.index(BAD) < 1_000  # (in the encoding's sample, the delimiter's and the first block decoded)
    told = _told(src, given)
    if first == "ragged":
        assert told.startswith(_ragged_told(src, lines + 3, lines + 1)), told
    else:
        assert told.startswith(_byte_told(src, data, lines + 3)), told


def test_a_header_longer_than_the_delimiter_s_sample_then_a_ragged_row_before_the_byte(
    tmp_path, small_blocks, monkeypatch
):
    # the sample holds no line end: the first line's end is looked for further on, where the byte was decoded ahead
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 4_000)
    rows = [row + ",c" for row in _rows(60, None, 5)]
    rows[1] += ",x"
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, "gbk").replace(HEADER.encode(), (HEADER + ",c" + "c" * 1_500).encode(), 1))
    assert 1_500 < data.index(BAD) < 4_000
    assert _told(src, "gbk").startswith(_ragged_told(src, 3).replace("5 fields", "6 fields"))


# -- the rows before the byte are read once ------------------------------------------------------------------------
@pytest.mark.parametrize("tail", ["", (" " * 40 + "\n") * 2], ids=["no_tail", "lines_of_spaces"])
def test_a_byte_before_a_ragged_row_is_told_without_reading_the_rows_again(tmp_path, small_blocks, monkeypatch, tail):
    """The reader is given the rows before the byte whole (not the start of the byte's line, nor the file's tail
    taken off the text's end): it finds no ragged row there, and the file is not read again to look for one."""
    looked: list[int] = []
    again = batch.first_ragged_row
    monkeypatch.setattr(batch, "first_ragged_row", lambda *a, **k: looked.append(1) or again(*a, **k))
    rows = _rows(500, 450, None)
    rows[400] = rows[400][:20] + "\x00" + rows[400][20:]  # (mid-row: the start of its line is no whole row)
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, "gbk", tail=tail))
    assert _told(src, "gbk").startswith(_byte_told(src, data, 402) + "cannot be decoded as gbk (as given)")
    assert looked == []


@pytest.mark.parametrize("first", ["ragged", "byte"])
def test_a_byte_in_a_quoted_cell_of_several_lines(tmp_path, small_blocks, first):
    # the text given to the reader ends inside the quoted cell: its rest may read as a row of too few fields, which
    # is found to come after the byte
    rows = _rows(500, 300 if first == "ragged" else 450, None)
    rows[400] = '"京A\nmore\n\x00more",2024-07-01 08:00,116.5,39.79'
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, "gbk"))
    told = _told(src, "gbk")
    if first == "ragged":
        assert told.startswith(_ragged_told(src, 302)), told
    else:
        assert told.startswith(_byte_told(src, data, 404) + "cannot be decoded as gbk"), told


# -- a ragged row holding the byte ---------------------------------------------------------------------------------
# A UTF-8 file is read as it is: pyarrow could not give its ragged row to the handler (the row's text is not UTF-8),
# Python printed that as an error it could not pass on, and the job said pyarrow's words ("Expected 4 columns, got 5").
@pytest.mark.parametrize("before", [False, True], ids=["in_the_row", "and_one_before_it"])
def test_a_ragged_row_holding_the_byte_tells_the_byte(tmp_path, small_blocks, before):
    rows = _rows(500, 450, 448 if before else None)  # (448: in the same block of the reader)
    rows[450] = rows[450][:10] + "\x00" + rows[450][10:]
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, "utf-8"))
    assert data.index(BAD) // BLOCK == data.rindex(BAD) // BLOCK  # (both in one block of the reader)
    line = 450 if before else 452
    hook = sys.unraisablehook
    assert _told(src, "utf-8").startswith(_byte_told(src, data, line) + "cannot be decoded as utf-8 (as given)")
    assert sys.unraisablehook is hook  # (put back)
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "utf-8")
    assert res.returncode == 2
    assert res.stderr.startswith("avzone: error: " + _byte_told(src, data, line)), res.stderr
    assert res.stderr.count("\n") == 1, res.stderr  # (no report of an error Python could not pass on)


def test_the_handler_s_hook_passes_on_the_rest_and_is_put_back_only_while_its_own(monkeypatch):
    """Two readers on two threads, the first ending first: the second's hook stays set; each passes on what is not
    its handler's own failure to the hook it found."""
    passed: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: passed.append(unraisable.object))
    one, two = batch._FieldCounts(), batch._FieldCounts()
    first, second = one.watching(), two.watching()
    first.__enter__()
    second.__enter__()
    hook = sys.unraisablehook
    first.__exit__(None, None, None)
    assert sys.unraisablehook is hook

    class Unraisable:
        def __init__(self, obj: object, exc: BaseException):
            self.object, self.exc_value = obj, exc

    failed = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    for obj, exc in [(one, failed), (two, failed), (two, ValueError("other")), ("elsewhere", failed)]:
        sys.unraisablehook(Unraisable(obj, exc))
    second.__exit__(None, None, None)
    assert (one.undecodable, two.undecodable) == (True, True)
    assert passed == [two, "elsewhere"]


def test_a_ragged_row_holding_the_byte_met_between_reads_tells_the_byte(tmp_path, small_blocks, monkeypatch):
    # pyarrow's threads may meet the row between two calls of the reader (under load): its failure to give the row
    # to the handler is then not noted (Python reports it as an error it could not pass on), and the read's error
    # alone (a field count, no row given) says it, with the file's byte that is not UTF-8
    from avzone import batch

    monkeypatch.setattr(batch._FieldCounts, "watching", lambda self: contextlib.nullcontext())
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)  # (what the default one would print)
    rows = _rows(500, 450, None)
    rows[450] = rows[450][:10] + "\x00" + rows[450][10:]
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _data(rows, "utf-8"))
    assert _told(src, "utf-8").startswith(_byte_told(src, data, 452) + "cannot be decoded as utf-8 (as given)")

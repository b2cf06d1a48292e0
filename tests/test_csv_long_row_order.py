"""A CSV row longer than the reader's block, and what comes before or after it: the user is told the file's first
problem, at the file's own lines, the same through the Python API and the command.

pyarrow reads a CSV file in blocks (:data:`avzone.batch.CSV_BLOCK_BYTES`, 16 MB) and a row longer than that is
refused naming its lines and size. The tests shrink the block to 4 KB and, in the same proportion to it, what is
read ahead of the rows: the text decoded at once (``_BLOCK_BYTES``, 4 MB), the encoding's sample
(``SAMPLE_BYTES``, 1 MB) and the delimiter's (``SNIFF_CHARS``); the files stay a few KB.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
from common import run_cli

from avzone import batch
from avzone.batch import locate_file, read_points
from avzone.errors import InputError

BLOCK = 1 << 12
BAD = b"\xff"  # (no UTF-8, GBK or GB18030 text starts with it)
HEADER = "vehicle,ts,lon,lat"
LIMIT = "a CSV row may be at most 4,096 bytes long (the reader reads the file in blocks of that size); shorten the "
LIMIT += "row's cells, or give the data as a Parquet file (which has no such limit)"


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", BLOCK)
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 1_000)
    monkeypatch.setattr(batch, "SAMPLE_BYTES", 1_000)
    monkeypatch.setattr(batch, "SNIFF_CHARS", 1_000)


def _fix(i: int, vehicle: str = "a") -> str:
    """A row of 29 bytes beside its vehicle's."""
    return f"{vehicle},2024-07-01 08:{i % 60:02d},116.5,39.79"


def _told(model: Any, src: Path, encoding: str | None = None) -> str:
    """The error :func:`locate_file` (what ``avzone locate`` calls) gives for ``src``; the command gives the same
    (with ``--threads 2`` too): exit code 2, one line, no output left behind. (The command names an option as
    ``--encoding``, the API as ``encoding=``: the text before the advice is compared.)"""
    out = src.with_name("out.csv")
    with pytest.raises(InputError) as info:
        locate_file(model, src, out, encoding=encoding)
    message = str(info.value)
    assert not out.exists()
    given = ["--encoding", encoding] if encoding else []
    for threads in ([], ["--threads", "2"]):
        res = run_cli("locate", "--input", str(src), "--output", str(out), *given, *threads)
        assert res.returncode == 2, res.stderr
        assert res.stderr.startswith("avzone: error: ") and res.stderr.count("\n") == 1, res.stderr
        said = res.stderr.removeprefix("avzone: error: ").rstrip("\n")
        assert said.split("; give the file's encoding")[0] == message.split("; give the file's encoding")[0]
        assert sorted(p.name for p in src.parent.iterdir()) == [src.name]  # nothing written, nothing left behind
    return message


# -- a long last row, then lines the reader is not given -------------------------------------------------------
# Lines of spaces and a Ctrl-Z (0x1A) at a file's end are no rows (csv_tail): the reader is not given them. A Ctrl-Z
# right after the last row (no line end between) was counted in the row's size: one byte more than the reader read.
TAILS = {
    "none": "",
    "line_end": "{nl}",
    "empty_lines": "{nl}{nl}{nl}",
    "lines_of_spaces": "{nl}  {nl}\t{nl}",
    "spaces_without_a_final_line_end": "{nl}  ",
    "ctrl_z_line": "{nl}\x1a",
    "ctrl_z_right_after_the_row": "\x1a",
    "empty_lines_and_ctrl_z": "{nl}{nl}\x1a",
    "spaces_and_ctrl_z": "{nl}  {nl}\x1a",
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("tail", TAILS)
def test_a_long_last_row_before_a_tail_is_measured_as_the_reader_reads_it(tmp_path, model, small_blocks, newline, tail):
    end = TAILS[tail].format(nl=newline)
    src = tmp_path / "fixes.csv"
    src.write_bytes((newline.join([HEADER, _fix(0), _fix(1), _fix(2, "a" * 9_000)]) + end).encode())
    size = 9_029 + (len(newline) if end.startswith(newline) else 0)  # (the row's line end, when it has one)
    assert _told(model, src) == (
        f"{src}: the row on line 4 of the file (the header is line 1) is {size:,} bytes long, but {LIMIT}"
    )


@pytest.mark.parametrize("size", [BLOCK, BLOCK + 1])
def test_a_last_row_as_long_as_the_block_before_a_ctrl_z_is_read(tmp_path, small_blocks, size):
    src = tmp_path / "fixes.csv"
    src.write_bytes(("\n".join([HEADER, _fix(0), _fix(1), _fix(2, "a" * (size - 29))]) + "\x1a").encode())
    if size == BLOCK:
        assert len(read_points(src)) == 3
        return
    with pytest.raises(InputError, match=f"on line 4 of the file .* is {size:,} bytes long"):
        read_points(src)


# -- an undecodable byte before or after a long row ------------------------------------------------------------
# The text is decoded ahead of the rows measured (the reader's own stream, and the search for the long row's lines,
# a block at a time): a byte that does not decode a little after a long row was told instead of the row.
def _around(encoding: str, where: str, newline: str = "\n") -> bytes:
    """A file of 400 short fixes (beyond what is read before the rows), a long one (line 402) and 20 more, with an
    undecodable byte (0xFF) at the start of line 401 (``before``), line 403 (``after``) or at the end of line 403
    (``later``)."""
    rows = [_fix(i, "京A") for i in range(421)]
    rows[400] = _fix(400, "a" * 12_000)
    if where == "before":
        rows[399] = "\x00" + rows[399]
    elif where == "after":
        rows[401] = "\x00" + rows[401]
    else:
        rows[401] += "\x00"
    return (newline.join([HEADER, *rows]) + newline).encode(encoding).replace(b"\x00", BAD)


ENCODINGS = [("utf-8", None), ("gbk", "gbk"), ("gb18030", "gb18030")]  # (UTF-8 detected; GBK text given)


@pytest.mark.parametrize(("encoding", "given"), ENCODINGS, ids=["utf8_detected", "gbk", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("where", ["after", "later"])
def test_a_long_row_before_an_undecodable_byte_is_told(tmp_path, model, small_blocks, encoding, given, newline, where):
    src = tmp_path / "fixes.csv"
    src.write_bytes(_around(encoding, where, newline))
    size = f"{12_029 + len(newline):,} bytes long" + (
        "" if encoding == "utf-8" else " as UTF-8 (the text the reader reads)"
    )
    assert _told(model, src, given) == (
        f"{src}: the row on line 402 of the file (the header is line 1) is {size}, but {LIMIT}"
    )


@pytest.mark.parametrize(("encoding", "given"), ENCODINGS, ids=["utf8_detected", "gbk", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_an_undecodable_byte_before_a_long_row_is_told(tmp_path, model, small_blocks, encoding, given, newline):
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := _around(encoding, "before", newline))
    how = "as given" if given else "detected from"
    told = _told(model, src, given)
    assert told.startswith(f"{src}: byte {data.index(BAD):,} (line 401) cannot be decoded as {encoding} ({how}"), told


def test_an_undecodable_byte_inside_a_long_row_is_told(tmp_path, model, small_blocks):
    # the row has not ended where the byte is: its size and last line are not known, the byte is the problem told
    src = tmp_path / "fixes.csv"
    data = _around("gbk", "after").replace(b"a" * 10_000, b"a" * 5_000 + BAD + b"a" * 4_999, 1)
    src.write_bytes(data)
    told = _told(model, src, "gbk")
    assert told.startswith(f"{src}: byte {data.index(BAD):,} (line 402) cannot be decoded as gbk (as given)")


# -- a long quoted row of many lines below a sep= line or a BOM: the file's own line numbers ----------------------
ABOVE = {
    "bom": (codecs.BOM_UTF8, ",", 0),
    "sep_line": (b"sep=;{nl}", ";", 1),
    "bom_sep_line_empty_lines": (codecs.BOM_UTF8 + b"sep=;{nl}{nl}{nl}", ";", 3),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize(
    ("above", "encoding"), [*((above, "utf-8") for above in ABOVE), ("sep_line", "gbk")]
)  # (a UTF-8 BOM says UTF-8)
def test_a_long_quoted_row_below_a_sep_line_or_a_bom_is_named_by_the_file_s_lines(
    tmp_path, model, small_blocks, newline, above, encoding
):
    prefix, delimiter, lines_above = ABOVE[above]
    rows = [_fix(i, "京A") for i in range(60)]
    rows[20] = _fix(20, '"' + ("x" * 50 + newline) * 200 + '"')  # 200 line breaks in a quoted vehicle
    rows[21] = "\x00" + rows[21]  # an undecodable byte just after it (in the GBK file)
    text = newline.join([HEADER, *rows]).replace(",", delimiter) + newline
    data = prefix.replace(b"{nl}", newline.encode()) + text.encode(encoding)
    data = data.replace(b"\x00", BAD if encoding == "gbk" else b"")
    src = tmp_path / "fixes.csv"
    src.write_bytes(data)
    header = lines_above + 1
    first = header + 21  # (the header's line, then rows 0 to 20)
    size = 29 + 2 + 200 * (50 + len(newline)) + len(newline)
    utf8 = "" if encoding == "utf-8" else " as UTF-8 (the text the reader reads)"
    assert _told(model, src, None if encoding == "utf-8" else encoding) == (
        f"{src}: the row on lines {first}-{first + 200} of the file (the header is line {header}; a quoted field of "
        f"this row holds line breaks) is {size:,} bytes long{utf8}, but {LIMIT}"
    )


# -- in Chinese ----------------------------------------------------------------------------------------------------
def test_in_chinese(tmp_path, small_blocks, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("f.csv").write_bytes(("\r\n".join([HEADER, _fix(0), _fix(1), _fix(2, "a" * 9_000)]) + "\x1a").encode())
    res = run_cli("locate", "--input", "f.csv", "--output", "o.csv", "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr == (
        "avzone: 错误：f.csv：文件第 4 行（表头是第 1 行）长 9,029 字节，而 CSV 的一行最长为 4,096 字节"
        "（读取器按这么大的块读取文件）；请缩短该行的单元格，或改用 Parquet 文件提供数据（它没有这个限制）\n"
    )
    Path("f.csv").write_bytes(_around("gbk", "later"))
    res = run_cli("locate", "--input", "f.csv", "--output", "o.csv", "--encoding", "gbk", "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr == (
        "avzone: 错误：f.csv：文件第 402 行（表头是第 1 行）按 UTF-8 计长 12,030 字节（读取器读取的文本），"
        "而 CSV 的一行最长为 4,096 字节（读取器按这么大的块读取文件）；"
        "请缩短该行的单元格，或改用 Parquet 文件提供数据（它没有这个限制）\n"
    )
    Path("f.csv").write_bytes(data := _around("gbk", "before"))
    res = run_cli("locate", "--input", "f.csv", "--output", "o.csv", "--encoding", "gbk", "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr.startswith(
        f"avzone: 错误：f.csv：位置 {data.index(BAD):,}（从 0 起算，第 401 行）的字节无法按 gbk 解码（按所给编码）"
    ), res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


# -- a ragged row before an undecodable byte -----------------------------------------------------------------------
# The ragged row's line is found by reading the text again (first_ragged_row), which stopped at an undecodable
# byte decoded ahead of it (up to 4 MB): the byte was told instead of the row before it.
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_ragged_row_and_an_undecodable_byte_the_first_is_told(tmp_path, model, small_blocks, where):
    rows = [_fix(i, "京A") for i in range(500)]
    rows[400] += ",x"  # line 402: 5 fields
    rows[402 if where == "before" else 398] = "\x00" + rows[402 if where == "before" else 398]
    src = tmp_path / "fixes.csv"
    src.write_bytes(data := ("\n".join([HEADER, *rows]) + "\n").encode().replace(b"\x00", BAD))
    told = _told(model, src)
    if where == "before":
        assert told.startswith(f"{src}: the row on line 402 of the file (the header is line 1) has 5 fields"), told
    else:
        assert told.startswith(f"{src}: byte {data.index(BAD):,} (line 400) cannot be decoded as utf-8 ("), told

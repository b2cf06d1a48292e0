"""A CSV output keeps its input's bytes: each output line is the input line, then the added cells.

Quotes, line endings and the lines at the end of a file are the file's own:
a user diffing input and output sees only the appended columns.
"""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError

ADDED = 5  # in_<layer> for the four zone layers, then status


def _lines(raw: bytes) -> list[bytes]:
    """The records of a CSV text as bytes, each with its line end (a quoted field may hold line breaks)."""
    out, start, quoted = [], 0, False
    i = 0
    while i < len(raw):
        c = raw[i : i + 1]
        if c == b'"':
            quoted = not quoted
        elif not quoted and c in b"\r\n":
            end = i + 2 if raw[i : i + 2] == b"\r\n" else i + 1
            out.append(raw[start:end])
            start = i = end
            continue
        i += 1
    if start < len(raw):
        out.append(raw[start:])
    return out


def _kept(src_raw: bytes, dst_raw: bytes, delimiter: bytes = b",") -> list[bytes]:
    """Asserts each output record starts with its input record (its line end dropped): the added cells."""
    ins, outs = _lines(src_raw), _lines(dst_raw)
    assert len(ins) == len(outs), (ins, outs)
    added = []
    for a, b in zip(ins, outs):
        body = a.rstrip(b"\r\n")
        assert b.startswith(body + delimiter), (a, b)
        assert b[len(body) :].endswith(a[len(body) :]), (a, b)  # the same line end
        added.append(b[len(body) + 1 :].rstrip(b"\r\n"))
    return added


def test_cells_keep_their_quotes_minimal_quoting(tmp_path, model):
    """A file quoted only where needed (Excel, pandas, Python's csv) is written back so: no line changes."""
    text = (
        "id,name,lon,lat,note\n"
        '1,plain,116.5,39.79,"a, comma"\n'
        '2,"say ""hi""",116.715,39.905,\n'
        '3,"two\nlines",abc,39.8,x\n'
    )
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    added = _kept(src.read_bytes(), dst.read_bytes())
    assert added[0] == b",".join(f"in_{z}".encode() for z in model.zone_layers) + b",status"
    assert added[3].endswith(b",lon not a number")


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("gbk", ";"), ("utf-16", "\t")])
def test_cells_quoted_unlike_their_column_keep_their_quotes(tmp_path, model, encoding, delimiter):
    """A cell quoted where its column is not (``""``, ``"abc"``), unquoted where its column is quoted, or holding a
    quote without being quoted (``ab"c``) was written as its column's quoting says: ``""`` became an empty cell,
    ``"abc"`` abc, ``ab"c`` "ab""c": lines of the input changed. Each row's cells are written back as they were."""
    d = delimiter
    lines = [
        f"id{d}name{d}lon{d}lat{d}note",
        f'1{d}""{d}116.5{d}39.79{d}"a"',
        f'2{d}"abc"{d}116.715{d}39.905{d}b',
        f'3{d}ab"c{d}"116.5"{d}39.8{d}"c{d} d"',
        f"4{d}名称{d}116.3975{d}39.9087{d}",
    ]
    src = tmp_path / "in.csv"
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    dst = tmp_path / "out.csv"
    summary = locate_file(model, src, dst)
    assert summary.rows == 4 and summary.rejected_rows == 0
    text = dst.read_bytes().decode(encoding).split("\r\n")
    for line, out in zip(lines, text):
        assert out.startswith(line + d), (line, out)
    cells = list(csv.reader(io.StringIO(dst.read_bytes().decode(encoding), newline=""), delimiter=d))
    assert [r[1] for r in cells[1:]] == ["", "abc", 'ab"c', "名称"]


def test_a_line_the_second_reader_cannot_keep_leaves_its_rows_written_from_their_cells(tmp_path, model):
    """A line holding the character the rows' lines are read with (0x1F) is not kept as a line: the rows are written
    from their cells then, each with its own values (none is written as another row's line)."""
    text = 'id,name,lon,lat\n1,"a",116.5,39.79\n2,"b\x1fc",116.715,39.905\n3,"",116.3975,39.9087\n'
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    rows = list(csv.reader(io.StringIO(dst.read_text(encoding="utf-8"), newline="")))
    assert [r[:4] for r in rows[1:]] == [["1", "a", "116.5", "39.79"], ["2", "b\x1fc", "116.715", "39.905"],
                                         ["3", "", "116.3975", "39.9087"]]  # fmt: skip


def test_a_file_quoting_every_cell_is_written_so_added_cells_too(tmp_path, model):
    rows = [["id", "lon", "lat"], ["1", "116.5", "39.79"], ["2", "", "39.8"]]
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    src = tmp_path / "in.csv"
    src.write_bytes(buf.getvalue().encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    added = _kept(src.read_bytes(), dst.read_bytes())
    assert added[0] == b",".join(f'"in_{z}"'.encode() for z in model.zone_layers) + b',"status"'
    assert added[1].endswith(b',"ok"') and added[1].startswith(b'"')
    assert added[2] == b',,,,"missing lon"'  # a missing in_* stays empty (no value to quote)


def test_text_columns_quoted_numbers_not_pandas_nonnumeric(tmp_path, model):
    """pandas' QUOTE_NONNUMERIC: the header and text columns quoted, numbers not: each column kept as it was."""
    text = '"name","lon","lat"\r\n"a",116.5,39.79\r\n"b, c",116.715,39.905\r\n'
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    added = _kept(src.read_bytes(), dst.read_bytes())
    assert added[0].startswith(b'"in_')  # names quoted as the header's are
    assert added[1].endswith(b",ok")  # the added cells as needed (not every column of the input is quoted)


def test_semicolon_file_quotes_cells_holding_semicolons_only(tmp_path, model):
    text = 'id;lon;lat;note\n1;116,5;39,79;a,b\n2;116,7;39,9;"x;y"\n'
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    _kept(src.read_bytes(), dst.read_bytes(), b";")


def test_parquet_to_csv_quotes_only_where_needed_and_keeps_empty_apart_from_missing(tmp_path, model):
    src = tmp_path / "in.parquet"
    table = pa.table(
        {
            "name": ["plain", "a,b", 'q"x', "", None],
            "n": [1, 2, None, 4, 5],
            "lon": [116.5] * 5,
            "lat": [39.79] * 5,
        }
    )
    pq.write_table(table, src)
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    lines = dst.read_bytes().decode().split("\n")
    assert lines[0].startswith("name,n,lon,lat,in_")
    assert lines[1].startswith("plain,1,116.5,39.79,")
    assert lines[2].startswith('"a,b",2,116.5,39.79,')
    assert lines[3].startswith('"q""x",,116.5,39.79,')
    assert lines[4].startswith('"",4,116.5,39.79,')  # an empty text: quoted, so it reads back apart from a missing one
    assert lines[5].startswith(",5,116.5,39.79,")
    options = pacsv.ConvertOptions(strings_can_be_null=True, quoted_strings_can_be_null=False)
    back = pacsv.read_csv(dst, convert_options=options)
    assert back.column("name").to_pylist() == ["plain", "a,b", 'q"x', "", None]


def test_mixed_line_endings_are_kept_row_by_row(tmp_path, model):
    """Rows appended by another tool (LF below CRLF, a lone CR) keep their own line ends, as does a last row
    without one; a quoted cell's line break is no row's end."""
    text = (
        'id,lon,lat,note\r\n1,116.5,39.79,x\r\n2,116.5,39.79,"a\nb"\n'
        "3,116.5,39.79,y\r4,116.5,39.79,z\r\n5,116.5,39.79,w"
    )
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    _kept(src.read_bytes(), dst.read_bytes())
    assert not dst.read_bytes().endswith(b"\n")  # (the last row had no line end)


def test_mixed_line_endings_in_gbk_and_later_chunks(tmp_path, model):
    rows = [f"{i},116.5,39.79,名{i}" for i in range(50)]
    text = "id,lon,lat,note\n" + "".join(r + ("\r\n" if i % 7 == 3 else "\n") for i, r in enumerate(rows))
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode("gbk"))
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst, chunk_rows=8)
    _kept(src.read_bytes(), dst.read_bytes())


@pytest.mark.parametrize(
    "tail",
    ["   \n", "\x1a", "\r\n\x1a", "  \t\r\n \r\n", " \n\x1a"],
    ids=["spaces", "ctrl-z", "crlf-ctrl-z", "blank-lines", "spaces-ctrl-z"],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_blank_or_ctrl_z_tail_ends_the_data_and_is_kept(tmp_path, model, tail, encoding):
    """Old DOS/Excel exports end with Ctrl-Z (0x1A) or lines of spaces: the end of the data, not a row of one field."""
    eol = "\r\n" if "\r" in tail else "\n"
    body = f"编号,lon,lat{eol}1,116.5,39.79{eol}2,116.3975,39.9087{eol}"
    src = tmp_path / "in.csv"
    src.write_bytes((body + tail).encode(encoding))
    dst = tmp_path / "out.csv"
    summary = locate_file(model, src, dst)
    assert summary.rows == 2 and summary.rejected_rows == 0
    raw = dst.read_bytes()
    assert raw.endswith(f"false,false,false,false,ok{eol}{tail}".encode(encoding))  # the tail kept, byte for byte
    _kept(src.read_bytes()[: -len(tail.encode())], raw[: -len(tail.encode())])


def test_a_blank_line_between_rows_is_still_a_row_of_one_field(tmp_path, model):
    """Only the file's tail is read as its end: a line of spaces between rows still stops the job, naming it."""
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,lon,lat\n1,116.5,39.79\n   \n2,116.5,39.79\n")
    with pytest.raises(InputError, match=r"the row on line 3 of the file \(the header is line 1\) has 1 field"):
        locate_file(model, src, tmp_path / "out.csv")


@pytest.mark.parametrize(
    ("title", "n"),
    [("T" * 70_000, 1), ("# a long comment line, " * 20, 300), ("# note\n", 12_000)],
    ids=["one-70k-line", "300-long-lines", "12000-lines"],
)
def test_a_header_below_64k_characters_of_titles_is_named(tmp_path, model, title, n):
    """A header further down than the delimiter sample (64 K characters) is still found and named."""
    src = tmp_path / "in.csv"
    src.write_text((title.rstrip("\n") + "\n") * n + "id,lon,lat\n1,116.5,39.79\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    above = "line 1" if n == 1 else f"lines 1 to {n:,}"
    assert f"but line {n + 1:,} ('id,lon,lat') is: delete {above} (a title or comment)" in str(err.value)


@pytest.mark.parametrize(("lang", "words"), [("en", "line 3, column 44"), ("zh", "第 3 行第 44 列")])
def test_a_geojson_file_not_in_utf8_names_the_line_and_column(tmp_path, model, lang, words):
    """GeoJSON is UTF-8 (RFC 7946): a Latin-1 or GBK byte is named by its line and column, not only its offset."""
    from avzone.i18n import error_text

    src = tmp_path / "in.geojson"
    point = b'"geometry":{"type":"Point","coordinates":[116.5,39.79]}'
    feature = b'{"type":"Feature","properties":{"name":"caf\xe9"},' + point + b"}"
    src.write_bytes(b'{"type": "FeatureCollection",\n"features": [\n' + feature + b"\n]}\n")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.geojson")
    text = error_text(err.value, lang)
    assert str(src) in text and words in text and "0xe9" in text and "UTF-8" in text


BIG5_ROWS = [
    ["名稱", "經度", "緯度", "備註"],
    ["臺北車站", "116.5", "39.79", "轉運點"],
    ["國際機場", "116.3975", "39.9087", "航廈"],
]
SJIS_ROWS = [
    ["名前", "lon", "lat", "メモ"],
    ["東京駅", "116.5", "39.79", "ターミナル"],
    ["空港", "116.3975", "39.9087", "です"],
]


@pytest.mark.parametrize(("rows", "codec"), [(BIG5_ROWS, "big5"), (SJIS_ROWS, "shift_jis")], ids=["big5", "sjis"])
def test_big5_and_shift_jis_files_are_detected_not_read_as_gb18030(tmp_path, model, rows, codec):
    """Traditional Chinese (Taiwan, Hong Kong) and Japanese Excel exports: their headers read as written."""
    src = tmp_path / "in.csv"
    src.write_bytes("".join(",".join(r) + "\r\n" for r in rows).encode(codec))
    dst = tmp_path / "out.csv"
    summary = locate_file(model, src, dst, lon_col=rows[0][1], lat_col=rows[0][2])
    assert summary.encoding_detected and summary.encoding in (codec, {"big5": "cp950", "shift_jis": "cp932"}[codec])
    assert summary.rows == 2 and summary.rejected_rows == 0
    _kept(src.read_bytes(), dst.read_bytes())
    assert dst.read_bytes().decode(summary.encoding).split("\r\n")[0].startswith(",".join(rows[0]))


KOREAN_ROWS = [
    ["이름", "lon", "lat", "메모"],
    ["서울역", "116.5", "39.79", "택시정류장"],
    ["강남역", "116.3975", "39.9087", "버스터미널"],
    ["인천국제공항", "116.4", "39.9", "김포공항"],
]
EUC_JP_ROWS = [
    ["名前", "lon", "lat", "メモ"],
    ["東京駅", "116.5", "39.79", "ターミナルです"],
    ["空港", "116.3975", "39.9087", "ありがとう"],
]
HALF_WIDTH_KANA_ROWS = [
    ["名前", "lon", "lat", "メモ"],
    ["東京駅", "116.5", "39.79", "ﾀｸｼｰ"],
    ["空港", "116.3975", "39.9087", "ﾊﾞｽﾀｰﾐﾅﾙ"],
]
HALF_WIDTH_KANA_ONLY_ROWS = [["id", "lon", "lat", "memo"]] + [
    [str(i), "116.5", "39.79", memo]
    for i, memo in enumerate(
        ["ﾀｸｼｰ", "ﾊﾞｽﾀｰﾐﾅﾙ", "ｸｳｺｳ", "ﾄｳｷｮｳｴｷﾏｴﾆ", "ｼﾝｼﾞｭｸ", "ﾆｼｸﾞﾁﾆ", "ﾋｶﾞｼｸﾞﾁﾆ", "ﾁｭｳｵｳｸﾞﾁ", "ﾐﾅﾐｸﾞﾁ", "ｷﾀｸﾞﾁﾍ"]
    )
]


@pytest.mark.parametrize(
    ("rows", "codec", "detected"),
    [
        (KOREAN_ROWS, "euc_kr", ("cp949", "euc_kr")),
        (EUC_JP_ROWS, "euc_jp", ("euc_jp",)),
        (HALF_WIDTH_KANA_ROWS, "shift_jis", ("shift_jis", "cp932")),
        (HALF_WIDTH_KANA_ONLY_ROWS, "shift_jis", ("shift_jis", "cp932")),
    ],
    ids=["euc-kr", "euc-jp", "sjis-half-width-kana", "sjis-half-width-kana-only"],
)
def test_korean_euc_jp_and_half_width_kana_files_are_detected_not_read_as_gb18030(
    tmp_path, model, rows, codec, detected
):
    """EUC-KR (Korean Excel), EUC-JP and Shift-JIS with half-width katakana were read as GB18030: every byte decoded,
    so the cells were Chinese characters that looked like text (서울역 as 辑匡开, ﾀｸｼｰ as 独杜), written back in
    GB18030 as they were read, and the names of their columns were not found."""
    src = tmp_path / "in.csv"
    src.write_bytes("".join(",".join(r) + "\r\n" for r in rows).encode(codec))
    src.read_bytes().decode("gb18030")  # (every byte decodes as GB18030 too)
    dst = tmp_path / "out.csv"
    summary = locate_file(model, src, dst)
    assert summary.encoding_detected and summary.encoding in detected
    assert summary.rows == len(rows) - 1 and summary.rejected_rows == 0
    _kept(src.read_bytes(), dst.read_bytes())
    assert dst.read_bytes().decode(summary.encoding).split("\r\n")[1].startswith(",".join(rows[1]))


@pytest.mark.parametrize(
    ("text", "codec", "other", "reading"),
    [
        ("经度,纬度,이름\n116.5,39.79,서울\n", None, "cp949", "이름"),
        ("lon,lat,이름,메모\n116.5,39.79,서울,좋아요\n", "euc-kr", "cp949", "이름,메모"),
        ("lon,lat,名前\n116.5,39.79,とうきょう\n", "euc_jp", "euc_jp", "名前"),
    ],
    ids=["korean-header", "korean-cells", "euc-jp"],
)
def test_a_short_korean_or_japanese_file_read_as_gb18030_is_said_to_be_unsure(
    tmp_path, model, text, codec, other, reading
):
    """A short EUC-KR or EUC-JP file (too few characters to tell it from Chinese) was read as GB18030 without a
    word: the summary said 'encoding gb18030, detected', a Parquet output held 捞抚 for 이름, and a header not found
    listed its names so (版档, 困档) with no hint that the encoding was wrong. The summary now notes that the
    encoding was told from few characters and how the first line reads in the other encoding; a column not found
    says it too."""
    src = tmp_path / "in.csv"
    if codec is None:  # (a header the job cannot find: the columns named in Korean)
        text = text.replace("经度,纬度", "경도,위도")
        codec = "euc-kr"
    src.write_bytes(text.encode(codec))
    if text.startswith("경도"):
        with pytest.raises(InputError) as err:
            locate_file(model, src, tmp_path / "out.csv")
        message = str(err.value)
        assert "no column looks like" in message and f"encoding={other!r}" in message, message
        assert "경도,위도,이름" in message, message
        return
    summary = locate_file(model, src, tmp_path / "out.parquet")
    assert summary.encoding == "gb18030"
    notes = [str(n) for n in summary.notes]
    assert any(f"encoding={other!r}" in n and reading in n for n in notes), notes
    assert f"encoding={other!r}" in summary.text("zh")


def test_a_chinese_file_whose_characters_tell_gb18030_has_no_encoding_note(tmp_path, model):
    src = tmp_path / "in.csv"
    src.write_bytes("名称,经度,纬度\n北京站,116.5,39.79\n".encode("gbk"))
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.encoding == "gb18030" and not summary.notes


@pytest.mark.parametrize(
    "names",
    [
        ["海淀区", "朝阳区", "丰台区", "海淀区", "北京站", "北京西站"] * 20,  # (one name after another)
        ["鲜の屋", "吉野家", "味の素", "海底捞", "麦当劳", "肯德基"] * 5,  # (a Japanese の in Chinese names)
        ["甲乙丙丁戊己庚辛", "壬癸子丑寅卯辰巳", "午未申酉戌亥", "金木水火土", "东南西北中"],  # (many characters)
    ],
    ids=["repeated", "no", "many"],
)
def test_chinese_gbk_files_stay_gb18030(tmp_path, model, names):
    src = tmp_path / "in.csv"
    text = "名称,lon,lat\n" + "".join(f"{n},116.5,39.79\n" for n in names)
    src.write_bytes(text.encode("gbk"))
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.encoding == "gb18030" and summary.rows == len(names)


def test_gbk_text_with_traditional_characters_stays_gb18030(tmp_path, model):
    rows = [["名稱", "lon", "lat"], ["臺北車站", "116.5", "39.79"], ["简体", "116.3975", "39.9087"]]
    src = tmp_path / "in.csv"
    src.write_bytes("".join(",".join(r) + "\n" for r in rows).encode("gbk"))
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.encoding == "gb18030" and summary.rows == 2


def test_a_quoted_text_column_with_missing_values_keeps_its_quotes(tmp_path, model):
    """pandas' QUOTE_NONNUMERIC writes a missing text as an empty unquoted cell: the column stays quoted
    (its empty cells unquoted), not every line rewritten without quotes."""
    text = '"name","lon","lat"\n"a",116.5,39.79\n,116.5,39.79\n"b, c",116.3975,39.9087\n'
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    _kept(src.read_bytes(), dst.read_bytes())
    src.write_bytes(text.replace("\n,", '\n"",').encode())  # QUOTE_ALL's empty text: quoted, kept so
    locate_file(model, src, dst)
    _kept(src.read_bytes(), dst.read_bytes())


@pytest.mark.parametrize("sep", ["sep=;", '"sep=;"'])
def test_an_excel_sep_line_is_written_back_as_it_was(tmp_path, model, sep):
    src = tmp_path / "in.csv"
    src.write_bytes(f"{sep}\r\nid;lon;lat\r\n1;116,5;39,79\r\n2;116,3975;39,9087\r\n".encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    _kept(src.read_bytes().split(b"\r\n", 1)[1], dst.read_bytes().split(b"\r\n", 1)[1], b";")
    assert dst.read_bytes().startswith(f"{sep}\r\nid;lon;lat;in_core;".encode())


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_a_last_row_without_a_line_end_is_written_so_without_reading_the_file_again(
    tmp_path, model, monkeypatch, encoding
):
    import avzone.batch

    def no_second_read(*args, **kwargs):
        raise AssertionError("the file was read again for its line ends")

    monkeypatch.setattr(avzone.batch, "row_line_ends", no_second_read)
    src = tmp_path / "in.csv"
    src.write_bytes("名称,lon,lat\r\n甲,116.5,39.79\r\n乙,116.3975,39.9087".encode(encoding))
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    text = dst.read_bytes().decode(encoding)
    assert text.endswith("乙,116.3975,39.9087,false,false,false,false,ok") and text.count("\r\n") == 2


@pytest.mark.parametrize("content", [b"\x1a", b"   \r\n", b"\r\n\t\n\x1a"], ids=["ctrl-z", "spaces", "blank-ctrl-z"])
def test_a_file_of_only_blank_lines_or_ctrl_z_is_empty(tmp_path, model, content):
    """An empty file saved by an old DOS program is a Ctrl-Z: 'the file is empty', not 'columns are: \\x1a'."""
    src = tmp_path / "in.csv"
    src.write_bytes(content)
    with pytest.raises(InputError, match=r"in\.csv: the file is empty \(expected a header row naming the columns\)"):
        locate_file(model, src, tmp_path / "out.csv")


@pytest.mark.parametrize("tail", ["\x1a", "  \r\n"])
def test_a_blank_or_ctrl_z_tail_does_not_unquote_a_quoted_column(tmp_path, model, tail):
    text = '"id","lon","lat"\r\n"1","116.5","39.79"\r\n"2","116.3975","39.9087"\r\n' + tail
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    dst = tmp_path / "out.csv"
    locate_file(model, src, dst)
    _kept(src.read_bytes()[: -len(tail)], dst.read_bytes()[: -len(tail)])


@pytest.mark.parametrize(("delimiter", "tail"), [("\t", "\r\n \t\r\n\x1a"), (";", "\x1a"), ("\t", "\t\n")])
def test_a_blank_or_ctrl_z_tail_does_not_hide_the_delimiter(tmp_path, model, delimiter, tail):
    text = delimiter.join(["id", "lon", "lat", "note"]) + "\n" + delimiter.join(["0", "116.5", "39.79", "a"]) + "\n"
    src = tmp_path / "in.csv"
    src.write_bytes((text + tail).encode())
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.rows == 1 and summary.to_dict()["delimiter"] == delimiter


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_western_file_whose_bytes_happen_to_decode_as_gb18030_is_not_read_so(tmp_path, model, codec):
    """A Latin-1 / Windows-1252 file whose accented letters are each followed by a letter ('Müller straße') decodes
    as GB18030 (ü and l as 黮, ß and e as 遝) and was read so, its names written back as Chinese; a 'Café,' in it
    stopped the job. Such a file, every high byte alone before an ASCII byte (no Chinese text is so), stops the job
    naming the byte and asking for its encoding, which then reads it."""
    src = tmp_path / "in.csv"
    src.write_bytes("name,lon,lat\nMüller straße,116.5,39.79\nZürich,116.3975,39.9087\n".encode(codec))
    src.read_bytes().decode("gb18030")  # (every byte decodes as GB18030 too)
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value) == (
        f"{src}: byte 14 (line 2) is neither UTF-8 nor GB18030/GBK text (a byte above 0x7F alone before an ASCII "
        "character, as a Western text's accented letters are: 'Müller' in Windows-1252 or Latin-1); give the "
        "file's encoding with encoding= (e.g. encoding='cp1252'; encoding='gb18030' if it is Chinese)"
    )
    summary = locate_file(model, src, tmp_path / "out.csv", encoding=codec)
    assert summary.rows == 2 and (tmp_path / "out.csv").read_bytes().startswith(src.read_bytes().split(b"\n")[0])

"""CSV text encodings (GBK / GB18030, UTF-8 with or without BOM) and Chinese coordinate headers."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re

import numpy as np
import pytest
from common import SUB_CENTER, TIANANMEN, YIZHUANG_CORE, covers, run_cli

from avzone import batch
from avzone.batch import detect_columns, locate_file, read_points
from avzone.columns import crs_hint, header_key
from avzone.errors import InputError

HEADER = ["编号", "名称", "经度", "纬度", "备注"]
ROWS = [
    ["1", "亦庄核心区", str(YIZHUANG_CORE[0]), str(YIZHUANG_CORE[1]), "接驳点"],
    ["2", "天安门", str(TIANANMEN[0]), str(TIANANMEN[1]), "含,逗号"],
    ["3", "坏点", "abc", "39.8", "无"],
    ["4", "城市副中心", str(SUB_CENTER[0]), str(SUB_CENTER[1]), "“引号”"],
]


def _csv_text(header, rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


def _write(path, header, rows, encoding: str, bom: bool = False):
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + _csv_text(header, rows).encode(encoding))
    return path


def _read(path, encoding: str) -> list[list[str]]:
    with path.open(newline="", encoding=encoding) as fh:
        return list(csv.reader(fh))


def test_gbk_csv_with_chinese_headers_classifies_and_keeps_its_encoding(tmp_path, model):
    src = _write(tmp_path / "gbk.csv", HEADER, ROWS, "gbk")
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--json")
    assert res.returncode == 0, res.stderr
    assert "encoding gb18030, detected" in res.stderr and "lon column '经度', lat column '纬度'" in res.stderr
    doc = json.loads(res.stdout)
    assert doc["encoding"] == "gb18030" and doc["encoding_detected"] is True and doc["output_encoding"] == "gb18030"
    raw = dst.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really GBK, not UTF-8
    assert not raw.startswith(codecs.BOM_UTF8)
    out = _read(dst, "gbk")
    assert out[0] == HEADER + [f"in_{z}" for z in model.zone_layers] + ["status"]
    for got, given in zip(out[1:], ROWS):
        assert got[: len(given)] == given  # every input cell kept, in order
        for cell in given:
            assert cell.encode("gbk") in raw  # the same bytes as in the input
    lon = np.array([float(r[2]) if r[0] != "3" else np.nan for r in ROWS])
    lat = np.array([float(r[3]) for r in ROWS])
    for z in model.zone_layers:
        col = out[0].index(f"in_{z}")
        want = ["true" if c else "false" for c in covers(model, z, lon, lat)]
        want[2] = ""
        assert [r[col] for r in out[1:]] == want, z
    assert [r[-1] for r in out[1:]] == ["ok", "ok", "经度 not a number", "ok"]
    assert doc["rows"] == 4 and doc["rejected_by_reason"] == {"经度 not a number": 1}


def test_gbk_output_is_byte_identical_to_the_input_plus_the_appended_columns(tmp_path):
    """Cells that need no quotes: each output line is the input line, byte for byte, then the results."""
    rows = [["1", "亦庄", "116.5", "39.79"], ["2", "通州", "116.715", "39.905"]]
    src = _write(tmp_path / "in.csv", ["名称", "备注", "lng", "lat"], rows, "gbk")
    dst = tmp_path / "out.csv"
    locate_file(_model(), src, dst)
    for a, b in zip(src.read_bytes().splitlines(), dst.read_bytes().splitlines()):
        assert b.startswith(a + b",")  # no quotes added


def _model():
    import avzone

    return avzone.load()


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_bom_is_kept_or_not_added(tmp_path, bom):
    src = _write(tmp_path / "in.csv", HEADER, ROWS, "utf-8", bom=bom)
    dst = tmp_path / "out.csv"
    summary = locate_file(_model(), src, dst)
    assert summary.encoding == ("utf-8-sig" if bom else "utf-8") and summary.encoding_detected
    raw = dst.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) is bom
    assert not raw[3:].startswith(codecs.BOM_UTF8)  # one BOM, never two
    assert _read(dst, "utf-8-sig")[0][:5] == HEADER  # the BOM is not part of the first column's name


def test_output_encoding_utf8_sig_for_excel(tmp_path):
    src = _write(tmp_path / "gbk.csv", HEADER, ROWS, "gbk")
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--output-encoding", "utf-8-sig")
    assert res.returncode == 0, res.stderr
    assert "written to " + str(dst) + " (utf-8-sig)" in res.stderr
    raw = dst.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert [r[:5] for r in _read(dst, "utf-8-sig")] == [HEADER, *ROWS]


def test_given_encoding_is_used(tmp_path):
    src = _write(tmp_path / "gbk.csv", HEADER, ROWS, "gbk")
    summary = locate_file(_model(), src, tmp_path / "out.csv", encoding="GBK")
    assert summary.encoding == "gbk" and not summary.encoding_detected and summary.output_encoding == "gbk"
    assert [r[:5] for r in _read(tmp_path / "out.csv", "gbk")] == [HEADER, *ROWS]


def test_undecodable_file_exits_2_naming_file_offset_line_and_encoding(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_bytes(b"id,lon,lat\n1,116.5,39.79\n2,116.5,39.8\xff\xfe\x80\n")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{src}: byte 37 (line 3)" in res.stderr and "--encoding" in res.stderr


def test_a_late_gbk_row_after_a_utf8_looking_start_fails_clearly(tmp_path):
    """Detection looks at the first MB; a later row that does not decode stops the job with its offset."""
    head = "id,lon,lat,note\n" + "".join(f"{i},116.5,39.79,x\n" for i in range(80_000))
    assert len(head) > batch.SAMPLE_BYTES
    src = tmp_path / "late.csv"
    src.write_bytes((head + "80000,116.5,39.79,北京\n").encode("gbk"))
    offset = len(head.encode()) + len("80000,116.5,39.79,")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert res.returncode == 2
    assert f"byte {offset:,} (line 80,002) cannot be decoded as utf-8" in res.stderr
    assert "--encoding gb18030" in res.stderr
    ok = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "gb18030")
    assert ok.returncode == 0, ok.stderr
    assert _read(tmp_path / "out.csv", "gb18030")[-1][3] == "北京"


EURO_ROWS = [["1", "亦庄", "116.5", "39.79", "5€"], ["2", "天安门", "116.3975", "39.9087", "€€ 价格"]]


def _cp936(header, rows) -> bytes:
    """Text in Windows code page 936: GBK, and byte 0x80 for the euro sign."""
    return b"\x80".join(part.encode("gbk") for part in _csv_text(header, rows).split("€"))


@pytest.mark.parametrize("given", [None, "cp936", "GBK"])
def test_a_cp936_file_with_the_euro_sign_is_read_and_written_back_byte_for_byte(tmp_path, given):
    """Excel on a Chinese Windows writes the euro sign as byte 0x80 (code page 936), which Python's gbk lacks."""
    src = tmp_path / "in.csv"
    src.write_bytes(_cp936(["编号", "名称", "lon", "lat", "备注"], EURO_ROWS))
    dst = tmp_path / "out.csv"
    summary = locate_file(_model(), src, dst, encoding=given)
    assert (summary.encoding, summary.encoding_detected, summary.output_encoding) == ("gbk", given is None, "gbk")
    assert summary.rows == 2 and summary.rejected_rows == 0
    raw = dst.read_bytes()
    assert raw.count(b"\x80") == 3 and "€".encode("gb18030") not in raw
    for a, b in zip(src.read_bytes().splitlines(), raw.splitlines()):
        assert b.startswith(a + b",")  # every input byte kept
    got = list(csv.reader(io.StringIO(raw.decode("gbk", batch.CP936_EURO), newline="")))
    assert [r[:5] for r in got] == [["编号", "名称", "lon", "lat", "备注"], *EURO_ROWS]


def test_a_cp936_file_with_another_undecodable_byte_names_its_line(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(_cp936(["编号", "名称", "lon", "lat", "备注"], EURO_ROWS) + b"3,\xff\xff,116.5,39.79,x\n")
    offset = len(_cp936(["编号", "名称", "lon", "lat", "备注"], EURO_ROWS)) + 2
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{src}: byte {offset} (line 4) is neither UTF-8 nor GB18030/GBK text" in res.stderr
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "cp936")
    assert res.returncode == 2
    assert f"{src}: byte {offset} (line 4) cannot be decoded as gbk (as given)" in res.stderr


def test_a_late_euro_byte_in_a_file_detected_as_gb18030_says_to_give_cp936(tmp_path, monkeypatch):
    """GB18030 has no byte 0x80 (its euro sign is A2 E3): a late one is code page 936, and the error says so."""
    monkeypatch.setattr(batch, "SAMPLE_BYTES", 64)
    head = _csv_text(["编号", "名称", "lon", "lat", "备注"], [["1", "亦庄", "116.5", "39.79", "x"]] * 5).encode("gbk")
    src = tmp_path / "in.csv"
    src.write_bytes(head + "2,天安门,116.3975,39.9087,5".encode("gbk") + b"\x80\n")
    with pytest.raises(InputError, match=r"line 7\) cannot be decoded as gb18030 .*encoding='cp936'") as err:
        read_points(src)
    assert "0x80" in str(err.value)
    utf8 = tmp_path / "utf8.csv"  # ASCII in the first MB, then the euro byte: read as UTF-8 up to it
    utf8.write_bytes(b"id,lon,lat,note\n1,116.5,39.79,x\n" * 3 + b"2,116.5,39.79,5\x80\n")
    with pytest.raises(InputError, match=r"\(line 7\) cannot be decoded as utf-8 .*encoding='cp936' \(Windows code"):
        read_points(utf8, encoding="utf-8")
    locate_file(_model(), src, tmp_path / "out.csv", encoding="cp936")
    assert (tmp_path / "out.csv").read_bytes().splitlines()[-1].startswith(b"2," + "天安门".encode("gbk"))
    assert b",5\x80," in (tmp_path / "out.csv").read_bytes().splitlines()[-1]


@pytest.mark.parametrize("eol", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
@pytest.mark.parametrize("block", [1 << 22, 5, 7])
def test_an_undecodable_byte_is_named_by_its_line_whatever_the_line_ending(tmp_path, monkeypatch, eol, block):
    """Lines end at CR (old Mac files), CRLF or LF: counted once each, also when a CRLF is cut by a block boundary."""
    monkeypatch.setattr(batch, "_BLOCK_BYTES", block)
    head = eol.join(["编号,lon,lat", "1,116.5,39.79", "2,116.5,39.8", "3,116.5,39.8"]) + eol
    src = tmp_path / "bad.csv"
    src.write_bytes(head.encode("gbk") + b"4,116.5,39.8\xff\xff" + eol.encode())
    offset = len(head.encode("gbk")) + len("4,116.5,39.8")
    with pytest.raises(InputError, match=rf"byte {offset} \(line 5\) cannot be decoded as gbk \(as given\)"):
        read_points(src, encoding="gbk")
    with pytest.raises(InputError, match=rf"byte {offset} \(line 5\) is neither UTF-8 nor GB18030/GBK"):
        read_points(src)


def test_a_late_bad_byte_in_a_gbk_file_fails_clearly(tmp_path):
    head = "编号,lon,lat\n" + "".join(f"{i},116.5,39.79\n" for i in range(60_000))
    src = tmp_path / "late.csv"
    src.write_bytes(head.encode("gbk") + b"9,116.5,39.8\xff\xff\n")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert res.returncode == 2
    offset = len(head.encode("gbk")) + len(b"9,116.5,39.8")
    assert f"byte {offset:,} (line 60,002) cannot be decoded as gb18030" in res.stderr


def test_decoding_across_block_boundaries(tmp_path, monkeypatch):
    """Characters cut by a block boundary are carried into the next block (memory stays flat)."""
    src = _write(tmp_path / "gbk.csv", HEADER, ROWS * 50, "gb18030")
    whole = locate_file(_model(), src, tmp_path / "a.csv")
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 7)
    small = locate_file(_model(), src, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert whole.to_dict() | {"output": ""} == small.to_dict() | {"output": ""}


@pytest.mark.parametrize("order", ["le", "be"])
@pytest.mark.parametrize("width", ["16", "32"])
def test_utf16_and_utf32_keep_their_byte_order_past_the_first_block(tmp_path, monkeypatch, order, width):
    """The BOM's byte order holds for every decoding block: a big-endian file is not read as little-endian after it."""
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 1000)
    bom = {"16le": codecs.BOM_UTF16_LE, "16be": codecs.BOM_UTF16_BE, "32le": codecs.BOM_UTF32_LE}
    bom["32be"] = codecs.BOM_UTF32_BE
    src = tmp_path / "wide.csv"
    src.write_bytes(bom[width + order] + _csv_text(HEADER, ROWS * 80).encode(f"utf-{width}-{order}"))
    assert src.stat().st_size > 10 * batch._BLOCK_BYTES
    summary = locate_file(_model(), src, tmp_path / "out.csv", encoding=f"utf-{width}")
    assert summary.rows == len(ROWS) * 80 and summary.rejected_rows == 80  # only the "abc" rows
    assert [r[:5] for r in _read(tmp_path / "out.csv", f"utf-{width}")] == [HEADER, *ROWS * 80]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(bom[width + order] + _csv_text(HEADER, [*ROWS * 80, ["9", "多"]]).encode(f"utf-{width}-{order}"))
    with pytest.raises(InputError, match=r"the row on line 322 of the file \(the header is line 1\) has 2 fields"):
        read_points(bad, encoding=f"utf-{width}")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_utf16_or_utf32_bom_is_detected(tmp_path, codec):
    """Excel's "Unicode text" export (UTF-16 with a BOM, tab-separated, quoted cells) is read without --encoding."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    bom |= {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    rows = [HEADER, *ROWS]
    text = "".join("\t".join(f'"{c}"' if "," in c else c for c in r) + "\r\n" for r in rows)
    src = tmp_path / "excel.tsv"
    src.write_bytes(bom[codec] + text.encode(codec))
    width = codec[:6]
    summary = locate_file(_model(), src, tmp_path / "out.tsv")
    assert (summary.encoding, summary.encoding_detected, summary.output_encoding) == (width, True, codec + "-bom")
    assert summary.rows == len(ROWS) and summary.rejected_rows == 1  # only the "abc" row
    with (tmp_path / "out.tsv").open(newline="", encoding=width) as fh:
        got = list(csv.reader(fh, delimiter="\t"))
    assert [r[:5] for r in got] == rows and got[0][-1] == "status"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("given", [False, True])
def test_a_utf16_or_utf32_file_is_written_back_in_its_byte_order_with_its_bom(tmp_path, codec, given):
    """A big-endian file stays big-endian (and a little-endian one little-endian whatever the machine's order)."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    bom |= {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    src = tmp_path / "in.csv"
    src.write_bytes(bom[codec] + _csv_text(HEADER, ROWS).encode(codec))
    dst = tmp_path / "out.csv"
    options = ["--encoding", codec[:6]] if given else []
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--json", *options)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["encoding"] == codec[:6] and doc["output_encoding"] == codec + "-bom"
    assert f"written to {dst} ({codec}-bom)" in res.stderr
    raw = dst.read_bytes()
    assert raw.startswith(bom[codec]) and not raw[len(bom[codec]) :].startswith(bom[codec])  # one BOM, kept
    got = list(csv.reader(io.StringIO(raw[len(bom[codec]) :].decode(codec), newline="")))
    assert [r[:5] for r in got] == [HEADER, *ROWS] and got[0][-1] == "status"


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-32-le"])
def test_a_bom_codec_given_skips_the_bom_only_at_the_start(tmp_path, monkeypatch, codec):
    """``--encoding utf-16-be-bom``: a U+FEFF that starts a later decoding block is a character of a cell, kept."""
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 64)
    bom = codecs.BOM_UTF16_BE if codec == "utf-16-be" else codecs.BOM_UTF32_LE
    rows = [["id", "lon", "lat", "note"], *([str(i), "116.5", "39.79", "x" * 7 + "\ufeff" + "y"] for i in range(20))]
    text = _csv_text(rows[0], rows[1:])
    src = tmp_path / "in.csv"
    src.write_bytes(bom + text.encode(codec))
    stream = batch.Utf8Stream(src, batch.detect_encoding(src, codec + "-bom"))
    try:
        assert stream.read().decode() == text
    finally:
        stream.close()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_utf16_or_utf32_file_without_a_bom_is_detected_and_written_back_so(tmp_path, codec):
    """Without a BOM, the NUL bytes of its ASCII characters give UTF-16/UTF-32 and the byte order away (not 'UTF-8')."""
    src = tmp_path / "in.csv"
    src.write_bytes(_csv_text(HEADER, ROWS).encode(codec))
    dst = tmp_path / "out.csv"
    summary = locate_file(_model(), src, dst)
    assert (summary.encoding, summary.encoding_detected, summary.output_encoding) == (codec, True, codec)
    assert summary.rows == len(ROWS) and summary.rejected_rows == 1  # only the "abc" row
    raw = dst.read_bytes()
    assert raw.startswith("编号,".encode(codec))  # no BOM added
    assert [r[:5] for r in csv.reader(io.StringIO(raw.decode(codec), newline=""))] == [HEADER, *ROWS]
    nul = tmp_path / "nul.csv"  # a UTF-8 file with a few NUL bytes stays UTF-8
    nul.write_bytes(b"id,lon,lat,note\n1,116.5,39.79,a\x00b\n2,116.5,39.79,\x00\x00\n")
    assert locate_file(_model(), nul, tmp_path / "nul-out.csv").encoding == "utf-8"


def test_a_utf16_file_without_a_bom_gets_none_added(tmp_path):
    """``--encoding utf-16`` reads a file without a BOM little-endian, as Python does; the output adds no BOM."""
    src = tmp_path / "in.csv"
    src.write_bytes(_csv_text(HEADER, ROWS).encode("utf-16-le"))
    summary = locate_file(_model(), src, tmp_path / "out.csv", encoding="utf-16")
    assert summary.encoding == "utf-16" and summary.output_encoding == "utf-16-le"
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith('"编号"'.encode("utf-16-le")) or raw.startswith("编号".encode("utf-16-le"))
    assert [r[:5] for r in csv.reader(io.StringIO(raw.decode("utf-16-le"), newline=""))] == [HEADER, *ROWS]


def test_bom_codecs_can_be_given_and_read_back():
    """``utf-16-be-bom`` and its kin are codecs: a BOM written once, first; read with or without it."""
    assert codecs.lookup("UTF-16-BE-BOM").name == "utf-16-be-bom"
    for codec, bom in [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE)]:
        enc = codecs.getincrementalencoder(codec + "-bom")()
        raw = enc.encode("a,") + enc.encode("b\n")
        assert raw == bom + "a,b\n".encode(codec)
        assert raw.decode(codec + "-bom") == "a,b\n" == "a,b\n".encode(codec).decode(codec + "-bom")
        dec = codecs.getincrementaldecoder(codec + "-bom")()
        assert "".join(dec.decode(raw[i : i + 1]) for i in range(len(raw))) + dec.decode(b"", True) == "a,b\n"


def test_unknown_encoding_and_encoding_of_other_formats(tmp_path):
    src = _write(tmp_path / "in.csv", HEADER, ROWS, "utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--encoding", "nope")
    assert res.returncode == 2 and "unknown text encoding" in res.stderr and str(src) in res.stderr
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.parquet"), "--output-encoding", "gbk")
    assert res.returncode == 2 and "--output-encoding applies to CSV output only" in res.stderr


def test_map_points_reads_gbk(tmp_path):
    src = _write(tmp_path / "gbk.csv", HEADER, ROWS, "gbk")
    res = run_cli("map", "--points", str(src), "-o", str(tmp_path / "m.html"))
    assert res.returncode == 0, res.stderr
    assert f"{src} read as gb18030, detected" in res.stderr
    table = read_points(src)
    assert table.attrs["encoding"] == "gb18030"
    assert table["status"].tolist() == ["ok", "ok", "经度 not a number", "ok"]


# -- coordinate headers -------------------------------------------------------------------
@pytest.mark.parametrize(
    "lon, lat",
    [
        ("经度", "纬度"),
        ("经度(GCJ02)", "纬度(GCJ02)"),
        ("经度（GCJ-02）", "纬度（GCJ-02）"),
        ("东经", "北纬"),
        ("經度", "緯度"),  # (traditional characters: Taiwan, Hong Kong, Big5 files)
        ("東經", "北緯"),
        ("經度(GCJ02)", "緯度(GCJ02)"),
        ("lng", "lat"),
        ("LON", "LAT"),
        ("Longitude", "Latitude"),
        ("longitude [deg]", "latitude [deg]"),
        ("经度(°)", "纬度(°)"),
        ("lng_wgs84", "lat_wgs84"),
        ("GPS经度", "GPS纬度"),
        ("x", "y"),
        ("ｌｎｇ", "ｌａｔ"),
    ],
)
def test_usual_headers_are_detected(lon, lat):
    names = ["编号", lon, "名称", lat]
    assert detect_columns(names, None, None, "f.csv") == (lon, lat)


def test_header_key_and_ambiguity():
    assert header_key("经度（GCJ02）") == header_key("经度") == "经度"
    with pytest.raises(InputError, match=re.escape("several columns (lng, 经度)")):
        detect_columns(["lng", "经度", "lat"], None, None, "f.csv")
    with pytest.raises(InputError, match="no column looks like the lat column"):
        detect_columns(["经度", "高度"], None, None, "f.csv")


def test_a_header_naming_gcj02_is_noted_and_the_crs_left_alone(tmp_path, model):
    header = ["名称", "经度(GCJ02)", "纬度(GCJ02)"]
    rows = [["a", "116.45409", "39.74568"], ["b", "116.5", "39.79"]]
    src = _write(tmp_path / "gcj.csv", header, rows, "utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert len(doc["notes"]) == 1 and "--crs gcj02" in doc["notes"][0] and "read as WGS84" in doc["notes"][0]
    assert "note: " in res.stderr
    as_wgs = _read(tmp_path / "o.csv", "utf-8")
    lon, lat = np.array([116.45409, 116.5]), np.array([39.74568, 39.79])
    col = as_wgs[0].index("in_current")
    assert [r[col] == "true" for r in as_wgs[1:]] == covers(model, "current", lon, lat).tolist()  # WGS84, unchanged
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "g.csv"), "--crs", "gcj02", "--json")
    assert "notes" not in json.loads(res.stdout)
    assert crs_hint("lng_bd09", "lat_bd09") == ("bd09", "BD-09") and crs_hint("经度", "纬度") is None


@pytest.mark.parametrize(
    ("lon", "lat", "hint"),
    [
        ("gcj_lng", "gcj_lat", ("gcj02", "GCJ-02")),
        ("lng_gcj", "lat_gcj", ("gcj02", "GCJ-02")),
        ("GCJ_02_LON", "GCJ_02_LAT", ("gcj02", "GCJ-02")),
        ("bd_lng", "bd_lat", ("bd09", "BD-09")),
        ("lng_bd_09", "lat_bd_09", ("bd09", "BD-09")),
        ("lon (bd09ll)", "lat (bd09ll)", ("bd09", "BD-09")),
        ("wgs_lng", "wgs_lat", None),
    ],
)
def test_short_crs_words_in_headers_are_detected_and_noted(tmp_path, model, lon, lat, hint):
    # 'gcj_lng' / 'bd_lat' (a CRS word without its digits, or with them after a separator) name the CRS as
    # '经度(GCJ02)' does: the columns were not found, and once named with --lon-col/--lat-col they were read as
    # WGS84 without the note that says which --crs to give: 500 m off near a zone's edge, and nothing said
    assert detect_columns(["id", lon, "name", lat], None, None, "f.csv") == (lon, lat)
    assert crs_hint(lon, lat) == hint
    src = _write(tmp_path / "in.csv", ["id", lon, lat], [["1", "116.45409", "39.74568"]], "utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--json")
    assert res.returncode == 0, res.stderr
    notes = json.loads(res.stdout).get("notes", [])
    if hint is None:
        assert notes == []
    else:
        assert notes == [
            f"the columns {lon!r} and {lat!r} name {hint[1]}, but no --crs was given, so they were read as WGS84 "
            f"(EPSG:4326); if they hold {hint[1]} coordinates, run again with --crs {hint[0]}"
        ]
    assert header_key("abdomen") == "abdomen" and header_key("bdl") == "bdl"  # only whole words


@pytest.mark.parametrize(
    ("header", "crs", "named", "given"),
    [
        (["lng_bd09", "lat_bd09"], "gcj02", "BD-09", "gcj02"),
        (["经度(GCJ02)", "纬度(GCJ02)"], "bd09", "GCJ-02", "bd09"),
        (["gcj_lng", "gcj_lat"], "EPSG:4326", "GCJ-02", "EPSG:4326"),
    ],
)
def test_a_crs_given_against_the_one_the_columns_name_is_noted(tmp_path, header, crs, named, given):
    # GCJ-02 and BD-09 are hundreds of metres apart in Beijing: a --crs that is not the one the column names say
    # was taken silently (a note came only without --crs); it still wins, with a note
    src = _write(tmp_path / "in.csv", ["id", *header], [["1", "116.45409", "39.74568"]], "utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--crs", crs, "--json")
    assert res.returncode == 0, res.stderr
    hint = {"BD-09": "bd09", "GCJ-02": "gcj02"}[named]
    assert json.loads(res.stdout)["notes"] == [
        f"the columns {header[0]!r} and {header[1]!r} name {named}, but --crs {given} was given, so they were read "
        f"in {given}; if they hold {named} coordinates, run again with --crs {hint}"
    ]
    zh = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--crs", crs, "--lang", "zh")
    assert (
        f"注意：列 {header[0]!r} 和 {header[1]!r} 的名字表明是 {named} 坐标，但给出的是 --crs {given}，因此按 {given} "
        f"读取；如果它们是 {named} 坐标，请改用 --crs {hint} 重新运行"
    ) in zh.stderr
    same = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--crs", hint, "--json")
    assert "notes" not in json.loads(same.stdout)


def test_invisible_characters_in_headers_do_not_hide_the_columns(tmp_path, model):
    # a header copied from a web page or a PDF may carry zero-width spaces, joiners or a stray BOM: the column
    # 'Longitude\u200b' looked like 'Longitude' in the error that listed it, and could not be found
    lon, lat = "Longitude\u200b", "\u2060Latitude\ufeff"
    assert detect_columns(["id", lon, lat], None, None, "f.csv") == (lon, lat)
    assert header_key("经\u200d度") == "经度"
    src = _write(tmp_path / "in.csv", ["id", lon, lat], [["1", "116.5", "39.79"]], "utf-8")
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    rows = _read(dst, "utf-8")
    assert rows[0][:3] == ["id", lon, lat] and rows[1][rows[0].index("in_current")] == "true"  # the names as written


def test_a_shift_jis_file_gb18030_cannot_read_is_told_to_name_shift_jis(tmp_path):
    """Half-width katakana (one byte each, A1-DF) make a Shift-JIS text that GB18030, reading them in pairs, fails
    on: the refusal's example is the encoding the text reads in, not Big5 (which does not read it)."""
    text = "id,名前,lon,lat\n1,ｶﾀｶﾅﾃｽﾄﾃﾞｽﾖﾛｼｸｵﾈｶﾞｲｼﾏｽｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉ,116.5,39.79\n"
    src = tmp_path / "sjis.csv"
    src.write_bytes(text.encode("shift_jis"))
    with pytest.raises(InputError, match=r"neither UTF-8 nor GB18030/GBK text; .*\(e\.g\. encoding='shift_jis'\)"):
        read_points(src)
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert res.returncode == 2 and "(e.g. --encoding shift_jis)" in res.stderr
    with pytest.raises(UnicodeDecodeError):
        text.encode("shift_jis").decode("big5")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--encoding", "shift_jis")
    assert res.returncode == 0, res.stderr

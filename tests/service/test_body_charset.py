"""A body declared in a charset other than UTF-8 (``Content-Type: application/json; charset=gbk``).

The service reads JSON as UTF-8. A GBK text's bytes may be UTF-8 of other characters: ``瞻`` in GBK (d5 b0) is
``հ`` in UTF-8, and a feature's id was given back so changed, status ok. Such a body holding bytes beyond ASCII is
now a 415 naming the charset (US-ASCII too: bytes beyond ASCII are in no charset it says); one of ASCII alone reads
the same in either and is answered, as is any body declared in UTF-8 or declaring no charset. A body declared in
UTF-16 or UTF-32 is read in that charset (it was read by its bytes, as UTF-8 when they were not UTF-16), and one
whose bytes are not JSON text in it is a 415 naming the charset and the byte where they go wrong.
"""

from __future__ import annotations

import codecs
import json

import httpx
import pytest

FC = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "瞻", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}],
}
TRACK = {"trajectories": [{"id": "瞻", "fixes": [[116.44, 39.79, "2024-07-01 08:00"]]}]}


@pytest.mark.parametrize("charset", ["gbk", "GB2312", "gb18030", "iso-8859-1", '"big5"', "x-unknown"])
@pytest.mark.parametrize(("path", "doc"), [("/v1/locate", FC), ("/v1/events", TRACK)])
def test_a_body_in_another_charset_with_bytes_beyond_ascii_is_415(
    hc: httpx.Client, path: str, doc: dict, charset: str
) -> None:
    text = json.dumps(doc, ensure_ascii=False).replace("瞻", "瞻é")  # (é: ISO-8859-1 has no 瞻)
    codec = charset.strip('"') if charset != "x-unknown" else "gbk"
    body = text.encode(codec, errors="replace")
    assert not body.isascii()
    r = hc.post(path, content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 415, r.text
    assert r.json()["detail"].startswith(f"the body is declared charset={charset.strip(chr(34))} (Content-Type)")


def test_the_id_is_no_longer_given_back_as_another_character(hc: httpx.Client) -> None:
    body = json.dumps(FC, ensure_ascii=False).encode("gbk")
    assert body.decode("utf-8")  # (the GBK bytes are UTF-8 too: of 'հ')
    r = hc.post("/v1/locate", content=body, headers={"content-type": "application/json; charset=GBK"})
    assert r.status_code == 415
    assert "հ" not in r.text


@pytest.mark.parametrize("charset", ["us-ascii", "ASCII", "ansi_x3.4-1968"])
@pytest.mark.parametrize(("path", "doc"), [("/v1/locate", FC), ("/v1/events", TRACK)])
def test_a_body_declared_ascii_with_other_bytes_is_415(hc: httpx.Client, path: str, doc: dict, charset: str) -> None:
    """Its bytes beyond ASCII are in no charset it says (here GBK, which reads as UTF-8 of other characters): not
    read as UTF-8, giving the id back as 'հ', status ok."""
    body = json.dumps(doc, ensure_ascii=False).encode("gbk")
    r = hc.post(path, content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 415, r.text
    assert r.json()["detail"].startswith(f"the body is declared charset={charset} (Content-Type)")
    assert "հ" not in r.text
    ascii_only = json.dumps(doc).encode("ascii")  # (瞻 as \u77bb: ASCII alone, read)
    assert hc.post(
        path, content=ascii_only, headers={"content-type": f"application/json; charset={charset}"}
    ).is_success


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [
        ("application/json; charset=utf-8", "utf-8"),
        ("application/json; charset=UTF8", "utf-8"),
        ('application/json;charset="utf-8"', "utf-8"),
        ("application/json; charset=utf-16", "utf-16"),
        ("application/json", "utf-8"),
        ("text/plain", "utf-8"),
        (None, "utf-8"),
    ],
)
def test_a_body_in_utf_is_read(hc: httpx.Client, content_type: str | None, encoding: str) -> None:
    body = json.dumps(FC, ensure_ascii=False).encode(encoding)
    headers = {} if content_type is None else {"content-type": content_type}
    r = hc.post("/v1/locate", content=body, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["id"] == "瞻"


@pytest.mark.parametrize("charset", ["gbk", "iso-8859-1", "windows-1252"])
def test_a_body_of_ascii_alone_reads_the_same_in_any_charset(hc: httpx.Client, charset: str) -> None:
    body = json.dumps(FC).encode("ascii")  # ("\\u77bb": the id written as an escape)
    r = hc.post("/v1/locate", content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["id"] == "瞻"


UNDECODABLE = (
    "the body is declared charset={charset} (Content-Type), but its bytes are not JSON text in that charset (from "
    "byte {position} on); send the JSON in the charset declared, or in UTF-8 (JSON's encoding) with charset=utf-8 "
    "or no charset"
)


@pytest.mark.parametrize(
    ("charset", "encoding", "position"),
    [
        ("utf-16", "utf-8", 0),  # (UTF-8 bytes: [[ read as UTF-16 is 孛, no beginning of JSON)
        ("UTF-16LE", "utf-8", 0),
        ("utf-16be", "utf-8", 0),
        ("utf-32", "utf-8", 0),  # (read as UTF-32: beyond U+10FFFF, no character)
        ("utf-32le", "utf-8", 0),
        ("utf_32_be", "utf-8", 0),
        ("utf-16be", "utf-16-le", 0),  # (the other byte order, without a BOM)
        ("utf-32le", "utf-16-le", 0),
    ],
)
@pytest.mark.parametrize(("path", "doc"), [("/v1/locate", FC), ("/v1/events", TRACK)])
def test_a_body_declared_utf16_or_utf32_that_is_not_is_415_naming_the_charset(
    hc: httpx.Client, path: str, doc: dict, charset: str, encoding: str, position: int
) -> None:
    """Its bytes were read as UTF-8 (json.loads tells the encoding by the bytes), whatever the charset said: a
    client whose label and bytes disagree is told so, as one declaring us-ascii over other bytes is."""
    body = json.dumps(doc, ensure_ascii=False).encode(encoding)
    r = hc.post(path, content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 415, r.text
    assert r.json()["detail"] == UNDECODABLE.format(charset=charset, position=position)
    undeclared = hc.post(path, content=body, headers={"content-type": "application/json"})
    assert undeclared.is_success if encoding == "utf-8" else undeclared.status_code == 422  # (JSON's UTF-8 only)


@pytest.mark.parametrize(
    ("body", "position"),
    [
        (json.dumps(FC, ensure_ascii=False).encode("utf-16-le") + b"[", 0),  # (an odd length: the last byte alone)
        ('[{"type": "Feature", "id": "\ud800"}]'.encode("utf-16-le", "surrogatepass"), 0),  # (a surrogate alone)
    ],
    ids=["odd length", "surrogate half"],
)
def test_bytes_utf16_cannot_decode_are_415_where_they_are(hc: httpx.Client, body: bytes, position: int) -> None:
    r = hc.post("/v1/locate", content=body, headers={"content-type": "application/json; charset=utf-16le"})
    assert r.status_code == 415, r.text
    at = len(body) - 1 if body.endswith(b"[") else body.index(b"\x00\xd8")
    assert r.json()["detail"] == UNDECODABLE.format(charset="utf-16le", position=at)


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("utf-16", "utf-16"),  # (its BOM says the byte order)
        ("utf-16", "utf-16-le"),  # (no BOM: the zero bytes of its first character say it)
        ("utf-16", "utf-16-be"),
        ("utf-16le", "utf-16-le"),
        ("UTF-16BE", "utf-16-be"),
        ("utf-16le", "utf-16"),  # (a BOM where a byte order is named: read as one, as blank bodies read it)
        ("utf-32", "utf-32"),
        ("utf-32", "utf-32-be"),
        ("utf-32le", "utf-32-le"),
        ('"utf-32be"', "utf-32-be"),
    ],
)
@pytest.mark.parametrize(("path", "doc"), [("/v1/locate", FC), ("/v1/events", TRACK)])
def test_a_body_in_the_utf16_or_utf32_it_declares_is_read(
    hc: httpx.Client, path: str, doc: dict, charset: str, encoding: str
) -> None:
    if encoding == "utf-16" and charset == "utf-16le":
        body = codecs.BOM_UTF16_LE + json.dumps(doc, ensure_ascii=False).encode("utf-16-le")
    else:
        body = (" \n" + json.dumps(doc, ensure_ascii=False)).encode(encoding)  # (JSON's whitespace before it too)
    r = hc.post(path, content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 200, r.text
    said = r.json()["results"][0]["id"] if path == "/v1/locate" else r.json()["summary"][0]["id"]
    assert said == "瞻"


UTF16_UNDECLARED = (
    "body is UTF-16 or UTF-32, not UTF-8 (byte {byte} at position {position}: a byte order mark or a zero byte, which "
    "no JSON text in UTF-8 has), and declares no such charset: send the JSON as UTF-8 (JSON's encoding), or declare "
    "its charset (Content-Type: application/json; charset=utf-16 or utf-32)"
)


@pytest.mark.parametrize(
    ("encoding", "byte", "position"),
    [
        ("utf-16", "0xff", 0),  # (its BOM: FF FE on this little-endian machine's Python, as written)
        ("utf-16-le", "0x00", 1),  # ({ then its zero byte)
        ("utf-16-be", "0x00", 0),
        ("utf-32-le", "0x00", 1),
        ("utf-32-be", "0x00", 0),
    ],
)
@pytest.mark.parametrize(
    "content_type",
    [None, "application/json", "application/json; charset=utf-8", 'application/json; charset="UTF8"', "text/plain"],
)
@pytest.mark.parametrize(("path", "doc"), [("/v1/locate", FC), ("/v1/events", TRACK)])
def test_utf16_or_utf32_bytes_declared_utf8_or_undeclared_are_422_naming_the_byte(
    hc: httpx.Client, path: str, doc: dict, content_type: str | None, encoding: str, byte: str, position: int
) -> None:
    """JSON without a charset, or declared UTF-8, is UTF-8 (RFC 8259 §8.1). json.loads read these bytes as the
    UTF-16 or UTF-32 it guessed from their zero bytes, and answered them (status 200, the id 瞻)."""
    body = json.dumps(doc, ensure_ascii=False).encode(encoding)
    if encoding == "utf-16":
        assert body.startswith(codecs.BOM_UTF16_LE)
    headers = {} if content_type is None else {"content-type": content_type}
    r = hc.post(path, content=body, headers=headers)
    assert r.status_code == 422, r.text
    assert r.json()["detail"] == UTF16_UNDECLARED.format(byte=byte, position=position)
    ascii_only = json.dumps(doc).encode(encoding)  # (瞻 as \u77bb: only ASCII characters, still UTF-16 bytes)
    assert hc.post(path, content=ascii_only, headers=headers).status_code == 422


@pytest.mark.parametrize("charset", ["gbk", "iso-8859-1", "us-ascii"])
def test_utf16_bytes_of_ascii_text_declared_in_another_charset_are_422(hc: httpx.Client, charset: str) -> None:
    """UTF-16 bytes of ASCII characters are ASCII bytes (and zero bytes): a charset of ASCII reads them the same,
    so they pass the refusal of other charsets, and json.loads read them as UTF-16."""
    body = json.dumps(FC).encode("utf-16-le")
    assert body.isascii()
    r = hc.post("/v1/locate", content=body, headers={"content-type": f"application/json; charset={charset}"})
    assert r.status_code == 422, r.text
    assert r.json()["detail"] == UTF16_UNDECLARED.format(byte="0x00", position=1)


@pytest.mark.parametrize("content_type", [None, "application/json; charset=utf-8"])
def test_a_utf8_byte_order_mark_is_skipped_declared_or_not(hc: httpx.Client, content_type: str | None) -> None:
    """RFC 8259 lets a reader skip it; the service did, with or without charset=utf-8, and still does."""
    headers = {} if content_type is None else {"content-type": content_type}
    body = codecs.BOM_UTF8 + json.dumps(FC, ensure_ascii=False).encode("utf-8")
    r = hc.post("/v1/locate", content=body, headers=headers)
    assert r.status_code == 200 and r.json()["results"][0]["id"] == "瞻", r.text


@pytest.mark.parametrize("content_type", [None, "application/json; charset=utf-8"])
def test_bytes_not_utf8_after_a_utf8_byte_order_mark_are_named_where_they_are_in_the_body(
    hc: httpx.Client, content_type: str | None
) -> None:
    """The position counts the BOM's three bytes (it was the position in the text after it)."""
    headers = {} if content_type is None else {"content-type": content_type}
    body = codecs.BOM_UTF8 + json.dumps(FC, ensure_ascii=False).replace("瞻", "亦庄").encode("gbk")  # (not UTF-8)
    at = body.index("亦".encode("gbk"))
    r = hc.post("/v1/locate", content=body, headers=headers)
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith(f"body is not UTF-8 text (byte 0x{body[at]:02x} at position {at})")


def test_a_zero_byte_in_a_utf8_body_is_named(hc: httpx.Client) -> None:
    """A zero byte is UTF-8, but no JSON text holds it (U+0000 is written \\u0000): it was 'not valid JSON'."""
    body = b"[[116.5, 39.79]]\x00"
    r = hc.post("/v1/locate", content=body)
    assert r.status_code == 422, r.text
    assert r.json()["detail"] == UTF16_UNDECLARED.format(byte="0x00", position=len(body) - 1)

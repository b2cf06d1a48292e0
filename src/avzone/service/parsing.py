"""Request parsing: CRS names, point bodies, validation messages.

Every refusal's detail is a :class:`~avzone.i18n.Message` (the English text,
carrying its catalogue key), written in the language the client asked for
when the answer is sent (:mod:`avzone.service.language`), so that a refusal
remembered (a bad ``crs``) serves every language.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import secrets
from collections.abc import Sequence
from itertools import chain
from typing import Annotated, Any

import numpy as np
import pyproj
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException

from avzone import i18n
from avzone.crs import (
    ALIAS_NAMES,
    BD09MC_NAMES,
    crs_code_text,
    crs_name_key,
    geojson_declared_crs,
    normalize_crs,
    shifted_alias_of_text,
)
from avzone.dataset import MAX_INT_DIGITS
from avzone.errors import CRSError
from avzone.i18n import QUOTE_CHARS, Joined, Message, Quoted, json_error
from avzone.points import (
    BARE_GEOJSON,
    geojson_points,
    geojson_seq,
    number_text,
    number_why,
    reads_as_zero,
)
from avzone.service.common import JSON_TYPE, MAX_CRS_CHARS, header_parameter

#: avzone's names (crs_name_key: case, spaces, "-", "_" and "/" ignored; Chinese ones too), and Baidu's BD-09
#: Mercator ones, which normalize_crs refuses by name.
_ALIASES = ALIAS_NAMES | BD09MC_NAMES


def _coordinate_text(value: Any) -> Any:
    """A query parameter's coordinate text as the number :func:`avzone.points.number_text` reads (the rule of JSON
    bodies and CSV cells: ``１１６.５`` is 116.5, ``1_16.5`` no number), refused as pydantic refuses a number.

    A number that is not finite (``nan``, ``inf``, or beyond the largest double, ``1e400``) is refused naming the
    parameter and the text given (the refusal of the position it would make spoke of ``(inf, 39.9)``, a value
    not sent); in a POST body such a coordinate is its point's status, as any bad position there is.
    """
    if not isinstance(value, str):
        return value
    number = number_text(value)
    if number is None:
        raise PydanticCustomError("float_parsing", "Input should be a valid number, unable to parse string as a number")
    if not math.isfinite(number):
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    return number


#: A coordinate query parameter: a number, its text read as a JSON body's or a CSV file's is.
Coordinate = Annotated[float, BeforeValidator(_coordinate_text)]


def _option_text(value: Any) -> Any:
    """An option's number (``max_gap_s``, ``tolerance_m``) as the command line reads ``--max-gap-s``: Python's
    ``float`` of the text, so full-width and other Unicode decimal digits too (``１２０``, as a Chinese input method
    types them, was "must be a positive number, got '１２０'"). ASCII text, and text that is no finite number, is
    left to pydantic, which reads it as before (its refusals naming the text sent: ``1e400``, not ``inf``).

    A number written with Python's digit grouping (``1_0``, which ``float`` and pydantic read as 10) is refused
    (:func:`_refuse_digit_group`), as ``--max-gap-s 1_0`` is: no user of a shell or an HTTP API means it so."""
    if not isinstance(value, str):
        return value
    _refuse_digit_group(value)
    if value.isascii():
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    return number if math.isfinite(number) else value


def _refuse_digit_group(text: str) -> None:
    """Refuse ``text`` when it is a number only by Python's digit grouping (``1_0``, ``1_000.5``, ``1e1_0``): a
    pydantic error ``digit_group`` whose ``plain`` is the text without ``_`` (what to write if that was meant)."""
    if "_" not in text:
        return
    try:
        float(text)
    except ValueError:
        return  # (no number even so: refused as any other text that is none)
    plain = text.strip().replace("_", "")
    raise PydanticCustomError(
        "digit_group", "Input should be a number without '_' between its digits, such as {plain}", {"plain": plain}
    )


#: Reads a number option of a query as the command line reads the option's (after the option's ``Query``, whose
#: bounds then stay in the OpenAPI document as minimum and maximum).
OPTION_NUMBER = BeforeValidator(_option_text)


def _gap_text(value: Any) -> Any:
    """A gap limit's number (``max_gap_s``, ``max_gap_m``) as :func:`_option_text` reads it, but text below the
    smallest double (``1e-400``), which would read as 0, no limit, refused as ``avzone events --max-gap-s``
    refuses it."""
    if isinstance(value, str):
        _refuse_digit_group(value)  # (1_0e-400 reads as 0 too: its grouping is what is wrong)
    if isinstance(value, str) and reads_as_zero(value):
        raise PydanticCustomError("gap_underflow", "Input should be a positive number, not one that reads as 0")
    return _option_text(value)


#: Reads a gap limit of a query as the command line reads ``--max-gap-s`` (:func:`_gap_text`).
GAP_NUMBER = BeforeValidator(_gap_text)


def _unprocessable(detail: str) -> HTTPException:
    """A 422 with ``detail``: a :class:`Message` (written in the answer's language) or English text."""
    return HTTPException(status_code=422, detail=detail)


def _error_detail(exc: BaseException) -> str:
    """An avzone error as an answer's detail: its :class:`Message` when it has one, else its English text.

    Written in the answer's language it is :func:`avzone.i18n.error_text` of the error.
    """
    message = exc.args[0] if len(exc.args) == 1 else None
    return message if isinstance(message, Message) else str(exc)


class _CRSCache:
    """Resolve the ``crs`` parameter, accepting names only (no WKT or PROJ strings).

    PROJ strings can name files (``+init=``, ``+nadgrids=``), so the service
    takes only authority codes known to PROJ's database, bare EPSG numbers
    and the GCJ-02 / BD-09 / GCJ-02 Web Mercator names.
    """

    def __init__(self) -> None:
        self._authorities = {a.upper() for a in pyproj.database.get_authorities()}
        self._cache: dict[str, Any] = {}

    def __call__(self, text: str, name: str = "crs") -> Any:
        """The CRS ``text`` names, or a 422 naming where it came from: ``name`` (the ``crs`` parameter, or
        ``body.crs``: a FeatureCollection's member)."""
        hit = self._cache.get(text)
        if hit is not None:
            if isinstance(hit, HTTPException):  # a refusal, remembered like an answer
                raise _unprocessable(_named(hit.detail, name))
            return hit
        try:
            crs = self._resolve(text)
        except HTTPException as exc:
            if len(self._cache) < 1024:
                self._cache[text] = exc
            raise _unprocessable(_named(exc.detail, name)) from None
        if len(self._cache) < 1024:
            self._cache[text] = crs
        return crs

    def _resolve(self, text: str) -> Any:
        name = text.strip()
        if len(name) > MAX_CRS_CHARS:
            raise _unprocessable(Message("http_crs_too_long", name="crs", limit=MAX_CRS_CHARS))
        key = crs_name_key(name)
        # an authority code as normalize_crs reads it (EPSG: 32650, a bare number, an OGC URN or URL, or a
        # datum's name: WGS 84, CGCS 2000); a file (.prj, .wkt) is never read here
        code = crs_code_text(name)
        allowed = key in _ALIASES or (code is not None and code.partition(":")[0] in self._authorities)
        if not allowed:
            if _FILE_NAME.search(name):  # (as the command line takes a .prj or .wkt file: never read here)
                raise _unprocessable(Message("http_crs_file", name="crs", crs=text))
            raise _unprocessable(Message("http_crs_unknown", name="crs", crs=text))
        try:
            return normalize_crs(code if code is not None else name)
        except CRSError as exc:
            detail = _error_detail(exc)
            said = detail.key if isinstance(detail, Message) else detail  # (a key, or the English text)
            if said == "err_unknown_crs" or said.startswith("unknown coordinate reference system"):
                raise _unprocessable(Message("http_crs_unknown", name="crs", crs=text)) from None
            # known, but not usable here (geocentric, vertical, no transformation to WGS84 over Beijing...)
            raise _unprocessable(Message("http_named", name="crs", error=exc)) from None


#: A CRS given as a file (``zone50.prj``, ``/data/crs.wkt``), as the command line and the library take it.
_FILE_NAME = re.compile(r"\.(prj|wkt|json|txt)$|^[~.]?/|^[A-Za-z]:\\", re.IGNORECASE)


def _named(detail: str, name: str) -> str:
    """A refusal of the ``crs`` parameter (:class:`_CRSCache`) as the refusal of ``name``."""
    if isinstance(detail, Message) and detail.fields.get("name") == "crs":
        return Message(detail.key, **{**detail.fields, "name": name})
    return detail


def declared_crs_name(doc: Any) -> str | None:
    """The CRS a POSTed FeatureCollection's old ``crs`` member names, as the ``crs`` parameter takes it, or None.

    An OGC URN or URL becomes its authority code (``EPSG:3857``, ``OGC:CRS84``: :func:`avzone.crs.crs_code_text`),
    the GCJ-02 / BD-09 WKT of an ``avzone export --crs gcj02`` / ``bd09``
    file ``gcj02`` / ``bd09`` (no other WKT is taken);
    a member that names no CRS is a 422 saying to give ``crs=``.
    """
    if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection"):
        return None
    try:
        name = geojson_declared_crs(doc)
    except CRSError as exc:
        said = _error_detail(exc)
        if isinstance(said, Message) and said.key == "err_geojson_crs_member":  # (1e400 in it: not as Infinity)
            said = Message(said.key, **{**said.fields, "member": json_excerpt(doc["crs"])[:200]})
        raise _unprocessable(Message("http_named", name="body.crs", error=said)) from None
    if name is None:
        return None
    _refuse_lone_surrogate("body.crs", name)
    return crs_code_text(name) or shifted_alias_of_text(name) or name


def refuse_content_encoding(headers: Any) -> None:
    """A 415 for a body sent with a ``Content-Encoding`` (gzip, deflate, br...): the service reads the JSON as it is.

    Without it a gzipped body was "not valid JSON: 'utf-8' codec can't decode byte 0x8b", as if the JSON were wrong.
    """
    coding = str(headers.get("content-encoding", "")).strip()
    if coding and coding.lower() != "identity":
        raise HTTPException(status_code=415, detail=Message("http_content_encoding", encoding=coding))


#: The charsets a body beyond ASCII may be declared in (Content-Type), as :func:`codecs.lookup` names them: UTF-8
#: (JSON's encoding), and UTF-16 and UTF-32, read in the charset declared (:func:`decoded_body`). Not ASCII: a body
#: so declared that holds other bytes is in some other charset, its client's code page (GBK...), unknown.
_READ_CHARSETS = frozenset(
    {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
)


def declared_charset(headers: Any) -> str | None:
    """The ``charset`` parameter of a request's ``Content-Type`` as written (quotes taken off), or None.

    A parameter not written as RFC 9110 writes one (``charset = utf-16``: whitespace around its ``=``) is skipped,
    as a malformed q-value of ``Accept-Language`` is (one rule: :func:`~avzone.service.common.header_parameter`):
    the body is then read as if it declared no charset, as UTF-8, when that reads it as the charset it names
    would; else it is refused saying so (:func:`malformed_charset`, :func:`refuse_other_charset`).

    >>> declared_charset({"content-type": 'application/json; charset="UTF-16"'})
    'UTF-16'
    >>> declared_charset({"content-type": "application/json; charset = utf-16"}) is None
    True
    """
    for param in str(headers.get("content-type", "")).split(";")[1:]:
        name, value = header_parameter(param)
        if name == "charset" and value is not None:
            return value.strip('"').strip()
    return None


def malformed_charset(headers: Any) -> tuple[str, str] | None:
    """A ``charset`` parameter of a request's ``Content-Type`` that :func:`declared_charset` skips as malformed
    (whitespace around its ``=``): the parameter as written, and the charset it names read leniently (quotes taken
    off); None when there is none.

    >>> malformed_charset({"content-type": "application/json; charset = gbk"})
    ('charset = gbk', 'gbk')
    >>> malformed_charset({"content-type": 'application/json;charset= "GBK"'})
    ('charset= "GBK"', 'GBK')
    >>> malformed_charset({"content-type": "application/json; charset=gbk"}), malformed_charset({})
    (None, None)
    """
    for param in str(headers.get("content-type", "")).split(";")[1:]:
        name, value = header_parameter(param)
        _, equals, named = param.partition("=")
        if name == "charset" and value is None and equals:
            return param.strip(" \t"), named.strip(" \t").strip('"').strip()
    return None


def _read_alike(raw: bytes, charset: str) -> bool:
    """Whether ``raw`` read as UTF-8 is read as the charset ``charset`` would read it, as far as JSON goes: the
    charset is UTF-8, or the body is ASCII text, which every charset reads alike but UTF-16 and UTF-32, whose JSON
    text holds zero bytes (an unknown charset taken to read ASCII alike, as :func:`refuse_other_charset` takes it)."""
    if raw.isascii() and b"\x00" not in raw:
        return True
    try:
        return codecs.lookup(charset).name in ("utf-8", "utf-8-sig")  # (a UTF-8 BOM read as JSON's UTF-8 reads it)
    except LookupError:
        return False


#: The media types a body is read as JSON under besides JSON's own (``application/json``, and every type of JSON's
#: structured syntax suffix, ``+json``, RFC 6839: ``application/geo+json``): the one RFC 9110 §8.3 lets a recipient
#: take a body of no declared type for (``application/octet-stream``), and the ones HTTP clients label a body with
#: when their caller gave no type: ``curl -d`` (the README's example), ``wget --post-data``, axios and HTML forms
#: send ``application/x-www-form-urlencoded``; ``fetch``, ``XMLHttpRequest`` and .NET's ``StringContent`` send a
#: string as ``text/plain``. Refusing them would refuse the JSON such clients send, which was always answered; a
#: body they carry that is no JSON (a form's ``key=value``) is refused as any other (422: not valid JSON).
READ_AS_JSON = frozenset({"application/octet-stream", "application/x-www-form-urlencoded", "text/plain"})

#: A media type's ``type "/" subtype`` (RFC 9110 §8.3.1: two tokens), lower-cased.
_MEDIA_TYPE = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+")


def refuse_other_media_type(headers: Any) -> None:
    """A 415 for a body declared of a type that is not JSON (``Content-Type: text/csv``, ``application/xml``,
    ``multipart/form-data`` as ``curl -F`` sends a file): the service reads JSON only, and such a body was read as
    JSON whatever it said it was, refused as "not valid JSON" for its first character (or answered, when it was
    JSON text after all). The message names the type received and ``application/json``.

    Taken as JSON: no ``Content-Type`` (or an empty one), ``application/json`` and every ``+json`` type (with a
    charset or not: :func:`decoded_body` reads it), and :data:`READ_AS_JSON`; the type's name in any case (RFC 9110:
    case-insensitive). A value that is no media type (``json``, ``application/json charset=utf-8``) is refused
    alike, and so are two different ``Content-Type`` fields (which one says the body's type?). A malformed
    parameter after a JSON type is skipped (:func:`declared_charset`), the type taken.
    """
    values = list(dict.fromkeys(v.strip(" \t") for v in headers.getlist("content-type")))
    field = ", ".join(v for v in values if v)
    if not field:
        return
    written = field.split(";", 1)[0].strip(" \t")
    kind = written.lower()
    if _MEDIA_TYPE.fullmatch(kind) and (kind == JSON_TYPE or kind.endswith("+json") or kind in READ_AS_JSON):
        return
    raise HTTPException(status_code=415, detail=Message("http_content_type", type=Quoted.of(written or field)))


def refuse_other_charset(headers: Any, raw: bytes) -> None:
    """A 415 for a body declared in a charset other than UTF-8 (``application/json; charset=gbk``) that holds
    bytes beyond ASCII: the service reads JSON as UTF-8, and the bytes of a GBK text may be UTF-8 too, of other
    characters (``瞻`` in GBK is ``հ`` in UTF-8: an id given back changed). So is a body declared ASCII
    (``charset=us-ascii``) that holds other bytes: they are not ASCII, and in no charset it says. A body of ASCII
    alone reads the same in any (as an ISO-8859-1 declared by a client's default); a body without a charset is read
    as UTF-8.

    A charset parameter written with whitespace around its ``=`` (``charset = gbk``) declares no charset
    (:func:`declared_charset`): the body is read as UTF-8 when that reads it as the charset named would (it names
    UTF-8, or the body is ASCII text with no zero byte); else, bytes beyond ASCII or UTF-16 / UTF-32 text, it is a
    415 naming the parameter as written and as RFC 9110 writes it, not the "not UTF-8" (or "UTF-16 declaring no
    such charset") 422 of a body that declares nothing, nor read as UTF-8 into other characters.
    """
    charset = declared_charset(headers)
    if charset is None:
        found = malformed_charset(headers)
        if found is not None and not _read_alike(raw, found[1]):
            written, named = found
            right = Quoted.of(f"charset={named}")
            detail = Message(
                "http_charset_malformed", written=Quoted.of(written), charset=Quoted.of(named), right=right
            )
            raise HTTPException(status_code=415, detail=detail)
        return
    if raw.isascii():
        return
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        name = charset
    if name not in _READ_CHARSETS:
        raise HTTPException(status_code=415, detail=Message("http_charset", charset=charset))


#: The code unit of each charset of :data:`_READ_CHARSETS` that ASCII text is not (bytes), and the byte order marks
#: of the ones whose byte order a BOM says (else :func:`_byte_order` tells it).
_UNIT_BYTES = {"utf-16": 2, "utf-16-le": 2, "utf-16-be": 2, "utf-32": 4, "utf-32-le": 4, "utf-32-be": 4}
_BOMS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}


def decoded_body(headers: Any, raw: bytes) -> bytes:
    """A request body as the service reads it: refused as :func:`refuse_other_charset` says, and a body declared
    UTF-16 or UTF-32 (``charset=utf-16``, ``utf-16le``, ``utf-32be``...) read in that charset, as UTF-8.

    A body so declared whose bytes are not JSON text in that charset is a 415 naming the charset and the byte
    where it goes wrong: bytes that charset cannot decode (an odd length of UTF-16, a surrogate half alone), or
    text that cannot begin JSON (JSON begins with an ASCII character, whose code unit has zero bytes: UTF-8 or
    ASCII bytes read as UTF-16 begin with ``孛`` for ``[[``). They were read as UTF-8 by their bytes, whatever the
    charset said. ``utf-16`` and ``utf-32`` (no byte order named) are read in the order of the body's byte order
    mark, else of the zero bytes of its first character, else big-endian (RFC 2781). Any other body is JSON's
    UTF-8: one in UTF-16 or UTF-32 bytes is a 422 (:func:`refuse_undeclared_utf16`).
    """
    refuse_other_charset(headers, raw)
    charset = declared_charset(headers)
    try:
        name = codecs.lookup(charset).name if charset is not None else None
    except LookupError:
        name = None
    unit = _UNIT_BYTES.get(name or "")
    if name is None or unit is None:
        refuse_undeclared_utf16(raw)
        return raw
    codec = _byte_order(name, raw)
    try:
        text, bad = raw.decode(codec), None
    except UnicodeDecodeError as exc:  # (the text before it, for a beginning that is no JSON, said first)
        text, bad = raw[: exc.start].decode(codec), exc.start
    first = len(text) - len(text.lstrip("\ufeff \t\r\n"))  # (a BOM and JSON's whitespace: one unit each)
    if first < len(text) and not text[first].isascii():
        bad = first * unit
    if bad is not None:
        raise HTTPException(415, Message("http_charset_undecodable", charset=charset, position=bad))
    return text.encode("utf-8")  # (the decoder refused surrogate halves alone: every character is UTF-8)


def refuse_undeclared_utf16(raw: bytes) -> None:
    """A 422 for a body not declared UTF-16 or UTF-32 (declared UTF-8, or no charset: JSON's encoding, RFC 8259
    §8.1) whose bytes are UTF-16 or UTF-32: it begins with their byte order mark, or holds a zero byte (which no
    JSON text in UTF-8 has: JSON writes U+0000 as ``\\u0000``). :func:`json.loads` read such bytes as the
    encoding it guessed from them, whatever the label said; the message names the byte and its position. So is
    such a body that holds no JSON besides (a UTF-16 or UTF-32 byte order mark alone, as an editor saves an empty
    file in UTF-16): it is not empty, and not UTF-8; a UTF-8 byte order mark alone is an empty document
    (:func:`blank_body`).
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        at = 0
    else:
        at = raw.find(b"\x00")
        if at < 0:
            return
    raise _unprocessable(Message("http_body_utf16", byte=f"0x{raw[at]:02x}", position=at))


def _byte_order(name: str, raw: bytes) -> str:
    """The codec of a body declared ``name`` (utf-16, utf-32 or one in a byte order): its BOM's byte order, else
    the one :func:`json.detect_encoding` tells by the zero bytes of its first character, else big-endian."""
    if name not in _BOMS:
        return name
    for bom, codec in _BOMS[name]:
        if raw.startswith(bom):
            return codec
    told = json.detect_encoding(raw)
    return told if told.startswith(name + "-") else name + "-be"


def blank_body(raw: bytes) -> bool:
    """Whether a body as the service reads it (UTF-8: :func:`decoded_body`) holds no JSON text: nothing, JSON
    whitespace (space, tab, CR, LF: not a form feed), or a UTF-8 byte order mark alone or before such whitespace
    (as an editor saves an empty file), which :func:`load_json` would call "not valid JSON". The bytes of a
    UTF-16 or UTF-32 byte order mark are no UTF-8 (:func:`refuse_undeclared_utf16` refuses them first; declared
    so, the body comes here decoded).

    >>> [blank_body(b) for b in (b"", b" \\r\\n\\t", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \\n")]
    [True, True, True, True]
    >>> [blank_body(b) for b in (b"\\x0c", codecs.BOM_UTF16_LE, codecs.BOM_UTF8 * 2, b"[]")]
    [False, False, False, False]
    """
    return not raw.removeprefix(codecs.BOM_UTF8).strip(b" \t\r\n")


def load_json(raw: bytes) -> Any:
    """The JSON document of a request body, or a 422: not UTF-8 (where, and what to do), or not JSON (why).

    The body is read as UTF-8 (a UTF-8 byte order mark before it skipped, as it was), whatever its bytes: a body
    declared UTF-16 or UTF-32 comes here as UTF-8 (:func:`decoded_body`), and no other encoding is guessed at
    (:func:`json.loads` of bytes read UTF-16 and UTF-32 by their zero bytes, and bytes in GBK or another code page
    are not UTF-8). A key given twice in one object is a 422 naming it: JSON readers keep
    one of the two, so ``{"features": [...], "features": []}`` would be answered as if the first were not sent.
    """
    try:
        doc = _loads(raw)
    except _KeyTwice as twice:
        key, first, last = twice.args
        raise _unprocessable(Message("http_body_key_twice", key=key, first=_short(first), last=_short(last))) from None
    except UnicodeDecodeError as exc:  # (its place in the body: a UTF-8 BOM before it counted too)
        at = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        byte = f"0x{raw[at]:02x}" if at < len(raw) else "?"
        raise _unprocessable(Message("http_not_utf8", byte=byte, position=at)) from None
    except RecursionError:  # (valid JSON, but deeper than Python's reader goes: its words were English only)
        raise _unprocessable(Message("http_body_too_deep")) from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError) and geojson_seq(exc):  # one Feature a line, as a file job says it
            raise _unprocessable(Message("http_geojsonseq", line=exc.lineno)) from None
        raise _unprocessable(Message("http_not_json", reason=json_error(exc))) from None
    return doc


def _refuse_lone_surrogate(where: str, text: str) -> None:
    """A 422 naming ``where`` when ``text`` holds half of a UTF-16 surrogate pair alone (``"\\ud800"``: no
    character). Such a text cannot be written as UTF-8: an answer giving it back (an id, a note naming a ``crs``
    member) failed. (A coordinate or a time so written is its point's status: it is never given back.)"""
    half = next((ch for ch in text if "\ud800" <= ch <= "\udfff"), None)
    if half is not None:
        raise _unprocessable(Message("http_lone_surrogate", where=where, text=_short(text), code=f"{ord(half):04x}"))


def _loads(raw: bytes) -> Any:
    """:func:`json.loads` of a body: no NaN nor Infinity, no key twice, and integers too long for Python as floats
    (:func:`_json_int`: read again so, only when there is one, as a callback per integer costs time)."""
    text = raw.decode("utf-8-sig")  # (UTF-8 only, its BOM skipped: json.loads of bytes guessed UTF-16 and UTF-32)
    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_unique_keys)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):  # (Python's own refusal: "Exceeds the limit (4300 digits)")
            raise
    return json.loads(text, parse_constant=_no_constants, parse_int=_json_int, object_pairs_hook=_unique_keys)


def _json_int(text: str) -> int | float:
    """A JSON integer: beyond :data:`avzone.dataset.MAX_INT_DIGITS` digits a float (inf), as the dataset's files
    read it. Python refuses to read an integer of more than 4,300 digits, and the refusal ("use
    sys.set_int_max_str_digits()") spoke to the server, in English: such a coordinate is ``lon not finite``, as
    one of 400 digits is."""
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


class _KeyTwice(ValueError):
    """A key given twice in one JSON object: ``(key, first value, last value)``."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (:class:`_KeyTwice`; ``json`` keeps the last silently)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise _KeyTwice(key, seen[key], value)
            seen[key] = value
    return obj


def _no_constants(token: str) -> float:
    raise ValueError(Message("json_constant", token=token))


def _parse_points(doc: Any) -> tuple[np.ndarray, np.ndarray, list[Any] | None, np.ndarray | None]:
    """``(x, y, feature ids or None, point codes or None)`` from a POST body.

    Raises a 422 naming the first item that is not a ``[lon, lat]`` pair (or
    not a GeoJSON Feature, or whose ``id`` is neither a string nor a finite
    number); a value that is null, not a number or out of
    range, and a feature without a Point geometry, are reported per point
    (:func:`avzone.points.from_columns` gives the status).
    """
    if isinstance(doc, list):
        n = len(doc)
        # fast path: every item a pair of plain numbers (type checks at C speed)
        if all(type(item) is list and len(item) == 2 for item in doc):
            kinds = set(map(type, chain.from_iterable(doc)))
            if kinds <= {float, int}:
                try:
                    xy = np.array(doc, dtype=float).reshape(n, 2)
                except OverflowError:  # an integer beyond float range: the loop below handles it
                    pass
                else:
                    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1]), None, None
        x = np.empty(n, dtype=object)
        y = np.empty(n, dtype=object)
        for i, item in enumerate(doc):
            if not (isinstance(item, list) and len(item) == 2):
                raise _unprocessable(Message("http_not_a_pair", i=i, got=_short(item)))
            x[i], y[i] = _scalar(item[0]), _scalar(item[1])
        return x, y, None, None
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise _unprocessable(Message("http_features_not_array"))
        ids: list[Any] = []
        for i, f in enumerate(feats):
            where = f"body.features[{i}]"
            if not (isinstance(f, dict) and f.get("type") == "Feature"):
                raise _unprocessable(Message("http_not_a_feature", where=where, got=_short(f)))
            fid = f.get("id")
            if fid is not None and not _plain_id(fid):  # (the answer could not give it back)
                raise _unprocessable(Message("http_trajectory_id", where=where, got=_short(fid)))
            if isinstance(fid, str):
                _refuse_lone_surrogate(f"{where}.id", fid)
            ids.append(fid)
        # (a file job's rule: a Point of one coordinate, or of text, says so in its status)
        x, y, codes = geojson_points([f.get("geometry") for f in feats], _scalar)
        return x, y, ids, codes
    if isinstance(doc, dict) and doc.get("type") in BARE_GEOJSON:  # (as a file job says it of a file)
        raise _unprocessable(Message("http_geojson_bare", kind=doc["type"], got=_short(doc)))
    raise _unprocessable(Message("http_not_points", got=_short(doc)))


def property_ids(doc: Any) -> list[Any] | None:
    """Each feature's ``properties.id`` of a FeatureCollection body (None for a feature without one), as the answer
    gives it back beside the feature's ``id`` member (``properties_id``), or None for a body of pairs.

    Any JSON value is given back as it is; one an answer cannot write (a number beyond the largest double, as
    ``1e400``; a lone UTF-16 surrogate) is a 422 naming ``body.features[i].properties.id``, as an ``id`` member is.
    """
    if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection"):
        return None
    out: list[Any] = []
    for i, f in enumerate(doc["features"]):
        props = f.get("properties")
        pid = props.get("id") if isinstance(props, dict) else None
        if pid is not None and not _plain_id(pid):
            try:
                json.dumps(pid, ensure_ascii=False, allow_nan=False).encode("utf-8")
            except (ValueError, UnicodeError):
                where = f"body.features[{i}].properties"
                if isinstance(pid, str):
                    _refuse_lone_surrogate(f"{where}.id", pid)
                raise _unprocessable(Message("http_property_id", where=where, got=_short(pid))) from None
        if isinstance(pid, str):
            _refuse_lone_surrogate(f"body.features[{i}].properties.id", pid)
        out.append(pid)
    return out


def _plain_id(v: Any) -> bool:
    """Whether ``v`` is an id an answer gives back as it is: a string or a finite number (GeoJSON's ids)."""
    return (
        isinstance(v, str)
        or (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and math.isfinite(v))
    )


def _scalar(v: Any) -> Any:
    """A JSON value as a coordinate cell: numbers and null as they are, anything else as its JSON text."""
    if v is None or isinstance(v, (int, float, str)):
        return v
    return json.dumps(v)


#: How a refusal's excerpt of the body writes a number beyond the largest double (``1e400``, which Python reads as
#: inf): not ``Infinity``, a token the body did not hold (and which JSON has not).
_BEYOND = {math.inf: ">1.8e308", -math.inf: "<-1.8e308"}


def _short(v: Any, limit: int = QUOTE_CHARS) -> str:
    """An excerpt of a body's value for a refusal: its JSON text, cut to ``limit`` characters (its length said in
    the answer's language: :class:`~avzone.i18n.Quoted`, as a query's values are quoted)."""
    text = repr(v) if isinstance(v, (bytes, bytearray)) else json_excerpt(v)
    if not text.isascii() and re.search("[\ud800-\udfff]", text):  # (a lone surrogate: as its escape)
        text = json_excerpt(v, ensure_ascii=True)
    return Quoted.text_of(text, limit)


def json_excerpt(v: Any, ensure_ascii: bool = False) -> str:
    """A body's value as JSON text for a message, a number beyond the largest double written as :data:`_BEYOND`
    says (NaN and Infinity are not JSON: never in a body, so an infinity is such a number)."""
    try:
        return json.dumps(v, ensure_ascii=ensure_ascii, allow_nan=False)
    except ValueError:
        return _beyond_text(v, ensure_ascii)


def _beyond_text(v: Any, ensure_ascii: bool) -> str:
    """The JSON text of ``v`` with each infinity written as :data:`_BEYOND` says (a string no text of the body
    holds marks it first)."""
    marks: dict[str, str] = {}
    token = secrets.token_hex(8)

    def marked(x: Any) -> Any:
        if isinstance(x, float) and x in _BEYOND:
            mark = f"\x00{token}{len(marks)}\x00"
            marks[json.dumps(mark)] = _BEYOND[x]
            return mark
        if isinstance(x, dict):
            return {k: marked(y) for k, y in x.items()}
        if isinstance(x, list):
            return [marked(y) for y in x]
        return x

    text = json.dumps(marked(v), ensure_ascii=ensure_ascii)
    for mark, said in marks.items():
        text = text.replace(mark, said)
    return text


_LABELS = {"query": "http_query_parameter", "path": "http_path_parameter", "header": "http_header_parameter"}


#: What pydantic calls a gap limit that is not a number or is below 0 (NaN too): the CLI's one wording for them.
_GAP_LIMIT_ERRORS = ("float_parsing", "float_type", "greater_than_equal")


#: A number whose exponent's ``+`` was sent unencoded (a URL's query reads ``+`` as a space): ``3.979e 1``.
_EXPONENT_PLUS_AS_SPACE = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)[eE]) (\d+)\s*$")


def _problem(err: dict[str, Any], lang: str) -> str:
    """What is wrong with one parameter, in ``lang`` (pydantic's own words, in English, for a kind not known here)."""
    kind = err.get("type", "")
    raw = err.get("input")
    value = Quoted.of(raw)  # (a value sent, quoted: a long one cut, its length said)
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return i18n.text("http_required", lang)
    if kind == "digit_group":  # (1_0, read as 10 by Python and pydantic: as --max-gap-s 1_0 says it)
        return i18n.text("err_arg_digit_group", lang, value=value, plain=Quoted.text_of(str(ctx.get("plain", ""))))
    if kind == "gap_underflow":
        return i18n.text("err_arg_gap_tiny", lang, value=value)  # (as avzone events --max-gap-s says it)
    exponent = _EXPONENT_PLUS_AS_SPACE.match(raw) if isinstance(raw, str) else None
    if kind in ("float_parsing", "float_type") and exponent is not None:
        # 3.979e+1 sent with its + unencoded: the query made it 3.979e 1 (max_gap_s=1e+3 too, said so first)
        written = f"{exponent.group(1)}%2B{exponent.group(2)}"
        return i18n.text("http_plus_in_number", lang, value=value, written=written)
    if tuple(err.get("loc", ()))[-1:] in (("max_gap_s",), ("max_gap_m",)) and kind in _GAP_LIMIT_ERRORS:
        return i18n.text("err_arg_gap_limit", lang, value=value)  # (as avzone events --max-gap-s says it)
    if kind in ("float_parsing", "float_type"):
        dash = number_why(raw) if isinstance(raw, str) else None
        if dash is not None:  # (an en dash for '-', a decimal comma, a hemisphere letter...: named, as the CLI does)
            return i18n.text("http_not_a_number_why", lang, value=value, why=dash)
        return i18n.text("http_not_a_number", lang, value=value)
    if kind in ("bool_parsing", "bool_type"):
        return i18n.text("http_not_a_bool", lang, value=value)
    if kind == "literal_error" and isinstance(ctx.get("expected"), str):
        choices = Joined(re.findall(r"'([^']*)'", ctx["expected"]), "comma")
        return i18n.text("http_not_one_of", lang, choices=choices, value=value)
    if kind in ("greater_than_equal", "greater_than") and str(raw).strip().lower() in ("nan", "+nan", "-nan"):
        return i18n.text("http_not_a_number", lang, value=value)  # (NaN is not below the bound: it is no number)
    if kind == "greater_than_equal" and "ge" in ctx:
        return i18n.text("http_greater_equal", lang, limit=_bound(ctx["ge"]))
    if kind == "less_than_equal" and "le" in ctx:
        return i18n.text("http_less_equal", lang, limit=_bound(ctx["le"]))
    if kind == "finite_number":
        return i18n.text("http_finite", lang, value=value)
    return str(err.get("msg", "is invalid"))


def _bound(value: Any) -> Any:
    """A parameter's bound as pydantic writes it (0, not 0.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _validation_detail(errors: list[dict[str, Any]], lang: str = "en") -> tuple[str, list[dict[str, Any]]]:
    """The ``detail`` and ``errors`` of a 422 for bad parameters, in ``lang`` (``loc`` and ``type`` as pydantic's)."""
    parts, issues = [], []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        where = loc[0] if loc else ""
        name = ".".join(loc[1:]) or where
        kind = err.get("type", "")
        msg = _problem(err, lang)
        label = i18n.text(_LABELS[where], lang, name=name) if where in _LABELS else name
        parts.append(i18n.text("http_parameter_problem", lang, label=label, problem=msg))
        issues.append({"loc": loc, "msg": msg, "type": kind})
    return i18n.text("http_problem_sep", lang).join(parts) or i18n.text("http_invalid_request", lang), issues


_TRAJECTORY_KEYS = ("id", "fixes")
#: The shape of a ``POST /v1/events`` body, as the refusals show it.
EVENTS_SHAPE = '{"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}]}'
_EVENTS_SHAPE_MANY = '{"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]}'


def _parse_trajectories(
    doc: Any, options: Sequence[str]
) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(ids, trajectory index, fix index, x, y, times)`` per fix from a ``POST /v1/events`` body.

    ``options``: the endpoint's query parameters, which the refusal of an unknown key names.

    The body is ``{"trajectories": [{"id": ..., "fixes": [[lon, lat, time], ...]}, ...]}``.
    A trajectory without ``id`` is numbered by its place (0, 1, ...); a
    null ``id`` is the library's missing id (each fix then gets the status
    ``missing vehicle id``). Raises a 422 naming the first trajectory or
    fix that is not of that shape, an unknown key (options are query
    parameters), an id that is neither a string nor a finite number, and a
    trajectory without ``id`` whose number is another trajectory's id (it
    would be merged with it) or that id's text (two vehicles written the
    same). Values that are null, not numbers or not times are
    reported per fix (a status), like the points of ``POST /v1/locate``: a
    time that is not a string (a number, true/false, an array) is handed to
    the library as it is, which reads no number as a time.
    """
    trajs = doc.get("trajectories") if isinstance(doc, dict) else None
    if not isinstance(trajs, list):
        raise _unprocessable(Message("http_events_shape", shape=_EVENTS_SHAPE_MANY, got=_short(doc)))
    for key in doc:
        if key != "trajectories":
            refusal = Message(
                "http_unknown_body_key",
                key=Quoted.of(key),
                shape='{"trajectories": [...]}',
                options=Joined(options, "comma"),
            )
            raise _unprocessable(refusal)
    given: dict[Any, int] = {}  # id -> the first trajectory that gives it
    numbered: list[int] = []  # the trajectories without an id (numbered by their place)
    ids: list[Any] = []
    ti: list[int] = []
    fi: list[int] = []
    xs: list[Any] = []
    ys: list[Any] = []
    ts: list[Any] = []
    for i, traj in enumerate(trajs):
        where = f"body.trajectories[{i}]"
        if not isinstance(traj, dict) or not isinstance(traj.get("fixes"), list):
            raise _unprocessable(Message("http_trajectory_shape", where=where, got=_short(traj)))
        for key in traj:
            if key not in _TRAJECTORY_KEYS:
                raise _unprocessable(Message("http_trajectory_key", where=where, key=Quoted.of(key)))
        if "id" in traj:
            tid = traj["id"]
            if tid is not None and not _plain_id(tid):
                raise _unprocessable(Message("http_trajectory_id", where=where, got=_short(tid)))
            if isinstance(tid, str):
                _refuse_lone_surrogate(f"{where}.id", tid)
            if tid is not None:
                given.setdefault(tid, i)
        else:
            tid = i
            numbered.append(i)
        for j, fix in enumerate(traj["fixes"]):
            if not (isinstance(fix, list) and len(fix) == 3):
                raise _unprocessable(Message("http_fix_shape", where=where, j=j, got=_short(fix)))
            ids.append(tid)
            ti.append(i)
            fi.append(j)
            xs.append(_scalar(fix[0]))
            ys.append(_scalar(fix[1]))
            ts.append(fix[2])
    for i in numbered:
        # (1.0 is 1 too, as for the library's vehicle ids; "1" would be another vehicle written the same)
        other = given.get(i, given.get(str(i)))
        if other is not None:
            raise _unprocessable(Message("http_trajectory_number", i=i, other=other))
    return (
        ids,
        np.array(ti, dtype=np.int64),
        np.array(fi, dtype=np.int64),
        _objects(xs),
        _objects(ys),
        _objects(ts),
    )


def _objects(values: list[Any]) -> np.ndarray:
    """A one-dimensional object array of ``values`` (arrays among them stay cells: numpy would nest them)."""
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out

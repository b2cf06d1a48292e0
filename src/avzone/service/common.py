"""Constants and JSON encoding shared by the HTTP API's modules."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
from fastapi import Request
from fastapi.responses import JSONResponse, Response

from avzone import events

log = logging.getLogger("avzone.service")

DEFAULT_MAX_BODY_BYTES = 1_000_000
DEFAULT_MAX_POINTS = 10_000
MAX_CRS_CHARS = 100
#: The range of ``tolerance_m`` (POST /v1/events): a bracket of a kilometre is no crossing (with 1e6 the answer
#: was each segment's midpoint; the library's bound, events.MAX_TOLERANCE_M), and below a millimetre a search only
#: halves more (a request's work is bounded here more tightly than the library's 1e-9 m).
MIN_TOLERANCE_M = 0.001
MAX_TOLERANCE_M = int(events.MAX_TOLERANCE_M)
RETRY_AFTER_S = 30.0  # how long a failed map render (or check) is answered from memory
ENV_DATA, ENV_MAX_BODY, ENV_MAX_POINTS = "AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"
#: The language of the pages (the map, ``GET /``) asked in no language, for the workers of ``serve``: en or zh.
ENV_LANG = "AVZONE_LANG"
#: A connection must deliver a request's headers within this many seconds of opening (or of the
#: previous answer), else it is closed; idle keep-alive connections close after KEEP_ALIVE_S.
HEADER_TIMEOUT_S = 10.0
#: After a refusal is written the connection is closed at the header deadline of the head refused (not one more
#: HEADER_TIMEOUT_S), but not before this many seconds (at most a quarter of the deadline), for the client to read it.
REFUSAL_LINGER_S = 2.0
KEEP_ALIVE_S = 5
#: The longest request target (path and query) and the longest request head (request line and header fields), in
#: bytes: a longer one is refused with 414 or 431 in the service's error shape, before any routing (httptools
#: itself gave up at 64 KiB of URL with a plain-text 400, and read header fields of any size).
MAX_URL_BYTES = 16_384
MAX_HEAD_BYTES = 65_536
#: Each read of a request body must deliver data within this many seconds, else 408.
BODY_TIMEOUT_S = 10.0
#: Heavy requests (distances=true, or bodies over HEAVY_BODY_BYTES) run one at a time in their own
#: worker thread; at most HEAVY_QUEUE wait for it, and more get 503 with Retry-After.
HEAVY_BODY_BYTES = 64_000
HEAVY_WORKERS = 1
HEAVY_QUEUE = 32
#: Most connections and requests in progress at once (uvicorn answers 503 beyond it).
LIMIT_CONCURRENCY = 1000
#: How long serve's supervisor waits for a worker process to answer its health check, in seconds (uvicorn's
#: default, 5 s, is shorter than a worker's start on a busy machine: before its first answer a new worker imports
#: avzone, numpy, pandas, shapely and pyproj, and a worker not answering in time was killed and started again, in
#: a loop that never served). A worker that exits is still replaced at once.
WORKER_HEALTHCHECK_S = 60

JSON_TYPE = "application/json"
GEOJSON_TYPE = "application/geo+json"


def _finite(obj: Any) -> Any:
    """``obj`` with NaN and infinities replaced by None (JSON has no such numbers)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    if isinstance(obj, np.generic):
        return _finite(obj.item())
    if isinstance(obj, np.ndarray):
        return _finite(obj.tolist())
    return obj


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities become null, numpy scalars plain numbers."""
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError):
        text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def _json(obj: Any, status: int = 200) -> Response:
    return Response(dumps(obj), status_code=status, media_type=JSON_TYPE)


class GeoJSONResponse(JSONResponse):
    media_type = GEOJSON_TYPE


#: A q-value as RFC 9110 §12.4.2 writes it: ``0`` to ``1`` with at most three decimals, in ASCII digits.
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def qvalue(text: str) -> float:
    """The weight a q-value written ``text`` gives (spaces around it aside), NaN when it is not one.

    Only RFC 9110's form is a q-value (``qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )``):
    what :func:`float` reads besides (``0_5`` as 5, ``1e0``, ``inf``, ``nan``, ``-1``, ``+0.5``, ``.5``,
    ``1.0000``, digits of other scripts such as ``٠.٥``) is malformed.

    >>> qvalue("0.5"), qvalue("1."), qvalue(" 0 "), qvalue("1.000")
    (0.5, 1.0, 0.0, 1.0)
    >>> [qvalue(t) for t in ("0_5", "1e0", "inf", "-1", "1.0000", ".5", "٠.٥", "1.5")]
    [nan, nan, nan, nan, nan, nan, nan, nan]
    """
    text = text.strip(" \t")
    return float(text) if _QVALUE.fullmatch(text) else math.nan


def header_parameter(text: str) -> tuple[str, str | None]:
    """One parameter of a header field's item (the text after one of its ``;``): its name lower-cased, and its value,
    None when the parameter is not written as RFC 9110 writes one (``parameter = parameter-name "="
    parameter-value``, the q-value's ``weight = OWS ";" OWS "q=" qvalue`` alike): no whitespace around the ``=``
    (``q = 0.7``, ``charset= utf-8`` and ``charset =utf-8`` are malformed), and an ``=``. The whitespace before the
    name and after the value is the OWS around a ``;``, no part of either.

    The one reading of a parameter for every header the service reads parameters of (a q-value:
    :func:`weighted_items`; a request body's charset: :func:`avzone.service.parsing.declared_charset`), so that
    what is malformed in one is malformed in the other; a caller treats a malformed parameter as it treats
    any other malformed part of its header.

    >>> header_parameter(" Q=0.7"), header_parameter("charset=UTF-8 "), header_parameter('charset="utf-8"')
    (('q', '0.7'), ('charset', 'UTF-8'), ('charset', '"utf-8"'))
    >>> [header_parameter(t) for t in ("q = 0.7", "charset= utf-8", "charset =utf-8", "charset")]
    [('q', None), ('charset', None), ('charset', None), ('charset', None)]
    """
    name, equals, value = text.lstrip(" \t").partition("=")
    malformed = not equals or name[-1:] in (" ", "\t") or value[:1] in (" ", "\t")
    return name.rstrip(" \t").lower(), None if malformed else value.rstrip(" \t")


def weighted_items(header: str | None) -> Iterator[tuple[int, str, float]]:
    """The items of a comma-separated header with q-values (``Accept-Encoding``, ``Accept-Language``; RFC 9110).

    ``(place, token lower-cased, q)`` for each item, q 1.0 when not given and
    NaN when it is not a q-value as RFC 9110 writes it (:func:`qvalue`), or is
    not written ``q=`` as its grammar writes it (``weight = OWS ";" OWS "q="
    qvalue``): no whitespace around the ``=`` (``q = 0.7``, ``q= 0.7``, ``q =0.7``
    are malformed, as the callers treat every malformed item; the rule of
    every parameter, :func:`header_parameter`).

    >>> list(weighted_items("gzip;q=0.5, BR, *;q=x, zh;q=1e0"))
    [(0, 'gzip', 0.5), (1, 'br', 1.0), (2, '*', nan), (3, 'zh', nan)]
    >>> list(weighted_items("zh ; Q=0.7 , en;q = 0.7, fr;q= 0.7"))
    [(0, 'zh', 0.7), (1, 'en', nan), (2, 'fr', nan)]
    """
    for place, item in enumerate((header or "").split(",")):
        token, *params = item.split(";")
        q = 1.0
        for param in params:
            name, value = header_parameter(param)
            if name == "q":
                q = math.nan if value is None else qvalue(value)
        yield place, token.strip().lower(), q


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (RFC 9110: ``gzip`` or ``x-gzip``, else ``*``, with q > 0).

    A q-value that is not one as RFC 9110 writes it (:func:`qvalue`) refuses.

    >>> accepts_gzip("gzip, deflate"), accepts_gzip("gzip;q=0"), accepts_gzip("br, *"), accepts_gzip(None)
    (True, False, True, False)
    """
    named: float | None = None
    wildcard: float | None = None
    for _, coding, q in weighted_items(header):
        q = 0.0 if math.isnan(q) else q
        if coding in ("gzip", "x-gzip"):
            named = q if named is None else max(named, q)
        elif coding == "*":
            wildcard = q if wildcard is None else max(wildcard, q)
    weight = named if named is not None else wildcard
    return weight is not None and weight > 0


#: An entity-tag of an ``If-None-Match`` list (RFC 9110 8.8.3), its weakness left out: the comparison is weak.
_ENTITY_TAG = re.compile(r'(?:W/)?("[^"]*")')


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header matches the entity-tag ``etag`` (RFC 9110 13.1.2: ``*``, or a tag
    of its list equal to ``etag`` by the weak comparison, ``W/`` aside).

    >>> etag_matches('W/"a", "b"', '"b"'), etag_matches('"a"', '"b"'), etag_matches(" * ", '"b"')
    (True, False, True)
    >>> etag_matches(None, '"b"'), etag_matches('"a,b"', '"b"')
    (False, False)
    """
    if header is None:
        return False
    return header.strip() == "*" or etag in _ENTITY_TAG.findall(header)


class _Blob:
    """A response body rendered once, with its gzip form for clients that accept it.

    With ``max_age`` (seconds: files the pages load, which change only with
    the installed packages) the answer says how long it may be kept
    (``Cache-Control``) and has an ``ETag``, one per form (the gzip form's
    ends in ``-gzip``); a request whose ``If-None-Match`` names it is a 304
    with no body.
    """

    def __init__(self, body: bytes, media_type: str, max_age: int | None = None):
        self.body = body
        self.media_type = media_type
        self.gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 1024 else None
        self.max_age = max_age
        self.etag = None if max_age is None else f'"{hashlib.sha256(body).hexdigest()[:32]}"'

    def response(self, request: Request) -> Response:
        headers = {"Vary": "Accept-Encoding"}
        gzipped = self.gzipped is not None and accepts_gzip(request.headers.get("accept-encoding"))
        if self.etag is not None:
            etag = f'{self.etag[:-1]}-gzip"' if gzipped else self.etag
            headers.update({"Cache-Control": f"public, max-age={self.max_age}", "ETag": etag})
            if etag_matches(request.headers.get("if-none-match"), etag):
                return Response(status_code=304, headers=headers)
        if gzipped:
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)

"""ASGI middleware: the body size limit, the fast path for single-point GETs, and the answer to an unexpected error."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, ClassVar

import h11  # (uvicorn's own dependency: its HTTP/1.1 parser when httptools is not installed)
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from uvicorn.protocols.http.h11_impl import H11Protocol as _H11

from avzone.i18n import LANGS, Message
from avzone.locate import locate
from avzone.service.common import (
    BODY_TIMEOUT_S,
    HEADER_TIMEOUT_S,
    JSON_TYPE,
    MAX_HEAD_BYTES,
    MAX_URL_BYTES,
    REFUSAL_LINGER_S,
    dumps,
    log,
)
from avzone.service.language import LANG_PARAM, answer_headers, of_scope, render_detail

if TYPE_CHECKING:
    from avzone.service.app import _State


#: The key a request's ASGI scope has (True) once its body was refused as unreadable (and that logged) by the
#: protocol: :class:`BodyLimitMiddleware` then logs no client going away.
BODY_UNREADABLE = "avzone.body_unreadable"


def content_length(value: bytes) -> int | None:
    """The length a ``Content-Length`` field value says, or None when it says none: RFC 9110 §8.6 writes it in
    ASCII digits alone (``1*DIGIT``). :func:`int` read more (``1_0``, `` 10 ``, ``+10``, Arabic-Indic ``١٠``).

    >>> content_length(b"10"), content_length(b"007"), content_length(b"1_0"), content_length(b" 10 ")
    (10, 7, None, None)
    >>> content_length(b"+10"), content_length("١٠".encode()), content_length(b""), content_length(b"-1")
    (None, None, None, None)
    """
    return int(value) if _DIGITS.fullmatch(value) else None


_DIGITS = re.compile(rb"[0-9]+")


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_body_bytes`` with 413, and slow ones with 408.

    Checked from ``Content-Length`` before anything is read, and again while
    the body is read (chunked uploads have no length), so no more than the
    limit (plus one chunk) is ever held in memory. Each read must deliver
    data within ``body_timeout_s`` seconds (408 otherwise, with ``Connection:
    close``, and the connection is closed after it: the rest of the body is
    not waited for, RFC 9110 §15.5.9). A client that
    goes away before its body is complete is logged as one line (no
    traceback): there is nobody left to answer. The refusals are written in
    the language the request asks for (:mod:`avzone.service.language`). A
    413 says to send fewer points per request, or fewer fixes for
    ``POST /v1/events`` (:attr:`TOO_LARGE`).

    Only the bodies of the requests a route takes (``routes``: ``POST /v1/locate``, ``POST /v1/events``) are
    limited: a path that does not exist is 404 whatever its body, and a method the path does not take (``PUT``,
    ``PATCH``, ``POST /v1/layers``) 405 naming the methods it takes, not 413 "send fewer points per request".
    Their bodies are never read.

    A ``Content-Length`` that is not a length in ASCII digits (:func:`content_length`) is a 400, the connection
    closed (RFC 9112 §6.3: the body's end cannot be known), whatever the HTTP parser let through.
    """

    METHODS = frozenset({"POST"})

    def __init__(
        self,
        app: Callable[..., Awaitable[None]],
        max_body_bytes: int,
        body_timeout_s: float = BODY_TIMEOUT_S,
        routes: Sequence[BaseRoute] = (),
    ):
        self.app = app
        self.max_body_bytes = int(max_body_bytes)
        self.body_timeout_s = float(body_timeout_s)
        self.routes = routes

    def _taken(self, scope: dict[str, Any]) -> bool:
        """Whether a route takes this request (its path and its method): only its body is limited."""
        return any(route.matches(scope)[0] is Match.FULL for route in self.routes)

    #: The refusal of a body over the limit, by path: what to send fewer of (``POST /v1/events`` takes fixes).
    TOO_LARGE: ClassVar[dict[str, str]] = {"/v1/events": "http_body_too_large_fixes"}

    def _message(self, scope: dict[str, Any], size: Message) -> Message:
        key = self.TOO_LARGE.get(scope["path"], "http_body_too_large")
        return Message(key, size=size, limit=self.max_body_bytes)

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] not in self.METHODS or not self._taken(scope):
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = content_length(value)
                refusal = None
                if declared is None:
                    text = value.decode("latin-1")
                    refusal = 400, Message("http_content_length_malformed", value=text)
                elif declared > limit:
                    refusal = 413, self._message(scope, Message("http_size_declared", n=declared))
                if refusal is not None:
                    lang, from_header = of_scope(scope)
                    detail, translated = render_detail(refusal[1], lang)
                    body = dumps({"detail": detail})
                    said = answer_headers(lang, translated, from_header)
                    await send(
                        {
                            "type": "http.response.start",
                            "status": refusal[0],
                            "headers": [
                                (b"content-type", JSON_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"),
                                *((k.lower().encode(), v.encode()) for k, v in said.items()),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": body})
                    return
        received = 0
        timeout = self.body_timeout_s

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            try:
                message = await asyncio.wait_for(receive(), timeout)
            except TimeoutError:
                raise HTTPException(  # (RFC 9110 §15.5.9: a 408 closes the connection; uvicorn closes it after)
                    status_code=408,
                    detail=Message("http_body_too_slow", seconds=f"{timeout:g}", n=received),
                    headers={"Connection": "close"},
                ) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(
                        status_code=413, detail=self._message(scope, Message("http_size_received", limit=limit))
                    )
            return message

        try:
            await self.app(scope, limited_receive, send)
        except ClientDisconnect:
            if scope.get(BODY_UNREADABLE):
                return
            client = scope.get("client") or ("?", 0)
            log.info(
                "%s:%s went away after %d bytes of its %s %s body: request dropped",
                client[0],
                client[1],
                received,
                scope["method"],
                scope["path"],
            )


class UnexpectedErrorMiddleware:
    """Answer an unexpected exception (a bug, not a refusal) with a JSON 500 in the language asked.

    The answer is ``{"detail": "internal error: ..."}``, the shape of every
    other error of the service, written in the language the request asks for
    (``lang``, else ``Accept-Language``: :mod:`avzone.service.language`), with
    ``Content-Language`` (and ``Vary``) as the other errors have them. It says
    nothing of the exception: its type, message and traceback go to the
    service's log (logger ``avzone.service``, level ERROR, with the method
    and path), never to the client. Without this, the framework would answer
    the plain text "Internal Server Error". An exception after the answer has
    started cannot be answered: it is raised on, and the server logs it and
    closes the connection.
    """

    def __init__(self, app: Callable[..., Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked_send)
        except Exception:
            if started:
                raise
            log.exception("unexpected error answering %s %s: answered 500", scope["method"], scope["path"])
            lang, from_header = of_scope(scope)
            detail, translated = render_detail(Message("http_internal_error"), lang)
            answer = Response(
                dumps({"detail": detail}),
                status_code=500,
                media_type=JSON_TYPE,
                headers=answer_headers(lang, translated, from_header),
            )
            await answer(scope, receive, send)


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` without the body (RFC 9110: a server supports HEAD wherever it supports GET).

    The request goes on as a GET; the answer keeps its status and every
    header (``Content-Length`` and ``Content-Type`` of the GET included) and
    sends no body. Health checks and ``curl -I`` send HEAD; without this a
    HEAD was refused with 405 while ``Allow`` named GET.
    """

    def __init__(self, app: Callable[..., Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headless(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headless)


class LocateFastPath:
    """Answer well-formed ``GET /v1/locate`` requests without FastAPI's routing.

    Parsing three query parameters through FastAPI's dependency machinery
    costs about as much as locating the point, so a request whose ``lon`` and
    ``lat`` are plain decimal numbers (and whose parameters are neither
    repeated nor percent-encoded) is answered here, with the same function
    and the same bytes as the route. Anything else, and every error, goes on
    to the FastAPI route, which words the error (in the language asked: a
    ``lang`` other than en or zh is the route's 422), and so does an answer
    with ``notes`` (written in the language asked); any other successful
    answer is the same in every language.
    """

    _NUMBER = re.compile(rb"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
    #: The route's query parameters (any other is its 422).
    _PARAMETERS = frozenset({b"lon", b"lat", b"crs", b"at", b"lang"})

    def __init__(self, app: Callable[..., Awaitable[None]], state: _State):
        self.app = app
        self.state = state

    def answer(self, query: bytes) -> bytes | None:
        """The answer's body, or None to leave the request to the route."""
        params: dict[bytes, bytes] = {}
        for part in query.split(b"&"):
            key, _, value = part.partition(b"=")
            if key in params or b"%" in key or b"+" in key:
                return None
            params[key] = value
        lon, lat = params.get(b"lon"), params.get(b"lat")
        if b"at" in params or not params.keys() <= self._PARAMETERS:  # a time, or a parameter the route refuses
            return None
        if b"lang" in params and params[b"lang"].decode("latin-1") not in LANGS:  # the route refuses it
            return None
        if lon is None or lat is None or not self._NUMBER.match(lon) or not self._NUMBER.match(lat):
            return None
        if b"+" in lon or b"+" in lat:  # (a + in a query is a space: 3.979e+1 is the route's 3.979e 1, a 422)
            return None
        raw_crs = params.get(b"crs", b"EPSG:4326")
        if b"%" in raw_crs or b"+" in raw_crs:
            return None
        try:
            crs_norm = self.state.crs(raw_crs.decode("ascii"))
            location = locate(self.state.model, float(lon), float(lat), crs_norm)
        except Exception:  # the route answers (and words) every error
            return None
        return None if location.notes else dumps(location.to_dict())  # (notes: in the language asked, by the route)

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/v1/locate":
            body = self.answer(scope["query_string"])
            if body is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-length", str(len(body)).encode()),
                            (b"content-type", JSON_TYPE.encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _HttpTools

    _HAVE_HTTPTOOLS = True
except ImportError:  # pragma: no cover - httptools is in the serve extra
    _HttpTools = asyncio.Protocol  # type: ignore[assignment, misc]  # the class below is then not used
    _HAVE_HTTPTOOLS = False


def http_protocol() -> type[asyncio.Protocol]:
    """What ``uvicorn.run(http=...)`` gets: :class:`HeaderTimeoutProtocol`, or :class:`H11HeaderTimeoutProtocol`
    without httptools (uvicorn's own choice between the two parsers, with the same limits and answers)."""
    return HeaderTimeoutProtocol if _HAVE_HTTPTOOLS else H11HeaderTimeoutProtocol


#: Set while a request head refused by the service stops the parser (uvicorn then logs the parser's error as an
#: invalid request; a head over the limits has a line of its own).
_REFUSING: contextvars.ContextVar[bool] = contextvars.ContextVar("avzone_head_refused", default=False)


#: The protocol whose parser reads what was received, while it does (uvicorn logs its parser's error then).
_READING: contextvars.ContextVar[_HeadGuard | None] = contextvars.ContextVar("avzone_reading", default=None)
#: What uvicorn logs (a warning) when its parser refuses what it reads, before it answers it (send_400_response).
_PARSER_REFUSAL = "Invalid HTTP request received."


class _RefusalLoggedApart(logging.Filter):
    """Leaves out uvicorn's "Invalid HTTP request received." for a request head refused over the limits, and for a
    request body the parser cannot read (a line of the service's own says which, and what was answered)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _REFUSING.get():
            return False
        reading = _READING.get()
        return reading is None or record.msg != _PARSER_REFUSAL or not reading._body_refused()


_LOGGED_APART = _RefusalLoggedApart()


class _HeadRefused(Exception):
    """Stops the parser at a request head the service refuses (then answered by ``send_400_response``)."""


#: The HTTP versions served: a request line naming another (HTTP/0.9, HTTP/2.0...) is refused as malformed.
_VERSIONS = frozenset({"1.0", "1.1"})


def _head_problem(version: str, fields: Sequence[tuple[bytes, bytes]]) -> tuple[int, Message] | None:
    """The refusal of a request head (its HTTP version, its header fields) the service does not read (RFC 9112).

    Its version is 1.0 or 1.1; it has one ``Host`` field at most, and an
    HTTP/1.1 request exactly one (§3.2); its body's length is said once: not
    by ``Transfer-Encoding`` and ``Content-Length`` both, nor by more than one
    ``Content-Length`` (§6.1, §6.3: a request two servers could read two
    ways, one of them finding a request smuggled in its body).

    >>> _head_problem("1.1", [(b"host", b"x")]), _head_problem("1.0", [])
    (None, None)
    >>> [_head_problem(v, f)[1].key for v, f in [("1.1", []), ("1.0", [(b"host", b"x")] * 2), ("2.0", [])]]
    ['http_host_count', 'http_host_count', 'http_bad_request']
    >>> _head_problem("1.1", [(b"host", b"x"), (b"transfer-encoding", b"chunked"), (b"content-length", b"5")])[1].key
    'http_body_length_twice'
    """
    if version not in _VERSIONS:
        return _malformed()
    names = [name.lower() for name, _ in fields]
    hosts = names.count(b"host")
    if hosts > 1 or (version == "1.1" and hosts == 0):
        return 400, Message("http_host_count", n=hosts)
    if _length_twice(fields):
        return 400, Message("http_body_length_twice")
    return None


def _length_twice(fields: Sequence[tuple[bytes, bytes]]) -> bool:
    """Whether header fields say a body's length more than once (Transfer-Encoding and Content-Length, or two
    Content-Length fields or values)."""
    names = [name.lower() for name, _ in fields]
    lengths = [value for name, value in fields if name.lower() == b"content-length"]
    return bool(lengths) and (b"transfer-encoding" in names or len(lengths) > 1 or b"," in lengths[0])


def _raw_fields(head: bytes) -> list[tuple[bytes, bytes]]:
    """The header fields of the head that ``head`` (what arrived of a request) begins with, as written."""
    end = re.search(rb"\r?\n\r?\n", head)
    return read_head(head if end is None else head[: end.end()])[1]


def _folded(head: bytes) -> bool:
    """Whether the head that ``head`` (what arrived of a request, from its request line) begins with has a header
    field folded onto a line of its own: a line beginning with a space or a tab after a header field (obs-fold).

    RFC 9112 §5.2: a server refuses it with 400 or reads the fold as spaces. httptools refuses it; h11 read it as
    spaces: both refuse it (:class:`H11HeaderTimeoutProtocol`), saying why.

    >>> head = b"GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\r\\n b\\r\\n\\r\\n"
    >>> _folded(head), _folded(b"GET / HTTP/1.1\\r\\nX-A: a\\r\\n\\tb")
    (True, True)
    >>> _folded(b"GET / HTTP/1.1\\r\\n Host: x\\r\\n\\r\\n"), _folded(b"POST / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n b")
    (False, False)
    """
    end = re.search(rb"\r?\n\r?\n", head)
    fields = (head if end is None else head[: end.start()]).split(b"\n")[1:]
    return any(line[:1] in (b" ", b"\t") for line in fields[1:])  # (a first field so begun is no fold: malformed)


def _header_folded() -> tuple[int, Message]:
    return 400, Message("http_header_folded")


#: The header fields that say what :func:`_head_problem` refuses besides the version: who reads them (one Host),
#: how long the body is (Content-Length, Transfer-Encoding).
_SAID_ONCE = frozenset({b"host", b"content-length", b"transfer-encoding"})


def _refusal_of_unread_head(head: bytes) -> tuple[int, Message]:
    """The refusal of a request head h11 did not read (``head``: what arrived, from the request line), from its bytes.

    A complete head (one ended by its blank line) with the Host fields of
    :func:`_head_problem` wrong (none, or more than one), or its body's length
    said twice, is refused saying so when h11 reads the same head with these
    fields replaced by one ``Host``; else (an unreadable request line or
    header field, a version not served, a head not ended) it is malformed.
    What h11 says in its exception's words is not read: a new wording of its
    cannot make a specific refusal a generic one.

    >>> heads = b"GET / HTTP/1.1\\r\\n\\r\\n", b"GET / HTTP/1.1\\r\\nBad\\r\\n\\r\\n"
    >>> [_refusal_of_unread_head(h)[1].key for h in heads]
    ['http_host_count', 'http_bad_request']
    >>> _refusal_of_unread_head(b"POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1, 2\\r\\n\\r\\n")[1].key
    'http_body_length_twice'
    """
    if _folded(head):
        return _header_folded()
    end = re.search(rb"\r?\n\r?\n", head)
    if end is None:
        return _malformed()
    line, *lines = [piece.removesuffix(b"\r") for piece in head[: end.start()].split(b"\n")]
    version = line.rpartition(b" HTTP/")[2].decode("latin-1")
    problem = _head_problem(version, read_head(head[: end.end()])[1])
    if problem is None or problem[1].key == "http_bad_request":
        return _malformed()
    kept = [field for field in lines if field.partition(b":")[0].lower() not in _SAID_ONCE]
    probe = h11.Connection(h11.SERVER)
    probe.receive_data(b"\r\n".join([line, *kept, b"Host: x", b"", b""]))
    try:
        read = isinstance(probe.next_event(), h11.Request)
    except h11.RemoteProtocolError:
        read = False
    return problem if read else _malformed()


def _refusal_of_cut_head(head: bytes, max_url_bytes: int) -> tuple[int, Message]:
    """The refusal of a request head the client cut short by closing its sending side (``head``: what arrived, from
    its request line, not ended by its blank line), read by h11 as httptools reads it.

    httptools refuses what it cannot read as it arrives; h11 reads nothing
    before the end of the head: a header field folded onto a line of its own,
    or a request line or header field that h11 cannot read (the complete
    lines, ended here), is malformed. Else a URL over ``max_url_bytes`` (as far
    as it arrived) is a 414, and any other head a 400 saying it was cut
    short. (The Host fields and the body's length are not judged: the rest of
    the head might have said them.)

    >>> [_refusal_of_cut_head(h, 100)[1].key for h in (b"GET /hea", b"GET / HTTP/1.1\\r\\nHost: x\\r\\n")]
    ['http_head_cut_short', 'http_head_cut_short']
    >>> [_refusal_of_cut_head(h, 100)[1].key for h in (b"GET / HTTP/1.1\\r\\nBad line\\r\\n", b"GET /" + b"a" * 100)]
    ['http_bad_request', 'http_url_too_long']
    """
    if _folded(head):
        return _header_folded()
    complete = head[: head.rfind(b"\n") + 1]
    if complete:  # (h11 reads lines only once the head ends: the complete ones, ended here, with one Host)
        line, *lines = [piece.removesuffix(b"\r") for piece in complete.split(b"\n")[:-1]]
        kept = [field for field in lines if field.partition(b":")[0].lower() not in _SAID_ONCE]
        probe_head = b"\r\n".join([line, *kept, b"Host: x", b"", b""])
        probe = h11.Connection(h11.SERVER, max_incomplete_event_size=len(probe_head) + 1)
        probe.receive_data(probe_head)
        try:
            probe.next_event()
        except h11.RemoteProtocolError:
            return _malformed()
    if len(read_head(head)[0]) > max_url_bytes:
        return _url_too_long(max_url_bytes)
    return _head_cut_short()


def _head_cut_short() -> tuple[int, Message]:
    return 400, Message("http_head_cut_short")


def _head_timeout(seconds: float) -> tuple[int, Message]:
    return 408, Message("http_head_timeout", seconds=f"{seconds:g}")


#: What the log says of a request head cut short (the server cannot tell a half-close from a close).
_HEAD_CUT = "a request head cut short (closed its sending side, or the connection)"


def _head_late_said(seconds: float) -> str:
    """What the log says of a request head not ended at the header deadline."""
    return f"a request head not ended within {seconds:g} s, then nothing"


def _url_too_long(limit: int) -> tuple[int, Message]:
    return 414, Message("http_url_too_long", limit=f"{limit:,}")


def _head_too_large(limit: int) -> tuple[int, Message]:
    return 431, Message("http_head_too_large", limit=f"{limit:,}")


def _malformed() -> tuple[int, Message]:
    return 400, Message("http_bad_request")


def _query(target: bytes) -> bytes:
    """The query of a request target (``b""`` when it has none)."""
    return target.partition(b"?")[2].partition(b"#")[0]


def read_head(raw: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The request target and the complete header fields of a request head's first bytes, for its language.

    What arrived of a head the parser refused or gave up on: the target is
    the request line's second word (as far as it came), the header fields
    are the lines ``Name: value`` that are complete (names lower-cased, as
    the server gives them); a line that is not one is skipped.

    >>> read_head(b"GET /v1/locate?lang=zh HTTP/1.1\\r\\nAccept-Language: zh\\r\\nBad line\\r\\nX-Half: a")
    (b'/v1/locate?lang=zh', [(b'accept-language', b'zh')])
    >>> read_head(b"GET /v1/locate?lon=1111")
    (b'/v1/locate?lon=1111', [])
    """
    lines = raw.split(b"\n")
    words = lines[0].rstrip(b"\r").split(b" ")
    target = words[1] if len(words) > 1 else b""
    fields = []
    for line in lines[1:-1]:  # (the last is not complete)
        line = line.rstrip(b"\r")
        if not line:
            break
        name, colon, value = line.partition(b":")
        if colon and name and name == name.strip():
            fields.append((name.lower(), value.strip(b" \t")))
    return target, fields


class LangParameter:
    """The last ``lang`` parameter of a request target read in pieces, holding no more than a few bytes of it.

    For a URL over the limit, which is not kept: its refusal is written in
    the language a ``lang`` anywhere in it asks for (the last one counts, as
    for the routes).

    >>> scan = LangParameter()
    >>> for piece in (b"/v1/locate?lang=en&lon=", b"1" * 100_000, b"&la", b"ng=zh&lat=39"):
    ...     scan.feed(piece)
    >>> scan.query()
    b'lang=zh'
    """

    LONGEST = 64  # a parameter longer than this is not a lang parameter a route takes

    def __init__(self) -> None:
        self.in_query = False
        self.part = bytearray()  # the parameter being read (when not longer than LONGEST)
        self.long = False
        self.found = b""  # the last lang parameter, as written

    def feed(self, data: bytes) -> None:
        if not self.in_query:
            mark = data.find(b"?")
            if mark < 0:
                return
            self.in_query, data = True, data[mark + 1 :]
        *ended, rest = data.split(b"&")
        for piece in ended:
            self._add(piece)
            self._end()
        self._add(rest)

    def _add(self, piece: bytes) -> None:
        if not self.long:
            self.long = len(self.part) + len(piece) > self.LONGEST
            self.part += b"" if self.long else piece

    def _end(self) -> None:
        if not self.long and _is_lang(bytes(self.part)):
            self.found = bytes(self.part)
        self.part.clear()
        self.long = False

    def query(self) -> bytes:
        """The last ``lang`` parameter so far (the one being read counts), as a query string; ``b""`` for none."""
        part = bytes(self.part).partition(b"#")[0]
        return part if not self.long and _is_lang(part) else self.found


def _is_lang(parameter: bytes) -> bool:
    return QueryParams(parameter).get(LANG_PARAM) is not None


class _RestOfHead:
    """What says the language in a request head read here, not by h11: its URL's ``lang``, its Accept-Language.

    Fed the head from its first byte; holds a line of at most
    :attr:`LONGEST_LINE` bytes. Done at the blank line that ends the head, or
    after ``limit`` bytes after the URL (which may be of any length).

    >>> rest = _RestOfHead(limit=1000)
    >>> rest.feed(b"GET /v1/locate?lon=" + b"1" * 100_000), rest.feed(b"&lang=zh HTTP/1.1\\r\\nHost: x\\r\\n")
    (False, False)
    >>> rest.feed(b"Accept-Language: zh-CN\\r\\n\\r\\n"), rest.lang.query(), rest.fields
    (True, b'lang=zh', [(b'accept-language', b'zh-CN')])
    """

    LONGEST_LINE = 4096  # a longer header field is not an Accept-Language a client sends

    def __init__(self, limit: int) -> None:
        self.lang = LangParameter()
        self.fields: list[tuple[bytes, bytes]] = []  # the Accept-Language fields
        self.limit = limit
        self.read = 0
        self.state = "method"  # method, target, line (the rest of the request line), fields
        self.line = bytearray()
        self.long = False

    def feed(self, data: bytes) -> bool:
        """Read ``data``; whether the head is done (read to its end, or to the limit)."""
        if self.state == "method":
            space = data.find(b" ")
            if space < 0:
                return False
            self.state, data = "target", data[space + 1 :]
        if self.state == "target":
            end = min((i for i in (data.find(b" "), data.find(b"\r"), data.find(b"\n")) if i >= 0), default=-1)
            self.lang.feed(data if end < 0 else data[:end])
            if end < 0:
                return False
            self.state, data = "line", data[end:]
        self.read += len(data)
        if self.state == "line":
            end = data.find(b"\n")
            if end < 0:
                return self.read > self.limit
            self.state, data = "fields", data[end + 1 :]
        while (end := data.find(b"\n")) >= 0:
            self._add(data[:end])
            line, self.line, long = bytes(self.line).rstrip(b"\r"), bytearray(), self.long
            self.long, data = False, data[end + 1 :]
            if not line and not long:
                return True
            name, colon, value = line.partition(b":")
            if colon and not long and name.lower() == b"accept-language":
                self.fields.append((name.lower(), value.strip(b" \t")))
        self._add(data)
        return self.read > self.limit

    def _add(self, piece: bytes) -> None:
        if not self.long:
            self.long = len(self.line) + len(piece) > self.LONGEST_LINE
            self.line += b"" if self.long else piece


class _HeadGuard:
    """What :class:`HeaderTimeoutProtocol` (httptools) and :class:`H11HeaderTimeoutProtocol` (h11) share.

    The deadline for request heads, and the answer to a head the service
    refuses (malformed, or over a limit) in the service's error shape, in the
    language the head asks for as far as it was read; and to a request whose
    body the parser cannot read, or that the client cut short by closing its
    sending side (:meth:`_body_unreadable`, :meth:`eof_received`), or left
    unended at the header deadline (408: :meth:`_too_slow`).
    """

    header_timeout_s = HEADER_TIMEOUT_S
    max_url_bytes = MAX_URL_BYTES
    max_head_bytes = MAX_HEAD_BYTES
    _deadline: asyncio.TimerHandle | None = None
    _head_due = 0.0  # when the header deadline of the head being read (or read last) ends, by the loop's clock
    _refusal: tuple[int, Message] | None = None
    _dropping = False  # refused: what the client still sends is dropped
    _waiting: bytes | None = None  # a refusal's answer, written once the answers before it are complete
    _eof = False  # the client closed its sending side (a half-close): nothing more is read, closed once answered

    _concurrency = 0  # uvicorn's limit_concurrency, checked by :meth:`_within_capacity`

    # (set by uvicorn's protocols)
    app: Callable[..., Awaitable[None]]
    limit_concurrency: int | None
    connections: set[Any]
    tasks: set[Any]
    cycle: Any  # the request read last (httptools queues the ones before it while an answer is pending)
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    client: tuple[str, int] | None
    logger: logging.Logger
    server_state: Any
    _unset_keepalive_if_required: Callable[[], None]

    def _arm(self) -> None:
        """Run the header deadline of the next head: ``header_timeout_s`` from now."""
        self._disarm()
        self._head_due = self.loop.time() + self.header_timeout_s
        self._deadline = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _linger(self) -> None:
        """Run the deadline for the connection of a refusal written: closed at the header deadline of the head
        refused, as it ran (a refusal is no new head: it was armed anew, and a client silent after a 408 at the
        deadline held the connection twice the deadline), and not before :data:`REFUSAL_LINGER_S` (at most a quarter
        of the deadline) from now, for the client to read the answer before the close."""
        self._disarm()
        linger = min(REFUSAL_LINGER_S, self.header_timeout_s / 4)
        self._deadline = self.loop.call_later(max(self._head_due - self.loop.time(), linger), self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _due(self) -> tuple[int, Message] | None:
        """A refusal decided while the head still arrives (a URL over the limit, read on for its language)."""
        return None

    def _answer_due(self) -> None:
        """Answer the refusal :meth:`_due` with what the head said of its language so far."""

    def _too_slow(self) -> None:
        """The header deadline: a refusal decided (a URL over the limit) answered with what arrived; a request head
        begun and not ended answered 408 in the language it asks for as far as it arrived (:meth:`_head_late`);
        a connection on which nothing of a request arrived (idle, kept alive), or whose refusal is written, closed
        without a word, as servers close idle connections (a refusal's close not logged as headers not sent: the
        refusal was logged)."""
        self._deadline = None
        if not self._dropping and not self.transport.is_closing() and self._due() is not None:
            self._answer_due()  # (the refusal was decided: answered with what arrived)
            return
        if not self._dropping and not self.transport.is_closing() and self._head_open():
            self._head_late()
            return
        if self._dropping:  # (a refusal written, and logged: what the client sent after it dropped)
            self.transport.close()
            return
        if not self.transport.is_closing():
            client = self.client or ("?", 0)
            log.info(
                "%s:%s sent no complete request headers within %g s: connection closed",
                client[0],
                client[1],
                self.header_timeout_s,
            )
            self.transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        if _LOGGED_APART not in self.logger.filters:
            self.logger.addFilter(_LOGGED_APART)
        if self.limit_concurrency is not None:  # (checked here, answered in the service's shape: _over_capacity)
            self._concurrency, self.limit_concurrency = self.limit_concurrency, None
            self.app = self._within_capacity(self.app)
        self._arm()

    def _within_capacity(self, app: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        """``app``, or a 503 in the service's error shape and the language asked when more connections or requests
        than ``limit_concurrency`` are served at once (uvicorn's check: its own answer was the plain text "Service
        Unavailable", in English whatever the language asked). The request's own task is counted among them here
        (uvicorn counted the others, before it was made)."""

        async def within(scope: dict[str, Any], receive: Callable, send: Callable) -> None:
            limit = self._concurrency
            if scope["type"] != "http" or (len(self.connections) < limit and len(self.tasks) <= limit):
                await app(scope, receive, send)
                return
            self.logger.warning("Exceeded concurrency limit.")
            lang, from_header = of_scope(scope)
            detail, translated = render_detail(Message("http_over_capacity", limit=f"{limit:,}"), lang)
            body = dumps({"detail": detail})
            said = answer_headers(lang, translated, from_header)
            fields = [
                (b"content-type", JSON_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"1"),
                (b"connection", b"close"),
                *((k.lower().encode(), v.encode()) for k, v in said.items()),
            ]
            await send({"type": "http.response.start", "status": 503, "headers": fields})
            await send({"type": "http.response.body", "body": body})

        return within

    def _answering(self) -> bool:
        """Whether the answer to an earlier request of the connection is not yet complete (or not yet begun).

        (A request refused for its body is not answered by the application: :meth:`_body_unreadable`.)
        """
        cycle = getattr(self, "cycle", None)  # (the last request read; httptools queues the ones before it)
        return cycle is not None and not cycle.response_complete and not cycle.disconnected

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if self.transport.is_closing():
            return
        if self._eof and not self._dropping and self._body_open():  # (h11 reads a pipelined request only now)
            self._body_unreadable(cut=True)
            return
        if self._eof and not self._dropping and self._head_open():  # (h11 reads a pipelined head only now)
            self._head_cut()
            return
        if self._answering():  # (the deadline is for a head, not for an answer)
            return
        if self._waiting is not None:  # a refusal waiting for the answers before it: now written
            answer, self._waiting = self._waiting, None
            self._write_refusal(answer)
            return
        if self._eof:  # (the client sends nothing more: its answers are written)
            self.transport.close()
            return
        self._arm()

    def eof_received(self) -> bool:
        """The client closed its sending side (a half-close), and may wait for its answers: whether to keep the
        connection open to write them.

        A request whose body had not arrived whole (fewer bytes than its
        ``Content-Length``, or a chunked body without its last chunk) is
        refused with 400 in the language its head asks for
        (:meth:`_body_unreadable`), after the answers before it; the requests
        read whole are answered. The connection is closed once its answers
        are written (uvicorn closed it at once: a client that half-closes
        after its request got no answer, and one whose body was cut short no
        refusal either). A URL over the limit still arriving is refused (414) as
        at the header deadline, with what arrived; so is a request head that had
        not ended (its blank line not come), with 400 (:meth:`_head_cut`). With
        nothing to answer (nothing received since the last request read whole,
        or only empty lines), it is closed at once.
        """
        self._eof = True
        if self.transport.is_closing():
            return False
        if self._dropping:  # (refused: closed now, or once the answers before the refusal are written)
            return self._waiting is not None
        if self._due() is not None:  # (a URL over the limit, read on for its language: answered with what arrived)
            self._answer_due()
            return not self.transport.is_closing()
        if self._body_open():
            self._body_unreadable(cut=True)
            return not self.transport.is_closing()
        if self._head_open():
            self._head_cut()
            return not self.transport.is_closing()
        return self._answering()

    def _head_open(self) -> bool:
        """Whether a request head has begun to arrive (a byte other than the empty lines before a request line) and
        not ended."""
        raise NotImplementedError

    def _head_cut(self) -> None:
        """Refuse the request head the client cut short by closing its sending side, in the language it asks for as
        far as it arrived (400, or 414 when its URL is over the limit: :func:`_refusal_of_cut_head`), after the
        answers before it; then close."""
        raise NotImplementedError

    def _head_late(self) -> None:
        """Refuse the request head that had not ended at the header deadline (the client silent, its sending side
        open) with 408 Request Timeout, in the service's error shape and the language it asks for as far as it
        arrived, with ``Connection: close``; then close (:meth:`_write_refusal`)."""
        raise NotImplementedError

    def _body_open(self) -> bool:
        """Whether the body of the request read last has not arrived whole (its head read)."""
        raise NotImplementedError

    def _body_refused(self) -> bool:
        """Whether the parser's error (in ``send_400_response``) is a body's: refused by :meth:`_body_unreadable`."""
        raise NotImplementedError

    def _body_bytes(self) -> int:
        """How many bytes of the body of the request read last have arrived (decoded from its chunks)."""
        raise NotImplementedError

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _body_unreadable(self, cut: bool = False) -> None:
        """Refuse the request whose body the parser cannot read (malformed chunked framing; ``cut``: the client
        closed its sending side before the body's end), and close.

        Its answer not begun, the application gets no more of the request (it
        is told the client went away, and what it writes is dropped), and the
        refusal is written in the service's error shape, in the language the
        request's head asks for, after the answers to the requests before it.
        Its answer begun (the application answered without reading the body,
        as for a path that does not exist), nothing more is written: a second
        answer to one request would be read as the answer to the next. The
        connection is closed once that answer is complete.
        """
        cycle = self.cycle
        scope = cycle.scope
        scope[BODY_UNREADABLE] = True  # (the application logs no client going away: this is logged here)
        self._refusal = 400, (self._cut_short(scope["headers"]) if cut else Message("http_chunks_unreadable"))
        what = "a malformed request body"
        if cut:  # (a client that closed its sending side, or the whole connection: the server cannot tell which)
            what = f"a {scope['method']} {scope['path']} body cut short (closed its sending side, or the connection)"
        if cycle.response_started:
            client = self.client or ("?", 0)
            log.info("%s:%s sent %s after its answer began: connection closed", client[0], client[1], what)
            self._dropping = True
            if cycle.response_complete:
                self._write_refusal(b"")
            else:
                self._waiting = b""  # (written, and the connection closed, when the answer is complete)
            return
        cycle.disconnected = True
        cycle.message_event.set()
        self._unqueue(cycle)
        self._answer(b"", scope["headers"], scope["query_string"], what=what)

    def _cut_short(self, fields: Sequence[tuple[bytes, bytes]]) -> Message:
        """The refusal of a body cut short: how much of it arrived, of the length its head says (or of its chunks).

        The length is read as :class:`BodyLimitMiddleware` reads it (:func:`content_length`, ASCII digits alone): a
        value that is not one (``+5``, ``5_0``, Arabic-Indic ``٥``, which :func:`int` read) is refused as malformed,
        as there.
        """
        value = next((value for name, value in fields if name == b"content-length"), None)
        if value is None:
            return Message("http_chunks_cut_short", n=self._body_bytes())
        length = content_length(value)
        if length is None:
            return Message("http_content_length_malformed", value=value.decode("latin-1"))
        return Message("http_body_cut_short", n=self._body_bytes(), length=length)

    def _unqueue(self, cycle: Any) -> None:
        """Not begin the answer of ``cycle`` (the request read last) when it waits for the answers before it."""

    def _answer(
        self,
        target: bytes,
        fields: Sequence[tuple[bytes, bytes]],
        query: bytes | None = None,
        what: str | None = None,
    ) -> None:
        """Answer :attr:`_refusal` in the service's error shape, in the language ``target`` (or ``query``, its
        query) and ``fields`` ask for, and close (``what``: what was refused, for the log; a request head)."""
        assert self._refusal is not None
        status, message = self._refusal
        query = _query(target) if query is None else query
        lang, from_header = of_scope({"query_string": query, "headers": list(fields)})
        detail, translated = render_detail(message, lang)
        body = dumps({"detail": detail})
        head_fields = [
            *self.server_state.default_headers,
            (b"content-type", JSON_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *((k.lower().encode(), v.encode()) for k, v in answer_headers(lang, translated, from_header).items()),
        ]
        client = self.client or ("?", 0)
        why = what or ("a malformed request head" if status == 400 else "a request head over the limits")
        log.info("%s:%s sent %s: answered %d (%s)", client[0], client[1], why, status, message)
        head = b"".join(name + b": " + value + b"\r\n" for name, value in head_fields)
        reason = HTTPStatus(status).phrase.encode()
        answer = b"HTTP/1.1 %d %s\r\n%s\r\n%s" % (status, reason, head, body)
        self._dropping = True
        if self._answering():  # (a pipelined request: its refusal is written after the answers before it, whole)
            self._disarm()
            self._waiting = answer
            return
        self._write_refusal(answer)

    def _write_refusal(self, answer: bytes) -> None:
        """Write a refusal's answer (``b""``: none) and close the connection once the client has closed it (or at the
        deadline)."""
        self.transport.write(answer)
        self._unset_keepalive_if_required()  # (the header deadline closes it, not the keep-alive one)
        if self._eof:  # (the client sends nothing more: closed once the answer is written)
            self.transport.close()
            return
        # The rest of what the client sends is read and dropped until it closes (or the header deadline closes
        # the connection: :meth:`_linger`): closed at once with data unread, the connection would be reset, and the
        # answer lost.
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self._linger()
        else:  # pragma: no cover - TCP transports can
            self.transport.close()


# (eof_received: asyncio takes its bool, keep the connection open; uvicorn typed it as returning None)
class HeaderTimeoutProtocol(_HeadGuard, _HttpTools):  # type: ignore[misc]
    """uvicorn's HTTP protocol (httptools) with a deadline, size limits and the service's answers for request heads.

    A connection must deliver complete request headers within
    :data:`~avzone.service.common.HEADER_TIMEOUT_S` seconds of opening, and
    again after each answer (a kept-alive connection starting its next
    request), else it is closed and one line is logged: slow-header clients
    cannot hold connections open. A head that had begun is first answered
    408 Request Timeout (``{"detail": ...}`` in the language it asks for as
    far as it arrived, ``Connection: close``: :meth:`_HeadGuard._head_late`);
    a connection on which nothing of a request arrived (idle, kept alive;
    empty lines alone) is closed without an answer. (uvicorn's own ``timeout_keep_alive``
    closes idle connections only, not ones that trickle bytes.)

    A request target (path and query) longer than ``max_url_bytes``
    (:data:`~avzone.service.common.MAX_URL_BYTES`) is answered 414, a
    request head (request line and header fields) longer than
    ``max_head_bytes`` (:data:`~avzone.service.common.MAX_HEAD_BYTES`) 431,
    and a head the parser cannot read (a malformed request line: a bad
    method, bytes that are not ASCII in the target, an HTTP version other
    than 1.0 and 1.1; or a malformed header field, or one folded onto a line
    of its own, :func:`_folded`; an HTTP/1.1 request
    without exactly one ``Host`` field, or a body whose length is said two
    ways, ``Transfer-Encoding`` and ``Content-Length`` or two
    ``Content-Length``: RFC 9112 §3.2, §6.3) 400, all as
    ``{"detail": ...}`` in the language the request asks for (as far as it
    was read); what the client sends after is dropped, and the connection
    closed when it closes (or at the header deadline). A request sent before
    the answers to the ones before it on the connection were complete
    (pipelined) is refused after them: they are written whole, then the
    refusal (httptools reads heads as they arrive; h11 reads none while an
    answer is pending). The header deadline does not run while an answer is
    pending either: it is for a head, not for the service. A URL over the limit
    is read to its end without being kept (only its ``lang`` parameter is
    looked for, wherever it is: :class:`LangParameter`) and refused when the
    head has ended, so that its ``lang`` and ``Accept-Language`` choose the
    language; at the header deadline, or when the header fields after it
    pass the head limit, it is refused with what had arrived. Header fields
    over the limit are refused while they arrive. So no more than the limits
    (and one read) are held. Without this, a URL over 64 KiB and a malformed head were
    uvicorn's plain-text 400 "Invalid HTTP request received.", and header
    fields of any size were read. A request whose body the parser cannot
    read (malformed chunked framing) is refused the same way, 400 in the
    language its head asks for, after the answers before it; unless its
    answer has begun: then nothing more is written, and the connection is
    closed once that answer is complete (:meth:`_HeadGuard._body_unreadable`).
    So is a request whose body the client cuts short by closing its sending
    side, and a request head it cuts short so (before its blank line: 400 in
    the language it asks for as far as it arrived, its last header field
    read whole counted though httptools has not given it; 414 when its URL
    is over the limit); the requests it sent whole before are answered, then
    the connection is closed (:meth:`_HeadGuard.eof_received`).

    :class:`H11HeaderTimeoutProtocol` does the same with h11, uvicorn's
    parser when httptools is not installed.
    """

    _reading_head = False  # between the first byte of a request and the end of its headers
    _in_body = False  # between the end of a request's headers and the end of its body
    _body_read = 0  # the bytes of that body read so far
    _began = False  # a request began in the data being read
    _head_bytes = 0  # bytes of reads wholly inside the current request's head
    _read = b""  # the data being read
    _fresh = False  # it began while no request was being read: a request beginning in it begins with it
    _head_reads: list[bytes] | None = None  # the reads of the current request's head (None: over the head limit)
    _head_at_read = False  # the current request's head begins its first read (else within it, after another)
    _url_lang: LangParameter | None = None  # a URL over the limit: its lang parameter, read as it arrives
    _url_dropped = 0  # bytes of the URL not kept (over the limit)
    _before: Any = None  # the request read before the one being read (its answer pending, or given)
    _tail = b""  # the last bytes read of the current request's head (and of its first read before it), for its last
    # header field when its reads are not kept (:meth:`_last_field`)

    #: The bytes :attr:`_tail` holds at least: a line of :attr:`_RestOfHead.LONGEST_LINE`, the LF before it and the
    #: LF and CR after it.
    TAIL = _RestOfHead.LONGEST_LINE + 3

    def _head_size(self) -> int:
        """The bytes of the current request's head read so far (at least: a header being read is not counted)."""
        url = getattr(self, "url", b"")
        fields = sum(len(name) + len(value) + 4 for name, value in self.headers or ())  # name: value CRLF
        return max(self._head_bytes - self._url_dropped, len(url) + fields)

    def _over(self, complete: bool) -> tuple[int, Message] | None:
        """The refusal of the current request's head, when it is over a limit.

        While the head arrives only its size is checked (a memory bound); when it is complete, the URL's length
        too: the refusal is then written in the language the whole head asks for (``lang``, ``Accept-Language``).
        """
        url = len(getattr(self, "url", b""))
        if not complete and self._head_size() <= self.max_head_bytes:
            return None
        if url > self.max_url_bytes:
            return _url_too_long(self.max_url_bytes)
        if self._head_size() > self.max_head_bytes:
            return _head_too_large(self.max_head_bytes)
        return None

    def data_received(self, data: bytes) -> None:
        if self._dropping:
            return
        was_reading = self._reading_head
        self._began = False
        self._read, self._fresh = data, not was_reading and not self._in_body
        if was_reading and self._head_reads is not None:  # (kept up to the head limit: a URL over it is not kept)
            over = self._head_bytes + len(data) > self.max_head_bytes
            self._head_reads = None if over else [*self._head_reads, data]
        reading = _READING.set(self)
        try:
            super().data_received(data)
        finally:
            _READING.reset(reading)
            _REFUSING.set(False)
            self._read = b""
        if self._reading_head:  # (a read holds no more of a head than the limits; the tail is kept without copying)
            self._tail = data if len(data) >= self.TAIL else self._tail[-self.TAIL :] + data
        if not self._reading_head or self._dropping or self.transport.is_closing():
            return
        if was_reading and not self._began:  # (a read where a request began holds bytes of the one before)
            self._head_bytes += len(data)
        self._refusal = self._over(complete=False)
        if self._refusal is not None:
            self._refuse()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_head, self._began, self._head_bytes = True, True, 0
        self._head_reads, self._head_at_read = [self._read], self._fresh
        self._fresh, self._tail = False, b""
        self._url_lang, self._url_dropped = None, 0

    def on_url(self, url: bytes) -> None:
        """Keep the URL up to the limit (and a byte, to know it is over); beyond, read only its lang parameter.

        A URL over the limit is refused (414) once the head has ended, in the language its ``lang`` (wherever it
        is) and the ``Accept-Language`` field ask for; its bytes are not held.
        """
        if self._url_lang is None:
            room = self.max_url_bytes + 1 - len(self.url)
            if len(url) <= room:
                super().on_url(url)
                return
            super().on_url(url[:room])
            self._url_lang = LangParameter()
            self._url_lang.feed(self.url)
            url = url[room:]
        self._url_lang.feed(url)
        self._url_dropped += len(url)

    def _due(self) -> tuple[int, Message] | None:
        return _url_too_long(self.max_url_bytes) if self._url_lang is not None and self._reading_head else None

    def _answer_due(self) -> None:
        self._refusal = self._due()
        self._refuse()

    def on_headers_complete(self) -> None:
        self._disarm()
        self._reading_head, self._head_reads = False, None
        self._refusal = self._over(complete=True)
        if self._refusal is None:
            self._refusal = _head_problem(self.parser.get_http_version(), self.headers)
        if self._refusal is not None:
            _REFUSING.set(self._refusal[0] != 400)
            raise _HeadRefused  # (the parser stops; uvicorn answers its error with send_400_response)
        self._in_body, self._body_read = True, 0
        self._before = getattr(self, "cycle", None)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        self._body_read += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._in_body = False
        super().on_message_complete()

    def _body_open(self) -> bool:
        return self._in_body

    def _body_bytes(self) -> int:
        return self._body_read

    def _body_refused(self) -> bool:
        return self._refusal is None and self._in_body

    def send_400_response(self, msg: str) -> None:
        if self._body_refused():  # (the body's framing)
            self._body_unreadable()
            return
        if self._refusal is None:  # (the parser's own refusal: what it refused is read from the head, when kept)
            raw = self._head_raw()  # (httptools gives a header field only once the next one has begun)
            target, fields = read_head(raw) if raw else (b"", self.headers or [])
            if raw and _folded(raw):
                self._refusal = _header_folded()
            elif _length_twice(fields):
                self._refusal = 400, Message("http_body_length_twice")
            else:
                self._refusal = _malformed()
            if raw:
                self._answer(target, fields)
                return
        self._refuse()

    def _head_raw(self) -> bytes:
        """What arrived of the current request's head; ``b""`` when not known (not kept, or where it begins)."""
        raw = b"".join(self._head_reads or ())
        if raw and not self._head_at_read:  # (begun after another request: at the request line naming its URL)
            url = getattr(self, "url", b"")
            at = raw.rfind(b" " + url + b" ") if url else -1
            raw = raw[raw.rfind(b"\n", 0, at) + 1 :] if at >= 0 else b""
        return raw.lstrip(b"\r\n")

    def _unqueue(self, cycle: Any) -> None:
        queued = [item for item in self.pipeline if item[0] is cycle]
        for item in queued:
            self.pipeline.remove(item)
        if queued:  # (its refusal is written after the answer to the request before it, as a head's refusal)
            self.cycle = self._before

    def _refuse(self, what: str | None = None) -> None:
        """Answer the refusal of the current request head, in the service's error shape, and close (``what``: what
        was refused, for the log).

        In the language its URL and header fields ask for as far as they were read: the last field read whole
        counts, though httptools has not given it yet (:meth:`_last_field`).
        """
        query = None if self._url_lang is None else self._url_lang.query()
        fields = [*(self.headers or []), *(self._last_field() if self._reading_head else [])]
        self._answer(getattr(self, "url", b""), fields, query, what=what)

    def _last_field(self) -> list[tuple[bytes, bytes]]:
        """The Accept-Language field the head being read ends with (its line ended, nothing of a next one read but
        a CR), which httptools has read but not given: it gives a field once the next one has begun, or the head
        has ended. Empty when there is none (the last line is another field, or the request line).

        Read from the head's reads when they are kept (up to the head limit); after a URL over the head limit
        they are not, and only from the last :attr:`TAIL` bytes (and the last read whole): a longer line that
        arrived in shorter reads is not read (h11 reads no line longer than :attr:`_RestOfHead.LONGEST_LINE` after
        such a URL either).
        """
        head = b"".join(self._head_reads) if self._head_reads is not None else self._tail
        before, newline, after = head.rpartition(b"\n")
        if not newline or after not in (b"", b"\r") or b"\n" not in before:  # (the line must begin in what is held)
            return []
        name, colon, value = before.rpartition(b"\n")[2].removesuffix(b"\r").partition(b":")
        if not colon or name.lower() != b"accept-language":  # (the only field a refusal reads)
            return []
        return [(b"accept-language", value.strip(b" \t"))]

    def _head_open(self) -> bool:
        return self._reading_head

    def _head_cut(self) -> None:
        self._refusal = self._due() or _head_cut_short()
        self._refuse(_HEAD_CUT)

    def _head_late(self) -> None:
        self._refusal = _head_timeout(self.header_timeout_s)
        self._refuse(_head_late_said(self.header_timeout_s))


class _WatchedConnection(h11.Connection):
    """h11's server connection, telling :class:`H11HeaderTimeoutProtocol` of each request head it reads or refuses.

    Empty lines before a request line are skipped, as httptools skips them
    (RFC 9112 §2.2: a server ought to ignore at least one; h11 refused even
    one as a request without a request line), however many there are: the
    header deadline bounds how long a client may send them.
    """

    def __init__(self, max_incomplete_event_size: int, watcher: H11HeaderTimeoutProtocol):
        super().__init__(h11.SERVER, max_incomplete_event_size=max_incomplete_event_size)
        self.watcher = watcher
        self.in_head = False  # the last event was looked for in a request head
        self.in_body = False  # the last event was looked for in a request body
        self.body_read = 0  # the bytes of the body of the request read last read so far

    def next_event(self) -> Any:
        self.in_head = self.their_state is h11.IDLE
        self.in_body = self.their_state is h11.SEND_BODY
        head = self._skip_empty_lines() if self.in_head else b""  # (what has arrived of the head)
        if head == b"\r" and not self.trailing_data[1]:
            return h11.NEED_DATA  # (a CR that may begin one more empty line: h11 would refuse it)
        try:
            event = super().next_event()
        except h11.RemoteProtocolError as exc:
            if self.in_head:
                self.watcher.head_unreadable(head, exc)
            raise
        if isinstance(event, h11.Request):
            self.body_read = 0
            self.watcher.head_read(event, head)
        elif isinstance(event, h11.Data):
            self.body_read += len(event.data)
        return event

    def _skip_empty_lines(self) -> bytes:
        """Drop the empty lines (CRLF, or LF) the data received begins with; what is left of it."""
        data = self.trailing_data[0]
        skip = 0
        while line_end := 1 if data.startswith(b"\n", skip) else 2 if data.startswith(b"\r\n", skip) else 0:
            skip += line_end
        # (h11 has no public way to drop received bytes; an h11 without this private buffer refuses the empty
        # lines as it always did, rather than failing every request)
        drop = getattr(getattr(self, "_receive_buffer", None), "maybe_extract_at_most", None)
        if not skip or drop is None:
            return data
        drop(skip)
        return data[skip:]


class H11HeaderTimeoutProtocol(_HeadGuard, _H11):  # type: ignore[misc]  # (eof_received: as above)
    """uvicorn's h11 protocol with the deadline, limits and answers of :class:`HeaderTimeoutProtocol`.

    What :func:`serve` runs when httptools is not installed: the same 414,
    431 and 400 in the service's error shape and language, the same header
    deadline. h11 holds at most ``max_head_bytes`` of a head that has not
    ended (it gives up beyond: 414 when the URL is over its limit, else
    431); a head that arrived whole is measured here. The head of a URL over
    the limit when h11 gives up (the URL still arriving, or the header fields
    after it) is read on here to the end of the head, only its
    ``lang`` and the ``Accept-Language`` field kept (:class:`_RestOfHead`),
    as :class:`HeaderTimeoutProtocol` reads it; a URL over the limit in a head
    h11 still holds (within its limit) is refused at the header deadline, or
    when the client closes its sending side, with what arrived, as
    :class:`HeaderTimeoutProtocol` refuses it. Empty lines before a request
    line are skipped, as httptools skips them (:class:`_WatchedConnection`).
    A header field folded onto a line of its own (obs-fold), which h11 reads
    as spaces, is refused as httptools refuses it (:func:`_folded`). A head
    the client cuts short by closing its sending side is refused as
    httptools refuses it (:func:`_refusal_of_cut_head`).
    """

    conn: _WatchedConnection
    _refused_head: tuple[bytes, list[tuple[bytes, bytes]]] = (b"", [])  # the target and header fields refused
    _rest: _RestOfHead | None = None  # a URL over the limit that h11 gave up on: the rest of its head, read here

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = self.config.h11_max_incomplete_event_size
        self.conn = _WatchedConnection(self.max_head_bytes if limit is None else limit, self)

    def head_read(self, request: h11.Request, head: bytes) -> None:
        """Refuse a head h11 read whole (``head``: the bytes it was read from) that is over a limit, names another
        HTTP version, has no Host or two, or says its body's length twice (raises to stop)."""
        self._disarm()
        fields = list(request.headers)
        size = len(request.method) + len(request.target) + len(request.http_version) + 8
        size += sum(len(name) + len(value) + 4 for name, value in fields)
        folded = _folded(head)  # (h11 read a fold as spaces: httptools refuses it, where it comes)
        if folded:
            self._refusal = _header_folded()
        elif len(request.target) > self.max_url_bytes:
            self._refusal = _url_too_long(self.max_url_bytes)
        elif size > self.max_head_bytes:
            self._refusal = _head_too_large(self.max_head_bytes)
        else:  # (h11 keeps one of Content-Length fields that say the same: httptools refuses them, and so here)
            said = _raw_fields(head) if any(name == b"content-length" for name, _ in fields) else fields
            self._refusal = _head_problem(request.http_version.decode("ascii"), said)
        if self._refusal is not None:  # (the fields of a folded head as httptools reads them: the fold not joined)
            self._refused_head = (request.target, _raw_fields(head) if folded else fields)
            _REFUSING.set(self._refusal[0] != 400)
            raise h11.RemoteProtocolError("refused by the service")  # (uvicorn answers with send_400_response)

    def head_unreadable(self, head: bytes, exc: h11.RemoteProtocolError) -> None:
        """The refusal of a head h11 could not read: over the limits while it arrived (h11's 431), or malformed."""
        self._refused_head = read_head(head)
        target = self._refused_head[0]
        if exc.error_status_hint == 431:
            too_long = len(target) > self.max_url_bytes
            self._refusal = _url_too_long(self.max_url_bytes) if too_long else _head_too_large(self.max_head_bytes)
            _REFUSING.set(True)
            if too_long:  # (the head not ended: a lang may come in the URL, and Accept-Language after it)
                self._rest = _RestOfHead(self.max_head_bytes)
                if self._rest.feed(head):
                    self._rest = None
        else:  # (h11 says which in words only: what it refused is read from the head itself)
            self._refusal = _refusal_of_unread_head(head)

    def data_received(self, data: bytes) -> None:
        if self._dropping:
            return
        if self._rest is None:
            super().data_received(data)
        elif self._rest.feed(data):
            self._answer_due()

    def _due(self) -> tuple[int, Message] | None:
        if self._rest is not None:
            return self._refusal
        over = len(read_head(self._held_head())[0]) > self.max_url_bytes  # (a URL over the limit in a head h11 holds)
        return _url_too_long(self.max_url_bytes) if over else None

    def _answer_due(self) -> None:
        if self._rest is None:  # (a head h11 holds, within its limit: read here as far as it arrived)
            head = self._held_head()
            self._refusal = _refusal_of_cut_head(head, self.max_url_bytes)  # (414, unless unreadable before the URL)
            self._answer(*read_head(head))
            return
        rest, self._rest = self._rest, None
        self._answer(b"", rest.fields, rest.lang.query())

    def _held_head(self) -> bytes:
        """What arrived of the next request's head, which h11 holds until it has ended (``b""`` when none), without
        the empty lines before it."""
        return self.conn.trailing_data[0].lstrip(b"\r\n") if self.conn.their_state is h11.IDLE else b""

    def _head_open(self) -> bool:
        return bool(self._held_head())

    def _head_cut(self) -> None:
        head = self._held_head()
        self._refusal = _refusal_of_cut_head(head, self.max_url_bytes)
        self._answer(*read_head(head), what=_HEAD_CUT)

    def _head_late(self) -> None:
        self._refusal = _head_timeout(self.header_timeout_s)
        self._answer(*read_head(self._held_head()), what=_head_late_said(self.header_timeout_s))

    def handle_events(self) -> None:
        reading = _READING.set(self)
        try:
            super().handle_events()
        finally:
            _READING.reset(reading)
            _REFUSING.set(False)

    def _body_open(self) -> bool:
        return self.conn.their_state is h11.SEND_BODY

    def _body_bytes(self) -> int:
        return self.conn.body_read

    def _body_refused(self) -> bool:
        return self._refusal is None and self.conn.in_body

    def send_400_response(self, msg: str) -> None:
        if self._body_refused():  # (the body's framing)
            self._body_unreadable()
            return
        if self._refusal is None:  # (not a request's: h11 reads none while an answer is pending)
            super().send_400_response(msg)
            return
        if self._rest is None:  # (else answered at the end of the head: :meth:`data_received`)
            self._answer(*self._refused_head)

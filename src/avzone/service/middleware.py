"""ASGI middleware: the body size limit and the fast path for single-point GETs."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.exceptions import HTTPException

from avzone.locate import locate
from avzone.service.common import JSON_TYPE, dumps

if TYPE_CHECKING:
    from avzone.service.app import _State


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_body_bytes`` with 413.

    Checked from ``Content-Length`` before anything is read, and again while
    the body is read (chunked uploads have no length), so no more than the
    limit (plus one chunk) is ever held in memory.
    """

    METHODS = frozenset({"POST", "PUT", "PATCH"})

    def __init__(self, app: Callable[..., Awaitable[None]], max_body_bytes: int):
        self.app = app
        self.max_body_bytes = int(max_body_bytes)

    def _message(self, size: str) -> str:
        return (
            f"request body too large: {size}, the limit is max_body_bytes={self.max_body_bytes} bytes; "
            "send fewer points per request"
        )

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] not in self.METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    body = dumps({"detail": self._message(f"Content-Length is {declared} bytes")})
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 413,
                            "headers": [
                                (b"content-type", JSON_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": body})
                    return
        received = 0

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(status_code=413, detail=self._message(f"more than {limit} bytes received"))
            return message

        await self.app(scope, limited_receive, send)


class LocateFastPath:
    """Answer well-formed ``GET /v1/locate`` requests without FastAPI's routing.

    Parsing three query parameters through FastAPI's dependency machinery
    costs about as much as locating the point, so a request whose ``lon`` and
    ``lat`` are plain decimal numbers (and whose parameters are neither
    repeated nor percent-encoded) is answered here, with the same function
    and the same bytes as the route. Anything else, and every error, goes on
    to the FastAPI route, which words the error.
    """

    _NUMBER = re.compile(rb"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")

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
        if b"at" in params:  # a time: the route answers
            return None
        if lon is None or lat is None or not self._NUMBER.match(lon) or not self._NUMBER.match(lat):
            return None
        raw_crs = params.get(b"crs", b"EPSG:4326")
        if b"%" in raw_crs or b"+" in raw_crs:
            return None
        try:
            crs_norm = self.state.crs(raw_crs.decode("ascii"))
            return dumps(locate(self.state.model, float(lon), float(lat), crs_norm).to_dict())
        except Exception:  # the route answers (and words) every error
            return None

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

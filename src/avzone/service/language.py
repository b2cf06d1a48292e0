"""The language of error answers: the ``lang`` query parameter, else the ``Accept-Language`` header.

English unless asked otherwise: ``lang=zh`` (or ``lang=en``) chooses, and
takes precedence over the header; without it the header's most wanted
language of English and Chinese is taken (q-values honoured, any ``zh-…``
tag is Chinese, ``*`` is English), else English. Only the ``detail`` (and
each ``errors[].msg``) of an error answer is written in that language
(:mod:`avzone.i18n`), and the ``notes`` of a successful answer; JSON keys,
statuses and the rest of successful answers are the same in both. The one
page, the map (``GET /``), is drawn in the language asked the same way, and
in the server's language (``avzone --lang zh serve``, else its locale) when
the request asks for none (:func:`of_page`).

An error answer (and a successful one with ``notes``) says its language in
``Content-Language`` (``en`` when its message has no Chinese text, such as
an error of the library that is not in the catalogue yet), and carries
``Vary: Accept-Language`` when the header chose it, so that a cache does not
hand one language's answer to a client asking for the other.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request

from avzone.i18n import LANGS, Message
from avzone.service.common import weighted_items

LANG_PARAM = "lang"
DEFAULT_LANG = "en"


def accept_language(header: str | None) -> str:
    """The language of ``LANGS`` an ``Accept-Language`` header wants most (English when it wants neither).

    A language's weight is the highest q-value of the ranges naming it (``zh``,
    ``zh-CN``, ``zh-Hant-TW``... are Chinese, and ``zh_CN``, a locale's name
    as some clients send it); ``*`` gives its weight to a
    language no range names; q=0 refuses. On equal weights a named language
    beats ``*``, then the one named first wins (English when ``*`` alone names
    both). Malformed ranges are skipped, the rest of the header read: a range
    whose q-value is not one as RFC 9110 writes it (``0`` to ``1``, at most
    three decimals: not ``1e0``, ``0_5``, ``inf``, ``-1``, ``1.0000``) or not
    written ``q=`` (``q = 0.7``: RFC 9110 has no whitespace around its ``=``) too.

    >>> accept_language("zh-CN,zh;q=0.9,en;q=0.8"), accept_language("en-US,zh;q=0.5")
    ('zh', 'en')
    >>> accept_language(None), accept_language("*"), accept_language("fr, zh;q=0.3"), accept_language("zh;q=0")
    ('en', 'en', 'zh', 'en')
    >>> accept_language("zh;q=1e0, en;q=0.5"), accept_language("zh-CN;q=1.0000, zh;q=0.2, en;q=0.1")
    ('en', 'zh')
    >>> accept_language("zh;q = 0.9, en;q=0.5"), accept_language("en;q = 0.9, zh;q=0.5")
    ('en', 'zh')
    """
    if not header:
        return DEFAULT_LANG
    named: dict[str, tuple[float, int]] = {}  # language -> (weight, place of its first range)
    wildcard: tuple[float, int] | None = None
    for place, tag, q in weighted_items(header):
        if not tag or not 0.0 <= q <= 1.0:  # (NaN fails the comparison too)
            continue
        if tag == "*":
            wildcard = (q, place) if wildcard is None else (max(wildcard[0], q), wildcard[1])
            continue
        lang = tag.replace("_", "-").split("-", 1)[0]  # (zh_CN, a locale's name as some clients send it: zh-CN)
        if lang in LANGS:
            seen = named.get(lang)
            named[lang] = (q, place) if seen is None else (max(seen[0], q), seen[1])
    weights: list[tuple[float, bool, int, bool, str]] = []  # the largest wins
    for lang in LANGS:
        if lang in named:
            q, place = named[lang]
            weights.append((q, True, -place, lang == DEFAULT_LANG, lang))
        elif wildcard is not None:
            weights.append((wildcard[0], False, -wildcard[1], lang == DEFAULT_LANG, lang))
    best = max(weights, default=None)
    return best[-1] if best is not None and best[0] > 0 else DEFAULT_LANG


def choose(param: str | None, header: str | None) -> tuple[str, bool]:
    """``(language, whether the header chose it)``: a valid ``lang`` parameter first, else the header.

    A ``lang`` that is not one of :data:`~avzone.i18n.LANGS` is refused (422)
    by the route; its refusal is written in the header's language.

    >>> choose("zh", "en"), choose(None, "zh-CN"), choose("fr", "zh")
    (('zh', False), ('zh', True), ('zh', True))
    """
    if param in LANGS:
        return str(param), False
    return accept_language(header), True


def _header(headers: Headers) -> str | None:
    values = headers.getlist("accept-language")
    return ", ".join(values) if values else None


def of_request(request: Request) -> tuple[str, bool]:
    """:func:`choose` for a request (the last ``lang`` parameter counts, as for the route's parameters)."""
    return choose(request.query_params.get(LANG_PARAM), _header(request.headers))


def of_page(request: Request, default: str) -> tuple[str, bool]:
    """The language of a page (the map, ``GET /``) and whether it varies with ``Accept-Language``.

    A valid ``lang`` parameter first, else the ``Accept-Language`` header
    when the request sends one (:func:`accept_language`), else ``default``
    (the server's language: ``avzone --lang zh serve``, else its locale, as
    ``avzone map`` takes it). Unless ``lang`` chose,
    the answer depends on the header (whether it is sent, and what it wants).

    >>> from starlette.requests import Request
    >>> def asking(query: bytes, *headers: tuple[bytes, bytes]) -> Request:
    ...     return Request({"type": "http", "query_string": query, "headers": list(headers)})
    >>> of_page(asking(b"lang=zh"), "en"), of_page(asking(b"", (b"accept-language", b"zh-TW")), "en")
    (('zh', False), ('zh', True))
    >>> of_page(asking(b""), "zh"), of_page(asking(b"", (b"accept-language", b"en-GB;q=0.8")), "zh")
    (('zh', True), ('en', True))
    """
    param = request.query_params.get(LANG_PARAM)
    if param in LANGS:
        return str(param), False
    header = _header(request.headers)
    return (accept_language(header) if header else default), True


def of_scope(scope: dict[str, Any]) -> tuple[str, bool]:
    """:func:`choose` for an ASGI scope (for the middleware, before any routing)."""
    query = QueryParams(scope.get("query_string", b""))
    return choose(query.get(LANG_PARAM), _header(Headers(scope=scope)))


#: The refusals the framework words itself (routing: a path or a method the service does not serve), by status.
FRAMEWORK_MESSAGES = {404: "http_not_found", 405: "http_method_not_allowed"}


def framework_detail(status: int, detail: Any) -> Any:
    """``detail`` as a :class:`Message` when it is the framework's own wording for ``status`` (its reason phrase).

    Starlette refuses an unknown path with 404 and a method a path does not
    serve with 405, their detail the status's phrase ("Not Found", "Method
    Not Allowed"); as catalogue messages they are written in the language
    asked, the same English as before. Any other detail (the service's own
    404 for an unknown layer, a message already) is returned as it is.

    >>> framework_detail(404, "Not Found").text("zh"), framework_detail(404, "no layer 'x'")
    ('未找到：服务没有这个路径', "no layer 'x'")
    """
    key = FRAMEWORK_MESSAGES.get(status)
    if key is None or isinstance(detail, Message) or detail != HTTPStatus(status).phrase:
        return detail
    return Message(key)


def render_detail(detail: Any, lang: str) -> tuple[Any, bool]:
    """An error's detail in ``lang``, and whether it is a message of the catalogue (else it is English text)."""
    if isinstance(detail, Message):
        return detail.text(lang), True
    return detail, False


def answer_headers(lang: str, translated: bool, from_header: bool) -> dict[str, str]:
    """The language headers of an error answer for a client wanting ``lang`` (``translated``: :func:`render_detail`).

    ``Content-Language`` is the language the answer is written in;
    ``Vary: Accept-Language`` is added when the header chose it and the
    answer is written in the language asked (it would read otherwise with
    another header).
    """
    out = {"Content-Language": lang if translated else DEFAULT_LANG}
    if translated and from_header:
        out["Vary"] = "Accept-Language"
    return out

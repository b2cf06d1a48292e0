"""The HTTP API: a versioned JSON service over one loaded dataset.

:func:`create_app` builds the ASGI application (FastAPI) for a
:class:`~avzone.model.Model`; :func:`serve` runs it with uvicorn. The dataset
is chosen when the service starts (``serve(data=...)``, or the ``AVZONE_DATA``
environment variable for :func:`app_from_env`); no request ever names a file.

Endpoints (all JSON unless said otherwise; the OpenAPI document is served at
``/openapi.json`` and browsable at ``/docs`` and ``/redoc``; every page loads
its scripts and style sheets from the service, ``GET /assets/...``, not from a
CDN: :mod:`avzone.service.assets`):

``GET /v1/locate?lon=&lat=&crs=&at=``
    One point: exactly what ``avzone locate --json`` prints
    (:meth:`avzone.locate.Location.to_dict`).
``POST /v1/locate?crs=&override_crs=&distances=&at=``
    Many points: a JSON array of ``[lon, lat]`` pairs or a GeoJSON
    FeatureCollection of Points (a ``crs`` that contradicts its old ``crs``
    member is a 422 unless ``override_crs=true``:
    :func:`avzone.crs.declared_or_given`). One answer per input point, in input order;
    a point that cannot be located keeps its place with a ``status`` saying
    why. Zones always; distances to the edges and the nearest hub only with
    ``distances=true`` (then an ``ok`` answer is the single-point answer plus
    ``status``); with ``at``, each answer's ``zone_in_force``, ``in_force``
    and ``in_force_status`` as the single-point answer gives them.
``POST /v1/events?crs=&max_gap_s=&max_gap_m=&zones=&tolerance_m=``
    Trajectories (``{"trajectories": [{"id": ..., "fixes": [[lon, lat,
    time], ...]}]}``): the events, summary and row statuses of
    :func:`avzone.events.events` (``avzone events``), one status per fix;
    a gap limit of 0 or inf is no limit, as on the command line.
``GET /v1/layers``, ``GET /v1/layers/{layer_id}``
    The layers with kind, titles, nominal and geodesic areas; one layer as a
    GeoJSON FeatureCollection (its features as read from the dataset).
``GET /v1/growth?from=&to=``, ``GET /v1/check``, ``GET /healthz``
    ``avzone growth --json``, ``avzone check --json``, liveness.
``GET /``
    The interactive map (:meth:`Model.map`) in the language asked (``lang``,
    else ``Accept-Language``, else the server's language: ``avzone --lang zh
    serve``, :func:`create_app`'s ``lang``, else its locale), rendered once per
    language and cached; Leaflet from ``assets/leaflet/`` (a relative URL).

``crs`` (both locate endpoints) takes names only: authority codes known to
PROJ (``EPSG:4326``, ``EPSG:32650``, ``OGC:CRS84``...), bare EPSG numbers,
``gcj02`` / ``bd09`` / ``gcj02merc``. WKT and PROJ strings are refused, as PROJ parameters
such as ``+init=`` or ``+nadgrids=`` name files.

Every ``GET`` also answers ``HEAD`` (the same status and headers, no body:
:class:`~avzone.service.middleware.HeadAsGet`).

Errors are ``{"detail": "..."}`` with 414 (a request URL over
:data:`~avzone.service.common.MAX_URL_BYTES`), 431 (a request line and headers
over :data:`~avzone.service.common.MAX_HEAD_BYTES`), 400 (a request head the
HTTP parser cannot read: a malformed request line or header field, or one
folded onto a line of its own, RFC 9112 §5.2 obs-fold, with h11 as with
httptools; an HTTP/1.1
request without exactly one ``Host`` field; a body whose length both
``Transfer-Encoding`` and ``Content-Length`` say, or ``Content-Length`` more than
once: the connection is then closed; these three
answered by :func:`serve`'s protocol, :class:`~avzone.service.middleware.HeaderTimeoutProtocol`,
or :class:`~avzone.service.middleware.H11HeaderTimeoutProtocol` without httptools),
404 (unknown layer or path), 405 (a method a path does not serve; ``Allow``
names every method it serves), 413 (body larger
than ``max_body_bytes``, or more than ``max_points`` points or fixes), 415 (a body
declared of a type that is not JSON, ``Content-Type: text/csv``: JSON is
``application/json`` and the ``+json`` types, and a body of no type, of
``application/octet-stream`` or of the types clients give a body of no type
said, ``application/x-www-form-urlencoded`` as ``curl -d`` sends it and
``text/plain`` as ``fetch`` does, is read as JSON too:
:func:`~avzone.service.parsing.refuse_other_media_type`; a body
sent with a ``Content-Encoding`` such as gzip: the JSON is read as it is), 422 (a missing
or malformed parameter or body item, an unknown CRS, swapped lon/lat, a
position out of range), 408 (a request body that stalls for
:data:`~avzone.service.common.BODY_TIMEOUT_S` seconds: the connection is then
closed, ``Connection: close``) or 503 (the map page
could not be rendered, the API keeps working; or too many heavy requests
are waiting); validation errors also carry ``errors``, the per-field list.
An unexpected failure (a bug) is a 500 in the same shape and language,
``{"detail": "internal error: ..."}``, saying nothing of its cause: the
exception and its traceback are logged (logger ``avzone.service``), not sent
(:class:`~avzone.service.middleware.UnexpectedErrorMiddleware`). A request
whose body the HTTP parser cannot read (malformed chunked framing) is a 400
in the same shape and language, and the connection is closed; when its
answer has already begun (a path that does not exist is answered without
its body being read), nothing more is written and the connection is closed
after that answer. So is a request whose body the client cuts short by
closing its sending side (fewer bytes than its ``Content-Length``, or no
last chunk), and a request head it cuts short so, before the empty line
that ends it (414 when its URL is over the limit; nothing is answered when
nothing of a request arrived); a client that closes its sending side after whole requests
gets their answers, then the connection is closed. A value a refusal quotes is cut after 100
characters, its length said (:class:`avzone.i18n.Quoted`).

Language: every endpoint takes ``lang=en`` or ``lang=zh`` (anything else is a
422 naming it), which takes precedence over the ``Accept-Language`` header
(q-values honoured; ``zh-…`` tags are Chinese; English when neither is
wanted). English is the default. Only the ``detail`` of an error (and each
``errors[].msg``) changes language, through the catalogue of
:mod:`avzone.i18n` (the framework's own 404 and 405 included): a library error is written as
:func:`avzone.i18n.error_text` writes it (English when it has no Chinese text
yet), and so are the ``notes`` of a successful answer (a datum PROJ does not
shift, an ``override_crs`` that overrode nothing; with ``Content-Language``,
and ``Vary`` when the header chose). JSON keys, statuses, event kinds and the
rest of successful answers are the same in both, including the sentences some
answers carry (``in_force_status``, the checks' ``detail``), which are English
as in ``avzone ... --json``; the map
page (``GET /``) is drawn in the language asked the same way, in the server's
language (``avzone --lang zh serve``; else its locale) when the request asks for none. An error
answer says its language in ``Content-Language`` and carries ``Vary:
Accept-Language`` when that header chose it (:mod:`avzone.service.language`);
remembered refusals (an unknown ``crs``, a map that failed) are kept as
messages, written anew for each client.

Hostile clients: :func:`serve` closes a connection that has not sent complete
request headers within :data:`~avzone.service.common.HEADER_TIMEOUT_S`
seconds (:class:`~avzone.service.middleware.HeaderTimeoutProtocol`, or
:class:`~avzone.service.middleware.H11HeaderTimeoutProtocol` without httptools),
answering a head that had begun 408 in the same shape and language, and
closing one on which nothing of a request arrived without an answer; idle
keep-alive connections after ``KEEP_ALIVE_S``, and serves at most
``LIMIT_CONCURRENCY`` connections at once (503 beyond, in the same shape and language, with ``Retry-After``:
:meth:`~avzone.service.middleware._HeadGuard._within_capacity`); an upload the client abandons is
logged as one line. Heavy requests (``distances=true`` or bodies over
``HEAVY_BODY_BYTES``) run one at a time in a pool of their own, with a
bounded queue (503 with ``Retry-After`` when full), so that they cannot
starve single-point requests.

Speed: the zone index is built and every zone's boundary projected once, at
start-up; both endpoints answer through the library's one locator
(:func:`avzone.locate.locate` for one point, :func:`avzone.locate.locate_many`
for a batch), so a single-point answer costs about 0.1-0.2 ms of Python, and
well-formed requests skip FastAPI's routing (:class:`LocateFastPath`).
Distances to the edges are computed in a projection centred on each zone; for
a point beyond its reach (half a world away) the exact fallback of
:class:`avzone.geodesy.BoundaryDistance` answers.
"""

from avzone.service.app import app_from_env, create_app, serve
from avzone.service.common import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POINTS, dumps
from avzone.service.middleware import BodyLimitMiddleware, HeadAsGet, LocateFastPath, UnexpectedErrorMiddleware

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_POINTS",
    "BodyLimitMiddleware",
    "HeadAsGet",
    "LocateFastPath",
    "UnexpectedErrorMiddleware",
    "app_from_env",
    "create_app",
    "dumps",
    "serve",
]

"""The files the service's pages load, served by the service itself: Leaflet for the map (``/``), Swagger UI's and
ReDoc's for ``/docs`` and ``/redoc``, so that the pages work with only the server reachable (an intranet).

They are read from installed packages at run time, none copied into avzone: Leaflet (BSD-2-Clause) from
``xstatic-leaflet`` (a dependency of avzone), Swagger UI (Apache-2.0) and ReDoc (MIT) from ``fastapi-offline``
(``avzone[serve]``; without it the documentation pages load them from FastAPI's CDN, and a log line says so).
The pages link to them with relative URLs (``assets/...``), which also work behind a reverse proxy that serves
the service under a path prefix.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from avzone._mapjs import leaflet_files
from avzone.errors import AvzoneError
from avzone.service.common import _Blob, log

#: Where the files are served, under the service's root: ``assets/leaflet/leaflet.js``, ...
ASSETS = "assets"
#: The map page's ``leaflet_url`` (:func:`avzone.maps.make_map`), relative to ``/``.
LEAFLET_URL = f"{ASSETS}/leaflet/"
#: Swagger UI's and ReDoc's files, in fastapi-offline's ``static`` folder, served under ``assets/docs/``.
DOCS_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")
DOCS_URL = f"{ASSETS}/docs/"
#: How long a browser may keep a file without asking again (a week): they change only with the installed packages,
#: and the ETag makes the question after that cheap (a 304).
ASSET_MAX_AGE_S = 7 * 24 * 3600
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png"}


def docs_folder() -> Path | None:
    """fastapi-offline's folder of Swagger UI's and ReDoc's files (:data:`DOCS_FILES`); None when the package is
    not installed or lacks one of them."""
    try:
        spec = importlib.util.find_spec("fastapi_offline")
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "static"
    return folder if all((folder / name).is_file() for name in DOCS_FILES) else None


def asset_files() -> dict[str, Path]:
    """Every file served under ``assets/``, by its path there: Leaflet's (:func:`avzone._mapjs.leaflet_files`)
    under ``leaflet/``, Swagger UI's and ReDoc's under ``docs/``; a package that is not installed gives none."""
    files: dict[str, Path] = {}
    try:
        files |= {f"leaflet/{name}": path for name, path in leaflet_files().items()}
    except AvzoneError:  # (xstatic-leaflet missing: the map page says so, a 503)
        log.warning("xstatic-leaflet is not installed: the map page (/) cannot be served")
    folder = docs_folder()
    if folder is None:
        log.warning(
            "fastapi-offline is not installed: /docs and /redoc load Swagger UI and ReDoc from a CDN "
            "(install avzone[serve], or fastapi-offline, for pages that need only the server)"
        )
    else:
        files |= {f"docs/{name}": folder / name for name in DOCS_FILES}
    return files


def serves_leaflet(files: dict[str, Path]) -> bool:
    """Whether :func:`asset_files` has Leaflet's script and style sheet, which the map page links to."""
    return {"leaflet/leaflet.js", "leaflet/leaflet.css"} <= files.keys()


def serves_docs(files: dict[str, Path]) -> bool:
    """Whether :func:`asset_files` has Swagger UI's and ReDoc's files (fastapi-offline is installed)."""
    return {f"docs/{name}" for name in DOCS_FILES} <= files.keys()


def add_asset_routes(app: FastAPI, files: dict[str, Path], once: Callable[[Any, Callable[[], Any]], Any]) -> None:
    """``GET /assets/{path}``: the files of :func:`asset_files`, each read once (``once``, the service's cache)
    and answered with its type, ``Cache-Control`` and ``ETag`` (:class:`~avzone.service.common._Blob`); any
    other path is a 404. Not in the OpenAPI document (as the pages that load them are not)."""

    def blob(path: str) -> _Blob:
        file = files[path]
        return _Blob(file.read_bytes(), MEDIA_TYPES[file.suffix], max_age=ASSET_MAX_AGE_S)

    async def asset(request: Request) -> Response:
        path = request.path_params["path"]
        if path not in files:  # (only the files listed: no path reaches the file system)
            raise HTTPException(404)
        answer: _Blob = await run_in_threadpool(once, ("asset", path), lambda: blob(path))
        return answer.response(request)

    app.add_route(f"/{ASSETS}/{{path:path}}", asset, methods=["GET"], include_in_schema=False)

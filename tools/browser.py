"""Drive avzone's map pages in headless Chromium: the launch flags, Leaflet served locally, screenshots.

Used by tools/make_images.py (the README's pictures) and by the browser tests
(tests/browser_pages.py). Needs the ``playwright`` package (in the ``test``
extra) and Debian's Chromium at /usr/bin/chromium (``make browser``); never
Playwright's own browser download.

    .venv/bin/python tools/browser.py MAP.html MAP.png [--width 1200 --height 800]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import folium

from avzone._mapjs import leaflet_assets
from avzone.errors import AvzoneError, InputError

CHROMIUM = Path("/usr/bin/chromium")
#: How avzone starts Chromium for screenshots and tests (no sandbox, no background traffic).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def route_leaflet_locally(page: Any) -> None:
    """Serve Leaflet's CDN files to a Playwright page from the installed ``xstatic-leaflet`` package.

    Online maps then render where the CDN cannot be reached (tests, CI,
    screenshots behind a firewall), with the same Leaflet version.
    """
    js, css, _ = leaflet_assets()
    for _name, url in (*folium.Map.default_js, *folium.Map.default_css):
        if url.endswith("/leaflet.js"):
            page.route(url, lambda route: route.fulfill(body=js, content_type="application/javascript"))
        elif url.endswith("/leaflet.css"):
            page.route(url, lambda route: route.fulfill(body=css, content_type="text/css"))


def screenshot_map(
    html_path: str | Path,
    png_path: str | Path,
    width: int = 1200,
    height: int = 800,
    *,
    executable_path: str | None = str(CHROMIUM),
    wait_ms: int = 1500,
    block_network: bool = False,
) -> Path:
    """Render a saved map page to a PNG in headless Chromium, e.g. for the README.

    Parameters
    ----------
    html_path, png_path : str or Path
        The page (from :func:`avzone.maps.save_map`) and the PNG to write.
    width, height : int
        Viewport size in CSS pixels.
    executable_path : str or None, default "/usr/bin/chromium"
        The Chromium to drive (Debian's package); None for Playwright's own.
    wait_ms : int, default 1500
        Time given to tiles after the vector layers have appeared.
    block_network : bool, default False
        Abort every non-file request (tiles included).

    Returns
    -------
    Path
        ``png_path``.

    Raises
    ------
    InputError
        When ``html_path`` is not a file.
    AvzoneError
        Without the ``playwright`` package or the Chromium executable.

    Notes
    -----
    Leaflet's CDN files are served from the installed ``xstatic-leaflet``
    package, so an online page renders even where the CDN is unreachable.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise AvzoneError("screenshots need the playwright package: pip install playwright") from None
    html_path, png_path = Path(html_path).resolve(), Path(png_path)
    if not html_path.is_file():
        raise InputError(f"{html_path}: no such file")
    if executable_path and not Path(executable_path).exists():
        raise AvzoneError(f"no Chromium at {executable_path}: install it (apt-get install chromium, or make browser)")
    png_path.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable_path, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            if block_network:
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            route_leaflet_locally(page)
            page.goto(html_path.as_uri())
            page.wait_for_selector("path.leaflet-interactive", timeout=15_000)
            page.wait_for_timeout(wait_ms)
            page.screenshot(path=str(png_path))
        finally:
            browser.close()
    return png_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render a saved avzone map page to a PNG in headless Chromium.")
    parser.add_argument("html", type=Path, help="the map page (avzone map -o MAP.html)")
    parser.add_argument("png", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1200, help="viewport width in CSS pixels (default 1200)")
    parser.add_argument("--height", type=int, default=800, help="viewport height in CSS pixels (default 800)")
    parser.add_argument("--block-network", action="store_true", help="abort every non-file request (tiles too)")
    args = parser.parse_args(argv)
    try:
        png = screenshot_map(args.html, args.png, args.width, args.height, block_network=args.block_network)
    except AvzoneError as exc:
        parser.exit(2, f"browser.py: error: {exc}\n")
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

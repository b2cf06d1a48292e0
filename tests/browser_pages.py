"""Map pages in a real headless Chromium, for the browser tests.

The launch flags, Leaflet served from the installed package and the
screenshot function come from tools/browser.py (the same code that makes the
README's pictures); this module adds the test side: the Chromium fixture's
launcher and :class:`Page`, a loaded map with its JS errors and requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tool_modules import load_tool

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"


tools_browser = load_tool("browser")
CHROMIUM: Path = tools_browser.CHROMIUM
screenshot_map = tools_browser.screenshot_map


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; the test is skipped when either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or `make browser`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(tools_browser.CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


class Page:
    """A loaded map page, its JS errors and the map's JS variable name.

    The network is blocked: every non-file request fails (tiles, as they
    would offline), except Leaflet's CDN files on an online page, which are
    served from the installed xstatic-leaflet package.
    """

    def __init__(self, browser: Any, path: Path, *, offline: bool = False, locale: str | None = None):
        extra = {"locale": locale} if locale else {}  # (the browser's locale: its number formats)
        self.context = browser.new_context(viewport={"width": 1200, "height": 800}, offline=offline, **extra)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)
        self.page.on("request", lambda r: None if r.url.startswith("file:") else self.requests.append(r.url))
        self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        if not offline:
            tools_browser.route_leaflet_locally(self.page)
        html = path.read_text(encoding="utf-8")
        found = re.search(r'class="avzone-data"[^>]*data-map="(\w+)"', html)
        assert found, f"{path} has no avzone-data element"
        self.map_name = found.group(1)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("path.leaflet-interactive", timeout=15_000)

    def _console(self, message: Any) -> None:
        # Failed tile or CDN loads (the network is blocked) are expected; JS errors are not.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(f"(arg) => {{ const map = {self.map_name}; return {expression}; }}", arg)

    def click_at(self, lon: float, lat: float) -> dict[str, str]:
        """Centre the map on a spot, click it, return the point check's data attributes."""
        self.js("map.closePopup()")
        self.js("map.setView([arg[1], arg[0]], 13, {animate: false})", [lon, lat])
        x, y = self.js("(p => [p.x, p.y])(map.latLngToContainerPoint([arg[1], arg[0]]))", [lon, lat])
        box = self.page.locator(f"#{self.map_name}").bounding_box()
        self.page.mouse.click(box["x"] + x, box["y"] + y)
        check = self.page.locator(".leaflet-popup .avzone-check")
        check.wait_for(timeout=5_000)
        return check.evaluate("el => Object.assign({}, el.dataset)")

    def resize(self, width: int, height: int) -> None:
        """The viewport resized, and the map's own size read again (Leaflet does that on the window's resize)."""
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.wait_for_function(f"{self.map_name}.getSize().x === {width}")

    def close(self) -> None:
        self.context.close()


def paths_by_stroke(page: Page) -> dict[str, int]:
    """How many interactive SVG paths the page draws in each stroke colour."""
    strokes = page.page.eval_on_selector_all(
        "path.leaflet-interactive", "els => els.map(e => e.getAttribute('stroke'))"
    )
    return {s: strokes.count(s) for s in set(strokes)}

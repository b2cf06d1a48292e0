"""Map pages in a real headless Firefox, driven over WebDriver BiDi, for the second-browser tests.

Debian's Firefox ESR speaks the W3C WebDriver BiDi protocol itself (started
with ``--remote-debugging-port``): no geckodriver and no browser download,
only the ``websockets`` package. The pages are offline ones (Leaflet
inlined): every request a page makes is recorded, and an offline page makes
none. JavaScript errors (uncaught exceptions and ``console.error``) are
collected from the log. The test is skipped when Firefox or websockets is
missing (``make browser`` installs Firefox as root).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

FIREFOX_NAMES = ("firefox-esr", "firefox")
# Preferences of a fresh profile: no first-run pages, no background connections on a closed network.
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.connectivity-service.enabled": False,
    "network.captive-portal-service.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/",
}


def firefox_path() -> str | None:
    """The Firefox on PATH (Debian's ``firefox-esr`` first), or None."""
    for name in FIREFOX_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Firefox:
    """One headless Firefox and its BiDi session, with one browsing context (a 1200 x 800 viewport)."""

    def __init__(self, executable: str) -> None:
        self.sync_client = pytest.importorskip("websockets.sync.client", reason="the websockets package is missing")
        self.profile = tempfile.mkdtemp(prefix="avzone-firefox-")
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items())
        Path(self.profile, "user.js").write_text(prefs, encoding="utf-8")
        env = {**os.environ, "MOZ_HEADLESS": "1", "HOME": self.profile}
        self.proc = subprocess.Popen(
            [executable, "--headless", "--no-remote", "--profile", self.profile, "--remote-debugging-port=0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        url = self._listening_url()
        self.stack = ExitStack()
        self.ws = self.stack.enter_context(self.sync_client.connect(f"{url}/session", max_size=None, open_timeout=30))
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.command("session.new", capabilities={})
        self.command("session.subscribe", events=["log.entryAdded", "network.beforeRequestSent"])
        self.context = self.command("browsingContext.getTree")["contexts"][0]["context"]
        self.command("browsingContext.setViewport", context=self.context, viewport={"width": 1200, "height": 800})

    def _listening_url(self) -> str:
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 60
        seen = []
        for line in self.proc.stderr:  # (Firefox says where BiDi listens, on stderr, once it is ready)
            seen.append(line)
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                # (the rest of stderr read in the background: a full pipe would stop Firefox)
                threading.Thread(target=self.proc.stderr.read, daemon=True).start()
                return found.group(1)
            if time.monotonic() > deadline:
                break
        self.close()
        raise RuntimeError("Firefox did not start its WebDriver BiDi server:\n" + "".join(seen[-20:]))

    def command(self, method: str, **params: Any) -> Any:
        """Send one BiDi command and return its result (events that arrive meanwhile are kept)."""
        number = next(self.ids)
        self.ws.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=60))
            if message.get("id") == number:
                if message.get("type") == "error":
                    raise RuntimeError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]
            self.events.append(message)

    def close(self) -> None:
        try:
            if hasattr(self, "ws"):
                try:
                    self.command("session.end")
                except Exception:  # (the browser may already be gone)
                    pass
                self.stack.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


@contextmanager
def firefox() -> Iterator[Firefox]:
    """A headless Firefox for a test module; the test is skipped when there is none."""
    executable = firefox_path()
    if executable is None:
        pytest.skip("no Firefox on PATH (apt-get install firefox-esr, or `make browser` as root)")
    browser = Firefox(executable)
    try:
        yield browser
    finally:
        browser.close()


class FirefoxPage:
    """A loaded offline map page in Firefox: its JS errors, the requests it made, and the map's JS name."""

    def __init__(self, browser: Firefox, path: Path) -> None:
        self.browser = browser
        html = path.read_text(encoding="utf-8")
        found = re.search(r'class="avzone-data"[^>]*data-map="(\w+)"', html)
        assert found, f"{path} has no avzone-data element"
        self.map_name = found.group(1)
        browser.events.clear()
        browser.command("browsingContext.navigate", context=browser.context, url=path.as_uri(), wait="complete")
        self.wait_for("document.querySelectorAll('path.leaflet-interactive').length > 0")

    def _events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events if e.get("method") == method]

    @property
    def errors(self) -> list[str]:
        """Uncaught exceptions and console errors of the page so far."""
        return [
            f"{p.get('type')}: {p.get('text')}"
            for p in self._events("log.entryAdded")
            if p.get("level") == "error" or p.get("type") == "javascript"
        ]

    @property
    def requests(self) -> list[str]:
        """Every non-file URL the page asked for."""
        urls = [p["request"]["url"] for p in self._events("network.beforeRequestSent")]
        return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate ``expression`` with ``map`` (the Leaflet map) and ``arg`` (JSON) bound; its value as JSON."""
        source = (
            f"((arg) => {{ const map = {self.map_name}; const value = ({expression}); "
            f"return value === undefined ? null : JSON.stringify(value); }})({json.dumps(arg)})"
        )
        result = self.browser.command(
            "script.evaluate", expression=source, target={"context": self.browser.context}, awaitPromise=True
        )
        if result.get("type") == "exception":
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        value = result["result"].get("value")
        return None if value is None else json.loads(value)

    def wait_for(self, expression: str, arg: Any = None, timeout: float = 15.0) -> None:
        """Wait until ``expression`` (as :meth:`js` takes it) is true."""
        deadline = time.monotonic() + timeout
        while not self.js(f"!!({expression})", arg):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not true within {timeout} s in Firefox: {expression}")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        """A real mouse click at viewport pixel (x, y)."""
        pointer = {
            "type": "pointer",
            "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "x": round(x), "y": round(y)},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ],
        }
        self.browser.command("input.performActions", context=self.browser.context, actions=[pointer])

    def click_at(self, lon: float, lat: float, zoom: int = 13) -> None:
        """Centre the map on a spot and click it."""
        self.js("void map.closePopup()")
        self.wait_for("!document.querySelector('.leaflet-popup')")  # (Leaflet fades a closed popup out first)
        self.js("void map.setView([arg[1], arg[0]], arg[2], {animate: false})", [lon, lat, zoom])
        x, y = self.js("(p => [p.x, p.y])(map.latLngToContainerPoint([arg[1], arg[0]]))", [lon, lat])
        left, top = self.js("(r => [r.left, r.top])(map.getContainer().getBoundingClientRect())")
        self.click(left + x, top + y)

    def check_at(self, lon: float, lat: float) -> dict[str, str]:
        """Click a spot; the point check's data attributes from its popup."""
        self.click_at(lon, lat)
        self.wait_for("document.querySelector('.leaflet-popup .avzone-check')", timeout=5.0)
        return self.js("Object.assign({}, document.querySelector('.leaflet-popup .avzone-check').dataset)")

    def text(self, selector: str) -> str:
        return self.js("(e => e ? e.innerText : null)(document.querySelector(arg))", selector)

    def screenshot(self, path: Path) -> Path:
        data = self.browser.command("browsingContext.captureScreenshot", context=self.browser.context)["data"]
        path.write_bytes(base64.b64decode(data))
        return path


def strokes(page: FirefoxPage) -> dict[str, int]:
    """How many interactive SVG paths the page draws in each stroke colour."""
    found = page.js("[...document.querySelectorAll('path.leaflet-interactive')].map(e => e.getAttribute('stroke'))")
    return {s: found.count(s) for s in set(found)}

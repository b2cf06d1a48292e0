"""Map pages in two more browser engines, for tests/test_browser_engines.py.

- **Firefox** (Gecko): Debian's Firefox ESR speaks the W3C WebDriver BiDi
  protocol itself (started with ``--remote-debugging-port``), so no
  geckodriver and no browser download are needed, only the ``websockets``
  package. Its log gives the page's JS errors (uncaught exceptions and
  ``console.error``).
- **WebKit** (Safari's engine): Debian's WebKitGTK with its WebDriver
  (``WebKitWebDriver``, package webkit2gtk-driver) and MiniBrowser, spoken
  to in classic W3C WebDriver over HTTP (the standard library's urllib), on
  a virtual screen (Xvfb). Classic WebDriver has no log: errors thrown after
  the page has loaded are caught by a listener the test adds; an error while
  loading shows as a page that did not draw.

The pages are offline ones (Leaflet inlined), or the service's map page at
its URL (tests/service/test_assets.py); the requests a page made are read
from its resource timing entries, in both engines. A test is skipped
when its engine is missing (``make browser`` installs both, as root).
"""

from __future__ import annotations

import base64
import glob
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

ENGINES = ("firefox", "webkit")
VIEWPORT = (1200, 800)
FIREFOX_NAMES = ("firefox-esr", "firefox")
# Preferences of a fresh Firefox profile: no first-run pages, no background connections on a closed network.
FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.connectivity-service.enabled": False,
    "network.captive-portal-service.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/",
}
MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"


def _stop(proc: subprocess.Popen[Any]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


class Firefox:
    """One headless Firefox and its BiDi session, with one browsing context."""

    name = "firefox"

    def __init__(self, executable: str) -> None:
        client = pytest.importorskip("websockets.sync.client", reason="the websockets package is missing")
        self.stack = ExitStack()
        self.profile = tempfile.mkdtemp(prefix="avzone-firefox-")
        self.stack.callback(shutil.rmtree, self.profile, ignore_errors=True)
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items())
        Path(self.profile, "user.js").write_text(prefs, encoding="utf-8")
        env = {**os.environ, "MOZ_HEADLESS": "1", "HOME": self.profile}
        proc = subprocess.Popen(
            [executable, "--headless", "--no-remote", "--profile", self.profile, "--remote-debugging-port=0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        self.stack.callback(_stop, proc)
        try:
            url = self._listening_url(proc)
            self.ws = self.stack.enter_context(client.connect(f"{url}/session", max_size=None, open_timeout=30))
            self.ids = itertools.count(1)
            self.events: list[dict[str, Any]] = []
            self.command("session.new", capabilities={})
            self.stack.callback(self._end_session)
            self.command("session.subscribe", events=["log.entryAdded"])
            self.context = self.command("browsingContext.getTree")["contexts"][0]["context"]
            self.set_viewport(*VIEWPORT)
        except BaseException:
            self.stack.close()
            raise

    @staticmethod
    def _listening_url(proc: subprocess.Popen[str]) -> str:
        assert proc.stderr is not None
        seen = []
        for line in proc.stderr:  # (Firefox says where BiDi listens, on stderr, once it is ready)
            seen.append(line)
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                # (the rest of stderr read in the background: a full pipe would stop Firefox)
                threading.Thread(target=proc.stderr.read, daemon=True).start()
                return found.group(1)
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

    def _end_session(self) -> None:
        try:
            self.command("session.end")
        except Exception:  # (the browser may already be gone)
            pass

    def set_viewport(self, width: int, height: int) -> None:
        viewport = {"width": width, "height": height}
        self.command("browsingContext.setViewport", context=self.context, viewport=viewport)

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.command("browsingContext.navigate", context=self.context, url=url, wait="complete")

    def evaluate(self, source: str) -> Any:
        """The JSON text (or null) an expression gives, parsed."""
        result = self.command("script.evaluate", expression=source, target={"context": self.context}, awaitPromise=True)
        if result.get("type") == "exception":
            raise RuntimeError(result["exceptionDetails"].get("text"))
        value = result["result"].get("value")
        return None if value is None else json.loads(value)

    def log_errors(self) -> list[str]:
        return [
            f"{p.get('type')}: {p.get('text')}"
            for p in (e["params"] for e in self.events if e.get("method") == "log.entryAdded")
            if p.get("level") == "error" or p.get("type") == "javascript"
        ]

    def pointer(self, actions: list[dict[str, Any]]) -> None:
        device = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions}
        self.command("input.performActions", context=self.context, actions=[device])

    def screenshot(self) -> bytes:
        return base64.b64decode(self.command("browsingContext.captureScreenshot", context=self.context)["data"])

    def close(self) -> None:
        self.stack.close()


class WebKit:
    """WebKitGTK's MiniBrowser driven by WebKitWebDriver (classic WebDriver over HTTP) on an Xvfb screen."""

    name = "webkit"

    def __init__(self, driver: str, minibrowser: str, xvfb: str) -> None:
        self.stack = ExitStack()
        try:
            display = self._screen(xvfb)
            port = _free_port()
            env = {**os.environ, "DISPLAY": display}
            proc = subprocess.Popen(
                [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            self.stack.callback(_stop, proc)
            self.base = f"http://127.0.0.1:{port}"
            options = {"binary": minibrowser, "args": ["--automation"]}
            caps = {"alwaysMatch": {"browserName": "MiniBrowser", "webkitgtk:browserOptions": options}}
            deadline = time.monotonic() + 30
            while True:
                try:
                    session = self._request("POST", "/session", {"capabilities": caps})
                    break
                except OSError:  # (the driver is not listening yet)
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            self.session = f"/session/{session['sessionId']}"
            self.stack.callback(self._request, "DELETE", self.session)
            self.set_viewport(*VIEWPORT)
        except BaseException:
            self.stack.close()
            raise

    def set_viewport(self, width: int, height: int) -> None:
        """The window made as large as the viewport wanted plus the window's own chrome (it may take a moment)."""
        want, size = [width, height], [width, height]
        inner: list[int] = []
        for _ in range(50):
            self._request("POST", f"{self.session}/window/rect", {"width": size[0], "height": size[1]})
            time.sleep(0.05)
            script = {"script": "return [innerWidth, innerHeight]", "args": []}
            inner = self._request("POST", f"{self.session}/execute/sync", script)
            if inner == want:
                return
            size = [size[0] + want[0] - inner[0], size[1] + want[1] - inner[1]]
        raise RuntimeError(f"WebKit's viewport stays {inner}, not {want}")

    def _screen(self, xvfb: str) -> str:
        """A virtual screen of its own (Xvfb picks a free display number and writes it to a pipe)."""
        read, write = os.pipe()
        proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        self.stack.callback(_stop, proc)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start")
        return f":{number}"

    def _request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as exc:
            detail = json.load(exc).get("value", {})
            raise RuntimeError(f"{method} {path}: {detail.get('error')}: {detail.get('message')}") from None

    def navigate(self, url: str) -> None:
        self._request("POST", f"{self.session}/url", {"url": url})  # (returns once the page has loaded)

    def evaluate(self, source: str) -> Any:
        try:
            value = self._request("POST", f"{self.session}/execute/sync", {"script": f"return {source}", "args": []})
        except RuntimeError as exc:
            raise RuntimeError(str(exc).split(": ", 1)[-1]) from None
        return None if value is None else json.loads(value)

    def log_errors(self) -> list[str]:
        return []  # (classic WebDriver has no log: see EnginePage.errors)

    def pointer(self, actions: list[dict[str, Any]]) -> None:
        device = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions}
        self._request("POST", f"{self.session}/actions", {"actions": [device]})
        self._request("DELETE", f"{self.session}/actions")

    def screenshot(self) -> bytes:
        return base64.b64decode(self._request("GET", f"{self.session}/screenshot"))

    def close(self) -> None:
        self.stack.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _first(*names: str) -> str | None:
    return next((found for found in map(shutil.which, names) if found), None)


@contextmanager
def engine(name: str) -> Iterator[Firefox | WebKit]:
    """A browser of the engine ``name`` for a test module; the test is skipped when it is missing."""
    launched: Firefox | WebKit
    if name == "firefox":
        executable = _first(*FIREFOX_NAMES)
        if executable is None:
            pytest.skip("no Firefox on PATH (apt-get install firefox-esr, or `make browser` as root)")
        launched = Firefox(executable)
    else:
        driver, xvfb = _first("WebKitWebDriver"), _first("Xvfb")
        minibrowser = next(iter(sorted(glob.glob(MINIBROWSER_GLOB))), None)
        if driver is None or minibrowser is None or xvfb is None:
            pytest.skip("no WebKitGTK WebDriver or Xvfb (apt-get install webkit2gtk-driver xvfb, or `make browser`)")
        launched = WebKit(driver, minibrowser, xvfb)
    try:
        yield launched
    finally:
        launched.close()


class EnginePage:
    """A loaded map page: its JS errors, the requests it made, and the map's JS name.

    ``page``: a map file (opened at its file URI), or the URL of a served map page (``avzone serve``'s ``/``).
    """

    def __init__(self, browser: Firefox | WebKit, page: Path | str) -> None:
        self.browser = browser
        if isinstance(page, Path):
            html = page.read_text(encoding="utf-8")
            found = re.search(r'class="avzone-data"[^>]*data-map="(\w+)"', html)
            assert found, f"{page} has no avzone-data element"
            self.map_name = found.group(1)
            browser.navigate(page.as_uri())
        else:
            browser.navigate(page)
            data = "(document.querySelector('.avzone-data') || {dataset: {}}).dataset.map"
            name = browser.evaluate(f"JSON.stringify({data})")
            assert name, f"{page} has no avzone-data element"
            self.map_name = name
        self.wait_for("document.querySelectorAll('path.leaflet-interactive').length > 0")
        # errors thrown from here on (clicks, popups, redraws), in every engine
        self.js("void (window.avzoneErrors = [], addEventListener('error', e => avzoneErrors.push(String(e.message))))")

    @property
    def errors(self) -> list[str]:
        """The page's JS errors: the engine's log (Firefox), and errors thrown since the page loaded."""
        return self.browser.log_errors() + [f"error: {e}" for e in self.js("window.avzoneErrors || []")]

    @property
    def requests(self) -> list[str]:
        """Every URL but the page's own file (and data: URLs) that the page fetched or tried to."""
        names = self.js("performance.getEntriesByType('resource').map(e => e.name)")
        return [u for u in names if not u.startswith(("file:", "data:", "about:", "blob:"))]

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate ``expression`` with ``map`` (the Leaflet map) and ``arg`` (JSON) bound; its value as JSON."""
        source = (
            f"((arg) => {{ const map = {self.map_name}; const value = ({expression}); "
            f"return value === undefined ? null : JSON.stringify(value); }})({json.dumps(arg)})"
        )
        try:
            return self.browser.evaluate(source)
        except RuntimeError as exc:
            raise RuntimeError(f"{expression} in {self.browser.name}: {exc}") from None

    def wait_for(self, expression: str, arg: Any = None, timeout: float = 15.0) -> None:
        """Wait until ``expression`` (as :meth:`js` takes it) is true."""
        deadline = time.monotonic() + timeout
        while not self.js(f"!!({expression})", arg):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not true within {timeout} s in {self.browser.name}: {expression}")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        """A real mouse click at viewport pixel (x, y)."""
        self.browser.pointer(
            [
                {"type": "pointerMove", "x": round(x), "y": round(y), "origin": "viewport"},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]
        )

    def click_at(self, lon: float, lat: float, zoom: int = 13) -> None:
        """Centre the map on a spot and click it."""
        self.js("void map.closePopup()")
        self.wait_for("!document.querySelector('.leaflet-popup')")  # (Leaflet fades a closed popup out first)
        # (a popup's pan, still running when the last one closed, may move the map after setView: the view is
        # set until it stays, the spot in the map's container)
        centred = (
            "!map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)"
            " && (p => p.x >= 0 && p.y >= 0 && p.x <= map.getSize().x && p.y <= map.getSize().y)"
            "(map.latLngToContainerPoint([arg[1], arg[0]]))"
        )
        for _ in range(50):
            self.js("void map.setView([arg[1], arg[0]], arg[2], {animate: false})", [lon, lat, zoom])
            time.sleep(0.05)
            if self.js(centred, [lon, lat]):
                break
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

    def resize(self, width: int, height: int) -> None:
        """The map made ``width`` x ``height`` CSS pixels (its element, as a page embedding it or a notebook cell
        would: a window cannot be made as small as a phone's in every engine), and told so."""
        self.js(
            "void (Object.assign(map.getContainer().style, {width: arg[0] + 'px', height: arg[1] + 'px'}),"
            " map.invalidateSize({animate: false}))",
            [width, height],
        )
        self.wait_for("map.getSize().x === arg", width)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(self.browser.screenshot())
        return path


def strokes(page: EnginePage) -> dict[str, int]:
    """How many interactive SVG paths the page draws in each stroke colour."""
    found = page.js("[...document.querySelectorAll('path.leaflet-interactive')].map(e => e.getAttribute('stroke'))")
    return {s: found.count(s) for s in set(found)}

"""Benchmark: a map with a million of the user's points in headless Chromium (load, pan, zoom).

Run ``.venv/bin/python benchmarks/bench_map.py [--points N] [--json]`` (or ``make bench-map``).

Not a timed test: it prints what it measures. The page is what
``avzone map --points FILE --max-points N --offline`` writes (``make_map``
with ``offline=True``, every point drawn), made from ``--points`` points
(default 1,000,000) drawn uniformly over the zones' bounding box (seeded).
It is opened in Debian's Chromium (``/usr/bin/chromium``, the flags of
``tools/browser.py``) with the network blocked, in a 1200 x 800 viewport.

What is timed, each from Python, each ending when the browser has painted the
next frame after the map's handlers ran (``requestAnimationFrame``):

* ``build``: ``make_map`` + render + write (Python, not the browser);
* ``load``: ``page.goto`` until the points are drawn;
* ``pan (drag)``: a mouse drag of 300 x 200 px, from mouse-up to the end of the move (Leaflet's
  inertia included) and the redraw;
* ``pan (panBy)``: ``map.panBy`` by 400 px, no animation;
* ``zoom in`` / ``zoom out``: ``map.setZoom`` one level from the opening view, no animation;
* ``zoom to street level``: ``setView`` at zoom 15 (the points drawn one by one);
* ``wheel zoom``: a mouse-wheel step, until the zoom animation's end and the redraw.

Targets from the issue: load under 10 s and pan under 2 s on the project's
2-core machine. The report names the machine and the drawing mode
(``points``: one dot per point; ``cells``: one dot per grid cell).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import avzone
from avzone.maps import save_map

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from browser import CHROMIUM, CHROMIUM_ARGS  # tools/browser.py

TARGETS = {"load": 10.0, "pan (drag)": 2.0, "pan (panBy)": 2.0}
NEXT_FRAME = "() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))"


def make_page(n: int, folder: Path, seed: int) -> tuple[Path, float]:
    """The map page with ``n`` random points over the zones' bounding box, and the seconds it took."""
    model = avzone.load()
    west, south, east, north = model.layer_geometry("outlook").bounds
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"lon": rng.uniform(west, east, n), "lat": rng.uniform(south, north, n)})
    start = time.perf_counter()
    path = save_map(model, folder / "points.html", offline=True, points=frame, max_points=n, lang="en")
    return path, time.perf_counter() - start


def measure(path: Path) -> dict[str, Any]:
    """Load, pan and zoom times of the page in headless Chromium (seconds), and what was drawn."""
    from playwright.sync_api import sync_playwright

    html = path.read_text(encoding="utf-8")
    name = html.split('class="avzone-data"', 1)[1].split('data-map="', 1)[1].split('"', 1)[0]
    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 800}, offline=True)
            context.set_default_timeout(120_000)
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())

            def js(expression: str) -> Any:
                return page.evaluate(f"() => {{ const map = {name}; return {expression}; }}")

            def act(statement: str) -> None:  # no return value: Leaflet's methods return the map itself
                page.evaluate(f"() => {{ const map = {name}; {statement}; }}")

            def timed(label: str, action: Any) -> None:
                start = time.perf_counter()
                action()
                page.evaluate(NEXT_FRAME)
                out[label] = time.perf_counter() - start
                out[f"{label} mode"] = js("map.avzone.points.state.mode")

            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(f"() => {name}.avzone && {name}.avzone.points.state.drawn > 0")
            page.evaluate(NEXT_FRAME)
            out["load"] = time.perf_counter() - start
            out["in view"] = js("map.avzone.points.state.inView")
            out["dots drawn"] = js("map.avzone.points.state.drawn")
            out["load mode"] = js("map.avzone.points.state.mode")

            act("window.avzoneStart = [map.getCenter(), map.getZoom()]")
            box = page.locator(f"#{name}").bounding_box()
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(cx, cy)
            page.mouse.down()
            page.mouse.move(cx + 150, cy + 100, steps=5)
            page.mouse.move(cx + 300, cy + 200, steps=5)
            act("window.avzoneMoved = false; map.once('moveend', () => { window.avzoneMoved = true; })")

            def release() -> None:  # until the drag (and any inertia) has ended and the points are redrawn
                page.mouse.up()
                page.wait_for_function("() => window.avzoneMoved")

            timed("pan (drag)", release)
            timed("pan (panBy)", lambda: act("map.panBy([-400, -200], {animate: false})"))
            act("map.setView(window.avzoneStart[0], window.avzoneStart[1], {animate: false})")  # back, untimed
            timed("zoom in", lambda: act("map.setZoom(map.getZoom() + 1, {animate: false})"))
            timed("zoom out", lambda: act("map.setZoom(map.getZoom() - 1, {animate: false})"))
            timed("zoom to street level", lambda: act("map.setView([39.80, 116.50], 15, {animate: false})"))
            timed("back to the whole map", lambda: act("map.setView([39.90, 116.45], 9, {animate: false})"))

            def wheel() -> None:
                page.mouse.move(cx, cy)
                zoom = js("map.getZoom()")
                page.mouse.wheel(0, -120)
                page.wait_for_function(f"() => {name}.getZoom() !== {zoom} && !{name}._animatingZoom")

            timed("wheel zoom", wheel)
            out["heap MB"] = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null")
        finally:
            browser.close()
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores usable, {platform.system()} {platform.machine()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load, pan and zoom times of a map with many points in Chromium.")
    parser.add_argument("--points", type=int, default=1_000_000, help="points on the map (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the points (default 0)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.exit(2, f"bench_map.py: no Chromium at {CHROMIUM} (apt-get install chromium, or make browser)\n")
    with tempfile.TemporaryDirectory() as tmp:
        path, build = make_page(args.points, Path(tmp), args.seed)
        size_mb = path.stat().st_size / 1e6
        print(f"page with {args.points:,} points: {size_mb:,.1f} MB, built in {build:.1f} s", file=sys.stderr)
        results = {"points": args.points, "page MB": round(size_mb, 1), "build": build, **measure(path)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"machine: {machine()}; Chromium {CHROMIUM}, headless, 1200 x 800, network blocked")
    print(
        f"{args.points:,} points, page {size_mb:,.1f} MB; at load {results['in view']:,} in view as "
        f"{results['dots drawn']:,} dots ({results['load mode']})"
    )
    print(f"{'step':<24} {'seconds':>8}  {'drawn as':<8}  target")
    print(f"{'build (Python)':<24} {build:>8.2f}")
    for label in (
        "load",
        "pan (drag)",
        "pan (panBy)",
        "zoom in",
        "zoom out",
        "zoom to street level",
        "back to the whole map",
        "wheel zoom",
    ):
        target = TARGETS.get(label)
        verdict = "" if target is None else f"< {target:g} s: {'met' if results[label] < target else 'NOT met'}"
        print(f"{label:<24} {results[label]:>8.2f}  {results[label + ' mode']:<8}  {verdict}")
    if results.get("heap MB"):
        print(f"JS heap after the run: {results['heap MB']:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

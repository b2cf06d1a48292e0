"""Make the README's pictures with the project's own commands.

    .venv/bin/python tools/make_images.py   (or: make images)

Writes docs/growth.png (``avzone growth --chart``), docs/growth-zh.png (the
same chart with ``--lang zh``, for README.zh-CN.md), docs/map.png (the map of
``avzone map --tiles none`` rendered in headless Chromium) and docs/map-zh.png
(the same map with ``--lang zh``). The maps are drawn
without a basemap so the pictures do not depend on a tile server; they show
the base context avzone draws itself (ring roads, districts, hub names).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from browser import screenshot_map  # tools/browser.py: this script's folder is on sys.path

DOCS = Path(__file__).resolve().parents[1] / "docs"
AVZONE = str(Path(sys.executable).with_name("avzone"))


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    for lang, png in (("en", "growth.png"), ("zh", "growth-zh.png")):
        chart = [AVZONE, "growth", "--chart", str(DOCS / png), "--lang", lang]
        subprocess.run(chart, check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        for lang, png in (("en", "map.png"), ("zh", "map-zh.png")):
            html = Path(tmp) / f"map-{lang}.html"
            command = [AVZONE, "map", "--tiles", "none", "--stages", "--locate", "116.3975", "39.9087"]
            subprocess.run(
                [*command, "--lang", lang, "-o", str(html)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            screenshot_map(html, DOCS / png, width=1200, height=860)
    print(f"wrote {DOCS / 'growth.png'}, {DOCS / 'growth-zh.png'}, {DOCS / 'map.png'} and {DOCS / 'map-zh.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The map's JavaScript and CSS files: they parse, they are what the page embeds, they ship in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tool_modules import load_tool

from avzone import _mapjs, maps
from avzone.errors import AvzoneError

check_assets = load_tool("check_assets")
ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "src" / "avzone" / "assets"
SCRIPTS = sorted(ASSETS.glob("*.js"))
STYLES = sorted(ASSETS.glob("*.css"))


@pytest.fixture(scope="module")
def node() -> str:
    found = check_assets.node_executable()
    if found is None:
        pytest.skip("Node.js is not installed (apt-get install nodejs, or `make node`): no node --check")
    return found


def test_every_asset_is_listed_and_every_listed_asset_exists():
    assert sorted(p.name for p in SCRIPTS) == sorted(_mapjs.MAP_SCRIPTS)
    assert sorted(p.name for p in STYLES) == sorted(_mapjs.MAP_STYLES)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_javascript_passes_node_check(script, node):
    assert check_assets.check_js(script, node) == []


def test_node_check_catches_a_syntax_error(tmp_path, node):
    broken = tmp_path / "broken.js"
    broken.write_text("function avzoneInit(map {\n", encoding="utf-8")
    problems = check_assets.check_js(broken, node)
    assert len(problems) == 1 and "SyntaxError" in problems[0]


@pytest.mark.parametrize("style", STYLES, ids=lambda p: p.name)
def test_css_parses(style):
    pytest.importorskip("tinycss2")
    assert check_assets.check_css(style) == []


def test_css_check_catches_broken_rules(tmp_path):
    pytest.importorskip("tinycss2")
    broken = tmp_path / "broken.css"
    broken.write_text(".a { color: red; }\n.b { color: ; }\n.c { width 3px }\n.d { color: red;\n", encoding="utf-8")
    problems = check_assets.check_css(broken)
    assert any(":2: color has no value" in p for p in problems)
    assert any(":3:" in p for p in problems)


def test_assets_cannot_close_their_element_early():
    for path in (*SCRIPTS, *STYLES):
        text = path.read_text(encoding="utf-8").lower()
        assert "</script" not in text and "</style" not in text and "<!--" not in text, path.name


def test_page_embeds_the_files_verbatim(model):
    page = maps.make_map(model, tiles="none").get_root().render()
    for name in (*_mapjs.MAP_SCRIPTS, *_mapjs.MAP_STYLES):
        assert (ASSETS / name).read_text(encoding="utf-8") in page, name
    assert page.count("function avzoneInit(") == 1


def test_a_missing_asset_is_a_clear_error():
    with pytest.raises(AvzoneError, match=r"avzone/assets/no-such-file\.js is missing"):
        _mapjs.read_asset("no-such-file.js")


@pytest.mark.slow
def test_wheel_carries_the_assets_and_py_typed(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    names = set(zipfile.ZipFile(next(tmp_path.glob("avzone-*.whl"))).namelist())
    for name in (*_mapjs.MAP_SCRIPTS, *_mapjs.MAP_STYLES):
        assert f"avzone/assets/{name}" in names
    assert "avzone/py.typed" in names


def test_the_library_does_not_drive_a_browser():
    """Screenshots and browser tests live in tools/browser.py and tests/browser_pages.py, not in the package."""
    package = ROOT / "src" / "avzone"
    offenders = [p.relative_to(ROOT) for p in package.rglob("*.py") if "playwright" in p.read_text(encoding="utf-8")]
    assert offenders == []

"""Check the map's JavaScript and CSS files shipped in src/avzone/assets.

    .venv/bin/python tools/check_assets.py [FILE ...]   (or: make assets)

JavaScript: ``node --check`` (a syntax check by Node.js; Debian's ``nodejs``).
Without Node the JavaScript is not checked, and the script says so; with
``--require-node`` that is an error. CSS: parsed with tinycss2, every rule and
declaration must parse, with a name and a value. Exit code 1 when a file fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "src" / "avzone" / "assets"


def node_executable() -> str | None:
    """Node.js on PATH (Debian names it ``node``, older packages ``nodejs``), or None."""
    return shutil.which("node") or shutil.which("nodejs")


def check_js(path: Path, node: str) -> list[str]:
    """Syntax errors in a JavaScript file, from ``node --check`` (empty when it parses)."""
    done = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    return [] if done.returncode == 0 else [f"{path}: node --check failed:\n{done.stderr.strip()}"]


def check_css(path: Path) -> list[str]:
    """Parse errors in a CSS file: rules and declarations that do not parse, or have no value."""
    import tinycss2

    problems = []
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    for rule in rules:
        where = f"{path}:{rule.source_line}"
        if rule.type == "error":
            problems.append(f"{where}: {rule.message}")
            continue
        if rule.type != "qualified-rule":
            continue  # at-rules (@media ...) are left to the browser
        if not tinycss2.serialize(rule.prelude).strip():
            problems.append(f"{where}: a rule without a selector")
        items = tinycss2.parse_declaration_list(rule.content or [], skip_comments=True, skip_whitespace=True)
        for item in items:
            if item.type == "error":
                problems.append(f"{path}:{item.source_line}: {item.message}")
            elif item.type == "declaration" and not tinycss2.serialize(item.value).strip():
                problems.append(f"{path}:{item.source_line}: {item.name} has no value")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the map's .js (node --check) and .css (tinycss2) files.")
    parser.add_argument("files", nargs="*", type=Path, help="files to check (default: every file in assets/)")
    parser.add_argument("--require-node", action="store_true", help="fail when Node.js is not installed")
    args = parser.parse_args(argv)
    files = args.files or sorted(p for p in ASSETS.iterdir() if p.suffix in (".js", ".css"))
    node = node_executable()
    problems: list[str] = []
    for path in files:
        if path.suffix == ".css":
            problems += check_css(path)
        elif path.suffix == ".js" and node:
            problems += check_js(path, node)
        elif path.suffix == ".js":
            message = f"{path}: not checked, Node.js is not installed (apt-get install nodejs, or make node)"
            if args.require_node:
                problems.append(message)
            else:
                print(f"skipped: {message}")
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = ", ".join(p.name for p in files)
    print(f"{'FAILED' if problems else 'ok'}: {checked}" + (f" (node {node})" if node else " (no node)"))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

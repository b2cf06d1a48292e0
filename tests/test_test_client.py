"""The in-process HTTP client of the tests is the one starlette supports."""

from __future__ import annotations

import subprocess
import sys


def test_starlette_test_client_imports_without_its_httpx_deprecation():
    # starlette's TestClient runs on httpx2 (declared in the test extra); on httpx alone it warns that this is
    # deprecated, in every test run that uses it
    code = "import fastapi.testclient, starlette.testclient"
    out = subprocess.run(
        [sys.executable, "-W", "error:Using `httpx` with `starlette.testclient`", "-c", code],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr

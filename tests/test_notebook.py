"""The notebook tour runs from top to bottom."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "tour.ipynb"


@pytest.mark.slow
def test_tour_notebook_runs(tmp_path):
    work = tmp_path / "tour.ipynb"
    shutil.copy(NOTEBOOK, work)
    nb = nbformat.read(work, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    passed = re.search(r"(\d+) of (\d+) checks pass", outputs)
    assert passed and passed.group(1) == passed.group(2)  # every check passes
    assert "Yizhuang, BDA: inside the 60 km² core zone, the 160 km² current zone" in outputs
    assert "Tiananmen: outside every zone" in outputs
    assert "read as WGS84, in current: True" in outputs and "read as GCJ-02, in current: False" in outputs
    assert "2023-06-01 -> core" in outputs and "2024-03-01: zone in force core, in force: False" in outputs
    assert "enter" in outputs and "exit" in outputs
    line = re.search(r"track map: 20 vehicles, \d+ fixes, parts \{.*\}", outputs)
    assert line and "'inside': " in line.group(0) and "'outside': " in line.group(0)
    pages = "\n".join(str(o.get("data", {}).get("text/html", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "avzone-track" in pages and "avzone-event" in pages  # the track map: its parts and event markers
    assert (tmp_path / "sample_located.csv").is_file() and (tmp_path / "growth.png").is_file()

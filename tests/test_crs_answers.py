"""Answers that looked right in CRS handling but were not: each test here failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from common import YIZHUANG_CORE

from avzone.batch import locate_file
from avzone.crs import from_wgs84

ZERO_NOTE = (
    "2 rows are at (0, 0), where GPS devices and exports put a position they do not have: they are outside "
    "every zone here; leave them out of shares and counts if they are no positions"
)


@pytest.mark.parametrize("crs", ["EPSG:3857", "gcj02merc"])
def test_rows_at_zero_zero_in_web_mercator_metres_are_noted(tmp_path: Path, model, crs: str):
    """(0, 0) metres in Web Mercator are lon/lat (0, 0), the no-fix placeholder: noted as for lon/lat input."""
    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.DataFrame({"x": [x, 0.0, 0.0, 0.0], "y": [y, 0.0, -0.0, 1000.0]}).to_csv(src, index=False)
    summary = locate_file(model, src, dst, crs=crs)
    assert list(pd.read_csv(dst)["status"]) == ["ok"] * 4
    assert [str(n) for n in summary.notes] == [ZERO_NOTE]


def test_zero_zero_metres_elsewhere_are_not_said_to_be_at_zero_zero(tmp_path: Path, model):
    """(0, 0) in UTM 50N metres lies at lon 112.5 on the equator, not at (0, 0): no note says it is."""
    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, "EPSG:32650"))
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.DataFrame({"x": [x, 0.0], "y": [y, 0.0]}).to_csv(src, index=False)
    assert locate_file(model, src, dst, crs="EPSG:32650").notes == []

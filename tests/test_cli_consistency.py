"""The commands agree with one another: one JSON vocabulary, one rule for output folders, limits and columns."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from common import run_cli


def ok(*args: str) -> str:
    """``avzone ARGS`` asserting exit 0; its stdout."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(*args: str) -> str:
    """``avzone ARGS`` asserting exit 2 and no traceback; its stderr."""
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture
def points_csv(tmp_path: Path) -> Path:
    """Two usable points, and three rows that cannot be placed (a text lon, no coordinates, lon 200)."""
    src = tmp_path / "points.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n"
        "a,2024-05-01 08:00:00,116.3975,39.9087\n"
        "a,2024-05-01 08:01:00,116.50,39.79\n"
        "a,2024-05-01 08:02:00,abc,39.80\n"
        "b,2024-05-01 08:03:00,,\n"
        "b,2024-05-01 08:04:00,200,39.90\n",
        encoding="utf-8",
    )
    return src


# -- one JSON vocabulary for the file jobs' rows that are not ok ---------------------------------------------
def test_locate_and_events_json_count_the_rows_not_ok_under_the_same_keys(tmp_path, points_csv):
    """``rows_not_ok`` and ``rows_by_status``: the rows whose status column is not ``ok``, in both commands."""
    located = json.loads(ok("locate", "--input", str(points_csv), "--output", str(tmp_path / "l.csv"), "--json"))
    events = json.loads(ok("events", "--input", str(points_csv), "--output", str(tmp_path / "e.csv"), "--json"))
    statuses = pd.read_csv(tmp_path / "l.csv", dtype=str)["status"].tolist()
    not_ok = [s for s in statuses if s != "ok"]
    assert located["rows_not_ok"] == len(not_ok) == 3
    assert located["rows_by_status"] == {s: not_ok.count(s) for s in not_ok}
    # kept for scripts written before: the same numbers under locate's former names
    assert located["rejected"] == located["rows_not_ok"]
    assert located["rejected_by_reason"] == located["rows_by_status"]
    assert located["classified"] == located["rows"] - located["rows_not_ok"]
    assert events["rows_not_ok"] == sum(events["rows_by_status"].values())
    assert {"lon not a number", "missing lon; missing lat"} <= set(events["rows_by_status"])
    assert {"rows", "rows_not_ok", "rows_by_status"} <= set(located) & set(events)

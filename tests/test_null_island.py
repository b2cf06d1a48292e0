"""(0, 0) is what GPS receivers and apps write when they have no fix: no position, at every entry point.

Answering "outside every zone" for such a row, or a vehicle that left the
zone for the Gulf of Guinea and came back, is a wrong answer that looks
right. The row is kept and its status says why it has no answer.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

import avzone
from avzone.i18n import error_text
from avzone.locate import locate_many
from avzone.points import NULL_ISLAND, NULL_ISLAND_TEXT, null_island_mask, to_points

INSIDE = (116.50, 39.79)


def test_locate_many_gives_zero_zero_its_own_status_and_no_zone(model):
    res = locate_many(model, [INSIDE[0], 0.0, 0.0, 116.5, -0.0], [INSIDE[1], 0.0, 1.0, 0.0, 0.0])
    assert res.points.codes.tolist() == [0, NULL_ISLAND, 0, 0, NULL_ISLAND]  # (-0.0 == 0.0: the same "no fix")
    assert res.points.status_text()[1] == NULL_ISLAND_TEXT
    assert res.hits[0].all() and not res.hits[1:].any()


def test_classify_leaves_zero_zero_unanswered_and_keeps_the_index(model):
    idx = pd.Index([10, 20, 30], name="fix")
    out = model.classify(pd.Series([116.5, 0.0, 116.4], index=idx), pd.Series([39.79, 0.0, 39.9], index=idx))
    assert out.index.equals(idx)
    assert out.loc[10].all() and out.loc[20].isna().all() and not out.loc[30].any()


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:32650", "gcj02", "bd09"])
def test_zero_zero_is_no_position_in_any_crs(model, crs):
    res = locate_many(model, [0.0], [0.0], crs)
    assert res.points.codes.tolist() == [NULL_ISLAND]


def test_a_dataset_around_zero_zero_keeps_it_as_a_place():
    pts = to_points(np.array([0.0, 0.0]), np.array([0.0, 1.0]))
    assert null_island_mask(pts, (-1.0, -1.0, 1.0, 1.0)).tolist() == [False, False]
    assert null_island_mask(pts, (116.0, 39.4, 117.5, 41.1)).tolist() == [True, False]


def test_one_point_at_zero_zero_is_refused_in_both_languages(model):
    with pytest.raises(avzone.InputError) as err:
        model.locate(0, 0)
    assert "(0.0, 0.0) in EPSG:4326 is no position" in str(err.value)
    assert "不是位置" in error_text(err.value, "zh")


def _fixes(lon_lat: list[tuple[float, float]]) -> pd.DataFrame:
    ts = pd.date_range("2024-11-01 08:00", periods=len(lon_lat), freq="30s")
    return pd.DataFrame({"vehicle": "a", "ts": ts, "lon": [p[0] for p in lon_lat], "lat": [p[1] for p in lon_lat]})


@pytest.mark.parametrize("grouped", [True, False])
def test_events_do_not_send_a_vehicle_to_zero_zero_and_back(model, grouped):
    """A no-fix row inside a trip is not used: no exit, no gap, time inside counts the whole trip."""
    track = [(116.500, 39.790), (116.501, 39.7905), (0.0, 0.0), (116.503, 39.7915), (116.504, 39.792)]
    df = _fixes(track)
    frame = df if grouped else df.sample(frac=1, random_state=1)
    res = model.events(frame)
    assert res.events.empty
    assert res.rows.loc[2, "status"] == NULL_ISLAND_TEXT and not res.rows.loc[2, "used"]
    assert res.rows.drop(index=2)["used"].all()
    row = res.summary.set_index("zone").loc["current"]
    assert row["fixes"] == 4 and row["gaps"] == 0 and row["exits"] == 0
    assert row["time_inside_s"] == pytest.approx(120.0)


def test_events_given_in_gcj02_do_the_same(model):
    from avzone.crs import wgs84_to_gcj02

    track = [(116.500, 39.790), (116.501, 39.7905), (116.503, 39.7915)]
    gx, gy = wgs84_to_gcj02(np.array([p[0] for p in track]), np.array([p[1] for p in track]))
    df = _fixes([(float(gx[0]), float(gy[0])), (0.0, 0.0), (float(gx[1]), float(gy[1])), (float(gx[2]), float(gy[2]))])
    res = model.events(df, crs="gcj02")
    assert res.rows["status"].tolist()[1] == NULL_ISLAND_TEXT
    assert res.events.empty


def test_the_locate_file_job_keeps_the_row_with_its_status(tmp_path: Path):
    src, dst = tmp_path / "pts.csv", tmp_path / "out.csv"
    src.write_text("id,lon,lat\n1,116.5,39.79\n2,0,0\n3,116.4,39.9\n", encoding="utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    out = pd.read_csv(dst)
    assert out["id"].tolist() == [1, 2, 3]
    assert out.loc[1, "status"] == NULL_ISLAND_TEXT
    assert out.loc[0, "in_current"] and out.loc[1, ["in_core", "in_current"]].isna().all()


def test_the_events_file_job_in_chinese_names_the_status(tmp_path: Path):
    src, dst, rows = tmp_path / "fixes.csv", tmp_path / "ev.csv", tmp_path / "rows.csv"
    _fixes([(116.5, 39.79), (0.0, 0.0), (116.501, 39.7905)]).to_csv(src, index=False)
    res = run_cli("events", "--lang", "zh", "--input", str(src), "--output", str(dst), "--annotate", str(rows))
    assert res.returncode == 0, res.stderr
    assert "两个坐标都是 0" in res.stderr
    assert pd.read_csv(rows)["status"].tolist()[1] == NULL_ISLAND_TEXT


def test_the_cli_locate_refuses_zero_zero():
    res = run_cli("locate", "0", "0", "--json")
    assert res.returncode == 2 and "no position" in res.stderr
    assert res.stdout == ""  # (no answer written for a refused point)

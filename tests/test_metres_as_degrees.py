"""Eastings and northings given as lon/lat get a status saying they look like metres, at every entry point.

``model.classify(df.x, df.y)`` on UTM 50N metres answered "lon out of range;
lat out of range" for every row, while one such point (``model.locate``)
and a file of them were told which CRS to give.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone.crs import from_wgs84
from avzone.locate import locate_many
from avzone.points import OTHER_METRES, OTHER_METRES_TEXT

PLACES = np.array([116.5, 116.4, 116.62]), np.array([39.79, 39.9, 40.01])


@pytest.mark.parametrize("crs", ["EPSG:32650", "EPSG:3857", "EPSG:4548"])
def test_classify_says_metres_given_as_degrees(model, crs):
    x, y = from_wgs84(*PLACES, crs)
    out = model.classify(np.append(x, [500.0, np.nan]), np.append(y, [39.0, 39.0]), status=True)
    assert out["status"].tolist()[:3] == [OTHER_METRES_TEXT] * 3
    assert out["status"].tolist()[3:] == ["lon out of range [-180, 180]", "missing lon"]  # (no metres: as before)
    assert out.iloc[:, :-1].isna().all().all()


def test_locate_many_gives_the_code(model):
    x, y = from_wgs84(*PLACES, "EPSG:32650")
    assert locate_many(model, x, y).points.codes.tolist() == [OTHER_METRES] * 3


@pytest.mark.parametrize("order", ["grouped", "shuffled"])
def test_events_say_it_too(model, order):
    x, y = from_wgs84(*PLACES, "EPSG:32650")
    ts = pd.date_range("2024-11-01 08:00", periods=3, freq="1min")
    df = pd.DataFrame({"vehicle": "a", "ts": ts, "lon": x, "lat": y})
    res = model.events(df if order == "grouped" else df.iloc[[2, 0, 1]])
    assert res.rows["status"].tolist() == [OTHER_METRES_TEXT] * 3
    assert not res.rows["used"].any()


def test_a_file_with_a_few_such_rows_keeps_them_with_the_status(tmp_path: Path):
    x, y = from_wgs84(*PLACES, "EPSG:32650")
    src, dst = tmp_path / "pts.csv", tmp_path / "out.csv"
    rows = [(116.5, 39.79), (116.4, 39.9), (116.62, 40.01), (float(x[0]), float(y[0]))]
    pd.DataFrame(rows, columns=["lon", "lat"]).to_csv(src, index=False)
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    assert pd.read_csv(dst)["status"].tolist() == ["ok", "ok", "ok", OTHER_METRES_TEXT]


def test_one_point_is_still_refused_naming_the_crs(model):
    import avzone

    x, y = from_wgs84(116.5, 39.79, "EPSG:32650")
    with pytest.raises(avzone.InputError, match=r"lon out of range .* give their CRS \(crs='EPSG:32650'"):
        model.locate(float(x), float(y))

"""model.classify(..., status=True): why a row's answers are <NA>, in the file job's words, on the input's index."""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import run_cli

from avzone.points import DEGREES_TEXT, SWAPPED_TEXT

ROWS = pd.DataFrame(
    {
        "lon": [116.5, None, 39.8, 116.5, 116.5, 116.715, 500.0],
        "lat": [39.8, 39.8, 116.5, 39.8, 39.8, 39.905, 39.8],
        "ts": ["2024-07-01 08:00", "2024-07-01", "2024-07-01", "someday", None, "2024-03-01", "2024-07-01"],
    },
    index=pd.Index([10, 20, 30, 40, 50, 60, 70], name="trip"),
)


def test_the_status_column_is_the_file_jobs_and_keeps_the_index(model, tmp_path):
    got = model.classify(ROWS.lon, ROWS.lat, times=ROWS.ts, status=True)
    assert list(got.index) == list(ROWS.index) and got.index.name == "trip"
    assert isinstance(got["status"].dtype, pd.CategoricalDtype)
    src, dst = tmp_path / "trips.csv", tmp_path / "out.csv"
    ROWS.to_csv(src, index=False)
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "ts")
    assert out.returncode == 0, out.stderr
    job = pd.read_csv(dst, dtype=str, keep_default_na=False)
    assert got["status"].astype(str).tolist() == job["status"].tolist()
    assert got["status"].tolist()[:3] == ["ok", "missing lon", SWAPPED_TEXT]
    assert got["status"].tolist()[3].startswith("time not a date/time") and got["status"].tolist()[4] == "missing time"
    assert got["status"].tolist()[6] == "lon out of range [-180, 180]"
    # a row whose time is unusable keeps its zones (as the file job now does): only in_force is <NA>
    assert got.loc[40, "current"] == True and pd.isna(got.loc[40, "in_force"])  # noqa: E712
    assert job.loc[3, "in_current"] == "true" and job.loc[3, "in_force"] == ""
    assert got.loc[60, "in_force"] == False and got.loc[60, "status"] == "ok"  # noqa: E712 (2024-03-01: the core)


def test_no_status_column_unless_asked(model):
    assert "status" not in model.classify(ROWS.lon, ROWS.lat).columns
    plain = model.classify(ROWS.lon, ROWS.lat, status=True)
    assert plain.columns[-1] == "status" and plain["status"].tolist()[3] == "ok"  # (no times: the point is fine)


def test_float_arrays_and_projected_crs_get_statuses_too(model):
    lon = np.array([116.5, 39.8, np.nan, 116.45])
    lat = np.array([39.8, 116.5, 39.8, 39.85])
    got = model.classify(lon, lat, status=True)
    assert got["status"].tolist() == ["ok", SWAPPED_TEXT, "missing lon", "ok"]  # (a NaN number: a missing value)
    merc = model.classify(lon[:1], lat[:1], crs="EPSG:3857", status=True)
    assert merc["status"].tolist() == [DEGREES_TEXT] and merc.iloc[0, :4].isna().all()


def test_pandas_na_and_nat_in_a_list_or_object_array_are_missing_as_in_a_series(model):
    """pd.NA / pd.NaT (and numpy's NaT) among the coordinates are "missing", whatever holds them; a date is not;
    a NaN number is missing too, as in a Series."""
    lon = [pd.NA, 116.5, pd.NaT, np.datetime64("NaT"), 116.5, pd.Timestamp("2024-07-01")]
    lat = [39.8, pd.NaT, 39.8, 39.8, np.float64("nan"), 39.8]
    want = ["missing lon", "missing lat", "missing lon", "missing lon", "missing lat", "lon not a number"]
    assert model.classify(lon, lat, status=True)["status"].tolist() == want
    objects = model.classify(np.array(lon, dtype=object), np.array(lat, dtype=object), status=True)
    assert objects["status"].tolist() == want
    series = model.classify(pd.Series(lon, dtype=object), pd.Series(lat, dtype=object), status=True)
    assert series["status"].tolist() == want
    assert model.locate_many(lon, lat).status_text().tolist() == want

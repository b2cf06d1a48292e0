"""A trajectory file or frame without its vehicle id or time column, but with one column named as such a column is
(车辆编号, 定位时间, vehicle_id, GPS时间...), is refused saying that column and the option that names it: never taken
unasked (another column might be the one), in every entry point, both engines and both languages."""

from __future__ import annotations

import pandas as pd
import pytest
from common import run_cli

from avzone.columns import named_like
from avzone.errors import InputError

ROWS = [("A", "2024-10-17 08:00", 116.50, 39.79), ("A", "2024-10-17 08:01", 116.51, 39.79)]


def _frame(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=names)


def _csv(tmp_path, names: list[str]):
    path = tmp_path / "fixes.csv"
    _frame(names).to_csv(path, index=False, encoding="utf-8")
    return path


def test_the_one_column_named_as_an_id_or_a_time_is_the_one_suggested():
    assert named_like(["车辆编号", "定位时间", "经度", "纬度"], "role_vehicle_id") == "车辆编号"
    assert named_like(["车辆编号", "定位时间", "经度", "纬度"], "role_time") == "定位时间"
    assert named_like(["Vehicle ID", "GPS Time", "lon", "lat"], "role_vehicle_id") == "Vehicle ID"
    assert named_like(["Vehicle ID", "GPS Time", "lon", "lat"], "role_time") == "GPS Time"
    assert named_like(["车牌号", "设备号", "时间"], "role_vehicle_id") is None  # (two: which is for the user to say)
    assert named_like(["车牌号", "时间"], "role_vehicle_id", taken=("车牌号",)) is None  # (given for another role)
    assert named_like(["speed", "heading"], "role_time") is None


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_the_events_job_says_the_column_that_looks_like_the_missing_one(tmp_path, engine):
    if engine == "local":
        src = _csv(tmp_path, ["车辆编号", "定位时间", "经度", "纬度"])
    else:
        src = tmp_path / "in"
        src.mkdir()
        _frame(["车辆编号", "定位时间", "经度", "纬度"]).to_parquet(src / "part.0.parquet", index=False)
    out = tmp_path / "events.csv" if engine == "local" else tmp_path / "out"
    job = ["events", "--input", str(src), "--output", str(out), *(["--engine", "dask"] if engine == "dask" else [])]
    res = run_cli(*job)
    assert res.returncode == 2 and not out.exists()
    assert (
        "no vehicle id column 'vehicle'; the column '车辆编号' looks like it: name it with --id-col 车辆编号"
        in res.stderr
    )
    res = run_cli(*job, "--id-col", "车辆编号", "--lang", "zh")
    assert res.returncode == 2 and not out.exists()
    assert "没有时间列 'ts'；列 '定位时间' 看来就是，用 --time-col 定位时间 指定" in res.stderr
    res = run_cli(*job, "--id-col", "车辆编号", "--time-col", "定位时间")
    assert res.returncode == 0, res.stderr


def test_two_columns_named_alike_get_the_plain_refusal(tmp_path):
    src = _csv(tmp_path, ["车牌号", "设备号", "lon", "lat"])
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "e.csv"))
    assert res.returncode == 2
    assert "no vehicle id column 'vehicle' (name it with --id-col); columns are: 车牌号, 设备号, lon, lat" in res.stderr


def test_locate_with_a_time_column_not_in_the_file_says_the_one_that_looks_like_it(tmp_path):
    src = _csv(tmp_path, ["vehicle", "GPS时间", "lon", "lat"])
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--time-col", "time")
    assert res.returncode == 2
    assert "the column 'GPS时间' looks like it: name it with --time-col GPS时间" in res.stderr


def test_the_library_says_the_keyword_to_give(model):
    df = _frame(["车辆编号", "定位时间", "经度", "纬度"])
    with pytest.raises(InputError) as err:
        model.events(df)
    assert "the column '车辆编号' looks like it: name it with id='车辆编号'" in str(err.value)
    with pytest.raises(InputError) as err:
        model.events(df, id="车辆编号")
    assert "the column '定位时间' looks like it: name it with time='定位时间'" in str(err.value)
    assert len(model.events(df, id="车辆编号", time="定位时间").summary) == len(model.zone_layers)
    with pytest.raises(InputError) as err:
        model.map(tracks=df)
    assert (
        "tracks: no vehicle id column 'vehicle'; the column '车辆编号' looks like it: name it with id='车辆编号'"
        in str(err.value)
    )

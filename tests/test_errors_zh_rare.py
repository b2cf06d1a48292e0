"""The library's rarer errors speak Chinese too: its arguments (chunk_rows, threads, time_unit, synthetic_fleet,
write_tdrive, events' limits, the CRS functions' iteration settings), a GeoDataFrame whose CRS contradicts crs=, and
an export whose file did not keep what was written. They were English f-strings while the errors users meet most
went through avzone.i18n.Message; the English text is as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from avzone.batch import locate_file
from avzone.crs import gcj02_to_wgs84, to_wgs84
from avzone.events import events
from avzone.fleet import synthetic_fleet, write_tdrive
from avzone.i18n import Message, error_text
from avzone.locate import locate_many
from avzone.tracks import events_file


def _error(call: Callable[[], Any]) -> BaseException:
    with pytest.raises(ValueError) as err:  # (InputError and CRSError are ValueErrors)
        call()
    return err.value


def _fixes(tmp_path: Path) -> Path:
    src = tmp_path / "fixes.csv"
    src.write_text("car,t,lon,lat\na,2024-07-01 08:00,116.5,39.79\n", encoding="utf-8")
    return src


def _cases(model: Any, tmp_path: Path) -> list[tuple[str, Callable[[], Any], str, str]]:
    src, out = _fixes(tmp_path), tmp_path / "out.csv"
    frame = pd.DataFrame({"vehicle": ["a"], "ts": ["2024-07-01 08:00"], "lon": [116.5], "lat": [39.79]})
    return [
        (
            "chunk_rows",
            lambda: locate_file(model, src, out, chunk_rows=0),
            "chunk_rows must be a positive whole number (rows per chunk), got 0",
            "chunk_rows 必须是正整数（每块的行数），收到的是 0",
        ),
        (
            "time_unit",
            lambda: locate_file(model, src, out, time_unit="s"),
            "time_unit is the unit of the time column's numbers: give time_col too, or leave it out",
            "time_unit 是时间列中数字的单位",
        ),
        (
            "threads",
            lambda: locate_many(model, [116.5], [39.79], threads=-1),
            "threads must be a non-negative integer or None, got -1",
            "threads 必须是非负整数或 None，收到的是 -1",
        ),
        (
            "lengths",
            lambda: model.classify([116.5, 116.6], [39.79]),
            "lons and lats differ in length (2 and 1)",
            "lons 和 lats 的长度不同（2 和 1）",
        ),
        (
            "fleet count",
            lambda: synthetic_fleet(model, vehicles=-1),
            "synthetic_fleet: vehicles must be a whole number >= 0, got -1",
            "synthetic_fleet：vehicles 必须是 >= 0 的整数，收到的是 -1",
        ),
        (
            "fleet setting",
            lambda: synthetic_fleet(model, gap_probability=2),
            "synthetic_fleet: gap_probability must be a probability from 0 to 1, got 2",
            "synthetic_fleet：gap_probability 必须是0 到 1 之间的概率，收到的是 2",
        ),
        (
            "fleet start",
            lambda: synthetic_fleet(model, start="soon"),
            "synthetic_fleet: start 'soon': time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times",
            "synthetic_fleet：start 'soon'：不是日期/时间（应为 ISO 8601，如 2024-06-01T08:30:00；",
        ),
        (
            "tdrive coordinate",
            lambda: write_tdrive(frame.assign(lat=["north"]), tmp_path / "td"),
            "row 0 (vehicle 'a'): lat 'north' is not a number",
            "第 0 行（车辆 'a'）：lat 'north' 不是数字",
        ),
        (
            "tdrive column",
            lambda: write_tdrive(frame.drop(columns="ts"), tmp_path / "td"),
            "write_tdrive: no column 'ts' (it writes vehicle, ts, lon, lat; columns: vehicle, lon, lat)",
            "write_tdrive：没有列 'ts'（它写出 vehicle、ts、lon、lat；现有列：vehicle、lon、lat）",
        ),
        (
            "tdrive id",
            lambda: write_tdrive(frame.assign(vehicle=["a/b"]), tmp_path / "td"),
            "write_tdrive: vehicle 'a/b' cannot be a T-Drive file name and id",
            "write_tdrive：车辆 'a/b' 不能用作 T-Drive 文件名和 id",
        ),
        (
            "tolerance",
            lambda: events(model, frame, tolerance_m=-1),
            "tolerance_m must be a number of metres from",
            "tolerance_m 必须是",
        ),
        (
            "gap limit",
            lambda: events(model, frame, max_gap_s=-5),
            "max_gap_s must be a number >= 0, or 0, inf or None (no limit), got -5",
            "max_gap_s 必须是 >= 0 的数，或 0、inf、None（不限），收到的是 -5",
        ),
        (
            "input_format",
            lambda: events_file(model, src, out, input_format="csv"),
            "input_format must be 'tdrive' or None (the file's extension says), got 'csv'",
            "input_format 必须是 'tdrive' 或 None（由文件扩展名决定），收到的是 'csv'",
        ),
        (
            "tol_deg",
            lambda: gcj02_to_wgs84(116.4, 39.9, tol_deg=0),
            "tol_deg must be a positive finite number, got 0",
            "tol_deg 必须是有限的正数，收到的是 0",
        ),
        (
            "unconverged arg",
            lambda: to_wgs84(116.4, 39.9, "gcj02", unconverged="skip"),
            "unconverged must be 'raise' or 'nan', got 'skip'",
            "unconverged 必须是 'raise' 或 'nan'，收到的是 'skip'",
        ),
        (
            "times length",
            lambda: model.classify([116.5, 116.6], [39.79, 39.8], times=np.array(["2024-07-01"])),
            "times and points differ in length (1 and 2): give one time per point, or one time alone (a str, "
            "datetime, numpy datetime64 or pandas Timestamp, not in a list or array), which applies to every point",
            "times 和点的个数不同（1 和 2）：请给每个点一个时间，或只给一个时间（str、datetime、numpy datetime64 "
            "或 pandas Timestamp，不放在列表或数组中），它适用于每个点",
        ),
    ]


def test_rare_library_errors_have_their_chinese_text(model, tmp_path: Path):
    for name, call, english, chinese in _cases(model, tmp_path):
        err = _error(call)
        assert isinstance(err.args[0], Message), name
        assert str(err).startswith(english), (name, str(err))
        assert error_text(err, "zh").startswith(chinese), (name, error_text(err, "zh"))


def test_a_frame_crs_that_contradicts_crs_says_so_in_chinese(model):
    gpd = pytest.importorskip("geopandas")
    import shapely

    frame = gpd.GeoDataFrame(geometry=[shapely.Point(12_957_000.0, 4_835_000.0)], crs="EPSG:3857")
    err = _error(lambda: model.classify(frame, crs="EPSG:32650"))
    assert str(err).endswith("leave crs out to use the frame's, or reproject it with to_crs")
    assert "与 GeoSeries/GeoDataFrame 的坐标系" in error_text(err, "zh") and "to_crs 重新投影" in error_text(err, "zh")
    err = _error(lambda: model.classify(frame, crs="gcj02"))
    assert "clear it first with .set_crs(None, allow_override=True) and give crs='gcj02'" in str(err)
    assert "先用 .set_crs(None, allow_override=True) 清除它，再给出 crs='gcj02'" in error_text(err, "zh")


def test_an_export_whose_file_cannot_declare_the_crs_says_so_in_chinese(model, tmp_path: Path):
    pytest.importorskip("pyogrio")
    crs = "+proj=tmerc +lon_0=117 +k=1 +x_0=500000 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m"
    err = _error(lambda: model.export("core", tmp_path / "core.shp", crs=crs))
    said = str(err)
    assert "Shapefile cannot declare crs='+proj=tmerc " in said and "its .prj (ESRI WKT) reads back as" in said, said
    zh = error_text(err, "zh")
    assert "Shapefile 无法如实声明 crs='+proj=tmerc " in zh and "它的 .prj（ESRI WKT）读回的是" in zh, zh
    assert "与图层所在位置相距" in zh and "请导出为 .gpkg 或 .parquet" in zh


def test_a_district_outline_that_cannot_be_read_says_so_in_chinese(tmp_path: Path, monkeypatch):
    from avzone import districts

    bad = tmp_path / "110115.geojson"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(districts, "_land_file", lambda code: bad)
    districts.outline.cache_clear()  # an earlier test may have read the real outline in this process
    try:
        with pytest.raises(districts.DistrictsUnavailable) as err:
            districts.outline("110115")
    finally:
        districts.outline.cache_clear()  # no later test gets anything read from the bad file
    assert str(err.value).startswith(f"{bad}: cannot read the outline (")
    assert error_text(err.value, "zh").startswith(f"{bad}：无法读取区界（")

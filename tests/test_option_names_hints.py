"""The hints of a refusal that say how to run again name the options as their caller gave them
(:class:`avzone.i18n.Option`): a file read the wrong way round (lon and lat swapped, degrees given with a projected
CRS, projected metres, northing first), a CRS KML or another format cannot declare, and an unknown CRS given to
avzone.crs's own functions. A Python caller was told of ``--lon-col``, ``--crs``... options of a command it never
ran; the command line's words are as they were, in English and Chinese."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.crs import crs_short_name, from_wgs84, is_wgs84, normalize_crs, same_crs, to_wgs84
from avzone.errors import AvzoneError, CRSError, InputError
from avzone.i18n import error_text

#: 50 points around Yizhuang, WGS84 lon/lat.
LON, LAT = np.random.default_rng(0).uniform(116.4, 116.6, 50), np.random.default_rng(1).uniform(39.75, 39.85, 50)


def _swapped(src: Path) -> None:
    pd.DataFrame({"lon": LAT, "lat": LON}).to_csv(src, index=False)


def _degrees(src: Path) -> None:
    pd.DataFrame({"lon": LON, "lat": LAT}).to_csv(src, index=False)


def _web_mercator(src: Path) -> None:
    x, y = from_wgs84(LON, LAT, "gcj02merc")  # (an Amap app's metres: EPSG:3857 puts them in the area)
    pd.DataFrame({"lon": x, "lat": y}).to_csv(src, index=False)


def _northing_first(src: Path) -> None:
    x, y = from_wgs84(LON, LAT, "EPSG:32650")
    pd.DataFrame({"lon": y, "lat": x}).to_csv(src, index=False)  # (survey data's X, the northing, first)


# (the file, its library options, its command line options, what the library says, what the command line says,
# the library in Chinese, the command line in Chinese)
FILES: dict[str, tuple[Callable[[Path], None], dict[str, Any], list[str], str, str, str, str]] = {
    "swapped columns": (
        _swapped,
        {},
        [],
        "if the file holds latitude in 'lon', run again with lon_col='lat', lat_col='lon'",
        "if the file holds latitude in 'lon', run again with --lon-col lat --lat-col lon",
        "如果文件的 'lon' 列是纬度，请加上 lon_col='lat', lat_col='lon' 重新运行",
        "如果文件的 'lon' 列是纬度，请加上 --lon-col lat --lat-col lon 重新运行",
    ),
    "degrees with a projected crs": (
        _degrees,
        {"crs": "EPSG:3857"},
        ["--crs", "EPSG:3857"],
        "run again with the CRS they are in (crs='EPSG:4326', 'gcj02' or 'bd09')",
        "run again with the CRS they are in (--crs EPSG:4326, gcj02 or bd09)",
        "请用它们实际所用的坐标系重新运行（crs='EPSG:4326'、'gcj02' 或 'bd09'）",
        "请用它们实际所用的坐标系重新运行（--crs EPSG:4326、gcj02 或 bd09）",
    ),
    "web mercator metres": (
        _web_mercator,
        {},
        [],
        "run again with crs='EPSG:3857'. Web Mercator metres from a Chinese map app are not EPSG:3857: Amap/Gaode "
        "and Tencent ones are GCJ-02 Web Mercator (crs='gcj02merc'; ~500 m from EPSG:3857 in Beijing), and Baidu's "
        "(BD09MC) are a projection of Baidu's own that avzone cannot read: convert them to BD-09 lon/lat first "
        "(crs='bd09')",
        "run again with --crs EPSG:3857. Web Mercator metres from a Chinese map app are not EPSG:3857: Amap/Gaode "
        "and Tencent ones are GCJ-02 Web Mercator (--crs gcj02merc; ~500 m from EPSG:3857 in Beijing), and Baidu's "
        "(BD09MC) are a projection of Baidu's own that avzone cannot read: convert them to BD-09 lon/lat first "
        "(--crs bd09)",
        "请加上 crs='EPSG:3857' 重新运行。来自国内地图应用的 Web 墨卡托米坐标并非 EPSG:3857：高德、腾讯的是 GCJ-02 "
        "Web 墨卡托投影（crs='gcj02merc'；在北京与 EPSG:3857 相差约 500 m），百度的（BD09MC）是百度自有的投影，"
        "avzone 无法读取：请先把它们转为 BD-09 经纬度（crs='bd09'）",
        "请加上 --crs EPSG:3857 重新运行。来自国内地图应用的 Web 墨卡托米坐标并非 EPSG:3857：高德、腾讯的是 GCJ-02 "
        "Web 墨卡托投影（--crs gcj02merc；在北京与 EPSG:3857 相差约 500 m），百度的（BD09MC）是百度自有的投影，"
        "avzone 无法读取：请先把它们转为 BD-09 经纬度（--crs bd09）",
    ),
    "metres northing first": (
        _northing_first,
        {},
        [],
        "run again with lon_col='lat', lat_col='lon' and crs='EPSG:32650' or crs='EPSG:4548'; the two differ",
        "run again with --lon-col lat --lat-col lon and --crs EPSG:32650 or --crs EPSG:4548; the two differ",
        "请加上 lon_col='lat', lat_col='lon' 和 crs='EPSG:32650' 或 crs='EPSG:4548' 重新运行；二者",
        "请加上 --lon-col lat --lat-col lon 和 --crs EPSG:32650 或 --crs EPSG:4548 重新运行；二者",
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", list(FILES))
def test_a_file_read_the_wrong_way_round_names_the_options_as_given(model, tmp_path, case, lang):
    write, options, flags, library, command_line, library_zh, command_line_zh = FILES[case]
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    write(src)
    with pytest.raises(AvzoneError) as info:
        locate_file(model, src, dst, **options)
    said = error_text(info.value, lang)
    assert (library if lang == "en" else library_zh) in said and "--" not in said, said
    cli = run_cli("--lang", lang, "locate", "--input", str(src), "--output", str(dst), *flags)
    assert cli.returncode == 2 and (command_line if lang == "en" else command_line_zh) in cli.stderr, cli.stderr
    assert "_col=" not in cli.stderr and "crs=" not in cli.stderr and "'gcj02'" not in cli.stderr, cli.stderr
    assert not dst.exists()


def test_a_dataframe_of_swapped_columns_keeps_its_row_status(model):
    """The row statuses are data, the same whoever asks: only the refusal of a file names options."""
    df = model.classify(LAT[:3], LON[:3], status=True)
    assert (
        df["status"].tolist()
        == ["lon and lat look swapped: outside the dataset's area as given, inside it the other way round"] * 3
    )


#: (the CRS given, what the library says, what the command line says, the same in Chinese)
KML: dict[str, tuple[str, str, str, str, str]] = {
    "shifted": (
        "gcj02",
        "hundreds of metres; leave crs= out (Google Earth and other KML readers take WGS84), or write gcj02 to",
        "hundreds of metres; leave --crs out (Google Earth and other KML readers take WGS84), or write gcj02 to",
        "请去掉 crs=（Google Earth 等 KML 阅读器都按 WGS84 读取）",
        "请去掉 --crs（Google Earth 等 KML 阅读器都按 WGS84 读取）",
    ),
    "projected": (
        "EPSG:3857",
        "KML holds longitude/latitude only; crs='EPSG:3857' is projected (leave crs= out for WGS84)",
        "KML holds longitude/latitude only; --crs EPSG:3857 is projected (leave --crs out for WGS84)",
        "KML 只能保存经纬度；crs='EPSG:3857' 是投影坐标系（去掉 crs= 即为 WGS84）",
        "KML 只能保存经纬度；--crs EPSG:3857 是投影坐标系（去掉 --crs 即为 WGS84）",
    ),
    "another datum": (
        "EPSG:4490",
        "crs='EPSG:4490' is another datum (leave crs= out for WGS84, or write .geojson, .gpkg, .shp or .parquet)",
        "--crs EPSG:4490 is another datum (leave --crs out for WGS84, or write .geojson, .gpkg, .shp or .parquet)",
        "crs='EPSG:4490' 是另一个大地基准（去掉 crs= 即为 WGS84，或写成",
        "--crs EPSG:4490 是另一个大地基准（去掉 --crs 即为 WGS84，或写成",
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", list(KML))
def test_kml_refusing_a_crs_names_the_option_as_given(model, tmp_path, case, lang):
    crs, library, command_line, library_zh, command_line_zh = KML[case]
    out = tmp_path / "p.kml"
    with pytest.raises(AvzoneError) as info:
        model.export("planned", out, crs=crs)
    said = error_text(info.value, lang)
    assert (library if lang == "en" else library_zh) in said and "--" not in said, said
    cli = run_cli("--lang", lang, "export", "--layer", "planned", "-o", str(out), "--crs", crs)
    assert cli.returncode == 2 and (command_line if lang == "en" else command_line_zh) in cli.stderr, cli.stderr
    assert "crs=" not in cli.stderr, cli.stderr
    assert not out.exists()


def test_kml_refusing_an_invalid_polygon_names_the_check_as_its_caller_runs_it(dataset_copy, tmp_path):
    pytest.importorskip("pyogrio")
    import pyogrio

    if "LIBKML" not in pyogrio.list_drivers(write=True):
        pytest.skip("GDAL has no LIBKML writer here")
    doc = dataset_copy.read("core.geojson")
    bowtie = [[116.4, 39.8], [116.7, 40.0], [116.7, 39.8], [116.4, 39.9], [116.4, 39.8]]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [bowtie]}
    dataset_copy.write("core.geojson", doc)
    out = tmp_path / "c.kml"
    with pytest.raises(AvzoneError) as info:
        dataset_copy.load().export("core", out)
    assert "repair it ('avzone.Model.check()' names the problem)" in str(info.value), info.value
    assert "请修复它（'avzone.Model.check()' 会指出问题所在）" in error_text(info.value, "zh")
    args = ["export", "--layer", "core", "-o", str(out), "--data", str(dataset_copy.folder)]
    cli, zh = run_cli(*args), run_cli("--lang", "zh", *args)
    assert cli.returncode == 2 and "repair it ('avzone check' names the problem)" in cli.stderr, cli.stderr
    assert zh.returncode == 2 and "请修复它（'avzone check' 会指出问题所在）" in zh.stderr, zh.stderr
    assert not out.exists()


def test_a_crs_a_format_cannot_declare_is_named_as_given(model, tmp_path):
    pytest.importorskip("pyogrio")
    crs = "+proj=tmerc +lon_0=117 +k=1 +x_0=500000 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m"
    out = tmp_path / "core.shp"
    with pytest.raises(AvzoneError) as info:
        model.export("core", out, crs=crs)
    assert "Shapefile cannot declare crs='+proj=tmerc +lon_0=117 " in str(info.value), info.value
    assert "Shapefile 无法如实声明 crs='+proj=tmerc +lon_0=117 " in error_text(info.value, "zh")
    cli = run_cli("export", "--layer", "core", "-o", str(out), "--crs", crs)
    zh = run_cli("--lang", "zh", "export", "--layer", "core", "-o", str(out), "--crs", crs)
    assert cli.returncode == 2 and "Shapefile cannot declare --crs +proj=tmerc +lon_0=117 " in cli.stderr, cli.stderr
    assert zh.returncode == 2 and "Shapefile 无法如实声明 --crs +proj=tmerc +lon_0=117 " in zh.stderr, zh.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "call",
    [
        lambda: normalize_crs("nope"),
        lambda: normalize_crs(crs="nope"),
        lambda: to_wgs84(116.5, 39.79, "nope"),
        lambda: from_wgs84(116.5, 39.79, crs="nope"),
        lambda: is_wgs84("nope"),
        lambda: crs_short_name("nope"),
    ],
    ids=["normalize_crs", "normalize_crs keyword", "to_wgs84", "from_wgs84", "is_wgs84", "crs_short_name"],
)
def test_avzone_crs_functions_name_their_crs_argument(call):
    """They said "unknown coordinate reference system 'nope'", naming no argument, where every entry point that
    takes a crs says crs= (or --crs)."""
    with pytest.raises(CRSError) as info:
        call()
    assert str(info.value).startswith("crs=: unknown coordinate reference system 'nope': give an EPSG code")
    assert error_text(info.value, "zh").startswith("crs=：未知的坐标参考系 'nope'：请给出 EPSG 代码")


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: same_crs("nope", "EPSG:4326"), "a="),
        (lambda: same_crs("EPSG:4326", "nope"), "b="),
        (lambda: same_crs(a="EPSG:4326", b="nope"), "b="),
        (lambda: same_crs("nope", "nope"), "a="),
    ],
    ids=["a", "b", "b keyword", "both: the first"],
)
def test_same_crs_names_the_argument_whose_crs_is_unknown(call, named):
    """same_crs said "unknown coordinate reference system 'nope'" without saying which of its two CRSs it was."""
    with pytest.raises(CRSError) as info:
        call()
    assert str(info.value).startswith(f"{named}: unknown coordinate reference system 'nope': give an EPSG code")
    assert error_text(info.value, "zh").startswith(f"{named}：未知的坐标参考系 'nope'：请给出 EPSG 代码")


def test_a_crs_avzone_reads_from_a_file_is_named_with_the_file_not_as_an_argument(model, tmp_path):
    """normalize_crs names its own argument only to a caller outside avzone: a file's CRS avzone reads with it is
    the file's (and the command line still says --crs of its own)."""
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:999999"}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}],
    }
    src = tmp_path / "a.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(AvzoneError) as info:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(info.value).startswith(f"{src}: unknown coordinate reference system 'EPSG:999999'"), info.value
    cli = run_cli("locate", "116.5", "39.79", "--crs", "nope")
    assert cli.returncode == 2 and "avzone: error: --crs: unknown coordinate reference system 'nope'" in cli.stderr


def test_a_pyproj_crs_object_given_is_named_by_its_first_line_not_its_whole_definition(model):
    """A pyproj CRS object in a message was its repr: a dozen lines of its definition inside one sentence."""
    import geopandas as gpd
    import pyproj
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(116.5, 39.79)], crs="EPSG:4326")
    with pytest.raises(InputError) as info:
        model.classify(frame, crs=pyproj.CRS("EPSG:32650"))
    said = str(info.value)
    assert said.startswith("crs=<Projected CRS: EPSG:32650> contradicts the CRS of the GeoSeries"), said
    assert "\n" not in said and "\n" not in error_text(info.value, "zh")

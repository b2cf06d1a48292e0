"""avzone.maps.points_lonlat(points, crs): its refusals name its argument ``crs=``, as the caller gave it, not the
map's ``points_crs=`` (make_map reads its ``points=`` with the same code and names its own argument), in English and
Chinese."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from avzone.errors import AvzoneError
from avzone.i18n import error_text
from avzone.maps import make_map, points_lonlat


def _attrs_gcj02() -> pd.DataFrame:
    frame = pd.DataFrame({"lon": [116.5], "lat": [39.8]})
    frame.attrs["crs"] = "gcj02"
    return frame


#: (points, crs given, what the English says, what the Chinese says) with the argument as {crs}
CASES = {
    "unknown crs": (
        pd.DataFrame({"lon": [116.5], "lat": [39.8]}),
        "nope",
        "{crs}=: unknown coordinate reference system 'nope'",
        "{crs}=：未知的坐标参考系 'nope'",
    ),
    "crs contradicting the GeoDataFrame's": (
        gpd.GeoDataFrame(geometry=[shapely.Point(116.5, 39.8)], crs=4326),
        "gcj02",
        "{crs}='gcj02' contradicts the CRS of the GeoSeries/GeoDataFrame (EPSG:4326); leave {crs} out",
        "{crs}='gcj02' 与 GeoSeries/GeoDataFrame 的坐标系（EPSG:4326（WGS84 经纬度））矛盾；去掉 {crs} ",
    ),
    "columns named GCJ-02": (
        pd.DataFrame({"lng_gcj02": [116.5], "lat_gcj02": [39.8]}),
        None,
        "points= columns 'lng_gcj02' and 'lat_gcj02' name GCJ-02 coordinates, but no {crs}= was given, and they "
        "would be read as WGS84 (drawn hundreds of metres off): give {crs}='gcj02'",
        "points= 的列 'lng_gcj02' 和 'lat_gcj02' 表明是 GCJ-02 坐标，但没有给出 {crs}=，这些坐标会被当作 WGS84 "
        "读取（会画偏几百米）：请给出 {crs}='gcj02'",
    ),
    "attrs naming GCJ-02": (
        _attrs_gcj02(),
        None,
        "but no {crs}= was given, and they would be read as WGS84: give {crs}='gcj02', or {crs}='EPSG:4326' if",
        "但没有给出 {crs}=，这些坐标会被当作 WGS84 读取：请给出 {crs}='gcj02'；若它们现在已是 WGS84，请给出 "
        "{crs}='EPSG:4326'",
    ),
    "no lon column": (
        pd.DataFrame({"east": [116.5], "lat": [39.8]}),
        None,
        "points= needs 'lon' and 'lat' columns (WGS84, or in {crs}=), or one column each",
        "points= 需要 'lon' 和 'lat' 列（WGS84，或 {crs}= 给出的坐标系）",
    ),
}


@pytest.mark.parametrize(("points", "crs", "en", "zh"), list(CASES.values()), ids=list(CASES))
def test_points_lonlat_names_its_crs_argument(points, crs, en, zh):
    with pytest.raises(AvzoneError) as info:
        points_lonlat(points, crs) if crs is not None else points_lonlat(points)
    said, said_zh = str(info.value), error_text(info.value, "zh")
    assert en.format(crs="crs") in said, said
    assert zh.format(crs="crs") in said_zh, said_zh
    assert "points_crs" not in said + said_zh


@pytest.mark.parametrize(("points", "crs", "en", "zh"), list(CASES.values()), ids=list(CASES))
def test_make_map_names_its_points_crs_argument_still(model, points, crs, en, zh):
    with pytest.raises(AvzoneError) as info:
        make_map(model, points=points, points_crs=crs, tiles="none", base=False)
    said, said_zh = str(info.value), error_text(info.value, "zh")
    assert en.format(crs="points_crs") in said, said
    assert zh.format(crs="points_crs") in said_zh, said_zh

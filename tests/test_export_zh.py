"""avzone export's refusals of a file the format cannot hold, in Chinese under --lang zh."""

from __future__ import annotations

import re

import pytest
from common import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("layer", "name", "crs", "english"),
    [
        ("planned", "p.kml", "gcj02", "KML coordinates are WGS84 by definition, so a gcj02 file would claim WGS84"),
        ("planned", "p.kml", "EPSG:3857", "KML holds longitude/latitude only; --crs EPSG:3857 is projected"),
        ("planned", "p.kml", "EPSG:4490", "KML coordinates are WGS84 by definition; --crs EPSG:4490 is another datum"),
        ("planned", "p.Shp", None, "GDAL opens a Shapefile named .shp or .SHP only"),
        ("airports", "a.shp", None, "a Shapefile holds one geometry kind, but layer 'airports' has point and polygon"),
    ],
)
def test_export_refusals_in_both_languages(tmp_path, layer, name, crs, english):
    args = ["export", "--layer", layer, "-o", str(tmp_path / name), *(["--crs", crs] if crs else [])]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    assert en.stderr.startswith(f"avzone: error: {tmp_path / name}: {english}"), en.stderr
    line = zh.stderr.strip().splitlines()[-1]
    assert line.startswith(f"avzone: 错误：{tmp_path / name}："), line
    said = line.split("：", 2)[2]
    assert CJK.search(said) and not re.search(r"[a-z]{3,}(?: [a-z]{2,}){2,}", said), said  # no English sentence
    assert not any(tmp_path.iterdir())

"""`avzone export`: the hint of a value a format did not keep."""

from __future__ import annotations

import geopandas as gpd
import pytest

from avzone.errors import InputError
from avzone.export import _instead, export_layer
from avzone.i18n import error_text


def _stations_with(dataset_copy, edits: dict[int, dict]):
    """The dataset with properties of stations features (by index) added or replaced."""
    doc = dataset_copy.read("stations.geojson")
    for i, props in edits.items():
        doc["features"][i]["properties"].update(props)
    dataset_copy.write("stations.geojson", doc)
    return dataset_copy.load()


def _read(path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path) if path.suffix == ".parquet" else gpd.read_file(path)


# -- the hint of err_export_value: what holds the value, never the format that did not ----------------------
@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml"])
def test_a_text_with_a_nul_is_refused_with_what_keeps_it_not_the_same_format(tmp_path, dataset_copy, ext):
    m = _stations_with(dataset_copy, {1: {"note": "gate\x00B"}})
    fid = m.layer("stations")["id"].iloc[1]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", out / f"s{ext}")
    message = str(err.value)
    assert "'note'" in message and repr(fid) in message and "reads back as 'gate'" in message
    assert "NUL character" in message and "remove the NUL characters" in message and ".parquet" in message
    assert ".gpkg" not in message.split(": ", 1)[1]  # (a GeoPackage ends the text at the NUL too)
    zh = error_text(err.value, "zh")
    assert "NUL 字符" in zh and "去掉" in zh and ".gpkg" not in zh.split("：", 1)[1]
    assert list(out.iterdir()) == []
    export_layer(m, "stations", out / "s.parquet")  # the format the message names keeps it
    assert _read(out / "s.parquet")["note"].iloc[1] == "gate\x00B"


def test_a_number_a_format_did_not_keep_names_the_other_formats(tmp_path, dataset_copy):
    m = _stations_with(dataset_copy, {2: {"ratio": 1e-20}})
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", tmp_path / "s.shp")
    assert str(err.value).endswith("; export to .gpkg, .geojson or .parquet instead")
    assert error_text(err.value, "zh").endswith("；请改为导出为 .gpkg、.geojson 或 .parquet")


@pytest.mark.parametrize(
    ("fmt", "en", "zh"),
    [
        ("GeoPackage", "export to .geojson or .parquet instead", "请改为导出为 .geojson 或 .parquet"),
        ("KML", "export to .gpkg, .geojson or .parquet instead", "请改为导出为 .gpkg、.geojson 或 .parquet"),
    ],
)
def test_the_formats_named_for_a_value_leave_out_the_one_written(fmt, en, zh):
    assert str(_instead(fmt)) == en and _instead(fmt).text("zh") == zh

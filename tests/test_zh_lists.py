"""Lists inside messages (layers, columns, choices) are joined with "、" in Chinese and ", " in English."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.i18n import error_text


def _both(call) -> tuple[str, str]:
    with pytest.raises(Exception) as err:
        call()
    return str(err.value), error_text(err.value, "zh")


def test_the_layers_of_an_unknown_layer_error(model):
    en, zh = _both(lambda: model.layer("nope"))
    names = list(model.layers)
    assert ", ".join(names) in en
    assert "、".join(names) in zh and ", " not in zh


def test_the_zones_of_an_events_call_naming_a_non_zone_layer(model):
    frame = pd.DataFrame({"vehicle": ["a"], "ts": ["2024-07-01 08:00"], "lon": [116.5], "lat": [39.79]})
    en, zh = _both(lambda: model.events(frame, zones=["stations"]))
    zones = list(model.zone_layers)
    assert ", ".join(zones) in en
    assert "、".join(zones) in zh


def test_the_columns_of_a_file_without_the_named_column(model, tmp_path: Path):
    src = tmp_path / "pts.csv"
    src.write_text("id,x_coord,y_coord\n1,116.4,39.9\n", encoding="utf-8")
    en, zh = _both(lambda: locate_file(model, src, tmp_path / "out.csv", lon_col="lon", lat_col="y_coord"))
    assert "id, x_coord, y_coord" in en
    assert "id、x_coord、y_coord" in zh


def test_the_command_line_in_chinese_joins_the_layers_with_the_enumeration_comma(tmp_path: Path):
    res = run_cli("export", "--lang", "zh", "--layer", "nope", "-o", str(tmp_path / "x.geojson"))
    assert res.returncode == 2
    assert "core、current" in res.stderr

"""Growth compares two zone layers: a layer with itself (given twice, or the default on a dataset with one zone
layer) is refused in Python, on the command line and over HTTP, never reported as a growth of 0; and the growth
report's legend names the stages whose reported figure is not their drawn layer's (the outlook), and only those."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from common import run_cli

import avzone
from avzone.errors import InputError, LayerError
from avzone.growth import default_stages
from avzone.i18n import error_text

#: two squares in the Yizhuang core, the second holding the first
SMALL = [[[116.49, 39.78], [116.50, 39.78], [116.50, 39.79], [116.49, 39.79], [116.49, 39.78]]]
LARGE = [[[116.48, 39.77], [116.51, 39.77], [116.51, 39.80], [116.48, 39.80], [116.48, 39.77]]]


def _dataset(folder: Path, zones: dict[str, Any], **manifest: Any) -> Path:
    """A dataset folder named 't' with these zone layers (id -> polygon coordinates), in this order."""
    folder.mkdir()
    layers = [{"id": lid, "file": f"{lid}.geojson", "kind": "zone"} for lid in zones]
    (folder / "dataset.json").write_text(json.dumps({"name": "t", "layers": layers, **manifest}), encoding="utf-8")
    for lid, coords in zones.items():
        feature = {
            "type": "Feature",
            "properties": {"id": f"{lid}_1"},
            "geometry": {"type": "Polygon", "coordinates": coords},
        }
        doc = {"type": "FeatureCollection", "features": [feature]}
        (folder / f"{lid}.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.fixture
def one_zone(tmp_path: Path) -> Path:
    return _dataset(tmp_path / "one", {"zone": SMALL})


def _one_zone_en(folder: Path, how: str) -> str:
    return (
        f"dataset 't' ({folder}) has one zone layer, 'zone', and growth compares two: list another layer with kind "
        f"'zone' in its dataset.json, then give the two as {how}"
    )


def _one_zone_zh(folder: Path, how: str) -> str:
    return (
        f"数据集 't'（{folder}）只有一个范围图层 'zone'，而增长要比较两个：请在它的 dataset.json 中再列出一个 kind 为 "
        f"'zone' 的图层，然后给出这两个图层：{how}"
    )


SAME_EN = (
    "growth from 'current' to 'current' compares the layer with itself: give two different zone layers as {how}; "
    "zone layers are: core, current, planned, outlook"
)
SAME_ZH = (
    "从 'current' 到 'current' 的增长是把该图层和它自己比较：请给出两个不同的范围图层（{how}）；"
    "范围图层有：core、current、planned、outlook"
)


# -- Python ----------------------------------------------------------------------------------------------------
def test_growth_on_a_dataset_with_one_zone_layer_is_refused_not_zero(one_zone):
    model = avzone.load(one_zone)
    assert default_stages(model) == ("zone", "zone")  # (no second layer to default to)
    for args in ((), ("zone", "zone"), ("zone", None), (None, "zone")):
        with pytest.raises(LayerError) as caught:
            model.growth(*args)
        assert str(caught.value) == _one_zone_en(model.folder, "model.growth(from_id, to_id)")
        assert error_text(caught.value, "zh") == _one_zone_zh(model.folder, "model.growth(from_id, to_id)")
    with pytest.raises(LayerError, match="'planned' is not a zone layer; zone layers are: zone"):
        model.growth("zone", "planned")  # (a layer that is no zone layer is still named as such)


def test_growth_from_a_layer_to_itself_is_refused(model):
    with pytest.raises(InputError) as caught:
        model.growth("current", "current")
    assert str(caught.value) == SAME_EN.format(how="model.growth(from_id, to_id)")
    assert error_text(caught.value, "zh") == SAME_ZH.format(how="model.growth(from_id, to_id)")
    assert model.growth("current", "planned").added_km2 > 0  # (two layers: measured as before)


def test_the_default_stages_are_two_layers_where_the_dataset_has_two(tmp_path):
    """Without an expansion or a 'planned' layer, 'current' as the last zone layer was both ends: a growth of 0."""
    model = avzone.load(_dataset(tmp_path / "two", {"core": SMALL, "current": LARGE}))
    assert default_stages(model) == ("core", "current")
    g = model.growth()
    assert (g.from_id, g.to_id) == ("core", "current") and g.added_km2 > 0
    first = avzone.load(_dataset(tmp_path / "planned-first", {"planned": SMALL, "outlook": LARGE}))
    assert default_stages(first) == ("planned", "outlook")


# -- the command line --------------------------------------------------------------------------------------------
def test_avzone_growth_on_a_dataset_with_one_zone_layer_says_so(one_zone, tmp_path):
    folder = avzone.load(one_zone).folder
    chart = tmp_path / "g.png"
    for args in ((), ("zone", "zone"), ("--json",), ("--chart", str(chart))):
        out = run_cli("growth", *args, "--data", str(one_zone), "--lang", "en")
        assert out.returncode == 2 and out.stdout == "", (args, out.stdout)
        assert out.stderr == f"avzone: error: {_one_zone_en(folder, 'avzone growth FROM TO')}\n"
    zh = run_cli("growth", "--data", str(one_zone), "--lang", "zh")
    assert zh.returncode == 2 and zh.stderr == f"avzone: 错误：{_one_zone_zh(folder, 'avzone growth FROM TO')}\n"
    assert not chart.exists()


def test_avzone_growth_from_a_layer_to_itself_says_so():
    out = run_cli("growth", "current", "current", "--lang", "en")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"avzone: error: {SAME_EN.format(how='avzone growth FROM TO')}\n"
    zh = run_cli("growth", "current", "current", "--json", "--lang", "zh")
    assert zh.returncode == 2 and zh.stdout == ""
    assert zh.stderr == f"avzone: 错误：{SAME_ZH.format(how='avzone growth FROM TO')}\n"


def test_demo_on_a_dataset_with_one_zone_layer_says_there_is_no_growth_and_goes_on(one_zone, tmp_path):
    out = run_cli("demo", "--data", str(one_zone), "--out", str(tmp_path / "out"), "--lang", "en")
    folder = avzone.load(one_zone).folder
    assert "Traceback" not in out.stderr and "avzone: error" not in out.stderr, out.stderr
    growth_part = out.stdout.split("== avzone growth ==\n", 1)[1].split("\n\n", 1)[0]
    assert growth_part == _one_zone_en(folder, "avzone growth FROM TO")
    # (its dataset has no timeline: no chart, test_growth_no_timeline.py)
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"map.html", "map-offline.html"}


# -- HTTP --------------------------------------------------------------------------------------------------------
def _client(model: avzone.Model) -> Any:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    return TestClient(create_app(model))


HTTP_HOW_EN = "the query parameters from and to (GET /v1/growth?from=FROM&to=TO)"
HTTP_HOW_ZH = "查询参数 from 和 to，即 GET /v1/growth?from=FROM&to=TO"


def test_get_growth_on_a_dataset_with_one_zone_layer_is_a_422(one_zone):
    model = avzone.load(one_zone)
    with _client(model) as client:
        for params in ({}, {"from": "zone"}, {"to": "zone"}, {"from": "zone", "to": "zone"}):
            r = client.get("/v1/growth", params=params)
            assert r.status_code == 422 and r.headers["content-type"] == "application/json", (params, r.text)
            assert r.json() == {"detail": _one_zone_en(model.folder, HTTP_HOW_EN)}
        zh = client.get("/v1/growth", params={"lang": "zh"})
        assert zh.status_code == 422 and zh.json() == {"detail": _one_zone_zh(model.folder, HTTP_HOW_ZH)}
        assert zh.headers["content-language"] == "zh"


def test_get_growth_from_a_layer_to_itself_is_a_422(model):
    with _client(model) as client:
        r = client.get("/v1/growth", params={"from": "current", "to": "current"})
        assert r.status_code == 422 and r.json() == {"detail": SAME_EN.format(how=HTTP_HOW_EN)}
        zh = client.get("/v1/growth", params={"from": "current", "to": "current", "lang": "zh"})
        assert zh.status_code == 422 and zh.json() == {"detail": SAME_ZH.format(how=HTTP_HOW_ZH)}
        assert client.get("/v1/growth", params={"from": "current", "to": "planned"}).status_code == 200


# -- the legend of the growth report -------------------------------------------------------------------------------
def _legend(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(("nominal:", "标称：")))


def test_the_legend_names_the_outlook_of_the_embedded_data():
    en, zh = run_cli("growth", "--lang", "en"), run_cli("growth", "--lang", "zh")
    assert en.returncode == zh.returncode == 0, en.stderr + zh.stderr
    assert _legend(en.stdout) == (
        "nominal: what the layer is drawn to; measured: geodesic area of the drawn layer; reported: the figure "
        "reported for the stage (for outlook, not the area of the drawn layer)"
    )
    assert _legend(zh.stdout) == (
        "标称：图层按此面积绘制；实测：所画图层的椭球面积；报道：该阶段报道的数字（远期规划的报道数字不是所画图层的面积）"
    )


def _timeline(reported_current: float) -> list[dict[str, Any]]:
    return [
        {"date": "2021-01-01", "stage": "first", "layer": "core", "nominal_area_km2": 1, "reported_area_km2": 1},
        {
            "date": "2023-01-01",
            "stage": "second",
            "stage_zh": "第二阶段",
            "layer": "current",
            "nominal_area_km2": 10,
            "reported_area_km2": reported_current,
        },
    ]


def test_the_legend_of_a_dataset_without_an_outlook_names_none(tmp_path):
    """The legend said "(the outlook's is a plan centred on the drawn belt)" of every dataset, one without too."""
    folder = _dataset(tmp_path / "no-outlook", {"core": SMALL, "current": LARGE}, timeline=_timeline(10))
    for lang in ("en", "zh"):
        out = run_cli("growth", "--data", str(folder), "--lang", lang)
        assert out.returncode == 0, out.stderr
        assert _legend(out.stdout).endswith(("reported: the figure reported for the stage", "报道：该阶段报道的数字"))
        assert "outlook" not in out.stdout and "远期" not in out.stdout


def test_the_legend_names_whichever_stage_reports_more_than_its_layer(tmp_path):
    folder = _dataset(tmp_path / "reported", {"core": SMALL, "current": LARGE}, timeline=_timeline(30))
    en = run_cli("growth", "--data", str(folder), "--lang", "en")
    assert _legend(en.stdout).endswith("reported for the stage (for second, not the area of the drawn layer)")
    zh = run_cli("growth", "--data", str(folder), "--lang", "zh")
    assert _legend(zh.stdout).endswith("报道：该阶段报道的数字（第二阶段的报道数字不是所画图层的面积）")

"""Growth between stages and along the timeline, measured on the ellipsoid."""

from __future__ import annotations

import itertools
import json
from datetime import date

import numpy as np
import pytest
from common import run_cli

from avzone import geodesy, growth
from avzone.errors import LayerError
from avzone.growth import growth_chart, timeline


def test_growth_equals_differences_of_geodesic_areas(model):
    g = model.growth("current", "planned")
    assert g.from_km2 == pytest.approx(geodesy.area_km2(model.layer_geometry("current")), rel=1e-12)
    assert g.to_km2 == pytest.approx(geodesy.area_km2(model.layer_geometry("planned")), rel=1e-12)
    assert g.added_km2 == pytest.approx(g.to_km2 - g.from_km2, rel=1e-12)
    assert g.ratio == pytest.approx(g.to_km2 / g.from_km2)
    assert g.percent == pytest.approx((g.to_km2 / g.from_km2 - 1) * 100)


def test_embedded_growth_is_160_to_600_within_tolerance(model):
    g = model.growth()
    assert abs(g.from_km2 - 160) <= 0.02 * 160
    assert abs(g.to_km2 - 600) <= 0.02 * 600
    assert abs(g.added_km2 - 440) <= 0.02 * 440


def test_parts_break_down_the_added_area(model):
    g = model.growth("current", "planned")
    assert {p["id"] for p in g.parts} == {"planned_tongzhou", "planned_shunyi"}
    added_geom = model.layer_geometry("planned").difference(model.layer_geometry("current"))
    assert sum(p["added_km2"] for p in g.parts) == pytest.approx(geodesy.area_km2(added_geom), abs=0.01)
    for p in g.parts:
        assert p["added_km2"] == pytest.approx(model.area_km2(p["id"]), abs=0.01)  # parts lie outside current


def test_timeline_rates_follow_from_areas_and_dates(model):
    stages = timeline(model)
    by_layer = {s.layer: s for s in stages if s.layer}
    core, current, planned = by_layer["core"], by_layer["current"], by_layer["planned"]
    years = (date.fromisoformat(current.date) - date.fromisoformat(core.date)).days / 365.25
    assert current.cagr_pct == pytest.approx(((current.area_km2 / core.area_km2) ** (1 / years) - 1) * 100, abs=0.06)
    assert planned.cagr_pct is None  # under a year after the previous stage: no annual rate
    years_first = (date.fromisoformat(planned.date) - date.fromisoformat(core.date)).days / 365.25
    expected = ((planned.area_km2 / core.area_km2) ** (1 / years_first) - 1) * 100
    assert planned.cagr_since_first_pct == pytest.approx(expected, abs=0.06)
    assert stages[0].area_km2 is None and stages[0].cagr_pct is None  # phase 1.0 has no polygon


def test_growth_unknown_layer(model):
    with pytest.raises(LayerError, match="'stations' is not a zone layer; zone layers are: core, current"):
        model.growth("stations", "planned")


def test_chart_is_a_png(model, tmp_path):
    path = growth_chart(model, tmp_path / "growth.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_growth_cli_json_and_chart(tmp_path):
    chart = tmp_path / "g.png"
    out = run_cli("growth", "--json", "--chart", str(chart))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"from", "to", "from_km2", "to_km2", "added_km2", "ratio", "percent", "parts", "timeline"} <= set(doc)
    assert doc["from"] == "current" and doc["to"] == "planned"
    assert chart.is_file()
    other = json.loads(run_cli("growth", "core", "outlook", "--json").stdout)
    assert other["from"] == "core" and other["to_km2"] > other["from_km2"]
    bad = run_cli("growth", "current")
    assert bad.returncode == 2 and "give two zone layers" in bad.stderr


def test_timeline_carries_measured_nominal_and_reported_side_by_side(model):
    by_layer = {s.layer: s for s in timeline(model) if s.layer}
    outlook = by_layer["outlook"]
    # the drawn belt measures its nominal area; the reported plan is a separate, larger figure
    assert abs(outlook.area_km2 - outlook.nominal_km2) <= 0.02 * outlook.nominal_km2
    assert outlook.reported_km2 == 3000 and outlook.reported_km2 > 1.4 * outlook.area_km2
    for layer in ("core", "current", "planned"):
        stage = by_layer[layer]
        assert stage.reported_km2 == stage.nominal_km2
        assert abs(stage.area_km2 - stage.nominal_km2) <= 0.02 * stage.nominal_km2
    assert model.layer_info("outlook").get("reported_area_km2") == 3000


def test_growth_text_prints_reported_beside_measured():
    out = run_cli("growth")
    assert out.returncode == 0, out.stderr
    assert "nominal km²  measured km²  reported km²" in out.stdout
    row = next(line for line in out.stdout.splitlines() if "  outlook  " in line)
    assert "1,960" in row and "3,000" in row


def test_a_plan_never_in_force_gets_no_growth_rate(model, dataset_copy):
    stages = {s.layer: s for s in timeline(model) if s.layer}
    # the outlook has no valid_from: a plan, not a stage the zone reached
    assert model.layer_info("outlook").get("valid_from") is None
    assert stages["outlook"].area_km2 is not None
    assert stages["outlook"].cagr_pct is None and stages["outlook"].cagr_since_first_pct is None
    assert stages["planned"].cagr_since_first_pct is not None
    # dated as a stage in force, the same layer gets its rate back
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    for layer in manifest["layers"]:
        if layer["id"] == "planned":
            layer["valid_to"] = "2024-10-18"
        if layer["id"] == "outlook":
            layer["valid_from"] = "2024-10-18"
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
    dated = {s.layer: s for s in timeline(dataset_copy.load()) if s.layer}
    assert dated["outlook"].cagr_since_first_pct is not None


def test_growth_to_a_smaller_layer_prints_one_sign():
    """From the planned zone back to the current one the area shrinks: '-440.0 km²', never '+-440.0 km²'."""
    out = run_cli("growth", "planned", "current")
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first == "planned -> current: 600.0 km² -> 160.0 km², -440.0 km² (x0.27, -73 %), geodesic"
    assert run_cli("growth").stdout.splitlines()[0].endswith("+440.0 km² (x3.75, +275 %), geodesic")


def test_growth_between_layers_that_do_not_nest_says_what_the_later_one_leaves_out(model):
    """222 km² of the planned zone lie beyond the outlook belt: the parts less that make the change."""
    g = model.growth("planned", "outlook")
    removed = geodesy.area_km2(model.layer_geometry("planned").difference(model.layer_geometry("outlook")))
    assert g.removed_km2 == pytest.approx(removed) and 200 < removed < 250
    assert sum(p["added_km2"] for p in g.parts) - g.removed_km2 == pytest.approx(g.added_km2, abs=0.01)
    assert model.growth("current", "planned").removed_km2 < 0.01  # nested: nothing left out
    out = run_cli("growth", "planned", "outlook")
    assert out.returncode == 0, out.stderr
    assert "  planned outside outlook: -221.9 km²" in out.stdout.splitlines()
    assert json.loads(run_cli("growth", "planned", "outlook", "--json").stdout)["removed_km2"] == round(removed, 3)
    assert not any("outside" in line for line in run_cli("growth").stdout.splitlines()[:4])


def test_a_part_without_a_name_or_district_is_named_by_its_id_not_nan(dataset_copy):
    def unnamed(feat):
        del feat["properties"]["name_en"], feat["properties"]["district"], feat["properties"]["nominal_area_km2"]

    dataset_copy.edit_feature("planned.geojson", "planned_tongzhou", unnamed)
    g = dataset_copy.load().growth("current", "planned")
    part = next(p for p in g.parts if p["id"] == "planned_tongzhou")
    assert (part["name_en"], part["district"], part["nominal_km2"]) == ("", "", None)
    shunyi = next(p for p in g.parts if p["id"] == "planned_shunyi")
    assert shunyi["nominal_km2"] == 190 and shunyi["name_en"].startswith("Expanded zone: Shunyi part")
    out = run_cli("growth", "--data", str(dataset_copy.folder))
    assert out.returncode == 0, out.stderr
    assert "\n  planned_tongzhou: +250.0 km²\n" in out.stdout and "nan" not in out.stdout
    doc = json.loads(run_cli("growth", "--data", str(dataset_copy.folder), "--json").stdout)
    assert next(p for p in doc["parts"] if p["id"] == "planned_tongzhou")["name_en"] == ""


def test_growth_by_default_compares_the_datasets_expansion_everywhere(dataset_copy):
    """avzone growth, model.growth() and GET /v1/growth all default to the manifest's expansion (from, to)."""
    doc = dataset_copy.read("dataset.json")
    doc["expansion"] = {"from": "core", "to": "current", "nominal_added_km2": 100, "area_tolerance_pct": 2}
    dataset_copy.write("dataset.json", doc)
    copy = dataset_copy.load()
    g = copy.growth()
    assert (g.from_id, g.to_id) == ("core", "current")
    out = run_cli("growth", "--data", str(dataset_copy.folder), "--json")
    assert out.returncode == 0, out.stderr
    cli = json.loads(out.stdout)
    assert (cli["from"], cli["to"]) == ("core", "current")
    assert run_cli("growth", "--data", str(dataset_copy.folder)).stdout.startswith("core -> current: 59.9 km²")
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(copy)) as client:
        assert client.get("/v1/growth").json() == cli


def _chart_texts(fig) -> list:
    """Every text a person reads on a chart: title, axis labels, legend entries, annotations."""
    ax = fig.axes[0]
    legend = ax.get_legend()
    return [ax.title, ax.yaxis.label, *(legend.get_texts() if legend else []), *ax.texts]


def _drawn_without_missing_glyphs(fig) -> list[str]:
    """Draw ``fig``; the glyphs matplotlib reports missing from its fonts (drawn as empty boxes)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_growth_chart_is_written_in_the_language_asked_and_its_chinese_renders(model, lang):
    """Title, axis label, legend and stage labels in lang; every glyph drawn from a font that has it (Chinese
    from a Chinese font of the system: no boxes), whatever matplotlib's font cache was built with."""
    import matplotlib.pyplot as plt

    from avzone.growth import growth_figure

    fig = growth_figure(model, lang=lang)
    try:
        words = [t.get_text() for t in _chart_texts(fig)]
        title, ylabel, measured, reported = words[:4]
        if lang == "zh":
            assert title == f"{model.manifest['title_zh']}：各阶段的增长"
            assert ylabel == "面积，km²（对数坐标）"
            assert measured == "所画图层的实测（椭球）面积；虚线：到规划阶段"
            assert reported == "报道的数字（媒体），不是实测面积"
            current = model.layer_info("current").get("title_zh")
            assert f"{current}，2024-03\n实测 160 km²" in words
            assert any(w.endswith("\n报道的规划：约 3,000 km²") for w in words)
            assert not any(c.isascii() and c.isalpha() for w in words for c in w.replace("km", ""))
        else:
            assert title == f"{model.manifest['title_en']}: growth by stage"
            assert ylabel == "area, km² (log scale)"
            assert "phase 3.0, 2024-03\n160 km² measured" in words
        assert _drawn_without_missing_glyphs(fig) == []
    finally:
        plt.close(fig)


def test_growth_chart_in_chinese_without_a_chinese_font_is_refused(model, tmp_path, monkeypatch):
    """No font with Chinese glyphs: an error saying so and what to install, never a chart of empty boxes."""
    from avzone import growth as growth_module
    from avzone.i18n import error_text

    monkeypatch.setattr(growth_module, "chinese_font", lambda: None)
    target = tmp_path / "g.png"
    with pytest.raises(growth_module.AvzoneError) as caught:
        growth_chart(model, target, lang="zh")
    assert not target.exists()
    fonts = ", ".join(growth_module.CHINESE_FONTS)
    assert str(caught.value) == (
        f"cannot write the chart in Chinese: no font with Chinese glyphs found ({fonts}); install one (on Debian "
        "or Ubuntu: apt install fonts-noto-cjk), or draw it in English (lang='en')"
    )  # (Python's lang='en': it was told of --lang en, an option of a command it never ran)
    assert error_text(caught.value, "zh") == (
        f"无法用中文画出图表：找不到含中文字形的字体（{fonts.replace(', ', '、')}）；"
        "请安装一种（Debian 或 Ubuntu：apt install "
        "fonts-noto-cjk），或用英文画（lang='en'）"
    )
    out = run_cli("growth", "--chart", str(target), "--lang", "zh")
    cli = error_text(caught.value, "zh").replace("lang='en'", "--lang en")  # (the command line's words as before)
    assert out.returncode == 2 and out.stderr.endswith(cli + "\n") and not target.exists()
    assert growth_chart(model, target, lang="en") == target  # English needs none


def test_timeline_is_in_date_order_whatever_the_manifests_order(model, dataset_copy):
    # the rates were taken in the manifest's order: with phase 2.0 listed after phase 3.0 (avzone check passes it),
    # "since first" was from the 160 km² stage of 2024-03 (so none for the 2024 expansion) and "vs previous" of
    # the expansion +138 %/yr from 2021's core, and the chart's line went back in time
    doc = dataset_copy.read("dataset.json")
    doc["timeline"][1], doc["timeline"][2] = doc["timeline"][2], doc["timeline"][1]
    dataset_copy.write("dataset.json", doc)
    assert timeline(dataset_copy.load()) == timeline(model)
    assert [s.date for s in timeline(model)] == sorted(s.date for s in timeline(model))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_growth_chart_labels_clear_each_other_and_the_lines(model, lang):
    """The 600 km² stage and the outlook share a date (2024-10-18): the stage's label was centred above its point,
    across the dashed line rising to the outlook, and the line from 160 to 600 km² crossed the 160 km² label. No stage
    label may overlap another or the legend, cross a drawn line or leave the axes."""
    if lang == "zh" and growth.chinese_font() is None:
        pytest.skip("no font with Chinese glyphs")
    fig = growth.growth_figure(model, lang=lang)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = fig.axes[0]
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        assert len(boxes) >= 4
        frame = ax.get_window_extent(renderer)
        for box, text in zip(boxes, ax.texts):
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, text
        legend = ax.get_legend().get_window_extent(renderer)
        assert not any(box.overlaps(legend) for box in boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), (a, b)
        for line in ax.get_lines():
            xy = line.get_transform().transform(line.get_xydata())
            if line.get_linestyle() in ("None", "") or len(xy) < 2:
                continue
            for (x0, y0), (x1, y1) in itertools.pairwise(xy):
                for t in np.linspace(0.0, 1.0, 200):
                    x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                    for box, text in zip(boxes, ax.texts):
                        assert not box.contains(x, y), (text.get_text(), line.get_linestyle())
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)

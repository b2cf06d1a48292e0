"""No user-facing text calls a polygon by an area it does not measure.

Scans what users read: the CLI's area, growth, check and locate output, the
map's HTML, the growth chart's labels, README.md, geo/README.md and the tour
notebook. Two kinds of claim are checked:

- an area tied to a zone layer or feature ("the 160 km² current zone", a
  layer title or feature name followed or carrying "(N km²)", a legend row)
  must be what that polygon measures, within its area tolerance;
- the reported outlook figure (3,000 km²) may appear only where the sentence
  says it is reported or a plan, never as a polygon's area.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from avzone import maps
from avzone.cli import main as cli_main
from avzone.growth import growth_chart

ROOT = Path(__file__).resolve().parents[1]
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
REPORTED_WORDS = re.compile(r"\breport|\bplan(?!ned)|规划|计划|报道", re.IGNORECASE)
OUTLOOK_REPORTED = re.compile(r"(?<![\d,.])3,?000(?:\.0+)?\s*(?:km²|km2|平方公里)")


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _normalise(text: str) -> str:
    text = text.replace("\\u00b2", "²").replace("\\u5e73\\u65b9\\u516c\\u91cc", "平方公里")
    return html.unescape(html.unescape(text))


class Polygons:
    """Measured areas and tolerances of every zone layer and zone feature, and the names that denote them."""

    def __init__(self, model):
        self.area: dict[str, float] = {}
        self.tol: dict[str, float] = {}
        self.names: dict[str, str] = {}  # a title or name -> layer or feature id
        for lid in model.zone_layers:
            info = model.layer_info(lid)
            self.area[lid] = model.area_km2(lid)
            self.tol[lid] = info.area_tolerance_pct or 2.0
            for key in ("title_en", "title_zh"):
                if info.get(key):
                    self.names[info.get(key)] = lid
            for _, row in model.layer(lid).iterrows():
                fid = str(row["id"])
                self.area[fid] = model.area_km2(fid)
                self.tol[fid] = float(row.get("area_tolerance_pct") or 2.0)
                for key in ("name_en", "name_zh"):
                    if isinstance(row.get(key), str):
                        self.names[row[key]] = fid

    def agrees(self, subject: str, figure: float) -> bool:
        area = self.area[subject]
        return abs(figure - area) <= area * self.tol[subject] / 100.0 + 0.5  # + rounding of the printed figure


def claims(text: str, polygons: Polygons) -> list[tuple[str, float, str]]:
    """(subject, figure, excerpt) for every area the text ties to a zone layer or feature."""
    text = _normalise(text)
    found = []
    for m in re.finditer(rf"the {NUMBER} km² (\w+) zone", text):
        if m.group(2) in polygons.area:
            found.append((m.group(2), _num(m.group(1)), m.group(0)))
    for name, subject in polygons.names.items():
        for m in re.finditer(re.escape(name), text):
            # the name itself carries a figure ("... (phase 2.0, 60 km²)", "（约3000平方公里）")
            for f in re.finditer(rf"{NUMBER}\s*(?:km²|平方公里)", name):
                found.append((subject, _num(f.group(1)), name))
            after = text[m.end() : m.end() + 40]
            label = re.match(rf"\s*[(（][^)）]*?{NUMBER}\s*(?:km²|平方公里)[)）]", after)
            if label:
                found.append((subject, _num(label.group(1)), name + after[: label.end()]))
    for m in re.finditer(r'<tr data-layer="(\w+)">(.*?)</tr>', text):
        for f in re.finditer(rf"{NUMBER}(?:\.\d+)? km²", m.group(2)):
            found.append((m.group(1), _num(f.group(1)), m.group(0)[:120]))
    return found


def unattributed_reported_figures(text: str) -> list[str]:
    """Excerpts where 3,000 km² appears without saying it is a reported figure or a plan."""
    text = _normalise(text)
    bad = []
    for m in OUTLOOK_REPORTED.finditer(text):
        before = re.split(r"\.\s|\n\s*\n|\||;|<|>", text[max(0, m.start() - 200) : m.start()])[-1]
        after = re.split(r"\.\s|\n\s*\n|\||;|<|>", text[m.end() : m.end() + 60])[0]
        if not REPORTED_WORDS.search(before + m.group(0) + after):
            bad.append((before + m.group(0) + after).strip())
    return bad


def problems(text: str, polygons: Polygons) -> list[str]:
    out = [
        f"{excerpt!r} calls {subject} {figure:,.0f} km², it measures {polygons.area[subject]:,.1f} km²"
        for subject, figure, excerpt in claims(text, polygons)
        if not polygons.agrees(subject, figure)
    ]
    out += [f"{excerpt!r}: 3,000 km² not marked as reported" for excerpt in unattributed_reported_figures(text)]
    return out


# -- what users read ------------------------------------------------------------
def _cli(capsys, *args: str) -> str:
    assert cli_main(list(args)) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def polygons(model):
    return Polygons(model)


def test_cli_output_makes_no_false_area_claim(model, polygons, capsys):
    outputs = [
        _cli(capsys, "area"),
        _cli(capsys, "area", "--by", "district"),
        _cli(capsys, "growth"),
        _cli(capsys, "growth", "core", "outlook"),
        _cli(capsys, "check"),
        _cli(capsys, "locate", "116.50", "39.79"),
        _cli(capsys, "locate", "116.45", "39.95"),
    ]
    text = "\n".join(outputs)
    assert "the 1,960 km² outlook zone" in text  # the scanner sees the locate sentence
    assert claims(text, polygons), "nothing was scanned"
    assert problems(text, polygons) == []


def test_map_html_makes_no_false_area_claim(model, polygons):
    page = maps.make_map(model, show_stages=True).get_root().render()
    found = claims(page, polygons)
    assert {s for s, _, _ in found} >= {"core", "current", "planned", "outlook"}  # legend and layer control
    assert problems(page, polygons) == []


def test_growth_chart_labels_make_no_false_area_claim(model, polygons, tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    figures = []
    real_close = plt.close
    monkeypatch.setattr(plt, "close", lambda fig=None: figures.append(fig))
    growth_chart(model, tmp_path / "growth.png")
    monkeypatch.setattr(plt, "close", real_close)
    (fig,) = figures
    texts = [t.get_text() for ax in fig.axes for t in [*ax.texts, ax.title]]
    texts += [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    real_close(fig)
    labels = "\n\n".join(texts)
    outlook = next(t for t in texts if t.startswith("outlook"))
    assert f"{model.area_km2('outlook'):,.0f} km² measured" in outlook
    assert "reported plan: about 3,000 km²" in outlook
    # each stage label names its measured area: "<stage>, <date>\n<N> km² measured"
    for stage_label in texts:
        m = re.search(rf"\n{NUMBER} km² measured", stage_label)
        if m:
            layer = {"phase 2.0": "core", "phase 3.0": "current", "2024 expansion": "planned", "outlook": "outlook"}[
                stage_label.split(",")[0]
            ]
            assert polygons.agrees(layer, _num(m.group(1))), stage_label
    assert problems(labels, polygons) == []


@pytest.mark.parametrize("doc", ["README.md", "geo/README.md"])
def test_readmes_make_no_false_area_claim(polygons, doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert problems(text, polygons) == []


def test_notebook_makes_no_false_area_claim(polygons):
    nb = json.loads((ROOT / "notebooks" / "tour.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell.get("source", [])))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", [])))
            parts.append("".join(out.get("data", {}).get("text/plain", [])))
    assert problems("\n\n".join(parts), polygons) == []


def test_dataset_texts_make_no_false_area_claim(model, polygons):
    texts = [json.dumps(model.manifest, ensure_ascii=False)]
    for lid in model.layers:
        texts += [json.dumps(f["properties"], ensure_ascii=False) for f in model.raw_features(lid)]
    assert problems("\n\n".join(texts), polygons) == []


# -- the scanner itself can fail ----------------------------------------------------
def test_scanner_catches_false_claims(model, polygons, dataset_copy):
    assert problems("inside the 3,000 km² outlook zone", polygons)
    assert problems("the outlook covers 3000 km² between the rings", polygons)
    assert not problems("a plan of about 3,000 km² was reported around the belt", polygons)
    title = model.layer_info("outlook").get("title_en")
    assert problems(f"{title} (2,117 km²)", polygons)
    assert problems("BDA / Yizhuang zone (172 km²)", polygons)

    # the old outlook: nominal 3,000 km² on a polygon of about 1,924 km², tolerance 30 %
    manifest = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["layers"] if e["id"] == "outlook")
    entry["nominal_area_km2"], entry["area_tolerance_pct"] = 3000, 2
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
    bad = dataset_copy.load()
    page = maps.make_map(bad).get_root().render()
    assert any("calls outlook 3,000 km²" in p for p in problems(page, Polygons(bad)))

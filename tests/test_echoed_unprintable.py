"""Messages that echo the user's data (a file name, a column name, an option's value) write its unprintable
characters escaped and cut a long value quoted: a refusal or a summary line stays one line and says what was there,
and a status column names its column on one line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from common import YIZHUANG_CORE, run_cli
from conftest import DatasetCopy

from avzone.i18n import DataText, Joined, Message, Named, printable, text

LON, LAT = YIZHUANG_CORE
#: Line breaks (for print, str.splitlines and terminals), a control character that recolours a terminal.
BREAKS = ["\n", "\r", "\x85", "\u2028", "\u2029", "\x1b[31m", "\x00", "\t"]


@pytest.mark.parametrize("brk", BREAKS)
def test_printable_escapes_what_is_not_printable(brk: str) -> None:
    shown = printable(f"a{brk}b")
    assert shown.isprintable() and shown == "a" + json.dumps(brk)[1:-1] + "b"
    assert printable("经度 (°)") == "经度 (°)"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("brk", BREAKS)
def test_a_text_field_of_a_message_is_one_line(brk: str, lang: str) -> None:
    said = text("err_no_such_file", lang, file=f"a{brk}b.csv")
    assert said.isprintable() and "a" + json.dumps(brk)[1:-1] + "b.csv" in said
    assert str(Message("err_no_such_file", file=Path(f"a{brk}b.csv"))).isprintable()


def test_a_long_value_quoted_is_cut_and_a_file_name_is_not() -> None:
    assert text("err_no_such_file", "en", file="d/" + "f" * 300) == "d/" + "f" * 300 + ": no such file"
    m = Message("err_events_no_column", role="id", name="n" * 5000, columns="lon, lat")
    assert "… (5,000 characters)" in m and len(m) < 400
    assert "…（共 5,000 个字符）" in m.text("zh")


def _one_line_each(stderr: str) -> list[str]:
    """stderr's lines, each asserted printable (no raw line break or control character in any)."""
    lines = stderr.splitlines()
    assert lines and all(line.isprintable() for line in lines), stderr
    return lines


@pytest.mark.parametrize("brk", ["\n", "\x85", "\u2028", "\x1b[31m"])
def test_cli_refusals_echoing_a_name_are_one_line(tmp_path: Path, brk: str) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f"lon,lat,t\n{LON},{LAT},2024-06-01\n", encoding="utf-8")
    for args in (
        ["locate", "--input", str(tmp_path / f"a{brk}b.csv"), "-o", str(tmp_path / "o.csv")],
        ["locate", str(LON), str(LAT), "--data", str(tmp_path / f"d{brk}x")],
        ["events", "--input", str(src), "-o", str(tmp_path / "e.csv"), "--id-col", f"v{brk}x"],
        ["locate", "--input", str(src), "-o", str(tmp_path / "o.csv"), "--lon-col", f"x{brk}y"],
    ):
        r = run_cli(*args)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert len(_one_line_each(r.stderr)) == 1, r.stderr
        assert json.dumps(brk)[1:-1] in r.stderr or repr(brk)[1:-1] in r.stderr  # (as JSON escapes or repr writes it)


@pytest.mark.parametrize("brk", ["\n", "\r", "\x85", "\u2028", "\x1b[31m"])
def test_a_column_named_with_a_line_break_is_named_on_one_line(tmp_path: Path, brk: str) -> None:
    lat = f"a{brk}b"
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["x", lat, "t"])
        w.writerows([[LON, LAT, "2024-06-01"], [LON, "", "2024-06-01"], [LON, "north", "noon?"]])
    r = run_cli("locate", "--input", str(src), "-o", str(out), "--lon-col", "x", "--lat-col", lat, "--time-col", "t")
    assert r.returncode == 0, r.stderr
    shown = "a" + json.dumps(brk)[1:-1] + "b"
    lines = _one_line_each(r.stderr)
    assert f"  1: missing {shown}" in lines and f"  1: {shown} not a number" in lines
    line = 5 if brk in "\r\n" else 4  # (a header name holding a line end is two lines of the file)
    assert f"    row 2 (line {line} of the file), {shown} = 'north'" in lines
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [row["status"] for row in rows] == ["ok", f"missing {shown}", f"{shown} not a number"]
    assert [row[lat] for row in rows] == [str(LAT), "", "north"]  # (the data itself as it was)


def _hostile_names(data: DatasetCopy, brk: str) -> None:
    """The dataset's names and titles (a zone's title, a stage, a feature's and a hub's names) holding ``brk``."""
    manifest = data.read("dataset.json")
    for layer in manifest["layers"]:
        if layer["id"] == "current":
            layer.update(title_en=f"BDA{brk}zone", title_zh=f"亦庄{brk}区", stage=f"phase{brk}3.0")
    for stage in manifest["timeline"]:
        if stage.get("layer") == "current":
            stage.update(stage=f"phase{brk}3.0", stage_zh=f"3.0{brk}阶段")
    data.write("dataset.json", manifest)

    def named(feature: dict[str, object]) -> None:
        feature["properties"].update(name_en=f"Yizhuang{brk}hub", name_zh=f"亦庄{brk}站")  # type: ignore[attr-defined]

    data.edit_feature("stations.geojson", "yizhuang", named)
    data.edit_feature(
        "planned.geojson",
        "planned_shunyi",
        lambda f: f["properties"].update(name_en=f"Shunyi{brk}x", name_zh=f"顺义{brk}部分"),
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("brk", ["\n", "\x85", "\u2028", "\x1b[31m"])
def test_the_datasets_names_are_printed_escaped(dataset_copy: DatasetCopy, brk: str, lang: str) -> None:
    """A name in the user's dataset is text the commands echo as a message echoes a column name: a line break or an
    escape sequence in it breaks no line of a table or a summary, and is shown escaped."""
    _hostile_names(dataset_copy, brk)
    shown = json.dumps(brk)[1:-1]
    data = str(dataset_copy.folder)
    for args in (
        ["check"],
        ["area"],
        ["growth"],
        ["locate", str(LON), str(LAT)],
        ["locate", str(LON), str(LAT), "--at", "2024-05-01"],
    ):
        r = run_cli("--lang", lang, *args, "--data", data)
        assert r.returncode in (0, 1), (args, r.stderr)  # (check: the edited names fail no check that exits 2)
        lines = r.stdout.splitlines()
        assert all(line.isprintable() for line in lines), (args, r.stdout)
        assert shown in r.stdout, (args, r.stdout)
    growth = run_cli("--lang", lang, "growth", "--data", data).stdout
    assert (f"  Shunyi{shown}x: +" if lang == "en" else f"  顺义{shown}部分：+") in growth  # (a part of the growth)
    assert (f"phase{shown}3.0" if lang == "en" else f"3.0{shown}阶段") in growth  # (the timeline's stage)
    hub = run_cli("--lang", lang, "locate", str(LON), str(LAT), "--data", data).stdout
    assert (f"Yizhuang{shown}hub" if lang == "en" else f"亦庄{shown}站") in hub


def test_a_named_field_of_a_message_is_escaped() -> None:
    """A name from the dataset (Named, DataText) in a message is escaped in both languages, as a plain text is."""
    zone = Named("BDA\nzone", "亦庄\x1b[31m区")
    for lang, shown in (("en", "BDA\\nzone"), ("zh", "亦庄\\u001b[31m区")):
        said = text("growth_part_unnamed", lang, layer=zone)
        assert said.isprintable() and shown in said
        assert shown in Joined([zone, "x"], "comma").text(lang)
    for lang in ("en", "zh"):  # (an English text in Chinese labelled so)
        assert "hub\\u2028x" in text("growth_part_unnamed", lang, layer=DataText("hub\u2028x"))

"""avzone.tracks.events_file given T-Drive taxi files without ``input_format``: the Python caller is told of
``input_format="tdrive"`` (the command line of ``--input-format tdrive``), in English and Chinese; a folder or a
``.txt`` file that holds no T-Drive lines is refused as before, by what it is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from avzone.errors import InputError
from avzone.fleet import tdrive_shaped
from avzone.i18n import error_text
from avzone.tracks import events_file

LINES = "1,2008-02-02 15:36:08,116.51172,39.92123\n1,2008-02-02 15:46:08,116.51135,39.93883\n"
HINT = "a folder or .txt file is read as T-Drive taxi traces only with input_format='tdrive'"
HINT_ZH = "文件夹或 .txt 文件只在加上 input_format='tdrive' 时按 T-Drive 出租车轨迹读取"


def _refusal(model, src: Path, out: Path) -> InputError:
    with pytest.raises(InputError) as info:
        events_file(model, src, out)
    assert not out.exists()
    return info.value


def _taxis(tmp_path: Path, first: bytes = LINES.encode()) -> Path:
    folder = tmp_path / "taxis"
    folder.mkdir()
    (folder / "1.txt").write_bytes(first)
    (folder / "2.txt").write_text(LINES.replace("1,", "2,"), encoding="utf-8")
    return folder


TDRIVE = {
    "folder": lambda tmp: _taxis(tmp),
    "file": lambda tmp: _taxis(tmp) / "1.txt",
    "folder whose first file is empty": lambda tmp: _taxis(tmp, b""),
    "file with a BOM, CRLF and blank lines first": lambda tmp: (
        _taxis(tmp, b"\xef\xbb\xbf\r\n \r\n" + LINES.encode()) / "1.txt"
    ),
    "file named .TXT": lambda tmp: (tmp / "7.TXT", (tmp / "7.TXT").write_text(LINES, encoding="utf-8"))[0],
}


@pytest.mark.parametrize("make", list(TDRIVE.values()), ids=list(TDRIVE))
def test_tdrive_files_without_input_format_name_input_format_as_python_gives_it(model, tmp_path, make):
    src = make(tmp_path)
    said = _refusal(model, src, tmp_path / "events.csv")
    assert str(said).startswith(f"{src}: {HINT}; other fixes are .csv, .geojson or .parquet files"), said
    assert f"{src}：{HINT_ZH}；" in error_text(said, "zh"), error_text(said, "zh")
    assert "--input-format" not in str(said) + error_text(said, "zh")


def test_the_hint_is_true_input_format_tdrive_reads_them(model, tmp_path):
    folder = _taxis(tmp_path)
    report = events_file(model, folder, tmp_path / "events.csv", input_format="tdrive")
    assert report.rows == 4 and (tmp_path / "events.csv").exists()


def _parquet_parts(tmp: Path) -> Path:
    (tmp / "parts").mkdir()
    frame = pd.DataFrame({"vehicle": ["a"], "ts": ["2020-01-01 08:00"], "lon": [116.5], "lat": [39.79]})
    frame.to_parquet(tmp / "parts" / "part.0.parquet")
    return tmp / "parts"


def _written(tmp: Path, name: str, data: bytes) -> Path:
    (tmp / name).write_bytes(data)
    return tmp / name


EXTENSION = "cannot tell the input format from the extension '.txt'; use one of .csv, .geojson"
EXTENSION_ZH = "无法从扩展名 '.txt' 判断输入格式"
FOLDER = "a folder, where the input is one file: give a file name ending in one of .csv"
FOLDER_ZH = "这是一个文件夹，而输入应是一个文件"
OTHER = {
    "a CSV with a header named .txt": (
        lambda tmp: _written(tmp, "fixes.txt", b"vehicle,ts,lon,lat\na,2020-01-01 08:00,116.5,39.79\n"),
        EXTENSION,
        EXTENSION_ZH,
    ),
    "prose": (lambda tmp: _written(tmp, "notes.txt", b"taxis seen today\n"), EXTENSION, EXTENSION_ZH),
    "four fields not numbers": (lambda tmp: _written(tmp, "ids.txt", b"a,b,c,d\n"), EXTENSION, EXTENSION_ZH),
    "not UTF-8": (lambda tmp: _written(tmp, "gbk.txt", "京A,时间,116.5,39.9\n".encode("gbk")), EXTENSION, EXTENSION_ZH),
    "an empty .txt": (lambda tmp: _written(tmp, "empty.txt", b""), EXTENSION, EXTENSION_ZH),
    "a missing .txt": (lambda tmp: tmp / "missing.txt", EXTENSION, EXTENSION_ZH),
    "a folder of Parquet parts": (_parquet_parts, FOLDER, FOLDER_ZH),
    "an empty folder": (lambda tmp: (tmp / "none", (tmp / "none").mkdir())[0], FOLDER, FOLDER_ZH),
    "a folder of empty .txt files": (lambda tmp: _taxis(tmp, b"").parent / "blank", FOLDER, FOLDER_ZH),
}


@pytest.mark.parametrize(("make", "en", "zh"), list(OTHER.values()), ids=list(OTHER))
def test_a_folder_or_txt_file_of_no_tdrive_lines_is_refused_as_what_it_is(model, tmp_path, make, en, zh):
    src = make(tmp_path)
    if src.name == "blank":  # (a folder of .txt files none of which has a line)
        src.mkdir()
        (src / "1.txt").write_bytes(b"")
        (src / "2.txt").write_bytes(b"\n \n")
    said = _refusal(model, src, tmp_path / "events.csv")
    assert str(said).startswith(f"{src}: {en}"), said
    assert error_text(said, "zh").startswith(f"{src}：{zh}"), error_text(said, "zh")
    assert "T-Drive" not in str(said) + error_text(said, "zh")


def test_tdrive_shaped_reads_a_few_bytes_of_the_first_file_with_a_line(tmp_path):
    folder = _taxis(tmp_path, b"")
    assert tdrive_shaped(folder) and tdrive_shaped(folder / "2.txt") and not tdrive_shaped(folder / "1.txt")
    (folder / "10.txt").write_text("taxi,when,lon,lat\n", encoding="utf-8")  # (read after 2.txt: not looked at)
    assert tdrive_shaped(folder) and not tdrive_shaped(folder / "10.txt") and not tdrive_shaped(tmp_path / "no")

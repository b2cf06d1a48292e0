"""avzone.tracks.events_file given T-Drive taxi files without ``input_format``: the Python caller is told of
``input_format="tdrive"`` (the command line of ``--input-format tdrive``), in English and Chinese; a folder or a
``.txt`` file that holds no T-Drive lines is refused as before, by what it is. avzone.batch.read_fixes, which has no
``input_format``, names the ``source=`` that reads them; ``avzone events`` and ``avzone map --track`` hint at
``--input-format tdrive`` for T-Drive files alone (a folder of Parquet parts is told of the Dask engine)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone.batch import read_fixes
from avzone.errors import InputError
from avzone.fleet import read_tdrive, tdrive_shaped, tdrive_source
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
    "a missing .txt": (lambda tmp: tmp / "missing.txt", "no such file", "文件不存在"),
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
    if src.is_dir():  # (events_file reads a folder of Parquet parts as one input: refused as what its parts are)
        if (src / "part.0.parquet").exists():
            assert events_file(model, src, tmp_path / "events.csv").rows == 1
            return
        named, en, zh = FOLDER_AS_PARTS[src.name](src)
    else:
        named = src
    said = _refusal(model, src, tmp_path / "events.csv")
    assert str(said).startswith(f"{named}: {en}"), said
    assert error_text(said, "zh").startswith(f"{named}：{zh}"), error_text(said, "zh")
    assert "T-Drive" not in str(said) + error_text(said, "zh")


#: How events_file refuses the folders of :data:`OTHER` it reads as folders of Parquet parts: the file named, and
#: the start of its refusal in English and Chinese.
FOLDER_AS_PARTS = {
    "none": lambda src: (src, "the folder holds no Parquet part", "该文件夹中没有 Parquet 分片"),
    "blank": lambda src: (src / "1.txt", "not a Parquet file (the file is empty)", "不是 Parquet 文件（文件是空的）"),
}


def test_tdrive_shaped_reads_a_few_bytes_of_the_first_file_with_a_line(tmp_path):
    folder = _taxis(tmp_path, b"")
    assert tdrive_shaped(folder) and tdrive_shaped(folder / "2.txt") and not tdrive_shaped(folder / "1.txt")
    (folder / "10.txt").write_text("taxi,when,lon,lat\n", encoding="utf-8")  # (read after 2.txt: not looked at)
    assert tdrive_shaped(folder) and not tdrive_shaped(folder / "10.txt") and not tdrive_shaped(tmp_path / "no")


@pytest.mark.parametrize("make", list(TDRIVE.values()), ids=list(TDRIVE))
def test_read_fixes_names_the_source_that_reads_tdrive_files(tmp_path, make):
    src = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_fixes(src)
    code = f"source=avzone.fleet.tdrive_source({str(src)!r})"
    said = info.value
    assert str(said).startswith(f"{src}: a folder or .txt file is read as T-Drive taxi traces only with {code}; ")
    assert f"{src}：文件夹或 .txt 文件只在加上 {code} 时按 T-Drive 出租车轨迹读取；" in error_text(said, "zh")
    assert "input_format" not in str(said)  # (read_fixes has no input_format=)


def test_read_fixes_hint_keeps_the_crs_given_and_is_true(tmp_path):
    folder = _taxis(tmp_path)
    with pytest.raises(InputError) as info:
        read_fixes(folder, crs="gcj02")
    assert f"source=avzone.fleet.tdrive_source({str(folder)!r}, crs='gcj02');" in str(info.value), info.value
    fixes = read_fixes(folder, source=tdrive_source(folder, crs="gcj02"))  # (as the hint says)
    taxis = read_tdrive(folder)
    assert fixes["id"].tolist() == taxis["vehicle"].tolist() and (fixes["status"] == "ok").all()
    assert not np.allclose(fixes["lon"], taxis["lon"])  # (read as GCJ-02, moved to WGS84)


@pytest.mark.parametrize(("make", "en", "zh"), list(OTHER.values()), ids=list(OTHER))
def test_read_fixes_refuses_a_folder_or_txt_file_of_no_tdrive_lines_as_what_it_is(tmp_path, make, en, zh):
    src = make(tmp_path)
    if src.name == "blank":
        src.mkdir()
        (src / "1.txt").write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_fixes(src)
    assert str(info.value).startswith(f"{src}: {en}"), info.value
    assert error_text(info.value, "zh").startswith(f"{src}：{zh}")
    assert "T-Drive" not in str(info.value) + error_text(info.value, "zh")


def _cli_args(command: str, src: Path, tmp: Path) -> list[str]:
    if command == "events":
        return ["events", "--input", str(src), "--output", str(tmp / "ev.csv")]
    return ["map", "--tiles", "none", "--no-base", "--track", str(src), "-o", str(tmp / "m.html")]


@pytest.mark.parametrize("command", ["events", "map"])
@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("a folder of Parquet parts", _parquet_parts),
        (
            "a folder of CSV files",
            lambda tmp: (
                tmp / "csv",
                (tmp / "csv").mkdir(),
                (tmp / "csv" / "a.csv").write_text(
                    "vehicle,ts,lon,lat\na,2020-01-01 08:00,116.5,39.79\n", encoding="utf-8"
                ),
            )[0],
        ),
        (
            "a .txt file of CSV",
            lambda tmp: _written(tmp, "fixes.txt", b"vehicle,ts,lon,lat\na,2020-01-01,116.5,39.79\n"),
        ),
    ],
)
def test_the_command_line_hints_at_tdrive_for_tdrive_files_alone(tmp_path, command, case, make):
    src = make(tmp_path)
    args = _cli_args(command, src, tmp_path)
    en, zh = run_cli(*args), run_cli("--lang", "zh", *args)
    if src.is_dir() and command == "events" and case == "a folder of Parquet parts":  # (read as one input)
        assert en.returncode == zh.returncode == 0, en.stderr
        assert "T-Drive" not in en.stdout + en.stderr + zh.stdout + zh.stderr
        return
    assert en.returncode == zh.returncode == 2, en.stderr
    assert "T-Drive" not in en.stderr + zh.stderr and "--input-format" not in en.stderr + zh.stderr, en.stderr
    if src.is_dir() and command == "events":  # (a folder of CSV parts: what would work said)
        assert en.stderr.startswith(f"avzone: error: {src}: its parts are CSV files"), en.stderr
        assert "其中的分片是 CSV 文件" in zh.stderr, zh.stderr
    elif src.is_dir():  # (locate and events read a folder of Parquet parts: said)
        said = "; a folder of Parquet parts is read as one input by avzone locate --engine local and avzone events"
        assert en.stderr.startswith(f"avzone: error: {src}: a folder, where the input is one file")
        assert said in " ".join(en.stderr.split()), en.stderr
        zh_said = "可作为一个输入由 avzone locate --engine local 或 avzone events --engine local 读取"
        assert zh_said in zh.stderr, zh.stderr
    else:
        assert en.stderr.startswith(f"avzone: error: {src}: {EXTENSION}"), en.stderr
        assert zh.stderr.startswith(f"avzone: 错误：{src}：{EXTENSION_ZH}"), zh.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_the_folder_of_parquet_parts_is_read_by_the_dask_engine_as_said(tmp_path):
    parts = _parquet_parts(tmp_path)
    pd.DataFrame({"vehicle": ["b"], "ts": ["2020-01-01 08:05"], "lon": [116.51], "lat": [39.8]}).to_parquet(
        parts / "part.1.parquet"
    )
    res = run_cli("events", "--engine", "dask", "--input", str(parts), "--output", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["part.0.parquet", "part.1.parquet"]


@pytest.mark.parametrize("command", ["events", "map"])
def test_the_command_line_hint_for_tdrive_files_names_its_option(tmp_path, command):
    src = _taxis(tmp_path)
    en = run_cli(*_cli_args(command, src, tmp_path))
    assert en.returncode == 2
    hint = HINT.replace("input_format='tdrive'", "--input-format tdrive")
    assert en.stderr.startswith(f"avzone: error: {src}: {hint}; other fixes are"), en.stderr

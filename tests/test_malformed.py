"""The same malformed inputs through every entry point give the same status text.

Entry points: the library (``locate_many`` on values and on a GeoSeries),
``avzone locate --input`` for CSV, GeoJSON, Parquet and GeoParquet, the reader
behind ``avzone map --points`` and the command itself, and ``POST /v1/locate``.
Unreadable files give exit code 2, a one-line message and no traceback; a CSV
row with more or fewer fields than the header is named by its line in the
file (the locate and events commands and the library readers alike).
"""

from __future__ import annotations

import codecs
import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import GOOD_ROWS, MALFORMED, Malformed, as_float, run_cli

from avzone import batch
from avzone.batch import LongRow, TextEncoding, first_long_row, first_ragged_row, locate_file, read_fixes, read_points
from avzone.cli import main
from avzone.errors import InputError
from avzone.tracks import events_file

VALUE_CASES = [m for m in MALFORMED if m.kind == "values"]
GEOMETRY_CASES = [m for m in MALFORMED if m.kind == "geometry"]


def _cases(fmt: str) -> list[Malformed]:
    """The malformed inputs a format can hold."""
    if fmt == "csv" or fmt == "parquet":
        return VALUE_CASES
    if fmt == "geoparquet":
        return [m for m in MALFORMED if m.kind == "geometry" or m.numeric]
    return MALFORMED  # geojson, the service, the library


def _rows(cases: list[Malformed]) -> list[Any]:
    """Good rows first, then the cases; the statuses expected for every row."""
    return [None] * len(GOOD_ROWS) + cases


def _cell(v: Any) -> str:
    return "" if v is None else str(v)


def write_input(tmp_path: Path, fmt: str) -> tuple[Path, list[str]]:
    """A file of ``fmt`` holding the good rows and the malformed ones; the expected statuses."""
    cases = _cases(fmt)
    expected = ["ok"] * len(GOOD_ROWS) + [m.status for m in cases]
    ids = list(range(len(expected)))
    if fmt == "csv":
        lines = ["id,lon,lat"] + [f"{i},{x},{y}" for i, (x, y) in zip(ids, GOOD_ROWS)]
        lines += [f"{i},{_cell(m.lon)},{_cell(m.lat)}" for i, m in zip(ids[len(GOOD_ROWS) :], cases)]
        path = tmp_path / "in.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "parquet":
        lon = [str(x) for x, _ in GOOD_ROWS] + [None if m.lon is None else str(m.lon) for m in cases]
        lat = [str(y) for _, y in GOOD_ROWS] + [None if m.lat is None else str(m.lat) for m in cases]
        path = tmp_path / "in.parquet"
        pq.write_table(
            pa.table({"id": ids, "lon": pa.array(lon, pa.string()), "lat": pa.array(lat, pa.string())}), path
        )
    elif fmt == "geojson":
        feats = [
            {"type": "Feature", "properties": {"id": i}, "geometry": {"type": "Point", "coordinates": [x, y]}}
            for i, (x, y) in zip(ids, GOOD_ROWS)
        ]
        for i, m in zip(ids[len(GOOD_ROWS) :], cases):
            geom = m.geometry if m.kind == "geometry" else {"type": "Point", "coordinates": [m.lon, m.lat]}
            feats.append({"type": "Feature", "properties": {"id": i}, "geometry": geom})
        path = tmp_path / "in.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    else:  # geoparquet
        geoms = [shapely.Point(x, y) for x, y in GOOD_ROWS]
        for m in cases:
            if m.kind == "geometry":
                geoms.append(None if m.geometry is None else shapely.from_geojson(json.dumps(m.geometry)))
            else:
                geoms.append(shapely.Point(as_float(m.lon), as_float(m.lat)))
        path = tmp_path / "in.geoparquet"
        gpd.GeoDataFrame({"id": ids}, geometry=geoms, crs="EPSG:4326").to_parquet(path)
    return path, expected


def _read_statuses(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)["status"].tolist()
    if path.suffix == ".geojson":
        return [f["properties"]["status"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    return pq.read_table(path).column("status").to_pylist()


FORMATS = ["csv", "geojson", "parquet", "geoparquet"]


def test_library_values_and_geometries(model):
    xs = [x for x, _ in GOOD_ROWS] + [m.lon for m in VALUE_CASES]
    ys = [y for _, y in GOOD_ROWS] + [m.lat for m in VALUE_CASES]
    got = model.locate_many(np.array(xs, dtype=object), np.array(ys, dtype=object)).points.status_text().tolist()
    assert got == ["ok"] * len(GOOD_ROWS) + [m.status for m in VALUE_CASES]
    geoms = [shapely.Point(x, y) for x, y in GOOD_ROWS] + [
        None if m.geometry is None else shapely.from_geojson(json.dumps(m.geometry)) for m in GEOMETRY_CASES
    ]
    got = model.locate_many(gpd.GeoSeries(geoms, crs="EPSG:4326")).points.status_text().tolist()
    assert got == ["ok"] * len(GOOD_ROWS) + [m.status for m in GEOMETRY_CASES]
    # classify: <NA> for every malformed point, never a silent False
    out = model.classify(np.array(xs, dtype=object), np.array(ys, dtype=object))
    assert out.iloc[len(GOOD_ROWS) :].isna().all().all() and not out.iloc[: len(GOOD_ROWS)].isna().any().any()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("out_fmt", ["csv", "geojson", "parquet"])
def test_locate_input_each_format(tmp_path, capsys, fmt, out_fmt):
    src, expected = write_input(tmp_path, fmt)
    dst = tmp_path / f"out.{out_fmt}"
    assert main(["locate", "--input", str(src), "--output", str(dst)]) == 0, capsys.readouterr().err
    assert _read_statuses(dst) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_map_points_reader_and_command(tmp_path, capsys, model, fmt):
    src, expected = write_input(tmp_path, fmt)
    assert read_points(src, model=model)["status"].tolist() == expected
    html = tmp_path / "m.html"
    assert main(["map", "-o", str(html), "--points", str(src), "--tiles", "none"]) == 0
    bad = len(expected) - expected.count("ok")
    assert f"{bad:,} of {len(expected):,} rows of {src} have no usable point" in capsys.readouterr().err


def test_service_post(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as client:
        pairs = [list(p) for p in GOOD_ROWS] + [[m.lon, m.lat] for m in VALUE_CASES]
        r = client.post("/v1/locate", json=pairs)
        assert r.status_code == 200, r.text
        assert [p["status"] for p in r.json()["results"]] == ["ok"] * len(GOOD_ROWS) + [m.status for m in VALUE_CASES]
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(p)}} for p in GOOD_ROWS]
        feats += [{"type": "Feature", "geometry": m.geometry} for m in MALFORMED if m.kind == "geometry"]
        r = client.post("/v1/locate", json={"type": "FeatureCollection", "features": feats})
        assert r.status_code == 200, r.text
        assert [p["status"] for p in r.json()["results"]] == ["ok"] * len(GOOD_ROWS) + [
            m.status for m in GEOMETRY_CASES
        ]


UNREADABLE = {
    "bad.geojson": b'{"type": "FeatureCollection", "features": [',
    "list.geojson": b"[1, 2, 3]",
    "garbage.parquet": b"PAR1 this is not parquet",
    "empty.csv": b"",
    "binary.csv": b"\xff\xfe\x00lon,lat\n\x00\x01",
    "missing.csv": None,
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
@pytest.mark.parametrize("command", ["locate", "map"])
def test_unreadable_files_exit_2_with_one_line(tmp_path, capsys, name, command):
    src = tmp_path / name
    if UNREADABLE[name] is not None:
        src.write_bytes(UNREADABLE[name])
    if command == "locate":
        argv = ["locate", "--input", str(src), "--output", str(tmp_path / "out.csv")]
    else:
        argv = ["map", "-o", str(tmp_path / "m.html"), "--points", str(src)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("avzone: error: ") and str(src) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


# -- CSV rows with too many or too few fields ------------------------------------------------------------------
# The job fails (exit 2, nothing written) with the file, the row's line in the file (from 1, the header's line
# being 1: physical lines, so a quoted field holding line breaks counts as the lines it spans) and what is right.
# Every entry point reads CSV through batch.open_source: the locate and events commands and the library calls.
RAGGED_HEADER = "vehicle,ts,lon,lat"
RAGGED_COLUMNS = "4 columns (vehicle, ts, lon, lat)"


def _fix(i: int, vehicle: str = "a") -> str:
    return f"{vehicle},2024-07-01 08:{i % 60:02d},116.5,39.79"


@dataclass(frozen=True)
class Ragged:
    """A CSV file with one bad row: its text, encoding, and the bad row's line, field count and text."""

    text: str
    line: int
    fields: int
    row: str
    encoding: str = "utf-8"
    given: str | None = None  # --encoding
    bom: bool = False
    newline: str = "\n"

    def write(self, path: Path) -> Path:
        data = self.text.replace("\n", self.newline).encode(self.encoding)
        path.write_bytes((codecs.BOM_UTF8 if self.bom else b"") + data)
        return path


def _lines(*rows: str) -> str:
    return "\n".join([RAGGED_HEADER, *rows]) + "\n"


RAGGED = {
    "extra_field_early": Ragged(_lines(_fix(0), _fix(1) + ",x", _fix(2)), 3, 5, _fix(1) + ",x"),
    "too_few_fields": Ragged(
        _lines(_fix(0), _fix(1), "a,2024-07-01 08:02,116.5", _fix(3)), 4, 3, "a,2024-07-01 08:02,116.5"
    ),
    # record 4 (the header is record 1) is on line 7: the quoted ids hold two and one line breaks
    "after_quoted_line_breaks": Ragged(
        _lines(_fix(0, '"car\nA\n1"'), _fix(1, '"car\nB"'), "b,2024-07-01 08:02,116.5,39.79,,"),
        7,
        6,
        "b,2024-07-01 08:02,116.5,39.79,,",
    ),
    "bom_crlf_empty_lines": Ragged(
        _lines(_fix(0), "", _fix(1), "", "a,2024-07-01 08:03"), 6, 2, "a,2024-07-01 08:03", bom=True, newline="\r\n"
    ),
    "gbk_detected": Ragged(
        _lines(_fix(0, "京A"), _fix(1, "京A") + ",北京"), 3, 5, _fix(1, "京A") + ",北京", encoding="gbk"
    ),
    "utf16_given": Ragged(_lines(_fix(0, "京A"), "京A"), 3, 1, "京A", encoding="utf-16", given="utf-16"),
}

ENTRIES = ["locate", "events", "locate_file", "read_points", "read_fixes", "events_file"]


def _error(entry: str, src: Path, tmp_path: Path, model: Any, encoding: str | None = None) -> str:
    """The one-line error an entry point gives for ``src`` (the command exits 2, the library raises InputError)."""
    out = tmp_path / "out.csv"
    if entry in ("locate", "events"):
        res = run_cli(entry, "--input", str(src), "--output", str(out), *(["--encoding", encoding] if encoding else []))
        assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1, res.stderr
        assert res.stderr.startswith("avzone: error: ")
        return res.stderr.strip().removeprefix("avzone: error: ")
    calls = {
        "locate_file": lambda: locate_file(model, src, out, encoding=encoding),
        "read_points": lambda: read_points(src, encoding=encoding),
        "read_fixes": lambda: read_fixes(src, id_col="vehicle", time_col="ts", encoding=encoding),
        "events_file": lambda: events_file(model, src, out, encoding=encoding),
    }
    with pytest.raises(InputError) as info:
        calls[entry]()
    return str(info.value)


def _expected(src: Path, case: Ragged) -> str:
    hint = "remove the extra ones" if case.fields > 4 else "add the missing ones"
    return (
        f"{src}: the row on line {case.line:,} of the file (the header is line 1) has {case.fields} "
        f"field{'' if case.fields == 1 else 's'}, but the header names {RAGGED_COLUMNS}: {case.row!r}; "
        f"give every row exactly 4 comma-separated fields: {hint}"
    )


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted(RAGGED))
def test_a_ragged_row_is_named_by_its_line(tmp_path, model, entry, name):
    case = RAGGED[name]
    src = case.write(tmp_path / "fixes.csv")
    err = _error(entry, src, tmp_path, model, case.given)
    assert err.startswith(_expected(src, case)), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]  # nothing written, nothing left behind


def test_the_whole_message_as_the_readmes_show_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text("a,b\n1,2\n3,4,5\n6,7\n", encoding="utf-8")
    res = run_cli("locate", "--input", "r.csv", "--lon-col", "a", "--lat-col", "b", "--output", "o.csv")
    assert res.returncode == 2
    assert res.stderr == (
        "avzone: error: r.csv: the row on line 3 of the file (the header is line 1) has 3 fields, but the header "
        "names 2 columns (a, b): '3,4,5'; give every row exactly 2 comma-separated fields: remove the extra ones, "
        "or put a value that holds a comma in double quotes\n"
    )
    zh = run_cli("locate", "--input", "r.csv", "--lon-col", "a", "--lat-col", "b", "--output", "o.csv", "--lang", "zh")
    assert zh.returncode == 2
    assert zh.stderr == (
        "avzone: 错误：r.csv：文件第 3 行（表头是第 1 行）有 3 个字段，但表头有 2 列（a、b）：'3,4,5'；"
        "每行都应恰好有 2 个以逗号分隔的字段：删去多余的字段，或把含逗号的值放在双引号中\n"
    )
    root = Path(__file__).resolve().parents[1]
    for readme in ("README.md", "README.zh-CN.md"):
        text = (root / readme).read_text(encoding="utf-8")
        assert res.stderr in text and zh.stderr in text, readme


def test_an_unclosed_quote_names_the_lines_it_swallows(tmp_path, model):
    src = tmp_path / "q.csv"
    src.write_text(_lines(_fix(0), '"a,2024-07-01 08:01,116.5,39.79', _fix(2), _fix(3)), encoding="utf-8")
    err = _error("locate", src, tmp_path, model)
    assert err.startswith(
        f"{src}: the row on lines 3-5 of the file (the header is line 1; a quoted field of this row holds line "
        "breaks) has 1 field, but the header names 4 columns"
    ), err
    assert err.endswith("add the missing ones (a field may be empty); check that every opening quote is closed")


def test_lines_and_records_differ_after_quoted_line_breaks(tmp_path):
    case = RAGGED["after_quoted_line_breaks"]
    row = first_ragged_row(case.write(tmp_path / "f.csv"), TextEncoding("utf-8"), 4)
    assert row is not None
    assert (row.first_line, row.last_line, row.record, row.fields) == (7, 7, 4, 6)
    assert row.text == case.row + "\n"
    assert first_ragged_row(RAGGED["extra_field_early"].write(tmp_path / "g.csv"), TextEncoding("utf-8"), 5) is not None
    good = tmp_path / "good.csv"
    good.write_text(_lines(_fix(0), _fix(1)), encoding="utf-8")
    assert first_ragged_row(good, TextEncoding("utf-8"), 4) is None


def test_a_row_not_found_again_is_still_reported_with_its_text(tmp_path, monkeypatch):
    """Should the second reading disagree with the reader, the reader's own view of the row is reported."""
    monkeypatch.setattr(batch, "first_ragged_row", lambda *a: None)
    src = RAGGED["extra_field_early"].write(tmp_path / "f.csv")
    with pytest.raises(InputError) as info:
        read_points(src)
    assert str(info.value).startswith(
        f"{src}: a row (its line could not be found) has 5 fields, but the header names {RAGGED_COLUMNS}: "
        f"{_fix(1) + ',x'!r}"
    )


# A bad row far into a file: its line in the whole file, not in the block or chunk the reader was at.
def _long_file(path: Path, rows: int, encoding: str = "utf-8") -> tuple[Path, int]:
    """``rows`` good fixes, some with quoted line breaks, then a row with an extra field; the bad row's line."""
    lines = [RAGGED_HEADER]
    extra = 0
    for i in range(rows):
        if i % 1000 == 7:
            lines.append(_fix(i, '"京A\n7"'))
            extra += 1
        else:
            lines.append(_fix(i, "京A"))
    lines += [_fix(rows) + ",x", _fix(rows + 1)]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path, rows + 2 + extra


@pytest.fixture(scope="module")
def beyond_first_block(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A UTF-8 file larger than the CSV reader's block (16 MB), its bad row in the second block."""
    path, line = _long_file(tmp_path_factory.mktemp("long") / "long.csv", 560_000)
    assert path.stat().st_size > batch.CSV_BLOCK_BYTES
    return path, line


@pytest.mark.parametrize("entry", ["locate", "events", "read_points"])
def test_a_ragged_row_beyond_the_first_block(tmp_path, model, beyond_first_block, entry):
    src, line = beyond_first_block
    err = _error(entry, src, tmp_path, model)
    assert err.startswith(f"{src}: the row on line {line:,} of the file (the header is line 1) has 5 fields"), err
    assert line == 560_562  # the header, 560,000 fixes (560 of them on two lines): the bad row is on line 560,562
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_ragged_row_after_many_small_blocks(tmp_path, model, monkeypatch, entry):
    """GBK text decoded in 1,000-byte blocks, read in 4 KB CSV blocks, quoted line breaks across them."""
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", 1 << 12)
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 1000)
    src, line = _long_file(tmp_path / "gbk.csv", 3_000, "gbk")
    err = _error(entry, src, tmp_path, model)
    assert err.startswith(f"{src}: the row on line {line:,} of the file (the header is line 1) has 5 fields"), err
    assert line == 3_005
    if entry != "events":  # events --chunk-rows: the same reader, its rows bucketed by vehicle
        return
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "e.csv"), "--chunk-rows", "500")
    assert res.returncode == 2 and f"the row on line {line:,} of the file" in res.stderr


# -- CSV rows longer than the reader's block ------------------------------------------------------------------
# pyarrow's reader reads a CSV file in blocks of CSV_BLOCK_BYTES: a row longer than that stopped the job in its
# words ("straddling object straddles two block boundaries"), and a header longer than that read as a file of
# no rows. The job now fails naming the row's line, its size and the most a row may be (4 KB blocks here).
LONG_ENTRIES = [*ENTRIES, "map_points", "map_track"]


def _long_error(entry: str, src: Path, tmp_path: Path, model: Any) -> str:
    if entry.startswith("map_"):
        option = "--points" if entry == "map_points" else "--track"
        res = run_cli("map", "-o", str(tmp_path / "m.html"), option, str(src))
        assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
        return res.stderr.strip().removeprefix("avzone: error: ")
    return _error(entry, src, tmp_path, model)


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", 1 << 12)


@pytest.mark.parametrize("entry", LONG_ENTRIES)
def test_a_row_longer_than_the_block_is_named_by_its_line(tmp_path, model, small_blocks, entry):
    rows = [_fix(i) for i in range(300)]
    rows[200] = _fix(200, "a" * 9_000)  # line 202 (the header is line 1): 9,030 bytes with its line end
    src = tmp_path / "fixes.csv"
    src.write_text(_lines(*rows), encoding="utf-8")
    err = _long_error(entry, src, tmp_path, model)
    assert err == (
        f"{src}: the row on line 202 of the file (the header is line 1) is 9,030 bytes long, but a CSV row may be "
        "at most 4,096 bytes long (the reader reads the file in blocks of that size); shorten the row's cells, or "
        "give the data as a Parquet file (which has no such limit)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]  # nothing written, nothing left behind


@pytest.mark.parametrize("entry", ["locate", "read_points"])
def test_a_header_longer_than_the_block_is_no_file_of_no_rows(tmp_path, model, small_blocks, entry):
    # pyarrow finds no line end in its first block: it read as the header alone, and the job as a file of no rows
    src = tmp_path / "fixes.csv"
    src.write_text(_lines(*[_fix(i) for i in range(300)]).replace("lat", "lat," + ",".join("c" * 5_000), 1))
    err = _long_error(entry, src, tmp_path, model)
    assert err.startswith(f"{src}: the row on line 1 of the file (the header is line 1) is 10,019 bytes long,"), err


# A BOM and an Excel sep= line (and empty lines below it) came in the reader's first block before the header: a
# header a few bytes shorter than the block got pyarrow's own words ("Empty CSV file or block"). The file is now
# given to the reader from its header on: a header as long as the block is read as any row is, and a longer one
# is refused naming its line and size.
ABOVE_HEADER = {
    "bom": (codecs.BOM_UTF8, ",", 1),
    "sep_line": (b"sep=;\r\n", ";", 2),
    "bom_sep_line_empty_lines": (codecs.BOM_UTF8 + b"sep=;\n\n\n", ";", 4),
}


def _long_header_file(path: Path, above: str, size: int, encoding: str = "utf-8") -> Path:
    """A file of 300 fixes whose header (its line end included) is ``size`` bytes long, below ``above``: its last
    column has a long name (its cells empty)."""
    prefix, delimiter, _ = ABOVE_HEADER[above]
    header = RAGGED_HEADER + ","
    header += "c" * (size - len(header) - 1)
    text = _lines(*[_fix(i) + "," for i in range(300)]).replace(RAGGED_HEADER, header, 1).replace(",", delimiter)
    path.write_bytes(prefix + text.encode(encoding))
    assert len(header.encode(encoding)) + 1 == size
    return path


@pytest.mark.parametrize(
    ("above", "encoding"), [*((above, "utf-8") for above in ABOVE_HEADER), ("sep_line", "gbk")]
)  # (GBK text: read through a decoding stream)
def test_a_header_as_long_as_the_block_below_a_bom_or_a_sep_line_is_read(tmp_path, small_blocks, above, encoding):
    for size in (4_096 - 2, 4_096):
        src = _long_header_file(tmp_path / f"f{size}.csv", above, size, encoding)
        points = read_points(src, encoding=encoding)
        assert len(points) == 300, size


@pytest.mark.parametrize("above", ABOVE_HEADER)
def test_a_header_longer_than_the_block_below_a_bom_or_a_sep_line(tmp_path, small_blocks, monkeypatch, above):
    line = ABOVE_HEADER[above][2]
    src = _long_header_file(tmp_path / "f.csv", above, 4_097)
    assert _error("read_points", src, tmp_path, None) == (
        f"{src}: the row on line {line} of the file (the header is line {line}) is 4,097 bytes long, but a CSV row "
        "may be at most 4,096 bytes long (the reader reads the file in blocks of that size); shorten the row's "
        "cells, or give the data as a Parquet file (which has no such limit)"
    )
    monkeypatch.chdir(tmp_path)
    res = run_cli("locate", "--input", "f.csv", "--output", "o.csv", "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr == (
        f"avzone: 错误：f.csv：文件第 {line} 行（表头是第 {line} 行）长 4,097 字节，而 CSV 的一行最长为 4,096 字节"
        "（读取器按这么大的块读取文件）；请缩短该行的单元格，或改用 Parquet 文件提供数据（它没有这个限制）\n"
    )


def test_a_long_row_of_several_lines_in_gbk_in_chinese(tmp_path, small_blocks, monkeypatch):
    # a quoted field holding line breaks: the lines the row spans; GBK text: its size as the UTF-8 the reader reads
    monkeypatch.chdir(tmp_path)
    rows = [_fix(i, "京A") for i in range(100)]
    rows[50] = _fix(50, '"' + "京\n" * 2_500 + '"')  # 2,500 line breaks: lines 52 to 2,552
    Path("f.csv").write_bytes(_lines(*rows).encode("gbk"))
    res = run_cli("locate", "--input", "f.csv", "--output", "o.csv", "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr == (
        "avzone: 错误：f.csv：文件第 52-2,552 行的这一行（表头是第 1 行；该行有一个带引号的字段含有换行）按 UTF-8 计长 "
        "10,032 字节（读取器读取的文本），而 CSV 的一行最长为 4,096 字节（读取器按这么大的块读取文件）；"
        "请缩短该行的单元格，或改用 Parquet 文件提供数据（它没有这个限制）\n"
    )
    assert first_long_row(Path("f.csv"), TextEncoding("gbk"), 4_096) == LongRow(52, 2_552, 10_032)


# The long row's lines were found again with Python's csv module, which reads no field longer than its limit (128 KB
# unless raised): a row whose field was longer (a quote never closed taking in the rest of the file, a long cell
# with a quote inside) was reported as "a row (its line could not be found)". The row is now found by the same
# splitting as the reader's (pyarrow's quoting rules: a quote opens a quoted field only at a field's start; a row
# ends at CRLF, CR or LF), its lines counted at each line end, whatever the quoting.
@pytest.fixture
def csv_field_limit():
    """Python's csv module at its default field limit (another test may have raised it, for the whole process)."""
    limit = csv.field_size_limit(128 * 1024)
    yield
    csv.field_size_limit(limit)


def _malformed_long_row(kind: str) -> tuple[bytes, str]:
    """A file of fixes whose row longer than the block (4 KB) has malformed quoting, and where the error names it."""
    cell = "c" * 140_000  # (longer than the csv module's field limit)
    if kind == "quote_inside_an_unquoted_cell":  # a quote inside a cell that does not start with one: no quoting
        rows = [_fix(0), _fix(1, 'x"y'), _fix(2, 'b"' + cell), _fix(3, 'x"y'), _fix(4)]
        return _lines(*rows).encode(), "the row on line 4 of the file (the header is line 1) is 140,032 bytes long"
    if kind == "quote_never_closed":  # the row takes in every line after it: lines 4 to 1,406 (the last, no end)
        lines = "\n".join([RAGGED_HEADER, _fix(0), _fix(1), _fix(2, '"b' + "c" * 100)] + ["c" * 99] * 1_402)
        where = (
            "the row on lines 4-1,406 of the file (the header is line 1; a quoted field of this row holds line breaks)"
        )
        return lines.encode(), f"{where} is 140,331 bytes long"
    if kind == "cr_line_ends":  # old Mac line ends, the long row's quoted cell holding 1,420 of them (lines 3-1,423)
        rows = [_fix(0), _fix(1, '"' + ("c" * 99 + "\r") * 1_420 + '"'), _fix(2)]
        where = (
            "the row on lines 3-1,423 of the file (the header is line 1; a quoted field of this row holds line breaks)"
        )
        return _lines(*rows).replace("\n", "\r").encode(), f"{where} is 142,032 bytes long"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["quote_inside_an_unquoted_cell", "quote_never_closed", "cr_line_ends"])
@pytest.mark.parametrize("entry", ["locate", "read_points"])
def test_a_long_row_of_malformed_quoting_is_named_by_its_lines(
    tmp_path, model, small_blocks, csv_field_limit, kind, entry
):
    data, where = _malformed_long_row(kind)
    src = tmp_path / "fixes.csv"
    src.write_bytes(data)
    err = _long_error(entry, src, tmp_path, model)
    assert err == (
        f"{src}: {where}, but a CSV row may be at most 4,096 bytes long (the reader reads the file in blocks of that "
        "size); shorten the row's cells, or give the data as a Parquet file (which has no such limit)"
    )


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ('h\r"a\r\nb"\rc\n', LongRow(2, 3, 7)),  # a quoted cell holding a CRLF: one line end, two lines
        ('h\na"b\nccccccc\n', LongRow(3, 3, 8)),  # a quote inside a cell quotes nothing: the next row is its own
        ('h\n"a""\nb\nc', LongRow(2, 4, 8)),  # a quote never closed: the row runs to the end, its last line unended
        ('h\n"abc\n\r', LongRow(2, 3, 6)),  # ... up to a line end at the file's end: its last line is the one ended
        ("h\rabcdefg\r", LongRow(2, 2, 8)),  # a row ended by a CR at the file's end: the CR its line end
    ],
)
def test_first_long_row_splits_rows_as_the_reader_does(tmp_path, text, row):
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode())
    assert first_long_row(path, TextEncoding("utf-8"), 5) == row
    assert first_long_row(path, TextEncoding("utf-8"), row.size) is None


# pyarrow refuses a row longer than its block only when the row ends beyond the block after the one it starts in:
# a row of up to twice the block was read where it fell early enough in a block and refused elsewhere. The rows
# are now measured as the reader reads them: every row longer than the block is refused, wherever it falls, and
# every row as long as the block is read.
def _row_at(path: Path, start: int, size: int, newline: str, quoted: bool) -> tuple[Path, int, int]:
    """A file of fixes (read from its header on) whose row at byte ``start`` is ``size`` bytes long (its line end
    included), 20 rows after it: its vehicle is long (``quoted``: in quotes, holding line breaks). The row's first
    and last lines."""
    rows = [RAGGED_HEADER]
    while sum(len(r) + len(newline) for r in rows) + 200 < start:
        rows.append(_fix(len(rows) - 1))
    pad = start - sum(len(r) + len(newline) for r in rows) - len(_fix(0, "")) - len(newline)
    rows.append(_fix(len(rows) - 1, "b" * pad))
    assert sum(len(r) + len(newline) for r in rows) == start
    first = len(rows) + 1
    vehicle_size = size - len(_fix(0, "")) - len(newline)
    if quoted:
        line = "x" * 98 + newline
        lines, rest = divmod(vehicle_size - 2, len(line))
        vehicle = '"' + line * lines + "y" * rest + '"'
    else:
        lines, vehicle = 0, "a" * vehicle_size
    rows += [_fix(0, vehicle), *(_fix(i) for i in range(20))]
    text = newline.join(rows) + newline
    path.write_bytes(text.encode())
    return path, first, first + lines


@pytest.mark.parametrize(
    "start",
    [4_096, 3 * 4_096, 4_096 + 2_048, 2 * 4_096 - 1],
    ids=["at_a_block_edge", "at_the_third_block_edge", "mid_block", "just_before_an_edge"],
)
@pytest.mark.parametrize(("newline", "quoted"), [("\n", False), ("\r\n", True)], ids=["plain", "quoted_crlf"])
def test_a_row_is_read_or_refused_by_its_size_wherever_it_falls(tmp_path, small_blocks, start, newline, quoted):
    for size in (4_096, 4_096 + 1, 4_096 + 2_048, 2 * 4_096 - 1):
        src, first, last = _row_at(tmp_path / f"f{size}.csv", start, size, newline, quoted)
        if size <= 4_096:
            assert len(read_points(src)) == first - 2 + 1 + 20, size  # (every row read)
            continue
        with pytest.raises(InputError) as info:
            read_points(src)
        where = f"on line {first:,} of the file (the header is line 1)"
        if quoted:
            where = f"on lines {first:,}-{last:,} of the file (the header is line 1; a quoted field of this row holds"
        assert str(info.value).startswith(f"{src}: the row {where}"), size
        assert f"is {size:,} bytes long, but a CSV row may be at most 4,096 bytes long" in str(info.value), size


def test_a_row_longer_than_16_mb(tmp_path, model):
    """At the real block size: a cell longer than Python's csv module reads (16 MB): the row is still measured."""
    src = tmp_path / "fixes.csv"
    cell = "a" * (2 * batch.CSV_BLOCK_BYTES + 1_000)  # (a row of one to two blocks may fit, where it falls)
    src.write_text(_lines(_fix(0), _fix(1), _fix(2, cell), _fix(3)), encoding="utf-8")
    err = _error("read_points", src, tmp_path, model)
    assert err.startswith(
        f"{src}: the row on line 4 of the file (the header is line 1) is 33,555,462 bytes long, but a CSV row may "
        "be at most 16 MB (16,777,216 bytes) long"
    ), err

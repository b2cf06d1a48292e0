"""T-Drive taxi files: read_tdrive (pyarrow, with the line-by-line rules as reference), tdrive_source, the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone import fleet, zonetime
from avzone.errors import InputError
from avzone.fleet import read_tdrive, synthetic_fleet, tdrive_source, write_tdrive

LINE_1 = "1,2008-02-02 15:36:08,116.51172,39.92123"
LINE_2 = "1,2008-02-02 15:46:08,116.51135,39.93883"
TEXT_DTYPE = pd.Series(["x"]).dtype  # pandas' default text column


def line_by_line(paths: str | os.PathLike[str]) -> pd.DataFrame:
    """The reader before pyarrow, as it was: every line split in Python (the reference for values and errors)."""
    files = fleet._tdrive_files(paths)
    frames = []
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        rows = []
        i = 1  # the line an editor shows the row on: only \r\n, \n and \r end one (not a form feed, U+2028)
        for piece in text.splitlines(keepends=True):
            line, at = piece.splitlines()[0], i
            i += piece.endswith(("\n", "\r"))
            if not line.strip():
                continue
            parts = line.split(",")
            if len(parts) != 4:
                raise InputError(
                    f"{f}: line {at}: expected 4 fields 'taxi id,date time,longitude,latitude', "
                    f"got {len(parts)}: {line[:80]!r}"
                )
            rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip(), str(f), at))
        frames.append(pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat", "file", "line"]))
    df = pd.concat(frames, ignore_index=True)
    for c in ("lon", "lat"):
        num = pd.to_numeric(df[c], errors="coerce")
        df[c] = num.astype(object).where(num.notna(), df[c]) if num.isna().any() else num
    return df


def assert_documented_dtypes(df: pd.DataFrame) -> None:
    assert list(df.columns) == ["vehicle", "ts", "lon", "lat", "file", "line"]
    assert df.vehicle.dtype == TEXT_DTYPE and df.ts.dtype == TEXT_DTYPE
    assert isinstance(df.file.dtype, pd.CategoricalDtype) and df.line.dtype == np.int64
    assert df.lon.dtype in (np.float64, np.int64, object) and df.lat.dtype in (np.float64, np.int64, object)


def same_as_line_by_line(df: pd.DataFrame, ref: pd.DataFrame, check_dtype: bool = True) -> None:
    """The fast reader's frame equals the reference's (its ``file`` a categorical of the same paths)."""
    assert_documented_dtypes(df)
    pd.testing.assert_frame_equal(df.assign(file=df.file.astype(ref.file.dtype)), ref, check_dtype=check_dtype)


# -- hostile files: the fast reader gives what the line-by-line reader gives ------------------------------------
BOM = b"\xef\xbb\xbf"
L1, L2 = LINE_1.encode(), LINE_2.encode()
HOSTILE = {
    "plain": L1 + b"\n" + L2 + b"\n",
    "no final line end": L1 + b"\n" + L2,
    "crlf": L1 + b"\r\n" + L2 + b"\r\n",
    "bom and crlf": BOM + L1 + b"\r\n" + L2 + b"\r\n",
    "blank lines": b"\n\n" + L1 + b"\n\n\n" + L2 + b"\n\n",
    "crlf blank lines": b"\r\n" + L1 + b"\r\n\r\n" + L2 + b"\r\n\r\n",
    "lines of spaces and tabs": L1 + b"\n   \n\t\n" + L2 + b"\n \n",
    "spaces around fields": b" 1 , 2008-02-02 15:36:08 ,116.51172 ,\t39.92123 \n" + L2 + b"   \n",
    "mixed line ends": L1 + b"\r\n" + L2 + b"\n" + L1 + b"\r\n",
    "carriage returns alone": L1 + b"\r" + L2 + b"\r",
    "form feed": L1 + b"\x0c" + L2 + b"\n",
    "unicode line separator": "京A,2008-02-02 15:36:08,116.5,39.9\u2028京A,2008-02-02 15:46:08,116.6,39.9\n".encode(),
    "nul byte": b"1,2008-02-02 15:36:08,116.5\x00,39.9\n" + L2 + b"\n",
    "not numbers": b"1,t1,abc,39.9\n1,t2,,39.9\n1,t3,nan,39.9\n1,t4,inf,39.9\n1,t5,+116.5,39.9\n1,t6,1e2,39.9\n",
    "other spellings": b"1,t1,nan,39.9\n1,t2,1e2,39.9\n1,t3,+116.5,39.9\n1,t4,inf,-0\n1,t5,116.,.5\n",
    "integers": b"1,t1,0,0\n1,t2,116,40\n",
    "integers and decimals": b"1,t1,0,0\n1,t2,116.5,39.5\n",
    "many decimals": b"1,t1,116.511720000000001,39.92123\n1,t2,-0.0,-39.92123\n",
    "quotes kept": b'1,"2008-02-02 15:36:08",116.5,39.9\n',
    "empty fields": b",,,\n" + L1 + b"\n",
}
NO_ROWS = {"empty": b"", "bom only": BOM, "blank only": b"\n \r\n\t\n"}
BAD = {
    "3 fields": (L1 + b"\n1,2008-02-02 15:46:08,116.51135\n", 2, 3),
    "5 fields": (L1 + b"\n" + L2 + b",x\n", 2, 5),
    "3 fields after blanks": (b"\n  \n1,2,3\n", 3, 3),
    "a quoted comma": (b'1,"2008-02-02, 15:36:08",116.5,39.9\n', 1, 5),
    "crlf 3 fields": (L1 + b"\r\n1,2008-02-02 15:46:08,116.51135\r\n", 2, 3),
    "unicode 1 field": ("京A\n".encode(), 1, 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_reads_as_line_by_line(tmp_path, name):
    f = tmp_path / "7.txt"
    f.write_bytes(HOSTILE[name])
    same_as_line_by_line(read_tdrive(f), line_by_line(f))


def test_hostile_values_are_kept_or_converted_as_before(tmp_path):
    f = tmp_path / "7.txt"
    f.write_bytes(HOSTILE["not numbers"])
    df = read_tdrive(f)
    assert df.lon.tolist()[:4] == ["abc", "", "nan", np.inf] and df.lon.tolist()[4:] == [116.5, 100.0]
    assert df.lat.dtype == np.float64
    f.write_bytes(HOSTILE["integers"])
    assert read_tdrive(f).lon.dtype == np.int64
    f.write_bytes(HOSTILE["spaces around fields"])
    assert read_tdrive(f).iloc[0, :4].tolist() == ["1", "2008-02-02 15:36:08", 116.51172, 39.92123]
    f.write_bytes(HOSTILE["lines of spaces and tabs"])
    assert read_tdrive(f).line.tolist() == [1, 4]
    f.write_bytes(HOSTILE["crlf blank lines"])
    assert read_tdrive(f).line.tolist() == [2, 4]
    f.write_bytes(HOSTILE["form feed"])  # a form feed ends a row (str.splitlines), not an editor's line
    assert read_tdrive(f).line.tolist() == [1, 1]


@pytest.mark.parametrize("name", sorted(NO_ROWS))
def test_file_without_rows_gives_an_empty_frame_of_the_usual_types(tmp_path, name):
    f = tmp_path / "7.txt"
    f.write_bytes(NO_ROWS[name])
    df = read_tdrive(f)
    assert len(df) == 0 == len(line_by_line(f))
    assert_documented_dtypes(df)
    assert df.lon.dtype == np.float64 and list(df.file.cat.categories) == [str(f)]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_line_is_named_as_before(tmp_path, name):
    data, line, fields = BAD[name]
    f = tmp_path / "7.txt"
    f.write_bytes(data)
    with pytest.raises(InputError) as old:
        line_by_line(f)
    with pytest.raises(InputError, match=rf"7\.txt: line {line}: expected 4 fields .*, got {fields}: ") as new:
        read_tdrive(f)
    assert str(new.value) == str(old.value)


def test_bad_line_message_in_chinese(tmp_path):
    from avzone.i18n import error_text

    f = tmp_path / "7.txt"
    f.write_bytes(BAD["3 fields"][0])
    with pytest.raises(InputError) as err:
        read_tdrive(f)
    assert error_text(err.value, "zh").startswith(f"{f}：第 2 行：应有 4 个字段")


def test_text_that_is_not_utf8_is_named_with_its_line(tmp_path):
    f = tmp_path / "7.txt"
    f.write_bytes(L1 + b"\n" + b"1,2008-02-02 15:46:08,116.5\xff,39.9\n")
    with pytest.raises(InputError, match=r"7\.txt: line 2: not UTF-8 text \(byte 68 is b'\\xff'\)"):
        read_tdrive(f)


@pytest.fixture()
def hostile_folder(tmp_path, model) -> Path:
    """Taxis of a synthetic fleet plus every hostile file (and the empty ones), one folder."""
    folder = tmp_path / "taxi_log_2008_by_id"
    write_tdrive(synthetic_fleet(model, vehicles=5, fixes=40, seed=3, interval_s=60), folder)
    for i, name in enumerate(sorted(HOSTILE) + sorted(NO_ROWS)):
        (folder / f"{100 + i}.txt").write_bytes({**HOSTILE, **NO_ROWS}[name])
    return folder


def test_hostile_folder_reads_as_line_by_line(hostile_folder, monkeypatch):
    df = read_tdrive(hostile_folder)
    # the reference's types depend on whether a file is empty (then every text column and line are objects)
    same_as_line_by_line(df, line_by_line(hostile_folder), check_dtype=False)
    assert df.lon.dtype == object and df.lat.dtype == object  # 'abc', '', 'nan' are kept as text
    files = sorted(hostile_folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
    assert list(df.file.cat.categories) == [str(p) for p in files]  # in taxi-id order: 2.txt before 10.txt
    assert df.file.iloc[0].endswith("100.txt") and df.file.iloc[-1].endswith("v0004.txt")
    monkeypatch.setattr(fleet, "_BATCH_BYTES", 100)  # a pyarrow call per file or two: the same frame
    pd.testing.assert_frame_equal(read_tdrive(hostile_folder), df)


def test_bad_file_in_a_folder_is_named(hostile_folder):
    (hostile_folder / "9.txt").write_bytes(BAD["3 fields"][0])
    (hostile_folder / "99.txt").write_bytes(BAD["5 fields"][0])
    with pytest.raises(InputError, match=r"9\.txt: line 2: expected 4 fields .*, got 3: '1,2008-02-02 15:46:08,116"):
        read_tdrive(hostile_folder)


def test_missing_paths_and_empty_folders(tmp_path):
    empty = tmp_path / "nothing_here"
    empty.mkdir()
    with pytest.raises(InputError, match=r"nothing_here: no T-Drive \.txt files in this folder"):
        read_tdrive(empty)
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_tdrive([tmp_path / "nope.txt"])


def test_a_folder_in_a_list_of_files_and_an_empty_list_are_named(tmp_path):
    # a folder among the files was "no such file" (it is there), and an empty list gave read_tdrive an empty frame
    # but tdrive_source an IndexError
    (tmp_path / "1.txt").write_text(LINE_1 + "\n", encoding="utf-8")
    for call in (read_tdrive, tdrive_source):
        with pytest.raises(InputError) as err:
            call([tmp_path / "1.txt", tmp_path])
        assert str(err.value) == f"{tmp_path}: a folder among the T-Drive files: give the folder alone, or its files"
        with pytest.raises(InputError, match="a folder among the T-Drive files"):
            call([tmp_path])
        with pytest.raises(InputError) as err:
            call([])
        assert str(err.value) == "no T-Drive files given (an empty list)"


# -- round trip -------------------------------------------------------------------------------------------------
def test_write_then_read_gives_the_fleet_to_the_decimals_written(model, tmp_path):
    fleet_df = synthetic_fleet(model, vehicles=4, fixes=50, seed=5, interval_s=60)
    files = write_tdrive(fleet_df, tmp_path / "taxi_log_2008_by_id")
    assert [f.name for f in files] == ["v0000.txt", "v0001.txt", "v0002.txt", "v0003.txt"]
    first = files[0].read_text().splitlines()[0].split(",")
    assert first[0] == "v0000" and len(first) == 4 and len(first[1]) == len("2008-02-02 15:36:08")
    df = read_tdrive(tmp_path / "taxi_log_2008_by_id")
    assert_documented_dtypes(df)
    assert df.vehicle.tolist() == fleet_df.vehicle.tolist()
    assert df.ts.tolist() == fleet_df.ts.dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
    for c in ("lon", "lat"):
        assert df[c].tolist() == [float(f"{v:.5f}") for v in fleet_df[c]]
    assert df.file.astype(str).tolist() == [str(files[i // 50]) for i in range(len(df))]
    assert df.line.tolist() == list(range(1, 51)) * 4
    res = model.events(df)
    assert (res.rows.status == "ok").all()
    lib = model.events(fleet_df.assign(ts=fleet_df.ts.dt.floor("s")))
    assert sorted(res.events.event) == sorted(lib.events.event)


def test_write_tdrive_writes_beijing_time_whatever_the_time_zone(model, tmp_path):
    # T-Drive times are Beijing time: times with a time zone (UTC, New York across its DST change, ISO text with an
    # offset) are written as the Beijing clock reads them (their own clock's was written: 8 to 13 hours off)
    fleet_df = synthetic_fleet(model, vehicles=2, fixes=30, seed=4, interval_s=60, start="2024-03-10 14:30")
    utc = fleet_df.ts.dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC")
    write_tdrive(fleet_df, tmp_path / "naive")
    want = model.events(read_tdrive(tmp_path / "naive"))
    assert len(want.events) > 0
    for ts in (utc, utc.dt.tz_convert("America/New_York"), utc.dt.strftime("%Y-%m-%dT%H:%M:%SZ")):
        folder = tmp_path / f"taxis{len(list(tmp_path.iterdir()))}"
        write_tdrive(fleet_df.assign(ts=ts), folder)
        df = read_tdrive(folder)
        assert df.ts.tolist() == fleet_df.ts.dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
        pd.testing.assert_frame_equal(model.events(df).events, want.events)


def test_write_tdrive_reads_epoch_times_with_their_unit_and_refuses_them_without(model, tmp_path):
    # epoch numbers (DiDi's GAIA: seconds, UTC) went through pd.to_datetime as nanoseconds: every fix was written
    # at 1970-01-01 00:00:01 without a word
    fleet_df = synthetic_fleet(model, vehicles=2, fixes=5, seed=4, interval_s=60)
    seconds = (fleet_df.ts.dt.tz_localize("+08:00").dt.tz_convert("UTC").astype("int64") // 10**9).astype("int64")
    want = fleet_df.ts.dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
    with pytest.raises(InputError) as err:
        write_tdrive(fleet_df.assign(ts=seconds), tmp_path / "none")
    assert str(err.value) == (
        f"row 0 (vehicle 'v0000'): ts {int(seconds[0])!r}: {zonetime.TIME_TEXT[zonetime.TIME_NUMBER]}"
    )
    assert not (tmp_path / "none").exists()
    write_tdrive(fleet_df.assign(ts=seconds), tmp_path / "s", time_unit="s")
    assert read_tdrive(tmp_path / "s").ts.tolist() == want
    write_tdrive(fleet_df.assign(ts=seconds * 1000.0), tmp_path / "ms", time_unit="ms")
    assert read_tdrive(tmp_path / "ms").ts.tolist() == want
    with pytest.raises(InputError) as err:
        write_tdrive(fleet_df.assign(ts=["2024-07-01 08:00", "soon", *want[2:]]), tmp_path / "bad")
    assert str(err.value) == f"row 1 (vehicle 'v0000'): ts 'soon': {zonetime.TIME_TEXT[zonetime.TIME_INVALID]}"


@pytest.mark.parametrize(
    ("ids", "why"),
    [
        ([1, "1"], "vehicles 1 and '1' would both be written to 1.txt"),
        (["a", None], "a vehicle id is missing (its rows would not be written)"),
        ([1.0, float("nan")], "a vehicle id is missing (its rows would not be written)"),
        (["a/b", "c"], "vehicle 'a/b' cannot be a T-Drive file name and id (no path separator, comma, line break, "
                       "and no blank or space around it)"),
        (["a,b", "c"], "vehicle 'a,b' cannot be a T-Drive file name and id (no path separator, comma, line break, "
                       "and no blank or space around it)"),
        ([" a", "c"], "vehicle ' a' cannot be a T-Drive file name and id (no path separator, comma, line break, "
                      "and no blank or space around it)"),
    ],
)  # fmt: skip
def test_write_tdrive_refuses_vehicle_ids_a_file_cannot_hold(model, tmp_path, ids, why):
    # 1 and '1' were both written to 1.txt, the second file replacing the first; 'a/b' was written in a folder
    # below (or failed half way), 'a,b' gave lines of five fields, ' a' came back as vehicle 'a', and the rows of a
    # missing id were left out
    df = pd.DataFrame(
        {"vehicle": ids, "ts": ["2024-07-01 08:00", "2024-07-01 08:01"], "lon": [116.5, 116.5], "lat": [39.8, 39.8]}
    )
    with pytest.raises(InputError) as err:
        write_tdrive(df, tmp_path / "taxis")
    assert str(err.value) == f"write_tdrive: {why}"
    assert not (tmp_path / "taxis").exists()


def test_write_tdrive_writes_coordinates_as_numbers_and_refuses_what_is_not_one(model, tmp_path):
    # coordinates read from a CSV as text stopped with Python's "Unknown format code 'f' for object of type 'str'",
    # a None with a TypeError, and a frame without its ts column with KeyError: 'ts', naming no row or column
    df = pd.DataFrame(
        {"vehicle": ["a"] * 3, "ts": ["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02"],
         "lon": ["116.5", 116.6, None], "lat": [" 39.8", "39.9", 40.0]}
    )  # fmt: skip
    write_tdrive(df, tmp_path / "text")
    back = read_tdrive(tmp_path / "text")
    # (a missing one is written as NaN is, "nan", read back as that text: a row the events job gives a status)
    assert back.lon.tolist() == [116.5, 116.6, "nan"] and back.lat.tolist() == [39.8, 39.9, 40.0]
    with pytest.raises(InputError) as err:
        write_tdrive(df.assign(lat=["39.8", "north", "40"]), tmp_path / "bad")
    assert str(err.value) == "row 1 (vehicle 'a'): lat 'north' is not a number"
    with pytest.raises(InputError) as err:
        write_tdrive(df.drop(columns="ts"), tmp_path / "no ts")
    assert (
        str(err.value) == "write_tdrive: no column 'ts' (it writes vehicle, ts, lon, lat; columns: vehicle, lon, lat)"
    )
    assert not (tmp_path / "bad").exists() and not (tmp_path / "no ts").exists()


# -- the file jobs' source --------------------------------------------------------------------------------------
def test_source_chunks_are_the_frame_in_chunk_rows(hostile_folder, monkeypatch):
    monkeypatch.setattr(fleet, "_BATCH_BYTES", 1000)
    source = tdrive_source(hostile_folder, chunk_rows=37)
    chunks = list(source.chunks)
    assert [c.columns.num_rows for c in chunks[:-1]] == [37] * (len(chunks) - 1) and chunks[-1].columns.num_rows <= 37
    assert source.schema.names == ["vehicle", "ts", "lon", "lat", "file", "line"] and source.fmt == "tdrive"
    rows = pd.concat([c.columns.to_pandas() for c in chunks], ignore_index=True)
    df = read_tdrive(hostile_folder)
    assert rows.vehicle.tolist() == df.vehicle.tolist() and rows.line.tolist() == df.line.tolist()
    assert rows.file.tolist() == df.file.astype(str).tolist()
    assert rows.lon.tolist()[-200:] == [f"{v:.5f}" for v in df.lon[-200:]]  # the taxis': the text as written
    assert rows.lon.tolist()[:3] == ["116.51172", "116.51135", "116.51172"] and "abc" in rows.lon.tolist()
    lons = np.concatenate([c.points.lon for c in chunks])
    assert np.array_equal(lons[-200:], df.lon[-200:].to_numpy(dtype=float))


def test_source_reads_the_files_as_it_goes(tmp_path, model, monkeypatch):
    """One chunk in memory at a time: a later file is read only when the chunks reach it."""
    folder = tmp_path / "taxis"
    write_tdrive(synthetic_fleet(model, vehicles=6, fixes=20, seed=1), folder)
    monkeypatch.setattr(fleet, "_BATCH_BYTES", 1)
    chunks = tdrive_source(folder, chunk_rows=20).chunks
    assert next(chunks).columns.column("file").to_pylist() == [str(folder / "v0000.txt")] * 20
    (folder / "v0005.txt").write_text("broken\n")
    assert [next(chunks).columns.num_rows for _ in range(4)] == [20] * 4
    with pytest.raises(InputError, match=r"v0005\.txt: line 1: expected 4 fields"):
        next(chunks)


def test_estimated_rows_count_lines_without_a_line_end(tmp_path):
    folder = tmp_path / "taxis"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i}.txt").write_text(LINE_1 if i % 2 else f"{LINE_1}\n{LINE_2}\n")
    assert fleet.tdrive_estimated_rows(folder) == 45 == len(read_tdrive(folder))
    (folder / "0.txt").write_text("")
    assert fleet.tdrive_estimated_rows([folder / "0.txt"]) == 1


# -- avzone events --input-format tdrive -----------------------------------------------------------------------
def test_cli_events_equal_the_library_on_the_frame(model, hostile_folder, tmp_path):
    """Events, summary and every row's status as model.events gives them on read_tdrive's frame, in partitions."""
    taxi = hostile_folder / "v0002.txt"
    lines = taxi.read_text().splitlines()
    lines = lines[:10] + lines[5:10] + lines[25:] + lines[10:25]  # duplicate lines, times out of order
    taxi.write_text("\n".join([*lines, lines[3].rsplit(",", 2)[0] + ",0,0", "v0002,2008-02-02 10:00:00,121.5,31.2"]))
    out, summary, rows = tmp_path / "ev.parquet", tmp_path / "sum.parquet", tmp_path / "rows.csv"
    result = run_cli(
        "events", "--input", str(hostile_folder), "--input-format", "tdrive", "--output", str(out),
        "--summary", str(summary), "--annotate", str(rows), "--chunk-rows", "40", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    df = read_tdrive(hostile_folder)
    lib = model.events(df)
    assert report["partitions"] > 3 and report["rows"] == len(df) and report["vehicles"] == lib.summary.id.nunique()
    key = ["id", "zone", "time", "event"]
    got = pd.read_parquet(out).sort_values(key).reset_index(drop=True)
    want = lib.events.assign(id=lib.events.id.astype(str)).sort_values(key).reset_index(drop=True)
    assert len(got) > 10 and {"enter", "exit", "gap"} <= set(got.event)
    pd.testing.assert_frame_equal(got, want[list(got.columns)], check_dtype=False)
    got_s = pd.read_parquet(summary).sort_values(["id", "zone"]).reset_index(drop=True)
    want_s = lib.summary.assign(id=lib.summary.id.astype(str)).sort_values(["id", "zone"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got_s, want_s[list(got_s.columns)], check_dtype=False)
    annotated = pd.read_csv(rows, dtype=str, keep_default_na=False)
    assert list(annotated.columns) == ["vehicle", "ts", "lon", "lat", "file", "line", "status", "used"]
    assert annotated.status.tolist() == lib.rows.status.astype(str).tolist()
    assert annotated.used.tolist() == ["true" if u else "false" for u in lib.rows.used]
    assert (
        annotated.file.tolist() == df.file.astype(str).tolist()
        and annotated.line.astype(int).tolist() == df.line.tolist()
    )
    statuses = set(annotated.status)
    assert {"ok", "lon not a number", "missing lon"} <= statuses and any(
        s.startswith("duplicate fix") for s in statuses
    )
    assert report["rows_by_status"] == dict(lib.rejected()) and report["rows_by_status"]["lon not a number"] == 2


@pytest.mark.parametrize("command", ["events", "map"])
def test_a_tdrive_folder_or_file_without_input_format_gets_the_hint(tmp_path, command):
    folder = tmp_path / "taxis"
    folder.mkdir()
    (folder / "1.txt").write_text("1,2008-02-02 15:36:08,116.51172,39.92123\n", encoding="utf-8")
    for given in (folder, folder / "1.txt"):
        out = tmp_path / ("ev.csv" if command == "events" else "m.html")
        args = ["events", "--input", str(given), "--output", str(out)] if command == "events" else [
            "map", "--track", str(given), "-o", str(out)]  # fmt: skip
        en = run_cli(*args)
        assert en.returncode == 2 and not out.exists()
        hint = "a folder or .txt file is read as T-Drive taxi traces only with --input-format tdrive"
        assert f"{given}: {hint}" in en.stderr
        zh = run_cli(*args, "--lang", "zh")
        assert zh.returncode == 2 and "只在加上 --input-format tdrive 时按 T-Drive 出租车轨迹读取" in zh.stderr


def test_line_numbers_are_the_files_with_form_feeds_and_line_separators(tmp_path):
    """A form feed, vertical tab or U+2028 ends a row (str.splitlines) but not a line in an editor: the rows after
    one were numbered a line too far. A row after one is on its line; the rows after keep the editor's numbers."""
    from avzone.fleet import read_tdrive

    rows = [
        "1,2008-02-02 15:36:08,116.51,39.92",
        "1,2008-02-02 15:46:08,116.52,39.93\f1,2008-02-02 15:50:08,116.525,39.935",
        "1,2008-02-02 15:56:08,116.53,39.94\v",
        "1,2008-02-02 16:06:08,116.54,39.95\u2028",
        "",
        "1,2008-02-02 16:16:08,116.55,39.96",
    ]
    (tmp_path / "1.txt").write_bytes("\r\n".join(rows).encode("utf-8") + b"\r")
    df = read_tdrive(tmp_path)
    assert df["line"].tolist() == [1, 2, 2, 3, 4, 6]
    assert df["lon"].tolist() == [116.51, 116.52, 116.525, 116.53, 116.54, 116.55]
    (tmp_path / "1.txt").write_bytes(b"1,2008-02-02 15:36:08,116.51,39.92\f\n1,2008-02-02,116.52\n")
    with pytest.raises(InputError, match=r"line 2: expected 4 fields .* got 3: '1,2008-02-02,116.52'"):
        read_tdrive(tmp_path)
    (tmp_path / "1.txt").write_bytes(b"1,2008-02-02 15:36:08,116.51,39.92\f\n\xff,2008-02-02 15:46:08,116.5,39.9\n")
    with pytest.raises(InputError, match=r"line 2"):
        read_tdrive(tmp_path)

"""A file job's summary says why rows' times and coordinates could not be read, not only that they could not.

Under each status of rows whose time text is no date/time or whose coordinate text is no number, the summaries of
``avzone locate`` and ``avzone events`` name its first rows (at most :data:`avzone.rowexamples.EXAMPLE_ROWS`, then how
many more), each by its row number (from 0, as the events' ``row_before``), its value quoted and cut when long, and
the reason one such value alone is refused with (``--at``: :func:`avzone.zonetime.time_why`; a number:
:func:`avzone.points.dash_why`), in English and Chinese; the local and the Dask engines name the same rows in the
same words; the rows' ``status`` values stay the stable categories they were; the reasons are read for those few
rows alone, however many rows have the status.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone import batch, points, rowexamples, zonetime
from avzone.batch import locate_file
from avzone.tracks import events_file

TIME_INVALID = points.TIME_LABELS[points.TIME_INVALID]

# vehicle, time, lon, lat: rows 0, 1, 4, 5, 6 have times that are none; 7, 8, 9 coordinates that are no numbers
ROWS = [
    ("1", "2024-13-01 08:00", "116.5", "39.8"),  # month 13
    ("1", "2024\u201310\u201317 08:00", "116.51", "39.8"),  # en dashes for '-'
    ("1", "2024-10-17 08:00", "116.52", "39.8"),
    ("1", "2024-10-17 08:05", "116.53", "39.8"),
    ("2", "2024-10-17 2024", "116.53", "39.8"),  # a year after the date (or 20:24?)
    ("2", "hello", "116.53", "39.8"),  # no more to say than the status
    ("2", "2024-02-30 08:00", "116.53", "39.8"),  # 2024-02 has 29 days
    ("2", "2024-10-17 08:07", "\u2212116.5", "39.8"),  # the minus sign U+2212
    ("2", "2024-10-17 08:08", "116.5x", "39.9x"),
    ("2", "2024-10-17 08:09", "", "39.9x"),
]

EN = [
    "  5: " + TIME_INVALID,
    "    row 0 (line 2 of the file), ts = '2024-13-01 08:00': the date 2024-13-01 has no month 13: months are 01 to 12 "
    "(year-month-day, such as 2024-06-01)",
    "    row 1 (line 3 of the file), "
    "ts = '2024\u201310\u201317 08:00': \u2013 is U+2013 EN DASH, no sign or hyphen avzone reads in a "
    "number or a time: write an ASCII hyphen-minus '-', 2024-10-17 08:00",
    "    row 4 (line 6 of the file), "
    "ts = '2024-10-17 2024': 2024 after the date may be a year or the time of day 20:24: write the time "
    "with a colon, 2024-10-17 20:24",
    "    and 2 more rows",
    "  1: lon not a number",
    "    row 7 (line 9 of the file), "
    "lon = '\u2212116.5': \u2212 is U+2212 MINUS SIGN, no sign or hyphen avzone reads in a number or a "
    "time: write an ASCII hyphen-minus '-', -116.5",
    "  1: lon not a number; lat not a number",
    "    row 8 (line 10 of the file), lon = '116.5x'; lat = '39.9x'",
    "  1: missing lon; lat not a number",
    "    row 9 (line 11 of the file), lat = '39.9x'",
]
ZH = [
    "    第 0 行（位于文件第 2 行），ts = '2024-13-01 08:00'：日期 2024-13-01 中没有 13 月："
    "月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    "    第 1 行（位于文件第 3 行），ts = '2024\u201310\u201317 08:00'：\u2013 是 U+2013 EN DASH，"
    "在数字和时间中都不作为正负号或连字符读取：请写 ASCII 连字符减号 '-'，如 2024-10-17 08:00",
    "    第 4 行（位于文件第 6 行），ts = '2024-10-17 2024'：日期后的 2024 可能是年份，也可能是时刻 20:24："
    "请用冒号写时刻，如 2024-10-17 20:24",
    "    另有 2 行",
    "    第 7 行（位于文件第 9 行），"
    "lon = '\u2212116.5'：\u2212 是 U+2212 MINUS SIGN，在数字和时间中都不作为正负号或连字符读取："
    "请写 ASCII 连字符减号 '-'，如 -116.5",
    "    第 8 行（位于文件第 10 行），lon = '116.5x'；lat = '39.9x'",
]
CSV_NUMBERING = (
    "the rows named: row numbers count from 0: the file's first row of data is row 0, on line 2 of the file (below "
    "the header, line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line breaks come "
    "before it; as in avzone events' row_before and row_after"
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=["vehicle", "ts", "lon", "lat"])


@pytest.fixture
def fixes_csv(tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_text(_frame().to_csv(index=False), encoding="utf-8")
    return path


@pytest.fixture
def fixes_parquet(tmp_path):
    path = tmp_path / "fixes.parquet"
    _frame().to_parquet(path, index=False, row_group_size=3)  # (four row groups: partitions of the Dask engine)
    return path


def _named(text: str) -> list[str]:
    """The summary's lines that name rows: the statuses named, their rows, how many more, the numbering."""
    keep = ("  5: ", "  1: ", "    ", "the rows named", "上面列出的行")
    return [line for line in text.splitlines() if line.startswith(keep)]


def _in_order(lines: list[str], want: list[str]) -> None:
    """Each of ``want`` among ``lines``, and the lines of one status (its count, then its rows) together."""
    for line in want:
        assert line in lines, (line, lines)
    for status in [w for w in want if w.startswith("  ") and not w.startswith("    ")]:
        at = lines.index(status)
        rows = [w for w in want[want.index(status) + 1 :]]
        rows = rows[: next((k for k, w in enumerate(rows) if not w.startswith("    ")), len(rows))]
        assert lines[at + 1 : at + 1 + len(rows)] == rows


def test_locate_summary_names_the_rows_and_why_in_english_and_chinese(fixes_csv, tmp_path):
    out = tmp_path / "located.csv"
    args = ("locate", "--input", str(fixes_csv), "--output", str(out), "--time-col", "ts")
    en = run_cli(*args)
    assert en.returncode == 0, en.stderr
    text = en.stdout + en.stderr
    _in_order(text.splitlines(), EN)
    assert CSV_NUMBERING in text.splitlines()
    assert "    row 5" not in text and "    row 6" not in text  # (three rows of a status at most)
    zh = run_cli("--lang", "zh", *args)
    lines = (zh.stdout + zh.stderr).splitlines()
    for line in ZH:
        assert line in lines, (line, lines)
    assert any(
        line.startswith("上面列出的行：行号从 0 起算：文件的第一行数据是第 0 行，位于文件第 2 行") for line in lines
    )


def test_the_row_statuses_stay_the_categories_they_were(fixes_csv, tmp_path):
    out = tmp_path / "located.csv"
    assert run_cli("locate", "--input", str(fixes_csv), "--output", str(out), "--time-col", "ts").returncode == 0
    status = pd.read_csv(out, dtype=str, keep_default_na=False)["status"].tolist()
    assert status == [
        TIME_INVALID,
        TIME_INVALID,
        "ok",
        "ok",
        TIME_INVALID,
        TIME_INVALID,
        TIME_INVALID,
        "lon not a number",
        "lon not a number; lat not a number",
        "missing lon; lat not a number",
    ]
    events = tmp_path / "events.csv"
    annotated = tmp_path / "rows.csv"
    args = ("--input", str(fixes_csv), "--output", str(events), "--annotate", str(annotated))
    assert run_cli("events", *args, "--id-col", "vehicle", "--time-col", "ts").returncode == 0
    assert pd.read_csv(annotated, dtype=str, keep_default_na=False)["status"].tolist() == status


@pytest.mark.parametrize("chunk_rows", [1_000_000, 3])  # (in memory; in vehicle partitions out of row order)
def test_events_summary_names_the_rows_and_why_in_english_and_chinese(fixes_csv, tmp_path, chunk_rows):
    args = ("events", "--input", str(fixes_csv), "--output", str(tmp_path / "events.csv"))
    args += ("--id-col", "vehicle", "--time-col", "ts", "--chunk-rows", str(chunk_rows))
    en = run_cli(*args)
    assert en.returncode == 0, en.stderr
    lines = (en.stdout + en.stderr).splitlines()
    _in_order(lines, EN)
    assert CSV_NUMBERING in lines
    zh = run_cli("--lang", "zh", *args)
    lines = (zh.stdout + zh.stderr).splitlines()
    for line in ZH:
        assert line in lines, (line, lines)


def test_the_summaries_json_names_the_rows(fixes_csv, tmp_path):
    args = ("--input", str(fixes_csv), "--time-col", "ts", "--json")
    located = run_cli("locate", *args, "--output", str(tmp_path / "o.csv"))
    named = json.loads(located.stdout)["examples_by_status"]
    assert [e["row"] for e in named[TIME_INVALID]] == [0, 1, 4]
    assert named[TIME_INVALID][0]["values"] == [
        {
            "column": "ts",
            "value": "'2024-13-01 08:00'",
            "why": "the date 2024-13-01 has no month 13: months are 01 to 12 (year-month-day, such as 2024-06-01)",
        }
    ]
    assert named["lon not a number; lat not a number"] == [
        {
            "row": 8,
            "lines": [10, 10],  # (the file's line: row 8 below the header)
            "values": [{"column": "lon", "value": "'116.5x'"}, {"column": "lat", "value": "'39.9x'"}],
        }
    ]
    events = run_cli("events", *args, "--output", str(tmp_path / "e.csv"), "--id-col", "vehicle")
    assert json.loads(events.stdout)["examples_by_status"] == named


def test_a_job_without_such_rows_says_nothing_more(tmp_path):
    src = tmp_path / "good.csv"
    src.write_text("vehicle,ts,lon,lat\n1,2024-10-17 08:00,116.5,39.8\n1,2024-10-17 08:01,,39.8\n", encoding="utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--time-col", "ts")
    text = res.stdout + res.stderr
    assert "  1: missing lon" in text and "    row" not in text and "the rows named" not in text
    summary = locate_file(_model(), src, tmp_path / "o2.csv", time_col="ts")
    assert "examples_by_status" not in summary.to_dict()


def _model():
    import avzone

    return avzone.load()


def test_a_long_value_is_shown_cut_and_its_reason_left_to_its_status(tmp_path):
    long = "2024\u201310\u201317 08:00 " + "x" * 200
    src = tmp_path / "long.csv"
    src.write_text(f"vehicle,ts,lon,lat\n1,{long},116.5,39.8\n", encoding="utf-8")
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--time-col", "ts")
    line = next(x for x in (res.stdout + res.stderr).splitlines() if x.startswith("    row 0"))
    assert (
        line == f"    row 0 (line 2 of the file), ts = {long[: rowexamples.EXAMPLE_CHARS]!r}… ({len(long)} characters)"
    )


def test_reasons_are_read_for_the_rows_named_alone(tmp_path, monkeypatch):
    calls: list[object] = []
    real = zonetime.time_why

    def counted(value, unit=None):
        calls.append(value)
        return real(value, unit)

    monkeypatch.setattr(zonetime, "time_why", counted)
    n = 20_000
    src = tmp_path / "many.csv"
    src.write_text(
        "vehicle,ts,lon,lat\n" + "".join(f"{i % 7},2024-13-{i % 28 + 1:02d} 08:00,116.5,39.8\n" for i in range(n)),
        encoding="utf-8",
    )
    summary = locate_file(_model(), src, tmp_path / "o.csv", time_col="ts", chunk_rows=1_000)
    assert summary.rejected[TIME_INVALID] == n
    assert calls == ["2024-13-01 08:00", "2024-13-02 08:00", "2024-13-03 08:00"]
    assert summary.text().splitlines()[-3] == f"    and {n - 3:,} more rows"
    calls.clear()
    report = events_file(_model(), src, tmp_path / "e.csv", id_col="vehicle", time_col="ts", chunk_rows=1_000)
    assert report.rejected[TIME_INVALID] == n
    assert calls == ["2024-13-01 08:00", "2024-13-02 08:00", "2024-13-03 08:00"]


@pytest.mark.parametrize(
    ("at", "en", "zh"),
    [
        (
            "2024-13-01 08:00",
            "the date 2024-13-01 has no month 13: months are 01 to 12 (year-month-day, such as 2024-06-01)",
            "日期 2024-13-01 中没有 13 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
        ),
        (
            "2024-02-30",
            "the date 2024-02-30 has no day 30: 2024-02 has 29 days",
            "日期 2024-02-30 中没有 30 日：2024-02 只有 29 天",
        ),
        (
            "2023年2月29日 08:00",
            "the date 2023年2月29日 has no day 29: 2023-02 has 28 days",
            "日期 2023年2月29日 中没有 29 日：2023-02 只有 28 天",
        ),
    ],
)
def test_one_time_refused_for_its_month_or_day_says_so(at, en, zh):
    from common import refused

    assert refused("locate", "116.4", "39.9", "--at", at).strip() == f"avzone: error: --at {at!r}: {en}"
    assert refused("--lang", "zh", "locate", "116.4", "39.9", "--at", at).strip() == f"avzone: 错误：--at {at!r}：{zh}"
    assert str(zonetime.time_why(at)) == en
    assert zonetime.time_why("2024-06-01 08:00") is None and zonetime.time_why("2024-12-31") is None


# -- the Dask engine: the same rows, values and reasons ---------------------------------------------------------
def _rows_named(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("    ")]


def test_the_dask_locate_engine_names_the_same_rows_in_the_same_words(fixes_parquet, tmp_path, dask_scheduler):
    from avzone.distributed import locate_parquet_dask

    model = _model()
    local = locate_file(model, fixes_parquet, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(
        model, fixes_parquet, tmp_path / "parts", time_col="ts", scheduler=dask_scheduler, partition_size=1
    )
    assert len(list((tmp_path / "parts").glob("*.parquet"))) > 1  # (rows named from several partitions)
    assert (
        dask.examples == local.examples
        and dask.to_dict()["examples_by_status"] == local.to_dict()["examples_by_status"]
    )
    for lang in ("en", "zh"):
        assert sorted(_rows_named(dask.text(lang))) == sorted(_rows_named(local.text(lang)))
        assert _rows_named(local.text(lang))
        assert dask.text(lang).splitlines()[-2] == local.text(lang).splitlines()[-2]  # (the numbering)
    assert [e.row for e in local.examples[TIME_INVALID]] == [0, 1, 4]


def test_the_dask_events_engine_names_the_same_rows_in_the_same_words(fixes_parquet, tmp_path, dask_scheduler):
    from avzone.distributed import events_parquet_dask

    model = _model()
    local = events_file(model, fixes_parquet, tmp_path / "local.csv", id_col="vehicle", time_col="ts")
    dask = events_parquet_dask(
        model, fixes_parquet, tmp_path / "parts", id_col="vehicle", time_col="ts", scheduler=dask_scheduler,
        partition_size=1,
    )  # fmt: skip
    assert dask.partitions > 1
    assert dask.examples == local.examples
    for lang in ("en", "zh"):
        assert _rows_named(dask.text(lang)) == _rows_named(local.text(lang))
    assert [e.row for e in local.examples["lon not a number"]] == [7]


def test_the_rows_named_are_a_status_first_rows_whatever_order_the_parts_come_in():
    found: batch.Found = {}
    wanted = {"bad": (("ts", "time"),)}
    parts = [  # (vehicle partitions: their rows out of order, and later parts holding earlier rows)
        (["bad", "ok", "bad", "bad"], [9, 2, 7, 8]),
        (["ok", "bad", "bad"], [0, 5, 1]),
    ]
    for statuses, rows in parts:
        values = {"ts": [f"t{r}" for r in rows]}
        batch.frame_examples(
            found,
            pd.Series(statuses, dtype="category"),
            np.array(rows),
            lambda name, at, values=values: [values[name][i] for i in at],
            wanted,
            ["bad"],
        )
    assert found == {"bad": [(1, (("ts", "time", "t1"),)), (5, (("ts", "time", "t5"),)), (7, (("ts", "time", "t7"),))]}
    # in row order (the local locate job's chunks): a status of which enough rows were found is not looked for again
    found = {}
    batch.frame_examples(found, np.array([1, 1, 1, 1]), 0, lambda n, at: list(at), {1: (("c", "number"),)}, [1], str)
    batch.frame_examples(
        found, np.array([1]), 4, lambda n, at: pytest.fail("looked for"), {1: (("c", "number"),)}, [1], str, True
    )
    assert [r for r, _ in found["1"]] == [0, 1, 2]


def test_a_dask_dataset_folder_numbers_its_rows_over_its_files(fixes_parquet, tmp_path, dask_scheduler):
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "parts"
    folder.mkdir()
    _frame().iloc[:5].to_parquet(folder / "part.0.parquet", index=False)
    _frame().iloc[5:].to_parquet(folder / "part.1.parquet", index=False)
    model = _model()
    local = locate_file(model, fixes_parquet, tmp_path / "local.csv", time_col="ts")
    dask = locate_parquet_dask(model, folder, tmp_path / "located.gpkg", time_col="ts", scheduler=dask_scheduler)
    # rows 7, 8, 9: in the second file, numbered after the first's, each with its part and its row there (as the
    # local engine reading the folder names them)
    by_folder = locate_file(model, folder, tmp_path / "folder.csv", time_col="ts")
    assert dask.examples == by_folder.examples
    assert {s: [dataclasses.replace(e, part=None) for e in ex] for s, ex in dask.examples.items()} == local.examples
    named = {e.row: e.part for ex in dask.examples.values() for e in ex}
    assert {7, 8, 9} <= set(named)
    assert named == {r: (str(folder / f"part.{int(r >= 5)}.parquet"), r - 5 * (r >= 5)) for r in named}
    assert dask.text().splitlines()[-2] == (
        "the rows named: row numbers count from 0 over the rows of the dataset's files in order, as in avzone "
        "events' row_before and row_after"
    )
    assert dask.text("zh").splitlines()[-2] == (
        "上面列出的行：行号按顺序对数据集各文件的行从 0 起算，与 avzone events 的 row_before 和 row_after 相同"
    )

"""Generated time texts (hypothesis): any text is read to a time or refused with a one-line reason, never an
exception, and a file job keeps every row, saying of each row whose time is not usable why.

Built from the pieces times are written with (digits, separators, offsets, zone names and abbreviations, Chinese
dates, words of the day, full-width and unprintable characters) and from any text. The same examples every run;
``AVZONE_FUZZ_EXAMPLES`` draws new ones, that many per test (``make fuzz``).
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from common import YIZHUANG_CORE, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from avzone.errors import InputError
from avzone.i18n import Message, error_text
from avzone.zonetime import TIME_OK, TIME_TEXT, instant, time_why, to_ns

EXAMPLES = int(os.environ.get("AVZONE_FUZZ_EXAMPLES", "200"))
TIMES = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: A file job per example (~0.5 s): fewer of them.
FILES = settings(TIMES, max_examples=max(5, EXAMPLES // 10))
LON, LAT = YIZHUANG_CORE

#: Pieces of written times, right and wrong.
PIECES = [
    *("2024", "1999", "2189", "1900", "0001", "9999", "24", "06", "6", "30", "31", "13", "00", "08", "8", "12", "59"),
    *("60", "99", "0", "1", "20240601", "1719792000", "1.5", "０８", "２０２４"),
    *("-", "/", ".", ":", " ", "T", "t", "Z", "z", "_", ",", "，", "。", "：", "－", "–", "—", "−", "\u3000", "  "),
    *("+08:00", "+0800", "+08", "-05:00", "+14:00", "+24:00", "+8", "UTC", "GMT", "CST", "cst", "EST", "Z+08"),
    *("Asia/Shanghai", "Asia/Tokyo", "Beijing", "(UTC+8)", "[Asia/Shanghai]", "北京时间"),
    *("年", "月", "日", "号", "时", "点", "分", "秒", "上午", "下午", "晚上", "中午", "星期一", "周六", "今天"),
    *("AM", "PM", "am", "p.m.", "noon", "midnight", "Mon", "Sunday", "Jun", "June", "Sept", "W22", "-W22-1"),
    *("now", "today", "NaT", "nan", "None", "null", "e", "E9", "h", "min", "s", "ms"),
    *("\n", "\r", "\t", "\x00", "\x1b[31m", "\x85", "\u2028", "\ufeff", "\u200b", '"', "'", "(", ")"),
]
_pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join)
_any = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
#: An ISO time with one piece changed, dropped or added.
_iso = st.builds(
    lambda y, mo, d, h, mi, s, sep, tail: f"{y:04d}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}{tail}",
    st.integers(1, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.sampled_from(["T", " ", "t", "  ", "_", "T ", "/"]),
    st.sampled_from(["", "Z", "+08:00", "+0800", ".5", ".123456789", ".1234567891", " CST", "+25:00", "Z+08:00"]),
)
_time_text = st.one_of(_pieces, _iso, _any)


def _one_line(text: str) -> None:
    assert text and text.isprintable(), repr(text)


def _check_one(text: str) -> None:
    """``text`` read alone: a time (instant's nanoseconds are to_ns's, its code ok) or refused by instant with
    an InputError whose message is one line in both languages, never another exception; time_why is None or
    a reason of one line."""
    ns, codes = to_ns(np.array([text], dtype=object))
    assert ns.shape == codes.shape == (1,) and int(codes[0]) in TIME_TEXT, (text, codes)
    try:
        got = instant(text)
    except InputError as exc:
        assert int(codes[0]) != TIME_OK, (text, str(exc))
        for lang in ("en", "zh"):
            _one_line(error_text(exc, lang))
    else:
        assert int(codes[0]) == TIME_OK and got == int(ns[0]), text
    why = time_why(text)
    if why is not None:
        assert isinstance(why, Message), (text, why)
        _one_line(str(why))
        _one_line(why.text("zh"))


@pytest.mark.parametrize(
    "text",
    [
        "2024-06-01 08:00",
        "2024-13-01",
        "2024-06-01\n08:00",
        "2024-06-01T08:00:00+08:00\x1b[31m",
        "２０２４-06-01",
        "2024年6月1日 下午3点",
        "Z+08",
        "-W22-1",
        "\ufeff2024-06-01",
        "",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59+14:00",
        "2024-06-01T08:00:00.1234567891",
    ],
)
def test_a_time_text_is_read_or_refused_on_one_line(text: str) -> None:
    _check_one(text)


@TIMES
@given(text=_time_text)
def test_fuzz_any_time_text_is_read_or_refused_on_one_line(text: str) -> None:
    _check_one(text)


def _rows_job(times: list[str]) -> None:
    """A locate file job over rows at one place with these ``times``: every row kept in order with its time as
    written; a row whose time alone is refused has a time status; the summary's lines are each one line."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["lon", "lat", "t"])
            w.writerows([[LON, LAT, t] for t in times])
        r = run_cli("locate", "--input", str(src), "-o", str(out), "--time-col", "t")
        assert "Traceback" not in r.stderr
        assert all(line.isprintable() for line in r.stderr.splitlines()), r.stderr
        assert r.returncode in (0, 2), r.stderr
        if r.returncode == 2:  # (the whole column refused: one line naming the file, no output)
            assert len(r.stderr.strip().splitlines()) == 1 and str(src) in r.stderr, r.stderr
            assert not out.exists()
            return
        with out.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    # (csv keeps a field's \r\n as written but a lone \r read back may differ: compared as csv writes them)
    assert len(rows) == len(times), (times, rows)
    for t, row in zip(times, rows):
        assert row["t"] == t or row["t"].replace("\r\n", "\n") == t.replace("\r\n", "\n"), (t, row)
        alone = int(to_ns(np.array([t], dtype=object))[1][0])
        if alone != TIME_OK:
            assert row["status"] != "ok" and row["in_force"] == "", (t, row)
            assert "time" in row["status"], (t, row)


def test_a_file_of_refused_times_keeps_every_row() -> None:
    _rows_job(["2024-06-01 08:00", "2024-13-01", "2024-06-01\n08:00", "", "下午3点", "2024-06-01T08:00\x1b[31m"])


@FILES
@given(times=st.lists(st.one_of(_iso, _pieces, _any), min_size=1, max_size=8))
@example(times=["2024-06-01 08:00"])
def test_fuzz_a_file_of_time_texts_keeps_every_row(times: list[str]) -> None:
    _rows_job(times)

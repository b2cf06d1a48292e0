"""Every one-pass reader of time texts reads a text as the value-by-value reading does: the same instant, or the same
refusal (and status). Each layout a one-pass reader takes is written out below, filled in with a dozen dates and
times (leap days, midnight, noon, the edges of the years read, years no instant of which is read), and each sample's
neighbours are made mechanically: junk after it and before it, a character dropped or doubled, each number put out
of range (month 13, day 32, hour 24, minute 60, 0, 99, years 1899 and 2189), full-width digits and brackets, spaces
doubled, dropped or made tabs, one separator for another. A column of them all is read as it is and with every
one-pass reader left out (every text then read value by value, :func:`avzone.zonetime._other_layouts`), with the
compiled pass and without it; the two readings must agree text for text.

The one-pass readers (avzone.zonetime unless named otherwise) and the layouts each takes:

- ``avzone._isotime.plain_iso_ns`` (compiled; from ``PLAIN_ISO_ROWS`` texts on): a year-first date with ``-``, ``/``
  or ``.``, or ``年月日`` (``号``, ``號``), then, or not, a clock (``T`` or a space; ``上午``/``下午`` before it or
  ``AM``/``PM`` after it), a Chinese day of the week; a day and month first and the year last when only one order
  makes a date; ``Z``, ``UTC``, ``GMT`` or an offset after a year-first date; a month's English name beside the day
  (``Oct 17 2024``, ``17-Oct-2024``, a day of the week before it, the C library's ``Thu Oct 17 08:00:00 2024``, an
  e-mail's offset); a zone in brackets (``[Asia/Shanghai]``, ``[UTC]``, ``[Etc/UTC]``); 12 or 14 digits alone.
- ``_bracket_zones_ns`` (``_BRACKET_ZONE``): a date and time with ``[Asia/Shanghai]`` (or ``[PRC]``,
  ``[Asia/Chongqing]``, ``[Asia/Chungking]``, ``[Asia/Harbin]``) after ``+08:00``, ``+0800``, ``Z`` or no offset,
  ``[UTC]``/``[Etc/UTC]`` after ``Z`` or no offset.
- ``_exact_offsets``: an offset to the second (``+08:05:43``, ``-050000``) and a zone in brackets after an offset
  (the zone looked up for the text, which is then read by the passes below).
- ``_parse_texts``' ISO 8601 pass (pandas, ``format="ISO8601"``), with ``_first_pass_refused`` (a year or month
  alone, an offset no zone has, a year after the date, a clock's one-digit part) and ``_zone_unread``.
- ``_plain_chinese_ns``: ``_PLAIN_CHINESE`` (``2024年10月17日 08:00:00``, ``：`` too) and ``_PLAIN_CHINESE_CLOCK``
  (``2024年3月9日 8点5分30秒``).
- ``_go_times_ns`` (``_GO_TIME``): Go's ``time.Time.String()``, ``2024-10-17 08:00:00 +0800 CST m=+0.000123``, the
  offset written again for a zone without an abbreviation (``+0600 +06``).
- ``_common_layouts_ns`` (``_COMMON_LAYOUTS``, each with ``-``, ``/`` and ``.`` where it has a separator): 12 or 14
  digits; a year-first date and ``上午``/``下午`` before the clock or ``AM``/``PM`` after it; the Chinese date with
  ``星期``/``周`` and a half day's mark; the Chinese date and a half day's mark; a day and month first, the year last;
  a month's name first (``Oct 17, 2024``, ``OCT-17-2024``) or second (``17 Oct 2024``, ``17-Oct-2024``) with a day of
  the week or not, a clock and AM/PM or not; the C library's layout; a year-first date and a clock and a zone
  (``Z``, ``UTC``, ``GMT``, ``北京时间``, ``+0800``, ``GMT+8``, ``(UTC+8)``, ``(UTC)``); a month's name and a clock
  and a zone.
- ``_impossible_dates`` (refuses; ``_DIGITS_DATE`` and ``_PLAIN_CHINESE``): a year-first date or clock no calendar
  has (``2024-13-01``, ``2024-02-30 08:00``).
- ``_abbreviated_zones`` (refuses; ``_ABBREVIATED_ZONE``): a zone's abbreviation after the clock and no offset
  (``2024-10-17 08:00:00 CST``, ``Thu Oct 17 08:00:00 CST 2024``, ``Thu, 17 Oct 2024 08:00:00 EST``).
- ``_beijing_named``: Beijing time named in Chinese (``北京时间``, ``中国标准时间``, in brackets too) beside any of the
  above, the text rewritten as the value-by-value reading rewrites it and read by the passes above.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime

# the one-pass readers of avzone.zonetime, each left out (taking no text) for the value-by-value reading
_READERS = ("_bracket_zones_ns", "_plain_chinese_ns", "_go_times_ns", "_common_layouts_ns", "_beijing_named",
            "_impossible_dates", "_abbreviated_zones")  # fmt: skip

# each layout a one-pass reader takes, to fill in: Y, M, D (MM, DD: two digits), h, hh, m, mm, s, ss, a 12-hour
# clock's hour h12 and its mark (ap: AM/PM, apcn: 上午/下午), the month's name (mon, MON, month) and the day of the
# week's (wd, wdfull; cw: Chinese)
_LAYOUTS = [
    # the compiled pass and the ISO 8601 pass
    "{Y}-{MM}-{DD} {hh}:{mm}:{ss}", "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}.250+08:00", "{Y}/{M}/{D} {h}:{mm}", "{Y}-{MM}-{DD}",
    "{Y}.{MM}.{DD} {hh}:{mm}", "{Y}-{MM}-{DD} {hh}:{mm}Z", "{Y}-{MM}-{DD} {hh}:{mm} UTC",
    "{Y}-{MM}-{DD}T{hh}:{mm}+0800",
    "{Y}-{MM}-{DD}T{hh}:{mm}-05", "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}.123456789Z", "{Y}-{MM}-{DD}T{hh}",
    "{Y}-{MM}-{DD}T{hh}{mm}", "{Y}{MM}{DD}T{hh}{mm}{ss}+0800", "{Y}/{MM}/{DD} {hh}:{mm}",
    # a half day's mark, year first
    "{Y}/{MM}/{DD} {apcn}{h12}:{mm}:{ss}", "{Y}-{MM}-{DD} {h12}:{mm} {ap}", "{Y}.{MM}.{DD} {h12}:{mm}{ap}",
    # Chinese
    "{Y}年{M}月{D}日", "{Y}年{M}月{D}日 {hh}:{mm}:{ss}", "{Y}年{M}月{D}日 {h}:{mm}:{ss}.25",
    "{Y}年{M}月{D}日 {h}点{m}分{s}秒",
    "{Y}年{M}月{D}号{h}时", "{Y}年{M}月{D}日 星期{cw} {hh}:{mm}", "{Y}年{M}月{D}日 周{cw} {apcn}{h12}:{mm}",
    "{Y}年{M}月{D}日 {apcn}{h12}:{mm}",
    # a day and month first
    "{DD}/{MM}/{Y}", "{MM}/{DD}/{Y} {h12}:{mm} {ap}", "{DD}.{MM}.{Y} {hh}:{mm}",
    # a month's name
    "{mon} {D} {Y}", "{mon} {D}, {Y} {h12}:{mm} {ap}", "{MON}-{DD}-{Y}", "{D} {mon} {Y}",
    "{DD}-{mon}-{Y} {hh}:{mm}:{ss}",
    "{wdfull}, {month} {D}, {Y}", "{wd}, {mon} {D}, {Y} {h12}:{mm} {ap}", "{wd} {mon} {D} {hh}:{mm}:{ss} {Y}",
    "{wd}, {DD} {mon} {Y} {hh}:{mm}:{ss} +0800", "{DD} {mon} {Y} {hh}:{mm}:{ss} GMT", "{mon} {D}, {Y} {hh}:{mm} UTC",
    # digits alone
    "{Y}{MM}{DD}{hh}{mm}{ss}", "{Y}{MM}{DD}{hh}{mm}",
    # a zone after the clock
    "{Y}/{MM}/{DD} {hh}:{mm} GMT+8", "{Y}-{MM}-{DD} {hh}:{mm} (UTC+8)", "{Y}-{MM}-{DD} {hh}:{mm} (UTC)",
    "{Y}-{MM}-{DD} {hh}:{mm}:{ss} 北京时间", "{Y}.{MM}.{DD} {hh}:{mm} UTC+08:00", "{Y}-{MM}-{DD} {hh}:{mm} (GMT-05:00)",
    # Go
    "{Y}-{MM}-{DD} {hh}:{mm}:{ss} +0800 CST", "{Y}-{MM}-{DD} {hh}:{mm}:{ss}.123456789 -0600 CST m=+0.000123",
    "{Y}-{MM}-{DD} {hh}:{mm}:{ss} +0000 UTC", "{Y}-{MM}-{DD} {hh}:{mm}:{ss} +0600 +06",
    # a zone in brackets
    "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}+08:00[Asia/Shanghai]", "{Y}-{MM}-{DD} {hh}:{mm}+0800[PRC]",
    "{Y}-{MM}-{DD}T{hh}:{mm}[Asia/Chongqing]", "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}Z[Etc/UTC]",
    "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}[UTC]",
    # Beijing time named
    "北京时间 {Y}-{MM}-{DD} {hh}:{mm}", "{Y}/{MM}/{DD} {hh}:{mm}（北京时间）", "北京时间 {Y}-{MM}-{DD}",
    "中国标准时间 {Y}年{M}月{D}日 {hh}:{mm}", "{Y}年{M}月{D}日 {hh}:{mm} 北京时间",
    # an offset to the second
    "{Y}-{MM}-{DD}T{hh}:{mm}:{ss}+08:05:43", "{Y}-{MM}-{DD} {hh}:{mm}:{ss}-050000",
    # a zone's abbreviation: refused
    "{Y}-{MM}-{DD} {hh}:{mm}:{ss} CST", "{wd} {mon} {D} {hh}:{mm}:{ss} EST {Y}",
    "{wd}, {DD} {mon} {Y} {hh}:{mm}:{ss} PST",
]  # fmt: skip
# the dates and times filled in: the first ones' neighbours are made too
_WHEN = [(2024, 10, 17, 8, 0, 0), (2024, 2, 29, 23, 59, 59), (2023, 1, 1, 0, 0, 0), (1901, 1, 1, 12, 30, 5),
         (2188, 12, 31, 12, 0, 0), (1678, 6, 1, 1, 2, 3), (2262, 1, 1, 0, 0, 0), (1900, 1, 1, 0, 0, 0),
         (2189, 12, 31, 23, 0, 0), (1992, 1, 1, 0, 0, 0), (1991, 7, 1, 9, 0, 0), (2024, 12, 5, 12, 30, 0)]  # fmt: skip
_WITH_NEIGHBOURS = 2

_AFTER = [" junk", " x", "Z", " +0800", " (UTC-5)", " PM", ")", " 09:00", " 2024-10-18 09:00", " AM", " UTC", "+08:00",
          " 北京时间", " GMT+8", " CST", " 2023", " 5", "]", " [UTC]", " m=+0.1", "-05:00"]  # fmt: skip
_BEFORE = ["x ", "junk ", "(", "+0800 ", "08:00 ", "Thu ", "北京时间 ", "5 ", "2024-10-18 "]
_OUT_OF_RANGE = ("13", "32", "24", "60", "00", "0", "99", "1", "12", "2189", "1899")
_WIDE = str.maketrans("0123456789():[]", "０１２３４５６７８９（）：［］")
_SWAPS = (("-", "/"), ("/", "-"), ("T", " "), (" ", "T"), ("T", "t"), ("Z", "z"), ("PM", "pm"), ("UTC", "utc"),
          (".", ","), (":", "："), ("上午", "下午"), ("8:", "13:"), ("8:", "0:"), ("8:", "12:"))  # fmt: skip


def _filled(layout: str, when: tuple[int, ...]) -> str:
    y, mo, d, h, mi, s = when
    wd = dt.date(y, mo, d).weekday()
    return layout.format(
        Y=y, M=mo, D=d, MM=f"{mo:02d}", DD=f"{d:02d}", h=h, hh=f"{h:02d}", m=mi, mm=f"{mi:02d}", s=s, ss=f"{s:02d}",
        h12=h % 12 or 12, ap="AM" if h < 12 else "PM", apcn="上午" if h < 12 else "下午", cw="一二三四五六日"[wd],
        mon=calendar.month_abbr[mo], MON=calendar.month_abbr[mo].upper(), month=calendar.month_name[mo],
        wd=calendar.day_abbr[wd], wdfull=calendar.day_name[wd],
    )  # fmt: skip


def _neighbours(text: str) -> set[str]:
    """``text``'s neighbours: junk after it and before it, a character dropped or doubled, each number out of range,
    full-width digits and brackets, a space doubled, dropped or a tab, a separator or mark for another."""
    out = {text + a for a in _AFTER} | {b + text for b in _BEFORE}
    for i in range(len(text)):
        out |= {text[:i] + text[i + 1 :], text[:i] + text[i] + text[i:]}
    for m in re.finditer(r"\d+", text):
        out |= {text[: m.start()] + v + text[m.end() :] for v in _OUT_OF_RANGE}
    out.add(text.translate(_WIDE))
    out |= {text.replace(c, c.translate(_WIDE), 1) for c in "0123456789():[]" if c in text}
    for m in re.finditer(" ", text):
        out |= {text[: m.start()] + gap + text[m.end() :] for gap in ("  ", "", "\t")}
    out |= {text.replace(a, b, 1) for a, b in _SWAPS if a in text}
    out.discard(text)
    return out


def _texts() -> list[str]:
    texts: set[str] = set()
    for k, when in enumerate(_WHEN):
        for layout in _LAYOUTS:
            sample = _filled(layout, when)
            texts.add(sample)
            if k < _WITH_NEIGHBOURS:
                texts |= _neighbours(sample)
    return sorted(t for t in texts if t.strip())


def _read(
    texts: list[str], one_pass: bool, compiled: bool = True, strays: bool = False, span: zonetime.TimeSpan | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``zonetime.to_ns`` of ``texts`` (a Series), with its one-pass readers (the compiled one too, if
    ``compiled``) or with none: each taking no text, the ISO 8601 pass every text but digits alone (which only it
    reads: its refusals, ``_first_pass_refused``, made all the others). No text is marked a stray unless ``strays``
    (then ``span``, the whole column's, judges a chunk: :func:`avzone.zonetime.time_span`)."""
    with pytest.MonkeyPatch.context() as m:
        if not strays:
            m.setattr(zonetime, "mark_strays", lambda judged, codes, *rest, **named: codes)
        if not (one_pass and compiled):
            m.setattr(zonetime, "PLAIN_ISO_ROWS", 10**12)
        if not one_pass:
            for name in _READERS:
                real = getattr(zonetime, name)

                def none_taken(t, *rest, real=real):
                    out = real(t.iloc[:0], *(r[:0] for r in rest))  # (its answer's kinds, for no text)
                    if isinstance(out, np.ndarray):
                        return np.zeros(len(t), out.dtype)
                    return tuple(np.zeros(len(t), a.dtype) for a in out)

                m.setattr(zonetime, name, none_taken)
            # (digits alone, a date in ISO 8601's basic form such as 20241017, are read by the ISO 8601 pass only:
            # the value-by-value reading leaves numbers)
            refused = zonetime._first_pass_refused
            m.setattr(
                zonetime,
                "_first_pass_refused",
                lambda sub, naive: refused(sub, naive) | ~sub.str.fullmatch(r"\d+").to_numpy(bool),
            )
        return zonetime.to_ns(pd.Series(texts), span=span)


def _shown(ns: np.ndarray, codes: np.ndarray, i: int) -> str:
    return zonetime.beijing_iso(int(ns[i])) if codes[i] == zonetime.TIME_OK else f"code {int(codes[i])}"


def _assert_alike(texts: list[str], got: tuple[np.ndarray, np.ndarray], want: tuple[np.ndarray, np.ndarray]) -> None:
    differ = np.flatnonzero((got[0] != want[0]) | (got[1] != want[1]))
    assert not differ.size, [(texts[i], _shown(*got, i), _shown(*want, i)) for i in differ[:10]]


@pytest.fixture(scope="module")
def audited() -> tuple[list[str], tuple[np.ndarray, np.ndarray]]:
    texts = _texts()
    assert len(texts) > zonetime.PLAIN_ISO_ROWS  # (the compiled pass runs on the column)
    return texts, _read(texts, one_pass=False)


@pytest.mark.parametrize("compiled", [True, False])
def test_each_one_pass_reads_every_sample_and_its_neighbours_as_the_value_by_value_reading(audited, compiled):
    texts, slow = audited
    fast = _read(texts, one_pass=True, compiled=compiled)
    _assert_alike(texts, fast, slow)
    # (the samples are times, and most of their neighbours none: both are compared)
    assert 0.1 < np.mean(slow[1] == zonetime.TIME_OK) < 0.9


# what a random edit puts in a sample: each character the layouts use, and their words
_EDITS = [*"0123456789:  -/.TZ+,()[]年月日号时点分秒APMapmtz", "上午", "下午", "UTC", "GMT", "CST", "北京时间",
          "星期四", "Thu", "Oct", "m=+0.1", "０", "：", "（", "）"]  # fmt: skip


def _edited(seed: int, each: int) -> list[str]:
    """``each`` texts for every sample (the first three dates and times), one to three random edits away from it
    (a character or word put in, dropped or put for another)."""
    rng = np.random.default_rng(seed)
    texts = set()
    for sample in sorted({_filled(layout, when) for layout in _LAYOUTS for when in _WHEN[:3]}):
        for _ in range(each):
            text = sample
            for _ in range(int(rng.integers(1, 4))):
                i, edit = int(rng.integers(0, len(text) + 1)), _EDITS[int(rng.integers(0, len(_EDITS)))]
                text = (text[:i] + edit + text[i:], text[:i] + text[i + 1 :], text[:i] + edit + text[i + 1 :])[
                    int(rng.integers(0, 3))
                ]
            texts.add(text)
    return sorted(t for t in texts if t.strip())


@pytest.mark.parametrize("seed", [1, 2])
def test_each_one_pass_reads_random_edits_of_the_samples_as_the_value_by_value_reading(seed):
    """Seeded random edits reach texts the mechanical neighbours do not (edits of this kind found the texts of the
    tests below: to_ns raised on some, read others 8 hours off or with another status)."""
    texts = _edited(seed, 24)
    assert len(texts) > zonetime.PLAIN_ISO_ROWS
    slow = _read(texts, one_pass=False)
    _assert_alike(texts, _read(texts, one_pass=True), slow)
    _assert_alike(texts, _read(texts, one_pass=True, compiled=False), slow)


def test_the_one_passes_take_most_samples():
    """The comparison above compares the one passes' readings, not the slow reading with itself: they take most
    samples (each reader's own tests show which)."""
    texts = sorted({_filled(layout, when) for layout in _LAYOUTS for when in _WHEN[:3]})
    with pytest.MonkeyPatch.context() as m:
        called: list[int] = []
        real = zonetime._other_layouts
        m.setattr(zonetime, "_other_layouts", lambda t, e: (called.append(len(t)), real(t, e))[1])
        zonetime.to_ns(pd.Series(texts))
    assert sum(called) < len(texts) // 4, (sum(called), len(texts))


@pytest.mark.parametrize("one_pass", [False, True])
def test_a_text_s_reading_does_not_depend_on_the_texts_beside_it(audited, one_pass):
    """The column read in small chunks, shuffled (too few texts for the compiled pass), reads as read whole, value
    by value and with the one passes."""
    texts, whole = audited
    rng = np.random.default_rng(0)
    some = rng.choice(len(texts), size=3_000, replace=False)
    ns, codes = np.empty(some.size, np.int64), np.empty(some.size, np.uint8)
    for k in range(0, some.size, 97):
        ns[k : k + 97], codes[k : k + 97] = _read([texts[i] for i in some[k : k + 97]], one_pass=one_pass)
    _assert_alike([texts[i] for i in some], (ns, codes), (whole[0][some], whole[1][some]))


@pytest.fixture(scope="module")
def audited_strays(audited) -> tuple[np.ndarray, np.ndarray]:
    """The audited column read value by value with its strays marked (a date far from most of the column's)."""
    return _read(audited[0], one_pass=False, strays=True)


@pytest.mark.parametrize("compiled", [True, False])
def test_with_strays_marked_each_one_pass_reads_as_the_value_by_value_reading(audited, audited_strays, compiled):
    """The audit above leaves strays unmarked; marked, as a file job marks them, the readings agree too (a text one
    reading takes and the other refuses moves the column's span, and so which times are strays)."""
    texts, unmarked = audited
    _assert_alike(texts, _read(texts, one_pass=True, compiled=compiled, strays=True), audited_strays)
    stray = audited_strays[1] == zonetime.TIME_STRAY
    assert stray.any() and (unmarked[1][stray] == zonetime.TIME_OK).all()  # (strays were marked: usable times)


@pytest.mark.parametrize("one_pass", [False, True])
def test_with_strays_marked_chunks_read_as_the_whole_column(audited, audited_strays, one_pass):
    """The whole column shuffled, read in chunks of many sizes (some long enough for the compiled pass), each with
    the column's span, the sum of the chunks' own (:func:`avzone.zonetime.time_span`, as a file job reads one),
    marks the strays the whole column's reading marks."""
    texts = audited[0]
    rng = np.random.default_rng(1)
    order = rng.permutation(len(texts))
    cuts = [0]
    while cuts[-1] < len(texts):
        cuts.append(min(len(texts), cuts[-1] + int(rng.integers(50, 2_600))))
    chunks = [[texts[i] for i in order[a:b]] for a, b in itertools.pairwise(cuts)]
    with pytest.MonkeyPatch.context() as m:
        if not one_pass:
            m.setattr(zonetime, "PLAIN_ISO_ROWS", 10**12)
        spans = [zonetime.time_span(pd.Series(chunk)) for chunk in chunks]
    assert all(s is not None for s in spans)
    span = spans[0]
    for s in spans[1:]:
        span = span + s  # type: ignore[operator]
    ns, codes = np.empty(len(texts), np.int64), np.empty(len(texts), np.uint8)
    for (a, b), chunk in zip(itertools.pairwise(cuts), chunks, strict=True):
        ns[a:b], codes[a:b] = _read(chunk, one_pass=one_pass, strays=True, span=span)
    _assert_alike([texts[i] for i in order], (ns, codes), (audited_strays[0][order], audited_strays[1][order]))


def test_a_fraction_finer_than_microseconds_beside_a_text_does_not_change_its_reading():
    """A finer fraction the parser is given whole ("08:00:0.123456789": no seconds of two digits to cut it after)
    gave the value-by-value reading's column nanoseconds, and a year they cannot hold (224) read as no time beside it,
    out of range alone: ``北京时间 224-10-17 08:00``, read apart in one pass, disagreed with it."""
    finer = "2024-10-17 08:00:0.123456789 -0600 CST m=+0.000123"
    for text in ("224-10-17 08:00", "北京时间 224-10-17 08:00"):
        alone = zonetime._other_layouts(pd.Series([text], dtype=object), np.zeros(1, np.int64))
        beside = zonetime._other_layouts(pd.Series([text, finer], dtype=object), np.zeros(2, np.int64))
        assert [bool(alone[1][0]), bool(alone[2][0])] == [True, True]  # (out of range)
        assert [bool(beside[1][0]), bool(beside[2][0])] == [True, True], text
    texts = ["北京时间 224-10-17 08:00", finer]
    _assert_alike(texts, _read(texts, one_pass=True), _read(texts, one_pass=False))
    assert zonetime.to_ns(texts)[1].tolist() == [zonetime.TIME_RANGE, zonetime.TIME_INVALID]


@pytest.mark.parametrize(
    "text, beijing",
    [
        ("1900- 01-01 00:00", "1900-01-01T00:00:00+08:00"),
        ("2024- 02-2 23:59", "2024-02-02T23:59:00+08:00"),
        ("北京时间 1900-北京时间01-01 00:00", "1900-01-01T00:00:00+08:00"),
        ("北京时间 2024-北京时间02-2 23:59", "2024-02-02T23:59:00+08:00"),
        ("00:00:00 +0800 2024-03-19", "2024-03-19T00:00:00+08:00"),  # (a zone inside that is one)
        ("08:00 -05 2024-03-19", "2024-03-19T21:00:00+08:00"),
    ],
)
def test_a_zone_seen_inside_a_text_that_the_parser_does_not_read_is_none(text, beijing):
    """The " 01-01" of "1900- 01-01 00:00" looked like an hour and the offset -01 after it, but the parser read a
    date and no zone: the text, naive, was read as UTC, 8 hours late (and Beijing time named before it, rewritten
    without the name for the one pass, read so too, while the value-by-value reading, the name as +08:00, read it as
    Beijing time)."""
    texts = [text]
    _assert_alike(texts, _read(texts, one_pass=True), _read(texts, one_pass=False))
    ns, codes = zonetime.to_ns(texts)
    assert codes.tolist() == [zonetime.TIME_OK]
    assert zonetime.beijing_iso(int(ns[0])) == beijing


@pytest.mark.parametrize("text", ["-2024-02-29 23:59+0800[PRC]", "0000-02-29 23:59+08:00[Asia/Shanghai]"])
def test_a_zone_in_brackets_after_a_year_python_cannot_hold_is_out_of_range(text):
    """The zone in brackets was looked up for the wall clock, which Python's datetime cannot hold in year 0 or
    before: a ValueError out of to_ns. Out of range, as the same text without the zone."""
    for one in (text, re.sub(r"\[.*\]$", "", text)):
        codes = zonetime.to_ns([one])[1]
        assert codes.tolist() == [zonetime.TIME_RANGE], one


@pytest.mark.parametrize(
    "text", ["0001-01-01 00:00+0800[PRC]", "0001-01-01 00:00+08:00[Asia/Shanghai]", "9999-12-31 23:59-0800[PRC]"]
)
def test_a_zone_in_brackets_whose_offset_moves_the_clock_out_of_python_s_years_is_out_of_range(text):
    """The wall clock less its offset (year 0, year 10000) raised an OverflowError out of to_ns."""
    for one in (text, re.sub(r"\[.*\]$", "", text)):
        assert zonetime.to_ns([one])[1].tolist() == [zonetime.TIME_RANGE], one


@pytest.mark.parametrize(
    "text, code",
    [
        ("2024星期四-02-29 23:59:59 北京时间", zonetime.TIME_INVALID),
        ("190-01-01 00:0T0:00 北京时间", zonetime.TIME_INVALID),  # (a clock written short: no time in any year)
        ("190-01-01 00:00 北京时间", zonetime.TIME_RANGE),
        ("北京时间 2024-10-17 08:00", zonetime.TIME_OK),
    ],
)
def test_beijing_time_named_is_read_value_by_value_as_written_where_no_one_pass_takes_it(text, code):
    """Beijing time named after a clock was read without a zone (the name left out), as the one passes read such a
    text; but a text none of them takes was then read value by value without a zone too, where the value-by-value
    reading reads it with +08:00 for the name, at times otherwise ("2024星期四-02-29 23:59:59" is a time to the
    parser, with +08:00 after it none)."""
    texts = [text]
    _assert_alike(texts, _read(texts, one_pass=True), _read(texts, one_pass=False))
    assert zonetime.to_ns(texts)[1].tolist() == [code]


@pytest.mark.parametrize(
    "beside", [["2024-10-17 08:00:0.123456789"], ["2024-10-17T08:0:00.123456789Z"], ["Oct 17 2024 08:00:0.1234567"]]
)
def test_a_fraction_finer_than_microseconds_the_cut_leaves_is_read_as_alone(beside):
    """Whether the parser gives the column nanoseconds for such a fraction depends on how it reads the text (its
    own reader keeps nanoseconds, dateutil's microseconds), so texts with one, set apart together, still changed
    each other's readings: year 24 beside one was no time, alone out of range. Each is parsed alone. (Its clock,
    08:0, is written short: no time, whatever its year, since a short clock is refused in every year.)"""
    text = "024-10-17T08:0:00.12356789Z"
    alone = zonetime._other_layouts(pd.Series([text], dtype=object), np.zeros(1, np.int64))
    both = zonetime._other_layouts(pd.Series([text, *beside], dtype=object), np.zeros(2, np.int64))
    assert [bool(alone[1][0]), bool(alone[2][0])] == [bool(both[1][0]), bool(both[2][0])] == [False, False]

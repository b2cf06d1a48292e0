"""A zone in brackets (Java's ZonedDateTime, RFC 9557: ``2024-10-17T08:00:00+08:00[Asia/Shanghai]``,
``2024-10-17T00:00:00Z[UTC]``, ``2024-07-01T08:00:00[Asia/Shanghai]``) is read in one pass, and a zone's abbreviation
after the clock (``2024-10-17 08:00:00 CST``, Java's ``Thu Oct 17 08:00:00 CST 2024``) refused in one pass, as the
value-by-value reading reads and refuses them: the same instants, the same statuses, for every text of those layouts
and their neighbours."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
from common import assert_one_pass_reads_alike

from avzone import zonetime

_YEARS = [1899, 1900, 1901, 1919, 1940, 1986, 1991, 1992, 2024, 2037, 2038, 2189, 2190, 2261, 2262]
_OFFSETS = ["", "+08:00", "+0800", "Z", "z", "+08:06", "+08:05:43", "+09:00", "-05:00", "+00:00", "+08", "+08:00:00"]
_ZONES = [
    "Asia/Shanghai", "UTC", "Etc/UTC", "Europe/London", "asia/shanghai", "!Asia/Shanghai",
    "Asia/Shanghai][u-ca=iso8601", "Mars/Base", "America/Chicago", "Asia/Chongqing", "!u-ca=japanese", "",
]  # fmt: skip
_ABBREVIATIONS = [
    "CST",
    "EST",
    "PDT",
    "IST",
    "JST",
    "HKT",
    "AEST",
    "MSK",
    "UTC",
    "GMT",
    "cst",
    "Cst",
    "XYZ",
    "CST+0800",
]


def _clock(rng: random.Random, good: bool = False) -> str:
    if good:  # (an hour, minutes and seconds a clock has)
        h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    else:
        h, mi, s = rng.choice([0, 8, 16, 23, 23, 24, 25]), rng.choice([0, 30, 59, 59, 60]), rng.choice([0, 5, 59, 60])
    t = f"{h:02d}:{mi:02d}"
    if rng.random() < 0.7:
        t += f":{s:02d}"
        if rng.random() < 0.4:
            t += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9 if good else 10)))
    return t


def _date(rng: random.Random, years: list[int]) -> str:
    mo, d = rng.choice([1, 2, 2, 6, 7, 9, 10, 12, 0, 13]), rng.choice([1, 17, 28, 29, 30, 31, 0, 32])
    return f"{rng.choice(years)}-{mo:02d}-{d:02d}"


def _bracketed() -> list[str]:
    edge = [
        "2024-10-17T08:00:00+08:00[Asia/Shanghai]", "2024-10-17T08:00:00.123456789+08:00[Asia/Shanghai]",
        "2024-10-17T00:00:00Z[UTC]", "2024-10-17T00:00:00Z[Etc/UTC]", "2024-07-01T08:00:00[Asia/Shanghai]",
        "2024-07-01T08:00[UTC]", "2024-10-17 08:00+0800[Asia/Shanghai]", "2024-10-17T08:00:00+08:00[UTC]",
        "1991-07-01T08:00:00+08:00[Asia/Shanghai]", "1991-07-01T08:00:00[Asia/Shanghai]",
        "1900-01-01T08:00:00+08:06[Asia/Shanghai]", "1900-01-01T08:00:00+08:00[Asia/Shanghai]",
        "1900-01-01T08:00:00[Asia/Shanghai]", "2189-12-31T23:59:59.999999999+08:00[Asia/Shanghai]",
        "2190-01-01T00:00:00+08:00[Asia/Shanghai]", "2189-12-31T16:00:00Z[UTC]", "1899-12-31T16:00:00Z[UTC]",
        "2024-02-30T08:00:00+08:00[Asia/Shanghai]", "2024-10-17T24:00:00+08:00[Asia/Shanghai]",
        "2024-12-31T23:59:60+08:00[Asia/Shanghai]", "2024-10-17T08:00:00,5+08:00[Asia/Shanghai]",
        "2024-10-17T08:00:00+08:00[Asia/Shanghai][u-ca=iso8601]", "2024-10-17T08:00:00+08:00[!Asia/Shanghai]",
        "2024-10-17T08:00:00Z[Europe/London]", "2024-10-17T08:00:00Z[!Mars/Base]", "2024-10-17t08:00:00Z[UTC]",
        "2024-10-17T08:00:00.1234567890+08:00[Asia/Shanghai]", "2024-10-17T08:00:00+08:00[Asia/Shanghai",
        # (beside them, texts the ISO 8601 reader gives a coarser unit than nanoseconds: their years stay theirs)
        "2500-01-01T08:00:00", "1500-06-01", "2024-10-17T08:00:00+08:00",
    ]  # fmt: skip
    rng = random.Random(20241017)
    made = []
    for _ in range(500):
        taken = rng.random() < 0.6  # (mostly the layouts taken, with their neighbours' dates, clocks and years)
        offset = rng.choice(["", "+08:00", "+0800", "Z"] if taken else _OFFSETS)
        zone = rng.choice(["Asia/Shanghai", "UTC", "Etc/UTC"] if taken else _ZONES)
        if taken and offset.startswith("+"):
            zone = "Asia/Shanghai"
        years = [1992, 2000, 2024, 2100, 2189] if taken and rng.random() < 0.8 else _YEARS
        date = _date(rng, years) if not taken or rng.random() < 0.3 else f"{rng.choice(years)}-10-17"
        clock = _clock(rng, taken and rng.random() < 0.8)
        made.append(f"{date}{rng.choice(['T', 'T', ' '])}{clock}{offset}[{zone}]")
    return edge + made


def _abbreviated() -> list[str]:
    edge = [
        "2024-10-17 08:00:00 CST", "2024/10/17 08:00 EST", "2024-10-17T08:00:00.123 PDT",
        "Thu Oct 17 08:00:00 CST 2024",
        "Fri Oct 17 08:00:00 CST 2024", "Oct 17 08:00:00 CST 2024", "2024-13-45 25:61 CST", "2024-10-17 08:00:00 UTC",
        "2024-10-17 08:00:00 cst", "2024-10-17 08:00:00 CST+0800", "2024-10-17 08:00:00 +0800 CST",
        "2024-10-17 08:00:00CST", "2024年10月17日 08:00 CST", "2024-10-17 08:00:00 CST 2024",
        "Thu Oct 17 08:00:00 +0800 2024", "Thu Oct 17 08:00:00 GMT 2024", "Thu Oct 17 08:00:00 CST 24",
        "2024-10-17 24:00 CST", "2024-10-17 23:59:60 CST", "Thursday Oct 17 08:00:00 CST 2024",
        "thu oct 17 08:00:00 CST 2024", "2024-10-17 08:00 AM CST", "2024-10-17 08:00:00 CEST", "2024-10-17 CST",
    ]  # fmt: skip
    rng = random.Random(20241018)
    made = []
    for _ in range(400):
        name = rng.choice(_ABBREVIATIONS[:8] if rng.random() < 0.7 else _ABBREVIATIONS)
        if rng.random() < 0.5:
            sep = rng.choice(["-", "/", "-", "."])
            date = _date(rng, _YEARS).replace("-", sep)
            made.append(f"{date}{rng.choice([' ', 'T'])}{_clock(rng)}{rng.choice([' ', ' ', ''])}{name}")
        elif rng.random() < 0.6:  # (as Java's Date and the Unix date write it)
            wd = rng.choice(["Thu ", "Fri ", "", "Tues ", "THU "])
            mon = rng.choice(["Oct", "Feb", "oct", "Sept", "October"])
            made.append(f"{wd}{mon} {rng.choice([1, 17, 29, 30, 32])} {_clock(rng)} {name} {rng.choice(_YEARS)}")
        else:  # (as e-mail writes it)
            wd = rng.choice(["Thu, ", "Fri, ", "", "Thu ", "Thurs, "])
            mon = rng.choice(["Oct", "Feb", "OCT", "Sept"])
            made.append(f"{wd}{rng.choice([1, 17, 29, 30, 32])} {mon} {rng.choice(_YEARS)} {_clock(rng)} {name}")
    return edge + made


def test_one_pass_reads_a_zone_in_brackets_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _bracketed()
    taken = zonetime._bracket_zones_ns(pd.Series(texts))[1]
    assert_one_pass_reads_alike(texts, "_bracket_zones_ns", taken, monkeypatch)


def test_one_pass_refuses_a_zone_s_abbreviation_as_the_texts_are_refused_one_by_one(monkeypatch):
    texts = _abbreviated()
    taken = zonetime._abbreviated_zones(pd.Series(texts))
    assert_one_pass_reads_alike(texts, "_abbreviated_zones", taken, monkeypatch)


def test_the_one_pass_takes_the_zones_in_brackets_and_leaves_the_others():
    texts = [
        "2024-10-17T08:00:00+08:00[Asia/Shanghai]", "2024-10-17T08:00:00.5+0800[Asia/Shanghai]",
        "2024-10-17 08:00[Asia/Shanghai]", "2024-10-17T00:00:00Z[UTC]", "2024-10-17T00:00Z[Asia/Shanghai]",
        "2024-10-17T00:00:00[Etc/UTC]",
        "2024-10-17T08:00:00+08:00[UTC]", "1991-07-01T08:00:00+08:00[Asia/Shanghai]",
        "1900-01-01T08:00:00+08:06[Asia/Shanghai]", "2024-10-17T08:00:00+08:00[Asia/Shanghai][u-ca=iso8601]",
        "2024-10-17T08:00:00+09:00[Asia/Tokyo]", "2024-02-30T08:00:00+08:00[Asia/Shanghai]",
        "2024-10-17T24:00:00+08:00[Asia/Shanghai]",
    ]  # fmt: skip
    ns, ok = zonetime._bracket_zones_ns(pd.Series(texts))
    assert ok.tolist() == [True] * 6 + [False] * 7, ok
    want = ["2024-10-17T00:00", "2024-10-17T00:00:00.5", "2024-10-17T00:00", "2024-10-17T00:00", "2024-10-17T00:00",
            "2024-10-17T00:00"]  # fmt: skip
    assert np.array_equal(ns[:6], np.array(want, dtype="datetime64[ns]"))


def test_a_zone_s_abbreviation_is_refused_with_its_reason():
    texts = ["2024-10-17 08:00:00 CST", "Thu Oct 17 08:00:00 CST 2024", "2024/10/17 08:00 EST",
             "Thu, 17 Oct 2024 08:00:00 CDT"]  # fmt: skip
    assert zonetime._abbreviated_zones(pd.Series(texts)).all()
    codes = zonetime.to_ns(pd.Series(texts))[1]
    assert codes.tolist() == [zonetime.TIME_INVALID] * 4
    for text in texts:
        why = zonetime.time_why(text)
        assert why is not None and why.key == "time_zone_abbreviation", text
    # written in Chinese, CST is China Standard Time; with an offset, the offset says the time
    ns, codes = zonetime.to_ns(pd.Series(["2024年10月17日 08:00 CST", "2024-10-17 08:00:00 CST+0800"]))
    assert codes.tolist() == [0, 0] and ns[0] == ns[1]


def test_a_zone_in_brackets_leaves_the_years_of_the_texts_beside_it():
    """The instants read in one pass are nanoseconds; a column's other texts may have been read in a coarser unit
    (2500 does not fit in nanoseconds): put together, 2500-01-01 wrapped round to another century, a stray."""
    texts = ["2500-01-01T08:00:00", "2024-10-17T08:00:00+08:00[Asia/Shanghai]", "1500-06-01", "2024-10-17"]
    ns, codes = zonetime.to_ns(pd.Series(texts))
    assert codes.tolist() == [zonetime.TIME_RANGE, 0, zonetime.TIME_RANGE, 0]
    assert ns[1] == ns[3] + 8 * 3600 * 10**9


_GO_OFFSETS = ["+0800", "-0600", "-0500", "+0000", "-0000", "+0530", "+0900", "-0400", "+1500", "+08:00", "+08",
               "-1300", "+0860", "+0100"]  # fmt: skip
_GO_NAMES = ["CST", "CST", "EST", "UTC", "GMT", "IST", "JST", "PST", "BST", "XYZ", "cst", "+08", "MON", "PM", "Z",
             "CHINA"]  # fmt: skip
_GO_AGREE = [("+0800", "CST"), ("-0600", "CST"), ("-0500", "CST"), ("+0000", "UTC"), ("-0500", "EST"),
             ("+0530", "IST"), ("+0900", "JST"), ("-0800", "PST"), ("+0100", "BST")]  # fmt: skip


def _go_times() -> list[str]:
    """Go's time.Time.String() (2024-10-17 08:00:00 +0800 CST m=+0.000123) and its neighbours: no offset, offsets
    that cannot be or that the abbreviation is never at, other and unknown abbreviations, the monotonic clock,
    fractions, impossible dates and clocks."""
    edge = [
        "2024-10-17 08:00:00 +0800 CST", "2024-10-17 08:00:00 +0800 CST m=+0.000123456",
        "2024-10-17 08:00:00.123456789 +0800 CST", "2024-10-17 08:00:00.5 -0600 CST", "2024-10-17 08:00:00 +0000 UTC",
        "2024-10-17 08:00:00 +0800 EST", "2024-10-17 08:00:00 -0600 JST", "2024-10-17 08:00:00 +0800 UTC",
        "2024-10-17 08:00:00 CST", "2024-10-17 08:00:00 +0800", "2024-10-17 08:00:00 +0800 +08",
        "2024-10-17 08:00:00 +0800 XYZ", "2024-10-17 08:00:00 +0800 cst", "2024-10-17 24:00:00 +0800 CST",
        "2024-12-31 23:59:60 +0800 CST", "2024-02-30 08:00:00 +0800 CST", "2024-10-17 08:00:00.1234567890 +0800 CST",
        "2024-10-17 08:00:00 +0800 CST m=+0.000123 m=+1", "2024-10-17T08:00:00 +0800 CST",
        "2189-12-31 23:59:59 +0800 CST",
        "2190-01-01 00:00:00 +0800 CST", "1899-12-31 23:59:59 +0800 CST", "1900-01-01 00:00:00 +0800 CST",
        "2024-10-17 08:00 +0800 CST", "2024-10-17 08:00:00 +1500 CST", "2024-10-17 08:00:00 -0000 UTC",
    ]  # fmt: skip
    rng = random.Random(20241020)
    made = []
    for _ in range(600):
        agree = rng.random() < 0.6
        offset, name = rng.choice(_GO_AGREE) if agree else (rng.choice(_GO_OFFSETS), rng.choice(_GO_NAMES))
        years = [1992, 2000, 2024, 2100] if agree and rng.random() < 0.8 else [*_YEARS, 1677, 1678]
        date = _date(rng, years) if not agree or rng.random() < 0.3 else f"{rng.choice(years)}-10-17"
        clock = _clock(rng, agree and rng.random() < 0.8)
        monotonic = rng.choice(["", "", " m=+0.000123456", " m=-1.5", " m=+12", "  m=+0.1", " m=+0.1x", " m=0.5"])
        monotonic = monotonic if not agree or rng.random() < 0.5 else rng.choice(["", " m=+0.000123456"])
        if agree and rng.random() < 0.9:  # (mostly as Go writes it)
            made.append(f"{date} {clock} {offset} {name}{monotonic}")
        else:
            made.append(f"{date}{rng.choice([' ', 'T'])}{clock} {offset}{rng.choice([' ', ''])}{name}{monotonic}")
    return edge + made


def test_one_pass_reads_go_s_layout_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _go_times()
    taken = zonetime._go_times_ns(pd.Series(texts))[1]
    assert_one_pass_reads_alike(texts, "_go_times_ns", taken, monkeypatch)


def test_the_one_pass_takes_go_s_layout_where_the_abbreviation_may_be_at_the_offset():
    texts = [
        "2024-10-17 08:00:00 +0800 CST", "2024-10-17 08:00:00.25 +0800 CST m=+0.000123456",
        "2024-10-16 18:00:00 -0600 CST", "2024-10-17 00:00:00 +0000 UTC", "2024-10-16 19:00:00 -0500 EST",
        "2024-10-17 08:00:00 +0800 EST", "2024-10-17 08:00:00 +0800 UTC", "2024-10-17 08:00:00 +0800 XYZ",
        "2024-10-17 08:00:00 +0800 +06", "2024-10-17 24:00:00 +0800 CST",
    ]  # fmt: skip
    ns, ok, offset = zonetime._go_times_ns(pd.Series(texts))
    assert ok.tolist() == [True] * 5 + [False] * 5, ok
    instants = (ns[:5].astype(np.int64) - offset[:5]).tolist()
    want = ["2024-10-17T00:00", "2024-10-17T00:00:00.25", "2024-10-17T00:00", "2024-10-17T00:00", "2024-10-17T00:00"]
    assert instants == np.array(want, dtype="datetime64[ns]").astype(np.int64).tolist()
    codes = zonetime.to_ns(pd.Series(texts))[1]
    # (read value by value: an abbreviation not known left out, 24:00 the next day's midnight; Go's +06 for a zone
    # without an abbreviation, another offset than +0800, refused)
    assert codes.tolist() == [0] * 5 + [zonetime.TIME_INVALID] * 2 + [0, zonetime.TIME_INVALID, 0]
    why = zonetime.time_why("2024-10-17 08:00:00 +0800 EST")
    assert why is not None and "EST" in why.text("en"), why


def _other_names() -> list[str]:
    """Asia/Shanghai's other names in brackets (PRC, Asia/Chongqing, Asia/Chungking, Asia/Harbin) and their
    neighbours: zones at +08:00 today that are not Shanghai (Asia/Urumqi is +06:00; Asia/Hong_Kong, Asia/Taipei),
    the names in another case, the years of Shanghai's summer time, other offsets."""
    edge = [
        "2024-10-17T08:00:00+08:00[PRC]", "2024-10-17T08:00:00+08:00[Asia/Chongqing]", "2024-10-17T08:00[Asia/Harbin]",
        "2024-10-17T00:00:00Z[Asia/Chungking]", "1991-07-01T08:00:00+08:00[Asia/Harbin]", "1991-07-01T08:00:00[PRC]",
        "1985-07-01T08:00:00+08:00[Asia/Chongqing]", "1979-07-01T08:00:00+08:00[Asia/Harbin]",
        "2024-10-17T08:00:00+08:00[Asia/Urumqi]", "2024-10-17T08:00:00+06:00[Asia/Urumqi]",
        "2024-10-17T08:00:00[Asia/Urumqi]", "2024-10-17T08:00:00+08:00[Asia/Hong_Kong]",
        "2024-10-17T08:00:00+08:00[prc]", "2024-10-17T08:00:00+08:00[Asia/Kashgar]",
    ]  # fmt: skip
    rng = random.Random(20241021)
    names = ["PRC", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin"]
    others = ["Asia/Urumqi", "Asia/Kashgar", "Asia/Hong_Kong", "Asia/Taipei", "prc", "Asia/chongqing", "ROC"]
    made = []
    for _ in range(500):
        taken = rng.random() < 0.6
        offset = rng.choice(["", "+08:00", "+0800", "Z"] if taken else _OFFSETS)
        zone = rng.choice(names if taken or rng.random() < 0.5 else others)
        years = [1992, 2000, 2024, 2100, 2189] if taken and rng.random() < 0.8 else _YEARS
        date = _date(rng, years) if not taken or rng.random() < 0.3 else f"{rng.choice(years)}-10-17"
        clock = _clock(rng, taken and rng.random() < 0.8)
        made.append(f"{date}{rng.choice(['T', 'T', ' '])}{clock}{offset}[{zone}]")
    return edge + made


def test_one_pass_reads_shanghai_s_other_names_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _other_names()
    taken = zonetime._bracket_zones_ns(pd.Series(texts))[1]
    assert taken[:4].all() and not taken[4:14].any(), taken[:14]
    assert_one_pass_reads_alike(texts, "_bracket_zones_ns", taken, monkeypatch)


def test_shanghai_s_other_names_are_at_its_offsets_in_the_years_the_one_pass_takes():
    """The installed tzdata gives each name the one pass takes as Asia/Shanghai's the same offsets, at noon and at
    midnight UTC of every day of the years it takes them (the value-by-value reading looks each one up)."""
    import zoneinfo

    first, last = zonetime._SHANGHAI_YEARS
    days = np.arange(np.datetime64(f"{first}-01-01"), np.datetime64(f"{last + 1}-01-01"), np.timedelta64(12, "h"))
    instants = [dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(hours=int(h))
                for h in days.astype("datetime64[h]").astype(np.int64)]  # fmt: skip
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    assert {t.astimezone(shanghai).utcoffset() for t in instants} == {dt.timedelta(hours=8)}
    for name in zonetime._SHANGHAI_NAMES:
        zone = zoneinfo.ZoneInfo(name)
        assert all(t.astimezone(zone).utcoffset() == dt.timedelta(hours=8) for t in instants), name
    assert zoneinfo.ZoneInfo("Asia/Urumqi").utcoffset(dt.datetime(2024, 10, 17)) == dt.timedelta(hours=6)

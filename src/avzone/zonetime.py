"""Zones in time: which zone stage was in force at a given date and time.

The zone is a sequence of stages. Each zone layer of the manifest may carry
``valid_from`` and ``valid_to`` (ISO dates): the layer is *in force* from
00:00 Beijing time on ``valid_from`` until 00:00 Beijing time on
``valid_to`` (exclusive: the day the next stage took over), or open-ended
when ``valid_to`` is null. The zone layers with a ``valid_from`` form the
lineage of the zone in force (in Beijing: core -> current -> planned); a
layer with a null ``valid_from`` (the outlook, a plan) has never been in
force and is never answered as such. The ``timeline`` check verifies that
successive stages leave no gap and do not overlap; where they overlap all
the same, the stage that began last of those in force at a time is the one
in force then (:func:`stage_index`).

Times
-----
Per-point times may be numpy ``datetime64``, pandas datetimes (with or
without a time zone), Python ``datetime``/``date`` objects, pandas
Periods of a day or less (their start: a stage is in force all through
them; a longer one is no time, nor is one across midnight, ``6h`` from
23:00) or ISO 8601 strings, and other layouts: Chinese dates and times
(``2024年3月19日 08:00``; full-width forms as their ASCII ones, ``08：00``; a weekday,
``星期二`` / ``周二``, checked against the date as an English one is;
上午/下午 for AM/PM, ``2024/3/19 下午 3:00:00``, as Excel writes them in a
Chinese locale; the other parts of the day putting the hour where they say,
``凌晨1点`` 01:00, ``中午1点`` 13:00, ``晚上11点`` 23:00, ``晚上12点`` (also
``半夜12点``, ``午夜12点``, ``午夜``) 24:00, the midnight that ends the date; an
hour outside its part, ``晚上3点``, a time at or past that midnight, ``晚上12点半``,
``半夜1点`` (of which day?), and ``半夜`` or ``中午`` without an hour being no
time; 北京时间 / 中国标准时间, CST in a text written in
Chinese and BJT in any text (in capitals), as UTC+08:00, beside an offset that agrees too
(``北京时间 2024-10-17 08:00 (UTC+8)``; beside another,
``(UTC+9)``, no time), while a zone's abbreviation in an English text,
where CST may be US Central time, is not a time, nor is one not in capitals, ``cst``, in any text) and web
servers' access
logs (``[19/Mar/2024:08:00:00 +0800]``); ISO 8601's week and ordinal
dates are the day they name (``2024-W12-2``, ``2024-079``). With AM/PM the hour is 1 to 12,
``12:30 AM`` being 00:30: ``0:30 PM`` and ``13:00 PM`` are not times. AM/PM is read right after the
time of day, before its zone (``8:00 PM +08:00``); after the zone (``08:00 +08:00 pm``, ``08:00Z PM``), where no
layout writes it, it is no time, the reason saying where it goes (:data:`_HALF_DAY_AFTER_ZONE`).
``24:00`` (ISO 8601's end of a day) is 00:00 the next day, a leap second
(``23:59:60``) the last nanosecond of its minute (a fraction written after
it left out), after every time of that minute and before the next. A
fraction of a second is read to the nanosecond in every layout, digits
past it cut, as ``pandas.to_datetime`` and numpy's ``datetime64[ns]`` cut
them (``08:00:00.9999999999`` is 08:00:00.999999999, never 08:00:01).
**Naive times (no time zone or offset)
are Beijing time** (UTC+08:00, China Standard Time; China has kept no
daylight saving time since 1991); times with a zone or an offset are
converted (``UTC`` and ``GMT`` in any case: ``utc``; RFC 5322's ``UT`` is UTC too, in any case: ``ut``;
before an offset too, ``UT+8`` and ``UT +0800`` as ``UTC+8`` and ``UTC +0800``). ``GMT+8``,
``UTC+0800`` and ``GMT+08:00`` are UTC+08:00 (hours
east of Greenwich, as JavaScript's ``Date`` writes them, a zone's name in
brackets after them left out, as is one after any offset: Go's ``+0800
CST``, Java's ``+08:00[Asia/Shanghai]``; so are they in brackets after the clock,
``08:00 (UTC+8)``, ``（GMT+08:00）``, as ``(UTC)``, ``(GMT)``, ``(Z)`` and ``(+08:00)`` are the zone without the
brackets and a zone's long name at one offset, ``(China Standard Time)``, that offset, and Go's ``+0600 +06``
for a zone without an abbreviation, the offset written again, ``+0530 +0530``, while ``+0800 +06``, ``+0900
(UTC+8)``, ``+0800 (UTC)``, ``Z (UTC+8)`` and ``+0800 (Z)`` say two offsets, no time; a zone in brackets at
another offset at that instant, ``+08:00[Europe/London]`` in July, or a critical tag not
understood, ``[!u-ca=japanese]``, is no time: RFC 9557; so is an
abbreviation never at the offset before it, ``+0800 EST``, and a word after an offset that is no zone's
(``+0800 west``, ``+0800 foo``: :func:`_word_after_offset`), or before a zone (``west +0800``, ``foo UTC``); a zone in
brackets with no offset, ``2024-07-01T08:00:00[Asia/Shanghai]``, is read
at its offset at that time, and refused when unknown or when its clocks
skip or repeat that time; a time with a zone or an offset is that instant
whatever the offset, to the second: tzdata's Asia/Shanghai was +08:05:43,
Shanghai's local mean time, before 1901, so ``1900-01-01T08:00:00+08:05:43``
(an offset to the second after the time of day, ``+080543`` too, at the
end or before tags in brackets: Python's ``isoformat``, pandas' ``to_csv``,
Java), ``1900-01-01T08:00:00[Asia/Shanghai]`` and a pandas or Python time
in that zone are 1900-01-01 07:54:17 Beijing time, and so is
``+08:06[Asia/Shanghai]``, the zone's offset rounded to the minute as
JavaScript's Temporal writes it, while ``+08:00[Asia/Shanghai]`` then says
two instants), as is ``+8`` and an offset after
a zone's abbreviation that may be at that offset (``CST+0800``; ``EST +0800``, ``PDT -0800`` and ``UTC GMT+8``
are two zones, no time; ``UTC +08:00`` is UTC+08:00 written with a space), wherever the year or numeric date is
(``12:16:03 UTC-0400 2024-03-19``; a named offset before other words of
the date, ``12:16:03 UTC-0400 Mar 19 2024``, is not a time). A text
holding two times of day (``16:00:00 08:00``: a ``+`` sent unencoded in a
URL query) is not a time, nor is one ending with a mark of punctuation (``+0800.``, ``08:00;``, ``08:00 ,``,
``08:00。``: a sentence's end is never left out unread; the dots of ``p.m.`` and a decimal mark after the seconds,
``08:00:00.``, aside), nor one holding two zones (``08:00 +0800
-0400``) or the same offset twice (``08:00 +08:00 +08:00``; Go's ``+0800 +0800`` aside), an offset whose
minutes cannot be (``+08:61``) or that no zone has (east of +14:00 or west of -12:00, the UTC offsets in use:
``+24:00``, ``-19``, ``+14:30``), the minus sign U+2212 or another dash (``−08:00``,
``2024–10–17``: read as a sign or hyphen nowhere, as in numbers,
:func:`avzone.points.dash_why`; the full-width ``＋`` and ``－`` and the small
``﹢`` and ``﹣`` are ``+`` and ``-``), one written short (``+08:0``, ``+08:5``) or with three digits
(``+130``: +01:30 or +13:00?) or after a decimal
mark without its digits (``08:00:00.Z``) or a weekday that is not its date's (``Mon Mar 19 08:00:00
2024``; its three letters, its whole name, ``Tues``, ``Weds``, ``Thur``, ``Thurs`` as logs write them, or its
two letters starting a text, ``Tu``, ``Th``, ``Sa``), nor is one holding two dates (``2024-10-17/2024-10-19``) or a
number no part of its date and time can be (``5 Oct 17 2024``; beside a month's name, one that is no day of that
month before a two-digit year, ``Oct 32 24``, which the parser read as 2032-10-24: ``Oct 17 24`` is 2024-10-17) or four
digits after a date that may be a year (``2024-10-17 2023``: 1900 to 2359
after a space; ``2024-10-17 0800`` and ``2024-10-17T2023`` are times), nor is
a numeric date that reads two ways (``04/03/2024``, a
two-digit year), nor is a time without its date (``08:00:00``, ``8:00
AM``, ``T08:00``, ``Jun 30``, a year without its month and day: ``08:00
2024``, ``08:00 June 2024``), nor a month or year without its day
(``2024-06``, ``June 2024``: the zone in force may change within it) or a
word (``now``, ``today``): a time never takes the day it is read on.
Texts in common layouts are read in one pass each (ISO 8601, the plainest
Chinese ones, ``20241017080000``, English month names, an offset in brackets after the clock, Go's ``2024-10-17
08:00:00 +0800 CST`` and ``+0600 +06``, a zone in brackets at Beijing's offset or UTC's, ``+08:00[Asia/Shanghai]``
(or ``[PRC]``, ``[Asia/Chongqing]``: tzdata's other names of it), ``Z[UTC]``...; a zone's
abbreviation after the clock, ``2024-10-17 08:00:00 CST``, refused so), the
rest value by value, once per distinct text: both read a text alike. From
:data:`PLAIN_ISO_ROWS` texts on, the plainest of them (ISO 8601, the
plainest Chinese date and clock with or without the day of the week, a
half day's mark, a day and month with the year last, 12 or 14 digits, a
zone in brackets, ``UTC`` or ``GMT`` after the clock, English month names
with or without the day of the week and ``Z``, ``UTC``, ``GMT`` or an offset
after their clock) are read first in one compiled pass over the text's
bytes (:mod:`avzone._isotime`),
and from :data:`DISTINCT_ROWS` on a column that repeats texts has each
distinct text read once.
Inside, every time is an ``int64`` count of nanoseconds since 1970-01-01
UTC.

Numbers (Unix epoch times) are times only with their unit given
(``unit="s"``, ``"ms"``, ``"us"`` or ``"ns"``; the ``time_unit`` option and
``--time-unit`` of the callers): a count of that unit since
1970-01-01T00:00:00 **UTC** (an epoch time is not Beijing time). Without a
unit a number is refused with :data:`TIME_NUMBER`, as its unit cannot be
told from its value. Numbers written as text are read exactly from their
digits; dates written YYYYMMDD given with a unit (``20241017`` as seconds:
1970-08-23) are refused naming the column and saying to leave out the unit
(:func:`_check_basic_dates`); float32 numbers are refused (at today's epoch seconds a float32
steps by 128 s: store int64 or float64).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import decimal
import math
import numbers
import re
import sys
import time
import unicodedata
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from avzone import points as _points
from avzone.errors import InputError
from avzone.i18n import Joined, Message, Named, Option, Quoted
from avzone.points import ASCII_FORMS, dash_why

if TYPE_CHECKING:
    from avzone.model import Model

#: Beijing time's offset from UTC, nanoseconds.
BEIJING_OFFSET_NS = 8 * 3600 * 10**9
BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
#: The time zone of the times avzone writes: Beijing time as the fixed offset it reads naive times in
#: (tzdata's Asia/Shanghai would show the summers of 1986-1991 as +09:00 and the years before 1901 as +08:05:43).
BEIJING_TZ = "+08:00"
#: Time codes: the time is usable, missing, not a date/time, outside the years nanoseconds can hold, a
#: number given without its unit, or a time far from its column's others (:func:`mark_strays`).
TIME_OK, TIME_MISSING, TIME_INVALID, TIME_RANGE, TIME_NUMBER, TIME_STRAY = 0, 1, 2, 3, 4, 5
TIME_TEXT = {
    TIME_OK: "ok",
    TIME_MISSING: _points.TIME_LABELS[_points.TIME_MISSING],
    TIME_INVALID: _points.TIME_LABELS[_points.TIME_INVALID],
    TIME_RANGE: _points.TIME_LABELS[_points.TIME_RANGE],
    TIME_NUMBER: _points.TIME_LABELS[_points.TIME_NUMBER],
    TIME_STRAY: _points.TIME_LABELS[_points.TIME_STRAY],
}
#: The catalogue keys of TIME_TEXT (avzone.i18n), for an error in either language; the row statuses stay TIME_TEXT
#: (the keys of :data:`avzone.points.FIXED_KEYS`, which words them in messages: :func:`avzone.points.status_message`).
TIME_KEYS = {
    TIME_MISSING: _points.FIXED_KEYS[_points.TIME_MISSING],
    TIME_INVALID: _points.FIXED_KEYS[_points.TIME_INVALID],
    TIME_RANGE: _points.FIXED_KEYS[_points.TIME_RANGE],
    TIME_NUMBER: _points.FIXED_KEYS[_points.TIME_NUMBER],
    TIME_STRAY: _points.FIXED_KEYS[_points.TIME_STRAY],
}
#: The units of epoch times (numbers as times): seconds, milliseconds, microseconds, nanoseconds since
#: 1970-01-01 UTC, and the nanoseconds in each.
TIME_UNITS = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}
# a number written as text: digits with an optional sign, decimal point and exponent
_NUMBER_TEXT = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"
_INTEGER_TEXT = r"^[+-]?\d+$"
_NAT = np.iinfo(np.int64).min
#: The times usable: from 1900-01-01 00:00 (inclusive) to 2190-01-01 00:00 (exclusive), **Beijing time** (the
#: clock naive times are read in, and the one the range status names: "the years 1900 to 2189, Beijing time"),
#: here as those instants in UTC, 1899-12-31T16:00Z and 2189-12-31T16:00Z, for every kind of time alike (naive,
#: with a zone, dates, numbers with their unit). Within these 290 years any two times are less than 2**63
#: nanoseconds apart, so differences and sums of a trip's steps never overflow.
TIME_FIRST = np.datetime64("1899-12-31T16:00:00", "s")
TIME_END = np.datetime64("2189-12-31T16:00:00", "s")
# a time of day followed by a zone designator (a bare date such as 2024-06-30 has none): hh:mm[:ss[.f]] after
# anything, or ISO 8601's other spellings after a T (or a space): hh, hhmm, hhmmss, fractions with . or , (then AM/PM),
# or an hour with AM/PM ("8 AM+08:00", "8 AM GMT+8" once put as an offset)
_TZ_SUFFIX = (
    r"(?:\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|[Tt ]\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d+)?)?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?)"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?\s*(?:[zZ]|[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)$"
)
# the same, anywhere in a text whose date comes after the time ("00:00:00 +0800 2024-03-19"): pandas reads that zone
_TZ_AFTER_TIME = _TZ_SUFFIX[:-1] + r"(?=\s)"
# what may be a zone at the end of a text after something other than a time of day ("08:00 2024-03-19 +0800"; but
# "19-Mar-2024" ends so too): whether the parser took it for one is asked of the parser, text by text
_MAYBE_ZONE_AT_END = re.compile(r"[\s\d](?:[zZ]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)$")
# what may still be a zone in a text read as naive, after its time of day: a designator the patterns above do not
# take for one but the parser does ("08:00 +08:0", "08:00 +08:5", "0800+08:0", "08:00:00.Z", "08:00:00.UTC",
# "08:00:00.+08:00", "+08:00."): whether the parser read one is asked of it, text by text (:func:`_zone_unread`)
_ZONE_UNREAD = r"(?:\d:\d{2}|[Tt ]\d{2}|\d{10}).*(?:[zZ]|[+-]\d|[Uu][Tt][Cc]|[Gg][Mm][Tt])"
# a weekday's or a month's name (of five letters or fewer), which is no zone's: after an offset it is left to the
# parser and the weekday's check ("+08:00 Sat" on a Friday is no time), not left out as a zone's name would be
_DATE_WORDS = (
    r"(?i:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun|jan|feb|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug|sept?|oct|nov|dec)"
)
# a zone's name in brackets after an offset ("... GMT+0800 (China Standard Time)", as JavaScript writes it): left
# out, the offset says the time (a name alone, "(CST)", may be China's or the US Central time: not a time)
# and so is a zone's name after an offset as Go's time.Time.String() writes it ("+0800 CST", its monotonic clock
# "m=+0.0012" after it) or in square brackets (Java's ZonedDateTime, RFC 9557: "+08:00[Asia/Shanghai]"); a name
# that says another offset ("+0800 UTC") is kept, two zones (:data:`_ZONE_TOKEN`). The day of a numeric date is no
# offset ("2024-06-30 EST": not 2024-06-30 with an offset of -30 named EST); a fraction of a second of one or two
# digits is no date ("08:00:00.5+08:00[Asia/Shanghai]")
_ZONE_NAME = re.compile(
    r"((?:(?:(?<=:\d\d[.,]\d)|(?<=:\d\d[.,]\d\d)|(?<!\d[-/.]\d)(?<!\d[-/.]\d\d))[+-]\d{1,2}(?::?\d{2})?|[zZ]))"
    r"(?:\s*\([^()]*\)|\s*(?:\[[^\[\]]*\])+|\s+(?![AaPp]\.?[Mm]\b)(?!" + _DATE_WORDS + r"\b)([A-Za-z]{2,5}))"
    r"(?:\s+m=[+-]\d+(?:\.\d+)?)?$"
)
# a date and time with a time zone in brackets and no offset ("2024-07-01T08:00:00[Asia/Shanghai]", RFC 9557 as
# Temporal writes a zoned time without its offset): the zone's offset at that wall-clock time is put before the
# brackets (:func:`_zone_offset`), which are then read as after any offset
_ZONE_ONLY = re.compile(
    r"^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)((?:\[[^\[\]]*\])*\[!?[^\[\]=]*\](?:\[[^\[\]]*\])*)$"
)
# a zone written between the time of day and a closing year or numeric date ("Tue Mar 19 00:00:00 +0800 2024":
# Twitter's created_at, ctime-like logs; "12:16:03 UTC-0400 2024-03-19"): the year or date is put before the time, so
# that the zone ends the text (where a zone is looked for, and a named offset is read east of Greenwich)
_ZONE_BEFORE_YEAR = re.compile(
    r"(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)"
    r"\s*((?:[zZ]|[+-]\d{1,2}(?::?\d{2})?|(?:UTC|GMT)|(?:(?![AaPp]\.?[Mm]\b)[A-Za-z]{2,5})\s*[+-]\d{1,2}(?::?\d{2})?))"
    r"\s+(\d{4}(?:([-/.])\d{1,2}\4\d{1,2})?|\d{1,2}([-/.])\d{1,2}\5(?:\d{4}|\d{2}))$",
    re.IGNORECASE,
)
# a zone's name with an offset still inside the text once the layouts above are put in order ("12:16:03 UTC-0400 Mar
# 19 2024"): dateutil would read it as a POSIX zone, east and west the other way round; such a text is not a time
_NAMED_OFFSET_INSIDE = re.compile(
    r"(?:\b(?:UTC|GMT)|\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?\s*(?![AaPp]\.?[Mm]\b)[A-Za-z]{2,5})"
    r"\s*[+-]\d",
    re.IGNORECASE,
)
# "GMT+8", "UTC+0800", "GMT+08:00" (JavaScript's Date, many logs): hours east of Greenwich, as people write them;
# dateutil would read them as POSIX zone names, east and west the other way round (UTC-8 for GMT+8)
_GMT_OFFSET = re.compile(r"\s*\b(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
# so is such an offset in brackets right after the time of day ("2024-10-17 08:00 (UTC+8)", "(GMT+08:00)"; full-width
# brackets, "（UTC+8）", once read as ASCII), and UTC, GMT, Z or an ISO offset alone in them ("(UTC)", "(GMT)", "(Z)":
# UTC, as the word without them; "(+08:00)"): the brackets are left out, the zone read as written without them (an
# offset before the brackets, "+0800 (UTC+8)", has them as its zone's name: :data:`_ZONE_NAME`, :func:`_name_offsets`)
_BRACKETED_GMT_OFFSET = re.compile(
    r"(\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*"
    r"\(\s*((?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}(?::?\d{2})?|Z)\s*\)$",
    re.IGNORECASE,
)
# a zone's name in brackets right after the time of day, no offset before it ("2024-10-17 08:00 (China Standard Time)",
# JavaScript's long name without its "GMT+0800"; "(日本标准时间)"): read as the one offset a long name known is at
# (:data:`_NAME_OFFSETS`, :func:`_named_offset`); an abbreviation ("(JST)", "(CST)") says its offset in no text, and a
# name not known stays as written, no time (:func:`_zone_name_why`)
_BRACKETED_NAME = re.compile(
    r"((?<![+\-\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*\(\s*([^()\d]*[^()\d\s])\s*\)$"
)
# Go's time.Time.String() for a zone without an abbreviation ("2024-10-17 08:00:00 +0600 +06", Asia/Urumqi): the
# abbreviation is the offset itself, as tzdata writes it ("+06", "+0530", "-03"; "+0600" where Go makes one up), read
# as the offset it writes where it agrees with the offset before it, and no time where it does not ("+0800 +06": two
# instants; :func:`_numeric_abbreviation`)
_NUMERIC_ABBREVIATION = re.compile(
    r"(\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s+([+-]\d{4})\s+([+-]\d{2}(?:\d{2})?)(?:\s+m=[+-]\d+(?:\.\d+)?)?$"
)
# so is an offset after another zone's abbreviation, right after the time of day ("00:00:00 CST+0800", strftime's
# "%Z%z"; "CST +0800", "EDT-0400") or a numeric date that follows it ("08:00 2024-03-19 CST+0800"): the offset says
# the time, the name is left out when it may be at that offset (a name never at it, "EST+0800", "UTC+0800" once GMT's
# offset is put as an ISO one in "GMT UTC+0800", is a second zone: :data:`_NAME_OFFSETS`, no time; AM/PM is no zone's
# name; a month's name before a number, "19-Mar-2024", follows no time)
_ABBREVIATION_OFFSET = re.compile(
    r"((?:\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|[Tt ]\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d+)?)?)?"
    r"|(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}))(?:\s*[AaPp]\.?[Mm]\.?)?)"
    r"\s*(?![AaPp]\.?[Mm]\b)([A-Za-z]{2,5})\s*([+-])(\d{1,2})(?::?(\d{2}))?$"
)
# an offset of three digits after a time of day ("2024-10-18 08:00 +800", "08:00-530", "T0800+130"): an hour of one
# digit and its minutes, or an hour of two and a minute's tens? The parser read "+130" as +13:00 and "+100" as
# +10:00: no time, neither reading chosen (:func:`_offset_three_digits_why`)
_OFFSET_THREE = re.compile(
    r"(?:\d:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?|[Tt]\d{4}(?:\d{2})?(?:[.,]\d+)?)"
    r"(?P<gap>\s*)(?P<sign>[+-])(?P<d>\d{3})$"
)
_OFFSET_THREE_ANY = re.sub(r"\(\?P<\w+>", "(?:", _OFFSET_THREE.pattern)  # (the same, no groups: Arrow, pandas)
# a zone or offset after a space or a time of day: a text holding two ("08:00 +0800 -0400", "08:00 Z +0800") is not
# a time (the parser took one of them, which may not be the right one)
_ZONE_TOKEN = re.compile(r"(?:\s|\d:\d{2}(?:[.,]\d+)?|(?<=\d[zZ]))(?:[+-]\d{1,2}(?::?\d{2})?|[zZ]|UTC|GMT)(?![\w:])")
# two offsets one right after the other after a time of day ("08:00:00+08:00-05:00", "08:00+0800+0800"), which
# :data:`_ZONE_TOKEN` does not count twice (the first took the time of day the second would follow): the parser took
# the last
_OFFSET_AFTER_OFFSET = re.compile(
    r"\d:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*(?:[+-]\d{1,2}(?::?\d{2})?|[zZ])\s*[+-]\d{1,2}(?::?\d{2})?(?![\w:])"
)
# a weekday's name (Mon, Tues, Wednesday, ...): the parser reads past it, so it is checked against the date
_WEEKDAY = re.compile(
    r"\b(mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b",
    re.IGNORECASE,
)
# the longer abbreviations of a weekday's name that logs write (Tues, Weds, Thur, Thurs), which the parser does not
# know, and a weekday's two letters where a text starts with them (Mo, Tu, We, Th, Fr, Sa, Su: English's shortest
# names, as calendars head their columns; the parser knew none of them, and passed over Th as over the th of 17th):
# read as its three letters (Tue, Wed, Thu), then checked against the date as any weekday is
_WEEKDAY_TWO = re.compile(r"^(mo|tu|we|th|fr|sa|su)(?=\b[^:])", re.IGNORECASE)
_WEEKDAY_LONGER = re.compile(r"\b(tue)s\b|\b(wed)s\b|\b(thu)rs?\b|" + _WEEKDAY_TWO.pattern, re.IGNORECASE)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAYS.update({name[:2]: k for name, k in list(_WEEKDAYS.items())})  # (Mo, Tu, ...: _WEEKDAY_TWO)
# the third letter of each day's three (Tu: Tue), in the case of the two written
_THIRD_LETTER = {"mo": "n", "tu": "e", "we": "d", "th": "u", "fr": "i", "sa": "t", "su": "n"}
# the offset a text ends with, once the layouts are put in order (Z, UTC, GMT: 0)
_OFFSET_AT_END = re.compile(r"[\s\d](?:[zZ]|UTC|GMT|([+-])(\d{1,2})(?::?(\d{2}))?)$")
# Chinese dates and times: "2024年3月19日" (or 号) is 2024-03-19, "15时30分00秒" / "3点" / "3点半" (half past) /
# "8点整" (sharp) a time of day, and
# 上午/下午 (the AM/PM of zh-CN locales: Excel and Windows write "2024/3/19 下午 3:00:00") the half of the day
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]\s*")
_CN_CLOCK = re.compile(
    r"(\d{1,2})\s*[时時点點]\s*(?:(半)|整|(\d{1,2})(?:\s*分\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*秒)?|(?![\d.,])))?"
)
# a Chinese weekday (星期二, 周二, 週二, 礼拜二; Sunday 日 or 天), in brackets or not: read as its English name, which
# the parser reads past and which is checked against the date (:data:`_WEEKDAY`)
_CN_WEEKDAY = re.compile(r"[(（]?\s*(?:星期|周|週|礼拜|禮拜)([一二三四五六日天])\s*[)）]?")
_CN_WEEKDAYS = {"一": "Mon", "二": "Tue", "三": "Wed", "四": "Thu", "五": "Fri", "六": "Sat", "日": "Sun", "天": "Sun"}
# Beijing time named in Chinese (北京时间, 中国标准时间, in brackets or not), and CST in a text written in Chinese
# (China Standard Time there): UTC+08:00 (:func:`_beijing_words`)
_CN_BEIJING = re.compile(
    r"\s*[(（]?\s*(?:北京时间|北京時間|中国标准时间|中國標準時間)\s*[)）]?\s*|(?<![A-Za-z])CST(?![A-Za-z])"
)
# BJT (Beijing Time, as Chinese logs write it: one offset, +08:00, in any text, in capitals as every abbreviation
# read; in brackets too, "(BJT)"): read as 北京时间 is (:func:`_beijing_words`)
_BJT = re.compile(r"\s*(?:[(（]\s*BJT\s*[)）]|(?<![A-Za-z])BJT(?![A-Za-z]))\s*")
# a zone's abbreviation, which does not say its offset (CST: China's +08:00 or US Central -06:00; IST: India, Israel
# or Ireland): a text holding one (and no offset after it) is not a time
_ABBREVIATION = re.compile(
    r"(?<![A-Za-z])(?:CST|CDT|EST|EDT|PST|PDT|MST|MDT|AKST|HST|BST|IST|JST|KST|HKT|SGT|AEST|AEDT|CET|CEST|EET|EEST"
    r"|WET|WEST|MSK)(?![A-Za-z])"
)
# an offset of +08:00 that ends a text ("UTC+8", "+0800", "GMT+08:00")
_PLUS_8_AT_END = re.compile(r"(?:\b(?:UTC|GMT))?\s*\+0?8(?::?00)?\s*$", re.IGNORECASE)
_CN_HALF_DAY = re.compile(r"([上下])午\s*(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)")
# the other parts of the day said in Chinese before an hour ("凌晨1点", "中午12点", "晚上11点", read once the hour is
# "11:00"): each puts the hour where it says (晚上11点 is 23:00, 中午1点 13:00); 12点 after a word of the night
# (晚上12点, 半夜12点, 午夜12点) is the midnight that ends the date written, 24:00; an hour outside the part (晚上3点,
# 凌晨9点: which was meant?) or a time past that midnight (晚上12点半, 半夜1点: of which day?) stays as written, which
# is no time (:func:`_part_of_day`)
_CN_PART_OF_DAY = re.compile(
    r"(凌晨|清晨|早晨|早上|中午|傍晚|晚上|晚间|夜晚|夜里|夜间|深夜|半夜|午夜)\s*(\d{1,2})(:\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
)
# 午夜 (midnight) without an hour: the midnight that ends the date, as 午夜12点; 半夜 and 中午 without one say no
# hour (:func:`_part_without_hour`)
_CN_MIDNIGHT = re.compile(r"午夜(?!\s*\d)")
_CN_NO_HOUR = re.compile(r"(半夜|中午|深夜|凌晨|清晨|早晨|早上|傍晚|晚上|晚间|夜晚|夜里|夜间)(?!\s*\d)")
#: An hour each part of the day of :data:`_CN_NO_HOUR` has, for a reason's example (12点 is 24:00 after 半夜).
_CN_PART_HOURS = {"凌晨": 1, "清晨": 6, "早晨": 8, "早上": 8, "中午": 12, "傍晚": 6, "深夜": 11, "半夜": 12}
#: The words of the night, after which 12点 is 24:00 and an hour past midnight is of an unclear day.
_NIGHT_WORDS = ("晚上", "晚间", "夜晚", "夜里", "夜间", "深夜", "半夜", "午夜")
_ZERO_MINUTES = re.compile(r":00(?::00(?:[.,]0+)?)?")
#: Each part of the day: its catalogue key (avzone.i18n, the hours it spans) and the 24-hour hour of each hour
#: written after it.
_PARTS_OF_DAY: dict[str, tuple[str, dict[int, int]]] = {
    **dict.fromkeys(["凌晨"], ("time_part_small_hours", {**{h: h for h in range(7)}, 12: 0})),
    **dict.fromkeys(["清晨", "早晨", "早上"], ("time_part_morning", {h: h for h in range(4, 12)})),
    **dict.fromkeys(["中午"], ("time_part_noon", {11: 11, 12: 12, 1: 13, 2: 14, 13: 13, 14: 14})),
    **dict.fromkeys(
        ["傍晚"], ("time_part_dusk", {**{h: h + 12 for h in range(4, 8)}, **{h: h for h in range(16, 20)}})
    ),
    **dict.fromkeys(
        ["晚上", "晚间", "夜晚", "夜里", "夜间"],
        ("time_part_evening", {**{h: h + 12 for h in range(6, 13)}, **{h: h for h in range(18, 24)}}),
    ),
    "深夜": ("time_part_late_night", {**{h: h + 12 for h in range(9, 13)}, **{h: h for h in range(21, 24)}}),
    "半夜": ("time_part_midnight", {11: 23, 12: 24, 23: 23}),
    "午夜": ("time_part_midnight", {12: 24}),
}
# a time of day that is not part of an offset: a text holding two is not a time (a '+' sent unencoded in a URL
# query turns "16:00:00+08:00" into "16:00:00 08:00", whose second time dateutil would take for the first)
_CLOCK = re.compile(r"(?<![+\-\d:])\d{1,2}:\d{2}")
# the parts of a date and time the parser reads, left out of a text to find a number it read as something else
# (:func:`_surplus_numbers`): a time of day (hh:mm[:ss[.f]], an hour with AM/PM, ISO 8601's time after a T, or its
# basic form right after the numeric date, marked \x00 there), with its offset; a numeric date (year first, or last)
_OFFSET_AFTER = r"(?:\s*(?:[zZ]|[+-]\d{1,2}(?::?\d{2}){0,2}(?![\d/.-])))?"
_TIME_PARTS = re.compile(
    r"(?:(?<![+\-\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d*)?)?(?:\s*[AaPp]\.?[Mm]\b\.?)?"
    r"|(?<![+\-\d])\d{1,2}\s*[AaPp]\.?[Mm]\b\.?"
    r"|(?<![A-Za-z])[Tt]\d{2,6}(?:[.,]\d+)?(?![\d:])"
    r"|(?<=\x00)[ Tt]?\d{2}(?:\d{2}(?:\d{2})?)?(?:[.,]\d+)?(?![\d:]|st|nd|rd|th))" + _OFFSET_AFTER
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d:.,])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
    r"|\d{8}(?=[ Tt]|$|\d{4}(?:\d{2})?(?!\d)))(?![/.-])"
)
_OFFSET_ALONE = re.compile(r"(?<=[\s\x00])[+-]\d{1,2}(?::?\d{2}){0,2}(?![\d/.-])")
_MONTH_NAME = re.compile(r"(?i)(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# a zone right after a number (a time in ISO 8601's basic form after a month's name: "Mar 1 2024 0800+08:00")
_ZONE_AFTER_NUMBER = re.compile(r"(?<=\d)\s*(?:[zZ]|UTC|GMT|[+-]\d{1,2}(?::?\d{2}){0,2}(?![\d/.-]))")
_ZONE_AT_END = re.compile(r"(?:^|\s)[+-]\d{1,2}(?::?\d{2})?\s*$")
_NUMBER_GROUP = re.compile(r"\d+")
# a numeric date year first: a text holding two is not a time ("2024-10-17/2024-10-19", an ISO 8601 interval;
# "2024-10-17 - 2024-10-19"), where dateutil read the second year as a time of day and its day as an offset
_YEAR_FIRST_DATE = re.compile(r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
# an hour that is not 1 to 12 before AM/PM ("0:30 PM", "00:30 AM", "13:00 PM"; 上午/下午 are AM/PM once the Chinese
# layouts are put in order): a 12-hour time counts 12, 1, ..., 11 (12:30 AM is 00:30); a 0 hour is 12 to some clocks
# (Java's "K") and a typo for 12 or for 00 to others: not a time
_HOUR_NOT_12 = re.compile(r"(?<![\d:.])(?:0?0|1[3-9]|2\d)(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*[AaPp]\.?[Mm]\b\.?")
# the same, written with 上午/下午 before the hour
_HALF_DAY_NOT_12 = re.compile(r"[上下]午\s*(?:0?0|1[3-9]|2\d)(?![\d])")
# 24:00 (ISO 8601's end of a day: 00:00 the next day), its minutes, seconds and fraction zero
_END_OF_DAY = re.compile(r"(?<![\d:.+\-])24:00(?::00(?:[.,]0+)?)?(?![\d:.,])")
# a leap second, hh:mm:60 (its fraction left out: the last nanosecond of the minute stands for it)
_LEAP_SECOND = re.compile(r"(?<=\d:\d{2}):60(?:[.,]\d+)?(?![\d:.,])")
# UTC or GMT in any case but capitals ("utc", "Gmt"), as a word of its own (after a digit too: "08:00utc")
_UTC_WORD = re.compile(r"(?<![A-Za-z])(?!UTC|GMT)(?i:utc|gmt)(?![A-Za-z])")
# UT (Universal Time: RFC 5322's obsolete zone, "Thu, 17 Oct 2024 00:00:00 UT"), in any case as UTC and GMT are
# ("ut": RFC 5322's grammar is case-insensitive), alone or in brackets after the time of day (or after an offset,
# "+0000 UT") at a text's end, and so before an offset ("UT+8", "UT +0800": UTC+08:00, as "UTC +0800" is): UTC,
# read as UTC is (written so before the parser and the patterns here, which know UTC)
_UT_ZONE = re.compile(r"(\d(?:\s*[AaPp]\.?[Mm]\.?)?\s*\(?\s*)(?i:UT)(\s*(?:[+-]\d{1,2}(?::?\d{2})?\s*)?\)?)$")
# the same before an offset alone (:func:`_written_why`: UT named as written where it is a zone alone)
_UT_BEFORE_OFFSET = re.compile(r"(\d(?:\s*[AaPp]\.?[Mm]\.?)?\s*\(?\s*)(?i:UT)(\s*[+-]\d{1,2}(?::?\d{2})?\s*\)?)$")
# an offset after a time of day whose minutes are not 00 to 59 ("+08:61", "+0899", "GMT+08:99") or that no zone has:
# east of +14:00 or west of -12:00, the UTC offsets in use ("+24:00", "+19:00", "-19", "-12:30", "UTC+19"; "-19" after
# a time is no day either): no offset (written without lookarounds, for Arrow's regular expressions; a number followed
# by a date's separator, "08:00 10-17-2024", is a date's, no offset)
_BAD_OFFSET = (
    r"(?:\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?|[Tt ]\d{2,6}(?:[.,]\d+)?)(?:\s*[AaPp]\.?[Mm]\.?)?\s*(?:[A-Za-z]{2,5})?\s*"
    r"(?:(?:\+(?:1[5-9]|[2-9]\d)|-(?:1[3-9]|[2-9]\d))(?::?\d{2})?|\+14:?(?:0[1-9]|[1-5]\d)|-12:?(?:0[1-9]|[1-5]\d)"
    r"|[+-]\d{1,2}:?[6-9]\d)(?:$|[^\d/.\-])"
)
_BAD_OFFSET_RE = re.compile(_BAD_OFFSET)
# a time of day whose minutes or seconds are one digit ("08:5", "08:05:5"): 08:05 or 08:50? No time, as an offset
# written short ("+08:5") is none (written without lookarounds, for Arrow's regular expressions)
_SHORT_CLOCK = r"(?:^|[^\d:])\d{1,2}(?::\d{2})?:\d(?:$|[^\d])"
_SHORT_CLOCK_RE = re.compile(r"(?<![\d:+\-])(\d{1,2}(?::\d{2})?):(\d)(?!\d)")
# four digits after a numeric date that may be a year as well as a time of day in ISO 8601's basic form, hhmm
# ("2024-10-17 2023": 20:23, or the year written again?): 1900 to 2359 after a space, as after a month's name
# (:func:`_surplus_numbers`: "Oct 17 2024 2023"), is no time; fewer (0800: no year avzone measures), or after a T
# (2024-10-17T2023: a time), are read (written without lookarounds, for Arrow's regular expressions)
_YEAR_AS_CLOCK = (
    r"(?:^|[^\d])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{8})\s+(?:19|2[0-3])[0-5]\d"
    r"(?:$|[^\d:.,])"
)
_YEAR_AS_CLOCK_RE = re.compile(_YEAR_AS_CLOCK)
# the Common Log Format of web servers (nginx, Apache): "[19/Mar/2024:08:00:00 +0800]", a colon between the year and
# the time of day, the whole in brackets or not (:func:`_common_log`)
_COMMON_LOG = re.compile(
    r"^(\[?)(\d{1,2}/[A-Za-z]{3}/\d{4}):(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[+-]\d{2}:?\d{2})?)(\]?)$"
)
# ISO 8601's week date ("2024-W12-2": Tuesday of week 12; "2024W122") and ordinal date ("2024-079": the 79th day),
# before a time or alone: read as the calendar date they name (a week without its day, "2024-W12", is left as written,
# not a time)
_WEEK_DATE = re.compile(r"^(\d{4})-?[Ww](\d{2})-?(\d)(?=$|[Tt\s])")
_ORDINAL_DATE = re.compile(r"^(\d{4})-(\d{3})(?=$|[Tt\s])")
# a full-width form (digits, colons, slashes, signs, brackets), the ideographic space or a small sign (U+FE62,
# U+FE63): the forms numbers read as their ASCII ones (points.ASCII_FORMS), which NFKC reads so too
_FULL_WIDTH = "[" + re.escape("".join(map(chr, sorted(ASCII_FORMS)))) + "]"
# a fraction of a second of more than six digits after the seconds (hh:mm:ss or ISO 8601's basic hhmmss), which the
# parser of the layouts other than ISO 8601 cuts at the microsecond: its digits, cut at the nanosecond as
# pandas.to_datetime (and numpy's datetime64[ns]) cut them in ISO 8601 texts ("08:00:00.9999999999" is
# 08:00:00.999999999, never rounded up to 08:00:01)
_FINE_FRACTION = r"(?:\d:\d{2}:\d{2}|[Tt ]\d{6})[.,](\d{7,})"
# the same texts, their fraction to the microsecond in group 1 and the digits past it after
_FINE_FRACTION_CUT = r"((?:\d:\d{2}:\d{2}|[Tt ]\d{6})[.,]\d{6})\d+"
# a fraction finer than microseconds that :data:`_FINE_FRACTION_CUT` leaves (after a clock's one-digit seconds, or
# minutes), which may give the parser's column nanoseconds all the same (as the parser reads it, by its own reader
# or dateutil's, which keeps microseconds): each such text is parsed alone
_FINER_LEFT = r"\d[.,]\d{7}"
# a year or a year and month alone, as ISO 8601's reduced precision writes them ("2024", "2024-06"): no instant
_YEAR_MONTH = r"[+-]?\d{4}(?:[-/.]\d{1,2})?"
# a date of six digits starting a text before its time of day ("241018 08:00", "241018T080000") or ending it after a
# time of day with a colon or a fraction ("08:00 241018", "080000.00 181024" as NMEA's time and date): a two-digit
# year, a month and a day in an order not written (YYMMDD 2024-10-18, DDMMYY as NMEA writes it 2018-10-24, MMDDYY):
# no time, as a numeric date with a two-digit year is none (:func:`_ambiguous_why`; "20241018 080000" is a time)
_SIX_DIGIT_DATE = (
    r"^\s*\d{6}(?:[Tt]|\s+)\d"
    r"|(?:\d:\d{2}(?::\d{2})?(?:[.,]\d+)?|\d{6}[.,]\d+)(?:\s*[AaPp]\.?[Mm]\.?)?[\s,]+\d{6}\s*$"
)
_SIX_DIGIT_DATE_RE = re.compile(
    r"^\s*(?P<first>\d{6})(?:[Tt]|\s+)\d"
    r"|(?:\d:\d{2}(?::\d{2})?(?:[.,]\d+)?|\d{6}[.,]\d+)(?:\s*[AaPp]\.?[Mm]\.?)?[\s,]+(?P<last>\d{6})\s*$"
)
# ISO 8601's basic date and four or six digits after a dash that may be a time of day or an offset ("20241018-0800":
# 08:00, or -08:00 after a date that gives no time of day, as "20241018 -08:00" is; "20241018-080000" alike, an
# offset with seconds of 00): no time, both readings said (:func:`_dash_clock_or_offset_why`); an hour no offset
# west of UTC has ("20241018-200000") or seconds other than 00 leave the time of day alone
_DASH_CLOCK_OR_OFFSET = r"^\s*\d{8}-(?:0\d|1[0-2])[0-5]\d(?:00)?\s*$"
# (the same read by the reason, with a date written with dashes and a clock with colons too, "2024-10-18-08:00", which
# is no time: :func:`_dash_clock_or_offset_why`)
_DASH_CLOCK_OR_OFFSET_RE = re.compile(
    r"^\s*(?:(?P<date>\d{8})-(?P<hm>(?:0\d|1[0-2])[0-5]\d)(?P<s>00)?"
    r"|(?P<ymd>\d{4}-\d{2}-\d{2})-(?P<h>0\d|1[0-2]):(?P<m>[0-5]\d)(?P<sc>:00)?)\s*$"
)
# a numeric date that does not start with its year, wherever it stands in the text ("08:00 04/03/2024" too):
# 04/03/2024 is 3 April to dateutil, 4 March to most of the world
_DAY_MONTH_YEAR = re.compile(r"(?<![\d/.\-:])(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?![\d/.\-])")
# a month's English name (whole, its first three letters, or Sept) and a day before or after it, the year after them
# in four digits ("Oct 17 2024", "Oct 17, 2024", "Oct-17-2024", "17 Oct 2024", "17-Oct-2024", "17/Oct/2024"): the
# day checked against the month (:func:`_date_why`)
_MONTH_WORDS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NAMED_DATE = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_MONTH_WORDS})\.?(?P<sep>[ /.\-])(?P<d>\d{{1,2}})(?:,? |(?P=sep))(?P<y>\d{{4}})(?!\d)"
    rf"|(?<![\d:.])(?P<d2>\d{{1,2}})(?P<sep2>[ /.\-])(?P<mon2>{_MONTH_WORDS})\.?(?P=sep2)(?P<y2>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_MONTHS = {n: k for k, n in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# the same with a two-digit number after the day and the month's name ("Oct 17 24", "17-Oct-24": the day and a
# two-digit year, 2024-10-17): where the number beside the name is no day of that month ("Oct 32 24", "32 Oct 24"),
# the parser took it for the year and the other number for the day (2032-10-24), a date the text does not say as
# "Oct 17 24" says its own: no time (:func:`_short_year_day`); so too with a time of day before the year ("Oct 32
# 08:00 24", as the C library's layout writes it)
_SHORT_YEAR_CLOCK = r"(?:\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?\s+)?"
_NAMED_SHORT_DATE = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_MONTH_WORDS})\.?(?P<sep>[ /.\-])(?P<d>\d{{1,2}})(?:,? |(?P=sep))"
    rf"(?P<c>{_SHORT_YEAR_CLOCK})(?P<y>\d{{2}})(?![\d:])"
    rf"|(?<![\d:.])(?P<d2>\d{{1,2}})(?P<sep2>[ /.\-])(?P<mon2>{_MONTH_WORDS})\.?(?P=sep2)"
    rf"(?P<c2>{_SHORT_YEAR_CLOCK})(?P<y2>\d{{2}})(?![\d:])",
    re.IGNORECASE,
)
# a word where such a date has its month's name ("Octo 17 2024", "17-Okt-2024"): a month's name the reader does not
# know, when the text reads with a month's name there (:func:`_month_word_why`)
_MONTH_PLACE = re.compile(
    r"(?<![A-Za-z])(?P<w>[A-Za-z]{2,})(?=\.?[ /.\-]\d{1,2},?[ /.\-]\d{4}(?!\d))"
    r"|(?<=\d[ /.\-])(?P<w2>[A-Za-z]{2,})(?=\.?[ /.\-]\d{4}(?!\d))"
)
# a day of the week in Chinese (星期五, 周五, 礼拜五), the day itself in group 1 (:func:`_weekday_why`)
_CN_WEEKDAY_NAME = re.compile(r"(?:星期|周|週|礼拜|禮拜)([一二三四五六日天])")
# 上午 or 下午 right after a digit ("2024/10/17上午8:00"), which the reader does not take (:func:`_half_day_space_why`)
_HALF_DAY_AFTER_DIGIT = re.compile(r"(?<=\d)[上下]午")
# a time of day written with dots after a space ("08.00.00", "08.00.00.000000": Oracle's "17-OCT-24 08.00.00.000000
# AM"; "8.30"), the last dot before the fraction of a second a decimal mark (:func:`_clock_dots_why`)
_DOTTED_CLOCK = re.compile(r"(?<=\s)(\d{1,2})\.(\d{2})(?:\.(\d{2})(?:([.,])(\d{1,9}))?)?(?![\d.,])")


@dataclass(frozen=True)
class Stage:
    """One zone layer's period in force: ``[valid_from, valid_to)`` in Beijing dates (``valid_to`` None: open)."""

    layer: str
    valid_from: dt.date
    valid_to: dt.date | None

    @property
    def start_ns(self) -> int:
        """00:00 Beijing time on ``valid_from``, nanoseconds since the epoch (UTC)."""
        return _date_ns(self.valid_from)

    @property
    def end_ns(self) -> int:
        """00:00 Beijing time on ``valid_to`` (the int64 maximum when open)."""
        return np.iinfo(np.int64).max if self.valid_to is None else _date_ns(self.valid_to)


def _date_ns(day: dt.date) -> int:
    return int(np.datetime64(day.isoformat(), "ns").astype(np.int64)) - BEIJING_OFFSET_NS


def _parse_date(value: Any) -> dt.date | None:
    """A manifest date, YYYY-MM-DD (the timeline check refuses any other form), else None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def stages(model: Model) -> list[Stage]:
    """The zone layers with a ``valid_from``, as :class:`Stage` s ordered by ``valid_from``.

    Layers whose dates do not parse are left out here (the ``timeline``
    check reports them).
    """
    out = []
    for z in model.zone_layers:
        info = model.layer_info(z)
        start = _parse_date(info.get("valid_from"))
        if start is None:
            continue
        end_raw = info.get("valid_to")
        end = _parse_date(end_raw)
        if end_raw is not None and end is None:
            continue
        out.append(Stage(z, start, end))
    return sorted(out, key=lambda s: s.valid_from)


# -- times -----------------------------------------------------------------------------
def check_unit(unit: Any, option: str = "time_unit") -> str | None:
    """``unit`` when it is None or a unit of epoch times (:data:`TIME_UNITS`: s, ms, us, ns).

    Raises
    ------
    InputError
        Naming ``option`` (``time_unit``, ``--time-unit``), the value and the units allowed.
    """
    if unit is None or (isinstance(unit, str) and unit in TIME_UNITS):
        return unit
    raise InputError(Message("err_time_unit", option=option, value=unit, units=Joined(TIME_UNITS, "comma")))


def check_time_type(dtype: Any, column: str, unit: str | None = None, values: Any = None) -> None:
    """Refuse a time column whose type cannot hold times: times of day (Arrow ``time32``/``time64``, which have no
    date) and, with a ``unit``, numbers narrower than float64 (a float32 steps by 128 s at today's epoch seconds).

    ``dtype``: an Arrow type, a numpy dtype or a pandas dtype; ``column``
    names the column (with its file) in the error. ``values``: the column
    itself, when at hand: an object column's cells are looked at too, and
    a numpy float32 (or float16) among them is refused as a float32 column
    is, and one of ``datetime.time`` values (what ``pandas.read_parquet``
    makes of an Arrow ``time64`` column) as that column is.

    A ``unit`` with a column typed as instants or dates (numpy ``datetime64``, pandas datetimes with a zone,
    Arrow ``timestamp``, ``date32`` or ``date64``) is refused: no unit applies to any of its values (the unit
    is that of numbers; :func:`unit_unused_note` tells of a text column holding no number).

    Raises
    ------
    InputError
        ``err_time_of_day``, ``err_time_float32`` or ``err_time_unit_typed``, naming ``column``.
    """
    import pyarrow as pa

    if unit is not None and _typed_dtype(dtype):
        # (a unit given that applies to no value: refused, as time_unit without a time column is)
        shown = dtype.pyarrow_dtype if isinstance(dtype, pd.ArrowDtype) else dtype
        raise InputError(
            Message("err_time_unit_typed", column=column, dtype=str(shown), option=Option("time_unit", unit))
        )
    if isinstance(dtype, pd.ArrowDtype):
        dtype = dtype.pyarrow_dtype
    if isinstance(dtype, pa.DataType):
        if pa.types.is_time(dtype):
            raise InputError(Message("err_time_of_day", column=column, dtype=str(dtype)))
        bits = dtype.bit_width if pa.types.is_floating(dtype) else 64
    else:
        numpy_dtype = getattr(dtype, "numpy_dtype", dtype)  # (pandas' nullable Float32 too)
        bits = numpy_dtype.itemsize * 8 if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind == "f" else 64
    if isinstance(dtype, np.dtype) and dtype.kind == "O" and values is not None and _times_of_day(values):
        raise InputError(Message("err_time_of_day", column=column, dtype="datetime.time"))
    if unit is not None and bits == 64 and isinstance(dtype, np.dtype) and dtype.kind == "O" and values is not None:
        cells = values.to_numpy(dtype=object) if isinstance(values, (pd.Series, pd.Index)) else np.asarray(values)
        narrow = (v for v in cells.ravel() if isinstance(v, np.floating) and v.itemsize < 8)
        bits = next((v.itemsize * 8 for v in narrow), 64)
    if bits < 64 and unit is not None:
        raise InputError(Message("err_time_float32", column=column, dtype=f"float{bits}"))


def _typed_dtype(dtype: Any) -> bool:
    """Whether ``dtype`` (numpy, pandas or Arrow) is of instants or dates, to none of which a unit of numbers
    applies."""
    import pyarrow as pa

    if isinstance(dtype, pd.ArrowDtype):
        dtype = dtype.pyarrow_dtype
    if isinstance(dtype, pa.DataType):
        return bool(pa.types.is_timestamp(dtype) or pa.types.is_date(dtype))
    return isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M")


def unit_use(values: Any) -> tuple[int, int]:
    """How many of a time column's ``values`` a unit reads as numbers (epoch times), and how many others are given
    (not missing or blank: dates and times written as text, datetime objects, anything else).

    A text is a number as :func:`to_ns` reads it with a unit (digits with a sign, a point or an exponent, once
    trimmed); booleans are no numbers. Cheap beside reading the times: the texts are matched, not parsed. The
    counts of a file's chunks or a Dask job's partitions add up to the column's (:func:`unit_unused_note` judges
    them)."""
    import pyarrow.compute as pc

    values = _arrow_values(values)
    if isinstance(values, (list, tuple)):
        values = np.array(values, dtype=object)
    if isinstance(values, pd.Index):
        values = pd.Series(values)
    if not isinstance(values, pd.Series):
        arr = np.asarray(values)
        values = pd.Series(
            arr.reshape(1) if arr.ndim == 0 else arr.ravel(), dtype=object if arr.dtype == object else None
        )
    s = values
    present = int(s.notna().sum())
    dtype = s.dtype
    numpy_dtype = getattr(dtype, "numpy_dtype", dtype)  # (pandas' nullable and Arrow numbers too)
    if _typed_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return 0, present
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind in "fiu":
        return present, 0
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind == "b":
        return 0, present
    text = _arrow_text(s)
    if text is not None:
        trimmed = pc.utf8_trim_whitespace(text)
        given = int(pc.sum(pc.fill_null(pc.not_equal(trimmed, ""), False)).as_py() or 0)
        number = pc.sum(pc.fill_null(pc.match_substring_regex(trimmed, _NUMBER_TEXT), False)).as_py() or 0
        return int(number), given - int(number)
    found = others = 0
    for v in s.to_numpy(dtype=object).tolist():  # (an object column: value by value, as to_ns reads it)
        if isinstance(v, str):
            v = v.strip()
            if v:
                number = re.match(_NUMBER_TEXT, v) is not None
                found, others = found + number, others + (not number)
        elif not (v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)):
            number = isinstance(v, numbers.Number) and not isinstance(v, (bool, np.bool_))
            found, others = found + number, others + (not number)
    return found, others


def unit_unused(unit: str | None, column: Any, values: Any) -> Message | None:
    """:func:`unit_unused_note` of one column's ``values`` in memory (``column`` its name, a DataFrame's label of
    any type, quoted as its ``repr``: ``'ts'``, ``0``); without a unit none, and the values are not
    looked at (:func:`unit_use` matches every text: not a cost for calls without a unit)."""
    return None if unit is None else unit_unused_note(unit, column, *unit_use(values))


def unit_unused_note(unit: str | None, column: Any, numbers: int, others: int) -> Message | None:
    """The note that ``unit`` (``time_unit``, ``--time-unit``) applied to no value of the time column ``column``:
    none of its values is a number (``numbers`` 0, :func:`unit_use`; the counts of the whole column, a file's
    chunks and a Dask job's partitions summed), while ``others`` are given (dates and times written as text, read
    as ever). None without a unit, when a value is a number, or when no value is given at all (nothing to read).

    A column typed as instants is refused instead (:func:`check_time_type`): its type says before any value is
    read that the unit applies to none, as a ``time_unit`` without a time column is refused; a column of text
    may hold numbers, and the note tells the user that this one held none.
    """
    if unit is None or numbers or not others:
        return None
    return Message("note_time_unit_unused", option=Option("time_unit", unit), column=Quoted.of(column))


def _times_of_day(values: Any) -> bool:
    """Whether an object column's cells, missing ones aside, are all ``datetime.time`` (times of day, no date).

    Its first usable cell is looked at first (a column of text or datetimes costs nothing more when its first
    cell is one).
    """
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object).ravel(), dtype=object)
    if not len(s):
        return False
    first = s.iat[0]
    missing = first is None or first is pd.NA or first is pd.NaT or (isinstance(first, float) and first != first)
    if not (missing or isinstance(first, dt.time)):
        return False
    present = s.notna().to_numpy(dtype=bool)
    if not present.any() or not isinstance(s.iat[int(present.argmax())], dt.time):
        return False
    return bool(pd.api.types.infer_dtype(s, skipna=True) == "time")


#: Epoch times read in a unit finer than seconds that all fall before this (1971-01-01 UTC, in ns) while a
#: coarser unit puts them in :data:`_SLIP_YEARS` were written in that coarser unit (:func:`check_unit_slip`).
#: These judge numbers as written (epoch numbers since 1970-01-01 UTC, naive datetimes made from them by their
#: digits), not the clock a time is read on: they are not :data:`PLAUSIBLE_NS`, the years of Beijing time.
_SLIP_END_NS = int(np.datetime64("1971-01-01T00:00:00", "ns").astype(np.int64))
_SLIP_YEARS = (
    int(np.datetime64("2000-01-01T00:00:00", "ns").astype(np.int64)),
    int(np.datetime64("2100-01-01T00:00:00", "ns").astype(np.int64)),
)
_COARSER = {"ms": "s", "us": "ms", "ns": "us"}
_FINER = {coarse: fine for fine, coarse in _COARSER.items()}


#: The numbers that may be dates written YYYYMMDD in the years avzone measures (:func:`_check_basic_dates`).
_BASIC_DATES = (19000101, 21891231)
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _check_basic_dates(ns: np.ndarray, codes: np.ndarray, unit: str, span: TimeSpan, name: str) -> None:
    """Refuse epoch numbers that are dates written YYYYMMDD (``20241017``, ISO 8601's basic date, as a day's logs
    and many tables write them), which read in ``unit`` are times in 1970 (1970-08-23 for seconds) with status ok.

    When the whole column (``span``) lies in :data:`_BASIC_DATES` read in ``unit`` and nine in ten of this chunk's
    usable numbers (``ns``: as read, nanoseconds; ``codes``: 0 where usable, or empty) are whole and calendar dates
    so written: epoch times of those numbers lie in August and September 1970 (seconds) or in the first hours of
    1970 (finer units), long before any zone, and so are no times measured, while the dates are. The error names
    the column and says to leave out the unit, which reads text such as ``20241017`` as that day."""
    per = TIME_UNITS[unit]
    if not (_BASIC_DATES[0] * per <= span.lo and span.hi <= _BASIC_DATES[1] * per):
        return
    use = ns != _NAT
    if codes.size:
        use &= codes == TIME_OK
    vals = ns[use]
    if vals.size == 0 or (vals % per).any():
        return
    days = vals // per
    year, month, day = days // 10_000, days // 100 % 100, days % 100
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    length = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    dates = (month >= 1) & (month <= 12) & (day >= 1) & (day <= length)
    if np.count_nonzero(dates) < 0.9 * dates.size:
        return

    def utc(v: int) -> str:
        return str(np.datetime64(v // 10**9, "s")).replace("T", " ")

    raise InputError(
        Message(
            "err_time_basic_dates",
            column=name,
            unit=unit,
            first=str(span.lo // per),
            last=str(span.hi // per),
            tfirst=utc(span.lo),
            tlast=utc(span.hi),
            option=Option("time_unit"),
        )
    )


#: Excel's day 0 (serial dates count days from it, 1900's leap day that never was included).
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")
#: Excel's serial days of 2000-01-01 and 2100-01-01.
_EXCEL_DAYS = (36_526, 73_051)


def _check_excel_serial(span: TimeSpan, name: str, unit: str) -> None:
    """Refuse epoch numbers in ``unit`` (``span``: all in 1970) that are Excel's serial dates: days since
    1899-12-30 in 2000-2099, with a time of day (a fraction of the unit) in some; whole numbers may be counted from
    a start."""
    per = TIME_UNITS[unit]
    lo, hi = span.lo, span.hi
    if not (_EXCEL_DAYS[0] <= lo // per and hi // per < _EXCEL_DAYS[1]):  # (the days of 2000-2099)
        return
    if span.grain >= per:  # (every number whole in the unit)
        return
    day = 86_400 * 10**9
    if math.isfinite(span.written_lo):  # (ns: the numbers as written, their fraction rounded away in lo and hi)
        days = (span.written_lo, span.written_hi)
        first, last = (_EXCEL_EPOCH + np.timedelta64(round(d * 86_400) * 10**9, "ns") for d in days)
    else:
        first = _EXCEL_EPOCH + np.timedelta64(lo // per * day + (lo % per) * (day // per), "ns")
        last = _EXCEL_EPOCH + np.timedelta64(hi // per * day + (hi % per) * (day // per), "ns")

    def when(v: np.datetime64) -> str:
        return str(v.astype("datetime64[s]")).replace("T", " ")

    def utc(v: int) -> str:  # (to the unit: 45583.5 ms is 1970-01-01 00:00:45.583)
        return str(np.datetime64(v // per * per, "ns").astype(f"datetime64[{unit}]")).replace("T", " ")

    raise InputError(
        Message(
            "err_time_excel_serial",
            column=name,
            unit=unit,
            first=utc(lo),
            last=utc(hi),
            dfirst=when(first),
            dlast=when(last),
        )
    )


#: The years of GPS fixes' times (:func:`mark_strays`): from 1990-01-01 00:00 (inclusive) to 2100-01-01 00:00
#: (exclusive), **Beijing time** (the clock naive times are read in, and the one the status names: "before 1990 or
#: from 2100 on, Beijing time"), here as those instants in nanoseconds since 1970-01-01 UTC, 1989-12-31T16:00Z and
#: 2099-12-31T16:00Z, for every kind of time alike: naive or zoned, text or datetimes, and epoch numbers, which are
#: instants (``631123200`` s is 1990-01-01 00:00 Beijing time, in those years, as ``1989-12-31T16:00Z`` is).
#: :func:`plausible_bounds` gives them for times written ahead of UTC (naive datetimes' wall clock).
PLAUSIBLE_NS = (
    int(np.datetime64("1990-01-01T00:00:00", "ns").astype(np.int64)) - BEIJING_OFFSET_NS,
    int(np.datetime64("2100-01-01T00:00:00", "ns").astype(np.int64)) - BEIJING_OFFSET_NS,
)
_NO_LO = np.iinfo(np.int64).max


def plausible_bounds(offset_ns: int = 0) -> tuple[int, int]:
    """:data:`PLAUSIBLE_NS` (1990 to 2099, Beijing time) for nanoseconds of values written ``offset_ns`` ahead of
    UTC (naive datetimes judged as written, on their wall clock: Beijing time's offset): a value ``v`` lies in those
    years when ``lo <= v < hi``.

    >>> lo, hi = plausible_bounds()  # (instants: UTC)
    >>> str(np.datetime64(lo, "ns").astype("datetime64[s]")), str(np.datetime64(hi, "ns").astype("datetime64[s]"))
    ('1989-12-31T16:00:00', '2099-12-31T16:00:00')
    >>> lo, hi = plausible_bounds(BEIJING_OFFSET_NS)  # (naive times' wall clock: Beijing time)
    >>> str(np.datetime64(lo, "ns").astype("datetime64[s]")), str(np.datetime64(hi, "ns").astype("datetime64[s]"))
    ('1990-01-01T00:00:00', '2100-01-01T00:00:00')
    """
    return PLAUSIBLE_NS[0] + offset_ns, PLAUSIBLE_NS[1] + offset_ns


@dataclass(frozen=True)
class TimeSpan:
    """What the column-wide time rules (:func:`check_unit_slip`, :func:`mark_strays`) ask of a time column.

    Of its usable times (code 0, not NaT): how many there are (``usable``),
    how many lie in 1990-2099, Beijing time (``inside``, :data:`PLAUSIBLE_NS`,
    whatever the clock the times are written on: :meth:`of`'s ``offset``), the
    first and last as written (``lo``, ``hi``, nanoseconds: naive datetimes'
    wall clock, else UTC; what :func:`check_unit_slip` judges, numbers as
    written) and, when all lie in 1970, the coarsest of 1 s, 1 ms, 1 us and
    1 ns (in nanoseconds) every one is a whole number of (``grain``; 0 when
    an epoch number in ns had a fraction of a nanosecond, rounded away,
    and then the least and the greatest of those numbers as written,
    ``written_lo``, ``written_hi``: Excel's serial dates,
    :func:`check_unit_slip`); of the numbers out of the years avzone
    measures (:data:`TIME_RANGE`, read in the unit given), the least and the
    greatest (``far_lo``, ``far_hi``: :func:`check_finer_slip`). Spans add up
    (``+``): a file job read in chunks,
    or a Dask job in partitions, sums its chunks' spans (:func:`time_span`)
    and gives the sum to :func:`to_ns`, so that the rules judge the whole
    column as they judge it in one piece, whatever the chunks.

    ``offset``: how far ahead of UTC ``lo`` and ``hi`` are written
    (:data:`BEIJING_OFFSET_NS` for naive datetimes' wall clock, else 0).
    Chunks written on different clocks (naive datetimes in some, times with
    a zone in others: Parquet files or row groups, Dask partitions) are
    compared as instants: their sum's first and last are those instants in
    Beijing time (the clock naive times are read in), as if the whole
    column were naive datetimes.
    """

    usable: int = 0
    inside: int = 0
    lo: int = _NO_LO
    hi: int = _NAT
    grain: int = 10**9
    far_lo: float = math.inf
    far_hi: float = -math.inf
    offset: int = 0
    written_lo: float = math.inf
    written_hi: float = -math.inf

    @classmethod
    def of(cls, ns: np.ndarray, codes: np.ndarray, offset: int = 0) -> TimeSpan:
        """The span of times ``ns`` (nanoseconds, written ``offset`` ns ahead of UTC: naive datetimes judged on their
        wall clock are :data:`BEIJING_OFFSET_NS` ahead) with their ``codes`` (empty: every one not NaT is usable)."""
        use = ns != _NAT
        if codes.size:
            use &= codes == TIME_OK
        vals = ns if use.all() else ns[use]
        if vals.size == 0:
            return cls()
        lo, hi = plausible_bounds(offset)
        first, last = int(vals.min()), int(vals.max())
        inside = vals.size if lo <= first and last < hi else int(np.count_nonzero((vals >= lo) & (vals < hi)))
        grain = 10**9
        if first >= 0 and last < _SLIP_END_NS:  # (asked of times in 1970 only)
            grain = next((g for g in (10**9, 10**6, 10**3) if not (vals % g).any()), 1)
        return cls(int(vals.size), inside, first, last, grain, offset=offset)

    def on_clock(self, offset: int) -> tuple[int, int]:
        """``lo`` and ``hi`` written ``offset`` ns ahead of UTC (the same instants on another clock)."""
        if self.usable == 0:
            return self.lo, self.hi
        return self.lo - self.offset + offset, self.hi - self.offset + offset

    def __add__(self, other: TimeSpan) -> TimeSpan:
        # (on one clock: the first and last as written; on two, as instants in Beijing time)
        if other.usable == 0 or self.offset == other.offset:
            offset = self.offset
        elif self.usable == 0:
            offset = other.offset
        else:
            offset = BEIJING_OFFSET_NS
        (lo, hi), (other_lo, other_hi) = self.on_clock(offset), other.on_clock(offset)
        return TimeSpan(
            self.usable + other.usable,
            self.inside + other.inside,
            min(lo, other_lo),
            max(hi, other_hi),
            min(self.grain, other.grain),
            min(self.far_lo, other.far_lo),
            max(self.far_hi, other.far_hi),
            offset,
            min(self.written_lo, other.written_lo),
            max(self.written_hi, other.written_hi),
        )


def check_unit_slip(
    ns: np.ndarray, codes: np.ndarray, unit: str | None, name: str, span: TimeSpan | None = None, typed: bool = False
) -> None:
    """Refuse epoch times that are plainly in a coarser unit than ``unit``: seconds read as milliseconds.

    When every usable time (``ns``: nanoseconds, UTC; ``codes``: 0 where
    usable, or empty) read in ``unit`` (ms, us or ns) lies in 1970 and the
    same numbers in a coarser unit lie in 2000-2099, the unit is
    wrong: the times would be weeks after the epoch and every segment a
    thousand or more times too short (no time gap ever found), while looking like
    times. Times since a trip's start (small numbers) are not refused:
    in the coarser unit they stay in 1970 too.

    So are numbers in any unit that are Excel's serial dates (days since
    1899-12-30, ``45474.3333`` for 2024-07-01 08:00: a date cell saved as
    "General"): every time in 1970, as days in 2000-2099, some with a
    fraction of the unit.

    ``typed``: the times are a column of datetimes (``ns`` as written, naive
    ones not shifted to UTC), judged as nanoseconds whatever their stored
    unit: every one in 1970 while 1,000, a million or a billion times as far
    from 1970 they lie in 2000-2099 are epoch numbers converted with too
    fine a unit (``pandas.to_datetime(seconds, unit="ms")``), refused as
    such. ``span``: the whole column's (:class:`TimeSpan`), when ``ns`` is
    one chunk of it; default the span of ``ns``.

    Raises
    ------
    InputError
        ``err_time_unit_slip``, naming ``name``, both units and both spans;
        ``err_time_typed_slip``, naming ``name``, the factor and both spans;
        ``err_time_excel_serial``, naming ``name`` and both spans.
    """
    if typed:
        unit = "ns"
    if unit not in _COARSER and unit != "s":
        return
    span = TimeSpan.of(ns, codes) if span is None else span
    if span.usable == 0:
        return
    if not typed:
        _check_basic_dates(ns, codes, unit, span, name)
    lo, hi = span.lo, span.hi
    if lo < 0 or hi >= _SLIP_END_NS:
        return
    _check_excel_serial(span, name, unit)
    if unit == "s":
        return
    coarser, factor = unit, 1
    while coarser in _COARSER:  # the coarser units in turn (ns: us, ms, s): the first that puts them in 2000-2099
        coarser, factor = _COARSER[coarser], factor * 1000
        if lo * factor >= _SLIP_YEARS[0] and hi * factor < _SLIP_YEARS[1]:
            break
    else:
        return

    def when(v: int) -> str:
        return str(np.datetime64(v // 1_000_000_000 * 1_000_000_000, "ns").astype("datetime64[s]")).replace("T", " ")

    spans = {"first": when(lo), "last": when(hi), "cfirst": when(lo * factor), "clast": when(hi * factor)}
    if typed:
        raise InputError(Message("err_time_typed_slip", column=name, factor=f"{factor:,}", **spans))
    option = Option("time_unit", coarser)
    raise InputError(Message("err_time_unit_slip", column=name, unit=unit, coarser=coarser, option=option, **spans))


def _split_nanoseconds(values: Any, codes: np.ndarray, span: TimeSpan) -> TimeSpan:
    """``span`` of epoch numbers in ns (``values``, not datetimes; ``codes``: 0 where usable) with ``grain`` 0
    and the numbers as written (``written_lo``, ``written_hi``) when every one is within Excel's serial days of
    2000-2099 and some has a fraction (of a nanosecond, rounded away in ``span``): :func:`check_unit_slip`
    judges them as Excel's dates."""
    if span.usable == 0 or not (_EXCEL_DAYS[0] <= span.lo and span.hi < _EXCEL_DAYS[1]):
        return span
    cells = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    cells = cells.ravel()
    if codes.size:
        cells = cells[codes == TIME_OK]
    nums = pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").to_numpy(dtype=float)
    nums = nums[np.isfinite(nums)]
    if not (nums % 1).any():
        return span
    return dataclasses.replace(span, grain=0, written_lo=float(nums.min()), written_hi=float(nums.max()))


def _far_numbers(values: Any, codes: np.ndarray) -> np.ndarray:
    """The numbers (finite floats) of the values out of the years avzone measures (:data:`TIME_RANGE`); none for
    datetimes."""
    far = codes == TIME_RANGE
    if not far.any() or _typed_times(values):
        return np.empty(0, dtype=float)
    cells = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    raw = cells.ravel()[far]
    nums = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(dtype=float)
    return nums[np.isfinite(nums)]


def check_finer_slip(values: Any, codes: np.ndarray, unit: str, name: str, span: TimeSpan | None = None) -> None:
    """Refuse epoch numbers that are plainly in a finer unit than ``unit``: milliseconds read as seconds.

    When no time is usable and those out of the years avzone measures
    (:data:`TIME_RANGE`: epoch milliseconds read as seconds lie tens of
    thousands of years on) all fall in 2000-2099 read in a finer unit (ms,
    us or ns, the first that does), the unit is wrong: every row would get
    a status of a time out of range, and none be placed in time. A chunk of
    a file is judged so only when the whole column has no usable time
    (:func:`to_ns`'s ``span``), and then by the whole column's numbers out
    of range (the span's ``far_lo`` to ``far_hi``), not by its own: a column
    of milliseconds and microseconds read as seconds is refused in no chunk,
    as in one piece, whatever the chunks.

    Raises
    ------
    InputError
        ``err_time_unit_slip_finer``, naming ``name``, both units and the span in the finer one.
    """
    if (codes == TIME_OK).any() or _typed_times(values):
        return
    if span is None:
        nums = _far_numbers(values, codes)
        if nums.size == 0:
            return
        least, greatest = float(nums.min()), float(nums.max())
    elif span.usable or span.far_lo > span.far_hi:
        return
    else:
        least, greatest = span.far_lo, span.far_hi
    lo_s, hi_s = (v / 1e9 for v in _SLIP_YEARS)  # (seconds since 1970)
    finer = unit
    while finer in _FINER:
        finer = _FINER[finer]
        per = TIME_UNITS[finer] / 1e9  # (TIME_UNITS: nanoseconds per unit)
        first_s, last_s = least * per, greatest * per
        if first_s >= lo_s and last_s < hi_s:
            break
    else:
        return

    def when(s: float) -> str:
        return str(np.datetime64(int(s), "s")).replace("T", " ")

    first, last = when(first_s), when(last_s)
    spans = {"first": first, "last": last}
    option = Option("time_unit", finer)
    raise InputError(Message("err_time_unit_slip_finer", column=name, unit=unit, finer=finer, option=option, **spans))


def mark_strays(
    ns: np.ndarray,
    codes: np.ndarray,
    unit: str | None,
    span: TimeSpan | None = None,
    typed: bool = False,
    text: bool = False,
    offset: int = 0,
) -> np.ndarray:
    """The time codes with :data:`TIME_STRAY` where a time is far from its column's others.

    With a ``unit`` (numbers read as epoch times), for a column of
    datetimes (``typed``: ``ns`` as written, naive ones not shifted to UTC)
    or of dates and times written as text (``text``: a ``1970-01-01
    08:00:00`` or ``1900-01-01`` a device or an export wrote for no time),
    when most of the usable
    times (``ns``; ``codes`` 0, or empty: every one not NaT) lie in
    1990-2099, Beijing time (:data:`PLAUSIBLE_NS`), a usable time outside those years is
    one read in the wrong unit: an Excel serial date (``45500.5``, 1970-01-01
    12:38 as seconds), seconds among milliseconds (weeks after 1970), a 0 a
    device wrote for no time. It would be a time, its row ``ok``: a gap of
    decades in a trip, a zone in force then. Times mostly outside those
    years (counted from a trip's start, all in 1970) are left as given, and
    so is every time without a ``unit`` that is neither ``typed`` nor
    ``text``. "Most" is of
    the whole column: ``span`` (:class:`TimeSpan`) when ``ns`` is one chunk
    of it, default the span of ``ns``.

    The years are Beijing time's for every kind of time: a naive
    ``1990-01-01 00:00`` is in them whether text or a datetime, and so are
    ``1989-12-31T16:00Z`` and the epoch number of that instant (epoch numbers
    are instants, judged as the same instant written with its zone).
    ``offset``: how far ahead of UTC ``ns`` are written (``typed`` naive
    datetimes judged on their wall clock: :data:`BEIJING_OFFSET_NS`), as
    :meth:`TimeSpan.of` takes it; the ``span`` given counts its times alike.

    Returns ``codes`` itself when no time is marked, else a new array (of
    ``ns.size`` codes when ``codes`` is empty); ``ns`` is not changed.

    >>> ns, codes = to_ns([1719792000, 1719792600, 45500.5, 1719793200], unit="s")
    >>> codes.tolist()
    [0, 0, 5, 0]
    """
    if (unit is None and not typed and not text) or ns.size == 0:
        return codes
    span = TimeSpan.of(ns, codes, offset) if span is None else span
    if span.usable == span.inside or 2 * span.inside <= span.usable:
        return codes
    use = ns != _NAT
    if codes.size:
        use &= codes == TIME_OK
    lo, hi = plausible_bounds(offset)
    stray = use & ((ns < lo) | (ns >= hi))
    if not stray.any():
        return codes
    out = codes.copy() if codes.size else np.zeros(ns.size, dtype=np.uint8)
    out[stray] = TIME_STRAY
    return out


def time_rules(
    ns: np.ndarray,
    codes: np.ndarray,
    unit: str | None,
    name: str,
    span: TimeSpan | None = None,
    typed: bool = False,
    offset: int = 0,
) -> np.ndarray:
    """The column-wide rules on times read (``ns``, ``codes``, ``offset``, as :func:`mark_strays` takes them): a
    column in a coarser unit than ``unit`` (or, ``typed``, datetimes made from numbers with too fine a unit) is
    refused (:func:`check_unit_slip`: the numbers as written), and a time far from most of the others gets
    :data:`TIME_STRAY` (:func:`mark_strays`: its years, Beijing time); both judge the whole column's ``span`` when
    given. Returns the codes."""
    if (unit is None and not typed) or ns.size == 0:
        return codes
    span = TimeSpan.of(ns, codes, offset) if span is None else span
    check_unit_slip(ns, codes, unit, name, span, typed)
    return mark_strays(ns, codes, unit, span, typed, offset=offset)


def _typed_times(values: Any) -> bool:
    """Whether ``values`` are typed as instants (numpy or pandas datetimes, Arrow timestamps): no unit applies."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        return bool(pa.types.is_timestamp(dtype.pyarrow_dtype))
    return isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M")


def _naive_typed(values: Any) -> bool:
    """Whether typed times (:func:`_typed_times`) are naive (Beijing time): the rules judge them as written."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.ArrowDtype):
        return dtype.pyarrow_dtype.tz is None
    return not isinstance(dtype, pd.DatetimeTZDtype)


def _written_times(values: Any) -> bool:
    """Whether ``values`` are text (or Python objects) read as dates and times: no unit, not typed as instants."""
    if isinstance(values, (list, tuple)):
        return any(isinstance(v, str) for v in values)
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.StringDtype):
        return True
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        return bool(pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(dtype.pyarrow_dtype))
    if isinstance(dtype, np.dtype):
        return dtype.kind in "OUS"
    typ = getattr(values, "type", None)  # (a pyarrow array)
    if typ is not None:
        import pyarrow as pa

        return bool(pa.types.is_string(typ) or pa.types.is_large_string(typ))
    return False


def _rule_times(values: Any, unit: str | None, ns: np.ndarray) -> tuple[bool | None, np.ndarray, int] | None:
    """Whether ``values`` are typed (None: text dates and times, :func:`_written_times`), the times the
    column-wide rules judge (naive datetimes as written, not shifted to UTC) and how far ahead of UTC those are
    (:data:`BEIJING_OFFSET_NS` for naive datetimes, else 0); None when no rule applies (numbers without a
    ``unit``)."""
    if _typed_times(values):
        if _naive_typed(values):
            return True, np.where(ns != _NAT, ns + BEIJING_OFFSET_NS, _NAT), BEIJING_OFFSET_NS
        return True, ns, 0
    if unit is None:
        return (None, ns, 0) if _written_times(values) else None
    return False, ns, 0


def time_span(values: Any, unit: str | None = None, name: str = "times") -> TimeSpan | None:
    """The :class:`TimeSpan` of one chunk of a time column, as :func:`to_ns` reads it; None when the column-wide
    rules do not apply to it (no ``unit`` and not datetimes). Sum the chunks' spans and give the sum to
    :func:`to_ns` for each chunk."""
    unit = check_unit(unit)
    values = _arrow_values(values)
    ns, codes = _to_ns(values, unit, name)
    ruled = _rule_times(values, unit, ns)
    if ruled is None:
        return None
    span = TimeSpan.of(ruled[1], codes, ruled[2])
    if unit == "ns" and ruled[0] is False:
        span = _split_nanoseconds(values, codes, span)
    if unit in _FINER and (nums := _far_numbers(values, codes)).size:  # (check_finer_slip judges the column's)
        span = dataclasses.replace(span, far_lo=float(nums.min()), far_hi=float(nums.max()))
    return span


def to_ns(
    values: Any, unit: str | None = None, name: str = "times", span: TimeSpan | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Times to ``int64`` nanoseconds since the epoch (UTC) and a time code per value.

    Naive times are Beijing time (see the module docstring); a pyarrow
    array is read by its Arrow type (a timestamp in its zone). Missing values
    (None, NaN, NaT, blank strings) get :data:`TIME_MISSING`, values that
    are not dates or times :data:`TIME_INVALID`, times before 1900 or from
    2190 on, Beijing time (:data:`TIME_FIRST`, :data:`TIME_END`: the same
    instants whatever the kind of time, naive or with a zone, a date or an
    epoch number) :data:`TIME_RANGE`; their nanoseconds are the int64
    minimum.

    ``unit`` (``"s"``, ``"ms"``, ``"us"`` or ``"ns"``; :func:`check_unit`)
    reads numbers as epoch times: that many units since 1970-01-01 **UTC**
    (not Beijing time); a ``Decimal`` or ``Fraction`` (a database's numeric
    column) is a number too, a ``Decimal`` read exactly from its digits.
    Integers are exact; a float's fraction is rounded to the nearest
    nanosecond (a half up, to the later nanosecond), and a float64 carries
    about 16 significant digits (seconds of today: to a fraction of a
    microsecond); a float32 column cannot hold today's epoch
    times (it steps by 128 s) and is refused (:func:`check_time_type`,
    naming ``name``), as are numpy float32 values in an object column and a
    column of times of day (Arrow ``time64``).
    Text that is a plain number (``"1719792000"``, ``"1719705600.1"``,
    ``"1.7e9"``: a CSV column read as text) is a number in that unit too,
    read exactly from its digits, and text that is a date/time is parsed as
    ever, so a column may mix both (text such as ``20240601``, a date in
    ISO 8601's basic form, is then a number). Without a unit every number
    is refused with :data:`TIME_NUMBER` (booleans: :data:`TIME_INVALID`).
    Numbers whose every time in ``unit`` (ms, us, ns) lies in 1970 while
    a coarser unit puts them in 2000-2099 (epoch seconds given as
    milliseconds) are refused naming ``name`` and the unit to give
    (:func:`check_unit_slip`). With a unit, a time before 1990 or from 2100
    on, Beijing time (:data:`PLAUSIBLE_NS`: epoch numbers are instants, their
    years those of the same instant with a zone), among times mostly in
    1990-2099 (an Excel serial date among epoch
    seconds) gets :data:`TIME_STRAY` (:func:`mark_strays`). A column of
    datetimes (numpy, pandas, Arrow: no unit applies) is judged by the same
    rules: every time in 1970 while a thousand, a million or a billion times
    as far from 1970 they lie in 2000-2099 (epoch seconds converted as
    milliseconds or nanoseconds) is refused, and a time outside 1990-2099
    among times mostly in them gets :data:`TIME_STRAY`, as the same numbers
    given with their unit do. ``span``: the whole column's
    :class:`TimeSpan` when ``values`` are one chunk of it (:func:`time_span`),
    so that these rules judge the column, not the chunk.

    A time needs its date: a time of day alone (``08:00:00``, ``8:00 AM``,
    ``T08:00``), a day without its year (``Jun 30``), a time of day with a
    year but not its month and day (``08:00 2024``, ``08:00 June 2024``), a
    month or year without its day (``2024-06``, ``June 2024``, numpy
    ``datetime64`` of years, months or weeks: the zone in force may change
    within it) and words (``now``, ``today``: any text without a digit) are
    :data:`TIME_INVALID`, never the day the job runs.

    >>> ns, codes = to_ns(["2024-06-30", "2024-06-29T16:00:00Z", "", "soon", "08:00:00", "now"])
    >>> bool(ns[0] == ns[1]), codes.tolist()
    (True, [0, 0, 1, 2, 2, 2])
    >>> ns, codes = to_ns([1719705600, 1719705600.5, float("nan"), 10**12], unit="s")
    >>> bool(ns[0] == to_ns(["2024-06-30T00:00:00Z"])[0][0]), int(ns[1] - ns[0]), codes.tolist()  # (UTC)
    (True, 500000000, [0, 0, 1, 3])
    """
    unit = check_unit(unit)
    values = _arrow_values(values)
    ns, codes = _to_ns(values, unit, name)
    if unit in _FINER and codes.size and (span is None or span.usable == 0):
        check_finer_slip(values, codes, unit, name, span)
    ruled = _rule_times(values, unit, ns)
    if ruled is not None:
        typed, judged, offset = ruled
        if typed is None:  # text dates: a date far from most of the column's (a 1970-01-01 for no time) a status
            marked = mark_strays(judged, codes, None, span, text=True)
        else:
            if unit == "ns" and typed is False and span is None:
                span = _split_nanoseconds(values, codes, TimeSpan.of(judged, codes, offset))
            marked = time_rules(judged, codes, unit, name, span, typed, offset)
        if marked is not codes:  # (their nanoseconds: the int64 minimum, as every unusable time's)
            ns, codes = np.where(marked == TIME_STRAY, _NAT, ns), marked
    return ns, codes


def _arrow_values(values: Any) -> Any:
    """A pyarrow Array or ChunkedArray as an Arrow-backed Series, its type kept (numpy would drop a timestamp's
    zone, reading UTC instants as naive Beijing time, 8 hours off); a list of Arrow scalars as their values, and
    so an object Series, index or array of them (``pd.Series(list(arrow_array), dtype=object)``), the Series' index
    kept; any other ``values`` as they are."""
    pa = sys.modules.get("pyarrow")  # (an Arrow array implies pyarrow is imported)
    if pa is None:
        return values
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return pd.Series(pd.arrays.ArrowExtensionArray(values))
    if isinstance(values, (list, tuple)) and any(isinstance(v, pa.Scalar) for v in values):
        return [v.as_py() if isinstance(v, pa.Scalar) else v for v in values]  # (list(arrow_array): its cells' values)
    objects = isinstance(values, (pd.Series, pd.Index, np.ndarray)) and values.dtype == object
    # (pandas tells the cells' kinds without Python per cell: Arrow scalars are "mixed", text or datetimes not)
    if objects and pd.api.types.infer_dtype(values, skipna=True).startswith("mixed"):
        cells = np.asarray(values, dtype=object)
        if any(isinstance(v, pa.Scalar) for v in cells.ravel().tolist()):
            flat = np.empty(cells.size, dtype=object)
            for i, v in enumerate(cells.ravel().tolist()):  # (one by one: a cell's value may be a list itself)
                flat[i] = v.as_py() if isinstance(v, pa.Scalar) else v
            if isinstance(values, pd.Series):
                return pd.Series(flat, index=values.index, dtype=object, name=values.name)
            return pd.Index(flat, dtype=object) if isinstance(values, pd.Index) else flat.reshape(cells.shape)
    return values


def _to_ns(values: Any, unit: str | None, name: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`to_ns` before the check of the unit's scale (``unit`` checked)."""
    if isinstance(values, (list, tuple)):  # (numpy would make a float32 beside text or integers text or float64)
        check_time_type(np.dtype(object), name, unit, np.array(values, dtype=object))
    if isinstance(values, pd.Index):
        values = pd.Series(values)
    if isinstance(values, pd.Series):
        # (by position: the values are taken in order, and a repeated label, as pd.concat leaves it, aligns with none)
        s = values if isinstance(values.index, pd.RangeIndex) else values.reset_index(drop=True)
        if isinstance(s.dtype, pd.PeriodDtype):  # (a day or less: its start; longer: no instant)
            if not _day_or_less(s.dtype.freq):
                nat = s.isna().to_numpy(dtype=bool)
                return np.full(nat.size, _NAT, dtype=np.int64), np.where(nat, TIME_MISSING, TIME_INVALID).astype(
                    np.uint8
                )
            start, end = s.dt.start_time, s.dt.end_time  # (one across midnight, "6h" from 23:00: no instant either)
            across = (start.dt.normalize() != end.dt.normalize()).to_numpy(dtype=bool) & s.notna().to_numpy(bool)
            s = start.where(~across)
            if across.any():
                ns, codes = _to_ns(s, unit, name)
                codes[across] = TIME_INVALID
                return ns, codes
    else:
        arr = np.asarray(values)
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if _coarse(arr.dtype):  # years, months, weeks: no instant (pandas would make them their first second)
            nat = np.isnat(arr.ravel())
            return np.full(nat.size, _NAT, dtype=np.int64), np.where(nat, TIME_MISSING, TIME_INVALID).astype(np.uint8)
        try:
            s = pd.Series(arr.ravel())
        except UnicodeEncodeError:  # (text pandas cannot store as its strings, a lone surrogate: judged value by value)
            s = pd.Series(arr.ravel(), dtype=object)
        if arr.dtype == object and s.dtype.kind == "M":  # (numpy datetimes as objects: pandas made them one column)
            cells = arr.ravel()
            if any(isinstance(v, np.datetime64) and _coarse(v.dtype) for v in cells):
                s = pd.Series(cells, dtype=object)  # (value by value: a month is refused)
    check_time_type(s.dtype, name, unit, s)
    if isinstance(s.dtype, pd.ArrowDtype):  # (pd.read_parquet(..., dtype_backend="pyarrow"), pyarrow CSV reading)
        s = _pandas_times(s)
    n = len(s)
    ns = np.full(n, _NAT, dtype=np.int64)
    codes = np.zeros(n, dtype=np.uint8)
    dtype = s.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        missing = s.isna().to_numpy(dtype=bool)
        ns, far = checked_ns(s.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
        codes[missing] = TIME_MISSING
        codes[far] = TIME_RANGE
        return ns, codes
    if dtype.kind == "M":
        missing = s.isna().to_numpy(dtype=bool)
        ns, far = checked_ns(s.to_numpy(), BEIJING_OFFSET_NS)
        codes[missing] = TIME_MISSING
        codes[far] = TIME_RANGE
        return ns, codes
    if dtype.kind in "fiub":
        missing = s.isna().to_numpy(dtype=bool)
        if dtype.kind == "b" or unit is None:
            codes[:] = TIME_INVALID if dtype.kind == "b" else TIME_NUMBER
            codes[missing] = TIME_MISSING
            return ns, codes
        return epoch_ns(_numbers(s, missing), unit, missing)
    text_only = _arrow_text(s)
    if text_only is not None:  # all text (or missing): trimmed, tested and parsed without a Python object per value
        import pyarrow.compute as pc

        trimmed = pc.utf8_trim_whitespace(text_only)
        missing = pc.fill_null(pc.equal(trimmed, ""), True).to_numpy(zero_copy_only=False)
        codes[missing] = TIME_MISSING
        idx = np.flatnonzero(~missing)
        if idx.size:
            ns[idx], codes[idx] = _text_times(trimmed if idx.size == n else trimmed.take(idx), unit)
        return ns, codes
    obj = s.astype(object)
    is_str = obj.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if is_str.any():  # text that cannot be encoded (a lone surrogate, as a JSON escape gives) is not a time
        unencodable = np.zeros(n, dtype=bool)
        unencodable[is_str] = ~np.fromiter((_encodable(v) for v in obj[is_str]), dtype=bool, count=int(is_str.sum()))
        if unencodable.any():
            cells = obj.to_numpy(dtype=object).copy()
            cells[unencodable] = "not a time"
            obj = pd.Series(cells, index=obj.index, dtype=object)
    text = obj.where(~is_str, obj[is_str].str.strip() if is_str.any() else obj)
    missing = (text.isna() | (is_str & (text == ""))).to_numpy(dtype=bool)
    codes[missing] = TIME_MISSING
    todo = ~missing
    if is_str.any():
        strs = todo & is_str
        if strs.any():
            import pyarrow as pa

            idx = np.flatnonzero(strs)
            ns[idx], codes[idx] = _text_times(pa.array(text[strs].astype(str).tolist(), pa.string()), unit)
    others = np.flatnonzero(todo & ~is_str)
    if unit is not None and others.size:  # numbers (an HTTP body's, a column of mixed cells): in bulk
        cells = obj.to_numpy(dtype=object)[others]
        kinds = np.fromiter((_number_kind(v) for v in cells), dtype=np.int8, count=cells.size)
        for kind, dtype_ in ((1, np.int64), (2, np.float64)):
            pick = kinds == kind
            if pick.any():
                try:
                    vals = np.array(cells[pick].tolist(), dtype=dtype_)
                except OverflowError:  # an integer beyond int64: value by value below
                    continue
                ns[others[pick]], codes[others[pick]] = epoch_ns(vals, unit)
                others[pick] = -1
        others = others[others >= 0]
    for i in others.tolist():  # datetime, date, Timestamp, datetime64 objects, numbers: few, one by one
        ns[i], codes[i] = _one_ns(obj.iat[i], unit)
    return ns, codes


def _across_days(period: pd.Period) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The start and end of a pandas Period in which the zone in force may change (stages change at 00:00 Beijing
    time), else None: one longer than a day (a week, a month), or one of a day or less across midnight (``6h``
    from 23:00, ``12h`` from 18:00): its start would stand for hours of the next day too. A Period is on the wall
    clock, naive: Beijing time."""
    start, end = period.start_time, period.end_time
    return (start, end) if not _day_or_less(period.freq) or start.normalize() != end.normalize() else None


def _day_or_less(freq: Any) -> bool:
    """Whether a pandas Period of ``freq`` spans a day or less (so lies within one stage, as stages change at 00:00
    Beijing time): days, business days, hours, minutes, seconds...; not weeks, months, quarters, years or 2D."""
    sample = pd.Period("2001-01-01", freq=freq)
    return bool(sample.end_time - sample.start_time < pd.Timedelta(days=1))


def _coarse(dtype: np.dtype[Any]) -> bool:
    """Whether ``dtype`` is numpy's ``datetime64`` of years, months or weeks (a period, not an instant)."""
    return dtype.kind == "M" and np.datetime_data(dtype)[0] in ("Y", "M", "W")


def _period(when: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a year, month or week given without its day (``"2024-06"``, ``"June 2024"``,
    ``"2024"``, ``np.datetime64("2024-06")``), else None."""
    if isinstance(when, pd.Period) and not _day_or_less(when.freq):
        return when.start_time.date(), when.end_time.date()
    if isinstance(when, np.datetime64) and _coarse(when.dtype) and not np.isnat(when):
        first = when.astype("datetime64[D]")
        following = (when + 1).astype("datetime64[D]")  # (one of its unit later)
        last = following - np.timedelta64(1, "D")
        return first.astype(dt.date), last.astype(dt.date)
    if not isinstance(when, str) or not re.search(r"\d{4}", when):
        return None
    from dateutil import parser  # type: ignore[import-untyped]

    one, two = _DEFAULTS
    try:
        with warnings.catch_warnings():  # (a zone's name dateutil does not know: no matter here)
            warnings.simplefilter("ignore")
            a = parser.parse(when.strip(), default=one)
            b = parser.parse(when.strip(), default=two)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year or a.hour == b.hour or (a.month == b.month and a.day == b.day):
        return None  # (a year left out, a time of day given, or a date: not a period)
    if a.month != b.month:
        return dt.date(a.year, 1, 1), dt.date(a.year, 12, 31)
    following = dt.date(a.year + a.month // 12, a.month % 12 + 1, 1)
    return dt.date(a.year, a.month, 1), following - dt.timedelta(days=1)


def _pandas_times(s: pd.Series) -> pd.Series:
    """An Arrow-backed column of timestamps (with or without a zone) or dates as pandas' own datetimes.

    Naive timestamps stay naive (Beijing time), zoned ones keep their zone,
    a date is 00:00 that day (naive). Other columns are returned as they are.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype = s.dtype
    if not isinstance(dtype, pd.ArrowDtype):
        return s
    kind = dtype.pyarrow_dtype
    if not (pa.types.is_timestamp(kind) or pa.types.is_date(kind)):
        return s
    arr = pa.array(s.array)
    if pa.types.is_date(kind):
        arr = pc.cast(arr, pa.timestamp("s"))
    return pd.Series(arr.to_pandas().array, index=s.index)


def _number_kind(v: Any) -> int:
    """1 for an integer, 2 for a float (numpy's too), 0 for anything else (booleans included)."""
    if isinstance(v, (bool, np.bool_)):
        return 0
    if isinstance(v, (int, np.integer)):
        return 1
    return 2 if isinstance(v, (float, np.floating)) else 0


def _numbers(s: pd.Series, missing: np.ndarray) -> np.ndarray:
    """A numeric column's values as a numpy array (int64, uint64 or float64; missing ones 0)."""
    kind = s.dtype.kind
    target = np.float64 if kind == "f" else np.uint64 if kind == "u" else np.int64
    if isinstance(s.dtype, np.dtype):
        a = s.to_numpy()
        return a if a.dtype == target else a.astype(target)
    return np.asarray(s.to_numpy(dtype=target, na_value=0), dtype=target)


#: The times usable in nanoseconds since the epoch: ``[_FIRST_NS, _END_NS)``.
_FIRST_NS = int(TIME_FIRST.astype(np.int64)) * 10**9
_END_NS = int(TIME_END.astype(np.int64)) * 10**9


def time_bounds(per: int = 1, offset_ns: int = 0) -> tuple[int, int]:
    """The times usable (:data:`TIME_FIRST` inclusive to :data:`TIME_END` exclusive) as counts of ``per``
    nanoseconds of values written ``offset_ns`` ahead of UTC (naive times: Beijing time's offset): a value ``v``
    is usable when ``lo <= v < hi``. Every reader checks the range against these bounds, whatever the kind of
    its times.

    >>> lo, hi = time_bounds(10**9)  # (epoch seconds, UTC)
    >>> str(np.datetime64(lo, "s")), str(np.datetime64(hi, "s"))
    ('1899-12-31T16:00:00', '2189-12-31T16:00:00')
    >>> lo, hi = time_bounds(10**9, BEIJING_OFFSET_NS)  # (naive times' wall clock: Beijing time)
    >>> str(np.datetime64(lo, "s")), str(np.datetime64(hi, "s"))
    ('1900-01-01T00:00:00', '2190-01-01T00:00:00')
    """
    return -((-_FIRST_NS - offset_ns) // per), -((-_END_NS - offset_ns) // per)


def epoch_ns(values: np.ndarray, unit: str, missing: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Epoch times (numbers of ``unit`` since 1970-01-01 UTC) to nanoseconds and time codes, as :func:`to_ns`.

    Integer arrays in integer arithmetic (no value can overflow: the range
    is checked in the values' unit first); floats are split into whole
    units and a fraction (exact), the fraction rounded to the nanosecond
    (a half up: to the later nanosecond). NaN and ``missing`` (a mask) are :data:`TIME_MISSING`; values
    outside :data:`TIME_FIRST` .. :data:`TIME_END` (infinities too)
    :data:`TIME_RANGE`.
    """
    per = TIME_UNITS[unit]
    a = np.asarray(values)
    n = a.size
    miss = np.zeros(n, dtype=bool) if missing is None else np.asarray(missing, dtype=bool)
    codes = np.zeros(n, dtype=np.uint8)
    if a.dtype.kind in "iu":
        lo, hi = time_bounds(per)  # exact: every unit divides a second
        if a.dtype.kind == "u":
            far = a >= np.uint64(hi)
            ints = np.where(far, 0, a).astype(np.int64)
        else:
            ints = a.astype(np.int64, copy=False)
            far = (ints < lo) | (ints >= hi)
        far &= ~miss
        bad = far | miss
        ns = np.where(bad, 0, ints) * per if bad.any() else ints * per
    else:
        f = a.astype(np.float64, copy=False)
        miss = miss | np.isnan(f)
        # a first look in the values' unit (a unit either side: the rounding below may cross a bound), then exact
        near = ~miss & (f >= _FIRST_NS / per - 1) & (f < _END_NS / per + 1)
        safe = np.where(near, f, 0.0)
        whole = np.floor(safe)
        ns = whole.astype(np.int64) * per + np.floor((safe - whole) * per + 0.5).astype(np.int64)
        far = ~miss & (~near | (ns < _FIRST_NS) | (ns >= _END_NS))
        bad = far | miss
    codes[miss] = TIME_MISSING
    codes[far] = TIME_RANGE
    return np.where(bad, _NAT, ns), codes


def _text_times(
    texts: Any, unit: str | None, plain_iso: bool = True, distinct: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Nanoseconds and time codes of stripped, non-blank texts (an Arrow text array).

    With ``unit`` the plain numbers among them are epoch times in that unit
    (exactly, from their digits), the rest dates/times; without,
    every text is parsed as a date/time and a number that is none gets
    :data:`TIME_NUMBER`. ``plain_iso``: from :data:`PLAIN_ISO_ROWS` texts on, those in the plainest layouts (ISO
    8601, Chinese, English month names) are read first in one compiled pass (:func:`avzone._isotime.plain_iso_ns`:
    the same instants); ``distinct``: from :data:`DISTINCT_ROWS` texts on, a column that repeats texts has each
    distinct text read once (a text's reading never depends on the texts beside it).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    if plain_iso and n >= PLAIN_ISO_ROWS:  # the plainest layouts in one compiled pass; the rest as below
        from avzone._isotime import plain_iso_ns

        ns, taken = plain_iso_ns(texts, digits=unit is None)  # (with a unit, digits are an epoch time)
        codes = np.zeros(n, dtype=np.uint8)
        rest = np.flatnonzero(~taken)
        if rest.size:
            ns[rest], codes[rest] = _text_times(texts.take(pa.array(rest)), unit, plain_iso=False)
        return ns, codes
    if distinct and n >= DISTINCT_ROWS:  # each distinct text once: a column's placeholders, times vehicles share
        encoded = pc.dictionary_encode(texts)
        if len(encoded.dictionary) < n:
            some_ns, some_codes = _text_times(encoded.dictionary, unit, plain_iso=False, distinct=False)
            at = encoded.indices.to_numpy(zero_copy_only=False)
            return some_ns[at], some_codes[at]
    ns = np.full(n, _NAT, dtype=np.int64)
    codes = np.zeros(n, dtype=np.uint8)
    number = pc.fill_null(pc.match_substring_regex(texts, _NUMBER_TEXT), False).to_numpy(zero_copy_only=False)
    dates = ~number if unit is not None else np.ones(n, dtype=bool)
    idx = np.flatnonzero(dates)
    if idx.size:
        sub_arr = texts if idx.size == n else texts.take(pa.array(idx))
        naive = ~pc.fill_null(pc.match_substring_regex(sub_arr, _TZ_SUFFIX), False).to_numpy(zero_copy_only=False)
        vals, far, good = _parse_texts(pd.Series(pd.array(sub_arr, dtype=pd.StringDtype("pyarrow"))), naive)
        ns[idx[good]] = vals[good]
        codes[idx[~good]] = TIME_INVALID
        codes[idx[far]] = TIME_RANGE
    if unit is None:  # (a number the ISO reader made a year out of range, "-5", is a number too; "25000101" a date)
        codes[number & (codes == TIME_INVALID)] = TIME_NUMBER
        far = np.flatnonzero(number & (codes == TIME_RANGE))
        if far.size:
            import pyarrow as pa

            codes[far[~_iso_digits(texts.take(pa.array(far)))]] = TIME_NUMBER
        return ns, codes
    idx = np.flatnonzero(number)
    if idx.size:
        nums = texts if idx.size == n else texts.take(pa.array(idx))
        ns[idx], codes[idx] = _number_texts(nums, unit)
    return ns, codes


#: From how many texts :func:`_text_times` reads the plainest ISO 8601 layouts in a compiled pass
#: (:mod:`avzone._isotime`): fewer are read as the rest are, without loading the compiler.
PLAIN_ISO_ROWS = 2_048
#: From how many texts (of layouts the compiled pass leaves) :func:`_text_times` reads each distinct text once.
DISTINCT_ROWS = 256


def _iso_digits(texts: Any) -> np.ndarray:
    """Which texts are digits as ISO 8601's basic form writes a date and time (``20240630``, ``202406300800``,
    ``20240630080000``)."""
    import pyarrow.compute as pc

    match = pc.match_substring_regex(texts, r"^\d{8}(?:\d{4}(?:\d{2})?)?$")
    return np.asarray(pc.fill_null(match, False).to_numpy(zero_copy_only=False), dtype=bool)


def _number_texts(texts: Any, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Epoch times of texts that are plain numbers: integers in bulk, the others digit by digit: all exact."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    ns = np.full(n, _NAT, dtype=np.int64)
    codes = np.zeros(n, dtype=np.uint8)
    integer = pc.match_substring_regex(texts, _INTEGER_TEXT).to_numpy(zero_copy_only=False)
    idx = np.flatnonzero(integer)
    if idx.size:
        sub = texts.take(pa.array(idx))
        try:
            ints = pc.cast(sub, pa.int64()).to_numpy(zero_copy_only=False)
            ns[idx], codes[idx] = epoch_ns(ints, unit)
        except pa.ArrowInvalid:  # beyond int64: out of range, whatever the unit
            for j, v in zip(idx.tolist(), sub.to_pylist()):
                big = int(v)
                if -(2**63) <= big < 2**63:
                    ns[j : j + 1], codes[j : j + 1] = epoch_ns(np.array([big], dtype=np.int64), unit)
                else:
                    codes[j] = TIME_RANGE
    idx = np.flatnonzero(~integer)
    for j, v in zip(idx.tolist(), texts.take(pa.array(idx)).to_pylist()):
        ns[j], codes[j] = _decimal_ns(v, TIME_UNITS[unit])
    return ns, codes


def _decimal_ns(text: str, per: int) -> tuple[int, int]:
    """Nanoseconds and time code of a number written as text (:data:`_NUMBER_TEXT`) counting units of ``per`` ns.

    Exact: the digits before and after the decimal point and the exponent
    are read as integers (``"1719705600.1"`` s is 1719705600100000000 ns;
    through a float it was ...099999905), the result rounded to the
    nanosecond as a float's is (a half up: to the later nanosecond).
    """
    m = re.fullmatch(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?", text)
    if m is None:
        return _NAT, TIME_INVALID
    digits = (m[2] + (m[3] or "")).lstrip("0") or "0"
    exp = int(m[4] or 0) - len(m[3] or "")  # the value is int(digits) * 10**exp
    if digits == "0" or len(digits) + exp < -30:  # zero, or under 10**-30 units: 0 ns once rounded
        return 0, TIME_OK
    if len(digits) + exp > 30:  # far beyond 2190 in any unit (and no huge integer built)
        return _NAT, TIME_RANGE
    value = int(digits) * per * (-1 if m[1] == "-" else 1)
    if exp >= 0:
        total = value * 10**exp
    else:
        scale = 10**-exp
        total = (2 * value + scale) // (2 * scale)  # floor(value / scale + 1/2)
    if not _FIRST_NS <= total < _END_NS:
        return _NAT, TIME_RANGE
    return total, TIME_OK


def _arrow_text(s: pd.Series) -> Any:
    """``s`` as an Arrow text array when every value is text or missing (None, NaN, pd.NA), else None."""
    import pyarrow as pa

    dtype = s.dtype
    if isinstance(dtype, pd.ArrowDtype) and not (
        pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(dtype.pyarrow_dtype)
    ):
        return None
    plain = isinstance(dtype, np.dtype) and dtype.kind == "O"
    if not (isinstance(dtype, (pd.StringDtype, pd.ArrowDtype)) or plain):
        return None
    try:
        arr = pa.array(s.to_numpy(dtype=object) if plain else s.array, from_pandas=True)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):  # objects not all text: value by value
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    return arr


def _parse_texts(
    sub: pd.Series, naive: np.ndarray, value_by_value: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nanoseconds (UTC), whether out of range and whether parsed, of stripped, non-blank texts ``sub``.

    ``naive``: the texts without a time zone, read as Beijing time. ISO 8601
    in one pass; a zone in brackets at Beijing's offset or UTC's (:func:`_bracket_zones_ns`), the plainest Chinese
    layouts (:func:`_plain_chinese_ns`), Go's ``time.Time.String()`` (:func:`_go_times_ns`), other common layouts
    (:func:`_common_layouts_ns`),
    year-first dates no calendar has and a zone's abbreviation after the clock (:func:`_impossible_dates`,
    :func:`_abbreviated_zones`: refused) in one Arrow pass each; other layouts value by value, once per distinct
    text (:func:`_other_layouts`). An
    offset to the second (``+08:05:43``), or a zone in brackets whose offset
    is not whole minutes, is read to the second (:func:`_exact_offsets`). Without ``value_by_value`` the texts no
    one pass takes are left unread (not parsed).
    """
    # a mark after the time (a sentence's end, "2024-10-17 08:00 +0800.", "+0800;", "08:00。"): never left out unread,
    # whichever mark (:data:`_STRAY_END`); the few such texts found in one pass
    stray = np.flatnonzero(sub.str.contains(_STRAY_END, regex=True).fillna(False).to_numpy(dtype=bool))
    if stray.size:
        stray = stray[~sub.iloc[stray].str.contains(_STRAY_END_KEPT, regex=True).to_numpy(dtype=bool)]
    # a zone in brackets, Asia/Shanghai at Beijing's offset or UTC (2024-10-17T08:00:00+08:00[Asia/Shanghai], Java's
    # ZonedDateTime): in one pass
    bracketed = np.zeros(len(sub), dtype=bool)
    bracket_ns = np.zeros(len(sub), dtype="datetime64[ns]")
    ends = np.flatnonzero(sub.str.endswith("]").fillna(False).to_numpy(dtype=bool))
    if ends.size:
        zoned_ns, zoned = _bracket_zones_ns(sub.iloc[ends])
        bracketed[ends[zoned]], bracket_ns[ends[zoned]] = True, zoned_ns[zoned]
    sub, exact, rewritten = _exact_offsets(sub, bracketed)
    naive = naive & ~rewritten & ~bracketed
    offsets = np.where(naive, BEIJING_OFFSET_NS, 0) - exact
    parsed = pd.to_datetime(sub, errors="coerce", utc=True, format="ISO8601").dt.tz_localize(None).to_numpy()
    parsed = np.where(_first_pass_refused(sub, naive), np.datetime64("NaT"), parsed)
    parsed = np.where(_zone_unread(sub, naive & ~np.isnat(parsed)), np.datetime64("NaT"), parsed)
    vals, far = checked_ns(parsed, offsets)
    good = ~np.isnat(parsed)
    if bracketed.any():  # (instants, UTC; apart from the others, whose unit may be coarser than nanoseconds)
        vals[bracketed], far[bracketed] = checked_ns(bracket_ns[bracketed])
        good[bracketed] = True
    retry = ~good
    if retry.any():  # digits alone are a date and time year first (ISO 8601's basic form, 202403190800[00]) or a
        # number, never a date guessed ("240319": 2024-03-19, or 24 March 2019 as dateutil read it)
        number = sub.str.fullmatch(_NUMBER_TEXT).fillna(False).to_numpy(dtype=bool)
        retry &= ~number | sub.str.fullmatch(r"\d{12}(?:\d{2})?").fillna(False).to_numpy(dtype=bool)
    if retry.any():  # the plainest Chinese layout (2024年10月17日 08:00), naive, read in one pass
        fast = np.flatnonzero(retry & naive)
        if fast.size:
            ns, ok = _plain_chinese_ns(sub.iloc[fast])
            done = fast[ok]
            vals[done], far[done] = checked_ns(ns[ok], BEIJING_OFFSET_NS)
            good[done] = True
            retry[done] = False
    if retry.any():  # Go's time.Time.String() (2024-10-17 08:00:00 +0800 CST m=+0.000123), in one pass
        fast = np.flatnonzero(retry & (exact == 0))
        if fast.size:
            ns, ok, off = _go_times_ns(sub.iloc[fast])
            done = fast[ok]
            vals[done], far[done] = checked_ns(ns[ok], off[ok])
            good[done] = True
            retry[done] = False
    if retry.any():  # other common layouts (20241017080000, 2024/10/17 下午8:00, Oct 17, 2024 8:00 PM, 2024-10-17
        # 08:00:00 UTC), in one pass each
        fast = np.flatnonzero(retry & (exact == 0))
        if fast.size:
            ns, ok, off = _common_layouts_ns(sub.iloc[fast], naive[fast])
            done = fast[ok]
            vals[done], far[done] = checked_ns(ns[ok], off[ok])
            good[done] = True
            retry[done] = False
    if retry.any():  # a year-first date or a clock that cannot be (2024-13-01, 2024-02-30, 08:61): none, in one pass
        at = np.flatnonzero(retry)
        retry[at[_impossible_dates(sub.iloc[at])]] = False
    if retry.any():  # a zone's abbreviation after the clock, no offset (2024-10-17 08:00:00 CST; Java's Date, Thu Oct
        # 17 08:00:00 CST 2024): none, in one pass
        at = np.flatnonzero(retry)
        retry[at[_abbreviated_zones(sub.iloc[at])]] = False
    if retry.any():  # Beijing time named in Chinese (北京时间 2024-10-17 08:00, 2024年10月17日 08:00（北京时间）): the
        # text as the value-by-value reading rewrites it (the name as +08:00, or none after a clock), read by the one
        # passes above; a text none of them takes is read value by value as written (the name as +08:00 after any
        # clock: "2024星期四-02-29 23:59:59 北京时间" is no time, though without a zone the parser read it)
        at = np.flatnonzero(retry & (exact == 0))
        at = at[sub.iloc[at].str.contains(_CN_BEIJING_NAME, regex=True).fillna(False).to_numpy(dtype=bool)]
        if at.size:
            new, ok = _beijing_named(sub.iloc[at])
            done = at[ok]
            if done.size:
                texts = pd.Series(new[ok], dtype=object)
                zoned = texts.str.contains(_TZ_SUFFIX, regex=True).to_numpy(dtype=bool)
                vals[done], far[done], good[done] = _parse_texts(texts, ~zoned, value_by_value=False)
                retry[done[good[done]]] = False
    if retry.any() and value_by_value:  # other layouts, value by value, each distinct text (and offset to the
        # second) once: a column's placeholders (0000-00-00 00:00:00, N/A) and the times several vehicles share are
        # read once
        at = np.flatnonzero(retry)
        texts = sub.iloc[at].astype(object)
        keys = texts if not exact[at].any() else texts + "\0" + pd.Series(exact[at], index=texts.index).astype(str)
        codes, firsts = pd.factorize(keys, sort=False)
        first = np.zeros(len(firsts), dtype=np.int64)
        first[codes] = np.arange(len(codes))  # (a row of each distinct key: all its rows read alike)
        some_ns, some_far, some_good = _other_layouts(texts.iloc[first].reset_index(drop=True), exact[at][first])
        vals[at], far[at], good[at] = some_ns[codes], some_far[codes], some_good[codes]
    # a text without a digit holds no date: "now", "today" (which pandas reads as the current instant), "noon".
    # Such a text can only have been read as a time within days of now: only those texts are looked at
    near = np.flatnonzero(good & ~far & (np.abs(vals - time.time_ns()) <= _WORDS_NEAR_NS))
    if near.size:
        wordy = near[~sub.iloc[near].str.contains(r"\d", regex=True).to_numpy(dtype=bool)]
        vals[wordy], far[wordy], good[wordy] = _NAT, False, False
    vals[stray], far[stray], good[stray] = _NAT, False, False
    return vals, far, good


# a mark of punctuation at a text's end ("2024-10-17 08:00 +0800.", "08:00;", "08:00 ,", "08:00。", full-width forms
# too; a slash, a quote, a hyphen: "08:00/", "08:00'", "2024-10-17 -"): no layout ends so, and the mark is never left
# out unread (a sentence's end or a list's separator: the text is refused, naming it, :func:`_stray_end_why`), but for
# the dots of a.m. and p.m. and the decimal mark of a fraction of a second written without its digits, "08:00:00."
# (:data:`_STRAY_END_KEPT`: read, as ever; both written without lookarounds, for Arrow's regular expressions); a lone
# mark no layout has at all, | ~ * # @ & (full-width too: ｜ ～ ＊ ＃ ＠ ＆), at the end as well
_STRAY_END = r"[.,;!?/'\"\-、。，．；！？｡､|~*#@&｜～＊＃＠＆]\s*$"
_STRAY_END_KEPT = r"[AaPp]\.[Mm]\.$|\d:\d{2}:\d{2}[.,]$"


# a mark of punctuation before a time's end that no layout has and the parser skipped unread ("2024-10-18 ' 08:00",
# "'2024-10-18 08:00", "2024-10-18 ; 08:00", "2024-10-18 / 08:00", "2024-10-18 - 08:00": a quote or a semicolon
# anywhere, a slash or a dash standing apart after a date or before a clock or zone, not one between the numbers of a
# date, "2024 / 10 / 18"): refused, naming the mark (:func:`_stray_inside_why`); only the texts no one pass reads are
# looked at (:func:`_other_layouts`). A lone mark no layout has, | ~ * # @ & (full-width too), anywhere but in brackets
# (a comment after a zone, "+0800 (a & b)", read as ever: RFC 5322's). A comma standing apart after a year-first date
# in digits, before a clock ("2024-10-18 , 08:00": a slip, or two columns joined with ", "; it was read, the comma left
# out): refused, naming the comma (:func:`_stray_inside_why`); a comma against the date ("2024-10-18, 08:00", as
# JavaScript's toLocaleString writes en-CA's "2024-10-18, 8:00:00 a.m.") and after an English date ("Oct 18, 2024
# 08:00", "Oct 18 , 2024") stay read: layouts that write it so
_STRAY_INSIDE = re.compile(
    r"(?P<quote>[\'\"‘’“”;；])(?!\s*$)"
    r"|(?P<lone>[|~*#@&｜～＊＃＠＆])(?![^()（）]*[)）])(?!\s*$)"
    r"|(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+(?P<comma>[,，])(?=\s*\d)"
    r"|(?:^|\s)\S*[^\d\s]\s+(?P<after>/|-+)(?=\s)"
    r"|(?<=\s)(?P<before>/|-+)\s+(?=\S*[^\d\s/\-])"
)
_STRAY_INSIDE_ANY = re.sub(r"\(\?P<\w+>", "(?:", _STRAY_INSIDE.pattern)  # (the same, no groups)


#: Beijing time named in Chinese (the names of :data:`_CN_BEIJING`, not CST): the texts :func:`_beijing_named` takes
_CN_BEIJING_NAME = "北京时间|北京時間|中国标准时间|中國標準時間"
# a letter other than a T between digits (ISO 8601's): what the rewrites before :func:`_beijing_words` need but for
# an ordinal date (a log's month name, a week's W, a day of the week)
_LETTER_NOT_T = re.compile(r"[A-SU-Za-su-z]|(?<!\d)[Tt]|[Tt](?!\d)")
# a clock written in full at a text's end (hh:mm, hh:mm:ss, a fraction), after a space, a T or a Chinese date
_FULL_CLOCK_AT_END = re.compile(r"(?:[\sT]|日)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$")
# UTC or GMT as a word, in any case (:func:`_beijing_words`: a text naming another zone besides Beijing time)
_UTC_GMT_WORD = re.compile(r"\b(?:UTC|GMT)\b", re.IGNORECASE)


def _beijing_named(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Texts naming Beijing time in Chinese (:data:`_CN_BEIJING_NAME`), each as the value-by-value reading
    (:func:`_other_layouts`) rewrites it before reading it: full-width forms as ASCII, then the name as the offset
    +08:00 (:func:`_beijing_words`; left out after a clock written in full: a text without a zone is Beijing time);
    and which texts are so taken. Left (False): a text the name's place does not change (two zones: as written),
    and one that the rewrites done before the name's (a log's month name, a week or ordinal date at the start, a day
    of the week) might change before or after it, whose order then matters. The rewritten texts are read by the one
    passes of :func:`_parse_texts`, where each took 75 to 120 µs value by value; those no one pass takes are read
    value by value as written.

    >>> texts = ["北京时间 2024-10-17 08:00", "2024/10/17 08:00（北京时间）", "北京时间 2024-10-17 08:00 +09:00"]
    >>> new, ok = _beijing_named(pd.Series(texts))
    >>> new[ok].tolist(), ok.tolist()
    (['2024-10-17 08:00', '2024/10/17 08:00'], [True, True, False])
    >>> _beijing_named(pd.Series(["北京时间 2024-10-17"]))[0].tolist()
    ['2024-10-17 +08:00']
    """
    given = texts.astype(object)
    wide = given.str.contains(_FULL_WIDTH, regex=True).to_numpy(dtype=bool)
    if wide.any():  # (as _other_layouts does first)
        given = given.copy()
        given[wide] = given[wide].str.normalize("NFKC")
    given = given.str.replace(_UT_ZONE, r"\1UTC\2", regex=True)  # (RFC 5322's UT: UTC, as _other_layouts does)
    # _beijing_words on every text at once: the same patterns in the same order
    rest = given.str.replace(_CN_BEIJING, " ", regex=True).str.strip()
    rest = rest.str.replace(_BRACKETED_GMT_OFFSET, r"\1 \2", regex=True)  # ("(UTC+8)": as _beijing_words)
    plus_8 = rest.str.contains(_PLUS_8_AT_END, regex=True).to_numpy(dtype=bool)
    zoned = (" " + rest).str.contains(_ZONE_TOKEN, regex=True) | rest.str.contains(_UTC_GMT_WORD, regex=True)
    as_written = ~plus_8 & zoned.to_numpy(dtype=bool)
    # (a text ending in a clock written in full reads alike without a zone, as Beijing time, in the one passes; any
    # other with +08:00 after it, as written for the value-by-value reading: a date alone then is no time)
    clock = rest.str.count(_FULL_CLOCK_AT_END.pattern).to_numpy(dtype=bool)
    new = rest.where(clock | plus_8, rest + " +08:00")
    ok = ~as_written  # (every text names it: the caller picked them, :data:`_CN_BEIJING_NAME`)
    # (the rewrites done before it, which need a letter besides a T between digits, or an ordinal date at the
    # start: left to that reading)
    for pattern in (_LETTER_NOT_T, _ORDINAL_DATE):
        ok &= ~((given.str.count(pattern.pattern) > 0) | (new.str.count(pattern.pattern) > 0)).to_numpy(dtype=bool)
    return new.to_numpy(dtype=object), ok


def _other_layouts(texts: Any, exact: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nanoseconds (UTC), whether out of range and whether read, of ``texts`` (a Series of objects, indexed from 0)
    that ISO 8601 does not read (:func:`_parse_texts`), each with the nanoseconds its offset to the second adds
    (``exact``)."""
    # (checked on their own: their unit may differ from the first pass's, which a time out of the
    # nanosecond range, such as 2500-01-01 beside times to the nanosecond, failed to fit)
    given = texts
    wide = texts.str.contains(_FULL_WIDTH, regex=True).to_numpy(dtype=bool)
    if wide.any():  # full-width forms as their ASCII ones ("08：00", as a Chinese input method types it)
        texts = texts.copy()
        texts[wide] = texts[wide].str.normalize("NFKC")
    texts = texts.str.replace(_UT_ZONE, r"\1UTC\2", regex=True)  # (RFC 5322's UT: UTC)
    texts = texts.str.replace(_COMMON_LOG, _common_log, regex=True)
    texts = texts.str.replace(_WEEK_DATE, _week_date, regex=True).str.replace(_ORDINAL_DATE, _ordinal_date, regex=True)
    texts = texts.str.replace(_WEEKDAY_LONGER, _weekday_three, regex=True)  # (Tue, Wed, Thu)
    chinese = texts.str.contains(r"[年时時点點午星周週拜晨晚夜]", regex=True).to_numpy(dtype=bool)
    if chinese.any():
        texts = texts.copy()
        texts[chinese] = (
            texts[chinese]
            .map(_beijing_words)
            .str.replace(_CN_WEEKDAY, _chinese_weekday, regex=True)
            .str.replace(_CN_DATE, _chinese_date, regex=True)
            .str.replace(_CN_CLOCK, _chinese_clock, regex=True)
            .str.replace(_CN_HALF_DAY, _half_day, regex=True)
            .str.replace(_CN_PART_OF_DAY, _part_of_day, regex=True)
            .str.replace(_CN_MIDNIGHT, " 24:00", regex=True)
            .str.strip()
        )
    bjt = texts.str.contains(_BJT, regex=True).fillna(False).to_numpy(dtype=bool)
    if bjt.any():  # BJT: Beijing time's one offset, in any text (as 北京时间 in a Chinese one)
        texts = texts.copy()
        texts[bjt] = texts[bjt].map(lambda t: _beijing_words(t, _BJT))
    # 24:00 (ISO 8601's end of a day) is 00:00 the next day, a leap second (23:59:60) the last nanosecond of its
    # minute: read as 00:00 and :59, and moved once parsed
    later = np.zeros(len(texts), dtype=np.int64)
    ends = texts.str.contains(_END_OF_DAY, regex=True).to_numpy(dtype=bool)
    leaps = texts.str.contains(_LEAP_SECOND, regex=True).to_numpy(dtype=bool)
    if ends.any() or leaps.any():
        texts = texts.str.replace(_END_OF_DAY, "00:00", regex=True).str.replace(_LEAP_SECOND, ":59", regex=True)
        later = np.where(ends, 86_400 * 10**9, 0) + np.where(leaps, 10**9 - 1, 0)
    lower = texts.str.contains(_UTC_WORD, regex=True).to_numpy(dtype=bool)
    if lower.any():  # (the parser and the patterns here know UTC and GMT in capitals)
        texts = texts.str.replace(_UTC_WORD, lambda m: m[0].upper(), regex=True)
    texts = texts.str.replace(_ZONE_ONLY, _zone_offset, regex=True)
    texts = texts.str.replace(_NUMERIC_ABBREVIATION, _numeric_abbreviation, regex=True)
    texts = texts.str.replace(_ZONE_NAME, _offset_alone, regex=True)
    texts = texts.str.replace(_ZONE_BEFORE_YEAR, _year_before_time, regex=True)
    texts = texts.str.replace(_BRACKETED_GMT_OFFSET, r"\1 \2", regex=True)
    texts = texts.str.replace(_BRACKETED_NAME, _named_offset, regex=True)
    texts = texts.str.replace(_GMT_OFFSET, _east_of_greenwich, regex=True)
    texts = texts.str.replace(_ABBREVIATION_OFFSET, _time_east_of_greenwich, regex=True)
    # (pandas gives the column one unit, nanoseconds where a text has a finer fraction than microseconds, and a time
    # that unit cannot hold, 2262-01-01, then reads as none: the parser is given the fractions to the microsecond, so
    # that a text's answer never depends on the others; the digits past them are read from the text below)
    to_parse = texts.str.replace(_FINE_FRACTION_CUT, r"\1", regex=True)
    finer = to_parse.str.contains(_FINER_LEFT, regex=True).to_numpy(dtype=bool)
    if finer.any() and len(given) > 1:  # (a finer fraction the cut leaves, "08:00:0.123456789": each such text alone)
        apart = np.full(len(given), _NAT, dtype=np.int64), np.zeros(len(given), bool), np.zeros(len(given), bool)
        for pick in (np.flatnonzero(~finer), *np.flatnonzero(finer).reshape(-1, 1)):
            some = _other_layouts(given.iloc[pick].reset_index(drop=True), exact[pick])
            for whole, part in zip(apart, some, strict=True):
                whole[pick] = part
        return apart
    again = pd.to_datetime(to_parse, errors="coerce", utc=True, format="mixed")
    unclear = (
        (texts.str.count(_CLOCK) > 1)
        | (texts.str.count(_YEAR_FIRST_DATE) > 1)
        | texts.map(_surplus_numbers).astype(bool)
        | texts.map(_ambiguous_date).astype(bool)
        | texts.str.contains(_SIX_DIGIT_DATE, regex=True)
        | texts.str.contains(_DASH_CLOCK_OR_OFFSET, regex=True)
        | texts.map(lambda t: _short_year_day(t) is not None).astype(bool)
        | texts.str.contains(_NAMED_OFFSET_INSIDE, regex=True)
        | (texts.str.count(_ZONE_TOKEN) > 1)
        | texts.str.contains(_OFFSET_AFTER_OFFSET, regex=True)
        | texts.str.contains(_OFFSET_THREE_ANY, regex=True)
        | texts.str.contains(_HOUR_NOT_12, regex=True)
        | texts.str.contains(_HALF_DAY_AFTER_ZONE_ANY, regex=True)
        | texts.str.contains(_BAD_OFFSET, regex=True)
        | texts.str.contains(_YEAR_AS_CLOCK, regex=True)
        | texts.str.contains(_SHORT_CLOCK, regex=True)  # (as the first pass: whatever the year, in range or not)
        | texts.str.contains(_STRAY_INSIDE_ANY, regex=True)
        | _names_disagree(texts)
    )
    again_vals = np.where(unclear.to_numpy(dtype=bool), np.datetime64("NaT"), again.dt.tz_localize(None).to_numpy())
    retry_naive = ~(texts.str.contains(_TZ_SUFFIX, regex=True) | texts.str.contains(_TZ_AFTER_TIME, regex=True))
    retry_naive = retry_naive.to_numpy(dtype=bool).copy()
    parsed_again = ~np.isnat(again_vals)
    inside = np.flatnonzero(~retry_naive & parsed_again & ~texts.str.contains(_TZ_SUFFIX, regex=True).to_numpy(bool))
    if inside.size:  # a zone seen inside the text that the parser did not read as one ("1900- 01-01 00:00": " 01"
        # as an hour, "-01" as its offset): naive, Beijing time (read as UTC, it was 8 hours off)
        retry_naive[inside] = [_naive_read(t) for t in texts.iloc[inside].tolist()]
    ask = np.flatnonzero(retry_naive & parsed_again & texts.str.contains(_MAYBE_ZONE_AT_END).to_numpy(dtype=bool))
    if ask.size:
        retry_naive[ask] = [not _zoned(t) for t in texts.iloc[ask].tolist()]
    unread = _zone_unread(texts, retry_naive & parsed_again)
    if unread.any():
        again_vals = np.where(unread, np.datetime64("NaT"), again_vals)
        parsed_again = ~np.isnat(again_vals)
    named = texts.str.extract(_WEEKDAY, expand=False)
    dayed = np.flatnonzero(named.notna().to_numpy(dtype=bool) & parsed_again)
    if dayed.size:  # the weekday written must be the date's (the parser reads past it)
        again_vals = again_vals.copy()
        again_vals[dayed[~_weekday_agrees(texts.iloc[dayed], named.iloc[dayed], again_vals[dayed],
                                          retry_naive[dayed])]] = np.datetime64("NaT")  # fmt: skip
        parsed_again = ~np.isnat(again_vals)
    # a text without its year ("08:00:00", "8:00 AM", "T08:00", "Jun 30") was given this year (today's date)
    # or year 1, one with a time of day and a year but no month or day ("08:00 2024", "08:00 June 2024") today's
    # month and day or the first: the texts of those years and days (an offset may move the day filled in by
    # one, today's by two across the date line) are read again to tell
    years = again_vals.astype("datetime64[Y]").astype(np.int64) + 1970
    days = (again_vals.astype("datetime64[D]") - again_vals.astype("datetime64[M]")).astype(np.int64) + 1
    today = dt.datetime.now(dt.timezone.utc).date()
    filled = {1, 2, 28, 29, 30, 31} | {(today + dt.timedelta(days=k)).day for k in range(-2, 3)}
    suspect = parsed_again & (
        (years < 1900) | (np.abs(years - today.year) <= 1) | np.isin(days, np.array(sorted(filled)))
    )
    if suspect.any():
        undated = np.zeros(len(texts), dtype=bool)
        known: dict[str, bool] = {}
        undated[suspect] = [known.setdefault(t, _lacks_date(t)) for t in texts[suspect].tolist()]
        again_vals = np.where(undated, np.datetime64("NaT"), again_vals)
    again_ns, again_far = checked_ns(again_vals, np.where(retry_naive, BEIJING_OFFSET_NS, 0) - exact)
    fine = texts.str.extract(_FINE_FRACTION, expand=False)
    cut = np.flatnonzero(fine.notna().to_numpy(dtype=bool) & (again_ns != _NAT))
    if cut.size:  # (the parser of these layouts keeps microseconds: the digits past them read from the text)
        digits = np.array([int(d[:9].ljust(9, "0")) for d in fine.iloc[cut].tolist()], dtype=np.int64)
        again_ns[cut] += digits - again_ns[cut] % 10**9  # (offsets are whole seconds)
    moved = np.flatnonzero((later != 0) & (again_ns != _NAT))
    if moved.size:  # (24:00 on the last day may end the years usable)
        again_ns[moved] += later[moved]
        out = moved[again_ns[moved] >= _END_NS]
        again_ns[out], again_far[out] = _NAT, True
    return again_ns, again_far, ~np.isnat(again_vals)


#: A year-first date in digits, one separator, and perhaps a clock, nothing else (:func:`_impossible_dates`; RE2).
_DIGITS_DATE = (
    r"^(?P<y>\d{4})SEP(?P<mo>\d{1,2})SEP(?P<d>\d{1,2})"
    r"(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d{1,9})?)?)?$"
)


def _group_numbers(parts: Any, name: str) -> np.ndarray:
    """The numbers an Arrow ``extract_regex`` result holds in its group ``name`` (0 where the group took no text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = pc.fill_null(pc.struct_field(parts, name), "")
    col = pc.if_else(pc.equal(col, ""), "0", col)
    return np.asarray(pc.cast(col, pa.int64()).to_numpy(zero_copy_only=False))


def _wall_clock_ns(parts: Any, ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The wall clocks (``datetime64[ns]``, as written) an Arrow ``extract_regex`` result holds in its groups ``y``,
    ``mo``, ``d``, ``h``, ``mi``, ``s`` and ``f`` (a fraction of up to nine digits), and ``ok`` narrowed to those
    that are times: a year from 1678 to 2261, a day its month has, an hour 00 to 23, minutes and seconds 00 to 59."""
    import pyarrow as pa
    import pyarrow.compute as pc

    y, mo, d, h, mi, sec = (_group_numbers(parts, k) for k in ("y", "mo", "d", "h", "mi", "s"))
    frac = pc.utf8_rpad(pc.fill_null(pc.struct_field(parts, "f"), ""), 9, "0")
    f = np.asarray(pc.cast(frac, pa.int64()).to_numpy(zero_copy_only=False))
    ok = ok & (y >= 1678) & (y <= 2261) & (mo >= 1) & (mo <= 12) & (d >= 1) & (h <= 23) & (mi <= 59) & (sec <= 59)
    month = np.where(ok, (y - 1970) * 12 + mo - 1, 0).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + np.where(ok, d - 1, 0)
    ok &= day.astype("datetime64[M]") == month  # (a day its month has: 2024-02-30 is March's)
    clock = ((h * 60 + mi) * 60 + sec) * 10**9 + f
    wall = np.zeros(len(ok), dtype="datetime64[ns]")
    wall[ok] = day[ok].astype("datetime64[ns]") + clock[ok].astype("timedelta64[ns]")
    return wall, ok


def _impossible_dates(texts: pd.Series) -> np.ndarray:
    """Which of ``texts`` are a year-first date in digits (``2024-13-01``, ``2024/02/30``, ``2024.10.00 08:61``, one
    separator throughout, or the plainest Chinese layout, ``2024年2月30日``) whose month, day, hour, minute or second
    no time has: month 00 or over 12, day 00 or past its month's end (leap years as the Gregorian calendar has them),
    hour over 24, minute over 59, second over 60. In Arrow, in one pass: the value-by-value reading refuses every
    such text (after a hundred microseconds each: a column of them, such as ``0000-00-00 00:00:00`` placeholders or
    a day and month swapped, is otherwise read at that pace). 24:00 and a leap second are left to it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    out = np.zeros(len(texts), dtype=bool)
    for pattern in (*(_DIGITS_DATE.replace("SEP", sep) for sep in ("-", "/", r"\.")), _PLAIN_CHINESE):
        parts = pc.extract_regex(arrow, pattern)
        hit = ~np.asarray(pc.is_null(parts).to_numpy(zero_copy_only=False), dtype=bool)
        if not hit.any():
            continue
        y, mo, d, h, mi, sec = (_group_numbers(parts, k) for k in ("y", "mo", "d", "h", "mi", "s"))
        leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
        month_days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(mo, 1, 12) - 1] + (
            leap & (mo == 2)
        )
        bad = (mo < 1) | (mo > 12) | (d < 1) | (d > month_days) | (h > 24) | (mi > 59) | (sec > 60)
        out |= hit & bad
    return out


#: The zones' abbreviations of :data:`_ABBREVIATION`, which say no offset (RE2 syntax).
_ABBREVIATIONS = (
    "CST|CDT|EST|EDT|PST|PDT|MST|MDT|AKST|HST|BST|IST|JST|KST|HKT|SGT|AEST|AEDT|CET|CEST|EET|EEST|WET|WEST|MSK"
)
#: A clock, to the minute, second or a fraction of it (RE2 syntax).
_ABBREVIATED_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
#: A date and time and a zone's abbreviation after the clock, no offset, nothing else (:func:`_abbreviated_zones`;
#: RE2 syntax): year first (``2024-10-17 08:00:00 CST``, ``2024/10/17 08:00 EST``), as Java's ``Date.toString()``
#: and the Unix ``date`` write it (``Thu Oct 17 08:00:00 CST 2024``) or as e-mail does (``Thu, 17 Oct 2024 08:00:00
#: CST``: RFC 5322's obsolete zones, US ones).
_ABBREVIATED_ZONE = (
    r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]" + _ABBREVIATED_CLOCK + r" (?:" + _ABBREVIATIONS + r")$",
    r"^(?:(?i:mon|tue|wed|thu|fri|sat|sun) )?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d{1,2} "
    + _ABBREVIATED_CLOCK
    + r" (?:"
    + _ABBREVIATIONS
    + r") \d{4}$",
    r"^(?:(?i:mon|tue|wed|thu|fri|sat|sun),? )?\d{1,2} (?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d{4} "
    + _ABBREVIATED_CLOCK
    + r" (?:"
    + _ABBREVIATIONS
    + r")$",
)


def _abbreviated_zones(texts: pd.Series) -> np.ndarray:
    """Which of ``texts`` are a date and time with a zone's abbreviation after the clock and no offset
    (:data:`_ABBREVIATED_ZONE`: ``2024-10-17 08:00:00 CST``, ``Thu Oct 17 08:00:00 CST 2024``, ``Thu, 17 Oct 2024
    08:00:00 EST``), which is no time: the
    abbreviation does not say its offset (CST is China's +08:00 and US Central time's -06:00; a text written in Chinese
    is left to :func:`_beijing_words`). In Arrow, in one pass: value by value, the parser refuses every such text
    (its zone's name unknown to it: no time, whatever the date and clock), at a hundred microseconds each."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    out = np.zeros(len(texts), dtype=bool)
    for pattern in _ABBREVIATED_ZONE:
        match = pc.fill_null(pc.match_substring_regex(arrow, pattern), False)
        out |= np.asarray(match.to_numpy(zero_copy_only=False), dtype=bool)
    return out


#: A date and time in the plainest Chinese layout, nothing else (:func:`_plain_chinese_ns`; RE2 syntax).
_PLAIN_CHINESE = (
    r"^(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
    r"(?:\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?)?$"
)
#: The same date with the time of day in Chinese words (``8点``, ``8时05分``, ``8点5分30秒``), nothing else.
_PLAIN_CHINESE_CLOCK = (
    r"^(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
    r"\s*(?P<h>\d{1,2})\s*[时時点點](?:\s*(?P<mi>\d{1,2})\s*分(?:\s*(?P<s>\d{1,2})\s*秒)?)?(?P<f>)$"
)


def _plain_chinese_ns(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The naive times of ``texts`` written in the plainest Chinese layouts (``2024年10月17日``, ``2024年3月9日
    8:05:30.25``, a full-width colon too, or the time of day in words: ``2024年3月9日 8点5分30秒``), as
    ``datetime64[ns]`` as written (Beijing time: the offset is taken off by the caller), and which texts are such
    times: a year from 1678 to 2261, a day its month has, an hour 00 to 23, minutes and seconds 00 to 59. Read in
    Arrow in one pass: value by value, the layouts' rewriting and checks (:func:`_parse_texts`) read these texts the
    same, at ten to a hundred times the cost; every other text, one of these with a day its month lacks, 24:00 or a
    leap second among them, is left to them (and to their reasons)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    out = np.zeros(n, dtype="datetime64[ns]")
    taken = np.zeros(n, dtype=bool)
    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    for pattern in (_PLAIN_CHINESE, _PLAIN_CHINESE_CLOCK):
        parts = pc.extract_regex(arrow, pattern)
        ok = ~np.asarray(pc.is_null(parts).to_numpy(zero_copy_only=False), dtype=bool)
        if not ok.any():
            continue
        wall, ok = _wall_clock_ns(parts, ok)
        out[ok] = wall[ok]
        taken |= ok
    return out, taken


#: Month names as English writes them (three letters, whole, or Sept), any case (RE2 syntax).
_MONTH_NAMES = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A day of the week's English name (three letters, whole, Tues, Weds, Thur, Thurs, or two letters, Tu, Th: the
#: layouts start with it) and a comma or space, optional (RE2 syntax).
_WEEKDAY_NAME = (
    r"(?:(?P<wd>(?i:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|mo|tu|we|th|fr|sa|su)),? )?"
)
#: A clock ``8:05``, ``08:05:30`` or ``08:05:30.25`` (RE2 syntax).
_CLOCK_PARTS = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?"
#: A time zone after a clock: ``Z``, ``UTC``, ``GMT``, ``北京时间``, an offset ``+0800`` / ``+08:00``, after a
#: space UTC or GMT and an offset, ``GMT+8``, ``UTC+08:00``, or the same in brackets, ``(UTC+8)``, ``(UTC)`` (RE2
#: syntax).
_ZONE_PARTS = (
    r"(?: ?(?P<zw>Z|UTC|GMT|北京时间)| ?(?P<zs>[+-])(?P<zh>\d{2}):?(?P<zm>\d{2})"
    r"| (?:UTC|GMT)(?P<zs1>[+-])(?P<zh1>\d{1,2})(?::?(?P<zm1>\d{2}))?"
    r"| ?\((?:UTC|GMT)(?:(?P<zs2>[+-])(?P<zh2>\d{1,2})(?::?(?P<zm2>\d{2}))?)?\))"
)
#: Common layouts besides ISO 8601 and the plainest Chinese one, nothing else (:func:`_common_layouts_ns`; RE2
#: syntax; ``SEP``: one separator throughout, ``-``, ``/`` or ``.``).
_COMMON_LAYOUTS = (
    # ISO 8601's basic form in digits alone: 202410170800, 20241017080000
    r"^(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?$",
    # a year-first date and a clock in the morning or afternoon: 2024/10/17 下午8:00:05, 2024-10-17 8:00:05 PM
    *(
        r"^(?P<y>\d{4})SEP(?P<mo>\d{1,2})SEP(?P<d>\d{1,2}) " + clock + "$"
        for clock in (r"(?P<ap>上午|下午) ?" + _CLOCK_PARTS, _CLOCK_PARTS + r" ?(?P<ap>[AaPp][Mm])")
    ),
    # the plainest Chinese date with the day of the week (2024年10月17日 星期四 08:00) or a half day's mark
    # (2024年10月17日 下午8:00)
    r"^(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]\s*(?:星期|周)(?P<cw>[一二三四五六日天])"
    r"(?:\s*(?P<ap>上午|下午)?\s*" + _CLOCK_PARTS + r")?$",
    r"^(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]\s*(?P<ap>上午|下午)\s*"
    + _CLOCK_PARTS
    + "$",
    # a numeric date day or month first, the year last, that reads one way only (17/10/2024, 10/17/2024 8:00 PM,
    # 05/05/2024; 05/06/2024 is left to the value-by-value reading, which refuses it)
    r"^(?P<a>\d{1,2})SEP(?P<b>\d{1,2})SEP(?P<y>\d{4})(?: " + _CLOCK_PARTS + r"(?: ?(?P<ap>[AaPp][Mm]))?)?$",
    # the month's name first (Oct 17 2024, Thu, Oct 17, 2024 8:00 PM, OCT-17-2024) or second (17-Oct-2024 08:00:00,
    # Thu, 17 Oct 2024 08:00:00), and the C library's layout (Thu Oct 17 08:00:00 2024)
    *(
        date + r"(?:" + after + _CLOCK_PARTS + r"(?: ?(?P<ap>[AaPp][Mm]))?)?$"
        for date, after in (
            (r"^" + _WEEKDAY_NAME + r"(?P<mon>" + _MONTH_NAMES + r") (?P<d>\d{1,2}),? (?P<y>\d{4})", ",? "),
            (r"^(?P<mon>" + _MONTH_NAMES + r")-(?P<d>\d{1,2})-(?P<y>\d{4})", ",? "),
            (r"^" + _WEEKDAY_NAME + r"(?P<d>\d{1,2}) (?P<mon>" + _MONTH_NAMES + r") (?P<y>\d{4})", " "),
            (r"^(?P<d>\d{1,2})-(?P<mon>" + _MONTH_NAMES + r")-(?P<y>\d{4})", " "),
        )
    ),
    r"^" + _WEEKDAY_NAME + r"(?P<mon>" + _MONTH_NAMES + r") (?P<d>\d{1,2}) " + _CLOCK_PARTS + r" (?P<y>\d{4})$",
    # a time zone after the clock: 2024-10-17 08:00:00 UTC, 2024/10/17 08:00 GMT+8, 2024-10-17 08:00 (UTC+8), Thu, 17
    # Oct 2024 08:00:00 +0800
    r"^(?P<y>\d{4})SEP(?P<mo>\d{1,2})SEP(?P<d>\d{1,2})[ T]" + _CLOCK_PARTS + _ZONE_PARTS + "$",
    *(
        date + after + _CLOCK_PARTS + _ZONE_PARTS + "$"
        for date, after in (
            (r"^" + _WEEKDAY_NAME + r"(?P<mon>" + _MONTH_NAMES + r") (?P<d>\d{1,2}),? (?P<y>\d{4})", ",? "),
            (r"^" + _WEEKDAY_NAME + r"(?P<d>\d{1,2}) (?P<mon>" + _MONTH_NAMES + r") (?P<y>\d{4})", " "),
        )
    ),
)

#: The patterns of :data:`_COMMON_LAYOUTS`, one for each separator where a layout has one, in order.
_LAYOUT_PATTERNS = tuple(
    pattern
    for layout in _COMMON_LAYOUTS
    for pattern in ([layout] if "SEP" not in layout else [layout.replace("SEP", s) for s in ("-", "/", r"\.")])
)


def _layout_ns(arrow: Any, pattern: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The naive times of the texts ``arrow`` (an Arrow string array) that ``pattern`` matches whole, as
    ``datetime64[ns]`` as written, and which texts are such times. The pattern's named groups give the year ``y``,
    the month ``mo`` (digits) or ``mon`` (its English name), the day ``d`` (or ``a`` and ``b``: a day and a month in
    either order, taken where only one order makes a date, or both numbers are the same), and optionally the hour
    ``h``, minutes ``mi``, seconds ``s``, the second's fraction ``f``, a morning or afternoon mark ``ap`` (``上午`` /
    ``下午``, AM / PM in any case; the hour is then 1 to 12, 12 AM being midnight) and the day of the week, ``wd``
    (its English name) or ``cw`` (``一`` to ``日`` or ``天``). A time is taken only with a year from 1678 to 2261, a
    day its month has, the day of the week it falls on, an hour 00 to 23, minutes and seconds 00 to 59. With a time
    zone (:data:`_ZONE_PARTS`: ``zw``, a word; ``zs``, ``zh``, ``zm``: an offset's sign, hours and minutes; ``zs1``,
    ``zh1``, ``zm1``: the same after UTC or GMT; ``zs2``, ``zh2``, ``zm2``: the same in brackets) its offset in
    nanoseconds is the third array (None without), and only offsets from -12:00 to +14:00 in quarter hours are
    taken."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(arrow)
    out = np.zeros(n, dtype="datetime64[ns]")
    parts = pc.extract_regex(arrow, pattern)
    ok = ~np.asarray(pc.is_null(parts).to_numpy(zero_copy_only=False), dtype=bool)
    if not ok.any():
        return out, ok, None
    names = {parts.type.field(i).name for i in range(parts.type.num_fields)}

    def group(name: str) -> Any:  # (the text a group took, "" where it took none)
        return pc.fill_null(pc.struct_field(parts, name), "")

    y, d, h, mi, sec = (_group_numbers(parts, k) if k in names else np.zeros(n, np.int64) for k in "y d h mi s".split())
    if "a" in names:  # a numeric date day or month first: the one way it reads (the same number twice reads one way)
        a, b = _group_numbers(parts, "a"), _group_numbers(parts, "b")
        day_first = (a > 12) & (b <= 12)
        ok &= day_first | (b > 12) & (a <= 12) | (a == b)
        d, mo = np.where(day_first, a, b), np.where(day_first, b, a)
    elif "mon" in names:
        first3 = pc.utf8_slice_codeunits(pc.utf8_lower(group("mon")), 0, 3)
        months = pa.array(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
        mo = np.asarray(pc.fill_null(pc.index_in(first3, value_set=months), -1).to_numpy(zero_copy_only=False)) + 1
    else:
        mo = _group_numbers(parts, "mo")
    if "ap" in names:
        mark = np.asarray(pc.utf8_lower(group("ap")).to_numpy(zero_copy_only=False), dtype=object)
        noon = (mark == "下午") | (mark == "pm")
        marked = noon | (mark == "上午") | (mark == "am")
        ok &= ~marked | ((h >= 1) & (h <= 12))
        h = np.where(marked, h % 12 + np.where(noon, 12, 0), h)
    f = np.zeros(n, np.int64)
    if "f" in names:
        f = np.asarray(pc.cast(pc.utf8_rpad(group("f"), 9, "0"), pa.int64()).to_numpy(zero_copy_only=False))
    ok &= (y >= 1678) & (y <= 2261) & (mo >= 1) & (mo <= 12) & (d >= 1) & (h <= 23) & (mi <= 59) & (sec <= 59)
    month = np.where(ok, (y - 1970) * 12 + mo - 1, 0).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + np.where(ok, d - 1, 0)
    ok &= day.astype("datetime64[M]") == month  # (a day its month has: 2024-02-30 is March's)
    weekday = None  # the day of the week written (Monday 0), -1 where none is
    if "wd" in names:  # (the first two letters tell the days apart)
        days = pa.array(["mo", "tu", "we", "th", "fr", "sa", "su"])
        first2 = pc.utf8_slice_codeunits(pc.utf8_lower(group("wd")), 0, 2)
        weekday = np.asarray(pc.fill_null(pc.index_in(first2, value_set=days), -1).to_numpy(zero_copy_only=False))
    elif "cw" in names:
        days = pa.array(["一", "二", "三", "四", "五", "六", "日", "天"])
        weekday = np.asarray(pc.fill_null(pc.index_in(group("cw"), value_set=days), -1).to_numpy(zero_copy_only=False))
        weekday = np.where(weekday == 7, 6, weekday)  # (星期天 is 星期日)
    if weekday is not None:  # (a day of the week the date does not fall on: left to the value-by-value reading)
        ok &= (weekday < 0) | (weekday == (day.astype(np.int64) + 3) % 7)
    clock = ((h * 60 + mi) * 60 + sec) * 10**9 + f
    out[ok] = day[ok].astype("datetime64[ns]") + clock[ok].astype("timedelta64[ns]")
    zone = None
    if "zw" in names:
        word = np.asarray(group("zw").to_numpy(zero_copy_only=False), dtype=object)
        signs = pc.binary_join_element_wise(group("zs"), group("zs1"), group("zs2"), "")
        sign = np.asarray(signs.to_numpy(zero_copy_only=False))
        zh = _group_numbers(parts, "zh") + _group_numbers(parts, "zh1") + _group_numbers(parts, "zh2")
        zm = _group_numbers(parts, "zm") + _group_numbers(parts, "zm1") + _group_numbers(parts, "zm2")
        minutes = np.where(sign == "-", -1, 1) * (zh * 60 + zm)
        ok &= (minutes >= -12 * 60) & (minutes <= 14 * 60) & (zm % 15 == 0) & (zm <= 45)
        zone = minutes * 60 * 10**9
        zone = np.where(word == "北京时间", BEIJING_OFFSET_NS, zone)  # (Z, UTC and GMT alone: 0)
    return out, ok, zone


def _common_layouts_ns(texts: pd.Series, naive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The times of ``texts`` written in common layouts besides ISO 8601 and the plainest Chinese one
    (:data:`_COMMON_LAYOUTS`: ``20241017080000``, ``2024/10/17 下午8:00:05``, ``2024-10-17 8:00 PM``,
    ``2024年10月17日 星期四 下午8:00``, ``17/10/2024 08:00``, ``Oct 17, 2024 8:00 PM``, ``17-Oct-2024 08:00:00``, ``Thu
    Oct 17 08:00:00 2024``, ``2024-10-17 08:00:00 UTC``, ``Thu, 17 Oct 2024 08:00:00 +0800``), as ``datetime64[ns]``
    as written, which texts are such times (:func:`_layout_ns`) and the offset of each from UTC in nanoseconds, for
    the caller to take off (Beijing time's for the texts without a zone, taken only where ``naive``; the written
    one for the others).

    Read in Arrow in one pass each: value by value, the layouts' rewriting and checks (:func:`_parse_texts`) read
    these texts the same, at twenty to fifty times the cost; every other text, one of these with a day its month
    lacks, a day of the week it does not fall on, a numeric date that reads two ways, an hour 0 or 13 beside a
    morning or afternoon mark, 24:00 or a leap second among them, is left to them (and to their reasons)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    out = np.zeros(n, dtype="datetime64[ns]")
    taken = np.zeros(n, dtype=bool)
    offset = np.full(n, BEIJING_OFFSET_NS, dtype=np.int64)
    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    # the texts no layout has taken yet, each layout looking at those only: first those with a letter, a half
    # day's mark or a day of the week, of digits alone or a year last (one pass, where a column of other texts,
    # 2024-13-01 08:00, ends)
    maybe = pc.match_substring_regex(arrow, r"[A-Za-z上下星周北]|^\d{12}(?:\d{2})?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")
    left = np.flatnonzero(np.asarray(pc.fill_null(maybe, False).to_numpy(zero_copy_only=False), dtype=bool))
    for pattern in _LAYOUT_PATTERNS:
        if not left.size:
            break
        ns, ok, zone = _layout_ns(arrow if left.size == n else arrow.take(left), pattern)
        if zone is None:
            ok &= naive[left]
        if ok.any():
            out[left[ok]] = ns[ok]
            taken[left[ok]] = True
            if zone is not None:
                offset[left[ok]] = zone[ok]
            left = left[~ok]
    return out, taken, offset


#: Go's ``time.Time.String()`` (``2006-01-02 15:04:05.999999999 -0700 MST``, its monotonic clock ``m=+0.000123``
#: after it): a date, a clock, an offset and a zone's abbreviation in capitals or, for a zone without one, the offset
#: written again (``+0600 +06``, ``+0530 +0530``), nothing else (:func:`_go_times_ns`; RE2 syntax).
_GO_TIME = (
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2}) (?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?"
    r" (?P<off>(?P<zs>[+-])(?P<zh>\d{2})(?P<zm>\d{2})) (?P<name>[A-Z]{2,5}|[+-]\d{2}(?:\d{2})?)"
    r"(?: m=[+-]\d+(?:\.\d+)?)?$"
)


def _go_zones() -> list[str]:
    """The abbreviations :func:`_go_times_ns` takes, each with an offset it may be at, as ``CST+0800`` (those of
    :data:`_NAME_OFFSETS`, UTC and GMT at zero): the value-by-value reading leaves such a name out (the offset says
    the time) and refuses one that is never at the offset before it (``+0800 EST``)."""
    return sorted(
        f"{name}{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
        for name, offsets in [*_NAME_OFFSETS.items(), ("UTC", (0,)), ("GMT", (0,))]
        if re.fullmatch(r"[A-Z]{2,5}", name)
        for minutes in offsets
        for sign in (("+", "-") if minutes == 0 else ("-" if minutes < 0 else "+",))
    )


def _go_times_ns(texts: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The times of ``texts`` written as Go's ``time.Time.String()`` writes them (:data:`_GO_TIME`: ``2024-10-17
    08:00:00 +0800 CST``, ``2024-10-17 08:00:00.123456789 -0600 CST m=+0.000123``), as ``datetime64[ns]`` as written,
    which texts are such times and the offset of each from UTC in nanoseconds, for the caller to take off: the
    offset says the instant, the abbreviation after it only one it may be at (:func:`_go_zones`: ``+0800 CST`` is
    China's, ``-0600 CST`` US Central time; ``+0000 UTC``); a year from 1678 to 2261, a day its month has, an hour 00
    to 23, minutes and seconds 00 to 59.

    Read in Arrow in one pass: value by value (the name and the monotonic clock left out, :data:`_ZONE_NAME`) these
    texts read the same, and so is Go's abbreviation for a zone without one, the offset written again (``+0600 +06``,
    ``+0530 +0530``: :data:`_NUMERIC_ABBREVIATION`); every other text, an abbreviation the offset contradicts
    (``+0800 EST``, ``+0800 +06``: refused with its reason) or not known (``+0800 XYZ``), 24:00 or a leap second, is
    left to it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    out = np.zeros(n, dtype="datetime64[ns]")
    zone = np.zeros(n, dtype=np.int64)
    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    parts = pc.extract_regex(arrow, _GO_TIME)
    ok = ~np.asarray(pc.is_null(parts).to_numpy(zero_copy_only=False), dtype=bool)
    if not ok.any():
        return out, ok, zone
    name, off = pc.struct_field(parts, "name"), pc.struct_field(parts, "off")
    named = pc.binary_join_element_wise(name, off, "")
    known = np.asarray(pc.fill_null(pc.is_in(named, value_set=pa.array(_go_zones())), False), dtype=bool)
    zh, zm = _group_numbers(parts, "zh"), _group_numbers(parts, "zm")
    sign = np.asarray(pc.fill_null(pc.struct_field(parts, "zs"), "+").to_numpy(zero_copy_only=False), dtype=object)
    # (the offset written again, whole hours as +06: an offset in use, -12:00 to +14:00, minutes 00 to 59)
    again = pc.or_(pc.equal(name, off), pc.equal(pc.binary_join_element_wise(name, "00", ""), off))
    minutes = np.where(sign == "-", -1, 1) * (zh * 60 + zm)
    again = np.asarray(pc.fill_null(again, False), dtype=bool) & (zm <= 59) & (minutes >= -720) & (minutes <= 840)
    ok &= known | again
    wall, ok = _wall_clock_ns(parts, ok)
    out[ok] = wall[ok]
    zone = np.where(sign == "-", -1, 1) * (zh * 60 + zm) * 60 * 10**9
    return out, ok, zone.astype(np.int64)


#: Asia/Shanghai and the names tzdata gives it (links in its ``backward`` file: Asia/Chongqing, Asia/Chungking,
#: Asia/Harbin, PRC): the same offsets in the years :func:`_bracket_zones_ns` takes them (:data:`_SHANGHAI_YEARS`;
#: tzdata before 2014f gave Asia/Chongqing and Asia/Harbin their own offsets before 1980 only). Asia/Urumqi, Xinjiang's
#: time, is +06:00; Asia/Hong_Kong, Asia/Macau and Asia/Taipei, at +08:00 in those years too, are other zones, left
#: to the value-by-value reading.
_SHANGHAI_NAMES = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC")
#: A date and time with its zone in brackets, Asia/Shanghai (or a name of it, :data:`_SHANGHAI_NAMES`) or UTC, after
#: Beijing's offset, ``Z`` or none (Java's ZonedDateTime, RFC 9557: ``2024-10-17T08:00:00+08:00[Asia/Shanghai]``,
#: ``2024-10-17T08:00:00+08:00[PRC]``, ``2024-10-17T00:00:00Z[UTC]``), nothing else (:func:`_bracket_zones_ns`; RE2
#: syntax).
_BRACKET_ZONE = (
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?"
    r"(?P<off>\+08:00|\+0800|Z)?\[(?P<zone>" + "|".join(_SHANGHAI_NAMES) + r"|UTC|Etc/UTC)\]$"
)
#: The first and last year of the wall clocks :func:`_bracket_zones_ns` takes with Asia/Shanghai's offset: tzdata's
#: Asia/Shanghai is +08:00 from its last summer time (1991) on, for ever (before: +09:00 in the summers of 1919 and
#: 1940-1991, Shanghai's local mean time +08:05:43 before 1901); the years avzone measures end in 2189.
_SHANGHAI_YEARS = (1992, 2189)


def _bracket_zones_ns(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The instants (UTC, as ``datetime64[ns]``) of ``texts`` that are a date and time with Asia/Shanghai or UTC in
    brackets (:data:`_BRACKET_ZONE`), and which texts are such times: ``+08:00``, ``+0800`` or no offset before
    ``[Asia/Shanghai]`` (or another of its names, ``[PRC]``, ``[Asia/Chongqing]``: :data:`_SHANGHAI_NAMES`) in
    the years it is at +08:00 (:data:`_SHANGHAI_YEARS`: the wall clock less eight hours), no
    offset before ``[UTC]`` or ``[Etc/UTC]``, ``Z`` before any of them (the zone after ``Z`` left out, RFC 9557: the
    wall clock as UTC) from 1900 to 2189; a day its month has, an hour 00 to 23, minutes and seconds 00 to 59.

    Read in Arrow in one pass: value by value (:func:`_exact_offsets`, the zone looked up in tzdata for each text)
    these texts read the same; every other text, an offset the zone is not at (``+08:00[UTC]``, ``+08:00`` in
    Shanghai's summer of 1991), another zone, a tag besides the zone (``[u-ca=iso8601]``), 24:00 or a leap second, is
    left to it (and to its reasons)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    out = np.zeros(n, dtype="datetime64[ns]")
    arrow = pa.array(texts.astype(object).to_numpy(), type=pa.string(), from_pandas=True)
    parts = pc.extract_regex(arrow, _BRACKET_ZONE)
    ok = ~np.asarray(pc.is_null(parts).to_numpy(zero_copy_only=False), dtype=bool)
    if not ok.any():
        return out, ok
    y, mo, d, h, mi, sec = (_group_numbers(parts, k) for k in ("y", "mo", "d", "h", "mi", "s"))
    frac = pc.utf8_rpad(pc.fill_null(pc.struct_field(parts, "f"), ""), 9, "0")
    f = np.asarray(pc.cast(frac, pa.int64()).to_numpy(zero_copy_only=False))
    off = np.asarray(pc.fill_null(pc.struct_field(parts, "off"), "").to_numpy(zero_copy_only=False), dtype=object)
    names = pa.array(_SHANGHAI_NAMES)
    shanghai = np.asarray(pc.fill_null(pc.is_in(pc.struct_field(parts, "zone"), value_set=names), False), dtype=bool)
    utc = off == "Z"
    beijing = shanghai & ~utc
    ok &= utc | beijing | (off == "")  # (no offset: the zone's; +08:00 before UTC is two instants, left)
    lo = np.where(beijing, _SHANGHAI_YEARS[0], 1900)
    ok &= (y >= lo) & (y <= _SHANGHAI_YEARS[1]) & (mo >= 1) & (mo <= 12) & (d >= 1) & (h <= 23) & (mi <= 59)
    ok &= sec <= 59
    month = np.where(ok, (y - 1970) * 12 + mo - 1, 0).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + np.where(ok, d - 1, 0)
    ok &= day.astype("datetime64[M]") == month  # (a day its month has: 2024-02-30 is March's)
    clock = ((h * 60 + mi) * 60 + sec) * 10**9 + f - np.where(beijing, BEIJING_OFFSET_NS, 0)
    out[ok] = day[ok].astype("datetime64[ns]") + clock[ok].astype("timedelta64[ns]")
    return out, ok


def _exact_offsets(sub: pd.Series, taken: np.ndarray | None = None) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """``sub`` with each text of an offset to the second, or of a zone in brackets after an offset, rewritten as
    :func:`_exact_offset` does, the nanoseconds to add to each instant read (0 where the text is left as it is) and
    which texts were rewritten (each with an offset now). (A text with a zone in brackets and no offset is given the
    zone's offset first, to the second: :func:`_zone_offset`.) The texts ``taken`` already
    (:func:`_bracket_zones_ns`) are left as they are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    exact = np.zeros(len(sub), dtype=np.int64)
    rewritten = np.zeros(len(sub), dtype=bool)
    arrow = pa.array(sub.array)
    some = np.flatnonzero(
        pc.fill_null(pc.match_substring_regex(arrow, r"\d[+-](?:\d{2}:\d{2}:\d{2}|\d{6})$|\]$"), False).to_numpy(
            zero_copy_only=False
        )
    )
    if taken is not None and some.size:
        some = some[~taken[some]]
    if not some.size:
        return sub, exact, rewritten
    texts = sub.astype(object).copy()
    for k in some.tolist():
        text = texts.iat[k]
        if _ZONE_ONLY.fullmatch(text):
            text = _ZONE_ONLY.sub(_zone_offset, text)
        read, seconds = _exact_offset(text)
        if read != texts.iat[k]:
            texts.iat[k], exact[k], rewritten[k] = read, seconds * 10**9, True
    return texts.astype(sub.dtype), exact, rewritten


#: How far from now a word read as a time ("now", "today", "tomorrow", "noon") can be.
_WORDS_NEAR_NS = 3 * 86_400 * 10**9


# two times to fill in, in different years, months, days and hours: a text that leaves out its year reads as two
# years, one that leaves out its time of day as two hours. Both months have 31 days and both years 29 February, so
# that any day a text gives exists in both (with February, a text giving only the day, "08:00 31", failed to read
# there and seemed to give its year)
_DEFAULTS = (dt.datetime(1904, 1, 3, 1), dt.datetime(1908, 3, 7, 2))


def _first_pass_refused(sub: pd.Series, naive: np.ndarray) -> np.ndarray:
    """Which texts the ISO 8601 reader read though they are no instant: a year or month without its day
    (``2024-06``: :data:`_YEAR_MONTH`, read again value by value, where it is refused), an offset whose minutes cannot
    be or that no zone has (``+08:61``, which it read as +09:01, ``-19:00``: :data:`_BAD_OFFSET`), an offset of three
    digits (``+130``, which it read as +13:00: :data:`_OFFSET_THREE`), a year after the
    date read as a time of day (``2024-10-17 2023``: :data:`_YEAR_AS_CLOCK`). In Arrow, on the texts that may be
    one: the short ones, the ones with a zone (``naive`` False), the ones long enough for a date and four digits."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = pa.array(sub.array)
    out = np.zeros(len(sub), dtype=bool)
    for pick, pattern in (
        (pc.less_equal(pc.binary_length(arrow), 8), f"^(?:{_YEAR_MONTH})$"),
        (pa.array(~naive), _BAD_OFFSET),
        (pa.array(~naive), _OFFSET_THREE_ANY),
        (pc.greater_equal(pc.binary_length(arrow), 13), _YEAR_AS_CLOCK),
        (pc.match_substring(arrow, ":"), _SHORT_CLOCK),
    ):
        idx = np.flatnonzero(pc.fill_null(pick, False).to_numpy(zero_copy_only=False))
        if idx.size:
            some = arrow if idx.size == len(sub) else arrow.take(pa.array(idx))
            out[idx] |= pc.fill_null(pc.match_substring_regex(some, pattern), False).to_numpy(zero_copy_only=False)
    return out


def _lacks_date(text: str) -> bool:
    """Whether a time text leaves out its year (a time of day alone: ``08:00:00``, ``8:00 AM``; ``Jun 30``; a day
    alone, ``08:00 31``), its month or its day (``08:00 2024``, ``08:00 June 2024``, ``June 2024``: a month is no
    instant, and the zone in force may change within it).

    Such a text is read with two different times to fill in what it leaves
    out; a text giving its date reads the same date with both. (A text the
    second reader refuses is left to the parse that accepted it.)
    """
    from dateutil import parser

    first, second = _DEFAULTS
    try:
        a = parser.parse(text, default=first)
        if a.year != first.year and a.month != first.month and a.day != first.day:  # (most dated texts: one read)
            return False
        b = parser.parse(text, default=second)
    except (ValueError, OverflowError, TypeError):
        return False
    return a.year != b.year or a.month != b.month or a.day != b.day


def _zone_unread(texts: pd.Series, naive: np.ndarray) -> np.ndarray:
    """Which of the texts read as naive (``naive``: no zone found in them, so to be read as Beijing time) the parser
    read a zone in all the same: a designator not written as ISO 8601 or the layouts above write one (``08:00
    +08:0``, ``08:00 +08:5``: +08:05 or +08:50?, ``08:00:00.Z``, ``08:00:00.+08:00``: a decimal mark without its
    digits). Such a text is no time: the instant the parser made of it, taken as Beijing time, would be off by its
    offset (8 hours for +08:0)."""
    out = np.zeros(len(texts), dtype=bool)
    idx = np.flatnonzero(naive)
    if idx.size:
        some = texts.iloc[idx]
        maybe = idx[some.str.contains(_ZONE_UNREAD, regex=True).fillna(False).to_numpy(dtype=bool)]
        if maybe.size:
            out[maybe] = [_zoned(t) for t in texts.iloc[maybe].tolist()]
    return out


def _surplus_numbers(text: str) -> bool:
    """Whether a text holds a number no part of a date and time can be, which the parser would read as another part
    all the same: ``2024-10-17 -19`` (an offset of -19 hours), ``5 Oct 17 2024`` (2017-10-05 20:24: the year taken
    for a time of day), ``2024-10-17 19th``, ``10-19-2024 2024-10-17``; or two times of day (``5 PM 2024-10-17
    08:00``: the parser took the last). Once the time of day, its offset and a numeric date are left out, a text
    with a numeric date has no number left, one with a month's name its day and year at most."""
    rest, dated = _NUMERIC_DATE.subn("\x00", re.sub(r"\s+", " ", text), count=1)
    rest, times = _TIME_PARTS.subn(" ", rest)
    if times:  # (an offset after the year or the date that follow the time: "00:00:00 2024 +0800")
        rest = _OFFSET_ALONE.sub(" ", rest)
    numbers = [len(g) for g in _NUMBER_GROUP.findall(rest)]
    # a zone after a date without a time of day ("01-Mar-2024 -05:00", "20240301 -05:00": the parser read 05:00)
    zone_alone = not times and _ZONE_AT_END.search(rest) is not None
    if times > 1:
        return True
    if dated:
        return bool(numbers)
    if not _MONTH_NAME.search(rest):  # (no month's name: a layout the other rules judge)
        return zone_alone
    # with a month's name: its day (1 or 2 digits) before or after its year (4), and after them a time in ISO 8601's
    # basic form at most, hhmm or hhmmss that is no year ("Mar 1 2024 0800"; "Oct 17 2024 2023": 20:23, or the year?)
    unzoned, zones = _ZONE_AFTER_NUMBER.subn(" ", rest)
    if zones > 1:  # (two zones: "Mar 1 2024 0800+08:00 +5")
        return True
    groups = _NUMBER_GROUP.findall(unzoned)
    if not any(len(g) == 4 for g in groups):
        return False
    year = next(k for k, g in enumerate(groups) if len(g) == 4)
    before, after = groups[:year], groups[year + 1 :]
    day = before if before else after[:1]
    basic = after if before else after[1:]
    plain = not basic or (len(basic) == 1 and len(basic[0]) in (4, 6) and int(basic[0][:2]) < 24 and basic[0] < "1900")
    return (zone_alone and not basic) or not (len(day) == 1 and len(day[0]) <= 2 and len(before) <= 1 and plain)


def _naive_read(text: str) -> bool:
    """Whether the parser reads ``text`` as a time without a zone or offset (False when it cannot read it)."""
    try:
        return pd.Timestamp(text).tzinfo is None
    except (ValueError, OverflowError, TypeError):
        return False


def _zoned(text: str) -> bool:
    """Whether the parser reads a zone or offset in ``text`` (False when it cannot read it)."""
    try:
        return pd.Timestamp(text).tzinfo is not None
    except (ValueError, OverflowError, TypeError):
        return False


def _ambiguous_date(text: str) -> bool:
    """Whether a numeric date reads as two dates: day and month both 12 or less and different
    (04/03/2024), or a two-digit year (24/03/04), which could be any of its three numbers."""
    for m in _DAY_MONTH_YEAR.finditer(text):
        a, b = int(m[1]), int(m[2])
        if len(m[3]) == 2 or (a <= 12 and b <= 12 and a != b):
            return True
    return False


def _short_year_day(text: str) -> tuple[str, int, int, str] | None:
    """The date as written (a time of day inside it left out), its year, month and day, of a month's name with a
    number beside it that is no day of that month and a two-digit number after them (:data:`_NAMED_SHORT_DATE`: ``Oct
    32 24``, ``32-Oct-24``, ``Feb 30 24``), else None. The two-digit number is the year as the parser reads one after
    a day (``24``: 2024)."""
    if not any(c.isdigit() for c in text):
        return None
    from dateutil.parser import parserinfo  # type: ignore[import-untyped]

    for m in _NAMED_SHORT_DATE.finditer(text):
        name, day = m["mon"] or m["mon2"], m["d"] or m["d2"]
        year, month = parserinfo().convertyear(int(m["y"] or m["y2"])), _MONTHS[name[:3].lower()]
        if not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
            clock = "c" if m["mon"] else "c2"
            return text[m.start() : m.start(clock)] + text[m.end(clock) : m.end()], year, month, day
    return None


def _six_digit_dates(digits: str) -> list[dt.date]:
    """The dates six digits may be, a two-digit year with a month and a day (YYMMDD, DDMMYY, MMDDYY; the year as the
    parser reads one, ``24``: 2024): none for a time of day (``080000``)."""
    from dateutil.parser import parserinfo

    a, b, c = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    out = []
    for year, month, day in ((a, b, c), (c, b, a), (c, a, b)):
        try:
            out.append(dt.date(parserinfo().convertyear(year), month, day))
        except ValueError:
            continue
    return out


def _ambiguous_why(text: str) -> Message | None:
    """Why a text is no time when it holds a numeric date that reads two ways (:func:`_ambiguous_date`): the two
    dates it may be (``04/03/2024``: 2024-03-04 or 2024-04-03), or that its year has two digits (a date of six digits
    too, ``241018 08:00``, ``08:00 241018``: :data:`_SIX_DIGIT_DATE`); else None."""
    six = _SIX_DIGIT_DATE_RE.search(unicodedata.normalize("NFKC", text))
    if six is not None and _six_digit_dates(date := six["first"] or six["last"]):
        return Message("time_two_digit_year", date=date)
    for m in _DAY_MONTH_YEAR.finditer(unicodedata.normalize("NFKC", text)):
        a, b = int(m[1]), int(m[2])
        if len(m[3]) == 2:
            return Message("time_two_digit_year", date=m[0])
        if a <= 12 and b <= 12 and a != b:
            year = int(m[3])
            try:
                one, other = dt.date(year, b, a).isoformat(), dt.date(year, a, b).isoformat()
            except ValueError:  # (year 0)
                return None
            return Message("time_two_readings", date=m[0], one=one, other=other)
    return None


def _weekday_agrees(texts: pd.Series, names: pd.Series, utc: np.ndarray, naive: np.ndarray) -> np.ndarray:
    """Whether each text's weekday name is the weekday of its date as written (its wall clock: ``utc`` plus the
    text's offset, ``utc`` itself for a naive text)."""
    shift = np.zeros(len(texts), dtype=np.int64)  # seconds east of UTC
    for k in np.flatnonzero(~naive).tolist():
        text = str(texts.iat[k])
        m = _OFFSET_AT_END.search(text)
        if m is not None:
            shift[k] = 0 if m[1] is None else (1 if m[1] == "+" else -1) * (int(m[2]) * 3600 + int(m[3] or 0) * 60)
        else:
            try:
                offset = pd.Timestamp(text).utcoffset()
            except (ValueError, OverflowError, TypeError):
                offset = None
            shift[k] = 0 if offset is None else int(offset.total_seconds())
    seconds = utc.astype("datetime64[s]").astype(np.int64) + shift
    weekday = (seconds // 86_400 + 3) % 7  # (1970-01-01 was a Thursday)
    want = np.array([_WEEKDAYS[str(name)[:3].lower()] for name in names.tolist()], dtype=np.int64)
    return np.asarray(weekday == want, dtype=bool)


def _weekday_three(m: re.Match[str]) -> str:
    """A weekday's name as the parser knows it, its three letters (:data:`_WEEKDAY_LONGER`: Tues and Tu as Tue)."""
    if m[4] is None:
        return str(m[1] or m[2] or m[3])
    third = _THIRD_LETTER[m[4].lower()]
    return m[4] + (third.upper() if m[4].isupper() else third)


def _offset_alone(m: re.Match[str]) -> str:
    """The offset of :data:`_ZONE_NAME`'s match, its zone's name left out (kept when the name is UTC's and the offset
    is not zero, or a bracketed tag disagrees with it or is critical and unknown: :func:`_suffix_refused`)."""
    utc = m[2] is not None and m[2].upper() in ("UTC", "GMT", "UT", "Z")
    if utc and m[1] not in "zZ" and int(re.sub(r"\D", "", m[1])) != 0:
        return m[0]
    if "[" in m[0] and _suffix_refused(m.string[: m.start()], m[1], m[0][len(m[1]) :]) is not None:
        return m[0] + _NO_TIME
    if _word_after_offset(m[0][len(m[1]) :]) is not None:
        return m[0] + _NO_TIME  # (a word, "+0800 west", "+0800 foo": no zone's name, not left out unread)
    written = 0 if m[1] in "zZ" else _minutes_east(m[1])  # (Z: UTC's offset, 0)
    if (named := _name_offsets(m[0][len(m[1]) :])) and written not in named:
        return m[0] + _NO_TIME  # (a name never at that offset, "+0800 EST", "Z (UTC+8)": two zones, not a time)
    return m[1]


#: What a text refused by a rewrite is left with, which no parser reads as a time.
_NO_TIME = " \ufffd"


#: The offsets (minutes east of UTC) a zone's abbreviation or JavaScript's long name after an offset may stand for;
#: a name not here (or one used at many offsets: IST, BST, CST are each at two or three) says nothing.
_NAME_OFFSETS: dict[str, tuple[int, ...]] = {
    "EST": (-300,), "EDT": (-240,), "CDT": (-300, -240), "CST": (480, -360, -300), "MST": (-420,), "MDT": (-360,),
    "PST": (-480, 480), "PDT": (-420,), "AKST": (-540,), "AKDT": (-480,), "HST": (-600,), "JST": (540,),
    "KST": (540,), "HKT": (480,), "SGT": (480,), "AWST": (480,), "AEST": (600,), "AEDT": (660,), "CET": (60,),
    "CEST": (120,), "EET": (120,), "EEST": (180,), "WET": (0,), "WEST": (60,), "MSK": (180,), "NZST": (720,),
    "NZDT": (780,), "IST": (330, 120, 60, 0), "BST": (60, 360), "BJT": (480,),
    "CHINA STANDARD TIME": (480,), "JAPAN STANDARD TIME": (540,), "KOREAN STANDARD TIME": (540,),
    "HONG KONG STANDARD TIME": (480,), "COORDINATED UNIVERSAL TIME": (0,), "GREENWICH MEAN TIME": (0,),
    "中国标准时间": (480,), "中國標準時間": (480,), "北京时间": (480,), "北京時間": (480,), "香港标准时间": (480,),
    "日本标准时间": (540,), "韩国标准时间": (540,), "协调世界时": (0,), "格林尼治标准时间": (0,),
}  # fmt: skip


def _name_offsets(after: str) -> tuple[int, ...]:
    """The offsets the zone's name written after an offset (``" CST"``, ``" (China Standard Time)"``, ``" (UTC)"``,
    Go's monotonic clock after it) may stand for (:data:`_NAME_OFFSETS`; UTC and GMT: 0), or () when it is none
    known."""
    name = re.sub(r"\s+m=[+-]\d+(?:\.\d+)?$", "", after).strip().strip("()").strip()
    gmt = _GMT_OFFSET.fullmatch(name)  # ("+0800 (UTC+8)": UTC's offset, east of Greenwich)
    if gmt is not None:
        return (_minutes_east(_east_of_greenwich(gmt)),)
    if name.upper() in ("UTC", "GMT", "Z", "UT"):  # ("+0800 (UTC)", "+0800 UTC": two zones, as "(UTC+0)")
        return (0,)
    if re.fullmatch(r"[+-]\d{1,2}(?::?\d{2})?", name):  # ("+0800 (+0900)": an offset, as "(UTC+9)")
        return (_minutes_east(name),)
    if name.lower() in _ABBREVIATION_WORDS and (name.islower() or name.istitle()):
        return ()  # ("(west)": the English word, no WEST; bare, a word no zone's: :func:`_word_after_offset`)
    return _NAME_OFFSETS.get(re.sub(r"\s+", " ", name).upper(), ())


def _word_after_offset(after: str) -> str | None:
    """The word written after an offset (:data:`_ZONE_NAME`'s name, not in brackets: ``" west"``, ``" Foo"``, Go's
    monotonic clock after it) when it is no zone's name avzone reads: written in lower case or with a capital, as
    words are, and no zone's abbreviation (:data:`_NAME_OFFSETS`, UTC, GMT, UT) in any case, or one that is an English
    word so written (:data:`_ABBREVIATION_WORDS`: ``west`` is no WEST); else None (in capitals, as Go writes any
    zone's abbreviation, ``+0700 WIB``; written otherwise, ``ChST``; one avzone knows, ``cst``).

    >>> _word_after_offset(" west"), _word_after_offset(" Foo"), _word_after_offset(" cst"), _word_after_offset(" WIB")
    ('west', 'Foo', None, None)
    """
    name = re.sub(r"\s+m=[+-]\d+(?:\.\d+)?$", "", after).strip()
    if re.fullmatch(r"[A-Za-z]{2,5}", name) is None or not (name.islower() or name.istitle()):
        return None
    if name.lower() in _ABBREVIATION_WORDS:
        return name
    return None if name.upper() in _NAME_OFFSETS or name.upper() in ("UTC", "GMT", "UT") else name


def _minutes_east(offset: str) -> int:
    """Minutes east of UTC of an offset as written (``+0800``, ``+8``, ``-04:00``)."""
    digits = re.sub(r"\D", "", offset)
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return (-1 if offset.startswith("-") else 1) * (hours * 60 + minutes)


def _seconds_east(offset: str) -> int:
    """Seconds east of UTC of an offset as written (``+0800``, ``+8``, ``-04:00``, ``+08:05:43``, ``+080543``)."""
    digits = re.sub(r"\D", "", offset)
    if len(digits) <= 4:
        return _minutes_east(offset) * 60
    seconds = int(digits[:-4]) * 3600 + int(digits[-4:-2]) * 60 + int(digits[-2:])
    return -seconds if offset.startswith("-") else seconds


def _offsets_agree(offset: str, written: int, zone: int) -> bool:
    """Whether an offset as written (``written`` seconds east of UTC) is a zone's (``zone`` seconds) at that instant:
    the same, or, written to the minute (``offset`` without seconds), the zone's rounded to the nearest minute, as
    JavaScript's Temporal writes a zone's offset that is not whole minutes (Asia/Shanghai's +08:05:43 before 1901 as
    +08:06) and reads it back."""
    if written == zone:
        return True
    rounded = (1 if zone >= 0 else -1) * ((abs(zone) + 30) // 60 * 60)
    return len(re.sub(r"\D", "", offset)) <= 4 and zone % 60 != 0 and written == rounded


# an offset to the second after a time of day, at the end of a text or before RFC 9557's tags in brackets ("1900-01-01
# 08:00:00+08:05:43", as Python's isoformat, pandas' to_csv and Java write tzdata's local mean times: Asia/Shanghai's
# before 1901), or an offset to the minute before a zone in brackets ("+08:06[Asia/Shanghai]"): read to the second
# (:func:`_exact_offset`)
_OFFSET_EXACT = re.compile(
    r"^(.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?)([+-](?:\d{2}:\d{2}(?::\d{2})?|\d{4}(?:\d{2})?))((?:\[[^\[\]]*\])*)$"
)


def _exact_offset(text: str) -> tuple[str, int]:
    """A text of :data:`_OFFSET_EXACT` (else ``text`` as it is, 0) as one the parser reads, and the seconds to add to
    the instant it reads: its offset to the minute, the seconds it leaves out added after.

    The offset is the one written (``+08:05:43``), or, where a zone in
    brackets says its offset to the second and the text its rounded
    minute (:func:`_offsets_agree`), the zone's. The tags are checked
    (:func:`_suffix_refused`) and left out; a text they refuse is left as
    no time.
    """
    m = _OFFSET_EXACT.fullmatch(text)
    if m is None:
        return text, 0
    digits = re.sub(r"\D", "", m[2])
    if int(digits[:2]) > 23 or int(digits[2:4]) > 59 or int(digits[4:] or 0) > 59:  # (refused as the parser does)
        return text, 0
    if len(digits) == 4 and not m[3]:
        return text, 0  # (to the minute, no zone: read as written)
    seconds_east = _seconds_east(m[2])
    if m[3]:
        if _suffix_refused(m[1], m[2], m[3]) is not None:
            return text + _NO_TIME, 0
        zone = _tag_offset(m[1], seconds_east, m[3])
        if zone is not None:
            seconds_east = zone
    minutes = int(seconds_east / 60)  # (toward zero: the seconds left out have the offset's sign)
    return m[1] + _offset_text(minutes), minutes * 60 - seconds_east


def _tag_offset(before: str, written: int, tags: str) -> int | None:
    """The offset (seconds east of UTC) at that instant of the first zone named in brackets in ``tags``, the time
    ``before`` written at ``written`` seconds east of UTC; None when no zone is named or known."""
    import zoneinfo

    local = _wall_clock(before.strip())
    for tag in re.findall(r"\[!?([^\[\]=]*)\]", tags):
        if local is None or re.fullmatch(r"[+-]\d{2}:?\d{2}", tag):
            continue
        try:
            zone = zoneinfo.ZoneInfo(tag)
            its = (local - dt.timedelta(seconds=written)).replace(tzinfo=dt.timezone.utc).astimezone(zone).utcoffset()
        except (ValueError, OverflowError, zoneinfo.ZoneInfoNotFoundError):
            continue
        return None if its is None else int(its.total_seconds())
    return None


#: The critical tags (RFC 9557's "[!...]") of a calendar that are read: the Gregorian calendar's.
_GREGORIAN_TAGS = ("u-ca=gregory", "u-ca=iso8601")


def _suffix_refused(before: str, offset: str, suffix: str) -> Message | None:
    """Why a time's RFC 9557 suffix (``suffix``: its ``[...]`` tags, after ``offset``, ``before`` being the date and
    time) makes it no time, or None.

    A time zone in brackets that disagrees with the offset at that instant
    (``+08:00[Europe/London]`` in July: London is at +01:00) says two
    instants; a critical tag (``[!...]``) that is not understood (a zone
    unknown, a calendar other than the Gregorian) must not be passed over
    (RFC 9557, 3.3 and 3.4). An elective tag that is not understood is left
    out, and so is any zone after ``Z`` (the local offset unknown).
    """
    import zoneinfo

    written = None if offset in "zZ" else _seconds_east(offset)  # (seconds east of UTC; None: Z)
    seen: list[int] = []
    for tag in re.findall(r"\[([^\[\]]*)\]", suffix):
        critical = tag.startswith("!")
        body = tag[1:] if critical else tag
        unknown = Message("time_critical_tag", tag=f"[{tag}]")
        if "=" in body:
            if critical and body not in _GREGORIAN_TAGS:
                return unknown
            continue
        if re.fullmatch(r"[+-]\d{2}:?\d{2}", body) is not None:
            seconds_east = _seconds_east(body)
        else:
            try:
                zone = zoneinfo.ZoneInfo(body)
            except (ValueError, zoneinfo.ZoneInfoNotFoundError):
                if critical:
                    return unknown
                continue
            local = _wall_clock(before.strip())
            if local is None:
                continue
            try:  # (a wall clock near year 1 or 9999 the offset moves out of Python's years: no offset to compare)
                utc = local - dt.timedelta(seconds=written or 0)
                its = utc.replace(tzinfo=dt.timezone.utc).astimezone(zone).utcoffset()
            except (ValueError, OverflowError):
                continue
            if its is None:
                continue
            seconds_east = int(its.total_seconds())
        seen.append(seconds_east)
        if written is not None and not _offsets_agree(offset, written, seconds_east):
            return Message("time_zone_disagrees", offset=_offset_text(written / 60), zone=body,
                           its=_offset_text(seconds_east / 60))  # fmt: skip
    if len(set(seen)) > 1:  # (two zones in brackets that disagree, after Z)
        return Message("time_invalid")
    return None


def _zone_only(text: str) -> tuple[int | None, Message | None]:
    """The offset (seconds east of UTC: tzdata's local mean times are not whole minutes, Asia/Shanghai's +08:05:43
    before 1901) of a :data:`_ZONE_ONLY` text's zone at its wall-clock time, or why there is
    none: the zone is unknown (no offset to fall back to), or the clocks there skip that time (it never happened)
    or show it twice (it happened at two instants, the offset tells which). ``(None, None)``: not such a text."""
    import zoneinfo

    m = _ZONE_ONLY.fullmatch(text.strip())
    local = None if m is None else _wall_clock(m[1].replace(",", "."))
    if m is None or local is None:
        return None, None
    name = next(t.lstrip("!") for t in re.findall(r"\[([^\[\]]*)\]", m[2]) if "=" not in t)
    if re.fullmatch(r"[+-]\d{2}:?\d{2}", name) is not None:
        return _seconds_east(name), None
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None, Message("time_zone_unknown", zone=name, example=f"{m[1]}{BEIJING_TZ}")
    try:
        first, second = (local.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1))
    except (ValueError, OverflowError):
        return None, None
    if first is None or second is None:
        return None, None
    offsets = sorted({int(first.total_seconds()), int(second.total_seconds())}, reverse=True)
    if len(offsets) == 1:  # (a wall clock in year 1 or 9999 too: its offset, which then reads out of range)
        return offsets[0], None
    try:
        back = local.replace(tzinfo=zone).astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None, None
    if back != local:
        return None, Message("time_zone_gap", zone=name, clock=m[1])
    both = Joined([f"{m[1]}{_offset_text(k / 60)}" for k in offsets], "or")
    return None, Message("time_zone_twice", zone=name, clock=m[1], both=both)


def _zone_offset(m: re.Match[str]) -> str:
    """A :data:`_ZONE_ONLY` text with its zone's offset put before the brackets, or left as no time
    (:func:`_zone_only`)."""
    seconds_east, _ = _zone_only(m[0])
    if seconds_east is None:
        return m[0] + _NO_TIME
    return m[1] + _offset_text(seconds_east / 60) + m[2]


def _wall_clock(text: str) -> dt.datetime | None:
    """The naive date and time ``text`` writes (to the microsecond), or None."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        local = pd.Timestamp(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if local is pd.NaT or local.tzinfo is not None:
        return None
    try:
        return local.to_pydatetime(warn=False)
    except (ValueError, OverflowError):  # (a year Python's datetime cannot hold: -2024-02-29, 0000-01-01)
        return None


def _offset_text(minutes_east: float) -> str:
    """``+08:00`` for 480 minutes east of UTC; ``+08:05:43`` for 485 43/60 (a whole number of seconds)."""
    sign = "-" if minutes_east < 0 else "+"
    seconds = round(abs(minutes_east) * 60)
    text = f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return text + f":{seconds % 60:02d}" if seconds % 60 else text


def _chinese_date(m: re.Match[str]) -> str:
    """``2024年3月19日`` as ``2024-03-19`` (:data:`_CN_DATE`), a space after it."""
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d} "


def _unbracketed(text: str) -> str:
    """``text`` with a zone in brackets after its time of day as the zone without them: ``(UTC+8)`` as ``UTC+8``
    (:data:`_BRACKETED_GMT_OFFSET`), ``(China Standard Time)`` as ``+08:00`` (:data:`_BRACKETED_NAME`)."""
    return _BRACKETED_NAME.sub(_named_offset, _BRACKETED_GMT_OFFSET.sub(r"\1 \2", text))


def _beijing_words(text: str, names: re.Pattern[str] = _CN_BEIJING) -> str:
    """A text written in Chinese with Beijing time named (北京时间, 中国标准时间, CST: :data:`_CN_BEIJING`; or, with
    ``names`` :data:`_BJT`, any text naming it BJT) with the
    name as the offset +08:00 at its end; left out when the text gives +08:00 itself (in brackets too, ``(UTC+8)``,
    ``(China Standard Time)``: :func:`_unbracketed`), and left as written when it gives another zone (two zones:
    not a time, :func:`_beijing_why`).

    >>> _beijing_words("2024-10-18 08:00 BJT", _BJT), _beijing_words("2024-10-18 08:00 +0800 BJT", _BJT)
    ('2024-10-18 08:00 +08:00', '2024-10-18 08:00 +0800')
    """
    if names.search(text) is None:
        return text
    rest = _unbracketed(names.sub(" ", text).strip())
    if _PLUS_8_AT_END.search(rest) is not None:
        return rest
    if _ZONE_TOKEN.search(f" {rest}") is not None or _UTC_GMT_WORD.search(rest):
        return text
    return f"{rest} +08:00"


# a zone at a text's end right after its clock (Z, UTC, GMT or an offset, its sign in group 2), once a named offset is
# put as an ISO one (:func:`_beijing_why`)
_ZONE_AFTER_CLOCK = re.compile(
    r"(?<![+\-\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?\s*([zZ]|UTC|GMT|([+-])\d{1,2}(?::?\d{2})?)$"
)


def _beijing_why(text: str) -> Message | None:
    """Why a text naming Beijing time in Chinese (:data:`_CN_BEIJING_NAME`) is no time when it ends with another
    zone (``北京时间 2024-10-17 08:00 +09:00``, ``(UTC+9)``, ``(UTC)``: two instants, :func:`_beijing_words` leaves it
    as written), else None."""
    text = unicodedata.normalize("NFKC", text).strip()
    name = re.search(_CN_BEIJING_NAME, text)
    names = _CN_BEIJING
    if name is None and (name := re.search(r"(?<![A-Za-z])BJT(?![A-Za-z])", text)) is not None:
        names = _BJT
    if name is None:
        return None
    rest = names.sub(" ", text).strip()
    ut = _UT_ZONE.search(rest)  # (RFC 5322's UT, in any case: UTC, named as written)
    rest = _unbracketed(_UT_ZONE.sub(r"\1UTC\2", rest))
    rest = _GMT_OFFSET.sub(_east_of_greenwich, _UTC_WORD.sub(lambda m: m[0].upper(), rest))
    end = _ZONE_AFTER_CLOCK.search(_CN_CLOCK.sub(_chinese_clock, rest))
    if end is None:
        return None
    written = end[1]
    minutes = 0 if end[2] is None else _minutes_east(written)
    if minutes == BEIJING_OFFSET_NS // 60_000_000_000:
        return None
    offset = written if end[2] is None else _offset_text(minutes)  # (Z, UTC, GMT as written)
    if ut is not None and offset == "UTC":
        offset = ut.string[ut.end(1) : ut.start(2)]
    return Message("time_name_disagrees", offset=offset, zone=name[0], its=BEIJING_TZ)


# zones one after the other after a text's clock, to its end ("08:00 +08:00 +08:00", "08:00:00+08:00-05:00", "08:00 Z
# +0800", "08:00 (UTC+8) +0800", "08:00 UTC UTC"): each an offset, Z, UTC or GMT, or UTC or GMT and an offset, in
# brackets or not (:func:`_zones_why`)
_ZONE_ONE = r"(?:(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?(?!\d)|(?!\s*[+-]\d))|[zZ]|[+-]\d{1,2}(?::?\d{2})?(?!\d))"
_ZONE_WRITTEN = r"(?:\(\s*" + _ZONE_ONE + r"\s*\)|" + _ZONE_ONE + ")"
# AM or PM (a.m., p.m.) after the zone that follows a text's clock, at its end ("08:00 +08:00 pm", "08:00Z PM",
# "08:00 UTC pm", "8:00 (UTC+8) pm"): no time, said so (:func:`_half_day_after_zone_why`); the mark is read right
# after the clock only ("08:00 pm +08:00"), as every layout that writes one puts it, never across the zone
_HALF_DAY_AFTER_ZONE = re.compile(
    r"(?P<clock>(?<![\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?P<zone>\s*(?:"
    + _ZONE_WRITTEN
    + r"|(?i:UT)(?![A-Za-z])))"
    r"\s*(?P<mark>[AaPp]\.?[Mm]\.?)$"
)
_HALF_DAY_AFTER_ZONE_ANY = re.sub(r"\(\?P<\w+>", "(?:", _HALF_DAY_AFTER_ZONE.pattern)  # (the same, no groups)
_ZONES_AFTER_CLOCK = re.compile(
    r"(?P<before>.*(?<![+\-\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)"
    r"(?P<first>\s*" + _ZONE_WRITTEN + r")(?P<more>(?:\s*" + _ZONE_WRITTEN + r")+)$"
)


def _zones_why(text: str) -> Message | None:
    """Why a text whose clock is followed by two zones or more is no time (:data:`_ZONES_AFTER_CLOCK`; the parser
    would take one of them), or None: the same offset written again (``2024-10-17 08:00 +08:00 +08:00``: write it
    once; Go's ``+0800 +0800``, read, never gets here) or offsets that differ (two instants). None too when the text
    with its first zone alone is no time either (``08:00 +08:00 +08:00``: no date), which its other reasons say."""
    text = _UTC_WORD.sub(lambda m: m[0].upper(), unicodedata.normalize("NFKC", text).strip())
    m = _ZONES_AFTER_CLOCK.fullmatch(text)
    if m is None:
        return None
    zones = re.findall(_ZONE_WRITTEN, m["first"] + m["more"])
    minutes = []
    for zone in zones:
        bare = re.sub(r"[()\s]", "", zone)
        gmt = _GMT_OFFSET.fullmatch(bare)  # (UTC+8: east of Greenwich; Z, UTC, GMT: 0)
        east = _east_of_greenwich(gmt) if gmt else bare if bare[0] in "+-" else "+00"
        minutes.append(_minutes_east(east))
    example = m["before"] + m["first"]
    if int(to_ns(np.array([example], dtype=object))[1][0]) != TIME_OK:
        return None  # (the text has more wrong with it than its zones: its other reasons)
    written = m["first"].strip() + m["more"]
    if len(set(minutes)) == 1:
        return Message("time_zone_again", offset=_offset_text(minutes[0]), written=written, example=example)
    offsets = Joined((_offset_text(k) for k in dict.fromkeys(minutes)), "and")
    return Message("time_zones_differ", written=written, offsets=offsets)


def _week_date(m: re.Match[str]) -> str:
    """``2024-W12-2`` as ``2024-03-19`` (:data:`_WEEK_DATE`); a week or day the year does not have left as written."""
    try:
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return m[0]


def _ordinal_date(m: re.Match[str]) -> str:
    """``2024-079`` as ``2024-03-19`` (:data:`_ORDINAL_DATE`); a day the year does not have left as written."""
    year, day = int(m[1]), int(m[2])
    try:
        date = dt.date(year, 1, 1) + dt.timedelta(days=day - 1)
    except (ValueError, OverflowError):  # (year 0)
        return m[0]
    return date.isoformat() if day >= 1 and date.year == year else m[0]


def _common_log(m: re.Match[str]) -> str:
    """``[19/Mar/2024:08:00:00 +0800]`` as ``19/Mar/2024 08:00:00 +0800`` (:data:`_COMMON_LOG`; a bracket without
    its other half is left as written)."""
    if bool(m[1]) != bool(m[4]):
        return m[0]
    return f"{m[2]} {m[3]}"


def _chinese_weekday(m: re.Match[str]) -> str:
    """``星期二`` / ``（周二）`` as `` Tue `` (:data:`_CN_WEEKDAY`)."""
    return f" {_CN_WEEKDAYS[m[1]]} "


def _chinese_clock(m: re.Match[str]) -> str:
    """``15时30分00秒`` / ``8点5分3秒`` / ``3点`` / ``3点半`` (half past) / ``8点整`` (sharp) as ``15:30:00`` /
    ``8:05:03`` / ``3:00`` / ``3:30`` / ``8:00`` (:data:`_CN_CLOCK`)."""
    minutes = 30 if m[2] else int(m[3] or 0)
    if not m[4]:
        return f"{m[1]}:{minutes:02d}"
    whole, mark, fraction = re.match(r"(\d+)([.,]?)(\d*)", m[4]).groups()  # type: ignore[union-attr]
    return f"{m[1]}:{minutes:02d}:{int(whole):02d}{mark}{fraction}"  # (3秒: :03, as 3分 is :03)


def _half_day(m: re.Match[str]) -> str:
    """``下午 3:00`` as ``3:00 PM``, ``上午 3:00`` as ``3:00 AM`` (:data:`_CN_HALF_DAY`)."""
    return f"{m[2]} {'AM' if m[1] == '上' else 'PM'}"


def _part_of_day(m: re.Match[str]) -> str:
    """``晚上 11:00`` as ``23:00``, ``凌晨 1:00`` as ``01:00``, ``晚上 12:00`` as ``24:00``
    (:data:`_CN_PART_OF_DAY`); an hour outside its part of the day, or past the midnight 12点 is (``晚上 12:30``),
    left as written (no time)."""
    hour = _PARTS_OF_DAY[m[1]][1].get(int(m[2]))
    if hour is None or (hour == 24 and not _ZERO_MINUTES.fullmatch(m[3])):
        return m[0] + _NO_TIME
    return f" {hour:02d}{m[3]}"


def _suffix_why(text: str) -> Message | None:
    """Why the zone's name after a text's offset makes it no time (an RFC 9557 suffix: :func:`_suffix_refused`; an
    abbreviation never at that offset: :data:`_NAME_OFFSETS`; Go's abbreviation of a zone without one, the offset
    written again, another offset: :data:`_NUMERIC_ABBREVIATION`), or None."""
    go = _NUMERIC_ABBREVIATION.search(unicodedata.normalize("NFKC", text).strip())
    if go is not None and _minutes_east(go[2]) != _minutes_east(go[3]):
        return Message("time_abbreviation_offset_disagrees", offset=_offset_text(_minutes_east(go[2])),
                       abbreviation=go[3], its=_offset_text(_minutes_east(go[3])))  # fmt: skip
    if _ZONE_ONLY.fullmatch(text.strip()):
        return _zone_only(text)[1]
    exact = _OFFSET_EXACT.fullmatch(text.strip())
    if exact is not None and exact[3]:
        return _suffix_refused(exact[1], exact[2], exact[3])
    m = _ZONE_NAME.search(text.strip())
    if m is None:
        return None
    after = m[0][len(m[1]) :]
    if "[" in after:
        return None if m[1] in "zZ" else _suffix_refused(m.string[: m.start()], m[1], after)
    zulu = m[1] in "zZ"  # (Z: UTC's offset, 0)
    written = m[1] if zulu else _offset_text(_minutes_east(m[1]))
    word = _word_after_offset(after)
    if word is not None:  # ("+0800 west": a word, no zone; the text without it, where that is read)
        example = m.string[: m.start()] + m[1]
        if _first_read([example]) is None:
            return None
        return Message("time_offset_word", word=word, offset=written, example=example)
    named = _name_offsets(after)
    if named and (0 if zulu else _minutes_east(m[1])) not in named:
        name = re.sub(r"\s+m=[+-]\d+(?:\.\d+)?$", "", after).strip()
        name = name[1:-1].strip() if name.startswith("(") and name.endswith(")") else name  # ("(UTC)": UTC's)
        its = Joined((_offset_text(k) for k in named), "or")
        if _GMT_OFFSET.fullmatch(name) or re.fullmatch(r"[+-]\d{1,2}(?::?\d{2})?|[zZ]", name):
            # ("+0800 (+0900)", "+0900 (UTC+8)", "Z (UTC+8)", "+0800 (Z)": two offsets that disagree, each named, Z as
            # +00:00, ISO 8601's offset of UTC; "(UTC)" names a zone)
            return Message("time_offsets_disagree", offset=written, other=its)
        return Message("time_name_disagrees", offset=written, zone=name, its=its)
    return None


def _written_why(text: str) -> Message | None:
    """Why ``text`` is no time when it writes a dash or minus sign other than ``-`` (the minus sign U+2212, an en
    dash...: read as a sign or hyphen nowhere, as in numbers, :func:`avzone.points.dash_why`), an offset no zone
    has (:data:`_BAD_OFFSET`), a zone's abbreviation before an offset it is never at (``EST +0800``:
    :func:`_abbreviation_disagrees`), Beijing time named beside another zone (``北京时间 ... +09:00``:
    :func:`_beijing_why`) or four digits after its date that may be a year (:data:`_YEAR_AS_CLOCK`); else
    None. A dash whose text written with ``-`` is still no time for an offset's seconds (``08:00 −05:00:00``:
    :func:`_offset_seconds_why`) is ``time_two_faults``: the dash, then that reason."""
    dash = dash_why(text)
    if dash is not None:  # (its text with a -, still no time for an offset's seconds: both said)
        example = str(dash.fields.get("example", ""))
        then = _offset_seconds_why(example) if _first_read([example]) is None else None
        return dash if then is None else Message("time_two_faults", first=dash, then=then)
    text = _BRACKETED_GMT_OFFSET.sub(r"\1 \2", unicodedata.normalize("NFKC", text).strip())  # ("(UTC+8)": "UTC+8")
    text = _UT_BEFORE_OFFSET.sub(r"\1UTC\2", text)  # ("UT+08:61": UTC's, as read: UT is no abbreviation here)
    far = _BAD_OFFSET_RE.search(text)
    if far is not None:
        offset = re.findall(r"[+-]\d[\d:]*", far[0])[-1].rstrip(":")
        digits = re.sub(r"\D", "", offset)
        if len(digits) <= 2 or int(digits[-2:]) < 60:  # (minutes past 59: _offset_seconds_why, or no reason)
            at = far.start() + far[0].rindex(offset) + len(offset)
            seconds = re.match(r":\d{2}(?![\d:])", text[at:])  # ("+25:00:00": the offset as written, its seconds too)
            return Message("time_offset_range", offset=offset + (seconds[0] if seconds else ""))
    word = _word_before_zone_why(text)
    if word is not None:
        return word
    m = _ABBREVIATION_OFFSET.search(_GMT_OFFSET.sub(_east_of_greenwich, text))
    two = None if m is None else (m[2], f"{m[3]}{int(m[4]):02d}:{m[5] or '00'}")
    both = two and _abbreviation_disagrees(*two)
    if not both:
        apart = _name_disagrees(text)
        two, both = (None, None) if apart is None else (apart[:2], apart[2])
    if two and both:
        its = Joined((_offset_text(k) for k in both), "or")
        return Message("time_name_disagrees", offset=_offset_text(_minutes_east(two[1])), zone=two[0], its=its)
    beijing = _beijing_why(text)
    if beijing is not None:
        return beijing
    year = _YEAR_AS_CLOCK_RE.search(text)
    if year is not None:
        at = year.end() - (0 if year[0][-1].isdigit() else 1) - 4
        digits = text[at : at + 4]
        clock = f"{digits[:2]}:{digits[2:]}"
        return Message("time_year_as_clock", digits=digits, clock=clock, example=text[:at] + clock + text[at + 4 :])
    return None


# a word between a text's clock (or AM or PM after it) and the zone that ends it (an offset, Z, UTC, GMT or UT, or
# UTC or GMT and an offset, in brackets or not), or a year after it: "08:00 foo +0800", "08:00 west GMT+8", "Thu Oct
# 17 08:00:00 foo +0800 2024" (:func:`_word_before_zone_why`)
_WORD_BEFORE_ZONE = re.compile(
    r"(?P<before>.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*(?![AaPp]\.?[Mm]\b)(?P<word>[A-Za-z]{2,5})"
    r"(?P<zone>\s*(?P<bare>\(\s*" + _ZONE_ONE + r"\s*\)|" + _ZONE_ONE + r"|(?i:UT)(?![A-Za-z])))(?P<year>\s+\d{4})?$"
)


def _word_before_zone_why(text: str) -> Message | None:
    """Why a text is no time when a word that is no zone's abbreviation stands between its clock and its zone
    (``2024-10-17 08:00 foo +0800``, ``08:00 west +0800``: :func:`_word_after_offset`'s rule, the same before a
    zone as after one): the word, and the text without it where that is read; else None.

    >>> print(_word_before_zone_why("2024-10-17 08:00 foo +0800"))
    foo before the zone +0800 is no time zone avzone reads (before an offset it reads a zone's abbreviation in \
capitals, such as CST in CST +0800): the zone alone says the time; leave the word out, 2024-10-17 08:00 +0800
    """
    m = _WORD_BEFORE_ZONE.fullmatch(_UTC_WORD.sub(lambda w: w[0].upper(), text))
    if m is None or re.fullmatch(_DATE_WORDS, m["word"]) or _word_after_offset(f" {m['word']}") is None:
        return None
    example = text[: m.end("before")] + text[m.start("zone") :]
    if _first_read([example]) is None:
        return None
    zone = text[m.start("bare") : m.end("bare")]
    return Message("time_word_before_zone", word=m["word"], zone=zone, example=example)


# 上午 or 下午 after the zone that follows a text's clock, at its end ("2024年10月17日 08:00 +0800 下午"): no time
# either (:func:`_half_day_after_zone_why`: it is read before the clock)
_CN_HALF_DAY_AFTER_ZONE = re.compile(
    r"(?P<clock>(?<![\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?P<zone>\s*(?:"
    + _ZONE_WRITTEN
    + r"|(?i:UT)(?![A-Za-z])))"
    r"\s*(?P<mark>[上下]午)$"
)


# 上午 or 下午 right after a text's clock, at its end ("2024/10/18 8:00:00 下午", as some Chinese locales write it):
# no time (:func:`_half_day_after_zone_why`: it is read before the clock)
_CN_HALF_DAY_AFTER_CLOCK = re.compile(
    r"(?P<clock>(?<![\d:+\-])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<mark>[上下]午)$"
)


def _half_day_after_zone_why(text: str) -> Message | None:
    """Why a text is no time when AM or PM follows the zone after its clock (:data:`_HALF_DAY_AFTER_ZONE`: ``08:00
    +08:00 pm``): the mark and the zone, with the text written with the mark right after the clock where that is
    read (上午 or 下午, :data:`_CN_HALF_DAY_AFTER_ZONE`: before the clock; so after the clock too, ``8:00:00 下午``,
    :data:`_CN_HALF_DAY_AFTER_CLOCK`); else None.

    >>> print(_half_day_after_zone_why("2024-10-17 08:00 +08:00 pm"))
    pm follows the zone +08:00: avzone reads AM or PM right after the time of day, before its zone; write \
2024-10-17 08:00 pm +08:00
    """
    text = unicodedata.normalize("NFKC", text).strip()
    late = _CN_HALF_DAY_AFTER_CLOCK.search(text)
    if late is not None:  # (上午 or 下午 after the clock, no zone between: before the clock, as it is read)
        example = text[: late.start("clock")] + late["mark"] + late["clock"]
        if _first_read([example]) is not None:
            return Message("time_half_day_cn_after_clock", mark=late["mark"], clock=late["clock"], example=example)
    cn = _CN_HALF_DAY_AFTER_ZONE.search(text)
    if cn is not None:  # (上午 or 下午 after the zone: before the clock, as it is read)
        example = text[: cn.start("clock")] + cn["mark"] + text[cn.start("clock") : cn.end("zone")]
        if _first_read([example]) is None:
            return None
        return Message("time_half_day_cn_after_zone", mark=cn["mark"], zone=cn["zone"].strip(), example=example)
    m = _HALF_DAY_AFTER_ZONE.search(_UTC_WORD.sub(lambda w: w[0].upper(), text))
    if m is None:
        return None
    before, zone, mark = text[: m.end("clock")], text[m.start("zone") : m.end("zone")], m["mark"]
    examples = [f"{before} {mark}{zone}", f"{before} {mark} {zone.strip()}"]
    found = _first_read(examples)
    if found is None:  # (an hour that is none with AM or PM, "13:00 +08:00 pm": said so, as for "13:00 pm +08:00")
        return Message("time_hour_not_12") if _HOUR_NOT_12.search(examples[0]) else None
    example = examples[found[0]]
    return Message("time_half_day_after_zone", mark=mark, zone=zone.strip(), example=example)


# what follows the zone after a text's clock, to its end ("08:00 +0800 hello world", "08:00 +0800 2024 foo", "08:00Z
# foo bar"): :func:`_after_zone_why`
_AFTER_ZONE = re.compile(
    r"(?P<before>.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)"
    # (what follows stands after a space or is a word: "+08:61" is an offset whose minutes cannot be, not "+08" and
    # ":61" after it)
    r"(?P<zone>\s*(?P<bare>" + _ZONE_WRITTEN + r"|(?i:UT)(?![A-Za-z])))(?:\s+|(?=[^\W\d_]))(?P<rest>\S.*)$"
)


def _after_zone_why(text: str) -> Message | None:
    """Why a text is no time when something follows the zone after its clock that is no zone's name
    (:data:`_AFTER_ZONE`: words, ``+0800 hello world``; numbers, ``+0800 2024 foo``): what follows and the zone,
    with the text without it, where that is read; else None (a word alone, ``+0800 foo``, has its own reason,
    :func:`_suffix_why`).

    >>> print(_after_zone_why("2024-10-17 08:00 +0800 hello world"))
    hello world after the zone +0800 is no part of a time avzone reads (a time ends with its zone; after an offset \
a zone's abbreviation in capitals, such as CST, or a zone's name in brackets, such as (China Standard Time), may \
follow): leave it out, 2024-10-17 08:00 +0800
    """
    text = unicodedata.normalize("NFKC", text).strip()
    m = _AFTER_ZONE.fullmatch(_UTC_WORD.sub(lambda w: w[0].upper(), text))
    if m is None:
        return None
    example = text[: m.end("zone")]
    if _first_read([example]) is None:
        return None
    return Message("time_after_zone", rest=m["rest"], zone=m["bare"].strip(), example=example)


# a word of ASCII letters, and the words a time may hold: a month's or a day of the week's English name, AM or PM
# (a.m.), ISO 8601's T and Z, UTC, GMT, UT, a zone's abbreviation known, Go's m (m=+0.001) (:func:`_word_why`)
_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])")
_TIME_WORD = re.compile(
    r"(?i:" + _MONTH_WORDS + r"|mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|mo|tu|we|th|fr|sa|su|[ap]m|[ap]|m|t|z|utc|gmt|ut)"
)


# words that say the time of day: never said to be left out (:func:`_word_why`)
_WORDS_OF_THE_DAY = frozenset(
    ("noon", "midday", "midnight", "morning", "afternoon", "evening", "night", "tonight", "dawn", "dusk")
)


def _word_why(text: str) -> Message | None:
    """Why a text is no time when it holds words (ASCII letters, one after another with spaces between) that are no
    part of a time (:data:`_TIME_WORD`, a zone's abbreviation known: ``2024-10-17 08:00 hello world``, ``foo
    2024-10-17 08:00``): the words, with the text without them where that is read; else None (words in two places,
    or a text still no time without them).

    >>> print(_word_why("2024-10-17 foo 08:00"))
    foo is no part of a time avzone reads (a date, a time of day, AM or PM, a month's or a day's English name, a \
zone): without it the text is a time, 2024-10-17 08:00; leave it out if it says nothing of the time
    """
    text = unicodedata.normalize("NFKC", text).strip()
    runs: list[list[re.Match[str]]] = []
    for m in _LETTERS.finditer(text):
        if _TIME_WORD.fullmatch(m[0]) or m[0].upper() in _NAME_OFFSETS:
            continue
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    if not runs:
        return _month_out_of_place_why(text)
    if len(runs) == 1 and any(m[0].lower() in _WORDS_OF_THE_DAY for m in runs[0]):  # (noon: it says the time; left
        return _day_word_why(text, runs[0])  # out, it would not)
    if any(m[0].lower() in _WORDS_OF_THE_DAY for run in runs for m in run):
        return None
    spans = [(run[0].start(), run[-1].end()) for run in runs]
    examples = [_without(text, spans, marks) for marks in (True, False)]
    if _first_read(examples) is None:
        return None
    found = _first_read(examples)
    example = examples[0 if found is None else found[0]]
    if len(runs) == 1:
        return Message("time_word", word=text[spans[0][0] : spans[0][1]], example=example)
    return Message("time_words", words=Joined([text[a:b] for a, b in spans], "and"), example=example)


def _without(text: str, spans: list[tuple[int, int]], marks: bool) -> str:
    """``text`` without the words at ``spans`` (start, end), spaces made one; with ``marks``, a mark that stood
    between a word and the rest left out with it (``08:00 - foo +0800``, ``2024-10-17 08:00 , foo``, ``foo,
    2024-10-17``: a separator of nothing once the word is out)."""
    parts: list[str] = []
    at = 0
    for start, end in spans:
        left = text[at:start]
        if marks:
            left = re.sub(r"(?:\s+[-\u2013\u2014|/]+|\s*[,;|])\s*$", "", left)
            if not parts and not left.strip():  # (a word starting the text: a mark after it)
                text = text[:end] + re.sub(r"^\s*(?:[,;|]|[-\u2013\u2014|/]+(?=\s))", "", text[end:])
        parts.append(left)
        at = end
    parts.append(text[at:])
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _month_out_of_place_why(text: str) -> Message | None:
    """Why a text is no time when a month's English name stands in it apart from its date (``2024-10-17 08:00 Oct
    +0800``: the date gives its month already), where the text without it is read: the name and that text; else
    None."""
    for m in _LETTERS.finditer(text):
        if not re.fullmatch(_MONTH_WORDS, m[0], re.IGNORECASE):
            continue
        example = _without(text, [m.span()], True)
        if _first_read([example]) is not None:
            return Message("time_month_out_of_place", word=m[0], example=example)
    return None


#: The time of day a word of :data:`_WORDS_OF_THE_DAY` says, or an hour in the part of the day it names: what a
#: reason writes in its place, in digits (:func:`_day_word_why`); midnight is 00:00, starting the date, or 24:00,
#: ending it.
_DAY_WORD_CLOCKS = {
    "noon": ("12:00",), "midday": ("12:00",), "midnight": ("00:00", "24:00"), "morning": ("09:00",),
    "afternoon": ("15:00",), "evening": ("19:00",), "night": ("22:00",), "tonight": ("22:00",), "dawn": ("06:00",),
    "dusk": ("18:00",),
}  # fmt: skip


def _day_word_why(text: str, run: list[re.Match[str]]) -> Message | None:
    """Why a text is no time when words that say the time of day (:data:`_WORDS_OF_THE_DAY`: ``2024-10-17 noon``,
    ``2024-10-17 08:00 in the evening``) stand in it: avzone reads no such word, and left out it would say another
    time. Said with the words written as a time of day in digits, where that is read (``2024-10-17 12:00``; midnight
    as 00:00 or 24:00); beside a time of day in digits, that it is written alone, on the 24-hour clock or with AM or
    PM; else None.

    >>> print(_day_word_why("2024-10-17 noon", list(_LETTERS.finditer("2024-10-17 noon"))))
    noon says the time of day in words, which avzone does not read (left out, the text would say another time): \
write the time that is meant in digits, such as 2024-10-17 12:00
    """
    start, end = run[0].start(), run[-1].end()
    words = text[start:end]
    day = next(m[0].lower() for m in run if m[0].lower() in _WORDS_OF_THE_DAY)
    if _CLOCK.search(text) or re.search(r"\d\s*[AaPp]\.?[Mm]\b", text):  # (08:00 in the evening: 08:00 or 20:00?)
        if _first_read([re.sub(r"\s+", " ", f"{text[:start]} {text[end:]}").strip()]) is None:
            return None
        return Message("time_day_word_clock", word=words)
    examples = [re.sub(r"\s+", " ", f"{text[:start]} {clock} {text[end:]}").strip() for clock in _DAY_WORD_CLOCKS[day]]
    if any(_first_read([example]) is None for example in examples):
        return None
    return Message("time_day_word", word=words, example=Joined(examples, "or"))


def _part_of_day_why(text: str) -> Message | None:
    """Why a part of the day makes ``text`` no time, or None: the hour written after it is not in it (``晚上3点``),
    the time is at or past the midnight that ends the date after a word of the night (``晚上12点半``, ``半夜1点``,
    ``晚上0点``: of the date written or of the next day?), or it gives no hour (``半夜``, ``中午``)."""
    text = _CN_CLOCK.sub(_chinese_clock, unicodedata.normalize("NFKC", text))
    for m in _CN_PART_OF_DAY.finditer(text):
        key, hours = _PARTS_OF_DAY[m[1]]
        hour = hours.get(int(m[2]))
        past = hour == 24 and not _ZERO_MINUTES.fullmatch(m[3])
        small = int(m[2]) == 0 or (m[1] in ("深夜", "半夜", "午夜") and int(m[2]) <= 5)  # (晚上3点: see its hours)
        if m[1] in _NIGHT_WORDS and (past or (hour is None and small)):
            return Message("time_past_midnight", part=m[1], clock=f"{int(m[2])}{m[3]}")
        if hour is None:
            return Message("time_part_of_day", part=m[1], span=Message(key), hour=int(m[2]))
    bare = _CN_NO_HOUR.search(text)
    if bare is not None:
        return Message("time_part_no_hour", part=bare[1], hour=_CN_PART_HOURS.get(bare[1], 8))
    return None


def _year_before_time(m: re.Match[str]) -> str:
    """``00:00:00 +0800 2024`` as ``2024 00:00:00 +0800`` (:data:`_ZONE_BEFORE_YEAR`), unless the text gives a year
    before the time already (two years: left as written, for the parser to refuse)."""
    if re.search(r"\d{4}", m.string[: m.start()]):
        return m[0]
    return f"{m[3]} {m[1]} {m[2]}"


def _east_of_greenwich(m: re.Match[str]) -> str:
    """``GMT+8`` / ``UTC+0800`` / ``GMT+08:00`` as the ISO offset ``+08:00`` they mean."""
    return f"{m[1]}{int(m[2]):02d}:{m[3] or '00'}"


def _numeric_abbreviation(m: re.Match[str]) -> str:
    """Go's ``08:00:00 +0600 +06`` as ``08:00:00 +0600`` (:data:`_NUMERIC_ABBREVIATION`: the abbreviation writes the
    offset again, its monotonic clock after it left out too); left as written, with what no parser reads, when the
    two offsets differ (``+0800 +06``)."""
    if _minutes_east(m[2]) != _minutes_east(m[3]):
        return m[0] + _NO_TIME
    return f"{m[1]} {m[2]}"


def _long_name_offset(name: str) -> int | None:
    """The offset (minutes east) a zone's long name stands for (``China Standard Time``, ``日本标准时间``: one of
    :data:`_NAME_OFFSETS` at one offset, not an abbreviation), else None."""
    name = re.sub(r"\s+", " ", name.strip()).upper()
    offsets = _NAME_OFFSETS.get(name, ())
    return offsets[0] if len(offsets) == 1 and (" " in name or not name.isascii()) else None


def _named_offset(m: re.Match[str]) -> str:
    """``08:00 (China Standard Time)`` as ``08:00 +08:00`` (:data:`_BRACKETED_NAME`); a name that is not a long one
    known at one offset left as written."""
    minutes = _long_name_offset(m[2])
    return m[0] if minutes is None else f"{m[1]} {_offset_text(minutes)}"


# a zone's name as written ("Pacific Standard Time", "Asia/Shanghai", "太平洋标准时间", "协调世界时"): what
# :func:`_zone_name_why` says is one
_ZONE_NAME_WORDS = re.compile(r"(?i)(?:\btime|\bzone|时间|時間|世界时)$|^[A-Za-z_]+/[A-Za-z_/+\-]+$")


def _zone_name_why(text: str) -> Message | None:
    """Why a text whose time of day is followed by a zone's name in brackets and no offset is no time
    (:data:`_BRACKETED_NAME`: a name not known at one offset, ``(Pacific Standard Time)``, ``(Asia/Shanghai)``), else
    None (an abbreviation, ``(CST)``, has its own reason)."""
    m = _BRACKETED_NAME.search(unicodedata.normalize("NFKC", text).strip())
    if m is None or _long_name_offset(m[2]) is not None or not _ZONE_NAME_WORDS.search(m[2].strip()):
        return None
    return Message("time_zone_name", name=m[2].strip())


def _time_east_of_greenwich(m: re.Match[str]) -> str:
    """``00:00:00 CST+0800`` as ``00:00:00 +08:00`` (:data:`_ABBREVIATION_OFFSET`; a space after the time: the
    digits before may be a year, ``2024 CST+0800``); left as written, with what no parser reads, when the name is
    never at that offset (``EST+0800``: two zones) or is a word, no zone's abbreviation (``foo +0800``, ``west
    +0800``: :func:`_word_after_offset`'s rule, the same before an offset as after it; never left out unread). A
    day of the week's or a month's name (``Fri +0800``) is kept, for the parser and the checks of the day it names
    (before the time, where the parser reads it: ``Fri 08:00 +08:00``)."""
    offset = f"{m[3]}{int(m[4]):02d}:{m[5] or '00'}"
    if re.fullmatch(_DATE_WORDS, m[2]):
        return f"{m[2]} {m[1]} {offset}"
    if _word_after_offset(f" {m[2]}") is not None or _abbreviation_disagrees(m[2], offset) is not None:
        return m[0] + _NO_TIME
    return f"{m[1]} {offset}"


# an offset after a space, no part of a date ("Thu Oct 17 08:00:00 EST 2024 +0800": its zone's abbreviation elsewhere)
_SPACED_OFFSET = re.compile(r"(?<=\s)[+-]\d{1,2}(?::?\d{2})?(?![\d:/.\-])")


def _names_disagree(texts: pd.Series) -> pd.Series:
    """Which texts hold a zone's abbreviation and, apart from it, an offset it is never at (``Thu Oct 17 08:00:00 EST
    2024 +0800``: two zones; :func:`_name_disagrees`)."""
    named = texts.str.contains(_ABBREVIATION, regex=True).fillna(False).to_numpy(dtype=bool)
    out = np.zeros(len(texts), dtype=bool)
    if named.any():
        out[named] = [_name_disagrees(t) is not None for t in texts[named].tolist()]
    return pd.Series(out, index=texts.index)


def _name_disagrees(text: str) -> tuple[str, str, tuple[int, ...]] | None:
    """A zone's abbreviation in ``text``, an offset after a space in it that the abbreviation is never at and the
    offsets it stands for (:data:`_NAME_OFFSETS`), else None."""
    for name in _ABBREVIATION.findall(text):
        for offset in _SPACED_OFFSET.findall(text):
            named = _abbreviation_disagrees(name, offset)
            if named is not None:
                return name, offset, named
    return None


def _abbreviation_disagrees(name: str, offset: str) -> tuple[int, ...] | None:
    """The offsets (minutes east) a zone's abbreviation written before an offset stands for, when ``offset`` is none
    of them (``EST`` before ``+08:00``; ``UTC``, ``GMT`` and ``Z`` are at 0), else None (a name not known says
    nothing: :data:`_NAME_OFFSETS`)."""
    named = (0,) if name.upper() in ("UTC", "GMT", "UT", "Z") else _NAME_OFFSETS.get(name.upper(), ())
    return named if named and _minutes_east(offset) not in named else None


def _encodable(v: str) -> bool:
    """Whether text can be written as UTF-8 (not when it holds a lone surrogate)."""
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _one_ns(v: Any, unit: str | None = None) -> tuple[int, int]:
    try:
        if isinstance(v, (bool, np.bool_)):
            return _NAT, TIME_INVALID
        if isinstance(v, (int, float, np.number)):
            if unit is None:
                return _NAT, TIME_NUMBER
            if isinstance(v, (int, np.integer)):
                if not -(2**63) <= int(v) < 2**63:
                    return _NAT, TIME_RANGE
                one = np.array([int(v)], dtype=np.int64)
            else:
                one = np.array([float(v)], dtype=np.float64)
            ns, codes = epoch_ns(one, unit)
            return int(ns[0]), int(codes[0])
        if isinstance(v, (decimal.Decimal, numbers.Rational)):  # a database's numeric column: a number too
            if unit is None:
                return _NAT, TIME_NUMBER
            if isinstance(v, decimal.Decimal) and v.is_finite():  # (exactly, from its digits, as a number's text)
                return _decimal_ns(format(v, "f"), TIME_UNITS[unit])
            return _one_ns(float(v), unit)
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            v = dt.datetime(v.year, v.month, v.day)
        if isinstance(v, np.datetime64) and _coarse(v.dtype):
            return (_NAT, TIME_MISSING) if np.isnat(v) else (_NAT, TIME_INVALID)
        if isinstance(v, pd.Period):  # (a day or less within one day: its start; longer, or across midnight: none)
            if _across_days(v) is not None:
                return _NAT, TIME_INVALID
            v = v.start_time
        t = pd.Timestamp(v)
    except (TypeError, ValueError):
        return _NAT, TIME_INVALID
    if t is pd.NaT:
        return _NAT, TIME_MISSING
    offset = BEIJING_OFFSET_NS if t.tzinfo is None else 0
    utc = t.tz_localize(None) if t.tzinfo is None else t.tz_convert("UTC").tz_localize(None)
    ns, far = checked_ns(np.array([utc.to_datetime64()]), offset)
    return (_NAT, TIME_RANGE) if far[0] else (int(ns[0]), TIME_OK)


def checked_ns(values: np.ndarray, offset_ns: Any = 0) -> tuple[np.ndarray, np.ndarray]:
    """``datetime64`` values of any unit, less ``offset_ns``, as int64 nanoseconds, and which lie out of range.

    A time before :data:`TIME_FIRST` or from :data:`TIME_END` on (once the
    offset is taken off) is flagged and, like NaT, becomes the int64
    minimum: never another time that a conversion wrapped to (int64
    nanoseconds end in 1677 and 2262), and never a step between two times
    that the walk along a trajectory could not hold (2**63 ns: 292 years).

    >>> ns, far = checked_ns(np.array(["2024-06-30T00:00", "2500-01-01T00:00", "NaT"], dtype="datetime64[s]"))
    >>> far.tolist(), bool(ns[1] == ns[2])
    ([False, True, False], True)
    """
    a = np.asarray(values)
    shift = np.asarray(offset_ns, dtype=np.int64)
    nat = np.isnat(a)
    first, end = TIME_FIRST, TIME_END
    # the bounds in the values' own unit, moved by the offset (within a day: whole seconds)
    lo = first + (shift // 10**9).astype("timedelta64[s]")
    hi = end + (shift // 10**9).astype("timedelta64[s]")
    far = ~nat & ((a < lo) | (a >= hi))
    bad = nat | far
    safe = np.where(bad, np.datetime64("1970-01-01T00:00:00", "s"), a)
    ns = safe.astype("datetime64[ns]").astype(np.int64) - shift
    return np.where(bad, _NAT, ns), far


def one_time(values: Any) -> bool:
    """Whether ``values`` is one time rather than a time per point: a scalar as numpy and pandas count one (a text,
    a ``date`` or ``datetime``, a pandas ``Timestamp`` or ``Period``, a numpy ``datetime64``, a number, ``NaT``), a
    0-d array or an Arrow scalar (``table["ts"][0]``); never None, a list, an array, a Series or an index."""
    if values is None:
        return False
    if isinstance(values, np.ndarray):
        return values.ndim == 0
    pa = sys.modules.get("pyarrow")
    return bool(pd.api.types.is_scalar(values)) or (pa is not None and isinstance(values, pa.Scalar))


def instant(when: Any, unit: str | None = None, *, takes_unit: bool = False, name: str = "times") -> int:
    """One time (date, datetime, ISO string, numpy/pandas time) to nanoseconds since the epoch (UTC).

    An Arrow scalar (``table["ts"][0]``) is read as its value. ``unit``: a
    number (or a number's text) is an epoch time in that unit, as
    :func:`to_ns` reads it; ``takes_unit``: the caller takes a unit (``time_unit``), so a
    number without one is refused saying to give it (else: the forms one
    time takes, as ``at=`` and ``--at`` take none); ``name``: how the errors of
    the unit's checks name the time (:func:`to_ns`).

    Raises
    ------
    InputError
        When ``when`` is missing or not a date/time (a number too: one time,
        as ``at=`` and ``--at`` take it, has no unit to give, so the error
        names the forms taken instead, an epoch time as
        ``pd.Timestamp(n, unit="s", tz="UTC")``; a month or year without its
        day names the days to choose from), or when it is several times (a
        list, tuple, array, Arrow array, Series or index: a time per point is
        ``model.classify(..., times=...)``'s).
    """
    pa = sys.modules.get("pyarrow")  # (an Arrow array implies pyarrow is imported: numpy would drop its zone)
    arrow = pa is not None and isinstance(when, (pa.Array, pa.ChunkedArray))
    if (
        arrow
        or isinstance(when, (list, tuple, pd.Series, pd.Index, pd.api.extensions.ExtensionArray))
        or (isinstance(when, np.ndarray) and when.ndim > 0)
    ):
        raise InputError(Message("err_one_time", kind=type(when).__name__, n=len(when)))
    if type(when).__module__.startswith("pyarrow") and callable(getattr(when, "as_py", None)):
        when = when.as_py()  # (an Arrow scalar, a column's cell: its timestamp, date or text, read as any other)
    if isinstance(when, np.ndarray):  # (0-d: its value, a numpy scalar)
        when = when[()]
    ns, codes = to_ns(np.array([when], dtype=object), unit, name)
    refused = _refusal(when, int(codes[0]), takes_unit)
    if refused is not None:
        raise InputError(refused)
    return int(ns[0])


def _refusal(when: Any, code: int, takes_unit: bool) -> Message | None:
    """Why one time ``when``, read by :func:`to_ns` with the time code ``code``, is refused: the error of
    :func:`instant` (``err_bad_time``: the value quoted and why), None when it is a time. The one wording of a
    time's reason, :func:`time_why`'s too."""
    if isinstance(when, str) and code != TIME_OK and (bare := _t_no_date_why(when)) is not None:
        return Message("err_bad_time", time=Quoted.of(when), why=bare)  # (T0800: a time of day, never the year 800)
    period = _period(when) if code != TIME_OK else None
    if period is not None:
        first, last = (d.isoformat() for d in period)
        return Message("err_bad_time", time=Quoted.of(when), why=Message("time_no_day", first=first, last=last))
    if code == TIME_OK:
        return None
    # (a number's text, as --at and the service's at give one, is no ISO time either: no Python forms named)
    number = code == TIME_NUMBER and not isinstance(when, str)
    if takes_unit and code == TIME_NUMBER:  # (a number's text too: the unit makes it a time)
        key = TIME_KEYS[TIME_NUMBER]
    else:
        key = "time_one_number" if number else TIME_KEYS[TIME_INVALID if code == TIME_NUMBER else code]
    why: Message | None = None
    text = when if isinstance(when, str) and code == TIME_INVALID else None
    if text is not None and (_HOUR_NOT_12.search(text) or _HALF_DAY_NOT_12.search(text)):
        key = "time_hour_not_12"
    elif code == TIME_INVALID and isinstance(when, pd.Period) and (span := _across_days(when)) is not None:
        start, end = (t.isoformat(timespec="seconds") for t in span)
        return Message(
            "err_bad_time", time=Quoted.of(str(when)), why=Message("time_period_across", start=start, end=end)
        )
    elif text is not None:
        why = _text_why(text)
    return Message("err_bad_time", time=Quoted.of(when), why=Message(key) if why is None else why)


def _text_why(text: str) -> Message | None:
    """Why a text that is no time (``TIME_INVALID``) is none, naming what is wrong and what to write; None when
    there is no more to say than its status (the reasons of :func:`_refusal`, in the order they are looked for)."""
    why = (
        _t_no_date_why(text)
        or _dash_clock_or_offset_why(text)
        or _dash_clock_why(text)
        or _offset_three_digits_why(text)
        or _stray_end_why(text)
        or _offset_sign_no_clock_why(text)
        or _clock_or_offset_why(text)
        or _offset_seconds_why(text)
        or _stray_inside_why(text)
        or _offset_sign_why(text)
        or _layout_why(text)
        or _zone_id_why(text)
        or _half_day_after_zone_why(text)
        or _written_why(text)
        or _suffix_why(text)
        or _zones_why(text)
    )
    why = why or _zone_name_why(text)
    if why is None and (abbreviation := _ABBREVIATION.search(text)) is not None:
        why = Message("time_zone_abbreviation", name=abbreviation[0])
    elif why is None and (low := _lower_abbreviation(text)) is not None:
        why = Message("time_zone_abbreviation_case", name=low, upper=low.upper())
    elif why is None and (bjt := _lower_bjt(text)) is not None:
        why = Message("time_bjt_case", name=bjt[0], example=bjt[1])
    elif why is None:
        why = _short_clock_why(text) or _part_of_day_why(text) or _clock_dots_why(text) or _ambiguous_why(text)
        why = why or _date_why(text)
        why = why or _weekday_why(text) or _month_word_why(text) or _half_day_space_why(text)
        why = why or _zone_place_why(text) or _after_zone_why(text) or _word_why(text)
    return why


# a zone's abbreviation of :data:`_ABBREVIATION` in any case (:func:`_lower_abbreviation`)
_ABBREVIATION_ANY_CASE = re.compile(_ABBREVIATION.pattern, re.IGNORECASE)
#: The abbreviations of :data:`_ABBREVIATION` that are English words in lower case or with a capital (``west``,
#: ``Wet``): said so they are no abbreviation (:func:`_lower_abbreviation`).
_ABBREVIATION_WORDS = frozenset({"west", "wet"})


def _lower_bjt(text: str) -> tuple[str, str] | None:
    """BJT written in ``text`` not in capitals (``bjt``, ``Bjt``: read in capitals only, as every zone's abbreviation)
    and the text with it in capitals, when that is a time; else None.

    >>> _lower_bjt("2024-10-18 08:00 bjt"), _lower_bjt("2024-10-18 08:00 BJT")
    (('bjt', '2024-10-18 08:00 BJT'), None)
    """
    for m in re.finditer(r"(?i)(?<![A-Za-z])bjt(?![A-Za-z])", text):
        if m[0] == "BJT":
            continue
        upper = text[: m.start()] + "BJT" + text[m.end() :]
        if int(to_ns([upper])[1][0]) == TIME_OK:
            return m[0], upper
    return None


def _lower_abbreviation(text: str) -> str | None:
    """A zone's abbreviation written in ``text`` not in capitals (``cst``, ``Est``: no abbreviation the reader
    knows, and in capitals one that does not say its offset), where the text with it in capitals is refused for
    that abbreviation alone; else None (with an offset that may be its, ``+0800 cst``, the text is a time; with one
    it is never at, ``+0800 est``, it has its own reason).

    >>> _lower_abbreviation("2024-10-17 08:00 cst"), _lower_abbreviation("2024-10-17 08:00 CST")
    ('cst', None)
    """
    for m in _ABBREVIATION_ANY_CASE.finditer(text):
        if m[0].isupper() or (m[0].lower() in _ABBREVIATION_WORDS and (m[0].islower() or m[0].istitle())):
            continue  # (in capitals: no case of this; "west", "Wet": words, not abbreviations in that case)
        upper = text[: m.start()] + m[0].upper() + text[m.end() :]
        if _written_why(upper) is None and _suffix_why(upper) is None:
            return m[0]
    return None


def time_why(when: Any, unit: str | None = None) -> Message | None:
    """Why one cell of a time column is no time, as ``--at`` and ``at=`` would say it after the value (a dash that
    is no ``-``, a month 13, a year after a date, an offset no zone has, a day of the week the date does not fall
    on, a time of day written with dots...: :func:`instant`'s reasons, the one rule), read as a file job reads its
    column (``unit``: its numbers' ``--time-unit``); None when alone it is a time, or when it is no more than the
    status says.

    What a file job's summary says of the first few rows of a status (never row by row: a text read once more, and
    for some reasons the text with one part written otherwise read too).

    >>> print(time_why("2024-13-01 08:00"))
    the date 2024-13-01 has no month 13: months are 01 to 12 (year-month-day, such as 2024-06-01)
    >>> time_why("hello") is None, time_why("2024-06-01 08:00") is None
    (True, True)
    """
    if type(when).__module__.startswith("pyarrow") and callable(getattr(when, "as_py", None)):
        when = when.as_py()
    try:
        _, codes = to_ns(np.array([when], dtype=object), unit, "times")
        refused = _refusal(when, int(codes[0]), True)
    except (InputError, TypeError, ValueError, OverflowError):  # (alone, not what the column made of it)
        return None
    if refused is None:
        return None
    why = refused.fields["why"]
    return None if isinstance(why, Message) and why.key in _STATUS_KEYS else why


#: The reasons that say no more than a time status does (its catalogue keys).
_STATUS_KEYS = frozenset({*TIME_KEYS.values(), "time_one_number"})


def _date_why(text: str) -> Message | None:
    """Why a text is no time when its date names a month or a day its year does not have: the month or day and what
    it may be; else None. The date is year first (``2024-13-01``, ``2024/02/30``, ``2024年2月30日``), numeric with
    the year last (``31/02/2024``, ``02/31/2024``: the month is the number of the two that may be one, the other the
    day; ``13/13/2024``: neither may be one) or has a month's English name (``Oct 32 2024``, ``29-Feb-2023``; with a
    two-digit year, ``Oct 32 24``: :func:`_short_year_day`)."""
    text = unicodedata.normalize("NFKC", text)
    found = [(m[0], m[1], m[2], m[3]) for m in _CN_DATE.finditer(text)]
    for m in _YEAR_FIRST_DATE.finditer(text):
        year, month, day = re.split(r"[-/.]", m[0])
        found.append((m[0], year, month, day))
    for m in _DAY_MONTH_YEAR.finditer(text):  # (a two-digit year, or two numbers that may be the month: _ambiguous_why)
        months = [k for k in (1, 2) if 1 <= int(m[k]) <= 12]
        if len(m[3]) != 4 or (len(months) == 2 and int(m[1]) != int(m[2])):
            continue
        if not months:
            month = m[1] if int(m[1]) == int(m[2]) else Joined([m[1], m[2]], "or")
            return Message("time_month_range", date=m[0], month=month)
        found.append((m[0], m[3], m[months[0]], m[3 - months[0]]))
    for m in _NAMED_DATE.finditer(text):
        name = m["mon"] or m["mon2"]
        found.append((m[0], m["y"] or m["y2"], str(_MONTHS[name[:3].lower()]), m["d"] or m["d2"]))
    short = _short_year_day(text)  # (a two-digit year: the year the parser reads it as, 24 as 2024)
    if short is not None:
        found.append((short[0], str(short[1]), str(short[2]), short[3]))
    for date, year, month, day in found:
        y, mo, d = int(year), int(month), int(day)
        if not 1 <= mo <= 12:
            return Message("time_month_range", date=date.strip(), month=month)
        days = calendar.monthrange(y, mo)[1] if y > 0 else 31
        if not 1 <= d <= days:
            return Message("time_day_range", date=date.strip(), day=day, month=f"{y:04d}-{mo:02d}", days=days)
    return None


def _first_read(texts: list[str]) -> tuple[int, int] | None:
    """The first of ``texts`` that :func:`to_ns` reads as a time alone, as its index and instant (nanoseconds since
    the epoch, UTC), or None: the reasons below say what is wrong with one part of a text only where the text with
    that part written otherwise is read."""
    try:
        _, codes = to_ns(np.array(texts, dtype=object))  # (all in one reading, then the one found alone)
        for k in np.flatnonzero(codes == TIME_OK).tolist():
            alone, code = to_ns(np.array([texts[k]], dtype=object))
            if code[0] == TIME_OK:
                return k, int(alone[0])
    except InputError:  # (a column's rule: no reason, never another error where one is given)
        return None
    return None


#: The days of the week as a reason names them, Monday first.
_WEEKDAY_NAMES = (
    Message("weekday_monday"),
    Message("weekday_tuesday"),
    Message("weekday_wednesday"),
    Message("weekday_thursday"),
    Message("weekday_friday"),
    Message("weekday_saturday"),
    Message("weekday_sunday"),
)


def _weekday_why(text: str) -> Message | None:
    """Why a text naming one day of the week (``Fri``, ``Friday``, ``星期五``, ``周五``) is no time when the day is
    not its date's: the date and the day it falls on (``Fri Oct 17 2024``: 2024-10-17 is a Thursday), said where
    the text naming that day instead is read; else None (another day named, or something else wrong)."""
    english = list(_WEEKDAY.finditer(text))
    two = _WEEKDAY_TWO.match(text)  # (Tu, Th, ... starting a text)
    english = english or ([two] if two is not None else [])
    chinese = list(_CN_WEEKDAY_NAME.finditer(text))
    if len(english) + len(chinese) != 1:
        return None
    if english:
        m = english[0]
        start, end, word = m.start(), m.end(), m[0]
        written = _WEEKDAYS[word[:3].lower()]
        names = [name.upper() if word.isupper() else name.lower() if word.islower() else name
                 for name in (_DAY_NAMES if len(word) > 5 else _DAY_ABBREVIATIONS)]  # fmt: skip
    else:
        m = chinese[0]
        start, end, word = m.start(1), m.end(1), m[0]
        written = _WEEKDAYS[_CN_WEEKDAYS[m[1]].lower()]
        names = list("一二三四五六日")
    others = [k for k in range(7) if k != written]
    found = _first_read([text[:start] + names[k] + text[end:] for k in others])
    if found is None:
        return None
    k, ns = others[found[0]], found[1]
    # the date as written: Beijing time's, or the day before or after it that falls on that day (an offset written
    # moves the date from Beijing's by one day at most: -12:00 to +14:00)
    date = dt.date(1970, 1, 1) + dt.timedelta(days=(ns + BEIJING_OFFSET_NS) // (86_400 * 10**9))
    if date.weekday() != k:
        date += dt.timedelta(days=1 if (date.weekday() + 1) % 7 == k else -1)
    return Message("time_weekday_disagrees", date=date.isoformat(), weekday=_WEEKDAY_NAMES[k], written=word)


_DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _month_word_why(text: str) -> Message | None:
    """Why a text is no time when a word stands where its date has its month's English name and is no month's name
    the reader knows (``Octo 17 2024``, ``17-Okt-2024``): said where the text with a month's name there is read;
    else None."""
    for m in _MONTH_PLACE.finditer(text):
        word = m["w"] or m["w2"]
        if re.fullmatch(_MONTH_WORDS, word, re.IGNORECASE) or _WEEKDAY.fullmatch(word):
            continue
        start, end = m.span("w" if m["w"] else "w2")
        if _first_read([text[:start] + name + text[end:] for name in _DAY_MONTHS]) is not None:
            return Message("time_month_name", word=word)
    return None


_DAY_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _half_day_space_why(text: str) -> Message | None:
    """Why a text is no time when 上午 or 下午 follows a digit with no space (``2024/10/17上午8:00``): said with the
    text written with the space, where that is read; else None."""
    m = _HALF_DAY_AFTER_DIGIT.search(text)
    if m is None:
        return None
    example = f"{text[: m.start()]} {text[m.start() :]}"
    return None if _first_read([example]) is None else Message("time_half_day_space", mark=m[0], example=example)


def _stray_end_why(text: str) -> Message | None:
    """Why a text is no time when a mark of punctuation ends it (:data:`_STRAY_END`: ``2024-10-17 08:00 +0800.``,
    ``08:00;``, ``08:00。``, never left out unread; a colon after a digit, ``+0800:``, ``08:00:``): the mark, with
    the text written without it where that is read; else None.

    >>> print(_stray_end_why("2024-10-17 08:00 +0800."))
    the . at the end is no part of a time avzone reads (a time ends with its date, time of day or zone, and a mark \
after it is never left out unread): write the time without it, 2024-10-17 08:00 +0800
    """
    text = text.strip()
    colon = re.search(r"\d[:：]$", text) is not None  # ("08:00 +0800:", "08:00:": a colon that begins no digits)
    if not colon and (re.search(_STRAY_END, text) is None or re.search(_STRAY_END_KEPT, text) is not None):
        return None
    example = text[:-1].rstrip()
    if _first_read([example]) is None:
        return None
    return Message("time_stray_end", mark=text[-1], example=example)


def _stray_inside_why(text: str) -> Message | None:
    """Why a text is no time when a mark of punctuation stands before its end (:data:`_STRAY_INSIDE`:
    ``2024-10-18 ' 08:00``, ``2024-10-18 / 08:00``, never left out unread): the mark, with the text written without
    it where that is read; else None.

    >>> print(_stray_inside_why("2024-10-18 ' 08:00"))
    the ' inside the text is no part of a time avzone reads (a mark between the parts of a time is never left out \
unread): write the time without it, 2024-10-18 08:00
    """
    text = text.strip()
    m = _STRAY_INSIDE.search(text)
    if m is None:
        return None
    group = next(name for name in ("quote", "lone", "comma", "after", "before") if m[name] is not None)
    at, end = m.span(group)
    mark = text[at:end]
    example = re.sub(r"\s+", " ", f"{text[:at]} {text[end:]}").strip()
    if _first_read([example]) is None:
        return None
    if group == "comma":
        return Message("time_comma_apart", mark=mark, date=text[m.start() : at].strip(), example=example)
    return Message("time_stray_inside", mark=mark, example=example)


# an offset's sign standing apart from its digits ("08:00 - 05:00", "08:00 + 08:00", "GMT - 5"): no layout writes it
# so, and the parser refused it with no reason (:func:`_offset_sign_why`)
_OFFSET_SIGN_APART = re.compile(r"(?<=[\w)）])\s+(?P<sign>[+\-＋－])\s+(?P<digits>\d{1,2}(?:[:：]?\d{2})?)(?![\d:：])")


def _offset_sign_why(text: str) -> Message | None:
    """Why a text is no time when an offset's sign stands apart from its digits (:data:`_OFFSET_SIGN_APART`): the
    offset as written and as it is read, with the text written so where that is read; else None.

    >>> print(_offset_sign_why("2024-10-18 08:00 - 05:00"))
    the sign of the offset - 05:00 stands apart from its digits: an offset's sign touches them, -05:00; write \
2024-10-18 08:00 -05:00
    """
    text = text.strip()
    for m in _OFFSET_SIGN_APART.finditer(text):
        offset = m["sign"] + m["digits"]
        example = f"{text[: m.start()]} {offset}{text[m.end() :]}"
        if _first_read([example]) is not None:
            return Message("time_offset_sign_apart", written=text[m.start("sign") : m.end()], offset=offset,
                           example=example)  # fmt: skip
    return None


def _offset_sign_no_clock_why(text: str) -> Message | None:
    """Why a text is no time when an offset's sign stands apart from its digits (:data:`_OFFSET_SIGN_APART`) after a
    date that gives no time of day (``2024-10-18 - 05:00``: an offset, never a time of day with a mark before it):
    the offset as written and as it is read, with the date, 00:00 and the offset where that is read; else None.

    >>> print(_offset_sign_no_clock_why("2024-10-18 - 05:00"))
    the sign of the offset - 05:00 stands apart from its digits, and the offset follows the date 2024-10-18, which \
gives no time of day: an offset's sign touches them, -05:00, and an offset is a time's; write the time of day before \
it, such as 2024-10-18 00:00 -05:00
    """
    text = text.strip()
    for m in _OFFSET_SIGN_APART.finditer(text):
        date, offset, start = text[: m.start()].strip(), m["sign"] + m["digits"], m.start("sign")
        word = _ZONE_WORD_END.search(date)  # (UTC - 5, GMT + 8: the zone's word and its offset, one zone)
        if word is not None:
            date, offset, start = date[: word.start()].strip(), word[1] + offset, m.start() - len(word[1])
        example = f"{date} 00:00 {offset}{text[m.end() :]}"
        if _date_alone(date) and _first_read([example]) is not None:
            return Message("time_offset_sign_apart_no_clock", written=text[start : m.end()], offset=offset,
                           date=date, example=example)  # fmt: skip
    return None


# UTC or GMT (in any case) ending a text after a space: the word an offset with its sign apart may follow
_ZONE_WORD_END = re.compile(r"(?<=\s)((?i:UTC|GMT))$")
# a sign and a time of day with seconds of 00 ending a text, after a space ("2024-10-18 - 05:00:00"): a clock with a
# stray mark before it, or an offset with seconds (:func:`_clock_or_offset_why`)
_CLOCK_OR_OFFSET = re.compile(r"(?<=[\w)）])\s+(?P<sign>[+\-＋－])\s*(?P<hm>\d{1,2}[:：]\d{2})[:：]00$")


def _clock_or_offset_why(text: str) -> Message | None:
    """Why a text is no time when a sign and a time of day with seconds of 00 follow a date that gives no time of
    day (:data:`_CLOCK_OR_OFFSET`: ``2024-10-18 - 05:00:00``): a time of day with a stray mark before it, or an
    offset with seconds, which avzone does not read after a space (an offset there is hours and minutes; against
    the time of day, ``00:00-05:00:00``, it is read). Both readings are said, each as written so that it is read,
    and neither chosen; else None (one reading alone read: another reason).

    >>> print(_clock_or_offset_why("2024-10-18 - 05:00:00"))
    - 05:00:00 after the date 2024-10-18 may be a time of day with a stray - before it, or an offset with seconds, \
which avzone does not read after a space (an offset there is hours and minutes): write which is meant, the time \
of day alone, 2024-10-18 05:00:00, or a time of day and the offset, such as 2024-10-18 00:00 -05:00
    """
    text = text.strip()
    m = _CLOCK_OR_OFFSET.search(text)
    if m is None:
        return None
    date = text[: m.start()].strip()
    clock = f"{date} {text[m.start('hm') : m.end()]}"
    offset = f"{date} 00:00 {m['sign']}{m['hm']}"
    if not _date_alone(date) or _first_read([clock]) is None or _first_read([offset]) is None:
        return None
    return Message("time_clock_or_offset", written=text[m.start("sign") : m.end()], mark=m["sign"], date=date,
                   clock=clock, offset=offset)  # fmt: skip


def _dash_clock_or_offset_why(text: str) -> Message | None:
    """Why a text is no time when four or six digits follow ISO 8601's basic date after a dash
    (:data:`_DASH_CLOCK_OR_OFFSET`: ``20241018-0800``), or a clock with colons a date written with dashes
    (``2024-10-18-08:00``): a time of day after a dash, or an offset after a date that gives no time of day. Both
    readings are said, each as written so that it is read, and neither chosen; else None.

    >>> print(_dash_clock_or_offset_why("20241018-0800"))
    -0800 after the date 20241018 may be a time of day after a dash, or an offset after a date that gives no time of \
day: write which is meant, the time of day after a T, 20241018T0800, or a time of day and the offset, such as \
20241018T0000-0800
    """
    m = _DASH_CLOCK_OR_OFFSET_RE.match(text)
    if m is None:
        return None
    if m["date"] is not None:  # (ISO 8601's basic forms)
        date, digits = m["date"], m["hm"] + (m["s"] or "")
        clock, offset = f"{date}T{digits}", f"{date}T{'0000' if m['s'] is None else '000000'}-{m['hm']}"
    else:  # (its extended forms: "2024-10-18-08:00", never told the offset alone)
        date, digits = m["ymd"], f"{m['h']}:{m['m']}{m['sc'] or ''}"
        clock, offset = f"{date}T{digits}", f"{date}T{'00:00' if m['sc'] is None else '00:00:00'}-{m['h']}:{m['m']}"
    if _first_read([clock]) is None or _first_read([offset]) is None:
        return None
    return Message("time_dash_clock_or_offset", written=f"-{digits}", date=date, clock=clock, offset=offset)


# a clock with colons after a date written with dashes and a dash ("2024-10-18-20:00:00"): a time of day that no
# offset can be (an hour past 12, seconds not 00, a fraction), which a dash does not separate from its date
# (:func:`_dash_clock_why`; one that may be an offset: :data:`_DASH_CLOCK_OR_OFFSET_RE`)
_DASH_CLOCK = re.compile(
    r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})-(?P<clock>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?P<rest>\s.*)?$"
)


def _dash_clock_why(text: str) -> Message | None:
    """Why a text is no time when a dash stands between a date and a time of day that no offset can be
    (:data:`_DASH_CLOCK`: ``2024-10-18-20:00:00``): the dash, with the text written with a space or a T where that is
    read; else None.

    >>> print(_dash_clock_why("2024-10-18-20:00:00"))
    the - between the date 2024-10-18 and the time of day 20:00:00 is no separator avzone reads: write a space or \
a T, 2024-10-18 20:00:00 or 2024-10-18T20:00:00
    """
    m = _DASH_CLOCK.match(text)
    if m is None:
        return None
    examples = [f"{m['date']}{sep}{m['clock']}{m['rest'] or ''}" for sep in (" ", "T")]
    if _first_read(examples[:1]) is None:
        return None
    return Message("time_dash_clock", date=m["date"], clock=m["clock"], example=Joined(examples, "or"))


def _offset_three_digits_why(text: str) -> Message | None:
    """Why a text is no time when its offset has three digits (:data:`_OFFSET_THREE`: ``+800``): the offsets it may
    be (an hour of one digit and its minutes, ``+08:00``; an hour of two and the tens of its minutes, ``+13:00``
    for ``+130``, each where it is an offset and the text so written is read), neither chosen, and the forms to
    write; else None.

    >>> print(_offset_three_digits_why("2024-10-18 08:00 +800"))
    the offset +800 has three digits, which avzone does not read as an offset nor guess from (+08:00?): write the \
offset that is meant with four, hours and minutes, as 2024-10-18 08:00 +hh:mm or 2024-10-18 08:00 +hhmm
    """
    text = text.strip()
    m = _OFFSET_THREE.search(text)
    if m is None:
        return None
    d, before, sign = m["d"], text[: m.start("gap")], m["sign"]
    readings = []
    for h, mi in ((d[0], d[1:]), (d[:2], d[2] + "0")):
        offset = f"{sign}{int(h):02d}:{mi}"
        if int(mi) < 60 and offset not in readings and _first_read([f"{before} {offset}"]) is not None:
            readings.append(offset)
    if not readings:
        return None
    forms = Joined([f"{before}{m['gap']}{sign}hh:mm", f"{before}{m['gap']}{sign}hhmm"], "or")
    return Message("time_offset_three_digits", written=f"{sign}{d}", offsets=Joined(readings, "or"), form=forms)


# an offset with seconds or with minutes or seconds past 59 after a time of day ("2024-10-18 00:00 -05:00:00",
# "08:00 +0800:00", "08:00 - 05:00:00", "08:00 UTC-5:00:00", "08:00 +08:75", "08:00 +08:00:75"), its sign against
# the clock or after a space, its digits with or without colons (an hour of one digit with them), a zone's word or a
# Z after it or not ("08:00 -05:00:00 UTC", "+08:00:00 CST") (:func:`_offset_seconds_why`)
_OFFSET_SECONDS = re.compile(
    r"(?<=[\w)）])(?P<gap>\s*)(?P<sign>[+\-＋－])(?P<apart>\s*)(?P<h>\d{1,2})(?P<c1>[:：]?)(?P<m>\d{2})"
    r"(?:(?P<c2>[:：]?)(?P<s>\d{2})(?P<f>[.,]\d+)?)?(?P<after>\s*[zZ]|\s+\S.*?)?$"
)


def _offset_seconds_why(text: str) -> Message | None:
    """Why a text is no time when an offset written with seconds, or with minutes or seconds past 59
    (:data:`_OFFSET_SECONDS`), follows a time of day: with seconds of 00, the offset to the minute and the text
    written with it (its sign against its digits) where that is read, or where that is still no time for a reason
    of its own (``08:00 -05:00:00 UTC``: the offset is not UTC's), both faults (``time_two_faults``); with other
    seconds, that the offset is no whole number of minutes, which avzone does not round; with minutes or seconds
    past 59, that it is no offset, which avzone does not read as another; with these, the form to write. Else None
    (a date alone before it: :func:`_clock_or_offset_why`; an hour no offset has: ``time_offset_range``).

    >>> print(_offset_seconds_why("2024-10-18 00:00 -05:00:00"))
    the offset -05:00:00 is written with seconds: an offset is written to the minute, -05:00; write \
2024-10-18 00:00 -05:00
    >>> print(_offset_seconds_why("2024-10-18 08:00 +08:00:30"))
    the offset +08:00:30 is written with seconds, 30, that are not 00: it is no whole number of minutes, so it \
cannot be written to the minute, and avzone does not round it; write the offset that is meant in hours and \
minutes, as 2024-10-18 08:00 +hh:mm
    >>> print(_offset_seconds_why("2024-10-18 08:00:00 +08:00:00.000"))
    the offset +08:00:00.000 is written with seconds: an offset is written to the minute, +08:00; write \
2024-10-18 08:00:00 +08:00
    >>> print(_offset_seconds_why("2024-10-18 08:00 +08:75"))
    the offset +08:75 has the minute 75, past 59: it is no offset, and avzone does not read it as another; write \
the offset that is meant in hours and minutes, as 2024-10-18 08:00 +hh:mm
    """
    text = text.strip()
    m = _OFFSET_SECONDS.search(text)
    if m is None or (len(m["h"]) == 1 and not (m["c1"] and (m["s"] is None or m["c2"]))):
        return None  # (an hour of one digit is an offset's with its colons only: "+8:00:00", never "+80000")
    minute, second = int(m["m"]), None if m["s"] is None else int(m["s"])
    if (second is None and minute < 60) or int(m["h"]) > (14 if m["sign"] in "+＋" else 12):
        return None  # (an offset to the minute, or an hour no offset has: other reasons)
    before, after = text[: m.start()], m["after"] or ""
    if _first_read([before]) is None or _date_alone(before):
        return None  # (no time of day before the offset: another reason)
    written = text[m.start("sign") : (m.end("f") if m["f"] else m.end("s")) if m["s"] else m.end("m")]
    sep = " " if m["gap"] else ""
    if m["f"] and int(m["f"][1:]) != 0:  # (a fraction of a second: no whole number of minutes, as :30 is)
        second = -1
    form = f"{before}{sep}{m['sign']}hh:mm{after}"
    if minute > 59 or (second is not None and second > 59):
        if _first_read([f"{before}{sep}{m['sign']}{h}:00{after}" for h in (m["h"], "00")]) is None:
            return None  # (the text is no time with an offset to the minute either: another reason)
        if minute > 59:
            return Message("time_offset_minute_range", written=written, minute=m["m"], form=form)
        return Message("time_offset_second_range", written=written, second=m["s"], form=form)
    offset = f"{m['sign']}{m['h']}:{m['m']}"
    example = f"{before}{sep}{offset}{after}"
    if _first_read([example]) is None:
        then = _text_why(example) if after else None  # (the text to the minute, still no time: its reason too)
        if then is None or second != 0 or m["apart"]:
            return None  # (an offset no zone has, or no reading with it: another reason)
        return Message("time_two_faults", first=Message("time_offset_seconds", written=written, offset=offset,
                                                       example=example), then=then)  # fmt: skip
    if second != 0:
        return Message("time_offset_seconds_odd", written=written, seconds=m["s"] + (m["f"] or ""), form=form)
    key = "time_offset_seconds_sign_apart" if m["apart"] else "time_offset_seconds"
    return Message(key, written=written, offset=offset, example=example)


# a T and a digit starting a text: a time of day after a T with no date before it ("T08:00", "T0800")
_T_NO_DATE = re.compile(r"[TtＴｔ](?=[\d０-９])")


def _t_no_date_why(text: str) -> Message | None:
    """Why a text is no time when it is a time of day after a T with no date before it (``T08:00``, ``T0800``: ISO
    8601's time designator, which avzone reads between a date and its time of day): said with a date before it,
    where that is read; else None.

    >>> print(_t_no_date_why("T08:00"))
    T08:00 is a time of day after a T, and gives no date: a T stands between a date and its time of day; write \
the date before it, such as 2024-06-01T08:00
    """
    text = text.strip()
    if _T_NO_DATE.match(text) is None:
        return None
    example = f"{_EXAMPLE_DATE}{text}"
    return None if _first_read([example]) is None else Message("time_t_no_date", written=text, example=example)


# layouts of a date or clock avzone does not read, each with its reason (:func:`_layout_why`): a clock with an h
# ("08h00"), an underscore between the date and the clock ("2024-10-18_08:00"), a day of the week in brackets
# ("2024-10-18 (Fri) 08:00"), an ISO week alone ("2024-W42"), 上午 or 下午 after a 24-hour clock ("13:00 下午")
# (full-width too: ０８ｈ００; after a date's T too: 2024-10-18T08h00)
_H_CLOCK = re.compile(r"(?:(?<![\w:])|(?<=\d[TtＴｔ_])|(?<=^[TtＴｔ]))(\d{1,2})[hHｈＨ](\d{2})(?![\w:])")
#: The date a reason's example gives a time of day written without one (``08h00``): the date of ``time_invalid``'s.
_EXAMPLE_DATE = "2024-06-01"
# a day of an ISO week at a text's start (:data:`_WEEK_DATE`, and a day of two digits after a dash, full-width forms
# too): a day or a week the year does not have is named (:func:`_week_day_why`)
_WEEK_DAY = re.compile(r"^(\d{4})[-－]?[WwＷｗ](\d{2})(?:[-－](\d{1,2})|(\d))(?=$|[\sTtＴｔ])")
_UNDERSCORE_CLOCK = re.compile(r"(?<=\d)_(?=\d{1,2}:\d{2})")
_UNDERSCORE_BASIC = re.compile(r"^(\d{8})_(?=\d{4}(?:\d{2})?(?:[.,]\d+)?(?:$|[zZ+\-\s]))")
_BRACKETED_WEEKDAY = re.compile(
    r"\(\s*((?i:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?))"
    r"\.?\s*\)"
)
_ISO_WEEK = re.compile(r"(\d{4})-?[Ww](\d{2})")
_HALF_DAY_AFTER_24 = re.compile(r"(?<![\d:])((?:1[3-9]|2[0-3]|0?0):\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*([上下]午)")


def _layout_why(text: str) -> Message | None:
    """Why a text is no time when a date or clock is written in a layout avzone does not read (:data:`_H_CLOCK`, with
    a date before it or none, :data:`_UNDERSCORE_CLOCK`, :data:`_BRACKETED_WEEKDAY`, :data:`_ISO_WEEK`, a day of an
    ISO week: :func:`_week_day_why`, :data:`_HALF_DAY_AFTER_24`): what is wrong, with the text written as it is read
    where one is (for a clock without a date: after one, such as ``2024-06-01 08:00``); for a clock with an h in a
    text that, written with a colon, is still no time for a reason of its own (``2024-10-18_08h00``,
    ``2024-W42-8T08h00``, ``T08h00``: ``time_two_faults``), the h and then that reason; else None.

    >>> print(_layout_why("2024-10-18 08h00"))
    08h00 writes the time of day with an h, which avzone does not read: write it with a colon, 2024-10-18 08:00
    >>> print(_layout_why("2024-W42"))
    2024-W42 is an ISO week, seven days, not an instant: give a date within it (and a time of day), 2024-10-14 to \
2024-10-20
    """
    text = text.strip()
    day = _week_day_why(text)
    if day is not None:
        return day
    week = _ISO_WEEK.fullmatch(text)
    if week is not None:
        try:
            first = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:  # (a week its year does not have: 2024-W53, W00)
            weeks = dt.date(int(week[1]), 12, 28).isocalendar()[1]
            return Message("time_iso_week_none", week=text, year=int(week[1]), weeks=weeks)
        last = first + dt.timedelta(days=6)
        return Message("time_iso_week", week=text, first=first.isoformat(), last=last.isoformat())
    if (m := _H_CLOCK.search(text)) is not None:
        example = f"{text[: m.start()]}{m[1]}:{m[2]}{text[m.end() :]}"
        if _first_read([example]) is not None:
            return Message("time_h_clock", clock=m[0], example=example)
        dated = f"{_EXAMPLE_DATE} {example}"  # (no date: the time of day after one)
        if m.start() == 0 and _first_read([dated]) is not None:
            return Message("time_h_clock_no_date", clock=m[0], example=dated)
        then = _text_why(example)  # (a second fault: 2024-10-18_08h00, 2024-W42-8T08h00, T08h00)
        if then is not None:
            return Message("time_two_faults", first=Message("time_h_clock", clock=m[0], example=example), then=then)
    if (m := _UNDERSCORE_BASIC.match(text)) is not None:  # (ISO 8601's basic form: 20241018_080000)
        example = f"{m[1]}T{text[m.end(1) + 1 :]}"
        if _first_read([example]) is not None:
            return Message("time_underscore_basic", example=example)
    if (m := _UNDERSCORE_CLOCK.search(text)) is not None:
        examples = [f"{text[: m.start()]}{sep}{text[m.end() :]}" for sep in (" ", "T")]
        if _first_read(examples[:1]) is not None:
            return Message("time_underscore", example=Joined(examples, "or"))
    if (m := _BRACKETED_WEEKDAY.search(text)) is not None:
        bare = re.sub(r"\s+", " ", f"{text[: m.start()]} {m[1]} {text[m.end() :]}").strip()
        without = re.sub(r"\s+", " ", f"{text[: m.start()]} {text[m.end() :]}").strip()
        if _first_read([without]) is not None:
            if _first_read([bare]) is None:  # (a day the date does not fall on: said so, else left out)
                return _weekday_why(bare) or Message("time_weekday_brackets_out", day=m[0], example=without)
            return Message("time_weekday_brackets", day=m[0], bare=bare, example=without)
    if (m := _HALF_DAY_AFTER_24.search(text)) is not None:
        example = re.sub(r"\s+", " ", f"{text[: m.end(1)]} {text[m.end() :]}").strip()
        if _first_read([example]) is not None:
            return Message("time_half_day_24", mark=m[2], clock=m[1], example=example)
    return None


def _week_day_why(text: str) -> Message | None:
    """Why a text starting with a day of an ISO week (:data:`_WEEK_DAY`) is no time when its year does not have the
    week (``2024-W53-1``, W54, W00) or the day is not 1 to 7 (``2024-W42-8``): said where the text with week 01 and
    day 1 (the week as written and day 1) is read; or when the day, 1 to 7, is written with two digits
    (``2024-W42-07``): said with the text written with one, where that is read; else None.

    >>> print(_week_day_why("2024-W42-8"))
    2024-W42-8 names day 8 of ISO week 42, and a week's days are 1 (Monday) to 7 (Sunday): give a day the week \
has, 2024-W42-1 to 2024-W42-7
    """
    m = _WEEK_DAY.match(text)
    if m is None or int(m[1]) < 1:
        return None
    at = 3 if m[3] is not None else 4
    year, number, day = int(m[1]), int(m[2]), int(m[at])
    weeks = dt.date(year, 12, 28).isocalendar()[1]

    def written(week: str, k: int, rest: str = text) -> str:  # (the text with that week and day k, in their forms)
        return (
            f"{rest[: m.start(2)]}{_like(m[2], week)}{rest[m.end(2) : m.start(at)]}{_like(m[at], str(k))}"
            + (rest[m.end(at) :])
        )

    if not 1 <= number <= weeks:
        if _first_read([written("01", 1)]) is not None:
            return Message("time_iso_week_day_none", date=m[0], week=m[2], year=year, weeks=weeks)
    elif not 1 <= day <= 7 and _first_read([written(m[2], 1)]) is not None:
        first, last = (written(m[2], k, m[0]) for k in (1, 7))
        return Message("time_iso_week_day_range", date=m[0], day=m[at], week=m[2], first=first, last=last)
    elif not 1 <= day <= 7:
        return None
    elif len(m[at]) == 2 and _first_read([example := written(m[2], day)]) is not None:  # (2024-W42-07)
        return Message("time_iso_week_day_digits", date=m[0], day=m[at], example=example)
    return None


def _like(written: str, digits: str) -> str:
    """``digits`` in the form of the digits ``written``: full-width where they are (``０``), else ASCII."""
    digits = unicodedata.normalize("NFKC", digits)
    if written[:1] and "０" <= written[0] <= "９":
        return "".join(chr(ord(c) - ord("0") + ord("０")) for c in digits)
    return digits


# a zone's tzdata name at a text's end, not in square brackets ("2024-10-17 08:00 Asia/Shanghai", "+08:00
# Asia/Shanghai"): :func:`_zone_id_why`
_BARE_ZONE_ID = re.compile(r"(?<=[\d\s])\s*([A-Za-z][A-Za-z_+\-]*(?:/[A-Za-z_+\-0-9]+)+)$")


def _zone_id_why(text: str) -> Message | None:
    """Why a text is no time when a zone's tzdata name ends it outside square brackets (:data:`_BARE_ZONE_ID`:
    ``2024-10-17 08:00 Asia/Shanghai``): said with the name in brackets right after the time (RFC 9557, as
    ``2024-10-17T08:00[Asia/Shanghai]`` is read), where that is read; else None.

    >>> print(_zone_id_why("2024-10-17 08:00 Asia/Shanghai"))
    Asia/Shanghai is a zone's name, which avzone reads in square brackets right after the time (RFC 9557): write \
2024-10-17 08:00[Asia/Shanghai]
    """
    text = unicodedata.normalize("NFKC", text).strip()
    m = _BARE_ZONE_ID.search(text)
    if m is None:
        return None
    example = f"{text[: m.start()].rstrip()}[{m[1]}]"
    if _first_read([example]) is None:
        return None
    return Message("time_zone_id_bare", name=m[1], example=example)


def _short_clock_why(text: str) -> Message | None:
    """Why a text is no time when its time of day has a one-digit minute or second (``08:5``: 08:05 or 08:50?),
    else None.

    >>> print(_short_clock_why("2024-10-17 08:5"))
    the time of day 08:5 is written short: 08:05 or 08:50? write minutes and seconds with two digits
    >>> print(_short_clock_why("2024-10-17 08:00:0"))
    the time of day 08:00:0 is written short: write minutes and seconds with two digits, such as 08:00:00
    """
    m = _SHORT_CLOCK_RE.search(text)
    if m is None:
        return None
    if m[2] == "0":  # (08:0: 08:00 either way, but not written so)
        return Message("time_clock_short_zero", clock=m[0], one=f"{m[1]}:00")
    return Message("time_clock_short", clock=m[0], one=f"{m[1]}:0{m[2]}", other=f"{m[1]}:{m[2]}0")


def _clock_dots_why(text: str) -> Message | None:
    """Why a text is no time when its time of day is written with dots (``08.00.00``, Oracle's ``17-OCT-24
    08.00.00.000000 AM``): said with the text written with colons, where that is read; else None."""
    for m in _DOTTED_CLOCK.finditer(text):
        clock = f"{m[1]}:{m[2]}" + (f":{m[3]}" if m[3] else "") + (f"{m[4]}{m[5]}" if m[4] else "")
        example = text[: m.start()] + clock + text[m.end() :]
        if _first_read([example]) is not None:
            return Message("time_clock_dots", clock=m[0], example=example)
    return None


def _zone_place_why(text: str) -> Message | None:
    """Why a text is no time when its zone is written where or as no reader takes one, said with the text written
    so that it is read (where that is read; else None): a bracket without its other half (``08:00 (UTC+8``:
    :func:`_bracket_half_why`), a zone in square brackets after a space (``08:00 [UTC]``: RFC 9557 writes it right
    after the time), an offset's minutes in one digit (``+08:0``), a zone before the date (``UTC
    2024-10-17 08:00``), a zone after a date without its time of day (``2024-10-17 +08:00``), two zones apart (``Tue
    Mar 19 08:00:00 +0800 2024 -0400``)."""
    text = unicodedata.normalize("NFKC", text).strip()
    half = _bracket_half_why(text)
    if half is not None:
        return half
    spaced = _SPACED_TAGS.search(text)
    if spaced is not None and _first_read([example := text[: spaced.start()] + spaced[1]]) is not None:
        return Message("time_bracket_space", tags=spaced[1], example=example)
    short = _SHORT_OFFSET.search(text)
    if short is not None:
        sign, hours, digit = short[1], int(short[2]), short[3]
        one, other = f"{sign}{hours:02d}:0{digit}", f"{sign}{hours:02d}:{digit}0"
        if _first_read([text[: short.start()] + one]) is not None:
            if digit == "0":
                return Message("time_offset_short_zero", offset=short[0], one=one)
            return Message("time_offset_short", offset=short[0], one=one, other=other)
    first = _ZONE_FIRST.fullmatch(text)
    if first is not None:
        zone = first["zone"]
        example = first["rest"] + ("Z" if zone in "zZ" else f" {zone}")
        if _first_read([example]) is not None:
            return Message("time_zone_first", zone=zone, example=example)
    return _zone_no_clock_why(text) or _zones_apart_why(text)


# a zone in square brackets (RFC 9557's suffix: "[UTC]", "[Asia/Shanghai]", "[u-ca=gregory]") after a space that
# follows the time at a text's end (:func:`_zone_place_why`)
_SPACED_TAGS = re.compile(r"(?<=[\dZz])\s+((?:\[[^\[\]]*\])+)$")
# an offset whose minutes are one digit ("+08:0", "+8:5"), at a text's end after its time or a space
_SHORT_OFFSET = re.compile(r"(?<=[\d\s])([+-])(\d{1,2}):(\d)$")
# a zone before the rest of a text (an offset, Z, UTC or GMT, or UTC or GMT and an offset; "UTC 2024-10-17 08:00")
_ZONE_FIRST = re.compile(
    r"(?P<zone>(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[zZ]|[+-]\d{1,2}(?::?\d{2})?)\s+(?P<rest>\S.*\d.*)"
)
# a zone at a text's end, after what may be a date alone, without a colon: "2024-10-17 +08:00", "17 Oct 2024 UTC",
# "2024年10月17日 +08:00" (UTC, GMT and UT in any case, as read after a clock: "2024-10-17 ut"; an offset of one hour
# digit too, as read after a clock: "2024-10-17 -5", "2024-10-17 -8:00")
_ZONE_AFTER_DATE = re.compile(
    r"(?P<date>[^:]*?[\d日号號])(?P<space>\s*)"
    r"(?P<zone>(?i:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|(?i:UT)|[zZ]|[+-]\d{1,2}(?::?\d{2})?)"
)


def _bracket_half_why(text: str) -> Message | None:
    """Why a text is no time when it has a bracket without its other half (``2024-10-17 08:00 (UTC+8``, ``08:00
    UTC+8)``, ``+08:00[Asia/Shanghai``): said with the text written with both halves, or with neither, where that is
    read; else None."""
    for opening, closing in ("()", "[]"):
        opened, closed = text.count(opening), text.count(closing)
        if opened + closed != 1:
            continue
        at = text.index(opening if opened else closing)
        if opened:  # (closed at the end)
            both = text + closing
        else:  # (opened after the last space before the closing half)
            start = max(text.rfind(" ", 0, at) + 1, 0)
            both = text[:start] + opening + text[start:]
        neither = (text[:at] + text[at + 1 :]).strip()
        for example in (both, neither):
            if _first_read([example]) is not None:
                half = opening if opened else closing
                return Message("time_bracket_half", bracket=half, other=closing if opened else opening,
                               example=example)  # fmt: skip
    return None


def _zone_no_clock_why(text: str) -> Message | None:
    """Why a text is no time when a zone follows its date and it gives no time of day (``2024-10-17 +08:00``, ``17
    Oct 2024 UTC``: a zone is a time's offset): said with the time of day written before the zone, 00:00, where the
    date alone is read as that day's 00:00 and the text with it is read; else None."""
    m = _ZONE_AFTER_DATE.fullmatch(text)
    if m is None:
        return None
    date = m["date"].strip()
    if not _date_alone(date):
        return None
    zone = m["zone"]
    example = f"{date} 00:00" + ("Z" if zone in "zZ" else f" {zone}")
    if _first_read([example]) is None:
        return None
    return Message("time_zone_no_clock", date=date, zone=zone, example=example)


def _date_alone(date: str) -> bool:
    """Whether ``date`` is a date that gives no time of day: read alone as that day's 00:00, as it is with 00:00
    written after it."""
    alone = _first_read([date, f"{date} 00:00"])
    if alone is None or alone[0] != 0 or (alone[1] + BEIJING_OFFSET_NS) % (86_400 * 10**9) != 0:
        return False  # (no date read alone, or read at another time of day than its 00:00)
    with_clock = _first_read([f"{date} 00:00"])
    return with_clock is not None and with_clock[1] == alone[1]


# a zone in a text (an offset after a space or a time of day; Z, UTC or GMT, or UTC or GMT and an offset, as a word):
# what :func:`_zones_apart_why` counts
_ZONE_IN_TEXT = re.compile(
    r"(?:(?<=\s)|(?<=:\d\d))(?:(?:UTC|GMT)\s*)?[+-]\d{1,2}(?::?\d{2})?(?![\d:/.\-])"
    r"|(?<![A-Za-z])(?:UTC|GMT)(?![A-Za-z])|(?<=\d)Z(?![A-Za-z])|(?<=\s)Z(?![A-Za-z])"
)


def _zones_apart_why(text: str) -> Message | None:
    """Why a text that writes two zones apart is no time (``Tue Mar 19 08:00:00 +0800 2024 -0400``: two instants, or
    one offset written twice), where the text with one of them left out is read; else None (zones one after the other
    after the clock: :func:`_zones_why`)."""
    zones = list(_ZONE_IN_TEXT.finditer(text))
    if len(zones) != 2:
        return None
    kept = [re.sub(r"\s+", " ", (text[: m.start()] + text[m.end() :]).strip()) for m in reversed(zones)]
    found = _first_read(kept)  # (the text without the last zone, or else without the first)
    if found is None:
        return None
    minutes = []
    for m in zones:
        gmt = _GMT_OFFSET.fullmatch(m[0])
        east = _east_of_greenwich(gmt) if gmt else m[0] if m[0][0] in "+-" else "+00"
        minutes.append(_minutes_east(east))
    first, second = (m[0] for m in zones)
    if minutes[0] == minutes[1]:
        written = Joined([first, second], "and")
        return Message("time_zone_again", offset=_offset_text(minutes[0]), written=written, example=kept[found[0]])
    return Message("time_zones_apart", first=first, second=second,
                   offsets=Joined((_offset_text(k) for k in minutes), "and"))  # fmt: skip


def beijing_iso(ns: int) -> str:
    """``2024-06-30T00:00:00+08:00``: nanoseconds since the epoch as Beijing time, a fraction of a second kept
    (``2024-03-18T23:59:59.999999999+08:00``: the instant itself, never a second before it)."""
    t = dt.datetime.fromtimestamp(ns // 10**9, BEIJING).isoformat()
    fraction = ns % 10**9
    return t if not fraction else f"{t[:-6]}.{fraction:09d}".rstrip("0") + t[-6:]


# -- the zone in force -----------------------------------------------------------------
def stage_index(model: Model, ns: np.ndarray) -> np.ndarray:
    """Index into :func:`stages` of the stage in force at each time (-1: none, or an unusable time).

    A stage is in force from 00:00 Beijing time on its ``valid_from`` until
    00:00 on its ``valid_to``. Where stages overlap (which the ``timeline``
    check reports as a failure), the one that began last of those covering
    the time is in force: the later stage took over, and an earlier stage
    still in force after a later one ended is in force again (never no zone
    for a time a stage covers).
    """
    st = stages(model)
    out = np.full(ns.shape, -1, dtype=np.int64)
    if not st:
        return out
    starts = np.array([s.start_ns for s in st], dtype=np.int64)
    ends = np.array([s.end_ns for s in st], dtype=np.int64)
    if (ends[:-1] <= starts[1:]).all():  # (no overlap: the last stage begun is the only one that may cover a time)
        k = np.searchsorted(starts, ns, side="right") - 1
        ok = (k >= 0) & (ns != _NAT)
        kk = np.where(ok, k, 0)
        ok &= ns < ends[kk]
        out[ok] = k[ok]
        return out
    usable = ns != _NAT
    for i in range(len(st)):  # (in the order they began: a later one covering a time takes over)
        out[usable & (ns >= starts[i]) & (ns < ends[i])] = i
    return out


def zone_at(model: Model, when: Any) -> str | None:
    """The zone layer in force at ``when`` (a date, datetime, ISO string...; naive = Beijing time), or None.

    None before the first stage's ``valid_from`` (and after a last stage's
    ``valid_to``, and in a gap between stages). Where stages overlap (the
    ``timeline`` check's failure), the stage that began last of those in
    force at ``when``. A date means 00:00 Beijing time that day. One time: a
    list or array of times is refused (:func:`instant`); for a time per
    point, ``model.classify(lons, lats, times=...)``. A number is no time
    (its unit is unknown): an epoch time is ``pd.Timestamp(n, unit="s",
    tz="UTC")``. A ``when`` refused is named in the error (``when= ...``), as
    :func:`avzone.locate.locate` names its ``at=``.

    >>> import avzone
    >>> model = avzone.load()
    >>> model.zone_at("2023-06-01"), model.zone_at("2024-11-01"), model.zone_at("2020-01-01")
    ('core', 'planned', None)
    """
    try:
        ns = instant(when)
    except InputError as exc:  # (naming the argument, as locate's at= and --at name theirs)
        raise InputError(Message("err_option_value", option="when=", error=exc.args[0])) from None
    k = int(stage_index(model, np.array([ns], dtype=np.int64))[0])
    return None if k < 0 else stages(model)[k].layer


def no_zone_text(model: Model, ns: int) -> str:
    """Why no zone was in force at ``ns``: before the first stage (naming it and when it began), after the last one
    ended (naming it and when it ended), or in a gap between stages. The English text (a
    :class:`~avzone.i18n.Message`: ``.text("zh")`` in Chinese)."""
    st = stages(model)
    day = beijing_iso(ns)[:10]
    if not st:
        return Message("no_zone_undated", day=day)
    if ns < st[0].start_ns:
        first = _stage_named(model, st[0].layer)
        return Message("no_zone_before_first", day=day, layer=first, start=st[0].valid_from.isoformat())
    last = max(st, key=lambda s: (s.end_ns, s.start_ns))  # (the stage that ended last)
    if last.valid_to is not None and ns >= last.end_ns:
        return Message(
            "no_zone_after_last", day=day, layer=_stage_named(model, last.layer), end=last.valid_to.isoformat()
        )
    return Message("no_zone_uncovered", day=day)


def _stage_named(model: Model, layer: str) -> Named:
    """A stage as :func:`no_zone_text` names it: its layer id in English (``the first stage, core``), the layer's
    Chinese title in Chinese (its ``title_zh``; else its English title, else its id)."""
    from avzone.i18n import layer_title

    return Named(layer, layer_title(model, layer, "zh"))


def zone_named(model: Model, layer: str) -> Named:
    """A zone layer as a sentence names it: ``the 160 km² current zone``, in Chinese ``亦庄示范区（160 km²）``
    (:func:`avzone.i18n.zone_name`)."""
    from avzone.i18n import zone_name

    return Named(zone_name(model, layer, "en"), zone_name(model, layer, "zh"))


def stage_caveat(model: Model, layer: str) -> Message | None:
    """Why the dataset does not have the zone layer ``layer`` in force, or not yet: it has no usable
    ``valid_from`` (a plan, never in force: ``stage_never_in_force``), its ``valid_from`` is after the dataset's
    ``as_of`` (a date announced, not yet come when the data were compiled: ``stage_after_as_of``), or its
    ``status`` is ``planned`` (``stage_planned``). None for a stage the dataset has in force from its
    ``valid_from``.

    A locate answer whose zone in force is such a stage notes it (:func:`avzone.locate.locate`), and so does a map
    whose tracks are coloured by one (:meth:`avzone.maps.Tracks.zone_in_force_note`).
    """
    zone = zone_named(model, layer)
    stage = next((s for s in stages(model) if s.layer == layer), None)
    if stage is None:
        return Message("stage_never_in_force", zone=zone)
    start = stage.valid_from.isoformat()
    as_of = _parse_date(model.manifest.get("as_of"))
    if as_of is not None and stage.valid_from > as_of:
        return Message("stage_after_as_of", zone=zone, start=start, as_of=as_of.isoformat())
    if model.layer_info(layer).get("status") == "planned":
        return Message("stage_planned", zone=zone, start=start)
    return None


def in_force(model: Model, hits: np.ndarray, zones: list[str], ns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per point: the column of ``zones`` in force (-1 none) and whether the point was inside it.

    ``hits`` is the (points x zones) boolean array of the locator.
    """
    st = stages(model)
    k = stage_index(model, ns)
    col_of_stage = np.array([zones.index(s.layer) for s in st] + [-1], dtype=np.int64)
    col = col_of_stage[k]  # k == -1 picks the trailing -1
    n = hits.shape[0]
    inside = np.zeros(n, dtype=bool)
    has = col >= 0
    if has.any():
        rows = np.flatnonzero(has)
        inside[rows] = hits[rows, col[rows]]
    return col, inside

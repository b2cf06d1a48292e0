"""Time texts in the plainest ISO 8601, Chinese and English layouts, read in one compiled pass over an Arrow text array.

Most time columns avzone reads are written so: ``2024-10-17 08:00:00``,
``2024-10-17T08:00:00.250+08:00``, ``2024/3/9 8:05`` (as spreadsheets in a
Chinese locale write it), ``2024-10-17``, ``2024年10月17日 08:00:00``.
:func:`plain_iso_ns` reads those bytes where they lie in the Arrow array
(no Python object, no regular expression per text) and says which texts it
took; every other text is left to the general reading
(:func:`avzone.zonetime.to_ns`), which gives the same instant for every text
taken here (tests/test_time_plain_iso.py compares the two on generated texts
and their neighbours).

The layouts taken: a year of four digits from :data:`FIRST_YEAR` to
:data:`LAST_YEAR`, then ``-``, ``/`` or ``.`` (the same twice) around the month
and the day, one or two digits each, or the Chinese ``年``, ``月`` and ``日``
(``号``, ``號``) after them, spaces around the numbers; a month and day the
calendar has. Then, or not, a space or ``T`` (after a Chinese date, spaces
or none), the hour (00 to 23, one or two digits), ``:`` (``：`` after a
Chinese date) and the minutes, and, or not, ``:`` and the seconds (00 to 59)
with, or not, ``.`` and one to nine digits of a fraction; or the hour 1 to 12 with a half day's mark,
``上午`` or ``下午`` before it, or (after a numeric date and a space) ``AM`` or ``PM`` after it, in any case
(``2024/10/17 下午8:00:05``, as spreadsheets in a Chinese locale write it; ``2024-10-17 8:00 PM``). A
Chinese date may name its day of the week (``2024年10月17日 星期四 08:00``, ``周四``), taken only where the
date falls on it. A day and month first (``-``, ``/`` or ``.``, one or two digits each) and the year last, where
only one way round makes a date or both numbers are the same (``17/10/2024``, ``10/17/2024 8:00 PM``,
``05/05/2024``; ``05/06/2024`` is left), then, or not, a space and the clock, AM or PM after it or not, and
nothing else. After a year-first numeric date, then, or not, ``Z``, ``UTC`` or ``GMT`` (a space before them or not)
or an offset ``+hh:mm``, ``+hhmm`` or ``+hh`` (or ``-``) from -12:00 to +14:00, minutes 00 to 59. A text with no zone is
Beijing time, as everywhere in avzone. Leap seconds, hour 24, lowercase
``t`` or ``z``, a comma before the fraction, an offset to the second, other
white space and anything after the layout are left to the general reading.
A zone in brackets after a date and time written in full (``2024-10-17T08:00:00+08:00[Asia/Shanghai]``, as
Java's ZonedDateTime writes it): ``Asia/Shanghai`` after ``+08:00``, ``+0800`` or no offset from 1992 on (tzdata's
Asia/Shanghai is at +08:00 from its last summer time, 1991), ``UTC`` or ``Etc/UTC`` after no offset, any of the
three after ``Z``. With ``digits``, 12 or 14 digits alone too (``20241017080000``, Beijing time).

A month's English name (its first three letters or whole, ``Sept``, in any case) beside the day, then a year of
four digits: ``Oct 17 2024``, ``Oct 17, 2024``, ``Oct-17-2024``, ``17 Oct 2024``, ``17-Oct-2024``; before a date
written with spaces, or not, its day of the week (``Thu``, ``Thursday``, ``Tues``, ``Weds``, ``Thur``, ``Thurs``, in
any case, a comma after it or not; taken only where the date falls on it: ``Thursday, October 17, 2024``). Then,
or not, a space (a comma before it after a year that follows the month) and the clock, the hour 1 to 12 with
``AM`` or ``PM`` after it (any case, a space before it or not) or 00 to 23 without; or the clock between the day and
the year, as the C library writes it (``Thu Oct 17 08:00:00 2024``). After a clock without AM or PM and a date
written with spaces, or not, one space or none and ``Z``, ``UTC`` or ``GMT`` or an offset ``+hhmm`` or ``+hh:mm``
(or ``-``) in quarter hours from -12:00 to +14:00 (as e-mail writes it: ``Thu, 17 Oct 2024 08:00:00 +0800``). These
are the general reading's one-pass rules for them; a month's name with a dot (``Oct.``), two spaces, a two-digit
year, ``utc`` or ``gmt``, ``GMT+8``, a zone's abbreviation (``CST``: refused there) and all else are left to it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from avzone._jit import kernel as njit  # numba.njit, applied on first use

#: The years taken: those whose every instant lies in the range avzone reads (1900 to 2189, Beijing time), whatever
#: the offset (the range's two edge years are left to the general reading).
FIRST_YEAR = 1901
LAST_YEAR = 2188

_BEIJING_S = 8 * 3600


@njit(cache=True, nogil=True, inline="always")
def _number(b: np.ndarray, p: int, end: int, least: int, most: int) -> tuple[int, int]:  # pragma: no cover - numba
    """The number the decimal digits from ``p`` write and where they end: ``least`` to ``most`` digits and no digit
    after them, else ``(-1, p)``."""
    v = 0
    q = p
    while q < end and b[q] >= 48 and b[q] <= 57:
        if q - p == most:
            return -1, p
        v = v * 10 + (np.int64(b[q]) - 48)
        q += 1
    if q - p < least:
        return -1, p
    return v, q


@njit(cache=True, nogil=True, inline="always")
def _spaces(b: np.ndarray, q: int, end: int) -> int:  # pragma: no cover - numba
    """Where the spaces from ``q`` end."""
    while q < end and b[q] == 32:
        q += 1
    return q


@njit(cache=True, nogil=True, inline="always")
def _mark(b: np.ndarray, q: int, end: int, b0: int, b1: int, b2: int) -> bool:  # pragma: no cover - numba
    """Whether the three bytes from ``q`` are ``b0 b1 b2`` (a Chinese character in UTF-8)."""
    return q + 3 <= end and b[q] == b0 and b[q + 1] == b1 and b[q + 2] == b2


@njit(cache=True, nogil=True)
def _read(
    data: np.ndarray, offsets: np.ndarray, first: int, last: int, digits: bool, ns: np.ndarray
) -> None:  # pragma: no cover - numba
    """Each text ``i`` (bytes ``data[offsets[i]:offsets[i + 1]]``) in a layout of the module's docstring: its
    instant in ``ns[i]`` as nanoseconds since 1970 (UTC); ``ns[i]`` keeps the int64 minimum for a text not taken.
    ``digits``: 12 or 14 digits alone are taken too."""
    for i in range(ns.size):
        p = np.int64(offsets[i])
        end = np.int64(offsets[i + 1])
        if digits and (end - p == 12 or end - p == 14):  # 202410170800, 20241017080000
            whole, q = _number(data, p, end, 12, 14)
            if whole >= 0 and q == end:
                if end - p == 12:
                    whole *= 100
                y, mo, d = whole // 10**10, whole // 10**8 % 100, whole // 10**6 % 100
                hh, mi, ss = whole // 10**4 % 100, whole // 100 % 100, whole % 100
                if first <= y <= last and hh <= 23 and mi <= 59 and ss <= 59:
                    _put(ns, i, y, mo, d, hh, mi, ss, 0, _BEIJING_S)
            continue
        chinese = False
        padded = False
        weekday = 0  # (a Chinese date's day of the week, 1 Monday to 7 Sunday)
        last_year = False  # (the day and month first, either way round: 17/10/2024, 10/17/2024)
        a, q = _number(data, p, end, 1, 2)
        if (p < end and _letter(data[p])) or (
            a >= 0 and q + 1 < end and (data[q] == 32 or data[q] == 45) and _letter(data[q + 1])
        ):  # a month's English name: Oct 17, 2024 8:00 PM, 17-Oct-2024, Thu, 17 Oct 2024 08:00:00 +0800
            t = _english(data, p, end, first, last)
            if t != _NONE:
                ns[i] = t
            continue
        if a >= 0 and q < end and (data[q] == 45 or data[q] == 47 or data[q] == 46):
            sep = data[q]
            b, q = _number(data, q + 1, end, 1, 2)
            if b < 0 or q >= end or data[q] != sep:
                continue
            y, q = _number(data, q + 1, end, 4, 4)
            if y < first or y > last:
                continue
            if a > 12 and b <= 12:  # (only one way round makes a date, or both are the same)
                d, mo = a, b
            elif (b > 12 and a <= 12) or a == b:
                mo, d = a, b
            else:
                continue
            last_year = True
        else:
            y, q = _number(data, p, end, 4, 4)
            if y < first or y > last or q >= end:
                continue
            sep = data[q]
        if last_year:
            pass
        elif sep == 45 or sep == 47 or sep == 46:  # "-", "/" or "." (the same twice)
            mo, q = _number(data, q + 1, end, 1, 2)
            if mo < 0 or q >= end or data[q] != sep:
                continue
            d, q = _number(data, q + 1, end, 1, 2)
            padded = q == p + 10  # (month and day in two digits each)
        else:  # 2024年10月17日 (spaces around the numbers; 号 or 號 for 日)
            chinese = True
            q = _spaces(data, q, end)
            if not _mark(data, q, end, 0xE5, 0xB9, 0xB4):  # 年
                continue
            mo, q = _number(data, _spaces(data, q + 3, end), end, 1, 2)
            q = _spaces(data, q, end)
            if mo < 0 or not _mark(data, q, end, 0xE6, 0x9C, 0x88):  # 月
                continue
            d, q = _number(data, _spaces(data, q + 3, end), end, 1, 2)
            q = _spaces(data, q, end)
            if d < 0 or not (
                _mark(data, q, end, 0xE6, 0x97, 0xA5)  # 日
                or _mark(data, q, end, 0xE5, 0x8F, 0xB7)  # 号
                or _mark(data, q, end, 0xE8, 0x99, 0x9F)  # 號
            ):
                continue
            q += 3
            r = _spaces(data, q, end)  # the day of the week, 星期四 or 周四 (周日, 周天: Sunday), checked below
            if _mark(data, r, end, 0xE6, 0x98, 0x9F) and _mark(data, r + 3, end, 0xE6, 0x9C, 0x9F):  # 星期
                r += 6
            elif _mark(data, r, end, 0xE5, 0x91, 0xA8):  # 周
                r += 3
            else:
                r = -1
            if r >= 0:
                weekday = _weekday(data, r, end)
                if weekday == 0:
                    continue
                q = r + 3
        if not _on_calendar(y, mo, d):
            continue
        if weekday and (_days(y, mo, d) + 3) % 7 + 1 != weekday:  # (1970-01-01 was a Thursday)
            continue
        hh = 0
        mi = 0
        ss = 0
        frac = 0
        if q == end:
            padded = False  # (a zone in brackets is taken after a time of day only)
        half = 0  # a half day's mark: 1 morning (上午, AM), 2 afternoon (下午, PM)
        spaced = q < end and data[q] == 32  # (a space after the date, not a T)
        if q < end:  # the time of day: hh:mm, hh:mm:ss, hh:mm:ss.f to .fffffffff
            if chinese:
                q = _spaces(data, q, end)
            elif data[q] == 32 or (data[q] == 84 and not last_year):  # " " or "T"
                q += 1
            else:
                continue
            if (
                (chinese or (spaced and not last_year)) and q + 6 <= end and _mark(data, q + 3, end, 0xE5, 0x8D, 0x88)
            ):  # 午
                half = 1 if _mark(data, q, end, 0xE4, 0xB8, 0x8A) else 2 if _mark(data, q, end, 0xE4, 0xB8, 0x8B) else 0
                if half == 0:  # (上 or 下 before 午)
                    continue
                q = _spaces(data, q + 6, end) if chinese else q + 7 if q + 6 < end and data[q + 6] == 32 else q + 6
            at = q
            hh, q = _number(data, q, end, 1, 2)
            if hh < 0 or hh > 23:
                continue
            padded = padded and q == at + 2
            if q < end and data[q] == 58:  # ":"
                q += 1
            elif chinese and _mark(data, q, end, 0xEF, 0xBC, 0x9A):  # "："
                q += 3
            else:
                continue
            mi, q = _number(data, q, end, 2, 2)
            if mi < 0 or mi > 59:
                continue
            colon = q < end and data[q] == 58
            if chinese and not colon:
                colon = _mark(data, q, end, 0xEF, 0xBC, 0x9A)
            if colon:
                ss, q = _number(data, q + (1 if data[q] == 58 else 3), end, 2, 2)
                if ss < 0 or ss > 59:
                    continue
                if q < end and data[q] == 46:  # "."
                    start = q + 1
                    frac, q = _number(data, start, end, 1, 9)
                    if frac < 0:
                        continue
                    for _ in range(9 - (q - start)):
                        frac *= 10
        if half == 0 and not chinese and q < end:  # AM or PM after the clock, a space before it or not
            r = q + 1 if data[q] == 32 else q
            if r + 2 == end and (data[r + 1] == 77 or data[r + 1] == 109):  # "M", "m"
                c = data[r]
                half = 1 if c == 65 or c == 97 else 2 if c == 80 or c == 112 else 0  # "A", "a"; "P", "p"
                if half and spaced:
                    q = end
                else:
                    continue
        if half:  # the hour 1 to 12: 12 AM is midnight, 12 PM noon
            if hh < 1 or hh > 12 or q != end:
                continue
            hh = hh % 12 + (12 if half == 2 else 0)
            padded = False
        if last_year and q < end:  # (no zone after such a date)
            continue
        off = _BEIJING_S  # (no zone: Beijing time)
        if q < end and data[end - 1] == 93:  # "]": a zone in brackets (Java's ZonedDateTime, RFC 9557)
            # taken: Asia/Shanghai after +08:00, +0800 or no offset, from 1992 on (tzdata's Asia/Shanghai is at
            # +08:00 from its last summer time on); UTC or Etc/UTC after no offset; any of them after Z. Only in the
            # layout written in full (2024-10-17T08:00:00...), as the general reading's one pass for them
            lb = q
            while lb < end and data[lb] != 91:  # "["
                lb += 1
            zone = _zone_name(data, lb + 1, end - 1)
            if chinese or not padded or sep != 45 or zone == 0:
                continue
            given = lb - q
            if given == 1 and data[q] == 90:  # "Z"
                off = 0
            elif given == 0:
                off = _BEIJING_S if zone == 1 else 0
            elif zone == 1 and (_is(data, q, lb, _PLUS_8) or _is(data, q, lb, _PLUS_8_COLON)):
                off = _BEIJING_S
            else:
                continue
            if zone == 1 and off != 0 and y < _SHANGHAI_FIRST_YEAR:
                continue
            _put(ns, i, y, mo, d, hh, mi, ss, frac, off)
            continue
        if q < end:
            c = data[q]
            if chinese:
                continue
            if _utc_word(data, q + 1 if c == 32 else q, end):  # Z, UTC or GMT, a space before it or not
                off = 0
            elif c == 43 or c == 45:  # "+" or "-": +hh, +hhmm or +hh:mm
                rest = end - q - 1
                oh, r = _number(data, q + 1, end, 2, 2)
                om = 0
                if rest == 4:
                    om, r = _number(data, q + 1, end, 4, 4)
                    oh, om = om // 100, om % 100
                elif rest == 5 and r < end and data[r] == 58:
                    om, r = _number(data, r + 1, end, 2, 2)
                elif rest != 2:
                    continue
                if oh < 0 or om < 0 or om > 59 or r != end:
                    continue
                off = (oh * 60 + om) * 60
                if c == 45:
                    off = -off
                if off > 14 * 3600 or off < -12 * 3600:
                    continue
            else:
                continue
        _put(ns, i, y, mo, d, hh, mi, ss, frac, off)


_NONE = np.iinfo(np.int64).min


@njit(cache=True, nogil=True, inline="always")
def _utc_word(b: np.ndarray, r: int, end: int) -> bool:  # pragma: no cover - numba
    """Whether the bytes ``b[r:end]`` are ``Z``, ``UTC`` or ``GMT`` (capitals)."""
    if r + 1 == end:
        return b[r] == 90
    return r + 3 == end and (
        (b[r] == 85 and b[r + 1] == 84 and b[r + 2] == 67) or (b[r] == 71 and b[r + 1] == 77 and b[r + 2] == 84)
    )


@njit(cache=True, nogil=True, inline="always")
def _letter(c: int) -> bool:  # pragma: no cover - numba
    """Whether the byte ``c`` is an ASCII letter."""
    return (c >= 65 and c <= 90) or (c >= 97 and c <= 122)


@njit(cache=True, nogil=True, inline="always")
def _letters(b: np.ndarray, q: int, end: int) -> int:  # pragma: no cover - numba
    """Where the ASCII letters from ``q`` end."""
    while q < end and _letter(b[q]):
        q += 1
    return q


@njit(cache=True, nogil=True, inline="always")
def _named(
    b: np.ndarray, a: int, e: int, names: np.ndarray, lengths: np.ndarray, values: np.ndarray
) -> int:  # pragma: no cover - numba
    """``values[k]`` for the first row ``k`` of ``names`` (lowercase ASCII) whose first ``e - a`` letters are the
    letters ``b[a:e]`` in any case, where bit ``e - a`` of ``lengths[k]`` says the name may be written so long;
    else 0."""
    n = e - a
    if n < 3 or n >= names.shape[1]:
        return 0
    for k in range(names.shape[0]):
        if not (lengths[k] >> n) & 1:
            continue
        j = 0
        while j < n and (b[a + j] | 32) == names[k, j]:
            j += 1
        if j == n:
            return values[k]
    return 0


@njit(cache=True, nogil=True)
def _english(b: np.ndarray, p: int, end: int, first: int, last: int) -> int:  # pragma: no cover - numba
    """The instant (nanoseconds since 1970, UTC) of the text ``b[p:end]`` in a layout with a month's English name
    (the module's docstring), else :data:`_NONE`."""
    weekday = 0
    w = _letters(b, p, end)
    q = p
    if w > p:
        weekday = _named(b, p, w, _DAY_NAMES, _DAY_LENGTHS, _DAY_VALUES)
        if weekday:  # Thu, Thursday, Thurs..., then a comma or not and a space
            q = w + 1 if w < end and b[w] == 44 else w
            if q >= end or b[q] != 32:
                return _NONE
            q += 1
            w = _letters(b, q, end)
    month_first = w > q
    clock_before_year = False  # (Thu Oct 17 08:00:00 2024, as the C library writes it)
    if month_first:  # Oct 17, 2024 or Oct-17-2024
        mo = _named(b, q, w, _MONTH_NAMES, _MONTH_LENGTHS, _MONTH_VALUES)
        if mo == 0 or w >= end or (b[w] != 32 and (b[w] != 45 or weekday)):
            return _NONE
        sep = b[w]
        d, q = _number(b, w + 1, end, 1, 2)
        if d < 0 or q >= end:
            return _NONE
        comma = sep == 32 and b[q] == 44
        if comma:
            q += 1
        if q >= end or b[q] != sep:
            return _NONE
        q += 1
        y, r = _number(b, q, end, 4, 4)
        if y < 0 and sep == 32 and not comma:
            clock_before_year = True
        else:
            q = r
    else:  # 17 Oct 2024 or 17-Oct-2024
        d, q = _number(b, q, end, 1, 2)
        if d < 0 or q + 1 >= end or (b[q] != 32 and (b[q] != 45 or weekday)):
            return _NONE
        sep = b[q]
        w = _letters(b, q + 1, end)
        mo = _named(b, q + 1, w, _MONTH_NAMES, _MONTH_LENGTHS, _MONTH_VALUES)
        if mo == 0 or w >= end or b[w] != sep:
            return _NONE
        y, q = _number(b, w + 1, end, 4, 4)
    if not clock_before_year and (y < first or y > last):
        return _NONE
    hh = 0
    mi = 0
    ss = 0
    frac = 0
    off = _BEIJING_S
    if q < end:
        if not clock_before_year:  # a comma after the year (after a month's name first) or not, and a space
            if month_first and b[q] == 44:
                q += 1
            if q >= end or b[q] != 32:
                return _NONE
            q += 1
        hh, q = _number(b, q, end, 1, 2)
        if hh < 0 or q >= end or b[q] != 58:  # ":"
            return _NONE
        mi, q = _number(b, q + 1, end, 2, 2)
        if mi < 0 or mi > 59:
            return _NONE
        if q < end and b[q] == 58:
            ss, q = _number(b, q + 1, end, 2, 2)
            if ss < 0 or ss > 59:
                return _NONE
            if q < end and b[q] == 46:  # "."
                start = q + 1
                frac, q = _number(b, start, end, 1, 9)
                if frac < 0:
                    return _NONE
                for _ in range(9 - (q - start)):
                    frac *= 10
        if clock_before_year:  # then a space and the year, nothing else
            if q >= end or b[q] != 32:
                return _NONE
            y, q = _number(b, q + 1, end, 4, 4)
            if y < first or y > last or q != end:
                return _NONE
        r = q + 1 if q < end and b[q] == 32 else q  # (one space or none before AM, PM or a zone)
        half = 0
        if r + 2 == end and (b[r + 1] | 32) == 109:  # "AM", "PM" in any case
            half = 1 if (b[r] | 32) == 97 else 2 if (b[r] | 32) == 112 else 0
        if half:  # the hour 1 to 12: 12 AM is midnight, 12 PM noon
            if hh < 1 or hh > 12:
                return _NONE
            hh = hh % 12 + (12 if half == 2 else 0)
        elif q < end:  # a zone: Z, UTC, GMT or an offset +hhmm, +hh:mm (-) in quarter hours, after a date spaced
            if hh > 23 or sep != 32 or r >= end:
                return _NONE
            c = b[r]
            if _utc_word(b, r, end):
                off = 0
            elif (c == 43 or c == 45) and (r + 5 == end or (r + 6 == end and b[r + 3] == 58)):  # +0800, +08:00
                oh, _ = _number(b, r + 1, r + 3, 2, 2)
                om, _ = _number(b, end - 2, end, 2, 2)
                if oh < 0 or om < 0 or om > 45 or om % 15 != 0:
                    return _NONE
                off = (oh * 60 + om) * 60
                if c == 45:
                    off = -off
                if off > 14 * 3600 or off < -12 * 3600:
                    return _NONE
            else:
                return _NONE
        elif hh > 23:
            return _NONE
    if not _on_calendar(y, mo, d):
        return _NONE
    days = _days(y, mo, d)
    if weekday and (days + 3) % 7 + 1 != weekday:  # (1970-01-01 was a Thursday)
        return _NONE
    return ((days * 86400 + hh * 3600 + mi * 60 + ss) - off) * 1_000_000_000 + frac


def _names(words: str) -> np.ndarray:
    """The words, lowercase ASCII, one a row, padded with zeros to 16 bytes."""
    out = np.zeros((len(words.split()), 16), dtype=np.uint8)
    for k, word in enumerate(words.split()):
        out[k, : len(word)] = np.frombuffer(word.encode(), dtype=np.uint8)
    return out


def _lengths(*each: tuple[int, ...]) -> np.ndarray:
    """A bit for each length a name may be written with, a row each."""
    return np.array([sum(1 << n for n in lengths) for lengths in each], dtype=np.int64)


#: The months' English names and how long each may be written (its first three letters, whole, June, July, Sept)
_MONTH_NAMES = _names("january february march april may june july august september october november december")
_MONTH_LENGTHS = _lengths((3, 7), (3, 8), (3, 5), (3, 5), (3,), (3, 4), (3, 4), (3, 6), (3, 4, 9), (3, 7), (3, 8),
                          (3, 8))  # fmt: skip
_MONTH_VALUES = np.arange(1, 13, dtype=np.int64)
#: The days of the week's English names (Monday 1), how long each may be written (its first three letters, whole,
#: Tues, Thur, Thurs; Weds apart)
_DAY_NAMES = _names("monday tuesday wednesday weds thursday friday saturday sunday")
_DAY_LENGTHS = _lengths((3, 6), (3, 4, 7), (3, 9), (4,), (3, 4, 5, 8), (3, 6), (3, 8), (3, 6))
_DAY_VALUES = np.array([1, 2, 3, 3, 4, 5, 6, 7], dtype=np.int64)
_SHANGHAI_FIRST_YEAR = 1992
#: 一 二 三 四 五 六 日 天 in UTF-8 (the days of the week, Monday first; 日 and 天 both Sunday)
_WEEKDAYS = np.frombuffer("一二三四五六日天".encode(), dtype=np.uint8).reshape(8, 3).copy()
_PLUS_8 = np.frombuffer(b"+0800", dtype=np.uint8)
_PLUS_8_COLON = np.frombuffer(b"+08:00", dtype=np.uint8)
_ASIA_SHANGHAI = np.frombuffer(b"Asia/Shanghai", dtype=np.uint8)
_UTC = np.frombuffer(b"UTC", dtype=np.uint8)
_ETC_UTC = np.frombuffer(b"Etc/UTC", dtype=np.uint8)


@njit(cache=True, nogil=True, inline="always")
def _is(b: np.ndarray, a: int, e: int, word: np.ndarray) -> bool:  # pragma: no cover - numba
    """Whether the bytes ``b[a:e]`` are ``word``."""
    if e - a != word.size:
        return False
    for j in range(word.size):
        if b[a + j] != word[j]:
            return False
    return True


@njit(cache=True, nogil=True, inline="always")
def _zone_name(b: np.ndarray, a: int, e: int) -> int:  # pragma: no cover - numba
    """1 when the bytes ``b[a:e]`` are ``Asia/Shanghai``, 2 when ``UTC`` or ``Etc/UTC``, else 0."""
    if _is(b, a, e, _ASIA_SHANGHAI):
        return 1
    return 2 if _is(b, a, e, _UTC) or _is(b, a, e, _ETC_UTC) else 0


@njit(cache=True, nogil=True, inline="always")
def _on_calendar(y: int, mo: int, d: int) -> bool:  # pragma: no cover - numba
    """Whether the calendar has day ``d`` of month ``mo`` in year ``y`` (Gregorian)."""
    if mo < 1 or mo > 12 or d < 1:
        return False
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return d <= (30 if mo == 4 or mo == 6 or mo == 9 or mo == 11 else (29 if leap else 28) if mo == 2 else 31)


@njit(cache=True, nogil=True, inline="always")
def _put(
    ns: np.ndarray, i: int, y: int, mo: int, d: int, hh: int, mi: int, ss: int, frac: int, off: int
) -> None:  # pragma: no cover - numba
    """``ns[i]``: the instant of that date and time, ``frac`` nanoseconds and ``off`` seconds east of UTC, when
    the calendar has the date."""
    if not _on_calendar(y, mo, d):
        return
    ns[i] = ((_days(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss) - off) * 1_000_000_000 + frac


@njit(cache=True, nogil=True, inline="always")
def _days(y: int, mo: int, d: int) -> int:  # pragma: no cover - numba
    """Days since 1970-01-01 of the proleptic Gregorian date (years from 1 on: no negative division)."""
    yy = y - 1 if mo <= 2 else y
    era = yy // 400
    yoe = yy - era * 400
    doy = (153 * (mo - 3 if mo > 2 else mo + 9) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


@njit(cache=True, nogil=True, inline="always")
def _weekday(b: np.ndarray, q: int, end: int) -> int:  # pragma: no cover - numba
    """The day of the week the Chinese numeral from ``q`` names (一 1, Monday, to 六 6; 日 or 天 7), else 0."""
    if q + 3 > end:
        return 0
    for k in range(8):
        if b[q] == _WEEKDAYS[k, 0] and b[q + 1] == _WEEKDAYS[k, 1] and b[q + 2] == _WEEKDAYS[k, 2]:
            return min(k + 1, 7)
    return 0


def plain_iso_ns(texts: Any, digits: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The instants (int64 nanoseconds since 1970, UTC) of the texts of the Arrow text array ``texts`` written in the
    plainest layouts (the module's docstring), and which texts those are; the others' instants are the int64
    minimum. Missing values are not taken. ``digits``: also 12 or 14 digits alone, ISO 8601's basic form without
    its ``T`` (``202410170800``, ``20241017080000``), as a time column without a unit for numbers reads them."""
    import pyarrow as pa

    arr = texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else texts
    n = len(arr)
    ns = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    if n == 0:
        return ns, np.zeros(0, dtype=bool)
    large = pa.types.is_large_string(arr.type)
    if not (large or pa.types.is_string(arr.type)):
        raise TypeError(f"an Arrow text array, not {arr.type}")
    _validity, off_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(off_buf, dtype=np.int64 if large else np.int32)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, dtype=np.uint8)
    _read(data, offsets, FIRST_YEAR, LAST_YEAR, digits, ns)
    taken = ns != np.iinfo(np.int64).min
    if arr.null_count:
        valid = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        taken &= valid
        ns[~valid] = np.iinfo(np.int64).min
    return ns, taken

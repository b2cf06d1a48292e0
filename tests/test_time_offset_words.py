"""What follows an offset at a text's end, and RFC 5322's ``UT``.

A word after an offset that is no zone's name (``+0800 west``, ``+0800 foo``: in lower case or with a capital, as
words are written) is no time, with a reason saying so and the text without it; ``west`` was said to be WEST
(``is not west's (+01:00)``), which avzone reads it as nowhere else, and ``foo`` was left out unread. An offset in
brackets after another that disagrees (``+0800 (+0900)``) is no time naming both offsets, as two offsets (it was
``is not +0900's (+09:00)``). RFC 5322's obsolete ``UT`` is UTC (it was refused: write UTC). Each alone and in a
column the one-pass readers see first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, assert_refused_naming

from avzone import zonetime

_HOUR_NS = 3600 * 10**9
_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)


def _read(texts: list[str], rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)], codes[: len(texts)]


def _why(text: str) -> zonetime.Message:
    why = zonetime.time_why(text)
    assert why is not None, text
    return why


# -- a word after an offset -------------------------------------------------------------------------------------

_WORDS = [
    ("2024-10-17 08:00 +0800 west", "west", "+08:00", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 West", "West", "+08:00", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0100 west", "west", "+01:00", "2024-10-17 08:00 +0100"),  # (WEST's offset: no matter)
    ("2024-10-17 08:00 +0000 wet", "wet", "+00:00", "2024-10-17 08:00 +0000"),
    ("2024-10-17 08:00 +0800 east", "east", "+08:00", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 foo", "foo", "+08:00", "2024-10-17 08:00 +0800"),
    ("Thu, 17 Oct 2024 08:00:00 +0800 Foo", "Foo", "+08:00", "Thu, 17 Oct 2024 08:00:00 +0800"),
    ("2024-10-17T08:00:00+08:00 here", "here", "+08:00", "2024-10-17T08:00:00+08:00"),
    ("2024-10-17 08:00:00 +0800 east m=+0.001", "east", "+08:00", "2024-10-17 08:00:00 +0800"),
    ("2024-10-17T08:00Z foo", "foo", "Z", "2024-10-17T08:00Z"),
]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_word_after_an_offset_is_no_time_saying_it_is_no_zone(rows):
    cases = [(text, {"word": word, "offset": offset, "example": example}) for text, word, offset, example in _WORDS]
    assert_refused_naming(cases, "time_offset_word", rows=(rows,))
    # (the text without the word: read, at the offset's instant)
    examples = [e for *_, e in _WORDS]
    ns, codes = _read(examples)
    assert codes.tolist() == [0] * len(examples)
    assert ns[0] == _UTC_0800 - 8 * _HOUR_NS and ns[2] == _UTC_0800 - _HOUR_NS and ns[-1] == _UTC_0800


def test_the_word_reason_s_wording():
    [why] = assert_refused_naming(
        [("2024-10-17 08:00 +0800 west", None)],
        "time_offset_word",
        en=lambda f: (
            "west after the offset +08:00 is no time zone avzone reads (after an offset it reads a zone's "
            "abbreviation in capitals, such as CST, or a zone's name in brackets, such as (China Standard Time)): the "
            "offset alone says the time; leave the word out, 2024-10-17 08:00 +0800"
        ),
        zh=lambda f: (
            "偏移量 +08:00 之后的 west 不是 avzone 能读取的时区（偏移量之后可读取大写的时区缩写，如 CST，"
            "或括号中的时区名称，如 (China Standard Time)）：偏移量本身已说明时刻；"
            "请去掉这个词，如 2024-10-17 08:00 +0800"
        ),
    )
    # (west is no WEST: its offset is not named)
    assert "+01:00" not in why.text("en") and "west's" not in why.text("en")


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_names_after_an_offset_read_as_before(rows):
    """A zone's abbreviation in capitals (Go writes any so: one not known says nothing), one known in any case at
    that offset, a comment in brackets (RFC 5322), the offset again in brackets: read, at the offset."""
    read = ["2024-10-17 08:00 +0800 CST", "2024-10-17 08:00 +0800 cst", "2024-10-17 08:00 +0700 WIB",
            "2024-10-17 08:00 +1000 ChST", "2024-10-17 08:00 +0800 (CST)", "2024-10-17 08:00 +0800 (west)",
            "2024-10-17 08:00 +0800 (foo bar)", "2024-10-17 08:00 +0800 (+0800)", "2024-10-17 08:00 +0800 (+08:00)",
            "2024-10-17 08:00 +0800 (UTC+8)", "2024-10-17 08:00 +0100 WEST", "2024-10-17 08:00 +0000 utc",
            "2024-10-17 08:00 +08:00 Thu"]  # fmt: skip
    ns, codes = _read(read, rows)
    assert codes.tolist() == [0] * len(read), [t for t, c in zip(read, codes) if c]
    offsets = [8, 8, 7, 10, 8, 8, 8, 8, 8, 8, 1, 0, 8]
    assert ns.tolist() == [_UTC_0800 - h * _HOUR_NS for h in offsets]
    # (an abbreviation in capitals never at the offset: two zones, as ever)
    assert _why("2024-10-17 08:00 +0800 WEST").key == "time_name_disagrees"
    assert _why("2024-10-17 08:00 +0800 Est").key == "time_name_disagrees"


# -- an offset in brackets after an offset ---------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_an_offset_in_brackets_that_disagrees_names_both_offsets(rows):
    texts = ["2024-10-17 08:00 +0800 (+0900)", "2024-10-17 08:00 +08:00 (-05:00)", "2024-10-17 08:00 +0900 (UTC+8)",
             "2024-10-17 08:00 +0800 (GMT+09:00)"]  # fmt: skip
    pairs = [("+08:00", "+09:00"), ("+08:00", "-05:00"), ("+09:00", "+08:00"), ("+08:00", "+09:00")]
    assert_refused_naming(
        [(text, {"offset": offset, "other": other}) for text, (offset, other) in zip(texts, pairs)],
        "time_offsets_disagree",
        en=lambda f: (
            f"the offset {f['offset']} and the offset in brackets after it, {f['other']}, disagree: the text says two "
            "different instants; give the one offset that is right"
        ),
        zh=lambda f: (
            f"偏移量 {f['offset']} 与其后括号中的偏移量 {f['other']} 不一致：文本说的是两个不同的时刻；"
            "请只给出正确的那个偏移量"
        ),
        rows=(rows,),
    )
    # (a zone's name in brackets that disagrees: named as a zone, as before)
    assert _why("2024-10-17 08:00 +0800 (UTC)").text("en").startswith("the offset +08:00 is not UTC's (+00:00)")


# -- UT --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_ut_is_utc(rows):
    pairs = [
        ("Thu, 17 Oct 2024 08:00:00 UT", "Thu, 17 Oct 2024 08:00:00 UTC"),
        ("2024-10-17 08:00 UT", "2024-10-17 08:00 UTC"),
        ("2024-10-17 08:00 (UT)", "2024-10-17 08:00 (UTC)"),
        ("2024-10-17T08:00UT", "2024-10-17T08:00UTC"),
        ("2024-10-17 8:00 AM UT", "2024-10-17 8:00 AM UTC"),
        ("2024-10-17 08:00 +0000 UT", "2024-10-17 08:00 +0000 UTC"),
        ("2024年10月17日 08:00 ＵＴ", "2024年10月17日 08:00 UTC"),
    ]
    ut, utc = _read([u for u, _ in pairs], rows), _read([c for _, c in pairs], rows)
    assert ut[1].tolist() == [0] * len(pairs), [u for (u, _), c in zip(pairs, ut[1]) if c]
    assert ut[0].tolist() == utc[0].tolist() == [_UTC_0800] * len(pairs)
    assert zonetime.instant("Thu, 17 Oct 2024 00:00:00 UT") == _UTC_0800 - 8 * _HOUR_NS
    assert zonetime.beijing_iso(zonetime.instant("Thu, 17 Oct 2024 00:00:00 UT")) == "2024-10-17T08:00:00+08:00"


def test_ut_beside_another_offset_is_two_zones_as_utc_is():
    cases = [("2024-10-17 08:00 +0800 UT", None), ("2024-10-17 08:00 +0800 (UT)", None)]
    for why in assert_refused_naming(cases, "time_name_disagrees"):
        assert why.text("en").startswith("the offset +08:00 is not UT's (+00:00)")
    # (UT in any case, as UTC and GMT: tests/test_time_words_before.py)
    assert _read(["2024-10-17 08:00 ut"])[0].tolist() == [_UTC_0800]

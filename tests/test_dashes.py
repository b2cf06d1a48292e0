"""Dashes and minus signs other than ``-`` in numbers and times: one rule (points.ASCII_FORMS, points.dash_why).

The compatibility forms of ``-`` and ``+`` (full-width ``－`` ``＋``, small ``﹣`` ``﹢``) are read as them, in a
number as in a time; every other dash or minus sign (the minus sign U+2212, hyphens, figure, en and em dashes, the
soft hyphen...) makes no number and no time, and where one value is refused (``at=``, ``avzone locate``, a point
given to ``locate``) the error names the character by its code point and name and says to write ``-``.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from common import run_cli

import avzone
from avzone import points, zonetime
from avzone.i18n import error_text

#: The dashes users paste from documents and Chinese sources: none means '-' unambiguously.
DASHES = ["\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\ufe58", "\u2e3a", "\u00ad"]
SIGNS = [d for d in DASHES if d != "\u00ad"]  # (the soft hyphen, an invisible mark, is to be deleted, not made '-')
#: Compatibility forms of '-' (NFKC reads them as '-').
MINUS_FORMS = ["\uff0d", "\ufe63"]


def beijing(texts):
    ns, codes = zonetime.to_ns(list(texts))
    return [zonetime.beijing_iso(int(n)) if c == zonetime.TIME_OK else int(c) for n, c in zip(ns, codes)]


def code(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c)}"


@pytest.mark.parametrize("form", MINUS_FORMS)
def test_compatibility_forms_of_minus_are_minus_in_numbers_and_times(form):
    assert points.number_text(f"{form}116.4") == -116.4
    num, codes = points.parse_values(np.array([f"{form}116.4", "39.9"], dtype=object))
    assert num.tolist() == [-116.4, 39.9] and codes.tolist() == [0, 0]
    assert beijing([f"2024-10-17 08:00 {form}08:00", f"2024{form}10{form}17 08:00"]) == [
        "2024-10-18T00:00:00+08:00",
        "2024-10-17T08:00:00+08:00",
    ]


def test_the_small_plus_sign_is_plus_in_numbers_and_times():
    assert points.number_text("\ufe62116.4") == 116.4
    assert beijing(["2024-10-17 08:00 \ufe6208:00"]) == ["2024-10-17T08:00:00+08:00"]


def test_numbers_and_times_read_the_same_characters_as_ascii_ones():
    # (times read full-width and small forms by NFKC; numbers by the table: they agree on every character)
    for k, v in points.ASCII_FORMS.items():
        assert unicodedata.normalize("NFKC", chr(k)) == chr(v), hex(k)
    assert not points.DASHES & {chr(k) for k in points.ASCII_FORMS}


@pytest.mark.parametrize("dash", DASHES)
def test_a_dash_is_no_sign_in_a_number(dash):
    assert points.number_text(f"{dash}116.4") is None
    assert points.number_text(f"116.4{dash}39.9") is None
    _, codes = points.parse_values(np.array([f"{dash}116.4", "116.4"], dtype=object))
    assert codes.tolist() == [points.NOT_A_NUMBER, 0]


@pytest.mark.parametrize("dash", DASHES)
def test_a_dash_is_no_sign_nor_date_separator_in_a_time(dash):
    texts = [f"2024-10-17 08:00 {dash}08:00", f"2024-10-17T08:00:00{dash}0800", f"2024{dash}10{dash}17 08:00",
             f"2024{dash}10{dash}17", f"2024-10-17 08:00 UTC{dash}8"]  # fmt: skip
    assert beijing(texts) == [zonetime.TIME_INVALID] * len(texts)


@pytest.mark.parametrize("dash", SIGNS)
@pytest.mark.parametrize("when", ["2024-10-17 08:00 {d}08:00", "2024{d}10{d}17 08:00"])
def test_a_dash_in_at_is_refused_naming_it_and_saying_to_write_minus(model, dash, when):
    with pytest.raises(avzone.InputError) as err:
        model.locate(116.5, 39.79, at=when.format(d=dash))
    en, zh = str(err.value), error_text(err.value, "zh")
    right = when.format(d="-")
    assert code(dash) in en and "hyphen-minus '-'" in en and right in en
    assert code(dash) in zh and "连字符减号 '-'" in zh and right in zh


@pytest.mark.parametrize("dash", SIGNS)
def test_a_dash_in_a_point_given_to_locate_is_named(model, dash):
    with pytest.raises(avzone.InputError) as err:
        model.locate(f"{dash}116.4", "39.9")
    en, zh = str(err.value), error_text(err.value, "zh")
    assert code(dash) in en and "-116.4" in en and code(dash) in zh


@pytest.mark.parametrize("dash", ["\u2013", "\u2212"])
def test_a_dash_in_avzone_locate_is_named(dash):
    r = run_cli("locate", "--", f"{dash}116.4", "39.9")
    assert r.returncode == 2 and code(dash) in r.stderr and "-116.4" in r.stderr, r.stderr
    r = run_cli("--lang", "zh", "locate", "--", f"{dash}116.4", "39.9")
    assert r.returncode == 2 and code(dash) in r.stderr and "连字符减号" in r.stderr, r.stderr


@pytest.mark.parametrize(
    "text, right", [("116\u00ad.4", "116.4"), ("\u00ad116.4", "116.4"), ("20\u00ad24-10-17", "2024-10-17")]
)
def test_a_soft_hyphen_is_to_be_deleted_not_made_a_minus(model, text, right):
    # an invisible mark where a word may break, pasted from a document: the advice leaves it out
    for why in (points.dash_why(text),):
        en, zh = why.text("en"), why.text("zh")
        assert code("\u00ad") in en and "delete it" in en and en.endswith(f", {right}") and "'-'" not in en
        assert code("\u00ad") in zh and "请删去" in zh and zh.endswith(right)
    r = run_cli("locate", "--", "116\u00ad.4", "39.9")
    assert r.returncode == 2 and "delete it, 116.4" in r.stderr and "-116" not in r.stderr, r.stderr


def test_a_text_without_such_a_dash_has_no_dash_reason():
    assert points.dash_why("-116.4") is None and points.dash_why("\uff0d116.4") is None
    assert points.dash_why("abc") is None and points.dash_why("１１６") is None

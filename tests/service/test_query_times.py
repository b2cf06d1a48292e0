"""``at=`` times with odd zones: two offsets side by side are no time (one of them was taken silently)."""

from __future__ import annotations

import httpx
import pytest

from .conftest import INSIDE

POINT = {"lon": str(INSIDE[0]), "lat": str(INSIDE[1])}


@pytest.mark.parametrize(
    ("at", "why"),
    [
        (
            "2024-07-01T08:00:00+08:00-05:00",
            "the zones after the time of day (+08:00-05:00) are different offsets, +08:00 and -05:00: the text says "
            "different instants; give the one offset that is right",
        ),
        (
            "2024-07-01T08:00+0800-0500",
            "the zones after the time of day (+0800-0500) are different offsets, +08:00 and -05:00: the text says "
            "different instants; give the one offset that is right",
        ),
        (
            "2024-07-01T08:00+08:00+08:00",
            "the offset +08:00 is written more than once (+08:00+08:00): write it once, such as 2024-07-01T08:00+08:00",
        ),
    ],
)
def test_an_at_with_two_offsets_side_by_side_is_refused_naming_it(hc: httpx.Client, at: str, why: str) -> None:
    """'08:00:00+08:00-05:00' was answered for 21:00 Beijing time (the last offset, -05:00), as if +08:00 were not
    written; with a space between the offsets it was refused already. The refusal says why, as for any time."""
    for method, path, body in (("GET", "/v1/locate", None), ("POST", "/v1/locate", b"[[116.5, 39.79]]")):
        params = {**POINT, "at": at} if method == "GET" else {"at": at}
        r = hc.request(method, path, params=params, content=body)
        assert r.status_code == 422, r.text
        assert r.json()["detail"] == f"query parameter 'at': {at!r}: {why}"


@pytest.mark.parametrize(
    ("at", "read"),
    [
        ("2024-07-01T08:00:00+08:00", "2024-07-01T08:00:00+08:00"),
        ("2024-07-01T08:00:00-05:00", "2024-07-01T21:00:00+08:00"),
        ("2024-07-01T08:00:00Z", "2024-07-01T16:00:00+08:00"),
        ("2024-07-01T08:00:00+08:00[Asia/Shanghai]", "2024-07-01T08:00:00+08:00"),
        ("2024-07-01T08:00:00[Asia/Shanghai]", "2024-07-01T08:00:00+08:00"),  # (RFC 9557: the zone alone)
        ("2024-07-01T01:00:00[Europe/London]", "2024-07-01T08:00:00+08:00"),
        ("2024-07-01 08:00 GMT+8", "2024-07-01T08:00:00+08:00"),
    ],
)
def test_an_at_with_one_zone_is_read_with_it(hc: httpx.Client, at: str, read: str) -> None:
    r = hc.post("/v1/locate", params={"at": at}, json=[list(INSIDE)])
    assert r.status_code == 200 and r.json()["at"] == read


def test_an_at_with_an_unknown_zone_and_no_offset_is_refused_naming_the_zone(hc: httpx.Client) -> None:
    """'2024-07-01T08:00:00[Asia/Shanghai]' was "not a date/time" with no hint; the zone alone is read now, and one
    avzone does not know is refused saying what to write, in the language asked."""
    at = "2024-07-01T08:00:00[Asia/Shangai]"
    r = hc.get("/v1/locate", params={**POINT, "at": at})
    assert r.status_code == 422 and r.json()["detail"] == (
        f"query parameter 'at': {at!r}: [Asia/Shangai] is no time zone avzone knows (an IANA name such as "
        "Asia/Shanghai), and no offset says the time: give a known zone or the offset, such as "
        "2024-07-01T08:00:00+08:00"
    )
    r = hc.get("/v1/locate", params={**POINT, "at": at, "lang": "zh"})
    assert r.status_code == 422 and r.json()["detail"] == (
        f"查询参数 'at'：{at!r}：[Asia/Shangai] 不是 avzone 知道的时区（IANA 名称，如 Asia/Shanghai），也没有偏移量"
        "说明时间：请给出已知的时区或偏移量，如 2024-07-01T08:00:00+08:00"
    )


@pytest.mark.parametrize(
    ("at", "why", "why_zh"),
    [
        (
            "2024-07-01 08:00 [UTC]",
            "RFC 9557's suffix [UTC] follows the time with no space: write 2024-07-01 08:00[UTC]",
            "RFC 9557 的后缀 [UTC] 应紧跟时间，不加空格：请写成 2024-07-01 08:00[UTC]",
        ),
        (
            "UTC 2024-07-01 08:00",
            "the zone UTC is written before the date: write it after the time of day, 2024-07-01 08:00 UTC",
            "时区 UTC 写在了日期之前：请写在时刻之后，如 2024-07-01 08:00 UTC",
        ),
        (
            "2024-07-01 08:00 (UTC+8",
            "( has no ): write both brackets or neither, 2024-07-01 08:00 (UTC+8)",
            "( 缺少对应的 )：括号请成对书写或都不写，如 2024-07-01 08:00 (UTC+8)",
        ),
    ],
)
def test_an_at_with_its_zone_out_of_place_is_refused_saying_how_to_write_it(
    hc: httpx.Client, at: str, why: str, why_zh: str
) -> None:
    """A zone after a space in square brackets, before the date, or with one bracket was refused as "not a
    date/time" with no hint: the refusal says how to write it, in the language asked."""
    r = hc.get("/v1/locate", params={**POINT, "at": at})
    assert r.status_code == 422 and r.json()["detail"] == f"query parameter 'at': {at!r}: {why}"
    r = hc.get("/v1/locate", params={**POINT, "at": at, "lang": "zh"})
    assert r.status_code == 422 and r.json()["detail"] == f"查询参数 'at'：{at!r}：{why_zh}"


@pytest.mark.parametrize(
    ("at", "why", "why_zh"),
    [
        (
            "08h00",
            "08h00 writes the time of day with an h, which avzone does not read, and gives no date: write the date and "
            "the time of day with a colon, such as 2024-06-01 08:00",
            "08h00 用 h 分隔时和分，avzone 不读取这种写法，且没有给出日期：请写出日期及用冒号分隔的时刻，"
            "如 2024-06-01 08:00",
        ),
        (
            "2024-07-01T08h00",
            "08h00 writes the time of day with an h, which avzone does not read: write it with a colon, "
            "2024-07-01T08:00",
            "08h00 用 h 分隔时和分，avzone 不读取这种写法：请用冒号，写作 2024-07-01T08:00",
        ),
        (
            "2024-W27-8",
            "2024-W27-8 names day 8 of ISO week 27, and a week's days are 1 (Monday) to 7 (Sunday): give a day the "
            "week has, 2024-W27-1 to 2024-W27-7",
            "2024-W27-8 所指的是 ISO 第 27 周的第 8 天，而一周的日为 1（星期一）至 7（星期日）：请给出该周有的日，"
            "2024-W27-1 至 2024-W27-7",
        ),
        (
            "2024-07-01 - 05:00",
            "the sign of the offset - 05:00 stands apart from its digits, and the offset follows the date 2024-07-01, "
            "which gives no time of day: an offset's sign touches them, -05:00, and an offset is a time's; write the "
            "time of day before it, such as 2024-07-01 00:00 -05:00",
            "偏移量 - 05:00 的正负号与数字分开了，且它跟在没有时刻的日期 2024-07-01 之后：偏移量的正负号须紧挨数字，"
            "如 -05:00，且偏移量是时刻的偏移量；请在它之前写出时刻，如 2024-07-01 00:00 -05:00",
        ),
    ],
)
def test_an_at_with_an_h_clock_a_week_day_or_a_sign_apart_is_refused_saying_what_to_write(
    hc: httpx.Client, at: str, why: str, why_zh: str
) -> None:
    """'08h00', '2024-07-01T08h00' and '2024-W27-8' were refused as "not a date/time" with no hint, and '2024-07-01 -
    05:00' was told to write '2024-07-01 05:00' (the offset made a time of day): each refusal says what to write, in
    the language asked, for GET and POST alike."""
    for method, path, body in (("GET", "/v1/locate", None), ("POST", "/v1/locate", b"[[116.5, 39.79]]")):
        for lang, said in (("en", f"query parameter 'at': {at!r}: {why}"), ("zh", f"查询参数 'at'：{at!r}：{why_zh}")):
            params = {**POINT, "at": at, "lang": lang} if method == "GET" else {"at": at, "lang": lang}
            r = hc.request(method, path, params=params, content=body)
            assert r.status_code == 422 and r.json()["detail"] == said, (method, lang, r.text)

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

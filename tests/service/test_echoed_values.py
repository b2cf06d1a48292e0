"""Values a refusal echoes are cut: a long query value or body item is quoted by its first 100 characters and its
length (it was echoed in full, twice in a 422: in ``detail`` and in ``errors``), in both languages."""

from __future__ import annotations

import httpx
import pytest

from .conftest import INSIDE

POINT = {"lon": str(INSIDE[0]), "lat": str(INSIDE[1])}


def _cut(text: str, n: int, lang: str = "en") -> str:
    head = repr(text[:100])
    return head + (f"… ({n:,} characters)" if lang == "en" else f"…（共 {n:,} 个字符）")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_query_value_is_quoted_cut_with_its_length(hc: httpx.Client, lang: str) -> None:
    value = "x" * 10_000
    r = hc.get("/v1/locate", params={"lon": value, "lat": "39.79", "lang": lang})
    assert r.status_code == 422
    body = r.json()
    said = {"en": f"query parameter 'lon' must be a number, got {_cut(value, 10_000)}",
            "zh": f"查询参数 'lon' 必须是数字，收到的是 {_cut(value, 10_000, 'zh')}"}  # fmt: skip
    assert body["detail"] == said[lang]
    assert body["errors"][0]["msg"] in body["detail"] and len(r.content) < 1_000
    r = hc.post("/v1/locate", params={"distances": "y" * 3_000, "lang": lang}, json=[list(INSIDE)])
    assert r.status_code == 422 and _cut("y" * 3_000, 3_000, lang) in r.json()["detail"]


def test_a_value_of_100_characters_is_quoted_whole(hc: httpx.Client) -> None:
    value = "x" * 100
    r = hc.get("/v1/locate", params={"lon": value, "lat": "39.79"})
    assert r.json()["detail"] == f"query parameter 'lon' must be a number, got {value!r}"


def test_a_long_time_and_parameter_name_are_quoted_cut(hc: httpx.Client) -> None:
    at = "z" * 10_000
    r = hc.get("/v1/locate", params={**POINT, "at": at})
    assert r.status_code == 422 and r.json()["detail"] == (
        f"query parameter 'at': {_cut(at, 10_000)}: time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; "
        "naive times are Beijing time)"
    )
    at = "z" * 10_000 + " 2024-07-01T08:00:00 08:00"  # (+08:00 sent unencoded: the hint writes it too, cut)
    detail = hc.get("/v1/locate", params={**POINT, "at": at}).json()["detail"]
    assert detail.endswith(f"write the offset's + as %2B (at={'z' * 97}… (10,031 characters))"), detail
    name = "q" * 5_000
    r = hc.get("/v1/locate", params={**POINT, name: "1", "lang": "zh"})
    assert r.status_code == 422 and r.json()["detail"].startswith(f"未知的查询参数 {_cut(name, 5_000, 'zh')}：")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_body_item_is_quoted_cut_with_its_length(hc: httpx.Client, lang: str) -> None:
    r = hc.post("/v1/locate", params={"lang": lang}, json=["x" * 5_000])
    assert r.status_code == 422
    shown = '"' + "x" * 99
    said = {"en": f"body[0] is not a [lon, lat] pair (got {shown}… (5,002 characters))",
            "zh": f"body[0] 不是 [lon, lat] 点对（收到 {shown}…（共 5,002 个字符））"}  # fmt: skip
    assert r.json()["detail"].startswith(said[lang]), r.json()["detail"]

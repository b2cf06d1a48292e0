"""A POST body nested deeper than Python's JSON reader goes: a 422 saying so, in the language asked.

It was "body is not valid JSON: maximum recursion depth exceeded while decoding a JSON array from a unicode
string": Python's words, in English whatever the language asked, calling valid JSON invalid.
"""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/locate", b"[" * 100_000 + b"]" * 100_000),
        ("/v1/events", b'{"trajectories":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001),
    ],
    ids=["arrays", "objects"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_body_too_deep_is_said_to_be_so(hc: httpx.Client, path: str, body: bytes, lang: str) -> None:
    r = hc.post(path, params={"lang": lang}, content=body)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    said = "body is nested too deeply to read" if lang == "en" else "请求体嵌套太深，无法读取"
    assert detail.startswith(said) and "recursion" not in detail, detail


def test_a_body_a_few_levels_deep_is_read(hc: httpx.Client) -> None:
    r = hc.post("/v1/locate", content=b"[[116.5, 39.79]]")
    assert r.status_code == 200 and r.json()["ok"] == 1

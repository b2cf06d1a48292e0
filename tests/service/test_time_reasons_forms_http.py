"""The time forms refused with a reason of their own (tests/test_time_reasons_forms.py) say it over HTTP too, in the
language asked: as ``POST /v1/locate``'s ``at=`` (422 naming the parameter) and as a ``POST /v1/events`` fix's
``why``, the words ``at=`` says."""

from __future__ import annotations

import httpx
import pytest
from common import TIME_FORMS_WITH_A_REASON

from avzone.i18n import Message, Quoted
from avzone.zonetime import TIME_INVALID, TIME_TEXT, time_why

_FORMS = TIME_FORMS_WITH_A_REASON
_INSIDE = [116.5, 39.79]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("text", _FORMS)
def test_post_locate_at_and_a_post_events_fix_say_the_reason(hc: httpx.Client, text: str, lang: str) -> None:
    why = time_why(text)
    assert why is not None and why.key != "time_invalid"
    r = hc.post("/v1/locate", params={"at": text, "lang": lang}, json=[_INSIDE])
    parameter = "query parameter 'at': " if lang == "en" else "查询参数 'at'："
    sep = ": " if lang == "en" else "："
    assert r.status_code == 422 and r.json()["detail"] == f"{parameter}{text!r}{sep}{why.text(lang)}", r.text
    fixes = [[*_INSIDE, "2024-10-18T08:00:00"], [*_INSIDE, text], [*_INSIDE, "2024-10-18T08:05:00"]]
    r = hc.post("/v1/events", params={"lang": lang}, json={"trajectories": [{"id": "a", "fixes": fixes}]})
    assert r.status_code == 200, r.text
    fix = r.json()["fixes"][1]
    assert fix["status"] == TIME_TEXT[TIME_INVALID]
    assert fix["why"] == Message("example_value_why", column="time", value=Quoted.of(text), why=why).text(lang)

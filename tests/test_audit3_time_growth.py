"""Growth between stages, areas, checks and zones in time: answers that looked right and were not."""

from __future__ import annotations

import json

import pytest
from common import run_cli


# -- avzone check --help ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_help_does_not_say_the_details_stay_in_english(lang):
    """`avzone --lang zh check` writes each check's detail in Chinese (as the README says); its --help said they
    stayed in English. JSON does stay in English."""
    helped = run_cli("--lang", lang, "check", "--help")
    assert helped.returncode == 0, helped.stderr
    words = " ".join(helped.stdout.split()) if lang == "en" else "".join(helped.stdout.split())
    assert ("detail stays in English" if lang == "en" else "详情保持英文") not in words
    assert ("JSON stays in English" if lang == "en" else "JSON保持英文") in words
    table = run_cli("--lang", "zh", "check")
    assert "1 个要素，属性齐全、类型正确" in table.stdout  # a detail, in Chinese
    as_json = json.loads(run_cli("--lang", "zh", "check", "--json").stdout)
    assert as_json["checks"][0]["detail"] == "every manifest value present is typed and in range"

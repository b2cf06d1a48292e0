"""A body or file that is not valid JSON is explained in Chinese too: the parser's reason was English text inside
a Chinese message. The English text stays the parser's own."""

from __future__ import annotations

import json
import re

import pytest

from avzone.i18n import Message, json_error, json_reason

BAD = [
    "[[116.5, 39.8]",  # Expecting ',' delimiter
    '{"a": }',  # Expecting value
    '{"a" 1}',  # Expecting ':' delimiter
    "{'a': 1}",  # Expecting property name enclosed in double quotes
    "[1] x",  # Extra data
    '["abc',  # Unterminated string starting at
    '["a\x01"]',  # Invalid control character at
    '["\\q"]',  # Invalid \escape
    '["\\u12"]',  # Invalid \uXXXX escape
    "",  # Expecting value
]


def _error(doc: str) -> json.JSONDecodeError:
    with pytest.raises(json.JSONDecodeError) as err:
        json.loads(doc)
    return err.value


@pytest.mark.parametrize("doc", BAD)
def test_each_parser_reason_reads_in_both_languages(doc):
    exc = _error(doc)
    reason = json_error(exc)
    assert isinstance(reason, Message)
    assert str(reason) == str(exc)  # the English text is the parser's, unchanged
    zh = reason.text("zh")
    assert f"第 {exc.lineno} 行第 {exc.colno} 列" in zh
    assert not re.search(r"[A-Za-z]{3,}", zh.replace("uXXXX", "")), zh  # no English words left


def test_a_reason_not_in_the_catalogue_stays_as_it_is():
    assert json_reason("Something new") == "Something new"
    assert not isinstance(json_reason("Something new"), Message)


def test_the_http_service_says_it_in_chinese(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    client = TestClient(create_app(model))
    en = client.post("/v1/locate", content="[[116.5, 39.8]", headers={"content-type": "application/json"})
    zh = client.post("/v1/locate?lang=zh", content="[[116.5, 39.8]", headers={"content-type": "application/json"})
    assert en.status_code == zh.status_code == 422
    assert en.json()["detail"] == "body is not valid JSON: Expecting ',' delimiter: line 1 column 15 (char 14)"
    assert zh.json()["detail"] == "请求体不是有效的 JSON：此处应为逗号 ','：第 1 行第 15 列（第 14 个字符）"


def test_a_dataset_manifest_that_is_not_json_says_why_in_chinese(tmp_path):
    import avzone
    from avzone.i18n import error_text

    (tmp_path / "dataset.json").write_text('{"layers": [}', encoding="utf-8")
    with pytest.raises(avzone.DataError) as err:
        avzone.load(tmp_path)
    assert "Expecting value" in str(err.value)
    assert "此处应为一个值" in error_text(err.value, "zh")


def test_newer_pythons_trailing_comma_reason_reads_in_chinese():
    """Python 3.13's parser names a trailing comma; its reason is known before this Python has it."""
    reason = json_reason("Illegal trailing comma before end of array")
    assert reason == "Illegal trailing comma before end of array"
    assert isinstance(reason, Message) and reason.text("zh") == "数组结束前有多余的逗号"

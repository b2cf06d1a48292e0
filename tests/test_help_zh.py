"""`avzone --help` and every `avzone COMMAND --help` in Chinese: --lang zh before or after the command, or a zh locale.

The Chinese help has the same usage line, options, metavars and choices as
the English one; every sentence of it (argparse's group titles and ``-h``
line, the descriptions, epilogs and option help) is the ``help_`` message of
:mod:`avzone.i18n` in Chinese, and no English sentence is left. The English
help is the same whichever way English is asked for.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest
from common import run_cli

from avzone import i18n
from avzone.cli import _width, _wrap_wide, build_parser

COMMANDS = ("", "check", "area", "locate", "events", "growth", "map", "export", "serve", "demo")
WIDTH = 100  # COLUMNS: argparse's line width, the same for every help compared here


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """An English locale and a fixed width, so that only --lang (or a test's own LANG) makes the help Chinese."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", str(WIDTH))


def helped(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0 and result.stderr == "", (args, result.stderr)
    return result.stdout


def command_args(command: str) -> tuple[str, ...]:
    return (command,) if command else ()


def chinese_helps(command: str) -> dict[str, str]:
    """The help of ``command`` (the top level: "") asked in Chinese every way, in process."""
    cmd = command_args(command)
    return {
        "--lang zh before": helped("--lang", "zh", *cmd, "--help"),
        "--lang=zh before": helped("--lang=zh", *cmd, "-h"),
        "--lang zh after": helped(*cmd, "--lang", "zh", "--help"),
        "--help then --lang zh": helped(*cmd, "--help", "--lang", "zh"),
    }


def parser_of(command: str, lang: str) -> argparse.ArgumentParser:
    parser = build_parser(lang)
    if not command:
        return parser
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[command]


def sentences(command: str, lang: str) -> list[str]:
    """Every text of the help in ``lang``: description, epilog, each option's help, the commands' summaries."""
    p = parser_of(command, lang)
    texts = [p.description or "", p.epilog or ""]
    for action in p._actions:
        texts.append(action.help or "")
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help or "" for choice in action._choices_actions]
    return [t for t in texts if t]


def squeezed(text: str) -> str:
    return "".join(text.split())


INVOCATION = re.compile(r"^ {2,4}(\S.*?)(?: {2,}|$)")


def invocations(help_text: str) -> list[str]:
    """The options and positionals as the help lists them (``-o FILE.html, --output FILE.html``, ``LON LAT``)."""
    return [m.group(1) for line in help_text.splitlines() if (m := INVOCATION.match(line))]


def option_help_lines(help_text: str) -> list[str]:
    """The lines of prose beside and under the options and positionals (after the invocation column), stripped."""
    lines, listed = [], False
    for line in help_text.splitlines():
        if line and not line.startswith(" "):  # a section's title starts a list of options; other text ends it
            listed = line in ("options:", "positional arguments:")
            continue
        m = INVOCATION.match(line)
        rest = (line[m.end() :] if m else line).strip()
        if listed and re.search(r"\b[a-z]{2,} [a-z]{2,}\b", rest):  # words, not a JSON shape alone
            lines.append(rest)
    return lines


def usage_of(help_text: str, prefix: str) -> str:
    assert help_text.startswith(prefix), help_text[:40]
    return " ".join(help_text.partition("\n\n")[0].removeprefix(prefix).split())


ENGLISH_WORDS = re.compile(r"(?<![\w-])[a-z]{2,} [a-z]{2,} [a-z]{2,}(?![\w-])")


def assert_chinese(command: str, text: str, english: str) -> None:
    assert text.startswith("用法：avzone"), text[:60]
    # the group headings end in a full-width colon, as Chinese text does (argparse writes "options:")
    assert "\n选项：\n" in text and "显示此帮助信息并退出" in text
    assert ("\n位置参数：\n" in text) == ("positional arguments:" in english)
    assert "选项:" not in text and "位置参数:" not in text
    for title in ("usage:", "options:", "positional arguments:", "show this help message", "show program's version"):
        assert title not in text, title
    # every Chinese sentence is printed (whatever the line breaks), no English one
    flat = squeezed(text)
    for sentence in sentences(command, "zh"):
        assert squeezed(sentence) in flat, sentence
    for sentence in sentences(command, "en"):
        assert squeezed(sentence) not in flat, f"English help left in the Chinese help: {sentence!r}"
    english_lines = option_help_lines(english)
    assert len(english_lines) >= 2, english
    for line in english_lines:
        assert line not in text, f"English help line left in the Chinese help of {command or 'avzone'}: {line!r}"
    assert not ENGLISH_WORDS.findall(text), ENGLISH_WORDS.findall(text)
    # the same options, metavars, choices and usage
    assert invocations(text) == invocations(english)
    assert usage_of(text, "用法：") == usage_of(english, "usage: ")
    # wrapped by terminal columns: a Chinese character takes two
    too_wide = [line for line in text.splitlines() if _width(line) > WIDTH]
    assert not too_wide, too_wide


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "avzone")
def test_help_is_chinese_with_lang_zh_before_or_after_the_command(command):
    english = helped(*command_args(command), "--help")
    helps = chinese_helps(command)
    for way, text in helps.items():
        try:
            assert_chinese(command, text, english)
        except AssertionError as exc:
            raise AssertionError(f"{way}: {exc}") from exc
    assert len(set(helps.values())) == 1, "the same help whichever way --lang zh is written"


def test_the_command_s_own_lang_wins_for_its_help():
    english = helped("locate", "--help")
    assert helped("--lang", "zh", "locate", "--lang", "en", "--help") == english
    assert helped("--lang", "en", "locate", "--lang", "zh", "--help") == helped("locate", "--lang", "zh", "--help")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "avzone")
def test_help_is_chinese_in_a_chinese_locale(command):
    english = helped(*command_args(command), "--help")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(COLUMNS=str(WIDTH), PYTHONIOENCODING="utf-8")

    def help_in(lang: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "avzone", *command_args(command), "--help"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**env, "LANG": lang},
            check=False,
        )

    run = help_in("zh_CN.UTF-8")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert_chinese(command, run.stdout, english)
    assert run.stdout == chinese_helps(command)["--lang zh before"]
    assert help_in("C.UTF-8").stdout == english


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "avzone")
def test_english_help_is_the_same_however_english_is_asked(command):
    cmd = command_args(command)
    english = helped(*cmd, "--help")
    assert helped("--lang", "en", *cmd, "--help") == english
    assert helped(*cmd, "--lang", "en", "--help") == english
    assert english.startswith("usage: avzone") and "options:\n  -h, --help" in english
    assert "show this help message and exit" in english
    flat = squeezed(english)  # argparse breaks lines at hyphens too (T-Drive, --input-format)
    for sentence in sentences(command, "en"):
        assert squeezed(sentence) in flat, sentence
    # no Chinese but the column names --lon-col, --lat-col and --point-col find
    assert set(re.findall(r"[^\x00-\x7f]", english)) <= set("经度东纬北²坐标"), english


def test_every_help_sentence_is_a_catalogue_message_in_both_languages():
    """The help's texts come from the help_ messages: the English parser prints no Chinese sentence and back."""
    english = {s for c in COMMANDS for s in sentences(c, "en")}
    chinese = {s for c in COMMANDS for s in sentences(c, "zh")}
    assert not english & chinese
    keys = [k for k in i18n.MESSAGES["en"] if k.startswith("help_")]
    assert keys and all(k in i18n.MESSAGES["zh"] for k in keys)
    for key in keys:  # no % (argparse %-formats option help) and no untranslated message
        assert "%" not in i18n.MESSAGES["zh"][key], key
        assert i18n.MESSAGES["zh"][key] != i18n.MESSAGES["en"][key], key


def test_chinese_lines_break_by_terminal_columns():
    text = "与 --track 同用：最多画出 N 个驶入/驶出/断档标记（默认 10000；'all' 表示全部画出）"
    lines = _wrap_wide(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(_width(line) <= 20 for line in lines), lines
    assert not any(line[0] in "，。；：、）" for line in lines), lines
    assert "--track" in " ".join(lines).split() and "10000；'all'" in "".join(lines)


def test_the_help_of_serve_lang_says_it_is_the_language_of_its_map():
    """serve --lang zh (or avzone --lang zh serve): its errors and the map it serves to a request asking for no
    language (serve's help says both, in both languages)."""
    english = " ".join(helped("serve", "--help").split())
    chinese = "".join(helped("--lang", "zh", "serve", "--help").split())
    assert "language of the map (/) when a request asks for none and of the common error messages" in english
    assert "所用语言：不指定语言的请求得到的地图（/），以及常见的错误信息" in chinese


def test_the_help_of_growth_and_demo_lang_says_the_chart_follows_it():
    """growth --chart and demo's growth.png are drawn in --lang: their help says so, in both languages."""
    assert "the report's sentences and headings and the chart's words" in " ".join(helped("growth", "--help").split())
    assert "the report, the growth chart and the maps" in " ".join(helped("demo", "--help").split())
    assert "报告的语句和标题、图表的文字" in "".join(helped("--lang", "zh", "growth", "--help").split())
    assert "报告、增长图和地图" in "".join(helped("--lang", "zh", "demo", "--help").split())


@pytest.mark.parametrize("command", ["", "locate"], ids=["avzone", "locate"])
def test_the_help_of_lang_says_which_locale_variable_counts(command):
    """The default language is the first of LC_ALL, LC_MESSAGES, LANG that is set (LC_ALL=C with LANG=zh_CN is
    English, LC_MESSAGES=zh_CN alone Chinese); the help said "zh when LANG or LC_ALL starts with zh"."""
    assert i18n.default_lang({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.default_lang({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C.UTF-8"}) == "zh"
    english = " ".join(helped(*command_args(command), "--help").split())
    chinese = "".join(helped("--lang", "zh", *command_args(command), "--help").split())
    assert "zh when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with zh" in english
    assert "LANG or LC_ALL starts with zh" not in english
    assert "LC_ALL、LC_MESSAGES、LANG中第一个已设置的以zh开头时为zh" in chinese

"""Every map page declares its encoding first: ``<meta charset="utf-8">`` is the head's first element.

HTML requires the character encoding declaration to be serialized completely within a page's first 1024 bytes
(a browser may sniff no further); a title before it, long and in Chinese (three bytes a character), would push
it beyond them. The pages are checked as they are written: by :func:`avzone.maps.save_map` (online,
``offline``, with tracks, in Chinese and English) and by ``avzone map`` (the service's ``/``:
tests/service/test_map_page_head.py), each as UTF-8 bytes without a byte order mark.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

import pytest
from common import run_cli
from test_maps_tracks import fixes

from avzone import maps

DECLARATION = b'<meta charset="utf-8">'
#: A title of 520 Chinese characters: 1,560 bytes in UTF-8.
LONG_TITLE = "北京市高级别自动驾驶示范区" * 40


class _FirstTags(HTMLParser):
    """The page's start tags in order, with their attributes, up to the end of its head."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.head_ended = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.head_ended:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.head_ended = self.head_ended or tag == "head"


def assert_declared_first(raw: bytes) -> None:
    """UTF-8 without BOM, one encoding declaration, the head's first element, ended within 1024 bytes."""
    assert not raw.startswith(codecs.BOM_UTF8), "no byte order mark"
    page = raw.decode("utf-8")  # (strict: every byte is UTF-8)
    found = re.search(rb"<meta\b[^>]*\b(?:charset|http-equiv)\b[^>]*>", raw, re.I)
    assert found, "no encoding declaration"
    assert found.end() <= 1024, f"the encoding declaration {found.group()!r} ends at byte {found.end():,}"
    assert found.group() == DECLARATION
    parser = _FirstTags()
    parser.feed(page)
    assert [t for t, _ in parser.tags[:3]] == ["html", "head", "meta"], parser.tags[:4]
    assert parser.tags[2][1] == {"charset": "utf-8"}
    declarations = re.findall(r"<meta\b[^>]*\b(?:charset|http-equiv)\b", page, re.I)
    assert declarations == ["<meta charset"], "the encoding is declared once"
    assert "<title>" in page and page.index("<title>") > page.index('<meta charset="utf-8">')


@pytest.fixture
def long_titled(dataset_copy):
    """The embedded dataset with a long Chinese title and long Chinese layer names, in both languages."""
    doc = dataset_copy.read("dataset.json")
    doc["title_zh"] = doc["title_en"] = LONG_TITLE
    for entry in doc["layers"]:
        entry["title_zh"] = entry["title_en"] = "自动驾驶示范区图层" * 60 + entry["id"]
    dataset_copy.write("dataset.json", doc)
    return dataset_copy


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "options",
    [{}, {"offline": True}, {"tiles": "none"}, {"track": True}, {"offline": True, "track": True}],
    ids=["online", "offline", "no-tiles", "tracks", "offline-tracks"],
)
def test_every_saved_map_declares_its_encoding_first(long_titled, tmp_path, lang, options):
    model = long_titled.load()
    if options.pop("track", False):
        options["tracks"] = maps.split_tracks(model, fixes())
    path = maps.save_map(model, tmp_path / "map.html", lang=lang, **options)
    raw = path.read_bytes()
    assert_declared_first(raw)
    assert f"<title>{LONG_TITLE}</title>".encode() in raw


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_command_writes_its_encoding_first(long_titled, tmp_path, lang):
    out = tmp_path / "map.html"
    result = run_cli("--lang", lang, "map", "--data", str(long_titled.folder), "--offline", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert_declared_first(out.read_bytes())

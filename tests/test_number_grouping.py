"""Numbers of four or more digits are grouped (1,924.26 km², ±1,500 m, +3,111 %) in every line the commands print,
in both languages, as the area table, the timeline and the map write them; never 1924.26 beside 1,960."""

from __future__ import annotations

import re

import pytest
from common import run_cli

#: An integer part of four or more digits written without grouping: not part of a date (2024-10-18, 2024年),
#: a decimal fraction (116.3775), a code (EPSG:4326, RFC 7946), an id or a stage's name (2024 expansion).
UNGROUPED = re.compile(r"(?<![\d.,:\-_/A-Za-z])(?<!RFC )\d{4,}(?![\d\-年月_]| expansion)")
#: A month and its year in a stage's note (target June 2024): a date, not a number.
MONTH_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", [("check",), ("growth", "core", "outlook")])
def test_printed_numbers_are_grouped(lang, args):
    result = run_cli(*args, "--lang", lang)
    assert result.returncode == 0, result.stderr
    lines = [MONTH_YEAR.sub("", line) for line in result.stdout.splitlines()]
    found = [(m.group(), line) for line in lines for m in UNGROUPED.finditer(line)]
    assert not found, found[:5]


def test_a_deviation_of_a_thousand_percent_or_more_is_grouped_and_still_judged(dataset_copy):
    """A zone drawn eleven times its nominal area: +1,0xx %, and the check fails it (the grouped text is read back
    as a number where the deviation is compared with the tolerance)."""

    def tiny(feat):
        feat["properties"]["nominal_area_km2"] = 5

    dataset_copy.edit_feature("core.geojson", "core_2022", tiny)
    area = next(r for r in dataset_copy.load().check() if r.name == "area" and r.subject == "core_2022")
    assert not area.ok and re.search(r"\(\+1,\d{3}\.\d\d %, tolerance ±2 %\)", area.detail), area.detail

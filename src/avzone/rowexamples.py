"""The rows a summary names: the first rows of each status whose values could not be read, each value shown (cut
when long) and why it could not be read, by the rules that refuse one value alone.

Every entry point that names such rows uses these: the file jobs' summaries (:mod:`avzone.batch`,
:mod:`avzone.tracks`, :mod:`avzone.distributed`), the notes of pandas text columns (:mod:`avzone.locate`) and the
HTTP service's ``why``. Above :mod:`avzone.locate` in the layer order (docs/architecture.md): it needs the points'
statuses and the reasons of one value (:mod:`avzone.points`, :mod:`avzone.zonetime`) and nothing of the jobs. The
rows as values, and the first of each status kept, are :mod:`avzone._examples`' (below :mod:`avzone.points`, which
names with them the rows of a coordinate column of text: :func:`avzone.points.number_examples`); they are given here
too.
"""

from __future__ import annotations

from typing import Any

from avzone._examples import (
    EXAMPLE_CHARS,
    EXAMPLE_ROWS,
    Found,
    RowExample,
    examples_by,
    examples_text,
    frame_examples,
    keep_first,
    too_long,
)
from avzone.i18n import Message
from avzone.points import example_statuses, number_examples, status_labels

__all__ = [
    "EXAMPLE_CHARS",
    "EXAMPLE_ROWS",
    "Found",
    "RowExample",
    "example_labels",
    "example_statuses",
    "examples_text",
    "frame_examples",
    "keep_first",
    "number_examples",
    "row_examples",
    "value_why",
]


def example_labels(
    names: tuple[str, str], coordinates: tuple[str, str] | None, time_col: str | None
) -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`avzone.points.example_statuses` by the statuses' texts (as a row's ``status`` column has them)."""
    labels = status_labels(names)
    return {labels[code]: cols for code, cols in example_statuses(names, coordinates, time_col).items()}


def value_why(how: str, value: Any, time_unit: str | None = None) -> Message | None:
    """Why one value that could not be read is none, by the rule that refuses it alone (``how``: ``"time"``,
    :func:`avzone.zonetime.time_why` read in ``time_unit``; else a number, :func:`avzone.points.number_why`), or
    None: no more than its status says (a text longer than :data:`EXAMPLE_CHARS` too, shown cut)."""
    from avzone.points import number_value_why
    from avzone.zonetime import time_why

    if how == "time":
        return None if too_long(value) else time_why(value, time_unit)
    return number_value_why(value)


def row_examples(found: Found, time_unit: str | None = None) -> dict[str, list[RowExample]]:
    """The rows ``found`` as a summary names them: each value shown cut (:class:`avzone.i18n.Quoted`) and why it
    could not be read, by the rules that refuse one value (a time: :func:`avzone.zonetime.time_why`, read in
    ``time_unit`` as its column; a number: :func:`avzone.points.number_why`), for these few rows alone."""
    return examples_by(found, lambda how, v: value_why(how, v, time_unit))

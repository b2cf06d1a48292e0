"""The rows a summary or a note names, as values: each row's number, its values that could not be read (shown cut
when long) and why, and the first rows of each status kept as an input is read.

What needs no rule of its own: the reasons are given by the modules that read the values (a coordinate's:
:mod:`avzone.points`, which names the rows of a typed table's column of text with these; a time's:
:mod:`avzone.zonetime`), and :mod:`avzone.rowexamples` gives the file jobs, the notes and the HTTP service both.
Below :mod:`avzone.points` in the layer order (docs/architecture.md): it needs only the words of :mod:`avzone.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from avzone import i18n
from avzone.i18n import Joined, Message

#: How many rows of a status a file job's summary names, with their values and why each could not be read.
EXAMPLE_ROWS = 3
#: A value longer than this (in characters) is shown cut, and its reason left to its status: no time or number is
#: so long, and a reason quotes the text it reads.
EXAMPLE_CHARS = 60


@dataclass(frozen=True)
class RowExample:
    """One row a file job's summary names under its status: its row number (from 0, as ``row_before`` and
    ``row_after`` of ``avzone events``) and, for each value of it that could not be read, the column, the value as
    shown (:class:`avzone.i18n.Quoted`, cut when long) and why, as one value alone is refused (None: no more than the
    status says)."""

    row: int
    values: tuple[tuple[str, i18n.Quoted, Message | None], ...]
    #: A CSV file's first and last line (from 1) the row is on (:func:`avzone.batch.placed_examples`); None: not a
    #: CSV file.
    lines: tuple[int, int] | None = None
    #: The row's label in a pandas input's index, quoted, when it is not the row's number
    #: (:func:`avzone.points.number_examples`).
    label: i18n.Quoted | None = None
    #: The part of a folder of Parquet parts the row is in and its row there (from 0) (:func:`avzone.batch.in_parts`).
    part: tuple[str, int] | None = None

    def parts(self, reasons_only: bool = False) -> list[Message]:
        """Each value as ``column = value`` and why it could not be read (``reasons_only``: the values with a why)."""
        return [
            Message("example_value", column=i18n.Quoted.text_of(col), value=value)  # (a long name cut)
            if why is None
            else Message("example_value_why", column=i18n.Quoted.text_of(col), value=value, why=why)
            for col, value, why in self.values
            if why is not None or not reasons_only
        ]

    def message(self) -> Message:
        """The line naming this row under its status, in either language."""
        parts, row = Joined(self.parts()), f"{self.row:,}"
        if self.label is not None:
            return Message("example_row_label", row=row, label=self.label, values=parts)
        if self.part is not None:
            return Message("example_row_part", row=row, file=self.part[0], part_row=f"{self.part[1]:,}", values=parts)
        if self.lines is None:
            return Message("example_row", row=row, values=parts)
        first, last = self.lines
        lines = f"{first:,}" if first == last else f"{first:,}-{last:,}"
        key = "example_row_line" if first == last else "example_row_lines"
        return Message(key, row=row, lines=lines, values=parts)

    def text(self, lang: str) -> str:
        return self.message().text(lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The row as a summary's JSON names it: ``why`` in ``lang``, the column and the value as they are."""
        values = [
            {"column": col, "value": str(value), **({} if why is None else {"why": i18n.json_text(why, lang)})}
            for col, value, why in self.values
        ]
        lines = {} if self.lines is None else {"lines": list(self.lines)}
        part = {} if self.part is None else {"file": self.part[0], "file_row": self.part[1]}
        return {"row": self.row, **lines, **part, "values": values}


#: The rows found of each status (its text): each row's number and its values, by (column, how read, value).
Found = dict[str, list[tuple[int, tuple[tuple[str, str, Any], ...]]]]


def keep_first(found: Found, status: str, row: int, values: tuple[tuple[str, str, Any], ...]) -> None:
    """Keep a row in ``found`` if it is among the first :data:`EXAMPLE_ROWS` of its status by row number."""
    rows = found.setdefault(status, [])
    if len(rows) >= EXAMPLE_ROWS and row > rows[-1][0]:
        return
    rows.append((row, values))
    rows.sort(key=lambda r: r[0])
    del rows[EXAMPLE_ROWS:]


def frame_examples(
    found: Found,
    statuses: Any,
    rows: np.ndarray | int,
    columns: Callable[[str, np.ndarray], list[Any]],
    wanted: dict[Any, tuple[tuple[str, str], ...]],
    present: Iterable[Any],
    label: Callable[[Any], str] = str,
    in_order: bool = False,
) -> None:
    """Add to ``found`` the first rows of each ``wanted`` status among those ``present`` in a part of an input.

    ``statuses``: each row's status (its code, text or category), ``label`` its text; ``rows``: the rows' numbers
    (or the first one's, the others following it); ``columns(name, positions)``: a column's values at those
    positions. ``in_order``: the parts come in row order, so a status of which rows enough were found is not
    looked for again. The work is the part's rows of the statuses looked for alone, then the few kept.
    """
    for status in present:
        cols = wanted.get(status)
        name = label(status)
        if cols is None or (in_order and len(found.get(name, ())) >= EXAMPLE_ROWS):
            continue
        at = np.flatnonzero(np.asarray(statuses == status, dtype=bool))
        numbers = rows[at] if isinstance(rows, np.ndarray) else rows + at
        if at.size > EXAMPLE_ROWS:  # (the smallest row numbers; a part's rows need not be in order)
            first = np.argpartition(numbers, EXAMPLE_ROWS - 1)[:EXAMPLE_ROWS]
            at, numbers = at[first], numbers[first]
        values = {col: columns(col, at) for col, _ in cols}
        for k, number in enumerate(numbers.tolist()):
            keep_first(found, name, int(number), tuple((col, how, values[col][k]) for col, how in cols))


def too_long(value: Any) -> bool:
    """Whether a value is a text longer than :data:`EXAMPLE_CHARS`: shown cut, its reason left to its status."""
    return isinstance(value, str) and len(value) > EXAMPLE_CHARS


def examples_by(found: Found, why: Callable[[str, Any], Message | None]) -> dict[str, list[RowExample]]:
    """The rows ``found`` as a summary names them: each value shown cut (:class:`avzone.i18n.Quoted`) and why it
    could not be read, ``why(how, value)`` (the rule that refuses one value of that kind), for these few rows
    alone."""
    return {
        status: [
            RowExample(row, tuple((col, i18n.Quoted.of(v, EXAMPLE_CHARS), why(how, v)) for col, how, v in values))
            for row, values in rows
        ]
        for status, rows in found.items()
        if rows
    }


def examples_text(examples: list[RowExample], n: int, lang: str) -> list[str]:
    """The lines naming a status's first rows under its count (``n`` rows), and how many more it has."""
    lines = [e.text(lang) for e in examples]
    more = n - len(examples)
    if examples and more > 0:
        lines.append(i18n.text("example_more_1" if more == 1 else "example_more", lang, n=f"{more:,}"))
    return lines

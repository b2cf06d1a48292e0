"""What a folder or file given as fixes holds when it is T-Drive taxi traces: the hint to read it as such.

Kept apart from :mod:`avzone.fleet` (which reads T-Drive) so that the file jobs of :mod:`avzone.batch`, which
fleet's readers build on, can say so without importing it.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

from avzone.errors import InputError
from avzone.i18n import Message

#: Files of a folder :func:`tdrive_shaped` reads the first line of, at most (T-Drive has files without a line).
_SHAPE_FILES = 16


def tdrive_shaped(path: str | os.PathLike[str]) -> bool:
    """Whether ``path``, a folder or a file, holds T-Drive lines: the first line of its first file that has one (of
    a folder's ``.txt`` files, in :func:`avzone.fleet.read_tdrive`'s order) is ``taxi id,date time,longitude,
    latitude``, four fields, the last two numbers (a header line, other fields or text that is not UTF-8 is not).
    False for a folder without ``.txt`` files and for a path that is neither a folder nor a file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "1.txt").write_text("1,2008-02-02 15:36:08,116.51172,39.92123\\n", encoding="utf-8")
    >>> _ = (folder / "notes.txt").write_text("taxi,when,lon,lat\\n", encoding="utf-8")
    >>> tdrive_shaped(folder), tdrive_shaped(folder / "notes.txt")
    (True, False)
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.txt"), key=lambda q: (len(q.stem), q.stem))[:_SHAPE_FILES]
    else:
        files = [p] if p.is_file() else []
    for f in files:
        try:
            with f.open("rb") as fh:
                head = fh.read(1 << 16).removeprefix(codecs.BOM_UTF8)
        except OSError:
            return False
        line = next((t for t in head.splitlines() if t.strip()), None)
        if line is None:
            continue  # (a file without a line: the next one says)
        try:
            fields = [v.strip() for v in line.decode("utf-8").split(",")]
        except UnicodeDecodeError:
            return False
        if len(fields) != 4 or not all(fields):
            return False
        try:
            float(fields[2]), float(fields[3])
        except ValueError:
            return False
        return True
    return False


def hint_tdrive(path: str | os.PathLike[str], how: Any) -> None:
    """Refuse a folder or a ``.txt`` file of T-Drive lines (:func:`tdrive_shaped`) given as fixes to be read as
    another format, saying how its caller reads T-Drive: ``how`` (an :class:`avzone.i18n.Option`:
    ``input_format='tdrive'``, on the command line ``--input-format tdrive``; or the code to write, the same in every
    language: ``source=avzone.fleet.tdrive_source(...)``). Any other folder or ``.txt`` file is
    left to be refused as what it is (a folder is not a file, ``.txt`` names no format; a folder of Parquet parts
    is read by the Dask jobs).
    """
    p = Path(path)
    if (p.is_dir() or p.suffix.lower() == ".txt") and tdrive_shaped(p):
        raise InputError(Message("err_try_tdrive", file=path, option=how))

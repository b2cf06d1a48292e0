"""The ``avzone`` command line: a thin shell over the library.

Exit codes: 0 success, 1 a check failed, 2 bad input or unreadable data
(the message names the file, row or field and what would be right), 130
interrupted by SIGINT (Ctrl-C), 143 stopped by SIGTERM. Output files are
written atomically, the outputs of one command as one transaction
(:func:`avzone._atomic.atomic_outputs`): a job that fails or is interrupted
leaves no new file at any target and existing ones as they were.
"""

from __future__ import annotations

import _thread
import argparse
import atexit
import contextlib
import contextvars
import json
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from avzone import __version__
from avzone.errors import AvzoneError, InputError
from avzone.i18n import OPTION_FLAGS, Joined, Message, Option, Quoted

if TYPE_CHECKING:
    from avzone._atomic import Outputs
    from avzone.batch import Summary
    from avzone.model import Model


# Start-up: a one-point answer or --help imports only what it needs. Commands that write a
# file import avzone._atomic (tempfile, shutil, secrets) when they write it, `serve` socket.
def atomic_output(target: str | Path, **options: Any) -> contextlib.AbstractContextManager[Path]:
    """:func:`avzone._atomic.atomic_output`, imported on first use."""
    from avzone._atomic import atomic_output as atomic

    return atomic(target, **options)


def atomic_outputs(input_path: str | Path | None = None) -> contextlib.AbstractContextManager[Outputs]:
    """:func:`avzone._atomic.atomic_outputs`, imported on first use."""
    from avzone._atomic import atomic_outputs as atomic

    return atomic(input_path)


def discarded() -> list[Path]:
    """:func:`avzone._atomic.last_discarded`: the outputs of the job that was stopped (none when no output
    was ever opened)."""
    atomic = sys.modules.get("avzone._atomic")
    return list(atomic.last_discarded()) if atomic is not None else []


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: 128 + the signal number, as shells report a process ended by that signal.
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and no traceback, like every user error here, in the language asked.

    A usage error (an unknown option, a missing argument or value, an
    invalid choice...) is written in the language of ``--lang`` as read ahead
    of argparse (:data:`_ARGV_LANG`), else the locale's, through
    :func:`avzone.i18n.usage_text`: argparse's own wording in Chinese when
    its shape is known, as argparse wrote it otherwise, the options and
    values named as argparse names them, after ``avzone: 错误：`` in Chinese
    (:func:`error_prefix`, as every error line). The usage line above it is
    argparse's, headed "用法：" in Chinese (``help_usage``; in English it is
    argparse's "usage: " line, unchanged). The commands' parsers are of this
    class too.

    Its help (``-h``/``--help``) is in ``lang``: the group titles, the
    ``-h`` line and the "usage:" prefix are catalogue messages
    (``help_usage``, ``help_positionals``, ``help_options``, ``help_help``),
    and Chinese help is wrapped by terminal columns (:class:`_WideHelpFormatter`).
    """

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        from avzone.i18n import text

        if lang == "zh":
            kwargs.setdefault("formatter_class", _WideHelpFormatter)
        kwargs["add_help"] = False  # -h is added below, its help in lang
        super().__init__(*args, **kwargs)
        self.help_lang = lang
        self._positionals.title = text("help_positionals", lang)
        self._optionals.title = text("help_options", lang)
        self.add_argument("-h", "--help", action="help", help=text("help_help", lang))

    def format_help(self) -> str:
        from avzone.i18n import text

        written = super().format_help()
        if self.help_lang == "zh":  # the group headings end in a full-width colon, as Chinese text does
            titles = {f"{g.title}:" for g in self._action_groups if g.title}
            lines = written.split("\n")
            written = "\n".join(f"{ln[:-1]}：" if ln in titles else ln for ln in lines)
        return _usage_prefixed(written, text("help_usage", self.help_lang))

    def format_usage(self, lang: str | None = None) -> str:
        """The usage line(s), headed in ``lang`` (default: the language of the help)."""
        from avzone.i18n import text

        usage = super().format_usage()
        lines = usage.rstrip("\n")
        return _usage_prefixed(lines, text("help_usage", lang or self.help_lang)) + usage[len(lines) :]

    def error(self, message: str) -> NoReturn:
        from avzone.i18n import default_lang, usage_text, written

        lang = _ARGV_LANG.get() or default_lang()
        self._print_message(self.format_usage(lang), sys.stderr)
        pair = _locate_one_pair(_ARGV.get()) if message.startswith("argument --locate: ") else None
        said = written(pair, lang) if pair is not None else usage_text(message, lang)
        self.exit(EXIT_USAGE, f"{error_prefix(lang)}{said}\n")


def _locate_one_pair(argv: Sequence[str] | None) -> Message | None:
    """The refusal of ``map --locate 116.48,39.99``, one value holding the point's two (as a map app copies a
    point), which argparse refuses as too few values: said as ``avzone locate 116.48,39.99`` is, with the option
    to write instead. None when no ``--locate`` of ``argv`` is followed by such a value alone."""
    from avzone.points import number_text

    tokens = list(argv or ())
    for i, token in enumerate(tokens):
        if token.startswith("--locate="):  # (--locate=116.48,39.99: the value after its =)
            value = token.partition("=")[2]
        else:
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            alone = after is None or (after.startswith("-") and number_text(after) is None)  # (an option, or the end)
            value = tokens[i + 1] if token == "--locate" and i + 1 < len(tokens) and alone else ""
        if (pair := _one_pair(value)) is not None:
            return Message("err_map_locate_one_pair", given=Quoted.of(value), lon=pair[0], lat=pair[1])
    return None


def error_prefix(lang: str) -> str:
    """What starts the line of an error, in the error's language: ``avzone: error: `` (argparse's own frame, as
    English has it), ``avzone: 错误：`` in Chinese."""
    from avzone.i18n import text

    return text("error_prefix", lang)


#: argparse's prefix of the usage line.
_ARGPARSE_USAGE = "usage: "

#: Characters a line does not start with (they close what comes before them); after _OPENING, no line ends.
_NO_LINE_START = frozenset("，。；：、）」』》”’！？)]}")
_OPENING = frozenset("（「『《“‘([{")


def _usage_prefixed(help_text: str, prefix: str) -> str:
    """argparse's ``help_text`` with ``prefix`` in place of "usage: ", the usage's further lines kept aligned."""
    if prefix == _ARGPARSE_USAGE or not help_text.startswith(_ARGPARSE_USAGE):
        return help_text
    usage, blank, rest = help_text.partition("\n\n")
    first, *more = usage.split("\n")
    shift = _width(prefix) - len(_ARGPARSE_USAGE)  # argparse indents the further lines under the first's words
    more = [line[-shift:] if shift < 0 else " " * shift + line for line in more]
    return "\n".join([prefix + first.removeprefix(_ARGPARSE_USAGE), *more]) + blank + rest


def _wrap_wide(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns, broken at spaces or next to a Chinese character.

    Whitespace is collapsed as argparse does; a Chinese character takes two
    columns; a run of narrow characters (an option, a number, a file name)
    is never broken, and closing punctuation never starts a line. A piece
    wider than ``width`` gets a line of its own.

    >>> _wrap_wide("默认 EPSG:4326，或 --crs", 12)
    ['默认', 'EPSG:4326，', '或 --crs']
    """
    pieces: list[tuple[str, bool]] = []  # (a piece no line break splits, whether a space comes before it)
    spaced = False
    for ch in " ".join(text.split()):
        if ch == " ":
            spaced = True
            continue
        last = pieces[-1][0][-1] if pieces else ""
        joined = (
            not spaced
            and bool(last)
            and (last in _OPENING or ch in _NO_LINE_START or (_width(last) == 1 and _width(ch) == 1))
        )
        if joined:
            pieces[-1] = (pieces[-1][0] + ch, pieces[-1][1])
        else:
            pieces.append((ch, spaced))
        spaced = False
    lines: list[str] = []
    line, used = "", 0
    for piece, space in pieces:
        sep = " " if space and line else ""
        wide = _width(piece)
        if line and used + len(sep) + wide > width:
            lines.append(line)
            line, used = piece, wide
        else:
            line, used = line + sep + piece, used + len(sep) + wide
    return [*lines, line] if line else lines


class _WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout for Chinese text: lines wrapped by terminal columns (:func:`_wrap_wide`)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap_wide(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap_wide(text, width - len(indent)))


def _print_json(obj: Any) -> None:
    sys.stdout.write(_json_text(obj))
    sys.stdout.write("\n")


def _json_text(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default)``, the same text, several times faster.

    The standard library's indented encoder is pure Python and slow for the
    hundreds of thousands of results of a large ``avzone check --json``; this
    one writes the same characters (strings through json's own C escaper).
    """
    from json.encoder import encode_basestring

    out: list[str] = []
    write = out.append

    def number(v: float) -> str:
        if v != v:
            return "NaN"
        if v in (math.inf, -math.inf):
            return "Infinity" if v > 0 else "-Infinity"
        return float.__repr__(v)

    def key_text(k: Any) -> str:
        if isinstance(k, str):
            return encode_basestring(k)
        if k is True or k is False or k is None:
            return encode_basestring(json.dumps(k))
        if isinstance(k, int):
            return encode_basestring(int.__repr__(k))
        if isinstance(k, float):
            return encode_basestring(number(k))
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")

    def enc(o: Any, level: int) -> None:
        if isinstance(o, str):
            write(encode_basestring(o))
        elif o is None:
            write("null")
        elif o is True:
            write("true")
        elif o is False:
            write("false")
        elif isinstance(o, int):
            write(int.__repr__(o))
        elif isinstance(o, float):
            write(number(o))
        elif isinstance(o, (list, tuple)):
            if not o:
                write("[]")
                return
            inner = "\n" + "  " * (level + 1)
            write("[")
            for i, v in enumerate(o):
                write(inner if i == 0 else "," + inner)
                enc(v, level + 1)
            write("\n" + "  " * level + "]")
        elif isinstance(o, dict):
            if not o:
                write("{}")
                return
            inner = "\n" + "  " * (level + 1)
            write("{")
            for i, (k, v) in enumerate(o.items()):
                write(inner if i == 0 else "," + inner)
                write(key_text(k))
                write(": ")
                enc(v, level + 1)
            write("\n" + "  " * level + "}")
        else:
            enc(_json_default(o), level)

    enc(obj, 0)
    return "".join(out)


def _json_default(obj: Any) -> Any:
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese (East Asian wide and full-width) characters take two."""
    if text.isascii():  # no wide characters: one column each (most cells; a table may have 200,000 rows)
        return len(text)
    import re
    import unicodedata

    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in re.findall(r"[^\x00-\x7f]", text))
    return len(text) + wide


def _table(rows: list[list[str]], header: list[str]) -> str:
    from avzone.i18n import printable

    # (a cell's text from the dataset, a name or a detail, with any character that is not printable escaped, as a
    # message writes a text it echoes: a line break or an escape sequence in a name breaks no row, moves no cursor)
    columns = [[printable(str(c)) for c in col] for col in zip(header, *rows)]
    # each cell measured once; a column of plain ASCII (most, in a large table) by its lengths
    sizes = [list(map(len if "".join(col).isascii() else _width, col)) for col in columns]
    widths = [max(s) for s in sizes]
    # a cell takes `width` terminal columns; ljust counts characters, so wide characters get their extra column
    padded = [[c.ljust(w + len(c) - n) for c, n in zip(col, s)] for col, s, w in zip(columns, sizes, widths)]
    lines = ["  ".join(r).rstrip() for r in zip(*padded)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _lang(args: argparse.Namespace) -> str:
    """The language of the sentences printed: --lang, else the locale's (:func:`avzone.i18n.default_lang`)."""
    from avzone.i18n import resolve_lang

    return resolve_lang(getattr(args, "lang", None))


def _refuse_unused(args: argparse.Namespace, options: Sequence[str], key: str) -> None:
    """Refuse the first of ``options`` written on the command line: in this command it would have no effect.

    The message is the catalogue message ``key`` (:mod:`avzone.i18n`, a
    ``refuse_`` key) with the option in its ``{option}`` field: it names the
    option, says where it applies and what to do instead, e.g. "--max-gap-s
    is for --track (add --track FILE, or leave it out)", in English or
    Chinese. An option left at its default is not written, so never refused;
    a namespace built without :func:`main` (no record of what was written)
    refuses nothing.
    """
    given: frozenset[str] = getattr(args, "given_options", frozenset())
    for name in options:
        if name in given:
            raise AvzoneError(Message(key, option=name))


def given_options(argv: Sequence[str] | None = None) -> frozenset[str]:
    """The options written in ``argv`` (long names: ``--output`` for ``-o``), not those left at their defaults.

    argparse fills every option not written with its default; parsed again
    with no defaults, only the written ones are set.
    """
    parser = build_parser()
    commands: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands = dict(action.choices)
    for p in (parser, *commands.values()):
        for action in p._actions:
            if action.option_strings:
                action.default = argparse.SUPPRESS
    written = parser.parse_args(argv)
    command = commands.get(getattr(written, "command", ""), parser)
    return frozenset(
        max(a.option_strings, key=len)
        for a in (*parser._actions, *command._actions)
        if a.option_strings and hasattr(written, a.dest)
    )


def _load(args: argparse.Namespace) -> Model:
    from avzone.model import load

    return load(args.data)


# -- check / area -----------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from avzone.dataset import gc_paused

    with gc_paused():  # a large dataset's millions of objects: no full collections while it is checked and printed
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from avzone.i18n import text, written
    from avzone.model import load

    lang = _lang(args)
    model = load(args.data, strict=False)  # unusable values and geometries become failing checks
    results = model.check()
    ok = all(r.ok for r in results)
    if args.json:
        from avzone.checks import report

        _print_json(report(results, lang))
    else:
        passed, failed = text("check_ok", lang), text("check_fail", lang)
        names = {name: text(key, lang) for name, key in _CHECK_NAMES.items()}
        rows = [
            [passed if r.ok else failed, names.get(r.name, r.name), written(r.subject, lang), written(r.detail, lang)]
            for r in results
        ]
        print(text("check_header", lang, name=model.name, folder=model.folder))
        print(_table(rows, text("check_columns", lang).split("|")))
        failures = sum(not r.ok for r in results)
        print("\n" + text("check_totals", lang, passed=len(results) - failures, failed=failures))
    return EXIT_OK if ok else EXIT_FAILED


#: The catalogue key of each check's name (``CheckResult.name``), for the table of ``avzone check``.
_CHECK_NAMES = {
    "manifest": "check_name_manifest",
    "schema": "check_name_schema",
    "geometry": "check_name_geometry",
    "area": "check_name_area",
    "containment": "check_name_containment",
    "hubs": "check_name_hubs",
    "cross-check": "check_name_cross_check",
    "districts": "check_name_districts",
    "routes": "check_name_routes",
    "timeline": "check_name_timeline",
}


def area_rows(model: Model) -> list[dict[str, Any]]:
    """Each zone layer's geodesic area beside its nominal area."""
    rows = []
    for lid in model.zone_layers:
        info = model.layer_info(lid)
        rows.append(
            {
                "id": lid,
                "area_km2": round(model.area_km2(lid), 3),
                "nominal_km2": info.nominal_area_km2,
                "tolerance_pct": info.area_tolerance_pct,
                "title_en": info.get("title_en", lid),
            }
        )
    return rows


def district_rows(model: Model) -> list[dict[str, Any]]:
    """Each zone layer's geodesic area split by Beijing district (km², 3 decimals)."""
    from avzone.districts import name_zh

    rows = []
    for lid in model.zone_layers:
        parts = model.districts(lid)
        rows.append(
            {
                "id": lid,
                "area_km2": round(model.area_km2(lid), 3),
                "districts": [
                    {"district": name, "name_zh": name_zh(name), "area_km2": round(km2, 3)}
                    for name, km2 in parts.items()
                ],
            }
        )
    return rows


def parts_shown(parts: Sequence[float], total: float) -> list[str]:
    """``parts`` of ``total`` (km²) written to 0.1 so that those shown add up to ``total`` as shown: each rounded
    down or up (within 0.1 of its value), the ones with the largest remainders up, as many as the total needs
    (each part rounded on its own, 22.563 + 37.365 read 22.6 + 37.4 beside a total of 59.9). When no such
    choice makes the total (parts leaving out more than rounding: area outside every part), each is rounded on
    its own. A part of some area that would be written 0.0 is written ``<0.1`` (:func:`km2_shown`): never as
    nothing, and counting as 0.0 in the sum.

    >>> parts_shown([22.563, 37.365], 59.928), parts_shown([2.3, 1.2], 3.5), parts_shown([0.04, 0.04], 0.08)
    (['22.5', '37.4'], ['2.3', '1.2'], ['0.1', '<0.1'])
    """
    scaled = [round(v * 10, 6) for v in parts]  # (2.3 * 10 is 22.999999999999996)
    tenths = [math.floor(v) for v in scaled]
    need = round(total * 10) - sum(tenths)
    if not 0 <= need <= len(parts):
        return [km2_shown(v) for v in parts]
    up = sorted(range(len(parts)), key=lambda i: scaled[i] - tenths[i], reverse=True)[:need]
    for i in up:
        tenths[i] += 1
    return ["<0.1" if t == 0 and v > 0 else f"{t / 10:,.1f}" for t, v in zip(tenths, parts)]


def km2_shown(km2: float) -> str:
    """An area (km², not negative) to 0.1, grouped; ``<0.1`` for one of some area that would be written 0.0.

    >>> km2_shown(1234.56), km2_shown(0.03), km2_shown(0.0), km2_shown(0.05)
    ('1,234.6', '<0.1', '0.0', '0.1')
    """
    text = f"{km2:,.1f}"
    return "<0.1" if km2 > 0 and text == "0.0" else text


def cmd_area(args: argparse.Namespace) -> int:
    model = _load(args)
    if args.by == "district":
        drows = district_rows(model)
        if args.json:
            _print_json({"layers": drows})
            return EXIT_OK
        from avzone.i18n import layer_title, text

        lang = _lang(args)
        print(text("area_district_header", lang))
        for r in drows:
            sep, key = ("、", "name_zh") if lang == "zh" else (", ", "district")
            shown = parts_shown([d["area_km2"] for d in r["districts"]], r["area_km2"])  # (adding up to the total)
            parts = sep.join(f"{d[key] or d['district']} {km2} km²" for d, km2 in zip(r["districts"], shown))
            layer = layer_title(model, r["id"], lang) if lang == "zh" else r["id"]  # (in Chinese its title)
            print(text("area_district_row", lang, layer=layer, parts=parts, total=f"{r['area_km2']:,.1f}"))
        return EXIT_OK
    rows = area_rows(model)
    if args.json:
        _print_json({"layers": [{k: r[k] for k in ("id", "area_km2", "nominal_km2")} for r in rows]})
        return EXIT_OK
    from avzone.i18n import layer_title, plain_figure, signed_percent, text

    lang = _lang(args)
    table = []
    for r in rows:
        nominal = r["nominal_km2"]
        dev = f"{signed_percent((r['area_km2'] - nominal) / nominal * 100)} %" if nominal else "-"
        title = layer_title(model, r["id"], lang)
        table.append([r["id"], f"{r['area_km2']:,.2f}", plain_figure(nominal) if nominal else "-", dev, title])
    print(text("area_header", lang))
    print(_table(table, text("area_columns", lang).split("|")))
    return EXIT_OK


# -- locate -------------------------------------------------------------------
def _float_arg(text: str, name: str) -> float | str:
    from avzone.points import number_text, number_why  # (the one rule of coordinates written as text)

    number = number_text(text)
    if number is None:
        dash = number_why(text)  # (an en dash for '-', a hemisphere letter, degrees and minutes...: how to write it)
        if dash is not None:
            raise AvzoneError(Message("err_cli_not_a_number_why", name=name, value=text, why=dash))
        raise AvzoneError(Message("err_cli_not_a_number", name=name, value=text))
    if number != number:  # (the text "nan": not finite, as in a file's cell; a NaN number is a missing value)
        return text
    return number


def _one_pair(text: str) -> tuple[str, str] | None:
    """The two numbers of one argument holding both (``116.481488,39.990464``, as Amap and Baidu copy a point; a
    full-width comma or a space between them too), as written; None for anything else."""
    import re

    from avzone.points import number_text

    parts = [p.strip() for p in re.split(r"[,，\s]+", text.strip())]
    if len(parts) == 2 and all(number_text(p) is not None for p in parts):
        return parts[0], parts[1]
    return None


def _check_crs(args: argparse.Namespace) -> None:
    """Refuse an unknown or unusable --crs before loading anything (crs.validate_crs); a .prj or .wkt file
    given is read for its WKT.

    The error names ``--crs``, the value given (the file, for one) and what
    would be right, in every command that takes it: an unknown CRS says
    what --crs takes (an EPSG code, WKT or a .prj / .wkt file of it, a PROJ
    string, gcj02 / bd09 / gcj02merc), one that cannot be used says why.
    """
    from avzone.crs import check_override_crs

    check_override_crs(args.crs, getattr(args, "override_crs", False))  # (nothing to read the files in instead)
    args.crs = _checked_crs(args.crs, "crs")


def _checked_crs(given: str | None, name: str) -> str | None:
    """The CRS option ``name`` (``crs``, or the map's ``points_crs``, ``tracks_crs``, ``locate_crs``: the keyword
    :class:`~avzone.i18n.Option` names) given as ``given``, checked: the WKT of a .prj or .wkt file, else as given;
    an unknown or unusable one refused naming the option (``--points-crs bd9``)."""
    if given is None:
        return None
    from avzone.crs import normalize_crs
    from avzone.errors import CRSError

    text = _crs_file_text(given, name)
    try:
        normalize_crs(text)
    except CRSError as exc:
        raise CRSError(_crs_option_error(given, text != given, exc, name)) from None
    return text


def _crs_option_error(given: str, from_file: bool, exc: Exception, name: str = "crs") -> Message:
    """The error of ``--crs given`` (a .prj / .wkt file when ``from_file``) that :func:`normalize_crs` refused;
    ``name`` the option's keyword when it is another CRS option (the map's ``points_crs``)."""
    error = exc.args[0] if len(exc.args) == 1 else str(exc)
    key = error.key if isinstance(error, Message) else ""
    if key == "err_unknown_crs":
        if from_file:
            return Message("err_cli_crs_file_unknown", option=Option(name), file=given)
        return Message("err_crs_unknown_given", option=Option(name), crs=given)
    shown = given if len(given) <= 60 else given[:57] + "..."  # (WKT given as text: its start)
    return Message("err_cli_crs", option=Option(name), value=shown, error=error)


def _crs_file_text(value: str, name: str = "crs") -> str:
    """The WKT of a --crs (or the CRS option ``name``) naming a .prj or .wkt file (the library's rule:
    :func:`avzone.crs.crs_file`), else the value as it is."""
    from avzone.crs import crs_file, read_crs_file
    from avzone.errors import CRSError

    path = crs_file(value)
    if path is None:
        return value
    try:
        return read_crs_file(path)
    except CRSError as exc:
        said = exc.args[0] if len(exc.args) == 1 else None
        error = said.fields["error"] if isinstance(said, Message) and "error" in said.fields else exc
        raise AvzoneError(Message("err_crs_file", option=Option(name), file=value, error=error)) from None


#: The options of a locate file job, which one point has no use for.
LOCATE_FILE_OPTIONS = (
    "--override-crs",
    "--lon-col",
    "--lat-col",
    "--point-col",
    "--encoding",
    "--delimiter",
    "--layer",
    "--output-encoding",
    "--threads",
    "--engine",
    "--scheduler",
    "--partition-size",
)


#: How many of the values given for LON LAT the refusal of a number other than two quotes (the rest: "…").
POINT_VALUES_SHOWN = 5


def cmd_locate(args: argparse.Namespace) -> int:
    _check_crs(args)
    if args.input or args.output:
        if not (args.input and args.output):
            raise AvzoneError(Message("refuse_input_output"))
        if args.point:
            raise AvzoneError(Message("refuse_point_and_file"))
        _refuse_unused(args, ["--at"], "refuse_at_file_job")
        if args.engine == "dask":  # the Dask engine reads and writes Parquet
            _refuse_unused(args, ["--delimiter"], "refuse_dask_csv_files")
            _refuse_unused(args, ["--layer"], "refuse_dask_layer")
        return _locate_file(_load(args), args)
    _refuse_unused(args, ["--time-col", "--time-unit"], "refuse_time_col_one_point")
    _refuse_unused(args, LOCATE_FILE_OPTIONS, "refuse_file_job_option")
    model = _load(args)
    if len(args.point) == 1 and (pair := _one_pair(args.point[0])) is not None:  # "116.48,39.99" as a map copies it
        raise AvzoneError(Message("err_point_one_pair", given=Quoted.of(args.point[0]), lon=pair[0], lat=pair[1]))
    if len(args.point) != 2:
        if not args.point:
            raise AvzoneError(Message("err_point_args"))
        given: list[Any] = [Quoted.of(v) for v in args.point[:POINT_VALUES_SHOWN]]  # (each cut as a quoted value)
        if len(args.point) > POINT_VALUES_SHOWN:
            given.append("…")
        if len(args.point) == 1:
            raise AvzoneError(Message("err_point_args_one", given=Joined(given, "comma")))
        raise AvzoneError(Message("err_point_args_many", n=len(args.point), given=Joined(given, "comma")))
    lon, lat = (_float_arg(v, n) for v, n in zip(args.point, ("LON", "LAT")))
    loc = _locate_point(model, lon, lat, args.crs, args.at, map_locate=False)
    if args.json:
        _print_json(loc.to_dict(_lang(args)))
    else:
        from avzone.i18n import locate_summary

        colon = "：" if _lang(args) == "zh" else ": "
        print(f"({loc.lon:.6f}, {loc.lat:.6f}) WGS84{colon}{locate_summary(model, loc, _lang(args))}")
    _print_notes(loc.notes, _lang(args))
    return EXIT_OK


def _locate_point(
    model: Model,
    lon: float | str,
    lat: float | str,
    crs: str | None,
    at: str | None,
    *,
    map_locate: bool,
    crs_name: str = "crs",
) -> Any:
    """``model.locate`` of a point of the command line; a point that looks swapped gets the arguments to try:
    ``avzone locate LON LAT`` for ``avzone locate``, ``--locate LON LAT`` for ``avzone map`` (``map_locate``),
    with the CRS option that gave ``crs`` (``crs_name``: ``crs``, or the map's ``locate_crs``)."""
    try:
        return model.locate(lon, lat, crs=crs or "EPSG:4326", at=at)
    except AvzoneError as exc:
        hint = exc.args[0] if len(exc.args) == 1 else None
        if isinstance(hint, Message) and hint.key in ("err_swapped_point", "err_swapped_point_xy"):
            given = f" {OPTION_FLAGS[crs_name]} {crs}" if crs else ""
            raise AvzoneError(
                Message(
                    "err_swapped_locate_try" if map_locate else "err_swapped_point_try",
                    error=hint,
                    lat=lat,
                    lon=lon,
                    crs=given,
                )
            ) from None
        if isinstance(hint, Message) and hint.key == "err_option_value" and hint.fields.get("option") == "at=":
            # (at='s value refused, the month without its day too: --at named instead)
            raise AvzoneError(Message("err_option_value", option="--at", error=hint.fields["error"])) from None
        raise


def _check_engine(args: argparse.Namespace) -> None:
    """Refuse --scheduler and --partition-size without --engine dask, and --threads with it (each would be
    ignored)."""
    if args.engine != "dask":
        _refuse_unused(args, ["--scheduler", "--partition-size"], "refuse_scheduler")
    else:  # the cluster's workers run the partitions, each on threads of its own
        _refuse_unused(args, ["--threads"], "refuse_dask_threads")


def _locate_file(model: Model, args: argparse.Namespace) -> int:
    from avzone.batch import locate_file

    _check_engine(args)
    if args.time_col is None:
        _refuse_unused(args, ["--time-unit"], "refuse_time_unit_no_time_col")
    if args.engine == "dask":
        from avzone.distributed import locate_parquet_dask

        _refuse_unused(args, ["--encoding", "--output-encoding"], "refuse_dask_csv_files")

        def run_dask(dst: str | Path) -> Summary:
            return locate_parquet_dask(
                model,
                args.input,
                dst,
                lon_col=args.lon_col,
                lat_col=args.lat_col,
                point_col=args.point_col,
                crs=args.crs,
                override_crs=args.override_crs,
                scheduler=args.scheduler,
                time_col=args.time_col,
                time_unit=args.time_unit,
                partition_size=args.partition_size,
            )

        # a folder of parts, put in place when complete (a URL: written under a temporary name, then moved)
        summary = run_dask(args.output)
    else:  # written beside the target and renamed into place only when the whole job succeeded
        summary = locate_file(
            model,
            args.input,
            args.output,
            lon_col=args.lon_col,
            lat_col=args.lat_col,
            point_col=args.point_col,
            crs=args.crs,
            override_crs=args.override_crs,
            threads=args.threads,
            encoding=args.encoding,
            delimiter=args.delimiter,
            output_encoding=args.output_encoding,
            time_col=args.time_col,
            time_unit=args.time_unit,
            layer=args.layer,
        )
    print(summary.text(_lang(args)), file=sys.stderr)
    if args.json:
        _print_json(summary.to_dict(_lang(args)))
    return EXIT_OK


# -- events -------------------------------------------------------------------
def cmd_events(args: argparse.Namespace) -> int:
    from avzone.tracks import events_file

    _check_engine(args)
    _check_crs(args)
    if args.engine == "dask":
        _refuse_unused(args, ["--input-format", "--annotate", "--output-encoding"], "refuse_dask_local_only")
        _refuse_unused(args, ["--encoding", "--delimiter"], "refuse_dask_csv")
        _refuse_unused(args, ["--layer"], "refuse_dask_layer")
        _refuse_unused(args, ["--chunk-rows"], "refuse_dask_chunk_rows")
        return _events_dask(_load(args), args)
    if args.input_format == "tdrive":
        _refuse_unused(args, TDRIVE_IMPLIED_OPTIONS, "refuse_tdrive_columns")
    _hint_tdrive(args.input, args.input_format)
    model = _load(args)
    report = events_file(
        model,
        args.input,
        args.output,
        id_col=args.id_col,
        time_col=args.time_col,
        lon_col=args.lon_col,
        lat_col=args.lat_col,
        point_col=args.point_col,
        crs=args.crs,
        override_crs=args.override_crs,
        summary=args.summary,
        annotate=args.annotate,
        max_gap_s=args.max_gap_s,
        max_gap_m=args.max_gap_m,
        zones=_zones(model, args),
        threads=args.threads,
        encoding=args.encoding,
        delimiter=args.delimiter,
        output_encoding=args.output_encoding,
        input_format=args.input_format,
        time_unit=args.time_unit,
        layer=args.layer,
        **({} if args.chunk_rows is None else {"chunk_rows": args.chunk_rows}),  # (else the job's default)
    )
    print(report.text(_lang(args)), file=sys.stderr)
    if args.json:
        _print_json(report.to_dict(_lang(args)))
    return EXIT_OK


def _zones(model: Model, args: argparse.Namespace) -> list[str] | None:
    """--zones as the list of layers to follow; None (every one) when it is not given.

    ``--zones ""`` (an empty shell variable) names no layer: refused, not taken as every layer. A layer
    that is not a zone layer, or given twice, is refused with --zones named (:func:`avzone.events.follow_zones`).
    """
    from avzone.events import follow_zones

    if args.zones is None:
        return None
    if not args.zones.strip():
        raise AvzoneError(Message("err_cli_zones_empty", value=args.zones, zones=Joined(model.zone_layers, "comma")))
    zones = args.zones.split(",")
    try:
        follow_zones(model, zones)
    except AvzoneError as exc:
        hint = exc.args[0] if len(exc.args) == 1 else None
        if isinstance(hint, Message):
            raise AvzoneError(Message("err_option_value", option="--zones", error=hint)) from None
        raise
    return zones


#: The options that T-Drive's fixed columns make moot (--input-format tdrive).
TDRIVE_IMPLIED_OPTIONS = (
    "--id-col",
    "--time-col",
    "--time-unit",
    "--lon-col",
    "--lat-col",
    "--point-col",
    "--encoding",
    "--delimiter",
    "--override-crs",  # (T-Drive lines declare no CRS to override: --crs alone applies)
)


def _events_dask(model: Model, args: argparse.Namespace) -> int:
    from avzone.distributed import events_parquet_dask

    def run(dst: str | Path) -> Any:
        return events_parquet_dask(
            model,
            args.input,
            dst,
            id_col=args.id_col,
            time_col=args.time_col,
            lon_col=args.lon_col,
            lat_col=args.lat_col,
            point_col=args.point_col,
            crs=args.crs,
            override_crs=args.override_crs,
            summary=args.summary,
            max_gap_s=args.max_gap_s,
            max_gap_m=args.max_gap_m,
            zones=_zones(model, args),
            scheduler=args.scheduler,
            time_unit=args.time_unit,
            partition_size=args.partition_size,
        )

    # a local folder of parts (or a .gpkg file) and the --summary file, renamed into place together when both are
    # complete
    report = run(args.output)
    print(report.text(_lang(args)), file=sys.stderr)
    if args.json:
        _print_json(report.to_dict(_lang(args)))
    return EXIT_OK


# -- growth -----------------------------------------------------------------
def cmd_growth(args: argparse.Namespace) -> int:
    from avzone.growth import PART_MIN_KM2, default_stages, growth, growth_chart, reported_elsewhere

    model = _load(args)
    if len(args.stages) not in (0, 2):
        raise AvzoneError(Message("err_growth_stages"))
    from_id, to_id = args.stages if args.stages else default_stages(model)
    g = growth(model, from_id, to_id)
    chart = None
    if args.chart:
        with atomic_output(args.chart) as tmp:  # (in a folder that exists, as every command's output)
            # the format of the name given, PNG when it has no extension (tmp's would be the temporary name's);
            # one matplotlib cannot write is refused by growth_chart, naming the file (tmp reworded as args.chart)
            image_format = Path(args.chart).suffix.lstrip(".").lower() or "png"
            growth_chart(model, tmp, lang=_lang(args), image_format=image_format)
        chart = Path(args.chart)
    if args.json:
        _print_json(g.to_dict())
    else:
        from avzone.i18n import Named, layer_title, plain_figure, printable, signed_figure, signed_percent, text

        lang = _lang(args)
        # the layers by their ids in English, by their titles in Chinese (title_zh), as the timeline names stages
        named_from, named_to = (Named(x, layer_title(model, x, "zh")) for x in (from_id, to_id))
        sizes = {
            "a": named_from,
            "b": named_to,
            "from_km2": f"{g.from_km2:,.1f}",
            "to_km2": f"{g.to_km2:,.1f}",
            "added": signed_figure(g.added_km2),  # (signed: growth from a later layer to an earlier one shrinks)
        }
        if g.ratio is None or g.percent is None:  # (from a layer with no area: no ratio)
            print(text("growth_line_from_nothing", lang, **sizes))
        else:
            print(text("growth_line", lang, **sizes, ratio=f"{g.ratio:,.2f}", pct=signed_percent(g.percent, 0)))
        # the parts less the area removed make the growth: shown so that they add up to it as shown, a part of some
        # area never as +0.0 (parts_shown)
        removed = g.removed_km2 if g.removed_km2 >= PART_MIN_KM2 else 0.0
        total = round(g.added_km2, 1) + round(removed, 1)
        for p, km2 in zip(g.parts, parts_shown([p["added_km2"] for p in g.parts], total)):
            name = (p["name_zh"] if lang == "zh" else None) or p["name_en"] or p["id"]
            name = name or text("growth_part_unnamed", lang, layer=named_to)
            print(f"  {printable(name)}{'：' if lang == 'zh' else ': '}+{km2} km²")  # (the dataset's name, escaped)
        if removed:  # (from a layer that the later one does not hold all of)
            print("  " + text("growth_removed", lang, a=named_from, b=named_to, km2=km2_shown(removed)))
        rows = []
        for s in g.timeline:
            rows.append(
                [
                    s.date,
                    s.name(lang),
                    s.layer or "-",
                    plain_figure(s.nominal_km2) if s.nominal_km2 else "-",
                    f"{s.area_km2:,.1f}" if s.area_km2 is not None else "-",
                    plain_figure(s.reported_km2) if s.reported_km2 else "-",
                    text("per_year", lang, pct=signed_percent(s.cagr_pct, 0)) if s.cagr_pct is not None else "-",
                    text("per_year", lang, pct=signed_percent(s.cagr_since_first_pct, 0))
                    if s.cagr_since_first_pct is not None
                    else "-",
                ]
            )
        if not rows:  # (a dataset with no timeline: said, not an empty table)
            print("\n" + text("growth_timeline_none", lang))
            return EXIT_OK
        print("\n" + text("growth_timeline", lang))
        print(_table(rows, text("growth_columns", lang).split("|")))
        elsewhere = Joined([s.name(lang) for s in reported_elsewhere(g.timeline)], "comma")
        other = text("growth_legend_reported_other", lang, stages=elsewhere) if elsewhere else ""
        print(text("growth_legend", lang) + other)  # (the outlook named where the dataset reports one)
        notes = [(s, s.note_text(lang)) for s in g.timeline]
        if any(note for _, note in notes):
            print("\n" + text("growth_notes", lang))
            for s, note in notes:
                if note:
                    print(text("growth_note", lang, date=s.date, stage=s.name(lang), note=note))
    if chart is not None:
        from avzone.i18n import text

        print(text("chart_written", _lang(args), path=chart), file=sys.stderr)
    return EXIT_OK


# -- map --------------------------------------------------------------------
def cmd_map(args: argparse.Namespace) -> int:
    from avzone.batch import read_points
    from avzone.i18n import option_renamed, text
    from avzone.maps import check_map_name, save_map

    _check_map_options(args)  # (an option the map has no use for is said first: --crs without a file or --locate)
    crs = _map_crs(args)
    from avzone._atomic import check_target

    for source in (args.points, args.track):  # neither input may be overwritten by the map
        check_target(args.output, input_path=source)
    check_map_name(args.output)  # (before any input is read, as save_map checks it)
    lang = _lang(args)
    located = None
    if args.locate:  # (before any file is read)
        located = [(_float_arg(a, "--locate LON"), _float_arg(b, "--locate LAT")) for a, b in args.locate]
    model = _load(args)
    for lon, lat in located or []:  # a point --locate cannot mark: said before any file is read
        with option_renamed("crs", crs["locate"][1]):  # (its hints name the option that gave its CRS)
            _locate_point(model, lon, lat, crs["locate"][0], None, map_locate=True, crs_name=crs["locate"][1])
    points = None
    if args.points:
        # (a refusal of its CRS, or of a file of several layers, names the option that gave it)
        with option_renamed("crs", crs["points"][1]), option_renamed("layer", "points_layer"):
            table = read_points(
                args.points,
                lon_col=args.lon_col,
                lat_col=args.lat_col,
                point_col=args.point_col,
                crs=crs["points"][0],
                override_crs=args.override_crs and crs["points"][0] is not None,  # (for the files given a CRS)
                model=model,
                encoding=_map_csv_option(args, args.points, args.encoding),
                delimiter=_map_csv_option(args, args.points, args.delimiter),
                layer=args.points_layer,
            )
        _print_read(args.points, table.attrs, lang)
        good = table["status"] == "ok"
        if (~good).any():
            bad, total = f"{int((~good).sum()):,}", f"{len(table):,}"
            print(text("rows_not_drawn", lang, bad=bad, total=total, file=args.points), file=sys.stderr)
        # every row, the unusable ones without coordinates: the map's note counts them as not drawn
        points = table[["lon", "lat"]].astype(float).reset_index(drop=True)
        points.loc[~good.to_numpy(), ["lon", "lat"]] = math.nan
    tracks = _map_tracks(model, args, lang, *crs["track"]) if args.track else None
    if tracks is not None and tracks.parts.empty:  # (an empty file, or no vehicle with two usable fixes)
        print(text("track_none", lang, file=args.track, rows=f"{len(tracks.rows):,}"), file=sys.stderr)
    if tracks is not None and (in_force := tracks.zone_in_force_note(model, lang)):  # (the legend says it too)
        print(text("note", lang, note=in_force), file=sys.stderr)
    max_vertices = args.max_track_vertices
    if tracks is not None and (thinning := tracks.thinning(max_vertices)) is not None:
        key = f"track_vertices_{thinning.case}"
        total, limit = f"{tracks.vertices:,}", f"{max_vertices:,}"
        print(text(key, lang, file=args.track, total=total, limit=limit, **thinning.said()), file=sys.stderr)
    max_markers = args.max_track_markers
    if tracks is not None and len(shown := tracks.shown_markers(max_markers)) < len(tracks.markers):
        vehicles, kept = tracks.markers["id"].nunique(), tracks.markers["id"].iloc[shown].nunique()
        total, limit = f"{len(tracks.markers):,}", f"{max_markers:,}"
        counts = {"shown": f"{len(shown):,}", "kept": f"{kept:,}", "vehicles": f"{vehicles:,}"}
        print(text("track_markers_capped", lang, file=args.track, total=total, limit=limit, **counts), file=sys.stderr)
    path = Path(args.output)
    with atomic_output(path) as tmp:  # (the inputs were refused as the output above)
        save_map(
            model,
            tmp,
            tiles=args.tiles,
            offline=args.offline,
            points=points,
            locate=located,
            locate_crs=crs["locate"][0],
            show_stages=args.stages,
            max_points=args.max_points,  # (None: every point, as --max-points all says)
            lang=lang,
            base=not args.no_base,
            tracks=tracks,
            max_track_vertices=max_vertices,
            max_track_markers=max_markers,
        )
    size = f"{path.stat().st_size / 1024:,.0f}"
    extra = ""
    if args.offline:  # (tiles asked for still come from the network: the page is not all there offline)
        tiles = {"osm": "OpenStreetMap", "amap": text("tiles_amap", lang)}.get(args.tiles or "none")
        extra = text("self_contained_but_tiles", lang, tiles=tiles) if tiles else text("self_contained", lang)
    print(text("map_written", lang, path=path, size=size, extra=extra))
    return EXIT_OK


#: The options of avzone map that only --track uses.
MAP_TRACK_OPTIONS = (
    "--id-col",
    "--time-col",
    "--time-unit",
    "--track-zone",
    "--max-gap-s",
    "--max-gap-m",
    "--max-track-vertices",
    "--max-track-markers",
    "--input-format",
    "--track-crs",
    "--track-layer",
)

#: The options of avzone map that only --points and --track use.
MAP_FILE_OPTIONS = ("--override-crs", "--lon-col", "--lat-col", "--point-col", "--encoding", "--delimiter")

#: The inputs of avzone map (the ``dest`` of their options) and the option giving each its own CRS, with the keyword
#: messages name it by (:data:`avzone.i18n.OPTION_FLAGS`). ``--crs`` is the CRS of those not given one of their own.
MAP_CRS_OPTIONS = (
    ("points", "--points-crs", "points_crs"),
    ("track", "--track-crs", "tracks_crs"),
    ("locate", "--locate-crs", "locate_crs"),
)


def _hint_tdrive(path: str, input_format: str | None) -> None:
    """A folder or a ``.txt`` file of T-Drive lines given as fixes without ``--input-format``: say that T-Drive needs
    it (:func:`avzone._tdrive.hint_tdrive`). Another folder or ``.txt`` file goes on to be refused as what it is, by
    the job reading it: a folder of Parquet parts with the Dask engine's advice, no T-Drive hint."""
    from avzone._tdrive import hint_tdrive

    if input_format is None:
        hint_tdrive(path, Option("input_format", "tdrive"))


def _check_map_options(args: argparse.Namespace) -> None:
    """Refuse the options of --points, --track and --locate when the map draws none of them."""
    if not args.track:
        _refuse_unused(args, MAP_TRACK_OPTIONS, "refuse_map_track")
    if not args.points:
        _refuse_unused(args, ["--max-points", "--points-crs", "--points-layer"], "refuse_map_points")
    if not args.locate:
        _refuse_unused(args, ["--locate-crs"], "refuse_map_locate")
    if not (args.points or args.track):
        _refuse_unused(args, MAP_FILE_OPTIONS, "refuse_map_files")
    if not (args.points or args.track or args.locate):
        _refuse_unused(args, ["--crs"], "refuse_map_crs")
    inputs = [(flag, getattr(args, f"{which}_crs")) for which, flag, _ in MAP_CRS_OPTIONS if getattr(args, which)]
    if args.crs is not None and inputs and all(own is not None for _, own in inputs):  # (--crs would be used for none)
        raise AvzoneError(Message("refuse_map_crs_unused", option="--crs", own=Joined([f for f, _ in inputs], "comma")))
    if args.track and args.input_format == "tdrive":  # T-Drive's columns are fixed: the file options are --points'
        implied = TDRIVE_IMPLIED_OPTIONS[:3] if args.points else TDRIVE_IMPLIED_OPTIONS
        _refuse_unused(args, implied, "refuse_tdrive_columns")


def _map_crs(args: argparse.Namespace) -> dict[str, tuple[str | None, str]]:
    """The CRS of each input of avzone map (``points``, ``track``, ``locate``), checked (:func:`_checked_crs`), and
    the keyword of the option messages about it name: its own option when given, else ``--crs``; when neither is
    given, its own when the map has other inputs too (a hint to give ``--crs gcj02`` would move them all).

    ``--override-crs`` is refused when neither file has a CRS given to read it in instead of the declared one.
    """
    given = {"crs": _checked_crs(args.crs, "crs")}
    for which, _, name in MAP_CRS_OPTIONS:
        given[which] = _checked_crs(getattr(args, f"{which}_crs"), name)
    present = [which for which, _, _ in MAP_CRS_OPTIONS if getattr(args, which)]
    crs: dict[str, tuple[str | None, str]] = {}
    for which, _, name in MAP_CRS_OPTIONS:
        own = given[which]
        if own is not None:
            crs[which] = (own, name)
        elif given["crs"] is not None or present == [which]:
            crs[which] = (given["crs"], "crs")
        else:
            crs[which] = (None, name)
    if args.override_crs and all(crs[which][0] is None for which in ("points", "track") if getattr(args, which)):
        from avzone.errors import CRSError

        raise CRSError(Message("err_map_override_crs_alone"))
    return crs


def _map_csv_option(args: argparse.Namespace, path: str, value: str | None) -> str | None:
    """``--encoding`` or ``--delimiter`` (``value``) for map's file ``path`` (``--points`` or ``--track``):
    given to the CSV files among them.

    With a CSV file and a file of another format (Parquet, GeoJSON, T-Drive
    folders) the option applies to the CSV one; when neither is CSV, each
    reader gets it and refuses it, naming its file.
    """
    from avzone.batch import FORMATS

    if value is None:
        return None
    files = [f for f in (args.points, None if args.input_format == "tdrive" else args.track) if f]
    csv = [f for f in files if FORMATS.get(Path(f).suffix.lower()) == "csv"]
    return value if not csv or path in csv else None


def _print_notes(notes: Any, lang: str) -> None:
    """To stderr: an answer's notes (a CRS converted without its datum shift), as a file job's summary words them."""
    from avzone.i18n import text

    for note in notes:
        print(text("note", lang, note=note), file=sys.stderr)


def _print_read(path: str, attrs: Mapping[Any, Any], lang: str) -> None:
    """To stderr: the text encoding a file of points or fixes was read in, its delimiter (when not a comma),
    and the reader's notes."""
    from avzone.batch import delimiter_label
    from avzone.i18n import text

    if attrs.get("encoding"):
        key = "read_as_detected" if attrs.get("encoding_detected") else "read_as"
        print(text(key, lang, file=path, encoding=attrs["encoding"]), file=sys.stderr)
    if attrs.get("delimiter") not in (None, ","):
        key = "read_delimiter_detected" if attrs.get("delimiter_detected") else "read_delimiter"
        print(text(key, lang, file=path, delimiter=delimiter_label(attrs["delimiter"])), file=sys.stderr)
    for note in attrs.get("notes", []):
        print(text("note", lang, note=note), file=sys.stderr)


def _map_tracks(model: Model, args: argparse.Namespace, lang: str, crs: str | None, crs_name: str) -> Any:
    """The fixes of ``--track FILE`` in ``crs`` (given by option ``crs_name``: ``crs`` or ``tracks_crs``), split at
    the zone's edge; every row not in a track is counted by status, naming its first rows by number. Where in the
    file those rows and the rows of the event markers drawn are (a CSV file's lines, a T-Drive row's file and line)
    is looked up for them alone (:attr:`avzone.maps.Tracks.row_lines`)."""
    import dataclasses

    from avzone.batch import read_fixes, row_lines
    from avzone.events import status_named
    from avzone.fleet import tdrive_row_lines, tdrive_source
    from avzone.i18n import option_renamed, text
    from avzone.maps import split_tracks

    if args.track_zone is not None and args.track_zone not in model.zone_layers:
        raise AvzoneError(
            Message(
                "err_track_zone",
                option=Option("zone", args.track_zone, quote=True),
                zones=Joined(model.zone_layers, "comma"),
            )
        )
    _hint_tdrive(args.track, args.input_format)
    # (a refusal of its CRS, or of a file of several layers, names the option that gave it)
    with option_renamed("crs", crs_name), option_renamed("layer", "track_layer"):
        if args.input_format == "tdrive":
            fixes = read_fixes(args.track, crs=crs, model=model, source=tdrive_source(args.track, crs=crs))
        else:
            fixes = read_fixes(
                args.track,
                id_col=args.id_col,
                time_col=args.time_col,
                lon_col=args.lon_col,
                lat_col=args.lat_col,
                point_col=args.point_col,
                crs=crs,
                override_crs=args.override_crs and crs is not None,  # (for the files given a CRS)
                model=model,
                encoding=_map_csv_option(args, args.track, args.encoding),
                delimiter=_map_csv_option(args, args.track, args.delimiter),
                layer=args.track_layer,
            )
    _print_read(args.track, fixes.attrs, lang)
    from avzone.batch import time_refusals_named
    from avzone.zonetime import check_time_type, unit_unused

    with time_refusals_named(args.track):  # (a unit for a column of datetimes: named as the file jobs name it)
        check_time_type(fixes["time"].dtype, args.time_col, args.time_unit)
    good = (fixes["status"] == "ok").to_numpy()
    # every row (WGS84 now; the index is the file's row number), those the reader refused without coordinates:
    # not in a track, and counted as such by the map's legend
    every = fixes.copy()
    every.loc[~good, ["lon", "lat"]] = math.nan
    tracks = split_tracks(
        model,
        every,
        id="id",
        time="time",
        zone=args.track_zone,
        max_gap_s=args.max_gap_s,
        max_gap_m=args.max_gap_m,
        time_unit=args.time_unit,
    )
    if (unused := unit_unused(args.time_unit, args.time_col, fixes["time"])) is not None:
        print(text("note", lang, note=unused), file=sys.stderr)  # (a unit no time took, as the file jobs note it)
    # the refused rows' own reasons are the reader's: the legend and stderr name them so, by their row numbers
    statuses = tracks.rows["status"].astype(str).to_numpy(dtype=object)
    statuses[~good] = fixes["status"].to_numpy(dtype=object)[~good]
    rows = tracks.rows.assign(status=statuses)
    numbers = "tdrive" if args.input_format == "tdrive" else "file"
    header_line = fixes.attrs.get("header_line") if numbers == "file" else None  # (a CSV's: rows found by line)
    tracks = dataclasses.replace(tracks, rows=rows, row_numbers=numbers, header_line=header_line)
    rejected = tracks.rejected_rows()
    # the rows stderr and the legend name, and those the drawn event markers' popups name: where they are in the
    # file is found by reading it again, for these rows alone
    markers = tracks.markers.iloc[tracks.shown_markers(args.max_track_markers)]
    in_popups = markers[["row_before", "row_after"]].to_numpy().ravel().tolist()
    named = sorted({int(r) for _, _, first in rejected for r in first} | {int(r) for r in in_popups})
    if named and numbers == "tdrive":
        tracks = dataclasses.replace(tracks, row_lines=dict(tdrive_row_lines(args.track, named)))
    elif named and header_line is not None and fixes.attrs.get("encoding"):
        found = row_lines(
            Path(args.track), fixes.attrs["encoding"], named, fixes.attrs["delimiter"] or ",", header_line - 1
        )
        tracks = dataclasses.replace(tracks, row_lines=dict(found))
    if rejected:
        bad = f"{sum(n for _, n, _ in rejected):,}"
        numbering = tracks.numbering()
        print(
            text("track_rows_not_used", lang, bad=bad, total=f"{len(fixes):,}", file=args.track, numbering=numbering),
            file=sys.stderr,
        )
        for reason, n, first in rejected:
            key = "count_reason_rows_first" if n > len(first) else "count_reason_row" if n == 1 else "count_reason_rows"
            rows_named, where = Joined([str(r) for r in first], "comma"), tracks.rows_where(first)
            reason_named = status_named(reason)
            print(text(key, lang, n=f"{n:,}", reason=reason_named, rows=rows_named, where=where), file=sys.stderr)
    return tracks


def cmd_demo(args: argparse.Namespace) -> int:
    from avzone.growth import chartable, default_stages, growth_chart, same_layer_refusal, timeline
    from avzone.i18n import error_text, text
    from avzone.maps import save_map

    lang = _lang(args)
    out = Path(args.out)
    if not out.is_dir() and not out.parent.is_dir():  # (said before any work; made below, not its parents)
        raise InputError(Message("err_no_folder", file=out, folder=out.parent))
    if out.exists() and not out.is_dir():  # (a file: said before any work too, as make_folder would say it)
        raise InputError(Message("err_folder_is_file", file=out))
    print("== avzone check ==")
    code = cmd_check(argparse.Namespace(data=args.data, json=False, lang=lang))
    print("\n== avzone area ==")
    cmd_area(argparse.Namespace(data=args.data, json=False, by=None, lang=lang))
    print("\n== avzone growth ==")
    model = _load(args)
    first, last = default_stages(model)
    if first == last and first in model.zone_layers:  # (one zone layer: no growth to measure, said as the demo goes on)
        print(error_text(same_layer_refusal(model, first), lang))
    else:
        cmd_growth(argparse.Namespace(data=args.data, json=False, stages=[], chart=None, lang=lang))
    chart, online, offline = out / "growth.png", out / "map.html", out / "map-offline.html"
    charted = chartable(timeline(model))  # (a dataset with no timeline: no chart, said below)
    from avzone._atomic import make_folder

    with atomic_outputs() as outputs:  # the three files are put in place together
        make_folder(out)  # (--out itself is made, as a folder to fill, in a folder that exists)
        if charted:
            growth_chart(model, outputs.add(chart), lang=lang)
        save_map(model, outputs.add(online), lang=lang)
        save_map(model, outputs.add(offline), offline=True, lang=lang)
    print("\n" + text("demo_files", lang))
    print(text("demo_chart", lang, path=chart) if charted else text("demo_chart_none", lang))
    print(text("demo_map", lang, path=online))
    print(text("demo_offline_map", lang, path=offline))
    return code


# -- export -----------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    from avzone.export import export_layer

    _check_crs(args)
    model = _load(args)
    if args.layer not in model.layers:  # (named as the option, as --zones and --track-zone name theirs)
        layers = Joined(model.layers, "comma")
        raise AvzoneError(Message("err_cli_layer", layer=args.layer, dataset=model.name, layers=layers))
    result = export_layer(model, args.layer, args.output, crs=args.crs)
    print(result.text(_lang(args)))
    return EXIT_OK


# -- serve ------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from avzone.service import serve
    except ImportError as exc:
        raise AvzoneError(Message("err_serve_extra", reason=str(exc))) from None
    serve(  # (every address of --host bound before anything loads: avzone.service.listen)
        host=args.host,
        port=args.port,
        data=args.data,
        workers=args.workers,
        max_body_bytes=args.max_body_bytes,
        max_points=args.max_points,
        access_log=args.access_log,
        lang=args.lang,  # (serve --lang zh, avzone --lang zh serve: the pages' language when a request asks for none)
    )
    return EXIT_OK


# -- parser -----------------------------------------------------------------
#: The --lang of the command line being parsed, read ahead of argparse (see :func:`main`), for the errors
#: argparse prints about an option's value; None: the locale's language.
_ARGV_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("avzone_argv_lang", default=None)
#: The command line being parsed, for an error argparse words without the value it refused (see :class:`_Parser`).
_ARGV: contextvars.ContextVar[Sequence[str] | None] = contextvars.ContextVar("avzone_argv", default=None)


#: --lang as argparse reads it: in full or abbreviated to any prefix, down to --l (--la and --l are ambiguous where
#: --lat-col exists, and refused there; --l is --lang in check, area, growth, export, serve, demo and before the
#: command).
_LANG_SPELLINGS = frozenset({"--lang", "--lan", "--la", "--l"})


def _argv_lang(argv: Sequence[str]) -> str | None:
    """The language ``--lang zh`` / ``--lang=zh`` in ``argv`` names (the last one), else None.

    Before the command or after it: the last one is the command's when both
    are given, and the command's wins (:func:`main`), as argparse takes the
    last of one parser's.

    >>> _argv_lang(["map", "--lang", "zh", "--max-track-markers", "0"]), _argv_lang(["area", "--lang=en"])
    ('zh', 'en')
    >>> _argv_lang(["--lang", "zh", "locate", "1", "2"]), _argv_lang(["--lang=zh", "locate", "--lang", "en"])
    ('zh', 'en')
    >>> _argv_lang(["area", "--lang", "fr"]), _argv_lang(["locate", "--", "--lang", "zh"])
    (None, None)
    >>> _argv_lang(["area", "--lan", "zh"]), _argv_lang(["--la=zh", "area"]), _argv_lang(["area", "--l", "zh"])
    ('zh', 'zh', 'zh')
    """
    from avzone.i18n import LANGS

    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if name not in _LANG_SPELLINGS:  # (argparse takes --lan, --la, --l for --lang where no other option starts so)
            continue
        if not eq:
            if i + 1 >= len(argv):
                continue
            value = argv[i + 1]
        found = value if value in LANGS else found
    return found


def _arg_text(key: str, /, **fields: Any) -> str:
    """The catalogue message ``key`` for argparse's error about an option's value: in --lang, else the locale's."""
    from avzone.i18n import default_lang, text

    return text(key, _ARGV_LANG.get() or default_lang(), **fields)


def _refuse_digit_group(text: str) -> None:
    """Refuse an option's number written with Python's digit grouping (``--port 80_80``, ``--max-gap-s 1_0``), which
    ``int`` and ``float`` read (8080, 10) but no shell user means: called once the text has been read as a number."""
    if "_" in text:
        plain = text.strip().replace("_", "")
        refusal = _arg_text("err_arg_digit_group", value=Quoted.of(text), plain=Quoted.text_of(plain))
        raise argparse.ArgumentTypeError(refusal)


def _whole(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_whole", value=text)) from None
    _refuse_digit_group(text)
    return n


def _not_empty(text: str) -> str:
    """A file, folder or address: not "" (an empty shell variable), which would be taken as no option or as "."."""
    if not text:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_empty"))
    return text


def _port(text: str) -> int:
    """--port: 0-65535, 0 any free port (one for all the addresses of --host), as ``avzone.service.serve(port=0)``."""
    n = _whole(text)
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_port", n=n))
    return n


def _positive(text: str) -> int:
    n = _whole(text)
    if n < 1:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_positive", n=n))
    return n


def _not_negative(text: str) -> int:
    n = _whole(text)
    if n < 0:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_not_negative", n=n))
    return n


def _gap_limit(text: str) -> float | None:
    """A gap limit: a positive number, or 0 or inf (no limit: None)."""
    try:
        v = float(text)
    except ValueError:
        v = math.nan
    if math.isnan(v) or v < 0:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_gap_limit", value=Quoted.of(text)))
    _refuse_digit_group(text)
    if v == 0:
        from avzone.points import reads_as_zero

        if reads_as_zero(text):  # (1e-400 is no 0: not taken for no limit)
            raise argparse.ArgumentTypeError(_arg_text("err_arg_gap_tiny", value=Quoted.of(text)))
    return None if v == 0 or math.isinf(v) else v


def _positive_or_all(text: str) -> int | None:
    """A limit of the map (--max-points, --max-track-vertices, --max-track-markers): a positive whole number, or
    ``all`` (no limit: None). 0 is refused: it would draw nothing, or be taken for no limit."""
    if text.strip().lower() == "all":
        return None
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_positive_or_all", value=text)) from None
    _refuse_digit_group(text)
    if n < 1:
        raise argparse.ArgumentTypeError(_arg_text("err_arg_limit", n=n))
    return n


def _language(text: str) -> str:
    """``--lang``'s value, or argparse's error (unknown language) in the language of another --lang given, else
    the locale's."""
    from avzone.i18n import default_lang, error_text, resolve_lang

    try:
        return resolve_lang(text)
    except AvzoneError as exc:
        raise argparse.ArgumentTypeError(error_text(exc, _ARGV_LANG.get() or default_lang())) from None


def time_unit_arg(p: argparse.ArgumentParser, prefix: str, lang: str = "en") -> None:
    """``--time-unit``: the unit of the time column's numbers (epoch times, UTC); ``prefix`` in ``lang`` already."""
    from avzone.i18n import text

    p.add_argument(
        "--time-unit",
        choices=TIME_UNIT_CHOICES,
        default=None,
        help=text("help_time_unit", lang, prefix=prefix),
    )


#: The values of --time-unit (avzone.zonetime.TIME_UNITS).
TIME_UNIT_CHOICES = ("s", "ms", "us", "ns")

#: The shapes --json prints, written as they are in every language (help_print_json, help_area_json).
_CHECK_JSON_SHAPE = '{"ok": bool, "checks": [...]}'
_AREA_JSON_SHAPE = '{"layers": [{"id", "area_km2", "nominal_km2"}, ...]}'
_AREA_DISTRICT_JSON_SHAPE = (
    '{"layers": [{"id", "area_km2", "districts": [{"district", "name_zh", "area_km2"}, ...]}, ...]}'
)


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line's parser, its help (``avzone --help``, ``avzone COMMAND --help``) in ``lang``.

    Every description, epilog and option help is a ``help_`` message of
    :mod:`avzone.i18n`; option names, metavars, choices and defaults are the
    same in both languages, so parsing does not depend on ``lang``.
    """
    from avzone.i18n import MESSAGES, text

    def h(key: str, /, **fields: Any) -> str:
        return text(key, lang, **fields)

    parser = _Parser(prog="avzone", lang=lang, description=h("help_description"), epilog=h("help_epilog"))
    parser.add_argument("--version", action="version", version=f"avzone {__version__}", help=h("help_version"))
    parser.add_argument(
        "--lang",
        dest="lang_before_command",
        type=_language,
        choices=("en", "zh"),
        default=None,
        help=h("help_lang_before_command"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(name: str) -> argparse.ArgumentParser:
        """The parser of command ``name``: its help_NAME summary, help_NAME_description and help_NAME_epilog."""
        epilog = h(f"help_{name}_epilog") if f"help_{name}_epilog" in MESSAGES[lang] else None
        return sub.add_parser(
            name, lang=lang, help=h(f"help_{name}"), description=h(f"help_{name}_description"), epilog=epilog
        )

    def coordinate_args(p: argparse.ArgumentParser, col_prefix: str = "", crs_help: str | None = None) -> None:
        """``--crs`` (``crs_help``, else help_crs_input), ``--override-crs`` and the options of files' columns."""
        p.add_argument("--crs", default=None, help=crs_help or h("help_crs_input", prefix=""))
        override_help = h("help_map_override_crs") if crs_help else h("help_override_crs", prefix=col_prefix)
        p.add_argument("--override-crs", action="store_true", help=override_help)
        p.add_argument("--lon-col", metavar="C", help=h("help_lon_col", prefix=col_prefix))
        p.add_argument("--lat-col", metavar="C", help=h("help_lat_col", prefix=col_prefix))
        p.add_argument("--point-col", metavar="C", help=h("help_point_col", prefix=col_prefix))
        p.add_argument("--encoding", metavar="ENC", help=h("help_encoding", prefix=col_prefix))
        p.add_argument("--delimiter", metavar="D", help=h("help_delimiter", prefix=col_prefix))

    def data_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", type=_not_empty, metavar="DIR", help=h("help_data"))

    def output_arg(p: argparse.ArgumentParser, key: str, *also: str, metavar: str = "FILE", **options: Any) -> None:
        """``-o``/``--output`` (and the option strings ``also``): the file a command writes, help ``key``."""
        p.add_argument("-o", "--output", *also, type=_not_empty, metavar=metavar, help=h(key), **options)

    def scheduler_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--scheduler", type=_not_empty, metavar="ADDRESS", help=h("help_scheduler"))
        p.add_argument("--partition-size", metavar="SIZE", help=h("help_partition_size"))

    p = command("check")
    data_arg(p)
    p.add_argument("--json", action="store_true", help=h("help_print_json", shape=_CHECK_JSON_SHAPE))
    p.set_defaults(func=cmd_check)

    p = command("area")
    data_arg(p)
    p.add_argument(
        "--json",
        action="store_true",
        help=h("help_area_json", shape=_AREA_JSON_SHAPE, district_shape=_AREA_DISTRICT_JSON_SHAPE),
    )
    p.add_argument("--by", choices=("district",), help=h("help_area_by"))
    p.set_defaults(func=cmd_area)

    p = command("locate")
    p.add_argument("point", nargs="*", metavar="LON LAT", help=h("help_locate_point"))
    data_arg(p)
    coordinate_args(p)
    p.add_argument("--json", action="store_true", help=h("help_locate_json"))
    p.add_argument("--input", type=_not_empty, metavar="FILE", help=h("help_locate_input"))
    p.add_argument("--layer", metavar="NAME", help=h("help_layer"))
    output_arg(p, "help_locate_output")
    p.add_argument("--output-encoding", metavar="ENC", help=h("help_locate_output_encoding"))
    p.add_argument("--at", metavar="DATE", help=h("help_locate_at"))
    p.add_argument("--time-col", metavar="C", help=h("help_locate_time_col"))
    time_unit_arg(p, h("help_prefix_time_col"), lang)
    p.add_argument(
        "--threads",
        type=_not_negative,
        default=1,
        metavar="N",
        help=h("help_threads", prefix=h("help_prefix_file_local")),
    )
    p.add_argument("--engine", choices=("local", "dask"), default="local", help=h("help_locate_engine"))
    scheduler_arg(p)
    p.set_defaults(func=cmd_locate)

    p = command("events")
    data_arg(p)
    p.add_argument("--input", type=_not_empty, metavar="FILE", required=True, help=h("help_events_input"))
    p.add_argument("--layer", metavar="NAME", help=h("help_layer"))
    p.add_argument("--input-format", choices=("tdrive",), default=None, help=h("help_events_input_format"))
    output_arg(p, "help_events_output", required=True)
    p.add_argument("--id-col", metavar="C", default="vehicle", help=h("help_id_col", prefix=""))
    p.add_argument("--time-col", metavar="C", default="ts", help=h("help_time_col", prefix=""))
    time_unit_arg(p, "", lang)
    coordinate_args(p)
    p.add_argument("--summary", type=_not_empty, metavar="FILE", help=h("help_events_summary"))
    p.add_argument("--annotate", type=_not_empty, metavar="FILE", help=h("help_events_annotate"))
    p.add_argument("--output-encoding", metavar="ENC", help=h("help_events_output_encoding"))
    p.add_argument("--max-gap-s", type=_gap_limit, default=600.0, metavar="S", help=h("help_max_gap_s", prefix=""))
    p.add_argument("--max-gap-m", type=_gap_limit, default=5000.0, metavar="M", help=h("help_max_gap_m", prefix=""))
    p.add_argument("--zones", metavar="A,B", help=h("help_events_zones"))
    p.add_argument("--chunk-rows", type=_positive, default=None, metavar="N", help=h("help_events_chunk_rows"))
    p.add_argument(
        "--threads", type=_not_negative, default=1, metavar="N", help=h("help_threads", prefix=h("help_prefix_local"))
    )
    p.add_argument("--engine", choices=("local", "dask"), default="local", help=h("help_events_engine"))
    scheduler_arg(p)
    p.add_argument("--json", action="store_true", help=h("help_events_json"))
    p.set_defaults(func=cmd_events)

    p = command("growth")
    p.add_argument("stages", nargs="*", metavar="FROM TO", help=h("help_growth_stages"))
    data_arg(p)
    p.add_argument("--json", action="store_true", help=h("help_growth_json"))
    output_arg(p, "help_growth_chart", "--chart", metavar="FILE.png", dest="chart")
    p.set_defaults(func=cmd_growth)

    track = h("help_prefix_track")
    p = command("map")
    data_arg(p)
    output_arg(p, "help_map_output", metavar="FILE.html", default="avzone-map.html")
    p.add_argument("--tiles", choices=("osm", "amap", "none"), default=None, help=h("help_map_tiles"))
    p.add_argument("--offline", action="store_true", help=h("help_map_offline"))
    p.add_argument("--locate", nargs=2, action="append", metavar=("LON", "LAT"), help=h("help_map_locate"))
    p.add_argument("--points", type=_not_empty, metavar="FILE", help=h("help_map_points"))
    p.add_argument("--track", type=_not_empty, metavar="FILE", help=h("help_map_track"))
    coordinate_args(p, h("help_prefix_points_track"), crs_help=h("help_map_crs"))
    p.add_argument("--points-crs", default=None, metavar="CRS", help=h("help_map_points_crs"))
    p.add_argument("--track-crs", default=None, metavar="CRS", help=h("help_map_track_crs"))
    p.add_argument("--points-layer", metavar="NAME", help=h("help_map_points_layer"))
    p.add_argument("--track-layer", metavar="NAME", help=h("help_map_track_layer"))
    p.add_argument("--locate-crs", default=None, metavar="CRS", help=h("help_map_locate_crs"))
    p.add_argument("--input-format", choices=("tdrive",), default=None, help=h("help_map_input_format"))
    p.add_argument("--id-col", metavar="C", default="vehicle", help=h("help_id_col", prefix=track))
    p.add_argument("--time-col", metavar="C", default="ts", help=h("help_time_col", prefix=track))
    time_unit_arg(p, track, lang)
    p.add_argument("--track-zone", metavar="Z", help=h("help_map_track_zone"))
    p.add_argument("--max-gap-s", type=_gap_limit, default=600.0, metavar="S", help=h("help_max_gap_s", prefix=track))
    p.add_argument("--max-gap-m", type=_gap_limit, default=5000.0, metavar="M", help=h("help_max_gap_m", prefix=track))
    p.add_argument(
        "--max-track-vertices",
        type=_positive_or_all,
        default=100_000,
        metavar="N",
        help=h("help_map_max_track_vertices"),
    )
    p.add_argument(
        "--max-track-markers",
        type=_positive_or_all,
        default=10_000,
        metavar="N",
        help=h("help_map_max_track_markers"),
    )
    p.add_argument("--max-points", type=_positive_or_all, default=5000, metavar="N", help=h("help_map_max_points"))
    p.add_argument("--stages", action="store_true", help=h("help_map_stages"))
    p.add_argument("--no-base", action="store_true", help=h("help_map_no_base"))
    p.set_defaults(func=cmd_map)

    p = command("export")
    data_arg(p)
    p.add_argument("--layer", required=True, metavar="ID", help=h("help_export_layer"))
    p.add_argument("--crs", default=None, help=h("help_export_crs"))
    output_arg(p, "help_export_output", required=True)
    p.set_defaults(func=cmd_export)

    p = command("serve")
    data_arg(p)
    p.add_argument("--host", default="127.0.0.1", help=h("help_serve_host"))
    p.add_argument("--port", type=_port, default=8000, help=h("help_serve_port"))
    p.add_argument("--workers", type=_positive, default=1, help=h("help_serve_workers"))
    p.add_argument("--max-body-bytes", type=_positive, default=1_000_000, help=h("help_serve_max_body_bytes"))
    p.add_argument("--max-points", type=_positive, default=10_000, metavar="N", help=h("help_serve_max_points"))
    p.add_argument("--access-log", action="store_true", help=h("help_serve_access_log"))
    p.set_defaults(func=cmd_serve, own_signals=True)  # uvicorn stops gracefully on SIGINT/SIGTERM

    p = command("demo")
    data_arg(p)
    p.add_argument("-o", "--out", type=_not_empty, metavar="DIR", default="out", help=h("help_demo_out"))
    p.set_defaults(func=cmd_demo)

    # --lang after the command: one option of every command (help_NAME_lang says what it puts in that language),
    # last in its help; it wins over the one before the command (main)
    for name, p in sub.choices.items():
        p.add_argument(
            "--lang",
            type=_language,
            choices=("en", "zh"),
            default=None,
            help=h("help_lang", what=h(f"help_{name}_lang")),
        )
    return parser


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that cleanups run (like KeyboardInterrupt for SIGINT)."""


def _on_signal(signum: int, frame: Any) -> None:
    # Once: further SIGINT/SIGTERM are ignored while the cleanups run (the
    # process ends right after them; SIGKILL still ends it at once).
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _interrupt_main_soon(signum: int) -> None:
    """The signal sent again to the main thread, 10 ms from now (:func:`_signal_again`).

    As a real signal to that thread (``pthread_kill``): a blocking call it is in (a read of a pipe or a socket)
    returns then and the handler runs; ``_thread.interrupt_main`` alone only marks the signal for the handler,
    which then waits for that call to return, for ever if nothing comes (the platforms without ``pthread_kill``).
    """
    time.sleep(0.01)
    main = threading.main_thread().ident
    if hasattr(signal, "pthread_kill") and main is not None:
        signal.pthread_kill(main, signum)
    else:  # pragma: no cover - (Windows)
        _thread.interrupt_main(signal.Signals(signum))


def _signal_again(hook: Any) -> Any:
    """``sys.unraisablehook`` for :func:`signals_as_exceptions`: a signal's exception that Python could not pass on
    is raised again.

    Python runs a signal's handler in whatever code the main thread runs
    at that moment: in a weakref callback or a ``__del__`` (a freed block
    of a CSV file, for one) the exception it raises is printed as ignored
    and the code around goes on, and with the signals ignored from then on
    the job would run to its end as if never stopped. Here the handler is
    set again and the signal given again (from another thread, 10 ms
    later), so the exception is raised anew where the job's own code runs;
    other exceptions go to ``hook``.
    """

    def seen(unraisable: Any) -> None:
        exc = unraisable.exc_value
        if isinstance(exc, KeyboardInterrupt | Terminated):
            signum = signal.SIGINT if isinstance(exc, KeyboardInterrupt) else exc.args[0]
            signal.signal(signum, _on_signal)
            # sent from another thread once this hook has returned (sent here, the handler would run in the hook,
            # its exception ignored again); should it come in such a place again, this hook sends it once more
            _thread.start_new_thread(_interrupt_main_soon, (signum,))
            return
        hook(unraisable)

    return seen


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGINT raises KeyboardInterrupt and SIGTERM raises :class:`Terminated`.

    Python's default for SIGTERM is to die at once, which would leave a
    half-written temporary file behind; as an exception it unwinds through
    every ``finally`` and :func:`~avzone._atomic.atomic_output`. One raised
    where Python cannot pass it on (a weakref callback, a ``__del__``) is
    raised again (:func:`_signal_again`). The previous handlers are restored
    on the way out. Outside the main thread (where handlers cannot be set)
    nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    hook = sys.unraisablehook
    try:
        sys.unraisablehook = _signal_again(hook)
        for s in previous:
            signal.signal(s, _on_signal)
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        sys.unraisablehook = hook


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from avzone.i18n import default_lang, options_named

    argv_lang = _argv_lang(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv_lang or default_lang())  # --help in the language of --lang, else the locale's
    token, argv_token = _ARGV_LANG.set(argv_lang), _ARGV.set(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
    finally:
        _ARGV_LANG.reset(token)
        _ARGV.reset(argv_token)
    if getattr(args, "lang", None) is None:  # no --lang after the command: the one before it, if any
        args.lang = args.lang_before_command
    args.given_options = given_options(argv)  # what _refuse_unused may refuse
    try:
        with options_named("cli"):  # (messages name the options as given here: --id-col, not id_col=)
            if getattr(args, "own_signals", False):
                return int(args.func(args))
            with signals_as_exceptions():
                return int(args.func(args))
    except AvzoneError as exc:
        from avzone.i18n import error_text

        lang = _error_lang(args)
        print(f"{error_prefix(lang)}{error_text(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"avzone: {_stopped_text('stop_sigint', args)}", file=sys.stderr)
        return EXIT_SIGINT
    except Terminated:
        print(f"avzone: {_stopped_text('stop_sigterm', args)}", file=sys.stderr)
        return EXIT_SIGTERM


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``avzone`` command (and ``python -m avzone``): :func:`main`, then the process ends with its exit code.

    The process ends as soon as the command is done, without finalizing the
    interpreter (:func:`end_process`): by then the job has cleaned up after
    itself (its outputs are in place or, after an error or a signal,
    removed and the targets left as they were). Finalizing is where a job
    stopped part way through a CSV file could hang for ever: pyarrow's
    reader thread may still be reading the file ahead through Python; a
    thread that asks for the interpreter while it is being finalized is
    ended on the spot, and pyarrow then waits at exit for the read it was
    doing (or the process aborts: "terminate called without an active
    exception"). Finalizing also takes seconds on a loaded machine, for
    nothing a command needs.
    """
    try:
        code: object = main(argv)
    except SystemExit as exc:  # argparse's usage errors, --help and --version (their text already written)
        code = exc.code
    except Exception as exc:  # a bug: its traceback, as Python writes it, and status 1, then the same end
        sys.excepthook(type(exc), exc, exc.__traceback__)
        code = EXIT_FAILED
    end_process(code)


def end_process(code: object) -> NoReturn:
    """End the process with ``code`` as ``sys.exit`` would, once the exit handlers have run, without finalizing.

    ``code`` is what ``sys.exit`` takes: None is 0, an int is the exit
    status, anything else is written to stderr and gives 1. The exit
    handlers (:mod:`atexit`) run, then the standard streams are flushed: one
    that cannot be written (a full disk) is reported as Python's exit
    reports it, with status 120; a closed pipe (output piped into
    ``head``) is no error, as in :func:`main`. Threads still running are not
    waited for: a command's own are done by then (its writers joined, its
    thread pools shut down); those left are libraries' (pyarrow's readers).
    """
    if code is None:
        status = EXIT_OK
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = EXIT_FAILED
    batch = sys.modules.get("avzone.batch")
    if batch is not None:  # (its wait for pyarrow's read-ahead guards a finalization that does not happen here)
        atexit.unregister(batch._end_reads_ahead)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except OSError as exc:
            with contextlib.suppress(Exception):  # (in Python's words; nothing more can be said if stderr is the one)
                if sys.__stderr__ is not None:
                    print(f"Exception ignored in: {stream!r}\n{type(exc).__name__}: {exc}", file=sys.__stderr__)
                    sys.__stderr__.flush()
            status = 120
    os._exit(status)


def _error_lang(args: argparse.Namespace) -> str:
    """The language of an error message: --lang when the command has it, else the locale's."""
    from avzone.i18n import LANGS, default_lang

    lang = getattr(args, "lang", None)
    return lang if lang in LANGS else default_lang()


def _stopped_text(key: str, args: argparse.Namespace) -> str:
    """What a job stopped by a signal says (``key``: stop_sigint or stop_sigterm), in the language of its errors."""
    from avzone.i18n import text

    lang = _error_lang(args)
    targets = list(dict.fromkeys(discarded()))
    note = ""
    if len(targets) == 1:
        target = targets[0]
        note = text("stop_note_kept" if target.exists() else "stop_note_absent", lang, target=target)
    elif targets:
        kept = Joined([str(t) for t in targets if t.exists()], "comma")
        absent = Joined([str(t) for t in targets if not t.exists()], "comma")
        if kept and absent:
            note = text("stop_note_mixed", lang, kept=kept, absent=absent)
        else:
            note = text("stop_note_kept_n" if kept else "stop_note_absent_n", lang, targets=kept or absent)
    return text(key, lang, note=note)

"""Reading time texts: ``avzone.zonetime.to_ns`` beside ``pandas.to_datetime`` on the same columns.

Every file job reads its time column with :func:`avzone.zonetime.to_ns`
(``avzone locate --time-col``, ``avzone events``, both engines), and so do
``model.classify(..., times=)`` and ``model.events``. The script makes one
column of ``--rows`` texts (default 200,000) per layout, each text a
different second unless the layout says otherwise, and measures the best of
``--repeat`` runs (default 3) of:

- ``avzone to_ns``: the column read as avzone reads it (naive times are
  Beijing time; every text checked: a month or day its year lacks, an
  ambiguous date, a year after the date, ... are refused);
- ``pandas ISO8601`` / ``pandas mixed``: ``pandas.to_datetime(column,
  format=..., errors="coerce", utc=True)``, what one would write by hand
  (no checks; ``mixed`` reads value by value with dateutil).

``read`` says how many texts each read (not NaT); ``agree`` how many of the
texts both avzone and that pandas row read are the same instant once
avzone's Beijing offset is taken into account (pandas reads naive texts as
UTC).

Usage::

    .venv/bin/python benchmarks/bench_times.py
    .venv/bin/python benchmarks/bench_times.py --rows 1000000 --repeat 5
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

BEIJING_NS = 8 * 3600 * 10**9
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _layouts(n: int) -> dict[str, list[str]]:
    start = np.datetime64("2024-10-17T00:00:00", "s")
    secs = start + np.arange(n).astype("timedelta64[s]")
    iso = np.datetime_as_string(secs, unit="s")  # 2024-10-17T00:00:00
    day, clock = (np.char.partition(iso, "T")[:, k] for k in (0, 2))
    y = np.char.partition(day, "-")[:, 0]
    m = np.char.partition(np.char.partition(day, "-")[:, 2], "-")[:, 0]
    d = np.char.partition(np.char.partition(day, "-")[:, 2], "-")[:, 2]
    return {
        "ISO 8601, space": [f"{a} {b}" for a, b in zip(day, clock)],
        "ISO 8601 with +08:00": [f"{a}T{b}+08:00" for a, b in zip(day, clock)],
        "slashes (2024/10/17 08:00:00)": [f"{a}/{b}/{c} {t}" for a, b, c, t in zip(y, m, d, clock)],
        "Chinese (2024年10月17日 08:00:00)": [f"{a}年{int(b)}月{int(c)}日 {t}" for a, b, c, t in zip(y, m, d, clock)],
        "Chinese clock (2024年10月17日 8点05分)": [
            f"{a}年{int(b)}月{int(c)}日 {int(t[:2])}点{t[3:5]}分" for a, b, c, t in zip(y, m, d, clock)
        ],
        "digits alone (20241017080000)": [f"{a}{b}{c}{t.replace(':', '')}" for a, b, c, t in zip(y, m, d, clock)],
        "half day (2024/10/17 下午8:00:00)": [
            f"{a}/{int(b)}/{int(c)} {'上午' if int(t[:2]) < 12 else '下午'}{(int(t[:2]) % 12) or 12}:{t[3:]}"
            for a, b, c, t in zip(y, m, d, clock)
        ],
        "month name (Oct 17, 2024 8:00:00 PM)": [
            f"{_MONTHS[int(b) - 1]} {int(c)}, {a} {(int(t[:2]) % 12) or 12}:{t[3:]} {'AM' if int(t[:2]) < 12 else 'PM'}"
            for a, b, c, t in zip(y, m, d, clock)
        ],
        "month name (17-Oct-2024 08:00:00)": [
            f"{c}-{_MONTHS[int(b) - 1]}-{a} {t}" for a, b, c, t in zip(y, m, d, clock)
        ],
        "month first, AM/PM (10/17/2024 8:00:00 PM)": [
            f"{int(b)}/{int(c)}/{a} {(int(t[:2]) % 12) or 12}:{t[3:]} {'AM' if int(t[:2]) < 12 else 'PM'}"
            for a, b, c, t in zip(y, m, d, clock)
        ],
        "day of the week (2024年10月17日 星期四 08:00:00)": [
            f"{a}年{int(b)}月{int(c)}日 星期{'一二三四五六日'[w]} {t}"
            for a, b, c, t, w in zip(y, m, d, clock, (secs.astype("datetime64[D]").astype(np.int64) + 3) % 7)
        ],
        "a zone's word (2024-10-17 08:00:00 UTC)": [f"{a} {b} UTC" for a, b in zip(day, clock)],
        "e-mail (Thu, 17 Oct 2024 08:00:00 +0800)": [
            f"{'Mon Tue Wed Thu Fri Sat Sun'.split()[w]}, {int(c)} {_MONTHS[int(b) - 1]} {a} {t} +0800"
            for a, b, c, t, w in zip(y, m, d, clock, (secs.astype("datetime64[D]").astype(np.int64) + 3) % 7)
        ],
        "zone in brackets (...+08:00[Asia/Shanghai])": [f"{a}T{b}+08:00[Asia/Shanghai]" for a, b in zip(day, clock)],
        "another name of it (...+08:00[PRC])": [f"{a}T{b}+08:00[PRC]" for a, b in zip(day, clock)],
        "Go (2024-10-17 08:00:00 +0800 CST)": [f"{a} {b} +0800 CST" for a, b in zip(day, clock)],
        "zone's abbreviation (2024-10-17 08:00:00 CST)": [f"{a} {b} CST" for a, b in zip(day, clock)],
        "month 13, each text different": [f"{a}-13-{c} {t}" for a, c, t in zip(y, d, clock)],
        "one placeholder (0000-00-00 00:00:00)": ["0000-00-00 00:00:00"] * n,
    }


def _naive_ns(got: pd.Series) -> np.ndarray:
    """pandas' answer (UTC) as naive ``datetime64[ns]`` (NaT where it read nothing)."""
    if isinstance(got.dtype, pd.DatetimeTZDtype):
        return got.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    return np.full(len(got), np.datetime64("NaT"), dtype="datetime64[ns]")  # (nothing read: no datetime dtype)


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="texts per layout (default 200,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each row; the best is kept (default 3)")
    args = parser.parse_args(argv)

    from avzone import zonetime

    print(f"machine: {platform.machine()}, Python {platform.python_version()}, pandas {pd.__version__}")
    print(f"{args.rows:,} texts per layout, best of {args.repeat}\n")
    head = f"{'layout':40s} {'row':16s} {'us/row':>8s} {'vs pandas':>9s} {'read':>9s} {'agree':>9s}"
    print(head)
    print("-" * len(head))
    zonetime.to_ns(pd.Series(["2024-10-17 08:00", "2024年10月17日 08:00", "x"]))  # (imports and first calls)
    for name, texts in _layouts(args.rows).items():
        column = pd.Series(texts, dtype=object)
        t_av, out = _best(lambda column=column: zonetime.to_ns(column), args.repeat)
        ours = np.asarray(out[0])
        ours_read = ours != np.iinfo(np.int64).min
        rows = [("avzone to_ns", t_av, int(ours_read.sum()), "")]
        for fmt in ("ISO8601", "mixed"):
            t_pd, got = _best(
                lambda fmt=fmt, column=column: pd.to_datetime(column, format=fmt, errors="coerce", utc=True),
                min(args.repeat, 2),
            )
            theirs = _naive_ns(got)
            read = ~np.isnat(theirs)
            both = read & ours_read
            naive = ~column.str.contains(r"[+Z]|UTC|GMT", regex=True).to_numpy(dtype=bool)
            shift = np.where(naive, BEIJING_NS, 0)
            agree = int((theirs[both].astype(np.int64) - shift[both] == ours[both]).sum())
            rows.append((f"pandas {fmt}", t_pd, int(read.sum()), f"{agree:,} of {int(both.sum()):,}"))
        base = rows[0][1]
        for k, (row, t, n_read, agree) in enumerate(rows):
            ratio = "" if k == 0 else f"{t / base:8.2f}x"
            label = name if k == 0 else ""
            print(f"{label:40s} {row:16s} {t / args.rows * 1e6:8.2f} {ratio:>9s} {n_read:9,d} {agree:>9s}")
    print("\nvs pandas: pandas' time / avzone's (above 1: avzone is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Year-first dates in digits (and the plainest Chinese layout) whose month, day or clock no time has are refused in
one pass, as the value-by-value reading refuses them: the same answers for every text of those layouts."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime


def _texts() -> list[str]:
    edge = [
        "2024-13-01", "2024-13-01 08:00", "2024/13/01", "2024.13.01 08:00", "2024-02-30", "2023-02-29", "2024-02-29",
        "1900-02-29", "2000-02-29", "2024-10-17 25:00", "2024-10-17 08:61", "2024-10-17 08:00:61", "2024-10-17 24:30",
        "2024-10-17 24:00", "2024-10-17 23:59:60", "0000-00-00 00:00:00", "0000-01-01", "2024-13/01", "2024-00-10",
        "2024-10-00", "2024-1-32", "2024年2月30日", "2024年13月1日 08:00", "2024年10月17日 08:61", "9999-12-31",
        "2024-10-17T08:00:00.5", "2024-04-31", "2024-06-31 08:00", "2024-11-31",
    ]  # fmt: skip
    rng = random.Random(7)
    made = []
    for _ in range(500):
        y = rng.choice([0, 1, 1677, 1900, 2000, 2023, 2024, 2100, 2262, 9999])
        mo, d = rng.randint(0, 14), rng.randint(0, 33)
        sep = rng.choice(["-", "/", "."])
        t = f"{y:04d}{sep}{mo:0{rng.choice([1, 2])}d}{sep}{d:0{rng.choice([1, 2])}d}"
        if rng.random() < 0.7:
            t += f"{rng.choice([' ', 'T'])}{rng.randint(0, 26):02d}:{rng.randint(0, 61):02d}"
            if rng.random() < 0.5:
                t += f":{rng.randint(0, 62):02d}"
        made.append(t)
    return edge + made


def _read(texts: list[str], one_pass: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[np.ndarray, ...]:
    with monkeypatch.context() as m:
        if not one_pass:
            m.setattr(zonetime, "_impossible_dates", lambda t: np.zeros(len(t), dtype=bool))
        out = zonetime.to_ns(pd.Series(texts))
    return tuple(np.asarray(a) for a in out)


def test_one_pass_refuses_the_impossible_dates_the_reading_one_by_one_refuses(monkeypatch):
    texts = _texts()
    fast, slow = _read(texts, True, monkeypatch), _read(texts, False, monkeypatch)
    for a, b in zip(fast, slow, strict=True):
        same = a == b
        assert same.all(), [(texts[i], a[i], b[i]) for i in np.flatnonzero(~same)[:5]]
    # (and the one pass found many, else this compares the slow reading with itself)
    assert zonetime._impossible_dates(pd.Series(texts)).sum() > len(texts) // 4


def test_the_one_pass_names_only_what_no_time_has():
    texts = ["2024-13-01", "2024/02/30", "2024.10.00 08:00", "2024-10-17 08:61", "2024年2月30日", "2024-02-29",
             "2024-10-17 24:00", "2024-10-17 23:59:60", "0000-01-01", "2024-13/01", "13-01-2024"]  # fmt: skip
    got = zonetime._impossible_dates(pd.Series(texts)).tolist()
    assert got == [True, True, True, True, True, False, False, False, False, False, False]

"""Texts that ISO 8601 does not read are read value by value once per distinct text (and offset to the second): a
column's placeholders and the times many vehicles share cost one reading, and every row gets its text's answer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from avzone import zonetime

TEXTS = [
    "0000-00-00 00:00:00", "N/A", "2024-13-01 08:00", "Oct 17 2024 8:00 PM", "Oct 17 2024 8:00 AM",
    "2024年10月17日 下午3点", "17.10.2024 08:00", "2024-10-17 24:00",
]  # fmt: skip


def test_each_distinct_text_is_read_once_and_every_row_gets_its_answer(monkeypatch):
    rng = np.random.default_rng(0)
    column = [TEXTS[i] for i in rng.integers(0, len(TEXTS), 3000)]
    seen: list[int] = []
    real = zonetime._other_layouts

    def counted(texts, exact):
        seen.append(len(texts))
        return real(texts, exact)

    monkeypatch.setattr(zonetime, "_other_layouts", counted)
    together = [np.asarray(a) for a in zonetime.to_ns(pd.Series(column))]
    assert sum(seen) <= len(TEXTS)  # (the ones ISO 8601 does not read, each once)
    alone = {t: [np.asarray(a)[0] for a in zonetime.to_ns(pd.Series([t]))] for t in TEXTS}
    for k, text in enumerate(column):
        for a, b in zip(together, alone[text]):
            assert a[k] == b or (pd.isna(a[k]) and pd.isna(b)), (text, a[k], b)
    # (the texts read differently from each other: instants twelve hours apart, refusals)
    ns = {t: alone[t][0] for t in TEXTS}
    assert ns["Oct 17 2024 8:00 PM"] == np.datetime64("2024-10-17T12:00", "ns").astype(np.int64)
    assert ns["Oct 17 2024 8:00 PM"] - ns["Oct 17 2024 8:00 AM"] == 12 * 3600 * 10**9
    assert ns["2024年10月17日 下午3点"] == np.datetime64("2024-10-17T07:00", "ns").astype(np.int64)
    assert ns["0000-00-00 00:00:00"] == ns["N/A"] == np.iinfo(np.int64).min

"""Beijing time named in Chinese (``北京时间 2024-10-17 08:00``, ``2024年10月17日 08:00（北京时间）``,
``中国标准时间``) is read in one pass for the common layouts (the name as +08:00, as the value-by-value reading
rewrites it: ``zonetime._beijing_named``), with the instants and statuses the value-by-value reading gives every
such text and its neighbours; a text with another zone besides the name stays refused."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
from common import assert_one_pass_reads_alike

from avzone import zonetime

_NAMES = ["北京时间", "北京時間", "中国标准时间", "中國標準時間"]
_PLACES = [
    "{n} {t}", "{n}{t}", "{n}：{t}", "{n}: {t}", "{t} {n}", "{t}{n}", "{t}（{n}）", "{t} ({n})", "（{n}）{t}",
    "({n}) {t}", "{t} {n} {n}", "{n} {t} {n}", "{t}（{n}", "{t} {n})", "\u3000{n}\u3000{t}", "{t}\u00a0{n}",
]  # fmt: skip
_BODIES = [
    "2024-10-17 08:00:00", "2024-10-17 08:00", "2024/10/17 08:00:00", "2024-10-17T08:00:00", "2024-10-17",
    "2024.10.17 08:00", "2024/3/9 8:05", "2024年10月17日 08:00:00", "2024年10月17日 8点05分", "2024年10月17日 下午8:00",
    "2024/10/17 下午8:00:05", "2024-10-17 08:00:00 +08:00", "2024-10-17 08:00:00 +0800", "2024-10-17 08:00 +8",
    "2024-10-17 08:00:00 +09:00", "2024-10-17 08:00:00 -05:00", "2024-10-17 08:00:00 UTC", "2024-10-17 08:00:00 utc",
    "2024-10-17 08:00:00 GMT+8", "2024-10-17 08:00:00Z", "2024-10-17 08:00 CST", "2024-13-17 08:00",
    "2024-02-30 08:00", "2024-10-17 24:00:00", "2024-10-17 23:59:60", "2024-10-17 08：00", "2024-10-17 08:00：30",
    "2024-10-17 08:00:00.123456789", "2024-10-17 08:00:00.5", "1900-01-01 08:00", "1900-01-01 07:00",
    "2189-12-31 23:00", "2262-04-12 07:00", "08:00", "2024-W42-4 08:00", "2024-291 08:00", "Thu 2024-10-17 08:00",
    "2024年10月17日 星期四 08:00", "2024年10月17日 星期五 08:00", "17/10/2024 08:00", "05/06/2024 08:00",
    "10/17/2024 8:00 PM", "Oct 17, 2024 8:00 PM", "[17/Oct/2024:08:00:00 +0800]", "2024-10-17\u300008:00",
    "2024-10-17 08:00 ＋08:00", "２０２４－１０－１７ ０８：００", "20241017080000", "202410170800", "", "明天",
    "2024-10-17 08:00 +08:00 +08:00", "2024-10-17 8:00", "2024-10-17 08:00:00,5", "2024-10-17 08:60",
    "2024年2月30日 08:00", "2024年10月17日", "2024-1-7 8:5", "24-10-17 08:00", "2024-10-17 08", "2024-10-17 8点",
    "2024-10-17 00:00:00 +14:00", "2024-10-17 00:00:00 +15:00", "1729123200",
    "2024-10-17 08:00 (UTC+8)", "2024-10-17 08:00 (UTC+08:00)", "2024-10-17 08:00（UTC+8）",
    "2024-10-17 08:00 (+08:00)", "2024-10-17 08:00（＋0800）", "2024-10-17 08:00 (+09:00)", "2024-10-17 08:00 (UTC+9)",
    "2024-10-17 08:00 (UTC)", "2024-10-17 08:00 (China Standard Time)", "2024-10-17 08:00 (+08:00) +08:00",
    "2024-10-17 (+08:00)",
]  # fmt: skip


def _texts(seed: int = 0, extra: int = 600) -> list[str]:
    """Every body with every name in every place, and random times of the common layouts with a name."""
    out = [p.format(n=n, t=t) for n in _NAMES for p in _PLACES for t in _BODIES]
    rng = random.Random(seed)
    start = np.datetime64("1899-06-01T00:00:00", "s").astype(np.int64)
    stop = np.datetime64("2262-06-01T00:00:00", "s").astype(np.int64)
    layouts = ["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y年%m月%d日 %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
    for _ in range(extra):
        when = pd.Timestamp(rng.randrange(int(start), int(stop)), unit="s")
        body = when.strftime(rng.choice(layouts))
        out.append(rng.choice(_PLACES).format(n=rng.choice(_NAMES), t=body))
    return out


def test_the_one_pass_reads_beijing_time_named_in_chinese_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _texts()
    taken = zonetime._beijing_named(pd.Series(texts))[1]
    assert_one_pass_reads_alike(texts, "_beijing_named", taken, monkeypatch)


def test_other_seeds(monkeypatch):
    for seed in (1, 2):
        texts = _texts(seed, extra=1_500)[-1_500:]
        taken = zonetime._beijing_named(pd.Series(texts))[1]
        assert_one_pass_reads_alike(texts, "_beijing_named", taken, monkeypatch)


def test_the_name_is_beijing_time_and_another_zone_beside_it_is_no_time():
    texts = ["北京时间 2024-10-17 08:00", "2024年10月17日 08:00:00（北京时间）", "中国标准时间 2024/10/17 08:00",
             "北京时间 2024-10-17 08:00 +08:00", "北京时间 2024-10-17 08:00 +09:00",
             "北京时间 2024-10-17 08:00 UTC"]  # fmt: skip
    ns, codes = zonetime.to_ns(pd.Series(texts))
    assert codes.tolist() == [0, 0, 0, 0, zonetime.TIME_INVALID, zonetime.TIME_INVALID]
    assert pd.to_datetime(ns[:4]).strftime("%Y-%m-%d %H:%M").tolist() == ["2024-10-17 00:00"] * 4  # (UTC)

"""Times in the plainest Chinese layout (2024年10月17日 08:00) are read in one pass, as the value-by-value reading
reads them: the same instants, the same refusals, for every text of that layout and its neighbours."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from common import assert_one_pass_reads_alike

from avzone import zonetime


def _texts() -> list[str]:
    edge = [
        "2024年10月17日", "2024年1月5日 8:05", "2024年10月17日08:00", "2024年10月17日 08:00:59",
        "2024年10月17日 08:00:00.123456789", "2024年10月17日 08：00", "2024年10月17日 08：00：07",
        "2024 年 10 月 17 日 08:00", "2024年10月17号 08:00", "2024年10月17號", "2024年2月29日", "2023年2月29日",
        "2024年2月30日", "2024年13月1日", "2024年0月1日", "2024年10月0日", "2024年10月17日 24:00",
        "2024年10月17日 23:59:60", "2024年10月17日 25:00", "2024年10月17日 08:60", "1677年12月31日", "1678年1月1日",
        "2261年12月31日 23:59", "2262年1月1日", "1899年12月31日 23:00", "2024年10月17日 8:5",
        "2024年10月17日 08:00:00.1234567890", "2024年10月17日 下午3:00", "2024年10月17日 08:00 +08:00",
        "北京时间2024年10月17日 08:00", "2024年10月17日 08:00:00.", "2024年10月17日 08", "２０２４年10月17日",
        "2024年10月17日\t08:00", "2024年10月17日 08:00Z", "2024年10月17日 08:00 UTC",
        "2024年10月17日 8点", "2024年10月17日8点5分", "2024年10月17日 08时05分30秒", "2024年10月17日 8點",
        "2024年10月17日 8点半", "2024年10月17日 8点整", "2024年10月17日 8点5", "2024年10月17日 下午3点",
        "2024年10月17日 24点", "2024年10月17日 8点60分", "2024年10月17日 8点5分60秒", "2024年10月17日 8点5分30.5秒",
        "2024年10月17日 8 点 5 分", "2024年10月17日 8点5分 30秒", "2024年10月17日 8点05分北京时间", "2024年2月30日 8点",
    ]  # fmt: skip
    rng = random.Random(20241018)
    made = []
    for _ in range(400):
        y = rng.choice([1677, 1678, 1899, 1900, 1970, 2000, 2024, 2100, 2261, 2262])
        mo, d = rng.randint(0, 13), rng.randint(0, 32)
        h, mi, s = rng.randint(0, 25), rng.randint(0, 61), rng.randint(0, 61)
        sep, day, sp = rng.choice([":", "："]), rng.choice(["日", "号", "號"]), rng.choice(["", " ", "  "])
        t = f"{y}年{mo}月{d:0{rng.choice([1, 2])}d}{day}"
        if rng.random() < 0.3:  # the time of day in words
            t += f"{sp}{h}{rng.choice(['点', '時', '时', '點'])}"
            if rng.random() < 0.7:
                t += f"{rng.choice(['', ' '])}{mi:0{rng.choice([1, 2])}d}分"
                if rng.random() < 0.5:
                    t += f"{s}秒"
        elif rng.random() < 0.8:
            t += f"{sp}{h}{sep}{mi:02d}"
            if rng.random() < 0.6:
                t += f"{sep}{s:02d}"
                if rng.random() < 0.3:
                    t += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 10)))
        made.append(t)
    return edge + made


def test_one_pass_reads_the_plain_chinese_layout_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _texts()
    assert_one_pass_reads_alike(
        texts, "_plain_chinese_ns", zonetime._plain_chinese_ns(pd.Series(texts))[1], monkeypatch
    )


def test_the_one_pass_takes_the_plain_layouts_and_leaves_the_others():
    texts = [
        "2024年10月17日", "2024年3月9日 8:05:30.25", "2024年10月17號 08：00", "2024年2月30日", "2024年10月17日 24:00",
        "2024年10月17日 23:59:60", "2024年10月17日 下午3:00", "北京时间2024年10月17日 08:00", "2262年1月1日",
    ]  # fmt: skip
    ns, ok = zonetime._plain_chinese_ns(pd.Series(texts))
    assert ok.tolist() == [True, True, True, False, False, False, False, False, False]
    want = np.array(["2024-10-17T00:00:00", "2024-03-09T08:05:30.25", "2024-10-17T08:00:00"], dtype="datetime64[ns]")
    assert np.array_equal(ns[:3], want)


@pytest.mark.parametrize("one_pass", [True, False])
def test_seconds_in_words_of_one_digit_are_seconds(one_pass, monkeypatch):
    texts = ["2024年10月17日 8点5分3秒", "2024年10月17日 8点5分3.5秒", "2024年10月17日 8点5分03秒"]
    if not one_pass:
        monkeypatch.setattr(
            zonetime, "_plain_chinese_ns", lambda t: (np.zeros(len(t), "datetime64[ns]"), np.zeros(len(t), bool))
        )
    ns = np.asarray(zonetime.to_ns(pd.Series(texts))[0])
    want = np.array(["2024-10-17T00:05:03", "2024-10-17T00:05:03.5", "2024-10-17T00:05:03"], dtype="datetime64[ns]")
    assert ns.tolist() == want.astype(np.int64).tolist()  # (Beijing time: eight hours ahead of UTC)


def test_a_column_of_plain_chinese_times_is_beijing_time():
    ns = zonetime.to_ns(pd.Series(["2024年10月17日 08:00", "2024年10月18日"]))[0]
    assert np.asarray(ns).tolist() == [
        np.datetime64("2024-10-17T00:00", "ns").astype(np.int64),
        np.datetime64("2024-10-17T16:00", "ns").astype(np.int64),
    ]

"""The walk's stretches of plain segments give what the segment-by-segment walk gives, to the bit.

Most segments of a fleet give no event: the vehicle stays on one side of
every boundary, far enough from them that the distance grid is not read.
The walk finds such segments a block at a time (``events._block_plain``)
and takes a run of them at once. The tests compare the events, summaries
and row statuses with the stretches on and off (``events._PLAIN_STRETCHES``)
on fleets in every order the walk knows (grouped by vehicle, by time in
blocks, shuffled and gathered), with rows the walk must stop at (no point,
no time, no vehicle, a point outside the dataset's box or swapped, a
duplicate, a second fix at the same time), with and without gap limits, and
for some of the zones only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import avzone
from avzone import events as ev
from avzone.fleet import synthetic_fleet


def _both(model: avzone.Model, df: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, **options):
    got = model.events(df, **options)
    with monkeypatch.context() as m:
        m.setattr(ev, "_PLAIN_STRETCHES", False)
        want = model.events(df, **options)
    return got, want


def _same(got, want) -> None:
    pd.testing.assert_frame_equal(got.events, want.events, check_exact=True)
    pd.testing.assert_frame_equal(got.summary, want.summary, check_exact=True)
    pd.testing.assert_frame_equal(got.rows, want.rows, check_exact=True)


def _spoiled(df: pd.DataFrame, rng: np.random.Generator, share: float = 0.01) -> pd.DataFrame:
    """Rows the walk must stop at, spread over the fleet: each kind on ``share`` of the rows."""
    df = df.copy()
    df["vehicle"] = df["vehicle"].astype(object)
    df["ts"] = df["ts"].astype(object)
    n = len(df)

    def some() -> np.ndarray:
        return rng.choice(n, max(1, int(share * n)), replace=False)

    df.loc[some(), "lon"] = np.nan
    df.loc[some(), "ts"] = "no time"
    df.loc[some(), "vehicle"] = None
    far = some()
    df.loc[far, "lon"] = 100.0  # (outside the dataset's box, a usual point: walked)
    swap = some()
    df.loc[swap, ["lon", "lat"]] = df.loc[swap, ["lat", "lon"]].to_numpy()
    df.loc[some(), ["lon", "lat"]] = 0.0
    again = some()
    extra = df.iloc[again].copy()  # (duplicates, and fixes at the same time elsewhere)
    extra.loc[extra.index[::2], "lon"] += 0.001
    out = pd.concat([df, extra])
    return out.iloc[np.argsort(np.r_[np.arange(n), again], kind="stable")].reset_index(drop=True)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("order", ["vehicle", "time", "shuffled"])
def test_stretches_change_nothing(model, monkeypatch, seed, order):
    df = synthetic_fleet(model, 30, 600, seed=seed, interval_s=10.0)
    if order == "time":
        df = df.sort_values("ts", kind="stable")
        monkeypatch.setattr(ev, "_BLOCK_ROWS", 2048)  # (walked block by block: many blocks)
        monkeypatch.setattr(ev, "_HEAD_ROWS", 4096)
    elif order == "shuffled":
        df = df.sample(frac=1, random_state=seed)
    got, want = _both(model, df, monkeypatch)
    _same(got, want)
    assert len(want.events) >= 100 and (want.summary["fixes"] > 1).all()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("shuffle", [False, True])
def test_stretches_stop_at_every_row_the_walk_must_see(model, monkeypatch, seed, shuffle):
    rng = np.random.default_rng(seed)
    df = _spoiled(synthetic_fleet(model, 20, 500, seed=seed, interval_s=10.0), rng)
    if shuffle:
        df = df.sample(frac=1, random_state=seed)
    got, want = _both(model, df, monkeypatch)
    _same(got, want)
    status = want.rows["status"].astype(str)
    assert status.nunique() >= 6  # (the spoiled rows got their statuses: the walk met them)


@pytest.mark.parametrize(
    "options",
    [
        {"max_gap_s": None, "max_gap_m": None},
        {"max_gap_s": 12.0},
        {"max_gap_m": 150.0},
        {"zones": ["planned"]},
        {"zones": ["outlook", "core"]},
        {"tolerance_m": 0.05},
    ],
)
def test_stretches_change_nothing_whatever_the_options(model, monkeypatch, options):
    df = synthetic_fleet(model, 20, 800, seed=7, interval_s=10.0)
    got, want = _both(model, df, monkeypatch, **options)
    _same(got, want)
    assert len(want.events) >= 20

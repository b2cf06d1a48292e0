"""Users' data in the shapes pandas, Arrow and files give it: answers for the right rows, or a clear refusal."""

from __future__ import annotations

import pandas as pd
import pytest


def _fixes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vehicle": ["a"] * 4,
            "ts": pd.date_range("2024-07-01", periods=4, freq="min"),
            "lon": [116.40, 116.45, 116.50, 116.55],
            "lat": [39.79] * 4,
        }
    )


@pytest.mark.parametrize(
    "labels",
    [[0, 1, 2, 3], [("car", "id"), ("car", "ts"), ("pos", "lon"), ("pos", "lat")]],
    ids=["integers", "multiindex"],
)
def test_events_take_columns_labelled_by_integers_or_tuples(model, labels):
    df = _fixes()
    expected = model.events(df).events
    df.columns = pd.MultiIndex.from_tuples(labels) if isinstance(labels[0], tuple) else labels
    got = model.events(df, id=labels[0], time=labels[1], lon=labels[2], lat=labels[3])
    pd.testing.assert_frame_equal(got.events, expected)
    assert got.notes == []


def test_a_tuple_label_naming_gcj02_is_noted(model):
    df = _fixes()
    df.columns = pd.MultiIndex.from_tuples([("c", "id"), ("c", "ts"), ("pos", "lng_gcj02"), ("pos", "lat_gcj02")])
    got = model.events(df, id=("c", "id"), time=("c", "ts"), lon=("pos", "lng_gcj02"), lat=("pos", "lat_gcj02"))
    assert len(got.notes) == 1 and "GCJ-02" in str(got.notes[0])

"""Epoch numbers in a finer unit than the one given (milliseconds given as seconds) are refused naming the unit to
give, as the reverse slip (seconds given as milliseconds) is; every row used to get "time outside the years 1900 to
2189" and the job looked done."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

import avzone
from avzone.i18n import error_text
from avzone.zonetime import to_ns

MS = np.array([1730448000000, 1730448060000, 1730448120000])  # 2024-11-01 08:00-08:02 UTC, in milliseconds


CASES = [(MS, "s", "ms"), (MS * 1000, "s", "us"), (MS * 1000, "ms", "us"), (MS * 10**6, "ms", "ns"),
         (MS.astype(str), "s", "ms")]  # fmt: skip


@pytest.mark.parametrize(("values", "unit", "finer"), CASES)
def test_a_finer_unit_is_named(values, unit, finer):
    with pytest.raises(avzone.InputError) as err:
        to_ns(values, unit=unit, name="ts")
    assert str(err.value) == (
        f"ts: the epoch times read as {unit} all fall after the year 2189, where avzone measures no time; read as "
        f"{finer} they run from 2024-11-01 08:00:00 to 2024-11-01 08:02:00 UTC: give the unit {finer} "
        f"(time_unit='{finer}')"
    )
    assert f"请给出单位 {finer}" in error_text(err.value, "zh")


def test_the_right_unit_or_a_few_far_times_are_not_refused():
    _, codes = to_ns(MS, unit="ms")
    assert (codes == 0).all()
    _, codes = to_ns(np.append(MS // 1000, [MS[0]]), unit="s")  # one stray row: its own status, no refusal
    assert codes.tolist()[:3] == [0, 0, 0] and codes[3] != 0
    _, codes = to_ns(np.array([1e22, 2e22]), unit="s")  # far in any unit: statuses, no refusal
    assert (codes != 0).all()


def test_events_and_classify_refuse_it(model):
    df = pd.DataFrame({"vehicle": "a", "ts": MS, "lon": [116.5, 116.501, 116.502], "lat": [39.79, 39.791, 39.792]})
    with pytest.raises(avzone.InputError, match="give the unit ms"):
        model.events(df, time_unit="s")
    with pytest.raises(avzone.InputError, match="give the unit ms"):
        model.classify(df.lon, df.lat, times=df.ts, time_unit="s")


@pytest.mark.parametrize("command", ["events", "locate"])
def test_file_jobs_refuse_it_and_write_nothing(tmp_path: Path, command):
    src, dst = tmp_path / "fixes.csv", tmp_path / "out.csv"
    pd.DataFrame({"vehicle": "a", "ts": MS, "lon": [116.5, 116.501, 116.502], "lat": [39.79, 39.791, 39.792]}).to_csv(
        src, index=False
    )
    extra = ["--time-col", "ts"] if command == "locate" else []
    res = run_cli(command, "--input", str(src), "--output", str(dst), "--time-unit", "s", *extra)
    assert res.returncode == 2, res.stderr
    assert "give the unit ms" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


def _mixed_fixes() -> pd.DataFrame:
    """Vehicle 1's times in milliseconds, vehicle 2's in microseconds, given as seconds: no finer unit fits both."""
    ms = [1719792000000 + 60000 * i for i in range(6)]
    return pd.DataFrame({"vehicle": [1] * 6 + [2] * 6, "ts": ms + [v * 1000 for v in ms], "lon": 116.45, "lat": 39.79})


def test_a_file_job_judges_the_whole_column_not_a_chunk(model, tmp_path: Path):
    # the library keeps every row with a status (no one finer unit puts them all in 2000-2099); read in chunks of
    # 6 rows, the file jobs judged the first (all milliseconds) alone and refused the file
    from avzone.batch import locate_file

    df = _mixed_fixes()
    far = "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)"
    assert model.events(df, time_unit="s").rows["status"].astype(str).tolist() == [far] * 12
    assert model.classify(df.lon, df.lat, times=df.ts, time_unit="s", status=True)["status"].tolist() == [far] * 12
    src, rows = tmp_path / "fixes.csv", tmp_path / "rows.csv"
    df.to_csv(src, index=False)
    for chunks in ([], ["--chunk-rows", "6"]):
        args = ["--input", str(src), "--output", str(tmp_path / "ev.csv"), "--annotate", str(rows), "--time-unit", "s"]
        res = run_cli("events", *args, *chunks)
        assert res.returncode == 0, res.stderr
        assert pd.read_csv(rows)["status"].tolist() == [far] * 12
    for chunk_rows in (1_000_000, 6):
        dst = tmp_path / f"located{chunk_rows}.csv"
        locate_file(model, src, dst, time_col="ts", time_unit="s", chunk_rows=chunk_rows)
        assert pd.read_csv(dst)["status"].tolist() == [far] * 12


def test_a_chunk_without_a_far_time_is_judged_by_the_whole_column(tmp_path: Path):
    # the first chunk's times are all missing: the column (milliseconds given as seconds) is refused all the same
    src = tmp_path / "fixes.csv"
    ts = [None, None, None, *MS.tolist()]
    pd.DataFrame({"vehicle": "a", "ts": pd.array(ts, dtype="Int64"), "lon": 116.5, "lat": 39.79}).to_csv(
        src, index=False
    )
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--time-unit", "s",
                  "--chunk-rows", "3")  # fmt: skip
    assert res.returncode == 2 and "give the unit ms" in res.stderr

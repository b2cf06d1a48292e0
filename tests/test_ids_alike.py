"""Vehicle ids that differ only in surrounding whitespace or letter case (``'V17'``, ``'V17 '``, ``'v17'``).

They are different values, so different vehicles: the ids are the user's and are kept as given, but each such id
followed apart splits one vehicle's trajectory (wrong exits, enters and time inside that look right), so the result
carries a note naming a few such groups and saying how to merge them (events.lookalike_ids_note), in the library,
the file job (`avzone events`, local and Dask engines) and the HTTP service alike.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from common import run_cli

from avzone import i18n
from avzone.events import LOOKALIKE_GROUPS, lookalike_ids_note

TIMES = [f"2024-07-01 08:{m:02d}" for m in (0, 10, 20, 30, 40, 50)]
LONS = [116.40, 116.44, 116.46, 116.50, 116.52, 116.54]


def _fleet(ids: list[str]) -> pd.DataFrame:
    """Fixes of the vehicles ``ids``, each id for one fix after the other along one trip."""
    n = len(ids)
    return pd.DataFrame({"vehicle": ids, "ts": TIMES[:n], "lon": LONS[:n], "lat": [39.79] * n})


def _alike(notes: list) -> list:
    return [n for n in notes if getattr(n, "key", None) == "note_ids_alike"]


def test_ids_alike_but_for_whitespace_or_case_are_noted_not_merged(model):
    ev = model.events(_fleet(["V17", "V17 ", "v17", "V18", "V18", "V18"]))
    # the ids are kept: three vehicles of one fix each (a split trajectory), and V18
    assert sorted(ev.summary["id"].unique()) == ["V17", "V17 ", "V18", "v17"]
    [note] = _alike(ev.notes)
    assert "'V17' and 'V17 ' and 'v17'" in str(note) and "V18" not in str(note)
    assert "str.strip()" in str(note)
    for frame in (ev.events, ev.summary, ev.rows):
        assert frame.attrs["notes"] == ev.notes


def test_the_note_names_a_few_groups_and_counts_the_others(model):
    groups = LOOKALIKE_GROUPS + 2
    ids = [v for k in range(groups) for v in (f"car{k}", f"CAR{k}")]
    note = lookalike_ids_note(ids)
    assert note is not None
    text = str(note)
    named = [k for k in range(groups) if f"'CAR{k}' and 'car{k}'" in text]
    assert named == list(range(LOOKALIKE_GROUPS))
    assert "2 more such groups" in text and "另有 2 组" in i18n.text("note", "zh", note=note)


def test_no_note_when_the_ids_are_clean(model):
    assert _alike(model.events(_fleet(["V17", "V17", "V18", "V18"])).notes) == []
    assert model.events(_fleet(["V17", "V17", "V18", "V18"])).notes == []
    assert lookalike_ids_note([1, 2, 3, "1 "]) is None  # (only text ids compared with text ids)
    assert lookalike_ids_note(["V1", "V1"]) is None  # (one id, given twice)


def test_the_note_in_chinese(model):
    [note] = _alike(model.events(_fleet(["V17", "v17", "V18"])).notes)
    zh = i18n.text("note", "zh", note=note)
    assert "仅首尾空白或字母大小写不同的车辆编号" in zh and "'V17'、'v17'" in zh and "str.strip()" in zh


def test_polars_and_arrow_results_carry_the_note(model):
    pa = pytest.importorskip("pyarrow")
    ev = model.events(pa.Table.from_pandas(_fleet(["V17", "V17 ", "V18"])))
    assert len(_alike(ev.notes)) == 1


@pytest.mark.parametrize("chunk_rows", ["100000", "2"])
def test_avzone_events_prints_the_note_and_has_it_in_json(tmp_path, chunk_rows):
    # (in partitions of 2 rows the ids written alike fall in different ones: the note is the whole file's)
    src = tmp_path / "fixes.csv"
    _fleet(["car1", "car1", "CAR1", "CAR1", "V18", "V18"]).to_csv(src, index=False)  # (buckets 8, 0 and 4)
    out = tmp_path / "ev.csv"
    result = run_cli("events", "--input", str(src), "--output", str(out), "--chunk-rows", chunk_rows, "--json")
    assert result.returncode == 0, result.stderr
    notes = json.loads(result.stdout)["notes"]
    assert len(notes) == 1 and "'CAR1' and 'car1'" in notes[0]
    assert notes[0] in result.stderr
    result = run_cli("--lang", "zh", "events", "--input", str(src), "--output", str(out), "--chunk-rows", chunk_rows)
    assert result.returncode == 0 and "仅首尾空白或字母大小写不同" in result.stderr, result.stderr
    src.write_text(src.read_text().replace("CAR1", "car1"))
    result = run_cli("events", "--input", str(src), "--output", str(out), "--chunk-rows", chunk_rows, "--json")
    assert "notes" not in json.loads(result.stdout)


@pytest.mark.slow
def test_the_dask_engine_gives_the_note_of_the_local_job(model, tmp_path):
    pytest.importorskip("distributed")
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    _fleet(["V17", "V17", "V17 ", "V17 ", "V18", "V18"]).to_parquet(folder / "part.0.parquet", index=False)
    report = events_parquet_dask(model, folder, tmp_path / "out", n_workers=1)
    [note] = report.to_dict()["notes"]
    assert "'V17' and 'V17 '" in note

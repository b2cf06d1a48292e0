"""Vehicle ids stored as bytes (a Parquet BINARY column): the events and summary files write them in hex, as the
annotated rows' CSV writes the column itself, so the files join on the id (they said ``b'a'`` beside ``61``); empty
bytes are a blank id, a missing vehicle id as an empty text, in every engine and in Python."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import run_cli

from avzone.events import MISSING_ID

TS = ["2024-05-01 08:00", "2024-05-01 08:05"] * 3
LON = [116.3, 116.5, 116.5, 116.3, 116.3, 116.5]
LAT = [39.9, 39.79, 39.79, 39.9, 39.9, 39.79]


@pytest.fixture(params=[pa.binary(), pa.large_binary()], ids=str)
def fixes(request, tmp_path):
    ids = pa.array([b"a", b"a", b"", b"", b"\xff\x00", b"\xff\x00"], request.param)
    path = tmp_path / "fixes.parquet"
    pq.write_table(pa.table({"vehicle": ids, "ts": TS, "lon": LON, "lat": LAT}), path)
    return path


def test_the_events_and_summary_ids_are_the_annotated_rows_hex(fixes, tmp_path):
    out, summary, rows = tmp_path / "ev.csv", tmp_path / "sum.csv", tmp_path / "rows.csv"
    args = ["--output", str(out), "--summary", str(summary), "--annotate", str(rows), "--time-col", "ts"]
    result = run_cli("events", "--input", str(fixes), *args)
    assert result.returncode == 0, result.stderr
    read = {p: pd.read_csv(p, dtype={"id": str, "vehicle": str}, keep_default_na=False) for p in (out, summary, rows)}
    assert read[rows]["vehicle"].tolist() == ["61", "61", "", "", "ff00", "ff00"]
    assert read[rows]["status"].tolist() == ["ok", "ok", MISSING_ID, MISSING_ID, "ok", "ok"]
    assert set(read[out]["id"]) == set(read[summary]["id"]) == {"61", "ff00"}


def test_the_dask_engine_writes_the_same_ids(fixes, tmp_path):
    pytest.importorskip("distributed")
    import avzone
    from avzone.distributed import events_parquet_dask

    events_parquet_dask(avzone.load(), fixes, tmp_path / "out", time_col="ts", n_workers=1)
    assert set(pq.read_table(tmp_path / "out").column("id").to_pylist()) == {"61", "ff00"}


def test_empty_bytes_are_a_missing_id_in_python_too(model):
    df = pd.DataFrame({"vehicle": [b"a", b"a", b"", b""], "ts": pd.to_datetime(TS[:4]), "lon": LON[:4], "lat": LAT[:4]})
    res = model.events(df, time="ts")
    assert res.rows["status"].astype(str).tolist() == ["ok", "ok", MISSING_ID, MISSING_ID]
    assert set(res.events["id"]) == {b"a"}


def test_the_map_names_a_vehicle_by_the_hex_the_events_files_write(fixes, tmp_path):
    """`avzone map --track` gave a vehicle stored as bytes as Python's b'\\xff\\x00' in its layer name, popups and
    markers, an id found in none of the events, summary or annotated rows' files (ff00 there)."""
    import html
    import re

    from test_maps import geojson_features, overlay_names

    out = tmp_path / "m.html"
    result = run_cli("map", "--track", str(fixes), "--tiles", "none", "--no-base", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    tracks = [p for p in (f["properties"] for f in geojson_features(page)) if "track" in p or "event" in p]
    assert {p["vehicle"] for p in tracks} == {"61", "ff00"}
    assert {m for p in tracks for m in re.findall(r'data-vehicle="([^"]*)"', p["popup_html"])} == {"61", "ff00"}
    assert all(re.search(r"<dd>(61|ff00)</dd>", p["popup_html"]) for p in tracks)
    assert {"Track 61", "Track ff00"} <= set(overlay_names(page))
    assert not [p for p in tracks if "b'" in html.unescape(p["popup_html"])]

"""What the file jobs write for rows they could not use: every such row or cell says why, the input's text kept."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from avzone.tracks import events_file

#: GeoJSON fixes of one vehicle: two plain points, and between them points the reader takes (coordinates as text,
#: five coordinates) whose geometries GEOS cannot read, so WKB cannot hold them.
_FIXES = [
    {"type": "Point", "coordinates": [116.50, 39.79]},
    {"type": "Point", "coordinates": ["116.501", "39.79"]},
    {"type": "Point", "coordinates": [116.502, 39.79, 1, 2, 3]},
    {"type": "Point", "coordinates": [116.51, 39.79]},
]


def _geojson(tmp_path, geometries):
    features = [
        {"type": "Feature", "geometry": g, "properties": {"vehicle": 1, "ts": f"2024-07-01 08:0{k}"}}
        for k, g in enumerate(geometries)
    ]
    path = tmp_path / "fixes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_events_annotate_to_parquet_notes_the_geometries_it_could_not_write(model, tmp_path):
    # the annotated rows' geometry cells were null in Parquet with nothing saying why (rows 'ok', used); the
    # summary now notes them as the locate job's does: how many, the first, GEOS's reason, and what keeps them
    src = _geojson(tmp_path, _FIXES)
    report = events_file(model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.parquet")
    geometry = pq.read_table(tmp_path / "rows.parquet").column("geometry").to_pylist()
    assert [g is None for g in geometry] == [False, True, True, False]
    notes = [str(n) for n in report.notes]
    assert any("2" in n and "116.501" in n and "CSV or GeoJSON" in n for n in notes), notes
    assert "116.501" in report.text("en") and "116.501" in report.text("zh")
    assert any("116.501" in n for n in report.to_dict()["notes"])
    # a CSV output keeps them as given: no note
    report = events_file(model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.csv")
    assert not any("116.501" in str(n) for n in report.notes)

"""What the file jobs write for rows they could not use: every such row or cell says why, the input's text kept."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pytest

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


def test_a_geojson_number_beyond_float_range_is_written_as_given(model, tmp_path):
    # 1e400 (a JSON number no float holds) was written to CSV as inf, and in a geometry's text as Infinity (not
    # JSON); it is now written as the input gives it, and a coordinate of 1e400 gives its row a status naming lon
    from avzone.batch import locate_file

    doc = (
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.5, 39.79]},'
        ' "properties": {"speed": 1e400, "n": -1E400, "k": 2.5}},'
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1e400, 39.79]},'
        ' "properties": {"speed": 3.5, "n": 1, "k": 1.5}}]}'
    )
    src = tmp_path / "points.geojson"
    src.write_text(doc, encoding="utf-8")
    locate_file(model, src, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "inf" not in text.lower(), text
    lines = text.splitlines()
    assert lines[1].startswith("1e400,-1E400,2.5,"), lines
    assert lines[2].startswith('3.5,1,1.5,"{""type"": ""Point"", ""coordinates"": [1e400, 39.79]}"'), lines
    assert lines[2].endswith(",lon not finite"), lines
    locate_file(model, src, tmp_path / "out.geojson")
    again = (tmp_path / "out.geojson").read_text(encoding="utf-8")
    assert "1e400" in again and "-1E400" in again and "Infinity" not in again


@pytest.mark.parametrize("fmt", ["geojson", "parquet"])
@pytest.mark.parametrize("out", ["csv", "parquet", "geojson"])
def test_a_layer_written_by_avzone_export_is_located_as_a_file(model, tmp_path, fmt, out):
    # `avzone locate --input` refused a layer `avzone export` wrote: its features have a status property, which
    # the job appends; the layer's columns now stay as they are and the job's answer is status_2, noted
    from common import run_cli

    layer = tmp_path / f"stations.{fmt}"
    assert run_cli("export", "--layer", "stations", "-o", str(layer)).returncode == 0
    dst = tmp_path / f"located.{out}"
    for lang in ("en", "zh"):
        result = run_cli("locate", "--input", str(layer), "--output", str(dst), "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert "status_2" in result.stdout + result.stderr
    got = gpd.read_file(dst) if out == "geojson" else pd.read_parquet(dst) if out == "parquet" else pd.read_csv(dst)
    want = gpd.read_parquet(layer) if fmt == "parquet" else gpd.read_file(layer)
    assert got["status"].tolist() == want["status"].tolist()  # the layer's own: operating, planned, ...
    assert got["status_2"].tolist() == ["ok"] * len(want)
    lon, lat = want.geometry.x.to_numpy(), want.geometry.y.to_numpy()
    answers = model.classify(lon, lat)
    for z in model.zone_layers:
        assert got[f"in_{z}"].astype(bool).tolist() == answers[z].astype(bool).tolist(), z


def test_every_added_column_an_input_has_gets_a_name_of_its_own(model, tmp_path):
    from avzone.batch import locate_file, output_names

    assert output_names(["status", "status_2", "in_core"], ["in_core", "status"]) == ["in_core_2", "status_3"]
    src = tmp_path / "fixes.csv"
    src.write_text(
        "lon,lat,ts,status,in_core,zone_in_force,used\n116.5,39.79,2024-07-01 08:00,moving,x,y,z\n", encoding="utf-8"
    )
    summary = locate_file(model, src, tmp_path / "out.csv", time_col="ts")
    header, row = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert header == (
        "lon,lat,ts,status,in_core,zone_in_force,used,in_core_2,in_current,in_planned,in_outlook,"
        "zone_in_force_2,in_force,status_2"
    )
    assert row.startswith("116.5,39.79,2024-07-01 08:00,moving,x,y,z,true,") and row.endswith(",ok")
    assert any("zone_in_force -> zone_in_force_2" in str(n) for n in summary.notes)
    report = events_file(model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.csv", id_col="in_core")
    header = (tmp_path / "rows.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "lon,lat,ts,status,in_core,zone_in_force,used,status_2,used_2"
    assert any("used -> used_2" in str(n) for n in report.notes)


def test_the_dask_engine_names_the_added_columns_as_the_local_job(model, tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from avzone.batch import locate_file
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frame = pd.DataFrame({"lon": [116.5, 116.1], "lat": [39.79, 39.9], "status": ["moving", "parked"]})
    frame.to_parquet(folder / "part.0.parquet", index=False)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    locate_file(model, folder / "part.0.parquet", tmp_path / "local.parquet")
    got, want = pd.read_parquet(tmp_path / "out"), pd.read_parquet(tmp_path / "local.parquet")
    assert list(got.columns) == list(want.columns) and list(got.columns)[-1] == "status_2"
    assert got["status"].tolist() == ["moving", "parked"] and got["status_2"].tolist() == ["ok", "ok"]
    assert any("status -> status_2" in str(n) for n in summary.notes)

"""The same malformed inputs through every entry point give the same status text.

Entry points: the library (``locate_many`` on values and on a GeoSeries),
``avzone locate --input`` for CSV, GeoJSON, Parquet and GeoParquet, the reader
behind ``avzone map --points`` and the command itself, and ``POST /v1/locate``.
Unreadable files give exit code 2, a one-line message and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import GOOD_ROWS, MALFORMED, Malformed, as_float

from avzone.batch import read_points
from avzone.cli import main

VALUE_CASES = [m for m in MALFORMED if m.kind == "values"]
GEOMETRY_CASES = [m for m in MALFORMED if m.kind == "geometry"]


def _cases(fmt: str) -> list[Malformed]:
    """The malformed inputs a format can hold."""
    if fmt == "csv" or fmt == "parquet":
        return VALUE_CASES
    if fmt == "geoparquet":
        return [m for m in MALFORMED if m.kind == "geometry" or m.numeric]
    return MALFORMED  # geojson, the service, the library


def _rows(cases: list[Malformed]) -> list[Any]:
    """Good rows first, then the cases; the statuses expected for every row."""
    return [None] * len(GOOD_ROWS) + cases


def _cell(v: Any) -> str:
    return "" if v is None else str(v)


def write_input(tmp_path: Path, fmt: str) -> tuple[Path, list[str]]:
    """A file of ``fmt`` holding the good rows and the malformed ones; the expected statuses."""
    cases = _cases(fmt)
    expected = ["ok"] * len(GOOD_ROWS) + [m.status for m in cases]
    ids = list(range(len(expected)))
    if fmt == "csv":
        lines = ["id,lon,lat"] + [f"{i},{x},{y}" for i, (x, y) in zip(ids, GOOD_ROWS)]
        lines += [f"{i},{_cell(m.lon)},{_cell(m.lat)}" for i, m in zip(ids[len(GOOD_ROWS) :], cases)]
        path = tmp_path / "in.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "parquet":
        lon = [str(x) for x, _ in GOOD_ROWS] + [None if m.lon is None else str(m.lon) for m in cases]
        lat = [str(y) for _, y in GOOD_ROWS] + [None if m.lat is None else str(m.lat) for m in cases]
        path = tmp_path / "in.parquet"
        pq.write_table(
            pa.table({"id": ids, "lon": pa.array(lon, pa.string()), "lat": pa.array(lat, pa.string())}), path
        )
    elif fmt == "geojson":
        feats = [
            {"type": "Feature", "properties": {"id": i}, "geometry": {"type": "Point", "coordinates": [x, y]}}
            for i, (x, y) in zip(ids, GOOD_ROWS)
        ]
        for i, m in zip(ids[len(GOOD_ROWS) :], cases):
            geom = m.geometry if m.kind == "geometry" else {"type": "Point", "coordinates": [m.lon, m.lat]}
            feats.append({"type": "Feature", "properties": {"id": i}, "geometry": geom})
        path = tmp_path / "in.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    else:  # geoparquet
        geoms = [shapely.Point(x, y) for x, y in GOOD_ROWS]
        for m in cases:
            if m.kind == "geometry":
                geoms.append(None if m.geometry is None else shapely.from_geojson(json.dumps(m.geometry)))
            else:
                geoms.append(shapely.Point(as_float(m.lon), as_float(m.lat)))
        path = tmp_path / "in.geoparquet"
        gpd.GeoDataFrame({"id": ids}, geometry=geoms, crs="EPSG:4326").to_parquet(path)
    return path, expected


def _read_statuses(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)["status"].tolist()
    if path.suffix == ".geojson":
        return [f["properties"]["status"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    return pq.read_table(path).column("status").to_pylist()


FORMATS = ["csv", "geojson", "parquet", "geoparquet"]


def test_library_values_and_geometries(model):
    xs = [x for x, _ in GOOD_ROWS] + [m.lon for m in VALUE_CASES]
    ys = [y for _, y in GOOD_ROWS] + [m.lat for m in VALUE_CASES]
    got = model.locate_many(np.array(xs, dtype=object), np.array(ys, dtype=object)).points.status_text().tolist()
    assert got == ["ok"] * len(GOOD_ROWS) + [m.status for m in VALUE_CASES]
    geoms = [shapely.Point(x, y) for x, y in GOOD_ROWS] + [
        None if m.geometry is None else shapely.from_geojson(json.dumps(m.geometry)) for m in GEOMETRY_CASES
    ]
    got = model.locate_many(gpd.GeoSeries(geoms, crs="EPSG:4326")).points.status_text().tolist()
    assert got == ["ok"] * len(GOOD_ROWS) + [m.status for m in GEOMETRY_CASES]
    # classify: <NA> for every malformed point, never a silent False
    out = model.classify(np.array(xs, dtype=object), np.array(ys, dtype=object))
    assert out.iloc[len(GOOD_ROWS) :].isna().all().all() and not out.iloc[: len(GOOD_ROWS)].isna().any().any()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("out_fmt", ["csv", "geojson", "parquet"])
def test_locate_input_each_format(tmp_path, capsys, fmt, out_fmt):
    src, expected = write_input(tmp_path, fmt)
    dst = tmp_path / f"out.{out_fmt}"
    assert main(["locate", "--input", str(src), "--output", str(dst)]) == 0, capsys.readouterr().err
    assert _read_statuses(dst) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_map_points_reader_and_command(tmp_path, capsys, model, fmt):
    src, expected = write_input(tmp_path, fmt)
    assert read_points(src, model=model)["status"].tolist() == expected
    html = tmp_path / "m.html"
    assert main(["map", "-o", str(html), "--points", str(src), "--tiles", "none"]) == 0
    bad = len(expected) - expected.count("ok")
    assert f"{bad:,} of {len(expected):,} rows of {src} have no usable point" in capsys.readouterr().err


def test_service_post(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as client:
        pairs = [list(p) for p in GOOD_ROWS] + [[m.lon, m.lat] for m in VALUE_CASES]
        r = client.post("/v1/locate", json=pairs)
        assert r.status_code == 200, r.text
        assert [p["status"] for p in r.json()["results"]] == ["ok"] * len(GOOD_ROWS) + [m.status for m in VALUE_CASES]
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(p)}} for p in GOOD_ROWS]
        feats += [{"type": "Feature", "geometry": m.geometry} for m in MALFORMED if m.kind == "geometry"]
        r = client.post("/v1/locate", json={"type": "FeatureCollection", "features": feats})
        assert r.status_code == 200, r.text
        assert [p["status"] for p in r.json()["results"]] == ["ok"] * len(GOOD_ROWS) + [
            m.status for m in GEOMETRY_CASES
        ]


UNREADABLE = {
    "bad.geojson": b'{"type": "FeatureCollection", "features": [',
    "list.geojson": b"[1, 2, 3]",
    "garbage.parquet": b"PAR1 this is not parquet",
    "empty.csv": b"",
    "binary.csv": b"\xff\xfe\x00lon,lat\n\x00\x01",
    "missing.csv": None,
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
@pytest.mark.parametrize("command", ["locate", "map"])
def test_unreadable_files_exit_2_with_one_line(tmp_path, capsys, name, command):
    src = tmp_path / name
    if UNREADABLE[name] is not None:
        src.write_bytes(UNREADABLE[name])
    if command == "locate":
        argv = ["locate", "--input", str(src), "--output", str(tmp_path / "out.csv")]
    else:
        argv = ["map", "-o", str(tmp_path / "m.html"), "--points", str(src)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("avzone: error: ") and str(src) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err

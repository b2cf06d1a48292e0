"""A GeoJSON output writes a float32 (or float16) column's numbers as the CSV output does: 0.1, not the float64
0.10000000149011612 the same bits read as."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from common import YIZHUANG_CORE

from avzone.batch import locate_file


def test_float32_numbers_reach_geojson_as_csv_writes_them(model, tmp_path):
    src = tmp_path / "p.parquet"
    values = [0.1, None, 1e30, float("nan"), 39.9, -0.0]
    n = len(values)
    pq.write_table(
        pa.table(
            {
                "lon": [YIZHUANG_CORE[0]] * n,
                "lat": [YIZHUANG_CORE[1]] * n,
                "f32": pa.array(values, pa.float32()),
                "f16": pa.array([None if v is None else np.float16(v) for v in values], pa.float16()),
                "f64": pa.array([0.1] * n, pa.float64()),
            }
        ),
        src,
    )
    locate_file(model, src, tmp_path / "o.geojson")
    props = [f["properties"] for f in json.loads((tmp_path / "o.geojson").read_text())["features"]]
    assert [p["f32"] for p in props] == [0.1, None, 1e30, None, 39.9, -0.0]
    assert [p["f16"] for p in props] == [0.1, None, None, None, 39.9, -0.0]  # (1e30 is inf in float16)
    assert [p["f64"] for p in props] == [0.1] * n
    locate_file(model, src, tmp_path / "o.csv")
    cells = [line.split(",")[2] for line in (tmp_path / "o.csv").read_text().splitlines()[1:]]
    assert cells[0] == "0.1" and cells[4] == "39.9"

"""Generated hostile input for the readers, the dataset loader, the library and the HTTP API (hypothesis).

Every test asserts what issue 11 asks of hostile input: no traceback (an
exception escaping the CLI or the library fails the test), the right exit
code or HTTP status, and every input row accounted for (one output row, in
order, with a status, per input row). The number of examples per test is
small by default so that ``make test`` stays quick; ``make fuzz`` sets
``AVZONE_FUZZ_EXAMPLES`` for a longer run.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import YIZHUANG_CORE, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import avzone
from avzone.errors import DataError, InputError

EXAMPLES = int(os.environ.get("AVZONE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
#: File and dataset tests run the whole command per example (~0.4 s): a quarter as many examples.
FILE_FUZZ = settings(FUZZ, max_examples=max(3, EXAMPLES // 4))
LON, LAT = YIZHUANG_CORE

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_number_text = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        ["1" + "0" * 400, "-1e400", "nan", "NaN", "inf", "-Infinity", "0x10", "1_000", " 116.5 ", "", "true"]
    ),
    st.floats(115, 118).map(lambda v: f"{v:.6f}"),
)
_cell = st.one_of(_number_text, _text)
_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**20), 10**20),
    _text,
    st.floats(115, 118),
)
_json = st.recursive(
    _json_scalar, lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(_text, c, max_size=3)), max_leaves=10
)


def _job(src: Path, out: Path, *extra: str, command: str = "locate") -> tuple[int, str]:
    r = run_cli(command, "--input", str(src), "--output", str(out), *extra)  # an escaping exception fails the test
    assert "Traceback" not in r.stderr
    assert all(line.isprintable() for line in r.stderr.splitlines()), r.stderr  # data echoed escaped: one line each
    assert r.returncode in (0, 2), r.stderr
    if r.returncode == 2:  # a whole-file refusal: one line naming the file, and no output
        assert len(r.stderr.strip().splitlines()) == 1 and str(src) in r.stderr, r.stderr
        assert not out.exists()
    return r.returncode, r.stderr


def _good_rows(n: int) -> list[list[str]]:
    """Good rows, so that a file of hostile rows is not refused as a whole (e.g. as swapped)."""
    return [[str(LON), str(LAT), "good"]] * n


@FILE_FUZZ
@given(rows=st.lists(st.tuples(_cell, _cell, _text), min_size=1, max_size=12))
def test_fuzz_csv_rows_all_accounted_for(rows: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        body = _good_rows(len(rows)) + [list(r) for r in rows]
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["lon", "lat", "note"])
            w.writerows(body)
        code, _ = _job(src, out)
        if code == 0:
            df = pd.read_csv(out, dtype=str, keep_default_na=False)
            assert len(df) == len(body)
            assert df["note"].tolist() == [r[2] for r in body]  # rows kept, in order
            assert (df["status"] != "").all()
            assert df["status"].tolist()[: len(rows)] == ["ok"] * len(rows)


#: Text that breaks a line (for print, str.splitlines or a terminal) or is no character a name shows.
_breaking_text = st.lists(
    st.one_of(
        st.sampled_from(["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x1b[31m", "\x00", "\t", "\x0c"]), _text
    ),
    min_size=1,
    max_size=4,
).map("".join)


@FILE_FUZZ
@given(
    names=st.lists(st.one_of(_breaking_text, st.sampled_from(["lon", "lat", "id", "time"])), min_size=4, max_size=4),
    named=st.lists(st.one_of(_breaking_text, st.integers(0, 3)), min_size=4, max_size=4),
    cells=st.lists(st.one_of(_cell, _breaking_text), min_size=4, max_size=4),
    command=st.sampled_from(["locate", "events"]),
)
def test_fuzz_csv_column_names_echoed_on_one_line(
    names: list[str], named: list[str | int], cells: list[str], command: str
) -> None:
    """A header's column names, and the names given to --lon-col, --lat-col, --id-col and --time-col, holding line
    breaks or control characters: every message naming them stays one line (checked by _job), every row is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        body = [[str(LON), str(LAT), "car", "2024-06-01T08:00:00"], [str(LON), str(LAT), "car", "2024-06-01T08:01:00"]]
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerows([names, *body, cells])
        options = ["--lon-col", "--lat-col", "--id-col", "--time-col"][: 4 if command == "events" else 2] + (
            ["--time-col"] if command == "locate" else []
        )
        extra: list[str] = []
        for option, name in zip(options, named if command == "events" else [named[0], named[1], named[3]]):
            extra += [option, names[name] if isinstance(name, int) else name]
        code, _ = _job(src, out, *extra, command=command)
        if code == 0 and command == "locate":
            with out.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.reader(fh))
            assert len(rows) == 1 + len(body) + 1  # the header and every row, in order
            status = len(rows[0]) - 1 - rows[0][::-1].index("status")  # (the last: the input may have one)
            assert all(row[status] and row[status].isprintable() for row in rows[1:])


@FILE_FUZZ
@given(
    feats=st.lists(
        st.fixed_dictionaries(
            {"geometry": st.one_of(_json, st.builds(lambda c: {"type": "Point", "coordinates": c}, _json))},
            optional={"properties": _json, "type": st.sampled_from(["Feature", "x"]), "id": _json},
        ),
        min_size=1,
        max_size=10,
    )
)
def test_fuzz_geojson_rows_all_accounted_for(feats: list[dict[str, Any]]) -> None:
    good = [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [LON, LAT]}}]
    features = good * len(feats) + feats
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.geojson"
        src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        for out in (Path(tmp) / "out.csv", Path(tmp) / "out.geojson"):
            code, _ = _job(src, out)
            if code != 0:
                continue
            if out.suffix == ".csv":
                statuses = pd.read_csv(out, dtype=str, keep_default_na=False)["status"].tolist()
            else:
                statuses = [f["properties"]["status"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
            assert len(statuses) == len(features) and all(statuses)
            assert statuses[: len(feats)] == ["ok"] * len(feats)


_arrow_column = st.one_of(
    st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)), min_size=3, max_size=3).map(
        lambda v: pa.array(v, pa.float64())
    ),
    st.lists(st.one_of(st.none(), _cell), min_size=3, max_size=3).map(lambda v: pa.array(v, pa.string())),
    st.lists(st.one_of(st.none(), st.booleans()), min_size=3, max_size=3).map(lambda v: pa.array(v, pa.bool_())),
    st.lists(st.one_of(st.none(), st.binary(max_size=8)), min_size=3, max_size=3).map(
        lambda v: pa.array(v, pa.binary())
    ),
    st.lists(st.one_of(st.none(), st.lists(st.floats(115, 118), max_size=2)), min_size=3, max_size=3).map(
        lambda v: pa.array(v, pa.list_(pa.float64()))
    ),
    st.lists(st.integers(-(2**63), 2**63 - 1), min_size=3, max_size=3).map(lambda v: pa.array(v, pa.int64())),
)


@FILE_FUZZ
@given(lon=_arrow_column, lat=_arrow_column, extra=_arrow_column)
def test_fuzz_parquet_columns(lon: pa.Array, lat: pa.Array, extra: pa.Array) -> None:
    hostile = pa.table({"lon": lon, "lat": lat, "extra": extra})
    table = hostile
    if lon.type == pa.float64() and lat.type == pa.float64():  # good rows first, so the file is not refused
        good = pa.table({"lon": [LON] * 3, "lat": [LAT] * 3, "extra": pa.nulls(3, extra.type)})
        table = pa.concat_tables([good, hostile])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.parquet"
        pq.write_table(table, src)
        for out in (Path(tmp) / "out.csv", Path(tmp) / "out.parquet", Path(tmp) / "out.geojson"):
            code, _ = _job(src, out)
            if code != 0:
                continue
            if out.suffix == ".geojson":
                n = len(json.loads(out.read_text(encoding="utf-8"))["features"])
            elif out.suffix == ".csv":
                n = len(pd.read_csv(out, dtype=str, keep_default_na=False))
            else:
                n = pq.read_metadata(out).num_rows
            assert n == table.num_rows


# -- the library ----------------------------------------------------------------------------
_value = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=True, allow_infinity=True), st.integers(), _text, st.floats(115, 118)
)


@FUZZ
@given(
    lons=st.lists(_value, max_size=8),
    lats=st.lists(_value, max_size=8),
    crs=st.sampled_from([None, "EPSG:4326", "gcj02", "bd09", "EPSG:32650"]),
    masked=st.booleans(),
)
def test_fuzz_classify(model: avzone.Model, lons: list[Any], lats: list[Any], crs: str | None, masked: bool) -> None:
    x: Any = lons
    y: Any = lats
    if masked:
        x = np.ma.masked_array(np.array([*lons, None], dtype=object)[:-1], mask=[i % 2 == 0 for i in range(len(lons))])
        y = np.ma.masked_array(np.array([*lats, None], dtype=object)[:-1], mask=[i % 3 == 0 for i in range(len(lats))])
    try:
        got = model.classify(x, y, crs=crs)
    except InputError:
        assert len(lons) != len(lats)
        return
    assert len(lons) == len(lats) and len(got) == len(lons)
    for i, (a, b) in enumerate(zip(lons, lats)):
        if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
            assert got.iloc[i].isna().all()  # never (1, 0) or a missing value silently False
        if masked and (i % 2 == 0 or i % 3 == 0):
            assert got.iloc[i].isna().all()


@FUZZ
@given(
    shape_x=st.lists(st.integers(0, 3), min_size=1, max_size=3),
    shape_y=st.lists(st.integers(0, 3), min_size=1, max_size=3),
)
def test_fuzz_shapes(model: avzone.Model, shape_x: list[int], shape_y: list[int]) -> None:
    x, y = np.full(shape_x, LON), np.full(shape_y, LAT)
    try:
        got = model.classify(x, y)
    except InputError:  # decided: lons and lats must have the same shape (then one row per element)
        assert x.shape != y.shape
        return
    assert x.shape == y.shape and len(got) == x.size


# -- the dataset loader ---------------------------------------------------------------------
_manifest_edit = st.tuples(
    st.sampled_from(
        [
            "nominal_area_km2",
            "area_tolerance_pct",
            "timeline",
            "containment",
            "expansion",
            "required_hubs",
            "bounds",
            "kind",
            "file",
            "id",
        ]
    ),
    _json,
)


@FILE_FUZZ
@given(
    edit=_manifest_edit,
    geometry=st.one_of(st.none(), _json),
    properties=_json,
    target=st.sampled_from(["manifest", "layer"]),
)
def test_fuzz_dataset(edit: tuple[str, Any], geometry: Any, properties: Any, target: str) -> None:
    import shutil

    from avzone.dataset import default_data_dir

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(default_data_dir(), folder)
        if target == "manifest":
            manifest = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
            key, value = edit
            if key in ("timeline", "containment", "expansion", "required_hubs", "bounds"):
                manifest[key] = value
            else:
                manifest["layers"][0][key] = value
            (folder / "dataset.json").write_text(json.dumps(manifest), encoding="utf-8")
        else:
            doc = json.loads((folder / "stations.geojson").read_text(encoding="utf-8"))
            doc["features"][0]["geometry"] = geometry
            doc["features"][1]["properties"] = properties
            (folder / "stations.geojson").write_text(json.dumps(doc), encoding="utf-8")
        try:
            avzone.load(folder)
        except DataError:
            pass
        r = run_cli("check", "--data", str(folder))
        assert r.returncode in (0, 1, 2) and "Traceback" not in r.stderr
        if r.returncode == 2:
            assert len(r.stderr.strip().splitlines()) == 1
        r = run_cli("locate", str(LON), str(LAT), "--data", str(folder))
        assert r.returncode in (0, 2) and "Traceback" not in r.stderr


# -- the HTTP API ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(model: avzone.Model) -> Any:
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model, max_body_bytes=20_000, max_points=50)) as c:
        yield c


@FUZZ
@given(
    body=st.one_of(_json, st.binary(max_size=200), st.lists(st.lists(_value, max_size=3), max_size=60)),
    distances=st.sampled_from([None, "true", "false", "x", ""]),
    crs=st.one_of(st.none(), st.sampled_from(["EPSG:4326", "bd09", "gcj02", "EPSG:32650", "EPSG:4978"]), _text),
)
def test_fuzz_http_post(api: Any, body: Any, distances: str | None, crs: str | None) -> None:
    params = {k: v for k, v in {"distances": distances, "crs": crs}.items() if v is not None}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    r = api.post("/v1/locate", params=params, content=content, headers={"content-type": "application/json"})
    assert r.status_code in (200, 413, 422), r.text[:300]
    doc = r.json()
    if r.status_code == 200:
        assert isinstance(body, list) and doc["count"] == len(body) == len(doc["results"])
        assert all(res["status"] for res in doc["results"])
    else:
        assert isinstance(doc["detail"], str) and doc["detail"]


@FUZZ
@given(lon=st.one_of(_cell, _text), lat=st.one_of(_cell, _text), crs=st.one_of(st.none(), _text))
def test_fuzz_http_get(api: Any, lon: str, lat: str, crs: str | None) -> None:
    params = {"lon": lon, "lat": lat} | ({"crs": crs} if crs is not None else {})
    r = api.get("/v1/locate", params=params)
    assert r.status_code in (200, 422), r.text[:300]
    assert r.json()

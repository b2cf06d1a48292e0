"""Randomized differential tests: file jobs keep every row, column, cell and text encoding.

Seeded random CSV files (awkward headers and cells, quoting, embedded
newlines, CR/CRLF, BOM, UTF-8 / GBK / GB18030), GeoJSON documents (ids,
foreign members, nested properties, bad geometries) and Parquet files
(every common Arrow type) go through ``avzone locate`` and ``avzone events
--annotate``; the outputs are parsed independently (Python's ``csv`` and
``json`` modules, pyarrow) and compared cell by cell with the input, and
the appended columns with ``model.classify`` / ``model.events`` and the
status vocabulary. Failed jobs must leave no output and no temporary file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import decimal
import json
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import run_cli, sample_points

from avzone import batch
from avzone.points import SWAPPED_TEXT

SEED = 1307
TEMP_MARKER = ".avzone-tmp-"

# -- random CSV cells and headers ------------------------------------------------------
AWKWARD_CELLS = [
    "", " ", "007", "0", "-0", "13812345678901234567", "1e5", "1E-7", "NaN", "nan", "inf", "-Infinity", "NULL",
    "None", "N/A", "true", "FALSE", "中文", "北京市通州区", "含,逗号", 'say "hi"', '"', '""', "'single'",
    "line1\nline2", "cr\rinside", "crlf\r\ninside", "\n", "  lead", "trail  ", "\ttab\t", "a\\b", "#comment",
    "=SUM(A1)", "😀", "ñandú", "Ωμ", "€5", "½", "\u3000全角空格\u3000", "ｆｕｌｌ", "x" * 200,
]  # fmt: skip
EXTRA_NAMES = ["name", "备注", "col with space", 'q"uote', "com,ma", "", "😀id", "007", "id", "id", "note\nline"]
COORD_NAMES = [
    ("lon", "lat"),
    ("lng", "latitude"),
    ("经度", "纬度"),
    ("Longitude [deg]", "Latitude [deg]"),
    ("经度（°）", "纬度（°）"),
    ("东经", "北纬"),
    ("LON", "LAT"),
]
GIVEN_COORD_NAMES = [('pos "x"', "pos, y"), ("坐标 甲", "坐标 乙"), ("a", "b")]
ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030"]


def _encodable(text: str, encoding: str) -> bool:
    """Whether ``text`` is written and read back the same in ``encoding`` (GBK: also as GB18030, the detected one)."""
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return encoding != "gbk" or raw.decode("gb18030", errors="replace") == text


def _cell(rng: random.Random, encoding: str) -> str:
    while True:
        pick = rng.random()
        if pick < 0.6:
            text = rng.choice(AWKWARD_CELLS)
        elif pick < 0.8:
            text = "".join(rng.choice(AWKWARD_CELLS) for _ in range(rng.randint(2, 3)))
        else:
            text = "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x4E00, 0x9FA5)])) for _ in range(8))
        if _encodable(text, encoding):
            return text


def _coord(rng: random.Random, value: float, limit: float) -> tuple[str, str | None]:
    """A coordinate cell and its reason (None when usable), for a column holding ``value`` when good."""
    kind = rng.random()
    if kind < 0.82:
        form = rng.choice(["{!r}", "{:.6f}", " {!r} ", "{:e}", "+{!r}", "{:.12f}", "\t{!r}"])
        return form.format(value), None
    if kind < 0.86:
        return rng.choice(["", "  "]), "missing"
    if kind < 0.91:
        return rng.choice(["abc", "116,5", "东经116", "1.2.3", "0x74"]), "not a number"
    if kind < 0.96:
        return rng.choice(["nan", "NaN", "inf", "-Infinity", "1e400", "-" + "9" * 400]), "not finite"
    return rng.choice(
        [f"{limit + 0.5!r}", f"-{limit + 1e-9!r}", "13812345678901234567"]
    ), f"out of range [-{limit:g}, {limit:g}]"


def _status(lon_name: str, lat_name: str, lon_reason: str | None, lat_reason: str | None) -> str:
    parts = []
    for name, reason in ((lon_name, lon_reason), (lat_name, lat_reason)):
        if reason is not None:
            parts.append(f"missing {name}" if reason == "missing" else f"{name} {reason}")
    return "; ".join(parts) or "ok"


class CsvCase:
    """A random CSV file: its text, header, rows, coordinate columns and what each row should get."""

    def __init__(self, model: Any, seed: int, encoding: str, rows: int | None = None, unique: bool = False):
        rng = random.Random(seed)
        self.encoding = encoding
        given = rng.random() < 0.3
        lon_name, lat_name = rng.choice(GIVEN_COORD_NAMES if given else COORD_NAMES)
        self.options = ["--lon-col", lon_name, "--lat-col", lat_name] if given else []
        extras = [n for n in rng.sample(EXTRA_NAMES, rng.randint(1, 6)) if _encodable(n, encoding)]
        if unique:
            extras = list(dict.fromkeys(extras))
        header = [*extras, lon_name, lat_name]
        rng.shuffle(header)
        self.header, self.lon_name, self.lat_name = header, lon_name, lat_name
        n = rng.choice([0, 1, 3, 17, 60]) if rows is None else rows
        lons, lats = sample_points(model, n, seed)
        self.rows: list[list[str]] = []
        self.status: list[str] = []
        self.lonlat: list[tuple[float, float]] = []
        for i in range(n):
            lon, lat = float(lons[i]), float(lats[i])
            if rng.random() < 0.05 and 4 * (self.status.count(SWAPPED_TEXT) + 1) < n:
                lon_cell, lat_cell, status = repr(lat), repr(lon), SWAPPED_TEXT
            else:
                lon_cell, lon_reason = _coord(rng, lon, 180)
                lat_cell, lat_reason = _coord(rng, lat, 90)
                status = _status(lon_name, lat_name, lon_reason, lat_reason)
            cells = {lon_name: lon_cell, lat_name: lat_cell}
            self.rows.append([cells[h] if h in cells else _cell(rng, encoding) for h in header])
            self.status.append(status)
            self.lonlat.append((lon, lat))
        quote_all = rng.random() < 0.3
        self.newline = rng.choice(["\n", "\r\n"])
        text = "".join(_csv_line(row, quote_all) + self.newline for row in [header, *self.rows])
        if self.rows and rng.random() < 0.3:
            text = text[: -len(self.newline)]  # no final newline
        self.text = text

    def write(self, path: Path) -> Path:
        bom = codecs.BOM_UTF8 if self.encoding == "utf-8-sig" else b""
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        path.write_bytes(bom + self.text.encode(codec))
        return path


def _csv_line(cells: list[str], quote_all: bool) -> str:
    """One CSV line: cells quoted when they hold a comma, quote, CR or LF (or always), quotes doubled."""
    return ",".join(
        '"' + c.replace('"', '""') + '"' if quote_all or any(ch in c for ch in ',"\r\n') else c for c in cells
    )


def _read_csv(path: Path, encoding: str) -> list[list[str]]:
    """A CSV file's rows as Python's csv module reads them (blank lines are no rows)."""
    with path.open(newline="", encoding=encoding) as fh:
        return [row for row in csv.reader(fh) if row]


def _result_names(model: Any) -> list[str]:
    return [f"in_{z}" for z in model.zone_layers] + ["status"]


def _expected_cells(model: Any, case: CsvCase) -> list[list[str]]:
    """The appended cells each row should get: the zone answers of ``model.classify`` and shapely, and the status."""
    if not case.rows:
        return []
    lon = np.array([p[0] for p in case.lonlat])
    lat = np.array([p[1] for p in case.lonlat])
    ref = model.classify(lon, lat)
    out = []
    for i, status in enumerate(case.status):
        if status != "ok":
            out.append([""] * len(model.zone_layers) + [status])
            continue
        cells = []
        for z in model.zone_layers:
            answer = bool(ref[z].iloc[i])
            assert answer == bool(shapely.covers(model.layer_geometry(z), shapely.Point(lon[i], lat[i])))
            cells.append("true" if answer else "false")
        out.append([*cells, "ok"])
    return out


def _no_temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if TEMP_MARKER in p.name]


def _output_codec(case: CsvCase, given: bool) -> str:
    """The encoding the output should be written in: the input's (GBK is detected as its superset GB18030)."""
    if given or case.encoding in ("utf-8", "utf-8-sig"):
        return case.encoding
    return "gb18030" if any(ord(c) > 127 for c in case.text) else "utf-8"


@pytest.mark.parametrize("seed", range(16))
def test_csv_rows_cells_and_encoding_are_kept(model, tmp_path, seed):
    """Random CSV files in four encodings: every row and cell as text, the BOM, the results per row."""
    encoding = ENCODINGS[seed % 4]
    case = CsvCase(model, SEED + seed, encoding)
    src = case.write(tmp_path / "in.csv")
    dst = tmp_path / "out.csv"
    given = seed % 3 == 0
    extra = ["--encoding", encoding] if given else []
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--json", *case.options, *extra)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    codec = _output_codec(case, given)
    if not given and codec == "utf-8" and encoding in ("gbk", "gb18030"):
        assert doc["encoding"] == "utf-8"  # pure ASCII text is UTF-8 too
    else:
        assert doc["encoding"] == codec
    assert doc["output_encoding"] == codec
    assert doc["rows"] == len(case.rows)
    raw = dst.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (codec == "utf-8-sig")
    out = _read_csv(dst, codec)
    assert out[0] == case.header + _result_names(model)
    assert len(out) - 1 == len(case.rows)
    width = len(case.header)
    for i, (got, want, results) in enumerate(zip(out[1:], case.rows, _expected_cells(model, case))):
        assert got[:width] == want, f"row {i}"
        assert got[width:] == results, f"row {i}"
    rejected = {s: case.status.count(s) for s in set(case.status) if s != "ok"}
    assert doc["rejected_by_reason"] == rejected
    assert _no_temp_files(tmp_path) == []


@pytest.mark.parametrize("seed", range(6))
def test_csv_read_in_tiny_blocks_keeps_every_cell(model, tmp_path, monkeypatch, seed):
    """Decoding and parsing blocks of a few bytes split multibyte characters, quoted newlines and CRLFs anywhere."""
    rng = random.Random(SEED * 7 + seed)
    encoding = ["gbk", "gb18030", "utf-8-sig"][seed % 3]
    case = CsvCase(model, SEED * 11 + seed, encoding, rows=40)
    monkeypatch.setattr(batch, "_BLOCK_BYTES", rng.randint(3, 40))
    longest = max(len(line) for line in case.text.encode("utf-8").split(case.newline.encode()))
    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", max(2048, 4 * longest))
    src = case.write(tmp_path / "in.csv")
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst), *case.options)
    assert res.returncode == 0, res.stderr
    out = _read_csv(dst, _output_codec(case, False))
    width = len(case.header)
    assert [r[:width] for r in out] == [case.header, *case.rows]
    assert [r[width:] for r in out[1:]] == _expected_cells(model, case)


@pytest.mark.parametrize("out_encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_output_encoding_is_the_one_asked_for(model, tmp_path, out_encoding):
    """``--output-encoding`` re-encodes every cell (a BOM only for utf-8-sig), whatever the input's encoding."""
    case = CsvCase(model, SEED + 99, "gbk", rows=25)
    src = case.write(tmp_path / "in.csv")
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--output-encoding", out_encoding, *case.options)
    assert res.returncode == 0, res.stderr
    assert dst.read_bytes().startswith(codecs.BOM_UTF8) == (out_encoding == "utf-8-sig")
    out = _read_csv(dst, out_encoding)
    width = len(case.header)
    assert [r[:width] for r in out] == [case.header, *case.rows]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_csv_keeps_its_cells(model, tmp_path, encoding):
    """``--encoding`` takes any Python codec; the output is in it and holds the same cells."""
    rows = [["name", "lon", "lat"], ["亦庄", "116.5", "39.79"], ["天安门", "116.3975", "39.9087"]]
    src = tmp_path / "in.csv"
    src.write_bytes("".join(",".join(r) + "\n" for r in rows).encode(encoding))
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst), "--encoding", encoding)
    assert res.returncode == 0, res.stderr
    assert [r[:3] for r in _read_csv(dst, encoding)] == rows


@pytest.mark.parametrize("seed", range(6))
def test_csv_to_parquet_and_geojson_keeps_cells_as_text(model, tmp_path, seed):
    """CSV cells are carried through as text into Parquet columns and GeoJSON properties, row by row."""
    case = CsvCase(model, SEED * 37 + seed, ENCODINGS[seed % 4], unique=True)
    src = case.write(tmp_path / "in.csv")
    results = _expected_cells(model, case)
    for ext in ("parquet", "geojson"):
        dst = tmp_path / f"out.{ext}"
        res = run_cli("locate", "--input", str(src), "--output", str(dst), *case.options)
        assert res.returncode == 0, res.stderr
        if ext == "parquet":
            out = pq.read_table(dst)
            assert out.column_names == case.header + _result_names(model)
            got = [[str(v) for v in row.values()][: len(case.header)] for row in out.to_pylist()]
            status = out["status"].to_pylist()
        else:
            feats = _strict_json(dst.read_text(encoding="utf-8"))["features"]
            assert all(list(f["properties"])[: len(case.header)] == case.header for f in feats)
            got = [[f["properties"][h] for h in case.header] for f in feats]
            status = [f["properties"]["status"] for f in feats]
        assert got == case.rows
        assert status == [r[-1] for r in results]


def test_csv_duplicate_column_names_to_geojson_lose_nothing(tmp_path):
    """Two columns named ``id``: both values reach the GeoJSON output, or the job says it cannot."""
    src = tmp_path / "in.csv"
    src.write_text("id,id,lon,lat\nfirst,second,116.5,39.79\n", encoding="utf-8")
    dst = tmp_path / "out.geojson"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    if res.returncode == 0:
        assert "first" in json.dumps(_strict_json(dst.read_text())["features"][0]["properties"])
    else:  # refused, saying why, before anything is written
        assert res.returncode == 2 and "more than one column named 'id'" in res.stderr and not dst.exists()


# -- GeoJSON ------------------------------------------------------------------------------
def _strict_json(text: str) -> Any:
    """JSON as RFC 8259 has it: NaN and Infinity are not JSON."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.random()
    if pick < 0.2 and depth < 3:
        return {rng.choice(["a", "键", "x y", ""]): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if pick < 0.35 and depth < 3:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return rng.choice(
        [None, True, False, 0, -7, 2**70, 1.5, -0.25, 1e-300, "", "中文", "含,逗号", 'q"', "line\nbreak", "😀"]
    )


def _random_geometry(rng: random.Random, lon: float, lat: float) -> tuple[Any, str]:
    pick = rng.random()
    if pick < 0.6:
        coords = [lon, lat] if rng.random() < 0.8 else [lon, lat, rng.uniform(0, 100)]
        return {"type": "Point", "coordinates": coords}, "ok"
    if pick < 0.7:
        return None, "no point geometry"
    if pick < 0.8:
        return {"type": "LineString", "coordinates": [[lon, lat], [lon + 0.01, lat]]}, "geometry is not a Point"
    if pick < 0.85:
        return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + 0.01, lat], [lon, lat + 0.01], [lon, lat]]]}, (
            "geometry is not a Point"
        )
    if pick < 0.9:
        return {"type": "Point", "coordinates": []}, "no point geometry"
    if pick < 0.95:
        return {"type": "Point", "coordinates": ["116.5", lat]}, "ok"  # text that reads as a number
    return {"type": "Point", "coordinates": [lon, None]}, "missing lat"


def _geojson_case(model: Any, seed: int) -> tuple[dict[str, Any], list[str], list[tuple[float, float]]]:
    rng = random.Random(seed)
    n = rng.choice([0, 1, 5, 30])
    lons, lats = sample_points(model, n, seed)
    feats, status, points = [], [], []
    for i in range(n):
        geom, st = _random_geometry(rng, float(lons[i]), float(lats[i]))
        feat: dict[str, Any] = {"type": "Feature", "geometry": geom}
        if rng.random() < 0.6:
            feat["id"] = rng.choice([i, f"f-{i}", f"要素{i}", i + 0.5])
        if rng.random() < 0.8:
            keys = rng.sample(["name", "名称", "nest", "list", "n", "flag", "empty", "x y"], rng.randint(0, 5))
            feat["properties"] = {k: _random_value(rng) for k in keys}
        elif rng.random() < 0.5:
            feat["properties"] = None
        if rng.random() < 0.3:
            feat["title"] = rng.choice(["外部成员", {"nested": [1, 2]}, None])
        if rng.random() < 0.2:
            feat["bbox"] = [lons[i], lats[i], lons[i], lats[i]]
        if st == "ok" and geom["coordinates"][0] == "116.5":
            points.append((116.5, float(lats[i])))
        else:
            points.append((float(lons[i]), float(lats[i])))
        feats.append(feat)
        status.append(st)
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": feats}
    if rng.random() < 0.5:
        doc["name"] = "点位 test"
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    if rng.random() < 0.5:
        doc["x-meta"] = {"source": "随机", "seed": seed}
    return doc, status, points


def _zone_answers(model: Any, points: list[tuple[float, float]]) -> dict[str, list[bool]]:
    if not points:
        return {z: [] for z in model.zone_layers}
    lon, lat = np.array(points).T
    ref = model.classify(lon, lat)
    return {z: [None if v is pd.NA else bool(v) for v in ref[z].tolist()] for z in model.zone_layers}


@pytest.mark.parametrize("seed", range(10))
def test_geojson_to_geojson_keeps_features_members_and_properties(model, tmp_path, seed):
    """Every feature keeps its id, geometry, foreign members and properties; results join its properties."""
    doc, status, points = _geojson_case(model, SEED * 3 + seed)
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dst = tmp_path / "out.geojson"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    out = _strict_json(dst.read_text(encoding="utf-8"))
    assert {k: v for k, v in out.items() if k != "features"} == {k: v for k, v in doc.items() if k != "features"}
    assert len(out["features"]) == len(doc["features"])
    answers = _zone_answers(model, points)
    for i, (got, want) in enumerate(zip(out["features"], doc["features"])):
        assert {k: v for k, v in got.items() if k != "properties"} == {
            k: v for k, v in want.items() if k != "properties"
        }, i
        props = dict(want.get("properties") or {})
        for z in model.zone_layers:
            props[f"in_{z}"] = answers[z][i] if status[i] == "ok" else None
        props["status"] = status[i]
        assert got["properties"] == props, i


@pytest.mark.parametrize("seed", range(4))
def test_geojson_to_csv_and_parquet_keeps_rows_and_text_properties(model, tmp_path, seed):
    """GeoJSON rows become table rows in order; text properties stay text; the geometry is WKT in CSV."""
    doc, status, _ = _geojson_case(model, SEED * 5 + seed)
    for feat in doc["features"]:  # one text property in every feature: a typed text column
        feat.setdefault("properties", {})
        if feat["properties"] is None:
            feat["properties"] = {}
        feat["properties"]["label"] = random.Random(str(feat)).choice(AWKWARD_CELLS)
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    labels = [f["properties"]["label"] for f in doc["features"]]
    for ext in ("csv", "parquet"):
        dst = tmp_path / f"out.{ext}"
        res = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert res.returncode == 0, res.stderr
        if ext == "csv":
            rows = _read_csv(dst, "utf-8")
            table = {h: [r[j] for r in rows[1:]] for j, h in enumerate(rows[0])}
        else:
            table = {k: ["" if v is None else v for v in vs] for k, vs in pq.read_table(dst).to_pydict().items()}
        assert table["label"] == labels
        assert table["status"] == status
        if ext == "csv":
            for wkt, feat in zip(table["geometry"], doc["features"]):
                assert _geometry_type(wkt, "wkt") == _geometry_type(feat["geometry"], "geojson")


def _geometry_type(geom: Any, kind: str) -> int:
    """shapely's type id of a WKT text or GeoJSON geometry, -1 when there is none or it cannot be read."""
    if geom is None or geom == "":
        return -1
    try:
        g = shapely.from_wkt(geom) if kind == "wkt" else shapely.from_geojson(json.dumps(geom))
    except shapely.errors.GEOSException:
        return -1
    return int(shapely.get_type_id(g))


@pytest.mark.parametrize("src_fmt", ["geojson", "geoparquet"])
def test_geometry_written_to_csv_keeps_its_coordinates(model, tmp_path, src_fmt):
    """A GeoJSON or GeoParquet point written to CSV (WKT) keeps every digit of its coordinates."""
    lon, lat = 116.69469873557198, 40.02483029468704
    if src_fmt == "geojson":
        src = tmp_path / "in.geojson"
        src.write_text(
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [lon, lat]}}
                    ],
                }
            )
        )
    else:
        import geopandas

        src = tmp_path / "in.parquet"
        geopandas.GeoDataFrame(geometry=[shapely.Point(lon, lat)], crs="EPSG:4326").to_parquet(src)
    dst = tmp_path / "out.csv"
    assert run_cli("locate", "--input", str(src), "--output", str(dst)).returncode == 0
    rows = _read_csv(dst, "utf-8")
    point = shapely.from_wkt(rows[1][rows[0].index("geometry")])
    assert (point.x, point.y) == (lon, lat)


def test_geojson_property_beyond_float_range_stays_valid_json(tmp_path):
    """``1e400`` is valid JSON; the output must be valid JSON too (not the token Infinity)."""
    src = tmp_path / "in.geojson"
    src.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"v": 1e400},'
        ' "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}]}'
    )
    dst = tmp_path / "out.geojson"
    assert run_cli("locate", "--input", str(src), "--output", str(dst)).returncode == 0
    _strict_json(dst.read_text())


def test_geojson_long_integer_property_stays_a_number(tmp_path):
    """A 5,000-digit integer property is carried through as a number, not turned into text."""
    digits = "9" * 5000
    src = tmp_path / "in.geojson"
    src.write_text(
        f'{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{"v": {digits}}},'
        ' "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}]}'
    )
    dst = tmp_path / "out.geojson"
    assert run_cli("locate", "--input", str(src), "--output", str(dst)).returncode == 0
    text = dst.read_text()
    assert f'"v": {digits}' in text


# -- Parquet ------------------------------------------------------------------------------
def _values(rng: random.Random, make: Any, n: int) -> list[Any]:
    """``n`` values of a column kind, about one in seven null."""
    return [None if rng.random() < 0.15 else make(rng) for _ in range(n)]


TS = dt.datetime(2024, 3, 19, 8, 30, 15, 123456)
TS_MS = TS.replace(microsecond=0)
COLUMN_KINDS: dict[str, tuple[pa.DataType, Any]] = {
    "int8": (pa.int8(), lambda r: r.randint(-128, 127)),
    "int16": (pa.int16(), lambda r: r.randint(-(2**15), 2**15 - 1)),
    "int32": (pa.int32(), lambda r: r.randint(-(2**31), 2**31 - 1)),
    "int64": (pa.int64(), lambda r: r.choice([-(2**63), 2**63 - 1, 13812345678901234567 // 2, 7])),
    "uint8": (pa.uint8(), lambda r: r.randint(0, 255)),
    "uint64": (pa.uint64(), lambda r: r.choice([0, 2**64 - 1, 2**53 + 1])),
    "float32": (pa.float32(), lambda r: r.choice([0.1, -3.4e38, 1e-45, float("nan"), float("inf"), 116.5])),
    "float64": (pa.float64(), lambda r: r.choice([0.1, 1e-300, 123456789.123456789, -0.0, float("nan"), 5e-324])),
    "bool": (pa.bool_(), lambda r: r.random() < 0.5),
    "string": (pa.string(), lambda r: r.choice(AWKWARD_CELLS)),
    "large_string": (pa.large_string(), lambda r: r.choice(AWKWARD_CELLS)),
    "timestamp_tz": (pa.timestamp("us", tz="Asia/Shanghai"), lambda r: TS + dt.timedelta(days=r.randint(-9999, 9999))),
    "timestamp_utc": (pa.timestamp("ms", tz="UTC"), lambda r: TS_MS - dt.timedelta(hours=r.randint(0, 9))),
    "timestamp_naive": (pa.timestamp("ns"), lambda r: TS + dt.timedelta(seconds=r.randint(0, 10**6))),
    "date": (pa.date32(), lambda r: dt.date(2024, 1, 1) + dt.timedelta(days=r.randint(-700000, 2800000))),
    "decimal": (pa.decimal128(20, 4), lambda r: decimal.Decimal(r.randint(-(10**19), 10**19)) / 10000),
    "list": (pa.list_(pa.int64()), lambda r: [r.randint(-5, 5) for _ in range(r.randint(0, 3))]),
    "list_text": (pa.list_(pa.string()), lambda r: [r.choice(AWKWARD_CELLS) for _ in range(r.randint(0, 2))]),
    "struct": (pa.struct([("a", pa.int64()), ("名", pa.string())]), lambda r: {"a": r.randint(0, 9), "名": "值"}),
    "binary": (pa.binary(), lambda r: bytes(r.randint(0, 255) for _ in range(r.randint(0, 5)))),
}  # fmt: skip
DICTIONARY_KINDS = ("string", "int64")
#: Types a GeoJSON property holds as it is (others are text or numbers of another kind there).
GEOJSON_PLAIN = ("int8", "int16", "int32", "int64", "uint8", "uint64", "bool", "string", "large_string", "list")


def _parquet_case(model: Any, seed: int) -> tuple[pa.Table, list[str]]:
    rng = random.Random(seed)
    n = rng.choice([0, 1, 9, 40])
    lons, lats = sample_points(model, n, seed)
    lon: list[Any] = [float(v) for v in lons]
    lat: list[Any] = [float(v) for v in lats]
    status = ["ok"] * n
    for i in range(n):
        pick = rng.random()
        if pick < 0.08:
            lon[i], status[i] = None, "missing lon"
        elif pick < 0.14:
            lat[i], status[i] = float("nan"), "lat not finite"
        elif pick < 0.18:
            lat[i], status[i] = -90.5, "lat out of range [-90, 90]"
    columns: dict[str, pa.Array] = {"lon": pa.array(lon, pa.float64()), "lat": pa.array(lat, pa.float64())}
    for name in rng.sample(sorted(COLUMN_KINDS), rng.randint(4, 10)):
        typ, make = COLUMN_KINDS[name]
        columns[name] = pa.array(_values(rng, make, n), typ)
    for name in DICTIONARY_KINDS:
        if rng.random() < 0.5:
            typ, make = COLUMN_KINDS[name]
            columns[f"dict_{name}"] = pa.array(_values(rng, make, n), typ).dictionary_encode()
    if rng.random() < 0.3:
        columns["all_null"] = pa.nulls(n)
    names = list(columns)
    rng.shuffle(names)
    return pa.table({k: columns[k] for k in names}), status


def _same(a: list[Any], b: list[Any]) -> bool:
    """Lists equal element by element, NaN equal to NaN."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        if x != y or type(x) is not type(y):
            return False
    return True


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def _csv_cell_matches(cell: str, value: Any, typ: pa.DataType) -> bool:
    """Whether a CSV cell written from a Parquet value says the same value (as README documents the text forms)."""
    if value is None:
        return cell == ""
    if pa.types.is_dictionary(typ):
        typ = typ.value_type
    if pa.types.is_boolean(typ):
        return cell == ("true" if value else "false")
    if pa.types.is_integer(typ):
        return cell == str(value)
    if pa.types.is_floating(typ):
        got = float(np.float32(cell)) if typ == pa.float32() else float(cell)  # shortest text of a float32
        return (math.isnan(got) and math.isnan(value)) or (
            got == value and math.copysign(1, got) == math.copysign(1, value)
        )
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return cell == value
    if pa.types.is_timestamp(typ):
        got = pd.Timestamp(cell)
        want = pd.Timestamp(value)
        if want.tzinfo is None or got.tzinfo is None:
            return got.tzinfo is None and want.tzinfo is None and got == want
        return got == want
    if pa.types.is_date(typ):
        return cell == value.isoformat()
    if pa.types.is_decimal(typ):
        return decimal.Decimal(cell) == value
    if pa.types.is_binary(typ):
        return cell == value.hex()  # README: binary columns are written to CSV as hex
    if pa.types.is_list(typ) or pa.types.is_struct(typ):
        return json.loads(cell) == _jsonable(value)  # README: lists and structs as JSON text
    raise AssertionError(f"no expectation for {typ}")


@pytest.mark.parametrize("seed", range(10))
def test_parquet_columns_keep_types_and_values(model, tmp_path, seed):
    """Every Arrow type is kept in a Parquet output and written as its value's text in CSV, row by row."""
    rng = random.Random(SEED * 13 + seed)
    table, status = _parquet_case(model, SEED * 17 + seed)
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=rng.choice([1, 4, 1000]))
    given = pq.read_table(src)  # as Parquet holds the input (e.g. seconds as milliseconds)
    answers = _zone_answers(
        model, [(v if v is not None else 0.0, w) for v, w in zip(given["lon"].to_pylist(), given["lat"].to_pylist())]
    )
    for ext in ("parquet", "csv"):
        dst = tmp_path / f"out.{ext}"
        res = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert res.returncode == 0, res.stderr
        if ext == "parquet":
            out = pq.read_table(dst)
            assert out.column_names == given.column_names + _result_names(model)
            for name in given.column_names:
                assert out.schema.field(name).type == given.schema.field(name).type, name
                assert _same(out[name].to_pylist(), given[name].to_pylist()), name
            got_status = out["status"].to_pylist()
            zones = {z: out[f"in_{z}"].to_pylist() for z in model.zone_layers}
        else:
            rows = _read_csv(dst, "utf-8")
            assert rows[0] == given.column_names + _result_names(model)
            assert len(rows) - 1 == given.num_rows
            for j, name in enumerate(given.column_names):
                typ = given.schema.field(name).type
                for i, value in enumerate(given[name].to_pylist()):
                    assert _csv_cell_matches(rows[i + 1][j], value, typ), (name, i, rows[i + 1][j], value)
            got_status = [r[-1] for r in rows[1:]]
            zones = {
                z: [{"true": True, "false": False, "": None}[r[k]] for r in rows[1:]]
                for k, z in enumerate(model.zone_layers, len(given.column_names))
            }
        assert got_status == status
        for z in model.zone_layers:
            assert zones[z] == [a if s == "ok" else None for a, s in zip(answers[z], status)], z


@pytest.mark.parametrize("seed", range(4))
def test_parquet_to_geojson_keeps_plain_values(model, tmp_path, seed):
    """Parquet rows become Point features in order, their plain values as properties."""
    table, status = _parquet_case(model, SEED * 19 + seed)
    keep = [n for n in table.column_names if n in ("lon", "lat", *GEOJSON_PLAIN, "struct")]
    table = table.select(keep)
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    dst = tmp_path / "out.geojson"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    feats = _strict_json(dst.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["status"] for f in feats] == status
    for name in table.column_names:
        want = [_jsonable(v) for v in table[name].to_pylist()]
        if name in ("lon", "lat"):
            want = [None if v is None or math.isnan(v) else v for v in want]
        assert [f["properties"][name] for f in feats] == want, name
    for f, st in zip(feats, status):
        assert (f["geometry"] is None) == (st != "ok")


@pytest.mark.parametrize("kind", ["decimal", "duration"])
def test_parquet_decimal_and_duration_to_geojson(model, tmp_path, kind):
    """Any input format goes to any output format: decimal and duration columns too."""
    col = (
        pa.array([decimal.Decimal("1.10")], pa.decimal128(10, 2))
        if kind == "decimal"
        else pa.array([90], pa.duration("s"))
    )
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"lon": [116.5], "lat": [39.79], "v": col}), src)
    dst = tmp_path / "out.geojson"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    assert _strict_json(dst.read_text())["features"][0]["properties"]["status"] == "ok"


# -- avzone events --annotate --------------------------------------------------------------
def _fixes_case(model: Any, seed: int, encoding: str = "utf-8") -> tuple[list[str], list[list[str]]]:
    """Random fixes of a few vehicles as CSV text cells: awkward ids, times and coordinates, extra columns."""
    rng = random.Random(seed)
    ids = [v for v in ["car-1", "车辆二", " 3 ", "007", "7", "😀"] if _encodable(v, encoding)]
    extras = [
        n for n in rng.sample(["note", "备注", "col, x", 'q"', "speed"], rng.randint(1, 3)) if _encodable(n, encoding)
    ]
    header = ["vehicle", "ts", "lon", "lat", *extras]
    rng.shuffle(header)
    lons, lats = sample_points(model, 60, seed)
    rows = []
    start = dt.datetime(2024, 5, 1, 8, 0, 0)
    for i in range(rng.choice([0, 1, 12, 60])):
        cells = {
            "vehicle": rng.choice([*ids[:3], ""]) if rng.random() < 0.95 else "",
            "ts": (start + dt.timedelta(seconds=rng.randint(0, 3600))).isoformat(),
            "lon": repr(float(lons[i])),
            "lat": repr(float(lats[i])),
        }
        if rng.random() < 0.1:
            cells[rng.choice(["ts", "lon", "lat"])] = rng.choice(["", "abc", "nan", "2024-13-45"])
        rows.append([cells.get(h) if h in cells else _cell(rng, encoding) for h in header])
    return header, rows


def _library_rows(model: Any, header: list[str], rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """Status and used of each row from ``model.events`` on the same text cells."""
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    res = model.events(frame, id="vehicle", time="ts", lon="lon", lat="lat")
    return res.rows["status"].astype(str).tolist(), ["true" if u else "false" for u in res.rows["used"].tolist()]


@pytest.mark.parametrize("seed", range(8))
def test_events_annotate_csv_keeps_rows_and_agrees_with_the_library(model, tmp_path, seed):
    """``--annotate`` writes every input row and cell in order, with the library's status and used flag."""
    header, rows = _fixes_case(model, SEED * 23 + seed)
    src = tmp_path / "fixes.csv"
    src.write_text("".join(_csv_line(r, seed % 2 == 0) + "\n" for r in [header, *rows]), encoding="utf-8")
    out = [tmp_path / n for n in ("events.csv", "summary.csv", "rows.csv")]
    chunk = ["--chunk-rows", "7"] if seed % 3 == 1 else []
    res = run_cli(
        "events", "--input", str(src), "--output", str(out[0]), "--summary", str(out[1]), "--annotate", str(out[2]),
        *chunk,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    got = _read_csv(out[2], "utf-8")
    assert got[0] == [*header, "status", "used"]
    assert [r[: len(header)] for r in got[1:]] == rows
    status, used = _library_rows(model, header, rows)
    assert [r[-2] for r in got[1:]] == status
    assert [r[-1] for r in got[1:]] == used
    assert _no_temp_files(tmp_path) == []


#: Column kinds an annotated CSV can hold as text as they are (README: binary as hex, lists/structs as JSON text).
ANNOTATE_CSV_KINDS = [k for k in COLUMN_KINDS if k not in ("list", "list_text", "struct", "binary")]


@pytest.mark.parametrize("seed", range(6))
def test_events_annotate_parquet_keeps_types_and_values(model, tmp_path, seed):
    """Parquet fixes with typed extra columns: the annotated rows keep each column's type and values."""
    rng = random.Random(SEED * 29 + seed)
    header, rows = _fixes_case(model, SEED * 31 + seed)
    n = len(rows)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    columns = {h: pa.array(frame[h].tolist(), pa.string()) for h in header}
    kinds = rng.sample(sorted(COLUMN_KINDS) if seed % 2 else ANNOTATE_CSV_KINDS, 5)
    for name in kinds:
        typ, make = COLUMN_KINDS[name]
        columns[f"x_{name}"] = pa.array(_values(rng, make, n), typ)
    src = tmp_path / "fixes.parquet"
    pq.write_table(pa.table(columns), src, row_group_size=rng.choice([3, 1000]))
    given = pq.read_table(src)
    status, used = _library_rows(model, header, rows)
    exts = ["parquet"] if seed % 2 else ["parquet", "csv"]
    for ext in exts:
        dst = tmp_path / f"rows.{ext}"
        res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.parquet"), "--annotate", str(dst))
        assert res.returncode == 0, res.stderr
        if ext == "parquet":
            out = pq.read_table(dst)
            assert out.column_names == [*given.column_names, "status", "used"]
            for name in given.column_names:
                assert out.schema.field(name).type == given.schema.field(name).type, name
                assert _same(out[name].to_pylist(), given[name].to_pylist()), name
            assert out["status"].to_pylist() == status
            assert ["true" if u else "false" for u in out["used"].to_pylist()] == used
        else:
            got = _read_csv(dst, "utf-8")
            assert got[0] == [*given.column_names, "status", "used"]
            for j, name in enumerate(given.column_names):
                typ = given.schema.field(name).type
                for i, value in enumerate(given[name].to_pylist()):
                    assert _csv_cell_matches(got[i + 1][j], value, typ), (name, i, got[i + 1][j], value)
            assert [r[-2] for r in got[1:]] == status
            assert [r[-1] for r in got[1:]] == used


FIXES = (
    "vehicle,ts,lon,lat,备注\n车一,2024-05-01T08:00:00,116.5,39.79,北京\n车一,2024-05-01T08:01:00,116.51,39.8,测试\n"
)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_events_annotate_keeps_the_input_encoding(tmp_path, encoding):
    """A CSV output is written in the CSV input's encoding (a GBK file stays GBK; a BOM is kept)."""
    src = tmp_path / "fixes.csv"
    src.write_bytes(FIXES.encode(encoding))
    ann = tmp_path / "rows.csv"
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--annotate", str(ann))
    assert res.returncode == 0, res.stderr
    raw = ann.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")
    assert [r[:5] for r in _read_csv(ann, "gb18030" if encoding == "gbk" else encoding)][1][4] == "北京"


def test_events_encoding_option_is_used(tmp_path):
    """``avzone events --encoding big5`` reads a Big5 file as Big5 (ids and cells as written)."""
    text = "vehicle,ts,lon,lat,備註\n車一,2024-05-01T08:00:00,116.5,39.79,臺北\n"
    src = tmp_path / "fixes.csv"
    src.write_bytes(text.encode("big5"))
    ann = tmp_path / "rows.csv"
    res = run_cli(
        "events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--annotate", str(ann),
        "--encoding", "big5",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    rows = _read_csv(ann, "big5")  # read in Big5, written in the input's encoding
    assert rows[0][4] == "備註" and rows[1][0] == "車一"


def test_events_annotate_csv_keeps_binary_columns(tmp_path):
    """Binary columns are carried through, written to CSV as hex."""
    src = tmp_path / "fixes.parquet"
    pq.write_table(
        pa.table(
            {"vehicle": ["a"], "ts": ["2024-05-01T08:00:00"], "lon": [116.5], "lat": [39.79], "blob": [b"\x01\xff"]}
        ),
        src,
    )
    ann = tmp_path / "rows.csv"
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--annotate", str(ann))
    assert res.returncode == 0, res.stderr
    assert _read_csv(ann, "utf-8")[1][4] == "01ff"


@pytest.mark.parametrize("kind", ["list", "struct"])
def test_events_annotate_csv_writes_nested_columns_as_json(tmp_path, kind):
    """List and struct columns are carried through, written to CSV as JSON text."""
    value = [1, 2] if kind == "list" else {"a": 1}
    src = tmp_path / "fixes.parquet"
    pq.write_table(
        pa.table({"vehicle": ["a"], "ts": ["2024-05-01T08:00:00"], "lon": [116.5], "lat": [39.79], "v": [value]}), src
    )
    ann = tmp_path / "rows.csv"
    res = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--annotate", str(ann))
    assert res.returncode == 0, res.stderr
    assert json.loads(_read_csv(ann, "utf-8")[1][4]) == value


# -- failed jobs leave nothing behind ---------------------------------------------------------
def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


LATE_CHINESE = "name,lon,lat\n" + "a,116.5,39.79\n" * 50 + "北京,116.5,39.79\n"


@pytest.mark.parametrize(
    ("case", "args"),
    [
        ("bad crs", ["--crs", "EPSG:999999"]),
        ("geocentric crs", ["--crs", "EPSG:4978"]),
        ("unwritable encoding", ["--output-encoding", "latin-1"]),
        ("unknown encoding", ["--output-encoding", "no-such-codec"]),
        ("no such column", ["--lon-col", "nope"]),
    ],
)
@pytest.mark.parametrize("existing", [False, True])
def test_failed_locate_leaves_no_output_and_no_temp_file(tmp_path, case, args, existing):
    """Exit 2; the target is absent or byte for byte what it was; no temporary file remains."""
    src = tmp_path / "in.csv"
    src.write_text(LATE_CHINESE, encoding="utf-8")
    dst = tmp_path / "out.csv"
    if existing:
        dst.write_bytes(b"old,contents\n1,2\n")
    before = _files(tmp_path)
    res = run_cli("locate", "--input", str(src), "--output", str(dst), *args)
    assert res.returncode == 2, (case, res.stderr)
    assert _files(tmp_path) == before
    assert _no_temp_files(tmp_path) == []


def test_locate_into_a_missing_folder_leaves_nothing(tmp_path):
    """An output folder that does not exist: exit 2 naming it, nothing written anywhere."""
    src = tmp_path / "in.csv"
    src.write_text(LATE_CHINESE, encoding="utf-8")
    before = _files(tmp_path)
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "missing" / "out.csv"))
    assert res.returncode == 2 and "missing" in res.stderr
    assert _files(tmp_path) == before and not (tmp_path / "missing").exists()


@pytest.mark.parametrize("args", [["--crs", "EPSG:999999"], ["--id-col", "nope"], ["--zones", "nowhere"]])
def test_failed_events_leave_no_outputs(tmp_path, args):
    """A failed events job writes none of its three outputs and no temporary file."""
    src = tmp_path / "fixes.csv"
    src.write_text(FIXES, encoding="utf-8")
    before = _files(tmp_path)
    res = run_cli(
        "events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--summary", str(tmp_path / "s.csv"),
        "--annotate", str(tmp_path / "rows.csv"), *args,
    )  # fmt: skip
    assert res.returncode == 2, res.stderr
    assert _files(tmp_path) == before
    assert _no_temp_files(tmp_path) == []


@pytest.mark.parametrize("own", [{}, {"status": ["x", "y"]}, {"used": [True, False]}])
def test_events_failing_at_the_annotation_leaves_no_outputs(tmp_path, own):
    """A job that fails at its last output (the annotated rows) leaves no file at any of its targets.

    The events and the summary are plain ASCII; only the annotated rows carry
    the input's Chinese text, which ``--output-encoding ascii`` cannot hold.
    An input column named as an added one (renamed ``status_2``) changes nothing.
    """
    src = tmp_path / "fixes.parquet"
    pq.write_table(
        pa.table({"vehicle": ["a", "a"], "ts": ["2024-05-01T08:00:00", "2024-05-01T08:01:00"], "lon": [116.5, 116.51],
                  "lat": [39.79, 39.8], "note": ["北京", "x"], **own}),
        src,
    )  # fmt: skip
    before = _files(tmp_path)
    res = run_cli(
        "events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--summary", str(tmp_path / "s.csv"),
        "--annotate", str(tmp_path / "rows.csv"), "--output-encoding", "ascii",
    )  # fmt: skip
    assert res.returncode == 2, res.stderr
    assert "rows.csv" in res.stderr and "ascii" in res.stderr
    assert _files(tmp_path) == before
    assert _no_temp_files(tmp_path) == []


@pytest.mark.parametrize("role", ["--output", "--summary", "--annotate"])
def test_events_output_hard_linked_to_the_input_is_refused(tmp_path, role):
    """An output that is the input file itself, also through a hard link, is refused before anything is written."""
    src = tmp_path / "fixes.csv"
    src.write_text(FIXES, encoding="utf-8")
    link = tmp_path / "link.csv"
    link.hardlink_to(src)
    outputs = {"--output": str(tmp_path / "ev.csv"), role: str(link)}
    res = run_cli("events", "--input", str(src), *[x for kv in outputs.items() for x in kv])
    assert res.returncode == 2
    assert link.stat().st_ino == src.stat().st_ino

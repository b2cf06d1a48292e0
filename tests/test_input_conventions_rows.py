"""Answers follow the conventions of the data they came from, and bad input is refused naming what would be right.

``locate_many``'s frame keeps a pandas input's ``attrs`` as ``classify`` does; one row of a GeoDataFrame given to
``locate`` is told to give its geometry; a GeoJSON Point with one coordinate, or with its coordinates written as
text, says so in its row's status (files and HTTP alike); a bare Feature POSTed is told to go in a
FeatureCollection, as a file job says it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from common import run_cli
from fastapi.testclient import TestClient
from shapely.geometry import Point

from avzone.errors import InputError
from avzone.i18n import written
from avzone.points import GEOJSON_ONE_COORDINATE_TEXT, to_points
from avzone.service import create_app

INSIDE = (116.5, 39.79)


def test_locate_many_keeps_a_pandas_inputs_attrs_as_classify_does(model: Any) -> None:
    df = pd.DataFrame({"lon": [INSIDE[0], 0.0], "lat": [INSIDE[1], 0.0]}, index=["a", "b"])
    df.attrs = {"source": "log", "meta": {"run": [1]}}
    before = copy.deepcopy(df.attrs)
    frame = model.locate_many(df).frame()
    assert frame.attrs == before == model.classify(df).attrs
    frame.attrs["meta"]["run"].append(2)  # (a copy: the input's are never changed through the answer's)
    assert df.attrs == before
    geo = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(*INSIDE)], crs="EPSG:4326")
    geo.attrs = {"source": "geo"}
    assert model.locate_many(geo).frame().attrs == {"source": "geo"}
    lons, lats = pd.Series([INSIDE[0]]), pd.Series([INSIDE[1]])
    lons.attrs = {"a": 1}
    assert model.locate_many(lons, lats).frame().attrs == {"a": 1}
    assert model.locate_many([INSIDE[0]], [INSIDE[1]]).frame().attrs == {}


def test_locate_manys_notes_go_after_the_inputs_own(model: Any) -> None:
    df = pd.DataFrame({"lon": [INSIDE[0]], "lat": [INSIDE[1]]})
    (note,) = model.locate_many(df, crs="EPSG:4214").frame().attrs["notes"]  # (Beijing 1954: no datum shift known)
    df.attrs = {"notes": ["checked by hand"]}
    assert model.locate_many(df, crs="EPSG:4214").frame().attrs == {"notes": ["checked by hand", note]}
    assert model.classify(df, crs="EPSG:4214").attrs == {"notes": ["checked by hand", note]}
    df.attrs = {"notes": "checked by hand"}  # (not a list: kept, avzone's notes beside it)
    expected = {"notes": "checked by hand", "avzone_notes": [note]}
    assert model.locate_many(df, crs="EPSG:4214").frame().attrs == expected
    assert model.classify(df, crs="EPSG:4214").attrs == expected


def test_locate_of_a_row_holding_a_geometry_says_to_pass_the_geometry(model: Any) -> None:
    geo = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(*INSIDE)], crs="EPSG:4326")
    with pytest.raises(InputError) as caught:
        model.locate(geo.iloc[0])
    said = caught.value
    assert "got a row of a frame (a Series of 2 values, the geometry in 'geometry')" in str(said)
    assert "locate(row['geometry'], crs=frame.crs)" in str(said) and "locate(lon, lat)" in str(said)
    assert "got 2 values" not in str(said)
    assert "locate(row['geometry'], crs=frame.crs)" in written(said, "zh") and "数据框的一行" in written(said, "zh")
    # what it says to pass answers: the row's geometry with its frame's CRS
    assert model.locate(geo.iloc[0]["geometry"], crs=geo.crs).zones == model.locate(*INSIDE).zones
    # a row of plain numbers is several values, as before
    with pytest.raises(InputError, match=r"got 2 values \(Series\)"):
        model.locate(pd.DataFrame({"lon": [INSIDE[0]], "lat": [INSIDE[1]]}).iloc[0])


GEOMETRIES = [
    ({"type": "Point", "coordinates": list(INSIDE)}, "ok", "ok"),
    (
        {"type": "Point", "coordinates": [INSIDE[0]]},
        GEOJSON_ONE_COORDINATE_TEXT,
        "GeoJSON 点只有一个坐标，需要两个：[经度, 纬度]",
    ),
    ({"type": "Point", "coordinates": []}, "no point geometry", "没有点几何"),
]
#: Coordinates written as text (RFC 7946 allows numbers only): read as the same text in a CSV cell or a posted pair.
TEXTS = [(str(INSIDE[0]), str(INSIDE[1])), (INSIDE[0], "39.79"), ("abc", "39.79"), (" 116.5", "NaN")]


def test_a_geojson_point_of_one_coordinate_says_so_in_a_file_and_over_http(model: Any, tmp_path: Any) -> None:
    feats = [{"type": "Feature", "properties": {"n": i}, "geometry": g} for i, (g, _, _) in enumerate(GEOMETRIES)]
    doc = {"type": "FeatureCollection", "features": feats}
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0, out.stderr
    statuses = [en for _, en, _ in GEOMETRIES]
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False)
    assert rows["status"].tolist() == statuses  # (every feature keeps its row)
    assert f"1: {GEOJSON_ONE_COORDINATE_TEXT}" in out.stderr
    zh = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"), "--lang", "zh")
    assert all(words in zh.stderr for _, _, words in GEOMETRIES[1:])
    client = TestClient(create_app(model))
    answer = client.post("/v1/locate", json=doc).json()
    assert [r["status"] for r in answer["results"]] == statuses  # (the same rule as the file's)


def test_geojson_coordinates_written_as_text_read_as_a_csv_cell_or_a_posted_pair_reads_them(
    model: Any, tmp_path: Any
) -> None:
    feats = [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": list(xy)}} for xy in TEXTS
    ]
    doc = {"type": "FeatureCollection", "features": feats}
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    assert run_cli("locate", "--input", str(src), "-o", str(tmp_path / "geo.csv")).returncode == 0
    from_geojson = pd.read_csv(tmp_path / "geo.csv", dtype=str, keep_default_na=False)["status"].tolist()
    pd.DataFrame([[str(v) for v in xy] for xy in TEXTS], columns=["lon", "lat"]).to_csv(
        tmp_path / "in.csv", index=False
    )
    assert run_cli("locate", "--input", str(tmp_path / "in.csv"), "-o", str(tmp_path / "csv.csv")).returncode == 0
    from_csv = pd.read_csv(tmp_path / "csv.csv", dtype=str, keep_default_na=False)["status"].tolist()
    client = TestClient(create_app(model))
    posted = [r["status"] for r in client.post("/v1/locate", json=doc).json()["results"]]
    pairs = [r["status"] for r in client.post("/v1/locate", json=[list(xy) for xy in TEXTS]).json()["results"]]
    assert from_geojson == from_csv == posted == pairs == ["ok", "ok", "lon not a number", "lat not finite"]


def test_a_bare_feature_posted_is_told_to_go_in_a_feature_collection_as_a_file_job_says(
    model: Any, tmp_path: Any
) -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": list(INSIDE)}}
    client = TestClient(create_app(model))
    for body in (feature, feature["geometry"]):
        r = client.post("/v1/locate", json=body)
        kind = body["type"]
        assert r.status_code == 422
        said = r.json()["detail"]
        assert said.startswith(f"body is a GeoJSON {kind} alone (got ") and "not a FeatureCollection: put it in" in said
        src = tmp_path / "one.geojson"
        src.write_text(json.dumps(body), encoding="utf-8")
        cli = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
        assert cli.returncode == 2 and f"a GeoJSON {kind} alone" in cli.stderr
        assert said.split("), ", 1)[1] in cli.stderr  # (what to do: the same words)
        zh = client.post("/v1/locate", params={"lang": "zh"}, json=body).json()["detail"]
        assert zh.startswith(f"请求体只有一个 GeoJSON {kind}")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (b"lon,lat", b"lon,lat,in_core,in_current,in_planned,in_outlook,status"),
        (b"lon,lat\n", b"lon,lat,in_core,in_current,in_planned,in_outlook,status\n"),
        (b"lon,lat\r\n", b"lon,lat,in_core,in_current,in_planned,in_outlook,status\r\n"),
        (b"sep=;\nlon;lat", b"sep=;\nlon;lat;in_core;in_current;in_planned;in_outlook;status"),
        (b"lon,lat\x1a", b"lon,lat,in_core,in_current,in_planned,in_outlook,status\x1a"),  # (lat: not 'lat\x1a')
    ],
    ids=["no line end", "LF", "CRLF", "sep line, no line end", "Ctrl-Z, no line end"],
)
def test_a_header_alone_keeps_its_line_end_or_its_lack_of_one(tmp_path: Any, text: bytes, written: bytes) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(text)
    job = run_cli("locate", "--input", str(src), "-o", str(out))
    assert job.returncode == 0, job.stderr
    assert out.read_bytes() == written  # (as a file of rows keeps its last row's: the layout of the file)


def test_a_geodataframe_without_a_crs_is_taken_as_wgs84_and_every_entry_point_says_so(model: Any) -> None:
    fixes = gpd.GeoDataFrame(
        {"vehicle": [1, 1], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"]},
        geometry=[Point(*INSIDE), Point(116.6, 39.8)],
    )
    assert fixes.crs is None
    said = {
        "classify": model.classify(fixes).attrs["notes"],
        "classify GeoSeries": model.classify(fixes.geometry).attrs["notes"],
        "locate_many": model.locate_many(fixes).notes,
        "locate_many frame": model.locate_many(fixes).frame().attrs["notes"],
        "events": model.events(fixes).notes,
        "to_points": list(to_points(fixes).notes),
    }
    for entry, notes in said.items():
        (note,) = notes
        kind = "GeoSeries" if "GeoSeries" in entry else "GeoDataFrame"
        assert note.startswith(f"the {kind} has no CRS (its crs is None): its coordinates were taken as WGS84"), entry
        assert 'gdf.set_crs("EPSG:...")' in note and "crs=" in note
        assert "EPSG:4326" in written(note, "zh") and "没有坐标系" in written(note, "zh")
    # taken as WGS84 as before: the answers of the frame labelled so, which needs no note
    labelled = fixes.set_crs("EPSG:4326")
    assert model.classify(fixes).equals(model.classify(labelled))
    assert "notes" not in model.classify(labelled).attrs and model.events(labelled).notes == []
    # crs= given: the coordinates' CRS is known, nothing to say
    assert "notes" not in model.classify(fixes, crs="EPSG:4326").attrs
    assert model.events(fixes, crs="EPSG:4326").notes == []


def test_the_rows_a_summary_names_say_their_file_lines_as_the_map_does(tmp_path: Any) -> None:
    src = tmp_path / "fixes.csv"
    # (an empty line, and a quoted cell of two lines: row N is then not on line N + 2)
    src.write_text(
        'vehicle,ts,lon,lat,note\n\nA,2024-07-01 08:00,x,39.79,\nA,2024-07-01 08:10,116.5,39.79,"two\nlines"\n'
        "A,2024-07-01 08:20,y,39.79,\n",
        encoding="utf-8",
    )
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0, out.stderr
    assert "    row 0 (line 3 of the file), lon = 'x'" in out.stderr
    assert "    row 2 (line 6 of the file), lon = 'y'" in out.stderr
    assert "the rows named: row numbers count from 0" in out.stderr  # (the convention named, as before)
    zh = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"), "--lang", "zh").stderr
    assert "    第 0 行（位于文件第 3 行），lon = 'x'" in zh
    events = run_cli("events", "--input", str(src), "-o", str(tmp_path / "events.csv"))
    assert events.returncode == 0 and "    row 0 (line 3 of the file), lon = 'x'" in events.stderr
    # the map names the same rows by the same numbers and lines
    drawn = run_cli("map", "--track", str(src), "-o", str(tmp_path / "map.html"))
    assert drawn.returncode == 0 and "(rows 0, 2, on lines 3, 6 of the file)" in drawn.stderr, drawn.stderr
    summary = json.loads(run_cli("locate", "--input", str(src), "-o", str(tmp_path / "r.csv"), "--json").stdout)
    assert summary["examples_by_status"]["lon not a number"][0] == {
        "row": 0,
        "lines": [3, 3],
        "values": [{"column": "lon", "value": "'x'"}],
    }
    # a row spanning lines says them; a file without lines (Parquet) gives its row numbers alone
    src.write_text('lon,note\n116.5,"a\nb"\nx,"c\nd"\n', encoding="utf-8")
    assert (
        "    row 1 (lines 4-5 of the file), lon = 'x'"
        in run_cli("locate", "--input", str(src), "--lat-col", "note", "-o", str(tmp_path / "rows.csv")).stderr
    )
    pd.DataFrame({"lon": ["116.5", "x"], "lat": ["39.79", "39.79"]}).to_parquet(tmp_path / "p.parquet")
    parquet = run_cli("locate", "--input", str(tmp_path / "p.parquet"), "-o", str(tmp_path / "p.csv"))
    assert "    row 1, lon = 'x'" in parquet.stderr


@pytest.mark.parametrize("name", ["fixes.csv", "fixes.geojson", "fixes.parquet"])
def test_an_empty_file_is_refused_naming_it_and_saying_it_is_empty_by_every_job(tmp_path: Any, name: str) -> None:
    """No header, so no output of the input's columns can be written: refused, not answered with an empty file."""
    src = tmp_path / name
    src.write_bytes(b"")
    for args in (
        ("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv")),
        ("events", "--input", str(src), "-o", str(tmp_path / "events.csv")),
        ("map", "--points", str(src), "-o", str(tmp_path / "map.html")),
        ("map", "--track", str(src), "-o", str(tmp_path / "map.html")),
    ):
        out = run_cli(*args)
        assert out.returncode == 2 and out.stderr == f"avzone: error: {src}: the file is empty\n", args
        zh = run_cli(*args, "--lang", "zh")
        assert zh.stderr == f"avzone: 错误：{src}：文件是空的\n", args
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # (nothing written)


def test_rows_past_the_first_million_are_named_by_their_row_alone(tmp_path: Any, monkeypatch: Any, capsys: Any) -> None:
    """Finding a file line re-reads the file with Python's csv module: never further than ROW_LINES_MAX_ROWS rows
    (a bad row near the end of a 10 GB file would cost the job a second, slow, read)."""
    from avzone import batch
    from avzone.cli import main

    src = tmp_path / "fixes.csv"
    src.write_text("lon,lat\nx,39.79\n116.5,39.79\n116.5,39.79\ny,39.79\n", encoding="utf-8")
    monkeypatch.setattr(batch, "ROW_LINES_MAX_ROWS", 3)
    assert main(["locate", "--input", str(src), "-o", str(tmp_path / "rows.csv")]) == 0
    said = capsys.readouterr().err
    assert "    row 0 (line 2 of the file), lon = 'x'" in said
    assert "    row 3, lon = 'y'" in said  # (past the rows whose lines are looked for)

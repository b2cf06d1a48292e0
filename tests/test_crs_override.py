"""A file's declared CRS meets --crs / crs= by one rule, in every entry point.

GCJ-02 points in a GeoParquet or GeoJSON file labelled EPSG:4326 (what GIS tools that know no GCJ-02 write):
``--crs gcj02`` contradicts the label. Every command and function that reads such a file (``avzone locate
--input``, local and Dask; ``avzone events --input``, local and Dask; ``avzone map --points/--track``;
``locate_file``, ``read_points``, ``read_fixes``, ``events_file``, ``locate_parquet_dask``,
``events_parquet_dask``; ``POST /v1/locate`` with a ``crs`` member) refuses it, naming the file, both CRSs and
``--override-crs``; with ``--override-crs`` (``override_crs=True``, ``override_crs=true``) the points are read
in the given CRS, and a note says so. A GeoParquet file's geometry column used to refuse the given CRS with no
way to override it, while a GeoJSON file's member was overridden by any --crs: the same mislabel gave two
behaviours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from common import TIANANMEN, YIZHUANG_CORE, run_cli

from avzone.crs import wgs84_to_gcj02
from avzone.errors import AvzoneError, InputError

#: WGS84 points whose GCJ-02 numbers, read as WGS84 (the wrong label), fall in other zones (checked below).
NEAR_EDGE = [(116.6244, 39.7680), (116.6143, 39.7951)]
POINTS = [YIZHUANG_CORE, TIANANMEN, *NEAR_EDGE]
ZONES = ["core", "current", "planned", "outlook"]


def _gcj() -> tuple[np.ndarray, np.ndarray]:
    lon, lat = wgs84_to_gcj02(np.array([p[0] for p in POINTS]), np.array([p[1] for p in POINTS]))
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


@pytest.fixture(scope="module")
def want(model) -> list[list[bool]]:
    """Which zones cover each point (the WGS84 truth); the GCJ-02 numbers read as WGS84 give other answers."""
    truth = [[model.locate(*p).zones[z] for z in ZONES] for p in POINTS]
    x, y = _gcj()
    wrong = [[model.locate(float(a), float(b)).zones[z] for z in ZONES] for a, b in zip(x, y, strict=True)]
    assert truth[2:] != wrong[2:], "the mislabel must change the answers, or the tests prove nothing"
    return truth


def _frame(extra: dict[str, Any] | None = None) -> Any:
    import geopandas as gpd

    x, y = _gcj()
    return gpd.GeoDataFrame(
        {"k": range(len(POINTS)), **(extra or {})}, geometry=gpd.points_from_xy(x, y), crs="EPSG:4326"
    )


def _mislabelled(tmp_path: Path, fmt: str, name: str = "gcj") -> Path:
    """GCJ-02 points in a file that declares EPSG:4326 (GeoParquet PROJJSON, or GDAL's GeoJSON 'crs' member)."""
    src = tmp_path / f"{name}.{fmt}"
    if fmt == "parquet":
        _frame().to_parquet(src)
    else:
        _frame().to_file(src, driver="GeoJSON")
        assert "crs" in json.loads(src.read_text(encoding="utf-8"))  # (GDAL writes CRS84 for EPSG:4326)
    return src


def _fixes(tmp_path: Path, fmt: str) -> Path:
    """One vehicle driving through the points once a minute, as GCJ-02 points labelled EPSG:4326."""
    times = [f"2024-07-01 08:0{i}:00" for i in range(len(POINTS))]
    src = tmp_path / f"fixes.{fmt}"
    frame = _frame({"vehicle": ["a"] * len(POINTS), "ts": times})
    if fmt == "parquet":
        frame.to_parquet(src)
    else:
        frame.to_file(src, driver="GeoJSON")
    return src


def _answers(path: Path) -> list[list[bool]]:
    out = pd.read_parquet(path) if path.suffix == ".parquet" or path.is_dir() else pd.read_csv(path)
    out = out.sort_values("k") if "k" in out.columns else out
    return [[bool(out[f"in_{z}"].iloc[i]) for z in ZONES] for i in range(len(out))]


def _refusal_named(text: str, src: Path) -> None:
    assert str(src) in text and "--crs gcj02 contradicts" in text, text
    assert "EPSG:4326" in text and "--override-crs" in text, text


@pytest.fixture(scope="module")
def reference_events(model) -> list[tuple[str, str]]:
    times = pd.date_range("2024-07-01 08:00", periods=len(POINTS), freq="1min")
    frame = pd.DataFrame({"vehicle": "a", "ts": times, "lon": [p[0] for p in POINTS], "lat": [p[1] for p in POINTS]})
    ev = model.events(frame).events
    assert len(ev) >= 2
    return sorted(zip(ev["zone"].astype(str), ev["event"].astype(str), strict=True))


def _events_of(path: Path) -> list[tuple[str, str]]:
    ev = pd.read_parquet(path) if path.suffix == ".parquet" or path.is_dir() else pd.read_csv(path)
    return sorted(zip(ev["zone"].astype(str), ev["event"].astype(str), strict=True))  # (Dask's parts: any order)


def _dask(engine: str, request: pytest.FixtureRequest) -> tuple[str, ...]:
    if engine == "local":
        return ()
    return ("--engine", "dask", "--scheduler", request.getfixturevalue("dask_scheduler"))


# -- avzone locate --input ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "engine"), [("parquet", "local"), ("geojson", "local"), ("parquet", "dask")])
def test_locate_refuses_a_contradicting_crs_and_overrides_it_when_told(tmp_path, want, fmt, engine, request):
    src = _mislabelled(tmp_path, fmt)
    dst = tmp_path / ("out.parquet" if engine == "dask" else "out.csv")
    refused = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", *_dask(engine, request))
    assert refused.returncode == 2 and not dst.exists()
    _refusal_named(refused.stderr, src)
    r = run_cli(
        "locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs",
        *_dask(engine, request),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _answers(dst) == want
    assert "--override-crs: the geometries were read in gcj02, not in the CRS the file declares" in r.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "--output", str(tmp_path / "zh.csv"), "--crs", "gcj02")
    assert zh.returncode == 2 and "请同时给出 --override-crs，按 gcj02" in zh.stderr, zh.stderr


def test_the_file_crs_still_wins_without_crs_and_the_same_crs_is_no_conflict(tmp_path):
    src = _mislabelled(tmp_path, "parquet")
    for extra in ((), ("--crs", "EPSG:4326"), ("--crs", "OGC:CRS84")):
        r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), *extra)
        assert r.returncode == 0 and "override" not in r.stderr, (extra, r.stderr)


@pytest.mark.parametrize("fmt", ["parquet", "geojson"])
def test_a_file_that_writes_no_crs_is_read_in_the_crs_given(tmp_path, want, fmt):
    """A GeoParquet column without a ``crs`` key (DuckDB and others write none), like a GeoJSON file without a
    ``crs`` member, declares no CRS: ``--crs gcj02`` applies, as for a CSV file (it was refused for GeoParquet as
    contradicting the EPSG:4326 the format defaults to)."""
    src = tmp_path / f"bare.{fmt}"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        _frame().to_parquet(src)
        table = pq.read_table(src)
        geo = json.loads(table.schema.metadata[b"geo"])
        del geo["columns"]["geometry"]["crs"]
        pq.write_table(table.replace_schema_metadata({b"geo": json.dumps(geo).encode()}), src)
    else:
        _frame().to_file(src, driver="GeoJSON")
        doc = json.loads(src.read_text(encoding="utf-8"))
        del doc["crs"]
        src.write_text(json.dumps(doc), encoding="utf-8")
    dst = tmp_path / "out.csv"
    r = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02")
    assert r.returncode == 0, r.stderr
    assert _answers(dst) == want and "override" not in r.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["locate", "--input", "IN", "--output", "OUT"],
        ["events", "--input", "IN", "--output", "OUT"],
        ["map", "--points", "IN", "-o", "OUT"],
        ["map", "--track", "IN", "-o", "OUT"],
    ],
)
def test_override_crs_without_crs_is_refused(tmp_path, argv):
    src = _mislabelled(tmp_path, "parquet")
    out = tmp_path / ("out.html" if argv[0] == "map" else "out.csv")
    args = [str(src) if a == "IN" else str(out) if a == "OUT" else a for a in argv]
    r = run_cli(*args, "--override-crs")
    assert r.returncode == 2 and "--override-crs needs --crs" in r.stderr, r.stderr
    assert not out.exists()


def test_override_crs_where_no_file_is_read_is_refused():
    one = run_cli("locate", "116.5", "39.79", "--crs", "gcj02", "--override-crs")
    assert one.returncode == 2 and "--override-crs is for file jobs" in one.stderr, one.stderr
    located = run_cli("map", "--locate", "116.5", "39.79", "--crs", "gcj02", "--override-crs")
    assert located.returncode == 2 and "--override-crs is for --points or --track files" in located.stderr


# -- avzone events --input -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "engine"), [("parquet", "local"), ("geojson", "local"), ("parquet", "dask")])
def test_events_refuses_a_contradicting_crs_and_overrides_it_when_told(
    tmp_path, reference_events, fmt, engine, request
):
    src = _fixes(tmp_path, fmt)
    dst = tmp_path / ("events.parquet" if engine == "dask" else "events.csv")
    refused = run_cli("events", "--input", str(src), "--output", str(dst), "--crs", "gcj02", *_dask(engine, request))
    assert refused.returncode == 2 and not dst.exists()
    _refusal_named(refused.stderr, src)
    r = run_cli(
        "events", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs",
        *_dask(engine, request),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _events_of(dst) == reference_events


# -- avzone map --points / --track ---------------------------------------------------------------------------------
def test_map_points_and_track_refuse_and_override_alike(tmp_path, model, want):
    src = _mislabelled(tmp_path, "parquet")
    out = tmp_path / "map.html"
    refused = run_cli("map", "--points", str(src), "--crs", "gcj02", "--tiles", "none", "-o", str(out))
    assert refused.returncode == 2 and not out.exists()
    _refusal_named(refused.stderr, src)
    r = run_cli("map", "--points", str(src), "--crs", "gcj02", "--override-crs", "--tiles", "none", "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    import re

    data = json.loads(
        re.findall(r'<script type="application/json" class="avzone-data"[^>]*>(.*?)</script>', page, re.S)[0]
    )
    drawn = np.array([it[:2] for it in data["points"]["items"]], dtype=float)
    assert np.allclose(drawn, np.array(POINTS), atol=1e-5, rtol=0)
    fixes = _fixes(tmp_path, "geojson")
    refused = run_cli("map", "--track", str(fixes), "--crs", "gcj02", "--tiles", "none", "-o", str(out))
    assert refused.returncode == 2
    _refusal_named(refused.stderr, fixes)
    r = run_cli("map", "--track", str(fixes), "--crs", "gcj02", "--override-crs", "--tiles", "none", "-o", str(out))
    assert r.returncode == 0, r.stderr


# -- the library -----------------------------------------------------------------------------------------------------
def test_library_file_functions_take_override_crs(tmp_path, model, want, reference_events):
    from avzone.batch import locate_file, read_fixes, read_points
    from avzone.tracks import events_file

    src = _mislabelled(tmp_path, "parquet")
    with pytest.raises(InputError, match=r"crs='gcj02' contradicts .*also give override_crs=True "):
        read_points(src, crs="gcj02")
    pts = read_points(src, crs="gcj02", override_crs=True)
    assert np.allclose(pts[["lon", "lat"]].to_numpy(), np.array(POINTS), atol=1e-7, rtol=0)
    assert any(str(n).startswith("override_crs=True: the geometries were read in") for n in pts.attrs["notes"])
    with pytest.raises(InputError, match="contradicts"):
        locate_file(model, src, tmp_path / "a.csv", crs="gcj02")
    summary = locate_file(model, src, tmp_path / "a.csv", crs="gcj02", override_crs=True)
    assert _answers(tmp_path / "a.csv") == want and any("override_crs=True" in str(n) for n in summary.notes)
    with pytest.raises(AvzoneError, match="needs crs="):
        locate_file(model, src, tmp_path / "b.csv", override_crs=True)
    fixes = _fixes(tmp_path, "geojson")
    with pytest.raises(InputError, match="'crs' member declares"):
        read_fixes(fixes, crs="gcj02")
    got = read_fixes(fixes, crs="gcj02", override_crs=True)
    assert np.allclose(got[["lon", "lat"]].to_numpy(), np.array(POINTS), atol=1e-7, rtol=0)
    with pytest.raises(InputError, match="contradicts"):
        events_file(model, fixes, tmp_path / "e.csv", crs="gcj02")
    events_file(model, fixes, tmp_path / "e.csv", crs="gcj02", override_crs=True)
    assert _events_of(tmp_path / "e.csv") == reference_events


def test_a_geodataframe_crs_meets_crs_by_the_same_rule(model):
    frame = _frame()
    with pytest.raises(InputError, match=r"crs='gcj02' contradicts the CRS of the GeoSeries/GeoDataFrame"):
        model.classify(frame, crs="gcj02")
    assert model.classify(frame, crs="EPSG:4326").shape[0] == len(POINTS)  # the same CRS: no conflict
    relabelled = frame.set_crs(None, allow_override=True)
    got = model.classify(relabelled, crs="gcj02")
    assert [[bool(got[z].iloc[i]) for z in ZONES] for i in range(len(POINTS))] == [
        [model.locate(*p).zones[z] for z in ZONES] for p in POINTS
    ]


# -- Dask: one rule for every part -----------------------------------------------------------------------------------
@pytest.mark.parametrize("events", [False, True])
def test_dask_parts_meet_crs_each_by_the_rule(tmp_path, model, events):
    """A part that writes no CRS is read in --crs; another part that declares EPSG:4326 contradicts it, and is
    named (it was read in the first part's CRS, without a word, when that part wrote none)."""
    import pyarrow.parquet as pq

    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frame = _frame(
        {"vehicle": ["a"] * len(POINTS), "ts": pd.date_range("2024-07-01", periods=len(POINTS), freq="1min")}
    )
    frame.iloc[:2].to_parquet(folder / "part.0.parquet")
    table = pq.read_table(folder / "part.0.parquet")
    geo = json.loads(table.schema.metadata[b"geo"])
    del geo["columns"]["geometry"]["crs"]
    pq.write_table(
        table.replace_schema_metadata({**table.schema.metadata, b"geo": json.dumps(geo).encode()}),
        folder / "part.0.parquet",
    )
    frame.iloc[2:].to_parquet(folder / "part.1.parquet")
    run = events_parquet_dask if events else locate_parquet_dask
    with pytest.raises(InputError) as err:
        run(model, folder, tmp_path / "out", crs="gcj02", scheduler="synchronous")
    assert str(folder / "part.1.parquet") in str(err.value) and "override_crs=True" in str(err.value)
    assert not (tmp_path / "out").exists()


# -- the HTTP service ------------------------------------------------------------------------------------------------
def test_http_body_member_meets_crs_by_the_same_rule(model, want):
    from starlette.testclient import TestClient

    from avzone.service.app import create_app

    client = TestClient(create_app(model))
    x, y = _gcj()
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [float(a), float(b)]}}
            for a, b in zip(x, y, strict=True)
        ],
    }
    refused = client.post("/v1/locate", params={"crs": "gcj02"}, json=doc)
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"] == (
        "crs=gcj02 contradicts the CRS the body's 'crs' member declares (EPSG:4326); leave crs out to use the "
        "member's, or, if the member is a wrong label, also give override_crs=true to read the points in gcj02"
    )
    r = client.post("/v1/locate", params={"crs": "gcj02", "override_crs": "true"}, json=doc)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [[res["zones"][z] for z in ZONES] for res in body["results"]] == want
    assert any(n.startswith("override_crs=true: the geometries were read in gcj02") for n in body["notes"])
    same = client.post("/v1/locate", params={"crs": "EPSG:4326"}, json=doc)
    assert same.status_code == 200 and "notes" not in same.json()
    alone = client.post("/v1/locate", params={"override_crs": "true"}, json=doc)
    assert alone.status_code == 422 and alone.json()["detail"].startswith("override_crs=true needs crs")


# -- what an output declares -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "engine"), [("parquet", "local"), ("geojson", "local"), ("parquet", "dask")])
def test_an_output_declares_the_crs_the_points_were_read_in(tmp_path, want, fmt, engine, request):
    """A GeoParquet or GeoJSON output keeps its input's geometries and their declaration: with --override-crs it
    declares the CRS given, not the label overridden (it repeated EPSG:4326 for GCJ-02 geometries), so that it
    reads back, with no --crs, with the same answers."""
    import geopandas as gpd

    src = _mislabelled(tmp_path, fmt)
    dst = tmp_path / f"out.{fmt}"
    r = run_cli(
        "locate", "--input", str(src), "--output", str(dst), "--crs", "gcj02", "--override-crs",
        *_dask(engine, request),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    if fmt == "parquet":
        assert gpd.read_parquet(dst).crs.name == "GCJ-02"
        back = pd.read_parquet(dst)
    else:
        assert "GCJ-02" in json.loads(dst.read_text(encoding="utf-8"))["crs"]["properties"]["name"]
        back = gpd.read_file(dst)
    again = tmp_path / "again.csv"
    plain = tmp_path / "plain.parquet" if engine == "dask" else dst  # (a folder of parts: one file of them)
    if engine == "dask":
        import pyarrow.parquet as pq

        pq.write_table(pq.read_table(dst), plain)
    r = run_cli("locate", "--input", str(plain), "--output", str(again))
    assert r.returncode == 0, r.stderr
    got = pd.read_csv(again).sort_values("k")
    assert [[bool(got[f"in_{z}_2"].iloc[i]) for z in ZONES] for i in range(len(got))] == want
    assert len(back) == len(POINTS)


@pytest.mark.parametrize("crs", ["gcj02", "EPSG:3857"])
def test_a_geojson_output_declares_the_crs_given_for_geometries_the_input_did_not_declare(tmp_path, want, crs):
    """A GeoJSON file with no 'crs' member (RFC 7946: WGS84) read with --crs gcj02 had its features written back as
    they are, GCJ-02 numbers, under no member: read back (or by any GIS) as WGS84, other answers. The output
    declares the CRS its geometries were read in, as the GeoParquet output of the same job does."""
    x, y = _gcj()
    if crs == "EPSG:3857":
        from avzone.crs import from_wgs84

        x, y = from_wgs84(np.array([p[0] for p in POINTS]), np.array([p[1] for p in POINTS]), crs)
    feats = [
        {"type": "Feature", "properties": {"k": i}, "geometry": {"type": "Point", "coordinates": [float(a), float(b)]}}
        for i, (a, b) in enumerate(zip(x, y, strict=True))
    ]
    src, dst, again = tmp_path / "in.geojson", tmp_path / "out.geojson", tmp_path / "again.csv"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    r = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", crs)
    assert r.returncode == 0, r.stderr
    doc = json.loads(dst.read_text(encoding="utf-8"))
    assert [f["geometry"] for f in doc["features"]] == [f["geometry"] for f in feats]  # (kept as they were)
    name = doc["crs"]["properties"]["name"]
    assert ("GCJ-02" in name) if crs == "gcj02" else (name == "urn:ogc:def:crs:EPSG::3857")
    r = run_cli("locate", "--input", str(dst), "--output", str(again))
    assert r.returncode == 0, r.stderr
    got = pd.read_csv(again)
    assert [[bool(got[f"in_{z}_2"].iloc[i]) for z in ZONES] for i in range(len(got))] == want
    assert [[bool(got[f"in_{z}"].iloc[i]) for z in ZONES] for i in range(len(got))] == want


def test_a_geojson_output_of_wgs84_geometries_gets_no_crs_member(tmp_path):
    feats = [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": list(YIZHUANG_CORE)}}]
    src, dst = tmp_path / "in.geojson", tmp_path / "out.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    for given in ([], ["--crs", "EPSG:4326"]):
        assert run_cli("locate", "--input", str(src), "--output", str(dst), *given).returncode == 0
        assert "crs" not in json.loads(dst.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", ["events", "map"])
def test_override_crs_for_tdrive_files_is_refused(tmp_path, command):
    """T-Drive lines declare no CRS: --override-crs would do nothing there (--crs alone applies), and is refused
    as the other options T-Drive's fixed columns make moot are."""
    src = tmp_path / "1.txt"
    src.write_text("1,2008-02-02 15:36:08,116.51172,39.92123\n1,2008-02-02 15:46:08,116.51135,39.93883\n")
    out = tmp_path / ("out.html" if command == "map" else "out.csv")
    where = ["--track", str(src), "-o", str(out)] if command == "map" else ["--input", str(src), "--output", str(out)]
    r = run_cli(command, *where, "--input-format", "tdrive", "--crs", "gcj02", "--override-crs")
    assert r.returncode == 2 and "--override-crs does not apply to --input-format tdrive" in r.stderr, r.stderr
    assert not out.exists()
    assert run_cli(command, *where, "--input-format", "tdrive", "--crs", "gcj02").returncode == 0


# -- a frame's attrs["crs"] ------------------------------------------------------------------------------------------
def test_a_frame_whose_attrs_crs_is_not_wgs84_needs_crs(model):
    """synthetic_fleet(gcj02=True) says attrs["crs"] == "gcj02"; model.events, model.classify (a frame, or its
    columns, which pandas gives the frame's attrs), split_tracks and the map took such a frame as WGS84, a few
    hundred metres off. Without crs= they refuse it now, naming the CRS; any crs= given is used."""
    from avzone.fleet import synthetic_fleet
    from avzone.maps import split_tracks

    gcj = synthetic_fleet(model, vehicles=2, fixes=20, seed=4, gcj02=True)
    wgs = synthetic_fleet(model, vehicles=2, fixes=20, seed=4)
    assert gcj.attrs["crs"] == "gcj02" and wgs.attrs["crs"] == "EPSG:4326"
    for call in (
        lambda: model.events(gcj),
        lambda: model.classify(gcj),
        lambda: model.classify(gcj["lon"], gcj["lat"]),
        lambda: split_tracks(model, gcj, zone="current"),
    ):
        with pytest.raises(InputError, match=r"attrs\['crs'\] says its coordinates are in gcj02.*give crs='gcj02'"):
            call()
    with pytest.raises(InputError, match=r"points=: the frame's attrs\['crs'\] says its coordinates are in gcj02"):
        model.map(points=gcj, tiles="none")
    want = model.classify(wgs)
    assert model.classify(gcj, crs=gcj.attrs["crs"]).equals(want)  # (the same fixes, in GCJ-02 and WGS84)
    counts = ["id", "zone", "enters", "exits", "gaps"]
    assert model.events(gcj, crs="gcj02").summary[counts].equals(model.events(wgs).summary[counts])
    model.map(points=wgs, tiles="none")  # WGS84 attrs: nothing to refuse


def test_attrs_crs_is_refused_for_many_points_and_for_geometry_frames(model):
    """More than 64 float64 points took classify's one pass of the index, which never looked at attrs["crs"]: a
    synthetic_fleet(gcj02=True) frame of 100 fixes (or its columns) was read as WGS84, a few hundred metres off,
    while one of 40 was refused. A GeoSeries / GeoDataFrame made from such a frame keeps its attrs and was read as
    WGS84 too, where model.events refuses it. Now all are refused without crs=, and crs= is used."""
    import geopandas as gpd

    from avzone.fleet import synthetic_fleet

    gcj = synthetic_fleet(model, vehicles=2, fixes=50, seed=4, gcj02=True)
    wgs = synthetic_fleet(model, vehicles=2, fixes=50, seed=4)
    assert len(gcj) > 64 and gcj.attrs["crs"] == "gcj02"
    frame = gpd.GeoDataFrame(gcj, geometry=gpd.points_from_xy(gcj.lon, gcj.lat))
    assert frame.crs is None and frame.attrs["crs"] == "gcj02"
    for call in (
        lambda: model.classify(gcj),
        lambda: model.classify(gcj["lon"], gcj["lat"]),
        lambda: model.locate_many(gcj["lon"], gcj["lat"]),
        lambda: model.classify(frame),
        lambda: model.classify(frame.geometry),
    ):
        with pytest.raises(InputError, match=r"attrs\['crs'\] says its coordinates are in gcj02.*give crs='gcj02'"):
            call()
    with pytest.raises(InputError, match=r"points=: the frame's attrs\['crs'\] says its coordinates are in gcj02"):
        model.map(points=frame, tiles="none")
    want = model.classify(wgs)
    assert not model.classify(gcj, crs="EPSG:4326").equals(want)  # (read as WGS84 the answers differ)
    assert model.classify(gcj, crs="gcj02").equals(want)
    assert model.classify(frame, crs="gcj02").equals(want)
    labelled = frame.set_crs("EPSG:4326")  # (labelled WGS84 without a conversion: attrs still say GCJ-02)
    with pytest.raises(InputError, match=r"attrs\['crs'\] says its coordinates are in gcj02"):
        model.classify(labelled)
    metres = gpd.GeoDataFrame(wgs, geometry=gpd.points_from_xy(wgs.lon, wgs.lat), crs="EPSG:4326").to_crs(3857)
    metres.attrs["crs"] = "EPSG:3857"  # (attrs naming the frame's own CRS: nothing to refuse)
    assert model.classify(metres).equals(want.set_axis(metres.index))
    model.map(points=metres, tiles="none")


def test_attrs_crs_contradicting_a_frames_own_crs_says_so(model):
    """A GeoDataFrame in UTM metres (EPSG:32650) whose attrs["crs"] says gcj02 was refused saying its coordinates
    "would be read as WGS84", which they never are (the frame's CRS is used). The error now says what contradicts
    what, the frame's CRS and attrs['crs'], and how to keep either, in English and Chinese; each way it names works.
    A frame without a CRS keeps the WGS84 wording: read so it would be."""
    import geopandas as gpd

    from avzone.fleet import synthetic_fleet
    from avzone.i18n import error_text

    gcj = synthetic_fleet(model, vehicles=1, fixes=10, seed=4, gcj02=True)
    wgs = synthetic_fleet(model, vehicles=1, fixes=10, seed=4)
    want = model.classify(wgs)
    utm = gpd.GeoDataFrame(wgs, geometry=gpd.points_from_xy(wgs.lon, wgs.lat), crs="EPSG:4326").to_crs(32650)
    utm.attrs["crs"] = "gcj02"
    why = (
        "the frame's CRS is EPSG:32650, but its attrs['crs'] says its coordinates are in gcj02 "
        "(avzone.fleet.synthetic_fleet writes it): the two contradict each other. If the frame's CRS is right, give "
        "crs='EPSG:32650' or drop attrs['crs'] (del frame.attrs['crs']); if attrs['crs'] is, clear the frame's CRS "
        "with .set_crs(None, allow_override=True) and give crs='gcj02'"
    )
    for data in (utm, utm.geometry):
        with pytest.raises(InputError) as caught:
            model.classify(data)
        assert str(caught.value) == why and "WGS84" not in str(caught.value)
        zh = error_text(caught.value, "zh")
        assert zh.startswith("数据表的坐标系是 EPSG:32650") and "两者矛盾" in zh and "会被当作 WGS84" not in zh
    with pytest.raises(InputError) as caught:
        model.map(points=utm, tiles="none")
    assert str(caught.value) == "points=: " + why.replace("crs=", "points_crs=")
    assert error_text(caught.value, "zh").startswith("points=：数据表的坐标系是 EPSG:32650")
    # each way out the error names: the frame's CRS given, attrs dropped, or the frame's CRS cleared for attrs'
    assert model.classify(utm, crs="EPSG:32650").equals(want)
    dropped = utm.copy()
    del dropped.attrs["crs"]
    assert model.classify(dropped).equals(want)
    on_gcj = gpd.GeoDataFrame(gcj, geometry=gpd.points_from_xy(gcj.lon, gcj.lat), crs="EPSG:32650")
    on_gcj.attrs["crs"] = "gcj02"  # (GCJ-02 degrees labelled with a wrong CRS)
    with pytest.raises(InputError, match=r"^the frame's CRS is EPSG:32650, but its attrs\['crs'\]"):
        model.classify(on_gcj)
    assert model.classify(on_gcj.set_crs(None, allow_override=True), crs="gcj02").equals(want)
    unlabelled = on_gcj.set_crs(None, allow_override=True)
    with pytest.raises(InputError, match=r"^the data's attrs\['crs'\] says .* would be read as WGS84"):
        model.classify(unlabelled)


@pytest.mark.parametrize(("command", "engine"), [("locate", "local"), ("events", "local"), ("locate", "dask")])
def test_a_parquet_file_whose_pandas_attrs_crs_is_not_wgs84_needs_crs(tmp_path, model, command, engine, request):
    """DataFrame.to_parquet keeps attrs (PANDAS_ATTRS): the file jobs read a synthetic_fleet(gcj02=True) file as
    WGS84 while model.events(pd.read_parquet(file)) refuses it; they refuse it too now, naming the file."""
    from avzone.fleet import synthetic_fleet

    src = tmp_path / "fleet.parquet"
    synthetic_fleet(model, vehicles=2, fixes=10, seed=2, gcj02=True).to_parquet(src)
    dst = tmp_path / ("out.parquet" if engine == "dask" else "out.csv")
    r = run_cli(command, "--input", str(src), "--output", str(dst), *_dask(engine, request))
    assert r.returncode == 2 and not dst.exists()
    assert f"{src}: the file's pandas attrs" in r.stderr and "give --crs gcj02" in r.stderr, r.stderr
    r = run_cli(command, "--input", str(src), "--output", str(dst), "--crs", "gcj02", *_dask(engine, request))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("code", ["EPSG:4548", "EPSG:4490"])
def test_the_same_crs_written_another_way_is_no_conflict(tmp_path, model, want, code):
    """A GeoParquet file labelled with an ESRI .prj's WKT (QGIS and ArcGIS write CGCS2000 so: lon/lat axis order,
    ``Gauss_Kruger``) and --crs of its EPSG code put every point in the same place: it was refused as a
    contradiction, which --override-crs could only paper over."""
    import geopandas as gpd
    import pyproj

    from avzone.crs import from_wgs84

    x, y = from_wgs84(np.array([p[0] for p in POINTS]), np.array([p[1] for p in POINTS]), code)
    esri = pyproj.CRS(pyproj.CRS(code).to_wkt("WKT1_ESRI"))
    src, dst = tmp_path / "esri.parquet", tmp_path / "out.csv"
    gpd.GeoDataFrame({"k": range(len(POINTS))}, geometry=gpd.points_from_xy(x, y), crs=esri).to_parquet(src)
    r = run_cli("locate", "--input", str(src), "--output", str(dst), "--crs", code)
    assert r.returncode == 0, r.stderr
    assert _answers(dst) == want and "override" not in r.stderr

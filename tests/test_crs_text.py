"""One reading of a CRS given as text, in the library's ``crs=``, the command line's ``--crs`` and HTTP's ``crs``.

Names are read whatever their case, and with spaces, ``-``, ``_`` or ``/`` between their words and numbers
(``CGCS 2000``, ``GCJ 02``, ``bd 09 ll``), as PROJ reads its own names (``WGS 84``, ``wgs-84``), and in
Chinese (国测局坐标, 火星坐标, 百度坐标). A ``.prj`` or ``.wkt`` file (its WKT) is a CRS for the library and the
command line alike; the HTTP service reads no files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyproj
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.crs import from_wgs84, normalize_crs, to_wgs84
from avzone.errors import CRSError, InputError
from avzone.i18n import error_text

#: Yizhuang, inside every zone (WGS84).
INSIDE = (116.50, 39.79)

SPELLINGS = [
    ("CGCS 2000", "EPSG:4490"),
    ("cgcs-2000", "EPSG:4490"),
    ("cgcs_2000", "EPSG:4490"),
    ("2000国家大地坐标系", "EPSG:4490"),
    ("WGS 84", "EPSG:4326"),
    ("wgs-1984", "EPSG:4326"),
    ("GCJ 02", "gcj02"),
    ("gcj 02", "gcj02"),
    ("Gcj 02 ll", "gcj02"),
    ("ＧＣＪ－０２", "gcj02"),
    ("国测局坐标", "gcj02"),
    ("国测局坐标系", "gcj02"),
    ("火星坐标", "gcj02"),
    ("火星坐标系", "gcj02"),
    ("BD 09", "bd09"),
    ("bd 09 ll", "bd09"),
    ("百度坐标", "bd09"),
    ("百度坐标系", "bd09"),
    ("GCJ-02 / Web Mercator", "gcj02merc"),
    ("gcj 02 merc", "gcj02merc"),
]


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return bool(a.equals(b))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "canonical"), SPELLINGS)
def test_names_with_spaces_and_in_chinese_are_the_crs_they_name(text: str, canonical: str):
    assert _same(normalize_crs(text), normalize_crs(canonical))


JUNK = ["gcj", "gcj 03", "gcj02 x", "bd 0 8", "c-g-c-s", "bd09 wgs", "国测局", "百度", "百度墨卡托坐标系", "坐标"]


@pytest.mark.parametrize("text", JUNK)
def test_junk_is_still_refused(text: str):
    with pytest.raises(CRSError):
        normalize_crs(text)


def test_baidu_metres_by_a_chinese_or_spaced_name_are_refused_as_baidu_metres():
    for text in ("百度墨卡托", "BD 09 MC", "bd09 mc"):
        with pytest.raises(CRSError, match="Baidu's BD-09 Mercator"):
            normalize_crs(text)


@pytest.fixture(scope="module")
def http():
    from fastapi.testclient import TestClient

    import avzone
    from avzone.service import create_app

    with TestClient(create_app(avzone.load())) as client:
        yield client


@pytest.mark.parametrize(("text", "canonical"), [s for s in SPELLINGS if s[0] in {"CGCS 2000", "gcj 02", "百度坐标"}])
def test_every_entry_point_reads_the_spelling(model, http, text: str, canonical: str):
    x, y = (float(v) for v in from_wgs84(*INSIDE, canonical))
    want = model.locate(x, y, crs=canonical).to_dict()
    assert model.locate(x, y, crs=text).to_dict()["zones"] == want["zones"]
    r = http.get("/v1/locate", params={"lon": x, "lat": y, "crs": text})
    assert r.status_code == 200, r.text
    assert r.json()["zones"] == want["zones"] and r.json()["lon"] == pytest.approx(want["lon"], abs=1e-9)
    out = run_cli("locate", repr(x), repr(y), "--crs", text, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["zones"] == want["zones"]


@pytest.fixture
def crs_files(tmp_path: Path) -> dict[str, Path]:
    prj, wkt = tmp_path / "b54.prj", tmp_path / "utm.WKT"
    prj.write_text(pyproj.CRS("EPSG:2436").to_wkt("WKT1_ESRI"), encoding="utf-8")
    wkt.write_text("\ufeff" + pyproj.CRS("EPSG:32650").to_wkt() + "\n", encoding="utf-8")
    return {"EPSG:2436": prj, "EPSG:32650": wkt}


def test_the_library_reads_a_prj_or_wkt_file_as_the_command_line_does(model, crs_files):
    """crs='b54.prj' was an unknown CRS in the library while --crs b54.prj read the file."""
    for code, path in crs_files.items():
        x, y = (float(v) for v in from_wgs84(*INSIDE, code))
        for given in (str(path), path):  # a pathlib.Path too
            assert to_wgs84(x, y, given) == pytest.approx(INSIDE, abs=1e-7)
        by_code = model.locate(x, y, crs=code).to_dict()
        by_file = model.locate(x, y, crs=str(path)).to_dict()
        assert by_file["zones"] == by_code["zones"] and by_file["lon"] == pytest.approx(by_code["lon"], abs=1e-9)
        assert (
            model.classify([x], [y], crs=path).iloc[0].to_dict() == model.classify([x], [y], crs=code).iloc[0].to_dict()
        )


def test_a_crs_file_that_cannot_be_read_is_refused_naming_it(tmp_path: Path):
    missing = tmp_path / "none.prj"
    with pytest.raises(CRSError, match=r"none\.prj: cannot read the CRS file") as err:
        normalize_crs(str(missing))
    assert "none.prj：无法读取坐标系文件" in error_text(err.value, "zh")
    empty = tmp_path / "empty.wkt"
    empty.write_text(" \n", encoding="utf-8")
    with pytest.raises(CRSError, match=r"empty\.wkt: cannot read the CRS file \(the file is empty\)"):
        normalize_crs(empty)
    bad = tmp_path / "bad.prj"
    bad.write_text("PROJCS[nothing]", encoding="utf-8")
    with pytest.raises(CRSError, match=r"bad\.prj: the file holds no coordinate reference system pyproj knows") as e:
        normalize_crs(str(bad))
    assert "bad.prj：文件中没有 pyproj 认识的坐标参考系" in error_text(e.value, "zh")


def test_the_http_service_reads_no_crs_file(http, crs_files):
    r = http.get("/v1/locate", params={"lon": 500000, "lat": 4400000, "crs": str(crs_files["EPSG:32650"])})
    assert r.status_code == 422 and "names a file, and the service reads no files" in r.json()["detail"]


def test_a_geojson_crs_member_naming_a_file_is_not_read(model, tmp_path: Path, crs_files):
    """A file's own crs member naming a .prj is not opened: only the user's crs= or --crs names a file."""
    x, y = (float(v) for v in from_wgs84(*INSIDE, "EPSG:32650"))
    src = tmp_path / "pts.geojson"
    member = {"type": "name", "properties": {"name": str(crs_files["EPSG:32650"])}}
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [x, y]}}
    src.write_text(json.dumps({"type": "FeatureCollection", "crs": member, "features": [feature]}), encoding="utf-8")
    out = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"))
    assert out.returncode != 0 and "utm.WKT" in out.stderr
    with pytest.raises((CRSError, InputError)):
        locate_file(model, src, tmp_path / "o2.csv")


#: Names PROJ matches only approximately, to one CRS of several it could be: "Beijing" was New Beijing (EPSG:4555),
#: not Beijing 1954 (EPSG:4214), with no word of it; "Beijing 54" is often said of Gauss-Kruger metres.
NEAR_NAMES = [
    ("Beijing", "EPSG:4555"),
    ("Beijing 54", "EPSG:4214"),
    ("Hong Kong", "EPSG:4611"),
    ("Xian 80", "EPSG:4610"),
]


@pytest.mark.parametrize(("text", "nearest"), NEAR_NAMES)
def test_a_name_proj_only_nearly_matches_is_refused_naming_its_match(text: str, nearest: str):
    with pytest.raises(CRSError, match=rf"^{text!r} is not the name of a coordinate reference system; PROJ's nearest"):
        normalize_crs(text)
    with pytest.raises(CRSError) as err:
        normalize_crs(text)
    assert nearest in str(err.value) and nearest in error_text(err.value, "zh")
    assert "不是坐标参考系的名称" in error_text(err.value, "zh")


EXACT_NAMES = [
    ("Beijing 1954", "EPSG:4214"),
    ("GCS_Beijing_1954", "EPSG:4214"),
    ("New Beijing", "EPSG:4555"),
    ("WGS_1984_UTM_Zone_50N", "EPSG:32650"),
    ("WGS 84 / UTM zone 50N", "EPSG:32650"),
    ("CGCS2000_3_Degree_GK_CM_117E", "EPSG:4548"),
    ("Web Mercator", "EPSG:3857"),
    ("China Geodetic Coordinate System 2000", "EPSG:4490"),
    ("WGS 1984", "EPSG:4326"),
]


@pytest.mark.parametrize(("text", "code"), EXACT_NAMES)
def test_a_crs_name_or_alias_is_still_read(text: str, code: str):
    assert _same(normalize_crs(text), normalize_crs(code))


def test_the_command_line_refuses_a_near_name_too():
    out = run_cli("locate", "116.5", "39.79", "--crs", "Beijing")
    assert (
        out.returncode == 2
        and "--crs Beijing: 'Beijing' is not the name of a coordinate reference system" in out.stderr
    )


def test_a_shapefile_given_as_the_crs_is_read_by_its_prj(model, tmp_path: Path):
    """crs='roads.shp' (or --crs roads.shp) is the CRS its sidecar roads.prj holds; a Shapefile without one is
    refused naming the .prj (it was an unknown CRS, or the .shp's bytes read as text)."""
    shp = tmp_path / "roads.shp"
    shp.write_bytes(b"\x00\x00\x27\x0a" + bytes(96))
    (tmp_path / "roads.prj").write_text(pyproj.CRS("EPSG:32650").to_wkt("WKT1_ESRI"), encoding="utf-8")
    x, y = (float(v) for v in from_wgs84(*INSIDE, "EPSG:32650"))
    for given in (str(shp), shp):
        assert to_wgs84(x, y, given) == pytest.approx(INSIDE, abs=1e-7)
    out = run_cli("locate", repr(x), repr(y), "--crs", str(shp), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["lon"] == pytest.approx(INSIDE[0], abs=1e-7)
    lone = tmp_path / "lone.SHP"
    lone.write_bytes(bytes(100))
    with pytest.raises(CRSError, match=r"lone\.prj: cannot read the CRS file"):
        normalize_crs(lone)


def test_a_dask_job_sends_its_workers_the_crs_file_s_text_not_its_path(tmp_path: Path, crs_files):
    """Workers on other machines have no such file: the CRS a .prj names goes to them as its WKT."""
    from avzone.distributed import _point_columns

    pytest.importorskip("dask")
    src = tmp_path / "pts.parquet"
    pd.DataFrame({"x": [500000.0], "y": [4400000.0]}).to_parquet(src)
    path = crs_files["EPSG:32650"]
    for given in (str(path), path):
        _, _, crs, *_ = _point_columns(str(src), ["x", "y"], "x", "y", given)
        assert isinstance(crs, str) and crs == path.read_text(encoding="utf-8-sig").strip()


def test_an_unknown_crs_says_a_file_of_it_is_taken_too():
    """The library takes a .prj / .wkt file (as --crs does): its refusal of an unknown CRS says so."""
    with pytest.raises(CRSError) as err:
        normalize_crs("foo")
    assert "WKT or a .prj / .wkt file of it, a PROJ string" in str(err.value)  # (named as given: crs=)
    assert "WKT 或其 .prj、.wkt 文件、PROJ 字符串" in error_text(err.value, "zh")

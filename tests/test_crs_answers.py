"""Answers that looked right in CRS handling but were not: each test here failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from common import GCJ02_EDGE, YIZHUANG_CORE, run_cli

from avzone.batch import locate_file
from avzone.crs import from_wgs84
from avzone.points import NULL_ISLAND_TEXT


@pytest.mark.parametrize("crs", ["EPSG:3857", "gcj02merc", "EPSG:32650"])
def test_rows_at_zero_zero_in_metres_are_no_position(tmp_path: Path, model, crs: str):
    """(0, 0) metres are the no-fix placeholder too (in Web Mercator lon/lat (0, 0); in UTM 50N the equator at
    lon 112.5, where no Beijing row is): a status saying so, not "outside every zone"; (0, 1000) is a position."""
    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.DataFrame({"x": [x, 0.0, 0.0, 0.0], "y": [y, 0.0, -0.0, 1000.0]}).to_csv(src, index=False)
    summary = locate_file(model, src, dst, crs=crs)
    assert list(pd.read_csv(dst)["status"]) == ["ok", NULL_ISLAND_TEXT, NULL_ISLAND_TEXT, "ok"]
    assert summary.rejected == {NULL_ISLAND_TEXT: 2} and summary.notes == []


def test_frame_labelled_epsg3857_with_crs_gcj02merc_says_how_to_give_it(model):
    """Amap metres in a frame labelled EPSG:3857: the refusal said to leave crs out (answers ~500 m off) or to
    reproject with to_crs (geopandas knows no gcj02merc); it says how to clear the label, which then answers right."""
    import geopandas as gpd
    import shapely

    from avzone.errors import InputError

    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, "gcj02merc"))
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(x, y)], crs="EPSG:3857")
    with pytest.raises(InputError) as info:
        model.classify(frame, crs="gcj02merc")
    assert str(info.value) == (
        "crs='gcj02merc' contradicts the CRS of the GeoSeries/GeoDataFrame (EPSG:3857); leave crs out to use the "
        "frame's, or, if the frame's CRS is a wrong label (GCJ-02 and BD-09 data are often labelled EPSG:4326, "
        "their Web Mercator metres EPSG:3857), clear it first with .set_crs(None, allow_override=True) and give "
        "crs='gcj02merc'"
    )
    cleared = frame.set_crs(None, allow_override=True)
    assert model.classify(cleared, crs="gcj02merc").values.tolist() == model.classify(*YIZHUANG_CORE).values.tolist()
    with pytest.raises(InputError, match=r"\(EPSG:4326\); leave crs out to use the frame's, or reproject it with"):
        model.classify(gpd.GeoDataFrame(geometry=[shapely.Point(*YIZHUANG_CORE)], crs="EPSG:4326"), crs="EPSG:32650")


@pytest.mark.parametrize(("name", "norm"), [("gcj02ll", "gcj02"), ("GCJ02LL", "gcj02"), ("wgs84ll", "EPSG:4326")])
def test_baidu_coord_type_names(name: str, norm: str):
    """Baidu's web services name lon/lat wgs84ll, gcj02ll, bd09ll (bd09mc: refused); a file of their output names
    them so: read as the CRS they name, not refused as unknown."""
    from avzone.crs import normalize_crs

    assert normalize_crs(name) == norm


def test_baidu_coord_type_names_on_the_command_line_and_over_http():
    import json

    from common import GCJ02_EDGE, run_cli
    from starlette.testclient import TestClient

    import avzone
    from avzone.service import create_app

    def answer(crs: str) -> dict:
        r = run_cli("locate", *map(repr, GCJ02_EDGE), "--crs", crs, "--json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    assert answer("gcj02ll") == answer("gcj02")
    assert answer("wgs84ll") == answer("EPSG:4326")
    client = TestClient(create_app(avzone.load()))
    got = client.get("/v1/locate", params={"lon": GCJ02_EDGE[0], "lat": GCJ02_EDGE[1], "crs": "gcj02ll"})
    assert got.status_code == 200 and got.json()["crs"] == "gcj02" and got.json()["zones"] == answer("gcj02")["zones"]


@pytest.mark.parametrize(
    ("x", "y", "crs"),
    [
        (500_000.0, 1e9, "EPSG:32650"),  # a northing of a million km: PROJ folds it back to (117, 1.84)
        (5e7, 4_835_472.0, "EPSG:3857"),  # an easting beyond the world's edge (+-20,037,508 m): wrapped to lon 89
        (1e20, 1e20, "EPSG:3857"),  # PROJ gave (121.4, 90.0)
        (39_457_172.0 + 3e7, 4_406_331.0, "EPSG:4527"),  # Gauss-Kruger zone 39 easting 30,000 km east
    ],
)
def test_projected_numbers_beyond_the_crs_are_no_place(model, x: float, y: float, crs: str):
    """Eastings/northings beyond what the projection covers were converted by PROJ to some other place (it
    folds or wraps them), answered "outside every zone, thousands of km from the edge"; they cannot be
    converted to WGS84: NaN from to_wgs84, that status in a batch, an InputError for one point."""
    from avzone.crs import to_wgs84
    from avzone.errors import InputError

    lon, lat = to_wgs84(x, y, crs)
    assert (lon != lon) and (lat != lat)
    good_x, good_y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    df = model.classify([good_x, x] * 40, [good_y, y] * 40, crs, status=True)
    assert df["status"].tolist() == ["ok", "cannot be converted to WGS84"] * 40
    assert df["current"].tolist() == [True, pd.NA] * 40
    with pytest.raises(InputError, match=r"cannot be converted to WGS84"):
        model.locate(x, y, crs)


def test_projected_numbers_far_but_within_the_crs_still_convert(model):
    """The round trip that refuses folded numbers keeps what the projection does cover: Web Mercator's
    northing of 30,000 km is latitude 88.96 (near the pole, in no zone), UTM 50N's points 3,000 km away."""
    from avzone.crs import to_wgs84

    lon, lat = to_wgs84(12_968_720.0, 3e7, "EPSG:3857")
    assert round(float(lon), 4) == 116.5
    assert round(float(lat), 4) == 88.9615
    x, y = from_wgs84([90.0, 140.0, 116.5], [20.0, 50.0, -30.0], "EPSG:32650")
    back = to_wgs84(x, y, "EPSG:32650")
    assert [round(float(v), 6) for v in back[0]] == [90.0, 140.0, 116.5]
    assert model.classify(x, y, "EPSG:32650", status=True)["status"].tolist() == ["ok"] * 3


OTHER_METRES_TEXT = (
    "looks like metres of another CRS: no position within 1,000 km of the dataset's area in the CRS given, inside "
    "it read as EPSG:3857, EPSG:32650, EPSG:4548 or EPSG:4527"
)


@pytest.mark.parametrize(
    ("given", "truth"),
    [("EPSG:3857", "EPSG:32650"), ("EPSG:32650", "EPSG:3857"), ("EPSG:32650", "EPSG:4527"), ("gcj02merc", "EPSG:4548")],
)
def test_metres_of_another_crs_are_not_answered_as_a_place_far_away(tmp_path: Path, model, given: str, truth: str):
    """UTM 50N metres given as EPSG:3857 put Yizhuang in Algeria (and Web Mercator metres given as UTM 50N in the
    Pacific): every row was "ok", outside every zone, thousands of km from the edge. A point that lies over 1,000 km
    from the dataset's area in the CRS given (or nowhere) but inside it in a common metre CRS has a status saying so (in
    the library, the file jobs and for one point, naming the CRS to give); a point that truly lies far away,
    and one just outside the area, stay ok."""
    from avzone.errors import InputError

    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, truth))
    far_x, far_y = (float(v) for v in from_wgs84(90.0, 20.0, given))  # the Bay of Bengal, given in its CRS
    near_x, near_y = (float(v) for v in from_wgs84(117.7, 40.0, given))  # 10 km east of the dataset's area
    df = model.classify([x, far_x, near_x] * 30, [y, far_y, near_y] * 30, given, status=True)
    assert df["status"].astype(str).tolist() == [OTHER_METRES_TEXT, "ok", "ok"] * 30
    assert df["current"].tolist() == [pd.NA, False, False] * 30
    with pytest.raises(InputError) as info:
        model.locate(x, y, given)
    shown = str(info.value)
    assert shown.startswith(f"({x}, {y}) in {given} is no position within 1,000 km of the dataset's area, but read as ")
    assert f"crs={truth!r}" in shown
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.DataFrame({"x": [x, far_x], "y": [y, far_y]}).to_csv(src, index=False)
    locate_file(model, src, dst, crs=given)
    assert pd.read_csv(dst)["status"].tolist() == [OTHER_METRES_TEXT, "ok"]


GCJ02_NAMED_WGS84 = (
    'GEOGCRS["GCJ02",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],'
    'CS[ellipsoidal,2],AXIS["lon",east,ANGLEUNIT["degree",0.0174532925199433]],'
    'AXIS["lat",north,ANGLEUNIT["degree",0.0174532925199433]]]'
)
ESRI_GCJ02 = (
    'GEOGCS["GCS_GCJ_02",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]]'
)
ESRI_BD09 = (
    'GEOGCS["BD09",DATUM["D_BD09",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]]'
)
MERC_GCJ02 = (
    'PROJCS["GCJ02_Web_Mercator",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
    '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],'
    'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],'
    'PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]'
)


@pytest.mark.parametrize(
    ("wkt", "alias"),
    [(GCJ02_NAMED_WGS84, "gcj02"), (ESRI_GCJ02, "gcj02"), (ESRI_BD09, "bd09"), (MERC_GCJ02, "gcj02merc")],
)
def test_a_crs_named_gcj02_or_bd09_is_read_as_it_says(model, wkt: str, alias: str):
    """GIS users label Amap/Baidu data with a custom CRS named GCJ02 or BD09 defined as WGS84 (PROJ has no such
    datum): it was read as EPSG:4326 (or BD09 converted without a shift), every answer 500-1,000 m off in Beijing
    with nothing to show it. A geographic CRS (or a Web Mercator one) named so is that alias, frames too."""
    import geopandas as gpd
    import pyproj
    import shapely

    from avzone.crs import normalize_crs

    assert normalize_crs(wkt) == alias
    assert normalize_crs(pyproj.CRS(wkt)) == alias
    from avzone.crs import to_wgs84

    truth = [float(v) for v in to_wgs84(*GCJ02_EDGE, "gcj02")]  # near the current zone's edge
    x, y = (float(v) for v in from_wgs84(*truth, alias))
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(x, y)], crs=pyproj.CRS(wkt))
    got = model.locate_many(frame, distances=True)
    want = model.locate(*truth)
    assert got.points.crs == alias
    assert got.hits[0].tolist() == list(want.zones.values())
    assert abs(got.distance_to_edge_m[0, 1] - want.distance_to_edge_m["current"]) < 0.01


def test_crss_not_named_for_a_shift_stay_as_they_are():
    import pyproj

    from avzone.crs import normalize_crs

    assert normalize_crs("+proj=longlat +datum=WGS84 +no_defs") == "EPSG:4326"
    assert normalize_crs("EPSG:4490").name == "China Geodetic Coordinate System 2000"
    assert normalize_crs(pyproj.CRS("EPSG:3857")).name == "WGS 84 / Pseudo-Mercator"


@pytest.mark.parametrize("name", ["BD09MC", "BD09_Mercator", "bd09 web mercator"])
def test_a_projected_crs_named_for_baidus_metres_is_refused_as_bd09mc_is(name: str):
    """A custom CRS named BD09MC (a Mercator on WGS84, for Baidu's metres) was used as that Mercator: kilometres off
    with nothing to show it. It is refused as the name bd09mc is, saying to convert to BD-09 lon/lat first."""
    import pyproj

    from avzone.crs import normalize_crs
    from avzone.errors import CRSError

    crs = pyproj.CRS("+proj=merc +a=6378137 +b=6378137 +lon_0=0 +units=m +no_defs +type=crs").to_wkt()
    crs = crs.replace('PROJCRS["unknown"', f'PROJCRS["{name}"', 1)
    assert pyproj.CRS(crs).name == name
    with pytest.raises(CRSError, match=r"it names Baidu's BD-09 Mercator metres \(BD09MC\)"):
        normalize_crs(pyproj.CRS(crs))


def test_a_frame_labelled_gcj02_given_another_crs_is_not_told_to_use_to_crs(model):
    """A frame whose CRS is named GCJ02 (read as gcj02), given crs="EPSG:4326": the refusal said "or reproject it
    with to_crs", which leaves GCJ-02 numbers as they are (to_crs knows no GCJ-02: its definition is WGS84); it
    says to leave crs out, or to clear a wrong label and give crs."""
    import geopandas as gpd
    import pyproj
    import shapely

    from avzone.errors import InputError

    frame = gpd.GeoDataFrame(geometry=[shapely.Point(*GCJ02_EDGE)], crs=pyproj.CRS(GCJ02_NAMED_WGS84))
    with pytest.raises(InputError) as info:
        model.classify(frame, crs="EPSG:4326")
    assert str(info.value) == (
        "crs='EPSG:4326' contradicts the CRS of the GeoSeries/GeoDataFrame (gcj02); leave crs out to use the "
        "frame's (to_crs cannot convert from or to it: geopandas knows no GCJ-02 or BD-09 datum), or, if the "
        "frame's CRS is a wrong label, clear it first with .set_crs(None, allow_override=True) and give "
        "crs='EPSG:4326'"
    )


def test_the_other_metres_status_has_its_words_in_both_languages():
    """The row status's Chinese words (for the map's popups, as row_degrees is) say what the English one does."""
    from avzone.i18n import Message
    from avzone.points import OTHER_METRES, status_labels

    assert Message("row_other_metres") == status_labels()[OTHER_METRES] == OTHER_METRES_TEXT
    assert Message("row_other_metres").text("zh").startswith("看起来是另一个坐标系的米坐标")


def _renamed(code: str, name: str, base_name: str) -> str:
    """The WKT of ``code`` with the CRS and its base geographic CRS named ``name`` and ``base_name``."""
    import pyproj

    crs = pyproj.CRS(code)
    wkt = crs.to_wkt().replace(f'PROJCRS["{crs.name}"', f'PROJCRS["{name}"', 1)
    wkt = wkt.replace(f'BASEGEOGCRS["{crs.geodetic_crs.name}"', f'BASEGEOGCRS["{base_name}"', 1)
    return re.sub(r',ID\["EPSG",[0-9]+\]', "", wkt)  # (no authority code: a custom CRS)


def test_a_projected_crs_on_a_geographic_crs_named_gcj02_is_gcj02merc_or_refused(model):
    """A projected CRS on a base named GCJ02 (defined as WGS84) was read by its definition, ~500 m off: Web
    Mercator's conversion of it is gcj02merc whatever its own name; any other projection of it is refused (PROJ
    cannot undo GCJ-02 under it), saying which forms avzone reads."""
    import pyproj

    from avzone.crs import normalize_crs
    from avzone.errors import CRSError

    merc = _renamed("EPSG:3857", "Amap Mercator", "GCJ02")
    assert pyproj.CRS(merc).geodetic_crs.name == "GCJ02"
    assert normalize_crs(pyproj.CRS(merc)) == "gcj02merc"
    utm = _renamed("EPSG:32650", "GCJ02 / UTM 50N", "GCJ02")
    assert pyproj.CRS(utm).geodetic_crs.name == "GCJ02"
    with pytest.raises(CRSError) as info:
        normalize_crs(pyproj.CRS(utm))
    assert str(info.value) == (
        "coordinate reference system 'GCJ02 / UTM 50N' cannot be used: it projects GCJ-02 lon/lat, which PROJ "
        "cannot convert to WGS84 under a projection; give the coordinates as gcj02 lon/lat, or as gcj02merc (Web "
        "Mercator metres of GCJ-02)"
    )
    assert info.value.args[0].text("zh").startswith("坐标参考系 'GCJ02 / UTM 50N' 无法使用：它是 GCJ-02 经纬度的投影")
    bd = _renamed("EPSG:32650", "BD09 / UTM 50N", "BD09")
    with pytest.raises(CRSError, match=r"it projects BD-09 lon/lat, .*; give the coordinates as bd09 lon/lat$"):
        normalize_crs(pyproj.CRS(bd))


@pytest.mark.parametrize(
    ("crs", "datum"),
    [("EPSG:4214", "Beijing 1954"), ("EPSG:4610", "Xian 1980"), ("EPSG:2436", "Beijing 1954"), ("EPSG:4490", None)],
)
def test_one_point_in_a_crs_without_its_datum_shift_is_noted(tmp_path: Path, model, crs: str, datum: str | None):
    """One point in Beijing 1954 or Xian 1980 was answered with no word that PROJ converts it without its datum
    shift (tens of metres or more off), which a file job's summary says: the answer carries the same note in the
    library, ``avzone locate`` (JSON and text), ``GET /v1/locate`` and a ``map --locate`` popup."""
    import json

    from fastapi.testclient import TestClient

    from avzone.service import create_app

    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    want = [] if datum is None else [f"PROJ knows no datum shift between {datum} and WGS 84 in Beijing: {crs} "]
    loc = model.locate(x, y, crs=crs)
    assert [n[: len(want[0])] for n in loc.notes] == want if want else loc.notes == ()
    answer = loc.to_dict()
    assert [n[: len(want[0])] for n in answer.get("notes", [])] == want
    assert ("notes" in answer) == bool(want)  # (no key at all for a CRS with nothing to note)
    r = run_cli("locate", repr(x), repr(y), "--crs", crs, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == answer
    r = run_cli("locate", repr(x), repr(y), "--crs", crs)
    assert r.returncode == 0, r.stderr
    assert ("note: PROJ knows no datum shift" in r.stderr) == bool(want)
    r = run_cli("--lang", "zh", "locate", repr(x), repr(y), "--crs", crs)
    assert ("注意：PROJ 不知道北京地区" in r.stderr) == bool(want)
    with TestClient(create_app(model)) as http:
        got = http.get("/v1/locate", params={"lon": repr(x), "lat": repr(y), "crs": crs})
    assert got.status_code == 200 and got.json() == answer
    out = tmp_path / "map.html"
    r = run_cli("map", "--locate", repr(x), repr(y), "--crs", crs, "--tiles", "none", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert ("note: PROJ knows no datum shift" in out.read_text(encoding="utf-8")) == bool(want)


@pytest.mark.parametrize("crs", ["EPSG:32650", "EPSG:3857", "EPSG:4548", "EPSG:4527", "EPSG:2436"])
def test_the_round_trip_is_made_only_for_points_it_can_catch(monkeypatch, crs: str):
    """The round trip that catches folded numbers carried every point back (about twice the conversion's
    time); points in a rectangle around Beijing that the projection is shown to carry there and back skip it,
    and every other point still gets it (the folded ones are still NaN)."""
    import numpy as np

    from avzone import crs as crs_module

    seen: list[int] = []
    real = crs_module._transformer

    class Counting:
        def __init__(self, inner):
            self.inner = inner

        def transform(self, a, b):
            seen.append(np.size(a))
            return self.inner.transform(a, b)

    def counting(wkt: str, to_wgs: bool):
        return real(wkt, to_wgs) if to_wgs else Counting(real(wkt, to_wgs))

    rng = np.random.default_rng(1)
    x, y = from_wgs84(rng.uniform(115.5, 117.5, 1000), rng.uniform(39.5, 41.0, 1000), crs)
    folded_x = {"EPSG:3857": 5e7, "EPSG:4527": 39_457_172.0 + 3e7}.get(crs, 500_000.0)
    folded_y = {"EPSG:3857": 4_835_472.0, "EPSG:4527": 4_406_331.0}.get(crs, 1e9)
    far_x, far_y = from_wgs84(140.0, 50.0, crs)  # outside the rectangle, but a place the CRS covers
    xs, ys = np.append(x, [folded_x, far_x]), np.append(y, [folded_y, far_y])
    crs_module.to_wgs84(xs[:3], ys[:3], crs)  # (the rectangle is found and cached)
    monkeypatch.setattr(crs_module, "_transformer", counting)
    lon, lat = crs_module.to_wgs84(xs, ys, crs)
    assert seen == [2]  # only the two points outside the rectangle went back
    assert np.isfinite(lon[:1000]).all() and np.isnan(lon[1000]) and np.isnan(lat[1000])
    assert abs(lon[1001] - 140.0) < 1e-6 and abs(lat[1001] - 50.0) < 1e-6


def test_a_far_point_that_looks_like_another_crs_says_where_it_is_in_the_crs_given(model):
    """Web Mercator metres of northern Algeria are where UTM 50N puts Beijing's numbers: such a point is refused
    as metres of another CRS (a silent "in no zone" for mislabelled UTM metres would be the worse answer), but
    the refusal only said it was "no position within 1,000 km" and what to give instead; it says where it lies
    in the CRS given and how to have that place's answer (in no zone) if it really is there."""
    from avzone.errors import InputError
    from avzone.i18n import text

    with pytest.raises(InputError) as info:
        model.locate(448460.0, 4417831.0, crs="EPSG:3857")
    message = str(info.value)
    assert message.startswith("(448460.0, 4417831.0) in EPSG:3857 is no position within 1,000 km of the dataset's")
    tail = re.search(
        r"; in EPSG:3857 itself it lies at \(4\.02858, 36\.84721\), ([\d,]+) km from the dataset's "
        r"area: if it really is there, it is in no zone \(give it as WGS84 lon/lat, 4\.02858 36\.84721, "
        r"to have that answer\)$",
        message,
    )
    assert tail is not None, message
    assert 8_000 < int(tail.group(1).replace(",", "")) < 10_000
    zh = info.value.args[0].text("zh")
    assert "本身中它位于 (4.02858, 36.84721)" in zh and "不在任何范围内" in zh
    assert text("err_other_metres_there", "en", crs="x", lon="1", lat="2", km="3")  # (both languages have it)
    # numbers that are no position at all in the CRS given (beyond Web Mercator's edge): nothing to say of them
    with pytest.raises(InputError) as info:
        model.locate(1e20, 1e20, crs="EPSG:3857")
    assert "itself it lies at" not in str(info.value)


@pytest.mark.parametrize(("crs", "noted"), [("EPSG:4214", True), ("EPSG:2436", True), ("EPSG:4490", False)])
def test_http_batches_in_a_crs_without_its_datum_shift_are_noted(model, crs: str, noted: bool):
    """POST /v1/locate and POST /v1/events in Beijing 1954 answered with no word that PROJ converts it without
    its datum shift (tens of metres or more off), which a file job's summary and one point's answer say: their
    answers carry the same note, in ``notes``."""
    import json

    from fastapi.testclient import TestClient

    from avzone.service import create_app, schemas

    x, y = (float(v) for v in from_wgs84(*YIZHUANG_CORE, crs))
    want = [str(model.locate(x, y, crs=crs).notes[0])] if noted else None
    body = {"trajectories": [{"id": "a", "fixes": [[x, y, "2024-07-01T08:00:00"], [x, y + 1, "2024-07-01T08:01:00"]]}]}
    with TestClient(create_app(model)) as http:
        batch = http.post(f"/v1/locate?crs={crs}", content=json.dumps([[x, y]])).json()
        events = http.post(f"/v1/events?crs={crs}", content=json.dumps(body)).json()
    assert batch.get("notes") == want and ("notes" in batch) == noted
    assert events.get("notes") == want and ("notes" in events) == noted
    schemas.BatchAnswer.model_validate(batch)
    schemas.EventsAnswer.model_validate(events)


def test_crs_given_as_a_prj_or_wkt_file_on_the_command_line(tmp_path: Path, model):
    """--crs b54.prj (the .prj beside a Shapefile, a .wkt) was an unknown CRS: every command with --crs reads the
    file's WKT, with the answers of the code it defines; a missing or empty file is refused naming it."""
    import json

    import pyproj

    prj, wkt = tmp_path / "b54.prj", tmp_path / "utm.wkt"
    prj.write_text(pyproj.CRS("EPSG:2436").to_wkt("WKT1_ESRI"), encoding="utf-8")
    wkt.write_text(pyproj.CRS("EPSG:32650").to_wkt() + "\n", encoding="utf-8")
    for path, code in ((prj, "EPSG:2436"), (wkt, "EPSG:32650")):
        x, y = (float(v) for v in from_wgs84(*GCJ02_EDGE, code))
        by_code = run_cli("locate", repr(x), repr(y), "--crs", code, "--json")
        by_file = run_cli("locate", repr(x), repr(y), "--crs", str(path), "--json")
        assert by_file.returncode == 0, by_file.stderr
        assert json.loads(by_file.stdout)["zones"] == json.loads(by_code.stdout)["zones"]
        assert json.loads(by_file.stdout)["lon"] == pytest.approx(GCJ02_EDGE[0], abs=1e-7)
        src = tmp_path / "fixes.csv"
        src.write_text(f"car,t,x,y\na,2024-07-01 08:00,{x},{y}\na,2024-07-01 08:01,{x + 900},{y}\n", encoding="utf-8")
        for args in (
            ["locate", "--input", str(src), "--output", str(tmp_path / "o.csv")],
            ["events", "--input", str(src), "--output", str(tmp_path / "e.csv"), "--id-col", "car", "--time-col", "t"],
            ["map", "--points", str(src), "--tiles", "none", "-o", str(tmp_path / "m.html")],
        ):
            r = run_cli(*args, "--crs", str(path), "--lon-col", "x", "--lat-col", "y")
            assert r.returncode == 0, (args[0], r.stderr)
        assert pd.read_csv(tmp_path / "o.csv")["status"].tolist() == ["ok", "ok"]
    missing = run_cli("locate", "1", "2", "--crs", str(tmp_path / "none.prj"))
    assert missing.returncode == 2 and f"--crs {tmp_path / 'none.prj'}: cannot read the CRS file" in missing.stderr
    (tmp_path / "empty.wkt").write_text(" \n", encoding="utf-8")
    empty = run_cli("locate", "1", "2", "--crs", str(tmp_path / "empty.wkt"))
    assert empty.returncode == 2 and "the file is empty" in empty.stderr

"""Chinese web maps' metres: GCJ-02 Web Mercator (``gcj02merc``) read, Baidu's BD-09 Mercator (BD09MC) refused.

GCJ-02 Web Mercator is GCJ-02 lon/lat put through EPSG:3857's formulas, so
the reference here is pyproj's EPSG:3857 applied to avzone's GCJ-02 (itself
checked against an independent implementation in test_crs.py). Read as
EPSG:3857, such metres put Beijing's points hundreds of metres off while
looking right; BD09MC metres are a projection of Baidu's own, which no public
specification defines, and are refused by name.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
from common import GCJ02_EDGE, YIZHUANG_CORE, run_cli

from avzone import crs as C
from avzone.crs import from_wgs84, gcj02_to_wgs84, normalize_crs, to_wgs84, wgs84_to_gcj02
from avzone.errors import CRSError
from avzone.i18n import error_text
from avzone.points import is_geographic

WEB_MERCATOR = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
GEOD = pyproj.Geod(ellps="WGS84")


def distance_m(lon1, lat1, lon2, lat2):
    """Geodesic distance on WGS84, metres."""
    lon1, lat1, lon2, lat2 = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def gcj_merc(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 lon/lat to GCJ-02 Web Mercator metres, by pyproj's EPSG:3857."""
    x, y = WEB_MERCATOR.transform(lon, lat)
    return float(x), float(y)


def beijing(n: int = 3000, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(115.4, 117.6, n), rng.uniform(39.4, 41.1, n)


# -- the CRS name and the conversions ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["gcj02merc", "GCJ02-MERC", "gcj02_merc", "GCJ-02-Mercator", "gcj02webmercator"])
def test_names(name):
    assert normalize_crs(name) == "gcj02merc"
    assert not is_geographic(normalize_crs(name))


def test_forward_is_epsg3857_of_gcj02():
    lon, lat = beijing()
    x, y = from_wgs84(lon, lat, "gcj02merc")
    want_x, want_y = WEB_MERCATOR.transform(*wgs84_to_gcj02(lon, lat))
    assert np.max(np.abs(x - want_x)) < 1e-6 and np.max(np.abs(y - want_y)) < 1e-6


def test_round_trip():
    lon, lat = beijing()
    x, y = from_wgs84(lon, lat, "gcj02merc")
    back_lon, back_lat = to_wgs84(x, y, "gcj02merc")
    assert np.max(np.abs(back_lon - lon)) < 1e-7 and np.max(np.abs(back_lat - lat)) < 1e-7
    # the metres of pyproj's EPSG:3857 of GCJ-02 points back to where they were made
    gx, gy = WEB_MERCATOR.transform(*wgs84_to_gcj02(lon, lat))
    back_lon, back_lat = to_wgs84(gx, gy, "gcj02merc")
    assert np.max(np.abs(back_lon - lon)) < 1e-7 and np.max(np.abs(back_lat - lat)) < 1e-7


def test_scalars_and_non_finite():
    x, y = from_wgs84(116.397, 39.909, "gcj02merc")
    assert type(x) is np.float64 and type(y) is np.float64
    lon, lat = to_wgs84(x, y, "gcj02merc")
    assert type(lon) is np.float64 and abs(lon - 116.397) < 1e-9 and abs(lat - 39.909) < 1e-9
    lon, lat = to_wgs84(np.array([np.nan, x, np.inf]), np.array([1.0, y, 2.0]), "gcj02merc")
    assert np.isnan(lon[0]) and lat[0] == 1.0 and lon[2] == np.inf and lat[2] == 2.0


def test_read_as_epsg3857_they_are_hundreds_of_metres_off():
    """The defect: GCJ-02 Web Mercator metres look like EPSG:3857 and are 400-700 m off in Beijing as that."""
    lon, lat = beijing(500)
    x, y = from_wgs84(lon, lat, "gcj02merc")
    wrong_lon, wrong_lat = to_wgs84(x, y, "EPSG:3857")
    off = distance_m(wrong_lon, wrong_lat, lon, lat)
    assert 300 < off.min() and off.max() < 800, (off.min(), off.max())
    right_lon, right_lat = to_wgs84(x, y, "gcj02merc")
    assert distance_m(right_lon, right_lat, lon, lat).max() < 0.02  # 1e-7 degrees: about a centimetre


def test_tiananmen_example():
    """Tiananmen's GCJ-02 metres on Amap's tiles: ~555 m on the ground from where EPSG:3857 reads them."""
    x, y = from_wgs84(116.397, 39.909, "gcj02merc")
    assert (round(float(x), 1), round(float(y), 1)) == (12957949.8, 4852930.9)
    wx, wy = WEB_MERCATOR.transform(116.397, 39.909)
    assert 720 < np.hypot(x - wx, y - wy) < 730  # map metres: the ground's times 1/cos(lat)
    assert 550 < float(distance_m(*to_wgs84(x, y, "EPSG:3857"), 116.397, 39.909)) < 560


# -- BD09MC: refused by name --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bd09mc", "BD09MC", "bd09-mc", "BD-09_Mercator", "bd09merc", "bd09meter"])
def test_bd09mc_refused_by_name(name):
    with pytest.raises(CRSError) as info:
        normalize_crs(name)
    msg = str(info.value)
    assert msg.startswith(f"coordinate reference system {name!r} cannot be used: it names Baidu's BD-09 Mercator")
    assert "not Web Mercator" in msg and msg.endswith("then give bd09")
    zh = error_text(info.value, "zh")
    assert "百度墨卡托米制坐标（BD09MC）" in zh and zh.endswith("再给出 bd09")
    with pytest.raises(CRSError, match="BD09MC"):
        to_wgs84(12958000.0, 4825000.0, name)


# -- the command line: locate (one point and a file) and events --------------------------------------------------
def locate_json(*args: str) -> dict:
    r = run_cli("locate", *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_cli_locate_point():
    x, y = gcj_merc(*GCJ02_EDGE)
    merc = locate_json(repr(x), repr(y), "--crs", "gcj02merc")
    gcj = locate_json(*map(repr, GCJ02_EDGE), "--crs", "gcj02")
    assert merc["crs"] == "gcj02merc" and merc["input"] == [x, y]
    assert abs(merc["lon"] - gcj["lon"]) < 1e-9 and abs(merc["lat"] - gcj["lat"]) < 1e-9
    assert merc["zones"] == gcj["zones"] and not merc["zones"]["current"]
    as_3857 = locate_json(repr(x), repr(y), "--crs", "EPSG:3857")
    assert as_3857["zones"]["current"]  # the answer EPSG:3857 gives is wrong, and looks right


def test_cli_locate_point_bd09mc():
    r = run_cli("locate", "12958175", "4825923", "--crs", "bd09mc")
    assert r.returncode == 2 and "'bd09mc' cannot be used: it names Baidu's BD-09 Mercator metres (BD09MC)" in r.stderr
    r = run_cli("--lang", "zh", "locate", "12958175", "4825923", "--crs", "BD09MC")
    assert r.returncode == 2 and "百度墨卡托米制坐标（BD09MC）" in r.stderr


def test_cli_degrees_with_gcj02merc_say_so():
    """lon/lat degrees given with --crs gcj02merc: named as degrees, not answered near (0, 0)."""
    r = run_cli("locate", *map(repr, YIZHUANG_CORE), "--crs", "gcj02merc")
    assert r.returncode == 2
    assert f"({YIZHUANG_CORE[0]}, {YIZHUANG_CORE[1]}) in gcj02merc lies outside the dataset's area" in r.stderr


def test_cli_locate_file(tmp_path: Path):
    pts = [GCJ02_EDGE, (116.46, 39.75), (116.5, 39.8)]
    xs, ys = zip(*(gcj_merc(*p) for p in pts))
    src = tmp_path / "merc.csv"
    pd.DataFrame({"x": xs, "y": ys}).to_csv(src, index=False)
    gsrc = tmp_path / "gcj.csv"
    pd.DataFrame({"lon": [p[0] for p in pts], "lat": [p[1] for p in pts]}).to_csv(gsrc, index=False)
    out, gout = tmp_path / "merc-out.csv", tmp_path / "gcj-out.csv"
    for args in (
        ("--input", str(src), "--output", str(out), "--crs", "GCJ02-MERC"),
        ("--input", str(gsrc), "--output", str(gout), "--crs", "gcj02"),
    ):
        r = run_cli("locate", *args)
        assert r.returncode == 0, r.stderr
    merc, gcj = pd.read_csv(out), pd.read_csv(gout)
    cols = [c for c in gcj.columns if c.startswith("in_")] + ["status"]
    assert merc[cols].equals(gcj[cols]) and list(merc["status"]) == ["ok"] * 3
    assert not bool(merc.loc[0, "in_current"])
    wrong = tmp_path / "3857-out.csv"
    assert run_cli("locate", "--input", str(src), "--output", str(wrong), "--crs", "EPSG:3857").returncode == 0
    assert bool(pd.read_csv(wrong).loc[0, "in_current"])


def test_library_classify(model):
    lon, lat = beijing(2000, seed=3)
    x, y = from_wgs84(lon, lat, "gcj02merc")
    assert np.array_equal(model.classify(x, y, crs="gcj02merc"), model.classify(lon, lat))
    gx, gy = from_wgs84(lon, lat, "gcj02")
    assert np.array_equal(model.classify(x, y, crs="gcj02merc"), model.classify(gx, gy, crs="gcj02"))


def test_cli_events(tmp_path: Path):
    n = 6
    f = np.linspace(0.0, 1.0, n)
    glon = GCJ02_EDGE[0] + (YIZHUANG_CORE[0] - GCJ02_EDGE[0]) * f
    glat = GCJ02_EDGE[1] + (YIZHUANG_CORE[1] - GCJ02_EDGE[1]) * f
    x, y = WEB_MERCATOR.transform(glon, glat)
    ts = (pd.Timestamp("2024-05-01 08:00:00") + pd.to_timedelta(np.arange(n) * 60, unit="s")).strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    src = tmp_path / "fixes.csv"
    pd.DataFrame({"vehicle": "A", "lon": x, "lat": y, "ts": ts}).to_csv(src, index=False)

    def events(*opts: str) -> list[tuple[str, str]]:
        out = tmp_path / f"events-{len(list(tmp_path.iterdir()))}.csv"
        r = run_cli("events", "--input", str(src), "--output", str(out), "--zones", "current", *opts)
        assert r.returncode == 0, r.stderr
        ev = pd.read_csv(out, dtype=str)
        return sorted(zip(ev["zone"], ev["event"]))

    assert events("--crs", "gcj02merc") == [("current", "enter")]
    assert events("--crs", "EPSG:3857") == []  # as EPSG:3857 the first fix is already inside: no entry


def test_cli_events_bd09mc(tmp_path: Path):
    src = tmp_path / "fixes.csv"
    pd.DataFrame({"vehicle": ["A"], "lon": [12958175.0], "lat": [4825923.0], "ts": ["2024-05-01 08:00:00"]}).to_csv(
        src, index=False
    )
    r = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--crs", "bd09mc")
    assert r.returncode == 2 and "BD09MC" in r.stderr and not (tmp_path / "ev.csv").exists()


# -- exports declare it, and read back as it -------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".shp"])
def test_export_declares_and_reads_back(tmp_path: Path, suffix: str):
    import pyogrio

    out = tmp_path / f"current{suffix}"
    r = run_cli("export", "--layer", "current", "-o", str(out), "--crs", "gcj02merc")
    assert r.returncode == 0, r.stderr
    declared = pyogrio.read_info(out)["crs"]
    assert normalize_crs(declared) == "gcj02merc"
    frame = pyogrio.read_dataframe(out)
    x0, y0 = (
        frame.geometry.iloc[0].exterior.coords[0]
        if frame.geometry.iloc[0].geom_type == "Polygon"
        else (frame.geometry.iloc[0].geoms[0].exterior.coords[0])
    )
    lon, lat = to_wgs84(x0, y0, "gcj02merc")
    assert 115 < lon < 118 and 39 < lat < 42
    gx, gy = gcj02_to_wgs84(*C._merc_inverse(x0, y0))
    assert abs(gx - lon) < 1e-12 and abs(gy - lat) < 1e-12


def test_shifted_crs_is_not_epsg3857():
    crs = C.shifted_crs("gcj02merc")
    assert crs.name == "GCJ-02 / Web Mercator" and crs.to_epsg() is None and crs.is_projected
    assert normalize_crs(crs) == normalize_crs(crs.to_wkt("WKT1_ESRI")) == "gcj02merc"
    assert normalize_crs(crs.to_wkt("WKT1_GDAL")) == "gcj02merc"
    # named so, but another projection of GCJ-02: not taken for it, and not read by its definition either (PROJ
    # cannot undo GCJ-02 under it): refused
    other = pyproj.CRS(crs.to_wkt().replace("Popular Visualisation Pseudo Mercator", "Mercator (variant A)"))
    with pytest.raises(C.CRSError, match=r"it projects GCJ-02 lon/lat, which PROJ cannot convert"):
        normalize_crs(other)


# -- the hint for metres given as lon/lat -------------------------------------------------------------------------
CHINESE_MERCATOR = (
    "Web Mercator metres from a Chinese map app are not EPSG:3857: Amap/Gaode and Tencent ones are GCJ-02 Web "
    "Mercator (--crs gcj02merc; ~500 m from EPSG:3857 in Beijing), and Baidu's (BD09MC) are a projection of "
    "Baidu's own that avzone cannot read: convert them to BD-09 lon/lat first (--crs bd09)"
)


def test_hint_for_one_point_names_gcj02merc_and_bd09mc():
    x, y = gcj_merc(*GCJ02_EDGE)
    r = run_cli("locate", repr(x), repr(y))
    assert r.returncode == 2
    assert "read as EPSG:3857 (Web Mercator) it lies in the dataset's area" in r.stderr
    assert r.stderr.rstrip().endswith(f"give their CRS (--crs EPSG:3857). {CHINESE_MERCATOR}")
    zh = run_cli("--lang", "zh", "locate", repr(x), repr(y))
    assert "高德、腾讯的是 GCJ-02 Web 墨卡托投影（--crs gcj02merc；" in zh.stderr and "百度的（BD09MC）" in zh.stderr


def test_hint_in_the_library(model):
    """The library's hint names crs= as Python gives it; it named the command line's --crs gcj02merc, --crs bd09."""
    from avzone.errors import InputError
    from avzone.i18n import error_text

    x, y = gcj_merc(*YIZHUANG_CORE)
    with pytest.raises(InputError) as info:
        model.locate(x, y)
    python = CHINESE_MERCATOR.replace("--crs gcj02merc", "crs='gcj02merc'").replace("--crs bd09", "crs='bd09'")
    assert str(info.value).endswith(f"give their CRS (crs='EPSG:3857'). {python}"), info.value
    zh = error_text(info.value, "zh")
    assert "（crs='EPSG:3857'）" in zh and "（crs='gcj02merc'；" in zh and "（crs='bd09'）" in zh and "--" not in zh, zh


def test_hint_in_the_http_service(model):
    """The service's hint names its crs query parameter (crs=gcj02merc); it named the command line's --crs."""
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    x, y = gcj_merc(*YIZHUANG_CORE)
    with TestClient(create_app(model)) as client:
        r = client.get("/v1/locate", params={"lon": repr(x), "lat": repr(y)})
        zh = client.get("/v1/locate", params={"lon": repr(x), "lat": repr(y), "lang": "zh"})
    http = CHINESE_MERCATOR.replace("--crs ", "crs=")
    assert r.status_code == 422 and r.json()["detail"].endswith(f"give their CRS (crs=EPSG:3857). {http}"), r.text
    said = zh.json()["detail"]
    assert "（crs=EPSG:3857）" in said and "（crs=gcj02merc；" in said and "（crs=bd09）" in said, said


def test_hint_for_a_file_names_gcj02merc_and_bd09mc(tmp_path: Path):
    lon, lat = beijing(50)
    x, y = from_wgs84(lon, lat, "gcj02merc")
    src, out = tmp_path / "metres.csv", tmp_path / "out.csv"
    pd.DataFrame({"lon": x, "lat": y}).to_csv(src, index=False)
    r = run_cli("locate", "--input", str(src), "--output", str(out))
    assert r.returncode == 2 and not out.exists()
    assert "the columns look like projected metres; run again with --crs EPSG:3857" in r.stderr
    assert r.stderr.rstrip().endswith(CHINESE_MERCATOR)
    # data unchanged: the hint names the CRS, and the file is answered only once it is given
    assert run_cli("locate", "--input", str(src), "--output", str(out), "--crs", "gcj02merc").returncode == 0
    assert (pd.read_csv(out)["status"] == "ok").all()


def test_hint_without_web_mercator_says_nothing_of_it():
    """UTM 50N metres: EPSG:3857 does not put them in Beijing, and the message does not speak of Chinese apps."""
    x, y = from_wgs84(*YIZHUANG_CORE, "EPSG:32650")
    r = run_cli("locate", repr(float(x)), repr(float(y)))
    assert r.returncode == 2 and "EPSG:32650" in r.stderr
    assert "gcj02merc" not in r.stderr and "EPSG:3857" not in r.stderr


def test_http_post_of_an_exported_gcj02merc_file_reads_its_crs(tmp_path: Path):
    """POST /v1/locate of an `avzone export --crs gcj02merc` GeoJSON: its 'crs' member is read as gcj02merc."""
    from starlette.testclient import TestClient

    import avzone
    from avzone.service import create_app

    model = avzone.load()
    out, wgs = tmp_path / "stations.geojson", tmp_path / "stations-wgs.geojson"
    assert run_cli("export", "--layer", "stations", "-o", str(out), "--crs", "gcj02merc").returncode == 0
    assert run_cli("export", "--layer", "stations", "-o", str(wgs)).returncode == 0
    client = TestClient(create_app(model))
    headers = {"content-type": "application/geo+json"}
    merc = client.post("/v1/locate", content=out.read_bytes(), headers=headers).json()
    plain = client.post("/v1/locate", content=wgs.read_bytes(), headers=headers).json()
    assert merc["crs"] == "gcj02merc" and plain["crs"] == "EPSG:4326"
    for a, b in zip(merc["results"], plain["results"], strict=True):
        assert abs(a["lon"] - b["lon"]) < 1e-7 and abs(a["lat"] - b["lat"]) < 1e-7 and a["zones"] == b["zones"]

"""The cold path: small questions import no heavy modules, the zone index loads from the cache, same answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

import avzone
from avzone import _cache
from avzone._grid import AUTO_THREADS_MIN, ZoneIndex

SRC = str(Path(__file__).resolve().parents[1] / "src")
HEAVY = ("pandas", "geopandas", "matplotlib", "folium", "numba", "pyproj")

REPORT = f"""
import json, sys
heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)
print(json.dumps({{"answers": answers, "heavy": heavy}}))
"""


def _run(code: str, cache_dir: Path | str) -> dict:
    path = SRC + os.pathsep + os.environ.get("PYTHONPATH", "")
    env = dict(os.environ, AVZONE_CACHE_DIR=str(cache_dir), PYTHONPATH=path)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


LIBRARY = (
    "import avzone\n"
    "m = avzone.load()\n"
    "answers = [m.locate(116.5, 39.8).to_dict(), m.locate(116.2, 39.8).to_dict(), m.locate(116.36, 39.71).to_dict()]\n"
    + REPORT
)


def test_one_point_imports_no_pandas_geopandas_numba_pyproj_from_a_warm_cache(tmp_path, model):
    first = _run(LIBRARY, tmp_path)  # builds the index (numba may be imported) and stores it
    assert list(tmp_path.glob("zone-index-*.arrays")), "the index was not cached"
    assert not set(first["heavy"]) & {"pandas", "geopandas", "matplotlib", "folium"}, first["heavy"]
    second = _run(LIBRARY, tmp_path)
    assert second["heavy"] == [], second["heavy"]
    expected = [model.locate(116.5, 39.8).to_dict(), model.locate(116.2, 39.8).to_dict()]
    expected.append(model.locate(116.36, 39.71).to_dict())
    assert first["answers"] == second["answers"] == json.loads(json.dumps(expected))


def test_cli_locate_and_help_import_nothing_heavy(tmp_path):
    _run(LIBRARY, tmp_path)  # warm the cache
    code = (
        "import contextlib, io\n"
        "from avzone.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    rc = main(['locate', '116.5', '39.8', '--json'])\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "answers = [rc, buf.getvalue()[:200]]\n" + REPORT
    )
    got = _run(code, tmp_path)
    assert got["answers"][0] == 0 and '"current": true' in got["answers"][1]
    assert got["heavy"] == [], got["heavy"]


def test_importing_crs_does_not_import_numba_until_a_kernel_runs(tmp_path):
    code = (
        "import sys\n"
        "import avzone.crs as c\n"
        "before = 'numba' in sys.modules\n"
        "lon, lat = c.wgs84_to_gcj02(116.397, 39.909)\n"
        "answers = [before, 'numba' in sys.modules, round(float(lon), 6), round(float(lat), 6)]\n" + REPORT
    )
    got = _run(code, tmp_path)
    assert got["answers"] == [False, True, 116.403244, 39.910403]


def _index_and_points(model: avzone.Model, n: int = 4000) -> tuple[ZoneIndex, np.ndarray, np.ndarray]:
    index = model.zone_index
    rng = np.random.default_rng(7)
    w, s, e, nb = index.bounds
    x = rng.uniform(w - 0.05, e + 0.05, n)
    y = rng.uniform(s - 0.05, nb + 0.05, n)
    # vertices (on the boundary: EDGE cells) and special values
    verts = np.concatenate([shapely.get_coordinates(g)[:200] for g in index.geometries])
    x = np.concatenate([x, verts[:, 0], [np.nan, np.inf, -np.inf, 116.5, 0.0]])
    y = np.concatenate([y, verts[:, 1], [39.8, 39.8, 39.8, np.nan, 0.0]])
    return index, x, y


def test_few_points_path_equals_the_kernel_and_shapely_covers(model):
    index, x, y = _index_and_points(model)
    whole = index.classify(x, y)  # the compiled kernel (more than a few points)
    points = shapely.points(x, y)
    covers = np.column_stack([shapely.covers(g, points) for g in index.geometries])
    np.testing.assert_array_equal(whole, covers)
    for i in range(0, x.size, 7):  # one point at a time: the numpy lookup
        np.testing.assert_array_equal(index.classify(x[i : i + 1], y[i : i + 1])[0], whole[i])
    np.testing.assert_array_equal(index.classify(x[:50], y[:50]), whole[:50])


def test_index_from_arrays_answers_like_the_built_one(model):
    index, x, y = _index_and_points(model)
    clone = ZoneIndex.from_arrays(index.geometries, index.names, index.to_arrays())
    assert clone.bounds == index.bounds and clone.grid_shape == index.grid_shape
    assert clone.edge_cells == index.edge_cells and clone.nbytes == index.nbytes
    np.testing.assert_array_equal(clone.classify(x, y), index.classify(x, y))


def test_index_from_arrays_refuses_other_or_damaged_arrays(model):
    index = model.zone_index
    good = index.to_arrays()
    geoms, names = index.geometries, index.names
    with pytest.raises(ValueError, match="geometry"):
        ZoneIndex.from_arrays([shapely.buffer(geoms[0], 0.01), *geoms[1:]], names, good)
    with pytest.raises(ValueError, match="names"):
        ZoneIndex.from_arrays(geoms, [*names[:-1], "other"], good)
    with pytest.raises(ValueError, match="incomplete"):
        ZoneIndex.from_arrays(geoms, names, {k: v for k, v in good.items() if k != "blocks0"})
    bad = dict(good, coarse0=np.full_like(good["coarse0"], np.iinfo(good["coarse0"].dtype).max))
    with pytest.raises(ValueError, match="outside the blocks"):
        ZoneIndex.from_arrays(geoms, names, bad)
    with pytest.raises(ValueError, match="format"):
        ZoneIndex.from_arrays(geoms, names, dict(good, format=np.array([999])))


def _fresh(tmp_env: Path | str, monkeypatch: pytest.MonkeyPatch) -> avzone.Model:
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_env))
    return avzone.load()


def test_cache_is_written_then_read_and_a_corrupt_file_is_rebuilt(tmp_path, monkeypatch, model):
    index, x, y = _index_and_points(model, 500)
    expected = index.classify(x, y)
    m1 = _fresh(tmp_path, monkeypatch)
    np.testing.assert_array_equal(m1.zone_index.classify(x, y), expected)
    files = list(tmp_path.glob("zone-index-*.arrays"))
    assert len(files) == 1
    loaded = _cache.load(files[0].stem)
    assert loaded is not None and loaded["names"].tolist() == model.zone_layers
    files[0].write_bytes(b"not a zip file")  # corrupt: ignored, rebuilt, replaced
    m2 = _fresh(tmp_path, monkeypatch)
    np.testing.assert_array_equal(m2.zone_index.classify(x, y), expected)
    assert _cache.load(files[0].stem) is not None


def test_cache_key_changes_with_the_dataset(tmp_path, monkeypatch, dataset_copy):
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path / "cache"))
    ds = dataset_copy
    assert avzone.load(ds.folder).zone_index.names[0] == "core"
    doc = ds.read("core.geojson")
    doc["features"][0]["geometry"]["coordinates"][0][1][0] += 0.001
    ds.write("core.geojson", doc)
    m = avzone.load(ds.folder)
    x, y = shapely.get_coordinates(m.zone_geometries["core"])[:50].T
    core = m.zone_geometries["core"]
    np.testing.assert_array_equal(m.zone_index.classify(x, y)[:, 0], shapely.intersects_xy(core, x, y))
    assert len(list((tmp_path / "cache").glob("zone-index-*.arrays"))) == 2


@pytest.mark.parametrize("setting", ["file", "off"])
def test_unusable_or_disabled_cache_builds_in_memory(tmp_path, monkeypatch, model, setting):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    m = _fresh(blocker if setting == "file" else "", monkeypatch)  # mkdir fails / cache off
    assert _cache.save("zone-index-x", {"a": np.zeros(1)}) is None
    assert m.locate(116.5, 39.8).to_dict() == model.locate(116.5, 39.8).to_dict()


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path / "x"))
    assert _cache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("AVZONE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache.cache_dir() == tmp_path / "xdg" / "avzone"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _cache.cache_dir() == Path.home() / ".cache" / "avzone"


def test_threads_are_chosen_by_size(model):
    threads = ZoneIndex._threads
    assert threads(None, 1000) == 1 and threads(None, AUTO_THREADS_MIN - 1) == 1
    cores = threads(0)
    assert threads(None, AUTO_THREADS_MIN) == cores and threads(3, 10) == 3


def test_local_plane_is_the_ellipsoidal_orthographic_projection():
    # avzone._plane (numpy, no pyproj) must agree with PROJ's ellipsoidal +proj=ortho,
    # and its way back must return the points it was given.
    from avzone.geodesy import _local_tm

    fwd, inv = _local_tm(116.5, 39.8)
    crs = pyproj.CRS.from_proj4("+proj=ortho +lat_0=39.8 +lon_0=116.5 +ellps=WGS84 +units=m")
    ref_fwd = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(110, 125, 20000), rng.uniform(30, 48, 20000)
    a, b = fwd.transform(lon, lat), ref_fwd.transform(lon, lat)
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)  # metres
    back = inv.transform(*a)
    np.testing.assert_allclose(back, (lon, lat), rtol=0, atol=1e-7)  # degrees, up to ~1,000 km out
    near = (np.abs(lon - 116.5) < 2) & (np.abs(lat - 39.8) < 2)
    np.testing.assert_allclose(np.asarray(back)[:, near], (lon[near], lat[near]), rtol=0, atol=1e-11)
    for i in range(0, 20000, 997):  # one point at a time (floats in, floats out): the same
        x, y = fwd.transform(float(lon[i]), float(lat[i]))
        assert isinstance(x, float) and abs(x - a[0][i]) < 1e-8 and abs(y - a[1][i]) < 1e-8
    # the far side of the Earth is beyond the plane's reach: inf, so callers fall back
    assert fwd.transform(-63.5, -39.8) == (np.inf, np.inf)


def test_edge_distances_agree_with_a_brute_force_geodesic(model):
    # the nearest edge point found in the plane, measured on the ellipsoid: within 1 m of the
    # minimum geodesic distance to a finely densified edge, one point and many alike
    from avzone import geodesy

    zone = model.zone_index.geometries[1]
    edge = geodesy.BoundaryDistance(zone)
    dense = shapely.get_coordinates(shapely.segmentize(zone.boundary, 0.00002))
    rng = np.random.default_rng(8)
    w, s, e, n = zone.bounds
    lon, lat = rng.uniform(w - 0.3, e + 0.3, 12), rng.uniform(s - 0.3, n + 0.3, 12)
    many = edge.distances(lon, lat)
    geod = pyproj.Geod(ellps="WGS84")
    for i in range(lon.size):
        _, _, d = geod.inv(np.full(len(dense), lon[i]), np.full(len(dense), lat[i]), dense[:, 0], dense[:, 1])
        assert abs(d.min() - many[i]) < 1.0
        assert abs(float(edge.distances([lon[i]], [lat[i]])[0]) - many[i]) < 1e-6


def test_one_point_geodesic_distances_agree_with_pyproj():
    from avzone import geodesy

    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(115, 118, 200), rng.uniform(39, 41.5, 200)
    got = geodesy.distances_from(116.5, 39.8, lon.tolist(), lat.tolist())
    _, _, ref = pyproj.Geod(ellps="WGS84").inv(np.full(200, 116.5), np.full(200, 39.8), lon, lat)
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-7)
    assert np.isnan(geodesy.distances_from(116.5, 39.8, [float("nan")], [39.0])[0])


def test_classify_one_pass_path_equals_the_general_path(model):
    rng = np.random.default_rng(11)
    w, s, e, n = model.bounds
    lon, lat = rng.uniform(w, e, 5000), rng.uniform(s, n, 5000)
    fast = model.classify(lon, lat)  # float64 arrays, all within the bounds: the one-pass path
    general = model.classify(lon.tolist(), lat.tolist())  # lists: the general path
    assert fast.equals(general) and not fast.isna().any().any()
    index = model.zone_index
    expected = np.column_stack([shapely.intersects_xy(g, lon, lat) for g in index.geometries])
    np.testing.assert_array_equal(fast.to_numpy(dtype=bool), expected)
    # one point outside the bounds (valid: False), one NaN (<NA>): the general path, with statuses
    lon2, lat2 = lon.copy(), lat.copy()
    lon2[3], lat2[4] = 100.0, np.nan
    mixed = model.classify(lon2, lat2)
    assert not mixed.iloc[3].isna().any() and not mixed.iloc[3].any()
    assert mixed.iloc[4].isna().all()
    assert mixed.drop(index=[3, 4]).equals(fast.drop(index=[3, 4]))


def test_classify_columns_do_not_share_values_or_masks(model):
    rng = np.random.default_rng(12)
    w, s, e, n = model.bounds
    df = model.classify(rng.uniform(w, e, 1000), rng.uniform(s, n, 1000))
    before = df.copy(deep=True)
    df.loc[0, "core"] = None
    df.loc[1, "planned"] = not bool(before.loc[1, "planned"])
    assert df.loc[0, "core"] is pd.NA and not df.loc[0, [c for c in df.columns if c != "core"]].isna().any()
    changed = (df != before).fillna(True)
    assert changed.to_numpy().sum() == 2


@pytest.mark.slow
def test_numba_cache_hits_in_a_later_process(tmp_path, monkeypatch):
    """The kernels compile once; a later process loads them from numba's cache (here NUMBA_CACHE_DIR)."""
    code = (
        "import numpy as np\n"
        "import avzone\n"
        "from avzone import _grid\n"
        "m = avzone.load()\n"
        "m.zone_index.classify(np.full(1000, 116.5), np.full(1000, 39.8), threads=1)\n"
        "k = _grid._kernel_words\n"
        "answers = [sum(k.stats.cache_hits.values()), sum(k.stats.cache_misses.values())]\n" + REPORT
    )
    env_dir = tmp_path / "numba"
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(env_dir))  # the children inherit it
    first = _run(code, tmp_path / "cache")
    second = _run(code, tmp_path / "cache")
    assert first["answers"] == [0, 1]  # compiled (and stored)
    assert second["answers"] == [1, 0]  # loaded, not compiled
    assert any(env_dir.rglob("*.nbi"))


# -- the compact cached form of the geometries (dataset-<hash>.arrays) ---------------------------------


def _answers(m: avzone.Model) -> list[dict]:
    points = [(116.5, 39.8), (116.2, 39.8), (116.36, 39.71), (116.6, 40.08), (117.5, 41.5)]
    return [m.locate(lon, lat).to_dict() for lon, lat in points]


def _same_geometries(a: avzone.Model, b: avzone.Model) -> None:
    assert a.layers == b.layers
    for lid in a.layers:
        ga, gb = a._layer(lid).geometries, b._layer(lid).geometries
        assert [g is None for g in ga] == [g is None for g in gb]
        assert all(x is None or shapely.to_wkb(x) == shapely.to_wkb(y) for x, y in zip(ga, gb))  # bit for bit
    for z in a.zone_layers:
        assert shapely.to_wkb(a.zone_geometries[z]) == shapely.to_wkb(b.zone_geometries[z])


def test_geometry_cache_hit_gives_the_same_geometries_and_answers(tmp_path, monkeypatch, model):
    monkeypatch.setenv("AVZONE_CACHE_DIR", "")  # no cache at all: everything built from the GeoJSON
    plain = avzone.load()
    first = _fresh(tmp_path, monkeypatch)  # builds, then stores the geometries
    assert first.zone_geometries
    entries = list(tmp_path.glob("dataset-*.arrays"))
    assert len(entries) == 1
    second = _fresh(tmp_path, monkeypatch)
    assert second._cached_unions and set(second._cached_unions) == set(second.zone_layers)  # a real hit
    _same_geometries(plain, second)
    assert _answers(plain) == _answers(first) == _answers(second)
    rng = np.random.default_rng(21)
    w, s, e, n = model.bounds
    lon, lat = rng.uniform(w, e, 3000), rng.uniform(s, n, 3000)
    assert plain.classify(lon, lat).equals(second.classify(lon, lat))
    assert plain.area_km2("current") == second.area_km2("current")
    assert plain.hub_points.ids == second.hub_points.ids
    np.testing.assert_array_equal(plain.hub_points.lon, second.hub_points.lon)


def test_geometry_cache_follows_the_content(tmp_path, monkeypatch, dataset_copy):
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path / "cache"))
    ds = dataset_copy
    before = avzone.load(ds.folder)
    area = before.area_km2("core")  # builds the unions: the entry is written
    doc = ds.read("core.geojson")
    doc["features"][0]["geometry"]["coordinates"][0][1][0] += 0.01
    ds.write("core.geojson", doc)
    after = avzone.load(ds.folder)
    assert not after._cached_unions  # another hash: the old entry is not used
    new_area = after.area_km2("core")  # the new entry is written
    monkeypatch.setenv("AVZONE_CACHE_DIR", "")
    truth = avzone.load(ds.folder)
    assert new_area == truth.area_km2("core") != area
    _same_geometries(after, truth)
    assert len(list((tmp_path / "cache").glob("dataset-*.arrays"))) == 2


def test_damaged_geometry_cache_is_ignored_and_replaced(tmp_path, monkeypatch, model):
    assert _fresh(tmp_path, monkeypatch).zone_geometries
    (entry,) = tmp_path.glob("dataset-*.arrays")
    good = _cache.load(entry.stem)
    assert good is not None
    for damage in (b"not a zip file", entry.read_bytes()[: entry.stat().st_size // 2]):
        entry.write_bytes(damage)
        m = _fresh(tmp_path, monkeypatch)
        assert not m._cached_unions
        assert _answers(m) == _answers(model)
        assert _cache.load(entry.stem) is not None  # written again
    # readable arrays that do not make geometries: ignored too
    bad = dict(good, wkb0=good["wkb0"][:-7], uwkb=np.zeros(good["uwkb"].size, np.uint8))
    _cache.save(entry.stem, bad)
    m = _fresh(tmp_path, monkeypatch)
    assert not m._cached_unions and _answers(m) == _answers(model)


def test_read_only_or_missing_cache_folder_builds_in_memory(tmp_path, monkeypatch, model):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        m = _fresh(ro, monkeypatch)
        assert _answers(m) == _answers(model) and list(m.zone_index.names) == model.zone_layers
        if os.geteuid() != 0:  # root writes anywhere
            assert not list(ro.iterdir())
    finally:
        ro.chmod(0o700)
    missing = tmp_path / "not" / "yet"
    m = _fresh(missing, monkeypatch)
    assert _answers(m) == _answers(model)
    assert list(missing.glob("dataset-*.arrays")) and list(missing.glob("zone-index-*.arrays"))  # made on the way


def test_lenient_load_does_not_write_geometries(tmp_path, monkeypatch):
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path))
    m = avzone.load(strict=False)
    assert m.zone_geometries
    assert not list(tmp_path.glob("dataset-*.arrays"))


def test_cache_file_round_trip_and_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path))
    arrays = {"a": np.arange(10, dtype=np.int32), "b": np.array([[1.5, 2.5]]), "names": np.array(["core", "外"])}
    path = _cache.save("k", arrays)
    assert path is not None and path.name == "k" + _cache.SUFFIX
    back = _cache.load("k")
    assert back is not None and set(back) == set(arrays)
    for name, arr in arrays.items():
        np.testing.assert_array_equal(back[name], arr)
        assert back[name].dtype == arr.dtype
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x01  # one bit of the payload: the CRC-32 no longer matches
    path.write_bytes(bytes(data))
    assert _cache.load("k") is None
    path.write_bytes(bytes(data[:40]))  # truncated header
    assert _cache.load("k") is None
    assert _cache.save("obj", {"x": np.array([object()])}) is None  # no pickles
    assert not list(tmp_path.glob("obj*")) and not list(tmp_path.glob(".*tmp"))


def test_a_file_changed_during_the_load_is_read_again_without_the_cache(tmp_path, monkeypatch, dataset_copy):
    from avzone import dataset

    monkeypatch.setenv("AVZONE_CACHE_DIR", str(tmp_path / "cache"))
    ds = dataset_copy
    assert avzone.load(ds.folder).zone_geometries  # the entry for these bytes is written
    doc = ds.read("core.geojson")
    doc["features"][0]["geometry"]["coordinates"][0][1][0] += 0.01
    real = dataset.read_dataset
    calls = []

    def edit_while_reading(*args, **kwargs):  # the file changes after it was hashed, before it is parsed
        if not calls:
            ds.write("core.geojson", doc)
        calls.append(kwargs.get("geometries") is not None)
        return real(*args, **kwargs)

    monkeypatch.setattr("avzone.model.read_dataset", edit_while_reading)
    m = avzone.load(ds.folder)
    assert calls == [True, False]  # the cached geometries were offered, then the files read again without them
    monkeypatch.setattr("avzone.model.read_dataset", real)
    monkeypatch.setenv("AVZONE_CACHE_DIR", "")
    _same_geometries(m, avzone.load(ds.folder))

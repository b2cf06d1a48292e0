"""Hostile input for the CRS front end, the HTTP CRS parameter and atomic outputs.

Generated with hypothesis. The number of examples per test is small by
default, so the suite stays quick; set ``AVZONE_FUZZ_EXAMPLES`` (e.g. 5000)
for a longer run.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyproj
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avzone._atomic import TEMP_MARKER, atomic_output
from avzone.crs import from_wgs84, normalize_crs, to_wgs84
from avzone.errors import CRSError, InputError

EXAMPLES = int(os.environ.get("AVZONE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
AUTHORITIES = ["EPSG", "ESRI", "OGC", "IAU_2015", "IGNF", "NKG", "PROJ", "epsg", "Esri"]
PROJ_TOKENS = [
    "+proj=longlat",
    "+proj=utm",
    "+proj=geocent",
    "+proj=tmerc",
    "+proj=merc",
    "+proj=ob_tran",
    "+proj=pipeline",
    "+zone=50",
    "+zone=0",
    "+zone=61",
    "+south",
    "+datum=WGS84",
    "+ellps=krass",
    "+ellps=GRS80",
    "+R=1737400",
    "+towgs84=15.8,-154.4,-82.3,0,0,0,0",
    "+lon_0=117",
    "+lon_0=1e308",
    "+lat_0=91",
    "+k=0",
    "+units=m",
    "+units=us-ft",
    "+axis=neu",
    "+vunits=m",
    "+no_defs",
    "+type=crs",
    "+a=1",
    "+b=2",
    "+x_0=nan",
]

crs_like = st.one_of(
    st.builds(lambda a, n: f"{a}:{n}", st.sampled_from(AUTHORITIES), st.integers(-10, 200_000)),
    st.integers(-(2**70), 2**70),
    st.builds(lambda toks: " ".join(toks), st.lists(st.sampled_from(PROJ_TOKENS), min_size=1, max_size=6)),
    st.text(max_size=80),
    st.sampled_from(["gcj02", "GCJ-02", "bd09ll", "BD_09", "wgs84", "CRS84", "", " ", "\x00", "EPSG:", ":4326"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _probe(c) -> None:
    """An accepted CRS converts a Beijing point there and back."""
    lon, lat = np.array([116.4, 116.0]), np.array([39.9, 40.5])
    x, y = from_wgs84(lon, lat, c)
    back = to_wgs84(x, y, c)
    assert np.nanmax(np.abs(back[0] - lon)) < 1e-6 and np.nanmax(np.abs(back[1] - lat)) < 1e-6


@FUZZ
@given(crs=crs_like)
def test_normalize_crs_accepts_usable_crss_and_refuses_the_rest_with_crserror(crs):
    try:
        c = normalize_crs(crs)
    except CRSError as exc:
        text = str(exc)
        assert text.startswith(("crs=: unknown coordinate reference system", "coordinate reference system "))
        assert "give" in text  # says what would be right
        return
    assert c in ("EPSG:4326", "gcj02", "bd09") or isinstance(c, pyproj.CRS)
    if isinstance(c, pyproj.CRS):
        _probe(c)


@FUZZ
@given(text=st.one_of(crs_like.filter(lambda v: isinstance(v, str)), st.text(max_size=300)))
def test_http_crs_parameter_is_a_crs_or_a_422(text):
    pytest.importorskip("fastapi")
    from starlette.exceptions import HTTPException

    from avzone.service.parsing import _CRSCache

    cache = _CRS_CACHE.setdefault("cache", _CRSCache())
    for _ in range(2):  # the second answer comes from the cache and must be the same
        try:
            c = cache(text)
        except HTTPException as exc:
            assert exc.status_code == 422 and str(exc.detail).startswith("crs: ")
            continue
        assert c in ("EPSG:4326", "gcj02", "bd09") or isinstance(c, pyproj.CRS)


_CRS_CACHE: dict[str, object] = {}


@FUZZ
@given(
    old=st.one_of(st.none(), st.binary(max_size=64)),
    chunks=st.lists(st.binary(min_size=1, max_size=64), max_size=5),
    fail=st.sampled_from([None, ValueError, KeyboardInterrupt, SystemExit, InputError]),
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=20
    ).filter(lambda n: n not in (".", "..")),
)
def test_atomic_output_is_all_or_nothing(tmp_path_factory, old, chunks, fail, name):
    folder = tmp_path_factory.mktemp("fuzz")
    target = folder / name
    try:
        target.touch()
        target.unlink()
    except OSError:  # a name this file system refuses (too long in bytes...)
        return
    if old is not None:
        target.write_bytes(old)
    raised = False
    try:
        with atomic_output(target) as tmp:
            with Path(tmp).open("wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
            if fail is not None:
                raise fail("stop")
    except (ValueError, KeyboardInterrupt, SystemExit):
        raised = True
    assert raised == (fail is not None)
    if fail is None:
        assert target.read_bytes() == b"".join(chunks)
    elif old is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == old
    assert not [p for p in folder.iterdir() if TEMP_MARKER in p.name]

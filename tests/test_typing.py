"""The package's types: mypy is clean on src/avzone, and code using the public API gets the documented types."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

USAGE = """
from __future__ import annotations

from typing import Any

import folium
import numpy as np
import numpy.typing as npt
import pandas as pd
import polars as pl
import pyarrow as pa
from typing_extensions import assert_type

import avzone
from avzone.crs import bd09_to_wgs84, from_wgs84, gcj02_to_wgs84, to_wgs84, wgs84_to_gcj02
from avzone.events import Events, events
from avzone.locate import classify
from avzone.maps import make_map

lon, lat = wgs84_to_gcj02(116.397, 39.909)
assert_type(lon, np.float64)
lons, lats = gcj02_to_wgs84([116.40, 116.50], [39.91, 39.80], tol_deg=1e-8)
assert_type(lons, npt.NDArray[np.float64])
x, y = to_wgs84(np.array([448460.0]), np.array([4417831.0]), "EPSG:32650")
assert_type(y, npt.NDArray[np.float64])
assert_type(from_wgs84(116.397, 39.909, "gcj02"), tuple[np.float64, np.float64])
assert_type(bd09_to_wgs84(116.41, 39.92)[0], np.float64)
model = avzone.load()
assert_type(model, avzone.Model)
assert_type(make_map(model, tiles="none"), folium.Map)


# classify answers in the kind of its input (avzone._tables.answer_kind): pandas when a pandas input carries an index,
# else polars for polars input, else Arrow for Arrow input, else pandas (lists, numpy)
class ArrowTable:  # (a pyarrow Table as pyarrow's stubs type it: pyarrow ships no types, so pa.Table is Any here)
    num_rows: int = 1
    column_names: list[str] = ["lon", "lat"]


def kinds(
    df: pd.DataFrame, s: pd.Series[float], a: npt.NDArray[np.float64], pf: pl.DataFrame, ps: pl.Series, t: Any
) -> None:
    assert_type(model.classify([116.5], [39.79]), pd.DataFrame)
    assert_type(model.classify(a, a, status=True), pd.DataFrame)
    assert_type(model.classify(df), pd.DataFrame)
    assert_type(model.classify(s, s, times=s), pd.DataFrame)
    assert_type(model.classify(pf), pl.DataFrame)
    assert_type(model.classify(ps, ps, status=True), pl.DataFrame)
    assert_type(model.classify(a, ps), pl.DataFrame)
    assert_type(model.classify(ps, s), pd.DataFrame)
    assert_type(model.classify(ps, ps, times=s), pd.DataFrame)
    assert_type(model.classify(ps, ps, times="2024-06-01"), pl.DataFrame)
    assert_type(model.classify(ArrowTable()), pa.Table)
    assert_type(classify(model, pf, crs="gcj02"), pl.DataFrame)
    assert_type(classify(model, [116.5], [39.79]), pd.DataFrame)
    assert_type(model.classify(t), Any)  # (unknown input: an unknown kind)
    assert_type(model.classify(a, a, "gcj02", threads=0, times=a, time_unit="s", status=True), pd.DataFrame)
    assert_type(classify(model, pf, None, threads=None, times=s, time_unit=None, status=False), pd.DataFrame)
    # events: the frames of the input's kind
    assert_type(model.events(df).events, pd.DataFrame)
    assert_type(model.events(pf, id="car").rows, pl.DataFrame)
    assert_type(model.events(df, time="t", max_gap_s=None, threads=2, time_unit="ms").rows, pd.DataFrame)
    assert_type(model.events(ArrowTable()).summary, pa.Table)
    assert_type(events(model, pf, zones=["current"]), Events[pl.DataFrame])
    assert_type(events(model, df), Events[pd.DataFrame])
"""

MISUSE = """
import avzone
from avzone.crs import gcj02_to_wgs84, wgs84_to_gcj02

lon, lat = wgs84_to_gcj02(116.397, 39.909)
first = lon[0]
gcj02_to_wgs84([116.4], [39.9], tol_deg="small")
model = avzone.load()
model.classify([116.5], [39.79], thread=2)
model.events(None, id_col="car")
"""


def test_package_is_clean_and_its_api_types_hold(tmp_path):
    """One mypy run (it is slow to start): the package, code using it, and code misusing it.

    The run keeps mypy's cache in the checkout's .mypy_cache, the one ``make typecheck`` (run before the
    tests by ``make test``) fills: unchanged modules and the stubs of pandas and numpy are read from it
    instead of checked again (mypy checks each cached module's file and options before using it).
    """
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    (tmp_path / "usage.py").write_text(USAGE, encoding="utf-8")
    (tmp_path / "misuse.py").write_text(MISUSE, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}  # this checkout's avzone, not an installed one
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache"), "src/avzone"]
    done = subprocess.run(
        [*command, str(tmp_path / "usage.py"), str(tmp_path / "misuse.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert [e for e in errors if "misuse.py" not in e] == [], done.stdout[-4000:]
    assert len(errors) == 6, done.stdout[-4000:]
    assert 'misuse.py:6: error: Value of type "float64" is not indexable' in errors[0]
    assert 'misuse.py:7: error: No overload variant of "gcj02_to_wgs84" matches argument types' in errors[1]
    assert '"list[float]", "list[float]", "str"' in errors[1]
    # (the methods typed as their module functions: those functions' keywords, not any keyword)
    unexpected = 'error: Unexpected keyword argument "{}" for overloaded function "{}" of "Model"'
    assert f'misuse.py:9: {unexpected.format("thread", "classify")}; did you mean "threads"?' in errors[2]
    assert 'misuse.py:9: error: No overload variant of "classify" of "Model"' in errors[3]
    assert f"misuse.py:10: {unexpected.format('id_col', 'events')}" in errors[4]
    assert 'misuse.py:10: error: No overload variant of "events" of "Model"' in errors[5]


def test_model_classify_takes_what_the_function_it_is_typed_as_takes():
    """``Model.classify`` is typed as :func:`avzone.locate.classify` (their overloads are written once, on the
    function, the model bound to ``self``): the method takes the function's parameters after the model, the same
    names, kinds, defaults and annotations, and answers in the same kinds."""
    import avzone
    from avzone.locate import classify

    method, function = inspect.signature(avzone.Model.classify), inspect.signature(classify)
    (self, *taken), (model, *takes) = method.parameters.values(), function.parameters.values()
    assert (self.name, model.name) == ("self", "model")
    assert taken == takes
    assert method.return_annotation == function.return_annotation

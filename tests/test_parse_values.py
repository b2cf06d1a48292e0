"""parse_values: a column of text cells read by Arrow's kernels gives what the cell-by-cell reading gives."""

from __future__ import annotations

import numpy as np
import pytest
from common import run_cli

import avzone
from avzone import points

CELLS = [
    "116.5", " 39.9 ", "", "  ", None, float("nan"), "nan", "NaN", "inf", "-Infinity", "1e400", "-1e400", "1e-400",
    "1_000", "116,5", "abc", "0x10", "+5", ".5", "5.", "１１６", "1.7976931348623157e308", "4.9e-324",
    "116.40000000000000568434188608080148696899414062500001", "1e5", "  -0.0", "\u3000116.5\u3000", "116.5\n", "--1",
    "１１６．５", "－３９．９", "１．１６ｅ２", "１１６，５", "１＿１６",
]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS, ids=repr)
def test_text_cells_read_at_once_as_one_by_one(cell):
    text = np.array([cell, "116.0", " 40 "], dtype=object)
    num, codes = points.parse_values(text)
    # with a cell that is not text the column is read cell by cell (the reference)
    ref_num, ref_codes = points.parse_values(np.array([cell, "116.0", " 40 ", 5], dtype=object))
    assert codes.tolist() == ref_codes[:3].tolist()
    assert np.array_equal(num, ref_num[:3], equal_nan=True)
    assert np.array_equal(np.signbit(num[~np.isnan(num)]), np.signbit(ref_num[:3][~np.isnan(ref_num[:3])]))


def test_a_column_of_plain_numbers_as_text_takes_the_arrow_path():
    text = np.array(["116.5", "", None, " 39.9", "nan", "1e400"], dtype=object)
    fast = points._text_floats(text)
    assert fast is not None
    num, empty = fast
    assert empty.tolist() == [False, True, True, False, False, False]
    assert num[0] == 116.5 and num[3] == 39.9 and np.isnan(num[4]) and np.isinf(num[5])
    # one word among numbers, or a cell that is not text: cell by cell
    assert points._text_floats(np.array(["116.5", "east"], dtype=object)) is None
    assert points._text_floats(np.array(["116.5", 3.0], dtype=object)) is None
    assert points._text_floats(np.array([b"116.5"], dtype=object)) is None
    assert points._text_floats(np.array(["116.5", 2**70], dtype=object)) is None  # beyond C integers
    assert points._text_floats(np.array(["116.5", "\ud800"], dtype=object)) is None  # not encodable text
    num, codes = points.parse_values(np.array(["116.5", -(2**63) - 1, "\ud800"], dtype=object))
    assert num[:2].tolist() == [116.5, float(-(2**63) - 1)] and codes[1:].tolist() == [points.OK, points.NOT_A_NUMBER]


def test_a_nan_number_is_missing_in_memory_and_not_finite_in_a_file_whatever_its_neighbours(model, tmp_path):
    """README: a NaN number given in memory is 'missing' (how numpy writes a missing value, pandas' own), beside
    text or None too; the text 'nan' is 'not finite', and so is a NaN a file writes as a value (GeoJSON's NaN
    token), where a file's missing value is its null or empty cell."""
    import pandas as pd

    from avzone import batch

    want = ["ok", "missing lon", "missing lon", "missing lon"]
    listed = ["116.5", float("nan"), np.float32("nan"), None]
    for lons in (listed, np.array([116.5, np.nan, np.nan, None], dtype=object)):
        assert points.to_points(lons, [39.8] * 4).status_text().tolist() == want
    assert points.to_points([116.5, float("nan")], [39.8] * 2).status_text().tolist() == want[:2]  # (as ever)
    series = pd.Series(["116.5", float("nan")], dtype=object)  # pandas input: NaN is its missing value
    assert points.to_points(series, pd.Series([39.8, 39.8])).status_text().tolist() == ["ok", "missing lon"]
    assert points.to_points(["116.5", "nan"], [39.8] * 2).status_text().tolist() == ["ok", "lon not finite"]
    src = tmp_path / "nan.geojson"
    src.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        ' "geometry": {"type": "Point", "coordinates": [NaN, 39.8]}}]}',
        encoding="utf-8",
    )
    assert batch.locate_file(model, src, tmp_path / "out.csv").rejected == {"lon not finite": 1}


def test_fractions_are_numbers_as_model_locate_takes_them(model):
    """A Fraction cell was "not a number" in classify while model.locate takes a Fraction as the number it is;
    a cell is read as the real number it is (booleans and complex numbers stay not numbers)."""
    from fractions import Fraction

    num, codes = points.parse_values(
        np.array([Fraction(233, 2), Fraction(10**400), Fraction(-(10**400)), True, 1 + 2j], dtype=object)
    )
    assert num[:3].tolist() == [116.5, float("inf"), float("-inf")]
    assert codes.tolist() == [points.OK, points.NOT_FINITE, points.NOT_FINITE, points.NOT_A_NUMBER, points.NOT_A_NUMBER]
    df = model.classify([Fraction(233, 2)], [Fraction(3979, 100)], status=True)
    assert df["status"].tolist() == ["ok"] and df["core"].tolist() == [True]


def test_digits_grouped_with_underscores_are_not_a_number_anywhere(model, tmp_path):
    """'1_16.5' was read as 116.5 (Python's float takes '_' between digits as grouping): a typo that looked like a
    position. A coordinate given as text is a number when, trimmed, Python's float reads it and it holds no '_':
    one rule for CSV cells, JSON strings, the library and the command line."""
    num, codes = points.parse_values(np.array(["1_16.5", "116.5", "39_9", "１１６.５"], dtype=object))
    assert codes.tolist() == [points.NOT_A_NUMBER, points.OK, points.NOT_A_NUMBER, points.OK]
    assert num[3] == 116.5
    assert points.number_text(" +116.5 ") == 116.5 and points.number_text("１１６.５") == 116.5
    assert points.number_text("1_16.5") is None and points.number_text("116,5") is None
    with pytest.raises(avzone.InputError):
        model.locate("1_16.5", "39.79")
    out = run_cli("locate", "1_16.5", "39.79")
    assert out.returncode == 2 and "must be a number, got '1_16.5'" in out.stderr
    assert run_cli("locate", "１１６.５", "39.79").returncode == 0


def test_full_width_points_and_signs_are_read_as_typed(model, tmp_path):
    """A Chinese input method types the point and signs full-width too (１１６．５, －３．５): read as their ASCII
    forms, as the full-width digits were, in a file, the library, the command line and an HTTP query; a full-width
    comma or underscore stays no number, as its ASCII one."""
    num, codes = points.parse_values(np.array(["１１６．５", "＋３９．９", "－３．５", "１１６，５"], dtype=object))
    assert num[:3].tolist() == [116.5, 39.9, -3.5] and codes.tolist() == [points.OK] * 3 + [points.NOT_A_NUMBER]
    assert model.locate("１１６．５", "３９．７９").zones == model.locate(116.5, 39.79).zones
    out = run_cli("locate", "１１６．５", "３９．７９", "--json")
    assert out.returncode == 0, out.stderr
    src, dst = tmp_path / "wide.csv", tmp_path / "out.csv"
    src.write_text("id,lon,lat\n1,１１６．５,３９．７９\n2,１１６，５,３９．７９\n", encoding="utf-8")
    done = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert done.returncode == 0, done.stderr
    rows = dst.read_text(encoding="utf-8").splitlines()
    assert rows[1].endswith(",ok") and rows[1].startswith("1,１１６．５,３９．７９,") and "lon not a number" in rows[2]

"""One set of points, in each CRS, gives the same per-point answers and statuses from every entry point.

The points (seeded random points over the zones; vertices and edge middles of every zone layer with points
1e-9 degree and 3e-6 degree either side of them; and bad values: missing, NaN, infinite, out of range,
degrees given in a projected CRS, lon and lat swapped) are given in WGS84, GCJ-02, BD-09 and UTM zone 50N
(EPSG:32650) to ``model.classify`` (arrays and a pandas frame), ``model.locate_many``, ``avzone locate
--input`` on a CSV file and on a Parquet file (local engine), the Dask engine on the Parquet file, and ``POST
/v1/locate``. Every entry point must give each point the library's answer (zone by zone) and its status text,
keep every row in order, and the library's answers must be the WGS84 reference's (``shapely.covers``) for
every point the CRS conversion cannot move across an edge (those 3e-6 degree, about 30 cm, or more from one).

Other tests cover more of each entry point alone (tests/test_audit_agreement.py: indexes, encodings,
GeoJSON, one point at a time; tests/test_crs_every_entry.py: events and maps); this one puts the same rows
through all of the point entry points at once, bad ones among them, in each CRS.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import edge_catalogue, run_cli, sample_points

import avzone
from avzone.crs import from_wgs84
from avzone.points import number_text, number_why

SEED = 20261206
CRSS = ["EPSG:4326", "gcj02", "bd09", "EPSG:32650"]
#: Points this far (degrees) from an edge keep their side through any CRS's round trip (GCJ-02 / BD-09
#: inverses close to 1e-7 degrees; UTM's to well under a millimetre).
MARGIN_DEG = 3e-6


def _catalogue(model: avzone.Model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """WGS84 points where an answer flips, and whether each is far enough from every edge for the reference:
    the shared edge catalogue (:func:`common.edge_catalogue`: 1e-9 degree and ``MARGIN_DEG`` either side of
    vertices and edge middles) and random points over the zones."""
    ex, ey = edge_catalogue(model, SEED, per_layer=8, offsets=(1e-9, MARGIN_DEG))
    rx, ry = sample_points(model, 80, seed=SEED)
    lon, lat = np.concatenate([ex, rx]), np.concatenate([ey, ry])
    pts = shapely.points(lon, lat)
    far = np.ones(lon.size, dtype=bool)
    for z in model.zone_layers:
        far &= shapely.distance(model.layer_geometry(z).boundary, pts) >= MARGIN_DEG * 0.9
    return lon, lat, far


def _bad_rows(crs: str) -> list[tuple[Any, Any]]:
    """Values no point is read from, in ``crs``'s numbers (None: missing; no NaN, which is missing in memory and
    not finite in a file, as README says)."""
    inf = float("inf")
    if crs == "EPSG:32650":
        return [(None, 4_410_000.0), (450_000.0, None), (inf, 4_410_000.0), (116.5, 39.8), (9e9, 4_410_000.0)]
    return [(None, 39.8), (116.5, None), (-inf, 39.8), (200.0, 39.8), (116.5, 95.0), (39.8, 116.5), (0.0, 0.0)]


@pytest.fixture(scope="module")
def catalogue(model: avzone.Model) -> dict[str, Any]:
    lon, lat, far = _catalogue(model)
    ref = {z: shapely.covers(model.layer_geometry(z), shapely.points(lon, lat)) for z in model.zone_layers}
    return {"lon": lon, "lat": lat, "far": far, "ref": ref}


def _rows(catalogue: dict[str, Any], crs: str) -> tuple[list[Any], list[Any], np.ndarray]:
    """The catalogue's numbers in ``crs`` with the bad values among them, and where the good points are."""
    x, y = (np.asarray(v, dtype=float) for v in from_wgs84(catalogue["lon"], catalogue["lat"], crs))
    xs: list[Any] = [float(v) for v in x]
    ys: list[Any] = [float(v) for v in y]
    good = list(range(x.size))
    rng = np.random.default_rng(SEED + 1)
    for bx, by in _bad_rows(crs):
        at = int(rng.integers(0, len(xs)))
        xs.insert(at, bx)
        ys.insert(at, by)
        good.insert(at, -1)
    return xs, ys, np.array(good)


def _one(v: Any) -> Any:
    """An answer cell as True, False or None (missing), whatever the column's type."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    if isinstance(v, str):
        return {"true": True, "false": False}[v.lower()]
    return bool(v)


def _table(frame: pd.DataFrame, zones: list[str], prefix: str = "") -> list[tuple[Any, ...]]:
    """Each row's answers, zone by zone, and its status."""
    cols = [frame[prefix + z].tolist() for z in zones]
    status = [str(s) for s in frame["status"].tolist()]
    return [(*(_one(c[i]) for c in cols), status[i]) for i in range(len(frame))]


def _located(located: Any) -> pd.DataFrame:
    """``locate_many``'s answers with its rows' statuses beside them."""
    return located.frame().assign(status=located.status_text())


def _unnamed(status: str) -> str:
    """A status naming the columns x and y as it names unnamed coordinates: lon and lat."""
    return re.sub(r"\by\b", "lat", re.sub(r"\bx\b", "lon", status))


def _cell(v: Any) -> str:
    return "" if v is None else repr(v)


@pytest.fixture(scope="module")
def http(model: avzone.Model) -> Any:
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        yield c


@pytest.mark.parametrize("crs", CRSS)
def test_every_entry_point_gives_each_row_the_same_answer_and_status(
    model: avzone.Model, catalogue: dict[str, Any], tmp_path: Path, http: Any, dask_scheduler: str, crs: str
) -> None:
    zones = list(model.zone_layers)
    xs, ys, good = _rows(catalogue, crs)
    n = len(xs)
    index = pd.Index([f"p{i}" for i in range(n)], name="pid")
    frame = pd.DataFrame({"id": range(n), "x": pd.Series(xs, dtype=object), "y": pd.Series(ys, dtype=object)})
    lib = model.classify(frame["x"].set_axis(index), frame["y"].set_axis(index), crs=crs, status=True)
    assert lib.index.equals(index)
    want = _table(lib, zones)
    assert sum(s == "ok" for *_, s in want) == int((good >= 0).sum()), "every good point is ok, no bad one is"

    # the library's answers are the WGS84 reference's where no conversion can move a point across an edge
    ok = good >= 0
    for k, z in enumerate(zones):
        got = np.array([row[k] for row in want], dtype=object)[ok]
        ref = catalogue["ref"][z][good[ok]]
        far = catalogue["far"][good[ok]]
        assert (got[far] == ref[far]).all(), (crs, z)

    got: dict[str, list[tuple[Any, ...]]] = {
        "classify(DataFrame)": _table(model.classify(frame, crs=crs, status=True), zones),
        "locate_many": _table(_located(model.locate_many(frame["x"], frame["y"], crs=crs)), zones),
    }

    # the file jobs: a CSV file, a Parquet file (local), the Parquet file (Dask)
    csv = tmp_path / "in.csv"
    csv.write_text(
        "id,x,y\n" + "".join(f"{i},{_cell(a)},{_cell(b)}\n" for i, (a, b) in enumerate(zip(xs, ys, strict=True))),
        encoding="utf-8",
    )
    parquet = tmp_path / "in.parquet"
    pq.write_table(
        pa.table({"id": pa.array(range(n)), "x": pa.array(xs, pa.float64()), "y": pa.array(ys, pa.float64())}),
        parquet,
        row_group_size=97,
    )
    common = ("--crs", crs, "--lon-col", "x", "--lat-col", "y")
    jobs = {
        "CSV": (csv, tmp_path / "out.csv", ()),
        "Parquet": (parquet, tmp_path / "out.parquet", ()),
        "Parquet, Dask": (parquet, tmp_path / "dask.parquet", ("--engine", "dask", "--scheduler", dask_scheduler)),
    }
    for what, (src, dst, more) in jobs.items():
        done = run_cli("locate", "--input", str(src), "--output", str(dst), *common, *more)
        assert done.returncode == 0, (what, done.stderr)
        back = pd.read_csv(dst, dtype=str, keep_default_na=False) if dst.suffix == ".csv" else pd.read_parquet(dst)
        assert [int(v) for v in back["id"]] == list(range(n)), what  # every row, in order
        got[what] = _table(back, zones, "in_")

    # the HTTP API
    pairs = [[_json(a), _json(b)] for a, b in zip(xs, ys, strict=True)]
    r = http.post(f"/v1/locate?crs={crs}", content=json.dumps(pairs))
    assert r.status_code == 200, r.text
    answers = r.json()
    answers = answers["results"] if isinstance(answers, dict) else answers
    http_rows = [(*(_one(a["zones"][z]) if a.get("zones") else None for z in zones), a["status"]) for a in answers]
    # (a JSON body names no columns: its statuses say lon and lat, as those of lists given to the library do)
    unnamed = _table(model.classify(xs, ys, crs=crs, status=True), zones)
    assert [row[:-1] for row in unnamed] == [row[:-1] for row in want]
    assert [row[-1] for row in unnamed] == [_unnamed(s) for *_, s in want]
    assert http_rows == unnamed, crs

    diffs = {
        what: [(i, xs[i], ys[i], rows[i], want[i]) for i in range(n) if rows[i] != want[i]][:5]
        for what, rows in got.items()
    }
    assert all(len(rows) == n for rows in got.values())
    assert not any(diffs.values()), (crs, {k: v for k, v in diffs.items() if v})


def _json(v: Any) -> Any:
    """A value as the HTTP body writes it: a number, null, or the text of a number JSON has none for."""
    if v is None:
        return None
    return v if math.isfinite(v) else str(v)


#: Coordinates written as text, by row: numbers written another way (a decimal comma, thousands separators, a
#: hemisphere letter, an en dash for '-'), a text that is no number at all, and numbers; at most three rows of a
#: status, so that every entry point names every one of them (a file job's summary names the first three).
TEXT_ROWS = [
    ("116,48", "39.9"),
    ("116.4", "39,99"),
    ("E116.5", "39.79"),
    ("1,116.4", "39,9"),
    ("116.5", "39.79"),
    ("abc", "39.9"),
    ("116.45", "\u201339.9"),
]


def _reason(column: str, value: str, lang: str) -> str | None:
    """How every entry point says why ``value`` is no number and how to write it (None: it says no more)."""
    from avzone.i18n import Message, Quoted
    from avzone.points import number_why

    why = number_why(value)
    if why is None:
        return None
    return Message("example_value_why", column=column, value=Quoted.of(value), why=why).text(lang)


def _expected_reasons(names: tuple[str, str], lang: str) -> dict[int, list[str]]:
    """Each row's reasons, by its number from 0 (rows none of whose values has one: none)."""
    out: dict[int, list[str]] = {}
    for i, row in enumerate(TEXT_ROWS):
        said = [r for name, v in zip(names, row, strict=True) if (r := _reason(name, v, lang)) is not None]
        if said:
            out[i] = said
    return out


def _note_rows(notes: list[Any], lang: str) -> dict[int, str]:
    """The lines of a pandas answer's notes naming rows, by row number."""
    from avzone.i18n import written

    lines: dict[int, str] = {}
    for note in notes:
        for line in written(note, lang).splitlines():
            found = re.match(r"^\s+(?:row (\d+)|第 (\d+) 行)", line)
            if found:
                lines[int(found.group(1) or found.group(2))] = line
    return lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_entry_point_says_how_to_write_a_number_written_another_way(
    model: avzone.Model, tmp_path: Path, http: Any, lang: str
) -> None:
    xs, ys = ([row[k] for row in TEXT_ROWS] for k in (0, 1))
    want = _expected_reasons(("x", "y"), lang)
    assert set(want) == {0, 1, 2, 3, 6}
    frame = pd.DataFrame({"x": xs, "y": ys})

    # the library: a DataFrame of text columns, two Series, locate_many: in the answer's notes
    said = {
        "classify(DataFrame)": model.classify(frame, status=True).attrs.get("notes", []),
        "classify(Series)": model.classify(frame["x"], frame["y"]).attrs.get("notes", []),
        "locate_many": model.locate_many(frame["x"], frame["y"]).notes,
    }
    for what, notes in said.items():
        lines = _note_rows(notes, lang)
        for row, reasons in want.items():
            assert all(r in lines.get(row, "") for r in reasons), (what, row, lines.get(row), reasons)
        assert 5 in lines and _reason("x", "abc", lang) is None  # (a row named as the summary names it, no reason)

    # a CSV file job: its summary, as JSON (English) and as text (in the language asked)
    csv = tmp_path / "text.csv"
    frame.to_csv(csv, index=False)
    done = run_cli("locate", "--input", str(csv), "--output", str(tmp_path / "o.csv"), "--lon-col", "x",
                   "--lat-col", "y", "--lang", lang)  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = done.stdout + done.stderr
    for row, reasons in want.items():
        line = next((s for s in summary.splitlines() if re.match(rf"^\s+(?:row {row} |第 {row} 行)", s)), "")
        assert all(r in line for r in reasons), (row, line, reasons)

    # the HTTP API: each point's why, in the language asked, and the value as sent
    r = http.post(f"/v1/locate?lang={lang}", content=json.dumps([list(row) for row in TEXT_ROWS]))
    assert r.status_code == 200, r.text
    answers = r.json()["results"]
    assert r.headers["content-language"] == lang
    named = _expected_reasons(("lon", "lat"), lang)  # (a JSON body names no columns: lon and lat)
    assert {i: a["why"] for i, a in enumerate(answers) if "why" in a} == {
        i: ("; " if lang == "en" else "；").join(reasons) for i, reasons in named.items()
    }
    for row, a in zip(TEXT_ROWS, answers, strict=True):
        if a["status"] != "ok":
            assert a["input"] == [v if number_text(v) is None else float(v) for v in row], a

    # one point by the query string: its refusal says the same
    for row in named:
        lon, lat = TEXT_ROWS[row]
        q = http.get("/v1/locate", params={"lon": lon, "lat": lat, "lang": lang})
        assert q.status_code == 422
        why = number_why(lon) or number_why(lat)
        assert why is not None and why.text(lang) in q.json()["detail"], (row, q.json()["detail"])

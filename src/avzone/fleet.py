"""Synthetic fleets for tests, the notebook and the benchmark, and the T-Drive reader.

:func:`synthetic_fleet` makes GPS fixes of vehicles that either drive back
and forth along the dataset's routes or wander across the zone edges (a
correlated random walk starting on a zone's boundary), with GPS noise, gaps
in the reporting and optionally GCJ-02 coordinates (what an Amap-based app
would log). Everything is vectorized with numpy, so ten million fixes take
seconds; the same ``seed`` gives the same fleet.

:func:`read_tdrive` reads Microsoft Research's T-Drive taxi traces (one text
file per taxi, lines ``taxi id,date time,longitude,latitude``, e.g.
``1,2008-02-02 15:36:08,116.51172,39.92123``); :func:`write_tdrive` writes a
fleet in that layout (for tests and for trying the reader without the data).
T-Drive does not state its coordinate system: the reader returns the numbers
as written, and ``model.events(..., crs=...)`` takes the CRS you decide on.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from avzone.crs import wgs84_to_gcj02
from avzone.errors import InputError

if TYPE_CHECKING:
    from avzone.model import Model

M_PER_DEG_LAT = 111_320.0
TDRIVE_COLUMNS = ["vehicle", "ts", "lon", "lat"]


def synthetic_fleet(
    model: Model,
    vehicles: int = 20,
    fixes: int = 200,
    *,
    interval_s: float = 15.0,
    start: str = "2024-07-01 08:00",
    route_share: float = 0.3,
    speed_mps: tuple[float, float] = (6.0, 16.0),
    noise_m: float = 5.0,
    gap_probability: float = 0.002,
    gap_s: tuple[float, float] = (900.0, 3600.0),
    zone: str = "current",
    gcj02: bool = False,
    seed: int = 0,
) -> pd.DataFrame:
    """GPS fixes of a synthetic fleet: ``vehicle``, ``ts`` (naive Beijing time), ``lon``, ``lat``.

    Parameters
    ----------
    model : Model
    vehicles, fixes : int
        Number of vehicles and fixes per vehicle.
    interval_s : float
        Mean time between fixes (each interval drawn from 0.5 to 1.5 times it).
    start : str
        Time of the first fixes (naive: Beijing time).
    route_share : float
        Share of the vehicles that drive back and forth along a route of
        the dataset (the others wander across the edge of ``zone``).
    speed_mps : (float, float)
        Range of the vehicles' speeds, metres per second.
    noise_m : float
        Standard deviation of the GPS noise, metres (each axis).
    gap_probability, gap_s : float, (float, float)
        Chance that a fix comes after a reporting gap, and the gap's range
        of durations (the vehicle keeps moving meanwhile).
    zone : str
        The zone layer whose edge the wandering vehicles start on.
    gcj02 : bool
        Give the coordinates in GCJ-02 (``df.attrs["crs"]`` says which CRS).
    seed : int

    Returns
    -------
    pandas.DataFrame
        ``vehicles * fixes`` rows, sorted by vehicle and time; vehicle ids
        are ``"v0000"``, ``"v0001"``, ...

    Examples
    --------
    >>> import avzone
    >>> fleet = synthetic_fleet(avzone.load(), vehicles=3, fixes=4, seed=1)
    >>> fleet.shape, list(fleet.columns), fleet.attrs["crs"]
    ((12, 4), ['vehicle', 'ts', 'lon', 'lat'], 'EPSG:4326')
    """
    if vehicles < 0 or fixes < 0:
        raise InputError(f"vehicles and fixes must be >= 0, got {vehicles} and {fixes}")
    rng = np.random.default_rng(seed)
    n = vehicles * fixes
    dt = interval_s * rng.uniform(0.5, 1.5, size=(vehicles, fixes))
    dt[:, 0] = 0.0
    gaps = rng.random((vehicles, fixes)) < gap_probability
    gaps[:, 0] = False
    dt[gaps] += rng.uniform(gap_s[0], gap_s[1], size=int(gaps.sum()))
    t = np.round(np.cumsum(dt, axis=1), 3)  # seconds since start, per vehicle (GPS logs: whole milliseconds)
    speed = rng.uniform(speed_mps[0], speed_mps[1], size=(vehicles, 1))
    on_route = rng.random(vehicles) < route_share
    lon = np.empty((vehicles, fixes))
    lat = np.empty((vehicles, fixes))
    lines = _routes(model)
    if not lines:
        on_route[:] = False
    walkers = np.flatnonzero(~on_route)
    if walkers.size:
        lon[walkers], lat[walkers] = _walks(model, zone, t[walkers], speed[walkers], rng)
    drivers = np.flatnonzero(on_route)
    if drivers.size:
        lon[drivers], lat[drivers] = _along_routes(lines, t[drivers], speed[drivers], rng)
    if noise_m > 0:
        lat += rng.normal(0.0, noise_m / M_PER_DEG_LAT, size=lat.shape)
        lon += rng.normal(0.0, noise_m, size=lon.shape) / (M_PER_DEG_LAT * np.cos(np.radians(lat)))
    lon_f, lat_f = lon.ravel(), lat.ravel()
    crs = "EPSG:4326"
    if gcj02:
        lon_f, lat_f = (np.asarray(v, dtype=float) for v in wgs84_to_gcj02(lon_f, lat_f))
        crs = "gcj02"
    ts = np.datetime64(pd.Timestamp(start).to_datetime64(), "ns") + (t.ravel() * 1e9).astype("timedelta64[ns]")
    width = max(4, len(str(max(vehicles - 1, 0))))
    ids = np.array([f"v{i:0{width}d}" for i in range(vehicles)], dtype=object)
    df = pd.DataFrame({"vehicle": np.repeat(ids, fixes), "ts": ts, "lon": lon_f, "lat": lat_f})
    df.attrs["crs"] = crs
    assert len(df) == n
    return df


def _routes(model: Model) -> list[shapely.LineString]:
    out = []
    for lid in model.layers:
        if model.layer_info(lid).kind != "routes":
            continue
        for g in model.layer(lid).geometry:
            if g is None or g.is_empty:
                continue
            out.extend(list(g.geoms) if hasattr(g, "geoms") else [g])
    return [g for g in out if isinstance(g, shapely.LineString)]


def _walks(
    model: Model, zone: str, t: np.ndarray, speed: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Correlated random walks starting on ``zone``'s boundary (heading changes a little at each fix)."""
    boundary: Any = model.layer_geometry(zone).boundary
    v = t.shape[0]
    starts = shapely.line_interpolate_point(boundary, rng.random(v), normalized=True)
    lon0 = np.asarray(shapely.get_x(starts), dtype=float)
    lat0 = np.asarray(shapely.get_y(starts), dtype=float)
    heading = rng.uniform(0, 2 * math.pi, size=(v, 1)) + np.cumsum(rng.normal(0, 0.25, size=t.shape), axis=1)
    step = np.diff(t, axis=1, prepend=0.0) * speed  # metres
    north = np.cumsum(step * np.cos(heading), axis=1)
    east = np.cumsum(step * np.sin(heading), axis=1)
    lat = lat0[:, None] + north / M_PER_DEG_LAT
    lon = lon0[:, None] + east / (M_PER_DEG_LAT * np.cos(np.radians(lat0[:, None])))
    return lon, lat


def _along_routes(
    lines: list[shapely.LineString], t: np.ndarray, speed: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Back and forth along a random route each, at constant speed."""
    from avzone.geodesy import GEOD

    v = t.shape[0]
    pick = rng.integers(0, len(lines), size=v)
    lengths = np.array([GEOD.geometry_length(g) for g in lines])
    offset = rng.random((v, 1))
    travelled = offset + t * speed / lengths[pick][:, None]
    frac = np.abs(((travelled + 1.0) % 2.0) - 1.0)  # ping-pong in [0, 1]
    geoms = np.array(lines, dtype=object)[pick][:, None].repeat(t.shape[1], axis=1)
    pts = shapely.line_interpolate_point(geoms, frac, normalized=True)
    return shapely.get_x(pts), shapely.get_y(pts)


# -- T-Drive --------------------------------------------------------------------------
def read_tdrive(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> pd.DataFrame:
    """Read T-Drive taxi files (a folder of ``*.txt``, one file, or a list of files).

    Returns ``vehicle``, ``ts``, ``lon``, ``lat`` plus ``file`` and ``line``
    (1-based) so every fix can be traced back; ``ts`` stays as written
    (text: :func:`avzone.events.events` parses it, naive = Beijing time, and
    gives unparseable ones a status) and ``lon``/``lat`` are the numbers as
    written (a row that is not a number keeps its text; the events job gives
    it a status).

    Raises
    ------
    InputError
        When a path does not exist, a folder has no ``.txt`` files, or a
        line does not have four comma-separated fields (naming file and line).
    """
    files = _tdrive_files(paths)
    frames = []
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        lines = text.splitlines()
        rows = []
        for i, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            parts = line.split(",")
            if len(parts) != 4:
                raise InputError(
                    f"{f}: line {i}: expected 4 fields 'taxi id,date time,longitude,latitude', "
                    f"got {len(parts)}: {line[:80]!r}"
                )
            rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip(), str(f), i))
        frames.append(pd.DataFrame(rows, columns=[*TDRIVE_COLUMNS, "file", "line"]))
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*TDRIVE_COLUMNS, "file", "line"])
    for c in ("lon", "lat"):
        num = pd.to_numeric(df[c], errors="coerce")
        df[c] = num.astype(object).where(num.notna(), df[c]) if num.isna().any() else num
    return df


def _tdrive_files(paths: Any) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        p = Path(paths)
        if p.is_dir():
            files = sorted(p.glob("*.txt"), key=lambda q: (len(q.stem), q.stem))
            if not files:
                raise InputError(f"{p}: no T-Drive .txt files in this folder")
            return files
        items = [p]
    else:
        items = [Path(q) for q in paths]
    for q in items:
        if not q.is_file():
            raise InputError(f"{q}: no such file")
    return items


def write_tdrive(df: pd.DataFrame, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``vehicle``, ``ts``, ``lon``, ``lat`` rows as T-Drive files (``<vehicle>.txt`` in ``folder``)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for vid, group in df.groupby("vehicle", sort=True):
        path = out / f"{vid}.txt"
        ts = pd.to_datetime(group["ts"]).dt.strftime("%Y-%m-%d %H:%M:%S")
        lines = [f"{vid},{t},{x:.5f},{y:.5f}" for t, x, y in zip(ts, group["lon"], group["lat"])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written

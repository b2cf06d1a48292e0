"""Benchmark: ``model.locate`` per point (warm), against the former service fast path.

Run ``.venv/bin/python benchmarks/bench_locate.py [--points N] [--crs CRS]``.

The HTTP service used to answer single points with a private copy of the
locate logic (``service/locator.py``'s ``PointLocator.locate``), about ten
times faster than ``Model.locate`` was then (0.10 against 0.95 ms per point). Both now go through the one locator
(:func:`avzone.locate.locate_many`). To keep the comparison honest, this file
carries a frozen copy of that former fast path (:func:`former_service_locate`,
only for timing) and measures both in the same run, on the same random
points over the zones' area, after a warm-up. The target: ``model.locate``
within 1.5x of the former service path.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely

import avzone
from avzone import geodesy
from avzone.crs import WGS84, normalize_crs, to_wgs84
from avzone.points import crs_label

TARGET_RATIO = 1.5


def former_service_locate(model: avzone.Model, x: float, y: float, crs_norm: Any) -> dict[str, Any]:
    """A frozen copy of the former ``PointLocator.locate`` (for in-bounds, valid points), for timing only."""
    x, y = float(x), float(y)
    if crs_norm == WGS84:
        wlon, wlat = x, y
    else:
        a, b = to_wgs84(np.array([x]), np.array([y]), crs_norm)
        wlon, wlat = float(np.ravel(a)[0]), float(np.ravel(b)[0])
    zones = model.zone_layers
    edges = [model.edges[z] for z in zones]
    hits = model.zone_index.classify(np.array([wlon]), np.array([wlat]))[0].tolist()
    dist = dict.fromkeys(zones, 0.0)
    outside = [j for j, inside in enumerate(hits) if not inside and not edges[j].empty]
    to_lon, to_lat = [], []
    if outside:
        pxy = [edges[j].fwd.transform(wlon, wlat) for j in outside]
        with np.errstate(invalid="ignore"):
            lines = shapely.shortest_line(
                shapely.points(pxy), np.array([edges[j].projected for j in outside], dtype=object)
            )
        ends = shapely.get_point(lines, 1)
        for j, ex, ey in zip(outside, shapely.get_x(ends).tolist(), shapely.get_y(ends).tolist()):
            nlon, nlat = edges[j].inv.transform(ex, ey)
            to_lon.append(nlon)
            to_lat.append(nlat)
    hubs = model.hub_points
    k = len(to_lon)
    m = k + hubs.lon.size
    ends_lon = np.concatenate([np.array(to_lon, dtype=float), hubs.lon])
    ends_lat = np.concatenate([np.array(to_lat, dtype=float), hubs.lat])
    d = np.asarray(geodesy.GEOD.inv(np.full(m, wlon), np.full(m, wlat), ends_lon, ends_lat)[2]).tolist()
    for j, v in zip(outside, d[:k]):
        dist[zones[j]] = v
    hub_d = d[k:]
    best = min(v for v in hub_d if v == v)
    i = hub_d.index(best)
    hub = {"id": hubs.ids[i], "name_en": hubs.names[i], "distance_m": round(best, 1)}
    return {
        "lon": wlon,
        "lat": wlat,
        "crs": crs_label(crs_norm),
        "input": [x, y],
        "zones": dict(zip(zones, hits)),
        "distance_to_edge_m": {z: round(v, 1) for z, v in dist.items()},
        "nearest_hub": hub,
    }


def per_point(fn: Callable[[float, float], Any], xs: list[float], ys: list[float], repeat: int) -> float:
    """Best of ``repeat`` runs of ``fn`` over every point, in seconds per point."""
    for a, b in zip(xs[:50], ys[:50]):  # warm-up
        fn(a, b)
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        for a, b in zip(xs, ys):
            fn(a, b)
        best = min(best, (time.perf_counter() - t0) / len(xs))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2000, help="points per timed run (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, best kept (default 3)")
    parser.add_argument("--crs", default="EPSG:4326", help="CRS the points are given in (default EPSG:4326)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from avzone.crs import from_wgs84

    model = avzone.load()
    rng = np.random.default_rng(args.seed)
    w, s, e, n = shapely.total_bounds([model.layer_geometry(z) for z in model.zone_layers])
    lon = rng.uniform(w, e, args.points)
    lat = rng.uniform(s, n, args.points)
    crs_norm = normalize_crs(args.crs)
    x, y = (np.ravel(v) for v in from_wgs84(lon, lat, crs_norm))
    xs, ys = x.tolist(), y.tolist()

    # the same answers, or the comparison means nothing
    for a, b in zip(xs[:200], ys[:200]):
        new, old = model.locate(a, b, crs_norm).to_dict(), former_service_locate(model, a, b, crs_norm)
        if new["zones"] != old["zones"] or new["nearest_hub"] != old["nearest_hub"]:
            print(f"answers differ at ({a}, {b}):\n  {new}\n  {old}", file=sys.stderr)
            return 1

    t_old = per_point(lambda a, b: former_service_locate(model, a, b, crs_norm), xs, ys, args.repeat)
    t_new = per_point(lambda a, b: model.locate(a, b, crs_norm), xs, ys, args.repeat)
    ratio = t_new / t_old
    print(f"avzone {avzone.__version__}; {args.points:,} random points over the zones, crs {crs_label(crs_norm)}")
    print(f"{'method':<44} {'ms/point':>9}")
    print(f"{'former service fast path (frozen copy)':<44} {t_old * 1e3:>9.3f}")
    print(f"{'model.locate (the one locator, warm)':<44} {t_new * 1e3:>9.3f}")
    verdict = "within" if ratio <= TARGET_RATIO else "NOT within"
    print(f"ratio {ratio:.2f}x: {verdict} the {TARGET_RATIO}x target")
    return 0


if __name__ == "__main__":
    sys.exit(main())

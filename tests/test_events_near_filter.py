"""The walk's distance-grid filter hides no crossing.

The walk replays a segment against a zone's boundary segments only where its
flags differ at the two fixes or where the grid of distances to the
boundaries (``events._near_grid``) says the boundary may be near enough to
meet it: a dip through a corner or a notch (both fixes on one side) is found
only so. The tests compare the events with those of a grid that says every
boundary is near everywhere (every zone replayed for every segment), on
tracks made to dip across the boundaries at every scale of the grid's cells.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

import avzone
from avzone import events as ev

BASE = np.datetime64("2024-07-01T08:00:00", "ns")
DEG_PER_M = 1.0 / 100_000  # (about: the tracks' scale, not a measurement)


def _near_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """The distance grid replaced by one whose every cell is on every boundary (its geometry kept)."""
    real = ev._near_grid

    def grid(model: avzone.Model, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        params, steps = real(model, cols)
        params = params.copy()
        if params.size:
            params[6] = 0.0  # (beyond the grid too)
        return params, np.zeros_like(steps)

    monkeypatch.setattr(ev, "_near_grid", grid)


def _vertex_chords(model: avzone.Model, rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Vehicles of two fixes: chords 3 m to 600 m long near a random boundary vertex of a random layer, the vertex
    anywhere along them and up to half their length beside them (a cut corner, a near miss, a dip at either end)."""
    layers = list(model.zone_layers)
    rings = [shapely.get_coordinates(model.layer_geometry(z).boundary) for z in layers]
    ring_of = rng.integers(0, len(layers), n)
    vx = np.empty(n)
    vy = np.empty(n)
    for i, r in enumerate(ring_of):
        vx[i], vy[i] = rings[r][int(rng.integers(len(rings[r])))]
    length = np.exp(rng.uniform(np.log(3.0), np.log(600.0), n)) * DEG_PER_M
    ang = rng.uniform(0, 2 * np.pi, n)
    ux, uy = np.cos(ang), np.sin(ang)
    along = rng.uniform(0.0, 1.0, n)  # (where the vertex is along the chord)
    side = rng.uniform(-0.5, 0.5, n)
    x0 = vx - along * length * ux - side * length * uy
    y0 = vy - along * length * uy + side * length * ux
    x1, y1 = x0 + length * ux, y0 + length * uy
    ids = np.repeat([f"chord-{i}" for i in range(n)], 2)
    t = np.tile([BASE, BASE + np.timedelta64(20, "s")], n)
    return pd.DataFrame({"vehicle": ids, "ts": t, "lon": np.c_[x0, x1].ravel(), "lat": np.c_[y0, y1].ravel()})


def _edge_walks(model: avzone.Model, rng: np.random.Generator, n: int, fixes: int) -> pd.DataFrame:
    """Vehicles walking along a boundary: steps of 5 m to 300 m about a random stretch of a random layer's ring,
    up to 150 m to either side of it (many segments near the boundary, some across it and back)."""
    layers = list(model.zone_layers)
    frames = []
    for v in range(n):
        ring = shapely.get_coordinates(model.layer_geometry(layers[int(rng.integers(len(layers)))]).boundary)
        line = shapely.LineString(ring)
        at = rng.uniform(0, line.length) + np.cumsum(np.exp(rng.uniform(np.log(5.0), np.log(300.0), fixes)))
        on = shapely.get_coordinates(shapely.line_interpolate_point(line, (at * DEG_PER_M) % line.length))
        off = rng.uniform(-150.0, 150.0, (fixes, 2)) * DEG_PER_M
        t = BASE + np.arange(fixes) * np.timedelta64(15, "s")
        frames.append(pd.DataFrame({"vehicle": f"walk-{v}", "ts": t, "lon": on[:, 0] + off[:, 0],
                                    "lat": on[:, 1] + off[:, 1]}))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def _events_both_ways(model: avzone.Model, df: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, **options):
    got = model.events(df, **options)
    with monkeypatch.context() as m:
        _near_everywhere(m)
        want = model.events(df, **options)
    return got, want


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tolerance_m", [1.0, 0.05])
def test_the_filter_hides_no_dip_across_a_corner(model, monkeypatch, seed, tolerance_m):
    df = _vertex_chords(model, np.random.default_rng(seed), 3000)
    if seed % 2:
        df = df.sample(frac=1, random_state=seed)
    got, want = _events_both_ways(model, df, monkeypatch, tolerance_m=tolerance_m, max_gap_s=None, max_gap_m=None)
    pd.testing.assert_frame_equal(got.events, want.events)
    pd.testing.assert_frame_equal(got.summary, want.summary)
    # (the comparison says something: both fixes of many chords are on one side of a boundary they cross)
    hits = model.classify(df.lon.to_numpy(), df.lat.to_numpy())
    cross = want.events[want.events.event != "gap"]
    same = [hits[z].loc[a] == hits[z].loc[b] for z, a, b in zip(cross.zone, cross.row_before, cross.row_after)]
    assert int(np.sum(same)) >= 100


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("max_gap_m", [None, 150.0])
def test_the_filter_hides_no_crossing_along_a_boundary(model, monkeypatch, seed, max_gap_m):
    # (with gaps: a segment after a gap starts anywhere, the filter's anchor of no use for it)
    df = _edge_walks(model, np.random.default_rng(100 + seed), 40, 400)
    if seed == 1:  # (ordered by time: walked block by block)
        df = df.sort_values("ts", kind="stable")
    got, want = _events_both_ways(model, df, monkeypatch, max_gap_s=None, max_gap_m=max_gap_m)
    pd.testing.assert_frame_equal(got.events, want.events)
    pd.testing.assert_frame_equal(got.summary, want.summary)
    assert len(want.events) >= 500
    if max_gap_m is not None:
        assert (want.events.event == "gap").sum() >= 500

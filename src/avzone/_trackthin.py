"""Which vertices of a map's track parts are drawn when there are more than the map's limit.

Each part (inside, outside, a gap: :class:`avzone.maps.Tracks`) is thinned
on its own, Douglas-Peucker style: its two ends and the vertex next to each
are always drawn (where a part meets the next at a crossing, the crossing and
the fixes on both sides of it), so are a gap's every vertex; the others are
ranked by how far the line drawn without them would pass from them, so that
keeping the ``k`` highest-ranked leaves the drawn line within a known
distance (in metres on the ground) of every fix it skips, and the smallest
such distance is found for the limit given. One pass ranks every vertex;
choosing for a limit is a sort.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Deviations up to this (m) are not told apart: a run of vertices all within it of their chord is ranked as one
#: (the ranking stops there), so a map never claims a line closer than this. The events' ``tolerance_m`` default.
FLOOR_M = 1.0

#: Metres per degree of latitude (and of longitude at the equator), on the sphere of the mean Earth radius
#: (6,371,008.8 m): the local plane the deviations are measured in, to about 0.5% (the ellipsoid's radii of
#: curvature differ from it by less).
_M_PER_DEG = math.pi * 6_371_008.8 / 180.0


@dataclass(frozen=True)
class Thinning:
    """The vertices drawn of each part, how many, and how far the drawn line may pass from a fix it skips.

    Attributes
    ----------
    keep : list of numpy.ndarray
        Per part, a boolean mask of its vertices drawn (a part's two ends and the vertex next to each always).
    drawn : int
        Vertices drawn, over all parts.
    deviation_m : float
        Every vertex not drawn is within this many metres of the drawn segment that replaces it (measured in
        the plane tangent to the Earth at the vertex): the largest such distance, 0 when every vertex is drawn.
    ends_only : bool
        The vertices always drawn (each part's ends and the vertex next to each, a gap's every vertex) are more
        than the limit: they are drawn, and no other.
    """

    keep: list[np.ndarray]
    drawn: int
    deviation_m: float
    ends_only: bool

    @property
    def case(self) -> str:
        """What a message says of the thinning: ``"whole"`` when every vertex is drawn (the ones always drawn are
        the whole track, so none is left out), else ``"ends"`` (:attr:`ends_only`) or ``"thinned"``.

        >>> whole = Thinning([np.ones(3, bool)], 3, 0.0, True)
        >>> whole.case, Thinning([np.array([1, 0, 1], bool)], 2, 4.0, True).case
        ('whole', 'ends')
        """
        if self.drawn == sum(k.size for k in self.keep):
            return "whole"
        return "ends" if self.ends_only else "thinned"

    def said(self) -> dict[str, str]:
        """The ``drawn`` and ``metres`` a message says (the deviation rounded up: 0.1 m below 10 m, else 1 m); no
        ``metres`` when every vertex is drawn (:attr:`case` ``"whole"``: no fix is left out to be near).

        >>> Thinning([], 12345, 3.21, False).said(), Thinning([], 7, 41.2, False).said()
        ({'drawn': '12,345', 'metres': '3.3'}, {'drawn': '7', 'metres': '42'})
        >>> Thinning([np.ones(3, bool)], 3, 0.0, True).said()
        {'drawn': '3'}
        """
        if self.case == "whole":
            return {"drawn": f"{self.drawn:,}"}
        if self.deviation_m < 10:
            metres = f"{math.ceil(self.deviation_m * 10 - 1e-6) / 10:.1f}"
        else:
            metres = f"{math.ceil(self.deviation_m - 1e-6):,}"
        return {"drawn": f"{self.drawn:,}", "metres": metres}


def rank_vertices(lon: Sequence[np.ndarray], lat: Sequence[np.ndarray], whole: np.ndarray) -> list[np.ndarray]:
    """Each part's vertices ranked for thinning: ``inf`` for a vertex always drawn, else the deviation (m) at which
    Douglas-Peucker drops it (a vertex is drawn with a tolerance below its rank; :func:`thin`).

    A part's ends and the vertex next to each are always drawn, and every vertex of a part with ``whole``
    (a gap). Of the others, the vertex farthest from the chord between the nearest drawn vertices on either side
    is ranked by that distance (capped by those two vertices' ranks, so that a vertex is never drawn without the
    ones its chord hangs from) and becomes an end of two chords, until every vertex left is within
    :data:`FLOOR_M` of its chord (each of those is ranked by its own distance, at most :data:`FLOOR_M`).
    Every part is worked on at once (a pass per level of splitting).

    >>> lon = [np.array([116.0, 116.001, 116.002, 116.003, 116.004, 116.005, 116.006])]
    >>> lat = [np.array([39.0, 39.0, 39.0, 39.001, 39.0, 39.0, 39.0])]
    >>> np.round(rank_vertices(lon, lat, np.array([False]))[0]).tolist()  # (the middle one first, then its sides)
    [inf, inf, 47.0, 111.0, 47.0, inf, inf]
    """
    n = np.array([len(v) for v in lon], dtype=np.int64)
    total = int(n.sum())
    if total == 0:
        return [np.empty(0) for _ in lon]
    x = np.concatenate([np.asarray(v, dtype=float) for v in lon])
    y = np.concatenate([np.asarray(v, dtype=float) for v in lat])
    part = np.repeat(np.arange(n.size), n)
    pos = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
    last = n[part] - 1
    always = (pos <= 1) | (pos >= last - 1) | np.asarray(whole, dtype=bool)[part]
    rank = np.where(always, np.inf, 0.0)
    anchor = always.copy()  # the vertices chords hang from
    open_ = ~always  # the vertices not ranked yet
    at = np.arange(total)
    while open_.any():
        before = np.maximum.accumulate(np.where(anchor, at, -1))  # (a part's first vertex is an anchor)
        after = np.minimum.accumulate(np.where(anchor, at, total)[::-1])[::-1]
        i = np.flatnonzero(open_)
        p, q = before[i], after[i]
        d = off_chord_m(x[i], y[i], x[p], y[p], x[q], y[q])
        new = np.ones(i.size, dtype=bool)
        new[1:] = p[1:] != p[:-1]  # a run: the open vertices of one chord
        run = np.cumsum(new) - 1
        top = np.maximum.reduceat(d, np.flatnonzero(new))
        flat = top[run] <= FLOOR_M  # a chord all of whose vertices are within the floor: ranked by their distance
        rank[i[flat]] = d[flat]
        open_[i[flat]] = False
        peak = np.flatnonzero(~flat & (d == top[run]))
        peak = peak[np.r_[True, run[peak][1:] != run[peak][:-1]]] if peak.size else peak  # (one per run: the first)
        v = i[peak]
        rank[v] = np.minimum(d[peak], np.minimum(rank[p[peak]], rank[q[peak]]))
        anchor[v] = True
        open_[v] = False
    return np.split(rank, np.cumsum(n)[:-1])


def thin(ranks: Sequence[np.ndarray], max_vertices: int) -> Thinning:
    """The vertices drawn with at most ``max_vertices`` (as far as the ones always drawn allow), of parts ranked by
    :func:`rank_vertices`: the highest-ranked, with the smallest tolerance (at least :data:`FLOOR_M`) that fits.

    >>> ranks = [np.array([np.inf, np.inf, 50.0, 3.0, 2.0, np.inf, np.inf])]
    >>> t = thin(ranks, 5)
    >>> t.keep[0].tolist(), t.drawn, t.deviation_m, t.ends_only
    ([True, True, True, False, False, True, True], 5, 3.0, False)
    """
    flat = np.concatenate(list(ranks)) if len(ranks) else np.empty(0)
    always = np.isinf(flat)
    room = max_vertices - int(always.sum())
    others = np.sort(flat[~always])[::-1]
    if room <= 0:
        tolerance = others[0] if others.size else 0.0
    elif room < others.size:
        tolerance = max(float(others[room]), FLOOR_M)
    else:
        tolerance = 0.0
    drawn = always | (flat > tolerance)
    dropped = flat[~drawn]
    keep = np.split(drawn, np.cumsum([len(r) for r in ranks])[:-1]) if len(ranks) else []
    return Thinning(keep, int(drawn.sum()), float(dropped.max()) if dropped.size else 0.0, room < 0)


def off_chord_m(
    lon: np.ndarray, lat: np.ndarray, lon0: np.ndarray, lat0: np.ndarray, lon1: np.ndarray, lat1: np.ndarray
) -> np.ndarray:
    """Distance (m) from each point to the segment from ``(lon0, lat0)`` to ``(lon1, lat1)``, in the plane tangent
    to the Earth at the point (degrees scaled by :data:`_M_PER_DEG`, longitude by the cosine of the point's
    latitude): for the short chords of a track, within about 0.5% of the distance on the ellipsoid.

    >>> round(float(off_chord_m(116.0, 39.001, 116.0, 39.0, 116.01, 39.0)[()]), 1)
    111.2
    """
    lon, lat, lon0, lat0, lon1, lat1 = (np.asarray(v, dtype=float) for v in (lon, lat, lon0, lat0, lon1, lat1))
    kx = np.cos(np.radians(lat)) * _M_PER_DEG
    ax, ay = (lon0 - lon) * kx, (lat0 - lat) * _M_PER_DEG
    dx, dy = (lon1 - lon0) * kx, (lat1 - lat0) * _M_PER_DEG
    length2 = dx * dx + dy * dy
    t = np.clip(-(ax * dx + ay * dy) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    return np.asarray(np.hypot(ax + t * dx, ay + t * dy))

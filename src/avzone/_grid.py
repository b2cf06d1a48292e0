"""Exact one-pass point-in-zone index for several zone layers at once.

:class:`ZoneIndex` answers, for every point and every layer, exactly what
``shapely.covers(layer, point)`` answers (boundary inclusive; for points this
is ``shapely.intersects_xy``), for all layers in a single pass over the
points, much faster than one prepared shapely call per layer.

How it works
------------
All layers share one regular grid over the union of their bounds (plus a
margin). For every layer every grid cell gets a label:

* EDGE if the cell's box, expanded by a margin, touches any segment of the
  layer's boundary (every ring of every part, holes included);
* otherwise INSIDE or OUTSIDE. The expanded box does not touch the
  boundary, so every point in it has the same answer; it is taken from
  shapely for one representative point per maximal run of non-EDGE cells
  in a grid row.

The margin (``1e-9`` times the largest coordinate magnitude, at least
``1e-9``) is millions of ulps, far more than the rounding error of mapping a
point to its cell, so a point's cell label is right even when floating-point
arithmetic puts the point in a neighbouring cell. The labels of all layers
are packed into one integer per cell (inside bits and edge bits) and stored
in two levels: a coarse array (one entry per 16 x 16 fine cells) indexes
fine blocks; coarse cells whose fine cells all share one code share one
block, so only the cells along boundaries take memory and the grid (well
under a megabyte for Beijing's zones) stays in the CPU caches. EDGE cells
are numbered by their place in the blocks (``base`` per coarse cell plus a
byte ``rank`` per fine cell, both derived from the codes), which finds a
point's segment list without a search.

The same margin makes the EDGE cells' segment lists complete: every boundary
segment that comes within the margin of a cell is listed for that cell.

:meth:`ZoneIndex.classify` runs a numba-compiled kernel (``nogil``) that
looks up each point's code and writes all layers' answers. Points in EDGE
cells are then answered by a second compiled pass, for layers that are
valid polygons or multipolygons (each crossing of a ring then flips the
answer):

* at build time every EDGE cell gets a reference point C: of a 5 x 5 lattice
  in the cell, the point farthest from the cell's segments (at least 1/64 of
  a cell away, else the cell is left to shapely), whose answer is taken from
  shapely; cells with more than 48 segments are left to shapely too;
* for a point P in the cell, the segment C -> P stays in the cell's box grown
  by the margin, so every boundary segment it meets is in the cell's list.
  For each listed segment AB: if A and B lie strictly on one side of the line
  CP, or C and P strictly on one side of the line AB, CP and AB have no
  common point; if both pairs lie strictly on opposite sides, they cross
  properly (at a point inside both, which is no vertex of AB), and the
  answer flips. Any other case (P on or extremely close to a segment, CP
  through or next to a vertex, collinear points) sends P to
  ``shapely.intersects_xy`` on a prepared copy of the geometry. A point that
  lies exactly on the boundary is always among them, so the compiled path
  only answers points strictly inside or outside, where parity is exact.

"Strictly on one side" is decided by the sign of the orientation determinant
``D = (bx - ax)(cy - ay) - (by - ay)(cx - ax)``, computed in float64 as
``d = p - q`` with ``p = fl(fl(bx - ax) fl(cy - ay))`` and ``q`` alike, and
trusted only when ``|d| > B = 2**-50 (|p| + |q|) + 2**-1000``; otherwise the
side is "uncertain". Why that is sound: with ``e = 2**-53`` (unit roundoff),
each difference is ``U (1 + t)``, ``|t| <= e`` (exact when subnormal), each
product adds another factor ``(1 + t)`` and at most ``2**-1075`` absolute on
underflow, and the subtraction one more factor. So ``p = UV (1 + t1)(1 +
t2)(1 + t3) + u`` with ``|u| <= 2**-1075``, ``|p - UV| <= 3.01 e |p| +
2**-1074``, the same for ``q``, and
``|d - D| <= 3.01 e (|p| + |q|) + 2**-1073 + e |p - q| <= 4.1 e (|p| +
|q|) + 2**-1073``. The bound ``B``, itself computed in float64 (a power of two
times a sum rounded down by at most a factor ``1 - e``, plus ``2**-1000``),
is larger than that, so ``|d| > B`` implies ``D`` has the sign of ``d``.
NaN and overflow (``d`` or ``B`` infinite or NaN) fail ``|d| > B`` and are
uncertain too.

Chunks of at most ``CHUNK`` points bound temporary memory, and the chunks
can run on several threads (numba and shapely release the GIL). Inputs of
up to 64 points are looked up with numpy and their EDGE points answered by
shapely, so that a few points need no numba.

NaN or infinite coordinates are never inside any zone: their row is all
``False``, as shapely answers. Callers that need to tell "invalid" from
"outside" test ``np.isfinite(lon) & np.isfinite(lat)`` themselves.
"""

from __future__ import annotations

import math
import os
import queue
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from numpy.typing import ArrayLike

from avzone._jit import kernel as njit  # numba.njit, applied on first use
from avzone.errors import InputError
from avzone.i18n import Message

__all__ = ["AUTO_THREADS_MIN", "CHUNK", "DEFAULT_CELLS_PER_SIDE", "MAX_CELLS_PER_SIDE", "ZoneIndex", "classify_points"]

#: Default number of fine grid cells along the longer side of the grid.
DEFAULT_CELLS_PER_SIDE = 4096
#: Largest accepted ``cells_per_side`` (the build uses a dense temporary grid).
MAX_CELLS_PER_SIDE = 8192
#: Points handled per kernel call; bounds temporary memory per thread.
CHUNK = 1 << 20

# Fine cells per side of one fine block is 2**_FBITS.
_FBITS = 4
# Layers per packed code group; codes are uint8 / uint16 / uint32 for up to
# 4 / 8 / 16 layers (low half: inside bits, high half: edge bits).
_MAX_GROUP = 16
# Below this many points per thread, classify runs on the calling thread.
_MIN_THREAD_CHUNK = 1 << 16
#: With ``threads=None`` (the default), inputs of at least this many points use every core.
AUTO_THREADS_MIN = 1 << 21
# Up to this many points, the cell lookup runs in numpy (same arithmetic as the
# kernels), so that a few points need neither numba nor its compiled kernels.
_SMALL = 64
# Version of the layout of :meth:`ZoneIndex.to_arrays`.
_ARRAYS_FORMAT = 2
# Relative margin around cells and bounds (see the module docstring).
_REL_MARGIN = 1e-9
# Rounding-error bound of the orientation test (see the module docstring): 8 * 2**-53 relative ...
_ORIENT_ERR = 2.0**-50
# ... plus an absolute term covering underflow of the two products.
_ORIENT_TINY = 2.0**-1000
# EDGE cells with more boundary segments than this are left to shapely.
_MAX_CELL_SEGMENTS = 48
# Reference-point candidates per cell side.
_REF_STEPS = 5


# --------------------------------------------------------------------------
# numba kernels
# --------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _segment_cells(  # pragma: no cover - numba
    nrows: int,
    ncols: int,
    x1: np.ndarray,
    y1: np.ndarray,
    x2: np.ndarray,
    y2: np.ndarray,
    gx0: float,
    gy0: float,
    h: float,
    pad: float,
    cells: np.ndarray,
    segs: np.ndarray,
) -> int:
    """The (cell, segment) pairs where a segment may touch a cell's box grown by ``pad``.

    Cells are numbered ``row * ncols + column`` on the ``nrows x ncols``
    grid with origin ``(gx0, gy0)`` and cell side ``h``. Conservative: every
    cell whose box expanded by ``pad`` (minus rounding error) touches segment
    ``s`` gives a pair; a few more may. Pairs come segment by segment. When
    ``cells`` is too short to hold them all (e.g. empty), only counts; returns
    the number of pairs.
    """
    inv = 1.0 / h
    cap = cells.shape[0]
    k = 0
    for s in range(x1.shape[0]):
        ax = x1[s]
        ay = y1[s]
        bx = x2[s]
        by = y2[s]
        ylo = min(ay, by) - pad
        yhi = max(ay, by) + pad
        fr0 = math.floor((ylo - gy0) * inv)
        fr1 = math.floor((yhi - gy0) * inv)
        if fr1 < 0.0 or fr0 >= nrows:
            continue
        r0 = max(int(fr0), 0)
        r1 = min(int(fr1), nrows - 1)
        for r in range(r0, r1 + 1):
            if ay == by:
                xa = min(ax, bx)
                xb = max(ax, bx)
            else:
                sy0 = gy0 + r * h - pad
                sy1 = gy0 + (r + 1) * h + pad
                dy = by - ay
                ta = min(max((sy0 - ay) / dy, 0.0), 1.0)
                tb = min(max((sy1 - ay) / dy, 0.0), 1.0)
                xa = ax + ta * (bx - ax)
                xb = ax + tb * (bx - ax)
                if xa > xb:
                    xa, xb = xb, xa
            fc0 = math.floor((xa - pad - gx0) * inv)
            fc1 = math.floor((xb + pad - gx0) * inv)
            if fc1 < 0.0 or fc0 >= ncols:
                continue
            c0 = max(int(fc0), 0)
            c1 = min(int(fc1), ncols - 1)
            for c in range(c0, c1 + 1):
                if k < cap:
                    cells[k] = r * ncols + c
                    segs[k] = s
                k += 1
    return k


@njit(cache=True, nogil=True)
def _runs(edge: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - numba
    """Maximal runs of non-edge cells per row: arrays (row, first, stop)."""
    ny, nx = edge.shape
    count = 0
    for r in range(ny):
        prev = 1
        for c in range(nx):
            e = edge[r, c]
            if e == 0 and prev != 0:
                count += 1
            prev = e
    rows = np.empty(count, np.int64)
    first = np.empty(count, np.int64)
    stop = np.empty(count, np.int64)
    k = 0
    for r in range(ny):
        c = 0
        while c < nx:
            if edge[r, c] != 0:
                c += 1
                continue
            c0 = c
            while c < nx and edge[r, c] == 0:
                c += 1
            rows[k] = r
            first[k] = c0
            stop[k] = c
            k += 1
    return rows, first, stop


@njit(cache=True, nogil=True)
def _apply_layer(  # pragma: no cover - numba
    code: np.ndarray,
    edge: np.ndarray,
    rows: np.ndarray,
    first: np.ndarray,
    stop: np.ndarray,
    inside: np.ndarray,
    ibit: np.unsignedinteger,
    ebit: np.unsignedinteger,
) -> int:
    """OR a layer's inside bit into its inside runs and its edge bit into edge cells.

    Returns the number of edge cells.
    """
    ny, nx = code.shape
    for k in range(rows.shape[0]):
        if inside[k]:
            r = rows[k]
            for c in range(first[k], stop[k]):
                code[r, c] |= ibit
    count = 0
    for r in range(ny):
        for c in range(nx):
            if edge[r, c] != 0:
                code[r, c] |= ebit
                count += 1
    return count


@njit(cache=True, nogil=True)
def _uniform_blocks(code: np.ndarray, fbits: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - numba
    """Per fine block: whether all its cells share one code, and that code."""
    ny, nx = code.shape
    f = 1 << fbits
    cy = ny >> fbits
    cx = nx >> fbits
    uniform = np.empty(cy * cx, np.bool_)
    first = np.empty(cy * cx, code.dtype)
    for by in range(cy):
        for bx in range(cx):
            v = code[by * f, bx * f]
            same = True
            for r in range(by * f, by * f + f):
                for c in range(bx * f, bx * f + f):
                    if code[r, c] != v:
                        same = False
                        break
                if not same:
                    break
            uniform[by * cx + bx] = same
            first[by * cx + bx] = v
    return uniform, first


@njit(cache=True, nogil=True)
def _gather_blocks(  # pragma: no cover - numba
    code: np.ndarray, fbits: int, coarse: np.ndarray, ucodes: np.ndarray, nblocks: int
) -> np.ndarray:
    """The fine blocks, flat: first one filled block per uniform code, then the others.

    ``coarse[b] < len(ucodes)`` names a uniform code, anything else a
    non-uniform block, so ``blocks[coarse[b] << 2 * fbits ...]`` serves both
    without a branch.
    """
    nx = code.shape[1]
    f = 1 << fbits
    ff = f * f
    cx = nx >> fbits
    nu = ucodes.shape[0]
    blocks = np.empty((nu + nblocks) * ff, code.dtype)
    for u in range(nu):
        for t in range(ff):
            blocks[u * ff + t] = ucodes[u]
    for b in range(coarse.shape[0]):
        v = np.int64(coarse[b])
        if v < nu:
            continue
        base = v * ff
        by = b // cx
        bx = b - by * cx
        for r in range(f):
            for c in range(f):
                blocks[base + r * f + c] = code[by * f + r, bx * f + c]
    return blocks


@njit(cache=True, nogil=True)
def _kernel_words(
    x: np.ndarray,
    y: np.ndarray,
    gx0: float,
    gy0: float,
    inv: float,
    nx: int,
    ny: int,
    fbits: int,
    cstride: int,
    coarse: np.ndarray,
    blocks: np.ndarray,
    shift: int,
    table: np.ndarray,
    outw: np.ndarray,
    edge_idx: np.ndarray,
    edge_code: np.ndarray,
    box: np.ndarray,
    counts: np.ndarray,
) -> int:  # pragma: no cover - numba
    """Look up each point's cell code; write its row as one word; collect EDGE points.

    For a single group whose row is 1, 2, 4 or 8 bytes: ``outw`` is the
    output viewed as one unsigned word per row and ``table`` maps the inside
    bits of a code to that word. Points off the grid (NaN included) get code
    0 (outside everything). Points whose code has edge bits are appended to
    ``edge_idx`` (index) and ``edge_code`` (edge bits); returns their number.
    In the same pass, ``counts[0]`` gets the number of points outside
    ``box`` = (west, south, east, north), edges inclusive (NaN is outside).
    """
    nxf = float(nx)
    nyf = float(ny)
    fmask = (1 << fbits) - 1
    bshift = 2 * fbits
    lowmask = (1 << shift) - 1
    bw, bs, be, bn = box[0], box[1], box[2], box[3]
    m = 0
    off = 0
    for i in range(x.shape[0]):
        off += not ((x[i] >= bw) & (x[i] <= be) & (y[i] >= bs) & (y[i] <= bn))
        tx = (x[i] - gx0) * inv
        ty = (y[i] - gy0) * inv
        code = 0
        if (tx >= 0.0) & (tx < nxf) & (ty >= 0.0) & (ty < nyf):
            fx = int(tx)
            fy = int(ty)
            v = np.int64(coarse[(fy >> fbits) * cstride + (fx >> fbits)])
            code = np.int64(blocks[(v << bshift) + ((fy & fmask) << fbits) + (fx & fmask)])
        outw[i] = table[code & lowmask]
        e = code >> shift
        if e != 0:
            edge_idx[m] = i
            edge_code[m] = e
            m += 1
    counts[0] = off
    return m


@njit(cache=True, nogil=True)
def _kernel_bytes(
    x: np.ndarray,
    y: np.ndarray,
    gx0: float,
    gy0: float,
    inv: float,
    nx: int,
    ny: int,
    fbits: int,
    cstride: int,
    coarse: np.ndarray,
    blocks: np.ndarray,
    shift: int,
    nlay: int,
    out: np.ndarray,
    col0: int,
    edge_idx: np.ndarray,
    edge_code: np.ndarray,
    box: np.ndarray,
    counts: np.ndarray,
) -> int:  # pragma: no cover - numba
    """Like :func:`_kernel_words`, writing columns ``col0 .. col0 + nlay - 1`` of ``out`` one by one."""
    nxf = float(nx)
    nyf = float(ny)
    fmask = (1 << fbits) - 1
    bshift = 2 * fbits
    bw, bs, be, bn = box[0], box[1], box[2], box[3]
    m = 0
    off = 0
    for i in range(x.shape[0]):
        off += not ((x[i] >= bw) & (x[i] <= be) & (y[i] >= bs) & (y[i] <= bn))
        tx = (x[i] - gx0) * inv
        ty = (y[i] - gy0) * inv
        code = 0
        if (tx >= 0.0) & (tx < nxf) & (ty >= 0.0) & (ty < nyf):
            fx = int(tx)
            fy = int(ty)
            v = np.int64(coarse[(fy >> fbits) * cstride + (fx >> fbits)])
            code = np.int64(blocks[(v << bshift) + ((fy & fmask) << fbits) + (fx & fmask)])
        for j in range(nlay):
            out[i, col0 + j] = ((code >> j) & 1) != 0
        e = code >> shift
        if e != 0:
            edge_idx[m] = i
            edge_code[m] = e
            m += 1
    counts[0] = off
    return m


@njit(cache=True, nogil=True, inline="always")
def _orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> int:  # pragma: no cover - numba
    """Sign of the turn a -> b -> c: 1 (left), -1 (right), or 0 when rounding could hide the sign.

    The determinant ``d = p - q`` with ``p = (bx - ax) (cy - ay)`` and
    ``q = (by - ay) (cx - ax)`` is computed in float64; its sign is trusted
    only when ``|d| > _ORIENT_ERR * (|p| + |q|) + _ORIENT_TINY``, a bound on
    the rounding error derived in the module docstring. NaN or overflow give 0.
    """
    p = (bx - ax) * (cy - ay)
    q = (by - ay) * (cx - ax)
    d = p - q
    bound = _ORIENT_ERR * (abs(p) + abs(q)) + _ORIENT_TINY
    if d > bound:
        return 1
    if -d > bound:
        return -1
    return 0


@njit(cache=True, nogil=True)
def _reference_points(  # pragma: no cover - numba
    cells: np.ndarray,
    starts: np.ndarray,
    k: int,
    segs: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    x2: np.ndarray,
    y2: np.ndarray,
    gx0: float,
    gy0: float,
    h: float,
    nx: int,
    steps: int,
    max_segments: int,
    refpos: np.ndarray,
) -> np.ndarray:
    """Per EDGE cell, the lattice point of the cell farthest from its segments.

    Cell ``i`` is fine cell ``cells[i]`` (``row * nx + column``); its
    segments (all layers) are ``segs[starts[i * k] : starts[i * k + k]]``.
    Candidates are the ``steps x steps`` points at fractions
    ``(a + 0.5) / steps`` of the cell (:func:`_ref_coords`); ``refpos[i]``
    gets ``a * steps + b`` of the one whose distance to the nearest segment
    is largest. Returns per cell
    whether that distance exceeds ``h / 64`` and the cell has at most
    ``max_segments`` segments (else the cell is left to shapely). The
    distances only choose a point: the crossing test checks every
    orientation it uses, so a poor choice costs speed, never exactness.
    """
    n = cells.shape[0]
    ok = np.zeros(n, np.bool_)
    least = (h / 64.0) ** 2
    for i in range(n):
        r = cells[i] // nx
        c = cells[i] - r * nx
        lo = starts[i * k]
        hi = starts[i * k + k]
        best = -1.0
        pos = 0
        for a in range(steps):
            px = gx0 + (c + (a + 0.5) / steps) * h
            for b in range(steps):
                py = gy0 + (r + (b + 0.5) / steps) * h
                near = np.inf
                for t in range(lo, hi):
                    s = segs[t]
                    ux = x2[s] - x1[s]
                    uy = y2[s] - y1[s]
                    wx = px - x1[s]
                    wy = py - y1[s]
                    uu = ux * ux + uy * uy
                    f = 0.0
                    if uu > 0.0:
                        f = min(max((wx * ux + wy * uy) / uu, 0.0), 1.0)
                    dx = wx - f * ux
                    dy = wy - f * uy
                    near = min(near, dx * dx + dy * dy)
                if near > best:
                    best = near
                    pos = a * steps + b
        refpos[i] = pos
        ok[i] = best > least and hi - lo <= max_segments
    return ok


@njit(cache=True, nogil=True)
def _ref_sides(  # pragma: no cover - numba
    starts: np.ndarray,
    k: int,
    segs: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    x2: np.ndarray,
    y2: np.ndarray,
    ref: np.ndarray,
) -> np.ndarray:
    """Per listed segment AB of EDGE cell ``s``: :func:`_orient` (A, B, C) for the cell's reference point C."""
    side = np.empty(segs.shape[0], np.int8)
    for c in range(ref.shape[1]):
        cx = ref[0, c]
        cy = ref[1, c]
        for u in range(starts[c * k], starts[c * k + k]):
            t = segs[u]
            side[u] = _orient(x1[t], y1[t], x2[t], y2[t], cx, cy)
    return side


@njit(cache=True, nogil=True)
def _resolve_edges(  # pragma: no cover - numba
    x: np.ndarray,
    y: np.ndarray,
    idx: np.ndarray,
    codes: np.ndarray,
    gx0: float,
    gy0: float,
    inv: float,
    nx: int,
    ny: int,
    fbits: int,
    cstride: int,
    coarse: np.ndarray,
    base: np.ndarray,
    rank: np.ndarray,
    k: int,
    starts: np.ndarray,
    segs: np.ndarray,
    side: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    x2: np.ndarray,
    y2: np.ndarray,
    ref: np.ndarray,
    state: np.ndarray,
    out: np.ndarray,
    col0: int,
    pending: np.ndarray,
    counts: np.ndarray,
) -> int:
    """Answer a group's layers for its EDGE points by crossing parity; the rest go to ``pending``.

    ``idx`` and ``codes`` are the kernels' EDGE points and edge bits. A
    point P's EDGE cell is found as the kernels find its code; its slot is
    ``base[coarse cell] + rank[block entry]`` (see :class:`_EdgeCells`).
    For each layer ``j`` whose edge bit P has, the segment from the slot's
    reference point C (``ref[:, slot]``, known answer
    ``state[slot * k + j]``) to P is tested against each of the layer's
    segments in the cell (``segs[starts[slot * k + j] : ...]``), AB: no
    crossing when A and B lie strictly on one side of the line CP, or C and
    P strictly on one side of the line AB (C's side is ``side[u]``, computed
    once per listed segment ``u``); a proper crossing when both pairs lie
    strictly on opposite sides. Each crossing flips C's answer. The signs
    are :func:`_orient`'s, computed without branches.
    Anything else (P on or next to a segment, CP through or next to a
    vertex, collinear segments) or a layer without a usable reference
    point in the cell (state 2) puts ``P * k + j`` in ``pending`` for
    shapely; ``out[P, col0 + j]`` gets every other answer. ``counts[0]``
    gets the number of (point, layer) pairs. Returns the number pending, or
    -1 if ``pending`` filled up (then the caller answers every EDGE point
    with shapely).
    """
    fmask = (1 << fbits) - 1
    bshift = 2 * fbits
    ncell = ref.shape[1]
    cap = pending.shape[0]
    npend = 0
    seen = 0
    for t in range(idx.shape[0]):
        i = idx[t]
        e = np.int64(codes[t])
        px = x[i]
        py = y[i]
        tx = (px - gx0) * inv
        ty = (py - gy0) * inv
        slot = ncell
        if (tx >= 0.0) & (tx < float(nx)) & (ty >= 0.0) & (ty < float(ny)):
            fx = int(tx)
            fy = int(ty)
            b = (fy >> fbits) * cstride + (fx >> fbits)
            v = np.int64(coarse[b])
            slot = np.int64(base[b]) + np.int64(rank[(v << bshift) + ((fy & fmask) << fbits) + (fx & fmask)])
        for j in range(k):
            if (e >> j) & 1 == 0:
                continue
            seen += 1
            sure = slot < ncell
            inside = 0
            if sure:
                inside = np.int64(state[slot * k + j])
                sure = inside < 2
            if sure:
                cx = ref[0, slot]
                cy = ref[1, slot]
                bad = False
                for u in range(starts[slot * k + j], starts[slot * k + j + 1]):
                    sg = segs[u]
                    ax = x1[sg]
                    ay = y1[sg]
                    bx = x2[sg]
                    by = y2[sg]
                    # the four orientations of _orient, without branches (the first one, of C, is stored)
                    o1 = side[u]
                    p2 = (bx - ax) * (py - ay)
                    q2 = (by - ay) * (px - ax)
                    d2 = p2 - q2
                    e2 = _ORIENT_ERR * (abs(p2) + abs(q2)) + _ORIENT_TINY
                    p3 = (px - cx) * (ay - cy)
                    q3 = (py - cy) * (ax - cx)
                    d3 = p3 - q3
                    e3 = _ORIENT_ERR * (abs(p3) + abs(q3)) + _ORIENT_TINY
                    p4 = (px - cx) * (by - cy)
                    q4 = (py - cy) * (bx - cx)
                    d4 = p4 - q4
                    e4 = _ORIENT_ERR * (abs(p4) + abs(q4)) + _ORIENT_TINY
                    pos1 = o1 > 0
                    neg1 = o1 < 0
                    pos2 = d2 > e2
                    neg2 = -d2 > e2
                    pos3 = d3 > e3
                    neg3 = -d3 > e3
                    pos4 = d4 > e4
                    neg4 = -d4 > e4
                    apart12 = (pos1 & pos2) | (neg1 & neg2)  # C and P strictly on one side of AB
                    apart34 = (pos3 & pos4) | (neg3 & neg4)  # A and B strictly on one side of CP
                    cross = ((pos1 & neg2) | (neg1 & pos2)) & ((pos3 & neg4) | (neg3 & pos4))  # a proper crossing
                    bad |= not (apart12 | apart34 | cross)
                    inside ^= np.int64(cross)
                sure = not bad
            if sure:
                out[i, col0 + j] = inside != 0
            elif npend < cap:
                pending[npend] = i * k + j
                npend += 1
            else:
                return -1
    counts[0] = seen
    return npend


# --------------------------------------------------------------------------
# geometry helpers
# --------------------------------------------------------------------------


def _segments(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """All boundary segments of ``geom`` as arrays ``x1, y1, x2, y2``.

    Polygons give every ring (exterior and holes), lines their segments and
    points a zero-length segment, for every part of multi-part geometries
    and (nested) collections. A point's answer is constant on each
    connected piece of the plane minus these segments. Returns ``None`` for
    geometries with curved parts (GEOS >= 3.13), which have no segments.
    """
    parts = np.asarray(shapely.get_parts(geom), dtype=object)
    while True:
        kinds = shapely.get_type_id(parts)
        if ((kinds < 0) | (kinds > 7)).any():
            return None
        nested = kinds >= 4  # multi-parts and collections
        if not nested.any():
            break
        parts = np.concatenate([parts[~nested], shapely.get_parts(parts[nested])])
    pieces = [shapely.get_rings(parts[kinds == 3]), parts[(kinds == 1) | (kinds == 2)]]
    lines = np.concatenate(pieces) if any(len(a) for a in pieces) else np.empty(0, dtype=object)
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[:-1] == index[1:]
    a = coords[:-1][same]
    b = coords[1:][same]
    pts = shapely.get_coordinates(parts[kinds == 0])
    x1 = np.concatenate([a[:, 0], pts[:, 0]])
    y1 = np.concatenate([a[:, 1], pts[:, 1]])
    x2 = np.concatenate([b[:, 0], pts[:, 0]])
    y2 = np.concatenate([b[:, 1], pts[:, 1]])
    return x1, y1, x2, y2


def _prepared_copy(geom: shapely.Geometry) -> shapely.Geometry:
    """A prepared copy of ``geom`` (same coordinates bit for bit).

    GEOS prepared geometries are not safe to share between threads, and
    preparing the caller's own object would change it, so every worker
    thread uses its own copies.
    """
    copy = shapely.from_wkb(shapely.to_wkb(geom, include_srid=True))
    shapely.prepare(copy)
    return copy


def _code_dtype(k: int) -> np.dtype:
    if k <= 4:
        return np.dtype(np.uint8)
    if k <= 8:
        return np.dtype(np.uint16)
    return np.dtype(np.uint32)


def _cpu_count() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _as_coords(values: ArrayLike, what: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(Message("err_not_numbers", what=what, error=str(exc))) from None
    return np.ascontiguousarray(arr.reshape(-1))


class _Group:
    """Packed two-level labels for up to ``_MAX_GROUP`` consecutive layers.

    ``coarse`` (one entry per coarse cell) indexes ``blocks`` (flat fine
    blocks of cell codes); a code's low ``shift`` bits say inside, its high
    bits say EDGE, bit ``j`` for layer ``col0 + j``.
    """

    __slots__ = ("blocks", "coarse", "col0", "dtype", "k", "shift")

    def __init__(self, col0: int, k: int, dtype: np.dtype, coarse: np.ndarray, blocks: np.ndarray) -> None:
        self.col0 = col0
        self.k = k
        self.dtype = dtype
        self.shift = dtype.itemsize * 4
        self.coarse = coarse
        self.blocks = blocks

    @property
    def nbytes(self) -> int:
        return int(self.coarse.nbytes + self.blocks.nbytes)


def _slot_tables(g: _Group) -> tuple[np.ndarray, np.ndarray, int]:
    """Where each EDGE cell of group ``g`` keeps its data: ``(base, rank, count)``.

    EDGE cells (a code with any edge bit) are numbered coarse cell by coarse
    cell, in row-major order within each fine block. The cell at entry ``e``
    of block ``coarse[b]`` has number ``base[b] + rank[coarse[b] * 256 + e]``
    (``rank`` counts the EDGE cells before ``e`` in the block, a property of
    the block's codes, so blocks shared by several coarse cells share it).
    Derived from the codes in a few numpy passes, so never stored.
    """
    ff = 1 << (2 * _FBITS)
    edge = (g.blocks >> g.shift).reshape(-1, ff) != 0
    per_block = np.count_nonzero(edge, axis=1)
    rank = (np.cumsum(edge, axis=1, dtype=np.int32) - edge).astype(np.uint8).reshape(-1)
    per_coarse = per_block[g.coarse]
    base = np.zeros(g.coarse.size, np.int32)
    np.cumsum(per_coarse[:-1], out=base[1:])
    return base, rank, int(per_coarse.sum())


def _slot_cells(g: _Group, nx: int) -> np.ndarray:
    """The fine cell (``row * nx + column``) of each EDGE cell number of :func:`_slot_tables`, in order."""
    ff = 1 << (2 * _FBITS)
    edge = (g.blocks >> g.shift).reshape(-1, ff) != 0
    per_coarse = np.count_nonzero(edge, axis=1)[g.coarse]
    bs = np.flatnonzero(per_coarse)
    which, pos = np.nonzero(edge[g.coarse[bs]])  # row-major: coarse cell, then entry: the numbering's order
    b = bs[which]
    cstride = nx >> _FBITS
    fy = ((b // cstride) << _FBITS) + (pos >> _FBITS)
    fx = ((b % cstride) << _FBITS) + (pos & ((1 << _FBITS) - 1))
    return fy * nx + fx


def _slot_of(cells: np.ndarray, nx: int, g: _Group, base: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The numbers (:func:`_slot_tables`) of fine cells ``cells`` (``row * nx + column``), EDGE cells only."""
    fy = cells // nx
    fx = cells - fy * nx
    fmask = (1 << _FBITS) - 1
    b = (fy >> _FBITS) * (nx >> _FBITS) + (fx >> _FBITS)
    v = g.coarse[b].astype(np.int64)
    return base[b].astype(np.int64) + rank[(v << (2 * _FBITS)) + ((fy & fmask) << _FBITS) + (fx & fmask)]


def _ref_coords(cells: np.ndarray, refpos: np.ndarray, grid: tuple[float, float, float, int]) -> np.ndarray:
    """Reference points (rows x, y): lattice point ``refpos = a * steps + b`` of each fine cell.

    The one place their coordinates are computed, at build (for shapely's
    answers) and after loading (for the kernel), so both are bit for bit
    the same.
    """
    gx0, gy0, h, nx = grid
    fy = cells // nx
    fx = cells - fy * nx
    a = refpos.astype(np.int64) // _REF_STEPS
    b = refpos.astype(np.int64) - a * _REF_STEPS
    ref = np.empty((2, cells.size), np.float64)
    ref[0] = gx0 + (fx + (a + 0.5) / _REF_STEPS) * h
    ref[1] = gy0 + (fy + (b + 0.5) / _REF_STEPS) * h
    return ref


class _EdgeCells:
    """A group's EDGE cells, for the crossing-parity test (:func:`_resolve_edges`).

    Stored (:meth:`arrays`), for EDGE cell number ``s`` (:func:`_slot_tables`)
    and the group's layer ``j`` (of ``k``): ``counts[s * k + j]`` of the
    layer's boundary segments that may touch the cell's box grown by the
    margin, listed in ``segs`` cell by cell and layer by layer (numbers of
    columns of ``seg``: x1, y1, x2, y2 rows, the group's layers one after
    another); ``refpos[s]``, the reference point's place on the cell's
    lattice (:func:`_ref_coords`); ``state[s * k + j]``, its answer for the
    layer (0 outside, 1 inside, 2 not usable: too many segments, no point far
    from them, or a layer left to shapely; such points go to shapely).
    Derived on first use (:meth:`tables`): the numbering (``base``,
    ``rank``), offsets ``starts`` into ``segs`` and the points ``ref``.
    """

    NAMES = ("counts", "segs", "seg", "refpos", "state")

    def __init__(
        self, k: int, counts: np.ndarray, segs: np.ndarray, seg: np.ndarray, refpos: np.ndarray, state: np.ndarray
    ) -> None:
        self.k = k
        self.counts = counts
        self.segs = segs
        self.seg = seg
        self.x1, self.y1, self.x2, self.y2 = seg
        self.refpos = refpos
        self.state = state
        self._tables: tuple[np.ndarray, ...] | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        state["_tables"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        g: _Group,
        layers: Sequence[tuple[shapely.Geometry, np.ndarray, np.ndarray, np.ndarray] | None],
        grid: tuple[float, float, float, int],
    ) -> _EdgeCells:
        """From, per layer of group ``g``, ``None`` (left to shapely) or (prepared geometry, its
        segments as rows x1, y1, x2, y2, the (cell, segment) pairs of :func:`_segment_cells` in
        grid cell numbers).
        """
        gx0, gy0, h, nx = grid
        k = g.k
        base, rank, n = _slot_tables(g)
        cells = _slot_cells(g, nx)
        keys, parts, offset = [], [], 0
        for j, layer in enumerate(layers):
            if layer is None:
                continue
            _, seg, pcells, psegs = layer
            keys.append(_slot_of(pcells, nx, g, base, rank) * k + j)
            parts.append((seg, psegs + offset))
            offset += seg.shape[1]
        key = np.concatenate(keys) if keys else np.empty(0, np.int64)
        order = np.argsort(key, kind="stable")
        key = key[order]
        starts = np.zeros(n * k + 1, np.int64)
        np.cumsum(np.bincount(key, minlength=n * k), out=starts[1:])
        segs = (np.concatenate([p for _, p in parts])[order] if parts else np.empty(0, np.int64)).astype(np.int32)
        seg = np.ascontiguousarray(np.concatenate([sg for sg, _ in parts], axis=1) if parts else np.empty((4, 0)))
        x1, y1, x2, y2 = seg
        refpos = np.zeros(n, np.uint8)
        args = (cells, starts, k, segs, x1, y1, x2, y2, gx0, gy0, h, nx, _REF_STEPS, _MAX_CELL_SEGMENTS, refpos)
        ok = _reference_points(*args)
        # unusable cells keep no segments (so every count fits a byte)
        segs = segs[ok[key // k]]
        counts = (np.diff(starts).reshape(n, k) * ok[:, None]).astype(np.uint8).reshape(-1)
        ref = _ref_coords(cells, refpos, grid)
        state = np.full((n, k), 2, np.uint8)
        for j, layer in enumerate(layers):
            if layer is None:
                continue
            sel = counts[j::k] > 0
            state[sel, j] = shapely.intersects_xy(layer[0], ref[0, sel], ref[1, sel])
        self = cls(k, counts, segs, seg, refpos, state.reshape(-1))
        self._tables = self._derive(base, rank, ref)
        return self

    @classmethod
    def from_arrays(cls, k: int, arrays: Sequence[np.ndarray]) -> _EdgeCells:
        """Check arrays (from a cache file) before any kernel indexes with them; ValueError if unusable.

        Their number of cells is checked against the codes on first use (:meth:`tables`).
        """
        counts, segs, seg, refpos, state = (np.ascontiguousarray(a) for a in arrays)
        if counts.dtype != np.uint8 or segs.dtype != np.int32 or refpos.dtype != np.uint8 or state.dtype != np.uint8:
            raise ValueError("bad edge cell types")
        if seg.dtype != np.float64 or seg.ndim != 2 or seg.shape[0] != 4 or segs.ndim != 1 or refpos.ndim != 1:
            raise ValueError("bad edge cell shapes")
        n = refpos.size
        if counts.shape != (n * k,) or state.shape != (n * k,):
            raise ValueError("bad edge cell shapes")
        if int(counts.sum(dtype=np.int64)) != segs.size:
            raise ValueError("bad edge cell segment counts")
        if segs.size and (int(segs.min()) < 0 or int(segs.max()) >= seg.shape[1]):
            raise ValueError("edge cell segments out of range")
        if (state.size and int(state.max()) > 2) or (n and int(refpos.max()) >= _REF_STEPS**2):
            raise ValueError("bad edge cell states")
        return cls(k, counts, segs, seg, refpos, state)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (self.counts, self.segs, self.seg, self.refpos, self.state)

    def _derive(self, base: np.ndarray, rank: np.ndarray, ref: np.ndarray) -> tuple[np.ndarray, ...]:
        starts = np.zeros(self.counts.size + 1, np.int32)
        np.cumsum(self.counts, dtype=np.int32, out=starts[1:])
        side = _ref_sides(starts, self.k, self.segs, self.x1, self.y1, self.x2, self.y2, ref)
        return base, rank, starts, ref, side

    def tables(self, g: _Group, grid: tuple[float, float, float, int]) -> tuple[np.ndarray, ...] | None:
        """``(base, rank, starts, ref, side)``, derived once; None when the arrays do not fit the codes.

        ``side[u]`` is :func:`_orient` of listed segment ``u`` and its cell's reference point.
        """
        with self._lock:
            if self._tables is None:
                base, rank, n = _slot_tables(g)
                if n != self.refpos.size:
                    return None
                self._tables = self._derive(base, rank, _ref_coords(_slot_cells(g, grid[3]), self.refpos, grid))
            return self._tables

    def nbytes(self, g: _Group) -> int:
        """The stored arrays and the tables derived from them (counted before they are made)."""
        derived = (
            4 * g.coarse.size + g.blocks.size + 4 * (self.counts.size + 1) + 16 * self.refpos.size + self.segs.size
        )
        return sum(int(a.nbytes) for a in self.arrays()) + derived


def _lookup(x: np.ndarray, y: np.ndarray, grid: tuple[Any, ...], g: _Group) -> np.ndarray:
    """Each point's cell code in group ``g`` (0 off the grid and for NaN): the kernels' lookup in numpy.

    The same float operations in the same order as :func:`_kernel_words`
    (IEEE arithmetic, no fast-math), so the codes are identical; used for a
    few points, where calling a compiled kernel would first need numba.
    """
    gx0, gy0, inv, nx, ny, fbits, cstride = grid
    tx = (x - gx0) * inv
    ty = (y - gy0) * inv
    on = (tx >= 0.0) & (tx < float(nx)) & (ty >= 0.0) & (ty < float(ny))
    code = np.zeros(x.size, np.int64)
    if on.any():
        fx = tx[on].astype(np.int64)  # truncation, as int() in the kernels (tx >= 0 here)
        fy = ty[on].astype(np.int64)
        fmask = (1 << fbits) - 1
        v = g.coarse[(fy >> fbits) * cstride + (fx >> fbits)].astype(np.int64)
        code[on] = g.blocks[(v << (2 * fbits)) + ((fy & fmask) << fbits) + (fx & fmask)]
    return code


_NO_BOX = np.array([-np.inf, -np.inf, np.inf, np.inf])


def _in_box(x: np.ndarray, y: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Mask of the points inside ``box`` (west, south, east, north), edges inclusive; False for NaN."""
    return (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])


def _row_table(k: int) -> np.ndarray:
    """Word per inside-bit pattern whose bytes are the ``k`` booleans of a row."""
    bits = (np.arange(1 << k)[:, None] >> np.arange(k)[None, :]) & 1
    return np.ascontiguousarray(bits.astype(np.uint8)).view(f"u{k}").reshape(-1)


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


class ZoneIndex:
    """Exact one-pass point-in-zone index for several layers.

    ``classify`` answers, for every point and layer, exactly what
    ``shapely.covers(geometries[j], Point(lon, lat))`` answers (boundary
    inclusive), for all layers in one pass over the points.

    Parameters
    ----------
    geometries : sequence of shapely.Geometry
        One geometry per layer, usually a Polygon or MultiPolygon (holes
        allowed). Any geometry type works (lines and points cover the
        points on them); invalid polygons get whatever shapely answers for
        them. A geometry with NaN or infinite coordinates is left to shapely
        for every point. The objects are not modified.
    names : sequence of str
        One unique name per layer; the columns of ``classify`` follow this
        order.
    cells_per_side : int, optional
        Fine grid cells along the longer side of the layers' joint
        bounding box (default ``DEFAULT_CELLS_PER_SIDE`` = 4096, at most
        ``MAX_CELLS_PER_SIDE``). More cells leave fewer points in EDGE
        cells but cost build time and memory.

    Attributes
    ----------
    names : tuple of str
        The layer names, in column order.
    geometries : tuple of shapely.Geometry
        The layer geometries, in column order.
    bounds : tuple of float
        ``(xmin, ymin, xmax, ymax)`` covered by the grid.
    grid_shape : tuple of int
        ``(rows, columns)`` of fine cells.
    cell_size : float
        Side of a fine cell, in coordinate units.
    edge_cells : tuple of int
        Per layer, the number of fine EDGE cells (their points are answered
        by the crossing test, or by shapely when it cannot decide); every
        cell for a layer left to shapely.
    edge_points : tuple of int
        Points of EDGE cells answered so far (per point and layer): by the
        compiled crossing test, and by shapely.

    Raises
    ------
    ValueError
        (:class:`avzone.errors.InputError`) if ``geometries`` and ``names``
        differ in length, names repeat, or ``cells_per_side`` is out of range.
    TypeError
        If an item of ``geometries`` is not a shapely geometry.

    Each error's message is a :class:`avzone.i18n.Message`:
    :func:`avzone.i18n.error_text` writes it in Chinese.

    Notes
    -----
    NaN or infinite coordinates give ``False`` for every layer (as shapely
    does); test ``np.isfinite`` on the inputs to tell them from points that
    are really outside.

    Building takes about 0.1 s for Beijing's four zone layers and the index
    takes under 3 MB (the grid about 0.6 MB, the EDGE cells' segment lists and
    reference points the rest). ``classify`` works through the points in chunks
    of ``CHUNK`` points, so besides its ``(n, k)`` result and a float64
    copy of inputs that are not float64 already, it needs only a few MB of
    temporary memory per thread. The first call in a process loads the
    compiled kernels from numba's on-disk cache (compiling them once per
    machine and numba version). The index is thread-safe (each thread uses
    its own prepared copies of the geometries) and picklable.

    Examples
    --------
    >>> import shapely
    >>> square = shapely.box(0.0, 0.0, 1.0, 1.0)
    >>> hole = shapely.Polygon([(2, 0), (5, 0), (5, 3), (2, 3)], holes=[[(3, 1), (4, 1), (4, 2), (3, 2)]])
    >>> index = ZoneIndex([square, hole], ["square", "ring"])
    >>> index.names
    ('square', 'ring')
    >>> index.classify([0.5, 1.0, 3.5, 2.5, float("nan")], [0.5, 0.2, 1.5, 1.5, 0.0])
    array([[ True, False],
           [ True, False],
           [False, False],
           [False,  True],
           [False, False]])
    """

    names: tuple[str, ...]
    geometries: tuple[shapely.Geometry, ...]

    def __init__(
        self,
        geometries: Sequence[shapely.Geometry],
        names: Sequence[str],
        *,
        cells_per_side: int | None = None,
    ) -> None:
        geoms = tuple(geometries)
        names = tuple(names)
        if len(geoms) != len(names):
            raise InputError(Message("err_index_lengths", geoms=len(geoms), names=len(names)))
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InputError(Message("err_index_names_repeated", names=dup))
        for i, g in enumerate(geoms):
            if not isinstance(g, shapely.Geometry):
                raise TypeError(Message("err_index_not_geometry", i=i, type=type(g).__name__))
        n = DEFAULT_CELLS_PER_SIDE if cells_per_side is None else cells_per_side
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_CELLS_PER_SIDE:
            raise InputError(Message("err_index_cells_per_side", most=MAX_CELLS_PER_SIDE, value=cells_per_side))
        self.names = names
        self.geometries = geoms
        self._pool: queue.SimpleQueue = queue.SimpleQueue()
        self._init_counts()
        self._build(int(n))

    # -- build ---------------------------------------------------------------

    def _build(self, cells: int) -> None:
        segs = [_segments(g) for g in self.geometries]
        # Layers shapely answers alone, for every point: curved parts (no
        # segments) or non-finite coordinates (no sound cell labels).
        fallback = []
        # per layer: (xmin, ymin, xmax, ymax), or None if empty or fallback
        layer_box: list[tuple[float, float, float, float] | None] = []
        lo = np.array([np.inf, np.inf])
        hi = np.array([-np.inf, -np.inf])
        for j, seg in enumerate(segs):
            xs = ys = np.empty(0)
            if seg is not None:
                xs = np.concatenate([seg[0], seg[2]])
                ys = np.concatenate([seg[1], seg[3]])
            if seg is None or not (np.isfinite(xs).all() and np.isfinite(ys).all()):
                fallback.append(j)
                layer_box.append(None)
            elif xs.size:
                box = (xs.min(), ys.min(), xs.max(), ys.max())
                layer_box.append(box)
                lo = np.minimum(lo, box[:2])
                hi = np.maximum(hi, box[2:])
            else:
                layer_box.append(None)
        self._fallback = tuple(fallback)
        if not np.isfinite(lo).all():  # no coordinates at all
            lo = np.array([0.0, 0.0])
            hi = np.array([1.0, 1.0])
        scale = max(float(np.abs(lo).max()), float(np.abs(hi).max()), 1.0)
        margin = _REL_MARGIN * scale
        pad = 2.0 * margin
        gx0 = float(lo[0]) - 4.0 * margin
        gy0 = float(lo[1]) - 4.0 * margin
        width = float(hi[0] - lo[0]) + 8.0 * margin
        height = float(hi[1] - lo[1]) + 8.0 * margin
        h = max(width, height) / cells
        f = 1 << _FBITS

        def fit(length: float) -> int:
            q = length / h
            n = max(math.ceil(q - q * 1e-12), 1)
            return -(-n // f) * f

        nx, ny = fit(width), fit(height)
        self._gx0, self._gy0, self._inv = gx0, gy0, 1.0 / h
        self._nx, self._ny = nx, ny
        self.cell_size = h
        self.grid_shape = (ny, nx)
        self.bounds = (gx0, gy0, gx0 + nx * h, gy0 + ny * h)

        groups = []
        edge_cells = []
        geoms = [_prepared_copy(g) for g in self.geometries]
        # Layers whose EDGE points are answered by crossing parity: valid
        # (multi)polygons, where each crossing of a ring's segment flips the answer.
        exact = {
            j
            for j, g in enumerate(self.geometries)
            if j not in fallback and shapely.get_type_id(g) in (3, 6) and bool(shapely.is_valid(g))
        }
        edges: list[_EdgeCells | None] = []
        for col0 in range(0, len(geoms), _MAX_GROUP):
            k = min(_MAX_GROUP, len(geoms) - col0)
            dtype = _code_dtype(k)
            shift = dtype.itemsize * 4
            code = np.zeros((ny, nx), dtype)
            layers: list[tuple[shapely.Geometry, np.ndarray, np.ndarray, np.ndarray] | None] = [None] * k
            for jj in range(k):
                j = col0 + jj
                bounds, seg = layer_box[j], segs[j]
                if bounds is None or seg is None:  # empty, or answered by shapely alone
                    edge_cells.append(nx * ny if j in fallback else 0)
                    continue
                # Window of cells that can be EDGE or INSIDE for this layer: its
                # bounds grown by pad and a cell. Everything else is OUTSIDE
                # (bit 0): beyond a layer's bounds nothing is covered.
                bx0, by0, bx1, by1 = bounds
                c0 = min(max(math.floor((bx0 - pad - gx0) / h) - 1, 0), nx)
                c1 = min(max(math.floor((bx1 + pad - gx0) / h) + 2, 0), nx)
                r0 = min(max(math.floor((by0 - pad - gy0) / h) - 1, 0), ny)
                r1 = min(max(math.floor((by1 + pad - gy0) / h) + 2, 0), ny)
                wny, wnx = r1 - r0, c1 - c0
                args = (*seg, gx0 + c0 * h, gy0 + r0 * h, h, pad)
                npairs = _segment_cells(wny, wnx, *args, np.empty(0, np.int64), np.empty(0, np.int64))
                pcells = np.empty(npairs, np.int64)
                psegs = np.empty(npairs, np.int64)
                _segment_cells(wny, wnx, *args, pcells, psegs)
                win = np.zeros((wny, wnx), np.uint8)
                win.reshape(-1)[pcells] = 1
                if j in exact:
                    gcells = (r0 + pcells // wnx) * nx + (c0 + pcells % wnx)
                    layers[jj] = (geoms[j], np.stack(seg).astype(np.float64), gcells, psegs)
                rows, first, stop = _runs(win)
                cx = gx0 + (c0 + first + 0.5) * h
                cy = gy0 + (r0 + rows + 0.5) * h
                inside = shapely.intersects_xy(geoms[j], cx, cy)
                ibit = dtype.type(1 << jj)
                ebit = dtype.type(1 << (shift + jj))
                edge_cells.append(int(_apply_layer(code[r0:r1, c0:c1], win, rows, first, stop, inside, ibit, ebit)))
            uniform, firsts = _uniform_blocks(code, _FBITS)
            ucodes, inverse = np.unique(firsts[uniform], return_inverse=True)
            nu = len(ucodes)
            nblocks = int(uniform.size - np.count_nonzero(uniform))
            cdtype = np.uint16 if nu + nblocks <= np.iinfo(np.uint16).max else np.int32
            coarse = np.empty(uniform.size, cdtype)
            coarse[uniform] = inverse.reshape(-1)
            coarse[~uniform] = nu + np.arange(nblocks)
            blocks = _gather_blocks(code, _FBITS, coarse, ucodes.astype(dtype), nblocks)
            group = _Group(col0, k, dtype, coarse, blocks)
            groups.append(group)
            if any(layer is not None for layer in layers):
                edges.append(_EdgeCells.build(group, layers, (gx0, gy0, h, nx)))
            else:
                edges.append(None)
            del code
        self._groups = tuple(groups)
        k = len(self.geometries)
        self._table = _row_table(k) if k in (1, 2, 4, 8) else None
        self.edge_cells = tuple(edge_cells)
        self._edges = tuple(edges)
        self._pool.put(tuple(geoms))

    # -- state ---------------------------------------------------------------

    @property
    def nbytes(self) -> int:
        """Memory held by the grid and the EDGE cells' data (tables derived on first use included), in bytes."""
        edges = sum(e.nbytes(g) for g, e in zip(self._groups, self._edges, strict=True) if e is not None)
        return sum(g.nbytes for g in self._groups) + edges

    @property
    def edge_points(self) -> tuple[int, int]:
        """Points of EDGE cells answered so far: ``(by the compiled crossing test, by shapely)``.

        Counted per point and layer over every :meth:`classify` call on this
        object (inputs of up to 64 points, layers that are not valid
        polygons or multipolygons and near-degenerate points go to shapely).
        """
        with self._lock:
            return int(self._counts[0]), int(self._counts[1])

    def _init_counts(self) -> None:
        self._lock = threading.Lock()
        self._counts = [0, 0]

    def _count(self, compiled: int, fallback: int) -> None:
        with self._lock:
            self._counts[0] += compiled
            self._counts[1] += fallback

    def __repr__(self) -> str:
        ny, nx = self.grid_shape
        return f"ZoneIndex(names={self.names!r}, grid={nx}x{ny}, cell_size={self.cell_size:.3g}, nbytes={self.nbytes})"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_pool"]  # prepared copies are rebuilt on demand
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._pool = queue.SimpleQueue()
        self._lock = threading.Lock()

    def _acquire(self) -> tuple[shapely.Geometry, ...]:
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            return tuple(_prepared_copy(g) for g in self.geometries)

    # -- compact form ----------------------------------------------------------

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The built index as plain numpy arrays, for :meth:`from_arrays` (e.g. through ``numpy.savez``).

        The arrays include the layers' names and WKB, so that
        :meth:`from_arrays` can refuse arrays made for other geometries.
        """
        out: dict[str, np.ndarray] = {
            "format": np.array([_ARRAYS_FORMAT], dtype=np.int64),
            "grid": np.array([self._gx0, self._gy0, self._inv, self.cell_size], dtype=np.float64),
            "shape": np.array([self._nx, self._ny], dtype=np.int64),
            "fallback": np.array(self._fallback, dtype=np.int64),
            "edge_cells": np.array(self.edge_cells, dtype=np.int64),
            "names": np.array(self.names, dtype=str),
            "groups": np.array([[g.col0, g.k] for g in self._groups], dtype=np.int64).reshape(-1, 2),
        }
        for j, geom in enumerate(self.geometries):
            out[f"wkb{j}"] = np.frombuffer(shapely.to_wkb(geom, include_srid=True), dtype=np.uint8)
        for i, g in enumerate(self._groups):
            out[f"coarse{i}"] = g.coarse
            out[f"blocks{i}"] = g.blocks
        out["exact"] = np.array([i for i, e in enumerate(self._edges) if e is not None], dtype=np.int64)
        for i, e in enumerate(self._edges):
            if e is not None:
                for name, value in zip(_EdgeCells.NAMES, e.arrays(), strict=True):
                    out[f"edge_{name}{i}"] = value
        return out

    @classmethod
    def from_arrays(
        cls, geometries: Sequence[shapely.Geometry], names: Sequence[str], arrays: Mapping[str, np.ndarray]
    ) -> ZoneIndex:
        """The index that :meth:`to_arrays` gave, without building it again.

        Raises
        ------
        ValueError
            When the arrays are not a complete, consistent index for exactly
            these ``geometries`` (same WKB) and ``names`` (a corrupt or stale
            cache file, say); the caller then builds the index.
        """
        geoms = tuple(geometries)
        names = tuple(names)
        try:
            if int(arrays["format"][0]) != _ARRAYS_FORMAT:
                raise ValueError("another format version")
            if tuple(str(v) for v in arrays["names"]) != names or len(geoms) != len(names):
                raise ValueError("other layer names")
            for j, geom in enumerate(geoms):
                if arrays[f"wkb{j}"].tobytes() != shapely.to_wkb(geom, include_srid=True):
                    raise ValueError(f"other geometry for layer {names[j]!r}")
            gx0, gy0, inv, h = (float(v) for v in arrays["grid"])
            nx, ny = (int(v) for v in arrays["shape"])
            fallback = tuple(int(v) for v in arrays["fallback"])
            edge_cells = tuple(int(v) for v in arrays["edge_cells"])
            specs = [(int(a), int(b)) for a, b in arrays["groups"]]
            f = 1 << _FBITS
            if nx <= 0 or ny <= 0 or nx % f or ny % f or not (h > 0 and math.isfinite(gx0) and math.isfinite(gy0)):
                raise ValueError("bad grid")
            if len(edge_cells) != len(names) or any(not 0 <= j < len(names) for j in fallback):
                raise ValueError("bad layer data")
            groups = []
            for i, (col0, k) in enumerate(specs):
                if col0 != _MAX_GROUP * i or not 1 <= k <= _MAX_GROUP or col0 + k > len(names):
                    raise ValueError("bad group")
                dtype = _code_dtype(k)
                coarse = np.ascontiguousarray(arrays[f"coarse{i}"])
                blocks = np.ascontiguousarray(arrays[f"blocks{i}"])
                # The kernels do not check bounds: every coarse entry must name a whole block.
                if blocks.dtype != dtype or blocks.ndim != 1 or blocks.size % (f * f):
                    raise ValueError("bad blocks")
                if coarse.dtype not in (np.dtype(np.uint16), np.dtype(np.int32)) or coarse.ndim != 1:
                    raise ValueError("bad coarse cells")
                if coarse.size != (nx >> _FBITS) * (ny >> _FBITS) or coarse.size == 0:
                    raise ValueError("bad coarse cells")
                if int(coarse.min()) < 0 or (int(coarse.max()) + 1) * f * f > blocks.size:
                    raise ValueError("coarse cells point outside the blocks")
                groups.append(_Group(col0, k, dtype, coarse, blocks))
            if sum(g.k for g in groups) != len(names):
                raise ValueError("groups do not cover the layers")
            edges: list[_EdgeCells | None] = [None] * len(groups)
            for i in (int(v) for v in arrays["exact"]):
                if not 0 <= i < len(groups) or edges[i] is not None:
                    raise ValueError("bad exact groups")
                named = [arrays[f"edge_{name}{i}"] for name in _EdgeCells.NAMES]
                edges[i] = _EdgeCells.from_arrays(groups[i].k, named)
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ValueError(f"incomplete index arrays ({exc!r})") from None
        self = cls.__new__(cls)
        self.names = names
        self.geometries = geoms
        self._pool = queue.SimpleQueue()
        self._init_counts()
        self._edges = tuple(edges)
        self._fallback = fallback
        self._gx0, self._gy0, self._inv = gx0, gy0, inv
        self._nx, self._ny = nx, ny
        self.cell_size = h
        self.grid_shape = (ny, nx)
        self.bounds = (gx0, gy0, gx0 + nx * h, gy0 + ny * h)
        self._groups = tuple(groups)
        k = len(names)
        self._table = _row_table(k) if k in (1, 2, 4, 8) else None
        self.edge_cells = edge_cells
        return self

    # -- queries -------------------------------------------------------------

    def classify(self, lon: ArrayLike, lat: ArrayLike, *, threads: int | None = None) -> np.ndarray:
        """Which layers cover each point.

        Parameters
        ----------
        lon, lat : array_like of float
            Point coordinates (any shape, flattened; lists and scalars
            work), in the geometries' coordinate system.
        threads : int or None, optional
            Worker threads; ``0`` means all available cores; ``None`` (the
            default) chooses by size: one thread below
            ``AUTO_THREADS_MIN`` points (2,097,152), where starting threads
            costs more than it saves, all cores from there on.

        Returns
        -------
        numpy.ndarray of bool, shape (n, len(names))
            Column ``j`` is ``shapely.covers(geometries[j], point)``. NaN or
            infinite coordinates give ``False`` in every column.

        Raises
        ------
        ValueError
            (:class:`avzone.errors.InputError`) if ``lon`` and ``lat`` have
            different lengths, are not numeric, or ``threads`` is negative.

        Examples
        --------
        >>> import shapely
        >>> index = ZoneIndex([shapely.box(0, 0, 1, 1)], ["unit"])
        >>> index.classify(0.5, 0.5)
        array([[ True]])
        >>> index.classify([0.0, 1.0 + 1e-12], [0.0, 0.5]).ravel().tolist()
        [True, False]
        """
        return self._classify(lon, lat, None, threads)[0]

    def classify_within(
        self, lon: ArrayLike, lat: ArrayLike, box: tuple[float, float, float, float], *, threads: int | None = None
    ) -> tuple[np.ndarray, int]:
        """:meth:`classify`, and in the same pass the number of points outside ``box``.

        ``box`` is ``(west, south, east, north)``, edges inclusive; a point
        with a NaN coordinate is outside it. Callers use the count to skip
        a separate validity pass over the points when it is 0.

        Examples
        --------
        >>> import shapely
        >>> index = ZoneIndex([shapely.box(0, 0, 1, 1)], ["unit"])
        >>> hits, outside = index.classify_within([0.5, 3.0, float("nan")], [0.5, 0.5, 0.5], (-1, -1, 2, 2))
        >>> hits.ravel().tolist(), outside
        ([True, False, False], 2)
        """
        return self._classify(lon, lat, np.array(box, dtype=np.float64).reshape(4), threads)

    def _classify(
        self, lon: ArrayLike, lat: ArrayLike, box: np.ndarray | None, threads: int | None
    ) -> tuple[np.ndarray, int]:
        x = _as_coords(lon, "lon")
        y = _as_coords(lat, "lat")
        if x.size != y.size:
            raise InputError(Message("err_lon_lat_lengths", x=x.size, y=y.size))
        n = x.size
        nthreads = self._threads(threads, n)
        k = len(self.names)
        if n == 0 or k == 0:
            outside = 0 if box is None or n == 0 else int(np.count_nonzero(~_in_box(x, y, box)))
            return np.zeros((n, k), dtype=bool), outside
        out = np.empty((n, k), dtype=bool)
        # Chunks of at most CHUNK points, split across threads, but never so
        # small that starting threads costs more than it saves.
        size = min(CHUNK, max(-(-n // nthreads), _MIN_THREAD_CHUNK))
        starts = range(0, n, size)

        def run(start: int) -> int:
            stop = start + size
            return self._classify_chunk(x[start:stop], y[start:stop], out[start:stop], box)

        if nthreads == 1 or len(starts) == 1:
            outside = sum(run(s) for s in starts)
        else:
            from concurrent.futures import ThreadPoolExecutor  # not needed by one thread

            with ThreadPoolExecutor(max_workers=min(nthreads, len(starts))) as pool:
                outside = sum(pool.map(run, starts))
        return out, outside

    def _classify_chunk(self, x: np.ndarray, y: np.ndarray, out: np.ndarray, box: np.ndarray | None) -> int:
        """Classify one chunk into ``out``; the number of points outside ``box`` (0 without a box)."""
        geoms = self._acquire()
        outside = 0
        kbox = _NO_BOX if box is None else box
        counts = np.zeros(1, np.int64)
        seen = np.zeros(1, np.int64)
        compiled = fallback = 0
        try:
            edge_idx = np.empty(x.size, np.int32)
            grid = (self._gx0, self._gy0, self._inv, self._nx, self._ny, _FBITS, self._nx >> _FBITS)
            grid4 = (self._gx0, self._gy0, self.cell_size, self._nx)
            if box is not None and x.size <= _SMALL:
                outside = int(np.count_nonzero(~_in_box(x, y, box)))
            for gi, g in enumerate(self._groups):
                edge_code = np.empty(x.size, g.dtype)
                if x.size <= _SMALL:  # a few points: the same lookup in numpy (no numba needed)
                    code = _lookup(x, y, grid, g)
                    for jj in range(g.k):
                        out[:, g.col0 + jj] = ((code >> jj) & 1) != 0
                    e = code >> g.shift
                    hit = np.flatnonzero(e)
                    m = hit.size
                    edge_idx[:m] = hit
                    edge_code[:m] = e[hit]
                elif self._table is not None:  # one group, rows of 1, 2, 4 or 8 bytes
                    outw = out.view(self._table.dtype).reshape(-1)
                    m = _kernel_words(
                        x, y, *grid, g.coarse, g.blocks, g.shift, self._table, outw, edge_idx, edge_code, kbox, counts
                    )
                else:
                    m = _kernel_bytes(
                        x, y, *grid, g.coarse, g.blocks, g.shift, g.k, out, g.col0, edge_idx, edge_code, kbox, counts
                    )
                if gi == 0 and box is not None and x.size > _SMALL:
                    outside = int(counts[0])
                if m == 0:
                    continue
                idx = edge_idx[:m]
                codes = edge_code[:m]
                ec = self._edges[gi]
                tables = ec.tables(g, grid4) if ec is not None and x.size > _SMALL else None
                sel_pairs = None
                if ec is not None and tables is not None:
                    # room for every (point, layer) pair: point * k + layer < CHUNK * 16 fits int32
                    pending = np.empty(int(np.bitwise_count(codes).sum(dtype=np.int64)), np.int32)
                    base, rank, starts, ref, side = tables
                    cells = (
                        g.coarse,
                        base,
                        rank,
                        g.k,
                        starts,
                        ec.segs,
                        side,
                        ec.x1,
                        ec.y1,
                        ec.x2,
                        ec.y2,
                        ref,
                        ec.state,
                    )
                    args: tuple[Any, ...] = (x, y, idx, codes, *grid, *cells, out, g.col0, pending, seen)
                    npend = _resolve_edges(*args)
                    if npend >= 0:
                        sel_pairs = pending[:npend]
                        compiled += int(seen[0]) - npend
                for jj in range(g.k):
                    j = g.col0 + jj
                    if sel_pairs is not None:
                        sel = sel_pairs[sel_pairs % g.k == jj] // g.k if g.k > 1 else sel_pairs
                    else:
                        sel = idx[(codes & (1 << jj)) != 0] if g.k > 1 else idx
                    if sel.size:
                        fallback += sel.size
                        out[sel, j] = shapely.intersects_xy(geoms[j], x[sel], y[sel])
            for j in self._fallback:
                out[:, j] = shapely.intersects_xy(geoms[j], x, y)
        finally:
            self._pool.put(geoms)
            self._count(compiled, fallback)
        return outside

    @staticmethod
    def _threads(threads: int | None, n: int = 0) -> int:
        if threads is None:
            return _cpu_count() if n >= AUTO_THREADS_MIN else 1
        if threads == 0:
            return _cpu_count()
        if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 0:
            raise InputError(Message("err_threads", value=threads))
        return int(threads)


def classify_points(
    geometries: Sequence[shapely.Geometry],
    lon: ArrayLike,
    lat: ArrayLike,
    *,
    threads: int | None = None,
    cells_per_side: int | None = None,
) -> np.ndarray:
    """One-shot form of :meth:`ZoneIndex.classify` (builds a throw-away index).

    Build a :class:`ZoneIndex` once and reuse it when classifying more than
    one batch of points.

    Examples
    --------
    >>> import shapely
    >>> classify_points([shapely.box(0, 0, 1, 1), shapely.box(0.5, 0, 2, 1)], [0.25, 0.75], [0.5, 0.5])
    array([[ True, False],
           [ True,  True]])
    """
    names = [str(i) for i in range(len(geometries))]
    return ZoneIndex(geometries, names, cells_per_side=cells_per_side).classify(lon, lat, threads=threads)

"""A small on-disk cache of derived arrays (geometries, the zone index), never required.

Files live in the user's cache folder: ``$AVZONE_CACHE_DIR`` when set (an
empty value turns the cache off), else ``$XDG_CACHE_HOME/avzone``, else
``~/.cache/avzone``. Each entry is one ``.npz`` file named by a key that the
caller derives from everything the arrays depend on (a content hash of the
dataset files and avzone's version), so a changed dataset or a new avzone
version simply uses another file. Reading never raises: a missing,
unreadable or corrupt file reads as "not cached". Writing never raises
either: a read-only or missing folder just means the arrays are built again
next time. Files are written to a temporary name and renamed into place, so
a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ENV = "AVZONE_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder (it may not exist yet), or None when ``AVZONE_CACHE_DIR`` is set empty."""
    env = os.environ.get(ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "avzone"


def content_key(kind: str, parts: Iterable[bytes | str]) -> str:
    """``kind-<sha256 of the parts>``: a file name that changes whenever any part changes."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return f"{kind}-{h.hexdigest()[:32]}"


def file_parts(paths: Iterable[Path]) -> list[bytes]:
    """The bytes of each file (for :func:`content_key`); OSError when one cannot be read."""
    return [Path(p).read_bytes() for p in paths]


def dataset_hash(folder: Path, version: str) -> str | None:
    """A hash of a dataset folder's content (``dataset.json`` and every file it names) and ``version``.

    Every cache entry of a dataset is named by it, so that editing any of
    its files (or another avzone version) uses new entries. None when the
    manifest or a file cannot be read or does not list its files (then
    nothing is cached; reading the dataset reports the problem).
    """
    import json

    manifest = Path(folder) / "dataset.json"
    try:
        raw = manifest.read_bytes()
        entries = json.loads(raw)["layers"]
        paths = [Path(folder) / str(e["file"]) for e in entries]
        parts: list[bytes | str] = [version, raw, *file_parts(paths)]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return content_key("", parts)[1:]


def pack_geometries(geoms: Sequence[Any]) -> dict[str, np.ndarray]:
    """Geometries (None allowed) as two arrays: their WKB bytes one after another, and where each ends.

    WKB keeps every coordinate exactly; a None geometry has length -1.
    """
    import shapely

    blobs = [b"" if g is None else shapely.to_wkb(g) for g in geoms]
    ends = np.cumsum([len(b) for b in blobs], dtype=np.int64)
    nulls = np.array([g is None for g in geoms], dtype=bool)
    return {"wkb": np.frombuffer(b"".join(blobs), dtype=np.uint8), "ends": ends, "nulls": nulls}


def unpack_geometries(wkb: np.ndarray, ends: np.ndarray, nulls: np.ndarray) -> list[Any]:
    """The geometries :func:`pack_geometries` packed; ValueError (or a shapely error) when damaged."""
    import shapely

    if ends.ndim != 1 or nulls.shape != ends.shape or (ends.size and ends[-1] != wkb.size):
        raise ValueError("geometry arrays of different lengths")
    data = wkb.tobytes()
    starts = np.concatenate([[0], ends[:-1]]).tolist()
    blobs = [data[a:b] for a, b in zip(starts, ends.tolist())]
    built = shapely.from_wkb([b for b, null in zip(blobs, nulls.tolist()) if not null])
    it = iter(built.tolist())
    return [None if null else next(it) for null in nulls.tolist()]


def load(key: str) -> dict[str, np.ndarray] | None:
    """The arrays stored under ``key``, or None (not cached, cache off, unreadable or corrupt)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except Exception:  # missing, unreadable, truncated, not a zip, pickled: all mean "not cached"
        return None


def save(key: str, arrays: Mapping[str, np.ndarray]) -> Path | None:
    """Store ``arrays`` under ``key``; the file's path, or None when it could not be written."""
    folder = cache_dir()
    if folder is None:
        return None
    import tempfile

    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            savez: Any = np.savez  # its stubs type **kwds as the allow_pickle flag
            savez(fh, **arrays)
        path = folder / f"{key}.npz"
        os.replace(tmp, path)
        return path
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return None

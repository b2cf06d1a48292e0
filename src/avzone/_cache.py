"""A small on-disk cache of derived arrays (geometries, the zone index), never required.

Files live in the user's cache folder: ``$AVZONE_CACHE_DIR`` when set (an
empty value turns the cache off), else ``$XDG_CACHE_HOME/avzone``, else
``~/.cache/avzone``. Each entry is one ``<key>.arrays`` file named by a key
that the caller derives from everything the arrays depend on (a content hash
of the dataset files and avzone's version), so a changed dataset or a new
avzone version simply uses another file. Reading never raises: a missing,
unreadable, truncated or corrupt file (its CRC-32 is checked) reads as "not
cached". Writing never raises either: a read-only or missing folder just
means the arrays are built again next time. Files are written to a temporary
name and renamed into place, so a reader never sees half a file.

The format is a small JSON header (each array's name, dtype, shape and
place) followed by the raw bytes: no pickles, and nothing to import at
start-up beyond json and zlib (numpy's ``.npz`` needs zipfile, and
``hashlib`` loads OpenSSL; the key is a BLAKE2b hash from the interpreter's
built-in module).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

try:  # the interpreter's built-in BLAKE2 (no OpenSSL to load, unlike `import hashlib`)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

SUFFIX = ".arrays"
_MAGIC = b"AVZONE-ARRAYS-1\n"
_ALIGN = 64

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
    """``kind-<BLAKE2b hash of the parts>``: a file name that changes whenever any part changes."""
    h = blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return f"{kind}-{h.hexdigest()}"


def file_parts(paths: Iterable[Path]) -> list[bytes]:
    """The bytes of each file (for :func:`content_key`); OSError when one cannot be read."""
    return [Path(p).read_bytes() for p in paths]


def _dataset_files(folder: Path) -> tuple[bytes, list[Path]]:
    """``dataset.json``'s bytes and the paths of the files it names (OSError, ValueError, ... when it cannot)."""
    raw = (Path(folder) / "dataset.json").read_bytes()
    entries = json.loads(raw)["layers"]
    return raw, [Path(folder) / str(e["file"]) for e in entries]


def file_stamps(folder: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Size and modification time (ns) of ``dataset.json`` and every file it names; None when unreadable.

    Taken before :func:`dataset_hash` and again after the files were parsed:
    a difference means a file changed in between, and what was parsed may
    not be what was hashed.
    """
    try:
        _, paths = _dataset_files(folder)
        stats = [(str(p), p.stat()) for p in [Path(folder) / "dataset.json", *paths]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


def dataset_hash(folder: Path, version: str) -> str | None:
    """A hash of a dataset folder's content (``dataset.json`` and every file it names) and ``version``.

    Every cache entry of a dataset is named by it, so that editing any of
    its files (or another avzone version) uses new entries. None when the
    manifest or a file cannot be read or does not list its files (then
    nothing is cached; reading the dataset reports the problem).
    """
    try:
        raw, paths = _dataset_files(folder)
        parts: list[bytes | str] = [version, raw, *file_parts(paths)]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return content_key("", parts)[1:]


def pack_geometries(geoms: Sequence[Any]) -> dict[str, np.ndarray]:
    """Geometries (None allowed) as two arrays: their WKB bytes one after another, and where each ends.

    WKB keeps every coordinate exactly; ``nulls`` marks the None geometries (no bytes).
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


def _decode(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of one cache file's bytes; ValueError (or KeyError, TypeError) when it is not one."""
    if not data.startswith(_MAGIC):
        raise ValueError("not an avzone arrays file")
    at = len(_MAGIC)
    size = int.from_bytes(data[at : at + 8], "little")
    header = json.loads(data[at + 8 : at + 8 + size])
    payload = memoryview(data)[at + 8 + size :]
    if zlib.crc32(payload) != header["crc32"]:
        raise ValueError("damaged (CRC-32 differs)")
    out = {}
    for name, dtype, shape, offset, nbytes in header["arrays"]:
        dt = np.dtype(dtype)
        if dt.hasobject or offset < 0 or offset + nbytes > len(payload):
            raise ValueError(f"array {name!r} cannot be read")
        arr = np.frombuffer(payload[offset : offset + nbytes], dtype=dt).reshape(shape).copy()
        out[str(name)] = arr
    return out


def load(key: str) -> dict[str, np.ndarray] | None:
    """The arrays stored under ``key``, or None (not cached, cache off, unreadable or corrupt)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return _decode((folder / f"{key}{SUFFIX}").read_bytes())
    except Exception:  # missing, unreadable, truncated, damaged: all mean "not cached"
        return None


def _encode(arrays: Mapping[str, np.ndarray]) -> bytes:
    entries = []
    chunks = []
    offset = 0
    for name, value in arrays.items():
        arr = np.ascontiguousarray(value)
        if arr.dtype.hasobject:
            raise TypeError(f"array {name!r} holds Python objects")
        pad = -offset % _ALIGN
        chunks.append(b"\0" * pad)
        offset += pad
        raw = arr.tobytes()
        entries.append([str(name), arr.dtype.str, list(arr.shape), offset, len(raw)])
        chunks.append(raw)
        offset += len(raw)
    payload = b"".join(chunks)
    header = json.dumps({"crc32": zlib.crc32(payload), "arrays": entries}).encode()
    return _MAGIC + len(header).to_bytes(8, "little") + header + payload


def save(key: str, arrays: Mapping[str, np.ndarray]) -> Path | None:
    """Store ``arrays`` under ``key``; the file's path, or None when it could not be written."""
    folder = cache_dir()
    if folder is None:
        return None
    import tempfile

    tmp = None
    try:
        data = _encode(arrays)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        path = folder / f"{key}{SUFFIX}"
        os.replace(tmp, path)
        return path
    except (OSError, TypeError, ValueError):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return None

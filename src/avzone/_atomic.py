"""Atomic output files: a job's output appears complete or not at all.

:func:`atomic_output` hands the job a temporary path beside the target (same
folder, so the same file system, with a hidden name that keeps the target's
extension) and renames it over the target only when the job succeeds. On any
failure, including ``KeyboardInterrupt`` and ``SystemExit``, the temporary
file is removed and the target is left exactly as it was. Two jobs writing
the same target each write their own temporary file, so the target ends up
as one complete output (the last to finish wins), never a mix of both.

:func:`same_file` tells whether two paths are one file, by device and inode
(so a hard link or a symbolic link is caught) as well as by resolved path.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from avzone.errors import AvzoneError, InputError
from avzone.i18n import Message

__all__ = ["TEMP_MARKER", "atomic_output", "check_not_input", "discarded", "same_file"]

#: Part of every temporary file name (``.<target name>.avzone-tmp-<random><suffix>``).
TEMP_MARKER = ".avzone-tmp-"
_DISCARDED: list[Path] = []


def discarded() -> list[Path]:
    """The targets whose unfinished output was thrown away in this process, oldest first."""
    return list(_DISCARDED)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Return True if ``a`` and ``b`` name the same file.

    Two existing paths are the same file when they have the same device and
    inode (hard links, symbolic links, bind mounts, different spellings);
    otherwise their resolved paths are compared.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "a.csv").write_text("x")
    1
    >>> (d / "b.csv").hardlink_to(d / "a.csv")
    >>> same_file(d / "a.csv", d / "b.csv"), same_file(d / "a.csv", d / "c.csv")
    (True, False)
    """
    pa, pb = Path(a), Path(b)
    try:
        sa, sb = pa.stat(), pb.stat()
    except OSError:
        pass
    else:
        if (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino):
            return True
    try:
        return pa.resolve() == pb.resolve()
    except (OSError, RuntimeError):  # e.g. a symbolic link loop
        return False


def check_not_input(input_path: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Raise :class:`InputError` if writing ``target`` would overwrite ``input_path``."""
    if same_file(input_path, target):
        link = "" if Path(input_path).resolve() == Path(target).resolve() else Message("link_of_input")
        raise InputError(Message("err_output_is_input", file=target, input=input_path, link=link))


def _umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync a folder
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done, then raise them as they came.

    Python runs signal handlers in the main thread only, so elsewhere there
    is nothing to hold back.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in previous:
        signal.signal(s, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        for signum in pending:
            signal.raise_signal(signum)


def _rename_message(exc: AvzoneError, tmp: Path, target: Path) -> None:
    """Make an error raised about the temporary file name the target instead."""
    if exc.args and isinstance(exc.args[0], Message) and str(tmp) in exc.args[0]:  # also in its Chinese text
        exc.args = (exc.args[0].replaced(str(tmp), str(target)), *exc.args[1:])
    elif exc.args and isinstance(exc.args[0], str) and str(tmp) in exc.args[0]:
        exc.args = (exc.args[0].replace(str(tmp), str(target)), *exc.args[1:])


@contextlib.contextmanager
def atomic_output(
    target: str | os.PathLike[str],
    *,
    input_path: str | os.PathLike[str] | None = None,
    mkdir: bool = False,
    folder: bool = False,
) -> Iterator[Path]:
    """Write ``target`` atomically: yield a temporary path, rename it into place on success.

    Parameters
    ----------
    target : str or path-like
        The file to write. When it is a symbolic link, the file it points to
        is replaced and the link kept. An existing target must be writable
        (a read-only one is refused, as writing it in place would be).
    input_path : str or path-like, optional
        The job's input: refused as the target when it is the same file
        (:func:`same_file`: device and inode, or resolved path), with an
        :class:`InputError` naming the path.
    mkdir : bool, default False
        Create the target's folder if missing (else a missing folder is an
        :class:`InputError`).
    folder : bool, default False
        The output is a folder (e.g. of Parquet parts): the temporary path is
        an empty folder, and the target must not exist or be an empty folder
        (renaming over a folder with files in it is not possible).

    Yields
    ------
    pathlib.Path
        ``.<name>.avzone-tmp-<random><suffix>`` in the target's folder, an
        empty file created for this job alone (mode 0600 until the rename).
        Write the output there (overwriting it, or replacing it with a file
        or a folder).

    Notes
    -----
    On success the temporary file is flushed to disk (``fsync``), given the
    target's permissions (an existing target's, else 0666 less the umask)
    and renamed over the target with :func:`os.replace`, which is atomic on
    POSIX: a reader sees the old file or the new one, never a part. On any
    exception (``KeyboardInterrupt`` and ``SystemExit`` included) the
    temporary file is removed, the target is not touched, and the exception
    propagates; an :class:`~avzone.errors.AvzoneError` whose message names
    the temporary path is reworded to name the target.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with atomic_output(out) as tmp:
    ...     _ = tmp.write_text("a,b\\n1,2\\n")
    ...     (tmp.suffix, out.exists())
    ('.csv', False)
    >>> out.read_text()
    'a,b\\n1,2\\n'
    """
    target = Path(target)
    if input_path is not None:
        check_not_input(input_path, target)
    real = target.resolve() if target.is_symlink() else target
    parent = real.parent
    if mkdir:
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(Message("err_cannot_create_folder", file=target, folder=parent, reason=reason)) from None
    if folder:
        if real.exists() and (not real.is_dir() or any(real.iterdir())):
            raise InputError(Message("err_output_folder_exists", file=target))
    elif real.is_dir():
        raise InputError(Message("err_output_is_folder", file=target))
    if not parent.is_dir():
        raise InputError(Message("err_no_folder", file=target, folder=parent))
    try:
        old_mode = stat.S_IMODE(real.stat().st_mode)
    except OSError:
        old_mode = None
    if old_mode is not None and not os.access(real, os.W_OK):  # the rename would get past its protection
        raise InputError(Message("err_read_only", file=target))
    for _ in range(100):
        tmp = parent / f".{real.name}{TEMP_MARKER}{secrets.token_hex(4)}{real.suffix}"
        try:
            if folder:
                os.mkdir(tmp, 0o700)
            else:
                os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(Message("err_cannot_write_in", file=target, folder=parent, reason=reason)) from None
        break
    else:  # pragma: no cover - 100 collisions of 32 random bits
        raise InputError(f"{target}: cannot find a free temporary name in {parent}")
    committed = False
    try:
        yield tmp
        with _signals_deferred():  # the commit is all or nothing, even if a signal arrives meanwhile
            is_dir = tmp.is_dir()
            if not is_dir:
                _fsync(tmp)
            os.chmod(tmp, ((0o777 if is_dir else 0o666) & ~_umask()) if old_mode is None else old_mode)
            try:
                os.replace(tmp, real)
            except OSError as exc:  # e.g. another job filled the target folder meanwhile
                reason = exc.strerror or str(exc)
                raise InputError(Message("err_cannot_put_in_place", file=target, reason=reason)) from None
            committed = True
    except BaseException as exc:
        if not committed:
            _remove(tmp)
            _DISCARDED.append(target)
            if isinstance(exc, AvzoneError):
                _rename_message(exc, tmp, target)
        raise
    _fsync(parent, directory=True)

"""Atomic output files: a job's outputs appear complete, together, or not at all.

:func:`atomic_outputs` is the one mechanism of every output path avzone
writes: each output gets a temporary path beside its target (same folder, so
the same file system, with a hidden name that keeps the target's extension),
and only when the job succeeds are they all renamed over their targets, each
existing target kept aside until the last rename succeeded (a rename failing
part way puts back the ones already replaced). On any failure, including
``KeyboardInterrupt`` and ``SystemExit``, the temporary files are removed
and the targets are left exactly as they were; so on SIGTERM, in a process
that leaves it to Python's default (a library job), before the signal ends
the process (:func:`_sigterm_cleans_up`). :func:`atomic_output` is the
same for a job with one output. Two jobs writing the same target each write
their own temporary file, so the target ends up as one complete output (the
last to finish wins), never a mix of both.

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
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from avzone.errors import AvzoneError, InputError
from avzone.i18n import Joined, Message, os_reason

__all__ = [
    "OLD_MARKER",
    "TEMP_MARKER",
    "Outputs",
    "atomic_output",
    "atomic_outputs",
    "check_not_input",
    "check_target",
    "check_targets",
    "discarded",
    "last_discarded",
    "make_folder",
    "same_file",
]

#: Part of every temporary file name (``.<target name>.avzone-tmp-<random><suffix>``).
TEMP_MARKER = ".avzone-tmp-"
_DISCARDED: list[Path] = []


_LAST_DISCARDED: list[Path] = []


def discarded() -> list[Path]:
    """The targets whose unfinished output was thrown away in this process, oldest first."""
    return list(_DISCARDED)


def last_discarded() -> list[Path]:
    """The targets of the last job whose unfinished outputs were thrown away, in the order they were added."""
    return list(_LAST_DISCARDED)


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
    """Remove a temporary file or folder; a folder is removed again while it is still there (a few tries).

    A job's parallel tasks (the Dask engines' partitions) may still be
    writing parts into a temporary folder when another task's failure ends
    the job: a part made while the folder is being emptied would leave it
    behind. Once the folder is gone, a late part cannot be written (its
    folder is missing).
    """
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            for attempt in range(_REMOVE_TRIES):
                shutil.rmtree(path, ignore_errors=True)
                if not os.path.lexists(path):
                    break
                time.sleep(0.01 * (attempt + 1))
        else:
            path.unlink(missing_ok=True)


#: How many times :func:`_remove` empties and removes a folder that is still there.
_REMOVE_TRIES = 10


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


class _Terminated(BaseException):
    """SIGTERM arrived during a job whose process had Python's default for it (die at once)."""


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the clean-up runs, then the signal ends the process
    raise _Terminated(signum)


@contextlib.contextmanager
def _sigterm_cleans_up() -> Iterator[None]:
    """Within the block, a SIGTERM removes the job's temporary files before it ends the process, as it would.

    Only where SIGTERM has Python's default (the process dies at once,
    leaving its temporary files) and only in the main thread, where signal
    handlers run: a handler of the caller's own (the CLI's, an
    application's), or ``SIG_IGN``, stays in charge. The default is put back
    when the block ends; a SIGTERM that came meanwhile is raised again then,
    with the default in place, and ends the process as it would have.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)  # ends the process here, as the default would have
        raise  # pragma: no cover - (a process that survives its SIGTERM)
    finally:
        if signal.getsignal(signal.SIGTERM) in (_on_sigterm, signal.SIG_IGN):  # (not one set inside the block)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _rename_message(exc: AvzoneError, tmp: Path, target: Path) -> None:
    """Make an error raised about the temporary file name the target instead."""
    if exc.args and isinstance(exc.args[0], Message) and str(tmp) in exc.args[0]:  # also in its Chinese text
        exc.args = (exc.args[0].replaced(str(tmp), str(target)), *exc.args[1:])
    elif exc.args and isinstance(exc.args[0], str) and str(tmp) in exc.args[0]:
        exc.args = (exc.args[0].replace(str(tmp), str(target)), *exc.args[1:])


#: Part of the name an existing target is kept under while a job's outputs are put in place
#: (``.<target name>.avzone-old-<random>``), removed once all of them are.
OLD_MARKER = ".avzone-old-"


def check_target(
    target: str | os.PathLike[str],
    *,
    input_path: str | os.PathLike[str] | None = None,
    folder: bool = False,
) -> Path:
    """Refuse, before any work, an output path that cannot be written; returns the path that will be replaced.

    Raises :class:`InputError` naming ``target`` when it is the input
    (:func:`check_not_input`), a folder (or, with ``folder``, a file or a
    folder with files in it), in a folder that does not exist (the one rule
    of every writer: a folder is never created for an output, so a typo in
    its name is said, not made into a new tree of folders), or a read-only
    file. A symbolic link is followed: the file it points to is the one
    replaced.
    """
    target = Path(target)
    if input_path is not None:
        check_not_input(input_path, target)
    real = target.resolve() if target.is_symlink() else target
    if folder:
        if real.exists() and (not real.is_dir() or any(real.iterdir())):
            raise InputError(Message("err_output_folder_exists", file=target))
    elif real.is_dir():
        raise InputError(Message("err_output_is_folder", file=target))
    if not real.parent.is_dir():
        raise InputError(Message("err_no_folder", file=target, folder=real.parent))
    if os.path.lexists(real) and not os.access(real, os.W_OK):  # the rename would get past its protection
        raise InputError(Message("err_read_only", file=target))
    return real


def check_targets(targets: list[str | os.PathLike[str]], *, input_path: str | os.PathLike[str] | None = None) -> None:
    """:func:`check_target` for each of a job's outputs, and no two of them the same file."""
    for k, target in enumerate(targets):
        check_target(target, input_path=input_path)
        for other in targets[:k]:
            if same_file(other, target):
                raise InputError(Message("err_same_output", file=target, other=other))


@dataclass
class _Output:
    target: Path  # as given (named in messages)
    real: Path  # what is replaced: the file a symbolic link points to
    tmp: Path
    old_mode: int | None
    folder: bool
    aside: Path | None = None  # the previous target, kept until every output is in place
    linked: bool = False  # ``aside`` is a second name of the target (the target was not moved)
    placed: bool = False


class Outputs:
    """The outputs of one job, put in place together (see :func:`atomic_outputs`).

    :meth:`add` checks a target and gives the temporary path to write it
    to; :meth:`include` adds a file the job wrote beside a temporary path
    (a Shapefile's ``.dbf``). Nothing is put in place before the block of
    :func:`atomic_outputs` ends without an error.
    """

    def __init__(self, input_path: str | os.PathLike[str] | None = None) -> None:
        self._input = input_path
        self._outputs: list[_Output] = []

    @property
    def targets(self) -> list[Path]:
        """The targets, in the order they were added."""
        return [o.target for o in self._outputs]

    def add(
        self,
        target: str | os.PathLike[str],
        *,
        input_path: str | os.PathLike[str] | None = None,
        folder: bool = False,
    ) -> Path:
        """Check ``target`` and return the temporary path to write it to (see :func:`atomic_output`)."""
        target = Path(target)
        real = check_target(target, input_path=input_path or self._input, folder=folder)
        for other in self._outputs:
            if same_file(other.real, real):
                raise InputError(Message("err_same_output", file=target, other=other.target))
        parent = real.parent
        try:
            old_mode = stat.S_IMODE(real.stat().st_mode)
        except OSError:
            old_mode = None
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
                reason = os_reason(exc)
                raise InputError(Message("err_cannot_write_in", file=target, folder=parent, reason=reason)) from None
            break
        else:  # pragma: no cover - 100 collisions of 32 random bits
            raise InputError(Message("err_no_temp_name", file=target, folder=parent))
        self._outputs.append(_Output(target, real, tmp, old_mode, folder))
        return tmp

    def include(self, written: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        """Put the file ``written`` (beside a temporary path of :meth:`add`) in place as ``target`` with the rest.

        ``written`` is removed if the job fails. An existing ``target`` is
        kept aside and put back as the other targets are.
        """
        written, target = Path(written), Path(target)
        try:
            old_mode = stat.S_IMODE(target.stat().st_mode)
        except OSError:
            old_mode = None
        self._outputs.append(_Output(target, target, written, old_mode, False))

    def _discard(self) -> None:
        for o in self._outputs:
            if not o.placed:
                _remove(o.tmp)
            _DISCARDED.append(o.target)
        if self._outputs:
            _LAST_DISCARDED[:] = [o.target for o in self._outputs]

    def _reword(self, exc: AvzoneError) -> None:
        for o in self._outputs:
            _rename_message(exc, o.tmp, o.target)

    def _commit(self) -> None:
        """Put every output in place, or none: on a failure the targets replaced so far are put back."""
        for o in self._outputs:
            is_dir = o.tmp.is_dir()
            if not is_dir:
                _fsync(o.tmp)
            mode = ((0o777 if is_dir else 0o666) & ~_umask()) if o.old_mode is None else o.old_mode
            try:
                os.chmod(o.tmp, mode)
            except OSError as exc:
                raise InputError(Message("err_cannot_write", file=o.target, reason=os_reason(exc))) from None
        for o in self._outputs:
            try:
                _keep_aside(o)
                try:
                    os.replace(o.tmp, o.real)
                except BaseException:
                    _put_back_aside(o)
                    raise
            except OSError as exc:  # e.g. another job filled a target folder meanwhile, or the disk failed
                reason = os_reason(exc)
                placed = [p for p in self._outputs if p.placed]
                lost = self._roll_back()
                if lost:
                    raise InputError(
                        Message("err_outputs_not_put_back", file=o.target, reason=reason, lost=Joined(lost))
                    ) from None
                if placed:
                    others = Joined([str(p.target) for p in placed], "comma")
                    raise InputError(
                        Message("err_outputs_put_back", file=o.target, reason=reason, others=others)
                    ) from None
                raise InputError(Message("err_cannot_put_in_place", file=o.target, reason=reason)) from None
            o.placed = True
        for o in self._outputs:
            if o.aside is not None:
                _remove(o.aside)
                o.aside = None

    def _roll_back(self) -> list[Message]:
        """Undo the outputs put in place so far, last first; says which targets could not be put back."""
        lost: list[Message] = []
        for o in reversed([p for p in self._outputs if p.placed]):
            try:
                if o.aside is not None and not o.folder:
                    os.replace(o.aside, o.real)  # the new file goes in the same step
                else:
                    os.replace(o.real, o.tmp)  # (removed with the other temporary files)
                    if o.aside is not None:
                        os.replace(o.aside, o.real)
                o.aside, o.placed = None, False
            except OSError as exc:
                reason = os_reason(exc)
                if o.aside is not None:
                    lost.append(Message("output_not_put_back_kept", file=o.target, kept=o.aside, reason=reason))
                else:
                    lost.append(Message("output_not_put_back", file=o.target, reason=reason))
        return lost


def _keep_aside(o: _Output) -> None:
    """Keep the target ``o`` replaces under another name until every output is in place.

    A file gets a second name (a hard link), so it stays where it is until
    the new one replaces it; where links are not possible, and for an
    (empty) folder, it is moved.
    """
    if not os.path.lexists(o.real):
        return
    for _ in range(100):
        aside = o.real.parent / f".{o.real.name}{OLD_MARKER}{secrets.token_hex(4)}"
        if not os.path.lexists(aside):
            break
    if not o.folder and o.real.is_file():
        try:
            os.link(o.real, aside)
        except OSError:
            pass
        else:
            o.aside, o.linked = aside, True
            return
    os.rename(o.real, aside)
    o.aside, o.linked = aside, False


def _put_back_aside(o: _Output) -> None:
    """The rename of ``o`` failed: its target is as it was, or is put back from where it was kept."""
    if o.aside is None:
        return
    with contextlib.suppress(OSError):
        if o.linked:
            o.aside.unlink()
        else:
            os.rename(o.aside, o.real)
    o.aside = None


@contextlib.contextmanager
def atomic_outputs(input_path: str | os.PathLike[str] | None = None) -> Iterator[Outputs]:
    """Write a job's outputs as one: every one is put in place when all are written, or none is.

    Yields an :class:`Outputs`; ``outputs.add(target)`` gives the
    temporary path (beside the target) to write each output to. When the
    block ends without an error, every temporary file is flushed to disk
    and renamed over its target, one after the other, with SIGINT and
    SIGTERM held back until the last is in place. Each existing target is
    kept aside (a hard link, else moved) until then: if a rename fails part
    way, the targets already replaced are put back as they were, and the
    :class:`InputError` names the output that could not be put in place
    (and any target that could not be put back, with where its previous
    content is). On any exception in the block (``KeyboardInterrupt`` and
    ``SystemExit`` included) every temporary file is removed and no target
    is touched.

    ``input_path``: the job's input, refused as any of the targets
    (:func:`check_not_input`). Two outputs that are the same file are
    refused too.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_outputs() as outputs:
    ...     _ = outputs.add(d / "events.csv").write_text("id,event\\n")
    ...     _ = outputs.add(d / "summary.csv").write_text("id,events\\n")
    ...     sorted(p.name for p in d.iterdir() if not p.name.startswith("."))
    []
    >>> sorted(p.name for p in d.iterdir())
    ['events.csv', 'summary.csv']
    """
    outputs = Outputs(input_path)
    with _sigterm_cleans_up():  # a library job's temporary files too (the CLI has its own handler)
        try:
            yield outputs
            with _signals_deferred():  # the commit is all or nothing, even if a signal arrives meanwhile
                outputs._commit()
        except BaseException as exc:
            if not (outputs._outputs and all(o.placed for o in outputs._outputs)):  # (else a signal held back)
                outputs._discard()
            if isinstance(exc, AvzoneError):
                outputs._reword(exc)
            raise
    for parent in {o.real.parent for o in outputs._outputs}:
        _fsync(parent, directory=True)


@contextlib.contextmanager
def atomic_output(
    target: str | os.PathLike[str],
    *,
    input_path: str | os.PathLike[str] | None = None,
    folder: bool = False,
) -> Iterator[Path]:
    """Write ``target`` atomically: yield a temporary path, rename it into place on success.

    One output of :func:`atomic_outputs`, the one mechanism of every output.

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
    with atomic_outputs(input_path) as outputs:
        yield outputs.add(target, folder=folder)


def make_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder``, a folder a job fills with files of its own (``avzone demo --out``, a T-Drive folder),
    unless it exists; returns it.

    Only the folder itself is made, in a folder that exists, as every output
    is written (:func:`check_target`): a missing parent is an
    :class:`InputError` naming ``folder`` and the parent that does not
    exist, so a typo in a path is said, not made into a new tree of folders;
    a file of that name is an :class:`InputError` saying so.
    """
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if not folder.parent.is_dir():
        raise InputError(Message("err_no_folder", file=folder, folder=folder.parent))
    if folder.exists():  # (a file of that name: said as such, not as the system's "File exists")
        raise InputError(Message("err_folder_is_file", file=folder))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(Message("err_cannot_create_folder", file=folder, folder=folder, reason=reason)) from None
    return folder

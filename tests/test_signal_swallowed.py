"""A signal whose exception Python cannot pass on (raised in a weakref callback or a ``__del__``) still stops the job.

Python runs a signal's handler in whatever the main thread runs at that moment; an exception raised in a weakref
callback (a CSV block freed, :class:`avzone.batch.ReadAhead`) or a ``__del__`` is printed as ignored and the code
around goes on. ``cli.signals_as_exceptions`` raises it again where the job's own code runs.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import weakref

import pytest

from avzone import cli


class _Box:
    pass


def _freed_during_signal(signum: int) -> None:
    """A weakref callback that gets the signal: its handler runs inside the callback (the loop's backward jumps)."""
    box = _Box()

    def callback(ref: weakref.ref) -> None:
        signal.raise_signal(signum)
        for _ in range(100):  # (the handler's exception is raised here, and swallowed by the weakref machinery)
            pass

    ref = weakref.ref(box, callback)
    del box
    assert ref() is None


def _job_goes_on() -> None:
    """Work of the job's own, until the signal's exception comes (up to 30 s: then the test fails)."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        time.sleep(0.001)


@pytest.mark.parametrize(
    ("signum", "expected"), [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, cli.Terminated)], ids=["INT", "TERM"]
)
def test_a_signal_swallowed_in_a_weakref_callback_is_raised_again(signum, expected, capsys):
    reached_end = False
    with pytest.raises(expected):
        with cli.signals_as_exceptions():
            _freed_during_signal(signum)
            _job_goes_on()  # the job's own code: the signal's exception is raised again here
            reached_end = True
    assert not reached_end
    assert "Exception ignored" not in capsys.readouterr().err  # (said once, as the job's own stop)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="no pthread_kill on this platform")
@pytest.mark.parametrize(
    ("signum", "expected"), [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, cli.Terminated)], ids=["INT", "TERM"]
)
def test_a_swallowed_signal_stops_a_job_blocked_in_a_read(signum, expected):
    """Raised again while the job waits in a blocking read (of a pipe nothing is written to): the read is cut short
    (within milliseconds; a signal only marked for the handler would wait for the read's end, here 20 s later)."""
    read_end, write_end = os.pipe()
    unblock = threading.Timer(20, os.write, (write_end, b"x"))  # (the read ends after 20 s at the latest: a failure)
    unblock.start()
    reached_end = False
    start = time.monotonic()
    try:
        with pytest.raises(expected):
            with cli.signals_as_exceptions():
                _freed_during_signal(signum)
                os.read(read_end, 1)  # the job's own code, blocked
                reached_end = True
    finally:
        unblock.cancel()
        os.close(read_end)
        os.close(write_end)
    assert not reached_end
    assert time.monotonic() - start < 10


def test_handlers_and_hook_are_restored(capsys):
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.unraisablehook
    with pytest.raises(KeyboardInterrupt):
        with cli.signals_as_exceptions():
            _freed_during_signal(signal.SIGINT)
            _job_goes_on()
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.unraisablehook) == before


def test_other_unraisable_exceptions_go_to_the_previous_hook(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    box = _Box()

    def callback(ref: weakref.ref) -> None:
        raise ValueError("not a signal")

    with cli.signals_as_exceptions():
        ref = weakref.ref(box, callback)
        del box
    assert ref() is None
    assert [type(u.exc_value) for u in seen] == [ValueError]

"""numba kernels compiled on first use, so that importing a module with kernels does not import numba.

``import numba`` alone takes a few tenths of a second, more than a one-point
answer needs in all. A module decorates its kernels with :func:`kernel`
instead of ``numba.njit``: the decorator only records the function. The first
call of any kernel of the module imports numba, wraps every recorded kernel
of that module with ``numba.njit(**options)`` in definition order and puts
the dispatchers in the module's namespace in place of the placeholders, so
kernels calling kernels (``inline="always"`` helpers included) see compiled
functions; then the call goes through. Later calls reach the dispatcher
directly. With ``cache=True`` numba loads the machine code from its on-disk
cache (compiling once per machine and numba version).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_LOCK = threading.RLock()
# module name -> [(function, njit options)], in definition order
_PENDING: dict[str, list[tuple[Callable[..., Any], dict[str, Any]]]] = {}


class _Placeholder:
    """Stands for a kernel until its module's kernels are compiled."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.py_func = fn
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self.__module__ = fn.__module__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        compile_module(self.py_func.__module__)
        fn = self.py_func.__globals__[self.py_func.__name__]
        return fn(*args, **kwargs)


def kernel(**options: Any) -> Callable[[F], F]:
    """``numba.njit(**options)``, applied on the first call of any kernel of the defining module.

    ``borrowed=True`` marks a kernel that allocates nothing and only reads
    and writes the arrays it is given: it is compiled without numba's
    reference counting (``_nrt=False`` where numba has that option), so a
    call costs what a call of scalars does (with reference counting, each
    array argument adds two atomic operations per call: about 100 ns for a
    call with nine arrays, more than a short kernel's own work).

    ``factory=True`` marks a function that is not compiled itself but
    called (once, when numba is imported) to make what stands in its place:
    a ``numba.extending.intrinsic`` or another kernel, for code that only
    exists once numba does.
    """

    def wrap(fn: F) -> F:
        with _LOCK:
            _PENDING.setdefault(fn.__module__, []).append((fn, options))
        return cast(F, _Placeholder(fn))

    return wrap


def compile_module(module: str) -> None:
    """Wrap every pending kernel of ``module`` with ``numba.njit`` (importing numba); idempotent."""
    with _LOCK:
        pending = _PENDING.pop(module, None)
        if not pending:
            return
        from numba import njit
        from numba.core.options import DefaultOptions

        for fn, options in pending:
            options = dict(options)
            if options.pop("factory", False):
                fn.__globals__[fn.__name__] = fn()
                continue
            if options.pop("borrowed", False) and hasattr(DefaultOptions, "_nrt"):
                options["_nrt"] = False
            fn.__globals__[fn.__name__] = njit(**options)(fn)

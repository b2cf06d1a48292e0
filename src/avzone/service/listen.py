"""Where :func:`avzone.service.serve` listens: every address a host name resolves to tried, before anything loads.

asyncio (and so uvicorn) binds each address of a name and fails the start when one cannot be bound: ``localhost``
is ::1 and 127.0.0.1 on many machines, and a machine with IPv6 turned off cannot bind ::1. :func:`listen_host`
tries them first and gives the server the host it can listen on, or refuses in words of the caller's options
(``--host`` on the command line, ``host=`` in Python: :class:`avzone.i18n.Option`). This module imports nothing
of the web framework.
"""

from __future__ import annotations

import errno
import os
import socket

from avzone.errors import InputError
from avzone.i18n import Message, Option


def listen_host(host: str, port: int) -> str:
    """The host to give the server so that it listens on ``host``:``port``; refuses one it could not listen on.

    Every address ``host`` resolves to is tried (a name may have several:
    ``localhost`` is often ::1 and 127.0.0.1). One of a family this machine
    cannot use (no such socket, or an address it cannot assign: IPv6 turned
    off, an address of another machine) is passed over; the host is
    refused when no address is left. Returned: ``host`` itself when each of
    its addresses can be listened on (the server listens on all of them),
    else the first address that can, which the server then listens on
    alone (it would fail on the others). ``port`` is a port number the
    caller has checked (0: any free port).

    Raises :class:`~avzone.errors.InputError` when ``host`` does not
    resolve, none of its addresses can be used, or one cannot be bound for
    another reason (in use, no permission: serving the others would leave
    that address to whatever holds it), saying why (:func:`listen_reason`).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(
            Message("err_host", host=Option("host", host, quote=True), reason=listen_reason(exc))
        ) from None
    addresses = list(dict.fromkeys((family, kind, proto, address) for family, kind, proto, _, address in infos))
    usable: list[str] = []
    passed_over: OSError | None = None  # why the first address passed over could not be used
    for family, kind, proto, address in addresses:
        try:
            probe = socket.socket(family, kind, proto)
        except OSError as exc:  # (a family this machine lacks)
            passed_over = passed_over or exc
            continue
        with probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            if family == getattr(socket, "AF_INET6", None) and hasattr(socket, "IPV6_V6ONLY"):
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)  # (its own family only, as asyncio)
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno not in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                    raise _cannot_listen(host, port, exc) from None
                passed_over = passed_over or exc
                continue
        usable.append(str(address[0]))
    if not usable:
        raise _cannot_listen(host, port, passed_over or OSError(errno.EADDRNOTAVAIL, os.strerror(errno.EADDRNOTAVAIL)))
    return host if len(usable) == len(addresses) else usable[0]


def _cannot_listen(host: str, port: int, exc: OSError) -> InputError:
    return InputError(Message("err_cannot_listen", host=host, port=port, reason=listen_reason(exc)))


def listen_reason(exc: BaseException) -> Message:
    """Why :func:`listen_host` cannot listen, from the error of its name look-up or bind, in the user's language.

    The known cases (a name no resolver knows, one that cannot be looked up
    now or whose look-up failed, a name no host can have, an address family
    the machine lacks; a port in use, one that needs privileges, an address
    not this machine's) are said in words of their own, with the system's
    text, as it gives it, after them as a detail; any other error is the
    system's text alone. The port to change is named as the caller gives it
    (:class:`avzone.i18n.Option`: ``--port``, ``port=``).
    """
    detail = str(getattr(exc, "strerror", None) or exc)
    if isinstance(exc, UnicodeError):  # (the idna codec: an empty label, one over 63 characters, a bad character)
        return Message("listen_host_bad_name", detail=detail)
    code = exc.errno if isinstance(exc, OSError) else None
    if isinstance(exc, socket.gaierror):
        keys = {
            socket.EAI_NONAME: "listen_host_unknown",
            getattr(socket, "EAI_NODATA", socket.EAI_NONAME): "listen_host_unknown",
            socket.EAI_AGAIN: "listen_host_again",
            socket.EAI_FAIL: "listen_host_failed",
            socket.EAI_FAMILY: "listen_host_family",
            getattr(socket, "EAI_ADDRFAMILY", socket.EAI_FAMILY): "listen_host_family",
        }
        detail = str(exc)  # (with its code, as getaddrinfo's errors have always been shown)
    else:
        keys = {
            errno.EADDRINUSE: "listen_in_use",
            errno.EACCES: "listen_denied",
            errno.EPERM: "listen_denied",
            errno.EADDRNOTAVAIL: "listen_not_here",
            errno.EAFNOSUPPORT: "listen_host_family",  # (no socket of the family of an address the name has)
        }
    key = keys.get(code, "listen_system") if code is not None else "listen_system"
    if key in ("listen_in_use", "listen_denied"):
        return Message(key, detail=detail, port=Option("port"))
    return Message(key, detail=detail)

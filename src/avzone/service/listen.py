"""Where :func:`avzone.service.serve` listens: the sockets bound and listening on every address of a host name,
before anything loads, and handed to the server.

asyncio (and so uvicorn) binds each address of a name and fails the start when one cannot be bound: ``localhost``
is ::1 and 127.0.0.1 on many machines, and a machine with IPv6 turned off cannot bind ::1. :func:`listen_sockets`
binds them itself, passes over the ones this machine cannot use, and keeps the sockets open for the server: no
other program can take the port between the check and the start, and a refusal is said in words of the caller's
options (``--host`` on the command line, ``host=`` in Python: :class:`avzone.i18n.Option`). This module imports
nothing of the web framework.
"""

from __future__ import annotations

import errno
import os
import socket
from typing import Any

from avzone.errors import InputError
from avzone.i18n import Joined, Message, Option

#: Port 0 on a host of several addresses: how many ports the system picks (on the first address) before the
#: host is refused, when each one picked is in use on another of its addresses.
PORT_ATTEMPTS = 5


def listen_sockets(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to ``host``:``port`` and listening, one for each address of ``host`` this machine can use.

    Every address ``host`` resolves to is bound (a name may have several:
    ``localhost`` is often ::1 and 127.0.0.1). One of a family this machine
    cannot use (no such socket, or an address it cannot assign: IPv6 turned
    off, an address of another machine) is passed over; the host is refused
    when no address is left. ``port`` is a port number the caller has
    checked; 0 is any free port, one for all the addresses: the one the
    system picks on the first, which the others are then bound to (picked
    again, up to :data:`PORT_ATTEMPTS` times, when it is in use on another
    address). IPv6 sockets serve their own family only (``IPV6_V6ONLY``, as
    asyncio's); ``SO_REUSEADDR`` is set on POSIX, as asyncio and uvicorn set
    it. The caller closes the sockets (the server closes them when it stops).

    Raises :class:`~avzone.errors.InputError` when ``host`` does not
    resolve, none of its addresses can be used, or one cannot be bound for
    another reason (in use, no permission: serving the others would leave
    that address to whatever holds it), saying why (:func:`listen_reason`);
    no socket is left open then.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(
            Message("err_host", host=Option("host", host, quote=True), reason=listen_reason(exc))
        ) from None
    addresses = list(dict.fromkeys((family, kind, proto, address) for family, kind, proto, _, address in infos))
    picked: list[int] = []  # (port 0: each port the system picked that was in use on another address)
    while True:
        try:
            return _bind_each(host, port, addresses)
        except _PickedPortInUse as exc:
            picked.append(exc.port)
        if len(picked) == PORT_ATTEMPTS:
            reason = Message("listen_no_common_port", ports=Joined(map(str, picked), "comma"), port=Option("port"))
            raise InputError(Message("err_cannot_listen", host=host, port=port, reason=reason))


class _PickedPortInUse(Exception):
    """The port the system picked for port 0 on a host's first address is in use on another of its addresses."""

    def __init__(self, port: int):
        super().__init__(port)
        self.port = port


def _bind_each(host: str, port: int, addresses: list[tuple[Any, ...]]) -> list[socket.socket]:
    """:func:`listen_sockets` with the addresses resolved: one try, every socket closed when it fails."""
    sockets: list[socket.socket] = []
    passed_over: OSError | None = None  # why the first address passed over could not be used
    try:
        for family, kind, proto, address in addresses:
            on_port = sockets[0].getsockname()[1] if sockets and port == 0 else port  # (one port for all)
            try:
                sock = socket.socket(family, kind, proto)
            except OSError as exc:  # (a family this machine lacks)
                passed_over = passed_over or exc
                continue
            sockets.append(sock)  # (closed with the others if anything fails)
            try:
                _bind_and_listen(sock, (address[0], on_port, *address[2:]))
            except OSError as exc:
                sockets.pop().close()
                if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                    passed_over = passed_over or exc
                    continue
                if on_port != port and exc.errno == errno.EADDRINUSE:
                    raise _PickedPortInUse(on_port) from None
                raise _cannot_listen(host, on_port, exc) from None
        if not sockets:
            raise _cannot_listen(
                host, port, passed_over or OSError(errno.EADDRNOTAVAIL, os.strerror(errno.EADDRNOTAVAIL))
            )
        return sockets
    except BaseException:
        for sock in sockets:
            sock.close()
        raise


def _bind_and_listen(sock: socket.socket, address: tuple[Any, ...]) -> None:
    if os.name == "posix":  # (as asyncio and uvicorn: a port whose last connections linger is bound again at once)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if sock.family == getattr(socket, "AF_INET6", None) and hasattr(socket, "IPV6_V6ONLY"):
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)  # (its own family only, as asyncio)
    sock.bind(address)
    sock.listen()  # (the server listens again with its own backlog)


def listening_urls(sockets: list[socket.socket]) -> list[str]:
    """The ``http://`` URL of each socket :func:`listen_sockets` gave: the address and the port it listens on.

    >>> with socket.socket() as sock:
    ...     sock.bind(("127.0.0.1", 0))
    ...     [url] = listening_urls([sock])
    ...     url == f"http://127.0.0.1:{sock.getsockname()[1]}"
    True
    """
    urls = []
    for sock in sockets:
        address, port = socket.getnameinfo(sock.getsockname(), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
        urls.append(f"http://[{address}]:{port}" if ":" in address else f"http://{address}:{port}")
    return urls


def _cannot_listen(host: str, port: int, exc: OSError) -> InputError:
    return InputError(Message("err_cannot_listen", host=host, port=port, reason=listen_reason(exc)))


def listen_reason(exc: BaseException) -> Message:
    """Why :func:`listen_sockets` cannot listen, from the error of its name look-up or bind, in the user's language.

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

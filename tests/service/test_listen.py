"""serve() binds every address of its host name itself, as ``avzone serve`` does (one check for both), and serves
the sockets it bound."""

from __future__ import annotations

import errno
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from common import free_port, ipv6_cannot_bind, ipv6_loopback, localhost_two_families, run_cli
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.service import app as service_app
from avzone.service import listen, serve

from .conftest import HOST

needs_ipv6 = pytest.mark.skipif(not ipv6_loopback(), reason="this machine cannot listen on ::1")


@dataclass
class Served:
    """A :func:`serve` running in a thread (:func:`serving`): the sockets it bound and the lines uvicorn logged."""

    sockets: list[socket.socket] = field(default_factory=list)
    said: list[str] = field(default_factory=list)

    def urls(self) -> list[str]:
        """The URLs of the log's "running on" lines."""
        return [
            m.group(1)
            for line in self.said
            if (m := re.fullmatch(r"Uvicorn running on (\S+) \(Press CTRL\+C .*", line))
        ]


class _Said(logging.Handler):
    def __init__(self, said: list[str]):
        super().__init__()
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(record.getMessage())


@contextmanager
def serving(
    monkeypatch: pytest.MonkeyPatch, loading: threading.Event | None = None, **options: Any
) -> Iterator[Served]:
    """``serve(**options)`` in a thread, until the block ends; a small app (``GET /healthz``: ok) stands for the
    service's, so nothing loads. ``loading``: the dataset's load waits for it (the sockets already bound).

    Yields once the server has started (or the thread has ended); after the block the server is stopped and every
    socket serve bound is checked closed.
    """
    served = Served()
    servers: list[uvicorn.Server] = []

    class KeptServer(uvicorn.Server):  # (to stop it: a server in a thread has no signals)
        def __init__(self, config: uvicorn.Config) -> None:
            super().__init__(config)
            servers.append(self)

    bind = listen.listen_sockets
    run = service_app.run_server

    def bound(host: str, port: int) -> list[socket.socket]:
        served.sockets[:] = bind(host, port)
        return served.sockets

    def run_saying(config: Any, sockets: list[socket.socket], lang: str = "en") -> None:
        said = _Said(served.said)  # (after uvicorn has set its logging up)
        logging.getLogger("uvicorn.error").addHandler(said)
        try:
            run(config, sockets, lang)
        finally:
            logging.getLogger("uvicorn.error").removeHandler(said)

    small = Starlette(routes=[Route("/healthz", lambda request: PlainTextResponse("ok"))])
    monkeypatch.setattr(service_app, "load", lambda data: None if loading is None else loading.wait(60))
    monkeypatch.setattr(service_app, "create_app", lambda *a, **k: small)
    monkeypatch.setattr(service_app, "listen_sockets", bound)
    monkeypatch.setattr(service_app, "run_server", run_saying)
    monkeypatch.setattr(uvicorn, "Server", KeptServer)
    failed: list[BaseException] = []

    def target() -> None:
        try:
            serve(**options)
        except BaseException as exc:
            failed.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not (servers and servers[0].started) and thread.is_alive() and time.monotonic() < deadline:
            if loading is not None and served.sockets:
                break  # (bound, and the load waits)
            time.sleep(0.02)
        yield served
    finally:
        if loading is not None:
            loading.set()
            while not (servers and servers[0].started) and thread.is_alive():
                time.sleep(0.02)
        for server in servers:
            server.should_exit = True
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert not failed, failed
    assert served.sockets and all(sock.fileno() == -1 for sock in served.sockets)  # (closed when it stopped)


def answers(url: str) -> str:
    return httpx.get(f"{url}/healthz", timeout=10).text


def test_serve_starts_on_the_address_that_works_when_the_first_one_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    """``localhost`` is ::1, then 127.0.0.1, and ::1 cannot be bound (IPv6 turned off): asyncio, as uvicorn binds
    through it, gave up on the first address that failed and the server never started; now it listens on
    127.0.0.1."""
    port = free_port()
    localhost_two_families(monkeypatch, port)
    ipv6_cannot_bind(monkeypatch, errno.EADDRNOTAVAIL)
    with serving(monkeypatch, host="localhost", port=port) as served:
        assert served.urls() == [f"http://{HOST}:{port}"]
        assert answers(f"http://{HOST}:{port}") == "ok"


@needs_ipv6
def test_port_0_is_one_port_on_every_address_and_the_log_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    """``port=0`` on ``localhost`` (::1 and 127.0.0.1): one port the system picked, on both, and the log names each
    address with it (uvicorn, binding each address itself, picked one port per address and logged ``localhost``
    with the first one's)."""
    localhost_two_families(monkeypatch, 0)
    with serving(monkeypatch, host="localhost", port=0) as served:
        port = served.sockets[0].getsockname()[1]
        assert port != 0
        assert [sock.getsockname()[:2] for sock in served.sockets] == [("::1", port), (HOST, port)]
        assert served.urls() == [f"http://[::1]:{port}", f"http://{HOST}:{port}"]
        assert answers(f"http://[::1]:{port}") == answers(f"http://{HOST}:{port}") == "ok"


@needs_ipv6
def test_the_port_is_held_from_the_check_to_the_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the dataset loads, no other program can take the port serve checked (it was let go after the check,
    and one that took it meanwhile made uvicorn fail with its own error); the sockets bound are the ones served."""
    port = free_port()
    localhost_two_families(monkeypatch, port)
    loading = threading.Event()
    with serving(monkeypatch, loading, host="localhost", port=port) as served:
        assert len(served.sockets) == 2
        for family, address in ((socket.AF_INET6, "::1"), (socket.AF_INET, HOST)):
            with socket.socket(family, socket.SOCK_STREAM) as other:
                other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                with pytest.raises(OSError) as taken:
                    other.bind((address, port))
                    other.listen()
            assert taken.value.errno == errno.EADDRINUSE
        loading.set()
        deadline = time.monotonic() + 60
        while not served.urls() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert served.urls() == [f"http://[::1]:{port}", f"http://{HOST}:{port}"]
        assert answers(f"http://[::1]:{port}") == answers(f"http://{HOST}:{port}") == "ok"


def kept_sockets(monkeypatch: pytest.MonkeyPatch) -> list[socket.socket]:
    """Every socket bound from now on (to check that none is left open)."""
    made: list[socket.socket] = []
    bind = socket.socket.bind

    def keeping(self: socket.socket, address: Any) -> None:
        made.append(self)
        bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", keeping)
    return made


@needs_ipv6
def test_port_0_picks_again_when_its_port_is_taken_on_another_address(monkeypatch: pytest.MonkeyPatch) -> None:
    localhost_two_families(monkeypatch, 0)
    made = kept_sockets(monkeypatch)
    held: list[socket.socket] = []
    bind = socket.socket.bind

    def first_pick_taken_on_ipv4(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_INET and not held:  # (another program holds the first port picked on 127.0.0.1)
            held.append(socket.socket())
            held[0].bind((HOST, address[1]))
            held[0].listen()
        bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", first_pick_taken_on_ipv4)
    try:
        sockets = listen.listen_sockets("localhost", 0)
        taken = held[0].getsockname()[1]
    finally:
        for sock in held:
            sock.close()
    try:
        (v6, v6_port, *_), (v4, v4_port) = (sock.getsockname() for sock in sockets)
        assert (v6, v4) == ("::1", HOST) and v6_port == v4_port != taken
        assert [sock for sock in made if sock.fileno() != -1] == sockets  # (the first pick's socket closed)
    finally:
        for sock in sockets:
            sock.close()


@needs_ipv6
def test_port_0_is_refused_when_every_port_picked_is_taken_on_another_address(monkeypatch: pytest.MonkeyPatch) -> None:
    localhost_two_families(monkeypatch, 0)
    made = kept_sockets(monkeypatch)
    bind = socket.socket.bind
    picked: list[int] = []

    def ipv4_always_taken(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_INET and address[1] != 0:  # (the port picked on ::1, held on 127.0.0.1)
            picked.append(address[1])
            made.append(self)
            raise OSError(errno.EADDRINUSE, "Address already in use")
        bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", ipv4_always_taken)
    monkeypatch.setattr(service_app, "load", lambda data: pytest.fail("loaded"))  # (refused before anything loads)
    with pytest.raises(InputError) as caught:
        serve(host="localhost", port=0)
    assert len(picked) == listen.PORT_ATTEMPTS
    assert str(caught.value) == (
        "cannot listen on localhost:0: no port the system picked was free on all of its addresses (picked: "
        f"{', '.join(map(str, picked))}, each in use on one of them): give a port= free on each"
    )
    assert error_text(caught.value, "zh") == (
        "无法在 localhost:0 上监听：系统选出的端口都不是在它的所有地址上都空闲（选出的端口："
        f"{'、'.join(map(str, picked))}，每个都在其中一个地址上已被占用）：请给出在每个地址上都空闲的 port="
    )
    assert len(made) == 2 * listen.PORT_ATTEMPTS and all(sock.fileno() == -1 for sock in made)


@needs_ipv6
def test_a_port_in_use_on_one_address_is_refused_and_the_others_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1:port held by another program, ::1:port free: refused (its clients would reach the other program),
    in words of the caller's options, and the socket bound on ::1 closed."""
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        localhost_two_families(monkeypatch, port)
        made = kept_sockets(monkeypatch)
        with pytest.raises(InputError) as caught:
            serve(host="localhost", port=port)
        assert [sock.family for sock in made] == [socket.AF_INET6, socket.AF_INET]
        assert all(sock.fileno() == -1 for sock in made)
        cli = run_cli("--lang", "zh", "serve", "--host", "localhost", "--port", str(port))
    assert str(caught.value).startswith(
        f"cannot listen on localhost:{port}: the port is already in use: stop the server listening there, or give "
        "another port= (the system says: "
    )
    assert cli.returncode == 2
    assert cli.stderr.startswith(
        f"avzone: 错误：无法在 localhost:{port} 上监听：端口已被占用：请停止在那里监听的服务，或给出另一个 --port（"
    )
    assert len(made) == 4 and all(sock.fileno() == -1 for sock in made)


def no_address_here(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """``localhost`` is ::1 and 127.0.0.1, neither of which can be bound (an address not this machine's)."""
    localhost_two_families(monkeypatch, port)

    def nothing_here(self: socket.socket, address: Any) -> None:
        raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")

    monkeypatch.setattr(socket.socket, "bind", nothing_here)


def test_serve_refuses_a_host_none_of_whose_addresses_can_be_used_as_the_command_line_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()
    no_address_here(monkeypatch, port)
    loaded: list[Any] = []
    monkeypatch.setattr("avzone.service.app.load", loaded.append)  # (refused before anything loads)
    with pytest.raises(InputError) as caught:
        serve(host="localhost", port=port)
    said = str(caught.value)
    assert said == (
        f"cannot listen on localhost:{port}: the address is not one of this machine's: give one of them, 127.0.0.1 "
        "(this machine only) or 0.0.0.0 (every address) (the system says: Cannot assign requested address)"
    )
    assert error_text(caught.value, "zh").startswith(f"无法在 localhost:{port} 上监听：这个地址不是本机的地址")
    assert loaded == []
    cli = run_cli("serve", "--host", "localhost", "--port", str(port), "--lang", "en")
    assert cli.returncode == 2 and cli.stderr == f"avzone: error: {said}\n"


def test_serve_names_its_own_arguments_where_the_command_line_names_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """One message, the option as the caller gives it: ``host=``/``port=`` in Python, ``--host``/``--port`` on the
    command line."""

    def unknown(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(InputError, match=r"^host='BAD' is not an address this machine can listen on: no host of"):
        serve(host="BAD", port=8000)
    assert "avzone: error: --host 'BAD' is not an address" in run_cli("serve", "--host", "BAD", "--lang", "en").stderr
    monkeypatch.undo()
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(InputError) as caught:
            serve(host=HOST, port=port)
        cli = run_cli("serve", "--host", HOST, "--port", str(port), "--lang", "zh").stderr
    assert str(caught.value).startswith(
        f"cannot listen on {HOST}:{port}: the port is already in use: stop the server listening there, or give "
        "another port= (the system says: "
    )
    assert error_text(caught.value, "zh").startswith(
        f"无法在 {HOST}:{port} 上监听：端口已被占用：请停止在那里监听的服务，或给出另一个 port=（"
    )
    assert "或给出另一个 --port（系统的说明：" in cli


def test_the_sockets_are_closed_when_the_dataset_cannot_be_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bound before anything loads, and let go when the load fails (``avzone serve --data`` of a broken folder)."""
    made = kept_sockets(monkeypatch)

    def broken(data: Any) -> None:
        assert [sock.getsockname()[0] for sock in made] == [HOST]  # (bound, listening)
        raise InputError("broken dataset")

    monkeypatch.setattr(service_app, "load", broken)
    for workers in (1, 2):
        made.clear()
        with pytest.raises(InputError, match=r"^broken dataset$"):
            serve(host=HOST, port=0, workers=workers)
        assert len(made) == 1 and made[0].fileno() == -1

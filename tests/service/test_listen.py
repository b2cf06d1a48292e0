"""serve() in Python tries every address of its host name, as ``avzone serve`` does (one check for both)."""

from __future__ import annotations

import errno
import socket
import threading
import time
from typing import Any

import httpx
import pytest
import uvicorn
from common import free_port, ipv6_cannot_bind, localhost_two_families, run_cli

from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.service import serve

from .conftest import HOST


def test_serve_starts_on_the_address_that_works_when_the_first_one_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    """``localhost`` is ::1, then 127.0.0.1, and ::1 cannot be bound (IPv6 turned off): asyncio, as uvicorn binds
    through it, gave up on the first address that failed and the server never started; now it listens on
    127.0.0.1."""
    port = free_port()
    localhost_two_families(monkeypatch, port)
    ipv6_cannot_bind(monkeypatch, errno.EADDRNOTAVAIL)
    servers: list[uvicorn.Server] = []
    hosts: list[str] = []

    def run(app: Any, **options: Any) -> None:  # uvicorn.run, keeping the server to stop it
        hosts.append(options["host"])
        # (asyncio's loop, whose name look-up and binds are the ones patched here; uvloop makes its own)
        config = uvicorn.Config(app, **{**options, "loop": "asyncio", "log_level": "warning"})
        servers.append(uvicorn.Server(config))
        servers[-1].run()

    monkeypatch.setattr(uvicorn, "run", run)
    thread = threading.Thread(target=serve, kwargs={"host": "localhost", "port": port}, daemon=True)
    thread.start()
    try:
        answer = None
        deadline = time.monotonic() + 120
        while answer is None and thread.is_alive() and time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://{HOST}:{port}/healthz", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.1)
        assert answer is not None and answer.status_code == 200, "the server did not start"
        assert hosts == ["127.0.0.1"]
    finally:
        for server in servers:
            server.should_exit = True
        thread.join(timeout=30)
    assert not thread.is_alive()


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

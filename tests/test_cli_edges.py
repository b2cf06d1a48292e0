"""Edges of the command line: --lang on either side of every command, growth's -o, the addresses serve tries."""

from __future__ import annotations

import argparse
import socket
from typing import Any

import pytest
from common import YIZHUANG_CORE, free_port, ipv6_cannot_bind, ipv6_loopback, localhost_two_families, refused, run_cli

from avzone.cli import build_parser


def ok(*args: str) -> tuple[str, str]:
    """``avzone ARGS`` asserting exit 0; its stdout and stderr."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.fixture
def served(monkeypatch):
    """``avzone ARGS`` (a serve command line) with avzone.service.serve replaced: the keyword arguments it got."""
    service = pytest.importorskip("avzone.service")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(service, "serve", lambda **k: calls.append(k))

    def serve(*args: str) -> dict[str, Any]:
        calls.clear()
        ok(*args)
        assert len(calls) == 1
        return calls[0]

    return serve


@pytest.fixture
def listened(monkeypatch):
    """``avzone ARGS`` (a serve command line) through avzone.service.serve, with the server not run and no app
    built: the address of each socket serve bound for it (all closed afterwards)."""
    app_module = pytest.importorskip("avzone.service.app")
    bound: list[tuple[list[socket.socket], list[str]]] = []
    monkeypatch.setattr(app_module, "create_app", lambda *a, **k: None)

    def run_server(config: Any, sockets: list[socket.socket], lang: str) -> None:
        assert all(sock.getsockname()[1] == config.port for sock in sockets)  # (one port)
        bound.append((sockets, [sock.getsockname()[0] for sock in sockets]))

    monkeypatch.setattr(app_module, "run_server", run_server)

    def listen(*args: str) -> list[str]:
        bound.clear()
        ok(*args)
        ((sockets, addresses),) = bound
        assert all(sock.fileno() == -1 for sock in sockets)
        return addresses

    return listen


# -- --lang: after every command as before it, the later one winning -------------------------------------------
def test_every_command_takes_lang_after_it_and_lists_it_in_its_help():
    for name, parser in commands().items():
        langs = [a for a in parser._actions if "--lang" in a.option_strings]
        assert len(langs) == 1 and langs[0].choices == ("en", "zh"), name
        for lang in ("en", "zh"):
            assert "--lang {en,zh}" in ok(name, "--help", "--lang", lang)[0], (name, lang)


def test_serve_takes_lang_after_the_command(served, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    assert served("serve", "--port", str(free_port()), "--lang", "zh")["lang"] == "zh"
    assert served("serve", "--lang=zh", "--port", str(free_port()))["lang"] == "zh"
    assert served("serve", "--port", str(free_port()))["lang"] is None  # (the locale's)


def test_the_lang_after_the_command_wins_in_serve_too(served, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    assert served("--lang", "en", "serve", "--port", str(free_port()), "--lang", "zh")["lang"] == "zh"
    assert served("--lang", "zh", "serve", "--lang", "en", "--port", str(free_port()))["lang"] == "en"
    assert served("--lang", "zh", "serve", "--port", str(free_port()))["lang"] == "zh"


def test_serve_errors_in_the_lang_given_after_the_command(monkeypatch):
    monkeypatch.setenv("LANG", "C")
    for args in (("--port", "70000", "--lang", "zh"), ("--lang", "zh", "--port", "70000")):
        assert refused("serve", *args).splitlines()[-1] == (
            "avzone: 错误：参数 --port：必须是 0 到 65535 之间的 TCP 端口号（0：任一空闲端口），收到的是 70000"
        )
    # an error found after parsing (the address), in the language after the command
    err = refused("serve", "--host", "no-such-host.invalid", "--port", str(free_port()), "--lang", "zh")
    assert err.startswith("avzone: 错误：--host 'no-such-host.invalid' 不是本机可以监听的地址")


def test_locate_lang_after_the_point_and_its_usage_errors(monkeypatch):
    monkeypatch.setenv("LANG", "C")
    point = tuple(map(str, YIZHUANG_CORE))
    assert ok("locate", *point, "--lang", "zh")[0] == ok("--lang", "zh", "locate", *point)[0]
    assert refused("locate", *point, "--bogus", "--lang", "zh").splitlines()[-1] == (
        "avzone: 错误：无法识别的参数：--bogus"
    )
    assert refused("locate", *point, "--threads", "-1", "--lang", "zh").splitlines()[-1] == (
        "avzone: 错误：参数 --threads：必须是 0 或更大的整数，收到的是 -1"
    )


def test_the_lang_before_the_command_help_says_every_command_takes_it_after():
    said = " ".join(ok("--help")[0].split())
    assert "every command takes --lang after it too (avzone locate ... --lang zh), and that one wins" in said
    assert "serve, which has no --lang" not in said
    zh = "".join(ok("--help", "--lang", "zh")[0].split())
    assert "每个命令也接受写在命令之后的--lang" in zh


# -- growth: -o / --output writes the chart, as --chart does --------------------------------------------------
@pytest.mark.parametrize("option", ["-o", "--output", "--chart"])
def test_growth_writes_its_chart_with_o(tmp_path, option):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "growth.png"
    _, err = ok("growth", option, str(chart))
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(chart) in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_growth_help_lists_o_as_its_output(lang):
    assert "-o FILE.png, --output FILE.png, --chart FILE.png" in ok("growth", "--help", "--lang", lang)[0]
    assert "argument -o/--output/--chart: must not be empty" in refused("growth", "-o", "", "--lang", "en")


# -- serve: every address the host name resolves to is bound -------------------------------------------------
def test_serve_listens_on_the_address_that_works_when_the_first_one_cannot(listened, monkeypatch):
    import errno

    port = free_port()
    localhost_two_families(monkeypatch, port)
    ipv6_cannot_bind(monkeypatch, errno.EADDRNOTAVAIL)
    # the server is given the address that can be listened on (it would fail on ::1)
    assert listened("serve", "--host", "localhost", "--port", str(port)) == ["127.0.0.1"]


def test_serve_passes_over_a_family_this_machine_has_no_sockets_of(listened, monkeypatch):
    import errno

    port = free_port()
    localhost_two_families(monkeypatch, port)
    plain = socket.socket

    class NoIPv6(plain):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            if family == socket.AF_INET6:
                raise OSError(errno.EAFNOSUPPORT, "Address family not supported by protocol")
            super().__init__(family, *args, **kwargs)

    monkeypatch.setattr(socket, "socket", NoIPv6)
    assert listened("serve", "--host", "localhost", "--port", str(port)) == ["127.0.0.1"]


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine cannot listen on ::1")
def test_serve_listens_on_every_address_of_the_host(listened, monkeypatch):
    port = free_port()
    localhost_two_families(monkeypatch, port)
    assert listened("serve", "--host", "localhost", "--port", str(port)) == ["::1", "127.0.0.1"]


def test_serve_binds_an_address_the_resolver_repeats_once(listened, monkeypatch):
    port = free_port()
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),  # (a repeat, as resolvers give)
        ],
    )
    assert listened("serve", "--host", "localhost", "--port", str(port)) == ["127.0.0.1"]


def test_serve_refuses_a_host_none_of_whose_addresses_can_be_used(monkeypatch):
    import errno

    port = free_port()
    localhost_two_families(monkeypatch, port)
    ipv6_cannot_bind(monkeypatch, errno.EADDRNOTAVAIL)
    bind = socket.socket.bind

    def nothing_here(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_INET:
            raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")
        bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", nothing_here)
    err = refused("serve", "--host", "localhost", "--port", str(port), "--lang", "en")
    assert err.startswith(f"avzone: error: cannot listen on localhost:{port}: the address is not one of this machine's")
    assert "Traceback" not in err


def test_serve_refuses_an_address_in_use_even_when_another_one_is_free(monkeypatch):
    """Serving 127.0.0.1 alone while another program holds ::1 would send the clients of localhost there."""
    import errno

    port = free_port()
    localhost_two_families(monkeypatch, port)
    ipv6_cannot_bind(monkeypatch, errno.EADDRINUSE)
    err = refused("serve", "--host", "localhost", "--port", str(port), "--lang", "en")
    assert err.startswith(f"avzone: error: cannot listen on localhost:{port}: the port is already in use")

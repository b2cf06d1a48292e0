"""``avzone serve --port 0``: any free port, as ``avzone.service.serve(port=0)`` takes it, the log naming the port."""

from __future__ import annotations

import socket

import pytest
from common import run_cli


@pytest.fixture
def started(monkeypatch):
    """``avzone ARGS`` (a serve command line) in this process, through avzone.service.serve and its run_server (the
    log's lines), with no dataset loaded and uvicorn's server started without serving: the port of each socket serve
    bound, each checked to take a connection while the server is given it, and the command's stderr."""
    app_module = pytest.importorskip("avzone.service.app")
    uvicorn = pytest.importorskip("uvicorn")
    monkeypatch.setattr(app_module, "load", lambda data: None)
    monkeypatch.setattr(app_module, "create_app", lambda *a, **k: None)
    given: list[tuple[int, list[int]]] = []

    class StartedOnly(uvicorn.Server):
        def run(self, sockets: list[socket.socket] | None = None) -> None:
            ports = [sock.getsockname()[1] for sock in sockets or []]
            for sock in sockets or []:  # (bound and listening: a client connects)
                address = sock.getsockname()
                with socket.create_connection(address[:2], timeout=5):
                    pass
            given.append((self.config.port, ports))
            self.started = True

    monkeypatch.setattr(uvicorn, "Server", StartedOnly)

    def start(*args: str) -> tuple[int, list[int], str]:
        given.clear()
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        ((configured, ports),) = given
        return configured, ports, result.stderr

    return start


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_serve_port_0_listens_on_a_port_the_system_picks_and_the_log_names_it(started, lang):
    configured, ports, stderr = started("serve", "--port", "0", "--lang", lang)
    (port,) = set(ports)
    assert port != 0 and configured == port
    running = {
        "en": f"Uvicorn running on http://127.0.0.1:{port} (Press CTRL+C to quit)",
        "zh": f"Uvicorn 正在 http://127.0.0.1:{port} 上运行（按 CTRL+C 退出）",
    }
    assert running[lang] in stderr
    assert "Uvicorn running on" not in stderr or lang == "en"  # (avzone's own line in --lang; uvicorn's are its own)
    assert ":0 " not in stderr and "avzone: " not in stderr


def test_serve_writes_its_running_line_in_the_language_given_else_the_locales(started, monkeypatch):
    *_, stderr = started("--lang", "zh", "serve", "--port", "0")
    assert "Uvicorn 正在 http://127.0.0.1:" in stderr and "Uvicorn running on" not in stderr
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    *_, stderr = started("serve", "--port", "0")
    assert "上运行（按 CTRL+C 退出）" in stderr
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    *_, stderr = started("serve", "--port", "0")
    assert "Uvicorn running on http://127.0.0.1:" in stderr


def test_serve_help_says_port_0_is_any_free_port():
    en = " ".join(run_cli("serve", "--help", "--lang", "en").stdout.split())
    assert "TCP port, 0-65535; 0: any free port, one for all the addresses of --host, which the log names" in en
    zh = "".join(run_cli("serve", "--help", "--lang", "zh").stdout.split())
    assert "TCP端口，0-65535；0表示任一空闲端口，--host的所有地址共用一个，日志会给出它" in zh


@pytest.mark.parametrize("port", ["-1", "65536"])
def test_serve_still_refuses_a_port_beyond_0_to_65535(port: str) -> None:
    result = run_cli("serve", "--port", port, "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"avzone: error: argument --port: must be a TCP port number from 0 to 65535 (0: any free port), got {port}"
    )

"""Request limits: body size, point count, bad limits refused."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import avzone
from avzone.i18n import error_text
from avzone.service import create_app, serve

from .conftest import INSIDE, SMALL_BODY, SMALL_POINTS, conforms


# -- limits -----------------------------------------------------------------------------
def test_limits_are_reported_by_healthz(client, small):
    assert client.get("/healthz").json()["max_points"] == 10_000
    h = small.get("/healthz").json()
    assert (h["max_body_bytes"], h["max_points"]) == (SMALL_BODY, SMALL_POINTS)


def test_body_too_large_by_content_length(small, openapi):
    body = json.dumps([list(INSIDE)] * 200).encode()
    assert len(body) > SMALL_BODY
    r = small.post("/v1/locate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    detail = conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert "max_body_bytes=2000" in detail and "Content-Length" in detail


def test_body_too_large_chunked(small, openapi):
    body = json.dumps([list(INSIDE)] * 400).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 512):
            yield body[i : i + 512]

    r = small.post("/v1/locate", content=chunks(), headers={"content-type": "application/json"})
    assert r.request.headers.get("transfer-encoding") == "chunked" and "content-length" not in r.request.headers
    assert r.status_code == 413
    assert "max_body_bytes=2000" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    assert small.get("/healthz").status_code == 200  # the server is fine afterwards


def test_chunked_body_within_the_limit_is_read(small):
    body = json.dumps([list(INSIDE)] * 3).encode()
    r = small.post("/v1/locate", content=iter([body[:7], body[7:]]))
    assert r.status_code == 200 and r.json()["count"] == 3


def test_too_many_points(small, openapi):
    r = small.post("/v1/locate", json=[list(INSIDE)] * (SMALL_POINTS + 1))
    assert r.status_code == 413
    assert "max_points=5" in conforms(openapi, "/v1/locate", "post", r)["detail"]
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(INSIDE)}}] * 6,
    }
    assert small.post("/v1/locate", json=fc).status_code == 413
    ok = small.post("/v1/locate", json=[list(INSIDE)] * SMALL_POINTS)
    assert ok.status_code == 200 and ok.json()["count"] == SMALL_POINTS


def test_create_app_and_serve_refuse_bad_limits(model):
    with pytest.raises(avzone.InputError, match="max_points"):
        create_app(model, max_points=0)
    with pytest.raises(avzone.InputError, match="max_body_bytes"):
        create_app(model, max_body_bytes=True)
    with pytest.raises(avzone.InputError, match="workers"):
        serve(workers=0)
    with pytest.raises(avzone.InputError, match="max_points"):
        serve(workers=2, max_points=-5)  # refused before any worker starts


@pytest.mark.parametrize(
    ("call", "english", "chinese"),
    [
        (
            lambda m: create_app(m, max_points=0),
            "max_points must be a positive integer, got 0",
            "max_points 必须是正整数，收到的是 0",
        ),
        (
            lambda m: create_app(m, max_body_bytes=True),
            "max_body_bytes must be a positive integer, got True",
            "max_body_bytes 必须是正整数，收到的是 True",
        ),
        (lambda m: serve(workers=0), "workers must be a positive integer, got 0", "workers 必须是正整数，收到的是 0"),
        (
            lambda m: serve(workers=2, max_points=-5),
            "max_points must be a positive integer, got -5",
            "max_points 必须是正整数，收到的是 -5",
        ),
        (
            lambda m: serve(port=70000),
            "port must be a TCP port number from 0 to 65535, got 70000",
            "port 必须是 0 到 65535 之间的 TCP 端口号，收到的是 70000",
        ),
    ],
)
def test_bad_limits_are_refused_in_english_and_chinese(model, call, english, chinese):
    """str(err) is the English as before; avzone.i18n.error_text gives the Chinese (what avzone serve prints)."""
    with pytest.raises(avzone.InputError) as caught:
        call(model)
    assert str(caught.value) == english
    assert error_text(caught.value, "zh") == chinese


# -- app_from_env: the settings uvicorn --factory (and serve's workers) read from the environment ------------------
@pytest.mark.parametrize(("name", "default"), [("AVZONE_MAX_BODY_BYTES", 1_000_000), ("AVZONE_MAX_POINTS", 10_000)])
@pytest.mark.parametrize("value", ["abc", "0", "-5", "", " ", "1.5", "1e6", "+3", "1_000", "١٢"])
def test_app_from_env_refuses_a_bad_limit_naming_the_variable(monkeypatch, name, default, value):
    from avzone.service import app_from_env

    for other in ("AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(avzone.InputError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable {name} must be a positive integer, got {value!r} (default when unset: {default})"
    )
    assert error_text(caught.value, "zh") == f"环境变量 {name} 必须是正整数，收到的是 {value!r}（未设置时为 {default}）"


def test_app_from_env_refuses_an_unreadable_dataset_folder_naming_the_variable(monkeypatch, tmp_path):
    from avzone.service import app_from_env

    missing = str(tmp_path / "missing")
    monkeypatch.setenv("AVZONE_DATA", missing)
    monkeypatch.delenv("AVZONE_MAX_BODY_BYTES", raising=False)
    monkeypatch.delenv("AVZONE_MAX_POINTS", raising=False)
    with pytest.raises(avzone.DataError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable AVZONE_DATA={missing!r}: {missing}: not a dataset folder (no such directory); "
        "give a dataset folder, or leave it unset or empty for the embedded data"
    )
    assert error_text(caught.value, "zh") == (
        f"环境变量 AVZONE_DATA={missing!r}：{missing}：不是数据集文件夹（目录不存在）；"
        "请给出数据集文件夹，或不设置、设为空以使用内置数据"
    )


def test_app_from_env_reads_good_limits(monkeypatch):
    from avzone.service import app_from_env

    monkeypatch.setenv("AVZONE_DATA", "")  # empty: the embedded data
    monkeypatch.setenv("AVZONE_MAX_BODY_BYTES", " 2000\n")
    monkeypatch.setenv("AVZONE_MAX_POINTS", "7")
    state = app_from_env().state.avzone
    assert (state.max_body_bytes, state.max_points, state.model.name) == (2000, 7, "beijing")
    monkeypatch.delenv("AVZONE_MAX_BODY_BYTES")
    monkeypatch.delenv("AVZONE_MAX_POINTS")
    state = app_from_env().state.avzone
    assert (state.max_body_bytes, state.max_points) == (1_000_000, 10_000)


@pytest.mark.parametrize("value", ["fr", "ZH", "zh_CN", " zh"])
def test_app_from_env_refuses_an_unknown_page_language_naming_the_variable(monkeypatch, value):
    """AVZONE_LANG (the pages' language of serve's workers when a request asks for none) is en or zh."""
    from avzone.service import app_from_env

    for other in ("AVZONE_DATA", "AVZONE_MAX_BODY_BYTES", "AVZONE_MAX_POINTS"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv("AVZONE_LANG", value)
    with pytest.raises(avzone.InputError) as caught:
        app_from_env()
    assert str(caught.value) == (
        f"environment variable AVZONE_LANG={value!r}: unknown language; choose one of en, zh, or leave it unset or "
        "empty for the locale's"
    )
    assert error_text(caught.value, "zh") == (
        f"环境变量 AVZONE_LANG={value!r}：未知的语言；可选 en、zh，或不设置、设为空以使用区域设置的语言"
    )

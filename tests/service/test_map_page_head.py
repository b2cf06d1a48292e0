"""The service's map page (``/``) declares its encoding first, as every map page (tests/test_maps_head.py)."""

from __future__ import annotations

import pytest
from test_maps_head import LONG_TITLE, assert_declared_first, long_titled  # noqa: F401 (a fixture)

from avzone.service import create_app

from .conftest import thread_server


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_services_map_page_declares_its_encoding_first(long_titled, lang):  # noqa: F811 (the fixture)
    with thread_server(create_app(long_titled.load())) as client:
        r = client.get("/", params={"lang": lang}, headers={"accept-encoding": "identity"})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert_declared_first(r.content)
    assert f"<title>{LONG_TITLE}</title>" in r.text

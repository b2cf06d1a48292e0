"""The zone index's argument errors and the map's missing-asset error speak Chinese too: they were English
f-strings; their English text is as it was, and :func:`avzone.i18n.error_text` (the command line) writes them in
Chinese."""

from __future__ import annotations

import pytest
import shapely
from common import run_cli

from avzone import _mapjs
from avzone._grid import MAX_CELLS_PER_SIDE, ZoneIndex
from avzone.errors import AvzoneError, InputError
from avzone.i18n import Message, error_text

BOX = shapely.box(0, 0, 1, 1)

INDEX_CASES = [
    (
        lambda: ZoneIndex([BOX, BOX], ["a"]),
        InputError,
        "got 2 geometries but 1 names",
        "给出了 2 个几何，但有 1 个名称",
    ),
    (
        lambda: ZoneIndex([BOX, BOX, BOX], ["b", "a", "b"]),
        InputError,
        "layer names must be unique; repeated: ['b']",
        "图层名称必须各不相同；重复的名称：['b']",
    ),
    (
        lambda: ZoneIndex([BOX, "POINT (0 0)"], ["a", "b"]),
        TypeError,
        "geometries[1] is not a shapely geometry but str",
        "geometries[1] 不是 shapely 几何，而是 str",
    ),
    (
        lambda: ZoneIndex([BOX], ["a"], cells_per_side=0),
        InputError,
        f"cells_per_side must be an integer from 1 to {MAX_CELLS_PER_SIDE}, got 0",
        f"cells_per_side 必须是 1 到 {MAX_CELLS_PER_SIDE} 之间的整数，收到的是 0",
    ),
]


@pytest.mark.parametrize(("call", "kind", "en", "zh"), INDEX_CASES)
def test_the_zone_index_argument_errors_are_translatable(call, kind, en, zh):
    with pytest.raises(kind) as err:
        call()
    assert isinstance(err.value.args[0], Message)
    assert str(err.value) == en  # (as before)
    assert error_text(err.value, "zh") == zh
    assert isinstance(err.value, ValueError) or kind is TypeError  # (InputError is a ValueError, as before)


def test_a_missing_map_asset_is_translatable():
    with pytest.raises(AvzoneError) as err:
        _mapjs.read_asset("no-such-asset.js")
    assert str(err.value) == "avzone/assets/no-such-asset.js is missing from the installed package: reinstall avzone"
    assert error_text(err.value, "zh") == "已安装的 avzone 包中缺少 avzone/assets/no-such-asset.js：请重新安装 avzone"


def test_avzone_map_in_chinese_says_an_asset_is_missing_in_chinese(monkeypatch, tmp_path):
    monkeypatch.setattr(_mapjs, "MAP_SCRIPTS", (*_mapjs.MAP_SCRIPTS, "gone.js"))
    out = tmp_path / "map.html"
    result = run_cli("map", "--tiles", "none", "-o", str(out), "--lang", "zh")
    assert result.returncode != 0 and not out.exists()
    assert "avzone: 错误：已安装的 avzone 包中缺少 avzone/assets/gone.js：请重新安装 avzone" in result.stderr
    assert "missing" not in result.stderr, result.stderr


def test_tracks_that_disagree_with_their_events_say_so_in_chinese(monkeypatch, tmp_path):
    """The map's check that its tracks cross the zone's edge where their events do (a bug if it fails) is worded
    in the language asked too."""
    import dataclasses

    from avzone import maps

    real = maps.track_events

    def without_crossings(*args, **kwargs):
        found = real(*args, **kwargs)
        kept = found.events[~found.events["event"].isin(["enter", "exit"])]
        return dataclasses.replace(found, events=kept)

    monkeypatch.setattr(maps, "track_events", without_crossings)
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\na,2024-07-01 08:00:00,116.44,39.79\na,2024-07-01 08:00:30,116.46,39.79\n", encoding="utf-8"
    )
    result = run_cli("map", "--track", str(src), "--tiles", "none", "-o", str(tmp_path / "m.html"), "--lang", "zh")
    assert result.returncode != 0
    assert "avzone: 错误：轨迹与其事件对范围边界在何处穿越的判断不一致（请报告此问题）" in result.stderr, result.stderr

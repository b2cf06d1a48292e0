"""Zones in time at their edges: after the last stage, stages that overlap, the years avzone measures, --at / at=."""

from __future__ import annotations

import json

import numpy as np
from common import SUB_CENTER, YIZHUANG_CORE, run_cli


def _stages(dataset_copy, **dates):
    """The dataset with zone layers' ``valid_from`` / ``valid_to`` changed (``core=("2021-11-01", "2025-06-01")``)."""
    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    for layer, (start, end) in dates.items():
        layers[layer]["valid_from"], layers[layer]["valid_to"] = start, end
    dataset_copy.write("dataset.json", manifest)
    return dataset_copy.load()


# -- after the last stage ------------------------------------------------------------------
def test_after_the_last_stage_the_status_names_it_and_when_it_ended(dataset_copy):
    """A last stage with a valid_to (no stage after it): a time after it said 'no zone in force on 2026-01-01 (no
    stage covers that date)', as for a gap between stages, where the time before the first stage names that stage
    and when it began."""
    model = _stages(dataset_copy, planned=("2024-10-18", "2025-01-01"))
    lon, lat = YIZHUANG_CORE
    loc = model.locate(lon, lat, at="2026-01-01")
    assert loc.zone_in_force is None and loc.in_force is False
    want = "no zone in force on 2026-01-01 (the last stage, planned, ended at 2025-01-01 00:00, Beijing time)"
    assert str(loc.in_force_status) == want
    assert loc.in_force_status.text("zh") == (
        "2026-01-01 没有生效的范围（最后一个阶段 planned 已于北京时间 2025-01-01 00:00 结束）"
    )
    assert model.zone_at("2024-12-31T23:59:59") == "planned" and model.zone_at("2025-01-01") is None
    assert "ended at 2025-01-01 00:00" in str(model.locate(lon, lat, at="2025-01-01").in_force_status)
    data = ("--data", str(dataset_copy.folder))
    en = run_cli("locate", str(lon), str(lat), "--at", "2026-01-01", *data)
    zh = run_cli("--lang", "zh", "locate", str(lon), str(lat), "--at", "2026-01-01", *data)
    assert en.returncode == zh.returncode == 0, (en.stderr, zh.stderr)
    assert want in en.stdout and "最后一个阶段 planned 已于北京时间 2025-01-01 00:00 结束" in zh.stdout
    doc = json.loads(run_cli("locate", str(lon), str(lat), "--at", "2026-01-01", "--json", *data).stdout)
    assert doc["in_force_status"] == want
    # a gap between stages is still said so
    gap = _stages(dataset_copy, core=("2021-11-01", "2024-03-01"))
    assert "no stage covers that date" in str(gap.locate(lon, lat, at="2024-03-10").in_force_status)


# -- stages that overlap ------------------------------------------------------------------
def test_overlapping_stages_answer_the_stage_that_began_last_of_those_in_force(dataset_copy):
    """current in force until 2025-06-01 while planned, begun 2024-10-18, ended 2025-01-01 (an overlap the timeline
    check reports): zone_at said None on 2025-03-01, a date current covers (only the stage begun last was looked
    at), beside 'planned' on 2024-12-01. The stage begun last of those in force is answered, by zone_at, locate(at=)
    and classify(times=) alike."""
    model = _stages(dataset_copy, current=("2024-03-19", "2025-06-01"), planned=("2024-10-18", "2025-01-01"))
    assert any(not r.ok for r in model.check() if r.name == "timeline")  # (the check says so)
    whens = ["2024-05-01", "2024-12-01", "2025-03-01", "2025-06-01"]
    want = ["current", "planned", "current", None]
    assert [model.zone_at(w) for w in whens] == want
    lon, lat = SUB_CENTER  # (in planned, not in current)
    assert [model.locate(lon, lat, at=w).zone_in_force for w in whens] == want
    inside = model.classify([lon] * 4, [lat] * 4, times=whens)["in_force"].tolist()
    assert inside == [False, True, False, False]
    core_lon, core_lat = YIZHUANG_CORE  # (in current and planned)
    inside = model.classify([core_lon] * 4, [core_lat] * 4, times=np.array(whens, dtype="datetime64[ns]"))
    assert inside["in_force"].tolist() == [True, True, True, False]
    # an open stage overlapped by a later one: the later one took over
    model = _stages(dataset_copy, current=("2024-03-19", None), planned=("2024-10-18", None))
    assert [model.zone_at(w) for w in ("2024-10-17", "2024-10-18", "2030-01-01")] == ["current", "planned", "planned"]
    # a stage within another: the outer one again after the inner one ended
    model = _stages(
        dataset_copy,
        core=("2021-11-01", "2026-01-01"),
        current=("2024-03-19", "2024-10-18"),
        planned=("2024-10-18", "2025-01-01"),
    )
    assert [model.zone_at(w) for w in ("2024-01-01", "2024-06-01", "2024-11-01", "2025-02-01", "2026-01-01")] == [
        "core",
        "current",
        "planned",
        "core",
        None,
    ]

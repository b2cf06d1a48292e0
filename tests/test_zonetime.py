"""Zones in time: the stage in force on a date, locate/classify at a time, the timeline check, file jobs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from common import SUB_CENTER, TIANANMEN, YIZHUANG_CORE, covers, run_cli

import avzone
from avzone import i18n, zonetime
from avzone.batch import read_fixes


def _manifest_date(model: avzone.Model, layer: str, key: str) -> str:
    value = model.layer_info(layer).get(key)
    assert isinstance(value, str)
    return value


@pytest.fixture(scope="module")
def expansion(model: avzone.Model) -> str:
    """The expansion date as the data gives it (planned's valid_from)."""
    return _manifest_date(model, "planned", "valid_from")


def _in_planned_not_current(model: avzone.Model) -> tuple[float, float]:
    lon, lat = SUB_CENTER
    assert covers(model, "planned", [lon], [lat])[0] and not covers(model, "current", [lon], [lat])[0]
    return lon, lat


def test_zone_at_follows_the_stages_in_the_data(model, expansion):
    first = _manifest_date(model, "core", "valid_from")
    current_from = _manifest_date(model, "current", "valid_from")
    day = dt.timedelta(days=1)
    before = (dt.date.fromisoformat(first) - day).isoformat()
    assert model.zone_at(before) is None
    assert model.zone_at(first) == "core"
    assert model.zone_at((dt.date.fromisoformat(current_from) - day).isoformat()) == "core"
    assert model.zone_at(current_from) == "current"
    assert model.zone_at(expansion) == "planned"
    assert model.zone_at(dt.date(2030, 1, 1)) == "planned"  # open-ended: still in force
    assert "outlook" not in {s.layer for s in zonetime.stages(model)}  # a plan, never in force


def test_naive_times_are_beijing_time(model, expansion):
    start = dt.datetime.fromisoformat(expansion)
    # one second before midnight in Beijing: still the previous stage; as UTC the same instant is 15:59:59
    assert model.zone_at(start - dt.timedelta(seconds=1)) == "current"
    assert model.zone_at((start - dt.timedelta(hours=8, seconds=1)).isoformat() + "Z") == "current"
    assert model.zone_at((start - dt.timedelta(hours=8)).isoformat() + "+00:00") == "planned"
    assert model.zone_at(pd.Timestamp(start, tz="Asia/Shanghai")) == "planned"
    assert model.zone_at(pd.Timestamp(start + dt.timedelta(hours=1), tz="Asia/Tokyo")) == "planned"  # UTC+9
    assert model.zone_at(pd.Timestamp(start + dt.timedelta(minutes=59), tz="Asia/Tokyo")) == "current"
    assert model.zone_at(np.datetime64(start - dt.timedelta(seconds=1))) == "current"


def test_zone_at_refuses_what_is_not_a_time(model):
    with pytest.raises(avzone.InputError, match="not a date/time"):
        model.zone_at("next week")
    with pytest.raises(avzone.InputError, match="missing time"):
        model.zone_at(None)
    # a number's text, as --at and the service's at= give one: shown an ISO 8601 time
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("1719705600")
    assert str(err.value) == f"when= '1719705600': {zonetime.TIME_TEXT[zonetime.TIME_INVALID]}"


@pytest.mark.parametrize("number", [1710777600, 1.5, np.int64(1710777600), np.float32(3), Decimal("1710777600")])
def test_a_number_for_one_time_is_refused_naming_the_argument_and_the_forms_taken(model, number):
    """zone_at(1710777600) said "1710777600: time not a date/time (ISO 8601 ...)", naming neither the argument
    nor that a datetime, numpy or pandas time is taken; at= named its argument but not the forms either. One time
    has no unit to give, so no epoch unit is guessed: the error names when= (at=), the value and the forms taken,
    an epoch time as pd.Timestamp(n, unit='s'). classify's times= reads numbers by its time_unit= (a row status
    names it without one)."""
    forms = (
        "a number is no time here (one time has no unit to give: seconds or milliseconds since 1970?): give a "
        "date, a datetime, an ISO 8601 text such as 2024-06-01T08:30:00 (naive times are Beijing time), a numpy "
        "datetime64 or a pandas Timestamp (an epoch time: pd.Timestamp(n, unit='s', tz='UTC'))"
    )
    forms_zh = "这里的数字不是时间（单个时间无从给出单位"
    with pytest.raises(avzone.InputError) as err:
        model.zone_at(number)
    assert str(err.value) == f"when= {number!r}: {forms}"
    assert err.value.args[0].text("zh").startswith(f"when= {number!r}：{forms_zh}")
    with pytest.raises(avzone.InputError) as err:
        model.locate(*SUB_CENTER, at=number)
    assert str(err.value) == f"at= {number!r}: {forms}"
    assert forms_zh in err.value.args[0].text("zh")
    assert model.zone_at(pd.Timestamp(1710777600, unit="s", tz="UTC")) == "current"  # (the form the error names)
    rows = model.classify(*SUB_CENTER, times=[number], status=True)
    assert rows["in_force"].isna().all() and rows["status"].tolist() == [zonetime.TIME_TEXT[zonetime.TIME_NUMBER]]


def test_one_time_is_asked_for_not_several(model):
    # zone_at / at= answer for one time: a list, array, Series or index of times was answered for its first
    # value alone ('core' for ["2023-01-01", "2024-07-01"]), an answer that looked like the answer for them all
    lon, lat = SUB_CENTER
    many = [
        ["2023-01-01", "2024-07-01"],
        ("2023-01-01", "2024-07-01"),
        np.array(["2023-01-01", "2024-07-01"], dtype="datetime64[D]"),
        pd.Series(["2023-01-01", "2024-07-01"]),
        pd.DatetimeIndex(["2023-01-01", "2024-07-01"]),
        ["2024-07-01"],
    ]
    for times in many:
        n, kind = len(times), type(times).__name__
        want = f"one time is needed here, not a {kind} of {n} (a time per point: model.classify(lons, lats, times=...))"
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(times)
        assert str(err.value) == f"when= {want}"  # (the argument named, as at= is)
        with pytest.raises(avzone.InputError) as err:
            model.locate(lon, lat, at=times)
        assert str(err.value) == f"at= {want}"  # (the argument named)
        assert err.value.args[0].text("zh") == (
            f"at= 此处只接受一个时间，而不是含 {n} 个值的 {kind}"
            "（每个点各有其时间时：model.classify(lons, lats, times=...)）"
        )
    assert model.zone_at(np.datetime64("2024-11-01")) == "planned"  # (one time of numpy's, as ever)


def test_locate_in_force_before_and_after_the_expansion(model, expansion):
    lon, lat = _in_planned_not_current(model)
    early = model.locate(lon, lat, at="2024-03-01")
    assert early.zones["planned"] and not early.zones["current"]
    assert early.in_force is False and early.zone_in_force == "core" and early.in_force_status == "ok"
    after = (dt.date.fromisoformat(expansion) + dt.timedelta(days=1)).isoformat()
    late = model.locate(lon, lat, at=after)
    assert late.in_force is True and late.zone_in_force == "planned"
    assert late.to_dict()["in_force"] is True and late.to_dict()["at"].startswith(after)
    assert "inside the zone in force" in late.summary()


def test_locate_before_the_first_stage_says_no_zone_was_in_force(model):
    loc = model.locate(*YIZHUANG_CORE, at="2020-01-01")
    assert loc.zones["core"]  # inside the polygon...
    assert loc.in_force is False and loc.zone_in_force is None  # ...but no zone was in force yet
    assert "no zone in force on 2020-01-01" in loc.in_force_status
    assert "no zone in force" in loc.summary()


def test_locate_without_at_has_no_time_fields(model):
    d = model.locate(*TIANANMEN).to_dict()
    assert "in_force" not in d and "at" not in d


def test_classify_with_times(model, expansion):
    lon, lat = _in_planned_not_current(model)
    naive = pd.to_datetime(["2024-03-01 12:00", f"{expansion} 00:00", "2020-05-01 00:00", "2024-08-01 00:00"])
    times = pd.Series(naive.tz_localize("Asia/Shanghai"), index=[10, 11, 12, 13])
    lons = pd.Series([lon, lon, YIZHUANG_CORE[0], None], index=times.index)
    lats = pd.Series([lat, lat, YIZHUANG_CORE[1], 39.9], index=times.index)
    df = model.classify(lons, lats, times=times)
    assert list(df.index) == [10, 11, 12, 13]
    assert df["in_force"].tolist()[:3] == [False, True, False]
    assert df["in_force"].isna().tolist() == [False, False, False, True]
    assert list(df.columns) == [*model.zone_layers, "in_force"]


def test_classify_times_of_every_kind(model, expansion):
    lon, lat = _in_planned_not_current(model)
    start = np.datetime64(expansion, "ns")
    kinds = [
        np.array([start, start - np.timedelta64(1, "s")]),
        [f"{expansion}T00:00:00", "not a time"],
        [dt.datetime.fromisoformat(expansion), None],
    ]
    expected = [[True, False], [True, None], [True, None]]
    for times, want in zip(kinds, expected):
        got = model.classify([lon, lon], [lat, lat], times=times)["in_force"].astype(object)
        assert [None if v is pd.NA else v for v in got] == want, times
    with pytest.raises(avzone.InputError, match="differ in length"):
        model.classify([lon], [lat], times=["2024-01-01", "2024-01-02"])


def test_the_timeline_check_passes_on_the_data(model):
    results = [r for r in model.check() if r.name == "timeline"]
    assert results and all(r.ok for r in results), [r.detail for r in results if not r.ok]
    subjects = {r.subject for r in results}
    assert {"core -> current", "current -> planned", "as_of"} <= subjects


def _edit_manifest(dataset_copy, fn) -> avzone.Model:
    doc = json.loads((dataset_copy.folder / "dataset.json").read_text(encoding="utf-8"))
    fn(doc)
    (dataset_copy.folder / "dataset.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return avzone.load(dataset_copy.folder, strict=False)  # (as avzone check reads it: a bad date is the check's)


def _layer(doc, lid):
    return next(e for e in doc["layers"] if e["id"] == lid)


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda d: _layer(d, "core").update(valid_to="2024-03-10"), "gap of 9 days between core"),
        (lambda d: _layer(d, "core").update(valid_to="2024-04-01"), "core (until 2024-04-01 00:00) overlaps current"),
        (lambda d: _layer(d, "core").update(valid_to=None), "give core valid_to 2024-03-19"),
        (lambda d: _layer(d, "current").update(valid_from="March 2024"), "valid_from 'March 2024' is not an ISO date"),
        (lambda d: _layer(d, "current").update(valid_to="2024-01-01"), "is not after valid_from"),
        (lambda d: d.update(as_of="2024-05-01"), "before the valid_from 2024-10-18"),
    ],
)
def test_the_timeline_check_finds_gaps_overlaps_and_bad_dates(dataset_copy, edit, words):
    model = _edit_manifest(dataset_copy, edit)
    failed = [r.detail for r in model.check() if r.name == "timeline" and not r.ok]
    assert any(words in d for d in failed), failed


def test_cli_locate_at(expansion):
    lon, lat = SUB_CENTER
    out = run_cli("locate", str(lon), str(lat), "--at", "2023-06-01", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["zone_in_force"] == "core" and doc["in_force"] is False
    out = run_cli("locate", str(lon), str(lat), "--at", expansion)
    assert "inside the zone in force" in out.stdout
    bad = run_cli("locate", str(lon), str(lat), "--at", "someday")
    assert bad.returncode == 2 and "not a date/time" in bad.stderr


def test_cli_file_job_with_a_time_column(tmp_path, expansion):
    lon, lat = SUB_CENTER
    src = tmp_path / "trips.csv"
    src.write_text(
        "trip,lon,lat,when\n"
        f"a,{lon},{lat},2024-03-01 08:00\n"
        f"b,{lon},{lat},{expansion} 08:00\n"
        f"c,{lon},{lat},\n"
        f"d,{lon},{lat},yesterday\n"
        f"e,{YIZHUANG_CORE[0]},{YIZHUANG_CORE[1]},2020-01-01\n",
        encoding="utf-8",
    )
    for ext in ("csv", "parquet", "geojson"):
        dst = tmp_path / f"out.{ext}"
        out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "when")
        assert out.returncode == 0, out.stderr
        if ext == "geojson":
            rows = pd.DataFrame([f["properties"] for f in json.loads(dst.read_text())["features"]])
        else:
            rows = pd.read_csv(dst, dtype=str) if ext == "csv" else pd.read_parquet(dst).astype(object)
        assert list(rows["trip"]) == ["a", "b", "c", "d", "e"]
        assert [str(v) for v in rows["in_force"]][:2] in (["False", "True"], ["false", "true"])
        assert rows["status"].tolist()[2:4] == ["missing time", zonetime.TIME_TEXT[zonetime.TIME_INVALID]]
        assert rows["status"].iloc[4] == "ok" and pd.isna(rows["zone_in_force"].iloc[4])
        # a row whose time is not usable keeps its point's answers (the same point as rows a and b): only the
        # answers that need the time are empty, as model.classify(..., times=...) gives them
        zones = [f"in_{z}" for z in ("core", "current", "planned", "outlook")]
        assert [str(v).lower() for v in rows.loc[2, zones]] == [str(v).lower() for v in rows.loc[0, zones]]
        assert [str(v).lower() for v in rows.loc[3, zones]] == ["false", "false", "true", "true"]
        assert rows.loc[2:3, ["zone_in_force", "in_force"]].isna().all().all()
        if ext == "geojson":
            geoms = [f["geometry"] for f in json.loads(dst.read_text())["features"]]
            assert geoms[2] == geoms[3] == geoms[0] and geoms[0]["coordinates"] == [lon, lat]
        assert "  5 inside planned" in out.stderr and "  1 inside core" in out.stderr  # rows c and d counted too
    frame = pd.read_csv(src)
    lib = avzone.load().classify(frame.lon, frame.lat, times=frame.when)
    assert lib["planned"].tolist() == [True] * 5 and lib["core"].tolist() == [False] * 4 + [True]
    assert lib["in_force"].isna().tolist() == [False, False, True, True, False]
    missing = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "x.csv"), "--time-col", "ts")
    assert missing.returncode == 2 and "no time column 'ts'" in missing.stderr


def test_times_nanoseconds_cannot_hold_get_a_code_not_another_century():
    far = zonetime.TIME_TEXT[zonetime.TIME_RANGE]
    assert "1900" in far and "2189" in far
    cases = [
        ["2500-01-01T08:00:00", "1500-06-01", "2024-06-30", pd.Timestamp("2500-01-01"), dt.datetime(1600, 1, 1)],
        pd.Series(np.array(["2500-01-01T08:00", "2024-06-30", "NaT", "1000-01-01"], dtype="datetime64[s]")),
        pd.Series(np.array(["2500-01-01T08:00", "2024-06-30"], dtype="datetime64[ms]")).dt.tz_localize("UTC"),
    ]
    wanted = [[3, 3, 0, 3, 3], [3, 0, 1, 3], [3, 0]]
    for values, codes in zip(cases, wanted):
        ns, got = zonetime.to_ns(values)
        assert got.tolist() == codes
        assert (ns[got != 0] == np.iinfo(np.int64).min).all()
        assert (ns[got == 0] > 0).all()  # the 2024 times, as they are


def test_a_time_out_of_range_beside_times_to_the_nanosecond_gets_its_code(model):
    # ISO text to the nanosecond makes pandas read the column in nanoseconds, where 2500 does not fit: it came
    # back from the second reading in seconds and could not be put beside the others (OutOfBoundsDatetime)
    far = zonetime.TIME_TEXT[zonetime.TIME_RANGE]
    text = ["2500-01-01T00:00:00", "2024-07-01T08:04:29.363999999", "2024/07/01 08:05", "soon", "1850/01/01"]
    ns, codes = zonetime.to_ns(text)
    assert codes.tolist() == [3, 0, 0, 2, 3]
    assert ns[1] == zonetime.to_ns(["2024-07-01T00:04:29.363999999Z"])[0][0] and ns[2] > ns[1]
    df = pd.DataFrame({"vehicle": "a", "ts": text[:3], "lon": [116.42, 116.44, 116.46], "lat": 39.79})
    assert model.events(df).rows.status.astype(str).tolist() == [far, "ok", "ok"]


def test_the_usable_range_is_in_beijing_time_naive_or_not():
    # naive 1900-01-01 00:00 is Beijing time, 1899-12-31T16:00Z: the first usable instant; a second before is out of
    # range (the status says the years in Beijing time: test_zonetime_edges)
    ns, codes = zonetime.to_ns(["1900-01-01T00:00:00", "1899-12-31T23:59:59", "1899-12-31T16:00:00Z"])
    assert codes.tolist() == [0, 3, 0] and ns[0] == ns[2]
    ns, codes = zonetime.to_ns(["2189-12-31T15:59:59Z", "2189-12-31T16:00:00Z", "2189-12-31T23:59:59"])
    assert codes.tolist() == [0, 3, 0]
    minutes = np.array(["1900-01-01T00:00", "1899-12-31T23:59"], dtype="datetime64[m]")
    got, far = zonetime.checked_ns(minutes, zonetime.BEIJING_OFFSET_NS)
    assert far.tolist() == [False, True] and got[0] == zonetime.to_ns(["1899-12-31T16:00Z"])[0][0]


def test_events_and_file_jobs_give_times_out_of_range_a_status(model, tmp_path):
    far = zonetime.TIME_TEXT[zonetime.TIME_RANGE]
    ts = pd.Series(np.array(["2024-07-01T08:00", "2500-01-01T08:04", "2024-07-01T08:04"], dtype="datetime64[s]"))
    df = pd.DataFrame({"vehicle": "a", "ts": ts, "lon": [116.42, 116.44, 116.46], "lat": 39.79})
    rows = model.events(df, zones=["current"]).rows
    assert rows.status.astype(str).tolist() == ["ok", far, "ok"]
    lon, lat = SUB_CENTER
    src = tmp_path / "trips.csv"
    src.write_text(f"trip,lon,lat,when\na,{lon},{lat},2500-01-01 08:00\nb,{lon},{lat},2024-07-01\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "when")
    assert out.returncode == 0, out.stderr
    assert pd.read_csv(dst, dtype=str)["status"].tolist() == [far, "ok"]


def test_every_iso_spelling_of_a_zone_is_kept():
    # ISO 8601 basic and reduced forms with a zone designator are that instant; without one, Beijing time
    instant = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    zoned = ["20240318T160000Z", "2024-03-18T16Z", "2024-03-19T00+08", "2024-03-18T16:00:00,0Z", "2024-03-18T1600Z",
             "2024-03-19T00:00:00+0800", "2024/03/19 00:00:00+08:00", "2024-03-18 16Z"]  # fmt: skip
    ns, codes = zonetime.to_ns(zoned)
    assert codes.tolist() == [0] * len(zoned) and (ns == instant).all()
    naive = ["2024-03-19", "2024-03-19 00", "20240319T000000", "2024-03-19T00:00", "2024-03-19 00:00:00"]
    ns, codes = zonetime.to_ns(naive)
    assert codes.tolist() == [0] * len(naive) and (ns == instant).all()


TEXTS = [
    "2024-03-18T16:00:00Z", "20240318T160000Z", "2024-03-19T00+08", "2024-03-18T16:00:00,5Z",
    "2024-03-19 00:00:00+0800", "2024/03/19 00:00:00+08:00", "2024-03-18 16:00 UTC", "2024-03-18 16:00:00 GMT",
    "2024-03-19", "2024-03-19 00:00:00", "2008/02/02 15:36:08", "2008-02-02 15:36:08.123456789",
    "  2024-03-19 08:00 ", "\t2024-03-19\n", "\u30002024-03-19\u3000",
    "", "   ", "soon", "2024年3月19日", "1899-12-31 23:00:00", "2190-01-01", "2500-01-01", "24:00", "2024-13-01",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["string", "object", "large_string"])
def test_text_times_read_at_arrow_speed_as_value_by_value(kind):
    """Text times (Arrow-backed, or objects that are all text) parse as the value-by-value path reads them."""
    values = [*TEXTS, None]
    if kind == "large_string":
        import pyarrow as pa

        fast = pd.Series(values, dtype=pd.ArrowDtype(pa.large_string()))
    else:
        fast = pd.Series(values, dtype=kind)
    assert zonetime._arrow_text(fast) is not None
    mixed = pd.Series([*values, dt.datetime(2024, 3, 19)], dtype=object)  # one object that is not text
    assert zonetime._arrow_text(mixed) is None
    ns, codes = zonetime.to_ns(fast)
    want_ns, want_codes = zonetime.to_ns(mixed)
    assert codes.tolist() == want_codes[:-1].tolist()
    assert ns.tolist() == want_ns[:-1].tolist()
    assert codes[TEXTS.index("")] == zonetime.TIME_MISSING and codes[-1] == zonetime.TIME_MISSING
    assert codes[TEXTS.index("soon")] == zonetime.TIME_INVALID


def test_times_of_objects_arrow_cannot_take_are_read_value_by_value():
    """A huge integer or text that cannot be encoded among the times: no fast path, every value still judged."""
    values = pd.Series(["2024-03-19 08:00", -(2**63) - 1, "\ud800", None], dtype=object)
    assert zonetime._arrow_text(values) is None
    ns, codes = zonetime.to_ns(values)
    assert codes.tolist() == [0, zonetime.TIME_NUMBER, zonetime.TIME_INVALID, zonetime.TIME_MISSING]
    assert ns[0] == zonetime.to_ns(["2024-03-19 08:00"])[0][0]
    ns, codes = zonetime.to_ns(values, unit="s")  # with a unit: a number beyond int64 is out of range
    assert codes.tolist() == [0, zonetime.TIME_RANGE, zonetime.TIME_INVALID, zonetime.TIME_MISSING]


def test_gmt_and_utc_offsets_are_hours_east_of_greenwich(model, expansion):
    """'GMT+8' / 'UTC+0800' (JavaScript's Date, many logs) mean UTC+08:00, not the POSIX UTC-8 dateutil reads."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["2024-03-19 00:00:00 GMT+8", "2024-03-19 00:00:00 UTC+0800", "2024-03-19T00:00:00 GMT+08:00",
               "2024/03/19 00:00 utc+8", "2024-03-18 11:00:00 GMT-05:00"]  # fmt: skip
    ns, codes = zonetime.to_ns(spelled)
    assert codes.tolist() == [0] * len(spelled)
    assert (ns == beijing_midnight).all(), [str(pd.Timestamp(v, tz="UTC")) for v in ns]
    assert model.zone_at("2024-03-18 23:30:00 GMT+8") == "core"  # not 07:30 on the 19th (current)


def _all_read_as(spelled, want):
    """Every text of ``spelled`` is a usable time equal to ``want`` (ns), all text and beside a datetime object."""
    for values in (spelled, [*spelled, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(spelled)] == [0] * len(spelled)
        assert (ns[: len(spelled)] == want).all(), [str(pd.Timestamp(v, tz="UTC")) for v in ns]


def test_a_zone_between_the_time_and_the_year_is_taken_once(model, expansion):
    """Twitter's created_at and ctime-like logs write the zone before the year ('Tue Mar 19 00:00:00 +0800 2024'):
    pandas read the offset, and the time was then moved 8 hours again as if naive (an offset was looked for at the
    end of the text only)."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["Tue Mar 19 00:00:00 +0800 2024", "Mon Mar 18 16:00:00 +0000 2024", "Mon Mar 18 16:00:00 UTC 2024",
               "Tue Mar 19 00:00:00 GMT+0800 2024", "Mon Mar 18 12:00:00 -0400 2024", "Mon Mar 18 16:00:00 Z 2024",
               "Tue Mar 19 00:00:00 +08:00 2024"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    assert model.zone_at("Mon Mar 18 23:30:00 +0800 2024") == "core"  # not 07:30 on the 19th (current)
    # a zone's name alone is still no time ("CST": China's or the US Central time), nor are two years
    assert (
        zonetime.to_ns(["Tue Mar 19 00:00:00 CST 2024", "2024-03-19 00:00:00 +0800 2023"])[1].tolist()
        == [zonetime.TIME_INVALID] * 2
    )


def test_a_zone_after_the_time_is_taken_once_wherever_the_date_is(model, expansion):
    """The time of day and its zone first, the date after them ('00:00:00 +0800 2024-03-19'): pandas read the
    zone, and the text was then taken for naive (a zone was looked for at the end of the text) and moved 8 hours
    again."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["00:00:00 +0800 2024-03-19", "16:00:00 UTC 2024-03-18", "00:00 +08:00 Mar 19, 2024",
               "12:00:00 AM +0800 2024/03/19", "16:00:00Z 18 Mar 2024", "12:00:00-0400 2024-03-18"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    assert zonetime.to_ns(["00:00:00 2024-03-19"])[0][0] == beijing_midnight  # (naive: Beijing time)


def test_a_zone_abbreviation_before_an_offset_leaves_the_offset_to_say_the_time(model, expansion):
    """'CST+0800' (strftime's '%Z%z'), 'CST +0800', 'EDT-0400': dateutil read the offset as a POSIX zone, west for
    east ('CST+0800' as UTC-8), and the text was then taken for naive and moved 8 hours again (an offset was looked
    for right after the time): 8 to 16 hours off."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["2024-03-19 00:00:00 CST+0800", "2024-03-19 00:00:00 CST +0800", "2024-03-19 00:00:00 CST+08:00",
               "2024-03-18 12:00:00 EDT-0400", "2024-03-19 00:00:00 HKT+8", "Mon Mar 18 12:00:00 EDT-0400 2024",
               "2024-03-19 12:00:00 AM CST+0800", "Tue Mar 19 00:00:00 2024 CST+0800"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    assert model.zone_at("2024-03-18 23:30:00 CST+0800") == "core"  # not 07:30 on the 19th (current)
    # AM/PM before an offset is no zone's name ("12:00:00 AM +08:00": midnight), nor is a month's name before a
    # number with no time before it ("19-Mar-2024")
    assert zonetime.to_ns(["2024-03-19 12:00:00 AM +08:00"])[0][0] == beijing_midnight
    ns, codes = zonetime.to_ns(["19-Mar-2024", "19-MAR-2024 00:00", "2024 Mar-19"])
    assert codes.tolist() == [0, 0, 0] and (ns == beijing_midnight).all()


def test_a_second_time_of_day_is_not_taken_for_the_first():
    """'16:00:00+08:00' sent unencoded in a URL query arrives as '16:00:00 08:00': not a time, never 08:00."""
    texts = ["2024-03-18T16:00:00 08:00", "2024-03-18 16:00 08:00", "2024-03-18T16:00 UTC 08:00"]
    _, codes = zonetime.to_ns(texts)
    assert codes.tolist() == [zonetime.TIME_INVALID] * len(texts)
    _, codes = zonetime.to_ns(["2008/02/02 15:36:08", "Tue, 19 Mar 2024 00:00:00 +08:00"])  # one time each
    assert codes.tolist() == [0, 0]


def test_a_numeric_date_that_reads_two_ways_is_not_a_time(model):
    """04/03/2024 is 4 March in most of the world and 3 April to dateutil: refused, never one of them silently."""
    ambiguous = ["04/03/2024", "04.03.2024", "4/3/2024 08:00", "04-03-2024", "24/03/04", "04/03/24"]
    _, codes = zonetime.to_ns(ambiguous)
    assert codes.tolist() == [zonetime.TIME_INVALID] * len(ambiguous)
    with pytest.raises(avzone.InputError, match="04/03/2024"):
        model.zone_at("04/03/2024")  # core on 4 March, current on 3 April
    clear = ["2024/03/04", "19/03/2024", "03/19/2024", "03/03/2024"]  # year first, a day over 12, or one reading
    ns, codes = zonetime.to_ns(clear)
    assert codes.tolist() == [0] * len(clear)
    assert [str(pd.Timestamp(v, tz="UTC").tz_convert("+08:00").date()) for v in ns] == [
        "2024-03-04", "2024-03-19", "2024-03-19", "2024-03-03",
    ]  # fmt: skip


def test_every_offset_pandas_reads_is_taken_once(model):
    """An offset of one hour digit (+8, +8:00) or followed by a zone's name in brackets (JavaScript's Date) is the
    instant it names: never read as aware by pandas and then moved by 8 hours again as if naive."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["2024-03-19T00:00:00+8", "2024-03-19T00:00:00+8:00", "20240319T0000+8",
               "2024-03-19T00:00:00+08:00 (CST)", "Tue Mar 19 2024 00:00:00 GMT+0800 (China Standard Time)",
               "2024-03-18T11:00:00-5", "March 19, 2024 12:00:00 AM +08:00", "2024/03/18 4:00 pm Z"]  # fmt: skip
    ns, codes = zonetime.to_ns(spelled)
    assert codes.tolist() == [0] * len(spelled)
    assert (ns == beijing_midnight).all(), [str(pd.Timestamp(v, tz="UTC")) for v in ns]
    assert model.zone_at("2024-03-19T07:59:00+8") == "current"  # not 23:59 on the 18th (core)
    # a zone's name alone may be China's CST or the US Central time: not a time
    assert zonetime.to_ns(["2024-03-19 00:00:00 (CST)"])[1].tolist() == [zonetime.TIME_INVALID]


@pytest.mark.parametrize(
    "dtype", ["timestamp[us][pyarrow]", "timestamp[ns, tz=UTC][pyarrow]", "timestamp[s, tz=America/New_York][pyarrow]",
              "date32[pyarrow]"],
)  # fmt: skip
def test_arrow_backed_times_are_read_as_pandas_datetimes(model, dtype):
    """Columns of pd.read_parquet(..., dtype_backend="pyarrow"): zoned times converted, naive ones and dates Beijing
    time, missing ones missing (a zoned or date column was a TypeError)."""
    beijing = pd.Series(pd.to_datetime(["2024-03-19 00:00", "2024-03-18 23:59", None]), index=[7, 7, 2])
    times = (
        beijing.dt.tz_localize("+08:00").dt.tz_convert(dtype.split("tz=")[1].split("]")[0])
        if "tz=" in dtype
        else beijing
    )
    times = times.dt.normalize() if dtype.startswith("date") else times
    ns, codes = zonetime.to_ns(times.astype(dtype))
    want_ns, want_codes = zonetime.to_ns(times)
    assert codes.tolist() == want_codes.tolist() == [0, 0, zonetime.TIME_MISSING]
    assert ns.tolist() == want_ns.tolist()
    lon, lat = pd.Series([116.45409] * 3, index=times.index), pd.Series([39.74568] * 3, index=times.index)
    got = model.classify(lon, lat, times=times.astype(dtype))["in_force"]
    assert got.tolist() == model.classify(lon, lat, times=times)["in_force"].tolist()


INVALID = zonetime.TIME_TEXT[zonetime.TIME_INVALID]


def _file_job_times(tmp_path, whens):
    """``avzone locate --input`` on rows at SUB_CENTER with ``--time-col`` ``whens``: (statuses, in_force cells)."""
    lon, lat = SUB_CENTER
    src = tmp_path / "trips.csv"
    src.write_text("id,lon,lat,when\n" + "".join(f"{i},{lon},{lat},{w}\n" for i, w in enumerate(whens)), "utf-8")
    out = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), "--time-col", "when")
    assert out.returncode == 0, out.stderr
    rows = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    return rows["status"].tolist(), rows["in_force"].tolist()


UNDATED = ["08:00:00", "8:00 AM", "8:00", "T08:00", "08:00Z", "08:00:00+08:00", "16:00 GMT+8", "Jun 30", "30 June 8:00"]
WORDS = ["now", "today", "Now", "TODAY", "tomorrow", "yesterday", "noon", "midnight"]


def test_a_day_of_the_month_alone_is_not_a_time_whatever_the_day():
    # a day from 29 to 31 without its month and year ("08:00 31") was read as that day of the month the job ran:
    # the texts lacking their year were told by filling in days of February, where no 30th or 31st exists, so
    # "08:00 31" seemed to give its year
    for v in ["08:00 30", "08:00 31", "8:00 AM 31", "31 08:00:00 GMT+8"]:
        ns, codes = zonetime.to_ns([v, dt.datetime(2024, 6, 30)])
        assert codes.tolist() == [zonetime.TIME_INVALID, 0], v
        assert ns[0] == np.iinfo(np.int64).min
    ns, codes = zonetime.to_ns(["Feb 29 2024 08:00", "31 Jan 2024", "Dec 31 2025 23:59"])  # (dates still read)
    assert codes.tolist() == [0, 0, 0]


@pytest.mark.parametrize("unit", [None, "s"])
def test_a_time_without_its_date_or_a_word_is_not_a_time_whatever_the_day(unit):
    # a time of day alone was today's date ("T08:00" year 1: outside the years); "now"/"today" the current instant
    ns, codes = zonetime.to_ns(UNDATED + WORDS, unit)
    assert codes.tolist() == [zonetime.TIME_INVALID] * (len(UNDATED) + len(WORDS))
    assert (ns == np.iinfo(np.int64).min).all()
    for v in (*UNDATED, *WORDS):  # one by one (the value-by-value path) too
        assert zonetime.to_ns([v, dt.datetime(2024, 6, 30)], unit)[1].tolist() == [zonetime.TIME_INVALID, 0]
    # dates are still read, the layouts that give their year too
    good = ["2024-06-30 08:00", "June 30 2024 8:00", "Sun Jun 30 2024 08:00:00 GMT+0800", "2024/06/30 8:00 AM"]
    ns, codes = zonetime.to_ns(good, unit)
    assert codes.tolist() == [0] * 4
    assert ns[:4].tolist() == [zonetime.to_ns(["2024-06-30T00:00:00Z"])[0][0]] * 4


def test_at_refuses_a_time_without_its_date_naming_it(model):
    lon, lat = SUB_CENTER
    t_alone = (
        "T08:00 is a time of day after a T, and gives no date: a T stands between a date and its time of day; write "
        "the date before it, such as 2024-06-01T08:00"
    )
    for v, why in (("08:00:00", INVALID), ("8:00 AM", INVALID), ("T08:00", t_alone), ("now", INVALID),
                   ("today", INVALID)):  # fmt: skip
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(v)
        assert str(err.value) == f"when= {v!r}: {why}"
        with pytest.raises(avzone.InputError) as err:
            model.locate(lon, lat, at=v)
        assert str(err.value) == f"at= {v!r}: {why}"
    for v in ("08:00:00", "now"):  # --at now is no feature: the time in force is asked of a date
        out = run_cli("locate", str(lon), str(lat), "--at", v)
        assert out.returncode == 2 and f"{v!r}: {INVALID}" in out.stderr


def test_file_jobs_give_undated_times_and_words_the_status_not_todays_date(tmp_path, model):
    lon, lat = SUB_CENTER
    whens = ["2024-11-01 08:00", "08:00:00", "now", "T08:00", "today", "8:00 AM"]
    assert _file_job_times(tmp_path, whens) == (["ok"] + [INVALID] * 5, ["true", "", "", "", "", ""])
    lib = model.classify([lon] * 6, [lat] * 6, times=whens)
    assert lib["in_force"].isna().tolist() == [False] + [True] * 5


def test_a_column_of_times_of_day_is_refused_naming_it(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    lon, lat = SUB_CENTER
    src = tmp_path / "clock.parquet"
    times = pa.array([dt.time(8, m) for m in range(3)], pa.time64("us"))
    pq.write_table(pa.table({"vehicle": ["a"] * 3, "ts": times, "lon": [lon] * 3, "lat": [lat] * 3}), src)
    want = f"{src}: ts: the column holds times of day without dates (time64[us])"
    ev = run_cli("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"))
    assert ev.returncode == 2 and want in ev.stderr and not (tmp_path / "ev.csv").exists()
    loc = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "l.csv"), "--time-col", "ts")
    assert loc.returncode == 2 and want in loc.stderr
    with pytest.raises(avzone.InputError) as err:  # (avzone map --track reads it so)
        read_fixes(src, time_col="ts")
    assert str(err.value).startswith(want)
    with pytest.raises(avzone.InputError, match=r"^times: the column holds times of day without dates \(time32"):
        zonetime.to_ns(pd.Series(pd.array([dt.time(8)], dtype=pd.ArrowDtype(pa.time32("s")))))


def test_a_named_offset_after_the_time_and_before_the_date_is_hours_east_of_greenwich(model, expansion):
    """'12:16:03 UTC-0400 2024-03-19': the zone sat between the time and a whole date (not a year alone), so
    dateutil read 'UTC-0400' as a POSIX zone (UTC+4) and the text was then taken for naive and moved 8 hours
    again: 00:16:03 UTC, 16 hours off."""
    ns, codes = zonetime.to_ns(["12:16:03 UTC-0400 2024-03-19"])
    assert codes.tolist() == [0]
    assert str(pd.Timestamp(int(ns[0]), tz="UTC")) == "2024-03-19 16:16:03+00:00"
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["00:00:00 GMT+8 2024-03-19", "00:00:00 UTC+0800 2024/03/19", "12:00:00 EDT-0400 2024-03-18",
               "00:00:00 CST+0800 2024-03-19", "12:00:00 AM GMT+08:00 2024-03-19", "00:00:00 GMT+8 19/03/2024",
               "16:00:00 UTC 2024-03-18"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    assert model.zone_at("23:30:00 GMT+8 2024-03-18") == "core"  # not 07:30 on the 19th (current)
    # a named offset in the middle of a layout not put in order is refused, never read the POSIX way round
    _, codes = zonetime.to_ns(["12:16:03 UTC-0400 Mar 19 2024", "12:16:03 EDT-0400 19 Mar 2024",
                               "00:00:00 GMT+8 04/03/2024"])  # fmt: skip
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3


def test_a_year_without_its_month_and_day_is_no_date_for_a_time_of_day(tmp_path, model):
    """'08:00 2024' took its month and day from the day the job ran (pandas fills them in from today), '2024 08:00'
    1 January, '08:00 June 2024' today's day of June: refused, as a time of day alone is (and so is a month and year
    without a time of day: test_a_month_or_year_without_its_day_is_not_a_time)."""
    undated = ["08:00 2024", "2024 08:00", "08:00:00 +0800 2024", "08:00 June 2024", "June 2024 08:00",
               "2024-06 08:00", "8:00 PM 2024", "T08:00 2024"]  # fmt: skip
    for values in (undated, [*undated, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(undated)] == [zonetime.TIME_INVALID] * len(undated), values
        assert (ns[: len(undated)] == np.iinfo(np.int64).min).all()
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("08:00 2024")
    assert str(err.value) == f"when= '08:00 2024': {INVALID}"
    dated = ["08:00 June 19 2024", "2024 June 19 08:00", "19 June 2024 08:00"]
    ns, codes = zonetime.to_ns(dated)
    assert codes.tolist() == [0] * 3
    assert ns[0] == ns[1] == ns[2] == zonetime.to_ns(["2024-06-19 08:00"])[0][0]
    # a file job: the row gets the status, not today's date
    assert _file_job_times(tmp_path, ["2024-11-01 08:00", "08:00 2024"]) == (["ok", INVALID], ["true", ""])


def test_a_zone_after_a_date_that_follows_the_time_is_taken_once(model, expansion):
    """'08:00 2024-03-19 +0800' (the time, then the date, then the zone): pandas read the zone, and the text was then
    taken for naive (a zone was looked for right after a time of day) and moved 8 hours again."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["00:00 2024-03-19 +0800", "16:00 2024-03-18 Z", "16:00:00 2024/03/18 UTC", "00:00 2024-03-19 +08:00",
               "12:00 PM 2024/03/18 -0400", "00:00 2024-03-19 GMT+8", "16:00 2024-03-18 GMT",
               "00:00:00 2024-03-19+0800", "00:00 2024-03-19 CST+0800", "12:00 2024/03/18 EDT-0400"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    assert model.zone_at("23:30 2024-03-18 +0800") == "core"  # not 07:30 on the 19th (current)
    # a date ending in what could be an offset is still naive Beijing time
    ns, codes = zonetime.to_ns(["00:00 19-Mar-2024", "19-Mar-2024", "00:00 2024-03-19"])
    assert codes.tolist() == [0, 0, 0] and (ns == beijing_midnight).all()


def test_a_numeric_date_that_reads_two_ways_is_not_a_time_wherever_it_stands():
    """'08:00 04/03/2024' was 3 April (dateutil's month first), while '04/03/2024' alone is refused: a date that reads
    two ways was looked for at the start of the text only."""
    ambiguous = ["08:00 04/03/2024", "Tue 04/03/2024 08:00", "08:00:00 04.03.2024", "8:00 AM 04-03-2024",
                 "08:00 24/03/04", "08:00 04/03/2024 CST+0800", "on 04/03/2024"]  # fmt: skip
    for values in (ambiguous, [*ambiguous, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(ambiguous)] == [zonetime.TIME_INVALID] * len(ambiguous)
    clear = ["08:00 19/03/2024", "08:00 2024/03/19", "08:00 03/19/2024", "Tue 19.03.2024 08:00", "08:00 2024-3-19"]
    ns, codes = zonetime.to_ns(clear)
    assert codes.tolist() == [0] * len(clear)
    assert (ns == zonetime.to_ns(["2024-03-19 08:00"])[0][0]).all()


def test_chinese_dates_and_the_12_hour_clock_of_chinese_locales_are_read(model, expansion):
    """'2024年3月19日 08:00' and Excel's / Windows' zh-CN '2024/3/19 下午 3:00:00' (上午/下午: AM/PM) were refused."""
    spelled = ["2024年3月19日 08:00", "2024年3月19日08时00分", "2024年03月19号 8点", "2024/3/19 上午 8:00:00",
               "2024年3月19日 上午8:00", "2024-03-19 上午08:00:00 +0800", "2024年3月19日 08时00分00秒"]  # fmt: skip
    want = zonetime.to_ns(["2024-03-19 08:00"])[0][0]
    _all_read_as(spelled, want)
    ns, codes = zonetime.to_ns(["2024/3/19 下午 3:00:00", "2024年3月19日 下午3点30分", "2024/3/19 上午 12:30:00",
                                "2024/3/19 下午 12:30:00", "2024年3月19日"])  # fmt: skip
    assert codes.tolist() == [0] * 5
    got = [str(pd.Timestamp(int(v), tz="UTC").tz_convert("+08:00"))[:16] for v in ns]
    assert got == ["2024-03-19 15:00", "2024-03-19 15:30", "2024-03-19 00:30", "2024-03-19 12:30", "2024-03-19 00:00"]
    assert model.zone_at("2024年3月18日 下午11:30") == "core"  # 23:30 on the 18th
    # what still reads two ways or lacks its date is refused as ever
    _, codes = zonetime.to_ns(["3月19日 08:00", "2024年 08:00", "下午 3:00", "2024/3/19 下午 15:00:00"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 4


def test_a_text_with_two_zones_is_not_a_time():
    """'2024-03-19 08:00 +0800 -0400' was read with its last offset (12:00 UTC), '... Z +0800' with its first: two
    zones that may disagree, one taken silently (so was '08:00:00+08:00-04:00', the two offsets side by side). Go's
    '+0800 +0800' (a zone without an abbreviation: the offset written again) is one zone."""
    texts = ["2024-03-19 08:00 +0800 -0400", "2024-03-19 08:00 -0400 +0800", "2024-03-19 08:00 Z +0800",
             "2024-03-19T08:00Z+0800", "Tue Mar 19 08:00:00 +0800 2024 -0400",
             "2024-03-19 08:00 +08:00 +08:00", "2024-03-19T08:00:00+08:00-04:00", "2024-03-19T08:00+0800-0400",
             "2024-03-19T08:00:00.5+08:00+08:00"]  # fmt: skip
    for values in (texts, [*texts, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(texts)] == [zonetime.TIME_INVALID] * len(texts)
    one = ["2024-03-19 08:00 UTC +0800", "Tue Mar 19 08:00:00 +0800 2024", "2024-03-19 08:00:00.5+08:00",
           "Tue Mar 19 2024 08:00:00 GMT+0800 (China Standard Time)", "08:00 +0800 2024-03-19",
           "2024-03-19 08:00", "2024-03-19 08:00 +0800 +0800"]  # fmt: skip
    ns, codes = zonetime.to_ns(one)
    assert codes.tolist() == [0] * len(one)
    assert (ns // 10**9 == zonetime.to_ns(["2024-03-19T00:00:00Z"])[0][0] // 10**9).all()


def test_text_that_cannot_be_encoded_is_not_a_time_in_a_list_too(model):
    """A lone surrogate (a JSON escape such as \\ud800) in a list or numpy array of times stopped with pyarrow's
    UnicodeEncodeError (a traceback); in an object Series it was already 'not a date/time'."""
    for values in (["\ud800"], np.array(["\ud800"]), ["2024-03-19 08:00", "\ud800"]):
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[-1] == zonetime.TIME_INVALID and ns[-1] == np.iinfo(np.int64).min
    assert zonetime.to_ns(["2024-03-19 08:00", "\ud800"])[1].tolist() == [0, zonetime.TIME_INVALID]
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("\ud800")
    assert str(err.value) == f"when= {chr(0xD800)!r}: {INVALID}"
    got = model.classify([116.5, 116.5], [39.79, 39.79], times=["2024-07-01", "\ud800"])
    assert got["in_force"].isna().tolist() == [False, True]


def test_a_zone_name_after_the_offset_leaves_the_offset_to_say_the_time(model, expansion):
    """Go's time.Time.String() ('2024-03-19 08:00:00 +0800 CST', with its monotonic clock: '... m=+0.0012') and
    Java's ZonedDateTime ('2024-03-19T08:00+08:00[Asia/Shanghai]', RFC 9557) were refused; the offset says the time.
    A name that says another offset (UTC, GMT after +0800) is two zones: not a time."""
    beijing_midnight = zonetime.to_ns(["2024-03-18T16:00:00Z"])[0][0]
    spelled = ["2024-03-19 00:00:00 +0800 CST", "2024-03-18 16:00:00 +0000 UTC",
               "2024-03-19 00:00:00 +0800 CST m=+0.0012", "2024-03-19T00:00+08:00[Asia/Shanghai]",
               "2024-03-18T12:00-04:00[America/New_York]",
               "2024-03-19T00:00:00+08:00[!Asia/Shanghai][u-ca=iso8601]", "2024-03-18 12:00:00 -0400 EDT"]  # fmt: skip
    _all_read_as(spelled, beijing_midnight)
    _, codes = zonetime.to_ns(["2024-03-19 08:00 +0800 UTC", "2024-03-19 08:00 -0400 GMT", "2024-03-19 08:00 CST"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3


def test_a_weekday_that_is_not_the_dates_is_not_a_time():
    """'Mon Mar 19 08:00:00 2024' (19 March 2024 was a Tuesday) was read as the 19th, the weekday left unread: a
    wrong year or day (Tue Mar 19 ... 2023 was a Sunday) passed silently."""
    wrong = ["Mon Mar 19 08:00:00 2024", "Tue Mar 19 08:00:00 2023", "Sunday, March 19, 2024 8:00 AM",
             "Mon, 19 Mar 2024 08:00:00 +0800", "Mon Mar 19 07:00:00 +0800 2024",
             "Wed Mar 19 23:00:00 -0400 2024"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    # the weekday of the date as written, wherever its zone puts it in UTC
    right = ["Tue Mar 19 08:00:00 2024", "Tuesday, March 19, 2024 8:00 AM", "Tue, 19 Mar 2024 08:00:00 +0800",
             "Tue Mar 19 07:00:00 +0800 2024", "Mon Mar 18 19:00:00 -0500 2024",
             "Tue Mar 19 00:00:00 GMT+0800 2024",
             "TUE MAR 19 2024 08:00", "Mon Mar 18 2024 20:00:00 GMT-0400 (Eastern Daylight Time)"]  # fmt: skip
    _, codes = zonetime.to_ns(right)
    assert codes.tolist() == [0] * len(right)


def test_digits_the_iso_reader_refuses_are_a_number_not_a_guessed_date(model):
    """'240319' (text, no unit) was read by dateutil as 24 March 2019 (day, month, two-digit year; or 2024-03-19,
    or epoch seconds): digits are a date only in ISO 8601's basic form (20240319, 20240319T0800, 202403190800)."""
    ns, codes = zonetime.to_ns(["240319", "190324", "2403191530", "20240319", "202403190800"])
    assert codes.tolist() == [zonetime.TIME_NUMBER] * 3 + [0, 0]
    assert ns[3] == zonetime.to_ns(["2024-03-19"])[0][0] and ns[4] == zonetime.to_ns(["2024-03-19 08:00"])[0][0]
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("240319")
    assert str(err.value) == f"when= '240319': {INVALID}"
    ns, codes = zonetime.to_ns(["240319"], "s")  # with a unit: that many seconds, as ever
    assert codes.tolist() == [0] and ns[0] == 240319 * 10**9


def test_a_month_or_year_without_its_day_is_not_a_time(tmp_path, model, expansion):
    """'2024-06' read as 1 June 00:00: the stage in force changed on 30 June, so 'in force in 2024-06' has two answers
    and the one given looked like the month's. A year, month or week without its day is refused everywhere (texts,
    numpy datetime64 of unit Y, M or W), and at= / --at / zone_at say to give the day, naming the month's days."""
    coarse = ["2024-06", "2024-6", "June 2024", "Jun 2024", "2024/06", "2024-06Z", "2024-06 +0800"]
    for values in (coarse, [*coarse, dt.datetime(2024, 3, 19)]):  # (all text; and value by value)
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(coarse)] == [zonetime.TIME_INVALID] * len(coarse), values
        assert (ns[: len(coarse)] == np.iinfo(np.int64).min).all()
    # digits alone or with a point are numbers (a number is refused without its unit), never a month's first day
    assert zonetime.to_ns(["2024", "2024.06", "2024.6"])[1].tolist() == [zonetime.TIME_NUMBER] * 3
    for unit in ("M", "Y", "W"):
        arr = np.array(["2024-06-30", "NaT"], dtype=f"datetime64[{unit}]")
        assert zonetime.to_ns(arr)[1].tolist() == [zonetime.TIME_INVALID, zonetime.TIME_MISSING], unit
        assert zonetime.to_ns([arr[0], "2024-06-30"])[1].tolist() == [zonetime.TIME_INVALID, 0], unit
    day = np.array(["2024-06-30"], dtype="datetime64[D]")
    assert zonetime.to_ns(day)[0][0] == zonetime.to_ns(["2024-06-30"])[0][0]  # a day is a time: 00:00 that day
    assert expansion[:7] == "2024-10"  # (the zone in force changes within a month: every month is refused)
    why = "a month or year without its day is not a time (the zone in force may change within it): give the day"
    for v, days in (
        ("2024-06", "2024-06-01 to 2024-06-30"),
        ("June 2024", "2024-06-01 to 2024-06-30"),
        ("2024", "2024-01-01 to 2024-12-31"),
        (np.datetime64("2024-02", "M"), "2024-02-01 to 2024-02-29"),
    ):
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(v)
        assert str(err.value) == f"when= {v!r}: {why}, {days}"
    lon, lat = SUB_CENTER
    out = run_cli("locate", str(lon), str(lat), "--at", "2024-06")
    assert out.returncode == 2 and f"'2024-06': {why}, 2024-06-01 to 2024-06-30" in out.stderr
    zh = run_cli("--lang", "zh", "locate", str(lon), str(lat), "--at", "2024-06")
    assert zh.returncode == 2 and "2024-06-01 至 2024-06-30" in zh.stderr and "日" in zh.stderr
    # a file job: the row gets the status, never the first of the month
    assert _file_job_times(tmp_path, ["2024-11-01 08:00", "2024-06"]) == (["ok", INVALID], ["true", ""])
    lib = model.classify([lon, lon], [lat, lat], times=["2024-11-01 08:00", "2024-06"])
    assert lib["in_force"].isna().tolist() == [False, True]


def test_a_12_hour_time_has_hours_1_to_12(model, tmp_path):
    """'0:30 PM' read as 12:30 and '00:30 AM' as 00:30: with AM/PM the hour is 1 to 12 (12:30 AM is 00:30), and a 0
    hour has no reading every clock agrees on; refused, as 13:00 PM is, naming what is meant."""
    wrong = ["2024-06-30 0:30 PM", "2024-06-30 00:30 AM", "2024-06-30 0 AM", "2024-06-30 0:30 p.m.",
             "2024-06-30 00:30:00 PM +0800", "2024-03-19 下午 0:30", "2024/3/19 上午 00:30:00", "2024-06-30 13:00 PM",
             "Jun 30 2024 0:30 pm", "2024-06-30 23:30 PM"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong), values
    right = {"2024-06-30 12:30 AM": "00:30", "2024-06-30 12:30 PM": "12:30", "2024-06-30 12 AM": "00:00",
             "2024-06-30 10:30 PM": "22:30", "2024-06-30 1:05 am": "01:05", "2024-03-19 下午 3:00:00": "15:00",
             "2024-06-30 11:59:59 PM": "23:59:59"}  # fmt: skip
    ns, codes = zonetime.to_ns(list(right))
    assert codes.tolist() == [0] * len(right)
    assert [zonetime.beijing_iso(int(v))[11:] for v in ns] == [
        (w if len(w) == 8 else w + ":00") + "+08:00" for w in right.values()
    ]
    why = (
        "with AM/PM (上午/下午) the hour is 1 to 12 (12:30 AM is 00:30, 12:30 PM is 12:30): write it so or as a "
        "24-hour time"
    )
    for v in ("2024-06-30 0:30 PM", "2024-03-19 下午 0:30", "2024-06-30 13:00 PM"):
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(v)
        assert str(err.value) == f"when= {v!r}: {why}"
    lon, lat = SUB_CENTER
    out = run_cli("locate", str(lon), str(lat), "--at", "2024-06-30 0:30 PM")
    assert out.returncode == 2 and f"'2024-06-30 0:30 PM': {why}" in out.stderr
    assert _file_job_times(tmp_path, ["2024-10-18 12:30 AM", "2024-10-17 0:30 PM"]) == (["ok", INVALID], ["true", ""])


def test_24_00_ends_the_day_and_a_leap_second_keeps_its_place(model, expansion):
    """'2024-06-29T24:00:00' (ISO 8601's end of a day) and '2016-12-31T23:59:60Z' (a leap second) were not times:
    24:00 is 00:00 the next day, and a leap second the last nanosecond of its minute (its fraction left out), after
    every time of that minute and before the next."""
    eve = (dt.date.fromisoformat(expansion) - dt.timedelta(days=1)).isoformat()
    midnight = zonetime.to_ns([f"{expansion}T00:00:00"])[0][0]
    ends = [f"{eve}T24:00:00", f"{eve} 24:00", f"{eve}T24:00", f"{eve}T24:00:00.000", f"{eve}T24:00:00+08:00",
            f"{eve}T16:00:00Z", f"{eve[:4]}年{int(eve[5:7])}月{int(eve[8:])}日 24时", f"{eve}T24:00 +0800"]  # fmt: skip
    ns, codes = zonetime.to_ns(ends)
    assert codes.tolist() == [0] * len(ends) and ns.tolist() == [midnight] * len(ends)
    assert model.zone_at(f"{eve}T24:00") == "planned" and model.zone_at(f"{eve}T23:59:59") == "current"
    year_end = zonetime.to_ns(["2024-12-31 24:00", "Tue Dec 31 2024 24:00:00", "Wed Dec 31 2024 24:00:00"])
    assert year_end[1].tolist() == [0, 0, zonetime.TIME_INVALID]  # (the weekday is the date's as written)
    assert year_end[0][0] == year_end[0][1] == zonetime.to_ns(["2025-01-01"])[0][0]
    not_times = [f"{eve}T24:00:01", f"{eve}T24:30", f"{eve}T25:00", "24:00", "2189-12-31T24:00Z", f"{eve}T24:00:00.5"]
    _, codes = zonetime.to_ns(not_times)
    assert codes.tolist() == [zonetime.TIME_INVALID] * 4 + [zonetime.TIME_RANGE, zonetime.TIME_INVALID]
    last = zonetime.to_ns(["2016-12-31T23:59:59Z"])[0][0] + 999_999_999
    leaps = ["2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5Z", "2017-01-01 07:59:60 +0800", "2017-01-01 07:59:60",
             "2017年1月1日 7时59分60秒", "Sun Jan 1 2017 07:59:60 GMT+0800"]  # fmt: skip
    ns, codes = zonetime.to_ns(leaps)
    assert codes.tolist() == [0] * len(leaps) and ns.tolist() == [last] * len(leaps)
    assert last < zonetime.to_ns(["2017-01-01T00:00:00Z"])[0][0]
    # an offset of 24 hours is no end of a day (nor an offset: test_an_offset_whose_minutes_or_hours_cannot_be...)
    assert zonetime.to_ns([f"{eve}T08:00:00+24:00"])[0][0] != zonetime.to_ns([f"{expansion}T08:00:00+00:00"])[0][0]
    _, codes = zonetime.to_ns(["2016-12-31T23:59:61Z", "23:59:60", "2016-12-31T23:60:00Z"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3
    lon, lat = SUB_CENTER
    out = run_cli("locate", str(lon), str(lat), "--at", f"{eve}T24:00", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["zone_in_force"] == "planned", out.stderr


def test_utc_and_gmt_are_read_in_any_case(model, expansion):
    """'2024-06-29 16:00 utc' was not a time (the parser knows UTC and GMT in capitals only): any case is read."""
    eve = (dt.date.fromisoformat(expansion) - dt.timedelta(days=1)).isoformat()
    spelled = [f"{expansion}T00:00:00+08:00", f"{eve} 16:00 utc", f"{eve} 16:00 gmt", f"{eve} 16:00 Utc",
               f"{expansion} 00:00 utc+8", f"{expansion} 00:00 gmt+08:00", f"16:00:00 utc {eve}",
               f"{dt.date.fromisoformat(eve):%a, %d %b %Y} 16:00:00 gmt"]  # fmt: skip
    _all_read_as(spelled, zonetime.to_ns([spelled[0]])[0][0])
    assert model.zone_at(f"{eve} 16:00 utc") == "planned" and model.zone_at(f"{eve} 15:59 utc") == "current"
    # a word that holds the letters is no zone
    assert zonetime.to_ns([f"{expansion} 08:00 utcx"])[1].tolist() == [zonetime.TIME_INVALID]


def test_a_word_after_a_date_is_not_taken_for_a_zone_name(model, expansion):
    """'2024-06-30 EST' was read as 00:00 Beijing time and '2024-06-30 noon' as 00:00: the date's '-30' was taken for
    an offset and the word after it for that offset's zone name, and left out. The day of a date is no offset: the
    text is read as written (a zone's name alone or a word is not a time; a weekday is checked against the date)."""
    words = ["2024-06-30 EST", "2024-06-30 PST", "2024-06-30 noon", "2024-6-3 EST", "2024-06-30 (EST)",
             "2024-06-30 [Europe/London]", "2024/06/30 EDT", "2024-06-30 Sat", "2024.06.30 Mon"]  # fmt: skip
    for values in (words, [*words, dt.datetime(2024, 3, 19)]):
        assert zonetime.to_ns(values)[1].tolist()[: len(words)] == [zonetime.TIME_INVALID] * len(words), values
    with pytest.raises(avzone.InputError) as err:
        model.zone_at(f"{expansion} noon")
    assert str(err.value) == (  # (noon says the time: never left out, the time in digits asked for)
        f"when= '{expansion} noon': noon says the time of day in words, which avzone does not read (left out, the "
        f"text would say another time): write the time that is meant in digits, such as {expansion} 12:00"
    )
    # an offset after a time or a date still leaves out the zone's name after it
    day = f"{dt.date.fromisoformat(expansion):%a}"  # (its weekday, checked against the date)
    spelled = [f"{expansion}T00:00:00+08:00", f"{expansion} 00:00:00 +0800 CST",
               f"{expansion}T00:00+08:00[Asia/Shanghai]", f"{expansion}T00+08 CST", f"{expansion} {day}"]  # fmt: skip
    _all_read_as(spelled, zonetime.to_ns([spelled[0]])[0][0])


def test_a_chinese_weekday_is_read_and_checked_against_the_date(model, expansion):
    """'2024年3月19日 星期二 08:00' (as Chinese apps and `date` in a zh_CN locale write it) was not a time: a Chinese
    weekday (星期二, 周二, 週二, 礼拜二; 星期日 / 星期天) is read past as an English one is, and must be its date's."""
    want = zonetime.to_ns(["2024-03-19T08:00:00+08:00"])[0][0]
    spelled = ["2024年3月19日 星期二 08:00", "2024-03-19 周二 08:00", "2024/3/19 (周二) 08:00",
               "2024年3月19日（星期二）08:00", "2024年3月19日星期二 8点", "2024年 03月 19日 星期二 08:00:00",
               "星期二 2024-03-19 08:00", "2024-03-19 週二 08:00", "2024-03-19 礼拜二 上午 8:00",
               "2024-03-19 周二 00:00:00 UTC"]  # fmt: skip
    _all_read_as(spelled, want)
    sundays = ["2024-06-30 星期日", "2024-06-30 星期天", "2024-06-30 周日", "2024-06-30 周天", "2024-06-30 礼拜天"]
    _all_read_as(sundays, zonetime.to_ns(["2024-06-30"])[0][0])
    # the weekday is the date's as written: 2024-03-18 20:00 -0800 is Tuesday in Beijing but a Monday where written
    assert zonetime.to_ns(["2024-03-18 周一 20:00 -0800"])[0][0] == zonetime.to_ns(["2024-03-19 12:00+08:00"])[0][0]
    wrong = ["2024年3月19日 星期一 08:00", "2024-06-30 周六", "2024-03-18 周二 20:00 -0800", "2024-03-19 周八 08:00"]
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        assert zonetime.to_ns(values)[1].tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    weekday = "一二三四五六日"[dt.date.fromisoformat(expansion).weekday()]
    assert (
        model.zone_at(f"{expansion[:4]}年{int(expansion[5:7])}月{int(expansion[8:])}日 星期{weekday} 00:00")
        == "planned"
    )


def test_beijing_time_written_in_chinese_is_utc_8(model, expansion):
    """'2024-03-19 08:00:00 北京时间' and `date` in a zh_CN locale ('2024年 03月 19日 星期二 08:00:00 CST') were not
    times: 北京时间 / 中国标准时间 say UTC+08:00, and so does CST in a text written in Chinese (China Standard Time
    there; in an English text CST may be US Central time, and stays refused, --at saying to write the offset)."""
    want = zonetime.to_ns(["2024-03-19T08:00:00+08:00"])[0][0]
    spelled = ["2024-03-19 08:00:00 北京时间", "2024-03-19 08:00:00（北京时间）", "2024-03-19 08:00 (北京時間)",
               "2024年3月19日 08:00 中国标准时间", "2024年 03月 19日 星期二 08:00:00 CST", "2024年3月19日 08:00 CST",
               "北京时间 2024年3月19日 8点", "2024-03-19 08:00 UTC+8 北京时间",
               "Tue Mar 19 2024 08:00:00 GMT+0800 (中国标准时间)"]  # fmt: skip
    _all_read_as(spelled, want)
    # another offset beside them: two zones, not a time; CST in an English text: not a time
    wrong = ["2024-03-19 08:00 +0000 北京时间", "2024-03-19 08:00 UTC 北京时间", "Tue Mar 19 08:00:00 CST 2024",
             "2024-03-19 08:00:00 CST", "2024年3月19日 08:00 EST"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        assert zonetime.to_ns(values)[1].tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    why = (
        "a zone's abbreviation, {}, does not say its offset (one may stand for several: CST for China +08:00, US "
        "Central -06:00 or Cuba -05:00): write the offset, such as +08:00"
    )  # (the abbreviation written named: CST's reason was given for EST too)
    for v, name in (("Tue Mar 19 08:00:00 CST 2024", "CST"), ("2024-03-19 08:00 EST", "EST")):
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(v)
        assert str(err.value) == f"when= {v!r}: {why.format(name)}"


def test_an_offset_whose_minutes_or_hours_cannot_be_is_not_a_time(model):
    """'+08:61' was read as +09:01 and '+0899' as +09:39 (minutes past 59 carried into the hours), '+24:00' as a day
    the wrong way: an offset's minutes are 00 to 59 and it lies in -12:00 to +14:00 (the UTC offsets in use: +23:59
    and -23:00 are no zone's, tests/test_time_residuals.py), or the text is not a time."""
    wrong = ["2024-03-19T08:00:00+08:61", "2024-03-19T08:00:00+0899", "2024-03-19 08:00:00 GMT+08:99",
             "2024-03-19 08:00:00 CST+0861", "08:00:00 +0861 2024-03-19", "20240319T080000+0861",
             "2024-03-19T08:00+08:60", "Tue Mar 19 08:00:00 +0861 2024", "2024-03-19T08:00:00+24:00",
             "2024-03-19T08:00:00-30", "2024-03-19 08:00 PM +0860", "2024-03-19T08:00:00+23:59",
             "2024-03-19T08:00:00-23:00"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        assert zonetime.to_ns(values)[1].tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong), values
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-06-30T08:00:00+08:61")
    assert str(err.value) == (  # (the minute named, no offset chosen)
        "when= '2024-06-30T08:00:00+08:61': the offset +08:61 has the minute 61, past 59: it is no offset, and avzone "
        "does not read it as another; write the offset that is meant in hours and minutes, as 2024-06-30T08:00:00+hh:mm"
    )
    right = {"2024-03-19T08:00:00+08:59": "2024-03-18T23:01:00Z", "2024-03-19T08:00:00-12:00": "2024-03-19T20:00:00Z",
             "2024-03-19T08:00:00-11:59": "2024-03-19T19:59:00Z", "12-31-1961": "1961-12-30T16:00:00Z",
             "2024-03-19T08:00:00+14:00": "2024-03-18T18:00:00Z"}  # fmt: skip
    for text, utc in right.items():  # (each alone: among times of 2024, 1961 would be a time far from the others)
        ns, codes = zonetime.to_ns([text])
        assert codes.tolist() == [0], text
        assert ns.tolist() == zonetime.to_ns([utc])[0].tolist(), text


def test_full_width_digits_and_signs_are_read_as_their_ascii(model):
    """'2024-03-19 08：00' (a full-width colon, as a Chinese input method types it) was not a time, nor were full-width
    slashes, hyphens and plus signs, though full-width digits were read: every full-width form is its ASCII one."""
    want = zonetime.to_ns(["2024-03-19T08:00:00+08:00"])[0][0]
    spelled = ["2024-03-19 08：00", "2024／03／19 08:00", "2024－03－19 08：00：00", "2024-03-19T00:00:00＋00:00",
               "２０２４－０３－１９　０８：００", "2024年3月19日　08：00", "2024-03-19T08:00:00＋08：00"]  # fmt: skip
    _all_read_as(spelled, want)
    assert model.zone_at("2024－10－18 00：00") == "planned" and model.zone_at("2024－10－17 23：59") == "current"
    assert zonetime.to_ns(["2024-03-19 08：61"])[1].tolist() == [zonetime.TIME_INVALID]


def test_the_common_log_format_of_web_servers_is_read(model, expansion):
    """'19/Mar/2024:08:00:00 +0800' (nginx's and Apache's access logs, in brackets there) was not a time: the colon
    between the year and the time of day is read as a space."""
    want = zonetime.to_ns(["2024-03-19T08:00:00+08:00"])[0][0]
    _all_read_as(["19/Mar/2024:08:00:00 +0800", "[19/Mar/2024:08:00:00 +0800]", "19/Mar/2024:00:00:00 +0000",
                  "19/Mar/2024:08:00:00.000 +0800", "19/mar/2024:08:00:00 +0800"], want)  # fmt: skip
    assert model.zone_at("17/Oct/2024:23:59:59 +0800") == "current"
    assert model.zone_at("18/Oct/2024:00:00:00 +0800") == "planned"
    _, codes = zonetime.to_ns(["19/Mar/2024:08:00:00 +0861", "19/Mar/2024:25:00:00 +0800", "[19/Mar/2024:08:00:00"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3


def test_a_number_without_its_unit_is_told_so_whatever_the_iso_reader_made_of_it():
    """'-5' and '.5' were 'time outside the years 1900 to 2189' (the ISO reader took them for year -5 and a fraction of
    something): numbers without their unit are told to give it; digits as ISO 8601 writes a date are dates."""
    _, codes = zonetime.to_ns(["-5", ".5", "-2024", "+5", "5"])
    assert codes.tolist() == [zonetime.TIME_NUMBER] * 5
    ns, codes = zonetime.to_ns(["20240630", "25000101", "202406300800"])
    assert codes.tolist() == [0, zonetime.TIME_RANGE, 0] and ns[0] == zonetime.to_ns(["2024-06-30"])[0][0]


def test_iso_week_and_ordinal_dates_are_read(model, expansion):
    """'2024-W12-2' (ISO 8601's week date: Tuesday of week 12) and '2024-079' (its ordinal date: the 79th day) were
    not times: they are read as the day they name, with a time and zone after them as ever. A week without its day
    ('2024-W12') is no instant, as a month is not; a week or day the year does not have is not a time."""
    want = zonetime.to_ns(["2024-03-19T08:00:00+08:00"])[0][0]
    spelled = ["2024-W12-2T08:00:00+08:00", "2024W122T080000+0800", "2024-W12-2 08:00", "2024-079T08:00",
               "2024-079 00:00Z", "2024-W12-2T00:00:00Z", "2024-w12-2 08:00"]  # fmt: skip
    _all_read_as(spelled, want)
    assert zonetime.to_ns(["2024-W12-2"])[0][0] == zonetime.to_ns(["2024-03-19"])[0][0]
    assert model.zone_at("2024-W42-5") == "planned" and model.zone_at("2024-W42-4T23:59") == "current"
    assert model.zone_at("2024-292") == "planned" and model.zone_at("2024-291") == "current"  # (a leap year)
    _, codes = zonetime.to_ns(["2024-W12", "2024-W54-1", "2024-W12-8", "2023-366", "2024-367", "2024-W12-2T25:00"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 6
    assert zonetime.to_ns(["2024-W53-1", "2020-W53-7", "2024-366"])[1].tolist() == [2, 0, 0]  # (2020 had 53 weeks)
    assert zonetime.to_ns(["0000-001", "0000-W01-1", "9999-365T00:00", "2024-000"])[1].tolist() == [2, 2, 3, 2]


def test_the_chinese_parts_of_the_day_are_read_where_they_say_one_hour(model, tmp_path):
    """'2024-07-01 晚上11点', '凌晨1点', '中午12点', '早上8点' were not times (only 上午/下午 were read): each part of
    the day puts its hour where it says (晚上11点 is 23:00, 中午1点 13:00), and an hour outside it (晚上3点, 凌晨9点,
    中午5点: which hour was meant?) is refused, naming the part of the day and its hours."""
    right = {"2024-07-01 凌晨1点": "01:00", "2024-07-01 凌晨0:30": "00:30", "2024-07-01 凌晨12点": "00:00",
             "2024-07-01 早上8点": "08:00", "2024年7月1日早晨6:45": "06:45",
             "2024-07-01 清晨5点": "05:00", "2024-07-01 中午12点": "12:00", "2024-07-01 中午1点": "13:00",
             "2024-07-01 中午11:30": "11:30", "2024-07-01 中午13:15": "13:15", "2024-07-01 下午3点": "15:00",
             "2024-07-01 傍晚6点": "18:00", "2024-07-01 傍晚17:30": "17:30", "2024-07-01 晚上11点": "23:00",
             "2024-07-01 晚上8:05:09": "20:05:09", "2024-07-01 晚上23:00": "23:00", "2024-07-01 夜里11点": "23:00",
             "2024-07-01 晚间7点": "19:00", "2024-07-01 晚上 9:00 +0800": "21:00"}  # fmt: skip
    ns, codes = zonetime.to_ns(list(right))
    assert codes.tolist() == [0] * len(right)
    assert [zonetime.beijing_iso(int(v))[:19] for v in ns] == [
        "2024-07-01T" + (w if len(w) == 8 else w + ":00") for w in right.values()
    ]
    wrong = ["2024-07-01 晚上3点", "2024-07-01 凌晨9点", "2024-07-01 早上2点",
             "2024-07-01 中午5点", "2024-07-01 傍晚11点", "2024-07-01 早上15:00", "2024-07-01 上午15:00",
             "2024-07-01 夜里1点"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-07-01 晚上3点")
    assert str(err.value) == (
        "when= '2024-07-01 晚上3点': 晚上 (evening) is 6 to 11 PM (18:00 to 23:59), and 12 is the midnight that "
        "ends the date: the hour 3 is not in it; write a 24-hour time"
    )
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-07-01 凌晨9点")
    assert str(err.value).startswith("when= '2024-07-01 凌晨9点': 凌晨 (small hours) is 0 to 6 (12 as 0)")
    assert _file_job_times(tmp_path, ["2024-11-01 晚上11点", "2024-07-01 晚上3点"]) == (["ok", INVALID], ["true", ""])


def test_midnight_said_with_a_word_of_the_night_is_the_midnight_that_ends_the_date(model, tmp_path):
    """'2024-06-29 晚上12点', '半夜12点', '午夜12点', '午夜' were refused, and the advice given ('write a 24-hour time')
    led to 00:00 of the date written: the midnight a day too early. 12点 after a word of the night is the midnight
    that ends the date written (24:00, as 24点 is), and so is 午夜 alone; a time at or past that midnight after such a
    word (晚上12点半, 半夜1点, 晚上0点: of the date written or of the next day?) and a part of the day without an hour
    (半夜, 中午) are refused saying what to write."""
    end = zonetime.to_ns(["2024-06-30T00:00:00+08:00"])[0][0]
    said = ["2024-06-29 晚上12点", "2024年6月29日晚上12点", "2024-06-29 夜里12点", "2024-06-29 半夜12点",
            "2024-06-29 午夜12点", "2024-06-29 午夜", "2024年6月29日午夜", "2024-06-29 深夜12点",
            "2024-06-29 晚上12:00", "2024-06-29 晚上12点整", "2024-06-29 晚间12:00:00", "2024-06-29 24点",
            "2024-06-30 凌晨0点"]  # fmt: skip
    ns, codes = zonetime.to_ns(said)
    assert codes.tolist() == [0] * len(said) and ns.tolist() == [end] * len(said)
    # the 600 km² stage is in force from 2024-10-18 00:00: midnight at the end of the 17th is in it, 11 pm is not
    assert model.zone_at("2024-10-17 晚上12点") == "planned" and model.zone_at("2024-10-17 晚上11点") == "current"
    ns, codes = zonetime.to_ns(["2024-06-29 深夜11点", "2024-06-29 半夜11点", "2024-06-29 深夜22:30"])
    assert codes.tolist() == [0, 0, 0]
    assert [zonetime.beijing_iso(int(v))[11:16] for v in ns] == ["23:00", "23:00", "22:30"]
    past = ["2024-06-29 晚上12点半", "2024-06-29 半夜1点", "2024-06-29 晚上0点", "2024-06-29 午夜0:30",
            "2024-06-29 深夜2点", "2024-06-29 晚上12:00:01", "2024-06-29 半夜", "2024-06-29 中午"]  # fmt: skip
    assert zonetime.to_ns(past)[1].tolist() == [zonetime.TIME_INVALID] * len(past)
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-06-29 晚上12点半")
    assert str(err.value) == (
        "when= '2024-06-29 晚上12点半': 晚上 12:30 is at or past midnight, and whether of the date written or of "
        "the next day is unclear: write the date of the day it fell on with a 24-hour time (晚上12点 alone is 24:00, "
        "the midnight that ends the date written)"
    )
    assert i18n.error_text(err.value, "zh").startswith("when= '2024-06-29 晚上12点半'：晚上12:30 在午夜或午夜之后")
    with pytest.raises(avzone.InputError, match="半夜 gives no hour: write one, such as 半夜12点"):
        model.zone_at("2024-06-29 半夜")
    statuses, _ = _file_job_times(tmp_path, ["2024-06-29 晚上12点", "2024-06-29 晚上12点半"])
    assert statuses == ["ok", INVALID]


def test_a_zone_name_in_brackets_that_disagrees_with_the_offset_is_not_a_time(model, tmp_path):
    """'2024-07-01T08:00+08:00[Europe/London]' was read by its offset and the name left out: London was at +01:00,
    so the text says two instants 7 hours apart and one was taken silently. RFC 9557: such a disagreement is
    acted on; it is refused, as is a critical tag ('[!...]') that is not understood. A name that agrees, a Z
    (RFC 9557: UTC known, the local offset not), an elective tag and an unknown elective name are read."""
    agree = ["2024-07-01T01:00+01:00[Europe/London]", "2024-07-01T00:00Z[Europe/London]",
             "2024-07-01T08:00+08:00[Asia/Shanghai]", "2024-07-01T08:00+08:00[!Asia/Shanghai]",
             "2024-06-30T20:00-04:00[America/New_York][u-ca=gregory]", "2024-07-01T08:00+08:00[+08:00]",
             "2024-07-01T08:00+08:00[Etc/GMT-8]", "2024-07-01T08:00+08:00[Asia/Shangai]",
             "2024-07-01T08:00+08:00[x-foo=bar]"]  # fmt: skip
    _all_read_as(agree, zonetime.to_ns(["2024-07-01T08:00+08:00"])[0][0])
    wrong = ["2024-07-01T08:00+08:00[Europe/London]", "2024-07-01T08:00+00:00[Europe/London]",
             "2024-01-01T08:00+01:00[Europe/London]", "2024-07-01T08:00+08:00[!Europe/London]",
             "2024-07-01T08:00+08:00[+09:00]", "2024-07-01T08:00+08:00[!Asia/Shangai]",
             "2024-07-01T08:00+08:00[!u-ca=japanese]", "2024-07-01T08:00+0800[Asia/Tokyo]",
             "2024-07-01T08:00+08:00[Asia/Shanghai][America/New_York]"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-07-01T08:00+08:00[Europe/London]")
    assert str(err.value) == (
        "when= '2024-07-01T08:00+08:00[Europe/London]': the offset +08:00 is not Europe/London's at that time "
        "(+01:00): the text says two different instants (RFC 9557); give the offset or the zone that is right"
    )
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("2024-07-01T08:00+08:00[!u-ca=japanese]")
    assert str(err.value) == (
        "when= '2024-07-01T08:00+08:00[!u-ca=japanese]': [!u-ca=japanese] is a critical tag (RFC 9557) avzone does not "
        "read (a time zone it knows, or the Gregorian calendar, u-ca=gregory): leave it out or make it elective"
    )
    whens = ["2024-11-01T08:00+08:00[Asia/Shanghai]", "2024-07-01T08:00+08:00[Europe/London]"]
    assert _file_job_times(tmp_path, whens) == (["ok", INVALID], ["true", ""])


def test_a_zone_in_brackets_without_an_offset_is_read_at_that_zones_offset(model, tmp_path):
    """'2024-07-01T08:00:00[Asia/Shanghai]' (RFC 9557, a zoned time as Temporal writes it without its offset) was
    no time, with no hint: the zone's name says the offset at that wall-clock time. A zone that skips the time or
    shows it twice (daylight saving) names both offsets to choose from; an unknown zone, with no offset to fall back
    to, is refused naming it."""
    want = zonetime.to_ns(["2024-07-01T08:00:00+08:00"])[0][0]
    spelled = ["2024-07-01T08:00:00[Asia/Shanghai]", "2024-07-01T08:00[Asia/Shanghai]",
               "2024-07-01 08:00:00[Asia/Shanghai]", "2024-07-01T01:00:00[Europe/London]",
               "2024-06-30T20:00:00[America/New_York]", "2024-07-01T08:00:00[!Asia/Shanghai]",
               "2024-07-01T08:00:00[Asia/Shanghai][u-ca=gregory]", "2024-07-01T08:00:00[+08:00]",
               "2024-07-01T08:00:00[Etc/GMT-8]", "2024-07-01T00:00:00[UTC]"]  # fmt: skip
    _all_read_as(spelled, want)
    _all_read_as(["2024-01-01T00:00:00[Europe/London]"], zonetime.to_ns(["2024-01-01T08:00:00+08:00"])[0][0])
    assert zonetime.to_ns(["2024-07-01T08:00:00.5[Asia/Shanghai]"])[0][0] == want + 500_000_000
    assert model.zone_at("2024-07-01T08:00:00[Asia/Shanghai]") == model.zone_at("2024-07-01T08:00:00+08:00")
    # with an offset too, the two must agree (as before), whichever comes first
    wrong = ["2024-07-01T08:00:00+01:00[Asia/Shanghai]", "2024-07-01T08:00:00[Asia/Shanghai][America/New_York]",
             "2024-07-01T08:00:00[Asia/Shangai]", "2024-07-01T08:00:00[!u-ca=japanese][Asia/Shanghai]",
             "2024-03-31T01:30:00[Europe/London]", "2024-10-27T01:30:00[Europe/London]",
             "2024-07-01T08:00:00[u-ca=gregory]", "2024-06-30 [Europe/London]"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        assert zonetime.to_ns(values)[1].tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    refusals = {
        "2024-07-01T08:00:00[Asia/Shangai]": (
            "[Asia/Shangai] is no time zone avzone knows (an IANA name such as Asia/Shanghai), and no offset says "
            "the time: give a known zone or the offset, such as 2024-07-01T08:00:00+08:00",
            "[Asia/Shangai] 不是 avzone 知道的时区（IANA 名称，如 Asia/Shanghai），也没有偏移量说明时间："
            "请给出已知的时区或偏移量，如 2024-07-01T08:00:00+08:00",
        ),
        "2024-03-31T01:30:00[Europe/London]": (
            "2024-03-31T01:30:00 never happened in Europe/London (its clocks were put forward past it): give the "
            "offset that is meant",
            "Europe/London 没有经历过 2024-03-31T01:30:00（时钟向前拨过了这一刻）：请给出所指的偏移量",
        ),
        "2024-10-27T01:30:00[Europe/London]": (
            "2024-10-27T01:30:00 happened twice in Europe/London (its clocks were put back): give the offset that "
            "is meant, 2024-10-27T01:30:00+01:00 or 2024-10-27T01:30:00+00:00",
            "Europe/London 经历过两次 2024-10-27T01:30:00（时钟向回拨了）：请给出所指的偏移量，"
            "2024-10-27T01:30:00+01:00 或 2024-10-27T01:30:00+00:00",
        ),
        "2024-07-01T08:00:00+01:00[Asia/Shanghai]": (
            "the offset +01:00 is not Asia/Shanghai's at that time (+08:00): the text says two different instants "
            "(RFC 9557); give the offset or the zone that is right",
            "偏移量 +01:00 不是 Asia/Shanghai 在该时刻的偏移量（+08:00）：文本说的是两个不同的时刻（RFC 9557）；"
            "请给出正确的偏移量或时区",
        ),
    }
    for when, (english, chinese) in refusals.items():
        with pytest.raises(avzone.InputError) as err:
            model.zone_at(when)
        assert str(err.value) == f"when= {when!r}: {english}"
        assert i18n.error_text(err.value, "zh") == f"when= {when!r}：{chinese}"
    whens = ["2024-11-01T08:00:00[Asia/Shanghai]", "2024-11-01T08:00:00[Asia/Shangai]"]
    assert _file_job_times(tmp_path, whens) == (["ok", INVALID], ["true", ""])


def test_a_zone_abbreviation_after_the_offset_that_is_at_another_offset_is_not_a_time():
    """'2024-07-01 08:00:00 +0800 EST' was read as +08:00, the EST (always -05:00) left out: a text saying two
    offsets 13 hours apart, one taken silently. A name after the offset (Go's '+0800 CST', JavaScript's
    '(China Standard Time)') that is never at that offset makes the text no time; a name at that offset, one that
    may be at several (CST: China or US Central; PST: the US or the Philippines) or one not known is left out."""
    read = {"2024-07-01 08:00:00 -0400 EDT": "2024-07-01T20:00:00", "2024-07-01 08:00:00 +0900 JST": "07:00",
            "2024-07-01 08:00:00 +0800 CST": "08:00", "2024-07-01 08:00:00 -0500 CST": "21:00",
            "2024-07-01 08:00:00 +0800 PST": "08:00", "2024-07-01 08:00:00 +0800 XYZ": "08:00",
            "Mon Jul 01 2024 08:00:00 GMT+0800 (China Standard Time)": "08:00",
            "Mon Jul 01 2024 08:00:00 GMT+0800 (中国标准时间)": "08:00",
            "2024-07-01 08:00:00 +0530 IST": "10:30", "2024-07-01 08:00:00 +0100 BST": "15:00"}  # fmt: skip
    ns, codes = zonetime.to_ns(list(read))
    assert codes.tolist() == [0] * len(read)
    assert [zonetime.beijing_iso(int(v))[11:16] for v in ns] == [w[-8:-3] if len(w) > 5 else w for w in read.values()]
    wrong = ["2024-07-01 08:00:00 +0800 EST", "2024-07-01 08:00:00 +0800 JST", "2024-07-01 08:00:00 +0000 EDT",
             "2024-07-01 08:00:00 +0800 JST m=+0.0012", "2024-07-01 08:00:00 +0800 (KST)",
             "Mon Jul 01 2024 08:00:00 GMT+0900 (China Standard Time)", "2024-07-01 08:00:00 -0800 CEST",
             "Mon Jul 01 2024 08:00:00 GMT+0900 (中国标准时间)"]  # fmt: skip
    for values in (wrong, [*wrong, dt.datetime(2024, 3, 19)]):
        _, codes = zonetime.to_ns(values)
        assert codes.tolist()[: len(wrong)] == [zonetime.TIME_INVALID] * len(wrong)
    with pytest.raises(avzone.InputError) as err:
        avzone.load().zone_at("2024-07-01 08:00:00 +0800 EST")
    assert str(err.value) == (
        "when= '2024-07-01 08:00:00 +0800 EST': the offset +08:00 is not EST's (-05:00): the text says two "
        "different instants; give the offset or the zone that is right"
    )


def test_a_pandas_period_of_a_day_or_less_is_its_start_and_a_longer_one_no_time(model, expansion):
    """pandas Period values (pd.Period, a period[D] or period[h] column, as df.ts.dt.to_period("D") makes) were not
    times at all. A Period of a day or less lies within one stage (stages change at 00:00 Beijing time): it is read
    as its start (Beijing time, as a naive time is); a week, month, quarter or year may hold a change of stage and
    is no time, as '2024-06' is (--at / at= name its days)."""
    day = pd.Period(expansion, "D")
    assert model.zone_at(day) == "planned" and model.zone_at(day - 1) == "current"
    assert model.zone_at(pd.Period(f"{expansion} 00:00", "h") - 1) == "current"  # 23:00 the eve
    hours = pd.Series(pd.period_range(f"{expansion} 22:00", periods=4, freq="h")) - 24  # the eve's last two hours...
    ns, codes = zonetime.to_ns(hours)
    assert codes.tolist() == [0] * 4
    assert [zonetime.beijing_iso(int(v))[11:16] for v in ns] == ["22:00", "23:00", "00:00", "01:00"]
    for values in (
        pd.Series([day, pd.NaT], dtype=pd.PeriodDtype("D")),
        pd.Index([day, pd.NaT]),
        [day, None],
        [day, "x"],
    ):
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist()[:1] == [0] and ns[0] == zonetime.to_ns([expansion])[0][0], values
    lon, lat = SUB_CENTER
    lib = model.classify([lon, lon], [lat, lat], times=pd.Series([day, day - 1]))
    assert lib["in_force"].tolist() == [True, False]
    coarse = [pd.Period("2024-06", "M"), pd.Period("2024", "Y"), pd.Period("2024-06-30", "W"),
              pd.Period("2024Q2", "Q"), pd.Period(expansion, "2D")]  # fmt: skip
    for p in coarse:
        _, codes = zonetime.to_ns(pd.Series([p]))
        assert codes.tolist() == [zonetime.TIME_INVALID], p
        _, codes = zonetime.to_ns([p, dt.datetime(2024, 3, 19)])
        assert codes.tolist() == [zonetime.TIME_INVALID, 0], p
    with pytest.raises(avzone.InputError) as err:
        model.zone_at(pd.Period("2024-06", "M"))
    assert "give the day, 2024-06-01 to 2024-06-30" in str(err.value)
    _, codes = zonetime.to_ns(pd.Series([pd.NaT], dtype=pd.PeriodDtype("D")))
    assert codes.tolist() == [zonetime.TIME_MISSING]


def test_half_past_and_on_the_hour_in_chinese_are_read():
    """'下午3点半' (half past three in the afternoon) and '8点整' (eight o'clock sharp), as notices and people write
    them, were not times."""
    right = {"2024-07-01 下午3点半": "15:30", "2024-07-01 8点整": "08:00", "2024年7月1日 晚上11点半": "23:30",
             "2024-07-01 凌晨0点半": "00:30", "2024-07-01 15点半": "15:30", "2024-07-01 上午 9点整": "09:00",
             "2024-07-01 15点30": "15:30", "2024-07-01 8点5": "08:05", "2024-07-01 15时30分": "15:30",
             "2024年7月1日15点30分，星期一": "15:30", "2024年7月1日 15点30分00秒,星期一": "15:30"}  # fmt: skip
    ns, codes = zonetime.to_ns(list(right))
    assert codes.tolist() == [0] * len(right)
    assert [zonetime.beijing_iso(int(v))[11:16] for v in ns] == list(right.values())
    _, codes = zonetime.to_ns(["2024-07-01 3点半半", "2024-07-01 15点60", "2024-07-01 晚上3点半"])
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3


def test_spark_int96_timestamps_are_utc_not_beijing_time(model, tmp_path, expansion):
    """Spark writes Parquet timestamps as INT96 by default, instants stored in UTC without a zone; they were read as
    naive, so as Beijing time, 8 hours late: a fix at 23:30 Beijing time on the eve of a stage change got the new
    stage. A Spark file's (its footer names Spark's version) INT96 timestamps are read as UTC; an INT96 column
    written by another program (pyarrow's, read back as the naive times it was given) is read as before."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    lon, lat = SUB_CENTER
    eve = pd.Timestamp(expansion) - pd.Timedelta(minutes=30)  # 23:30 Beijing time: still the stage before
    utc = [eve - pd.Timedelta(hours=8), eve + pd.Timedelta(hours=1) - pd.Timedelta(hours=8)]
    table = pa.table({"lon": [lon] * 2, "lat": [lat] * 2, "ts": pa.array(utc, pa.timestamp("ns"))})
    spark = tmp_path / "spark.parquet"
    pq.write_table(table.replace_schema_metadata({"org.apache.spark.version": "3.5.1"}), spark,
                   use_deprecated_int96_timestamps=True)  # fmt: skip
    for out in ("out.csv", "out.parquet"):
        run = run_cli("locate", "--input", str(spark), "--output", str(tmp_path / out), "--time-col", "ts")
        assert run.returncode == 0, run.stderr
    rows = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert rows["in_force"].tolist() == ["false", "true"] and rows["zone_in_force"].tolist() == ["current", "planned"]
    back = pq.read_table(tmp_path / "out.parquet")
    assert back.column("zone_in_force").to_pylist() == ["current", "planned"]
    assert back.column("ts").to_pylist() == [t.to_pydatetime().replace(tzinfo=dt.timezone.utc) for t in utc]
    other = tmp_path / "arrow.parquet"  # (no Spark: the naive times as given, Beijing time)
    pq.write_table(table, other, use_deprecated_int96_timestamps=True)
    run = run_cli("locate", "--input", str(other), "--output", str(tmp_path / "o.csv"), "--time-col", "ts")
    assert run.returncode == 0, run.stderr
    assert pd.read_csv(tmp_path / "o.csv", dtype=str)["zone_in_force"].tolist() == ["current", "current"]


def test_a_long_text_that_is_no_time_is_quoted_cut_with_its_length(model):
    """A refusal quoted the whole text (a 64 KB 'at' value in full); past 100 characters it is cut and its length
    said, in both languages."""
    when = "z" * 500
    with pytest.raises(avzone.InputError) as err:
        model.zone_at(when)
    assert str(err.value) == f"when= {'z' * 100!r}… (500 characters): {INVALID}"
    assert i18n.error_text(err.value, "zh").startswith(f"when= {'z' * 100!r}…（共 500 个字符）：")
    with pytest.raises(avzone.InputError) as err:
        model.zone_at("z" * 100)
    assert str(err.value) == f"when= {'z' * 100!r}: {INVALID}"

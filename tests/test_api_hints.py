"""The Python API's answers and errors where a user's slip used to mislead: a CRS given in lat's place, one
point's pair given as lon, one time given for many points, a scalar time in a 0-d array."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyproj
import pytest
from common import SUB_CENTER, TIANANMEN, YIZHUANG_CORE

from avzone.errors import InputError
from avzone.i18n import error_text

POINTS = [SUB_CENTER, YIZHUANG_CORE, TIANANMEN]
LONS = [p[0] for p in POINTS]
LATS = [p[1] for p in POINTS]


# -- 1. a CRS in lat's place ------------------------------------------------------------
@pytest.mark.parametrize(
    ("lat", "shown", "crs"),
    [
        ("gcj02", "'gcj02'", "crs='gcj02'"),
        ("EPSG:4326", "'EPSG:4326'", "crs='EPSG:4326'"),
        (pyproj.CRS(32650), "EPSG:32650", "crs='EPSG:32650'"),
    ],
)
def test_a_crs_given_where_lat_belongs_names_lat_and_the_crs_keyword(model, lat, shown, crs):
    """locate(116.5, "gcj02") said "the point must be two numbers ... (lat not a number)", no word of the CRS."""
    with pytest.raises(InputError) as caught:
        model.locate(116.5, lat)
    assert str(caught.value) == (
        f"lat is {shown}, a CRS, not the point's latitude (lon: 116.5): give its latitude (y in a projected CRS) "
        f"as lat and the CRS by keyword, {crs}: model.locate(lon, lat, {crs})"
    )
    zh = error_text(caught.value, "zh")
    assert zh.startswith(f"lat 是 {shown}") and "这是坐标系，而不是该点的纬度" in zh and "以关键字给出" in zh
    assert zh.endswith(f"model.locate(lon, lat, {crs})")


def test_a_lat_that_is_no_number_and_no_crs_is_refused_as_before(model):
    with pytest.raises(InputError) as caught:
        model.locate(116.5, "north")
    assert str(caught.value) == "the point must be two numbers (lon, lat), got 116.5, 'north' (lat not a number)"
    lon, lat = YIZHUANG_CORE  # (the CRS given by keyword, or as the third argument: the answer)
    assert model.locate(lon, lat, "gcj02") == model.locate(lon, lat, crs="gcj02")
    assert model.locate(str(lon), str(lat)).zones == model.locate(lon, lat).zones  # (a number's text: the lat)


@pytest.mark.parametrize(
    ("lon", "lat", "call"),
    [
        ((116.5, 39.79), "gcj02", "model.locate(*point, crs='gcj02')"),
        ([116.5, 39.79], None, "model.locate(*point)"),
        (("116.5", "39.79"), None, "model.locate(*point)"),
    ],
)
def test_one_points_pair_given_as_lon_says_to_give_two_arguments(model, lon, lat, call):
    """locate((116.5, 39.79), "gcj02") read the CRS as the lat; locate([116.5, 39.79], None) said "two numbers"."""
    with pytest.raises(InputError) as caught:
        model.locate(lon, lat)
    assert str(caught.value) == (
        f"lon is {lon!r}, one point's two coordinates: give them as two arguments, lon and lat ({call})"
    )
    assert error_text(caught.value, "zh") == (
        f"lon 是 {lon!r}，这是一个点的两个坐标：请把它们作为两个参数 lon 和 lat 给出（{call}）"
    )
    with pytest.raises(InputError, match="the point must be two numbers"):  # (not a point's pair: as before)
        model.locate(["a", "b"], None)


# -- 2. one time for every point ----------------------------------------------------------
@pytest.mark.parametrize(
    "one",
    [
        "2024-06-01",
        "2024-11-01T08:00:00+08:00",
        dt.datetime(2024, 11, 1, 9),
        dt.date(2024, 6, 1),
        np.datetime64("2024-11-01T08:00"),
        pd.Timestamp("2024-06-01T12:00", tz="UTC"),
        np.array("2024-11-01"),
        dt.date(2020, 1, 1),
    ],
    ids=repr,
)
def test_one_time_applies_to_every_point(model, one):
    """classify(lons, lats, times="2024-06-01") was refused as a length mismatch (1 and 3); a scalar now applies
    to every point, as numpy and pandas broadcast one: the answer is the one a time per point gives."""
    each = [one[()] if isinstance(one, np.ndarray) else one] * len(POINTS)
    got = model.classify(LONS, LATS, times=one, status=True)
    assert got.equals(model.classify(LONS, LATS, times=each, status=True))
    assert got["in_force"].notna().all() and (got["status"] == "ok").all()


def test_one_time_gives_the_answer_of_its_stage(model):
    """The broadcast time is the one read: the sub-centre, in the planned zone and not the current one, is outside
    the zone in force in June 2024 and inside it from the expansion on."""
    june, november = (model.classify(LONS, LATS, times=t)["in_force"] for t in ("2024-06-01", "2024-11-01"))
    assert june.tolist()[0] is False and november.tolist()[0] is True
    assert june.tolist()[1:] == november.tolist()[1:]


def test_one_time_keeps_the_points_index(model):
    lons, lats = pd.Series(LONS, index=[7, 3, 9]), pd.Series(LATS, index=[7, 3, 9])
    got = model.classify(lons, lats, times=pd.Timestamp("2024-11-01"))
    assert got.index.tolist() == [7, 3, 9]
    assert got.equals(model.classify(lons, lats, times=pd.Series([pd.Timestamp("2024-11-01")] * 3, index=[7, 3, 9])))


def test_one_epoch_number_with_its_unit_applies_to_every_point(model):
    seconds = int(pd.Timestamp("2024-11-01", tz="Asia/Shanghai").timestamp())
    got = model.classify(LONS, LATS, times=seconds, time_unit="s")
    assert got.equals(model.classify(LONS, LATS, times=[seconds] * 3, time_unit="s"))
    assert got.equals(model.classify(LONS, LATS, times="2024-11-01"))


@pytest.mark.parametrize(
    ("one", "unit", "english", "chinese"),
    [
        ("soon", None, "times= 'soon': time not a date/time", "times= 'soon'：不是日期/时间"),
        (pd.NaT, None, "times= NaT: missing time", "times= NaT：缺少时间"),
        ("2024-06", None, "times= '2024-06': a month or year without its day", "times= '2024-06'：没有日的月份"),
        (
            1730390400,
            None,
            "times= 1730390400: time is a number: give its unit (time_unit",
            "times= 1730390400：时间是数字",
        ),
        ("1730390400", None, "times= '1730390400': time is a number: give its unit", "times= '1730390400'：时间是数字"),
        (1730390400, "ms", "times=: the epoch times read as ms all fall in 1970", "times=：按 ms 读取的纪元时间"),
    ],
)
def test_one_time_that_is_no_time_is_refused_naming_times(model, one, unit, english, chinese):
    """One time for every point that is unusable would make every in_force <NA>: refused, as locate's at= is."""
    with pytest.raises(InputError) as caught:
        model.classify(LONS, LATS, times=one, time_unit=unit)
    assert str(caught.value).startswith(english), str(caught.value)
    assert error_text(caught.value, "zh").startswith(chinese), error_text(caught.value, "zh")


@pytest.mark.parametrize("times", [["2024-06-01"], np.array(["2024-06-01", "2024-06-02"]), pd.Series(["2024-06-01"])])
def test_a_sequence_of_another_length_is_refused_saying_how_to_give_one_time(model, times):
    with pytest.raises(InputError) as caught:
        model.classify(LONS, LATS, times=times)
    assert str(caught.value) == (
        f"times and points differ in length ({len(times)} and 3): give one time per point, or one time alone (a "
        "str, datetime, numpy datetime64 or pandas Timestamp, not in a list or array), which applies to every point"
    )
    zh = error_text(caught.value, "zh")
    assert zh.startswith(f"times 和点的个数不同（{len(times)} 和 3）：") and "只给一个时间" in zh


def test_locate_at_takes_one_time_in_a_0d_array(model):
    """at=np.array("2024-06-01") (a 0-d array: what indexing an array with () or a reduction gives) was refused as
    "time not a date/time"; it is the time it holds, as classify's times= reads it."""
    lon, lat = SUB_CENTER
    for held in ("2024-11-01", np.datetime64("2024-11-01")):
        got = model.locate(lon, lat, at=np.array(held))
        assert got == model.locate(lon, lat, at=held)
        assert got.zone_in_force == model.zone_at("2024-11-01")


def test_locate_before_the_first_stage_says_no_zone_was_in_force(model):
    """What locate's docstring says of at= before the first stage."""
    got = model.locate(*YIZHUANG_CORE, at=dt.date(2020, 1, 1))
    assert got.zone_in_force is None and got.in_force is False
    assert str(got.in_force_status).startswith("no zone in force on 2020-01-01 (the first stage, core,")
    assert got.zones == model.locate(*YIZHUANG_CORE).zones  # (every layer, whatever its dates)


def test_a_column_name_given_as_times_beside_a_frame_is_refused(model):
    """classify(df, times="ts") (events takes time="ts") read the name as one time: every in_force <NA>, or a
    length mismatch; it is refused, saying to give the column's values."""
    import geopandas as gpd

    df = pd.DataFrame({"lon": LONS, "lat": LATS, "ts": ["2024-06-01", "2024-11-01", "2024-11-01"]}, index=[4, 5, 6])
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lon, df.lat), crs="EPSG:4326")
    for frame in (df, df.iloc[:1], gdf):
        with pytest.raises(InputError) as caught:
            model.classify(frame, times="ts")
        assert str(caught.value) == (
            "times='ts' names a column of the frame, not a time: give the column's values, times=df['ts'] (one time "
            "alone applies to every point)"
        )
        assert error_text(caught.value, "zh").startswith("times='ts' 是该表的一列的名称，而不是时间")
        got = model.classify(frame, times=frame["ts"])
        assert got.index.equals(frame.index) and got["in_force"].notna().all()


# -- 4. inputs whose answer looked right and was not --------------------------------------
def _frame() -> pd.DataFrame:
    return pd.DataFrame({"lon": LONS, "lat": LATS, "ts": ["2024-06-01", "2024-11-01", "2024-11-01"]}, index=[7, 3, 9])


def test_one_column_frames_are_their_columns_index_kept_and_checked(model):
    """classify(df[["lon"]], df[["lat"]]) read the frames as 2-d arrays: the answer's index 0, 1, 2, not the
    frame's, so pd.concat put every answer beside another row (or none); times=df[["ts"]] was taken by position
    beside points of another index. A one-column frame is its column now, a Series' index kept and checked."""
    df = _frame()
    want = model.classify(df["lon"], df["lat"], times=df["ts"])
    assert want.index.tolist() == [7, 3, 9]
    assert model.classify(df[["lon"]], df[["lat"]], times=df[["ts"]]).equals(want)
    assert model.classify(df[["lon"]], df["lat"], times=df["ts"]).equals(want)
    with pytest.raises(InputError, match=r"lons and lats are Series with different indexes \(at row 0: 7"):
        model.classify(df[["lon"]], df[["lat"]].reset_index(drop=True))
    with pytest.raises(InputError, match=r"times and the points are Series with different indexes \(at row 0: 0 in"):
        model.classify(df["lon"], df["lat"], times=df[["ts"]].reset_index(drop=True))


def test_frames_of_several_columns_where_one_is_meant_are_refused(model):
    """classify(df, df.lat) said "lons and lats differ in length (9 and 3)"; times=df counted its cells."""
    df = _frame()
    with pytest.raises(InputError) as caught:
        model.classify(df, df["lat"])
    assert str(caught.value) == (
        "lons is a DataFrame of 3 columns ('lon', 'lat', 'ts'): give one column as lons and one as lats "
        "(model.classify(df['lon'], df['lat'])), or the frame alone (model.classify(df): its lon and lat columns "
        "found by name)"
    )
    assert error_text(caught.value, "zh").startswith("lons 是含 3 列的 DataFrame（'lon'、'lat'、'ts'）：")
    with pytest.raises(InputError) as caught:
        model.classify(df["lon"], df["lat"], times=df[["ts", "lat", "lon"]])
    assert str(caught.value) == (
        "times is a DataFrame of 3 columns ('ts', 'lat', 'lon'): give one column, times=df['ts']"
    )
    assert (
        error_text(caught.value, "zh")
        == "times 是含 3 列的 DataFrame（'ts'、'lat'、'lon'）：请给出其中一列，times=df['ts']"
    )


def test_iterators_are_read_as_their_values(model):
    """A generator or map as lons and lats was one object: one row "lon not a number; lat not a number" for any
    number of points; as times one value. They are read as the list of their values, as pandas reads them."""
    times = ["2024-06-01", "2024-11-01", "2024-11-01"]
    want = model.classify(LONS, LATS, times=times, status=True)
    got = model.classify((x for x in LONS), map(float, LATS), times=iter(times), status=True)
    assert got.equals(want) and len(got) == len(POINTS)
    assert (
        model.locate_many(iter(LONS), iter(LATS)).hits.tolist()
        == want.drop(columns=["in_force", "status"]).to_numpy(dtype=bool).tolist()
    )


@pytest.mark.parametrize(
    ("lons", "lats", "times", "named", "kind"),
    [
        ({116.5}, [39.79], None, "lons", "set"),
        ([116.5], {"a": 39.79}, None, "lats", "dict"),
        ([116.5], [39.79], {"2024-06-01"}, "times", "set"),
        ([116.5], [39.79], {"a": "2024-06-01"}.values(), "times", "dict_values"),
    ],
)
def test_values_without_an_order_are_refused(model, lons, lats, times, named, kind):
    """A set (or a dict) of one point's coordinate was one object, "not a number", and of one time "not a
    date/time"; of several, "differ in length (1 and n)". Values with no order cannot be paired: refused."""
    with pytest.raises(InputError) as caught:
        model.classify(lons, lats, times=times)
    assert str(caught.value) == (
        f"{named} is a {kind}, not values in order to pair by position: give a list, an array or a pandas Series "
        "(a dict: pd.Series(d), its keys the index)"
    )
    assert error_text(caught.value, "zh").startswith(f"{named} 是 {kind}，而不是可按位置配对的有序值")


@pytest.mark.parametrize(
    ("option", "values", "kind", "named"),
    [
        ("time", lambda df: df.ts, "Series", "time='ts'"),
        ("id", lambda df: df.car, "Series", "id='car'"),
        ("lon", lambda df: df.lon.to_numpy(), "ndarray", "lon='lon'"),
        ("lat", lambda df: list(df.lat), "list", "lat='lat'"),
        ("time", lambda df: pd.Series(df.ts.tolist()), "Series", "time='ts'"),
    ],
)
def test_events_told_a_columns_values_where_its_name_is_asked(model, option, values, kind, named):
    """model.events(df, time=df.ts) (as classify takes times=df.ts) raised TypeError: unhashable type: 'Series'."""
    df = pd.DataFrame({"car": ["a", "a"], "ts": ["2024-06-01 08:00", "2024-06-01 08:01"], "lon": LONS[:2]})
    df["lat"] = LATS[:2]
    with pytest.raises(InputError) as caught:
        model.events(df, **{"id": "car", option: values(df)})
    assert str(caught.value) == (
        f"{option}= takes the name of a column of df, not its values (got a {kind}): name the column, {named}, or "
        "add the values to df as a column first (df.assign(...))"
    )
    assert error_text(caught.value, "zh").startswith(
        f"{option}= 接受的是 df 中一列的名称，而不是其值（收到的是 {kind}）"
    )
    assert len(model.events(df, id="car").rows) == len(df)


@pytest.mark.parametrize(
    ("call", "given", "shown", "option", "example"),
    [
        ("locate", "2024-06-01", "'2024-06-01'", "at=", "model.locate(lon, lat, at=...)"),
        ("locate", dt.date(2024, 6, 1), "datetime.date(2024, 6, 1)", "at=", "model.locate(lon, lat, at=...)"),
        ("locate", np.datetime64("2024-06-01"), "np.datetime64('2024-06-01')", "at=", "model.locate(lon, lat, at=...)"),
        ("classify", "2024-06-01", "'2024-06-01'", "times=", "model.classify(lons, lats, times=...)"),
    ],
)
def test_a_time_given_where_crs_belongs_names_the_keyword_to_give_it(model, call, given, shown, option, example):
    """locate(lon, lat, "2024-06-01") and classify(lons, lats, "2024-06-01") said "crs=: unknown coordinate
    reference system '2024-06-01'": a time in crs's place (the third argument) says which keyword takes it."""
    lon, lat = SUB_CENTER
    with pytest.raises(InputError) as caught:
        model.locate(lon, lat, given) if call == "locate" else model.classify([lon], [lat], given)
    assert str(caught.value) == (
        f"crs is {shown}, a time, not a coordinate reference system (the third argument is crs): give the time by "
        f"keyword, {option}: {example}"
    )
    assert error_text(caught.value, "zh") == (
        f"crs 是 {shown}，这是时间，而不是坐标参考系（第三个参数是 crs）：请以关键字给出时间，{option}：{example}"
    )


def test_times_given_where_crs_belongs_name_times_and_other_crs_errors_stay(model):
    from avzone.errors import CRSError

    df = _frame()
    with pytest.raises(InputError) as caught:
        model.classify(df.lon, df.lat, df.ts)
    assert str(caught.value) == (
        "crs is a Series of times, not a coordinate reference system (the third argument is crs): give them by "
        "keyword, times=: model.classify(lons, lats, times=...)"
    )
    assert error_text(caught.value, "zh").startswith("crs 是由时间组成的 Series，而不是坐标参考系")
    for nope in ("nope", 999999, ["x"]):  # (no time: the CRS error as it was)
        with pytest.raises(CRSError, match="crs=: unknown coordinate reference system"):
            model.locate(*SUB_CENTER, nope)
        with pytest.raises(CRSError, match="crs=: unknown coordinate reference system"):
            model.classify(df.lon, df.lat, nope)

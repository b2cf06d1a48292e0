"""Messages and results that must say what happened: how a column came to be both lon and lat, an
``--override-crs`` that overrode nothing, the index of ``classify``'s answer, a Shapefile's cut JSON text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from avzone.batch import locate_file
from avzone.columns import refuse_one_column_for_both
from avzone.errors import InputError


@pytest.fixture
def fixes_csv(tmp_path: Path) -> Path:
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.50,39.79\na,2024-05-01 08:01:00,116.51,39.79\n",
        encoding="utf-8",
    )
    return src


# -- one column for both lon and lat: how each role came to it -------------------------------------------------
@pytest.mark.parametrize(
    ("options", "column", "how", "how_zh"),
    [
        (
            {"lon_col": "lat", "lat_col": "lat"},
            "lat",
            "--lon-col (lon_col=) and --lat-col (lat_col=) both name it",
            "--lon-col（lon_col=） 和 --lat-col（lat_col=） 都指定了它",
        ),
        (
            {"lon_col": "lat"},
            "lat",
            "--lon-col (lon_col=) names it, and with no --lat-col (lat_col=) given its name makes it the "
            "lat column too",
            "--lon-col（lon_col=） 指定了它，而未给出 --lat-col（lat_col=），按列名它又被识别为纬度列",
        ),
    ],
)
def test_library_file_job_names_its_arguments_for_one_column_as_both(
    tmp_path, model, fixes_csv, options, column, how, how_zh
):
    """A library caller passes ``lon_col=``: the message names it beside the option, and says what was found."""
    with pytest.raises(InputError) as caught:
        locate_file(model, fixes_csv, tmp_path / "out.csv", **options)
    assert str(caught.value) == (
        f"{fixes_csv}: column {column!r} is both the lon and the lat column: {how}; name the lon column with "
        "--lon-col (lon_col=) and the lat column with --lat-col (lat_col=) (columns are: vehicle, ts, lon, lat)"
    )
    assert how_zh in caught.value.args[0].text("zh")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("options", "how", "how_zh"),
    [
        ({"lon": "lat", "lat": "lat"}, "lon= and lat= both name it", "lon= 和 lat= 都指定了它"),
        (
            {"lon": "lat"},
            "lon= names it, and with no lat= given its name makes it the lat column too",
            "lon= 指定了它，而未给出 lat=，按列名它又被识别为纬度列",
        ),
        (
            {"lat": "lon"},
            "lat= names it, and with no lon= given its name makes it the lon column too",
            "lat= 指定了它，而未给出 lon=，按列名它又被识别为经度列",
        ),
    ],
)
def test_dataframe_events_and_tracks_say_which_argument_named_the_one_column(model, fixes_csv, options, how, how_zh):
    """``model.events(df, lon="lat")``: lat= was not given, the column was found by its name; the message says so."""
    from avzone.maps import split_tracks

    fixes = pd.read_csv(fixes_csv)
    column = next(iter(options.values()))
    for run in (model.events, lambda df, **kw: split_tracks(model, df, **kw)):
        with pytest.raises(InputError) as caught:
            run(fixes, **options)
        message = str(caught.value)
        assert f"column {column!r} is both the lon and the lat column: {how}; " in message, message
        assert (
            "name the lon column with lon= and the lat column with lat= (columns are: vehicle, ts, lon, lat)" in message
        )
        assert how_zh in caught.value.args[0].text("zh")


def test_one_column_found_by_name_as_both_says_so():
    """No name says both lon and lat today; should one ever, the message must not claim an option gave it."""
    with pytest.raises(InputError, match="column 'xy' is both the lon and the lat column: its name makes it both; "):
        refuse_one_column_for_both(["xy"], "xy", "xy", False, False, "f.csv")
    refuse_one_column_for_both(["lon", "lat"], "lon", "lat", True, True, "f.csv")  # two columns: nothing to say

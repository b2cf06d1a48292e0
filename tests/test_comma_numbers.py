"""A coordinate written with a decimal comma or thousands separators is no number avzone reads where it is given
(a DataFrame's text, a CSV file separated by commas, the HTTP API, the command line): each entry point that names
the value says how to write it, as it does for degrees and minutes, a hemisphere letter or an en dash.

A CSV file separated by ';' or tabs reads a decimal comma (tests/test_csv_bytes.py and others): unchanged here.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from common import refused, run_cli

from avzone.errors import InputError
from avzone.i18n import error_text

WRITTEN = {
    "116,48": ("decimal comma", "116.48"),
    "-3,5": ("decimal comma", "-3.5"),
    "３９，９９": ("decimal comma", "39.99"),  # (full-width digits and comma, as a Chinese input method types them)
    "1,116.50": ("thousands", "1116.50"),
    "457,189.6": ("thousands", "457189.6"),
    "4,404,569.2": ("thousands", "4404569.2"),
    "4,404,569": ("thousands", "4404569"),
    "4.404.569,2": ("thousands", "4404569.2"),
    "1.116,50": ("thousands", "1116.50"),
}


@pytest.mark.parametrize("text", sorted(WRITTEN))
def test_a_number_with_a_comma_says_the_number_to_write(text):
    from avzone.points import number_text, number_why

    kind, number = WRITTEN[text]
    assert number_text(text) is None  # (still no number: the rule of coordinates as text is unchanged)
    why = number_why(text)
    assert why is not None, text
    en, zh = str(why), why.text("zh")
    assert f"write {number}" in en and f"请写成 {number}" in zh, (en, zh)
    assert (
        ("decimal comma" in en and "小数逗号" in zh)
        if kind == "decimal comma"
        else ("thousands" in en and "千位" in zh)
    )


def test_a_comma_that_may_be_either_names_both_numbers():
    from avzone.points import number_why

    why = number_why("116,500")
    assert why is not None
    en, zh = str(why), why.text("zh")
    assert "116.500" in en and "116500" in en and "116.500" in zh and "116500" in zh, (en, zh)


@pytest.mark.parametrize("text", ["116.5", "abc", "116.48,39.99", "1,2,3", "12,34,567", ",5", "5,", "1,000,00"])
def test_other_texts_with_commas_get_no_such_reason(text):
    from avzone.points import number_why

    assert number_why(text) is None


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_file_job_s_summary_says_how_to_write_the_numbers(tmp_path, engine):
    src = tmp_path / "p.csv"
    src.write_text('id,x,y\n1,"457,189.6","4,404,569.2"\n2,"116,48","39,99"\n3,116.5,39.79\n', encoding="utf-8")
    if engine == "dask":  # (the Dask engine reads Parquet: text columns of the same cells)
        pd.read_csv(src, dtype=str).to_parquet(tmp_path / "p.parquet")
        src = tmp_path / "p.parquet"
    dst = tmp_path / ("o.csv" if engine == "local" else "o.parquet")
    r = run_cli("locate", "--input", str(src), "--output", str(dst), "--engine", engine, "--json")
    assert r.returncode == 0, r.stderr
    whys = {
        v["value"]: v.get("why")
        for rows in json.loads(r.stdout)["examples_by_status"].values()
        for e in rows
        for v in e["values"]
    }
    assert "write 457189.6" in whys["'457,189.6'"] and "thousands" in whys["'457,189.6'"]
    assert "write 116.48" in whys["'116,48'"] and "decimal comma" in whys["'116,48'"]
    out = pd.read_csv(dst, dtype=str, keep_default_na=False) if engine == "local" else pd.read_parquet(dst)
    assert out["x"].tolist() == ["457,189.6", "116,48", "116.5"]  # (the file's cells kept as they were)


@pytest.mark.parametrize("lang, said", [("en", "decimal comma"), ("zh", "小数逗号")])
def test_one_point_with_a_decimal_comma_says_the_number_to_write(model, lang, said):
    err = refused("locate", "116,48", "39.79", "--lang", lang)
    assert said in err and "116.48" in err, err
    with pytest.raises(InputError) as caught:
        model.locate("116,48", "39.79")
    shown = error_text(caught.value, lang)
    assert said in shown and "116.48" in shown, shown


def test_the_http_api_says_how_to_write_a_number_with_a_decimal_comma(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        r = c.get("/v1/locate", params={"lon": "116,48", "lat": "39.79"})
    assert r.status_code == 422
    assert "decimal comma" in r.text and "116.48" in r.text, r.text


def test_the_http_api_says_it_of_each_point_of_a_post_body_and_echoes_the_text(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    body = [["116,48", 39.79], ["abc", 39.79], [116.5, 39.79]]
    with TestClient(create_app(model)) as c:
        en, zh = (c.post("/v1/locate", params={"lang": lang}, json=body) for lang in ("en", "zh"))
    first, other, ok = en.json()["results"]
    assert first["status"] == "lon not a number" and first["input"] == ["116,48", 39.79]
    assert "decimal comma" in first["why"] and "write 116.48" in first["why"], first
    assert "why" not in other and other["input"] == ["abc", 39.79]  # (no number written another way: no more said)
    assert "why" not in ok and ok["input"] == [116.5, 39.79]
    assert zh.headers["content-language"] == "zh" and "小数逗号" in zh.json()["results"][0]["why"]


def test_a_dataframe_of_text_says_how_to_write_the_numbers_in_its_notes(model):
    from avzone.i18n import written

    frame = pd.DataFrame(
        {"经度": ["116,48", "116.5", "1,116.50"], "纬度": ["39.79", "39,79", "39.79"]}, index=[7, 8, 9]
    )
    notes = model.classify(frame, status=True).attrs["notes"]
    text = "\n".join(map(str, notes))
    assert "row 0 (index 7), 经度 = '116,48': a decimal comma" in text and "write 116.48" in text, text
    assert "row 1 (index 8), 纬度 = '39,79'" in text and "write 39.79" in text, text
    assert "row 2 (index 9), 经度 = '1,116.50'" in text and "write 1116.50" in text, text
    zh = "\n".join(written(n, "zh") for n in notes)
    assert "第 0 行（索引 7），经度 = '116,48'：小数逗号" in zh, zh
    assert not model.classify(frame.assign(经度="abc", 纬度="39.79")).attrs  # (no number written another way: no note)


def test_model_events_on_text_columns_says_how_to_write_the_numbers_as_classify_does(model):
    from avzone.i18n import written

    frame = pd.DataFrame(
        {
            "vehicle": [7, 7, 7],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:05", "2024-07-01 08:10"],
            "经度": ["116,48", "116.46", "abc"],
            "纬度": ["39.79", "39.79", "39.79"],
        },
        index=[7, 8, 9],
    )
    res = model.events(frame, lon="经度", lat="纬度")
    assert res.rows["status"].tolist()[0] == "经度 not a number"
    said = model.classify(frame[["经度", "纬度"]], status=True).attrs["notes"]
    for lang in ("en", "zh"):
        (note,) = (n for n in said if "116,48" in written(n, lang))
        assert written(note, lang) in [written(n, lang) for n in res.notes], (lang, res.notes)
        assert written(note, lang) in [written(n, lang) for n in res.rows.attrs["notes"]]
    text = "\n".join(map(str, res.notes))
    assert "row 0 (index 7), 经度 = '116,48': a decimal comma" in text and "write 116.48" in text, text
    assert not model.events(frame.assign(经度="abc"), lon="经度", lat="纬度").notes  # (no such number: no note)


def test_only_the_rows_that_are_no_number_are_looked_at_again(model, monkeypatch):
    from avzone import points

    seen: list = []
    why = points.number_why  # (a note's rows are looked at again by the rule of one value: points.number_value_why)
    monkeypatch.setattr(points, "number_why", lambda v: seen.append(v) or why(v))
    lon = pd.Series(["116.5"] * 10_000 + ["116,48"], name="lon")
    notes = model.classify(lon, pd.Series(["39.79"] * 10_001, name="lat")).attrs["notes"]
    assert seen == ["116,48"] and "write 116.48" in str(notes[0])
    located = model.locate_many(pd.Series([116.5] * 10), pd.Series([39.79] * 10))
    assert located.given is None and located.notes == []  # (numbers: none kept, none looked at)


@pytest.mark.parametrize("text_col", ["lon", "lat"])
def test_one_column_of_text_beside_one_of_numbers_says_how_to_write_its_numbers(model, text_col):
    """A DataFrame whose lon is text and lat numbers (or the other way round) had no note: the note looked for
    text in both columns. classify, locate_many and events name the row and the number to write alike."""
    from avzone.i18n import written

    value, number = ("116,48", "116.48") if text_col == "lon" else ("39,79", "39.79")
    good = "116.46" if text_col == "lon" else "39.80"
    frame = pd.DataFrame({"lon": [116.46, 116.47, 116.48], "lat": [39.79, 39.80, 39.81]}, index=[4, 5, 6])
    frame[text_col] = [good, value, good]
    expect = f"row 1 (index 5), {text_col} = '{value}'"
    notes = {
        "classify": model.classify(frame, status=True).attrs["notes"],
        "locate_many": model.locate_many(frame).notes,
        "events": model.events(
            frame.assign(vehicle=1, ts=pd.date_range("2024-07-01 08:00", periods=3, freq="min"))
        ).notes,
    }
    for entry, said in notes.items():
        text = "\n".join(map(str, said))
        assert expect in text and f"write {number}" in text, (entry, text)
        assert any(f"请写成 {number}" in written(n, "zh") for n in said), entry
    numbers = frame.assign(**{text_col: [float(good), 1.0, float(good)]})
    assert not model.locate_many(numbers).notes  # (numbers alone: no note)

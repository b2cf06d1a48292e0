"""A GeoJSON input gets one answer whatever the entry point (the command line, the library, the HTTP service), and
its data is never changed silently: every feature keeps its row and a status, and a refusal names the feature."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from common import refused, run_cli

from avzone.batch import read_fixes
from avzone.errors import InputError

INSIDE = (116.5, 39.8)  # in every zone layer


def _feature(coords, **props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": list(coords)}}


def _write(path, doc):
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _fixes(ids):
    return {
        "type": "FeatureCollection",
        "features": [
            _feature((116.40 + 0.01 * k, 39.90), vehicle=v, ts=f"2024-07-01T08:0{k}:00") for k, v in enumerate(ids)
        ],
    }


# -- vehicle ids of different types written the same (1 and "1") ----------------------------------------------
def test_events_refuses_ids_of_two_types_written_alike_as_the_library_does(tmp_path, model):
    src = _write(tmp_path / "fixes.geojson", _fixes([1, "1", 1]))
    err = refused("events", "--input", str(src), "-o", str(tmp_path / "ev.csv"))
    assert "vehicle ids 1 (features[0]) and \"1\" (features[1]) of 'vehicle' are different values written" in err
    assert not (tmp_path / "ev.csv").exists()
    zh = refused("events", "--input", str(src), "-o", str(tmp_path / "ev.csv"), "--lang", "zh")
    assert "'vehicle' 中的车辆编号 1（features[0]）和 \"1\"（features[1]）" in zh
    # the library, given the same ids with their types, refuses them too
    frame = pd.DataFrame({"vehicle": [1, "1", 1], "ts": ["2024-07-01T08:00:00"] * 3, "lon": 116.4, "lat": 39.9})
    with pytest.raises(InputError, match="written the same"):
        model.events(frame)
    with pytest.raises(InputError, match=r"features\[0\]"):
        read_fixes(src)


def test_the_feature_id_member_is_judged_too(tmp_path):
    doc = _fixes(["a", "a", "a"])
    for f, fid in zip(doc["features"], ["7", 7, 8]):
        f["id"] = fid
    src = _write(tmp_path / "fixes.geojson", doc)
    err = refused("events", "--input", str(src), "--id-col", "id", "-o", str(tmp_path / "ev.csv"))
    assert "\"7\" (features[0]) and 7 (features[1]) of 'id'" in err


@pytest.mark.parametrize("ids", [[1, "2", 1], ["1", "1", "2"], [7, 7.0, 8], [1, None, "x"]])
def test_ids_that_are_not_written_alike_are_read_as_before(tmp_path, ids):
    src = _write(tmp_path / "fixes.geojson", _fixes(ids))
    out = run_cli("events", "--input", str(src), "-o", str(tmp_path / "ev.csv"), "--summary", str(tmp_path / "s.csv"))
    assert out.returncode == 0, out.stderr


def test_a_property_mixing_types_that_is_not_the_id_is_no_refusal(tmp_path):
    doc = _fixes(["a", "a", "a"])
    for f, v in zip(doc["features"], [1, "1", 2]):
        f["properties"]["note"] = v
    src = _write(tmp_path / "fixes.geojson", doc)
    assert run_cli("events", "--input", str(src), "-o", str(tmp_path / "ev.csv")).returncode == 0
    assert run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv")).returncode == 0


# -- "at least half", not "most": the judgement of a whole input holds at exactly half of its points ----------
def test_the_status_of_a_whole_input_says_at_least_half_as_the_judgement_holds(tmp_path, model):
    from avzone import i18n
    from avzone.points import to_points

    half = [(-116.5, 39.8), (-116.4, 39.9), (2.35, 48.85), (10.0, 10.0)]  # 2 of 4 signs dropped: exactly half
    doc = {"type": "FeatureCollection", "features": [_feature(p, n=i) for i, p in enumerate(half)]}
    out = model.locate_many(to_points([p[0] for p in half], [p[1] for p in half]))
    said = out.points.status_text().tolist()[:2]
    assert all(s.startswith("minus sign where none belongs?") for s in said)
    assert all("as at least half of the input's points are" in s and "most" not in s for s in said)
    for key in ("row_signs_dropped", "row_radians", "row_nmea_minutes"):
        assert "at least half" in i18n.text(key, "en") and "至少一半" in i18n.text(key, "zh")
        assert "most" not in i18n.text(key, "en") and "大多数" not in i18n.text(key, "zh")
    # a file of the same points is judged alike: the job stops, naming the reading
    src = _write(tmp_path / "half.geojson", doc)
    assert "minus sign" in refused("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))


# -- the GeoJSON path audited: each shape of input answered alike by the command line and the HTTP service -------
def _locate_rows(tmp_path, doc, name="in.geojson"):
    src = _write(tmp_path / name, doc)
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0, out.stderr
    return pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False)


def test_an_item_of_features_that_is_no_feature_is_refused_naming_it_as_over_http(tmp_path, model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    doc = {"type": "FeatureCollection", "features": [_feature(INSIDE, n=0), {"type": "Point", "coordinates": [1, 2]}]}
    src = _write(tmp_path / "in.geojson", doc)
    out = tmp_path / "rows.geojson"
    err = refused("locate", "--input", str(src), "-o", str(out))
    assert 'features[1] is not a GeoJSON Feature (got {"type": "Point", "coordinates": [1, 2]})' in err
    assert not out.exists()  # (it was a row "no point geometry", written back as a Feature it never was)
    zh = refused("locate", "--input", str(src), "-o", str(out), "--lang", "zh")
    assert "features[1] 不是 GeoJSON Feature（收到" in zh
    r = TestClient(create_app(model)).post("/v1/locate", json=doc)
    assert r.status_code == 422 and "body.features[1] is not a GeoJSON Feature" in r.json()["detail"]
    for item in (None, 7, [116.5, 39.8], {"properties": {}, "geometry": None}):
        doc["features"][1] = item
        _write(src, doc)
        assert "features[1] is not a GeoJSON Feature" in refused("locate", "--input", str(src), "-o", str(out))


@pytest.mark.parametrize("text", ["\x85", "\u2028", "a\nb", "\x1b[31m"])
def test_a_refusal_quoting_an_item_stays_one_line_its_unprintable_characters_escaped(tmp_path, model, text):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    doc = {"type": "FeatureCollection", "features": [_feature(INSIDE, n=0), {"geometry": text}]}
    src = _write(tmp_path / "in.geojson", doc)
    out = tmp_path / "rows.csv"
    for lang in ("en", "zh"):
        err = refused("locate", "--input", str(src), "-o", str(out), "--lang", lang)
        assert len(err.strip().splitlines()) == 1, err
        assert json.dumps(text) in err  # ("\u0085": what was there, said)
    detail = TestClient(create_app(model)).post("/v1/locate", json=doc).json()["detail"]
    assert json.dumps(text) in detail and len(detail.splitlines()) == 1


@pytest.mark.parametrize(
    ("doc", "kind"),
    [(_feature(INSIDE, n=0), "Feature"), ({"type": "Point", "coordinates": list(INSIDE)}, "Point")],
)
def test_a_bare_feature_or_geometry_is_refused_saying_what_it_is(tmp_path, doc, kind):
    src = _write(tmp_path / "in.geojson", doc)
    err = refused("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert f"a GeoJSON {kind} alone (got {{" in err and "not a FeatureCollection: put it in one" in err
    zh = refused("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"), "--lang", "zh")
    assert f"只有一个 GeoJSON {kind}" in zh


def test_every_feature_keeps_its_row_and_a_status(tmp_path):
    geoms = [
        None,
        {"type": "MultiPoint", "coordinates": [list(INSIDE)]},
        {"type": "LineString", "coordinates": [list(INSIDE), [116.6, 39.8]]},
        {"type": "Point", "coordinates": [*INSIDE, 50.0]},
        {"type": "Point", "coordinates": ["116.5", "39.8"]},
        {"type": "Point", "coordinates": [116.500000000000000000000000001, 39.80000000000000000000001]},
        {"type": "Point", "coordinates": list(INSIDE)},
    ]
    feats = [{"type": "Feature", "properties": {"n": i}, "geometry": g} for i, g in enumerate(geoms)]
    feats[-1] |= {"bbox": [*INSIDE, *INSIDE], "title": "a foreign member"}
    doc = {"type": "FeatureCollection", "bbox": [*INSIDE, *INSIDE], "name": "fixes", "features": feats}
    rows = _locate_rows(tmp_path, doc)
    assert rows["n"].tolist() == [str(i) for i in range(len(geoms))]
    assert rows["status"].tolist() == ["no point geometry"] + ["geometry is not a Point"] * 2 + ["ok"] * 4
    out = tmp_path / "rows.geojson"
    assert run_cli("locate", "--input", str(tmp_path / "in.geojson"), "-o", str(out)).returncode == 0
    back = json.loads(out.read_text(encoding="utf-8"))
    assert back["bbox"] == doc["bbox"] and back["name"] == "fixes"
    assert [f["geometry"] for f in back["features"]] == [*geoms[:5], back["features"][5]["geometry"], geoms[6]]
    assert back["features"][-1]["title"] == "a foreign member" and back["features"][-1]["bbox"] == feats[-1]["bbox"]


def test_a_file_with_a_utf8_bom_is_read(tmp_path):
    src = tmp_path / "bom.geojson"
    src.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"type": "FeatureCollection", "features": [_feature(INSIDE)]}).encode()
    )
    out = run_cli("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert out.returncode == 0 and pd.read_csv(tmp_path / "rows.csv")["status"].tolist() == ["ok"]


@pytest.mark.parametrize(("name", "start"), [("fixes.geojson", ""), ("fixes.json", "\x1e"), ("fixes.geojsonl", "")])
def test_newline_delimited_geojson_is_refused_saying_how_to_convert_it(tmp_path, name, start):
    src = tmp_path / name
    src.write_text("".join(start + json.dumps(_feature(INSIDE, n=i)) + "\n" for i in range(3)), encoding="utf-8")
    err = refused("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"))
    assert "newline-delimited GeoJSON, one Feature a line, is not read: make it a FeatureCollection" in err
    if name == "fixes.geojson":  # (it said: not valid JSON (line 2, column 1: Extra data))
        assert "one Feature after another (line 2), not a FeatureCollection: GeoJSONSeq" in err
    zh = refused("locate", "--input", str(src), "-o", str(tmp_path / "rows.csv"), "--lang", "zh")
    assert "不读取按行分隔的 GeoJSON" in zh


def test_a_json_error_that_is_no_sequence_is_said_as_before(tmp_path):
    src = tmp_path / "bad.geojson"
    src.write_text('{"type": "FeatureCollection", "features": []}\n{"a": 1}\n', encoding="utf-8")
    assert "not valid JSON (line 2, column 1" in refused("locate", "--input", str(src), "-o", str(tmp_path / "o.csv"))

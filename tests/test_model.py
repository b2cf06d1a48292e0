"""Loading and querying the model."""

from __future__ import annotations

import pytest

import avzone
from avzone.errors import LayerError


def test_layers_and_zone_layers(model):
    for lid in ("current", "planned", "stations", "airports", "core", "outlook", "routes"):
        assert lid in model.layers
    assert model.zone_layers[:3] == ["core", "current", "planned"]


def test_layer_is_an_epsg4326_geodataframe_copy(model):
    current = model.layer("current")
    assert str(current.crs) == "EPSG:4326"
    current.loc[:, "name_en"] = "changed"
    assert model.layer("current")["name_en"].iloc[0] != "changed"


def test_area_of_layer_equals_sum_of_disjoint_parts(model):
    parts = model.layer("planned")["id"]
    assert set(parts) >= {"planned_yizhuang", "planned_tongzhou", "planned_shunyi"}
    total = sum(model.area_km2(fid) for fid in parts)
    assert model.area_km2("planned") == pytest.approx(total, rel=1e-4)


def test_unknown_layer_names_the_choices(model):
    with pytest.raises(LayerError, match=r"no layer 'nope' in dataset 'beijing'; layers are: core, current"):
        model.layer("nope")
    with pytest.raises(LayerError, match="no layer or feature 'nope'"):
        model.area_km2("nope")


def test_airports_carry_codes_and_footprints(model):
    airports = model.layer("airports").set_index("id")
    assert airports.loc["PKX", "iata"] == "PKX" and airports.loc["PKX", "icao"] == "ZBAD"
    assert airports.loc["PEK", "iata"] == "PEK" and airports.loc["PEK", "icao"] == "ZBAA"
    for code in ("PKX", "PEK"):
        fp = airports.loc[f"{code}_footprint", "geometry"]
        assert fp.geom_type == "Polygon" and fp.covers(airports.loc[code, "geometry"])


def test_load_a_copy_by_path(dataset_copy):
    m = avzone.load(dataset_copy.folder)
    assert m.folder == dataset_copy.folder and m.layers == avzone.load().layers


@pytest.mark.parametrize(
    ("feature_id", "geom_type", "layer"),
    [("PKX", "Point", "airports"), ("beijing_south", "Point", "stations"), ("pkx_expressway", "LineString", "routes")],
)
def test_area_of_a_point_or_a_line_is_refused_not_zero(model, feature_id, geom_type, layer):
    # 0.0 km² for a station or a route looks like a measured area; the hubs and routes layers are refused
    with pytest.raises(LayerError) as raised:
        model.area_km2(feature_id)
    assert str(raised.value) == (
        f"{feature_id!r} is a {geom_type} of the {layer} layer: it has no area "
        "(area_km2 measures zone layers and polygon features)"
    )
    assert model.area_km2("PKX_footprint") == pytest.approx(60.8, abs=0.1)  # a polygon: measured

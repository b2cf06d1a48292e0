"""The in-browser point check's data attributes: one per zone layer, whatever its id is written in.

The check writes ``data-<key>="true"|"false"`` for each zone layer (``data-current``). Keys once were the id
reduced to ``[a-z0-9_-]``, so ids in Chinese alone (``区域一``, ``区域二``: both ``---``), or differing only
outside that set (``zone-a``, ``Zone-A``), shared one attribute, and an id ``lon`` overwrote the check's own
``data-lon``. The browser side is in tests/test_browser_check_keys.py.
"""

from __future__ import annotations

import re

import pytest
from test_maps import avzone_data, render

from avzone import i18n


def renamed(dataset_copy, names: dict[str, str]):
    """The embedded dataset with zone layers renamed (``{old id: new id}``) wherever the manifest names them."""
    doc = dataset_copy.read("dataset.json")
    new = lambda z: names.get(z, z)  # noqa: E731
    for entry in doc["layers"]:
        entry["id"] = new(entry["id"])
    doc["containment"] = [[new(z) for z in pair] for pair in doc["containment"]]
    doc["expansion"] = {k: new(v) if k in ("from", "to") else v for k, v in doc["expansion"].items()}
    for stage in doc["timeline"]:
        stage["layer"] = stage["layer"] and new(stage["layer"])
    dataset_copy.write("dataset.json", doc)
    model = dataset_copy.load()
    assert set(names.values()) <= set(model.zone_layers)
    return model


#: Zone ids that shared a key, or took one of the check's own attributes, under the old rule.
COLLIDING = [
    {"core": "区域一", "current": "区域二"},
    {"core": "zone-a", "current": "Zone-A"},
    {"core": "lon", "current": "LAT"},
]


def _old_key(layer_id: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", layer_id.lower())


@pytest.mark.parametrize("names", COLLIDING, ids=["chinese", "case", "lon-lat"])
def test_each_zone_layer_has_a_point_check_key_of_its_own(dataset_copy, names):
    model = renamed(dataset_copy, names)
    a, b = names.values()
    assert _old_key(a) == _old_key(b) or {_old_key(a), _old_key(b)} == {"lon", "lat"}  # (what the test is about)
    for lang in ("en", "zh"):
        zones = avzone_data(render(model, tiles="none", lang=lang))["zones"]
        assert [z["id"] for z in zones] == model.zone_layers
        keys = [z["key"] for z in zones]
        assert len(set(keys)) == len(keys), keys
        assert not {"lon", "lat"} & set(keys), "the check's own data-lon and data-lat"
        assert all(re.fullmatch(r"[a-z0-9_][a-z0-9_-]*", k) for k in keys), keys  # (an attribute name as it is)
        # the words shown are the zones' names, as before
        assert [z["title"] for z in zones] == [i18n.zone_name(model, z, lang) for z in model.zone_layers]
    untouched = [z for z in model.zone_layers if z not in names.values()]
    assert [z["key"] for z in zones if z["id"] in untouched] == untouched, "a plain id is its own key"

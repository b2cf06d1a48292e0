"""Read a dataset folder (``dataset.json`` plus one GeoJSON file per layer).

Only what makes a dataset unreadable raises here (a missing or unparsable
file, a geometry that cannot be built); everything else that can be wrong
with a dataset (missing properties, invalid rings, wrong areas) is reported
by :meth:`avzone.Model.check`, so one run lists every problem at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from avzone.errors import DataError

if TYPE_CHECKING:
    import geopandas as gpd

MANIFEST = "dataset.json"
LAYER_KINDS = ("zone", "hubs", "routes")


@dataclass(frozen=True)
class LayerInfo:
    """One layer as the manifest declares it.

    ``nominal_area_km2`` and ``area_tolerance_pct`` are set for zone layers
    only; ``extra`` keeps every other manifest field (titles, stage, dates).
    """

    id: str
    file: str
    kind: str
    nominal_area_km2: float | None = None
    area_tolerance_pct: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A manifest field of this layer, or ``default``."""
        return self.extra.get(key, default)


@dataclass(frozen=True)
class RawLayer:
    """A layer file as read: its info, the GeoJSON features, their properties and shapely geometries.

    ``frame`` (a GeoDataFrame in EPSG:4326) is built on first use, so that
    reading a dataset does not import geopandas and pandas.
    """

    info: LayerInfo
    path: Path
    features: list[dict[str, Any]]
    properties: list[dict[str, Any]]
    geometries: list[BaseGeometry | None]

    @cached_property
    def frame(self) -> gpd.GeoDataFrame:
        """The features as a GeoDataFrame in EPSG:4326 (built once; do not modify)."""
        import geopandas as gpd

        return gpd.GeoDataFrame(self.properties, geometry=self.geometries, crs="EPSG:4326")


def default_data_dir() -> Path:
    """The folder of the embedded Beijing dataset.

    Installed wheels carry it as ``avzone/geo``; a source checkout keeps it in
    the repository's top-level ``geo/`` folder.
    """
    packaged = Path(str(resources.files("avzone"))) / "geo"
    if (packaged / MANIFEST).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "geo"


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read file ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def read_manifest(folder: Path) -> dict[str, Any]:
    """Parse and sanity-check ``dataset.json`` of a dataset folder."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise DataError(f"{folder}: not a dataset folder (no such directory)")
    manifest = _read_json(path)
    if not isinstance(manifest, dict):
        raise DataError(f"{path}: expected a JSON object at the top level")
    layers = manifest.get("layers")
    if not isinstance(layers, list) or not layers:
        raise DataError(f"{path}: 'layers' must be a non-empty list of layer entries")
    seen: set[str] = set()
    for i, entry in enumerate(layers):
        where = f"{path}: layers[{i}]"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected an object with 'id', 'file' and 'kind'")
        for key in ("id", "file", "kind"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise DataError(f"{where}: '{key}' must be a non-empty string")
        if entry["kind"] not in LAYER_KINDS:
            raise DataError(f"{where} ({entry['id']}): kind {entry['kind']!r} is not one of {', '.join(LAYER_KINDS)}")
        if entry["id"] in seen:
            raise DataError(f"{where}: duplicate layer id {entry['id']!r}")
        seen.add(entry["id"])
        if Path(entry["file"]).is_absolute() or ".." in Path(entry["file"]).parts:
            raise DataError(f"{where}: 'file' must be a path inside the dataset folder")
    bounds = manifest.get("bounds")
    if bounds is not None and (
        not isinstance(bounds, list)
        or len(bounds) != 4
        or any(_number(b) is None for b in bounds)
        or not (bounds[0] < bounds[2] and bounds[1] < bounds[3])
    ):
        raise DataError(
            f"{path}: 'bounds' must be [west_lon, south_lat, east_lon, north_lat] with west < east "
            f"and south < north, got {bounds!r}"
        )
    return manifest


def _layer_info(entry: dict[str, Any]) -> LayerInfo:
    extra = {k: v for k, v in entry.items() if k not in ("id", "file", "kind")}
    return LayerInfo(
        id=entry["id"],
        file=entry["file"],
        kind=entry["kind"],
        nominal_area_km2=_number(entry.get("nominal_area_km2")),
        area_tolerance_pct=_number(entry.get("area_tolerance_pct")),
        extra=extra,
    )


def read_layer(folder: Path, entry: dict[str, Any]) -> RawLayer:
    """Read one layer's GeoJSON FeatureCollection: properties and shapely geometries (EPSG:4326)."""
    info = _layer_info(entry)
    path = folder / info.file
    doc = _read_json(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(f"{path}: expected a GeoJSON FeatureCollection")
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError(f"{path}: 'features' must be a list")
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry | None] = []
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise DataError(f"{path}: features[{i}] is not a GeoJSON Feature")
        props = feat.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            raise DataError(f"{path}: features[{i}]: 'properties' must be an object")
        label = props.get("id", f"features[{i}]")
        raw_geom = feat.get("geometry")
        if raw_geom is None:
            geom = None
        else:
            try:
                geom = shape(raw_geom)
            except Exception as exc:  # shapely raises several types for bad GeoJSON
                raise DataError(f"{path}: feature {label!r}: geometry cannot be built ({exc})") from None
        rows.append(dict(props))
        geoms.append(geom)
    return RawLayer(info=info, path=path, features=features, properties=rows, geometries=geoms)


def read_dataset(path: str | Path | None = None) -> tuple[Path, dict[str, Any], dict[str, RawLayer]]:
    """Read a dataset folder: its path, its manifest and its layers by id.

    ``path`` defaults to the embedded Beijing dataset. Raises
    :class:`~avzone.DataError` naming the file and the reason when the
    folder, the manifest or a layer file cannot be read or parsed.
    """
    folder = Path(path) if path is not None else default_data_dir()
    manifest = read_manifest(folder)
    layers = {entry["id"]: read_layer(folder, entry) for entry in manifest["layers"]}
    return folder, manifest, layers


def valid_geometry(geom: BaseGeometry | None) -> bool:
    """True for a non-empty, OGC-valid geometry."""
    return geom is not None and not geom.is_empty and bool(shapely.is_valid(geom))

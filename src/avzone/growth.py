"""How much the zone grew: between two stages, and along the whole timeline.

Every area is geodesic (WGS84 ellipsoid), measured from the layers; the
nominal figures (what a layer is drawn to measure) and the reported figures
(what the press reported for the stage, manifest ``reported_area_km2``) are
shown beside them, never in their place. They differ where a report names a
figure no drawn polygon has: the outlook's "about 3,000 km²" is a plan
centred on the belt between the 4th and 6th Ring Roads, which itself
measures about 1,960 km².
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from avzone import geodesy
from avzone.errors import AvzoneError, InputError, LayerError
from avzone.i18n import Joined, Message, Option, area_figure, plain_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from avzone.model import Model

PART_MIN_KM2 = 0.01  # a part adding less than this is a shared edge, not growth
DAYS_PER_YEAR = 365.25
MIN_CAGR_YEARS = 1  # calendar years: annualising a few months' jump says nothing
REPORTED_APART = 0.02  # a reported figure further than this from the drawn layer's area describes something else


@dataclass(frozen=True)
class Stage:
    """One stage of the timeline; ``area_km2`` is measured when the stage has a layer.

    ``nominal_km2`` is the area the stage's layer is drawn to (checked within
    its tolerance); ``reported_km2`` the figure reported for the stage, which
    may describe something larger than the layer (the outlook); ``stage_zh``
    the stage's name in Chinese (the manifest's, or None); ``note`` what the
    stage was, as reported, and ``note_zh`` the same in Chinese (the
    manifest's, or None). ``cagr_pct``
    is the compound annual growth from the previous measured stage and
    ``cagr_since_first_pct`` from the first one; each is ``None`` when the
    two dates are less than a year apart (or a date is missing).
    """

    date: str
    stage: str
    layer: str | None
    nominal_km2: float | None
    area_km2: float | None
    cagr_pct: float | None
    cagr_since_first_pct: float | None = None
    note: str = ""
    reported_km2: float | None = None
    stage_zh: str | None = None
    note_zh: str | None = None

    def name(self, lang: str = "en") -> str:
        """The stage's name in ``lang``: ``stage_zh`` in Chinese when there is one, else ``stage``."""
        return self.stage_zh if lang == "zh" and self.stage_zh else self.stage

    def note_text(self, lang: str = "en") -> str:
        """The stage's note in ``lang``: ``note_zh`` in Chinese, else ``note`` (labelled as English in Chinese
        unless it is written in Chinese); "" when the stage has no note.

        >>> import avzone
        >>> stage = timeline(avzone.load())[2]
        >>> stage.note_text()
        "the BDA's 160 km² zone, named at the Beijing press conference"
        >>> stage.note_text("zh")
        '经开区 160 km² 的示范区，在北京市新闻发布会上公布'
        """
        from avzone.i18n import DataText

        return DataText(self.note, self.note_zh).text(lang) if self.note.strip() or self.note_zh else ""


@dataclass(frozen=True)
class Growth:
    """Growth from one zone layer to another.

    ``added_km2`` is ``to_km2 - from_km2`` (the difference of the geodesic
    areas); ``parts`` breaks the area of ``to`` lying outside ``from`` down by
    the features of ``to`` (e.g. the Tongzhou and Shunyi parts: each its ``id``, ``name_en``, ``name_zh``,
    ``district``, ``added_km2`` and ``nominal_km2``; None or "" where the feature has none), and
    ``removed_km2`` is the area of ``from`` lying outside ``to`` (0 when
    ``to`` holds all of ``from``), so that the parts less ``removed_km2``
    make ``added_km2`` (up to parts under 0.01 km² and overlaps of ``to``'s
    features). ``ratio`` is ``to_km2 / from_km2`` and ``percent`` the change in
    percent of ``from_km2``; both are None when ``from`` has no area (a layer
    with no features): growth from nothing has no ratio.
    """

    from_id: str
    to_id: str
    from_km2: float
    to_km2: float
    added_km2: float
    ratio: float | None
    percent: float | None
    parts: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[Stage] = field(default_factory=list)
    removed_km2: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``avzone growth --json``."""
        return {
            "from": self.from_id,
            "to": self.to_id,
            "from_km2": round(self.from_km2, 3),
            "to_km2": round(self.to_km2, 3),
            "added_km2": round(self.added_km2, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "percent": None if self.percent is None else round(self.percent, 2),
            "parts": self.parts,
            "removed_km2": round(self.removed_km2, 3),
            "timeline": [asdict(s) for s in self.timeline],
        }


def _years_between(a: str, b: str) -> float:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days / DAYS_PER_YEAR


def _a_year_apart(a: str, b: str) -> bool:
    """Whether ``b`` is :data:`MIN_CAGR_YEARS` calendar years or more after ``a`` (2024-03-19 to 2025-03-19 is,
    though its 365 days are less than :data:`DAYS_PER_YEAR`; a year after 29 February is 28 February)."""
    start, end = date.fromisoformat(a), date.fromisoformat(b)
    day = 28 if (start.month, start.day) == (2, 29) else start.day
    return end >= date(start.year + MIN_CAGR_YEARS, start.month, day)


def _cagr_pct(earlier: tuple[str, float] | None, when: str, area: float) -> float | None:
    if earlier is None or earlier[1] <= 0:
        return None
    try:
        years = _years_between(earlier[0], when)
        apart = _a_year_apart(earlier[0], when)
    except ValueError:
        return None
    if not apart:  # (stages less than a year apart: no annual rate)
        return None
    return round(((area / earlier[1]) ** (1 / years) - 1) * 100, 1)


def timeline(model: Model) -> list[Stage]:
    """Every stage of the manifest's timeline, with measured areas and compound annual growth.

    The stages are in date order (the manifest's order for one date), whatever
    order the manifest lists them in: "previous" and "first" are in time.
    Growth rates are only given between stages at least a year apart; a jump
    within months (160 to 600 km² in 2024) is reported as areas, not as an
    annual rate. A layer that was never in force (no ``valid_from`` where the
    dataset dates its stages: the outlook, a plan) gets its area but no rate.

    >>> import avzone
    >>> [s.stage for s in timeline(avzone.load())][:3]
    ['phase 1.0', 'phase 2.0', 'phase 3.0']
    """
    from avzone.zonetime import stages as stages_in_force

    dated = {st.layer for st in stages_in_force(model)}
    stages: list[Stage] = []
    first: tuple[str, float] | None = None
    prev: tuple[str, float] | None = None
    entries = list(model.manifest.get("timeline", []) or [])
    for entry in sorted(entries, key=lambda e: str(e.get("date", ""))):  # (ISO dates, checked when loaded)
        layer = entry.get("layer")
        area = model.area_km2(layer) if layer in model.zone_layers else None
        when = str(entry.get("date", ""))
        cagr = since_first = None
        # a plan never in force (no valid_from, where the dataset dates its stages) did not grow the zone
        plan = bool(dated) and layer not in dated
        if area is not None and not plan:
            cagr, since_first = _cagr_pct(prev, when, area), _cagr_pct(first, when, area)
            prev = (when, area)
            first = first or prev
        stages.append(
            Stage(
                date=when,
                stage=str(entry.get("stage", layer or "")),
                layer=layer,
                nominal_km2=entry.get("nominal_area_km2"),
                area_km2=None if area is None else round(area, 3),
                cagr_pct=cagr,
                cagr_since_first_pct=since_first,
                note=str(entry.get("note", "")),
                reported_km2=entry.get("reported_area_km2"),
                stage_zh=entry.get("stage_zh") or None,
                note_zh=entry.get("note_zh") or None,
            )
        )
    return stages


def reported_elsewhere(stages: list[Stage]) -> list[Stage]:
    """The stages whose reported figure is not the area of their drawn layer: more than :data:`REPORTED_APART`
    from its nominal area (its measured area where it has none), as the outlook's reported plan of about
    3,000 km² around its 1,960 km² belt; none in a dataset that reports each stage's layer as drawn.

    >>> import avzone
    >>> [s.stage for s in reported_elsewhere(timeline(avzone.load()))]
    ['outlook']
    """
    found = []
    for s in stages:
        drawn = s.nominal_km2 if s.nominal_km2 else s.area_km2
        if s.reported_km2 and drawn and abs(s.reported_km2 - drawn) > drawn * REPORTED_APART:
            found.append(s)
    return found


def default_stages(model: Model) -> tuple[str, str]:
    """The two zone layers growth compares when none are given: the manifest's ``expansion`` (``from``, ``to``)
    when both are zone layers, else ``current`` and ``planned`` (each, when missing, the first or last zone layer;
    the first and last zone layers where that would be one layer twice). A dataset with one zone layer has no two:
    that layer twice, which :func:`growth` refuses (:func:`same_layer_refusal`).

    >>> import avzone
    >>> default_stages(avzone.load())
    ('current', 'planned')
    """
    zones = model.zone_layers
    expansion = model.manifest.get("expansion")
    ends = [expansion.get(k) for k in ("from", "to")] if isinstance(expansion, dict) else []
    named = [z for z in ends if isinstance(z, str) and z in zones]
    if len(named) == 2:
        return named[0], named[1]
    first = "current" if "current" in zones else (zones[0] if zones else "current")
    last = "planned" if "planned" in zones else (zones[-1] if zones else "planned")
    if first == last and len(zones) >= 2:  # ("current" the last zone layer, or "planned" the first: not one layer)
        return zones[0], zones[-1]
    return first, last


def _how_to_give() -> Message:
    """How the caller gives the two zone layers growth compares, as it gives them
    (:func:`avzone.i18n.option_style`): ``model.growth(from_id, to_id)`` in Python, ``avzone growth FROM TO`` on
    the command line, the query parameters ``from`` and ``to`` of the HTTP service."""
    from avzone.i18n import option_style

    style = option_style()
    if style == "cli":
        return Message("growth_how_cli")
    return Message("growth_how_http") if style == "http" else Message("growth_how_library")


def same_layer_refusal(model: Model, layer: str) -> AvzoneError:
    """The error for growth from zone layer ``layer`` to itself, which would report a growth of 0 as if measured.

    On a dataset with that one zone layer (where :func:`default_stages` has no second layer to give) a
    :class:`LayerError` naming the dataset and its layer; else an :class:`InputError` naming the layer and the
    zone layers to choose from. Either says how to give two zone layers as the caller gives them: ``from_id`` and
    ``to_id`` in Python, ``avzone growth FROM TO``, ``GET /v1/growth?from=&to=``.

    >>> import avzone
    >>> print(same_layer_refusal(avzone.load(), "current"))  # doctest: +NORMALIZE_WHITESPACE
    growth from 'current' to 'current' compares the layer with itself: give two different zone layers as
    model.growth(from_id, to_id); zone layers are: core, current, planned, outlook
    """
    how = _how_to_give()
    if len(model.zone_layers) == 1:
        return LayerError(
            Message("err_growth_one_zone_layer", dataset=model.name, folder=model.folder, layer=layer, how=how)
        )
    return InputError(Message("err_growth_same_layer", layer=layer, how=how, zones=Joined(model.zone_layers, "comma")))


def growth(model: Model, from_id: str | None = None, to_id: str | None = None) -> Growth:
    """Growth between two zone layers, measured on the ellipsoid.

    By default (``from_id``/``to_id`` None) those of :func:`default_stages`:
    the dataset's expansion, ``current`` to ``planned`` in the embedded data,
    as ``avzone growth`` and ``GET /v1/growth`` compare them.

    A layer that is not a zone layer is a :class:`LayerError`; a zone layer
    compared with itself (given twice, or the default on a dataset with one
    zone layer) is refused by :func:`same_layer_refusal`, never reported as
    a growth of 0.

    Examples
    --------
    >>> import avzone
    >>> g = avzone.load().growth("current", "planned")
    >>> round(g.added_km2) == round(g.to_km2 - g.from_km2)
    True
    >>> sorted(p["id"] for p in g.parts)
    ['planned_shunyi', 'planned_tongzhou']
    """
    if not model.zone_layers:
        raise LayerError(Message("err_no_zone_layer_growth", dataset=model.name, folder=model.folder))
    default_from, default_to = default_stages(model)
    from_id = default_from if from_id is None else from_id
    to_id = default_to if to_id is None else to_id
    for lid in (from_id, to_id):
        if lid not in model.zone_layers:
            raise LayerError(Message("err_not_zone_layer", layer=lid, zones=Joined(model.zone_layers, "comma")))
    if from_id == to_id:  # (a layer and itself: a growth of 0 that measures nothing)
        raise same_layer_refusal(model, from_id)
    # (a layer crossing itself is measured and compared as geodesy.valid_geometry repairs it: GEOS overlays refuse it)
    from_geom = geodesy.valid_geometry(model.layer_geometry(from_id))
    to_geom = geodesy.valid_geometry(model.layer_geometry(to_id))
    from_km2, to_km2 = geodesy.area_km2(from_geom), geodesy.area_km2(to_geom)
    parts = []
    for _, row in model.layer(to_id).iterrows():
        if row.geometry is None or row.geometry.is_empty:  # (a feature with no geometry adds no ground)
            continue
        added = geodesy.area_km2(geodesy.valid_geometry(row.geometry).difference(from_geom))
        if added < PART_MIN_KM2:
            continue
        parts.append(
            {
                "id": _text(row.get("id")) or None,  # (None, not "nan", for a feature without one)
                "name_en": _text(row.get("name_en")),
                "name_zh": _text(row.get("name_zh")),
                "district": _text(row.get("district")),
                "added_km2": round(added, 3),
                "nominal_km2": _number(row.get("nominal_area_km2")),
            }
        )
    added_km2 = to_km2 - from_km2
    return Growth(
        from_id=from_id,
        to_id=to_id,
        from_km2=from_km2,
        to_km2=to_km2,
        added_km2=added_km2,
        ratio=to_km2 / from_km2 if from_km2 > 0 else None,  # (growth from nothing has no ratio)
        percent=added_km2 / from_km2 * 100 if from_km2 > 0 else None,
        parts=parts,
        timeline=timeline(model),
        removed_km2=geodesy.area_km2(from_geom.difference(to_geom)),
    )


def _missing(value: Any) -> bool:
    """A property the feature does not have (geopandas fills it with None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> str:
    """A text property, "" when the feature has none (not "nan")."""
    return "" if _missing(value) else str(value)


def _number(value: Any) -> Any:
    """A number property as a plain number, None when the feature has none (not NaN)."""
    if _missing(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _days(dates: list[date]) -> np.ndarray:
    """Dates as a ``datetime64[D]`` array: matplotlib puts it on a date axis as it does dates."""
    return np.array(dates, dtype="datetime64[D]")


#: Fonts with Chinese glyphs, in the order the map's page names them (avzone-map.css): Windows, macOS, Linux.
CHINESE_FONTS = (
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def chinese_font() -> str | None:
    """The first of :data:`CHINESE_FONTS` installed on this system that matplotlib can draw with, else None.

    matplotlib lists the system's fonts once, in a cache it keeps until its
    own version changes, so a font installed since (``apt install
    fonts-noto-cjk``) is missing from that list: when it names none of these
    fonts, the system's font files it does not know yet are added to it (for
    this process; no font file is shipped with avzone).
    """
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in CHINESE_FONTS if name in names), None)

    found = known()
    if found is None:
        listed = {f.fname for f in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in listed:
                with contextlib.suppress(Exception):  # (a file FreeType cannot read is no font to draw with)
                    font_manager.fontManager.addfont(path)
        found = known()
    return found


def chartable(stages: list[Stage]) -> bool:
    """Whether the growth chart has a point to draw among ``stages``: a measured area above 0 or a reported one."""
    return any(s.area_km2 or s.reported_km2 for s in stages)


def growth_figure(model: Model, *, lang: str = "en") -> Figure:
    """The chart of :func:`growth_chart` as a matplotlib figure, its words in ``lang`` (``"en"`` or ``"zh"``).

    In Chinese the title, axis label, legend and each stage's label are
    Chinese (the dataset's ``title_zh``, each stage named by its layer's
    ``title_zh``), drawn with a font of :func:`chinese_font`, or
    :class:`AvzoneError` when the system has none (a chart of empty boxes is
    no chart). A dataset whose timeline has no stage with a measured or
    reported area has nothing to draw: an :class:`InputError` naming the
    dataset (:func:`chartable`). Close it with ``matplotlib.pyplot.close`` when done.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from avzone.i18n import layer_title, text

    family: list[str] | None = None
    if lang == "zh":
        font = chinese_font()
        if font is None:
            fonts, english = Joined(CHINESE_FONTS, "comma"), Option("lang", "en")  # (--lang en, lang='en')
            raise AvzoneError(Message("err_chart_no_chinese_font", fonts=fonts, option=english))
        family = [font, "DejaVu Sans"]  # (DejaVu Sans for a glyph the Chinese font lacks)
    with plt.rc_context({"font.family": family} if family else None):  # (each text takes its font when made)
        stages = [s for s in timeline(model) if s.area_km2 is not None or s.reported_km2 or s.nominal_km2]
        if not chartable(stages):  # (an empty chart, with a legend of nothing, is no chart)
            raise InputError(Message("err_chart_no_stages", dataset=model.name, folder=model.folder))
        fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
        # (a stage measuring 0 km², a layer with no features, has no place on the logarithmic axis)
        measured = [(date.fromisoformat(s.date), s.area_km2, s) for s in stages if s.area_km2]
        colour = "#1f6fb2"
        for (d0, a0, _), (d1, a1, s1) in pairwise(measured):
            planned = s1.layer is not None and model.layer_info(s1.layer).get("status") == "planned"
            ax.plot(_days([d0, d1]), [a0, a1], "--" if planned else "-", color=colour, lw=2)
        if measured:
            ax.plot(
                _days([m[0] for m in measured]),
                [m[1] for m in measured],
                "o",
                color=colour,
                ms=8,
                label=text("chart_measured", lang),
            )
        reported = [(date.fromisoformat(s.date), s.reported_km2) for s in stages if s.reported_km2]
        if reported:
            ax.plot(
                _days([r[0] for r in reported]),
                [r[1] for r in reported],
                "D",
                mfc="none",
                color="#d9822b",
                ms=9,
                label=text("chart_reported", lang),
            )
        labels = []
        for i, (when, area, s) in enumerate(measured):
            reported_txt = ""
            if s.reported_km2 and abs(s.reported_km2 - area) > area * REPORTED_APART:
                reported_txt = "\n" + text("chart_reported_plan", lang, km2=plain_figure(s.reported_km2))
            last = i == len(measured) - 1
            name = layer_title(model, s.layer, lang) if lang == "zh" and s.layer else s.stage
            label = text("chart_stage", lang, stage=name, month=f"{when:%Y-%m}", km2=area_figure(area, 0))
            labels.append(
                ax.annotate(
                    label + reported_txt,
                    (when, area),
                    textcoords="offset points",
                    xytext=(-12, 0) if last else (0, 14),
                    ha="right" if last else "center",
                    va="center" if last else "bottom",
                    fontsize=9,
                )
            )
        ax.set_yscale("log")
        ax.set_ylabel(text("chart_ylabel", lang))
        title = model.manifest.get("title_zh" if lang == "zh" else "title_en") or model.manifest.get("title_en")
        ax.set_title(text("chart_title", lang, title=title or model.name))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        ax.grid(True, which="both", alpha=0.3)
        ax.margins(x=0.12, y=0.25)
        legend = ax.legend(loc="upper left")
        _place_labels(fig, ax, labels, avoid=[legend])
    return fig


# Where a stage's label may sit, offset from its point (points), as (dx, dy, ha, va), in the order tried.
_LABEL_PLACES = (
    (0, 14, "center", "bottom"),
    (-12, 4, "right", "bottom"),
    (12, -4, "left", "top"),
    (-12, 0, "right", "center"),
    (12, 0, "left", "center"),
    (-12, -4, "right", "top"),
    (12, 4, "left", "bottom"),
    (0, -14, "center", "top"),
)


def _place_labels(fig: Figure, ax: Any, labels: list[Any], *, avoid: list[Any]) -> None:
    """Move each stage label to the first place (:data:`_LABEL_PLACES`, its own place first) inside the axes where it
    crosses no line or marker drawn, no label placed before it and nothing in ``avoid`` (the legend): stages a few
    months apart, or on one date (a stage and the outlook after it), would otherwise write over each other and over
    the line between them. A label with no clear place keeps its first."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    points: list[np.ndarray] = []
    for line in ax.get_lines():
        xy = np.asarray(line.get_transform().transform(line.get_xydata()), dtype=float)
        if line.get_linestyle() not in ("None", "") and len(xy) >= 2:
            t = np.linspace(0.0, 1.0, 200)[:, None]
            points.extend(a + (b - a) * t for a, b in pairwise(xy))
        points.append(xy)
    drawn = np.concatenate(points) if points else np.empty((0, 2))
    taken = [a.get_window_extent(renderer) for a in avoid]
    frame = ax.get_window_extent(renderer)
    for label in labels:
        first = (*label.get_position(), label.get_horizontalalignment(), label.get_verticalalignment())
        places = [first] + [p for p in _LABEL_PLACES if p != first]
        for dx, dy, ha, va in places:
            label.set_position((dx, dy))
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            box = label.get_window_extent(renderer).padded(2)
            inside = (
                (drawn[:, 0] >= box.x0) & (drawn[:, 0] <= box.x1) & (drawn[:, 1] >= box.y0) & (drawn[:, 1] <= box.y1)
            )
            within = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if within and not inside.any() and not any(box.overlaps(other) for other in taken):
                break
        else:
            label.set_position(first[:2])
            label.set_horizontalalignment(first[2])
            label.set_verticalalignment(first[3])
        taken.append(label.get_window_extent(renderer))


def growth_chart(
    model: Model, path: str | Path, *, dpi: int = 150, lang: str = "en", image_format: str | None = None
) -> Path:
    """Draw the stages over time, labelled with their areas, to a PNG file (matplotlib).

    Measured (geodesic) areas are drawn as the line, each labelled with its
    measured area; the reported figure of a stage is drawn beside it as a
    hollow marker and labelled "reported", so a reported plan larger than
    its drawn layer (the outlook) is never read as the layer's area. The y
    axis is logarithmic so 60 km² and a few thousand km² both read clearly
    (a stage measuring 0 km², a layer with no features, is left out).
    Its words are in ``lang`` (:func:`growth_figure`: in Chinese with a
    Chinese font of the system, :class:`AvzoneError` when it has none).
    The file is written atomically: a failure leaves no new file and an
    existing one as it was; its folder must exist (a missing one is an
    :class:`InputError` naming the path, before anything is drawn:
    :func:`avzone._atomic.check_target`, as every output). The image format is
    ``image_format`` (``"png"``, ``"svg"``, ``"pdf"``...), by default the
    extension of ``path``, PNG when it has none; one matplotlib cannot write
    is an :class:`InputError` (a ValueError) naming ``path`` and the formats
    it can write, before anything is drawn, as ``avzone growth --chart`` says it.
    """
    import matplotlib.pyplot as plt
    from matplotlib.backend_bases import FigureCanvasBase, get_registered_canvas_class

    from avzone._atomic import atomic_output, check_target

    path = Path(path)
    check_target(path)  # a missing folder, a folder, a read-only file: before anything is drawn
    fmt = (image_format or path.suffix.lstrip(".") or "png").lower()
    if get_registered_canvas_class(fmt) is None:  # (matplotlib's own test, and its words)
        supported = Joined(sorted(FigureCanvasBase.get_supported_filetypes()), "comma")
        reason = Message("reason_chart_format", format=fmt, formats=supported)  # (matplotlib's words, and in Chinese)
        raise InputError(Message("err_chart_format", file=path, reason=reason))
    fig = growth_figure(model, lang=lang)
    try:
        with atomic_output(path) as tmp:  # a failure leaves no half-drawn file
            fig.savefig(tmp, dpi=dpi, format=fmt)
    finally:
        plt.close(fig)
    return path

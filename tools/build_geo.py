#!/usr/bin/env python3
"""Build the Beijing data layers of avzone: geo/*.geojson and geo/dataset.json.

No official boundary file of the Beijing high-level autonomous driving
demonstration zone has been published. Every polygon here is a reconstruction:
lists of named waypoints (lon, lat, WGS84) placed along identifiable roads,
rivers and district lines, assembled into rings, densified and measured
geodesically. This script is the provenance of the data: edit a waypoint here
and re-run it, never hand-edit the GeoJSON.

    .venv/bin/python tools/build_geo.py

Waypoints were placed at roughly 0.5-1.5 km accuracy from public descriptions
of the road network (see geo/README.md); they are not surveyed.
"""
from __future__ import annotations

import json
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.polygon import orient

GEOD = Geod(ellps="WGS84")
GEO = Path(__file__).resolve().parents[1] / "geo"
BOUNDS = (115.4, 39.4, 117.6, 41.1)      # west, south, east, north
GRID = 1e-6                              # output precision: 6 decimals (~0.1 m)
MAX_SEG_DEG = 0.005                      # densify edges to <= ~0.5 km
TIANANMEN = (116.3975, 39.9087)

# --- sources (citation strings of the facts gathered for the project) -------
S_PRESS = "Xinhua / People's Daily Online, 2024-03-20: Beijing press conference"
S_CHINADAILY = "China Daily, 2024-04-19: Beijing autonomous driving area to reach 600 km² by June 2024"
S_XINHUA_OCT = "Xinhua, 2024-10-18: Beijing plans to vastly expand autonomous driving test area"
S_XINHUA_2021 = "Xinhua, 2021-04-14: Beijing high-level autonomous driving policy pilot zone designated"
S_STDAILY = "Science and Technology Daily, 2022-09: demonstration zone to grow from 60 to 500 km²"
S_TRANSPORT = ("Beijing Municipal Commission of Transport, 2024-09: "
               "five railway hubs for autonomous pick-up and drop-off")

# --- waypoints: (lon, lat, what is there) ------------------------------------
# South-east arc of the 5th Ring Road, from the Jingtai Expressway north-east.
FIFTH_RING_SE = [
    (116.4470, 39.7900, "Jiugong New Bridge: 5th ring x Jingtai Expressway G3"),
    (116.4560, 39.7925, "Jiugong"),
    (116.4660, 39.7970, "5th ring, Jiugong east"),
    (116.4770, 39.8015, "5th ring"),
    (116.4880, 39.8060, "Yizhuang Bridge: 5th ring x Jingjintang Expressway G2"),
    (116.4990, 39.8110, "5th ring"),
    (116.5100, 39.8165, "5th ring"),
    (116.5210, 39.8225, "5th ring"),
    (116.5310, 39.8290, "Dayangfang"),
    (116.5390, 39.8360, "5th ring turns north"),
    (116.5450, 39.8450, "East 5th ring"),
    (116.5480, 39.8560, "East 5th ring"),
    (116.5490, 39.8670, "Huagong Bridge: start of the Beijing-Tianjin Expressway S15"),
]
# Beijing-Tianjin Expressway S15 (Jingjin), from Huagong Bridge south-east.
S15 = [
    (116.5490, 39.8670, "Huagong Bridge"),
    (116.5560, 39.8590, "S15"),
    (116.5640, 39.8490, "S15"),
    (116.5720, 39.8390, "S15, Taihu west"),
    (116.5790, 39.8300, "S15"),
    (116.5855, 39.8215, "Taihu toll gate, just north of Yizhuang railway station"),
    (116.5930, 39.8150, "S15"),
    (116.6030, 39.8075, "S15"),
    (116.6140, 39.7995, "S15"),
    (116.6260, 39.7910, "S15 near the 6th ring, Taihu / Majuqiao"),
]
# Jingtai Expressway G3 (Beijing-Taipei), from the 5th ring south to Hebei.
G3 = [
    (116.4470, 39.7900, "Jiugong New Bridge (start of G3)"),
    (116.4480, 39.7750, "G3, Jiugong south"),
    (116.4495, 39.7600, "G3"),
    (116.4510, 39.7450, "G3, Yinghai"),
    (116.4530, 39.7320, "G3"),
    (116.4545, 39.7200, "G3 x 6th ring"),
    (116.4550, 39.7060, "G3, Yinghai south"),
    (116.4555, 39.6850, "G3"),
    (116.4555, 39.6600, "G3, Qingyundian west"),
    (116.4550, 39.6300, "G3"),
    (116.4545, 39.6000, "G3"),
    (116.4540, 39.5720, "G3 x Daxing Airport North Line"),
]
# East edge of the current zone: Tongzhou side of Majuqiao (Jinqiao base, optical-mechatronics base).
CURRENT_EAST = [
    (116.6270, 39.7780, "Tongzhou optical-mechatronics base, east edge"),
    (116.6280, 39.7630, "Jinqiao technology base, east edge"),
    (116.6220, 39.7480, "Majuqiao east"),
    (116.6110, 39.7360, "south of the 6th ring, Majuqiao south-east"),
]
# South edge: across the north of Changziying and Qingyundian, 1-2 km south of the 6th ring.
CURRENT_SOUTH = [
    (116.5950, 39.7325, "Changziying north"),
    (116.5700, 39.7255, "Lunan area"),
    (116.5400, 39.7205, "Qingyundian north"),
    (116.5100, 39.7165, "Qingyundian north"),
    (116.4800, 39.7135, "Yinghai south-east"),
]
# 6th Ring Road (G4501), clockwise from Xishatun in the north-west.
SIXTH_RING = [
    (116.2250, 40.1250, "Xishatun: 6th ring x G6 Jingzang Expressway"),
    (116.2650, 40.1420, "North 6th ring"),
    (116.3200, 40.1540, "Shahe"),
    (116.3700, 40.1600, "North 6th ring"),
    (116.4200, 40.1620, "6th ring x Jingcheng Expressway G45"),
    (116.4700, 40.1660, "North 6th ring"),
    (116.5100, 40.1680, "Gaoliying"),
    (116.5550, 40.1600, "north of Houshayu"),
    (116.5950, 40.1470, "Huosiying"),
    (116.6300, 40.1250, "Liuyuan Bridge, Shunyi"),
    (116.6500, 40.1050, "East 6th ring, Shunyi"),
    (116.6600, 40.0800, "East 6th ring, east of Capital airport"),
    (116.6650, 40.0500, "Liqiao"),
    (116.6750, 40.0200, "East 6th ring"),
    (116.6900, 39.9900, "East 6th ring"),
    (116.7100, 39.9600, "Songzhuang"),
    (116.7250, 39.9350, "Sanhui Bridge: 6th ring x G1 Jingha Expressway"),
    (116.7330, 39.9100, "Sub-center administrative area (6th ring in tunnel)"),
    (116.7300, 39.8850, "East 6th ring"),
    (116.7200, 39.8600, "East 6th ring"),
    (116.7050, 39.8420, "Zhangjiawan"),
    (116.6800, 39.8200, "South-east 6th ring"),
    (116.6500, 39.7980, "South-east 6th ring"),
    (116.6200, 39.7780, "South-east 6th ring"),
    (116.5900, 39.7620, "South-east 6th ring"),
    (116.5650, 39.7520, "Majuqiao: 6th ring x G2 Jingjintang Expressway"),
    (116.5300, 39.7420, "South 6th ring, BDA"),
    (116.4900, 39.7300, "South 6th ring, BDA Hexi"),
    (116.4545, 39.7200, "6th ring x Jingtai Expressway G3"),
    (116.4100, 39.7080, "South 6th ring"),
    (116.3700, 39.7010, "South 6th ring"),
    (116.3300, 39.7000, "Huangcun: 6th ring x Jingkai Expressway G4"),
    (116.2800, 39.7080, "South 6th ring"),
    (116.2200, 39.7180, "South 6th ring"),
    (116.1550, 39.7300, "Liangxiang"),
    (116.1150, 39.7600, "West 6th ring"),
    (116.1000, 39.8100, "Changxindian"),
    (116.0900, 39.8600, "West 6th ring"),
    (116.0830, 39.9100, "West 6th ring"),
    (116.0900, 39.9500, "Mentougou"),
    (116.1150, 39.9900, "West 6th ring"),
    (116.1450, 40.0300, "Wenquan / Zhaikou"),
    (116.1750, 40.0700, "North-west 6th ring"),
    (116.2000, 40.1000, "North-west 6th ring"),
]
# 4th Ring Road, clockwise from Sijiqing Bridge in the west.
FOURTH_RING = [
    (116.2700, 39.9460, "Sijiqing Bridge"),
    (116.2775, 39.9640, "North-west 4th ring"),
    (116.2925, 39.9780, "North-west 4th ring"),
    (116.3075, 39.9850, "Wanquanhe Bridge"),
    (116.3275, 39.9880, "North 4th ring, Zhongguancun"),
    (116.3570, 39.9885, "Xueyuan Bridge"),
    (116.3900, 39.9855, "Jianxiang Bridge"),
    (116.4200, 39.9840, "North 4th ring"),
    (116.4525, 39.9855, "Wangjing"),
    (116.4745, 39.9830, "North-east 4th ring"),
    (116.4855, 39.9760, "Siyuan Bridge"),
    (116.4895, 39.9520, "East 4th ring"),
    (116.4905, 39.9300, "East 4th ring"),
    (116.4915, 39.9100, "Sihui Bridge"),
    (116.4905, 39.8920, "Dajiaoting"),
    (116.4895, 39.8750, "East 4th ring"),
    (116.4865, 39.8560, "Shibalidian"),
    (116.4785, 39.8420, "South-east 4th ring"),
    (116.4625, 39.8350, "Xiaohongmen"),
    (116.4300, 39.8330, "South 4th ring"),
    (116.3950, 39.8325, "Muxiyuan"),
    (116.3700, 39.8320, "Majiapu"),
    (116.3400, 39.8320, "South 4th ring"),
    (116.3075, 39.8340, "South 4th ring"),
    (116.2875, 39.8380, "Yuegezhuang"),
    (116.2795, 39.8530, "West 4th ring"),
    (116.2765, 39.8750, "West 4th ring"),
    (116.2745, 39.8920, "West 4th ring"),
    (116.2720, 39.9070, "Wukesong"),
    (116.2695, 39.9260, "Dinghuisi"),
]
# BDA core: the Liangshui River corridor on the north-east, then the 6th ring and the Hexi edge.
CORE_NE = [
    (116.5380, 39.8210, "Liangshui River, Dayangfang south-east"),
    (116.5490, 39.8110, "Liangshui River"),
    (116.5600, 39.7990, "Liangshui River, Ciqu west"),
    (116.5660, 39.7890, "Jinghai Road"),
    (116.5620, 39.7750, "Jinghai Road south"),
]
CORE_WEST = [
    (116.4840, 39.7500, "Hexi area east edge"),
    (116.4770, 39.7700, "Hexi area east edge"),
    (116.4710, 39.7850, "Jiugong south-east"),
]
# Tongzhou part: Taihu link along the Chaoyang/Tongzhou line, the City Sub-center
# up to the Chaobai River, back along Zhangjiawan and the Liangshui River.
TONGZHOU = [
    (116.5700, 39.8300, "inside the current zone (overlap removed)"),
    (116.5680, 39.8500, "Chaoyang / Tongzhou district line, Taihu west"),
    (116.5790, 39.8680, "Chaoyang / Tongzhou district line"),
    (116.5920, 39.8850, "Liyuan west"),
    (116.6000, 39.9000, "Tonghui River"),
    (116.6100, 39.9180, "Jingtong Expressway"),
    (116.6200, 39.9380, "Yongshun west"),
    (116.6330, 39.9640, "Jingping Expressway"),
    (116.6650, 39.9740, "Sub-center north edge"),
    (116.6950, 39.9760, "Sub-center north edge"),
    (116.7250, 39.9720, "Lucheng north"),
    (116.7600, 39.9600, "Sub-center north-east"),
    (116.7850, 39.9400, "Chaobai River"),
    (116.7920, 39.9150, "Chaobai River"),
    (116.7920, 39.8950, "Chaobai River"),
    (116.7850, 39.8720, "Chaobai River"),
    (116.7700, 39.8520, "Sub-center south-east"),
    (116.7450, 39.8420, "Zhangjiawan north-east"),
    (116.7200, 39.8370, "Zhangjiawan"),
    (116.7000, 39.8300, "Zhangjiawan west"),
    (116.6800, 39.8250, "Liangshui River"),
    (116.6550, 39.8220, "Liangshui River"),
    (116.6350, 39.8120, "Liangshui River, Taihu south-east"),
    (116.6150, 39.8000, "inside the current zone (overlap removed)"),
    (116.6000, 39.8000, "inside the current zone (overlap removed)"),
]
# Shunyi part: Shunyi new town and the Capital airport area.
SHUNYI = [
    (116.5500, 40.0300, "Airport Expressway / Wenyu River, south-west"),
    (116.5900, 40.0270, "Airport Second Expressway"),
    (116.6300, 40.0280, "Capital airport south"),
    (116.6650, 40.0420, "Liqiao"),
    (116.6850, 40.0700, "Chaobai River west bank"),
    (116.7000, 40.1000, "Chaobai River"),
    (116.7150, 40.1300, "Chaobai River, Shunyi new town east"),
    (116.7200, 40.1600, "Chaobai River"),
    (116.7100, 40.1745, "Shunyi new town north-east"),
    (116.6800, 40.1775, "Shunyi new town north"),
    (116.6400, 40.1725, "Shunyi new town north"),
    (116.6000, 40.1680, "Shunyi new town north-west"),
    (116.5750, 40.1550, "Nanfaxin"),
    (116.5550, 40.1250, "Jingmi Road G101, Houshayu"),
    (116.5500, 40.0900, "Jingmi Road G101"),
    (116.5450, 40.0600, "Wenyu River"),
]
# Jingjintang Expressway G2 (Beijing-Tianjin-Tanggu), Fenzhongsi to Yizhuang Bridge.
G2_NORTH = [
    (116.4330, 39.8570, "Fenzhongsi Bridge: start of G2 at the South 3rd ring"),
    (116.4470, 39.8470, "G2"),
    (116.4590, 39.8345, "G2 x South 4th ring, Xiaohongmen"),
    (116.4690, 39.8240, "G2, Jiugong north"),
    (116.4790, 39.8145, "G2"),
    (116.4880, 39.8060, "Yizhuang Bridge: G2 x 5th ring"),
]
# South 3rd Ring Road, Fenzhongsi west to Beijing South railway station.
SOUTH_3RD_RING = [
    (116.4330, 39.8570, "Fenzhongsi Bridge"),
    (116.4180, 39.8575, "South 3rd ring"),
    (116.4030, 39.8572, "South 3rd ring"),
    (116.3900, 39.8578, "Yangqiao"),
    (116.3850, 39.8615, "station access road"),
    (116.3786, 39.8652, "Beijing South railway station"),
]
BDA_START = (116.4990, 39.8000, "BDA: Yizhuang Culture Park / Rongjing Street area")
# Daxing Airport North Line, then the Daxing Airport Expressway south to the terminal.
DAXING_AIRPORT_ACCESS = [
    (116.4540, 39.5720, "G3 x Daxing Airport North Line"),
    (116.4400, 39.5716, "Daxing Airport North Line"),
    (116.4250, 39.5712, "Daxing Airport North Line"),
    (116.4080, 39.5705, "North Line x Daxing Airport Expressway"),
    (116.4090, 39.5550, "Daxing Airport Expressway"),
    (116.4100, 39.5400, "Daxing Airport Expressway"),
    (116.4104, 39.5250, "terminal forecourt"),
    (116.4106, 39.5092, "Daxing terminal"),
]
# Airfield envelopes (runways, aprons, terminals), clockwise from the north-west.
PKX_FIELD = [
    (116.3600, 39.5300, "north end of the west runway"),
    (116.3800, 39.5320, "north-west landside"),
    (116.3950, 39.5290, "ground transport centre, west"),
    (116.4100, 39.5270, "terminal, north face"),
    (116.4250, 39.5290, "ground transport centre, east"),
    (116.4420, 39.5330, "north end of the east runways"),
    (116.4600, 39.5320, "north-east corner"),
    (116.4650, 39.5150, "east runways"),
    (116.4650, 39.4900, "east runways"),
    (116.4600, 39.4700, "south end of the east runways"),
    (116.4400, 39.4680, "south-east apron"),
    (116.4100, 39.4820, "south apron"),
    (116.3850, 39.4760, "south-west"),
    (116.3550, 39.4700, "south-east end of the crosswind runway"),
    (116.3420, 39.4800, "crosswind runway"),
    (116.3480, 39.5000, "north-west end of the crosswind runway"),
    (116.3560, 39.5150, "west runway"),
]
PEK_FIELD = [
    (116.5620, 40.0880, "north end of the west runway"),
    (116.5650, 40.0950, "north-west corner"),
    (116.5800, 40.1000, "north apron"),
    (116.5980, 40.1020, "north end of the middle runway"),
    (116.6100, 40.0950, "north-east apron"),
    (116.6230, 40.0860, "north end of the east runway"),
    (116.6300, 40.0700, "east runway"),
    (116.6320, 40.0500, "east runway"),
    (116.6280, 40.0380, "south end of the east runway"),
    (116.6150, 40.0360, "Terminal 3, south"),
    (116.6020, 40.0400, "Terminal 3 approach"),
    (116.5900, 40.0560, "south end of the middle runway"),
    (116.5780, 40.0600, "Terminals 1/2 approach"),
    (116.5680, 40.0620, "south end of the west runway"),
    (116.5620, 40.0750, "west runway"),
]


# --- assembly helpers ---------------------------------------------------------
def span(seq, first, last):
    """Waypoints of seq from label `first` to label `last` (reversed if needed)."""
    labels = [w[2] for w in seq]
    i, j = labels.index(first), labels.index(last)
    return seq[i:j + 1] if i <= j else seq[j:i + 1][::-1]


def chain(*parts):
    """Concatenate waypoint lists into one (lon, lat) list, dropping repeats."""
    out = []
    for part in parts:
        for lon, lat, *_ in part:
            if not out or out[-1] != (lon, lat):
                out.append((lon, lat))
    return out


def finish(geom):
    """Densify, snap to the 6-decimal grid, orient (RFC 7946) and check validity."""
    geom = shapely.segmentize(geom, MAX_SEG_DEG)
    geom = shapely.set_precision(geom, GRID)
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(g, sign=1.0) for g in geom.geoms])
    assert geom.is_valid and not geom.is_empty, geom.geom_type
    return geom


def polygon(*parts):
    return finish(Polygon(chain(*parts)))


def km2(geom):
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def km(line):
    return GEOD.geometry_length(line) / 1000.0


# --- zones --------------------------------------------------------------------
current = polygon(
    FIFTH_RING_SE,                                   # Jiugong New Bridge -> Huagong Bridge
    S15,                                             # Huagong Bridge -> Taihu, near the 6th ring
    CURRENT_EAST, CURRENT_SOUTH,                     # Majuqiao east, north of Changziying/Qingyundian
    span(G3, "G3, Yinghai south", "Jiugong New Bridge (start of G3)"),
)
# Core: drawn, then clipped 1 m inside `current` so it is strictly contained.
core_drawn = Polygon(chain(
    span(FIFTH_RING_SE, "5th ring, Jiugong east", "Dayangfang"),
    CORE_NE,
    span(SIXTH_RING, "Majuqiao: 6th ring x G2 Jingjintang Expressway", "South 6th ring, BDA Hexi"),
    CORE_WEST,
))
core = finish(shapely.segmentize(core_drawn, MAX_SEG_DEG).intersection(current.buffer(-1e-5, join_style="mitre")))
tongzhou = finish(shapely.segmentize(Polygon(chain(TONGZHOU)), MAX_SEG_DEG).difference(current))
shunyi = polygon(SHUNYI)
planned_union = shapely.union_all([current, tongzhou, shunyi])
ring6 = shapely.segmentize(Polygon(chain(SIXTH_RING)), MAX_SEG_DEG)
ring4 = shapely.segmentize(Polygon(chain(FOURTH_RING)), MAX_SEG_DEG)
# Outlook: between the rings, plus the whole planned zone (grown 1 m so it stays strictly inside).
outlook = finish(shapely.union_all([ring6.difference(ring4), planned_union.buffer(1e-5, join_style="mitre")]))

# --- routes -------------------------------------------------------------------
route_pkx = finish(LineString(chain(
    [BDA_START],
    span(FIFTH_RING_SE, "Yizhuang Bridge: 5th ring x Jingjintang Expressway G2",
         "Jiugong New Bridge: 5th ring x Jingtai Expressway G3"),
    G3, DAXING_AIRPORT_ACCESS)))
route_bjs = finish(LineString(chain([BDA_START], G2_NORTH[::-1], SOUTH_3RD_RING)))

# --- features -----------------------------------------------------------------
SPLIT = {"tongzhou": 250, "shunyi": 190}     # assumed split of the 440 km² (never published)
OUTLOOK_TOL = 30                              # % : covers the documented gap, see README
RING6_KM2, RING4_KM2, OUTLOOK_KM2 = km2(orient(ring6)), km2(orient(ring4)), km2(outlook)
OUTLOOK_GAP_PCT = 100.0 * (3000 - OUTLOOK_KM2) / 3000
assert OUTLOOK_GAP_PCT <= OUTLOOK_TOL, "outlook tolerance no longer covers the gap"
ZONE_SOURCES = [S_PRESS, S_CHINADAILY, S_XINHUA_2021, S_STDAILY]
COMMON_EDGES = ("Waypoints follow the approximate alignment of the named roads and rivers "
                "(about 0.5-1.5 km accuracy); no official boundary has been published.")


def feature(geom, **props):
    return {"properties": props, "geometry": geom}


def zone(geom, fid, name_en, name_zh, kind, status, as_of, confidence, nominal, district, method,
         sources, tol=2):
    return feature(geom, id=fid, name_en=name_en, name_zh=name_zh, kind=kind, status=status,
                   as_of=as_of, confidence=confidence, method=method, sources=sources,
                   nominal_area_km2=nominal, area_tolerance_pct=tol, district=district)


def hub(lonlat, fid, name_en, name_zh, kind, status, as_of, confidence, accuracy_m, district,
        served_by, method, sources, **extra):
    return feature(Point(lonlat), id=fid, name_en=name_en, name_zh=name_zh, kind=kind,
                   status=status, as_of=as_of, confidence=confidence, method=method,
                   sources=sources, accuracy_m=accuracy_m, district=district,
                   served_by=served_by, **extra)


CURRENT_METHOD = (
    "Built-up heart of Yizhuang New Town astride the 6th Ring Road. West: Jingtai Expressway G3 "
    "(Jiugong to Yinghai). North-west: South/East 5th Ring Road from Jiugong New Bridge to "
    "Huagong Bridge. North-east: Beijing-Tianjin Expressway S15 through Taihu, keeping Yizhuang "
    "railway station inside. East: the Jinqiao and optical-mechatronics bases on the Tongzhou "
    "side of Majuqiao. South: a line 1-2 km south of the 6th ring across northern Qingyundian "
    "and Changziying that follows no single road and is the least certain edge. " + COMMON_EDGES)

LAYERS = {
    "core": [zone(
        core, "core_2022", "BDA core area (phase 2.0, 60 km²)", "北京经开区核心区（2.0阶段，60平方公里）",
        "zone", "operating", "2021-11-01", "medium", 60, "Daxing (BDA)",
        "Central Yizhuang, where paid robotaxi service ran over about 60 km² from late 2021. "
        "North-west: South 5th Ring Road from Jiugong to Dayangfang. North-east and east: the "
        "Liangshui River corridor and Jinghai Road. South: the South 6th Ring Road from Majuqiao "
        "west. West: the east edge of the Hexi area. Drawn inside current_2024 (1 m inside where "
        "they share an edge). " + COMMON_EDGES,
        [S_STDAILY, S_XINHUA_2021, S_PRESS])],
    "current": [zone(
        current, "current_2024", "BDA / Yizhuang zone (phase 3.0, 160 km²)",
        "亦庄示范区（3.0阶段，160平方公里）", "zone", "operating", "2024-03-19", "medium", 160,
        "Daxing / Tongzhou (BDA, Yizhuang New Town)", CURRENT_METHOD, ZONE_SOURCES)],
    "planned": [
        zone(current, "planned_yizhuang", "Planned zone: Yizhuang part (160 km²)",
             "扩区后示范区：亦庄部分（160平方公里）", "zone_part", "operating", "2024-06-30",
             "medium", 160, "Daxing / Tongzhou (BDA, Yizhuang New Town)",
             "Same geometry as current_2024, coordinate for coordinate: the 160 km² zone is part "
             "of the 600 km² zone. " + CURRENT_METHOD, ZONE_SOURCES),
        zone(tongzhou, "planned_tongzhou", "Planned zone: Tongzhou part (assumed 250 km²)",
             "扩区后示范区：通州部分（假定250平方公里）", "zone_part", "testing", "2024-06-30", "low",
             SPLIT["tongzhou"], "Tongzhou",
             "Tongzhou share of the 440 km² added in 2024. The Tongzhou/Shunyi split was never "
             "published: this dataset assumes 250 km² Tongzhou and 190 km² Shunyi. Drawn from Taihu "
             "along the Chaoyang/Tongzhou district line and the Tonghui River, across the north of "
             "the City Sub-center, down the Chaobai River, and back along Zhangjiawan and the "
             "Liangshui River; the drawn shape minus current_2024, so the two parts share an exact "
             "edge along the S15 near Taihu. Includes the City Green Heart Forest Park (driverless "
             "minibus loops since March 2024) and the Sub-center railway station. " + COMMON_EDGES,
             [S_PRESS, S_CHINADAILY, S_XINHUA_OCT]),
        zone(shunyi, "planned_shunyi", "Planned zone: Shunyi part (assumed 190 km²)",
             "扩区后示范区：顺义部分（假定190平方公里）", "zone_part", "planned", "2024-06-30", "low",
             SPLIT["shunyi"], "Shunyi (Capital airport area administered by Chaoyang)",
             "Shunyi share of the 440 km² added in 2024 (assumed split 250 Tongzhou / 190 Shunyi; "
             "never published). Shunyi new town and the Capital airport area: Airport Expressway and "
             "Wenyu River on the south-west, the airport's southern approaches, Liqiao, the Chaobai "
             "River on the east, the north edge of Shunyi new town, and Jingmi Road G101 past "
             "Houshayu on the west. The whole Capital airport airfield is inside. Not connected to "
             "the other parts. " + COMMON_EDGES,
             [S_PRESS, S_CHINADAILY, S_XINHUA_OCT]),
    ],
    "outlook": [zone(
        outlook, "outlook_2024", "Outlook: between the 4th and 6th Ring Roads (about 3,000 km²)",
        "远期：四环至六环之间（约3000平方公里）", "zone", "planned", "2024-10-18", "low", 3000,
        "Chaoyang, Haidian, Fengtai, Shijingshan, Mentougou, Fangshan, Daxing, Tongzhou, Shunyi, Changping",
        "Area between approximate 4th and 6th Ring Roads (the 4th ring is a hole), united with the "
        "whole planned zone, which reaches beyond the 6th ring in Shunyi, Tongzhou and south of "
        f"Yizhuang. The reported figure is about 3,000 km², but the area inside the 6th ring is only "
        f"about {round(RING6_KM2, -1):,.0f} km² and inside the 4th about {round(RING4_KM2, -1):,.0f} km², "
        f"so this geometry ({OUTLOOK_KM2:,.0f} km²) is {OUTLOOK_GAP_PCT:.0f}% below the nominal area. "
        "It is not inflated to match: the plan's actual extent was not described. "
        f"The area tolerance of {OUTLOOK_TOL}% records that gap. Ring alignments are approximate (about 0.5-1.5 km).",
        [S_XINHUA_OCT], tol=OUTLOOK_TOL)],
}

STATION_SOURCES = [S_TRANSPORT, S_PRESS]
LAYERS["stations"] = [
    hub((116.3786, 39.8652), "beijing_south", "Beijing South", "北京南站", "railway_station",
        "operating", "2025-03-01", "high", 300, "Fengtai", "route:beijing_south_link",
        "Station building centre. Outside the current and planned zones (inside the 4th ring, so "
        "also outside the outlook). Reached from the BDA by the beijing_south_link route: test "
        "routes approved 2024-05, public robotaxi service from 2025-03.", STATION_SOURCES),
    hub((116.2980, 39.8470), "beijing_fengtai", "Beijing Fengtai", "北京丰台站", "railway_station",
        "planned", "2024-09-01", "medium", 600, "Fengtai", "planned",
        "New station (reopened 2022) placed east of the old station site; inside the 4th ring, so "
        "outside every zone layer.", STATION_SOURCES),
    hub((116.5070, 39.9455), "beijing_chaoyang", "Beijing Chaoyang", "北京朝阳站", "railway_station",
        "planned", "2024-09-01", "medium", 700, "Chaoyang", "planned",
        "Former Xinghuo station, between the East 4th and 5th Ring Roads: inside the outlook "
        "geometry, outside the current and planned zones.", STATION_SOURCES),
    hub((116.3140, 40.0400), "qinghe", "Qinghe", "清河站", "railway_station", "planned",
        "2024-09-01", "medium", 800, "Haidian", "planned",
        "Between Xiaoying West Road and Xi'erqi, east of the G7 expressway; published positions "
        "differ by up to 800 m. Outside the 5th ring: inside the outlook geometry, outside the "
        "current and planned zones.", STATION_SOURCES),
    hub((116.7000, 39.9020), "beijing_subcenter", "Beijing City Sub-center", "北京城市副中心站",
        "railway_station", "planned", "2024-09-01", "medium", 700, "Tongzhou",
        "inside planned zone",
        "Underground hub at Yangtuo in the Sub-center (under construction in 2024). Inside the "
        "Tongzhou part of the planned zone.", STATION_SOURCES),
    hub((116.5865, 39.8135), "yizhuang", "Yizhuang", "亦庄站", "railway_station", "testing",
        "2024-10-01", "medium", 500, "Tongzhou (Taihu, next to the BDA)", "inside current zone",
        "Beijing-Tianjin intercity station in Taihu, on the south side of the S15 expressway by "
        "the Taihu toll gate, at the end of the Yizhuang metro line; position converted from "
        "GCJ-02 map listings. The facts note's 116.51, 39.80 lies about 7 km too far west. "
        "Autonomous pick-up tests in 2024; inside the current zone.", [S_PRESS]),
]
AIRPORT_SOURCES = [S_PRESS, S_TRANSPORT]
LAYERS["airports"] = [
    hub((116.4106, 39.5092), "PKX", "Beijing Daxing International Airport", "北京大兴国际机场",
        "airport", "operating", "2024-02-01", "high", 500, "Daxing (and Langfang, Hebei)",
        "route:pkx_expressway",
        "Terminal centre (airport reference point). About 23 km south of the current zone's "
        "southern edge (about 32 km from central Yizhuang) and outside every zone layer; "
        "robotaxis reach it by the pkx_expressway route since 2024-02.",
        AIRPORT_SOURCES, iata="PKX", icao="ZBAD"),
    hub((116.5845, 40.0799), "PEK", "Beijing Capital International Airport", "北京首都国际机场",
        "airport", "planned", "2024-03-19", "medium", 1500, "Shunyi (administered by Chaoyang)",
        "inside planned zone",
        "Airport reference point between the runways; Terminals 1-3 lie up to 3 km from it. "
        "Inside the Shunyi part of the planned zone, which includes the whole airfield.",
        AIRPORT_SOURCES, iata="PEK", icao="ZBAA"),
    feature(polygon(PKX_FIELD), id="PKX_footprint", name_en="Beijing Daxing International Airport airfield",
            name_zh="北京大兴国际机场场区", kind="airport_footprint", status="operating",
            as_of="2024-02-01", confidence="low",
            method="Envelope of the runways, aprons and terminal drawn around the four runways "
                   "(three north-south, one crosswind in the south-west); corners approximate to "
                   "about 1 km. Straddles the Beijing/Hebei line.",
            sources=AIRPORT_SOURCES, accuracy_m=1000, district="Daxing (and Langfang, Hebei)",
            iata="PKX", icao="ZBAD"),
    feature(polygon(PEK_FIELD), id="PEK_footprint", name_en="Beijing Capital International Airport airfield",
            name_zh="北京首都国际机场场区", kind="airport_footprint", status="planned",
            as_of="2024-03-19", confidence="low",
            method="Envelope of the three parallel north-south runways, Terminals 1-3 and aprons; "
                   "corners approximate to about 1 km.",
            sources=AIRPORT_SOURCES, accuracy_m=1000, district="Shunyi (administered by Chaoyang)",
            iata="PEK", icao="ZBAA"),
]
LAYERS["routes"] = [
    feature(route_pkx, id="pkx_expressway", name_en="BDA - Daxing airport robotaxi route",
            name_zh="亦庄至大兴机场自动驾驶接驳路线", kind="route", status="operating",
            as_of="2024-02-01", confidence="medium",
            method="From the BDA west along the South 5th Ring Road to Jiugong New Bridge, south on "
                   "the Jingtai Expressway G3, west on the Daxing Airport North Line and south on "
                   "the Daxing Airport Expressway to the terminal. Operated since 2024-02 (4 "
                   "companies, 40 vehicles, about 39 km of expressway). Alignment approximate.",
            sources=[S_PRESS], length_km=round(km(route_pkx), 1), **{"from": "current_2024", "to": "PKX"}),
    feature(route_bjs, id="beijing_south_link", name_en="BDA - Beijing South robotaxi route",
            name_zh="亦庄至北京南站自动驾驶接驳路线", kind="route", status="operating",
            as_of="2025-03-01", confidence="medium",
            method="From the BDA to Yizhuang Bridge, north-west on the Jingjintang Expressway G2 to "
                   "Fenzhongsi, then west on the South 3rd Ring Road to Beijing South. Test routes "
                   "approved 2024-05 (32 km and 58.6 km round trips); public robotaxi service from "
                   "2025-03. The shorter test route is drawn; alignment approximate.",
            sources=[S_PRESS, S_TRANSPORT], length_km=round(km(route_bjs), 1),
            **{"from": "current_2024", "to": "beijing_south"}),
]

MANIFEST_LAYERS = [
    {"id": "core", "file": "core.geojson", "kind": "zone", "title_en": "BDA core area",
     "title_zh": "北京经开区核心区", "stage": "phase 2.0", "as_of": "2021-11-01", "status": "operating",
     "nominal_area_km2": 60, "area_tolerance_pct": 2, "confidence": "medium"},
    {"id": "current", "file": "current.geojson", "kind": "zone", "title_en": "BDA / Yizhuang zone",
     "title_zh": "亦庄示范区", "stage": "phase 3.0", "as_of": "2024-03-19", "status": "operating",
     "nominal_area_km2": 160, "area_tolerance_pct": 2, "confidence": "medium"},
    {"id": "planned", "file": "planned.geojson", "kind": "zone", "title_en": "Zone after the 2024 expansion",
     "title_zh": "2024年扩区后示范区", "stage": "2024 expansion", "as_of": "2024-06-30", "status": "planned",
     "nominal_area_km2": 600, "area_tolerance_pct": 2, "confidence": "low"},
    {"id": "outlook", "file": "outlook.geojson", "kind": "zone",
     "title_en": "Outlook: between the 4th and 6th Ring Roads", "title_zh": "远期：四环至六环之间",
     "stage": "outlook", "as_of": "2024-10-18", "status": "planned", "nominal_area_km2": 3000,
     "area_tolerance_pct": OUTLOOK_TOL, "confidence": "low"},
    {"id": "stations", "file": "stations.geojson", "kind": "hubs", "title_en": "Railway hubs",
     "title_zh": "铁路枢纽", "as_of": "2024-09-01"},
    {"id": "airports", "file": "airports.geojson", "kind": "hubs", "title_en": "Airports",
     "title_zh": "机场", "as_of": "2024-03-19"},
    {"id": "routes", "file": "routes.geojson", "kind": "routes", "title_en": "Access routes",
     "title_zh": "接驳路线", "as_of": "2025-03-01"},
]
MANIFEST = {
    "schema_version": 1,
    "name": "beijing",
    "title_en": "Beijing high-level autonomous driving demonstration zone",
    "title_zh": "北京市高级别自动驾驶示范区",
    "bounds": list(BOUNDS),
    "expansion": {"from": "current", "to": "planned", "nominal_added_km2": 440, "area_tolerance_pct": 2},
    "containment": [["core", "current"], ["current", "planned"], ["planned", "outlook"]],
    "required_hubs": ["beijing_south", "beijing_fengtai", "beijing_chaoyang", "qinghe", "beijing_subcenter",
                      "yizhuang", "PKX", "PEK"],
    "layers": MANIFEST_LAYERS,
    "timeline": [
        {"date": "2020-09-01", "stage": "phase 1.0", "layer": None, "nominal_area_km2": None,
         "note": "10 km urban road + 10 km expressway + one valet-parking lot in BDA"},
        {"date": "2021-11-01", "stage": "phase 2.0", "layer": "core", "nominal_area_km2": 60,
         "note": "paid robotaxi service over about 60 km² of central Yizhuang; 329 smart intersections"},
        {"date": "2024-03-19", "stage": "phase 3.0", "layer": "current", "nominal_area_km2": 160,
         "note": "the BDA's 160 km² zone, named at the Beijing press conference"},
        {"date": "2024-06-30", "stage": "2024 expansion", "layer": "planned", "nominal_area_km2": 600,
         "note": "about 440 km² added in Tongzhou and Shunyi; roadside equipment reported complete in 2024-10"},
        {"date": "2024-10-18", "stage": "outlook", "layer": "outlook", "nominal_area_km2": 3000,
         "note": "next plan of about 3,000 km² between the 4th and 6th Ring Roads"},
    ],
}


# --- output ---------------------------------------------------------------------
def _c(xy):
    return [round(xy[0], 6), round(xy[1], 6)]


def _ring(ring):
    return json.dumps([_c(p) for p in ring.coords])


def geometry_json(g):
    if g.geom_type == "Point":
        return json.dumps({"type": "Point", "coordinates": _c(g.coords[0])})
    if g.geom_type == "LineString":
        return json.dumps({"type": "LineString", "coordinates": [_c(p) for p in g.coords]})
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    rendered = [",\n    ".join(_ring(r) for r in [p.exterior, *p.interiors]) for p in polys]
    if g.geom_type == "Polygon":
        return '{"type": "Polygon", "coordinates": [\n    ' + rendered[0] + "]}"
    return '{"type": "MultiPolygon", "coordinates": [\n   [' + "],\n   [".join(rendered) + "]]}"


def write_layer(path, features):
    items = []
    for f in features:
        props, geom = json.dumps(f["properties"], ensure_ascii=False), geometry_json(f["geometry"])
        items.append(f'  {{"type": "Feature",\n   "properties": {props},\n   "geometry": {geom}}}')
    path.write_text('{"type": "FeatureCollection", "features": [\n' + ",\n".join(items) + "\n]}\n",
                    encoding="utf-8")


def manifest_json(manifest):
    """The manifest with one layer / timeline entry per line."""
    lines = []
    for key, val in manifest.items():
        if isinstance(val, list) and val and isinstance(val[0], dict):
            rows = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in val)
            lines.append(f'  "{key}": [\n{rows}\n  ]')
        else:
            lines.append(f'  "{key}": {json.dumps(val, ensure_ascii=False)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def read_layer(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(f["properties"], shapely.geometry.shape(f["geometry"]), f["geometry"]) for f in data["features"]]


# --- checks on what was written ---------------------------------------------------
def check_coords(gj):
    """Every coordinate in bounds and on the 6-decimal grid; rings closed; RFC 7946 winding."""
    def walk(c):
        if isinstance(c[0], (int, float)):
            assert BOUNDS[0] <= c[0] <= BOUNDS[2] and BOUNDS[1] <= c[1] <= BOUNDS[3], c
            assert round(c[0], 6) == c[0] and round(c[1], 6) == c[1], c
        else:
            for x in c:
                walk(x)
    walk(gj["coordinates"])
    polys = {"Polygon": [gj["coordinates"]], "MultiPolygon": gj["coordinates"]}.get(gj["type"], [])
    for rings in polys:
        for k, ring in enumerate(rings):
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert shapely.LinearRing(ring).is_ccw == (k == 0), "winding"


def main():
    GEO.mkdir(exist_ok=True)
    for layer in MANIFEST_LAYERS:
        write_layer(GEO / layer["file"], LAYERS[layer["id"]])
    (GEO / "dataset.json").write_text(manifest_json(MANIFEST), encoding="utf-8")
    assert json.loads((GEO / "dataset.json").read_text(encoding="utf-8")) == MANIFEST

    layers = {layer["id"]: read_layer(GEO / layer["file"]) for layer in MANIFEST_LAYERS}
    ids = [p["id"] for feats in layers.values() for p, _, _ in feats]
    assert len(ids) == len(set(ids)), "duplicate feature ids"
    assert set(MANIFEST["required_hubs"]) <= set(ids), "a required hub is missing"
    for feats in layers.values():
        for props, geom, gj in feats:
            check_coords(gj)
            assert geom.is_valid, props["id"]
    zones = {lid: shapely.union_all([g for _, g, _ in layers[lid]])
             for lid in ("core", "current", "planned", "outlook")}
    ok = True
    print(f"{'feature':<22}{'kind':<12}{'vertices':>9}{'area km2':>11}{'nominal':>9}{'diff %':>8}{'tol %':>7}  ok")
    rows = [(p, g) for lid in zones for p, g, _ in layers[lid]]
    rows += [({"id": f"layer:{lid}", "kind": "union", "area_tolerance_pct": m["area_tolerance_pct"],
               "nominal_area_km2": m["nominal_area_km2"]}, zones[lid])
             for lid, m in ((m["id"], m) for m in MANIFEST_LAYERS if m["kind"] == "zone")]
    added = zones["planned"].difference(zones["current"])
    rows.append(({"id": "planned - current", "kind": "expansion", "nominal_area_km2": 440,
                  "area_tolerance_pct": 2}, added))
    for props, geom in rows:
        area, nominal = km2(geom), props["nominal_area_km2"]
        diff = 100.0 * (area - nominal) / nominal
        good = abs(diff) <= props["area_tolerance_pct"]
        ok &= good
        print(f"{props['id']:<22}{props['kind']:<12}{shapely.get_num_coordinates(geom):>9}{area:>11.2f}"
              f"{nominal:>9}{diff:>+8.2f}{props['area_tolerance_pct']:>7}  {'yes' if good else 'NO'}")
    print(f"reference: inside 6th ring {RING6_KM2:.0f} km², inside 4th ring {RING4_KM2:.0f} km²")

    # containment, overlaps, connectivity
    for small, big in MANIFEST["containment"]:
        assert zones[big].contains(zones[small]), (small, big)
    parts = {p["id"]: g for p, g, _ in layers["planned"]}
    assert parts["planned_yizhuang"].equals_exact(zones["current"], 0), "yizhuang part != current"
    names = sorted(parts)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            overlap = km2(orient(parts[a].intersection(parts[b]))) if parts[a].intersects(parts[b]) else 0.0
            assert overlap < 0.01, (a, b, overlap)
    assert zones["planned"].is_valid
    assert shapely.union_all([parts["planned_yizhuang"], parts["planned_tongzhou"]]).geom_type == "Polygon"
    assert not any(z.intersects(Point(TIANANMEN)) for z in zones.values()), "Tiananmen inside a zone"

    # hubs: where each one falls, and whether served_by agrees
    print(f"\n{'hub':<18}{'served_by':<26}" + "".join(f"{z:>9}" for z in zones))
    for lid in ("stations", "airports"):
        for props, geom, _ in layers[lid]:
            if geom.geom_type != "Point":
                continue
            inside = {z: zones[z].covers(geom) for z in zones}
            want = props["served_by"]
            if want == "inside current zone":
                assert inside["current"], props["id"]
            elif want == "inside planned zone":
                assert inside["planned"] and not inside["current"], props["id"]
            else:
                assert not inside["planned"], props["id"]
            print(f"{props['id']:<18}{want:<26}" + "".join(f"{'in' if v else '-':>9}" for v in inside.values()))
    for props, _, _ in layers["routes"]:
        print(f"route {props['id']}: {props['length_km']} km, {props['from']} -> {props['to']}")
    print("\nall zones within tolerance" if ok else "\nSOME ZONES OUT OF TOLERANCE")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

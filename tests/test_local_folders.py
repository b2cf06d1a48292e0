"""The local engines read a folder of Parquet parts as one input, by the dask engines' rules.

``avzone locate --input DIR`` and ``avzone events --input DIR`` (``locate_file``, ``events_file``): the parts
(every file but those whose names, or folders' names, begin with ``_`` or ``.``) in their order (by path, numbers in
names as numbers), each part's rows in order, streamed part after part; the answer equals the dask engine's on
the folder and the local engine's on one file of every part (rows, order, columns, statuses, notes), hive folders'
columns too; row examples name the part and its row; what the dask engines refuse is refused alike, and an output
inside the folder too; a failure part way leaves no output.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.tracks import events_file

N = 60

#: The parts of :func:`_folder`: their paths under the folder and their rows. In name order pyarrow lists
#: ``part-10`` before ``part-9``; the engines read ``part-9`` first (numbers in names as numbers).
PARTS = [("city=bj/part-9.parquet", 0, 20), ("city=bj/part-10.parquet", 20, 45), ("city=sh/part-0.parquet", 45, 60)]


def _fixes() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    ts = pd.date_range("2024-10-18 08:00", periods=N, freq="min").strftime("%Y-%m-%d %H:%M:%S").tolist()
    ts[25] = "yesterday"  # (a time that is no time: named by its row, in part-10, its row 5)
    frame = pd.DataFrame(
        {
            "vehicle": [f"v{i % 3}" for i in range(N)],
            "ts": ts,
            "lon": 116.50 + rng.normal(0, 0.03, N),
            "lat": 39.79 + rng.normal(0, 0.03, N),
        }
    )
    frame.loc[7, "lon"] = np.nan
    return frame


def _folder(tmp_path, frame=None, parts=PARTS, stray=True):
    """``frame`` (:func:`_fixes`) in hive folders of parts, with files that are no parts (``_SUCCESS``, ``.crc``
    files, ``_metadata``, ``_temporary/``), beside ``whole.parquet``: one file of every part, in the engines'
    order, the folders' column after the files' (what the local engine reads of one file)."""
    frame = _fixes() if frame is None else frame
    folder = tmp_path / "in"
    tables = []
    for name, a, b in parts:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.iloc[a:b].reset_index(drop=True).to_parquet(path, row_group_size=15)
        table = pq.read_table(path).replace_schema_metadata(None)
        city = next((s.split("=", 1)[1] for s in name.split("/") if s.startswith("city=")), None)
        tables.append(table.append_column("city", pa.array([city] * table.num_rows, pa.string())))
    if stray:
        (folder / "_SUCCESS").write_bytes(b"")
        (folder / "city=bj" / ".part-9.parquet.crc").write_bytes(b"\x00crc")
        (folder / "_metadata").write_bytes(b"not a part")
        (folder / "_temporary" / "0").mkdir(parents=True)
        (folder / "_temporary" / "0" / "part-99.parquet").write_bytes(b"half written")
    whole = pa.concat_tables(tables, promote_options="permissive")
    first = pq.read_schema(folder / parts[0][0]).metadata
    pq.write_table(whole.replace_schema_metadata(first), tmp_path / "whole.parquet")
    return folder, tmp_path / "whole.parquet"


def _summary(report, *ignored):
    return {k: v for k, v in report.to_dict().items() if k not in ("input", "output", *ignored)}


def _same_rows(got: pa.Table, expected: pa.Table) -> None:
    assert got.column_names == expected.column_names
    for name in expected.column_names:
        kind = got.schema.field(name).type
        kind = kind.value_type if pa.types.is_dictionary(kind) else kind  # (Dask's text folder columns: categories)
        assert kind == expected.schema.field(name).type, name
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name


def test_a_folder_is_located_as_one_file_of_every_part(tmp_path, model):
    folder, whole = _folder(tmp_path)
    by_folder = locate_file(model, folder, tmp_path / "folder.parquet", time_col="ts", chunk_rows=7)
    by_file = locate_file(model, whole, tmp_path / "whole-out.parquet", time_col="ts", chunk_rows=7)
    got, expected = pq.read_table(tmp_path / "folder.parquet"), pq.read_table(tmp_path / "whole-out.parquet")
    _same_rows(got, expected)
    assert got.column_names[:5] == ["vehicle", "ts", "lon", "lat", "city"]  # (the folders' column after the files')
    assert got.column("ts").to_pylist() == _fixes()["ts"].tolist()  # (part-9, part-10, then city=sh: in row order)
    assert got.column("city").to_pylist() == ["bj"] * 45 + ["sh"] * 15
    assert by_folder.rows == N and dict(by_folder.rejected) == dict(by_file.rejected)
    assert _summary(by_folder, "examples_by_status", "notes") == _summary(by_file, "examples_by_status", "notes")
    # the rows named: their number over the parts and their part and row there
    ((row,),) = by_folder.to_dict()["examples_by_status"].values()
    assert (row["row"], row["file"], row["file_row"]) == (25, str(folder / "city=bj" / "part-10.parquet"), 5)
    assert f"row 25 (row 5 of {folder / 'city=bj' / 'part-10.parquet'})" in by_folder.text()
    assert f"第 25 行（{folder / 'city=bj' / 'part-10.parquet'} 的第 5 行）" in by_folder.text("zh")
    assert "over the rows of the dataset's files in order" in by_folder.text()


def test_a_folder_has_the_events_of_one_file_of_every_part(tmp_path, model):
    folder, whole = _folder(tmp_path)
    reports = {}
    for k, src in (("folder", folder), ("whole", whole)):
        reports[k] = events_file(
            model, src, tmp_path / f"{k}-ev.parquet", summary=tmp_path / f"{k}-s.csv",
            annotate=tmp_path / f"{k}-a.csv", chunk_rows=7,
        )  # fmt: skip
    _same_rows(pq.read_table(tmp_path / "folder-ev.parquet"), pq.read_table(tmp_path / "whole-ev.parquet"))
    for name in ("s.csv", "a.csv"):
        assert (tmp_path / f"folder-{name}").read_bytes() == (tmp_path / f"whole-{name}").read_bytes(), name
    assert pq.read_table(tmp_path / "folder-ev.parquet").num_rows > 0
    ignored = ("examples_by_status", "notes")
    assert _summary(reports["folder"], *ignored) == _summary(reports["whole"], *ignored)
    ((row,),) = reports["folder"].to_dict()["examples_by_status"].values()
    assert (row["row"], row["file_row"]) == (25, 5)


def test_parts_of_different_types_are_read_in_the_one_type_that_holds_them(tmp_path, model):
    # speed: integers in the first part, floats in the second, absent from the third (null there): floats, as
    # pyarrow's permissive promotion of one file of every part gives them
    frame = _fixes()
    folder = tmp_path / "in"
    folder.mkdir()
    pieces = []
    for k, (a, b) in enumerate([(0, 20), (20, 45), (45, 60)]):
        piece = frame.iloc[a:b].reset_index(drop=True)
        if k == 0:
            piece["speed"] = np.arange(len(piece), dtype="int64")
        elif k == 1:
            piece["speed"] = np.linspace(0, 1, len(piece))
        table = pa.Table.from_pandas(piece, preserve_index=False)
        pq.write_table(table, folder / f"part-{k}.parquet")
        pieces.append(table.replace_schema_metadata(None))
    whole = pa.concat_tables(pieces, promote_options="permissive")
    pq.write_table(whole, tmp_path / "whole.parquet")
    locate_file(model, folder, tmp_path / "folder.parquet", time_col="ts")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "whole-out.parquet", time_col="ts")
    got = pq.read_table(tmp_path / "folder.parquet")
    _same_rows(got, pq.read_table(tmp_path / "whole-out.parquet"))
    assert got.schema.field("speed").type == pa.float64() and got.column("speed").to_pylist()[45:] == [None] * 15


def _refused(run, *args, **kwargs):
    with pytest.raises(InputError) as err:
        run(*args, **kwargs)
    return err.value


@pytest.mark.parametrize("job", ["locate", "events"])
def test_what_the_dask_engines_refuse_in_a_folder_is_refused_alike(tmp_path, model, job):
    def run(src, dst):
        if job == "locate":
            return locate_file(model, src, dst)
        return events_file(model, src, dst)

    frame = _fixes()
    # no part: only files that are none
    empty = tmp_path / "empty"
    (empty / "_temporary").mkdir(parents=True)
    (empty / "_SUCCESS").write_bytes(b"")
    said = str(_refused(run, empty, tmp_path / "o.parquet"))
    assert said.startswith(f"{empty}: the folder holds no Parquet part"), said
    # a file that is no Parquet among the parts: named, with what to do
    notes = tmp_path / "notes"
    notes.mkdir()
    frame.to_parquet(notes / "part-0.parquet")
    (notes / "README.txt").write_text("made by a query\n")
    said = str(_refused(run, notes, tmp_path / "o.parquet"))
    assert said.startswith(f"{notes / 'README.txt'}: not a Parquet file") and "_README.txt" in said, said
    # a column of types that do not mix: naming the column and both parts
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    frame.iloc[:30].assign(speed=1).to_parquet(mixed / "a.parquet")
    frame.iloc[30:].assign(speed="fast").to_parquet(mixed / "b.parquet")
    said = str(_refused(run, mixed, tmp_path / "o.parquet"))
    assert "column 'speed' is int64 in" in said and str(mixed / "a.parquet") in said, said
    assert str(mixed / "b.parquet") in said, said
    # a hive column that is Hive's null value in every folder
    nulls = tmp_path / "nulls"
    (nulls / "day=__HIVE_DEFAULT_PARTITION__").mkdir(parents=True)
    frame.to_parquet(nulls / "day=__HIVE_DEFAULT_PARTITION__" / "part-0.parquet")
    said = str(_refused(run, nulls, tmp_path / "o.parquet"))
    assert "the folder column 'day' is Hive's null value in every folder" in said, said
    # an output inside the folder: the next job reading it would read it as a part
    folder, _ = _folder(tmp_path)
    inside = folder / "city=bj" / "out.parquet"
    said = str(_refused(run, folder, inside))
    assert said == (
        f"{inside}: is inside the input folder {folder}: a job reading {folder} later would read it as part of the "
        "dataset; write it outside that folder"
    )
    assert not inside.exists() and not (tmp_path / "o.parquet").exists()


def test_a_part_naming_a_column_twice_is_refused_naming_no_dask_job(tmp_path, model):
    # (the dask engines' refusal told to use the local engine: the local engine reads parts by name too)
    folder = tmp_path / "twice"
    folder.mkdir()
    table = pa.table(
        [pa.array([116.5]), pa.array([39.8]), pa.array([1]), pa.array([2])], names=["lon", "lat", "x", "x"]
    )
    pq.write_table(table.slice(0, 0), folder / "part-0.parquet")
    pq.write_table(table, folder / "part-1.parquet")
    err = _refused(locate_file, model, folder, tmp_path / "o.csv")
    assert str(err) == (
        f"{folder / 'part-0.parquet'}: more than one column is named 'x', and the parts of a folder are read as one "
        "file by their columns' names: rename the columns"
    )
    assert error_text(err, "zh") == (
        f"{folder / 'part-0.parquet'}：有多个列名为 'x'，而文件夹中的分片按列名合为一个文件读取：请给这些列改名"
    )


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_folder_of_one_part_naming_a_column_twice_is_refused_naming_the_part(tmp_path, model, engine, monkeypatch):
    # (the folder given as "f/", as on a command line: its one part named, not the folder)
    (tmp_path / "f").mkdir()
    table = pa.table(
        [pa.array([116.5]), pa.array([39.8]), pa.array([1]), pa.array([2])], names=["lon", "lat", "x", "x"]
    )
    pq.write_table(table, tmp_path / "f" / "part-0.parquet")
    monkeypatch.chdir(tmp_path)
    part = tmp_path / "f" / "part-0.parquet"
    if engine == "local":
        err = _refused(locate_file, model, "f/", "o.csv")
        assert str(err) == (
            f"{part}: more than one column is named 'x', and the parts of a folder are read as one file by their "
            "columns' names: rename the columns"
        )
    else:
        from avzone.distributed import locate_parquet_dask

        err = _refused(locate_parquet_dask, model, "f/", "o", scheduler="synchronous")
        assert str(err).startswith(f"{part}: the input has more than one column named 'x'"), str(err)
    assert not (tmp_path / "o.csv").exists() and not (tmp_path / "o").exists()


def test_a_summary_or_annotated_rows_inside_the_folder_are_refused(tmp_path, model):
    folder, _ = _folder(tmp_path)
    for where in ({"summary": folder / "s.csv"}, {"annotate": folder / "_rows.csv"}):
        said = str(_refused(events_file, model, folder, tmp_path / "ev.csv", **where))
        assert "is inside the input folder" in said, said
    assert not (tmp_path / "ev.csv").exists()


def test_a_folder_of_csv_parts_is_refused_saying_what_would_work(tmp_path, model):
    folder = tmp_path / "csv"
    folder.mkdir()
    _fixes().iloc[:30].to_csv(folder / "part-0.csv", index=False)
    _fixes().iloc[30:].to_csv(folder / "part-1.csv", index=False)
    (folder / "_SUCCESS").write_bytes(b"")
    for run in (locate_file, events_file):
        err = _refused(run, model, folder, tmp_path / "o.csv")
        assert str(err) == (
            f"{folder}: its parts are CSV files ({folder / 'part-0.csv'}), and a folder is read as one input only "
            "when its parts are Parquet: join the parts into one CSV file (their header once) and give that file, "
            "or write the parts as Parquet"
        )
        assert error_text(err, "zh") == (
            f"{folder}：其中的分片是 CSV 文件（{folder / 'part-0.csv'}），而文件夹只有在分片为 Parquet 时才作为一个"
            "输入读取：请把这些分片合并为一个 CSV 文件（表头只保留一次）并给出该文件，或把分片写成 Parquet"
        )
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_part_that_cannot_be_read_part_way_leaves_no_output(tmp_path, model, job):
    # the first parts are read and written before the last one's damaged page stops the job: no output is left,
    # nor a temporary file beside it, and the part is named
    folder, _ = _folder(tmp_path, stray=False)
    last = folder / "city=sh" / "part-0.parquet"
    data = bytearray(last.read_bytes())
    data[8:200] = b"\xff" * 192  # (the first column's pages overwritten: the footer intact)
    last.write_bytes(bytes(data))
    out = tmp_path / "out"
    out.mkdir()
    if job == "locate":
        err = _refused(locate_file, model, folder, out / "o.csv", chunk_rows=7)
    else:
        err = _refused(events_file, model, folder, out / "o.csv", summary=out / "s.csv", chunk_rows=7)
    assert str(err).startswith(f"{last}: cannot read as Parquet"), str(err)
    assert os.listdir(out) == []


def test_a_folder_column_of_integers_beyond_int64_is_read_as_text_with_the_note(tmp_path, model):
    parts = [("vehicle=1/part-0.parquet", 0, 30), ("vehicle=18446744073709551616/part-0.parquet", 30, 60)]
    frame = _fixes().drop(columns=["vehicle"])
    folder = tmp_path / "in"
    for name, a, b in parts:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        frame.iloc[a:b].reset_index(drop=True).to_parquet(folder / name)
    report = events_file(model, folder, tmp_path / "ev.parquet")
    assert [str(n) for n in report.notes if "hive" in str(n)] == [
        f"{folder}: hive folder columns read as text, each value as its folder names it, since one of their values "
        "is an integer beyond int64 (-9223372036854775808 to 9223372036854775807), which no integer column holds "
        "(a column of smaller integers is read as integers): 'vehicle' (18446744073709551616); compare them as text"
    ]
    assert pq.read_schema(tmp_path / "ev.parquet").field("id").type == pa.string()


def test_the_cli_reads_a_folder_and_its_help_says_so(tmp_path, model, capsys):
    from avzone.cli import main

    folder, whole = _folder(tmp_path)
    assert main(["locate", "--input", str(folder), "--output", str(tmp_path / "o.csv"), "--time-col", "ts"]) == 0
    assert main(["locate", "--input", str(whole), "--output", str(tmp_path / "w.csv"), "--time-col", "ts"]) == 0
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "w.csv").read_bytes()
    capsys.readouterr()
    for job in ("locate", "events"):
        with pytest.raises(SystemExit):
            main([job, "--help"])
        assert "folder of Parquet parts" in " ".join(capsys.readouterr().out.split()), job


def test_the_local_and_dask_engines_read_a_folder_alike(tmp_path, model, scheduler):
    pytest.importorskip("distributed")
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    folder, _ = _folder(tmp_path)
    local = locate_file(model, folder, tmp_path / "local.parquet", time_col="ts", chunk_rows=7)
    dask = locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    _same_rows(pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet"))
    assert _summary(dask) == _summary(local)  # (the rows named, by their parts too; the notes)
    local = events_file(model, folder, tmp_path / "ev.parquet", summary=tmp_path / "ev.csv", chunk_rows=7)
    dask = events_parquet_dask(
        model, folder, tmp_path / "dask-ev", summary=tmp_path / "dask-ev.csv", scheduler=scheduler, partition_size=1
    )

    def in_order(table):  # (Dask's parts hold the vehicles as its shuffle put them, each in time order)
        keys = ["id", "time", "row_before", "row_after", "event", "zone"]
        return table.to_pandas().sort_values(keys, kind="stable").reset_index(drop=True)

    got, expected = pq.read_table(tmp_path / "dask-ev"), pq.read_table(tmp_path / "ev.parquet")
    assert got.schema == expected.schema
    pd.testing.assert_frame_equal(in_order(got), in_order(expected))
    assert (tmp_path / "dask-ev.csv").read_bytes() == (tmp_path / "ev.csv").read_bytes()
    assert _summary(dask, "partitions") == _summary(local, "partitions")


def test_a_folder_is_streamed_part_after_part_in_chunks_of_chunk_rows(tmp_path):
    # the first rows come before a later part is read (its damaged pages stop the reading only there), and no
    # chunk holds more than chunk_rows rows nor rows of two parts: memory bounded as for one file
    from avzone.batch import open_source

    folder, _ = _folder(tmp_path, stray=False)
    with open_source(folder, chunk_rows=7) as source:
        sizes = [chunk.columns.num_rows for chunk in source.chunks]
        assert source.parts == ([str(folder / name) for name, _, _ in PARTS], [20, 25, 15])
    assert sizes == [7, 7, 6, 7, 7, 7, 4, 7, 7, 1]
    last = folder / "city=sh" / "part-0.parquet"
    data = bytearray(last.read_bytes())
    data[8:200] = b"\xff" * 192
    last.write_bytes(bytes(data))
    with open_source(folder, chunk_rows=7) as source:
        first = next(source.chunks)
        assert first.columns.column("ts").to_pylist() == _fixes()["ts"].tolist()[:7]
        with pytest.raises(InputError, match="cannot read as Parquet"):
            list(source.chunks)


@pytest.mark.parametrize("engine", ["local", "events", "dask"])
def test_a_refusal_naming_a_row_names_its_part_and_its_row_there(tmp_path, model, engine, request):
    # a column of points as text with no value in its first rows, whose first point (in the second part) is written
    # with an SRID not the CRS's: refused naming that part, its row there and the row over the folder
    folder = tmp_path / "in"
    folder.mkdir()
    n = 100_000  # (the rows that judge the column: none of them holds a value)
    ts = "2024-10-18 08:00:00"
    first = {"id": pa.array(range(n)), "ts": pa.array([ts] * n), "wkt": pa.nulls(n, pa.string())}
    pq.write_table(pa.table(first), folder / "part-0.parquet")
    late = pa.array([None, None, None, "SRID=3857;POINT(12958000 4852000)", "POINT(116.4 39.9)"])
    pq.write_table(
        pa.table({"id": pa.array(range(5)), "ts": pa.array([ts] * 5), "wkt": late}), folder / "part-1.parquet"
    )
    if engine == "local":
        err = _refused(locate_file, model, folder, tmp_path / "o.csv", point_col="wkt")
    elif engine == "events":
        err = _refused(events_file, model, folder, tmp_path / "o.csv", id_col="id", point_col="wkt")
    else:
        from avzone.distributed import locate_parquet_dask

        scheduler = request.getfixturevalue("scheduler")
        err = _refused(locate_parquet_dask, model, folder, tmp_path / "o", point_col="wkt", scheduler=scheduler)
    part = folder / "part-1.parquet"
    assert str(err).startswith(
        f"{part} (row 100,003 over the parts of {folder} in order): column 'wkt' holds points with SRID=3857 from "
        "row 3 (counted from 0; no value before it)"
    ), str(err)
    assert error_text(err, "zh").startswith(
        f"{part}（{folder} 各部分按顺序的第 100,003 行）：列 'wkt' 从第 3 行（从 0 起算，此前没有值）起"
    ), error_text(err, "zh")
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_value_the_folders_type_cannot_hold_is_named_by_its_part_and_row(tmp_path, model, engine, request):
    # integers in one part, floats in another: read as floats, which hold no integer beyond 2**53 (pyarrow stopped
    # the local job naming the folder alone, and the dask job with its own error)
    folder = tmp_path / "in"
    folder.mkdir()
    lon, lat = [116.5] * 30, [39.8] * 30
    pq.write_table(pa.table({"lon": lon[:20], "lat": lat[:20], "id": [0.5] * 20}), folder / "part-0.parquet")
    ids = pa.array([*range(25), 2**60 + 1, *range(4)], pa.int64())
    pq.write_table(pa.table({"lon": lon, "lat": lat, "id": ids}), folder / "part-1.parquet", row_group_size=10)
    if engine == "local":
        err = _refused(locate_file, model, folder, tmp_path / "o.csv", chunk_rows=10)
    else:
        from avzone.distributed import locate_parquet_dask

        scheduler = request.getfixturevalue("scheduler")
        err = _refused(locate_parquet_dask, model, folder, tmp_path / "o", scheduler=scheduler, partition_size=1)
    part = folder / "part-1.parquet"
    assert str(err).startswith(
        f"{part} (row 45 over the parts of {folder} in order): column 'id' is int64 there, and its value "
        "'1152921504606846977' in row 25 (counted from 0) cannot be read as double, the one type the folder's parts "
        "are read in for that column (Integer value 1152921504606846977 not in range"
    ), str(err)
    assert str(err).endswith("): write the column in one type in every part")
    assert error_text(err, "zh").startswith(
        f"{part}（{folder} 各部分按顺序的第 45 行）：列 'id' 在此为 int64，其第 25 行（从 0 起算）的值 "
        "'1152921504606846977' 无法按 double（文件夹各分片中该列统一读取的类型）读取"
    ), error_text(err, "zh")
    assert not (tmp_path / "o.csv").exists() and not (tmp_path / "o").exists()


def test_view_columns_in_every_part_keep_their_types_as_in_one_file(tmp_path, model, scheduler):
    # Arrow's string_view and binary_view (pyarrow >= 16): every part holding them, the outputs of both engines
    # hold them as the local job's output of one file of every part does, with the same values
    from avzone.distributed import locate_parquet_dask

    assert tuple(int(v) for v in pa.__version__.split(".")[:2]) >= (16, 0)

    def part(a: int, b: int) -> pa.Table:
        return pa.table(
            {
                "lon": pa.array([116.50 + i / 1000 for i in range(a, b)]),
                "lat": pa.array([39.80] * (b - a)),
                "name": pa.array([f"n{i}" if i % 3 else None for i in range(a, b)], pa.string_view()),
                "blob": pa.array([bytes([i, 0]) if i % 4 else None for i in range(a, b)], pa.binary_view()),
            }
        )

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(part(0, 7), folder / "part-0.parquet")
    pq.write_table(part(7, 16), folder / "part-1.parquet", row_group_size=4)
    pq.write_table(pa.concat_tables([part(0, 7), part(7, 16)]), tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "one.parquet")
    locate_file(model, folder, tmp_path / "local.parquet", chunk_rows=5)
    locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1)
    expected = pq.read_table(tmp_path / "one.parquet")
    assert expected.schema.field("name").type == pa.string_view()
    assert expected.schema.field("blob").type == pa.binary_view()
    outputs = {
        "local": tmp_path / "local.parquet",
        **{p.name: p for p in sorted((tmp_path / "dask").glob("*.parquet"))},
    }
    assert len(outputs) > 2  # (the dask output in parts)
    for name, path in outputs.items():
        assert pq.read_schema(path).remove_metadata() == expected.schema.remove_metadata(), name
    got = pq.read_table(tmp_path / "dask").replace_schema_metadata(None)
    for table in (pq.read_table(tmp_path / "local.parquet").replace_schema_metadata(None), got):
        assert table.schema == expected.schema.remove_metadata()
        assert table.to_pylist() == expected.replace_schema_metadata(None).to_pylist()


def test_a_part_gone_once_the_folder_is_listed_is_named(tmp_path):
    # (its footer read with the others', the part deleted before its rows are: named, not the folder)
    from avzone._parts import read_parts

    folder, _ = _folder(tmp_path, stray=False)
    read = read_parts(str(folder), 10)
    gone = folder / "city=bj" / "part-10.parquet"
    gone.unlink()
    with pytest.raises(InputError) as err:
        list(read.batches)
    assert str(err.value) == f"{gone}: no such file", str(err.value)

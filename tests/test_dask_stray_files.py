"""Which files of a folder the dask engines read as its Parquet parts, and the files they refuse.

The rule is pyarrow's and Spark's: every file under the folder is a part but those whose names, or the names of
the folders holding them, begin with ``_`` or ``.`` (``_SUCCESS``, ``_metadata``, ``.crc`` files, ``.DS_Store``,
``_temporary/``), whatever their extension; the footers avzone reads before the job and the rows Dask reads are
those of the same files. A file that is a part by its name but not Parquet (notes, a README, an empty file) is
refused, naming it, the folder and what to do, in English and Chinese.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import run_cli

from avzone.errors import InputError
from avzone.i18n import error_text

pytest.importorskip("distributed")

from avzone.distributed import events_parquet_dask, locate_parquet_dask  # (after the skip)


def _fixes(first: int, rows: int) -> pa.Table:
    """``rows`` fixes numbered from ``first`` (column ``row``), of two vehicles, a minute apart, in Beijing."""
    rng = np.random.default_rng(first)
    return pa.table(
        {
            "row": np.arange(first, first + rows),
            "vehicle": [f"v{i % 2}" for i in range(rows)],
            "ts": pa.array(
                np.datetime64("2024-05-01T08:00", "s") + np.arange(first, first + rows) * np.timedelta64(60, "s")
            ),
            "lon": rng.uniform(116.3, 116.5, rows),
            "lat": rng.uniform(39.8, 40.0, rows),
        }
    )


def _folder(path, parts=2, rows=6):
    """A folder of ``parts`` Parquet parts (``part.K.parquet``) of ``rows`` fixes each, numbered in row order."""
    path.mkdir(parents=True)
    for k in range(parts):
        pq.write_table(_fixes(k * rows, rows), path / f"part.{k}.parquet")
    return path


def _with_metadata_files(folder, listed):
    """``_metadata`` (the footers of the parts ``listed``, as Dask and Spark write it) and ``_common_metadata``."""
    footers = []
    for name in listed:
        footer = pq.read_metadata(folder / name)
        footer.set_file_path(name)
        footers.append(footer)
    for footer in footers[1:]:
        footers[0].append_row_groups(footer)
    footers[0].write_metadata_file(str(folder / "_metadata"))
    pq.write_metadata(pq.read_schema(folder / listed[0]), folder / "_common_metadata")


def _located_rows(model, folder, out, scheduler):
    summary = locate_parquet_dask(model, folder, out, scheduler=scheduler)
    rows = pq.read_table(out).column("row").to_pylist()
    assert summary.rows == len(rows)
    return rows


# -- files that are not parts -----------------------------------------------------------------------------------------
def _stale_metadata(folder):  # a part written after the _metadata file, which lists the others: Dask read only those
    _with_metadata_files(folder, ["part.0.parquet", "part.1.parquet"])
    pq.write_table(_fixes(12, 6), folder / "part.2.parquet")
    return list(range(18))


def _hidden_part(folder):  # Dask read every file named .parquet: a hidden one's rows were counted, first
    pq.write_table(_fixes(100, 3), folder / ".part.9.parquet")
    return list(range(12))


def _underscored_part(folder):
    pq.write_table(_fixes(100, 3), folder / "_part.9.parquet")
    return list(range(12))


def _temporary_folder(folder):  # a Spark job's parts in progress, under _temporary/: counted too
    (folder / "_temporary" / "0").mkdir(parents=True)
    pq.write_table(_fixes(100, 3), folder / "_temporary" / "0" / "part.9.parquet")
    return list(range(12))


def _spark_leftovers(folder):  # what Spark, Hadoop and macOS leave beside the parts; the parts' checksums
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / ".part.0.parquet.crc").write_bytes(b"crc\x00\x01\x02")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "_notes.txt").write_text("notes", encoding="utf-8")
    _with_metadata_files(folder, ["part.0.parquet", "part.1.parquet"])
    return list(range(12))


def _part_with_no_extension(folder):  # Hive writes 000000_0: a part, which Dask left out (no .parquet)
    pq.write_table(_fixes(12, 6), folder / "part.2")
    return list(range(18))


@pytest.mark.parametrize(
    "make",
    [_stale_metadata, _hidden_part, _underscored_part, _temporary_folder, _spark_leftovers, _part_with_no_extension],
)
def test_the_parts_read_are_the_files_not_named_with_a_leading_underscore_or_dot(tmp_path, model, dask_scheduler, make):
    folder = _folder(tmp_path / "in")
    expected = make(folder)
    assert _located_rows(model, folder, tmp_path / "out", dask_scheduler) == expected


def test_the_events_engine_reads_the_same_parts(tmp_path, model, dask_scheduler):
    folder = _folder(tmp_path / "in")
    _hidden_part(folder)
    _stale_metadata(folder)
    report = events_parquet_dask(model, folder, tmp_path / "out", scheduler=dask_scheduler)
    assert report.rows == 18


def test_a_folder_given_as_a_url_reads_the_same_parts(tmp_path, model, dask_scheduler):
    folder = _folder(tmp_path / "in")
    _hidden_part(folder)
    _stale_metadata(folder)
    summary = locate_parquet_dask(model, f"file://{folder}", tmp_path / "out", scheduler=dask_scheduler)
    assert summary.rows == 18
    assert pq.read_table(tmp_path / "out").column("row").to_pylist() == list(range(18))


# -- files refused ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "reason_en", "reason_zh"),
    [
        ("notes.txt", b"about these fixes\n",
         "it does not begin with the bytes PAR1, as every Parquet file does, but with the text 'about these fixes'",
         "它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以文本 'about these fixes' 开头"),
        ("README", b"# fixes\n",
         "it does not begin with the bytes PAR1, as every Parquet file does, but with the text '# fixes'",
         "它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以文本 '# fixes' 开头"),
        ("notes.csv", b"a,b\n1,2\n",
         "it does not begin with the bytes PAR1, as every Parquet file does, but with the text 'a,b', like a CSV "
         "file's header line",
         "它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以像 CSV 文件表头行的文本 'a,b' 开头"),
        ("part.3.crc", b"\x8f\x00\x12\xa0",
         "it does not begin with the bytes PAR1, as every Parquet file does, but with the bytes 8F 00 12 A0",
         "它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以字节 8F 00 12 A0 开头"),
        ("empty", b"", "the file is empty", "文件是空的"),
        ("part.2.parquet", b"", "the file is empty", "文件是空的"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["locate", "events"])
def test_a_file_that_is_a_part_by_its_name_but_not_parquet_is_refused_naming_it(
    tmp_path, command, name, content, reason_en, reason_zh
):
    # (it failed the job as "cannot read as Parquet (Parquet file size is 5 bytes, smaller than the minimum file
    # footer (8 bytes))", saying neither why the file was read nor what to do; a CSV file as "reads Parquet, not
    # csv: use the local engine")
    folder = _folder(tmp_path / "in")
    (folder / name).write_bytes(content)
    dst = tmp_path / "out"
    for lang, said in (
        ("en", f"avzone: error: {folder / name}: not a Parquet file ({reason_en}), in the folder of Parquet parts "
               f"{folder}, where every file whose name does not begin with '_' or '.' is read as a part: move it out "
               f"of the folder, or rename it to begin with '_' (such as _{name})"),
        ("zh", f"avzone: 错误：{folder / name}：不是 Parquet 文件（{reason_zh}），却在 Parquet 分片文件夹 {folder} 中，"
               "该文件夹里名称不以“_”或“.”开头的文件都作为分片读取：请把它移出该文件夹，或改名以“_”开头"
               f"（如 _{name}）"),
    ):  # fmt: skip
        result = run_cli(command, "--engine", "dask", "--input", str(folder), "--output", str(dst), "--lang", lang)
        assert result.returncode == 2 and said in result.stderr, result.stderr
        assert not dst.exists()


def test_a_part_cut_short_is_still_said_to_be_parquet_cut_short(tmp_path, model):
    # a file that begins as Parquet does is a part cut short, not a stray file
    folder = _folder(tmp_path / "in")
    whole = (folder / "part.1.parquet").read_bytes()
    (folder / "part.1.parquet").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"part\.1\.parquet: not a complete Parquet file \(it begins with") as caught:
        locate_parquet_dask(model, folder, tmp_path / "out")
    assert "not a Parquet file" not in str(caught.value)


@pytest.mark.parametrize("leftovers", [(), ("_SUCCESS", "_temporary/0/part.0.parquet", ".part.0.parquet")])
def test_a_folder_with_no_part_is_refused_saying_which_files_are_not_parts(tmp_path, model, leftovers):
    # (an empty folder was "cannot read as Parquet (No files satisfy the `parquet_file_extension` criteria ...)";
    # one holding only a Spark job's _temporary/ parts, or hidden ones, was read as those)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in leftovers:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(_fixes(0, 3), folder / name)
    with pytest.raises(InputError) as caught:
        locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(caught.value) == (
        f"{folder}: the folder holds no Parquet part: files whose names begin with '_' or '.' (and every file in a "
        "folder so named: _SUCCESS, _metadata, .crc files, _temporary/) are not parts"
    )
    assert error_text(caught.value, "zh") == (
        f"{folder}：该文件夹中没有 Parquet 分片：名称以“_”或“.”开头的文件（以及如此命名的文件夹中的每个文件："
        "_SUCCESS、_metadata、.crc 文件、_temporary/）都不是分片"
    )
    with pytest.raises(InputError, match="the folder holds no Parquet part"):
        events_parquet_dask(model, folder, tmp_path / "out")

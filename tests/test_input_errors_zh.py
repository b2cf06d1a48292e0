"""Input files avzone cannot read (a GeoJSON that is not a FeatureCollection or not JSON, a column avzone would
add), refused in Chinese under --lang zh."""

from __future__ import annotations

import re

import pytest
from common import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("name", "content", "extra", "english"),
    [
        ("a.geojson", '{"type": "Topology"}', [], "expected a GeoJSON FeatureCollection with a 'features' list"),
        ("d.geojson", '{"type": "Feature"}', [], 'a GeoJSON Feature alone (got {"type": "Feature"}), not a'),
        ("e.geojson", '{"type": "FeatureCollection", "features": [7]}', [], "features[0] is not a GeoJSON Feature"),
        ("f.geojson", '{"type": "Feature"}\n{"type": "Feature"}', [], "one Feature after another (line 2)"),
        ("b.geojson", '{"type":', [], "not valid JSON (line 1, column 9: "),
        ("c.geojson", "[" * 100_000, [], "JSON nested too deeply to read"),
    ],
)
def test_unreadable_inputs_in_both_languages(tmp_path, name, content, extra, english):
    src, out = tmp_path / name, tmp_path / "out.csv"
    src.write_text(content, encoding="utf-8")
    args = ["locate", "--input", str(src), "--output", str(out), *extra]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    assert en.stderr.startswith(f"avzone: error: {src}: {english}"), en.stderr
    assert zh.stderr.startswith(f"avzone: 错误：{src}："), zh.stderr
    said = zh.stderr.strip().split("：", 2)[2]
    assert CJK.search(said) and not re.search(r"[a-z]{3,}(?: [a-z]{2,}){2,}", said), said
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "output", "english"),
    [
        ("lon,lat,a,a\n116.5,39.8,2,3\n", "out.parquet", "the input has more than one column named 'a', and a Parquet"),
        ("lon,lat,a,a\n116.5,39.8,2,3\n", "out.geojson", "the input has more than one column named 'a', and GeoJSON"),
    ],
)
def test_columns_a_job_cannot_write_in_both_languages(tmp_path, content, output, english):
    src, out = tmp_path / "in.csv", tmp_path / output
    src.write_text(content, encoding="utf-8")
    args = ["locate", "--input", str(src), "--output", str(out)]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    named = src if output == "out.csv" else out
    assert en.stderr.startswith(f"avzone: error: {named}: {english}"), en.stderr
    assert zh.stderr.startswith(f"avzone: 错误：{named}："), zh.stderr
    said = zh.stderr.strip().split("：", 2)[2]
    assert CJK.search(said) and not re.search(r"[a-z]{3,}(?: [a-z]{2,}){2,}", said), said
    assert not out.exists()


@pytest.mark.parametrize("command", ["locate", "events", "map"])
def test_a_folder_given_as_the_input_file_is_called_a_folder(tmp_path, command):
    """A folder named as the input of a job that reads one file (a folder named like a file) is said to be one, and
    that locate and events read a folder of Parquet parts; they say this one (empty) holds no part."""
    folder = tmp_path / "parts.parquet"
    folder.mkdir()
    out = tmp_path / ("out.html" if command == "map" else "out.csv")
    flag = "--points" if command == "map" else "--input"
    args = [command, flag, str(folder), "-o" if command == "map" else "--output", str(out)]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2, en.stderr
    if command != "map":  # (read as a folder of Parquet parts: it holds none)
        assert en.stderr.startswith(f"avzone: error: {folder}: the folder holds no Parquet part"), en.stderr
        assert zh.stderr.startswith(f"avzone: 错误：{folder}：该文件夹中没有 Parquet 分片"), zh.stderr
        assert not out.exists()
        return
    assert en.stderr.startswith(f"avzone: error: {folder}: a folder, where the input is one file"), en.stderr
    said = "read as one input by avzone locate --engine local and avzone events --engine local (and by their dask"
    assert said in " ".join(en.stderr.split()), en.stderr
    assert "extension" not in en.stderr and "T-Drive" not in en.stderr
    assert zh.stderr.startswith(f"avzone: 错误：{folder}：这是一个文件夹"), zh.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", ["out", "out.csv"])
def test_a_folder_given_as_the_output_file_is_called_a_folder(tmp_path, name):
    """Named like a file or not (it had no extension to tell a format by)."""
    src, folder = tmp_path / "fixes.csv", tmp_path / name
    src.write_text("lon,lat\n116.5,39.8\n", encoding="utf-8")
    folder.mkdir()
    res = run_cli("locate", "--input", str(src), "--output", str(folder))
    assert res.returncode == 2
    assert res.stderr.startswith(f"avzone: error: {folder}: is a folder; give the output file's name"), res.stderr
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("command", ["locate", "events", "map"])
def test_a_geojson_input_giving_a_key_twice_is_refused_naming_it(tmp_path, command):
    """JSON readers keep the last of a key given twice: the first 'features' (every point) would be lost and the
    job answer for none, as a POST body giving a key twice is refused and the dataset's own files are."""
    src = tmp_path / "fixes.geojson"
    feature = (
        '{"type": "Feature", "properties": {"vehicle": "a", "ts": "2024-05-01T08:00:00"}, '
        '"geometry": {"type": "Point", "coordinates": [116.5, 39.8]}}'
    )
    src.write_text(f'{{"type": "FeatureCollection", "features": [{feature}], "features": []}}', encoding="utf-8")
    out = tmp_path / ("out.html" if command == "map" else "out.csv")
    args = [command, "--points" if command == "map" else "--input", str(src), "--output", str(out)]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2, en.stderr
    assert en.stderr.startswith(f"avzone: error: {src}: key 'features' given twice in one object ("), en.stderr
    assert zh.stderr.startswith(f"avzone: 错误：{src}：同一对象中键 'features' 出现两次"), zh.stderr
    assert not out.exists()
    one = tmp_path / "one.geojson"  # a property given twice, in a feature named by its id
    one.write_text(feature.replace('"vehicle": "a"', '"id": "f7", "x": 1, "x": 2').join(
        ['{"type": "FeatureCollection", "features": [', "]}"]), encoding="utf-8")  # fmt: skip
    res = run_cli("locate", "--input", str(one), "--output", str(tmp_path / "one.csv"))
    assert res.returncode == 2 and "key 'x' given twice in one object ('f7') (1, then 2)" in res.stderr, res.stderr


def test_dask_part_lacking_the_index_column_refused_in_both_languages(tmp_path):
    # a part lacking the column another part stores its pandas index in (its rows would have no labels)
    pd = pytest.importorskip("pandas")
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    frame = pd.DataFrame({"lon": [116.5, 116.41], "lat": [39.79, 39.9], "rowid": ["r1", "r2"]})
    frame.iloc[:1].set_index("rowid").to_parquet(folder / "part.0.parquet")
    frame.iloc[1:].drop(columns="rowid").to_parquet(folder / "part.1.parquet")
    args = ["locate", "--engine", "dask", "--input", str(folder), "--output", str(tmp_path / "out")]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    part, other = folder / "part.1.parquet", folder / "part.0.parquet"
    assert en.stderr.startswith(f"avzone: error: {folder}: {part} has no column 'rowid', in which {other} stores"), (
        en.stderr
    )
    assert zh.stderr.startswith(f"avzone: 错误：{folder}：{part} 没有列 'rowid'，而 {other} 把它的 pandas 索引"), (
        zh.stderr
    )
    assert not (tmp_path / "out").exists()

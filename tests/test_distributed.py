"""The dask engine gives exactly the local engine's answers, in order, with every column."""

from __future__ import annotations

import contextlib

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.points import NULL_ISLAND_TEXT
from avzone.zonetime import BEIJING

pytest.importorskip("distributed")


def _parts(folder, n_parts=3, rows=4000, seed=5):
    rng = np.random.default_rng(seed)
    folder.mkdir()
    tables = []
    for k in range(n_parts):
        lon = rng.uniform(116.3, 116.8, rows)
        lat = rng.uniform(39.65, 40.2, rows)
        lat[k] = np.nan  # one broken row per part
        t = pa.table(
            {
                "row": pa.array(np.arange(k * rows, (k + 1) * rows)),
                "lon": pa.array(lon, mask=np.arange(rows) == 10 + k),
                "lat": lat,
                "label": pa.array([f"p{k}"] * rows),
            }
        )
        pq.write_table(t, folder / f"part.{k}.parquet")
        tables.append(t)
    return pa.concat_tables(tables)


@pytest.mark.slow
def test_dask_engine_matches_local_engine(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    whole = _parts(tmp_path / "in")
    pq.write_table(whole, tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", n_workers=2)
    local = pq.read_table(tmp_path / "local.parquet")
    dist = pq.read_table(tmp_path / "out")
    assert dist.column_names == local.column_names
    assert dist.column("row").to_pylist() == list(range(len(whole)))  # order kept across partitions

    def cells(table, name):  # NaN compared as a value, null as None
        return ["NaN" if isinstance(v, float) and v != v else v for v in table.column(name).to_pylist()]

    for name in local.column_names:
        assert cells(dist, name) == cells(local, name), name
    assert cells(dist, "status")[0] == "lat not finite" and cells(dist, "status")[10] == "missing lon"
    assert dask_summary.to_dict() | {"input": "", "output": ""} == local_summary.to_dict() | {"input": "", "output": ""}


def test_dask_engine_refuses_existing_output_and_bad_columns(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    _parts(tmp_path / "in", n_parts=1, rows=10)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("x")
    with pytest.raises(InputError, match="already exists"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out")
    with pytest.raises(InputError, match=r"no column 'nope' \(given by lon_col=\)"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out2", lon_col="nope")


def test_dask_engine_refuses_a_dataset_read_the_wrong_way_round(tmp_path, model):
    # as the local job refuses it, before any cluster starts (every row used to get the status, exit 0)
    from avzone.distributed import locate_parquet_dask

    whole = _parts(tmp_path / "in", n_parts=2, rows=200)
    swapped = tmp_path / "swapped"
    swapped.mkdir()
    pq.write_table(whole.rename_columns(["row", "lat", "lon", "label"]), swapped / "part.0.parquet")
    local = tmp_path / "swapped.parquet"
    pq.write_table(whole.rename_columns(["row", "lat", "lon", "label"]), local)
    with pytest.raises(InputError) as local_err:
        locate_file(model, local, tmp_path / "local.parquet")
    with pytest.raises(InputError, match=r"do with the columns swapped; .* lon_col='lat', lat_col='lon'") as err:
        locate_parquet_dask(model, swapped, tmp_path / "out")
    assert str(err.value).split(": ", 1)[1] == str(local_err.value).split(": ", 1)[1]  # the same words, its own path
    assert not (tmp_path / "out").exists()
    with pytest.raises(InputError, match=r"area in EPSG:3857, but 100% do read as WGS84 lon/lat .* look like degrees"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", crs="EPSG:3857")
    assert not (tmp_path / "out").exists()


# -- a time column: the same zone_in_force, in_force, statuses and counts as the local file job ----------------
#: The Beijing zone stages begin (00:00 Beijing time) on these days; the times are drawn around them.
STAGE_DAYS = ("2021-11-01", "2024-03-19", "2024-06-30")
NUMBER_STATUS = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process (threads): the scheduler of the time-column jobs."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


def _timed_parts(folder, n_parts=3, rows=1500, seed=7):
    """Parts with the same instants as naive, time-zone-aware, epoch and text times; bad times in every part.

    Times lie before the first stage, on each side of every stage's first instant (a minute and a second
    off, in Beijing time) and after the last; ``id`` numbers the rows over the whole dataset.
    """
    rng = np.random.default_rng(seed)
    folder.mkdir()
    firsts = [np.datetime64(f"{d}T00:00") - np.timedelta64(8, "h") for d in STAGE_DAYS]  # UTC
    near = [f + np.timedelta64(int(s), "s") for f in firsts for s in (-60, -1, 0, 1, 60)]
    anchors = np.array([np.datetime64("2019-05-04T12:00"), *near, np.datetime64("2026-01-01T00:00")], "M8[s]")
    tables = []
    for k in range(n_parts):
        lon = rng.uniform(116.3, 116.8, rows)
        lat = rng.uniform(39.65, 40.2, rows)
        lat[k] = np.nan  # a broken point (with a good time)
        utc = anchors[rng.integers(0, anchors.size, rows)] + rng.integers(-3, 4, rows) * np.timedelta64(1, "D")
        edges = anchors[rng.integers(1, anchors.size - 1, rows)]  # half the rows right at the stages' edges
        utc = np.where(rng.random(rows) < 0.5, edges, utc)
        missing = np.zeros(rows, bool)
        missing[[20 + k, 21 + k]] = True
        seconds = utc.astype(np.int64)
        epoch_s = pa.array(seconds, mask=missing)
        epoch_s = pa.concat_arrays([epoch_s[:30], pa.array([10**13], pa.int64()), epoch_s[31:]])  # year > 2189
        text = np.datetime_as_string(utc, unit="s", timezone="UTC").astype(object)
        text[40] = "soon"
        text[41] = ""
        text[42] = None
        text[43] = "1719705600"  # a number as text: a time only with --time-unit
        t = pa.table(
            {
                "id": pa.array(np.arange(k * rows, (k + 1) * rows)),
                "lon": lon,
                "lat": lat,
                "naive": pa.array((utc + np.timedelta64(8, "h")).astype("M8[us]"), mask=missing),  # Beijing time
                "aware": pa.array(utc.astype("M8[ns]"), pa.timestamp("ns", tz="UTC"), mask=missing),
                "aware_bj": pa.array(utc.astype("M8[ms]"), pa.timestamp("ms", tz="Asia/Shanghai"), mask=missing),
                "epoch_s": epoch_s,
                "epoch_ms": pa.array(seconds * 1000.0 + 0.5, mask=missing),  # floats
                "text": pa.array(text.tolist(), pa.string()),
            }
        )
        pq.write_table(t, folder / f"part.{k}.parquet")
        tables.append(t)
    return pa.concat_tables(tables)


def _cells(table, name):  # NaN compared as a value, null as None
    return ["NaN" if isinstance(v, float) and v != v else v for v in table.column(name).to_pylist()]


@pytest.fixture(scope="module")
def timed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("timed")
    whole = _timed_parts(tmp / "in")
    pq.write_table(whole, tmp / "whole.parquet")
    return tmp


@pytest.mark.parametrize(
    ("time_col", "time_unit"),
    [
        ("naive", None),
        ("aware", None),
        ("aware_bj", None),
        ("text", None),
        ("text", "s"),
        ("epoch_s", "s"),
        ("epoch_s", None),
        ("epoch_ms", "ms"),
    ],
)
def test_dask_engine_time_column_matches_local_file_job(timed, model, cluster, time_col, time_unit):
    """Row by row (the dask output keeps the input order: ``id`` runs 0..n-1), column by column, type by type."""
    from avzone.distributed import locate_parquet_dask

    name = f"{time_col}-{time_unit}"
    options = {"time_col": time_col, "time_unit": time_unit}
    local_summary = locate_file(model, timed / "whole.parquet", timed / f"local-{name}.parquet", **options)
    dask_summary = locate_parquet_dask(
        model, timed / "in", timed / f"dask-{name}", scheduler=cluster.scheduler_address, **options
    )
    local = pq.read_table(timed / f"local-{name}.parquet")
    dist = pq.read_table(timed / f"dask-{name}")
    layers = [f"in_{z}" for z in model.zone_layers]
    assert local.column_names[-len(layers) - 3 :] == [*layers, "zone_in_force", "in_force", "status"]
    assert dist.column_names == local.column_names
    assert dist.column("id").to_pylist() == list(range(len(local)))  # the input order: no sorting needed
    for name in local.column_names:
        assert dist.schema.field(name).type == local.schema.field(name).type, name
        assert _cells(dist, name) == _cells(local, name), name
    said, expected = (s.to_dict() | {"input": "", "output": ""} for s in (dask_summary, local_summary))
    for rows in said.get("examples_by_status", {}).values():  # (a folder's rows named with their part and row there)
        for row in rows:
            assert row.pop("file").startswith(str(timed / "in")) and 0 <= row.pop("file_row") <= row["row"], row
    assert said == expected

    # the answers are not all alike: every stage, rows before the first, inside and outside, and the bad times
    status = dist.column("status").to_pylist()
    zone = dist.column("zone_in_force").to_pylist()
    inside = dist.column("in_force").to_pylist()
    if time_col == "epoch_s" and time_unit is None:
        assert status.count(NUMBER_STATUS) == len(status) - 9  # all but the 3 broken points and the 6 nulls
        assert set(zone) == {None} and set(inside) == {None}
        return
    assert {"core", "current", "planned", None} <= set(zone) and {True, False, None} == set(inside)
    ok = [s == "ok" for s in status]
    assert any(z is None and i is False for z, i, o in zip(zone, inside, ok) if o)  # before the first stage
    assert status[0] == "lat not finite" and inside[0] is None
    missing = {"text": [42], "epoch_s": [20, 21]}.get(time_col, [20, 21])
    assert all(status[r] == "missing time" and inside[r] is None for r in missing)
    if time_col == "text":
        assert status[40].startswith("time not a date/time") and status[41] == "missing time"
        assert (status[43] == "ok") == (time_unit == "s")
    if time_col == "epoch_s":
        assert status[30].startswith("time outside the years 1900 to 2189")


def test_dask_engine_names_a_missing_time_column(tmp_path, model):
    """As the local file job says it, and before any cluster starts."""
    from avzone.distributed import locate_parquet_dask

    whole = _parts(tmp_path / "in", n_parts=2, rows=10)
    pq.write_table(whole, tmp_path / "whole.parquet")
    with pytest.raises(InputError) as local:
        locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet", time_col="when")
    with pytest.raises(InputError) as dist:
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", time_col="when")
    expected = "no time column 'when' (name it with time_col=); columns are: row, lon, lat, label"
    assert str(local.value) == f"{tmp_path / 'whole.parquet'}: {expected}"
    assert str(dist.value) == f"{tmp_path / 'in'}: {expected}"
    with pytest.raises(InputError, match="time_unit is the unit of the time column's numbers: give time_col too"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", time_unit="s")
    with pytest.raises(InputError, match="time_unit must be one of s, ms, us, ns"):
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", time_col="label", time_unit="sec")
    assert not (tmp_path / "out").exists() and not (tmp_path / "local.parquet").exists()


@pytest.mark.parametrize(("name", "fmt"), [("fixes.csv", "csv"), ("fixes.tsv", "csv"), ("fixes.geojson", "geojson")])
def test_dask_engine_names_an_input_that_is_not_parquet(tmp_path, model, name, fmt):
    """Not 'cannot read as Parquet (... Parquet magic bytes not found in footer ...)': the format and what to do."""
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    src = tmp_path / name
    src.write_text("vehicle,ts,lon,lat\na,2024-06-01T08:00:00,116.5,39.79\n", encoding="utf-8")
    want = (
        f"{src}: avzone.distributed.{{}}_parquet_dask() reads Parquet (a file or a folder of parts), not {fmt}: use "
        "{}, which reads it, or convert the file to Parquet"
    )
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, src, tmp_path / "out")
    assert str(err.value) == want.format("locate", "avzone.batch.locate_file()")
    with pytest.raises(InputError) as err:
        events_parquet_dask(model, src, tmp_path / "events")
    assert str(err.value) == want.format("events", "avzone.tracks.events_file()")
    assert not (tmp_path / "out").exists() and not (tmp_path / "events").exists()


def test_dask_jobs_refuse_times_of_day_and_float32_epoch_times_before_any_cluster(tmp_path, model):
    # as the local jobs do: a time64 column has no dates, a float32 one steps by 128 s at today's epoch seconds
    import datetime as dt

    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    times = {"clock": pa.array([dt.time(8, m) for m in range(3)], pa.time64("us"))}
    times["f32"] = pa.array(np.array([1719705600, 1719705660, 1719705720], dtype=np.float32))
    table = pa.table({"vehicle": ["a"] * 3, "lon": [116.5] * 3, "lat": [39.8] * 3, **times})
    pq.write_table(table, folder / "part.0.parquet")
    day = f"{folder}: clock: the column holds times of day without dates (time64[us])"
    f32 = f"{folder}: f32: the times are float32 numbers, which cannot hold epoch times"
    for col, unit, want in (("clock", None, day), ("f32", "s", f32)):
        with pytest.raises(InputError) as err:
            locate_parquet_dask(model, folder, tmp_path / "out", time_col=col, time_unit=unit)
        assert str(err.value).startswith(want)
        with pytest.raises(InputError) as err:
            events_parquet_dask(model, folder, tmp_path / "ev", time_col=col, time_unit=unit)
        assert str(err.value).startswith(want)
        assert not (tmp_path / "out").exists() and not (tmp_path / "ev").exists()


# -- partition boundaries and readers other than Dask --------------------------------------------------------
def _one_row_parts(folder, n_parts):
    folder.mkdir()
    rng = np.random.default_rng(3)
    for k in range(n_parts):
        t = pa.table({"k": [k], "lon": [rng.uniform(116.3, 116.8)], "lat": [rng.uniform(39.65, 40.2)]})
        pq.write_table(t, folder / f"part.{k}.parquet")


def test_dask_output_parts_are_named_in_row_order_for_every_reader(tmp_path, model, cluster):
    # Dask reads part.10 after part.9, but pyarrow, pandas, DuckDB and Spark list a folder by name:
    # with parts named part.0 ... part.11 they read rows 0, 1, 10, 11, 2, ... of the output
    from avzone.distributed import locate_parquet_dask

    _one_row_parts(tmp_path / "in", 12)
    locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", scheduler=cluster.scheduler_address)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"part.{k:02d}.parquet" for k in range(12)]
    assert pq.read_table(tmp_path / "out").column("k").to_pylist() == list(range(12))


def test_dask_engine_keeps_a_pandas_index_as_the_local_engine_does(tmp_path, model, cluster):
    # a frame written with its index (df.set_index("rowid").to_parquet(...)): the local job reads the index as the
    # column it is in the file; the dask engine read it as the frame's index and wrote the parts without it
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frames = []
    for k in range(2):
        frame = pd.DataFrame(
            {"lon": [116.5, 116.41, 116.62], "lat": [39.79, 39.9, 40.01], "rowid": [f"r{3 * k + r}" for r in range(3)]}
        )
        frame.set_index("rowid").to_parquet(folder / f"part.{k}.parquet")
        frames.append(pq.read_table(folder / f"part.{k}.parquet"))
    pq.write_table(pa.concat_tables(frames), tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert local.column_names[:3] == ["lon", "lat", "rowid"]
    assert dist.column_names == local.column_names
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert dask_summary.rows == local_summary.rows == 6


def test_dask_engine_keeps_an_unnamed_pandas_index_as_the_local_engine_does(tmp_path, model, cluster):
    # pandas writes an unnamed index that is not a range (rows filtered, ids as labels) as the column
    # __index_level_0__: the local job keeps it, in its place; the dask engine dropped it from the output parts
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frame = pd.DataFrame(
        {"lon": [116.5, 116.41, 116.62, 116.7], "lat": [39.79, 39.9, 40.01, 39.87]}, index=[10, 20, 30, 40]
    )
    frame.iloc[:2].to_parquet(folder / "part.0.parquet")
    frame.iloc[2:].to_parquet(folder / "part.1.parquet")
    frame.to_parquet(tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert local.column_names[:3] == ["lon", "lat", "__index_level_0__"]
    assert dist.column_names == local.column_names
    assert dist.schema.types == local.schema.types
    assert dist.column("__index_level_0__").to_pylist() == [10, 20, 30, 40]
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert dask_summary.rows == local_summary.rows == 4


# -- outputs to a URL (fsspec; here its in-memory file system, which the in-process cluster's workers share) --------
def _memory_url(name):
    import uuid

    pytest.importorskip("fsspec")
    return f"memory://avzone-{uuid.uuid4().hex[:8]}/{name}"


def test_dask_engines_refuse_a_url_output_with_files_in_it(tmp_path, model):
    # as a local output folder is refused: the new parts would be mixed with the old ones (an old part.7 stays
    # beside a new job's part.0 ... part.2, and every reader of the folder reads its rows too)
    import fsspec

    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    _parts(tmp_path / "in", n_parts=1, rows=10)
    url = _memory_url("located")
    fs, root = fsspec.core.url_to_fs(url)
    fs.pipe(f"{root}/part.7.parquet", b"old")
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, tmp_path / "in", url)
    assert str(err.value) == f"{url}: already exists; the dask engine writes a new folder of Parquet parts"
    with pytest.raises(InputError, match="already exists"):
        events_parquet_dask(model, tmp_path / "in", url, id_col="label", time_col="row")
    assert fs.find(root) == [f"{root}/part.7.parquet"] and fs.cat(f"{root}/part.7.parquet") == b"old"
    top = _memory_url("x").rsplit("/", 1)[0]  # a bucket itself: no folder beside it for the temporary parts
    with pytest.raises(InputError, match=rf"^{top}: name a folder inside the bucket or file system \(such as {top}/"):
        locate_parquet_dask(model, tmp_path / "in", top)


def test_dask_output_to_a_url_appears_only_when_the_job_succeeded(tmp_path, model, cluster, monkeypatch):
    # the parts were written in place: a job failing on its second partition left part.0 at the URL, a folder
    # that looks like a (short) result
    import fsspec

    import avzone.distributed
    from avzone.distributed import locate_parquet_dask

    whole = _parts(tmp_path / "in", n_parts=3, rows=50)
    url = _memory_url("located")
    fs, root = fsspec.core.url_to_fs(url)
    parent = root.rsplit("/", 1)[0]
    real = avzone.distributed.annotate_partition

    def failing(part, *args):
        if len(part) and part["row"].iloc[0] >= 50:  # the second and third partitions
            raise RuntimeError("worker lost")
        return real(part, *args)

    monkeypatch.setattr(avzone.distributed, "annotate_partition", failing)
    with pytest.raises(RuntimeError, match="worker lost"):
        locate_parquet_dask(model, tmp_path / "in", url, scheduler=cluster.scheduler_address)
    assert not fs.exists(root) and fs.find(parent) == []  # neither the output nor a temporary folder
    monkeypatch.setattr(avzone.distributed, "annotate_partition", real)

    summary = locate_parquet_dask(model, tmp_path / "in", url, scheduler=cluster.scheduler_address)
    assert summary.rows == len(whole)
    assert fs.ls(parent, detail=False) == [root]  # no temporary folder left beside it
    assert sorted(p.rsplit("/", 1)[1] for p in fs.find(root)) == ["part.0.parquet", "part.1.parquet", "part.2.parquet"]
    back = pq.read_table(root, filesystem=fs)
    assert back.column("row").to_pylist() == whole.column("row").to_pylist()


def test_dask_output_to_a_url_of_a_split_file_keeps_its_index_read_as_a_folder(tmp_path, model, cluster, monkeypatch):
    # the part of no rows describing the index of a file Dask splits (_whole_index) is written at a URL as locally
    import fsspec
    import pandas as pd

    import avzone.distributed
    from avzone.distributed import locate_parquet_dask

    monkeypatch.setattr(avzone.distributed._AvzoneParquetEngine, "default_blocksize", classmethod(lambda cls: "1KiB"))
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(
        {"lon": rng.uniform(116.3, 116.8, 200), "lat": rng.uniform(39.65, 40.2, 200)}, index=pd.RangeIndex(50, 450, 2)
    )
    frame.to_parquet(tmp_path / "in.parquet", row_group_size=50)
    locate_file(model, tmp_path / "in.parquet", tmp_path / "local.parquet")
    url = _memory_url("located")
    fs, root = fsspec.core.url_to_fs(url)
    locate_parquet_dask(model, tmp_path / "in.parquet", url, scheduler=cluster.scheduler_address)
    names = sorted(p.rsplit("/", 1)[1] for p in fs.find(root))
    assert names == [f"part.{k}.parquet" for k in range(5)]  # the index's part, then one per partition
    back = pq.read_table(root, filesystem=fs)
    assert back.equals(pq.read_table(tmp_path / "local.parquet"), check_metadata=True)
    assert back.to_pandas().index.equals(frame.index)


def test_dask_output_to_a_url_failing_while_moved_into_place_leaves_nothing(tmp_path, model, cluster, monkeypatch):
    import fsspec

    from avzone.distributed import locate_parquet_dask

    _parts(tmp_path / "in", n_parts=3, rows=20)
    url = _memory_url("located")
    fs, root = fsspec.core.url_to_fs(url)
    parent = root.rsplit("/", 1)[0]
    real_mv, moved = fs.mv, []

    def mv(path1, path2, **kwargs):  # an object store copying the parts one by one, failing at the second
        if moved:
            raise OSError("SlowDown: please reduce your request rate")
        moved.append(path2)
        return real_mv(path1, path2, **kwargs)

    monkeypatch.setattr(fs, "mv", mv)
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, tmp_path / "in", url, scheduler=cluster.scheduler_address)
    assert str(err.value).startswith(f"{url}: cannot put the output in place (SlowDown: please reduce")
    assert moved and fs.find(parent) == []  # the part moved already is removed again, and the temporary folder


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_dask_output_to_a_url_interrupted_while_moved_into_place_leaves_nothing(
    tmp_path, model, cluster, monkeypatch, stop
):
    # Ctrl-C (or SIGTERM, which the CLI raises as an exception too) while the parts were moved one by one: the parts
    # moved so far stayed at the URL, a folder that looks like a (short) result
    import fsspec

    from avzone.distributed import locate_parquet_dask

    _parts(tmp_path / "in", n_parts=3, rows=20)
    url = _memory_url("located")
    fs, root = fsspec.core.url_to_fs(url)
    parent = root.rsplit("/", 1)[0]
    real_mv, moved = fs.mv, []

    def mv(path1, path2, **kwargs):
        if moved:
            raise stop()
        moved.append(path2)
        return real_mv(path1, path2, **kwargs)

    monkeypatch.setattr(fs, "mv", mv)
    with pytest.raises(stop):
        locate_parquet_dask(model, tmp_path / "in", url, scheduler=cluster.scheduler_address)
    assert moved and fs.find(parent) == []


@pytest.mark.parametrize("first", ["bad rows", "empty"])
def test_a_first_partition_of_bad_rows_does_not_hide_swapped_columns(tmp_path, model, first):
    # the check of swapped columns looked at the first partition only: with nothing usable there, every row of a
    # swapped dataset was classified as given (all outside, exit 0) where the local job refuses the same rows
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    rng = np.random.default_rng(2)
    n_first = 5 if first == "bad rows" else 0
    head = pa.table(
        {
            "vehicle": pa.array(["a"] * n_first, pa.string()),
            "ts": pa.array(np.arange(n_first) * 60, pa.int64()),
            "lon": pa.array([None] * n_first, pa.float64()),
            "lat": pa.array([float("nan")] * n_first, pa.float64()),
        }
    )
    swapped = pa.table(
        {
            "vehicle": pa.array(["b"] * 200),
            "ts": pa.array(np.arange(200) * 60, pa.int64()),
            "lon": rng.uniform(39.7, 40.1, 200),
            "lat": rng.uniform(116.3, 116.7, 200),
        }
    )
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(head, folder / "part.0.parquet")
    pq.write_table(swapped, folder / "part.1.parquet")
    pq.write_table(pa.concat_tables([head, swapped]), tmp_path / "whole.parquet")
    with pytest.raises(InputError) as local:
        locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    with pytest.raises(InputError) as dist:
        locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(dist.value) == str(local.value).replace(str(tmp_path / "whole.parquet"), str(folder))
    assert "lon_col='lat', lat_col='lon'" in str(dist.value)
    with pytest.raises(InputError, match="lon_col='lat', lat_col='lon'"):
        events_parquet_dask(model, folder, tmp_path / "events", time_unit="s")
    assert not (tmp_path / "out").exists() and not (tmp_path / "events").exists()


def test_parts_holding_a_column_in_different_types_give_the_local_answer(tmp_path, model, cluster):
    # pandas writes a part whose text column is all None as type null, and whole-degree coordinates as integers:
    # the job stopped with a traceback ("Failed to convert partition to expected pyarrow schema") after the
    # cluster had classified every row
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    parts = [
        pa.table({"lon": pa.array([116, 117], pa.int64()), "lat": [39.8, 39.9], "note": pa.nulls(2)}),
        pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9], "note": ["a", None]}),
    ]
    for k, t in enumerate(parts):
        pq.write_table(t, folder / f"part.{k}.parquet")
    unified = pa.unify_schemas([t.schema for t in parts], promote_options="permissive")
    pq.write_table(pa.concat_tables([t.cast(unified) for t in parts]), tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert dist.schema.field("lon").type == pa.float64() and dist.schema.field("note").type == pa.string()
    assert dist.column_names == local.column_names
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert dask_summary.inside == local_summary.inside and dask_summary.rows == 4


def test_parts_holding_a_column_in_types_that_do_not_mix_are_named(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(
        pa.table({"lon": [116.5], "lat": [39.8], "code": pa.array([7], pa.int64())}), folder / "part.0.parquet"
    )
    pq.write_table(pa.table({"lon": [116.5], "lat": [39.8], "code": ["B7"]}), folder / "part.1.parquet")
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(err.value) == (
        f"{folder}: column 'code' is int64 in {folder / 'part.0.parquet'} but string in {folder / 'part.1.parquet'}; "
        "write it as one type in every part"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("holder", [0, 1])
def test_a_column_some_parts_lack_is_null_in_their_rows_as_in_one_file_of_every_part(tmp_path, model, cluster, holder):
    # a column added in later parts (holder 1) was dropped from every output part; one the later parts lack
    # (holder 0) stopped the job with a KeyError: one file of every part holds it, null in the rows of the others
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    parts = [pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9]}), pa.table({"lon": [116.62], "lat": [40.01]})]
    parts[holder] = parts[holder].append_column("note", pa.array(["x", None][: parts[holder].num_rows]))
    for k, t in enumerate(parts):
        pq.write_table(t, folder / f"part.{k}.parquet")
    pq.write_table(pa.concat_tables(parts, promote_options="permissive"), tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert local.column_names[:3] == ["lon", "lat", "note"]
    assert dist.schema.types == local.schema.types and dist.column_names == local.column_names
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert dask_summary.rows == local_summary.rows == 3


@pytest.mark.parametrize("crs", [None, "EPSG:4326"])
def test_dask_summary_notes_what_the_local_job_notes(tmp_path, model, cluster, crs):
    # columns named as GCJ-02 coordinates, with no --crs or another one, and rows at (0, 0): the local job's
    # summary notes the first (the CRS is not changed) and gives the second their status; the dask engine's
    # summary had no notes
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    parts = [
        pa.table({"lng_gcj02": [116.5, 0.0, 116.41], "lat_gcj02": [39.79, 0.0, 39.9]}),
        pa.table({"lng_gcj02": [116.62, 0.0], "lat_gcj02": [40.01, 0.0]}),
    ]
    for k, t in enumerate(parts):
        pq.write_table(t, folder / f"part.{k}.parquet")
    pq.write_table(pa.concat_tables(parts), tmp_path / "whole.parquet")
    local = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet", crs=crs)
    dist = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address, crs=crs)
    assert len(local.notes) == 1 and "GCJ-02" in str(local.notes[0])
    assert local.rejected == {NULL_ISLAND_TEXT: 2}  # (the rows at (0, 0): no position)
    assert [str(n) for n in dist.notes] == [str(n) for n in local.notes]
    assert dist.to_dict() | {"input": "", "output": ""} == local.to_dict() | {"input": "", "output": ""}
    if crs is None:  # the command line gives the engine no --crs as none, as it gives the local job
        from common import run_cli

        args = ["--input", str(folder), "--output", str(tmp_path / "cli"), "--engine", "dask"]
        result = run_cli("locate", *args, "--scheduler", cluster.scheduler_address)
        assert result.returncode == 0, result.stderr
        assert "--crs EPSG:4326 was given" not in result.stderr, result.stderr
        said = str(local.notes[0]).replace("no crs= was", "no --crs was").replace("crs='gcj02'", "--crs gcj02")
        assert said in result.stderr, result.stderr  # (the local job's note, naming the command line's option)


def test_a_categorical_column_in_some_parts_is_text_as_in_one_file_of_every_part(tmp_path, model, cluster):
    # pandas writes a categorical column as dictionary-encoded text; a part of plain text beside it was refused
    # ("write it as one type in every part"), though one file of every part holds it as text (pd.concat gives text)
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frames = [
        pd.DataFrame({"lon": [116.5, 116.41], "lat": [39.79, 39.9], "kind": pd.Categorical(["bus", "taxi"])}),
        pd.DataFrame({"lon": [116.62], "lat": [40.01], "kind": ["van"]}),
    ]
    for k, frame in enumerate(frames):
        frame.to_parquet(folder / f"part.{k}.parquet", index=False)
    pd.concat(frames, ignore_index=True).to_parquet(tmp_path / "whole.parquet", index=False)
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert pa.types.is_string(dist.schema.field("kind").type) or pa.types.is_large_string(
        dist.schema.field("kind").type
    )
    assert dist.column_names == local.column_names
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert dist.column("kind").to_pylist() == ["bus", "taxi", "van"]
    assert dask_summary.rows == local_summary.rows == 3


@pytest.mark.parametrize("declared", ["EPSG:4326", "EPSG:3857"])
def test_dask_engine_locates_geoparquet_points_as_the_local_job_does(tmp_path, model, cluster, declared):
    # a GeoParquet dataset of points (WKB geometry, its CRS in the 'geo' metadata) and no lon/lat columns: the local
    # job locates the geometry in its declared CRS; the dask engine said no column looked like the lon column
    import json

    import pyproj
    import shapely

    from avzone.distributed import locate_parquet_dask

    lon, lat = np.array([116.5, 116.41, 0.0, 116.62]), np.array([39.79, 39.9, 0.0, 40.01])
    x, y = pyproj.Transformer.from_crs("EPSG:4326", declared, always_xy=True).transform(lon, lat)
    wkb = shapely.to_wkb(shapely.points(x, y)).tolist()
    wkb[1] = None  # a row with no geometry
    crs = pyproj.CRS(declared).to_json_dict()
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB", "crs": crs}}}
    whole = pa.table({"name": ["a", "b", "c", "d"], "geometry": pa.array(wkb, pa.binary())})
    whole = whole.replace_schema_metadata({"geo": json.dumps(geo)})
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(whole.slice(0, 2), folder / "part.0.parquet")
    pq.write_table(whole.slice(2), folder / "part.1.parquet")
    pq.write_table(whole, tmp_path / "whole.parquet")
    local_summary = locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    dask_summary = locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "out")
    assert dist.column_names == local.column_names
    for name in local.column_names:
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    assert local.column("status").to_pylist()[1] != "ok" and local.column("in_core").to_pylist()[0] is True
    assert dask_summary.to_dict() | {"input": "", "output": ""} == local_summary.to_dict() | {"input": "", "output": ""}
    with pytest.raises(InputError, match="EPSG:3857" if declared == "EPSG:4326" else "EPSG:4326"):  # as the local job
        locate_parquet_dask(
            model, folder, tmp_path / "out2", crs="EPSG:3857" if declared == "EPSG:4326" else "EPSG:4326"
        )


def test_dask_output_parts_keep_the_metadata_of_the_input_as_the_local_job_does(tmp_path, model, cluster):
    # the local job writes the input's schema metadata (a GeoParquet file's 'geo', anything a writer put there) into
    # its output, so GeoParquet readers still read it as such; the dask engine's parts had pandas' metadata only
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    whole = pa.table({"lon": [116.5, 116.41, 116.62], "lat": [39.79, 39.9, 40.01]})
    whole = whole.replace_schema_metadata({"source": "fleet-42", "licence": "CC-BY-4.0"})
    pq.write_table(whole.slice(0, 2), folder / "part.0.parquet")
    pq.write_table(whole.slice(2), folder / "part.1.parquet")
    pq.write_table(whole, tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    kept = {k: v for k, v in pq.read_schema(tmp_path / "local.parquet").metadata.items() if k != b"pandas"}
    assert kept == {b"source": b"fleet-42", b"licence": b"CC-BY-4.0"}
    for part in sorted((tmp_path / "out").iterdir()):
        meta = pq.read_schema(part).metadata
        assert {k: v for k, v in meta.items() if k != b"pandas"} == kept, part.name


@pytest.mark.parametrize("holder", [0, 1])
def test_hive_folders_whose_parts_differ_keep_every_column_as_one_file_of_every_part(tmp_path, model, cluster, holder):
    # day=1/ and day=2/ folders, a column in only one of them: Dask's own reading of hive folders took the first
    # file's columns, so the column was dropped from every output part (or the job stopped with a KeyError)
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    parts = [pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9]}), pa.table({"lon": [116.62], "lat": [40.01]})]
    parts[holder] = parts[holder].append_column("note", pa.array(["x", None][: parts[holder].num_rows]))
    for k, t in enumerate(parts):
        (folder / f"day={k + 1}").mkdir(parents=True)
        pq.write_table(t, folder / f"day={k + 1}" / "part.parquet")
    locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    dist = pq.read_table(tmp_path / "out")
    assert dist.column_names[:4] == ["lon", "lat", "note", "day"]
    assert dist.column("note").to_pylist() == (["x", None, None] if holder == 0 else [None, None, "x"])
    assert dist.column("day").to_pylist() == [1, 1, 2]
    assert dist.column("lon").to_pylist() == [116.5, 116.41, 116.62]


@pytest.mark.parametrize("hive", [False, True], ids=["parts", "hive-folders"])
@pytest.mark.parametrize("aware", [pa.timestamp("ns", tz="UTC"), pa.timestamp("ms", tz="Asia/Shanghai")])
def test_a_time_column_naive_in_one_part_and_zoned_in_another_gives_each_part_the_local_answer(
    tmp_path, model, cluster, aware, hive
):
    # naive times are Beijing time, zoned ones the instant they name: the parts mixing both were refused; each
    # part's rows get the local job's answers for that part, the column the instants in the zoned parts' zone
    from avzone.distributed import locate_parquet_dask

    tables = _timed_parts(tmp_path / "src", n_parts=2, rows=300)
    folder = tmp_path / "in"
    folder.mkdir()
    kept = ["id", "lon", "lat", "ts"]
    naive = tables.slice(0, 300).rename_columns([c if c != "naive" else "ts" for c in tables.column_names])
    zoned = tables.slice(300).rename_columns([c if c != "aware" else "ts" for c in tables.column_names])
    parts = [naive.select(kept), zoned.select(kept).set_column(3, "ts", zoned.column("ts").cast(aware))]
    local = []
    for k, t in enumerate(parts):
        if hive:  # (day=0/, day=1/: Dask read their files by one schema, the naive times as if UTC)
            (folder / f"day={k}").mkdir()
        pq.write_table(t, folder / (f"day={k}/part.parquet" if hive else f"part.{k}.parquet"))
        pq.write_table(t, tmp_path / f"whole{k}.parquet")
        locate_file(model, tmp_path / f"whole{k}.parquet", tmp_path / f"local{k}.parquet", time_col="ts")
        local.append(pq.read_table(tmp_path / f"local{k}.parquet"))
    locate_parquet_dask(model, folder, tmp_path / "out", time_col="ts", scheduler=cluster.scheduler_address)
    dist = pq.read_table(tmp_path / "out")
    assert dist.schema.field("ts").type == pa.timestamp("ns" if aware.unit == "ns" else "us", aware.tz)  # finest
    for name in ("zone_in_force", "in_force", "status"):
        assert dist.column(name).to_pylist() == local[0].column(name).to_pylist() + local[1].column(name).to_pylist()
    assert {"core", "current", "planned"} <= set(dist.column("zone_in_force").to_pylist()[:300])
    assert dist.column("ts").to_pylist()[300:] == parts[1].column("ts").to_pylist()
    first = dist.column("ts").to_pylist()[:300]  # the naive part's Beijing times, as the instants they are
    want = naive.column("ts").to_pylist()
    assert [None if t is None else t.astimezone(BEIJING).replace(tzinfo=None) for t in first] == want


def test_a_naive_and_a_zoned_column_that_is_not_the_time_column_are_refused_naming_both_parts(tmp_path, model):
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(
        pa.table({"lon": [116.5], "lat": [39.79], "seen": pa.array([0], pa.timestamp("us"))}), folder / "a.parquet"
    )
    seen = pa.array([0], pa.timestamp("us", tz="UTC"))
    pq.write_table(pa.table({"lon": [116.5], "lat": [39.79], "seen": seen}), folder / "b.parquet")
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(err.value) == (
        f"{folder}: column 'seen' is timestamp[us] in {folder / 'a.parquet'} but timestamp[us, tz=UTC] in "
        f"{folder / 'b.parquet'}; write it as one type in every part"
    )


def test_a_worker_refusal_is_said_in_one_line_without_dask_s_worker_log(tmp_path):
    # epoch seconds given as milliseconds are refused by the workers (they see the values): the command printed
    # Dask's "Compute Failed" log with the worker's traceback before avzone's own one-line error
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(
        pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9], "ts": [1719705600, 1719705700]}), folder / "a.parquet"
    )
    args = ["locate", "--engine", "dask", "--input", str(folder), "--output", str(tmp_path / "out"), "--time-col", "ts"]
    run = subprocess.run(
        [sys.executable, "-m", "avzone", *args, "--time-unit", "ms"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 2
    assert run.stderr.startswith(f"avzone: error: {folder}: ts: the epoch times read as ms all fall in 1970")
    assert run.stderr.count("\n") == 1, run.stderr
    assert not (tmp_path / "out").exists()


def _geoparquet_part(path, lon, lat, declared):
    import json

    import pyproj
    import shapely

    x, y = pyproj.Transformer.from_crs("EPSG:4326", declared, always_xy=True).transform(lon, lat)
    column = {"encoding": "WKB", "crs": pyproj.CRS(declared).to_json_dict()}
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}
    wkb = pa.array(shapely.to_wkb(shapely.points(x, y)).tolist(), pa.binary())
    times = pa.array([f"2024-07-01T08:0{k}:00" for k in range(len(lon))])
    table = pa.table({"vehicle": ["a"] * len(lon), "ts": times, "geometry": wkb})
    pq.write_table(table.replace_schema_metadata({"geo": json.dumps(geo)}), path)


@pytest.mark.parametrize("events", [False, True])
def test_geoparquet_parts_declaring_different_crss_are_refused_naming_both(tmp_path, model, events):
    # every part was located in the first part's CRS: metres of EPSG:3857 read as degrees gave every row of the
    # second part a status (or degrees read as metres put them all at (0, 0)) while the job looked fine
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    _geoparquet_part(folder / "part.0.parquet", [116.5, 116.41], [39.79, 39.9], "EPSG:4326")
    _geoparquet_part(folder / "part.1.parquet", [116.62], [40.01], "EPSG:3857")
    with pytest.raises(InputError) as err:
        if events:
            events_parquet_dask(model, folder, tmp_path / "out")
        else:
            locate_parquet_dask(model, folder, tmp_path / "out")
    assert str(err.value) == (
        f"{folder}: the GeoParquet geometry column 'geometry' is in EPSG:4326 in {folder / 'part.0.parquet'} but in "
        f"EPSG:3857 in {folder / 'part.1.parquet'}; write every part in one CRS"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("damage", ["footer", "pages"])
def test_a_damaged_part_is_named(tmp_path, model, cluster, damage):
    # a part cut short (no footer) was said as the folder only; one whose pages are damaged failed on a worker
    # mid-job with pyarrow's OSError and a Python traceback: both name the part now, and leave no output
    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    table = pa.table({"lon": np.full(1000, 116.5), "lat": np.linspace(39.7, 40.0, 1000)})
    for k in range(3):
        pq.write_table(table, folder / f"part.{k}.parquet", use_dictionary=False)
    data = bytearray((folder / "part.1.parquet").read_bytes())
    if damage == "footer":
        data = data[: len(data) // 2]
    else:
        data[10:3000] = b"\xff" * 2990
    (folder / "part.1.parquet").write_bytes(bytes(data))
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    said = (
        "not a complete Parquet file (it begins with the bytes PAR1"
        if damage == "footer"
        else "cannot read as Parquet ("
    )
    assert str(err.value).startswith(f"{folder / 'part.1.parquet'}: {said}")
    assert "\n" not in str(err.value)  # the CLI's one line
    assert not (tmp_path / "out").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_dask_job_says_nothing_of_a_dashboard_port_another_cluster_holds(tmp_path):
    # with Dask's dashboard port (8787) taken (a notebook's cluster), every job printed distributed's "Port 8787 is
    # already in use. Perhaps you already have a cluster running?" warning: the job's cluster serves no dashboard
    import socket
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9]}), folder / "a.parquet")
    holder = socket.socket()
    with contextlib.suppress(OSError):  # (already taken: as well)
        holder.bind(("127.0.0.1", 8787))
        holder.listen()
    try:
        args = ["locate", "--engine", "dask", "--input", str(folder), "--output", str(tmp_path / "out")]
        run = subprocess.run([sys.executable, "-m", "avzone", *args], capture_output=True, text=True, timeout=300)
    finally:
        holder.close()
    assert run.returncode == 0, run.stderr
    assert "already in use" not in run.stderr and "Warning" not in run.stderr, run.stderr
    assert pq.read_table(tmp_path / "out").num_rows == 2


@pytest.mark.slow
def test_ctrl_c_during_a_dask_job_says_one_line_and_leaves_nothing(tmp_path):
    # Ctrl-C signals the terminal's whole process group: each worker process printed a KeyboardInterrupt traceback,
    # and Dask's client left asyncio to print "Task exception was never retrieved" for every abandoned wait, around
    # the command's own line
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    rng = np.random.default_rng(3)
    for k in range(8):
        n = 750_000
        t = {
            "lon": rng.uniform(116.2, 116.9, n),
            "lat": rng.uniform(39.6, 40.2, n),
            "ts": rng.integers(1.7e9, 1.72e9, n),
        }
        pq.write_table(pa.table(t), folder / f"part.{k}.parquet")
    out = tmp_path / "out"
    args = ["locate", "--engine", "dask", "--input", str(folder), "--output", str(out), "--time-col", "ts"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "avzone", *args, "--time-unit", "s"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # (its own process group, as a terminal gives a command)
    )
    try:
        deadline = time.monotonic() + 120
        while not any(p.is_dir() and any(p.iterdir()) for p in tmp_path.glob(".out.avzone-tmp-*")):
            assert proc.poll() is None, "the job ended before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, stderr
    assert stderr == f"avzone: interrupted (SIGINT); the unfinished output was removed and {out} not written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_dask_events_read_a_time_column_naive_in_one_part_and_zoned_in_another_as_the_local_engine(
    tmp_path, model, cluster
):
    # naive times are Beijing time: the events are those of one file holding the same instants
    import datetime as dt

    import pyarrow.compute as pc

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    n = 300
    naive = pa.array([dt.datetime(2024, 3, 18, 20, 0) + dt.timedelta(minutes=k) for k in range(n)], pa.timestamp("us"))
    track = pa.table({"vehicle": ["a"] * n, "lon": np.linspace(116.2, 116.9, n), "lat": np.full(n, 39.9), "ts": naive})
    zoned = pc.assume_timezone(track["ts"], "+08:00").cast(pa.timestamp("us", tz="UTC"))
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(track.slice(0, 150), folder / "part.0.parquet")
    pq.write_table(track.set_column(3, "ts", zoned).slice(150), folder / "part.1.parquet")
    pq.write_table(track.set_column(3, "ts", zoned), tmp_path / "whole.parquet")
    events_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    events_parquet_dask(model, folder, tmp_path / "dask", scheduler=cluster.scheduler_address)
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "dask")
    assert dist.equals(local) and local.num_rows >= 3  # (naive times read as UTC: every time 8 hours off)


def test_a_file_url_output_is_renamed_into_place_as_a_local_folder(tmp_path, model, cluster, monkeypatch):
    # file:///.../out took the object-store way: parts moved one by one (a reader saw the folder fill; a move
    # failing part way lost the job), a missing parent folder was not named before the cluster started
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    whole = _parts(tmp_path / "in", n_parts=3, rows=20)

    def mv(self, *args, **kwargs):
        raise OSError("moved part by part")

    monkeypatch.setattr(LocalFileSystem, "mv", mv)
    url = (tmp_path / "located").as_uri()
    summary = locate_parquet_dask(model, tmp_path / "in", url, scheduler=cluster.scheduler_address)
    assert summary.output == url and summary.rows == len(whole)
    assert sorted(p.name for p in (tmp_path / "located").iterdir()) == [f"part.{k}.parquet" for k in range(3)]
    assert pq.read_table(tmp_path / "located").column("row").to_pylist() == whole.column("row").to_pylist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "located"]  # no temporary folder beside it
    events_url = (tmp_path / "events").as_uri()
    report = events_parquet_dask(
        model, tmp_path / "in", events_url, id_col="label", time_col="row", time_unit="s",
        summary=tmp_path / "s.csv", scheduler=cluster.scheduler_address,
    )  # fmt: skip
    assert report.output == events_url and (tmp_path / "events").is_dir() and (tmp_path / "s.csv").is_file()
    missing = (tmp_path / "no" / "such" / "out").as_uri()
    with pytest.raises(InputError, match="does not exist"):
        locate_parquet_dask(model, tmp_path / "in", missing, scheduler=cluster.scheduler_address)
    assert fsspec.core.url_to_fs(missing)[0].exists(str(tmp_path / "no")) is False


@pytest.mark.parametrize("events", [False, True])
def test_each_part_footer_is_read_once_before_a_job(tmp_path, model, cluster, monkeypatch, events):
    # the dataset's schema, the columns' one type and the GeoParquet parts' CRSs each read every footer again:
    # three reads of each part (on an object store, three requests per part) before the cluster had any work
    import json
    from collections import Counter

    import pyarrow.parquet
    import shapely

    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    rng = np.random.default_rng(1)
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB"}}}
    (tmp_path / "in").mkdir()
    for k in range(4):
        n = 30
        points = shapely.points(rng.uniform(116.3, 116.8, n), rng.uniform(39.7, 40.1, n))
        t = pa.table(
            {
                "vehicle": pa.array(rng.integers(0, 3, n)).cast(pa.int64() if k % 2 else pa.int32()),  # types differ
                "ts": pa.array(np.arange(n) * 60 + k * 10_000, pa.int64()),
                "geometry": pa.array(shapely.to_wkb(points).tolist(), pa.binary()),
            }
        ).replace_schema_metadata({"geo": json.dumps(geo)})
        pq.write_table(t, tmp_path / "in" / f"part.{k}.parquet")
    reads: Counter = Counter()

    def counted(read):  # a footer read, of its schema or of the whole footer (Spark's INT96 columns)
        def footer(where, *args, **kwargs):
            reads[str(where).rsplit("/", 1)[-1]] += 1
            return read(where, *args, **kwargs)

        return footer

    for name in ("read_schema", "read_metadata"):
        monkeypatch.setattr(pyarrow.parquet, name, counted(getattr(pyarrow.parquet, name)))
    if events:
        events_parquet_dask(
            model, tmp_path / "in", tmp_path / "out", time_unit="s", scheduler=cluster.scheduler_address
        )
    else:
        locate_parquet_dask(model, tmp_path / "in", tmp_path / "out", scheduler=cluster.scheduler_address)
    assert reads == {f"part.{k}.parquet": 1 for k in range(4)}


@pytest.mark.parametrize("argv", [None, "flat", "per-module"])
def test_the_engines_own_cluster_keeps_the_users_worker_preloads(tmp_path, argv):
    # the engine's preload (Ctrl-C left to the command) replaced distributed.worker.preload: a user's preload
    # (credentials, a plugin, logging) silently did not run on the workers of the engine's local cluster
    import dask

    from avzone.distributed import _client

    mark = tmp_path / "ran"
    script = tmp_path / "user_preload.py"
    script.write_text(f"def dask_setup(worker):\n    open({str(mark)!r}, 'a').write('ran\\n')\n")
    config = {"distributed.worker.preload": [str(script)]}
    if argv == "flat":
        config["distributed.worker.preload-argv"] = []
    elif argv == "per-module":
        config["distributed.worker.preload-argv"] = [[]]
    with dask.config.set(config), _client(None, 1) as client:
        setups = client.run(lambda dask_worker: [type(p.module).__name__ for p in dask_worker.preloads])
    assert mark.read_text() == "ran\n"
    assert [len(v) for v in setups.values()] == [2]  # the user's and the engine's


@pytest.mark.parametrize("events", [False, True])
@pytest.mark.parametrize(("name", "kind", "example"), [("out.csv", "CSV", "out/"), ("out.GeoJSON", "GeoJSON", "out/")])
def test_a_dask_output_named_as_a_csv_or_geojson_file_is_refused_before_any_cluster(
    tmp_path, model, events, name, kind, example
):
    # --output events.csv made a folder named events.csv holding Parquet parts: no CSV file where one was named
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    _parts(tmp_path / "in", n_parts=1, rows=10)
    dst = str(tmp_path / name)
    with pytest.raises(InputError) as err:
        if events:
            events_parquet_dask(model, tmp_path / "in", dst, id_col="label", time_col="row", n_workers=1)
        else:
            locate_parquet_dask(model, tmp_path / "in", dst, n_workers=1)
    job, local = ("events", "avzone.tracks.events_file()") if events else ("locate", "avzone.batch.locate_file()")
    assert str(err.value) == (
        f"{dst}: avzone.distributed.{job}_parquet_dask() writes a folder of Parquet parts, not a {kind} file: name a "
        f"folder (such as {tmp_path / example}/), or use {local} for one {kind} file"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize("events", [False, True])
@pytest.mark.parametrize("where", ["output", "summary", "url"])
def test_a_dask_output_inside_the_input_folder_is_refused_before_any_cluster(tmp_path, model, events, where):
    # in/located/ or in/summary.parquet was written: the next job reading in/ read its parts as rows of the dataset
    # (rows without positions or times, counted as "not ok", and the located columns mixed in)
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    _parts(tmp_path / "in", n_parts=1, rows=10)
    src, dst, summary = str(tmp_path / "in"), str(tmp_path / "out"), None
    if where == "output":
        dst = str(tmp_path / "in" / "out")
    elif where == "summary":
        summary = tmp_path / "in" / "s.parquet"
    else:
        url = _memory_url("in")
        import fsspec

        fs, root = fsspec.core.url_to_fs(url)
        fs.pipe(f"{root}/part.0.parquet", (tmp_path / "in" / "part.0.parquet").read_bytes())
        src, dst = url, f"{url}/located"
    if summary is not None and not events:
        pytest.skip("the locate engine writes no summary")
    with pytest.raises(InputError) as err:
        if events:
            events_parquet_dask(model, src, dst, id_col="label", time_col="row", summary=summary, n_workers=1)
        else:
            locate_parquet_dask(model, src, dst, n_workers=1)
    named = summary if summary is not None else dst
    assert str(err.value) == (
        f"{named}: is inside the input folder {src}: a job reading {src} later would read it as part of the "
        "dataset; write it outside that folder"
    )
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["part.0.parquet"]


def _spark_int96(table, path, spark=True):
    # Spark's default timestamps: INT96 instants in UTC stored without a zone, its version in the footer
    meta = {"org.apache.spark.version": "3.5.1"} if spark else {}
    pq.write_table(table.replace_schema_metadata(meta or None), path, use_deprecated_int96_timestamps=True)


@pytest.mark.parametrize("layout", ["file", "parts", "mixed", "hive"])
def test_spark_int96_timestamps_are_read_as_utc_as_the_local_job_reads_them(tmp_path, model, cluster, layout):
    # Spark's INT96 timestamps (instants in UTC) were read naive, as Beijing time, by the dask engine: 8 hours late,
    # the zone in force on the eve of a stage change not the local job's. INT96 without Spark stays naive (Beijing)
    import datetime as dt

    from common import SUB_CENTER

    from avzone.distributed import locate_parquet_dask

    lon, lat = SUB_CENTER
    n = 96  # every 30 minutes from 2024-10-17 12:00 (UTC), across the stage that began on 2024-10-18
    ts = pa.array([dt.datetime(2024, 10, 17, 12) + dt.timedelta(minutes=30 * k) for k in range(n)], pa.timestamp("ns"))
    table = pa.table({"id": np.arange(n), "lon": np.full(n, lon), "lat": np.full(n, lat), "ts": ts})
    folder = tmp_path / "in"
    folder.mkdir()
    parts = [table] if layout == "file" else [table.slice(0, 40), table.slice(40, 30), table.slice(70)]
    spark = [layout != "mixed" or k != 1 for k in range(len(parts))]
    local = []
    for k, (part, written_by_spark) in enumerate(zip(parts, spark)):
        name = f"day={k}/part.parquet" if layout == "hive" else f"part.{k}.parquet"
        (folder / name).parent.mkdir(exist_ok=True)
        _spark_int96(part, folder / name, written_by_spark)
        locate_file(model, folder / name, tmp_path / f"local{k}.parquet", time_col="ts")
        local.append(pq.read_table(tmp_path / f"local{k}.parquet"))
    src = folder / "part.0.parquet" if layout == "file" else folder
    locate_parquet_dask(model, src, tmp_path / "out", time_col="ts", scheduler=cluster.scheduler_address)
    dist = pq.read_table(tmp_path / "out")
    for name in ("zone_in_force", "in_force", "status"):
        assert dist.column(name).to_pylist() == [v for t in local for v in t.column(name).to_pylist()]
    assert dist.schema.field("ts").type == pa.timestamp("ns", "UTC")
    assert dist.schema.metadata[b"org.apache.spark.version"] == b"3.5.1"  # (the input's, as the local job keeps it)
    assert not [k for k in dist.schema.metadata if k.startswith(b"avzone")]  # (the engine's own note stays its own)
    zones = dist.column("zone_in_force").to_pylist()  # 2024-10-18 00:00 Beijing time is 2024-10-17 16:00 UTC
    assert zones[:8] == ["current"] * 8 and zones[8:40] == ["planned"] * 32
    want = [t.replace(tzinfo=dt.timezone.utc) for t in ts.to_pylist()]
    if layout == "mixed":  # the naive part's Beijing times, as the instants they are
        want[40:70] = [(t - dt.timedelta(hours=8)).replace(tzinfo=dt.timezone.utc) for t in ts.to_pylist()[40:70]]
    assert dist.column("ts").to_pylist() == want


def test_dask_events_read_spark_int96_timestamps_as_utc_as_the_local_engine(tmp_path, model, cluster):
    # a Spark file's INT96 timestamps are instants in UTC (the local job reads them so): the dask engine read them as
    # Beijing time, its events 8 hours late; beside a part of pyarrow's naive INT96 (Beijing time, as before)
    import datetime as dt

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    n = 300
    utc = [dt.datetime(2024, 3, 18, 12, 0) + dt.timedelta(minutes=k) for k in range(n)]
    track = pa.table(
        {"vehicle": ["a"] * n, "lon": np.linspace(116.2, 116.9, n), "lat": np.full(n, 39.9), "ts": pa.array(utc)}
    )
    beijing = pa.array([t + dt.timedelta(hours=8) for t in utc], pa.timestamp("ns"))  # pyarrow's naive: wall clock
    _spark_int96(track, tmp_path / "spark.parquet")
    (tmp_path / "in").mkdir()
    _spark_int96(track.set_column(3, "ts", beijing).slice(0, 150), tmp_path / "in" / "part.0.parquet", spark=False)
    _spark_int96(track.slice(150), tmp_path / "in" / "part.1.parquet")
    zoned = track.set_column(3, "ts", pa.array(utc, pa.timestamp("ns", "UTC")))
    pq.write_table(zoned, tmp_path / "whole.parquet")
    events_file(model, tmp_path / "spark.parquet", tmp_path / "local_spark.parquet")
    events_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    local = pq.read_table(tmp_path / "local.parquet")
    assert pq.read_table(tmp_path / "local_spark.parquet").equals(local) and local.num_rows >= 3
    for src, out in ((tmp_path / "spark.parquet", "file"), (tmp_path / "in", "parts")):
        events_parquet_dask(model, src, tmp_path / out, scheduler=cluster.scheduler_address)
        assert pq.read_table(tmp_path / out).equals(local), out


@pytest.mark.slow
def test_dask_output_parts_read_in_pandas_as_the_local_output_does(tmp_path, model, cluster):
    # the parts carried the pandas metadata Dask writes for its frames of Arrow types (double[pyarrow],
    # bool[pyarrow], dictionary<...>[pyarrow]) instead of the input's, as the local output keeps it: pandas read
    # other types than from the local output, and could not read a dataset with a categorical column at all
    import pandas as pd

    from avzone.distributed import locate_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    frame = pd.DataFrame(
        {
            "lon": pd.array([116.5, None, 116.62, 116.41], dtype="Float64"),
            "lat": [39.79, 39.9, 40.01, 39.9],
            "n": pd.array([1, None, 3, 4], dtype="Int64"),
            "kind": pd.Categorical(["bus", "taxi", "bus", "van"]),
        },
        index=pd.Index([10, 20, 30, 40], name="rid"),
    )
    frame.iloc[:2].to_parquet(folder / "part.0.parquet")
    frame.iloc[2:].to_parquet(folder / "part.1.parquet")
    frame.to_parquet(tmp_path / "whole.parquet")
    plain = pa.table({"lon": [116.5, 116.41], "lat": [39.79, 39.9], "kind": pa.array(["a", "b"]).dictionary_encode()})
    (tmp_path / "plain").mkdir()
    pq.write_table(plain, tmp_path / "plain" / "part.0.parquet")
    pq.write_table(plain, tmp_path / "plain.parquet")
    for src, whole in ((folder, tmp_path / "whole.parquet"), (tmp_path / "plain", tmp_path / "plain.parquet")):
        local_out, dask_out = tmp_path / f"{src.name}-local.parquet", tmp_path / f"{src.name}-dask"
        locate_file(model, whole, local_out)
        locate_parquet_dask(model, src, dask_out, scheduler=cluster.scheduler_address)
        local = pd.read_parquet(local_out)
        dist = pd.read_parquet(dask_out)
        assert dict(dist.dtypes) == dict(local.dtypes), src.name
        pd.testing.assert_frame_equal(dist, local)
        for part in sorted(dask_out.iterdir()):  # each part as the local output of its rows
            meta = pq.read_schema(part).metadata or {}
            assert meta.get(b"pandas") == (pq.read_schema(local_out).metadata or {}).get(b"pandas"), part.name
    # parts holding a column in different types (Int64 and Float64, categorical and text): written in the type that
    # holds both, which pandas reads as such (the first part's Int64 would not hold 1.5, nor its categories "c")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    pd.DataFrame(
        {"lon": [116.5], "lat": [39.79], "n": pd.array([1], dtype="Int64"), "kind": pd.Categorical(["bus"])}
    ).to_parquet(mixed / "part.0.parquet")
    pd.DataFrame({"lon": [116.62], "lat": [40.01], "n": pd.array([1.5], dtype="Float64"), "kind": ["van"]}).to_parquet(
        mixed / "part.1.parquet"
    )
    locate_parquet_dask(model, mixed, tmp_path / "mixed-dask", scheduler=cluster.scheduler_address)
    dist = pd.read_parquet(tmp_path / "mixed-dask")
    assert dist["n"].tolist() == [1.0, 1.5] and dist["kind"].tolist() == ["bus", "van"]

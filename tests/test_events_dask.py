"""The dask engine for events gives the in-memory events and summary (every vehicle in one partition)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from avzone.errors import InputError
from avzone.events import SUMMARY_COLUMNS
from avzone.fleet import synthetic_fleet

pytest.importorskip("distributed")

KEY = ["id", "zone", "time", "event"]


@pytest.mark.slow
def test_dask_events_equal_the_in_memory_events(model, tmp_path):
    from avzone.distributed import events_parquet_dask

    fleet = synthetic_fleet(model, vehicles=16, fixes=120, seed=8, gap_probability=0.01)
    fleet = fleet.sample(frac=1, random_state=2).reset_index(drop=True)  # vehicles spread over every part
    fleet.loc[5, "ts"] = pd.NaT  # a row with no time: reported, not used
    folder = tmp_path / "in"
    folder.mkdir()
    for k, part in enumerate(np.array_split(np.arange(len(fleet)), 3)):
        fleet.iloc[part].to_parquet(folder / f"part.{k}.parquet", index=False)
    report = events_parquet_dask(
        model, folder, tmp_path / "out", summary=tmp_path / "summary.parquet", partitions=4, n_workers=2
    )
    local = model.events(fleet)
    dist = pq.read_table(tmp_path / "out").to_pandas()
    expect = local.events.assign(id=local.events.id.astype(str))
    a = dist.sort_values(KEY).reset_index(drop=True)
    b = expect.sort_values(KEY).reset_index(drop=True)
    assert len(a) == len(b) > 10
    for c in ("id", "zone", "event"):
        assert a[c].astype(str).tolist() == b[c].astype(str).tolist(), c
    assert (a.time == b.time).all()
    assert a.row_before.tolist() == b.row_before.tolist() and a.row_after.tolist() == b.row_after.tolist()
    for c in ("lon", "lat", "gap_s", "gap_m"):
        assert np.allclose(a[c], b[c], equal_nan=True, rtol=0, atol=1e-9), c
    s_dist = pd.read_parquet(tmp_path / "summary.parquet").sort_values(["id", "zone"]).reset_index(drop=True)
    s_local = local.summary.assign(id=local.summary.id.astype(str)).sort_values(["id", "zone"]).reset_index(drop=True)
    assert s_dist.id.astype(str).tolist() == s_local.id.tolist()
    for c in ("fixes", "enters", "exits", "gaps", "time_inside_s", "distance_inside_m", "trip_m"):
        assert np.allclose(s_dist[c].astype(float), s_local[c].astype(float), rtol=1e-12), c
    assert report.rows == len(fleet) and report.vehicles == 16 and report.partitions == 4
    assert dict(report.events) == local.events.event.value_counts().to_dict()
    assert dict(report.rejected) == local.rejected() and sum(report.rejected.values()) >= 1


def test_dask_events_refuse_bad_columns_and_existing_output(model, tmp_path):
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=5).to_parquet(folder / "part.0.parquet", index=False)
    with pytest.raises(InputError, match="no time column 'time'"):
        events_parquet_dask(model, folder, tmp_path / "out", time_col="time")
    with pytest.raises(InputError, match="not a zone layer"):
        events_parquet_dask(model, folder, tmp_path / "out", zones=["nowhere"])
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(InputError, match="already exists"):
        events_parquet_dask(model, folder, tmp_path / "full")


def test_dask_events_refuse_a_dataset_read_the_wrong_way_round(model, tmp_path):
    # swapped columns: refused before any work, as the local engine refuses them (every row used to get the swapped
    # status and the job wrote an empty events folder, exit 0); so are lon/lat degrees given with a projected crs
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    fleet = synthetic_fleet(model, vehicles=2, fixes=30, seed=1)
    fleet.rename(columns={"lon": "lat", "lat": "lon"}).to_parquet(folder / "part.0.parquet", index=False)
    out = tmp_path / "out"
    with pytest.raises(InputError, match=r"100% do with the columns swapped; .* lon_col='lat', lat_col='lon'"):
        events_parquet_dask(model, folder, out)
    assert not out.exists()
    (folder / "part.0.parquet").unlink()
    fleet.to_parquet(folder / "part.0.parquet", index=False)
    with pytest.raises(InputError, match="EPSG:3857"):
        events_parquet_dask(model, folder, out, crs="EPSG:3857")
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("summary", "cannot tell the output format from the extension ''"),
        ("summary.txt", "cannot tell the output format from the extension '.txt'"),
        ("summary.geojson", "events, summaries and annotated rows are tables: write .csv, .parquet or .gpkg"),
    ],
)
def test_dask_events_refuse_a_summary_of_no_table_format_before_any_work(model, tmp_path, monkeypatch, name, error):
    # refused up front, naming the file (it was refused once the cluster had done the whole job, and a summary
    # without an extension was named by its temporary file's extension)
    import avzone.distributed as distributed

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=5).to_parquet(folder / "part.0.parquet", index=False)

    def no_cluster(*args, **kwargs):
        raise AssertionError("the cluster was started")

    monkeypatch.setattr(distributed, "_client", no_cluster)
    with pytest.raises(InputError, match=rf"^{tmp_path / name}: {error}"):
        distributed.events_parquet_dask(model, folder, tmp_path / "out", summary=tmp_path / name)
    assert not (tmp_path / "out").exists() and not (tmp_path / name).exists()


@pytest.mark.slow
def test_cli_events_engine_dask(model, tmp_path):
    import json

    from common import run_cli

    folder = tmp_path / "in"
    folder.mkdir()
    fleet = synthetic_fleet(model, vehicles=4, fixes=60, seed=3)
    fleet.iloc[:120].to_parquet(folder / "part.0.parquet", index=False)
    fleet.iloc[120:].to_parquet(folder / "part.1.parquet", index=False)
    out = tmp_path / "events"
    res = run_cli("events", "--input", str(folder), "--output", str(out), "--engine", "dask", "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["rows"] == 240 and report["vehicles"] == 4 and report["output"] == str(out)
    dist = pq.read_table(out).to_pandas()
    assert len(dist) == len(model.events(fleet).events)
    refused = run_cli(
        "events", "--input", str(folder), "--output", str(tmp_path / "e2"), "--engine", "dask", "--annotate", "a.csv"
    )
    assert refused.returncode != 0 and "--annotate works with the local engine only" in refused.stderr


def test_dask_events_parts_are_named_in_partition_order(model, tmp_path):
    # part.0 ... part.11 listed by name (pyarrow, pandas) put part.10 and part.11 before part.2
    from avzone.distributed import events_parquet_dask, part_name

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=3, fixes=20, seed=4).to_parquet(folder / "part.0.parquet", index=False)
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        events_parquet_dask(model, folder, tmp_path / "out", partitions=12, scheduler=cluster.scheduler_address)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"part.{k:02d}.parquet" for k in range(12)]
    assert [part_name(k, 101) for k in (0, 9, 100)] == ["part.000.parquet", "part.009.parquet", "part.100.parquet"]


def test_dask_events_read_an_id_column_written_as_the_pandas_index(model, tmp_path):
    # fleet.set_index("vehicle").to_parquet(...): the column is in the file, and the local engines read it;
    # the dask engine took it for the frame's index and said there was no column 'vehicle'
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask

    fleet = synthetic_fleet(model, vehicles=3, fixes=40, seed=6)
    folder = tmp_path / "in"
    folder.mkdir()
    fleet.set_index("vehicle").to_parquet(folder / "part.0.parquet")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = events_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    local = model.events(fleet)
    assert report.rows == len(fleet) and report.vehicles == 3
    assert dict(report.events) == local.events.event.value_counts().to_dict() and len(local.events) > 0
    got = pq.read_table(tmp_path / "out").to_pandas().sort_values(KEY).reset_index(drop=True)
    assert got["id"].tolist() == local.events.assign(id=local.events.id.astype(str)).sort_values(KEY)["id"].tolist()


def test_dask_events_to_a_url_are_written_beside_it_and_moved_into_place(model, tmp_path, monkeypatch):
    # pyarrow wrote each part at the URL itself (and knows few schemes: not memory://, gs:// without its build)
    fsspec = pytest.importorskip("fsspec")
    import uuid

    from distributed import LocalCluster

    import avzone.distributed
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    fleet = synthetic_fleet(model, vehicles=3, fixes=40, seed=6)
    fleet.to_parquet(folder / "part.0.parquet", index=False)
    url = f"memory://avzone-{uuid.uuid4().hex[:8]}/events"
    fs, root = fsspec.core.url_to_fs(url)
    parent = root.rsplit("/", 1)[0]
    real = avzone.distributed.events_partition
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        monkeypatch.setattr(avzone.distributed, "events_partition", lambda part, *a: (_ for _ in ()).throw(OSError()))
        with pytest.raises(OSError):
            events_parquet_dask(model, folder, url, partitions=3, scheduler=cluster.scheduler_address)
        assert fs.find(parent) == []
        monkeypatch.setattr(avzone.distributed, "events_partition", real)
        report = events_parquet_dask(model, folder, url, partitions=3, scheduler=cluster.scheduler_address)
    assert fs.ls(parent, detail=False) == [root]
    assert sorted(p.rsplit("/", 1)[1] for p in fs.find(root)) == [f"part.{k}.parquet" for k in range(3)]
    back = pq.read_table(root, filesystem=fs)
    assert back.num_rows == sum(report.events.values()) == len(model.events(fleet).events) > 0


def test_dask_events_name_a_summary_url_as_what_it_is(model, tmp_path):
    # it was taken for a local path: "memory:/b/summary.csv: the folder memory:/b does not exist"
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=5).to_parquet(folder / "part.0.parquet", index=False)
    with pytest.raises(InputError) as err:
        events_parquet_dask(model, folder, tmp_path / "out", summary="s3://bucket/summary.csv")
    assert str(err.value) == (
        "s3://bucket/summary.csv: the summary is written on this machine, not to a URL; give a local path "
        "(dst= may be a URL)"
    )
    assert not (tmp_path / "out").exists()


def test_dask_events_parts_holding_a_column_in_different_types_give_the_local_answer(model, tmp_path):
    # vehicle numbers as integers in one part and floats in another, a part whose id column is all null (pandas
    # writes it as type null), epoch times and whole-degree coordinates as integers in one part and floats in
    # another: one file of every part holds them as floats, and the local job reads that file (vehicle 0.0 is
    # vehicle 0); the dask engine read each part in its own type, and wrote the ids '0' and '2.0' for one dataset
    import pyarrow as pa
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    fleet = synthetic_fleet(model, vehicles=4, fixes=60, seed=3)
    vehicle = fleet.vehicle.str[1:].astype("int64")
    seconds = fleet.ts.astype("int64") // 10**9 - 8 * 3600  # naive Beijing times as epoch seconds (UTC)
    half = len(fleet) // 2
    a, b = slice(None, half), slice(half, None)
    parts = [
        pa.table({"vehicle": vehicle[a], "ts": seconds[a], "lon": fleet.lon[a], "lat": fleet.lat[a]}),
        pa.table({"vehicle": vehicle[b] * 1.0, "ts": seconds[b] * 1.0, "lon": fleet.lon[b], "lat": fleet.lat[b]}),
        pa.table({"vehicle": pa.nulls(2), "ts": [1720000000, 1720000005], "lon": [116, 117], "lat": [40, 40]}),
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    for k, t in enumerate(parts):
        pq.write_table(t, folder / f"part.{k}.parquet")
    unified = pa.unify_schemas([t.schema for t in parts], promote_options="permissive")
    assert [str(t) for t in unified.types] == ["double"] * 4
    pq.write_table(pa.concat_tables([t.cast(unified) for t in parts]), tmp_path / "whole.parquet")
    local = events_file(
        model,
        tmp_path / "whole.parquet",
        tmp_path / "local.parquet",
        summary=tmp_path / "local-summary.csv",
        time_unit="s",
    )
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = events_parquet_dask(
            model,
            folder,
            tmp_path / "out",
            summary=tmp_path / "summary.csv",
            time_unit="s",
            scheduler=cluster.scheduler_address,
        )
    assert report.rows == local.rows == len(fleet) + 2 and report.vehicles == local.vehicles == 4
    assert dict(report.rejected) == dict(local.rejected) == {"missing vehicle id": 2}
    assert dict(report.events) == dict(local.events) and sum(local.events.values()) > 0
    got = pq.read_table(tmp_path / "out").to_pandas().sort_values(KEY).reset_index(drop=True)
    want = pq.read_table(tmp_path / "local.parquet").to_pandas().sort_values(KEY).reset_index(drop=True)
    assert sorted(set(got["id"])) == sorted(set(want["id"])) == ["0.0", "1.0", "2.0", "3.0"]
    pd.testing.assert_frame_equal(got, want)
    s_got = pd.read_csv(tmp_path / "summary.csv").sort_values(["id", "zone"]).reset_index(drop=True)
    s_want = pd.read_csv(tmp_path / "local-summary.csv").sort_values(["id", "zone"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(s_got, s_want)


def test_dask_events_parts_holding_a_column_in_types_that_do_not_mix_are_named(model, tmp_path, monkeypatch):
    # vehicle numbers in one part and vehicle names in another: no file holds both, and the local job cannot read
    # them as one; the dask engine took them as different vehicles (7 and '7'); refused before any cluster starts
    import pyarrow as pa

    import avzone.distributed as dist

    monkeypatch.setattr(dist, "_client", lambda *a: pytest.fail("a cluster was started"))
    folder = tmp_path / "in"
    folder.mkdir()
    row = {"ts": ["2024-07-01 08:00:00"], "lon": [116.5], "lat": [39.8]}
    pq.write_table(pa.table({"vehicle": pa.array([7], pa.int64()), **row}), folder / "part.0.parquet")
    pq.write_table(pa.table({"vehicle": ["7"], **row}), folder / "part.1.parquet")
    with pytest.raises(InputError) as err:
        dist.events_parquet_dask(model, folder, tmp_path / "out", summary=tmp_path / "summary.csv")
    assert str(err.value) == (
        f"{folder}: column 'vehicle' is int64 in {folder / 'part.0.parquet'} but string in "
        f"{folder / 'part.1.parquet'}; write it as one type in every part"
    )
    assert not (tmp_path / "out").exists() and not (tmp_path / "summary.csv").exists()


@pytest.mark.parametrize("declared", ["EPSG:4326", "EPSG:3857"])
def test_dask_events_of_geoparquet_fixes_are_the_local_jobs(model, tmp_path, declared):
    # GeoParquet fixes (WKB points, their CRS in the 'geo' metadata) with no lon/lat columns: the local job reads the
    # geometry in its declared CRS; the dask engine said no column looked like the lon column
    import json

    import pyarrow as pa
    import pyproj
    import shapely
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    fleet = synthetic_fleet(model, vehicles=3, fixes=50, seed=2)
    x, y = pyproj.Transformer.from_crs("EPSG:4326", declared, always_xy=True).transform(fleet.lon, fleet.lat)
    crs = pyproj.CRS(declared).to_json_dict()
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB", "crs": crs}}}
    whole = pa.table(
        {
            "vehicle": fleet.vehicle.tolist(),
            "ts": pa.array(fleet.ts),
            "geometry": pa.array(shapely.to_wkb(shapely.points(x, y)).tolist(), pa.binary()),
        }
    ).replace_schema_metadata({"geo": json.dumps(geo)})
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(whole.slice(0, 70), folder / "part.0.parquet")
    pq.write_table(whole.slice(70), folder / "part.1.parquet")
    pq.write_table(whole, tmp_path / "whole.parquet")
    local = events_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = events_parquet_dask(model, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    assert report.rows == local.rows == 150 and report.vehicles == local.vehicles == 3
    assert dict(report.events) == dict(local.events) and sum(local.events.values()) > 0
    got = pq.read_table(tmp_path / "out").to_pandas().sort_values(KEY).reset_index(drop=True)
    want = pq.read_table(tmp_path / "local.parquet").to_pandas().sort_values(KEY).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_dask_events_summary_lists_the_vehicles_in_order_of_first_appearance(model, tmp_path):
    # the summary came in partition order (the shuffle's hash of the ids): the same fixes gave the rows of
    # model.events and of the local job in another order
    from avzone.distributed import events_parquet_dask

    fleet = synthetic_fleet(model, vehicles=10, fixes=30, seed=3)
    fleet = fleet.sample(frac=1, random_state=5).reset_index(drop=True)
    folder = tmp_path / "in"
    folder.mkdir()
    for k, part in enumerate(np.array_split(np.arange(len(fleet)), 2)):
        fleet.iloc[part].to_parquet(folder / f"part.{k}.parquet", index=False)
    events_parquet_dask(model, folder, tmp_path / "out", summary=tmp_path / "summary.csv", partitions=4, n_workers=1)
    got = pd.read_csv(tmp_path / "summary.csv")
    want = model.events(fleet).summary
    assert got["id"].tolist() == want["id"].astype(str).tolist()
    assert got["zone"].tolist() == want["zone"].tolist()
    assert got["fixes"].tolist() == want["fixes"].tolist()


@pytest.mark.parametrize("name", ["summary.tsv", "summary.TAB", "summary.csv"])
def test_dask_events_summary_of_a_tab_extension_is_tab_separated(model, tmp_path, name):
    # the local job writes a .tsv or .tab output with tabs; the dask engine wrote commas in a .tsv summary
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=20, seed=1).to_parquet(folder / "part.0.parquet", index=False)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        events_parquet_dask(
            model, folder, tmp_path / "out", summary=tmp_path / name, scheduler=cluster.scheduler_address
        )
    header = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
    sep = "," if name.endswith(".csv") else "\t"
    assert header == sep.join(SUMMARY_COLUMNS) and "id" in header
    got = pd.read_csv(tmp_path / name, sep=sep)
    assert got["id"].tolist() == model.events(pd.read_parquet(folder)).summary["id"].tolist()


def test_dask_events_report_says_where_the_summary_was_written(model, tmp_path):
    # the local job's report names the --summary file it wrote; the dask engine's said only where the events went
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=20, seed=1).to_parquet(folder / "part.0.parquet", index=False)
    summary = tmp_path / "summary.csv"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = events_parquet_dask(
            model, folder, tmp_path / "out", summary=summary, scheduler=cluster.scheduler_address
        )
    assert report.summary_output == str(summary) and summary.is_file()
    lines = report.text().splitlines()
    # a CSV summary's text encoding too, as the local job's report says it (its --json output_encoding: none was)
    assert lines[-2:] == [f"events written to {tmp_path / 'out'}", f"summary written to {summary} (utf-8)"]
    assert report.text("zh").splitlines()[-1] == f"汇总已写入 {summary}（utf-8）"
    local = events_file(model, folder / "part.0.parquet", tmp_path / "local.parquet", summary=tmp_path / "local.csv")
    assert local.text().splitlines()[-1] == f"summary written to {tmp_path / 'local.csv'} (utf-8)"
    ignored = {"input": "", "output": "", "partitions": 1}
    assert report.to_dict() | ignored == local.to_dict() | ignored
    assert report.to_dict()["output_encoding"] == "utf-8"


def test_dask_events_summary_at_a_file_url_is_the_local_file_it_names(model, tmp_path):
    # refused as "written on this machine, not to a URL", though a file:// URL names a file on this machine
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    synthetic_fleet(model, vehicles=2, fixes=20, seed=1).to_parquet(folder / "part.0.parquet", index=False)
    url = (tmp_path / "summary.csv").as_uri()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = events_parquet_dask(model, folder, tmp_path / "out", summary=url, scheduler=cluster.scheduler_address)
    assert report.summary_output == url
    got = pd.read_csv(tmp_path / "summary.csv")
    assert got["id"].tolist() == model.events(pd.read_parquet(folder)).summary["id"].tolist()


def test_dask_events_parts_carry_the_pandas_metadata_the_local_output_does(model, tmp_path):
    # the parts had no pandas metadata (cast to the events schema dropped it) where the local events file has it:
    # pandas read the ids of the parts as Arrow-backed text, those of the local output as str
    from distributed import LocalCluster

    from avzone.distributed import events_parquet_dask
    from avzone.tracks import events_file

    fleet = synthetic_fleet(model, vehicles=3, fixes=40, seed=6)
    fleet.to_parquet(tmp_path / "fleet.parquet", index=False)
    events_file(model, tmp_path / "fleet.parquet", tmp_path / "local.parquet")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        events_parquet_dask(model, tmp_path / "fleet.parquet", tmp_path / "out", scheduler=cluster.scheduler_address)
    local = pq.read_schema(tmp_path / "local.parquet").metadata
    assert b"pandas" in local
    (part,) = (tmp_path / "out").iterdir()
    assert pq.read_schema(part).metadata == local
    got, want = pd.read_parquet(part), pd.read_parquet(tmp_path / "local.parquet")
    assert len(want) > 0 and dict(got.dtypes) == dict(want.dtypes)
    pd.testing.assert_frame_equal(got.sort_values(KEY, ignore_index=True), want.sort_values(KEY, ignore_index=True))


def test_dask_events_refuse_parts_lacking_the_id_column_another_stores_its_index_in(model, tmp_path, monkeypatch):
    # fleet.set_index("vehicle") in one part, the vehicles in no column of the next: that part's fixes were read with
    # no vehicle (null ids, rows silently rejected); refused before any cluster starts, naming both parts
    import avzone.distributed as dist

    monkeypatch.setattr(dist, "_client", lambda *a: pytest.fail("a cluster was started"))
    fleet = synthetic_fleet(model, vehicles=2, fixes=6, seed=4)
    folder = tmp_path / "in"
    folder.mkdir()
    fleet.iloc[:6].set_index("vehicle").to_parquet(folder / "part.0.parquet")
    fleet.iloc[6:].drop(columns="vehicle").to_parquet(folder / "part.1.parquet")
    with pytest.raises(InputError) as err:
        dist.events_parquet_dask(model, folder, tmp_path / "out")
    assert str(err.value) == (
        f"{folder}: {folder / 'part.1.parquet'} has no column 'vehicle', in which {folder / 'part.0.parquet'} stores "
        "its pandas index: its rows would have no index labels; write that index into every part, or into none"
    )
    assert not (tmp_path / "out").exists()


def test_dask_events_of_a_split_file_indexed_from_100_are_the_file_jobs(model, tmp_path, monkeypatch):
    # a file whose pandas index is RangeIndex(100, ..., 2), which Dask splits into partitions: the events name the
    # fixes by their 0-based row numbers, as the events file job does, and the summary is the file job's
    from distributed import LocalCluster

    import avzone.distributed as dist
    from avzone.tracks import events_file

    monkeypatch.setattr(dist._AvzoneParquetEngine, "default_blocksize", classmethod(lambda cls: "1KiB"))
    fleet = synthetic_fleet(model, vehicles=6, fixes=80, seed=8, gap_probability=0.02)
    fleet.index = pd.RangeIndex(100, 100 + 2 * len(fleet), 2)
    fleet.to_parquet(tmp_path / "in.parquet", row_group_size=40)
    events_file(model, tmp_path / "in.parquet", tmp_path / "local.parquet", summary=tmp_path / "local.csv")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = dist.events_parquet_dask(
            model,
            tmp_path / "in.parquet",
            tmp_path / "out",
            summary=tmp_path / "dask.csv",
            scheduler=cluster.scheduler_address,
        )
    assert report.partitions > 2
    local = pd.read_parquet(tmp_path / "local.parquet").sort_values(KEY).reset_index(drop=True)
    got = pd.read_parquet(tmp_path / "out").sort_values(KEY).reset_index(drop=True)
    assert len(got) == len(local) > 10
    pd.testing.assert_frame_equal(got[["row_before", "row_after"]], local[["row_before", "row_after"]])
    assert local["row_after"].max() < len(fleet)  # (row numbers, not the index's labels)
    assert (tmp_path / "dask.csv").read_text() == (tmp_path / "local.csv").read_text()

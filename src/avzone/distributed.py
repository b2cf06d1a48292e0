"""The dask engine: the same classifier over a partitioned Parquet dataset.

``avzone locate --engine dask --input DIR --output DIR`` reads a Parquet
file or a folder of Parquet parts with :mod:`dask.dataframe`, classifies each
partition with exactly the code the local engine uses
(the column reader of :mod:`avzone.batch` and :func:`avzone.locate.locate_many`), and writes one output part per input
partition, in order, with every input column kept. It runs on a local
cluster by default, or on any Dask cluster given its scheduler address; the
workers need avzone installed and the dataset folder readable at the same
path (the embedded Beijing dataset ships inside the package).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from avzone.batch import Summary, check_collisions, column_points, detect_columns
from avzone.errors import AvzoneError, InputError
from avzone.locate import locate_many

if TYPE_CHECKING:
    from avzone.model import Model


@lru_cache(maxsize=4)
def _worker_model(folder: str) -> Model:
    from avzone.model import load

    return load(folder)


def annotate_partition(part: pd.DataFrame, folder: str, lon_col: str, lat_col: str, crs: Any) -> pd.DataFrame:
    """Append ``in_<layer>`` and ``status`` columns to one partition (runs on a worker).

    The coordinate columns go through Arrow exactly as in the local engine, so
    a null and a NaN get the same statuses ("missing" and "not finite") there
    and here.
    """
    model = _worker_model(folder)
    points = column_points(pa.array(part[lon_col]), pa.array(part[lat_col]), crs, (lon_col, lat_col))
    located = locate_many(model, points)
    out = part.copy()
    for j, z in enumerate(model.zone_layers):
        out[f"in_{z}"] = pd.arrays.BooleanArray(located.hits[:, j], ~points.ok)
    out["status"] = pd.array(points.status_text().astype(str), dtype="string")
    return out


def _count_partition(part: pd.DataFrame, zones: list[str]) -> pd.DataFrame:
    row: dict[str, Any] = {"rows": len(part)}
    for z in zones:
        row[f"in_{z}"] = int(part[f"in_{z}"].fillna(False).sum())
    rejected = part.loc[part["status"] != "ok", "status"].value_counts()
    row["rejected"] = dict(rejected.items())
    return pd.DataFrame([row])


def locate_parquet_dask(
    model: Model,
    src: str | Path,
    dst: str | Path,
    *,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: Any = "EPSG:4326",
    scheduler: str | None = None,
    n_workers: int | None = None,
) -> Summary:
    """Classify a (partitioned) Parquet dataset with Dask; see the module docstring."""
    try:
        import dask
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError:
        raise AvzoneError("the dask engine needs dask and distributed: pip install 'avzone[dask]'") from None
    src, dst = str(src), str(dst)  # local paths or URLs (s3://..., gs://...) that fsspec knows
    if "://" not in src and not Path(src).exists():
        raise InputError(f"{src}: no such file or folder")
    out = Path(dst)
    if "://" not in dst and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{dst}: already exists; the dask engine writes a new folder of Parquet parts")
    try:
        ddf = dd.read_parquet(src, dtype_backend="pyarrow")
    except Exception as exc:
        raise InputError(f"{src}: cannot read as Parquet ({exc})") from None
    names = [str(c) for c in ddf.columns]
    lon, lat = detect_columns(names, lon_col, lat_col, src)
    check_collisions(model, names, src)
    folder, zones = str(model.folder), list(model.zone_layers)
    meta = ddf._meta.copy()
    for z in zones:
        meta[f"in_{z}"] = pd.Series(dtype="boolean")
    meta["status"] = pd.Series(dtype="string")
    located = ddf.map_partitions(annotate_partition, folder, lon, lat, crs, meta=meta)
    counts = located.map_partitions(
        _count_partition, zones, meta={"rows": "i8", **{f"in_{z}": "i8" for z in zones}, "rejected": object}
    )
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        write = located.to_parquet(dst, write_index=False, compute=False)
        _, totals = dask.compute(write, counts)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary = Summary(src, dst, rows=int(totals["rows"].sum()), lon_col=lon, lat_col=lat)
    summary.inside = {z: int(np.sum(totals[f"in_{z}"])) for z in zones}
    for d in totals["rejected"]:
        summary.rejected.update(d)
    return summary

"""GDAL refusing a GeoPackage write: avzone's error, carrying GDAL's reason, is the one message (GDAL's default error
handler printed its own ``ERROR 1: ...`` line to stderr first, in the writer's thread, where pyogrio had installed
no handler)."""

from __future__ import annotations

import threading

import pyarrow as pa
import pytest
import shapely

from avzone.batch import GpkgWriter, _TableWriter
from avzone.errors import InputError
from avzone.i18n import error_text

#: GDAL's reason for refusing a field of Arrow's month-day-nanosecond interval type (``tin``), which it cannot create.
RESERVED = (
    "Error while creating field from Arrow for field 1 with name 'span' and type tin "
    "(Type 'tin' for field span is not supported.)."
)


def _points() -> pa.RecordBatch:
    wkb = shapely.to_wkb(shapely.points([116.5, 116.6], [39.79, 39.8]))
    span = pa.array([(1, 2, 3), (0, 0, 5)], pa.month_day_nano_interval())
    return pa.RecordBatch.from_pydict({"geometry": pa.array(wkb, pa.binary()), "span": span})


def test_the_writer_thread_s_refusal_is_avzone_s_message_alone(tmp_path, capfd):
    batch, dst = _points(), tmp_path / "o.gpkg"
    writer = _TableWriter(dst, "gpkg", batch.schema, gpkg=("geometry", "EPSG:4326", "points", "Point"))
    writer.write(batch)
    with pytest.raises(InputError) as refused:
        writer.close()
    assert str(refused.value) == f"{dst}: cannot write the file ({RESERVED})"
    assert error_text(refused.value, "zh") == f"{dst}：无法写入文件（{RESERVED}）"
    assert capfd.readouterr().err == ""  # (GDAL printed "ERROR 1: Error while creating field ...")


def test_a_refusal_in_any_thread_is_avzone_s_message_alone(tmp_path, capfd):
    """Each thread that writes (GDAL's error handlers are per thread), twice in one thread too."""
    refusals: list[str] = []

    def write(name: str) -> None:
        for n in range(2):
            writer = GpkgWriter(tmp_path / f"{name}{n}.gpkg", _points().schema, "geometry", "EPSG:4326", "x")
            try:
                writer.write(_points())
            except InputError as exc:
                refusals.append(str(exc))

    threads = [threading.Thread(target=write, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(refusals) == sorted(f"{tmp_path / f'{x}{n}.gpkg'}: cannot write the file ({RESERVED})"
                                      for x in "ab" for n in range(2))  # fmt: skip
    assert capfd.readouterr().err == ""

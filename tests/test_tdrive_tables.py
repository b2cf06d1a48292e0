"""``avzone.fleet.write_tdrive`` takes a polars DataFrame and a pyarrow Table or RecordBatch as it takes pandas data
(read through the one conversion path of the entry points, :func:`avzone._tables.frame_of`): the same files, byte for
byte; its refusals name rows by their positions, as polars and Arrow have no index."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from avzone.errors import InputError
from avzone.fleet import synthetic_fleet, write_tdrive


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _fleet(model) -> pd.DataFrame:
    fleet = synthetic_fleet(model, vehicles=3, fixes=20, seed=2, interval_s=60)
    fleet.attrs = {}  # (the CRS label pandas keeps; the tables below carry none)
    return fleet.reset_index(drop=True)


@pytest.mark.parametrize("kind", ["arrow", "batch", "polars"])
def test_a_table_is_written_as_the_pandas_frame(model, tmp_path, kind):
    fleet = _fleet(model)
    table = pa.Table.from_pandas(fleet, preserve_index=False)
    given = {
        "arrow": lambda: table,
        "batch": lambda: table.combine_chunks().to_batches()[0],
        "polars": lambda: pytest.importorskip("polars").from_arrow(table),
    }[kind]()
    write_tdrive(fleet, tmp_path / "pandas")
    written = write_tdrive(given, tmp_path / kind)
    assert [p.name for p in written] == sorted(_files(tmp_path / "pandas"))
    assert _files(tmp_path / kind) == _files(tmp_path / "pandas")


def test_zoned_and_epoch_times_of_a_table_as_of_the_pandas_frame(model, tmp_path):
    fleet = _fleet(model)
    zoned = fleet.assign(ts=fleet.ts.dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC"))
    write_tdrive(fleet, tmp_path / "pandas")
    write_tdrive(pa.Table.from_pandas(zoned, preserve_index=False), tmp_path / "zoned")
    epoch = pa.Table.from_pandas(zoned.assign(ts=zoned.ts.astype("int64") // 10**9), preserve_index=False)
    write_tdrive(epoch, tmp_path / "epoch", time_unit="s")
    assert _files(tmp_path / "zoned") == _files(tmp_path / "epoch") == _files(tmp_path / "pandas")


def test_a_bad_row_of_a_table_is_named_by_its_position(model, tmp_path):
    fleet = _fleet(model)
    fleet.index = fleet.index + 100  # (pandas names the row by its label; a table has none)
    bad = fleet.assign(lat=fleet.lat.astype(str))
    bad.loc[103, "lat"] = "north"
    with pytest.raises(InputError, match=r"row 103\b") as by_label:
        write_tdrive(bad, tmp_path / "pandas")
    with pytest.raises(InputError, match=r"row 3\b") as by_position:
        write_tdrive(pa.Table.from_pandas(bad, preserve_index=False), tmp_path / "arrow")
    assert str(by_position.value) == str(by_label.value).replace("row 103", "row 3")
    assert not (tmp_path / "arrow").exists() or not any((tmp_path / "arrow").iterdir())

"""Shared fixtures: the embedded dataset, and editable copies of it to break."""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import avzone
from avzone.dataset import default_data_dir

# Generated examples (hypothesis): `make test` draws the same ones every run (derandomize: a test run that passes
# passes again on the same code and packages); `make fuzz` (AVZONE_FUZZ_EXAMPLES set) draws new ones each run, many.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("fuzz", derandomize=False)
settings.load_profile("fuzz" if os.environ.get("AVZONE_FUZZ_EXAMPLES") else "repeatable")

# The tests keep the zone-index cache in a folder of their own, not the user's (subprocesses inherit it),
# made only when none is set and removed when the test run ends.
if "AVZONE_CACHE_DIR" not in os.environ:
    _TEST_CACHE = tempfile.mkdtemp(prefix="avzone-test-cache-")
    os.environ["AVZONE_CACHE_DIR"] = _TEST_CACHE
    atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """avzone speaks the locale's language (zh when LANG starts with zh): tests read English unless they ask."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture(scope="session")
def model() -> avzone.Model:
    """The embedded Beijing dataset, loaded once."""
    return avzone.load()


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """The address of a local Dask cluster of worker processes (two single-threaded workers, as a job's own
    cluster has on two cores), started once for the module's tests that give it as ``--scheduler``.

    Starting a cluster of processes is most of a small job's time; the tests of a job's own cluster (no
    scheduler given) run it themselves.
    """
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster of two single-threaded workers in this process (threads, not processes:
    quick to start), started once for the module's tests that compare the Dask engine with the local one."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as cluster:
        yield str(cluster.scheduler_address)


class DatasetCopy:
    """A copy of the embedded dataset in a temporary folder, with edit helpers."""

    def __init__(self, folder: Path):
        self.folder = folder

    def read(self, layer_file: str) -> dict[str, Any]:
        return json.loads((self.folder / layer_file).read_text(encoding="utf-8"))

    def write(self, layer_file: str, doc: Any) -> None:
        (self.folder / layer_file).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def edit_feature(self, layer_file: str, feature_id: str, fn: Callable[[dict[str, Any]], None]) -> None:
        doc = self.read(layer_file)
        hits = [f for f in doc["features"] if f["properties"].get("id") == feature_id]
        assert hits, f"no feature {feature_id} in {layer_file}"
        fn(hits[0])
        self.write(layer_file, doc)

    def load(self) -> avzone.Model:
        return avzone.load(self.folder)


@pytest.fixture
def dataset_copy(tmp_path: Path) -> DatasetCopy:
    """A fresh, editable copy of the embedded dataset."""
    dest = tmp_path / "data"
    shutil.copytree(default_data_dir(), dest)
    return DatasetCopy(dest)

"""The Dask engine (on a LocalCluster of worker processes) gives the local engine's output."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

from batchdata import write_jsonl  # noqa: E402
from kashif.batch import run_batch  # noqa: E402


def test_dask_engine_matches_the_local_engine(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 50)
    local = run_batch([src], tmp_path / "local.jsonl", workers=2, partition_size=8, progress=False)
    dask = run_batch([src], tmp_path / "dask.jsonl", engine="dask", workers=2, partition_size=8, progress=False)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.errors.jsonl").read_bytes() == (tmp_path / "local.errors.jsonl").read_bytes()
    assert (dask.read, dask.checked, dask.flagged, dask.failed) == (local.read, local.checked, local.flagged, local.failed)
    assert not list(tmp_path.glob(".*")), "no work folder left"


def test_an_unreachable_scheduler_is_a_remote_error(tmp_path):
    from kashif.errors import RemoteError

    import dask

    src = write_jsonl(tmp_path / "in.jsonl", 1, bad=False)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(RemoteError, match="cannot reach the Dask scheduler"):
        run_batch([src], tmp_path / "out.jsonl", engine="dask", scheduler="tcp://127.0.0.1:9", progress=False)
    assert not (tmp_path / "out.jsonl").exists() and not list(tmp_path.glob(".*"))

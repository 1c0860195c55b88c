"""The Dask engine: the same partitions, run as tasks on a Dask cluster.

With a scheduler address the work goes to that cluster (its workers need the
same kashif installed); without one a LocalCluster of worker processes is
started on the loopback interface, with no dashboard. Tasks receive the
records themselves, so workers need no access to the input files.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from typing import Any

from ..errors import KashifError, RemoteError
from .readers import RawRecord
from .work import PartitionResult, WorkOptions, process_partition


class DaskEngine:
    def __init__(self, scheduler: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise KashifError("--engine dask needs dask.distributed: pip install 'kashif[batch]'") from None
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = Client(scheduler)  # waits distributed.comm.timeouts.connect (30 s)
            except (OSError, TimeoutError, ValueError) as exc:
                raise RemoteError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # The scheduler's HTTP endpoint (health, metrics) still exists: keep it
                # on loopback and a free port rather than 8787, which may be taken.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        self.slots = max(1, sum(self._client.nthreads().values()))

    def submit(self, records: Sequence[RawRecord], opts: WorkOptions) -> Any:
        return self._client.submit(process_partition, list(records), opts, pure=False)

    def wait(self, futures: Collection[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(futures), return_when="FIRST_COMPLETED").done)

    def result(self, future: Any) -> PartitionResult:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            raise KashifError("Dask workers kept dying on a partition (out of memory?); run again with --resume") from None

    def close(self, cancel: bool = False) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

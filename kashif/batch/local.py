"""The local engine: a pool of N worker processes on this machine."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Collection, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..errors import KashifError
from .readers import RawRecord
from .work import PartitionResult, WorkOptions, process_partition


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _orphan_watch(parent: int) -> None:
    """End this worker when the process that started it is gone (e.g. killed with SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init() -> None:
    # Ctrl-C goes to the whole process group; only the main process handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True).start()


class LocalEngine:
    """Runs partitions in ``workers`` processes, each loading the model once (on its first partition,
    so that a broken model surfaces as a `ModelError`, not as a dead pool).

    Workers are spawned, not forked: they inherit none of the main
    process's threads or locks, and as its direct children they notice when it
    is killed and exit instead of lingering.
    """

    def __init__(self, workers: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.slots = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init)

    def submit(self, records: Sequence[RawRecord], opts: WorkOptions) -> Future[PartitionResult]:
        return self._pool.submit(process_partition, records, opts)

    def wait(self, futures: Collection[Future[PartitionResult]]) -> set[Future[PartitionResult]]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def result(self, future: Future[PartitionResult]) -> PartitionResult:
        try:
            return future.result()
        except BrokenProcessPool:
            raise KashifError("a worker process died (out of memory?); run again with --resume to continue") from None

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)

"""The batch driver: read, hand partitions to an engine, merge results in order.

The driver only reads raw records and writes results; parsing and checking
happen in the engine's workers. At most a few partitions per worker are in
flight or waiting to be merged, so memory stays bounded whatever the input
size, and results are merged in input order, which is what makes checkpoints
(and so ``--resume``) simple: see `kashif.batch.journal`.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
import time
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from ..errors import ArchiveError, InputError
from ..inputs import check_threshold
from .journal import Journal
from .readers import count_records, expand_inputs, fingerprint, iter_records, partitions
from .work import PartitionResult, WorkOptions
from .writer import finalise, write_csv_summary, write_parquet_summary

#: Records per partition (one task). Bigger partitions mean fewer tasks and
#: checkpoints (good for large clusters); smaller ones, less work redone after a kill.
PARTITION_SIZE = 32
#: A partition also ends once its records reach this many bytes.
PARTITION_BYTES = 4 << 20

ENGINES = ("local", "dask")


class Engine(Protocol):
    slots: int

    def submit(self, records: Sequence[Any], opts: WorkOptions) -> Any: ...
    def wait(self, futures: Collection[Any]) -> set[Any]: ...
    def result(self, future: Any) -> PartitionResult: ...
    def close(self, cancel: bool = False) -> None: ...


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a finished run did (counts include any earlier, interrupted part of the run)."""

    read: int
    checked: int
    flagged: int
    failed: int
    elapsed: float
    output: Path
    errors: Path
    resumed_at: int = 0


def default_errors_path(output: Path) -> Path:
    """``results.jsonl`` → ``results.errors.jsonl``."""
    stem = output.name[: -len(".jsonl")] if output.name.endswith(".jsonl") else output.name
    return output.with_name(f"{stem}.errors.jsonl")


def _check_destinations(output: Path, others: dict[str, Path | None], inputs: Sequence[Path]) -> None:
    named = {"output": output} | {k: v for k, v in others.items() if v is not None}
    seen: dict[Path, str] = {}
    for what, path in named.items():
        if path.is_dir():
            raise InputError(f"{path}: is a folder; the {what} must be a file path")
        if not path.parent.is_dir():
            raise InputError(f"{path.parent}: no such folder for the {what}")
        real = path.resolve()
        if real in seen:
            raise InputError(f"{path}: used as both the {seen[real]} and the {what}")
        seen[real] = what
    for p in inputs:
        if p.resolve() in seen:
            raise InputError(f"{p}: is an input; refusing to overwrite it with the {seen[p.resolve()]}")


def _model_digest() -> str:
    return hashlib.sha256((resources.files("kashif") / "data" / "model.json").read_bytes()).hexdigest()


def run_batch(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    options: WorkOptions = WorkOptions(),
    errors: str | Path | None = None,
    summary_csv: str | Path | None = None,
    summary_parquet: str | Path | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    partition_size: int = PARTITION_SIZE,
    progress: bool | None = None,
) -> BatchSummary:
    """Check every record of ``inputs`` and write one JSONL row per article to ``output``.

    Records that cannot be checked go to ``errors`` (default: beside the
    output, ``NAME.errors.jsonl``) with their position and reason; that file
    is written only when at least one record was refused. With
    ``resume`` an interrupted run with the same inputs and options carries on
    where its last checkpoint left it. ``progress`` None means: a progress bar
    when standard error is a terminal.
    """
    from .local import default_workers

    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if partition_size < 1:
        raise InputError(f"--partition-size must be at least 1, not {partition_size}")
    check_threshold(options.threshold, "--threshold")
    if options.reference_db is not None and not Path(options.reference_db).is_file():
        raise ArchiveError(f"{options.reference_db}: no such archive (create it with: kashif index add FILES --db {options.reference_db})")
    output = Path(output)
    errors = Path(errors) if errors is not None else default_errors_path(output)
    csv_path = Path(summary_csv) if summary_csv is not None else None
    parquet_path = Path(summary_parquet) if summary_parquet is not None else None
    files = expand_inputs(inputs)
    _check_destinations(output, {"errors file": errors, "CSV summary": csv_path, "Parquet summary": parquet_path}, [f.path for f in files])
    opts = options
    if opts.reference_db is not None:
        opts = WorkOptions(opts.id_field, opts.text_field, opts.threshold, str(Path(opts.reference_db).resolve()))
    header = {
        "inputs": fingerprint(files),
        "options": asdict(opts),
        "model": _model_digest(),
        "partition_size": partition_size,
        "partition_bytes": PARTITION_BYTES,
    }
    if progress is None:
        progress = sys.stderr.isatty()

    started = time.monotonic()
    journal = Journal(output, header, resume)
    resumed_at = journal.state.records
    try:
        if not journal.state.final:
            _process(journal, files, opts, engine, workers or default_workers(), scheduler, progress)
            journal.mark_final()
        results = journal.output_part if journal.output_part.exists() else output
        if csv_path:
            write_csv_summary(results, csv_path)
        if parquet_path:
            write_parquet_summary(results, parquet_path)
        if journal.errors_part.exists():
            if journal.state.failed:
                finalise(journal.errors_part, errors)
            else:  # no errors file when nothing was refused, not even a stale one from an earlier run
                journal.errors_part.unlink()
                errors.unlink(missing_ok=True)
        if journal.output_part.exists():
            finalise(journal.output_part, output)
    except BaseException:
        if journal.resumed or journal.state.partitions:
            journal.close()  # keep the work folder for --resume
        else:
            journal.remove()  # nothing done yet: leave no trace
        raise
    journal.remove()
    s = journal.state
    return BatchSummary(s.records, s.ok, s.flagged, s.failed, time.monotonic() - started, output, errors, resumed_at)


def _process(
    journal: Journal, files: Sequence[Any], opts: WorkOptions, engine_name: str, workers: int, scheduler: str | None, progress: bool
) -> None:
    """Run every partition not yet merged and merge them, in input order."""
    from tqdm import tqdm

    size = int(journal.header["partition_size"])
    max_bytes = int(journal.header["partition_bytes"])
    start = journal.state.partitions
    todo = itertools.islice(partitions(iter_records(files), size, max_bytes), start, None)
    bar = tqdm(
        total=count_records(files) if progress else None,
        initial=journal.state.records,
        disable=not progress,
        unit=" articles",
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.05,
    )
    engine = _engine(engine_name, workers, scheduler)
    window = 2 * engine.slots + 2
    pending: dict[Any, int] = {}
    ready: dict[int, PartitionResult] = {}
    next_merge = start

    def collect() -> None:
        nonlocal next_merge
        finished = []
        if pending:
            for fut in engine.wait(pending):
                k = pending.pop(fut)
                ready[k] = engine.result(fut)
                finished.append(k)
        batch = []
        while next_merge in ready:
            batch.append(ready.pop(next_merge))
            next_merge += 1
        if batch:
            state = journal.merge(batch)
            bar.update(sum(r.ok + r.failed for r in batch))
            bar.set_postfix(flagged=state.flagged, failed=state.failed, refresh=False)
        for k in finished:  # done out of order: kept on disk until its turn
            if k in ready:
                journal.save_partition(k, ready[k])

    try:
        for k, records in enumerate(todo, start):
            earlier = journal.load_partition(k) if journal.resumed else None
            if earlier is not None:
                ready[k] = earlier
            else:
                pending[engine.submit(records, opts)] = k
            while len(pending) + len(ready) >= window:
                collect()
        while pending or ready:
            collect()
    except BaseException:
        engine.close(cancel=True)
        bar.close()
        raise
    engine.close()
    bar.close()


def _engine(name: str, workers: int, scheduler: str | None) -> Engine:
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(scheduler, workers)
    from .local import LocalEngine

    return LocalEngine(workers)

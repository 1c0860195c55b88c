"""Streaming batch inputs as raw records, and what a run needs to resume them.

Files are found and cut into raw records by `kashif.records` (the rules every
command shares); parsing happens in the worker processes, so the reading
process stays light and one bad record never stops the stream. Nothing here
holds more than one record (of bounded size) in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from ..records import LINE_LIMIT, InputFile, RawRecord
from ..records import expand as expand_inputs
from ..records import iter_raw as iter_records

__all__ = ["LINE_LIMIT", "InputFile", "RawRecord", "count_records", "expand_inputs", "fingerprint", "iter_records", "partitions"]


def fingerprint(files: Iterable[InputFile]) -> str:
    """A digest of the input files' paths, sizes and modification times.

    A resumed run must read exactly the records the interrupted one read;
    this catches inputs that were edited, added or removed in between.
    """
    h = hashlib.sha256()
    for f in files:
        st = f.path.stat()
        h.update(f"{f.path.resolve()}\0{f.kind}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def count_records(files: Iterable[InputFile]) -> int:
    """Roughly how many records there are (JSONL lines), for the progress bar's ETA."""
    total = 0
    for f in files:
        if f.kind != "jsonl":
            total += 1
            continue
        try:
            with f.path.open("rb") as fh:
                last = b"\n"
                while chunk := fh.read(1 << 20):
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
                total += last != b"\n"
        except OSError:
            total += 1
    return total


def partitions(records: Iterable[RawRecord], size: int, max_bytes: int = 4 << 20) -> Iterator[list[RawRecord]]:
    """Group records into partitions of ``size`` records or about ``max_bytes``.

    Partition boundaries depend only on the input, so an interrupted run and
    its resumption cut the same partitions.
    """
    part: list[RawRecord] = []
    nbytes = 0
    for rec in records:
        part.append(rec)
        nbytes += len(rec.data)
        if len(part) >= size or nbytes >= max_bytes:
            yield part
            part, nbytes = [], 0
    if part:
        yield part

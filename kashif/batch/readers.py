"""Streaming batch inputs as raw records: JSONL files, news-please JSON files, folders.

Readers only cut the input into records and note where each came from
(file and line); decoding, JSON parsing and validation happen in the worker
processes, so the reading process stays light and one bad record never stops
the stream. Nothing here holds more than one record (of bounded size) in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..inputs import MAX_BYTES

#: Longest JSON line or news-please file read. JSON escapes can take six bytes
#: per character, so a record whose text is within `MAX_BYTES` fits easily.
LINE_LIMIT = 8 * MAX_BYTES

#: Input kinds by file suffix.
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".txt": "txt"}


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    kind: str
    #: Fallback id of a whole-file record: the path inside the folder given, or the file name.
    name: str


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record before parsing. ``(source, line)`` is its unique position."""

    source: str
    line: int | None
    kind: str
    data: bytes
    name: str | None = None
    #: Set when the reader already knows the record is unusable (too long, unreadable).
    error: str | None = None


def expand_inputs(paths: Sequence[str | Path]) -> list[InputFile]:
    """Every input file in reading order (folders walked in sorted order), or a clear refusal."""
    if not paths:
        raise InputError("no input given")
    files: list[InputFile] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = [
                f
                for f in sorted(p.rglob("*"))
                if f.suffix.lower() in KINDS
                and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            if not found:
                raise InputError(f"{p}: folder has no .jsonl, .json or .txt files")
            files.extend(InputFile(f, KINDS[f.suffix.lower()], f.relative_to(p).as_posix()) for f in found)
        elif p.is_file():
            kind = KINDS.get(p.suffix.lower())
            if kind is None:
                raise InputError(f"{p}: unsupported input (expected .jsonl, .json, .txt or a folder)")
            files.append(InputFile(p, kind, p.name))
        elif p.exists():
            raise InputError(f"{p}: not a regular file or folder")
        else:
            raise InputError(f"{p}: no such file or folder")
    seen: set[Path] = set()
    for f in files:
        real = f.path.resolve()
        if real in seen:
            raise InputError(f"{f.path}: given twice; each record must be read once")
        seen.add(real)
    return files


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


def iter_records(files: Iterable[InputFile]) -> Iterator[RawRecord]:
    """All records of all inputs, in order. Blank JSONL lines are not records."""
    for f in files:
        if f.kind == "jsonl":
            yield from _jsonl_records(f)
        else:
            yield _file_record(f)


def _jsonl_records(f: InputFile) -> Iterator[RawRecord]:
    source = str(f.path)
    try:
        fh = f.path.open("rb")
    except OSError as exc:
        yield RawRecord(source, None, f.kind, b"", error=f"cannot read ({exc.strerror})")
        return
    with fh:
        n = 0
        while raw := fh.readline(LINE_LIMIT + 1):
            n += 1
            if len(raw) > LINE_LIMIT and not raw.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield RawRecord(source, n, f.kind, b"", error=f"line longer than {LINE_LIMIT // (1024 * 1024)} MiB")
            elif raw.strip():
                yield RawRecord(source, n, f.kind, raw)


def _file_record(f: InputFile) -> RawRecord:
    source = str(f.path)
    limit = MAX_BYTES if f.kind == "txt" else LINE_LIMIT
    try:
        if f.path.stat().st_size > limit:
            return RawRecord(source, None, f.kind, b"", f.name, f"larger than {limit // (1024 * 1024)} MiB")
        with f.path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return RawRecord(source, None, f.kind, b"", f.name, f"cannot read ({exc.strerror})")
    return RawRecord(source, None, f.kind, data, f.name)


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


"""Writing batch results: durable appends, atomic finalisation, summaries.

Results are appended to ``.part`` files in the run's work folder and fsync'd
at each checkpoint; the files the user asked for appear only at the end, by
rename, so an output file under its final name is always complete.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import KashifError
from ..output import atomic_open

#: Columns of the CSV and Parquet summaries: one row per checked article.
SUMMARY_COLUMNS = ("id", "file", "line", "mode", "n_sentences", "n_flagged", "top_score", "threshold")


class AppendFile:
    """A file opened for appending whose durable length is known after `sync`."""

    def __init__(self, path: Path, keep: int | None) -> None:
        """Open ``path``; ``keep`` cuts it back to that many bytes (the last checkpoint), None empties it."""
        self.path = path
        if keep is not None and (path.stat().st_size if path.exists() else 0) < keep:
            raise KashifError(f"{path}: shorter than its last checkpoint; delete {path.parent} to start over")
        self._fh = path.open("r+b" if keep is not None and path.exists() else "wb")
        if keep is not None:
            self._fh.truncate(keep)
            self._fh.seek(keep)

    def write(self, text: str) -> None:
        if text:
            self._fh.write(text.encode("utf-8"))

    def sync(self) -> int:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        return self._fh.tell()

    def close(self) -> None:
        self._fh.close()


def sync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finalise(part: Path, dest: Path) -> None:
    """Move a complete ``part`` file to ``dest`` atomically (copying across filesystems)."""
    try:
        os.replace(part, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        with atomic_open(dest, "wb") as out, part.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        part.unlink()
    sync_dir(dest.parent)


def _summary_rows(results: Path) -> Iterator[dict[str, Any]]:
    with results.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield {k: row.get(k) for k in SUMMARY_COLUMNS}


def write_csv_summary(results: Path, dest: Path) -> None:
    """One CSV row per checked article, streamed from the results file."""
    with atomic_open(dest, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, SUMMARY_COLUMNS)
        w.writeheader()
        w.writerows(_summary_rows(results))


def write_parquet_summary(results: Path, dest: Path, batch: int = 10_000) -> None:
    """The CSV summary as Parquet, written in row groups so memory stays bounded."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise KashifError("Parquet summaries need pyarrow: pip install 'kashif[batch]'") from None
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("file", pa.string()),
            ("line", pa.int64()),
            ("mode", pa.string()),
            ("n_sentences", pa.int32()),
            ("n_flagged", pa.int32()),
            ("top_score", pa.float64()),
            ("threshold", pa.float64()),
        ]
    )
    with atomic_open(dest, "wb") as fh:
        writer = pq.ParquetWriter(fh, schema)
        rows: list[dict[str, Any]] = []
        for row in _summary_rows(results):
            rows.append(row)
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema))
        writer.close()

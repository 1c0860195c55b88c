"""A run's work folder and journal: what makes ``--resume`` lose and repeat nothing.

Beside the output file ``OUT`` lives ``.OUT.kashif-batch/`` with:

- ``journal.jsonl``: a header (what the run reads and how), then one
  checkpoint line per merge, each written after the results it counts were
  fsync'd;
- ``output.part`` / ``errors.part``: result and error rows, in input order;
- ``part-NNNNNNNN.json``: a finished partition not yet merged.

Partitions are numbered in input order and merged in that order, so a
checkpoint is simply "the first K partitions are in the part files, which are
B bytes long". Resuming cuts the part files back to those lengths (dropping
anything written after the last checkpoint), skips the first K partitions of
the input, and reuses any finished partition files. Every record thus lands
in the output exactly once, whenever the previous run was killed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..output import write_atomic
from .work import PartitionResult
from .writer import AppendFile, sync_dir

FORMAT = 1

#: Header keys a resumed run must share with the interrupted one. The
#: partition layout is not among them: a resumed run adopts the journal's.
IDENTITY = ("inputs", "options", "model")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    partitions: int = 0
    ok: int = 0
    flagged: int = 0
    failed: int = 0
    out_bytes: int = 0
    err_bytes: int = 0
    #: All partitions are merged; only the renames remain.
    final: bool = False

    @property
    def records(self) -> int:
        return self.ok + self.failed


class Journal:
    """The work folder of one batch run, locked against a second run on the same output."""

    def __init__(self, output: Path, header: dict[str, Any], resume: bool) -> None:
        self.dir = output.parent / f".{output.name}.kashif-batch"
        self.output_part = self.dir / "output.part"
        self.errors_part = self.dir / "errors.part"
        path = self.dir / "journal.jsonl"
        existing = path.exists()
        if existing and not resume:
            raise InputError(
                f"{output}: an interrupted run left {self.dir}; add --resume to continue it, or delete that folder to start over"
            )
        self.dir.mkdir(exist_ok=True)
        self._lock = (self.dir / "lock").open("a")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise InputError(f"{output}: another kashif batch run is writing it") from None
        self.resumed = existing
        if existing:
            self.header, self.state = self._read(path, header)
        else:
            self.header, self.state = {"kashif_batch": FORMAT} | header, Checkpoint()
        # A fresh journal, or the old one rewritten without a line torn by a kill.
        write_atomic(path, json.dumps(self.header) + "\n" + json.dumps(asdict(self.state)) + "\n")
        sync_dir(self.dir)
        self._journal = path.open("a", encoding="utf-8")
        if not self.state.final:
            self._out = AppendFile(self.output_part, self.state.out_bytes if existing else None)
            self._err = AppendFile(self.errors_part, self.state.err_bytes if existing else None)

    @staticmethod
    def _read(path: Path, header: dict[str, Any]) -> tuple[dict[str, Any], Checkpoint]:
        lines = path.read_text(encoding="utf-8").splitlines()
        try:
            old = json.loads(lines[0])
        except (IndexError, json.JSONDecodeError):
            raise InputError(f"{path}: not a kashif batch journal; delete {path.parent} to start over") from None
        if old.get("kashif_batch") != FORMAT:
            raise InputError(f"{path}: written by another kashif version; delete {path.parent} to start over")
        for key in IDENTITY:
            if old.get(key) != header.get(key):
                raise InputError(
                    f"cannot resume: the {key.replace('_', ' ')} differ from the interrupted run's; "
                    f"use the same inputs and options, or delete {path.parent} to start over"
                )
        state = Checkpoint()
        for line in lines[1:]:  # the last line may be torn by a kill: the one before it counts
            try:
                state = Checkpoint(**json.loads(line))
            except (json.JSONDecodeError, TypeError):
                break
        return old, state

    def partition_path(self, index: int) -> Path:
        return self.dir / f"part-{index:08d}.json"

    def save_partition(self, index: int, result: PartitionResult) -> None:
        """Keep a finished partition until it is merged (written atomically: complete or absent)."""
        write_atomic(self.partition_path(index), json.dumps(asdict(result), ensure_ascii=False))

    def load_partition(self, index: int) -> PartitionResult | None:
        """A partition finished by an earlier run but not merged, if its file is there."""
        try:
            return PartitionResult(**json.loads(self.partition_path(index).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None

    def merge(self, results: list[PartitionResult]) -> Checkpoint:
        """Append the next partitions (in order) to the part files and checkpoint them."""
        s = self.state
        for r in results:
            self._out.write(r.out)
            self._err.write(r.err)
        state = replace(
            s,
            partitions=s.partitions + len(results),
            ok=s.ok + sum(r.ok for r in results),
            flagged=s.flagged + sum(r.flagged for r in results),
            failed=s.failed + sum(r.failed for r in results),
            out_bytes=self._out.sync(),
            err_bytes=self._err.sync(),
        )
        self._checkpoint(state)
        for k in range(s.partitions, state.partitions):
            self.partition_path(k).unlink(missing_ok=True)
        return state

    def mark_final(self) -> None:
        """Record that every partition is merged: a resume only has to finish the renames."""
        if not self.state.final:
            self._out.close()
            self._err.close()
            self._checkpoint(replace(self.state, final=True))

    def _checkpoint(self, state: Checkpoint) -> None:
        self._journal.write(json.dumps(asdict(state)) + "\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())
        self.state = state

    def close(self) -> None:
        """Release the lock, keeping the folder for a later --resume."""
        if not self.state.final:
            self._out.close()
            self._err.close()
        self._journal.close()
        self._lock.close()

    def remove(self) -> None:
        """Delete the work folder once its results are in their final places."""
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)

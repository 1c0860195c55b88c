"""Killing a batch run at any point and resuming it loses and repeats nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batchdata import BAD, articles, read_rows, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
N = 600


def kashif(*args: str, cwd: Path, **kw) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "kashif", "batch", *args], cwd=cwd, env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw,
    )


def done_records(journal: Path) -> int:
    try:
        last = journal.read_text().splitlines()[-1]
        state = json.loads(last)
        return state["ok"] + state["failed"]
    except (FileNotFoundError, IndexError, json.JSONDecodeError, KeyError):
        return 0


def group_gone(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("how", ["sigkill", "ctrl-c"])
def test_a_killed_run_resumes_with_every_record_exactly_once(tmp_path, how):
    write_jsonl(tmp_path / "in.jsonl", N)
    args = ["in.jsonl", "-o", "out.jsonl", "--workers", "2", "--partition-size", "4", "--quiet"]
    journal = tmp_path / ".out.jsonl.kashif-batch" / "journal.jsonl"
    proc = kashif(*args, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while done_records(journal) < 40 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        if how == "sigkill":
            os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers must notice and go
        else:
            os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = proc.communicate(timeout=30)
        assert group_gone(proc.pid, 10), "worker processes outlived the killed run"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if how == "ctrl-c":
        assert proc.returncode == 130 and "--resume" in err and "Traceback" not in err
    assert 0 < done_records(journal) < N + len(BAD) + 1
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out.errors.jsonl").exists()

    # Bytes written after the last checkpoint, and a torn checkpoint line, must not count.
    with (journal.parent / "output.part").open("ab") as fh:
        fh.write(b'{"id": "torn')
    with journal.open("a") as fh:
        fh.write('{"partitions": 99')

    refused = kashif(*args, cwd=tmp_path)
    _, err = refused.communicate(timeout=60)
    assert refused.returncode == 2 and "--resume" in err

    resumed = kashif(*args, "--resume", cwd=tmp_path)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    ids = [r["id"] for r in read_rows(tmp_path / "out.jsonl")]
    assert sorted(ids) == sorted(i for i, _ in articles(N)), "every good record exactly once"
    errors = read_rows(tmp_path / "out.errors.jsonl")
    assert sorted(e["line"] for e in errors) == sorted({e["line"] for e in errors})
    assert len(errors) == len(BAD) + 1
    assert not journal.parent.exists()


def test_resume_refuses_changed_inputs_or_options(tmp_path, monkeypatch):
    from kashif.batch import WorkOptions, run_batch
    from kashif.batch.journal import Journal
    from kashif.errors import InputError

    src = write_jsonl(tmp_path / "in.jsonl", 3)
    real_merge = Journal.merge

    def merge_then_stop(self, results):
        real_merge(self, results)
        raise KeyboardInterrupt

    with monkeypatch.context() as m, pytest.raises(KeyboardInterrupt):
        m.setattr(Journal, "merge", merge_then_stop)
        run_batch([src], tmp_path / "out.jsonl", workers=1, partition_size=2)
    assert (tmp_path / ".out.jsonl.kashif-batch").is_dir(), "an interrupted run keeps its work folder"
    with pytest.raises(InputError, match="options differ"):
        run_batch([src], tmp_path / "out.jsonl", options=WorkOptions(threshold=0.2), resume=True)
    with src.open("ab") as fh:
        fh.write(b"\n")
    with pytest.raises(InputError, match="inputs differ"):
        run_batch([src], tmp_path / "out.jsonl", resume=True)


def test_a_run_killed_while_finalising_finishes_on_resume(tmp_path, monkeypatch):
    from kashif.batch import run_batch, runner

    src = write_jsonl(tmp_path / "in.jsonl", 5)
    real = runner.finalise

    def stop_before_output(part, dest):
        if dest.name == "out.jsonl":
            raise KeyboardInterrupt  # killed between renaming the errors file and the output
        real(part, dest)

    with monkeypatch.context() as m, pytest.raises(KeyboardInterrupt):
        m.setattr(runner, "finalise", stop_before_output)
        run_batch([src], tmp_path / "out.jsonl", workers=1, summary_csv=tmp_path / "s.csv")
    assert not (tmp_path / "out.jsonl").exists() and (tmp_path / "out.errors.jsonl").exists()
    summary = run_batch([src], tmp_path / "out.jsonl", resume=True, summary_csv=tmp_path / "s.csv")
    assert summary.resumed_at == summary.read == 5 + len(BAD) + 1
    assert sorted(r["id"] for r in read_rows(tmp_path / "out.jsonl")) == sorted(i for i, _ in articles(5))
    assert len((tmp_path / "s.csv").read_text().splitlines()) == 6
    assert not (tmp_path / ".out.jsonl.kashif-batch").exists()

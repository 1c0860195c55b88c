"""``kashif batch`` on the command line: usage errors are one line and a distinct exit code."""

from __future__ import annotations

import pytest

from batchdata import read_rows, write_jsonl
from kashif.cli import main


def test_a_run_prints_a_closing_summary(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--workers", "1", "--errors", str(tmp_path / "bad.jsonl")]) == 0
    err = capsys.readouterr().err
    n_bad = len(read_rows(tmp_path / "bad.jsonl"))
    assert f"{6 + n_bad} read" in err and f"{n_bad} failed" in err and "elapsed" in err
    assert len(read_rows(out)) == 6


def test_quiet_prints_nothing(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", 2, bad=False)
    assert main(["batch", str(src), "-o", str(tmp_path / "out.jsonl"), "--workers", "1", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["missing.jsonl"], 2, "missing.jsonl: no such file or folder"),
        (["IN", "--workers", "0"], 2, "--workers must be at least 1"),
        (["IN", "--scheduler", "tcp://127.0.0.1:8786"], 2, "--scheduler needs --engine dask"),
        (["IN", "--threshold", "7"], 2, "--threshold must be between 0 and 1"),
        (["IN", "--partition-size", "0"], 2, "--partition-size must be at least 1"),
        (["IN", "--summary-csv", "IN"], 2, "is an input"),
        (["IN", "--reference-db", "missing.db"], 4, "missing.db: no such archive"),
    ],
)
def test_bad_command_lines_fail_with_one_line(tmp_path, capsys, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "in.jsonl", 1, bad=False)
    args = ["in.jsonl" if a == "IN" else a for a in args]
    assert main(["batch", *args, "-o", "out.jsonl"]) == code
    err = capsys.readouterr().err
    assert err.startswith("kashif: error: ") and message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_file_of_malformed_lines_is_all_errors_not_a_crash(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": \nnot json\n{"id": 2}}\n')
    assert main(["batch", str(src), "-o", str(tmp_path / "out.jsonl"), "--workers", "1", "-q"]) == 0
    assert (tmp_path / "out.jsonl").read_text() == ""
    reasons = [e["reason"] for e in read_rows(tmp_path / "out.errors.jsonl")]
    assert len(reasons) == 3 and all(r.startswith("malformed JSON") for r in reasons)

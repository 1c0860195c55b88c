"""scripts/reader_study.py: blind export, then a perfect and an empty answer scored beside kashif."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import CORPUS, ROOT

SCRIPT = ROOT / "scripts" / "reader_study.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=True)


def test_export_is_blind_and_scoring_counts_what_the_reader_said(tmp_path):
    run("export", str(CORPUS / "dev.jsonl"), "-n", "5", "-o", str(tmp_path))
    texts = sorted((tmp_path / "articles").glob("a*.txt"))
    assert len(texts) == 5
    assert not any("inserted" in t.read_text(encoding="utf-8") for t in texts)
    key = json.loads((tmp_path / "key.json").read_text())["articles"]
    perfect = tmp_path / "perfect.json"
    perfect.write_text(json.dumps({name: v["inserted"] for name, v in key.items()}))
    out = run("score", str(tmp_path / "key.json"), str(perfect)).stdout
    assert "reader   P 1.000  R 1.000  F1 1.000  FPR 0.000  articles exactly right 5/5" in out
    nothing = tmp_path / "nothing.json"
    nothing.write_text("{}")
    out = run("score", str(tmp_path / "key.json"), str(nothing)).stdout
    assert "R 0.000" in out.splitlines()[0] and out.splitlines()[1].startswith("kashif")


def test_answers_that_are_not_sentence_numbers_are_refused(tmp_path):
    run("export", str(CORPUS / "dev.jsonl"), "-n", "2", "-o", str(tmp_path))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"a00": ["4"], "a01": []}))
    r = subprocess.run([sys.executable, str(SCRIPT), "score", str(tmp_path / "key.json"), str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "a00: expected a list of sentence numbers" in r.stderr and "Traceback" not in r.stderr

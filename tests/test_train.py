"""Training on a small fixture corpus gives a model that loads, predicts and beats the baseline."""

from __future__ import annotations

import json

import numpy as np

from conftest import CORPUS, run_cli
from kashif.corpus import read_jsonl
from kashif.evaluate import evaluate
from kashif.model import Model


def _fixture(tmp_path, split, n):
    lines = (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    path = tmp_path / f"{split}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_cli_then_model_beats_baseline_on_held_out(tmp_path):
    train = _fixture(tmp_path, "train", 70)
    held_out = _fixture(tmp_path, "dev", 30)
    out = tmp_path / "model.json"
    r = run_cli("train", str(train), "-o", str(out), "--seed", "3")
    assert r.returncode == 0, r.stderr.decode()
    model = Model.load(out)
    meta = json.loads(out.read_text())["metadata"]
    assert meta["articles"] == 70 and len(meta["training_data_sha256"]) == 64
    metrics, scored = evaluate(list(read_jsonl(held_out)), model)
    assert np.all((scored.p >= 0) & (scored.p <= 1))
    assert metrics["kashif"]["f1"] > metrics["baseline"]["f1"] + 0.2
    assert metrics["kashif"]["auroc"] > 0.85


def test_training_is_reproducible(tmp_path):
    train = _fixture(tmp_path, "train", 40)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    assert run_cli("train", str(train), "-o", str(a), env=env).returncode == 0
    assert run_cli("train", str(train), "-o", str(b), env=env).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_train_refuses_unlabelled_data(tmp_path):
    rec = {"id": "x", "topic": "t", "title": "عنوان", "paragraphs": [[{"text": "قال الوزير إن الوضع مستقر.", "inserted": False}]]}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run_cli("train", str(path), "-o", str(tmp_path / "m.json"))
    assert r.returncode == 2 and b"at least 10 gold articles" in r.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1,\n', encoding="utf-8")
    r = run_cli("train", str(bad), "-o", str(tmp_path / "m.json"))
    assert r.returncode == 2 and b"line 1: malformed JSON" in r.stderr
    assert not (tmp_path / "m.json").exists()

"""The shipped corpus meets its own specification (data/corpus/README.md)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import corpus_files
from kashif.corpus import from_record

SPLITS = ("train", "dev", "test")


def records():
    for f in corpus_files():
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield f.stem, json.loads(line)


def test_every_authored_sentence_segments_as_one_sentence():
    bad = []
    for _, rec in records():
        gold = from_record(rec)
        authored = [s["text"].strip() for p in rec["paragraphs"] for s in p]
        got = [s.text for s in gold.article.sentences]
        if got != authored:
            bad.append(rec["id"])
    assert not bad, f"segmentation disagrees with the authored sentences in {bad[:10]}"


def test_corpus_shape():
    recs = [r for _, r in records()]
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), "duplicate article ids"
    assert len(recs) >= 250
    assert len({r["topic"] for r in recs}) >= 12
    n_ins = [sum(1 for p in r["paragraphs"] for s in p if s.get("inserted")) for r in recs]
    assert sum(1 for n in n_ins if n == 0) / len(recs) >= 0.20
    assert max(n_ins) <= 4
    positions = Counter(span.position for r in recs for span in from_record(r).spans)
    assert positions["end"] / sum(positions.values()) <= 0.40
    assert all(positions[p] > 0 for p in ("start", "middle", "end", "standalone"))
    assert not any("[" in s["text"] or "]" in s["text"] for r in recs for p in r["paragraphs"] for s in p)


def test_splits_are_fixed_and_disjoint():
    files = {f.stem: f for f in corpus_files()}
    if set(files) != set(SPLITS):
        pytest.skip("corpus not yet split")
    seen: dict[str, str] = {}
    for split, rec in records():
        assert rec["id"] not in seen, f"{rec['id']} is in {seen.get(rec['id'])} and {split}"
        seen[rec["id"]] = split
    counts = Counter(seen.values())
    assert counts["test"] >= 0.12 * len(seen) and counts["dev"] >= 0.12 * len(seen)

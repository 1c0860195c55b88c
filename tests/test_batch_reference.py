"""``--reference-db``: each article is checked against the archive first, then the detector."""

from __future__ import annotations

import json

import pytest

archive = pytest.importorskip("kashif.archive", reason="the archive (issue 4) is not available")

from batchdata import CORPUS, read_rows  # noqa: E402
from kashif.batch import WorkOptions, run_batch  # noqa: E402
from kashif.corpus import read_jsonl  # noqa: E402


def original_of(article) -> str:
    """The article with its inserted sentences taken out: what the archive would hold."""
    text, cut = article.text, 0
    parts = []
    for span in sorted(article.spans, key=lambda s: s.start):
        parts.append(text[cut : span.start])
        cut = span.end
    parts.append(text[cut:])
    return "".join(parts)


def test_archived_articles_are_compared_and_the_rest_detected(tmp_path):
    from kashif.archive.sources import Record
    from kashif.archive.store import Archive

    files = sorted(CORPUS.glob("*.jsonl")) or sorted((CORPUS / "raw").glob("*.jsonl"))
    arts = [a for a in read_jsonl(files[0]) if a.spans][:4]
    db = tmp_path / "archive.db"
    with Archive(db, create=True) as store:
        store.add([Record(f"orig-{a.id}", original_of(a)) for a in arts[:3]])
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n" for a in arts))

    run_batch([src], tmp_path / "out.jsonl", workers=1, options=WorkOptions(reference_db=str(db)), progress=False)
    rows = read_rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == [a.id for a in arts]
    for row, art in zip(rows[:3], arts[:3]):
        assert row["mode"] == "reference"
        assert row["source"]["id"] == f"orig-{art.id}"
        got = {(f["start"], f["end"]) for f in row["flagged"]}
        for span in art.spans:  # every spliced sentence is reported as inserted
            assert any(s <= span.start + 1 and e >= span.end - 1 for s, e in got), (art.id, span)
    assert rows[3]["mode"] == "detector" and rows[3]["warnings"]

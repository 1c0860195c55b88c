"""Batch test inputs built from the corpus articles (no real news text)."""

from __future__ import annotations

import json
from pathlib import Path

from kashif.corpus import read_jsonl

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

#: Records that must land in the errors file, with a word their reason contains.
BAD = [
    ('{"id": "empty", "text": "   "}', "empty"),
    ('{"id": "english", "text": "This is an English sentence, not Arabic at all."}', "not Arabic"),
    ('{"id": "truncated", "text": "نص', "malformed JSON"),
    ("[1, 2, 3]", "JSON object"),
    ('{"id": ["x"], "text": "نص عربي بمعرف غير صالح"}', "id field 'id' is not"),
    ('{"id": "no-text"}', "missing text"),
    ('{"id": "number", "text": 42}', "not a string"),
]


def articles(n: int) -> list[tuple[str, str]]:
    """``n`` (id, text) pairs cycling through the corpus; ids are unique."""
    files = sorted(CORPUS.glob("*.jsonl")) or sorted((CORPUS / "raw").glob("*.jsonl"))
    base = [a for f in files for a in read_jsonl(f)]
    return [(f"{base[i % len(base)].id}#{i}", base[i % len(base)].text) for i in range(n)]


def write_jsonl(path: Path, n_good: int, bad: bool = True, id_field: str = "id", text_field: str = "text") -> Path:
    """A JSONL input with ``n_good`` articles, and the BAD records spread among them."""
    lines = [json.dumps({id_field: i, text_field: t}, ensure_ascii=False) for i, t in articles(n_good)]
    if bad:
        for k, (line, _) in enumerate(BAD):
            lines.insert(min(len(lines), 1 + 3 * k), line)
        lines.insert(2, "")  # a blank line is not a record
    with path.open("wb") as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        if bad:
            fh.write(b'{"id": "latin1", "text": "caf\xe9"}\n')
    return path


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

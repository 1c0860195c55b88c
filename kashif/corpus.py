"""Labelled articles: reading the corpus JSONL and bracket-format gold files.

Both formats become `GoldArticle`: the plain text exactly as kashif will see
it, the gold spans of inserted sentences, and per-span metadata (style and
position) for evaluation by style and position.

Corpus JSONL, one article per line::

    {"id": str, "topic": str, "date": str, "title": str,
     "paragraphs": [[{"text": str, "inserted": bool, "style"?: str}, ...], ...]}

The article text is the title, a blank line, then the paragraphs separated by
blank lines with sentences joined by single spaces.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .article import Article, segment
from .brackets import parse
from .errors import FormatError, InputError
from .inputs import check_text, decode, read_bytes

POSITIONS = ("start", "middle", "end", "standalone")


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    style: str = "unknown"
    position: str = "unknown"


@dataclass
class GoldArticle:
    id: str
    text: str
    spans: list[GoldSpan]
    topic: str = "unknown"
    meta: dict[str, Any] = field(default_factory=dict)
    _article: Article | None = field(default=None, repr=False)

    @property
    def article(self) -> Article:
        if self._article is None:
            self._article = segment(self.text)
        return self._article

    def labels(self) -> list[bool]:
        """Gold label of each segmented sentence: inserted if a gold span covers most of it."""
        return [g is not None for g in self.sentence_spans()]

    def sentence_spans(self) -> list[GoldSpan | None]:
        """The gold span that covers each segmented sentence, or None."""
        out: list[GoldSpan | None] = []
        for s in self.article.sentences:
            hit = None
            for g in self.spans:
                overlap = min(s.end, g.end) - max(s.start, g.start)
                if overlap * 2 > s.end - s.start:
                    hit = g
                    break
            out.append(hit)
        return out


def position_of(index: int, size: int) -> str:
    """Where a sentence sits in its paragraph: start, middle, end or standalone."""
    if size == 1:
        return "standalone"
    if index == 0:
        return "start"
    if index == size - 1:
        return "end"
    return "middle"


def from_record(rec: dict[str, Any], where: str = "record") -> GoldArticle:
    """Build a `GoldArticle` from one corpus JSONL record."""
    try:
        art_id = str(rec["id"])
        paragraphs = rec["paragraphs"]
        if not isinstance(paragraphs, list) or not paragraphs:
            raise ValueError("'paragraphs' must be a non-empty list")
        chunks: list[str] = []
        pos = 0
        title = str(rec.get("title") or "").strip()
        if title:
            chunks.append(title + "\n\n")
            pos = len(chunks[0])
        spans: list[GoldSpan] = []
        for p_i, para in enumerate(paragraphs):
            if p_i:
                chunks.append("\n\n")
                pos += 2
            for s_i, sent in enumerate(para):
                text = str(sent["text"]).strip()
                if not text:
                    raise ValueError(f"empty sentence in paragraph {p_i + 1}")
                if s_i:
                    chunks.append(" ")
                    pos += 1
                if sent.get("inserted"):
                    spans.append(GoldSpan(pos, pos + len(text), str(sent.get("style", "unknown")), position_of(s_i, len(para))))
                chunks.append(text)
                pos += len(text)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FormatError(f"{where}: not a corpus article ({exc})") from None
    meta = {k: v for k, v in rec.items() if k not in ("paragraphs",)}
    return GoldArticle(art_id, "".join(chunks), spans, str(rec.get("topic", "unknown")), meta)


def read_jsonl(path: str | Path) -> Iterator[GoldArticle]:
    path = Path(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            line = decode(raw, f"{path}:{n}")
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FormatError(f"{path}: line {n}: malformed JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise FormatError(f"{path}: line {n}: expected a JSON object")
            gold = from_record(rec, f"{path}: line {n}")
            check_text(gold.text, f"{path}: line {n}")
            yield gold


def read_brackets(path: str | Path) -> GoldArticle:
    """A gold article in the seed's bracket format (style and position inferred)."""
    path = Path(path)
    text, spans = parse(decode(read_bytes(path), str(path)), str(path))
    check_text(text, str(path))
    gold = GoldArticle(path.stem, text, [GoldSpan(a, b) for a, b in spans])
    art = gold.article
    located = []
    for g in gold.spans:
        pos = "unknown"
        for p in art.paragraphs:
            for k, s in enumerate(p.sentences):
                if min(s.end, g.end) - max(s.start, g.start) > 0:
                    pos = position_of(k, len(p.sentences))
                    break
            if pos != "unknown":
                break
        located.append(GoldSpan(g.start, g.end, g.style, pos))
    gold.spans = located
    return gold


def read_gold(paths: Iterable[str | Path]) -> list[GoldArticle]:
    """Gold articles from JSONL corpora, bracket files, or folders of bracket files."""
    out: list[GoldArticle] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(read_brackets(f) for f in sorted(p.glob("*.txt")))
        elif p.suffix == ".jsonl":
            out.extend(read_jsonl(p))
        elif p.exists():
            out.append(read_brackets(p))
        else:
            raise InputError(f"{p}: no such file or folder")
    return out

"""`compare`: what a suspect article added to, changed in and dropped from its original.

The result, `Comparison`, extends the detect JSON contract so every consumer of
`Report.to_dict` can read it unchanged: each sentence keeps start, end, text,
score, inserted and reasons, and gains ``status`` (same, modified, inserted),
the matched ``original`` span and a word-level ``diff``; the top level gains
``mode``, ``deleted``, ``source`` and ``candidates``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .align import INSERTED, MODIFIED, SAME, Link, align
from .article import Article, Sentence, segment
from .inputs import check_text
from .reasons import LANGS
from .report import Report, sentence_contract

__all__ = ["compare", "Comparison", "ComparedSentence", "DiffOp", "Span", "Source", "STATUSES"]

STATUSES = (SAME, MODIFIED, INSERTED)
#: In detector mode (no original found) a sentence is inserted or unknown.
UNKNOWN = "unknown"
#: Name and version of the reference "model" reported in ``model``.
ALIGNER = ("kashif-align", "1")
#: Fewer than this share of matched sentences suggests a wrong original.
LOW_OVERLAP = 0.3

_TEXT = {
    "en": {
        "inserted": "not in the original",
        "modified": "changed from the original: {n} word{s} differ{v}",
        "joins": "joins {n} sentences of the original",
        "part": "part of a longer sentence of the original",
        "low": "only {k} of {n} sentences match the original: is it the right original?",
        "empty": "no body sentences to compare",
        "no_source": "no source found in the archive: no article reaches similarity {floor:.2f}{closest}; these are the reference-free detector's guesses",
        "closest": " (closest: {id} at {sim:.2f})",
    },
    "ar": {
        "inserted": "غير موجودة في الأصل",
        "modified": "معدّلة عن الأصل: {n} من الكلمات مختلفة",
        "joins": "تجمع {n} جمل من الأصل",
        "part": "جزء من جملة أطول في الأصل",
        "low": "لا تطابق الأصل إلا {k} من {n} جمل: هل هذا هو الأصل الصحيح؟",
        "empty": "لا توجد في متن المقال جمل للمقارنة",
        "no_source": "لم يُعثر على الأصل في الأرشيف: لا يبلغ أي مقال درجة التشابه {floor:.2f}{closest}؛ هذه تقديرات الكاشف دون مرجع",
        "closest": " (الأقرب: {id} بدرجة {sim:.2f})",
    },
}


def message(key: str, lang: str, **fields: Any) -> str:
    """A comparison's reason or warning text in ``lang`` (shared with `kashif.check`)."""
    return _TEXT[lang][key].format(**fields)


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One word-level edit: ``insert`` words are only in the suspect, ``delete`` only in the original."""

    op: str
    suspect: str
    original: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "suspect": self.suspect, "original": self.original}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class ComparedSentence:
    """A `SentenceResult` plus where it came from in the original."""

    start: int
    end: int
    text: str
    score: float
    inserted: bool
    reasons: list[str]
    status: str
    original: tuple[int, int] | None = None
    diff: list[DiffOp] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **sentence_contract(self),
            "status": self.status,
            "original": None if self.original is None else {"start": self.original[0], "end": self.original[1]},
            "diff": None if self.diff is None else [d.to_dict() for d in self.diff],
        }


@dataclass(frozen=True, slots=True)
class Source:
    """An archived article proposed as the original, with its shingle similarity."""

    id: str
    url: str | None
    similarity: float
    title: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "similarity": round(self.similarity, 4), "title": self.title, "date": self.date}


@dataclass(frozen=True)
class Comparison:
    """The result of `compare` or `check`.

    ``mode`` is "reference" when an original was aligned (statuses are
    exact), "detector" when `check` found no source and fell back to the
    reference-free model (statuses are inserted or unknown).
    """

    text: str
    sentences: list[ComparedSentence]
    threshold: float
    warnings: list[str]
    model_name: str
    model_version: str
    mode: str = "reference"
    original_text: str | None = None
    deleted: list[Span] = field(default_factory=list)
    source: Source | None = None
    candidates: list[Source] = field(default_factory=list)

    @property
    def flagged(self) -> list[ComparedSentence]:
        return [s for s in self.sentences if s.inserted]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "sentences": [s.to_dict() for s in self.sentences],
            "deleted": [d.to_dict() for d in self.deleted],
            "threshold": round(self.threshold, 4),
            "warnings": list(self.warnings),
            "model": {"name": self.model_name, "version": self.model_version},
            "source": None if self.source is None else self.source.to_dict(),
            "candidates": [c.to_dict() for c in self.candidates],
        }

    @classmethod
    def from_report(cls, report: Report, *, warnings: list[str] = (), candidates: list[Source] = ()) -> "Comparison":
        """A detector-mode result: the detector's report, in the comparison shape."""
        sentences = [
            ComparedSentence(s.start, s.end, s.text, s.score, s.inserted, list(s.reasons), INSERTED if s.inserted else UNKNOWN)
            for s in report.sentences
        ]
        return cls(
            report.text,
            sentences,
            report.threshold,
            [*warnings, *report.warnings],
            report.model_name,
            report.model_version,
            mode="detector",
            candidates=list(candidates),
        )

    def with_source(self, source: Source, candidates: list[Source]) -> "Comparison":
        """This comparison, noting the archived article it was made against."""
        return Comparison(
            self.text, self.sentences, self.threshold, self.warnings, self.model_name, self.model_version,
            self.mode, self.original_text, self.deleted, source, list(candidates),
        )


def compare(suspect: str, original: str, *, lang: str = "en") -> Comparison:
    """Align ``suspect`` against ``original``: every suspect sentence is same, modified or inserted.

    Differences a republisher introduces without changing the wording (letter
    variants, diacritics, digits, punctuation, paragraph layout and order,
    sentence splits and merges) leave a sentence ``same``. Raises `InputError`
    for text kashif cannot judge (empty, not Arabic, too large).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    check_text(suspect, "suspect")
    check_text(original, "original")
    s_art, o_art = segment(suspect), segment(original)
    alignment = align(s_art, o_art)
    text = _TEXT[lang]
    sentences = [_sentence(s, link, o_art, text) for s, link in zip(s_art.sentences, alignment.links)]
    warnings: list[str] = []
    matched = sum(1 for s in sentences if s.status != INSERTED)
    if sentences and matched < LOW_OVERLAP * len(sentences):
        warnings.append(text["low"].format(k=matched, n=len(sentences)))
    if not sentences:
        warnings.append(text["empty"])
    deleted = [Span(u.start, u.end, u.text) for u in alignment.deleted]
    return Comparison(suspect, sentences, 1.0, warnings, *ALIGNER, original_text=original, deleted=deleted)


def _sentence(s: Sentence, link: Link, original: Article, text: dict[str, str]) -> ComparedSentence:
    if link.status == INSERTED:
        return ComparedSentence(s.start, s.end, s.text, 1.0, True, [text["inserted"]], INSERTED)
    reasons: list[str] = []
    diff: list[DiffOp] | None = None
    if link.status == MODIFIED:
        diff = [_op(op, link, s.text, s.start, original.text) for op in link.ops]
        n = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in link.ops if tag != "equal")
        reasons.append(text["modified"].format(n=n, s="" if n == 1 else "s", v="s" if n == 1 else ""))
    if len(link.units) > 1:
        reasons.append(text["joins"].format(n=len(link.units)))
    elif link.units and link.units[0] >= 0 and link.original is not None:
        u = original.sentences[link.units[0]]
        if link.original[1] - link.original[0] < 0.8 * (u.end - u.start):
            reasons.append(text["part"])
    score = 0.0 if link.status == SAME else 1.0 - link.similarity
    return ComparedSentence(s.start, s.end, s.text, score, False, reasons, link.status, link.original, diff)


def _op(op: tuple[str, int, int, int, int], link: Link, sentence: str, offset: int, original: str) -> DiffOp:
    tag, i1, i2, j1, j2 = op
    s_spans = link.words.spans[i1:i2]
    o_spans = link.matched.spans[j1:j2]
    s_text = sentence[s_spans[0][0] - offset : s_spans[-1][1] - offset] if s_spans else ""
    o_text = original[o_spans[0][0] : o_spans[-1][1]] if o_spans else ""
    return DiffOp(tag, s_text, o_text)

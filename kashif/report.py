"""What a check returns: per-sentence scores, flags and reasons.

`Report.to_dict` *is* the JSON contract other tools rely on; renderers and the
HTTP service serialise through it so the contract lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SentenceResult:
    start: int
    end: int
    text: str
    score: float
    inserted: bool
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return sentence_contract(self)


def sentence_contract(s: Any) -> dict[str, Any]:
    """The JSON contract's fields of one sentence, from anything that has them.

    `compare` and `check` results extend this dict; keeping it in one place
    keeps every mode's sentences identical for the tools that read them.
    """
    return {
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "score": round(s.score, 4),
        "inserted": s.inserted,
        "reasons": list(s.reasons),
    }


@dataclass(frozen=True, slots=True)
class Report:
    """The result of `kashif.detect`: one entry per body sentence, in order."""

    text: str
    sentences: list[SentenceResult]
    threshold: float
    warnings: list[str]
    model_name: str
    model_version: str

    @property
    def flagged(self) -> list[SentenceResult]:
        return [s for s in self.sentences if s.inserted]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [s.to_dict() for s in self.sentences],
            "threshold": round(self.threshold, 4),
            "warnings": list(self.warnings),
            "model": {"name": self.model_name, "version": self.model_version},
        }

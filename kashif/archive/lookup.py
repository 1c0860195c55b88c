"""`check`: find a suspect article's original in an archive and compare with it.

When no archived article is similar enough to be the source, `check` says so
and falls back to the reference-free detector, marking the result
``mode: "detector"`` so no one mistakes a model's guess for a verified diff.
"""

from __future__ import annotations

from pathlib import Path

from ..comparison import Comparison, compare, message
from ..detector import detect
from ..inputs import check_text, check_threshold
from ..reasons import LANGS
from .store import Archive

__all__ = ["check", "MIN_SIMILARITY"]

#: Shingle Jaccard similarity a candidate needs to be taken as the original.
#: A republished copy with a sixth of its sentences spliced in, letters and
#: layout changed scores 0.6-0.8; unrelated news articles score below 0.05,
#: and articles sharing a few sentences with the suspect below 0.25.
MIN_SIMILARITY = 0.3


def check(
    text: str,
    db: str | Path | Archive,
    *,
    top_k: int = 5,
    min_similarity: float = MIN_SIMILARITY,
    threshold: float | None = None,
    lang: str = "en",
) -> Comparison:
    """Find the likeliest original of ``text`` in the archive ``db`` and `compare` against it.

    ``db`` is a path or an open `Archive` (a long-lived process keeps one
    open). The result lists the ``top_k`` candidates with their similarity and
    the chosen ``source``; with no candidate at ``min_similarity`` or above,
    it is the detector's report in ``mode: "detector"`` with a warning, and
    ``threshold`` (default: the model's) is the cut-off that report uses.
    An alignment needs no threshold: it states what differs.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    if not 0.0 <= min_similarity <= 1.0:
        raise ValueError("min_similarity must be between 0 and 1")
    check_threshold(threshold)
    check_text(text, "suspect")
    if isinstance(db, Archive):
        return _check(text, db, top_k, min_similarity, threshold, lang)
    with Archive(db) as archive:
        return _check(text, archive, top_k, min_similarity, threshold, lang)


def _check(text: str, archive: Archive, top_k: int, min_similarity: float, threshold: float | None, lang: str) -> Comparison:
    candidates = archive.search(text, top_k=top_k)
    if candidates and candidates[0].similarity >= min_similarity:
        best = candidates[0]
        original = archive.get(best.id)
        return compare(text, original.full_text, lang=lang).with_source(best, candidates)
    closest = message("closest", lang, id=candidates[0].id, sim=candidates[0].similarity) if candidates else ""
    warning = message("no_source", lang, floor=min_similarity, closest=closest)
    return Comparison.from_report(detect(text, threshold=threshold, lang=lang), warnings=[warning], candidates=candidates)

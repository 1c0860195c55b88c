"""Reference-free detection: text → Article → features → scores → Report."""

from __future__ import annotations

from .article import Article, segment
from .features import extract
from .errors import InputError
from .inputs import check_text, check_threshold
from .model import Model, default_model
from .reasons import LANGS, explain
from .report import Report, SentenceResult

#: Fewer body sentences than this and the article-relative features have too
#: little context: the report warns, and only very confident scores are flagged.
MIN_SENTENCES = 6
SHORT_ARTICLE_THRESHOLD = 0.9

#: More body sentences than this is not one news article (a long feature has
#: a few hundred), and the article-wide comparisons grow with its square.
MAX_SENTENCES = 1500


#: Warnings in the language of the reasons, so an Arabic report reads as one.
_WARNINGS = {
    "en": {
        "empty": "no body sentences to score",
        "short": "only {n} sentence{s}: too short to judge reliably; only scores of {cut:.2f} or more are flagged",
    },
    "ar": {
        "empty": "لا توجد في متن المقال جمل لتقييمها",
        "short": "عدد الجمل {n} فقط: المقال أقصر من أن يُحكم عليه بثقة؛ لا تُعلَّم إلا الجمل التي تبلغ درجتها {cut:.2f} أو أكثر",
    },
}


def detect(
    text: str,
    *,
    threshold: float | None = None,
    model: Model | None = None,
    lang: str = "en",
) -> Report:
    """Score every body sentence of ``text`` for being machine-inserted.

    ``threshold`` overrides the model's own cut-off; ``lang`` ("en" or "ar")
    chooses the language of the reasons. Raises `InputError` for text kashif
    cannot judge (empty, not Arabic, too large) and for a threshold outside 0-1.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    check_threshold(threshold)
    check_text(text)
    return detect_article(segment(text), threshold=threshold, model=model, lang=lang)


def detect_article(
    article: Article, *, threshold: float | None = None, model: Model | None = None, lang: str = "en"
) -> Report:
    """`detect` for an already segmented (and checked) article."""
    n = len(article.sentences)
    if n > MAX_SENTENCES:
        raise InputError(f"input: {n} sentences; one article may have at most {MAX_SENTENCES}")
    model = model or default_model()
    cut = model.threshold if threshold is None else threshold
    warnings: list[str] = []
    text = _WARNINGS[lang]
    if n == 0:
        return Report(article.text, [], cut, [text["empty"]], model.name, model.version)
    if n < MIN_SENTENCES:
        # the reported threshold is the one applied, so inserted == score >= threshold holds
        cut = max(cut, SHORT_ARTICLE_THRESHOLD)
        warnings.append(text["short"].format(n=n, s="s" if n != 1 else "", cut=cut))
    feats = extract(article, model.lexical)
    contrib = model.contributions(feats.matrix)
    probs = model.predict_proba(feats.matrix)
    results = []
    for i, (s, p) in enumerate(zip(article.sentences, probs)):
        flagged = bool(p >= cut)
        reasons = explain(contrib[i], feats, i, lang) if flagged else []
        results.append(SentenceResult(s.start, s.end, s.text, float(p), flagged, reasons))
    return Report(article.text, results, cut, warnings, model.name, model.version)

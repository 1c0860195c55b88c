"""A character n-gram model of how spliced-in sentences are worded.

Trained as a logistic regression over character n-grams within words
(scikit-learn's ``char_wb`` analyser) on folded text, with counts divided by
the sentence's word count. That makes the score additive over words, so at
run time a sentence costs one cached lookup per word, and n-grams let it
generalise to inflections and words it never saw. The weights are saved as
plain JSON; scikit-learn is needed only to train.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .features_text import NGRAM_RANGE, char_ngrams, opener_token

#: Added to the word count before dividing, so a short sentence's few words
#: cannot push its score to an extreme: real wire copy has many short
#: human sentences ("ولم تتبن أي جهة الهجوم بعد.").
SHRINK = 6.0


@dataclass
class LexicalModel:
    """n-gram → weight, plus an intercept; ``score`` gives the regression's logit."""

    weights: Mapping[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    C: float = 10.0
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    def word_score(self, token: str) -> float:
        s = self._cache.get(token)
        if s is None:
            w = self.weights
            s = sum(w.get(g, 0.0) for g in char_ngrams(token))
            if len(self._cache) > 300_000:
                self._cache.clear()
            self._cache[token] = s
        return s

    def score(self, folded: Sequence[str]) -> float:
        """Logit for one sentence given its folded words."""
        if not folded:
            return self.intercept
        cache = self._cache
        total = self.word_score(opener_token(folded))
        for t in folded:  # the hot loop of detection: a cache hit is one dict lookup
            s = cache.get(t)
            total += self.word_score(t) if s is None else s
        return total / (len(folded) + SHRINK) + self.intercept

    def fit(self, sentences: Sequence[Sequence[str]], labels: Sequence[bool]) -> "LexicalModel":
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        docs = [" ".join([*f, opener_token(f)]) if f else "" for f in sentences]
        vec = CountVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, min_df=2, lowercase=False)
        counts = vec.fit_transform(docs)
        n = np.array([len(f) + SHRINK for f in sentences], dtype=float)
        X = sparse.diags(1.0 / n) @ counts
        clf = LogisticRegression(C=self.C, max_iter=5000, class_weight="balanced").fit(X, np.asarray(labels, dtype=int))
        names = vec.get_feature_names_out()
        coef = clf.coef_[0]
        self.weights = {str(g): round(float(c), 5) for g, c in zip(names, coef) if abs(c) >= 1e-4}
        self.intercept = float(clf.intercept_[0])
        self._cache = {}
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"C": self.C, "intercept": round(self.intercept, 6), "ngram_range": list(NGRAM_RANGE), "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "LexicalModel":
        if tuple(d.get("ngram_range", ())) != NGRAM_RANGE:
            raise ValueError(f"lexical n-gram range {d.get('ngram_range')} is not {list(NGRAM_RANGE)}")
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d["intercept"]), float(d.get("C", 10.0)))

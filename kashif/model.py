"""The sentence scorer: learned word weights plus a logistic regression.

Follows scikit-learn's estimator conventions (plain constructor parameters,
``fit`` returning ``self``, ``predict_proba``), but inference needs only numpy
and the saved model is plain JSON: a model file handed to kashif is data to
read, never code to run. scikit-learn is needed only to train.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .article import Article
from .errors import ModelError
from .features import FEATURES, SentenceTokens, extract, lexical_keys, sentence_tokens

FORMAT = "kashif-model"
FORMAT_VERSION = 1


def fit_word_weights(
    toks: Sequence[SentenceTokens], labels: Sequence[bool], alpha: float = 1.0, min_count: int = 3, clip: float = 3.0
) -> dict[str, float]:
    """Smoothed log-count ratios of lexical keys between inserted and human sentences (as in NBSVM)."""
    pos: Counter[str] = Counter()
    neg: Counter[str] = Counter()
    for st, y in zip(toks, labels):
        keys = {k for k, _ in lexical_keys(st)}
        (pos if y else neg).update(keys)
    n_pos = max(sum(1 for y in labels if y), 1)
    n_neg = max(sum(1 for y in labels if not y), 1)
    weights = {}
    for key in set(pos) | set(neg):
        cp, cn = pos[key], neg[key]
        if cp + cn < min_count:
            continue
        w = math.log((cp + alpha) / (n_pos + 2 * alpha)) - math.log((cn + alpha) / (n_neg + 2 * alpha))
        weights[key] = round(max(-clip, min(clip, w)), 4)
    return weights


@dataclass
class Model:
    """A trained (or loaded) sentence scorer."""

    C: float = 0.5
    word_alpha: float = 1.0
    word_min_count: int = 3
    folds: int = 5
    seed: int = 0
    threshold: float = 0.5
    name: str = "kashif"
    version: str = __version__
    features: tuple[str, ...] = FEATURES
    mean: np.ndarray = field(default_factory=lambda: np.zeros(len(FEATURES)))
    scale: np.ndarray = field(default_factory=lambda: np.ones(len(FEATURES)))
    coef: np.ndarray = field(default_factory=lambda: np.zeros(len(FEATURES)))
    intercept: float = 0.0
    word_weights: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    # -- training -------------------------------------------------------
    def fit(self, articles: Sequence[Article], labels: Sequence[Sequence[bool]]) -> "Model":
        """Learn word weights and the regression; choose the threshold by cross-validation.

        Word weights used for the training features are estimated out-of-fold,
        so the regression sees them as it will on unseen articles.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold

        X, y, groups = self._oof_features(articles, labels)
        self.word_weights = fit_word_weights(
            [st for a in articles for st in (sentence_tokens(s.text) for s in a.sentences)],
            [v for lab in labels for v in lab],
            self.word_alpha,
            self.word_min_count,
        )
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        Z = (X - self.mean) / self.scale

        # threshold: pooled out-of-fold probabilities, best F1
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=self.folds).split(Z, y, groups):
            clf = LogisticRegression(C=self.C, max_iter=2000).fit(Z[tr], y[tr])
            oof[te] = clf.predict_proba(Z[te])[:, 1]
        self.threshold = best_f1_threshold(y, oof)

        clf = LogisticRegression(C=self.C, max_iter=2000).fit(Z, y)
        self.coef = clf.coef_[0].copy()
        self.intercept = float(clf.intercept_[0])
        return self

    def _oof_features(
        self, articles: Sequence[Article], labels: Sequence[Sequence[bool]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        fold_of = rng.permutation(len(articles)) % self.folds
        toks = [[sentence_tokens(s.text) for s in a.sentences] for a in articles]
        rows, ys, groups = [], [], []
        for f in range(self.folds):
            train_idx = [i for i in range(len(articles)) if fold_of[i] != f]
            ww = fit_word_weights(
                [st for i in train_idx for st in toks[i]],
                [v for i in train_idx for v in labels[i]],
                self.word_alpha,
                self.word_min_count,
            )
            for i in np.flatnonzero(fold_of == f):
                rows.append(extract(articles[i], ww, toks[i]).matrix)
                ys.extend(labels[i])
                groups.extend([i] * len(labels[i]))
        return np.vstack(rows), np.array(ys, dtype=int), np.array(groups)

    # -- inference -------------------------------------------------------
    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature log-odds contributions (sentences × features)."""
        return (X - self.mean) / self.scale * self.coef

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability that each row's sentence was machine-inserted."""
        logits = self.contributions(X).sum(axis=1) + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    # -- persistence -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "threshold": round(float(self.threshold), 6),
            "params": {"C": self.C, "word_alpha": self.word_alpha, "word_min_count": self.word_min_count, "folds": self.folds, "seed": self.seed},
            "features": list(self.features),
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "coef": [round(float(v), 8) for v in self.coef],
            "intercept": round(self.intercept, 8),
            "word_weights": dict(sorted(self.word_weights.items())),
            "metadata": self.metadata,
        }

    def save(self, path: str | Path) -> None:
        """Write the model as JSON, atomically."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str = "model") -> "Model":
        try:
            if d.get("format") != FORMAT or d.get("format_version") != FORMAT_VERSION:
                raise ModelError(f"{source}: not a kashif model (format {d.get('format')!r} v{d.get('format_version')!r})")
            features = tuple(d["features"])
            if features != FEATURES:
                raise ModelError(f"{source}: model features do not match this kashif version ({__version__})")
            params = d.get("params", {})
            m = cls(
                C=float(params.get("C", 0.5)),
                word_alpha=float(params.get("word_alpha", 1.0)),
                word_min_count=int(params.get("word_min_count", 3)),
                folds=int(params.get("folds", 5)),
                seed=int(params.get("seed", 0)),
                threshold=float(d["threshold"]),
                name=str(d["name"]),
                version=str(d["version"]),
                features=features,
                mean=np.array(d["mean"], dtype=float),
                scale=np.array(d["scale"], dtype=float),
                coef=np.array(d["coef"], dtype=float),
                intercept=float(d["intercept"]),
                word_weights={str(k): float(v) for k, v in d["word_weights"].items()},
                metadata=dict(d.get("metadata", {})),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: malformed kashif model ({type(exc).__name__}: {exc})") from None
        n = len(FEATURES)
        if not (m.mean.shape == m.scale.shape == m.coef.shape == (n,)):
            raise ModelError(f"{source}: malformed kashif model (vectors must have {n} values)")
        return m

    @classmethod
    def load(cls, path: str | Path) -> "Model":
        """Read a JSON model file (never pickle)."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ModelError(f"{path}: no such model file") from None
        except OSError as exc:
            raise ModelError(f"{path}: cannot read model ({exc.strerror})") from None
        try:
            d = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: not a JSON model file ({exc})") from None
        if not isinstance(d, dict):
            raise ModelError(f"{path}: not a kashif model")
        return cls.from_dict(d, str(path))


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability cut that maximises F1 (midpoint between neighbouring scores)."""
    order = np.argsort(-p)
    ys, ps = y[order], p[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    f1 = 2 * tp / (k + ys.sum())
    i = int(f1.argmax())
    nxt = ps[i + 1] if i + 1 < len(ps) else 0.0
    return float((ps[i] + nxt) / 2)


def corpus_hash(paths: Sequence[str | Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(str(x) for x in paths):
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def today() -> str:
    return _dt.date.today().isoformat()


_DEFAULT: Model | None = None


def default_model() -> Model:
    """The model shipped as package data, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        ref = resources.files("kashif") / "data" / "model.json"
        try:
            d = json.loads(ref.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError("the default model is missing from the kashif installation (kashif/data/model.json)") from None
        _DEFAULT = Model.from_dict(d, "default model")
    return _DEFAULT

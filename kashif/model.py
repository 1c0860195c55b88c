"""The sentence scorer: learned word weights plus a logistic regression.

Follows scikit-learn's estimator conventions (plain constructor parameters,
``fit`` returning ``self``, ``predict_proba``), but inference needs only numpy
and the saved model is plain JSON: a model file handed to kashif is data to
read, never code to run. scikit-learn is needed only to train.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .article import Article
from .errors import ModelError
from .features import FEATURES, extract, sentence_tokens
from .lexical import LexicalModel
from .output import write_atomic

#: Features the default model uses. Whether a sentence opens or closes its
#: paragraph is left out on purpose: that is all the position baseline knows,
#: and a splicer can put a sentence anywhere; dev-split F1 was the same
#: without them (docs/training.md).
DEFAULT_FEATURES: tuple[str, ...] = tuple(f for f in FEATURES if f not in {"first_in_para", "last_in_para"})

#: Operating point: the threshold maximises cross-validated F1 among those
#: whose false-positive rate on human sentences stays at or below this
#: (a guard: on the dev split the best-F1 point already sat near 4-5 %).
MAX_FPR = 0.05

FORMAT = "kashif-model"
FORMAT_VERSION = 1


#: Features the default model uses. Whether a sentence opens or closes its
#: paragraph is left out on purpose: that is all the position baseline knows,
#: and a splicer can put a sentence anywhere; dev-split F1 was the same
#: without them (docs/training.md).
DEFAULT_FEATURES: tuple[str, ...] = tuple(f for f in FEATURES if f not in {"first_in_para", "last_in_para"})

#: Operating point: the threshold maximises cross-validated F1 among those
#: whose false-positive rate on human sentences stays at or below this
#: (a guard: on the dev split the best-F1 point already sat near 4-5 %).
MAX_FPR = 0.05

FORMAT = "kashif-model"
FORMAT_VERSION = 1


@dataclass
class Model:
    """A trained (or loaded) sentence scorer."""

    C: float = 0.5
    lexical_C: float = 10.0
    folds: int = 5
    seed: int = 0
    threshold: float = 0.5
    name: str = "kashif"
    version: str = __version__
    features: tuple[str, ...] = DEFAULT_FEATURES
    mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    scale: np.ndarray = field(default_factory=lambda: np.ones(0))
    coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept: float = 0.0
    lexical: LexicalModel = field(default_factory=LexicalModel)
    metadata: dict[str, Any] = field(default_factory=dict)

    # -- training -------------------------------------------------------
    def fit(self, articles: Sequence[Article], labels: Sequence[Sequence[bool]]) -> "Model":
        """Learn the wording model and the regression; choose the threshold by cross-validation.

        The wording model's scores used as training features are estimated
        out-of-fold, so the regression sees them as it will on unseen articles.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold

        unknown = set(self.features) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features: {sorted(unknown)}")
        X, y, groups = self._oof_features(articles, labels)
        self.lexical = LexicalModel(C=self.lexical_C).fit(
            [sentence_tokens(s.text).folded for a in articles for s in a.sentences],
            [v for lab in labels for v in lab],
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
        self.threshold = best_f1_threshold(y, oof, MAX_FPR)

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
            lex = LexicalModel(C=self.lexical_C).fit(
                [st.folded for i in train_idx for st in toks[i]],
                [v for i in train_idx for v in labels[i]],
            )
            for i in np.flatnonzero(fold_of == f):
                rows.append(self.select(extract(articles[i], lex, toks[i]).matrix))
                ys.extend(labels[i])
                groups.extend([i] * len(labels[i]))
        return np.vstack(rows), np.array(ys, dtype=int), np.array(groups)

    # -- inference -------------------------------------------------------
    @property
    def _columns(self) -> np.ndarray:
        return np.array([FEATURES.index(f) for f in self.features], dtype=int)

    def select(self, X: np.ndarray) -> np.ndarray:
        """The columns of a full `FEATURES` matrix that this model uses."""
        return X[:, self._columns]

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature log-odds contributions (sentences × `FEATURES`; unused features get 0)."""
        out = np.zeros(X.shape)
        out[:, self._columns] = (self.select(X) - self.mean) / self.scale * self.coef
        return out

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability that each row's sentence (a full `FEATURES` row) was machine-inserted."""
        logits = ((self.select(X) - self.mean) / self.scale * self.coef).sum(axis=1) + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    # -- persistence -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "threshold": round(float(self.threshold), 6),
            "params": {"C": self.C, "lexical_C": self.lexical_C, "folds": self.folds, "seed": self.seed},
            "features": list(self.features),
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "coef": [round(float(v), 8) for v in self.coef],
            "intercept": round(self.intercept, 8),
            "lexical": self.lexical.to_dict(),
            "metadata": self.metadata,
        }

    def save(self, path: str | Path) -> None:
        """Write the model as JSON, atomically."""
        write_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1))

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str = "model") -> "Model":
        try:
            if d.get("format") != FORMAT or d.get("format_version") != FORMAT_VERSION:
                raise ModelError(f"{source}: not a kashif model (format {d.get('format')!r} v{d.get('format_version')!r})")
            features = tuple(d["features"])
            if not features or set(features) - set(FEATURES):
                raise ModelError(f"{source}: model uses features this kashif version ({__version__}) does not compute")
            params = d.get("params", {})
            m = cls(
                C=float(params.get("C", 0.5)),
                lexical_C=float(params.get("lexical_C", 10.0)),
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
                lexical=LexicalModel.from_dict(d["lexical"]),
                metadata=dict(d.get("metadata", {})),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: malformed kashif model ({type(exc).__name__}: {exc})") from None
        n = len(features)
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


def best_f1_threshold(y: np.ndarray, p: np.ndarray, max_fpr: float = 1.0) -> float:
    """The probability cut that maximises F1 with FPR at most ``max_fpr`` (midpoint between scores)."""
    order = np.argsort(-p, kind="mergesort")
    ys, ps = y[order], p[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    k = np.arange(1, len(ys) + 1)
    f1 = 2 * tp / (k + ys.sum())
    f1[fp > max_fpr * max((1 - ys).sum(), 1)] = -1.0
    i = int(f1.argmax())
    nxt = ps[i + 1] if i + 1 < len(ps) else 0.0
    return float((ps[i] + nxt) / 2)


def corpus_hash(paths: Sequence[str | Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(str(x) for x in paths):
        h.update(Path(p).read_bytes())
    return h.hexdigest()


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

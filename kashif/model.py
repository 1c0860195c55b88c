"""The sentence scorer: learned word weights, a logistic regression, and a
second look at each sentence's neighbours.

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
#: whose false-positive rate on human sentences stays at or below this. 3 %
#: is the rate the project set as acceptable to editors; on the dev split it
#: also gave the better F1 (0.846 against 0.844 with a 5 % cap).
MAX_FPR = 0.03

FORMAT = "kashif-model"
#: 2 added the neighbour stage; version-1 files (no such stage) still load.
FORMAT_VERSION = 2
_READABLE_VERSIONS = (1, 2)

#: What the neighbour stage adds to a sentence's own first-stage logit: the
#: first-stage probabilities of the sentences before and after it. A splicer
#: puts a sentence among reporting, rarely two side by side, so a sentence
#: that stands out from both neighbours is likelier spliced than one in a run
#: of commentary-like human background (dev F1 +0.01, AUROC 0.971 -> 0.974).
NEIGHBOURS: tuple[str, ...] = ("prev_score", "next_score")
#: Regularisation of the neighbour stage: three inputs and thousands of
#: sentences need next to none; dev F1 was the same for 0.1 to 10.
NEIGHBOUR_C = 1.0
#: Names of the columns of `Model.contributions`.
CONTRIBUTORS: tuple[str, ...] = FEATURES + NEIGHBOURS


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def neighbour_columns(logits: np.ndarray) -> np.ndarray:
    """First-stage probabilities of each sentence's previous and next sentence.

    NaN where there is none (first and last sentence): the caller fills in the
    training mean, so a missing neighbour counts as a typical one and an
    article's ends gain nothing from having only one neighbour.
    """
    p = _sigmoid(np.asarray(logits, dtype=float))
    return np.c_[np.r_[np.nan, p[:-1]], np.r_[p[1:], np.nan]] if len(p) else np.zeros((0, 2))


def _centred(nb: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Neighbour columns minus their training mean; a missing neighbour is 0."""
    return np.nan_to_num(nb - mean, nan=0.0)


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
    #: neighbour stage: logit = own * first-stage logit + prev/next weights · (neighbours - their mean) + bias;
    #: empty for version-1 models, which use the first stage alone
    neighbour_coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    neighbour_mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    neighbour_intercept: float = 0.0
    lexical: LexicalModel = field(default_factory=LexicalModel)
    metadata: dict[str, Any] = field(default_factory=dict)

    # -- training -------------------------------------------------------
    def fit(self, articles: Sequence[Article], labels: Sequence[Sequence[bool]]) -> "Model":
        """Learn the wording model, the regression and the neighbour stage;
        choose the threshold by cross-validation.

        The wording model's scores used as training features, and the
        first-stage scores the neighbour stage learns from, are estimated
        out-of-fold, so each stage sees its inputs as it will on unseen articles.
        """
        from sklearn.linear_model import LogisticRegression

        unknown = set(self.features) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features: {sorted(unknown)}")
        X, y, groups, fold_of = self._oof_features(articles, labels)
        self.lexical = LexicalModel(C=self.lexical_C).fit(
            [sentence_tokens(s.text).folded for a in articles for s in a.sentences],
            [v for lab in labels for v in lab],
        )
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        Z = (X - self.mean) / self.scale

        # the same article folds as the wording model's out-of-fold scores
        row_fold = fold_of[groups]
        folds = [(np.flatnonzero(row_fold != f), np.flatnonzero(row_fold == f)) for f in range(self.folds)]
        first = np.zeros(len(y))  # out-of-fold first-stage logits
        for tr, te in folds:
            first[te] = LogisticRegression(C=self.C, max_iter=2000).fit(Z[tr], y[tr]).decision_function(Z[te])
        # neighbours within each article: _oof_features emits an article's rows together
        bounds = np.flatnonzero(np.diff(groups)) + 1
        assert len(bounds) == len(np.unique(groups)) - 1, "rows of an article must be contiguous"
        nb = np.vstack([neighbour_columns(chunk) for chunk in np.split(first, bounds)])
        self.neighbour_mean = np.nanmean(nb, axis=0)
        S = np.c_[first, _centred(nb, self.neighbour_mean)]

        # threshold: pooled out-of-fold probabilities of the whole model, best F1
        oof = np.zeros(len(y))
        for tr, te in folds:
            oof[te] = LogisticRegression(C=NEIGHBOUR_C, max_iter=2000).fit(S[tr], y[tr]).predict_proba(S[te])[:, 1]
        self.threshold = best_f1_threshold(y, oof, MAX_FPR)

        clf = LogisticRegression(C=self.C, max_iter=2000).fit(Z, y)
        self.coef = clf.coef_[0].copy()
        self.intercept = float(clf.intercept_[0])
        second = LogisticRegression(C=NEIGHBOUR_C, max_iter=2000).fit(S, y)
        self.neighbour_coef = second.coef_[0].copy()
        self.neighbour_intercept = float(second.intercept_[0])
        return self

    def _oof_features(
        self, articles: Sequence[Article], labels: Sequence[Sequence[bool]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Feature rows with out-of-fold wording scores, labels, each row's article, each article's fold."""
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
        return np.vstack(rows), np.array(ys, dtype=int), np.array(groups), fold_of

    # -- inference -------------------------------------------------------
    @property
    def _columns(self) -> np.ndarray:
        return np.array([FEATURES.index(f) for f in self.features], dtype=int)

    def select(self, X: np.ndarray) -> np.ndarray:
        """The columns of a full `FEATURES` matrix that this model uses."""
        return X[:, self._columns]

    def _first_stage(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-feature log-odds of the first stage, and its logit per sentence."""
        own = (self.select(X) - self.mean) / self.scale * self.coef
        return own, own.sum(axis=1) + self.intercept

    def _neighbour_terms(self, first: np.ndarray) -> np.ndarray:
        """The neighbour stage's log-odds from each sentence's previous and next sentence."""
        return _centred(neighbour_columns(first), self.neighbour_mean) * self.neighbour_coef[1:]

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Log-odds contributions of one article's sentences (rows of ``X`` in
        reading order) to their final score: sentences × `CONTRIBUTORS`,
        unused features 0. They sum, with an intercept, to the score's logit."""
        own, first = self._first_stage(X)
        out = np.zeros((len(X), len(CONTRIBUTORS)))
        if not self.neighbour_coef.size:
            out[:, self._columns] = own
            return out
        out[:, self._columns] = own * self.neighbour_coef[0]
        out[:, len(FEATURES) :] = self._neighbour_terms(first)
        return out

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability that each sentence was machine-inserted, for one article's
        full `FEATURES` matrix with its sentences in reading order (the neighbour
        stage looks at the rows either side)."""
        _, first = self._first_stage(X)
        if not self.neighbour_coef.size:
            return _sigmoid(first)
        return _sigmoid(self.neighbour_coef[0] * first + self._neighbour_terms(first).sum(axis=1) + self.neighbour_intercept)

    # -- persistence -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION if self.neighbour_coef.size else 1,
            "name": self.name,
            "version": self.version,
            "threshold": round(float(self.threshold), 6),
            "params": {"C": self.C, "lexical_C": self.lexical_C, "folds": self.folds, "seed": self.seed},
            "features": list(self.features),
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "coef": [round(float(v), 8) for v in self.coef],
            "intercept": round(self.intercept, 8),
        }
        if self.neighbour_coef.size:
            d["neighbours"] = {
                "columns": list(NEIGHBOURS),
                "coef": [round(float(v), 8) for v in self.neighbour_coef],
                "mean": [round(float(v), 8) for v in self.neighbour_mean],
                "intercept": round(self.neighbour_intercept, 8),
            }
        return d | {"lexical": self.lexical.to_dict(), "metadata": self.metadata}

    def save(self, path: str | Path) -> None:
        """Write the model as JSON, atomically."""
        write_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1))

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str = "model") -> "Model":
        try:
            version = d.get("format_version")
            if d.get("format") != FORMAT or type(version) is not int or version not in _READABLE_VERSIONS:
                raise ModelError(f"{source}: not a kashif model (format {d.get('format')!r} v{d.get('format_version')!r})")
            features = tuple(d["features"])
            if not features or set(features) - set(FEATURES):
                raise ModelError(f"{source}: model uses features this kashif version ({__version__}) does not compute")
            params = d.get("params", {})
            nbr = d.get("neighbours") if version >= 2 else {"columns": list(NEIGHBOURS), "coef": [], "mean": [], "intercept": 0.0}
            if not isinstance(nbr, dict):
                raise ModelError(f"{source}: format {version} needs a 'neighbours' object")
            if nbr.get("columns") != list(NEIGHBOURS):
                raise ModelError(f"{source}: neighbour stage has columns {nbr.get('columns')!r}, this kashif computes {list(NEIGHBOURS)}")
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
                neighbour_coef=np.array(nbr["coef"], dtype=float),
                neighbour_mean=np.array(nbr["mean"], dtype=float),
                neighbour_intercept=float(nbr["intercept"]),
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
        k = len(NEIGHBOURS)
        if version >= 2 and not (m.neighbour_coef.shape == (k + 1,) and m.neighbour_mean.shape == (k,)):
            raise ModelError(f"{source}: malformed kashif model (neighbour stage must have {k + 1} weights and {k} means)")
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

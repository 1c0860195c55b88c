"""Training the default detector from gold articles, reproducibly."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import read_gold
from .errors import InputError
from .model import Model, corpus_hash

#: The regularisation chosen on the dev split (see docs/detector.md).
DEFAULT_C = 0.5

#: Cross-validation needs a few articles per fold, and fewer is no model.
MIN_ARTICLES = 10


def _build_date() -> str:
    """Today, or SOURCE_DATE_EPOCH's date, so a rebuild can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def train(paths: Sequence[str | Path], *, name: str = "kashif", seed: int = 0, C: float | None = None) -> Model:
    gold = read_gold(paths)
    model = Model(C=DEFAULT_C if C is None else C, seed=seed, name=name)
    if len(gold) < MIN_ARTICLES:
        raise InputError(f"training needs at least {MIN_ARTICLES} gold articles, got {len(gold)}")
    labels = [g.labels() for g in gold]
    n_ins = sum(map(sum, labels))
    if n_ins < model.folds or sum(map(len, labels)) - n_ins < model.folds:
        raise InputError(f"training data needs at least {model.folds} inserted and {model.folds} human sentences")
    model.fit([g.article for g in gold], labels)
    model.metadata = {
        "trained": _build_date(),
        "kashif_version": __version__,
        "training_data": [Path(p).name for p in paths],
        "training_data_sha256": corpus_hash([f for p in paths for f in (sorted(Path(p).glob("*.txt")) if Path(p).is_dir() else [p])]),
        "articles": len(gold),
        "sentences": sum(map(len, labels)),
        "inserted": n_ins,
    }
    return model

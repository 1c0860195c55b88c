"""Training the default detector from gold articles, reproducibly."""

from __future__ import annotations

import os
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import read_gold
from .errors import InputError
from .model import Model, corpus_hash

#: The regularisation chosen on the dev split (see docs/training.md).
DEFAULT_C = 0.5


def _build_date() -> str:
    """Today, or SOURCE_DATE_EPOCH's date, so a rebuild can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def train(paths: Sequence[str | Path], *, name: str = "kashif", seed: int = 0, C: float | None = None) -> Model:
    gold = read_gold(paths)
    if not gold:
        raise InputError("no gold articles in the training data")
    labels = [g.labels() for g in gold]
    n_ins = sum(map(sum, labels))
    if n_ins == 0 or n_ins == sum(map(len, labels)):
        raise InputError("training data needs both inserted and human sentences")
    model = Model(C=DEFAULT_C if C is None else C, seed=seed, name=name)
    model.fit([g.article for g in gold], labels)
    model.metadata = {
        "trained": _build_date(),
        "kashif_version": __version__,
        "training_data": [Path(p).name for p in paths],
        "training_data_sha256": corpus_hash([p for p in paths if Path(p).is_file()]),
        "articles": len(gold),
        "sentences": sum(map(len, labels)),
        "inserted": n_ins,
    }
    return model

from __future__ import annotations

import json

import numpy as np
import pytest

from kashif.errors import ModelError
from kashif.features import FEATURES
from kashif.model import Model, best_f1_threshold, default_model


def test_default_model_round_trips_through_json(tmp_path):
    m = default_model()
    path = tmp_path / "m.json"
    m.save(path)
    again = Model.load(path)
    X = np.random.default_rng(0).normal(size=(5, len(FEATURES)))
    assert np.allclose(m.predict_proba(X), again.predict_proba(X))
    assert again.threshold == pytest.approx(m.threshold)
    assert json.loads(path.read_text())["format"] == "kashif-model"


@pytest.mark.parametrize(
    "content,needle",
    [
        (b"\x80\x04\x95pickle", "not a JSON model"),
        (b"[1, 2]", "not a kashif model"),
        (b'{"format": "kashif-model", "format_version": 1}', "malformed"),
        (b'{"format": "kashif-model", "format_version": 1, "features": ["nope"]}', "does not compute"),
    ],
)
def test_bad_model_files_are_refused(tmp_path, content, needle):
    path = tmp_path / "m.json"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=needle):
        Model.load(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="no such model"):
        Model.load(tmp_path / "none.json")


def test_best_f1_threshold_separates_a_clean_split():
    y = np.array([1, 1, 0, 0, 0])
    p = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    t = best_f1_threshold(y, p)
    assert 0.3 < t < 0.8


def test_best_f1_threshold_respects_the_fpr_cap():
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    p = np.array([0.9, 0.8, 0.7, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1])
    assert best_f1_threshold(y, p) < 0.7  # best F1 takes the 0.8 false positive
    assert best_f1_threshold(y, p, max_fpr=0.0) > 0.8  # no false positive allowed

from __future__ import annotations

import json

import numpy as np
import pytest

from kashif.errors import ModelError
from kashif.features import FEATURES
from kashif.article import segment
from kashif.features import extract
from kashif.model import NEIGHBOURS, Model, best_f1_threshold, default_model, neighbour_columns


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
        (b'{"format": "kashif-model", "format_version": 2.0}', "not a kashif model"),
        (b'{"format": "kashif-model", "format_version": 3}', "not a kashif model"),
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


def _shipped() -> dict:
    return json.loads(json.dumps(default_model().to_dict()))


def test_the_shipped_model_has_a_neighbour_stage():
    d = _shipped()
    assert d["format_version"] == 2 and d["neighbours"]["columns"] == list(NEIGHBOURS)


@pytest.mark.parametrize(
    "change,needle",
    [
        (lambda d: d.pop("neighbours"), "needs a 'neighbours' object"),
        (lambda d: d["neighbours"].update(columns=["next_score", "prev_score"]), "neighbour stage has columns"),
        (lambda d: d["neighbours"].update(coef=[1.0, 2.0]), "neighbour stage must have 3 weights"),
        (lambda d: d["neighbours"].update(mean="x"), "malformed"),
    ],
)
def test_malformed_neighbour_stages_are_refused(tmp_path, change, needle):
    d = _shipped()
    change(d)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(d))
    with pytest.raises(ModelError, match=needle):
        Model.load(path)


def test_a_version_1_model_still_loads_scores_with_its_first_stage_and_saves_as_version_1(tmp_path):
    d = _shipped()
    del d["neighbours"]
    d["format_version"] = 1
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(d))
    m = Model.load(path)
    X = extract(segment(ARTICLE), m.lexical).matrix
    own = ((m.select(X) - m.mean) / m.scale * m.coef).sum(axis=1) + m.intercept
    assert np.allclose(m.predict_proba(X), 1 / (1 + np.exp(-own)))
    m.save(tmp_path / "again.json")
    again = json.loads((tmp_path / "again.json").read_text())
    assert again["format_version"] == 1 and "neighbours" not in again


ARTICLE = (
    "عنوان\n\n"
    "أعلنت وزارة الصحة الأحد تسجيل 12 إصابة جديدة بالكوليرا في محافظة البصرة. "
    "وقال مدير الصحة في المحافظة إن المصابين نقلوا إلى مستشفى الصدر التعليمي. "
    "ويعكس ذلك هشاشة البنية التحتية التي تعانيها المحافظة منذ سنوات. "
    "وأضاف أن فرق الرقابة أخذت عينات من شبكات المياه في ثلاثة أحياء."
)


def test_contributions_sum_to_the_score():
    m = default_model()
    X = extract(segment(ARTICLE), m.lexical).matrix
    c = m.contributions(X)
    first = ((m.select(X) - m.mean) / m.scale * m.coef).sum(axis=1) + m.intercept
    bias = m.neighbour_coef[0] * m.intercept + m.neighbour_intercept
    assert np.allclose(c.sum(axis=1) + bias, np.log(m.predict_proba(X) / (1 - m.predict_proba(X))))
    assert np.allclose(c[:, -len(NEIGHBOURS) :] / m.neighbour_coef[1:], np.nan_to_num(neighbour_columns(first) - m.neighbour_mean))


def test_missing_neighbours_count_as_typical_ones():
    m = default_model()
    X = extract(segment(ARTICLE), m.lexical).matrix
    c = m.contributions(X)
    assert c[0, -2] == 0.0 and c[-1, -1] == 0.0  # no sentence before the first, none after the last
    one = extract(segment("عنوان\n\nأعلنت وزارة الصحة الأحد تسجيل 12 إصابة جديدة بالكوليرا في محافظة البصرة."), m.lexical).matrix
    assert np.all(m.contributions(one)[:, -2:] == 0.0) and m.predict_proba(one).shape == (1,)

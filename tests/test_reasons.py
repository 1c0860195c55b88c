"""Reasons name the evidence that pushed a sentence's score up, in English or Arabic."""

from __future__ import annotations

import numpy as np
import pytest

from kashif.article import segment
from kashif.features import FEATURES, extract
from kashif.model import CONTRIBUTORS
from kashif.reasons import _FAMILY, LANGS, explain

#: families whose reason quotes evidence and is skipped when the sentence has none
QUOTING = {"opener", "commentary", "vague_source"}

TEXT = (
    "وزير المالية يعلن خطة جديدة\n\n"
    "قال وزير المالية إن الحكومة ستطرح الخطة في الربع الأول من العام المقبل. "
    "وفي ظل هذه التطورات، يرى مراقبون أن الخطوة تعكس تحولا لافتا في السياسة المالية. "
    "وأضاف أن الخطة تشمل خفض الدعم تدريجيا."
)


def contributions(**by_feature: float) -> np.ndarray:
    row = np.zeros(len(CONTRIBUTORS))
    for name, value in by_feature.items():
        row[CONTRIBUTORS.index(name)] = value
    return row


@pytest.fixture(scope="module")
def feats():
    return extract(segment(TEXT))


def test_reasons_follow_the_largest_contributions(feats):
    reasons = explain(contributions(opener=2.0, vague_source=1.0), feats, 1)
    assert reasons[0] == "opens with the commentary connective «وفي ظل»"
    assert reasons[1].startswith("cites unnamed sources: «مراقبون»")


def test_interruption_names_the_sentence_that_carries_on(feats):
    assert feats.matrix[1, FEATURES.index("interrupts")] == 1.0
    (reason,) = explain(contributions(interrupts=1.5), feats, 1)
    assert "sentence 3" in reason
    (arabic,) = explain(contributions(interrupts=1.5), feats, 1, lang="ar")
    assert "الجملة 3" in arabic


def test_small_contributions_fall_back_to_a_general_reason(feats):
    assert explain(contributions(opener=0.01), feats, 1) == ["its overall profile resembles spliced sentences"]


def test_position_is_dropped_when_anything_else_explains(feats):
    reasons = explain(contributions(alone_in_para=3.0, opinion=0.5), feats, 1)
    assert reasons == ["speaks in opinion or expectation, not in reported fact"]


def test_neighbours_explain_as_standing_out_after_what_the_sentence_shows(feats):
    (reason,) = explain(contributions(prev_score=1.0, next_score=1.0), feats, 1)
    assert reason.startswith("stands out from the sentences next to it")
    reasons = explain(contributions(prev_score=3.0, next_score=3.0, opinion=0.5), feats, 1)
    assert reasons == ["speaks in opinion or expectation, not in reported fact", reason]


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_reason(lang, feats):
    fallback = explain(contributions(), feats, 1, lang=lang)
    for name in CONTRIBUTORS:
        out = explain(contributions(**{name: 2.0}), feats, 1, lang=lang)
        if name in _FAMILY and name not in QUOTING:
            assert out != fallback, f"{name} has no {lang} reason of its own"
        assert out and all(isinstance(r, str) and r for r in out)

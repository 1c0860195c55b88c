"""Sentence features are computed against the whole article and mean what they say."""

from __future__ import annotations

import numpy as np

from kashif.article import segment
from kashif.features import FEATURES, extract


def column(text: str, name: str) -> list[float]:
    return extract(segment(text)).matrix[:, FEATURES.index(name)].tolist()


def test_a_sentence_between_a_speaker_and_their_continuation_interrupts():
    text = (
        "وزير المالية يعلن خطة جديدة\n\n"
        "قال وزير المالية إن الحكومة ستطرح الخطة في الربع الأول. "
        "وتعاني البلاد منذ سنوات من عجز متواصل في الموازنة. "
        "وأضاف أن الخطة تشمل خفض الدعم تدريجيا. "
        "وتابع: «لن نمس رواتب الموظفين». "
        "وقال مسؤول آخر إن المشاورات مستمرة."
    )
    # 1 sits between the minister and "وأضاف أن"; 2 is the minister's own words,
    # so "وتابع:" after it is no interruption; the last has no next sentence.
    assert column(text, "interrupts") == [0.0, 1.0, 0.0, 0.0, 0.0]


def test_a_named_new_speaker_is_not_a_continuation():
    text = (
        "وزير المالية يعلن خطة جديدة\n\n"
        "قال وزير المالية إن الحكومة ستطرح الخطة في الربع الأول. "
        "وتعاني البلاد منذ سنوات من عجز متواصل في الموازنة. "
        "وأضاف رئيس الوزراء أن الخطة تشمل خفض الدعم تدريجيا."
    )
    assert column(text, "interrupts") == [0.0, 0.0, 0.0]


def test_interruption_needs_a_speaker_before_and_no_voice_of_its_own():
    head = "وزير المالية يعلن خطة جديدة\n\n"
    plain = "افتتحت الحكومة مصنعا جديدا في المنطقة الصناعية. "
    speaker = "قال وزير المالية إن الحكومة ستطرح الخطة في الربع الأول. "
    go_on = "وأضاف أن الخطة تشمل خفض الدعم تدريجيا."
    # nobody spoke before, so nobody is interrupted
    assert column(head + plain + "وتعاني البلاد من عجز متواصل. " + go_on, "interrupts") == [0.0, 0.0, 0.0]
    # a quotation between the speaker and the continuation is the speaker's own
    assert column(head + speaker + "«لن نمس رواتب الموظفين». " + go_on, "interrupts") == [0.0, 0.0, 0.0]
    # "بين" is a preposition here, not the verb "بيّن": the sentence still speaks for no one
    between = "وتتراوح نسبة العجز بين 4 و5 في المئة من الناتج المحلي. "
    assert column(head + speaker + between + go_on, "interrupts") == [0.0, 1.0, 0.0]


def test_new_specifics_count_only_what_the_rest_of_the_article_lacks():
    text = (
        "عنوان\n\n"
        "زار وفد من وزارة الزراعة محافظة الشرقية يوم الثلاثاء. "
        "وتفقد الوفد مزارع محافظة الشرقية. "
        "وأعلنت شركة قرطاج للأسمدة توريد 4500 طن."
    )
    new = column(text, "new_specific")
    assert new[2] > new[1]


def test_features_of_an_empty_body_are_an_empty_matrix():
    feats = extract(segment("عنوان فقط"))
    assert feats.matrix.shape[1] == len(FEATURES)
    assert np.isfinite(feats.matrix).all()


def test_restating_a_neighbour_shows_in_similarity():
    text = (
        "عنوان\n\n"
        "ارتفعت أسعار الخبز في العاصمة بنسبة 20 في المئة خلال أسبوع. "
        "وقال تجار إن أسعار الطحين المستورد زادت. "
        "وتشهد أسعار الخبز في العاصمة ارتفاعا ملحوظا خلال الأسبوع."
    )
    X = extract(segment(text)).matrix
    assert X[2, FEATURES.index("max_sim")] > X[1, FEATURES.index("max_sim")]


def test_pairwise_overlaps_equal_the_matrix_product_they_replace():
    from kashif.features import _overlaps

    rng = np.random.default_rng(1)
    for _ in range(100):
        n, vocab = int(rng.integers(1, 40)), int(rng.integers(1, 300))
        columns = [sorted(set(rng.integers(0, vocab, size=int(rng.integers(0, 12))).tolist())) for _ in range(n)]
        incidence = np.zeros((n, vocab), dtype=np.float32)
        for i, cols in enumerate(columns):
            incidence[i, cols] = 1.0
        assert np.array_equal(_overlaps(incidence, columns), incidence @ incidence.T)


def test_quoted_wording_evidence_leaves_out_everyday_words():
    from kashif.model import default_model
    from kashif.wordfreqs import zipf

    model = default_model()
    text = "عنوان\n\nوفي ظل هذه التطورات، يمثل القرار خطوة استراتيجية نحو مواجهة التحديات المتزايدة."
    feats = extract(segment(text), model.lexical)
    words = feats.top_words(0)
    assert words and "ظل" not in words and "نحو" not in words
    assert all(zipf(w) < 5.0 for w in words)

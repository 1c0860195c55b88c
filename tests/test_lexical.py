from __future__ import annotations

import pytest

from kashif.features_text import NGRAM_RANGE, char_ngrams, opener_token
from kashif.lexical import LexicalModel


@pytest.mark.parametrize("doc", ["ويعكس هذا التصعيد", "ab", "a", "المتنامية ^وتاتي_هذه", "x 12.5 y"])
def test_char_ngrams_match_scikit_learn(doc):
    from sklearn.feature_extraction.text import CountVectorizer

    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=False).build_analyzer()
    ours = [g for w in doc.split() for g in char_ngrams(w)]
    assert ours == analyzer(doc)


def test_lexical_model_learns_wording_and_round_trips():
    inserted = [["ويعكس", "هذا", "التصعيد", "مخاوف"], ["ويعكس", "القرار", "مخاوف", "متزايده"], ["وتعكس", "الخطوه", "مخاوف", "جديه"]]
    human = [["اعلن", "الوزير", "الميزانيه"], ["اعلن", "المدير", "الخطه", "الجديده"], ["قال", "الرئيس", "ان", "الموعد", "تحدد"]]
    m = LexicalModel(C=10.0).fit(inserted + human, [True] * 3 + [False] * 3)
    assert m.score(["ويعكس", "الاعلان", "مخاوف"]) > 0 > m.score(["اعلن", "الوزير", "الموعد"])
    again = LexicalModel.from_dict(m.to_dict())
    assert again.score(["ويعكس", "مخاوف"]) == pytest.approx(m.score(["ويعكس", "مخاوف"]), abs=1e-3)
    assert opener_token(["ويعكس", "هذا", "التصعيد"]) == "^ويعكس_هذا"

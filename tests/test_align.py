"""Sentence alignment: republishing noise is `same`, new sentences are `inserted`."""

import pytest

from conftest import corpus_files
from kashif import perturb as P
from kashif.align import words
from kashif.comparison import compare
from kashif.corpus import GoldArticle, GoldSpan, read_jsonl

ORIGINAL = (
    "الحكومة تقر خطة جديدة للنقل العام\n\n"
    "أقرّت الحكومة، الأحد، خطة لتطوير شبكة النقل العام في العاصمة بكلفة 120 مليون دينار. "
    "وقال وزير النقل في مؤتمر صحافي إن الخطة تشمل شراء حافلات جديدة وإنشاء خطوط سريعة.\n\n"
    "وأوضح الوزير أن التنفيذ يبدأ مطلع العام المقبل، على أن ينتهي خلال ثلاث سنوات. "
    "وانتقدت المعارضة الخطة، معتبرة أنها لا تعالج أزمة الازدحام في الأحياء الشعبية."
)


def test_words_fold_variants_and_keep_exact_offsets():
    text = "أعلنَ مكتبُ الأمم ـــ المتحدة ١٦٠ «أمس»."
    w = words(text)
    assert w.forms == ("اعلن", "مكتب", "الامم", "المتحده", "160", "امس")
    assert [text[a:b] for a, b in w.spans] == ["أعلنَ", "مكتبُ", "الأمم", "المتحدة", "١٦٠", "أمس"]


def test_identical_article_is_all_same():
    c = compare(ORIGINAL, ORIGINAL)
    assert [s.status for s in c.sentences] == ["same"] * 4
    assert c.deleted == [] and c.flagged == []
    assert all(s.score == 0.0 and s.diff is None for s in c.sentences)


def test_a_sentence_borrowing_a_phrase_of_a_reproduced_sentence_is_inserted_but_a_split_half_is_not():
    borrowed = "برفقة مسؤولين في شبكة النقل العام في العاصمة."
    suspect = ORIGINAL.replace("مليون دينار. ", "مليون دينار. " + borrowed + " ", 1)
    assert [s.status for s in compare(suspect, ORIGINAL).sentences] == ["same", "inserted", "same", "same", "same"]
    # the same words as half of a split original sentence stay the original's
    split = ORIGINAL.replace("في العاصمة بكلفة", "في العاصمة. بكلفة", 1)
    statuses = [s.status for s in compare(split, ORIGINAL).sentences]
    assert "inserted" not in statuses and len(statuses) == 5


def test_spelling_digits_quotes_and_diacritics_are_same():
    suspect = (
        ORIGINAL.replace("أقرّت", "اقرت").replace("الحكومة،", "الحكومه,").replace("120", "١٢٠")
        .replace("الكبرى", "الكبري").replace("ثلاث", "ثَلاث").replace("النقل", "النـــقل").replace("إن", "ان")
    )
    assert [s.status for s in compare(suspect, ORIGINAL).sentences] == ["same"] * 4


def test_reordered_and_reflowed_paragraphs_are_same():
    title, p1, p2 = ORIGINAL.split("\n\n")
    s1, s2 = p1.split(". ", 1)
    suspect = "\n\n".join([title, p2, s1 + ".", s2])
    c = compare(suspect, ORIGINAL)
    assert [s.status for s in c.sentences] == ["same"] * 4
    assert c.sentences[0].original[0] == ORIGINAL.index("وأوضح")


def test_split_and_merged_sentences_are_same_and_say_so():
    suspect = ORIGINAL.replace("المقبل، على أن", "المقبل. على أن").replace("دينار. وقال", "دينار، وقال")
    c = compare(suspect, ORIGINAL)
    assert [s.status for s in c.sentences] == ["same"] * 4
    assert c.sentences[0].reasons == ["joins 2 sentences of the original"]
    assert c.sentences[1].reasons == ["part of a longer sentence of the original"]
    assert c.deleted == []


def test_changed_word_is_modified_with_a_word_diff():
    suspect = ORIGINAL.replace("حافلات جديدة", "حافلات كهربائية")
    c = compare(suspect, ORIGINAL)
    s = c.sentences[1]
    assert s.status == "modified" and not s.inserted and 0 < s.score < 0.5
    changes = [d for d in s.diff if d.op != "equal"]
    assert [(d.op, d.suspect, d.original) for d in changes] == [("replace", "كهربائية", "جديدة")]
    assert "".join(d.suspect for d in s.diff if d.suspect).replace(" ", "") in s.text.replace(" ", "")
    assert s.reasons == ["changed from the original: 1 word differs"]


def test_inserted_and_deleted_sentences():
    new = "ويرى مراقبون أن هذه الخطة تمثل تحولا جذريا في سياسات الدولة تجاه المواطنين."
    suspect = ORIGINAL.replace("وانتقدت المعارضة الخطة، معتبرة أنها لا تعالج أزمة الازدحام في الأحياء الشعبية.", new)
    c = compare(suspect, ORIGINAL)
    assert [s.status for s in c.sentences] == ["same", "same", "same", "inserted"]
    last = c.sentences[-1]
    assert last.inserted and last.score == 1.0 and last.reasons == ["not in the original"] and last.original is None
    assert [d.text for d in c.deleted] == ["وانتقدت المعارضة الخطة، معتبرة أنها لا تعالج أزمة الازدحام في الأحياء الشعبية."]
    assert compare(suspect, ORIGINAL, lang="ar").sentences[-1].reasons == ["غير موجودة في الأصل"]


def _gold_articles():
    return [g for f in corpus_files() for g in read_jsonl(f)]


@pytest.mark.parametrize("seed", [0, 1])
def test_corpus_with_all_perturbations_every_splice_is_inserted_and_nothing_else(seed):
    """The issue's acceptance check, on every corpus article with every perturbation."""
    wrong = []
    articles = _gold_articles()
    assert len(articles) >= 100
    for g in articles:
        doc = P.from_gold(g)
        text, spans = P.render(P.perturb(doc, seed))
        truth = GoldArticle(g.id, text, [GoldSpan(a, b) for a, b in spans]).labels()
        got = compare(text, P.original(doc))
        assert len(got.sentences) == len(truth)
        wrong += [(g.id, s.text[:60]) for s, t in zip(got.sentences, truth) if s.inserted != t]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(P.PERTURBATIONS))
def test_each_perturbation_alone_leaves_original_sentences_unflagged(name):
    for g in _gold_articles()[:40]:
        doc = P.from_gold(g)
        text, spans = P.render(P.perturb(doc, 3, [name]))
        truth = GoldArticle(g.id, text, [GoldSpan(a, b) for a, b in spans]).labels()
        got = compare(text, P.original(doc))
        assert [s.inserted for s in got.sentences] == truth, (name, g.id)
        if name not in ("change_word",):
            assert all(s.status != "modified" for s in got.sentences), (name, g.id)
        assert got.deleted == []

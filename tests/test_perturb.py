import random

import pytest

from conftest import corpus_files
from kashif import perturb as P
from kashif.corpus import read_jsonl


@pytest.fixture(scope="module")
def gold():
    return next(read_jsonl(corpus_files()[0]))


def test_render_and_original_round_trip(gold):
    doc = P.from_gold(gold)
    text, spans = P.render(doc)
    assert text == gold.text
    assert spans == [(s.start, s.end) for s in gold.spans]
    orig = P.original(doc)
    for a, b in spans:
        assert text[a:b] not in orig


def test_perturb_is_reproducible_and_keeps_inserted_sentences_marked(gold):
    doc = P.from_gold(gold)
    a, b = P.perturb(doc, 7), P.perturb(doc, 7)
    assert a == b
    assert P.render(a)[0] != P.render(doc)[0]
    inserted = sum(p.inserted for para in doc.paragraphs for p in para)
    assert sum(p.inserted for para in a.paragraphs for p in para) >= inserted


@pytest.mark.parametrize("name", sorted(P.PERTURBATIONS))
def test_each_perturbation_changes_something(name):
    articles = [g for _, g in zip(range(20), read_jsonl(corpus_files()[0]))]
    changed = any(P.render(P.PERTURBATIONS[name](P.from_gold(g), random.Random(1)))[0] != g.text for g in articles)
    assert changed, name


def test_unknown_perturbation_is_refused(gold):
    with pytest.raises(ValueError, match="unknown"):
        P.perturb(P.from_gold(gold), names=["shuffle_letters"])


def test_recombine_makes_distinct_articles():
    sents = [f"قال المسؤول رقم {i} إن الوضع مستقر في المنطقة." for i in range(50)]
    arts = list(P.recombine(sents, 20, seed=1, mutate=0.3))
    assert len(arts) == 20 and len({t for _, t in arts}) == 20

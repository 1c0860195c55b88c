"""`check`: the right original is found first among 10,000 others, and compared."""

import json

import pytest

from conftest import corpus_files
from kashif import check, detect
from kashif import perturb as P
from kashif.archive import Archive, Record
from kashif.corpus import GoldArticle, GoldSpan, read_jsonl

#: Archive filler: the issue's figure. Built from the corpus's own sentences,
#: so many distractors share whole sentences with the article being checked.
OTHERS = 10_000


@pytest.fixture(scope="module")
def corpus():
    return [g for f in corpus_files() for g in read_jsonl(f)]


@pytest.fixture(scope="module")
def archive(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("archive") / "archive.db"
    originals = []
    for g in corpus:
        title, _, body = P.original(P.from_gold(g)).partition("\n\n")
        originals.append(Record(g.id, body, url=f"https://news.test/{g.id}", title=title))
    sentences = [s.text for g in corpus for s, gold in zip(g.article.sentences, g.labels()) if not gold]
    filler = (Record(f"other-{i}", text, title=title) for i, (title, text) in enumerate(P.recombine(sentences, OTHERS, seed=11)))
    with Archive(path, create=True) as ar:
        result = ar.add([*originals, *filler])
    assert result.total == len(corpus) + OTHERS
    return path


def test_check_finds_the_original_first_and_reports_every_splice(corpus, archive):
    misses, wrong = [], []
    with Archive(archive) as ar:  # a long-lived process keeps the archive open
        for seed, g in enumerate(corpus):
            text, spans = P.render(P.perturb(P.from_gold(g), seed))
            result = check(text, ar, top_k=3)
            if result.mode != "reference" or result.source.id != g.id:
                misses.append((g.id, [(c.id, round(c.similarity, 2)) for c in result.candidates]))
                continue
            truth = GoldArticle(g.id, text, [GoldSpan(a, b) for a, b in spans]).labels()
            wrong += [(g.id, s.text[:50]) for s, t in zip(result.sentences, truth) if s.inserted != t]
    assert misses == []
    assert wrong == []


def test_check_result_carries_source_and_candidates(corpus, archive):
    g = corpus[0]
    text, _ = P.render(P.perturb(P.from_gold(g), 1))
    d = check(text, archive, top_k=4).to_dict()
    assert d["mode"] == "reference"
    assert d["source"]["id"] == g.id and d["source"]["url"] == f"https://news.test/{g.id}"
    assert d["source"]["similarity"] >= 0.5
    assert len(d["candidates"]) == 4 and d["candidates"][0] == d["source"]
    sims = [c["similarity"] for c in d["candidates"]]
    assert sims == sorted(sims, reverse=True)
    json.dumps(d)


def test_no_source_falls_back_to_the_detector(archive):
    text = (
        "افتتحت بلدية المدينة حديقة عامة جديدة على مساحة عشرة آلاف متر مربع في الحي الشمالي.\n\n"
        "وقال رئيس البلدية إن الحديقة تضم ملاعب للأطفال ومسارات للمشي وأكثر من ألف شجرة.\n\n"
        "وأضاف أن البلدية تعتزم افتتاح حديقتين أخريين قبل نهاية العام."
    )
    result = check(text, archive)
    assert result.mode == "detector" and result.source is None
    assert "no source found in the archive" in result.warnings[0]
    assert check(text, archive, lang="ar").warnings[0].startswith("لم يُعثر على الأصل في الأرشيف")
    report = detect(text)
    assert [s.score for s in result.sentences] == [s.score for s in report.sentences]
    assert {s.status for s in result.sentences} <= {"inserted", "unknown"}
    assert result.to_dict()["model"] == report.to_dict()["model"]


def test_floor_above_the_best_similarity_falls_back(corpus, archive):
    text, _ = P.render(P.perturb(P.from_gold(corpus[0]), 0))
    best = check(text, archive).source.similarity
    assert best < 1.0
    assert check(text, archive, min_similarity=min(1.0, best + 0.01)).mode == "detector"


def test_fallback_uses_the_threshold_given(archive):
    text = (
        "افتتحت بلدية المدينة حديقة عامة جديدة على مساحة عشرة آلاف متر مربع في الحي الشمالي.\n\n"
        "وقال رئيس البلدية إن الحديقة تضم ملاعب للأطفال ومسارات للمشي وأكثر من ألف شجرة. "
        "وأضاف أن البلدية تعتزم افتتاح حديقتين أخريين قبل نهاية العام.\n\n"
        "وبلغت كلفة المشروع نحو مليوني دينار مولتها البلدية من ميزانيتها. "
        "واستغرقت الأشغال أربعة عشر شهرا بسبب تأخر توريد المعدات.\n\n"
        "وتفتح الحديقة أبوابها يوميا من السابعة صباحا حتى العاشرة مساء."
    )
    assert len(detect(text).sentences) >= 6  # long enough that no short-article floor applies
    everything = check(text, archive, threshold=0.0)
    assert everything.mode == "detector" and everything.threshold == 0.0
    assert {s.status for s in everything.sentences} == {"inserted"}
    assert not check(text, archive, threshold=1.0).flagged


def test_cli_threshold_reaches_the_fallback_and_is_checked(archive, tmp_path):
    from conftest import run_cli

    suspect = tmp_path / "s.txt"
    suspect.write_text(
        "عنوان خبر عن افتتاح حديقة\n\n"
        "افتتحت بلدية المدينة حديقة عامة جديدة على مساحة عشرة آلاف متر مربع في الحي الشمالي. "
        "وقال رئيس البلدية إن الحديقة تضم ملاعب للأطفال ومسارات للمشي وأكثر من ألف شجرة. "
        "وأضاف أن البلدية تعتزم افتتاح حديقتين أخريين قبل نهاية العام.\n\n"
        "وبلغت كلفة المشروع نحو مليوني دينار مولتها البلدية من ميزانيتها. "
        "واستغرقت الأشغال أربعة عشر شهرا بسبب تأخر توريد المعدات. "
        "وتفتح الحديقة أبوابها يوميا من السابعة صباحا حتى العاشرة مساء.",
        encoding="utf-8",
    )
    r = run_cli("check", str(suspect), "--db", str(archive), "-t", "0", "-f", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["mode"] == "detector" and d["threshold"] == 0.0
    bad = run_cli("check", str(suspect), "--db", str(archive), "-t", "1.5")
    assert bad.returncode == 2 and b"--threshold" in bad.stderr and b"Traceback" not in bad.stderr

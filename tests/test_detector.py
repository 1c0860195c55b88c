from __future__ import annotations

import pytest

import kashif
from conftest import ROOT
from kashif.brackets import parse
from kashif.corpus import read_brackets
from kashif.normalize import fold

EXAMPLE = ROOT / "examples" / "article.txt"
GOLD = ROOT / "examples" / "article.gold.txt"


def test_json_contract_exactly():
    d = kashif.detect(EXAMPLE.read_text(encoding="utf-8")).to_dict()
    assert set(d) == {"sentences", "threshold", "warnings", "model"}
    assert set(d["model"]) == {"name", "version"}
    assert isinstance(d["threshold"], float) and isinstance(d["warnings"], list)
    for s in d["sentences"]:
        assert set(s) == {"start", "end", "text", "score", "inserted", "reasons"}
        assert isinstance(s["start"], int) and isinstance(s["end"], int)
        assert 0.0 <= s["score"] <= 1.0
        assert s["inserted"] == (s["score"] >= d["threshold"])
        assert (1 <= len(s["reasons"]) <= 3) if s["inserted"] else s["reasons"] == []
        assert all(isinstance(r, str) and r for r in s["reasons"])


def test_example_insertions_are_found_with_offsets():
    text, spans = parse(GOLD.read_text(encoding="utf-8"))
    report = kashif.detect(text)
    assert [(s.start, s.end) for s in report.flagged] == spans
    for s in report.sentences:
        assert text[s.start : s.end] == s.text


def test_seed_flags_exactly_the_bracketed_sentences(seed_path):
    gold = read_brackets(seed_path)
    report = kashif.detect(gold.text)
    flagged = [(s.start, s.end) for s in report.flagged]
    assert flagged == [(g.start, g.end) for g in gold.spans]
    assert len(flagged) == 7


def test_threshold_override_and_arabic_reasons():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert kashif.detect(text, threshold=1.0).flagged == []
    assert len(kashif.detect(text, threshold=0.0).flagged) == len(kashif.detect(text).sentences)
    ar = kashif.detect(text, lang="ar")
    assert ar.flagged and all(any("\u0600" <= c <= "\u06ff" for c in r) for s in ar.flagged for r in s.reasons)


def test_clean_article_stays_clean():
    text, spans = parse(GOLD.read_text(encoding="utf-8"))
    clean = text
    for a, b in sorted(spans, reverse=True):
        clean = clean[:a].rstrip(" ") + (" " if clean[b:b + 1] == " " else "") + clean[b:].lstrip(" ")
    report = kashif.detect(clean)
    assert report.flagged == []


def test_diacritics_and_tatweel_do_not_raise_scores():
    text = EXAMPLE.read_text(encoding="utf-8")
    base = kashif.detect(text)
    # decorate every human sentence with diacritics and tatweel
    decorated = text
    for s in reversed(base.sentences):
        if not s.inserted:
            noisy = s.text.replace("ال", "الْ").replace("ما", "مـــا").replace("ة ", "ةُ ")
            decorated = decorated[: s.start] + noisy + decorated[s.end :]
    after = kashif.detect(decorated)
    assert len(after.sentences) == len(base.sentences)
    for a, b in zip(base.sentences, after.sentences):
        assert fold(a.text).replace(" ", "") == fold(b.text).replace(" ", "")
        if not a.inserted:
            assert not b.inserted
            assert b.score == pytest.approx(a.score, abs=1e-6)


def test_short_article_warns():
    report = kashif.detect("قال الوزير إن الاقتصاد ينمو. وأضاف أن العجز تراجع.")
    assert report.warnings and "too short" in report.warnings[0]


def test_bad_input_raises_input_error():
    with pytest.raises(kashif.InputError):
        kashif.detect("   ")
    with pytest.raises(kashif.InputError):
        kashif.detect("This is an English article about the economy.")


def test_short_article_reports_the_threshold_it_applied():
    report = kashif.detect("قال الوزير إن الاقتصاد ينمو. وأضاف أن العجز تراجع. وتابع أن الدين مستقر.")
    assert report.threshold >= 0.9
    assert all(s.inserted == (s.score >= report.threshold) for s in report.sentences)


def test_too_many_sentences_is_an_input_error():
    from kashif.detector import MAX_SENTENCES

    text = "قال المسؤول إن الوضع مستقر. " * (MAX_SENTENCES + 1)
    with pytest.raises(kashif.InputError, match="at most"):
        kashif.detect(text)


def test_warnings_speak_the_language_of_the_reasons():
    short = "خبر قصير\n\nأعلنت البلدية افتتاح حديقة جديدة. وقال رئيس البلدية إن الحديقة مفتوحة للجميع."
    (en,) = kashif.detect(short).warnings
    (ar,) = kashif.detect(short, lang="ar").warnings
    assert en.startswith("only 2 sentences") and "0.90" in en
    assert ar.startswith("عدد الجمل 2 فقط") and "0.90" in ar
    from kashif.detector import detect_article

    assert detect_article(kashif.segment(""), lang="ar").warnings == ["لا توجد في متن المقال جمل لتقييمها"]

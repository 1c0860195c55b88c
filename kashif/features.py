"""Sentence features, each computed against the whole article.

A spliced sentence is rarely odd on its own; it is odd *here*: it adds no
name, number or date the report lacks, it restates its neighbours, it speaks
for unnamed sources, it opens with a commentary connective. So every feature
is computed for one sentence with the rest of the article in view, and the
article-relative ones compare a sentence with its siblings.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import lexicon
from .article import Article
from .lexical import LexicalModel
from .normalize import fold, light, stem, tokens
from .wordfreqs import FUNCTION_ZIPF, RARE_ZIPF, zipf

FEATURES: tuple[str, ...] = (
    "len_log",
    "len_rel",
    "numbers",
    "new_specific",
    "specific_share",
    "quote",
    "attribution",
    "vague_source",
    "time",
    "opener",
    "demonstrative",
    "opinion",
    "commentary",
    "lexical",
    "lexical_rel",
    "zipf_mean",
    "rare_share",
    "overlap_rest",
    "new_before",
    "picked_up",
    "interrupts",
    "sim_prev",
    "sim_next",
    "max_sim",
    "first_in_para",
    "last_in_para",
    "alone_in_para",
    "lead_para",
    "rel_pos",
)


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """Per-sentence token views shared by features and the word-weight learner."""

    words: tuple[str, ...]  # light form, as written (no diacritics)
    folded: tuple[str, ...]  # fully folded, aligned with ``words``
    stems: tuple[str, ...]  # stems of folded words
    zipfs: tuple[float, ...]  # 0 for numbers and unknown words
    content: frozenset[str]  # stems of non-function words
    specific: frozenset[str]  # stems of rare words (names, places, terms) and numbers
    rare: int  # rare or unknown words, numbers excluded
    content_zipfs: tuple[float, ...]  # Zipf of known non-function words
    commentary_words: int  # single-word commentary cues
    phrase_starts: int  # words that may start a commentary phrase
    numbers: int
    quote: bool


_QUOTE = re.compile("[" + "".join(sorted(lexicon.QUOTES)) + "]")


def _alternation(phrases: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<= )(?:" + "|".join(re.escape(p) for p in ordered) + r")(?= )")


#: Words at least this common (Zipf) are never quoted as evidence of wording:
#: everyday words such as "ظل" (in "في ظل") or "نحو" say nothing on their own.
QUOTABLE_ZIPF = 5.0

_COMMENTARY = _alternation(lexicon.COMMENTARY)
#: The same phrases split for a fast count: single words by set lookup,
#: phrases only when their first word occurs.
_COMMENTARY_WORDS = frozenset(p for p in lexicon.COMMENTARY if " " not in p)
_COMMENTARY_PHRASES = tuple((p.split(" ", 1)[0], f" {p} ") for p in lexicon.COMMENTARY if " " in p)


_PHRASE_STARTS = frozenset(first for first, _ in _COMMENTARY_PHRASES)


def _commentary_count(st: "SentenceTokens") -> int:
    n = st.commentary_words
    if st.phrase_starts:
        present = set(st.folded)
        joined = " " + " ".join(st.folded) + " "
        n += sum(joined.count(phrase) for first, phrase in _COMMENTARY_PHRASES if first in present)
    return n


#: "وأضاف:" / "وتابع «": a reporting verb followed straight by the words spoken.
_VERB_THEN_QUOTE = re.compile(r"^\S+\s*[:«\"“]")


def _continues_speaker(s_text: str, st: SentenceTokens) -> bool:
    """Whether a sentence carries on the previous speaker's words without naming them."""
    f = st.folded
    if not f or f[0] not in lexicon.SPEECH_VERBS:
        return False
    return len(f) == 1 or f[1] in lexicon.CONTINUATION_NEXT or _VERB_THEN_QUOTE.match(s_text) is not None


_OPENER = re.compile(r" (?:" + "|".join(re.escape(p) for p in sorted(lexicon.OPENERS, key=len, reverse=True)) + r")(?= )")


#: light word → what every feature needs of it. Words repeat across articles
#: (Zipf's law), so this cache makes per-word work a single dictionary lookup.
_WordInfo = tuple[str, str, float, str | None, str | None, int, float | None, int, int, int]
_WORDS: dict[str, _WordInfo] = {}
_WORDS_MAX = 500_000


def _word(w: str) -> _WordInfo:
    """(folded, stem, zipf, content stem, specific stem, is rare, content zipf,
    is number, is a commentary word, may start a commentary phrase)."""
    f = fold(w)
    if w[0].isdigit():
        info: _WordInfo = (f, f, 0.0, f if len(f) >= 2 else None, f, 0, None, 1, 0, 0)
    else:
        z = zipf(w)
        st = f if z >= FUNCTION_ZIPF else stem(f)  # function words never need a stem
        content = st if z < FUNCTION_ZIPF and len(st) >= 2 else None
        rare = z < RARE_ZIPF
        specific = st if rare and len(w) >= 3 else None
        info = (
            f, st, z, content, specific, int(rare), z if 0 < z < FUNCTION_ZIPF else None, 0,
            int(f in _COMMENTARY_WORDS), int(f in _PHRASE_STARTS),
        )  # fmt: skip
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[w] = info
    return info


def sentence_tokens(text: str) -> SentenceTokens:
    words = tokens(light(text))
    get = _WORDS.get
    infos = [get(w) or _word(w) for w in words]  # inline cache hit: no call per known word
    if not infos:
        return SentenceTokens((), (), (), (), frozenset(), frozenset(), 0, (), 0, 0, 0, _QUOTE.search(text) is not None)
    folded, stems, zipfs, content, specific, rare, czipf, numbers, cwords, pstarts = zip(*infos)
    return SentenceTokens(
        tuple(words),
        folded,
        stems,
        zipfs,
        frozenset(filter(None, content)),
        frozenset(filter(None, specific)),
        sum(rare),
        tuple(filter(None, czipf)),
        sum(cwords),
        sum(pstarts),
        sum(numbers),
        _QUOTE.search(text) is not None,
    )


def _surface(st: SentenceTokens, phrase: str) -> str:
    """A folded phrase as it is written in the sentence."""
    parts = phrase.split(" ")
    for k in range(len(st.folded) - len(parts) + 1):
        if list(st.folded[k : k + len(parts)]) == parts:
            return " ".join(st.words[k : k + len(parts)])
    return phrase


def _opener(st: SentenceTokens) -> str | None:
    m = _OPENER.match(" " + " ".join(st.folded[:5]) + " ")
    return m.group(0)[1:] if m else None


@dataclass
class ArticleFeatures:
    """Features of every sentence of one article, plus what reasons need later."""

    matrix: np.ndarray  # sentences × FEATURES
    toks: list[SentenceTokens]
    sims: np.ndarray  # sentence × sentence content-word Jaccard
    lexical: LexicalModel | None

    # Quotable evidence for reasons, computed only for the flagged sentences
    # whose reasons need it, and quoted as written (diacritics aside), not folded.
    def opener(self, i: int) -> str | None:
        """The commentary connective sentence ``i`` opens with."""
        st = self.toks[i]
        opener = _opener(st)
        return _surface(st, opener) if opener else None

    def vague_sources(self, i: int) -> tuple[str, ...]:
        st = self.toks[i]
        return tuple(w for w, f in zip(st.words, st.folded) if f in lexicon.VAGUE_SOURCE)

    def commentary(self, i: int) -> tuple[str, ...]:
        st = self.toks[i]
        return tuple(_surface(st, m.group(0)) for m in _COMMENTARY.finditer(" " + " ".join(st.folded) + " "))

    def top_words(self, i: int, k: int = 3) -> tuple[str, ...]:
        """The words the wording model weighs most towards "inserted", among
        those distinctive enough to show an editor (not "ظل", "نحو", "حد")."""
        st = self.toks[i]
        if self.lexical is None or not st.folded:
            return ()
        score = self.lexical.word_score
        best = heapq.nlargest(k + 2, ((score(f), w) for f, w, z in zip(st.folded, st.words, st.zipfs) if z < QUOTABLE_ZIPF))
        return tuple(dict.fromkeys(w for wt, w in best if wt / len(st.folded) > 0.05))[:k]

    def closest(self, i: int) -> int | None:
        """Index of the sentence most like sentence ``i``."""
        if len(self.sims) < 2:
            return None
        others = self.sims[i].copy()
        others[i] = -1.0
        return int(others.argmax())


def _overlaps(incidence: np.ndarray, columns: list[list[int]]) -> np.ndarray:
    """``incidence @ incidence.T`` for a 0/1 matrix whose row ``i`` is 1 at ``columns[i]``."""
    n = len(columns)
    lengths = np.array([len(c) for c in columns])
    inter = np.zeros((n, n), dtype=np.float32)
    if lengths.sum() == 0:
        return inter
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    nonempty = lengths > 0
    flat = np.fromiter((k for c in columns for k in c), dtype=np.intp, count=int(lengths.sum()))
    inter[:, nonempty] = np.add.reduceat(incidence[:, flat], starts[nonempty], axis=1)
    return inter


_COL = {f: k for k, f in enumerate(FEATURES)}
#: The features the per-sentence loop computes, in its tuple's order (the
#: overlap_rest slot carries the content size until the column is finished).
_ROW = (
    "len_log", "len_rel", "numbers", "new_specific", "specific_share", "quote", "attribution",
    "vague_source", "time", "opener", "demonstrative", "opinion", "commentary", "lexical",
    "zipf_mean", "rare_share", "overlap_rest", "new_before", "picked_up", "first_in_para",
    "last_in_para", "alone_in_para", "lead_para", "rel_pos",
)  # fmt: skip
_ROW_COLUMNS = np.array([_COL[f] for f in _ROW])


def extract(
    article: Article,
    lexical: LexicalModel | None = None,
    toks: Sequence[SentenceTokens] | None = None,
) -> ArticleFeatures:
    """Features of every body sentence of ``article`` against the rest of it.

    ``lexical`` scores wording; without one the two lexical features are 0.
    """
    sents = article.sentences
    n = len(sents)
    toks = list(toks) if toks is not None else [sentence_tokens(s.text) for s in sents]
    title_stems: set[str] = set()
    if article.title is not None:
        title_stems = set(sentence_tokens(article.title.text).stems)

    content = [st.content for st in toks]
    specific = [st.specific for st in toks]
    stem_doc_freq: Counter[str] = Counter()
    for c in content:
        stem_doc_freq.update(c)

    # sentence × content-stem incidence; pairwise overlaps by gathering each
    # sentence's columns and summing them per sentence. Not a matrix product:
    # OpenBLAS threads one this size, and its idle threads then spin on the
    # second core, halving what a second batch worker or server process gets.
    vocab = {w: k for k, w in enumerate(stem_doc_freq)}
    incidence = np.zeros((n, len(vocab)), dtype=np.float32)
    columns = [[vocab[w] for w in c] for c in content]
    for i, cols in enumerate(columns):
        incidence[i, cols] = 1.0
    inter = _overlaps(incidence, columns)
    sizes = incidence.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    sims = np.divide(inter, union, out=np.zeros((n, n)), where=union > 0).astype(float)
    np.fill_diagonal(sims, 0.0)
    shared = np.array([stem_doc_freq[w] > 1 or w in title_stems for w in vocab], dtype=np.float32)
    elsewhere_counts = incidence @ shared if len(vocab) else np.zeros(n)
    # Reporting builds on itself: what a human sentence introduces, later
    # sentences often take up. Nothing in the original was written to follow
    # a spliced sentence, so what *it* introduces is rarely taken up.
    seen: set[str] = set(title_stems)
    new_before: list[float] = []
    fresh_sets: list[set[str]] = []
    for c in content:
        fresh = c - seen
        new_before.append(len(fresh) / len(c) if c else 0.0)
        fresh_sets.append(fresh)
        seen |= c
    later: set[str] = set()
    picked_up = [0.0] * n
    for i in range(n - 1, -1, -1):
        fresh = fresh_sets[i]
        picked_up[i] = len(fresh & later) / len(fresh) if fresh else 0.0
        later |= content[i]
    lengths = [max(len(st.words), 1) for st in toks]
    mean_len = sum(lengths) / n if n else 1.0
    para_sizes = [len(p.sentences) for p in article.paragraphs]
    para_first = [p.sentences[0].index for p in article.paragraphs]
    attribution, vague_words, time_words, demonstratives, opinion = (
        lexicon.ATTRIBUTION,
        lexicon.VAGUE_SOURCE,
        lexicon.TIME,
        lexicon.DEMONSTRATIVES,
        lexicon.OPINION,
    )
    rows = []  # the per-sentence features, as plain tuples in _ROW order
    for i, (s, st) in enumerate(zip(sents, toks)):
        nw = lengths[i]
        folded = st.folded
        new_spec = sum(1 for w in specific[i] if stem_doc_freq[w] <= 1 and w not in title_stems)
        content_z = st.content_zipfs
        size = para_sizes[s.paragraph]
        pos_in_para = s.index - para_first[s.paragraph]
        rows.append((
            math.log1p(nw),
            nw / mean_len,
            min(st.numbers, 3),
            min(new_spec, 4),
            len(specific[i]) / nw,
            float(st.quote),
            float(not attribution.isdisjoint(folded)),
            float(not vague_words.isdisjoint(folded)),
            float(not time_words.isdisjoint(folded)),
            float(_opener(st) is not None),
            float(not demonstratives.isdisjoint(folded[:5])),
            float(not opinion.isdisjoint(folded)),
            min(_commentary_count(st), 4),
            lexical.score(folded) if lexical is not None else 0.0,
            (sum(content_z) / len(content_z)) if content_z else 0.0,
            st.rare / nw,
            len(content[i]),
            new_before[i],
            picked_up[i],
            float(pos_in_para == 0 and size > 1),
            float(pos_in_para == size - 1 and size > 1),
            float(size == 1),
            float(s.paragraph == 0),
            s.index / max(n - 1, 1),
        ))  # fmt: skip
    X = np.zeros((n, len(FEATURES)), dtype=float)
    if not n:
        return ArticleFeatures(X, toks, sims, lexical)
    X[:, _ROW_COLUMNS] = np.array(rows, dtype=float)
    # the columns that come from the sentence-by-sentence overlaps, whole
    own_sizes = X[:, _COL["overlap_rest"]].copy()  # the row held the content size
    X[:, _COL["overlap_rest"]] = np.divide(elsewhere_counts, own_sizes, out=np.zeros(n), where=own_sizes > 0)
    if n > 1:
        X[1:, _COL["sim_prev"]] = np.diagonal(sims, -1)
        X[:-1, _COL["sim_next"]] = np.diagonal(sims, 1)
        X[:, _COL["max_sim"]] = np.maximum(sims.max(axis=1), 0.0)  # the diagonal is 0
    # Wire copy keeps a speaker's words together: "وأضاف أن ..." continues the
    # sentence before. A sentence that speaks for no one and quotes no one,
    # between a speaker and such a continuation, separates the speaker from
    # their words — where a splicer's sentence lands, and a reporter's rarely.
    speech, attribution = lexicon.SPEECH_VERBS, lexicon.ATTRIBUTION
    for i in range(1, n - 1):
        st = toks[i]
        if (
            not st.quote
            and speech.isdisjoint(st.folded)
            and not (speech.isdisjoint(toks[i - 1].folded) and attribution.isdisjoint(toks[i - 1].folded))
            and _continues_speaker(sents[i + 1].text, toks[i + 1])
        ):
            X[i, _COL["interrupts"]] = 1.0
    li = FEATURES.index("lexical")
    if n:
        X[:, li + 1] = X[:, li] - np.median(X[:, li])
    return ArticleFeatures(X, toks, sims, lexical)

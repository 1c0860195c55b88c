"""Sentence features, each computed against the whole article.

A spliced sentence is rarely odd on its own; it is odd *here*: it adds no
name, number or date the report lacks, it restates its neighbours, it speaks
for unnamed sources, it opens with a commentary connective. So every feature
is computed for one sentence with the rest of the article in view, and the
article-relative ones compare a sentence with its siblings.
"""

from __future__ import annotations

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
class Evidence:
    """What a sentence's cues matched, as written, so reasons can quote them."""

    opener: str | None
    vague: tuple[str, ...]
    commentary: tuple[str, ...]
    lexical_words: tuple[str, ...]
    best_match: int | None  # index of the most similar other sentence


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """Per-sentence token views shared by features and the word-weight learner."""

    words: tuple[str, ...]  # light form, as written (no diacritics)
    folded: tuple[str, ...]  # fully folded, aligned with ``words``
    stems: tuple[str, ...]  # stems of folded words
    zipfs: tuple[float, ...]  # 0 for numbers and unknown words
    numbers: int
    quote: bool


_QUOTE = re.compile("[" + "".join(sorted(lexicon.QUOTES)) + "]")


def _alternation(phrases: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<= )(?:" + "|".join(re.escape(p) for p in ordered) + r")(?= )")


_COMMENTARY = _alternation(lexicon.COMMENTARY)
_OPENER = re.compile(r" (?:" + "|".join(re.escape(p) for p in sorted(lexicon.OPENERS, key=len, reverse=True)) + r")(?= )")


#: light word → (folded, stem, zipf). Words repeat across articles (Zipf's
#: law), so this cache makes per-word work a single dictionary lookup.
_WORDS: dict[str, tuple[str, str, float]] = {}
_WORDS_MAX = 500_000


def _word(w: str) -> tuple[str, str, float]:
    info = _WORDS.get(w)
    if info is None:
        f = fold(w)
        if w[0].isdigit():
            info = (f, f, 0.0)
        else:
            z = zipf(w)
            # function words never need a stem: keep them as they are
            info = (f, f if z >= FUNCTION_ZIPF else stem(f), z)
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        _WORDS[w] = info
    return info


def sentence_tokens(text: str) -> SentenceTokens:
    words = tokens(light(text))
    infos = [_word(w) for w in words]
    return SentenceTokens(
        tuple(words),
        tuple(i[0] for i in infos),
        tuple(i[1] for i in infos),
        tuple(i[2] for i in infos),
        sum(1 for w in words if w[0].isdigit()),
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

    def evidence(self, i: int) -> Evidence:
        """Quotable evidence for sentence ``i`` (computed only for sentences that need reasons)."""
        st = self.toks[i]
        joined = " " + " ".join(st.folded) + " "
        opener = _opener(st)
        top: tuple[str, ...] = ()
        if self.lexical is not None and st.folded:
            n = len(st.folded)
            ranked = sorted(((self.lexical.word_score(f) / n, w) for f, w, z in zip(st.folded, st.words, st.zipfs) if z < FUNCTION_ZIPF), reverse=True)
            top = tuple(dict.fromkeys(w for wt, w in ranked[:3] if wt > 0.05))
        others = self.sims[i].copy()
        others[i] = -1.0
        return Evidence(
            _surface(st, opener) if opener else None,
            tuple(w for w, f in zip(st.words, st.folded) if f in lexicon.VAGUE_SOURCE),
            tuple(_surface(st, m.group(0)) for m in _COMMENTARY.finditer(joined)),
            top,
            int(others.argmax()) if len(others) > 1 else None,
        )


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

    content: list[set[str]] = []
    specific: list[set[str]] = []
    stem_doc_freq: Counter[str] = Counter()
    for st in toks:
        c = {s for s, z in zip(st.stems, st.zipfs) if z < FUNCTION_ZIPF and len(s) >= 2}
        content.append(c)
        specific.append({s for s, w, z in zip(st.stems, st.words, st.zipfs) if z < RARE_ZIPF and (len(w) >= 3 or w[0].isdigit())})
        stem_doc_freq.update(c)

    sims = np.zeros((n, n))
    for i in range(n):
        a = content[i]
        if not a:
            continue
        for j in range(i + 1, n):
            b = content[j]
            if b:
                inter = len(a & b)
                if inter:
                    sims[i, j] = sims[j, i] = inter / (len(a) + len(b) - inter)
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
    masked = sims + np.diag(np.full(n, -1.0))
    max_sim = masked.max(axis=1) if n > 1 else np.zeros(n)

    lengths = [max(len(st.words), 1) for st in toks]
    mean_len = sum(lengths) / n if n else 1.0
    X = np.zeros((n, len(FEATURES)), dtype=float)
    para_sizes = [len(p.sentences) for p in article.paragraphs]
    para_first = [p.sentences[0].index for p in article.paragraphs]
    attribution, vague_words, time_words, demonstratives, opinion = (
        lexicon.ATTRIBUTION,
        lexicon.VAGUE_SOURCE,
        lexicon.TIME,
        lexicon.DEMONSTRATIVES,
        lexicon.OPINION,
    )
    for i, (s, st) in enumerate(zip(sents, toks)):
        nw = lengths[i]
        own = content[i]
        folded = st.folded
        elsewhere = sum(1 for w in own if stem_doc_freq[w] > 1 or w in title_stems)
        new_spec = sum(1 for w in specific[i] if stem_doc_freq[w] <= 1 and w not in title_stems)
        content_z = [z for z in st.zipfs if 0 < z < FUNCTION_ZIPF]
        rare = sum(1 for w, z in zip(st.words, st.zipfs) if z < RARE_ZIPF and not w[0].isdigit())
        size = para_sizes[s.paragraph]
        pos_in_para = s.index - para_first[s.paragraph]
        X[i] = (
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
            min(len(_COMMENTARY.findall(" " + " ".join(folded) + " ")), 4),
            lexical.score(folded) if lexical is not None else 0.0,
            0.0,  # lexical_rel, below
            (sum(content_z) / len(content_z)) if content_z else 0.0,
            rare / nw,
            elsewhere / len(own) if own else 0.0,
            new_before[i],
            picked_up[i],
            sims[i, i - 1] if i > 0 else 0.0,
            sims[i, i + 1] if i + 1 < n else 0.0,
            max(float(max_sim[i]), 0.0),
            float(pos_in_para == 0 and size > 1),
            float(pos_in_para == size - 1 and size > 1),
            float(size == 1),
            float(s.paragraph == 0),
            s.index / max(n - 1, 1),
        )
    li = FEATURES.index("lexical")
    if n:
        X[:, li + 1] = X[:, li] - np.median(X[:, li])
    return ArticleFeatures(X, toks, sims, lexical)

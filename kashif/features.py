"""Sentence features, each computed against the whole article.

A spliced sentence is rarely odd on its own; it is odd *here*: it adds no
name, number or date the report lacks, it restates its neighbours, it speaks
for unnamed sources, it opens with a commentary connective. So every feature
is computed for one sentence with the rest of the article in view, and the
article-relative ones compare a sentence with its siblings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from . import lexicon
from .article import Article
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
    "commentary",
    "lexical",
    "lexical_rel",
    "zipf_mean",
    "rare_share",
    "overlap_rest",
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
    """What a sentence's cues matched, kept so reasons can quote them."""

    opener: str | None  # as written in the sentence
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
    zipfs: tuple[float, ...]
    quote: bool


def sentence_tokens(text: str) -> SentenceTokens:
    lt = light(text)
    words = tokens(lt)
    folded = tokens(fold(lt))
    return SentenceTokens(
        tuple(words),
        tuple(folded),
        tuple(stem(w) for w in folded),
        tuple(0.0 if w[0].isdigit() else zipf(w) for w in words),
        any(c in lexicon.QUOTES for c in text),
    )


def lexical_keys(st: SentenceTokens) -> list[tuple[str, str]]:
    """(key, surface word) pairs that learned word weights are looked up by.

    Keys are stems of non-function words, plus the sentence's first two words
    (prefixed ``^``) because openers carry much of the signal.
    """
    keys = [(s, w) for s, w, z in zip(st.stems, st.words, st.zipfs) if z < FUNCTION_ZIPF and not s[0].isdigit()]
    if st.folded:
        keys.append(("^" + " ".join(st.folded[:2]), " ".join(st.words[:2])))
    return keys


def _is_number(w: str) -> bool:
    return w[0].isdigit()


def _match_phrases(st: SentenceTokens, joined: str, phrases: Sequence[str]) -> list[str]:
    """Phrases found in the sentence, returned as written (not folded)."""
    found = []
    for p in phrases:
        if f" {p} " in joined:
            parts = p.split(" ")
            for k in range(len(st.folded) - len(parts) + 1):
                if list(st.folded[k : k + len(parts)]) == parts:
                    found.append(" ".join(st.words[k : k + len(parts)]))
                    break
    return found


def _opener(st: SentenceTokens) -> str | None:
    head = " " + " ".join(st.folded[:5]) + " "
    for p in lexicon.OPENERS:
        if head.startswith(f" {p} "):
            return " ".join(st.words[: p.count(" ") + 1])
    return None


def extract(
    article: Article,
    word_weights: Mapping[str, float] | None = None,
    toks: Sequence[SentenceTokens] | None = None,
) -> tuple[np.ndarray, list[Evidence]]:
    """Feature matrix (sentences × `FEATURES`) and per-sentence evidence."""
    weights = word_weights or {}
    sents = article.sentences
    n = len(sents)
    toks = list(toks) if toks is not None else [sentence_tokens(s.text) for s in sents]
    title_stems: set[str] = set()
    if article.title is not None:
        title_stems = set(sentence_tokens(article.title.text).stems)

    content: list[set[str]] = []
    specific: list[set[str]] = []
    stem_doc_freq: Counter[str] = Counter(title_stems)
    for st in toks:
        c = {s for s, z in zip(st.stems, st.zipfs) if (z < FUNCTION_ZIPF) and len(s) >= 2}
        content.append(c)
        specific.append({s for s, w, z in zip(st.stems, st.words, st.zipfs) if _is_number(w) or (z < RARE_ZIPF and len(w) >= 3)})
        stem_doc_freq.update(c)

    lengths = np.array([max(len(st.words), 1) for st in toks], dtype=float)
    mean_len = float(lengths.mean()) if n else 1.0
    X = np.zeros((n, len(FEATURES)), dtype=float)
    evidence: list[Evidence] = []
    lex = np.zeros(n)
    sims = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = content[i], content[j]
            if a and b:
                sims[i, j] = sims[j, i] = len(a & b) / len(a | b)

    para_sizes = [len(p.sentences) for p in article.paragraphs]
    for i, (s, st) in enumerate(zip(sents, toks)):
        joined = " " + " ".join(st.folded) + " "
        words = st.words
        nw = max(len(words), 1)
        own = content[i]
        # a stem counts as "elsewhere" when another sentence or the title has it
        elsewhere = {w for w in own if stem_doc_freq[w] > 1 or w in title_stems}
        new_spec = [w for w in specific[i] if stem_doc_freq[w] <= 1 and w not in title_stems]
        vague = tuple(w for w, f in zip(st.words, st.folded) if f in lexicon.VAGUE_SOURCE)
        commentary = tuple(_match_phrases(st, joined, lexicon.COMMENTARY))
        opener = _opener(st)
        keys = lexical_keys(st)
        kw = [(weights.get(k, 0.0), w) for k, w in keys]
        lex[i] = sum(w for w, _ in kw) / math.sqrt(len(kw)) if kw else 0.0
        content_z = [z for z in st.zipfs if 0 < z < FUNCTION_ZIPF]
        rare = sum(1 for w, z in zip(words, st.zipfs) if not _is_number(w) and z < RARE_ZIPF)
        size = para_sizes[s.paragraph]
        pos_in_para = s.index - article.paragraphs[s.paragraph].sentences[0].index
        others = sims[i].copy()
        others[i] = -1
        best = int(others.argmax()) if n > 1 else None
        X[i] = (
            math.log1p(nw),
            nw / mean_len,
            min(sum(1 for w in words if _is_number(w)), 3),
            min(len(new_spec), 4),
            len(specific[i]) / nw,
            float(st.quote),
            float(any(w in lexicon.ATTRIBUTION for w in st.folded)),
            float(bool(vague)),
            float(any(w in lexicon.TIME for w in st.folded)),
            float(opener is not None),
            float(any(w in lexicon.DEMONSTRATIVES for w in st.folded[:5])),
            min(len(commentary), 4),
            0.0,  # lexical, filled below
            0.0,  # lexical_rel
            (sum(content_z) / len(content_z)) if content_z else 0.0,
            rare / nw,
            len(elsewhere) / len(own) if own else 0.0,
            sims[i, i - 1] if i > 0 else 0.0,
            sims[i, i + 1] if i + 1 < n else 0.0,
            float(others.max()) if n > 1 else 0.0,
            float(pos_in_para == 0 and size > 1),
            float(pos_in_para == size - 1 and size > 1),
            float(size == 1),
            float(s.paragraph == 0),
            s.index / max(n - 1, 1),
        )
        top_words = tuple(
            dict.fromkeys(w for wt, w in sorted(kw, reverse=True)[:4] if wt > 0.5 and " " not in w)
        )[:3]
        evidence.append(Evidence(opener, vague, commentary, top_words, best))
    li = FEATURES.index("lexical")
    X[:, li] = lex
    X[:, li + 1] = lex - (np.median(lex) if n else 0.0)
    return X, evidence

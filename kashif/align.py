"""Sentence alignment of a suspect article against its original.

Republishing changes a text in ways that must not count as changes: hamza and
alef forms, ta marbuta, alef maqsura, diacritics, tatweel, digits, quotes,
punctuation and spacing (all removed by comparing *folded words*), paragraphs
re-flowed or re-ordered (each suspect sentence is matched against the whole
original, not in order), and a sentence split in two or two merged (a suspect
sentence may match part of one original sentence or a run of up to
`MAX_WINDOW` adjacent ones).

Similarity is the share of words matched in order on the longer side,
``LCS / max(len(suspect), len(original part))``: 1.0 for the same words, and
below `MATCH_MIN` for a sentence the original does not contain.
Words are compared with rapidfuzz by encoding each distinct folded word as one
character, so its C string routines run over word sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .article import Article, Sentence
from .errors import KashifError
from .normalize import fold, tokens

__all__ = ["Words", "Link", "Alignment", "align", "words", "MATCH_MIN", "MAX_WINDOW"]

#: Below this similarity a suspect sentence has no counterpart: inserted.
#: Changing 2 words of an 8-word sentence keeps 0.75; on the corpus with all
#: perturbations, original sentences score at least 0.84 and inserted ones at
#: most 0.38 (a short sentence sharing a stock phrase with the report).
MATCH_MIN = 0.6
#: A suspect sentence may join up to this many adjacent original sentences.
MAX_WINDOW = 8
#: Original sentences (by shared words) tried for each suspect sentence.
CANDIDATES = 4
#: An original sentence with less than this share of its words found in the
#: suspect is reported as deleted.
DELETED_BELOW = 0.5

SAME, MODIFIED, INSERTED = "same", "modified", "inserted"


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a stretch of text: folded forms and exact offsets into the text."""

    forms: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.forms)

    def __add__(self, other: "Words") -> "Words":
        return Words(self.forms + other.forms, self.spans + other.spans)

    def cut(self, a: int, b: int) -> "Words":
        return Words(self.forms[a:b], self.spans[a:b])


@dataclass(frozen=True, slots=True)
class Link:
    """How one suspect sentence relates to the original.

    ``ops`` are word-level opcodes ``(tag, i1, i2, j1, j2)`` between the
    suspect sentence's words and ``matched`` (the words of the original it
    corresponds to); tags are equal, insert (only in the suspect), delete
    (only in the original) and replace.
    """

    status: str
    similarity: float
    words: Words
    matched: Words
    units: tuple[int, ...]  # original sentence indices drawn on; -1 is the title
    ops: tuple[tuple[str, int, int, int, int], ...]

    @property
    def original(self) -> tuple[int, int] | None:
        """Character span in the original of the matched words, or None if inserted."""
        if not self.matched.spans:
            return None
        return min(a for a, _ in self.matched.spans), max(b for _, b in self.matched.spans)


@dataclass(frozen=True, slots=True)
class Alignment:
    links: list[Link]  # one per suspect body sentence, in order
    deleted: list[Sentence]  # original body sentences absent from the suspect


@lru_cache(maxsize=1)
def _dropped() -> frozenset[str]:
    """Characters `fold` deletes (diacritics, tatweel, invisible marks).

    `fold` only ever deletes characters or maps one to one, so removing these
    gives a one-to-one map from folded positions back to the text.
    """
    return frozenset(c for c in map(chr, range(0x10000)) if not fold(c))


def words(text: str, start: int = 0, end: int | None = None) -> Words:
    """Folded, lower-cased word and number tokens of ``text[start:end]`` with their offsets."""
    end = len(text) if end is None else end
    dropped = _dropped()
    kept = [i for i in range(start, end) if text[i] not in dropped]
    folded = fold("".join(text[i] for i in kept))
    forms: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens(folded):
        at = folded.find(tok, pos)
        pos = at + len(tok)
        b = kept[pos - 1] + 1
        while b < end and text[b] in dropped:  # a word's trailing harakat belong to it
            b += 1
        forms.append(tok.lower())
        spans.append((kept[at], b))
    return Words(tuple(forms), tuple(spans))


def _rapidfuzz():
    try:
        from rapidfuzz import process
        from rapidfuzz.distance import Indel, LCSseq, Levenshtein
    except ImportError:  # the "archive" extra is not installed
        raise KashifError("comparing with an original needs rapidfuzz: pip install 'kashif[archive]'") from None
    return process, Indel, LCSseq, Levenshtein


class _Codec:
    """Each distinct word becomes one character, so word sequences are strings."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def encode(self, w: Words) -> str:
        out = []
        for form in w.forms:
            ch = self._ids.get(form)
            if ch is None:
                ch = self._ids[form] = chr(0x10000 + len(self._ids))  # past the surrogates
            out.append(ch)
        return "".join(out)


def align(suspect: Article, original: Article) -> Alignment:
    """Link every body sentence of ``suspect`` to what it came from in ``original``."""
    process, Indel, LCSseq, Levenshtein = _rapidfuzz()
    codec = _Codec()
    s_words = [words(suspect.text, s.start, s.end) for s in suspect.sentences]
    units = list(original.sentences)
    u_words = [words(original.text, u.start, u.end) for u in units]
    if original.title is not None:  # a title may stand as a sentence in the suspect
        t = original.title
        u_words.append(words(original.text, t.start, t.end))
    title_at = len(units)
    s_codes = [codec.encode(w) for w in s_words]
    u_codes = [codec.encode(w) for w in u_words]
    shared = process.cdist(s_codes, u_codes, scorer=LCSseq.similarity, workers=1) if s_codes and u_codes else None
    found: list[set[int]] = [set() for _ in u_words]  # word positions of each unit seen in the suspect
    whole: list[set[int]] = [set() for _ in u_words]  # links that reproduce each unit's every word
    links: list[Link] = []
    for si, (sw, sc) in enumerate(zip(s_words, s_codes)):
        best: tuple[float, int, int, int, int, int] | None = None  # similarity, -length, a, b, x, y
        if sc and shared is not None:
            row = shared[si].tolist()
            tried: set[tuple[int, int]] = set()
            for j in sorted(range(len(u_codes)), key=lambda k: -row[k])[:CANDIDATES]:
                if row[j] == 0:
                    break
                runs = [(j, j)]
                if row[j] < 0.8 * len(sc) and j != title_at:  # j alone leaves words unexplained
                    runs.append(_grow(sc, u_codes, j, title_at, LCSseq))
                for a, b in runs:
                    if (a, b) in tried:
                        continue
                    tried.add((a, b))
                    sim, x, y = _fit(sc, "".join(u_codes[a : b + 1]), Indel, LCSseq)
                    cand = (sim, x - y, a, b, x, y)
                    if best is None or cand[:2] > best[:2]:
                        best = cand
        seq: list[int] = []
        if best is not None:
            sim, _, a, b, x, y = best
            seq = list(range(a, b + 1))
        if sc and shared is not None and (best is None or best[0] < MATCH_MIN):
            # glued sentences (punctuation or quotes changed) from parts of the original far apart
            cover, parts = _cover(sc, u_codes, shared[si].tolist(), Indel)
            if parts and cover > (best[0] if best else 0.0):
                sim, seq, x = cover, parts, 0
                y = sum(len(u_codes[k]) for k in parts)
        if not seq or sim < MATCH_MIN:
            links.append(Link(INSERTED, sim if seq else 0.0, sw, Words((), ()), (), ()))
            continue
        code = "".join(u_codes[k] for k in seq)
        where = [(k, i) for k in seq for i in range(len(u_words[k]))]
        matched = Words((), ())
        for k in seq:
            matched = matched + u_words[k]
        matched = matched.cut(x, y)
        ops = tuple(_opcodes(sc, code[x:y], Levenshtein))
        hits: dict[int, set[int]] = {}
        for tag, _i1, _i2, j1, j2 in ops:
            if tag == "equal":
                for j in range(x + j1, x + j2):
                    hits.setdefault(where[j][0], set()).add(where[j][1])
        for k, seen in hits.items():
            found[k] |= seen
            if len(seen) == len(u_words[k]):
                whole[k].add(len(links))
        used = sorted({where[j][0] for j in range(x, y)})
        status = SAME if sw.forms == matched.forms else MODIFIED
        links.append(Link(status, sim, sw, matched, tuple(-1 if u == title_at else u for u in used), ops))
    # A sentence drawing only on original sentences that other suspect
    # sentences reproduce whole is new text borrowing a phrase ("… مؤسسة موانئ
    # خليج عدن"), not half of a split sentence: the original is accounted for.
    for li, link in enumerate(links):
        used = [u if u != -1 else title_at for u in link.units]
        if used and all(whole[k] - {li} and li not in whole[k] for k in used):
            links[li] = Link(INSERTED, link.similarity, link.words, Words((), ()), (), ())
    deleted = [u for k, u in enumerate(units) if u_words[k] and len(found[k]) < DELETED_BELOW * len(u_words[k])]
    return Alignment(links, deleted)


def _cover(s: str, u_codes: list[str], shared: list[int], Indel) -> tuple[float, list[int]]:
    """Share of the words of ``s`` explained by several original sentences, and those sentences.

    For a suspect sentence that glues together pieces of the original that
    are not adjacent there: each of the best `MAX_WINDOW` sentences counts if
    it explains at least three new words and half of its own. The sentences
    are returned in the order their words appear in ``s``.
    """
    left = set(range(len(s)))
    firsts: dict[int, int] = {}
    for j in sorted(range(len(u_codes)), key=lambda k: -shared[k])[:MAX_WINDOW]:
        if shared[j] < 3:
            break
        hit = {i for op in Indel.opcodes(s, u_codes[j]) if op.tag == "equal" for i in range(op.src_start, op.src_end)}
        new = hit & left
        if len(new) >= 3 and len(new) >= 0.5 * len(u_codes[j]):
            firsts[j] = min(new)
            left -= new
    if len(firsts) < 2:
        return 0.0, []
    return 1 - len(left) / len(s), sorted(firsts, key=firsts.get)


def _grow(s: str, u_codes: list[str], j: int, limit: int, LCSseq) -> tuple[int, int]:
    """The run of adjacent original sentences around ``j`` that ``s`` draws on.

    Grows one sentence at a time, left or right, while that explains at
    least two more words of ``s``; up to `MAX_WINDOW` sentences (a suspect
    sentence can span several when its punctuation or quotes were changed).
    """
    a = b = j
    have = LCSseq.similarity(s, u_codes[j])
    while b - a + 1 < MAX_WINDOW:
        options = []
        if a > 0:
            options.append((LCSseq.similarity(s, "".join(u_codes[a - 1 : b + 1])), a - 1, b))
        if b + 1 < limit:
            options.append((LCSseq.similarity(s, "".join(u_codes[a : b + 2])), a, b + 1))
        if not options:
            break
        gain, a2, b2 = max(options)
        if gain < have + 2:
            break
        have, a, b = gain, a2, b2
    return a, b


def _fit(s: str, w: str, Indel, LCSseq) -> tuple[float, int, int]:
    """The part ``w[x:y]`` of a window that best matches ``s``; returns (similarity, x, y).

    The window may hold more than ``s`` came from (``s`` is half of a split
    sentence, or a run of sentences was tried): the run of matching blocks
    with the best Dice coefficient is kept, then its ends nudged to pick up
    stray function words. The similarity is the share of words matched on
    the longer side, so a short phrase shared by chance scores low.
    """
    blocks = [(op.dest_start, op.dest_end) for op in Indel.opcodes(s, w) if op.tag == "equal"]
    if not blocks:
        return 0.0, 0, 0
    n = len(s)
    best = (-1.0, 0, 0, 0)  # dice, x, y, matched words
    sizes = [e - b for b, e in blocks]
    for p in range(len(blocks)):
        m = 0
        for q in range(p, len(blocks)):
            m += sizes[q]
            x, y = blocks[p][0], blocks[q][1]
            dice = 2 * m / (n + y - x)
            if dice > best[0] or (dice == best[0] and y - x < best[2] - best[1]):
                best = (dice, x, y, m)
    dice, x, y, m = best
    slack = min(3, n - m)
    if slack > 0:
        for x2 in range(max(0, x - slack), x + 1):
            for y2 in range(y, min(len(w), y + slack) + 1):
                m2 = LCSseq.similarity(s, w[x2:y2])
                d = 2 * m2 / (n + y2 - x2)
                if d > dice:
                    dice, x, y, m = d, x2, y2, m2
    return m / max(n, y - x), x, y


def _opcodes(s: str, w: str, Levenshtein) -> list[tuple[str, int, int, int, int]]:
    """Word-level edit script from the original part ``w`` to the suspect sentence ``s``.

    Returned from the suspect's side: "insert" words exist only in the
    suspect, "delete" words only in the original.
    """
    return [(op.tag, op.dest_start, op.dest_end, op.src_start, op.src_end) for op in Levenshtein.opcodes(w, s)]

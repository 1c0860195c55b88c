"""Scripted republishing perturbations, for testing and benchmarking `compare`.

A republisher rarely copies a report byte for byte: hamza and alef forms, ta
marbuta, alef maqsura, diacritics, tatweel, digits, quotes, punctuation and
spacing change; paragraphs are re-flowed or re-ordered; sentences are split or
merged; a word is swapped. Each perturbation here does one of these to a
`Doc` (paragraphs of sentences, each known to be inserted or not) so the gold
answer survives: `render` gives the perturbed text and the spans of the
inserted sentences, and `original` gives the source without them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .corpus import GoldArticle

__all__ = ["Piece", "Doc", "from_gold", "render", "original", "perturb", "PERTURBATIONS"]


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence and whether it was spliced in."""

    text: str
    inserted: bool


@dataclass(frozen=True, slots=True)
class Doc:
    title: str
    paragraphs: tuple[tuple[Piece, ...], ...]


def from_gold(gold: GoldArticle) -> Doc:
    """The paragraph/sentence structure of a labelled article."""
    art = gold.article
    labels = gold.labels()
    paragraphs = tuple(tuple(Piece(s.text, labels[s.index]) for s in p.sentences) for p in art.paragraphs)
    return Doc(art.title.text if art.title else "", paragraphs)


def render(doc: Doc) -> tuple[str, list[tuple[int, int]]]:
    """Text (title, blank line, paragraphs) and the spans of inserted sentences."""
    chunks: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0

    def put(s: str) -> None:
        nonlocal pos
        chunks.append(s)
        pos += len(s)

    if doc.title:
        put(doc.title + "\n\n")
    for k, para in enumerate(doc.paragraphs):
        if k:
            put("\n\n")
        for i, piece in enumerate(para):
            if i:
                put(" ")
            if piece.inserted:
                spans.append((pos, pos + len(piece.text)))
            put(piece.text)
    return "".join(chunks), spans


def original(doc: Doc) -> str:
    """The source article: ``doc`` without its inserted sentences."""
    paras = tuple(p for p in (tuple(s for s in para if not s.inserted) for para in doc.paragraphs) if p)
    return render(Doc(doc.title, paras))[0]


# -- letter-level perturbations (applied to every sentence) ------------------

_WORD = re.compile(r"[\u0621-\u064a]+")
_HARAKAT = "\u064e\u064f\u0650\u0652\u0651\u064b"


def _per_word(fn: Callable[[str, random.Random], str], rate: float) -> Callable[[Doc, random.Random], Doc]:
    def apply(doc: Doc, rng: random.Random) -> Doc:
        def edit(text: str) -> str:
            return _WORD.sub(lambda m: fn(m.group(0), rng) if rng.random() < rate else m.group(0), text)

        return _map_text(doc, edit)

    return apply


def _map_text(doc: Doc, edit: Callable[[str], str]) -> Doc:
    return Doc(doc.title, tuple(tuple(replace(p, text=edit(p.text)) for p in para) for para in doc.paragraphs))


def _hamza(word: str, rng: random.Random) -> str:
    if word[0] in "أإآ":
        return "ا" + word[1:]
    if word[0] == "ا":
        return rng.choice("أإ") + word[1:]
    return word


def _ta_marbuta(word: str, rng: random.Random) -> str:
    return word[:-1] + "ه" if word.endswith("ة") else word


def _alef_maqsura(word: str, rng: random.Random) -> str:
    if word.endswith("ى"):
        return word[:-1] + "ي"
    if word.endswith("ي"):
        return word[:-1] + "ى"
    return word


def _diacritics(word: str, rng: random.Random) -> str:
    return "".join(c + (rng.choice(_HARAKAT) if rng.random() < 0.5 else "") for c in word)


def _tatweel(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + "\u0640" * rng.randint(1, 3) + word[k:]


def _digits(doc: Doc, rng: random.Random) -> Doc:
    table = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    return _map_text(doc, lambda t: t.translate(table))


def _quotes(doc: Doc, rng: random.Random) -> Doc:
    left, right = rng.choice([("“", "”"), ('"', '"'), ("„", "“")])
    return _map_text(doc, lambda t: t.replace("«", left).replace("»", right))


def _punctuation(doc: Doc, rng: random.Random) -> Doc:
    def edit(t: str) -> str:
        t = t.replace("،", rng.choice([",", " ،", "،"]))
        t = t.replace("؛", ";")
        return re.sub(r" ", lambda m: "  " if rng.random() < 0.1 else " ", t)

    return _map_text(doc, edit)


# -- structural perturbations ----------------------------------------------


def _reflow(doc: Doc, rng: random.Random) -> Doc:
    """Join two adjacent paragraphs and split another in two."""
    paras = list(doc.paragraphs)
    if len(paras) >= 2:
        k = rng.randrange(len(paras) - 1)
        paras[k : k + 2] = [paras[k] + paras[k + 1]]
    long = [k for k, p in enumerate(paras) if len(p) >= 2]
    if long:
        k = rng.choice(long)
        cut = rng.randrange(1, len(paras[k]))
        paras[k : k + 1] = [paras[k][:cut], paras[k][cut:]]
    return Doc(doc.title, tuple(paras))


def _reorder(doc: Doc, rng: random.Random) -> Doc:
    """Swap two paragraphs."""
    paras = list(doc.paragraphs)
    if len(paras) >= 3:
        i, j = rng.sample(range(len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    return Doc(doc.title, tuple(paras))


_SPLIT_AT = re.compile(r"، (?=\S)")


def _split(doc: Doc, rng: random.Random) -> Doc:
    """Cut one long sentence in two at a comma."""
    spots = []
    for pi, para in enumerate(doc.paragraphs):
        for si, piece in enumerate(para):
            for m in _SPLIT_AT.finditer(piece.text):
                left, right = piece.text[: m.start()], piece.text[m.end() :]
                if len(left.split()) >= 6 and len(right.split()) >= 6 and "«" not in left:
                    spots.append((pi, si, m.start(), m.end()))
    if not spots:
        return doc
    pi, si, a, b = rng.choice(spots)
    piece = doc.paragraphs[pi][si]
    halves = (replace(piece, text=piece.text[:a] + "."), replace(piece, text=piece.text[b:]))
    return _set_para(doc, pi, doc.paragraphs[pi][:si] + halves + doc.paragraphs[pi][si + 1 :])


def _merge(doc: Doc, rng: random.Random) -> Doc:
    """Join two adjacent original sentences with a comma."""
    spots = [
        (pi, si)
        for pi, para in enumerate(doc.paragraphs)
        for si in range(len(para) - 1)
        if not para[si].inserted and not para[si + 1].inserted and para[si].text.endswith(".")
    ]
    if not spots:
        return doc
    pi, si = rng.choice(spots)
    a, b = doc.paragraphs[pi][si : si + 2]
    joined = Piece(a.text[:-1] + "، " + b.text, False)
    return _set_para(doc, pi, doc.paragraphs[pi][:si] + (joined,) + doc.paragraphs[pi][si + 2 :])


_SWAPS = ("أمس", "اليوم", "الجديد", "الكبير", "رسميا", "مؤخرا", "كذلك", "أيضا")


def _change_word(doc: Doc, rng: random.Random) -> Doc:
    """Replace one word in each of two original sentences of eight words or more."""
    spots = [
        (pi, si)
        for pi, para in enumerate(doc.paragraphs)
        for si, p in enumerate(para)
        if not p.inserted and len(p.text.split()) >= 8
    ]
    for pi, si in rng.sample(spots, min(2, len(spots))):
        piece = doc.paragraphs[pi][si]
        ws = piece.text.split(" ")
        plain = [k for k in range(1, len(ws) - 1) if _WORD.fullmatch(ws[k])]  # keep quotes and punctuation intact
        if not plain:
            continue
        ws[rng.choice(plain)] = rng.choice(_SWAPS)
        para = list(doc.paragraphs[pi])
        para[si] = replace(piece, text=" ".join(ws))
        doc = _set_para(doc, pi, tuple(para))
    return doc


def _set_para(doc: Doc, k: int, para: tuple[Piece, ...]) -> Doc:
    return Doc(doc.title, doc.paragraphs[:k] + (para,) + doc.paragraphs[k + 1 :])


#: name → perturbation, in the order `perturb` applies them.
PERTURBATIONS: dict[str, Callable[[Doc, random.Random], Doc]] = {
    "merge": _merge,
    "split": _split,
    "change_word": _change_word,
    "reflow": _reflow,
    "reorder": _reorder,
    "hamza": _per_word(_hamza, 0.4),
    "ta_marbuta": _per_word(_ta_marbuta, 0.5),
    "alef_maqsura": _per_word(_alef_maqsura, 0.5),
    "diacritics": _per_word(_diacritics, 0.2),
    "tatweel": _per_word(_tatweel, 0.1),
    "digits": _digits,
    "quotes": _quotes,
    "punctuation": _punctuation,
}


def perturb(doc: Doc, seed: int = 0, names: Iterable[str] | None = None) -> Doc:
    """Apply the named perturbations (default: all) in a fixed order, reproducibly."""
    chosen = set(PERTURBATIONS if names is None else names)
    unknown = chosen - PERTURBATIONS.keys()
    if unknown:
        raise ValueError(f"unknown perturbations: {', '.join(sorted(unknown))}")
    rng = random.Random(seed)
    for name, fn in PERTURBATIONS.items():
        if name in chosen:
            doc = fn(doc, rng)
    return doc


def recombine(sentences: list[str], count: int, seed: int = 0, *, mutate: float = 0.0) -> Iterable[tuple[str, str]]:
    """``count`` synthetic articles (title, text) built from random ``sentences``.

    Archive filler for tests and benchmarks: 3-6 paragraphs of 1-4 sentences.
    With ``mutate`` > 0 that share of words is swapped for words of other
    sentences, so articles do not share whole sentences with each other.
    """
    rng = random.Random(seed)
    vocab = [w for s in rng.sample(sentences, min(len(sentences), 500)) for w in s.split()]
    for _ in range(count):
        paras = []
        for _ in range(rng.randint(3, 6)):
            chosen = rng.sample(sentences, rng.randint(1, 4))
            if mutate:
                chosen = [" ".join(rng.choice(vocab) if rng.random() < mutate else w for w in s.split()) for s in chosen]
            paras.append(" ".join(chosen))
        title = " ".join(rng.sample(vocab, rng.randint(6, 10)))
        yield title, "\n\n".join(paras)

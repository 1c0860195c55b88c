"""The document model: text → `Article` of paragraphs and sentences.

Like spaCy's `Doc`/`Span`, every unit is a view with exact character offsets
(Python ``str`` indices) into the text exactly as given, so any renderer can
wrap, highlight or cut the original without re-segmenting or shifting bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

__all__ = ["Article", "Paragraph", "Sentence", "segment"]

#: Words that end with a period without ending the sentence (checked on the
#: light-normalised word before the dot). Single Arabic letters (د. م. أ.) are
#: handled by a rule, not listed.
ABBREVIATIONS = frozenset(
    {"ق.م", "ص.ب", "ت", "ه", "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "No", "vs", "etc", "U.S", "U.N", "U.K", "e.g", "i.e"}
)

_OPEN_QUOTES = {"«": "»", "“": "”", "\"": "\"", "„": "“"}
_TERMINATORS = ".!?؟"
_CLOSERS = "»\"”’')]}"
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v\u00a0\ufeff]*(?:\r\n|\r|\n)")
_LINE_BREAK = re.compile(r"[\r\n]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]`` of the article it belongs to."""

    start: int
    end: int
    text: str
    paragraph: int  # index into Article.paragraphs
    index: int  # index into Article.sentences


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between blank lines, with the sentences it holds."""

    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """A segmented article. ``title`` is set when the first line stands alone.

    The title is kept apart from ``sentences``: it is context for the body,
    not a sentence a splicer inserts into reporting.
    """

    text: str
    title: Sentence | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...] = field(repr=False)

    @classmethod
    def from_text(cls, text: str) -> "Article":
        return segment(text)


def segment(text: str) -> Article:
    """Split ``text`` into title, paragraphs and sentences with exact offsets."""
    blocks = _blocks(text)
    title: Sentence | None = None
    if len(blocks) > 1 and _is_title(text, *blocks[0]):
        first_start, first_end = blocks[0]
        title = Sentence(first_start, first_end, text[first_start:first_end], -1, -1)
        blocks = blocks[1:]
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    for p_start, p_end in blocks:
        own: list[Sentence] = []
        for s_start, s_end in _sentence_spans(text, p_start, p_end):
            s = Sentence(s_start, s_end, text[s_start:s_end], len(paragraphs), len(sentences))
            sentences.append(s)
            own.append(s)
        if own:
            paragraphs.append(Paragraph(p_start, p_end, tuple(own)))
    return Article(text, title, tuple(paragraphs), tuple(sentences))


def _is_title(text: str, start: int, end: int) -> bool:
    """A headline: one line, one sentence, not closed by a period.

    A one-line lead paragraph (common in scraped text) has several sentences
    or ends with a period, and must be scored, not taken for the title.
    """
    if _LINE_BREAK.search(text, start, end):
        return False
    if text[start:end].rstrip(_CLOSERS).endswith("."):
        return False
    return len(_split_line(text, start, end)) == 1


def _blocks(text: str) -> list[tuple[int, int]]:
    """Non-blank paragraph spans, trimmed of surrounding whitespace."""
    spans = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        a, b = _trim(text, a, b)
        if a < b:
            out.append((a, b))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] == "\ufeff"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == "\ufeff"):
        b -= 1
    return a, b


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        m = _LINE_BREAK.search(text, line_start, end)
        line_end = end if m is None else m.start()
        a, b = _trim(text, line_start, line_end)
        if a < b:
            spans.extend(_split_line(text, a, b))
        line_start = line_end + 1
    return spans


_QUOTE_CHARS = re.compile("[" + "".join(sorted(set(_OPEN_QUOTES) | set(_OPEN_QUOTES.values()))) + "]")
_BOUNDARY = re.compile(r"[.!?؟…]+[" + re.escape(_CLOSERS) + r"]*")


def _inside_quote(quoted: list[tuple[int, int]], starts: list[int], i: int, j: int) -> bool:
    """Whether a terminator at ``i`` (its run ending at ``j``) lies inside a quotation that closes later.

    Quotations on a line do not overlap, so only the last one opening before
    ``i`` can hold it: a bisection, not a scan (a line may hold thousands).
    """
    k = bisect_left(starts, i) - 1
    if k < 0:
        return False
    q0, q1 = quoted[k]
    return q0 < i < q1 and j <= q1


def _quoted_ranges(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Ranges of closed quotations within a line; an unclosed quote protects nothing."""
    ranges = []
    pos = a
    while True:
        m = _QUOTE_CHARS.search(text, pos, b)
        if m is None:
            return ranges
        i = m.start()
        close = _OPEN_QUOTES.get(text[i])
        j = text.find(close, i + 1, b) if close is not None else -1
        if j == -1:
            pos = i + 1
        else:
            ranges.append((i, j))
            pos = j + 1


def _split_line(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence spans of one line ``text[a:b]``; the line end always ends a sentence."""
    quoted: list[tuple[int, int]] | None = None
    starts: list[int] = []
    spans = []
    s = a
    for m in _BOUNDARY.finditer(text, a, b):
        i, j = m.start(), m.end()
        if j < b and not text[j].isspace():
            continue  # "3.5", "U.S.", "www.x": no boundary without following space
        run = text[i:j].rstrip(_CLOSERS)
        if run.count(".") >= 2 or "…" in run:
            continue  # ellipsis
        if quoted is None:
            quoted = _quoted_ranges(text, a, b)
            starts = [q0 for q0, _ in quoted]
        if _inside_quote(quoted, starts, i, j):
            continue  # inside a quotation that closes later on this line (not at its end)
        if run == "." and _is_abbreviation(text, s, i):
            continue
        spans.append((s, j))
        k = j
        while k < b and text[k].isspace():
            k += 1
        s = k
    if s < b:
        spans.append(_trim(text, s, b))
    return [sp for sp in spans if sp[0] < sp[1]]


def _is_abbreviation(text: str, s: int, dot: int) -> bool:
    start = max(text.rfind(" ", s, dot), text.rfind("\u00a0", s, dot)) + 1
    word = text[max(start, s) : dot]
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # د. م. أ. and Latin initials
    return word in ABBREVIATIONS

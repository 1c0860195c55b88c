"""Training data from an outlet's own archive: human articles with spliced machine sentences.

An outlet adapts kashif to its house style by training on its own reporting.
`synthesize` reads human articles (JSONL or .txt), splices 0 to N sentences
into each, drawn as in kashif's corpus (counts, positions, styles, a share of
clean articles), and writes corpus JSONL that `kashif train` reads. The
sentences come from a file the user wrote (`SentenceFile`) or from a chat
model the user runs (`ChatSentences`, via `kashif.llm.ChatClient`).

Every written article is read back with `kashif.corpus.from_record`, and is
written only if its labels are exactly the sentences spliced in.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .article import Article, Sentence, segment
from .corpus import POSITIONS, from_record
from .errors import FormatError, InputError, KashifError
from .inputs import check_text, decode, read_bytes
from .output import atomic_open
from .records import DEFAULT_FIELDS, Fields, RecordError, join_title, read_articles

__all__ = ["STYLES", "Fields", "SynthStats", "SentenceFile", "ChatSentences", "clean_sentence", "synthesize"]

#: Insertion styles of kashif's corpus, as a language model would write them.
STYLES = ("analysis", "vague_attribution", "restatement", "invented_quote", "transition", "invented_detail")

#: What each style asks the model for (in Arabic, the language of the prompt).
STYLE_PROMPTS = {
    "analysis": "جملة تحليلية تشرح دلالة الخبر أو انعكاساته المتوقعة",
    "vague_attribution": "معلومة إضافية منسوبة إلى مصادر غير محددة، مثل «بحسب مصادر مطلعة» أو «وفق مراقبين»",
    "restatement": "جملة تعيد صياغة معلومة وردت في الخبر أو تذكّر بسياقه العام",
    "invented_quote": "تصريحا منسوبا إلى مسؤول أو محلل لا يذكر اسمه، بصيغة «وقال مسؤول…» أو «ويرى محللون أن…»",
    "transition": "جملة انتقالية تربط ما قبلها بما بعدها",
    "invented_detail": "تفصيلا محددا غير وارد في النص، مثل رقم أو موعد أو مكان",
}

_TERMINATED = re.compile(r"[.!?؟][»\"”’')\]]*$")
_QUOTE_PAIRS = {"«": "»", "\"": "\"", "“": "”", "'": "'"}
_LIST_MARK = re.compile(r"^(?:[-*•–]|\d+[.)-]|[\u0660-\u0669]+[.)-])\s*")
_THINK = re.compile(r"<think>.*?</think>", re.S)
_PROBE = "وتابع."  # a sentence put after a candidate to test that it ends where we think
MAX_SENTENCE_CHARS = 400


def clean_sentence(raw: str) -> str | None:
    """One tidy Arabic sentence from a model's (or a file's) text, or None if unusable.

    Square brackets are removed (they mark insertions in kashif's gold format),
    wrapping quotes, list marks and line breaks go, final punctuation is ensured.
    Refused: empty, not Arabic, too short or long, or more than one sentence.
    """
    text = _THINK.sub(" ", raw).replace("[", " ").replace("]", " ")
    text = " ".join(text.split())
    text = _LIST_MARK.sub("", text)
    if len(text) >= 2 and _QUOTE_PAIRS.get(text[0]) == text[-1] and text[0] not in text[1:-1] and text[-1] not in text[1:-1]:
        text = text[1:-1].strip()
    elif len(text) >= 3 and _QUOTE_PAIRS.get(text[0]) == text[-2] and text[-1] in ".!?؟" and text[0] not in text[1:-2]:
        text = text[1:-2].strip() + text[-1]
    if not text:
        return None
    if not _TERMINATED.search(text):
        text = text.rstrip("…،,:;؛ ") + "."
    if len(text) > MAX_SENTENCE_CHARS or len(text.split()) < 3:
        return None
    try:
        check_text(text)
    except InputError:
        return None
    if not _closed(text) or len(segment(text).sentences) != 1:
        return None
    return text


def _closed(sentence: str) -> bool:
    """True if a sentence put before another in a paragraph still ends where it does now."""
    parts = segment(f"{sentence} {_PROBE}").sentences
    return len(parts) == 2 and parts[0].text == sentence


@dataclass(frozen=True)
class Context:
    """Where a sentence goes: the title and the sentences around the gap."""

    title: str
    before: str | None
    after: str | None
    standalone: bool


class SentenceSource(Protocol):
    styles: tuple[str, ...]

    def sentence(self, style: str, ctx: Context, rng: random.Random, used: set[str]) -> str | None: ...


class SentenceFile:
    """Sentences the user wrote, one a line, optionally ``style<TAB>sentence``.

    Unstyled lines get style ``unknown``. Blank lines are ignored; lines that
    are not one usable Arabic sentence are counted in ``rejected``.
    """

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        raw = read_bytes(path)
        self.pools: dict[str, list[str]] = {}
        self.rejected = 0
        for n, line in enumerate(decode(raw, str(path)).lstrip("\ufeff").splitlines(), 1):
            if not line.strip():
                continue
            style, sep, text = line.partition("\t")
            if not sep:
                style, text = "unknown", line
            style = style.strip()
            if style not in STYLES and style != "unknown":
                raise FormatError(f"{path}: line {n}: unknown style {style!r} (use one of {', '.join(STYLES)})")
            cleaned = clean_sentence(text)
            if cleaned is None:
                self.rejected += 1
            else:
                self.pools.setdefault(style, []).append(cleaned)
        if not self.pools:
            raise InputError(f"{path}: no usable Arabic sentences")
        self.styles = tuple(sorted(self.pools))
        self._queues: dict[str, list[str]] = {s: [] for s in self.styles}

    def sentence(self, style: str, ctx: Context, rng: random.Random, used: set[str]) -> str | None:
        """The next sentence of ``style``; each is used once before any is reused."""
        pool = self.pools[style]
        queue = self._queues[style]
        for _ in range(len(pool) + 1):
            if not queue:
                queue.extend(pool)
                rng.shuffle(queue)
            text = queue.pop()
            if text not in used:
                return text
        return None


class ChatSentences:
    """Sentences written by a chat model for each gap, in the requested style."""

    styles = STYLES

    def __init__(self, client: Any, attempts: int = 3) -> None:
        self.client = client
        self.attempts = attempts
        self.rejected = 0

    def sentence(self, style: str, ctx: Context, rng: random.Random, used: set[str]) -> str | None:
        messages = prompt(style, ctx)
        for _ in range(self.attempts):
            text = clean_sentence(self.client.complete(messages, seed=rng.randrange(2**31)))
            if text is not None and text not in used:
                return text
            self.rejected += 1
        return None


def prompt(style: str, ctx: Context) -> list[dict[str, str]]:
    """Chat messages asking, in Arabic, for one wire-style sentence for the gap ``ctx``."""
    lines = [f"عنوان الخبر: {ctx.title}"] if ctx.title else []
    if ctx.before:
        lines.append(f"الجملة السابقة: {ctx.before}")
    if ctx.after:
        lines.append(f"الجملة التالية: {ctx.after}")
    if ctx.before and ctx.after:
        where = "تصلح أن توضع بين الجملة السابقة والجملة التالية"
    elif ctx.before:
        where = "تصلح أن توضع بعد الجملة السابقة"
    else:
        where = "تصلح أن توضع قبل الجملة التالية"
    if ctx.standalone:
        where += " فقرةً مستقلة"
    lines.append(
        f"اكتب جملة واحدة فقط بالعربية الفصحى بأسلوب وكالات الأنباء، تتضمن {STYLE_PROMPTS[style]}، {where}. "
        "اكتب الجملة وحدها، دون شرح أو ترقيم أو عنوان، ودون أقواس مربعة، ودون علامات تنصيص حولها."
    )
    return [
        {"role": "system", "content": "أنت محرر أخبار في وكالة أنباء عربية، تكتب بلغة عربية فصحى دقيقة وموجزة."},
        {"role": "user", "content": "\n".join(lines)},
    ]


@dataclass
class Human:
    """One archive article, segmented, with the title kashif will read it with."""

    id: str
    title: str
    topic: str
    date: str
    paragraphs: list[list[str]]


@dataclass
class SynthStats:
    articles: int = 0
    clean: int = 0
    positions: Counter = field(default_factory=Counter)
    styles: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    unfilled: int = 0

    @property
    def insertions(self) -> int:
        return sum(self.positions.values())

    def summary(self, output: str | Path) -> str:
        pos = ", ".join(f"{p} {self.positions[p]}" for p in POSITIONS)
        line = f"wrote {self.articles} articles to {output}: {self.clean} clean, {self.insertions} insertions ({pos})"
        if self.unfilled:
            line += f"; {self.unfilled} gaps left unfilled (no usable sentence)"
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
            line += f"; skipped {sum(self.skipped.values())} archive records ({reasons})"
        return line


def read_archive(paths: Sequence[str | Path], fields: Fields, skipped: Counter) -> Iterator[Human]:
    """Human articles from the inputs `kashif.records` reads; bad records are counted in ``skipped`` by reason."""
    for art in read_articles(paths, fields):
        if isinstance(art, RecordError):
            skipped[_SKIP_DETAIL.sub("", art.reason)] += 1
            continue
        human = _human(art.text, art.id, art.title, art.topic or "unknown", art.date or "", skipped)
        if human:
            yield human


#: What a skip count leaves out of a reason: which item of a list, and the particulars in brackets.
_SKIP_DETAIL = re.compile(r"^item \d+: | \(.*$")


def _human(text: str, ident: str, title: str | None, topic: str, date: str, skipped: Counter) -> Human | None:
    """Segment one (checked) article; its title is the one kashif's reader will see in the output."""
    art: Article = segment(join_title(title, text))
    paragraphs = [[s.text for s in p.sentences] for p in art.paragraphs]
    if art.title is not None:
        title = " ".join(art.title.text.split())
    elif len(paragraphs) > 1:
        # Without a title line, the first paragraph of the written article is read as its title.
        title = " ".join(paragraphs.pop(0))
    else:
        title = ""
    if not paragraphs:
        skipped["no sentences"] += 1
        return None
    return Human(ident, title, topic, date, paragraphs)


@dataclass(frozen=True)
class Gap:
    """A place for one sentence: before sentence ``index`` of ``paragraph``, or a new paragraph."""

    position: str
    paragraph: int
    index: int


def gaps(human: Human) -> list[Gap]:
    """Every gap where a sentence can go without becoming the first sentence or merging with its neighbour."""
    out: list[Gap] = []
    paras = human.paragraphs
    for p, sents in enumerate(paras):
        for k in range(len(sents) + 1):
            if p == 0 and k == 0:
                continue  # never the article's first sentence
            if k and not _closed(sents[k - 1]):
                continue  # the sentence before would swallow ours
            position = "start" if k == 0 else "end" if k == len(sents) else "middle"
            out.append(Gap(position, p, k))
    if human.title:  # without a title a second paragraph would be read as body after a title-less lead
        out.extend(Gap("standalone", p, 0) for p in range(1, len(paras) + 1))
    return out


class Planner:
    """Draws counts, gaps and styles, keeping the share of paragraph ends under a cap."""

    def __init__(self, rng: random.Random, clean_share: float, max_insertions: int, max_end_share: float) -> None:
        self.rng = rng
        self.clean_share = clean_share
        self.max_insertions = max_insertions
        self.max_end_share = max_end_share
        self.ends = 0
        self.total = 0

    def count(self) -> int:
        return 0 if self.rng.random() < self.clean_share else self.rng.randint(1, self.max_insertions)

    def pick(self, free: list[Gap]) -> Gap | None:
        """A gap: first a position drawn uniformly among those free, then a gap of that position."""
        kinds = sorted({g.position for g in free}, key=POSITIONS.index)
        if (self.ends + 1) > self.max_end_share * (self.total + 1):
            kinds = [k for k in kinds if k != "end"]
        if not kinds:
            return None
        kind = self.rng.choice(kinds)
        return self.rng.choice([g for g in free if g.position == kind])

    def record(self, gap: Gap) -> None:
        self.total += 1
        self.ends += gap.position == "end"


def splice(human: Human, planner: Planner, source: SentenceSource, stats: SynthStats) -> dict[str, Any]:
    """One corpus record: ``human`` with the planned sentences spliced in."""
    free = gaps(human)
    chosen: list[tuple[Gap, str, str]] = []
    used: set[str] = set()
    for _ in range(planner.count()):
        gap = planner.pick(free)
        if gap is None:
            break
        free.remove(gap)
        style = planner.rng.choice(source.styles)
        text = source.sentence(style, _context(human, gap), planner.rng, used)
        if text is None:
            stats.unfilled += 1
            continue
        used.add(text)
        planner.record(gap)
        chosen.append((gap, style, text))
    at: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for g, style, text in chosen:
        kind = "standalone" if g.position == "standalone" else "in"
        at.setdefault((kind, g.paragraph, g.index), []).append({"text": text, "inserted": True, "style": style})
    paragraphs: list[list[dict[str, Any]]] = []
    for p, sents in enumerate(human.paragraphs + [[]]):
        paragraphs.extend([s] for s in at.get(("standalone", p, 0), []))
        para: list[dict[str, Any]] = []
        for k in range(len(sents) + 1):
            para.extend(at.get(("in", p, k), []))
            if k < len(sents):
                para.append({"text": sents[k], "inserted": False})
        if para:
            paragraphs.append(para)
    for g, style, _ in chosen:
        stats.positions[g.position] += 1
        stats.styles[style] += 1
    return {
        "id": human.id,
        "topic": human.topic,
        "date": human.date,
        "title": human.title,
        "paragraphs": paragraphs,
        "source": "synth",
    }


def _context(human: Human, gap: Gap) -> Context:
    paras = human.paragraphs
    flat: list[str] = [s for p in paras for s in p]
    offset = sum(len(p) for p in paras[: gap.paragraph]) + gap.index
    before = flat[offset - 1] if offset > 0 else None
    after = flat[offset] if offset < len(flat) else None
    return Context(human.title, before, after, gap.position == "standalone")


def round_trips(rec: dict[str, Any]) -> bool:
    """True if kashif reads ``rec`` back with exactly the spliced sentences labelled inserted."""
    gold = from_record(rec)
    expected = [s["text"] for p in rec["paragraphs"] for s in p if s["inserted"]]
    sentences: list[Sentence] = list(gold.article.sentences)
    got = [s.text for s, inserted in zip(sentences, gold.labels()) if inserted]
    return got == expected and (not sentences or not gold.labels()[0])


def synthesize(
    archive: Sequence[str | Path],
    output: str | Path,
    source: SentenceSource,
    *,
    seed: int = 0,
    clean_share: float = 0.22,
    max_insertions: int = 4,
    max_end_share: float = 0.35,
    fields: Fields = DEFAULT_FIELDS,
    limit: int | None = None,
) -> SynthStats:
    """Write corpus JSONL to ``output`` (atomically) from the human articles in ``archive``."""
    if not 0 <= clean_share <= 1:
        raise InputError(f"clean share must be between 0 and 1, not {clean_share}")
    if not 0 <= max_end_share <= 1:
        raise InputError(f"end share must be between 0 and 1, not {max_end_share}")
    if max_insertions < 1:
        raise InputError(f"at most {max_insertions} insertions per article: need at least 1")
    if limit is not None and limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    output = Path(output)
    if not output.parent.is_dir():
        raise InputError(f"{output.parent}: no such folder for the output")
    if any(Path(a).resolve() == output.resolve() for a in archive):
        raise InputError(f"{output}: the output would overwrite an archive file")
    stats = SynthStats()
    planner = Planner(random.Random(seed), clean_share, max_insertions, max_end_share)
    seen: Counter = Counter()
    with atomic_open(output, "w", encoding="utf-8") as fh:
        for human in read_archive(archive, fields, stats.skipped):
            if limit is not None and stats.articles >= limit:
                break
            seen[human.id] += 1
            if seen[human.id] > 1:
                human.id = f"{human.id}~{seen[human.id]}"
            rec = splice(human, planner, source, stats)
            if not round_trips(rec):  # guarded by `gaps`; never write a mislabelled article
                raise KashifError(f"{human.id}: spliced article does not read back with its labels")
            stats.articles += 1
            stats.clean += not any(s["inserted"] for p in rec["paragraphs"] for s in p)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if stats.articles == 0:  # raised inside the block, so no empty output appears
            why = ", ".join(f"{n} {w}" for w, n in stats.skipped.most_common())
            raise InputError("no usable articles in the archive" + (f" (skipped: {why})" if why else ""))
    return stats

"""Reading articles to archive: JSONL, news-please JSON, and folders of .txt.

The files are read by `kashif.records`, the rules every command shares; this
module only turns its articles into archive records and decides what a bad
record does: by default it stops the whole add (`Archive.add` then adds
nothing), with ``on_bad`` it is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..article import segment
from ..records import RecordError, expand, join_title, read_articles

__all__ = ["Record", "expand", "read_records"]


@dataclass(frozen=True, slots=True)
class Record:
    """One archived article. ``text`` is the body; ``title`` is kept apart when known."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None

    @property
    def full_text(self) -> str:
        """Title, blank line, body: the article as `compare` should see it."""
        return join_title(self.title, self.text)


def read_records(paths: Sequence[str | Path], on_bad: Callable[[RecordError], None] | None = None) -> Iterator[Record]:
    """Archive records of the articles in JSONL, news-please JSON or .txt files.

    A bad record raises its `RecordError`; given ``on_bad``, the error is
    passed to it instead and reading goes on with the next record.
    """
    for art in read_articles(paths):
        if isinstance(art, RecordError):
            if on_bad is None:
                raise art
            on_bad(art)
            continue
        title = art.title
        if title is None and Path(art.file).suffix.lower() == ".txt":  # a .txt article's title is its first line, if it has one
            line = segment(art.text).title
            title = line.text if line else None
        yield Record(art.id, art.text, art.url, title, art.date, art.file)

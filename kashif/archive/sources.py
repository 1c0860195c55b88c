"""Reading articles to archive: JSONL, news-please JSON, and folders of .txt.

Every file is checked before anything is written, with one-line errors that
name the file (and line): a missing or empty file, a file given twice, a
malformed record, text kashif cannot read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..article import segment
from ..errors import FormatError, InputError
from ..inputs import MAX_BYTES, check_text, decode

__all__ = ["Record", "read_records", "expand", "SUFFIXES"]

SUFFIXES = (".jsonl", ".json", ".txt")

#: Longest JSONL line read. JSON escapes take up to six bytes a character, so
#: an article within `MAX_BYTES` fits; a longer line is refused without being read whole.
LINE_LIMIT = 8 * MAX_BYTES


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
        if self.title and not self.text.lstrip().startswith(self.title):
            return f"{self.title}\n\n{self.text}"
        return self.text


def expand(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """The files to read, each with the id prefix for its .txt articles; refuses repeats."""
    out: list[tuple[Path, str]] = []
    seen: dict[Path, str] = {}
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{p}: folder holds no .txt, .json or .jsonl files")
            files = [(f, f.relative_to(p).as_posix()) for f in found]
        else:
            if p.suffix.lower() not in SUFFIXES:
                raise InputError(f"{p}: unsupported file type (use .jsonl, .json, .txt or a folder of them)")
            files = [(p, p.name)]
        for f, name in files:
            real = f.resolve()
            if real in seen:
                raise InputError(f"{f}: given twice (also as {seen[real]})")
            seen[real] = str(f)
            out.append((f, name))
    return out


def read_records(paths: Sequence[str | Path], on_bad: Callable[[InputError], None] | None = None) -> Iterator[Record]:
    """Articles from JSONL (id, url, title, date, text), news-please JSON or .txt files.

    A record or file that cannot be read raises its `InputError`, so that
    `Archive.add` adds nothing; given ``on_bad``, the error is passed to it
    instead and reading goes on with the next record (or file).
    """
    for path, name in expand(paths):
        items = _items(path, name)
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except InputError as exc:  # the file as a whole: unreadable, empty, malformed
                item = exc
            if isinstance(item, Record):
                yield item
            elif on_bad is None:
                raise item
            else:
                on_bad(item)


def _items(path: Path, name: str) -> Iterator[Record | InputError]:
    """A file's records, with the error of each bad one in its place; raises for a bad file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path)
    elif suffix == ".json":
        yield from _json(path)
    else:
        yield _txt(path, name)


def _jsonl(path: Path) -> Iterator[Record | InputError]:
    any_line = False
    with _open(path) as fh:
        n = 0
        while raw := fh.readline(LINE_LIMIT + 1):
            n += 1
            if not raw.strip():
                continue
            any_line = True
            where = f"{path}: line {n}"
            if len(raw) > LINE_LIMIT and not raw.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield FormatError(f"{where}: longer than the {LINE_LIMIT // (1024 * 1024)} MiB limit for one line")
                continue
            yield _attempt(_line_record, raw, where, str(path))
    if not any_line:
        raise InputError(f"{path}: empty file")


def _line_record(raw: bytes, where: str, source: str) -> Record:
    """The record of one JSON line. The article limit applies to its text once parsed (`check_text`
    in `_record`), not to the line: JSON escapes make a legal article's line up to six times longer."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"{where}: malformed JSON ({exc.msg})") from None
    return _record(obj, where, source)


def _attempt(make: Callable[..., Record], *args: Any, **kwargs: Any) -> Record | InputError:
    """``make(*args, **kwargs)``, or the `InputError` it raised, to be reported in its place."""
    try:
        return make(*args, **kwargs)
    except InputError as exc:
        return exc


def _json(path: Path) -> Iterator[Record | InputError]:
    with _open(path) as fh:
        raw = fh.read()
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: malformed JSON ({exc.msg}, line {exc.lineno})") from None
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        raise InputError(f"{path}: empty list of articles")
    for k, item in enumerate(items):
        where = str(path) if len(items) == 1 else f"{path}: item {k + 1}"
        yield _attempt(_record, item, where, str(path), default_id=path.stem if len(items) == 1 else None)


def _txt(path: Path, name: str) -> Record:
    with _open(path) as fh:
        raw = fh.read()
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    text = check_text(decode(raw, str(path)).lstrip("\ufeff"), str(path))
    title = segment(text).title
    return Record(name, text, title=title.text if title else None, source=str(path))


def _record(obj: Any, where: str, source: str, default_id: str | None = None) -> Record:
    """A record from our JSONL fields or news-please's (maintext, date_publish, ...)."""
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object")
    text = obj.get("text", obj.get("maintext"))
    if not isinstance(text, str) or not text.strip():
        raise FormatError(f"{where}: no article text (needs a non-empty 'text' or 'maintext')")
    url = _opt(obj, "url", where)
    ident = obj.get("id", url or default_id)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident).strip():
        raise FormatError(f"{where}: no article id (needs 'id' or 'url')")
    title = _opt(obj, "title", where)
    date = _opt(obj, "date", where) or _opt(obj, "date_publish", where)
    return Record(str(ident), check_text(text, where), url, title.strip() if title else None, date, source)


def _opt(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise FormatError(f"{where}: '{key}' must be a string")


def _open(path: Path):
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None

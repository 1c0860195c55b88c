"""Reading articles from files: JSONL, news-please JSON and folders of .txt.

`kashif index add`, `kashif batch` and `kashif synth` read the same kinds of
input, so they read them here, with one set of rules:

* `expand` turns the paths given into input files (folders walked in sorted
  order, hidden files and folders skipped, a file given twice refused);
* `iter_raw` cuts the files into raw records of bounded size (one per JSONL
  line, one per other file) without parsing them, so a batch run can parse in
  its workers;
* `to_articles` turns a raw record into articles: one JSON-to-article mapping,
  one id fallback, one news-please title rule, and the text checked with
  `kashif.inputs.check_text`.

A record that cannot be read becomes a `RecordError` carrying its file, line,
id (when known) and reason; each command decides what to do with it: abort,
write an error row, or count it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .inputs import MAX_BYTES, check_text, decode

__all__ = [
    "DEFAULT_FIELDS",
    "KINDS",
    "LINE_LIMIT",
    "ArticleRecord",
    "Fields",
    "InputFile",
    "RawRecord",
    "RecordError",
    "expand",
    "iter_raw",
    "join_title",
    "read_articles",
    "to_articles",
]

#: Longest JSON line or news-please file read. JSON escapes can take six bytes
#: per character, so a record whose text is within `MAX_BYTES` fits easily;
#: the article limit applies to the text once parsed, not to the raw line.
LINE_LIMIT = 8 * MAX_BYTES

#: Input kinds by file suffix.
KINDS: Mapping[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".txt": "txt"}

_BOM = b"\xef\xbb\xbf"
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fields:
    """JSON field names of a record; only the text is required."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    topic: str = "topic"


#: The usual field names: ``id``, ``text``, ``title``, ``url``, ``date``, ``topic``.
DEFAULT_FIELDS = Fields()


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    kind: str
    #: The file's path inside the folder given (or its name): the fallback id of its articles.
    name: str


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record before parsing. ``(source, line)`` is its unique position."""

    source: str
    line: int | None
    kind: str
    data: bytes
    name: str | None = None
    #: Set when the reader already knows the record is unusable (too long, unreadable).
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article read from a record. ``text`` is the body; ``title`` is kept apart when known."""

    id: str
    text: str
    title: str | None
    url: str | None
    date: str | None
    topic: str | None
    file: str
    line: int | None

    @property
    def full_text(self) -> str:
        """The article as one string, for consumers that read it whole."""
        return join_title(self.title, self.text)


class RecordError(InputError):
    """A record that cannot be read, with where it came from and why."""

    def __init__(self, file: str, line: int | None, reason: str, id: str | None = None) -> None:
        super().__init__(f"{file}: {reason}" if line is None else f"{file}: line {line}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason
        self.id = id


def join_title(title: str | None, text: str) -> str:
    """Title, blank line, text: the one way a kept-apart title rejoins its article
    (left out when the text already begins with it, so it is never read twice)."""
    return f"{title}\n\n{text}" if title and not text.lstrip().startswith(title) else text


def expand(paths: Sequence[str | Path], kinds: Mapping[str, str] = KINDS) -> list[InputFile]:
    """Every input file in reading order (folders walked in sorted order), or a clear refusal."""
    if not paths:
        raise InputError("no input given")
    *most, last = kinds
    wanted = f"{', '.join(most)} or {last}" if most else last
    files: list[InputFile] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = [
                f
                for f in sorted(p.rglob("*"))
                if f.suffix.lower() in kinds and f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            if not found:
                raise InputError(f"{p}: folder has no {wanted} files")
            files.extend(InputFile(f, kinds[f.suffix.lower()], f.relative_to(p).as_posix()) for f in found)
        elif p.is_file():
            kind = kinds.get(p.suffix.lower())
            if kind is None:
                raise InputError(f"{p}: unsupported input (expected {wanted}, or a folder)")
            files.append(InputFile(p, kind, p.name))
        elif p.exists():
            raise InputError(f"{p}: not a regular file or folder")
        else:
            raise InputError(f"{p}: no such file or folder")
    seen: set[Path] = set()
    for f in files:
        real = f.path.resolve()
        if real in seen:
            raise InputError(f"{f.path}: given twice; each record must be read once")
        seen.add(real)
    return files


def iter_raw(files: Iterable[InputFile]) -> Iterator[RawRecord]:
    """All records of all inputs, in order. Blank JSONL lines are not records."""
    for f in files:
        if f.kind == "jsonl":
            yield from _jsonl_records(f)
        else:
            yield _file_record(f)


def _jsonl_records(f: InputFile) -> Iterator[RawRecord]:
    source = str(f.path)
    try:
        fh = f.path.open("rb")
    except OSError as exc:
        yield RawRecord(source, None, f.kind, b"", f.name, f"cannot read ({exc.strerror})")
        return
    with fh:
        n = 0
        while raw := fh.readline(LINE_LIMIT + 1):
            n += 1
            if n == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if len(raw) > LINE_LIMIT and not raw.endswith(b"\n"):
                while (rest := fh.readline(_MIB)) and not rest.endswith(b"\n"):
                    pass
                yield RawRecord(source, n, f.kind, b"", f.name, f"line longer than {LINE_LIMIT // _MIB} MiB")
            elif raw.strip():
                yield RawRecord(source, n, f.kind, raw, f.name)


def _file_record(f: InputFile) -> RawRecord:
    source = str(f.path)
    limit = MAX_BYTES if f.kind == "txt" else LINE_LIMIT
    try:
        if f.path.stat().st_size > limit + len(_BOM):
            return RawRecord(source, None, f.kind, b"", f.name, f"larger than {limit // _MIB} MiB")
        with f.path.open("rb") as fh:
            data = fh.read(limit + len(_BOM) + 1)
    except OSError as exc:
        return RawRecord(source, None, f.kind, b"", f.name, f"cannot read ({exc.strerror})")
    return RawRecord(source, None, f.kind, data.removeprefix(_BOM), f.name)


def to_articles(raw: RawRecord, fields: Fields = DEFAULT_FIELDS) -> Iterator[ArticleRecord | RecordError]:
    """The articles of a raw record, each bad one replaced by its `RecordError`.

    A .txt file is one article; a JSONL line is one JSON object; a .json file is
    one object or a list of them (one article per item).
    """
    name = raw.name or raw.source

    def fail(reason: str) -> RecordError:
        return RecordError(raw.source, raw.line, reason, name if raw.line is None else None)

    if raw.error:
        yield fail(raw.error)
        return
    if raw.kind == "txt":
        try:
            text = _checked(decode(raw.data, "text"))
        except InputError as exc:
            yield fail(_reason(exc))
            return
        yield ArticleRecord(name, text, None, None, None, None, raw.source, raw.line)
        return
    if len(raw.data) > LINE_LIMIT:
        yield fail(f"{'line longer' if raw.kind == 'jsonl' else 'larger'} than {LINE_LIMIT // _MIB} MiB")
        return
    try:
        obj = json.loads(raw.data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield fail(f"not valid UTF-8 (bad byte at offset {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield fail(f"malformed JSON ({exc.msg} at character {exc.pos})")
        return
    if raw.kind == "json" and isinstance(obj, list):
        if not obj:
            yield fail("empty list of articles")
        for k, item in enumerate(obj, 1):
            yield _article(item, raw, fields, f"{name}#{k}", f"item {k}: ")
    else:
        yield _article(obj, raw, fields, name if raw.line is None else f"{name}:{raw.line}", "")


def _article(obj: Any, raw: RawRecord, fields: Fields, fallback: str, where: str) -> ArticleRecord | RecordError:
    """One JSON object as an article: our fields, or news-please's (maintext, date_publish)."""
    if not isinstance(obj, dict):
        return RecordError(raw.source, raw.line, f"{where}expected a JSON object, not {type(obj).__name__}")
    ident: str | None = None
    try:
        url = _opt(obj, fields.url)
        value = obj.get(fields.id)
        if value is not None:
            if isinstance(value, (dict, list, bool)) or not str(value).strip():
                raise ValueError(f"id field '{fields.id}' is not a non-empty string or number")
            ident = str(value)
        ident = ident or url or fallback
        text = obj.get(fields.text)
        if text is None:
            text = obj.get("maintext")
        if text is None:
            raise ValueError(f"missing text field '{fields.text}' (or news-please 'maintext')")
        if not isinstance(text, str):
            raise ValueError(f"text field '{fields.text}' is not a string")
        title = _opt(obj, fields.title)
        date = _opt(obj, fields.date) or _opt(obj, "date_publish")
        topic = _opt(obj, fields.topic)
        text = _checked(text)
    except (ValueError, InputError) as exc:
        return RecordError(raw.source, raw.line, where + _reason(exc), ident)
    return ArticleRecord(ident, text, title.strip() if title else None, url, date, topic, raw.source, raw.line)


def _opt(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise ValueError(f"field '{key}' is not a string")


def _checked(text: str) -> str:
    return check_text(text, "text")


def _reason(exc: Exception) -> str:
    """The message without the ``text: `` name `check_text` and `decode` put first."""
    return str(exc).removeprefix("text: ")


def read_articles(paths: Sequence[str | Path], fields: Fields = DEFAULT_FIELDS) -> Iterator[ArticleRecord | RecordError]:
    """Every article of the inputs, in order, each bad record replaced by its `RecordError`."""
    for raw in iter_raw(expand(paths)):
        yield from to_articles(raw, fields)

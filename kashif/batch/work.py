"""What a worker does with a partition of raw records: parse, validate, check.

This module is imported in worker processes (local pool or Dask workers), so
it imports only kashif itself. Each process loads the model once
(`kashif.model.default_model` caches it) and opens a reference archive once
(read-only use of SQLite, so any number of workers can share it).
A record that cannot be checked becomes an error row with its reason; any
other record becomes one output row. Nothing a record contains can stop the
partition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, KashifError
from ..inputs import check_text, decode
from .readers import LINE_LIMIT, RawRecord


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """Per-run settings every worker needs; part of a run's identity for --resume."""

    id_field: str = "id"
    text_field: str = "text"
    threshold: float | None = None
    reference_db: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's output and error rows as JSONL text, with counts."""

    out: str
    err: str
    ok: int
    flagged: int
    failed: int


class RecordError(Exception):
    """A record that cannot be checked; carries its id when one was found."""

    def __init__(self, reason: str, ident: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ident = ident


def where(rec: RawRecord) -> str:
    return rec.source if rec.line is None else f"{rec.source}:{rec.line}"


def _reason(exc: Exception, name: str) -> str:
    msg = str(exc)
    return msg[len(name) + 2 :] if msg.startswith(name + ": ") else msg


def parse(rec: RawRecord, opts: WorkOptions) -> tuple[str, str]:
    """The id and article text of a record, or `RecordError` with the reason."""
    if rec.error:
        raise RecordError(rec.error, rec.name)
    if rec.kind == "txt":
        name = where(rec)
        try:
            return str(rec.name), decode(rec.data, name)
        except InputError as exc:
            raise RecordError(_reason(exc, name), rec.name) from None
    # The article limit applies to the text field once parsed (`_check`), not to the
    # JSON: escapes make a legal article's line up to six times longer.
    if len(rec.data) > LINE_LIMIT:
        what = "line longer" if rec.kind == "jsonl" else "larger"
        raise RecordError(f"{what} than {LINE_LIMIT // (1024 * 1024)} MiB", rec.name)
    try:
        obj = json.loads(rec.data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RecordError(f"not valid UTF-8 (bad byte at offset {exc.start})", rec.name) from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"malformed JSON ({exc.msg} at character {exc.pos})", rec.name) from None
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object, not {type(obj).__name__}", rec.name)
    if rec.kind == "jsonl":
        ident = _field(obj, opts.id_field, "id", None)
        return ident, _field(obj, opts.text_field, "text", ident)
    # news-please: url identifies the article; the text is the title and the main text.
    ident = obj.get(opts.id_field) or obj.get("url") or rec.name
    ident = str(ident) if ident is not None else None
    if opts.text_field in obj:
        return str(ident), _field(obj, opts.text_field, "text", ident)
    title = obj.get("title") or ""
    body = obj.get("maintext")
    if not isinstance(body, str) or not isinstance(title, str):
        raise RecordError(f"no '{opts.text_field}' or news-please 'maintext' text field", ident)
    return str(ident), f"{title.strip()}\n\n{body}" if title.strip() else body


def _field(obj: dict[str, Any], key: str, what: str, ident: str | None) -> str:
    if key not in obj or obj[key] is None:
        raise RecordError(f"missing {what} field '{key}'", ident)
    value = obj[key]
    if what == "id":
        if isinstance(value, (dict, list)):
            raise RecordError(f"{what} field '{key}' is not a string or number")
        return str(value)
    if not isinstance(value, str):
        raise RecordError(f"{what} field '{key}' is not a string", ident)
    return value


def check_record(rec: RawRecord, opts: WorkOptions) -> dict[str, Any]:
    """The output row of one record, or `RecordError`."""
    ident, text = parse(rec, opts)
    try:
        result = _check(text, opts)
    except InputError as exc:
        raise RecordError(_reason(exc, "input"), ident) from None
    except KashifError:
        raise  # a broken model or archive concerns the whole run, not this record
    except Exception as exc:  # a bug on one article must not cost the others
        raise RecordError(f"internal error: {type(exc).__name__}: {exc}", ident) from None
    return summarise(ident, rec, result)


def _check(text: str, opts: WorkOptions) -> dict[str, Any]:
    """The public API's answer as a dict: `kashif.check` against the archive, or
    `kashif.detect`, which validates the text itself (`check_text`)."""
    if opts.reference_db:
        from ..archive import check

        check_text(text, "input")
        return check(text, _archive(opts.reference_db)).to_dict()
    from ..detector import detect

    return {"mode": "detector"} | detect(text, threshold=opts.threshold).to_dict()


#: Archives opened by this process, by path: opened once, used for every article.
_ARCHIVES: dict[str, Any] = {}


def _archive(path: str) -> Any:
    from ..archive.store import Archive

    if path not in _ARCHIVES:
        _ARCHIVES[path] = Archive(path)
    return _ARCHIVES[path]


def summarise(ident: str, rec: RawRecord, result: dict[str, Any]) -> dict[str, Any]:
    """One output row: the record's id and position, article-level figures, the flagged sentences.

    Keys of the checker's answer not summarised here (e.g. the source an
    archive check found) are kept as they are.
    """
    sentences = result.get("sentences", [])
    flagged = [{k: v for k, v in s.items() if k != "inserted"} for s in sentences if s.get("inserted")]
    row: dict[str, Any] = {
        "id": ident,
        "file": rec.source,
        "line": rec.line,
        "mode": result.get("mode", "detector"),
        "n_sentences": len(sentences),
        "n_flagged": len(flagged),
        "top_score": max((s["score"] for s in sentences), default=None),
        "threshold": result.get("threshold"),
        "flagged": flagged,
        "warnings": result.get("warnings", []),
        "model": result.get("model"),
    }
    extra = {k: v for k, v in result.items() if k not in row and k not in ("sentences", "text")}
    return row | extra


def error_row(rec: RawRecord, exc: RecordError) -> dict[str, Any]:
    return {"id": exc.ident, "file": rec.source, "line": rec.line, "reason": exc.reason}


def process_partition(records: Sequence[RawRecord], opts: WorkOptions) -> PartitionResult:
    """Check every record of a partition; the unit of work of both engines."""
    out: list[str] = []
    err: list[str] = []
    flagged = 0
    for rec in records:
        try:
            row = check_record(rec, opts)
        except RecordError as exc:
            err.append(json.dumps(error_row(rec, exc), ensure_ascii=False) + "\n")
            continue
        flagged += row["n_flagged"] > 0
        out.append(json.dumps(row, ensure_ascii=False) + "\n")
    return PartitionResult("".join(out), "".join(err), len(out), flagged, len(err))


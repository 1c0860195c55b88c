"""What a worker does with a partition of raw records: parse, validate, check.

This module is imported in worker processes (local pool or Dask workers), so
it imports only kashif itself. Each process loads the model once
(`kashif.model.default_model` caches it) and opens a reference archive once
(read-only use of SQLite, so any number of workers can share it).
Records are read into articles by `kashif.records` (a news-please list holds
several). An article or record that cannot be checked becomes an error row
with its reason; every other article becomes one output row. Nothing a record contains can stop the
partition.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, KashifError
from ..inputs import check_text
from ..records import ArticleRecord, Fields, RawRecord, RecordError, to_articles


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


def articles(rec: RawRecord, opts: WorkOptions) -> Iterator[ArticleRecord | RecordError]:
    """The articles of a raw record (a .json list holds several), read by the shared rules."""
    return to_articles(rec, Fields(id=opts.id_field, text=opts.text_field))


def check_article(art: ArticleRecord, opts: WorkOptions) -> dict[str, Any]:
    """The output row of one article (title and text joined), or `RecordError`."""
    try:
        result = _check(art.full_text, opts)
    except InputError as exc:
        raise RecordError(art.file, art.line, str(exc).removeprefix("input: "), art.id) from None
    except KashifError:
        raise  # a broken model or archive concerns the whole run, not this record
    except Exception as exc:  # a bug on one article must not cost the others
        raise RecordError(art.file, art.line, f"internal error: {type(exc).__name__}: {exc}", art.id) from None
    return summarise(art, result)


def _check(text: str, opts: WorkOptions) -> dict[str, Any]:
    """The public API's answer as a dict: `kashif.check` against the archive, or
    `kashif.detect`, which validates the text itself (`check_text`)."""
    if opts.reference_db:
        from ..archive import check

        check_text(text, "input")
        return check(text, _archive(opts.reference_db), threshold=opts.threshold).to_dict()
    from ..detector import detect

    return {"mode": "detector"} | detect(text, threshold=opts.threshold).to_dict()


#: Archives opened by this process, by path: opened once, used for every article.
_ARCHIVES: dict[str, Any] = {}


def _archive(path: str) -> Any:
    from ..archive.store import Archive

    if path not in _ARCHIVES:
        _ARCHIVES[path] = Archive(path)
    return _ARCHIVES[path]


def summarise(art: ArticleRecord, result: dict[str, Any]) -> dict[str, Any]:
    """One output row: the record's id and position, article-level figures, the flagged sentences.

    Keys of the checker's answer not summarised here (e.g. the source an
    archive check found) are kept as they are.
    """
    sentences = result.get("sentences", [])
    flagged = [{k: v for k, v in s.items() if k != "inserted"} for s in sentences if s.get("inserted")]
    row: dict[str, Any] = {
        "id": art.id,
        "file": art.file,
        "line": art.line,
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


def error_row(exc: RecordError) -> dict[str, Any]:
    return {"id": exc.id, "file": exc.file, "line": exc.line, "reason": exc.reason}


def process_partition(records: Sequence[RawRecord], opts: WorkOptions) -> PartitionResult:
    """Check every record of a partition; the unit of work of both engines."""
    out: list[str] = []
    err: list[str] = []
    flagged = 0
    for rec in records:
        for art in articles(rec, opts):
            try:
                if isinstance(art, RecordError):
                    raise art
                row = check_article(art, opts)
            except RecordError as exc:
                err.append(json.dumps(error_row(exc), ensure_ascii=False) + "\n")
                continue
            flagged += row["n_flagged"] > 0
            out.append(json.dumps(row, ensure_ascii=False) + "\n")
    return PartitionResult("".join(out), "".join(err), len(out), flagged, len(err))

